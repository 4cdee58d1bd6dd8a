//! `json`'s decoder: CPython 3.11's `Modules/_json.c` scanner (`scan_once_unicode`,
//! `_parse_object_unicode`, `_parse_array_unicode`, `_match_number_unicode`,
//! `scanstring_unicode`) with `Lib/json/decoder.py`'s `JSONDecoder.decode` / `raw_decode`
//! around it: the same values, the same error messages at the same positions.
//!
//! Invariants: positions are code-point indices into the document (as CPython's); the scanner
//! works on the document's chars, collected once; a term that cannot start at a position is
//! [`Fail::Stop`] (CPython's `StopIteration(idx)`), which `raw_decode` turns into "Expecting
//! value"; every other error is a `JSONDecodeError` made through the class the module holds.
//! Nesting deeper than the recursion limit is CPython's RecursionError.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::super::range::Owned;
use super::super::{Obj, callable, dict, float, int, list, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::{NotImplementedError, RecursionError};
use crate::exceptions::{MoltError, MoltResult, fail};

/// What a `JSONDecoder` was made with (borrowed objects; None is the default behaviour).
pub(super) struct Hooks {
    pub object_hook: Option<Obj>,
    pub object_pairs_hook: Option<Obj>,
    /// A callable other than `float` / `int` (those parse natively).
    pub parse_float: Option<Obj>,
    pub parse_int: Option<Obj>,
    /// None: NaN, Infinity and -Infinity are floats.
    pub parse_constant: Option<Obj>,
    pub strict: bool,
}

/// Why a scan stopped.
pub(super) enum Fail {
    /// No term starts at this index (`StopIteration(idx)`).
    Stop(usize),
    Error(MoltError),
}

impl From<MoltError> for Fail {
    fn from(e: MoltError) -> Fail {
        Fail::Error(e)
    }
}

type Scan<T> = Result<T, Fail>;

/// `JSONDecoder.decode(s)`: the value of document `doc` (a str), whitespace around it allowed,
/// "Extra data" after it.
pub(super) fn decode(doc: Obj, hooks: &Hooks) -> MoltResult<Obj> {
    let Some(text) = pystr::str_text(doc) else { return fail(crate::ExceptionKind::TypeError, "a JSON document must be a str") };
    // An ASCII document is scanned as bytes (a byte is a code point); another as its chars.
    if text.is_ascii() {
        decode_units(text.as_bytes(), doc, hooks)
    } else {
        let s: Vec<char> = text.chars().collect();
        decode_units(&s, doc, hooks)
    }
}

fn decode_units<U: Unit>(s: &[U], doc: Obj, hooks: &Hooks) -> MoltResult<Obj> {
    let start = skip_ws(s, 0);
    let (v, end) = raw_decode_units(s, doc, hooks, start)?;
    let end = skip_ws(s, end);
    if end != s.len() {
        drop(v);
        return Err(super::decode_error("Extra data", doc, end, false));
    }
    Ok(v.release())
}

/// `JSONDecoder.raw_decode(s, idx)`: the value starting at `idx` and the index after it.
pub(super) fn raw_decode(doc: Obj, hooks: &Hooks, idx: usize) -> MoltResult<(Owned, usize)> {
    let Some(text) = pystr::str_text(doc) else { return fail(crate::ExceptionKind::TypeError, "a JSON document must be a str") };
    if text.is_ascii() {
        raw_decode_units(text.as_bytes(), doc, hooks, idx)
    } else {
        let s: Vec<char> = text.chars().collect();
        raw_decode_units(&s, doc, hooks, idx)
    }
}

fn raw_decode_units<U: Unit>(s: &[U], doc: Obj, hooks: &Hooks, idx: usize) -> MoltResult<(Owned, usize)> {
    let mut sc = Scanner { s, doc, hooks, depth: 0, memo: Vec::new() };
    match sc.scan_once(idx) {
        Ok(r) => Ok(r),
        // `raise JSONDecodeError("Expecting value", s, err.value) from None`.
        Err(Fail::Stop(at)) => Err(super::decode_error("Expecting value", doc, at, true)),
        Err(Fail::Error(e)) => Err(e),
    }
}

/// A code point of the document: a byte of an ASCII document, or a char.
trait Unit: Copy {
    fn ch(self) -> char;
    /// The text of a run of units when it can be borrowed (bytes of an ASCII document).
    fn borrow_run(run: &[Self]) -> Option<&str>;
    fn push_run(out: &mut String, run: &[Self]);
}

impl Unit for u8 {
    fn ch(self) -> char {
        char::from(self)
    }
    fn borrow_run(run: &[u8]) -> Option<&str> {
        core::str::from_utf8(run).ok()
    }
    fn push_run(out: &mut String, run: &[u8]) {
        out.push_str(core::str::from_utf8(run).unwrap_or(""));
    }
}

impl Unit for char {
    fn ch(self) -> char {
        self
    }
    fn borrow_run(_: &[char]) -> Option<&str> {
        None
    }
    fn push_run(out: &mut String, run: &[char]) {
        out.extend(run);
    }
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn skip_ws<U: Unit>(s: &[U], mut i: usize) -> usize {
    while i < s.len() && is_ws(s[i].ch()) {
        i += 1;
    }
    i
}

struct Scanner<'a, U: Unit> {
    s: &'a [U],
    doc: Obj,
    hooks: &'a Hooks,
    depth: i64,
    /// Keys seen in this document (`s->memo`: equal keys share one str object).
    memo: Vec<Owned>,
}

impl<'a, U: Unit> Scanner<'a, U> {
    fn err(&self, msg: &str, pos: usize) -> Fail {
        Fail::Error(super::decode_error(msg, self.doc, pos, false))
    }

    fn at(&self, i: usize) -> Option<char> {
        self.s.get(i).map(|u| u.ch())
    }

    fn matches(&self, i: usize, word: &str) -> bool {
        let n = word.len();
        i + n <= self.s.len() && self.s[i..i + n].iter().map(|u| u.ch()).eq(word.chars())
    }

    /// `scan_once_unicode`.
    fn scan_once(&mut self, idx: usize) -> Scan<(Owned, usize)> {
        let Some(c) = self.at(idx) else { return Err(Fail::Stop(idx)) };
        match c {
            '"' => {
                let (text, end) = self.scanstring(idx + 1)?;
                return Ok((Owned(pystr::str_from_text(&text)?), end));
            }
            '{' => return self.nested(" while decoding a JSON object from a unicode string", |sc| sc.object(idx + 1)),
            '[' => return self.nested(" while decoding a JSON array from a unicode string", |sc| sc.array(idx + 1)),
            'n' if self.matches(idx, "null") => return Ok((Owned(singletons::none()), idx + 4)),
            't' if self.matches(idx, "true") => return Ok((Owned(singletons::bool_obj(true)), idx + 4)),
            'f' if self.matches(idx, "false") => return Ok((Owned(singletons::bool_obj(false)), idx + 5)),
            'N' if self.matches(idx, "NaN") => return self.constant("NaN", idx),
            'I' if self.matches(idx, "Infinity") => return self.constant("Infinity", idx),
            '-' if self.matches(idx, "-Infinity") => return self.constant("-Infinity", idx),
            _ => {}
        }
        self.number(idx)
    }

    fn nested(&mut self, what: &str, body: impl FnOnce(&mut Self) -> Scan<(Owned, usize)>) -> Scan<(Owned, usize)> {
        self.depth += 1;
        if callable::current_depth() + self.depth > crate::exceptions::recursion_limit() {
            return Err(Fail::Error(MoltError::new(RecursionError, format!("maximum recursion depth exceeded{what}"))));
        }
        let r = body(self);
        self.depth -= 1;
        r
    }

    /// `_parse_constant`: `parse_constant(name)`, or the float.
    fn constant(&mut self, name: &str, idx: usize) -> Scan<(Owned, usize)> {
        let end = idx + name.len();
        let v = match self.hooks.parse_constant {
            Some(f) => {
                let text = Owned(pystr::str_from_text(name)?);
                callable::call_object(f, &[text.get()], &[])?
            }
            None => float::box_float(match name {
                "NaN" => f64::NAN,
                "Infinity" => f64::INFINITY,
                _ => f64::NEG_INFINITY,
            })?,
        };
        Ok((Owned(v), end))
    }

    /// `_match_number_unicode`.
    fn number(&mut self, start: usize) -> Scan<(Owned, usize)> {
        let s = self.s;
        let digit = |i: usize| s.get(i).is_some_and(|u| u.ch().is_ascii_digit());
        let c = |i: usize| s[i].ch();
        let len = s.len();
        let mut idx = start;
        if c(idx) == '-' {
            idx += 1;
            if idx >= len {
                return Err(Fail::Stop(start));
            }
        }
        if ('1'..='9').contains(&c(idx)) {
            idx += 1;
            while digit(idx) {
                idx += 1;
            }
        } else if c(idx) == '0' {
            idx += 1;
        } else {
            return Err(Fail::Stop(start));
        }
        let mut is_float = false;
        if idx + 1 < len && c(idx) == '.' && digit(idx + 1) {
            is_float = true;
            idx += 2;
            while digit(idx) {
                idx += 1;
            }
        }
        if idx + 1 < len && (c(idx) == 'e' || c(idx) == 'E') {
            let e_start = idx;
            idx += 1;
            if idx + 1 < len && (c(idx) == '-' || c(idx) == '+') {
                idx += 1;
            }
            while digit(idx) {
                idx += 1;
            }
            if digit(idx - 1) {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        let mut owned_text = String::new();
        let text: &str = match U::borrow_run(&s[start..idx]) {
            Some(t) => t,
            None => {
                U::push_run(&mut owned_text, &s[start..idx]);
                &owned_text
            }
        };
        let custom = if is_float { self.hooks.parse_float } else { self.hooks.parse_int };
        let v = if let Some(f) = custom {
            let t = Owned(pystr::str_from_text(text)?);
            callable::call_object(f, &[t.get()], &[])?
        } else if is_float {
            // `PyFloat_FromString`: correctly rounded, as Rust's parser is.
            float::box_float(text.parse::<f64>().unwrap_or(f64::NAN))?
        } else if text.len() > 4300 {
            // `PyLong_FromString`'s limit on digits, with int()'s own error.
            let t = Owned(pystr::str_from_text(text)?);
            let int_class = Owned(super::super::attrs::class_value(&int::molt_type_int));
            callable::call_object(int_class.get(), &[t.get()], &[])?
        } else {
            int::int_from_decimal_text(text.as_bytes())?
        };
        Ok((Owned(v), idx))
    }

    /// `scanstring_unicode`: the str whose opening quote is just before `end`, and the index
    /// after its closing quote (borrowed from an ASCII document when it has no escape).
    fn scanstring(&mut self, mut end: usize) -> Scan<(Cow<'a, str>, usize)> {
        let s = self.s;
        let len = s.len();
        let begin = end - 1;
        let mut out = String::new();
        loop {
            let mut next = end;
            let mut c = '\0';
            while next < len {
                c = s[next].ch();
                if c == '"' || c == '\\' {
                    break;
                }
                if (c as u32) <= 0x1f && self.hooks.strict {
                    return Err(self.err("Invalid control character at", next));
                }
                next += 1;
            }
            if next >= len || (c != '"' && c != '\\') {
                return Err(self.err("Unterminated string starting at", begin));
            }
            if c == '"' && out.is_empty()
                && let Some(t) = U::borrow_run(&s[end..next])
            {
                return Ok((Cow::Borrowed(t), next + 1));
            }
            U::push_run(&mut out, &s[end..next]);
            next += 1;
            if c == '"' {
                end = next;
                break;
            }
            if next == len {
                return Err(self.err("Unterminated string starting at", begin));
            }
            let c = s[next].ch();
            if c != 'u' {
                end = next + 1;
                let ch = match c {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => return Err(self.err("Invalid \\escape", end - 2)),
                };
                out.push(ch);
                continue;
            }
            next += 1;
            end = next + 4;
            if end >= len {
                return Err(self.err("Invalid \\uXXXX escape", next - 1));
            }
            let Some(mut u) = hex4(&s[next..end]) else { return Err(self.err("Invalid \\uXXXX escape", end - 5)) };
            next = end;
            // A surrogate pair.
            if (0xd800..=0xdbff).contains(&u) && end + 6 < len && s[next].ch() == '\\' && s[next + 1].ch() == 'u' {
                end += 6;
                let Some(u2) = hex4(&s[next + 2..end]) else { return Err(self.err("Invalid \\uXXXX escape", end - 5)) };
                if (0xdc00..=0xdfff).contains(&u2) {
                    u = 0x10000 + (((u - 0xd800) << 10) | (u2 - 0xdc00));
                } else {
                    end -= 6;
                }
            }
            match char::from_u32(u) {
                Some(ch) => out.push(ch),
                None => return Err(Fail::Error(MoltError::new(NotImplementedError, format!("a JSON string with a lone surrogate (\\u{u:04x}) is not supported by Molt (strs are UTF-8)")))),
            }
        }
        Ok((Cow::Owned(out), end))
    }

    /// `_parse_object_unicode`: the object whose `{` is just before `idx`.
    fn object(&mut self, mut idx: usize) -> Scan<(Owned, usize)> {
        let pairs_hook = self.hooks.object_pairs_hook;
        let result = Owned(if pairs_hook.is_some() { list::new_list(0)? } else { dict::new_dict()? });
        idx = skip_ws(self.s, idx);
        if self.at(idx) != Some('}') {
            loop {
                if self.at(idx) != Some('"') {
                    return Err(self.err("Expecting property name enclosed in double quotes", idx));
                }
                let (text, next) = self.scanstring(idx + 1)?;
                let key = self.memo_key(&text)?;
                idx = skip_ws(self.s, next);
                if self.at(idx) != Some(':') {
                    return Err(self.err("Expecting ':' delimiter", idx));
                }
                idx = skip_ws(self.s, idx + 1);
                let (value, next) = self.scan_once(idx)?;
                if pairs_hook.is_some() {
                    let pair = Owned(tuple::tuple_from_slice(&[key.get(), value.get()])?);
                    list::append(result.get(), pair.get())?;
                } else {
                    dict::set_item(result.get(), key.get(), value.get())?;
                }
                idx = skip_ws(self.s, next);
                if self.at(idx) == Some('}') {
                    break;
                }
                if self.at(idx) != Some(',') {
                    return Err(self.err("Expecting ',' delimiter", idx));
                }
                idx = skip_ws(self.s, idx + 1);
            }
        }
        let end = idx + 1;
        let hook = pairs_hook.or(self.hooks.object_hook);
        match hook {
            Some(f) => Ok((Owned(callable::call_object(f, &[result.get()], &[])?), end)),
            None => Ok((result, end)),
        }
    }

    /// The key `text` as a str object, the one made for an equal key before if any.
    fn memo_key(&mut self, text: &str) -> MoltResult<Owned> {
        if let Some(k) = self.memo.iter().find(|k| pystr::str_text(k.get()) == Some(text)) {
            return Ok(Owned(new_ref(k.get())));
        }
        let k = Owned(pystr::str_from_text(text)?);
        if self.memo.len() < 64 {
            self.memo.push(Owned(new_ref(k.get())));
        }
        Ok(k)
    }

    /// `_parse_array_unicode`: the array whose `[` is just before `idx`.
    fn array(&mut self, mut idx: usize) -> Scan<(Owned, usize)> {
        let result = Owned(list::new_list(0)?);
        idx = skip_ws(self.s, idx);
        if self.at(idx) != Some(']') {
            loop {
                let (value, next) = self.scan_once(idx)?;
                list::append(result.get(), value.get())?;
                idx = skip_ws(self.s, next);
                if self.at(idx) == Some(']') {
                    break;
                }
                if self.at(idx) != Some(',') {
                    return Err(self.err("Expecting ',' delimiter", idx));
                }
                idx = skip_ws(self.s, idx + 1);
            }
        }
        Ok((result, idx + 1))
    }
}

/// Four hex digits, any case.
fn hex4<U: Unit>(digits: &[U]) -> Option<u32> {
    digits.iter().try_fold(0u32, |acc, c| c.ch().to_digit(16).map(|d| (acc << 4) | d))
}
