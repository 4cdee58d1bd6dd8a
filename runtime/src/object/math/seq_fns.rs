//! `math`'s functions of many values, ported from CPython 3.11: `fsum` (`math_fsum`: Shewchuk's
//! exact partial sums with the half-even correction, and its errors "intermediate overflow in
//! fsum", "-inf + inf in fsum"), `hypot` and `dist` (`vector_norm`: scaled, compensated sums of
//! squares with the differential correction of the square root), `prod` (`math_prod_impl`:
//! repeated multiplication from `start`).
//!
//! Relies on: `iter` for the iterables, `tuple` (`dist`'s `PySequence_Tuple`), `dispatch` for
//! the multiplications of `prod`, `sys::libm` (`frexp`, `ldexp`, `sqrt`, as CPython calls them).
//!
//! Provides: [`fsum`], [`hypot`], [`dist`], [`prod`].
//!
//! Invariant: the float computations are statement-for-statement CPython's (the same operations
//! in the same order), so the results are bit-identical.

use alloc::vec::Vec;

use super::super::range::Owned;
use super::super::{Obj, dispatch, int, iter, new_ref, tuple};
use super::as_double;
use crate::ExceptionKind::{OverflowError, ValueError};
use crate::exceptions::{MoltResult, fail};
use crate::sys::libm;

/// `math.fsum(seq)`.
pub fn fsum(seq: Obj) -> MoltResult<f64> {
    let it = Owned(iter::get_iter(seq)?);
    let mut p: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    while let Some(item) = iter::iter_next(it.get())? {
        let item = Owned(item);
        let mut x = as_double(item.get())?;
        let xsave = x;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                core::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return fail(OverflowError, "intermediate overflow in fsum");
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                p.clear();
            } else {
                if p.try_reserve(1).is_err() {
                    return fail(crate::ExceptionKind::MemoryError, "math.fsum partials");
                }
                p.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return fail(ValueError, "-inf + inf in fsum");
        }
        return Ok(special_sum);
    }
    let mut hi = 0.0;
    let mut n = p.len();
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

/// `vector_norm`: the Euclidean norm of `vec` (absolute values), `max` its largest element.
fn vector_norm(vec: &[f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134_217_729.0;
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (mut csum, mut frac1, mut frac2, mut frac3) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    let (_, max_e) = libm::frexp_pair(max);
    if max_e >= -1023 {
        let scale = libm::ldexp(1.0, -max_e);
        for &v in vec {
            let mut x = v * scale;
            let t = x * T27;
            let hi = t - (t - x);
            let lo = x - hi;
            x = hi * hi;
            let mut oldcsum = csum;
            csum += x;
            frac1 += (oldcsum - csum) + x;
            x = 2.0 * hi * lo;
            oldcsum = csum;
            csum += x;
            frac2 += (oldcsum - csum) + x;
            frac3 += lo * lo;
        }
        let h = libm::sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
        let mut x = h;
        let t = x * T27;
        let hi = t - (t - x);
        let lo = x - hi;
        x = -hi * hi;
        let mut oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
        x = -2.0 * hi * lo;
        oldcsum = csum;
        csum += x;
        frac2 += (oldcsum - csum) + x;
        x = -lo * lo;
        oldcsum = csum;
        csum += x;
        frac3 += (oldcsum - csum) + x;
        x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    for &v in vec {
        let mut x = v / max;
        x = x * x;
        let oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
    }
    max * libm::sqrt(csum - 1.0 + frac1)
}

/// `math.hypot(*coordinates)`.
pub fn hypot(args: &[Obj]) -> MoltResult<f64> {
    let mut coords = Vec::new();
    if coords.try_reserve_exact(args.len()).is_err() {
        return super::super::alloc::memory_error();
    }
    let (mut max, mut found_nan) = (0.0f64, false);
    for &a in args {
        let x = as_double(a)?.abs();
        coords.push(x);
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
    }
    Ok(vector_norm(&coords, max, found_nan))
}

/// A tuple of the items of `o` (`o` itself when it is a tuple).
fn as_tuple(o: Obj) -> MoltResult<Owned> {
    if tuple::is_tuple(o) {
        return Ok(Owned(new_ref(o)));
    }
    tuple::tuple_from_iter(o).map(Owned)
}

/// `math.dist(p, q)`.
pub fn dist(p: Obj, q: Obj) -> MoltResult<f64> {
    let p = as_tuple(p)?;
    let q = as_tuple(q)?;
    let (ps, qs) = (tuple::tuple_items(p.get()).unwrap_or(&[]), tuple::tuple_items(q.get()).unwrap_or(&[]));
    if ps.len() != qs.len() {
        return fail(ValueError, "both points must have the same number of dimensions");
    }
    let mut diffs = Vec::new();
    if diffs.try_reserve_exact(ps.len()).is_err() {
        return super::super::alloc::memory_error();
    }
    let (mut max, mut found_nan) = (0.0f64, false);
    for (&a, &b) in ps.iter().zip(qs) {
        let px = as_double(a)?;
        let qx = as_double(b)?;
        let x = (px - qx).abs();
        diffs.push(x);
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
    }
    Ok(vector_norm(&diffs, max, found_nan))
}

/// `math.prod(iterable, *, start=1)`: `start` multiplied by each item in turn (CPython's int
/// and float fast paths compute the same products).
pub fn prod(iterable: Obj, start: Option<Obj>) -> MoltResult<Obj> {
    let it = Owned(iter::get_iter(iterable)?);
    let mut result = Owned(match start {
        Some(s) => new_ref(s),
        None => int::from_i64(1)?,
    });
    while let Some(item) = iter::iter_next(it.get())? {
        let item = Owned(item);
        result = Owned(dispatch::binary_op(crate::BinaryOp::Mul, result.get(), item.get())?);
    }
    Ok(result.release())
}
