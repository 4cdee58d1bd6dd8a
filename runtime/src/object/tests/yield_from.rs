//! `yield from` (`object::yield_from`), driven by hand-written resume functions that run the
//! SEND loop as compiled code does (`molt_yf_send`, `molt_yf_done`, `molt_gen_sent`; the
//! iterator kept in a frame slot while suspended, taken back at each resumption): values and
//! `send` delegated, the return value through the loop, `throw()` forwarded and caught by the
//! delegate (which returns: the delegator continues with the value; or yields: it stays
//! delegated), forwarded and not caught, through a chain of two delegators, GeneratorExit
//! thrown, `close()` and finalisation with a delegate (the delegate finalised first, an error of
//! its `close()` thrown into the delegator), a list iterator as the delegate (`send` of a
//! non-None value is CPython's AttributeError; no `throw`/`close` methods), `gi_yieldfrom`, the
//! cycle collector through the delegate, and the ABI outside a generator. The expected texts are
//! CPython 3.11's (checked with python3). Every test ends with no live object of any kind.

use std::format;
use std::string::String;
use std::vec::Vec;

use super::assert_all_freed;
use super::generators::{
    boom_body, count, finally_body, kind_class, log, make, method, resumed, show, slot, small, state, take_log, text,
};
use crate::exceptions::{exception_pending, fetch_exception, raise_error, test_lock};
use crate::object::generator::stderr;
use crate::object::range::Owned;
use crate::object::yield_from::{molt_yf_done, molt_yf_send};
use crate::object::{Obj, attrs, decref, dispatch, exception as exc, gc, iter, list, new_ref, singletons};
use crate::{ExceptionKind, GEN_STATE_FINISHED};

fn repr(o: Obj) -> String {
    dispatch::repr_of(o).unwrap()
}

/// ```python
/// def outer(src):              # slot 0: src, then its iterator while suspended (refs)
///     try:
///         r = yield from src   # state 1
///     except BaseException as e:
///         log(f'outer saw {e!r}')
///         raise
///     log(f'outer got {r!r}')
///     yield 'after'            # state 2
///     return 'outer-ret'
/// ```
unsafe extern "C" fn outer_body(g: Obj, sent: Obj, _depth: i64) -> Obj {
    unsafe {
        let st = state(g);
        let (it, s) = match *st {
            0 => {
                let src = Owned(Obj::from_raw(core::mem::replace(&mut *slot(g, 0), 0)));
                match iter::get_iter(src.get()) {
                    Ok(it) => (it, singletons::none()),
                    Err(e) => {
                        raise_error(&e);
                        return Obj::default();
                    }
                }
            }
            1 => {
                let it = Obj::from_raw(core::mem::replace(&mut *slot(g, 0), 0));
                match resumed(g, sent) {
                    Some(s) => (it, s),
                    None => {
                        decref(it);
                        let e = fetch_exception();
                        log(format!("outer saw {}", repr(e)));
                        crate::exceptions::molt_exc_reraise(e);
                        return Obj::default();
                    }
                }
            }
            _ => {
                return match resumed(g, sent) {
                    Some(s) => {
                        decref(s);
                        *st = GEN_STATE_FINISHED;
                        text("outer-ret")
                    }
                    None => Obj::default(),
                };
            }
        };
        let v = molt_yf_send(it, s);
        decref(s);
        if exception_pending() {
            decref(it);
            let e = fetch_exception();
            log(format!("outer saw {}", repr(e)));
            crate::exceptions::molt_exc_reraise(e);
            return Obj::default();
        }
        if molt_yf_done() {
            decref(it);
            log(format!("outer got {}", repr(v)));
            decref(v);
            *st = 2;
            return text("after");
        }
        *slot(g, 0) = it.raw();
        *st = 1;
        v
    }
}

/// `outer(src)` (`src` owned: the frame takes it).
fn outer(src: Obj) -> Obj {
    let g = make(outer_body, 1, 1, "outer");
    unsafe { *slot(g, 0) = src.raw() };
    g
}

