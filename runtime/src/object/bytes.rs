//! Python `bytes`: immutable byte strings.
//!
//! Relies on: `alloc` for counted allocation; `iter` for the iterator layout (`bytes_iterator`
//! is a sequence iterator over the object); `str` for the hash shared with ASCII strs and the
//! literal slots released at exit; `codecs` for `bytes(s, encoding)`; `bytes_methods` for the
//! method table. The reference is CPython 3.11's `Objects/bytesobject.c` (`PyBytes_Repr`,
//! `bytes_richcompare`, `bytes_concat`, `bytes_repeat`, `bytes_subscript`, `bytes_contains` /
//! `_Py_bytes_contains`, `bytes_new_impl`, `PyBytes_FromObject` and its list, tuple and
//! iterator paths, `striter_next`).
//!
//! Provides: the type `molt_type_bytes` and its slots; [`bytes_data`], [`bytes_from_slice`],
//! [`bytes_from_vec`], [`byte_value`], [`bytes_repr`]; the ABI functions `molt_bytes_const`
//! (a literal, made once) and `molt_enable_bytes` (makes the class `bytes` a value and
//! `str.encode` callable: a program that names neither links none of this).
//!
//! Invariants: a bytes object is `{header, length, bytes…}` in one block, never changed after it
//! is made; the empty bytes is one static object, as CPython's. The hash is the str hash of the
//! same bytes, so `hash(b"ab") == hash("ab")` as in CPython. Comparisons are by unsigned bytes
//! then length (`memcmp`); `==` with a non-bytes is NotImplemented (False in the end, as
//! CPython without `-b`). Items are ints 0 to 255.

use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use super::alloc::{HeapKind, alloc_raw, free_raw, memory_error};
use super::types::{NumberSlots, OpSet, SequenceSlots, TYPE_OBJECT, TypeExt, TypeObject};
use super::{Header, Obj, StaticObject, decref, dispatch, int, iter, new_ref, singletons, str as pystr};
use crate::CompareOp;
use crate::ExceptionKind::{IndexError, OverflowError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail, value_or_raise};

/// A bytes object's fixed part; `len` bytes follow it.
#[repr(C)]
pub struct BytesObject {
    pub header: Header,
    pub len: usize,
    data: [u8; 0],
}

// SAFETY: `#[repr(C)]`, header first; the static empty bytes is immortal.
unsafe impl StaticObject for BytesObject {}

/// The empty bytes.
pub static EMPTY_BYTES: BytesObject = BytesObject { header: Header::immortal(&molt_type_bytes), len: 0, data: [] };

fn layout(len: usize) -> MoltResult<Layout> {
    match block_layout(len) {
        Some(l) => Ok(l),
        None => memory_error(),
    }
}

/// The block of a bytes object of `len` bytes (None past the address space). No error value:
/// `free` is inlined into `alloc::free_object`'s hot path, which must not need a stack frame.
fn block_layout(len: usize) -> Option<Layout> {
    let size = core::mem::size_of::<BytesObject>().checked_add(len)?;
    Layout::from_size_align(size, core::mem::align_of::<BytesObject>()).ok()
}

/// A new bytes object of `len` bytes that `fill` writes; the empty one is the static object.
fn alloc_bytes(len: usize, fill: impl FnOnce(&mut [u8])) -> MoltResult<Obj> {
    if len == 0 {
        return Ok(new_ref(Obj::from_static(&EMPTY_BYTES)));
    }
    if len > isize::MAX as usize {
        return memory_error();
    }
    let p = alloc_raw(layout(len)?, &molt_type_bytes)?.cast::<BytesObject>();
    // SAFETY: `p` is a fresh block of `size_of::<BytesObject>() + len` bytes, header written.
    unsafe {
        core::ptr::addr_of_mut!((*p).len).write(len);
        let data = core::ptr::addr_of_mut!((*p).data).cast::<u8>();
        data.write_bytes(0, len);
        fill(core::slice::from_raw_parts_mut(data, len));
        Ok(Obj::from_header(p.cast()))
    }
}

/// A new bytes object holding a copy of `data`.
pub fn bytes_from_slice(data: &[u8]) -> MoltResult<Obj> {
    alloc_bytes(data.len(), |d| d.copy_from_slice(data))
}

