//! Generator objects (decisions/0030): what calling a generator function returns, and the
//! machinery that runs its compiled body one `yield` at a time.
//!
//! Relies on: the compiler's contract for generator functions (`abi.rs`, `molt_gen_new`): a
//! *ramp* that makes the object with `molt_gen_new` and stores the arguments in the frame
//! slots, and a *resume function* `code(gen, sent, depth) -> obj` that reads the state word
//! (`GEN_STATE_OFFSET`: 0 before the first line, k at the k-th `yield`), runs to the next
//! `yield` or `return`, sets the state word (k, or `GEN_STATE_FINISHED`) and returns the
//! yielded or returned value as a new reference — or the word 0 with an exception pending —
//! and calls `molt_gen_sent(gen, sent)` right after each resumption at a `yield`; reference
//! slots `[0, nrefs)` own their non-zero words, the others are raw words. `exceptions` for the
//! pending exception, the stack of exceptions being handled (`handling_depth`,
//! `handling_suspend` / `handling_resume`) and `save_pending` / `restore_pending`;
//! `callable` for the current depth; `alloc` (kind `HeapKind::Generator`, a container) and
//! `gc` (a frame can hold a cycle: `g = f(); l = [g]` stored in one of its own slots);
//! `yield_from` for the forwarding of `throw()` / `close()` to a delegate.
//! The reference is CPython 3.11's `Objects/genobject.c` (`gen_send_ex2`, `gen_send_ex`,
//! `gen_iternext`, `_gen_throw`, `gen_close`, `_PyGen_Finalize`, `gen_dealloc`,
//! `_PyGen_SetStopIterationValue`) and `Python/errors.c` (`_PyErr_FormatFromCause`,
//! `PyErr_WriteUnraisable`).
//!
//! Provides: the type `generator` ([`TYPE_GENERATOR`]: `iter(g) is g`, `next`, the repr
//! `<generator object QUALNAME at 0x…>`, the methods `send`, `throw`, `close`, `__next__`, the
//! attributes `__name__`, `__qualname__`, `gi_running`, `gi_suspended`, `gi_yieldfrom`),
//! [`is_generator`], [`next_value`] (builtin `next(g)`: StopIteration carries the return
//! value), `free` / `traverse` / `clear` (for `alloc` and `gc`), the ABI's `molt_gen_new` and
//! `molt_gen_sent`; for `yield_from`: the resumption (`resume`), the stack of running
//! generators (`running_generator`) and each generator's `yield from` state (its delegate, the
//! delegate's pending result, `yf_done`).
//!
//! Invariants: a generator is one block: [`GenObject`]'s fixed fields, then `nslots` 8-byte
//! words (`GEN_SLOTS_OFFSET`, asserted below with `GEN_STATE_OFFSET`). Its state is *unstarted*
//! (state word 0), *suspended* (k ≥ 1) or *finished* (`GEN_STATE_FINISHED`); `running` is set
//! exactly while its body runs (CPython's `FRAME_EXECUTING`) or a `throw()` / `close()` is
//! forwarded to its delegate, and nothing resumes, closes or clears a running generator. While
//! its body runs it is on the stack of running generators (`RUNNING`, linked through
//! `prev_running`: pushed around the call of the resume function, popped after). Its delegate
//! and pending result (`yield_from.rs`) are owned references (or 0), traversed by the
//! collector; the delegate is dropped at each resumption. When it becomes finished (returned, raised, closed, thrown into
//! before it started) its frame is cleared at once, as CPython's `_PyFrame_Clear`: every
//! non-zero reference slot is dropped (written 0 first) and the handlers it saved are dropped.
//! While suspended, the exceptions its body is handling (entries it pushed on the handling stack
//! and did not pop) are kept in the generator, off the global stack, and pushed back when it
//! resumes, so that its consumer does not see them as the context of its own exceptions
//! (CPython's `gi_exc_state`). The body runs at the runtime's current depth + 1 (that depth
//! meanwhile); past the recursion limit the generator finishes with RecursionError, as
//! CPython's frame fails at entry. `close()` of a generator with a delegate closes the
//! delegate first (`gen_close_iter`) and throws its error, if any, instead of GeneratorExit;
//! `throw()` goes through `yield_from::throw` (`_gen_throw`). An exception the body raises passes out unchanged, except a
//! StopIteration, which becomes `RuntimeError("generator raised StopIteration")` whose cause and
//! context are the StopIteration (PEP 479). The iteration protocol (`tp_iternext`: `for`,
//! `list(g)`) drops the return value; `send`, `throw`, `g.__next__()` and builtin `next(g)`
//! raise `StopIteration(value)` (`StopIteration()` for None). A suspended generator freed by
//! reference counting is closed first (`_PyGen_Finalize`), with any pending exception saved
//! and restored around it; if `close()` raises, the error is written to stderr as CPython's
//! `PyErr_WriteUnraisable` writes it ("Exception ignored in: <generator object g at 0x…>", the
//! traceback, `Kind: message`).
//!
//! Known differences from CPython: the cycle collector does not close a suspended generator
//! it frees (its `clear` drops the frame and marks it finished; no `finally` block runs),
//! and a generator freed while a collection runs is not closed either; `throw()` into an
//! unstarted generator raises without the traceback entry of the body's `def` line (the body
//! does not run); the traceback of "generator ignored GeneratorExit" raised by a finaliser has
//! no frames; `__name__` / `__qualname__` are read-only; `gi_code` and `gi_frame` are not
//! implemented.

