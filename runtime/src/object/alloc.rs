//! Heap objects: allocation, freeing, per-type allocation counts, the float and small-tuple
//! free lists and the leak report.
//!
//! Relies on: the global allocator (`sys::Malloc`: malloc/free); [`HeapKind`] naming every type
//! that has heap instances; each kind's module knowing its instances' layout (`int::free`,
//! `float::free`, `str::free`, `exception::free`, `tuple::free`, `list::free`, `iter::free`,
//! `range::free` / `free_iter` / `free_long_iter`, `builtins_iter::free_enumerate` /
//! `free_zip` / `free_reversed`, `dict::free`, `dict_views::free_view` / `free_iter`,
//! `set::free` / `free_iter`, `function::free` / `free_cell`, `map_filter::free`, `class::free`,
//! `instance::free`, `descr::free`, `super_::free`, `slots::free_seq_iter`, `generator::free` drop the payload
//! and call [`free_raw`]; an `object()` is a bare header); `sys::Global` for the free lists (CPython 3.11's
//! `Objects/floatobject.c` and `Objects/tupleobject.c` keep the same lists: `PyFloat_MAXFREELIST`,
//! `PyTuple_MAXSAVESIZE`) and the queue of deferred frees; `gc` (the cycle collector) for the
//! containers' heads, their counting and the collections that allocating one may run.
//!
//! Provides: [`alloc_raw`] / [`free_raw`] (a header-initialised block, counted),
//! [`alloc_container`] (the same for a container kind, [`HeapKind::is_gc`]: the block starts with
//! the collector's `GcHead`, CPython's `PyGC_Head`), [`gc_block_layout`], [`free_object`]
//! (dispatch on the type's kind, without recursion), [`stats`] (allocations and live objects
//! per kind),
//! [`float_free_list_len`], [`take_tuple_block`] / [`keep_tuple_block`] (the tuple free lists,
//! counted like any allocation and free), [`free_in_progress`], and [`object_report_json`] /
//! [`write_object_report`] (the
//! `MOLT_OBJECT_REPORT` file written at exit by `entry::finish`).
//!
//! Invariants: every allocation and every free of a heap object is counted, always (a plain
//! counter increment); `live = allocations - frees` per kind. Allocation failure is a
//! `MemoryError`, never an abort. An object of a container kind is `gc::HEAD_SIZE` (16) bytes
//! into its block, after a head that says whether the collector tracks it; `alloc_container`
//! leaves it untracked (the constructor calls `gc::track` once every field is written) and
//! counts it for the collector, which may collect then (`gc::on_alloc`: the only place a
//! collection starts by itself); `free_raw` untracks it. Other kinds have no head: their layout is
//! unchanged, and generated code, which reads only the header (and a float's value), never
//! sees the difference. In the unit tests the counts are per thread (tests run in
//! parallel threads; each sees only its own objects), in programs they are process-wide.
//!
//! The float free list: freeing a float object's block (`float::free` → [`free_raw`] with
//! `FloatObject`'s layout) keeps it on a list of at most [`FLOAT_FREE_LIST_MAX`] blocks instead
//! of returning it to malloc, and [`alloc_raw`] for that layout takes the most recently kept
//! block before asking malloc. The list only changes where the memory comes from, never the
//! counts: taking a block counts an allocation and keeping one counts a free, exactly as malloc
//! and free would, so a block on the list is not live and the report's figures are the same with
//! or without it. Only blocks of exactly `FloatObject`'s layout and kind float enter or leave
//! the list (ints and strs vary in size and never use it); a kept block is unused memory until
//! [`alloc_raw`] rewrites its header. Blocks on the list at exit are not freed (the process
//! ends; they stay reachable from the list). Like the counters, the list is process-wide in
//! programs (a `sys::Global` cell) and per thread in the unit tests (a thread's list is freed
//! when the thread ends).
//!
//! The tuple free lists keep a freed tuple's whole block, head included (untracked and
//! uncounted for the collector when kept; counted again when taken, like an allocation).
//!
//! Deferred frees (CPython's trashcan, `Py_TRASHCAN_BEGIN`): while [`free_object`] frees an
//! object of a kind that owns references (tuples, lists, dicts, sets, views, iterators,
//! exceptions, functions, cells, maps, filters, generators), any such object whose
//! count reaches zero meanwhile is queued instead of freed from inside the first one's `free`;
//! the outermost call frees the queue before it returns. Freeing is therefore complete when the
//! outermost `decref` returns (the counts are exact at every point a caller can observe), and
//! its stack depth does not grow with the nesting of the objects freed. Objects that own no
//! references (ints, floats, strs, `object()`s) are freed at once. If the queue cannot grow, the object is
//! freed at once (recursing, as before). Like the list, the queue is process-wide in programs
//! and per thread in the unit tests. No collection runs while a free is in progress
//! ([`free_in_progress`]): frees allocate nothing, and the collector checks.

use ::alloc::alloc::{Layout, alloc, dealloc};
use ::alloc::string::String;
use core::fmt::Write as _;
use core::sync::atomic::AtomicI64;

use super::float::FloatObject;
use super::gc::{GcHead, HEAD_SIZE};
use super::{Header, Obj, TypeObject};
use crate::ExceptionKind::MemoryError;
use crate::exceptions::{MoltResult, fail};

