//! Conversions and mixed operations between ints (small or big) and floats.
//!
//! Relies on: `numeric` for the 64-bit fast paths (`int_truediv`, `cmp_int_float`), which are
//! exact for small ints; `bigint::Big`'s bit access for the rest. CPython 3.11's
//! `long_true_divide`, `PyLong_AsDouble` and `float_richcompare` are the references.
//!
//! Provides: [`int_to_f64`] (correctly rounded), [`int_truediv`] (correctly rounded, CPython's
//! algorithm), [`cmp_int_f64`] (exact), [`f64_to_int`] (truncation, big when needed), and the ABI
//! functions `molt_int_to_float`, `molt_int_truediv`, `molt_cmp_int_float`, `molt_float_to_int`.
//!
//! Invariants: every float result is the correctly rounded (half-even) value of the exact
//! rational result; errors and messages are CPython's.

use super::Obj;
use super::bigint::Big;
use super::int::{self, IntRef, int_ref};
use crate::ExceptionKind::{OverflowError, TypeError, ValueError, ZeroDivisionError};
use crate::exceptions::{MoltResult, fail, value_or_raise};
use crate::numeric;
use crate::sys::trunc;

/// OverflowError message of `float(int)`.
pub const INT_TOO_LARGE_MSG: &str = "int too large to convert to float";

const DBL_MANT_DIG: i64 = 53;
const DBL_MIN_EXP: i64 = -1021;
const DBL_MAX_EXP: i64 = 1024;

/// 2^e for -1022 <= e <= 1023.
fn pow2(e: i64) -> f64 {
    f64::from_bits(((1023 + e) as u64) << 52)
}

/// `x * 2^e` for an exactly representable result (`1 <= x < 2^64`, `-1076 <= e <= 1023`).
fn ldexp_exact(x: f64, e: i64) -> f64 {
    if e < -1022 {
        x * pow2(-1022) * pow2(e + 1022)
    } else {
        x * pow2(e)
    }
}

/// `float(a)`, correctly rounded; OverflowError when it is 2^1024 or more after rounding.
pub fn int_to_f64(a: IntRef<'_>) -> MoltResult<f64> {
    let x = match a {
        IntRef::Small(v) => return Ok(v as f64), // Rust rounds i64 -> f64 to nearest even
        IntRef::Big(x) => x,
    };
    if let Some(v) = x.to_i64() {
        return Ok(v as f64);
    }
    let n = x.bit_length(); // > 63
    if n > 1024 {
        return fail(OverflowError, INT_TOO_LARGE_MSG);
    }
    // The top 54 bits, the rest as a sticky bit; round to 53 bits, half to even.
    let shift = n - 54;
    let top = x.magnitude_shr_u64(shift);
    let sticky = x.low_bits_nonzero(shift);
    let mut m = top >> 1;
    if top & 1 == 1 && (sticky || m & 1 == 1) {
        m += 1;
    }
    let bits = if m == 1 << 53 { n + 1 } else { n };
    if bits > 1024 {
        return fail(OverflowError, INT_TOO_LARGE_MSG);
    }
    let v = m as f64 * pow2(shift as i64 + 1);
    Ok(if x.is_negative() { -v } else { v })
}

/// `a / b` for ints: the correctly rounded quotient (CPython's `long_true_divide`).
pub fn int_truediv(a: IntRef<'_>, b: IntRef<'_>) -> MoltResult<f64> {
    if b.is_zero() {
        return fail(ZeroDivisionError, "division by zero");
    }
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        return numeric::int_truediv(x, y);
    }
    let negate = a.is_negative() != b.is_negative();
    let sign = |v: f64| if negate { -v } else { v };
    if a.is_zero() {
        return Ok(sign(0.0));
    }
    let overflow = || {
        fail(
            OverflowError,
            "integer division result too large for a float",
        )
    };
    let diff = a.bit_length() as i64 - b.bit_length() as i64;
    if diff > DBL_MAX_EXP {
        return overflow();
    }
    if diff < DBL_MIN_EXP - DBL_MANT_DIG - 1 {
        return Ok(sign(0.0));
    }
    let shift = diff.max(DBL_MIN_EXP) - DBL_MANT_DIG - 2;
    let abs = |r: IntRef<'_>| match r {
        IntRef::Small(v) => Big::from_i64(v).abs(),
        IntRef::Big(x) => x.abs(),
    };
    let (aa, ab) = (abs(a), abs(b));
    let mut inexact = false;
    // x = |a| * 2^-shift (truncated), then x //= |b|.
    let x = if shift <= 0 {
        aa.shl(shift.unsigned_abs())
    } else {
        inexact = aa.low_bits_nonzero(shift.unsigned_abs());
        aa.shr(shift.unsigned_abs())
    };
    let (q, r) = x.div_mod_floor(&ab);
    inexact |= !r.is_zero();
    let x_bits = q.bit_length() as i64;
    // The number of extra bits to round away: 2 or 3.
    let extra_bits = x_bits.max(DBL_MIN_EXP - shift) - DBL_MANT_DIG;
    // Always 2 or 3 (CPython asserts it), so q < 2^56.
    let (Some(q), 2..=3) = (q.to_u64(), extra_bits) else {
        return overflow();
    };
    let mask = 1u64 << (extra_bits - 1);
    let mut low = q | u64::from(inexact);
    if low & mask != 0 && low & (3 * mask - 1) != 0 {
        low += mask;
    }
    let q = low & !(2 * mask - 1);
    let dx = q as f64; // exact
    if shift + x_bits >= DBL_MAX_EXP
        && (shift + x_bits > DBL_MAX_EXP || dx == ldexp_exact(1.0, x_bits))
    {
        return overflow();
    }
    Ok(sign(ldexp_exact(dx, shift)))
}

