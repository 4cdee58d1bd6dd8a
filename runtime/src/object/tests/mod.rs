//! Unit tests of the object model, and the small expression language they share with python3.
//!
//! Relies on: python3 (CPython 3.11) for the cross-checks (`testutil::python`).
//!
//! Provides: [`eval_line`] — evaluates one line `op|a|b` with the object model and renders the
//! result as `type:repr` (or `!Kind: message`), checking that the line leaked no object — and
//! [`PY_EVAL`], the same evaluator in Python. Operands: `None`, `True`, `False`, `'text'`
//! (no `|`), floats (`1.5`, `1e+300`, `inf`, `nan`), and ints written `[-]D[^E][(+|-)K]`
//! meaning `-(D**E) ± K` (so `2^63` is 2**63 and `-2^62-1` is -2**62-1).
//!
//! Invariants: every object a line creates is released before the line's result is returned.

mod builtins;
mod bytes_methods;
mod calls;
mod classes;
mod dicts;
mod format;
mod gc;
mod generators;
mod layouts;
mod yield_from;
mod lists;
mod itertools;
mod modules;
mod model;
mod printf;
mod vectors;
mod random;
mod random_module;
mod seq;
mod str_methods;
mod table;

use std::string::{String, ToString};

use super::alloc::{HeapKind, stats};
use super::bigint::Big;
use super::{Obj, decref, dispatch, float, int, str};
use crate::exceptions::MoltResult;
use crate::{BinaryOp, CompareOp, UnaryOp};

/// Asserts that no object of any kind is live (this thread's).
pub(super) fn assert_all_freed() {
    for k in HeapKind::ALL {
        assert_eq!(stats(k).live, 0, "{} objects left", k.name());
    }
}

/// The evaluator on the Python side (reads lines on stdin, prints one result per line).
pub const PY_EVAL: &str = r#"
import sys, re, operator as o
def val(t):
    if t in ('None', 'True', 'False'): return eval(t)
    if t.startswith("'"): return t[1:-1]
    m = re.fullmatch(r'(-?)(\d+)(?:\^(\d+))?(?:([+-])(\d+)(?:\^(\d+))?)?', t)
    if not m: return float(t)
    v = int(m[2]) ** int(m[3] or 1)
    if m[1]: v = -v
    if m[4]:
        k = int(m[5]) ** int(m[6] or 1)
        v = v + k if m[4] == '+' else v - k
    return v
B = {'+': o.add, '-': o.sub, '*': o.mul, '/': o.truediv, '//': o.floordiv, '%': o.mod,
     '**': o.pow, '<<': o.lshift, '>>': o.rshift, '&': o.and_, '|': o.or_, '^': o.xor, 'or': o.or_,
     '<': o.lt, '<=': o.le, '==': o.eq, '!=': o.ne, '>': o.gt, '>=': o.ge}
U = {'neg': o.neg, 'pos': o.pos, 'inv': o.invert, 'abs': abs, 'int': int, 'float': float,
     'str': str, 'repr': repr, 'hash': hash, 'truth': bool}
out = []
for line in sys.stdin:
    parts = line.rstrip('\n').split('|')
    try:
        if parts[0] in U: r = U[parts[0]](val(parts[1]))
        else: r = B[parts[0]](val(parts[1]), val(parts[2]))
        if parts[0] in ('hash', 'truth', 'str', 'repr'): out.append(str(r))
        else: out.append(type(r).__name__ + ':' + repr(r))
    except Exception as e:
        out.append('!%s: %s' % (type(e).__name__, e))
print('\n'.join(out))
"#;

/// The object for an operand token (see the module doc).
pub fn operand(t: &str) -> Obj {
    match t {
        "None" => return super::singletons::none(),
        "True" => return super::singletons::bool_obj(true),
        "False" => return super::singletons::bool_obj(false),
        _ => {}
    }
    if let Some(text) = t.strip_prefix('\'') {
        return str::str_from_text(text.strip_suffix('\'').unwrap()).unwrap();
    }
    match int_token(t) {
        Some(b) => int::from_big(b).unwrap(),
        None => float::box_float(t.parse().unwrap()).unwrap(),
    }
}