/// The types that have heap instances (static-only types have none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeapKind {
    Int,
    Float,
    Str,
    /// Instances of `BaseException` and its subclasses (`object::exception`).
    Exception,
    /// `object::tuple`.
    Tuple,
    /// The iterators of `object::iter`, one kind per iterator type.
    TupleIterator,
    StrAsciiIterator,
    StrIterator,
    /// `object::list` (the object; its item buffer is a separate, uncounted block).
    List,
    ListIterator,
    /// `object::range`: range objects and their two iterator types.
    Range,
    RangeIterator,
    LongRangeIterator,
    /// `object::builtins_iter`: `enumerate`, `zip`, `reversed`, `list_reverseiterator`.
    Enumerate,
    Zip,
    Reversed,
    ListReverseIterator,
    /// `object::dict` (the object; its index table and entries are separate, uncounted
    /// buffers).
    Dict,
    /// The views and iterators of `object::dict_views`.
    DictKeys,
    DictValues,
    DictItems,
    DictKeyIterator,
    DictValueIterator,
    DictItemIterator,
    /// `object::set` (the object; its table is a separate, uncounted buffer).
    Set,
    FrozenSet,
    SetIterator,
    /// `object::function`: function objects and cells.
    Function,
    Cell,
    /// `object::map_filter`: `map` and `filter` objects.
    Map,
    Filter,
    /// Instances of `object` itself (`object()`: a bare header).
    Object,
    /// `object::class`: classes made by `class` statements (heap type objects).
    Class,
    /// `object::instance`: instances of user classes (not of exception classes, which are
    /// `Exception` objects): a header, the `__dict__` word and the slots of the class's layout
    /// (`object::layout`), so the block's size depends on the class.
    Instance,
    /// `object::descr`: bound methods, builtin methods bound to their receiver,
    /// `staticmethod`, `classmethod`, `property`.
    BoundMethod,
    BuiltinMethod,
    StaticMethod,
    ClassMethod,
    Property,
    /// `object::super_`: `super` objects.
    Super,
    /// `object::slots`: the iterator over an object with `__getitem__` only.
    SeqIterator,
    /// `object::module`: module objects.
    Module,
    /// `object::typing`: subscripted generic aliases (`List[int]`) and type variables.
    TypingAlias,
    TypeVar,
    /// `object::random`: `random.Random` instances (the generator's state, no references).
    Random,
    /// `object::itertools`: the iterators of `itertools` (one layout, `ItObject`).
    Itertools,
    /// `object::generator`: generator objects (a frame of inline slots).
    Generator,
    /// `object::dict`'s `DictExtObject`: the dict subtypes of `collections` (a dict and one
    /// more word).
    DictExt,
    /// `object::collections::deque`: `collections.deque` and its two iterator types.
    Deque,
    DequeIterator,
    /// `object::functools`: `partial`, `KeyWrapper`, the `lru_cache` wrappers (one layout).
    Functools,
    /// `object::operator_module`: `itemgetter`, `attrgetter`, `methodcaller` (one layout).
    Operator,
    /// `object::bytes`: bytes objects and their iterator.
    Bytes,
    BytesIterator,
    /// `object::slice_obj`: slice objects.
    Slice,
    /// `object::fileio`: the file objects `open()` makes (a descriptor and its buffers).
    File,
    /// `io.StringIO` objects (`object::stringio`, through `module_kinds`).
    StringIo,
    /// `re.Pattern` and `re.Match` objects (`object::re::objects`, through `module_kinds`; they
    /// hold strs and patterns only, so they form no cycle and are not tracked).
    Re,
    /// `object::str_builder`: the builders of f-strings (text only; compiled code's alone).
    StrBuilder,
}

impl HeapKind {
    /// Every kind, in report order.
    pub const ALL: [HeapKind; 59] = [
        HeapKind::Int,
        HeapKind::Float,
        HeapKind::Str,
        HeapKind::Exception,
        HeapKind::Tuple,
        HeapKind::TupleIterator,
        HeapKind::StrAsciiIterator,
        HeapKind::StrIterator,
        HeapKind::List,
        HeapKind::ListIterator,
        HeapKind::Range,
        HeapKind::RangeIterator,
        HeapKind::LongRangeIterator,
        HeapKind::Enumerate,
        HeapKind::Zip,
        HeapKind::Reversed,
        HeapKind::ListReverseIterator,
        HeapKind::Dict,
        HeapKind::DictKeys,
        HeapKind::DictValues,
        HeapKind::DictItems,
        HeapKind::DictKeyIterator,
        HeapKind::DictValueIterator,
        HeapKind::DictItemIterator,
        HeapKind::Set,
        HeapKind::FrozenSet,
        HeapKind::SetIterator,
        HeapKind::Function,
        HeapKind::Cell,
        HeapKind::Map,
        HeapKind::Filter,
        HeapKind::Object,
        HeapKind::Class,
        HeapKind::Instance,
        HeapKind::BoundMethod,
        HeapKind::BuiltinMethod,
        HeapKind::StaticMethod,
        HeapKind::ClassMethod,
        HeapKind::Property,
        HeapKind::Super,
        HeapKind::SeqIterator,
        HeapKind::Module,
        HeapKind::TypingAlias,
        HeapKind::TypeVar,
        HeapKind::Random,
        HeapKind::Itertools,
        HeapKind::Generator,
        HeapKind::DictExt,
        HeapKind::Deque,
        HeapKind::DequeIterator,
        HeapKind::Functools,
        HeapKind::Operator,
        HeapKind::Bytes,
        HeapKind::BytesIterator,
        HeapKind::Slice,
        HeapKind::File,
        HeapKind::StringIo,
        HeapKind::Re,
        HeapKind::StrBuilder,
    ];

