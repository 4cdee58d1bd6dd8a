//! The slots of user classes: the runtime's operator, conversion, container, iteration and call
//! protocols calling the dunder methods a class (or a base) defines, and calling a class.
//!
//! Relies on: `class::find` (the MRO lookup, at every use: a dunder assigned to a class after
//! its creation takes effect at once); `descr::call_unbound` to call what it finds with the
//! receiver first; `callable` (calls at the runtime's current depth); the `TypeObject` accessors
//! of `types`, which route heap classes here (`types::TypeObject::binary_slot` and the others)
//! and `dispatch` for `truth` and `len`, whose builtin slots cannot fail. The references are
//! CPython 3.11's `Objects/typeobject.c`: `SLOT1BINFULL` and `method_is_overloaded`,
//! `slot_tp_richcompare`, `slot_tp_hash`, `slot_tp_repr`, `slot_tp_str`, `slot_nb_bool`,
//! `slot_sq_length`, `slot_mp_subscript`, `slot_mp_ass_subscript`, `slot_sq_contains`,
//! `slot_tp_iter`, `slot_tp_iternext`, `slot_tp_call`, `slot_nb_index`, `type_call`,
//! `object_new`, `object_init`, `object___format___impl`, `slot_tp_init`; and
//! `Objects/iterobject.c` (the sequence iterator, `iter_iternext`).
//!
//! Provides: [`has`] and the slot accessors for heap classes ([`binary_slot`],
//! [`unary_slot`], [`inplace_slot`], [`index_slot`], [`contains_slot`], [`subscript_slot`],
//! [`ass_subscript_slot`], [`iter_slot`], [`iternext_slot`], [`call_slot`], [`hash_slot`],
//! [`repr_slot`], [`str_slot`], [`compare_slot`]), [`truth`], [`len`], [`format`],
//! [`to_int`], [`to_float`], [`heap_new`] (a class's `new` slot), [`object_new`],
//! [`object_init`], [`object_format`]; the sequence iterator's `free_seq_iter` /
//! `traverse_seq_iter` / `clear_seq_iter`.
//!
//! Invariants: every message is CPython's; a dunder found is held by a reference of its own
//! while it runs; results are new references.

use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::class::{self, Found};
use super::descr::call_unbound;
use super::range::Owned;
use super::types::{
    AssSubscriptFn, BinaryFn, CallFn, CompareFn, ContainsFn, HashFn, IndexFn, IterFn, IterNextFn, SubscriptFn, TYPE_OBJECT, TextFn,
    TypeObject, UnaryFn, is_subtype,
};
use super::{Header, Obj, decref, dispatch, exception as exc, int, new_ref, singletons, str as pystr};
use crate::ExceptionKind::{IndexError, OverflowError, StopIteration, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};
use crate::{BinaryOp, CompareOp, UnaryOp};

/// Whether builtin class `c` defines the dunder `name` itself (the builtin classes a heap
/// class's MRO can hold: `object`, the exception classes, and the builtin containers of
/// `builtin_sub`: `dict`'s and `list`'s `__hash__` is their unhashable slot).
fn static_has(c: &'static TypeObject, name: &str) -> bool {
    if super::builtin_sub::is_data_base(c) {
        return super::builtin_sub::static_has(c, name);
    }
    match name {
        "__repr__" => c.repr.is_some(),
        "__str__" => c.str.is_some(),
        "__hash__" => c.hash.is_some(),
        "__eq__" | "__ne__" | "__lt__" | "__le__" | "__gt__" | "__ge__" => c.richcompare.is_some(),
        "__iter__" => c.iter.is_some(),
        "__next__" => c.iternext.is_some(),
        "__call__" => c.call.is_some(),
        "__getitem__" => c.subscript.is_some(),
        "__setitem__" | "__delitem__" => c.ass_subscript.is_some(),
        "__init__" | "__new__" => c.is(&TYPE_OBJECT) || c.is(&exc::BASE_EXCEPTION),
        "__format__" => c.is(&TYPE_OBJECT),
        _ => false,
    }
}

