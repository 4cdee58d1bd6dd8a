//! `float(x)` and `int(x)` of any object.
//!
//! Relies on: `int_float` for int <-> float; Rust's `f64::from_str` for decimal text (correctly
//! rounded, and accepting the same grammar as CPython's `PyOS_string_to_double` once
//! underscores and surrounding whitespace are handled here); CPython 3.11's `PyNumber_Float`,
//! `PyFloat_FromString`, `_Py_string_to_number_with_underscores`, `PyNumber_Long` and
//! `PyLong_FromString`, `PyLong_FromUnicodeObject` as the references.
//!
//! Provides: [`to_float`], [`to_int`], [`parse_float`], [`parse_int`], [`parse_int_base`]
//! (`int(text, base)`), and the ABI functions
//! `molt_obj_to_float` and `molt_obj_to_int`.
//!
//! Invariants: results and error messages are CPython's (non-ASCII whitespace and decimal
//! digits are mapped to ASCII first, as CPython does, with its Unicode 14.0 digit table).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::bigint::Big;
use super::float::float_value;
use super::int::{self, MAX_STR_DIGITS, int_ref};
use super::int_float::{f64_to_int, int_to_f64};
use super::singletons::is_bool;
use super::str::{str_repr, str_text};
use super::{Obj, new_ref};
use crate::ExceptionKind::{TypeError, ValueError};
use crate::exceptions::{MoltResult, fail, value_or_raise};

/// The zero of every run of Unicode decimal digits (category Nd) beyond ASCII, Unicode 14.0
/// (CPython 3.11's database). Each run holds the digits 0 to 9 in order.
const DIGIT_ZEROS: [u32; 65] = [
    0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
    0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50,
    0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
    0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The value of a non-ASCII decimal digit (CPython's `Py_UNICODE_TODECIMAL`).
fn unicode_decimal(c: char) -> Option<u8> {
    let u = u32::from(c);
    let i = DIGIT_ZEROS.partition_point(|&z| z <= u).checked_sub(1)?;
    let d = u - DIGIT_ZEROS.get(i)?;
    if d < 10 { u8::try_from(d).ok() } else { None }
}

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: ASCII stays, other whitespace
/// becomes a space, other decimal digits their ASCII digit; anything else ends the text with
/// `?` (which no parser accepts).
fn transform(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if u32::from(c) < 127 {
            out.push(c);
        } else if c.is_whitespace() {
            out.push(' ');
        } else if let Some(d) = unicode_decimal(c) {
            out.push(char::from(b'0' + d));
        } else {
            out.push('?');
            break;
        }
    }
    out
}

/// The usual case of `int(text)` in base 10 (or 0) without the general parse: an optional
/// sign and 1 to 18 ASCII digits, nothing else (no whitespace, underscores or prefix; in base 0
/// no leading zero). None when the text is anything else.
fn short_decimal(s: &[u8], base: u32) -> Option<i64> {
    let (negative, digits) = match s.split_first()? {
        (b'-', rest) => (true, rest),
        (b'+', rest) => (false, rest),
        _ => (false, s),
    };
    if digits.is_empty() || digits.len() > 18 || !(base == 10 || base == 0) {
        return None;
    }
    if base == 0 && digits[0] == b'0' && digits.len() > 1 {
        return None;
    }
    let mut v: i64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(d - b'0');
    }
    Some(if negative { -v } else { v })
}

/// CPython's `Py_ISSPACE` (ASCII whitespace; the transform turned the rest into spaces).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}

/// `float(text)`.
pub fn parse_float(text: &str) -> MoltResult<f64> {
    let error = || {
        fail(
            ValueError,
            format!("could not convert string to float: {}", str_repr(text)),
        )
    };
    let ascii = transform(text);
    // Underscores only between digits (checked on the whole text, as CPython does).
    let mut cleaned = String::new();
    let body: &str = if ascii.contains('_') {
        let mut prev = '\0';
        for c in ascii.chars() {
            if c == '_' {
                if !prev.is_ascii_digit() {
                    return error();
                }
            } else {
                if prev == '_' && !c.is_ascii_digit() {
                    return error();
                }
                cleaned.push(c);
            }
            prev = c;
        }
        if prev == '_' {
            return error();
        }
        &cleaned
    } else {
        &ascii
    };
    let s = body.trim_matches(is_space);
    // Rust's grammar, minus what CPython refuses: hex digits never parse in either, and Rust
    // accepts nothing CPython does not, except that a leading `+`/`-` before `inf`/`nan` is the
    // same in both. Only ASCII reaches the parser.
    if s.is_empty() || !s.is_ascii() {
        return error();
    }
    match s.parse::<f64>() {
        Ok(v) => Ok(v),
        Err(_) => error(),
    }
}

/// `int(text)` in base 10.
pub fn parse_int(text: &str) -> MoltResult<Obj> {
    parse_int_base(text, 10)
}

