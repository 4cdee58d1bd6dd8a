//! The methods of `bytes` (CPython 3.11's `bytes_methods` table): searching, splitting,
//! stripping, padding, joining, replacing, the ASCII case mappings and character classes, and
//! the table itself ([`BYTES_METHODS`]), which also names `decode` (`codecs`), `hex` and
//! `fromhex` (`bytes`).
//!
//! Relies on: `bytes` for the data of a bytes object and for making one; `call` for the argument
//! checks of CPython's calling conventions (METH_VARARGS, METH_O, METH_NOARGS, Argument Clinic);
//! `list`, `tuple`, `int`, `singletons` for results. The references are CPython 3.11's
//! `Objects/bytesobject.c`, `Objects/bytes_methods.c` (`parse_args_finds_byte`,
//! `find_internal`, `_Py_bytes_count`, `tailmatch`, the `_Py_bytes_is*` predicates and case
//! mappings), `Objects/stringlib/transmogrify.h` (`pad`, `center`, `zfill`, `expandtabs`,
//! `stringlib_replace`), `split.h`, `partition.h`, `join.h`, `Include/pyctype.h` (ASCII
//! classes: whitespace is `\t\n\v\f\r` and space) and `Objects/clinic/bytesobject.c.h`.
//!
//! Provides: [`BYTES_METHODS`]; [`buffer_arg`] (the bytes-like argument of a method: TypeError
//! "a bytes-like object is required, not 'str'"), [`find_bytes`] and [`rfind_bytes`].
//!
//! Invariants: every method returns a new reference, the receiver itself where CPython returns
//! it unchanged (`return_self`: bytes are immutable); indices are byte offsets, adjusted as
//! CPython's `ADJUST_INDICES` (so no slice can be out of range); bytes-like arguments are bytes
//! objects (Molt has no other buffer type). `translate` and `maketrans` are listed but raise
//! NotImplementedError.

use alloc::format;
use alloc::vec::Vec;

use super::alloc::memory_error;
use super::bytes::{bytes_data, bytes_from_slice, bytes_from_vec};
use super::call::{c_int_arg, check_positional, exactly_one, no_args, no_keywords, ssize_arg, unpack_optional};
use super::singletons::{self, is_none};
use super::types::MethodDef;
use super::{Obj, decref, int, list, new_ref, tuple};
use crate::ExceptionKind::{NotImplementedError, OverflowError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};

type Kw<'a, 'b> = &'a [(&'b str, Obj)];

/// The data of the receiver (a bytes object).
fn data<'a>(o: Obj) -> &'a [u8] {
    bytes_data(o).unwrap_or(&[])
}

/// A bytes-like argument (`PyObject_GetBuffer`): TypeError "a bytes-like object is required,
/// not 'str'".
pub fn buffer_arg<'a>(o: Obj) -> MoltResult<&'a [u8]> {
    match bytes_data(o) {
        Some(d) => Ok(d),
        None => fail(TypeError, format!("a bytes-like object is required, not '{}'", o.type_of().name)),
    }
}

/// `_PyArg_BadArgument`'s name of an argument's type ("None" for None).
fn arg_type_name(o: Obj) -> &'static str {
    if is_none(o) { "None" } else { o.type_of().name }
}

/// The bytes `piece` of the receiver `s`: `s` itself when it is all of it.
fn sub(s: Obj, piece: &[u8]) -> MoltResult<Obj> {
    if piece.len() == data(s).len() {
        return Ok(new_ref(s));
    }
    bytes_from_slice(piece)
}

/// An empty vector with room for `n` bytes, or MemoryError.
fn buffer(n: usize) -> MoltResult<Vec<u8>> {
    let mut v = Vec::new();
    if v.try_reserve_exact(n).is_err() {
        return memory_error();
    }
    Ok(v)
}

/// Releases the references in `items`.
fn release(items: Vec<Obj>) {
    for o in items {
        // SAFETY: each is a reference owned by the vector.
        unsafe { decref(o) };
    }
}

