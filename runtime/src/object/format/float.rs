//! Float formatting: CPython 3.11's `format_float_internal` (Python/formatter_unicode.c) over
//! a port of `PyOS_double_to_string` / `format_float_short` (Python/pystrtod.c), with the digits
//! `_Py_dg_dtoa` (Python/dtoa.c) would give.
//!
//! Relies on: Rust's float formatting with a precision (`{:.*}`, `{:.*e}`), which is exact and
//! rounds half to even on the exact binary value, as dtoa's modes 2 and 3 do; and
//! `print::shortest_digits` (the shortest round-trip digits with CPython's choice on ties) for
//! mode 0 (`repr`).
//!
//! Provides: [`format_float`] (`float.__format__` for a non-empty spec of type `e E f F g G n %`
//! or none) and [`double_to_string`].
//!
//! Invariants: the digit strings are dtoa's: no trailing zeros, `"0"` with the point after it
//! for zero, nothing (the point at `-ndigits`) when mode 3 rounds a non-zero value to zero. An
//! exact double has at most 767 significant digits and 1074 fractional ones, so Rust is asked
//! for at most 800 / 1100 and the rest are the zeros dtoa would strip anyway: a huge precision
//! costs only the output it pads (reserved first: MemoryError when it cannot be). CPython's C
//! `int` arithmetic is reproduced where it wraps for precisions near `INT_MAX` (`'.2147483647e'`
//! gives one digit; mode 3 gives no digits when `ndigits + k + 1` overflows, except for the
//! "small integers" dtoa handles first).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::number::{Parts, push_fill, render, reserve};
use super::spec::{Grouping, Spec};
use crate::ExceptionKind::ValueError;
use crate::exceptions::{MoltResult, fail};
use crate::object::alloc::memory_error;

/// The modes of `_Py_dg_dtoa` that `PyOS_double_to_string` uses.
#[derive(Clone, Copy, Debug)]
enum Mode {
    /// Mode 0: the shortest digits that round-trip.
    Shortest,
    /// Mode 2: `max(1, n)` significant digits.
    Significant(i32),
    /// Mode 3: digits through `n` places after the decimal point.
    Fixed(i32),
}

/// Removes trailing `0`s (keeping one digit if all are zeros).
fn strip_zeros(digits: &mut Vec<u8>) {
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
}

/// `_Py_dg_dtoa(x, mode, n)` for a finite `x`: (sign bit, digits, decimal point position).
fn dtoa(x: f64, mode: Mode) -> (bool, Vec<u8>, i64) {
    let negative = x.is_sign_negative();
    if x == 0.0 {
        return (negative, Vec::from(*b"0"), 1);
    }
    let a = x.abs();
    match mode {
        Mode::Shortest => {
            let (_, digits, exp) = crate::print::shortest_digits(a);
            (negative, digits, i64::from(exp) + 1)
        }
        Mode::Significant(n) => {
            let n = usize::try_from(n).unwrap_or(0).clamp(1, 800);
            let text = format!("{:.*e}", n - 1, a);
            let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
            let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
            strip_zeros(&mut digits);
            let exp: i64 = exp.parse().unwrap_or(0);
            (negative, digits, exp + 1)
        }
        Mode::Fixed(n) => {
            let n64 = i64::from(n.max(0));
            if n64 > i64::from(i32::MAX) - 400 {
                // dtoa's `ilim = ndigits + k + 1` in C `int`: when it wraps negative, values
                // other than integers below 1e15 give no digits.
                // trunc(a) without libm: below 2^63 through u64, above it `a` is an integer.
                let trunc = if a < 9.0e18 { (a as u64) as f64 } else { a };
                let int_digits = format!("{trunc:.0}");
                let k = if a >= 1.0 {
                    int_digits.len() as i64 - 1
                } else {
                    -1
                };
                let small_integer = trunc == a && k <= 14;
                if n64 + k + 1 > i64::from(i32::MAX) && !small_integer {
                    return (negative, Vec::new(), -n64);
                }
            }
            let (digits, point) = fixed_exact(a, n).unwrap_or_else(|| fixed_by_format(a, n));
            (negative, digits, point)
        }
    }
}

/// Mode 3 through Rust's exact formatting with `n` places (any `n` below the wrap-around
/// [`dtoa`] handles first): the digits and the position of the decimal point.
fn fixed_by_format(a: f64, n: i32) -> (Vec<u8>, i64) {
    let n64 = i64::from(n.max(0));
    let places = usize::try_from(n.max(0)).unwrap_or(0).min(1100);
    let text = format!("{:.*}", places, a);
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    if int == "0" {
        let zeros = frac.bytes().take_while(|&c| c == b'0').count();
        if zeros == frac.len() {
            return (Vec::new(), -n64);
        }
        let mut digits: Vec<u8> = frac.as_bytes()[zeros..].to_vec();
        strip_zeros(&mut digits);
        (digits, -(zeros as i64))
    } else {
        let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
        strip_zeros(&mut digits);
        (digits, int.len() as i64)
    }
}

