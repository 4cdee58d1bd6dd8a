//! OSError and its 15 subclasses: the classes, their members (`errno`, `strerror`,
//! `filename`, `filename2`, BlockingIOError's `characters_written`), `str()` and the choice
//! of a subclass by errno when `OSError(errno, strerror, …)` is called.
//!
//! Relies on: `exception` for the exception objects (the members live in them, `with_os`) and
//! for `BaseException`'s `str()`; the reference is CPython 3.11's `Objects/exceptions.c`
//! (`oserror_parse_args`, `oserror_init`, `OSError_new`, `OSError_str`, `OSError_members`,
//! `OSError_written_get`/`_set`, the errno map of `_PyExc_InitState`, with Linux's errno values,
//! which AArch64 shares).
//!
//! Provides: what `exception_members`' hooks call (the classes are statics of `exception`,
//! reached through `later_type`) and OSError's `str` slot: a program that names none of these
//! classes links none of this. The runtime itself never raises an OSError (Molt has no file or
//! process API yet); programs raise and catch them.
//!
//! Invariants: the members are owned references (None for CPython's NULL), kept apart from
//! `args` as CPython keeps them; `args` is cut to `(errno, strerror)` when a filename is given,
//! as `oserror_init` cuts it.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;

use super::exception as exc;
use super::exception_members::OsMembers;
use super::types::{TypeObject, is_subtype};
use super::{Obj, decref, dispatch, float, int, new_ref, singletons};
use crate::ExceptionKind;
use crate::exceptions::{MoltResult, fail};

/// `_PyExc_InitState`'s errno map (Linux values).
fn class_of_errno(errno: i64) -> Option<&'static TypeObject> {
    Some(match errno {
        // EAGAIN (= EWOULDBLOCK), EALREADY, EINPROGRESS
        11 | 114 | 115 => &exc::BLOCKING_IO_ERROR,
        // EPIPE, ESHUTDOWN
        32 | 108 => &exc::BROKEN_PIPE_ERROR,
        10 => &exc::CHILD_PROCESS_ERROR,
        103 => &exc::CONNECTION_ABORTED_ERROR,
        111 => &exc::CONNECTION_REFUSED_ERROR,
        104 => &exc::CONNECTION_RESET_ERROR,
        17 => &exc::FILE_EXISTS_ERROR,
        2 => &exc::FILE_NOT_FOUND_ERROR,
        21 => &exc::IS_A_DIRECTORY_ERROR,
        20 => &exc::NOT_A_DIRECTORY_ERROR,
        4 => &exc::INTERRUPTED_ERROR,
        // EACCES, EPERM
        13 | 1 => &exc::PERMISSION_ERROR,
        3 => &exc::PROCESS_LOOKUP_ERROR,
        110 => &exc::TIMEOUT_ERROR,
        _ => return None,
    })
}

/// Whether class `c` defines member `name` (OSError itself defines them).
pub(crate) fn defines(c: &'static TypeObject, name: &str) -> bool {
    c.is(&exc::OS_ERROR) && matches!(name, "errno" | "strerror" | "filename" | "filename2" | "characters_written")
}

pub(crate) fn is_os(o: Obj) -> bool {
    exc::is_exception(o) && is_subtype(o.type_of(), &exc::OS_ERROR)
}

/// `OSError_new`: `OSError(errno, strerror[, …])` with an int errno in the map makes that
/// subclass (only for OSError itself, not its subclasses). A class deriving from OSError that
/// defines `__init__` and not `__new__` gets its arguments in `__init__` only
/// (`oserror_use_init`).
pub(crate) fn new_type(t: &'static TypeObject, args: &[Obj]) -> (&'static TypeObject, bool) {
    if super::class::is_heap(t) {
        let use_init = is_subtype(t, &exc::OS_ERROR)
            && super::class::namespace_hit(t, "__init__").is_some()
            && super::class::namespace_hit(t, "__new__").is_none();
        return (t, use_init);
    }
    if !t.is(&exc::OS_ERROR) || !(2..=5).contains(&args.len()) {
        return (t, false);
    }
    (int::int_ref(args[0]).and_then(int::IntRef::to_i64).and_then(class_of_errno).unwrap_or(t), false)
}

