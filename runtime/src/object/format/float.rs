//! Float formatting: CPython 3.11's `format_float_internal` (Python/formatter_unicode.c) over
//! a port of `PyOS_double_to_string` / `format_float_short` (Python/pystrtod.c), with the digits
//! `_Py_dg_dtoa` (Python/dtoa.c) would give.
//!
//! Relies on: Rust's float formatting with a precision (`{:.*}`, `{:.*e}`), which is exact and
//! rounds half to even on the exact binary value, as dtoa's modes 2 and 3 do; and
//! `print::shortest_digits` (the shortest round-trip digits with CPython's choice on ties) for
//! mode 0 (`repr`); `buf` for stack buffers; `number::render` / `render_obj` for the layout.
//!
//! Provides: [`format_float`] (`float.__format__` for a non-empty spec of type `e E f F g G n %`
//! or none, as a `String`), [`format_float_obj`] (the same, into a sink: a new str object or a
//! str builder), [`float_repr_obj`] (`repr`, into a sink), [`double_to_string`] and
//! [`double_to_text`] (the same text, on the stack when short).
//!
//! Invariants: the digit strings are dtoa's: no trailing zeros, `"0"` with the point after it
//! for zero, nothing (the point at `-ndigits`) when mode 3 rounds a non-zero value to zero. An
//! exact double has at most 767 significant digits and 1074 fractional ones, so Rust is asked
//! for at most 800 / 1100 and the rest are the zeros dtoa would strip anyway: a huge precision
//! costs only the output it pads (reserved first: MemoryError when it cannot be). CPython's C
//! `int` arithmetic is reproduced where it wraps for precisions near `INT_MAX` (`'.2147483647e'`
//! gives one digit; mode 3 gives no digits when `ndigits + k + 1` overflows, except for the
//! "small integers" dtoa handles first). Digits and texts live in stack buffers while they are
//! short (`ByteBuf`, `StackWriter`: Rust's formatting is tried on the stack first and redone
//! into a `String` only when it does not fit), so the usual formats allocate nothing but the
//! result. Type `f` (and `%`) with at most 17 places of a value below 2^64 skips dtoa's digits:
//! the text is the decimal digits of `fixed_scaled` (the value times 10^places, rounded half to
//! even on the exact binary value in integer arithmetic, as mode 3 rounds), split at the point.

use alloc::format;
use alloc::string::String;

use super::buf::{ByteBuf, StackWriter, write_u128, write_u64};
use super::number::{Parts, render, render_obj};
use super::sink::Sink;
use super::spec::{Grouping, Spec};
use crate::ExceptionKind::ValueError;
use crate::exceptions::{MoltResult, fail};
use crate::object::alloc::memory_error;

/// dtoa's digits: inline for the usual short results.
type Digits = ByteBuf<48>;

/// A float's text (`PyOS_double_to_string`'s result): inline for the usual short results.
pub type FloatText = ByteBuf<64>;

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
fn strip_zeros(digits: &mut Digits) {
    let d = digits.as_bytes();
    let keep = d.iter().rposition(|&c| c != b'0').map_or(1.min(d.len()), |i| i + 1);
    digits.truncate(keep);
}

/// Digits from ASCII text (the digits among `text`'s bytes).
fn digits_of(parts: &[&[u8]]) -> Digits {
    let mut d = Digits::new();
    for p in parts {
        d.extend(p);
    }
    d
}

/// `format!` into a stack buffer when it fits, else into a `String`; `f` gets the text.
fn with_formatted<R>(args: core::fmt::Arguments<'_>, f: impl FnOnce(&str) -> R) -> R {
    use core::fmt::Write as _;
    let mut w = StackWriter::<128>::new();
    if w.write_fmt(args).is_ok()
        && let Ok(text) = core::str::from_utf8(w.as_bytes())
    {
        return f(text);
    }
    f(&format!("{args}"))
}

/// `_Py_dg_dtoa(x, mode, n)` for a finite `x`: (sign bit, digits, decimal point position).
fn dtoa(x: f64, mode: Mode) -> (bool, Digits, i64) {
    let negative = x.is_sign_negative();
    if x == 0.0 {
        return (negative, digits_of(&[b"0"]), 1);
    }
    let a = x.abs();
    match mode {
        Mode::Shortest => {
            let (_, digits, exp) = crate::print::shortest_digits(a);
            (negative, digits_of(&[&digits]), i64::from(exp) + 1)
        }
        Mode::Significant(n) => {
            let n = usize::try_from(n).unwrap_or(0).clamp(1, 800);
            with_formatted(format_args!("{:.*e}", n - 1, a), |text| {
                let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
                let mut digits = match mantissa.split_once('.') {
                    Some((int, frac)) => digits_of(&[int.as_bytes(), frac.as_bytes()]),
                    None => digits_of(&[mantissa.as_bytes()]),
                };
                strip_zeros(&mut digits);
                let exp: i64 = exp.parse().unwrap_or(0);
                (negative, digits, exp + 1)
            })
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
                    return (negative, Digits::new(), -n64);
                }
            }
            let (digits, point) = fixed_exact(a, n).unwrap_or_else(|| fixed_by_format(a, n));
            (negative, digits, point)
        }
    }
}

