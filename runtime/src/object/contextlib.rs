//! `contextlib`: `contextmanager`, `suppress`, `nullcontext`, `closing` and `ContextDecorator`,
//! native in the runtime as CPython 3.11's `Lib/contextlib.py` writes them in Python.
//!
//! Relies on: `native_class` (the module's classes are heap classes made at the first
//! import, with CPython's names, bases and docstrings, so that their instances have a
//! `__dict__` holding what `contextlib.py` stores: `gen`, `func`, `args`, `kwds`,
//! `_exceptions`, `enter_result`, `thing`); `function::native_function` / `native_closure`
//! (their methods, `contextmanager` and the functions it returns are function objects with
//! native bodies, so that they bind, print and fail as Python functions do);
//! `functools::update_wrapper` (`@wraps(func)`); `callable::call_star` (`func(*args,
//! **kwds)`); `builtins_iter::next`, `call::call_method` (`next(self.gen)`,
//! `self.gen.throw(…)`: any iterator, not only generators); `exception` (`frames` /
//! `set_frames` stand for `exc.__traceback__ = traceback`: the exception passed to `throw()`
//! leaves `__exit__` with the traceback it entered with).
//!
//! Provides: [`fill`] (the module's namespace).
//!
//! Invariants: [`STATE`] owns the classes from the first import to exit; every method reads
//! its instance's attributes through `getattr` (a program may replace them, as in CPython)
//! and holds each value it uses by an owned reference while user code runs. Left out:
//! `AbstractContextManager` (an ABC whose `__subclasshook__` makes `open()` files instances:
//! Molt's `ABCMeta` has no virtual subclasses), `ExitStack`, `redirect_stdout` /
//! `redirect_stderr` (no `sys.stdout` reassignment yet), `chdir` and the asynchronous forms
//! (E0111 at compile time); `_GeneratorContextManager`'s MRO lacks `AbstractContextManager`;
//! an error inside these functions shows no traceback row in `contextlib.py`.

use alloc::vec::Vec;

