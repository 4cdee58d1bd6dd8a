//! Which expressions CPython 3.11's AST optimiser turns into constants (Python/ast_opt.c:
//! `fold_unaryop`, `fold_binop` with `safe_multiply`/`safe_power`/`safe_lshift`/`safe_mod`,
//! `fold_tuple`, `fold_subscr`, `__debug__`), evaluated here as CPython evaluates them.
//!
//! The answer decides code shapes whose output CPython's constants make observable: a set
//! display of more than two constants is built from a frozenset constant, and a set display
//! iterated by `for` or a comprehension *is* a frozenset constant — both iterate in an order
//! that depends on how the constant was built (see `set_display`).
//!
//! Invariants: [`folded`] returns `Some` only for an expression CPython folds to a constant,
//! with that constant's value. Where this evaluator cannot follow CPython exactly it answers
//! `None` — an int beyond 127 bits (CPython folds up to its limits of 128-bit operands), complex
//! arithmetic — so a set display with such an item is built item by
//! item (the order then differs from CPython's only when the items' hashes collide).

use ruff_python_ast::{self as ast, Expr};

/// A constant of CPython's AST (`Constant_kind`'s value).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Const {
    Int(i128),
    Bool(bool),
    Float(f64),
    Complex,
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<Const>),
    None,
    Ellipsis,
}

const MAX_INT_SIZE: u32 = 128;
const MAX_COLLECTION_SIZE: i128 = 256;
const MAX_STR_SIZE: i128 = 4096;
const MAX_TOTAL_ITEMS: i128 = 1024;

/// The constant CPython's AST optimiser makes of `e`, if it makes one.
pub(super) fn folded(e: &Expr) -> Option<Const> {
    match e {
        Expr::NumberLiteral(n) => match &n.value {
            ast::Number::Int(i) => match i.as_i64() {
                Some(v) => Some(Const::Int(i128::from(v))),
                None => super::expr::int_literal_decimal(&i.to_string()).and_then(|d| d.parse().ok()).map(Const::Int),
            },
            ast::Number::Float(f) => Some(Const::Float(*f)),
            ast::Number::Complex { .. } => Some(Const::Complex),
        },
        Expr::StringLiteral(s) => Some(Const::Str(s.value.to_str().to_string())),
        Expr::BytesLiteral(b) => Some(Const::Bytes(b.value.bytes().collect())),
        Expr::BooleanLiteral(b) => Some(Const::Bool(b.value)),
        Expr::NoneLiteral(_) => Some(Const::None),
        Expr::EllipsisLiteral(_) => Some(Const::Ellipsis),
        Expr::Name(n) if n.id.as_str() == "__debug__" && n.ctx == ast::ExprContext::Load => Some(Const::Bool(true)),
        Expr::Tuple(t) => t.elts.iter().map(folded).collect::<Option<Vec<_>>>().map(Const::Tuple),
        Expr::UnaryOp(u) => unary(u.op, folded(&u.operand)?),
        Expr::BinOp(b) => binary(b.op, folded(&b.left)?, folded(&b.right)?),
        Expr::Subscript(s) if s.ctx == ast::ExprContext::Load => subscript(folded(&s.value)?, folded(&s.slice)?),
        _ => None,
    }
}

/// An int's value (bools are ints).
fn int(c: &Const) -> Option<i128> {
    match *c {
        Const::Int(v) => Some(v),
        Const::Bool(b) => Some(i128::from(b)),
        Const::Float(_) | Const::Complex | Const::Str(_) | Const::Bytes(_) | Const::Tuple(_) | Const::None | Const::Ellipsis => None,
    }
}

/// A real number's value as a float (ints converted), for float arithmetic.
fn real(c: &Const) -> Option<f64> {
    match *c {
        Const::Float(f) => Some(f),
        Const::Int(_) | Const::Bool(_) => int(c).map(|v| v as f64),
        Const::Complex | Const::Str(_) | Const::Bytes(_) | Const::Tuple(_) | Const::None | Const::Ellipsis => None,
    }
}

/// `_PyLong_NumBits`: the bits of `|v|`.
fn num_bits(v: i128) -> u32 {
    128 - v.unsigned_abs().leading_zeros()
}

