//! `math`'s functions of ints and the conversions to ints, as CPython 3.11 defines them:
//! `floor`, `ceil`, `trunc` (`__floor__`/`__ceil__`/`__trunc__` of the argument's class first,
//! as `_PyObject_LookupSpecial` finds them), `factorial`, `isqrt`, `gcd`, `lcm`, `comb`,
//! `perm` (every error message of `math_comb_impl` / `math_perm_impl`), `ldexp`
//! (`math_ldexp_impl`'s clamping of the exponent) and `loghelper` (the logarithm of an int too
//! large for a float: `_PyLong_Frexp`, then `log(x) + log(2) * e`).
//!
//! Relies on: `bigint::Big` for the arithmetic (results of integer functions are unique, so
//! any exact algorithm gives CPython's values); `dispatch::number_index` (`PyNumber_Index`);
//! `slots` for the dunders of user classes; `int_float` for the float conversions.
//!
//! Provides: the functions above.
//!
//! Invariant: a result whose size would pass `int::MAX_INT_BITS` raises MemoryError before
//! anything is computed (CPython would run out of memory or time).

use alloc::format;

use super::super::bigint::Big;
use super::super::int::{self, IntRef, MAX_INT_BITS};
use super::super::int_float::{f64_to_int, int_to_f64};
use super::super::range::Owned;
use super::super::{Obj, dispatch, float};
use super::as_double;
use crate::ExceptionKind::{OverflowError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};
use crate::sys::libm;

/// The value of an int.
fn big(i: IntRef<'_>) -> Big {
    match i {
        IntRef::Small(v) => Big::from_i64(v),
        IntRef::Big(b) => b.clone(),
    }
}

/// `PyNumber_Index(o)` as a [`Big`].
fn index_big(o: Obj) -> MoltResult<Big> {
    let i = Owned(dispatch::number_index(o)?);
    Ok(int::int_ref(i.get()).map_or_else(Big::default, big))
}

/// The int value of an int or bool (`int.__floor__` and friends return it).
fn int_value(o: Obj) -> Option<MoltResult<Obj>> {
    int::int_ref(o).map(|i| int::from_big(big(i)))
}

/// `math.floor`: an exact float's floor, else `__floor__`, else the float's floor.
pub fn floor(o: Obj) -> MoltResult<Obj> {
    rounding(o, "__floor__", libm::floor)
}

/// `math.ceil`.
pub fn ceil(o: Obj) -> MoltResult<Obj> {
    rounding(o, "__ceil__", libm::ceil)
}

fn rounding(o: Obj, dunder: &'static str, f: super::float_fns::F1) -> MoltResult<Obj> {
    if let Some(x) = float::float_value(o) {
        return f64_to_int(f(x));
    }
    if let Some(r) = int_value(o) {
        return r;
    }
    if super::super::class::is_heap(o.type_of())
        && let Some(r) = super::super::slots::call_dunder(o, dunder, &[])?
    {
        return Ok(r);
    }
    f64_to_int(f(as_double(o)?))
}

/// `math.trunc`: an exact float's `int()`, else `__trunc__`, else TypeError "type str doesn't
/// define __trunc__ method".
pub fn trunc(o: Obj) -> MoltResult<Obj> {
    if let Some(x) = float::float_value(o) {
        return f64_to_int(x);
    }
    if let Some(r) = int_value(o) {
        return r;
    }
    if super::super::class::is_heap(o.type_of())
        && let Some(r) = super::super::slots::call_dunder(o, "__trunc__", &[])?
    {
        return Ok(r);
    }
    fail(TypeError, format!("type {} doesn't define __trunc__ method", o.type_of().name))
}

/// MemoryError unless a result of about `bits` bits can be made.
fn check_bits(bits: u128) -> MoltResult<()> {
    if bits > u128::from(MAX_INT_BITS) {
        return super::super::alloc::memory_error();
    }
    Ok(())
}

