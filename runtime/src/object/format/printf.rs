//! `str % args`: printf-style formatting, a port of CPython 3.11's `PyUnicode_Format`
//! (Objects/unicodeobject.c: `unicode_format_arg_parse`, `unicode_format_arg_format`,
//! `unicode_format_arg_output`, `mainformatlong`, `_PyUnicode_FormatLong`, `formatfloat`,
//! `formatchar`).
//!
//! Relies on: `float::double_to_string` (`PyOS_double_to_string`, which `formatfloat` calls);
//! `number::radix_text` and `int::int_to_decimal` (CPython's 4300-digit limit) for the digits
//! of ints; `convert::to_int` (`PyNumber_Long` of a float); `dispatch::str_of` / `repr_of`,
//! `format::ascii_text` and `dispatch::getitem`.
//!
//! Provides: [`printf_format`].
//!
//! Invariants:
//! * The format is read as CPython reads it: code point by code point, with the C loop's
//!   counter `cnt` (the code points left from `pos`, going negative exactly where CPython's
//!   `fmtcnt` does), and reading past the end gives `'\0'` (CPython reads the terminating NUL),
//!   so every error is CPython's, raised in CPython's order ("not enough arguments" before an
//!   unsupported character, `* wants int` before "incomplete format", ...), and the index in
//!   "unsupported format character" is a code point index.
//! * Arguments: a tuple is the argument list; anything else is the one argument (so a tuple
//!   must be wrapped in a 1-tuple). `%(key)` needs a mapping: CPython's `PyMapping_Check`
//!   (a subscript slot) excluding str and tuple. No Molt type is one yet, so `%(key)` is always
//!   "format requires a mapping"; the mapping path (`dispatch::getitem`) is ported but has no
//!   caller to reach it yet.
//! * Widths are `Py_ssize_t` (`i64`), precisions C `int` (`i32`), with CPython's overflow
//!   checks ("width too big", "precision too big", "precision too large", the `PyLong_As*`
//!   OverflowErrors of `*`), and CPython's C arithmetic where it wraps (`*` of `-2**63`).
//! * Nothing is written before its size is known: every piece of output is reserved with
//!   `try_reserve` (MemoryError when it cannot be, as `_PyUnicodeWriter_Prepare`), so an absurd
//!   width never aborts. Precisions are bounded by C `int`, as in CPython, and a large one
//!   costs what it costs CPython (`'%.2147483644d' % 1` builds a 2 GB str, as CPython does).
//! * No input panics: no `unwrap` on data, all index arithmetic is checked or saturating.
//! * The result is CPython's object where CPython's writer returns one it did not build: the
//!   format itself when it has no `%`, the argument itself for a `%s` of a str that is the whole
//!   output, the static strs for empty and one-character Latin-1 results.
//!
//! Not covered: `%c` of a surrogate code point (U+D800 to U+DFFF) is a NotImplementedError,
//! since Molt's strs are UTF-8 and cannot hold lone surrogates.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;

use super::float::double_to_string;
use super::number::radix_text;
use crate::ExceptionKind::{NotImplementedError, OverflowError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};
use crate::object::alloc::memory_error;
use crate::object::int::{IntRef, int_ref, int_to_decimal};
use crate::object::int_float::int_to_f64;
use crate::object::{Obj, convert, decref, dispatch, float as float_obj, new_ref, str, tuple};

/// `F_LJUST`: `-`.
const F_LJUST: u8 = 1;
/// `F_SIGN`: `+`.
const F_SIGN: u8 = 2;
/// `F_BLANK`: ` `.
const F_BLANK: u8 = 4;
/// `F_ALT`: `#`.
const F_ALT: u8 = 8;
/// `F_ZERO`: `0`.
const F_ZERO: u8 = 16;

/// C's `INT_MAX`.
const INT_MAX: i32 = i32::MAX;
/// `PY_SSIZE_T_MAX`.
const SSIZE_MAX: i64 = isize::MAX as i64;

/// `struct unicode_format_arg_t`.
struct Arg {
    ch: char,
    flags: u8,
    /// -1 when not given.
    width: i64,
    /// -1 when not given.
    prec: i32,
    /// Whether the text is a number whose sign the layout handles.
    sign: bool,
}

