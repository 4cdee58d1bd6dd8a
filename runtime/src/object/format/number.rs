//! The layout of a formatted number — padding, sign, prefix, grouped digits, decimal point,
//! remainder — and the formatting of ints, as CPython 3.11's `calc_number_widths`,
//! `fill_number`, `_PyUnicode_InsertThousandsGrouping` and `format_long_internal`
//! (Python/formatter_unicode.c, Objects/unicodeobject.c) do.
//!
//! Relies on: `spec::Spec` (a parsed spec); `int::int_to_decimal` (CPython's 4300-digit limit)
//! and `bigint::Big::write_radix` for the digits of a big int; `buf` (`Cursor`, `write_u64`);
//! `sink` (where the text goes: a new str object whose bytes are written in place, or a str
//! builder).
//!
//! Provides: [`Parts`] (a number's text, split), [`layout`] / [`write_layout`] (its sizes and
//! its text under a spec), [`render`] (as a `String`) and [`render_obj`] (straight into a
//! sink: a new str object or a str builder); [`format_int`] (`int.__format__` for the integer presentation types
//! `b c d o x X n`, as a `String`), [`format_int_obj`] (the same, into a sink) and
//! [`int_str_obj`] (`str()` of an int, into a sink).
//!
//! Invariants: the output's length (bytes and characters) is computed first, in checked
//! arithmetic, and allocated (MemoryError when it cannot be, as CPython's
//! `_PyUnicodeWriter_Prepare` raises for absurd widths) before anything is written, so a huge
//! width never aborts; [`write_layout`] then writes exactly that many bytes (anything else is
//! an internal invariant failure). The grouped length is computed in closed form, never by a
//! loop over the width. The digits of an int that fits an `i64` are made on the stack (no
//! intermediate text); a big int's come from `int_to_decimal` / `radix_text`. The locale of
//! type `n` is the C locale (no grouping, `.`), which is what CPython uses unless a program
//! calls `locale.setlocale`.

use alloc::format;
use alloc::string::String;

use super::buf::{Cursor, write_u64};
use super::sink::Sink;
use super::spec::{Grouping, Spec};
use crate::ExceptionKind::{NotImplementedError, OverflowError, ValueError};
use crate::exceptions::{MoltResult, fail};
use crate::object::alloc::memory_error;
use crate::object::int::{IntRef, int_to_decimal};

/// A number's text as `calc_number_widths` sees it: `[-]<prefix><digits>[.<remainder>]`, or
/// `<remainder>` alone (no digits) for `c`, `inf` and `nan`.
pub struct Parts<'a> {
    pub negative: bool,
    /// `0x`, `0X`, `0o`, `0b` or empty.
    pub prefix: &'a str,
    /// ASCII digits to group (may be empty).
    pub digits: &'a str,
    /// Whether a decimal point follows the digits.
    pub has_decimal: bool,
    /// What follows the decimal point (or the digits): fraction, exponent, `%`, or the text
    /// of `c` / `inf` / `nan`.
    pub remainder: &'a str,
}

/// Adds sizes, MemoryError on overflow (CPython's writer: "if (pos > PY_SSIZE_T_MAX - length)
/// PyErr_NoMemory()").
fn add(a: usize, b: usize) -> MoltResult<usize> {
    match a.checked_add(b).filter(|&n| n <= isize::MAX as usize) {
        Some(n) => Ok(n),
        None => memory_error(),
    }
}

/// `n` characters of `c` as a byte count.
fn fill_bytes(c: char, n: usize) -> MoltResult<usize> {
    match n.checked_mul(c.len_utf8()) {
        Some(b) => Ok(b),
        None => memory_error(),
    }
}

/// A string with room for `bytes` bytes, or MemoryError.
pub fn reserve(bytes: usize) -> MoltResult<String> {
    let mut s = String::new();
    match s.try_reserve_exact(bytes) {
        Ok(()) => Ok(s),
        Err(_) => memory_error(),
    }
}

