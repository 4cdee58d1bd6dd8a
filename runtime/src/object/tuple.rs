//! Python tuples: immutable arrays of references.
//!
//! Relies on: `alloc` for counted allocation (kind `HeapKind::Tuple`); `dispatch` for the
//! items' repr, hash and comparisons; `exception::nested` for CPython's recursion guard of
//! `repr()` and comparisons; `list::repr_enter` / `repr_leave` (CPython's `Py_ReprEnter`: a
//! tuple in a cycle through a list shows as `(...)`); `iter` for the tuple iterator. CPython 3.11's
//! `Objects/tupleobject.c` is the reference for every result and message (`tuplerepr`,
//! `tuplehash`, `tuplerichcompare`, `tupleconcat`, `tuplerepeat`, `tuplesubscript`,
//! `tuplecontains`, `tuple_alloc`).
//!
//! Provides: the `tuple` type object `molt_type_tuple` and its slots (repr, hash, rich
//! comparison, length, concatenation, repetition, `t[i]`, `in`, `iter()`) and methods (`count`,
//! `index`); [`new_tuple`],
//! [`tuple_from_vec`], [`tuple_from_slice`], [`tuple_from_iter`], [`tuple_items`], [`tuple_len`], [`is_tuple`]; the ABI functions
//! `molt_tuple_new`, `molt_tuple_init`, `molt_tuple_item`.
//!
//! Invariants: a tuple object is `{header, length, items…}` in one block, each item an owned
//! reference (freeing the tuple releases them, through `alloc::free_object`'s deferred frees so
//! that nesting never deepens the stack). Items are set only while the tuple is new and unseen
//! (`molt_tuple_init` right after `molt_tuple_new`, whose items start as the small int 0, no
//! reference); afterwards a tuple never changes (but for the cycle collector's `clear_items`
//! of an unreachable one). A tuple is a container for the collector (`gc`), tracked while it
//! holds an item that may be part of a cycle (`gc::may_be_tracked`) and only then: a new
//! tuple is tracked once its items are written if one is such (`track_if_needed`); a tuple
//! made by `molt_tuple_new` starts untracked (its placeholders are no references) and
//! `molt_tuple_init` tracks it when it receives such an item; a collection untracks a
//! tracked tuple whose items no longer are (CPython's `_PyTuple_MaybeUntrack`). A tuple being
//! filled is therefore consistent for the collector at every step. The empty tuple is one static object (CPython's singleton), with the untracked head
//! every tuple has before its header: `()` never allocates. A tuple's type is `tuple`, a
//! namedtuple class, or a heap class deriving from either (`builtin_sub`, decisions/0044),
//! whose instances hold a `__dict__` word after the items and a reference to their class;
//! `is_tuple` is `PyTuple_Check`, `is_exact_tuple` `PyTuple_CheckExact`; only exact tuples are
//! given back unchanged, and a heap class's instance never goes to the free lists. Hashing is iterative (any nesting depth gives
//! CPython's value); repr and comparisons recurse one nesting level per item, with CPython's
//! RecursionError past the recursion limit.

use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_container, free_raw, memory_error};
use super::exception::nested;
use super::gc::{self, GcHead};
use super::singletons::{self, bool_obj};
use super::types::{SequenceSlots, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, StaticObject, decref, dispatch, incref, iter, new_ref};
use crate::CompareOp;
use crate::ExceptionKind::{IndexError, MemoryError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail, value_or_raise};

/// A tuple object's fixed part; `len` item references follow it.
#[repr(C)]
pub struct TupleObject {
    pub header: Header,
    /// The number of items.
    pub len: usize,
    items: [Obj; 0],
}

// SAFETY: `#[repr(C)]`, header first; the static empty tuple is immortal.
unsafe impl StaticObject for TupleObject {}

/// The static empty tuple with the `GcHead` every tuple has before its header (untracked, never
/// linked: the collector may read it when a container references `()`; CPython allocates its
/// static empty tuple with a head too).
#[repr(C)]
pub struct StaticTuple {
    head: GcHead,
    tuple: TupleObject,
}

// SAFETY: the head is never written (the empty tuple is never tracked); the tuple is immortal.
unsafe impl Sync for StaticTuple {}

static EMPTY_TUPLE_BLOCK: StaticTuple = StaticTuple {
    head: GcHead::untracked(),
    tuple: TupleObject {
        header: Header::immortal(&molt_type_tuple),
        len: 0,
        items: [],
    },
};

