//! Python dicts: CPython 3.11's compact, insertion-ordered hash table.
//!
//! Relies on: `dispatch::hash` for every key's hash; `dict_probe` for the lookup that runs no
//! code (identity, the text of exact strs, small ints' values: CPython's
//! `unicodekeys_lookup_unicode`) and for `build_indices`; `dispatch::rich_compare_bool` for the
//! equality of the other keys (identity first, as CPython: `lookup_generic`); `alloc` for the counted object block (kind
//! `HeapKind::Dict`) and its deferred frees (a dict of 100,000 nested dicts frees in constant
//! stack); the global allocator (fallibly, through `try_reserve`) for the index table and the
//! entries; `list::repr_enter` / `repr_leave` (CPython's `Py_ReprEnter`); `dict_views` for the
//! views and iterators; `dict_methods` for the method table; `exceptions::key_error` for
//! `KeyError(key)`. The reference is CPython 3.11's `Objects/dictobject.c` (`new_keys_object`,
//! `dictkeys_generic_lookup`, `insertdict`, `insert_to_emptydict`, `find_empty_slot`,
//! `dictresize`, `build_indices`, `insertion_resize`, `delitem_common`, `lookdict_index`,
//! `dict_merge`, `PyDict_MergeFromSeq2`, `dict_update_arg`, `PyDict_Copy`,
//! `clone_combined_dict_keys`, `dict_repr`, `dict_equal`, `dict_richcompare`, `dict_or`,
//! `dict_ior`, `dict_subscript`, `dict_ass_sub`, `PyDict_Contains`) and
//! `Objects/dictnotes.txt`.
//!
//! Provides: the `dict` type object `molt_type_dict` and its slots (repr, `==`/`!=`, len, `in`,
//! `d[k]`, `d[k] = v`, `del d[k]`, `iter()` over the keys, `|`, `|=`, no hash); the
//! primitives the methods, views and sets build on ([`new_dict`], [`is_dict`], [`dict_len`],
//! [`set_item`], [`get_item`], [`del_item`], [`entry_at`], [`nentries`], [`copy`], [`clear`],
//! [`update_arg`], [`pop_known_hash`], [`pop_last`], [`contains_known_hash`]); the ABI
//! functions `molt_dict_new`, `molt_dict_set`, `molt_dict_from`.
//!
//! Invariants: a dict is `{header, used, generation, keys}`. `keys` is CPython's
//! `PyDictKeysObject`: `2**log2_size` indices of 1, 2, 4 or 8 bytes each (by the table's size,
//! as `DK_IXSIZE`), each `DKIX_EMPTY` (-1), `DKIX_DUMMY` (-2, a deleted entry) or the position
//! of an entry; the entries in insertion order, each `{hash, Some((key, value))}` or a deleted
//! `{hash, None}`; `usable` free entries left before a resize (`dk_usable`). An index `>= 0`
//! always names a live entry. A new dict has CPython's shared empty keys (`Py_EMPTY_KEYS`:
//! size 8, nothing usable, no memory). The generation changes whenever `keys` is replaced
//! (resize, clear), so a lookup whose key comparison changed the dict restarts (CPython's
//! `DKIX_KEY_CHANGED`); only `lookup_generic` compares, after `dict_probe::probe` found a key of
//! the same hash that no code-free test decides. No borrow of the keys is held across a
//! comparison or a release.
//!
//! A dict is a container for the cycle collector (`gc`), tracked lazily as CPython tracks
//! dicts: a new dict is untracked; storing a key or value that may be part of a cycle
//! (`gc::may_be_tracked`: any container but a tuple the collector untracked) tracks it
//! (`maintain_tracking`, in `insert`, through which every store goes, and `track_like` where
//! a copy or merge takes another dict's table whole); a full collection untracks a dict that
//! holds no such object any more. An untracked dict therefore never holds a container, so it
//! can be part of no cycle.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::alloc::Layout;

use super::alloc::{HeapKind, alloc_container, free_raw, memory_error};
use super::dict_probe::{Probe, build_indices, probe};
use super::exception::nested;
use super::list::{repr_enter, repr_leave, sequence_fast};
use super::singletons::{self, bool_obj};
use super::types::{NumberSlots, OpSet, SequenceSlots, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, decref, dispatch, gc, incref, iter, new_ref};
use crate::ExceptionKind::{RuntimeError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail, key_error, value_or_raise};
use crate::{BinaryOp, CompareOp};

/// `PyDict_LOG_MINSIZE`.
const LOG_MINSIZE: u8 = 3;
/// `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;

/// One step of CPython's open-addressing recurrence, shared by dicts and sets
/// (`dictobject.c`, `setobject.c`): `perturb >>= PERTURB_SHIFT; i = i*5 + perturb + 1`,
/// wrapping and not yet masked.
#[inline(always)]
pub(super) fn next_probe(i: usize, perturb: &mut u64) -> usize {
    *perturb >>= PERTURB_SHIFT;
    i.wrapping_mul(5)
        .wrapping_add(*perturb as usize)
        .wrapping_add(1)
}
/// An index slot never used.
pub(super) const DKIX_EMPTY: i64 = -1;
/// An index slot whose entry was deleted.
const DKIX_DUMMY: i64 = -2;

/// `USABLE_FRACTION(n)`: at most 2/3 of the index slots hold entries.
const fn usable_fraction(n: usize) -> usize {
    (n << 1) / 3
}

