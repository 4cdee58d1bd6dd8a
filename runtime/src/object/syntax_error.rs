//! SyntaxError, IndentationError and TabError: the members (`msg`, `filename`, `lineno`,
//! `offset`, `text`, `end_lineno`, `end_offset`, `print_file_and_line`), `__init__`, `str()`
//! and what an uncaught one prints above its message.
//!
//! Relies on: `exception` for the objects (the members live in them, `with_syntax`) and the
//! classes; the reference is CPython 3.11's `Objects/exceptions.c` (`SyntaxError_init`,
//! `SyntaxError_str`, `my_basename`, `SyntaxError_members`) and `Python/pythonrun.c`
//! (`parse_syntax_error`, `print_exception_file_and_line`, `print_error_text`).
//!
//! Provides what `exception_members`' hooks call. A program that names none of these classes
//! links none of this; Molt reports the program's own syntax errors at compile time, so these
//! objects are only the ones programs make.
//!
//! Invariants: the members are owned references (None for CPython's NULL), kept apart from
//! `args` as CPython keeps them.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;

use super::exception as exc;
use super::exception_members::SyntaxMembers;
use super::types::{TypeObject, is_subtype};
use super::{Obj, decref, dispatch, int, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind;
use crate::exceptions::{MoltResult, fail};

const NAMES: [&str; 8] = ["msg", "filename", "lineno", "offset", "text", "end_lineno", "end_offset", "print_file_and_line"];

const UNSET: SyntaxMembers =
    SyntaxMembers { msg: None, filename: None, lineno: None, offset: None, text: None, end_lineno: None, end_offset: None, print_file_and_line: None };

/// Whether class `c` defines member `name` (SyntaxError itself defines them).
pub(crate) fn defines(c: &'static TypeObject, name: &str) -> bool {
    c.is(&exc::SYNTAX_ERROR) && NAMES.contains(&name)
}

fn is_syntax(o: Obj) -> bool {
    exc::is_exception(o) && is_subtype(o.type_of(), &exc::SYNTAX_ERROR)
}

fn snapshot(o: Obj) -> [Option<Obj>; 8] {
    exc::with_syntax(o, |m| m.as_ref().map(|m| m.refs())).flatten().unwrap_or([None; 8])
}

/// `SyntaxError_init` after `BaseException.__init__`: `msg` from the first argument; with
/// exactly two, the second is (filename, lineno, offset, text[, end_lineno, end_offset]).
pub(crate) fn init(o: Obj, args: &[Obj]) -> MoltResult<()> {
    if !is_syntax(o) {
        return Ok(());
    }
    let mut m = match exc::with_syntax(o, |slot| slot.take()).flatten() {
        Some(b) => *b,
        None => UNSET,
    };
    let result = fill(&mut m, args);
    exc::with_syntax(o, |slot| *slot = Some(Box::new(m)));
    result
}

fn fill(m: &mut SyntaxMembers, args: &[Obj]) -> MoltResult<()> {
    let set = |field: &mut Option<Obj>, v: Option<Obj>| {
        if let Some(old) = core::mem::replace(field, v.map(new_ref)) {
            // SAFETY: the member owned it.
            unsafe { decref(old) };
        }
    };
    if let Some(&first) = args.first() {
        set(&mut m.msg, Some(first));
    }
    if let [_, info] = args {
        let info = super::range::Owned(tuple::tuple_from_iter(*info)?);
        let items = tuple::tuple_items(info.get()).unwrap_or(&[]);
        set(&mut m.end_lineno, None);
        set(&mut m.end_offset, None);
        if items.len() < 4 {
            return fail(ExceptionKind::TypeError, format!("function takes at least 4 arguments ({} given)", items.len()));
        }
        if items.len() > 6 {
            return fail(ExceptionKind::TypeError, format!("function takes at most 6 arguments ({} given)", items.len()));
        }
        set(&mut m.filename, Some(items[0]));
        set(&mut m.lineno, Some(items[1]));
        set(&mut m.offset, Some(items[2]));
        set(&mut m.text, Some(items[3]));
        set(&mut m.end_lineno, items.get(4).copied());
        set(&mut m.end_offset, items.get(5).copied());
        if m.end_lineno.is_some() && m.end_offset.is_none() {
            return fail(ExceptionKind::TypeError, "end_offset must be provided when end_lineno is provided");
        }
    }
    Ok(())
}

fn index_of(name: &str) -> usize {
    NAMES.iter().position(|n| *n == name).unwrap_or(0)
}

pub(crate) fn member(o: Obj, name: &str) -> MoltResult<Obj> {
    let v = snapshot(o)[index_of(name)];
    Ok(new_ref(v.unwrap_or_else(singletons::none)))
}

pub(crate) fn set_member(o: Obj, name: &str, value: Option<Obj>) -> MoltResult<()> {
    let i = index_of(name);
    let new = value.map(new_ref);
    let old = exc::with_syntax(o, |slot| {
        let m = slot.get_or_insert_with(|| Box::new(UNSET));
        let fields = [&mut m.msg, &mut m.filename, &mut m.lineno, &mut m.offset, &mut m.text, &mut m.end_lineno, &mut m.end_offset, &mut m.print_file_and_line];
        fields.into_iter().nth(i).and_then(|f| core::mem::replace(f, new))
    })
    .flatten();
    super::exception_members::release_member(old);
    Ok(())
}

/// `%S` of a member (None for NULL).
fn str_or_none(o: Option<Obj>) -> MoltResult<String> {
    dispatch::str_of(o.unwrap_or_else(singletons::none))
}

/// An exact int's value (`PyLong_CheckExact`; a bool is not one), -1 when it overflows
/// (`PyLong_AsLongAndOverflow`'s result as CPython prints it).
fn exact_int(o: Option<Obj>) -> Option<i64> {
    let o = o?;
    if !int::is_int(o) || singletons::is_bool(o) {
        return None;
    }
    Some(int::int_ref(o).and_then(int::IntRef::to_i64).unwrap_or(-1))
}

/// `SyntaxError_str`: "msg (file.py, line 3)", "msg (file.py)", "msg (line 3)" or `str(msg)`.
pub(crate) fn syntax_error_str(o: Obj) -> MoltResult<String> {
    let [msg, filename, lineno, ..] = snapshot(o);
    // `my_basename`: what follows the last '/'.
    let base = filename.and_then(pystr::str_text).map(|f| f.rsplit('/').next().unwrap_or(f)).map(String::from);
    let line = exact_int(lineno);
    let msg = str_or_none(msg)?;
    Ok(match (base, line) {
        (None, None) => msg,
        (Some(f), Some(n)) => format!("{msg} ({f}, line {n})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(n)) => format!("{msg} (line {n})"),
    })
}

/// `PyLong_AsSsize_t` of a member read by `parse_syntax_error`: None when it is no int (the
/// parse fails and the exception prints as any other).
fn ssize(o: Option<Obj>) -> Option<i64> {
    let o = o?;
    int::int_ref(o).and_then(int::IntRef::to_i64)
}

/// `parse_syntax_error` + `print_exception_file_and_line` + `print_error_text`: the lines an
/// uncaught SyntaxError prints above its message, and the message (`str(msg)`, empty for
/// None); None when `lineno` (or an `offset` other than None) is no int.
pub(crate) fn location(o: Obj) -> Option<(String, String)> {
    if !is_syntax(o) {
        return None;
    }
    let [msg, filename, lineno, offset, text, end_lineno, end_offset, _] = snapshot(o);
    let message = match msg.filter(|&m| !singletons::is_none(m)) {
        Some(m) => dispatch::str_of(m).ok()?,
        None => String::new(),
    };
    let filename = match filename.filter(|&f| !singletons::is_none(f)) {
        Some(f) => dispatch::str_of(f).ok()?,
        None => String::from("<string>"),
    };
    let lineno = ssize(lineno)?;
    let offset = match offset.filter(|&f| !singletons::is_none(f)) {
        Some(v) => ssize(Some(v))?,
        None => -1,
    };
    let exact = o.type_of().is(&exc::SYNTAX_ERROR);
    let none_or = |v: Option<Obj>, default: i64| match v.filter(|&x| !singletons::is_none(x)) {
        Some(x) => ssize(Some(x)),
        None => Some(default),
    };
    let (end_lineno, mut end_offset) = if exact { (none_or(end_lineno, lineno)?, none_or(end_offset, -1)?) } else { (lineno, -1) };
    let mut out = format!("  File \"{filename}\", line {lineno}\n");
    if let Some(text) = text.filter(|&t| !singletons::is_none(t)) {
        let text = dispatch::str_of(text).ok()?;
        let size = i64::try_from(text.len()).unwrap_or(i64::MAX);
        if end_lineno > lineno {
            end_offset = size;
        }
        if end_offset > size + 1 {
            end_offset = size + 1;
        }
        error_text(&mut out, offset, end_offset, text.as_bytes());
    }
    Some((out, message))
}

/// `print_error_text`, on the UTF-8 bytes of the line as CPython works on them.
fn error_text(out: &mut String, offset: i64, end_offset: i64, text: &[u8]) {
    let carets = if end_offset > 0 && end_offset > offset { end_offset - offset } else { 1 };
    let mut offset = offset - 1;
    let mut text = text;
    while let [b' ' | b'\t' | 0x0c, rest @ ..] = text {
        text = rest;
        offset -= 1;
    }
    // Up to a NUL, as C's strlen.
    let text = &text[..text.iter().position(|&b| b == 0).unwrap_or(text.len())];
    let mut len = text.len() as i64;
    if text.last() == Some(&b'\n') {
        len -= 1;
    }
    if offset > len {
        offset = len;
    }
    let mut text = text;
    while let Some(nl) = text.iter().position(|&b| b == b'\n') {
        let inl = nl as i64;
        if inl >= offset {
            break;
        }
        text = &text[nl + 1..];
        len -= inl + 1;
        offset -= inl + 1;
    }
    out.push_str("    ");
    out.push_str(&String::from_utf8_lossy(text));
    if usize::try_from(len).ok().and_then(|l| text.get(l)) != Some(&b'\n') {
        out.push('\n');
    }
    if offset < 0 {
        return;
    }
    out.push_str("    ");
    for _ in 0..offset {
        out.push(' ');
    }
    for _ in 0..carets {
        out.push('^');
    }
    out.push('\n');
}
