//! Tests of the pending exception, the handling stack and the exception ABI functions,
//! including whole chained tracebacks against python3 (driven through the ABI the way
//! generated code drives it).

use std::format;
use std::string::String;
use std::vec;
use std::vec::Vec;

use super::*;
use crate::ExceptionKind as K;
use crate::object::alloc::{HeapKind, stats};
use crate::object::{float, str as strobj};

fn live() -> i64 {
    stats(HeapKind::Exception).live
}

/// Takes the test lock and starts from a clean state; returns the live exception count.
fn clean() -> (std::sync::MutexGuard<'static, ()>, i64) {
    let g = test_lock();
    clear_exception();
    clear_handling();
    (g, live())
}

fn pending_flag() -> u8 {
    molt_exc_pending.load(Ordering::SeqCst)
}

fn frame(file: &str, func: &str, line: i64, text: &str) -> Frame {
    Frame {
        file: file.into(),
        func: func.into(),
        line,
        text: text.into(),
        carets: String::new(),
    }
}

fn s(text: &str) -> Obj {
    strobj::str_from_text(text).unwrap()
}

fn drop_all(objs: &[Obj]) {
    for &o in objs {
        unsafe { decref(o) };
    }
}

#[test]
fn raise_push_take() {
    let (_g, before) = clean();
    assert_eq!(pending_flag(), 0);
    let msg = "boom";
    unsafe { molt_raise(3, msg.as_ptr(), msg.len() as i64) };
    assert_eq!(pending_flag(), 1);
    let (file, func, text, carets) = ("/a.py", "g", "  raise X  ", "    ~~^");
    unsafe {
        molt_traceback_push(
            file.as_ptr(),
            5,
            func.as_ptr(),
            1,
            9,
            text.as_ptr(),
            text.len() as i64,
            carets.as_ptr(),
            carets.len() as i64,
        );
        molt_traceback_push(
            std::ptr::null(),
            0,
            func.as_ptr(),
            1,
            1,
            std::ptr::null(),
            -3,
            std::ptr::null(),
            0,
        );
    }
    let e = take_exception().unwrap();
    assert_eq!(pending_flag(), 0);
    assert_eq!(e.frames.len(), 2);
    assert_eq!(
        format_traceback(&e),
        "Traceback (most recent call last):\n  File \"\", line 1, in g\n  File \"/a.py\", line 9, in g\n    raise X  \n    ~~^\nValueError: boom\n"
    );
    // Frames beyond the limit are dropped (the outermost ones).
    raise(K::RecursionError, "maximum recursion depth exceeded");
    for i in 0..(TRACEBACK_LIMIT + 5) {
        push_frame(frame("f", "f", i as i64, ""));
    }
    let e = take_exception().unwrap();
    assert_eq!(e.frames.len(), TRACEBACK_LIMIT);
    assert_eq!(e.frames.last().unwrap().line, TRACEBACK_LIMIT as i64 - 1);
    // Unknown kinds still produce a report.
    raise_code(99, "x");
    let e = take_exception().unwrap();
    assert_eq!(
        (e.kind_name(), e.message.as_str()),
        ("SystemError", "unknown Molt exception kind 99: x")
    );
    // Frames without a pending exception are ignored.
    push_frame(frame("f", "f", 1, ""));
    assert_eq!(pending_exception(), None);
    assert_eq!(live(), before);
}

/// A message exception becomes an object when fetched (argument: the message), and its report
/// is the same before and after, for every kind.
#[test]
fn fetch_materializes_message_exceptions() {
    let (_g, before) = clean();
    raise(K::ValueError, "boom");
    push_frame(frame("/p.py", "f", 3, "x = 1"));
    let o = molt_exc_fetch();
    assert_eq!(pending_flag(), 0);
    assert_eq!(pending_exception(), None);
    assert_eq!(dispatch::str_of(o).unwrap(), "boom");
    assert_eq!(dispatch::repr_of(o).unwrap(), "ValueError('boom')");
    assert!(molt_exc_matches(o, K::ValueError.code()));
    assert!(molt_exc_matches(o, K::Exception.code()));
    assert!(!molt_exc_matches(o, K::TypeError.code()));
    assert_eq!(exc::frames(o), vec![frame("/p.py", "f", 3, "x = 1")]);
    assert_eq!(exc::arg(o).and_then(strobj::str_text), Some("boom"));
    assert_eq!(live(), before + 1);
    unsafe { decref(o) };
    assert_eq!(live(), before);

    // UnicodeDecodeError and UnicodeEncodeError take five arguments (CPython's constructor
    // checks them): the runtime never raises them by a message.
    for &kind in K::ALL.iter().filter(|k| !matches!(k, K::UnicodeDecodeError | K::UnicodeEncodeError)) {
        for message in ["msg", "", "it's"] {
            raise(kind, message);
            push_frame(frame("/p.py", "f", 3, "x = 1"));
            let as_message = pending_exception().unwrap();
            let o = fetch_exception();
            assert_eq!(kind_of_obj(o), kind.code());
            reraise(o);
            assert_eq!(pending_flag(), 1);
            let as_object = pending_exception().unwrap();
            assert_eq!(as_message, as_object, "{kind:?} {message:?}");
            unsafe { decref(o) };
            clear_exception();
        }
    }
    // KeyError's str() is the repr of its argument, the message included.
    raise(K::KeyError, "k");
    assert_eq!(take_exception().unwrap().message, "'k'");
    // MemoryError without a message has no argument, like CPython's.
    raise(K::MemoryError, "");
    let o = fetch_exception();
    assert_eq!(dispatch::repr_of(o).unwrap(), "MemoryError()");
    unsafe { decref(o) };
    assert_eq!(live(), before);
}