/// `calculate_log2_keysize(minsize)`: the log2 of the smallest table of at least `minsize`
/// slots (8 at least).
fn calculate_log2_keysize(minsize: usize) -> u8 {
    let m = (minsize | 8) - 1;
    (usize::BITS - (m | 7).leading_zeros()) as u8
}

/// `estimate_log2_keysize(n)`: a table that holds `n` entries without resizing.
fn estimate_log2_keysize(n: usize) -> u8 {
    calculate_log2_keysize((n.saturating_mul(3).saturating_add(1)) / 2)
}

/// One entry: the key's hash and the key and value (owned), None once deleted.
#[derive(Clone, Copy)]
pub(crate) struct Entry {
    pub hash: i64,
    pub kv: Option<(Obj, Obj)>,
}

/// CPython's `PyDictKeysObject` (see the module doc).
pub(crate) struct Keys {
    pub(super) log2_size: u8,
    usable: usize,
    pub(super) indices: Vec<u8>,
    pub(super) entries: Vec<Entry>,
}

impl Keys {
    /// `Py_EMPTY_KEYS`.
    const EMPTY: Keys = Keys {
        log2_size: LOG_MINSIZE,
        usable: 0,
        indices: Vec::new(),
        entries: Vec::new(),
    };

    /// `new_keys_object(log2_size)`: every index empty, `USABLE_FRACTION(size)` usable.
    fn new(log2_size: u8) -> MoltResult<Keys> {
        if log2_size >= 60 {
            return memory_error();
        }
        let size = 1usize << log2_size;
        let width = Self::width_of(log2_size);
        let mut indices = Vec::new();
        let mut entries = Vec::new();
        if indices.try_reserve_exact(size * width).is_err()
            || entries.try_reserve_exact(usable_fraction(size)).is_err()
        {
            return memory_error();
        }
        indices.resize(size * width, 0xff); // -1 at any width
        Ok(Keys {
            log2_size,
            usable: usable_fraction(size),
            indices,
            entries,
        })
    }

    /// `DK_IXSIZE`: 1, 2, 4 or 8 bytes per index.
    const fn width_of(log2_size: u8) -> usize {
        if log2_size < 8 {
            1
        } else if log2_size < 16 {
            2
        } else if log2_size < 32 {
            4
        } else {
            8
        }
    }

    pub(super) fn mask(&self) -> usize {
        (1usize << self.log2_size) - 1
    }

    /// `dictkeys_get_index`.
    fn get_index(&self, i: usize) -> i64 {
        let w = Self::width_of(self.log2_size);
        let Some(b) = self.indices.get(i * w..i * w + w) else {
            return DKIX_EMPTY;
        };
        match *b {
            [x] => i64::from(x as i8),
            [x, y] => i64::from(i16::from_ne_bytes([x, y])),
            [a, b, c, d] => i64::from(i32::from_ne_bytes([a, b, c, d])),
            _ => {
                let mut v = [0u8; 8];
                v.copy_from_slice(b);
                i64::from_ne_bytes(v)
            }
        }
    }

    /// `dictkeys_set_index`.
    fn set_index(&mut self, i: usize, ix: i64) {
        let w = Self::width_of(self.log2_size);
        if let Some(b) = self.indices.get_mut(i * w..i * w + w) {
            let bytes = ix.to_ne_bytes();
            // The low bytes of the two's complement value (native order).
            if cfg!(target_endian = "little") {
                b.copy_from_slice(&bytes[..w]);
            } else {
                b.copy_from_slice(&bytes[8 - w..]);
            }
        }
    }

    /// `find_empty_slot`: the first slot of `hash`'s probe sequence that holds no entry.
    fn find_empty_slot(&self, hash: i64) -> usize {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        while self.get_index(i) >= 0 {
            i = next_probe(i, &mut perturb) & mask;
        }
        i
    }

    /// `lookdict_index`: the slot whose index is `ix`.
    fn slot_of(&self, hash: i64, ix: usize) -> Option<usize> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        for _ in 0..=self.indices.len() + 64 {
            let k = self.get_index(i);
            if k == ix as i64 {
                return Some(i);
            }
            if k == DKIX_EMPTY {
                return None;
            }
            i = next_probe(i, &mut perturb) & mask;
        }
        None
    }

    /// Appends a live entry (room reserved: `usable > 0`) and indexes it.
    fn push(&mut self, hash: i64, key: Obj, value: Obj) {
        let slot = self.find_empty_slot(hash);
        self.set_index(slot, self.entries.len() as i64);
        self.entries.push(Entry {
            hash,
            kv: Some((key, value)),
        });
        self.usable = self.usable.saturating_sub(1);
    }

    /// `clone_combined_dict_keys`: the same table, each key and value with a new reference.
    fn clone_keys(&self) -> MoltResult<Keys> {
        if self.indices.is_empty() {
            return Ok(Keys::EMPTY);
        }
        let mut indices = Vec::new();
        let mut entries = Vec::new();
        if indices.try_reserve_exact(self.indices.len()).is_err()
            || entries.try_reserve_exact(self.entries.capacity()).is_err()
        {
            return memory_error();
        }
        indices.extend_from_slice(&self.indices);
        for e in &self.entries {
            if let Some((k, v)) = e.kv {
                incref(k);
                incref(v);
            }
            entries.push(*e);
        }
        Ok(Keys {
            log2_size: self.log2_size,
            usable: self.usable,
            indices,
            entries,
        })
    }
}

