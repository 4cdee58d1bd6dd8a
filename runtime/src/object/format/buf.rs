//! Byte buffers for formatting without heap allocation in the usual case: [`ByteBuf`] (bytes
//! on the stack up to `N`, a `Vec` beyond), [`StackWriter`] (a `core::fmt::Write` into a fixed
//! array, failing rather than growing) and [`Cursor`] (writes into the bytes of a new str
//! object, whose length was computed before).
//!
//! Relies on: nothing but `core` and `alloc`.
//!
//! Provides: [`ByteBuf`], [`StackWriter`], [`Cursor`], [`write_u64`], [`write_u128`].
//!
//! Invariants: a [`ByteBuf`] holds exactly the bytes pushed, inline while they fit in `N` and
//! in a `Vec` once they do not (the `Vec` is reserved with `try_reserve`: MemoryError, never an
//! abort, for a size asked for in advance). A [`StackWriter`] never writes past its array: a
//! write that does not fit fails the whole `write!`, and the caller takes its general path. A
//! [`Cursor`] is given exactly the bytes a layout computed; writing past them is an internal
//! invariant failure (`panic!`), never reachable from user input.

use alloc::vec::Vec;

use crate::exceptions::MoltResult;
use crate::object::alloc::memory_error;

/// Bytes, inline up to `N`, on the heap beyond.
pub enum ByteBuf<const N: usize> {
    Inline { bytes: [u8; N], len: usize },
    Heap(Vec<u8>),
}

impl<const N: usize> Default for ByteBuf<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> ByteBuf<N> {
    /// An empty buffer.
    #[inline]
    pub fn new() -> Self {
        ByteBuf::Inline { bytes: [0; N], len: 0 }
    }

    /// An empty buffer with room for `n` bytes (MemoryError when the heap cannot give them).
    #[inline]
    pub fn with_capacity(n: usize) -> MoltResult<Self> {
        if n <= N {
            return Ok(Self::new());
        }
        let mut v = Vec::new();
        match v.try_reserve_exact(n) {
            Ok(()) => Ok(ByteBuf::Heap(v)),
            Err(_) => memory_error(),
        }
    }

    /// The bytes pushed so far.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            ByteBuf::Inline { bytes, len } => &bytes[..*len],
            ByteBuf::Heap(v) => v,
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    #[inline]
    pub fn last(&self) -> Option<u8> {
        self.as_bytes().last().copied()
    }

    /// Moves the inline bytes to the heap with room for `more` others.
    fn spill(&mut self, more: usize) -> &mut Vec<u8> {
        if let ByteBuf::Inline { bytes, len } = self {
            let mut v = Vec::with_capacity(len.saturating_add(more));
            v.extend_from_slice(&bytes[..*len]);
            *self = ByteBuf::Heap(v);
        }
        match self {
            ByteBuf::Heap(v) => v,
            ByteBuf::Inline { .. } => panic!("invariant broken: a ByteBuf spilled stays inline"),
        }
    }

    #[inline]
    pub fn extend(&mut self, s: &[u8]) {
        if let ByteBuf::Inline { bytes, len } = self
            && let Some(dst) = bytes.get_mut(*len..*len + s.len())
        {
            dst.copy_from_slice(s);
            *len += s.len();
            return;
        }
        self.spill(s.len()).extend_from_slice(s);
    }

    #[inline]
    pub fn push(&mut self, b: u8) {
        if let ByteBuf::Inline { bytes, len } = self
            && let Some(dst) = bytes.get_mut(*len)
        {
            *dst = b;
            *len += 1;
            return;
        }
        self.spill(1).push(b);
    }

    /// Appends `n` copies of `b`.
    #[inline]
    pub fn fill(&mut self, b: u8, n: usize) {
        if let ByteBuf::Inline { bytes, len } = self
            && let Some(dst) = bytes.get_mut(*len..len.saturating_add(n))
        {
            dst.fill(b);
            *len += n;
            return;
        }
        self.spill(n).extend(core::iter::repeat_n(b, n));
    }

    /// Drops the last byte, if any.
    #[inline]
    pub fn pop(&mut self) {
        match self {
            ByteBuf::Inline { len, .. } => *len = len.saturating_sub(1),
            ByteBuf::Heap(v) => {
                v.pop();
            }
        }
    }

    /// Keeps the first `n` bytes (all of them if there are fewer).
    #[inline]
    pub fn truncate(&mut self, n: usize) {
        match self {
            ByteBuf::Inline { len, .. } => *len = (*len).min(n),
            ByteBuf::Heap(v) => v.truncate(n),
        }
    }
}

/// A `core::fmt::Write` into a fixed array: a write that does not fit fails.
pub struct StackWriter<const N: usize> {
    pub bytes: [u8; N],
    pub len: usize,
}