fn kind_of_obj(o: Obj) -> i32 {
    exc::kind_of(o).unwrap()
}

/// Re-raising keeps the frames (later ones append) and the context; a new raise while
/// handling sets the context, a re-raise of the handled exception does not.
#[test]
fn reraise_and_context() {
    let (_g, before) = clean();
    raise(K::ZeroDivisionError, "division by zero");
    push_frame(frame("/p.py", "f", 2, "1 / 0"));
    let z = molt_exc_fetch();
    molt_exc_handling_begin(z);
    assert_eq!(handling_depth(), 1);
    // A bare `raise` inside the handler: the same object, no context, frames kept.
    // The ABI's re-raise takes over a reference; the test keeps its own.
    crate::object::incref(z);
    molt_exc_reraise(z);
    push_frame(frame("/p.py", "<module>", 5, "f()"));
    let again = molt_exc_fetch();
    assert!(again.is(z));
    assert_eq!(exc::context(z), None);
    assert_eq!(exc::frame_count(z), 2);
    unsafe { decref(again) };
    // A runtime error while handling: its context is the handled exception.
    raise(K::NameError, "name 'x' is not defined");
    let n = molt_exc_fetch();
    assert_eq!(exc::context(n), Some(z));
    // A new exception object while handling: likewise.
    let arg = s("x");
    molt_raise_new(K::ValueError.code(), arg, true);
    unsafe { decref(arg) };
    let v = molt_exc_fetch();
    assert_eq!(dispatch::repr_of(v).unwrap(), "ValueError('x')");
    assert_eq!(exc::context(v), Some(z));
    // Nested handling: the innermost handled exception is the context.
    molt_exc_handling_begin(v);
    molt_raise_new(K::KeyError.code(), Obj::default(), false);
    let k = molt_exc_fetch();
    assert_eq!(dispatch::str_of(k).unwrap(), "");
    assert_eq!(exc::context(k), Some(v));
    molt_exc_handling_end();
    molt_exc_handling_end();
    assert_eq!(handling_depth(), 0);
    molt_exc_handling_end(); // nothing to leave: ignored
    // No handler: no context.
    raise(K::TypeError, "t");
    let t = molt_exc_fetch();
    assert_eq!(exc::context(t), None);
    drop_all(&[z, n, v, k, t]);
    assert_eq!(live(), before);
}

/// `_PyErr_SetObject`'s rules: raising the handled exception itself sets no context; raising
/// an exception that is in the handled one's context chain cuts the chain first. python3:
/// `raise a` while handling b (whose context is a) leaves `a.__context__ is b` and
/// `b.__context__ is None`; `raise r` while handling r leaves `r.__context__` None.
#[test]
fn raise_object_breaks_cycles() {
    let (_g, before) = clean();
    let r = exc::new_exception(K::ValueError.code(), None).unwrap();
    handling_begin(r);
    raise_object(r);
    assert_eq!(exc::context(r), None);
    clear_exception();
    handling_end();

    let a = exc::new_exception(K::ValueError.code(), None).unwrap();
    handling_begin(a);
    let b = exc::new_exception(K::TypeError.code(), None).unwrap();
    raise_object(b);
    assert_eq!(exc::context(b), Some(a));
    clear_exception();
    handling_begin(b);
    raise_object(a);
    assert_eq!(exc::context(a), Some(b));
    assert_eq!(exc::context(b), None);
    clear_exception();
    handling_end();
    handling_end();

    // A pre-existing cycle not containing the raised exception: the walk stops.
    let c = exc::new_exception(K::KeyError.code(), None).unwrap();
    let d = exc::new_exception(K::IndexError.code(), None).unwrap();
    exc::set_context(c, Some(d));
    exc::set_context(d, Some(c));
    handling_begin(c);
    let e = exc::new_exception(K::NameError.code(), None).unwrap();
    raise_object(e);
    assert_eq!(exc::context(e), Some(c));
    assert_eq!((exc::context(c), exc::context(d)), (Some(d), Some(c)));
    // The report of a cycle ends where it meets an exception already printed.
    let rep = take_exception().unwrap();
    assert_eq!(
        rep.chain.iter().map(|(_, e)| e.kind_name()).collect::<Vec<_>>(),
        ["KeyError", "IndexError"]
    );
    handling_end();
    exc::set_context(d, None); // break the cycle so the objects can be freed
    drop_all(&[r, a, b, c, d, e]);
    assert_eq!(live(), before);
}