/// `int(text, base)` (`PyLong_FromUnicodeObject` over `PyLong_FromString`): `base` is 0 (the
/// prefix decides: `0x`, `0o`, `0b`, else decimal, where a leading zero is only allowed in
/// zero) or 2 to 36 (the caller checks it), with an optional matching prefix; surrounding
/// whitespace, a sign, and single underscores between digits (one after a prefix) allowed.
/// ValueError "invalid literal for int() with base 16: 'xyz'" (the repr cut at 200 characters),
/// or CPython's limit of 4300 digits outside the power-of-two bases.
pub fn parse_int_base(text: &str, base: u32) -> MoltResult<Obj> {
    let error = || {
        let r: String = str_repr(text).chars().take(200).collect();
        fail(
            ValueError,
            format!("invalid literal for int() with base {base}: {r}"),
        )
    };
    if base == 1 || base > 36 {
        return fail(ValueError, "int() base must be >= 2 and <= 36, or 0");
    }
    if let Some(v) = short_decimal(text.as_bytes(), base) {
        return int::from_i64(v);
    }
    let ascii = transform(text);
    let s = ascii.as_bytes();
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < s.len() && is_space(char::from(s[i])) {
        i += 1;
    }
    let negative = match at(i) {
        b'+' => {
            i += 1;
            false
        }
        b'-' => {
            i += 1;
            true
        }
        _ => false,
    };
    let mut b = base;
    let mut error_if_nonzero = false;
    if b == 0 {
        b = match (at(i), at(i + 1)) {
            (b'0', b'x' | b'X') => 16,
            (b'0', b'o' | b'O') => 8,
            (b'0', b'b' | b'B') => 2,
            (b'0', _) => {
                // An "old" C-style octal literal: invalid unless it is zero.
                error_if_nonzero = true;
                10
            }
            _ => 10,
        };
    }
    if at(i) == b'0'
        && matches!(
            (b, at(i + 1)),
            (16, b'x' | b'X') | (8, b'o' | b'O') | (2, b'b' | b'B')
        )
    {
        i += 2;
        if at(i) == b'_' {
            i += 1;
        }
    }
    if at(i) == b'_' {
        return error();
    }
    // The digits, with single underscores between them.
    let start = i;
    let mut digits: Vec<u8> = Vec::new();
    let mut prev = 0u8;
    while i < s.len() {
        let c = s[i];
        if c == b'_' {
            if prev == b'_' {
                return error();
            }
        } else if char::from(c).is_digit(b) {
            digits.push(c.to_ascii_lowercase());
        } else {
            break;
        }
        prev = c;
        i += 1;
    }
    if prev == b'_' {
        return error();
    }
    if !b.is_power_of_two() && digits.len() > MAX_STR_DIGITS {
        return fail(
            ValueError,
            format!(
                "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
                digits.len()
            ),
        );
    }
    if i == start || digits.is_empty() {
        return error();
    }
    let value = if b == 10 {
        Big::parse_decimal(&digits)
    } else {
        Big::parse_radix(&digits, b)
    };
    let Some(value) = value else { return error() };
    if error_if_nonzero && !value.is_zero() {
        return error();
    }
    while i < s.len() && is_space(char::from(s[i])) {
        i += 1;
    }
    if i != s.len() {
        return error();
    }
    int::from_big(if negative { value.neg() } else { value })
}

/// `float(a)` (CPython's `PyNumber_Float`) as an f64.
pub fn to_float(a: Obj) -> MoltResult<f64> {
    if let Some(v) = float_value(a) {
        return Ok(v);
    }
    if let Some(i) = int_ref(a) {
        return int_to_f64(i);
    }
    if let Some(s) = str_text(a) {
        return parse_float(s);
    }
    if crate::object::class::is_heap(a.type_of())
        && let Some(h) = crate::object::types::heap_slots()
        && let Some(x) = (h.to_float)(a)?
    {
        return Ok(x);
    }
    fail(
        TypeError,
        format!(
            "float() argument must be a string or a real number, not '{}'",
            a.type_of().name
        ),
    )
}

/// `int(a)` (CPython's `PyNumber_Long`).
pub fn to_int(a: Obj) -> MoltResult<Obj> {
    if let Some(i) = int_ref(a) {
        return if is_bool(a) {
            int::from_i64(i.to_i64().unwrap_or(0))
        } else {
            Ok(new_ref(a))
        };
    }
    if let Some(v) = float_value(a) {
        return f64_to_int(v);
    }
    if let Some(s) = str_text(a) {
        return parse_int(s);
    }
    if crate::object::class::is_heap(a.type_of())
        && let Some(h) = crate::object::types::heap_slots()
        && let Some(i) = (h.to_int)(a)?
    {
        return Ok(i);
    }
    fail(
        TypeError,
        format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            a.type_of().name
        ),
    )
}

/// `float(a)` as an f64.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_to_float(a: Obj) -> f64 {
    value_or_raise(to_float(a))
}

/// `int(a)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_to_int(a: Obj) -> Obj {
    value_or_raise(to_int(a))
}