/// Mode 3 for `0 <= n <= 17` places and a finite `a > 0` below 2^64, in integer arithmetic:
/// `a` is `m * 2^e` exactly (`m < 2^53`), so `a * 10^n` is `m * 10^n` (below 2^110) shifted by
/// `e`, and the shifted-out bits round it half to even, as dtoa rounds the exact binary value.
/// The digits (trailing zeros stripped; none when the value rounds to zero) and the position
/// of the decimal point; None outside that range.
fn fixed_exact(a: f64, n: i32) -> Option<(Vec<u8>, i64)> {
    let places = u32::try_from(n).ok().filter(|&p| p <= 17)?;
    if !(a > 0.0 && a < 18_446_744_073_709_551_616.0) {
        return None;
    }
    let bits = a.to_bits();
    let biased = i64::try_from(bits >> 52).ok()?;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if biased == 0 { (frac, -1074) } else { (frac | (1u64 << 52), biased - 1075) };
    let scaled = u128::from(m) * 10u128.pow(places);
    let q = if e >= 0 {
        // An integer below 2^64: exact.
        scaled.checked_shl(u32::try_from(e).ok()?)?
    } else {
        let s = u32::try_from(-e).ok()?;
        if s >= 127 {
            // `scaled` < 2^110 is below half of 2^s: rounds to zero.
            0
        } else {
            let q = scaled >> s;
            let r = scaled & ((1u128 << s) - 1);
            let half = 1u128 << (s - 1);
            if r > half || (r == half && q & 1 == 1) { q + 1 } else { q }
        }
    };
    if q == 0 {
        return Some((Vec::new(), -i64::from(places)));
    }
    let mut buf = [0u8; 40];
    let mut i = buf.len();
    let mut v = q;
    // Through u128 division only while the value needs it (it is slow), then u64.
    while v > u128::from(u64::MAX) {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    let mut w = v as u64;
    while w > 0 {
        i -= 1;
        buf[i] = b'0' + (w % 10) as u8;
        w /= 10;
    }
    let mut digits = buf[i..].to_vec();
    let point = digits.len() as i64 - i64::from(places);
    strip_zeros(&mut digits);
    Some((digits, point))
}

/// A count of characters as a `usize` (MemoryError when negative would be a bug, or too big).
fn count(n: i64) -> MoltResult<usize> {
    usize::try_from(n.max(0)).map_or_else(|_| memory_error(), Ok)
}

/// `PyOS_double_to_string(x, code, precision, flags)`: `code` is one of `e E f F g G r`
/// (`r` with precision 0); the flags are `Py_DTSF_ADD_DOT_0`, `Py_DTSF_ALT` and
/// `Py_DTSF_NO_NEG_0` (never `Py_DTSF_SIGN`: the layout adds signs).
pub fn double_to_string(
    x: f64,
    code: char,
    precision: i32,
    add_dot_0: bool,
    alt: bool,
    no_neg_0: bool,
) -> MoltResult<String> {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    if x.is_nan() {
        return Ok(String::from(if upper { "NAN" } else { "nan" }));
    }
    if x.is_infinite() {
        let text = match (x < 0.0, upper) {
            (true, true) => "-INF",
            (true, false) => "-inf",
            (false, true) => "INF",
            (false, false) => "inf",
        };
        return Ok(String::from(text));
    }
    let (precision, mode) = match code {
        'e' => {
            // `precision++` in C `int` (wraps at INT_MAX; dtoa then makes it 1 digit).
            let p = precision.wrapping_add(1);
            (p, Mode::Significant(p))
        }
        'f' => (precision, Mode::Fixed(precision)),
        'g' => {
            let p = if precision == 0 { 1 } else { precision };
            (p, Mode::Significant(p))
        }
        _ => (0, Mode::Shortest),
    };
    let (mut negative, digits, mut decpt) = dtoa(x, mode);
    if no_neg_0 && negative && (digits.is_empty() || digits == b"0") {
        negative = false;
    }
    let precision = i64::from(precision);
    let digits_len = digits.len() as i64;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            if decpt <= -4 || decpt > (if add_dot_0 { precision - 1 } else { precision }) {
                use_exp = true;
            }
            if alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && add_dot_0 {
        vdigits_end.max(decpt + 1)
    } else {
        vdigits_end.max(decpt)
    };
    let size = count(vdigits_end.saturating_sub(vdigits_start))?
        .checked_add(3 + if use_exp { 8 } else { 0 });
    let mut out = reserve(size.map_or_else(memory_error, Ok)?)?;
    if negative {
        out.push('-');
    }
    // The digits are ASCII.
    let push_digits = |out: &mut String, d: &[u8]| out.push_str(core::str::from_utf8(d).unwrap_or(""));
    if decpt <= 0 {
        push_fill(&mut out, '0', count(decpt - vdigits_start)?);
        out.push('.');
        push_fill(&mut out, '0', count(-decpt)?);
    } else {
        push_fill(&mut out, '0', count(-vdigits_start)?);
    }
    if 0 < decpt && decpt <= digits_len {
        let (int, frac) = digits.split_at(count(decpt)?);
        push_digits(&mut out, int);
        out.push('.');
        push_digits(&mut out, frac);
    } else {
        push_digits(&mut out, &digits);
    }
    if digits_len < decpt {
        push_fill(&mut out, '0', count(decpt - digits_len)?);
        out.push('.');
        push_fill(&mut out, '0', count(vdigits_end - decpt)?);
    } else {
        push_fill(&mut out, '0', count(vdigits_end - digits_len)?);
    }
    if out.ends_with('.') && !alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        // C's "%+.02d": a sign, at least two digits.
        out.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push('0');
        }
        out.push_str(&format!("{e}"));
    }
    Ok(out)
}

