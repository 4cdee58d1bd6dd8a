//! The `collections` module: CPython 3.11's `_collections` C types, `deque` (`deque.rs`) and
//! `defaultdict` (here), from `Modules/_collectionsmodule.c`.
//!
//! Relies on: `dict` (a defaultdict is a dict of kind `HeapKind::DictExt` whose extra word is
//! its `default_factory`: every dict method, view and slot works on it through `dict::is_dict`),
//! `callable::call_object` (the factory), `list::repr_enter` / `repr_leave` (CPython's
//! `Py_ReprEnter` around the factory's repr), `module::store_owned` for the namespace.
//!
//! Provides: [`fill`] (the module's namespace), the type objects [`TYPE_DEFAULTDICT`] and
//! `deque::TYPE_DEQUE`, [`setattr`] (`d.default_factory = f`, the one writable attribute of
//! these types).
//!
//! Invariants: a defaultdict's extra word is always an owned reference: its factory, or None;
//! a factory is None or callable when set by the constructor (CPython checks only there: the
//! attribute accepts anything, and a non-callable factory fails when a key is missing). The
//! type names are CPython's `tp_name`s (`collections.defaultdict`, `collections.deque`), which
//! its error messages print.

pub mod counter;
pub mod deque;
pub mod namedtuple;
pub mod ordered;

use alloc::format;
use alloc::string::String;

use super::call::check_positional;
use super::dict;
use super::dict_ext::{dict_extra, set_dict_extra};
use super::list::{repr_enter, repr_leave};
use super::module::store_owned;
use super::range::Owned;
use super::types::{NumberSlots, OpSet, TypeObject};
use super::{Obj, callable, dispatch, new_ref, singletons, str as pystr};
use crate::{BinaryOp, BuiltinFunction};
use crate::ExceptionKind::TypeError;
use crate::exceptions::{MoltResult, fail, key_error};

static DEQUE_HOOKS: super::module_kinds::KindHooks =
    super::module_kinds::KindHooks { free: deque::free, traverse: deque::traverse, clear: deque::clear };

/// Stores the names of `collections` in its namespace `d`, and registers its heap kinds.
pub fn fill(d: Obj) -> MoltResult<()> {
    use super::alloc::HeapKind;
    super::module_kinds::register(HeapKind::DictExt, &super::dict_ext::DICT_EXT_HOOKS);
    super::module_kinds::register(HeapKind::Deque, &DEQUE_HOOKS);
    super::module_kinds::register(HeapKind::DequeIterator, &DEQUE_HOOKS);
    super::module_kinds::register_exit(namedtuple::release_types);
    store_owned(d, "Counter", Ok(super::attrs::class_value(&counter::TYPE_COUNTER)))?;
    store_owned(d, "OrderedDict", Ok(super::attrs::class_value(&ordered::TYPE_ORDEREDDICT)))?;
    store_owned(d, "defaultdict", Ok(super::attrs::class_value(&TYPE_DEFAULTDICT)))?;
    store_owned(d, "deque", Ok(super::attrs::class_value(&deque::TYPE_DEQUE)))?;
    store_owned(d, "namedtuple", Ok(super::builtin_fn::molt_builtin_function(BuiltinFunction::CollectionsNamedtuple.code())))
}

/// The functions of `collections` (its other names are types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CollectionsFn {
    Namedtuple,
}

impl CollectionsFn {
    /// Its `__name__`.
    pub const fn name(self) -> &'static str {
        match self {
            CollectionsFn::Namedtuple => "namedtuple",
        }
    }
}

/// `collections.namedtuple(...)`.
pub fn call(f: CollectionsFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match f {
        CollectionsFn::Namedtuple => namedtuple::namedtuple(pos, kw),
    }
}

// --- defaultdict ---

static DEFAULTDICT_NUMBER: NumberSlots = NumberSlots {
    binary: Some(defdict_or),
    binary_ops: OpSet::binary(&[BinaryOp::Or]),
    inplace: Some(dict::dict_ior),
    inplace_ops: OpSet::binary(&[BinaryOp::Or]),
    ..NumberSlots::EMPTY
};

static DEFAULTDICT_METHODS: &[super::types::MethodDef] = &[
    super::types::MethodDef { name: "__missing__", call: defdict_missing_method },
    super::types::MethodDef { name: "copy", call: defdict_copy_method },
    super::types::MethodDef { name: "__copy__", call: defdict_copy_method },
];

const TYPE_DEFAULTDICT_NAME: &str = "collections.defaultdict";

/// `collections.defaultdict`.
pub static TYPE_DEFAULTDICT: TypeObject = TypeObject {
    new: Some(defdict_new),
    number: Some(&DEFAULTDICT_NUMBER),
    repr: Some(defdict_repr),
    subscript: Some(defdict_subscript),
    heap: Some(super::alloc::HeapKind::DictExt),
    methods: DEFAULTDICT_METHODS,
    attributes: Some(defdict_attributes),
    ..TypeObject::new(TYPE_DEFAULTDICT_NAME, &dict::molt_type_dict)
};

