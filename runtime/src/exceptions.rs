//! The pending exception, the stack of exceptions being handled, and the exported global
//! generated code polls.
//!
//! Relies on: generated code starting an exception with `molt_raise` (a kind and a message)
//! or `molt_raise_new` (a new exception object), the runtime's own code with [`raise`] /
//! [`raise_error`]; then calling `molt_traceback_push` once per frame as the exception leaves
//! functions (innermost frame first); an `except` handler (decisions/0015) taking the
//! exception with `molt_exc_fetch`, testing it with `molt_exc_matches`, bracketing a clause
//! with `molt_exc_handling_begin` / `molt_exc_handling_end` and re-raising with
//! `molt_exc_reraise`; generated code reading `molt_exc_pending` after every call that may
//! raise. `object::exception` for exception objects; CPython 3.11's `Python/errors.c` for the
//! semantics (`_PyErr_SetObject`: implicit chaining and its cycle breaking; `_PyErr_Restore`:
//! a re-raise that leaves the context alone) and `Python/pythonrun.c` for what an uncaught
//! exception prints (`print_exception_recursive`, `_Py_HandleSystemExit`). Execution is
//! single-threaded; the state lives in [`Global`] cells, which keep it sound anyway (unit
//! tests run in parallel threads).
//!
//! Provides: `molt_raise`, `molt_raise_new`, `molt_exc_fetch`, `molt_exc_matches`,
//! `molt_exc_reraise`, `molt_exc_handling_begin`, `molt_exc_handling_end`,
//! `molt_traceback_push`, the `molt_exc_pending` and `molt_recursion_limit` statics
//! ([`recursion_limit`], [`set_recursion_limit`]); [`MoltError`] / [`MoltResult`] (an
//! exception computed by Rust code: kind + static or owned message, or an object argument such
//! as the key of a KeyError: [`MoltError::with_arg`], [`key_error`], or an exception compiled
//! code raised, taken from the pending state: [`MoltError::take_raised`]; or a new exception
//! object the runtime made, raised with the implicit context: [`MoltError::new_raised`]); the Rust API
//! [`raise`], [`raise_code`], [`raise_error`], [`value_or_raise`], [`raise_object`], [`reraise`],
//! [`exception_pending`],
//! [`fetch_exception`], [`push_frame`], [`pending_exception`], [`take_exception`],
//! [`clear_exception`], [`handling_begin`], [`handling_end`], [`handling_depth`],
//! [`handling_suspend`] / [`handling_resume`] (a generator's handlers while it is suspended),
//! [`save_pending`] / [`restore_pending`], [`clear_handling`], [`take_system_exit`]; and, from `traceback`, [`Frame`],
//! [`ExceptionReport`] and [`format_traceback`] (CPython 3.11's rendering, chains included).
//!
//! Invariants: `molt_exc_pending` is 1 exactly while an exception is pending. The pending
//! state owns what it holds: either a *message exception* (kind, message, frames and an owned
//! reference to its context; what the runtime's own errors and `molt_raise` create, turned
//! into an exception object whose argument is the message, as CPython's `args[0]`, only when
//! a handler fetches it, and reported identically either way) or an owned reference to an
//! exception object. The handling stack owns a reference to each entry. Whenever an exception
//! becomes pending by a raise (not a re-raise), its context is the innermost exception being
//! handled, unless that is the exception itself. References are dropped outside the
//! [`Global`] cells (freeing never re-enters them). Nothing here panics (bad pointers or
//! lengths read as empty text; a failed allocation becomes a MemoryError).

use alloc::borrow::{Cow, ToOwned as _};
use alloc::boxed::Box;
use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicI64, AtomicU8, Ordering};

use crate::ExceptionKind;
use crate::object::exception::{self as exc, type_for_code};
use crate::object::str::{str_from_text, str_repr};
use crate::object::suggest::Suggest;
use crate::object::types::is_subtype;
use crate::object::{Obj, decref, dispatch, incref, int, new_ref, singletons};
use crate::sys::Global;
pub use crate::traceback::{
    ChainLink, ExceptionReport, Frame, PendingException, TRACEBACK_LIMIT, format_traceback,
    push_frame_limited,
};

/// Non-zero while an exception is pending (see `abi.rs`).
#[unsafe(no_mangle)]
pub static molt_exc_pending: AtomicU8 = AtomicU8::new(0);

/// `sys.getrecursionlimit()` (see `abi.rs`): the depth past which a call raises RecursionError.
/// `sys.setrecursionlimit` changes it ([`set_recursion_limit`]); the runtime's own depth checks
/// read it ([`recursion_limit`]).
#[unsafe(no_mangle)]
pub static molt_recursion_limit: AtomicI64 = AtomicI64::new(crate::RECURSION_LIMIT);

/// The current recursion limit (`sys.getrecursionlimit()`).
pub fn recursion_limit() -> i64 {
    molt_recursion_limit.load(Ordering::Relaxed)
}

/// Sets the recursion limit (`sys.setrecursionlimit`, after its checks).
pub fn set_recursion_limit(limit: i64) {
    molt_recursion_limit.store(limit, Ordering::Relaxed);
}