    /// The Python type name.
    pub const fn name(self) -> &'static str {
        match self {
            HeapKind::Int => "int",
            HeapKind::Float => "float",
            HeapKind::Str => "str",
            HeapKind::Exception => "BaseException",
            HeapKind::Tuple => "tuple",
            HeapKind::TupleIterator => "tuple_iterator",
            HeapKind::StrAsciiIterator => "str_ascii_iterator",
            HeapKind::StrIterator => "str_iterator",
            HeapKind::List => "list",
            HeapKind::ListIterator => "list_iterator",
            HeapKind::Range => "range",
            HeapKind::RangeIterator => "range_iterator",
            HeapKind::LongRangeIterator => "longrange_iterator",
            HeapKind::Enumerate => "enumerate",
            HeapKind::Zip => "zip",
            HeapKind::Reversed => "reversed",
            HeapKind::ListReverseIterator => "list_reverseiterator",
            HeapKind::Dict => "dict",
            HeapKind::DictKeys => "dict_keys",
            HeapKind::DictValues => "dict_values",
            HeapKind::DictItems => "dict_items",
            HeapKind::DictKeyIterator => "dict_keyiterator",
            HeapKind::DictValueIterator => "dict_valueiterator",
            HeapKind::DictItemIterator => "dict_itemiterator",
            HeapKind::Set => "set",
            HeapKind::FrozenSet => "frozenset",
            HeapKind::SetIterator => "set_iterator",
            HeapKind::Function => "function",
            HeapKind::Cell => "cell",
            HeapKind::Map => "map",
            HeapKind::Filter => "filter",
            HeapKind::Object => "object",
            HeapKind::Class => "type",
            HeapKind::Instance => "instance",
            HeapKind::BoundMethod => "method",
            HeapKind::BuiltinMethod => "builtin_method",
            HeapKind::StaticMethod => "staticmethod",
            HeapKind::ClassMethod => "classmethod",
            HeapKind::Property => "property",
            HeapKind::Super => "super",
            HeapKind::SeqIterator => "iterator",
            HeapKind::Module => "module",
            HeapKind::TypingAlias => "_GenericAlias",
            HeapKind::TypeVar => "TypeVar",
            HeapKind::Random => "random.Random",
            HeapKind::Itertools => "itertools",
            HeapKind::Generator => "generator",
            HeapKind::DictExt => "collections_dict",
            HeapKind::Deque => "collections.deque",
            HeapKind::DequeIterator => "_collections._deque_iterator",
            HeapKind::Functools => "functools",
            HeapKind::Operator => "operator",
            HeapKind::Bytes => "bytes",
            HeapKind::BytesIterator => "bytes_iterator",
            HeapKind::Slice => "slice",
            HeapKind::File => "file",
            HeapKind::StringIo => "stringio",
            HeapKind::StrBuilder => "str_builder",
            HeapKind::Re => "re",
        }
    }

    /// Whether instances own references to other objects (freeing one may free others).
    const fn owns_references(self) -> bool {
        match self {
            HeapKind::Int | HeapKind::Float | HeapKind::Str | HeapKind::Object | HeapKind::Random | HeapKind::Bytes | HeapKind::StrBuilder => false,
            HeapKind::Exception
            | HeapKind::Tuple
            | HeapKind::TupleIterator
            | HeapKind::StrAsciiIterator
            | HeapKind::StrIterator
            | HeapKind::BytesIterator
            | HeapKind::List
            | HeapKind::ListIterator
            | HeapKind::Range
            | HeapKind::RangeIterator
            | HeapKind::LongRangeIterator
            | HeapKind::Enumerate
            | HeapKind::Zip
            | HeapKind::Reversed
            | HeapKind::ListReverseIterator
            | HeapKind::Dict
            | HeapKind::DictKeys
            | HeapKind::DictValues
            | HeapKind::DictItems
            | HeapKind::DictKeyIterator
            | HeapKind::DictValueIterator
            | HeapKind::DictItemIterator
            | HeapKind::Set
            | HeapKind::FrozenSet
            | HeapKind::SetIterator
            | HeapKind::Function
            | HeapKind::Cell
            | HeapKind::Map
            | HeapKind::Filter
            | HeapKind::Class
            | HeapKind::Instance
            | HeapKind::BoundMethod
            | HeapKind::BuiltinMethod
            | HeapKind::StaticMethod
            | HeapKind::ClassMethod
            | HeapKind::Property
            | HeapKind::Super
            | HeapKind::SeqIterator
            | HeapKind::Module
            | HeapKind::TypingAlias
            | HeapKind::TypeVar
            | HeapKind::Itertools
            | HeapKind::Generator
            | HeapKind::DictExt
            | HeapKind::Deque
            | HeapKind::DequeIterator
            | HeapKind::Functools
            | HeapKind::Operator
            | HeapKind::Slice
            | HeapKind::File
            | HeapKind::StringIo
            | HeapKind::Re => true,
        }
    }

    /// Whether instances may hold references to containers, so that they can be part of a
    /// reference cycle: the kinds the cycle collector tracks (`object::gc`), allocated with a
    /// `GcHead` before their header (CPython's GC types; str iterators, ranges and their
    /// iterators hold only strs and ints, so they are not among them).
    #[inline]
    pub const fn is_gc(self) -> bool {
        GC_KINDS & (1 << self as u64) != 0
    }

    const fn index(self) -> usize {
        self as usize
    }
}