/// A dict object.
#[repr(C)]
pub struct DictObject {
    pub header: Header,
    /// `ma_used`: the number of items.
    used: usize,
    /// Changes whenever `keys` is replaced.
    generation: u64,
    keys: Keys,
}

/// True if `o` is a dict or one of the runtime's dict subtypes (`dict_ext`).
#[inline]
pub fn is_dict(o: Obj) -> bool {
    let t = o.type_of();
    t.is(&molt_type_dict) || t.heap == Some(HeapKind::DictExt)
}

fn dict_ptr(o: Obj) -> Option<*mut DictObject> {
    if !is_dict(o) {
        return None;
    }
    o.header_ptr().map(|h| h.cast::<DictObject>().cast_mut())
}

/// Runs `f` on dict `d`'s state (None for a non-dict). `f` must not call out to code that
/// could reach the dict again (no comparison, no release).
#[inline]
fn with<R>(d: Obj, f: impl FnOnce(&mut DictObject) -> R) -> Option<R> {
    // SAFETY: a dict object is a `DictObject`; single-threaded, and `f` holds the only borrow.
    dict_ptr(d).map(|p| f(unsafe { &mut *p }))
}

/// The number of items of `d` (0 for a non-dict).
pub fn dict_len(d: Obj) -> usize {
    with(d, |s| s.used).unwrap_or(0)
}

/// `dk_nentries`: the entries (deleted ones included) of `d`.
pub fn nentries(d: Obj) -> usize {
    with(d, |s| s.keys.entries.len()).unwrap_or(0)
}

/// Entry `i` of `d` (borrowed key and value, and the hash) if it is live.
pub fn entry_at(d: Obj, i: usize) -> Option<(Obj, Obj, i64)> {
    with(d, |s| {
        let e = s.keys.entries.get(i)?;
        e.kv.map(|(k, v)| (k, v, e.hash))
    })
    .flatten()
}

/// The live entries of `d` as new references (key, value, hash), in order.
pub fn items_vec(d: Obj) -> MoltResult<Vec<(Obj, Obj, i64)>> {
    let mut out = Vec::new();
    if out.try_reserve_exact(dict_len(d)).is_err() {
        return memory_error();
    }
    for i in 0..nentries(d) {
        if let Some((k, v, h)) = entry_at(d, i) {
            out.push((new_ref(k), new_ref(v), h));
        }
    }
    Ok(out)
}

/// Releases the references of [`items_vec`].
pub fn release_items(items: Vec<(Obj, Obj, i64)>) {
    for (k, v, _) in items {
        // SAFETY: the vector owned these references.
        unsafe {
            decref(k);
            decref(v);
        }
    }
}

/// A new empty dict (`PyDict_New`: the shared empty keys).
pub fn new_dict() -> MoltResult<Obj> {
    let h = alloc_container(Layout::new::<DictObject>(), &molt_type_dict)?;
    let p = h.cast::<DictObject>();
    // SAFETY: a fresh block with its header written; the fields are written before use.
    unsafe {
        core::ptr::addr_of_mut!((*p).used).write(0);
        core::ptr::addr_of_mut!((*p).generation).write(0);
        core::ptr::addr_of_mut!((*p).keys).write(Keys::EMPTY);
        // Untracked until it holds a container (`maintain_tracking`), as CPython's `new_dict`.
        Ok(Obj::from_header(h))
    }
}

/// CPython's `MAINTAIN_TRACKING`: dict `d`, untracked while it held no container, is tracked
/// once `key` or `value` is one (see the module doc).
#[inline]
fn maintain_tracking(s: &DictObject, key: Obj, value: Obj) {
    let h = core::ptr::from_ref(&s.header);
    // SAFETY: a live dict.
    if (gc::may_be_tracked(value) || gc::may_be_tracked(key)) && !unsafe { gc::tracked_at(h) } {
        // SAFETY: an initialised, untracked dict (tracking touches the collector's lists only).
        unsafe { gc::track(Obj::from_header(h)) };
    }
}

/// Tracks `d` (new, or empty until now) if `source`, whose items it took, is tracked (the end
/// of `PyDict_Copy`'s and `dict_merge`'s fast paths).
fn track_like(d: Obj, source: Obj) {
    if gc::is_tracked(source) && !gc::is_tracked(d) {
        // SAFETY: an initialised, untracked dict.
        unsafe { gc::track(d) };
    }
}

/// Whether the dict whose header is at `h` holds a key or value that may be part of a cycle
/// (else a full collection untracks it: CPython's `_PyDict_MaybeUntrack`).
///
/// # Safety
/// `h` is a live dict object.
pub(crate) unsafe fn may_hold_container(h: *const Header) -> bool {
    // SAFETY: forwarded contract; the entries are read, not changed.
    let keys = unsafe { &(*h.cast::<DictObject>()).keys };
    keys.entries
        .iter()
        .filter_map(|e| e.kv)
        .any(|(k, v)| gc::may_be_tracked(k) || gc::may_be_tracked(v))
}

/// Visits the keys and values of a dict (`dict_traverse`).
///
/// # Safety
/// `h` is a live dict object.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut impl FnMut(Obj)) {
    // SAFETY: forwarded contract; the entries are read, not changed.
    let keys = unsafe { &(*h.cast::<DictObject>()).keys };
    for e in &keys.entries {
        if let Some((k, v)) = e.kv {
            visit(k);
            visit(v);
        }
    }
}

