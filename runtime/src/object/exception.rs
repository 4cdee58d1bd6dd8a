//! Exception objects: instances of the builtin exception classes, with CPython 3.11's
//! hierarchy, `str()` and `repr()`.
//!
//! Relies on: `alloc` for counted allocation (kind `HeapKind::Exception`); `types` for class
//! objects and the subtype test; `dispatch` for `str()`/`repr()` of the argument; CPython 3.11's
//! `Objects/exceptions.c` for the semantics (`BaseException_str`, `BaseException_repr`,
//! `KeyError_str`, `UnicodeDecodeError_init`/`_str`, `UnicodeEncodeError_init`/`_str`,
//! `UnicodeError_members`, `PyException_SetContext`/`SetCause`) and `Include/cpython/pyerrors.h`
//! for the state an exception carries; `traceback::Frame` for its traceback entries; `bytes`'
//! hooks to recognise a bytes object without linking the type.
//!
//! Provides: [`ExceptionObject`]; one static class per [`ExceptionKind`]
//! ([`exception_type`], [`type_for_code`]; their `base`s form CPython's hierarchy, see
//! `abi.rs`) plus `SystemError` for an unknown kind code; [`new_exception`], [`new_of_type`]
//! (`BaseException.__new__` of any exception class, user ones included), [`set_args`],
//! [`init`] (`BaseException.__init__`, and UnicodeDecodeError's / UnicodeEncodeError's, which
//! set their members), [`new_unicode_error`] (what a codec raises), the members' accessors
//! [`defines_unicode_member`], [`unicode_member`], [`set_unicode_member`] (for the attribute
//! protocol), [`args`], [`args_tuple`], [`dict_slot`], [`str_text`] / [`repr_text`] /
//! [`key_error_text`] (`BaseException.__str__`, `__repr__`, `KeyError.__str__`; the Unicode
//! errors' `__str__` are their classes' slots),
//! [`is_exception`], [`kind_of`], [`matches`]; accessors of the argument, frames, context,
//! cause and the suppress-context flag; `free` (called by `alloc::free_object`); `nested`
//! (the recursion guard of `str()`/`repr()`, also used by `tuple`).
//!
//! Invariants: exception objects live on the heap only (no static instances); each owns a
//! reference to its `args` tuple, its `__dict__` (made when first needed), its class when that
//! is a class the program made (`heap_class`), its context and its cause, which are exception objects (the
//! setters ignore anything else), and, for a UnicodeDecodeError / UnicodeEncodeError once
//! initialised, its members' objects (CPython keeps them apart from `args`: `e.args = …` leaves
//! them, `e.start = …` leaves `args`); the runtime never raises those two kinds by a message
//! (their `str()` comes from the members); its frames are innermost first, at most
//! [`TRACEBACK_LIMIT`](crate::traceback::TRACEBACK_LIMIT) of them. Freeing an exception never
//! recurses through exceptions it references (a chain of contexts or nested arguments of any
//! length is freed in constant stack: dying exceptions are linked into a worklist through
//! `next_dead`). `str()`/`repr()` of nested exception arguments stop with CPython's
//! RecursionError past the recursion limit (`molt_recursion_limit`). Truth is `True` (no `nb_bool`, no length);
//! `==` and `hash` are `object`'s (identity).

use alloc::boxed::Box;
use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::types::{TYPE_OBJECT, TypeObject, is_subtype};
use super::suggest::Suggest;
use super::{Header, Obj, decref, dispatch, incref};
use crate::exceptions::{MoltError, MoltResult, fail};

pub use super::exception_members::{defines_member, member, set_member, syntax_location};
use crate::traceback::{Frame, push_frame_limited};
use crate::{ExceptionKind, RECURSION_MSG};

/// An exception instance (CPython's `PyBaseExceptionObject`).
#[repr(C)]
pub struct ExceptionObject {
    pub header: Header,
    /// The kind code it was created with (an unknown code makes a `SystemError`).
    kind: i32,
    /// `__suppress_context__` (set by `raise … from …`).
    suppress_context: bool,
    /// `args`, owned: a tuple (the small int 0 once cleared by the collector).
    args: Obj,
    /// `__dict__`, owned, made when an attribute is first set.
    dict: Option<Obj>,
    /// Whether the class is a heap class (the exception owns a reference to it then).
    heap_class: bool,
    /// `__context__`, owned: the exception being handled when this one was raised.
    context: Option<Obj>,
    /// `__cause__`, owned (`raise … from …`).
    cause: Option<Obj>,
    /// `__traceback__`: innermost frame first.
    frames: Vec<Frame>,
    /// An AttributeError's lookup (CPython's `obj`/`name`), for its traceback's suggestion.
    suggest: Option<Box<Suggest>>,
    /// The members of a UnicodeDecodeError / UnicodeEncodeError, once its `__init__` parsed its
    /// arguments (CPython's `PyUnicodeErrorObject` fields).
    unicode: Option<Box<UnicodeMembers>>,
    /// The members of an OSError (CPython's `PyOSErrorObject` fields), once its arguments set
    /// one (None: every member None).
    os: Option<Box<super::exception_members::OsMembers>>,
    /// The members of a SyntaxError (`PySyntaxErrorObject`'s), once its arguments set them.
    syntax: Option<Box<super::exception_members::SyntaxMembers>>,
    /// The next exception of `free`'s worklist (null outside `free`).
    next_dead: *mut ExceptionObject,
}

/// An exception class: no slot of its own, instances on the heap.
pub(crate) const fn exc_type(name: &'static str, base: &'static TypeObject) -> TypeObject {
    TypeObject {
        heap: Some(HeapKind::Exception),
        new: Some(super::construct::hooked_new),
        ..TypeObject::new(name, base)
    }
}

