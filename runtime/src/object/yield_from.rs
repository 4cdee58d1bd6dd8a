//! `yield from` (PEP 380, decisions/0030): the runtime side of the SEND loop compiled code runs,
//! and the forwarding of `throw()` / `close()` to the iterator a generator delegates to.
//!
//! Relies on: the compiler lowering `r = yield from EXPR` inside a generator as CPython 3.11's
//! SEND loop (`it = iter(EXPR)`, `s = None`, then repeatedly `v = molt_yf_send(it, s)`: if
//! `molt_yf_done()` then `r = v` and the loop ends, else `s = yield v`), keeping `it` in a frame
//! slot while suspended; `generator` for the running-generator stack (`running_generator`), the
//! resumption (`resume`, `Input`, `Outcome`), `throw_here`, `close` and the generator's
//! `yield from` fields (delegate, pending result, `yf_done`); `iter` / `slots` for `tp_iternext`
//! (`slots::iter_next_keep_stop`: a `__next__` written in Python lets its StopIteration
//! through, so its value is seen); `call` / `attrs` for the `send`, `throw` and `close`
//! methods. The reference is CPython 3.11's `Python/ceval.c` (SEND, `PyIter_Send`) and
//! `Objects/genobject.c` (`_gen_throw`, `gen_close`, `gen_close_iter`, `_PyGen_yf`,
//! `_PyGen_FetchStopIterationValue`).
//!
//! Provides: the ABI's `molt_yf_send` and `molt_yf_done`; [`throw`] (`_gen_throw`, what
//! `generator.throw` runs), [`close_delegate`] (the first step of `gen_close`), and
//! [`error_object`].
//!
//! Invariants: `molt_yf_send` / `molt_yf_done` act on the innermost running generator (compiled
//! code calls them only from a generator body). A generator has a *delegate* (an owned reference
//! in the generator, CPython's `gi_yieldfrom`) exactly while it is suspended at the `yield` of a
//! SEND loop whose last `molt_yf_send` got a value from the iterator: `molt_yf_send` records it,
//! and every resumption, the end of the generator and the collector's `clear` drop it. While a
//! `throw()` or `close()` is forwarded to the delegate, the generator is marked running
//! (CPython's `FRAME_EXECUTING`: resuming it meanwhile is "generator already executing") and its
//! body does not run. When a forwarded `throw()` finishes the delegate (its StopIteration, or a
//! generator delegate's return), the value is kept as the generator's *pending result* and the
//! generator is resumed with None; the SEND loop's next `molt_yf_send` returns that value with
//! `molt_yf_done()` true (CPython jumps past the loop with the value instead). StopIteration
//! values are `args[0]` (None without one), as `_PyGen_FetchStopIterationValue` reads them.
//! Nothing here panics.
//!
//! Known differences from CPython: a generator delegate is resumed as CPython's `gen_send_ex2`
//! resumes it (no `send` method lookup), as CPython does for exact generators; coroutines and
//! `await` are not implemented.

use super::generator::{self, Input, Outcome, is_generator};
use super::range::Owned;
use super::{Obj, exception as exc, new_ref, singletons};
use crate::ExceptionKind::{AttributeError, GeneratorExit, RuntimeError, StopIteration};
use crate::exceptions::{MoltError, MoltResult, fail, fetch_exception, raise_error, value_or_raise};

/// Whether `err` is a StopIteration (or an instance of a subclass).
fn is_stop(err: &MoltError) -> bool {
    match err.raised() {
        Some(o) => exc::matches(o, StopIteration.code()),
        None => err.kind == StopIteration,
    }
}

/// `_PyGen_FetchStopIterationValue` of StopIteration error `err`: its value (a new reference;
/// `args[0]`, None without one).
fn stop_value(err: &MoltError) -> MoltResult<Obj> {
    if let Some(o) = err.raised() {
        return Ok(new_ref(exc::args(o).first().copied().unwrap_or_else(singletons::none)));
    }
    if let Some(a) = err.arg.as_ref().and_then(|a| a.get()) {
        return Ok(new_ref(a));
    }
    if err.message.is_empty() {
        return Ok(singletons::none());
    }
    super::str::str_from_text(&err.message)
}

/// An error as an exception object (a new reference), as it would be raised (its context the
/// exception being handled, for an error not yet raised). A MemoryError object if that fails.
pub(crate) fn error_object(err: MoltError) -> Obj {
    if let Some(o) = err.raised() {
        return new_ref(o);
    }
    raise_error(&err);
    let o = fetch_exception();
    if exc::is_exception(o) {
        return o;
    }
    // `fetch_exception` left a MemoryError pending: take that one.
    let o = fetch_exception();
    if exc::is_exception(o) { o } else { singletons::none() }
}

/// One step of the SEND loop on `it` (`PyIter_Send`; a generator is resumed directly, as its
/// `am_send` does): `Yielded(v)` for a value, `Returned(v)` once it finished.
fn send_step(it: Obj, sent: Obj) -> MoltResult<Outcome> {
    if is_generator(it) {
        return generator::resume(it, Input::Send(sent));
    }
    let r = if singletons::is_none(sent) && it.type_of().iternext_slot().is_some() {
        match super::slots::iter_next_keep_stop(it) {
            Ok(Some(v)) => return Ok(Outcome::Yielded(v)),
            Ok(None) => return Ok(Outcome::Returned(singletons::none())),
            Err(e) => Err(e),
        }
    } else {
        super::call::call_method(it, "send", &[sent], &[])
    };
    match r {
        Ok(v) => Ok(Outcome::Yielded(v)),
        Err(e) if is_stop(&e) => Ok(Outcome::Returned(stop_value(&e)?)),
        Err(e) => Err(e),
    }
}