use super::function::{closure_value, native_closure, native_function};
use super::native_class::{NativeMethod, get, make_class, method, native_entries, no_defaults, no_kwonly, set};
use super::range::Owned;
use super::{Obj, attrs, callable, exception as exc, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::{RuntimeError, StopIteration, TypeError};
use crate::exceptions::{MoltError, MoltResult, fail};

/// The module's classes, in [`CLASSES`] order (`suppress`, `nullcontext` and `closing`
/// follow the three named here).
const N_CLASSES: usize = 6;
const CONTEXT_DECORATOR: usize = 0;
const GCM_BASE: usize = 1;
const GCM: usize = 2;

/// The classes (owned), made by the first import.
static STATE: crate::sys::Global<Option<[Obj; N_CLASSES]>> = crate::sys::Global::new(None);

/// A class: its name, docstring, bases (indices of earlier classes; none is `object`) and
/// methods.
struct ClassDef {
    name: &'static str,
    doc: &'static str,
    bases: &'static [usize],
    methods: &'static [NativeMethod],
}

fn one_none() -> Vec<Obj> {
    Vec::from([singletons::none()])
}

/// A method taking `*args` after `params`.
const fn varargs_method(name: &'static str, code: super::function::CodeFn, params: &'static [&'static str]) -> NativeMethod {
    NativeMethod { name, code, params, defaults: no_defaults, varargs: true, kwonly: no_kwonly }
}

static CLASSES: [ClassDef; N_CLASSES] = [
    ClassDef {
        name: "ContextDecorator",
        doc: "A base class or mixin that enables context managers to work as decorators.",
        bases: &[],
        methods: &[method("_recreate_cm", recreate_self_entry, &["self"]), method("__call__", decorate_entry, &["self", "func"])],
    },
    ClassDef {
        name: "_GeneratorContextManagerBase",
        doc: "Shared functionality for @contextmanager and @asynccontextmanager.",
        bases: &[],
        methods: &[method("__init__", gcm_init_entry, &["self", "func", "args", "kwds"]), method("_recreate_cm", gcm_recreate_entry, &["self"])],
    },
    ClassDef {
        name: "_GeneratorContextManager",
        doc: "Helper for @contextmanager decorator.",
        bases: &[GCM_BASE, CONTEXT_DECORATOR],
        methods: &[method("__enter__", gcm_enter_entry, &["self"]), method("__exit__", gcm_exit_entry, &["self", "typ", "value", "traceback"])],
    },
    ClassDef {
        name: "suppress",
        doc: "Context manager to suppress specified exceptions\n\n    After the exception is suppressed, execution proceeds with the next\n    statement following the with statement.\n\n         with suppress(FileNotFoundError):\n             os.remove(somefile)\n         # Execution still resumes here if the file was already removed\n    ",
        bases: &[],
        methods: &[
            varargs_method("__init__", suppress_init_entry, &["self"]),
            method("__enter__", none_entry, &["self"]),
            method("__exit__", suppress_exit_entry, &["self", "exctype", "excinst", "exctb"]),
        ],
    },
    ClassDef {
        name: "nullcontext",
        doc: "Context manager that does no additional processing.\n\n    Used as a stand-in for a normal context manager, when a particular\n    block of code is only sometimes used with a normal context manager:\n\n    cm = optional_cm if condition else nullcontext()\n    with cm:\n        # Perform operation, using optional_cm if condition is True\n    ",
        bases: &[],
        methods: &[
            NativeMethod { name: "__init__", code: nullcontext_init_entry, params: &["self", "enter_result"], defaults: one_none, varargs: false, kwonly: no_kwonly },
            method("__enter__", nullcontext_enter_entry, &["self"]),
            varargs_method("__exit__", none_entry, &["self"]),
        ],
    },
    ClassDef {
        name: "closing",
        doc: "Context to automatically close something at the end of a block.\n\n    Code like this:\n\n        with closing(<module>.open(<arguments>)) as f:\n            <block>\n\n    is equivalent to this:\n\n        f = <module>.open(<arguments>)\n        try:\n            <block>\n        finally:\n            f.close()\n\n    ",
        bases: &[],
        methods: &[
            method("__init__", closing_init_entry, &["self", "thing"]),
            method("__enter__", closing_enter_entry, &["self"]),
            varargs_method("__exit__", closing_exit_entry, &["self"]),
        ],
    },
];

/// `contextmanager.__doc__`.
const CONTEXTMANAGER_DOC: &str = "@contextmanager decorator.\n\n    Typical usage:\n\n        @contextmanager\n        def some_generator(<arguments>):\n            <setup>\n            try:\n                yield <value>\n            finally:\n                <cleanup>\n\n    This makes this:\n\n        with some_generator(<arguments>) as <variable>:\n            <body>\n\n    equivalent to this:\n\n        <setup>\n        try:\n            <variable> = <value>\n            <body>\n        finally:\n            <cleanup>\n    ";

/// Fills the module's namespace (the first import makes the classes).
pub fn fill(d: Obj) -> MoltResult<()> {
    if STATE.with(|s| s.is_none()) {
        let classes = make_classes()?;
        STATE.with(|s| *s = Some(classes));
        super::module_kinds::register_exit(release);
    }
    let Some(classes) = STATE.with(|s| *s) else { return Ok(()) };
    for (i, c) in CLASSES.iter().enumerate() {
        if !c.name.starts_with('_') {
            super::module::store(d, c.name, classes[i])?;
        }
    }
    let cm = Owned(native_function(contextmanager_entry, "contextmanager", "contextlib", &["func"], &[], false, false)?);
    set(cm.get(), "__doc__", Owned(pystr::str_from_text(CONTEXTMANAGER_DOC)?).get())?;
    super::module::store(d, "contextmanager", cm.get())
}

/// Releases the classes (at exit).
fn release() {
    if let Some(classes) = STATE.with(Option::take) {
        for c in classes {
            // SAFETY: the state owned these references.
            unsafe { super::decref(c) };
        }
    }
}

/// Class `i` (borrowed: the state owns it).
fn class_at(i: usize) -> MoltResult<Obj> {
    match STATE.with(|s| *s) {
        Some(classes) => Ok(classes[i]),
        None => fail(TypeError, "contextlib's classes are used before its import (a runtime bug)"),
    }
}

fn make_classes() -> MoltResult<[Obj; N_CLASSES]> {
    let mut made: Vec<Owned> = Vec::with_capacity(N_CLASSES);
    for c in &CLASSES {
        let bases: Vec<Obj> = c.bases.iter().map(|&b| made[b].get()).collect();
        made.push(Owned(make_class(c.name, "contextlib", c.doc, &bases, c.methods, &[])?));
    }
    let objs: Vec<Obj> = made.iter().map(|c| new_ref(c.get())).collect();
    objs.try_into().map_err(|_| MoltError::new(TypeError, "contextlib made the wrong number of classes (a runtime bug)"))
}

// --- helpers ---

/// `del o.name`.
fn delete(o: Obj, name: &str) -> MoltResult<()> {
    let key = Owned(pystr::str_from_text(name)?);
    attrs::setattr(o, key.get(), None)
}

/// Arguments that do not match the native function's parameters (binding checked them).
fn bad_arguments<T>() -> MoltResult<T> {
    fail(TypeError, "a contextlib function received bad arguments (a runtime bug)")
}

native_entries! {
    contextmanager_entry => contextmanager;
    helper_entry => helper;
    recreate_self_entry => recreate_self;
    decorate_entry => decorate;
    inner_entry => inner;
    gcm_init_entry => gcm_init;
    gcm_recreate_entry => gcm_recreate;
    gcm_enter_entry => gcm_enter;
    gcm_exit_entry => gcm_exit;
    none_entry => return_none;
    suppress_init_entry => suppress_init;
    suppress_exit_entry => suppress_exit;
    nullcontext_init_entry => nullcontext_init;
    nullcontext_enter_entry => nullcontext_enter;
    closing_init_entry => closing_init;
    closing_enter_entry => closing_enter;
    closing_exit_entry => closing_exit;
}

// --- contextmanager and ContextDecorator ---

/// `contextmanager(func)`: `helper(*args, **kwds)`, wrapped as `func` (`@wraps(func)`).
fn contextmanager(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[func] = a else { return bad_arguments() };
    let helper = Owned(native_closure(helper_entry, "contextmanager.<locals>.helper", "contextlib", &[], &[], true, true, &[func])?);
    super::functools::update_wrapper(helper.get(), func, None, None)
}

/// `helper(*args, **kwds)`: `_GeneratorContextManager(func, args, kwds)`.
fn helper(f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let (&[args, kwds], Some(func)) = (a, closure_value(f, 0)) else { return bad_arguments() };
    let func = Owned(new_ref(func));
    callable::call_object(class_at(GCM)?, &[func.get(), args, kwds], &[])
}

/// `ContextDecorator._recreate_cm(self)`: `self`.
fn recreate_self(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this] = a else { return bad_arguments() };
    Ok(new_ref(this))
}

/// `ContextDecorator.__call__(self, func)`: `inner(*args, **kwds)`, wrapped as `func`, runs
/// `func` inside `with self._recreate_cm():`.
fn decorate(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this, func] = a else { return bad_arguments() };
    let inner = Owned(native_closure(inner_entry, "ContextDecorator.__call__.<locals>.inner", "contextlib", &[], &[], true, true, &[func, this])?);
    super::functools::update_wrapper(inner.get(), func, None, None)
}