/// `_PyType_Lookup(t, name)` for a dunder.
fn lookup(t: &'static TypeObject, name: &'static str) -> Option<Found> {
    class::find_static(t, name, |c| static_has(c, name))
}

/// Whether `t`'s MRO defines `name`.
pub fn has(t: &'static TypeObject, name: &'static str) -> bool {
    lookup(t, name).is_some()
}

/// Calls dunder `name` of `o`'s class on `o` with `args`: Some(result), None when no class
/// defines it (or only `object` or an exception class does; a builtin container's is called).
pub(crate) fn call_dunder(o: Obj, name: &'static str, args: &[Obj]) -> MoltResult<Option<Obj>> {
    match lookup(o.type_of(), name) {
        Some(Found::Value(f)) => call_unbound(f.get(), o, args, &[]).map(Some),
        Some(Found::Static(c)) if super::builtin_sub::is_data_base(c) => super::builtin_sub::call_dunder(c, name, o, args).transpose(),
        Some(Found::Static(_)) | None => Ok(None),
    }
}

/// The names of a binary operator's method and reflected method.
pub(crate) fn binary_names(op: BinaryOp) -> (&'static str, &'static str) {
    match op {
        BinaryOp::Add => ("__add__", "__radd__"),
        BinaryOp::Sub => ("__sub__", "__rsub__"),
        BinaryOp::Mul => ("__mul__", "__rmul__"),
        BinaryOp::TrueDiv => ("__truediv__", "__rtruediv__"),
        BinaryOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinaryOp::Mod => ("__mod__", "__rmod__"),
        BinaryOp::Pow => ("__pow__", "__rpow__"),
        BinaryOp::LShift => ("__lshift__", "__rlshift__"),
        BinaryOp::RShift => ("__rshift__", "__rrshift__"),
        BinaryOp::And => ("__and__", "__rand__"),
        BinaryOp::Or => ("__or__", "__ror__"),
        BinaryOp::Xor => ("__xor__", "__rxor__"),
    }
}

/// The in-place operator's method name.
pub(crate) fn inplace_name(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Add => "__iadd__",
        BinaryOp::Sub => "__isub__",
        BinaryOp::Mul => "__imul__",
        BinaryOp::TrueDiv => "__itruediv__",
        BinaryOp::FloorDiv => "__ifloordiv__",
        BinaryOp::Mod => "__imod__",
        BinaryOp::Pow => "__ipow__",
        BinaryOp::LShift => "__ilshift__",
        BinaryOp::RShift => "__irshift__",
        BinaryOp::And => "__iand__",
        BinaryOp::Or => "__ior__",
        BinaryOp::Xor => "__ixor__",
    }
}

pub(crate) fn unary_name(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Neg => "__neg__",
        UnaryOp::Pos => "__pos__",
        UnaryOp::Invert => "__invert__",
        UnaryOp::Abs => "__abs__",
    }
}

pub(crate) fn compare_name(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Lt => "__lt__",
        CompareOp::Le => "__le__",
        CompareOp::Eq => "__eq__",
        CompareOp::Ne => "__ne__",
        CompareOp::Gt => "__gt__",
        CompareOp::Ge => "__ge__",
    }
}

/// Whether heap class `t` has the number slot of `op` (CPython sets it when the class defines
/// the method or the reflected one).
fn has_binary(t: &'static TypeObject, op: BinaryOp) -> bool {
    let (l, r) = binary_names(op);
    class::is_heap(t) && (has(t, l) || has(t, r))
}

// --- the accessors `types` routes heap classes to ---

/// `nb_add` & co. of a heap class: the defining type reported is `HEAP_TYPE` for every heap
/// class (CPython's slots of two heap types are the same `slot_nb_add`, tried once).
pub fn binary_slot(t: &'static TypeObject, op: BinaryOp) -> Option<(&'static TypeObject, BinaryFn)> {
    has_binary(t, op).then_some((&class::HEAP_TYPE, slot_binary as BinaryFn))
}

