//! The methods of `int` and `float`: `bit_length`, `bit_count`, `to_bytes`, `from_bytes`,
//! `as_integer_ratio`, `conjugate`; `is_integer`, `as_integer_ratio`, `hex`, `fromhex`,
//! `conjugate`.
//!
//! Relies on: `int` / `bigint` for the values; `bytes` for `to_bytes`' results and
//! `from_bytes`' argument (`bytes(x)` for what is not bytes); `call` for the argument checks;
//! `sys::libm` for `frexp`. The references are CPython 3.11's `Objects/longobject.c`
//! (`int_bit_length_impl`, `int_bit_count_impl`, `int_to_bytes_impl`, `int_from_bytes_impl`,
//! `int_as_integer_ratio_impl`), `Objects/floatobject.c` (`float_is_integer_impl`,
//! `float_as_integer_ratio_impl`, `float_hex_impl`) and their clinic files for the argument
//! errors.
//!
//! Provides: `molt_enable_number_methods` (makes them callable: `<module>` calls it in programs
//! that call a method of one of these names, so that the others link none of this), the two
//! types' [`INT_ENABLED`] / [`FLOAT_ENABLED`] tables and [`from_bytes_value`] (`int.from_bytes`
//! read from the class).
//!
//! Invariants: each method returns a new reference; a bool receiver is its int (`True.conjugate()`
//! is `1`); `from_bytes` builds an int of the class `int` whatever the receiver.

use alloc::format;
use alloc::string::String;

use super::bigint::Big;
use super::call::{no_args, unpack_args};
use super::int::{self, IntRef};
use super::range::Owned;
use super::types::{EnabledMethods, MethodDef};
use super::{Obj, bytes, dispatch, float, tuple};
use crate::ExceptionKind::{OverflowError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail, value_or_raise};
use crate::sys::libm;

type Kw<'a, 'b> = &'a [(&'b str, Obj)];

/// The methods of `int` enabled at run time.
pub static INT_ENABLED: EnabledMethods = EnabledMethods::new();
/// The methods of `float` enabled at run time.
pub static FLOAT_ENABLED: EnabledMethods = EnabledMethods::new();

/// The int value of a receiver (an int or a bool).
fn int_of<'a>(v: Obj) -> MoltResult<IntRef<'a>> {
    match int::int_ref(v) {
        Some(r) => Ok(r),
        None => fail(TypeError, format!("descriptor requires an 'int' object but received a '{}'", v.type_of().name)),
    }
}

/// The float value of a receiver.
fn float_of(v: Obj) -> MoltResult<f64> {
    match float::float_value(v) {
        Some(x) => Ok(x),
        None => fail(TypeError, format!("descriptor requires a 'float' object but received a '{}'", v.type_of().name)),
    }
}

/// The int itself as an int (a bool's value as an int).
fn as_int(r: IntRef<'_>) -> MoltResult<Obj> {
    match r {
        IntRef::Small(v) => int::from_i64(v),
        IntRef::Big(b) => int::from_big(b.clone()),
    }
}

/// The value as a [`Big`].
fn big_of(r: IntRef<'_>) -> Big {
    match r {
        IntRef::Small(v) => Big::from_i64(v),
        IntRef::Big(b) => b.clone(),
    }
}

/// `int.bit_length()`.
fn bit_length(v: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(v, "bit_length", pos, kw)?;
    int::from_i64(int_of(v)?.bit_length() as i64)
}

/// `int.bit_count()`: the ones of the absolute value.
fn bit_count(v: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(v, "bit_count", pos, kw)?;
    let n = match int_of(v)? {
        IntRef::Small(x) => u64::from(x.unsigned_abs().count_ones()),
        IntRef::Big(b) => b.magnitude_le_bytes().iter().map(|c| u64::from(c.count_ones())).sum(),
    };
    int::from_i64(n as i64)
}

/// `int.as_integer_ratio()`: `(int(self), 1)`.
fn int_as_integer_ratio(v: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(v, "as_integer_ratio", pos, kw)?;
    let n = as_int(int_of(v)?)?;
    tuple::tuple_from_vec(alloc::vec![n, int::from_i64(1)?])
}

