//! `enum`: CPython 3.11's `Lib/enum.py` for plain enumerations — `Enum`, its metatype
//! `EnumType` (`EnumMeta`), `auto` and `unique` — native in the runtime (decisions/0036).
//!
//! Relies on: `class` (`class_new_of` makes `Enum`, `auto` and the classes of the functional
//! API; every class whose metatype is [`ENUM_TYPE`] is finished by `members::init` through the
//! metatype's `MetaSlots`, and the metatype's `__getattr__`/`__setattr__`/`__members__` take part
//! in `type_getattr`/`type_setattr`); `function::native_function` (the methods of `Enum` and
//! `auto` and the function `unique` are function objects whose bodies are in `methods`, so that
//! they bind, print and fail as CPython's Python functions do); `instance` (members are plain
//! instances of their class); `call::bind_python` (`EnumType.__call__`'s argument errors). The
//! reference is the `enum.py` of CPython 3.11.7.
//!
//! Provides: [`fill`] (the module's namespace; the first import makes the classes), the metatype
//! [`ENUM_TYPE`] (calls, `[]`, `iter`, `reversed`, `len`, `in`, `repr` of enum classes).
//!
//! Invariants: [`STATE`] holds (owned) `Enum`, `auto`, `_auto_null` and `Enum.__new__` from the
//! first import to exit (`release`). Every class of metatype [`ENUM_TYPE`] has in its own
//! namespace, from its creation on, `_member_names_` (a list of the canonical members' names, in
//! definition order), `_member_map_` (a dict: every member name, aliases included, → member),
//! `_value2member_map_` (a dict: hashable value → member) and `_unhashable_values_` (a list):
//! the class-level operations read them there, as CPython's metaclass does; its members are
//! instances of it, made once at its creation, each also bound to its name in the namespace.
//! Left out (each a compile-time E0111 or a documented difference): `IntEnum`, `StrEnum`, `Flag`,
//! `IntFlag` and mixed-in data types (they need subclasses of builtin types), `member`,
//! `nonmember`, `verify`, `enum.property`'s class-level redirect, `__dir__`, pickling, the
//! DeprecationWarnings 3.11 prints, and `__members__` is a dict copy, not a mappingproxy.

mod members;
mod methods;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::alloc::HeapKind;
use super::range::Owned;
use super::types::{MetaSlots, MethodDef, NumberSlots, SequenceSlots, TYPE_TYPE, TypeExt, TypeObject, as_type, is_subtype};
use super::{Obj, dict, list, new_ref, singletons, str as pystr};
use crate::ExceptionKind::{AttributeError, TypeError};
use crate::exceptions::{MoltResult, fail, key_error};

/// `enum.EnumType`: the type of every enum class (CPython's metaclass).
pub static ENUM_TYPE: TypeObject = TypeObject {
    repr: Some(class_repr),
    heap: Some(HeapKind::Class),
    call: Some(class_call),
    subscript: Some(class_getitem),
    iter: Some(class_iter),
    number: Some(&NumberSlots { truth: Some(|_| true), ..NumberSlots::EMPTY }),
    sequence: Some(&SequenceSlots { len: Some(class_len), contains: Some(class_contains), ..SequenceSlots::EMPTY }),
    methods: &[MethodDef { name: "__reversed__", call: class_reversed }],
    ext: Some(&TypeExt { module: "enum", meta: Some(&META), ..TypeExt::EMPTY }),
    ..TypeObject::new("EnumType", &TYPE_TYPE)
};

static META: MetaSlots = MetaSlots { init: members::init, attributes: meta_attributes, getattr: meta_getattr, setattr: meta_setattr, instantiate: None };

/// What the module keeps from its first import to exit (owned references).
struct State {
    /// The class `Enum`.
    enum_class: Obj,
    /// The class `auto`.
    auto_class: Obj,
    /// `_auto_null`, the value of an `auto()` not yet given one.
    auto_null: Obj,
    /// `Enum.__new__` as its namespace holds it (a staticmethod): every enum class's own.
    enum_new: Obj,
}

static STATE: crate::sys::Global<Option<State>> = crate::sys::Global::new(None);

