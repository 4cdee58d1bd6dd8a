//! Heap objects: allocation, freeing, per-type allocation counts and the leak report.
//!
//! Relies on: the global allocator (`sys::Malloc`: malloc/free); [`HeapKind`] naming every type
//! that has heap instances; each kind's module knowing its instances' layout (`int::free`,
//! `float::free`, `str::free` drop the payload and call [`free_raw`]).
//!
//! Provides: [`alloc_raw`] / [`free_raw`] (a header-initialised block, counted), [`free_object`]
//! (dispatch on the type's kind), [`stats`] (allocations and live objects per kind), and
//! [`object_report_json`] / [`write_object_report`] (the `MOLT_OBJECT_REPORT` file written at
//! exit by `entry::finish`).
//!
//! Invariants: every allocation and every free of a heap object is counted, always (a plain
//! counter increment); `live = allocations - frees` per kind. Allocation failure is a
//! `MemoryError`, never an abort. In the unit tests the counts are per thread (tests run in
//! parallel threads; each sees only its own objects), in programs they are process-wide.

use ::alloc::alloc::{Layout, alloc, dealloc};
use ::alloc::string::String;
use core::fmt::Write as _;
use core::sync::atomic::AtomicI64;

use super::{Header, Obj, TypeObject};
use crate::ExceptionKind::MemoryError;
use crate::exceptions::{MoltResult, fail};

/// The types that have heap instances (static-only types have none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeapKind {
    Int,
    Float,
    Str,
}

impl HeapKind {
    /// Every kind, in report order.
    pub const ALL: [HeapKind; 3] = [HeapKind::Int, HeapKind::Float, HeapKind::Str];

    /// The Python type name.
    pub const fn name(self) -> &'static str {
        match self {
            HeapKind::Int => "int",
            HeapKind::Float => "float",
            HeapKind::Str => "str",
        }
    }

    const fn index(self) -> usize {
        self as usize
    }
}

const KINDS: usize = HeapKind::ALL.len();

#[cfg(not(test))]
mod counters {
    use core::sync::atomic::{AtomicU64, Ordering};

    use super::KINDS;

    #[allow(clippy::declare_interior_mutable_const)]
    const ZERO: AtomicU64 = AtomicU64::new(0);
    static ALLOCATED: [AtomicU64; KINDS] = [ZERO; KINDS];
    static FREED: [AtomicU64; KINDS] = [ZERO; KINDS];

    /// A plain increment: programs are single-threaded (no read-modify-write instruction).
    fn bump(c: &AtomicU64) {
        c.store(c.load(Ordering::Relaxed).wrapping_add(1), Ordering::Relaxed);
    }

    pub fn allocated(i: usize) {
        if let Some(c) = ALLOCATED.get(i) {
            bump(c);
        }
    }

    pub fn freed(i: usize) {
        if let Some(c) = FREED.get(i) {
            bump(c);
        }
    }

    pub fn get(i: usize) -> (u64, u64) {
        let load = |a: &[AtomicU64; KINDS]| a.get(i).map_or(0, |c| c.load(Ordering::Relaxed));
        (load(&ALLOCATED), load(&FREED))
    }
}

#[cfg(test)]
mod counters {
    use std::cell::Cell;

    use super::KINDS;

    std::thread_local! {
        static COUNTS: [Cell<(u64, u64)>; KINDS] = const { [const { Cell::new((0, 0)) }; KINDS] };
    }

    pub fn allocated(i: usize) {
        COUNTS.with(|c| c[i].set((c[i].get().0 + 1, c[i].get().1)));
    }

    pub fn freed(i: usize) {
        COUNTS.with(|c| c[i].set((c[i].get().0, c[i].get().1 + 1)));
    }

    pub fn get(i: usize) -> (u64, u64) {
        COUNTS.with(|c| c[i].get())
    }
}

/// Allocation counts of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct KindStats {
    /// Objects allocated so far.
    pub allocations: u64,
    /// Objects allocated and not yet freed.
    pub live: i64,
}

