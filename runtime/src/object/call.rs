//! Method calls on builtin objects: `recv.NAME(*args, **kwargs)` through the types' method
//! tables, and the argument checks of CPython's method calling conventions and Argument
//! Clinic.
//!
//! Relies on: `types::MethodDef` tables (each type's own, the bases' inherited); `attrs::getattr`
//! for a name that is no method (its AttributeError and "Did you mean" suggestion, exactly as
//! `molt_obj_getattr` raises them); `dispatch::as_index` and the `__index__` slots for integer
//! arguments. The references are CPython 3.11's `method_vectorcall_O`,
//! `method_vectorcall_NOARGS`, `method_check_args` (Objects/descrobject.c),
//! `_PyArg_CheckPositional`, `_PyArg_UnpackKeywords`, `error_unexpected_keyword_arg`
//! (Python/getargs.c), `_PyEval_SliceIndexNotNone` (Python/ceval.c), `_PyNumber_Index`,
//! `PyLong_AsSsize_t` and `_PyLong_AsInt`.
//!
//! Provides: the ABI's `molt_obj_lookup_method` and `molt_obj_call_method`, [`lookup_method`], [`call_method`], and the helpers methods use to
//! check their arguments: [`no_keywords`], [`exactly_one`], [`no_args`], [`check_positional`],
//! [`ssize_arg`], [`slice_index_not_none`], [`c_int_arg`], [`unpack_keywords`],
//! [`unpack_optional`].
//!
//! Invariants: every message is CPython's for the same call; a method receives its receiver
//! borrowed, its arguments borrowed, and returns a new reference. No bound method object is
//! ever made.

use alloc::format;
use alloc::vec::Vec;

use super::tuple::tuple_items;
use super::types::MethodDef;
use super::{Obj, decref, int};
use crate::ExceptionKind::{OverflowError, TypeError};
use crate::exceptions::{MoltResult, fail, value_or_raise};

/// `recv.name(*pos, **kw)`: the method of `recv`'s type, else the AttributeError of `recv.name`
/// (or, for an attribute that exists but is no method, TypeError "'int' object is not
/// callable").
pub fn call_method(recv: Obj, name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if let Some(m) = recv.type_of().method(name) {
        return (m.call)(recv, pos, kw);
    }
    let attr = super::attrs::getattr(recv, name)?;
    let ty = attr.type_of().name;
    // SAFETY: `getattr` returned a new reference.
    unsafe { decref(attr) };
    fail(TypeError, format!("'{ty}' object is not callable"))
}

/// `method_check_args`: "list.append() takes no keyword arguments".
pub fn no_keywords(recv: Obj, name: &str, kw: &[(&str, Obj)]) -> MoltResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        fail(
            TypeError,
            format!(
                "{}.{name}() takes no keyword arguments",
                recv.type_of().name
            ),
        )
    }
}

/// A `METH_O` method's argument: "list.append() takes exactly one argument (0 given)".
pub fn exactly_one(recv: Obj, name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords(recv, name, kw)?;
    match pos {
        [x] => Ok(*x),
        _ => fail(
            TypeError,
            format!(
                "{}.{name}() takes exactly one argument ({} given)",
                recv.type_of().name,
                pos.len()
            ),
        ),
    }
}

/// A `METH_NOARGS` method's check: "list.reverse() takes no arguments (1 given)".
pub fn no_args(recv: Obj, name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<()> {
    no_keywords(recv, name, kw)?;
    if pos.is_empty() {
        Ok(())
    } else {
        fail(
            TypeError,
            format!(
                "{}.{name}() takes no arguments ({} given)",
                recv.type_of().name,
                pos.len()
            ),
        )
    }
}

/// `_PyArg_CheckPositional(name, nargs, min, max)`: "insert expected 2 arguments, got 1",
/// "pop expected at most 1 argument, got 2", "index expected at least 1 argument, got 0".
pub fn check_positional(name: &str, nargs: usize, min: usize, max: usize) -> MoltResult<()> {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if nargs < min {
        let qual = if min == max { "" } else { "at least " };
        return fail(
            TypeError,
            format!(
                "{name} expected {qual}{min} argument{}, got {nargs}",
                plural(min)
            ),
        );
    }
    if nargs > max {
        let qual = if min == max { "" } else { "at most " };
        return fail(
            TypeError,
            format!(
                "{name} expected {qual}{max} argument{}, got {nargs}",
                plural(max)
            ),
        );
    }
    Ok(())
}

/// `_PyNumber_Index(o)` as an int value: TypeError "'str' object cannot be interpreted as an
/// integer".
fn index_value(o: Obj) -> MoltResult<(Option<i64>, bool)> {
    let Some(index) = o.type_of().index_slot() else {
        return fail(
            TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                o.type_of().name
            ),
        );
    };
    let i = index(o)?;
    let r = int::int_ref(i).map_or((Some(0), false), |r| (r.to_i64(), r.is_negative()));
    // SAFETY: `index` returned a new reference, used above.
    unsafe { decref(i) };
    Ok(r)
}

