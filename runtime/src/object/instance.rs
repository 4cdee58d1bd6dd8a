//! Instances of user classes and the generic attribute protocol of objects with a `__dict__`
//! (instances, exceptions).
//!
//! Relies on: `alloc` (kind `HeapKind::Instance`, a container); `class` for MRO lookups, the
//! classes' `__slots__` and layouts (`class::layout_names` / `layout_len`, from `layout`);
//! `descr` for the descriptor protocol (`get`, `set`, `is_data_descriptor`); `exception` for
//! exception objects' `__dict__` slot and their attributes (`args`, `__cause__`, …, through
//! `attrs`); `dict` for the `__dict__`. The references are CPython 3.11's
//! `_PyObject_GenericGetAttrWithDict` and `_PyObject_GenericSetAttrWithDict` (Objects/object.c),
//! `slot_tp_getattr_hook`, `slot_tp_setattro`, `subtype_dict` / `subtype_setdict`
//! (Objects/typeobject.c).
//!
//! Provides: [`InstanceObject`], [`new_instance`] and the ABI's `molt_instance_new`,
//! [`is_instance_object`], [`getattr`] (with a user `__getattr__`), [`generic_getattr`]
//! (`object.__getattribute__`), [`setattr`] (with a user `__setattr__` / `__delattr__`),
//! [`generic_setattr`] (`object.__setattr__` / `__delattr__`), [`instance_dict`], [`own_attr`];
//! for the attribute caches [`cache_index`], [`cached_slot_get`], [`cached_slot_set`],
//! [`existing_dict`], [`made_dict`]; `free` / `traverse` / `clear` for `alloc` and `gc`.
//!
//! An instance is a header, its `__dict__` word (`INSTANCE_DICT_OFFSET`: an owned dict, or 0
//! while it has none) and one slot per name of its class's layout (from `INSTANCE_SLOTS_OFFSET`,
//! 8-byte words, each an owned reference word or `INSTANCE_SLOT_EMPTY`: the small int 0 is the
//! word 0, so the empty word is 1, which no object has). Compiled code reads and writes those
//! words directly, so the runtime keeps (and compiled code relies on) this invariant: **an
//! instance has no `__dict__` until an attribute outside its class's layout is stored on it or
//! its `__dict__` is asked for ([`instance_dict`] with `create`: `o.__dict__`, the `__dict__`
//! setter); then the dict is *materialised* — every non-empty slot's value moves into a new
//! dict, in slot order, and every slot becomes empty — and from then on the dict holds every
//! attribute of the instance and its slots stay empty.** While there is no dict the slots are
//! the instance's attributes. So a slot may be stored into only while the dict word is 0, and
//! a non-empty slot's value is the attribute's value.
//!
//! The generic protocol keeps CPython's order with slots as part of the instance's storage:
//! reading, a data descriptor of the class first, then the instance's own attribute (the slot
//! while there is no dict, else the dict), then the class attribute or non-data descriptor, then
//! `__getattr__` (AttributeError "'C' object has no attribute 'x'" for an empty slot without
//! one); storing, a data descriptor, else the slot (a layout name, no dict, and a name the class
//! allows: any with a `__dict__`, its `__slots__` without), else the dict (materialised);
//! deleting, a data descriptor, else the slot (the same AttributeError when empty), else the
//! dict (an instance without one has nothing outside its slots: the AttributeError, nothing
//! materialised).
//!
//! Invariants: an instance owns a reference to its class (the `'static` type object its header
//! points to lives as long as the instance: see `class`), its `__dict__` and the values of its
//! non-empty slots. Its number of slots is its class's `layout_len`, fixed at the class's
//! creation: `free` derives the block's size from the class, whose reference is released only
//! after the block is freed.

use alloc::alloc::Layout;
use alloc::format;

use super::alloc::{HeapKind, alloc_container, free_raw, memory_error};
use super::class::{self, Found};
use super::descr;
use super::range::Owned;
use super::suggest::Suggest;
use super::types::TypeObject;
use super::{Header, Obj, decref, dict, exception as exc, incref, layout, new_ref, singletons, str as pystr};
use crate::ExceptionKind::{AttributeError, TypeError};
use crate::exceptions::{MoltError, MoltResult, fail};