/// The empty tuple.
pub static EMPTY_TUPLE: &TupleObject = &EMPTY_TUPLE_BLOCK.tuple;

/// The block of a tuple of `len` items; MemoryError where CPython's `tuple_alloc` gives one
/// (more items than `PY_SSIZE_T_MAX` bytes can hold).
fn layout(len: usize) -> MoltResult<Layout> {
    let fixed = core::mem::size_of::<TupleObject>();
    if len > (isize::MAX as usize - fixed) / core::mem::size_of::<Obj>() {
        return memory_error();
    }
    let size = fixed + len * core::mem::size_of::<Obj>();
    match Layout::from_size_align(size, core::mem::align_of::<TupleObject>()) {
        Ok(l) => Ok(l),
        Err(_) => memory_error(),
    }
}

/// The block layout of a tuple of `len` items (small `len`: the free lists' layouts).
pub const fn block_layout(len: usize) -> Layout {
    let size = core::mem::size_of::<TupleObject>() + len * core::mem::size_of::<Obj>();
    match Layout::from_size_align(size, core::mem::align_of::<TupleObject>()) {
        Ok(l) => l,
        Err(_) => Layout::new::<TupleObject>(),
    }
}

/// A block for a tuple of `len` items: from its free list when it has one, else new.
#[inline(always)]
fn tuple_block(len: usize) -> MoltResult<*mut Header> {
    match crate::object::alloc::take_tuple_block(len, &molt_type_tuple) {
        Some(p) => Ok(p),
        None => new_tuple_block(len),
    }
}

/// A new block for a tuple of `len` items (malloc's; a collection may run). Out of line: inlined
/// into every tuple constructor it costs more than the call (tuples.py +14M instructions).
#[inline(never)]
fn new_tuple_block(len: usize) -> MoltResult<*mut Header> {
    alloc_container(layout(len)?, &molt_type_tuple)
}

/// A new tuple of `len` items written by `fill`, which receives the (uninitialised) item slots
/// and must write every one of them with an owned reference. `len` is not 0. Tracked by the
/// collector if an item may be part of a cycle ([`track_if_needed`]).
#[inline(always)]
fn alloc_tuple(len: usize, fill: impl FnOnce(*mut Obj)) -> MoltResult<Obj> {
    let o = alloc_tuple_untracked(len, fill)?;
    // SAFETY: a new tuple, every item written.
    unsafe { track_if_needed(o) };
    Ok(o)
}

/// [`alloc_tuple`] without tracking (for a tuple of placeholders).
#[inline(always)]
fn alloc_tuple_untracked(len: usize, fill: impl FnOnce(*mut Obj)) -> MoltResult<Obj> {
    let p = tuple_block(len)?.cast::<TupleObject>();
    // SAFETY: `p` is a fresh block of `size_of::<TupleObject>() + len * 8` bytes, header
    // written; `fill` writes the `len` item slots that follow the fixed part.
    unsafe {
        core::ptr::addr_of_mut!((*p).len).write(len);
        fill(core::ptr::addr_of_mut!((*p).items).cast::<Obj>());
        Ok(Obj::from_header(p.cast()))
    }
}

/// Tracks the new tuple `o` if one of its items may be part of a cycle (a container, but a
/// tuple that is untracked: `gc::may_be_tracked`). A tuple that holds none is never part of
/// one (it never changes), so it is left untracked: the collector never examines it, and
/// making and freeing it costs nothing for the collector — CPython tracks every tuple and
/// untracks these at its next collection (`_PyTuple_MaybeUntrack`), which `gc` does too for
/// the tuples it finds.
///
/// # Safety
/// `o` is a new, untracked heap tuple whose items are written.
#[inline]
unsafe fn track_if_needed(o: Obj) {
    // SAFETY: forwarded contract.
    unsafe {
        let Some(h) = o.header_ptr() else { return };
        if items_of(h).iter().any(|&x| gc::may_be_tracked(x)) {
            gc::track(o);
        }
    }
}

/// A new tuple of `len` items to be filled (`molt_tuple_init`), each the small int 0 until
/// then: a placeholder with no count, so that replacing it costs no decrement (the empty tuple
/// for 0).
#[inline]
pub fn new_tuple(len: usize) -> MoltResult<Obj> {
    if len == 0 {
        return Ok(new_ref(Obj::from_static(EMPTY_TUPLE)));
    }
    // Untracked: placeholders are not references (`molt_tuple_init` tracks it if it gets a
    // container).
    alloc_tuple_untracked(len, |items| {
        for k in 0..len {
            // SAFETY: `k < len`: a slot of the new tuple.
            unsafe { items.add(k).write(Obj::default()) };
        }
    })
}

