//! Classes a native module makes at its first import, written as CPython writes them in Python
//! (`contextlib`'s, `json`'s): heap classes whose methods are function objects with native
//! bodies, so that they bind, print and fail as Python methods do and programs may derive
//! from them.
//!
//! Relies on: `class::class_new_of` (the class), `function::native_function_kw` (each method),
//! `function::bound_args` (what a body receives).
//!
//! Provides: [`NativeMethod`] / [`method`], [`make_class`], [`run`] and the
//! [`native_entries!`](crate::object::native_class::native_entries) macro (the `extern "C"`
//! entry of each body), [`set`] / [`get`] (a body's attribute access).
//!
//! Invariants: a class's namespace holds `__module__`, `__qualname__`, `__doc__`, the given str
//! attributes, then the methods, in that order; a method's qualname is `Class.name`.

use alloc::format;
use alloc::vec::Vec;

use super::function::{CodeFn, bound_args, native_function_kw};
use super::range::Owned;
use super::{Obj, attrs, class, dict, singletons, str as pystr, tuple};
use crate::exceptions::{MoltResult, value_or_raise};

/// A method: its name, body, parameters (`self` first; the last `defaults()` have those
/// defaults), `*args` after them, then keyword-only parameters with their defaults.
pub(crate) struct NativeMethod {
    pub name: &'static str,
    pub code: CodeFn,
    pub params: &'static [&'static str],
    pub defaults: fn() -> Vec<Obj>,
    pub varargs: bool,
    pub kwonly: fn() -> Vec<(&'static str, Obj)>,
}

pub(crate) fn no_defaults() -> Vec<Obj> {
    Vec::new()
}

pub(crate) fn no_kwonly() -> Vec<(&'static str, Obj)> {
    Vec::new()
}

/// A method with positional parameters only, none defaulted.
pub(crate) const fn method(name: &'static str, code: CodeFn, params: &'static [&'static str]) -> NativeMethod {
    NativeMethod { name, code, params, defaults: no_defaults, varargs: false, kwonly: no_kwonly }
}

/// `class NAME(*bases): __doc__ = doc; <attrs>; <methods>` of module `module` (a new reference).
pub(crate) fn make_class(name: &str, module: &str, doc: &str, bases: &[Obj], methods: &[NativeMethod], str_attrs: &[(&str, &str)]) -> MoltResult<Obj> {
    let ns = Owned(dict::new_dict()?);
    super::module::store_owned(ns.get(), "__module__", pystr::str_from_text(module))?;
    super::module::store_owned(ns.get(), "__qualname__", pystr::str_from_text(name))?;
    super::module::store_owned(ns.get(), "__doc__", pystr::str_from_text(doc))?;
    for (k, v) in str_attrs {
        super::module::store_owned(ns.get(), k, pystr::str_from_text(v))?;
    }
    for m in methods {
        let qualname = format!("{name}.{}", m.name);
        let (defaults, kwonly) = ((m.defaults)(), (m.kwonly)());
        super::module::store_owned(ns.get(), m.name, native_function_kw(m.code, &qualname, module, m.params, &defaults, &kwonly, m.varargs, false))?;
    }
    let bases = Owned(tuple::tuple_from_slice(bases)?);
    let name = Owned(pystr::str_from_text(name)?);
    class::class_new_of(None, name.get(), bases.get(), ns.get(), singletons::none(), 0)
}

/// A native body's entry: its bound arguments given to `body` with the function itself.
pub(crate) fn run(f: Obj, args: *const Obj, body: fn(Obj, &[Obj]) -> MoltResult<Obj>) -> Obj {
    // SAFETY: the words `call_raw` passed to the entry that calls this.
    let bound = unsafe { bound_args(f, args) };
    value_or_raise(body(f, bound))
}

/// `unsafe extern "C" fn ENTRY(f, args, depth)` for each `ENTRY => BODY`, calling
/// `BODY(f, bound arguments)` through [`run`].
macro_rules! native_entries {
    ($($entry:ident => $body:ident;)*) => {
        $(unsafe extern "C" fn $entry(f: $crate::object::Obj, args: *const $crate::object::Obj, _depth: i64) -> $crate::object::Obj {
            $crate::object::native_class::run(f, args, $body)
        })*
    };
}
pub(crate) use native_entries;

/// `o.name = value`.
pub(crate) fn set(o: Obj, name: &str, value: Obj) -> MoltResult<()> {
    let key = Owned(pystr::str_from_text(name)?);
    attrs::setattr(o, key.get(), Some(value))
}

/// `o.name` (a new reference).
pub(crate) fn get(o: Obj, name: &str) -> MoltResult<Owned> {
    attrs::getattr(o, name).map(Owned)
}