/// Implemented by the atomic type that stands for ABI global type `T`; the ABI macro uses it
/// to check that each exported global holds a value of the declared type.
pub trait AtomicOf<T> {}
impl AtomicOf<u8> for AtomicU8 {}
impl AtomicOf<i64> for AtomicI64 {}

/// What `raise` of a non-exception says (CPython's `do_raise`).
const NOT_AN_EXCEPTION: &str = "exceptions must derive from BaseException";

/// The pending exception (see the module doc).
enum Pending {
    /// Raised with a message; becomes an object when fetched. `context` is owned.
    Message {
        kind: i32,
        message: String,
        frames: Vec<Frame>,
        context: Option<Obj>,
        suggest: Option<Box<Suggest>>,
    },
    /// An owned reference to an exception object.
    Object(Obj),
}

impl Pending {
    /// A copy holding its own references.
    fn share(&self) -> Pending {
        match self {
            Pending::Message {
                kind,
                message,
                frames,
                context,
                suggest,
            } => Pending::Message {
                kind: *kind,
                message: message.clone(),
                frames: frames.clone(),
                context: context.map(new_ref),
                suggest: suggest.clone(),
            },
            Pending::Object(o) => Pending::Object(new_ref(*o)),
        }
    }

    /// Gives up the references it owns.
    fn release(self) {
        let owned = match self {
            Pending::Message { context, .. } => context,
            Pending::Object(o) => Some(o),
        };
        if let Some(o) = owned {
            // SAFETY: the pending state owned this reference; `self` is consumed.
            unsafe { decref(o) };
        }
    }
}

static PENDING: Global<Option<Pending>> = Global::new(None);

/// The exceptions being handled, innermost last (CPython's `exc_info` stack).
struct Handling {
    /// Owned references.
    stack: Vec<Obj>,
    /// Entries that could not be pushed (no memory): they sit above `stack`, count as an
    /// unknown innermost exception (no context) and are popped first.
    lost: usize,
}

static HANDLING: Global<Handling> = Global::new(Handling {
    stack: Vec::new(),
    lost: 0,
});

/// Makes `new` the pending exception, dropping any previous one.
/// Set by a re-raise: the frame that re-raises already holds the exception's entry for that
/// frame (recorded when its handler caught it), so the next frame the generated code records —
/// that same frame, as the exception leaves it or reaches an enclosing handler in it — is
/// skipped, as CPython adds no entry for a re-raise.
static SKIP_NEXT_FRAME: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(false);

fn set_pending(new: Pending) {
    SKIP_NEXT_FRAME.store(false, Ordering::Relaxed);
    let old = PENDING.with(|p| p.replace(new));
    molt_exc_pending.store(1, Ordering::SeqCst);
    if let Some(old) = old {
        old.release();
    }
}

/// Removes the pending exception, clearing `molt_exc_pending`.
fn take_pending() -> Option<Pending> {
    let p = PENDING.with(Option::take);
    molt_exc_pending.store(0, Ordering::SeqCst);
    p
}

/// The innermost exception being handled (borrowed: the stack keeps it alive).
pub(crate) fn handled() -> Option<Obj> {
    HANDLING
        .with(|h| if h.lost > 0 { None } else { h.stack.last().copied() })
        .filter(|&o| exc::is_exception(o))
}

/// Reads `len` bytes at `ptr` as (lossy) UTF-8; a null pointer or non-positive length is "".
///
/// # Safety
/// If `ptr` is non-null and `len > 0`, `ptr` must be valid for reads of `len` bytes.
pub(crate) unsafe fn bytes_from_raw<'a>(ptr: *const u8, len: i64) -> &'a [u8] {
    if ptr.is_null() || len <= 0 {
        return &[];
    }
    let Ok(len) = usize::try_from(len) else {
        return &[];
    };
    // SAFETY: the caller guarantees `ptr` is valid for `len` bytes.
    unsafe { core::slice::from_raw_parts(ptr, len) }
}

/// The `n` reference words at `ptr`: a spilled argument array (an `l.call_rt` with `spill`:
/// the compiler stores the words in its frame and passes their address and count).
///
/// # Safety
/// If `ptr` is non-null and `n > 0`, `ptr` must be valid for reads of `n` words, and they
/// must stay unchanged while the slice is used.
pub(crate) unsafe fn objs_from_raw<'a>(ptr: *const u8, n: i64) -> &'a [crate::object::Obj] {
    if ptr.is_null() || n <= 0 {
        return &[];
    }
    let Ok(n) = usize::try_from(n) else {
        return &[];
    };
    // SAFETY: the caller guarantees `ptr` is valid for `n` words; `Obj` is a transparent `u64`
    // and the compiler's array is 8-byte aligned.
    unsafe { core::slice::from_raw_parts(ptr.cast::<crate::object::Obj>(), n) }
}

/// Raises an exception of kind code `kind` whose `str()` is `message` (replacing any pending
/// exception); its context is the exception being handled, if any.
pub fn raise_code(kind: i32, message: &str) {
    raise_code_suggest(kind, message, None);
}

