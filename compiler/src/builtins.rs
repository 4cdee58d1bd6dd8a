//! The builtin namespace, declared once: every builtin name the compiler knows, what it is as a
//! value, how a call of it lowers, and the recursion checks CPython makes when it runs.
//!
//! Relies on: the runtime's ABI (`abi.rs`) for the builtin classes and the exception classes
//! (each exception class of the runtime is a builtin name, with no entry here). Provides
//! `BuiltinId` (what the symbol table's `Binding::Builtin` holds) and, derived from the table,
//! everything else that used to list builtins: the names the front end resolves and names in
//! its help messages, the class behind each class name (`builtin_class`), the IR's `py.builtin`
//! operator of each callable one (`molt_ir::Builtin`, generated from ir-spec/ops.toml, whose
//! values are the same Python names) and the recursion levels inference emits. A unit test
//! checks that every `molt_ir::Builtin` has exactly one entry and that no two names collide.

use molt_ir::Builtin;

use crate::abi::{BuiltinClass, BuiltinFunction, EXCEPTION_KINDS, RtObj};

/// How a call of a builtin lowers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Call {
    /// `py.print`, with string-literal `sep=`/`end=` keywords.
    Print,
    /// `py.builtin` with this operator and this many positional arguments, of which the last
    /// ones may be left out: the str literals given here (`format(x)` is `format(x, '')`)
    /// take their place.
    Op(Builtin, usize, &'static [&'static str]),
    /// `py.builtin` with this operator: between `min` and `max` positional arguments (`None`:
    /// any number), and keyword arguments of these names; passed as given, keywords last.
    Args(Builtin, usize, Option<usize>, &'static [&'static str]),
    /// `py.builtin` with this operator and at most this many positional arguments, passed as
    /// given (`list()`, `list(x)`).
    UpTo(Builtin, usize),
    /// `bool()` (False) or `bool(x)`: `not not x`.
    Bool,
    /// `sorted(iterable, *, key=None, reverse=False)`: a new list (`list(iterable)`), sorted by
    /// its `sort` method with the keyword arguments given.
    Sorted,
    /// A new exception object (`py.exc_new`), with at most one positional argument.
    Exception,
    /// Called as a value (`py.call_value` of the builtin's object): the runtime binds the
    /// arguments and raises CPython's TypeErrors.
    Value,
    /// As `Value`, but not without arguments (`vars()`, `dir()`: the caller's local names).
    ValueOfArgument,
    /// Not callable in the subset yet.
    Unsupported,
}

/// What a builtin name denotes (as a value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A function; as a value, the runtime's builtin function object (`None`: none yet).
    Function(Option<BuiltinFunction>),
    /// A class of the runtime (`int`, `tuple`, …).
    Class(BuiltinClass),
    /// An exception class of the runtime: its kind.
    ExceptionClass(i32),
    /// A constant: the runtime's static object.
    Constant(RtObj),
}

/// One builtin name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decl {
    pub name: &'static str,
    pub kind: Kind,
    pub call: Call,
    /// The recursion checks CPython 3.11 makes when it runs the builtin, in order: (levels
    /// above the current frame, message).
    pub recursion: &'static [(i64, &'static str)],
}

const CALL: &str = "maximum recursion depth exceeded while calling a Python object";
const CMP: &str = "maximum recursion depth exceeded in comparison";

macro_rules! builtins {
    ($( $variant:ident = $name:literal, $kind:expr, $call:expr, $recursion:expr; )*) => {
        /// A builtin name: an entry of the table, or an exception class of the runtime.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum BuiltinId {
            $( $variant, )*
            /// An exception class: its index in `abi::EXCEPTION_KINDS`.
            Exception(u16),
        }

        impl BuiltinId {
            /// The builtins of the table, in its order (without the exception classes).
            pub const DECLARED: &[BuiltinId] = &[ $( BuiltinId::$variant ),* ];

            /// Its declaration (an exception class's is made from the ABI's list).
            pub fn decl(self) -> Decl {
                match self {
                    $( BuiltinId::$variant => Decl { name: $name, kind: $kind, call: $call, recursion: $recursion }, )*
                    BuiltinId::Exception(i) => {
                        let (name, kind) = EXCEPTION_KINDS.get(usize::from(i)).copied().unwrap_or(("", 0));
                        Decl { name, kind: Kind::ExceptionClass(kind), call: Call::Exception, recursion: &[] }
                    }
                }
            }

            /// The builtin called `name`, if there is one.
            pub fn lookup(name: &str) -> Option<BuiltinId> {
                match name {
                    $( $name => Some(BuiltinId::$variant), )*
                    _ => {
                        // CPython's aliases of OSError (`abi::exception_kind` knows them too).
                        let name = if matches!(name, "IOError" | "EnvironmentError") { "OSError" } else { name };
                        EXCEPTION_KINDS.iter().position(|(n, _)| *n == name).and_then(|i| u16::try_from(i).ok()).map(BuiltinId::Exception)
                    }
                }
            }
        }
    };
}

