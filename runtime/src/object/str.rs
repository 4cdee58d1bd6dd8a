//! Python strs as heap objects holding UTF-8 text.
//!
//! Relies on: `alloc` for counted allocation; CPython 3.11's `Objects/unicodeobject.c` for the
//! semantics (`PyUnicode_Concat`, `unicode_repeat`, `PyUnicode_RichCompare`, `unicode_repr`,
//! `unicode_subscript`, `PyUnicode_Contains`, `unicode_char`, `PyUnicode_Format`).
//!
//! Provides: the `str` type object `molt_type_str` (its methods, enabled at run time, in
//! `str_methods`) and its slots (comparison in code point
//! order, concatenation, repetition, length, repr, a deterministic hash, `%` (printf-style,
//! `format::printf`), `s[i]`, `in`, `iter()` through `iter::str_iter`); [`str_from_text`],
//! [`str_text`], [`str_chars`], [`str_repr`], [`char_str`]; `molt_str_from_utf8`.
//!
//! Invariants: a str object is `{header, byte length, code point count, bytes…}` in one block;
//! its bytes are valid UTF-8 (invalid input is replaced, U+FFFD) and immutable. A str is ASCII
//! exactly when its byte length equals its code point count. The empty str is one static
//! object (as CPython's), so `""` never allocates; so are the 256 one-character strs of
//! Latin-1 (`LATIN1_CHARS`, laid out as a `StrObject` followed by its bytes), which indexing
//! and iteration return, as CPython does. Comparing UTF-8 bytes orders
//! strings by code point, as CPython does. Lengths and repetition limits are counted in code
//! points, as CPython's `Py_ssize_t` lengths are.

use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;
use core::fmt::Write as _;

use super::alloc::{HeapKind, alloc_raw, free_raw, memory_error};
use super::singletons;
use super::types::{NumberSlots, OpSet, SequenceSlots, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, StaticObject, dispatch, iter, new_ref};
use crate::ExceptionKind::{IndexError, OverflowError, TypeError};
use crate::exceptions::{MoltResult, fail, value_or_raise};
use crate::{BinaryOp, CompareOp};

/// A str object's fixed part; `len` bytes of UTF-8 follow it.
#[repr(C)]
pub struct StrObject {
    pub header: Header,
    /// Length in bytes.
    pub len: usize,
    /// Length in code points (Python's `len`).
    pub chars: usize,
    data: [u8; 0],
}

// SAFETY: `#[repr(C)]`, header first; the static empty str is immortal.
unsafe impl StaticObject for StrObject {}

/// The empty str.
pub static EMPTY_STR: StrObject = StrObject {
    header: Header::immortal(&molt_type_str),
    len: 0,
    chars: 0,
    data: [],
};

fn layout(len: usize) -> MoltResult<Layout> {
    match block_layout(len) {
        Some(l) => Ok(l),
        None => memory_error(),
    }
}

/// The layout of a str block of `len` bytes (None if too large); no error object to build or
/// drop, so `free` stays small wherever it is inlined.
#[inline]
fn block_layout(len: usize) -> Option<Layout> {
    let size = core::mem::size_of::<StrObject>().checked_add(len)?;
    Layout::from_size_align(size, core::mem::align_of::<StrObject>()).ok()
}

/// A new str of `len` bytes and `chars` code points whose bytes `fill` writes (all of them,
/// valid UTF-8). The empty str is the static one.
pub(crate) fn alloc_str(len: usize, chars: usize, fill: impl FnOnce(&mut [u8])) -> MoltResult<Obj> {
    if len == 0 {
        return Ok(new_ref(Obj::from_static(&EMPTY_STR)));
    }
    let p = alloc_raw(layout(len)?, &molt_type_str)?.cast::<StrObject>();
    // SAFETY: `p` is a fresh block of `size_of::<StrObject>() + len` bytes, header written.
    unsafe {
        core::ptr::addr_of_mut!((*p).len).write(len);
        core::ptr::addr_of_mut!((*p).chars).write(chars);
        let data = core::ptr::addr_of_mut!((*p).data).cast::<u8>();
        data.write_bytes(0, len);
        fill(core::slice::from_raw_parts_mut(data, len));
        Ok(Obj::from_header(p.cast()))
    }
}

/// A one-character str stored statically: a [`StrObject`] whose UTF-8 bytes (one or two)
/// follow it, where a heap str's bytes would be.
#[repr(C)]
pub struct CharStrObject {
    pub str: StrObject,
    bytes: [u8; 2],
}

