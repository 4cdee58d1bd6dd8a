//! The methods of the builtin types, declared once: which ones the runtime implements, the types
//! of their results, and which CPython names Molt does not implement yet.
//!
//! Relies on: the runtime implementing every method marked supported here, with CPython's
//! argument errors (`molt_obj_call_method`); the names of the builtin types' methods in
//! CPython 3.11 (`dir(T)` without the dunder names; listed here). Provides [`lookup`]: what a
//! call `recv.NAME(...)` on a receiver of a known type does.
//!
//! Invariant: a call of a method that CPython has and the runtime lacks on a receiver of a
//! static type (int, float, str, list, tuple) is never compiled (it would raise an
//! AttributeError that CPython does not): it is a diagnostic. A name that no builtin type has
//! compiles to the runtime's call, which raises CPython's AttributeError. A receiver of no
//! static type (an instance of a user class, a dict, a set, an exception) may have any method:
//! the runtime finds it.

use molt_ir::Type;

use crate::abi::RtFn;
use crate::infer::TySet;

/// What a method call on a receiver of one type does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// The runtime implements it; its result is one of these types (`None` for a result that
    /// may be any object).
    Supported(Option<TySet>),
    /// CPython has it; Molt does not implement it yet.
    NotYet,
    /// The type has no such method: CPython's AttributeError at run time.
    Missing,
}

const NONE: Option<TySet> = Some(TySet::NONE_TYPE);
const INT: Option<TySet> = Some(TySet::INT);
const LIST: Option<TySet> = Some(TySet::LIST);
const STR: Option<TySet> = Some(TySet::STR);
const BOOL: Option<TySet> = Some(TySet::BOOL);
const TUPLE: Option<TySet> = Some(TySet::TUPLE);
/// An object of none of the scalar types, tuple or list (a bytes object).
const OBJECT: Option<TySet> = Some(TySet::OBJECT);
const FLOAT: Option<TySet> = Some(TySet::FLOAT);
const ANY: Option<TySet> = None;

/// The methods of `str` the runtime implements, their result types and the runtime function
/// that makes their group callable (`<module>` calls it first; decisions/0021).
const STR_METHODS: &[(&str, Option<TySet>, RtFn)] = &[
    ("center", STR, RtFn::molt_enable_str_methods),
    ("count", INT, RtFn::molt_enable_str_methods),
    ("endswith", BOOL, RtFn::molt_enable_str_methods),
    ("expandtabs", STR, RtFn::molt_enable_str_methods),
    ("find", INT, RtFn::molt_enable_str_methods),
    ("index", INT, RtFn::molt_enable_str_methods),
    ("isascii", BOOL, RtFn::molt_enable_str_methods),
    ("isspace", BOOL, RtFn::molt_enable_str_methods),
    ("join", STR, RtFn::molt_enable_str_methods),
    ("ljust", STR, RtFn::molt_enable_str_methods),
    ("lstrip", STR, RtFn::molt_enable_str_methods),
    ("partition", TUPLE, RtFn::molt_enable_str_methods),
    ("removeprefix", STR, RtFn::molt_enable_str_methods),
    ("removesuffix", STR, RtFn::molt_enable_str_methods),
    ("replace", STR, RtFn::molt_enable_str_methods),
    ("rfind", INT, RtFn::molt_enable_str_methods),
    ("rindex", INT, RtFn::molt_enable_str_methods),
    ("rjust", STR, RtFn::molt_enable_str_methods),
    ("rpartition", TUPLE, RtFn::molt_enable_str_methods),
    ("rsplit", LIST, RtFn::molt_enable_str_methods),
    ("rstrip", STR, RtFn::molt_enable_str_methods),
    ("split", LIST, RtFn::molt_enable_str_methods),
    ("splitlines", LIST, RtFn::molt_enable_str_methods),
    ("startswith", BOOL, RtFn::molt_enable_str_methods),
    ("strip", STR, RtFn::molt_enable_str_methods),
    ("zfill", STR, RtFn::molt_enable_str_methods),
    ("lower", STR, RtFn::molt_enable_str_case_methods),
    ("upper", STR, RtFn::molt_enable_str_case_methods),
    ("swapcase", STR, RtFn::molt_enable_str_case_methods),
    ("capitalize", STR, RtFn::molt_enable_str_title_methods),
    ("casefold", STR, RtFn::molt_enable_str_title_methods),
    ("title", STR, RtFn::molt_enable_str_title_methods),
    ("isalnum", BOOL, RtFn::molt_enable_str_class_methods),
    ("isalpha", BOOL, RtFn::molt_enable_str_class_methods),
    ("isdecimal", BOOL, RtFn::molt_enable_str_class_methods),
    ("isdigit", BOOL, RtFn::molt_enable_str_class_methods),
    ("isidentifier", BOOL, RtFn::molt_enable_str_class_methods),
    ("islower", BOOL, RtFn::molt_enable_str_class_methods),
    ("isnumeric", BOOL, RtFn::molt_enable_str_class_methods),
    ("isprintable", BOOL, RtFn::molt_enable_str_class_methods),
    ("istitle", BOOL, RtFn::molt_enable_str_class_methods),
    ("isupper", BOOL, RtFn::molt_enable_str_class_methods),
    ("format", STR, RtFn::molt_enable_str_format),
    ("format_map", STR, RtFn::molt_enable_str_format),
    ("translate", STR, RtFn::molt_enable_str_methods),
    ("maketrans", ANY, RtFn::molt_enable_str_methods),
    ("encode", OBJECT, RtFn::molt_enable_bytes),
];

