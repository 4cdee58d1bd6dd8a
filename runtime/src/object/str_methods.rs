//! The methods of `str` (CPython 3.11's `unicode_methods`, without encode, format_map,
//! maketrans and translate): the searching, splitting, stripping, padding and joining ones
//! here; the case mappings and character-class predicates in `str_methods_case`; `format` in
//! `str_format`.
//!
//! Relies on: `str` for the text of a str object (UTF-8, with its code point count) and for
//! allocating strs of a known size; `call` for the argument checks of CPython's calling
//! conventions (METH_VARARGS, METH_O, METH_NOARGS, Argument Clinic's METH_FASTCALL); `list`,
//! `tuple` for results; `str_methods_case::is_space` for Python's whitespace (no table). The references
//! are CPython 3.11's `Objects/unicodeobject.c` (`unicode_count`, `any_find_slice`,
//! `tailmatch`, `replace`, `do_strip`, `_PyUnicode_XStrip`, `pad`, `unicode_center_impl`,
//! `unicode_zfill_impl`, `unicode_expandtabs_impl`, `_PyUnicode_JoinArray`,
//! `PyUnicode_Partition`), `Objects/stringlib/split.h`, `partition.h`, `find.h`
//! (`parse_args_finds`) and `Objects/clinic/unicodeobject.c.h` for the signatures and errors.
//!
//! Provides: the method tables of `molt_type_str`, which programs enable at run time
//! (`molt_enable_str_methods`, `_case_methods`, `_title_methods`, `_class_methods`,
//! `molt_enable_str_format`, called by `<module>` for the groups of the methods the program may
//! call) so that an executable links only the groups it uses: the text methods (here, no
//! Unicode table), the case mappings, the titlecase mappings and folding, the character
//! classes (`str_methods_case`, whose tables are most of the size) and `format`
//! (`str_format`, with the format-spec machinery); [`STR_ENABLED`].
//!
//! Invariants: indices (`start`, `end`, results of find, widths) count code points, as
//! CPython's do; they are converted to UTF-8 byte offsets only at character boundaries, so
//! every slice taken is valid UTF-8 and no index can panic. UTF-8 substring search (Rust's
//! `str::find`, linear-time Two-Way) finds exactly the code point substrings. ASCII text (byte
//! length = code point count) skips the conversions. Every method returns a new reference,
//! the receiver itself where CPython returns it unchanged (`unicode_result_unchanged`).

use alloc::format;
use alloc::vec::Vec;

use super::alloc::memory_error;
use super::call::{check_positional, exactly_one, no_keywords, ssize_arg};
use super::singletons::{self, is_none};
use super::str::{alloc_str, char_str, str_chars, str_text};
use super::str_methods_case as case;
use super::types::{EnabledMethods, MethodDef};
use super::{Obj, decref, int, list, new_ref, tuple};
use crate::ExceptionKind::{OverflowError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};

type Kw<'a, 'b> = &'a [(&'b str, Obj)];

/// A str's text with its length in code points.
#[derive(Clone, Copy)]
struct Text<'a> {
    s: &'a str,
    chars: usize,
}

impl<'a> Text<'a> {
    fn of(o: Obj) -> Text<'a> {
        Text {
            s: str_text(o).unwrap_or(""),
            chars: str_chars(o),
        }
    }

    fn ascii(self) -> bool {
        self.s.len() == self.chars
    }

    /// The byte offset of code point `cp` (`cp <= chars`).
    fn byte_of(self, cp: usize) -> usize {
        if self.ascii() {
            return cp.min(self.s.len());
        }
        self.s
            .char_indices()
            .nth(cp)
            .map_or(self.s.len(), |(b, _)| b)
    }

    /// The code point index of byte offset `b` (a character boundary).
    fn cp_of(self, b: usize) -> usize {
        if self.ascii() {
            return b;
        }
        self.s.get(..b).map_or(0, |p| p.chars().count())
    }
}

fn as_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// CPython's `ADJUST_INDICES(start, end, len)`: negative indices count from the end; `end`
/// is clamped to `len` and both to 0 (`start` may stay past `len`).
fn adjust(start: i64, end: i64, len: usize) -> (i64, i64) {
    let len = as_i64(len);
    let end = if end > len {
        len
    } else if end < 0 {
        (end + len).max(0)
    } else {
        end
    };
    let start = if start < 0 {
        (start + len).max(0)
    } else {
        start
    };
    (start, end)
}

/// A new str of `piece` (`chars` code points): the static empty or one-character strs where
/// they apply, else one allocation of the exact size.
fn new_str(piece: &str, chars: usize) -> MoltResult<Obj> {
    if chars == 1
        && let Some(c) = piece.chars().next()
    {
        return char_str(c);
    }
    alloc_str(piece.len(), chars, |d| d.copy_from_slice(piece.as_bytes()))
}

/// The str of `piece`, a slice of `s`'s text: `s` itself when it is the whole text.
fn substr(s: Obj, t: Text, piece: &str) -> MoltResult<Obj> {
    if piece.len() == t.s.len() {
        return Ok(new_ref(s));
    }
    let chars = if t.ascii() {
        piece.len()
    } else {
        piece.chars().count()
    };
    new_str(piece, chars)
}