/// `BaseException`, the root of the hierarchy.
pub static BASE_EXCEPTION: TypeObject = TypeObject {
    str: Some(exception_str),
    repr: Some(exception_repr),
    ..exc_type("BaseException", &TYPE_OBJECT)
};
pub static EXCEPTION: TypeObject = exc_type("Exception", &BASE_EXCEPTION);
pub static SYSTEM_EXIT: TypeObject = exc_type("SystemExit", &BASE_EXCEPTION);
pub static KEYBOARD_INTERRUPT: TypeObject = exc_type("KeyboardInterrupt", &BASE_EXCEPTION);
pub static GENERATOR_EXIT: TypeObject = exc_type("GeneratorExit", &BASE_EXCEPTION);
pub static ARITHMETIC_ERROR: TypeObject = exc_type("ArithmeticError", &EXCEPTION);
pub static ZERO_DIVISION_ERROR: TypeObject = exc_type("ZeroDivisionError", &ARITHMETIC_ERROR);
pub static OVERFLOW_ERROR: TypeObject = exc_type("OverflowError", &ARITHMETIC_ERROR);
pub static LOOKUP_ERROR: TypeObject = exc_type("LookupError", &EXCEPTION);
pub static INDEX_ERROR: TypeObject = exc_type("IndexError", &LOOKUP_ERROR);
/// `KeyError`: its `str()` is the repr of its one argument (CPython's `KeyError_str`).
pub static KEY_ERROR: TypeObject = TypeObject {
    str: Some(key_error_str),
    ..exc_type("KeyError", &LOOKUP_ERROR)
};
pub static RUNTIME_ERROR: TypeObject = exc_type("RuntimeError", &EXCEPTION);
pub static RECURSION_ERROR: TypeObject = exc_type("RecursionError", &RUNTIME_ERROR);
pub static NOT_IMPLEMENTED_ERROR: TypeObject = exc_type("NotImplementedError", &RUNTIME_ERROR);
pub static NAME_ERROR: TypeObject = exc_type("NameError", &EXCEPTION);
pub static UNBOUND_LOCAL_ERROR: TypeObject = exc_type("UnboundLocalError", &NAME_ERROR);
pub static VALUE_ERROR: TypeObject = exc_type("ValueError", &EXCEPTION);
pub static TYPE_ERROR: TypeObject = exc_type("TypeError", &EXCEPTION);
pub static MEMORY_ERROR: TypeObject = exc_type("MemoryError", &EXCEPTION);
pub static ASSERTION_ERROR: TypeObject = exc_type("AssertionError", &EXCEPTION);
pub static ATTRIBUTE_ERROR: TypeObject = exc_type("AttributeError", &EXCEPTION);
pub static STOP_ITERATION: TypeObject = exc_type("StopIteration", &EXCEPTION);
pub static IMPORT_ERROR: TypeObject = exc_type("ImportError", &EXCEPTION);
pub static UNICODE_ERROR: TypeObject = exc_type("UnicodeError", &VALUE_ERROR);
/// `UnicodeDecodeError`: its members `encoding`, `object`, `start`, `end`, `reason` (set from its
/// five arguments) make its `str()` (CPython's `UnicodeDecodeError_str`).
pub static UNICODE_DECODE_ERROR: TypeObject = TypeObject {
    str: Some(unicode_decode_str),
    ..exc_type("UnicodeDecodeError", &UNICODE_ERROR)
};
/// `UnicodeEncodeError`: as `UnicodeDecodeError` (`UnicodeEncodeError_str`).
pub static UNICODE_ENCODE_ERROR: TypeObject = TypeObject {
    str: Some(unicode_encode_str),
    ..exc_type("UnicodeEncodeError", &UNICODE_ERROR)
};
/// `SystemError` (also the class of an exception raised with a kind code the ABI does not
/// define: a compiler bug).
pub static SYSTEM_ERROR: TypeObject = exc_type("SystemError", &EXCEPTION);
static EOF_ERROR: TypeObject = exc_type("EOFError", &EXCEPTION);
static FLOATING_POINT_ERROR: TypeObject = exc_type("FloatingPointError", &ARITHMETIC_ERROR);
static BUFFER_ERROR: TypeObject = exc_type("BufferError", &EXCEPTION);
static MODULE_NOT_FOUND_ERROR: TypeObject = exc_type("ModuleNotFoundError", &IMPORT_ERROR);
static REFERENCE_ERROR: TypeObject = exc_type("ReferenceError", &EXCEPTION);
static STOP_ASYNC_ITERATION: TypeObject = exc_type("StopAsyncIteration", &EXCEPTION);
static WARNING: TypeObject = exc_type("Warning", &EXCEPTION);
static USER_WARNING: TypeObject = exc_type("UserWarning", &WARNING);
static DEPRECATION_WARNING: TypeObject = exc_type("DeprecationWarning", &WARNING);
static PENDING_DEPRECATION_WARNING: TypeObject = exc_type("PendingDeprecationWarning", &WARNING);
static SYNTAX_WARNING: TypeObject = exc_type("SyntaxWarning", &WARNING);
static RUNTIME_WARNING: TypeObject = exc_type("RuntimeWarning", &WARNING);
static FUTURE_WARNING: TypeObject = exc_type("FutureWarning", &WARNING);
static IMPORT_WARNING: TypeObject = exc_type("ImportWarning", &WARNING);
static UNICODE_WARNING: TypeObject = exc_type("UnicodeWarning", &WARNING);
static BYTES_WARNING: TypeObject = exc_type("BytesWarning", &WARNING);
static RESOURCE_WARNING: TypeObject = exc_type("ResourceWarning", &WARNING);
static ENCODING_WARNING: TypeObject = exc_type("EncodingWarning", &WARNING);

/// `OSError` (also `IOError` and `EnvironmentError`): its `str()` is made from the members.
pub static OS_ERROR: TypeObject = TypeObject { str: Some(super::os_error::os_error_str), ..exc_type("OSError", &EXCEPTION) };
pub(crate) static BLOCKING_IO_ERROR: TypeObject = exc_type("BlockingIOError", &OS_ERROR);
pub(crate) static CHILD_PROCESS_ERROR: TypeObject = exc_type("ChildProcessError", &OS_ERROR);
pub(crate) static CONNECTION_ERROR: TypeObject = exc_type("ConnectionError", &OS_ERROR);
pub(crate) static BROKEN_PIPE_ERROR: TypeObject = exc_type("BrokenPipeError", &CONNECTION_ERROR);
pub(crate) static CONNECTION_ABORTED_ERROR: TypeObject = exc_type("ConnectionAbortedError", &CONNECTION_ERROR);
pub(crate) static CONNECTION_REFUSED_ERROR: TypeObject = exc_type("ConnectionRefusedError", &CONNECTION_ERROR);
pub(crate) static CONNECTION_RESET_ERROR: TypeObject = exc_type("ConnectionResetError", &CONNECTION_ERROR);
pub(crate) static FILE_EXISTS_ERROR: TypeObject = exc_type("FileExistsError", &OS_ERROR);
pub(crate) static FILE_NOT_FOUND_ERROR: TypeObject = exc_type("FileNotFoundError", &OS_ERROR);
pub(crate) static INTERRUPTED_ERROR: TypeObject = exc_type("InterruptedError", &OS_ERROR);
pub(crate) static IS_A_DIRECTORY_ERROR: TypeObject = exc_type("IsADirectoryError", &OS_ERROR);
pub(crate) static NOT_A_DIRECTORY_ERROR: TypeObject = exc_type("NotADirectoryError", &OS_ERROR);
pub(crate) static PERMISSION_ERROR: TypeObject = exc_type("PermissionError", &OS_ERROR);
pub(crate) static PROCESS_LOOKUP_ERROR: TypeObject = exc_type("ProcessLookupError", &OS_ERROR);
pub(crate) static TIMEOUT_ERROR: TypeObject = exc_type("TimeoutError", &OS_ERROR);

