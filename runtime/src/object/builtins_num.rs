//! The numeric builtins `round`, `divmod`, `ord`, `chr` and `id`.
//!
//! Relies on: `int` / `bigint` for ints of any size, `int_float` for int → float and float →
//! int conversions (CPython's messages), `numeric::float_divmod`, `call::c_int_arg` (Argument
//! Clinic's `int` converter), `range::number_index` (`PyNumber_Index`). Rust's `str::parse`
//! of a decimal string into an f64 is correctly rounded (as dtoa's `_Py_dg_strtod`). The
//! references are CPython 3.11's `builtin_round_impl`, `builtin_divmod_impl`, `builtin_ord`,
//! `builtin_chr_impl`, `builtin_id` (Python/bltinmodule.c), `float___round___impl` and
//! `double_round` (Objects/floatobject.c), `int___round___impl` and `_PyLong_DivmodNear`
//! (Objects/longobject.c).
//!
//! Provides: [`round`], [`divmod`], [`ord`], [`chr`], [`id`] and the ABI's `molt_round`,
//! `molt_divmod`, `molt_ord`, `molt_chr`, `molt_id`.
//!
//! Invariants: `round(float, n)` is CPython's `double_round`: the exact binary value of the
//! float scaled by 10**n, rounded half to even (what dtoa's mode 3 produces), read back as the
//! nearest double — computed here with exact big-int arithmetic instead of dtoa's digits, the
//! same value. `id()` is the object's address for heap and static objects (8-aligned, so
//! always a multiple of 8) and, for a small int (which has no address), the odd number
//! `(value << 1) | 1` taken as an unsigned 64-bit word: stable for a value, distinct for
//! distinct values, and never equal to an object's address. Differences from CPython:
//! `chr()` of a surrogate code point (U+D800..U+DFFF) raises NotImplementedError, since Molt's
//! strs are UTF-8 and cannot hold lone surrogates.

use alloc::format;
use alloc::string::String;

use super::bigint::Big;
use super::float::{box_float, float_value};
use super::int::{self, IntRef, int_ref};
use super::int_float::{f64_to_int, int_to_f64};
use super::range::{Owned, number_index};
use super::{Obj, new_ref, singletons, str, tuple};
use crate::BinaryOp;
use crate::ExceptionKind::{
    NotImplementedError, OverflowError, TypeError, ValueError, ZeroDivisionError,
};
use crate::exceptions::{MoltResult, fail, value_or_raise};