use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU64, Ordering};

use super::alloc::{HeapKind, alloc_container, free_raw, memory_error};
use super::call::{check_positional, exactly_one, no_args, no_keywords};
use super::range::Owned;
use super::types::{MethodDef, TYPE_OBJECT, TypeObject, as_type, is_subtype};
use super::{Header, Obj, callable, decref, exception as exc, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::{GeneratorExit, RecursionError, RuntimeError, StopIteration, TypeError, ValueError};
use crate::exceptions::{
    MoltError, MoltResult, exception_pending, fail, handling_depth, handling_resume, handling_suspend, raise_error,
    raise_object, recursion_limit, value_or_raise,
};
use crate::{GEN_SLOTS_OFFSET, GEN_STATE_FINISHED, GEN_STATE_OFFSET, RECURSION_MSG};

/// The C-ABI entry of a compiled resume function: `code(gen, sent, depth)` (both borrowed).
pub type GenCode = unsafe extern "C" fn(Obj, Obj, i64) -> Obj;

/// A generator object; its frame's `nslots` words follow the fixed fields.
#[repr(C)]
pub struct GenObject {
    pub header: Header,
    /// The state word the compiled body reads and writes (`GEN_STATE_OFFSET`).
    state: i64,
    /// The compiled resume function.
    code: GenCode,
    /// The frame's words, and how many of the first ones are reference slots.
    nslots: u32,
    nrefs: u32,
    /// `__name__` and `__qualname__`: static UTF-8 in the executable (pointer and length).
    name: *const u8,
    qualname: *const u8,
    name_len: u32,
    qualname_len: u32,
    /// True while the body runs (`gi_running`), and while a `throw()` / `close()` is forwarded
    /// to its delegate (CPython's `FRAME_EXECUTING` around `gen_close_iter` and `_gen_throw`).
    running: bool,
    /// Whether the last `molt_yf_send` of this generator found its iterator finished.
    yf_done: bool,
    /// Lost handling-stack entries among the saved ones (see `exceptions::handling_suspend`).
    saved_lost: u32,
    /// The exceptions the suspended body is handling (owned references, innermost last).
    saved: Vec<Obj>,
    /// The iterator a `yield from` suspended this generator on (CPython's `gi_yieldfrom`): an
    /// owned reference, or 0. Set by `molt_yf_send` when the iterator yielded; dropped when the
    /// generator resumes, finishes or is cleared.
    delegate: u64,
    /// The delegate's return value when a forwarded `throw()` finished it (an owned reference,
    /// or 0): what the next `molt_yf_send` returns.
    yf_result: u64,
    /// The generator that was running when this one started running (a borrowed word, 0 for
    /// none; meaningful only while `running`): the stack of running generators.
    prev_running: u64,
    /// The frame's slots (`nslots` words).
    slots: [u64; 0],
}

const _: () = {
    assert!(core::mem::offset_of!(GenObject, state) as i64 == GEN_STATE_OFFSET);
    assert!(core::mem::offset_of!(GenObject, slots) as i64 == GEN_SLOTS_OFFSET);
    assert!(core::mem::size_of::<GenObject>() as i64 == GEN_SLOTS_OFFSET);
    assert!(core::mem::align_of::<GenObject>() == 8);
    assert!(GEN_STATE_FINISHED < 0);
};

/// `generator`.
pub static TYPE_GENERATOR: TypeObject = TypeObject {
    repr: Some(gen_repr),
    iter: Some(self_iter),
    iternext: Some(gen_iternext),
    heap: Some(HeapKind::Generator),
    methods: GEN_METHODS,
    attributes: Some(attribute),
    ..TypeObject::new("generator", &TYPE_OBJECT)
};

const GEN_METHODS: &[MethodDef] = &[
    MethodDef { name: "send", call: send_method },
    MethodDef { name: "throw", call: throw_method },
    MethodDef { name: "close", call: close_method },
    MethodDef { name: "__next__", call: next_method },
];

/// Whether `o` is a generator (by heap kind: naming the type object would link its methods).
pub fn is_generator(o: Obj) -> bool {
    o.type_of().heap == Some(HeapKind::Generator)
}

/// How the rest of the runtime reaches generators: freeing, the collector and builtin `next()`
/// go through these, which the first `molt_gen_new` registers, so that a program that makes no
/// generator links none of this module (its finaliser runs Python code and prints tracebacks).
pub(crate) struct GenHooks {
    pub free: unsafe fn(*mut Header),
    pub traverse: unsafe fn(*const Header, &mut dyn FnMut(Obj)),
    pub clear: unsafe fn(*mut Header),
    pub next_value: fn(Obj) -> MoltResult<Obj>,
}

static HOOKS: GenHooks = GenHooks { free, traverse, clear, next_value };

/// The registered hooks (`&HOOKS` once a generator was made).
static REGISTERED: core::sync::atomic::AtomicPtr<GenHooks> = core::sync::atomic::AtomicPtr::new(core::ptr::null_mut());

/// The generator hooks, once a generator exists (there can be no generator object before).
pub(crate) fn hooks() -> Option<&'static GenHooks> {
    // Opaque to the optimiser: the only value ever stored is `&HOOKS`, and LLVM, seeing that,
    // turns the calls through it into direct calls, which links every generator (and the
    // exception reporting its finaliser needs) into every program (fib: +340 KB).
    let p = core::hint::black_box(REGISTERED.load(Ordering::Relaxed));
    // SAFETY: only ever set to `&HOOKS`, a static.
    unsafe { p.cast_const().as_ref() }
}