/// `SyntaxError`: its members make its `str()` ("msg (file.py, line 3)").
pub static SYNTAX_ERROR: TypeObject = TypeObject { str: Some(super::syntax_error::syntax_error_str), ..exc_type("SyntaxError", &EXCEPTION) };
pub(crate) static INDENTATION_ERROR: TypeObject = exc_type("IndentationError", &SYNTAX_ERROR);
pub(crate) static TAB_ERROR: TypeObject = exc_type("TabError", &INDENTATION_ERROR);
/// The classes of the kinds only programs that name them link (`molt_enable_exception_classes`:
/// `exception_type`, which every program links, reaches them through this hook).
fn later_type(kind: ExceptionKind) -> &'static TypeObject {
    match core::hint::black_box(LATER.with(|h| *h)) {
        Some(f) => f(kind),
        None => &UNAVAILABLE,
    }
}

/// What `later_type` gives before `molt_enable_exception_classes` ran (reached only through a
/// compiler bug: no object of it is ever made).
static UNAVAILABLE: TypeObject = exc_type("<exception class not enabled>", &BASE_EXCEPTION);

static LATER: crate::sys::Global<Option<fn(ExceptionKind) -> &'static TypeObject>> = crate::sys::Global::new(None);

fn later_types(kind: ExceptionKind) -> &'static TypeObject {
    match kind {
        ExceptionKind::EOFError => &EOF_ERROR,
        ExceptionKind::FloatingPointError => &FLOATING_POINT_ERROR,
        ExceptionKind::BufferError => &BUFFER_ERROR,
        ExceptionKind::ModuleNotFoundError => &MODULE_NOT_FOUND_ERROR,
        ExceptionKind::ReferenceError => &REFERENCE_ERROR,
        ExceptionKind::StopAsyncIteration => &STOP_ASYNC_ITERATION,
        ExceptionKind::Warning => &WARNING,
        ExceptionKind::UserWarning => &USER_WARNING,
        ExceptionKind::DeprecationWarning => &DEPRECATION_WARNING,
        ExceptionKind::PendingDeprecationWarning => &PENDING_DEPRECATION_WARNING,
        ExceptionKind::SyntaxWarning => &SYNTAX_WARNING,
        ExceptionKind::RuntimeWarning => &RUNTIME_WARNING,
        ExceptionKind::FutureWarning => &FUTURE_WARNING,
        ExceptionKind::ImportWarning => &IMPORT_WARNING,
        ExceptionKind::UnicodeWarning => &UNICODE_WARNING,
        ExceptionKind::BytesWarning => &BYTES_WARNING,
        ExceptionKind::ResourceWarning => &RESOURCE_WARNING,
        ExceptionKind::EncodingWarning => &ENCODING_WARNING,
        ExceptionKind::OSError => &OS_ERROR,
        ExceptionKind::BlockingIOError => &BLOCKING_IO_ERROR,
        ExceptionKind::ChildProcessError => &CHILD_PROCESS_ERROR,
        ExceptionKind::ConnectionError => &CONNECTION_ERROR,
        ExceptionKind::BrokenPipeError => &BROKEN_PIPE_ERROR,
        ExceptionKind::ConnectionAbortedError => &CONNECTION_ABORTED_ERROR,
        ExceptionKind::ConnectionRefusedError => &CONNECTION_REFUSED_ERROR,
        ExceptionKind::ConnectionResetError => &CONNECTION_RESET_ERROR,
        ExceptionKind::FileExistsError => &FILE_EXISTS_ERROR,
        ExceptionKind::FileNotFoundError => &FILE_NOT_FOUND_ERROR,
        ExceptionKind::InterruptedError => &INTERRUPTED_ERROR,
        ExceptionKind::IsADirectoryError => &IS_A_DIRECTORY_ERROR,
        ExceptionKind::NotADirectoryError => &NOT_A_DIRECTORY_ERROR,
        ExceptionKind::PermissionError => &PERMISSION_ERROR,
        ExceptionKind::ProcessLookupError => &PROCESS_LOOKUP_ERROR,
        ExceptionKind::TimeoutError => &TIMEOUT_ERROR,
        ExceptionKind::SyntaxError => &SYNTAX_ERROR,
        ExceptionKind::IndentationError => &INDENTATION_ERROR,
        ExceptionKind::TabError => &TAB_ERROR,
        ExceptionKind::BaseException
        | ExceptionKind::Exception
        | ExceptionKind::SystemExit
        | ExceptionKind::KeyboardInterrupt
        | ExceptionKind::GeneratorExit
        | ExceptionKind::ImportError
        | ExceptionKind::ArithmeticError
        | ExceptionKind::ZeroDivisionError
        | ExceptionKind::OverflowError
        | ExceptionKind::LookupError
        | ExceptionKind::IndexError
        | ExceptionKind::KeyError
        | ExceptionKind::RuntimeError
        | ExceptionKind::RecursionError
        | ExceptionKind::NotImplementedError
        | ExceptionKind::NameError
        | ExceptionKind::UnboundLocalError
        | ExceptionKind::ValueError
        | ExceptionKind::TypeError
        | ExceptionKind::MemoryError
        | ExceptionKind::AssertionError
        | ExceptionKind::AttributeError
        | ExceptionKind::StopIteration
        | ExceptionKind::UnicodeError
        | ExceptionKind::UnicodeDecodeError
        | ExceptionKind::UnicodeEncodeError
        | ExceptionKind::SystemError
        => exception_type(kind),
    }
}

/// Makes the exception classes beyond the ones every program has (the `Warning` family,
/// `EOFError`, `ModuleNotFoundError`, …) available: the program names one of them.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_exception_classes() {
    LATER.with(|h| *h = Some(later_types));
    super::exception_members::enable();
}

