//! Python sets and frozensets: CPython 3.11's open-addressing hash table, ported exactly so
//! that iteration order (what programs print) is CPython's for keys whose hashes are.
//!
//! Relies on: `dispatch::hash` for every key's hash and `dispatch::rich_compare_bool` for key
//! equality (identity first); `dict` for the entries of dict sources (their stored hashes);
//! `alloc` for counted objects (kinds `Set`, `FrozenSet`, `SetIterator`) and deferred frees;
//! the global allocator (through `try_reserve`) for the table; `list::repr_enter` /
//! `repr_leave` (CPython's `Py_ReprEnter`); `set_methods` for the set algebra and the method
//! tables. The reference is CPython 3.11's `Objects/setobject.c`: `set_lookkey`,
//! `set_add_entry`, `set_insert_clean`, `set_table_resize`, `set_discard_entry`,
//! `set_clear_internal`, `set_next`, `set_merge`, `set_update_internal`, `make_new_set`,
//! `make_new_frozenset`, `set_swap_bodies`, `set_pop`, `set_repr`, `frozenset_hash` with
//! `_shuffle_bits`, `set_richcompare`, `set_contains`, `setiter_iternext`.
//!
//! Provides: the type objects `molt_type_set`, `molt_type_frozenset` and `set_iterator`, their
//! slots (repr, rich comparison, len, `in`, `iter()`, hash for frozenset only, the number
//! slots from `set_methods`); the primitives [`new_set`], [`new_frozenset`], [`make_new_set`],
//! [`is_set`], [`is_frozenset`], [`is_anyset`], [`set_len`], [`add_entry`], [`add_key`],
//! [`contains_entry`], [`contains_key`], [`discard_entry`], [`discard_key`], [`next_entry`],
//! [`table_resize`], [`clear`], [`update_internal`], [`swap_bodies`], [`pop`],
//! [`copy_of`]; the ABI functions `molt_set_new`, `molt_set_add`, `molt_set_from_iter`,
//! `molt_frozenset_from_iter`.
//!
//! Invariants: a set is `{header, fill, used, mask, generation, hash, finger, table}`; the
//! table has `mask + 1` slots (8 at least, `PySet_MINSIZE`, a power of two), each unused
//! `{None, 0}`, a dummy `{None, -1}` (a deleted key, as CPython's `dummy` whose hash is -1) or
//! active `{Some(key), hash}` owning a reference; `fill` counts active and dummy slots, `used`
//! active ones. A table of 8 slots plays CPython's `smalltable`. The generation changes
//! whenever the table is replaced, so a probe whose comparison changed the set restarts.
//! `hash` is a frozenset's cached hash (-1 until computed). No borrow of the table is held
//! across a comparison or a release.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::alloc::Layout;

use super::alloc::{HeapKind, alloc_container, free_raw, memory_error};
use super::dict::next_probe;
use super::exception::nested;
use super::list::{repr_enter, repr_leave};
use super::singletons::{self, bool_obj};
use super::types::{SequenceSlots, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, decref, dict, dispatch, incref, iter, new_ref};
use crate::CompareOp;
use crate::ExceptionKind::{KeyError, RuntimeError, TypeError};
use crate::exceptions::{MoltResult, fail, value_or_raise};

pub use super::set_methods::{
    difference_update_internal, intersection, symmetric_difference_update,
};

/// `PySet_MINSIZE`.
const MINSIZE: usize = 8;
/// `LINEAR_PROBES`.
const LINEAR_PROBES: usize = 9;

/// One slot of the table (see the module doc).
#[derive(Clone, Copy)]
struct SetEntry {
    key: Option<Obj>,
    hash: i64,
}

const UNUSED: SetEntry = SetEntry { key: None, hash: 0 };
const DUMMY: SetEntry = SetEntry {
    key: None,
    hash: -1,
};

