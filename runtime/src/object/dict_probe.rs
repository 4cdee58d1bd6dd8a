//! The dict lookup that runs no code: CPython 3.11's `unicodekeys_lookup_unicode` (identity,
//! then the text of exact strs) and `dictkeys_generic_lookup` as far as identity, and small
//! ints' values, decide; a key that only `==` can decide is left to `dict::lookup_generic`
//! ([`Probe::Compare`]), which compares and restarts when the comparison changed the dict.
//!
//! Relies on: `dict`'s keys table (`Keys`: its index words, entries and size) and its
//! constants; `str::exact_str_bytes` and `str::bytes_eq` (CPython's `unicode_eq`).
//!
//! Provides: [`probe`] and its answer [`Probe`]; [`build_indices`] (`dictresize`'s
//! `build_indices`).
//!
//! Invariants: the probe sequence is `dictkeys_generic_lookup`'s (`i = (i*5 + perturb + 1) &
//! mask`, `perturb >>= 5`), read at the table's index width (1, 2 or 4 bytes: a loop for each;
//! 8-byte tables are left to the generic lookup); no code runs (no comparison, no release), so
//! the borrowed table cannot change during a probe. A key is found only when it is the same
//! object, or both it and the table's key are exact strs of the same text; two small ints of
//! equal hash but different values are unequal; any other key of equal hash is left to `==`.

use super::Obj;
use super::dict::{DKIX_EMPTY, Entry, Keys, next_probe};

/// What a probe that runs no code decided (see [`probe`]).
#[derive(Clone, Copy)]
pub(super) enum Probe {
    /// The key's entry.
    Found(usize),
    /// The key is not in the table; the first slot of its probe sequence that holds no entry
    /// (`find_empty_slot`'s answer while the table is not replaced).
    Missing(usize),
    /// A key of the same hash, neither identical nor decidable without `==` (which may run
    /// code): `dict::lookup_generic` takes over.
    Compare,
}

/// How the probed key compares with the keys of the table without running code.
#[derive(Clone, Copy)]
enum KeyClass<'a> {
    /// An exact str: equal to an exact str of the same text only (CPython's
    /// `unicodekeys_lookup_unicode` / `unicode_eq`).
    Str(&'a [u8]),
    /// A small int: unequal to every other small int (an int value has one representation).
    Small,
    /// Anything else: only identity decides without `==`.
    Other,
}

/// An index word of the table (`DK_IXSIZE` bytes, as `dictkeys_get_index` reads it and
/// `dictkeys_set_index` writes it).
trait IndexWord: Copy {
    fn widen(self) -> i64;
    /// The word of entry position `ix` (which fits: the table's width is chosen by its size).
    fn narrow(ix: usize) -> Self;
}

impl IndexWord for i8 {
    #[inline(always)]
    fn widen(self) -> i64 {
        i64::from(self)
    }
    #[inline(always)]
    fn narrow(ix: usize) -> Self {
        ix as i8
    }
}

impl IndexWord for i16 {
    #[inline(always)]
    fn widen(self) -> i64 {
        i64::from(self)
    }
    #[inline(always)]
    fn narrow(ix: usize) -> Self {
        ix as i16
    }
}

impl IndexWord for i32 {
    #[inline(always)]
    fn widen(self) -> i64 {
        i64::from(self)
    }
    #[inline(always)]
    fn narrow(ix: usize) -> Self {
        ix as i32
    }
}

impl IndexWord for i64 {
    #[inline(always)]
    fn widen(self) -> i64 {
        self
    }
    #[inline(always)]
    fn narrow(ix: usize) -> Self {
        ix as i64
    }
}

/// The words of `keys`' index table as `W`s (checking the invariant that makes the reads and
/// writes through the pointer stay inside it: `2**log2_size` words of `W`'s width).
#[inline(always)]
fn words_of<W: IndexWord>(keys: &Keys) -> (*const W, usize) {
    let mask = keys.mask();
    if keys.indices.len() != (mask + 1) * core::mem::size_of::<W>() {
        panic!("invariant `the index table has 2**log2_size words` broken");
    }
    (keys.indices.as_ptr().cast::<W>(), mask)
}