/// The output (`_PyUnicodeWriter`): text, and the str object that is the whole output when
/// CPython's writer would return that object itself.
struct Out {
    text: String,
    whole: Option<Obj>,
}

impl Out {
    fn reserve(&mut self, bytes: usize) -> MoltResult<()> {
        let total = self.text.len().checked_add(bytes);
        if total.is_none_or(|t| t > isize::MAX as usize) || self.text.try_reserve(bytes).is_err() {
            return memory_error();
        }
        Ok(())
    }

    fn push_str(&mut self, s: &str) -> MoltResult<()> {
        self.reserve(s.len())?;
        self.text.push_str(s);
        Ok(())
    }

    /// `n` copies of the ASCII character `c`.
    fn push_fill(&mut self, c: char, n: usize) -> MoltResult<()> {
        self.reserve(n)?;
        self.text.extend(core::iter::repeat_n(c, n));
        Ok(())
    }
}

/// `struct unicode_formatter_t`.
struct Formatter<'a> {
    fmt: &'a str,
    /// Code point index of the next character (`fmtpos`).
    pos: usize,
    /// Byte offset of the same character.
    byte: usize,
    /// `fmtcnt`: code points left from `pos`, decremented as CPython's is.
    cnt: i64,
    args: Obj,
    /// Whether `args` is a reference this formatter owns (a mapping's item).
    args_owned: bool,
    /// The number of arguments of a tuple, -1 for one argument.
    arglen: i64,
    argidx: i64,
    /// The mapping, for `%(key)`.
    dict: Option<Obj>,
    out: Out,
}

/// `unicode_format_arg_output`'s check: a conversion that prints `0x`, `0X` or `0o` with `#`.
fn has_prefix(arg: &Arg) -> bool {
    arg.flags & F_ALT != 0 && matches!(arg.ch, 'x' | 'X' | 'o')
}

/// The byte offset of code point `n` of `s` (its length past the end).
fn char_offset(s: &str, n: usize) -> usize {
    if s.len() == n || s.is_ascii() {
        return n.min(s.len());
    }
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// A count that must be a size: MemoryError if it is not (negative counts never reach here).
fn size(n: i64) -> MoltResult<usize> {
    usize::try_from(n).map_or_else(|_| memory_error(), Ok)
}

impl Drop for Formatter<'_> {
    fn drop(&mut self) {
        if self.args_owned {
            // SAFETY: `args` is a reference this formatter owns.
            unsafe { decref(self.args) };
        }
    }
}

impl<'a> Formatter<'a> {
    /// The character at `pos` (`'\0'` at the end, CPython's terminator).
    fn peek(&self) -> char {
        self.fmt
            .get(self.byte..)
            .and_then(|rest| rest.chars().next())
            .unwrap_or('\0')
    }

    /// Moves past the character at `pos` (past the end, only `pos` moves).
    fn advance(&mut self) {
        if let Some(c) = self
            .fmt
            .get(self.byte..)
            .and_then(|rest| rest.chars().next())
        {
            self.byte += c.len_utf8();
        }
        self.pos += 1;
    }

    /// CPython's `if (--ctx->fmtcnt >= 0) { ch = FORMAT_READ(ctx); ctx->fmtpos++; }`.
    fn next(&mut self) -> Option<char> {
        self.cnt -= 1;
        if self.cnt < 0 {
            return None;
        }
        let c = self.peek();
        self.advance();
        Some(c)
    }