// SAFETY: `#[repr(C)]`, header first (through `StrObject`); the statics are immortal.
unsafe impl StaticObject for CharStrObject {}

const _: () =
    assert!(core::mem::offset_of!(CharStrObject, bytes) == core::mem::offset_of!(StrObject, data));

/// The one-character strs of Latin-1 (CPython's `_Py_SINGLETON(strings)`): `s[i]` and
/// iteration return these instead of allocating, so `s[0] is s[0]` for them as in CPython.
/// The table is zero-initialised (it costs no space in the executable) and each entry is
/// written on its first use; `LATIN1_STATE` says which are (0 none, 1 being written, 2 ready).
struct Latin1Table(core::cell::UnsafeCell<core::mem::MaybeUninit<[CharStrObject; 256]>>);

// SAFETY: an entry is written once, by the thread that moves its state from 0 to 1, and read
// only after its state is 2 (acquire/release).
unsafe impl Sync for Latin1Table {}

static LATIN1_CHARS: Latin1Table = Latin1Table(core::cell::UnsafeCell::new(core::mem::MaybeUninit::zeroed()));
static LATIN1_STATE: [core::sync::atomic::AtomicU8; 256] = [const { core::sync::atomic::AtomicU8::new(0) }; 256];

/// The static one-character str of `c` (U+0000 to U+00FF), written on first use.
fn latin1_char(c: u8) -> &'static CharStrObject {
    use core::sync::atomic::Ordering;
    let base = LATIN1_CHARS.0.get().cast::<CharStrObject>();
    let state = &LATIN1_STATE[c as usize];
    // SAFETY: `c < 256`: the entry is inside the table.
    let entry = unsafe { base.add(c as usize) };
    loop {
        match state.compare_exchange(0, 1, Ordering::Acquire, Ordering::Acquire) {
            Ok(_) => {
                let (len, bytes) = if c < 0x80 { (1, [c, 0]) } else { (2, [0xc0 | (c >> 6), 0x80 | (c & 0x3f)]) };
                let value = CharStrObject {
                    str: StrObject { header: Header::immortal(&molt_type_str), len, chars: 1, data: [] },
                    bytes,
                };
                // SAFETY: this thread alone writes the entry (its state is 1).
                unsafe { entry.write(value) };
                state.store(2, Ordering::Release);
                break;
            }
            Err(2) => break,
            Err(_) => core::hint::spin_loop(),
        }
    }
    // SAFETY: the entry's state is 2: written and never written again.
    unsafe { &*entry }
}

/// Whether `p` is one of the static strs (never freed).
fn is_static_str(p: *const StrObject) -> bool {
    let start = LATIN1_CHARS.0.get() as usize;
    let end = start + core::mem::size_of::<[CharStrObject; 256]>();
    core::ptr::eq(p, &EMPTY_STR) || (start..end).contains(&(p as usize))
}

/// A new reference to the str of the one character `c` (static for U+0000 to U+00FF, like
/// CPython's `unicode_char`).
pub fn char_str(c: char) -> MoltResult<Obj> {
    match u8::try_from(u32::from(c)) {
        Ok(b) => Ok(new_ref(Obj::from_static(latin1_char(b)))),
        Err(_) => {
            let mut buf = [0u8; 4];
            str_from_text(c.encode_utf8(&mut buf))
        }
    }
}

/// Frees a str object.
///
/// # Safety
/// `h` is a heap str object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    if is_static_str(h.cast_const().cast::<StrObject>()) {
        return; // static: never freed
    }
    // SAFETY: forwarded contract; `len` is the length the block was allocated with.
    unsafe {
        let len = (*h.cast::<StrObject>()).len;
        if let Some(l) = block_layout(len) {
            free_raw(h, l, HeapKind::Str);
        }
    }
}

/// A new str holding `text`.
pub fn str_from_text(text: &str) -> MoltResult<Obj> {
    let bytes = text.as_bytes();
    // ASCII (most text the runtime makes) has a code point per byte: no count.
    let chars = if bytes.is_ascii() { bytes.len() } else { text.chars().count() };
    alloc_str(bytes.len(), chars, |d| {
        d.copy_from_slice(bytes)
    })
}

