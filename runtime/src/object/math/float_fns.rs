//! `math`'s float functions with CPython 3.11's error logic: `math_1`, `math_1a`, `math_2`,
//! `is_error` (errno after the libm call: ValueError "math domain error", OverflowError "math
//! range error"), and its own implementations where it has them (`m_tgamma`, `m_lgamma` with
//! the Lanczos approximation, `m_sinpi`, `m_atan2`, `m_remainder`, `m_log`, `m_log2`,
//! `m_log10`, `_Py_log1p`, `math_pow_impl`, `math_fmod_impl`, `math_frexp_impl`,
//! `math_modf_impl`, `math_isclose_impl`, `math_ulp_impl`).
//!
//! Relies on: `sys::libm` (the C library's functions, as CPython calls them: bit-identical
//! results on the same machine) and `sys::errno`.
//!
//! Provides: the functions above, on f64s.
//!
//! Invariant: a direct port: each function computes exactly what its C original computes (no
//! expression rewritten, so the roundings are the same); errno is cleared before every libm
//! call whose errno is read.

use crate::ExceptionKind::{OverflowError, ValueError};
use crate::exceptions::{MoltResult, fail};
use crate::sys::{EDOM, ERANGE, errno, libm, set_errno};

const PI: f64 = core::f64::consts::PI;
#[allow(clippy::excessive_precision)]
const LOGPI: f64 = 1.144729885849400174143427351353058711647;

/// A libm-style function of one double (the C functions and CPython's own share this type).
pub type F1 = extern "C" fn(f64) -> f64;
/// A libm-style function of two doubles.
pub type F2 = extern "C" fn(f64, f64) -> f64;

/// CPython's `is_error(x)` for a non-zero errno: Err, or Ok when the error is ignored (an
/// underflow: ERANGE with a result below 1.5 in magnitude).
fn is_error(r: f64) -> MoltResult<()> {
    match errno() {
        ERANGE if r.abs() < 1.5 => Ok(()),
        ERANGE => fail(OverflowError, "math range error"),
        _ => fail(ValueError, "math domain error"),
    }
}

/// `math_1`: a NaN from a non-NaN is ValueError; an infinity from a finite argument is
/// OverflowError (`can_overflow`) or ValueError; then errno.
pub fn math_1(x: f64, func: F1, can_overflow: bool) -> MoltResult<f64> {
    set_errno(0);
    let r = func(x);
    if r.is_nan() && !x.is_nan() {
        return fail(ValueError, "math domain error");
    }
    if r.is_infinite() && x.is_finite() {
        if can_overflow {
            return fail(OverflowError, "math range error");
        }
        return fail(ValueError, "math domain error");
    }
    if r.is_finite() && errno() != 0 {
        is_error(r)?;
    }
    Ok(r)
}

/// `math_1a`: for functions that set errno themselves.
pub fn math_1a(x: f64, func: F1) -> MoltResult<f64> {
    set_errno(0);
    let r = func(x);
    if errno() != 0 {
        is_error(r)?;
    }
    Ok(r)
}

/// `math_2` (after the argument checks).
pub fn math_2(x: f64, y: f64, func: F2) -> MoltResult<f64> {
    set_errno(0);
    let r = func(x, y);
    if r.is_nan() {
        set_errno(if !x.is_nan() && !y.is_nan() { EDOM } else { 0 });
    } else if r.is_infinite() {
        set_errno(if x.is_finite() && y.is_finite() { ERANGE } else { 0 });
    }
    if errno() != 0 {
        is_error(r)?;
    }
    Ok(r)
}

/// `m_sinpi`: sin(pi*x) for finite x.
fn m_sinpi(x: f64) -> f64 {
    let y = libm::fmod(x.abs(), 2.0);
    let n = libm::round(2.0 * y) as i32;
    let r = match n {
        0 => libm::sin(PI * y),
        1 => libm::cos(PI * (y - 0.5)),
        2 => libm::sin(PI * (1.0 - y)),
        3 => -libm::cos(PI * (y - 1.5)),
        _ => libm::sin(PI * (y - 2.0)),
    };
    libm::copysign(1.0, x) * r
}

