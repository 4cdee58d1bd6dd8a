//! Where a formatted text goes: into a new str object ([`NewStr`]: `format()`, `str.format`'s
//! fields, a single f-string field), or onto the end of a str builder
//! (`object::str_builder::Append`: the fields of an f-string, decisions/0060). The formatting
//! code is written once, over [`Sink`], and each text is written once, into its final place.
//!
//! Relies on: `str::alloc_str` / `str_from_text` (the new str objects).
//!
//! Provides: [`Sink`], [`NewStr`], [`Push`] (onto a `String`: `str.format`'s result).
//!
//! Invariants: a sink's `text` is given the exact size of the text (bytes and code points)
//! before anything is written, and `fill` writes exactly that many bytes of UTF-8; a sink that
//! cannot get the room raises MemoryError before `fill` runs. `owned` takes the reference it is
//! given (a sink that keeps only the text releases it). A [`NewStr`] is given one text.

use crate::exceptions::MoltResult;
use crate::object::{Obj, str};

/// The destination of one formatted text (used as `&mut dyn Sink`: the formatting code is
/// compiled once for every destination).
pub(crate) trait Sink {
    /// A text of `bytes` bytes of UTF-8 and `chars` code points, which `fill` writes into
    /// exactly `bytes` bytes.
    fn text(&mut self, bytes: usize, chars: usize, fill: &mut dyn FnMut(&mut [u8])) -> MoltResult<()>;
    /// The text of `t`.
    fn from_text(&mut self, t: &str) -> MoltResult<()> {
        let chars = if t.is_ascii() { t.len() } else { t.chars().count() };
        self.text(t.len(), chars, &mut |d| d.copy_from_slice(t.as_bytes()))
    }
    /// The str object `s` as it is (an owned reference, which the sink takes).
    fn owned(&mut self, s: Obj) -> MoltResult<()>;
}

/// A new str object for the text: [`NewStr::run`] gives it.
#[derive(Default)]
pub(crate) struct NewStr(Option<Obj>);

impl NewStr {
    /// The str object `f` writes into a new sink.
    #[inline]
    pub(crate) fn run(f: impl FnOnce(&mut dyn Sink) -> MoltResult<()>) -> MoltResult<Obj> {
        let mut out = NewStr(None);
        f(&mut out)?;
        match out.0 {
            Some(o) => Ok(o),
            None => panic!("invariant `a formatted text reaches its sink` broken"),
        }
    }
}

impl Sink for NewStr {
    fn text(&mut self, bytes: usize, chars: usize, fill: &mut dyn FnMut(&mut [u8])) -> MoltResult<()> {
        self.0 = Some(str::alloc_str(bytes, chars, fill)?);
        Ok(())
    }

    fn from_text(&mut self, t: &str) -> MoltResult<()> {
        self.0 = Some(str::str_from_text(t)?);
        Ok(())
    }

    fn owned(&mut self, s: Obj) -> MoltResult<()> {
        self.0 = Some(s);
        Ok(())
    }
}

/// The end of a `String` (the text `str.format` builds).
pub(crate) struct Push<'a>(pub &'a mut alloc::string::String);

impl Sink for Push<'_> {
    fn text(&mut self, bytes: usize, _chars: usize, fill: &mut dyn FnMut(&mut [u8])) -> MoltResult<()> {
        if self.0.try_reserve(bytes).is_err() {
            return crate::object::alloc::memory_error();
        }
        let at = self.0.len();
        // SAFETY: `fill` writes `bytes` bytes of UTF-8 over the zeros (the sink's contract), so
        // the text stays UTF-8 once it returns; nothing reads it meanwhile.
        let v = unsafe { self.0.as_mut_vec() };
        v.resize(at + bytes, 0);
        fill(&mut v[at..]);
        Ok(())
    }

    fn from_text(&mut self, t: &str) -> MoltResult<()> {
        if self.0.try_reserve(t.len()).is_err() {
            return crate::object::alloc::memory_error();
        }
        self.0.push_str(t);
        Ok(())
    }

    fn owned(&mut self, s: Obj) -> MoltResult<()> {
        let r = self.from_text(str::str_text(s).unwrap_or(""));
        // SAFETY: the reference the sink was given.
        unsafe { crate::object::decref(s) };
        r
    }
}