/// `raise_code`, with an AttributeError's lookup for its traceback's suggestion.
fn raise_code_suggest(kind: i32, message: &str, suggest: Option<Box<Suggest>>) {
    let mut message = message.to_owned();
    if ExceptionKind::from_code(kind).is_none() {
        // Should never happen; keep the report useful instead of failing.
        message = format!("unknown Molt exception kind {kind}: {message}");
    }
    let context = handled().map(new_ref);
    set_pending(Pending::Message {
        kind,
        message,
        frames: Vec::new(),
        context,
        suggest,
    });
}

/// An exception computed by a pure-Rust helper, before it is raised. The message is usually a
/// literal; messages that name a type or a value are built at run time. An error may also carry
/// an exception that was already raised, by compiled code the runtime called (a key function, a
/// function `map` applies): [`MoltError::take_raised`] takes it out of the pending state (as an
/// exception object, which reports identically) and raising the error restores it as it was
/// (CPython leaves such an exception in the thread state while its C code returns NULL up the
/// stack).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoltError {
    pub kind: ExceptionKind,
    pub message: Cow<'static, str>,
    /// An AttributeError's lookup, for the "Did you mean" of its traceback.
    pub suggest: Option<Box<Suggest>>,
    /// The exception's argument as an object (CPython's `_PyErr_SetKeyError(key)`: `KeyError(1)`
    /// whose `str()` is `1` and whose `args` is `(1,)`), or the raised exception the error
    /// stands for; the message is unused then.
    pub arg: Option<ErrorArg>,
}

/// What an error owns besides its message (released when the error is dropped): the argument
/// object of `KIND(arg)`, or an exception object taken from the pending state (`raised`).
pub struct ErrorArg {
    /// An owned reference.
    obj: Obj,
    /// True for a raised exception (restored as it is), false for an argument.
    raised: bool,
}

impl ErrorArg {
    /// The argument (borrowed); None for a raised exception.
    pub fn get(&self) -> Option<Obj> {
        (!self.raised).then_some(self.obj)
    }
}

impl Clone for ErrorArg {
    fn clone(&self) -> ErrorArg {
        ErrorArg { obj: new_ref(self.obj), raised: self.raised }
    }
}

impl Drop for ErrorArg {
    fn drop(&mut self) {
        // SAFETY: the error owned this reference.
        unsafe { decref(self.obj) };
    }
}

impl PartialEq for ErrorArg {
    fn eq(&self, other: &ErrorArg) -> bool {
        self.obj.is(other.obj) && self.raised == other.raised
    }
}

impl Eq for ErrorArg {}

impl core::fmt::Debug for ErrorArg {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "ErrorArg({:#x}, raised: {})", self.obj.raw(), self.raised)
    }
}

/// `Err(KeyError(key))` (CPython's `_PyErr_SetKeyError`): `str()` of it is `repr(key)`.
pub fn key_error<T>(key: Obj) -> MoltResult<T> {
    Err(MoltError::with_arg(ExceptionKind::KeyError, key))
}

impl MoltError {
    /// An error of `kind` with `message` (a `&'static str` or an owned `String`).
    pub fn new(kind: ExceptionKind, message: impl Into<Cow<'static, str>>) -> MoltError {
        MoltError { kind, message: message.into(), suggest: None, arg: None }
    }

    /// An error of `kind` whose argument is the object `arg` (borrowed; the error keeps its own
    /// reference): `KIND(arg)`.
    pub fn with_arg(kind: ExceptionKind, arg: Obj) -> MoltError {
        MoltError { kind, message: Cow::Borrowed(""), suggest: None, arg: Some(ErrorArg { obj: new_ref(arg), raised: false }) }
    }

    /// The pending exception (raised by compiled code the runtime called), taken out of the
    /// pending state as an exception object (with its frames and context): raising the error
    /// makes it pending again as it was, without a new context or frame. Its kind is the
    /// exception's (RuntimeError for a kind the ABI does not define); its message is the
    /// raise's message (empty for an exception raised as an object). With nothing pending (a
    /// compiler bug), a RuntimeError saying so; a MemoryError if the object cannot be made.
    pub fn take_raised() -> MoltError {
        let Some(p) = take_pending() else {
            return MoltError::new(ExceptionKind::RuntimeError, "a call returned no value and raised no exception (a compiler bug)");
        };
        let message = match &p {
            Pending::Message { message, .. } => Cow::Owned(message.clone()),
            Pending::Object(_) => Cow::Borrowed(""),
        };
        match pending_object(p) {
            Ok(o) => MoltError {
                kind: exc::kind_of(o).and_then(ExceptionKind::from_code).unwrap_or(ExceptionKind::RuntimeError),
                message,
                suggest: None,
                arg: Some(ErrorArg { obj: o, raised: true }),
            },
            Err(e) => e,
        }
    }

    /// The error that raises exception object `exc` (borrowed; the error keeps its own
    /// reference) as it is: its frames and context unchanged, no new context (CPython's
    /// `PyErr_Restore`, as [`MoltError::take_raised`] restores). A non-exception is a TypeError.
    pub fn from_raised(exc: Obj) -> MoltError {
        match exc::kind_of(exc) {
            Some(kind) => MoltError {
                kind: ExceptionKind::from_code(kind).unwrap_or(ExceptionKind::RuntimeError),
                message: Cow::Borrowed(""),
                suggest: None,
                arg: Some(ErrorArg { obj: new_ref(exc), raised: true }),
            },
            None => MoltError::new(ExceptionKind::TypeError, NOT_AN_EXCEPTION),
        }
    }

