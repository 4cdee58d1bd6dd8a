//! CPython's generic operations on objects: the binary-operator, unary-operator, rich
//! comparison and truth protocols, `str()`, `repr()`, `hash()`, subscription and `in`.
//!
//! Relies on: the type objects' slots (`types`); slots returning `NotImplemented` when they do
//! not handle an operand pair; `iter` for the iteration protocol. The references are CPython
//! 3.11's `binary_op1`, `binary_iop1`, `PyNumber_Add`, `PyNumber_Multiply`,
//! `PyNumber_InPlaceAdd`, `PyNumber_InPlaceMultiply`, `sequence_repeat`, `PyObject_GetItem`,
//! `PyObject_SetItem`, `PyObject_DelItem`, `PyNumber_AsSsize_t`, `PySequence_Contains` and
//! `_PySequence_IterSearch` (Objects/abstract.c), `do_richcompare`,
//! `PyObject_RichCompareBool` and `PyObject_IsTrue` (Objects/object.c).
//!
//! Provides: [`binary_op`], [`inplace_op`], [`unary_op`], [`rich_compare`],
//! [`rich_compare_bool`], [`truth`], [`repr_of`], [`str_of`], [`hash`] (and as objects:
//! [`repr_object`], [`str_object`], [`hash_object`]), [`as_index`], [`getitem`], [`setitem`],
//! [`contains`], [`op_holds`], and the ABI functions `molt_obj_binop`, `molt_obj_inplace_binop`,
//! `molt_obj_setitem`, `molt_obj_delitem`, `molt_obj_unop`, `molt_obj_compare`,
//! `molt_obj_truth`, `molt_obj_str`, `molt_obj_repr`, `molt_obj_hash`, `molt_obj_getitem`, `molt_obj_contains`,
//! `molt_print_obj` (with [`print_value`]).
//!
//! Invariants: the order in which slots are tried, and every TypeError message, are exactly
//! CPython's: the left operand's slot first unless the right operand's type is a proper subtype
//! of the left's (then the right's reflected slot first); a slot inherited unchanged from the
//! other operand's type is tried once; `==`/`!=` fall back to identity. Results are new
//! references; `NotImplemented` never escapes.

use alloc::format;
use alloc::string::String;
use core::cmp::Ordering;

use super::exception::nested;
use super::int::{self, decode, int_ref};
use super::singletons::{self, bool_obj, is_not_implemented};
use super::types::{RepeatFn, TypeObject, as_type, is_subtype};
use super::{Obj, decref, incref, iter, str};
use crate::ExceptionKind;
use crate::ExceptionKind::{OverflowError, TypeError};
use crate::exceptions::{MoltResult, fail, value_or_raise};
use crate::{BinaryOp, CompareOp, UnaryOp};

/// Whether `a op b` holds when `a` compares to `b` as `ord`.
pub fn op_holds(op: CompareOp, ord: Ordering) -> bool {
    match op {
        CompareOp::Lt => ord == Ordering::Less,
        CompareOp::Le => ord != Ordering::Greater,
        CompareOp::Eq => ord == Ordering::Equal,
        CompareOp::Ne => ord != Ordering::Equal,
        CompareOp::Gt => ord == Ordering::Greater,
        CompareOp::Ge => ord != Ordering::Less,
    }
}

/// The operator as CPython's messages spell it.
pub fn binary_op_name(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Add => "+",
        BinaryOp::Sub => "-",
        BinaryOp::Mul => "*",
        BinaryOp::TrueDiv => "/",
        BinaryOp::FloorDiv => "//",
        BinaryOp::Mod => "%",
        BinaryOp::Pow => "** or pow()",
        BinaryOp::LShift => "<<",
        BinaryOp::RShift => ">>",
        BinaryOp::And => "&",
        BinaryOp::Or => "|",
        BinaryOp::Xor => "^",
    }
}

