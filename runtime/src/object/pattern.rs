//! Structural pattern matching (`match`): the runtime side of CPython 3.11's MATCH_SEQUENCE,
//! MATCH_MAPPING, MATCH_CLASS and MATCH_KEYS (`Python/ceval.c`: `match_class`,
//! `match_class_attr`, `match_keys`). The compiler lowers everything else of a `match`
//! statement (length checks, `==`/`is` tests, unpacking, bindings, guards) to ordinary ops.
//!
//! Relies on: the heap kinds of the containers (a sequence is a list, tuple, range or deque, or
//! an object of a subclass of one; a mapping is a dict or one of its subtypes), `attrs`
//! (`isinstance`, `getattr`), `call` (a mapping's own `get`). Only programs with a `match`
//! statement link this module: the compiler's calls are its only references.
//!
//! Invariants: every result is a new reference (or word 0 with an exception pending); a
//! failed match is None (`molt_match_class`, `molt_match_keys`), never an exception; every
//! message is CPython's.

use alloc::format;
use alloc::vec::Vec;

use super::alloc::HeapKind;
use super::range::Owned;
use super::types::{TypeObject, as_type, is_subtype};
use super::{Obj, attrs, decref, dict, float, int, list, new_ref, set, singletons, str as pystr, tuple};
use crate::ExceptionKind::{AttributeError, TypeError, ValueError};
use crate::exceptions::{MoltError, MoltResult, fail, value_or_raise};

/// CPython's Py_TPFLAGS_SEQUENCE: list, tuple, range, deque (and their subclasses); never
/// str, bytes or dict.
#[unsafe(no_mangle)]
pub extern "C" fn molt_match_sequence(subject: Obj) -> bool {
    matches!(subject.type_of().heap, Some(HeapKind::List | HeapKind::Tuple | HeapKind::Range | HeapKind::Deque))
}

/// CPython's Py_TPFLAGS_MAPPING: dict and its subtypes (`OrderedDict`, `defaultdict`,
/// `Counter`, classes deriving from `dict`).
#[unsafe(no_mangle)]
pub extern "C" fn molt_match_mapping(subject: Obj) -> bool {
    matches!(subject.type_of().heap, Some(HeapKind::Dict | HeapKind::DictExt))
}

/// The name CPython's messages give a class (`tp_name`): a class statement's `__name__`, a
/// builtin type's full name.
fn tp_name(t: &'static TypeObject) -> &'static str {
    if super::class::is_heap(t) { t.short_name() } else { t.name }
}

/// `_Py_TPFLAGS_MATCH_SELF`, which subclasses inherit: `C(x)` matches the subject itself.
fn matches_self(t: &'static TypeObject) -> bool {
    let selfs: [&'static TypeObject; 9] = [
        &singletons::TYPE_BOOL,
        &int::molt_type_int,
        &float::molt_type_float,
        &pystr::molt_type_str,
        &tuple::molt_type_tuple,
        &list::molt_type_list,
        &dict::molt_type_dict,
        &set::molt_type_set,
        &set::molt_type_frozenset,
    ];
    selfs.iter().any(|&s| is_subtype(t, s)) || super::bytes::bytes_class().is_some_and(|b| is_subtype(t, b))
}

/// `match_class_attr`: `subject.name`, None when it has no such attribute; TypeError when a
/// sub-pattern named it before (`seen`: the names read before it, as CPython's set).
fn class_attr(subject: Obj, t: &'static TypeObject, name: Obj, seen: [&[Obj]; 2]) -> MoltResult<Option<Obj>> {
    let Some(text) = pystr::str_text(name) else {
        return fail(TypeError, format!("attribute name must be string, not '{}'", name.type_of().short_name()));
    };
    if seen.iter().flat_map(|s| s.iter()).any(|&s| s.is(name) || pystr::str_text(s) == Some(text)) {
        return fail(TypeError, format!("{}() got multiple sub-patterns for attribute {}", tp_name(t), pystr::str_repr(text)));
    }
    match attrs::getattr(subject, text) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.kind == AttributeError => Ok(None),
        Err(e) => Err(e),
    }
}