    /// The error that raises the new exception object `exc` (borrowed; the error keeps its own
    /// reference) as `raise exc` does (CPython's `_PyErr_SetObject`): the exception being
    /// handled, if any, becomes its context now; then as [`MoltError::from_raised`]. For the
    /// runtime's own exceptions that need more than a message (a UnicodeDecodeError's five
    /// arguments).
    pub fn new_raised(exc: Obj) -> MoltError {
        if exc::is_exception(exc)
            && let Some(top) = handled()
            && !top.is(exc)
        {
            break_context_cycle(top, exc);
            exc::set_context(exc, Some(top));
        }
        MoltError::from_raised(exc)
    }

    /// The exception object a raised error stands for (borrowed: the error keeps it), from
    /// [`MoltError::take_raised`] or [`MoltError::from_raised`]; None for other errors.
    pub fn raised(&self) -> Option<Obj> {
        self.arg.as_ref().filter(|a| a.raised).map(|a| a.obj)
    }

    /// The same error, carrying `suggest` (when there is one) for its traceback.
    pub fn with_suggest(mut self, suggest: Option<Suggest>) -> MoltError {
        self.suggest = suggest.map(Box::new);
        self
    }
}

/// `Err(MoltError::new(kind, message))`.
pub fn fail<T>(kind: ExceptionKind, message: impl Into<Cow<'static, str>>) -> MoltResult<T> {
    Err(MoltError::new(kind, message))
}

/// Result of a pure-Rust helper that may raise.
pub type MoltResult<T> = Result<T, MoltError>;

/// Returns the value of `result`, or raises its error and returns `T::default()` (the
/// placeholder generated code ignores once it sees `molt_exc_pending`).
#[inline]
pub fn value_or_raise<T: Default>(result: MoltResult<T>) -> T {
    match result {
        Ok(value) => value,
        Err(err) => {
            raise_owned(err);
            T::default()
        }
    }
}

/// `raise_error`, out of line: the error path of every ABI entry point (keeps the error's drop
/// out of the fast paths that inline `value_or_raise`).
#[cold]
#[inline(never)]
fn raise_owned(err: MoltError) {
    if let Some(arg) = &err.arg {
        if arg.raised {
            return set_pending(Pending::Object(new_ref(arg.obj)));
        }
        return raise_with_arg(err.kind, arg.obj);
    }
    raise_code_suggest(err.kind.code(), &err.message, err.suggest);
}

/// Sets `err` as the pending exception.
pub fn raise_error(err: &MoltError) {
    if let Some(arg) = &err.arg {
        if arg.raised {
            return set_pending(Pending::Object(new_ref(arg.obj)));
        }
        return raise_with_arg(err.kind, arg.obj);
    }
    raise_code_suggest(err.kind.code(), &err.message, err.suggest.clone());
}

/// True while an exception is pending (`molt_exc_pending`): what the runtime tests after calling
/// compiled code, whose result word 0 is also the int 0.
pub fn exception_pending() -> bool {
    molt_exc_pending.load(Ordering::SeqCst) != 0
}

/// Raises `KIND(arg)` as an exception object (MemoryError if it cannot be made).
fn raise_with_arg(kind: ExceptionKind, arg: Obj) {
    match exc::new_exception(kind.code(), Some(arg)) {
        Ok(o) => {
            raise_object(o);
            // SAFETY: `new_exception` returned a new reference; the pending state took its own.
            unsafe { decref(o) };
        }
        Err(e) => raise_code(e.kind.code(), &e.message),
    }
}

/// Sets the pending exception (replacing any previous one and its frames).
pub fn raise(kind: ExceptionKind, message: &str) {
    raise_code(kind.code(), message);
}

/// Raises exception object `exc` (borrowed) as CPython's `_PyErr_SetObject` does: while an
/// exception is being handled (and it is not `exc` itself), that one becomes `exc`'s context,
/// after `exc` has been removed from its context chain (no cycle). A non-exception raises
/// TypeError instead. `exc` keeps the frames it has.
pub fn raise_object(exc: Obj) {
    if !exc::is_exception(exc) {
        raise(ExceptionKind::TypeError, NOT_AN_EXCEPTION);
        return;
    }
    if let Some(top) = handled()
        && !top.is(exc)
    {
        break_context_cycle(top, exc);
        exc::set_context(exc, Some(top));
    }
    set_pending(Pending::Object(new_ref(exc)));
}

/// `_PyErr_SetObject`'s walk: if `value` is in `top`'s context chain, cut the chain just
/// before it (Floyd's algorithm stops on a cycle that does not contain `value`).
fn break_context_cycle(top: Obj, value: Obj) {
    let (mut o, mut slow) = (top, top);
    let mut slow_update = false;
    while let Some(context) = exc::context(o) {
        if context.is(value) {
            exc::set_context(o, None);
            break;
        }
        o = context;
        if o.is(slow) {
            break; // a pre-existing cycle, all of it checked
        }
        if slow_update {
            match exc::context(slow) {
                Some(s) => slow = s,
                None => break,
            }
        }
        slow_update = !slow_update;
    }
}

