//! The classes `enum` makes on its first import (`Enum`, `auto`, `_auto_null`) and the bodies of
//! their methods and of `unique`: function objects with native bodies (`function::
//! native_function`), as `enum.py` defines them in Python.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::super::range::Owned;
use super::super::types::{TypeObject, is_subtype};
use super::super::{Obj, attrs, callable, class, dict, dispatch, exception as exc, list, new_ref, singletons, str as pystr, tuple};
use super::{ENUM_TYPE, State};
use crate::ExceptionKind::{self, TypeError, ValueError};
use crate::exceptions::{MoltError, MoltResult, fail, value_or_raise};
use crate::{BinaryOp, CompareOp};

/// A native body: the bound arguments (parameters in order, then `*args`, then `**kwargs`).
type Body = fn(&[Obj]) -> MoltResult<Obj>;

/// The C entry of a native body `B` (`function::CodeFn`): the bound words as a slice.
unsafe extern "C" fn entry<const B: usize>(f: Obj, args: *const Obj, _depth: i64) -> Obj {
    let body: Body = BODIES[B];
    // SAFETY: the words `call_raw` passed.
    value_or_raise(body(unsafe { super::super::function::bound_args(f, args) }))
}

/// The bodies, indexed by the constants below (one monomorphic entry each).
static BODIES: [Body; 15] = [
    auto_null_repr,
    auto_init,
    auto_repr,
    enum_new,
    enum_init,
    generate_next_value,
    enum_missing,
    enum_repr,
    enum_str,
    enum_format,
    enum_hash,
    enum_name,
    enum_value,
    unique,
    enum_reduce_ex,
];

/// One function of the module: its body, qualname, parameters, defaults, `*args`/`**kwargs`.
struct Def {
    code: super::super::function::CodeFn,
    qualname: &'static str,
    params: &'static [&'static str],
    star: bool,
}

