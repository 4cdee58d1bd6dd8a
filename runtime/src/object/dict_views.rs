//! The views of a dict (`dict_keys`, `dict_values`, `dict_items`) and its iterators
//! (`dict_keyiterator`, `dict_valueiterator`, `dict_itemiterator`, and the reverse ones
//! `reversed()` makes of a dict or a view: `dict_reversekeyiterator`, …).
//!
//! Relies on: `dict` for the entries (read by position, live length re-read at each step);
//! `set` for the set operations of keys and items views (`dictviews_to_set`, then a set
//! method); `list` for the repr's list and `Py_ReprEnter`; `alloc` for counted objects (owning
//! a reference to their dict, so freed through the deferred frees). The references are
//! CPython 3.11's `Objects/dictobject.c`: `dictiter_new`, `dictiter_iternextkey`,
//! `dictiter_iternextvalue`, `dictiter_iternextitem`, `dictreviter_iternext`, `dictview_len`, `dictview_repr`,
//! `dictkeys_contains`, `dictitems_contains`, `dictview_richcompare`, `all_contained_in`,
//! `dictviews_to_set`, `dictviews_sub`, `_PyDictView_Intersect`, `dictviews_or`,
//! `dictviews_xor`, `dictitems_xor`.
//!
//! Provides: [`dict_iter`] (the dict's `tp_iter`), [`dict_reversed`] (its `__reversed__`),
//! [`new_view`], [`ViewKind`], the view and
//! iterator type objects, [`free_view`], [`free_iter`].
//!
//! Invariants: a view is `{header, dict}` (an owned reference, never released before the view
//! dies). An iterator is `{header, dict until exhausted, used, position, remaining}`: it
//! raises RuntimeError "dictionary changed size during iteration" when the dict's length is no
//! longer the one it started with (and keeps raising it: `used` becomes -1), and
//! "dictionary keys changed during iteration" when it finds more entries than the dict had
//! items; once exhausted it drops the dict and stays exhausted. A reverse iterator has the same
//! layout and heap kind (its `pos` counts down from the last entry, -1 when done) and makes the
//! size check only, as `dictreviter_iternext` does.

use alloc::format;
use alloc::string::String;
use core::alloc::Layout;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::list::{repr_enter, repr_leave};
use super::singletons::{self, bool_obj};
use super::types::{MethodDef, NumberSlots, OpSet, SequenceSlots, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, decref, dict, dispatch, incref, iter, list, new_ref, set, tuple};
use crate::ExceptionKind::RuntimeError;
use crate::exceptions::{MoltResult, fail};
use crate::{BinaryOp, CompareOp};

/// What a view or an iterator yields.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

/// A dict view.
#[repr(C)]
pub struct ViewObject {
    pub header: Header,
    dict: Obj,
}

/// A dict iterator.
#[repr(C)]
pub struct DictIterObject {
    pub header: Header,
    /// The dict (owned) until exhausted.
    dict: Option<Obj>,
    /// `di_used`: the dict's length when the iterator was made (-1 after a size change).
    used: i64,
    /// `di_pos`: the next entry to look at (counting down in a reverse iterator, -1 when done).
    pos: i64,
    /// `len`: the items not yet yielded.
    len: usize,
}

fn view_type(kind: ViewKind) -> &'static TypeObject {
    match kind {
        ViewKind::Keys => &TYPE_DICT_KEYS,
        ViewKind::Values => &TYPE_DICT_VALUES,
        ViewKind::Items => &TYPE_DICT_ITEMS,
    }
}

fn iter_type(kind: ViewKind) -> &'static TypeObject {
    match kind {
        ViewKind::Keys => &TYPE_DICT_KEYITERATOR,
        ViewKind::Values => &TYPE_DICT_VALUEITERATOR,
        ViewKind::Items => &TYPE_DICT_ITEMITERATOR,
    }
}

/// The kind and dict of view `v`, if it is one.
fn view_of(v: Obj) -> Option<(ViewKind, Obj)> {
    // By kind: `collections.OrderedDict`'s views (`odict_keys`, …) are views too.
    let kind = match v.type_of().heap {
        Some(HeapKind::DictKeys) => ViewKind::Keys,
        Some(HeapKind::DictValues) => ViewKind::Values,
        Some(HeapKind::DictItems) => ViewKind::Items,
        _ => return None,
    };
    // SAFETY: an object of a view type is a `ViewObject`.
    let d = v
        .header_ptr()
        .map(|h| unsafe { (*h.cast::<ViewObject>()).dict })?;
    Some((kind, d))
}

