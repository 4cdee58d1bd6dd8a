//! Per-site attribute caches: `a.NAME` and `a.NAME = v` on instances of user classes without
//! the generic lookup, as CPython 3.11's specialised `LOAD_ATTR_INSTANCE_VALUE` /
//! `STORE_ATTR_INSTANCE_VALUE` (with its version tags) skip it.
//!
//! Relies on: `mro_cache::epoch` (it changes whenever any class namespace may have changed,
//! a class is freed, or a hook is assigned); `instance` for the instance's `__dict__`, its
//! layout slots (`cached_slot_get` / `cached_slot_set`) and the generic protocol (the slow
//! path and what a cache may skip); `dict` for the entry an index
//! names; `class` for the hooks and the class-level lookup. Every class-dependent step is
//! reached through the registered heap slots (`types::heap_slots`), so programs that make no
//! class link none of it (decisions/0025).
//!
//! Provides: the ABI's `molt_obj_getattr_cached`, `molt_obj_setattr_cached`,
//! `molt_obj_lookup_method_cached` and `molt_obj_call_method_cached`. A cache is
//! `ATTR_CACHE_WORDS` words of the executable, zero when the program starts, one per
//! attribute-reading (or -writing, or method-calling) site: [`AttrCache`].
//!
//! A method-call site's cache names (class, epoch, function): filled when `recv.NAME` found a
//! plain function in the class's MRO (no `__getattribute__`); a hit also needs the instance's
//! `__dict__` not to shadow the name. The lookup then answers [`CACHED_METHOD`] and the call
//! takes the function from the cache — checking the class and epoch again, since evaluating
//! the arguments may have changed them (then it looks the attribute up again, as the uncached
//! path always does); the function is called with the receiver first, as CPython's
//! `LOAD_METHOD` + `CALL` do, without a bound method object.
//!
//! Invariants: a cache names up to four (class, epoch, entry index) entries, most recent
//! first. It is filled only after the generic protocol found or stored the attribute and
//! proved that, for that class and name, the instance's own storage (its layout slots while it
//! has no `__dict__`, else the dict: see `instance`) is where the protocol goes: the object is
//! a plain instance (no exception object), its class (and MRO) defines no `__getattribute__`
//! (reads) or `__setattr__` (writes), and the class-level attribute of that name, if any, is no
//! data descriptor (the name is not `__class__` or `__dict__`). While the epoch is unchanged
//! those facts hold for every instance of the class, so for the same class and epoch the
//! instance's storage is where the protocol goes first. An entry is one of two forms:
//! * a *slot entry* (`index` = [`SLOT_ENTRY`] | i) when the name is slot i of the class's layout
//!   (a fact of the class, fixed at its creation): a read answers the slot's value while the
//!   instance has no dict (an empty slot takes the generic path: the class attribute,
//!   `__getattr__` or the AttributeError), else the dict's value (a lookup; a miss takes the
//!   generic path); a write stores into the slot while there is no dict, else into the dict;
//! * a *dict entry* (`index` = the name's entry index in the instance's dict, a hint) for a name
//!   outside the layout: a read answers the dict's value (entry `index` when it holds the key,
//!   else a lookup; a miss, or no dict, takes the generic path), a write stores into the dict
//!   (replacing the value at `index`, else a dict store: the instance's first store of the
//!   attribute, which materialises the dict of an instance that has none).
//!
//! Another class or epoch takes the generic path, which refills the cache. A method-call site
//! also remembers, for a receiver of a builtin type (`str`, `bytes`, `list`, …), the
//! `MethodDef` its tables gave (epoch [`BUILTIN_METHOD`]): those tables do not change once
//! `<module>` enabled them, and the method depends on the type alone. A cache never holds
//! a reference. A method-call entry is filled only for a name outside the class's layout, so an
//! instance without a dict never shadows it.

use super::{Obj, alloc::HeapKind};

/// One remembered class of a site.
#[repr(C)]
#[derive(Clone, Copy)]
struct Entry {
    /// The class's address (0: empty).
    ty: usize,
    /// `mro_cache::epoch()` when filled.
    epoch: u64,
    /// The entry index of the name in the instances' `__dict__` (a hint checked on each hit);
    /// for a method-call site, the function's word (borrowed: the class namespace holds it
    /// while the epoch holds).
    index: usize,
}

/// The classes one site remembers: a site in a base class's method sees its subclasses'
/// instances (a polymorphic inline cache).
const WAYS: usize = 4;

/// One site's cache (`ATTR_CACHE_WORDS` words, zero-initialised by the executable): the
/// classes it saw last, most recent first.
#[repr(C)]
pub struct AttrCache {
    entries: [Entry; WAYS],
}

/// The bit of an entry's `index` that marks a slot entry (the slot index in the other bits):
/// a dict's entry index never reaches it.
pub const SLOT_ENTRY: usize = 1 << (usize::BITS - 1);

/// What `molt_obj_lookup_method_cached` returns when its cache answered: the call takes the
/// function from the cache.
pub static CACHED_METHOD: u8 = 0;

const _: () = assert!(core::mem::size_of::<AttrCache>() == crate::ATTR_CACHE_WORDS as usize * 8);