/// Degenerate uses of the ABI stay defined.
#[test]
fn odd_arguments() {
    let (_g, before) = clean();
    // Nothing pending: fetch gives None.
    let none = molt_exc_fetch();
    assert!(singletons::is_none(none));
    assert!(!molt_exc_matches(none, K::BaseException.code()));
    // Re-raising a non-exception: TypeError, as `raise 5` in CPython.
    molt_exc_reraise(Obj::small(5).unwrap());
    assert_eq!(
        take_exception().map(|e| format!("{}: {}", e.kind_name(), e.message)),
        Some("TypeError: exceptions must derive from BaseException".into())
    );
    // ... unless an exception is already pending (a failed fetch): it stays.
    raise(K::MemoryError, "");
    molt_exc_reraise(Obj::default());
    assert_eq!(take_exception().unwrap().kind_name(), "MemoryError");
    raise_object(Obj::small(1).unwrap());
    assert_eq!(take_exception().unwrap().kind_name(), "TypeError");
    // An unknown kind: a SystemError object.
    let arg = s("why");
    molt_raise_new(420, arg, true);
    let e = take_exception().unwrap();
    assert_eq!((e.kind_name(), e.message.as_str()), ("SystemError", "why"));
    assert!(!molt_exc_matches(arg, K::BaseException.code()));
    assert!(!molt_exc_matches(arg, 1234));
    // Handling a non-exception: balanced, and never a context.
    molt_exc_handling_begin(arg);
    raise(K::ValueError, "v");
    assert!(take_exception().unwrap().chain.is_empty());
    molt_exc_handling_end();
    unsafe { decref(arg) };
    // A float argument: str() is the float's.
    let f = float::box_float(2.5).unwrap();
    molt_raise_new(K::OverflowError.code(), f, true);
    unsafe { decref(f) };
    assert_eq!(take_exception().unwrap().message, "2.5");
    // Replacing a pending exception releases it.
    molt_raise_new(K::ValueError.code(), Obj::default(), false);
    molt_raise_new(K::ValueError.code(), Obj::default(), false);
    raise(K::TypeError, "");
    clear_exception();
    // Handlers left open are released by `clear_handling` (what `finish` does).
    let x = exc::new_exception(K::ValueError.code(), None).unwrap();
    handling_begin(x);
    handling_begin(x);
    unsafe { decref(x) };
    assert_eq!(handling_depth(), 2);
    clear_handling();
    assert_eq!(handling_depth(), 0);
    assert_eq!(live(), before);
}

/// Suppressed contexts and causes in the report.
#[test]
fn report_chain_links() {
    let (_g, before) = clean();
    let text = s("a");
    let a = exc::new_exception(K::ValueError.code(), Some(text)).unwrap();
    unsafe { decref(text) };
    let b = exc::new_exception(K::TypeError.code(), None).unwrap();
    exc::set_context(b, Some(a));
    raise_object(b);
    let rep = take_exception().unwrap();
    assert_eq!(rep.chain.len(), 1);
    assert_eq!(rep.chain[0].0, ChainLink::Context);
    assert_eq!(rep.chain[0].1.message, "a");
    exc::set_suppress_context(b, true);
    raise_object(b);
    assert!(take_exception().unwrap().chain.is_empty());
    exc::set_cause(b, Some(a));
    raise_object(b);
    let rep = take_exception().unwrap();
    assert_eq!(rep.chain.len(), 1);
    assert_eq!(rep.chain[0].0, ChainLink::Cause);
    drop_all(&[a, b]);
    assert_eq!(live(), before);
}