/// A set or frozenset object.
#[repr(C)]
pub struct SetObject {
    pub header: Header,
    fill: usize,
    used: usize,
    mask: usize,
    generation: u64,
    /// A frozenset's hash, -1 until computed.
    hash: i64,
    /// Where `pop` starts looking.
    finger: usize,
    table: Vec<SetEntry>,
}

/// True for a set (not a frozenset).
pub fn is_set(o: Obj) -> bool {
    o.type_of().is(&molt_type_set)
}

/// True for a frozenset.
pub fn is_frozenset(o: Obj) -> bool {
    o.type_of().is(&molt_type_frozenset)
}

/// `PyAnySet_Check`.
pub fn is_anyset(o: Obj) -> bool {
    is_set(o) || is_frozenset(o)
}

/// Runs `f` on the state of set or frozenset `s` (None otherwise). `f` must not call out to
/// code that could reach the set.
fn with<R>(s: Obj, f: impl FnOnce(&mut SetObject) -> R) -> Option<R> {
    if !is_anyset(s) {
        return None;
    }
    // SAFETY: a set object is a `SetObject`; single-threaded, `f` holds the only borrow.
    s.header_ptr()
        .map(|h| f(unsafe { &mut *h.cast::<SetObject>().cast_mut() }))
}

/// `(fill, used, mask)` of `s`.
pub fn shape(s: Obj) -> (usize, usize, usize) {
    with(s, |so| (so.fill, so.used, so.mask)).unwrap_or((0, 0, 0))
}

/// The number of keys of `s`.
pub fn set_len(s: Obj) -> usize {
    with(s, |so| so.used).unwrap_or(0)
}

/// A table of `n` unused slots.
fn new_table(n: usize) -> MoltResult<Vec<SetEntry>> {
    let mut t = Vec::new();
    if t.try_reserve_exact(n).is_err() {
        return memory_error();
    }
    t.resize(n, UNUSED);
    Ok(t)
}

/// A new empty set of type `ty` (set or frozenset).
fn alloc_set(ty: &'static TypeObject) -> MoltResult<Obj> {
    let table = new_table(MINSIZE)?;
    let h = alloc_container(Layout::new::<SetObject>(), ty)?;
    let p = h.cast::<SetObject>();
    // SAFETY: a fresh block with its header written; the fields are written before use.
    unsafe {
        p.write(SetObject {
            header: h.read(),
            fill: 0,
            used: 0,
            mask: MINSIZE - 1,
            generation: 0,
            hash: -1,
            finger: 0,
            table,
        });
        let o = Obj::from_header(h);
        super::gc::track(o);
        Ok(o)
    }
}

/// Visits the keys of a set or frozenset (`set_traverse`).
///
/// # Safety
/// `h` is a live set or frozenset.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut impl FnMut(Obj)) {
    // SAFETY: forwarded contract; the table is read, not changed.
    let table = unsafe { &(*h.cast::<SetObject>()).table };
    for e in table {
        if let Some(k) = e.key {
            visit(k);
        }
    }
}

/// Drops the keys of an unreachable set or frozenset (`set_clear_internal` without a new
/// table: the object is only freed afterwards, and an empty table is all `free` needs).
///
/// # Safety
/// `h` is a live set or frozenset that the collector found unreachable.
pub(crate) unsafe fn clear_unreachable(h: *mut Header) {
    // SAFETY: forwarded contract; the table is detached before any key is released.
    let table = unsafe {
        let so = &mut *h.cast::<SetObject>();
        so.fill = 0;
        so.used = 0;
        so.generation = so.generation.wrapping_add(1);
        core::mem::take(&mut so.table)
    };
    release_table(table);
}

/// Frees a set or frozenset, releasing its keys.
///
/// # Safety
/// `h` is a heap set of kind `kind` with no reference left.
pub(crate) unsafe fn free(h: *mut Header, kind: HeapKind) {
    // SAFETY: forwarded contract; the table is moved out before the block is freed.
    unsafe {
        let table = core::ptr::addr_of_mut!((*h.cast::<SetObject>()).table).read();
        free_raw(h, Layout::new::<SetObject>(), kind);
        release_table(table);
    }
}