/// Releases the references in `items`.
fn release(items: Vec<Obj>) {
    for o in items {
        // SAFETY: each is a reference owned by the vector.
        unsafe { decref(o) };
    }
}

/// `_PyArg_BadArgument`'s name of an argument's type ("None" for None).
fn arg_type_name(o: Obj) -> &'static str {
    if is_none(o) { "None" } else { o.type_of().name }
}

/// `ensure_unicode`: TypeError "must be str, not int".
fn str_arg<'a>(o: Obj) -> MoltResult<&'a str> {
    match str_text(o) {
        Some(t) => Ok(t),
        None => fail(TypeError, format!("must be str, not {}", o.type_of().name)),
    }
}

/// `_PyEval_SliceIndex` for a start or end that is not None (clamped to the i64 range).
fn slice_index(o: Obj) -> MoltResult<i64> {
    if o.type_of().index_slot().is_none() {
        return fail(
            TypeError,
            "slice indices must be integers or None or have an __index__ method",
        );
    }
    super::call::slice_index_not_none(o)
}

/// `stringlib_parse_args_finds(name, args)`: `(sub[, start[, end]])`, None meaning the default.
fn parse_finds(name: &str, pos: &[Obj], kw: Kw) -> MoltResult<(Obj, i64, i64)> {
    if !kw.is_empty() {
        // METH_VARARGS: `_PyArg_NoKeywords` names the bare method.
        return fail(TypeError, format!("{name}() takes no keyword arguments"));
    }
    if pos.is_empty() || pos.len() > 3 {
        let (qual, n) = if pos.is_empty() {
            ("at least", 1)
        } else {
            ("at most", 3)
        };
        return fail(
            TypeError,
            format!(
                "{name}() takes {qual} {n} argument{} ({} given)",
                if n == 1 { "" } else { "s" },
                pos.len()
            ),
        );
    }
    let start = match pos.get(1) {
        Some(&o) if !is_none(o) => slice_index(o)?,
        _ => 0,
    };
    let end = match pos.get(2) {
        Some(&o) if !is_none(o) => slice_index(o)?,
        _ => i64::MAX,
    };
    Ok((pos[0], start, end))
}

/// The code point window `[start, end)` of `t` after `adjust`, as byte offsets, if it can hold
/// `need` code points.
fn window(t: Text, start: i64, end: i64, need: usize) -> Option<(usize, usize, usize)> {
    let (start, end) = adjust(start, end, t.chars);
    if end - start < as_i64(need) {
        return None;
    }
    // 0 <= start <= end <= chars here.
    let (start, end) = (start as usize, end as usize);
    Some((start, t.byte_of(start), t.byte_of(end)))
}

/// `any_find_slice`: the code point index of the first (last when `reverse`) `sub` in
/// `t[start:end]`, or -1.
fn find_index(t: Text, sub: Obj, start: i64, end: i64, reverse: bool) -> MoltResult<i64> {
    let needle = str_arg(sub)?;
    let Some((cp0, b0, b1)) = window(t, start, end, str_chars(sub)) else {
        return Ok(-1);
    };
    let hay = &t.s[b0..b1];
    let found = if reverse {
        hay.rfind(needle)
    } else {
        hay.find(needle)
    };
    Ok(match found {
        Some(b) => as_i64(cp0 + t.cp_of(b0 + b) - t.cp_of(b0)),
        None => -1,
    })
}

fn finder(s: Obj, name: &str, pos: &[Obj], kw: Kw, reverse: bool, raise: bool) -> MoltResult<Obj> {
    let (sub, start, end) = parse_finds(name, pos, kw)?;
    let i = find_index(Text::of(s), sub, start, end, reverse)?;
    if i < 0 && raise {
        return fail(ValueError, "substring not found");
    }
    int::from_i64(i)
}

/// `str.find(sub[, start[, end]])`.
fn find(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    finder(s, "find", pos, kw, false, false)
}

/// `str.rfind(sub[, start[, end]])`.
fn rfind(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    finder(s, "rfind", pos, kw, true, false)
}

/// `str.index(sub[, start[, end]])`: ValueError "substring not found".
fn index(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    finder(s, "index", pos, kw, false, true)
}

/// `str.rindex(sub[, start[, end]])`.
fn rindex(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    finder(s, "rindex", pos, kw, true, true)
}

/// `str.count(sub[, start[, end]])`: non-overlapping occurrences; the empty str occurs
/// `end - start + 1` times.
fn count(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let (sub, start, end) = parse_finds("count", pos, kw)?;
    let needle = str_arg(sub)?;
    let t = Text::of(s);
    let Some((cp0, b0, b1)) = window(t, start, end, str_chars(sub)) else {
        return int::from_i64(0);
    };
    if needle.is_empty() {
        let (_, end) = adjust(start, end, t.chars);
        return int::from_i64(end - as_i64(cp0) + 1);
    }
    int::from_i64(as_i64(t.s[b0..b1].matches(needle).count()))
}