/// Argument Clinic's `Py_ssize_t` converter: `_PyNumber_Index` then `PyLong_AsSsize_t`
/// (OverflowError "Python int too large to convert to C ssize_t").
pub fn ssize_arg(o: Obj) -> MoltResult<i64> {
    match index_value(o)? {
        (Some(v), _) => Ok(v),
        (None, _) => fail(
            OverflowError,
            "Python int too large to convert to C ssize_t",
        ),
    }
}

/// Argument Clinic's `int` converter (`_PyLong_AsInt`): OverflowError "Python int too large to
/// convert to C int" outside the C int range.
pub fn c_int_arg(o: Obj) -> MoltResult<i32> {
    match index_value(o)? {
        (Some(v), _) => match i32::try_from(v) {
            Ok(v) => Ok(v),
            Err(_) => fail(OverflowError, "Python int too large to convert to C int"),
        },
        (None, _) => fail(OverflowError, "Python int too large to convert to C int"),
    }
}

/// `_PyEval_SliceIndexNotNone`: an index, clamped to the i64 range; TypeError "slice indices
/// must be integers or have an __index__ method".
pub fn slice_index_not_none(o: Obj) -> MoltResult<i64> {
    if o.type_of().index_slot().is_none() {
        return fail(
            TypeError,
            "slice indices must be integers or have an __index__ method",
        );
    }
    match index_value(o)? {
        (Some(v), _) => Ok(v),
        (None, true) => Ok(i64::MIN),
        (None, false) => Ok(i64::MAX),
    }
}

/// `_PyArg_UnpackKeywords`'s error for more than `n` arguments (`keyword` when only keywords
/// were given).
fn too_many_arguments<T>(fname: &str, n: usize, given: usize, keyword: bool) -> MoltResult<T> {
    fail(
        TypeError,
        format!(
            "{fname}() takes at most {n} {}argument{} ({given} given)",
            if keyword { "keyword " } else { "" },
            if n == 1 { "" } else { "s" }
        ),
    )
}

/// `_PyArg_UnpackKeywords` for a function `fname` whose parameters are all keyword-only
/// (`names`, none required; `list.sort`'s `key` and `reverse`): the value of each, by name.
pub fn unpack_keywords<const N: usize>(
    fname: &str,
    names: [&str; N],
    pos: &[Obj],
    kw: &[(&str, Obj)],
) -> MoltResult<[Option<Obj>; N]> {
    let mut out = [None; N];
    if kw.is_empty() && pos.is_empty() {
        return Ok(out);
    }
    let given = pos.len() + kw.len();
    if given > N {
        return too_many_arguments(fname, N, given, pos.is_empty());
    }
    if !pos.is_empty() {
        return fail(
            TypeError,
            format!("{fname}() takes no positional arguments"),
        );
    }
    let mut used = 0;
    for (slot, name) in out.iter_mut().zip(names) {
        if let Some(&(_, v)) = kw.iter().find(|(k, _)| *k == name) {
            *slot = Some(v);
            used += 1;
        }
    }
    if used < kw.len()
        && let Some((bad, _)) = kw.iter().find(|(k, _)| !names.contains(k))
    {
        return fail(
            TypeError,
            format!("'{bad}' is an invalid keyword argument for {fname}()"),
        );
    }
    Ok(out)
}