/// `inner(*args, **kwds)`: `with self._recreate_cm(): return func(*args, **kwds)`.
fn inner(f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let (&[args, kwds], Some(func), Some(this)) = (a, closure_value(f, 0), closure_value(f, 1)) else { return bad_arguments() };
    let (func, this) = (Owned(new_ref(func)), Owned(new_ref(this)));
    let mgr = Owned(super::call::call_method(this.get(), "_recreate_cm", &[], &[])?);
    let entered = Owned(super::with_stmt::with_enter(mgr.get())?);
    let Some(&[exit, _]) = tuple::tuple_items(entered.get()) else { return bad_arguments() };
    match callable::call_star(func.get(), args, kwds) {
        Ok(v) => {
            let v = Owned(v);
            let none = singletons::none();
            drop(Owned(callable::call_object(exit, &[none, none, none], &[])?));
            Ok(new_ref(v.get()))
        }
        Err(e) => {
            // The `with` statement's handler: `__exit__(type, exc, None)` while the exception
            // is handled; a true result suppresses it (the call then returns None).
            let e = Owned(super::yield_from::error_object(e));
            crate::exceptions::handling_begin(e.get());
            let suppressed = super::with_stmt::with_exit(exit, e.get());
            crate::exceptions::handling_end();
            if suppressed? { Ok(singletons::none()) } else { Err(MoltError::from_raised(e.get())) }
        }
    }
}

