//! The set algebra, the number slots and the methods of `set` and `frozenset`.
//!
//! Relies on: `set` for the table primitives (`add_entry`, `contains_entry`, `discard_entry`,
//! `next_entry` through `entries_vec`, `table_resize`, `swap_bodies`, …); `dict` for dict
//! operands (their stored hashes); `call` for the argument checks (`METH_O`, `METH_NOARGS`,
//! `METH_VARARGS`). The reference is CPython 3.11's `Objects/setobject.c`: `set_union`,
//! `set_or`, `set_ior`, `set_intersection`, `set_intersection_multi`,
//! `set_intersection_update_multi`, `set_and`, `set_iand`, `set_isdisjoint`,
//! `set_difference_update_internal`, `set_copy_and_difference`, `set_difference`,
//! `set_difference_multi`, `set_sub`, `set_isub`, `set_symmetric_difference_update`,
//! `set_symmetric_difference`, `set_xor`, `set_ixor`, `set_issubset`, `set_issuperset`,
//! `set_add`, `set_remove`, `set_discard`, `set_pop`, `set_copy`, `frozenset_copy`,
//! `set_clear`, `set_update`.
//!
//! Provides: [`SET_NUMBER`], [`FROZENSET_NUMBER`], [`SET_METHODS`], [`FROZENSET_METHODS`] and
//! the operations views and slots share: [`intersection`], [`difference_update_internal`],
//! [`symmetric_difference_update`], [`issubset`], [`issuperset`].
//!
//! Invariants: every result is built in CPython's order: which operand is iterated, which one
//! is probed, and when a table is resized are CPython's, so the result's iteration order is
//! too. The keys iterated are held by references of their own (a snapshot of the table) while
//! other code runs. Results have the left operand's type (set or frozenset).

use alloc::format;

use super::call::{exactly_one, no_args};
use super::set::{
    self, add_entry, contains_entry, contains_key, copy_of, discard_entry, discard_key,
    entries_vec, is_anyset, is_frozenset, make_new_set, release_entries, set_len, update_internal,
};
use super::types::{MethodDef, NumberSlots, OpSet};
use super::{Obj, decref, dict, dispatch, iter, new_ref, singletons};
use crate::BinaryOp;
use crate::ExceptionKind::TypeError;
use crate::exceptions::{MoltResult, fail, key_error};

type Kw<'a, 'b> = &'a [(&'b str, Obj)];

/// Runs `f` on each key of `s` (with its hash), from a snapshot of new references.
fn for_each_entry(s: Obj, mut f: impl FnMut(Obj, i64) -> MoltResult<bool>) -> MoltResult<()> {
    let entries = entries_vec(s)?;
    let mut r = Ok(());
    for &(k, h) in &entries {
        match f(k, h) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                r = Err(e);
                break;
            }
        }
    }
    release_entries(entries);
    r
}

