//! `collections.namedtuple`: CPython 3.11's factory (`Lib/collections/__init__.py`) making, at
//! run time, a tuple subtype whose instances are tuples of that type.
//!
//! Relies on: `tuple` (the instances are tuple objects allocated with the new type,
//! `tuple::tuple_of_type`; every tuple operation accepts them through `tuple::is_tuple`, and
//! those that give back their operand do so only for exact tuples, as CPython's), `call::
//! bind_python` (the generated `__new__`'s and the factory's own argument errors),
//! `str_methods_case` (`str.isidentifier`).
//!
//! Provides: [`namedtuple`] (the module function), [`release_types`] (at exit: the defaults the
//! types hold).
//!
//! Invariants: a namedtuple class is a [`NamedTupleType`], leaked (immortal, like CPython's
//! classes that live to the end), whose `TypeObject` comes first; the types with heap kind
//! `Tuple` that are no heap classes and have a namespace hook (`TypeExt::namespace`) are
//! exactly these (`tuple` and `struct_seq`'s types have none), which is how [`nt_type`] finds
//! the fields of an instance's type or of the namedtuple class a heap class derives from. Its
//! fields' descriptors (`_tuplegetter`) are leaked with it. Its `tp_name` is the typename, its module `__main__` unless the
//! call names one (CPython reads the caller's `__name__`). The field names are validated as
//! CPython validates them, in its order, so the same errors are raised.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::super::call::bind_python;
use super::super::range::Owned;
use super::super::str_methods_case::{is_xid_continue, is_xid_start};
use super::super::tuple::{self, molt_type_tuple, tuple_items};
use super::super::types::{MethodDef, TypeExt, TypeObject};
use super::super::class::is_heap;
use super::super::types::TYPE_OBJECT;
use super::super::{Header, Obj, StaticObject, decref, dict, dispatch, iter, list, new_ref, singletons, str as pystr};
use crate::ExceptionKind::{AttributeError, IndexError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};

/// A class `namedtuple` made.
#[repr(C)]
pub struct NamedTupleType {
    t: TypeObject,
    /// The field names, in order.
    fields: Vec<String>,
    /// The defaults of the last `defaults.len()` fields (owned references).
    defaults: Vec<Obj>,
    /// The fields' descriptors (`P.x`), one per field, in order.
    getters: Vec<&'static TupleGetter>,
}

/// A namedtuple class's field as its namespace holds it: `_collections._tuplegetter`, a data
/// descriptor reading item `index` of a tuple (leaked with its class: immortal).
#[repr(C)]
pub struct TupleGetter {
    header: Header,
    index: usize,
}

// SAFETY: `#[repr(C)]`, header first; leaked and immortal, never written after it is made.
unsafe impl StaticObject for TupleGetter {}

/// `_collections._tuplegetter`.
static TYPE_TUPLEGETTER: TypeObject = TypeObject {
    attributes: Some(getter_attributes),
    repr: Some(getter_repr),
    ext: Some(&TypeExt { descr_get: Some(getter_get), descr_set: Some(getter_set), ..TypeExt::EMPTY }),
    ..TypeObject::new("_collections._tuplegetter", &TYPE_OBJECT)
};

/// The getter `d` is.
fn getter_of(d: Obj) -> Option<&'static TupleGetter> {
    if !d.type_of().is(&TYPE_TUPLEGETTER) {
        return None;
    }
    // SAFETY: every object of this type is a leaked `TupleGetter`.
    d.header_ptr().map(|h| unsafe { &*h.cast::<TupleGetter>() })
}

/// `tuplegetter_descr_get`: the item, the descriptor itself on the class (or for None); "descriptor
/// for index '0' for tuple subclasses doesn't apply to 'int' object".
fn getter_get(d: Obj, obj: Option<Obj>, _t: &'static TypeObject) -> MoltResult<Obj> {
    let Some(g) = getter_of(d) else { return Ok(new_ref(d)) };
    let Some(o) = obj.filter(|&o| !singletons::is_none(o)) else { return Ok(new_ref(d)) };
    let Some(items) = tuple_items(o) else {
        return fail(TypeError, format!("descriptor for index '{}' for tuple subclasses doesn't apply to '{}' object", g.index, o.type_of().name));
    };
    match items.get(g.index) {
        Some(&v) => Ok(new_ref(v)),
        None => fail(IndexError, "tuple index out of range"),
    }
}