// --- _GeneratorContextManager ---

/// `_GeneratorContextManagerBase.__init__(self, func, args, kwds)`.
fn gcm_init(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this, func, args, kwds] = a else { return bad_arguments() };
    let generator = Owned(callable::call_star(func, args, kwds)?);
    set(this, "gen", generator.get())?;
    set(this, "func", func)?;
    set(this, "args", args)?;
    set(this, "kwds", kwds)?;
    let doc = match attrs::getattr(func, "__doc__") {
        Ok(d) => Owned(d),
        Err(e) if e.kind == crate::ExceptionKind::AttributeError => Owned(singletons::none()),
        Err(e) => return Err(e),
    };
    let doc = if singletons::is_none(doc.get()) {
        let cls = Owned(attrs::class_value(this.type_of()));
        get(cls.get(), "__doc__")?
    } else {
        doc
    };
    set(this, "__doc__", doc.get())?;
    Ok(singletons::none())
}

/// `_GeneratorContextManagerBase._recreate_cm(self)`: `self.__class__(self.func, self.args,
/// self.kwds)`.
fn gcm_recreate(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this] = a else { return bad_arguments() };
    let cls = get(this, "__class__")?;
    let (func, args, kwds) = (get(this, "func")?, get(this, "args")?, get(this, "kwds")?);
    callable::call_object(cls.get(), &[func.get(), args.get(), kwds.get()], &[])
}

/// `_GeneratorContextManager.__enter__(self)`.
fn gcm_enter(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this] = a else { return bad_arguments() };
    delete(this, "args")?;
    delete(this, "kwds")?;
    delete(this, "func")?;
    let generator = get(this, "gen")?;
    match super::builtins_iter::next(generator.get(), None) {
        Err(e) if is_stop_iteration(&e) => {
            // `raise RuntimeError("generator didn't yield") from None` inside `except
            // StopIteration:`.
            let stop = Owned(super::yield_from::error_object(e));
            let msg = Owned(pystr::str_from_text("generator didn't yield")?);
            let err = Owned(exc::new_exception(RuntimeError.code(), Some(msg.get()))?);
            exc::set_context(err.get(), Some(stop.get()));
            exc::set_suppress_context(err.get(), true);
            Err(MoltError::from_raised(err.get()))
        }
        r => r,
    }
}

/// Whether an error is a StopIteration (`except StopIteration`).
fn is_stop_iteration(e: &MoltError) -> bool {
    match e.raised() {
        Some(o) => exc::matches(o, StopIteration.code()),
        None => e.kind == StopIteration,
    }
}