/// The class of `kind`.
pub fn exception_type(kind: ExceptionKind) -> &'static TypeObject {
    match kind {
        ExceptionKind::BaseException => &BASE_EXCEPTION,
        ExceptionKind::Exception => &EXCEPTION,
        ExceptionKind::SystemExit => &SYSTEM_EXIT,
        ExceptionKind::KeyboardInterrupt => &KEYBOARD_INTERRUPT,
        ExceptionKind::GeneratorExit => &GENERATOR_EXIT,
        ExceptionKind::ImportError => &IMPORT_ERROR,
        ExceptionKind::ArithmeticError => &ARITHMETIC_ERROR,
        ExceptionKind::ZeroDivisionError => &ZERO_DIVISION_ERROR,
        ExceptionKind::OverflowError => &OVERFLOW_ERROR,
        ExceptionKind::LookupError => &LOOKUP_ERROR,
        ExceptionKind::IndexError => &INDEX_ERROR,
        ExceptionKind::KeyError => &KEY_ERROR,
        ExceptionKind::RuntimeError => &RUNTIME_ERROR,
        ExceptionKind::RecursionError => &RECURSION_ERROR,
        ExceptionKind::NotImplementedError => &NOT_IMPLEMENTED_ERROR,
        ExceptionKind::NameError => &NAME_ERROR,
        ExceptionKind::UnboundLocalError => &UNBOUND_LOCAL_ERROR,
        ExceptionKind::ValueError => &VALUE_ERROR,
        ExceptionKind::TypeError => &TYPE_ERROR,
        ExceptionKind::MemoryError => &MEMORY_ERROR,
        ExceptionKind::AssertionError => &ASSERTION_ERROR,
        ExceptionKind::AttributeError => &ATTRIBUTE_ERROR,
        ExceptionKind::StopIteration => &STOP_ITERATION,
        ExceptionKind::UnicodeError => &UNICODE_ERROR,
        ExceptionKind::UnicodeDecodeError => &UNICODE_DECODE_ERROR,
        ExceptionKind::UnicodeEncodeError => &UNICODE_ENCODE_ERROR,
        ExceptionKind::SystemError => &SYSTEM_ERROR,
        ExceptionKind::EOFError
        | ExceptionKind::FloatingPointError
        | ExceptionKind::BufferError
        | ExceptionKind::ModuleNotFoundError
        | ExceptionKind::ReferenceError
        | ExceptionKind::StopAsyncIteration
        | ExceptionKind::Warning
        | ExceptionKind::UserWarning
        | ExceptionKind::DeprecationWarning
        | ExceptionKind::PendingDeprecationWarning
        | ExceptionKind::SyntaxWarning
        | ExceptionKind::RuntimeWarning
        | ExceptionKind::FutureWarning
        | ExceptionKind::ImportWarning
        | ExceptionKind::UnicodeWarning
        | ExceptionKind::BytesWarning
        | ExceptionKind::ResourceWarning
        | ExceptionKind::EncodingWarning
        | ExceptionKind::OSError
        | ExceptionKind::BlockingIOError
        | ExceptionKind::ChildProcessError
        | ExceptionKind::ConnectionError
        | ExceptionKind::BrokenPipeError
        | ExceptionKind::ConnectionAbortedError
        | ExceptionKind::ConnectionRefusedError
        | ExceptionKind::ConnectionResetError
        | ExceptionKind::FileExistsError
        | ExceptionKind::FileNotFoundError
        | ExceptionKind::InterruptedError
        | ExceptionKind::IsADirectoryError
        | ExceptionKind::NotADirectoryError
        | ExceptionKind::PermissionError
        | ExceptionKind::ProcessLookupError
        | ExceptionKind::TimeoutError
        | ExceptionKind::SyntaxError
        | ExceptionKind::IndentationError
        | ExceptionKind::TabError
        => later_type(kind),
    }
}

/// The class of kind code `code` (`SystemError` for a code the ABI does not define).
pub fn type_for_code(code: i32) -> &'static TypeObject {
    match ExceptionKind::from_code(code) {
        Some(kind) => exception_type(kind),
        None => &SYSTEM_ERROR,
    }
}

/// The exception object behind `o`, if `o` is one.
fn exc_ptr(o: Obj) -> Option<*mut ExceptionObject> {
    if o.type_of().heap != Some(HeapKind::Exception) {
        return None;
    }
    o.header_ptr().map(|h| h.cast::<ExceptionObject>().cast_mut())
}

/// Runs `f` on the exception object `o` (None if `o` is not one).
fn with_exc<R>(o: Obj, f: impl FnOnce(&mut ExceptionObject) -> R) -> Option<R> {
    let p = exc_ptr(o)?;
    // SAFETY: the `Obj` invariant: `o` is a live exception object (heap kind Exception means
    // an `ExceptionObject` block). Programs are single-threaded and no other reference into
    // the object is held across this call (the accessors below copy values out).
    Some(f(unsafe { &mut *p }))
}

/// True if `o` is an exception object.
pub fn is_exception(o: Obj) -> bool {
    exc_ptr(o).is_some()
}

/// The kind code `o` was created with (None if `o` is not an exception object).
pub fn kind_of(o: Obj) -> Option<i32> {
    with_exc(o, |e| e.kind)
}

/// Whether `o` is an exception object of kind `kind` or of a subclass (`except KIND`); false
/// for an unknown kind code or a non-exception.
pub fn matches(o: Obj, kind: i32) -> bool {
    match ExceptionKind::from_code(kind) {
        Some(k) => is_exception(o) && is_subtype(o.type_of(), exception_type(k)),
        None => false,
    }
}

/// A new exception of kind code `kind` (`KIND(arg)`, or `KIND()` without one); `arg` is
/// borrowed. No frames, context or cause yet. A UnicodeDecodeError or UnicodeEncodeError
/// checks its arguments as its `__init__` does (TypeError "function takes exactly 5 arguments
/// (1 given)"): the runtime never raises these kinds by a message.
pub fn new_exception(kind: i32, arg: Option<Obj>) -> MoltResult<Obj> {
    let args = match arg {
        Some(a) => super::tuple::tuple_from_slice(&[a])?,
        None => super::tuple::tuple_from_vec(Vec::new())?,
    };
    let o = alloc_exception(type_for_code(kind), kind, args)?;
    init_or_release(o, arg.as_slice())
}

/// `BaseException.__new__(t, *args)` for any exception class `t` (a heap class included): its
/// kind is that of the nearest builtin exception class of its MRO. For a builtin class (whose
/// call is `__new__` and `__init__` at once) the members of a UnicodeDecodeError or
/// UnicodeEncodeError are set from `args`, with its `__init__`'s checks; a heap class's
/// `__init__` sets them ([`init`]).
pub fn new_of_type(t: &'static TypeObject, args: &[Obj]) -> MoltResult<Obj> {
    // `OSError(errno, …)` makes the subclass of that errno (`OSError_new`).
    let (t, use_init) = super::exception_members::member_hooks().map_or((t, false), |h| (h.new_type)(t, args));
    let kind = super::class::mro(t)
        .find_map(|c| ExceptionKind::ALL.iter().find(|k| exception_type(**k).is(c)))
        .map_or(0, |k| k.code());
    let tuple = super::tuple::tuple_from_slice(if use_init { &[] } else { args })?;
    let o = alloc_exception(t, kind, tuple)?;
    if super::class::is_heap(t) {
        return Ok(o);
    }
    init_or_release(o, args)
}

/// [`init_unicode`] and [`init_members`] of a new exception `o` (a new reference, given up on
/// failure).
fn init_or_release(o: Obj, args: &[Obj]) -> MoltResult<Obj> {
    match init_unicode(o, args).and_then(|()| init_members(o, args)) {
        Ok(()) => Ok(o),
        Err(e) => {
            // SAFETY: the caller's new reference, not used after.
            unsafe { decref(o) };
            Err(e)
        }
    }
}

