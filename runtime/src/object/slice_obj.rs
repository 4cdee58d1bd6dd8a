//! `slice` objects: what `obj[a:b:c]` passes to a class's `__getitem__` / `__setitem__` /
//! `__delitem__`, and what `slice(a, b, c)` makes; builtin sequences given one slice as they
//! slice (`lst[s]`, `super().__getitem__(s)`).
//!
//! Relies on: `alloc` (kind `HeapKind::Slice`, a container: its members may be any objects);
//! `slice` for the slicing of builtin sequences and `adjusted` (`indices`); `tuple` for the
//! comparison; `dispatch` for the members' reprs. The reference is CPython 3.11's
//! `Objects/sliceobject.c`: `PySlice_New`, `slice_new`, `slice_repr`, `slice_richcompare`,
//! `slice_indices` (`_PySlice_GetLongIndices`), `slice_traverse`.
//!
//! Provides: [`new_slice`] (None until the type is enabled), [`parts`] (the members of a slice
//! object, by kind: no code names the type to ask), [`slice_class`], the ABI's
//! `molt_enable_slices` and [`enable`]; `free` / `traverse` / `clear` for `alloc` and `gc`.
//!
//! Invariants: a slice owns its three members (None for the ones not given), never changed
//! after it is made (the collector's clear aside, which leaves None). The type object is
//! reached only through the hook [`enable`] sets (the first class a program makes, or a
//! program naming `slice`): a program with neither makes no slice object and links none of
//! this but the kind's small free and collector entry points. Slices are unhashable, as in
//! CPython 3.11.

use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::call::{check_positional, no_keywords_for};
use super::range::Owned;
use super::types::{MethodDef, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, decref, dispatch, new_ref, singletons, tuple};
use crate::CompareOp;
use crate::ExceptionKind::{TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};

/// A slice object.
#[repr(C)]
pub struct SliceObject {
    pub header: Header,
    start: Obj,
    stop: Obj,
    step: Obj,
}

/// The type `slice`.
static TYPE_SLICE: TypeObject = TypeObject {
    repr: Some(slice_repr),
    richcompare: Some(slice_richcompare),
    hash: Some(super::dict::unhashable),
    heap: Some(HeapKind::Slice),
    new: Some(slice_new),
    attributes: Some(slice_attribute),
    methods: SLICE_METHODS,
    ..TypeObject::new("slice", &TYPE_OBJECT)
};

static SLICE_METHODS: &[MethodDef] = &[MethodDef { name: "indices", call: indices }];

/// What code every program links reaches through the hook: the type, and the builtin
/// sequences indexed by a slice object (`slice::slice_item` / `slice_assign`, which link the
/// slicing of every sequence type).
struct SliceHooks {
    class: &'static TypeObject,
    item: fn(Obj, Obj) -> Option<MoltResult<Obj>>,
    assign: fn(Obj, Obj, Option<Obj>) -> Option<MoltResult<()>>,
}

static SLICE_HOOKS: SliceHooks = SliceHooks { class: &TYPE_SLICE, item: super::slice::slice_item, assign: super::slice::slice_assign };

static HOOK: crate::sys::Global<Option<&'static SliceHooks>> = crate::sys::Global::new(None);

fn hooks() -> Option<&'static SliceHooks> {
    core::hint::black_box(HOOK.with(|h| *h))
}

/// Makes slice objects available (`molt_enable_slices`).
pub fn enable() {
    HOOK.with(|h| *h = Some(&SLICE_HOOKS));
}

/// Makes the class `slice` a value and slice objects available (a program naming `slice`).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_slices() {
    enable();
}

/// The type `slice`, once enabled.
pub fn slice_class() -> Option<&'static TypeObject> {
    hooks().map(|h| h.class)
}

/// `seq[key]` for a builtin sequence (also of a class deriving from `list`) when `key` is a
/// slice object: its slice; None otherwise (the callers' TypeErrors follow).
pub fn item(seq: Obj, key: Obj) -> Option<MoltResult<Obj>> {
    if key.type_of().heap != Some(HeapKind::Slice) {
        return None;
    }
    hooks().and_then(|h| (h.item)(seq, key))
}

/// `seq[key] = value` / `del seq[key]` for a list when `key` is a slice object; None
/// otherwise.
pub fn assign(seq: Obj, key: Obj, value: Option<Obj>) -> Option<MoltResult<()>> {
    if key.type_of().heap != Some(HeapKind::Slice) {
        return None;
    }
    hooks().and_then(|h| (h.assign)(seq, key, value))
}

/// `PySlice_New(start, stop, step)` (borrowed members); None while slices are not enabled.
pub fn new_slice(start: Obj, stop: Obj, step: Obj) -> Option<MoltResult<Obj>> {
    let t = slice_class()?;
    Some(alloc_container(Layout::new::<SliceObject>(), t).map(|h| {
        let p = h.cast::<SliceObject>();
        // SAFETY: a fresh block whose header is written; the members are written before the
        // object is seen.
        unsafe {
            core::ptr::addr_of_mut!((*p).start).write(new_ref(start));
            core::ptr::addr_of_mut!((*p).stop).write(new_ref(stop));
            core::ptr::addr_of_mut!((*p).step).write(new_ref(step));
            let o = Obj::from_header(h);
            super::gc::track(o);
            o
        }
    }))
}