/// The generator behind `o`, if it is one.
fn gen_ptr(o: Obj) -> Option<*mut GenObject> {
    if !is_generator(o) {
        return None;
    }
    o.header_ptr().map(|h| h.cast::<GenObject>().cast_mut())
}

/// The block layout of a generator of `nslots` slots.
fn layout_for(nslots: usize) -> Option<Layout> {
    let size = nslots.checked_mul(8)?.checked_add(core::mem::size_of::<GenObject>())?;
    Layout::from_size_align(size, core::mem::align_of::<GenObject>()).ok()
}

/// The first slot of generator `g`.
///
/// # Safety
/// `g` is a live generator.
unsafe fn slots_of(g: *mut GenObject) -> *mut u64 {
    // SAFETY: forwarded contract; the slots follow the fixed fields in the same block.
    unsafe { core::ptr::addr_of_mut!((*g).slots).cast::<u64>() }
}

/// Static UTF-8 text as a `&str` (lossy-free: invalid text reads as empty).
///
/// # Safety
/// `p` is valid for reads of `len` bytes (or null).
unsafe fn static_text<'a>(p: *const u8, len: u32) -> &'a str {
    // SAFETY: forwarded contract.
    let bytes = unsafe { crate::exceptions::bytes_from_raw(p, i64::from(len)) };
    core::str::from_utf8(bytes).unwrap_or("")
}

/// `__name__` and `__qualname__` of generator `o`.
fn names(o: Obj) -> (&'static str, &'static str) {
    match gen_ptr(o) {
        // SAFETY: a live generator; its names are static text (`molt_gen_new`'s contract).
        Some(g) => unsafe { (static_text((*g).name, (*g).name_len), static_text((*g).qualname, (*g).qualname_len)) },
        None => ("", ""),
    }
}

// --- making one ---