/// A new tuple of new references to `items` (no intermediate vector).
pub fn tuple_from_slice(items: &[Obj]) -> MoltResult<Obj> {
    if items.is_empty() {
        return Ok(new_ref(Obj::from_static(EMPTY_TUPLE)));
    }
    alloc_tuple(items.len(), |dst| {
        for (k, &o) in items.iter().enumerate() {
            // SAFETY: `k < len`: a slot of the new tuple.
            unsafe { dst.add(k).write(new_ref(o)) };
        }
    })
}

/// A new tuple of the results `items` gives (new references), in order; the first error stops
/// there and releases those already made.
pub fn tuple_try_collect(len: usize, items: impl Iterator<Item = MoltResult<Obj>>) -> MoltResult<Obj> {
    let mut v: Vec<Obj> = Vec::new();
    if v.try_reserve_exact(len).is_err() {
        return memory_error();
    }
    for x in items {
        match x {
            Ok(o) => v.push(o),
            Err(e) => {
                super::list::release(v);
                return Err(e);
            }
        }
    }
    tuple_from_vec(v)
}

/// A new tuple owning the references in `items` (released if the tuple cannot be allocated).
pub fn tuple_from_vec(items: Vec<Obj>) -> MoltResult<Obj> {
    if items.is_empty() {
        return Ok(new_ref(Obj::from_static(EMPTY_TUPLE)));
    }
    let n = items.len();
    match tuple_block(n) {
        Ok(p) => {
            let p = p.cast::<TupleObject>();
            // SAFETY: a fresh block for `n` items, header written; the references move in.
            unsafe {
                core::ptr::addr_of_mut!((*p).len).write(n);
                let dst = core::ptr::addr_of_mut!((*p).items).cast::<Obj>();
                core::ptr::copy_nonoverlapping(items.as_ptr(), dst, n);
                let o = Obj::from_header(p.cast());
                track_if_needed(o);
                Ok(o)
            }
        }
        Err(e) => {
            for o in items {
                // SAFETY: the vector owned these references.
                unsafe { decref(o) };
            }
            Err(e)
        }
    }
}

/// A new tuple of the results' objects when every one succeeded; else the first error, with
/// the objects that were made released (a tuple built from several fallible constructions).
pub fn tuple_from_results<const N: usize>(parts: [MoltResult<Obj>; N]) -> MoltResult<Obj> {
    let mut items = Vec::with_capacity(N);
    let mut err = None;
    for p in parts {
        match p {
            Ok(o) => items.push(o),
            Err(e) => {
                if err.is_none() {
                    err = Some(e);
                }
            }
        }
    }
    match err {
        None => tuple_from_vec(items),
        Some(e) => {
            for o in items {
                // SAFETY: the references the results gave.
                unsafe { decref(o) };
            }
            Err(e)
        }
    }
}

/// `tuple(v)` (`PySequence_Tuple`): a tuple itself, else a new tuple of the items of `iter(v)`
/// ("'int' object is not iterable"; a list's items, as CPython's copy of them).
pub fn tuple_from_iter(v: Obj) -> MoltResult<Obj> {
    if is_exact_tuple(v) {
        return Ok(new_ref(v));
    }
    let it = iter::get_iter(v)?;
    let items = super::list::collect_iter(it);
    // SAFETY: `get_iter` returned a new reference.
    unsafe { decref(it) };
    tuple_from_vec(items?)
}

/// Frees a tuple object, releasing its items.
///
/// # Safety
/// `h` is a heap tuple object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    let p = h.cast::<TupleObject>();
    if core::ptr::eq(p.cast_const(), EMPTY_TUPLE) {
        return; // static: never freed
    }
    // SAFETY: forwarded contract: the items are initialised owned references, released once;
    // `len` is the length the block was allocated with.
    unsafe {
        let len = (*p).len;
        let items = core::ptr::addr_of!((*p).items).cast::<Obj>();
        for k in 0..len {
            decref(items.add(k).read());
        }
        if super::class::is_heap((*h).ty) {
            // An instance of a class deriving from tuple: its `__dict__` word and its class.
            return super::builtin_sub::free_block(h, block_layout(len), HeapKind::Tuple);
        }
        if crate::object::alloc::keep_tuple_block(h, len) {
            return;
        }
        if let Ok(l) = layout(len) {
            free_raw(h, l, HeapKind::Tuple);
        }
    }
}

