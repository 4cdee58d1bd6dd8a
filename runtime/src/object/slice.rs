//! Slicing of tuples, lists and strs (ranges through `range::range_slice`):
//! `seq[start:stop:step]`, its assignment and deletion, as
//! CPython 3.11 computes them.
//!
//! Relies on: `tuple`, `list` and `str` for the sequences (`list` does the work of assignment and
//! deletion); `dispatch::as_index`-style `__index__` slots
//! for the bounds. The references are `_PyEval_SliceIndex` (Python/ceval.c), `PySlice_Unpack`
//! and `PySlice_AdjustIndices` (Objects/sliceobject.c), `tuplesubscript` (Objects/tupleobject.c)
//! and `unicode_subscript` (Objects/unicodeobject.c).
//!
//! Provides: the ABI's `molt_obj_getslice(seq, start, stop, step)` (each bound a value or
//! `None`; for a builtin sequence no slice object is made, which none could tell apart; any
//! other object, an instance of a class above all, gets `seq[slice(start, stop, step)]`
//! through `slice_obj`), `molt_obj_setslice` and `molt_obj_delslice` (likewise); [`slice_item`]
//! and [`slice_assign`] (a builtin sequence indexed by a slice object); [`adjusted`] (the
//! bounds of a slice of a sequence of a given length, for `list` and `slice.indices`).
//!
//! Invariants: the bounds are read in CPython's order (step, start, stop) with its errors ("slice
//! indices must be integers or None or have an __index__ method", "slice step cannot be zero");
//! out-of-range ints are clamped to ±(2**63 - 1), never an error; a full slice of a tuple or str
//! is the object itself, an empty str slice the static empty str; a slice of a list is always a
//! new list.

use alloc::string::String;
use alloc::vec::Vec;

use super::{int, list};
use super::str::{str_from_text, str_text};
use super::tuple::{tuple_from_vec, tuple_items};
use super::{Obj, decref, new_ref, singletons};
use crate::ExceptionKind::{TypeError, ValueError};
use crate::exceptions::{MoltResult, fail, value_or_raise};

/// `_PyEval_SliceIndex`: `None` for None, else the index, clamped to the i64 range.
fn slice_index(v: Obj) -> MoltResult<Option<i64>> {
    if singletons::is_none(v) {
        return Ok(None);
    }
    let Some(index) = v.type_of().index_slot() else {
        return fail(TypeError, "slice indices must be integers or None or have an __index__ method");
    };
    let i = index(v)?;
    let value = match int::int_ref(i) {
        Some(r) => r.to_i64().unwrap_or(if r.is_negative() { i64::MIN } else { i64::MAX }),
        None => 0,
    };
    // SAFETY: `index` returned a new reference, used above.
    unsafe { decref(i) };
    // PY_SSIZE_T_MIN is clamped like the rest (`PyNumber_AsSsize_t` with no error type).
    Ok(Some(value))
}