/// `format_float_internal`: `x` under a spec whose type is one of `e E f F g G n %` or none.
pub fn format_float(x: f64, spec: &Spec) -> MoltResult<String> {
    let precision = match spec.precision {
        Some(p) => match i32::try_from(p) {
            Ok(p) => p,
            Err(_) => return fail(ValueError, "precision too big"),
        },
        None => -1,
    };
    let mut ty = spec.ty;
    let mut default_precision = 6;
    let mut add_dot_0 = false;
    if ty == '\0' {
        // Like repr without a precision, else like 'g' with at least one digit after the point.
        add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g'; // the C locale: 'g' exactly
    }
    let mut value = x;
    let add_pct = ty == '%';
    if add_pct {
        ty = 'f';
        value *= 100.0;
    }
    let precision = if precision < 0 {
        default_precision
    } else {
        if ty == 'r' {
            ty = 'g';
        }
        precision
    };
    let mut text = double_to_string(
        value,
        ty,
        precision,
        add_dot_0,
        spec.alternate,
        spec.no_neg_0,
    )?;
    if add_pct {
        if text.try_reserve(1).is_err() {
            return memory_error();
        }
        text.push('%');
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let n_digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = body.split_at(n_digits);
    let (has_decimal, remainder) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let parts = Parts {
        negative,
        prefix: "",
        digits,
        has_decimal,
        remainder,
    };
    let grouping = if spec.ty == 'n' {
        Grouping::None
    } else {
        spec.grouping
    };
    render(spec, &parts, grouping)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_exact_matches_formatting() {
        // Values near rounding ties, subnormals, integers, powers of two, and a spread of
        // magnitudes: the integer path gives what Rust's exact formatting gives.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut values = vec![0.5, 1.5, 2.5, 0.125, 0.0625, 1e-320, 5e-324, 1.0, 1e15, 1e19, 0.045, 1.005, 2.675, 1763.5714285714287];
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x >> 2);
            if v.is_finite() && v > 0.0 {
                values.push(v);
            }
            values.push((x % 1_000_000) as f64 / 1000.0);
            values.push((x % 4096) as f64 / 64.0);
        }
        for &v in &values {
            for n in 0..=17 {
                if let Some(fast) = fixed_exact(v, n) {
                    assert_eq!(fast, fixed_by_format(v, n), "{v:e} with {n} places");
                }
            }
        }
    }

    #[test]
    fn dtoa_modes() {
        assert_eq!(dtoa(0.5, Mode::Fixed(0)), (false, Vec::new(), 0));
        assert_eq!(dtoa(2.5, Mode::Fixed(0)), (false, Vec::from(*b"2"), 1));
        assert_eq!(dtoa(0.0006, Mode::Fixed(3)), (false, Vec::from(*b"1"), -2));
        assert_eq!(dtoa(-100.0, Mode::Fixed(2)), (true, Vec::from(*b"1"), 3));
        assert_eq!(
            dtoa(9.96, Mode::Significant(2)),
            (false, Vec::from(*b"1"), 2)
        );
        assert_eq!(
            dtoa(0.0, Mode::Significant(5)),
            (false, Vec::from(*b"0"), 1)
        );
        // C int wrap-around at INT_MAX, as CPython: no digits, except small integers.
        assert_eq!(
            dtoa(1.5, Mode::Fixed(i32::MAX)),
            (false, Vec::new(), -i64::from(i32::MAX))
        );
        assert_eq!(
            dtoa(123.0, Mode::Fixed(i32::MAX - 1)),
            (false, Vec::from(*b"123"), 3)
        );
        assert_eq!(dtoa(1e300, Mode::Fixed(i32::MAX - 7)).1, Vec::<u8>::new());
    }
}