/// The items of the tuple whose header is at `h` (no type check: see `gc`'s `clear`).
///
/// # Safety
/// `h` is a live tuple object; the slice lives as long as it does.
pub(crate) unsafe fn items_of<'a>(h: *const Header) -> &'a [Obj] {
    // SAFETY: forwarded contract: `len` initialised items follow the fixed part.
    unsafe {
        let p = h.cast::<TupleObject>();
        core::slice::from_raw_parts(core::ptr::addr_of!((*p).items).cast::<Obj>(), (*p).len)
    }
}

/// Visits the items of a tuple (the collector's `tupletraverse`).
///
/// # Safety
/// `h` is a live tuple object.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut impl FnMut(Obj)) {
    // SAFETY: forwarded contract: `len` initialised items follow the fixed part.
    unsafe {
        let p = h.cast::<TupleObject>();
        let items = core::ptr::addr_of!((*p).items).cast::<Obj>();
        for k in 0..(*p).len {
            visit(items.add(k).read());
        }
        if let Some(offset) = extra_offset(h) {
            super::builtin_sub::traverse_extra(h, offset, visit);
        }
    }
}

/// Drops the items of an unreachable tuple, each replaced by the small int 0 (CPython's tuples
/// have no `tp_clear`; the collector clears them as any container: nothing sees them again).
///
/// # Safety
/// `h` is a live heap tuple object that the collector found unreachable.
pub(crate) unsafe fn clear_items(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe {
        let p = h.cast::<TupleObject>();
        let items = core::ptr::addr_of_mut!((*p).items).cast::<Obj>();
        for k in 0..(*p).len {
            gc::clear_slot(items.add(k));
        }
        if let Some(offset) = extra_offset(h) {
            super::builtin_sub::clear_extra(h, offset);
        }
    }
}

/// True if `o` is a tuple, or an instance of a tuple subtype (`collections.namedtuple`
/// classes, whose instances are tuples of their own type: `PyTuple_Check`).
#[inline]
pub fn is_tuple(o: Obj) -> bool {
    let t = o.type_of();
    t.is(&molt_type_tuple) || t.heap == Some(HeapKind::Tuple)
}

/// True if `o` is a tuple of type `tuple` itself (`PyTuple_CheckExact`): the operations that
/// give back their operand unchanged do so only for these.
#[inline]
pub fn is_exact_tuple(o: Obj) -> bool {
    o.type_of().is(&molt_type_tuple)
}

/// The block of an instance of a heap class deriving from tuple with `len` items: the tuple,
/// then its `__dict__` word (decisions/0044).
fn sub_layout(len: usize) -> MoltResult<Layout> {
    match layout(len)?.extend(Layout::new::<Obj>()) {
        Ok((l, _)) => Ok(l.pad_to_align()),
        Err(_) => memory_error(),
    }
}

/// Where the `__dict__` word of the tuple at `h` is (its offset in the block), when its type is
/// a heap class (a class deriving from tuple); None for the other tuples.
///
/// # Safety
/// `h` is a live tuple object.
pub(crate) unsafe fn extra_offset(h: *const Header) -> Option<usize> {
    // SAFETY: forwarded contract.
    unsafe { super::class::is_heap((*h).ty).then(|| block_layout((*h.cast::<TupleObject>()).len).size()) }
}

/// A new tuple of type `t` (a subtype of tuple whose heap kind is `Tuple`: a namedtuple class,
/// or a heap class deriving from tuple, whose instances also hold a `__dict__` word and a
/// reference to their class) holding `items` (owned references, given to the tuple).
pub(crate) fn tuple_of_type(t: &'static TypeObject, items: Vec<Obj>) -> MoltResult<Obj> {
    let n = items.len();
    let heap_class = super::class::is_heap(t);
    let h = match if heap_class { sub_layout(n) } else { layout(n) }.and_then(|l| alloc_container(l, t)) {
        Ok(h) => h,
        Err(e) => {
            super::list::release(items);
            return Err(e);
        }
    };
    let p = h.cast::<TupleObject>();
    // SAFETY: a fresh block for `n` items (and the `__dict__` word of a heap class's instance)
    // with its header written; every slot is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).len).write(n);
        let slots = core::ptr::addr_of_mut!((*p).items).cast::<Obj>();
        for (k, o) in items.into_iter().enumerate() {
            slots.add(k).write(o);
        }
        if heap_class {
            slots.add(n).write(singletons::none());
            incref(Obj::from_static(t));
        }
        let o = Obj::from_header(h);
        gc::track(o);
        Ok(o)
    }
}