/// An instance of a user class (not of an exception class).
#[repr(C)]
pub struct InstanceObject {
    pub header: Header,
    /// `__dict__`: an owned dict's word, or 0 while there is none (see the module doc).
    dict: u64,
    /// The layout's slots (`class::layout_len` of the class words, each an owned reference
    /// word or [`EMPTY`]).
    slots: [u64; 0],
}

const _: () = {
    assert!(core::mem::offset_of!(InstanceObject, dict) as i64 == crate::INSTANCE_DICT_OFFSET);
    assert!(core::mem::offset_of!(InstanceObject, slots) as i64 == crate::INSTANCE_SLOTS_OFFSET);
    assert!(core::mem::size_of::<InstanceObject>() as i64 == crate::INSTANCE_SLOTS_OFFSET);
    assert!(core::mem::align_of::<InstanceObject>() == 8);
    // Not a small int (low bit 0) and no object's address (the tag on address 0).
    assert!(crate::INSTANCE_SLOT_EMPTY == crate::OBJ_TAG);
};

/// An empty slot.
const EMPTY: u64 = crate::INSTANCE_SLOT_EMPTY as u64;

/// The block layout of an instance with `nslots` slots.
#[inline]
fn block_layout(nslots: usize) -> Option<Layout> {
    if nslots == 0 {
        return Some(Layout::new::<InstanceObject>());
    }
    let size = nslots.checked_mul(8)?.checked_add(core::mem::size_of::<InstanceObject>())?;
    Layout::from_size_align(size, core::mem::align_of::<InstanceObject>()).ok()
}

/// The first slot of instance `p`.
///
/// # Safety
/// `p` is a live instance (its class's `layout_len` slots follow the fixed fields).
unsafe fn slots_ptr(p: *mut InstanceObject) -> *mut u64 {
    // SAFETY: forwarded contract; the slots follow the fixed fields in the same block.
    unsafe { core::ptr::addr_of_mut!((*p).slots).cast::<u64>() }
}

/// A new instance of heap class `t` (`object.__new__(t)`): every slot of its layout empty, no
/// `__dict__`.
#[inline]
pub fn new_instance(t: &'static TypeObject) -> MoltResult<Obj> {
    make_instance(t)
}