/// `_GeneratorContextManager.__exit__(self, typ, value, traceback)`.
fn gcm_exit(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this, typ, value, traceback] = a else { return bad_arguments() };
    let generator = get(this, "gen")?;
    if singletons::is_none(typ) {
        return match super::builtins_iter::next(generator.get(), None) {
            Err(e) if is_stop_iteration(&e) => Ok(singletons::bool_obj(false)),
            Err(e) => Err(e),
            Ok(v) => {
                drop(Owned(v));
                fail(RuntimeError, "generator didn't stop")
            }
        };
    }
    // "Need to force instantiation so we can reliably tell if we get the same exception back."
    let value = if singletons::is_none(value) { Owned(callable::call_object(typ, &[], &[])?) } else { Owned(new_ref(value)) };
    let value = value.get();
    // `exc.__traceback__ = traceback`: the frames `value` had when `__exit__` was called.
    let frames = exc::frames(value);
    let err = match super::call::call_method(generator.get(), "throw", &[typ, value, traceback], &[]) {
        Ok(v) => {
            drop(Owned(v));
            return fail(RuntimeError, "generator didn't stop after throw()");
        }
        Err(e) => e,
    };
    let thrown = Owned(super::yield_from::error_object(err));
    let e = thrown.get();
    if exc::matches(e, StopIteration.code()) {
        // A StopIteration raised inside the `with` body is not suppressed.
        return Ok(singletons::bool_obj(!e.is(value)));
    }
    if exc::matches(e, RuntimeError.code()) {
        if e.is(value) {
            exc::set_frames(e, frames);
            return Ok(singletons::bool_obj(false));
        }
        if exc::matches(value, StopIteration.code()) && exc::cause(e).is_some_and(|c| c.is(value)) {
            exc::set_frames(value, frames);
            return Ok(singletons::bool_obj(false));
        }
        return Err(MoltError::from_raised(e));
    }
    if !e.is(value) {
        return Err(MoltError::from_raised(e));
    }
    exc::set_frames(e, frames);
    Ok(singletons::bool_obj(false))
}

// --- suppress, nullcontext, closing ---

/// A method that returns None (`suppress.__enter__`, `nullcontext.__exit__`).
fn return_none(_f: Obj, _a: &[Obj]) -> MoltResult<Obj> {
    Ok(singletons::none())
}

/// `suppress.__init__(self, *exceptions)`.
fn suppress_init(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this, exceptions] = a else { return bad_arguments() };
    set(this, "_exceptions", exceptions)?;
    Ok(singletons::none())
}

/// `suppress.__exit__`: `exctype is not None and issubclass(exctype, self._exceptions)`.
fn suppress_exit(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this, exctype, _, _] = a else { return bad_arguments() };
    if singletons::is_none(exctype) {
        return Ok(singletons::bool_obj(false));
    }
    let exceptions = get(this, "_exceptions")?;
    attrs::issubclass(exctype, exceptions.get()).map(singletons::bool_obj)
}

/// `nullcontext.__init__(self, enter_result=None)`.
fn nullcontext_init(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this, enter_result] = a else { return bad_arguments() };
    set(this, "enter_result", enter_result)?;
    Ok(singletons::none())
}

/// `nullcontext.__enter__(self)`: `self.enter_result`.
fn nullcontext_enter(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this] = a else { return bad_arguments() };
    attrs::getattr(this, "enter_result")
}

/// `closing.__init__(self, thing)`.
fn closing_init(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this, thing] = a else { return bad_arguments() };
    set(this, "thing", thing)?;
    Ok(singletons::none())
}

/// `closing.__enter__(self)`: `self.thing`.
fn closing_enter(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this] = a else { return bad_arguments() };
    attrs::getattr(this, "thing")
}

/// `closing.__exit__(self, *exc_info)`: `self.thing.close()`, returning None.
fn closing_exit(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this, _] = a else { return bad_arguments() };
    let thing = get(this, "thing")?;
    drop(Owned(super::call::call_method(thing.get(), "close", &[], &[])?));
    Ok(singletons::none())
}