/// `tailmatch`: whether `t[start:end]` starts (ends, when `at_end`) with `sub`.
fn tailmatch(t: Text, sub: &str, sub_chars: usize, start: i64, end: i64, at_end: bool) -> bool {
    let Some((_, b0, b1)) = window(t, start, end, sub_chars) else {
        return false;
    };
    let hay = &t.s[b0..b1];
    if at_end {
        hay.ends_with(sub)
    } else {
        hay.starts_with(sub)
    }
}

/// `str.startswith(prefix[, start[, end]])` / `endswith`: a str or a tuple of strs.
fn affix(s: Obj, name: &str, pos: &[Obj], kw: Kw, at_end: bool) -> MoltResult<Obj> {
    let (sub, start, end) = parse_finds(name, pos, kw)?;
    let t = Text::of(s);
    if let Some(items) = tuple::tuple_items(sub) {
        for &item in items {
            let Some(x) = str_text(item) else {
                return fail(
                    TypeError,
                    format!(
                        "tuple for {name} must only contain str, not {}",
                        item.type_of().name
                    ),
                );
            };
            if tailmatch(t, x, str_chars(item), start, end, at_end) {
                return Ok(singletons::bool_obj(true));
            }
        }
        return Ok(singletons::bool_obj(false));
    }
    let Some(x) = str_text(sub) else {
        return fail(
            TypeError,
            format!(
                "{name} first arg must be str or a tuple of str, not {}",
                sub.type_of().name
            ),
        );
    };
    Ok(singletons::bool_obj(tailmatch(
        t,
        x,
        str_chars(sub),
        start,
        end,
        at_end,
    )))
}

fn startswith(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    affix(s, "startswith", pos, kw, false)
}

fn endswith(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    affix(s, "endswith", pos, kw, true)
}

/// `str.replace(old, new, count=-1, /)`.
fn replace(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_keywords(s, "replace", kw)?;
    check_positional("replace", pos.len(), 2, 3)?;
    let bad = |n: usize, o: Obj| {
        fail(
            TypeError,
            format!(
                "replace() argument {n} must be str, not {}",
                arg_type_name(o)
            ),
        )
    };
    let Some(old) = str_text(pos[0]) else {
        return bad(1, pos[0]);
    };
    let Some(new) = str_text(pos[1]) else {
        return bad(2, pos[1]);
    };
    let max = match pos.get(2) {
        Some(&c) => ssize_arg(c)?,
        None => -1,
    };
    let t = Text::of(s);
    let (old_chars, new_chars) = (str_chars(pos[0]), str_chars(pos[1]));
    if t.chars < old_chars || max == 0 || (old.is_empty() && new.is_empty()) || old == new {
        return Ok(new_ref(s));
    }
    let max = usize::try_from(max).unwrap_or(usize::MAX);
    // The byte offsets of the replaced pieces.
    let mut at: Vec<usize> = Vec::new();
    if old.is_empty() {
        // Before each character and at the end.
        let n = (t.chars + 1).min(max);
        if at.try_reserve_exact(n).is_err() {
            return memory_error();
        }
        at.extend(
            t.s.char_indices()
                .map(|(b, _)| b)
                .chain(core::iter::once(t.s.len()))
                .take(n),
        );
    } else {
        for (b, _) in t.s.match_indices(old).take(max) {
            if at.try_reserve(1).is_err() {
                return memory_error();
            }
            at.push(b);
        }
    }
    if at.is_empty() {
        return Ok(new_ref(s));
    }
    let n = at.len();
    let too_long = || fail(OverflowError, "replace string is too long");
    let Some(len) = new
        .len()
        .checked_mul(n)
        .and_then(|x| (t.s.len() - old.len() * n).checked_add(x))
        .filter(|&l| l <= isize::MAX as usize)
    else {
        return too_long();
    };
    let chars = t.chars - old_chars * n + new_chars * n;
    alloc_str(len, chars, |d| {
        let mut w = 0;
        let mut r = 0;
        let put = |d: &mut [u8], w: &mut usize, bytes: &[u8]| {
            d[*w..*w + bytes.len()].copy_from_slice(bytes);
            *w += bytes.len();
        };
        for &b in &at {
            put(d, &mut w, &t.s.as_bytes()[r..b]);
            put(d, &mut w, new.as_bytes());
            r = b + old.len();
        }
        put(d, &mut w, &t.s.as_bytes()[r..]);
    })
}

// --- split -----------------------------------------------------------------------------------

/// `split`/`rsplit`'s arguments: the separator (None for whitespace) and the split limit.
fn split_args(name: &str, pos: &[Obj], kw: Kw) -> MoltResult<(Option<Obj>, usize)> {
    let [sep, maxsplit] = super::call::unpack_optional(name, ["sep", "maxsplit"], pos, kw)?;
    let max = match maxsplit {
        Some(m) => ssize_arg(m)?,
        None => -1,
    };
    let sep = sep.filter(|&o| !is_none(o));
    if let Some(sep) = sep {
        let Some(text) = str_text(sep) else {
            return fail(
                TypeError,
                format!("must be str or None, not {}", sep.type_of().name),
            );
        };
        if text.is_empty() {
            return fail(ValueError, "empty separator");
        }
    }
    Ok((sep, usize::try_from(max).unwrap_or(usize::MAX)))
}

