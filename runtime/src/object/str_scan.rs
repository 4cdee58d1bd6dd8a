//! Byte scans over UTF-8 text a word (8 bytes) at a time, for the str methods that look for a
//! separator or a line break (`split`, `splitlines`).
//!
//! Relies on: `core`; `list::list_from_fn` for the pieces of [`split_byte`].
//!
//! Provides: [`find_byte`], [`find_below_or_high`], [`split_byte`] (`str.split` by one ASCII
//! byte: the pieces counted, then made straight into a list of that length).
//!
//! Invariants: each returns exactly the position a byte-by-byte scan would: in a word, the
//! lowest flagged byte of `(w - 0x01..01 * n) & !w & 0x80..80` is the first byte below `n`
//! (a borrow can only flag bytes above a flagged one), and words are read little-endian, so
//! the lowest byte is the first in memory.

use super::Obj;
use crate::exceptions::MoltResult;

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

#[inline]
fn word(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// The first position at or after `from` where `b` holds `c`.
#[inline]
pub fn find_byte(b: &[u8], from: usize, c: u8) -> Option<usize> {
    let pat = LO * u64::from(c);
    let mut i = from;
    while i + 8 <= b.len() {
        let w = word(b, i) ^ pat;
        let z = w.wrapping_sub(LO) & !w & HI;
        if z != 0 {
            return Some(i + (z.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?.iter().position(|&x| x == c).map(|p| i + p)
}

/// The first position at or after `from` where `b` holds a byte below `n` (at most 0x80) or a
/// byte of 0x80 and above (a non-ASCII character's).
#[inline]
pub fn find_below_or_high(b: &[u8], from: usize, n: u8) -> Option<usize> {
    let below = LO * u64::from(n);
    let mut i = from;
    while i + 8 <= b.len() {
        let w = word(b, i);
        let z = (w.wrapping_sub(below) & !w & HI) | (w & HI);
        if z != 0 {
            return Some(i + (z.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?.iter().position(|&x| x < n || x >= 0x80).map(|p| i + p)
}

/// The list of the pieces of `b` between its bytes `c` (an ASCII byte, so every piece is
/// whole characters), from the left, each made by `piece(start, end)`: `str.split(c)`.
pub fn split_byte(b: &[u8], c: u8, mut piece: impl FnMut(usize, usize) -> MoltResult<Obj>) -> MoltResult<Obj> {
    let mut n = 1;
    let mut at = 0;
    while let Some(i) = find_byte(b, at, c) {
        n += 1;
        at = i + 1;
    }
    let mut start = 0;
    super::list::list_from_fn(n, |k| {
        let end = if k + 1 == n { b.len() } else { find_byte(b, start, c).unwrap_or(b.len()) };
        let r = piece(start, end);
        start = end + 1;
        r
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_agree_with_bytewise() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in 0..70 {
            for _ in 0..40 {
                let b: alloc::vec::Vec<u8> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        [b'a', b'|', b'\n', 0x0b, 0x1f, 0x20, 0x7f, 0x80, 0xc2, 0xff, 0x00, b'z'][(seed % 12) as usize]
                    })
                    .collect();
                for from in 0..=len {
                    for c in [b'|', b'\n', 0x00, 0xff, b'a'] {
                        let want = b[from..].iter().position(|&x| x == c).map(|p| from + p);
                        assert_eq!(find_byte(&b, from, c), want, "{b:?} {from} {c}");
                    }
                    for n in [0x20u8, 0x0e, 0x01, 0x80] {
                        let want = b[from..].iter().position(|&x| x < n || x >= 0x80).map(|p| from + p);
                        assert_eq!(find_below_or_high(&b, from, n), want, "{b:?} {from} {n}");
                    }
                }
            }
        }
    }
}