/// The text of `o` if it is a str.
pub fn str_text<'a>(o: Obj) -> Option<&'a str> {
    if !o.type_of().is(&molt_type_str) {
        return None;
    }
    let p = o.header_ptr()?.cast::<StrObject>();
    // SAFETY: an object of type str is a `StrObject` followed by `len` bytes of UTF-8; they live
    // as long as the object does.
    unsafe {
        let data = core::ptr::addr_of!((*p).data).cast::<u8>();
        let bytes = core::slice::from_raw_parts(data, (*p).len);
        Some(core::str::from_utf8_unchecked(bytes))
    }
}

/// The UTF-8 bytes of `o` if it is an exact str (what the dict probes compare without running
/// code).
#[inline(always)]
pub(crate) fn exact_str_bytes<'a>(o: Obj) -> Option<&'a [u8]> {
    let h = o.header_ptr()?;
    // SAFETY: the `Obj` invariant: a heap reference points to a live object's header.
    if !unsafe { (*h).ty }.is(&molt_type_str) {
        return None;
    }
    // SAFETY: an exact str, alive as long as the object.
    Some(unsafe { str_bytes_unchecked(o) })
}

/// `a == b` for the bytes of two strs (CPython's `unicode_eq`): short texts (a dict's usual
/// keys) compared by at most two overlapping word loads each, without a `memcmp` call.
#[inline(always)]
pub(crate) fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 && n <= 16 {
        let word = |s: &[u8], at: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&s[at..at + 8]);
            u64::from_ne_bytes(w)
        };
        return word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8);
    }
    if n >= 4 && n < 8 {
        let word = |s: &[u8], at: usize| {
            let mut w = [0u8; 4];
            w.copy_from_slice(&s[at..at + 4]);
            u32::from_ne_bytes(w)
        };
        return word(a, 0) == word(b, 0) && word(a, n - 4) == word(b, n - 4);
    }
    if n < 4 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    a == b
}

/// The UTF-8 bytes of `o`, which the caller knows to be a str object (no type check).
///
/// # Safety
/// `o` is a live str object (of type str exactly).
#[inline(always)]
pub(crate) unsafe fn str_bytes_unchecked<'a>(o: Obj) -> &'a [u8] {
    let p = (o.raw() - crate::OBJ_TAG as u64) as *const StrObject;
    // SAFETY: the caller's contract: a `StrObject` followed by `len` bytes, alive as long as
    // the object.
    unsafe { core::slice::from_raw_parts(core::ptr::addr_of!((*p).data).cast::<u8>(), (*p).len) }
}

/// The order of the UTF-8 bytes of two strs (code point order): the leading bytes compared
/// inline, the rest (strings sharing a prefix of 8 bytes) by `memcmp`.
#[inline(always)]
pub(crate) fn text_cmp(a: &[u8], b: &[u8]) -> core::cmp::Ordering {
    let n = a.len().min(b.len());
    let head = n.min(8);
    for i in 0..head {
        if a[i] != b[i] {
            return a[i].cmp(&b[i]);
        }
    }
    if n <= 8 {
        return a.len().cmp(&b.len());
    }
    a[8..].cmp(&b[8..])
}

/// The number of code points of a str object.
pub fn str_chars(o: Obj) -> usize {
    match o.header_ptr() {
        // SAFETY: only called on str objects.
        Some(p) if o.type_of().is(&molt_type_str) => unsafe { (*p.cast::<StrObject>()).chars },
        _ => 0,
    }
}

/// Whether CPython's `str.isprintable` holds for `c` (exact for ASCII and Latin-1; beyond, the
/// separators, format characters and private-use ranges are recognised, unassigned code points
/// are not: Molt has no Unicode database yet).
fn is_printable(c: char) -> bool {
    let u = u32::from(c);
    if u < 0x80 {
        return (0x20..0x7f).contains(&u);
    }
    !matches!(u,
        0x80..=0xa0 | 0xad | 0x34f | 0x61c | 0x1680 | 0x180e | 0x2000..=0x200f | 0x2028..=0x202f
        | 0x205f..=0x206f | 0x3000 | 0xd800..=0xf8ff | 0xfeff | 0xfff9..=0xfffb
        | 0xe0001 | 0xe0020..=0xe007f | 0xf0000..=0x10ffff)
}

/// CPython's `repr(str)`: single quotes unless the text has `'` and no `"`; `\\`, `\t`, `\n`,
/// `\r`, the quote and unprintable characters escaped.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let u = u32::from(c);
                let _ = if u <= 0xff {
                    write!(out, "\\x{u:02x}")
                } else if u <= 0xffff {
                    write!(out, "\\u{u:04x}")
                } else {
                    write!(out, "\\U{u:08x}")
                };
            }
        }
    }
    out.push(quote);
    out
}