/// Appends `n` copies of `c` (room already reserved).
pub fn push_fill(out: &mut String, c: char, n: usize) {
    if let Ok(b) = u8::try_from(c)
        && b.is_ascii()
    {
        // SAFETY: ASCII bytes appended to valid UTF-8 keep it valid.
        unsafe { out.as_mut_vec() }.extend(core::iter::repeat_n(b, n));
        return;
    }
    out.extend(core::iter::repeat_n(c, n));
}

/// The number of characters `_PyUnicode_InsertThousandsGrouping` produces for `n_digits`
/// digits zero-padded to at least `min_width` characters (separators included), and the
/// number of digits-or-zeros among them.
fn grouped_len(n_digits: u64, min_width: i64, grouping: Grouping) -> (u64, u64) {
    let min_width = min_width.max(0).unsigned_abs();
    let Some((_, g)) = grouping.separator() else {
        let p = n_digits.max(min_width).max(1);
        return (p, p);
    };
    let g = u128::from(g);
    // Every group but the leftmost has `g` characters; zeros are added (on the left) only
    // while the width is not reached: the payload is the smallest P >= max(n_digits, 1) with
    // P + ceil(P / g) - 1 >= min_width.
    let width = |p: u128| p + p.div_ceil(g) - 1;
    let mw = u128::from(min_width);
    let mut p = (mw * g / (g + 1)).saturating_sub(2).max(1);
    while width(p) < mw {
        p += 1;
    }
    let p = p.max(u128::from(n_digits)).max(1);
    // p <= 2^63 here, so both fit in u64.
    (
        u64::try_from(width(p)).unwrap_or(u64::MAX),
        u64::try_from(p).unwrap_or(u64::MAX),
    )
}

/// Writes `digits` left-padded with zeros to `payload` characters, a separator every `g`
/// characters from the right (room already computed).
fn put_grouped(out: &mut Cursor<'_>, digits: &[u8], payload: usize, grouping: Grouping) {
    let zeros = payload.saturating_sub(digits.len());
    let Some((sep, g)) = grouping.separator() else {
        out.fill('0', zeros);
        out.put(digits);
        return;
    };
    // Separators are `,` or `_`.
    let sep = sep as u8;
    let g = g as usize;
    let mut left = payload; // characters still to write
    let mut first = true;
    let mut group = payload % g;
    if group == 0 {
        group = g;
    }
    while left > 0 {
        if !first {
            out.byte(sep);
        }
        first = false;
        // Characters [payload - left, payload - left + group) of zeros ++ digits.
        let start = payload - left;
        let end = start + group;
        let z_end = end.min(zeros);
        if start < z_end {
            out.fill('0', z_end - start);
        }
        let d_start = start.max(zeros) - zeros;
        let d_end = end.max(zeros) - zeros;
        if let Some(d) = digits.get(d_start..d_end) {
            out.put(d);
        }
        left -= group;
        group = g;
    }
}

/// The sizes of a number's text under a spec (`calc_number_widths`): the padding on each
/// side, the grouped digits, and the whole text's bytes and characters.
pub struct Layout {
    sign: Option<u8>,
    lpad: usize,
    spad: usize,
    rpad: usize,
    payload: usize,
    pub bytes: usize,
    pub chars: usize,
}