/// The byte ranges of the whitespace-separated words of `text`, at most `max` splits, from
/// the left (`stringlib_split_whitespace`).
fn words(text: &str, max: usize, out: &mut Vec<(usize, usize)>) -> MoltResult<()> {
    // One pass, the start of the current word (if any) as the state: no `Peekable` adapter,
    // whose `next_if` LLVM may leave out of line (wordfreq +4% when it did).
    let mut push = |r: (usize, usize)| {
        if out.try_reserve(1).is_err() {
            return memory_error();
        }
        out.push(r);
        Ok(())
    };
    if text.is_ascii() {
        return ascii_words(text.as_bytes(), max, push);
    }
    let mut start: Option<usize> = None;
    let mut splits = 0;
    for (b, c) in text.char_indices() {
        let space = case::is_space(c);
        match start {
            None if !space => {
                if splits == max {
                    // The rest, trailing whitespace included.
                    return push((b, text.len()));
                }
                start = Some(b);
            }
            Some(s) if space => {
                push((s, b))?;
                splits += 1;
                start = None;
            }
            None | Some(_) => {}
        }
    }
    match start {
        Some(s) => push((s, text.len())),
        None => Ok(()),
    }
}

/// [`words`] of ASCII text, by bytes: the whitespace is `_Py_ascii_whitespace`'s (`\t` to
/// `\r`, `\x1c` to `\x1f`, and the space).
fn ascii_words(bytes: &[u8], max: usize, mut push: impl FnMut((usize, usize)) -> MoltResult<()>) -> MoltResult<()> {
    let space = |b: u8| matches!(b, 0x09..=0x0d | 0x1c..=0x20);
    let n = bytes.len();
    let mut i = 0;
    let mut splits = 0;
    loop {
        while i < n && space(bytes[i]) {
            i += 1;
        }
        if i == n {
            return Ok(());
        }
        if splits == max {
            // The rest, trailing whitespace included.
            return push((i, n));
        }
        let start = i;
        while i < n && !space(bytes[i]) {
            i += 1;
        }
        push((start, i))?;
        splits += 1;
    }
}

/// `stringlib_rsplit_whitespace`: the words from the right (in reverse order).
fn rwords(text: &str, max: usize, out: &mut Vec<(usize, usize)>) -> MoltResult<()> {
    let mut it = text.char_indices().rev().peekable();
    let mut splits = 0;
    loop {
        while it.next_if(|&(_, c)| case::is_space(c)).is_some() {}
        let Some(&(last, c)) = it.peek() else {
            return Ok(());
        };
        let end = last + c.len_utf8();
        if splits == max {
            if out.try_reserve(1).is_err() {
                return memory_error();
            }
            out.push((0, end));
            return Ok(());
        }
        let mut start = last;
        while let Some((b, _)) = it.next_if(|&(_, c)| !case::is_space(c)) {
            start = b;
        }
        if out.try_reserve(1).is_err() {
            return memory_error();
        }
        out.push((start, end));
        splits += 1;
    }
}

/// The pieces of `t` at `ranges` as a list.
fn pieces(s: Obj, t: Text, ranges: &[(usize, usize)]) -> MoltResult<Obj> {
    list::list_from_fn(ranges.len(), |k| substr(s, t, &t.s[ranges[k].0..ranges[k].1]))
}

/// Runs `f` with an empty vector for the split methods' ranges: one buffer kept between calls
/// (taken out while in use, so a call made meanwhile gets a new one).
fn with_ranges<R>(f: impl FnOnce(&mut Vec<(usize, usize)>) -> MoltResult<R>) -> MoltResult<R> {
    static SPARE: crate::sys::Global<Vec<(usize, usize)>> = crate::sys::Global::new(Vec::new());
    let mut v = SPARE.with(core::mem::take);
    v.clear();
    let r = f(&mut v);
    // A buffer a huge split grew is not kept.
    if v.capacity() <= 1024 {
        SPARE.with(|s| *s = v);
    }
    r
}

fn split_impl(s: Obj, name: &str, pos: &[Obj], kw: Kw, reverse: bool) -> MoltResult<Obj> {
    let (sep, max) = split_args(name, pos, kw)?;
    let t = Text::of(s);
    with_ranges(|ranges| split_ranges(t, sep, max, reverse, ranges).and_then(|()| pieces(s, t, ranges)))
}

