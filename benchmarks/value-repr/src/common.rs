//! What the three candidates share: heap object layout, type objects, allocation through the
//! global allocator, and the placeholder slow path of `add`.

use std::alloc::{Layout, alloc, dealloc, handle_alloc_error};
use std::cell::UnsafeCell;

/// A type object. Guards compare an object's type pointer with the address of one of these.
#[repr(C)]
pub struct TypeObj {
    pub name: &'static str,
    /// Size in bytes of an instance (the header included).
    pub size: usize,
}

pub static INT_TYPE: TypeObj = TypeObj {
    name: "int",
    size: size_of::<IntObj>(),
};
pub static FLOAT_TYPE: TypeObj = TypeObj {
    name: "float",
    size: size_of::<FloatObj>(),
};
/// Placeholder for arbitrary-precision ints: an i128 (enough for these benchmarks' overflow path).
pub static BIG_TYPE: TypeObj = TypeObj {
    name: "int(big)",
    size: size_of::<BigObj>(),
};
/// Some other heap object (a stand-in for str, list, …) used by the refcount benchmark.
pub static OBJ_TYPE: TypeObj = TypeObj {
    name: "object",
    size: size_of::<OtherObj>(),
};

/// Every heap object starts with this header (the layout of runtime/src/abi.rs).
#[repr(C)]
pub struct Header {
    pub rc: i64,
    pub ty: *const TypeObj,
}

#[repr(C)]
pub struct IntObj {
    pub h: Header,
    pub v: i64,
}
#[repr(C)]
pub struct FloatObj {
    pub h: Header,
    pub v: f64,
}
#[repr(C)]
pub struct BigObj {
    pub h: Header,
    pub lo: u64,
    pub hi: i64,
}
#[repr(C)]
pub struct OtherObj {
    pub h: Header,
    pub payload: u64,
}

/// Objects allocated and not yet freed (debug builds only: `cargo run -- --n 100000` checks
/// every benchmark frees what it allocates).
#[cfg(debug_assertions)]
pub static LIVE: Global<i64> = Global::new(0);

pub const IMMORTAL_RC: i64 = 1 << 60;

/// A new object of type `ty` with a reference count of 1 (global allocator = malloc).
#[inline(always)]
pub unsafe fn alloc_obj(ty: &'static TypeObj) -> *mut Header {
    unsafe {
        let layout = Layout::from_size_align_unchecked(ty.size, 8);
        let p = alloc(layout) as *mut Header;
        if p.is_null() {
            handle_alloc_error(layout);
        }
        p.write(Header { rc: 1, ty });
        #[cfg(debug_assertions)]
        LIVE.set(LIVE.get() + 1);
        p
    }
}

/// Frees an object whose count reached zero. Out of line, as `molt_obj_dealloc` is.
#[inline(never)]
pub unsafe fn free_obj(p: *mut Header) {
    unsafe {
        let size = (*(*p).ty).size;
        #[cfg(debug_assertions)]
        LIVE.set(LIVE.get() - 1);
        dealloc(p as *mut u8, Layout::from_size_align_unchecked(size, 8));
    }
}

#[inline(always)]
pub fn is(p: *const Header, ty: &'static TypeObj) -> bool {
    unsafe { std::ptr::eq((*p).ty, ty) }
}

/// A value decoded from any representation: what the slow path computes with, and what the
/// benchmarks compare across candidates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    Int(i128),
    Float(f64),
    Other,
}

/// int + int (exact), anything with a float → float, as Python's `+` on int/float.
pub fn add_num(a: Num, b: Num) -> Num {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Num::Int(x + y),
        (Num::Int(x), Num::Float(y)) => Num::Float(x as f64 + y),
        (Num::Float(x), Num::Int(y)) => Num::Float(x + y as f64),
        (Num::Float(x), Num::Float(y)) => Num::Float(x + y),
        _ => panic!("TypeError: unsupported operand type(s) for +"),
    }
}

pub unsafe fn new_big(v: i128) -> *mut Header {
    unsafe {
        let p = alloc_obj(&BIG_TYPE) as *mut BigObj;
        (*p).lo = v as u64;
        (*p).hi = (v >> 64) as i64;
        p as *mut Header
    }
}

pub unsafe fn big_value(p: *const Header) -> i128 {
    unsafe {
        let b = p as *const BigObj;
        ((*b).hi as i128) << 64 | (*b).lo as i128
    }
}

/// A single-threaded global cell (the benchmarks run on one thread, as compiled programs do).
pub struct Global<T>(UnsafeCell<T>);
unsafe impl<T> Sync for Global<T> {}
impl<T: Copy> Global<T> {
    pub const fn new(v: T) -> Self {
        Global(UnsafeCell::new(v))
    }
    #[inline(always)]
    pub fn get(&self) -> T {
        unsafe { *self.0.get() }
    }
    #[inline(always)]
    pub fn set(&self, v: T) {
        unsafe { *self.0.get() = v }
    }
}

/// The interface every candidate implements. All fast paths are `#[inline(always)]` (generated
/// code inlines them); slow paths are `#[inline(never)]` calls (the runtime's `molt_obj_*`).
/// Ownership as in Molt's ABI: `add` borrows its operands and returns a new reference.
pub trait Repr {
    const NAME: &'static str;
    type V: Copy;
    fn init() {}
    fn box_int(v: i64) -> Self::V;
    fn box_float(v: f64) -> Self::V;
    /// A heap object that is neither int nor float (count 1).
    fn box_other() -> Self::V;
    fn incref(v: Self::V);
    fn decref(v: Self::V);
    fn add(a: Self::V, b: Self::V) -> Self::V;
    fn to_num(v: Self::V) -> Num;
    fn from_num(n: Num) -> Self::V;
}

/// The shared slow path of `add`: mixed int/float, int overflow (→ "big" placeholder), big ints.
#[cold]
#[inline(never)]
pub fn add_slow<R: Repr>(a: R::V, b: R::V) -> R::V {
    R::from_num(add_num(R::to_num(a), R::to_num(b)))
}

#[repr(C)]
#[derive(Default, Clone, Copy)]
pub struct Mallinfo2 {
    pub arena: usize,
    pub ordblks: usize,
    pub smblks: usize,
    pub hblks: usize,
    pub hblkhd: usize,
    pub usmblks: usize,
    pub fsmblks: usize,
    pub uordblks: usize,
    pub fordblks: usize,
    pub keepcost: usize,
}
unsafe extern "C" {
    fn mallinfo2() -> Mallinfo2;
}

/// Bytes currently allocated by malloc (chunk sizes, so malloc's per-chunk overhead included;
/// mmapped blocks included).
pub fn malloc_in_use() -> usize {
    let m = unsafe { mallinfo2() };
    m.uordblks + m.hblkhd
}
