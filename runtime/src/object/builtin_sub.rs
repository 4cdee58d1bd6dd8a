//! Instances of the classes a program derives from builtin container types: `class D(dict)`,
//! `class L(list)`, `class T(tuple)`, `class P(namedtuple("P", "x y"))` (CPython's heap types
//! whose solid base is `dict`, `list` or `tuple`; decisions/0039 and 0044).
//!
//! Relies on: `dict_ext` (an instance of a class deriving from `dict` is a dict-subtype object,
//! kind `DictExt`, whose extra word is its `__dict__`; its hooks are registered here for
//! `module_kinds`), `list` (an instance of a class deriving from `list` is a `ListObject`
//! followed by one word, its `__dict__`, kind `List`), `tuple` (an instance of a class deriving
//! from `tuple` or a namedtuple class is a tuple of its class followed by its `__dict__` word,
//! kind `Tuple`: `tuple::tuple_of_type`); `class` for the MRO lookup of `__missing__`; `alloc`
//! for the blocks. The references are CPython 3.11's `Objects/dictobject.c` (`dict_new`,
//! `dict_init`, `dict_subscript` with `__missing__`), `Objects/listobject.c`
//! (`list___init___impl`), `Objects/tupleobject.c` (`tuple_new_impl`, `tuple_subtype_new`) and
//! `Objects/typeobject.c` (`subtype_dealloc`, `subtype_traverse`, `subtype_clear`: the
//! `__dict__` and the class).
//!
//! Provides: the ABI's `molt_enable_builtin_subclasses`, which the compiler calls from the
//! `<module>` of a program with a `class` statement deriving from `dict`, `list` or `tuple`, and
//! `collections.namedtuple` when it makes a class (before it, no class may derive from them:
//! the code below and `builtin_dunder`'s are reached only through its hooks, so that other
//! programs link none of it); through the hooks [`is_data_base`], [`data_base`], [`heap_kind`]
//! (what `class::class_new` gives a class deriving from one), [`new`] (`dict.__new__(C)`,
//! `tuple.__new__(C, items)`, a namedtuple class's `__new__`), [`init`] (`dict.__init__` /
//! `list.__init__`), [`static_has`], [`call_dunder`], [`call_wrapper`] and [`attr`]
//! (`builtin_dunder`'s dunders and the classes' attributes for the MRO lookups); directly
//! [`dict_word`] (where the `__dict__` lives), [`dict_getitem`] (`dict.__getitem__` with
//! `__missing__`), and for `list`'s and `tuple`'s free, traverse and clear: [`free_block`],
//! [`traverse_extra`], [`clear_extra`].
//!
//! Invariants: such an instance is laid out as its builtin base's objects are, so every
//! primitive of `dict`, `list` and `tuple` accepts it (`dict::is_dict`, `list::is_list` and
//! `tuple::is_tuple` test the kind; `list::is_exact_list` and `tuple::is_exact_tuple` keep
//! CPython's fast paths that would skip a subclass's own methods or give back the operand).
//! Its `__dict__` word is an owned reference: a dict, or None while it has none (the first
//! attribute stored makes it, as for any instance: `instance::instance_dict`). It owns a
//! reference to its class, released after its block is freed (see `class`). Its type is a
//! heap class, whose `heap` kind is its base's (`DictExt` for `dict`).

use alloc::alloc::Layout;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::call::{check_positional, no_keywords_for};
use super::class::{self, Found};
use super::dict::{self, molt_type_dict};
use super::list::{ListObject, molt_type_list};
use super::tuple::molt_type_tuple;
use super::range::Owned;
use super::types::TypeObject;
use super::{Header, Obj, decref, incref, singletons, str as pystr};
use crate::exceptions::{MoltResult, key_error};