/// The product of the ints `lo..hi` (binary splitting).
fn product(lo: u64, hi: u64) -> Big {
    if hi <= lo {
        return Big::one();
    }
    if hi - lo <= 16 {
        let mut acc = Big::one();
        for i in lo..hi {
            acc = acc.mul(&Big::from_u64(i));
        }
        return acc;
    }
    let mid = lo + (hi - lo) / 2;
    product(lo, mid).mul(&product(mid, hi))
}

/// `math.factorial` (`PyLong_AsLongAndOverflow` of the argument: `__index__`).
pub fn factorial(o: Obj) -> MoltResult<Obj> {
    let n = index_big(o)?;
    let Some(x) = n.to_i64() else {
        if n.is_negative() {
            return fail(ValueError, "factorial() not defined for negative values");
        }
        return fail(OverflowError, format!("factorial() argument should not exceed {}", i64::MAX));
    };
    if x < 0 {
        return fail(ValueError, "factorial() not defined for negative values");
    }
    let x = x.unsigned_abs();
    check_bits(u128::from(x) * u128::from(64 - x.leading_zeros()))?;
    int::from_big(product(2, x + 1))
}

/// `math.isqrt`.
pub fn isqrt(o: Obj) -> MoltResult<Obj> {
    let n = index_big(o)?;
    if n.is_negative() {
        return fail(ValueError, "isqrt() argument must be nonnegative");
    }
    int::from_big(n.isqrt())
}

/// `math.gcd(*integers)`.
pub fn gcd(args: &[Obj]) -> MoltResult<Obj> {
    let Some((&first, rest)) = args.split_first() else {
        return int::from_i64(0);
    };
    let mut res = index_big(first)?.abs();
    for &x in rest {
        let x = index_big(x)?;
        if res != Big::one() {
            res = res.gcd(&x);
        }
    }
    int::from_big(res)
}

/// `math.lcm(*integers)`.
pub fn lcm(args: &[Obj]) -> MoltResult<Obj> {
    let Some((&first, rest)) = args.split_first() else {
        return int::from_i64(1);
    };
    let mut res = index_big(first)?.abs();
    for &x in rest {
        let x = index_big(x)?;
        if res.is_zero() {
            continue;
        }
        if x.is_zero() {
            res = Big::default();
            continue;
        }
        check_bits(u128::from(res.bit_length()) + u128::from(x.bit_length()))?;
        let g = res.gcd(&x);
        res = res.div_floor(&g).mul(&x).abs();
    }
    int::from_big(res)
}

/// `n * (n - 1) * … * (n - k + 1)` for `0 <= k <= n` (binary splitting over the factors).
fn falling(n: &Big, k: u64) -> MoltResult<Big> {
    check_bits(u128::from(k) * u128::from(n.bit_length().max(1)))?;
    fn go(n: &Big, lo: u64, hi: u64) -> Big {
        // The product of n - i for i in lo..hi.
        if hi - lo <= 16 {
            let mut acc = Big::one();
            for i in lo..hi {
                acc = acc.mul(&n.sub(&Big::from_u64(i)));
            }
            return acc;
        }
        let mid = lo + (hi - lo) / 2;
        go(n, lo, mid).mul(&go(n, mid, hi))
    }
    Ok(go(n, 0, k))
}

/// The common checks of `comb` and `perm`: the indexes of both, non-negative.
fn n_k(n: Obj, k: Obj) -> MoltResult<(Big, Big)> {
    let n = index_big(n)?;
    let k = index_big(k)?;
    if n.is_negative() {
        return fail(ValueError, "n must be a non-negative integer");
    }
    if k.is_negative() {
        return fail(ValueError, "k must be a non-negative integer");
    }
    Ok((n, k))
}