fn release_table(table: Vec<SetEntry>) {
    for e in table {
        if let Some(k) = e.key {
            // SAFETY: the table owned this reference and is gone.
            unsafe { decref(k) };
        }
    }
}

/// `set_lookkey`: the slot of `key` if present.
fn lookkey(s: Obj, key: Obj, hash: i64) -> MoltResult<Option<usize>> {
    'restart: loop {
        let Some((mut mask, generation)) = with(s, |so| (so.mask, so.generation)) else {
            return Ok(None);
        };
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                let Some(e) = with(s, |so| so.table.get(j).copied()).flatten() else {
                    return Ok(None);
                };
                if e.hash == 0 && e.key.is_none() {
                    return Ok(None);
                }
                if e.hash == hash
                    && let Some(startkey) = e.key
                {
                    if startkey.is(key) {
                        return Ok(Some(j));
                    }
                    incref(startkey);
                    let cmp = dispatch::rich_compare_bool(CompareOp::Eq, startkey, key);
                    let same = with(s, |so| {
                        so.generation == generation
                            && so.table.get(j).and_then(|e| e.key) == Some(startkey)
                    }) == Some(true);
                    // SAFETY: the reference taken above.
                    unsafe { decref(startkey) };
                    if cmp? {
                        if !same {
                            continue 'restart;
                        }
                        return Ok(Some(j));
                    }
                    if !same {
                        continue 'restart;
                    }
                    mask = with(s, |so| so.mask).unwrap_or(mask);
                }
            }
            i = next_probe(i, &mut perturb) & mask;
        }
    }
}

/// `set_add_entry`: adds `key` (borrowed) of hash `hash`.
pub fn add_entry(s: Obj, key: Obj, hash: i64) -> MoltResult<()> {
    'restart: loop {
        let Some((mut mask, generation)) = with(s, |so| (so.mask, so.generation)) else {
            return fail(TypeError, "not a set");
        };
        let mut freeslot: Option<usize> = None;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let found_unused = 'probe: loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                let Some(e) = with(s, |so| so.table.get(j).copied()).flatten() else {
                    continue 'restart;
                };
                if e.hash == 0 && e.key.is_none() {
                    break 'probe j;
                }
                if e.hash == hash {
                    if let Some(startkey) = e.key {
                        if startkey.is(key) {
                            return Ok(());
                        }
                        incref(startkey);
                        let cmp = dispatch::rich_compare_bool(CompareOp::Eq, startkey, key);
                        let same = with(s, |so| {
                            so.generation == generation
                                && so.table.get(j).and_then(|e| e.key) == Some(startkey)
                        }) == Some(true);
                        // SAFETY: the reference taken above.
                        unsafe { decref(startkey) };
                        if cmp? {
                            return Ok(());
                        }
                        if !same {
                            continue 'restart;
                        }
                        mask = with(s, |so| so.mask).unwrap_or(mask);
                    }
                } else if e.hash == -1 {
                    freeslot = Some(j);
                }
            }
            i = next_probe(i, &mut perturb) & mask;
        };
        let resize = with(s, |so| {
            let slot = freeslot.unwrap_or(found_unused);
            if let Some(e) = so.table.get_mut(slot) {
                *e = SetEntry {
                    key: Some(new_ref(key)),
                    hash,
                };
            }
            so.used += 1;
            if freeslot.is_some() {
                return None;
            }
            so.fill += 1;
            if so.fill * 5 < mask * 3 {
                None
            } else {
                Some(if so.used > 50000 {
                    so.used * 2
                } else {
                    so.used * 4
                })
            }
        })
        .flatten();
        return match resize {
            Some(n) => table_resize(s, n),
            None => Ok(()),
        };
    }
}

