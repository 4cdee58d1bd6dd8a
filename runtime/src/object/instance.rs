//! Instances of user classes and the generic attribute protocol of objects with a `__dict__`
//! (instances, exceptions).
//!
//! Relies on: `alloc` (kind `HeapKind::Instance`, a container); `class` for MRO lookups and
//! the classes' `__slots__`; `descr` for the descriptor protocol (`get`, `set`,
//! `is_data_descriptor`); `exception` for exception objects' `__dict__` slot and their
//! attributes (`args`, `__cause__`, …, through `attrs`); `dict` for the `__dict__`. The
//! references are CPython 3.11's `_PyObject_GenericGetAttrWithDict` and
//! `_PyObject_GenericSetAttrWithDict` (Objects/object.c), `slot_tp_getattr_hook`,
//! `slot_tp_setattro`, `subtype_dict` / `subtype_setdict` (Objects/typeobject.c).
//!
//! Provides: [`InstanceObject`], [`new_instance`], [`is_instance_object`], [`getattr`] (with a
//! user `__getattr__`), [`generic_getattr`] (`object.__getattribute__`), [`setattr`] (with a
//! user `__setattr__` / `__delattr__`), [`generic_setattr`] (`object.__setattr__` /
//! `__delattr__`), [`instance_dict`]; `free` / `traverse` / `clear` for `alloc` and `gc`.
//!
//! Invariants: an instance owns a reference to its class (the `'static` type object its header
//! points to lives as long as the instance: see `class`) and its `__dict__` (made when first
//! needed). The class reference is released after the instance's block is freed.

use alloc::alloc::Layout;
use alloc::format;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::class::{self, Found};
use super::descr;
use super::range::Owned;
use super::suggest::Suggest;
use super::types::TypeObject;
use super::{Header, Obj, decref, dict, exception as exc, incref, new_ref, singletons, str as pystr};
use crate::ExceptionKind::{AttributeError, TypeError};
use crate::exceptions::{MoltError, MoltResult, fail};

/// An instance of a user class (not of an exception class).
#[repr(C)]
pub struct InstanceObject {
    pub header: Header,
    /// `__dict__` (owned), made when first needed.
    dict: Option<Obj>,
}

/// A new instance of heap class `t` (`object.__new__(t)`), with an empty `__dict__` slot.
pub fn new_instance(t: &'static TypeObject) -> MoltResult<Obj> {
    let p = alloc_container(Layout::new::<InstanceObject>(), t)?.cast::<InstanceObject>();
    incref(class::class_word(t));
    // SAFETY: a fresh block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).dict).write(None);
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// `object.__new__(cls)` for a class made with a layout (see `abi.rs`).
// TEMPORARY(#9): a placeholder until layouts are built (decisions/0031): an instance with a
// `__dict__` slot only. Replaced by the layout-aware allocation.
#[unsafe(no_mangle)]
pub extern "C" fn molt_instance_new(cls: Obj) -> Obj {
    match super::types::as_type(cls) {
        Some(t) if t.heap == Some(HeapKind::Instance) => crate::exceptions::value_or_raise(new_instance(t)),
        Some(_) | None => crate::exceptions::value_or_raise(fail(TypeError, "molt_instance_new: not a class with a layout")),
    }
}

/// Whether `o` is an instance of a user class that is no exception class.
pub fn is_instance_object(o: Obj) -> bool {
    o.type_of().heap == Some(HeapKind::Instance)
}

/// The slot of `o`'s `__dict__` (instances and exceptions), if it has one.
fn dict_slot(o: Obj) -> Option<*mut Option<Obj>> {
    if is_instance_object(o) {
        // SAFETY: an object of kind Instance is an `InstanceObject`, alive while `o` is.
        return o.header_ptr().map(|h| unsafe { core::ptr::addr_of_mut!((*h.cast::<InstanceObject>().cast_mut()).dict) });
    }
    exc::dict_slot(o)
}

/// `o.__dict__` (borrowed), made when `create` and missing; None for an object without one.
pub fn instance_dict(o: Obj, create: bool) -> MoltResult<Option<Obj>> {
    let Some(slot) = dict_slot(o) else { return Ok(None) };
    // SAFETY: the slot of a live object; single-threaded.
    if let Some(d) = unsafe { *slot } {
        return Ok(Some(d));
    }
    if !create {
        return Ok(None);
    }
    let d = dict::new_dict()?;
    // SAFETY: as above; the slot was empty (making the dict ran no code that could fill it).
    unsafe { *slot = Some(d) };
    Ok(Some(d))
}

/// Visits an instance's class and `__dict__`.
///
/// # Safety
/// `h` is a live instance.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    unsafe {
        visit(Obj::from_static((*h).ty));
        if let Some(d) = (*h.cast::<InstanceObject>()).dict {
            visit(d);
        }
    }
}