/// Mode 3 through Rust's exact formatting with `n` places (any `n` below the wrap-around
/// [`dtoa`] handles first): the digits and the position of the decimal point.
fn fixed_by_format(a: f64, n: i32) -> (Digits, i64) {
    let n64 = i64::from(n.max(0));
    let places = usize::try_from(n.max(0)).unwrap_or(0).min(1100);
    with_formatted(format_args!("{:.*}", places, a), |text| {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        if int == "0" {
            let zeros = frac.bytes().take_while(|&c| c == b'0').count();
            if zeros == frac.len() {
                return (Digits::new(), -n64);
            }
            let mut digits = digits_of(&[&frac.as_bytes()[zeros..]]);
            strip_zeros(&mut digits);
            (digits, -(zeros as i64))
        } else {
            let mut digits = digits_of(&[int.as_bytes(), frac.as_bytes()]);
            strip_zeros(&mut digits);
            (digits, int.len() as i64)
        }
    })
}

/// `round(a * 10^places)` (half to even on the exact binary value, as dtoa rounds) for
/// `places <= 17` and a finite `a` with `0 <= a < 2^64`, in integer arithmetic: `a` is
/// `m * 2^e` exactly (`m < 2^53`), so `a * 10^places` is `m * 10^places` (below 2^110) shifted
/// by `e`, and the shifted-out bits round it. None outside that range.
#[inline]
pub(super) fn fixed_scaled(a: f64, places: u32) -> Option<u128> {
    if places > 17 || !(0.0..18_446_744_073_709_551_616.0).contains(&a) {
        return None;
    }
    if a == 0.0 {
        return Some(0);
    }
    let bits = a.to_bits();
    let biased = (bits >> 52) as u32; // the sign bit is clear: a >= 0
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if biased == 0 { (frac, -1074) } else { (frac | (1u64 << 52), biased as i32 - 1075) };
    if places <= 3 && e < 0 && e > -64 {
        // m * 10^places < 2^53 * 10^3 < 2^63: the usual case (fractions of moderate numbers,
        // a few places) in u64 arithmetic.
        let scaled = m * 10u64.pow(places);
        let s = e.unsigned_abs();
        let q = scaled >> s;
        let r = scaled & ((1u64 << s) - 1);
        let half = 1u64 << (s - 1);
        return Some(u128::from(if r > half || (r == half && q & 1 == 1) { q + 1 } else { q }));
    }
    let scaled = u128::from(m) * 10u128.pow(places);
    if e >= 0 {
        // An integer below 2^64: exact.
        return scaled.checked_shl(e.unsigned_abs());
    }
    let s = e.unsigned_abs();
    if s >= 127 {
        // `scaled` < 2^110 is below half of 2^s: rounds to zero.
        return Some(0);
    }
    let q = scaled >> s;
    let r = scaled & ((1u128 << s) - 1);
    let half = 1u128 << (s - 1);
    Some(if r > half || (r == half && q & 1 == 1) { q + 1 } else { q })
}

/// Mode 3 for `0 <= n <= 17` places and a finite `a > 0` below 2^64, through
/// [`fixed_scaled`]: the digits (trailing zeros stripped; none when the value rounds to zero)
/// and the position of the decimal point; None outside that range.
fn fixed_exact(a: f64, n: i32) -> Option<(Digits, i64)> {
    let places = u32::try_from(n).ok()?;
    if a == 0.0 {
        return None;
    }
    let q = fixed_scaled(a, places)?;
    if q == 0 {
        return Some((Digits::new(), -i64::from(places)));
    }
    let mut buf = [0u8; 40];
    let at = write_u128(q, &mut buf);
    let mut digits = digits_of(&[&buf[at..]]);
    let point = digits.len() as i64 - i64::from(places);
    strip_zeros(&mut digits);
    Some((digits, point))
}