/// `PyDictViewSet_Check`: a keys or items view.
fn is_set_view(v: Obj) -> bool {
    matches!(view_of(v), Some((ViewKind::Keys | ViewKind::Items, _)))
}

/// A new view of `kind` on dict `d`.
pub fn new_view(d: Obj, kind: ViewKind) -> MoltResult<Obj> {
    new_view_of_type(d, view_type(kind))
}

/// A new view of type `t` (a view type or a subtype of one, whose heap kind says which view)
/// on dict `d`.
pub fn new_view_of_type(d: Obj, t: &'static TypeObject) -> MoltResult<Obj> {
    let p = alloc_container(Layout::new::<ViewObject>(), t)?.cast::<ViewObject>();
    // SAFETY: a fresh block with its header written.
    unsafe {
        core::ptr::addr_of_mut!((*p).dict).write(new_ref(d));
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// Visits the dict of a view (`dictview_traverse`).
///
/// # Safety
/// `h` is a live view.
pub(crate) unsafe fn traverse_view(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    visit(unsafe { (*h.cast::<ViewObject>()).dict });
}

/// Drops the dict of an unreachable view.
///
/// # Safety
/// `h` is a live view that the collector found unreachable.
pub(crate) unsafe fn clear_view(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe { super::gc::clear_slot(core::ptr::addr_of_mut!((*h.cast::<ViewObject>()).dict)) };
}

/// Visits the dict of a dict iterator (`dictiter_traverse`).
///
/// # Safety
/// `h` is a live dict iterator.
pub(crate) unsafe fn traverse_iter(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    if let Some(d) = unsafe { (*h.cast::<DictIterObject>()).dict } {
        visit(d);
    }
}

/// Drops the dict of an unreachable dict iterator (it reads as exhausted).
///
/// # Safety
/// `h` is a live dict iterator that the collector found unreachable.
pub(crate) unsafe fn clear_iter(h: *mut Header) {
    // SAFETY: forwarded contract.
    if let Some(d) = unsafe { (*h.cast::<DictIterObject>()).dict.take() } {
        // SAFETY: the iterator owned this reference.
        unsafe { decref(d) };
    }
}

/// Frees a view, releasing its dict.
///
/// # Safety
/// `h` is a heap view of kind `kind` with no reference left.
pub(crate) unsafe fn free_view(h: *mut Header, kind: HeapKind) {
    // SAFETY: forwarded contract.
    unsafe {
        let d = (*h.cast::<ViewObject>()).dict;
        free_raw(h, Layout::new::<ViewObject>(), kind);
        decref(d);
    }
}

/// A new iterator of `kind` over dict `d` (`dictiter_new`), from the last entry back when
/// `reverse`.
fn new_iter_dir(d: Obj, kind: ViewKind, reverse: bool) -> MoltResult<Obj> {
    let t = if reverse { rev_iter_type(kind) } else { iter_type(kind) };
    let p = alloc_container(Layout::new::<DictIterObject>(), t)?.cast::<DictIterObject>();
    let used = dict::dict_len(d);
    // `di_pos`: the first entry, or the last one (`dk_nentries - 1`; -1 for none).
    let pos = if reverse { dict::nentries(d) as i64 - 1 } else { 0 };
    // SAFETY: a fresh block with its header written.
    unsafe {
        core::ptr::addr_of_mut!((*p).dict).write(Some(new_ref(d)));
        core::ptr::addr_of_mut!((*p).used).write(used as i64);
        core::ptr::addr_of_mut!((*p).pos).write(pos);
        core::ptr::addr_of_mut!((*p).len).write(used);
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// Frees an iterator, releasing its dict.
///
/// # Safety
/// `h` is a heap dict iterator of kind `kind` with no reference left.
pub(crate) unsafe fn free_iter(h: *mut Header, kind: HeapKind) {
    // SAFETY: forwarded contract.
    unsafe {
        let d = (*h.cast::<DictIterObject>()).dict.take();
        free_raw(h, Layout::new::<DictIterObject>(), kind);
        if let Some(d) = d {
            decref(d);
        }
    }
}

/// A new iterator of `kind` over dict `d` (`dictiter_new`).
fn new_iter(d: Obj, kind: ViewKind) -> MoltResult<Obj> {
    new_iter_dir(d, kind, false)
}

/// `dict_iter`: the `tp_iter` of dict (its keys).
pub fn dict_iter(d: Obj) -> MoltResult<Obj> {
    new_iter(d, ViewKind::Keys)
}

/// `dict.__reversed__()`: a `dict_reversekeyiterator`.
pub fn dict_reversed(d: Obj) -> MoltResult<Obj> {
    new_iter_dir(d, ViewKind::Keys, true)
}

fn rev_iter_type(kind: ViewKind) -> &'static TypeObject {
    match kind {
        ViewKind::Keys => &TYPE_DICT_REVKEYITERATOR,
        ViewKind::Values => &TYPE_DICT_REVVALUEITERATOR,
        ViewKind::Items => &TYPE_DICT_REVITEMITERATOR,
    }
}

/// A view's `__reversed__()`: a reverse iterator of its kind over its dict.
fn view_reversed(v: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(v, "__reversed__", pos, kw)?;
    match view_of(v) {
        Some((kind, d)) => new_iter_dir(d, kind, true),
        None => fail(crate::ExceptionKind::TypeError, "not a dict view"),
    }
}

/// `dictviews_isdisjoint`: whether no item of `other` is in the view. Iterates the shorter of
/// the two when `other` is a set or a keys/items view (CPython's choice, so which side's
/// `__contains__` and `__iter__` run is CPython's), else `other`.
fn view_isdisjoint(v: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_keywords(v, "isdisjoint", kw)?;
    let &[other] = pos else {
        return fail(
            crate::ExceptionKind::TypeError,
            format!("{}.isdisjoint() takes exactly one argument ({} given)", v.type_of().name, pos.len()),
        );
    };
    if v.is(other) {
        return Ok(bool_obj(view_len(v) == 0));
    }
    let (mut this, mut that) = (v, other);
    if set::is_anyset(other) || is_set_view(other) {
        if dispatch::len_of_usize(other)? > view_len(v) {
            (this, that) = (other, v);
        }
    }
    let it = iter::get_iter(that)?;
    let r = (|| {
        while let Some(x) = iter::iter_next(it)? {
            let c = dispatch::contains(this, x);
            // SAFETY: `iter_next` returned a new reference.
            unsafe { decref(x) };
            if c? {
                return Ok(false);
            }
        }
        Ok(true)
    })();
    // SAFETY: `get_iter` returned a new reference.
    unsafe { decref(it) };
    r.map(bool_obj)
}

/// The methods of the keys and items views.
const SET_VIEW_METHODS: &[MethodDef] =
    &[MethodDef { name: "__reversed__", call: view_reversed }, MethodDef { name: "isdisjoint", call: view_isdisjoint }];
/// The methods of the values view.
const VALUES_METHODS: &[MethodDef] = &[MethodDef { name: "__reversed__", call: view_reversed }];

/// What an iterator of `kind` yields for the entry `(k, v)` (new references).
fn yielded(kind: ViewKind, k: Obj, v: Obj) -> MoltResult<Option<Obj>> {
    match kind {
        ViewKind::Keys => Ok(Some(new_ref(k))),
        ViewKind::Values => Ok(Some(new_ref(v))),
        ViewKind::Items => tuple::tuple_from_vec(alloc::vec![new_ref(k), new_ref(v)]).map(Some),
    }
}

/// `dictiter_iternextkey` / `…value` / `…item`.
fn dictiter_next(it: Obj) -> MoltResult<Option<Obj>> {
    dict_iter_step(it, false)
}

/// `dictreviter_iternext`.
fn dictreviter_next(it: Obj) -> MoltResult<Option<Obj>> {
    dict_iter_step(it, true)
}

/// The next item of a dict iterator, forward or `reverse`: the size check, then the first live
/// entry from `pos` on in the iterator's direction; a forward iterator also checks that it has
/// not found more entries than the dict had items ("dictionary keys changed during
/// iteration"), which `dictreviter_iternext` does not.
fn dict_iter_step(it: Obj, reverse: bool) -> MoltResult<Option<Obj>> {
    let t = it.type_of();
    let of_type = |k: ViewKind| t.is(if reverse { rev_iter_type(k) } else { iter_type(k) });
    let kind = [ViewKind::Keys, ViewKind::Values, ViewKind::Items].into_iter().find(|&k| of_type(k));
    let (Some(kind), Some(h)) = (kind, it.header_ptr()) else {
        return Ok(None);
    };
    let p = h.cast::<DictIterObject>().cast_mut();
    let step = if reverse { -1 } else { 1 };
    // SAFETY: a dict iterator; its fields are read and written without holding a borrow
    // across a call that could reach it.
    unsafe {
        let Some(d) = (*p).dict else { return Ok(None) };
        if (*p).used != dict::dict_len(d) as i64 {
            (*p).used = -1;
            return fail(RuntimeError, "dictionary changed size during iteration");
        }
        let n = dict::nentries(d) as i64;
        let mut i = (*p).pos;
        let mut found = None;
        while 0 <= i && i < n {
            if let Some(e) = dict::entry_at(d, i as usize) {
                found = Some(e);
                break;
            }
            i += step;
        }
        let Some((k, v, _)) = found else {
            (*p).dict = None;
            decref(d);
            return Ok(None);
        };
        if !reverse && (*p).len == 0 {
            (*p).dict = None;
            decref(d);
            return fail(RuntimeError, "dictionary keys changed during iteration");
        }
        (*p).pos = i + step;
        (*p).len = (*p).len.saturating_sub(1);
        yielded(kind, k, v)
    }
}

// --- view slots ---

fn view_len(v: Obj) -> usize {
    view_of(v).map_or(0, |(_, d)| dict::dict_len(d))
}

fn view_iter(v: Obj) -> MoltResult<Obj> {
    match view_of(v) {
        Some((kind, d)) => new_iter(d, kind),
        None => fail(crate::ExceptionKind::TypeError, "not a dict view"),
    }
}

/// `dictview_repr`: `dict_keys([1, 2])`; `...` for a view already being repr'd.
fn view_repr(v: Obj) -> MoltResult<String> {
    if repr_enter(v)? {
        return Ok(String::from("..."));
    }
    let r = (|| {
        let l = list::list_from_iter(v)?;
        let r = dispatch::repr_of(l);
        // SAFETY: `list_from_iter` returned a new reference.
        unsafe { decref(l) };
        Ok(format!("{}({})", v.type_of().name, r?))
    })();
    repr_leave(v);
    r
}

/// `dictkeys_contains`.
fn keys_contains(v: Obj, key: Obj) -> MoltResult<bool> {
    let Some((_, d)) = view_of(v) else {
        return Ok(false);
    };
    let hash = dispatch::hash(key)?;
    dict::contains_known_hash(d, key, hash)
}

/// `dictitems_contains`: `(k, v)` with `d[k] == v`.
fn items_contains(v: Obj, obj: Obj) -> MoltResult<bool> {
    let Some((_, d)) = view_of(v) else {
        return Ok(false);
    };
    let Some(&[key, value]) = tuple::tuple_items(obj) else {
        return Ok(false);
    };
    let Some(found) = dict::get_item(d, key)? else {
        return Ok(false);
    };
    let r = dispatch::rich_compare_bool(CompareOp::Eq, found, value);
    // SAFETY: `get_item` returned a new reference.
    unsafe { decref(found) };
    r
}

/// `all_contained_in(self, other)`: every item of `self` is `in other`.
fn all_contained_in(a: Obj, b: Obj) -> MoltResult<bool> {
    let it = iter::get_iter(a)?;
    let r = (|| {
        while let Some(x) = iter::iter_next(it)? {
            let c = dispatch::contains(b, x);
            // SAFETY: `iter_next` returned a new reference.
            unsafe { decref(x) };
            if !c? {
                return Ok(false);
            }
        }
        Ok(true)
    })();
    // SAFETY: `get_iter` returned a new reference.
    unsafe { decref(it) };
    r
}

/// `dictview_richcompare`: against sets and keys/items views, as subset relations.
fn view_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if !set::is_anyset(w) && !is_set_view(w) {
        return Ok(singletons::not_implemented());
    }
    let (ls, lo) = (dispatch::len_of_usize(v)?, dispatch::len_of_usize(w)?);
    let ok = match op {
        CompareOp::Eq => ls == lo && all_contained_in(v, w)?,
        CompareOp::Ne => !(ls == lo && all_contained_in(v, w)?),
        CompareOp::Lt => ls < lo && all_contained_in(v, w)?,
        CompareOp::Le => ls <= lo && all_contained_in(v, w)?,
        CompareOp::Gt => ls > lo && all_contained_in(w, v)?,
        CompareOp::Ge => ls >= lo && all_contained_in(w, v)?,
    };
    Ok(bool_obj(ok))
}

/// `dictviews_to_set(self)`: `set(dict)` for a keys view (the dict fast path), else `set(self)`.
fn to_set(v: Obj) -> MoltResult<Obj> {
    match view_of(v) {
        Some((ViewKind::Keys, d)) => set::new_set(Some(d)),
        _ => set::new_set(Some(v)),
    }
}

/// `_PyDictView_Intersect`.
fn intersect(mut a: Obj, mut b: Obj) -> MoltResult<Obj> {
    if !is_set_view(a) {
        core::mem::swap(&mut a, &mut b);
    }
    let len_a = view_len(a);
    if set::is_set(b) && len_a <= set::set_len(b) {
        return set::intersection(b, a);
    }
    if is_set_view(b) && view_len(b) > len_a {
        core::mem::swap(&mut a, &mut b);
    }
    let keys = matches!(view_of(a), Some((ViewKind::Keys, _)));
    let result = set::new_set(None)?;
    let r = (|| {
        let it = iter::get_iter(b)?;
        let r = (|| {
            while let Some(x) = iter::iter_next(it)? {
                let c = if keys {
                    keys_contains(a, x)
                } else {
                    items_contains(a, x)
                };
                let r = match c {
                    Ok(true) => set::add_key(result, x),
                    Ok(false) => Ok(()),
                    Err(e) => Err(e),
                };
                // SAFETY: `iter_next` returned a new reference.
                unsafe { decref(x) };
                r?;
            }
            Ok(())
        })();
        // SAFETY: `get_iter` returned a new reference.
        unsafe { decref(it) };
        r
    })();
    finish(result, r)
}

/// `result` if `r` is Ok, else releases it.
fn finish(result: Obj, r: MoltResult<()>) -> MoltResult<Obj> {
    match r {
        Ok(()) => Ok(result),
        Err(e) => {
            // SAFETY: the caller's new reference.
            unsafe { decref(result) };
            Err(e)
        }
    }
}

/// `dictitems_xor`: the pairs of either items view whose key is missing from, or whose value
/// differs in, the other.
fn items_xor(a: Obj, b: Obj) -> MoltResult<Obj> {
    let (Some((_, d1)), Some((_, d2))) = (view_of(a), view_of(b)) else {
        return Ok(singletons::not_implemented());
    };
    let temp = dict::copy(d1)?;
    let result = match set::new_set(None) {
        Ok(s) => s,
        Err(e) => {
            // SAFETY: the copy's only reference.
            unsafe { decref(temp) };
            return Err(e);
        }
    };
    let r = (|| {
        let mut i = 0;
        while i < dict::nentries(d2) {
            if let Some((k, v2, h)) = dict::entry_at(d2, i) {
                incref(k);
                incref(v2);
                let r = (|| {
                    let to_delete = match dict::get_known_hash(temp, k, h)? {
                        None => false,
                        Some(v1) => {
                            incref(v1);
                            let c = dispatch::rich_compare_bool(CompareOp::Eq, v1, v2);
                            // SAFETY: the reference taken above.
                            unsafe { decref(v1) };
                            c?
                        }
                    };
                    if to_delete {
                        if let Some(v) = dict::pop_known_hash(temp, k, h)? {
                            // SAFETY: the entry's value, removed.
                            unsafe { decref(v) };
                        }
                        Ok(())
                    } else {
                        let pair = tuple::tuple_from_vec(alloc::vec![new_ref(k), new_ref(v2)])?;
                        let r = set::add_key(result, pair);
                        // SAFETY: `tuple_from_vec` returned a new reference.
                        unsafe { decref(pair) };
                        r
                    }
                })();
                // SAFETY: the references taken above.
                unsafe {
                    decref(k);
                    decref(v2);
                }
                r?;
            }
            i += 1;
        }
        let remaining = new_view(temp, ViewKind::Items)?;
        let r = set::update_internal(result, remaining);
        // SAFETY: `new_view` returned a new reference.
        unsafe { decref(remaining) };
        r
    })();
    // SAFETY: the copy's only reference (the view released its own).
    unsafe { decref(temp) };
    finish(result, r)
}

/// `dictviews_sub`, `_PyDictView_Intersect`, `dictviews_or`, `dictviews_xor`: the operands in
/// their original order (`self` may be the right one, and not a view).
fn view_binary(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    match op {
        BinaryOp::And => intersect(v, w),
        BinaryOp::Xor
            if matches!(view_of(v), Some((ViewKind::Items, _)))
                && matches!(view_of(w), Some((ViewKind::Items, _))) =>
        {
            items_xor(v, w)
        }
        BinaryOp::Sub | BinaryOp::Or | BinaryOp::Xor => {
            let result = to_set(v)?;
            let r = match op {
                BinaryOp::Sub => set::difference_update_internal(result, w),
                BinaryOp::Or => set::update_internal(result, w),
                _ => set::symmetric_difference_update(result, w),
            };
            finish(result, r)
        }
        _ => Ok(singletons::not_implemented()),
    }
}

static VIEW_NUMBER: NumberSlots = NumberSlots {
    binary: Some(view_binary),
    binary_ops: OpSet::binary(&[BinaryOp::Sub, BinaryOp::And, BinaryOp::Or, BinaryOp::Xor]),
    ..NumberSlots::EMPTY
};

static KEYS_SEQUENCE: SequenceSlots = SequenceSlots {
    len: Some(view_len),
    contains: Some(keys_contains),
    ..SequenceSlots::EMPTY
};

static VALUES_SEQUENCE: SequenceSlots = SequenceSlots {
    len: Some(view_len),
    ..SequenceSlots::EMPTY
};

static ITEMS_SEQUENCE: SequenceSlots = SequenceSlots {
    len: Some(view_len),
    contains: Some(items_contains),
    ..SequenceSlots::EMPTY
};

/// `dict_keys`.
pub static TYPE_DICT_KEYS: TypeObject = TypeObject {
    number: Some(&VIEW_NUMBER),
    sequence: Some(&KEYS_SEQUENCE),
    richcompare: Some(view_richcompare),
    hash: Some(dict::unhashable),
    repr: Some(view_repr),
    iter: Some(view_iter),
    heap: Some(HeapKind::DictKeys),
    methods: SET_VIEW_METHODS,
    ..TypeObject::new("dict_keys", &TYPE_OBJECT)
};

/// `dict_values`.
pub static TYPE_DICT_VALUES: TypeObject = TypeObject {
    sequence: Some(&VALUES_SEQUENCE),
    repr: Some(view_repr),
    iter: Some(view_iter),
    heap: Some(HeapKind::DictValues),
    methods: VALUES_METHODS,
    ..TypeObject::new("dict_values", &TYPE_OBJECT)
};

/// `dict_items`.
pub static TYPE_DICT_ITEMS: TypeObject = TypeObject {
    number: Some(&VIEW_NUMBER),
    sequence: Some(&ITEMS_SEQUENCE),
    richcompare: Some(view_richcompare),
    hash: Some(dict::unhashable),
    repr: Some(view_repr),
    iter: Some(view_iter),
    heap: Some(HeapKind::DictItems),
    methods: SET_VIEW_METHODS,
    ..TypeObject::new("dict_items", &TYPE_OBJECT)
};

/// The `tp_iter` of an iterator: itself.
fn self_iter(it: Obj) -> MoltResult<Obj> {
    Ok(new_ref(it))
}

/// A dict iterator type: forward (`dictiter_iternext…`) or reverse (`dictreviter_iternext`),
/// of the layout and heap kind `kind`.
const fn dict_iter_type(name: &'static str, kind: HeapKind, reverse: bool) -> TypeObject {
    TypeObject {
        iter: Some(self_iter),
        iternext: Some(if reverse { dictreviter_next } else { dictiter_next }),
        heap: Some(kind),
        ..TypeObject::new(name, &TYPE_OBJECT)
    }
}

/// `dict_keyiterator`.
pub static TYPE_DICT_KEYITERATOR: TypeObject =
    dict_iter_type("dict_keyiterator", HeapKind::DictKeyIterator, false);
/// `dict_valueiterator`.
pub static TYPE_DICT_VALUEITERATOR: TypeObject =
    dict_iter_type("dict_valueiterator", HeapKind::DictValueIterator, false);
/// `dict_itemiterator`.
pub static TYPE_DICT_ITEMITERATOR: TypeObject =
    dict_iter_type("dict_itemiterator", HeapKind::DictItemIterator, false);

/// `dict_reversekeyiterator` (the heap kind and layout of `dict_keyiterator`).
pub static TYPE_DICT_REVKEYITERATOR: TypeObject =
    dict_iter_type("dict_reversekeyiterator", HeapKind::DictKeyIterator, true);
/// `dict_reversevalueiterator`.
pub static TYPE_DICT_REVVALUEITERATOR: TypeObject =
    dict_iter_type("dict_reversevalueiterator", HeapKind::DictValueIterator, true);
/// `dict_reverseitemiterator`.
pub static TYPE_DICT_REVITEMITERATOR: TypeObject =
    dict_iter_type("dict_reverseitemiterator", HeapKind::DictItemIterator, true);