/// Drops the `__dict__` of an unreachable instance (`subtype_clear`).
///
/// # Safety
/// `h` is a live instance that the collector found unreachable.
pub(crate) unsafe fn clear(h: *mut Header) {
    // SAFETY: forwarded contract.
    if let Some(d) = unsafe { (*h.cast::<InstanceObject>()).dict.take() } {
        // SAFETY: the instance owned it.
        unsafe { decref(d) };
    }
}

/// Frees an instance, then releases its `__dict__` and its class.
///
/// # Safety
/// `h` is an instance with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe {
        let d = (*h.cast::<InstanceObject>()).dict.take();
        let cls = Obj::from_static((*h).ty);
        free_raw(h, Layout::new::<InstanceObject>(), HeapKind::Instance);
        if let Some(d) = d {
            decref(d);
        }
        decref(cls);
    }
}

/// AttributeError "'C' object has no attribute 'x'" (with the "Did you mean" suggestion).
pub fn no_attribute(o: Obj, name: &str) -> MoltError {
    let t = o.type_of().name;
    MoltError::new(AttributeError, format!("'{t}' object has no attribute '{name}'")).with_suggest(Suggest::attribute(t, name))
}

/// The attributes the builtin exception classes define as data descriptors.
fn exception_getset(name: &str) -> bool {
    matches!(name, "args" | "__cause__" | "__context__" | "__suppress_context__" | "__traceback__")
}

/// `object.__getattribute__(o, name)` (`_PyObject_GenericGetAttrWithDict`): a data descriptor of
/// the class, the instance's `__dict__`, another descriptor or attribute of the class;
/// AttributeError otherwise.
pub fn generic_getattr(o: Obj, name: &str) -> MoltResult<Obj> {
    let t = o.type_of();
    if name == "__class__" {
        return Ok(super::attrs::class_value(t));
    }
    if name == "__dict__" && dict_slot(o).is_some() {
        if class::is_heap(t) && !class::instances_have_dict(t) {
            return Err(no_attribute(o, name));
        }
        return instance_dict(o, true).map(|d| new_ref(d.unwrap_or_else(singletons::none)));
    }
    let mut descr: Option<Owned> = None;
    let hit = class::namespace_hit(t, name);
    for (i, c) in class::mro(t).enumerate() {
        match class::namespace(c) {
            Some(_) => {
                if let Some((ix, v)) = hit
                    && ix == i
                {
                    descr = Some(Owned(new_ref(v)));
                    break;
                }
            }
            None => {
                if exc::is_exception(o)
                    && ((c.is(&exc::BASE_EXCEPTION) && exception_getset(name)) || (c.is(&exc::STOP_ITERATION) && name == "value"))
                {
                    return super::attrs::builtin_getattr(o, name);
                }
                if let Some(v) = descr::static_attr(c, name) {
                    descr = Some(Owned(v));
                    break;
                }
            }
        }
    }
    if let Some(d) = &descr
        && descr::is_data_descriptor(d.get())
    {
        return descr::get(d.get(), Some(o), t);
    }
    if let Some(d) = instance_dict(o, false)?
        && let Some(v) = dict::get_str(d, name)
    {
        return Ok(new_ref(v));
    }
    if let Some(d) = descr {
        return descr::get(d.get(), Some(o), t);
    }
    if !class::is_heap(t) {
        // A builtin exception's own attributes (`args`, …) or its class's methods.
        return super::attrs::builtin_getattr(o, name);
    }
    Err(no_attribute(o, name))
}

/// For the attribute caches (`attr_cache`): the entry index of `name` in instance `o`'s
/// `__dict__` when the generic protocol reads (`write`: stores) `o.name` there, and would for
/// every instance of its class while no class namespace changes: a plain instance whose class
/// defines no `__getattribute__` (`__setattr__`), the class-level attribute of that name (if
/// any) no data descriptor, the name neither `__class__` nor `__dict__`.
pub fn cache_index(o: Obj, name: Obj, write: bool) -> Option<usize> {
    let n = pystr::str_text(name)?;
    if !is_instance_object(o) || n == "__class__" || n == "__dict__" {
        return None;
    }
    let t = o.type_of();
    let hook = if write { class::HOOK_SETATTR } else { class::HOOK_GETATTRIBUTE };
    if class::may_define_hook(t, hook) {
        return None;
    }
    let hit = class::namespace_hit(t, n);
    for (i, c) in class::mro(t).enumerate() {
        let found = match class::namespace(c) {
            Some(_) => hit.filter(|&(ix, _)| ix == i).map(|(_, v)| Owned(new_ref(v))),
            None => descr::static_attr(c, n).map(Owned),
        };
        if let Some(v) = found {
            if descr::is_data_descriptor(v.get()) {
                return None;
            }
            break;
        }
    }
    let d = instance_dict(o, false).ok()??;
    dict::index_of_str(d, n)
}