/// `oserror_parse_args` + `oserror_init`: with 2 to 5 arguments, (errno, strerror, filename,
/// winerror, filename2); a filename other than None cuts `args` to the first two, except a
/// number given to BlockingIOError, which is `characters_written`.
pub(crate) fn init(o: Obj, args: &[Obj]) -> MoltResult<()> {
    if !is_os(o) {
        return Ok(());
    }
    let parsed = (2..=5).contains(&args.len());
    let arg = |i: usize| if parsed { args.get(i).copied() } else { None };
    let mut m = UNSET;
    if let Some(f) = arg(2).filter(|&f| !singletons::is_none(f)) {
        if o.type_of().is(&exc::BLOCKING_IO_ERROR) && is_number(f) {
            m.written = as_ssize(f)?;
        } else {
            m.filename = Some(new_ref(f));
            m.filename2 = arg(4).filter(|&f2| !singletons::is_none(f2)).map(new_ref);
            exc::set_args(o, &args[..2]).inspect_err(|_| release(&m))?;
        }
    }
    m.errno = arg(0).map(new_ref);
    m.strerror = arg(1).map(new_ref);
    let old = exc::with_os(o, |slot| slot.replace(Box::new(m))).flatten();
    if let Some(old) = old {
        release(&old);
    }
    Ok(())
}

fn release(m: &OsMembers) {
    for r in m.refs().into_iter().flatten() {
        // SAFETY: the members owned these references.
        unsafe { decref(r) };
    }
}

/// `PyNumber_Check`: an int, a float, or an object with `__index__`.
fn is_number(o: Obj) -> bool {
    int::is_int(o) || o.type_of().is(&float::molt_type_float) || o.type_of().index_slot().is_some()
}

/// `PyNumber_AsSsize_t(o, ValueError)`.
fn as_ssize(o: Obj) -> MoltResult<i64> {
    match dispatch::as_index(o, ExceptionKind::ValueError)? {
        Some(v) => Ok(v),
        None => fail(ExceptionKind::TypeError, format!("'{}' object cannot be interpreted as an integer", o.type_of().short_name())),
    }
}

/// The members of `o` (borrowed words, valid while `o` lives and is not changed) and
/// `characters_written`: all None and -1 when no argument set them.
fn snapshot(o: Obj) -> ([Option<Obj>; 4], i64) {
    exc::with_os(o, |m| m.as_ref().map(|m| (m.refs(), m.written))).flatten().unwrap_or(([None; 4], -1))
}

pub(crate) fn member(o: Obj, name: &str) -> MoltResult<Obj> {
    let ([errno, strerror, filename, filename2], written) = snapshot(o);
    let value = match name {
        "errno" => errno,
        "strerror" => strerror,
        "filename" => filename,
        "filename2" => filename2,
        _ => {
            if written == -1 {
                return fail(ExceptionKind::AttributeError, "characters_written");
            }
            return int::from_i64(written);
        }
    };
    Ok(new_ref(value.unwrap_or_else(singletons::none)))
}

const UNSET: OsMembers = OsMembers { errno: None, strerror: None, filename: None, filename2: None, written: -1 };

pub(crate) fn set_member(o: Obj, name: &str, value: Option<Obj>) -> MoltResult<()> {
    if name == "characters_written" {
        let (_, written) = snapshot(o);
        let n = match value {
            Some(v) => as_ssize(v)?,
            None if written == -1 => return fail(ExceptionKind::AttributeError, "characters_written"),
            None => -1,
        };
        exc::with_os(o, |slot| slot.get_or_insert_with(|| Box::new(UNSET)).written = n);
        return Ok(());
    }
    let new = value.map(new_ref);
    let old = exc::with_os(o, |slot| {
        let m = slot.get_or_insert_with(|| Box::new(UNSET));
        let field = match name {
            "errno" => &mut m.errno,
            "strerror" => &mut m.strerror,
            "filename" => &mut m.filename,
            // `defines` names only these five.
            _ => &mut m.filename2,
        };
        core::mem::replace(field, new)
    })
    .flatten();
    super::exception_members::release_member(old);
    Ok(())
}

/// `%S` of a member (None for NULL).
fn str_or_none(o: Option<Obj>) -> MoltResult<String> {
    dispatch::str_of(o.unwrap_or_else(singletons::none))
}

/// `OSError_str`: "[Errno 2] No such file or directory: 'f'" (" -> 'g'" with a second file
/// name), "[Errno 2] msg" without one, else `BaseException`'s.
pub(crate) fn os_error_str(o: Obj) -> MoltResult<String> {
    let ([errno, strerror, filename, filename2], _) = snapshot(o);
    if let Some(f) = filename {
        let head = format!("[Errno {}] {}: {}", str_or_none(errno)?, str_or_none(strerror)?, dispatch::repr_of(f)?);
        return match filename2 {
            Some(f2) => Ok(format!("{head} -> {}", dispatch::repr_of(f2)?)),
            None => Ok(head),
        };
    }
    if let (Some(e), Some(s)) = (errno, strerror) {
        return Ok(format!("[Errno {}] {}", dispatch::str_of(e)?, dispatch::str_of(s)?));
    }
    exc::str_text(o)
}