/// The value of an int token `[-]D[^E][(+|-)K]`, or None for a float.
fn int_token(t: &str) -> Option<Big> {
    let (neg, rest) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t),
    };
    let split = rest.find(['+', '-']).unwrap_or(rest.len());
    let (power, adjust) = rest.split_at(split);
    let (d, e) = power.split_once('^').unwrap_or((power, "1"));
    let d = Big::parse_decimal(d.as_bytes())?;
    let mut v = d.pow(e.parse().ok()?);
    if neg {
        v = v.neg();
    }
    let power = |p: &str| -> Option<Big> {
        let (d, e) = p.split_once('^').unwrap_or((p, "1"));
        Some(Big::parse_decimal(d.as_bytes())?.pow(e.parse().ok()?))
    };
    if let Some(k) = adjust.strip_prefix('+') {
        v = v.add(&power(k)?);
    } else if let Some(k) = adjust.strip_prefix('-') {
        v = v.sub(&power(k)?);
    }
    Some(v)
}

/// `!Kind: message` for an error.
pub fn show_err<T>(r: MoltResult<T>, f: impl FnOnce(T) -> String) -> String {
    match r {
        Ok(v) => f(v),
        Err(e) => format!("!{}: {}", e.kind.name(), e.message),
    }
}

/// `type:repr` of a result object (which is released).
pub fn show_obj(r: MoltResult<Obj>) -> String {
    show_err(r, |o| {
        let s = show_err(dispatch::repr_of(o), |t| {
            format!("{}:{t}", o.type_of().name)
        });
        unsafe { decref(o) };
        s
    })
}

fn binary(op: &str) -> Option<Result<BinaryOp, CompareOp>> {
    Some(match op {
        "+" => Ok(BinaryOp::Add),
        "-" => Ok(BinaryOp::Sub),
        "*" => Ok(BinaryOp::Mul),
        "/" => Ok(BinaryOp::TrueDiv),
        "//" => Ok(BinaryOp::FloorDiv),
        "%" => Ok(BinaryOp::Mod),
        "**" => Ok(BinaryOp::Pow),
        "<<" => Ok(BinaryOp::LShift),
        ">>" => Ok(BinaryOp::RShift),
        "&" => Ok(BinaryOp::And),
        "or" => Ok(BinaryOp::Or),
        "^" => Ok(BinaryOp::Xor),
        "<" => Err(CompareOp::Lt),
        "<=" => Err(CompareOp::Le),
        "==" => Err(CompareOp::Eq),
        "!=" => Err(CompareOp::Ne),
        ">" => Err(CompareOp::Gt),
        ">=" => Err(CompareOp::Ge),
        _ => return None,
    })
}

fn live() -> Vec<i64> {
    HeapKind::ALL.iter().map(|&k| stats(k).live).collect()
}

/// Evaluates one line with the object model (see the module doc); panics if it leaks.
pub fn eval_line(line: &str) -> String {
    let before = live();
    let parts: Vec<&str> = line.split('|').collect();
    let a = operand(parts[1]);
    let out = match (parts[0], binary(parts[0])) {
        (_, Some(Ok(op))) => {
            let b = operand(parts[2]);
            let r = show_obj(dispatch::binary_op(op, a, b));
            unsafe { decref(b) };
            r
        }
        (_, Some(Err(op))) => {
            let b = operand(parts[2]);
            let r = show_obj(dispatch::rich_compare(op, a, b));
            unsafe { decref(b) };
            r
        }
        ("neg", None) => show_obj(dispatch::unary_op(UnaryOp::Neg, a)),
        ("pos", None) => show_obj(dispatch::unary_op(UnaryOp::Pos, a)),
        ("inv", None) => show_obj(dispatch::unary_op(UnaryOp::Invert, a)),
        ("abs", None) => show_obj(dispatch::unary_op(UnaryOp::Abs, a)),
        ("int", None) => show_obj(super::convert::to_int(a)),
        ("float", None) => show_obj(super::convert::to_float(a).and_then(float::box_float)),
        ("str", None) => show_err(dispatch::str_of(a), |s| s),
        ("repr", None) => show_err(dispatch::repr_of(a), |s| s),
        ("hash", None) => show_err(dispatch::hash(a), |h| h.to_string()),
        ("truth", None) => show_err(dispatch::truth(a), |t| {
            if t { "True" } else { "False" }.into()
        }),
        (op, None) => panic!("unknown op {op}"),
    };
    unsafe { decref(a) };
    assert_eq!(live(), before, "{line} leaked (live int, float, str)");
    out
}

/// Runs `lines` through python3's evaluator.
pub fn python_eval(lines: &[&str]) -> Vec<String> {
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let out = crate::testutil::python(PY_EVAL, &input);
    out.lines().map(String::from).collect()
}