    /// `unicode_format_getnextarg` (a borrowed reference).
    fn next_arg(&mut self) -> MoltResult<Obj> {
        let i = self.argidx;
        if i < self.arglen {
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(self.args);
            }
            let items = tuple::tuple_items(self.args).unwrap_or(&[]);
            if let Some(&v) = usize::try_from(i).ok().and_then(|i| items.get(i)) {
                return Ok(v);
            }
        }
        fail(TypeError, "not enough arguments for format string")
    }

    /// The `%(key)` part of `unicode_format_arg_parse` (`pos` is at the `(`).
    fn mapping_key(&mut self, arg: &mut Arg) -> MoltResult<()> {
        let Some(dict) = self.dict else {
            return fail(TypeError, "format requires a mapping");
        };
        self.advance();
        self.cnt -= 1;
        let key_start = self.byte;
        let mut pcount = 1;
        let mut key_end = self.byte;
        while pcount > 0 {
            self.cnt -= 1;
            if self.cnt < 0 {
                break;
            }
            arg.ch = self.peek();
            if arg.ch == ')' {
                pcount -= 1;
            } else if arg.ch == '(' {
                pcount += 1;
            }
            key_end = self.byte;
            self.advance();
        }
        if self.cnt < 0 || pcount > 0 {
            return fail(ValueError, "incomplete format key");
        }
        let key = str::str_from_text(self.fmt.get(key_start..key_end).unwrap_or(""))?;
        let item = dispatch::getitem(dict, key);
        // SAFETY: `key` is the new reference made above.
        unsafe { decref(key) };
        let item = item?;
        if self.args_owned {
            // SAFETY: `args` is a reference this formatter owns.
            unsafe { decref(self.args) };
        }
        self.args = item;
        self.args_owned = true;
        self.arglen = -1;
        self.argidx = -2;
        Ok(())
    }

    /// `unicode_format_arg_parse`: flags, width, precision (`%(key)` first).
    fn parse(&mut self, arg: &mut Arg) -> MoltResult<()> {
        if arg.ch == '(' {
            self.mapping_key(arg)?;
        }
        while let Some(c) = self.next() {
            arg.ch = c;
            match c {
                '-' => arg.flags |= F_LJUST,
                '+' => arg.flags |= F_SIGN,
                ' ' => arg.flags |= F_BLANK,
                '#' => arg.flags |= F_ALT,
                '0' => arg.flags |= F_ZERO,
                _ => break,
            }
        }
        if arg.ch == '*' {
            let v = self.next_arg()?;
            let Some(w) = int_ref(v) else {
                return fail(TypeError, "* wants int");
            };
            let Some(w) = w.to_i64() else {
                return fail(
                    OverflowError,
                    "Python int too large to convert to C ssize_t",
                );
            };
            arg.width = w;
            if w < 0 {
                arg.flags |= F_LJUST;
                arg.width = w.wrapping_neg(); // C: -PY_SSIZE_T_MIN stays negative
            }
            if let Some(c) = self.next() {
                arg.ch = c;
            }
        } else if let Some(d) = arg.ch.to_digit(10) {
            arg.width = i64::from(d);
            while let Some(c) = self.next() {
                arg.ch = c;
                let Some(d) = c.to_digit(10) else {
                    break;
                };
                let d = i64::from(d);
                if arg.width > (SSIZE_MAX - d) / 10 {
                    return fail(ValueError, "width too big");
                }
                arg.width = arg.width * 10 + d;
            }
        }
        if arg.ch == '.' {
            arg.prec = 0;
            if let Some(c) = self.next() {
                arg.ch = c;
            }
            if arg.ch == '*' {
                let v = self.next_arg()?;
                let Some(p) = int_ref(v) else {
                    return fail(TypeError, "* wants int");
                };
                let Some(p) = p.to_i64().and_then(|p| i32::try_from(p).ok()) else {
                    return fail(OverflowError, "Python int too large to convert to C int");
                };
                arg.prec = p.max(0);
                if let Some(c) = self.next() {
                    arg.ch = c;
                }
            } else if let Some(d) = arg.ch.to_digit(10) {
                arg.prec = d as i32;
                while let Some(c) = self.next() {
                    arg.ch = c;
                    let Some(d) = c.to_digit(10) else {
                        break;
                    };
                    let d = d as i32;
                    if arg.prec > (INT_MAX - d) / 10 {
                        return fail(ValueError, "precision too big");
                    }
                    arg.prec = arg.prec * 10 + d;
                }
            }
        }
        // "h", "l" and "L" length modifiers are ignored.
        if self.cnt >= 0
            && matches!(arg.ch, 'h' | 'l' | 'L')
            && let Some(c) = self.next()
        {
            arg.ch = c;
        }
        if self.cnt < 0 {
            return fail(ValueError, "incomplete format");
        }
        Ok(())
    }

    /// `unicode_format_arg_format`: the text of one argument (`arg.sign` set for numbers), and
    /// the argument itself when the text is that str's (`%s` of a str).
    fn convert(&mut self, arg: &mut Arg) -> MoltResult<(Cow<'a, str>, Option<Obj>)> {
        let v = self.next_arg()?;
        let text = match arg.ch {
            's' => match str::str_text(v) {
                Some(t) => return Ok((Cow::Borrowed(t), Some(v))),
                None => Cow::Owned(dispatch::str_of(v)?),
            },
            'r' => Cow::Owned(dispatch::repr_of(v)?),
            'a' => {
                let repr = dispatch::repr_of(v)?;
                Cow::Owned(if repr.is_ascii() {
                    repr
                } else {
                    super::ascii_text(&repr)
                })
            }
            'i' | 'd' | 'u' | 'o' | 'x' | 'X' => {
                let text = main_format_long(v, arg)?;
                arg.sign = true;
                Cow::Owned(text)
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let text = format_float(v, arg)?;
                arg.sign = true;
                Cow::Owned(text)
            }
            'c' => {
                let c = format_char(v)?;
                let mut buf = [0u8; 4];
                Cow::Owned(String::from(&*c.encode_utf8(&mut buf)))
            }
            c => {
                let u = u32::from(c);
                let shown = if (31..=126).contains(&u) { c } else { '?' };
                let index = self.pos.saturating_sub(1);
                return fail(
                    ValueError,
                    format!("unsupported format character '{shown}' (0x{u:x}) at index {index}"),
                );
            }
        };
        Ok((text, None))
    }

    /// `unicode_format_arg_output`: `text` (of `len` code points) padded, signed and prefixed.
    /// Returns whether `text` was written whole and alone (CPython's fast path).
    fn output(&mut self, arg: &mut Arg, text: &str, mut len: i64) -> MoltResult<bool> {
        let fill = if arg.sign && arg.flags & F_ZERO != 0 {
            '0'
        } else {
            ' '
        };
        if (arg.width == -1 || arg.width <= len)
            && (arg.prec == -1 || i64::from(arg.prec) >= len)
            && arg.flags & (F_SIGN | F_BLANK) == 0
        {
            self.out.push_str(text)?;
            return Ok(true);
        }
        if matches!(arg.ch, 's' | 'r' | 'a') && arg.prec >= 0 && len > i64::from(arg.prec) {
            len = i64::from(arg.prec);
        }
        let mut pindex = 0usize;
        let mut signchar = '\0';
        if arg.sign {
            match text.chars().next() {
                Some(c @ ('-' | '+')) => {
                    signchar = c;
                    len -= 1;
                    pindex += 1;
                }
                _ if arg.flags & F_SIGN != 0 => signchar = '+',
                _ if arg.flags & F_BLANK != 0 => signchar = ' ',
                _ => arg.sign = false,
            }
        }
        if arg.width < len {
            arg.width = len;
        }
        // `_PyUnicodeWriter_Prepare(writer, buflen)`: the whole piece, reserved at once.
        let buflen = if arg.sign && len == arg.width {
            arg.width.checked_add(1)
        } else {
            Some(arg.width)
        };
        // The padding, sign and prefix are ASCII; the text is at most `text.len()` bytes.
        let bytes = buflen
            .and_then(|b| b.checked_sub(len))
            .and_then(|pad| usize::try_from(pad).ok())
            .and_then(|pad| pad.checked_add(text.len()));
        match bytes {
            Some(b) => self.out.reserve(b)?,
            None => return memory_error(),
        }
        if arg.sign {
            if fill != ' ' {
                self.out.push_fill(signchar, 1)?;
            }
            if arg.width > len {
                arg.width -= 1;
            }
        }
        let prefix = match arg.ch {
            'X' => "0X",
            'o' => "0o",
            _ => "0x",
        };
        if has_prefix(arg) {
            if fill != ' ' {
                self.out.push_str(prefix)?;
                pindex += 2;
            }
            arg.width = (arg.width - 2).max(0);
            len -= 2;
        }
        if arg.width > len && arg.flags & F_LJUST == 0 {
            self.out.push_fill(fill, size(arg.width - len)?)?;
            arg.width = len;
        }
        if fill == ' ' {
            if arg.sign {
                self.out.push_fill(signchar, 1)?;
            }
            if has_prefix(arg) {
                self.out.push_str(prefix)?;
                pindex += 2;
            }
        }
        if len > 0 {
            let start = char_offset(text, pindex);
            let rest = text.get(start..).unwrap_or("");
            let end = char_offset(rest, size(len)?);
            self.out.push_str(rest.get(..end).unwrap_or(""))?;
        }
        if arg.width > len {
            self.out.push_fill(' ', size(arg.width - len)?)?;
        }
        Ok(false)
    }

    /// `unicode_format_arg`: one `%` conversion (`pos` is just past the `%`).
    fn format_arg(&mut self) -> MoltResult<()> {
        let mut arg = Arg {
            ch: self.peek(),
            flags: 0,
            width: -1,
            prec: -1,
            sign: false,
        };
        if arg.ch == '%' {
            self.advance();
            self.cnt -= 1;
            self.out.whole = None;
            return self.out.push_str("%");
        }
        self.parse(&mut arg)?;
        let at_end = self.cnt == 0;
        let (text, whole) = self.convert(&mut arg)?;
        let len = match whole {
            Some(v) => str::str_chars(v),
            None => text.chars().count(),
        };
        let len = i64::try_from(len).unwrap_or(i64::MAX);
        let was_empty = self.out.text.is_empty();
        let fast = self.output(&mut arg, &text, len)?;
        // `_PyUnicodeWriter_WriteStr` keeps the str itself when it is all the output and the
        // writer no longer over-allocates (the format's end is reached).
        if fast && was_empty && at_end && !text.is_empty() {
            self.out.whole = whole;
        }
        if self.dict.is_some() && self.argidx < self.arglen {
            return fail(
                TypeError,
                "not all arguments converted during string formatting",
            );
        }
        Ok(())
    }
}