/// `math.perm(n, k)` (k not None).
pub fn perm(n: Obj, k: Obj) -> MoltResult<Obj> {
    let (n, k) = n_k(n, k)?;
    if n.compare(&k).is_lt() {
        return int::from_i64(0);
    }
    let Some(ki) = k.to_i64() else {
        return fail(OverflowError, format!("k must not exceed {}", i64::MAX));
    };
    int::from_big(falling(&n, ki.unsigned_abs())?)
}

/// `math.comb(n, k)`.
pub fn comb(n: Obj, k: Obj) -> MoltResult<Obj> {
    let (n, k) = n_k(n, k)?;
    let ki = match n.to_i64() {
        Some(ni) => {
            let ki = match k.to_i64() {
                Some(ki) if ki <= ni => ki,
                _ => return int::from_i64(0),
            };
            ki.min(ni - ki)
        }
        None => {
            let temp = n.sub(&k);
            if temp.is_negative() {
                return int::from_i64(0);
            }
            let k = if temp.compare(&k).is_lt() { temp } else { k };
            match k.to_i64() {
                Some(ki) => ki,
                None => return fail(OverflowError, format!("min(n - k, k) must not exceed {}", i64::MAX)),
            }
        }
    };
    let ki = ki.unsigned_abs();
    let num = falling(&n, ki)?;
    int::from_big(num.div_floor(&product(2, ki + 1)))
}

/// `math.ldexp(x, i)` (after the argument count check).
pub fn ldexp(x: f64, i: Obj) -> MoltResult<f64> {
    let Some(i) = int::int_ref(i) else {
        return fail(TypeError, "Expected an int as second argument to ldexp.");
    };
    let exp = match i.to_i64() {
        Some(v) => v,
        None if i.is_negative() => i64::MIN,
        None => i64::MAX,
    };
    let r;
    if x == 0.0 || !x.is_finite() {
        r = x;
    } else if exp > i64::from(i32::MAX) {
        return fail(OverflowError, "math range error");
    } else if exp < i64::from(i32::MIN) {
        r = libm::copysign(0.0, x);
    } else {
        r = libm::ldexp(x, exp as i32);
        if r.is_infinite() {
            return fail(OverflowError, "math range error");
        }
    }
    Ok(r)
}

/// `_PyLong_Frexp` of a positive int: (x, e) with `0.5 <= x < 1`, `n ~= x * 2**e`, x rounded
/// to 53 bits (half to even).
fn frexp_int(n: &Big) -> (f64, i64) {
    let bits = n.bit_length();
    if bits <= 53 {
        let (m, e) = libm::frexp_pair(n.to_u64().unwrap_or(0) as f64);
        return (m, i64::from(e));
    }
    let shift = bits - 54;
    let top = n.magnitude_shr_u64(shift);
    let sticky = n.low_bits_nonzero(shift);
    let mut m = top >> 1;
    if top & 1 == 1 && (sticky || m & 1 == 1) {
        m += 1;
    }
    let e = i64::try_from(bits).unwrap_or(i64::MAX);
    // m / 2**53 is in [0.5, 1], exactly.
    let x = m as f64 / 9_007_199_254_740_992.0;
    if x == 1.0 { (0.5, e + 1) } else { (x, e) }
}

/// `loghelper`: `func` of an int done exactly (non-positive ints are ValueError "math domain
/// error"; an int too large for a float is split by [`frexp_int`]), of anything else through
/// `math_1`.
pub fn loghelper(arg: Obj, func: super::float_fns::F1) -> MoltResult<f64> {
    let Some(i) = int::int_ref(arg) else {
        return super::float_fns::math_1(as_double(arg)?, func, false);
    };
    if i.is_negative() || i.is_zero() {
        return fail(ValueError, "math domain error");
    }
    match int_to_f64(i) {
        Ok(x) => Ok(func(x)),
        Err(e) if e.kind == OverflowError => {
            let (x, e) = frexp_int(&big(i));
            Ok(func(x) + func(2.0) * e as f64)
        }
        Err(e) => Err(e),
    }
}