/// [`new_instance`], always inlined into `molt_instance_new` (every construction of a known
/// class's instance goes through it; a call more per instance was +5% on bintrees).
#[inline(always)]
fn make_instance(t: &'static TypeObject) -> MoltResult<Obj> {
    let n = class::layout_len(t);
    let Some(layout) = block_layout(n) else { return memory_error() };
    let p = alloc_container(layout, t)?.cast::<InstanceObject>();
    incref(class::class_word(t));
    // SAFETY: a fresh block of `layout` (the fixed fields and `n` slots) whose header is
    // written; every other word is written here before the object is tracked.
    unsafe {
        core::ptr::addr_of_mut!((*p).dict).write(0);
        let s = slots_ptr(p);
        for i in 0..n {
            s.add(i).write(EMPTY);
        }
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// `object.__new__(cls)` for a class made with a layout (see `abi.rs`): [`new_instance`];
/// CPython's TypeErrors for a class whose instances are no plain instances.
#[unsafe(no_mangle)]
pub extern "C" fn molt_instance_new(cls: Obj) -> Obj {
    let r = match super::types::as_type(cls) {
        // What `object_new` does without arguments for a class whose instances are plain.
        Some(t) if class::is_heap(t) && t.heap == Some(HeapKind::Instance) => make_instance(t),
        Some(t) if class::is_heap(t) || t.is(&super::types::TYPE_OBJECT) => super::slots::object_new(t, &[], &[]),
        Some(t) => fail(TypeError, format!("object.__new__({0}) is not safe, use {0}.__new__()", t.name)),
        None => fail(TypeError, format!("object.__new__(X): X is not a type object ({})", cls.type_of().name)),
    };
    crate::exceptions::value_or_raise(r)
}

/// Whether `o` is an instance of a user class that is no exception class.
#[inline]
pub fn is_instance_object(o: Obj) -> bool {
    o.type_of().heap == Some(HeapKind::Instance)
}

/// The instance behind `o`, if it is one.
#[inline]
fn inst_ptr(o: Obj) -> Option<*mut InstanceObject> {
    if !is_instance_object(o) {
        return None;
    }
    o.header_ptr().map(|h| h.cast::<InstanceObject>().cast_mut())
}

/// The `__dict__` of instance `p` (borrowed), if it has one.
///
/// # Safety
/// `p` is a live instance.
#[inline]
unsafe fn dict_of(p: *mut InstanceObject) -> Option<Obj> {
    // SAFETY: forwarded contract; a non-zero word is an owned dict.
    unsafe {
        let w = (*p).dict;
        (w != 0).then(|| Obj::from_raw(w))
    }
}

/// Where an object that is no plain instance keeps its `__dict__`: an exception's slot, or the
/// word of an instance of a class deriving from a builtin container (`builtin_sub`: an owned
/// dict, or None while it has none).
#[derive(Clone, Copy)]
enum DictSlot {
    Exception(*mut Option<Obj>),
    Word(*mut Obj),
}

impl DictSlot {
    /// The slot of `o`, if it has one.
    fn of(o: Obj) -> Option<DictSlot> {
        if let Some(s) = exc::dict_slot(o) {
            return Some(DictSlot::Exception(s));
        }
        super::builtin_sub::dict_word(o).map(DictSlot::Word)
    }

    /// The dict (borrowed), if there is one.
    ///
    /// # Safety
    /// The slot of a live object.
    unsafe fn get(self) -> Option<Obj> {
        // SAFETY: forwarded contract.
        unsafe {
            match self {
                DictSlot::Exception(p) => *p,
                DictSlot::Word(p) => Some(*p).filter(|&d| !singletons::is_none(d)),
            }
        }
    }

    /// Stores dict `d` (a reference the slot takes over); returns the one it held (owned).
    ///
    /// # Safety
    /// The slot of a live object.
    unsafe fn replace(self, d: Obj) -> Option<Obj> {
        // SAFETY: forwarded contract.
        unsafe {
            match self {
                DictSlot::Exception(p) => p.replace(Some(d)),
                DictSlot::Word(p) => Some(p.replace(d)).filter(|&old| !singletons::is_none(old)),
            }
        }
    }
}

/// Whether `o` has a `__dict__` slot (instances, exceptions, instances of classes deriving
/// from builtin containers).
fn has_dict_slot(o: Obj) -> bool {
    is_instance_object(o) || DictSlot::of(o).is_some()
}

/// `o.__dict__` (borrowed), made when `create` and missing (for an instance: materialised from
/// its slots, see the module doc); None for an object without one. Inlined: the attribute
/// caches' hits go through it.
#[inline]
pub fn instance_dict(o: Obj, create: bool) -> MoltResult<Option<Obj>> {
    if let Some(p) = inst_ptr(o) {
        // SAFETY: a live instance.
        if let Some(d) = unsafe { dict_of(p) } {
            return Ok(Some(d));
        }
        if !create {
            return Ok(None);
        }
        return materialise(o, p).map(Some);
    }
    exception_dict(o, create)
}

/// The `__dict__` of `o` (borrowed) when it is an instance that has one (none is made): the
/// attribute caches' hits.
#[inline]
pub fn existing_dict(o: Obj) -> Option<Obj> {
    // SAFETY: a live instance.
    inst_ptr(o).and_then(|p| unsafe { dict_of(p) })
}

/// The `__dict__` of instance `o` (borrowed), made (materialised) when missing; None for
/// another object or when making it failed (the generic protocol then raises the error
/// again): the attribute caches' stores outside the layout.
#[inline(never)]
pub fn made_dict(o: Obj) -> Option<Obj> {
    let p = inst_ptr(o)?;
    // SAFETY: a live instance.
    match unsafe { dict_of(p) } {
        Some(d) => Some(d),
        None => materialise(o, p).ok(),
    }
}

/// [`instance_dict`] of an object that is no plain instance (an exception's, an instance's of
/// a class deriving from a builtin container; made when `create`).
#[inline(never)]
fn exception_dict(o: Obj, create: bool) -> MoltResult<Option<Obj>> {
    let Some(slot) = DictSlot::of(o) else { return Ok(None) };
    // SAFETY: the slot of a live object; single-threaded.
    if let Some(d) = unsafe { slot.get() } {
        return Ok(Some(d));
    }
    if !create || (class::is_heap(o.type_of()) && !class::instances_have_dict(o.type_of())) {
        return Ok(None);
    }
    let d = dict::new_dict()?;
    // SAFETY: as above; the slot was empty (making the dict ran no code that could fill it).
    if let Some(old) = unsafe { slot.replace(d) } {
        // SAFETY: the slot owned it (none was there: nothing to release in practice).
        unsafe { decref(old) };
    }
    Ok(Some(d))
}

/// Gives instance `o` (at `p`, without a dict) its `__dict__`: the values of its non-empty
/// slots, in slot order; the slots emptied. The dict (borrowed) is installed.
fn materialise(o: Obj, p: *mut InstanceObject) -> MoltResult<Obj> {
    let d = dict::new_dict()?;
    let with_slots = class::layout_len(o.type_of()) != 0;
    if with_slots && let Err(e) = copy_slots(o, p, d) {
        // Nothing has moved: the dict held references of its own.
        // SAFETY: the new dict, owned here.
        unsafe { decref(d) };
        return Err(e);
    }
    // SAFETY: a live instance without a dict: the new one is its own from now on.
    unsafe { (*p).dict = d.raw() };
    if with_slots {
        // SAFETY: a live instance; the dict holds a reference of its own to every value, so
        // emptying the slots frees nothing and runs no code.
        unsafe { empty_slots(o, p) };
    }
    Ok(d)
}

/// The first step of [`materialise`]: stores the values of `o`'s non-empty slots into dict
/// `d`, in slot order (the slots keep theirs).
#[inline(never)]
fn copy_slots(o: Obj, p: *mut InstanceObject, d: Obj) -> MoltResult<()> {
    let names = class::layout_names(o.type_of());
    // SAFETY: a live instance with a slot per name. The stores run no code (str keys); a
    // collection that an allocation runs clears only unreachable objects, and `o` is reachable
    // (the caller holds it): the slots stay as they are.
    unsafe {
        let s = slots_ptr(p);
        for (i, &n) in names.iter().enumerate() {
            let w = *s.add(i);
            if w != EMPTY {
                dict::set_item(d, n, Obj::from_raw(w))?;
            }
        }
    }
    Ok(())
}

/// Empties every slot of instance `o`, releasing the values.
///
/// # Safety
/// `p` is `o`, a live instance; releasing the values must run no code the caller cannot allow
/// (in [`materialise`] the dict holds other references to them).
#[inline(never)]
unsafe fn empty_slots(o: Obj, p: *mut InstanceObject) {
    // SAFETY: forwarded contract; the class gives the number of slots.
    unsafe {
        let s = slots_ptr(p);
        for i in 0..class::layout_len(o.type_of()) {
            let w = s.add(i).replace(EMPTY);
            if w != EMPTY {
                decref(Obj::from_raw(w));
            }
        }
    }
}

/// `name`'s slot of instance `o` while it has no `__dict__` (its slots are its attributes then);
/// None for another object, an instance with a dict, or a name outside the layout.
fn layout_slot(o: Obj, name: &str) -> Option<*mut u64> {
    let p = inst_ptr(o)?;
    // SAFETY: a live instance; the index is below its class's number of slots.
    unsafe {
        if (*p).dict != 0 {
            return None;
        }
        let i = layout::index(class::layout_names(o.type_of()), name)?;
        Some(slots_ptr(p).add(i))
    }
}

/// The attribute `name` that `o` holds itself (borrowed): the entry of its `__dict__`, or
/// while an instance has none, its layout slot's value; None when it holds none.
pub fn own_attr(o: Obj, name: &str) -> Option<Obj> {
    if let Some(p) = inst_ptr(o) {
        // SAFETY: a live instance.
        if let Some(d) = unsafe { dict_of(p) } {
            return dict::get_str(d, name);
        }
        // SAFETY: the slot of a live instance; a non-empty slot holds a reference word.
        return layout_slot(o, name).map(|s| unsafe { *s }).filter(|&w| w != EMPTY).map(|w| unsafe { Obj::from_raw(w) });
    }
    // SAFETY: the slot of a live object.
    DictSlot::of(o).and_then(|s| unsafe { s.get() }).and_then(|d| dict::get_str(d, name))
}

/// Visits an instance's class, `__dict__` and non-empty slots.
///
/// # Safety
/// `h` is a live instance.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract; the class (alive while the instance is) gives the number of
    // slots; a non-empty slot holds an owned reference word.
    unsafe {
        let p = h.cast::<InstanceObject>().cast_mut();
        visit(Obj::from_static((*h).ty));
        if let Some(d) = dict_of(p) {
            visit(d);
        }
        let s = slots_ptr(p);
        for i in 0..class::layout_len((*h).ty) {
            let w = *s.add(i);
            if w != EMPTY {
                visit(Obj::from_raw(w));
            }
        }
    }
}

/// Drops the `__dict__` and the slots' values of an unreachable instance (`subtype_clear`):
/// the dict word becomes 0 and every slot empty.
///
/// # Safety
/// `h` is a live instance that the collector found unreachable.
#[inline(never)]
pub(crate) unsafe fn clear(h: *mut Header) {
    // SAFETY: forwarded contract; each reference is detached before it is released.
    unsafe {
        let p = h.cast::<InstanceObject>();
        let d = core::mem::replace(&mut (*p).dict, 0);
        if d != 0 {
            decref(Obj::from_raw(d));
        }
        let s = slots_ptr(p);
        for i in 0..class::layout_len((*h).ty) {
            let w = s.add(i).replace(EMPTY);
            if w != EMPTY {
                decref(Obj::from_raw(w));
            }
        }
    }
}

/// Frees an instance: releases its slots' values (their frees are deferred while this one
/// runs), frees the block (its size from the class), then releases its `__dict__` and its class.
///
/// # Safety
/// `h` is an instance with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    // SAFETY: forwarded contract; the class is alive until the last step, so its slot count
    // is the one the block was allocated with.
    unsafe {
        let p = h.cast::<InstanceObject>();
        let ty = (*h).ty;
        let n = class::layout_len(ty);
        let s = slots_ptr(p);
        for i in 0..n {
            let w = s.add(i).replace(EMPTY);
            if w != EMPTY {
                decref(Obj::from_raw(w));
            }
        }
        let d = core::mem::replace(&mut (*p).dict, 0);
        let cls = Obj::from_static(ty);
        free_raw(h, block_layout(n).unwrap_or(Layout::new::<InstanceObject>()), HeapKind::Instance);
        if d != 0 {
            decref(Obj::from_raw(d));
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
/// the class, the instance's own attribute ([`own_attr`]: its layout slot while it has no
/// `__dict__`, else the dict), another descriptor or attribute of the class; AttributeError
/// otherwise. `o.__dict__` materialises an instance's dict.
pub fn generic_getattr(o: Obj, name: &str) -> MoltResult<Obj> {
    let t = o.type_of();
    if name == "__class__" {
        return Ok(super::attrs::class_value(t));
    }
    if name == "__dict__" && has_dict_slot(o) {
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
                if exc::defines_unicode_member(c, name) {
                    return exc::unicode_member(o, name);
                }
                if exc::defines_member(c, name) {
                    return exc::member(o, name);
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
    if let Some(v) = own_attr(o, name) {
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

/// For the attribute caches (`attr_cache`): where the generic protocol reads (`write`: stores)
/// `o.name` in instance `o`'s own storage, and would for every instance of its class while no
/// class namespace changes: a plain instance whose class defines no `__getattribute__`
/// (`__setattr__`), the class-level attribute of that name (if any) no data descriptor, the
/// name neither `__class__` nor `__dict__`. For a name of the class's layout, its slot index
/// with `attr_cache::SLOT_ENTRY` set (a fact of the class: see [`cached_slot_get`] and
/// [`cached_slot_set`] for what a hit does); otherwise the entry index of `name` in `o`'s
/// `__dict__` (a hint, checked on each hit).
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
    if let Some(i) = layout::index(class::layout_names(t), n) {
        return Some(super::attr_cache::SLOT_ENTRY | i);
    }
    let d = instance_dict(o, false).ok()??;
    dict::index_of_str(d, n)
}

/// A cache hit on slot entry `i` (`attr_cache`: `name` is slot `i` of the layout of instance
/// `o`'s class, and the class's facts of [`cache_index`] hold): `o.name` as the generic
/// protocol finds it in the instance — the slot's value while there is no `__dict__`, else the
/// dict's entry (borrowed); None when the instance does not hold it (the generic protocol then
/// finds the class attribute, `__getattr__` or the AttributeError).
#[inline]
pub fn cached_slot_get(o: Obj, i: usize, name: Obj) -> Option<Obj> {
    let p = inst_ptr(o)?;
    // SAFETY: a live instance; `i` is checked against its class's number of slots.
    unsafe {
        if let Some(d) = dict_of(p) {
            return dict::get_str(d, pystr::str_text(name)?);
        }
        if i >= class::layout_len(o.type_of()) {
            return None;
        }
        let w = *slots_ptr(p).add(i);
        (w != EMPTY).then(|| Obj::from_raw(w))
    }
}

/// A cache hit on slot entry `i` for a store (see [`cached_slot_get`]): `o.name = value` into
/// the slot while `o` has no `__dict__`, else into the dict. Ok(false), storing nothing, when
/// `o` is no instance with such a slot (the generic path then stores).
#[inline]
pub fn cached_slot_set(o: Obj, i: usize, name: Obj, value: Obj) -> MoltResult<bool> {
    let Some(p) = inst_ptr(o) else { return Ok(false) };
    // SAFETY: a live instance; `i` is checked against its class's number of slots; the old
    // value is released after the new one is stored.
    unsafe {
        if let Some(d) = dict_of(p) {
            return dict::set_item(d, name, value).map(|()| true);
        }
        if i >= class::layout_len(o.type_of()) {
            return Ok(false);
        }
        incref(value);
        let old = slots_ptr(p).add(i).replace(value.raw());
        if old != EMPTY {
            decref(Obj::from_raw(old));
        }
        Ok(true)
    }
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
/// layout slot while it has no `__dict__`, else its `__dict__` (materialised by a store);
/// CPython's AttributeErrors for an object without one.
pub fn generic_setattr(o: Obj, name: Obj, value: Option<Obj>) -> MoltResult<()> {
    let n = super::attrs::attr_name(name)?;
    let t = o.type_of();
    if n == "__class__" {
        return fail(TypeError, "__class__ assignment is not supported by Molt yet");
    }
    if n == "__dict__" && has_dict_slot(o) && class::instances_have_dict(t) {
        let Some(v) = value else { return fail(TypeError, "cannot delete __dict__") };
        if !dict::is_dict(v) {
            return fail(TypeError, format!("__dict__ must be set to a dictionary, not a '{}'", v.type_of().name));
        }
        if let Some(p) = inst_ptr(o) {
            // The slots' values belong to the dict being replaced: materialised first, they
            // go with it.
            instance_dict(o, true)?;
            incref(v);
            // SAFETY: a live instance, which has a dict now (owned; replaced, then released).
            unsafe {
                let old = core::mem::replace(&mut (*p).dict, v.raw());
                decref(Obj::from_raw(old));
            }
            return Ok(());
        }
        let Some(slot) = DictSlot::of(o) else { return Err(no_attribute(o, n)) };
        incref(v);
        // SAFETY: the slot of a live object.
        let old = unsafe { slot.replace(v) };
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
                if exc::defines_unicode_member(c, n) {
                    return exc::set_unicode_member(o, n, value);
                }
                if exc::defines_member(c, n) {
                    return exc::set_member(o, n, value);
                }
                if let Some(d) = descr::static_attr(c, n).map(Owned) {
                    // A data descriptor of a builtin class (a namedtuple class's field).
                    if descr::is_data_descriptor(d.get()) {
                        return descr::set(d.get(), o, value);
                    }
                    found_static = true;
                    break;
                }
            }
        }
    }
    let allowed = !class::is_heap(t) || class::instances_have_dict(t) || class::slot_allows(t, n);
    if allowed && let Some(slot) = layout_slot(o, n) {
        // SAFETY: the slot of a live instance without a dict; the old value is released after
        // the slot is written.
        unsafe {
            let old = match value {
                Some(v) => slot.replace(new_ref(v).raw()),
                None => {
                    let old = slot.replace(EMPTY);
                    if old == EMPTY {
                        return Err(no_attribute(o, n));
                    }
                    old
                }
            };
            if old != EMPTY {
                decref(Obj::from_raw(old));
            }
        }
        return Ok(());
    }
    if value.is_none()
        && allowed
        && let Some(p) = inst_ptr(o)
        // SAFETY: a live instance.
        && unsafe { dict_of(p) }.is_none()
    {
        // An instance without a dict holds nothing outside its slots; a deletion does not
        // materialise it.
        return Err(no_attribute(o, n));
    }
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