/// `set_insert_clean`: places a key known absent in a table without dummies.
fn insert_clean(table: &mut [SetEntry], mask: usize, key: Obj, hash: i64) {
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        let last = if i + LINEAR_PROBES <= mask {
            i + LINEAR_PROBES
        } else {
            i
        };
        for j in i..=last {
            match table.get_mut(j) {
                Some(e) if e.key.is_none() => {
                    *e = SetEntry {
                        key: Some(key),
                        hash,
                    };
                    return;
                }
                Some(_) => {}
                None => return,
            }
        }
        i = next_probe(i, &mut perturb) & mask;
    }
}

/// `set_table_resize(so, minused)`: a table of the smallest power of two above `minused`
/// (8 at least), the active keys reinserted, the dummies dropped.
pub fn table_resize(s: Obj, minused: usize) -> MoltResult<()> {
    let mut newsize = MINSIZE;
    while newsize <= minused {
        newsize = match newsize.checked_mul(2) {
            Some(n) if n <= isize::MAX as usize / core::mem::size_of::<SetEntry>() => n,
            _ => return memory_error(),
        };
    }
    if newsize == MINSIZE
        && with(s, |so| so.mask + 1 == MINSIZE && so.fill == so.used) == Some(true)
    {
        return Ok(());
    }
    let mut table = new_table(newsize)?;
    with(s, |so| {
        let old = core::mem::take(&mut so.table);
        let newmask = newsize - 1;
        so.fill = so.used;
        for e in old {
            if let Some(k) = e.key {
                insert_clean(&mut table, newmask, k, e.hash);
            }
        }
        so.table = table;
        so.mask = newmask;
        so.generation = so.generation.wrapping_add(1);
    });
    Ok(())
}

/// `set_contains_entry`.
pub fn contains_entry(s: Obj, key: Obj, hash: i64) -> MoltResult<bool> {
    Ok(lookkey(s, key, hash)?.is_some())
}

/// `set_discard_entry`: true if `key` was there.
pub fn discard_entry(s: Obj, key: Obj, hash: i64) -> MoltResult<bool> {
    let Some(j) = lookkey(s, key, hash)? else {
        return Ok(false);
    };
    let old = with(s, |so| {
        let e = so.table.get_mut(j)?;
        let k = e.key?;
        *e = DUMMY;
        so.used -= 1;
        Some(k)
    })
    .flatten();
    if let Some(k) = old {
        // SAFETY: the table owned this reference.
        unsafe { decref(k) };
    }
    Ok(true)
}

/// `set_add_key`.
pub fn add_key(s: Obj, key: Obj) -> MoltResult<()> {
    let hash = dispatch::hash(key)?;
    add_entry(s, key, hash)
}

/// `set_contains_key`.
pub fn contains_key(s: Obj, key: Obj) -> MoltResult<bool> {
    let hash = dispatch::hash(key)?;
    contains_entry(s, key, hash)
}

/// `set_discard_key`.
pub fn discard_key(s: Obj, key: Obj) -> MoltResult<bool> {
    let hash = dispatch::hash(key)?;
    discard_entry(s, key, hash)
}

/// `set_clear_internal`: empty (a table of 8) before the keys are released.
pub fn clear(s: Obj) -> MoltResult<()> {
    let table = new_table(MINSIZE)?;
    let old = with(s, |so| {
        so.fill = 0;
        so.used = 0;
        so.mask = MINSIZE - 1;
        so.hash = -1;
        so.generation = so.generation.wrapping_add(1);
        core::mem::replace(&mut so.table, table)
    });
    if let Some(old) = old {
        release_table(old);
    }
    Ok(())
}

/// `set_next`: the active slot at or after `*pos` (its key borrowed, and its hash).
pub fn next_entry(s: Obj, pos: &mut usize) -> Option<(Obj, i64)> {
    with(s, |so| {
        let mut i = *pos;
        while i <= so.mask {
            if let Some(SetEntry { key: Some(k), hash }) = so.table.get(i).copied() {
                *pos = i + 1;
                return Some((k, hash));
            }
            i += 1;
        }
        *pos = i + 1;
        None
    })
    .flatten()
}

