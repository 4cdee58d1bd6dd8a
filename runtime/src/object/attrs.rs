//! Classes as values, attributes, `type()` and `isinstance()` of builtin objects.
//!
//! Relies on: type objects being immortal statics (so a class value needs no counting care) and
//! each kind's accessors (`exception::arg`/`cause`/`context`, `int`, `float`) or the type's
//! attributes slot (ranges, functions, cells, builtin functions); `construct`, whose
//! constructors of the classes every program links the ABI functions that make a class a value
//! enable.
//! Provides [`class_value`], [`isinstance`], [`getattr`] and the ABI's
//! `molt_builtin_class`, `molt_exception_class`, `molt_obj_type`, `molt_obj_isinstance` and
//! `molt_obj_getattr`, with CPython 3.11's results and messages (`PyObject_IsInstance`,
//! `PyObject_GetAttr` for the attributes the builtin types define themselves).
//!
//! Invariant: every result is a new reference (or word 0 with an exception pending).

use alloc::format;

use super::exception::{self as exc};
use super::suggest::Suggest;
use super::singletons::{self, TYPE_BOOL, TYPE_NONE};
use super::types::{TYPE_OBJECT, TYPE_TYPE, TypeObject, as_type, is_subtype};
use super::{Obj, float, int, new_ref, str as pystr, tuple};
use crate::exceptions::{MoltError, MoltResult, value_or_raise};
use crate::{BuiltinClass, ExceptionKind};

/// A class as a value (a new reference).
pub fn class_value(t: &'static TypeObject) -> Obj {
    new_ref(Obj::from_static(t))
}

fn builtin_class(code: i32) -> Option<&'static TypeObject> {
    Some(match BuiltinClass::from_code(code)? {
        BuiltinClass::Object => &TYPE_OBJECT,
        BuiltinClass::Type => &TYPE_TYPE,
        BuiltinClass::Int => &int::molt_type_int,
        BuiltinClass::Float => &float::molt_type_float,
        BuiltinClass::Str => &pystr::molt_type_str,
        BuiltinClass::Bool => &TYPE_BOOL,
        BuiltinClass::Tuple => &tuple::molt_type_tuple,
        BuiltinClass::NoneType => &TYPE_NONE,
        BuiltinClass::List => &super::list::molt_type_list,
        BuiltinClass::Range => &super::range::TYPE_RANGE,
        BuiltinClass::Enumerate => &super::builtins_iter::TYPE_ENUMERATE,
        BuiltinClass::Zip => &super::builtins_iter::TYPE_ZIP,
        BuiltinClass::Reversed => &super::builtins_iter::TYPE_REVERSED,
        BuiltinClass::Dict => &super::dict::molt_type_dict,
        BuiltinClass::Set => &super::set::molt_type_set,
        BuiltinClass::FrozenSet => &super::set::molt_type_frozenset,
        BuiltinClass::Map => &super::map_filter::TYPE_MAP,
        BuiltinClass::Filter => &super::map_filter::TYPE_FILTER,
        BuiltinClass::Function => &super::function::TYPE_FUNCTION,
        BuiltinClass::Super | BuiltinClass::StaticMethod | BuiltinClass::ClassMethod | BuiltinClass::Property => return None,
    })
}

fn internal(what: &str) -> MoltError {
    MoltError::new(ExceptionKind::TypeError, format!("bad argument to {what} (a compiler bug)"))
}

/// The builtin class `code` as a value.
#[unsafe(no_mangle)]
pub extern "C" fn molt_builtin_class(code: i32) -> Obj {
    super::construct::enable_class_calls();
    value_or_raise(builtin_class(code).map(class_value).ok_or_else(|| internal("molt_builtin_class")))
}

/// The class of exception kind `kind` as a value.
#[unsafe(no_mangle)]
pub extern "C" fn molt_exception_class(kind: i32) -> Obj {
    super::construct::enable_class_calls();
    value_or_raise(ExceptionKind::from_code(kind).map(|k| class_value(exc::exception_type(k))).ok_or_else(|| internal("molt_exception_class")))
}

/// `type(a)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_type(a: Obj) -> Obj {
    super::construct::enable_class_calls();
    class_value(a.type_of())
}