/// `pow(base, exp, mod=None)` (`builtin_pow_impl`): `base ** exp`, or with a modulus CPython's
/// `long_pow` of three ints.
pub fn pow(pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [base, exp, m] = super::call::unpack_args("pow", ["base", "exp", "mod"], 0, 2, 3, pos, kw)?;
    let (Some(base), Some(exp)) = (base, exp) else { return fail(TypeError, "pow() missing required argument 'base' (pos 1)") };
    let m = m.filter(|m| !singletons::is_none(*m));
    let Some(m) = m else { return super::dispatch::binary_op(BinaryOp::Pow, base, exp) };
    let (Some(a), Some(b), Some(c)) = (int_ref(base), int_ref(exp), int_ref(m)) else {
        let numeric = |o: Obj| int_ref(o).is_some() || float_value(o).is_some();
        if numeric(base) && numeric(exp) && numeric(m) {
            return fail(TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
        }
        return fail(
            TypeError,
            format!(
                "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
                base.type_of().name,
                exp.type_of().name,
                m.type_of().name
            ),
        );
    };
    if c.is_zero() {
        return fail(ValueError, "pow() 3rd argument cannot be 0");
    }
    let (a, b, c) = (to_big(a), to_big(b), to_big(c));
    let modulus = c.abs();
    if modulus.compare_i64(1) == core::cmp::Ordering::Equal {
        return int::from_i64(0);
    }
    let Some(z) = a.pow_mod(&b, &modulus, b.is_negative()) else {
        return fail(ValueError, "base is not invertible for the given modulus");
    };
    // A negative modulus gives a result in (modulus, 0].
    let z = if c.is_negative() && !z.is_zero() { z.sub(&modulus) } else { z };
    int::from_big(z)
}

/// `hex(x)`, `oct(x)`, `bin(x)` (`PyNumber_ToBase`): `x.__index__()` in base 16, 8 or 2 with
/// its prefix, the sign first.
pub fn to_base(x: Obj, base: u32) -> MoltResult<Obj> {
    let i = number_index(x)?;
    let Some(v) = int_ref(i.get()) else { return fail(TypeError, "__index__ returned non-int") };
    let prefix = match base {
        2 => "0b",
        8 => "0o",
        _ => "0x",
    };
    let mut digits = String::new();
    to_big(v).abs().write_radix(&mut digits, base);
    let sign = if v.is_negative() { "-" } else { "" };
    str::str_from_text(&format!("{sign}{prefix}{digits}"))
}

/// A `Big` copy of an int.
fn to_big(a: IntRef<'_>) -> Big {
    match a {
        IntRef::Small(v) => Big::from_i64(v),
        IntRef::Big(b) => b.clone(),
    }
}

/// `int(x)` of an int: itself, or the int value of a bool (`long_long`).
fn int_value(x: Obj, a: IntRef<'_>) -> MoltResult<Obj> {
    if singletons::is_bool(x) {
        int::from_i64(a.to_i64().unwrap_or(0))
    } else {
        Ok(new_ref(x))
    }
}

/// The nearest integer to `x` (finite or not), ties to even (`round(x)` before the int
/// conversion).
fn round_half_even(x: f64) -> f64 {
    // Beyond 2**52 every double is an integer (and NaN / inf stay as they are).
    if x.is_nan() || x.abs() >= 4_503_599_627_370_496.0 {
        return x;
    }
    let t = (x as i64) as f64; // truncation, exact here
    let frac = x - t; // exact
    let away = if frac.abs() > 0.5 {
        true
    } else if frac.abs() == 0.5 {
        (t as i64) % 2 != 0
    } else {
        false
    };
    let r = if away { t + frac.signum() } else { t };
    // Keep the sign of a zero result (round(-0.4) is -0.0 before the int conversion; the int
    // is 0 either way).
    if r == 0.0 { 0.0f64.copysign(x) } else { r }
}

/// `double_round(x, ndigits)` for a finite `x` and -308 <= ndigits <= 323: OverflowError
/// "rounded value too large to represent" when the result overflows.
fn double_round(x: f64, ndigits: i64) -> MoltResult<f64> {
    if x == 0.0 {
        return Ok(x);
    }
    let bits = x.abs().to_bits();
    let biased = (bits >> 52) & 0x7ff;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 {
        (frac, -1074i64)
    } else {
        (frac | (1 << 52), biased as i64 - 1075)
    };
    // |x| * 10**ndigits = num / den exactly.
    let mut num = Big::from_u64(m);
    let mut den = Big::one();
    if e >= 0 {
        num = num.shl(e.unsigned_abs());
    } else {
        den = den.shl(e.unsigned_abs());
    }
    let scale = Big::from_i64(10).pow(ndigits.unsigned_abs());
    if ndigits >= 0 {
        num = num.mul(&scale);
    } else {
        den = den.mul(&scale);
    }
    let (mut q, r) = num.div_mod_floor(&den);
    let twice = r.shl(1);
    let c = twice.compare(&den);
    if c == core::cmp::Ordering::Greater || (c == core::cmp::Ordering::Equal && q.is_odd()) {
        q = q.add(&Big::one());
    }
    let text = format!("{}e{}", q.to_decimal(), -ndigits);
    let rounded: f64 = text.parse().unwrap_or(f64::INFINITY);
    if rounded.is_infinite() {
        return fail(OverflowError, "rounded value too large to represent");
    }
    Ok(if x < 0.0 { -rounded } else { rounded })
}

/// `PyNumber_AsSsize_t(o, NULL)`: the index, clamped to the i64 range.
pub(crate) fn clamped_index(o: Obj) -> MoltResult<i64> {
    let i = number_index(o)?;
    Ok(match int_ref(i.get()) {
        Some(r) => r
            .to_i64()
            .unwrap_or(if r.is_negative() { i64::MIN } else { i64::MAX }),
        None => 0,
    })
}

/// `round(x)` (`ndigits` None) / `round(x, ndigits)`: `float.__round__` (an int without
/// ndigits, else a float), `int.__round__` (an int), else TypeError "type str doesn't define
/// __round__ method".
pub fn round(x: Obj, ndigits: Option<Obj>) -> MoltResult<Obj> {
    let ndigits = ndigits.filter(|&n| !singletons::is_none(n));
    if let Some(v) = float_value(x) {
        let Some(nd) = ndigits else {
            return f64_to_int(round_half_even(v));
        };
        let n = clamped_index(nd)?;
        if !v.is_finite() || n > 323 {
            return box_float(v);
        }
        if n < -308 {
            return box_float(0.0 * v);
        }
        return box_float(double_round(v, n)?);
    }
    if let Some(a) = int_ref(x) {
        let Some(nd) = ndigits else {
            return int_value(x, a);
        };
        let nd = number_index(nd)?;
        let n = int_ref(nd.get()).unwrap_or(IntRef::Small(0));
        if !n.is_negative() {
            return int_value(x, a);
        }
        // self - divmod_near(self, 10 ** -ndigits)[1]
        let k = Owned(int::int_unary(crate::UnaryOp::Neg, nd.get())?);
        let p = Owned(int::int_binary(
            BinaryOp::Pow,
            IntRef::Small(10),
            int_ref(k.get()).unwrap_or(IntRef::Small(0)),
        )?);
        let b = to_big(int_ref(p.get()).unwrap_or(IntRef::Small(1)));
        let av = to_big(a);
        let (q, mut r) = av.div_mod_floor(&b);
        let c = r.shl(1).compare(&b);
        if c == core::cmp::Ordering::Greater || (c == core::cmp::Ordering::Equal && q.is_odd()) {
            r = r.sub(&b);
        }
        return int::from_big(av.sub(&r));
    }
    // `builtin_round_impl`: the class's `__round__()` / `__round__(ndigits)` (through the heap
    // classes' hooks: a program without classes links no dunder lookup here).
    if let Some(h) = super::types::heap_slots()
        && super::class::is_heap(x.type_of())
    {
        let args: &[Obj] = match &ndigits {
            Some(n) => core::slice::from_ref(n),
            None => &[],
        };
        if let Some(r) = (h.call_dunder)(x, "__round__", args)? {
            return Ok(r);
        }
    }
    fail(
        TypeError,
        format!("type {} doesn't define __round__ method", x.type_of().name),
    )
}

/// `divmod(a, b)` (`PyNumber_Divmod` over int's and float's `nb_divmod`): a tuple;
/// ZeroDivisionError "integer division or modulo by zero" / "float divmod()"; TypeError
/// "unsupported operand type(s) for divmod(): 'str' and 'int'".
pub fn divmod(a: Obj, b: Obj) -> MoltResult<Obj> {
    if let (Some(x), Some(y)) = (int_ref(a), int_ref(b)) {
        if y.is_zero() {
            return fail(ZeroDivisionError, int::DIV_ZERO_MSG);
        }
        let q = Owned(int::int_binary(BinaryOp::FloorDiv, x, y)?);
        let r = Owned(int::int_binary(BinaryOp::Mod, x, y)?);
        return tuple::tuple_from_vec(alloc::vec![q.release(), r.release()]);
    }
    let as_float = |o: Obj| -> MoltResult<Option<f64>> {
        if let Some(v) = float_value(o) {
            return Ok(Some(v));
        }
        match int_ref(o) {
            Some(i) => int_to_f64(i).map(Some),
            None => Ok(None),
        }
    };
    let is_float = |o: Obj| float_value(o).is_some();
    if (is_float(a) || is_float(b))
        && (is_float(a) || int::is_int(a))
        && (is_float(b) || int::is_int(b))
    {
        let (Some(x), Some(y)) = (as_float(a)?, as_float(b)?) else {
            return fail(TypeError, "divmod: not numbers");
        };
        let (q, r) = crate::numeric::float_divmod(x, y)?;
        let q = Owned(box_float(q)?);
        let r = Owned(box_float(r)?);
        return tuple::tuple_from_vec(alloc::vec![q.release(), r.release()]);
    }
    fail(
        TypeError,
        format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            a.type_of().name,
            b.type_of().name
        ),
    )
}