impl<const N: usize> Default for StackWriter<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> StackWriter<N> {
    #[inline]
    pub fn new() -> Self {
        StackWriter { bytes: [0; N], len: 0 }
    }

    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl<const N: usize> core::fmt::Write for StackWriter<N> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(core::fmt::Error)?;
        let dst = self.bytes.get_mut(self.len..end).ok_or(core::fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Writes into a slice whose length a layout computed before (a new str object's bytes).
pub struct Cursor<'a> {
    out: &'a mut [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    #[inline]
    pub fn new(out: &'a mut [u8]) -> Self {
        Cursor { out, at: 0 }
    }

    /// The bytes written so far.
    #[inline]
    pub fn written(&self) -> usize {
        self.at
    }

    #[inline]
    pub fn put(&mut self, s: &[u8]) {
        if s.is_empty() {
            return;
        }
        let end = self.at + s.len();
        match self.out.get_mut(self.at..end) {
            Some(dst) => dst.copy_from_slice(s),
            None => panic!("invariant broken: a formatted text is longer than its layout"),
        }
        self.at = end;
    }

    #[inline]
    pub fn byte(&mut self, b: u8) {
        match self.out.get_mut(self.at) {
            Some(dst) => *dst = b,
            None => panic!("invariant broken: a formatted text is longer than its layout"),
        }
        self.at += 1;
    }

    /// `n` copies of the character `c`.
    #[inline]
    pub fn fill(&mut self, c: char, n: usize) {
        if n == 0 {
            return;
        }
        if c.is_ascii() {
            let end = self.at + n;
            match self.out.get_mut(self.at..end) {
                Some(dst) => dst.fill(c as u8),
                None => panic!("invariant broken: a formatted text is longer than its layout"),
            }
            self.at = end;
            return;
        }
        let mut buf = [0u8; 4];
        let enc = c.encode_utf8(&mut buf).as_bytes();
        for _ in 0..n {
            self.put(enc);
        }
    }
}

/// The decimal digits of `v`, written at the end of `buf` (at least 20 bytes long, else an
/// internal invariant failure); returns where they start.
#[inline]
pub fn write_u64(mut v: u64, buf: &mut [u8]) -> usize {
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    if buf.len() < 20 {
        panic!("invariant broken: a u64's digits need 20 bytes");
    }
    let mut i = buf.len();
    while v >= 100 {
        let r = (v % 100) as usize * 2;
        v /= 100;
        i -= 2;
        buf[i] = PAIRS[r];
        buf[i + 1] = PAIRS[r + 1];
    }
    if v >= 10 {
        let r = v as usize * 2;
        i -= 2;
        buf[i] = PAIRS[r];
        buf[i + 1] = PAIRS[r + 1];
    } else {
        i -= 1;
        buf[i] = b'0' + v as u8;
    }
    i
}

/// The decimal digits of `v`, written at the end of `buf` (at least 40 bytes long, else an
/// internal invariant failure); returns where they start.
#[inline]
pub fn write_u128(v: u128, buf: &mut [u8]) -> usize {
    if let Ok(small) = u64::try_from(v) {
        return write_u64(small, buf);
    }
    const E19: u128 = 10_000_000_000_000_000_000;
    if buf.len() < 40 {
        panic!("invariant broken: a u128's digits need 40 bytes");
    }
    let n = buf.len();
    // The low 19 digits, zero-padded, then the high ones (below 2^128 / 10^19 < 10^20).
    let low = (v % E19) as u64;
    let at = write_u64(low, &mut buf[..n]);
    buf[n - 19..at].fill(b'0');
    let high = v / E19;
    match u64::try_from(high) {
        Ok(h) => write_u64(h, &mut buf[..n - 19]),
        Err(_) => {
            // v >= 10^38: one more digit above the nineteen of `high % 10^19`.
            let at = write_u64((high % E19) as u64, &mut buf[..n - 19]);
            buf[n - 38..at].fill(b'0');
            // u128::MAX < 4 * 10^38: one digit.
            buf[n - 39] = b'0' + (high / E19) as u8;
            n - 39
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u64_digits() {
        for v in [0u64, 1, 9, 10, 99, 100, 101, 12345, u64::MAX, 10u64.pow(19), 999_999] {
            let mut buf = [0u8; 20];
            let at = write_u64(v, &mut buf);
            assert_eq!(&buf[at..], alloc::format!("{v}").as_bytes());
        }
        for v in [0u128, 7, u128::from(u64::MAX), u128::from(u64::MAX) + 1, 10u128.pow(19), 10u128.pow(19) - 1,
                  10u128.pow(20) + 5, 10u128.pow(37) + 3, 10u128.pow(38), u128::MAX, u128::MAX / 3]
        {
            let mut buf = [0u8; 40];
            let at = write_u128(v, &mut buf);
            assert_eq!(&buf[at..], alloc::format!("{v}").as_bytes());
        }
    }

    #[test]
    fn byte_buf_spills() {
        let mut b = ByteBuf::<4>::new();
        b.extend(b"ab");
        b.push(b'c');
        b.fill(b'0', 3);
        assert_eq!(b.as_bytes(), b"abc000");
        b.pop();
        assert_eq!(b.as_bytes(), b"abc00");
        b.truncate(1);
        assert_eq!(b.as_bytes(), b"a");
        let mut c = ByteBuf::<8>::new();
        c.extend(b"123");
        c.pop();
        c.fill(b'x', 2);
        assert_eq!((c.as_bytes(), c.len(), c.last()), (&b"12xx"[..], 4, Some(b'x')));
    }
}
