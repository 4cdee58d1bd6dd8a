//! Str builders (decisions/0060): the text of an f-string appended part by part, left to right,
//! as each part is evaluated, then made into one str object (CPython's `_PyUnicodeWriter`, which
//! its `BUILD_STRING` and `str.format` write through). A field's text is formatted straight into
//! the builder, so an f-string of n fields makes one str object, not n + 1.
//!
//! Relies on: `format::format_to` over the [`Append`] sink (the formatting of every builtin
//! type, written once), its own buffer (the text: inline up to `INLINE` bytes, on the heap
//! beyond, MemoryError when the heap has no room), `str::alloc_str` for the result.
//!
//! Provides: the ABI functions `molt_sb_new`, `molt_sb_text`, `molt_sb_add`, `molt_sb_format`,
//! `molt_sb_format_float`, `molt_sb_format_obj`, `molt_sb_finish`; [`free`] (kind
//! `StrBuilder`).
//!
//! Invariants: a builder is an object of kind `StrBuilder` that only compiled code holds (the
//! compiler makes one per f-string, `t.sb_new`, and never lets Python code see it); its text is
//! valid UTF-8 and `chars` counts its code points. It holds no references, so it is freed like a
//! str when its count drops to zero, which is also how an exception raised between two parts
//! releases it. The functions are given a builder, else an internal invariant failure.

use alloc::alloc::Layout;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_raw, free_raw, memory_error};
use super::format::sink::Sink;
use super::format::{SpecArg, format_f64, format_to};
use super::types::{TYPE_OBJECT, TypeObject};
use super::{Header, Obj, decref, str};
use crate::exceptions::{MoltResult, value_or_raise};

/// The text kept in the object itself: an f-string's usual length.
const INLINE: usize = 192;

#[repr(C)]
struct StrBuilderObject {
    header: Header,
    /// The text: `len` bytes at `ptr`, which has room for `cap` (all of it initialised).
    len: usize,
    cap: usize,
    ptr: *mut u8,
    /// The code points of the text.
    chars: usize,
    /// The room once the text outgrew `inline` (`ptr` is then its buffer, `cap` its length).
    heap: Vec<u8>,
    inline: [u8; INLINE],
}

impl StrBuilderObject {
    /// `n` more bytes of room at the end of the text, counted in it, to be written over:
    /// MemoryError (the text unchanged) when the heap cannot give them.
    #[inline]
    fn room(&mut self, n: usize) -> MoltResult<&mut [u8]> {
        if self.cap - self.len < n {
            self.grow(n)?;
        }
        let at = self.len;
        self.len += n;
        // SAFETY: `at + n <= cap`, and the `cap` bytes at `ptr` are initialised and ours.
        Ok(unsafe { core::slice::from_raw_parts_mut(self.ptr.add(at), n) })
    }

    /// Moves the text into a heap buffer with room for `n` more bytes (at least double).
    #[cold]
    fn grow(&mut self, n: usize) -> MoltResult<()> {
        let Some(need) = self.len.checked_add(n).filter(|&b| b <= isize::MAX as usize) else {
            return memory_error();
        };
        let cap = need.max(self.cap.saturating_mul(2));
        let mut v: Vec<u8> = Vec::new();
        if v.try_reserve_exact(cap).is_err() {
            return memory_error();
        }
        v.extend_from_slice(self.text());
        v.resize(cap, 0);
        self.heap = v;
        self.ptr = self.heap.as_mut_ptr();
        self.cap = cap;
        Ok(())
    }

    fn text(&self) -> &[u8] {
        // SAFETY: the first `len` bytes at `ptr` are the text.
        unsafe { core::slice::from_raw_parts(self.ptr, self.len) }
    }
}

/// The type of str builders (never visible to Python code).
pub static TYPE_STR_BUILDER: TypeObject = TypeObject {
    heap: Some(HeapKind::StrBuilder),
    ..TypeObject::new("str_builder", &TYPE_OBJECT)
};

/// The builder behind `b`.
fn builder<'a>(b: Obj) -> &'a mut StrBuilderObject {
    match b.header_ptr() {
        // SAFETY: an object of kind `StrBuilder` is a `StrBuilderObject`; compiled code uses
        // each builder from one place at a time, so no other borrow of it is live.
        Some(h) if b.type_of().heap == Some(HeapKind::StrBuilder) => unsafe { &mut *h.cast_mut().cast::<StrBuilderObject>() },
        _ => panic!("invariant `a str builder operand is a str builder` broken"),
    }
}

/// The sink that appends a text to a builder.
pub(crate) struct Append<'a>(&'a mut StrBuilderObject);

impl Sink for Append<'_> {
    fn text(&mut self, bytes: usize, chars: usize, fill: &mut dyn FnMut(&mut [u8])) -> MoltResult<()> {
        fill(self.0.room(bytes)?);
        self.0.chars += chars;
        Ok(())
    }

    fn owned(&mut self, s: Obj) -> MoltResult<()> {
        let r = push_str(self.0, s);
        // SAFETY: the reference the sink was given.
        unsafe { decref(s) };
        r
    }
}

