//! Buffered stdout and the Python `repr` of 64-bit ints, bools, `None` and floats.
//!
//! Relies on: Rust's `{:e}` formatting of `f64`, which yields the shortest digit string that
//! round-trips (the same digits CPython's `repr(float)` uses, via David Gay's shortest mode);
//! `entry` calling [`flush_stdout`] before the process exits.
//!
//! Provides: `molt_print_float`, `_bool`, `_none`, `_str` (`molt_print_int` and `molt_print_obj`
//! are in `object`, built on [`write_int`] and [`write_stdout`]); [`float_repr`] / [`int_repr`]
//! (pure); [`flush_stdout`] and
//! [`stdout_failed`]. Output goes to one global buffer that is written to fd 1 when it grows
//! past [`FLUSH_THRESHOLD`] and at exit, never with a syscall per print.
//!
//! Invariants: nothing here panics. A write error on stdout (e.g. `EPIPE` after the reader
//! closed the pipe) discards the buffer and marks stdout failed; further output is dropped.
//! A failure while flushing mid-program exits the process quietly with status 120 (what
//! CPython uses when it cannot flush stdout), so a program writing into a closed pipe stops.

use alloc::borrow::ToOwned as _;
use alloc::string::String;
use alloc::vec::Vec;

use crate::sys::{self, Global};

/// The buffer is written out once it holds at least this many bytes.
pub const FLUSH_THRESHOLD: usize = 64 * 1024;

/// Exit status when stdout cannot be written (CPython's status for a failed final flush).
pub const STDOUT_FAILURE_EXIT: i32 = 120;

struct Stdout {
    buf: Vec<u8>,
    failed: bool,
}

static STDOUT: Global<Stdout> = Global::new(Stdout {
    buf: Vec::new(),
    failed: false,
});

fn with_stdout<R>(f: impl FnOnce(&mut Stdout) -> R) -> R {
    STDOUT.with(f)
}

fn flush_locked(out: &mut Stdout) -> bool {
    if out.failed {
        out.buf.clear();
        return false;
    }
    if out.buf.is_empty() {
        return true;
    }
    let ok = sys::write_all(1, &out.buf);
    out.buf.clear();
    if !ok {
        out.failed = true;
        out.buf = Vec::new();
    }
    ok
}

/// Writes the buffered output to stdout. Returns false if stdout has failed (now or before).
pub fn flush_stdout() -> bool {
    with_stdout(flush_locked)
}

/// True once a write to stdout has failed.
pub fn stdout_failed() -> bool {
    with_stdout(|out| out.failed)
}

/// Appends to the stdout buffer, flushing it when it passes [`FLUSH_THRESHOLD`].
pub fn write_stdout(bytes: &[u8]) {
    let ok = with_stdout(|out| {
        if out.failed {
            return false;
        }
        out.buf.extend_from_slice(bytes);
        out.buf.len() < FLUSH_THRESHOLD || flush_locked(out)
    });
    if !ok && !cfg!(test) {
        sys::exit(STDOUT_FAILURE_EXIT);
    }
}

/// Test helper: removes and returns what has been buffered so far.
#[cfg(test)]
pub(crate) fn take_buffered() -> Vec<u8> {
    with_stdout(|out| core::mem::take(&mut out.buf))
}