/// A new bytes object holding `data`.
pub fn bytes_from_vec(data: Vec<u8>) -> MoltResult<Obj> {
    bytes_from_slice(&data)
}

/// The bytes of `o` if it is a bytes object.
pub fn bytes_data<'a>(o: Obj) -> Option<&'a [u8]> {
    if !o.type_of().is(&molt_type_bytes) {
        return None;
    }
    let p = o.header_ptr()?.cast::<BytesObject>();
    // SAFETY: an object of type bytes is a `BytesObject` followed by `len` bytes that live as
    // long as the object does and never change.
    unsafe { Some(core::slice::from_raw_parts(core::ptr::addr_of!((*p).data).cast::<u8>(), (*p).len)) }
}

/// Frees a bytes object.
///
/// # Safety
/// `h` is a heap bytes object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    // SAFETY: forwarded contract; `len` is the length the block was allocated with.
    unsafe {
        let len = (*h.cast::<BytesObject>()).len;
        // Only the static empty bytes has no bytes (and it is never freed). Not compared by
        // address: every program links this function, and naming the static would link the
        // type and its methods.
        if len == 0 {
            return;
        }
        if let Some(l) = block_layout(len) {
            free_raw(h, l, HeapKind::Bytes);
        }
    }
}

/// `PyBytes_Repr(b, smartquotes=1)`: `b'...'`, double quotes when the bytes hold `'` and no
/// `"`; `\\`, the quote, `\t`, `\n`, `\r` escaped, other bytes outside 0x20..0x7e as `\xhh`.
pub fn bytes_repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(data.len() + 3);
    out.push('b');
    out.push(char::from(quote));
    for &c in data {
        match c {
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote || c == b'\\' => {
                out.push('\\');
                out.push(char::from(c));
            }
            c if !(0x20..0x7f).contains(&c) => {
                let _ = write!(out, "\\x{c:02x}");
            }
            c => out.push(char::from(c)),
        }
    }
    out.push(char::from(quote));
    out
}

fn repr_slot(v: Obj) -> MoltResult<String> {
    Ok(bytes_repr(bytes_data(v).unwrap_or(&[])))
}

/// `bytes_richcompare`: both bytes, else NotImplemented.
fn richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    match (bytes_data(v), bytes_data(w)) {
        (Some(a), Some(b)) => Ok(singletons::bool_obj(dispatch::op_holds(op, a.cmp(b)))),
        _ => Ok(singletons::not_implemented()),
    }
}

/// The str hash of the same bytes (CPython hashes both with `_Py_HashBytes`).
fn hash(v: Obj) -> MoltResult<i64> {
    Ok(pystr::hash_bytes(bytes_data(v).unwrap_or(&[])))
}

fn len(v: Obj) -> usize {
    bytes_data(v).map_or(0, <[u8]>::len)
}

/// `bytes_concat(a, b)`: TypeError "can't concat str to bytes" unless `b` is bytes.
fn concat(v: Obj, w: Obj) -> MoltResult<Obj> {
    let (Some(a), Some(b)) = (bytes_data(v), bytes_data(w)) else {
        return fail(TypeError, format!("can't concat {} to {}", w.type_of().name, v.type_of().name));
    };
    if b.is_empty() {
        return Ok(new_ref(v));
    }
    if a.is_empty() {
        return Ok(new_ref(w));
    }
    let Some(n) = a.len().checked_add(b.len()).filter(|&n| n <= isize::MAX as usize) else {
        return memory_error();
    };
    alloc_bytes(n, |d| {
        let (x, y) = d.split_at_mut(a.len());
        x.copy_from_slice(a);
        y.copy_from_slice(b);
    })
}

/// `bytes_repeat(a, n)`: the object itself for `n == 1`, OverflowError "repeated bytes are
/// too long" past the size limit.
fn repeat(v: Obj, count: i64) -> MoltResult<Obj> {
    let a = bytes_data(v).unwrap_or(&[]);
    if count < 1 || a.is_empty() {
        return Ok(new_ref(Obj::from_static(&EMPTY_BYTES)));
    }
    if count == 1 {
        return Ok(new_ref(v));
    }
    let count = count.unsigned_abs() as usize;
    let Some(n) = a.len().checked_mul(count).filter(|&n| n <= isize::MAX as usize) else {
        return fail(OverflowError, "repeated bytes are too long");
    };
    alloc_bytes(n, |d| {
        for chunk in d.chunks_exact_mut(a.len()) {
            chunk.copy_from_slice(a);
        }
    })
}