/// The entry points of this module and `builtin_dunder` that the rest of the runtime reaches
/// once `molt_enable_builtin_subclasses` ran.
pub struct SubHooks {
    pub is_data_base: fn(&'static TypeObject) -> bool,
    pub new: fn(&'static TypeObject, &'static TypeObject, &[Obj], &[(&str, Obj)]) -> MoltResult<Obj>,
    pub init: fn(&'static TypeObject, Obj, &[Obj], &[(&str, Obj)]) -> MoltResult<()>,
    pub static_has: fn(&'static TypeObject, &str) -> bool,
    pub call_dunder: fn(&'static TypeObject, &str, Obj, &[Obj]) -> Option<MoltResult<Obj>>,
    pub call_wrapper: fn(&'static TypeObject, super::builtin_dunder::Dunder, Obj, &[Obj], &[(&str, Obj)]) -> MoltResult<Obj>,
    pub attr: fn(&'static TypeObject, &str) -> Option<Obj>,
    pub fromkeys: fn(&'static TypeObject, Obj, Obj) -> Option<MoltResult<Obj>>,
}

static SUB_HOOKS: SubHooks = SubHooks {
    is_data_base: data_base_impl,
    new: new_impl,
    init: init_impl,
    static_has: super::builtin_dunder::defines_name,
    call_dunder: |c, name, o, args| super::builtin_dunder::Dunder::from_name(name).map(|d| super::builtin_dunder::call_for_operator(c, d, o, args)),
    call_wrapper: super::builtin_dunder::call,
    attr: super::builtin_dunder::attr,
    fromkeys: fromkeys_impl,
};

static HOOKS: crate::sys::Global<Option<&'static SubHooks>> = crate::sys::Global::new(None);

/// The hooks, once a program enabled classes deriving from builtin containers.
#[inline]
fn hooks() -> Option<&'static SubHooks> {
    // Opaque to the optimiser, which would otherwise call the only hooks ever stored directly.
    core::hint::black_box(HOOKS.with(|h| *h))
}

/// Lets classes derive from `dict`, `list`, `tuple` and the namedtuple classes (and registers
/// the dict subtypes' free and collector entry points). `collections.namedtuple` calls it too:
/// the classes it makes are bases a program may name at run time.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_builtin_subclasses() {
    super::module_kinds::register(HeapKind::DictExt, &super::dict_ext::DICT_EXT_HOOKS);
    HOOKS.with(|h| *h = Some(&SUB_HOOKS));
}

/// Whether builtin class `c` is one a program's classes may derive from (beyond `object` and
/// the exception classes): `dict`, `list`, `tuple`, a namedtuple class — once enabled.
#[inline]
pub fn is_data_base(c: &'static TypeObject) -> bool {
    hooks().is_some_and(|h| (h.is_data_base)(c))
}

fn data_base_impl(c: &'static TypeObject) -> bool {
    // A namedtuple class is the builtin class of kind `Tuple` with a namespace of its own
    // (`struct_seq`'s types have none: no class may derive from them).
    c.is(&molt_type_dict)
        || c.is(&molt_type_list)
        || c.is(&molt_type_tuple)
        || (c.heap == Some(HeapKind::Tuple) && !class::is_heap(c) && c.ext.is_some_and(|e| e.namespace.is_some()))
}

/// `static_has` of `slots` for a builtin container: whether it defines dunder `name`.
pub fn static_has(c: &'static TypeObject, name: &str) -> bool {
    hooks().is_some_and(|h| (h.static_has)(c, name))
}

/// Calls builtin container `c`'s dunder `name` on `o` (None: no such dunder).
pub fn call_dunder(c: &'static TypeObject, name: &str, o: Obj, args: &[Obj]) -> Option<MoltResult<Obj>> {
    hooks().and_then(|h| (h.call_dunder)(c, name, o, args))
}

/// Calls builtin class `c`'s dunder `d` (a wrapper object's call).
pub fn call_wrapper(c: &'static TypeObject, d: super::builtin_dunder::Dunder, o: Obj, args: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if let Some(h) = hooks() {
        return (h.call_wrapper)(c, d, o, args, kw);
    }
    match super::attrs::protocol_hooks() {
        Some(h) => (h.call)(c, d, o, args, kw),
        None => crate::exceptions::fail(crate::ExceptionKind::RuntimeError, "a builtin class's wrapper called before it was enabled (a compiler bug)"),
    }
}

/// `cls.fromkeys(iterable, value)` for a class deriving from `dict` (`_PyDict_FromKeys`:
/// `cls()`, then `d[key] = value` for each key); None for `dict` itself.
pub fn fromkeys(cls: &'static TypeObject, iterable: Obj, value: Obj) -> Option<MoltResult<Obj>> {
    hooks().and_then(|h| (h.fromkeys)(cls, iterable, value))
}

fn fromkeys_impl(cls: &'static TypeObject, iterable: Obj, value: Obj) -> Option<MoltResult<Obj>> {
    if !class::is_heap(cls) {
        return None;
    }
    Some((|| {
        let c = Owned(super::attrs::class_value(cls));
        let d = Owned(super::callable::call_object(c.get(), &[], &[])?);
        let it = Owned(super::iter::get_iter(iterable)?);
        while let Some(k) = super::iter::iter_next(it.get())? {
            let k = Owned(k);
            super::dispatch::setitem(d.get(), k.get(), Some(value))?;
        }
        Ok(d.release())
    })())
}

/// The attribute `name` of builtin container class `c` for the MRO lookups (a new reference).
pub fn attr(c: &'static TypeObject, name: &str) -> Option<Obj> {
    hooks().and_then(|h| (h.attr)(c, name))
}

/// The builtin container class heap class `t` derives from (its nearest builtin base), if
/// any.
pub fn data_base(t: &'static TypeObject) -> Option<&'static TypeObject> {
    if !class::is_heap(t) {
        return None;
    }
    t.mro().find(|c| !class::is_heap(c)).filter(|&c| is_data_base(c))
}

/// The heap kind of the instances of a class whose builtin base is `base` (a data base): its
/// own, but `DictExt` for `dict`'s (a dict and the extra word).
pub fn heap_kind(base: &'static TypeObject) -> Option<HeapKind> {
    if !is_data_base(base) {
        return None;
    }
    match base.heap {
        Some(HeapKind::Dict) => Some(HeapKind::DictExt),
        k => k,
    }
}

/// The block of an instance of a class deriving from `list`: a list, then its `__dict__` word.
#[repr(C)]
struct ListSubObject {
    list: ListObject,
    dict: Obj,
}

const _: () = assert!(core::mem::offset_of!(ListSubObject, dict) == core::mem::size_of::<ListObject>());

/// `c.__new__(t, *pos, **kw)` for data base `c` and a subtype `t` of it: `dict.__new__` and
/// `list.__new__` make an empty object and ignore their arguments (`__init__` fills it);
/// `tuple.__new__(t, iterable=())` makes the tuple (`tuple_subtype_new`); a namedtuple class's
/// `__new__` binds its fields.
pub fn new(c: &'static TypeObject, t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match hooks() {
        Some(h) => (h.new)(c, t, pos, kw),
        None => crate::exceptions::fail(crate::ExceptionKind::RuntimeError, "a builtin container's __new__ called before molt_enable_builtin_subclasses (a compiler bug)"),
    }
}

fn new_impl(c: &'static TypeObject, t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if c.heap == Some(HeapKind::Tuple) {
        if !c.is(&molt_type_tuple) {
            // A namedtuple class: its generated `__new__`.
            return match c.new {
                Some(f) => f(t, pos, kw),
                None => tuple_new(t, pos, kw),
            };
        }
        return tuple_new(t, pos, kw);
    }
    if !class::is_heap(t) {
        // `dict.__new__(dict)`, `list.__new__(list)`.
        return if t.is(&molt_type_dict) { dict::new_dict() } else { super::list::list_from_vec(alloc::vec::Vec::new()) };
    }
    if c.is(&molt_type_dict) {
        return super::dict_ext::new_dict_ext(t, singletons::none());
    }
    new_list_sub(t)
}

/// `tuple.__new__(t, iterable=())` (`tuple_new`, `tuple_subtype_new`): "tuple expected at most
/// 1 argument, got 2", "tuple() takes no keyword arguments" (unless `t` defines `__init__`).
fn tuple_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    // Keywords are refused unless the class has an `__init__` of its own to take them.
    if t.is(&molt_type_tuple) || super::slots::is_objects(t, "__init__") {
        no_keywords_for("tuple", kw)?;
    }
    check_positional("tuple", pos.len(), 0, 1)?;
    let items = match pos.first() {
        Some(&it) => super::list::collect_iter(Owned(super::iter::get_iter(it)?).get())?,
        None => alloc::vec::Vec::new(),
    };
    if t.is(&molt_type_tuple) {
        return super::tuple::tuple_from_vec(items);
    }
    super::tuple::tuple_of_type(t, items)
}

fn new_list_sub(t: &'static TypeObject) -> MoltResult<Obj> {
    let h = alloc_container(Layout::new::<ListSubObject>(), t)?;
    incref(Obj::from_static(t));
    let p = h.cast::<ListSubObject>();
    // SAFETY: a fresh `ListSubObject` block whose header is written; the other fields are
    // written before the object is seen.
    unsafe {
        let l = core::ptr::addr_of_mut!((*p).list);
        core::ptr::addr_of_mut!((*l).len).write(0);
        core::ptr::addr_of_mut!((*l).capacity).write(0);
        core::ptr::addr_of_mut!((*l).items).write(core::ptr::null_mut());
        core::ptr::addr_of_mut!((*p).dict).write(singletons::none());
        let o = Obj::from_header(h);
        super::gc::track(o);
        Ok(o)
    }
}

/// `dict.__init__(self, [other], **kwargs)` (`dict_update_common`: "dict expected at most 1
/// argument, got 2") and `list.__init__(self, iterable=(), /)` (emptied, then extended), for
/// an instance of builtin class `base`.
pub fn init(base: &'static TypeObject, o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<()> {
    match hooks() {
        Some(h) => (h.init)(base, o, pos, kw),
        None => crate::exceptions::fail(crate::ExceptionKind::RuntimeError, "a builtin container's __init__ called before molt_enable_builtin_subclasses (a compiler bug)"),
    }
}

fn init_impl(base: &'static TypeObject, o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<()> {
    if base.is(&molt_type_dict) {
        check_positional("dict", pos.len(), 0, 1)?;
        if let Some(&a) = pos.first() {
            dict::update_arg(o, a)?;
        }
        for &(k, v) in kw {
            let key = Owned(pystr::str_from_text(k)?);
            dict::set_item(o, key.get(), v)?;
        }
        return Ok(());
    }
    no_keywords_for("list", kw)?;
    check_positional("list", pos.len(), 0, 1)?;
    super::list::clear(o);
    match pos.first() {
        Some(&it) => super::list::extend(o, it),
        None => Ok(()),
    }
}

/// Where the `__dict__` word of `o` is, when `o` is an instance of a class deriving from a
/// builtin container (the pointer is valid while `o` is alive; the word is an owned dict or
/// None).
pub fn dict_word(o: Obj) -> Option<*mut Obj> {
    let t = o.type_of();
    if !class::is_heap(t) {
        return None;
    }
    if t.heap == Some(HeapKind::DictExt) {
        return super::dict_ext::extra_ptr(o);
    }
    if t.heap == Some(HeapKind::Tuple) {
        // SAFETY: a live tuple; an instance of a heap class has the word after its items.
        return o.header_ptr().and_then(|h| unsafe { super::tuple::extra_offset(h).map(|off| extra_at(h.cast_mut(), off)) });
    }
    if t.heap != Some(HeapKind::List) {
        return None;
    }
    // SAFETY: an instance of a class deriving from `list` has the word after its list.
    o.header_ptr().map(|h| unsafe { extra_at(h.cast_mut(), core::mem::size_of::<ListObject>()) })
}

/// The word `offset` bytes into the block at `h`.
///
/// # Safety
/// `h` is a live object whose block holds an `Obj` word at `offset`.
unsafe fn extra_at(h: *mut Header, offset: usize) -> *mut Obj {
    // SAFETY: forwarded contract.
    unsafe { h.cast::<u8>().add(offset).cast::<Obj>() }
}

/// `dict_subscript` for a dict of any type: the value, else the class's `__missing__(key)`
/// (looked up on the class, as CPython's `_PyObject_LookupSpecial`), else KeyError(key).
pub fn dict_getitem(d: Obj, key: Obj) -> MoltResult<Obj> {
    if let Some(v) = dict::get_item(d, key)? {
        return Ok(v);
    }
    let t = d.type_of();
    if class::is_heap(t)
        && let Some(Found::Value(f)) = class::find(t, "__missing__", |_| false)
    {
        return super::descr::call_unbound(f.get(), d, &[key], &[]);
    }
    key_error(key)
}

/// Frees the block of an instance of a heap class whose payload (`base_layout` of kind `kind`)
/// is already released: then its `__dict__` word and its class.
///
/// # Safety
/// `h` is such an instance with no reference left, its `__dict__` word right after
/// `base_layout`; it is not used again.
pub unsafe fn free_block(h: *mut Header, base_layout: Layout, kind: HeapKind) {
    // SAFETY: forwarded contract; the word and the class are read before the block is freed
    // and released after.
    unsafe {
        let d = extra_at(h, base_layout.size()).read();
        let ty = (*h).ty;
        let layout = base_layout.extend(Layout::new::<Obj>()).map_or(base_layout, |(l, _)| l.pad_to_align());
        free_raw(h, layout, kind);
        decref(d);
        decref(Obj::from_static(ty));
    }
}

/// Visits the `__dict__` word (`offset` bytes in) and the class of an instance of a heap class.
///
/// # Safety
/// As for [`free_block`], with `h` live.
#[inline(never)]
pub unsafe fn traverse_extra(h: *const Header, offset: usize, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    unsafe {
        visit(extra_at(h.cast_mut(), offset).read());
        visit(Obj::from_static((*h).ty));
    }
}

/// Drops the `__dict__` of an unreachable instance of a heap class (`subtype_clear`): the word
/// becomes None before the dict is released.
///
/// # Safety
/// As for [`traverse_extra`], with `h` found unreachable by the collector.
pub unsafe fn clear_extra(h: *mut Header, offset: usize) {
    // SAFETY: forwarded contract.
    unsafe {
        let old = extra_at(h, offset).replace(singletons::none());
        decref(old);
    }
}