/// `tuplegetter_descr_set`: the fields are read-only.
fn getter_set(_d: Obj, _obj: Obj, value: Option<Obj>) -> MoltResult<()> {
    fail(AttributeError, if value.is_some() { "can't set attribute" } else { "can't delete attribute" })
}

/// `tuplegetter_repr`: "_tuplegetter(0, 'Alias for field number 0')".
fn getter_repr(d: Obj) -> MoltResult<String> {
    let index = getter_of(d).map_or(0, |g| g.index);
    Ok(format!("_tuplegetter({index}, {})", quoted(&format!("Alias for field number {index}"))))
}

/// `P.x.__doc__`: "Alias for field number 0".
fn getter_attributes(d: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let g = getter_of(d)?;
    (name == "__doc__").then(|| pystr::str_from_text(&format!("Alias for field number {}", g.index)))
}

/// The classes made so far (their defaults are released at exit).
static TYPES: crate::sys::Global<Vec<&'static NamedTupleType>> = crate::sys::Global::new(Vec::new());

/// The namedtuple class `t` is or derives from, if any (the nearest one of its base chain).
fn nt_type(t: &'static TypeObject) -> Option<&'static NamedTupleType> {
    let c = t.mro().find(|c| c.heap == Some(super::super::alloc::HeapKind::Tuple) && !is_heap(c) && c.ext.is_some_and(|e| e.namespace.is_some()))?;
    // SAFETY: the types of tuple kind that are no heap classes and have a namespace hook are
    // `NamedTupleType`s, `TypeObject` first (see the module doc).
    Some(unsafe { &*core::ptr::from_ref(c).cast::<NamedTupleType>() })
}

/// Python's keywords (`keyword.kwlist`).
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
    "pass", "raise", "return", "try", "while", "with", "yield",
];

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => (c == '_' || is_xid_start(c)) && chars.all(is_xid_continue),
        None => false,
    }
}

/// `repr()` of a str, for the messages.
fn quoted(s: &str) -> String {
    pystr::str_repr(s)
}

