//! The MRO lookup cache (CPython's type method cache in `Objects/typeobject.c`): for a user
//! class and a name, which class of its MRO holds the name in its namespace, and the value —
//! so that an attribute access does not hash the name once per class of the MRO each time.
//!
//! Relies on: `class::namespace_scan` computing the answer without running any code (namespace
//! dicts have str keys, compared by text). Provides [`lookup`] and [`invalidate`].
//!
//! Invariants: an entry answers only while the epoch it was made in is current. The epoch
//! advances whenever a class namespace may change (`class::type_setattr`, the collector
//! clearing a class) and whenever a class is freed (a class made later at the same address
//! never sees the entries of the old one); creating a class changes no namespace another class
//! can see. A cached value is borrowed from the namespace that held it, which keeps it alive
//! while the epoch holds. Names longer than [`MAX_NAME`] bytes are not cached. The table is
//! all zeros at start (in `.bss`: it costs the executable nothing).

use super::Obj;
use super::types::TypeObject;
use crate::sys::Global;

const SIZE: usize = 1024;
/// The longest name the cache holds, in bytes.
pub const MAX_NAME: usize = 40;

#[derive(Clone, Copy)]
struct Entry {
    /// The cache's epoch + 1 when the entry was made (0: never made).
    epoch: u64,
    ty: usize,
    len: u8,
    text: [u8; MAX_NAME],
    found: bool,
    index: u32,
    /// The value's reference word.
    value: u64,
}

const EMPTY: Entry = Entry { epoch: 0, ty: 0, len: 0, text: [0; MAX_NAME], found: false, index: 0, value: 0 };

struct Cache {
    epoch: u64,
    entries: [Entry; SIZE],
}

static CACHE: Global<Cache> = Global::new(Cache { epoch: 0, entries: [EMPTY; SIZE] });

/// Forgets every entry (a namespace changed, or a class was freed).
pub fn invalidate() {
    CACHE.with(|c| c.epoch += 1);
}

/// The current epoch: it changes whenever a class namespace may have changed (what the
/// attribute caches of `attr_cache` compare with).
pub fn epoch() -> u64 {
    CACHE.with(|c| c.epoch)
}

/// The (MRO index, value) of `name` in the first namespace of `t`'s MRO that holds it, from the
/// cache or from `scan` (which must run no code).
pub fn lookup(t: &'static TypeObject, serial: u64, name: &str, scan: impl FnOnce() -> Option<(usize, Obj)>) -> Option<(usize, Obj)> {
    let Ok(len) = u8::try_from(name.len()) else { return scan() };
    if name.len() > MAX_NAME {
        return scan();
    }
    let ty = core::ptr::from_ref(t) as usize;
    // The slot comes from the class's serial number and the name's text, never from addresses
    // (which vary from run to run): the gates count instructions, which must not.
    let h = super::str::hash_text(name) as u64 ^ serial.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let i = (h ^ (h >> 29)) as usize & (SIZE - 1);
    let hit = CACHE.with(|c| {
        let e = &c.entries[i];
        (e.epoch == c.epoch + 1 && e.ty == ty && e.len == len && &e.text[..name.len()] == name.as_bytes())
            .then_some(e.found.then_some((e.index as usize, e.value)))
    });
    if let Some(h) = hit {
        // SAFETY: the word of a value a namespace still holds (the epoch is current).
        return h.map(|(ix, v)| (ix, unsafe { Obj::from_raw(v) }));
    }
    let r = scan();
    let mut text = [0; MAX_NAME];
    text[..name.len()].copy_from_slice(name.as_bytes());
    CACHE.with(|c| {
        let (found, index, value) = match r {
            Some((ix, v)) => (true, u32::try_from(ix).unwrap_or(u32::MAX), v.raw()),
            None => (false, 0, 0),
        };
        c.entries[i] = Entry { epoch: c.epoch + 1, ty, len, text, found, index, value };
    });
    r
}