/// A new exception of class `t` holding `args` (a tuple; the reference is taken over).
pub(crate) fn alloc_exception(t: &'static TypeObject, kind: i32, args: Obj) -> MoltResult<Obj> {
    let p = match alloc_container(Layout::new::<ExceptionObject>(), t) {
        Ok(p) => p.cast::<ExceptionObject>(),
        Err(e) => {
            // SAFETY: the caller gave its reference.
            unsafe { decref(args) };
            return Err(e);
        }
    };
    let heap_class = super::class::is_heap(t);
    if heap_class {
        incref(Obj::from_static(t));
    }
    // SAFETY: `p` is a fresh block for an `ExceptionObject` with its header written; the other
    // fields are written here before anything reads them.
    unsafe {
        core::ptr::addr_of_mut!((*p).kind).write(kind);
        core::ptr::addr_of_mut!((*p).suppress_context).write(false);
        core::ptr::addr_of_mut!((*p).args).write(args);
        core::ptr::addr_of_mut!((*p).dict).write(None);
        core::ptr::addr_of_mut!((*p).heap_class).write(heap_class);
        core::ptr::addr_of_mut!((*p).context).write(None);
        core::ptr::addr_of_mut!((*p).cause).write(None);
        core::ptr::addr_of_mut!((*p).frames).write(Vec::new());
        core::ptr::addr_of_mut!((*p).suggest).write(None);
        core::ptr::addr_of_mut!((*p).unicode).write(None);
        core::ptr::addr_of_mut!((*p).os).write(None);
        core::ptr::addr_of_mut!((*p).syntax).write(None);
        core::ptr::addr_of_mut!((*p).next_dead).write(core::ptr::null_mut());
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// `e.args = args` (`BaseException.__init__(*args)`): a new tuple of `args`.
pub fn set_args(o: Obj, args: &[Obj]) -> MoltResult<()> {
    if !is_exception(o) {
        return Ok(());
    }
    let t = super::tuple::tuple_from_slice(args)?;
    if let Some(old) = with_exc(o, |e| core::mem::replace(&mut e.args, t)) {
        // SAFETY: the exception owned the old tuple.
        unsafe { decref(old) };
    }
    Ok(())
}

/// `BaseException.__init__(e, *args)` for an exception of any class: `e.args = args`; then, for
/// a UnicodeDecodeError or UnicodeEncodeError, its members from `args` with CPython's checks
/// (`UnicodeDecodeError_init`: cleared first, left cleared when the arguments are wrong).
pub fn init(o: Obj, args: &[Obj]) -> MoltResult<()> {
    set_args(o, args)?;
    init_unicode(o, args)?;
    init_members(o, args)
}


/// The members of a UnicodeDecodeError / UnicodeEncodeError (`PyUnicodeErrorObject`): owned
/// references (None for CPython's NULL, after `del e.reason`).
pub struct UnicodeMembers {
    pub(crate) encoding: Option<Obj>,
    pub(crate) object: Option<Obj>,
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) reason: Option<Obj>,
}

impl UnicodeMembers {
    /// The references the members own.
    pub(crate) fn refs(&self) -> [Option<Obj>; 3] {
        [self.encoding, self.object, self.reason]
    }
}

/// Whether `o`'s class is UnicodeDecodeError (`Some(true)`), UnicodeEncodeError (`Some(false)`)
/// or a subclass of one; None for any other object.
pub(crate) fn unicode_kind(o: Obj) -> Option<bool> {
    if !is_exception(o) {
        return None;
    }
    let t = o.type_of();
    if is_subtype(t, &UNICODE_DECODE_ERROR) {
        Some(true)
    } else if is_subtype(t, &UNICODE_ENCODE_ERROR) {
        Some(false)
    } else {
        None
    }
}

/// Whether `name` is a member that class `c` defines (UnicodeDecodeError's and
/// UnicodeEncodeError's `encoding`, `object`, `start`, `end`, `reason`): the attribute protocol
/// reads and writes it with [`unicode_member`] / [`set_unicode_member`].
pub fn defines_unicode_member(c: &'static TypeObject, name: &str) -> bool {
    (c.is(&UNICODE_DECODE_ERROR) || c.is(&UNICODE_ENCODE_ERROR)) && matches!(name, "encoding" | "object" | "start" | "end" | "reason")
}

/// What of UnicodeDecodeError and UnicodeEncodeError lives in `unicode_error` (their members'
/// parsing, reading and writing, their `str()`): reached through [`set_unicode_hooks`]'s hook,
/// so that a program that never makes one links none of it.
pub struct UnicodeErrorHooks {
    /// `__init__`'s work after `BaseException.__init__` (the members from the arguments).
    pub init: fn(Obj, &[Obj]) -> MoltResult<()>,
    pub decode_str: fn(Obj) -> MoltResult<String>,
    pub encode_str: fn(Obj) -> MoltResult<String>,
    /// `e.name` / `e.name = v` (`del` with None) of a member.
    pub member: fn(Obj, &str) -> MoltResult<Obj>,
    pub set_member: fn(Obj, &str, Option<Obj>) -> MoltResult<()>,
}

static UNICODE_HOOKS: crate::sys::Global<Option<&'static UnicodeErrorHooks>> = crate::sys::Global::new(None);

/// Installs the Unicode errors' machinery (`unicode_error::enable`).
pub fn set_unicode_hooks(h: &'static UnicodeErrorHooks) {
    UNICODE_HOOKS.with(|u| *u = Some(h));
}

/// The Unicode errors' machinery; the compiler enables it in every program that can make such
/// an error (one that has bytes or names either class), so its absence is a compiler bug.
fn unicode_hooks() -> MoltResult<&'static UnicodeErrorHooks> {
    core::hint::black_box(UNICODE_HOOKS.with(|u| *u))
        .ok_or_else(|| MoltError::new(ExceptionKind::RuntimeError, "a UnicodeDecodeError or UnicodeEncodeError reached without molt_enable_bytes (a compiler bug)"))
}

/// `UnicodeDecodeError_init` / `UnicodeEncodeError_init` for an exception of one of those
/// classes (through the hooks); nothing for the others.
fn init_unicode(o: Obj, args: &[Obj]) -> MoltResult<()> {
    if unicode_kind(o).is_none() {
        return Ok(());
    }
    (unicode_hooks()?.init)(o, args)
}

/// `e.name` for a member of a UnicodeDecodeError / UnicodeEncodeError.
pub fn unicode_member(o: Obj, name: &str) -> MoltResult<Obj> {
    (unicode_hooks()?.member)(o, name)
}

/// `e.name = value` / `del e.name` for a member of a UnicodeDecodeError / UnicodeEncodeError.
pub fn set_unicode_member(o: Obj, name: &str, value: Option<Obj>) -> MoltResult<()> {
    (unicode_hooks()?.set_member)(o, name, value)
}

fn unicode_decode_str(o: Obj) -> MoltResult<String> {
    (unicode_hooks()?.decode_str)(o)
}

fn unicode_encode_str(o: Obj) -> MoltResult<String> {
    (unicode_hooks()?.encode_str)(o)
}