/// Whether `o` is a defaultdict.
fn is_defaultdict(o: Obj) -> bool {
    o.type_of().is(&TYPE_DEFAULTDICT)
}

/// `defaultdict(default_factory=None, /, *args, **kwargs)` (`defdict_init`): the factory must be
/// None or callable; the rest is `dict`'s `__init__`.
fn defdict_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let factory = match pos.first() {
        Some(&f) if !singletons::is_none(f) && !callable::is_callable(f) => {
            return fail(TypeError, "first argument must be callable or None");
        }
        Some(&f) => new_ref(f),
        None => singletons::none(),
    };
    let rest = pos.get(1..).unwrap_or(&[]);
    check_positional("dict", rest.len(), 0, 1)?;
    let d = Owned(super::dict_ext::new_dict_ext(t, factory)?);
    if let Some(&a) = rest.first() {
        dict::update_arg(d.get(), a)?;
    }
    for &(k, v) in kw {
        let key = Owned(pystr::str_from_text(k)?);
        dict::set_item(d.get(), key.get(), v)?;
    }
    Ok(d.release())
}

/// `defdict_missing`: KeyError(key) without a factory, else `factory()` stored under `key`.
fn defdict_missing(d: Obj, key: Obj) -> MoltResult<Obj> {
    let factory = Owned(new_ref(dict_extra(d).unwrap_or_else(singletons::none)));
    if singletons::is_none(factory.get()) {
        return key_error(key);
    }
    let value = Owned(callable::call_object(factory.get(), &[], &[])?);
    dispatch::setitem(d, key, Some(value.get()))?;
    Ok(value.release())
}

fn defdict_missing_method(d: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let key = super::call::exactly_one(d, "__missing__", pos, kw)?;
    defdict_missing(d, key)
}

/// `d[key]` (`dict_subscript` finding `__missing__`).
fn defdict_subscript(d: Obj, key: Obj) -> MoltResult<Obj> {
    match dict::get_item(d, key)? {
        Some(v) => Ok(v),
        None => defdict_missing(d, key),
    }
}

/// `new_defdict(dd, arg)`: `type(dd)(dd.default_factory, arg)`.
fn new_like(dd: Obj, arg: Obj) -> MoltResult<Obj> {
    let factory = new_ref(dict_extra(dd).unwrap_or_else(singletons::none));
    let d = Owned(super::dict_ext::new_dict_ext(&TYPE_DEFAULTDICT, factory)?);
    dict::update_arg(d.get(), arg)?;
    Ok(d.release())
}

/// `defdict_copy`: a defaultdict with the same factory and items.
fn defdict_copy_method(d: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(d, "copy", pos, kw)?;
    new_like(d, d)
}

/// `defdict_or`: `dd | mapping` and `mapping | dd` are defaultdicts with dd's factory.
fn defdict_or(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if op != BinaryOp::Or {
        return Ok(singletons::not_implemented());
    }
    let (this, other) = if is_defaultdict(v) { (v, w) } else { (w, v) };
    if !dict::is_dict(other) {
        return Ok(singletons::not_implemented());
    }
    let new = Owned(new_like(this, v)?);
    dict::update_arg(new.get(), w)?;
    Ok(new.release())
}

/// `defdict_repr`: `defaultdict(<factory repr>, {…})`, `...` for a factory already being
/// printed.
fn defdict_repr(d: Obj) -> MoltResult<String> {
    let base = dict::dict_repr(d)?;
    let factory = Owned(new_ref(dict_extra(d).unwrap_or_else(singletons::none)));
    let def = if singletons::is_none(factory.get()) {
        String::from("None")
    } else if repr_enter(factory.get())? {
        String::from("...")
    } else {
        let r = dispatch::repr_of(factory.get());
        repr_leave(factory.get());
        r?
    };
    Ok(format!("defaultdict({def}, {base})"))
}

/// `d.default_factory`.
fn defdict_attributes(d: Obj, name: &str) -> Option<MoltResult<Obj>> {
    (name == "default_factory").then(|| Ok(new_ref(dict_extra(d).unwrap_or_else(singletons::none))))
}

/// `o.name = value` / `del o.name` for the writable attributes of these types (None when `o`
/// has none named so): `default_factory` (deleting it leaves None, as CPython's member does).
pub fn setattr(o: Obj, name: &str, value: Option<Obj>) -> Option<MoltResult<()>> {
    // By kind and name, not by naming the type object: every program that sets an attribute
    // of a builtin object links this check, and only those that import `collections` link
    // the type.
    let t = o.type_of();
    if name != "default_factory" || t.heap != Some(super::alloc::HeapKind::DictExt) || t.name != TYPE_DEFAULTDICT_NAME || super::class::is_heap(t) {
        return None;
    }
    set_dict_extra(o, value.map_or_else(singletons::none, new_ref));
    Some(Ok(()))
}