/// Runs `f` on each item of iterable `o`; `f` returns false to stop.
fn for_each_item(o: Obj, mut f: impl FnMut(Obj) -> MoltResult<bool>) -> MoltResult<()> {
    let it = iter::get_iter(o)?;
    let r = (|| {
        while let Some(x) = iter::iter_next(it)? {
            let r = f(x);
            // SAFETY: `iter_next` returned a new reference.
            unsafe { decref(x) };
            if !r? {
                break;
            }
        }
        Ok(())
    })();
    // SAFETY: `get_iter` returned a new reference.
    unsafe { decref(it) };
    r
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

/// `set_intersection(so, other)`.
pub fn intersection(so: Obj, other: Obj) -> MoltResult<Obj> {
    if so.is(other) {
        return copy_of(so);
    }
    let result = make_new_set(so.type_of(), None)?;
    let r = if is_anyset(other) {
        let (big, small) = if set_len(other) > set_len(so) {
            (other, so)
        } else {
            (so, other)
        };
        for_each_entry(small, |k, h| {
            if contains_entry(big, k, h)? {
                add_entry(result, k, h)?;
            }
            Ok(true)
        })
    } else {
        for_each_item(other, |k| {
            let h = dispatch::hash(k)?;
            if contains_entry(so, k, h)? {
                add_entry(result, k, h)?;
                if set_len(result) >= set_len(so) {
                    return Ok(false);
                }
            }
            Ok(true)
        })
    };
    finish(result, r)
}

/// `set_intersection_multi`.
fn intersection_multi(so: Obj, others: &[Obj]) -> MoltResult<Obj> {
    if others.is_empty() {
        return copy_of(so);
    }
    let mut result = new_ref(so);
    for &other in others {
        let next = intersection(result, other);
        // SAFETY: the previous result's reference.
        unsafe { decref(result) };
        result = next?;
    }
    Ok(result)
}

/// `set_isdisjoint`.
fn isdisjoint_impl(so: Obj, other: Obj) -> MoltResult<bool> {
    if so.is(other) {
        return Ok(set_len(so) == 0);
    }
    let mut disjoint = true;
    if is_anyset(other) {
        let (big, small) = if set_len(other) > set_len(so) {
            (other, so)
        } else {
            (so, other)
        };
        for_each_entry(small, |k, h| {
            disjoint = !contains_entry(big, k, h)?;
            Ok(disjoint)
        })?;
    } else {
        for_each_item(other, |k| {
            disjoint = !contains_key(so, k)?;
            Ok(disjoint)
        })?;
    }
    Ok(disjoint)
}

/// `set_difference_update_internal`: removes the keys of `other`; then the dummies are
/// resized away when more than a quarter of the table.
pub fn difference_update_internal(so: Obj, other: Obj) -> MoltResult<()> {
    if so.is(other) {
        return set::clear(so);
    }
    if is_anyset(other) {
        let other = if (set_len(other) >> 3) > set_len(so) {
            intersection(so, other)?
        } else {
            new_ref(other)
        };
        let r = for_each_entry(other, |k, h| {
            discard_entry(so, k, h)?;
            Ok(true)
        });
        // SAFETY: the reference made above.
        unsafe { decref(other) };
        r?;
    } else {
        for_each_item(other, |k| {
            discard_key(so, k)?;
            Ok(true)
        })?;
    }
    let (fill, used, mask) = set::shape(so);
    if fill - used <= mask / 4 {
        return Ok(());
    }
    set::table_resize(so, if used > 50000 { used * 2 } else { used * 4 })
}

/// `set_copy_and_difference`.
fn copy_and_difference(so: Obj, other: Obj) -> MoltResult<Obj> {
    let result = copy_of(so)?;
    let r = difference_update_internal(result, other);
    finish(result, r)
}

/// `set_difference(so, other)`.
fn difference(so: Obj, other: Obj) -> MoltResult<Obj> {
    let other_size = if is_anyset(other) {
        set_len(other)
    } else if dict::is_dict(other) {
        dict::dict_len(other)
    } else {
        return copy_and_difference(so, other);
    };
    if (set_len(so) >> 2) > other_size {
        return copy_and_difference(so, other);
    }
    let result = make_new_set(so.type_of(), None)?;
    let is_dict = dict::is_dict(other);
    let r = for_each_entry(so, |k, h| {
        let present = if is_dict {
            dict::contains_known_hash(other, k, h)?
        } else {
            contains_entry(other, k, h)?
        };
        if !present {
            add_entry(result, k, h)?;
        }
        Ok(true)
    });
    finish(result, r)
}

/// `set_difference_multi`.
fn difference_multi(so: Obj, others: &[Obj]) -> MoltResult<Obj> {
    let Some((&first, rest)) = others.split_first() else {
        return copy_of(so);
    };
    let result = difference(so, first)?;
    let r = rest
        .iter()
        .try_for_each(|&o| difference_update_internal(result, o));
    finish(result, r)
}

/// `set_symmetric_difference_update`.
pub fn symmetric_difference_update(so: Obj, other: Obj) -> MoltResult<()> {
    if so.is(other) {
        return set::clear(so);
    }
    let toggle = |k: Obj, h: i64| -> MoltResult<bool> {
        if !discard_entry(so, k, h)? {
            add_entry(so, k, h)?;
        }
        Ok(true)
    };
    if dict::is_dict(other) {
        let items = dict::items_vec(other)?;
        let mut r = Ok(());
        for &(k, _, h) in &items {
            if let Err(e) = toggle(k, h) {
                r = Err(e);
                break;
            }
        }
        dict::release_items(items);
        return r;
    }
    let otherset = if is_anyset(other) {
        new_ref(other)
    } else {
        make_new_set(so.type_of(), Some(other))?
    };
    let r = for_each_entry(otherset, toggle);
    // SAFETY: the reference made above.
    unsafe { decref(otherset) };
    r
}

/// `set_symmetric_difference`.
fn symmetric_difference(so: Obj, other: Obj) -> MoltResult<Obj> {
    let otherset = make_new_set(so.type_of(), Some(other))?;
    let r = symmetric_difference_update(otherset, so);
    finish(otherset, r)
}

/// `set_union`.
fn union(so: Obj, others: &[Obj]) -> MoltResult<Obj> {
    let result = copy_of(so)?;
    let r = others
        .iter()
        .filter(|o| !o.is(so))
        .try_for_each(|&o| update_internal(result, o));
    finish(result, r)
}

/// `set_issubset`.
pub fn issubset(so: Obj, other: Obj) -> MoltResult<bool> {
    if !is_anyset(other) {
        let tmp = make_new_set(&set::molt_type_set, Some(other))?;
        let r = issubset(so, tmp);
        // SAFETY: the temporary's only reference.
        unsafe { decref(tmp) };
        return r;
    }
    if set_len(so) > set_len(other) {
        return Ok(false);
    }
    let mut all = true;
    for_each_entry(so, |k, h| {
        all = contains_entry(other, k, h)?;
        Ok(all)
    })?;
    Ok(all)
}

/// `set_issuperset`.
pub fn issuperset(so: Obj, other: Obj) -> MoltResult<bool> {
    if is_anyset(other) {
        return issubset(other, so);
    }
    let mut all = true;
    for_each_item(other, |k| {
        all = contains_key(so, k)?;
        Ok(all)
    })?;
    Ok(all)
}

// --- number slots ---

/// `set_sub`, `set_and`, `set_xor`, `set_or`: NotImplemented unless both are sets.
fn set_binary(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if !is_anyset(v) || !is_anyset(w) {
        return Ok(singletons::not_implemented());
    }
    match op {
        BinaryOp::Sub => difference(v, w),
        BinaryOp::And => intersection(v, w),
        BinaryOp::Xor => symmetric_difference(v, w),
        BinaryOp::Or => {
            let result = copy_of(v)?;
            if v.is(w) {
                return Ok(result);
            }
            let r = update_internal(result, w);
            finish(result, r)
        }
        _ => Ok(singletons::not_implemented()),
    }
}

/// `set_isub`, `set_iand`, `set_ixor`, `set_ior`: `v` changed in place and returned.
fn set_inplace(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if !is_anyset(w) || !set::is_set(v) {
        return Ok(singletons::not_implemented());
    }
    match op {
        BinaryOp::Sub => difference_update_internal(v, w)?,
        BinaryOp::And => {
            let tmp = intersection(v, w)?;
            set::swap_bodies(v, tmp);
            // SAFETY: the temporary's only reference.
            unsafe { decref(tmp) };
        }
        BinaryOp::Xor => symmetric_difference_update(v, w)?,
        BinaryOp::Or => update_internal(v, w)?,
        _ => return Ok(singletons::not_implemented()),
    }
    Ok(new_ref(v))
}

const SET_OPS: OpSet = OpSet::binary(&[BinaryOp::Sub, BinaryOp::And, BinaryOp::Xor, BinaryOp::Or]);

/// `set_as_number`.
pub static SET_NUMBER: NumberSlots = NumberSlots {
    binary: Some(set_binary),
    binary_ops: SET_OPS,
    inplace: Some(set_inplace),
    inplace_ops: SET_OPS,
    ..NumberSlots::EMPTY
};

/// `frozenset_as_number`: no in-place operators.
pub static FROZENSET_NUMBER: NumberSlots = NumberSlots {
    binary: Some(set_binary),
    binary_ops: SET_OPS,
    ..NumberSlots::EMPTY
};

// --- methods ---

/// `METH_VARARGS`' keyword check (`method_vectorcall_VARARGS`): "union() takes no keyword
/// arguments", without the class name.
fn varargs_no_keywords(name: &str, kw: Kw) -> MoltResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        fail(TypeError, format!("{name}() takes no keyword arguments"))
    }
}