/// `mainformatlong` + `_PyUnicode_FormatLong`: an int (or a float through `int()`, for
/// `d i u`) as `[-][0x|0X|0o]digits`, zero-filled to the precision.
fn main_format_long(v: Obj, arg: &Arg) -> MoltResult<String> {
    let ty = arg.ch;
    let wrong_type = || {
        let what = if matches!(ty, 'o' | 'x' | 'X') {
            "an integer"
        } else {
            "a real number"
        };
        fail(
            TypeError,
            format!("%{ty} format: {what} is required, not {}", v.type_of().name),
        )
    };
    if let Some(i) = int_ref(v) {
        return format_long(i, arg);
    }
    if float_obj::float_value(v).is_none() {
        return wrong_type(); // not a number (PyNumber_Check)
    }
    if matches!(ty, 'o' | 'x' | 'X') {
        return wrong_type(); // a float has no __index__
    }
    let iobj = match convert::to_int(v) {
        Ok(o) => o,
        Err(e) if e.kind == TypeError => return wrong_type(),
        Err(e) => return Err(e),
    };
    let r = match int_ref(iobj) {
        Some(i) => format_long(i, arg),
        None => wrong_type(),
    };
    // SAFETY: `iobj` is the new reference `to_int` returned.
    unsafe { decref(iobj) };
    r
}