/// `ord(c)`: the code point of a one-character str.
pub fn ord(c: Obj) -> MoltResult<Obj> {
    let Some(text) = str::str_text(c) else {
        return fail(
            TypeError,
            format!(
                "ord() expected string of length 1, but {} found",
                c.type_of().name
            ),
        );
    };
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(ch), None) => int::from_i64(i64::from(u32::from(ch))),
        _ => fail(
            TypeError,
            format!(
                "ord() expected a character, but string of length {} found",
                str::str_chars(c)
            ),
        ),
    }
}

/// `chr(i)`: ValueError "chr() arg not in range(0x110000)"; the `int` converter's TypeError and
/// OverflowError; NotImplementedError for a surrogate (see the module doc).
pub fn chr(i: Obj) -> MoltResult<Obj> {
    let v = super::call::c_int_arg(i)?;
    if !(0..0x11_0000).contains(&v) {
        return fail(ValueError, "chr() arg not in range(0x110000)");
    }
    match char::from_u32(v.unsigned_abs()) {
        Some(c) => str::char_str(c),
        None => fail(
            NotImplementedError,
            format!("chr() of a surrogate ({v:#x}) is not supported by Molt (strs are UTF-8)"),
        ),
    }
}

/// `id(a)` (see the module doc for small ints).
pub fn id(a: Obj) -> MoltResult<Obj> {
    match a.header_ptr() {
        Some(h) => int::from_i128(h as usize as i128),
        None => int::from_i128(i128::from(a.raw() | 1)),
    }
}

// --- the C ABI ---

/// `round(x)` / `round(x, ndigits)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_round(x: Obj, ndigits: Obj, has_ndigits: bool) -> Obj {
    value_or_raise(round(x, has_ndigits.then_some(ndigits)))
}

/// `divmod(a, b)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_divmod(a: Obj, b: Obj) -> Obj {
    value_or_raise(divmod(a, b))
}

/// `ord(c)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_ord(c: Obj) -> Obj {
    value_or_raise(ord(c))
}

/// `chr(i)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_chr(i: Obj) -> Obj {
    value_or_raise(chr(i))
}

/// `id(a)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_id(a: Obj) -> Obj {
    value_or_raise(id(a))
}