/// The unary operator as CPython's "bad operand type for …" message spells it.
pub fn unary_op_name(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Neg => "unary -",
        UnaryOp::Pos => "unary +",
        UnaryOp::Invert => "unary ~",
        UnaryOp::Abs => "abs()",
    }
}

/// The comparison operator's symbol.
pub fn compare_op_name(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Lt => "<",
        CompareOp::Le => "<=",
        CompareOp::Eq => "==",
        CompareOp::Ne => "!=",
        CompareOp::Gt => ">",
        CompareOp::Ge => ">=",
    }
}

/// The operator with the operands swapped (`a < b` is `b > a`).
pub fn swapped(op: CompareOp) -> CompareOp {
    match op {
        CompareOp::Lt => CompareOp::Gt,
        CompareOp::Le => CompareOp::Ge,
        CompareOp::Eq => CompareOp::Eq,
        CompareOp::Ne => CompareOp::Ne,
        CompareOp::Gt => CompareOp::Lt,
        CompareOp::Ge => CompareOp::Le,
    }
}

/// Some(result) unless the slot said NotImplemented (that reference is dropped).
pub(crate) fn implemented(r: Obj) -> Option<Obj> {
    if is_not_implemented(r) {
        // SAFETY: the slot returned a new reference to the immortal NotImplemented.
        unsafe { decref(r) };
        None
    } else {
        Some(r)
    }
}

/// CPython's `binary_op1`: the slots only; NotImplemented if neither handles the pair.
// Inlined into `binary_op` and `inplace_op` (measured: tier1_mixed runs 610 M instructions
// with a call here, 577 M without).
#[inline(always)]
pub(crate) fn binary_op1(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Option<Obj>> {
    let (tv, tw) = (v.type_of(), w.type_of());
    let slotv = tv.binary_slot(op);
    let mut slotw = if tw.is(tv) { None } else { tw.binary_slot(op) };
    if let (Some((dv, _)), Some((dw, _))) = (slotv, slotw)
        && dv.is(dw)
    {
        slotw = None; // the same (inherited) slot: try it once
    }
    if let Some((_, fv)) = slotv {
        if let Some((_, fw)) = slotw
            && is_subtype(tw, tv)
        {
            if let Some(r) = implemented(fw(op, v, w)?) {
                return Ok(Some(r));
            }
            slotw = None;
        }
        if let Some(r) = implemented(fv(op, v, w)?) {
            return Ok(Some(r));
        }
    }
    if let Some((_, fw)) = slotw
        && let Some(r) = implemented(fw(op, v, w)?)
    {
        return Ok(Some(r));
    }
    Ok(None)
}

/// The augmented operator as CPython's messages spell it (`+=`, `**=`, …).
pub fn inplace_op_name(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Add => "+=",
        BinaryOp::Sub => "-=",
        BinaryOp::Mul => "*=",
        BinaryOp::TrueDiv => "/=",
        BinaryOp::FloorDiv => "//=",
        BinaryOp::Mod => "%=",
        BinaryOp::Pow => "**=",
        BinaryOp::LShift => "<<=",
        BinaryOp::RShift => ">>=",
        BinaryOp::And => "&=",
        BinaryOp::Or => "|=",
        BinaryOp::Xor => "^=",
    }
}

/// `v op w` (`PyNumber_Add`, `PyNumber_Multiply`, …): the number slots, then sequence
/// concatenation (`+`) or repetition (`*`), then CPython's TypeError.
pub fn binary_op(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    number_protocol(op, v, w, false)
}

/// `v op= w` (`PyNumber_InPlaceAdd`, …, CPython's `binary_iop1`): `v`'s in-place number slot,
/// then the binary protocol of [`binary_op`], whose sequence fallbacks prefer
/// `sq_inplace_concat` / `sq_inplace_repeat`; the TypeError names the augmented operator.
pub fn inplace_op(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    number_protocol(op, v, w, true)
}