/// `PySlice_Unpack` then `PySlice_AdjustIndices` for a sequence of `len` items: (start, stop,
/// step, slice length).
pub(crate) fn adjusted(
    len: usize,
    start: Obj,
    stop: Obj,
    step: Obj,
) -> MoltResult<(i64, i64, i64, usize)> {
    let step = match slice_index(step)? {
        None => 1,
        Some(0) => return fail(ValueError, "slice step cannot be zero"),
        // Guards against -step overflowing (CPython: step < -PY_SSIZE_T_MAX).
        Some(s) => s.max(-i64::MAX),
    };
    let start = slice_index(start)?.unwrap_or(if step < 0 { i64::MAX } else { 0 });
    let stop = slice_index(stop)?.unwrap_or(if step < 0 { i64::MIN } else { i64::MAX });
    let len = len as i64;
    let adjust = |i: i64| -> i64 {
        if i < 0 {
            let j = i.saturating_add(len);
            if j < 0 { if step < 0 { -1 } else { 0 } } else { j }
        } else if i >= len {
            if step < 0 { len - 1 } else { len }
        } else {
            i
        }
    };
    let (start, stop) = (adjust(start), adjust(stop));
    let n = if step < 0 {
        if stop < start { (start - stop - 1) / (-step) + 1 } else { 0 }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok((start, stop, step, n as usize))
}

/// [`adjusted`] without the stop: (start, step, slice length).
fn indices(len: usize, start: Obj, stop: Obj, step: Obj) -> MoltResult<(i64, i64, usize)> {
    let (start, _, step, n) = adjusted(len, start, stop, step)?;
    Ok((start, step, n))
}

/// The positions `start, start + step, …` (`n` of them).
fn positions(start: i64, step: i64, n: usize) -> impl Iterator<Item = usize> {
    (0..n as i64).map(move |k| (start + k * step) as usize)
}

/// `seq[start:stop:step]`: a builtin sequence's slice ([`getslice_seq`]), else `seq[s]` with
/// a slice object `s` (an instance of a class: its `__getitem__` gets the slice; a dict:
/// "unhashable type: 'slice'"), else CPython's TypeError.
pub fn getslice(seq: Obj, start: Obj, stop: Obj, step: Obj) -> MoltResult<Obj> {
    if !super::class::is_heap(seq.type_of())
        && let Some(r) = getslice_seq(seq, start, stop, step)
    {
        return r;
    }
    match super::slice_obj::new_slice(start, stop, step) {
        Some(s) => {
            let s = super::range::Owned(s?);
            super::dispatch::getitem(seq, s.get())
        }
        None => fail(TypeError, alloc::format!("'{}' object is not subscriptable", seq.type_of().name)),
    }
}

/// `seq[s]` for a slice object `s` and a builtin sequence (a list, also of a class deriving
/// from `list`): its slice; None when `s` is no slice object or `seq` no such sequence.
pub fn slice_item(seq: Obj, s: Obj) -> Option<MoltResult<Obj>> {
    let (start, stop, step) = super::slice_obj::parts(s)?;
    getslice_seq(seq, start, stop, step)
}

/// `seq[s] = value` (`value` Some) or `del seq[s]` for a slice object `s` and a list (also of a
/// class deriving from `list`); None when `s` is no slice object or `seq` no list.
pub fn slice_assign(seq: Obj, s: Obj, value: Option<Obj>) -> Option<MoltResult<()>> {
    let (start, stop, step) = super::slice_obj::parts(s)?;
    if !list::is_list(seq) {
        return None;
    }
    Some(super::list_slice::ass_extended_slice(seq, start, stop, step, value))
}

/// `seq[start:stop:step]` for a tuple, a list, a str, a range (a new range) or a type with a
/// `getslice` extension (bytes); None for other objects.
fn getslice_seq(seq: Obj, start: Obj, stop: Obj, step: Obj) -> Option<MoltResult<Obj>> {
    if let Some(r) = super::range::range_slice(seq, start, stop, step) {
        return Some(r);
    }
    if let Some(len) = list::list_len(seq) {
        // Always a new list (`list_subscript`), the full slice included.
        let (first, step, n) = match indices(len, start, stop, step) {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let mut picked: Vec<Obj> = Vec::new();
        if picked.try_reserve_exact(n).is_err() {
            return Some(super::alloc::memory_error());
        }
        for i in positions(first, step, n) {
            if let Some(o) = list::item_at(seq, i) {
                picked.push(new_ref(o));
            }
        }
        return Some(list::list_from_vec(picked));
    }
    if let Some(items) = tuple_items(seq) {
        let (first, step, n) = match indices(items.len(), start, stop, step) {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        if first == 0 && step == 1 && n == items.len() && super::tuple::is_exact_tuple(seq) {
            return Some(Ok(new_ref(seq)));
        }
        let picked: Vec<Obj> = positions(first, step, n).map(|i| new_ref(items[i])).collect();
        return Some(tuple_from_vec(picked));
    }
    if let Some(text) = str_text(seq) {
        let ascii = text.is_ascii();
        let len = if ascii { text.len() } else { text.chars().count() };
        let (first, step, n) = match indices(len, start, stop, step) {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        if first == 0 && step == 1 && n == len {
            return Some(Ok(new_ref(seq)));
        }
        if ascii {
            let bytes = text.as_bytes();
            let out: Vec<u8> = positions(first, step, n).map(|i| bytes[i]).collect();
            return Some(str_from_text(core::str::from_utf8(&out).unwrap_or("")));
        }
        let chars: Vec<char> = text.chars().collect();
        let out: String = positions(first, step, n).map(|i| chars[i]).collect();
        return Some(str_from_text(&out));
    }
    seq.type_of().ext.and_then(|e| e.getslice).map(|f| f(seq, start, stop, step))
}

/// `seq[start:stop:step] = value` (`value` Some) or `del seq[start:stop:step]` (None): CPython's
/// `list_ass_subscript` for a list; for other objects `PyObject_SetItem`'s / `PyObject_DelItem`'s
/// TypeError for a key that is a slice (the bounds are not looked at).
pub fn assign_slice(
    seq: Obj,
    start: Obj,
    stop: Obj,
    step: Obj,
    value: Option<Obj>,
) -> MoltResult<()> {
    if list::is_list(seq) && !super::class::is_heap(seq.type_of()) {
        return super::list_slice::ass_extended_slice(seq, start, stop, step, value);
    }
    match super::slice_obj::new_slice(start, stop, step) {
        Some(s) => {
            let s = super::range::Owned(s?);
            super::dispatch::setitem(seq, s.get(), value)
        }
        None => super::dispatch::no_item_assignment(seq, value.is_none()),
    }
}

/// `seq[start:stop:step]` (each bound a value or None), as a new reference.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_getslice(seq: Obj, start: Obj, stop: Obj, step: Obj) -> Obj {
    value_or_raise(getslice(seq, start, stop, step))
}

/// `seq[start:stop:step] = value`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_setslice(seq: Obj, start: Obj, stop: Obj, step: Obj, value: Obj) {
    value_or_raise(assign_slice(seq, start, stop, step, Some(value)))
}

/// `del seq[start:stop:step]`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_delslice(seq: Obj, start: Obj, stop: Obj, step: Obj) {
    value_or_raise(assign_slice(seq, start, stop, step, None))
}