/// The result types of protocol slot wrapper `name` ([`is_protocol_dunder`]) called on a value
/// of static type `t` (`xs.__len__()`, `s.__contains__(c)`), if `t`'s objects have it: those of
/// the slots the runtime's type fills (`attrs::protocol_method`): list's six, str's and
/// tuple's four (no item assignment). Only on instances: the class attributes (`str.__len__`)
/// are another lookup.
pub fn instance_protocol_dunder(t: Type, name: &str) -> Option<Option<TySet>> {
    match t {
        Type::List | Type::Str | Type::Tuple(_) | Type::Int | Type::Float | Type::Bool | Type::None => {}
        Type::Obj | Type::TObj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref | Type::Class(_) | Type::Inst(_) => return None,
    }
    if !is_protocol_dunder(name) {
        return None;
    }
    // The results the slots give (a wrapper the type lacks raises AttributeError first, and
    // `__hash__` of a list is None, whose call raises).
    Some(match name {
        "__len__" | "__hash__" | "__index__" | "__int__" => INT,
        "__contains__" | "__bool__" => BOOL,
        "__repr__" | "__str__" | "__format__" => STR,
        "__float__" => FLOAT,
        "__setitem__" | "__delitem__" => NONE,
        "__iter__" => OBJECT,
        _ => ANY,
    })
}

/// The runtime function that makes str method `name` callable, if str has such a method.
pub fn str_group(name: &str) -> Option<RtFn> {
    STR_METHODS.iter().find(|m| m.0 == name).map(|m| m.2)
}

/// The dunders the runtime gives builtin objects and classes as attributes once
/// `molt_enable_protocol_methods` ran (its `builtin_dunder::Dunder`: CPython's slot wrappers,
/// and `__format__`).
const SLOT_DUNDERS: &[&str] = &[
    "__new__", "__init__", "__getitem__", "__setitem__", "__delitem__", "__len__", "__contains__", "__iter__", "__next__",
    "__repr__", "__str__", "__hash__", "__call__", "__bool__", "__index__", "__int__", "__float__", "__format__", "__divmod__", "__rdivmod__", "__eq__",
    "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__neg__", "__pos__", "__invert__", "__abs__", "__add__", "__radd__",
    "__iadd__", "__sub__", "__rsub__", "__isub__", "__mul__", "__rmul__", "__imul__", "__truediv__", "__rtruediv__",
    "__itruediv__", "__floordiv__", "__rfloordiv__", "__ifloordiv__", "__mod__", "__rmod__", "__imod__", "__pow__",
    "__rpow__", "__ipow__", "__lshift__", "__rlshift__", "__ilshift__", "__rshift__", "__rrshift__", "__irshift__",
    "__and__", "__rand__", "__iand__", "__or__", "__ror__", "__ior__", "__xor__", "__rxor__", "__ixor__",
];

/// Whether `name` is one of the dunders the runtime gives builtin objects and classes as
/// attributes once `molt_enable_protocol_methods` ran.
pub fn is_protocol_dunder(name: &str) -> bool {
    SLOT_DUNDERS.contains(&name)
}

/// Every runtime function that makes a group of str's methods callable (for a method named
/// at run time: `operator.methodcaller(name)`).
pub fn all_str_groups() -> impl Iterator<Item = RtFn> {
    STR_METHODS.iter().map(|m| m.2)
}

/// A type's methods, each with the types of its result (as `Method::Supported`).
type MethodTable = &'static [(&'static str, Option<TySet>)];

/// The methods of `list` (all of them) and their result types.
const LIST_METHODS: MethodTable = &[
    ("append", NONE),
    ("clear", NONE),
    ("copy", LIST),
    ("count", INT),
    ("extend", NONE),
    ("index", INT),
    ("insert", NONE),
    ("pop", ANY),
    ("remove", NONE),
    ("reverse", NONE),
    ("sort", NONE),
];

/// The methods of `int` the runtime implements (made callable by `molt_enable_number_methods`).
const INT_METHODS: MethodTable = &[
    ("bit_length", INT),
    ("bit_count", INT),
    ("to_bytes", OBJECT),
    ("from_bytes", INT),
    ("as_integer_ratio", TUPLE),
    ("conjugate", INT),
];