/// Runs `f` on the members of exception `o` (None for a non-exception).
pub(crate) fn with_unicode<R>(o: Obj, f: impl FnOnce(&mut Option<Box<UnicodeMembers>>) -> R) -> Option<R> {
    with_exc(o, |e| f(&mut e.unicode))
}

/// The members of an OSError or SyntaxError from `args` (through the hooks); nothing for
/// other exceptions.
fn init_members(o: Obj, args: &[Obj]) -> MoltResult<()> {
    match super::exception_members::member_hooks() {
        Some(h) => (h.init)(o, args),
        None => Ok(()),
    }
}

/// Runs `f` on the SyntaxError members of exception `o` (None for a non-exception).
pub(crate) fn with_syntax<R>(o: Obj, f: impl FnOnce(&mut Option<Box<super::exception_members::SyntaxMembers>>) -> R) -> Option<R> {
    with_exc(o, |e| f(&mut e.syntax))
}

/// Runs `f` on the OSError members of exception `o` (None for a non-exception).
pub(crate) fn with_os<R>(o: Obj, f: impl FnOnce(&mut Option<Box<super::exception_members::OsMembers>>) -> R) -> Option<R> {
    with_exc(o, |e| f(&mut e.os))
}

/// `e.args` (borrowed: a tuple, valid while `o` lives); empty for a non-exception.
pub fn args<'a>(o: Obj) -> &'a [Obj] {
    with_exc(o, |e| e.args).and_then(super::tuple::tuple_items).unwrap_or(&[])
}

/// The `args` tuple itself (borrowed; the small int 0 once cleared).
pub fn args_tuple(o: Obj) -> Obj {
    with_exc(o, |e| e.args).unwrap_or_default()
}

/// The slot of the exception's `__dict__` (None for a non-exception).
pub fn dict_slot(o: Obj) -> Option<*mut Option<Obj>> {
    // SAFETY: a live exception object; the pointer is used while the caller holds `o`.
    exc_ptr(o).map(|p| unsafe { core::ptr::addr_of_mut!((*p).dict) })
}

/// Visits the arguments, context, cause, `__dict__` and (a heap class) the class of an
/// exception (`BaseException_traverse`; the frames and the suggestion hold no object).
///
/// # Safety
/// `h` is a live exception object.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    let (refs, members, class) = unsafe {
        let e = h.cast::<ExceptionObject>();
        (
            [Some((*e).args), (*e).context, (*e).cause, (*e).dict],
            (*e).unicode.as_ref().map_or([None; 3], |m| m.refs()).into_iter()
                .chain((*e).os.as_ref().map_or([None; 4], |m| m.refs()))
                .chain((*e).syntax.as_ref().map_or([None; 8], |m| m.refs())),
            (*e).heap_class.then(|| Obj::from_static((*h).ty)),
        )
    };
    for o in refs.into_iter().chain(members).flatten().chain(class) {
        visit(o);
    }
}

/// Drops the arguments, context, cause and `__dict__` of an unreachable exception
/// (`BaseException_clear`).
///
/// # Safety
/// `h` is a live exception object that the collector found unreachable.
pub(crate) unsafe fn clear(h: *mut Header) {
    // SAFETY: forwarded contract; the references are detached before any is released.
    let owned = unsafe { children(&mut *h.cast::<ExceptionObject>()) };
    for o in owned.into_iter().flatten() {
        // SAFETY: the exception owned these references.
        unsafe { decref(o) };
    }
}

/// Records an AttributeError's lookup on exception `o` (its traceback's suggestion).
pub fn set_suggest(o: Obj, suggest: Option<Box<Suggest>>) {
    with_exc(o, |e| e.suggest = suggest);
}

/// `f` of `o`'s recorded lookup (`None` when it has none or is not an exception).
pub fn with_suggest<R>(o: Obj, f: impl FnOnce(Option<&Suggest>) -> R) -> R {
    match exc_ptr(o) {
        // SAFETY: `o` is a live exception object; the borrow ends with `f`.
        Some(p) => f(unsafe { (*p).suggest.as_deref() }),
        None => f(None),
    }
}

/// The one argument (borrowed: valid while `o` lives) of an exception with exactly one.
pub fn arg(o: Obj) -> Option<Obj> {
    match args(o) {
        [a] => Some(*a),
        _ => None,
    }
}

/// `__context__` (borrowed), if any.
pub fn context(o: Obj) -> Option<Obj> {
    with_exc(o, |e| e.context).flatten()
}

/// `__cause__` (borrowed), if any.
pub fn cause(o: Obj) -> Option<Obj> {
    with_exc(o, |e| e.cause).flatten()
}

/// `__suppress_context__`.
pub fn suppress_context(o: Obj) -> bool {
    with_exc(o, |e| e.suppress_context).unwrap_or(false)
}

/// Sets `__suppress_context__`.
pub fn set_suppress_context(o: Obj, value: bool) {
    with_exc(o, |e| e.suppress_context = value);
}

/// Replaces the reference in the slot chosen by `slot` with a new reference to `value`
/// (borrowed; a non-exception counts as None) and drops the old one.
fn replace_link(o: Obj, value: Option<Obj>, slot: fn(&mut ExceptionObject) -> &mut Option<Obj>) {
    let value = value.filter(|&v| is_exception(v));
    if !is_exception(o) {
        return;
    }
    if let Some(v) = value {
        incref(v); // before the old one is dropped: they may be the same object
    }
    if let Some(old) = with_exc(o, |e| core::mem::replace(slot(e), value)).flatten() {
        // SAFETY: the slot owned this reference; it has just been removed from it.
        unsafe { decref(old) };
    }
}

/// `PyException_SetContext`: `__context__` becomes `context` (borrowed; None clears it).
pub fn set_context(o: Obj, context: Option<Obj>) {
    replace_link(o, context, |e| &mut e.context);
}

/// `PyException_SetCause`: `__cause__` becomes `cause` (borrowed; None clears it) and
/// `__suppress_context__` becomes true, as `raise … from …` does.
pub fn set_cause(o: Obj, cause: Option<Obj>) {
    replace_link(o, cause, |e| &mut e.cause);
    set_suppress_context(o, true);
}

/// A copy of the traceback frames, innermost first (empty for a non-exception).
pub fn frames(o: Obj) -> Vec<Frame> {
    with_exc(o, |e| e.frames.clone()).unwrap_or_default()
}

/// The number of traceback frames.
pub fn frame_count(o: Obj) -> usize {
    with_exc(o, |e| e.frames.len()).unwrap_or(0)
}

/// Appends a frame (the exception leaving one more function, outward); ignored beyond
/// `TRACEBACK_LIMIT` frames (CPython prints the innermost ones) or when memory runs out.
pub fn push_frame(o: Obj, frame: Frame) {
    with_exc(o, |e| push_frame_limited(&mut e.frames, frame));
}