/// The protocol of [`binary_op`] (`inplace` false) and [`inplace_op`] (true), as CPython's
/// `PyNumber_*` and `PyNumber_InPlace*` share it.
// Inlined into both callers, so that `binary_op` pays nothing for the in-place variant.
#[inline(always)]
fn number_protocol(op: BinaryOp, v: Obj, w: Obj, inplace: bool) -> MoltResult<Obj> {
    if inplace
        && let Some(f) = v.type_of().inplace_slot(op)
        && let Some(r) = implemented(f(op, v, w)?)
    {
        return Ok(r);
    }
    if let Some(r) = binary_op1(op, v, w)? {
        return Ok(r);
    }
    let (tv, tw) = (v.type_of(), w.type_of());
    match op {
        BinaryOp::Add => {
            let concat = if inplace {
                tv.inplace_concat_slot().or_else(|| tv.concat_slot())
            } else {
                tv.concat_slot()
            };
            if let Some(concat) = concat {
                return concat(v, w);
            }
        }
        BinaryOp::Mul if inplace => {
            // `PyNumber_InPlaceMultiply`: the right operand's repetition only when the left
            // one is no sequence at all (and never in place: it must not be mutated).
            if tv.sequence_table().is_some() {
                if let Some(repeat) = tv.inplace_repeat_slot().or_else(|| tv.repeat_slot()) {
                    return sequence_repeat(repeat, v, w);
                }
            } else if let Some(repeat) = tw.repeat_slot() {
                return sequence_repeat(repeat, w, v);
            }
        }
        BinaryOp::Mul => {
            if let Some(repeat) = tv.repeat_slot() {
                return sequence_repeat(repeat, v, w);
            }
            if let Some(repeat) = tw.repeat_slot() {
                return sequence_repeat(repeat, w, v);
            }
        }
        BinaryOp::Sub
        | BinaryOp::TrueDiv
        | BinaryOp::FloorDiv
        | BinaryOp::Mod
        | BinaryOp::Pow
        | BinaryOp::LShift
        | BinaryOp::RShift
        | BinaryOp::And
        | BinaryOp::Xor => {}
        // `type.__or__` (a union of classes), when a program enabled it.
        BinaryOp::Or => {
            if let Some(h) = super::generic_alias::hooks()
                && let Some(r) = (h.type_or)(v, w)?
            {
                return Ok(r);
            }
        }
    }
    fail(
        TypeError,
        format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            if inplace {
                inplace_op_name(op)
            } else {
                binary_op_name(op)
            },
            tv.name,
            tw.name
        ),
    )
}

/// CPython's `sequence_repeat`: `n` must have `__index__` and fit an index.
fn sequence_repeat(repeat: RepeatFn, seq: Obj, n: Obj) -> MoltResult<Obj> {
    let Some(index) = n.type_of().index_slot() else {
        return fail(
            TypeError,
            format!(
                "can't multiply sequence by non-int of type '{}'",
                n.type_of().name
            ),
        );
    };
    let i = index(n)?;
    let count = int_ref(i).and_then(int::IntRef::to_i64);
    // SAFETY: `index` returned a new reference, used above.
    unsafe { decref(i) };
    match count {
        Some(c) => repeat(seq, c),
        None => fail(
            OverflowError,
            format!(
                "cannot fit '{}' into an index-sized integer",
                n.type_of().name
            ),
        ),
    }
}

/// `op v` (`PyNumber_Negative`, …, `PyNumber_Absolute`).
pub fn unary_op(op: UnaryOp, v: Obj) -> MoltResult<Obj> {
    if let Some(f) = v.type_of().unary_slot(op)
        && let Some(r) = implemented(f(op, v)?)
    {
        return Ok(r);
    }
    fail(
        TypeError,
        format!(
            "bad operand type for {}: '{}'",
            unary_op_name(op),
            v.type_of().name
        ),
    )
}

/// Tries a comparison slot; Some(result) unless NotImplemented.
fn try_compare(t: &'static TypeObject, op: CompareOp, a: Obj, b: Obj) -> MoltResult<Option<Obj>> {
    match t.compare_slot() {
        Some(f) => Ok(implemented(f(op, a, b)?)),
        None => Ok(None),
    }
}