/// `Name(field=repr, …)`: the repr of a tuple whose items have names (a namedtuple's, a struct
/// sequence's), `fields` paired with the items in order.
pub(crate) fn named_items_repr<'a>(name: &str, fields: impl Iterator<Item = &'a str>, o: Obj) -> MoltResult<String> {
    let mut out = format!("{name}(");
    for (i, (f, &v)) in fields.zip(tuple_items(o).unwrap_or(&[])).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(f);
        out.push('=');
        out.push_str(&dispatch::repr_of(v)?);
    }
    out.push(')');
    Ok(out)
}

/// The items of `o` if it is a tuple (borrowed: they live as long as the tuple).
/// The items of `o`, known to be a tuple (no type test).
///
/// # Safety
/// `o` is a live tuple (or an instance of a subclass), alive while the slice is used.
#[inline(always)]
pub(crate) unsafe fn tuple_items_unchecked<'a>(o: Obj) -> &'a [Obj] {
    // SAFETY: forwarded contract: a `TupleObject` followed by `len` initialised items.
    unsafe {
        let p = (o.raw() - crate::OBJ_TAG as u64) as *const TupleObject;
        core::slice::from_raw_parts(core::ptr::addr_of!((*p).items).cast::<Obj>(), (*p).len)
    }
}

pub fn tuple_items<'a>(o: Obj) -> Option<&'a [Obj]> {
    if !is_tuple(o) {
        return None;
    }
    let p = o.header_ptr()?.cast::<TupleObject>();
    // SAFETY: an object of type tuple is a `TupleObject` followed by `len` initialised items,
    // which never change once the tuple is seen.
    unsafe {
        let items = core::ptr::addr_of!((*p).items).cast::<Obj>();
        Some(core::slice::from_raw_parts(items, (*p).len))
    }
}

/// The length of `o` if it is a tuple.
pub fn tuple_len(o: Obj) -> Option<usize> {
    tuple_items(o).map(<[Obj]>::len)
}

/// `tuplerepr`: `()`, `(1,)`, `(1, 2)`, each item by `repr()` one nesting level deeper; `(...)`
/// for a tuple already being repr'd (a cycle through a list: CPython's `Py_ReprEnter`).
fn tuple_repr(v: Obj) -> MoltResult<String> {
    let items = tuple_items(v).unwrap_or(&[]);
    if items.is_empty() {
        return Ok(String::from("()"));
    }
    if super::list::repr_enter(v)? {
        return Ok(String::from("(...)"));
    }
    let r = (|| {
        let mut out = String::from("(");
        for (k, &item) in items.iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            let r = nested(" while getting the repr of an object", || {
                dispatch::repr_of(item)
            })?;
            out.push_str(&r);
        }
        if items.len() == 1 {
            out.push(',');
        }
        out.push(')');
        Ok(out)
    })();
    super::list::repr_leave(v);
    r
}

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// One round of `tuplehash`'s accumulator.
fn hash_round(acc: u64, lane: u64) -> u64 {
    acc.wrapping_add(lane.wrapping_mul(XXPRIME_2))
        .rotate_left(31)
        .wrapping_mul(XXPRIME_1)
}

/// The end of `tuplehash`: the length mixed in; -1 becomes 1546275796.
fn hash_finish(acc: u64, len: usize) -> i64 {
    let acc = acc.wrapping_add(len as u64 ^ (XXPRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        1_546_275_796
    } else {
        acc as i64
    }
}

/// CPython's `tuplehash` (xxHash-based), computed with an explicit stack instead of recursing
/// into nested tuples; an item's hash error propagates.
fn tuple_hash(v: Obj) -> MoltResult<i64> {
    struct Level<'a> {
        items: &'a [Obj],
        next: usize,
        acc: u64,
    }
    let mut stack: Vec<Level<'_>> = Vec::new();
    let mut current = Level {
        items: tuple_items(v).unwrap_or(&[]),
        next: 0,
        acc: XXPRIME_5,
    };
    loop {
        if let Some(&item) = current.items.get(current.next) {
            current.next += 1;
            if let Some(inner) = tuple_items(item) {
                if stack.try_reserve(1).is_err() {
                    return fail(MemoryError, "");
                }
                let inner = Level {
                    items: inner,
                    next: 0,
                    acc: XXPRIME_5,
                };
                stack.push(core::mem::replace(&mut current, inner));
            } else {
                current.acc = hash_round(current.acc, dispatch::hash(item)? as u64);
            }
            continue;
        }
        let h = hash_finish(current.acc, current.items.len());
        match stack.pop() {
            Some(mut outer) => {
                outer.acc = hash_round(outer.acc, h as u64);
                current = outer;
            }
            None => return Ok(h),
        }
    }
}

