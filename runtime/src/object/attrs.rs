//! Classes as values, attributes (`getattr`, `setattr`, `delattr` of any object), `type()`,
//! `isinstance()`, `issubclass()` and `except` by class value.
//!
//! Relies on: `instance` (objects with a `__dict__`), `class` (attributes of classes), `module`
//! (module objects' namespaces), `super_`
//! and `descr` (builtin methods bound as values) for the generic protocols; and
//! each kind's accessors (`exception::arg`/`cause`/`context`, `int`, `float`) or the type's
//! attributes slot (ranges, functions, cells, builtin functions); `construct`, whose
//! constructors of the classes every program links the ABI functions that make a class a value
//! enable.
//! Provides [`class_value`], [`isinstance`], [`issubclass`], [`getattr`], [`builtin_getattr`],
//! [`setattr`], [`attr_name`], [`exception_setattr`], [`exc_matches_class`] and the ABI's
//! `molt_builtin_class`, `molt_exception_class`, `molt_obj_type`, `molt_obj_isinstance`,
//! `molt_obj_getattr`, `molt_obj_setattr`, `molt_obj_delattr`, `molt_exc_matches_class`, with
//! CPython 3.11's results and messages (`PyObject_IsInstance`, `PyObject_IsSubclass`,
//! `PyObject_GetAttr`, `PyObject_SetAttr`).
//!
//! Invariant: every result is a new reference (or word 0 with an exception pending).

use alloc::format;
use alloc::string::String;

use super::exception::{self as exc};
use super::suggest::Suggest;
use super::singletons::{self, TYPE_BOOL, TYPE_NONE};
use super::types::{TYPE_OBJECT, TYPE_TYPE, TypeObject, as_type, is_subtype};
use super::{Obj, float, int, new_ref, str as pystr, tuple};
use crate::exceptions::{MoltError, MoltResult, value_or_raise};
use crate::{BuiltinClass, ExceptionKind};

/// A class as a value (a new reference). The type of the classes a program makes is `type`
/// itself as a value.
pub fn class_value(t: &'static TypeObject) -> Obj {
    if t.is(&super::class::HEAP_TYPE) {
        return new_ref(Obj::from_static(&TYPE_TYPE));
    }
    new_ref(Obj::from_static(t))
}