/// `PyObject_IsInstance` for classes and (nested) tuples of classes.
pub fn isinstance(a: Obj, cls: Obj) -> MoltResult<bool> {
    if let Some(t) = as_type(cls) {
        return Ok(is_subtype(a.type_of(), t));
    }
    if let Some(items) = tuple::tuple_items(cls) {
        return exc::nested(" in __instancecheck__", || {
            for &c in items {
                if isinstance(a, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        });
    }
    Err(MoltError::new(ExceptionKind::TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union"))
}

/// `isinstance(a, cls)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_isinstance(a: Obj, cls: Obj) -> bool {
    value_or_raise(isinstance(a, cls))
}

fn text(s: &str) -> MoltResult<Obj> {
    pystr::str_from_text(s)
}

fn or_none(o: Option<Obj>) -> Obj {
    new_ref(o.unwrap_or_else(singletons::none))
}

/// `a.name` for the attributes builtin objects define.
pub fn getattr(a: Obj, name: &str) -> MoltResult<Obj> {
    if name == "__class__" {
        return Ok(class_value(a.type_of()));
    }
    if let Some(t) = as_type(a) {
        return match name {
            "__name__" | "__qualname__" => text(t.name),
            "__module__" => text("builtins"),
            _ => Err(MoltError::new(ExceptionKind::AttributeError, format!("type object '{}' has no attribute '{name}'", t.name))
                .with_suggest(Suggest::attribute(t.name, name))),
        };
    }
    if exc::is_exception(a) {
        match name {
            "args" => {
                return match exc::arg(a) {
                    Some(x) => tuple::tuple_from_vec(alloc::vec![new_ref(x)]),
                    None => tuple::tuple_from_vec(alloc::vec![]),
                };
            }
            "__cause__" => return Ok(or_none(exc::cause(a))),
            "__context__" => return Ok(or_none(exc::context(a))),
            "__suppress_context__" => return Ok(singletons::bool_obj(exc::suppress_context(a))),
            _ => {}
        }
    }
    if let Some(attributes) = a.type_of().attributes_slot()
        && let Some(v) = attributes(a, name)
    {
        return v;
    }
    let ty = a.type_of();
    if is_subtype(ty, &int::molt_type_int) {
        // bool's values are the ints 0 and 1 here (`True.real` is `1`).
        let value = || if singletons::is_bool(a) { int::from_i64(i64::from(singletons::bool_value(a))) } else { Ok(new_ref(a)) };
        match name {
            "real" | "numerator" => return value(),
            "imag" => return int::from_i64(0),
            "denominator" => return int::from_i64(1),
            _ => {}
        }
    }
    if ty.is(&float::molt_type_float) {
        match name {
            "real" => return Ok(new_ref(a)),
            "imag" => return float::box_float(0.0),
            _ => {}
        }
    }
    if ty.method(name).is_some() {
        // A method exists, but Molt makes no bound method objects (calls go through
        // `molt_obj_call_method`).
        return Err(MoltError::new(ExceptionKind::NotImplementedError, format!("bound methods ('{}.{name}' as a value) are not supported by Molt yet", ty.name)));
    }
    Err(MoltError::new(ExceptionKind::AttributeError, format!("'{}' object has no attribute '{name}'", ty.name))
        .with_suggest(Suggest::attribute(ty.name, name)))
}

/// `a.NAME` for a name given as an object: TypeError "attribute name must be string, not
/// 'int'" unless it is a str (CPython's `PyObject_GetAttr`).
pub fn getattr_obj(a: Obj, name: Obj) -> MoltResult<Obj> {
    let n = attr_name(name)?;
    if n == "__class__" {
        super::construct::enable_class_calls();
    }
    getattr(a, n)
}

/// The text of an attribute name: TypeError "attribute name must be string, not 'int'".
pub fn attr_name<'a>(name: Obj) -> MoltResult<&'a str> {
    match pystr::str_text(name) {
        Some(n) => Ok(n),
        None => Err(MoltError::new(ExceptionKind::TypeError, format!("attribute name must be string, not '{}'", name.type_of().name))),
    }
}

/// `a.NAME` (`name` a str).
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_getattr(a: Obj, name: Obj) -> Obj {
    value_or_raise(getattr_obj(a, name))
}

/// `a.NAME = value` (not yet: classes are being added).
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_setattr(_a: Obj, _name: Obj, _value: Obj) {
    value_or_raise::<Obj>(Err(MoltError::new(ExceptionKind::NotImplementedError, "setattr is not supported by Molt yet")));
}

/// `del a.NAME` (not yet).
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_delattr(_a: Obj, _name: Obj) {
    value_or_raise::<Obj>(Err(MoltError::new(ExceptionKind::NotImplementedError, "delattr is not supported by Molt yet")));
}

/// `class NAME(*bases): …` (not yet).
#[unsafe(no_mangle)]
pub extern "C" fn molt_class_new(_name: Obj, _bases: Obj, _ns: Obj, _depth: i64) -> Obj {
    value_or_raise(Err(MoltError::new(ExceptionKind::NotImplementedError, "classes are not supported by Molt yet")))
}

/// `except cls` (not yet).
#[unsafe(no_mangle)]
pub extern "C" fn molt_exc_matches_class(_exc: Obj, _cls: Obj) -> bool {
    value_or_raise(Err(MoltError::new(ExceptionKind::NotImplementedError, "except of a class value is not supported by Molt yet")))
}
