//! `abc`: `ABC`, its metatype `ABCMeta` and `abstractmethod`, native in the runtime.
//!
//! Relies on: `class` (`class_new_of` makes `ABC`; every class whose metatype is [`ABC_META`] is
//! finished by [`init`] through the metatype's `MetaSlots`, and `object.__new__` asks the
//! metatype's `instantiate` before it makes an instance); `function::native_function` (the
//! function `abstractmethod`, so that it prints and fails as CPython's Python function does);
//! `attrs` for `__isabstractmethod__` (functions' attributes; properties, staticmethods and
//! classmethods compute theirs, `descr`). The references are CPython 3.11's `Lib/abc.py`,
//! `Modules/_abc.c` (`compute_abstract_methods`) and `Objects/typeobject.c` (`object_new`'s
//! "Can't instantiate abstract class" error).
//!
//! Provides: [`fill`] (the module's namespace; the first import makes `ABC`) and the metatype
//! [`ABC_META`].
//!
//! Invariants: every class of metatype [`ABC_META`] has `__abstractmethods__` (a frozenset of
//! names) in its own namespace from its creation on, computed as `compute_abstract_methods`
//! does: its own namespace's values whose `__isabstractmethod__` is true, then each base's
//! abstract names whose value on the new class still is abstract. [`STATE`] owns `ABC` from
//! the first import to exit. Left out: `ABCMeta.register` (virtual subclasses: NotImplementedError),
//! the deprecated `abstractproperty`/`abstractclassmethod`/`abstractstaticmethod`, and
//! `__abstractmethods__` changed after the class is made (CPython recomputes its flag).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::alloc::HeapKind;
use super::range::Owned;
use super::types::{MetaSlots, MethodDef, TYPE_TYPE, TypeExt, TypeObject, as_type};
use super::{Obj, attrs, class, dict, dispatch, iter, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::{AttributeError, NotImplementedError, TypeError};
use crate::exceptions::{MoltResult, fail, value_or_raise};

/// `abc.ABCMeta`: the type of `ABC` and of every class deriving from it.
pub static ABC_META: TypeObject = TypeObject {
    heap: Some(HeapKind::Class),
    new: Some(abcmeta_new),
    ext: Some(&TypeExt { module: "abc", meta: Some(&META), ..TypeExt::EMPTY }),
    ..TypeObject::new("ABCMeta", &TYPE_TYPE)
};

static META: MetaSlots = MetaSlots { init, attributes: no_attribute, getattr: meta_getattr, setattr: meta_setattr, instantiate: Some(instantiate) };

/// `ABC`, owned from the first import to exit.
static STATE: crate::sys::Global<Option<Obj>> = crate::sys::Global::new(None);

/// Fills the module's namespace (the first import makes `ABC`).
pub fn fill(d: Obj) -> MoltResult<()> {
    if STATE.with(|s| s.is_none()) {
        let abc = make_abc()?;
        STATE.with(|s| *s = Some(abc));
        super::module_kinds::register_exit(release);
    }
    let Some(abc) = STATE.with(|s| *s) else { return Ok(()) };
    super::module::store(d, "ABC", abc)?;
    super::module::store(d, "ABCMeta", Obj::from_static(&ABC_META))?;
    super::module::store_owned(d, "abstractmethod", super::function::native_function(abstractmethod_entry, "abstractmethod", "abc", &["funcobj"], &[], false, false))
}

/// Releases `ABC` (at exit).
fn release() {
    if let Some(o) = STATE.with(Option::take) {
        // SAFETY: the state owned this reference.
        unsafe { super::decref(o) };
    }
}

/// `ABCMeta(name, bases, namespace)` (`ABCMeta.__new__` then `type.__new__`): a class of
/// metatype `ABCMeta` (what `class C(metaclass=ABCMeta)` calls), with `abc.py`'s argument errors.
fn abcmeta_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if !kw.is_empty() {
        return fail(NotImplementedError, "class keyword arguments are not supported by Molt yet");
    }
    match pos {
        [name, bases, ns] => {
            // `_PyType_CalculateMetaclass`: every base's metatype must be `ABCMeta` or a base of
            // it (`type`); the runtime has no metatype deriving from `ABCMeta`.
            for &b in tuple::tuple_items(*bases).unwrap_or(&[]) {
                if !super::types::is_subtype(t, b.type_of()) {
                    return fail(TypeError, "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases");
                }
            }
            class::class_new_of(Some(t), *name, *bases, *ns, singletons::none(), 0)
        }
        [_, _, _, _, ..] => fail(TypeError, format!("ABCMeta.__new__() takes 4 positional arguments but {} were given", pos.len() + 1)),
        [_, _] => fail(TypeError, "ABCMeta.__new__() missing 1 required positional argument: 'namespace'"),
        [_] => fail(TypeError, "ABCMeta.__new__() missing 2 required positional arguments: 'bases' and 'namespace'"),
        [] => fail(TypeError, "ABCMeta.__new__() missing 3 required positional arguments: 'name', 'bases', and 'namespace'"),
    }
}

