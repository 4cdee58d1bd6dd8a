//! Where a formatted text goes: into a new str object ([`NewStr`]: `format()`, `str.format`'s
//! fields, a single f-string field), or onto the end of a str builder
//! (`object::str_builder::Append`: the fields of an f-string, decisions/0060). The formatting
//! code is written once, over [`Sink`], and each text is written once, into its final place.
//!
//! Relies on: `str::alloc_str` / `str_from_text` (the new str objects).
//!
//! Provides: [`Sink`], [`NewStr`].
//!
//! Invariants: a sink's `text` is given the exact size of the text (bytes and code points)
//! before anything is written, and `fill` writes exactly that many bytes of UTF-8; a sink that
//! cannot get the room raises MemoryError before `fill` runs. `owned` takes the reference it is
//! given (a sink that keeps only the text releases it).

use crate::exceptions::MoltResult;
use crate::object::{Obj, str};

/// The destination of one formatted text.
pub(crate) trait Sink {
    /// What a finished text gives: the new str object, or nothing (the builder holds it).
    type Out;
    /// A text of `bytes` bytes of UTF-8 and `chars` code points, which `fill` writes into
    /// exactly `bytes` bytes.
    fn text(self, bytes: usize, chars: usize, fill: impl FnOnce(&mut [u8])) -> MoltResult<Self::Out>;
    /// The text of `t`.
    fn from_text(self, t: &str) -> MoltResult<Self::Out>
    where
        Self: Sized,
    {
        let chars = if t.is_ascii() { t.len() } else { t.chars().count() };
        self.text(t.len(), chars, |d| d.copy_from_slice(t.as_bytes()))
    }
    /// The str object `s` as it is (an owned reference, which the sink takes).
    fn owned(self, s: Obj) -> MoltResult<Self::Out>;
}

/// A new str object for each text.
pub(crate) struct NewStr;

impl Sink for NewStr {
    type Out = Obj;

    #[inline]
    fn text(self, bytes: usize, chars: usize, fill: impl FnOnce(&mut [u8])) -> MoltResult<Obj> {
        str::alloc_str(bytes, chars, fill)
    }

    #[inline]
    fn from_text(self, t: &str) -> MoltResult<Obj> {
        str::str_from_text(t)
    }

    #[inline]
    fn owned(self, s: Obj) -> MoltResult<Obj> {
        Ok(s)
    }
}