/// `int.conjugate()`: `int(self)`.
fn int_conjugate(v: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(v, "conjugate", pos, kw)?;
    as_int(int_of(v)?)
}

/// The byte order argument: true for little-endian; CPython's TypeError and ValueError.
fn byteorder(fname: &str, o: Option<Obj>) -> MoltResult<bool> {
    let Some(o) = o else { return Ok(false) };
    match super::str::str_text(o) {
        Some("little") => Ok(true),
        Some("big") => Ok(false),
        Some(_) => fail(ValueError, "byteorder must be either 'little' or 'big'"),
        None => fail(TypeError, format!("{fname}() argument 'byteorder' must be str, not {}", o.type_of().name)),
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn to_bytes(v: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let [length, order, signed] = unpack_args("to_bytes", ["length", "byteorder", "signed"], 0, 0, 2, pos, kw)?;
    let length = match length {
        None => 1,
        Some(l) => match dispatch::as_index(l, OverflowError)? {
            Some(n) => n,
            None => return fail(TypeError, format!("'{}' object cannot be interpreted as an integer", l.type_of().name)),
        },
    };
    let little = byteorder("to_bytes", order)?;
    let signed = match signed {
        Some(s) => dispatch::truth(s)?,
        None => false,
    };
    if length < 0 {
        return fail(ValueError, "length argument must be non-negative");
    }
    let value = big_of(int_of(v)?);
    if value.is_negative() && !signed {
        return fail(OverflowError, "can't convert negative int to unsigned");
    }
    // The bits the value needs: its magnitude's, or (for a signed value) those of
    // `v` / `-v - 1` plus the sign bit.
    let needed = if !signed {
        value.bit_length()
    } else if value.is_negative() {
        value.add(&Big::from_i64(1)).neg().bit_length() + 1
    } else {
        value.bit_length() + 1
    };
    let len = length as u64;
    if needed > len.saturating_mul(8) {
        return fail(OverflowError, "int too big to convert");
    }
    // Two's complement of a negative value: `v + 2**(8 * length)`.
    let unsigned = if value.is_negative() { value.add(&Big::from_i64(1).shl(len * 8)) } else { value };
    let mut out = unsigned.magnitude_le_bytes();
    out.resize(length as usize, 0);
    if !little {
        out.reverse();
    }
    bytes::bytes_from_vec(out)
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)` (a classmethod: the receiver is
/// the class or an instance, unused).
fn from_bytes(_recv: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let [data, order, signed] = unpack_args("from_bytes", ["bytes", "byteorder", "signed"], 0, 1, 2, pos, kw)?;
    let little = byteorder("from_bytes", order)?;
    let signed = match signed {
        Some(s) => dispatch::truth(s)?,
        None => false,
    };
    let Some(data) = data else {
        return fail(TypeError, "from_bytes() missing required argument 'bytes' (pos 1)");
    };
    let owned = Owned(bytes::object_bytes(data)?);
    let raw = bytes::bytes_data(owned.get()).unwrap_or(&[]);
    let mut value = if little { Big::from_le_bytes(raw) } else { Big::from_be_bytes(raw) };
    let negative = signed && (if little { raw.last() } else { raw.first() }).is_some_and(|&b| b & 0x80 != 0);
    if negative {
        value = value.sub(&Big::from_i64(1).shl(raw.len() as u64 * 8));
    }
    int::from_big(value)
}

static FROM_BYTES: MethodDef = MethodDef { name: "from_bytes", call: from_bytes };

/// `int.from_bytes` read from the class: the method bound to the class (a classmethod).
pub fn from_bytes_value() -> Obj {
    value_or_raise(super::descr::builtin_method(Obj::from_static(&int::molt_type_int), &FROM_BYTES))
}

/// `float.is_integer()`.
fn is_integer(v: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(v, "is_integer", pos, kw)?;
    let x = float_of(v)?;
    Ok(super::singletons::bool_obj(x.is_finite() && libm::floor(x) == x))
}

/// `float.conjugate()`: the float itself.
fn float_conjugate(v: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(v, "conjugate", pos, kw)?;
    float::box_float(float_of(v)?)
}

/// `float.as_integer_ratio()`: the exact ratio in lowest terms (`float_as_integer_ratio_impl`).
fn float_as_integer_ratio(v: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(v, "as_integer_ratio", pos, kw)?;
    let x = float_of(v)?;
    if x.is_infinite() {
        return fail(OverflowError, "cannot convert Infinity to integer ratio");
    }
    if x.is_nan() {
        return fail(ValueError, "cannot convert NaN to integer ratio");
    }
    let (mut part, mut exponent) = libm::frexp_pair(x);
    let mut i = 0;
    while i < 300 && part != libm::floor(part) {
        part *= 2.0;
        exponent -= 1;
        i += 1;
    }
    // `part` is an integer of at most 53 bits now.
    let numerator = Big::from_i64(part as i64);
    let (numerator, denominator) = if exponent > 0 {
        (numerator.shl(exponent as u64), Big::from_i64(1))
    } else {
        (numerator, Big::from_i64(1).shl(u64::from(exponent.unsigned_abs())))
    };
    let n = Owned(int::from_big(numerator)?);
    let d = Owned(int::from_big(denominator)?);
    tuple::tuple_from_vec(alloc::vec![n.release(), d.release()])
}

/// `float.hex()` (`float_hex_impl`): `0x1.8000000000000p+0`; `repr` for inf and nan.
fn float_hex(v: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(v, "hex", pos, kw)?;
    let x = float_of(v)?;
    let text = hex_text(x);
    match text {
        Some(t) => super::str::str_from_text(&t),
        None => dispatch::repr_object(v),
    }
}

/// The hex form of a finite `x` (None for inf and nan).
fn hex_text(x: f64) -> Option<String> {
    const DBL_MIN_EXP: i32 = -1021;
    const DIGITS: usize = 13; // (TOHEX_NBITS - 1) / 4, TOHEX_NBITS = 53
    if !x.is_finite() {
        return None;
    }
    if x == 0.0 {
        return Some(String::from(if x.is_sign_negative() { "-0x0.0p+0" } else { "0x0.0p+0" }));
    }
    let (m, e) = libm::frexp_pair(libm::fabs(x));
    let shift = 1 - (DBL_MIN_EXP - e).max(0);
    let mut m = libm::ldexp(m, shift);
    let e = e - shift;
    let hex = |d: f64| char::from_digit(d as u32, 16).unwrap_or('0');
    let mut s = String::new();
    s.push(hex(m));
    m -= libm::floor(m);
    s.push('.');
    for _ in 0..DIGITS {
        m *= 16.0;
        s.push(hex(m));
        m -= libm::floor(m);
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let esign = if e < 0 { '-' } else { '+' };
    Some(format!("{sign}0x{s}p{esign}{}", e.unsigned_abs()))
}

/// `float.fromhex(string)` (`float_fromhex`; a classmethod: the receiver is not used).
fn fromhex(_recv: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let s = super::call::exactly_one_for("float.fromhex", pos, kw)?;
    let Some(text) = super::str::str_text(s) else {
        return fail(TypeError, "bad argument type for built-in operation");
    };
    float::box_float(parse_hex(text.as_bytes())?)
}

/// The value of a hexadecimal float string, rounded half-even as `float_fromhex` rounds.
fn parse_hex(b: &[u8]) -> MoltResult<f64> {
    const DBL_MIN_EXP: i64 = -1021;
    const DBL_MANT_DIG: i64 = 53;
    const DBL_MAX_EXP: i64 = 1024;
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let hex = |c: u8| char::from(c).to_digit(16).map(|d| d as i64);
    let parse_error = || fail(ValueError, "invalid hexadecimal floating-point string");
    let overflow = || fail(OverflowError, "hexadecimal value too large to represent as a float");
    let mut s = 0;
    while is_space(at(s)) {
        s += 1;
    }
    let finish = |x: f64, mut s: usize, negate: bool| -> MoltResult<f64> {
        while is_space(at(s)) {
            s += 1;
        }
        if s != b.len() {
            return parse_error();
        }
        Ok(if negate { -x } else { x })
    };
    // Infinities and nans (`_Py_parse_inf_or_nan`).
    {
        let mut p = s;
        let neg = at(p) == b'-';
        if matches!(at(p), b'-' | b'+') {
            p += 1;
        }
        let word = |p: usize, w: &[u8]| b.len() >= p + w.len() && b[p..p + w.len()].eq_ignore_ascii_case(w);
        if word(p, b"inf") {
            p += 3;
            if word(p, b"inity") {
                p += 5;
            }
            return finish(if neg { f64::NEG_INFINITY } else { f64::INFINITY }, p, false);
        }
        if word(p, b"nan") {
            return finish(if neg { -f64::NAN } else { f64::NAN }, p + 3, false);
        }
    }
    let mut negate = false;
    if at(s) == b'-' {
        s += 1;
        negate = true;
    } else if at(s) == b'+' {
        s += 1;
    }
    if at(s) == b'0' && matches!(at(s + 1), b'x' | b'X') {
        s += 2;
    }
    let coeff_start = s;
    while hex(at(s)).is_some() {
        s += 1;
    }
    let point = s;
    let coeff_end = if at(s) == b'.' {
        s += 1;
        while hex(at(s)).is_some() {
            s += 1;
        }
        s - 1
    } else {
        s
    };
    let mut ndigits = (coeff_end - coeff_start) as i64;
    let fdigits = (coeff_end - point) as i64;
    if ndigits == 0 {
        return parse_error();
    }
    if ndigits > (DBL_MIN_EXP - DBL_MANT_DIG - i64::MIN / 2).min(i64::MAX / 2 + 1 - DBL_MAX_EXP) / 4 {
        return fail(ValueError, "hexadecimal string too long to convert");
    }
    let mut exp: i64 = 0;
    if matches!(at(s), b'p' | b'P') {
        s += 1;
        let exp_start = s;
        if matches!(at(s), b'-' | b'+') {
            s += 1;
        }
        if !at(s).is_ascii_digit() {
            return parse_error();
        }
        while at(s).is_ascii_digit() {
            s += 1;
        }
        // `strtol`: saturating.
        let neg = at(exp_start) == b'-';
        let digits = &b[if matches!(at(exp_start), b'-' | b'+') { exp_start + 1 } else { exp_start }..s];
        let mut v: i64 = 0;
        for &d in digits {
            v = v.saturating_mul(10).saturating_add(i64::from(d - b'0'));
        }
        exp = if neg { v.saturating_neg().max(i64::MIN) } else { v };
    }
    let digit = |j: i64| -> i64 {
        let idx = if j < fdigits { coeff_end as i64 - j } else { coeff_end as i64 - 1 - j };
        usize::try_from(idx).ok().and_then(|i| hex(at(i))).unwrap_or(0)
    };
    while ndigits > 0 && digit(ndigits - 1) == 0 {
        ndigits -= 1;
    }
    if ndigits == 0 || exp < i64::MIN / 2 {
        return finish(0.0, s, negate);
    }
    if exp > i64::MAX / 2 {
        return overflow();
    }
    exp -= 4 * fdigits;
    let mut top_exp = exp + 4 * (ndigits - 1);
    let mut d = digit(ndigits - 1);
    while d != 0 {
        top_exp += 1;
        d /= 2;
    }
    if top_exp < DBL_MIN_EXP - DBL_MANT_DIG {
        return finish(0.0, s, negate);
    }
    if top_exp > DBL_MAX_EXP {
        return overflow();
    }
    let lsb = top_exp.max(DBL_MIN_EXP) - DBL_MANT_DIG;
    let mut x = 0.0f64;
    if exp >= lsb {
        for i in (0..ndigits).rev() {
            x = 16.0 * x + digit(i) as f64;
        }
        return finish(libm::ldexp(x, exp as i32), s, negate);
    }
    let half_eps = 1i64 << ((lsb - exp - 1) % 4);
    let key_digit = (lsb - exp - 1) / 4;
    for i in ((key_digit + 1)..ndigits).rev() {
        x = 16.0 * x + digit(i) as f64;
    }
    let kd = digit(key_digit);
    x = 16.0 * x + (kd & (16 - 2 * half_eps)) as f64;
    if kd & half_eps != 0 {
        let round_up = kd & (3 * half_eps - 1) != 0
            || (half_eps == 8 && key_digit + 1 < ndigits && digit(key_digit + 1) & 1 != 0)
            || (0..key_digit).any(|i| digit(i) != 0);
        if round_up {
            x += (2 * half_eps) as f64;
            if top_exp == DBL_MAX_EXP && x == libm::ldexp((2 * half_eps) as f64, DBL_MANT_DIG as i32) {
                return overflow();
            }
        }
    }
    finish(libm::ldexp(x, (exp + 4 * key_digit) as i32), s, negate)
}

const INT_METHODS: &[MethodDef] = &[
    MethodDef { name: "bit_length", call: bit_length },
    MethodDef { name: "bit_count", call: bit_count },
    MethodDef { name: "to_bytes", call: to_bytes },
    MethodDef { name: "from_bytes", call: from_bytes },
    MethodDef { name: "as_integer_ratio", call: int_as_integer_ratio },
    MethodDef { name: "conjugate", call: int_conjugate },
];

const FLOAT_METHODS: &[MethodDef] = &[
    MethodDef { name: "is_integer", call: is_integer },
    MethodDef { name: "as_integer_ratio", call: float_as_integer_ratio },
    MethodDef { name: "hex", call: float_hex },
    MethodDef { name: "fromhex", call: fromhex },
    MethodDef { name: "conjugate", call: float_conjugate },
];

static FROMHEX: MethodDef = MethodDef { name: "fromhex", call: fromhex };

/// `float.fromhex` read from the class: the method bound to the class (a classmethod).
fn fromhex_value() -> Obj {
    value_or_raise(super::descr::builtin_method(Obj::from_static(&float::molt_type_float), &FROMHEX))
}

/// What `float.fromhex` read from the class gives, once enabled (as `FROM_BYTES_HOOK`).
static FROMHEX_HOOK: crate::sys::Global<Option<fn() -> Obj>> = crate::sys::Global::new(None);

/// `float.fromhex` read from the class (`float`'s class function): through the hook.
pub fn fromhex_class_value() -> Obj {
    match core::hint::black_box(FROMHEX_HOOK.with(|h| *h)) {
        Some(f) => f(),
        None => value_or_raise(fail(crate::ExceptionKind::RuntimeError, "float.fromhex reached without molt_enable_number_methods (a compiler bug)")),
    }
}

/// What `int.from_bytes` read from the class gives, once enabled (the class attribute of
/// `int`, reached through this hook so that `int`'s type object names none of this).
static FROM_BYTES_HOOK: crate::sys::Global<Option<fn() -> Obj>> = crate::sys::Global::new(None);

/// `int.from_bytes` read from the class (`int`'s class function): through the hook.
pub fn from_bytes_class_value() -> Obj {
    match core::hint::black_box(FROM_BYTES_HOOK.with(|h| *h)) {
        Some(f) => f(),
        None => value_or_raise(fail(crate::ExceptionKind::RuntimeError, "int.from_bytes reached without molt_enable_number_methods (a compiler bug)")),
    }
}

/// Makes the methods of int and float callable.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_number_methods() {
    INT_ENABLED.enable(0, INT_METHODS);
    FLOAT_ENABLED.enable(0, FLOAT_METHODS);
    FROM_BYTES_HOOK.with(|h| *h = Some(from_bytes_value));
    FROMHEX_HOOK.with(|h| *h = Some(fromhex_value));
}

#[cfg(test)]
mod tests {
    use super::hex_text;

    #[test]
    fn hex_matches_python() {
        // python3: (1.5).hex(), (-0.1).hex(), (5e-324).hex(), (1e300).hex(), (-0.0).hex()
        assert_eq!(hex_text(1.5).as_deref(), Some("0x1.8000000000000p+0"));
        assert_eq!(hex_text(-0.1).as_deref(), Some("-0x1.999999999999ap-4"));
        assert_eq!(hex_text(5e-324).as_deref(), Some("0x0.0000000000001p-1022"));
        assert_eq!(hex_text(1e300).as_deref(), Some("0x1.7e43c8800759cp+996"));
        assert_eq!(hex_text(-0.0).as_deref(), Some("-0x0.0p+0"));
        assert_eq!(hex_text(f64::INFINITY), None);
    }
}