/// `bytes_subscript` for an index: the byte as an int; IndexError "index out of range".
fn subscript(v: Obj, key: Obj) -> MoltResult<Obj> {
    let Some(i) = dispatch::as_index(key, IndexError)? else {
        if let Some(r) = super::slice_obj::item(v, key) {
            return r;
        }
        return fail(TypeError, format!("byte indices must be integers or slices, not {}", key.type_of().name));
    };
    let data = bytes_data(v).unwrap_or(&[]);
    let i = if i < 0 { i.saturating_add(data.len() as i64) } else { i };
    match usize::try_from(i).ok().and_then(|i| data.get(i)) {
        Some(&b) => int::from_i64(i64::from(b)),
        None => fail(IndexError, "index out of range"),
    }
}

/// `bytes[start:stop:step]`: the object itself for the whole of it (as CPython's for exact
/// bytes), else a new bytes object.
fn getslice(v: Obj, start: Obj, stop: Obj, step: Obj) -> MoltResult<Obj> {
    let data = bytes_data(v).unwrap_or(&[]);
    let (first, _, step, n) = super::slice::adjusted(data.len(), start, stop, step)?;
    if first == 0 && step == 1 && n == data.len() {
        return Ok(new_ref(v));
    }
    alloc_bytes(n, |d| {
        for (k, out) in d.iter_mut().enumerate() {
            *out = data[(first + k as i64 * step) as usize];
        }
    })
}

/// `PyNumber_AsSsize_t(item, NULL)` then the range check of the bytes constructors: the byte
/// an int-like item stands for; TypeError "'str' object cannot be interpreted as an integer",
/// ValueError "bytes must be in range(0, 256)".
pub fn byte_value(item: Obj) -> MoltResult<u8> {
    match index_value(item)? {
        Some(Some(v)) => u8::try_from(v).or_else(|_| fail(ValueError, "bytes must be in range(0, 256)")),
        Some(None) => fail(ValueError, "bytes must be in range(0, 256)"),
        None => fail(TypeError, format!("'{}' object cannot be interpreted as an integer", item.type_of().name)),
    }
}

/// The value of an int-like object: None when it has no `__index__`, Some(None) when it is
/// beyond the i64 range.
fn index_value(item: Obj) -> MoltResult<Option<Option<i64>>> {
    let Some(index) = item.type_of().index_slot() else {
        return Ok(None);
    };
    let i = index(item)?;
    let v = int::int_ref(i).and_then(int::IntRef::to_i64);
    // SAFETY: `index` returned a new reference, used above.
    unsafe { decref(i) };
    Ok(Some(v))
}

/// `_Py_bytes_contains`: an int-like needle is a byte (ValueError "byte must be in range(0,
/// 256)"), a bytes needle a subsequence; TypeError "a bytes-like object is required, not
/// 'str'" otherwise.
fn contains(v: Obj, needle: Obj) -> MoltResult<bool> {
    let data = bytes_data(v).unwrap_or(&[]);
    if let Some(b) = index_value(needle)? {
        return match b.and_then(|b| u8::try_from(b).ok()) {
            Some(b) => Ok(data.contains(&b)),
            None => fail(ValueError, "byte must be in range(0, 256)"),
        };
    }
    match bytes_data(needle) {
        Some(n) => Ok(find(data, n).is_some()),
        None => fail(TypeError, format!("a bytes-like object is required, not '{}'", needle.type_of().name)),
    }
}

/// The first position of `needle` in `hay` (0 for the empty needle).
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `bytes_iter`: a `bytes_iterator` over the object.
fn bytes_iter(v: Obj) -> MoltResult<Obj> {
    iter::new_seq_iter(&TYPE_BYTES_ITERATOR, v)
}

/// `striter_next`: the next byte as an int.
fn bytes_iter_next(it: Obj) -> MoltResult<Option<Obj>> {
    match iter::seq_iter_step(it, |seq, i| bytes_data(seq).and_then(|d| d.get(i).copied())) {
        Some(b) => int::from_i64(i64::from(b)).map(Some),
        None => Ok(None),
    }
}

/// `bytes_iterator`.
pub static TYPE_BYTES_ITERATOR: TypeObject = iter::iter_type("bytes_iterator", bytes_iter_next, HeapKind::BytesIterator);