/// The ranges of the pieces of `t` that `split`/`rsplit` (`reverse`) make, in order.
fn split_ranges(t: Text, sep: Option<Obj>, max: usize, reverse: bool, ranges: &mut Vec<(usize, usize)>) -> MoltResult<()> {
    if ranges.try_reserve(8).is_err() {
        return memory_error();
    }
    match sep.and_then(str_text) {
        None if reverse => rwords(t.s, max, ranges)?,
        None => words(t.s, max, ranges)?,
        Some(sep) => {
            let mut last = if reverse { t.s.len() } else { 0 };
            let mut push_range = |r: (usize, usize)| {
                if ranges.try_reserve(1).is_err() {
                    return memory_error();
                }
                ranges.push(r);
                Ok(())
            };
            if let &[c] = sep.as_bytes() {
                // One ASCII byte: a byte scan (no substring searcher to set up).
                let bytes = t.s.as_bytes();
                if reverse {
                    let found = bytes.iter().enumerate().filter(|&(_, &b)| b == c).map(|(i, _)| i);
                    for b in found.rev().take(max) {
                        push_range((b + 1, last))?;
                        last = b;
                    }
                    push_range((0, last))?;
                } else {
                    let mut splits = 0;
                    while splits < max
                        && let Some(b) = super::str_scan::find_byte(bytes, last, c)
                    {
                        push_range((last, b))?;
                        last = b + 1;
                        splits += 1;
                    }
                    push_range((last, t.s.len()))?;
                }
            } else if reverse {
                for (b, _) in t.s.rmatch_indices(sep).take(max) {
                    push_range((b + sep.len(), last))?;
                    last = b;
                }
                push_range((0, last))?;
            } else {
                for (b, _) in t.s.match_indices(sep).take(max) {
                    push_range((last, b))?;
                    last = b + sep.len();
                }
                push_range((last, t.s.len()))?;
            }
        }
    }
    if reverse {
        ranges.reverse();
    }
    Ok(())
}

/// `str.split(sep=None, maxsplit=-1)`.
fn split(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    // The usual `line.split(",")`: one ASCII byte, every split.
    if let ([sep], []) = (pos, kw)
        && let Some(&[c]) = str_text(*sep).map(str::as_bytes)
    {
        let t = Text::of(s);
        return super::str_scan::split_byte(t.s.as_bytes(), c, |a, b| substr(s, t, &t.s[a..b]));
    }
    split_impl(s, "split", pos, kw, false)
}

/// `str.rsplit(sep=None, maxsplit=-1)`.
fn rsplit(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    split_impl(s, "rsplit", pos, kw, true)
}

/// `str.splitlines(keepends=False)`: `\r\n` is one break; the breaks are
/// `Py_UNICODE_ISLINEBREAK`'s (Bidi_Class B or General_Category Zl, and `\v`, `\f`).
fn splitlines(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let [keepends] = super::call::unpack_optional("splitlines", ["keepends"], pos, kw)?;
    let keepends = match keepends {
        Some(k) => super::call::c_int_arg(k)? != 0,
        None => false,
    };
    let t = Text::of(s);
    with_ranges(|ranges| line_ranges(t, keepends, ranges).and_then(|()| pieces(s, t, ranges)))
}

/// The ranges of the lines of `t` (`splitlines`), with their line breaks when `keepends`.
fn line_ranges(t: Text, keepends: bool, ranges: &mut Vec<(usize, usize)>) -> MoltResult<()> {
    let bytes = t.s.as_bytes();
    let mut start = 0;
    // A byte scan: the line breaks are the ASCII ones and U+0085, U+2028, U+2029, whose UTF-8
    // lead bytes (0xC2, 0xE2) never occur inside another character's encoding.
    let mut b = 0;
    // Only a control character or a non-ASCII one's bytes may start a break.
    while let Some(at) = super::str_scan::find_below_or_high(bytes, b, 0x20) {
        b = at;
        let width = match bytes[b] {
            b'\n' | b'\r' | 0x0b | 0x0c | 0x1c..=0x1e => 1,
            0xc2 if bytes.get(b + 1) == Some(&0x85) => 2,
            0xe2 if bytes.get(b + 1) == Some(&0x80) && matches!(bytes.get(b + 2), Some(0xa8 | 0xa9)) => 3,
            _ => {
                b += 1;
                continue;
            }
        };
        let mut eol = b + width;
        if bytes[b] == b'\r' && bytes.get(eol) == Some(&b'\n') {
            eol += 1;
        }
        if ranges.try_reserve(1).is_err() {
            return memory_error();
        }
        ranges.push((start, if keepends { eol } else { b }));
        start = eol;
        b = eol;
    }
    if start < t.s.len() {
        if ranges.try_reserve(1).is_err() {
            return memory_error();
        }
        ranges.push((start, t.s.len()));
    }
    Ok(())
}

/// `PyUnicode_Partition` / `PyUnicode_RPartition`.
fn partition_impl(s: Obj, name: &str, pos: &[Obj], kw: Kw, reverse: bool) -> MoltResult<Obj> {
    let sep_obj = exactly_one(s, name, pos, kw)?;
    let sep = str_arg(sep_obj)?;
    if sep.is_empty() {
        return fail(ValueError, "empty separator");
    }
    let t = Text::of(s);
    let found = if reverse {
        t.s.rfind(sep)
    } else {
        t.s.find(sep)
    };
    let empty = || alloc_str(0, 0, |_| {});
    let parts: [MoltResult<Obj>; 3] = match found {
        Some(b) => [
            substr(s, t, &t.s[..b]),
            Ok(new_ref(sep_obj)),
            substr(s, t, &t.s[b + sep.len()..]),
        ],
        None if reverse => [empty(), empty(), Ok(new_ref(s))],
        None => [Ok(new_ref(s)), empty(), empty()],
    };
    tuple::tuple_from_results(parts)
}