/// Writes the fields of an empty dict (CPython's shared empty keys) at `p`.
///
/// # Safety
/// `p` points to a fresh, writable `DictObject` whose header is written.
pub(super) unsafe fn write_empty(p: *mut DictObject) {
    // SAFETY: forwarded contract.
    unsafe {
        core::ptr::addr_of_mut!((*p).used).write(0);
        core::ptr::addr_of_mut!((*p).generation).write(0);
        core::ptr::addr_of_mut!((*p).keys).write(Keys::EMPTY);
    }
}

/// Moves the keys table out of a dict about to be freed (released with [`release_keys`]).
///
/// # Safety
/// `p` is a dict with no reference left, whose fields are not read again.
pub(super) unsafe fn take_keys(p: *mut DictObject) -> Keys {
    // SAFETY: forwarded contract.
    unsafe { core::ptr::addr_of_mut!((*p).keys).read() }
}

/// Frees a dict object, releasing its keys and values.
///
/// # Safety
/// `h` is a heap dict object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    let p = h.cast::<DictObject>();
    // SAFETY: forwarded contract; the keys are moved out before the block is freed, and each
    // owned reference is released once.
    unsafe {
        let keys = core::ptr::addr_of_mut!((*p).keys).read();
        free_raw(h, Layout::new::<DictObject>(), HeapKind::Dict);
        release_keys(keys);
    }
}

/// Releases every key and value a detached keys table owns.
pub(super) fn release_keys(keys: Keys) {
    for e in keys.entries {
        if let Some((k, v)) = e.kv {
            // SAFETY: the table owned these references and is gone.
            unsafe {
                decref(k);
                decref(v);
            }
        }
    }
}

/// The entry of `key` in `d` (None for a non-dict): [`probe`], else [`lookup_generic`].
#[inline]
fn lookup(d: Obj, key: Obj, hash: i64) -> MoltResult<Option<usize>> {
    let Some(p) = dict_ptr(d) else {
        return Ok(None);
    };
    // SAFETY: a live dict; the borrow ends before any code can run.
    let keys = unsafe { &(*p).keys };
    if keys.indices.is_empty() {
        return Ok(None);
    }
    match probe(keys, key, hash) {
        Probe::Found(ix) => Ok(Some(ix)),
        Probe::Missing(_) => Ok(None),
        Probe::Compare => lookup_generic(d, key, hash),
    }
}

/// `dictkeys_generic_lookup` with `_Py_dict_lookup`'s restart: the entry of `key` in `d`, for
/// the keys whose equality only `==` decides (see [`probe`]; this probe starts over).
#[inline(never)]
fn lookup_generic(d: Obj, key: Obj, hash: i64) -> MoltResult<Option<usize>> {
    'restart: loop {
        let Some(generation) = with(d, |s| s.generation) else {
            return Ok(None);
        };
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize;
        loop {
            let step = with(d, |s| {
                i &= s.keys.mask();
                let ix = s.keys.get_index(i);
                if ix < 0 {
                    return Err(ix);
                }
                Ok((ix as usize, s.keys.entries.get(ix as usize).copied()))
            });
            match step {
                None | Some(Err(DKIX_EMPTY)) => return Ok(None),
                Some(Err(_)) => {}
                Some(Ok((ix, Some(e)))) => {
                    if let Some((k, _)) = e.kv {
                        if k.is(key) {
                            return Ok(Some(ix));
                        }
                        if e.hash == hash
                            && let Some(eq) = dispatch::str_eq_fast(k, key)
                        {
                            // Two strs: compared without running any code (CPython's
                            // `unicode_eq`); the table cannot change meanwhile.
                            if eq {
                                return Ok(Some(ix));
                            }
                        } else if e.hash == hash {
                            incref(k);
                            let cmp = dispatch::rich_compare_bool(CompareOp::Eq, k, key);
                            let same = with(d, |s| {
                                s.generation == generation
                                    && s.keys.entries.get(ix).and_then(|e| e.kv).map(|kv| kv.0)
                                        == Some(k)
                            })
                            .unwrap_or(false);
                            // SAFETY: the reference taken above.
                            unsafe { decref(k) };
                            if !same {
                                if cmp.is_err() {
                                    return cmp.map(|_| None);
                                }
                                continue 'restart;
                            }
                            if cmp? {
                                return Ok(Some(ix));
                            }
                        }
                    }
                }
                Some(Ok((_, None))) => return Ok(None),
            }
            i = next_probe(i, &mut perturb);
        }
    }
}

/// `d[name]` for a str key given as text, borrowed; None when missing or `d` is no dict. Only
/// str keys are compared (an attribute lookup in a namespace or an instance's `__dict__`, whose
/// keys are strs; a key of another type never equals a str here), so no code runs.
pub fn get_str(d: Obj, name: &str) -> Option<Obj> {
    let ix = index_of_str(d, name)?;
    with(d, |s| s.keys.entries.get(ix)?.kv.map(|(_, v)| v)).flatten()
}

