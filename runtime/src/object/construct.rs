//! Calls of classes: `int("3")`, `list(it)`, `ValueError("x")`, `type(x)`: each builtin class
//! constructs with CPython's argument rules and errors.
//!
//! Relies on: the runtime's one constructor or conversion of each type (`convert::to_int` /
//! `parse_int_base` / `to_float`, `dispatch::str_object`, `tuple::tuple_from_iter`,
//! `list::list_from_iter`, `dict::update_arg`, `set::new_set` / `new_frozenset`,
//! `range::range_new`, `builtins_iter::enumerate` / `zip` / `reversed`, `map_filter`,
//! `exception::new_exception`, `function::new_cell`); `call` for the argument checks;
//! `callable` for the recursion checks and the depth of the calls a constructor makes. The
//! references are CPython 3.11's `type_call` / `type_vectorcall` (Objects/typeobject.c: "cannot
//! create 'list_iterator' instances", "type() takes 1 or 3 arguments", `object_new`), the
//! `tp_vectorcall` of each type (`long_new` through Argument Clinic, `float_vectorcall`,
//! `unicode_new`, `bool_vectorcall`, `tuple_vectorcall`, `list_vectorcall`, `dict_vectorcall`,
//! `set_vectorcall`, `frozenset_vectorcall`, `range_vectorcall`, `enumerate_vectorcall`,
//! `zip_new`, `reversed_vectorcall`, `map_vectorcall`, `filter_vectorcall`), `none_new`,
//! `notimplemented_new`, `BaseException_new` / `BaseException_init`, `func_new`, `cell_new`.
//!
//! Provides: [`construct`] (`cls(*args, **kw)` for any class, from `callable`), each type's
//! `new` slot (`list_new`, `dict_new`, …), and [`enable_class_calls`].
//!
//! Invariants: each constructor is reached only through its type object's `new` slot, so it is
//! linked only into the programs that link the type; nothing here names another type's object
//! (the recursion checks go by the class's name). The types every program links (`int`,
//! `float`, `str`, `bool`, `tuple`, `object`, `type`, the singletons' types, the exception
//! classes: some have costly constructors, the text parsers) share a slot that goes through a
//! hook, which [`enable_class_calls`] sets; the ABI functions that make a class a value call it
//! (`molt_builtin_class`, `molt_exception_class`, `molt_obj_type`, `molt_obj_getattr` of
//! `__class__`). Until then calling one of those classes raises NotImplementedError (a class
//! reached only through a method call `x.__class__(…)` in a program that makes no other class
//! value). The argument checks come in
//! CPython's order (keywords first for the types that take none); results are new references.
//! What Molt cannot make raises NotImplementedError. `type(name, bases, dict)` makes a class
//! (`class::class_new`); a class a program made constructs through its own `new` slot
//! (`slots::heap_new`).

use alloc::format;

use super::builtins_iter as bi;
use super::call::{check_positional, no_keywords_for, unpack_args};
use super::callable::{IN_COMPARISON, WHILE_CALLING, check_levels, with_depth};
use super::exception::{self as exc};
use super::range::Owned;
use super::types::{NewFn, TypeObject};
use super::{
    Header, Obj, convert, dict, dispatch, float, function, int, list, map_filter, new_ref, range,
    set, singletons, str as pystr, tuple,
};
use crate::ExceptionKind::{self, NotImplementedError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};

/// The recursion checks of a call of class `t` (the compiler's table for a direct call of the
/// same class; the classes it does not call directly: CPython's one C level), by name.
fn recursion_checks(t: &'static TypeObject) -> &'static [(i64, &'static str)] {
    if super::class::is_heap(t) {
        // `type_call` has no check of its own: `__init__`'s frame counts.
        return &[];
    }
    match t.name {
        "range" => &[(1, IN_COMPARISON)],
        "float" | "bool" | "tuple" | "list" | "dict" | "set" | "frozenset" | "enumerate"
        | "reversed" | "map" | "filter" => &[],
        _ => &[(1, WHILE_CALLING)],
    }
}

/// `cls(*pos, **kw)` from a frame at `depth` (`type_call`): the recursion checks, then the
/// class's `new` at the depth of its C level (where a function it calls counts from);
/// TypeError "cannot create 'list_iterator' instances" for a class without one.
pub fn construct(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)], depth: i64) -> MoltResult<Obj> {
    let checks = recursion_checks(t);
    check_levels(depth, checks)?;
    let Some(new) = t.new else {
        return fail(TypeError, format!("cannot create '{}' instances", t.name));
    };
    let level = i64::from(checks.first().is_some_and(|c| c.1 == WHILE_CALLING));
    with_depth(depth.saturating_add(level), || new(t, pos, kw))
}