/// The keys of `s` with their hashes, as new references, in table order.
pub fn entries_vec(s: Obj) -> MoltResult<Vec<(Obj, i64)>> {
    let mut out = Vec::new();
    if out.try_reserve_exact(set_len(s)).is_err() {
        return memory_error();
    }
    let mut pos = 0;
    while let Some((k, h)) = next_entry(s, &mut pos) {
        out.push((new_ref(k), h));
    }
    Ok(out)
}

/// Releases the references of [`entries_vec`].
pub fn release_entries(v: Vec<(Obj, i64)>) {
    for (k, _) in v {
        // SAFETY: the vector owned these references.
        unsafe { decref(k) };
    }
}

/// `set_merge(so, other)` for a set or frozenset `other`.
fn merge(so: Obj, other: Obj) -> MoltResult<()> {
    let other_used = set_len(other);
    if so.is(other) || other_used == 0 {
        return Ok(());
    }
    let need = with(so, |s| (s.fill + other_used) * 5 >= s.mask * 3) == Some(true);
    if need {
        table_resize(so, (set_len(so) + other_used) * 2)?;
    }
    let (fill, mask) = with(so, |s| (s.fill, s.mask)).unwrap_or((1, 0));
    let (ofill, omask) = with(other, |s| (s.fill, s.mask)).unwrap_or((0, 0));
    if fill == 0 {
        // Copy the slots (same size, no dummies) or insert cleanly.
        let src: Vec<SetEntry> = with(other, |o| o.table.clone()).unwrap_or_default();
        with(so, |s| {
            if mask == omask && ofill == other_used {
                for (dst, e) in s.table.iter_mut().zip(&src) {
                    if let Some(k) = e.key {
                        *dst = SetEntry {
                            key: Some(new_ref(k)),
                            hash: e.hash,
                        };
                    }
                }
                s.fill = ofill;
            } else {
                for e in &src {
                    if let Some(k) = e.key {
                        insert_clean(&mut s.table, mask, new_ref(k), e.hash);
                    }
                }
                s.fill = other_used;
            }
            s.used = other_used;
        });
        return Ok(());
    }
    let entries = entries_vec(other)?;
    let mut r = Ok(());
    for &(k, h) in &entries {
        r = add_entry(so, k, h);
        if r.is_err() {
            break;
        }
    }
    release_entries(entries);
    r
}

/// `set_update_internal(so, other)`: a set, a dict (its keys, with their stored hashes, after
/// one resize) or any iterable.
pub fn update_internal(so: Obj, other: Obj) -> MoltResult<()> {
    if is_anyset(other) {
        return merge(so, other);
    }
    if dict::is_dict(other) {
        let dictsize = dict::dict_len(other);
        if with(so, |s| (s.fill + dictsize) * 5 >= s.mask * 3) == Some(true) {
            table_resize(so, (set_len(so) + dictsize) * 2)?;
        }
        let items = dict::items_vec(other)?;
        let mut r = Ok(());
        for &(k, _, h) in &items {
            r = add_entry(so, k, h);
            if r.is_err() {
                break;
            }
        }
        dict::release_items(items);
        return r;
    }
    let it = iter::get_iter(other)?;
    let r = (|| {
        while let Some(key) = iter::iter_next(it)? {
            let r = add_key(so, key);
            // SAFETY: `iter_next` returned a new reference.
            unsafe { decref(key) };
            r?;
        }
        Ok(())
    })();
    // SAFETY: `get_iter` returned a new reference.
    unsafe { decref(it) };
    r
}

/// `make_new_set(type, iterable)`.
pub fn make_new_set(ty: &'static TypeObject, iterable: Option<Obj>) -> MoltResult<Obj> {
    let s = alloc_set(ty)?;
    if let Some(it) = iterable
        && let Err(e) = update_internal(s, it)
    {
        // SAFETY: the new set's only reference.
        unsafe { decref(s) };
        return Err(e);
    }
    Ok(s)
}

/// `PySet_New(iterable)`.
pub fn new_set(iterable: Option<Obj>) -> MoltResult<Obj> {
    make_new_set(&molt_type_set, iterable)
}