/// The entry index of str key `name` in `d` (the lookup of [`get_str`], and the attribute
/// caches' hint).
pub fn index_of_str(d: Obj, name: &str) -> Option<usize> {
    let hash = super::str::hash_text(name);
    with(d, |s| {
        if s.used == 0 || s.keys.indices.is_empty() {
            return None;
        }
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize;
        loop {
            i &= s.keys.mask();
            let ix = s.keys.get_index(i);
            if ix == DKIX_EMPTY {
                return None;
            }
            if ix >= 0
                && let Some(e) = s.keys.entries.get(ix as usize)
                && let Some((k, _)) = e.kv
                && e.hash == hash
                && super::str::str_text(k) == Some(name)
            {
                return Some(ix as usize);
            }
            i = next_probe(i, &mut perturb);
        }
    })
    .flatten()
}

/// Whether entry `ix` of `d` is live with str key `name` (the same object, or equal text).
fn entry_has_key(s: &DictObject, ix: usize, name: Obj) -> Option<(Obj, Obj)> {
    let (k, v) = s.keys.entries.get(ix)?.kv?;
    if k.raw() == name.raw()
        || (super::str::str_text(k).is_some()
            && super::str::str_text(k) == super::str::str_text(name))
    {
        Some((k, v))
    } else {
        None
    }
}

/// Whether `d` has str key `name` (a str object), by a scan of its entries when they are few
/// (the same object, or equal text: no hashing); None for a larger table (use [`get_str`]).
#[inline]
pub fn has_str_key_small(d: Obj, name: Obj) -> Option<bool> {
    const SMALL: usize = 8;
    let text = super::str::str_text(name)?;
    with(d, |s| {
        if s.keys.entries.len() > SMALL {
            return None;
        }
        Some(
            s.keys
                .entries
                .iter()
                .filter_map(|e| e.kv)
                .any(|(k, _)| k.raw() == name.raw() || super::str::str_text(k) == Some(text)),
        )
    })
    .flatten()
}

/// The value of entry `ix` (borrowed) when its key is str `name`; None otherwise (a stale
/// index: the attribute caches' hint).
pub fn value_at_if_key(d: Obj, ix: usize, name: Obj) -> Option<Obj> {
    with(d, |s| entry_has_key(s, ix, name).map(|(_, v)| v)).flatten()
}

/// Replaces the value of entry `ix` by `value` when its key is str `name` (the old value is
/// released); false, changing nothing, otherwise.
pub fn replace_at_if_key(d: Obj, ix: usize, name: Obj, value: Obj) -> bool {
    let old = with(d, |s| {
        let (k, old) = entry_has_key(s, ix, name)?;
        let e = s.keys.entries.get_mut(ix)?;
        e.kv = Some((k, new_ref(value)));
        maintain_tracking(s, k, value);
        Some(old)
    })
    .flatten();
    match old {
        Some(old) => {
            // SAFETY: the entry owned the old value; no borrow of the dict is held.
            unsafe { decref(old) };
            true
        }
        None => false,
    }
}

/// `dictresize(mp, log2_newsize)`: a new table holding the live entries, compacted.
fn resize(d: Obj, log2_newsize: u8) -> MoltResult<()> {
    let mut new = Keys::new(log2_newsize)?;
    with(d, |s| {
        let old = core::mem::replace(&mut s.keys, Keys::EMPTY);
        new.entries
            .extend(old.entries.into_iter().filter(|e| e.kv.is_some()));
        build_indices(&mut new);
        new.usable = usable_fraction(1 << log2_newsize).saturating_sub(new.entries.len());
        s.keys = new;
        s.generation = s.generation.wrapping_add(1);
    });
    Ok(())
}

/// `insertdict` (with `insert_to_emptydict` and `insertion_resize`): `d[key] = value` for a key
/// of hash `hash`. Borrows `key` and `value`.
pub fn insert(d: Obj, key: Obj, hash: i64, value: Obj) -> MoltResult<()> {
    let Some(p) = dict_ptr(d) else {
        return Ok(());
    };
    // SAFETY (each borrow of `*p` below): a live dict, borrowed only while no code can run.
    if unsafe { (*p).keys.indices.is_empty() } {
        let keys = Keys::new(LOG_MINSIZE)?;
        let s = unsafe { &mut *p };
        s.keys = keys;
        s.generation = s.generation.wrapping_add(1);
    }
    let found = match probe(unsafe { &(*p).keys }, key, hash) {
        Probe::Found(ix) => Some(ix),
        Probe::Missing(slot) => {
            let s = unsafe { &mut *p };
            if s.keys.usable > 0 {
                // No resize: the slot the probe ended on is `find_empty_slot`'s.
                s.keys.set_index(slot, s.keys.entries.len() as i64);
                s.keys.entries.push(Entry {
                    hash,
                    kv: Some((new_ref(key), new_ref(value))),
                });
                s.keys.usable -= 1;
                s.used += 1;
                maintain_tracking(s, key, value);
                return Ok(());
            }
            None
        }
        Probe::Compare => lookup_generic(d, key, hash)?,
    };
    match found {
        Some(ix) => {
            let s = unsafe { &mut *p };
            let Some(e) = s.keys.entries.get_mut(ix) else {
                return Ok(());
            };
            let Some((k, old)) = e.kv else {
                return Ok(());
            };
            e.kv = Some((k, new_ref(value)));
            maintain_tracking(s, k, value);
            // SAFETY: the entry owned the old value, replaced above; no borrow is held.
            unsafe { decref(old) };
            Ok(())
        }
        None => {
            if with(d, |s| s.keys.usable == 0) == Some(true) {
                let used = dict_len(d);
                resize(d, calculate_log2_keysize(used.saturating_mul(3)))?;
            }
            with(d, |s| {
                s.keys.push(hash, new_ref(key), new_ref(value));
                s.used += 1;
                maintain_tracking(s, key, value);
            });
            Ok(())
        }
    }
}