/// Makes exception object `exc` (borrowed) pending again, with its frames and context as they
/// are (a bare `raise`; CPython's `_PyErr_Restore`). For a non-exception (what a failed
/// [`fetch_exception`] hands out) the exception already pending stays, or TypeError is raised.
pub fn reraise(exc: Obj) {
    if exc::is_exception(exc) {
        set_pending(Pending::Object(new_ref(exc)));
        SKIP_NEXT_FRAME.store(true, Ordering::Relaxed);
    } else if molt_exc_pending.load(Ordering::SeqCst) == 0 {
        raise(ExceptionKind::TypeError, NOT_AN_EXCEPTION);
    }
}

/// `reraise`, taking over the caller's reference to `exc` (the ABI's `molt_exc_reraise`).
fn reraise_owned(exc: Obj) {
    reraise(exc);
    if !exc.is_small() {
        // SAFETY: the caller gave its reference; `reraise` took its own where it kept `exc`.
        unsafe { decref(exc) };
    }
}

/// The pending exception as an exception object (a new reference), cleared from the pending
/// state; `None` if nothing is pending. A message exception becomes an object here; if that
/// allocation fails, a MemoryError is left pending and the small int 0 is returned (not an
/// exception: it matches no `except` clause and its re-raise keeps the MemoryError).
pub fn fetch_exception() -> Obj {
    match take_pending() {
        None => singletons::none(),
        Some(p) => match pending_object(p) {
            Ok(o) => o,
            Err(err) => {
                raise_error(&err);
                Obj::default()
            }
        },
    }
}

/// The exception object of a pending exception taken out (a new reference): a message
/// exception becomes one here.
fn pending_object(p: Pending) -> MoltResult<Obj> {
    match p {
        Pending::Object(o) => Ok(o),
        Pending::Message {
            kind,
            message,
            frames,
            context,
            suggest,
        } => {
            let made = message_object(kind, &message, frames, context);
            if let Ok(o) = made {
                exc::set_suggest(o, suggest);
            }
            if let Some(c) = context {
                // SAFETY: the pending state owned this reference (the object took its own).
                unsafe { decref(c) };
            }
            made
        }
    }
}

/// The exception object of a message exception: `KIND(message)` (`KIND()` for an empty
/// message), with these frames and context (borrowed).
fn message_object(
    kind: i32,
    message: &str,
    frames: Vec<Frame>,
    context: Option<Obj>,
) -> MoltResult<Obj> {
    let arg = if message.is_empty() {
        None
    } else {
        Some(str_from_text(message)?)
    };
    let made = exc::new_exception(kind, arg);
    if let Some(a) = arg {
        // SAFETY: `str_from_text` returned a new reference; the exception took its own.
        unsafe { decref(a) };
    }
    let o = made?;
    exc::set_frames(o, frames);
    exc::set_context(o, context);
    Ok(o)
}

/// Records a frame the pending exception is leaving (appended: frames go outward); ignored
/// when nothing is pending or the exception already has `TRACEBACK_LIMIT` frames.
pub fn push_frame(frame: Frame) {
    PENDING.with(|p| match p {
        Some(Pending::Message { frames, .. }) => push_frame_limited(frames, frame),
        // Touches the object only, never a `Global` cell.
        Some(Pending::Object(o)) => exc::push_frame(*o, frame),
        None => {}
    });
}

/// The report of the pending exception, if any (it stays pending).
pub fn pending_exception() -> Option<ExceptionReport> {
    let copy = PENDING.with(|p| p.as_ref().map(Pending::share))?;
    let r = report(&copy);
    copy.release();
    Some(r)
}

/// Removes the pending exception and returns its report, clearing `molt_exc_pending`.
pub fn take_exception() -> Option<ExceptionReport> {
    let p = take_pending()?;
    let r = report(&p);
    p.release();
    Some(r)
}

/// Clears the pending exception, if any.
pub fn clear_exception() {
    if let Some(p) = take_pending() {
        p.release();
    }
}

/// The report of a pending exception: exactly what printing its object would show.
fn report(p: &Pending) -> ExceptionReport {
    match p {
        Pending::Message {
            kind,
            message,
            frames,
            context,
            suggest,
        } => ExceptionReport {
            kind: *kind,
            message: message_str(*kind, message),
            class_name: None,
            suggestion: suggestion(*kind, suggest.as_deref()),
            location: None,
            frames: frames.clone(),
            chain: chain_from(context.map(|c| (ChainLink::Context, c)), BTreeSet::new()),
        },
        Pending::Object(o) => {
            let mut r = report_of(*o);
            r.chain = chain_from(next_link(*o), BTreeSet::from([o.raw()]));
            r
        }
    }
}

/// The "Did you mean" name CPython's traceback prints after the message: only for an
/// exception of exactly the AttributeError class, raised by an attribute lookup
/// (`_Py_Offer_Suggestions`).
fn suggestion(kind: i32, suggest: Option<&Suggest>) -> Option<String> {
    if kind != ExceptionKind::AttributeError.code() {
        return None;
    }
    suggest?.suggestion().map(str::to_owned)
}