/// `match_class`: the attributes the sub-patterns match, or None for no match.
fn match_class(subject: Obj, cls: Obj, names: Obj, nargs: usize) -> MoltResult<Obj> {
    let Some(t) = as_type(cls) else {
        return fail(TypeError, "called match pattern must be a type");
    };
    if !attrs::isinstance(subject, cls)? {
        return Ok(singletons::none());
    }
    let Some(kw) = tuple::tuple_items(names) else {
        return fail(TypeError, "bad argument to molt_match_class (a compiler bug)");
    };
    // The names `__match_args__` gives the positional sub-patterns (none for a type that
    // matches itself), borrowed from `match_args`, which holds the tuple until the end.
    let mut read: &[Obj] = &[];
    let mut match_args: Option<Owned> = None;
    let mut out = Attrs(Vec::with_capacity(nargs + kw.len()));
    if nargs > 0 {
        match_args = match attrs::getattr(cls, "__match_args__") {
            Ok(o) => Some(Owned(o)),
            Err(e) if e.kind == AttributeError => None,
            Err(e) => return Err(e),
        };
        let positional = match &match_args {
            Some(m) => match tuple::tuple_items(m.get()).filter(|_| tuple::is_exact_tuple(m.get())) {
                Some(items) => Some(items),
                None => return fail(TypeError, format!("{}.__match_args__ must be a tuple (got {})", tp_name(t), m.get().type_of().short_name())),
            },
            None => None,
        };
        let match_self = positional.is_none() && matches_self(t);
        let allowed = if match_self { 1 } else { positional.map_or(0, <[Obj]>::len) };
        if allowed < nargs {
            let plural = if allowed == 1 { "" } else { "s" };
            return fail(TypeError, format!("{}() accepts {allowed} positional sub-pattern{plural} ({nargs} given)", tp_name(t)));
        }
        if match_self {
            out.0.push(new_ref(subject));
        } else {
            read = positional.map_or(&[], |p| &p[..nargs]);
            for (i, &name) in read.iter().enumerate() {
                if pystr::str_text(name).is_none() || !name.type_of().is(&pystr::molt_type_str) {
                    return fail(TypeError, format!("__match_args__ elements must be strings (got {})", name.type_of().short_name()));
                }
                match class_attr(subject, t, name, [&read[..i], &[]])? {
                    Some(v) => out.0.push(v),
                    None => return Ok(singletons::none()),
                }
            }
        }
    }
    for (j, &name) in kw.iter().enumerate() {
        match class_attr(subject, t, name, [read, &kw[..j]])? {
            Some(v) => out.0.push(v),
            None => return Ok(singletons::none()),
        }
    }
    let attrs = tuple::tuple_from_vec(core::mem::take(&mut out.0));
    drop(match_args);
    attrs
}

/// Owned references released on every early return.
struct Attrs(Vec<Obj>);

impl Drop for Attrs {
    fn drop(&mut self) {
        for &o in &self.0 {
            // SAFETY: each was a new reference this function owned.
            unsafe { decref(o) };
        }
    }
}

/// `case C(p1, …, pn, k1=…)`: `subject` an instance of type `cls`? A tuple of the `nargs`
/// attributes `cls.__match_args__` names (or the subject itself, for the types that match
/// themselves) then those named by tuple `names`; None when it is no instance or lacks one of
/// them. CPython's TypeErrors otherwise.
#[unsafe(no_mangle)]
pub extern "C" fn molt_match_class(subject: Obj, cls: Obj, names: Obj, nargs: i64) -> Obj {
    value_or_raise(match_class(subject, cls, names, usize::try_from(nargs).unwrap_or(0)))
}

/// `match_keys`: the values of `keys` in mapping `map`, or None when one is missing.
fn match_keys(map: Obj, keys: Obj) -> MoltResult<Obj> {
    let Some(keys) = tuple::tuple_items(keys) else {
        return fail(TypeError, "bad argument to molt_match_keys (a compiler bug)");
    };
    if keys.is_empty() {
        return tuple::new_tuple(0);
    }
    // A dict reads its table; any other mapping is asked through its own `get(key, dummy)`,
    // which makes no entry in a `defaultdict` (CPython calls `get` on every mapping; a dict's
    // is its table lookup).
    let exact = map.type_of().is(&dict::molt_type_dict);
    let seen = Owned(set::new_set(None)?);
    let dummy = Owned(list::new_list(0)?);
    let mut values = Attrs(Vec::new());
    for &key in keys {
        if set::contains_key(seen.get(), key)? {
            let r = super::dispatch::repr_of(key)?;
            return Err(MoltError::new(ValueError, format!("mapping pattern checks duplicate key ({r})")));
        }
        set::add_key(seen.get(), key)?;
        let value = if exact {
            dict::get_item(map, key)?
        } else {
            let v = super::call::call_method(map, "get", &[key, dummy.get()], &[])?;
            if v.is(dummy.get()) {
                // SAFETY: the call's new reference.
                unsafe { decref(v) };
                None
            } else {
                Some(v)
            }
        };
        match value {
            Some(v) => values.0.push(v),
            None => return Ok(singletons::none()),
        }
    }
    tuple::tuple_from_vec(core::mem::take(&mut values.0))
}

/// `case {k1: p1, …}`: a tuple of the values of the keys in tuple `keys`, read from `map` (a
/// mapping), or None when one is missing; ValueError "mapping pattern checks duplicate key
/// ('a')" when a key repeats.
#[unsafe(no_mangle)]
pub extern "C" fn molt_match_keys(map: Obj, keys: Obj) -> Obj {
    value_or_raise(match_keys(map, keys))
}