/// `d[key] = value` (`PyDict_SetItem`): TypeError for an unhashable key.
pub fn set_item(d: Obj, key: Obj, value: Obj) -> MoltResult<()> {
    let hash = dispatch::hash(key)?;
    insert(d, key, hash, value)
}

/// `d[key]` with a known hash, borrowed; None when missing.
pub fn get_known_hash(d: Obj, key: Obj, hash: i64) -> MoltResult<Option<Obj>> {
    let Some(p) = dict_ptr(d) else {
        return Ok(None);
    };
    // SAFETY: a live dict, borrowed while no code runs.
    let s = unsafe { &*p };
    if s.used == 0 {
        return Ok(None);
    }
    let ix = match probe(&s.keys, key, hash) {
        Probe::Found(ix) => ix,
        Probe::Missing(_) => return Ok(None),
        Probe::Compare => match lookup_generic(d, key, hash)? {
            Some(ix) => ix,
            None => return Ok(None),
        },
    };
    // SAFETY: as above (a comparison may have changed the table: read it again).
    let s = unsafe { &*p };
    Ok(s.keys.entries.get(ix).and_then(|e| e.kv).map(|kv| kv.1))
}

/// `d[key]` as a new reference, None when missing (hashing first: TypeError if unhashable).
pub fn get_item(d: Obj, key: Obj) -> MoltResult<Option<Obj>> {
    let hash = dispatch::hash(key)?;
    Ok(get_known_hash(d, key, hash)?.map(new_ref))
}

/// Whether `d` has `key` (hash known).
pub fn contains_known_hash(d: Obj, key: Obj, hash: i64) -> MoltResult<bool> {
    Ok(get_known_hash(d, key, hash)?.is_some())
}

/// `delitem_common`: removes live entry `ix`, returning its key and value (owned).
fn remove_entry(d: Obj, ix: usize) -> Option<(Obj, Obj)> {
    with(d, |s| {
        let e = *s.keys.entries.get(ix)?;
        let kv = e.kv?;
        if let Some(slot) = s.keys.slot_of(e.hash, ix) {
            s.keys.set_index(slot, DKIX_DUMMY);
        }
        if let Some(e) = s.keys.entries.get_mut(ix) {
            e.kv = None;
        }
        s.used -= 1;
        Some(kv)
    })
    .flatten()
}

/// Removes `key` (hash known) and returns its value (owned), None when missing.
pub fn pop_known_hash(d: Obj, key: Obj, hash: i64) -> MoltResult<Option<Obj>> {
    if dict_len(d) == 0 {
        return Ok(None);
    }
    let Some(ix) = lookup(d, key, hash)? else {
        return Ok(None);
    };
    Ok(remove_entry(d, ix).map(|(k, v)| {
        // SAFETY: the entry owned the key.
        unsafe { decref(k) };
        v
    }))
}

/// `del d[key]`: KeyError(key) when missing.
pub fn del_item(d: Obj, key: Obj) -> MoltResult<()> {
    let hash = dispatch::hash(key)?;
    match pop_known_hash(d, key, hash)? {
        Some(v) => {
            // SAFETY: the entry owned the value.
            unsafe { decref(v) };
            Ok(())
        }
        None => key_error(key),
    }
}

/// The first live entry removed (owned key and value): `OrderedDict.popitem(last=False)`.
pub(crate) fn pop_first(d: Obj) -> Option<(Obj, Obj)> {
    let ix = with(d, |s| s.keys.entries.iter().position(|e| e.kv.is_some())).flatten()?;
    remove_entry(d, ix)
}

/// `dict.popitem()`'s removal: the last live entry (owned key and value); its entries after it
/// are given back (`dk_nentries = i`), its index slot becomes a dummy.
pub fn pop_last(d: Obj) -> Option<(Obj, Obj)> {
    with(d, |s| {
        let i = s.keys.entries.iter().rposition(|e| e.kv.is_some())?;
        let e = s.keys.entries[i];
        if let Some(slot) = s.keys.slot_of(e.hash, i) {
            s.keys.set_index(slot, DKIX_DUMMY);
        }
        s.keys.entries.truncate(i);
        s.used -= 1;
        e.kv
    })
    .flatten()
}

/// `dict.clear()` (`PyDict_Clear`): the shared empty keys again; the items are released after
/// the dict is empty.
pub fn clear(d: Obj) {
    if let Some(p) = dict_ptr(d) {
        // SAFETY: a live dict.
        unsafe { clear_at(p.cast()) }
    }
}

/// [`clear`] of the dict whose header is at `h`, without a type check (also the collector's
/// `dict_tp_clear`: see `gc`'s `clear`).
///
/// # Safety
/// `h` is a live dict object.
pub(crate) unsafe fn clear_at(h: *mut Header) {
    // SAFETY: forwarded contract; the keys are detached before any item is released.
    let old = unsafe {
        let s = &mut *h.cast::<DictObject>();
        s.used = 0;
        s.generation = s.generation.wrapping_add(1);
        core::mem::replace(&mut s.keys, Keys::EMPTY)
    };
    release_keys(old);
}