pub fn unary_slot(t: &'static TypeObject, op: UnaryOp) -> Option<UnaryFn> {
    has(t, unary_name(op)).then_some(slot_unary as UnaryFn)
}

pub fn inplace_slot(t: &'static TypeObject, op: BinaryOp) -> Option<BinaryFn> {
    has(t, inplace_name(op)).then_some(slot_inplace as BinaryFn)
}

pub fn index_slot(t: &'static TypeObject) -> Option<IndexFn> {
    has(t, "__index__").then_some(slot_index as IndexFn)
}

pub fn contains_slot(t: &'static TypeObject) -> Option<ContainsFn> {
    has(t, "__contains__").then_some(slot_contains as ContainsFn)
}

pub fn subscript_slot(t: &'static TypeObject) -> Option<SubscriptFn> {
    has(t, "__getitem__").then_some(slot_getitem as SubscriptFn)
}

pub fn ass_subscript_slot(t: &'static TypeObject) -> Option<AssSubscriptFn> {
    (has(t, "__setitem__") || has(t, "__delitem__")).then_some(slot_ass_subscript as AssSubscriptFn)
}

pub fn iter_slot(t: &'static TypeObject) -> Option<IterFn> {
    match lookup(t, "__iter__") {
        Some(Found::Value(_)) => Some(slot_iter as IterFn),
        Some(Found::Static(c)) => c.iter,
        None => has(t, "__getitem__").then_some(seq_iter_new as IterFn),
    }
}

pub fn iternext_slot(t: &'static TypeObject) -> Option<IterNextFn> {
    match lookup(t, "__next__") {
        Some(Found::Value(_)) => Some(slot_next as IterNextFn),
        Some(Found::Static(c)) => c.iternext,
        None => None,
    }
}

pub fn call_slot(t: &'static TypeObject) -> Option<CallFn> {
    match lookup(t, "__call__") {
        Some(Found::Value(_)) => Some(slot_call as CallFn),
        Some(Found::Static(c)) => c.call,
        None => None,
    }
}

pub fn hash_slot(t: &'static TypeObject) -> Option<HashFn> {
    match lookup(t, "__hash__") {
        Some(Found::Value(f)) if singletons::is_none(f.get()) => None,
        Some(Found::Value(_)) => Some(slot_hash as HashFn),
        Some(Found::Static(c)) => c.hash,
        None => None,
    }
}

pub fn repr_slot(t: &'static TypeObject) -> Option<TextFn> {
    match lookup(t, "__repr__") {
        Some(Found::Value(_)) => Some(slot_repr as TextFn),
        Some(Found::Static(c)) => c.repr,
        None => None,
    }
}

pub fn str_slot(t: &'static TypeObject) -> Option<TextFn> {
    match lookup(t, "__str__") {
        Some(Found::Value(_)) => Some(slot_str as TextFn),
        Some(Found::Static(c)) => c.str,
        None => None,
    }
}

pub fn compare_slot(_t: &'static TypeObject) -> Option<CompareFn> {
    Some(slot_richcompare as CompareFn)
}

// --- the slot functions ---

/// `method_is_overloaded`: whether `type(right).NAME` differs from `type(left).NAME`.
fn method_is_overloaded(left: Obj, right: Obj, name: &str) -> MoltResult<bool> {
    let Some(b) = class::lookup_attr(right.type_of(), name) else { return Ok(false) };
    let Some(a) = class::lookup_attr(left.type_of(), name) else { return Ok(true) };
    dispatch::rich_compare_bool(CompareOp::Ne, a.get(), b.get())
}