/// `v op w` (CPython's `do_richcompare`): the reflected slot first when `w`'s type is a proper
/// subtype of `v`'s, then `v`'s slot, then `w`'s reflected slot, then identity for `==`/`!=`.
pub fn rich_compare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    let (tv, tw) = (v.type_of(), w.type_of());
    let mut checked_reverse = false;
    if !tv.is(tw) && is_subtype(tw, tv) && tw.compare_slot().is_some() {
        checked_reverse = true;
        if let Some(r) = try_compare(tw, swapped(op), w, v)? {
            return Ok(r);
        }
    }
    if let Some(r) = try_compare(tv, op, v, w)? {
        return Ok(r);
    }
    if !checked_reverse && let Some(r) = try_compare(tw, swapped(op), w, v)? {
        return Ok(r);
    }
    match op {
        CompareOp::Eq => Ok(bool_obj(v.is(w))),
        CompareOp::Ne => Ok(bool_obj(!v.is(w))),
        CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge => fail(
            TypeError,
            format!(
                "'{}' not supported between instances of '{}' and '{}'",
                compare_op_name(op),
                tv.name,
                tw.name
            ),
        ),
    }
}

/// CPython's `PyObject_RichCompareBool`: identity implies equality (`==` true, `!=` false
/// without calling a slot), else the truth of [`rich_compare`], one nesting level deeper
/// (RecursionError "maximum recursion depth exceeded in comparison", as CPython's
/// `PyObject_RichCompare`).
pub fn rich_compare_bool(op: CompareOp, v: Obj, w: Obj) -> MoltResult<bool> {
    if v.is(w) {
        match op {
            CompareOp::Eq => return Ok(true),
            CompareOp::Ne => return Ok(false),
            CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge => {}
        }
    }
    let r = nested(" in comparison", || rich_compare(op, v, w))?;
    let t = truth(r);
    // SAFETY: `rich_compare` returned a new reference, used above.
    unsafe { decref(r) };
    t
}

/// CPython's `PyNumber_AsSsize_t(item, err)` for an object with `__index__`: Some(value), or
/// an `err` exception "cannot fit 'int' into an index-sized integer" when it does not fit an
/// i64; None when `item` has no `__index__` (the caller raises its own TypeError).
pub fn as_index(item: Obj, err: ExceptionKind) -> MoltResult<Option<i64>> {
    let Some(index) = item.type_of().index_slot() else {
        return Ok(None);
    };
    let i = index(item)?;
    let value = int_ref(i).and_then(int::IntRef::to_i64);
    // SAFETY: `index` returned a new reference, used above.
    unsafe { decref(i) };
    match value {
        Some(v) => Ok(Some(v)),
        None => fail(
            err,
            format!(
                "cannot fit '{}' into an index-sized integer",
                item.type_of().name
            ),
        ),
    }
}

/// `a == b` for two strs, decided without dispatch (CPython's `unicode_eq`, which its dicts use
/// for str keys); `None` unless both are strs.
#[inline]
pub fn str_eq_fast(a: Obj, b: Obj) -> Option<bool> {
    match (super::str::str_text(a), super::str::str_text(b)) {
        (Some(x), Some(y)) => Some(x == y),
        (Some(_) | None, _) => None,
    }
}

/// `operator.index(v)` (CPython's `PyNumber_Index`): the int of an int-like object (a new
/// reference), TypeError "'float' object cannot be interpreted as an integer" otherwise.
pub fn number_index(v: Obj) -> MoltResult<Obj> {
    match v.type_of().index_slot() {
        Some(index) => index(v),
        None => fail(TypeError, format!("'{}' object cannot be interpreted as an integer", v.type_of().name)),
    }
}

/// `PyNumber_Index` for generated code: the arguments of a `range()` loop whose types are only
/// known at run time.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_index(a: Obj) -> Obj {
    crate::exceptions::value_or_raise(number_index(a))
}