/// The layout of `parts` under `spec` (`calc_number_widths`); `grouping` is the spec's, or
/// none for type `n` (the C locale). MemoryError when the text cannot fit in memory.
pub fn layout(spec: &Spec, parts: &Parts<'_>, grouping: Grouping) -> MoltResult<Layout> {
    let sign = match spec.sign {
        Some('+') => Some(if parts.negative { b'-' } else { b'+' }),
        Some(' ') => Some(if parts.negative { b'-' } else { b' ' }),
        _ => parts.negative.then_some(b'-'),
    };
    let n_sign = u64::from(sign.is_some());
    let n_prefix = parts.prefix.len() as u64;
    let n_decimal = u64::from(parts.has_decimal);
    let n_remainder = if parts.remainder.is_ascii() {
        parts.remainder.len()
    } else {
        parts.remainder.chars().count()
    } as u64;
    let n_non_digit = n_sign + n_prefix + n_decimal + n_remainder;
    let width = spec.width.unwrap_or(-1);
    // Widths are below 2^63 and the other counts are lengths of texts in memory.
    let n_non_digit_i = i64::try_from(n_non_digit).unwrap_or(i64::MAX);
    let min_width = if spec.fill == '0' && spec.align == '=' {
        width.saturating_sub(n_non_digit_i)
    } else {
        0
    };
    let (n_grouped, payload) = if parts.digits.is_empty() {
        (0, 0)
    } else if min_width <= 0 && grouping == Grouping::None {
        let n = parts.digits.len() as u64;
        (n, n)
    } else {
        grouped_len(parts.digits.len() as u64, min_width, grouping)
    };
    let used = i128::from(n_non_digit) + i128::from(n_grouped);
    let n_padding = u64::try_from((i128::from(width) - used).max(0)).unwrap_or(0);
    let (lpad, spad, rpad) = match spec.align {
        '<' => (0, 0, n_padding),
        '^' => (n_padding / 2, 0, n_padding - n_padding / 2),
        '=' => (0, n_padding, 0),
        _ => (n_padding, 0, 0),
    };
    let to_usize = |n: u64| usize::try_from(n).map_or_else(|_| memory_error(), Ok);
    let (lpad, spad, rpad) = (to_usize(lpad)?, to_usize(spad)?, to_usize(rpad)?);
    let (n_grouped, payload) = (to_usize(n_grouped)?, to_usize(payload)?);
    let n_padding = to_usize(n_padding)?;
    let mut bytes = fill_bytes(spec.fill, n_padding)?;
    bytes = add(bytes, n_grouped)?;
    let rest = usize::from(sign.is_some())
        + parts.prefix.len()
        + usize::from(parts.has_decimal)
        + parts.remainder.len();
    bytes = add(bytes, rest)?;
    // Characters are at most bytes: no overflow.
    let chars = n_padding + n_grouped + (n_non_digit as usize);
    Ok(Layout { sign, lpad, spad, rpad, payload, bytes, chars })
}

/// Writes `parts` as `layout` (computed from the same spec, parts and grouping) says
/// (`fill_number`).
pub fn write_layout(
    spec: &Spec,
    parts: &Parts<'_>,
    grouping: Grouping,
    l: &Layout,
    out: &mut Cursor<'_>,
) {
    out.fill(spec.fill, l.lpad);
    if let Some(s) = l.sign {
        out.byte(s);
    }
    out.put(parts.prefix.as_bytes());
    out.fill(spec.fill, l.spad);
    if !parts.digits.is_empty() {
        put_grouped(out, parts.digits.as_bytes(), l.payload, grouping);
    }
    if parts.has_decimal {
        out.byte(b'.');
    }
    out.put(parts.remainder.as_bytes());
    out.fill(spec.fill, l.rpad);
    if out.written() != l.bytes {
        panic!("invariant broken: a formatted number is shorter than its layout");
    }
}

/// The layout of `parts` under `spec` (`calc_number_widths` + `fill_number`); `grouping` is
/// the spec's, or none for type `n` (the C locale).
pub fn render(spec: &Spec, parts: &Parts<'_>, grouping: Grouping) -> MoltResult<String> {
    let l = layout(spec, parts, grouping)?;
    let mut v = alloc::vec::Vec::new();
    if v.try_reserve_exact(l.bytes).is_err() {
        return memory_error();
    }
    v.resize(l.bytes, 0);
    write_layout(spec, parts, grouping, &l, &mut Cursor::new(&mut v));
    // The pieces are UTF-8 (ASCII, the fill character, the remainder's text).
    match String::from_utf8(v) {
        Ok(s) => Ok(s),
        Err(_) => panic!("invariant broken: a formatted number is not UTF-8"),
    }
}

