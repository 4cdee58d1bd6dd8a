//! The methods of the builtin types, declared once: which ones the runtime implements, the types
//! of their results, and which CPython names Molt does not implement yet.
//!
//! Relies on: the runtime implementing every method marked supported here, with CPython's
//! argument errors (`molt_obj_call_method`); the names of the builtin types' methods in
//! CPython 3.11 (`dir(T)` without the dunder names; listed here). Provides [`lookup`]: what a
//! call `recv.NAME(...)` on a receiver of a known type does.
//!
//! Invariant: a call of a method that CPython has and the runtime lacks is never compiled (it
//! would raise an AttributeError that CPython does not): it is a diagnostic. A name that no
//! builtin type has compiles to the runtime's call, which raises CPython's AttributeError.

use molt_ir::Type;

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
const ANY: Option<TySet> = None;

/// The methods of `list` (all of them) and their result types.
const LIST_METHODS: &[(&str, Option<TySet>)] = &[
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

/// The methods of `tuple` (all of them).
const TUPLE_METHODS: &[(&str, Option<TySet>)] = &[("count", INT), ("index", INT)];

/// CPython 3.11's other attribute names of the builtin types (`dir()` without dunders), and of
/// exceptions and classes: calls of these are not compiled yet.
const NOT_YET: &[&str] = &[
    // str
    "capitalize", "casefold", "center", "count", "encode", "endswith", "expandtabs", "find", "format", "format_map", "index",
    "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric", "isprintable", "isspace",
    "istitle", "isupper", "join", "ljust", "lower", "lstrip", "maketrans", "partition", "removeprefix", "removesuffix",
    "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip",
    "swapcase", "title", "translate", "upper", "zfill",
    // int, bool, float
    "as_integer_ratio", "bit_count", "bit_length", "conjugate", "denominator", "from_bytes", "imag", "numerator", "real",
    "to_bytes", "fromhex", "hex", "is_integer",
    // exceptions, classes
    "with_traceback", "add_note", "args", "mro",
];

/// What `recv.name(...)` does for a receiver of type `recv` (an opaque object: `None`).
pub fn lookup(recv: Option<Type>, name: &str) -> Method {
    let table: &[(&str, Option<TySet>)] = match recv {
        Some(Type::List) => LIST_METHODS,
        Some(Type::Tuple(_)) => TUPLE_METHODS,
        Some(
            Type::Int | Type::Float | Type::Bool | Type::None | Type::Str | Type::TObj | Type::Obj | Type::Index | Type::I64 | Type::F64
            | Type::I1 | Type::Ptr | Type::Ref,
        )
        | None => &[],
    };
    if let Some(&(_, result)) = table.iter().find(|(n, _)| *n == name) {
        return Method::Supported(result);
    }
    if name.starts_with("__") && name.ends_with("__") || NOT_YET.contains(&name) {
        return Method::NotYet;
    }
    Method::Missing
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
        assert_eq!(lookup(Some(Type::Str), "upper"), Method::NotYet);
        assert_eq!(lookup(Some(Type::Int), "append"), Method::Missing);
        assert_eq!(lookup(Some(Type::List), "__len__"), Method::NotYet);
        assert_eq!(lookup(None, "count"), Method::NotYet);
        assert_eq!(lookup(Some(Type::tuple(&[])), "count"), Method::Supported(INT));
    }
}