/// The entry of `cache` that answers for `o` (its class, the current epoch), if any.
fn hit(cache: &AttrCache, o: Obj) -> Option<Entry> {
    if o.is_small() {
        return None;
    }
    let t = o.type_of();
    if t.heap != Some(HeapKind::Instance) {
        return None;
    }
    let ty = core::ptr::from_ref(t) as usize;
    let e = cache.entries.iter().find(|e| e.ty == ty)?;
    (e.epoch == super::mro_cache::epoch()).then_some(*e)
}

/// Remembers `index` for the class of `o` (an instance), most recent first.
fn remember(cache: &mut AttrCache, o: Obj, index: usize) {
    let e = Entry { ty: core::ptr::from_ref(o.type_of()) as usize, epoch: super::mro_cache::epoch(), index };
    // The entry of the same class (stale) or the oldest makes room.
    let at = cache.entries.iter().position(|x| x.ty == e.ty).unwrap_or(WAYS - 1);
    cache.entries.copy_within(0..at, 1);
    cache.entries[0] = e;
}

/// The `epoch` of an entry that names a builtin type's method (never a real epoch): the
/// tables a builtin type's methods come from are fixed once `<module>` enabled them, so the
/// entry holds for good.
const BUILTIN_METHOD: u64 = u64::MAX;

/// The method (its `MethodDef`'s address) a method-call site remembered for `o`'s builtin type.
fn builtin_hit(cache: &AttrCache, o: Obj) -> Option<*const u8> {
    let ty = core::ptr::from_ref(o.type_of()) as usize;
    let e = cache.entries.iter().find(|e| e.ty == ty && e.epoch == BUILTIN_METHOD)?;
    Some(e.index as *const u8)
}

/// Remembers method `m` (a `MethodDef`'s address) for `o`'s builtin type, most recent first.
fn remember_builtin(cache: &mut AttrCache, o: Obj, m: *const u8) {
    let e = Entry { ty: core::ptr::from_ref(o.type_of()) as usize, epoch: BUILTIN_METHOD, index: m as usize };
    let at = cache.entries.iter().position(|x| x.ty == e.ty).unwrap_or(WAYS - 1);
    cache.entries.copy_within(0..at, 1);
    cache.entries[0] = e;
}

/// `m.NAME` of a bound variable of one of the program's modules (a new reference), through
/// the site's first entry: (the module object's address, its descriptor's address, the
/// variable's index). Such an entry never answers `hit` (a module is no instance; its epoch
/// word, an address, is no epoch), and a class entry never answers here (its epoch is no
/// descriptor's address). A module object lives until exit unless its import failed; another
/// object at its address is no module of the same descriptor, or one whose variables are the
/// same. None: not such a module, or the variable is unbound (the generic path answers).
fn module_get(c: &mut AttrCache, a: Obj, name: Obj) -> Option<Obj> {
    let u = super::module::user_descriptor(a);
    if u.is_null() {
        return None;
    }
    let e = c.entries[0];
    if e.ty == a.raw() as usize && e.epoch == u as u64 {
        return super::user_module::variable_at(u, e.index);
    }
    let i = super::user_module::index_of(u, super::str::str_text(name)?)?;
    c.entries.copy_within(0..WAYS - 1, 1);
    c.entries[0] = Entry { ty: a.raw() as usize, epoch: u as u64, index: i };
    super::user_module::variable_at(u, i)
}

/// `a.NAME` with the per-site `cache`.
///
/// # Safety
/// `cache` points to the site's `ATTR_CACHE_WORDS` words.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_obj_getattr_cached(a: Obj, name: Obj, cache: *const u8) -> Obj {
    // SAFETY: forwarded contract (a writable, aligned block; single-threaded: the only borrow).
    let c = unsafe { &mut *cache.cast::<AttrCache>().cast_mut() };
    if let Some(e) = hit(c, a) {
        if e.index & SLOT_ENTRY != 0 {
            if let Some(v) = super::instance::cached_slot_get(a, e.index & !SLOT_ENTRY, name) {
                return super::new_ref(v);
            }
        } else if let Some(d) = super::instance::existing_dict(a) {
            if let Some(v) = super::dict::value_at_if_key(d, e.index, name) {
                return super::new_ref(v);
            }
            // The class's facts hold, so the dict is where the protocol looks first: an entry
            // elsewhere in it (another insertion order) is the answer too.
            if let Some(n) = super::str::str_text(name)
                && let Some(v) = super::dict::get_str(d, n)
            {
                return super::new_ref(v);
            }
        }
    }
    // (No instance answers `hit` here, so the common case pays nothing for modules.)
    if let Some(v) = module_get(c, a, name) {
        return v;
    }
    let r = super::attrs::getattr_obj(a, name);
    if r.is_ok()
        && let Some(s) = super::types::heap_slots()
    {
        fill(c, a, name, s.attr_cache_index, false);
    }
    crate::exceptions::value_or_raise(r)
}

