//! Python floats as heap objects.
//!
//! Relies on: `numeric` for CPython's float `//`, `%` and `**`; `int_float` for converting int
//! operands (CPython's `CONVERT_TO_DOUBLE`: an int too large raises OverflowError) and for exact
//! int/float comparison; `print::float_repr` for `repr`. CPython 3.11's
//! `Objects/floatobject.c` is the reference.
//!
//! Provides: the `float` type object `molt_type_float` and its slots; [`box_float`] /
//! `molt_box_float` (a new float object); [`float_value`]; [`float_hash`] (CPython's
//! `_Py_HashDouble`).
//!
//! Invariants: a float object is `{header, f64}` with the value at `FLOAT_VALUE_OFFSET`
//! (asserted below), immutable once created. float's binary slot accepts a float or an int on
//! either side (the reflected call receives the operands in their original order). Float blocks
//! are recycled as CPython's are: a freed float's block goes to `alloc`'s float free list (at
//! most `FLOAT_FREE_LIST_MAX` blocks) and [`box_float`] reuses the most recent one before calling
//! malloc; both still count as a free and an allocation, so a kept block is never live, and a
//! new float may have a dead one's address (as in CPython: identity only relates live objects).

use alloc::alloc::Layout;
use alloc::string::String;

use super::alloc::{HeapKind, alloc_raw, free_raw};
use super::int::{HASH_MODULUS, int_ref};
use super::int_float::{cmp_int_f64, int_to_f64};
use super::singletons;
use super::types::{NumberSlots, OpSet, TYPE_OBJECT, TypeObject, hash_pointer};
use super::{Header, Obj, dispatch, new_ref};
use crate::ExceptionKind::{TypeError, ZeroDivisionError};
use crate::exceptions::{MoltResult, fail, value_or_raise};
use crate::numeric::{float_floordiv, float_mod, float_pow};
use crate::{BinaryOp, CompareOp, UnaryOp};

/// A float object.
#[repr(C)]
pub struct FloatObject {
    pub header: Header,
    pub value: f64,
}

const _: () =
    assert!(core::mem::offset_of!(FloatObject, value) as i64 == crate::FLOAT_VALUE_OFFSET);

/// A new float object holding `value` (in a block from the float free list if it has one).
pub fn box_float(value: f64) -> MoltResult<Obj> {
    let p = alloc_raw(Layout::new::<FloatObject>(), &molt_type_float)?;
    // SAFETY: `p` is a fresh `FloatObject` block with its header written.
    unsafe {
        core::ptr::addr_of_mut!((*p.cast::<FloatObject>()).value).write(value);
        Ok(Obj::from_header(p))
    }
}

/// Frees a float object (its block goes to the float free list while it has room).
///
/// # Safety
/// `h` is a float object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    // SAFETY: forwarded contract (an f64 needs no drop).
    unsafe { free_raw(h, Layout::new::<FloatObject>(), HeapKind::Float) }
}

/// The value of `o` if it is a float.
pub fn float_value(o: Obj) -> Option<f64> {
    if !o.type_of().is(&molt_type_float) {
        return None;
    }
    let h = o.header_ptr()?;
    // SAFETY: an object of type float is a `FloatObject`.
    Some(unsafe { (*h.cast::<FloatObject>()).value })
}

/// CPython's `CONVERT_TO_DOUBLE`: Some(value) for a float or an int (OverflowError for a huge
/// int), None (NotImplemented) for anything else.
fn operand(o: Obj) -> MoltResult<Option<f64>> {
    if let Some(v) = float_value(o) {
        return Ok(Some(v));
    }
    match int_ref(o) {
        Some(i) => int_to_f64(i).map(Some),
        None => Ok(None),
    }
}

/// `a op b` for two floats (the arithmetic operators float defines).
pub fn float_binary(op: BinaryOp, a: f64, b: f64) -> MoltResult<f64> {
    match op {
        BinaryOp::Add => Ok(a + b),
        BinaryOp::Sub => Ok(a - b),
        BinaryOp::Mul => Ok(a * b),
        BinaryOp::TrueDiv => {
            if b == 0.0 {
                fail(ZeroDivisionError, "float division by zero")
            } else {
                Ok(a / b)
            }
        }
        BinaryOp::FloorDiv => float_floordiv(a, b),
        BinaryOp::Mod => float_mod(a, b),
        BinaryOp::Pow => float_pow(a, b),
        BinaryOp::LShift | BinaryOp::RShift | BinaryOp::And | BinaryOp::Or | BinaryOp::Xor => {
            fail(TypeError, "float has no bitwise operators")
        }
    }
}