const LANCZOS_N: usize = 13;
#[allow(clippy::excessive_precision)]
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM_COEFFS: [f64; LANCZOS_N] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN_COEFFS: [f64; LANCZOS_N] =
    [0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0];
const NGAMMA_INTEGRAL: usize = 23;
const GAMMA_INTEGRAL: [f64; NGAMMA_INTEGRAL] = [
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5040.0,
    40320.0,
    362880.0,
    3628800.0,
    39916800.0,
    479001600.0,
    6227020800.0,
    87178291200.0,
    1307674368000.0,
    20922789888000.0,
    355687428096000.0,
    6402373705728000.0,
    121645100408832000.0,
    2432902008176640000.0,
    51090942171709440000.0,
    1124000727777607680000.0,
];

/// `lanczos_sum`, for positive x.
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..LANCZOS_N).rev() {
            num = num * x + LANCZOS_NUM_COEFFS[i];
            den = den * x + LANCZOS_DEN_COEFFS[i];
        }
    } else {
        for i in 0..LANCZOS_N {
            num = num / x + LANCZOS_NUM_COEFFS[i];
            den = den / x + LANCZOS_DEN_COEFFS[i];
        }
    }
    num / den
}

/// `m_tgamma`.
pub extern "C" fn m_tgamma(x: f64) -> f64 {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return x;
        }
        set_errno(EDOM);
        return f64::NAN;
    }
    if x == 0.0 {
        set_errno(EDOM);
        return libm::copysign(f64::INFINITY, x);
    }
    if x == libm::floor(x) {
        if x < 0.0 {
            set_errno(EDOM);
            return f64::NAN;
        }
        if x <= NGAMMA_INTEGRAL as f64 {
            return GAMMA_INTEGRAL[x as usize - 1];
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        if r.is_infinite() {
            set_errno(ERANGE);
        }
        return r;
    }
    if absx > 200.0 {
        if x < 0.0 {
            return 0.0 / m_sinpi(x);
        }
        set_errno(ERANGE);
        return f64::INFINITY;
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / m_sinpi(absx) / absx * libm::exp(y) / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= libm::pow(y, absx - 0.5);
        } else {
            let sqrtpow = libm::pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / libm::exp(y);
        r += z * r;
        if absx < 140.0 {
            r *= libm::pow(y, absx - 0.5);
        } else {
            let sqrtpow = libm::pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    if r.is_infinite() {
        set_errno(ERANGE);
    }
    r
}

/// `m_lgamma`.
pub extern "C" fn m_lgamma(x: f64) -> f64 {
    if !x.is_finite() {
        if x.is_nan() {
            return x;
        }
        return f64::INFINITY;
    }
    if x == libm::floor(x) && x <= 2.0 {
        if x <= 0.0 {
            set_errno(EDOM);
            return f64::INFINITY;
        }
        return 0.0;
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return -libm::log(absx);
    }
    let mut r = libm::log(lanczos_sum(absx)) - LANCZOS_G;
    r += (absx - 0.5) * (libm::log(absx + LANCZOS_G - 0.5) - 1.0);
    if x < 0.0 {
        r = LOGPI - libm::log(m_sinpi(absx).abs()) - libm::log(absx) - r;
    }
    if r.is_infinite() {
        set_errno(ERANGE);
    }
    r
}

/// `m_atan2`: the special values first (C99 Annex F), then libm.
pub extern "C" fn m_atan2(y: f64, x: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            if libm::copysign(1.0, x) == 1.0 {
                return libm::copysign(0.25 * PI, y);
            }
            return libm::copysign(0.75 * PI, y);
        }
        return libm::copysign(0.5 * PI, y);
    }
    if x.is_infinite() || y == 0.0 {
        if libm::copysign(1.0, x) == 1.0 {
            return libm::copysign(0.0, y);
        }
        return libm::copysign(PI, y);
    }
    libm::atan2(y, x)
}