/// Replaces the traceback frames (innermost first).
pub fn set_frames(o: Obj, frames: Vec<Frame>) {
    with_exc(o, |e| e.frames = frames);
}

/// How deeply `str()`/`repr()` of exceptions (and the repr and comparisons of tuples, through
/// [`nested`]) are nested right now: process-wide in programs,
/// per thread in the unit tests (which run in parallel threads).
#[cfg(not(test))]
mod nesting {
    use crate::sys::Global;

    static DEPTH: Global<usize> = Global::new(0);

    /// Runs `f` on the depth.
    pub fn with<R>(f: impl FnOnce(&mut usize) -> R) -> R {
        DEPTH.with(f)
    }
}

#[cfg(test)]
mod nesting {
    std::thread_local! {
        static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// Runs `f` on this thread's depth.
    pub fn with<R>(f: impl FnOnce(&mut usize) -> R) -> R {
        DEPTH.with(|d| {
            let mut v = d.get();
            let r = f(&mut v);
            d.set(v);
            r
        })
    }
}

/// Runs `f` one nesting level deeper (CPython's `_Py_EnterRecursiveCall(what)` around
/// `PyObject_Str`/`PyObject_Repr`/`PyObject_RichCompare`): RecursionError past
/// the recursion limit (`molt_recursion_limit`). Shared with `tuple` (one counter, as CPython's).
pub(crate) fn nested<R>(what: &str, f: impl FnOnce() -> MoltResult<R>) -> MoltResult<R> {
    let limit = usize::try_from(crate::exceptions::recursion_limit()).unwrap_or(usize::MAX);
    let entered = nesting::with(|n| {
        if *n >= limit {
            false
        } else {
            *n += 1;
            true
        }
    });
    if !entered {
        return fail(
            ExceptionKind::RecursionError,
            format!("{RECURSION_MSG}{what}"),
        );
    }
    let r = f();
    nesting::with(|n| *n = n.saturating_sub(1));
    r
}

pub(crate) fn str_nested(o: Obj) -> MoltResult<String> {
    nested(" while getting the str of an object", || dispatch::str_of(o))
}

fn repr_nested(o: Obj) -> MoltResult<String> {
    nested(" while getting the repr of an object", || dispatch::repr_of(o))
}

/// `BaseException_str`: `''` without arguments, `str(arg)` for one, else `str(args)`.
pub fn str_text(o: Obj) -> MoltResult<String> {
    match args(o) {
        [] => Ok(String::new()),
        [a] => str_nested(*a),
        _ => with_exc(o, |e| e.args).map_or(Ok(String::new()), str_nested),
    }
}

fn exception_str(o: Obj) -> MoltResult<String> {
    str_text(o)
}

/// `KeyError_str`: `repr(arg)` for one argument (`KeyError: 'k'`), else as BaseException.
pub fn key_error_text(o: Obj) -> MoltResult<String> {
    match args(o) {
        [a] => repr_nested(*a),
        _ => str_text(o),
    }
}

fn key_error_str(o: Obj) -> MoltResult<String> {
    key_error_text(o)
}

/// `BaseException_repr`: `ValueError('msg')`, `ValueError()`, `ValueError('a', 2)`.
pub fn repr_text(o: Obj) -> MoltResult<String> {
    let name = o.type_of().name;
    match args(o) {
        [a] => Ok(format!("{name}({})", repr_nested(*a)?)),
        _ => match with_exc(o, |e| e.args) {
            Some(t) if super::tuple::tuple_len(t).is_some_and(|n| n > 0) => Ok(format!("{name}{}", repr_nested(t)?)),
            _ => Ok(format!("{name}()")),
        },
    }
}

fn exception_repr(o: Obj) -> MoltResult<String> {
    repr_text(o)
}

/// The references an exception owns that `free` releases (its class excepted), taken out of it.
fn children(e: &mut ExceptionObject) -> [Option<Obj>; 19] {
    let args = core::mem::take(&mut e.args);
    let [a, b, c] = e.unicode.take().map_or([None; 3], |m| m.refs());
    let [d, f, g, h] = e.os.take().map_or([None; 4], |m| m.refs());
    let [i, j, k, l, m, n, p, q] = e.syntax.take().map_or([None; 8], |m| m.refs());
    [Some(args), e.context.take(), e.cause.take(), e.dict.take(), a, b, c, d, f, g, h, i, j, k, l, m, n, p, q]
}

/// Frees an exception object, then every exception whose last reference it held, and so on,
/// through a worklist (no recursion; see the module doc).
///
/// # Safety
/// `h` is a heap exception object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    let mut next = h.cast::<ExceptionObject>();
    while !next.is_null() {
        let p = next;
        // SAFETY: `p` is a dead exception object (the caller's, or one queued below with a
        // count of zero); its fields are initialised and nothing else refers to it.
        let (owned, frames, suggest, class) = unsafe {
            next = (*p).next_dead;
            let class = (*p).heap_class.then(|| Obj::from_static((*p).header.ty));
            (children(&mut *p), core::mem::take(&mut (*p).frames), (*p).suggest.take(), class)
        };
        // SAFETY: the block came from `alloc_raw` with this layout; its owned fields were
        // moved out above.
        unsafe { free_raw(p.cast(), Layout::new::<ExceptionObject>(), HeapKind::Exception) };
        drop(frames);
        drop(suggest);
        for child in owned.into_iter().flatten().chain(class) {
            if let Some(c) = exc_ptr(child)
                && child.refcount() == Some(1)
            {
                // The last reference: queue it instead of freeing it from here.
                // SAFETY: `c` is a live exception object whose only reference was ours.
                unsafe {
                    (*c).header.rc.store(0, core::sync::atomic::Ordering::Relaxed);
                    (*c).next_dead = next;
                }
                next = c;
            } else {
                // SAFETY: the exception owned this reference.
                unsafe { decref(child) };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::alloc::stats;
    use crate::traceback::TRACEBACK_LIMIT;
    use crate::object::{dispatch, float, int, singletons, str};
    use crate::{CompareOp, ExceptionKind as K};
    use std::string::ToString;
    use std::vec;

    fn live() -> i64 {
        stats(HeapKind::Exception).live
    }

    /// Class names and the whole hierarchy against python3's `issubclass`.
    #[test]
    fn hierarchy_matches_cpython() {
        assert_eq!(exception_type(K::Warning).name, "<exception class not enabled>");
        molt_enable_exception_classes();
        let names: Vec<&str> = K::ALL.iter().map(|k| k.name()).collect();
        let script = "import sys\nnames = sys.stdin.read().split()\nfor a in names:\n    print(''.join('1' if issubclass(eval(a), eval(b)) else '0' for b in names))\n";
        let expected = crate::testutil::python(script, &names.join(" "));
        let mut ours = String::new();
        for &a in K::ALL {
            assert_eq!(exception_type(a).name, a.name());
            for &b in K::ALL {
                ours.push(if is_subtype(exception_type(a), exception_type(b)) { '1' } else { '0' });
            }
            ours.push('\n');
        }
        assert_eq!(ours, expected);
        for &k in K::ALL {
            let t = exception_type(k);
            assert!(is_subtype(t, &BASE_EXCEPTION));
            assert_eq!(t.heap, Some(HeapKind::Exception));
            assert!(type_for_code(k.code()).is(t));
        }
        assert!(type_for_code(0).is(&SYSTEM_ERROR));
    }

    #[test]
    fn str_repr_truth_identity() {
        let before = live();
        let s = str::str_from_text("msg").unwrap();
        let v = new_exception(K::ValueError.code(), Some(s)).unwrap();
        let k = new_exception(K::KeyError.code(), Some(s)).unwrap();
        let bare = new_exception(K::KeyError.code(), None).unwrap();
        let f = float::box_float(2.5).unwrap();
        let o = new_exception(K::OverflowError.code(), Some(f)).unwrap();
        let n = new_exception(K::TypeError.code(), Some(singletons::none())).unwrap();
        let nested = new_exception(K::RuntimeError.code(), Some(v)).unwrap();
        let unknown = new_exception(77, Some(s)).unwrap();
        let show = |o: Obj| (dispatch::str_of(o).unwrap(), dispatch::repr_of(o).unwrap());
        // python3: str/repr of ValueError('msg'), KeyError('msg'), KeyError(),
        // OverflowError(2.5), TypeError(None), RuntimeError(ValueError('msg')).
        assert_eq!(show(v), ("msg".to_string(), "ValueError('msg')".to_string()));
        assert_eq!(show(k), ("'msg'".to_string(), "KeyError('msg')".to_string()));
        assert_eq!(show(bare), (String::new(), "KeyError()".to_string()));
        assert_eq!(show(o), ("2.5".to_string(), "OverflowError(2.5)".to_string()));
        assert_eq!(show(n), ("None".to_string(), "TypeError(None)".to_string()));
        assert_eq!(
            show(nested),
            ("msg".to_string(), "RuntimeError(ValueError('msg'))".to_string())
        );
        assert_eq!(unknown.type_of().name, "SystemError");
        assert_eq!(kind_of(unknown), Some(77));
        assert!(dispatch::truth(bare).unwrap());
        let eq = |a, b| dispatch::rich_compare(CompareOp::Eq, a, b).unwrap();
        assert!(eq(v, v).is(singletons::bool_obj(true)));
        assert!(eq(v, k).is(singletons::bool_obj(false)));
        assert!(dispatch::hash(v).is_ok());
        assert!(!is_exception(s) && !is_exception(Obj::small(3).unwrap()));
        assert_eq!(kind_of(s), None);
        assert_eq!(arg(v), Some(s));
        assert_eq!(s.refcount(), Some(4)); // ours, v's, k's and unknown's
        assert_eq!(live(), before + 7);
        unsafe {
            for x in [v, k, bare, o, n, nested, unknown, s, f] {
                decref(x);
            }
        }
        assert_eq!(live(), before);
    }

    #[test]
    fn matches_walks_the_hierarchy() {
        let z = new_exception(K::ZeroDivisionError.code(), None).unwrap();
        for (k, m) in [
            (K::ZeroDivisionError, true),
            (K::ArithmeticError, true),
            (K::Exception, true),
            (K::BaseException, true),
            (K::OverflowError, false),
            (K::LookupError, false),
            (K::SystemExit, false),
        ] {
            assert_eq!(matches(z, k.code()), m, "{k:?}");
        }
        assert!(!matches(z, 0));
        assert!(!matches(Obj::small(1).unwrap(), K::BaseException.code()));
        let u = new_exception(99, None).unwrap();
        assert!(matches(u, K::Exception.code()) && !matches(u, K::ValueError.code()));
        unsafe {
            decref(z);
            decref(u);
        }
    }

    #[test]
    fn links_and_frames() {
        let before = live();
        let a = new_exception(K::ValueError.code(), None).unwrap();
        let b = new_exception(K::TypeError.code(), None).unwrap();
        set_context(b, Some(a));
        assert_eq!(context(b), Some(a));
        assert_eq!(a.refcount(), Some(2));
        set_context(b, Some(a)); // same object again: the count is unchanged
        assert_eq!(a.refcount(), Some(2));
        set_context(b, Some(Obj::small(5).unwrap())); // not an exception: cleared
        assert_eq!((context(b), a.refcount()), (None, Some(1)));
        set_cause(b, Some(a));
        assert!(suppress_context(b) && cause(b) == Some(a));
        set_cause(b, None);
        assert_eq!((cause(b), a.refcount()), (None, Some(1)));
        let fr = |line| Frame {
            file: "f.py".into(),
            func: "g".into(),
            line,
            text: String::new(),
            carets: String::new(),
        };
        for i in 0..(TRACEBACK_LIMIT as i64 + 3) {
            push_frame(a, fr(i));
        }
        assert_eq!(frame_count(a), TRACEBACK_LIMIT);
        assert_eq!(frames(a)[0].line, 0);
        set_frames(a, vec![fr(7)]);
        assert_eq!(frames(a), vec![fr(7)]);
        push_frame(Obj::small(1).unwrap(), fr(1)); // ignored
        unsafe {
            decref(a);
            decref(b);
        }
        assert_eq!(live(), before);
    }

    /// Long chains of contexts and of nested arguments are freed without recursion, and
    /// `str()` of a deeply nested exception is a RecursionError, not a stack overflow.
    #[test]
    fn deep_chains() {
        let before = live();
        let ints_before = stats(HeapKind::Int).live;
        // 200_000 contexts in a chain, each exception also holding a big int.
        let big = int::from_i128(1 << 100).unwrap();
        let mut last = new_exception(K::ValueError.code(), Some(big)).unwrap();
        unsafe { decref(big) };
        for _ in 0..200_000 {
            let e = new_exception(K::TypeError.code(), None).unwrap();
            set_context(e, Some(last));
            unsafe { decref(last) };
            last = e;
        }
        // Nested arguments.
        let mut nested = new_exception(K::KeyError.code(), None).unwrap();
        for _ in 0..200_000 {
            let e = new_exception(K::ValueError.code(), Some(nested)).unwrap();
            unsafe { decref(nested) };
            nested = e;
        }
        let err = dispatch::str_of(nested).unwrap_err();
        assert_eq!(err.kind, K::RecursionError);
        assert_eq!(
            err.message,
            "maximum recursion depth exceeded while getting the str of an object"
        );
        assert_eq!(
            dispatch::repr_of(nested).unwrap_err().message,
            "maximum recursion depth exceeded while getting the repr of an object"
        );
        assert_eq!(live(), before + 400_002);
        unsafe {
            decref(last);
            decref(nested);
        }
        assert_eq!(live(), before);
        assert_eq!(stats(HeapKind::Int).live, ints_before);
    }
}