fn truth(c: &Const) -> bool {
    match c {
        Const::Int(v) => *v != 0,
        Const::Bool(b) => *b,
        Const::Float(f) => *f != 0.0,
        // Complex literals are imaginary; `0j` is false, which this evaluator does not track.
        Const::Complex => true,
        Const::Str(s) => !s.is_empty(),
        Const::Bytes(b) => !b.is_empty(),
        Const::Tuple(t) => !t.is_empty(),
        Const::None => false,
        Const::Ellipsis => true,
    }
}

fn unary(op: ast::UnaryOp, x: Const) -> Option<Const> {
    match op {
        ast::UnaryOp::Not => Some(Const::Bool(!truth(&x))),
        ast::UnaryOp::USub => match x {
            Const::Float(f) => Some(Const::Float(-f)),
            Const::Complex => Some(Const::Complex),
            Const::Int(_) | Const::Bool(_) | Const::Str(_) | Const::Bytes(_) | Const::Tuple(_) | Const::None | Const::Ellipsis => {
                int(&x)?.checked_neg().map(Const::Int)
            }
        },
        ast::UnaryOp::UAdd => match x {
            Const::Float(_) | Const::Complex => Some(x),
            Const::Int(_) | Const::Bool(_) | Const::Str(_) | Const::Bytes(_) | Const::Tuple(_) | Const::None | Const::Ellipsis => {
                int(&x).map(Const::Int)
            }
        },
        ast::UnaryOp::Invert => int(&x).map(|v| Const::Int(!v)),
    }
}

/// `check_complexity`: what remains of `limit` after counting the items of `c`'s nested
/// tuples.
fn complexity(c: &Const, mut limit: i128) -> i128 {
    if let Const::Tuple(items) = c {
        limit -= items.len() as i128;
        for item in items {
            if limit < 0 {
                break;
            }
            limit = complexity(item, limit);
        }
    }
    limit
}

/// `n * seq` (`safe_multiply`'s sequence cases), `n` an int.
fn repeat(n: i128, seq: &Const) -> Option<Const> {
    let size = match seq {
        Const::Str(s) => s.chars().count() as i128,
        Const::Bytes(b) => b.len() as i128,
        Const::Tuple(t) => t.len() as i128,
        Const::Int(_) | Const::Bool(_) | Const::Float(_) | Const::Complex | Const::None | Const::Ellipsis => return None,
    };
    if size != 0 {
        let cap = if matches!(seq, Const::Tuple(_)) { MAX_COLLECTION_SIZE } else { MAX_STR_SIZE };
        if n < 0 || n > cap / size {
            return None;
        }
        if matches!(seq, Const::Tuple(_)) && n != 0 && complexity(seq, MAX_TOTAL_ITEMS / n) < 0 {
            return None;
        }
    }
    let n = usize::try_from(n.max(0)).ok()?;
    Some(match seq {
        Const::Str(s) => Const::Str(s.repeat(n)),
        Const::Bytes(b) => Const::Bytes(b.repeat(n)),
        Const::Tuple(t) => Const::Tuple(t.iter().cycle().take(t.len() * n).cloned().collect()),
        Const::Int(_) | Const::Bool(_) | Const::Float(_) | Const::Complex | Const::None | Const::Ellipsis => return None,
    })
}