/// `namedtuple(typename, field_names, *, rename=False, defaults=None, module=None)`.
pub fn namedtuple(pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let mut args = [None; 5];
    bind_python("namedtuple", &["typename", "field_names"], 2, &["rename", "defaults", "module"], 0, pos, kw, &mut args)?;
    let [Some(typename), Some(field_names), rename, defaults, module] = args else {
        return fail(TypeError, "namedtuple() missing required arguments");
    };
    // field_names: a str split at commas and whitespace, else `list(map(str, field_names))`.
    let mut names: Vec<String> = Vec::new();
    if let Some(text) = pystr::str_text(field_names) {
        names.extend(text.replace(',', " ").split_whitespace().map(ToString::to_string));
    } else {
        let it = Owned(iter::get_iter(field_names)?);
        while let Some(x) = iter::iter_next(it.get())? {
            let x = Owned(x);
            names.push(dispatch::str_of(x.get())?);
        }
    }
    let typename = dispatch::str_of(typename)?;
    if let Some(r) = rename
        && dispatch::truth(r)?
    {
        let mut seen: Vec<String> = Vec::new();
        for (index, name) in names.iter_mut().enumerate() {
            if !is_identifier(name) || KEYWORDS.contains(&name.as_str()) || name.starts_with('_') || seen.contains(name) {
                *name = format!("_{index}");
            }
            seen.push(name.clone());
        }
    }
    for name in core::iter::once(&typename).chain(&names) {
        if !is_identifier(name) {
            return fail(ValueError, format!("Type names and field names must be valid identifiers: {}", quoted(name)));
        }
        if KEYWORDS.contains(&name.as_str()) {
            return fail(ValueError, format!("Type names and field names cannot be a keyword: {}", quoted(name)));
        }
    }
    let renamed = match rename {
        Some(r) => dispatch::truth(r)?,
        None => false,
    };
    let mut seen: Vec<&str> = Vec::new();
    for name in &names {
        if name.starts_with('_') && !renamed {
            return fail(ValueError, format!("Field names cannot start with an underscore: {}", quoted(name)));
        }
        if seen.contains(&name.as_str()) {
            return fail(ValueError, format!("Encountered duplicate field name: {}", quoted(name)));
        }
        seen.push(name);
    }
    let mut default_values: Vec<Obj> = Vec::new();
    if let Some(d) = defaults.filter(|&d| !singletons::is_none(d)) {
        let t = Owned(tuple::tuple_from_iter(d)?);
        let items = tuple_items(t.get()).unwrap_or(&[]);
        if items.len() > names.len() {
            return fail(TypeError, "Got more default values than field names");
        }
        default_values.extend(items.iter().map(|&o| new_ref(o)));
    }
    let module = match module.filter(|&m| !singletons::is_none(m)) {
        Some(m) => dispatch::str_of(m)?,
        None => String::from("__main__"),
    };
    let name: &'static str = Box::leak(typename.into_boxed_str());
    let module: &'static str = Box::leak(module.into_boxed_str());
    let ext: &'static TypeExt =
        Box::leak(Box::new(TypeExt { module, class_attributes: Some(nt_class_attributes), namespace: Some(nt_namespace), ..TypeExt::EMPTY }));
    let getters: Vec<&'static TupleGetter> =
        (0..names.len()).map(|index| &*Box::leak(Box::new(TupleGetter { header: Header::immortal(&TYPE_TUPLEGETTER), index }))).collect();
    let nt: &'static NamedTupleType = Box::leak(Box::new(NamedTupleType {
        t: TypeObject {
            ext: Some(ext),
            new: Some(nt_new),
            repr: Some(nt_repr),
            heap: Some(super::super::alloc::HeapKind::Tuple),
            methods: NT_METHODS,
            attributes: Some(nt_attributes),
            ..TypeObject::new(name, &molt_type_tuple)
        },
        fields: names,
        defaults: default_values,
        getters,
    }));
    TYPES.with(|t| t.push(nt));
    // A program may derive its own classes from this one.
    super::super::builtin_sub::molt_enable_builtin_subclasses();
    Ok(super::super::attrs::class_value(&nt.t))
}

/// Releases the defaults every namedtuple class holds (the program's end).
pub fn release_types() {
    let all = TYPES.with(core::mem::take);
    for nt in all {
        for &d in &nt.defaults {
            // SAFETY: the class owned its defaults; it is never used again.
            unsafe { decref(d) };
        }
    }
}

/// The generated `__new__(_cls, field, …)`: the arguments bound as CPython binds them.
fn nt_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let Some(nt) = nt_type(t) else { return fail(TypeError, "not a namedtuple class") };
    let n = nt.fields.len();
    // Every field given by position: nothing to bind (nor a name to format for the errors).
    if kw.is_empty() && pos.len() == n {
        return tuple::tuple_of_type(t, pos.iter().map(|&o| new_ref(o)).collect());
    }
    let params: Vec<&str> = nt.fields.iter().map(String::as_str).collect();
    let mut out: Vec<Option<Obj>> = alloc::vec![None; n];
    let qualname = format!("{}.__new__", t.name);
    bind_python(&qualname, &params, n - nt.defaults.len(), &[], 1, pos, kw, &mut out)?;
    // A parameter left unbound has a default (the binding checked the required ones).
    let first_default = n - nt.defaults.len();
    let items: Vec<Obj> = out
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let d = || i.checked_sub(first_default).and_then(|k| nt.defaults.get(k).copied()).unwrap_or_else(singletons::none);
            new_ref(a.unwrap_or_else(d))
        })
        .collect();
    tuple::tuple_of_type(t, items)
}

/// `_make(iterable)`: TypeError "Expected 2 arguments, got 1".
fn make(t: &'static TypeObject, iterable: Obj) -> MoltResult<Obj> {
    let Some(nt) = nt_type(t) else { return fail(TypeError, "not a namedtuple class") };
    let items = list::collect_iter(iter::get_iter(iterable).map(Owned)?.get())?;
    if items.len() != nt.fields.len() {
        let got = items.len();
        list::release(items);
        return fail(TypeError, format!("Expected {} arguments, got {got}", nt.fields.len()));
    }
    tuple::tuple_of_type(t, items)
}