/// `molt_gen_new` after the conversions: the new generator (unstarted, slots zeroed).
fn gen_new(code: GenCode, nslots: i64, nrefs: i64, name: (*const u8, i64), qualname: (*const u8, i64)) -> MoltResult<Obj> {
    let (Ok(ns), Ok(nr), Ok(nl), Ok(ql)) = (u32::try_from(nslots), u32::try_from(nrefs), u32::try_from(name.1), u32::try_from(qualname.1)) else {
        return fail(TypeError, "bad argument to molt_gen_new (a compiler bug)");
    };
    if nr > ns {
        return fail(TypeError, "bad argument to molt_gen_new (a compiler bug)");
    }
    let Some(layout) = layout_for(ns as usize) else {
        return memory_error();
    };
    let p = alloc_container(layout, &TYPE_GENERATOR)?.cast::<GenObject>();
    // SAFETY: `p` is a fresh block of `layout` (the fixed fields and `ns` words) whose header
    // is written; every other field is written here before anything reads it.
    unsafe {
        core::ptr::addr_of_mut!((*p).state).write(0);
        core::ptr::addr_of_mut!((*p).code).write(code);
        core::ptr::addr_of_mut!((*p).nslots).write(ns);
        core::ptr::addr_of_mut!((*p).nrefs).write(nr);
        core::ptr::addr_of_mut!((*p).name).write(name.0);
        core::ptr::addr_of_mut!((*p).qualname).write(qualname.0);
        core::ptr::addr_of_mut!((*p).name_len).write(nl);
        core::ptr::addr_of_mut!((*p).qualname_len).write(ql);
        core::ptr::addr_of_mut!((*p).running).write(false);
        core::ptr::addr_of_mut!((*p).yf_done).write(false);
        core::ptr::addr_of_mut!((*p).delegate).write(0);
        core::ptr::addr_of_mut!((*p).yf_result).write(0);
        core::ptr::addr_of_mut!((*p).prev_running).write(0);
        core::ptr::addr_of_mut!((*p).saved_lost).write(0);
        core::ptr::addr_of_mut!((*p).saved).write(Vec::new());
        core::ptr::write_bytes(slots_of(p), 0, ns as usize);
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

// --- the frame ---

/// Marks `g` finished and clears its frame: each non-zero reference slot dropped (written 0
/// first, so the frame is consistent whatever the drop runs), then the saved handlers, the
/// delegate and the pending delegate result.
///
/// # Safety
/// `g` is a live generator that is not running.
unsafe fn finish(g: *mut GenObject) {
    // SAFETY: forwarded contract; the slot index stays below `nrefs` ≤ `nslots`.
    unsafe {
        (*g).state = GEN_STATE_FINISHED;
        let nrefs = (*g).nrefs as usize;
        for i in 0..nrefs {
            let slot = slots_of(g).add(i);
            let w = *slot;
            if w != 0 {
                *slot = 0;
                decref(Obj::from_raw(w));
            }
        }
        drop_saved(g);
        drop_word(core::ptr::addr_of_mut!((*g).delegate));
        drop_word(core::ptr::addr_of_mut!((*g).yf_result));
    }
}

/// Drops the owned reference in `*word` (if any), writing 0 first.
///
/// # Safety
/// `word` points to a live generator's `delegate` or `yf_result`.
unsafe fn drop_word(word: *mut u64) {
    // SAFETY: forwarded contract; a non-zero word is an owned reference.
    unsafe {
        let w = core::mem::replace(&mut *word, 0);
        if w != 0 {
            decref(Obj::from_raw(w));
        }
    }
}

/// Drops the handlers `g` saved.
///
/// # Safety
/// `g` is a live generator.
unsafe fn drop_saved(g: *mut GenObject) {
    // SAFETY: forwarded contract; the vector is taken out before any reference is dropped.
    let saved = unsafe {
        (*g).saved_lost = 0;
        core::mem::take(&mut (*g).saved)
    };
    super::list::release(saved);
}

// --- running the body (`gen_send_ex2`) ---

/// The innermost running generator (a borrowed word, 0 when none runs); each running
/// generator's `prev_running` links to the one below it. `molt_yf_send` and `molt_yf_done` act
/// on it.
static RUNNING: AtomicU64 = AtomicU64::new(0);

/// The innermost running generator, if any (borrowed).
pub(super) fn running_generator() -> Option<Obj> {
    let w = RUNNING.load(Ordering::Relaxed);
    // SAFETY: a non-zero word is a generator that is running (kept alive by its caller).
    (w != 0).then(|| unsafe { Obj::from_raw(w) })
}

/// How a resumption ended without an exception.
pub(super) enum Outcome {
    /// The body yielded this value (a new reference).
    Yielded(Obj),
    /// The body returned this value (a new reference), or the generator was already finished
    /// (None).
    Returned(Obj),
}

/// What a resumption sends in.
#[derive(Clone, Copy)]
pub(super) enum Input {
    /// `next()` (CPython's `arg` NULL): None is sent.
    Next,
    /// `send(value)` (borrowed).
    Send(Obj),
    /// `throw()` / `close()`: this exception object (borrowed) is raised at the `yield`.
    Throw(Obj),
}

/// `gen_send_ex2`: resumes generator `o` (see the module doc).
#[inline(always)]
pub(super) fn resume(o: Obj, input: Input) -> MoltResult<Outcome> {
    let Some(g) = gen_ptr(o) else {
        return fail(TypeError, "descriptor requires a 'generator' object");
    };
    // SAFETY: `g` is a live generator (the caller holds `o`); fields are read and written
    // only while no Python code runs, except `running` and the state word, which the body
    // owns while it runs.
    let (state, running) = unsafe { ((*g).state, (*g).running) };
    if let Input::Send(v) = input
        && state == 0
        && !running
        && !singletons::is_none(v)
    {
        return fail(TypeError, "can't send non-None value to a just-started generator");
    }
    if running {
        return fail(ValueError, "generator already executing");
    }
    if state == GEN_STATE_FINISHED {
        return match input {
            Input::Throw(e) => Err(MoltError::from_raised(e)),
            Input::Next | Input::Send(_) => Ok(Outcome::Returned(singletons::none())),
        };
    }
    if state == 0
        && let Input::Throw(e) = input
    {
        // CPython runs the frame, which raises at once: the body never starts.
        // SAFETY: as above; not running.
        unsafe { finish(g) };
        return Err(MoltError::from_raised(e));
    }
    let depth = callable::current_depth().saturating_add(1);
    if depth > recursion_limit() {
        // SAFETY: as above; not running.
        unsafe { finish(g) };
        return fail(RecursionError, RECURSION_MSG);
    }
    let sent = match input {
        Input::Send(v) => v,
        Input::Next | Input::Throw(_) => singletons::none(),
    };
    let base = handling_depth();
    // SAFETY: as above.
    let (saved, lost, code) = unsafe {
        (*g).running = true;
        let lost = core::mem::replace(&mut (*g).saved_lost, 0);
        // The common case (not suspended inside an `except` block) takes nothing.
        let saved = if (*g).saved.is_empty() { Vec::new() } else { core::mem::take(&mut (*g).saved) };
        (saved, lost, (*g).code)
    };
    // Resuming forgets the delegate (the compiled frame holds the iterator itself; the next
    // `molt_yf_send` that yields records it again). Dropped while running: whatever the drop
    // runs cannot resume this generator.
    // SAFETY: as above.
    unsafe { drop_word(core::ptr::addr_of_mut!((*g).delegate)) };
    let had_handlers = !saved.is_empty() || lost > 0;
    if had_handlers {
        handling_resume(saved, lost as usize);
    }
    if let Input::Throw(e) = input {
        if had_handlers {
            // `_PyErr_ChainStackItem`: the exception the body is handling becomes the context.
            raise_object(e);
        } else {
            raise_error(&MoltError::from_raised(e));
        }
    }
    let old = callable::enter_depth(depth);
    // SAFETY: as above (`prev_running` is this generator's while it runs).
    unsafe { (*g).prev_running = RUNNING.swap(o.raw(), Ordering::Relaxed) };
    // SAFETY: `code` is the resume function `molt_gen_new` was given (its caller's contract);
    // `o` stays alive across the call (the caller's reference); `sent` is borrowed from the
    // caller or static.
    let r = unsafe { code(o, sent, depth) };
    // SAFETY: as above.
    unsafe { RUNNING.store(core::mem::replace(&mut (*g).prev_running, 0), Ordering::Relaxed) };
    callable::leave_depth(old);
    let (handlers, lost) = handling_suspend(base);
    // SAFETY: as above; the body has returned.
    let state = unsafe {
        (*g).running = false;
        (*g).state
    };
    if exception_pending() {
        super::list::release(handlers);
        // SAFETY: as above; not running.
        unsafe { finish(g) };
        return Err(body_error());
    }
    if state == GEN_STATE_FINISHED {
        super::list::release(handlers);
        // SAFETY: as above; not running.
        unsafe { finish(g) };
        return Ok(Outcome::Returned(r));
    }
    // SAFETY: as above: the saved handlers were taken out before the call (empty now).
    if !handlers.is_empty() || lost > 0 {
        unsafe {
            (*g).saved = handlers;
            (*g).saved_lost = u32::try_from(lost).unwrap_or(u32::MAX);
        }
    }
    Ok(Outcome::Yielded(r))
}

/// The exception the body raised (pending), taken: a StopIteration becomes
/// `RuntimeError("generator raised StopIteration")` from it (PEP 479, `_PyErr_FormatFromCause`:
/// both its cause and its context are the StopIteration).
fn body_error() -> MoltError {
    let e = MoltError::take_raised();
    let Some(stop) = e.raised().filter(|_| e.kind == StopIteration) else {
        return e;
    };
    let made = pystr::str_from_text("generator raised StopIteration")
        .and_then(|msg| {
            let msg = Owned(msg);
            exc::new_exception(RuntimeError.code(), Some(msg.get()))
        });
    match made {
        Ok(rt) => {
            let rt = Owned(rt);
            exc::set_cause(rt.get(), Some(stop));
            exc::set_context(rt.get(), Some(stop));
            MoltError::from_raised(rt.get())
        }
        Err(err) => err,
    }
}

/// `_PyGen_SetStopIterationValue`: `StopIteration(value)`, `StopIteration()` for None.
fn stop_iteration(value: Obj) -> MoltError {
    let value = Owned(value);
    if singletons::is_none(value.get()) {
        MoltError::new(StopIteration, "")
    } else {
        MoltError::with_arg(StopIteration, value.get())
    }
}

/// `gen_send_ex`: the yielded value; a return is `StopIteration(value)`.
fn send_ex(o: Obj, input: Input) -> MoltResult<Obj> {
    yielded_or_stop(resume(o, input))
}

/// The yielded value of a resumption; a return is `StopIteration(value)`.
fn yielded_or_stop(r: MoltResult<Outcome>) -> MoltResult<Obj> {
    match r? {
        Outcome::Yielded(v) => Ok(v),
        Outcome::Returned(v) => Err(stop_iteration(v)),
    }
}

/// `next(g)` of builtin `next()` (`gen_iternext` as `builtin_next` sees it): the next value, or
/// StopIteration carrying the return value.
pub fn next_value(o: Obj) -> MoltResult<Obj> {
    send_ex(o, Input::Next)
}

// --- the type's slots, methods and attributes ---

/// `tp_iter`: itself.
fn self_iter(o: Obj) -> MoltResult<Obj> {
    Ok(new_ref(o))
}

/// `gen_iternext`: the next value, None once it returned (the value dropped).
fn gen_iternext(o: Obj) -> MoltResult<Option<Obj>> {
    match resume(o, Input::Next)? {
        Outcome::Yielded(v) => Ok(Some(v)),
        Outcome::Returned(v) => {
            drop(Owned(v));
            Ok(None)
        }
    }
}

/// `gen_repr`: `<generator object QUALNAME at 0x…>`.
fn gen_repr(o: Obj) -> MoltResult<String> {
    Ok(format!("<generator object {} at {:#x}>", names(o).1, o.raw() & !(crate::OBJ_TAG as u64)))
}

/// `gen_getsetlist`: `__name__`, `__qualname__`, `gi_running`, `gi_suspended`.
fn attribute(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let g = gen_ptr(o)?;
    // SAFETY: a live generator; plain reads.
    let (state, running) = unsafe { ((*g).state, (*g).running) };
    Some(match name {
        "__name__" => pystr::str_from_text(names(o).0),
        "__qualname__" => pystr::str_from_text(names(o).1),
        "gi_running" => Ok(singletons::bool_obj(running)),
        "gi_suspended" => Ok(singletons::bool_obj(!running && state > 0)),
        "gi_yieldfrom" => Ok(delegate(o).unwrap_or_else(singletons::none)),
        _ => return None,
    })
}

/// `generator.send(value)`.
fn send_method(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let v = exactly_one(o, "send", pos, kw)?;
    send_ex(o, Input::Send(v))
}

/// `generator.__next__()` (the slot wrapper's argument check).
fn next_method(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if !kw.is_empty() {
        return fail(TypeError, "wrapper __next__() takes no keyword arguments");
    }
    if !pos.is_empty() {
        return fail(TypeError, format!("expected 0 arguments, got {}", pos.len()));
    }
    send_ex(o, Input::Next)
}

/// `generator.throw(typ[, val[, tb]])` (`gen_throw`, `_gen_throw`).
fn throw_method(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords(o, "throw", kw)?;
    check_positional("throw", pos.len(), 1, 3)?;
    yielded_or_stop(super::yield_from::throw(o, pos))
}

/// `_gen_throw`'s `throw_here`: the exception `throw(*args)` makes raised at the `yield` of `o`.
pub(super) fn throw_here(o: Obj, args: &[Obj]) -> MoltResult<Outcome> {
    let e = Owned(thrown_exception(args)?);
    resume(o, Input::Throw(e.get()))
}

/// The exception `throw(typ, val, tb)` raises (a new reference), with `_gen_throw`'s checks in
/// its order: a traceback other than None (Molt has no traceback objects), then `typ` a class
/// (instantiated as `PyErr_NormalizeException` does: `typ()`, `val` itself if an instance,
/// `typ(*val)` for a tuple, else `typ(val)`) or an instance (no separate value).
fn thrown_exception(pos: &[Obj]) -> MoltResult<Obj> {
    let typ = pos.first().copied().unwrap_or_default();
    let val = pos.get(1).copied().filter(|&v| !singletons::is_none(v));
    if pos.get(2).is_some_and(|&tb| !singletons::is_none(tb)) {
        return fail(TypeError, "throw() third argument must be a traceback object");
    }
    if let Some(t) = as_type(typ).filter(|&t| is_subtype(t, &exc::BASE_EXCEPTION)) {
        // A builtin class's instance is made directly (its `__init__` only sets `args`); a
        // user class is called.
        let call = |args: &[Obj]| {
            if super::class::is_heap(t) { callable::call_object(typ, args, &[]) } else { exc::new_of_type(t, args) }
        };
        let made = match val {
            None => call(&[])?,
            Some(v) if exc::is_exception(v) && is_subtype(v.type_of(), t) => new_ref(v),
            Some(v) => match tuple::tuple_items(v) {
                Some(items) => call(items)?,
                None => call(&[v])?,
            },
        };
        if !exc::is_exception(made) {
            drop(Owned(made));
            return fail(TypeError, "exceptions must derive from BaseException");
        }
        return Ok(made);
    }
    if exc::is_exception(typ) {
        if val.is_some() {
            return fail(TypeError, "instance exception may not have a separate value");
        }
        return Ok(new_ref(typ));
    }
    fail(
        TypeError,
        format!("exceptions must be classes or instances deriving from BaseException, not {}", typ.type_of().name),
    )
}

/// `generator.close()`.
fn close_method(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_args(o, "close", pos, kw)?;
    close(o)?;
    Ok(singletons::none())
}

/// `gen_close`: GeneratorExit raised at the `yield` of a suspended generator; its GeneratorExit
/// or StopIteration (a return) is success, a `yield` is "RuntimeError: generator ignored
/// GeneratorExit", another exception passes through. An unstarted or finished generator is
/// just marked finished.
pub(super) fn close(o: Obj) -> MoltResult<()> {
    let Some(g) = gen_ptr(o) else {
        return fail(TypeError, "descriptor 'close' requires a 'generator' object");
    };
    // SAFETY: a live generator; plain reads.
    let (state, running) = unsafe { ((*g).state, (*g).running) };
    if running {
        return fail(ValueError, "generator already executing");
    }
    if state <= 0 {
        // Unstarted (CPython's frame raises GeneratorExit at once) or finished.
        if state == 0 {
            // SAFETY: not running.
            unsafe { finish(g) };
        }
        return Ok(());
    }
    // `gen_close_iter` of the delegate first; its error is thrown in instead of GeneratorExit.
    let e = Owned(match super::yield_from::close_delegate(o) {
        Ok(()) => exc::new_exception(GeneratorExit.code(), None)?,
        Err(err) => super::yield_from::error_object(err),
    });
    match resume(o, Input::Throw(e.get())) {
        Ok(Outcome::Yielded(v)) => {
            drop(Owned(v));
            fail(RuntimeError, "generator ignored GeneratorExit")
        }
        Ok(Outcome::Returned(v)) => {
            drop(Owned(v));
            Ok(())
        }
        Err(err) if err.kind == GeneratorExit || err.kind == StopIteration => Ok(()),
        Err(err) => Err(err),
    }
}

// --- freeing ---

/// `_PyGen_Finalize`: closes suspended generator `o` (its count held at one meanwhile), any
/// pending exception saved and restored around it; an error of `close()` is written as
/// unraisable.
fn finalize(o: Obj) {
    let saved = crate::exceptions::save_pending();
    if let Err(err) = close(o) {
        raise_error(&err);
        write_unraisable(o);
    }
    crate::exceptions::restore_pending(saved);
}

/// `PyErr_WriteUnraisable(o)` of the pending exception (taken): "Exception ignored in: REPR"
/// (`<object repr() failed>` if `repr(o)` raises),
/// its traceback (no chain, no suggestion), then `Kind: message` (the ": " even for an empty
/// message).
pub(super) fn write_unraisable(o: Obj) {
    let Some(mut rep) = crate::exceptions::take_exception() else { return };
    rep.chain.clear();
    rep.suggestion = None;
    let shown = if is_generator(o) { gen_repr(o) } else { super::dispatch::repr_of(o) };
    let shown = shown.unwrap_or_else(|_| String::from("<object repr() failed>"));
    let mut text = format!("Exception ignored in: {shown}\n");
    let body = crate::exceptions::format_traceback(&rep);
    if rep.message.is_empty() {
        text.push_str(body.strip_suffix('\n').unwrap_or(&body));
        text.push_str(": \n");
    } else {
        text.push_str(&body);
    }
    stderr::write(&text);
}

/// Frees a generator: a suspended one is closed first ([`finalize`]) unless a collection is
/// running; if that left a new reference to it (resurrected), it stays alive. Then the frame
/// and the saved handlers are dropped and the block freed.
///
/// # Safety
/// `h` is a generator with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    let g = h.cast::<GenObject>();
    // SAFETY: forwarded contract: a dead generator, its fields initialised.
    unsafe {
        if (*g).state > 0 && !(*g).running && !super::gc::collecting() {
            let o = Obj::from_header(h);
            (*h).rc.store(1, Ordering::Relaxed);
            finalize(o);
            let rc = (*h).rc.load(Ordering::Relaxed) - 1;
            (*h).rc.store(rc, Ordering::Relaxed);
            if rc > 0 {
                return;
            }
        }
        (*g).running = false;
        finish(g);
        let layout = layout_for((*g).nslots as usize).unwrap_or(Layout::new::<GenObject>());
        free_raw(h, layout, HeapKind::Generator);
    }
}

/// Visits the non-zero reference slots, the saved handlers, the delegate and the pending
/// delegate result of a generator (`gen_traverse`).
///
/// # Safety
/// `h` is a live generator.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    let g = h.cast::<GenObject>().cast_mut();
    // SAFETY: forwarded contract; each non-zero reference slot holds an owned reference (the
    // frame's contract), and the saved handlers are owned.
    unsafe {
        for i in 0..(*g).nrefs as usize {
            let w = *slots_of(g).add(i);
            if w != 0 {
                visit(Obj::from_raw(w));
            }
        }
        for &o in &(*g).saved {
            visit(o);
        }
        for w in [(*g).delegate, (*g).yf_result] {
            if w != 0 {
                visit(Obj::from_raw(w));
            }
        }
    }
}