/// The module's state, once made.
fn state() -> Option<(Obj, Obj, Obj, Obj)> {
    STATE.with(|s| s.as_ref().map(|s| (s.enum_class, s.auto_class, s.auto_null, s.enum_new)))
}

/// Fills the module's namespace (the first import makes the classes).
pub fn fill(d: Obj) -> MoltResult<()> {
    if state().is_none() {
        let made = methods::make_classes()?;
        STATE.with(|s| *s = Some(made));
        super::module_kinds::register_exit(release);
    }
    let Some((enum_class, auto_class, _, _)) = state() else { return Ok(()) };
    let meta = Obj::from_static(&ENUM_TYPE);
    super::module::store(d, "Enum", enum_class)?;
    super::module::store(d, "EnumType", meta)?;
    super::module::store(d, "EnumMeta", meta)?;
    super::module::store(d, "auto", auto_class)?;
    super::module::store_owned(d, "unique", methods::unique_function())
}

/// Releases the module's state (at exit).
fn release() {
    if let Some(s) = STATE.with(Option::take) {
        for o in [s.enum_class, s.auto_class, s.auto_null, s.enum_new] {
            // SAFETY: the state owned these references.
            unsafe { super::decref(o) };
        }
    }
}

// --- the namespace of an enum class ---

/// Entry `key` of the namespace of class `t` (borrowed).
fn ns_get(t: &'static TypeObject, key: &str) -> Option<Obj> {
    super::class::namespace(t).and_then(|d| dict::get_str(d, key))
}

/// `_member_map_` of enum class `t` (borrowed).
fn member_map(t: &'static TypeObject) -> MoltResult<Obj> {
    match ns_get(t, "_member_map_") {
        Some(m) if dict::is_dict(m) => Ok(m),
        _ => fail(TypeError, format!("enum class '{}' has no _member_map_", t.name)),
    }
}

/// The members of enum class `t` in definition order, aliases left out (new references).
fn members_in_order(t: &'static TypeObject) -> MoltResult<Vec<Obj>> {
    let map = member_map(t)?;
    let names = ns_get(t, "_member_names_").filter(|&l| list::is_list(l));
    let names = match names {
        Some(l) => list::items_vec(l)?,
        None => Vec::new(),
    };
    let mut out = Vec::with_capacity(names.len());
    for n in &names {
        match dict::get_item(map, *n) {
            Ok(Some(m)) => out.push(m),
            Ok(None) => {}
            Err(e) => {
                list::release(out);
                list::release(names);
                return Err(e);
            }
        }
    }
    list::release(names);
    Ok(out)
}

/// The class behind class object `cls`.
fn class_type(cls: Obj) -> MoltResult<&'static TypeObject> {
    match as_type(cls) {
        Some(t) => Ok(t),
        None => fail(TypeError, format!("descriptor requires an 'EnumType' object but received a '{}'", cls.type_of().name)),
    }
}

/// Whether `o` is an enum member (an instance of a class of metatype `EnumType`).
fn is_member(o: Obj) -> bool {
    o.type_of().header.ty.is(&ENUM_TYPE)
}

// --- EnumType's methods ---

/// `EnumType.__repr__`: `<enum 'Color'>`.
fn class_repr(cls: Obj) -> MoltResult<String> {
    let t = class_type(cls)?;
    Ok(format!("<enum {}>", pystr::str_repr(t.name)))
}

/// `EnumType.__call__(cls, value, names=None, *, module=None, qualname=None, type=None,
/// start=1, boundary=None)`: a lookup by value, or the functional API.
fn class_call(cls: Obj, pos: &[Obj], kw: &[(&str, Obj)], _depth: i64) -> MoltResult<Obj> {
    let mut out = [None; 7];
    super::call::bind_python(
        "EnumType.__call__",
        &["value", "names"],
        1,
        &["module", "qualname", "type", "start", "boundary"],
        1,
        pos,
        kw,
        &mut out,
    )?;
    let [Some(value), names, module, qualname, ty, start, _boundary] = out else {
        return fail(TypeError, "EnumType.__call__() missing 1 required positional argument: 'value'");
    };
    match names.filter(|n| !singletons::is_none(*n)) {
        None => methods::lookup(cls, value),
        Some(names) => members::create(cls, value, names, module, qualname, ty, start),
    }
}