/// `PyDict_Copy`: the table cloned when it is compact enough, else merged into a new dict.
pub fn copy(d: Obj) -> MoltResult<Obj> {
    let fast = with(d, |s| s.used >= (s.keys.entries.len() * 2) / 3).unwrap_or(false);
    let c = new_dict()?;
    let r = if fast {
        match with(d, |s| (s.keys.clone_keys(), s.used)) {
            Some((Ok(keys), used)) => {
                with(c, |s| {
                    s.keys = keys;
                    s.used = used;
                });
                track_like(c, d);
                Ok(())
            }
            Some((Err(e), _)) => Err(e),
            None => Ok(()),
        }
    } else {
        merge(c, d)
    };
    match r {
        Ok(()) => Ok(c),
        Err(e) => {
            // SAFETY: the new dict's only reference.
            unsafe { decref(c) };
            Err(e)
        }
    }
}

/// `dict_merge(a, b, override=1)` for a dict `b`.
pub fn merge(a: Obj, b: Obj) -> MoltResult<()> {
    let other_used = dict_len(b);
    if a.is(b) || other_used == 0 {
        return Ok(());
    }
    if dict_len(a) == 0 {
        let clone = with(b, |s| {
            let k = &s.keys;
            (s.used == k.entries.len()
                && (k.log2_size == LOG_MINSIZE
                    || usable_fraction((1usize << k.log2_size) >> 1) < s.used))
                .then(|| k.clone_keys())
        })
        .flatten();
        if let Some(keys) = clone {
            let keys = keys?;
            let old = with(a, |s| {
                s.used = other_used;
                s.generation = s.generation.wrapping_add(1);
                core::mem::replace(&mut s.keys, keys)
            });
            track_like(a, b);
            if let Some(old) = old {
                release_keys(old);
            }
            return Ok(());
        }
    }
    if with(a, |s| usable_fraction(s.keys.mask() + 1) < other_used) == Some(true) {
        resize(a, estimate_log2_keysize(dict_len(a) + other_used))?;
    }
    let n = nentries(b);
    for i in 0..n {
        if let Some((k, v, h)) = entry_at(b, i) {
            incref(k);
            incref(v);
            let r = insert(a, k, h, v);
            // SAFETY: the references taken above.
            unsafe {
                decref(k);
                decref(v);
            }
            r?;
            if nentries(b) != n {
                return fail(RuntimeError, "dict mutated during update");
            }
        }
    }
    Ok(())
}

/// `PyDict_MergeFromSeq2(d, seq2, override=1)`: an iterable of pairs.
pub fn merge_from_seq2(d: Obj, seq2: Obj) -> MoltResult<()> {
    let it = iter::get_iter(seq2)?;
    let r = (|| {
        let mut i = 0usize;
        while let Some(item) = iter::iter_next(it)? {
            let fast = sequence_fast(item, "");
            // SAFETY: `iter_next` returned a new reference.
            unsafe { decref(item) };
            let fast = match fast {
                Ok(f) => f,
                Err(e) if e.kind == TypeError => {
                    return fail(
                        TypeError,
                        format!(
                            "cannot convert dictionary update sequence element #{i} to a sequence"
                        ),
                    );
                }
                Err(e) => return Err(e),
            };
            let r = if fast.len() != 2 {
                fail(
                    ValueError,
                    format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        fast.len()
                    ),
                )
            } else {
                set_item(d, fast[0], fast[1])
            };
            super::list::release(fast);
            r?;
            i += 1;
        }
        Ok(())
    })();
    // SAFETY: `get_iter` returned a new reference.
    unsafe { decref(it) };
    r
}

/// `dict_update_arg(d, arg)`: a dict (the only mapping Molt has) is merged, anything else is
/// an iterable of pairs.
pub fn update_arg(d: Obj, arg: Obj) -> MoltResult<()> {
    if is_dict(arg) {
        merge(d, arg)
    } else {
        merge_from_seq2(d, arg)
    }
}

// --- slots ---

/// `dict_repr`: `{}`, `{1: 'a'}`, `{...}` for a dict already being repr'd.
pub(crate) fn dict_repr(d: Obj) -> MoltResult<String> {
    if repr_enter(d)? {
        return Ok(String::from("{...}"));
    }
    let r = (|| {
        let mut out = String::from("{");
        let mut first = true;
        let mut i = 0;
        while i < nentries(d) {
            if let Some((k, v, _)) = entry_at(d, i) {
                incref(k);
                incref(v);
                let r = (|| {
                    let ks = nested(" while getting the repr of an object", || {
                        dispatch::repr_of(k)
                    })?;
                    let vs = nested(" while getting the repr of an object", || {
                        dispatch::repr_of(v)
                    })?;
                    Ok::<_, crate::exceptions::MoltError>((ks, vs))
                })();
                // SAFETY: the references taken above.
                unsafe {
                    decref(k);
                    decref(v);
                }
                let (ks, vs) = r?;
                if !first {
                    out.push_str(", ");
                }
                first = false;
                out.push_str(&ks);
                out.push_str(": ");
                out.push_str(&vs);
            }
            i += 1;
        }
        out.push('}');
        Ok(out)
    })();
    repr_leave(d);
    r
}