fn partition(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    partition_impl(s, "partition", pos, kw, false)
}

fn rpartition(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    partition_impl(s, "rpartition", pos, kw, true)
}

// --- strip -----------------------------------------------------------------------------------

/// `do_argstrip`: `chars` None strips whitespace, a str strips its characters.
fn strip_impl(s: Obj, name: &str, pos: &[Obj], kw: Kw, left: bool, right: bool) -> MoltResult<Obj> {
    no_keywords(s, name, kw)?;
    check_positional(name, pos.len(), 0, 1)?;
    let set = match pos.first() {
        Some(&c) if !is_none(c) => match str_text(c) {
            Some(t) => Some(t),
            None => return fail(TypeError, format!("{name} arg must be None or str")),
        },
        _ => None,
    };
    let t = Text::of(s);
    let strip = |c: char| match set {
        Some(set) => set.contains(c),
        None => case::is_space(c),
    };
    let mut piece = t.s;
    if left {
        piece = piece.trim_start_matches(strip);
    }
    if right {
        piece = piece.trim_end_matches(strip);
    }
    substr(s, t, piece)
}

fn strip(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    strip_impl(s, "strip", pos, kw, true, true)
}

fn lstrip(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    strip_impl(s, "lstrip", pos, kw, true, false)
}

fn rstrip(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    strip_impl(s, "rstrip", pos, kw, false, true)
}

/// `str.removeprefix(prefix, /)`.
fn removeprefix(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let p = exactly_one(s, "removeprefix", pos, kw)?;
    let Some(prefix) = str_text(p) else {
        return fail(
            TypeError,
            format!(
                "removeprefix() argument must be str, not {}",
                arg_type_name(p)
            ),
        );
    };
    let t = Text::of(s);
    match t.s.strip_prefix(prefix) {
        Some(rest) if !prefix.is_empty() => substr(s, t, rest),
        _ => Ok(new_ref(s)),
    }
}

/// `str.removesuffix(suffix, /)`.
fn removesuffix(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let p = exactly_one(s, "removesuffix", pos, kw)?;
    let Some(suffix) = str_text(p) else {
        return fail(
            TypeError,
            format!(
                "removesuffix() argument must be str, not {}",
                arg_type_name(p)
            ),
        );
    };
    let t = Text::of(s);
    match t.s.strip_suffix(suffix) {
        Some(rest) if !suffix.is_empty() => substr(s, t, rest),
        _ => Ok(new_ref(s)),
    }
}

// --- padding ---------------------------------------------------------------------------------

/// `convert_uc`: the fill character argument.
fn fill_char(o: Obj) -> MoltResult<char> {
    let Some(text) = str_text(o) else {
        return fail(
            TypeError,
            format!(
                "The fill character must be a unicode character, not {}",
                o.type_of().name
            ),
        );
    };
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => fail(
            TypeError,
            "The fill character must be exactly one character long",
        ),
    }
}

/// `pad(self, left, right, fill)`.
fn pad(s: Obj, left: usize, right: usize, fill: char) -> MoltResult<Obj> {
    let t = Text::of(s);
    if left == 0 && right == 0 {
        return Ok(new_ref(s));
    }
    let chars = left
        .checked_add(right)
        .and_then(|n| n.checked_add(t.chars))
        .filter(|&n| n <= isize::MAX as usize);
    let Some(chars) = chars else {
        return fail(OverflowError, "padded string is too long");
    };
    let mut buf = [0u8; 4];
    let f = fill.encode_utf8(&mut buf).as_bytes();
    let Some(len) = (left + right)
        .checked_mul(f.len())
        .and_then(|n| n.checked_add(t.s.len()))
        .filter(|&n| n <= isize::MAX as usize)
    else {
        return memory_error();
    };
    alloc_str(len, chars, |d| {
        let (l, rest) = d.split_at_mut(left * f.len());
        let (m, r) = rest.split_at_mut(t.s.len());
        for chunk in l
            .chunks_exact_mut(f.len())
            .chain(r.chunks_exact_mut(f.len()))
        {
            chunk.copy_from_slice(f);
        }
        m.copy_from_slice(t.s.as_bytes());
    })
}

/// `(width, fillchar=' ', /)` of center, ljust and rjust; None when the str is wide enough.
fn width_args(s: Obj, name: &str, pos: &[Obj], kw: Kw) -> MoltResult<Option<(usize, char)>> {
    no_keywords(s, name, kw)?;
    check_positional(name, pos.len(), 1, 2)?;
    let width = ssize_arg(pos[0])?;
    let fill = match pos.get(1) {
        Some(&f) => fill_char(f)?,
        None => ' ',
    };
    let len = as_i64(str_chars(s));
    Ok(if len >= width {
        None
    } else {
        Some(((width - len) as usize, fill))
    })
}

