//! The static singletons `None`, `True`, `False`, `NotImplemented` and their types.
//!
//! Relies on: `int` for bool's arithmetic (bool is a subtype of int: every int slot accepts a
//! bool as 0 or 1, CPython's `PyLong_Check`); `types` for the type-object layout.
//!
//! Provides: the exported statics `molt_none`, `molt_true`, `molt_false` (the ABI's `objects`
//! block: their address + 1 is the reference word generated code uses), `molt_not_implemented` (exported: generated code names `NotImplemented` through it), the
//! type objects `NoneType`, `bool`, `NotImplementedType`, and [`none`], [`bool_obj`],
//! [`not_implemented`] (new references), [`is_bool`], [`bool_value`].
//!
//! Invariants: these objects are immortal (count `IMMORTAL_RC`, never freed); `True` and `False`
//! are the only objects of type `bool`. The helpers return new references (they increment the
//! count, as CPython's `Py_RETURN_TRUE` does), so callers treat them like any other result.

use alloc::string::String;

use super::types::{NumberSlots, OpSet, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, StaticObject, int, new_ref};
use crate::BinaryOp;
use crate::exceptions::MoltResult;

/// The layout of `None` and `NotImplemented`: a bare header.
#[repr(C)]
pub struct PlainObject {
    pub header: Header,
}

// SAFETY: `#[repr(C)]`, header first; the statics below are immortal.
unsafe impl StaticObject for PlainObject {}

/// The layout of `True` and `False` (CPython's bools are ints 1 and 0).
#[repr(C)]
pub struct BoolObject {
    pub header: Header,
    pub value: bool,
}

// SAFETY: `#[repr(C)]`, header first; the statics below are immortal.
unsafe impl StaticObject for BoolObject {}

fn none_repr(_: Obj) -> MoltResult<String> {
    Ok(String::from("None"))
}

fn none_truth(_: Obj) -> bool {
    false
}

static NONE_NUMBER: NumberSlots = NumberSlots {
    truth: Some(none_truth),
    ..NumberSlots::EMPTY
};

/// `NoneType`.
pub static TYPE_NONE: TypeObject = TypeObject {
    new: Some(super::construct::hooked_new),
    number: Some(&NONE_NUMBER),
    repr: Some(none_repr),
    ..TypeObject::new("NoneType", &TYPE_OBJECT)
};

/// `None`.
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_none: PlainObject = PlainObject {
    header: Header::immortal(&TYPE_NONE),
};

fn bool_repr(o: Obj) -> MoltResult<String> {
    Ok(String::from(if bool_value(o) { "True" } else { "False" }))
}

/// bool's `&`, `|`, `^` (CPython's `bool_and` …): a bool when both operands are bools, else
/// int's operator.
fn bool_binary(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if is_bool(v) && is_bool(w) {
        let (a, b) = (bool_value(v), bool_value(w));
        let r = match op {
            BinaryOp::And => a & b,
            BinaryOp::Or => a | b,
            BinaryOp::Xor => a ^ b,
            BinaryOp::Add
            | BinaryOp::Sub
            | BinaryOp::Mul
            | BinaryOp::TrueDiv
            | BinaryOp::FloorDiv
            | BinaryOp::Mod
            | BinaryOp::Pow
            | BinaryOp::LShift
            | BinaryOp::RShift => return int::int_slot_binary(op, v, w),
        };
        return Ok(bool_obj(r));
    }
    int::int_slot_binary(op, v, w)
}

static BOOL_NUMBER: NumberSlots = NumberSlots {
    binary: Some(bool_binary),
    binary_ops: OpSet::binary(&[BinaryOp::And, BinaryOp::Or, BinaryOp::Xor]),
    ..NumberSlots::EMPTY
};

/// `bool` (a subtype of `int`).
pub static TYPE_BOOL: TypeObject = TypeObject {
    new: Some(super::construct::hooked_new),
    number: Some(&BOOL_NUMBER),
    repr: Some(bool_repr),
    ..TypeObject::new("bool", &int::molt_type_int)
};

/// `True`.
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_true: BoolObject = BoolObject {
    header: Header::immortal(&TYPE_BOOL),
    value: true,
};

/// `False`.
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_false: BoolObject = BoolObject {
    header: Header::immortal(&TYPE_BOOL),
    value: false,
};

fn not_implemented_repr(_: Obj) -> MoltResult<String> {
    Ok(String::from("NotImplemented"))
}

/// `NotImplementedType`.
pub static TYPE_NOT_IMPLEMENTED: TypeObject = TypeObject {
    new: Some(super::construct::hooked_new),
    repr: Some(not_implemented_repr),
    ..TypeObject::new("NotImplementedType", &TYPE_OBJECT)
};

/// `NotImplemented`: what a slot returns when it does not handle its operands.
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_not_implemented: PlainObject = PlainObject {
    header: Header::immortal(&TYPE_NOT_IMPLEMENTED),
};

fn ellipsis_repr(_: Obj) -> MoltResult<String> {
    Ok(String::from("Ellipsis"))
}

/// `ellipsis`, the type of `...`.
pub static TYPE_ELLIPSIS: TypeObject = TypeObject {
    new: Some(super::construct::hooked_new),
    repr: Some(ellipsis_repr),
    ..TypeObject::new("ellipsis", &TYPE_OBJECT)
};

/// `Ellipsis` (`...`).
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_ellipsis: PlainObject = PlainObject {
    header: Header::immortal(&TYPE_ELLIPSIS),
};

/// True if `o` is `Ellipsis`.
pub fn is_ellipsis(o: Obj) -> bool {
    o.is(Obj::from_static(&molt_ellipsis))
}

/// A new reference to `None`.
pub fn none() -> Obj {
    new_ref(Obj::from_static(&molt_none))
}

/// A new reference to `True` or `False`.
pub fn bool_obj(value: bool) -> Obj {
    new_ref(if value {
        Obj::from_static(&molt_true)
    } else {
        Obj::from_static(&molt_false)
    })
}

/// A new reference to `NotImplemented`.
pub fn not_implemented() -> Obj {
    new_ref(Obj::from_static(&molt_not_implemented))
}

/// True if `o` is `NotImplemented`.
pub fn is_not_implemented(o: Obj) -> bool {
    o.is(Obj::from_static(&molt_not_implemented))
}

/// True if `o` is `None`.
pub fn is_none(o: Obj) -> bool {
    o.is(Obj::from_static(&molt_none))
}

/// True if `o` is `True` or `False`.
pub fn is_bool(o: Obj) -> bool {
    o.type_of().is(&TYPE_BOOL)
}

/// The value of a bool (`o` is `True` or `False`); false for anything else.
pub fn bool_value(o: Obj) -> bool {
    o.is(Obj::from_static(&molt_true))
}