/// [`render`] written straight into `sink` (a new str object, or a str builder).
pub(crate) fn render_obj(spec: &Spec, parts: &Parts<'_>, grouping: Grouping, sink: &mut dyn Sink) -> MoltResult<()> {
    let l = layout(spec, parts, grouping)?;
    sink.text(l.bytes, l.chars, &mut |d| {
        write_layout(spec, parts, grouping, &l, &mut Cursor::new(d))
    })
}

/// `format_long_internal`'s checks, then `f` with the text of `value` under a spec whose type
/// is one of `b c d o x X n`, split into [`Parts`], and the grouping to lay it out with.
fn with_int_parts<R>(
    value: IntRef<'_>,
    spec: &Spec,
    f: impl FnOnce(&Parts<'_>, Grouping) -> MoltResult<R>,
) -> MoltResult<R> {
    if spec.precision.is_some() {
        return fail(
            ValueError,
            "Precision not allowed in integer format specifier",
        );
    }
    if spec.no_neg_0 {
        return fail(
            ValueError,
            "Negative zero coercion (z) not allowed in integer format specifier",
        );
    }
    if spec.ty == 'c' {
        if spec.sign.is_some() {
            return fail(
                ValueError,
                "Sign not allowed with integer format specifier 'c'",
            );
        }
        if spec.alternate {
            return fail(
                ValueError,
                "Alternate form (#) not allowed with integer format specifier 'c'",
            );
        }
        let Some(x) = value.to_i64() else {
            return fail(OverflowError, "Python int too large to convert to C long");
        };
        let Some(code) = u32::try_from(x).ok().filter(|&u| u < 0x11_0000) else {
            return fail(OverflowError, "%c arg not in range(0x110000)");
        };
        let Some(c) = char::from_u32(code) else {
            return fail(
                NotImplementedError,
                format!("format(0x{code:x}, 'c'): lone surrogates are not supported by Molt yet"),
            );
        };
        let mut buf = [0u8; 4];
        let text: &str = c.encode_utf8(&mut buf);
        let parts = Parts {
            negative: false,
            prefix: "",
            digits: "",
            has_decimal: false,
            remainder: text,
        };
        return f(&parts, spec.grouping);
    }
    let (shift, prefix) = match spec.ty {
        'b' => (1, "0b"),
        'o' => (3, "0o"),
        'x' => (4, "0x"),
        'X' => (4, "0X"),
        _ => (0, ""),
    };
    let upper = spec.ty == 'X';
    let mut buf = [0u8; 64];
    let text;
    let digits = match value {
        // A small int's digits on the stack (the usual case).
        IntRef::Small(v) => small_digits(v.unsigned_abs(), shift, upper, &mut buf),
        IntRef::Big(_) => {
            let mut t = if shift == 0 {
                int_to_decimal(value)?
            } else {
                radix_text(value, 1 << shift)?
            };
            if upper {
                t.make_ascii_uppercase();
            }
            text = t;
            text.strip_prefix('-').unwrap_or(&text)
        }
    };
    let parts = Parts {
        negative: value.is_negative(),
        prefix: if spec.alternate { prefix } else { "" },
        digits,
        has_decimal: false,
        remainder: "",
    };
    let grouping = if spec.ty == 'n' {
        Grouping::None
    } else {
        spec.grouping
    };
    f(&parts, grouping)
}

/// `format_long_internal`: `value` under a spec whose type is one of `b c d o x X n`.
pub fn format_int(value: IntRef<'_>, spec: &Spec) -> MoltResult<String> {
    with_int_parts(value, spec, |parts, grouping| render(spec, parts, grouping))
}

/// [`format_int`] written straight into a new str object (no intermediate text for a small
/// int: its digits are made on the stack).
pub(crate) fn format_int_obj(value: IntRef<'_>, spec: &Spec, sink: &mut dyn Sink) -> MoltResult<()> {
    with_int_parts(value, spec, |parts, grouping| render_obj(spec, parts, grouping, sink))
}

/// `str(value)` for an int (not a bool) as a new str object: a small int's digits written
/// once, straight into the object.
pub(crate) fn int_str_obj(value: IntRef<'_>, sink: &mut dyn Sink) -> MoltResult<()> {
    match value {
        IntRef::Small(v) => {
            let mut buf = [0u8; 20];
            let at = write_u64(v.unsigned_abs(), &mut buf[..]);
            let digits = &buf[at..];
            let n = digits.len() + usize::from(v < 0);
            sink.text(n, n, &mut |d| {
                let mut out = Cursor::new(d);
                if v < 0 {
                    out.byte(b'-');
                }
                out.put(digits);
            })
        }
        IntRef::Big(_) => sink.from_text(&int_to_decimal(value)?),
    }
}

/// The digits of `v` in base 10 (`shift` 0) or base `2^shift` (lowercase unless `upper`),
/// written at the end of `buf`.
fn small_digits(mut v: u64, shift: u32, upper: bool, buf: &mut [u8; 64]) -> &str {
    let i = if shift == 0 {
        write_u64(v, buf)
    } else {
        let table: &[u8; 16] = if upper { b"0123456789ABCDEF" } else { b"0123456789abcdef" };
        let mask = (1u64 << shift) - 1;
        let mut i = buf.len();
        loop {
            i -= 1;
            buf[i] = table[(v & mask) as usize];
            v >>= shift;
            if v == 0 {
                break;
            }
        }
        i
    };
    // SAFETY: the bytes written are ASCII digits (from the tables above and `write_u64`).
    unsafe { core::str::from_utf8_unchecked(&buf[i..]) }
}

/// The digits of `value` in base 2, 8 or 16 (lowercase, `-` first when negative), the text
/// reserved first (MemoryError
/// rather than an abort for an int too large to write out).
pub fn radix_text(value: IntRef<'_>, base: u32) -> MoltResult<String> {
    match value {
        IntRef::Small(v) => Ok(match base {
            2 => format!("{:b}", v.unsigned_abs()),
            8 => format!("{:o}", v.unsigned_abs()),
            _ => format!("{:x}", v.unsigned_abs()),
        }),
        IntRef::Big(b) => {
            let bits_per_digit = u64::from(base.trailing_zeros());
            let len = b.bit_length().div_ceil(bits_per_digit).saturating_add(1);
            let mut out = reserve(usize::try_from(len).map_or_else(|_| memory_error(), Ok)?)?;
            b.write_radix(&mut out, base);
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `_PyUnicode_InsertThousandsGrouping`'s counting loop, transcribed, for comparison with
    /// the closed form.
    fn cpython_count(n_digits: i64, min_width: i64, g: Option<i64>) -> i64 {
        let mut min_width = min_width.max(0);
        let mut remaining = n_digits;
        let mut count = 0;
        let mut use_sep = false;
        if let Some(g) = g {
            loop {
                let len = g.min(remaining.max(min_width).max(1));
                let n_zeros = (len - remaining).max(0);
                let n_chars = remaining.min(len).max(0);
                count += i64::from(use_sep) + n_zeros + n_chars;
                use_sep = true;
                remaining -= n_chars;
                min_width -= len;
                if remaining <= 0 && min_width <= 0 {
                    return count;
                }
                min_width -= 1;
            }
        }
        let len = remaining.max(min_width).max(1);
        count + (len - remaining).max(0) + remaining.min(len).max(0)
    }

    #[test]
    fn grouped_len_matches_cpythons_loop() {
        for (grouping, g) in [
            (Grouping::None, None),
            (Grouping::Comma, Some(3)),
            (Grouping::UnderscoreFour, Some(4)),
        ] {
            for n in 1..30 {
                for mw in -3..60 {
                    let (count, _) = grouped_len(n as u64, mw, grouping);
                    assert_eq!(
                        count as i64,
                        cpython_count(n, mw, g),
                        "n={n} mw={mw} g={g:?}"
                    );
                }
            }
        }
        // Huge widths are computed without a loop over them.
        let (count, payload) = grouped_len(3, i64::MAX - 5, Grouping::Comma);
        assert!(count >= (i64::MAX - 5) as u64 && payload < count);
    }
}