/// `str.center(width, fillchar=' ', /)`: the odd cell goes left when `width` is odd.
fn center(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let Some((marg, fill)) = width_args(s, "center", pos, kw)? else {
        return Ok(new_ref(s));
    };
    let width = marg + str_chars(s);
    let left = marg / 2 + (marg & width & 1);
    pad(s, left, marg - left, fill)
}

fn ljust(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    match width_args(s, "ljust", pos, kw)? {
        Some((marg, fill)) => pad(s, 0, marg, fill),
        None => Ok(new_ref(s)),
    }
}

fn rjust(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    match width_args(s, "rjust", pos, kw)? {
        Some((marg, fill)) => pad(s, marg, 0, fill),
        None => Ok(new_ref(s)),
    }
}

/// `str.zfill(width, /)`: zeros on the left, after a leading sign.
fn zfill(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let w = exactly_one(s, "zfill", pos, kw)?;
    let width = ssize_arg(w)?;
    let t = Text::of(s);
    let len = as_i64(t.chars);
    if len >= width {
        return Ok(new_ref(s));
    }
    let fill = (width - len) as usize;
    let sign = matches!(t.s.as_bytes().first(), Some(b'+' | b'-'));
    let Some(total) =
        t.s.len()
            .checked_add(fill)
            .filter(|&n| n <= isize::MAX as usize)
    else {
        return fail(OverflowError, "padded string is too long");
    };
    alloc_str(total, t.chars + fill, |d| {
        d[..fill].fill(b'0');
        d[fill..].copy_from_slice(t.s.as_bytes());
        if sign {
            d[0] = t.s.as_bytes()[0];
            d[fill] = b'0';
        }
    })
}

/// `str.expandtabs(tabsize=8)`: columns restart after `\n` and `\r`; a tabsize <= 0 removes
/// the tabs.
fn expandtabs(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let [tabsize] = super::call::unpack_optional("expandtabs", ["tabsize"], pos, kw)?;
    let tabsize = match tabsize {
        Some(t) => i64::from(super::call::c_int_arg(t)?),
        None => 8,
    };
    let t = Text::of(s);
    if !t.s.contains('\t') {
        return Ok(new_ref(s));
    }
    // First pass: the size (as CPython's, with its overflow check).
    let mut total: i64 = 0;
    let mut col: i64 = 0;
    for c in t.s.chars() {
        if c == '\t' {
            if tabsize > 0 {
                let incr = tabsize - col % tabsize;
                if total > i64::MAX - incr {
                    return fail(OverflowError, "new string is too long");
                }
                col += incr;
                total += incr;
            }
        } else {
            total += 1;
            col += 1;
            if c == '\n' || c == '\r' {
                col = 0;
            }
        }
    }
    let tabs = t.s.bytes().filter(|&b| b == b'\t').count();
    let spaces = total - as_i64(t.chars - tabs);
    let Some(len) = usize::try_from(spaces)
        .ok()
        .and_then(|n| n.checked_add(t.s.len() - tabs))
        .filter(|&n| n <= isize::MAX as usize)
    else {
        return memory_error();
    };
    alloc_str(len, total as usize, |d| {
        let mut w = 0;
        let mut col: i64 = 0;
        for c in t.s.chars() {
            if c == '\t' {
                if tabsize > 0 {
                    let incr = tabsize - col % tabsize;
                    d[w..w + incr as usize].fill(b' ');
                    w += incr as usize;
                    col += incr;
                }
            } else {
                let n = c.len_utf8();
                c.encode_utf8(&mut d[w..w + n]);
                w += n;
                col += 1;
                if c == '\n' || c == '\r' {
                    col = 0;
                }
            }
        }
    })
}

/// `str.join(iterable, /)`: one allocation of the exact size.
fn join(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let iterable = exactly_one(s, "join", pos, kw)?;
    let items = list::sequence_fast(iterable, "can only join an iterable")?;
    let r = join_items(s, &items);
    release(items);
    r
}

fn join_items(s: Obj, items: &[Obj]) -> MoltResult<Obj> {
    match items {
        [] => return alloc_str(0, 0, |_| {}),
        [one] if one.type_of().is(&super::str::molt_type_str) => return Ok(new_ref(*one)),
        _ => {}
    }
    let sep = Text::of(s);
    let mut len = sep.s.len() * (items.len() - 1);
    let mut chars = sep.chars * (items.len() - 1);
    for (i, &item) in items.iter().enumerate() {
        let Some(text) = str_text(item) else {
            return fail(
                TypeError,
                format!(
                    "sequence item {i}: expected str instance, {} found",
                    item.type_of().name
                ),
            );
        };
        len = match len.checked_add(text.len()) {
            Some(l) if l <= isize::MAX as usize => l,
            _ => {
                return fail(
                    OverflowError,
                    "join() result is too long for a Python string",
                );
            }
        };
        chars += str_chars(item);
    }
    alloc_str(len, chars, |d| {
        let mut w = 0;
        for (i, &item) in items.iter().enumerate() {
            if i > 0 {
                d[w..w + sep.s.len()].copy_from_slice(sep.s.as_bytes());
                w += sep.s.len();
            }
            let text = str_text(item).unwrap_or("").as_bytes();
            d[w..w + text.len()].copy_from_slice(text);
            w += text.len();
        }
    })
}

