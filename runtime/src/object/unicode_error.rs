//! UnicodeDecodeError and UnicodeEncodeError: their members, `__init__`, `__str__` and the
//! errors the codecs raise.
//!
//! Relies on: `exception` for the exception objects (the members live in them, `with_unicode`)
//! and the classes; `bytes`' hooks to recognise a bytes object. The reference is CPython 3.11's
//! `Objects/exceptions.c` (`UnicodeDecodeError_init`/`_str`, `UnicodeEncodeError_init`/`_str`,
//! `UnicodeError_members`, `PyUnicodeDecodeError_Create`).
//!
//! Provides: [`new_unicode_error`] (what a codec raises) and [`enable`], which gives
//! `exception` the rest through its Unicode hooks (`molt_enable_bytes` calls it): a program
//! that has no bytes object and names neither class links none of this.
//!
//! Invariants: the members are owned references (None for CPython's NULL, after `del
//! e.reason`), kept apart from `args` as CPython keeps them (`e.args = …` leaves them, `e.start
//! = …` leaves `args`); the runtime never raises these two kinds by a message (their `str()`
//! comes from the members).

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;

use super::exception::{self as exc, UnicodeErrorHooks, UnicodeMembers};
use super::{Obj, decref, new_ref};
use crate::ExceptionKind;
use crate::exceptions::{MoltError, MoltResult, fail};

static HOOKS: UnicodeErrorHooks = UnicodeErrorHooks {
    init: init_unicode,
    decode_str: unicode_decode_str,
    encode_str: unicode_encode_str,
    member: unicode_member,
    set_member: set_unicode_member,
};

/// Gives `exception` the members' machinery (from `molt_enable_bytes`).
pub fn enable() {
    exc::set_unicode_hooks(&HOOKS);
}

/// Whether `o` is a bytes object (through `bytes`' hooks: a program without bytes objects
/// links nothing of them).
fn is_bytes(o: Obj) -> bool {
    super::bytes::hooks().is_some_and(|h| o.type_of().is(h.class))
}

/// `_PyArg_BadArgument`'s name of a type ("None" for None).
fn arg_type_name(o: Obj) -> &'static str {
    if super::singletons::is_none(o) { "None" } else { o.type_of().name }
}

/// A new `UnicodeDecodeError(encoding, object, start, end, reason)` (`decode`; else a
/// `UnicodeEncodeError`), as a codec raises it (CPython's `PyUnicodeDecodeError_Create`):
/// `object` (borrowed) must be the bytes (the str) the codec was given.
pub fn new_unicode_error(decode: bool, encoding: &str, object: Obj, start: usize, end: usize, reason: &str) -> MoltResult<Obj> {
    let t = if decode { &exc::UNICODE_DECODE_ERROR } else { &exc::UNICODE_ENCODE_ERROR };
    let kind = if decode { ExceptionKind::UnicodeDecodeError } else { ExceptionKind::UnicodeEncodeError };
    let int = |n: usize| super::int::from_i64(i64::try_from(n).unwrap_or(i64::MAX));
    let parts = [super::str::str_from_text(encoding), Ok(new_ref(object)), int(start), int(end), super::str::str_from_text(reason)];
    let args = super::tuple::tuple_from_results(parts)?;
    let members = match super::tuple::tuple_items(args) {
        Some(&[encoding, object, _, _, reason]) => UnicodeMembers {
            encoding: Some(new_ref(encoding)),
            object: Some(new_ref(object)),
            start: i64::try_from(start).unwrap_or(i64::MAX),
            end: i64::try_from(end).unwrap_or(i64::MAX),
            reason: Some(new_ref(reason)),
        },
        _ => panic!("invariant broken: a Unicode error's args tuple has five items"),
    };
    let made = exc::alloc_exception(t, kind.code(), args);
    match made {
        Ok(o) => {
            if exc::with_unicode(o, |u| *u = Some(Box::new(members))).is_none() {
                panic!("invariant broken: a new Unicode error has a Unicode member slot");
            }
        }
        Err(_) => release_members(&members),
    }
    made
}