/// The kinds for which [`HeapKind::is_gc`] holds, one bit each (by discriminant; bit 63,
/// never a kind's, stands for "no heap kind" in `gc::may_be_tracked`).
pub(crate) const GC_KINDS: u64 = {
    let kinds = [
        HeapKind::Exception,
        HeapKind::Tuple,
        HeapKind::TupleIterator,
        HeapKind::List,
        HeapKind::ListIterator,
        HeapKind::Enumerate,
        HeapKind::Zip,
        HeapKind::Reversed,
        HeapKind::ListReverseIterator,
        HeapKind::Dict,
        HeapKind::DictKeys,
        HeapKind::DictValues,
        HeapKind::DictItems,
        HeapKind::DictKeyIterator,
        HeapKind::DictValueIterator,
        HeapKind::DictItemIterator,
        HeapKind::Set,
        HeapKind::FrozenSet,
        HeapKind::SetIterator,
        HeapKind::Function,
        HeapKind::Cell,
        HeapKind::Map,
        HeapKind::Filter,
        HeapKind::Class,
        HeapKind::Instance,
        HeapKind::BoundMethod,
        HeapKind::BuiltinMethod,
        HeapKind::StaticMethod,
        HeapKind::ClassMethod,
        HeapKind::Property,
        HeapKind::Super,
        HeapKind::SeqIterator,
        HeapKind::Module,
        HeapKind::TypingAlias,
        HeapKind::Itertools,
        HeapKind::Generator,
        HeapKind::DictExt,
        HeapKind::Deque,
        HeapKind::DequeIterator,
        HeapKind::Functools,
        HeapKind::Operator,
        HeapKind::Slice,
    ];
    let mut bits = 0u64;
    let mut i = 0;
    while i < kinds.len() {
        assert!(kinds[i].owns_references());
        bits |= 1 << kinds[i] as u64;
        i += 1;
    }
    bits
};

const _: () = assert!(HeapKind::ALL.len() <= 64);

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

/// The most freed float blocks kept for reuse (CPython's `PyFloat_MAXFREELIST`).
pub const FLOAT_FREE_LIST_MAX: usize = 100;

/// The layout of every block on the float free list.
const FLOAT_LAYOUT: Layout = Layout::new::<FloatObject>();

/// True if a block of `layout` and `kind` belongs on the float free list.
fn float_block(layout: Layout, kind: HeapKind) -> bool {
    kind == HeapKind::Float && layout == FLOAT_LAYOUT
}

/// Freed blocks of one layout (not live, owned by the list), a stack. A block is where the
/// allocation starts: a float's header, a tuple's `GcHead`.
struct FreeList {
    blocks: [*mut u8; FLOAT_FREE_LIST_MAX],
    len: usize,
    layout: Layout,
}

// SAFETY: the blocks are unused malloc memory owned by the list alone; any thread may reuse or
// free them (the list itself is reached only through a `Global` cell or a thread-local).
unsafe impl Send for FreeList {}

impl FreeList {
    const fn new(layout: Layout) -> FreeList {
        FreeList {
            blocks: [core::ptr::null_mut(); FLOAT_FREE_LIST_MAX],
            len: 0,
            layout,
        }
    }

    /// The most recently kept block, removed from the list.
    fn take(&mut self) -> Option<*mut u8> {
        let len = self.len.checked_sub(1)?;
        let p = *self.blocks.get(len)?;
        self.len = len;
        Some(p)
    }

    /// Keeps the block `p`; false (the list unchanged) when the list is full.
    fn keep(&mut self, p: *mut u8) -> bool {
        match self.blocks.get_mut(self.len) {
            Some(slot) => {
                *slot = p;
                self.len += 1;
                true
            }
            None => false,
        }
    }
}

impl Drop for FreeList {
    /// Frees the kept blocks (a test thread's list, when the thread ends; the program's list is
    /// a static and never dropped).
    fn drop(&mut self) {
        while let Some(p) = self.take() {
            // SAFETY: every kept block came from `alloc(self.layout)` and is owned by the list.
            unsafe { dealloc(p, self.layout) };
        }
    }
}

/// Tuples of 1 to this many items have free lists too (CPython keeps tuples of up to 20 items,
/// `PyTuple_MAXSAVESIZE`; pairs and triples are what programs make by the million). Their
/// blocks are taken and kept by `object::tuple` through [`take_tuple_block`] and
/// [`keep_tuple_block`], outside `alloc_raw`/`free_raw`, whose float path stays as it is.
pub const TUPLE_FREE_LIST_ITEMS: usize = 4;

/// The tuple free lists, for 1 ..= TUPLE_FREE_LIST_ITEMS items (at index items - 1).
type TupleFreeLists = [FreeList; TUPLE_FREE_LIST_ITEMS];

const fn new_tuple_free_lists() -> TupleFreeLists {
    const fn l(items: usize) -> Layout {
        match gc_block_layout(super::tuple::block_layout(items)) {
            Some(l) => l,
            None => panic!("a tuple block's layout"),
        }
    }
    [FreeList::new(l(1)), FreeList::new(l(2)), FreeList::new(l(3)), FreeList::new(l(4))]
}