/// A list of the pieces `ranges` of the receiver `s`.
fn pieces(s: Obj, ranges: &[(usize, usize)]) -> MoltResult<Obj> {
    let d = data(s);
    let mut items: Vec<Obj> = Vec::new();
    if items.try_reserve_exact(ranges.len()).is_err() {
        return memory_error();
    }
    for &(a, b) in ranges {
        match sub(s, &d[a..b]) {
            Ok(o) => items.push(o),
            Err(e) => {
                release(items);
                return Err(e);
            }
        }
    }
    list::list_from_vec(items)
}

/// Pushes `r` onto `v` (MemoryError when it cannot grow).
fn push<T>(v: &mut Vec<T>, r: T) -> MoltResult<()> {
    if v.try_reserve(1).is_err() {
        return memory_error();
    }
    v.push(r);
    Ok(())
}

// --- searching -------------------------------------------------------------------------------

/// The first position of `needle` in `hay` (0 for the empty needle): a byte scan for one byte,
/// Horspool's shifts for longer needles in long haystacks.
pub fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let m = needle.len();
    let n = hay.len();
    match needle {
        [] => return Some(0),
        [b] => return hay.iter().position(|x| x == b),
        _ if m > n => return None,
        _ => {}
    }
    if n < 256 {
        return hay.windows(m).position(|w| w == needle);
    }
    let mut shift = [m; 256];
    for (i, &b) in needle[..m - 1].iter().enumerate() {
        shift[usize::from(b)] = m - 1 - i;
    }
    let last = needle[m - 1];
    let mut i = 0;
    while i + m <= n {
        let c = hay[i + m - 1];
        if c == last && hay[i..i + m - 1] == needle[..m - 1] {
            return Some(i);
        }
        i += shift[usize::from(c)];
    }
    None
}

/// The last position of `needle` in `hay` (`hay.len()` for the empty needle).
pub fn rfind_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let m = needle.len();
    let n = hay.len();
    match needle {
        [] => return Some(n),
        [b] => return hay.iter().rposition(|x| x == b),
        _ if m > n => return None,
        _ => {}
    }
    if n < 256 {
        return hay.windows(m).rposition(|w| w == needle);
    }
    // Horspool from the right: the window's first byte decides the shift.
    let mut shift = [m; 256];
    for k in (1..m).rev() {
        shift[usize::from(needle[k])] = k;
    }
    let first = needle[0];
    let mut i = n - m;
    loop {
        let c = hay[i];
        if c == first && hay[i + 1..i + m] == needle[1..] {
            return Some(i);
        }
        match i.checked_sub(shift[usize::from(c)]) {
            Some(j) => i = j,
            None => return None,
        }
    }
}

fn as_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `ADJUST_INDICES(start, end, len)`: negative indices count from the end; `end` is clamped to
/// `len`, both to 0 (`start` may stay past `len`).
fn adjust(start: i64, end: i64, len: usize) -> (i64, i64) {
    let len = as_i64(len);
    let end = if end > len {
        len
    } else if end < 0 {
        (end + len).max(0)
    } else {
        end
    };
    let start = if start < 0 { (start + len).max(0) } else { start };
    (start, end)
}

/// `stringlib_parse_args_finds(name, args)`: `(sub[, start[, end]])`, None meaning the default;
/// METH_VARARGS, so no keywords ("bytes.find() takes no keyword arguments").
fn parse_finds(s: Obj, name: &str, pos: &[Obj], kw: Kw) -> MoltResult<(Obj, i64, i64)> {
    no_keywords(s, name, kw)?;
    if pos.is_empty() {
        return fail(TypeError, format!("{name}() takes at least 1 argument (0 given)"));
    }
    if pos.len() > 3 {
        return fail(TypeError, format!("{name}() takes at most 3 arguments ({} given)", pos.len()));
    }
    let index = |o: Option<&Obj>, default: i64| -> MoltResult<i64> {
        match o {
            Some(&o) if !is_none(o) => {
                if o.type_of().index_slot().is_none() {
                    return fail(TypeError, "slice indices must be integers or None or have an __index__ method");
                }
                super::call::slice_index_not_none(o)
            }
            _ => Ok(default),
        }
    };
    Ok((pos[0], index(pos.get(1), 0)?, index(pos.get(2), i64::MAX)?))
}