/// `_PyArg_UnpackKeywords` for a function `fname` whose parameters `names` are all optional and
/// positional-or-keyword (`str.split(sep=None, maxsplit=-1)`, `str.splitlines(keepends=False)`):
/// the value of each, by position or by name.
pub fn unpack_optional<const N: usize>(
    fname: &str,
    names: [&str; N],
    pos: &[Obj],
    kw: &[(&str, Obj)],
) -> MoltResult<[Option<Obj>; N]> {
    let mut out = [None; N];
    let given = pos.len() + kw.len();
    if given > N {
        return too_many_arguments(fname, N, given, pos.is_empty());
    }
    for (slot, &p) in out.iter_mut().zip(pos) {
        *slot = Some(p);
    }
    let mut left = kw.len();
    for i in pos.len()..N {
        if left == 0 {
            break;
        }
        if let Some(&(_, v)) = kw.iter().find(|(k, _)| *k == names[i]) {
            out[i] = Some(v);
            left -= 1;
        }
    }
    if left > 0 {
        for (i, name) in names.iter().enumerate().take(pos.len()) {
            if kw.iter().any(|(k, _)| k == name) {
                return fail(
                    TypeError,
                    format!(
                        "argument for {fname}() given by name ('{name}') and position ({})",
                        i + 1
                    ),
                );
            }
        }
        if let Some((bad, _)) = kw.iter().find(|(k, _)| !names.contains(k)) {
            return fail(
                TypeError,
                format!("'{bad}' is an invalid keyword argument for {fname}()"),
            );
        }
        return fail(TypeError, format!("invalid keyword argument for {fname}()"));
    }
    Ok(out)
}

/// The method `name` of `recv`'s type (`LOAD_METHOD`): `Some` for a method of the tables,
/// `None` for an attribute that is not a method, CPython's AttributeError otherwise.
pub fn lookup_method(recv: Obj, name: &str) -> MoltResult<Option<&'static MethodDef>> {
    if let Some(m) = recv.type_of().method(name) {
        return Ok(Some(m));
    }
    let attr = super::attrs::getattr(recv, name)?;
    // SAFETY: `getattr` returned a new reference.
    unsafe { decref(attr) };
    Ok(None)
}

/// The ABI's `molt_obj_lookup_method`.
///
/// # Safety
/// `name` must be valid for reads of `len` bytes (or null / `len <= 0`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_obj_lookup_method(recv: Obj, name: *const u8, len: i64) -> *const u8 {
    // SAFETY: forwarded caller contract.
    let name = unsafe { crate::exceptions::bytes_from_raw(name, len) };
    match lookup_method(recv, core::str::from_utf8(name).unwrap_or("")) {
        Ok(Some(m)) => core::ptr::from_ref(m).cast(),
        Ok(None) => core::ptr::null(),
        Err(e) => {
            value_or_raise::<Obj>(Err(e));
            core::ptr::null()
        }
    }
}

/// `recv.NAME(*args)` (`CALL` after `LOAD_METHOD`): `method` is what `molt_obj_lookup_method`
/// returned; the keyword arguments' values are last in `args`, named by `kwnames`
/// (comma-separated).
///
/// # Safety
/// `method` is null or an address `molt_obj_lookup_method` returned; `name` and `kwnames` must
/// be valid for reads of `len` and `kwlen` bytes (or null / a length `<= 0`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_obj_call_method(
    recv: Obj,
    method: *const u8,
    name: *const u8,
    len: i64,
    args: Obj,
    kwnames: *const u8,
    kwlen: i64,
) -> Obj {
    // SAFETY: forwarded caller contract.
    let (name, kwnames) = unsafe {
        (
            crate::exceptions::bytes_from_raw(name, len),
            crate::exceptions::bytes_from_raw(kwnames, kwlen),
        )
    };
    // The compiler passes identifiers: valid UTF-8.
    let name = core::str::from_utf8(name).unwrap_or("");
    let kwnames = core::str::from_utf8(kwnames).unwrap_or("");
    // SAFETY: a non-null `method` points into a static method table (caller contract).
    let method: Option<&'static MethodDef> = unsafe { method.cast::<MethodDef>().as_ref() };
    let Some(all) = tuple_items(args) else {
        return value_or_raise(fail(
            TypeError,
            "molt_obj_call_method: arguments not a tuple",
        ));
    };
    let names: Vec<&str> = if kwnames.is_empty() {
        Vec::new()
    } else {
        kwnames.split(',').collect()
    };
    let Some(npos) = all.len().checked_sub(names.len()) else {
        return value_or_raise(fail(
            TypeError,
            "molt_obj_call_method: more names than values",
        ));
    };
    let (pos, kwvalues) = all.split_at(npos);
    let kw: Vec<(&str, Obj)> = names.into_iter().zip(kwvalues.iter().copied()).collect();
    value_or_raise(match method {
        Some(m) => (m.call)(recv, pos, &kw),
        None => call_method(recv, &name, pos, &kw),
    })
}