/// The counts of `kind` (in tests: of the current thread).
pub fn stats(kind: HeapKind) -> KindStats {
    let (a, f) = counters::get(kind.index());
    KindStats {
        allocations: a,
        live: a as i64 - f as i64,
    }
}

/// The MemoryError CPython raises when an allocation fails (no message).
pub fn memory_error<T>() -> MoltResult<T> {
    fail(MemoryError, "")
}

/// Allocates `layout` (which starts with a [`Header`]) for an object of type `ty`, writes the
/// header with a count of 1 and counts the allocation. The rest of the block is uninitialised.
pub fn alloc_raw(layout: Layout, ty: &'static TypeObject) -> MoltResult<*mut Header> {
    let Some(kind) = ty.heap else {
        return fail(
            crate::ExceptionKind::TypeError,
            "cannot allocate a static-only type",
        );
    };
    if layout.size() < core::mem::size_of::<Header>()
        || layout.align() < core::mem::align_of::<Header>()
    {
        return fail(
            crate::ExceptionKind::TypeError,
            "object layout without a header",
        );
    }
    // SAFETY: the layout has a non-zero size (at least a header).
    let p = unsafe { alloc(layout) }.cast::<Header>();
    if p.is_null() {
        return memory_error();
    }
    // SAFETY: `p` is a fresh block, large and aligned enough for a header.
    unsafe {
        p.write(Header {
            rc: AtomicI64::new(1),
            ty,
        })
    };
    counters::allocated(kind.index());
    Ok(p)
}

/// Frees a block from [`alloc_raw`] (its payload already dropped) and counts the free.
///
/// # Safety
/// `p` came from `alloc_raw(layout, ty)` with `ty.heap == Some(kind)` and is not used again.
pub unsafe fn free_raw(p: *mut Header, layout: Layout, kind: HeapKind) {
    // SAFETY: forwarded contract.
    unsafe { dealloc(p.cast(), layout) };
    counters::freed(kind.index());
}

/// Frees the object `o` whose count reached zero, by its type's kind. Small ints and static
/// objects (no heap kind) are left alone.
///
/// # Safety
/// No reference to `o` remains.
pub unsafe fn free_object(o: Obj) {
    let Some(h) = o.header_ptr() else { return };
    match o.type_of().heap {
        // SAFETY: forwarded contract; the kind says how the block was laid out.
        Some(HeapKind::Int) => unsafe { super::int::free(h.cast_mut()) },
        Some(HeapKind::Float) => unsafe { super::float::free(h.cast_mut()) },
        Some(HeapKind::Str) => unsafe { super::str::free(h.cast_mut()) },
        None => {
            // A static object never reaches zero; if it did (unbalanced generated code), keep it
            // alive rather than free memory that was never allocated.
            // SAFETY: the `Obj` invariant.
            unsafe {
                (*h).rc
                    .store(crate::IMMORTAL_RC, core::sync::atomic::Ordering::Relaxed)
            };
        }
    }
}

/// The leak report: `{"allocations": {"int": N, ...}, "live": {"int": N, ...}}`, every heap kind
/// listed (in `HeapKind::ALL` order), on one line.
pub fn object_report_json() -> String {
    let mut out = String::from("{\"allocations\": {");
    for (i, k) in HeapKind::ALL.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        let _ = write!(out, "{sep}\"{}\": {}", k.name(), stats(*k).allocations);
    }
    out.push_str("}, \"live\": {");
    for (i, k) in HeapKind::ALL.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        let _ = write!(out, "{sep}\"{}\": {}", k.name(), stats(*k).live);
    }
    out.push_str("}}\n");
    out
}

/// The environment variable naming the report's file.
pub const OBJECT_REPORT_ENV: &core::ffi::CStr = c"MOLT_OBJECT_REPORT";

/// Writes [`object_report_json`] to the file named by `MOLT_OBJECT_REPORT`, if set (and not
/// empty). Returns false if the file could not be written (the program's status is unchanged:
/// the report is a test aid).
pub fn write_object_report() -> bool {
    match crate::sys::getenv(OBJECT_REPORT_ENV) {
        Some(path) if !path.is_empty() => {
            crate::sys::write_file(path, object_report_json().as_bytes())
        }
        _ => true,
    }
}