/// `str.isascii()`: true for the empty str too.
fn isascii(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    super::call::no_args(s, "isascii", pos, kw)?;
    Ok(singletons::bool_obj(Text::of(s).ascii()))
}

/// `str.isspace()`: Python's whitespace (`str_methods_case::is_space`, no table).
fn isspace(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    super::call::no_args(s, "isspace", pos, kw)?;
    let t = Text::of(s).s;
    Ok(singletons::bool_obj(
        !t.is_empty() && t.chars().all(case::is_space),
    ))
}

/// `str.format(*args, **kwargs)`.
fn format(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    super::str_format::format(s, pos, kw)
}

/// `str.format_map(mapping)`.
fn format_map(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let mapping = super::call::exactly_one(s, "format_map", pos, kw)?;
    super::str_format::format_map(s, mapping)
}

/// The enabled method tables of `str` (`molt_type_str.enabled_methods`).
pub static STR_ENABLED: EnabledMethods = EnabledMethods::new();

/// Makes the text methods of str callable.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_str_methods() {
    STR_ENABLED.enable(0, STR_TEXT_METHODS);
    MAKETRANS_HOOK.with(|h| *h = Some(super::str_translate::maketrans_value));
}

/// `str.maketrans` read from the class, once the text group is enabled (a hook, so that `str`'s
/// type object names none of it).
static MAKETRANS_HOOK: crate::sys::Global<Option<fn() -> Obj>> = crate::sys::Global::new(None);

/// `str.maketrans` read from the class (`str`'s class function): through the hook.
pub fn maketrans_class_value() -> Obj {
    match core::hint::black_box(MAKETRANS_HOOK.with(|h| *h)) {
        Some(f) => f(),
        None => crate::exceptions::value_or_raise(fail(crate::ExceptionKind::RuntimeError, "str.maketrans reached without molt_enable_str_methods (a compiler bug)")),
    }
}

/// Makes `str.lower`, `upper` and `swapcase` callable.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_str_case_methods() {
    STR_ENABLED.enable(1, case::STR_CASE_METHODS);
}

/// Makes `str.capitalize`, `casefold` and `title` callable.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_str_title_methods() {
    STR_ENABLED.enable(2, case::STR_TITLE_METHODS);
}

/// Makes str's character-class predicates callable.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_str_class_methods() {
    STR_ENABLED.enable(3, case::STR_CLASS_METHODS);
}

/// Makes `str.format` callable.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_str_format() {
    STR_ENABLED.enable(4, STR_FORMAT_METHODS);
}

/// Makes `str.encode` callable (from `molt_enable_bytes`: it makes bytes objects).
pub fn enable_encode() {
    STR_ENABLED.enable(5, STR_ENCODE_METHODS);
}

/// Enables every method of str (the unit tests).
#[cfg(test)]
pub fn enable_all() {
    molt_enable_str_methods();
    molt_enable_str_case_methods();
    molt_enable_str_title_methods();
    molt_enable_str_class_methods();
    molt_enable_str_format();
    enable_encode();
}

/// `str.encode`, enabled with the class `bytes` (`codecs`).
const STR_ENCODE_METHODS: &[MethodDef] = &[MethodDef { name: "encode", call: super::codecs::str_encode }];

/// `str.format`, enabled alone: it links the whole format-spec machinery.
const STR_FORMAT_METHODS: &[MethodDef] = &[
    MethodDef { name: "format", call: format },
    MethodDef { name: "format_map", call: format_map },
];

macro_rules! methods {
    ($($name:literal => $f:expr),* $(,)?) => {
        /// The text methods of `str` (those that need no Unicode database).
        const STR_TEXT_METHODS: &[MethodDef] = &[$(MethodDef { name: $name, call: $f }),*];
    };
}

methods! {
    "center" => center,
    "maketrans" => super::str_translate::maketrans,
    "translate" => super::str_translate::translate,
    "count" => count,
    "endswith" => endswith,
    "expandtabs" => expandtabs,
    "find" => find,
    "index" => index,
    "isascii" => isascii,
    "isspace" => isspace,
    "join" => join,
    "ljust" => ljust,
    "lstrip" => lstrip,
    "partition" => partition,
    "removeprefix" => removeprefix,
    "removesuffix" => removesuffix,
    "replace" => replace,
    "rfind" => rfind,
    "rindex" => rindex,
    "rjust" => rjust,
    "rpartition" => rpartition,
    "rsplit" => rsplit,
    "rstrip" => rstrip,
    "split" => split,
    "splitlines" => splitlines,
    "startswith" => startswith,
    "strip" => strip,
    "zfill" => zfill,
}
