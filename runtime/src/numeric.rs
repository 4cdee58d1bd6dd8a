//! Numeric helpers whose CPython 3.11 semantics are too long to inline in generated code.
//!
//! Relies on: IEEE-754 binary64 arithmetic; Rust's float `%` being C's `fmod` (exact); the
//! platform libm's `pow`, `floor`, `trunc`, `sin`, `cos` (through `sys`; `pow` is the one
//! CPython calls).
//!
//! Provides: pure functions returning [`MoltResult`] (`float_floordiv`, `float_mod`,
//! `float_divmod`, `float_pow`) and their `molt_*` C wrappers, which on error raise the
//! exception and return 0.0; and the 64-bit fast paths the int module builds on
//! (`int_truediv`, `cmp_int_float` on i64). Arbitrary-precision ints live in `object::int`.
//!
//! Invariants: results and error kinds/messages are exactly CPython 3.11's (checked against
//! python3 in the tests), except where a correct result is not representable in Molt yet
//! (complex results), which raise documented errors instead.

use crate::ExceptionKind::{NotImplementedError, OverflowError, ZeroDivisionError};
use crate::exceptions::{MoltError, MoltResult, value_or_raise};
use crate::sys::{cos, floor, pow, sin, trunc};

/// The NotImplementedError message for a float power whose Python result is complex.
pub const COMPLEX_POW_MSG: &str =
    "float ** float with a complex result is not supported by Molt yet";

fn err<T>(kind: crate::ExceptionKind, message: &'static str) -> MoltResult<T> {
    Err(MoltError::new(kind, message))
}