/// [`probe`] over a table whose index words are `W`s.
#[inline(always)]
fn probe_words<W: IndexWord>(keys: &Keys, key: Obj, hash: i64, class: KeyClass<'_>) -> Probe {
    let (words, mask) = words_of::<W>(keys);
    let entries = keys.entries.as_slice();
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    let mut free = None;
    loop {
        // SAFETY: `i <= mask`, and the table holds `mask + 1` words (`words_of`); a byte
        // vector is not aligned for `W`, hence the unaligned read.
        let ix = unsafe { words.add(i).read_unaligned() }.widen();
        if ix >= 0 {
            let Some(&Entry {
                hash: h,
                kv: Some((k, _)),
            }) = entries.get(ix as usize)
            else {
                panic!("invariant `an index >= 0 names a live entry` broken");
            };
            if k.is(key) {
                return Probe::Found(ix as usize);
            }
            if h == hash {
                match class {
                    KeyClass::Str(text) => match super::str::exact_str_bytes(k) {
                        Some(t) => {
                            if super::str::bytes_eq(t, text) {
                                return Probe::Found(ix as usize);
                            }
                        }
                        None => return Probe::Compare,
                    },
                    KeyClass::Small => {
                        if !k.is_small() {
                            return Probe::Compare;
                        }
                    }
                    KeyClass::Other => return Probe::Compare,
                }
            }
        } else if ix == DKIX_EMPTY {
            return Probe::Missing(free.unwrap_or(i));
        } else if free.is_none() {
            free = Some(i);
        }
        i = next_probe(i, &mut perturb) & mask;
    }
}

/// The lookup of `key` (of hash `hash`) in `keys` that runs no code: identity, then (for equal
/// hashes) the text of two exact strs or the values of two small ints; anything else is left to
/// `==` ([`Probe::Compare`]). The probe sequence is `dictkeys_generic_lookup`'s, the index words
/// read at the table's width by a loop of their own (CPython's `lookdict_index` and
/// `unicodekeys_lookup_unicode`).
#[inline(never)]
pub(super) fn probe(keys: &Keys, key: Obj, hash: i64) -> Probe {
    if keys.indices.is_empty() {
        // The shared empty keys: no index table.
        return Probe::Compare;
    }
    let class = if key.is_small() {
        KeyClass::Small
    } else if let Some(text) = super::str::exact_str_bytes(key) {
        KeyClass::Str(text)
    } else {
        KeyClass::Other
    };
    match keys.log2_size {
        0..8 => probe_words::<i8>(keys, key, hash, class),
        8..16 => probe_words::<i16>(keys, key, hash, class),
        16..32 => probe_words::<i32>(keys, key, hash, class),
        // 2**32 slots or more (8-byte indices): left to `==`'s lookup.
        _ => Probe::Compare,
    }
}

/// `build_indices`: indexes every entry of `keys`, whose entries are all live and whose index
/// table is all empty (a table being built by `dictresize`): each entry's position goes to the
/// first empty slot of its hash's probe sequence.
pub(super) fn build_indices(keys: &mut Keys) {
    match keys.log2_size {
        0..8 => build_words::<i8>(keys),
        8..16 => build_words::<i16>(keys),
        16..32 => build_words::<i32>(keys),
        _ => build_words::<i64>(keys),
    }
}

/// [`build_indices`] for a table whose index words are `W`s.
fn build_words<W: IndexWord>(keys: &mut Keys) {
    let (_, mask) = words_of::<W>(keys);
    let words = keys.indices.as_mut_ptr().cast::<W>();
    for (ix, e) in keys.entries.iter().enumerate() {
        let mut perturb = e.hash as u64;
        let mut i = (e.hash as u64 as usize) & mask;
        // SAFETY (both accesses): `i <= mask` in a table of `mask + 1` words (`words_of`).
        while unsafe { words.add(i).read_unaligned() }.widen() != DKIX_EMPTY {
            i = next_probe(i, &mut perturb) & mask;
        }
        unsafe { words.add(i).write_unaligned(W::narrow(ix)) };
    }
}