/// `frozenset(iterable)` (`make_new_frozenset`: a frozenset is returned itself).
pub fn new_frozenset(iterable: Option<Obj>) -> MoltResult<Obj> {
    if let Some(f) = iterable
        && is_frozenset(f)
    {
        return Ok(new_ref(f));
    }
    make_new_set(&molt_type_frozenset, iterable)
}

/// `set_copy`: a new set of `so`'s type with its keys (`make_new_set_basetype`).
pub fn copy_of(so: Obj) -> MoltResult<Obj> {
    make_new_set(so.type_of(), Some(so))
}

/// `set_swap_bodies(a, b)`: exchanges the tables; the hashes too when both are frozensets.
pub fn swap_bodies(a: Obj, b: Obj) {
    let (Some(pa), Some(pb)) = (a.header_ptr(), b.header_ptr()) else {
        return;
    };
    if !is_anyset(a) || !is_anyset(b) || a.is(b) {
        return;
    }
    let both_frozen = is_frozenset(a) && is_frozenset(b);
    // SAFETY: two distinct set objects.
    unsafe {
        let (x, y) = (
            &mut *pa.cast::<SetObject>().cast_mut(),
            &mut *pb.cast::<SetObject>().cast_mut(),
        );
        core::mem::swap(&mut x.fill, &mut y.fill);
        core::mem::swap(&mut x.used, &mut y.used);
        core::mem::swap(&mut x.mask, &mut y.mask);
        core::mem::swap(&mut x.table, &mut y.table);
        x.generation = x.generation.wrapping_add(1);
        y.generation = y.generation.wrapping_add(1);
        if both_frozen {
            core::mem::swap(&mut x.hash, &mut y.hash);
        } else {
            x.hash = -1;
            y.hash = -1;
        }
    }
}

/// `set_pop`: the key at or after the finger; KeyError "pop from an empty set".
pub fn pop(s: Obj) -> MoltResult<Obj> {
    let key = with(s, |so| {
        if so.used == 0 {
            return None;
        }
        let mut j = so.finger & so.mask;
        loop {
            match so.table.get(j) {
                Some(SetEntry { key: Some(k), .. }) => {
                    let k = *k;
                    so.table[j] = DUMMY;
                    so.used -= 1;
                    so.finger = j + 1;
                    return Some(k);
                }
                Some(_) => j = if j >= so.mask { 0 } else { j + 1 },
                None => return None,
            }
        }
    })
    .flatten();
    match key {
        Some(k) => Ok(k),
        None => fail(KeyError, "pop from an empty set"),
    }
}

// --- slots ---

/// `set_repr`: `set()`, `{1, 2}`, `frozenset()`, `frozenset({1})`, `set(...)` when recursive.
fn set_repr(s: Obj) -> MoltResult<String> {
    let name = s.type_of().name;
    if repr_enter(s)? {
        return Ok(format!("{name}(...)"));
    }
    let r = (|| {
        if set_len(s) == 0 {
            return Ok(format!("{name}()"));
        }
        let keys = entries_vec(s)?;
        let mut body = String::new();
        let mut r = Ok(());
        for (i, &(k, _)) in keys.iter().enumerate() {
            match nested(" while getting the repr of an object", || {
                dispatch::repr_of(k)
            }) {
                Ok(t) => {
                    if i > 0 {
                        body.push_str(", ");
                    }
                    body.push_str(&t);
                }
                Err(e) => {
                    r = Err(e);
                    break;
                }
            }
        }
        release_entries(keys);
        r?;
        Ok(if is_set(s) {
            format!("{{{body}}}")
        } else {
            format!("{name}({{{body}}})")
        })
    })();
    repr_leave(s);
    r
}