/// `o[key]` (CPython's `PyObject_GetItem`): the type's `mp_subscript`, else CPython's
/// TypeError. Subscripting a class is its `__class_getitem__` (`list[int]`: a generic alias);
/// other classes are not subscriptable ("type 'int' is not subscriptable").
pub fn getitem(o: Obj, key: Obj) -> MoltResult<Obj> {
    if let Some(f) = o.type_of().subscript_slot() {
        return f(o, key);
    }
    if let Some(t) = as_type(o) {
        // `__class_getitem__` (`generic_alias`, enabled by programs that subscript objects).
        if let Some(r) = super::generic_alias::hooks().and_then(|h| (h.class_getitem)(t, key)) {
            return r;
        }
        return fail(TypeError, format!("type '{}' is not subscriptable", t.name));
    }
    fail(
        TypeError,
        format!("'{}' object is not subscriptable", o.type_of().name),
    )
}

/// CPython's TypeError for an object without item assignment ("'tuple' object does not support
/// item assignment") or deletion ("'tuple' object doesn't support item deletion").
pub fn no_item_assignment<T>(o: Obj, delete: bool) -> MoltResult<T> {
    let name = o.type_of().name;
    if delete {
        fail(TypeError, format!("'{name}' object doesn't support item deletion"))
    } else {
        fail(TypeError, format!("'{name}' object does not support item assignment"))
    }
}

/// `o[key] = value` (`value` Some) or `del o[key]` (None): CPython's `PyObject_SetItem` /
/// `PyObject_DelItem`: the type's `mp_ass_subscript`; else, for a sequence and an index key,
/// the index is read first (IndexError "cannot fit 'int' into an index-sized integer") and
/// `PySequence_SetItem`'s TypeError follows; else the TypeError.
pub fn setitem(o: Obj, key: Obj, value: Option<Obj>) -> MoltResult<()> {
    let t = o.type_of();
    if let Some(f) = t.ass_subscript_slot() {
        return f(o, key, value);
    }
    if t.sequence_table().is_some() {
        as_index(key, ExceptionKind::IndexError)?;
    }
    no_item_assignment(o, value.is_none())
}

/// `item in container` (CPython's `PySequence_Contains`): the type's `sq_contains`, else a
/// search through `iter(container)` (`_PySequence_IterSearch`: `item == x` for each `x`, with
/// `x` on the left), whose TypeError becomes "argument of type 'int' is not iterable".
pub fn contains(container: Obj, item: Obj) -> MoltResult<bool> {
    if let Some(f) = container.type_of().contains_slot() {
        return f(container, item);
    }
    let it = match iter::get_iter(container) {
        Ok(it) => it,
        Err(e) if e.kind == TypeError => {
            return fail(
                TypeError,
                format!(
                    "argument of type '{}' is not iterable",
                    container.type_of().name
                ),
            );
        }
        Err(e) => return Err(e),
    };
    let found = (|| {
        while let Some(x) = iter::iter_next(it)? {
            let r = rich_compare_bool(CompareOp::Eq, x, item);
            // SAFETY: `iter_next` returned a new reference, used above.
            unsafe { decref(x) };
            if r? {
                return Ok(true);
            }
        }
        Ok(false)
    })();
    // SAFETY: `get_iter` returned a new reference.
    unsafe { decref(it) };
    found
}

/// `bool(v)` (CPython's `PyObject_IsTrue`): `nb_bool`, else the length, else true.
pub fn truth(v: Obj) -> MoltResult<bool> {
    if singletons::is_bool(v) {
        return Ok(singletons::bool_value(v));
    }
    if singletons::is_none(v) {
        return Ok(false);
    }
    let t = v.type_of();
    if super::class::is_heap(t)
        && let Some(h) = super::types::heap_slots()
    {
        return (h.truth)(v);
    }
    if let Some(f) = t.truth_slot() {
        return Ok(f(v));
    }
    if let Some(len) = t.len_slot() {
        return Ok(len(v) != 0);
    }
    Ok(true)
}