/// `tuplerichcompare`: the first index where the items differ (identity or `==`), then those
/// items compared with `op`; the lengths when one tuple is a prefix of the other.
fn tuple_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    let (Some(a), Some(b)) = (tuple_items(v), tuple_items(w)) else {
        return Ok(singletons::not_implemented());
    };
    let mut k = 0;
    while let (Some(&x), Some(&y)) = (a.get(k), b.get(k)) {
        if !dispatch::rich_compare_bool(CompareOp::Eq, x, y)? {
            break;
        }
        k += 1;
    }
    let (Some(&x), Some(&y)) = (a.get(k), b.get(k)) else {
        return Ok(bool_obj(dispatch::op_holds(op, a.len().cmp(&b.len()))));
    };
    match op {
        CompareOp::Eq => Ok(bool_obj(false)),
        CompareOp::Ne => Ok(bool_obj(true)),
        CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge => {
            nested(" in comparison", || dispatch::rich_compare(op, x, y))
        }
    }
}

fn tuple_len_slot(v: Obj) -> usize {
    tuple_len(v).unwrap_or(0)
}

/// `tuplecontains`: some item is `el` or `== el` (the item on the left).
fn tuple_contains(t: Obj, el: Obj) -> MoltResult<bool> {
    for &item in tuple_items(t).unwrap_or(&[]) {
        if dispatch::rich_compare_bool(CompareOp::Eq, item, el)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `tupleconcat(a, bb)`; `a` is a tuple (this is `a`'s `sq_concat`).
fn tuple_concat(a: Obj, bb: Obj) -> MoltResult<Obj> {
    let x = tuple_items(a).unwrap_or(&[]);
    if x.is_empty() && is_exact_tuple(bb) {
        return Ok(new_ref(bb));
    }
    let Some(y) = tuple_items(bb) else {
        return fail(
            TypeError,
            format!(
                "can only concatenate tuple (not \"{}\") to tuple",
                bb.type_of().name
            ),
        );
    };
    if y.is_empty() && is_exact_tuple(a) {
        return Ok(new_ref(a));
    }
    // Both lengths fit in memory, so their sum fits a usize.
    let n = x.len() + y.len();
    alloc_tuple(n, |items| {
        for (k, &o) in x.iter().chain(y).enumerate() {
            // SAFETY: `k < n`: a slot of the new tuple; it takes its own reference.
            unsafe { items.add(k).write(new_ref(o)) };
        }
    })
}

/// `tuplerepeat(a, n)`: the tuple itself for `n == 1` or an empty tuple, `()` for `n <= 0`,
/// MemoryError when the length would exceed `PY_SSIZE_T_MAX`.
fn tuple_repeat(a: Obj, n: i64) -> MoltResult<Obj> {
    let x = tuple_items(a).unwrap_or(&[]);
    if (x.is_empty() || n == 1) && is_exact_tuple(a) {
        return Ok(new_ref(a));
    }
    if x.is_empty() || n <= 0 {
        return Ok(new_ref(Obj::from_static(EMPTY_TUPLE)));
    }
    let count = n.unsigned_abs() as usize;
    if count > isize::MAX as usize / x.len() {
        return memory_error();
    }
    let size = x.len() * count;
    alloc_tuple(size, |items| {
        for (k, &o) in x.iter().cycle().take(size).enumerate() {
            // SAFETY: `k < size`: a slot of the new tuple; it takes its own reference.
            unsafe { items.add(k).write(new_ref(o)) };
        }
    })
}

/// `tuplesubscript(t, key)`: negative indices count from the end; IndexError "tuple index out
/// of range"; a slice object's slice; CPython's TypeError otherwise.
fn tuple_subscript(t: Obj, key: Obj) -> MoltResult<Obj> {
    let Some(i) = dispatch::as_index(key, IndexError)? else {
        if let Some(r) = super::slice_obj::item(t, key) {
            return r;
        }
        return fail(
            TypeError,
            format!(
                "tuple indices must be integers or slices, not {}",
                key.type_of().name
            ),
        );
    };
    let items = tuple_items(t).unwrap_or(&[]);
    let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
    let i = if i < 0 { i + len } else { i };
    match usize::try_from(i).ok().and_then(|i| items.get(i)) {
        Some(&o) => Ok(new_ref(o)),
        None => fail(IndexError, "tuple index out of range"),
    }
}

/// `tuple.count(value)` (`tuple_count`).
fn tuple_count(t: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let value = super::call::exactly_one(t, "count", pos, kw)?;
    let mut n = 0;
    for &item in tuple_items(t).unwrap_or(&[]) {
        n += i64::from(dispatch::rich_compare_bool(CompareOp::Eq, item, value)?);
    }
    super::int::from_i64(n)
}

/// `tuple.index(value, start=0, stop=sys.maxsize)` (`tuple_index_impl`): ValueError
/// "tuple.index(x): x not in tuple".
fn tuple_index(t: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    use super::call::{check_positional, no_keywords, slice_index_not_none};
    no_keywords(t, "index", kw)?;
    check_positional("index", pos.len(), 1, 3)?;
    let value = pos[0];
    let mut start = match pos.get(1) {
        Some(&s) => slice_index_not_none(s)?,
        None => 0,
    };
    let mut stop = match pos.get(2) {
        Some(&s) => slice_index_not_none(s)?,
        None => i64::MAX,
    };
    let items = tuple_items(t).unwrap_or(&[]);
    let size = items.len() as i64;
    if start < 0 {
        start = (start + size).max(0);
    }
    if stop < 0 {
        stop += size;
    } else if stop > size {
        stop = size;
    }
    let mut i = start;
    while i < stop {
        if let Some(&item) = items.get(i as usize)
            && dispatch::rich_compare_bool(CompareOp::Eq, item, value)?
        {
            return super::int::from_i64(i);
        }
        i += 1;
    }
    fail(ValueError, "tuple.index(x): x not in tuple")
}

/// `tuple.__getnewargs__()`: `(tuple(self),)` (what `copy` rebuilds an instance of a tuple
/// subclass from). Reached through a subclass's MRO only (`builtin_dunder::attr`), so that
/// programs without one link none of it.
pub(crate) fn tuple_getnewargs(t: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(t, "__getnewargs__", pos, kw)?;
    let copy = tuple_from_slice(tuple_items(t).unwrap_or(&[]))?;
    tuple_from_vec(alloc::vec![copy])
}

/// The methods of `tuple`.
const TUPLE_METHODS: &[super::types::MethodDef] = &[
    super::types::MethodDef {
        name: "index",
        call: tuple_index,
    },
    super::types::MethodDef {
        name: "count",
        call: tuple_count,
    },
];

static TUPLE_SEQUENCE: SequenceSlots = SequenceSlots {
    len: Some(tuple_len_slot),
    concat: Some(tuple_concat),
    repeat: Some(tuple_repeat),
    contains: Some(tuple_contains),
    ..SequenceSlots::EMPTY
};

/// The type object of `tuple`.
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_type_tuple: TypeObject = TypeObject {
    new: Some(super::construct::hooked_new),
    sequence: Some(&TUPLE_SEQUENCE),
    richcompare: Some(tuple_richcompare),
    hash: Some(tuple_hash),
    repr: Some(tuple_repr),
    subscript: Some(tuple_subscript),
    iter: Some(iter::tuple_iter),
    heap: Some(HeapKind::Tuple),
    methods: TUPLE_METHODS,
    ..TypeObject::new("tuple", &TYPE_OBJECT)
};

// --- the C ABI ---

/// A new tuple of `len` items, each the small int 0 until `molt_tuple_init` sets it.
#[unsafe(no_mangle)]
pub extern "C" fn molt_tuple_new(len: i64) -> Obj {
    value_or_raise(match usize::try_from(len) {
        Ok(n) => new_tuple(n),
        Err(_) => fail(ValueError, "molt_tuple_new: negative length"),
    })
}

/// A new tuple of the `n` items at `items` (a spilled array; borrowed: the tuple takes new
/// references). Empty for `n <= 0`.
///
/// # Safety
/// `items` must be valid for reads of `n` words (when `n > 0`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_tuple_from(items: *const u8, n: i64) -> Obj {
    // SAFETY: forwarded caller contract.
    let items = unsafe { crate::exceptions::objs_from_raw(items, n) };
    value_or_raise(tuple_from_slice(items))
}

/// Sets item `index` of a tuple made by `molt_tuple_new` that nothing else has seen yet;
/// borrows `item` (the tuple takes its own reference). A bad call (not a tuple, an index out
/// of range) raises instead of writing.
#[unsafe(no_mangle)]
pub extern "C" fn molt_tuple_init(tuple: Obj, index: i64, item: Obj) {
    let len = tuple_len(tuple);
    let k = match (len, usize::try_from(index)) {
        (Some(n), Ok(k)) if k < n => k,
        (None, _) => return value_or_raise(fail(TypeError, "molt_tuple_init: not a tuple")),
        _ => return value_or_raise(fail(IndexError, "molt_tuple_init: index out of range")),
    };
    let Some(h) = tuple.header_ptr() else { return };
    // SAFETY: `tuple` is a heap tuple of more than `k` items (the empty tuple has none), not
    // yet seen by anything else, so replacing an item is not observable; the old item was an
    // owned reference.
    unsafe {
        let slot = core::ptr::addr_of!((*h.cast::<TupleObject>()).items)
            .cast::<Obj>()
            .cast_mut()
            .add(k);
        incref(item);
        let old = slot.replace(item);
        // The tuple is untracked while it holds no container (it starts with placeholders, and
        // a collection may untrack one): a container in it must be seen.
        if gc::may_be_tracked(item) && !gc::tracked_at(h) {
            gc::track(tuple);
        }
        // The placeholder small int `new_tuple` wrote: no decrement (not even a call).
        if !old.is_small() {
            decref(old);
        }
    }
}

/// Item `index` of a tuple, as a new reference (IndexError "tuple index out of range" for an
/// index the compiler should not have produced).
#[unsafe(no_mangle)]
pub extern "C" fn molt_tuple_item(tuple: Obj, index: i64) -> Obj {
    value_or_raise(match tuple_items(tuple) {
        Some(items) => match usize::try_from(index).ok().and_then(|k| items.get(k)) {
            Some(&o) => Ok(new_ref(o)),
            None => fail(IndexError, "tuple index out of range"),
        },
        None => fail(TypeError, "molt_tuple_item: not a tuple"),
    })
}

/// The kinds `molt_tuple_shape_is` tests, by their codes (types every program links: a list
/// item is tested by the compiler's code, so that only programs with lists link `list`).
fn item_is(o: Obj, kind: i64) -> bool {
    let ty = o.type_of();
    match kind {
        0 => true,
        1 => ty.is(&super::int::molt_type_int),
        2 => ty.is(&super::float::molt_type_float),
        3 => ty.is(&super::str::molt_type_str),
        4 => o.is(bool_obj(true)) || o.is(bool_obj(false)),
        5 => singletons::is_none(o),
        _ => false,
    }
}

/// Whether `t` is exactly a tuple of `len` items of the kinds `kinds` encodes, 4 bits per item
/// (see the declaration in `abi.rs`).
#[unsafe(no_mangle)]
pub extern "C" fn molt_tuple_shape_is(t: Obj, len: i64, kinds: i64) -> bool {
    if !t.type_of().is(&molt_type_tuple) {
        return false;
    }
    let Some(items) = tuple_items(t) else { return false };
    usize::try_from(len).is_ok_and(|n| n == items.len()) && items.iter().enumerate().all(|(i, &o)| item_is(o, (kinds >> (4 * i)) & 0xf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_tests_kind_length_and_items() {
        let t = molt_tuple_new(2);
        molt_tuple_init(t, 0, Obj::small(3).unwrap());
        molt_tuple_init(t, 1, bool_obj(true));
        assert!(molt_tuple_shape_is(t, 2, 1 | 4 << 4));
        assert!(molt_tuple_shape_is(t, 2, 0));
        assert!(!molt_tuple_shape_is(t, 2, 1 | 1 << 4));
        assert!(!molt_tuple_shape_is(t, 3, 1 | 4 << 4));
        assert!(!molt_tuple_shape_is(Obj::small(3).unwrap(), 2, 0));
        // SAFETY: the test owns its one reference to the tuple.
        unsafe { decref(t) };
    }

    #[test]
    fn hash_finish_avoids_minus_one() {
        // An accumulator that would end as -1 gives CPython's 1546275796 instead.
        for len in [0usize, 1, 7] {
            let acc = u64::MAX.wrapping_sub(len as u64 ^ (XXPRIME_5 ^ 3_527_539));
            assert_eq!(hash_finish(acc, len), 1_546_275_796);
            assert_eq!(hash_finish(acc.wrapping_add(1), len), 0);
        }
        // hash(()) in CPython 3.11.
        assert_eq!(hash_finish(XXPRIME_5, 0), 5_740_354_900_026_072_187);
    }
}