/// The class a receiver stands for: itself when it is a class (`Point._make`), else its type.
fn receiver_class(o: Obj) -> &'static TypeObject {
    super::super::types::as_type(o).unwrap_or_else(|| o.type_of())
}

fn m_make(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let mut a = [None];
    bind_python("_make", &["iterable"], 1, &[], 1, pos, kw, &mut a)?;
    make(receiver_class(o), a[0].unwrap_or_else(singletons::none))
}

/// `_asdict()`: a dict of the fields.
fn m_asdict(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let t = receiver_class(o);
    let qualname = format!("{}._asdict", t.name);
    bind_python(&qualname, &[], 0, &[], 1, pos, kw, &mut [])?;
    let Some(nt) = nt_type(t) else { return fail(TypeError, "not a namedtuple") };
    let d = Owned(dict::new_dict()?);
    for (name, &v) in nt.fields.iter().zip(tuple_items(o).unwrap_or(&[])) {
        let k = Owned(pystr::str_from_text(name)?);
        dict::set_item(d.get(), k.get(), v)?;
    }
    Ok(d.release())
}

/// `_replace(**kwds)`: ValueError "Got unexpected field names: ['q']".
fn m_replace(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let t = receiver_class(o);
    let Some(nt) = nt_type(t) else { return fail(TypeError, "not a namedtuple") };
    if !pos.is_empty() {
        return fail(
            TypeError,
            format!("{}._replace() takes 1 positional argument but {} were given", t.name, pos.len() + 1),
        );
    }
    let old = tuple_items(o).unwrap_or(&[]);
    let items: Vec<Obj> = nt
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| new_ref(kw.iter().find(|(k, _)| k == f).map_or_else(|| old.get(i).copied().unwrap_or_else(singletons::none), |&(_, v)| v)))
        .collect();
    let extra: Vec<&str> = kw.iter().map(|&(k, _)| k).filter(|k| !nt.fields.iter().any(|f| f == k)).collect();
    if !extra.is_empty() {
        list::release(items);
        let names: Vec<String> = extra.iter().map(|k| quoted(k)).collect();
        return fail(ValueError, format!("Got unexpected field names: [{}]", names.join(", ")));
    }
    tuple::tuple_of_type(t, items)
}

/// `__getnewargs__()`: the items as a plain tuple (`copy` calls `__new__(cls, *items)`).
fn m_getnewargs(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let qualname = format!("{}.__getnewargs__", o.type_of().name);
    bind_python(&qualname, &[], 0, &[], 1, pos, kw, &mut [])?;
    tuple::tuple_from_slice(tuple_items(o).unwrap_or(&[]))
}

static NT_METHODS: &[MethodDef] = &[
    MethodDef { name: "_asdict", call: m_asdict },
    MethodDef { name: "_replace", call: m_replace },
    MethodDef { name: "_make", call: m_make },
    MethodDef { name: "__getnewargs__", call: m_getnewargs },
];

static MAKE: MethodDef = MethodDef { name: "_make", call: m_make };

/// The fields as a tuple of strs (`_fields`, `__match_args__`).
fn fields_tuple(nt: &NamedTupleType) -> MoltResult<Obj> {
    let mut items = Vec::new();
    for f in &nt.fields {
        match pystr::str_from_text(f) {
            Ok(s) => items.push(s),
            Err(e) => {
                list::release(items);
                return Err(e);
            }
        }
    }
    tuple::tuple_from_vec(items)
}

/// `_field_defaults`: the fields with defaults and their values.
fn field_defaults(nt: &NamedTupleType) -> MoltResult<Obj> {
    let d = Owned(dict::new_dict()?);
    let first = nt.fields.len() - nt.defaults.len();
    for (name, &v) in nt.fields[first..].iter().zip(&nt.defaults) {
        let k = Owned(pystr::str_from_text(name)?);
        dict::set_item(d.get(), k.get(), v)?;
    }
    Ok(d.release())
}