/// Drops the frame (with the delegate and its pending result) of an unreachable generator and
/// marks it finished (no `close()`: see the module doc).
///
/// # Safety
/// `h` is a live generator that the collector found unreachable.
pub(crate) unsafe fn clear(h: *mut Header) {
    let g = h.cast::<GenObject>();
    // SAFETY: forwarded contract.
    unsafe {
        if !(*g).running {
            finish(g);
        }
    }
}

// --- `yield from`'s state (`yield_from.rs`) ---

/// The delegate of suspended generator `o` (a new reference; CPython's `_PyGen_yf`): None
/// unless it is suspended at a `yield from` whose iterator yielded.
pub(super) fn delegate(o: Obj) -> Option<Obj> {
    let g = gen_ptr(o)?;
    // SAFETY: a live generator; plain reads.
    let w = unsafe { if (*g).running || (*g).state <= 0 { 0 } else { (*g).delegate } };
    // SAFETY: a non-zero word is an owned reference.
    (w != 0).then(|| new_ref(unsafe { Obj::from_raw(w) }))
}

/// Records `it` (borrowed; a reference is kept) as the delegate of running generator `o`.
pub(super) fn set_delegate(o: Obj, it: Obj) {
    if let Some(g) = gen_ptr(o) {
        // SAFETY: a live generator; the old word is dropped after the new one is written.
        unsafe {
            let old = core::mem::replace(&mut (*g).delegate, new_ref(it).raw());
            if old != 0 {
                decref(Obj::from_raw(old));
            }
        }
    }
}