/// `class ABC(metaclass=ABCMeta): __slots__ = ()`.
fn make_abc() -> MoltResult<Obj> {
    let ns = Owned(dict::new_dict()?);
    super::module::store_owned(ns.get(), "__module__", pystr::str_from_text("abc"))?;
    super::module::store_owned(ns.get(), "__qualname__", pystr::str_from_text("ABC"))?;
    super::module::store_owned(ns.get(), "__doc__", pystr::str_from_text("Helper class that provides a standard way to create an ABC using\ninheritance.\n    "))?;
    super::module::store_owned(ns.get(), "__slots__", tuple::tuple_from_vec(Vec::new()))?;
    let name = Owned(pystr::str_from_text("ABC")?);
    let bases = Owned(tuple::tuple_from_vec(Vec::new())?);
    class::class_new_of(Some(&ABC_META), name.get(), bases.get(), ns.get(), singletons::none(), 0)
}

/// The body of `abstractmethod(funcobj)`: `funcobj.__isabstractmethod__ = True`, then
/// `funcobj`.
unsafe extern "C" fn abstractmethod_entry(f: Obj, args: *const Obj, _depth: i64) -> Obj {
    // SAFETY: the words `call_raw` passed.
    value_or_raise(match unsafe { super::function::bound_args(f, args) } {
        &[funcobj] => pystr::str_from_text("__isabstractmethod__").map(Owned).and_then(|name| {
            attrs::setattr(funcobj, name.get(), Some(singletons::bool_obj(true))).map(|()| new_ref(funcobj))
        }),
        _ => fail(TypeError, "a native function received no bound arguments (a runtime bug)"),
    })
}

/// `_PyObject_IsAbstract(o)`: whether `o.__isabstractmethod__` is true (False without one).
fn is_abstract(o: Obj) -> MoltResult<bool> {
    match attrs::getattr(o, "__isabstractmethod__") {
        Ok(v) => {
            let v = Owned(v);
            dispatch::truth(v.get())
        }
        Err(e) if e.kind == AttributeError => Ok(false),
        Err(e) => Err(e),
    }
}

/// `compute_abstract_methods(cls)`: stores `cls.__abstractmethods__`.
fn init(cls: Obj) -> MoltResult<()> {
    let Some(t) = as_type(cls) else { return Ok(()) };
    let Some(ns) = class::namespace(t) else { return Ok(()) };
    let mut names: Vec<Owned> = Vec::new();
    // Stage 1: the class's own abstract methods.
    let mut i = 0;
    while i < dict::nentries(ns) {
        if let Some((k, v, _)) = dict::entry_at(ns, i) {
            let (k, v) = (Owned(new_ref(k)), Owned(new_ref(v)));
            if is_abstract(v.get())? {
                names.push(k);
            }
        }
        i += 1;
    }
    // Stage 2: the bases' abstract methods the class leaves abstract.
    let bases = Owned(attrs::getattr(cls, "__bases__")?);
    for &base in tuple::tuple_items(bases.get()).unwrap_or(&[]) {
        let inherited = match attrs::getattr(base, "__abstractmethods__") {
            Ok(v) => Owned(v),
            Err(e) if e.kind == AttributeError => continue,
            Err(e) => return Err(e),
        };
        let it = Owned(iter::get_iter(inherited.get())?);
        while let Some(key) = iter::iter_next(it.get())? {
            let key = Owned(key);
            let Some(name) = pystr::str_text(key.get()) else { continue };
            let value = match attrs::getattr(cls, name) {
                Ok(v) => Owned(v),
                Err(e) if e.kind == AttributeError => continue,
                Err(e) => return Err(e),
            };
            if is_abstract(value.get())? {
                names.push(key);
            }
        }
    }
    let items: Vec<Obj> = names.iter().map(Owned::get).collect();
    let t_items = Owned(tuple::tuple_from_slice(&items)?);
    let set = super::set::new_frozenset(Some(t_items.get()))?;
    super::module::store_owned(ns, "__abstractmethods__", Ok(set))
}

/// `object_new`'s test: TypeError "Can't instantiate abstract class Shape with abstract
/// methods area, perimeter" (sorted) when the class has abstract methods.
fn instantiate(t: &'static TypeObject) -> MoltResult<()> {
    let Some(set) = class::namespace(t).and_then(|ns| dict::get_str(ns, "__abstractmethods__")) else { return Ok(()) };
    let set = Owned(new_ref(set));
    let it = Owned(iter::get_iter(set.get())?);
    let mut names: Vec<String> = Vec::new();
    while let Some(k) = iter::iter_next(it.get())? {
        let k = Owned(k);
        names.push(dispatch::str_of(k.get())?);
    }
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    let s = if names.len() > 1 { "s" } else { "" };
    fail(TypeError, format!("Can't instantiate abstract class {} with abstract method{s} {}", t.name, names.join(", ")))
}

fn no_attribute(_t: &'static TypeObject, _name: &str) -> Option<MoltResult<Obj>> {
    None
}

/// `ABCMeta`'s methods read from a class (`C.register`).
fn meta_getattr(t: &'static TypeObject, name: &str) -> Option<MoltResult<Obj>> {
    match name {
        "register" => {
            let c = Owned(attrs::class_value(t));
            Some(super::descr::builtin_method(c.get(), &REGISTER))
        }
        _ => None,
    }
}

fn meta_setattr(_t: &'static TypeObject, _name: &str, _value: Option<Obj>) -> Option<MoltResult<()>> {
    None
}

/// `ABCMeta.register(subclass)`: virtual subclasses are not supported yet.
fn register(_cls: Obj, _pos: &[Obj], _kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    fail(NotImplementedError, "ABCMeta.register (virtual subclasses) is not supported by Molt yet")
}

static REGISTER: MethodDef = MethodDef { name: "register", call: register };
