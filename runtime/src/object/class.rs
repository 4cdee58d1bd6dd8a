//! User classes: the class objects `class` statements make (CPython's heap types), their MRO,
//! their namespace and the attributes of class objects.
//!
//! Relies on: `alloc` (kind `HeapKind::Class`, a container); `dict` for the namespace (str keys,
//! looked up by text with `dict::get_str`); `tuple` for `__bases__` and the MRO; `slots` for
//! calling a class (`heap_new`) and the dunder dispatch the `TypeObject` accessors of `types`
//! route heap classes to; `descr` for the static attributes of builtin classes (`object.__init__`
//! …) and for binding what a lookup finds; `function` for `__classcell__`; `layout` for the
//! layout of a new class's instances (decisions/0031). The references are
//! CPython 3.11's `Objects/typeobject.c`: `type_new` and its helpers (`type_new_get_bases`,
//! `best_base`, `solid_base`, `type_new_slots`, `type_new_set_attrs`, `type_new_set_classcell`,
//! `type_new_set_names`, `type_new_init_subclass`), `mro_implementation` / `pmerge` /
//! `set_mro_error` / `check_duplicates`, `type_getattro`, `type_setattro`, `type_repr`.
//!
//! Provides: [`ClassObject`], [`HEAP_TYPE`] (the type of every class object a program makes:
//! named `type`, a subtype of `type`; `type(C)` answers `type` itself), [`is_heap`], [`mro`] (the
//! full MRO of any type), [`find`] / [`lookup_attr`] (CPython's `_PyType_Lookup`), [`namespace`],
//! [`qualname`], [`module_name`], [`class_new`] and the ABI's `molt_class_new`,
//! [`type_getattr`] / [`type_setattr`] (attributes of class objects, builtin classes included),
//! [`is_exception_class`], [`layout_names`] / [`layout_len`] (its instances' slots); `free` /
//! `traverse` / `clear` for `alloc` and `gc`.
//!
//! Invariants: a class object is a [`ClassObject`] whose first field is a complete
//! `TypeObject` (header first, `header.ty` = [`HEAP_TYPE`], or the metatype of its bases when one
//! of them has another: `enum.EnumType`, whose `MetaSlots` finish the class before
//! `__set_name__` runs and take part in its attribute protocol): code that takes a
//! `&'static TypeObject` from an object (`Obj::type_of`, `types::as_type`) gets a reference into
//! the class, **valid as long as a reference to the class or to one of its instances is held**
//! (every instance owns a reference to its class, released when the instance is freed): the
//! `'static` lifetime is a convention of the type objects, not a promise for heap classes, so
//! no such reference may be stored beyond the life of the object it came from. The class owns
//! its name and qualname (strs; `ty.name` points into the name's text), its namespace (a dict),
//! its layout (a tuple of strs, fixed at creation: see `layout`; every instance of the class has
//! that many slots, so the class must outlive the blocks of its instances),
//! its bases (a tuple of classes) and the tail of its MRO (a tuple of classes: the MRO without
//! the class itself, so that a class is no cycle with itself and is freed by reference counting
//! when nothing else holds it). Its `TypeObject` never changes after creation (no slot field is
//! set: the accessors of `types` dispatch heap classes to `slots`, which look dunders up
//! through the MRO at each use, so `C.__add__ = f` takes effect at once). Classes are
//! containers (the namespace's functions may hold the class through a `__classcell__`); `clear`
//! empties the namespace.