/// ```python
/// def catcher():
///     try:
///         yield 'ready'        # state 1
///     except KeyError as e:
///         log(f'catcher caught {e!r}')
///         return 'caught'
///     return 'not thrown'
/// ```
unsafe extern "C" fn catcher_body(g: Obj, sent: Obj, _depth: i64) -> Obj {
    unsafe {
        let st = state(g);
        if *st == 0 {
            *st = 1;
            return text("ready");
        }
        match resumed(g, sent) {
            Some(s) => {
                decref(s);
                *st = GEN_STATE_FINISHED;
                text("not thrown")
            }
            None => {
                let e = fetch_exception();
                if !exc::matches(e, ExceptionKind::KeyError.code()) {
                    crate::exceptions::molt_exc_reraise(e);
                    return Obj::default();
                }
                log(format!("catcher caught {}", repr(e)));
                decref(e);
                *st = GEN_STATE_FINISHED;
                text("caught")
            }
        }
    }
}

fn catcher() -> Obj {
    make(catcher_body, 0, 0, "catcher")
}

/// `g.gi_yieldfrom is x`.
fn yields_from(g: Obj, x: Obj) -> bool {
    let d = Owned(attrs::getattr(g, "gi_yieldfrom").unwrap());
    d.get().is(x)
}

#[test]
fn values_send_and_the_return_value_are_delegated() {
    let _guard = test_lock();
    let inner = count(3);
    let g = outer(new_ref(inner));
    assert!(yields_from(g, singletons::none()));
    assert_eq!(show(method(g, "__next__", &[])), "0");
    assert!(yields_from(g, inner));
    // `send` goes to the delegate (count sets its counter to what it is sent).
    assert_eq!(show(method(g, "send", &[small(2)])), "2");
    assert_eq!(take_log(), Vec::<String>::new());
    // The delegate returns: its value is the `yield from`'s.
    assert_eq!(show(method(g, "__next__", &[])), "'after'");
    assert_eq!(take_log(), ["outer got 'done'"]);
    assert!(yields_from(g, singletons::none()));
    assert_eq!(show(method(g, "__next__", &[])), "!StopIteration('outer-ret')");
    unsafe { decref(g) };
    // The frame dropped the delegate when it finished: only this reference is left.
    assert_eq!(show(method(inner, "__next__", &[])), "!StopIteration()");
    unsafe { decref(inner) };

    // The iteration protocol, and an empty delegate.
    let g = outer(count(3));
    let l = Owned(list::list_from_iter(g).unwrap());
    assert_eq!(repr(l.get()), "[0, 1, 2, 'after']");
    assert_eq!(take_log(), ["outer got 'done'"]);
    unsafe { decref(g) };
    let g = outer(count(0));
    assert_eq!(show(method(g, "__next__", &[])), "'after'");
    assert_eq!(take_log(), ["outer got 'done'"]);
    unsafe { decref(g) };
    drop(l);
    assert_all_freed();
}

#[test]
fn a_list_iterator_as_the_delegate() {
    let _guard = test_lock();
    let src = || {
        let l = list::new_list(0).unwrap();
        list::append(l, small(1)).unwrap();
        list::append(l, small(2)).unwrap();
        l
    };
    let g = outer(src());
    assert_eq!(show(method(g, "__next__", &[])), "1");
    assert_eq!(show(method(g, "send", &[singletons::none()])), "2");
    assert_eq!(show(method(g, "__next__", &[])), "'after'");
    assert_eq!(take_log(), ["outer got None"]);
    unsafe { decref(g) };
    // `send` of a non-None value calls the iterator's `send` method: it has none.
    let g = outer(src());
    assert_eq!(show(method(g, "__next__", &[])), "1");
    assert_eq!(
        show(method(g, "send", &[small(5)])),
        "!AttributeError(\"'list_iterator' object has no attribute 'send'\")"
    );
    assert_eq!(take_log(), ["outer saw AttributeError(\"'list_iterator' object has no attribute 'send'\")"]);
    assert_eq!(show(method(g, "__next__", &[])), "!StopIteration()");
    unsafe { decref(g) };
    // No `throw` method: thrown into the delegator itself; no `close` method: GeneratorExit.
    let g = outer(src());
    assert_eq!(show(method(g, "__next__", &[])), "1");
    assert_eq!(show(method(g, "throw", &[kind_class(ExceptionKind::KeyError)])), "!KeyError()");
    assert_eq!(take_log(), ["outer saw KeyError()"]);
    unsafe { decref(g) };
    let g = outer(src());
    assert_eq!(show(method(g, "__next__", &[])), "1");
    assert_eq!(show(method(g, "close", &[])), "None");
    assert_eq!(take_log(), ["outer saw GeneratorExit()"]);
    unsafe { decref(g) };
    assert_all_freed();
}