const FLOAT_OPS: OpSet = OpSet::binary(&[
    BinaryOp::Add,
    BinaryOp::Sub,
    BinaryOp::Mul,
    BinaryOp::TrueDiv,
    BinaryOp::FloorDiv,
    BinaryOp::Mod,
    BinaryOp::Pow,
]);

fn float_slot_binary(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    // CPython converts v, then w; either failing to be a number gives NotImplemented.
    let Some(a) = operand(v)? else {
        return Ok(singletons::not_implemented());
    };
    let Some(b) = operand(w)? else {
        return Ok(singletons::not_implemented());
    };
    box_float(float_binary(op, a, b)?)
}

fn float_slot_unary(op: UnaryOp, v: Obj) -> MoltResult<Obj> {
    let Some(a) = float_value(v) else {
        return Ok(singletons::not_implemented());
    };
    match op {
        UnaryOp::Neg => box_float(-a),
        UnaryOp::Pos => Ok(new_ref(v)),
        UnaryOp::Abs => box_float(a.abs()),
        UnaryOp::Invert => fail(TypeError, "float has no ~"),
    }
}

fn float_truth(v: Obj) -> bool {
    float_value(v).is_some_and(|a| a != 0.0)
}

/// CPython's `float_richcompare`: `v` is a float; `w` a float or an int (exact comparison).
fn float_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    let Some(a) = float_value(v) else {
        return Ok(singletons::not_implemented());
    };
    let ord = if let Some(b) = float_value(w) {
        a.partial_cmp(&b)
    } else if let Some(i) = int_ref(w) {
        match cmp_int_f64(i, a) {
            -1 => Some(core::cmp::Ordering::Greater),
            0 => Some(core::cmp::Ordering::Equal),
            1 => Some(core::cmp::Ordering::Less),
            _ => None, // NaN
        }
    } else {
        return Ok(singletons::not_implemented());
    };
    let r = match ord {
        Some(o) => dispatch::op_holds(op, o),
        None => op == CompareOp::Ne, // NaN: only != holds
    };
    Ok(singletons::bool_obj(r))
}

/// CPython's `_Py_HashDouble`; a NaN hashes by identity (`o`'s address).
pub fn float_hash(o: Obj, v: f64) -> i64 {
    const BITS: u32 = 61;
    const INF: i64 = 314_159;
    if v.is_infinite() {
        return if v > 0.0 { INF } else { -INF };
    }
    if v.is_nan() {
        return hash_pointer(o);
    }
    let (mut m, mut e) = frexp(v);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    // Process 28 bits at a time.
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0; // 2^28
        e -= 28;
        let y = m as u64; // the integer part
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    // Multiply by 2^e modulo 2^61 - 1: a rotation by e mod 61.
    let bits = BITS as i32;
    let e = if e >= 0 {
        e % bits
    } else {
        bits - 1 - ((-1 - e) % bits)
    } as u32;
    x = ((x << e) & HASH_MODULUS) | (x >> (BITS - e));
    let h = (x as i64) * sign;
    if h == -1 { -2 } else { h }
}

/// C's `frexp` for a finite `v`: (m, e) with v = m * 2^e and 0.5 <= |m| < 1 (or m = 0).
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (v, 0);
    }
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(v * 18_014_398_509_481_984.0); // 2^54
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, biased - 1022)
}

fn float_hash_slot(v: Obj) -> MoltResult<i64> {
    Ok(float_hash(v, float_value(v).unwrap_or(0.0)))
}

fn float_repr_slot(v: Obj) -> MoltResult<String> {
    Ok(crate::print::float_repr(float_value(v).unwrap_or(0.0)))
}

static FLOAT_NUMBER: NumberSlots = NumberSlots {
    binary: Some(float_slot_binary),
    binary_ops: FLOAT_OPS,
    unary: Some(float_slot_unary),
    unary_ops: OpSet::unary(&[UnaryOp::Neg, UnaryOp::Pos, UnaryOp::Abs]),
    truth: Some(float_truth),
    index: None,
    ..NumberSlots::EMPTY
};

/// The type object of `float`.
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_type_float: TypeObject = TypeObject {
    new: Some(super::construct::hooked_new),
    number: Some(&FLOAT_NUMBER),
    richcompare: Some(float_richcompare),
    hash: Some(float_hash_slot),
    repr: Some(float_repr_slot),
    heap: Some(HeapKind::Float),
    enabled_methods: Some(&super::number_methods::FLOAT_ENABLED),
    class_functions: &[("fromhex", super::number_methods::fromhex_class_value)],
    ..TypeObject::new("float", &TYPE_OBJECT)
};

/// A new float object.
#[unsafe(no_mangle)]
pub extern "C" fn molt_box_float(value: f64) -> Obj {
    value_or_raise(box_float(value))
}