/// `repr(v)`.
pub fn repr_of(v: Obj) -> MoltResult<String> {
    match v.type_of().repr_slot() {
        Some(f) => f(v),
        None => Ok(format!("<{} object>", v.type_of().name)),
    }
}

/// `str(v)`.
pub fn str_of(v: Obj) -> MoltResult<String> {
    match v.type_of().str_slot() {
        Some(f) => f(v),
        None => repr_of(v),
    }
}

/// `hash(v)`: inlined into the dict and set probes that call it for every key (the error path
/// is out of line). A small int and an exact str (the usual keys) are hashed without looking
/// up their type's slot (what `int`'s and `str`'s hash slots compute).
#[inline]
pub fn hash(v: Obj) -> MoltResult<i64> {
    if let Some(x) = v.small_value() {
        return Ok(int::int_hash(int::IntRef::Small(x)));
    }
    if let Some(text) = str::exact_str_bytes(v) {
        return Ok(str::hash_bytes(text));
    }
    match v.type_of().hash_slot() {
        Some(f) => f(v),
        None => unhashable(v),
    }
}

/// TypeError "unhashable type: 'list'".
#[cold]
fn unhashable(v: Obj) -> MoltResult<i64> {
    fail(TypeError, format!("unhashable type: '{}'", v.type_of().name))
}

/// `a op b` with CPython's binary-operator protocol.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_binop(op: i32, a: Obj, b: Obj) -> Obj {
    value_or_raise(
        decode(op, BinaryOp::from_code, "binary operator").and_then(|op| binary_op(op, a, b)),
    )
}

/// `op a`, with CPython's TypeError.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_unop(op: i32, a: Obj) -> Obj {
    value_or_raise(decode(op, UnaryOp::from_code, "unary operator").and_then(|op| unary_op(op, a)))
}

/// Rich comparison `a op b`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_compare(op: i32, a: Obj, b: Obj) -> Obj {
    value_or_raise(
        decode(op, CompareOp::from_code, "comparison operator")
            .and_then(|op| rich_compare(op, a, b)),
    )
}

/// `str(a)` as a new reference to a str object (`a` itself for a str, as CPython's `str()`
/// returns an exact str unchanged).
#[inline]
pub fn str_object(a: Obj) -> MoltResult<Obj> {
    if str::str_text(a).is_some() {
        incref(a);
        return Ok(a);
    }
    str_of(a).and_then(|t| str::str_from_text(&t))
}

/// `repr(a)` as a new str object.
pub fn repr_object(a: Obj) -> MoltResult<Obj> {
    repr_of(a).and_then(|t| str::str_from_text(&t))
}

/// `hash(a)` as an int.
pub fn hash_object(a: Obj) -> MoltResult<Obj> {
    hash(a).and_then(int::from_i64)
}

/// `str(a)` as a new reference to a str object.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_str(a: Obj) -> Obj {
    value_or_raise(str_object(a))
}

/// `repr(a)` as a new str object.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_repr(a: Obj) -> Obj {
    value_or_raise(repr_object(a))
}

/// `len(a)`: the type's length slot, or CPython's TypeError.
pub fn len_of(a: Obj) -> MoltResult<Obj> {
    // A range's length may exceed an index (CPython's OverflowError).
    if let Some(r) = super::range::range_len(a) {
        return r;
    }
    if super::class::is_heap(a.type_of())
        && let Some(h) = super::types::heap_slots()
    {
        return int::from_i64(i64::try_from((h.len)(a)?).unwrap_or(i64::MAX));
    }
    match a.type_of().len_slot() {
        Some(f) => int::from_i64(i64::try_from(f(a)).unwrap_or(i64::MAX)),
        None => fail(TypeError, format!("object of type '{}' has no len()", a.type_of().name)),
    }
}