/// The text of type `f` of `value` with `places <= 17` given `q`, its [`fixed_scaled`]
/// (`value * 100` and a `%` for type `%`), made without dtoa's digits: `f` gets it split into
/// [`Parts`].
fn with_fixed_parts<R>(
    value: f64,
    q: u128,
    places: u32,
    pct: bool,
    spec: &Spec,
    f: impl FnOnce(&Parts<'_>, Grouping) -> MoltResult<R>,
) -> MoltResult<R> {
    // At most 38 digits (q < 2^64 * 10^17), zero-padded to `places + 1`, then a `%`.
    let mut buf = [b'0'; 41];
    let end = 40;
    let at = match u64::try_from(q) {
        Ok(small) => write_u64(small, &mut buf[..end]),
        Err(_) => write_u128(q, &mut buf[..end]),
    };
    let places = places.min(17) as usize;
    let start = at.min(end - places - 1);
    buf[end] = b'%';
    let int_end = end - places;
    // SAFETY: ASCII digits and `%`.
    let (digits, remainder) = unsafe {
        (
            core::str::from_utf8_unchecked(&buf[start..int_end]),
            core::str::from_utf8_unchecked(&buf[int_end..end + usize::from(pct)]),
        )
    };
    let parts = Parts {
        // `Py_DTSF_NO_NEG_0` drops the sign of a value that rounds to zero.
        negative: value.is_sign_negative() && !(spec.no_neg_0 && q == 0),
        prefix: "",
        digits,
        has_decimal: places > 0 || spec.alternate,
        remainder,
    };
    f(&parts, spec.grouping)
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
    let text = double_to_text(x, code, precision, add_dot_0, alt, no_neg_0)?;
    let bytes = match text {
        ByteBuf::Heap(v) => v,
        ByteBuf::Inline { .. } => text.as_bytes().to_vec(),
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(_) => panic!("invariant broken: a float's text is ASCII"),
    }
}

/// [`double_to_string`] as ASCII bytes, on the stack when short (the usual case).
pub fn double_to_text(
    x: f64,
    code: char,
    precision: i32,
    add_dot_0: bool,
    alt: bool,
    no_neg_0: bool,
) -> MoltResult<FloatText> {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let mut out = FloatText::new();
    if x.is_nan() {
        out.extend(if upper { b"NAN" } else { b"nan" });
        return Ok(out);
    }
    if x.is_infinite() {
        let text: &[u8] = match (x < 0.0, upper) {
            (true, true) => b"-INF",
            (true, false) => b"-inf",
            (false, true) => b"INF",
            (false, false) => b"inf",
        };
        out.extend(text);
        return Ok(out);
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
    let digits = digits.as_bytes();
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
    let mut out = FloatText::with_capacity(size.map_or_else(memory_error, Ok)?)?;
    if negative {
        out.push(b'-');
    }
    if decpt <= 0 {
        out.fill(b'0', count(decpt - vdigits_start)?);
        out.push(b'.');
        out.fill(b'0', count(-decpt)?);
    } else {
        out.fill(b'0', count(-vdigits_start)?);
    }
    if 0 < decpt && decpt <= digits_len {
        let (int, frac) = digits.split_at(count(decpt)?);
        out.extend(int);
        out.push(b'.');
        out.extend(frac);
    } else {
        out.extend(digits);
    }
    if digits_len < decpt {
        out.fill(b'0', count(decpt - digits_len)?);
        out.push(b'.');
        out.fill(b'0', count(vdigits_end - decpt)?);
    } else {
        out.fill(b'0', count(vdigits_end - digits_len)?);
    }
    if out.last() == Some(b'.') && !alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { b'E' } else { b'e' });
        // C's "%+.02d": a sign, at least two digits.
        out.push(if exp < 0 { b'-' } else { b'+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push(b'0');
        }
        let mut buf = [0u8; 20];
        let at = write_u64(e, &mut buf);
        out.extend(&buf[at..]);
    }
    Ok(out)
}

/// `format_float_internal`'s choice of type, precision and flags, then `f` with the text of
/// `x` under a spec whose type is one of `e E f F g G n %` or none, split into [`Parts`], and
/// the grouping to lay it out with.
fn with_float_parts<R>(
    x: f64,
    spec: &Spec,
    f: impl FnOnce(&Parts<'_>, Grouping) -> MoltResult<R>,
) -> MoltResult<R> {
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
    // Type `f` (and `%`) at up to 17 places of a value below 2^64: straight from the scaled
    // integer (type `n`, whose grouping differs, is `g` here).
    if ty == 'f'
        && let Ok(places) = u32::try_from(precision)
        && let Some(q) = fixed_scaled(value.abs(), places)
    {
        return with_fixed_parts(value, q, places, add_pct, spec, f);
    }
    let mut text = double_to_text(
        value,
        ty,
        precision,
        add_dot_0,
        spec.alternate,
        spec.no_neg_0,
    )?;
    if add_pct {
        if let ByteBuf::Heap(v) = &mut text
            && v.try_reserve(1).is_err()
        {
            return memory_error();
        }
        text.push(b'%');
    }
    let Ok(text) = core::str::from_utf8(text.as_bytes()) else {
        panic!("invariant broken: a float's text is ASCII");
    };
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
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
    f(&parts, grouping)
}

/// `format_float_internal`: `x` under a spec whose type is one of `e E f F g G n %` or none.
pub fn format_float(x: f64, spec: &Spec) -> MoltResult<String> {
    with_float_parts(x, spec, |parts, grouping| render(spec, parts, grouping))
}

/// [`format_float`] written straight into `sink` (the digits and text on the stack
/// for the usual precisions and magnitudes).
pub(crate) fn format_float_obj(x: f64, spec: &Spec, sink: &mut dyn Sink) -> MoltResult<()> {
    with_float_parts(x, spec, |parts, grouping| render_obj(spec, parts, grouping, sink))
}

/// `repr(x)` (what `format(x, "")` and `str(x)` give) into `sink`, written once.
pub(crate) fn float_repr_obj(x: f64, sink: &mut dyn Sink) -> MoltResult<()> {
    let text = double_to_text(x, 'r', 0, true, false, false)?;
    let bytes = text.as_bytes();
    // ASCII: a character per byte.
    sink.text(bytes.len(), bytes.len(), &mut |d| d.copy_from_slice(bytes))
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
                if let Some((fast, point)) = fixed_exact(v, n) {
                    let (slow, slow_point) = fixed_by_format(v, n);
                    assert_eq!((fast.as_bytes(), point), (slow.as_bytes(), slow_point), "{v:e} with {n} places");
                }
            }
        }
    }

    /// `dtoa` with its digits as a `Vec`, for comparisons.
    fn dtoa_vec(x: f64, mode: Mode) -> (bool, Vec<u8>, i64) {
        let (negative, digits, point) = dtoa(x, mode);
        (negative, digits.as_bytes().to_vec(), point)
    }

    /// Type `f` from `fixed_scaled` gives `PyOS_double_to_string`'s text (the general path)
    /// for every precision it takes, with and without `#` and `z`.
    #[test]
    fn fixed_parts_match_double_to_text() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut values = vec![0.0, -0.0, 0.5, -0.5, 1.5, 2.5, 0.125, -0.125, 2.675, 1.005, 0.045, 5e-324, 1e-7, -1e-7,
                              9.5, 99.995, 1e15 + 0.3, 1.8446744073709550e19, 1763.5714285714287, 0.0004999];
        for _ in 0..5_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x);
            if v.is_finite() {
                values.push(v);
            }
            values.push((x % 2_000_000) as f64 / 1000.0 - 1000.0);
            values.push((x % 8192) as f64 / 128.0);
        }
        for &v in &values {
            for places in 0..=17u32 {
                let Some(q) = fixed_scaled(v.abs(), places) else { continue };
                for alt in [false, true] {
                    for z in [false, true] {
                        let spec = Spec {
                            fill: ' ',
                            align: '>',
                            alternate: alt,
                            no_neg_0: z,
                            sign: None,
                            width: None,
                            grouping: Grouping::None,
                            precision: Some(i64::from(places)),
                            ty: 'f',
                        };
                        let fast = with_fixed_parts(v, q, places, false, &spec, |p, _| {
                            let mut t = String::from(if p.negative { "-" } else { "" });
                            t.push_str(p.digits);
                            if p.has_decimal {
                                t.push('.');
                            }
                            t.push_str(p.remainder);
                            Ok(t)
                        })
                        .unwrap();
                        let slow = double_to_text(v, 'f', places as i32, false, alt, z).unwrap();
                        assert_eq!(fast.as_bytes(), slow.as_bytes(), "{v:e} .{places}f alt={alt} z={z}");
                    }
                }
            }
        }
    }

    #[test]
    fn dtoa_modes() {
        assert_eq!(dtoa_vec(0.5, Mode::Fixed(0)), (false, Vec::new(), 0));
        assert_eq!(dtoa_vec(2.5, Mode::Fixed(0)), (false, Vec::from(*b"2"), 1));
        assert_eq!(dtoa_vec(0.0006, Mode::Fixed(3)), (false, Vec::from(*b"1"), -2));
        assert_eq!(dtoa_vec(-100.0, Mode::Fixed(2)), (true, Vec::from(*b"1"), 3));
        assert_eq!(
            dtoa_vec(9.96, Mode::Significant(2)),
            (false, Vec::from(*b"1"), 2)
        );
        assert_eq!(
            dtoa_vec(0.0, Mode::Significant(5)),
            (false, Vec::from(*b"0"), 1)
        );
        // C int wrap-around at INT_MAX, as CPython: no digits, except small integers.
        assert_eq!(
            dtoa_vec(1.5, Mode::Fixed(i32::MAX)),
            (false, Vec::new(), -i64::from(i32::MAX))
        );
        assert_eq!(
            dtoa_vec(123.0, Mode::Fixed(i32::MAX - 1)),
            (false, Vec::from(*b"123"), 3)
        );
        assert_eq!(dtoa_vec(1e300, Mode::Fixed(i32::MAX - 7)).1, Vec::<u8>::new());
    }
}