/// `m_remainder`: IEEE 754 remainder, exact.
pub extern "C" fn m_remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let absx = x.abs();
        let absy = y.abs();
        let m = libm::fmod(absx, absy);
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            m - 2.0 * libm::fmod(0.5 * (absx - m), absy)
        };
        return libm::copysign(1.0, x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

/// CPython's `m_log` / `m_log2` / `m_log10`: `log` (a libm logarithm) of a positive finite
/// `x`; `-inf` for 0 and NaN for a negative `x` (errno EDOM); `x` itself for NaN and `+inf`.
fn m_log_with(x: f64, log: unsafe extern "C" fn(f64) -> f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            // SAFETY: a libm function of one double.
            return unsafe { log(x) };
        }
        set_errno(EDOM);
        return if x == 0.0 { f64::NEG_INFINITY } else { f64::NAN };
    }
    if x.is_nan() || x > 0.0 {
        return x;
    }
    set_errno(EDOM);
    f64::NAN
}

/// `m_log`.
pub extern "C" fn m_log(x: f64) -> f64 {
    m_log_with(x, libm::log)
}

/// `m_log2` (glibc has `log2`).
pub extern "C" fn m_log2(x: f64) -> f64 {
    m_log_with(x, libm::log2)
}

/// `m_log10`.
pub extern "C" fn m_log10(x: f64) -> f64 {
    m_log_with(x, libm::log10)
}

/// `_Py_log1p`: zeros keep their sign.
pub extern "C" fn m_log1p(x: f64) -> f64 {
    if x == 0.0 { x } else { libm::log1p(x) }
}

/// `math_fmod_impl`.
pub fn fmod(x: f64, y: f64) -> MoltResult<f64> {
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    set_errno(0);
    let r = libm::fmod(x, y);
    if r.is_nan() {
        set_errno(if !x.is_nan() && !y.is_nan() { EDOM } else { 0 });
    }
    if errno() != 0 {
        is_error(r)?;
    }
    Ok(r)
}

/// `math_pow_impl`.
pub fn pow(x: f64, y: f64) -> MoltResult<f64> {
    let r;
    if !x.is_finite() || !y.is_finite() {
        set_errno(0);
        r = if x.is_nan() {
            if y == 0.0 { 1.0 } else { x }
        } else if y.is_nan() {
            if x == 1.0 { 1.0 } else { y }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && libm::fmod(y.abs(), 2.0) == 1.0;
            if y > 0.0 {
                if odd_y { x } else { x.abs() }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                libm::copysign(0.0, x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
    } else {
        set_errno(0);
        r = libm::pow(x, y);
        if !r.is_finite() {
            // NaN: a negative base with a non-integer exponent; an infinity from 0 is a
            // division by zero; any other infinity, an overflow.
            if r.is_nan() || x == 0.0 {
                set_errno(EDOM);
            } else {
                set_errno(ERANGE);
            }
        }
    }
    if errno() != 0 {
        is_error(r)?;
    }
    Ok(r)
}

/// `math_frexp_impl`: (0, 0) style results for zeros, infinities and NaNs.
pub fn frexp(x: f64) -> (f64, i32) {
    if x.is_nan() || x.is_infinite() || x == 0.0 {
        return (x, 0);
    }
    libm::frexp_pair(x)
}

/// `math_modf_impl`: (fractional part, integral part).
pub fn modf(x: f64) -> (f64, f64) {
    if x.is_infinite() {
        return (libm::copysign(0.0, x), x);
    }
    if x.is_nan() {
        return (x, x);
    }
    libm::modf_pair(x)
}

/// `math_isclose_impl`.
pub fn isclose(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> MoltResult<bool> {
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return fail(ValueError, "tolerances must be non-negative");
    }
    if a == b {
        return Ok(true);
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(false);
    }
    let diff = (b - a).abs();
    Ok(diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol)
}

/// `math_ulp_impl`.
pub fn ulp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let x = x.abs();
    if x.is_infinite() {
        return x;
    }
    let x2 = libm::nextafter(x, f64::INFINITY);
    if x2.is_infinite() {
        return x - libm::nextafter(x, f64::NEG_INFINITY);
    }
    x2 - x
}