#[test]
fn system_exit() {
    let (_g, before) = clean();
    type Exit = (i32, Option<String>);
    let cases: Vec<(Option<Obj>, Exit)> = vec![
        (None, (0, None)),
        (Some(singletons::none()), (0, None)),
        (Some(Obj::small(3).unwrap()), (3, None)),
        (Some(Obj::small(-3).unwrap()), (-3, None)),
        (Some(Obj::small(1 << 33).unwrap()), (0, None)),
        (Some(int::from_i128(1 << 70).unwrap()), (-1, None)),
        (Some(singletons::bool_obj(true)), (1, None)),
        (Some(s("bye")), (1, Some("bye".into()))),
        (Some(float::box_float(2.5).unwrap()), (1, Some("2.5".into()))),
    ];
    for (arg, expected) in cases {
        molt_raise_new(K::SystemExit.code(), arg.unwrap_or_default(), arg.is_some());
        assert_eq!(take_system_exit(), Some(expected.clone()), "{expected:?}");
        assert_eq!(pending_flag(), 0);
        if let Some(a) = arg {
            unsafe { decref(a) };
        }
    }
    raise(K::SystemExit, "by message");
    assert_eq!(take_system_exit(), Some((1, Some("by message".into()))));
    raise(K::SystemExit, "");
    assert_eq!(take_system_exit(), Some((0, None)));
    // Not a SystemExit: left pending.
    raise(K::KeyboardInterrupt, "");
    assert_eq!(take_system_exit(), None);
    assert_eq!(pending_flag(), 1);
    clear_exception();
    assert_eq!(take_system_exit(), None);
    assert_eq!(live(), before);
}

/// Whole programs, driven through the ABI as generated code would (fetch, match, handling
/// bracket, the clause body's own handler ending the handling and re-raising), printed as
/// python3 prints them.
#[test]
fn chained_tracebacks_match_cpython() {
    let (_g, before) = clean();
    let src = "def f():\n    try:\n        1 // 0\n    except ZeroDivisionError:\n        raise KeyError(\"k\")\n\nf()\n";
    let (expected, file) = crate::testutil::python_stderr("abi_chain1.py", src);
    // f(): `1 // 0` raises; the frame is recorded before the handler runs.
    raise(K::ZeroDivisionError, "integer division or modulo by zero");
    push_frame(frame(&file, "f", 3, "1 // 0"));
    let e = molt_exc_fetch();
    assert!(molt_exc_matches(e, K::ZeroDivisionError.code()));
    molt_exc_handling_begin(e);
    let k = s("k");
    molt_raise_new(K::KeyError.code(), k, true);
    unsafe { decref(k) };
    // The clause's own handler: leave the handling, re-raise.
    let e2 = molt_exc_fetch();
    molt_exc_handling_end();
    // The ABI's re-raise takes over a reference; the test keeps its own.
    crate::object::incref(e2);
    molt_exc_reraise(e2);
    drop_all(&[e2, e]);
    push_frame(frame(&file, "f", 5, "raise KeyError(\"k\")"));
    push_frame(frame(&file, "<module>", 7, "f()"));
    let rep = take_exception().unwrap();
    assert_eq!(format_traceback(&rep), expected);
    assert_eq!(live(), before);

    let src = "try:\n    1 / 0\nexcept ZeroDivisionError:\n    try:\n        raise ValueError()\n    except ValueError:\n        raise OverflowError(2.5)\n";
    let (expected, file) = crate::testutil::python_stderr("abi_chain2.py", src);
    raise(K::ZeroDivisionError, "division by zero");
    push_frame(frame(&file, "<module>", 2, "1 / 0"));
    let e1 = molt_exc_fetch();
    assert!(molt_exc_matches(e1, K::ArithmeticError.code()));
    molt_exc_handling_begin(e1);
    molt_raise_new(K::ValueError.code(), Obj::default(), false);
    push_frame(frame(&file, "<module>", 5, "raise ValueError()"));
    let e2 = molt_exc_fetch();
    assert!(molt_exc_matches(e2, K::ValueError.code()));
    molt_exc_handling_begin(e2);
    let f = float::box_float(2.5).unwrap();
    molt_raise_new(K::OverflowError.code(), f, true);
    unsafe { decref(f) };
    push_frame(frame(&file, "<module>", 7, "raise OverflowError(2.5)"));
    let e3 = molt_exc_fetch();
    molt_exc_handling_end();
    // The ABI's re-raise takes over a reference; the test keeps its own.
    crate::object::incref(e3);
    molt_exc_reraise(e3);
    let e4 = molt_exc_fetch();
    molt_exc_handling_end();
    // The ABI's re-raise takes over a reference; the test keeps its own.
    crate::object::incref(e4);
    molt_exc_reraise(e4);
    drop_all(&[e3, e4, e2, e1]);
    assert_eq!(handling_depth(), 0);
    let rep = take_exception().unwrap();
    assert_eq!(format_traceback(&rep), expected);
    assert_eq!(live(), before);
}
