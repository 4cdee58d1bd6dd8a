//! Calls of values: `callee(*args, **kw)` for any object, the frame depth of the calls the
//! runtime makes itself, and `callable()`.
//!
//! Relies on: the `tp_call` slot of the types whose instances are callable (`function`'s in
//! `function`, `builtin_function_or_method`'s in `builtin_fn`); `construct` for calls of
//! classes (each class's `new` slot); the compiled bodies' depth convention (decisions/0005: the
//! module's frame is 1, each call one deeper, RecursionError past the recursion limit, `molt_recursion_limit`). The
//! references are CPython 3.11's `_PyObject_MakeTpCall` / `PyObject_Vectorcall`
//! (Objects/call.c: "'int' object is not callable"), `_Py_EnterRecursiveCallTstate`
//! (Include/internal/pycore_ceval.h) and `PyCallable_Check`.
//!
//! Provides: [`call_object`] (a call the runtime makes: a key function, the function `map`
//! applies), [`call_at`] (a call from a frame at a known depth), [`is_callable`],
//! [`not_callable`], [`check_levels`] / [`with_depth`] (the recursion checks and the depth of a
//! builtin's C level), [`enter_depth`] / [`leave_depth`] / [`current_depth`]; the ABI's
//! `molt_call`, `molt_call_ex`, `molt_kwargs_merge`.
//!
//! Invariants: the *current depth* is the frame depth of the innermost call that went through
//! `molt_call` or the runtime (a function's new frame, or a builtin's C level): CPython keeps it
//! in the thread state, Molt's generated code passes it from frame to frame instead and does
//! not update it on its direct calls, so a call the runtime makes from a function that compiled
//! code called directly counts from the nearest frame entered through the runtime (never
//! deeper than the truth: a recursion that goes through the runtime still reaches the limit).
//! It is restored when each call returns, with or without an exception. A call of a function
//! object through `molt_call` returns the compiled body's result word as it is (its exception
//! stays pending untouched); a call the runtime makes takes a raised exception into a
//! `MoltError` (`MoltError::take_raised`), restored exactly when the error is raised again.
//! Nothing here names a type object with a `tp_call` or `new` slot: the calls go through the
//! slots, so a program links only the callables it can make.

use alloc::format;
use alloc::vec::Vec;

use super::range::Owned;
use super::types::as_type;
use super::{Obj, dict, dispatch, function, str as pystr, tuple};
use crate::ExceptionKind::{RecursionError, TypeError};
use crate::exceptions::{MoltResult, fail, value_or_raise};
use crate::RECURSION_MSG;
use crate::exceptions::recursion_limit;

/// The recursion checks' message suffix of a call of a C function (`_Py_EnterRecursiveCall`).
pub const WHILE_CALLING: &str = " while calling a Python object";
/// The suffix of a comparison's check (`PyObject_RichCompare`).
pub const IN_COMPARISON: &str = " in comparison";

/// The frame depth of the innermost call entered through the runtime (1: the module's).
pub fn current_depth() -> i64 {
    depth::get()
}

/// Makes `d` the current depth; returns the previous one, for [`leave_depth`].
pub fn enter_depth(d: i64) -> i64 {
    let old = depth::get();
    depth::set(d);
    old
}

/// Restores the depth [`enter_depth`] returned.
pub fn leave_depth(old: i64) {
    depth::set(old);
}

/// Runs `f` with the current depth `d`.
pub fn with_depth<R>(d: i64, f: impl FnOnce() -> R) -> R {
    let old = enter_depth(d);
    let r = f();
    leave_depth(old);
    r
}

/// The recursion checks CPython makes when a frame at `depth` runs a builtin, in order: each
/// `(levels, suffix)` raises RecursionError "maximum recursion depth exceeded{suffix}" when
/// `depth + levels` passes the limit (the same table as the compiler's direct calls).
pub fn check_levels(depth: i64, checks: &[(i64, &str)]) -> MoltResult<()> {
    for &(levels, suffix) in checks {
        if depth > recursion_limit().saturating_sub(levels) {
            return fail(RecursionError, format!("{RECURSION_MSG}{suffix}"));
        }
    }
    Ok(())
}

/// CPython's TypeError for calling what is not callable: "'int' object is not callable".
pub fn not_callable<T>(callee: Obj) -> MoltResult<T> {
    fail(TypeError, format!("'{}' object is not callable", callee.type_of().name))
}

/// `callable(o)` (`PyCallable_Check`): classes and the instances of types with `tp_call`.
pub fn is_callable(o: Obj) -> bool {
    o.type_of().call_slot().is_some() || as_type(o).is_some()
}

/// `callee(*pos, **kw)` from a frame at `depth`.
pub fn call_at(callee: Obj, pos: &[Obj], kw: &[(&str, Obj)], depth: i64) -> MoltResult<Obj> {
    if let Some(call) = callee.type_of().call_slot() {
        return call(callee, pos, kw, depth);
    }
    if let Some(t) = as_type(callee) {
        return super::construct::construct(t, pos, kw, depth);
    }
    not_callable(callee)
}