/// `dict_equal(a, b)`: same length, and each key of `a` in `b` with an equal value.
pub(crate) fn dict_equal(a: Obj, b: Obj) -> MoltResult<bool> {
    if dict_len(a) != dict_len(b) {
        return Ok(false);
    }
    let mut i = 0;
    while i < nentries(a) {
        if let Some((k, av, h)) = entry_at(a, i) {
            incref(k);
            incref(av);
            let r = (|| {
                let Some(bv) = get_known_hash(b, k, h)? else {
                    return Ok(false);
                };
                incref(bv);
                let c = dispatch::rich_compare_bool(CompareOp::Eq, av, bv);
                // SAFETY: the reference taken above.
                unsafe { decref(bv) };
                c
            })();
            // SAFETY: the references taken above.
            unsafe {
                decref(k);
                decref(av);
            }
            if !r? {
                return Ok(false);
            }
        }
        i += 1;
    }
    Ok(true)
}

/// `dict_richcompare`: `==` / `!=` between dicts, NotImplemented otherwise.
fn dict_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if !is_dict(v) || !is_dict(w) || !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(singletons::not_implemented());
    }
    let eq = dict_equal(v, w)?;
    Ok(bool_obj(eq == (op == CompareOp::Eq)))
}

fn dict_len_slot(d: Obj) -> usize {
    dict_len(d)
}

/// `dict_contains` (`PyDict_Contains`).
fn dict_contains(d: Obj, key: Obj) -> MoltResult<bool> {
    let hash = dispatch::hash(key)?;
    contains_known_hash(d, key, hash)
}

/// `dict_subscript`: KeyError(key) when missing.
fn dict_subscript(d: Obj, key: Obj) -> MoltResult<Obj> {
    match get_item(d, key)? {
        Some(v) => Ok(v),
        None => key_error(key),
    }
}

/// `dict_ass_sub`: `d[k] = v`, or `del d[k]` when `value` is None.
fn dict_ass_subscript(d: Obj, key: Obj, value: Option<Obj>) -> MoltResult<()> {
    match value {
        Some(v) => set_item(d, key, v),
        None => del_item(d, key),
    }
}

/// `PyObject_HashNotImplemented`.
pub(crate) fn unhashable(v: Obj) -> MoltResult<i64> {
    fail(
        TypeError,
        format!("unhashable type: '{}'", v.type_of().name),
    )
}

/// `dict_or` (`|`) and `dict_ior` (`|=`, any mapping or iterable of pairs on the right).
fn dict_or(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if op != BinaryOp::Or || !is_dict(v) || !is_dict(w) {
        return Ok(singletons::not_implemented());
    }
    let c = copy(v)?;
    match update_arg(c, w) {
        Ok(()) => Ok(c),
        Err(e) => {
            // SAFETY: the new dict's only reference.
            unsafe { decref(c) };
            Err(e)
        }
    }
}

pub(crate) fn dict_ior(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if op != BinaryOp::Or || !is_dict(v) {
        return Ok(singletons::not_implemented());
    }
    update_arg(v, w)?;
    Ok(new_ref(v))
}

static DICT_NUMBER: NumberSlots = NumberSlots {
    binary: Some(dict_or),
    binary_ops: OpSet::binary(&[BinaryOp::Or]),
    inplace: Some(dict_ior),
    inplace_ops: OpSet::binary(&[BinaryOp::Or]),
    ..NumberSlots::EMPTY
};

static DICT_SEQUENCE: SequenceSlots = SequenceSlots {
    len: Some(dict_len_slot),
    contains: Some(dict_contains),
    ..SequenceSlots::EMPTY
};

/// The type object of `dict`.
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_type_dict: TypeObject = TypeObject {
    new: Some(super::construct::dict_new),
    number: Some(&DICT_NUMBER),
    sequence: Some(&DICT_SEQUENCE),
    richcompare: Some(dict_richcompare),
    hash: Some(unhashable),
    repr: Some(dict_repr),
    subscript: Some(dict_subscript),
    ass_subscript: Some(dict_ass_subscript),
    iter: Some(super::dict_views::dict_iter),
    heap: Some(HeapKind::Dict),
    methods: super::dict_methods::DICT_METHODS,
    class_functions: &[("fromkeys", super::dict_methods::fromkeys_class_value)],
    ..TypeObject::new("dict", &TYPE_OBJECT)
};

/// `dict(a)`: a new dict from a dict or an iterable of pairs.
pub fn dict_from(a: Obj) -> MoltResult<Obj> {
    let d = new_dict()?;
    match update_arg(d, a) {
        Ok(()) => Ok(d),
        Err(e) => {
            // SAFETY: the new dict's only reference.
            unsafe { decref(d) };
            Err(e)
        }
    }
}

// --- the C ABI ---

/// A new empty dict.
#[unsafe(no_mangle)]
pub extern "C" fn molt_dict_new() -> Obj {
    value_or_raise(new_dict())
}

/// `dict[key] = value` while building a display; borrows both.
#[unsafe(no_mangle)]
pub extern "C" fn molt_dict_set(dict: Obj, key: Obj, value: Obj) {
    if !is_dict(dict) {
        return value_or_raise(fail(TypeError, "molt_dict_set: not a dict"));
    }
    value_or_raise(set_item(dict, key, value))
}

/// `dict(a)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_dict_from(a: Obj) -> Obj {
    value_or_raise(dict_from(a))
}