use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::exception as exc;
use super::range::Owned;
use super::types::{TYPE_OBJECT, TYPE_TYPE, TypeObject, as_type, is_subtype};
use super::{Header, Obj, decref, dict, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::{AttributeError, NotImplementedError, RuntimeError, TypeError, ValueError};
use crate::exceptions::{MoltError, MoltResult, fail, value_or_raise};

/// A class made by a `class` statement (`PyHeapTypeObject`).
#[repr(C)]
pub struct ClassObject {
    /// The type object (header first).
    pub ty: TypeObject,
    /// `__name__` (a str, owned; `ty.name` is its text).
    name: Obj,
    /// `__qualname__` (a str, owned).
    qualname: Obj,
    /// The namespace (a dict with str keys, owned).
    dict: Obj,
    /// `__bases__` (a tuple of classes, owned).
    bases: Obj,
    /// `__mro__[1:]` (a tuple of classes, owned).
    mro_tail: Obj,
    /// The names of the class's own `__slots__` (a tuple of strs, owned), or None without
    /// `__slots__`.
    slot_names: Obj,
    /// The layout of its instances (`layout`: a tuple of strs, owned): the attributes kept in
    /// the instances' slots, in slot order.
    layout: Obj,
    /// The layout's length (the number of slots of every instance).
    nslots: usize,
    /// Whether instances have a `__dict__`.
    has_dict: bool,
    /// Whether the class adds to its instances' layout (non-empty `__slots__`): a solid base.
    solid: bool,
    /// The attribute hooks (`HOOK_*` bits) some namespace of its MRO defines, when it was made.
    hooks: u8,
    /// The number of classes made before it (what `mro_cache` hashes: unlike the address, the
    /// same in every run, so that instruction counts are deterministic).
    serial: u64,
    /// The answers [`find_static`] gave for this class (see [`SlotEntry`]).
    slot_cache: [core::cell::Cell<SlotEntry>; SLOT_WAYS],
}

/// One answer of [`find_static`] for a class: what `find` found for the name whose static text
/// starts at `name` (`len` bytes), valid while `mro_cache`'s epoch is `epoch - 1` (the epoch
/// advances whenever any class namespace may change or a class is freed, so a cached namespace
/// value is still held by its namespace, and a cached builtin class by the MRO).
#[derive(Clone, Copy)]
struct SlotEntry {
    epoch: u64,
    name: usize,
    len: usize,
    /// 0: not found; 1: `Found::Static` (`word`: the type object); 2: `Found::Value` (`word`:
    /// the value's reference word, borrowed).
    kind: u8,
    word: u64,
}

const SLOT_WAYS: usize = 16;
const NO_SLOT_ENTRY: SlotEntry = SlotEntry { epoch: 0, name: 0, len: 0, kind: 0, word: 0 };

static SERIAL: crate::sys::Global<u64> = crate::sys::Global::new(0);

/// `__getattribute__` (a bit of [`may_define_hook`]).
pub const HOOK_GETATTRIBUTE: u8 = 1;
/// `__getattr__`.
pub const HOOK_GETATTR: u8 = 2;
/// `__setattr__`.
pub const HOOK_SETATTR: u8 = 4;
/// `__delattr__`.
pub const HOOK_DELATTR: u8 = 8;
const HOOK_NAMES: [(&str, u8); 4] =
    [("__getattribute__", HOOK_GETATTRIBUTE), ("__getattr__", HOOK_GETATTR), ("__setattr__", HOOK_SETATTR), ("__delattr__", HOOK_DELATTR)];

/// Set once a program assigns one of the hooks to a class after its creation: every class may
/// then define any of them.
static HOOKS_ASSIGNED: crate::sys::Global<bool> = crate::sys::Global::new(false);

/// Whether heap class `t` may define the attribute hook `bit` (false means it surely does not:
/// the attribute protocol then skips looking for it).
pub fn may_define_hook(t: &'static TypeObject, bit: u8) -> bool {
    match class_of(t) {
        Some(c) => c.hooks & bit != 0 || HOOKS_ASSIGNED.with(|h| *h),
        None => false,
    }
}

/// The type of the class objects a program makes: `type` (its instances' `type()` is `type`).
pub static HEAP_TYPE: TypeObject = TypeObject {
    repr: Some(class_repr),
    heap: Some(HeapKind::Class),
    new: Some(super::construct::hooked_new),
    ..TypeObject::new("type", &TYPE_TYPE)
};

/// Whether `t` is a class a program made (a heap class): its type is `HEAP_TYPE` or another
/// metatype (`enum.EnumType`), whose instances are all of heap kind `Class`.
#[inline]
pub fn is_heap(t: &TypeObject) -> bool {
    t.header.ty.heap == Some(HeapKind::Class)
}

/// What the metatype of class `t` adds (None for `type`'s classes and the builtin classes).
#[inline]
pub(crate) fn meta_slots(t: &'static TypeObject) -> Option<&'static super::types::MetaSlots> {
    t.header.ty.ext.and_then(|e| e.meta)
}

/// The class object behind heap class `t`.
#[inline]
fn class_of(t: &'static TypeObject) -> Option<&'static ClassObject> {
    if !is_heap(t) {
        return None;
    }
    // SAFETY: a heap class's type object is the first field of its `ClassObject`; it lives as
    // long as the caller's reference (see the module doc).
    Some(unsafe { &*core::ptr::from_ref(t).cast::<ClassObject>() })
}

/// The class as a value (borrowed word).
pub fn class_word(t: &'static TypeObject) -> Obj {
    Obj::from_static(t)
}

/// The namespace of heap class `t` (borrowed).
pub fn namespace(t: &'static TypeObject) -> Option<Obj> {
    class_of(t).map(|c| c.dict)
}

/// `__qualname__` of a class (the name for a builtin one), as text.
pub fn qualname(t: &'static TypeObject) -> &'static str {
    match class_of(t) {
        Some(c) => pystr::str_text(c.qualname).unwrap_or(t.name),
        None => t.name,
    }
}

/// `__module__` of a class (`builtins` for a builtin one; the namespace's `__module__` of a heap
/// class when it is a str).
pub fn module_name(t: &'static TypeObject) -> String {
    match namespace(t) {
        Some(d) => match dict::get_str(d, "__module__").and_then(pystr::str_text) {
            Some(m) => String::from(m),
            None => String::from("builtins"),
        },
        None => String::from("builtins"),
    }
}

/// Whether instances of `t` have a `__dict__`.
pub fn instances_have_dict(t: &'static TypeObject) -> bool {
    mro(t).any(|c| class_of(c).is_some_and(|c| c.has_dict)) || is_exception_class(t)
}

/// The keys of `C.__dict__` in CPython for heap class `t` (None for a builtin class): its
/// namespace's, then the descriptors `type_new` adds — `__dict__` and `__weakref__` when the
/// class adds them to its instances, a member for each other `__slots__` name.
pub fn own_names(t: &'static TypeObject) -> Option<Vec<String>> {
    let c = class_of(t)?;
    let mut names: Vec<String> = Vec::new();
    for i in 0..dict::nentries(c.dict) {
        if let Some((k, _, _)) = dict::entry_at(c.dict, i)
            && let Some(k) = pystr::str_text(k)
        {
            names.push(String::from(k));
        }
    }
    let base = t.base.unwrap_or(&TYPE_OBJECT);
    let slots: Option<Vec<&str>> = tuple::tuple_items(c.slot_names).map(|s| s.iter().filter_map(|&n| pystr::str_text(n)).collect());
    let (adds_dict, adds_weakref) = match &slots {
        None => (!instances_have_dict(base), !weakrefable(base)),
        Some(_) => (c.has_dict && !instances_have_dict(base), declares_weakref_slot(c) && !weakrefable(base)),
    };
    for s in slots.iter().flatten() {
        names.push(String::from(*s));
    }
    if adds_dict {
        names.push(String::from("__dict__"));
    }
    if adds_weakref {
        names.push(String::from("__weakref__"));
    }
    Some(names)
}

/// The `__slots__` names heap class `t` itself adds (none for a builtin class).
pub fn own_slot_names(t: &'static TypeObject) -> Vec<&'static str> {
    class_of(t).and_then(|c| tuple::tuple_items(c.slot_names)).map_or_else(Vec::new, |s| s.iter().filter_map(|&n| pystr::str_text(n)).collect())
}

/// Whether the instances of `t` can be weakly referenced (a heap class without `__slots__`, or
/// with `__weakref__` in them, or deriving from such a class).
fn weakrefable(t: &'static TypeObject) -> bool {
    match class_of(t) {
        Some(c) if singletons::is_none(c.slot_names) => true,
        Some(c) => declares_weakref_slot(c) || t.base.is_some_and(weakrefable),
        None => false,
    }
}

/// Whether the `__slots__` of class `c` (a str or a tuple or list of strs) name `__weakref__`.
fn declares_weakref_slot(c: &ClassObject) -> bool {
    match dict::get_str(c.dict, "__slots__") {
        Some(s) if pystr::str_text(s).is_some() => pystr::str_text(s) == Some("__weakref__"),
        Some(s) => match tuple::tuple_items(s) {
            Some(items) => items.iter().any(|&n| pystr::str_text(n) == Some("__weakref__")),
            None => (0..super::list::list_len(s).unwrap_or(0)).any(|i| super::list::item_at(s, i).and_then(pystr::str_text) == Some("__weakref__")),
        },
        None => false,
    }
}

/// The `__slots__` names of the heap classes of `t`'s MRO (for instances without a dict).
pub fn slot_allows(t: &'static TypeObject, name: &str) -> bool {
    mro(t).any(|c| {
        class_of(c)
            .and_then(|c| tuple::tuple_items(c.slot_names))
            .is_some_and(|names| names.iter().any(|&n| pystr::str_text(n) == Some(name)))
    })
}

/// The names of the layout of heap class `t` (strs, in slot order; borrowed: alive while the
/// class is); empty for a builtin class. See `layout`.
pub fn layout_names(t: &'static TypeObject) -> &'static [Obj] {
    class_of(t).and_then(|c| tuple::tuple_items(c.layout)).unwrap_or(&[])
}

/// The number of slots of the instances of `t` (0 for a builtin class).
#[inline]
pub fn layout_len(t: &'static TypeObject) -> usize {
    class_of(t).map_or(0, |c| c.nslots)
}

/// Whether `t` derives from `BaseException`.
pub fn is_exception_class(t: &'static TypeObject) -> bool {
    t.heap == Some(HeapKind::Exception)
}

/// The full MRO of a type: a heap class's `__mro__`, a builtin class's base chain.
pub struct MroIter {
    first: Option<&'static TypeObject>,
    rest: &'static [Obj],
    chain: Option<&'static TypeObject>,
}

impl Iterator for MroIter {
    type Item = &'static TypeObject;

    fn next(&mut self) -> Option<&'static TypeObject> {
        if let Some(f) = self.first.take() {
            return Some(f);
        }
        if let Some((&o, rest)) = self.rest.split_first() {
            self.rest = rest;
            // SAFETY: an MRO tuple holds classes only (type objects, header first), which the
            // class that owns the tuple keeps alive.
            return o.header_ptr().map(|h| unsafe { &*h.cast::<TypeObject>() });
        }
        let t = self.chain?;
        self.chain = t.base;
        Some(t)
    }
}

/// `t.__mro__` (see [`MroIter`]). The classes stay alive while `t` does.
pub fn mro(t: &'static TypeObject) -> MroIter {
    match class_of(t) {
        Some(c) => MroIter { first: Some(t), rest: tuple::tuple_items(c.mro_tail).unwrap_or(&[]), chain: None },
        None => MroIter { first: None, rest: &[], chain: Some(t) },
    }
}

/// What a lookup through an MRO found.
pub(crate) enum Found {
    /// A value of a heap class's namespace (a reference of its own).
    Value(Owned),
    /// A builtin class that defines the name itself (one of its slots).
    Static(&'static TypeObject),
}

/// The first namespace of `t`'s MRO that holds `name`: its index in the MRO and the value
/// (borrowed), through the MRO lookup cache (`mro_cache`).
pub(crate) fn namespace_hit(t: &'static TypeObject, name: &str) -> Option<(usize, Obj)> {
    let serial = class_of(t)?.serial;
    super::mro_cache::lookup(t, serial, name, || {
        mro(t).enumerate().find_map(|(i, c)| class_of(c).and_then(|cls| dict::get_str(cls.dict, name)).map(|v| (i, v)))
    })
}

/// `_PyType_Lookup` for a dunder a slot dispatches on: the first class of `t`'s MRO whose
/// namespace holds `name`, or builtin class for which `static_has` holds.
pub(crate) fn find(t: &'static TypeObject, name: &str, static_has: impl Fn(&'static TypeObject) -> bool) -> Option<Found> {
    let hit = namespace_hit(t, name);
    for (i, c) in mro(t).enumerate() {
        match class_of(c) {
            Some(_) => {
                if let Some((ix, v)) = hit
                    && ix == i
                {
                    return Some(Found::Value(Owned(new_ref(v))));
                }
            }
            None => {
                if static_has(c) {
                    return Some(Found::Static(c));
                }
            }
        }
    }
    None
}

/// [`find`] for a name with static text (the dunders the slots dispatch on), answered from the
/// class's own small cache when the same name was looked up in the same epoch: no hashing, no
/// text comparison, no walk of the MRO. `static_has` must depend on the builtin class alone.
pub(crate) fn find_static(t: &'static TypeObject, name: &'static str, static_has: impl Fn(&'static TypeObject) -> bool) -> Option<Found> {
    let Some(cls) = class_of(t) else { return find(t, name, static_has) };
    let key = name.as_ptr() as usize;
    // The low bits of a text's address are the same in every run (the executable is moved by
    // whole pages), so instruction counts stay deterministic.
    let way = (key ^ (key >> 5) ^ name.len()) & (SLOT_WAYS - 1);
    let epoch = super::mro_cache::epoch() + 1;
    let e = cls.slot_cache[way].get();
    if e.epoch == epoch && e.name == key && e.len == name.len() {
        return match e.kind {
            0 => None,
            // SAFETY: a builtin class of `t`'s MRO (the class holds its MRO).
            1 => Some(Found::Static(unsafe { &*(e.word as usize as *const TypeObject) })),
            // SAFETY: the epoch is current: the namespace that held the value still does.
            _ => Some(Found::Value(Owned(new_ref(unsafe { Obj::from_raw(e.word) })))),
        };
    }
    let r = find(t, name, static_has);
    let (kind, word) = match &r {
        None => (0, 0),
        Some(Found::Static(c)) => (1, core::ptr::from_ref(*c) as usize as u64),
        Some(Found::Value(v)) => (2, v.get().raw()),
    };
    // `find` runs no code: the epoch is the one read above.
    cls.slot_cache[way].set(SlotEntry { epoch, name: key, len: name.len(), kind, word });
    r
}

/// [`find`] skipping the classes of the MRO up to and including `after` (`super()`'s lookup),
/// with the builtin classes' attributes (`descr::static_attr`) as values.
pub(crate) fn lookup_attr_after(t: &'static TypeObject, after: Option<&'static TypeObject>, name: &str) -> Option<Owned> {
    if after.is_none() {
        let hit = namespace_hit(t, name);
        for (i, c) in mro(t).enumerate() {
            match class_of(c) {
                Some(_) => {
                    if let Some((ix, v)) = hit
                        && ix == i
                    {
                        return Some(Owned(new_ref(v)));
                    }
                }
                None => {
                    if let Some(v) = super::descr::static_attr(c, name) {
                        return Some(Owned(v));
                    }
                }
            }
        }
        return None;
    }
    let mut skipping = true;
    for c in mro(t) {
        if skipping {
            if after.is_some_and(|a| a.is(c)) {
                skipping = false;
            }
            continue;
        }
        match class_of(c) {
            Some(cls) => {
                if let Some(v) = dict::get_str(cls.dict, name) {
                    return Some(Owned(new_ref(v)));
                }
            }
            None => {
                if let Some(v) = super::descr::static_attr(c, name) {
                    return Some(Owned(v));
                }
            }
        }
    }
    None
}

/// `_PyType_Lookup(t, name)` with the builtin classes' attributes as values.
pub(crate) fn lookup_attr(t: &'static TypeObject, name: &str) -> Option<Owned> {
    lookup_attr_after(t, None, name)
}

/// `type_repr`: `<class '__main__.C'>` (`<class 'int'>` for a builtin class).
fn class_repr(o: Obj) -> MoltResult<String> {
    // Through the registered slots: `HEAP_TYPE` (which every test of a heap class names) then
    // links no namespace code into executables that make no class.
    let (Some(t), Some(h)) = (as_type(o), super::types::heap_slots()) else { return Ok(String::from("<class ?>")) };
    let (module, q) = (h.names)(t);
    Ok(if module == "builtins" { format!("<class '{q}'>") } else { format!("<class '{module}.{q}'>") })
}

// --- memory ---

/// Visits what a class holds (`type_traverse`).
///
/// # Safety
/// `h` is a live class object.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    let c = unsafe { &*h.cast::<ClassObject>() };
    for o in [c.dict, c.bases, c.mro_tail, c.slot_names, c.layout, c.name, c.qualname] {
        visit(o);
    }
}

/// Empties the namespace of an unreachable class (`type_clear`: the rest stays valid for its
/// `free`).
///
/// # Safety
/// `h` is a live class object that the collector found unreachable.
pub(crate) unsafe fn clear(h: *mut Header) {
    super::mro_cache::invalidate();
    // SAFETY: forwarded contract.
    let d = unsafe { (*h.cast::<ClassObject>()).dict };
    // Through the registered slots (a class exists, so they are): the collector, which every
    // executable links, then reaches no dict code through classes.
    if let Some(s) = super::types::heap_slots() {
        (s.clear_dict)(d);
    }
}

/// Frees a class object, releasing what it holds.
///
/// # Safety
/// `h` is a class object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    super::mro_cache::invalidate();
    // SAFETY: forwarded contract: the fields are owned references, released once, after the
    // block is freed (their frees are deferred anyway).
    unsafe {
        let c = &*h.cast::<ClassObject>();
        let owned = [c.dict, c.bases, c.mro_tail, c.slot_names, c.layout, c.name, c.qualname];
        free_raw(h, Layout::new::<ClassObject>(), HeapKind::Class);
        for o in owned {
            decref(o);
        }
    }
}

// --- type_new ---

/// CPython's builtin classes that may be subclassed (`Py_TPFLAGS_BASETYPE`) but not in Molt yet.
fn subclassable_builtin(t: &'static TypeObject) -> bool {
    matches!(
        t.name,
        "int" | "float" | "str" | "tuple" | "list" | "dict" | "set" | "frozenset" | "type" | "enumerate" | "zip" | "reversed" | "map" | "filter" | "super" | "staticmethod" | "classmethod" | "property" | "random.Random"
    ) || (t.name.starts_with("itertools.") && !t.name.starts_with("itertools._"))
}

/// The builtin classes whose instances have fields of their own in CPython (their own solid
/// base): the exception classes with members (`SystemExit.code`, `StopIteration.value`,
/// `NameError.name`, `AttributeError.name` and `.obj`) and the builtin containers a class may
/// derive from (`builtin_sub`).
fn static_adds_fields(t: &'static TypeObject) -> bool {
    t.is(&exc::BASE_EXCEPTION)
        || t.is(&exc::SYSTEM_EXIT)
        || t.is(&exc::STOP_ITERATION)
        || t.is(&exc::NAME_ERROR)
        || t.is(&exc::ATTRIBUTE_ERROR)
        || super::builtin_sub::is_data_base(t)
}

/// `solid_base`: the nearest class of `t`'s base chain that adds to the layout.
fn solid_base(t: &'static TypeObject) -> &'static TypeObject {
    let mut c = t;
    loop {
        let adds = match class_of(c) {
            Some(cls) => cls.solid,
            None => static_adds_fields(c),
        };
        match c.base {
            Some(b) if !adds => c = b,
            _ => return c,
        }
    }
}

/// `best_base` (its errors, in its order).
fn best_base(bases: &[Obj]) -> MoltResult<&'static TypeObject> {
    let mut base: Option<&'static TypeObject> = None;
    let mut winner: Option<&'static TypeObject> = None;
    for &b in bases {
        let Some(bt) = as_type(b) else { return fail(TypeError, "bases must be types") };
        // (`typing.Generic` adds no layout: `class Box(Generic[T])` lists it.)
        if !is_heap(bt) && !bt.is(&TYPE_OBJECT) && !is_exception_class(bt) && !super::builtin_sub::is_data_base(bt) && !bt.is(&super::typing_generic::TYPE_GENERIC) {
            if subclassable_builtin(bt) {
                return fail(TypeError, format!("subclassing the builtin class '{}' is not supported by Molt yet", bt.name));
            }
            return fail(TypeError, format!("type '{}' is not an acceptable base type", bt.name));
        }
        let candidate = solid_base(bt);
        match winner {
            None => {
                winner = Some(candidate);
                base = Some(bt);
            }
            Some(w) if is_subtype(w, candidate) => {}
            Some(w) if is_subtype(candidate, w) => {
                winner = Some(candidate);
                base = Some(bt);
            }
            Some(_) => return fail(TypeError, "multiple bases have instance lay-out conflict"),
        }
    }
    base.ok_or_else(|| MoltError::new(TypeError, "bases must be types"))
}

/// `mro_implementation` without the class itself: the C3 merge of the bases' MROs and the
/// bases (`pmerge`), with CPython's errors ("duplicate base class A", "Cannot create a
/// consistent method resolution\norder (MRO) for bases A, B").
fn mro_tail(bases: &[&'static TypeObject]) -> MoltResult<Vec<&'static TypeObject>> {
    if let [b] = bases {
        return Ok(mro(b).collect());
    }
    for (i, a) in bases.iter().enumerate() {
        if bases[i + 1..].iter().any(|b| b.is(a)) {
            return fail(TypeError, format!("duplicate base class {}", a.name));
        }
    }
    let mut to_merge: Vec<Vec<&'static TypeObject>> = bases.iter().map(|b| mro(b).collect()).collect();
    to_merge.push(bases.to_vec());
    let mut remain = alloc::vec![0usize; to_merge.len()];
    let mut acc: Vec<&'static TypeObject> = Vec::new();
    'again: loop {
        let mut empty = 0;
        for i in 0..to_merge.len() {
            if remain[i] >= to_merge[i].len() {
                empty += 1;
                continue;
            }
            let candidate = to_merge[i][remain[i]];
            let in_tail = to_merge.iter().zip(&remain).any(|(l, &r)| l.get(r + 1..).is_some_and(|t| t.iter().any(|c| c.is(candidate))));
            if in_tail {
                continue;
            }
            acc.push(candidate);
            for (l, r) in to_merge.iter().zip(remain.iter_mut()) {
                if l.get(*r).is_some_and(|c| c.is(candidate)) {
                    *r += 1;
                }
            }
            continue 'again;
        }
        if empty != to_merge.len() {
            let mut names: Vec<&'static TypeObject> = Vec::new();
            for (l, &r) in to_merge.iter().zip(&remain) {
                if let Some(&c) = l.get(r)
                    && !names.iter().any(|n| n.is(c))
                {
                    names.push(c);
                }
            }
            let list: Vec<&str> = names.iter().map(|t| t.name).collect();
            return fail(TypeError, format!("Cannot create a consistent method resolution\norder (MRO) for bases {}", list.join(", ")));
        }
        return Ok(acc);
    }
}

/// The `__slots__` of a namespace (`type_new_get_slots` + `type_new_slots`): the slot names
/// (`__dict__` and `__weakref__` removed, sorted), whether `__dict__` was among them.
fn slots_of(ns: Obj, base: &'static TypeObject) -> MoltResult<Option<(Vec<Obj>, bool)>> {
    let Some(slots) = dict::get_str(ns, "__slots__") else { return Ok(None) };
    let items: Vec<Owned> = if pystr::str_text(slots).is_some() {
        alloc::vec![Owned(new_ref(slots))]
    } else {
        let t = Owned(tuple::tuple_from_iter(slots)?);
        tuple::tuple_items(t.get()).unwrap_or(&[]).iter().map(|&o| Owned(new_ref(o))).collect()
    };
    let base_has_dict = instances_have_dict(base) && !base.is(&TYPE_OBJECT);
    let mut names: Vec<Obj> = Vec::new();
    let mut add_dict = false;
    for item in &items {
        let Some(n) = pystr::str_text(item.get()) else {
            return fail(TypeError, format!("__slots__ items must be strings, not '{}'", item.get().type_of().name));
        };
        let valid = n.chars().next().is_some_and(|c| c == '_' || c.is_alphabetic()) && n.chars().all(|c| c == '_' || c.is_alphanumeric());
        if !valid {
            return fail(TypeError, "__slots__ must be identifiers");
        }
        if n == "__dict__" {
            if base_has_dict || add_dict {
                return fail(TypeError, "__dict__ slot disallowed: we already got one");
            }
            add_dict = true;
            continue;
        }
        if n == "__weakref__" {
            continue;
        }
        if n != "__qualname__" && n != "__classcell__" && dict::get_str(ns, n).is_some() {
            return fail(ValueError, format!("{} in __slots__ conflicts with class variable", pystr::str_repr(n)));
        }
        names.push(item.get());
    }
    names.sort_by(|a, b| pystr::str_text(*a).cmp(&pystr::str_text(*b)));
    Ok(Some((names.into_iter().map(new_ref).collect(), add_dict)))
}

/// Replaces `ns[key]` (a plain function) by `wrap(function)` (`type_new_staticmethod`,
/// `type_new_classmethod`).
fn wrap_function(ns: Obj, key: &str, wrap: fn(Obj) -> MoltResult<Obj>) -> MoltResult<()> {
    if let Some(f) = dict::get_str(ns, key)
        && super::function::is_function(f)
    {
        let w = Owned(wrap(f)?);
        let k = Owned(pystr::str_from_text(key)?);
        dict::set_item(ns, k.get(), w.get())?;
    }
    Ok(())
}

/// Sets `ns[key] = value`.
pub(crate) fn set_key(ns: Obj, key: &str, value: Obj) -> MoltResult<()> {
    let k = Owned(pystr::str_from_text(key)?);
    dict::set_item(ns, k.get(), value)
}

/// Removes `ns[key]` if present.
fn del_key(ns: Obj, key: &str) -> MoltResult<()> {
    if dict::get_str(ns, key).is_some() {
        let k = Owned(pystr::str_from_text(key)?);
        dict::del_item(ns, k.get())?;
    }
    Ok(())
}

/// `type(name, bases, ns)` as `class NAME(*bases): …` calls it (see `abi.rs`), the calls it makes
/// (`__set_name__`, `__init_subclass__`) at the current depth; `fields` is the compiler's
/// fields of the class's layout (None for `type(…)`: the inherited layout; see `layout`).
pub fn class_new(name: Obj, bases: Obj, ns: Obj, fields: Obj, known: u64) -> MoltResult<Obj> {
    class_new_of(None, name, bases, ns, fields, known)
}

/// [`class_new`] with metatype `meta` (None: the bases' — `type` unless one of them has
/// another: CPython's `_PyType_CalculateMetaclass` with one metatype beside `type`).
pub fn class_new_of(meta: Option<&'static TypeObject>, name: Obj, bases: Obj, ns: Obj, fields: Obj, known: u64) -> MoltResult<Obj> {
    super::types::register_heap_slots(&super::slots::HEAP_SLOTS);
    let Some(name_text) = pystr::str_text(name) else {
        return fail(TypeError, format!("type.__new__() argument 1 must be str, not {}", name.type_of().name));
    };
    let Some(given) = tuple::tuple_items(bases) else {
        return fail(TypeError, format!("type.__new__() argument 2 must be tuple, not {}", bases.type_of().name));
    };
    if !dict::is_dict(ns) {
        return fail(TypeError, format!("type.__new__() argument 3 must be dict, not {}", ns.type_of().name));
    }
    if name_text.contains('\0') {
        return fail(ValueError, "type name must not contain null characters");
    }
    let object = Obj::from_static(&TYPE_OBJECT);
    // PEP 560: the aliases among the bases replaced by their `__mro_entries__` (`Generic[T]`,
    // `Box[int]`, `List[int]`), the originals kept as `__orig_bases__`.
    let alias_hooks = super::generic_alias::hooks();
    let entries = match alias_hooks {
        Some(h) if given.iter().any(|&b| as_type(b).is_none()) => (h.mro_entries)(given)?.map(Owned),
        _ => None,
    };
    let orig = entries.as_ref().map(|_| bases);
    // `Generic.__init_subclass__`'s first check: `Generic` itself listed (`class C(Generic)`).
    if given.iter().any(|b| b.is(Obj::from_static(&super::typing_generic::TYPE_GENERIC))) {
        return fail(TypeError, "Cannot inherit from plain Generic");
    }
    let bases = match entries {
        Some(e) => e,
        None if given.is_empty() => Owned(tuple::tuple_from_slice(&[object])?),
        None => Owned(new_ref(bases)),
    };
    let base_objs = tuple::tuple_items(bases.get()).unwrap_or(&[]);
    let base = best_base(base_objs)?;
    let base_types: Vec<&'static TypeObject> = base_objs.iter().filter_map(|&b| as_type(b)).collect();
    let meta = meta.unwrap_or_else(|| {
        base_types.iter().map(|b| b.header.ty).find(|m| m.heap == Some(HeapKind::Class) && !m.is(&HEAP_TYPE)).unwrap_or(&HEAP_TYPE)
    });
    let tail = mro_tail(&base_types)?;
    let layout = Owned(super::layout::layout_for(&base_types, fields, is_exception_class(base))?);
    let nslots = tuple::tuple_items(layout.get()).map_or(0, <[Obj]>::len);
    let d = Owned(dict::copy(ns)?);
    let slots = slots_of(d.get(), base)?;
    let (slot_names, has_dict, solid) = match slots {
        None => (Owned(singletons::none()), true, false),
        Some((names, add_dict)) => {
            let solid = !names.is_empty();
            let others_have_dict = base_types.iter().any(|b| !b.is(base) && instances_have_dict(b) && !b.is(&TYPE_OBJECT));
            (Owned(tuple::tuple_from_vec(names)?), add_dict || others_have_dict, solid)
        }
    };
    if let Some(o) = orig {
        set_key(d.get(), "__orig_bases__", o)?;
    }
    // `Generic.__init_subclass__`: `__parameters__` (reachable only once aliases are enabled:
    // no class derives from `Generic` otherwise).
    if let Some(h) = alias_hooks {
        (h.init_generic)(base_objs, orig, d.get())?;
    }
    if dict::get_str(d.get(), "__module__").is_none() {
        let m = Owned(pystr::str_from_text("__main__")?);
        set_key(d.get(), "__module__", m.get())?;
    }
    let qualname = match dict::get_str(d.get(), "__qualname__") {
        Some(q) if pystr::str_text(q).is_some() => {
            let q = Owned(new_ref(q));
            del_key(d.get(), "__qualname__")?;
            q
        }
        Some(q) => return fail(TypeError, format!("type __qualname__ must be a str, not {}", q.type_of().name)),
        None => Owned(new_ref(name)),
    };
    if dict::get_str(d.get(), "__doc__").is_none() {
        set_key(d.get(), "__doc__", singletons::none())?;
    }
    wrap_function(d.get(), "__new__", super::descr::staticmethod_new)?;
    wrap_function(d.get(), "__init_subclass__", super::descr::classmethod_new)?;
    wrap_function(d.get(), "__class_getitem__", super::descr::classmethod_new)?;
    if dict::get_str(d.get(), "__eq__").is_some() && dict::get_str(d.get(), "__hash__").is_none() {
        set_key(d.get(), "__hash__", singletons::none())?;
    }
    let cell = match dict::get_str(d.get(), "__classcell__") {
        Some(c) if super::function::is_cell(c) => Some(Owned(new_ref(c))),
        Some(c) => return fail(TypeError, format!("__classcell__ must be a nonlocal cell, not <class '{}'>", c.type_of().name)),
        None => None,
    };
    del_key(d.get(), "__classcell__")?;
    let tail_words: Vec<Obj> = tail.iter().map(|&t| new_ref(Obj::from_static(t))).collect();
    let tail_tuple = Owned(tuple::tuple_from_vec(tail_words)?);
    // A class deriving from a builtin container has its instances' layout and kind
    // (`builtin_sub`), without slots of its own.
    let data = base.mro().find(|c| !is_heap(c)).filter(|&c| super::builtin_sub::is_data_base(c));
    let heap = match data.and_then(super::builtin_sub::heap_kind) {
        Some(k) => {
            if nslots != 0 {
                return fail(NotImplementedError, format!("__slots__ naming attributes in a class deriving from '{}' is not supported by Molt yet", data.map_or("?", |d| d.name)));
            }
            k
        }
        None if is_exception_class(base) => HeapKind::Exception,
        None => HeapKind::Instance,
    };
    let p = alloc_container(Layout::new::<ClassObject>(), meta)?.cast::<ClassObject>();
    // SAFETY: `p` is a fresh `ClassObject` block whose header is written; every other field is
    // written here before anything reads it. `name`'s text lives as long as the class owns it.
    let cls = unsafe {
        let text: &'static str = pystr::str_text(name).unwrap_or("?");
        // The whole type object at once (every field not named here is `TypeObject::new`'s
        // default), keeping the header `alloc_container` wrote.
        let header = core::ptr::addr_of!((*p).ty.header).read();
        core::ptr::addr_of_mut!((*p).ty).write(TypeObject {
            header,
            known_class: known,
            heap: Some(heap),
            new: Some(super::slots::heap_new),
            ..TypeObject::new(text, base)
        });
        core::ptr::addr_of_mut!((*p).name).write(new_ref(name));
        core::ptr::addr_of_mut!((*p).qualname).write(qualname.release());
        core::ptr::addr_of_mut!((*p).dict).write(d.release());
        core::ptr::addr_of_mut!((*p).bases).write(bases.release());
        core::ptr::addr_of_mut!((*p).mro_tail).write(tail_tuple.release());
        core::ptr::addr_of_mut!((*p).slot_names).write(slot_names.release());
        core::ptr::addr_of_mut!((*p).layout).write(layout.release());
        core::ptr::addr_of_mut!((*p).nslots).write(nslots);
        core::ptr::addr_of_mut!((*p).has_dict).write(has_dict);
        core::ptr::addr_of_mut!((*p).solid).write(solid);
        core::ptr::addr_of_mut!((*p).hooks).write(0);
        core::ptr::addr_of_mut!((*p).serial).write(SERIAL.with(|s| {
            *s += 1;
            *s
        }));
        core::ptr::addr_of_mut!((*p).slot_cache).write([const { core::cell::Cell::new(NO_SLOT_ENTRY) }; SLOT_WAYS]);
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Owned(o)
    };
    if let Some(c) = cell {
        super::function::cell_store(c.get(), cls.get());
    }
    // SAFETY: the class was just made; it lives while `cls` holds it.
    let t = as_type(cls.get()).unwrap_or(&TYPE_OBJECT);
    let mut hooks = 0;
    for c in mro(t) {
        if let Some(cls) = class_of(c) {
            for (n, bit) in HOOK_NAMES {
                if dict::get_str(cls.dict, n).is_some() {
                    hooks |= bit;
                }
            }
        }
    }
    // SAFETY: nothing else has seen the new class yet; the field is a plain byte.
    unsafe { core::ptr::addr_of_mut!((*p).hooks).write(hooks) };
    if let Some(m) = meta_slots(t) {
        (m.init)(cls.get())?;
    }
    set_names(t)?;
    init_subclass(t)?;
    Ok(cls.release())
}

/// `type_new_set_names`: `value.__set_name__(cls, key)` for each value of the namespace whose
/// class defines it; an error becomes RuntimeError "Error calling __set_name__ on 'D' instance
/// 'x' in 'C'", caused by it.
fn set_names(t: &'static TypeObject) -> MoltResult<()> {
    let Some(ns) = namespace(t) else { return Ok(()) };
    let copy = Owned(dict::copy(ns)?);
    for i in 0..dict::nentries(copy.get()) {
        let Some((k, v, _)) = dict::entry_at(copy.get(), i) else { continue };
        let vt = v.type_of();
        if super::descr::is_property(v) {
            super::descr::property_set_name(v, k);
            continue;
        }
        if !is_heap(vt) {
            continue;
        }
        let Some(Found::Value(f)) = find(vt, "__set_name__", |_| false) else { continue };
        let cls = class_word(t);
        let r = super::descr::call_unbound(f.get(), v, &[cls, k], &[]);
        match r {
            Ok(r) => drop(Owned(r)),
            Err(e) => {
                let msg = format!(
                    "Error calling __set_name__ on '{}' instance {} in '{}'",
                    vt.name,
                    super::dispatch::repr_of(k).unwrap_or_default(),
                    t.name
                );
                return Err(chained(e, RuntimeError, &msg));
            }
        }
    }
    Ok(())
}

/// `_PyErr_FormatFromCause`: a new `kind` error with message `msg` whose `__cause__` (and
/// `__context__`) is `cause`.
pub fn chained(cause: MoltError, kind: crate::ExceptionKind, msg: &str) -> MoltError {
    crate::exceptions::raise_error(&cause);
    drop(cause);
    let orig = Owned(crate::exceptions::fetch_exception());
    let made = exc::new_exception(kind.code(), None).and_then(|e| {
        let e = Owned(e);
        let m = Owned(pystr::str_from_text(msg)?);
        exc::set_args(e.get(), &[m.get()])?;
        Ok(e)
    });
    match made {
        Ok(e) => {
            exc::set_context(e.get(), Some(orig.get()));
            exc::set_cause(e.get(), Some(orig.get()));
            exc::set_suppress_context(e.get(), true);
            crate::exceptions::reraise(e.get());
            MoltError::take_raised()
        }
        Err(err) => err,
    }
}

/// `type_new_init_subclass`: `super(cls, cls).__init_subclass__()` — the nearest heap class
/// after `t` that defines it (`object.__init_subclass__` does nothing without arguments).
fn init_subclass(t: &'static TypeObject) -> MoltResult<()> {
    let Some(f) = lookup_attr_after(t, Some(t), "__init_subclass__") else { return Ok(()) };
    if super::descr::is_static_wrapper(f.get()) {
        return Ok(());
    }
    let bound = Owned(super::descr::get(f.get(), None, t)?);
    let r = super::callable::call_object(bound.get(), &[], &[])?;
    drop(Owned(r));
    Ok(())
}

/// `class NAME(*bases): …` (see `abi.rs`): the calls the class's creation makes run at frame
/// depth `depth` + 1.
#[unsafe(no_mangle)]
pub extern "C" fn molt_class_new(name: Obj, bases: Obj, ns: Obj, fields: Obj, known: i64, depth: i64) -> Obj {
    super::construct::enable_class_calls();
    let known = u64::try_from(known).unwrap_or(0);
    value_or_raise(super::callable::with_depth(depth.saturating_add(1), || class_new(name, bases, ns, fields, known)))
}

// --- attributes of class objects (type_getattro / type_setattro) ---

/// A tuple of classes as values.
fn classes_tuple(ts: impl Iterator<Item = &'static TypeObject>) -> MoltResult<Obj> {
    tuple::tuple_from_vec(ts.map(super::attrs::class_value).collect())
}

/// `C.__bases__` (a new reference).
pub fn bases_of(t: &'static TypeObject) -> MoltResult<Obj> {
    match class_of(t) {
        Some(c) => Ok(new_ref(c.bases)),
        None => classes_tuple(t.base.into_iter()),
    }
}

/// The attributes `type` defines for every class (`type_getsets`, `type_members`); None for
/// another name.
fn meta_attr(t: &'static TypeObject, name: &str) -> Option<MoltResult<Obj>> {
    Some(match name {
        // A builtin type's dotted `tp_name` (`_io.TextIOWrapper`) is its module and its name
        // (CPython's `type_name`, `type_module`).
        "__name__" => match class_of(t) {
            Some(c) => Ok(new_ref(c.name)),
            None => pystr::str_from_text(t.short_name()),
        },
        "__qualname__" => match class_of(t) {
            Some(c) => Ok(new_ref(c.qualname)),
            None => pystr::str_from_text(t.short_name()),
        },
        "__module__" => match namespace(t).and_then(|d| dict::get_str(d, "__module__")) {
            Some(m) => Ok(new_ref(m)),
            None if !t.module().is_empty() => pystr::str_from_text(t.module()),
            None => pystr::str_from_text(t.name.rsplit_once('.').map_or("builtins", |(m, _)| m)),
        },
        "__bases__" => bases_of(t),
        "__base__" => Ok(match t.base {
            Some(b) => super::attrs::class_value(b),
            None => singletons::none(),
        }),
        "__mro__" => classes_tuple(mro(t)),
        "__dict__" => match namespace(t) {
            Some(d) => dict::copy(d),
            None => dict::new_dict(),
        },
        "__doc__" => Ok(new_ref(namespace(t).and_then(|d| dict::get_str(d, "__doc__")).unwrap_or_else(singletons::none))),
        "__class__" => Ok(super::attrs::class_value(&TYPE_TYPE)),
        _ => return None,
    })
}

/// `C.NAME` for any class `C` (`type_getattro`): `type`'s data attributes (`__name__`,
/// `__mro__`, …), then the MRO (functions as they are, classmethods bound to `C`, staticmethods'
/// functions, properties as they are), then `type`'s methods (`mro`); AttributeError "type
/// object 'C' has no attribute 'x'".
pub fn type_getattr(t: &'static TypeObject, name: &str) -> MoltResult<Obj> {
    if let Some(r) = meta_attr(t, name) {
        return r;
    }
    if let Some(r) = meta_slots(t).and_then(|m| (m.attributes)(t, name)) {
        return r;
    }
    if let Some(r) = t.ext.and_then(|e| e.class_attributes).and_then(|f| f(t, name)) {
        return r;
    }
    if let Some(v) = lookup_attr(t, name) {
        return super::descr::get(v.get(), None, t);
    }
    if let Some((_, f)) = t.class_functions.iter().find(|(n, _)| *n == name) {
        return Ok(f());
    }
    if name == "mro" {
        return super::descr::bind_wrapper(super::descr::Wrapper::TypeMro, super::attrs::class_value(t));
    }
    // A builtin type's method as a value (`str.lower`): a method descriptor.
    if let Some(m) = t.method(name) {
        return super::descr::method_descriptor(t, m);
    }
    if let Some(r) = meta_slots(t).and_then(|m| (m.getattr)(t, name)) {
        return r;
    }
    Err(MoltError::new(AttributeError, format!("type object '{}' has no attribute '{name}'", t.name))
        .with_suggest(super::suggest::Suggest::attribute(t.name, name)))
}

/// `C.NAME = value` (`value` Some) or `del C.NAME` (`type_setattro`): the namespace of a heap
/// class; TypeError "cannot set 'x' attribute of immutable type 'int'" for a builtin class.
pub fn type_setattr(t: &'static TypeObject, name: Obj, value: Option<Obj>) -> MoltResult<()> {
    super::mro_cache::invalidate();
    let n = super::attrs::attr_name(name)?;
    if let Some(r) = meta_slots(t).and_then(|m| (m.setattr)(t, n, value)) {
        return r;
    }
    if HOOK_NAMES.iter().any(|(h, _)| *h == n) {
        HOOKS_ASSIGNED.with(|h| *h = true);
    }
    let Some(c) = class_of(t) else {
        return fail(TypeError, format!("cannot set {} attribute of immutable type '{}'", pystr::str_repr(n), t.name));
    };
    match n {
        "__name__" | "__bases__" => {
            return fail(NotImplementedError, format!("setting {n} of a class is not supported by Molt yet"));
        }
        "__mro__" | "__base__" | "__dict__" => return fail(AttributeError, "readonly attribute"),
        "__qualname__" => {
            let Some(v) = value else { return fail(TypeError, format!("cannot delete '__qualname__' attribute of immutable type '{}'", t.name)) };
            if pystr::str_text(v).is_none() {
                return fail(TypeError, format!("can only assign string to {}.__qualname__, not '{}'", t.name, v.type_of().name));
            }
            let p = core::ptr::from_ref(c).cast_mut();
            // SAFETY: a live class; the qualname field is read by copy only.
            let old = unsafe { core::ptr::replace(core::ptr::addr_of_mut!((*p).qualname), new_ref(v)) };
            // SAFETY: the class owned the old qualname.
            unsafe { decref(old) };
            return Ok(());
        }
        _ => {}
    }
    // A data descriptor of `type` itself (`__doc__`, `__module__` are plain in the namespace).
    match value {
        Some(v) => dict::set_item(c.dict, name, v),
        None => {
            if dict::get_str(c.dict, n).is_none() {
                return fail(AttributeError, format!("type object '{}' has no attribute '{n}'", t.name));
            }
            dict::del_item(c.dict, name)
        }
    }
}