/// `str()` of the object a message exception becomes (the message is its argument).
fn message_str(kind: i32, message: &str) -> String {
    if !message.is_empty() && is_subtype(type_for_code(kind), &exc::KEY_ERROR) {
        str_repr(message) // KeyError_str
    } else {
        message.to_owned()
    }
}

/// The report of one exception object, without its chain.
fn report_of(o: Obj) -> ExceptionReport {
    let kind = exc::kind_of(o).unwrap_or(0);
    // A SyntaxError with a line number prints its location, then `str(msg)`.
    let (location, message) = match exc::syntax_location(o) {
        Some((l, m)) => (Some(l), m),
        None => (None, dispatch::str_of(o).unwrap_or_else(|_| "<exception str() failed>".to_owned())),
    };
    ExceptionReport {
        kind,
        message,
        location,
        class_name: class_display_name(o.type_of()),
        suggestion: exc::with_suggest(o, |s| suggestion(kind, s)),
        frames: exc::frames(o),
        chain: Vec::new(),
    }
}

/// `print_exception_message`'s name of a user exception class: `module.qualname`, the module
/// left out when it is `__main__` or `builtins`; None for a builtin class.
fn class_display_name(t: &'static crate::object::TypeObject) -> Option<String> {
    if !crate::object::class::is_heap(t) {
        return None;
    }
    let (module, q) = (crate::object::types::heap_slots()?.names)(t);
    Some(if module == "__main__" || module == "builtins" { q.to_owned() } else { format!("{module}.{q}") })
}

/// The exception CPython prints above `o`: its cause, else its context unless suppressed.
fn next_link(o: Obj) -> Option<(ChainLink, Obj)> {
    if let Some(c) = exc::cause(o) {
        return Some((ChainLink::Cause, c));
    }
    if exc::suppress_context(o) {
        return None;
    }
    exc::context(o).map(|c| (ChainLink::Context, c))
}

/// The chain starting at `next` (see [`ExceptionReport::chain`]); it ends at an exception
/// already `seen` (CPython's `print_exception_seen_lookup`).
fn chain_from(
    mut next: Option<(ChainLink, Obj)>,
    mut seen: BTreeSet<u64>,
) -> Vec<(ChainLink, ExceptionReport)> {
    let mut chain = Vec::new();
    while let Some((link, o)) = next {
        if !seen.insert(o.raw()) {
            break;
        }
        chain.push((link, report_of(o)));
        next = next_link(o);
    }
    chain
}

/// If the pending exception is a SystemExit, takes it and returns what CPython's
/// `_Py_HandleSystemExit` does with it: the exit status (its `code`: None → 0, an int → that
/// int as a C `int`, -1 if it does not fit a C `long`; anything else → 1) and the text to write
/// to stderr, followed by a newline (`str(code)` for a code that is not None or an int).
pub fn take_system_exit() -> Option<(i32, Option<String>)> {
    let exit = ExceptionKind::SystemExit.code();
    let is_exit = PENDING.with(|p| match p {
        Some(Pending::Message { kind, .. }) => {
            is_subtype(type_for_code(*kind), type_for_code(exit))
        }
        Some(Pending::Object(o)) => exc::matches(*o, exit),
        None => false,
    });
    if !is_exit {
        return None;
    }
    let p = take_pending()?;
    let r = match &p {
        Pending::Message { message, .. } if message.is_empty() => (0, None),
        Pending::Message { message, .. } => (1, Some(message.clone())),
        Pending::Object(o) if exc::args(*o).len() > 1 => {
            (1, Some(dispatch::str_of(exc::args_tuple(*o)).unwrap_or_default()))
        }
        Pending::Object(o) => match exc::arg(*o) {
            None => (0, None),
            Some(code) if singletons::is_none(code) => (0, None),
            Some(code) => match int::int_ref(code) {
                // C's `(int)PyLong_AsLong(code)`: truncated to 32 bits.
                Some(i) => (i.to_i64().map_or(-1, |v| v as i32), None),
                None => (1, Some(dispatch::str_of(code).unwrap_or_default())),
            },
        },
    };
    p.release();
    Some(r)
}

/// Enters a handler of `exc` (borrowed; the stack takes a reference).
pub fn handling_begin(exc: Obj) {
    incref(exc);
    let pushed = HANDLING.with(|h| {
        if h.lost == 0 && h.stack.try_reserve(1).is_ok() {
            h.stack.push(exc);
            true
        } else {
            h.lost = h.lost.saturating_add(1);
            false
        }
    });
    if !pushed {
        // SAFETY: the reference taken above, not stored.
        unsafe { decref(exc) };
    }
}

/// Leaves the innermost handler (nothing if none is active).
pub fn handling_end() {
    let popped = HANDLING.with(|h| {
        if h.lost > 0 {
            h.lost -= 1;
            None
        } else {
            h.stack.pop()
        }
    });
    if let Some(o) = popped {
        // SAFETY: the stack owned this reference; it has just been removed.
        unsafe { decref(o) };
    }
}

/// How many handlers are active.
#[inline]
pub fn handling_depth() -> usize {
    HANDLING.with(|h| h.stack.len() + h.lost)
}