/// The members (start, stop, step) of slice object `o` (borrowed), by its kind.
#[inline]
pub fn parts(o: Obj) -> Option<(Obj, Obj, Obj)> {
    if o.type_of().heap != Some(HeapKind::Slice) {
        return None;
    }
    // SAFETY: an object of this kind is a live `SliceObject`.
    o.header_ptr().map(|h| unsafe {
        let p = h.cast::<SliceObject>();
        ((*p).start, (*p).stop, (*p).step)
    })
}

/// `slice(stop)`, `slice(start, stop[, step])`.
fn slice_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("slice", kw)?;
    check_positional("slice", pos.len(), 1, 3)?;
    let none = singletons::none();
    let (start, stop, step) = match *pos {
        [stop] => (none, stop, none),
        [start, stop] => (start, stop, none),
        [start, stop, step] => (start, stop, step),
        _ => return fail(TypeError, "slice expected at least 1 argument, got 0"),
    };
    match new_slice(start, stop, step) {
        Some(r) => r,
        None => fail(TypeError, "slice objects are not enabled (a compiler bug)"),
    }
}

/// `slice_repr`: `slice(1, None, None)`.
fn slice_repr(o: Obj) -> MoltResult<String> {
    let Some((a, b, c)) = parts(o) else { return Ok(String::from("slice(?)")) };
    Ok(format!("slice({}, {}, {})", dispatch::repr_of(a)?, dispatch::repr_of(b)?, dispatch::repr_of(c)?))
}

/// `slice_richcompare`: as the tuples of the members; NotImplemented for another object.
fn slice_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    let (Some(a), Some(b)) = (parts(v), parts(w)) else { return Ok(singletons::not_implemented()) };
    if v.is(w) && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(singletons::bool_obj(op == CompareOp::Eq));
    }
    let ta = Owned(tuple::tuple_from_slice(&[a.0, a.1, a.2])?);
    let tb = Owned(tuple::tuple_from_slice(&[b.0, b.1, b.2])?);
    dispatch::rich_compare(op, ta.get(), tb.get())
}

/// `s.start`, `s.stop`, `s.step`.
fn slice_attribute(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let (a, b, c) = parts(o)?;
    match name {
        "start" => Some(Ok(new_ref(a))),
        "stop" => Some(Ok(new_ref(b))),
        "step" => Some(Ok(new_ref(c))),
        _ => None,
    }
}

/// `slice.indices(length)`: (start, stop, step) for a sequence of `length` items
/// (`_PySlice_GetLongIndices`: "length should not be negative").
fn indices(s: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let len = super::call::exactly_one(s, "indices", pos, kw)?;
    let Some(n) = dispatch::as_index(len, crate::ExceptionKind::OverflowError)? else {
        return fail(TypeError, format!("'{}' object cannot be interpreted as an integer", len.type_of().name));
    };
    if n < 0 {
        return fail(ValueError, "length should not be negative");
    }
    let Some((a, b, c)) = parts(s) else { return fail(TypeError, "descriptor 'indices' requires a 'slice' object") };
    let (start, stop, step, _) = super::slice::adjusted(usize::try_from(n).unwrap_or(usize::MAX), a, b, c)?;
    let ints = [super::int::from_i64(start), super::int::from_i64(stop), super::int::from_i64(step)];
    tuple::tuple_from_results(ints)
}

/// Frees a slice object, releasing its members.
///
/// # Safety
/// `h` is a slice object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    // SAFETY: forwarded contract: the members are read before the block is freed and released
    // once after.
    unsafe {
        let p = h.cast::<SliceObject>();
        let members = [(*p).start, (*p).stop, (*p).step];
        free_raw(h, Layout::new::<SliceObject>(), HeapKind::Slice);
        for m in members {
            decref(m);
        }
    }
}

/// Visits a slice's members (`slice_traverse`).
///
/// # Safety
/// `h` is a live slice object.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    unsafe {
        let p = h.cast::<SliceObject>();
        for m in [(*p).start, (*p).stop, (*p).step] {
            visit(m);
        }
    }
}

/// Drops the members of an unreachable slice: each becomes None before it is released.
///
/// # Safety
/// `h` is a live slice object the collector found unreachable.
pub(crate) unsafe fn clear(h: *mut Header) {
    // SAFETY: forwarded contract; each member is replaced before its release.
    unsafe {
        let p = h.cast::<SliceObject>();
        for m in [core::ptr::addr_of_mut!((*p).start), core::ptr::addr_of_mut!((*p).stop), core::ptr::addr_of_mut!((*p).step)] {
            decref(m.replace(singletons::none()));
        }
    }
}