/// `parse_args_finds_byte`'s subsection: a bytes-like object, or an int in `range(0, 256)`
/// (ValueError "byte must be in range(0, 256)"; TypeError "argument should be integer or
/// bytes-like object, not 'str'"). The one byte is written to `one`.
fn needle(o: Obj, one: &mut [u8; 1]) -> MoltResult<&[u8]> {
    if let Some(d) = bytes_data(o) {
        return Ok(d);
    }
    if o.type_of().index_slot().is_none() {
        return fail(TypeError, format!("argument should be integer or bytes-like object, not '{}'", o.type_of().name));
    }
    // `PyNumber_AsSsize_t(o, NULL)`: clamped, so a huge int is out of range too.
    let v = super::call::slice_index_not_none(o)?;
    match u8::try_from(v) {
        Ok(b) => {
            one[0] = b;
            Ok(&one[..])
        }
        Err(_) => fail(ValueError, "byte must be in range(0, 256)"),
    }
}

/// `find_internal`: the position of the first (last when `reverse`) `sub` in `s[start:end]`,
/// or -1.
fn find_impl(s: Obj, name: &str, pos: &[Obj], kw: Kw, reverse: bool) -> MoltResult<i64> {
    let (sub_obj, start, end) = parse_finds(s, name, pos, kw)?;
    let mut one = [0u8];
    let sub = needle(sub_obj, &mut one)?;
    let d = data(s);
    let (start, end) = adjust(start, end, d.len());
    if end - start < as_i64(sub.len()) {
        return Ok(-1);
    }
    // 0 <= start <= end <= len here.
    let hay = &d[start as usize..end as usize];
    let found = if reverse { rfind_bytes(hay, sub) } else { find_bytes(hay, sub) };
    Ok(found.map_or(-1, |i| start + as_i64(i)))
}

/// `bytes.find(sub[, start[, end]])`.
fn find(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    int::from_i64(find_impl(s, "find", pos, kw, false)?)
}

/// `bytes.rfind(sub[, start[, end]])`.
fn rfind(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    int::from_i64(find_impl(s, "rfind", pos, kw, true)?)
}

/// `bytes.index` / `rindex`: ValueError "subsection not found".
fn index_impl(s: Obj, name: &str, pos: &[Obj], kw: Kw, reverse: bool) -> MoltResult<Obj> {
    match find_impl(s, name, pos, kw, reverse)? {
        -1 => fail(ValueError, "subsection not found"),
        i => int::from_i64(i),
    }
}

fn index(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    index_impl(s, "index", pos, kw, false)
}

fn rindex(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    index_impl(s, "rindex", pos, kw, true)
}

/// The number of non-overlapping occurrences of `sub` in `hay` (`hay.len() + 1` for the empty
/// one), at most `max`.
fn count_in(hay: &[u8], sub: &[u8], max: usize) -> usize {
    if sub.is_empty() {
        return (hay.len() + 1).min(max);
    }
    let mut n = 0;
    let mut at = 0;
    while n < max
        && let Some(i) = find_bytes(&hay[at..], sub)
    {
        n += 1;
        at += i + sub.len();
    }
    n
}

/// `bytes.count(sub[, start[, end]])`.
fn count(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let (sub_obj, start, end) = parse_finds(s, "count", pos, kw)?;
    let mut one = [0u8];
    let sub = needle(sub_obj, &mut one)?;
    let d = data(s);
    let (start, end) = adjust(start, end, d.len());
    if end < start {
        return int::from_i64(0);
    }
    int::from_i64(as_i64(count_in(&d[start as usize..end as usize], sub, usize::MAX)))
}

/// `tailmatch`: whether `d[start:end]` starts (ends, when `at_end`) with `sub`.
fn tailmatch(d: &[u8], sub: &[u8], start: i64, end: i64, at_end: bool) -> bool {
    let len = as_i64(d.len());
    let slen = as_i64(sub.len());
    let (mut start, end) = adjust(start, end, d.len());
    if at_end {
        if end - start < slen || start > len {
            return false;
        }
        if end - slen > start {
            start = end - slen;
        }
    } else if start > len - slen {
        return false;
    }
    if end - start < slen {
        return false;
    }
    // 0 <= start and start + slen <= end <= len here.
    d[start as usize..(start + slen) as usize] == *sub
}