/// Takes the handlers entered above depth `base` off the stack (innermost last): a generator
/// suspending inside `except` blocks keeps them (CPython's `gi_exc_state`) until
/// [`handling_resume`] puts them back. Returns the entries (owned references) and how many of
/// them were lost entries (see [`Handling`]); if the entries cannot be copied out (no memory),
/// they are dropped and counted as lost.
#[inline]
pub fn handling_suspend(base: usize) -> (Vec<Obj>, usize) {
    // The common case: the body is not inside an `except` block.
    if handling_depth() <= base {
        return (Vec::new(), 0);
    }
    handling_suspend_above(base)
}

#[cold]
fn handling_suspend_above(base: usize) -> (Vec<Obj>, usize) {
    let (taken, lost, unsaved) = HANDLING.with(|h| {
        let above = (h.stack.len() + h.lost).saturating_sub(base);
        let lost = above.min(h.lost);
        h.lost -= lost;
        let n = above - lost;
        let keep = h.stack.len().saturating_sub(n);
        let mut taken: Vec<Obj> = Vec::new();
        if taken.try_reserve_exact(n).is_ok() {
            taken.extend(h.stack.drain(keep..));
            (taken, lost, 0)
        } else {
            (taken, lost, n)
        }
    });
    // Entries that could not be saved: dropped one by one (no allocation), counted as lost.
    for _ in 0..unsaved {
        if let Some(o) = HANDLING.with(|h| h.stack.pop()) {
            // SAFETY: the stack owned this reference; it has just been removed.
            unsafe { decref(o) };
        }
    }
    (taken, lost + unsaved)
}

/// Pushes back the handlers [`handling_suspend`] took (the generator resumes inside them):
/// `entries` (owned references, innermost last), then `lost` lost entries. An entry that cannot
/// be pushed (no memory) is dropped and counted as a lost one.
pub fn handling_resume(mut entries: Vec<Obj>, lost: usize) {
    if entries.is_empty() && lost == 0 {
        return;
    }
    HANDLING.with(|h| {
        if h.lost == 0 && h.stack.try_reserve(entries.len()).is_ok() {
            h.stack.append(&mut entries);
        } else {
            h.lost = h.lost.saturating_add(entries.len());
        }
        h.lost = h.lost.saturating_add(lost);
    });
    for o in entries {
        // SAFETY: an entry that could not be pushed (its reference, not stored).
        unsafe { decref(o) };
    }
}

/// The pending exception taken out whole (its traceback state included) by [`save_pending`],
/// for runtime code that must run Python code with nothing pending (a generator's finaliser);
/// [`restore_pending`] puts it back.
pub struct SavedPending {
    pending: Option<Pending>,
    skip_next_frame: bool,
}

/// Takes the pending exception (if any) out of the pending state, as it is.
pub fn save_pending() -> SavedPending {
    let skip_next_frame = SKIP_NEXT_FRAME.swap(false, Ordering::Relaxed);
    SavedPending { pending: take_pending(), skip_next_frame }
}

/// Makes the exception [`save_pending`] took pending again, exactly as it was (dropping
/// whatever is pending now); nothing pending if none was.
pub fn restore_pending(saved: SavedPending) {
    match saved.pending {
        Some(p) => {
            set_pending(p);
            SKIP_NEXT_FRAME.store(saved.skip_next_frame, Ordering::Relaxed);
        }
        None => clear_exception(),
    }
}

/// Leaves every handler (at exit: no exception object may outlive the program's report).
pub fn clear_handling() {
    let all = HANDLING.with(|h| {
        h.lost = 0;
        core::mem::take(&mut h.stack)
    });
    for o in all {
        // SAFETY: the stack owned these references; they have just been removed.
        unsafe { decref(o) };
    }
}

/// Sets the pending exception: `kind` is one of the ABI's exception kinds, `msg` UTF-8.
///
/// # Safety
/// `msg` must be valid for reads of `len` bytes (or null / `len <= 0`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_raise(kind: i32, msg: *const u8, len: i64) {
    // SAFETY: forwarded caller contract.
    let msg = unsafe { bytes_from_raw(msg, len) };
    raise_code(kind, &String::from_utf8_lossy(msg));
}

/// The pending exception as an exception object, cleared from the pending state.
#[unsafe(no_mangle)]
pub extern "C" fn molt_exc_fetch() -> Obj {
    fetch_exception()
}

/// Whether exception object `exc` is an instance of kind `kind` (or of a subclass).
#[unsafe(no_mangle)]
pub extern "C" fn molt_exc_matches(exc: Obj, kind: i32) -> bool {
    exc::matches(exc, kind)
}

/// Makes exception object `exc` pending again with its frames (a bare `raise`).
#[unsafe(no_mangle)]
pub extern "C" fn molt_exc_reraise(exc: Obj) {
    reraise_owned(exc);
}

/// Raises a new exception `KIND(arg)` (`KIND()` unless `has_arg`); `arg` is borrowed.
#[unsafe(no_mangle)]
pub extern "C" fn molt_raise_new(kind: i32, arg: Obj, has_arg: bool) {
    match exc::new_exception(kind, has_arg.then_some(arg)) {
        Ok(o) => {
            raise_object(o);
            // SAFETY: `new_exception` returned a new reference; the pending state took its own.
            unsafe { decref(o) };
        }
        Err(err) => raise_error(&err),
    }
}