/// `o.name` for an object with a `__dict__` (`slot_tp_getattr_hook`): [`generic_getattr`],
/// then the class's `__getattr__` on AttributeError.
pub fn getattr(o: Obj, name: &str) -> MoltResult<Obj> {
    let t = o.type_of();
    if class::may_define_hook(t, class::HOOK_GETATTRIBUTE)
        && let Some(Found::Value(ga)) = class::find(t, "__getattribute__", |_| false)
    {
        let n = Owned(pystr::str_from_text(name)?);
        return with_getattr_hook(o, name, descr::call_unbound(ga.get(), o, &[n.get()], &[]));
    }
    with_getattr_hook(o, name, generic_getattr(o, name))
}

/// The `__getattr__` fallback of [`getattr`].
fn with_getattr_hook(o: Obj, name: &str, r: MoltResult<Obj>) -> MoltResult<Obj> {
    let t = o.type_of();
    match r {
        Err(e) if e.kind == AttributeError && class::may_define_hook(t, class::HOOK_GETATTR) => match class::find(t, "__getattr__", |_| false) {
            Some(Found::Value(f)) => {
                drop(e);
                let n = Owned(pystr::str_from_text(name)?);
                descr::call_unbound(f.get(), o, &[n.get()], &[])
            }
            _ => Err(e),
        },
        r => r,
    }
}

/// `o.name = value` / `del o.name` (`value` None) for an object with a `__dict__`: the class's
/// `__setattr__` / `__delattr__` if a user class defines one, else [`generic_setattr`].
pub fn setattr(o: Obj, name: Obj, value: Option<Obj>) -> MoltResult<()> {
    let t = o.type_of();
    let (hook, bit) = if value.is_some() { ("__setattr__", class::HOOK_SETATTR) } else { ("__delattr__", class::HOOK_DELATTR) };
    if class::may_define_hook(t, bit)
        && let Some(Found::Value(f)) = class::find(t, hook, |_| false)
    {
        let r = match value {
            Some(v) => descr::call_unbound(f.get(), o, &[name, v], &[])?,
            None => descr::call_unbound(f.get(), o, &[name], &[])?,
        };
        drop(Owned(r));
        return Ok(());
    }
    generic_setattr(o, name, value)
}

/// `object.__setattr__(o, name, value)` / `object.__delattr__(o, name)`
/// (`_PyObject_GenericSetAttrWithDict`): a data descriptor of the class, else the instance's
/// `__dict__`; CPython's AttributeErrors for an object without one.
pub fn generic_setattr(o: Obj, name: Obj, value: Option<Obj>) -> MoltResult<()> {
    let n = super::attrs::attr_name(name)?;
    let t = o.type_of();
    if n == "__class__" {
        return fail(TypeError, "__class__ assignment is not supported by Molt yet");
    }
    if n == "__dict__" && dict_slot(o).is_some() && class::instances_have_dict(t) {
        let Some(v) = value else { return fail(TypeError, "cannot delete __dict__") };
        if !dict::is_dict(v) {
            return fail(TypeError, format!("__dict__ must be set to a dictionary, not a '{}'", v.type_of().name));
        }
        let slot = dict_slot(o).unwrap_or(core::ptr::null_mut());
        incref(v);
        // SAFETY: the slot of a live object.
        let old = unsafe { slot.replace(Some(v)) };
        if let Some(old) = old {
            // SAFETY: the object owned the old dict.
            unsafe { decref(old) };
        }
        return Ok(());
    }
    let mut found_static = false;
    let hit = class::namespace_hit(t, n);
    for (i, c) in class::mro(t).enumerate() {
        match class::namespace(c) {
            Some(_) => {
                if let Some((ix, d)) = hit
                    && ix == i
                {
                    let d = Owned(new_ref(d));
                    if descr::is_data_descriptor(d.get()) {
                        return descr::set(d.get(), o, value);
                    }
                    break;
                }
            }
            None => {
                if exc::is_exception(o) && c.is(&exc::BASE_EXCEPTION) && exception_getset(n) {
                    return super::attrs::exception_setattr(o, n, value);
                }
                if descr::static_attr(c, n).map(Owned).is_some() {
                    found_static = true;
                    break;
                }
            }
        }
    }
    let allowed = !class::is_heap(t) || class::instances_have_dict(t) || class::slot_allows(t, n);
    let d = if allowed { instance_dict(o, true)? } else { None };
    let Some(d) = d else {
        if found_static {
            return fail(AttributeError, format!("'{}' object attribute '{n}' is read-only", t.name));
        }
        return Err(no_attribute(o, n));
    };
    match value {
        Some(v) => dict::set_item(d, name, v),
        None => {
            if dict::get_str(d, n).is_none() {
                return Err(no_attribute(o, n));
            }
            dict::del_item(d, name)
        }
    }
}