/// `PyUnicode_RichCompare`: both strs, else NotImplemented.
fn str_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    match (str_text(v), str_text(w)) {
        (Some(a), Some(b)) => Ok(singletons::bool_obj(dispatch::op_holds(
            op,
            a.as_bytes().cmp(b.as_bytes()),
        ))),
        _ => Ok(singletons::not_implemented()),
    }
}

/// A deterministic hash (FNV-1a over the UTF-8 bytes; CPython's is randomised per process).
fn str_hash(v: Obj) -> MoltResult<i64> {
    Ok(hash_text(str_text(v).unwrap_or("")))
}

/// The hash of a str whose text is `text` (what `hash()` of it gives).
pub fn hash_text(text: &str) -> i64 {
    hash_bytes(text.as_bytes())
}

/// The hash of the UTF-8 bytes of a str, or of a bytes object (CPython hashes both with
/// `_Py_HashBytes`, so an ASCII str and its bytes hash alike).
/// FNV-1a, a byte at a time; the tail of fewer than 8 bytes in steps of 4, 2 and 1 (no loop).
pub fn hash_bytes(data: &[u8]) -> i64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let step = |h: u64, bytes: &[u8]| {
        bytes
            .iter()
            .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME))
    };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        h = step(h, c);
    }
    let mut rest = chunks.remainder();
    if let Some((four, tail)) = rest.split_first_chunk::<4>() {
        h = step(h, four);
        rest = tail;
    }
    if let Some((two, tail)) = rest.split_first_chunk::<2>() {
        h = step(h, two);
        rest = tail;
    }
    if let Some(&b) = rest.first() {
        h = (h ^ u64::from(b)).wrapping_mul(PRIME);
    }
    let h = h as i64;
    if h == -1 { -2 } else { h }
}

fn str_repr_slot(v: Obj) -> MoltResult<String> {
    Ok(str_repr(str_text(v).unwrap_or("")))
}

fn str_str_slot(v: Obj) -> MoltResult<String> {
    Ok(String::from(str_text(v).unwrap_or("")))
}

fn str_len(v: Obj) -> usize {
    str_chars(v)
}

/// `PyUnicode_Concat(v, w)`; `v` is a str (this is `v`'s `sq_concat`).
fn str_concat(v: Obj, w: Obj) -> MoltResult<Obj> {
    let Some(b) = str_text(w) else {
        return fail(
            TypeError,
            format!(
                "can only concatenate str (not \"{}\") to str",
                w.type_of().name
            ),
        );
    };
    let a = str_text(v).unwrap_or("");
    if a.is_empty() {
        return Ok(new_ref(w));
    }
    if b.is_empty() {
        return Ok(new_ref(v));
    }
    let Some(len) = a
        .len()
        .checked_add(b.len())
        .filter(|&l| l <= isize::MAX as usize)
    else {
        return fail(OverflowError, "strings are too large to concat");
    };
    let chars = str_chars(v) + str_chars(w);
    alloc_str(len, chars, |d| {
        let (x, y) = d.split_at_mut(a.len());
        x.copy_from_slice(a.as_bytes());
        y.copy_from_slice(b.as_bytes());
    })
}

/// `unicode_repeat(v, count)`.
fn str_repeat(v: Obj, count: i64) -> MoltResult<Obj> {
    if count < 1 {
        return Ok(new_ref(Obj::from_static(&EMPTY_STR)));
    }
    if count == 1 {
        return Ok(new_ref(v));
    }
    let a = str_text(v).unwrap_or("");
    let chars = str_chars(v);
    let count = count.unsigned_abs() as usize;
    if chars > isize::MAX as usize / count {
        return fail(OverflowError, "repeated string is too long");
    }
    // CPython's limit is in code points; bytes past isize::MAX cannot be allocated.
    let Some(len) = a
        .len()
        .checked_mul(count)
        .filter(|&l| l <= isize::MAX as usize)
    else {
        return memory_error();
    };
    alloc_str(len, chars * count, |d| {
        for chunk in d.chunks_exact_mut(a.len().max(1)) {
            chunk.copy_from_slice(a.as_bytes());
        }
    })
}

/// The character at code point index `i` (0 <= i < the length) of `text`.
fn char_at(text: &str, chars: usize, i: usize) -> Option<char> {
    if text.len() == chars {
        // ASCII: one byte per code point.
        text.as_bytes().get(i).map(|&b| char::from(b))
    } else {
        text.chars().nth(i)
    }
}