/// The class-level names both the class and its instances have.
fn shared_attribute(nt: &NamedTupleType, name: &str) -> Option<MoltResult<Obj>> {
    match name {
        "_fields" | "__match_args__" => Some(fields_tuple(nt)),
        "_field_defaults" => Some(field_defaults(nt)),
        _ => None,
    }
}

/// `p.x` (the field's item), `p._fields`, …
fn nt_attributes(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let nt = nt_type(o.type_of())?;
    if let Some(i) = nt.fields.iter().position(|f| f == name) {
        return Some(Ok(new_ref(tuple_items(o)?.get(i).copied()?)));
    }
    shared_attribute(nt, name)
}

/// `Point._fields`, `Point._make`, `Point.x` (the field's descriptor), …
fn nt_class_attributes(t: &'static TypeObject, name: &str) -> Option<MoltResult<Obj>> {
    let nt = nt_type(t)?;
    if name == "_make" {
        let cls = Owned(super::super::attrs::class_value(t));
        return Some(super::super::descr::builtin_method(cls.get(), &MAKE));
    }
    if let Some(i) = nt.fields.iter().position(|f| f == name) {
        return Some(Ok(new_ref(Obj::from_static(nt.getters[i]))));
    }
    shared_attribute(nt, name)
}

/// The namespace of namedtuple class `c` as a subclass's MRO lookup sees it: the fields'
/// descriptors, `__new__` (CPython's is a staticmethod: `super().__new__(cls, x, y)`), `_make`
/// (a classmethod), `__repr__`, `_asdict`, `_replace`, `__slots__` and the class data.
fn nt_namespace(c: &'static TypeObject, name: &str) -> Option<MoltResult<Obj>> {
    let nt = nt_type(c)?;
    if let Some(i) = nt.fields.iter().position(|f| f == name) {
        return Some(Ok(new_ref(Obj::from_static(nt.getters[i]))));
    }
    let method = |def: &'static MethodDef| Some(super::super::descr::method_descriptor(c, def));
    match name {
        "__new__" => {
            let cls = Owned(super::super::attrs::class_value(c));
            Some(super::super::descr::builtin_method(cls.get(), &NEW))
        }
        "_make" => Some(super::super::builtin_dunder::classmethod_descriptor(c, &MAKE)),
        "__repr__" => method(&REPR),
        "_asdict" | "_replace" | "__getnewargs__" => NT_METHODS.iter().find(|m| m.name == name).and_then(method),
        "__slots__" => Some(tuple::tuple_from_vec(Vec::new())),
        _ => shared_attribute(nt, name),
    }
}

/// `__new__(_cls, field, …)` read from a namedtuple class (bound to it, as `tp_new` is):
/// `_cls` a subtype of it.
fn m_new(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let owner = receiver_class(o);
    let Some((&cls, rest)) = pos.split_first() else {
        return fail(TypeError, format!("{}.__new__() missing 1 required positional argument: '_cls'", owner.name));
    };
    let Some(t) = super::super::types::as_type(cls) else {
        return fail(TypeError, format!("{}.__new__(X): X is not a type object ({})", owner.name, cls.type_of().name));
    };
    if !super::super::types::is_subtype(t, owner) {
        return fail(TypeError, format!("{0}.__new__({1}): {1} is not a subtype of {0}", owner.name, t.name));
    }
    nt_new(t, rest, kw)
}

static NEW: MethodDef = MethodDef { name: "__new__", call: m_new };

/// `__repr__()` read from the class (`super().__repr__()` in a subclass).
fn m_repr(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let qualname = format!("{}.__repr__", o.type_of().name);
    bind_python(&qualname, &[], 0, &[], 1, pos, kw, &mut [])?;
    pystr::str_from_text(&nt_repr(o)?)
}

static REPR: MethodDef = MethodDef { name: "__repr__", call: m_repr };

/// `Point(x=1, y=2)`.
fn nt_repr(o: Obj) -> MoltResult<String> {
    let Some(nt) = nt_type(o.type_of()) else { return Ok(String::new()) };
    tuple::named_items_repr(o.type_of().name, nt.fields.iter().map(String::as_str), o)
}