/// `EnumType.__getitem__`: the member named `name` (KeyError otherwise).
fn class_getitem(cls: Obj, name: Obj) -> MoltResult<Obj> {
    let map = member_map(class_type(cls)?)?;
    match dict::get_item(map, name)? {
        Some(m) => Ok(m),
        None => key_error(name),
    }
}

/// `EnumType.__iter__`: the members in definition order.
fn class_iter(cls: Obj) -> MoltResult<Obj> {
    let items = members_in_order(class_type(cls)?)?;
    let l = Owned(list::list_from_vec(items)?);
    super::iter::list_iter(l.get())
}

/// `EnumType.__reversed__`.
fn class_reversed(cls: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_keywords_for("__reversed__", kw)?;
    super::call::check_positional("__reversed__", pos.len(), 0, 0)?;
    let mut items = members_in_order(class_type(cls)?)?;
    items.reverse();
    let l = Owned(list::list_from_vec(items)?);
    super::iter::list_iter(l.get())
}

/// `EnumType.__len__`: the number of members, aliases left out.
fn class_len(cls: Obj) -> usize {
    as_type(cls).and_then(|t| ns_get(t, "_member_names_")).and_then(list::list_len).unwrap_or(0)
}

/// `EnumType.__contains__`: whether `member` is one of the class's members (TypeError for what
/// is no enum member; 3.11's DeprecationWarning is not printed).
fn class_contains(cls: Obj, member: Obj) -> MoltResult<bool> {
    let t = class_type(cls)?;
    if !is_member(member) {
        return fail(
            TypeError,
            format!("unsupported operand type(s) for 'in': '{}' and 'EnumType'", super::class::qualname(member.type_of())),
        );
    }
    if !is_subtype(member.type_of(), t) {
        return Ok(false);
    }
    let name = Owned(super::attrs::getattr(member, "_name_")?);
    Ok(dict::get_item(member_map(t)?, name.get())?.map(Owned).is_some())
}

/// `EnumType.__members__`: a copy of `_member_map_` (CPython's is a read-only mappingproxy).
fn meta_attributes(t: &'static TypeObject, name: &str) -> Option<MoltResult<Obj>> {
    match name {
        "__members__" => Some(member_map(t).and_then(dict::copy)),
        _ => None,
    }
}

/// `EnumType.__getattr__`: a member by name, else AttributeError naming the attribute alone.
fn meta_getattr(t: &'static TypeObject, name: &str) -> Option<MoltResult<Obj>> {
    if !is_dunder(name)
        && let Some(m) = ns_get(t, "_member_map_").and_then(|d| dict::get_str(d, name))
    {
        return Some(Ok(new_ref(m)));
    }
    Some(fail(AttributeError, String::from(name)))
}

/// `EnumType.__setattr__` / `__delattr__`: a member is neither reassigned nor deleted.
fn meta_setattr(t: &'static TypeObject, name: &str, value: Option<Obj>) -> Option<MoltResult<()>> {
    let is_member_name = ns_get(t, "_member_map_").and_then(|d| dict::get_str(d, name)).is_some();
    if !is_member_name {
        return None;
    }
    Some(match value {
        Some(_) => fail(AttributeError, format!("cannot reassign member {}", pystr::str_repr(name))),
        None => fail(AttributeError, format!("{} cannot delete member {}.", pystr::str_repr(t.name), pystr::str_repr(name))),
    })
}

/// `_is_dunder`.
fn is_dunder(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() > 4 && name.starts_with("__") && name.ends_with("__") && b[2] != b'_' && b[b.len() - 3] != b'_'
}

/// `_is_sunder`.
fn is_sunder(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() > 2 && b[0] == b'_' && b[1] != b'_' && b[b.len() - 1] == b'_' && b[b.len() - 2] != b'_'
}

/// `_is_private(cls_name, name)` (whose third test, comparing a str with a list, always holds).
fn is_private(cls_name: &str, name: &str) -> bool {
    let pattern = format!("_{cls_name}__");
    name.len() > pattern.len() && name.starts_with(&pattern) && !name.ends_with("__")
}