/// `_Py_bytes_tailmatch`: `startswith` / `endswith` with a bytes-like object or a tuple of them.
fn affix(s: Obj, name: &str, pos: &[Obj], kw: Kw, at_end: bool) -> MoltResult<Obj> {
    let (x, start, end) = parse_finds(s, name, pos, kw)?;
    let d = data(s);
    if let Some(items) = tuple::tuple_items(x) {
        for &item in items {
            if tailmatch(d, buffer_arg(item)?, start, end, at_end) {
                return Ok(singletons::bool_obj(true));
            }
        }
        return Ok(singletons::bool_obj(false));
    }
    let Some(sub) = bytes_data(x) else {
        return fail(TypeError, format!("{name} first arg must be bytes or a tuple of bytes, not {}", x.type_of().name));
    };
    Ok(singletons::bool_obj(tailmatch(d, sub, start, end, at_end)))
}

fn startswith(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    affix(s, "startswith", pos, kw, false)
}

fn endswith(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    affix(s, "endswith", pos, kw, true)
}

// --- replace ---------------------------------------------------------------------------------

/// `bytes.replace(old, new, count=-1, /)` (`stringlib_replace`): the first `count`
/// non-overlapping occurrences from the left; the empty `old` matches before every byte and at
/// the end.
fn replace(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_keywords(s, "replace", kw)?;
    check_positional("replace", pos.len(), 2, 3)?;
    let old = buffer_arg(pos[0])?;
    let new = buffer_arg(pos[1])?;
    let max = match pos.get(2) {
        Some(&c) => ssize_arg(c)?,
        None => -1,
    };
    let d = data(s);
    if d.len() < old.len() || max == 0 || (old.is_empty() && new.is_empty()) {
        return Ok(new_ref(s));
    }
    let max = usize::try_from(max).unwrap_or(usize::MAX);
    // The positions of the replaced occurrences.
    let mut at: Vec<usize> = Vec::new();
    if old.is_empty() {
        let n = (d.len() + 1).min(max);
        if at.try_reserve_exact(n).is_err() {
            return memory_error();
        }
        at.extend(0..n);
    } else {
        let mut from = 0;
        while at.len() < max
            && let Some(i) = find_bytes(&d[from..], old)
        {
            push(&mut at, from + i)?;
            from += i + old.len();
        }
    }
    if at.is_empty() {
        return Ok(new_ref(s));
    }
    let n = at.len();
    let Some(len) = new.len().checked_mul(n).and_then(|x| (d.len() - old.len() * n).checked_add(x)).filter(|&l| l <= isize::MAX as usize) else {
        return fail(OverflowError, "replace bytes is too long");
    };
    let mut out = buffer(len)?;
    let mut r = 0;
    for &i in &at {
        out.extend_from_slice(&d[r..i]);
        out.extend_from_slice(new);
        r = i + old.len();
    }
    out.extend_from_slice(&d[r..]);
    bytes_from_vec(out)
}

// --- split -----------------------------------------------------------------------------------

/// `Py_ISSPACE`: ASCII whitespace (space, `\t`, `\n`, `\v`, `\f`, `\r`).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// `split`/`rsplit`'s arguments `(sep=None, maxsplit=-1)`: the separator (None for whitespace)
/// and the split limit (the limit is converted first, as the clinic does).
fn split_args<'a>(name: &str, pos: &[Obj], kw: Kw) -> MoltResult<(Option<&'a [u8]>, usize)> {
    let [sep, maxsplit] = unpack_optional(name, ["sep", "maxsplit"], pos, kw)?;
    let max = match maxsplit {
        Some(m) => ssize_arg(m)?,
        None => -1,
    };
    let sep = match sep.filter(|&o| !is_none(o)) {
        Some(o) => {
            let d = buffer_arg(o)?;
            if d.is_empty() {
                return fail(ValueError, "empty separator");
            }
            Some(d)
        }
        None => None,
    };
    Ok((sep, usize::try_from(max).unwrap_or(usize::MAX)))
}