/// `UnicodeDecodeError_init` / `UnicodeEncodeError_init` (after `BaseException_init`): the
/// members parsed from `args` as `PyArg_ParseTuple(args, "UOnnU")` (`"UUnnU"` for encoding)
/// does, then a decode error's object must be bytes. Nothing for other exceptions.
fn init_unicode(o: Obj, args: &[Obj]) -> MoltResult<()> {
    let Some(decode) = exc::unicode_kind(o) else {
        return Ok(());
    };
    if let Some(old) = exc::with_unicode(o, Option::take).flatten() {
        release_members(&old);
    }
    let [encoding, object, start, end, reason] = match args {
        [a, b, c, d, e] => [*a, *b, *c, *d, *e],
        _ => return fail(ExceptionKind::TypeError, format!("function takes exactly 5 arguments ({} given)", args.len())),
    };
    let must_be_str = |i: usize, v: Obj| -> MoltResult<()> {
        if super::str::str_text(v).is_some() {
            Ok(())
        } else {
            fail(ExceptionKind::TypeError, format!("argument {i} must be str, not {}", arg_type_name(v)))
        }
    };
    must_be_str(1, encoding)?;
    if !decode {
        must_be_str(2, object)?;
    }
    let start = super::call::ssize_arg(start)?;
    let end = super::call::ssize_arg(end)?;
    must_be_str(5, reason)?;
    if decode && !is_bytes(object) {
        return fail(ExceptionKind::TypeError, format!("a bytes-like object is required, not '{}'", object.type_of().name));
    }
    let m = UnicodeMembers { encoding: Some(new_ref(encoding)), object: Some(new_ref(object)), start, end, reason: Some(new_ref(reason)) };
    exc::with_unicode(o, |u| *u = Some(Box::new(m)));
    Ok(())
}

/// Releases the references of members taken out of an exception.
fn release_members(m: &UnicodeMembers) {
    for o in m.refs().into_iter().flatten() {
        // SAFETY: the members owned these references; they were taken out of the exception.
        unsafe { decref(o) };
    }
}

/// `e.name` for a member of a UnicodeDecodeError / UnicodeEncodeError (a `PyMemberDef` read:
/// None for an unset object member, `start` and `end` 0 before `__init__`).
pub fn unicode_member(o: Obj, name: &str) -> MoltResult<Obj> {
    let v = exc::with_unicode(o, |u| match u {
        None => match name {
            "start" | "end" => Err(0),
            _ => Ok(None),
        },
        Some(m) => match name {
            "encoding" => Ok(m.encoding),
            "object" => Ok(m.object),
            "reason" => Ok(m.reason),
            "start" => Err(m.start),
            _ => Err(m.end),
        },
    });
    match v {
        Some(Ok(o)) => Ok(new_ref(o.unwrap_or_else(super::singletons::none))),
        Some(Err(n)) => super::int::from_i64(n),
        None => Ok(super::singletons::none()),
    }
}

/// `e.name = value` / `del e.name` (`value` None) for a member of a UnicodeDecodeError /
/// UnicodeEncodeError (`PyMember_SetOne`): an object member takes any value (deleting it unsets
/// it); `start` and `end` take an int (TypeError "an integer is required", storing -1 first as
/// CPython does; OverflowError "Python int too large to convert to C ssize_t") and cannot be
/// deleted (TypeError "can't delete numeric/char attribute").
pub fn set_unicode_member(o: Obj, name: &str, value: Option<Obj>) -> MoltResult<()> {
    if !exc::is_exception(o) {
        return Ok(());
    }
    let numeric = match (name, value) {
        ("start" | "end", None) => return fail(ExceptionKind::TypeError, "can't delete numeric/char attribute"),
        ("start" | "end", Some(v)) => Some(match super::int::int_ref(v) {
            None => Err(MoltError::new(ExceptionKind::TypeError, "an integer is required")),
            Some(i) => i.to_i64().ok_or_else(|| MoltError::new(ExceptionKind::OverflowError, "Python int too large to convert to C ssize_t")),
        }),
        _ => None,
    };
    let old = exc::with_unicode(o, |u| {
        let m = u.get_or_insert_with(|| Box::new(UnicodeMembers { encoding: None, object: None, start: 0, end: 0, reason: None }));
        let slot = match name {
            "encoding" => &mut m.encoding,
            "object" => &mut m.object,
            "reason" => &mut m.reason,
            _ => {
                let v = numeric.as_ref().and_then(|r| r.as_ref().ok().copied()).unwrap_or(-1);
                *(if name == "start" { &mut m.start } else { &mut m.end }) = v;
                return None;
            }
        };
        core::mem::replace(slot, value.map(new_ref))
    })
    .flatten();
    if let Some(old) = old {
        // SAFETY: the member owned it; it has been replaced.
        unsafe { decref(old) };
    }
    match numeric {
        Some(Err(e)) => Err(e),
        Some(Ok(_)) | None => Ok(()),
    }
}