/// `callee(*pos, **kw)` called by the runtime (CPython's `PyObject_Call` from C code), from the
/// current depth.
///
/// A function object called with exactly its positional parameters (a key function, `map`'s
/// function) runs straight through its code (`function::positional_code`): no slot lookup, no
/// binding.
pub fn call_object(callee: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if kw.is_empty()
        && let Some(code) = function::positional_code(callee, pos.len())
    {
        let r = function::run_positional(callee, code, pos, current_depth());
        if crate::exceptions::exception_pending() {
            return Err(crate::exceptions::MoltError::take_raised());
        }
        return Ok(r);
    }
    call_at(callee, pos, kw, current_depth())
}

/// A TypeError for arguments the compiler should never pass.
fn compiler_bug<T>() -> MoltResult<T> {
    fail(TypeError, "bad argument to molt_call (a compiler bug)")
}

/// `callee(*args, **kw)` (see `abi.rs`): `args` holds the positional arguments then the keyword
/// arguments' values, named by the strs of `kwnames`; `depth` is the caller's frame depth. All
/// borrowed; a function object's result (or pending exception) is the compiled body's.
#[unsafe(no_mangle)]
pub extern "C" fn molt_call(callee: Obj, args: Obj, kwnames: Obj, depth: i64) -> Obj {
    let (Some(all), Some(names)) = (tuple::tuple_items(args), tuple::tuple_items(kwnames)) else {
        return value_or_raise(compiler_bug());
    };
    if names.is_empty() {
        if function::is_function(callee) {
            return function::call_raw(callee, all, &[], depth);
        }
        return value_or_raise(call_at(callee, all, &[], depth));
    }
    let Some(npos) = all.len().checked_sub(names.len()) else {
        return value_or_raise(compiler_bug());
    };
    let (pos, values) = all.split_at(npos);
    let mut kw: Vec<(&str, Obj)> = Vec::new();
    if kw.try_reserve_exact(names.len()).is_err() {
        return value_or_raise(super::alloc::memory_error());
    }
    for (&n, &v) in names.iter().zip(values) {
        match pystr::str_text(n) {
            Some(k) => kw.push((k, v)),
            None => return value_or_raise(fail(TypeError, "keywords must be strings")),
        }
    }
    if function::is_function(callee) {
        return function::call_raw(callee, pos, &kw, depth);
    }
    value_or_raise(call_at(callee, pos, &kw, depth))
}

/// `callee(*args)` with the arguments in the caller's array (see `abi.rs`): `args` (`nargs`
/// words, a spilled array) are the positional arguments, then the keyword arguments' values,
/// named by `kwnames` (comma-separated UTF-8, `kwlen` bytes; no keywords when `kwlen <= 0`);
/// `depth` is the caller's frame depth. A function object's body reads the positional-only
/// case's words in place (`function::call_raw`).
///
/// # Safety
/// `args` must be valid for reads of `nargs` words and `kwnames` of `kwlen` bytes (when
/// positive).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_call_args(callee: Obj, kwnames: *const u8, kwlen: i64, depth: i64, args: *const u8, nargs: i64) -> Obj {
    // SAFETY: forwarded caller contract.
    let all = unsafe { crate::exceptions::objs_from_raw(args, nargs) };
    if kwlen <= 0 {
        if function::is_function(callee) {
            return function::call_raw(callee, all, &[], depth);
        }
        return value_or_raise(call_at(callee, all, &[], depth));
    }
    // SAFETY: forwarded caller contract.
    let kwnames = unsafe { crate::exceptions::bytes_from_raw(kwnames, kwlen) };
    // The compiler passes identifiers: valid UTF-8.
    let names: Vec<&str> = core::str::from_utf8(kwnames).unwrap_or("").split(',').collect();
    let Some(npos) = all.len().checked_sub(names.len()) else {
        return value_or_raise(compiler_bug());
    };
    let (pos, values) = all.split_at(npos);
    let kw: Vec<(&str, Obj)> = names.into_iter().zip(values.iter().copied()).collect();
    if function::is_function(callee) {
        return function::call_raw(callee, pos, &kw, depth);
    }
    value_or_raise(call_at(callee, pos, &kw, depth))
}

/// `callee(*args, **kwargs)` (see `abi.rs`): the dict's items become keyword arguments, in
/// order; a key that is not a str is CPython's "keywords must be strings".
#[unsafe(no_mangle)]
pub extern "C" fn molt_call_ex(callee: Obj, args: Obj, kwargs: Obj, depth: i64) -> Obj {
    let Some(pos) = tuple::tuple_items(args) else {
        return value_or_raise(compiler_bug());
    };
    if !dict::is_dict(kwargs) {
        return value_or_raise(compiler_bug());
    }
    let kw = match keywords_of(kwargs) {
        Ok(kw) => kw,
        Err(e) => return value_or_raise(Err(e)),
    };
    // The dict (the caller's) keeps every key and value alive during the call.
    if function::is_function(callee) {
        return function::call_raw(callee, pos, &kw, depth);
    }
    value_or_raise(call_at(callee, pos, &kw, depth))
}