/// `len(a)` as a number (CPython's `PyObject_Size`).
pub fn len_of_usize(a: Obj) -> MoltResult<usize> {
    if super::class::is_heap(a.type_of())
        && let Some(h) = super::types::heap_slots()
    {
        return (h.len)(a);
    }
    match a.type_of().len_slot() {
        Some(f) => Ok(f(a)),
        None => fail(TypeError, format!("object of type '{}' has no len()", a.type_of().name)),
    }
}

/// `hash(a)` as an int, equal to CPython's (TypeError "unhashable type: 'T'").
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_hash(a: Obj) -> Obj {
    value_or_raise(hash_object(a))
}

/// `a[i]` (CPython's `PyObject_GetItem`).
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_getitem(a: Obj, i: Obj) -> Obj {
    // An exact tuple or list indexed in range by a small int (what their subscript slots do
    // first), without the slot's dispatch; anything else, an error included, takes the slot.
    if let Some(k) = i.small_value() {
        let item = if super::tuple::is_exact_tuple(a) {
            super::tuple::tuple_items(a).and_then(|items| {
                let n = items.len() as i64;
                let j = if k < 0 { k + n } else { k };
                usize::try_from(j).ok().and_then(|j| items.get(j).copied())
            })
        } else if super::list::is_exact_list(a) {
            super::list::list_len(a).and_then(|n| {
                let n = n as i64;
                let j = if k < 0 { k + n } else { k };
                usize::try_from(j).ok().and_then(|j| super::list::item_at(a, j))
            })
        } else {
            None
        };
        if let Some(x) = item {
            return super::new_ref(x);
        }
    }
    // An exact dict: its subscript slot (`dict_subscript`) without the slot's dispatch.
    if a.type_of().is(&super::dict::molt_type_dict) {
        return value_or_raise(match super::dict::get_item(a, i) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => crate::exceptions::key_error(i),
            Err(e) => Err(e),
        });
    }
    value_or_raise(getitem(a, i))
}

/// `a[key] = value`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_setitem(a: Obj, key: Obj, value: Obj) {
    // An exact dict: its assignment slot (`dict_ass_sub`) without the slot's dispatch.
    if a.type_of().is(&super::dict::molt_type_dict) {
        return value_or_raise(super::dict::set_item(a, key, value));
    }
    value_or_raise(setitem(a, key, Some(value)))
}

/// `del a[key]`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_delitem(a: Obj, key: Obj) {
    value_or_raise(setitem(a, key, None))
}

/// `a op= b` with CPython's in-place protocol.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_inplace_binop(op: i32, a: Obj, b: Obj) -> Obj {
    value_or_raise(
        decode(op, BinaryOp::from_code, "binary operator").and_then(|op| inplace_op(op, a, b)),
    )
}

/// `item in container` (CPython's `PySequence_Contains`); false after raising.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_contains(container: Obj, item: Obj) -> bool {
    // An exact dict: its `sq_contains` (`PyDict_Contains`) without the slot's dispatch.
    if container.type_of().is(&super::dict::molt_type_dict) {
        return value_or_raise(
            hash(item).and_then(|h| super::dict::contains_known_hash(container, item, h)),
        );
    }
    value_or_raise(contains(container, item))
}

/// `len(a)` as an int.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_len(a: Obj) -> Obj {
    value_or_raise(len_of(a))
}

/// `bool(a)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_truth(a: Obj) -> bool {
    value_or_raise(truth(a))
}

/// Writes `str(value)` to stdout, as `print` writes each of its arguments.
pub fn print_value(value: Obj) -> MoltResult<()> {
    if let Some(text) = str::str_text(value) {
        crate::print::write_stdout(text.as_bytes());
        return Ok(());
    }
    if let Some(v) = value.small_value() {
        crate::print::write_int(v);
        return Ok(());
    }
    crate::print::write_stdout(str_of(value)?.as_bytes());
    Ok(())
}

/// Writes `str(value)` of any object, as `print` does.
#[unsafe(no_mangle)]
pub extern "C" fn molt_print_obj(value: Obj) {
    value_or_raise(print_value(value));
}