/// 2^63 as a float.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// Exact comparison of an int with a float: -1 (a < b), 0, 1, or 2 when `b` is NaN.
pub fn cmp_int_f64(a: IntRef<'_>, b: f64) -> i32 {
    let x = match a {
        IntRef::Small(v) => return numeric::cmp_int_float(v, b),
        IntRef::Big(x) => x,
    };
    if let Some(v) = x.to_i64() {
        return numeric::cmp_int_float(v, b);
    }
    if b.is_nan() {
        return 2;
    }
    if b.is_infinite() {
        return if b > 0.0 { -1 } else { 1 };
    }
    // |x| >= 2^63: a float of smaller magnitude is on the side of zero.
    if b.abs() < TWO_POW_63 {
        return if x.is_negative() { -1 } else { 1 };
    }
    // |b| >= 2^63 is an integer: compare exactly.
    x.compare(&f64_to_big(b)) as i32
}

/// The integer value of a finite float whose magnitude is at least 2^53 (so it is integral).
fn f64_to_big(v: f64) -> Big {
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let m = (bits & ((1 << 52) - 1)) | (1 << 52);
    let e = biased - 1075; // v = m * 2^e, e >= 1 here
    Big::from_mantissa_exp(m, e.max(0).unsigned_abs(), v < 0.0)
}

/// `int(v)` for a float: truncation toward zero.
pub fn f64_to_int(v: f64) -> MoltResult<Obj> {
    if v.is_nan() {
        return fail(ValueError, "cannot convert float NaN to integer");
    }
    if v.is_infinite() {
        return fail(OverflowError, "cannot convert float infinity to integer");
    }
    let t = trunc(v);
    if (-TWO_POW_63..TWO_POW_63).contains(&t) {
        return int::from_i64(t as i64);
    }
    int::from_big(f64_to_big(t))
}

fn int_arg<'a>(a: Obj, func: &str) -> MoltResult<IntRef<'a>> {
    match int_ref(a) {
        Some(x) => Ok(x),
        None => fail(TypeError, alloc::format!("{func}: operand is not an int")),
    }
}

/// Correctly rounded int / int; raises ZeroDivisionError, OverflowError.
#[unsafe(no_mangle)]
pub extern "C" fn molt_int_truediv(a: Obj, b: Obj) -> f64 {
    value_or_raise(
        int_arg(a, "molt_int_truediv")
            .and_then(|x| int_truediv(x, int_arg(b, "molt_int_truediv")?)),
    )
}

/// float(int), correctly rounded; raises OverflowError.
#[unsafe(no_mangle)]
pub extern "C" fn molt_int_to_float(a: Obj) -> f64 {
    value_or_raise(int_arg(a, "molt_int_to_float").and_then(int_to_f64))
}

/// Exact comparison of an int with a float: -1, 0, 1, or 2 when `b` is NaN.
#[unsafe(no_mangle)]
pub extern "C" fn molt_cmp_int_float(a: Obj, b: f64) -> i32 {
    value_or_raise(int_arg(a, "molt_cmp_int_float").map(|x| cmp_int_f64(x, b)))
}

/// int(float): truncation, a big int when needed.
#[unsafe(no_mangle)]
pub extern "C" fn molt_float_to_int(value: f64) -> Obj {
    value_or_raise(f64_to_int(value))
}