/// The constructors of the classes every program links, once a class has been made a value.
static UNIVERSAL: crate::sys::Global<Option<NewFn>> = crate::sys::Global::new(None);

/// Makes the classes every program links callable (links their constructors): `int`, `float`,
/// `str`, `bool`, `tuple`, `object`, `type`, `NoneType`, `NotImplementedType` and the exception
/// classes.
pub fn enable_class_calls() {
    UNIVERSAL.with(|c| *c = Some(universal_new));
}

/// The `new` slot of the classes every program links: through the hook.
pub(crate) fn hooked_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match UNIVERSAL.with(|c| *c) {
        Some(new) => new(t, pos, kw),
        None => fail(
            NotImplementedError,
            format!("calling the class '{}' reached only as x.__class__ is not supported by Molt yet", t.name),
        ),
    }
}

/// The constructors of the classes every program links.
fn universal_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if t.heap == Some(super::alloc::HeapKind::Exception) {
        return exception_new(t, pos, kw);
    }
    let new: NewFn = match t.name {
        "int" => |_, pos, kw| int_new(pos, kw),
        "float" => |_, pos, kw| match at_most_one("float", pos, kw)? {
            None => float::box_float(0.0),
            Some(x) if x.type_of().is(&float::molt_type_float) => Ok(new_ref(x)),
            Some(x) => float::box_float(convert::to_float(x)?),
        },
        "str" => |_, pos, kw| str_new(pos, kw),
        "bool" => bool_new,
        "tuple" => tuple_new,
        "object" => object_new,
        "type" => type_new,
        "NoneType" | "NotImplementedType" => none_new,
        _ => return fail(TypeError, format!("cannot create '{}' instances", t.name)),
    };
    new(t, pos, kw)
}

/// The one optional positional argument of a type that takes no keywords (`list_vectorcall`'s
/// checks): "list() takes no keyword arguments", "list expected at most 1 argument, got 2".
fn at_most_one(name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Option<Obj>> {
    no_keywords_for(name, kw)?;
    check_positional(name, pos.len(), 0, 1)?;
    Ok(pos.first().copied())
}

/// `bool(x=False, /)`.
fn bool_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let x = at_most_one("bool", pos, kw)?;
    Ok(singletons::bool_obj(match x {
        Some(x) => dispatch::truth(x)?,
        None => false,
    }))
}

/// `tuple(iterable=(), /)`.
fn tuple_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match at_most_one("tuple", pos, kw)? {
        Some(x) => tuple::tuple_from_iter(x),
        None => tuple::tuple_from_vec(alloc::vec::Vec::new()),
    }
}

/// `list(iterable=(), /)`.
pub(crate) fn list_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match at_most_one("list", pos, kw)? {
        Some(x) => list::list_from_iter(x),
        None => list::new_list(0),
    }
}

/// `set(iterable=(), /)`.
pub(crate) fn set_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    set::new_set(at_most_one("set", pos, kw)?)
}

/// `frozenset(iterable=(), /)`.
pub(crate) fn frozenset_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    set::new_frozenset(at_most_one("frozenset", pos, kw)?)
}

/// `range(stop)`, `range(start, stop[, step])` (`range_vectorcall`).
pub(crate) fn range_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("range", kw)?;
    let (zero, one) = (Obj::default(), Obj::small(1).unwrap_or_default());
    match *pos {
        [] => fail(TypeError, "range expected at least 1 argument, got 0"),
        [stop] => range::range_new(zero, stop, one),
        [start, stop] => range::range_new(start, stop, one),
        [start, stop, step] => range::range_new(start, stop, step),
        _ => fail(TypeError, format!("range expected at most 3 arguments, got {}", pos.len())),
    }
}

