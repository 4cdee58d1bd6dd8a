//! The sort of plain keys: keys whose comparisons run no code, cannot fail and order totally
//! (every key a small int, every key a str, every key a float without NaN, or every key an
//! exact tuple of such items with one kind per position). Nothing can observe which comparisons
//! such a sort makes, and the stable order of a total preorder is unique, so the library's
//! stable sort computes exactly the order CPython's timsort gives (decisions/0056).
//!
//! Relies on: `list_sort` for the pre-sort check (`ElemOrder`) and the (key, item) pairs;
//! `str`, `float`, `tuple` for the keys' contents.
//!
//! Provides: [`sort_plain`].
//!
//! Invariants: small-int keys are sorted in the pairs themselves (the key's word orders as its
//! value). The other plain keys are sorted with a **prefix**: up to two words per key computed
//! once (decisions/0058), so that most comparisons read no key object. A key's word of a
//! plain item is *monotone* — `word(a) < word(b)` implies `a < b` — and *exact* for small ints,
//! floats (−0.0 as 0.0) and strs of at most 7 bytes — equal words imply equal items. The second
//! word is compared only when the first items are equal (equal exact words), and two keys are
//! called equal without reading them only when both are wholly described by their words
//! (`DONE`); every other tie falls back to the full comparison of the keys. Hence the
//! comparison of prefixed keys is exactly the comparison of the keys.

use alloc::vec::Vec;
use core::cmp::Ordering;

use super::alloc::memory_error;
use super::list_sort::ElemOrder;
use super::{Obj, float, str, tuple};
use crate::exceptions::MoltResult;

/// Whether `pairs` (key, item) were sorted here by their keys: true when the keys are plain
/// (the pairs are then in the one stable order), false (pairs untouched) when the caller's
/// timsort must sort them (also for more than 2**32 pairs, which the prefixes cannot number). `elem` is the pre-sort check's verdict on the keys themselves.
pub(super) fn sort_plain(pairs: &mut [(Obj, Obj)], elem: Option<ElemOrder>) -> MoltResult<bool> {
    let kind = match elem {
        Some(ElemOrder::SmallInt) => {
            pairs.sort_by(|x, y| (x.0.raw() as i64).cmp(&(y.0.raw() as i64)));
            return Ok(true);
        }
        Some(ElemOrder::Str) => PlainKeys::Str,
        // A NaN is unordered: the result would depend on which comparisons are made.
        Some(ElemOrder::Float) if pairs.iter().all(|p| !float_of(p.0).is_nan()) => PlainKeys::Float,
        Some(ElemOrder::Float) => return Ok(false),
        None if plain_tuples(pairs) => PlainKeys::Tuple,
        None => return Ok(false),
    };
    // The prefixes carry the pairs' positions (24 bytes each, moved by the sort); the pairs are
    // permuted once at the end.
    let Ok(n) = u32::try_from(pairs.len()) else { return Ok(false) };
    let mut v: Vec<Prefixed> = Vec::new();
    let mut sorted: Vec<(Obj, Obj)> = Vec::new();
    if v.try_reserve_exact(pairs.len()).is_err() || sorted.try_reserve_exact(pairs.len()).is_err() {
        return memory_error();
    }
    v.extend((0..n).zip(pairs.iter()).map(|(i, &(key, _))| Prefixed::new(kind, key, i)));
    {
        let keys = &*pairs;
        let key = |p: &Prefixed| keys.get(p.pos as usize).map_or(Obj::default(), |k| k.0);
        v.sort_by(|a, b| a.cmp(b, |x, y| kind.cmp(key(x), key(y))));
    }
    sorted.extend(v.iter().filter_map(|p| pairs.get(p.pos as usize).copied()));
    for (slot, p) in pairs.iter_mut().zip(sorted) {
        *slot = p;
    }
    Ok(true)
}