// The table. Recursion levels were measured with python3 at the limit: `abs` and `int` are one C
// call ("while calling a Python object"); `print` is the call and then `sys.stdout.write` (two
// levels, same message); `min`/`max` are the call, then a generic comparison one level deeper
// ("in comparison"); `range` compares its arguments (one level, "in comparison"); `float` makes
// no check. (Python-level comparisons also count until CPython's adaptive interpreter
// specializes them, which depends on how often they ran; Molt does not model that: see
// decisions/0005.) The callable ones come first, in the order help messages list them.
builtins! {
    Print = "print", Kind::Function(Some(BuiltinFunction::Print)), Call::Print, &[(2, CALL)];
    Abs = "abs", Kind::Function(Some(BuiltinFunction::Abs)), Call::Op(Builtin::Abs, 1, &[]), &[(1, CALL)];
    Min = "min", Kind::Function(Some(BuiltinFunction::Min)), Call::Args(Builtin::Min, 1, None, &["default", "key"]), &[(1, CALL), (2, CMP)];
    Max = "max", Kind::Function(Some(BuiltinFunction::Max)), Call::Args(Builtin::Max, 1, None, &["default", "key"]), &[(1, CALL), (2, CMP)];
    Int = "int", Kind::Class(BuiltinClass::Int), Call::Op(Builtin::Int, 1, &[]), &[(1, CALL)];
    Float = "float", Kind::Class(BuiltinClass::Float), Call::Op(Builtin::Float, 1, &[]), &[];
    Str = "str", Kind::Class(BuiltinClass::Str), Call::Op(Builtin::Str, 1, &[]), &[(1, CALL)];
    Repr = "repr", Kind::Function(Some(BuiltinFunction::Repr)), Call::Op(Builtin::Repr, 1, &[]), &[(1, CALL)];
    Ascii = "ascii", Kind::Function(Some(BuiltinFunction::Ascii)), Call::Op(Builtin::Ascii, 1, &[]), &[(1, CALL)];
    Format = "format", Kind::Function(Some(BuiltinFunction::Format)), Call::Op(Builtin::Format, 2, &[""]), &[(1, CALL)];
    Len = "len", Kind::Function(Some(BuiltinFunction::Len)), Call::Op(Builtin::Len, 1, &[]), &[(1, CALL)];
    Hash = "hash", Kind::Function(Some(BuiltinFunction::Hash)), Call::Op(Builtin::Hash, 1, &[]), &[(1, CALL)];
    Type = "type", Kind::Class(BuiltinClass::Type), Call::Op(Builtin::Type, 1, &[]), &[(1, CALL)];
    IsInstance = "isinstance", Kind::Function(Some(BuiltinFunction::Isinstance)), Call::Op(Builtin::IsInstance, 2, &[]), &[(1, CALL)];
    Range = "range", Kind::Class(BuiltinClass::Range), Call::Args(Builtin::Range, 1, Some(3), &[]), &[(1, CMP)];
    Enumerate = "enumerate", Kind::Class(BuiltinClass::Enumerate), Call::Args(Builtin::Enumerate, 1, Some(2), &["start"]), &[];
    Zip = "zip", Kind::Class(BuiltinClass::Zip), Call::Args(Builtin::Zip, 0, None, &["strict"]), &[(1, CALL)];
    Reversed = "reversed", Kind::Class(BuiltinClass::Reversed), Call::Args(Builtin::Reversed, 1, Some(1), &[]), &[];
    Sum = "sum", Kind::Function(Some(BuiltinFunction::Sum)), Call::Args(Builtin::Sum, 1, Some(2), &["start"]), &[(1, CALL)];
    Any = "any", Kind::Function(Some(BuiltinFunction::Any)), Call::Args(Builtin::Any, 1, Some(1), &[]), &[(1, CALL)];
    All = "all", Kind::Function(Some(BuiltinFunction::All)), Call::Args(Builtin::All, 1, Some(1), &[]), &[(1, CALL)];
    Next = "next", Kind::Function(Some(BuiltinFunction::Next)), Call::Args(Builtin::Next, 1, Some(2), &[]), &[(1, CALL)];
    Iter = "iter", Kind::Function(Some(BuiltinFunction::Iter)), Call::Args(Builtin::Iter, 1, Some(1), &[]), &[(1, CALL)];
    Round = "round", Kind::Function(Some(BuiltinFunction::Round)), Call::Args(Builtin::Round, 1, Some(2), &["ndigits"]), &[(1, CALL)];
    Divmod = "divmod", Kind::Function(Some(BuiltinFunction::Divmod)), Call::Args(Builtin::Divmod, 2, Some(2), &[]), &[(1, CALL)];
    Ord = "ord", Kind::Function(Some(BuiltinFunction::Ord)), Call::Args(Builtin::Ord, 1, Some(1), &[]), &[(1, CALL)];
    Chr = "chr", Kind::Function(Some(BuiltinFunction::Chr)), Call::Args(Builtin::Chr, 1, Some(1), &[]), &[(1, CALL)];
    Id = "id", Kind::Function(Some(BuiltinFunction::Id)), Call::Args(Builtin::Id, 1, Some(1), &[]), &[(1, CALL)];
    List = "list", Kind::Class(BuiltinClass::List), Call::UpTo(Builtin::List, 1), &[];
    Dict = "dict", Kind::Class(BuiltinClass::Dict), Call::Args(Builtin::Dict, 0, Some(1), &[]), &[];
    Set = "set", Kind::Class(BuiltinClass::Set), Call::Args(Builtin::Set, 0, Some(1), &[]), &[];
    Frozenset = "frozenset", Kind::Class(BuiltinClass::FrozenSet), Call::Args(Builtin::Frozenset, 0, Some(1), &[]), &[];
    // `sorted` lowers to `list()` and the `sort` method, which make no checks of their own yet.
    Sorted = "sorted", Kind::Function(Some(BuiltinFunction::Sorted)), Call::Sorted, &[];
    Object = "object", Kind::Class(BuiltinClass::Object), Call::Value, &[];
    Bool = "bool", Kind::Class(BuiltinClass::Bool), Call::Bool, &[];
    Tuple = "tuple", Kind::Class(BuiltinClass::Tuple), Call::Value, &[];
    Map = "map", Kind::Class(BuiltinClass::Map), Call::Value, &[];
    Filter = "filter", Kind::Class(BuiltinClass::Filter), Call::Value, &[];
    Callable = "callable", Kind::Function(Some(BuiltinFunction::Callable)), Call::Value, &[];
    Getattr = "getattr", Kind::Function(Some(BuiltinFunction::Getattr)), Call::Value, &[];
    Setattr = "setattr", Kind::Function(Some(BuiltinFunction::Setattr)), Call::Value, &[];
    Hasattr = "hasattr", Kind::Function(Some(BuiltinFunction::Hasattr)), Call::Value, &[];
    Delattr = "delattr", Kind::Function(Some(BuiltinFunction::Delattr)), Call::Value, &[];
    Issubclass = "issubclass", Kind::Function(Some(BuiltinFunction::Issubclass)), Call::Value, &[];
    Vars = "vars", Kind::Function(Some(BuiltinFunction::Vars)), Call::ValueOfArgument, &[];
    Dir = "dir", Kind::Function(Some(BuiltinFunction::Dir)), Call::ValueOfArgument, &[];
    Pow = "pow", Kind::Function(Some(BuiltinFunction::Pow)), Call::Value, &[];
    Hex = "hex", Kind::Function(Some(BuiltinFunction::Hex)), Call::Value, &[];
    Oct = "oct", Kind::Function(Some(BuiltinFunction::Oct)), Call::Value, &[];
    Bin = "bin", Kind::Function(Some(BuiltinFunction::Bin)), Call::Value, &[];
    Input = "input", Kind::Function(Some(BuiltinFunction::Input)), Call::Value, &[];
    Open = "open", Kind::Function(Some(BuiltinFunction::Open)), Call::Value, &[];
    // `super()` without arguments is `super(__class__, <first argument>)` (hir/classes.rs).
    Super = "super", Kind::Class(BuiltinClass::Super), Call::Value, &[];
    Staticmethod = "staticmethod", Kind::Class(BuiltinClass::StaticMethod), Call::Value, &[];
    Classmethod = "classmethod", Kind::Class(BuiltinClass::ClassMethod), Call::Value, &[];
    Property = "property", Kind::Class(BuiltinClass::Property), Call::Value, &[];
    Bytes = "bytes", Kind::Class(BuiltinClass::Bytes), Call::Value, &[];
    Slice = "slice", Kind::Class(BuiltinClass::Slice), Call::Value, &[];
    NotImplemented = "NotImplemented", Kind::Constant(RtObj::molt_not_implemented), Call::Unsupported, &[];
    Ellipsis = "Ellipsis", Kind::Constant(RtObj::molt_ellipsis), Call::Unsupported, &[];
    // True, as in CPython without `-O` (`python3 app.py`).
    Debug = "__debug__", Kind::Constant(RtObj::molt_true), Call::Unsupported, &[];
}