fn none() -> MoltResult<Obj> {
    Ok(singletons::none())
}

fn add(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let key = exactly_one(s, "add", pos, kw)?;
    set::add_key(s, key)?;
    none()
}

fn clear(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(s, "clear", pos, kw)?;
    set::clear(s)?;
    none()
}

fn copy(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(s, "copy", pos, kw)?;
    if is_frozenset(s) {
        return Ok(new_ref(s));
    }
    copy_of(s)
}

fn discard(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let key = exactly_one(s, "discard", pos, kw)?;
    set::with_frozen_retry(key, |k| discard_key(s, k))?;
    none()
}

fn remove(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let key = exactly_one(s, "remove", pos, kw)?;
    if set::with_frozen_retry(key, |k| discard_key(s, k))? {
        none()
    } else {
        key_error(key)
    }
}

fn pop(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(s, "pop", pos, kw)?;
    set::pop(s)
}

fn m_difference(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    varargs_no_keywords("difference", kw)?;
    difference_multi(s, pos)
}

fn difference_update(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    varargs_no_keywords("difference_update", kw)?;
    for &o in pos {
        difference_update_internal(s, o)?;
    }
    none()
}

fn m_intersection(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    varargs_no_keywords("intersection", kw)?;
    intersection_multi(s, pos)
}