/// Plain keys other than small ints (those need no prefix).
#[derive(Clone, Copy)]
enum PlainKeys {
    Str,
    /// Floats, none of them NaN.
    Float,
    /// Exact tuples of plain items, one kind per position ([`plain_tuples`]).
    Tuple,
}

impl PlainKeys {
    /// The full comparison of two keys of this kind.
    fn cmp(self, x: Obj, y: Obj) -> Ordering {
        match self {
            // SAFETY: every key is a str (`elem_order`), held by the pairs.
            PlainKeys::Str => unsafe { str::text_cmp(str::str_bytes_unchecked(x), str::str_bytes_unchecked(y)) },
            PlainKeys::Float => float_of(x).partial_cmp(&float_of(y)).unwrap_or(Ordering::Equal),
            PlainKeys::Tuple => {
                // SAFETY: `plain_tuples` found every key a non-empty exact tuple.
                let (v, w) = unsafe { (tuple::tuple_items_unchecked(x), tuple::tuple_items_unchecked(y)) };
                for (&a, &b) in v.iter().zip(w) {
                    match plain_item_cmp(a, b) {
                        Ordering::Equal => {}
                        o => return o,
                    }
                }
                v.len().cmp(&w.len())
            }
        }
    }
}

/// The first word is exact: equal first words mean equal first items.
const EXACT0: u8 = 1;
/// The words describe the whole key: two keys with equal words, both `DONE`, are equal.
const DONE: u8 = 2;

/// A key's prefix words (see the module doc) and its pair's position.
#[derive(Clone, Copy)]
struct Prefixed {
    w0: u64,
    w1: u64,
    pos: u32,
    flags: u8,
}

impl Prefixed {
    fn new(kind: PlainKeys, key: Obj, pos: u32) -> Prefixed {
        let (w0, w1, flags) = match kind {
            PlainKeys::Str | PlainKeys::Float => {
                let (w, exact) = item_word(key);
                (w, 0, if exact { EXACT0 | DONE } else { 0 })
            }
            PlainKeys::Tuple => {
                // SAFETY: `plain_tuples` found every key a non-empty exact tuple.
                let items = unsafe { tuple::tuple_items_unchecked(key) };
                let (w0, e0) = items.first().map_or((0, false), |&x| item_word(x));
                // A missing second item orders first: word 0, never `DONE`.
                let (w1, e1) = items.get(1).map_or((0, false), |&x| item_word(x));
                let done = e0 && e1 && items.len() == 2;
                (w0, w1, if e0 { EXACT0 } else { 0 } | if done { DONE } else { 0 })
            }
        };
        Prefixed { w0, w1, pos, flags }
    }

    /// The comparison of the keys, `full` comparing them in full when the words tie.
    #[inline(always)]
    fn cmp(&self, other: &Prefixed, full: impl FnOnce(&Prefixed, &Prefixed) -> Ordering) -> Ordering {
        if self.w0 != other.w0 {
            return self.w0.cmp(&other.w0);
        }
        // Equal words, one exact: the other is exact too (an inexact str word has length
        // byte 8, an exact one at most 7; small-int and float words are always exact).
        if self.flags & EXACT0 != 0 {
            if self.w1 != other.w1 {
                return self.w1.cmp(&other.w1);
            }
            if self.flags & other.flags & DONE != 0 {
                return Ordering::Equal;
            }
        }
        full(self, other)
    }
}

/// The monotone word of a plain item, and whether it is exact (see the module doc):
/// a small int's value with its sign bit flipped; a float's bits in their total order (−0.0
/// taken as 0.0); a str's first 7 bytes, big-endian, above its length capped at 8.
fn item_word(x: Obj) -> (u64, bool) {
    if x.is_small() {
        return ((x.raw() as i64 as u64) ^ (1 << 63), true);
    }
    if let Some(t) = str::str_text(x) {
        return str_word(t.as_bytes());
    }
    (float_word(float_of(x)), true)
}

