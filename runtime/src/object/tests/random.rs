//! Randomised differential tests against python3: many generated operand pairs, every operator,
//! results compared line by line (each line also checked for leaks by `eval_line`).

use super::{eval_line, python_eval};
use crate::object::bigint::Big;
use crate::print::float_repr;
use crate::testutil::Rng;

/// A random int token: small, near the small-int and 64-bit boundaries, or big (up to `max_bits`).
fn int_token(rng: &mut Rng, max_bits: u64) -> String {
    let v = match rng.below(6) {
        0 => Big::from_i64(rng.int_any_width() >> rng.below(64)),
        1 => {
            // Around ±2^62 and ±2^63.
            let base = Big::one().shl(62 + rng.below(2));
            let delta = Big::from_i64(rng.below(5) as i64 - 2);
            let v = base.add(&delta);
            if rng.below(2) == 0 { v.neg() } else { v }
        }
        _ => {
            let bits = 1 + rng.below(max_bits);
            let mut v = Big::default();
            let mut have = 0;
            while have < bits {
                v = v.shl(64).or(&Big::from_u64(rng.next()));
                have += 64;
            }
            let v = v.shr(have - bits);
            if rng.below(2) == 0 { v.neg() } else { v }
        }
    };
    v.to_decimal()
}

fn float_token(rng: &mut Rng) -> String {
    let v = match rng.below(4) {
        0 => f64::from_bits(rng.next()),
        1 => (rng.int_any_width() as f64) / 8.0,
        2 => [
            0.0,
            -0.0,
            0.5,
            -1.5,
            1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ][rng.below(8) as usize],
        _ => {
            (rng.next() >> 11) as f64
                * [1.0, 2.0f64.powi(11), 2.0f64.powi(200)][rng.below(3) as usize]
        }
    };
    float_repr(v)
}

fn compare_with_python(lines: &[String]) {
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let expected = python_eval(&refs);
    assert_eq!(expected.len(), lines.len());
    let mut bad = Vec::new();
    for (line, e) in lines.iter().zip(&expected) {
        let got = eval_line(line);
        if &got != e {
            bad.push(format!("{line}: got {got:?}, python {e:?}"));
        }
    }
    let shown: Vec<&String> = bad.iter().take(30).collect();
    assert!(
        bad.is_empty(),
        "{} mismatches, e.g.:\n{shown:#?}",
        bad.len()
    );
}

#[test]
fn int_arithmetic_matches_cpython() {
    let mut rng = Rng::new(0x01a7_eb16);
    let mut lines = Vec::new();
    for _ in 0..1500 {
        let (a, b) = (int_token(&mut rng, 300), int_token(&mut rng, 300));
        for op in [
            "+", "-", "*", "//", "%", "/", "&", "or", "^", "<", "<=", "==", "!=", ">", ">=",
        ] {
            lines.push(format!("{op}|{a}|{b}"));
        }
        let small = rng.below(90) as i64 - 10;
        lines.push(format!(
            "**|{a}|{}",
            small.min(if a.len() > 30 { 6 } else { 80 })
        ));
        lines.push(format!("<<|{a}|{}", rng.below(400) as i64 - 5));
        lines.push(format!(">>|{a}|{}", rng.below(400) as i64 - 5));
        lines.push(format!(">>|{a}|{b}"));
        for op in ["neg", "inv", "abs", "hash", "float", "truth", "str"] {
            lines.push(format!("{op}|{a}"));
        }
    }
    // Huge operands, fewer of them.
    for _ in 0..100 {
        let (a, b) = (int_token(&mut rng, 3000), int_token(&mut rng, 1500));
        for op in ["*", "//", "%", "/", "&", "^", "<"] {
            lines.push(format!("{op}|{a}|{b}"));
        }
        lines.push(format!("float|{a}"));
        lines.push(format!("hash|{a}"));
    }
    compare_with_python(&lines);
}

#[test]
fn true_division_and_float_conversion_match_cpython() {
    let mut rng = Rng::new(0xd1e5);
    let mut lines = Vec::new();
    for _ in 0..3000 {
        // Quotients near the overflow and subnormal ranges, and halfway cases.
        let a = int_token(&mut rng, 1100);
        let b = int_token(&mut rng, 1100);
        lines.push(format!("/|{a}|{b}"));
        let shift = rng.below(1200);
        lines.push(format!("/|{a}|2^{shift}"));
        lines.push(format!("/|2^{shift}|{a}"));
        let m = (rng.next() >> 10) | 1 | (1 << 53);
        lines.push(format!(
            "/|{}|{}",
            (m as u128) << rng.below(60),
            1u64 << rng.below(63)
        ));
        lines.push(format!("float|{m}^{}", 1 + rng.below(19)));
        lines.push(format!(
            "float|2^{}+{}",
            53 + rng.below(980),
            rng.below(1 << 20)
        ));
    }
    compare_with_python(&lines);
}

#[test]
fn int_float_mixed_matches_cpython() {
    let mut rng = Rng::new(0xf10a7);
    let mut lines = Vec::new();
    for _ in 0..2500 {
        let a = int_token(&mut rng, 1100);
        let x = float_token(&mut rng);
        for op in ["<", "<=", "==", "!=", ">", ">="] {
            lines.push(format!("{op}|{a}|{x}"));
            lines.push(format!("{op}|{x}|{a}"));
        }
        for op in ["+", "-", "*", "/", "//", "%"] {
            lines.push(format!("{op}|{a}|{x}"));
            lines.push(format!("{op}|{x}|{a}"));
        }
        lines.push(format!("int|{x}"));
        if !x.contains("nan") {
            lines.push(format!("hash|{x}"));
        }
        // An int equal to the float, when it is integral: both must compare and hash alike.
        lines.push(format!("**|{x}|{}", rng.below(7) as i64 - 3));
    }
    compare_with_python(&lines);
}