/// `SLOT1BINFULL`: `self.__op__(other)`, with `other.__rop__(self)` first when `other`'s class
/// is a proper subclass that overrides it, and after `__op__` gave NotImplemented.
fn slot_binary(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    let (l, r) = binary_names(op);
    let same = v.type_of().is(w.type_of());
    let mut do_other = !same && has_binary(w.type_of(), op);
    if has_binary(v.type_of(), op) {
        if do_other && is_subtype(w.type_of(), v.type_of()) && method_is_overloaded(v, w, r)? {
            if let Some(x) = call_dunder(w, r, &[v])? {
                if !singletons::is_not_implemented(x) {
                    return Ok(x);
                }
                drop(Owned(x));
            }
            do_other = false;
        }
        if let Some(x) = call_dunder(v, l, &[w])? {
            if !singletons::is_not_implemented(x) || same {
                return Ok(x);
            }
            drop(Owned(x));
        }
    }
    if do_other && let Some(x) = call_dunder(w, r, &[v])? {
        return Ok(x);
    }
    Ok(singletons::not_implemented())
}

fn slot_inplace(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    Ok(call_dunder(v, inplace_name(op), &[w])?.unwrap_or_else(singletons::not_implemented))
}

fn slot_unary(op: UnaryOp, v: Obj) -> MoltResult<Obj> {
    Ok(call_dunder(v, unary_name(op), &[])?.unwrap_or_else(singletons::not_implemented))
}

/// `slot_nb_index` checked as `PyNumber_Index` does: "__index__ returned non-int (type str)".
fn slot_index(v: Obj) -> MoltResult<Obj> {
    let r = Owned(call_dunder(v, "__index__", &[])?.unwrap_or_else(singletons::none));
    if int::int_ref(r.get()).is_none() {
        return fail(TypeError, format!("__index__ returned non-int (type {})", r.get().type_of().name));
    }
    Ok(r.release())
}

/// `slot_tp_richcompare`: the method of the operator (a builtin class's comparison for
/// `object`'s), NotImplemented when none.
fn slot_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    let name = compare_name(op);
    match lookup(v.type_of(), name) {
        Some(Found::Value(f)) => call_unbound(f.get(), v, &[w], &[]),
        Some(Found::Static(c)) => match c.richcompare {
            Some(f) => f(op, v, w),
            None => Ok(singletons::not_implemented()),
        },
        None => Ok(singletons::not_implemented()),
    }
}

/// `slot_tp_hash`: an int, used as it is when it fits (-1 becomes -2), else its hash.
fn slot_hash(v: Obj) -> MoltResult<i64> {
    let r = Owned(call_dunder(v, "__hash__", &[])?.unwrap_or_else(singletons::none));
    let Some(i) = int::int_ref(r.get()) else {
        return fail(TypeError, "__hash__ method should return an integer");
    };
    match i.to_i64() {
        Some(-1) => Ok(-2),
        Some(h) => Ok(h),
        None => dispatch::hash(r.get()),
    }
}

/// The text of a `__repr__` / `__str__` result: "__str__ returned non-string (type int)".
fn text_result(r: Obj, name: &str) -> MoltResult<String> {
    let r = Owned(r);
    match pystr::str_text(r.get()) {
        Some(t) => Ok(String::from(t)),
        None => fail(TypeError, format!("{name} returned non-string (type {})", r.get().type_of().name)),
    }
}

fn slot_repr(v: Obj) -> MoltResult<String> {
    let r = call_dunder(v, "__repr__", &[])?.unwrap_or_else(singletons::none);
    text_result(r, "__repr__")
}

fn slot_str(v: Obj) -> MoltResult<String> {
    let r = call_dunder(v, "__str__", &[])?.unwrap_or_else(singletons::none);
    text_result(r, "__str__")
}

fn slot_getitem(o: Obj, key: Obj) -> MoltResult<Obj> {
    match call_dunder(o, "__getitem__", &[key])? {
        Some(r) => Ok(r),
        None => fail(TypeError, format!("'{}' object is not subscriptable", o.type_of().name)),
    }
}

fn slot_ass_subscript(o: Obj, key: Obj, value: Option<Obj>) -> MoltResult<()> {
    let r = match value {
        Some(v) => call_dunder(o, "__setitem__", &[key, v])?,
        None => call_dunder(o, "__delitem__", &[key])?,
    };
    match r {
        Some(r) => {
            drop(Owned(r));
            Ok(())
        }
        None => dispatch::no_item_assignment(o, value.is_none()),
    }
}