/// The text of a member for `UnicodeDecodeError_str`: `str()` of it, `<NULL>` when unset (as
/// `PyObject_Str(NULL)`).
fn member_text(v: Option<Obj>) -> MoltResult<String> {
    match v {
        Some(v) => exc::str_nested(v),
        None => Ok(String::from("<NULL>")),
    }
}

/// What `UnicodeDecodeError_str` / `UnicodeEncodeError_str` read: the members' texts, the
/// object (a reference of its own) and the positions.
struct UnicodeParts {
    encoding: String,
    object: super::range::Owned,
    start: i64,
    end: i64,
    reason: String,
}

/// The members of `o` for its `str()`; None when the object member is unset (not initialised:
/// `str()` is empty).
fn unicode_parts(o: Obj) -> MoltResult<Option<UnicodeParts>> {
    let Some(Some((enc, Some(object), start, end, reason))) = exc::with_unicode(o, |u| u.as_ref().map(|m| (m.encoding, m.object, m.start, m.end, m.reason))) else {
        return Ok(None);
    };
    // Own references: `str()` of a member may run code that replaces the members.
    let object = super::range::Owned(new_ref(object));
    let [enc, reason] = [enc, reason].map(|m| m.map(|o| super::range::Owned(new_ref(o))));
    let reason = member_text(reason.as_ref().map(super::range::Owned::get))?;
    let encoding = member_text(enc.as_ref().map(super::range::Owned::get))?;
    Ok(Some(UnicodeParts { encoding, object, start, end, reason }))
}

/// `UnicodeDecodeError_str`: "'utf-8' codec can't decode byte 0xff in position 0: invalid start
/// byte" when the error covers one byte of the object, else "... can't decode bytes in position
/// 0-1: ..."; empty when not initialised. (A start outside the object — CPython reads out of
/// bounds there — takes the second form.)
fn unicode_decode_str(o: Obj) -> MoltResult<String> {
    let Some(UnicodeParts { encoding: enc, object, start, end, reason }) = unicode_parts(o)? else {
        return Ok(String::new());
    };
    let len = if is_bytes(object.get()) { super::dispatch::len_of_usize(object.get())? } else { 0 };
    let byte = match usize::try_from(start) {
        Ok(s) if s < len && end == start.wrapping_add(1) => {
            let i = super::range::Owned(super::int::from_i64(start)?);
            let b = super::range::Owned(super::dispatch::getitem(object.get(), i.get())?);
            b.get().small_value()
        }
        Ok(_) | Err(_) => None,
    };
    Ok(match byte {
        Some(b) => format!("'{enc}' codec can't decode byte 0x{b:02x} in position {start}: {reason}"),
        None => format!("'{enc}' codec can't decode bytes in position {start}-{}: {reason}", end.wrapping_sub(1)),
    })
}

/// `UnicodeEncodeError_str`: "'ascii' codec can't encode character '\xe9' in position 0:
/// ordinal not in range(128)" (`\xNN`, `\uNNNN` or `\UNNNNNNNN` by the code point) when the
/// error covers one character of the object, else "... can't encode characters in position
/// 0-1: ..."; empty when not initialised.
fn unicode_encode_str(o: Obj) -> MoltResult<String> {
    let Some(UnicodeParts { encoding: enc, object, start, end, reason }) = unicode_parts(o)? else {
        return Ok(String::new());
    };
    let ch = match (usize::try_from(start), super::str::str_text(object.get())) {
        (Ok(s), Some(text)) if end == start.wrapping_add(1) => text.chars().nth(s),
        _ => None,
    };
    Ok(match ch.map(u32::from) {
        Some(c) if c <= 0xff => format!("'{enc}' codec can't encode character '\\x{c:02x}' in position {start}: {reason}"),
        Some(c) if c <= 0xffff => format!("'{enc}' codec can't encode character '\\u{c:04x}' in position {start}: {reason}"),
        Some(c) => format!("'{enc}' codec can't encode character '\\U{c:08x}' in position {start}: {reason}"),
        None => format!("'{enc}' codec can't encode characters in position {start}-{}: {reason}", end.wrapping_sub(1)),
    })
}