/// `a.NAME = value` with the per-site `cache`.
///
/// # Safety
/// `cache` points to the site's `ATTR_CACHE_WORDS` words.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_obj_setattr_cached(a: Obj, name: Obj, value: Obj, cache: *const u8) {
    // SAFETY: forwarded contract (a writable, aligned block; single-threaded: the only borrow).
    let c = unsafe { &mut *cache.cast::<AttrCache>().cast_mut() };
    if let Some(e) = hit(c, a) {
        if e.index & SLOT_ENTRY != 0 {
            match super::instance::cached_slot_set(a, e.index & !SLOT_ENTRY, name, value) {
                Ok(true) => return,
                Ok(false) => {}
                Err(err) => return crate::exceptions::value_or_raise(Err(err)),
            }
        } else if let Some(d) = super::instance::existing_dict(a).or_else(|| super::instance::made_dict(a)) {
            if super::dict::replace_at_if_key(d, e.index, name, value) {
                return;
            }
            // The class's facts hold, so the store goes to the dict: a new key (an instance's
            // first store of this attribute, `__init__`'s, materialising the dict of an
            // instance without one: the name is outside the layout) or one at another position.
            crate::exceptions::value_or_raise(super::dict::set_item(d, name, value));
            return;
        }
    }
    let r = super::attrs::setattr(a, name, Some(value));
    if r.is_ok()
        && let Some(s) = super::types::heap_slots()
    {
        fill(c, a, name, s.attr_cache_index, true);
    }
    crate::exceptions::value_or_raise(r);
}

/// Fills `c` for `a.name` when the facts of the module doc hold (`index` is the heap slot
/// that checks them and finds the entry).
fn fill(c: &mut AttrCache, a: Obj, name: Obj, index: fn(Obj, Obj, bool) -> Option<usize>, write: bool) {
    if a.is_small() || a.type_of().heap != Some(HeapKind::Instance) {
        return;
    }
    if let Some(ix) = index(a, name, write) {
        remember(c, a, ix);
    }
}

/// `molt_obj_lookup_method` with the per-site `cache` (see the module doc).
///
/// # Safety
/// `cache` points to the site's `ATTR_CACHE_WORDS` words.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_obj_lookup_method_cached(recv: Obj, name: Obj, cache: *const u8) -> *const u8 {
    // SAFETY: forwarded contract (a writable, aligned block; single-threaded: the only borrow).
    let c = unsafe { &mut *cache.cast::<AttrCache>().cast_mut() };
    if hit(c, recv).is_some() && !shadowed(recv, name) {
        return core::ptr::from_ref(&CACHED_METHOD);
    }
    if let Some(m) = builtin_hit(c, recv) {
        return m;
    }
    let m = super::call::lookup_method_word(recv, name);
    if !m.is_null() && !core::ptr::eq(m, &super::call::GENERIC_METHOD) {
        // A method of a builtin type's tables (`str.lower`): the same for every object of the
        // type.
        remember_builtin(c, recv, m);
    }
    if core::ptr::eq(m, &super::call::GENERIC_METHOD)
        && let Some(s) = super::types::heap_slots()
        && !recv.is_small()
        && recv.type_of().heap == Some(HeapKind::Instance)
        && let Some(f) = (s.method_cache_function)(recv, name)
    {
        remember(c, recv, f.raw() as usize);
    }
    m
}

/// Whether instance `recv`'s `__dict__` holds `name` (shadowing the class's method).
fn shadowed(recv: Obj, name: Obj) -> bool {
    match (super::instance::existing_dict(recv), super::str::str_text(name)) {
        (Some(d), Some(n)) => super::dict::has_str_key_small(d, name).unwrap_or_else(|| super::dict::get_str(d, n).is_some()),
        (None, Some(_)) => false,
        (_, None) => true,
    }
}

/// `molt_obj_call_method` with the per-site `cache`: `method` is what
/// `molt_obj_lookup_method_cached` returned.
///
/// # Safety
/// As `molt_obj_call_method`; `cache` points to the site's `ATTR_CACHE_WORDS` words.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn molt_obj_call_method_cached(
    recv: Obj,
    method: *const u8,
    name: Obj,
    kwnames: *const u8,
    kwlen: i64,
    depth: i64,
    cache: *const u8,
    args: *const u8,
    nargs: i64,
) -> Obj {
    // SAFETY: forwarded caller contract.
    let all = unsafe { crate::exceptions::objs_from_raw(args, nargs) };
    let mut method = method;
    if core::ptr::eq(method, &CACHED_METHOD) {
        // SAFETY: forwarded contract.
        let c = unsafe { &*cache.cast::<AttrCache>() };
        if let Some(e) = hit(c, recv)
            && kwlen <= 0
            && let Some(s) = super::types::heap_slots()
        {
            // SAFETY: the epoch is unchanged, so the class namespace still holds the function.
            let f = unsafe { Obj::from_raw(e.index as u64) };
            return (s.call_with_self)(f, recv, all, depth);
        }
        method = core::ptr::from_ref(&super::call::GENERIC_METHOD);
    }
    // SAFETY: forwarded contract (`method` is now what `molt_obj_lookup_method` could return).
    unsafe { super::call::call_method_word(recv, method, name, all, kwnames, kwlen, depth) }
}