fn binary(op: ast::Operator, l: Const, r: Const) -> Option<Const> {
    use ast::Operator as O;
    // Sequences: concatenation and repetition.
    match (&l, &r, op) {
        (Const::Str(a), Const::Str(b), O::Add) => return Some(Const::Str(format!("{a}{b}"))),
        (Const::Bytes(a), Const::Bytes(b), O::Add) => return Some(Const::Bytes([a.as_slice(), b.as_slice()].concat())),
        (Const::Tuple(a), Const::Tuple(b), O::Add) => return Some(Const::Tuple([a.as_slice(), b.as_slice()].concat())),
        (Const::Str(_) | Const::Bytes(_) | Const::Tuple(_), _, O::Mult) => return repeat(int(&r)?, &l),
        (_, Const::Str(_) | Const::Bytes(_) | Const::Tuple(_), O::Mult) => return repeat(int(&l)?, &r),
        // `safe_mod`: no `%`-formatting of strs or bytes.
        (Const::Str(_) | Const::Bytes(_) | Const::Tuple(_) | Const::None | Const::Ellipsis, _, _)
        | (_, Const::Str(_) | Const::Bytes(_) | Const::Tuple(_) | Const::None | Const::Ellipsis, _) => return None,
        (Const::Complex, _, _) | (_, Const::Complex, _) => return None,
        _ => {}
    }
    if let (Some(a), Some(b)) = (int(&l), int(&r)) {
        let both_bool = matches!((&l, &r), (Const::Bool(_), Const::Bool(_)));
        return match op {
            O::Add => a.checked_add(b).map(Const::Int),
            O::Sub => a.checked_sub(b).map(Const::Int),
            O::Mult => {
                if a != 0 && b != 0 && num_bits(a) + num_bits(b) > MAX_INT_SIZE {
                    return None;
                }
                a.checked_mul(b).map(Const::Int)
            }
            O::Div => (b != 0).then(|| Const::Float(a as f64 / b as f64)),
            // Python's floor division and modulo (the remainder has the divisor's sign).
            O::FloorDiv => {
                let (q, m) = (a.checked_div_euclid(b)?, a.checked_rem_euclid(b)?);
                q.checked_sub(i128::from(b < 0 && m != 0)).map(Const::Int)
            }
            O::Mod => {
                let m = a.checked_rem_euclid(b)?;
                Some(Const::Int(if b < 0 && m != 0 { m + b } else { m }))
            }
            O::Pow => {
                if b < 0 {
                    // `long_pow` hands a negative exponent to `float_pow`: ZeroDivisionError
                    // for 0, else a float.
                    return (a != 0).then(|| Const::Float((a as f64).powf(b as f64)));
                }
                if a == 0 || b == 0 {
                    return Some(Const::Int(i128::from(b == 0)));
                }
                if num_bits(a) > MAX_INT_SIZE / u32::try_from(b).unwrap_or(u32::MAX) {
                    return None;
                }
                a.checked_pow(u32::try_from(b).ok()?).map(Const::Int)
            }
            O::LShift => {
                if b < 0 {
                    return None;
                }
                if a == 0 || b == 0 {
                    return Some(Const::Int(a));
                }
                if b > i128::from(MAX_INT_SIZE) || num_bits(a) > MAX_INT_SIZE - b as u32 || b >= 127 {
                    return None;
                }
                a.checked_mul(1i128 << b).map(Const::Int)
            }
            O::RShift => (b >= 0).then(|| Const::Int(if b >= 127 { if a < 0 { -1 } else { 0 } } else { a >> b })),
            O::BitAnd if both_bool => Some(Const::Bool(a & b != 0)),
            O::BitOr if both_bool => Some(Const::Bool(a | b != 0)),
            O::BitXor if both_bool => Some(Const::Bool((a ^ b) != 0)),
            O::BitAnd => Some(Const::Int(a & b)),
            O::BitOr => Some(Const::Int(a | b)),
            O::BitXor => Some(Const::Int(a ^ b)),
            O::MatMult => None,
        };
    }
    // A float with a float or an int.
    let (a, b) = (real(&l)?, real(&r)?);
    match op {
        O::Add => Some(Const::Float(a + b)),
        O::Sub => Some(Const::Float(a - b)),
        O::Mult => Some(Const::Float(a * b)),
        // `float_div`: ZeroDivisionError for a zero divisor, else IEEE division.
        O::Div => (b != 0.0).then(|| Const::Float(a / b)),
        O::Mod | O::FloorDiv if b == 0.0 => None,
        O::Mod => Some(Const::Float(float_div_mod(a, b).1)),
        O::FloorDiv => Some(Const::Float(float_div_mod(a, b).0)),
        O::Pow => float_pow(a, b),
        O::LShift | O::RShift | O::BitAnd | O::BitOr | O::BitXor | O::MatMult => None,
    }
}

/// CPython's `_float_div_mod`: `(a // b, a % b)` for floats, `b` non-zero.
fn float_div_mod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

/// `float_pow` as far as whether it succeeds: ZeroDivisionError for a zero base and a negative
/// exponent, a complex result for a negative base and a fractional exponent, OverflowError when
/// finite operands give an infinite result.
fn float_pow(a: f64, b: f64) -> Option<Const> {
    if a == 0.0 && b < 0.0 {
        return None;
    }
    if a < 0.0 && b.is_finite() && b != b.floor() {
        return Some(Const::Complex);
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return None;
    }
    Some(Const::Float(r))
}