fn builtin_class(code: i32) -> Option<&'static TypeObject> {
    Some(match BuiltinClass::from_code(code)? {
        // Through `molt_enable_bytes`'s hook: only programs that name `bytes` link the type.
        BuiltinClass::Bytes => return super::bytes::bytes_class(),
        // Through `molt_enable_slices`'s hook, likewise.
        BuiltinClass::Slice => return super::slice_obj::slice_class(),
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
        BuiltinClass::Super => &super::super_::TYPE_SUPER,
        BuiltinClass::StaticMethod => &super::descr::TYPE_STATICMETHOD,
        BuiltinClass::ClassMethod => &super::descr::TYPE_CLASSMETHOD,
        BuiltinClass::Property => &super::descr::TYPE_PROPERTY,
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
    // A union (its arguments) or a generic alias (a TypeError), when a program enabled them.
    if let Some(r) = super::generic_alias::hooks().and_then(|h| (h.check)(a, cls, false)) {
        return r;
    }
    Err(MoltError::new(ExceptionKind::TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union"))
}

/// `isinstance(a, cls)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_isinstance(a: Obj, cls: Obj) -> bool {
    value_or_raise(isinstance(a, cls))
}

fn or_none(o: Option<Obj>) -> Obj {
    new_ref(o.unwrap_or_else(singletons::none))
}

/// `a.name` (`PyObject_GetAttr`): the generic protocol of objects with a `__dict__`
/// (instances of user classes, exceptions) and of classes, `super`'s lookup, else the
/// attributes builtin objects define.
pub fn getattr(a: Obj, name: &str) -> MoltResult<Obj> {
    let ty = a.type_of();
    if super::class::is_heap(ty) || exc::is_exception(a) {
        return super::instance::getattr(a, name);
    }
    if let Some(t) = as_type(a) {
        return super::class::type_getattr(t, name);
    }
    if super::super_::parts(a).is_some() {
        return super::super_::getattr(a, name);
    }
    if let Some(r) = super::module::getattr(a, name) {
        return r;
    }
    builtin_getattr(a, name)
}

/// `a.name` for the attributes builtin objects define (their getsets and methods; a method is
/// bound to `a`).
pub fn builtin_getattr(a: Obj, name: &str) -> MoltResult<Obj> {
    if name == "__class__" {
        return Ok(class_value(a.type_of()));
    }
    if exc::is_exception(a) {
        match name {
            "args" => return Ok(new_ref(exc::args_tuple(a))),
            "__cause__" => return Ok(or_none(exc::cause(a))),
            "__context__" => return Ok(or_none(exc::context(a))),
            "__suppress_context__" => return Ok(singletons::bool_obj(exc::suppress_context(a))),
            "__traceback__" => return Ok(singletons::none()),
            // `StopIteration.value` (a member `StopIteration_init` sets): `args[0]`, or None.
            "value" if exc::matches(a, ExceptionKind::StopIteration.code()) => {
                return Ok(or_none(exc::args(a).first().copied()));
            }
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
    if let Some(m) = ty.method(name) {
        return super::descr::builtin_method(a, m);
    }
    // The slot wrappers (`it.__next__`, `(5).__add__`); opaque to the optimiser (see
    // `generator::hooks`): only programs that may read one link them
    // (`molt_enable_protocol_methods`).
    if let Some(h) = protocol_hooks()
        && let Some(r) = (h.instance)(a, name)
    {
        return r;
    }
    Err(MoltError::new(ExceptionKind::AttributeError, format!("'{}' object has no attribute '{name}'", ty.name))
        .with_suggest(Suggest::attribute(ty.name, name)))
}

/// The dunders of builtin objects and classes as attributes (`builtin_dunder`), once a program
/// may read one of their names.
pub struct ProtocolHooks {
    /// Dunder `name` read from a builtin object (bound).
    pub instance: fn(Obj, &str) -> Option<MoltResult<Obj>>,
    /// Dunder `name` read from a builtin class other than `object`, the exception classes
    /// and the data bases.
    pub class: fn(&'static TypeObject, &str) -> Option<Obj>,
    /// Calls a builtin class's dunder (a wrapper object's call).
    pub call: fn(&'static TypeObject, super::builtin_dunder::Dunder, Obj, &[Obj], &[(&str, Obj)]) -> MoltResult<Obj>,
}

static PROTOCOL_HOOKS: ProtocolHooks = ProtocolHooks {
    instance: super::builtin_dunder::instance_attr,
    class: super::builtin_dunder::class_attr,
    call: super::builtin_dunder::call,
};

static PROTOCOL_HOOK: crate::sys::Global<Option<&'static ProtocolHooks>> = crate::sys::Global::new(None);

/// The hooks, once enabled.
#[inline]
pub fn protocol_hooks() -> Option<&'static ProtocolHooks> {
    core::hint::black_box(PROTOCOL_HOOK.with(|h| *h))
}

/// Dunder `name` of builtin class `t`, once enabled (see [`ProtocolHooks::class`]).
pub fn protocol_class_attr(t: &'static TypeObject, name: &str) -> Option<Obj> {
    protocol_hooks().and_then(|h| (h.class)(t, name))
}

/// Makes the dunders of builtin objects and classes readable (`it.__next__`, `(5).__add__`,
/// `int.__neg__`, `hasattr(x, "__iter__")`): the compiler calls it from `<module>` of a program
/// that names one of them, or reads an attribute whose name it does not know.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_protocol_methods() {
    PROTOCOL_HOOK.with(|h| *h = Some(&PROTOCOL_HOOKS));
}

/// Sets (or deletes, `value` None) one of the attributes of exceptions the builtin classes
/// define (`args`, `__cause__`, `__context__`, `__suppress_context__`, `__traceback__`), with
/// CPython's checks.
pub fn exception_setattr(a: Obj, name: &str, value: Option<Obj>) -> MoltResult<()> {
    let Some(v) = value else {
        return Err(MoltError::new(ExceptionKind::TypeError, format!("{name} may not be deleted")));
    };
    let exc_or_none = |what: &str| -> MoltResult<Option<Obj>> {
        if singletons::is_none(v) {
            Ok(None)
        } else if exc::is_exception(v) {
            Ok(Some(v))
        } else {
            Err(MoltError::new(ExceptionKind::TypeError, format!("exception {what} must be None or derive from BaseException")))
        }
    };
    match name {
        "args" => {
            let t = super::range::Owned(tuple::tuple_from_iter(v)?);
            exc::set_args(a, tuple::tuple_items(t.get()).unwrap_or(&[]))
        }
        "__cause__" => {
            let c = exc_or_none("cause")?;
            exc::set_cause(a, c);
            Ok(())
        }
        "__context__" => {
            let c = exc_or_none("context")?;
            exc::set_context(a, c);
            Ok(())
        }
        "__suppress_context__" => {
            exc::set_suppress_context(a, super::dispatch::truth(v)?);
            Ok(())
        }
        _ => {
            if singletons::is_none(v) {
                Ok(())
            } else {
                Err(MoltError::new(ExceptionKind::TypeError, "__traceback__ must be a traceback or None"))
            }
        }
    }
}

/// `a.name = value` (`value` Some) or `del a.name` (`PyObject_SetAttr`): classes, objects with
/// a `__dict__`, else CPython's errors for builtin objects ("'int' object has no attribute 'x'",
/// "'list' object attribute 'append' is read-only", "attribute 'real' of 'int' objects is not
/// writable").
pub fn setattr(a: Obj, name: Obj, value: Option<Obj>) -> MoltResult<()> {
    let n = attr_name(name)?;
    let ty = a.type_of();
    if super::class::is_heap(ty) || exc::is_exception(a) {
        return super::instance::setattr(a, name, value);
    }
    if let Some(t) = as_type(a) {
        return super::class::type_setattr(t, name, value);
    }
    if let Some(r) = super::module::setattr(a, name, value) {
        return r;
    }
    if let Some(r) = super::collections::setattr(a, n, value) {
        return r;
    }
    if let Some(r) = super::function::setattr(a, n, value) {
        return r;
    }
    // A data descriptor of a builtin class's namespace (a namedtuple class's field), through its
    // type's `descr_set` (not `descr::set`, whose general path every program would then link).
    if let Some(Ok(d)) = ty.ext.and_then(|e| e.namespace).and_then(|ns| ns(ty, n)) {
        let d = super::range::Owned(d);
        if let Some(set) = d.get().type_of().ext.and_then(|e| e.descr_set) {
            return set(d.get(), a, value);
        }
    }
    // A method or a slot wrapper (a non-data descriptor of the class: `(5).__add__ = f`).
    if ty.method(n).is_some() || protocol_hooks().is_some_and(|h| (h.instance)(a, n).is_some_and(|r| r.map(|v| drop(super::range::Owned(v))).is_ok())) {
        return Err(MoltError::new(ExceptionKind::AttributeError, format!("'{}' object attribute '{n}' is read-only", ty.name)));
    }
    let exists = match builtin_getattr(a, n) {
        Ok(v) => {
            drop(super::range::Owned(v));
            n != "__class__"
        }
        Err(_) => false,
    };
    if exists && ty.heap == Some(super::alloc::HeapKind::Tuple) {
        // A struct sequence's field (`sys.version_info.major`: a read-only member), or a
        // namedtuple class's attribute on an instance without a `__dict__` (`p._fields = 1`).
        return Err(MoltError::new(ExceptionKind::AttributeError, match ty.ext {
            None => String::from("readonly attribute"),
            Some(_) => format!("'{}' object attribute '{n}' is read-only", ty.name),
        }));
    }
    if exists {
        return Err(MoltError::new(ExceptionKind::AttributeError, format!("attribute '{n}' of '{}' objects is not writable", ty.name)));
    }
    if n == "__class__" {
        return Err(MoltError::new(ExceptionKind::TypeError, "__class__ assignment only supported for mutable types or ModuleType subclasses"));
    }
    Err(MoltError::new(ExceptionKind::AttributeError, format!("'{}' object has no attribute '{n}'", ty.name)))
}

/// `a.NAME = value` (`name` a str).
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_setattr(a: Obj, name: Obj, value: Obj) {
    value_or_raise(setattr(a, name, Some(value)));
}

/// `del a.NAME` (`name` a str).
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_delattr(a: Obj, name: Obj) {
    value_or_raise(setattr(a, name, None));
}

/// `PyObject_IsSubclass(derived, cls)` for classes and (nested) tuples of classes: TypeError
/// "issubclass() arg 1 must be a class", "issubclass() arg 2 must be a class, a tuple of
/// classes, or a union".
pub fn issubclass(derived: Obj, cls: Obj) -> MoltResult<bool> {
    if let Some(t) = as_type(cls) {
        let Some(d) = as_type(derived) else {
            return Err(MoltError::new(ExceptionKind::TypeError, "issubclass() arg 1 must be a class"));
        };
        return Ok(is_subtype(d, t));
    }
    if let Some(items) = tuple::tuple_items(cls) {
        return exc::nested(" in __subclasscheck__", || {
            for &c in items {
                if issubclass(derived, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        });
    }
    if as_type(derived).is_none() {
        return Err(MoltError::new(ExceptionKind::TypeError, "issubclass() arg 1 must be a class"));
    }
    if let Some(r) = super::generic_alias::hooks().and_then(|h| (h.check)(derived, cls, true)) {
        return r;
    }
    Err(MoltError::new(ExceptionKind::TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union"))
}

/// `except cls` for a class value (`PyErr_GivenExceptionMatches` after `ceval`'s check of the
/// clause): every class of `cls` (nested tuples) must derive from BaseException.
pub fn exc_matches_class(e: Obj, cls: Obj) -> MoltResult<bool> {
    fn check(cls: Obj) -> MoltResult<()> {
        if let Some(items) = tuple::tuple_items(cls) {
            return items.iter().try_for_each(|&c| check(c));
        }
        match as_type(cls) {
            Some(t) if is_subtype(t, &exc::BASE_EXCEPTION) => Ok(()),
            _ => Err(MoltError::new(ExceptionKind::TypeError, "catching classes that do not inherit from BaseException is not allowed")),
        }
    }
    check(cls)?;
    fn matches(e: Obj, cls: Obj) -> bool {
        if let Some(items) = tuple::tuple_items(cls) {
            return items.iter().any(|&c| matches(e, c));
        }
        as_type(cls).is_some_and(|t| exc::is_exception(e) && is_subtype(e.type_of(), t))
    }
    Ok(matches(e, cls))
}

/// `except cls` (see `abi.rs`).
#[unsafe(no_mangle)]
pub extern "C" fn molt_exc_matches_class(exc: Obj, cls: Obj) -> bool {
    value_or_raise(exc_matches_class(exc, cls))
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