/// `reversed(sequence, /)`.
pub(crate) fn reversed_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("reversed", kw)?;
    check_positional("reversed", pos.len(), 1, 1)?;
    bi::reversed(pos[0])
}

/// `map(func, *iterables)` (`map_vectorcall`).
pub(crate) fn map_new_slot(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("map", kw)?;
    match pos.split_first() {
        Some((&func, iterables)) => map_filter::map_new(func, iterables),
        None => fail(TypeError, "map() must have at least two arguments."),
    }
}

/// `filter(function, iterable, /)` (`filter_vectorcall`).
pub(crate) fn filter_new_slot(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("filter", kw)?;
    check_positional("filter", pos.len(), 2, 2)?;
    map_filter::filter_new(pos[0], pos[1])
}

/// `type(x)` (`type_vectorcall` / `type_new`).
fn type_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match (pos, kw) {
        ([x], []) => Ok(super::attrs::class_value(x.type_of())),
        ([_], _) => fail(TypeError, "type() takes no keyword arguments"),
        ([name, bases, ns], _) => super::class::class_new(*name, *bases, *ns, singletons::none(), 0),
        _ => fail(TypeError, "type() takes 1 or 3 arguments"),
    }
}

/// `object()` (`object_new`): a bare header.
fn object_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if !pos.is_empty() || !kw.is_empty() {
        return fail(TypeError, "object() takes no arguments");
    }
    let p = super::alloc::alloc_raw(core::alloc::Layout::new::<Header>(), &super::types::TYPE_OBJECT)?;
    // SAFETY: a fresh block holding just a header, written by `alloc_raw`.
    Ok(unsafe { Obj::from_header(p) })
}

/// `type(None)()`, `type(NotImplemented)()` (`none_new`, `notimplemented_new`): the singleton.
fn none_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if !pos.is_empty() || !kw.is_empty() {
        return fail(TypeError, format!("{} takes no arguments", t.name));
    }
    Ok(if t.is(&singletons::TYPE_NONE) { singletons::none() } else { singletons::not_implemented() })
}

/// `function(code, globals, name=None, argdefs=None, closure=None)` (`func_new`): Molt has no
/// code objects, so the checks of the arguments end in CPython's TypeError for `code`.
pub(crate) fn function_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [code, _, _, _, _] = unpack_args("function", ["code", "globals", "name", "argdefs", "closure"], 0, 2, 5, pos, kw)?;
    let name = code.map_or("NULL", |c| c.type_of().name);
    fail(TypeError, format!("function() argument 'code' must be code, not {name}"))
}

/// `cell(contents=<empty>, /)` (`cell_new`).
pub(crate) fn cell_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    function::new_cell(at_most_one("cell", pos, kw)?)
}

/// `int(x=0, /, base=10)` (`long_new_impl`).
fn int_new(pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [x, base] = unpack_args("int", ["", "base"], 1, 0, 2, pos, kw)?;
    let Some(x) = x else {
        if base.is_some() {
            return fail(TypeError, "int() missing string argument");
        }
        return int::from_i64(0);
    };
    let Some(base) = base else {
        return convert::to_int(x);
    };
    let b = super::builtins_num::clamped_index(base)?;
    if (b != 0 && b < 2) || b > 36 {
        return fail(ValueError, "int() base must be >= 2 and <= 36, or 0");
    }
    match pystr::str_text(x) {
        Some(text) => convert::parse_int_base(text, u32::try_from(b).unwrap_or(10)),
        None => fail(TypeError, "int() can't convert non-string with explicit base"),
    }
}