/// Appends the text of str `s`.
fn push_str(b: &mut StrBuilderObject, s: Obj) -> MoltResult<()> {
    let Some(t) = str::str_text(s) else {
        panic!("invariant `a str builder appends strs` broken");
    };
    let chars = str::str_chars(s);
    Append(b).text(t.len(), chars, &mut |d| d.copy_from_slice(t.as_bytes()))
}

/// The `len` bytes at `p`, as text.
///
/// # Safety
/// `p` points to `len` bytes of UTF-8 that live as long as the program (a literal).
unsafe fn literal(p: *const u8, len: i64) -> &'static str {
    // SAFETY: forwarded contract.
    unsafe { core::str::from_utf8_unchecked(core::slice::from_raw_parts(p, len as usize)) }
}

fn new_builder() -> MoltResult<Obj> {
    let p = alloc_raw(Layout::new::<StrBuilderObject>(), &TYPE_STR_BUILDER)?.cast::<StrBuilderObject>();
    // SAFETY: a fresh block for a `StrBuilderObject`, its header written.
    unsafe {
        let inline = core::ptr::addr_of_mut!((*p).inline);
        inline.write([0; INLINE]);
        core::ptr::addr_of_mut!((*p).len).write(0);
        core::ptr::addr_of_mut!((*p).cap).write(INLINE);
        core::ptr::addr_of_mut!((*p).ptr).write(inline.cast());
        core::ptr::addr_of_mut!((*p).chars).write(0);
        core::ptr::addr_of_mut!((*p).heap).write(Vec::new());
        Ok(Obj::from_header(p.cast()))
    }
}

/// Frees a str builder whose count reached zero.
///
/// # Safety
/// `h` is a str builder at count zero, not used again.
pub unsafe fn free(h: *mut Header) {
    // SAFETY: forwarded contract: the text is dropped once, then the block.
    unsafe {
        core::ptr::drop_in_place(core::ptr::addr_of_mut!((*h.cast::<StrBuilderObject>()).heap));
        free_raw(h, Layout::new::<StrBuilderObject>(), HeapKind::StrBuilder);
    }
}

#[unsafe(no_mangle)]
pub extern "C" fn molt_sb_new() -> Obj {
    value_or_raise(new_builder())
}

/// # Safety
/// `text` points to `len` bytes of UTF-8 that live as long as the program (a literal).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_sb_text(b: Obj, text: *const u8, len: i64) {
    // SAFETY: forwarded contract.
    let t = unsafe { literal(text, len) };
    value_or_raise(Append(builder(b)).from_text(t))
}

#[unsafe(no_mangle)]
pub extern "C" fn molt_sb_add(b: Obj, s: Obj) {
    value_or_raise(push_str(builder(b), s))
}

/// # Safety
/// `spec` points to `len` bytes of UTF-8 that live as long as the program (a literal).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_sb_format(b: Obj, value: Obj, spec: *const u8, len: i64) {
    // SAFETY: forwarded contract.
    let spec = unsafe { literal(spec, len) };
    value_or_raise(format_to(value, SpecArg::Literal(spec), &mut Append(builder(b))))
}

/// # Safety
/// `spec` points to `len` bytes of UTF-8 that live as long as the program (a literal).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_sb_format_float(b: Obj, value: f64, spec: *const u8, len: i64) {
    // SAFETY: forwarded contract.
    let spec = unsafe { literal(spec, len) };
    value_or_raise(format_f64(value, SpecArg::Literal(spec), &mut Append(builder(b))))
}

#[unsafe(no_mangle)]
pub extern "C" fn molt_sb_format_obj(b: Obj, value: Obj, spec: Obj) {
    value_or_raise(format_to(value, SpecArg::Obj(spec), &mut Append(builder(b))))
}

#[unsafe(no_mangle)]
pub extern "C" fn molt_sb_finish(b: Obj) -> Obj {
    let sb = builder(b);
    let text = sb.text();
    let r = str::alloc_str(text.len(), sb.chars, |d| d.copy_from_slice(text));
    sb.len = 0;
    sb.chars = 0;
    value_or_raise(r)
}

/// `prefix + format(value, spec) + suffix` through a builder, the float path for a float (the
/// formatting tests run every vector so, across the inline room's end); `spec` as a literal's
/// text (which must then never be freed) or as a str object.
#[cfg(test)]
pub(crate) fn format_between(prefix: &str, value: Obj, spec: SpecArg<'_>, suffix: &str) -> MoltResult<Obj> {
    let b = super::range::Owned(new_builder()?);
    let sb = builder(b.0);
    Append(&mut *sb).from_text(prefix)?;
    match super::float::float_value(value) {
        Some(x) if value.type_of().is(&super::float::molt_type_float) => format_f64(x, spec, &mut Append(&mut *sb))?,
        Some(_) | None => format_to(value, spec, &mut Append(&mut *sb))?,
    }
    Append(&mut *sb).from_text(suffix)?;
    let r = molt_sb_finish(b.0);
    Ok(r)
}