/// `stringlib_split_whitespace`: the ranges of the whitespace-separated words, at most `max`
/// splits, from the left.
fn words(d: &[u8], max: usize, out: &mut Vec<(usize, usize)>) -> MoltResult<()> {
    let mut i = 0;
    let mut splits = 0;
    loop {
        while i < d.len() && is_space(d[i]) {
            i += 1;
        }
        if i == d.len() {
            return Ok(());
        }
        if splits == max {
            // The rest, trailing whitespace included.
            return push(out, (i, d.len()));
        }
        let j = i;
        while i < d.len() && !is_space(d[i]) {
            i += 1;
        }
        push(out, (j, i))?;
        splits += 1;
    }
}

/// `stringlib_rsplit_whitespace`: the words from the right (in reverse order).
fn rwords(d: &[u8], max: usize, out: &mut Vec<(usize, usize)>) -> MoltResult<()> {
    let mut i = d.len();
    let mut splits = 0;
    loop {
        while i > 0 && is_space(d[i - 1]) {
            i -= 1;
        }
        if i == 0 {
            return Ok(());
        }
        if splits == max {
            return push(out, (0, i));
        }
        let j = i;
        while i > 0 && !is_space(d[i - 1]) {
            i -= 1;
        }
        push(out, (i, j))?;
        splits += 1;
    }
}

fn split_impl(s: Obj, name: &str, pos: &[Obj], kw: Kw, reverse: bool) -> MoltResult<Obj> {
    let (sep, max) = split_args(name, pos, kw)?;
    let d = data(s);
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    match sep {
        None if reverse => rwords(d, max, &mut ranges)?,
        None => words(d, max, &mut ranges)?,
        Some(sep) if reverse => {
            let mut last = d.len();
            while ranges.len() < max
                && let Some(i) = rfind_bytes(&d[..last], sep)
            {
                push(&mut ranges, (i + sep.len(), last))?;
                last = i;
            }
            push(&mut ranges, (0, last))?;
        }
        Some(sep) => {
            let mut last = 0;
            while ranges.len() < max
                && let Some(i) = find_bytes(&d[last..], sep)
            {
                push(&mut ranges, (last, last + i))?;
                last += i + sep.len();
            }
            push(&mut ranges, (last, d.len()))?;
        }
    }
    if reverse {
        ranges.reverse();
    }
    pieces(s, &ranges)
}

/// `bytes.split(sep=None, maxsplit=-1)`.
fn split(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    split_impl(s, "split", pos, kw, false)
}

/// `bytes.rsplit(sep=None, maxsplit=-1)`.
fn rsplit(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    split_impl(s, "rsplit", pos, kw, true)
}

/// `bytes.splitlines(keepends=False)`: lines end at `\n`, `\r` or `\r\n` only.
fn splitlines(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let [keepends] = unpack_optional("splitlines", ["keepends"], pos, kw)?;
    let keepends = match keepends {
        Some(k) => c_int_arg(k)? != 0,
        None => false,
    };
    let d = data(s);
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < d.len() {
        let b = d[i];
        if b != b'\n' && b != b'\r' {
            i += 1;
            continue;
        }
        let brk = i;
        i += 1;
        if b == b'\r' && d.get(i) == Some(&b'\n') {
            i += 1;
        }
        push(&mut ranges, (start, if keepends { i } else { brk }))?;
        start = i;
    }
    if start < d.len() {
        push(&mut ranges, (start, d.len()))?;
    }
    pieces(s, &ranges)
}