impl BuiltinId {
    pub fn name(self) -> &'static str {
        self.decl().name
    }

    /// The builtin whose calls lower to `py.builtin` with operator `op`.
    pub fn of_op(op: Builtin) -> Option<BuiltinId> {
        BuiltinId::DECLARED.iter().copied().find(|d| matches!(d.decl().call, Call::Op(o, ..) | Call::UpTo(o, _) | Call::Args(o, ..) if o == op))
    }
}

/// The names of the callable builtins other than the exception classes, in table order (for
/// help messages).
pub fn callable_names() -> impl Iterator<Item = &'static str> {
    BuiltinId::DECLARED.iter().map(|d| d.decl()).filter(|d| !matches!(d.call, Call::Unsupported)).map(|d| d.name)
}

/// The builtin class called `name` (not an exception class).
pub fn builtin_class(name: &str) -> Option<BuiltinClass> {
    match BuiltinId::lookup(name)?.decl().kind {
        Kind::Class(c) => Some(c),
        Kind::Function(_) | Kind::ExceptionClass(_) | Kind::Constant(_) => None,
    }
}

/// The constant called `name` (`NotImplemented`), as the runtime's static object.
pub fn constant(name: &str) -> Option<RtObj> {
    match BuiltinId::lookup(name)?.decl().kind {
        Kind::Constant(o) => Some(o),
        Kind::Function(_) | Kind::Class(_) | Kind::ExceptionClass(_) => None,
    }
}