/// The block of an object of a container kind ([`HeapKind::is_gc`]): its `GcHead`
/// (`gc::HEAD_SIZE` bytes), then the object (`layout`, aligned to at most 16). None when too
/// large.
pub const fn gc_block_layout(layout: Layout) -> Option<Layout> {
    if layout.align() > HEAD_SIZE {
        return None;
    }
    let Some(size) = layout.size().checked_add(HEAD_SIZE) else {
        return None;
    };
    let align = if layout.align() < 8 { 8 } else { layout.align() };
    match Layout::from_size_align(size, align) {
        Ok(l) => Some(l),
        Err(_) => None,
    }
}

#[cfg(not(test))]
mod free_list {
    use super::{FLOAT_LAYOUT, FreeList, TupleFreeLists, new_tuple_free_lists};
    use crate::sys::Global;

    static FLOATS: Global<FreeList> = Global::new(FreeList::new(FLOAT_LAYOUT));
    static TUPLES: Global<TupleFreeLists> = Global::new(new_tuple_free_lists());

    /// Runs `f` on the float free list.
    pub fn with<R>(f: impl FnOnce(&mut FreeList) -> R) -> Option<R> {
        Some(FLOATS.with(f))
    }

    /// Runs `f` on the free list of tuples of `items` items.
    pub fn with_tuple<R>(items: usize, f: impl FnOnce(&mut FreeList) -> R) -> Option<R> {
        TUPLES.with(|l| l.get_mut(items.checked_sub(1)?).map(f))
    }
}

#[cfg(test)]
mod free_list {
    use super::{FLOAT_LAYOUT, FreeList, TupleFreeLists, new_tuple_free_lists};
    use crate::sys::Global;

    std::thread_local! {
        static FLOATS: Global<FreeList> = const { Global::new(FreeList::new(FLOAT_LAYOUT)) };
        static TUPLES: Global<TupleFreeLists> = const { Global::new(new_tuple_free_lists()) };
    }

    /// Runs `f` on this thread's float free list (None once the thread's list is gone, while
    /// the thread ends: then blocks go straight to malloc and free).
    pub fn with<R>(f: impl FnOnce(&mut FreeList) -> R) -> Option<R> {
        FLOATS.try_with(|g| g.with(f)).ok()
    }

    /// Runs `f` on this thread's free list of tuples of `items` items.
    pub fn with_tuple<R>(items: usize, f: impl FnOnce(&mut FreeList) -> R) -> Option<R> {
        TUPLES.try_with(|g| g.with(|l| l.get_mut(items.checked_sub(1)?).map(f))).ok().flatten()
    }
}

/// A kept block for a tuple of `items` items, its head (untracked) and header (a count of 1)
/// written and its allocation counted; `None` when that list is empty or has no list. As in
/// CPython, a tuple taken from (or kept on) a free list does not change the collector's count
/// of allocations, so no collection runs here (it is not a new block).
#[inline]
pub fn take_tuple_block(items: usize, ty: &'static TypeObject) -> Option<*mut Header> {
    let b = free_list::with_tuple(items, FreeList::take).flatten()?;
    // SAFETY: a kept block is unused, owned by the list until now, a head and a tuple long.
    let p = unsafe {
        b.cast::<GcHead>().write(GcHead::untracked());
        let p = b.add(HEAD_SIZE).cast::<Header>();
        p.write(Header { rc: AtomicI64::new(1), ty });
        p
    };
    counters::allocated(HeapKind::Tuple.index());
    Some(p)
}

/// Keeps the block of a freed tuple of `items` items (payload released) when its list has room,
/// counting the free; false when the caller must free it with [`free_raw`].
///
/// # Safety
/// `p` came from `alloc_container` (or [`take_tuple_block`]) for a tuple of `items` items and is
/// not used again when this returns true.
pub unsafe fn keep_tuple_block(p: *mut Header, items: usize) -> bool {
    // SAFETY: forwarded contract: the block starts with the tuple's head.
    let b = unsafe { p.cast::<u8>().sub(HEAD_SIZE) };
    let kept = free_list::with_tuple(items, |l| l.keep(b)).unwrap_or(false);
    if kept {
        // SAFETY: a dead tuple, its head intact (the list does not touch the block).
        unsafe { super::gc::unlink_dead(p) };
        counters::freed(HeapKind::Tuple.index());
    }
    kept
}