/// `_PyUnicode_FormatLong(val, alt, prec, type)`.
fn format_long(value: IntRef<'_>, arg: &Arg) -> MoltResult<String> {
    let prec = arg.prec;
    if prec > INT_MAX - 3 {
        return fail(OverflowError, "precision too large");
    }
    let (base, marker) = match arg.ch {
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let text = if base == 10 {
        int_to_decimal(value)?
    } else {
        radix_text(value, base)?
    };
    let negative = value.is_negative();
    let digits = text.strip_prefix('-').unwrap_or(&text);
    // PyNumber_ToBase's text is `[-][0x]digits`.
    let full_len = usize::from(negative) + marker.len() + digits.len();
    if full_len > INT_MAX as usize {
        return fail(ValueError, "string too large in _PyUnicode_FormatLong");
    }
    let marker = if arg.flags & F_ALT != 0 { marker } else { "" };
    let zeros = usize::try_from(prec)
        .unwrap_or(0)
        .saturating_sub(digits.len());
    let mut out = super::number::reserve(full_len.saturating_add(zeros))?;
    if negative {
        out.push('-');
    }
    out.push_str(marker);
    out.extend(core::iter::repeat_n('0', zeros));
    out.push_str(digits);
    if arg.ch == 'X' {
        out.make_ascii_uppercase();
    }
    Ok(out)
}

/// `formatfloat`: `PyFloat_AsDouble(v)` under `PyOS_double_to_string` (precision 6 by
/// default; `#` is `Py_DTSF_ALT`).
fn format_float(v: Obj, arg: &Arg) -> MoltResult<String> {
    let x = if let Some(x) = float_obj::float_value(v) {
        x
    } else if let Some(i) = int_ref(v) {
        int_to_f64(i)?
    } else {
        return fail(
            TypeError,
            format!("must be real number, not {}", v.type_of().name),
        );
    };
    let prec = if arg.prec < 0 { 6 } else { arg.prec };
    double_to_string(x, arg.ch, prec, false, arg.flags & F_ALT != 0, false)
}

/// `formatchar`: a one-character str, or an int in `range(0x110000)`.
fn format_char(v: Obj) -> MoltResult<char> {
    let code = if let Some(text) = str::str_text(v) {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => return Ok(c),
            _ => return fail(TypeError, "%c requires int or char"),
        }
    } else if let Some(i) = int_ref(v) {
        match i.to_i64().and_then(|x| u32::try_from(x).ok()) {
            Some(x) if x <= 0x10_ffff => x,
            _ => return fail(OverflowError, "%c arg not in range(0x110000)"),
        }
    } else {
        return fail(TypeError, "%c requires int or char");
    };
    match char::from_u32(code) {
        Some(c) => Ok(c),
        None => fail(
            NotImplementedError,
            format!("'%c' % 0x{code:x}: lone surrogates are not supported by Molt yet"),
        ),
    }
}