/// `molt_yf_send` after the lookup of the running generator `g`.
fn yf_send(g: Obj, it: Obj, sent: Obj) -> MoltResult<Obj> {
    generator::set_yf_done(g, false);
    if let Some(v) = generator::take_yf_result(g) {
        // A forwarded `throw()` finished the delegate: its value ends the loop.
        generator::set_yf_done(g, true);
        return Ok(v);
    }
    match send_step(it, sent)? {
        Outcome::Yielded(v) => {
            generator::set_delegate(g, it);
            Ok(v)
        }
        Outcome::Returned(v) => {
            generator::set_yf_done(g, true);
            Ok(v)
        }
    }
}

/// `molt_yf_send` (see `abi.rs`): one step of `yield from it` in the running generator.
#[unsafe(no_mangle)]
pub extern "C" fn molt_yf_send(it: Obj, sent: Obj) -> Obj {
    let Some(g) = generator::running_generator() else {
        return value_or_raise(fail(RuntimeError, "molt_yf_send outside a generator (a compiler bug)"));
    };
    value_or_raise(yf_send(g, it, sent))
}

/// `molt_yf_done` (see `abi.rs`): whether the last `molt_yf_send` of the running generator
/// found its iterator finished.
#[unsafe(no_mangle)]
pub extern "C" fn molt_yf_done() -> bool {
    generator::running_generator().is_some_and(generator::yf_done)
}

// --- forwarding ---

/// `gen_close_iter`: closes `yf` — a generator's `close()`, else its `close` method if it has
/// one (an error looking it up other than AttributeError is written as unraisable).
fn close_iter(yf: Obj) -> MoltResult<()> {
    if is_generator(yf) {
        return generator::close(yf);
    }
    let meth = match super::attrs::getattr(yf, "close") {
        Ok(m) => Owned(m),
        Err(e) if e.kind == AttributeError => return Ok(()),
        Err(e) => {
            raise_error(&e);
            generator::write_unraisable(yf);
            return Ok(());
        }
    };
    drop(Owned(super::callable::call_object(meth.get(), &[], &[])?));
    Ok(())
}

/// `gen_close`'s first step: closes the delegate of generator `o` (if it has one), `o` marked
/// running meanwhile. Its error is what `close()` throws into `o` instead of GeneratorExit.
pub(super) fn close_delegate(o: Obj) -> MoltResult<()> {
    let Some(yf) = generator::delegate(o) else { return Ok(()) };
    let yf = Owned(yf);
    generator::set_forwarding(o, true);
    let r = close_iter(yf.get());
    generator::set_forwarding(o, false);
    r
}

/// `PyErr_GivenExceptionMatches(typ, GeneratorExit)`: `typ` is GeneratorExit or a subclass, or
/// an instance of one.
fn is_generator_exit(typ: Obj) -> bool {
    let ge = exc::exception_type(GeneratorExit);
    match super::types::as_type(typ) {
        Some(t) => super::types::is_subtype(t, ge),
        None => exc::matches(typ, GeneratorExit.code()),
    }
}

/// `_gen_throw(o, 1, *args)`: `throw(*args)` (the arguments as given: `typ[, val[, tb]]`) into
/// generator `o`, forwarded to its delegate first (see the module doc).
pub(super) fn throw(o: Obj, args: &[Obj]) -> MoltResult<Outcome> {
    let Some(yf) = generator::delegate(o) else {
        return generator::throw_here(o, args);
    };
    let yf = Owned(yf);
    let typ = args.first().copied().unwrap_or_else(singletons::none);
    if is_generator_exit(typ) {
        generator::set_forwarding(o, true);
        let r = close_iter(yf.get());
        generator::set_forwarding(o, false);
        drop(yf);
        return match r {
            // `gen_send_ex(gen, None, 1, 0)` with the error of the close pending.
            Err(err) => {
                let e = Owned(error_object(err));
                generator::resume(o, Input::Throw(e.get()))
            }
            Ok(()) => generator::throw_here(o, args),
        };
    }
    let ret = if is_generator(yf.get()) {
        generator::set_forwarding(o, true);
        let r = throw(yf.get(), args);
        generator::set_forwarding(o, false);
        r
    } else {
        let meth = match super::attrs::getattr(yf.get(), "throw") {
            Ok(m) => Owned(m),
            Err(e) if e.kind == AttributeError => {
                drop(yf);
                return generator::throw_here(o, args);
            }
            Err(e) => return Err(e),
        };
        generator::set_forwarding(o, true);
        let r = super::callable::call_object(meth.get(), args, &[]);
        generator::set_forwarding(o, false);
        r.map(Outcome::Yielded)
    };
    drop(yf);
    match ret {
        Ok(Outcome::Yielded(v)) => Ok(Outcome::Yielded(v)),
        // The delegate finished: the SEND loop ends with its value.
        Ok(Outcome::Returned(v)) => finish_loop(o, v),
        Err(err) if is_stop(&err) => {
            let v = stop_value(&err)?;
            finish_loop(o, v)
        }
        Err(err) => {
            generator::forget_delegate(o);
            let e = Owned(error_object(err));
            generator::resume(o, Input::Throw(e.get()))
        }
    }
}

/// The delegate of `o` finished with `v` (owned) during a forwarded `throw()`: forgets it, keeps
/// `v` for the SEND loop's next `molt_yf_send`, and resumes `o` (CPython's `gen_send(gen, val)`
/// after the jump past the loop).
fn finish_loop(o: Obj, v: Obj) -> MoltResult<Outcome> {
    generator::forget_delegate(o);
    generator::set_yf_result(o, v);
    generator::resume(o, Input::Next)
}