const fn def(code: super::super::function::CodeFn, qualname: &'static str, params: &'static [&'static str]) -> Def {
    Def { code, qualname, params, star: false }
}

/// The function object of `d` (defaults `defaults`).
fn function(d: &Def, defaults: &[Obj]) -> MoltResult<Obj> {
    super::super::function::native_function(d.code, d.qualname, "enum", d.params, defaults, d.star, d.star)
}

/// A namespace for class `qualname` of module `enum`: `__module__`, `__qualname__`, then
/// `entries` (new references, consumed).
fn namespace(qualname: &str, entries: Vec<(&str, MoltResult<Obj>)>) -> MoltResult<Owned> {
    let d = Owned(dict::new_dict()?);
    super::super::module::store_owned(d.get(), "__module__", pystr::str_from_text("enum"))?;
    super::super::module::store_owned(d.get(), "__qualname__", pystr::str_from_text(qualname))?;
    let mut failed = None;
    for (name, v) in entries {
        let r = super::super::module::store_owned(d.get(), name, v);
        if let Err(e) = r
            && failed.is_none()
        {
            failed = Some(e);
        }
    }
    match failed {
        Some(e) => Err(e),
        None => Ok(d),
    }
}

/// `class NAME: …` of metatype `meta` (None: `type`) with namespace `ns`.
fn make_class(meta: Option<&'static TypeObject>, name: &str, ns: &Owned) -> MoltResult<Owned> {
    let n = Owned(pystr::str_from_text(name)?);
    let bases = Owned(tuple::tuple_from_vec(Vec::new())?);
    Ok(Owned(class::class_new_of(meta, n.get(), bases.get(), ns.get(), singletons::none(), 0)?))
}

/// Makes `_auto_null`, `auto` and `Enum` (the first import).
pub(super) fn make_classes() -> MoltResult<State> {
    let ns = namespace("_auto_null", alloc::vec![("__repr__", function(&def(entry::<0>, "_auto_null.__repr__", &["self"]), &[]))])?;
    let null_class = make_class(None, "_auto_null", &ns)?;
    let auto_null = Owned(callable::call_object(null_class.get(), &[], &[])?);
    let ns = namespace(
        "auto",
        alloc::vec![
            ("__init__", function(&def(entry::<1>, "auto.__init__", &["self", "value"]), &[auto_null.get()])),
            ("__repr__", function(&def(entry::<2>, "auto.__repr__", &["self"]), &[])),
        ],
    )?;
    let auto_class = make_class(None, "auto", &ns)?;
    let property = |code, qualname| -> MoltResult<Obj> {
        let f = Owned(function(&def(code, qualname, &["self"]), &[])?);
        callable::call_object(Obj::from_static(&super::super::descr::TYPE_PROPERTY), &[f.get()], &[])
    };
    let missing = Owned(function(&def(entry::<6>, "Enum._missing_", &["cls", "value"]), &[])?);
    let ns = namespace(
        "Enum",
        alloc::vec![
            ("__new__", function(&def(entry::<3>, "Enum.__new__", &["cls", "value"]), &[])),
            ("__init__", function(&Def { code: entry::<4>, qualname: "Enum.__init__", params: &["self"], star: true }, &[])),
            ("_generate_next_value_", function(&def(entry::<5>, "Enum._generate_next_value_", &["name", "start", "count", "last_values"]), &[])),
            ("_missing_", super::super::descr::classmethod_new(missing.get())),
            ("__repr__", function(&def(entry::<7>, "Enum.__repr__", &["self"]), &[])),
            ("__str__", function(&def(entry::<8>, "Enum.__str__", &["self"]), &[])),
            ("__format__", function(&def(entry::<9>, "Enum.__format__", &["self", "format_spec"]), &[])),
            ("__hash__", function(&def(entry::<10>, "Enum.__hash__", &["self"]), &[])),
            ("__reduce_ex__", function(&def(entry::<14>, "Enum.__reduce_ex__", &["self", "proto"]), &[])),
            ("name", property(entry::<11>, "Enum.name")),
            ("value", property(entry::<12>, "Enum.value")),
        ],
    )?;
    let enum_class = make_class(Some(&ENUM_TYPE), "Enum", &ns)?;
    let enum_new = match super::super::types::as_type(enum_class.get()).and_then(|t| super::ns_get(t, "__new__")) {
        Some(f) => new_ref(f),
        None => return fail(TypeError, "Enum has no __new__ (a runtime bug)"),
    };
    Ok(State { enum_class: enum_class.release(), auto_class: auto_class.release(), auto_null: auto_null.release(), enum_new })
}

/// `unique` as a function object.
pub(super) fn unique_function() -> MoltResult<Obj> {
    function(&def(entry::<13>, "unique", &["enumeration"]), &[])
}

// --- the bodies ---

/// `o.name` (a new reference).
fn get(o: Obj, name: &str) -> MoltResult<Owned> {
    attrs::getattr(o, name).map(Owned)
}

/// `o.name = v`.
pub(super) fn set(o: Obj, name: &str, v: Obj) -> MoltResult<()> {
    let n = Owned(pystr::str_from_text(name)?);
    attrs::setattr(o, n.get(), Some(v))
}

fn none() -> MoltResult<Obj> {
    Ok(singletons::none())
}

fn auto_null_repr(_: &[Obj]) -> MoltResult<Obj> {
    pystr::str_from_text("_auto_null")
}

/// `auto.__init__(self, value=_auto_null)`.
fn auto_init(a: &[Obj]) -> MoltResult<Obj> {
    set(a[0], "value", a[1])?;
    none()
}

/// `auto.__repr__`: `auto(%r)` of its value.
fn auto_repr(a: &[Obj]) -> MoltResult<Obj> {
    let v = get(a[0], "value")?;
    pystr::str_from_text(&format!("auto({})", dispatch::repr_of(v.get())?))
}

fn enum_new(a: &[Obj]) -> MoltResult<Obj> {
    lookup(a[0], a[1])
}

fn enum_init(_: &[Obj]) -> MoltResult<Obj> {
    none()
}

fn enum_missing(_: &[Obj]) -> MoltResult<Obj> {
    none()
}

/// `Enum.__reduce_ex__`: `(cls, (value,))`.
fn enum_reduce_ex(a: &[Obj]) -> MoltResult<Obj> {
    let cls = Owned(attrs::class_value(a[0].type_of()));
    let v = get(a[0], "_value_")?;
    let args = Owned(tuple::tuple_from_slice(&[v.get()])?);
    tuple::tuple_from_slice(&[cls.get(), args.get()])
}

/// `Enum.__new__(cls, value)`: the member whose value is `value` (`Color(3)`), else what
/// `_missing_` gives, else CPython's ValueError or TypeError.
pub(super) fn lookup(cls: Obj, value: Obj) -> MoltResult<Obj> {
    let t = super::class_type(cls)?;
    if value.type_of().is(t) {
        return Ok(new_ref(value));
    }
    let by_value = get(cls, "_value2member_map_")?;
    match dict::get_item(by_value.get(), value) {
        Ok(Some(m)) => return Ok(m),
        Ok(None) => {}
        Err(e) if e.kind == TypeError => {
            let map = get(cls, "_member_map_")?;
            for (_, m, _) in DictEntries::of(map.get())?.0.iter() {
                let v = get(*m, "_value_")?;
                if dispatch::rich_compare_bool(CompareOp::Eq, v.get(), value)? {
                    return Ok(new_ref(*m));
                }
            }
        }
        Err(e) => return Err(e),
    }
    let map = get(cls, "_member_map_")?;
    if dict::dict_len(map.get()) == 0 {
        return fail(TypeError, format!("{} has no members defined", dispatch::repr_of(cls)?));
    }
    let missing = get(cls, "_missing_")?;
    let (result, caught) = match callable::call_object(missing.get(), &[value], &[]) {
        Ok(r) => (Owned(r), None),
        Err(e) => {
            let o = Owned(crate::object::yield_from::error_object(e));
            if !exc::matches(o.get(), ExceptionKind::Exception.code()) {
                return Err(MoltError::from_raised(o.get()));
            }
            (Owned(singletons::none()), Some(o))
        }
    };
    if is_subtype(result.get().type_of(), t) {
        return Ok(result.release());
    }
    let msg = format!("{} is not a valid {}", dispatch::repr_of(value)?, class::qualname(t));
    let raised = match caught {
        None if singletons::is_none(result.get()) => return fail(ValueError, msg),
        Some(o) => o,
        None => {
            let text = format!(
                "error in {}._missing_: returned {} instead of None or a valid member",
                t.name,
                dispatch::repr_of(result.get())?
            );
            let m = Owned(pystr::str_from_text(&text)?);
            Owned(exc::new_exception(TypeError.code(), Some(m.get()))?)
        }
    };
    if !exc::matches(raised.get(), ValueError.code()) {
        let m = Owned(pystr::str_from_text(&msg)?);
        let ve = Owned(exc::new_exception(ValueError.code(), Some(m.get()))?);
        exc::set_context(raised.get(), Some(ve.get()));
    }
    Err(MoltError::from_raised(raised.get()))
}

/// A dict's entries (new references), released when dropped.
struct DictEntries(Vec<(Obj, Obj, i64)>);

impl DictEntries {
    fn of(d: Obj) -> MoltResult<DictEntries> {
        dict::items_vec(d).map(DictEntries)
    }
}

impl Drop for DictEntries {
    fn drop(&mut self) {
        dict::release_items(core::mem::take(&mut self.0));
    }
}

/// `Enum._generate_next_value_(name, start, count, last_values)`: `start` for the first value,
/// else the last value + 1 (3.11's fallbacks for values that do not sort or add, without its
/// DeprecationWarning).
fn generate_next_value(a: &[Obj]) -> MoltResult<Obj> {
    let (start, last_values) = (a[1], a[3]);
    if !dispatch::truth(last_values)? {
        return Ok(new_ref(start));
    }
    let one = Owned(crate::object::int::from_i64(1)?);
    let last = Owned(dispatch::getitem(last_values, Owned(crate::object::int::from_i64(-1)?).get())?);
    let sorted = list::is_list(last_values) && {
        match crate::object::list_sort::sort_list(last_values, None, false) {
            Ok(()) => true,
            Err(e) if e.kind == TypeError => false,
            Err(e) => return Err(e),
        }
    };
    if sorted {
        let top = Owned(dispatch::getitem(last_values, Owned(crate::object::int::from_i64(-1)?).get())?);
        match dispatch::rich_compare_bool(CompareOp::Eq, last.get(), top.get()) {
            Ok(true) => match dispatch::binary_op(BinaryOp::Add, last.get(), one.get()) {
                Ok(v) => return Ok(v),
                Err(e) if e.kind == TypeError => {}
                Err(e) => return Err(e),
            },
            Ok(false) => {}
            Err(e) if e.kind == TypeError => {}
            Err(e) => return Err(e),
        }
    }
    let values = list::sequence_fast(last_values, "last_values must be a sequence")?;
    let values = list::Released(values);
    for &v in values.0.iter().rev() {
        match dispatch::binary_op(BinaryOp::Add, v, one.get()) {
            Ok(r) => return Ok(r),
            Err(e) if e.kind == TypeError => {}
            Err(e) => return Err(e),
        }
    }
    Ok(new_ref(start))
}


/// `Enum.__repr__`: `<Color.RED: 1>` (the value's repr through `_value_repr_` when set).
fn enum_repr(a: &[Obj]) -> MoltResult<Obj> {
    let s = a[0];
    let name = get(s, "_name_")?;
    let value = get(s, "_value_")?;
    let cls = Owned(attrs::class_value(s.type_of()));
    let custom = get(cls.get(), "_value_repr_")?;
    let v = if singletons::is_none(custom.get()) {
        dispatch::repr_of(value.get())?
    } else {
        dispatch::str_of(Owned(callable::call_object(custom.get(), &[value.get()], &[])?).get())?
    };
    pystr::str_from_text(&format!("<{}.{}: {v}>", s.type_of().name, dispatch::str_of(name.get())?))
}

/// `Enum.__str__`: `Color.RED`.
fn enum_str(a: &[Obj]) -> MoltResult<Obj> {
    let name = get(a[0], "_name_")?;
    pystr::str_from_text(&format!("{}.{}", a[0].type_of().name, dispatch::str_of(name.get())?))
}

/// `Enum.__format__`: `str.__format__(str(self), format_spec)`.
fn enum_format(a: &[Obj]) -> MoltResult<Obj> {
    let s = Owned(dispatch::str_object(a[0])?);
    crate::object::format::format_value(s.get(), a[1])
}

/// `Enum.__hash__`: `hash(self._name_)`.
fn enum_hash(a: &[Obj]) -> MoltResult<Obj> {
    let name = get(a[0], "_name_")?;
    dispatch::hash_object(name.get())
}

fn enum_name(a: &[Obj]) -> MoltResult<Obj> {
    attrs::getattr(a[0], "_name_")
}

fn enum_value(a: &[Obj]) -> MoltResult<Obj> {
    attrs::getattr(a[0], "_value_")
}

/// `unique(enumeration)`: the class itself, or ValueError naming every alias.
fn unique(a: &[Obj]) -> MoltResult<Obj> {
    let e = a[0];
    let members = get(e, "__members__")?;
    let mut aliases: Vec<String> = Vec::new();
    for (k, m, _) in DictEntries::of(members.get())?.0.iter() {
        let canonical = get(*m, "name")?;
        if !dispatch::rich_compare_bool(CompareOp::Eq, *k, canonical.get())? {
            aliases.push(format!("{} -> {}", dispatch::str_of(*k)?, dispatch::str_of(canonical.get())?));
        }
    }
    if aliases.is_empty() {
        return Ok(new_ref(e));
    }
    fail(ValueError, format!("duplicate values found in {}: {}", dispatch::repr_of(e)?, aliases.join(", ")))
}