/// `unicode_subscript(s, key)`: negative indices count from the end; IndexError "string index
/// out of range"; a slice object's slice; CPython's TypeError otherwise.
fn str_subscript(s: Obj, key: Obj) -> MoltResult<Obj> {
    let Some(i) = dispatch::as_index(key, IndexError)? else {
        if let Some(r) = super::slice_obj::item(s, key) {
            return r;
        }
        return fail(
            TypeError,
            format!(
                "string indices must be integers, not '{}'",
                key.type_of().name
            ),
        );
    };
    let text = str_text(s).unwrap_or("");
    let chars = str_chars(s);
    let len = i64::try_from(chars).unwrap_or(i64::MAX);
    let i = if i < 0 { i + len } else { i };
    match usize::try_from(i)
        .ok()
        .and_then(|i| char_at(text, chars, i))
    {
        Some(c) => char_str(c),
        None => fail(IndexError, "string index out of range"),
    }
}

/// `PyUnicode_Contains(s, sub)`: whether `sub` is a substring of `s` (the empty str is in
/// every str); TypeError unless `sub` is a str. UTF-8 byte substrings are exactly code point
/// substrings.
fn str_contains(s: Obj, sub: Obj) -> MoltResult<bool> {
    let Some(needle) = str_text(sub) else {
        return fail(
            TypeError,
            format!(
                "'in <string>' requires string as left operand, not {}",
                sub.type_of().name
            ),
        );
    };
    Ok(str_text(s).unwrap_or("").contains(needle))
}

/// `unicode_mod`: printf-style formatting, `format::printf::printf_format` (CPython 3.11's
/// `PyUnicode_Format`: the conversions `d i u o x X e E f F g G c r s a %`, the flags, widths
/// and precisions, `*`, and every error). A tuple is the argument list, any other object the
/// one argument. NotImplemented unless `v` is a str.
fn str_binary(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    let Some(fmt) = str_text(v) else {
        return Ok(singletons::not_implemented());
    };
    match op {
        BinaryOp::Mod => match STR_MOD.with(|f| *f) {
            Some(format) => format(v, fmt, w),
            None => fail(
                crate::ExceptionKind::RuntimeError,
                "str % reached without molt_enable_str_mod (a compiler bug)",
            ),
        },
        BinaryOp::Add
        | BinaryOp::Sub
        | BinaryOp::Mul
        | BinaryOp::TrueDiv
        | BinaryOp::FloorDiv
        | BinaryOp::Pow
        | BinaryOp::LShift
        | BinaryOp::RShift
        | BinaryOp::And
        | BinaryOp::Or
        | BinaryOp::Xor => Ok(singletons::not_implemented()),
    }
}

/// The printf-style formatter, once `molt_enable_str_mod` registered it: reached only through
/// this pointer, so a program that never formats with `%` does not link it.
type StrMod = fn(Obj, &str, Obj) -> MoltResult<Obj>;
static STR_MOD: crate::sys::Global<Option<StrMod>> = crate::sys::Global::new(None);

/// Registers printf-style formatting for `str % x`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_str_mod() {
    STR_MOD.with(|f| *f = Some(super::format::printf::printf_format));
}

static STR_NUMBER: NumberSlots = NumberSlots {
    binary: Some(str_binary),
    binary_ops: OpSet::binary(&[BinaryOp::Mod]),
    ..NumberSlots::EMPTY
};

static STR_SEQUENCE: SequenceSlots = SequenceSlots {
    len: Some(str_len),
    concat: Some(str_concat),
    repeat: Some(str_repeat),
    contains: Some(str_contains),
    ..SequenceSlots::EMPTY
};

/// The type object of `str`.
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_type_str: TypeObject = TypeObject {
    new: Some(super::construct::hooked_new),
    number: Some(&STR_NUMBER),
    sequence: Some(&STR_SEQUENCE),
    richcompare: Some(str_richcompare),
    hash: Some(str_hash),
    repr: Some(str_repr_slot),
    str: Some(str_str_slot),
    subscript: Some(str_subscript),
    iter: Some(iter::str_iter),
    heap: Some(HeapKind::Str),
    enabled_methods: Some(&super::str_methods::STR_ENABLED),
    class_functions: &[("maketrans", super::str_methods::maketrans_class_value)],
    ..TypeObject::new("str", &TYPE_OBJECT)
};