/// A new exception object `KIND(arg)` (`KIND()` unless `has_arg`), not raised; `arg` is
/// borrowed. MemoryError (word 0) when it cannot be allocated.
#[unsafe(no_mangle)]
pub extern "C" fn molt_exc_new(kind: i32, arg: Obj, has_arg: bool) -> Obj {
    value_or_raise(exc::new_exception(kind, has_arg.then_some(arg)))
}

/// What `raise x` (or `from x`) raises for `x`, as CPython's `do_raise`: an exception instance
/// itself (a new reference), or an exception class called without arguments, which must give
/// an instance ("calling <class 'C'> should have returned an instance of BaseException, not
/// <class 'int'>"); None when `x` is neither.
fn exception_instance(x: Obj) -> MoltResult<Option<Obj>> {
    if exc::is_exception(x) {
        return Ok(Some(new_ref(x)));
    }
    match crate::object::types::as_type(x) {
        Some(t) if is_subtype(t, &exc::BASE_EXCEPTION) => {
            // A builtin class makes its exception directly; a user class exists only once the
            // class machinery registered its slots (which call it).
            let v = match (crate::object::types::heap_slots(), crate::object::class::is_heap(t)) {
                (Some(h), true) => (h.call0)(x)?,
                (Some(_) | None, false) | (None, true) => {
                    let kind = ExceptionKind::ALL.iter().copied().find(|&k| exc::exception_type(k).is(t)).map_or(0, ExceptionKind::code);
                    exc::new_exception(kind, None)?
                }
            };
            if exc::is_exception(v) {
                return Ok(Some(v));
            }
            let kind = crate::object::attrs::class_value(v.type_of());
            let msg = format!(
                "calling {} should have returned an instance of BaseException, not {}",
                dispatch::repr_of(x)?,
                dispatch::repr_of(kind)?
            );
            // SAFETY: both are new references owned here.
            unsafe {
                decref(kind);
                decref(v);
            }
            Err(MoltError::new(ExceptionKind::TypeError, msg))
        }
        Some(_) | None => Ok(None),
    }
}

fn raise_obj(x: Obj, cause: Option<Obj>) -> MoltResult<()> {
    let Some(e) = exception_instance(x)? else {
        return fail(ExceptionKind::TypeError, NOT_AN_EXCEPTION);
    };
    let e = crate::object::range::Owned(e);
    if let Some(cause) = cause {
        if singletons::is_none(cause) {
            exc::set_cause(e.get(), None);
        } else {
            let Some(c) = exception_instance(cause)? else {
                return fail(ExceptionKind::TypeError, "exception causes must derive from BaseException");
            };
            exc::set_cause(e.get(), Some(c));
            // SAFETY: `set_cause` took its own reference.
            unsafe { decref(c) };
        }
    }
    raise_object(e.get());
    Ok(())
}

/// `raise exc` / `raise exc from cause` (CPython's `do_raise` checks, in its order).
#[unsafe(no_mangle)]
pub extern "C" fn molt_raise_obj(exc: Obj, cause: Obj, has_cause: bool) {
    if let Err(err) = raise_obj(exc, has_cause.then_some(cause)) {
        raise_owned(err);
    }
}

/// A bare `raise` outside the function's own handlers: the exception a caller is handling is
/// re-raised as it is (CPython adds no traceback entry for this frame), or RuntimeError.
#[unsafe(no_mangle)]
pub extern "C" fn molt_raise_active() {
    match handled() {
        Some(e) => reraise(e),
        None => raise(ExceptionKind::RuntimeError, "No active exception to reraise"),
    }
}

/// Enters an `except` block handling `exc` (borrowed).
#[unsafe(no_mangle)]
pub extern "C" fn molt_exc_handling_begin(exc: Obj) {
    handling_begin(exc);
}

/// Leaves the innermost `except` block.
#[unsafe(no_mangle)]
pub extern "C" fn molt_exc_handling_end() {
    handling_end();
}

/// Records one traceback frame while a pending exception leaves a function.
///
/// # Safety
/// Each pointer must be valid for reads of its length in bytes (or null / length `<= 0`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_traceback_push(
    file: *const u8,
    file_len: i64,
    func: *const u8,
    func_len: i64,
    line: i64,
    text: *const u8,
    text_len: i64,
    carets: *const u8,
    carets_len: i64,
) {
    // SAFETY: forwarded caller contract.
    if SKIP_NEXT_FRAME.swap(false, Ordering::Relaxed) {
        return;
    }
    let (file, func, text, carets) = unsafe {
        (
            bytes_from_raw(file, file_len),
            bytes_from_raw(func, func_len),
            bytes_from_raw(text, text_len),
            bytes_from_raw(carets, carets_len),
        )
    };
    push_frame(Frame {
        file: String::from_utf8_lossy(file).into_owned(),
        func: String::from_utf8_lossy(func).into_owned(),
        line,
        text: String::from_utf8_lossy(text).into_owned(),
        carets: String::from_utf8_lossy(carets).into_owned(),
    });
}

/// Serializes unit tests that touch the global exception state.
#[cfg(test)]
pub(crate) static TEST_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[cfg(test)]
pub(crate) fn test_lock() -> std::sync::MutexGuard<'static, ()> {
    TEST_LOCK.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests;
