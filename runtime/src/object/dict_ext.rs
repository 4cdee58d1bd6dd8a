//! The dict subtypes of the runtime's modules (`collections.defaultdict`, `Counter`,
//! `OrderedDict`) and the instances of the classes a program derives from `dict`
//! (`builtin_sub`): objects of kind `HeapKind::DictExt`, a dict's fields followed by one owned
//! word, the subtype's own state (defaultdict's `default_factory`; an instance's `__dict__`;
//! None for the others).
//!
//! Relies on: `dict` (every dict primitive accepts these objects: `dict::is_dict` tests the
//! kind; the fields of an empty dict, the keys table's release), `alloc`, `gc`.
//!
//! Provides: [`new_dict_ext`], [`dict_extra`], [`set_dict_extra`], [`extra_ptr`], and the
//! kind's `traverse` / `clear` / `free` ([`DICT_EXT_HOOKS`], reached through `module_kinds`,
//! registered by `collections` and by the first class deriving from `dict`).
//!
//! Invariants: the extra word is always an owned reference (None when unused); these dicts are
//! tracked by the collector from the start (the extra word may be a container), and never
//! untracked (the collector untracks only kind `Dict`). An object whose type is a heap class
//! owns a reference to its class, released after its block is freed (as every instance of a
//! heap class does: see `class`).

use core::alloc::Layout;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::dict::{self, DictObject};
use super::types::TypeObject;
use super::{Header, Obj, decref, gc, singletons};
use crate::exceptions::MoltResult;

/// An object of one of the dict subtypes the runtime's modules define (`collections.defaultdict`):
/// kind `HeapKind::DictExt`, a dict's fields followed by one owned word, the subtype's own state
/// (defaultdict's `default_factory`).
#[repr(C)]
pub(crate) struct DictExtObject {
    dict: DictObject,
    extra: Obj,
}

/// The kind's entry points for `module_kinds` (registered by `collections` and `builtin_sub`).
pub(crate) static DICT_EXT_HOOKS: super::module_kinds::KindHooks = super::module_kinds::KindHooks {
    // SAFETY (the three): forwarded contracts; the kind is `DictExt`.
    free: |h, _| unsafe { free_ext(h) },
    traverse: |h, _, visit| unsafe { traverse_ext(h, &mut |o| visit(o)) },
    clear: |h, _| unsafe { clear_ext(h) },
};

/// A new empty dict of subtype `t` (whose heap kind is `DictExt`) with `extra` (owned) as its
/// extra word. Tracked by the collector from the start: the extra word may be a container.
/// An object of a heap class takes a reference to its class.
pub(crate) fn new_dict_ext(t: &'static TypeObject, extra: Obj) -> MoltResult<Obj> {
    let h = match alloc_container(Layout::new::<DictExtObject>(), t) {
        Ok(h) => h,
        Err(e) => {
            // SAFETY: the caller gave this reference.
            unsafe { decref(extra) };
            return Err(e);
        }
    };
    if super::class::is_heap(t) {
        super::incref(Obj::from_static(t));
    }
    let p = h.cast::<DictExtObject>();
    // SAFETY: a fresh block with its header written; the fields are written before use.
    unsafe {
        dict::write_empty(core::ptr::addr_of_mut!((*p).dict));
        core::ptr::addr_of_mut!((*p).extra).write(extra);
        let d = Obj::from_header(h);
        gc::track(d);
        Ok(d)
    }
}

fn ext_ptr(o: Obj) -> Option<*mut DictExtObject> {
    if o.type_of().heap != Some(HeapKind::DictExt) {
        return None;
    }
    o.header_ptr().map(|h| h.cast::<DictExtObject>().cast_mut())
}

/// The extra word of dict-subtype object `o` (None for any other object), to read or replace
/// in place (an owned reference; the pointer is valid while `o` is alive).
pub(crate) fn extra_ptr(o: Obj) -> Option<*mut Obj> {
    // SAFETY: a live `DictExtObject`.
    ext_ptr(o).map(|p| unsafe { core::ptr::addr_of_mut!((*p).extra) })
}

/// The extra word of a dict-subtype object (borrowed); None for any other object.
pub(crate) fn dict_extra(o: Obj) -> Option<Obj> {
    // SAFETY: a live `DictExtObject`.
    ext_ptr(o).map(|p| unsafe { (*p).extra })
}

/// Replaces the extra word of dict-subtype object `o` with `v` (owned), releasing the old one
/// after the store (its release may run code that reads the object).
pub(crate) fn set_dict_extra(o: Obj, v: Obj) {
    match ext_ptr(o) {
        // SAFETY: a live `DictExtObject`; the old word was owned.
        Some(p) => unsafe { decref(core::mem::replace(&mut (*p).extra, v)) },
        // SAFETY: the caller gave this reference.
        None => unsafe { decref(v) },
    }
}

/// [`traverse`] of a dict-subtype object: the entries, then the extra word (and the class of
/// a heap class's instance).
///
/// # Safety
/// `h` is a live `DictExtObject`.
pub(crate) unsafe fn traverse_ext(h: *const Header, visit: &mut impl FnMut(Obj)) {
    // SAFETY: forwarded contract.
    unsafe {
        dict::traverse(h, visit);
        visit((*h.cast::<DictExtObject>()).extra);
        if super::class::is_heap((*h).ty) {
            visit(Obj::from_static((*h).ty));
        }
    }
}

/// The collector's clear of a dict-subtype object: its entries, then its extra word (None
/// afterwards).
///
/// # Safety
/// `h` is a live `DictExtObject`.
pub(crate) unsafe fn clear_ext(h: *mut Header) {
    // SAFETY: forwarded contract; the word is replaced before the old one is released.
    unsafe {
        dict::clear_at(h);
        let p = h.cast::<DictExtObject>();
        decref(core::mem::replace(&mut (*p).extra, singletons::none()));
    }
}

/// Frees a dict-subtype object: its keys and values, then its extra word (then the class of a
/// heap class's instance).
///
/// # Safety
/// `h` is a `DictExtObject` with no reference left.
pub(crate) unsafe fn free_ext(h: *mut Header) {
    let p = h.cast::<DictExtObject>();
    // SAFETY: forwarded contract; the fields are moved out before the block is freed, and each
    // owned reference is released once.
    unsafe {
        let keys = dict::take_keys(core::ptr::addr_of_mut!((*p).dict));
        let extra = (*p).extra;
        let ty = (*h).ty;
        free_raw(h, Layout::new::<DictExtObject>(), HeapKind::DictExt);
        dict::release_keys(keys);
        decref(extra);
        if super::class::is_heap(ty) {
            decref(Obj::from_static(ty));
        }
    }
}