fn str_word(b: &[u8]) -> (u64, bool) {
    let mut w = 0u64;
    for (i, &c) in b.iter().take(7).enumerate() {
        w |= u64::from(c) << (56 - 8 * i);
    }
    (w | b.len().min(8) as u64, b.len() <= 7)
}

/// Not for NaN.
fn float_word(f: f64) -> u64 {
    let bits = if f == 0.0 { 0 } else { f.to_bits() };
    if bits >> 63 == 1 { !bits } else { bits | (1 << 63) }
}

fn float_of(x: Obj) -> f64 {
    float::float_value(x).unwrap_or(0.0)
}

/// The comparison of two plain items of one kind.
fn plain_item_cmp(x: Obj, y: Obj) -> Ordering {
    if x.is_small() {
        return (x.raw() as i64).cmp(&(y.raw() as i64));
    }
    if let (Some(a), Some(b)) = (str::str_text(x), str::str_text(y)) {
        return str::text_cmp(a.as_bytes(), b.as_bytes());
    }
    float_of(x).partial_cmp(&float_of(y)).unwrap_or(Ordering::Equal)
}

/// The kind of a plain item: one whose comparisons with an item of the same kind run no code,
/// cannot fail and order totally.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Plain {
    SmallInt,
    Str,
    Float,
}

fn plain_kind(o: Obj) -> Option<Plain> {
    if o.is_small() {
        Some(Plain::SmallInt)
    } else if str::str_text(o).is_some() {
        Some(Plain::Str)
    } else {
        float::float_value(o).filter(|f| !f.is_nan()).map(|_| Plain::Float)
    }
}

/// Whether every key of `pairs` is a non-empty exact tuple whose items at each position are all
/// of one plain kind (a tuple may be shorter than another: the lengths then decide): two keys
/// then compare without running code or failing, in a total preorder.
fn plain_tuples(pairs: &[(Obj, Obj)]) -> bool {
    // The kinds by position, as the first tuple long enough shows them (few positions: a
    // record's fields).
    let mut kinds: Vec<Plain> = Vec::new();
    for p in pairs {
        if !tuple::is_exact_tuple(p.0) {
            return false;
        }
        // SAFETY: an exact tuple, held by the pairs.
        let items = unsafe { tuple::tuple_items_unchecked(p.0) };
        if items.is_empty() {
            return false;
        }
        for (i, &x) in items.iter().enumerate() {
            let Some(k) = plain_kind(x) else { return false };
            match kinds.get(i) {
                Some(&known) if known != k => return false,
                Some(_) => {}
                None => {
                    if kinds.try_reserve(1).is_err() {
                        return false;
                    }
                    kinds.push(k);
                }
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of strs order as the strs and are exact up to 7 bytes.
    #[test]
    fn str_words_are_monotone() {
        let texts: [&[u8]; 12] = [b"", b"\0", b"a", b"a\0", b"a\0\0", b"ab", b"abcdefg", b"abcdefg\0", b"abcdefgh",
                                  b"abcdefh", b"\xc3\xa9", b"zzzzzzzzzz"];
        for a in texts {
            for b in texts {
                let ((wa, ea), (wb, _)) = (str_word(a), str_word(b));
                if wa < wb {
                    assert!(a < b, "{a:?} {b:?}");
                }
                if wa == wb && ea {
                    assert_eq!(a, b);
                }
            }
        }
    }

    /// Words of floats order as the floats, −0.0 equal to 0.0.
    #[test]
    fn float_words_are_monotone() {
        let xs = [f64::NEG_INFINITY, -1e300, -1.5, -5e-324, -0.0, 0.0, 5e-324, 1e-300, 1.0, 1.5, 1e300, f64::INFINITY];
        for a in xs {
            for b in xs {
                assert_eq!(float_word(a).cmp(&float_word(b)), a.partial_cmp(&b).unwrap(), "{a} {b}");
            }
        }
    }
}