fn subscript(value: Const, index: Const) -> Option<Const> {
    let i = int(&index)?;
    let at = |len: usize| -> Option<usize> {
        let len = len as i128;
        let j = if i < 0 { i + len } else { i };
        (0..len).contains(&j).then_some(j as usize)
    };
    match value {
        Const::Str(s) => {
            let n = s.chars().count();
            s.chars().nth(at(n)?).map(|c| Const::Str(c.to_string()))
        }
        Const::Bytes(b) => b.get(at(b.len())?).map(|&x| Const::Int(i128::from(x))),
        Const::Tuple(t) => t.get(at(t.len())?).cloned(),
        Const::Int(_) | Const::Bool(_) | Const::Float(_) | Const::Complex | Const::None | Const::Ellipsis => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Const, folded};

    fn fold(src: &str) -> Option<Const> {
        let parsed = ruff_python_parser::parse_expression(src).expect("a valid expression");
        folded(parsed.expr())
    }

    /// What CPython 3.11 folds (checked against `ast.parse` + `compile` of each expression:
    /// a folded one is a `LOAD_CONST`).
    #[test]
    fn folds_as_cpython() {
        assert_eq!(fold("2**64"), Some(Const::Int(1 << 64)));
        assert_eq!(fold("10**20 + 1"), Some(Const::Int(100_000_000_000_000_000_001)));
        assert_eq!(fold("7 // -2"), Some(Const::Int(-4)));
        assert_eq!(fold("-7 // 2"), Some(Const::Int(-4)));
        assert_eq!(fold("-7 % 3"), Some(Const::Int(2)));
        assert_eq!(fold("7 % -3"), Some(Const::Int(-2)));
        assert_eq!(fold("1 << 70"), Some(Const::Int(1 << 70)));
        assert_eq!(fold("-(2**3) >> 1"), Some(Const::Int(-4)));
        assert_eq!(fold("~True"), Some(Const::Int(-2)));
        assert_eq!(fold("True | False"), Some(Const::Bool(true)));
        assert_eq!(fold("True + True"), Some(Const::Int(2)));
        assert_eq!(fold("not 0"), Some(Const::Bool(true)));
        assert_eq!(fold("2**-1"), Some(Const::Float(0.5)));
        assert_eq!(fold("6 / 4"), Some(Const::Float(1.5)));
        assert_eq!(fold("(1, 2, 3)[-1]"), Some(Const::Int(3)));
        assert_eq!(fold("'héllo'[1]"), Some(Const::Str("é".into())));
        assert_eq!(fold("b'ab'[0]"), Some(Const::Int(97)));
        assert_eq!(fold("'ab' * 3"), Some(Const::Str("ababab".into())));
        assert_eq!(fold("'' * -5"), Some(Const::Str(String::new())));
        assert_eq!(fold("2 * (1, 2)"), Some(Const::Tuple(vec![Const::Int(1), Const::Int(2), Const::Int(1), Const::Int(2)])));
        assert_eq!(fold("__debug__"), Some(Const::Bool(true)));
        assert_eq!(fold("0 ** 1000"), Some(Const::Int(0)));
        assert_eq!(fold("5 ** 0"), Some(Const::Int(1)));
        assert_eq!(fold("-1j"), Some(Const::Complex));
        assert_eq!(fold("1.5 % 1.0"), Some(Const::Float(0.5)));
        assert_eq!(fold("-7.5 // 2"), Some(Const::Float(-4.0)));
        assert_eq!(fold("7 % -2.5"), Some(Const::Float(-0.5)));
        assert_eq!(fold("(-8.0) ** 0.5"), Some(Const::Complex));
        assert_eq!(fold("2.0 ** 10"), Some(Const::Float(1024.0)));
    }

    /// What CPython 3.11 leaves to run time: errors and results past its size limits.
    #[test]
    fn leaves_what_cpython_leaves() {
        for src in ["2**64 * 2**64", "1 << 200", "2**128", "1 / 0", "1 // 0", "0 ** -1", "1 + 'a'", "'a' * 5000",
                    "(1,) * 300", "'a' * -1", "'%s' % 1", "(1, 2)[5]", "(1, 2)[1.0]", "x", "(1, x)", "-'a'", "~1.5",
                    "[1][0]", "1 < 2", "1 @ 2", "1.5 % 0.0", "1e300 ** 2.0", "0.0 ** -1", "1 << -1", "1 >> -1"] {
            assert_eq!(fold(src), None, "{src}");
        }
    }
}