/// Formats `value` in decimal into the end of `buf`; returns the used suffix.
fn format_int(value: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut n = value.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if value < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

/// Python's `repr(int)` for a 64-bit int.
pub fn int_repr(value: i64) -> String {
    let mut buf = [0u8; 20];
    String::from_utf8_lossy(format_int(value, &mut buf)).into_owned()
}

/// Python's `repr(float)`: the shortest round-trip digits, in scientific notation when the
/// decimal exponent is below -4 or at least 16 (`1e-05`, `0.0001`, `1e+16`), else positional
/// with at least one fractional digit (`100.0`); `inf`, `-inf`, `nan`.
pub fn float_repr(value: f64) -> String {
    if value.is_nan() {
        return "nan".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let (negative, digits, exp) = shortest_digits(value);
    let mut out = String::with_capacity(digits.len() + 8);
    let push = |out: &mut String, bytes: &[u8]| out.extend(bytes.iter().map(|&c| char::from(c)));
    if negative {
        out.push('-');
    }
    // Position of the decimal point relative to the start of the digits.
    let decpt = exp + 1;
    let (first, rest) = digits.split_at(1.min(digits.len()));
    if decpt <= -4 || decpt > 16 {
        push(&mut out, first);
        if !rest.is_empty() {
            out.push('.');
            push(&mut out, rest);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        let abs = exp.unsigned_abs();
        if abs < 10 {
            out.push('0');
        }
        let mut buf = [0u8; 20];
        push(&mut out, format_int(i64::from(abs), &mut buf));
    } else if decpt <= 0 {
        out.push_str("0.");
        out.extend(core::iter::repeat_n('0', decpt.unsigned_abs() as usize));
        push(&mut out, &digits);
    } else {
        let (int, frac) = digits.split_at((decpt as usize).min(digits.len()));
        push(&mut out, int);
        if !frac.is_empty() {
            out.push('.');
            push(&mut out, frac);
        } else {
            out.extend(core::iter::repeat_n('0', decpt as usize - int.len()));
            out.push_str(".0");
        }
    }
    out
}

/// At most 17 decimal digits (ASCII), on the stack: the shortest round-trip digits of a
/// double.
#[derive(Clone, Copy)]
pub(crate) struct ShortDigits {
    bytes: [u8; 17],
    len: usize,
}

impl core::ops::Deref for ShortDigits {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// The sign, the shortest round-trip decimal digits (ASCII, CPython's choice on ties) and the
/// decimal exponent of the first digit of a finite `value`.
pub(crate) fn shortest_digits(value: f64) -> (bool, ShortDigits, i32) {
    use core::fmt::Write as _;
    // `{:e}` gives e.g. "-1.2345e-7" or "5e-324": shortest digits d1.d2d3… times 10^exp (at
    // most 24 bytes: 17 digits, a sign, a point, `e-308`).
    let mut w = crate::object::format::buf::StackWriter::<32>::new();
    if write!(w, "{value:e}").is_err() {
        panic!("invariant broken: a double's shortest {{:e}} text exceeds 32 bytes");
    }
    let sci = w.as_bytes();
    let (negative, sci) = match sci.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, sci),
    };
    let e_at = sci.iter().position(|&c| c == b'e').unwrap_or(sci.len());
    let (mantissa, exp) = sci.split_at(e_at);
    let mut digits = ShortDigits { bytes: [0; 17], len: 0 };
    for &c in mantissa.iter().filter(|c| c.is_ascii_digit()) {
        // Rust never gives more than 17 digits.
        if let Some(d) = digits.bytes.get_mut(digits.len) {
            *d = c;
            digits.len += 1;
        }
    }
    let exp = parse_exponent(exp.get(1..).unwrap_or(&[]));
    // Rust breaks an exact tie between two shortest candidates upward; CPython (David Gay's
    // algorithm) picks the even last digit. So when the last digit is odd and `value` lies
    // exactly halfway between these digits and the ones below, the lower (even) candidate is
    // the answer, provided it still round-trips.
    // (ASCII digits have the parity of their value.)
    if digits.last().is_some_and(|c| c % 2 == 1) {
        let d = digits.iter().fold(0u64, |n, &c| n * 10 + u64::from(c - b'0'));
        let k = exp - (digits.len() as i32 - 1); // the last digit's power of ten
        if d > 1
            && is_tie_below(value.abs(), d, k)
            && lower_tie_round_trips(value.abs(), k)
            && let Some(last) = digits.bytes.get_mut(digits.len.wrapping_sub(1))
        {
            *last -= 1;
        }
    }
    (negative, digits, exp)
}

fn parse_exponent(text: &[u8]) -> i32 {
    let (negative, text) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let n = text.iter().fold(0i32, |n, &c| n.saturating_mul(10).saturating_add(i32::from(c.wrapping_sub(b'0'))));
    if negative { -n } else { n }
}

/// `x` as `m * 2^q` with `m` odd (`x` finite and non-zero).
fn odd_times_pow2(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    let (m, q) = if biased == 0 { (frac, -1074) } else { (frac | (1 << 52), biased - 1075) };
    let t = m.trailing_zeros();
    (m >> t, q + t as i32)
}

/// True when `x > 0` is exactly `(d - 1/2) * 10^k`: halfway between the digit strings `d` and
/// `d - 1` (`d` odd, at most 17 digits). Exact integer arithmetic, no parsing.
fn is_tie_below(x: f64, d: u64, k: i32) -> bool {
    if x == 0.0 {
        return false;
    }
    // (d - 1/2) * 10^k = (2d - 1) * 5^k * 2^(k-1), and 2d - 1 is odd, so `x` equals it exactly
    // when the odd parts and the powers of two agree.
    let (m, q) = odd_times_pow2(x);
    if q != k - 1 {
        return false;
    }
    let odd = u128::from(2 * d - 1);
    let Some(p5) = 5u128.checked_pow(k.unsigned_abs()) else { return false };
    if k >= 0 { odd.checked_mul(p5) == Some(u128::from(m)) } else { u128::from(m).checked_mul(p5) == Some(odd) }
}

/// Whether `(d - 1) * 10^k` parses back to `x`, given that `x` is exactly halfway between it
/// and `d * 10^k` and that `d * 10^k` parses back to `x` (it is Rust's shortest output).
fn lower_tie_round_trips(x: f64, k: i32) -> bool {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if bits & ((1 << 52) - 1) != 0 || biased <= 1 {
        // The gaps to the neighbouring doubles are equal, and both candidates are 10^k / 2
        // away from `x`: the lower one is as close as the upper one, which round-trips (at an
        // exact half-gap both round to `x`, whose significand is then even).
        return true;
    }
    // `x` = 2^52 * 2^q is a power of two: the gap below, 2^(q-1), is half the gap above. The
    // lower candidate round-trips iff 10^k / 2 <= 2^(q-1) / 2 (at equality it rounds to `x`,
    // whose significand is even), i.e. 5^k * 2^k <= 2^(q-1).
    let q = biased - 1075;
    let b = q - 1 - k;
    match (k >= 0, b >= 0) {
        (true, true) => pow5_below_pow2(k.unsigned_abs(), b.unsigned_abs()),
        (true, false) => false,
        (false, true) => true,
        (false, false) => !pow5_below_pow2(k.unsigned_abs(), b.unsigned_abs()),
    }
}

/// 5^a < 2^b (never equal for a > 0). Exact while both fit in 128 bits; beyond that the bit
/// lengths decide, and |a log2 5 - b| is never tiny for the exponents of doubles.
fn pow5_below_pow2(a: u32, b: u32) -> bool {
    match (5u128.checked_pow(a), 1u128.checked_shl(b).filter(|_| b < 128)) {
        (Some(p5), Some(p2)) => p5 < p2,
        (Some(_), None) => true,
        _ => f64::from(a) * core::f64::consts::LOG2_10 - f64::from(a) < f64::from(b),
    }
}

/// Writes the decimal text of a 64-bit int (`molt_print_int` of a small int).
pub fn write_int(value: i64) {
    let mut buf = [0u8; 20];
    write_stdout(format_int(value, &mut buf));
}

/// Writes the repr of a Python float.
#[unsafe(no_mangle)]
pub extern "C" fn molt_print_float(value: f64) {
    write_stdout(float_repr(value).as_bytes());
}

/// Writes `True` or `False`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_print_bool(value: bool) {
    write_stdout(if value { b"True" } else { b"False" });
}

/// Writes `None`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_print_none() {
    write_stdout(b"None");
}