/// Drops the delegate of generator `o`.
pub(super) fn forget_delegate(o: Obj) {
    if let Some(g) = gen_ptr(o) {
        // SAFETY: a live generator.
        unsafe { drop_word(core::ptr::addr_of_mut!((*g).delegate)) };
    }
}

/// Marks generator `o` running or not while a `throw()` / `close()` is forwarded to its
/// delegate (it is suspended: its body does not run meanwhile).
pub(super) fn set_forwarding(o: Obj, on: bool) {
    if let Some(g) = gen_ptr(o) {
        // SAFETY: a live generator; a plain write.
        unsafe { (*g).running = on };
    }
}

/// Takes the pending delegate result of generator `o` (owned), if any.
pub(super) fn take_yf_result(o: Obj) -> Option<Obj> {
    let g = gen_ptr(o)?;
    // SAFETY: a live generator; the word's reference moves to the caller.
    let w = unsafe { core::mem::replace(&mut (*g).yf_result, 0) };
    // SAFETY: a non-zero word is an owned reference, now the caller's.
    (w != 0).then(|| unsafe { Obj::from_raw(w) })
}

/// Stores `v` (owned) as the pending delegate result of generator `o` (dropping any previous).
pub(super) fn set_yf_result(o: Obj, v: Obj) {
    match gen_ptr(o) {
        // SAFETY: a live generator; the old word is dropped after the new one is written.
        Some(g) => unsafe {
            let old = core::mem::replace(&mut (*g).yf_result, v.raw());
            if old != 0 {
                decref(Obj::from_raw(old));
            }
        },
        None => drop(Owned(v)),
    }
}