/// `bytes.partition(sep, /)` / `rpartition`: `(before, sep, after)`; the receiver and two empty
/// bytes when `sep` is absent.
fn partition_impl(s: Obj, name: &str, pos: &[Obj], kw: Kw, reverse: bool) -> MoltResult<Obj> {
    let sep_obj = exactly_one(s, name, pos, kw)?;
    let sep = buffer_arg(sep_obj)?;
    if sep.is_empty() {
        return fail(ValueError, "empty separator");
    }
    let d = data(s);
    let found = if reverse { rfind_bytes(d, sep) } else { find_bytes(d, sep) };
    let empty = || bytes_from_slice(&[]);
    let parts: [MoltResult<Obj>; 3] = match found {
        Some(i) => [sub(s, &d[..i]), Ok(new_ref(sep_obj)), sub(s, &d[i + sep.len()..])],
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

/// `do_argstrip`: `(bytes=None, /)`: None strips ASCII whitespace, a bytes-like object strips
/// its bytes.
fn strip_impl(s: Obj, name: &str, pos: &[Obj], kw: Kw, left: bool, right: bool) -> MoltResult<Obj> {
    no_keywords(s, name, kw)?;
    check_positional(name, pos.len(), 0, 1)?;
    let set = match pos.first() {
        Some(&c) if !is_none(c) => Some(buffer_arg(c)?),
        _ => None,
    };
    let strip = |b: u8| match set {
        Some(set) => set.contains(&b),
        None => is_space(b),
    };
    let d = data(s);
    let mut i = 0;
    let mut j = d.len();
    if left {
        while i < j && strip(d[i]) {
            i += 1;
        }
    }
    if right {
        while j > i && strip(d[j - 1]) {
            j -= 1;
        }
    }
    sub(s, &d[i..j])
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

/// `bytes.removeprefix(prefix, /)` / `removesuffix`.
fn remove_affix(s: Obj, name: &str, pos: &[Obj], kw: Kw, suffix: bool) -> MoltResult<Obj> {
    let a = buffer_arg(exactly_one(s, name, pos, kw)?)?;
    let d = data(s);
    let rest = if suffix { d.strip_suffix(a) } else { d.strip_prefix(a) };
    match rest {
        Some(rest) if !a.is_empty() => bytes_from_slice(rest),
        _ => Ok(new_ref(s)),
    }
}

fn removeprefix(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    remove_affix(s, "removeprefix", pos, kw, false)
}

fn removesuffix(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    remove_affix(s, "removesuffix", pos, kw, true)
}

// --- padding ---------------------------------------------------------------------------------

/// `pad(self, left, right, fill)`: the receiver when nothing is added.
fn pad(s: Obj, left: usize, right: usize, fill: u8) -> MoltResult<Obj> {
    if left == 0 && right == 0 {
        return Ok(new_ref(s));
    }
    let d = data(s);
    let Some(len) = left.checked_add(right).and_then(|n| n.checked_add(d.len())).filter(|&n| n <= isize::MAX as usize) else {
        return memory_error();
    };
    let mut out = buffer(len)?;
    out.resize(left, fill);
    out.extend_from_slice(d);
    out.resize(len, fill);
    bytes_from_vec(out)
}

/// `(width, fillchar=b' ', /)` of center, ljust and rjust (the clinic's `char` converter:
/// "center() argument 2 must be a byte string of length 1, not str"): the margin and the fill
/// byte, None when the receiver is wide enough.
fn width_args(s: Obj, name: &str, pos: &[Obj], kw: Kw) -> MoltResult<Option<(usize, u8)>> {
    no_keywords(s, name, kw)?;
    check_positional(name, pos.len(), 1, 2)?;
    let width = ssize_arg(pos[0])?;
    let fill = match pos.get(1) {
        Some(&f) => match bytes_data(f) {
            Some(&[b]) => b,
            _ => return fail(TypeError, format!("{name}() argument 2 must be a byte string of length 1, not {}", arg_type_name(f))),
        },
        None => b' ',
    };
    let len = as_i64(data(s).len());
    Ok(if len >= width { None } else { Some(((width - len) as usize, fill)) })
}

/// `bytes.center(width, fillchar=b' ', /)`: the odd byte goes left when `width` is odd.
fn center(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let Some((marg, fill)) = width_args(s, "center", pos, kw)? else {
        return Ok(new_ref(s));
    };
    let width = marg + data(s).len();
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

/// `bytes.zfill(width, /)`: zeros on the left, after a leading sign.
fn zfill(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let width = ssize_arg(exactly_one(s, "zfill", pos, kw)?)?;
    let d = data(s);
    let len = as_i64(d.len());
    if len >= width {
        return Ok(new_ref(s));
    }
    let fill = (width - len) as usize;
    let Some(total) = d.len().checked_add(fill).filter(|&n| n <= isize::MAX as usize) else {
        return memory_error();
    };
    let mut out = buffer(total)?;
    out.resize(fill, b'0');
    out.extend_from_slice(d);
    if let Some(&sign @ (b'+' | b'-')) = d.first() {
        out[0] = sign;
        out[fill] = b'0';
    }
    bytes_from_vec(out)
}

/// `bytes.expandtabs(tabsize=8)`: columns restart after `\n` and `\r`; a tabsize <= 0 removes
/// the tabs (OverflowError "result too long" past the size limit).
fn expandtabs(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let [tabsize] = unpack_optional("expandtabs", ["tabsize"], pos, kw)?;
    let tabsize = match tabsize {
        Some(t) => i64::from(c_int_arg(t)?),
        None => 8,
    };
    let d = data(s);
    let too_long = || fail(OverflowError, "result too long");
    // First pass: the size, with CPython's overflow checks (`i` the finished lines, `j` the
    // current one).
    let (mut i, mut j): (i64, i64) = (0, 0);
    for &b in d {
        if b == b'\t' {
            if tabsize > 0 {
                let incr = tabsize - j % tabsize;
                if j > i64::MAX - incr {
                    return too_long();
                }
                j += incr;
            }
        } else {
            j += 1;
            if b == b'\n' || b == b'\r' {
                if i > i64::MAX - j {
                    return too_long();
                }
                i += j;
                j = 0;
            }
        }
    }
    if i > i64::MAX - j {
        return too_long();
    }
    let Some(total) = usize::try_from(i + j).ok().filter(|&n| n <= isize::MAX as usize) else {
        return memory_error();
    };
    let mut out = buffer(total)?;
    let mut col: i64 = 0;
    for &b in d {
        if b == b'\t' {
            if tabsize > 0 {
                let incr = tabsize - col % tabsize;
                col += incr;
                out.resize(out.len() + incr as usize, b' ');
            }
        } else {
            col += 1;
            out.push(b);
            if b == b'\n' || b == b'\r' {
                col = 0;
            }
        }
    }
    bytes_from_vec(out)
}

/// `bytes.join(iterable_of_bytes, /)` (`stringlib_bytes_join`): one allocation of the exact
/// size; a one-item sequence of bytes gives that item.
fn join(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let iterable = exactly_one(s, "join", pos, kw)?;
    let items = list::sequence_fast(iterable, "can only join an iterable")?;
    let r = join_items(s, &items);
    release(items);
    r
}

fn join_items(s: Obj, items: &[Obj]) -> MoltResult<Obj> {
    match items {
        [] => return bytes_from_slice(&[]),
        [one] if bytes_data(*one).is_some() => return Ok(new_ref(*one)),
        _ => {}
    }
    let sep = data(s);
    let mut len: usize = 0;
    for (i, &item) in items.iter().enumerate() {
        let Some(d) = bytes_data(item) else {
            return fail(TypeError, format!("sequence item {i}: expected a bytes-like object, {} found", item.type_of().name));
        };
        let extra = if i == 0 { Some(d.len()) } else { d.len().checked_add(sep.len()) };
        len = match extra.and_then(|x| len.checked_add(x)) {
            Some(l) if l <= isize::MAX as usize => l,
            _ => return fail(OverflowError, "join() result is too long"),
        };
    }
    let mut out = buffer(len)?;
    for (i, &item) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(data(item));
    }
    bytes_from_vec(out)
}

// --- case mappings and character classes (ASCII only) ----------------------------------------

/// The receiver with each byte mapped by `f` (a new bytes object).
fn map_bytes(s: Obj, name: &str, pos: &[Obj], kw: Kw, mut f: impl FnMut(usize, u8) -> u8) -> MoltResult<Obj> {
    no_args(s, name, pos, kw)?;
    let d = data(s);
    let mut out = buffer(d.len())?;
    out.extend(d.iter().enumerate().map(|(i, &b)| f(i, b)));
    bytes_from_vec(out)
}

fn lower(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    map_bytes(s, "lower", pos, kw, |_, b| b.to_ascii_lowercase())
}

fn upper(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    map_bytes(s, "upper", pos, kw, |_, b| b.to_ascii_uppercase())
}

fn swapcase(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    map_bytes(s, "swapcase", pos, kw, |_, b| if b.is_ascii_lowercase() { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() })
}

/// `bytes.capitalize()`: the first byte uppercased, the others lowercased.
fn capitalize(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    map_bytes(s, "capitalize", pos, kw, |i, b| if i == 0 { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() })
}

/// `bytes.title()`: a letter after a letter lowercased, any other letter uppercased.
fn title(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let mut previous_is_cased = false;
    map_bytes(s, "title", pos, kw, move |_, b| {
        let cased = b.is_ascii_alphabetic();
        let r = if previous_is_cased { b.to_ascii_lowercase() } else { b.to_ascii_uppercase() };
        previous_is_cased = cased;
        r
    })
}

/// A predicate over the receiver's bytes: `test` of its data.
fn predicate(s: Obj, name: &str, pos: &[Obj], kw: Kw, test: fn(&[u8]) -> bool) -> MoltResult<Obj> {
    no_args(s, name, pos, kw)?;
    Ok(singletons::bool_obj(test(data(s))))
}

/// True for non-empty data whose every byte passes `f`.
fn all_of(d: &[u8], f: fn(&u8) -> bool) -> bool {
    !d.is_empty() && d.iter().all(f)
}

fn isalnum(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    predicate(s, "isalnum", pos, kw, |d| all_of(d, u8::is_ascii_alphanumeric))
}

fn isalpha(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    predicate(s, "isalpha", pos, kw, |d| all_of(d, u8::is_ascii_alphabetic))
}

fn isdigit(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    predicate(s, "isdigit", pos, kw, |d| all_of(d, u8::is_ascii_digit))
}

fn isspace(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    predicate(s, "isspace", pos, kw, |d| all_of(d, |&b| is_space(b)))
}

/// `bytes.isascii()`: true for the empty bytes too.
fn isascii(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    predicate(s, "isascii", pos, kw, |d| d.is_ascii())
}

/// `bytes.islower()`: some lowercase letter and no uppercase one.
fn islower(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    predicate(s, "islower", pos, kw, |d| d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase))
}

/// `bytes.isupper()`: some uppercase letter and no lowercase one.
fn isupper(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    predicate(s, "isupper", pos, kw, |d| d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase))
}

/// `bytes.istitle()`: some letter; uppercase letters only after uncased bytes, lowercase ones
/// only after cased ones.
fn istitle(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    predicate(s, "istitle", pos, kw, |d| {
        let mut cased = false;
        let mut previous_is_cased = false;
        for &b in d {
            if b.is_ascii_uppercase() {
                if previous_is_cased {
                    return false;
                }
                previous_is_cased = true;
                cased = true;
            } else if b.is_ascii_lowercase() {
                if !previous_is_cased {
                    return false;
                }
                previous_is_cased = true;
                cased = true;
            } else {
                previous_is_cased = false;
            }
        }
        cased
    })
}

/// `bytes.translate` and `bytes.maketrans`: not implemented.
fn translate(_: Obj, _: &[Obj], _: Kw) -> MoltResult<Obj> {
    fail(NotImplementedError, "bytes.translate is not supported by Molt yet")
}

fn maketrans(_: Obj, _: &[Obj], _: Kw) -> MoltResult<Obj> {
    fail(NotImplementedError, "bytes.maketrans is not supported by Molt yet")
}

macro_rules! methods {
    ($($name:literal => $f:expr),* $(,)?) => {
        /// The methods of `bytes` (`molt_type_bytes.methods`), in CPython's `dir()` order.
        pub static BYTES_METHODS: &[MethodDef] = &[$(MethodDef { name: $name, call: $f }),*];
    };
}

methods! {
    "capitalize" => capitalize,
    "center" => center,
    "count" => count,
    "decode" => super::codecs::bytes_decode,
    "endswith" => endswith,
    "expandtabs" => expandtabs,
    "find" => find,
    "fromhex" => super::bytes::fromhex,
    "hex" => super::bytes::hex,
    "index" => index,
    "isalnum" => isalnum,
    "isalpha" => isalpha,
    "isascii" => isascii,
    "isdigit" => isdigit,
    "islower" => islower,
    "isspace" => isspace,
    "istitle" => istitle,
    "isupper" => isupper,
    "join" => join,
    "ljust" => ljust,
    "lower" => lower,
    "lstrip" => lstrip,
    "maketrans" => maketrans,
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
    "swapcase" => swapcase,
    "title" => title,
    "translate" => translate,
    "upper" => upper,
    "zfill" => zfill,
}