#[test]
fn throw_is_forwarded_to_the_delegate() {
    let _guard = test_lock();
    // Caught by the delegate, which returns: the delegator continues with its value.
    let g = outer(catcher());
    assert_eq!(show(method(g, "__next__", &[])), "'ready'");
    let (k_text, i_text) = (Owned(text("k")), Owned(text("i")));
    let k = Owned(exc::new_exception(ExceptionKind::KeyError.code(), Some(k_text.get())).unwrap());
    assert_eq!(show(method(g, "throw", &[k.get()])), "'after'");
    assert_eq!(take_log(), ["catcher caught KeyError('k')", "outer got 'caught'"]);
    assert!(yields_from(g, singletons::none()));
    // No delegate any more: thrown into the delegator.
    assert_eq!(show(method(g, "throw", &[kind_class(ExceptionKind::IndexError)])), "!IndexError()");
    assert_eq!(take_log(), Vec::<String>::new());
    unsafe { decref(g) };

    // Not caught by the delegate: raised in the delegator at its `yield from`.
    let g = outer(catcher());
    assert_eq!(show(method(g, "__next__", &[])), "'ready'");
    assert_eq!(show(method(g, "throw", &[kind_class(ExceptionKind::IndexError), i_text.get()])), "!IndexError('i')");
    assert_eq!(take_log(), ["outer saw IndexError('i')"]);
    assert_eq!(show(attrs::getattr(g, "gi_suspended")), "False");
    assert_eq!(show(method(g, "__next__", &[])), "!StopIteration()");
    unsafe { decref(g) };

    // Caught by a delegate that yields from its handler: the delegator stays delegated.
    let inner = make(super::generators::catch_body, 0, 0, "catch");
    let g = outer(new_ref(inner));
    assert_eq!(show(method(g, "__next__", &[])), "1");
    assert_eq!(show(method(g, "throw", &[kind_class(ExceptionKind::ValueError)])), "'caught'");
    assert_eq!(take_log(), ["handling ValueError()"]);
    assert!(yields_from(g, inner));
    assert_eq!(show(method(g, "__next__", &[])), "'after'");
    assert_eq!(take_log(), ["outer got 'end'"]);
    unsafe {
        decref(g);
        decref(inner);
    }

    // Through a chain: outer(outer(catcher())).
    let g = outer(outer(catcher()));
    assert_eq!(show(method(g, "__next__", &[])), "'ready'");
    assert_eq!(show(method(g, "throw", &[k.get()])), "'after'");
    assert_eq!(take_log(), ["catcher caught KeyError('k')", "outer got 'caught'"]);
    assert_eq!(show(method(g, "__next__", &[])), "'after'");
    assert_eq!(take_log(), ["outer got 'outer-ret'"]);
    unsafe { decref(g) };
    let g = outer(outer(catcher()));
    assert_eq!(show(method(g, "__next__", &[])), "'ready'");
    assert_eq!(show(method(g, "throw", &[kind_class(ExceptionKind::TypeError)])), "!TypeError()");
    assert_eq!(take_log(), ["outer saw TypeError()", "outer saw TypeError()"]);
    unsafe { decref(g) };
    // Bad throw() arguments reach the innermost generator, whose error is raised in each
    // delegator (CPython checks them only where the exception is thrown in).
    let g = outer(catcher());
    assert_eq!(show(method(g, "__next__", &[])), "'ready'");
    assert_eq!(
        show(method(g, "throw", &[small(1)])),
        "!TypeError('exceptions must be classes or instances deriving from BaseException, not int')"
    );
    assert_eq!(take_log(), ["outer saw TypeError('exceptions must be classes or instances deriving from BaseException, not int')"]);
    unsafe { decref(g) };
    drop((k, k_text, i_text));
    assert_all_freed();
}