/// `str(object='', encoding='utf-8', errors='strict')` (`unicode_new_impl`): with an encoding
/// or errors, a bytes object is decoded (through the bytes hooks: a program without bytes
/// objects links no codec); TypeError "decoding str is not supported" for a str, "decoding to
/// str: need a bytes-like object, int found" for the rest.
fn str_new(pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [x, encoding, errors] = unpack_args("str", ["object", "encoding", "errors"], 0, 0, 3, pos, kw)?;
    for (which, v) in [("encoding", encoding), ("errors", errors)] {
        if let Some(v) = v
            && pystr::str_text(v).is_none()
        {
            return fail(TypeError, format!("str() argument '{which}' must be str, not {}", v.type_of().name));
        }
    }
    match x {
        None => Ok(new_ref(Obj::from_static(&pystr::EMPTY_STR))),
        Some(x) if encoding.is_none() && errors.is_none() => dispatch::str_object(x),
        Some(x) => match super::bytes::hooks() {
            Some(h) if x.type_of().is(h.class) => (h.decode)(x, encoding.and_then(pystr::str_text), errors.and_then(pystr::str_text)),
            Some(_) | None if pystr::str_text(x).is_some() => fail(TypeError, "decoding str is not supported"),
            Some(_) | None => fail(TypeError, format!("decoding to str: need a bytes-like object, {} found", x.type_of().name)),
        },
    }
}

/// `dict(iterable=(), /, **kw)` (`dict_vectorcall`): the positional argument's items, then the
/// keywords in order.
pub(crate) fn dict_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    check_positional("dict", pos.len(), 0, 1)?;
    let d = Owned(dict::new_dict()?);
    if let Some(&a) = pos.first() {
        dict::update_arg(d.get(), a)?;
    }
    for &(k, v) in kw {
        let key = Owned(pystr::str_from_text(k)?);
        dict::set_item(d.get(), key.get(), v)?;
    }
    Ok(d.release())
}

/// `enumerate(iterable, start=0)` (`enumerate_vectorcall`, which checks its keywords itself).
pub(crate) fn enumerate_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let check = |i: usize, name: &str| match kw.get(i) {
        Some((k, _)) if *k != name => fail(TypeError, format!("'{k}' is an invalid keyword argument for enumerate()")),
        _ => Ok(()),
    };
    let zero = Obj::default();
    let given = pos.len() + kw.len();
    if given == 2 {
        return match (pos, kw) {
            ([it, start], []) => bi::enumerate(*it, *start),
            ([it], [_]) => {
                check(0, "start")?;
                bi::enumerate(*it, kw[0].1)
            }
            (_, [(first, a), (_, b)]) => {
                if *first == "start" {
                    check(1, "iterable")?;
                    return bi::enumerate(*b, *a);
                }
                check(0, "iterable")?;
                check(1, "start")?;
                bi::enumerate(*a, *b)
            }
            _ => fail(TypeError, "enumerate() takes at most 2 arguments (2 given)"),
        };
    }
    if given == 1 {
        if let Some(&(_, it)) = kw.first() {
            check(0, "iterable")?;
            return bi::enumerate(it, zero);
        }
        return bi::enumerate(pos[0], zero);
    }
    if pos.is_empty() {
        return fail(TypeError, "enumerate() missing required argument 'iterable'");
    }
    fail(TypeError, format!("enumerate() takes at most 2 arguments ({given} given)"))
}

/// `zip(*iterables, strict=False)` (`zip_new`).
pub(crate) fn zip_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let strict = if kw.is_empty() {
        false
    } else {
        let [strict] = super::call::unpack_keywords("zip", ["strict"], &[], kw)?;
        match strict {
            Some(s) => dispatch::truth(s)?,
            None => false,
        }
    };
    let args = Owned(tuple::tuple_from_slice(pos)?);
    bi::zip(args.get(), strict)
}

/// `ValueError(*args)` (`BaseException_new` / `BaseException_init`): no keywords.
fn exception_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for(t.name, kw)?;
    let Some(kind) = ExceptionKind::ALL.iter().find(|&&k| exc::exception_type(k).is(t)) else {
        return fail(NotImplementedError, format!("{}() is not supported by Molt", t.name));
    };
    let _ = kind;
    exc::new_of_type(t, pos)
}
