//! Generator objects (`object::generator`), driven by hand-written resume functions that use
//! the state word and the frame slots exactly as compiled code does (`abi.rs`, `molt_gen_new`):
//! yields then a return, `send`, builtin `next` and the iteration protocol, `throw` caught and
//! uncaught (the context of an exception thrown into an `except` block), `close` of suspended,
//! unstarted, finished and GeneratorExit-ignoring generators, PEP 479's RuntimeError, "already
//! executing", the depth of the body, the finaliser of a suspended generator freed (its
//! `finally`, the unraisable report, the pending exception kept), the cycle collector, reprs and
//! attributes, CPython's argument errors. The expected texts are CPython 3.11's (checked with
//! python3). Every test ends with no live object of any kind.

use std::cell::RefCell;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use super::assert_all_freed;
use crate::exceptions::{
    Frame, exception_pending, fetch_exception, handling_begin, handling_depth, handling_end, push_frame, raise_error,
    take_exception, test_lock,
};
use crate::object::generator::{self, molt_gen_new, molt_gen_sent, stderr};
use crate::object::range::Owned;
use crate::object::{
    Obj, attrs, builtins_iter, call, callable, decref, dispatch, exception as exc, gc, iter, list, new_ref, singletons,
    str as pystr, tuple,
};
use crate::exceptions::MoltResult;
use crate::{ExceptionKind, GEN_SLOTS_OFFSET, GEN_STATE_FINISHED, GEN_STATE_OFFSET};