/// The items of keyword-argument dict `kwargs` as a call's keywords (borrowed from the dict):
/// CPython's "keywords must be strings" for a key that is not a str.
fn keywords_of<'a>(kwargs: Obj) -> MoltResult<Vec<(&'a str, Obj)>> {
    let mut kw: Vec<(&str, Obj)> = Vec::new();
    for i in 0..dict::nentries(kwargs) {
        if let Some((k, v, _)) = dict::entry_at(kwargs, i) {
            match pystr::str_text(k) {
                Some(k) => kw.push((k, v)),
                None => return fail(TypeError, "keywords must be strings"),
            }
        }
    }
    Ok(kw)
}

/// `callee(*args, **kwargs)` called by the runtime (CALL_FUNCTION_EX of a Python function the
/// runtime implements, as `contextlib`'s `func(*args, **kwds)`): any iterable for `args`
/// ("f() argument after * must be an iterable, not int"), a dict for `kwargs` ("f() argument
/// after ** must be a mapping, not int"); from the current depth.
pub fn call_star(callee: Obj, args: Obj, kwargs: Obj) -> MoltResult<Obj> {
    let args = if tuple::tuple_items(args).is_some() {
        Owned(super::new_ref(args))
    } else if args.type_of().iter_slot().is_none() && args.type_of().sequence_table().is_none() {
        return fail(TypeError, format!("{} argument after * must be an iterable, not {}", function_str(callee)?, args.type_of().name));
    } else {
        Owned(tuple::tuple_from_iter(args)?)
    };
    let kwargs = if dict::is_dict(kwargs) {
        Owned(super::new_ref(kwargs))
    } else {
        let d = Owned(dict::new_dict()?);
        kwargs_merge(d.get(), kwargs, callee)?;
        d
    };
    let kw = keywords_of(kwargs.get())?;
    call_object(callee, tuple::tuple_items(args.get()).unwrap_or(&[]), &kw)
}

/// CPython's `_PyObject_FunctionStr`: `module.qualname()` (no module for builtins), else `str(x)`.
fn function_str(x: Obj) -> MoltResult<alloc::string::String> {
    let Ok(q) = super::attrs::getattr(x, "__qualname__") else {
        crate::exceptions::clear_exception();
        return dispatch::str_of(x);
    };
    let q = Owned(q);
    let qualname = dispatch::str_of(q.get())?;
    let module = super::attrs::getattr(x, "__module__").ok().map(Owned);
    Ok(match module.as_ref().and_then(|m| pystr::str_text(m.get())) {
        Some(m) if m != "builtins" => format!("{m}.{qualname}()"),
        Some(_) | None => format!("{qualname}()"),
    })
}

/// `**mapping` merged into the keyword arguments `kwargs` of a call of `callee` (CPython's
/// DICT_MERGE and `format_kwargs_error`).
#[unsafe(no_mangle)]
pub extern "C" fn molt_kwargs_merge(kwargs: Obj, mapping: Obj, callee: Obj) {
    value_or_raise(kwargs_merge(kwargs, mapping, callee));
}

fn kwargs_merge(kwargs: Obj, mapping: Obj, callee: Obj) -> MoltResult<()> {
    if !dict::is_dict(mapping) {
        let t = mapping.type_of().name;
        return fail(TypeError, format!("{} argument after ** must be a mapping, not {t}", function_str(callee)?));
    }
    for i in 0..dict::nentries(mapping) {
        let Some((k, v, _)) = dict::entry_at(mapping, i) else { continue };
        if dict::get_item(kwargs, k)?.map(Owned).is_some() {
            let key = dispatch::str_of(k)?;
            return fail(TypeError, format!("{} got multiple values for keyword argument '{key}'", function_str(callee)?));
        }
        dict::set_item(kwargs, k, v)?;
    }
    Ok(())
}

/// The current depth: process-wide in programs, per thread in the unit tests.
#[cfg(not(test))]
mod depth {
    use core::sync::atomic::{AtomicI64, Ordering};

    /// The module's frame is 1.
    static DEPTH: AtomicI64 = AtomicI64::new(1);

    pub fn get() -> i64 {
        DEPTH.load(Ordering::Relaxed)
    }

    pub fn set(d: i64) {
        DEPTH.store(d, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod depth {
    std::thread_local! {
        static DEPTH: std::cell::Cell<i64> = const { std::cell::Cell::new(1) };
    }

    pub fn get() -> i64 {
        DEPTH.with(std::cell::Cell::get)
    }

    pub fn set(d: i64) {
        DEPTH.with(|c| c.set(d));
    }
}