/// `_shuffle_bits`.
fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// `frozenset_hash` (cached).
fn frozenset_hash(s: Obj) -> MoltResult<i64> {
    Ok(with(s, |so| {
        if so.hash != -1 {
            return so.hash;
        }
        let mut hash: u64 = 0;
        for e in &so.table {
            hash ^= shuffle_bits(e.hash as u64);
        }
        if (so.mask + 1 - so.fill) & 1 != 0 {
            hash ^= shuffle_bits(0);
        }
        if (so.fill - so.used) & 1 != 0 {
            hash ^= shuffle_bits(u64::MAX);
        }
        hash ^= (so.used as u64 + 1).wrapping_mul(1927868237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907133923);
        if hash == u64::MAX {
            hash = 590923713;
        }
        so.hash = hash as i64;
        hash as i64
    })
    .unwrap_or(0))
}

/// `set_richcompare`: subset relations between sets and frozensets.
fn set_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if !is_anyset(w) {
        return Ok(singletons::not_implemented());
    }
    let (lv, lw) = (set_len(v), set_len(w));
    let hv = with(v, |s| s.hash).unwrap_or(-1);
    let hw = with(w, |s| s.hash).unwrap_or(-1);
    let r = match op {
        CompareOp::Eq | CompareOp::Ne => {
            let eq = lv == lw
                && !(hv != -1 && hw != -1 && hv != hw)
                && super::set_methods::issubset(v, w)?;
            eq == (op == CompareOp::Eq)
        }
        CompareOp::Le => super::set_methods::issubset(v, w)?,
        CompareOp::Ge => super::set_methods::issuperset(v, w)?,
        CompareOp::Lt => lv < lw && super::set_methods::issubset(v, w)?,
        CompareOp::Gt => lv > lw && super::set_methods::issuperset(v, w)?,
    };
    Ok(bool_obj(r))
}

fn set_len_slot(s: Obj) -> usize {
    set_len(s)
}

/// Runs `f` with `key`, retried with `frozenset(key)` when `key` is an unhashable set (CPython's
/// `set_contains`, `set_remove`, `set_discard`).
pub fn with_frozen_retry<R>(key: Obj, f: impl Fn(Obj) -> MoltResult<R>) -> MoltResult<R> {
    match f(key) {
        Err(e) if e.kind == TypeError && is_set(key) => {
            let tmp = make_new_set(&molt_type_frozenset, Some(key))?;
            let r = f(tmp);
            // SAFETY: the temporary's only reference.
            unsafe { decref(tmp) };
            r
        }
        r => r,
    }
}

/// `set_contains`.
fn set_contains(s: Obj, key: Obj) -> MoltResult<bool> {
    with_frozen_retry(key, |k| contains_key(s, k))
}

// --- the iterator ---

/// A set iterator.
#[repr(C)]
pub struct SetIterObject {
    pub header: Header,
    set: Option<Obj>,
    used: i64,
    pos: usize,
    len: usize,
}