#[test]
fn close_and_generator_exit_go_to_the_delegate_first() {
    let _guard = test_lock();
    let fin = || make(finally_body, 1, 1, "fin");
    // close(): the delegate is closed (its finally runs), then GeneratorExit is raised in the
    // delegator.
    let g = outer(fin());
    assert_eq!(show(method(g, "__next__", &[])), "1");
    assert_eq!(show(method(g, "close", &[])), "None");
    assert_eq!(take_log(), ["finally", "outer saw GeneratorExit()"]);
    assert_eq!(show(method(g, "__next__", &[])), "!StopIteration()");
    unsafe { decref(g) };
    // throw(GeneratorExit) does the same, and the GeneratorExit passes out.
    let g = outer(fin());
    assert_eq!(show(method(g, "__next__", &[])), "1");
    assert_eq!(show(method(g, "throw", &[kind_class(ExceptionKind::GeneratorExit)])), "!GeneratorExit()");
    assert_eq!(take_log(), ["finally", "outer saw GeneratorExit()"]);
    unsafe { decref(g) };
    // The delegate's close() raises: that error is raised in the delegator instead.
    let g = outer(make(boom_body, 0, 0, "boom"));
    assert_eq!(show(method(g, "__next__", &[])), "1");
    let r = method(g, "close", &[]);
    raise_error(&r.unwrap_err());
    let e = Owned(fetch_exception());
    assert_eq!(repr(e.get()), "KeyError(5)");
    assert_eq!(show(Ok(exc::context(e.get()).map(new_ref).unwrap())), "GeneratorExit()");
    assert_eq!(take_log(), ["outer saw KeyError(5)"]);
    unsafe { decref(g) };
    drop(e);
    // Freed while suspended with a delegate: closed, the delegate first.
    let g = outer(fin());
    assert_eq!(show(method(g, "__next__", &[])), "1");
    unsafe { decref(g) };
    assert_eq!(take_log(), ["finally", "outer saw GeneratorExit()"]);
    assert_eq!(stderr::take(), "");
    // ... and a close() error of the delegate that passes out is reported as unraisable.
    let g = outer(make(boom_body, 0, 0, "boom"));
    assert_eq!(show(method(g, "__next__", &[])), "1");
    let addr = g.raw() - 1;
    unsafe { decref(g) };
    assert_eq!(take_log(), ["outer saw KeyError(5)"]);
    assert_eq!(
        stderr::take(),
        format!(
            "Exception ignored in: <generator object outer at {addr:#x}>\nTraceback (most recent call last):\n  \
             File \"/tmp/g.py\", line 5, in boom\n    raise KeyError(5)\nKeyError: 5\n"
        )
    );
    assert!(!exception_pending());
    assert_all_freed();
}

#[test]
fn the_collector_sees_the_delegate() {
    let _guard = test_lock();
    // outer -> (slot and delegate) inner -> (payload slot) list -> outer.
    let inner = count(3);
    let g = outer(new_ref(inner));
    let l = list::new_list(0).unwrap();
    list::append(l, g).unwrap();
    unsafe { decref(Obj::from_raw(core::mem::replace(&mut *slot(inner, 1), l.raw()))) };
    assert_eq!(show(method(g, "__next__", &[])), "0");
    unsafe {
        decref(inner);
        decref(g);
    }
    assert!(gc::collect_all() >= 3);
    assert_eq!(take_log(), Vec::<String>::new());
    assert_all_freed();
}

#[test]
fn the_abi_outside_a_generator() {
    let _guard = test_lock();
    assert!(!molt_yf_done());
    let l = Owned(list::new_list(0).unwrap());
    let r = molt_yf_send(l.get(), singletons::none());
    assert!(exception_pending());
    let e = Owned(fetch_exception());
    assert_eq!(repr(e.get()), "RuntimeError('molt_yf_send outside a generator (a compiler bug)')");
    assert!(r.is(Obj::default()));
    drop((l, e));
    assert_all_freed();
}