std::thread_local! {
    /// What the bodies record (`finally` blocks, observations).
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

pub(super) fn log(s: impl Into<String>) {
    LOG.with(|l| l.borrow_mut().push(s.into()));
}

pub(super) fn take_log() -> Vec<String> {
    LOG.with(|l| core::mem::take(&mut *l.borrow_mut()))
}

// --- what compiled code does ---

/// The state word of generator `g`.
pub(super) unsafe fn state(g: Obj) -> *mut i64 {
    (g.raw() as usize - 1 + GEN_STATE_OFFSET as usize) as *mut i64
}

/// Frame slot `i` of generator `g`.
pub(super) unsafe fn slot(g: Obj, i: usize) -> *mut u64 {
    (g.raw() as usize - 1 + GEN_SLOTS_OFFSET as usize + 8 * i) as *mut u64
}

pub(super) type Body = unsafe extern "C" fn(Obj, Obj, i64) -> Obj;

/// The ramp: `molt_gen_new` (names static, as compiled code passes them).
pub(super) fn make(code: Body, nslots: i64, nrefs: i64, qualname: &'static str) -> Obj {
    let name = qualname.rsplit('.').next().unwrap();
    let g = unsafe {
        molt_gen_new(code as *const u8, nslots, nrefs, name.as_ptr(), name.len() as i64, qualname.as_ptr(), qualname.len() as i64)
    };
    assert!(!exception_pending());
    g
}

pub(super) fn small(v: i64) -> Obj {
    Obj::small(v).unwrap()
}

pub(super) fn text(t: &str) -> Obj {
    pystr::str_from_text(t).unwrap()
}

pub(super) fn kind_class(k: ExceptionKind) -> Obj {
    Obj::from_static(exc::exception_type(k))
}

/// A result as CPython's tests would print it: `repr(value)`, or `!repr(exception)`.
pub(super) fn show(r: MoltResult<Obj>) -> String {
    match r {
        Ok(v) => {
            let v = Owned(v);
            dispatch::repr_of(v.get()).unwrap()
        }
        Err(e) => {
            raise_error(&e);
            let o = Owned(fetch_exception());
            format!("!{}", dispatch::repr_of(o.get()).unwrap())
        }
    }
}

/// `g.name(*args)`.
pub(super) fn method(g: Obj, name: &str, args: &[Obj]) -> MoltResult<Obj> {
    call::call_method(g, name, args, &[])
}

/// `getattr(g, name)`, shown.
pub(super) fn attr(g: Obj, name: &str) -> String {
    show(attrs::getattr(g, name))
}

/// The resumption at a `yield`: the sent value (a new reference) or None with the exception
/// pending.
pub(super) unsafe fn resumed(g: Obj, sent: Obj) -> Option<Obj> {
    let s = molt_gen_sent(g, sent);
    if exception_pending() { None } else { Some(s) }
}

/// ```python
/// def count(n, payload):   # slot 0: n, slot 1: payload (refs); slot 2: i (raw)
///     i = 0
///     while i < n:
///         got = yield i
///         i = i + 1 if got is None else got
///     return 'done'
/// ```
pub(super) unsafe extern "C" fn count_body(g: Obj, sent: Obj, _depth: i64) -> Obj {
    unsafe {
        let st = state(g);
        if *st != 0 {
            let Some(s) = resumed(g, sent) else { return Obj::default() };
            let s = Owned(s);
            *slot(g, 2) = match s.get().small_value() {
                Some(v) => v as u64,
                None => *slot(g, 2) + 1,
            };
        }
        let n = Obj::from_raw(*slot(g, 0)).small_value().unwrap();
        let i = *slot(g, 2) as i64;
        if i < n {
            *st = 1;
            return small(i);
        }
        *st = GEN_STATE_FINISHED;
        text("done")
    }
}

pub(super) fn count(n: i64) -> Obj {
    let g = make(count_body, 3, 2, "count");
    unsafe {
        *slot(g, 0) = small(n).raw();
        *slot(g, 1) = text("payload").raw();
    }
    g
}

#[test]
fn yields_then_return() {
    let _guard = test_lock();
    let g = count(3);
    let mut got = Vec::new();
    while let Some(x) = iter::iter_next(g).unwrap() {
        got.push(show(Ok(x)));
    }
    assert_eq!(got, ["0", "1", "2"]);
    // Finished: the frame was cleared (the payload str freed), exhausted for good.
    assert_eq!(unsafe { *slot(g, 1) }, 0);
    assert!(iter::iter_next(g).unwrap().is_none());
    assert_eq!(show(method(g, "send", &[singletons::none()])), "!StopIteration()");
    unsafe { decref(g) };
    assert_all_freed();
}

#[test]
fn send_and_builtin_next() {
    let _guard = test_lock();
    let g = count(4);
    assert_eq!(show(method(g, "send", &[small(5)])), "!TypeError(\"can't send non-None value to a just-started generator\")");
    assert_eq!(attr(g, "gi_suspended"), "False");
    assert_eq!(show(method(g, "send", &[singletons::none()])), "0");
    assert_eq!(attr(g, "gi_suspended"), "True");
    assert_eq!(show(method(g, "send", &[small(2)])), "2");
    assert_eq!(show(method(g, "__next__", &[])), "3");
    // The return value rides on StopIteration for send, __next__ and builtin next(); once.
    assert_eq!(show(builtins_iter::next(g, None)), "!StopIteration('done')");
    assert_eq!(show(builtins_iter::next(g, None)), "!StopIteration()");
    assert_eq!(show(method(g, "__next__", &[])), "!StopIteration()");
    assert_eq!(show(builtins_iter::next(g, Some(small(7)))), "7");
    unsafe { decref(g) };
    let g = count(1);
    assert_eq!(show(builtins_iter::next(g, None)), "0");
    assert_eq!(show(builtins_iter::next(g, Some(small(7)))), "7");
    unsafe { decref(g) };
    let g = count(1);
    assert_eq!(show(method(g, "send", &[singletons::none()])), "0");
    assert_eq!(show(method(g, "send", &[small(5)])), "!StopIteration('done')");
    // The argument checks (CPython's messages).
    assert_eq!(show(method(g, "send", &[])), "!TypeError('generator.send() takes exactly one argument (0 given)')");
    assert_eq!(show(method(g, "close", &[small(1)])), "!TypeError('generator.close() takes no arguments (1 given)')");
    assert_eq!(show(method(g, "__next__", &[small(1)])), "!TypeError('expected 0 arguments, got 1')");
    assert_eq!(
        show(call::call_method(g, "__next__", &[], &[("a", small(1))])),
        "!TypeError('wrapper __next__() takes no keyword arguments')"
    );
    assert_eq!(
        show(call::call_method(g, "throw", &[small(1)], &[("a", small(1))])),
        "!TypeError('generator.throw() takes no keyword arguments')"
    );
    assert_eq!(show(method(g, "throw", &[])), "!TypeError('throw expected at least 1 argument, got 0')");
    let four = [small(1), small(2), small(3), small(4)];
    assert_eq!(show(method(g, "throw", &four)), "!TypeError('throw expected at most 3 arguments, got 4')");
    unsafe { decref(g) };
    assert_all_freed();
}

#[test]
fn repr_and_attributes() {
    let _guard = test_lock();
    let g = make(count_body, 3, 2, "f.<locals>.count");
    unsafe { *slot(g, 0) = small(1).raw() };
    let addr = g.raw() - 1;
    assert_eq!(show(Ok(new_ref(g))), format!("<generator object f.<locals>.count at {addr:#x}>"));
    assert_eq!(attr(g, "__name__"), "'count'");
    assert_eq!(attr(g, "__qualname__"), "'f.<locals>.count'");
    assert_eq!(attr(g, "gi_running"), "False");
    assert_eq!(attr(g, "gi_suspended"), "False");
    assert_eq!(attr(g, "gi_nope"), "!AttributeError(\"'generator' object has no attribute 'gi_nope'\")");
    assert_eq!(show(dispatch::repr_of(attrs::getattr(g, "__class__").unwrap()).map(|t| text(&t))), "\"<class 'generator'>\"");
    let it = iter::get_iter(g).unwrap();
    assert!(it.is(g));
    unsafe {
        decref(it);
        decref(it);
    }
    assert_all_freed();
}

/// ```python
/// def catch():
///     try:
///         yield 1                 # state 1
///     except ValueError:
///         yield 'caught'          # state 2, inside the handler
///     return 'end'
/// ```
pub(super) unsafe extern "C" fn catch_body(g: Obj, sent: Obj, _depth: i64) -> Obj {
    unsafe {
        let st = state(g);
        match *st {
            0 => {
                *st = 1;
                small(1)
            }
            1 => match resumed(g, sent) {
                Some(s) => {
                    decref(s);
                    *st = GEN_STATE_FINISHED;
                    text("end")
                }
                None => {
                    let e = fetch_exception();
                    if exc::matches(e, ExceptionKind::ValueError.code()) {
                        log(format!("handling {}", dispatch::repr_of(e).unwrap()));
                        handling_begin(e);
                        decref(e);
                        *st = 2;
                        text("caught")
                    } else {
                        crate::exceptions::molt_exc_reraise(e);
                        Obj::default()
                    }
                }
            },
            _ => {
                let s = resumed(g, sent);
                handling_end();
                match s {
                    Some(s) => {
                        decref(s);
                        *st = GEN_STATE_FINISHED;
                        text("end")
                    }
                    None => Obj::default(),
                }
            }
        }
    }
}

#[test]
fn throw_caught_and_uncaught() {
    let _guard = test_lock();
    let base = handling_depth();
    let g = make(catch_body, 0, 0, "catch");
    assert_eq!(show(method(g, "__next__", &[])), "1");
    // throw(Class): instantiated; caught by the body, which yields inside its handler.
    assert_eq!(show(method(g, "throw", &[kind_class(ExceptionKind::ValueError)])), "'caught'");
    assert_eq!(take_log(), ["handling ValueError()"]);
    // The handler's entry went with the generator: the consumer does not see it.
    assert_eq!(handling_depth(), base);
    // An exception thrown into the handler has the handled one as its context.
    let e = Owned(exc::new_exception(ExceptionKind::KeyError.code(), Some(small(1))).unwrap());
    let r = method(g, "throw", &[e.get()]);
    raise_error(&r.unwrap_err());
    let got = Owned(fetch_exception());
    assert!(got.get().is(e.get()));
    assert_eq!(show(Ok(exc::context(got.get()).map(new_ref).unwrap())), "ValueError()");
    assert_eq!(handling_depth(), base);
    assert_eq!(attr(g, "gi_suspended"), "False");
    // Finished: throw raises the exception as it is; send raises StopIteration.
    let x = Owned(text("x"));
    assert_eq!(show(method(g, "throw", &[kind_class(ExceptionKind::IndexError), x.get()])), "!IndexError('x')");
    assert_eq!(show(method(g, "send", &[singletons::none()])), "!StopIteration()");
    unsafe { decref(g) };
    drop((e, got, x));

    // Uncaught: passes out, the generator finished.
    let g = make(catch_body, 0, 0, "catch");
    assert_eq!(show(method(g, "__next__", &[])), "1");
    let args = Owned(tuple::tuple_from_slice(&[small(1), small(2)]).unwrap());
    assert_eq!(show(method(g, "throw", &[kind_class(ExceptionKind::KeyError), args.get()])), "!KeyError(1, 2)");
    assert_eq!(show(method(g, "__next__", &[])), "!StopIteration()");
    unsafe { decref(g) };
    drop(args);

    // Thrown into an unstarted generator: raised without running the body, which is finished.
    let g = make(catch_body, 0, 0, "catch");
    assert_eq!(show(method(g, "throw", &[kind_class(ExceptionKind::ValueError)])), "!ValueError()");
    assert_eq!(take_log(), Vec::<String>::new());
    assert_eq!(show(method(g, "__next__", &[])), "!StopIteration()");
    unsafe { decref(g) };

    // The argument checks.
    let g = make(catch_body, 0, 0, "catch");
    let ve = Owned(exc::new_exception(ExceptionKind::ValueError.code(), Some(small(3))).unwrap());
    assert_eq!(
        show(method(g, "throw", &[small(1)])),
        "!TypeError('exceptions must be classes or instances deriving from BaseException, not int')"
    );
    assert_eq!(show(method(g, "throw", &[ve.get(), small(1)])), "!TypeError('instance exception may not have a separate value')");
    assert_eq!(
        show(method(g, "throw", &[kind_class(ExceptionKind::ValueError), small(1), small(2)])),
        "!TypeError('throw() third argument must be a traceback object')"
    );
    assert_eq!(show(method(g, "__next__", &[])), "1");
    assert_eq!(show(method(g, "throw", &[kind_class(ExceptionKind::ValueError), ve.get()])), "'caught'");
    assert_eq!(take_log(), ["handling ValueError(3)"]);
    // Freed while suspended inside its handler: closed (GeneratorExit raised in the handler,
    // passing out: success), the saved entry dropped.
    unsafe { decref(g) };
    assert_eq!(stderr::take(), "");
    assert_eq!(handling_depth(), base);
    drop(ve);
    assert!(!exception_pending());
    assert_all_freed();
}

/// ```python
/// def stop():
///     yield 1
///     raise StopIteration(3)
/// ```
unsafe extern "C" fn stop_body(g: Obj, sent: Obj, _depth: i64) -> Obj {
    unsafe {
        let st = state(g);
        if *st == 0 {
            *st = 1;
            return small(1);
        }
        let Some(s) = resumed(g, sent) else { return Obj::default() };
        decref(s);
        crate::exceptions::molt_raise_new(ExceptionKind::StopIteration.code(), small(3), true);
        push_frame(frame("stop", 3, "raise StopIteration(3)"));
        Obj::default()
    }
}

fn frame(func: &str, line: i64, text: &str) -> Frame {
    Frame { file: "/tmp/g.py".to_string(), func: func.to_string(), line, text: text.to_string(), carets: String::new() }
}

#[test]
fn stop_iteration_becomes_runtime_error() {
    let _guard = test_lock();
    let g = make(stop_body, 0, 0, "stop");
    let l = Owned(list::new_list(0).unwrap());
    // The iteration protocol does not swallow it: PEP 479.
    assert_eq!(show(iter::iter_next(g).map(Option::unwrap)), "1");
    let e = iter::iter_next(g).unwrap_err();
    raise_error(&e);
    let report = take_exception().unwrap();
    assert_eq!(
        crate::exceptions::format_traceback(&report),
        "Traceback (most recent call last):\n  File \"/tmp/g.py\", line 3, in stop\n    raise StopIteration(3)\nStopIteration: 3\n\n\
         The above exception was the direct cause of the following exception:\n\nRuntimeError: generator raised StopIteration\n"
    );
    raise_error(&e);
    let o = Owned(fetch_exception());
    assert_eq!(show(Ok(exc::cause(o.get()).map(new_ref).unwrap())), "StopIteration(3)");
    assert!(exc::context(o.get()).unwrap().is(exc::cause(o.get()).unwrap()));
    assert!(exc::suppress_context(o.get()));
    assert_eq!(show(method(g, "__next__", &[])), "!StopIteration()");
    drop((e, o, l));
    unsafe { decref(g) };
    assert_all_freed();
}

/// ```python
/// def fin(payload):      # slot 0: payload
///     try:
///         yield 1
///         yield 2
///     finally:
///         log('finally')
/// ```
pub(super) unsafe extern "C" fn finally_body(g: Obj, sent: Obj, _depth: i64) -> Obj {
    unsafe {
        let st = state(g);
        match *st {
            0 => {
                *st = 1;
                small(1)
            }
            k => match resumed(g, sent) {
                None => {
                    log("finally");
                    Obj::default()
                }
                Some(s) => {
                    decref(s);
                    if k == 1 {
                        *st = 2;
                        return small(2);
                    }
                    log("finally");
                    *st = GEN_STATE_FINISHED;
                    singletons::none()
                }
            },
        }
    }
}

/// ```python
/// def ignore():
///     while True:
///         try:
///             yield 1
///         except GeneratorExit:
///             log('ignored')
/// ```
unsafe extern "C" fn ignore_body(g: Obj, sent: Obj, _depth: i64) -> Obj {
    unsafe {
        let st = state(g);
        if *st != 0 {
            match resumed(g, sent) {
                Some(s) => decref(s),
                None => {
                    let e = fetch_exception();
                    if !exc::matches(e, ExceptionKind::GeneratorExit.code()) {
                        crate::exceptions::molt_exc_reraise(e);
                        return Obj::default();
                    }
                    log("ignored");
                    decref(e);
                }
            }
        }
        *st = 1;
        small(1)
    }
}

#[test]
fn close_suspended_unstarted_finished_ignoring() {
    let _guard = test_lock();
    let fin = || {
        let g = make(finally_body, 1, 1, "fin");
        unsafe { *slot(g, 0) = text("payload").raw() };
        g
    };
    // Suspended: GeneratorExit at the yield runs the finally block; None; finished, frame cleared.
    let g = fin();
    assert_eq!(show(method(g, "__next__", &[])), "1");
    assert_eq!(show(method(g, "close", &[])), "None");
    assert_eq!(take_log(), ["finally"]);
    assert_eq!(unsafe { *slot(g, 0) }, 0);
    assert_eq!(show(method(g, "close", &[])), "None");
    assert_eq!(show(method(g, "__next__", &[])), "!StopIteration()");
    unsafe { decref(g) };
    // Unstarted: nothing runs.
    let g = fin();
    assert_eq!(show(method(g, "close", &[])), "None");
    assert_eq!(take_log(), Vec::<String>::new());
    assert_eq!(show(method(g, "__next__", &[])), "!StopIteration()");
    unsafe { decref(g) };
    // A body that yields again: RuntimeError; it stays suspended.
    let g = make(ignore_body, 0, 0, "ignore");
    assert_eq!(show(method(g, "__next__", &[])), "1");
    assert_eq!(show(method(g, "close", &[])), "!RuntimeError('generator ignored GeneratorExit')");
    assert_eq!(take_log(), ["ignored"]);
    assert_eq!(attr(g, "gi_suspended"), "True");
    // Freed: closed again, and the error reported as unraisable.
    unsafe { decref(g) };
    assert_eq!(take_log(), ["ignored"]);
    let addr = format!("{:#x}", g.raw() - 1);
    assert_eq!(
        stderr::take(),
        format!("Exception ignored in: <generator object ignore at {addr}>\nRuntimeError: generator ignored GeneratorExit\n")
    );
    assert!(!exception_pending());
    assert_all_freed();
}

/// ```python
/// def boom():
///     try:
///         yield 1
///     finally:
///         raise KeyError(5)      # line 5
/// ```
pub(super) unsafe extern "C" fn boom_body(g: Obj, sent: Obj, _depth: i64) -> Obj {
    unsafe {
        let st = state(g);
        if *st == 0 {
            *st = 1;
            return small(1);
        }
        let e = match resumed(g, sent) {
            Some(s) => {
                decref(s);
                None
            }
            None => Some(fetch_exception()),
        };
        if let Some(e) = e {
            handling_begin(e);
        }
        crate::exceptions::molt_raise_new(ExceptionKind::KeyError.code(), small(5), true);
        push_frame(frame("boom", 5, "raise KeyError(5)"));
        if let Some(e) = e {
            handling_end();
            decref(e);
        }
        Obj::default()
    }
}

#[test]
fn freeing_a_suspended_generator_closes_it() {
    let _guard = test_lock();
    let g = make(finally_body, 1, 1, "fin");
    unsafe { *slot(g, 0) = text("payload").raw() };
    assert_eq!(show(method(g, "__next__", &[])), "1");
    unsafe { decref(g) };
    assert_eq!(take_log(), ["finally"]);
    assert_eq!(stderr::take(), "");
    assert_all_freed();

    // close() raising: written as unraisable; an exception pending meanwhile is kept as it was.
    let g = make(boom_body, 0, 0, "boom");
    assert_eq!(show(method(g, "__next__", &[])), "1");
    let pending = Owned(exc::new_exception(ExceptionKind::IndexError.code(), Some(small(9))).unwrap());
    crate::exceptions::raise_object(pending.get());
    push_frame(frame("<module>", 9, "f()"));
    let addr = format!("{:#x}", g.raw() - 1);
    unsafe { decref(g) };
    assert_eq!(
        stderr::take(),
        format!(
            "Exception ignored in: <generator object boom at {addr}>\nTraceback (most recent call last):\n  \
             File \"/tmp/g.py\", line 5, in boom\n    raise KeyError(5)\nKeyError: 5\n"
        )
    );
    let still = Owned(fetch_exception());
    assert!(still.get().is(pending.get()));
    assert_eq!(exc::frame_count(still.get()), 1);
    drop((still, pending));
    assert_all_freed();

    // An empty message still gets its ": " (CPython's `write_unraisable_exc_file`).
    let g = make(ignore_body, 0, 0, "ignore");
    assert_eq!(show(method(g, "__next__", &[])), "1");
    let e = method(g, "close", &[]);
    assert!(e.is_err());
    drop(e);
    take_log();
    // Reported the same way through the finaliser; here through a bare KeyError().
    let g2 = make(bare_key_error_body, 0, 0, "bare");
    assert_eq!(show(method(g2, "__next__", &[])), "1");
    let addr = format!("{:#x}", g2.raw() - 1);
    unsafe { decref(g2) };
    assert_eq!(stderr::take(), format!("Exception ignored in: <generator object bare at {addr}>\nKeyError: \n"));
    unsafe { decref(g) };
    take_log();
    stderr::take();
    assert_all_freed();
}

/// ```python
/// def bare():
///     try:
///         yield 1
///     finally:
///         raise KeyError
/// ```
/// (no traceback frame recorded, to check the format without one)
unsafe extern "C" fn bare_key_error_body(g: Obj, sent: Obj, _depth: i64) -> Obj {
    unsafe {
        let st = state(g);
        if *st == 0 {
            *st = 1;
            return small(1);
        }
        if let Some(s) = resumed(g, sent) {
            decref(s);
        }
        crate::exceptions::molt_raise_new(ExceptionKind::KeyError.code(), Obj::default(), false);
        Obj::default()
    }
}

/// ```python
/// def reenter():        # slot 0: the generator itself is reached through a global here
///     log(next(me))     # ValueError
///     yield depth
/// ```
unsafe extern "C" fn reenter_body(g: Obj, sent: Obj, depth: i64) -> Obj {
    unsafe {
        let st = state(g);
        if *st != 0 {
            let Some(s) = resumed(g, sent) else { return Obj::default() };
            decref(s);
            *st = GEN_STATE_FINISHED;
            return singletons::none();
        }
        log(show(builtins_iter::next(g, None)));
        log(show(method(g, "send", &[singletons::none()])));
        log(show(method(g, "close", &[])));
        log(attr(g, "gi_running"));
        log(attr(g, "gi_suspended"));
        log(format!("depth {depth} current {}", callable::current_depth()));
        *st = 1;
        small(depth)
    }
}

#[test]
fn already_executing_and_depth() {
    let _guard = test_lock();
    let g = make(reenter_body, 0, 0, "reenter");
    let outer = callable::current_depth();
    assert_eq!(show(method(g, "__next__", &[])), format!("{}", outer + 1));
    assert_eq!(
        take_log(),
        [
            "!ValueError('generator already executing')".to_string(),
            "!ValueError('generator already executing')".to_string(),
            "!ValueError('generator already executing')".to_string(),
            "True".to_string(),
            "False".to_string(),
            format!("depth {} current {}", outer + 1, outer + 1),
        ]
    );
    assert_eq!(callable::current_depth(), outer);
    // Past the recursion limit: RecursionError, and the generator is finished.
    let limit = crate::exceptions::recursion_limit();
    let r = callable::with_depth(limit, || method(g, "send", &[singletons::none()]));
    assert_eq!(show(r), "!RecursionError('maximum recursion depth exceeded')");
    assert_eq!(show(method(g, "send", &[singletons::none()])), "!StopIteration()");
    unsafe { decref(g) };
    assert_eq!(take_log(), Vec::<String>::new());
    assert_all_freed();
}

#[test]
fn cycles_through_the_frame_are_collected() {
    let _guard = test_lock();
    // g's frame holds a list holding g (and g is suspended): garbage once dropped.
    let g = make(finally_body, 1, 1, "fin");
    let l = list::new_list(0).unwrap();
    list::append(l, g).unwrap();
    unsafe { *slot(g, 0) = l.raw() };
    assert_eq!(show(method(g, "__next__", &[])), "1");
    assert!(gc::is_tracked(g));
    unsafe { decref(g) };
    assert!(gc::collect_all() >= 2);
    // Known difference: the collector does not run close() (no finally block).
    assert_eq!(take_log(), Vec::<String>::new());
    assert_eq!(stderr::take(), "");
    // A reachable generator keeps its frame.
    let g = make(finally_body, 1, 1, "fin");
    unsafe { *slot(g, 0) = list::new_list(0).unwrap().raw() };
    gc::collect_all();
    assert_ne!(unsafe { *slot(g, 0) }, 0);
    unsafe { decref(g) };
    assert_all_freed();
}

#[test]
fn bad_ramp_arguments_raise() {
    let _guard = test_lock();
    let g = unsafe { molt_gen_new(count_body as *const u8, 1, 2, "g".as_ptr(), 1, "g".as_ptr(), 1) };
    assert!(exception_pending());
    assert_eq!(g, Obj::default());
    let e = take_exception().unwrap();
    assert_eq!(e.message, "bad argument to molt_gen_new (a compiler bug)");
    assert!(!generator::is_generator(small(1)));
    assert_all_freed();
}

/// ```python
/// def ret():
///     yield 1
///     return (1, 2)
/// ```
unsafe extern "C" fn ret_tuple_body(g: Obj, sent: Obj, _depth: i64) -> Obj {
    unsafe {
        let st = state(g);
        if *st == 0 {
            *st = 1;
            return small(1);
        }
        let Some(s) = resumed(g, sent) else { return Obj::default() };
        decref(s);
        *st = GEN_STATE_FINISHED;
        tuple::tuple_from_slice(&[small(1), small(2)]).unwrap()
    }
}

#[test]
fn stop_iteration_value() {
    let _guard = test_lock();
    // `_PyGen_SetStopIterationValue`: a tuple is the one argument, `e.value` is it.
    let g = make(ret_tuple_body, 0, 0, "ret");
    assert_eq!(show(method(g, "__next__", &[])), "1");
    let e = method(g, "send", &[singletons::none()]).unwrap_err();
    raise_error(&e);
    let o = Owned(fetch_exception());
    assert_eq!(show(Ok(new_ref(o.get()))), "StopIteration((1, 2))");
    assert_eq!(attr(o.get(), "value"), "(1, 2)");
    assert_eq!(attr(o.get(), "args"), "((1, 2),)");
    drop((e, o));
    // Without a value: None.
    let e = method(g, "send", &[singletons::none()]).unwrap_err();
    raise_error(&e);
    let o = Owned(fetch_exception());
    assert_eq!(attr(o.get(), "value"), "None");
    // Only StopIteration has it.
    let k = Owned(exc::new_exception(ExceptionKind::KeyError.code(), Some(small(1))).unwrap());
    assert_eq!(attr(k.get(), "value"), "!AttributeError(\"'KeyError' object has no attribute 'value'\")");
    drop((e, o, k));
    unsafe { decref(g) };
    assert_all_freed();
}