/// `set_iter`.
fn set_iter(s: Obj) -> MoltResult<Obj> {
    let p = alloc_container(Layout::new::<SetIterObject>(), &TYPE_SET_ITERATOR)?
        .cast::<SetIterObject>();
    let used = set_len(s);
    // SAFETY: a fresh block with its header written.
    unsafe {
        core::ptr::addr_of_mut!((*p).set).write(Some(new_ref(s)));
        core::ptr::addr_of_mut!((*p).used).write(used as i64);
        core::ptr::addr_of_mut!((*p).pos).write(0);
        core::ptr::addr_of_mut!((*p).len).write(used);
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// Visits the set of a set iterator (`setiter_traverse`).
///
/// # Safety
/// `h` is a live set iterator.
pub(crate) unsafe fn traverse_iter(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    if let Some(s) = unsafe { (*h.cast::<SetIterObject>()).set } {
        visit(s);
    }
}

/// Drops the set of an unreachable set iterator (it reads as exhausted).
///
/// # Safety
/// `h` is a live set iterator that the collector found unreachable.
pub(crate) unsafe fn clear_iter(h: *mut Header) {
    // SAFETY: forwarded contract.
    if let Some(s) = unsafe { (*h.cast::<SetIterObject>()).set.take() } {
        // SAFETY: the iterator owned this reference.
        unsafe { decref(s) };
    }
}

/// `setiter_iternext`: RuntimeError "Set changed size during iteration" (sticky).
fn setiter_next(it: Obj) -> MoltResult<Option<Obj>> {
    let Some(h) = it.header_ptr() else {
        return Ok(None);
    };
    if !it.type_of().is(&TYPE_SET_ITERATOR) {
        return Ok(None);
    }
    let p = h.cast::<SetIterObject>().cast_mut();
    // SAFETY: a set iterator; no borrow of it is held across a call.
    unsafe {
        let Some(s) = (*p).set else { return Ok(None) };
        if (*p).used != set_len(s) as i64 {
            (*p).used = -1;
            return fail(RuntimeError, "Set changed size during iteration");
        }
        let mut pos = (*p).pos;
        let next = next_entry(s, &mut pos);
        (*p).pos = pos;
        match next {
            Some((k, _)) => {
                (*p).len = (*p).len.saturating_sub(1);
                Ok(Some(new_ref(k)))
            }
            None => {
                (*p).set = None;
                decref(s);
                Ok(None)
            }
        }
    }
}

/// Frees a set iterator, releasing its set.
///
/// # Safety
/// `h` is a heap set iterator with no reference left.
pub(crate) unsafe fn free_iter(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe {
        let s = (*h.cast::<SetIterObject>()).set.take();
        free_raw(h, Layout::new::<SetIterObject>(), HeapKind::SetIterator);
        if let Some(s) = s {
            decref(s);
        }
    }
}

fn self_iter(it: Obj) -> MoltResult<Obj> {
    Ok(new_ref(it))
}

/// `set_iterator`.
pub static TYPE_SET_ITERATOR: TypeObject = TypeObject {
    iter: Some(self_iter),
    iternext: Some(setiter_next),
    heap: Some(HeapKind::SetIterator),
    ..TypeObject::new("set_iterator", &TYPE_OBJECT)
};

static SET_SEQUENCE: SequenceSlots = SequenceSlots {
    len: Some(set_len_slot),
    contains: Some(set_contains),
    ..SequenceSlots::EMPTY
};

/// The type object of `set`.
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_type_set: TypeObject = TypeObject {
    new: Some(super::construct::set_new),
    number: Some(&super::set_methods::SET_NUMBER),
    sequence: Some(&SET_SEQUENCE),
    richcompare: Some(set_richcompare),
    hash: Some(dict::unhashable),
    repr: Some(set_repr),
    iter: Some(set_iter),
    heap: Some(HeapKind::Set),
    methods: super::set_methods::SET_METHODS,
    ..TypeObject::new("set", &TYPE_OBJECT)
};

/// The type object of `frozenset`.
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_type_frozenset: TypeObject = TypeObject {
    new: Some(super::construct::frozenset_new),
    number: Some(&super::set_methods::FROZENSET_NUMBER),
    sequence: Some(&SET_SEQUENCE),
    richcompare: Some(set_richcompare),
    hash: Some(frozenset_hash),
    repr: Some(set_repr),
    iter: Some(set_iter),
    heap: Some(HeapKind::FrozenSet),
    methods: super::set_methods::FROZENSET_METHODS,
    ..TypeObject::new("frozenset", &TYPE_OBJECT)
};

// --- the C ABI ---

/// A new empty set.
#[unsafe(no_mangle)]
pub extern "C" fn molt_set_new() -> Obj {
    value_or_raise(new_set(None))
}

/// `set.add(item)` while building a display; borrows `item`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_set_add(set: Obj, item: Obj) {
    if !is_set(set) {
        return value_or_raise(fail(TypeError, "molt_set_add: not a set"));
    }
    value_or_raise(add_key(set, item))
}

/// `set(a)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_set_from_iter(a: Obj) -> Obj {
    value_or_raise(new_set(Some(a)))
}

/// `frozenset(a)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_frozenset_from_iter(a: Obj) -> Obj {
    value_or_raise(new_frozenset(Some(a)))
}