/// `PyUnicode_Format(format, args)`: `format` is the str object whose text is `fmt`. Returns
/// a new reference.
pub fn printf_format(format: Obj, fmt: &str, args: Obj) -> MoltResult<Obj> {
    let is_tuple = tuple::is_tuple(args);
    let is_mapping =
        !is_tuple && str::str_text(args).is_none() && args.type_of().subscript_slot().is_some();
    let mut f = Formatter {
        fmt,
        pos: 0,
        byte: 0,
        cnt: i64::try_from(str::str_chars(format)).unwrap_or(i64::MAX),
        args,
        args_owned: false,
        arglen: if is_tuple {
            i64::try_from(tuple::tuple_len(args).unwrap_or(0)).unwrap_or(i64::MAX)
        } else {
            -1
        },
        argidx: if is_tuple { 0 } else { -2 },
        dict: is_mapping.then_some(args),
        out: Out {
            text: String::new(),
            whole: None,
        },
    };
    loop {
        f.cnt -= 1;
        if f.cnt < 0 {
            break;
        }
        if f.peek() != '%' {
            // Literal text up to the next `%` (or the end).
            let rest = f.fmt.get(f.byte..).unwrap_or("");
            let run = rest.find('%').unwrap_or(rest.len());
            let piece = rest.get(..run).unwrap_or("");
            // The whole format: CPython's writer returns the format itself.
            f.out.whole = (f.byte == 0 && run == f.fmt.len()).then_some(format);
            f.out.push_str(piece)?;
            let n = piece.chars().count();
            f.byte += run;
            f.pos += n;
            f.cnt -= i64::try_from(n).unwrap_or(i64::MAX) - 1;
        } else {
            f.advance();
            f.format_arg()?;
        }
    }
    if f.argidx < f.arglen && f.dict.is_none() {
        return fail(
            TypeError,
            "not all arguments converted during string formatting",
        );
    }
    if let Some(w) = f
        .out
        .whole
        .filter(|w| str::str_text(*w).map(str::len) == Some(f.out.text.len()))
    {
        return Ok(new_ref(w));
    }
    let text = core::mem::take(&mut f.out.text);
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => str::char_str(c),
        _ => str::str_from_text(&text),
    }
}