/// A new reference to the result of `x.__bytes__()` for a class that defines it.
fn dunder_bytes(x: Obj) -> Option<MoltResult<Obj>> {
    let t = x.type_of();
    if !super::class::is_heap(t) {
        return None;
    }
    let f = match super::class::find(t, "__bytes__", |_| false)? {
        super::class::Found::Value(f) => f,
        super::class::Found::Static(_) => return None,
    };
    Some(super::callable::call_object(f.get(), &[x], &[]).and_then(|b| {
        if bytes_data(b).is_some() {
            Ok(b)
        } else {
            let name = b.type_of().name;
            // SAFETY: the call's new reference, not returned.
            unsafe { decref(b) };
            fail(TypeError, format!("__bytes__ returned non-bytes (type {name})"))
        }
    }))
}

/// `PyBytes_FromObject(x)` for what is not an int: bytes itself, a list, a tuple or any
/// iterable of ints 0..255 (not a str); TypeError "cannot convert 'float' object to bytes".
fn from_object(x: Obj) -> MoltResult<Obj> {
    if bytes_data(x).is_some() {
        return Ok(new_ref(x));
    }
    if pystr::str_text(x).is_none() && x.type_of().iter_slot().is_some() {
        let it = super::range::Owned(iter::get_iter(x)?);
        let mut out: Vec<u8> = Vec::new();
        while let Some(item) = iter::iter_next(it.get())? {
            let item = super::range::Owned(item);
            let b = byte_value(item.get())?;
            if out.try_reserve(1).is_err() {
                return memory_error();
            }
            out.push(b);
        }
        return bytes_from_vec(out);
    }
    fail(TypeError, format!("cannot convert '{}' object to bytes", x.type_of().name))
}

/// `PyObject_Bytes(x)`: bytes itself, `x.__bytes__()`, or `PyBytes_FromObject(x)` (an int is
/// not a count here: `bytes(3)`'s special case is the constructor's).
pub fn object_bytes(x: Obj) -> MoltResult<Obj> {
    if bytes_data(x).is_some() {
        return Ok(new_ref(x));
    }
    if let Some(b) = dunder_bytes(x) {
        return b;
    }
    from_object(x)
}

/// An optional str argument of the constructor: "bytes() argument 'encoding' must be str, not
/// int".
fn str_argument<'a>(v: Option<Obj>, name: &str) -> MoltResult<Option<&'a str>> {
    match v {
        None => Ok(None),
        Some(o) => match pystr::str_text(o) {
            Some(s) => Ok(Some(s)),
            None => fail(TypeError, format!("bytes() argument '{name}' must be str, not {}", o.type_of().name)),
        },
    }
}

/// `bytes(source=b'', encoding=None, errors=None)` (`bytes_new_impl`).
fn bytes_new(_t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [x, encoding, errors] = super::call::unpack_args("bytes", ["source", "encoding", "errors"], 0, 0, 3, pos, kw)?;
    let encoding = str_argument(encoding, "encoding")?;
    let errors = str_argument(errors, "errors")?;
    let Some(x) = x else {
        return match (encoding, errors) {
            (Some(_), _) => fail(TypeError, "encoding without a string argument"),
            (None, Some(_)) => fail(TypeError, "errors without a string argument"),
            (None, None) => Ok(new_ref(Obj::from_static(&EMPTY_BYTES))),
        };
    };
    let text = pystr::str_text(x);
    if let Some(encoding) = encoding {
        let Some(text) = text else {
            return fail(TypeError, "encoding without a string argument");
        };
        return super::codecs::encode_text(text, encoding, errors.unwrap_or("strict")).and_then(bytes_from_vec);
    }
    if errors.is_some() {
        return fail(TypeError, if text.is_some() { "string argument without an encoding" } else { "errors without a string argument" });
    }
    if let Some(b) = dunder_bytes(x) {
        return b;
    }
    if text.is_some() {
        return fail(TypeError, "string argument without an encoding");
    }
    match index_value(x) {
        Ok(Some(Some(n))) if n < 0 => fail(ValueError, "negative count"),
        Ok(Some(Some(n))) => alloc_bytes(n as usize, |_| {}),
        Ok(Some(None)) => fail(OverflowError, format!("cannot fit '{}' into an index-sized integer", x.type_of().name)),
        Ok(None) => from_object(x),
        Err(e) if e.kind == TypeError => from_object(x),
        Err(e) => Err(e),
    }
}