/// Writes `len` bytes of UTF-8 text.
///
/// # Safety
/// `text` must be valid for reads of `len` bytes (or null / `len <= 0`, which write nothing).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_print_str(text: *const u8, len: i64) {
    // SAFETY: forwarded caller contract.
    write_stdout(unsafe { crate::exceptions::bytes_from_raw(text, len) });
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use crate::testutil::{Rng, python};

    #[test]
    fn ints() {
        for v in [0, 1, -1, 42, -1234567890, i64::MAX, i64::MIN] {
            assert_eq!(int_repr(v), v.to_string());
        }
    }

    #[test]
    fn float_examples() {
        let cases: &[(f64, &str)] = &[
            (1e16, "1e+16"),
            (1.5e-7, "1.5e-07"),
            (1e-5, "1e-05"),
            (1e-4, "0.0001"),
            (1234567890123456.0, "1234567890123456.0"),
            (12345678901234567.0, "1.2345678901234568e+16"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (-f64::NAN, "nan"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (0.1, "0.1"),
            (100.0, "100.0"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (-2.5, "-2.5"),
            (1e100, "1e+100"),
            (0.30000000000000004, "0.30000000000000004"),
        ];
        for &(v, s) in cases {
            assert_eq!(float_repr(v), s, "{v:?}");
        }
    }

    /// Compares `float_repr` with CPython's `repr` on many bit patterns and "nice" decimals.
    #[test]
    fn float_repr_matches_cpython() {
        let mut rng = Rng::new(0x5eed_f1a7);
        let mut values: Vec<f64> = Vec::new();
        for _ in 0..60_000 {
            values.push(f64::from_bits(rng.next()));
        }
        for _ in 0..40_000 {
            // Nice decimals: small integers scaled by powers of ten around every threshold.
            let digits = rng.below(1_000_000_000) as f64;
            let scale = rng.below(60) as i32 - 30;
            let s = format!("{digits}e{scale}");
            values.push(s.parse().unwrap_or(0.0));
            let k = rng.below(25) as i32 - 8;
            values.push(format!("{}e{k}", rng.below(100)).parse().unwrap_or(0.0));
        }
        for e in -330..310 {
            values.push(format!("1e{e}").parse().unwrap_or(0.0));
            values.push(format!("9.999999999999999e{e}").parse().unwrap_or(0.0));
        }
        for i in 0..2000u64 {
            values.push(f64::from_bits(i)); // subnormals
            values.push(f64::from_bits(0x7fef_ffff_ffff_ffff - i));
            values.push((1u64 << 53) as f64 + i as f64 * 2.0);
        }
        for _ in 0..20_000 {
            // Exact ties between two shortest candidates (binary fractions at 16-17 digits).
            let int = (1u64 << 49) + rng.below(1 << 53);
            values.push(int as f64 + [0.25, 0.5, 0.75, 0.125][rng.below(4) as usize]);
            values
                .push(((int << rng.below(11)) as f64) * if rng.below(2) == 0 { 1.0 } else { -1.0 });
            values.push(int as f64 / (1u64 << (rng.below(60) + 4)) as f64);
        }
        let input: String = values
            .iter()
            .map(|v| format!("{:016x}\n", v.to_bits()))
            .collect();
        let expected = python(
            "import sys,struct\nfor l in sys.stdin:\n print(repr(struct.unpack('>d', bytes.fromhex(l.strip()))[0]))",
            &input,
        );
        let expected: Vec<&str> = expected.lines().collect();
        assert_eq!(expected.len(), values.len());
        let mut bad = 0;
        for (v, e) in values.iter().zip(expected) {
            let got = float_repr(*v);
            if got != e {
                bad += 1;
                eprintln!("{:016x}: got {got}, python {e}", v.to_bits());
            }
        }
        assert_eq!(bad, 0);
    }

    /// The previous implementation (exact re-formatting and `str::parse` to settle ties), kept
    /// as an oracle for the integer-arithmetic tie check that replaced it.
    fn float_repr_by_parsing(value: f64) -> String {
        let mut sci = format!("{value:e}");
        let mantissa_len = sci.find('e').unwrap_or(sci.len());
        if sci.as_bytes()[..mantissa_len].last().is_some_and(|d| matches!(d, b'1' | b'3' | b'5' | b'7' | b'9')) {
            let ndigits = sci[..mantissa_len].bytes().filter(u8::is_ascii_digit).count();
            let exact = format!("{value:.*e}", ndigits.saturating_sub(1));
            if exact != sci && exact.parse::<f64>() == Ok(value) {
                sci = exact;
            }
        }
        sci
    }

    #[test]
    fn tie_check_agrees_with_parsing() {
        let mut rng = Rng::new(0x71e5);
        let mut values: Vec<f64> = Vec::new();
        for e in -1074..1024 {
            let p = 2f64.powi(e);
            values.extend([p, f64::from_bits(p.to_bits() + 1), f64::from_bits(p.to_bits().wrapping_sub(1))]);
        }
        for _ in 0..300_000 {
            values.push(f64::from_bits(rng.next()));
            // Exact ties: (2d - 1) * 10^k / 2 for small d and k, where doubles can be exact.
            let d = 1 + rng.below(1 << 20);
            let k = rng.below(40) as i32 - 30;
            values.push(((2 * d - 1) as f64) * 10f64.powi(k) / 2.0);
            let int = (1u64 << 49) + rng.below(1 << 53);
            values.push(int as f64 + [0.25, 0.5, 0.75, 0.125][rng.below(4) as usize]);
            values.push(int as f64 / (1u64 << (rng.below(60) + 4)) as f64);
            values.push(((int << rng.below(11)) as f64) * 1e-300);
        }
        let mut ties = 0;
        for v in values {
            if !v.is_finite() {
                continue;
            }
            let old = float_repr_by_parsing(v);
            ties += usize::from(old != format!("{v:e}"));
            let (negative, digits, exp) = shortest_digits(v);
            let mut new = String::from(if negative { "-" } else { "" });
            new.push(digits[0] as char);
            if digits.len() > 1 {
                new.push('.');
                new.push_str(std::str::from_utf8(&digits[1..]).unwrap());
            }
            new.push_str(&format!("e{exp}"));
            assert_eq!(new, old, "{:016x}", v.to_bits());
        }
        assert!(ties > 100, "only {ties} ties exercised");
    }

    #[test]
    fn buffered_prints() {
        let _g = crate::exceptions::test_lock();
        let _ = take_buffered();
        write_int(-12);
        molt_print_bool(true);
        molt_print_bool(false);
        molt_print_none();
        molt_print_float(0.5);
        let s = " héllo";
        unsafe {
            molt_print_str(s.as_ptr(), s.len() as i64);
            molt_print_str(std::ptr::null(), 5);
        }
        assert_eq!(take_buffered(), "-12TrueFalseNone0.5 héllo".as_bytes());
    }
}