/// The builtin function called `name`, as the runtime's object for it.
pub fn builtin_function(name: &str) -> Option<BuiltinFunction> {
    match BuiltinId::lookup(name)?.decl().kind {
        Kind::Function(f) => f,
        Kind::Class(_) | Kind::ExceptionClass(_) | Kind::Constant(_) => None,
    }
}

/// Whether `name` is one of the exception classes the runtime links only into programs that
/// name them (`molt_enable_exception_classes`): the kinds after `UnicodeEncodeError` but
/// `SystemError`.
pub fn is_later_exception(name: &str) -> bool {
    let code = |n: &str| crate::abi::exception_kind(n).unwrap_or(0);
    name != "SystemError" && code(name) > code("UnicodeEncodeError")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ir_builtin_has_one_entry_with_its_python_name() {
        for &b in Builtin::ALL {
            let entries: Vec<Decl> = BuiltinId::DECLARED.iter().map(|d| d.decl()).filter(|d| matches!(d.call, Call::Op(o, ..) | Call::UpTo(o, _) | Call::Args(o, ..) if o == b)).collect();
            assert_eq!(entries.len(), 1, "{b:?}");
            assert_eq!(entries[0].name, b.name());
            assert_eq!(BuiltinId::of_op(b).map(BuiltinId::name), Some(b.name()));
        }
    }

    #[test]
    fn names_are_unique_and_look_up_to_themselves() {
        let mut names: Vec<&str> = BuiltinId::DECLARED.iter().map(|d| d.name()).chain(EXCEPTION_KINDS.iter().map(|(n, _)| *n)).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n, "a builtin name is declared twice");
        for &id in BuiltinId::DECLARED {
            assert_eq!(BuiltinId::lookup(id.name()), Some(id));
        }
        for (i, (name, kind)) in EXCEPTION_KINDS.iter().enumerate() {
            let id = BuiltinId::lookup(name).expect("exception class");
            assert_eq!(id, BuiltinId::Exception(i as u16));
            assert_eq!(id.decl().kind, Kind::ExceptionClass(*kind));
        }
        assert_eq!(BuiltinId::lookup("eval"), None);
    }

    #[test]
    fn classes_and_help_names() {
        assert_eq!(builtin_class("tuple"), Some(BuiltinClass::Tuple));
        assert_eq!(builtin_class("int"), Some(BuiltinClass::Int));
        assert_eq!(builtin_class("len"), None);
        assert_eq!(builtin_class("ValueError"), None);
        let names: Vec<&str> = callable_names().collect();
        assert_eq!(names.join(", "), "print, abs, min, max, int, float, str, repr, ascii, format, len, hash, type, isinstance, range, enumerate, zip, reversed, sum, any, all, next, iter, round, divmod, ord, chr, id, list, dict, set, frozenset, sorted, object, bool, tuple, map, filter, callable, getattr, setattr, hasattr, delattr, issubclass, vars, dir, pow, hex, oct, bin, input, open, super, staticmethod, classmethod, property, bytes, slice");
    }
}