/// `bytes % x` (printf-style formatting of bytes): not implemented yet, NotImplementedError
/// rather than the TypeError CPython would not raise.
fn binary(op: crate::BinaryOp, v: Obj, _w: Obj) -> MoltResult<Obj> {
    if op == crate::BinaryOp::Mod && bytes_data(v).is_some() {
        return fail(crate::ExceptionKind::NotImplementedError, "printf-style formatting of bytes (bytes % x) is not supported by Molt yet");
    }
    Ok(singletons::not_implemented())
}

static NUMBER: NumberSlots = NumberSlots { binary: Some(binary), binary_ops: OpSet::binary(&[crate::BinaryOp::Mod]), ..NumberSlots::EMPTY };

static SEQUENCE: SequenceSlots = SequenceSlots {
    len: Some(len),
    concat: Some(concat),
    repeat: Some(repeat),
    contains: Some(contains),
    ..SequenceSlots::EMPTY
};

static EXT: TypeExt = TypeExt { getslice: Some(getslice), ..TypeExt::EMPTY };

/// The type object of `bytes`.
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_type_bytes: TypeObject = TypeObject {
    new: Some(bytes_new),
    number: Some(&NUMBER),
    sequence: Some(&SEQUENCE),
    richcompare: Some(richcompare),
    hash: Some(hash),
    repr: Some(repr_slot),
    subscript: Some(subscript),
    iter: Some(bytes_iter),
    heap: Some(HeapKind::Bytes),
    methods: super::bytes_methods::BYTES_METHODS,
    ext: Some(&EXT),
    class_functions: &[("fromhex", fromhex_value)],
    ..TypeObject::new("bytes", &TYPE_OBJECT)
};

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// `bytes.hex(sep=<unrepresentable>, bytes_per_sep=1)` (Python/pystrhex.c): two lowercase hex
/// digits a byte, `sep` (one ASCII character, a str or bytes) between groups of
/// `|bytes_per_sep|` bytes counted from the right (from the left when negative).
pub fn hex(v: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [sep, per] = super::call::unpack_args("hex", ["sep", "bytes_per_sep"], 0, 0, 2, pos, kw)?;
    let data = bytes_data(v).unwrap_or(&[]);
    let sep = match sep {
        None => None,
        Some(s) => {
            let (n, first) = match (pystr::str_text(s), bytes_data(s)) {
                (Some(t), _) => (pystr::str_chars(s), t.chars().next().map(u32::from)),
                (None, Some(b)) => (b.len(), b.first().map(|&c| u32::from(c))),
                (None, None) => return fail(TypeError, format!("object of type '{}' has no len()", s.type_of().name)),
            };
            if n != 1 {
                return fail(ValueError, "sep must be length 1.");
            }
            match first.and_then(|c| u8::try_from(c).ok()).filter(u8::is_ascii) {
                Some(c) => Some(char::from(c)),
                None => return fail(ValueError, "sep must be ASCII."),
            }
        }
    };
    let per = match per {
        None => 1,
        Some(p) => match index_value(p)? {
            Some(Some(p)) => match i32::try_from(p) {
                Ok(p) => i64::from(p),
                Err(_) => return fail(OverflowError, "Python int too large to convert to C int"),
            },
            Some(None) => return fail(OverflowError, "Python int too large to convert to C int"),
            None => return fail(TypeError, format!("'{}' object cannot be interpreted as an integer", p.type_of().name)),
        },
    };
    let k = per.unsigned_abs() as usize;
    let n = data.len();
    let mut out = String::new();
    if out.try_reserve(n * 3).is_err() {
        return memory_error();
    }
    for (i, &b) in data.iter().enumerate() {
        if let Some(c) = sep {
            let boundary = if per > 0 { (n - i) % k == 0 } else { i % k == 0 };
            if i > 0 && k > 0 && boundary {
                out.push(c);
            }
        }
        out.push(char::from(HEX_DIGITS[usize::from(b >> 4)]));
        out.push(char::from(HEX_DIGITS[usize::from(b & 15)]));
    }
    pystr::str_from_text(&out)
}