/// The methods of `float` the runtime implements (as `INT_METHODS`).
const FLOAT_METHODS: MethodTable = &[("is_integer", BOOL), ("as_integer_ratio", TUPLE), ("hex", STR), ("fromhex", FLOAT), ("conjugate", FLOAT)];

/// Whether `name` is a method of int or float that `molt_enable_number_methods` makes callable.
pub fn is_number_method(name: &str) -> bool {
    INT_METHODS.iter().chain(FLOAT_METHODS).any(|m| m.0 == name)
}

/// The methods of `tuple` (all of them).
const TUPLE_METHODS: MethodTable = &[("count", INT), ("index", INT)];

/// CPython 3.11's attribute names of each builtin type (`dir()` without dunders) that Molt does
/// not implement yet: calls of these are refused at compile time.
const STR_NOT_YET: &[&str] = &[];
const INT_NOT_YET: &[&str] = &["denominator", "imag", "numerator", "real"];
const FLOAT_NOT_YET: &[&str] = &["imag", "real"];
/// Exceptions and other objects.
const OBJECT_NOT_YET: &[&str] = &["with_traceback", "add_note", "args"];

/// What `recv.name(...)` does for a receiver of type `recv` (`None`: a value of a type not
/// known here — the front end refuses calls on the builtin classes themselves).
pub fn lookup(recv: Option<Type>, name: &str) -> Method {
    let (table, not_yet): (MethodTable, &[&[&str]]) = match recv {
        Some(Type::List) => (LIST_METHODS, &[]),
        Some(Type::Tuple(_)) => (TUPLE_METHODS, &[]),
        Some(Type::Str) => {
            return match STR_METHODS.iter().find(|m| m.0 == name) {
                Some(m) => Method::Supported(m.1),
                None if is_dunder(name) || STR_NOT_YET.contains(&name) => Method::NotYet,
                None => Method::Missing,
            };
        }
        Some(Type::Int | Type::Bool) => (INT_METHODS, &[INT_NOT_YET]),
        Some(Type::Float) => (FLOAT_METHODS, &[FLOAT_NOT_YET]),
        Some(Type::None) => (&[], &[]),
        Some(Type::TObj | Type::Class(_) | Type::Inst(_) | Type::Obj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref) => {
            (&[], &[STR_NOT_YET, INT_NOT_YET, FLOAT_NOT_YET, OBJECT_NOT_YET])
        }
        // Any other object: an instance of a user class may have any method, dunders included
        // (the runtime looks it up; CPython's AttributeError when there is none).
        None => {
            return if OBJECT_NOT_YET.contains(&name) { Method::NotYet } else { Method::Supported(ANY) };
        }
    };
    if let Some(&(_, result)) = table.iter().find(|(n, _)| *n == name) {
        return Method::Supported(result);
    }
    if is_dunder(name) || not_yet.iter().any(|l| l.contains(&name)) {
        return Method::NotYet;
    }
    Method::Missing
}

fn is_dunder(name: &str) -> bool {
    name.starts_with("__") && name.ends_with("__")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_method_is_supported() {
        for name in ["append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort"] {
            assert!(matches!(lookup(Some(Type::List), name), Method::Supported(_)), "{name}");
        }
        assert_eq!(lookup(Some(Type::List), "push"), Method::Missing);
        assert_eq!(lookup(Some(Type::Str), "upper"), Method::Supported(STR));
        assert_eq!(lookup(Some(Type::Str), "encode"), Method::Supported(OBJECT));
        assert_eq!(lookup(Some(Type::Str), "translate"), Method::Supported(STR));
        assert_eq!(lookup(Some(Type::Str), "push"), Method::Missing);
        assert_eq!(lookup(Some(Type::Int), "append"), Method::Missing);
        assert_eq!(lookup(Some(Type::List), "__len__"), Method::NotYet);
        assert_eq!(lookup(None, "count"), Method::Supported(ANY));
        assert_eq!(lookup(None, "bit_length"), Method::Supported(ANY));
        assert_eq!(lookup(None, "__init__"), Method::Supported(ANY));
        assert_eq!(lookup(None, "with_traceback"), Method::NotYet);
        assert_eq!(lookup(Some(Type::tuple(&[])), "count"), Method::Supported(INT));
    }
}

/// The dunders of `dict` and `list` that the runtime gives as slot wrappers (its
/// `builtin_dunder::Dunder`): `list.__init__(self, xs)`, `dict.__getitem__(d, k)`.
pub fn is_container_dunder(name: &str) -> bool {
    matches!(
        name,
        "__new__"
            | "__init__"
            | "__getitem__"
            | "__setitem__"
            | "__delitem__"
            | "__len__"
            | "__contains__"
            | "__iter__"
            | "__repr__"
            | "__eq__"
            | "__ne__"
            | "__lt__"
            | "__le__"
            | "__gt__"
            | "__ge__"
            | "__add__"
            | "__radd__"
            | "__iadd__"
            | "__mul__"
            | "__rmul__"
            | "__imul__"
            | "__or__"
            | "__ror__"
            | "__ior__"
    )
}
