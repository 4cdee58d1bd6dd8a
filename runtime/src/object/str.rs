//! Python strs as heap objects holding UTF-8 text.
//!
//! Relies on: `alloc` for counted allocation; CPython 3.11's `Objects/unicodeobject.c` for the
//! semantics (`PyUnicode_Concat`, `unicode_repeat`, `PyUnicode_RichCompare`, `unicode_repr`).
//!
//! Provides: the `str` type object `molt_type_str` and its slots (comparison in code point
//! order, concatenation, repetition, length, repr, a deterministic hash, `%` as far as Molt
//! supports it); [`str_from_text`], [`str_text`], [`str_repr`]; `molt_str_from_utf8`.
//!
//! Invariants: a str object is `{header, byte length, code point count, bytes…}` in one block;
//! its bytes are valid UTF-8 (invalid input is replaced, U+FFFD) and immutable. The empty str is
//! one static object (as CPython's), so `""` never allocates. Comparing UTF-8 bytes orders
//! strings by code point, as CPython does. Lengths and repetition limits are counted in code
//! points, as CPython's `Py_ssize_t` lengths are.

use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;
use core::fmt::Write as _;

use super::alloc::{HeapKind, alloc_raw, free_raw, memory_error};
use super::singletons;
use super::types::{NumberSlots, OpSet, SequenceSlots, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, StaticObject, dispatch, new_ref};
use crate::ExceptionKind::{NotImplementedError, OverflowError, TypeError};
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
    let size = core::mem::size_of::<StrObject>().checked_add(len);
    match size.and_then(|s| Layout::from_size_align(s, core::mem::align_of::<StrObject>()).ok()) {
        Some(l) => Ok(l),
        None => memory_error(),
    }
}

/// A new str of `len` bytes and `chars` code points whose bytes `fill` writes (all of them,
/// valid UTF-8). The empty str is the static one.
fn alloc_str(len: usize, chars: usize, fill: impl FnOnce(&mut [u8])) -> MoltResult<Obj> {
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

/// Frees a str object.
///
/// # Safety
/// `h` is a heap str object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    if core::ptr::eq(h.cast_const().cast::<StrObject>(), &EMPTY_STR) {
        return; // static: never freed
    }
    // SAFETY: forwarded contract; `len` is the length the block was allocated with.
    unsafe {
        let len = (*h.cast::<StrObject>()).len;
        if let Ok(l) = layout(len) {
            free_raw(h, l, HeapKind::Str);
        }
    }
}

/// A new str holding `text`.
pub fn str_from_text(text: &str) -> MoltResult<Obj> {
    let bytes = text.as_bytes();
    alloc_str(bytes.len(), text.chars().count(), |d| {
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

/// The number of code points of a str object.
fn str_chars(o: Obj) -> usize {
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
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in str_text(v).unwrap_or("").as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let h = h as i64;
    Ok(if h == -1 { -2 } else { h })
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

/// `unicode_mod`: printf-style formatting. Molt has no tuples yet, so the argument is one value;
/// a format without any `%` raises CPython's TypeError, anything else is not supported yet.
fn str_binary(op: BinaryOp, v: Obj, _w: Obj) -> MoltResult<Obj> {
    let Some(fmt) = str_text(v) else {
        return Ok(singletons::not_implemented());
    };
    match op {
        BinaryOp::Mod if !fmt.contains('%') => fail(
            TypeError,
            "not all arguments converted during string formatting",
        ),
        BinaryOp::Mod => fail(
            NotImplementedError,
            "str % formatting is not supported by Molt yet",
        ),
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

static STR_NUMBER: NumberSlots = NumberSlots {
    binary: Some(str_binary),
    binary_ops: OpSet::binary(&[BinaryOp::Mod]),
    ..NumberSlots::EMPTY
};

static STR_SEQUENCE: SequenceSlots = SequenceSlots {
    len: Some(str_len),
    concat: Some(str_concat),
    repeat: Some(str_repeat),
};

/// The type object of `str`.
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_type_str: TypeObject = TypeObject {
    number: Some(&STR_NUMBER),
    sequence: Some(&STR_SEQUENCE),
    richcompare: Some(str_richcompare),
    hash: Some(str_hash),
    repr: Some(str_repr_slot),
    str: Some(str_str_slot),
    heap: Some(HeapKind::Str),
    ..TypeObject::new("str", &TYPE_OBJECT)
};

/// A new str object holding a copy of `len` bytes of UTF-8 text.
///
/// # Safety
/// `text` must be valid for reads of `len` bytes (or null / `len <= 0`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_str_from_utf8(text: *const u8, len: i64) -> Obj {
    // SAFETY: forwarded caller contract.
    let bytes = unsafe { crate::exceptions::bytes_from_raw(text, len) };
    value_or_raise(match core::str::from_utf8(bytes) {
        Ok(s) => str_from_text(s),
        Err(_) => str_from_text(&String::from_utf8_lossy(bytes)),
    })
}