/// Sets / reads `yf_done` of generator `o`.
pub(super) fn set_yf_done(o: Obj, done: bool) {
    if let Some(g) = gen_ptr(o) {
        // SAFETY: a live generator; a plain write.
        unsafe { (*g).yf_done = done };
    }
}

pub(super) fn yf_done(o: Obj) -> bool {
    // SAFETY: a live generator; a plain read.
    gen_ptr(o).is_some_and(|g| unsafe { (*g).yf_done })
}

// --- the C ABI ---

/// `molt_gen_new` (see `abi.rs`): a new unstarted generator running `code`, of `nslots` zeroed
/// words whose first `nrefs` are reference slots.
///
/// # Safety
/// `code` is a compiled resume function (`GenCode`); `name` and `qualname` are valid for reads
/// of their lengths for the whole run (static text).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_gen_new(code: *const u8, nslots: i64, nrefs: i64, name: *const u8, name_len: i64, qualname: *const u8, qualname_len: i64) -> Obj {
    if code.is_null() {
        return value_or_raise(fail(TypeError, "bad argument to molt_gen_new (a compiler bug)"));
    }
    REGISTERED.store(core::ptr::addr_of!(HOOKS).cast_mut(), Ordering::Relaxed);
    // SAFETY: forwarded caller contract: `code` is a function of `GenCode`'s signature.
    let code = unsafe { core::mem::transmute::<*const u8, GenCode>(code) };
    value_or_raise(gen_new(code, nslots, nrefs, (name, name_len), (qualname, qualname_len)))
}

/// `molt_gen_sent` (see `abi.rs`): a new reference to `sent`, or the word 0 with the exception
/// `throw()` / `close()` set pending left pending.
#[unsafe(no_mangle)]
pub extern "C" fn molt_gen_sent(_gen: Obj, sent: Obj) -> Obj {
    if exception_pending() {
        return Obj::default();
    }
    new_ref(sent)
}

// --- stderr (captured in the unit tests) ---

#[cfg(not(test))]
mod stderr {
    /// Writes `text` to stderr (unbuffered; errors ignored, as CPython's hook ignores them).
    pub fn write(text: &str) {
        let _ = crate::sys::write_all(2, text.as_bytes());
    }
}

#[cfg(test)]
pub(crate) mod stderr {
    use std::cell::RefCell;
    use std::string::String;

    std::thread_local! {
        static WRITTEN: RefCell<String> = const { RefCell::new(String::new()) };
    }

    /// In the unit tests: appends `text` to this thread's capture.
    pub fn write(text: &str) {
        WRITTEN.with(|w| w.borrow_mut().push_str(text));
    }

    /// What this thread wrote so far (cleared).
    pub fn take() -> String {
        WRITTEN.with(|w| core::mem::take(&mut *w.borrow_mut()))
    }
}