/// CPython's `_float_div_mod`: (floor quotient, remainder with the divisor's sign); `wx != 0`.
fn div_mod_nonzero(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    // fmod is exact, so vx - m is mathematically a multiple of wx; the division may still be
    // slightly off an integer, hence the snapping below.
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = floor(div);
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// Python's `divmod(float, float)`.
pub fn float_divmod(a: f64, b: f64) -> MoltResult<(f64, f64)> {
    if b == 0.0 {
        return err(ZeroDivisionError, "float divmod()");
    }
    Ok(div_mod_nonzero(a, b))
}

/// Python's `float // float`.
pub fn float_floordiv(a: f64, b: f64) -> MoltResult<f64> {
    if b == 0.0 {
        return err(ZeroDivisionError, "float floor division by zero");
    }
    Ok(div_mod_nonzero(a, b).0)
}

/// Python's `float % float` (the result takes the divisor's sign).
pub fn float_mod(a: f64, b: f64) -> MoltResult<f64> {
    if b == 0.0 {
        return err(ZeroDivisionError, "float modulo");
    }
    let mut m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    Ok(m)
}

fn is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// Python's `float ** float` (CPython's `float_pow`, special cases first, then libm `pow`).
pub fn float_pow(v: f64, w: f64) -> MoltResult<f64> {
    if w == 0.0 {
        return Ok(1.0); // v**0 is 1, even 0**0 and nan**0
    }
    if v.is_nan() {
        return Ok(v);
    }
    if w.is_nan() {
        return Ok(if v == 1.0 { 1.0 } else { w });
    }
    if w.is_infinite() {
        let av = v.abs();
        return Ok(if av == 1.0 {
            1.0
        } else if (w > 0.0) == (av > 1.0) {
            w.abs()
        } else {
            0.0
        });
    }
    if v.is_infinite() {
        let odd = is_odd_integer(w);
        return Ok(if w > 0.0 {
            if odd { v } else { v.abs() }
        } else if odd {
            0.0f64.copysign(v)
        } else {
            0.0
        });
    }
    if v == 0.0 {
        if w < 0.0 {
            return err(
                ZeroDivisionError,
                "0.0 cannot be raised to a negative power",
            );
        }
        return Ok(if is_odd_integer(w) { v } else { 0.0 });
    }
    let mut iv = v;
    let mut negate = false;
    if iv < 0.0 {
        if w != floor(w) {
            // CPython returns a complex number here (`_Py_c_pow`), raising OverflowError when
            // a component is infinite. Molt has no complex numbers yet.
            let len = pow(-iv, w);
            let phase = core::f64::consts::PI * w; // atan2(0.0, negative) == pi
            if (len * cos(phase)).is_infinite() || (len * sin(phase)).is_infinite() {
                return err(OverflowError, "complex exponentiation");
            }
            return err(NotImplementedError, COMPLEX_POW_MSG);
        }
        iv = -iv;
        negate = is_odd_integer(w);
    }
    if iv == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    // iv, w finite; iv > 0 and != 1; w != 0. An infinite result means ERANGE (overflow);
    // underflow to zero is not an error in CPython.
    let ix = pow(iv, w);
    if ix.is_infinite() {
        return err(OverflowError, "(34, 'Numerical result out of range')");
    }
    Ok(if negate { -ix } else { ix })
}

/// 2^63, the first float past `i64::MAX`.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// 2^e as an f64, for `-1022 <= e <= 1023`.
fn pow2(e: i32) -> f64 {
    f64::from_bits(((1023 + e) as u64) << 52)
}

/// Python's `int / int` for 64-bit ints: the correctly rounded (half-even) quotient, as CPython's
/// `long_true_divide`.
pub fn int_truediv(a: i64, b: i64) -> MoltResult<f64> {
    if b == 0 {
        return err(ZeroDivisionError, "division by zero");
    }
    const EXACT: u64 = 1 << 53;
    if a.unsigned_abs() <= EXACT && b.unsigned_abs() <= EXACT {
        // Both operands are exact doubles, and IEEE division rounds correctly.
        return Ok(a as f64 / b as f64);
    }
    let sign = if (a < 0) != (b < 0) { -1.0 } else { 1.0 };
    let na = a.unsigned_abs() as u128;
    let nb = b.unsigned_abs() as u128;
    if na == 0 {
        return Ok(0.0 * sign);
    }
    let la = 128 - na.leading_zeros() as i32;
    let lb = 128 - nb.leading_zeros() as i32;
    // Scale so the integer quotient has at least 55 bits (53 + guard + one more); the
    // numerator stays below 2^(55 + 64) so it fits in a u128.
    let shift = (55 + lb - la).max(0);
    let num = na << shift;
    let q = num / nb;
    let sticky = !num.is_multiple_of(nb);
    let bits = 128 - q.leading_zeros() as i32; // >= 55
    let drop = bits - 53;
    let mut mantissa = q >> drop;
    let rest = q & ((1u128 << drop) - 1);
    let half = 1u128 << (drop - 1);
    if rest > half || (rest == half && (sticky || mantissa & 1 == 1)) {
        mantissa += 1; // may become 2^53, still exact
    }
    // mantissa <= 2^53 is exact; scaling by a power of two in [2^-118, 2^11] is exact.
    Ok(sign * (mantissa as f64) * pow2(drop - shift))
}

/// Exact comparison of a 64-bit int with a float: -1 (a < b), 0 (equal), 1 (a > b), or 2 if b
/// is NaN.
pub fn cmp_int_float(a: i64, b: f64) -> i32 {
    if b.is_nan() {
        return 2;
    }
    if b >= TWO_POW_63 {
        return -1; // also +inf
    }
    if b < -TWO_POW_63 {
        return 1; // also -inf
    }
    // b is finite and its integer part fits in an i64 exactly.
    let whole = trunc(b);
    let bi = whole as i64;
    if a != bi {
        return if a < bi { -1 } else { 1 };
    }
    let frac = b - whole; // exact
    if frac > 0.0 {
        -1
    } else if frac < 0.0 {
        1
    } else {
        0
    }
}

/// CPython's float `//`; raises ZeroDivisionError on a zero divisor.
#[unsafe(no_mangle)]
pub extern "C" fn molt_float_floordiv(a: f64, b: f64) -> f64 {
    value_or_raise(float_floordiv(a, b))
}

/// CPython's float `%`; raises ZeroDivisionError on a zero divisor.
#[unsafe(no_mangle)]
pub extern "C" fn molt_float_mod(a: f64, b: f64) -> f64 {
    value_or_raise(float_mod(a, b))
}

/// CPython's float `**`, errors included.
#[unsafe(no_mangle)]
pub extern "C" fn molt_float_pow(a: f64, b: f64) -> f64 {
    value_or_raise(float_pow(a, b))
}





#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::int::{self, int_ref, int_to_decimal};
    use crate::object::int_float::f64_to_int;
    use crate::object::{Obj, decref};
    use crate::print::float_repr;
    use crate::testutil::{Rng, python};
    use std::fmt::Write as _;

    const SCRIPT: &str = r#"
import sys, struct
def f(h): return struct.unpack('>d', bytes.fromhex(h))[0]
out = []
for line in sys.stdin:
    op, x, y = line.split()
    try:
        if op == 'fdiv': r = f(x) // f(y)
        elif op == 'fmod': r = f(x) % f(y)
        elif op == 'fdivmod': r = divmod(f(x), f(y))
        elif op == 'fpow': r = f(x) ** f(y)
        elif op == 'ipow': r = int(x) ** int(y)
        elif op == 'itd': r = int(x) / int(y)
        elif op == 'f2i': r = int(f(x))
        elif op == 'cmp':
            a, b = int(x), f(y)
            r = 2 if b != b else (a > b) - (a < b)
        if isinstance(r, complex):
            out.append('!NotImplementedError'); continue
        out.append(' '.join(map(repr, r)) if isinstance(r, tuple) else repr(r))
    except Exception as e:
        out.append('!%s: %s' % (type(e).__name__, e))
print('\n'.join(out))
"#;

    fn show<T>(r: MoltResult<T>, fmt: impl Fn(T) -> String) -> String {
        match r {
            Ok(v) => fmt(v),
            Err(e) if e.kind == NotImplementedError => "!NotImplementedError".to_owned(),
            Err(e) => format!("!{}: {}", e.kind.name(), e.message),
        }
    }

    fn hex(x: f64) -> String {
        format!("{:016x}", x.to_bits())
    }

    /// Runs every `(op, x, y)` line through python3 and compares with `ours`.
    fn compare(lines: &[String], ours: impl Fn(&str) -> String) -> usize {
        let mut input = String::new();
        for l in lines {
            let _ = writeln!(input, "{l}");
        }
        let expected = python(SCRIPT, &input);
        let expected: Vec<&str> = expected.lines().collect();
        assert_eq!(expected.len(), lines.len());
        let mut bad = 0;
        for (line, e) in lines.iter().zip(expected) {
            let got = ours(line);
            if got != e {
                bad += 1;
                if bad < 30 {
                    eprintln!("{line}: got {got:?}, python {e:?}");
                }
            }
        }
        bad
    }

    fn interesting_floats(rng: &mut Rng, n: usize) -> Vec<f64> {
        let mut v = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            2.0,
            -2.0,
            0.5,
            -0.5,
            3.0,
            -3.0,
            0.1,
            -0.1,
            7.5,
            -7.5,
            2.5,
            1e16,
            -1e16,
            1e300,
            -1e300,
            1e308,
            f64::MAX,
            -f64::MAX,
            5e-324,
            -5e-324,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            1e-300,
            9007199254740993.0,
            4503599627370497.5,
            0.9999999999999999,
            1.0000000000000002,
            10.0,
            -10.0,
            1024.0,
            1023.5,
        ];
        while v.len() < n {
            v.push(match rng.below(5) {
                0 => f64::from_bits(rng.next()),
                1 => (rng.below(2001) as f64 - 1000.0) / 4.0,
                2 => (rng.next() as i64 as f64) / (1u64 << rng.below(64)) as f64,
                3 => (rng.below(200_001) as f64 - 100_000.0) * 1e-3,
                _ => rng.below(41) as f64 - 20.0,
            });
        }
        v
    }

    fn float_binop_lines(op: &str, xs: &[f64], ys: &[f64]) -> Vec<String> {
        let mut lines = Vec::new();
        for &x in xs {
            for &y in ys {
                lines.push(format!("{op} {} {}", hex(x), hex(y)));
            }
        }
        lines
    }

    fn parse_hex(s: &str) -> f64 {
        f64::from_bits(u64::from_str_radix(s, 16).unwrap())
    }

    fn float_ours(line: &str) -> String {
        let mut p = line.split(' ');
        let op = p.next().unwrap();
        let x = parse_hex(p.next().unwrap());
        let y = parse_hex(p.next().unwrap());
        match op {
            "fdiv" => show(float_floordiv(x, y), float_repr),
            "fmod" => show(float_mod(x, y), float_repr),
            "fpow" => show(float_pow(x, y), float_repr),
            "fdivmod" => show(float_divmod(x, y), |(d, m)| {
                format!("{} {}", float_repr(d), float_repr(m))
            }),
            _ => unreachable!(),
        }
    }

    #[test]
    fn float_division_matches_cpython() {
        let mut rng = Rng::new(1);
        let xs = interesting_floats(&mut rng, 130);
        let mut lines = float_binop_lines("fdiv", &xs, &xs);
        lines.extend(float_binop_lines("fmod", &xs, &xs));
        lines.extend(float_binop_lines("fdivmod", &xs[..60], &xs[..60]));
        assert_eq!(compare(&lines, float_ours), 0);
    }

    #[test]
    fn float_pow_matches_cpython() {
        let mut rng = Rng::new(2);
        let xs = interesting_floats(&mut rng, 150);
        let mut ys = interesting_floats(&mut rng, 100);
        ys.extend([
            0.5,
            -0.5,
            1.0 / 3.0,
            1e20,
            -1e20,
            1e300,
            2.0f64.powi(53) + 2.0,
            2.0f64.powi(53) + 1.0,
            1075.0,
            -1075.0,
        ]);
        for _ in 0..40 {
            ys.push(rng.below(61) as f64 - 30.0);
        }
        let lines = float_binop_lines("fpow", &xs, &ys);
        assert_eq!(compare(&lines, float_ours), 0);
    }

    /// The decimal text of an int result (the reference is dropped).
    fn int_text(o: Obj) -> String {
        let t = show(int_to_decimal(int_ref(o).unwrap()), |s| s);
        unsafe { decref(o) };
        t
    }

    /// `a ** b` through the object model's int power.
    fn ipow(a: i64, b: i64) -> MoltResult<Obj> {
        let (x, y) = (int::from_i64(a).unwrap(), int::from_i64(b).unwrap());
        let r = int::int_binary(crate::BinaryOp::Pow, int_ref(x).unwrap(), int_ref(y).unwrap());
        unsafe { decref(x) };
        unsafe { decref(y) };
        r
    }

    fn int_ours(line: &str) -> String {
        let mut p = line.split(' ');
        let op = p.next().unwrap();
        let x = p.next().unwrap();
        let y = p.next().unwrap();
        match op {
            "ipow" => show(ipow(x.parse().unwrap(), y.parse().unwrap()), int_text),
            "itd" => show(
                int_truediv(x.parse().unwrap(), y.parse().unwrap()),
                float_repr,
            ),
            "f2i" => show(f64_to_int(parse_hex(x)), int_text),
            "cmp" => cmp_int_float(x.parse().unwrap(), parse_hex(y)).to_string(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn int_ops_match_cpython() {
        let mut rng = Rng::new(3);
        let mut lines = Vec::new();
        let mut add = |s: String| lines.push(s);
        // int ** int
        let bases = [
            0i64,
            1,
            -1,
            2,
            -2,
            3,
            -3,
            10,
            -10,
            3037000499,
            3037000500,
            -3037000500,
            i64::MAX,
            i64::MIN,
            7,
            1 << 31,
        ];
        for &a in &bases {
            for b in 0..70 {
                add(format!("ipow {a} {b}"));
            }
            // Huge exponents (python3 would run out of memory on these).
            for b in [123_456_789_012, i64::MAX] {
                let expected = match a {
                    0 => "0",
                    1 => "1",
                    -1 if b % 2 == 0 => "1",
                    -1 => "-1",
                    _ => "!MemoryError: ",
                };
                assert_eq!(show(ipow(a, b), int_text), expected, "{a} ** {b}");
            }
            add(format!("ipow {a} 1000"));
        }
        for _ in 0..3000 {
            let a = rng.int_any_width() >> rng.below(64);
            add(format!("ipow {a} {}", rng.below(70)));
        }
        // int / int
        let edge = [
            0i64,
            1,
            -1,
            2,
            3,
            7,
            1 << 53,
            (1 << 53) + 1,
            -(1 << 53) - 1,
            (1 << 54) + 3,
            i64::MAX,
            i64::MIN,
            i64::MAX - 1,
            i64::MIN + 1,
            10,
            1_000_000_007,
        ];
        for &a in &edge {
            for &b in &edge {
                add(format!("itd {a} {b}"));
            }
        }
        for _ in 0..30_000 {
            add(format!(
                "itd {} {}",
                rng.int_any_width(),
                rng.int_any_width()
            ));
        }
        // Halfway cases: a = (2k+1) * 2^s exactly halfway between doubles when divided by 1.
        for _ in 0..2000 {
            let m = (rng.next() >> 10) | 1 | (1 << 53);
            let a = (m << rng.below(10)) as i64;
            add(format!("itd {a} 1"));
            add(format!("itd {a} {}", 1 + rng.below(8)));
        }
        // int(float) and int <=> float
        let floats = interesting_floats(&mut rng, 3000);
        for &x in &floats {
            add(format!("f2i {} 0", hex(x)));
        }
        for &v in &[
            TWO_POW_63,
            -TWO_POW_63,
            TWO_POW_63 - 1024.0,
            -TWO_POW_63 - 2048.0,
            TWO_POW_63 * 2.0,
        ] {
            add(format!("f2i {} 0", hex(v)));
        }
        for &x in &floats[..300] {
            for &a in &edge {
                add(format!("cmp {a} {}", hex(x)));
            }
        }
        for _ in 0..20_000 {
            let a = rng.int_any_width();
            let b = match rng.below(4) {
                0 => a as f64,
                1 => a as f64 + (rng.below(5) as f64 - 2.0) * 0.5,
                2 => f64::from_bits(
                    (a as f64)
                        .to_bits()
                        .wrapping_add(rng.below(5))
                        .wrapping_sub(2),
                ),
                _ => rng.int_any_width() as f64,
            };
            add(format!("cmp {a} {}", hex(b)));
        }
        assert_eq!(compare(&lines, int_ours), 0);
    }

    #[test]
    fn wrappers_raise() {
        let _g = crate::exceptions::test_lock();
        crate::clear_exception();
        assert_eq!(molt_float_floordiv(7.0, 2.0), 3.0);
        assert_eq!(crate::pending_exception(), None);
        assert_eq!(molt_float_floordiv(1.0, 0.0), 0.0);
        let e = crate::take_exception().unwrap();
        assert_eq!(
            (e.kind_name(), e.message.as_str()),
            ("ZeroDivisionError", "float floor division by zero")
        );
        assert_eq!(molt_float_pow(-8.0, 1.0 / 3.0), 0.0);
        let e = crate::take_exception().unwrap();
        assert_eq!(
            (e.kind_name(), e.message.as_str()),
            ("NotImplementedError", COMPLEX_POW_MSG)
        );
        assert_eq!(molt_float_mod(-1.0, 3.0), 2.0);
        assert_eq!(cmp_int_float(i64::MAX, TWO_POW_63), -1);
        assert_eq!(cmp_int_float(i64::MIN, -TWO_POW_63), 0);
        assert_eq!(cmp_int_float(i64::MAX, f64::INFINITY), -1);
        assert_eq!(cmp_int_float(i64::MIN, f64::NEG_INFINITY), 1);
        assert_eq!(cmp_int_float(0, -0.0), 0);
        assert_eq!(crate::pending_exception(), None);
    }
}