fn intersection_update(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    varargs_no_keywords("intersection_update", kw)?;
    let tmp = intersection_multi(s, pos)?;
    set::swap_bodies(s, tmp);
    // SAFETY: the temporary's reference.
    unsafe { decref(tmp) };
    none()
}

fn isdisjoint(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let other = exactly_one(s, "isdisjoint", pos, kw)?;
    Ok(singletons::bool_obj(isdisjoint_impl(s, other)?))
}

fn m_issubset(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let other = exactly_one(s, "issubset", pos, kw)?;
    Ok(singletons::bool_obj(issubset(s, other)?))
}

fn m_issuperset(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let other = exactly_one(s, "issuperset", pos, kw)?;
    Ok(singletons::bool_obj(issuperset(s, other)?))
}

fn m_symmetric_difference(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let other = exactly_one(s, "symmetric_difference", pos, kw)?;
    symmetric_difference(s, other)
}

fn symmetric_difference_update_m(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let other = exactly_one(s, "symmetric_difference_update", pos, kw)?;
    symmetric_difference_update(s, other)?;
    none()
}

fn m_union(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    varargs_no_keywords("union", kw)?;
    union(s, pos)
}

fn update(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    varargs_no_keywords("update", kw)?;
    for &o in pos {
        update_internal(s, o)?;
    }
    none()
}

macro_rules! methods {
    ($($name:literal => $f:ident),* $(,)?) => {
        &[$(MethodDef { name: $name, call: $f }),*]
    };
}

/// The methods of `set`.
pub const SET_METHODS: &[MethodDef] = methods![
    "add" => add,
    "clear" => clear,
    "copy" => copy,
    "discard" => discard,
    "difference" => m_difference,
    "difference_update" => difference_update,
    "intersection" => m_intersection,
    "intersection_update" => intersection_update,
    "isdisjoint" => isdisjoint,
    "issubset" => m_issubset,
    "issuperset" => m_issuperset,
    "pop" => pop,
    "remove" => remove,
    "symmetric_difference" => m_symmetric_difference,
    "symmetric_difference_update" => symmetric_difference_update_m,
    "union" => m_union,
    "update" => update,
];

/// The methods of `frozenset`.
pub const FROZENSET_METHODS: &[MethodDef] = methods![
    "copy" => copy,
    "difference" => m_difference,
    "intersection" => m_intersection,
    "isdisjoint" => isdisjoint,
    "issubset" => m_issubset,
    "issuperset" => m_issuperset,
    "symmetric_difference" => m_symmetric_difference,
    "union" => m_union,
];