fn slot_contains(o: Obj, item: Obj) -> MoltResult<bool> {
    let r = Owned(call_dunder(o, "__contains__", &[item])?.unwrap_or_else(singletons::none));
    dispatch::truth(r.get())
}

/// `slot_tp_iter` (`__iter__ = None`: "'C' object is not iterable") checked as
/// `PyObject_GetIter` does: "iter() returned non-iterator of type 'int'".
fn slot_iter(o: Obj) -> MoltResult<Obj> {
    let f = match lookup(o.type_of(), "__iter__") {
        Some(Found::Value(f)) if !singletons::is_none(f.get()) => f,
        _ => return fail(TypeError, format!("'{}' object is not iterable", o.type_of().name)),
    };
    let it = Owned(call_unbound(f.get(), o, &[], &[])?);
    if it.get().type_of().iternext_slot().is_none() {
        return fail(TypeError, format!("iter() returned non-iterator of type '{}'", it.get().type_of().name));
    }
    Ok(it.release())
}

/// `tp_iternext` of iterator `o` as CPython's SEND sees it (`yield from`): a `__next__` written
/// in Python lets its StopIteration through (its value is the `yield from`'s result) instead of
/// ending the iteration; otherwise `iter::iter_next`.
pub(crate) fn iter_next_keep_stop(o: Obj) -> MoltResult<Option<Obj>> {
    if let Some(Found::Value(_)) = lookup(o.type_of(), "__next__") {
        return call_dunder(o, "__next__", &[]);
    }
    super::iter::iter_next(o)
}

/// `slot_tp_iternext`: StopIteration ends the iteration.
fn slot_next(o: Obj) -> MoltResult<Option<Obj>> {
    match call_dunder(o, "__next__", &[]) {
        Ok(r) => Ok(r),
        Err(e) if e.kind == StopIteration => Ok(None),
        Err(e) => Err(e),
    }
}

fn slot_call(o: Obj, pos: &[Obj], kw: &[(&str, Obj)], depth: i64) -> MoltResult<Obj> {
    let Some(Found::Value(f)) = lookup(o.type_of(), "__call__") else {
        return super::callable::not_callable(o);
    };
    if super::function::is_function(f.get()) {
        let mut all: Vec<Obj> = Vec::with_capacity(pos.len() + 1);
        all.push(o);
        all.extend_from_slice(pos);
        return super::callable::call_at(f.get(), &all, kw, depth);
    }
    let bound = Owned(super::descr::get(f.get(), Some(o), o.type_of())?);
    super::callable::call_at(bound.get(), pos, kw, depth)
}

/// `PyObject_IsTrue` of an instance of a heap class: `__bool__` (which must return a bool:
/// "__bool__ should return bool, returned int"), else `__len__`, else true.
pub fn truth(v: Obj) -> MoltResult<bool> {
    if let Some(r) = call_dunder(v, "__bool__", &[])? {
        let r = Owned(r);
        if !singletons::is_bool(r.get()) {
            return fail(TypeError, format!("__bool__ should return bool, returned {}", r.get().type_of().name));
        }
        return Ok(singletons::bool_value(r.get()));
    }
    if has(v.type_of(), "__len__") {
        return Ok(len(v)? != 0);
    }
    Ok(true)
}

