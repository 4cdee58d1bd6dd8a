//! `with` statements: CPython 3.11's BEFORE_WITH (`__enter__` and `__exit__` looked up on the
//! manager's type, then `__enter__` called) and the call of `__exit__` for an exception leaving
//! the body (`WITH_EXCEPT_START`).
//!
//! Relies on: `class::lookup_attr` and `descr::get` (CPython's `_PyObject_LookupSpecial`: the
//! type's MRO, not the instance's `__dict__`, then the descriptor bound to the manager);
//! `callable::call_object` (calls at the runtime's current depth); `dispatch::truth`.
//!
//! Provides the ABI's `molt_with_enter` and `molt_with_exit`, with CPython's TypeErrors.
//!
//! Invariant: results are new references; what a lookup finds is held while it is called.

use alloc::format;

use super::range::Owned;
use super::{Obj, attrs, callable, class, descr, dispatch, singletons, tuple};
use crate::ExceptionKind::TypeError;
use crate::exceptions::{MoltResult, fail, value_or_raise};

/// `_PyObject_LookupSpecial(o, name)`: the attribute of `o`'s type, bound to `o`.
fn lookup_special(o: Obj, name: &str) -> MoltResult<Option<Owned>> {
    let t = o.type_of();
    // A builtin type's own methods (the file objects' `__enter__` and `__exit__`).
    if !class::is_heap(t)
        && let Some(def) = t.method(name)
    {
        return Ok(Some(Owned(descr::builtin_method(o, def)?)));
    }
    match class::lookup_attr(t, name) {
        Some(d) => Ok(Some(Owned(descr::get(d.get(), Some(o), t)?))),
        None => Ok(None),
    }
}

pub(crate) fn with_enter(mgr: Obj) -> MoltResult<Obj> {
    let name = mgr.type_of().name;
    let Some(enter) = lookup_special(mgr, "__enter__")? else {
        return fail(TypeError, format!("'{name}' object does not support the context manager protocol"));
    };
    let Some(exit) = lookup_special(mgr, "__exit__")? else {
        return fail(TypeError, format!("'{name}' object does not support the context manager protocol (missed __exit__ method)"));
    };
    let value = Owned(callable::call_object(enter.get(), &[], &[])?);
    tuple::tuple_from_slice(&[exit.get(), value.get()])
}

/// `with mgr`: a new tuple (the bound `__exit__`, what `__enter__` returned).
#[unsafe(no_mangle)]
pub extern "C" fn molt_with_enter(mgr: Obj) -> Obj {
    value_or_raise(with_enter(mgr))
}

pub(crate) fn with_exit(exit: Obj, exc: Obj) -> MoltResult<bool> {
    let kind = Owned(attrs::class_value(exc.type_of()));
    let r = Owned(callable::call_object(exit, &[kind.get(), exc, singletons::none()], &[])?);
    dispatch::truth(r.get())
}

/// `exit(type(exc), exc, None)` for an exception leaving a `with` body: whether the result is
/// true (the exception is then suppressed).
#[unsafe(no_mangle)]
pub extern "C" fn molt_with_exit(exit: Obj, exc: Obj) -> bool {
    value_or_raise(with_exit(exit, exc))
}