/// How many freed float blocks the free list holds (in tests: the current thread's).
pub fn float_free_list_len() -> usize {
    free_list::with(|l| l.len).unwrap_or(0)
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
/// A float block comes from the float free list when it has one (see the module doc). Not for
/// the container kinds ([`HeapKind::is_gc`]), whose blocks start with the collector's head:
/// they are allocated by [`alloc_container`] (a debug assertion checks; the non-container
/// allocations, the hottest, pay nothing for the collector).
#[inline]
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
    debug_assert!(!kind.is_gc(), "a container allocated by alloc_raw: use alloc_container");
    let kept = if float_block(layout, kind) {
        free_list::with(FreeList::take).flatten().map(<*mut u8>::cast::<Header>)
    } else {
        None
    };
    let p = match kept {
        // A kept block is unused, owned by the list until now, and has exactly `layout`.
        Some(p) => p,
        None => {
            // SAFETY: the layout has a non-zero size (at least a header).
            let p = unsafe { alloc(layout) }.cast::<Header>();
            if p.is_null() {
                return memory_error();
            }
            p
        }
    };
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

/// [`alloc_raw`] for an object of a container kind ([`HeapKind::is_gc`]): the block starts
/// with a `GcHead`, untracked (the constructor tracks the object once its fields are written:
/// `gc::track`), and the allocation is counted for the collector, which may run here
/// (`gc::on_alloc`; the new object is in no list, so no collection sees it). TypeError for a
/// type of another kind.
#[inline]
pub fn alloc_container(layout: Layout, ty: &'static TypeObject) -> MoltResult<*mut Header> {
    let Some(kind) = ty.heap.filter(|k| k.is_gc()) else {
        return fail(crate::ExceptionKind::TypeError, "not a container type");
    };
    if layout.size() < core::mem::size_of::<Header>()
        || layout.align() < core::mem::align_of::<Header>()
    {
        return fail(
            crate::ExceptionKind::TypeError,
            "object layout without a header",
        );
    }
    let p = alloc_gc(layout, ty, kind);
    if p.is_null() {
        return memory_error();
    }
    Ok(p)
}

/// The block of [`alloc_container`]: null when it cannot be allocated.
#[inline]
fn alloc_gc(layout: Layout, ty: &'static TypeObject, kind: HeapKind) -> *mut Header {
    let Some(block) = gc_block_layout(layout) else {
        return core::ptr::null_mut();
    };
    // SAFETY: the layout has a non-zero size (a head and a header at least).
    let b = unsafe { alloc(block) };
    if b.is_null() {
        return core::ptr::null_mut();
    }
    // SAFETY: a fresh block of a head followed by `layout`, aligned for both.
    let p = unsafe {
        b.cast::<GcHead>().write(GcHead::untracked());
        let p = b.add(HEAD_SIZE).cast::<Header>();
        p.write(Header {
            rc: AtomicI64::new(1),
            ty,
        });
        p
    };
    counters::allocated(kind.index());
    super::gc::on_alloc();
    p
}

/// Frees a block from [`alloc_raw`] or [`alloc_container`] (its payload already dropped) and
/// counts the free. A float block is kept on the float free list while it has room (see the
/// module doc); a container is untracked and its block freed from its head on.
///
/// # Safety
/// `p` came from `alloc_raw(layout, ty)` or `alloc_container(layout, ty)` with
/// `ty.heap == Some(kind)` and is not used again.
pub unsafe fn free_raw(p: *mut Header, layout: Layout, kind: HeapKind) {
    if kind.is_gc() {
        // SAFETY: forwarded contract.
        return unsafe { free_gc(p, layout, kind) };
    }
    // A float block (exactly `FLOAT_LAYOUT`, from `alloc_raw`) passes to the list, which owns
    // it from then on; the caller does not use it again.
    let kept =
        float_block(layout, kind) && free_list::with(|l| l.keep(p.cast())).unwrap_or(false);
    if !kept {
        // SAFETY: forwarded contract.
        unsafe { dealloc(p.cast(), layout) };
    }
    counters::freed(kind.index());
}

/// [`free_raw`] of a container kind: untracked (if it still is) and uncounted for the
/// collector, then the block freed from its head on.
///
/// # Safety
/// As for [`free_raw`].
#[inline]
unsafe fn free_gc(p: *mut Header, layout: Layout, kind: HeapKind) {
    // SAFETY: forwarded contract: a dead object of a container kind, allocated by `alloc_gc`
    // (its block starts `HEAD_SIZE` bytes before the header).
    unsafe {
        super::gc::on_free(p);
        if let Some(block) = gc_block_layout(layout) {
            dealloc(p.cast::<u8>().sub(HEAD_SIZE), block);
        }
    }
    counters::freed(kind.index());
}

/// True while `free_object` is freeing an object that owns references (no collection may run
/// then: see `gc`).
pub(crate) fn free_in_progress() -> bool {
    deferred::with(|d| d.active).unwrap_or(false)
}

/// Objects whose count reached zero while another object was being freed, waiting for the
/// outermost [`free_object`] to free them (see the module doc).
struct Deferred {
    /// True while a [`free_object`] of a kind that owns references is running.
    active: bool,
    /// Dead objects (count zero, no reference left), freed last in, first out.
    queue: ::alloc::vec::Vec<Obj>,
}

impl Deferred {
    const fn new() -> Deferred {
        Deferred {
            active: false,
            queue: ::alloc::vec::Vec::new(),
        }
    }
}

#[cfg(not(test))]
mod deferred {
    use super::Deferred;
    use crate::sys::Global;

    static DEFERRED: Global<Deferred> = Global::new(Deferred::new());

    /// Runs `f` on the queue of deferred frees.
    pub fn with<R>(f: impl FnOnce(&mut Deferred) -> R) -> Option<R> {
        Some(DEFERRED.with(f))
    }
}

#[cfg(test)]
mod deferred {
    use super::Deferred;
    use crate::sys::Global;

    std::thread_local! {
        static DEFERRED: Global<Deferred> = const { Global::new(Deferred::new()) };
    }

    /// Runs `f` on this thread's queue (None while the thread ends: then frees are not
    /// deferred).
    pub fn with<R>(f: impl FnOnce(&mut Deferred) -> R) -> Option<R> {
        DEFERRED.try_with(|g| g.with(f)).ok()
    }
}

/// What [`free_object`] does with an object that owns references.
enum FreeStep {
    /// No free is running: free it, then the objects deferred meanwhile.
    Outermost,
    /// Another free is running: the object was queued for it.
    Queued,
    /// The queue could not grow (no memory) or is gone: free it at once (recursing).
    Now,
}

/// Frees the object `o` whose count reached zero, by its type's kind. Small ints and static
/// objects (no heap kind) are left alone. Freeing an object that owns references (a tuple, an
/// iterator, an exception) never recurses into the objects it releases: those whose count
/// reaches zero meanwhile are queued and freed by the outermost call, one after the other, so
/// a chain of nested tuples of any length is freed in constant stack (CPython's trashcan).
///
/// # Safety
/// No reference to `o` remains.
#[inline]
pub unsafe fn free_object(o: Obj) {
    let Some(h) = o.header_ptr() else { return };
    // Objects that own no references (the hot case: floats, big ints, strs) are freed at once.
    let kind = match o.type_of().heap {
        // SAFETY (each arm): forwarded contract; the kind says how the block was laid out.
        Some(HeapKind::Float) => return unsafe { super::float::free(h.cast_mut()) },
        Some(HeapKind::Int) => return unsafe { super::int::free(h.cast_mut()) },
        Some(HeapKind::Str) => return unsafe { super::str::free(h.cast_mut()) },
        Some(HeapKind::StrBuilder) => return unsafe { super::str_builder::free(h.cast_mut()) },
        Some(HeapKind::Object) => return unsafe { free_raw(h.cast_mut(), Layout::new::<Header>(), HeapKind::Object) },
        Some(HeapKind::Random) => return unsafe { super::random::free(h.cast_mut()) },
        Some(HeapKind::Bytes) => return unsafe { super::bytes::free(h.cast_mut()) },
        Some(kind) => kind,
        // A static object never reaches zero (see `free_one`).
        None => return,
    };
    // SAFETY: forwarded contract.
    unsafe { free_owner(o, kind) }
}

/// [`free_object`] of an object that owns references: deferred while another such free runs.
///
/// # Safety
/// No reference to `o` remains; `kind` is its heap kind.
#[inline(never)]
unsafe fn free_owner(o: Obj, kind: HeapKind) {
    debug_assert!(kind.owns_references());
    let step = deferred::with(|d| {
        if !d.active {
            d.active = true;
            FreeStep::Outermost
        } else if d.queue.try_reserve(1).is_ok() {
            d.queue.push(o);
            FreeStep::Queued
        } else {
            FreeStep::Now
        }
    })
    .unwrap_or(FreeStep::Now);
    match step {
        FreeStep::Queued => {}
        // SAFETY: forwarded contract.
        FreeStep::Now => unsafe { free_one(o) },
        FreeStep::Outermost => {
            // SAFETY: forwarded contract.
            unsafe { free_one(o) };
            while let Some(next) = deferred::with(|d| d.queue.pop()).flatten() {
                // SAFETY: a queued object's count reached zero and nothing refers to it.
                unsafe { free_one(next) };
            }
            deferred::with(|d| d.active = false);
        }
    }
}

/// Frees one dead object by its type's kind.
///
/// # Safety
/// No reference to `o` remains.
unsafe fn free_one(o: Obj) {
    let Some(h) = o.header_ptr() else { return };
    match o.type_of().heap {
        // SAFETY: forwarded contract; the kind says how the block was laid out.
        Some(HeapKind::Int) => unsafe { super::int::free(h.cast_mut()) },
        Some(HeapKind::Float) => unsafe { super::float::free(h.cast_mut()) },
        Some(HeapKind::Str) => unsafe { super::str::free(h.cast_mut()) },
        Some(HeapKind::Exception) => unsafe { super::exception::free(h.cast_mut()) },
        Some(HeapKind::Tuple) => unsafe { super::tuple::free(h.cast_mut()) },
        Some(HeapKind::List) => unsafe { super::list::free(h.cast_mut()) },
        Some(
            kind @ (HeapKind::TupleIterator
            | HeapKind::StrAsciiIterator
            | HeapKind::StrIterator
            | HeapKind::BytesIterator
            | HeapKind::ListIterator),
        ) => unsafe { super::iter::free(h.cast_mut(), kind) },
        Some(HeapKind::Bytes) => unsafe { super::bytes::free(h.cast_mut()) },
        Some(HeapKind::StrBuilder) => unsafe { super::str_builder::free(h.cast_mut()) },
        Some(HeapKind::Slice) => unsafe { super::slice_obj::free(h.cast_mut()) },
        Some(HeapKind::Range) => unsafe { super::range::free(h.cast_mut()) },
        Some(HeapKind::RangeIterator) => unsafe { super::range::free_iter(h.cast_mut()) },
        Some(HeapKind::LongRangeIterator) => unsafe { super::range::free_long_iter(h.cast_mut()) },
        Some(HeapKind::Enumerate) => unsafe { super::builtins_iter::free_enumerate(h.cast_mut()) },
        Some(HeapKind::Zip) => unsafe { super::builtins_iter::free_zip(h.cast_mut()) },
        Some(kind @ (HeapKind::Reversed | HeapKind::ListReverseIterator)) => unsafe {
            super::builtins_iter::free_reversed(h.cast_mut(), kind)
        },
        Some(HeapKind::Dict) => unsafe { super::dict::free(h.cast_mut()) },
        Some(kind @ (HeapKind::DictKeys | HeapKind::DictValues | HeapKind::DictItems)) => unsafe {
            super::dict_views::free_view(h.cast_mut(), kind)
        },
        Some(
            kind @ (HeapKind::DictKeyIterator
            | HeapKind::DictValueIterator
            | HeapKind::DictItemIterator),
        ) => unsafe { super::dict_views::free_iter(h.cast_mut(), kind) },
        Some(kind @ (HeapKind::Set | HeapKind::FrozenSet)) => unsafe {
            super::set::free(h.cast_mut(), kind)
        },
        Some(HeapKind::SetIterator) => unsafe { super::set::free_iter(h.cast_mut()) },
        Some(HeapKind::Function) => unsafe { super::function::free(h.cast_mut()) },
        Some(HeapKind::Cell) => unsafe { super::function::free_cell(h.cast_mut()) },
        Some(kind @ (HeapKind::Map | HeapKind::Filter)) => unsafe {
            super::map_filter::free(h.cast_mut(), kind)
        },
        Some(HeapKind::Object) => unsafe { free_raw(h.cast_mut(), Layout::new::<Header>(), HeapKind::Object) },
        Some(HeapKind::Class) => unsafe { super::class::free(h.cast_mut()) },
        Some(HeapKind::Instance) => unsafe { super::instance::free(h.cast_mut()) },
        Some(
            kind @ (HeapKind::BoundMethod
            | HeapKind::BuiltinMethod
            | HeapKind::StaticMethod
            | HeapKind::ClassMethod
            | HeapKind::Property),
        ) => unsafe { super::descr::free(h.cast_mut(), kind) },
        Some(HeapKind::Super) => unsafe { super::super_::free(h.cast_mut()) },
        Some(HeapKind::SeqIterator) => unsafe { super::slots::free_seq_iter(h.cast_mut()) },
        Some(HeapKind::Module) => unsafe { super::module::free(h.cast_mut()) },
        Some(HeapKind::TypingAlias) => unsafe { super::typing::free_alias(h.cast_mut()) },
        Some(HeapKind::TypeVar) => unsafe { super::typing::free_typevar(h.cast_mut()) },
        Some(HeapKind::Random) => unsafe { super::random::free(h.cast_mut()) },
        Some(HeapKind::Itertools) => unsafe { super::itertools::free(h.cast_mut()) },
        Some(kind @ (HeapKind::DictExt | HeapKind::Deque | HeapKind::DequeIterator | HeapKind::Functools | HeapKind::Operator | HeapKind::File | HeapKind::StringIo | HeapKind::Re)) => {
            if let Some(k) = super::module_kinds::hooks(kind) {
                // SAFETY: forwarded: `h` is an object of `kind` at count zero.
                unsafe { (k.free)(h.cast_mut(), kind) }
            }
        }
        Some(HeapKind::Generator) => {
            if let Some(g) = super::generator::hooks() {
                // SAFETY: forwarded: `h` is a generator at count zero.
                unsafe { (g.free)(h.cast_mut()) }
            }
        }
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

/// The kinds' names packed into one block of bytes at compile time (`NAME_ENDS[i]` is where
/// the name of `HeapKind::ALL[i]` ends): the report every program links reads them without a
/// table of string pointers, whose relocations (one per kind) cost a page of every
/// executable once the table outgrew LLVM's inline lowering of `HeapKind::name`'s match.
const NAME_BYTES_LEN: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < HeapKind::ALL.len() {
        n += HeapKind::ALL[i].name().len();
        i += 1;
    }
    n
};
static NAME_BYTES: [u8; NAME_BYTES_LEN] = {
    let mut out = [0u8; NAME_BYTES_LEN];
    let mut at = 0;
    let mut i = 0;
    while i < HeapKind::ALL.len() {
        let b = HeapKind::ALL[i].name().as_bytes();
        let mut j = 0;
        while j < b.len() {
            out[at] = b[j];
            at += 1;
            j += 1;
        }
        i += 1;
    }
    out
};
static NAME_ENDS: [u16; HeapKind::ALL.len()] = {
    let mut out = [0u16; HeapKind::ALL.len()];
    let mut at = 0;
    let mut i = 0;
    while i < HeapKind::ALL.len() {
        at += HeapKind::ALL[i].name().len();
        out[i] = at as u16;
        i += 1;
    }
    out
};

/// The name of the `i`th kind of `HeapKind::ALL`, from the packed table.
fn packed_name(i: usize) -> &'static str {
    let start = if i == 0 { 0 } else { NAME_ENDS[i - 1] as usize };
    let end = NAME_ENDS.get(i).map_or(start, |&e| e as usize);
    NAME_BYTES.get(start..end).and_then(|b| core::str::from_utf8(b).ok()).unwrap_or("?")
}

/// The leak report: `{"allocations": {"int": N, ...}, "live": {"int": N, ...}}`, every heap kind
/// listed (in `HeapKind::ALL` order), on one line.
pub fn object_report_json() -> String {
    let mut out = String::from("{\"allocations\": {");
    for (i, k) in HeapKind::ALL.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        let _ = write!(out, "{sep}\"{}\": {}", packed_name(i), stats(*k).allocations);
    }
    out.push_str("}, \"live\": {");
    for (i, k) in HeapKind::ALL.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        let _ = write!(out, "{sep}\"{}\": {}", packed_name(i), stats(*k).live);
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