/// `len()` of an instance of a heap class (`slot_sq_length`): a non-negative int that fits an
/// index ("'str' object cannot be interpreted as an integer", "__len__() should return >= 0",
/// "cannot fit 'int' into an index-sized integer").
pub fn len(v: Obj) -> MoltResult<usize> {
    let Some(r) = call_dunder(v, "__len__", &[])? else {
        return fail(TypeError, format!("object of type '{}' has no len()", v.type_of().name));
    };
    let r = Owned(r);
    let Some(n) = dispatch::as_index(r.get(), OverflowError)? else {
        return fail(TypeError, format!("'{}' object cannot be interpreted as an integer", r.get().type_of().name));
    };
    if n < 0 {
        return fail(ValueError, "__len__() should return >= 0");
    }
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

/// `object.__format__(self, spec)`: `str(self)` for an empty spec, else TypeError
/// "unsupported format string passed to C.__format__".
pub fn object_format(s: Obj, spec: Obj) -> MoltResult<Obj> {
    let Some(text) = pystr::str_text(spec) else {
        return fail(TypeError, format!("__format__() argument must be str, not {}", spec.type_of().name));
    };
    if !text.is_empty() {
        return fail(TypeError, format!("unsupported format string passed to {}.__format__", s.type_of().name));
    }
    dispatch::str_object(s)
}

/// `format(v, spec)` of an instance of a heap class: its `__format__` (which must return a str:
/// "__format__ must return a str, not int"), else `object.__format__`.
pub fn format(v: Obj, spec: Obj) -> MoltResult<Obj> {
    match lookup(v.type_of(), "__format__") {
        Some(Found::Value(f)) => {
            let r = Owned(call_unbound(f.get(), v, &[spec], &[])?);
            if pystr::str_text(r.get()).is_none() {
                return fail(TypeError, format!("__format__ must return a str, not {}", r.get().type_of().name));
            }
            Ok(r.release())
        }
        _ => object_format(v, spec),
    }
}

/// `int(v)` of an instance of a heap class (`PyNumber_Long`): `__int__`, else `__index__`
/// ("__int__ returned non-int (type str)"); None when it has neither.
pub fn to_int(v: Obj) -> MoltResult<Option<Obj>> {
    for name in ["__int__", "__index__"] {
        if let Some(r) = call_dunder(v, name, &[])? {
            let r = Owned(r);
            if int::int_ref(r.get()).is_none() {
                return fail(TypeError, format!("{name} returned non-int (type {})", r.get().type_of().name));
            }
            return super::convert::to_int(r.get()).map(Some);
        }
    }
    Ok(None)
}

/// `float(v)` of an instance of a heap class (`PyNumber_Float`): `__float__` ("C.__float__
/// returned non-float (type int)"), else `__index__`; None when it has neither.
pub fn to_float(v: Obj) -> MoltResult<Option<f64>> {
    if let Some(r) = call_dunder(v, "__float__", &[])? {
        let r = Owned(r);
        return match super::float::float_value(r.get()) {
            Some(x) => Ok(Some(x)),
            None => fail(TypeError, format!("{}.__float__ returned non-float (type {})", v.type_of().name, r.get().type_of().name)),
        };
    }
    if has(v.type_of(), "__index__") {
        let i = Owned(slot_index(v)?);
        return super::convert::to_float(i.get()).map(Some);
    }
    Ok(None)
}

// --- calling a class ---

/// Whether the lookup of `name` on `t` ends at `object`'s own.
pub(crate) fn is_objects(t: &'static TypeObject, name: &'static str) -> bool {
    matches!(lookup(t, name), Some(Found::Static(c)) if c.is(&TYPE_OBJECT))
}

/// `tp_new_wrapper`'s `staticbase`: the nearest class of `t`'s base chain whose `__new__` is
/// not one its own namespace defines (the class whose `__new__` a caller should use).
fn static_new_base(t: &'static TypeObject) -> &'static TypeObject {
    t.mro().find(|&c| class::namespace(c).is_none_or(|ns| super::dict::get_str(ns, "__new__").is_none())).unwrap_or(t)
}

/// `object_new`: a new instance of heap class `t`; the excess-argument errors ("C() takes no
/// arguments", "object.__new__() takes exactly one argument (the type to instantiate)").
pub fn object_new(t: &'static TypeObject, args: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if !args.is_empty() || !kw.is_empty() {
        if !is_objects(t, "__new__") {
            return fail(TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
        }
        if is_objects(t, "__init__") {
            return fail(TypeError, format!("{}() takes no arguments", t.name));
        }
    }
    if class::is_exception_class(t) || super::builtin_sub::data_base(t).is_some() {
        return fail(TypeError, format!("object.__new__({}) is not safe, use {}.__new__()", t.name, static_new_base(t).name));
    }
    if !class::is_heap(t) {
        let p = super::alloc::alloc_raw(Layout::new::<Header>(), &TYPE_OBJECT)?;
        // SAFETY: a fresh block holding just a header.
        return Ok(unsafe { Obj::from_header(p) });
    }
    // An abstract class of `abc.ABCMeta` (CPython's `Py_TPFLAGS_IS_ABSTRACT` test).
    if let Some(check) = class::meta_slots(t).and_then(|m| m.instantiate) {
        check(t)?;
    }
    super::instance::new_instance(t)
}

/// `object_init`: the excess-argument errors ("object.__init__() takes exactly one argument
/// (the instance to initialize)", "C.__init__() takes exactly one argument (the instance to
/// initialize)").
pub fn object_init(s: Obj, args: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<()> {
    if !args.is_empty() || !kw.is_empty() {
        let t = s.type_of();
        if !is_objects(t, "__init__") {
            return fail(TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
        }
        if is_objects(t, "__new__") {
            return fail(TypeError, format!("{}.__init__() takes exactly one argument (the instance to initialize)", t.name));
        }
    }
    Ok(())
}

/// The `new` slot of heap classes (`type_call`): `__new__` (a user one, `BaseException.__new__`
/// or `object.__new__`), then, when the result is an instance of the class, `__init__` (whose
/// result must be None: "__init__() should return None, not 'int'").
pub fn heap_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let obj = match lookup(t, "__new__") {
        Some(Found::Value(f)) => {
            let cls = super::attrs::class_value(t);
            let mut all: Vec<Obj> = Vec::with_capacity(pos.len() + 1);
            all.push(cls);
            all.extend_from_slice(pos);
            let callee = super::descr::get(f.get(), None, t).map(Owned);
            let r = callee.and_then(|c| super::callable::call_object(c.get(), &all, kw));
            // SAFETY: `class_value` gave a new reference.
            unsafe { decref(cls) };
            Owned(r?)
        }
        Some(Found::Static(c)) if c.is(&exc::BASE_EXCEPTION) => Owned(exc::new_of_type(t, pos)?),
        Some(Found::Static(c)) if super::builtin_sub::is_data_base(c) => Owned(super::builtin_sub::new(c, t, pos, kw)?),
        _ => Owned(object_new(t, pos, kw)?),
    };
    if !is_subtype(obj.get().type_of(), t) {
        return Ok(obj.release());
    }
    match lookup(t, "__init__") {
        Some(Found::Value(f)) => {
            let r = Owned(call_unbound(f.get(), obj.get(), pos, kw)?);
            if !singletons::is_none(r.get()) {
                return fail(TypeError, format!("__init__() should return None, not '{}'", r.get().type_of().name));
            }
        }
        Some(Found::Static(c)) if c.is(&exc::BASE_EXCEPTION) => {
            super::call::no_keywords_for(t.name, kw)?;
            exc::init(obj.get(), pos)?;
        }
        Some(Found::Static(c)) if super::builtin_sub::is_data_base(c) => super::builtin_sub::init(c, obj.get(), pos, kw)?,
        _ => object_init(obj.get(), pos, kw)?,
    }
    Ok(obj.release())
}

// --- the sequence iterator (`iter()` of an object with `__getitem__` only) ---

/// `iterator`: `seq[0]`, `seq[1]`, … until IndexError or StopIteration.
#[repr(C)]
pub struct SeqIterObject {
    pub header: Header,
    /// The sequence (owned), None once exhausted.
    seq: Option<Obj>,
    index: i64,
}

/// `iterator` (`PySeqIter_Type`).
pub static TYPE_SEQ_ITER: TypeObject = TypeObject {
    heap: Some(HeapKind::SeqIterator),
    iter: Some(|o| Ok(new_ref(o))),
    iternext: Some(seq_iter_next),
    ..TypeObject::new("iterator", &TYPE_OBJECT)
};

/// `PySeqIter_New(o)`.
fn seq_iter_new(o: Obj) -> MoltResult<Obj> {
    let p = alloc_container(Layout::new::<SeqIterObject>(), &TYPE_SEQ_ITER)?.cast::<SeqIterObject>();
    // SAFETY: a fresh block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).seq).write(Some(new_ref(o)));
        core::ptr::addr_of_mut!((*p).index).write(0);
        let it = Obj::from_header(p.cast());
        super::gc::track(it);
        Ok(it)
    }
}

fn seq_iter_ptr(o: Obj) -> Option<*mut SeqIterObject> {
    if !o.type_of().is(&TYPE_SEQ_ITER) {
        return None;
    }
    o.header_ptr().map(|h| h.cast::<SeqIterObject>().cast_mut())
}

/// `iter_iternext`.
fn seq_iter_next(it: Obj) -> MoltResult<Option<Obj>> {
    let Some(p) = seq_iter_ptr(it) else { return Ok(None) };
    // SAFETY: a live iterator (the caller's reference).
    let (seq, index) = unsafe { ((*p).seq, (*p).index) };
    let Some(seq) = seq else { return Ok(None) };
    let seq = Owned(new_ref(seq));
    let i = Owned(int::from_i64(index)?);
    match dispatch::getitem(seq.get(), i.get()) {
        Ok(x) => {
            // SAFETY: as above.
            unsafe { (*p).index = index.saturating_add(1) };
            Ok(Some(x))
        }
        Err(e) if e.kind == IndexError || e.kind == StopIteration => {
            // SAFETY: as above; the reference the iterator held is released.
            if let Some(s) = unsafe { (*p).seq.take() } {
                // SAFETY: the iterator owned it.
                unsafe { decref(s) };
            }
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Visits the sequence of a sequence iterator.
///
/// # Safety
/// `h` is a live sequence iterator.
pub(crate) unsafe fn traverse_seq_iter(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    if let Some(s) = unsafe { (*h.cast::<SeqIterObject>()).seq } {
        visit(s);
    }
}

/// Drops the sequence of an unreachable sequence iterator.
///
/// # Safety
/// `h` is a live sequence iterator the collector found unreachable.
pub(crate) unsafe fn clear_seq_iter(h: *mut Header) {
    // SAFETY: forwarded contract.
    if let Some(s) = unsafe { (*h.cast::<SeqIterObject>()).seq.take() } {
        // SAFETY: the iterator owned it.
        unsafe { decref(s) };
    }
}

/// Frees a sequence iterator.
///
/// # Safety
/// `h` is a sequence iterator with no reference left.
pub(crate) unsafe fn free_seq_iter(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe {
        let s = (*h.cast::<SeqIterObject>()).seq.take();
        free_raw(h, Layout::new::<SeqIterObject>(), HeapKind::SeqIterator);
        if let Some(s) = s {
            decref(s);
        }
    }
}

/// The accessors `types` and `dispatch` reach heap classes through (registered by
/// `class::class_new`).
pub static HEAP_SLOTS: super::types::HeapSlots = super::types::HeapSlots {
    binary: binary_slot,
    unary: unary_slot,
    inplace: inplace_slot,
    index: index_slot,
    contains: contains_slot,
    subscript: subscript_slot,
    ass_subscript: ass_subscript_slot,
    iter: iter_slot,
    iternext: iternext_slot,
    compare: compare_slot,
    call: call_slot,
    hash: hash_slot,
    repr: repr_slot,
    str: str_slot,
    truth,
    len,
    to_float,
    to_int,
    format,
    call0,
    names,
    clear_dict: super::dict::clear,
    attr_cache_index: super::instance::cache_index,
    method_cache_function: super::call::cache_function,
    call_with_self: super::call::call_with_self,
    call_dunder,
};

/// A heap class's `__module__` and `__qualname__`.
fn names(t: &'static TypeObject) -> (String, &'static str) {
    (class::module_name(t), class::qualname(t))
}

/// `cls()`.
fn call0(cls: Obj) -> MoltResult<Obj> {
    super::callable::call_object(cls, &[], &[])
}