/// A new str object holding a copy of `len` bytes of UTF-8 text.
///
/// # Safety
/// `text` must be valid for reads of `len` bytes (or null / `len <= 0`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_str_from_utf8(text: *const u8, len: i64) -> Obj {
    // SAFETY: forwarded caller contract.
    unsafe { str_from_utf8_raw(text, len) }
}

/// The concatenation of the `n` strs at `parts` (CPython's BUILD_STRING; a spilled array),
/// one allocation.
///
/// # Safety
/// `parts` must be valid for reads of `n` words (when `n > 0`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_str_build(parts: *const u8, n: i64) -> Obj {
    // SAFETY: forwarded caller contract.
    let items = unsafe { crate::exceptions::objs_from_raw(parts, n) };
    // The parts' lengths are known: one allocation, no count of the result's code points.
    let (mut len, mut chars) = (0usize, 0usize);
    for &o in items {
        if let Some(t) = str_text(o) {
            len = len.saturating_add(t.len());
            chars += str_chars(o);
        }
    }
    if len > isize::MAX as usize {
        return value_or_raise(super::alloc::memory_error());
    }
    value_or_raise(alloc_str(len, chars, |d| {
        let mut at = 0;
        for &o in items {
            let t = str_text(o).unwrap_or("").as_bytes();
            d[at..at + t.len()].copy_from_slice(t);
            at += t.len();
        }
    }))
}

/// The str object of a literal, made on its first use and kept in `slot` (a zero-initialised
/// word of the executable) until `release_literals` at exit: a new reference each time.
///
/// # Safety
/// `text` must be valid for reads of `len` bytes; `slot` must point to a word that only this
/// function writes, zero until its first call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_str_const(text: *const u8, len: i64, slot: *const u8) -> Obj {
    let slot = slot.cast::<u64>().cast_mut();
    // SAFETY: the caller's slot: a word written only here.
    let cached = unsafe { slot.read() };
    if cached != 0 {
        let o = Obj(cached);
        super::incref(o);
        return o;
    }
    // SAFETY: forwarded caller contract.
    let o = unsafe { str_from_utf8_raw(text, len) };
    if o.raw() == 0 {
        return o; // raised (MemoryError)
    }
    super::incref(o); // the slot's reference
    // SAFETY: as above.
    unsafe { slot.write(o.raw()) };
    keep_literal(slot);
    o
}

/// Remembers a literal's slot (holding a reference) for `release_literals` at exit.
pub(crate) fn keep_literal(slot: *mut u64) {
    literals::with(|l| l.push(slot as usize));
}

/// Drops the references the literal slots hold (`molt_str_const`), zeroing them: at exit,
/// before the object report.
pub fn release_literals() {
    let slots = literals::with(core::mem::take);
    for s in slots {
        let slot = s as *mut u64;
        // SAFETY: a slot `molt_str_const` filled with an owned reference.
        unsafe {
            let o = Obj(slot.read());
            slot.write(0);
            super::decref(o);
        }
    }
}

/// A new str of `len` bytes of UTF-8 at `text` (lossy for invalid bytes).
///
/// # Safety
/// `text` must be valid for reads of `len` bytes.
unsafe fn str_from_utf8_raw(text: *const u8, len: i64) -> Obj {
    // SAFETY: forwarded caller contract.
    let bytes = unsafe { crate::exceptions::bytes_from_raw(text, len) };
    value_or_raise(match core::str::from_utf8(bytes) {
        Ok(s) => str_from_text(s),
        Err(_) => str_from_text(&String::from_utf8_lossy(bytes)),
    })
}

// The slots `molt_str_const` filled: process-wide in programs, per thread in the unit tests.
#[cfg(not(test))]
mod literals {
    use alloc::vec::Vec;

    use crate::sys::Global;

    static SLOTS: Global<Vec<usize>> = Global::new(Vec::new());

    pub fn with<R>(f: impl FnOnce(&mut Vec<usize>) -> R) -> R {
        SLOTS.with(f)
    }
}

// Not a module of tests: the unit tests' version of the one above.
#[cfg(test)]
#[allow(clippy::items_after_test_module)]
mod literals {
    use std::cell::RefCell;
    use std::vec::Vec;

    std::thread_local! {
        static SLOTS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    }

    pub fn with<R>(f: impl FnOnce(&mut Vec<usize>) -> R) -> R {
        SLOTS.with(|s| f(&mut s.borrow_mut()))
    }
}