/// `bytes.fromhex(string)` (`_PyBytes_FromHex`): pairs of hex digits, ASCII whitespace
/// between pairs skipped; ValueError "non-hexadecimal number found in fromhex() arg at
/// position N". The receiver (the class, or an instance) is not used.
pub fn fromhex(_recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let s = super::call::exactly_one_for("bytes.fromhex", pos, kw)?;
    let Some(text) = pystr::str_text(s) else {
        return fail(TypeError, format!("fromhex() argument must be str, not {}", s.type_of().name));
    };
    let bad = |at: usize| fail(ValueError, format!("non-hexadecimal number found in fromhex() arg at position {at}"));
    if let Some(at) = text.chars().position(|c| !c.is_ascii()) {
        return bad(at);
    }
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).and_then(|&c| char::from(c).to_digit(16));
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            i += 1;
            continue;
        }
        let Some(top) = digit(i) else { return bad(i) };
        let Some(bot) = digit(i + 1) else { return bad(i + 1) };
        out.push((top * 16 + bot) as u8);
        i += 2;
    }
    bytes_from_vec(out)
}

static FROMHEX: super::types::MethodDef = super::types::MethodDef { name: "fromhex", call: fromhex };

/// `bytes.fromhex` read from the class: the method bound to the class (a classmethod).
fn fromhex_value() -> Obj {
    value_or_raise(super::descr::builtin_method(Obj::from_static(&molt_type_bytes), &FROMHEX))
}

/// The bytes object of a literal (`len` bytes at `data`), made on its first use and kept in
/// `slot` (a zero-initialised word of the executable) until exit: a new reference each time.
///
/// # Safety
/// `data` must be valid for reads of `len` bytes; `slot` must point to a word that only this
/// function writes, zero until its first call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_bytes_const(data: *const u8, len: i64, slot: *const u8) -> Obj {
    let slot = slot.cast::<u64>().cast_mut();
    // SAFETY: the caller's slot: a word written only here.
    let cached = unsafe { slot.read() };
    if cached != 0 {
        let o = Obj(cached);
        super::incref(o);
        return o;
    }
    // SAFETY: forwarded caller contract.
    let data = unsafe { crate::exceptions::bytes_from_raw(data, len) };
    let o = value_or_raise(bytes_from_slice(data));
    if o.raw() == 0 {
        return o; // raised (MemoryError)
    }
    super::incref(o); // the slot's reference
    // SAFETY: as above.
    unsafe { slot.write(o.raw()) };
    pystr::keep_literal(slot);
    o
}

/// What code every program links reaches of bytes, once `molt_enable_bytes` ran (read through
/// `black_box`, so that such code never names the type or the codecs).
#[derive(Clone, Copy)]
pub struct BytesHooks {
    /// The class `bytes`.
    pub class: &'static TypeObject,
    /// `str(b, encoding, errors)` of a bytes object `b` (`unicode_new`'s decoding).
    pub decode: fn(Obj, Option<&str>, Option<&str>) -> MoltResult<Obj>,
}

static HOOKS: crate::sys::Global<Option<BytesHooks>> = crate::sys::Global::new(None);

/// The hooks, if the program enabled bytes.
pub fn hooks() -> Option<BytesHooks> {
    core::hint::black_box(HOOKS.with(|h| *h))
}

/// The class `bytes`, if the program enabled it.
pub fn bytes_class() -> Option<&'static TypeObject> {
    hooks().map(|h| h.class)
}

/// `str(b, encoding, errors)`: `b` decoded (utf-8 and strict by default).
fn decode_for_str(b: Obj, encoding: Option<&str>, errors: Option<&str>) -> MoltResult<Obj> {
    let text = super::codecs::decode_bytes(bytes_data(b).unwrap_or(&[]), encoding.unwrap_or("utf-8"), errors.unwrap_or("strict"))?;
    pystr::str_from_text(&text)
}

/// Makes the class `bytes` a value (`bytes(…)`, `isinstance(x, bytes)`), `str.encode` callable
/// and `str(b, encoding)` decode; `<module>` calls it in programs that name `bytes`, call
/// `encode` or hold a bytes literal (every way a bytes object comes to be).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_bytes() {
    HOOKS.with(|h| *h = Some(BytesHooks { class: &molt_type_bytes, decode: decode_for_str }));
    super::str_methods::enable_encode();
    super::unicode_error::enable();
}
