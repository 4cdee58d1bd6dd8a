//! `io.StringIO`: CPython 3.11's `Modules/_io/stringio.c`, with the `IOBase` methods it
//! inherits (`iobase.c`: `writelines`, `readlines`, `flush`, `isatty`, `__enter__`, `__exit__`,
//! `__iter__`), for what programs do with one: write text into it (`write`, `writelines`,
//! `print(..., file=s)`), take it back (`getvalue`), or read a text by size, by line or by
//! iteration; `seek`/`tell`/`truncate`, `close`/`closed`, `with`.
//!
//! Relies on: `textio::size_arg` (the size arguments, as `TextIOWrapper`'s), `module_kinds`
//! (the free hook of kind `StringIo`, registered when `io` is imported).
//!
//! Provides: [`TYPE_STRINGIO`] and [`fill`] (the `io` module's names).
//!
//! Invariants: the buffer holds code points (`char`s, as CPython's UCS-4 buffer), so positions
//! and sizes count characters; `pos` may lie past the end (a seek there), and a write there pads
//! with "\0" first. Writes translate newlines as the `newline=` argument says
//! (`_io_StringIO___init___impl`): None turns "\r\n" and "\r" into "\n" (each write on its own,
//! CPython's decoder being final), "\r" and "\r\n" replace each "\n", "" and "\n" write as given;
//! reads split lines at "\n" (None and "\n"), at "\r", "\n" or "\r\n" (""), or at the newline
//! given. The error of an operation on a closed object is StringIO's own "I/O operation on
//! closed file" (no period) or, for the `IOBase` methods, IOBase's (with one), as in CPython.

use alloc::alloc::Layout;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_raw, free_raw};
use super::call::{check_positional, no_keywords_for};
use super::module::store_owned;
use super::range::Owned;
use super::types::{MethodDef, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, dispatch, int, singletons, str as pystr};
use crate::ExceptionKind::{OSError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};

/// How `newline=` reads and writes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Newlines {
    /// None: "\r\n" and "\r" written as "\n"; lines end at "\n".
    Translate,
    /// '': written as given; lines end at "\r", "\n" or "\r\n".
    Universal,
    /// '\n', '\r' or '\r\n': "\n" written as it; lines end only there.
    Only(&'static str),
}

struct StringIo {
    buf: Vec<char>,
    pos: usize,
    closed: bool,
    newlines: Newlines,
}

#[repr(C)]
struct StringIoObject {
    header: Header,
    state: *mut StringIo,
}

/// `_io.StringIO`.
pub static TYPE_STRINGIO: TypeObject = TypeObject {
    heap: Some(HeapKind::StringIo),
    iter: Some(sio_iter),
    iternext: Some(sio_next),
    methods: METHODS,
    attributes: Some(attributes),
    new: Some(sio_new),
    ..TypeObject::new("_io.StringIO", &TYPE_OBJECT)
};

const METHODS: &[MethodDef] = &[
    MethodDef { name: "getvalue", call: m_getvalue },
    MethodDef { name: "read", call: m_read },
    MethodDef { name: "readline", call: m_readline },
    MethodDef { name: "readlines", call: m_readlines },
    MethodDef { name: "write", call: m_write },
    MethodDef { name: "writelines", call: m_writelines },
    MethodDef { name: "seek", call: m_seek },
    MethodDef { name: "tell", call: m_tell },
    MethodDef { name: "truncate", call: m_truncate },
    MethodDef { name: "close", call: m_close },
    MethodDef { name: "flush", call: m_flush },
    MethodDef { name: "readable", call: m_readable },
    MethodDef { name: "writable", call: m_writable },
    MethodDef { name: "seekable", call: m_seekable },
    MethodDef { name: "isatty", call: m_isatty },
    MethodDef { name: "__enter__", call: m_enter },
    MethodDef { name: "__exit__", call: m_exit },
];

static KIND_HOOKS: super::module_kinds::KindHooks = super::module_kinds::KindHooks { free, traverse: |_, _, _| {}, clear: |_, _| {} };

/// Stores `io`'s names in its namespace `d` (and registers the objects' free hook).
pub fn fill(d: Obj) -> MoltResult<()> {
    super::module_kinds::register(HeapKind::StringIo, &KIND_HOOKS);
    store_owned(d, "StringIO", Ok(super::attrs::class_value(&TYPE_STRINGIO)))
}

/// # Safety
/// `h` is a StringIO object at count zero.
unsafe fn free(h: *mut Header, kind: HeapKind) {
    // SAFETY: forwarded contract: the state was made by `sio_new` and is released once.
    unsafe {
        drop(Box::from_raw((*h.cast::<StringIoObject>()).state));
        free_raw(h, Layout::new::<StringIoObject>(), kind);
    }
}

fn state<'a>(o: Obj) -> Option<&'a mut StringIo> {
    if o.type_of().heap != Some(HeapKind::StringIo) {
        return None;
    }
    // SAFETY: an object of kind `StringIo` is a `StringIoObject` whose state lives as long as it
    // does; the runtime is single-threaded and no caller keeps two of these borrows.
    o.header_ptr().map(|h| unsafe { &mut *(*h.cast::<StringIoObject>()).state })
}

/// StringIO's own check (`CHECK_CLOSED`).
fn open<'a>(o: Obj) -> MoltResult<&'a mut StringIo> {
    match state(o) {
        Some(s) if !s.closed => Ok(s),
        _ => fail(ValueError, "I/O operation on closed file"),
    }
}

/// IOBase's check (`_PyIOBase_check_closed`).
fn base_open<'a>(o: Obj) -> MoltResult<&'a mut StringIo> {
    match state(o) {
        Some(s) if !s.closed => Ok(s),
        _ => fail(ValueError, "I/O operation on closed file."),
    }
}

/// `StringIO(initial_value='', newline='\n')`.
fn sio_new(ty: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [value, newline] = super::call::unpack_args("StringIO", ["initial_value", "newline"], 0, 0, 2, pos, kw)?;
    let newlines = match newline {
        None => Newlines::Only("\n"),
        Some(n) if singletons::is_none(n) => Newlines::Translate,
        Some(n) => match pystr::str_text(n) {
            Some("") => Newlines::Universal,
            Some("\n") => Newlines::Only("\n"),
            Some("\r") => Newlines::Only("\r"),
            Some("\r\n") => Newlines::Only("\r\n"),
            Some(_) => return fail(ValueError, format!("illegal newline value: {}", dispatch::repr_of(n)?)),
            None => return fail(TypeError, format!("newline must be str or None, not {}", n.type_of().name)),
        },
    };
    let initial = match value {
        None => "",
        Some(v) if singletons::is_none(v) => "",
        Some(v) => match pystr::str_text(v) {
            Some(t) => t,
            None => return fail(TypeError, format!("initial_value must be str or None, not {}", v.type_of().name)),
        },
    };
    let mut s = StringIo { buf: Vec::new(), pos: 0, closed: false, newlines };
    write_text(&mut s, initial);
    s.pos = 0;
    let h = alloc_raw(Layout::new::<StringIoObject>(), ty)?;
    // SAFETY: a fresh block for a `StringIoObject` whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*h.cast::<StringIoObject>()).state).write(Box::into_raw(Box::new(s)));
        Ok(Obj::from_header(h))
    }
}

/// `write_str`: the text, its newlines translated, written at the position.
fn write_text(s: &mut StringIo, text: &str) {
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        match (c, s.newlines) {
            ('\r', Newlines::Translate) => {
                if it.peek() == Some(&'\n') {
                    it.next();
                }
                chars.push('\n');
            }
            ('\n', Newlines::Only(nl)) => chars.extend(nl.chars()),
            (c, Newlines::Translate | Newlines::Universal | Newlines::Only(_)) => chars.push(c),
        }
    }
    if chars.is_empty() {
        return;
    }
    if s.pos > s.buf.len() {
        s.buf.resize(s.pos, '\0');
    }
    let end = s.pos + chars.len();
    if end > s.buf.len() {
        s.buf.resize(end, '\0');
    }
    s.buf[s.pos..end].copy_from_slice(&chars);
    s.pos = end;
}

fn text_of(chars: &[char]) -> MoltResult<Obj> {
    let t: String = chars.iter().collect();
    pystr::str_from_text(&t)
}

/// `_stringio_readline`: up to `limit` characters, through the first line ending.
fn read_line(s: &mut StringIo, limit: Option<usize>) -> &[char] {
    if s.pos >= s.buf.len() {
        return &[];
    }
    let start = s.pos;
    let avail = s.buf.len() - start;
    let end = start + limit.map_or(avail, |l| l.min(avail));
    let window = &s.buf[start..end];
    let len = match s.newlines {
        Newlines::Translate => window.iter().position(|&c| c == '\n').map(|i| i + 1),
        Newlines::Universal => window.iter().position(|&c| c == '\n' || c == '\r').map(|i| {
            if window[i] == '\r' && window.get(i + 1) == Some(&'\n') { i + 2 } else { i + 1 }
        }),
        Newlines::Only(nl) => {
            let nl: Vec<char> = nl.chars().collect();
            window.windows(nl.len()).position(|w| w == nl.as_slice()).map(|i| i + nl.len())
        }
    }
    .unwrap_or(window.len());
    s.pos = start + len;
    &s.buf[start..start + len]
}

fn size(o: Obj, method: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Option<usize>> {
    Ok(usize::try_from(super::textio::size_arg(o.type_of().short_name(), method, true, pos, kw)?).ok())
}

fn m_getvalue(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "getvalue", pos, kw)?;
    text_of(&open(o)?.buf)
}

fn m_read(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let limit = size(o, "read", pos, kw)?;
    let s = open(o)?;
    let start = s.pos.min(s.buf.len());
    let avail = s.buf.len() - start;
    let n = limit.map_or(avail, |l| l.min(avail));
    s.pos = start + n;
    text_of(&s.buf[start..start + n])
}

fn m_readline(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let limit = size(o, "readline", pos, kw)?;
    text_of(read_line(open(o)?, limit))
}

/// `IOBase.readlines(hint=-1)`: the lines (by iteration) until their total length reaches
/// `hint`.
fn m_readlines(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let hint = size(o, "readlines", pos, kw)?.filter(|&h| h > 0);
    base_open(o)?;
    let list = Owned(super::list::new_list(0)?);
    let mut total = 0usize;
    loop {
        let line = read_line(open(o)?, None);
        if line.is_empty() {
            break;
        }
        total += line.len();
        let item = Owned(text_of(line)?);
        super::list::append(list.get(), item.get())?;
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    Ok(list.release())
}

fn m_write(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let x = super::call::exactly_one(o, "write", pos, kw)?;
    let Some(text) = pystr::str_text(x) else {
        return fail(TypeError, format!("string argument expected, got '{}'", x.type_of().name));
    };
    let s = open(o)?;
    let n = pystr::str_chars(x);
    write_text(s, text);
    int::from_i64(n as i64)
}

/// `IOBase.writelines(lines)`: `write` of each item.
fn m_writelines(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let lines = super::call::exactly_one(o, "writelines", pos, kw)?;
    base_open(o)?;
    let it = Owned(super::iter::get_iter(lines)?);
    while let Some(line) = super::iter::iter_next(it.get())? {
        let line = Owned(line);
        let r = Owned(m_write(o, &[line.get()], &[])?);
        drop(r);
    }
    Ok(singletons::none())
}

fn m_tell(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "tell", pos, kw)?;
    int::from_i64(open(o)?.pos as i64)
}

/// `seek(pos, whence=0)`.
fn m_seek(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("StringIO.seek", kw)?;
    check_positional("seek", pos.len(), 1, 2)?;
    let index = |x: Obj| match dispatch::as_index(x, crate::ExceptionKind::OverflowError)? {
        Some(n) => Ok(n),
        None => fail(TypeError, format!("'{}' object cannot be interpreted as an integer", x.type_of().name)),
    };
    let target = index(pos[0])?;
    let whence = match pos.get(1) {
        Some(&w) => index(w)?,
        None => 0,
    };
    let s = open(o)?;
    if !(0..=2).contains(&whence) {
        return fail(ValueError, format!("Invalid whence ({whence}, should be 0, 1 or 2)"));
    }
    if target < 0 && whence == 0 {
        return fail(ValueError, format!("Negative seek position {target}"));
    }
    if whence != 0 && target != 0 {
        return fail(OSError, "Can't do nonzero cur-relative seeks");
    }
    s.pos = match whence {
        1 => s.pos,
        2 => s.buf.len(),
        _ => usize::try_from(target).unwrap_or(usize::MAX),
    };
    int::from_i64(s.pos as i64)
}

/// `truncate(pos=None)`: the text cut at `pos` (the position by default), which stays.
fn m_truncate(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("StringIO.truncate", kw)?;
    check_positional("truncate", pos.len(), 0, 1)?;
    let given = match pos.first() {
        Some(&x) if !singletons::is_none(x) => match dispatch::as_index(x, crate::ExceptionKind::OverflowError)? {
            Some(n) => Some(n),
            None => return fail(TypeError, format!("argument should be integer or None, not '{}'", x.type_of().name)),
        },
        Some(_) | None => None,
    };
    let s = open(o)?;
    let n = given.unwrap_or(s.pos as i64);
    if n < 0 {
        return fail(ValueError, format!("Negative size value {n}"));
    }
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    if n < s.buf.len() {
        s.buf.truncate(n);
    }
    int::from_i64(n as i64)
}

fn m_close(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "close", pos, kw)?;
    if let Some(s) = state(o) {
        s.closed = true;
        s.buf = Vec::new();
    }
    Ok(singletons::none())
}

/// `IOBase.flush()`: nothing to write. (It checks IOBase's own closed flag, which StringIO's
/// `close` does not set: no error once closed either.)
fn m_flush(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "flush", pos, kw)?;
    Ok(singletons::none())
}

/// `readable()`, `writable()`, `seekable()`: True while open.
fn always_true(o: Obj, name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, name, pos, kw)?;
    open(o)?;
    Ok(singletons::bool_obj(true))
}

fn m_readable(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    always_true(o, "readable", pos, kw)
}

fn m_writable(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    always_true(o, "writable", pos, kw)
}

fn m_seekable(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    always_true(o, "seekable", pos, kw)
}

fn m_isatty(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "isatty", pos, kw)?;
    base_open(o)?;
    Ok(singletons::bool_obj(false))
}

fn m_enter(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "__enter__", pos, kw)?;
    base_open(o)?;
    Ok(super::new_ref(o))
}

/// `__exit__(*args)`: closes it; the exception is not suppressed.
fn m_exit(o: Obj, _pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("__exit__", kw)?;
    m_close(o, &[], &[])
}

/// `IOBase.__iter__`: itself, once checked open.
fn sio_iter(o: Obj) -> MoltResult<Obj> {
    base_open(o)?;
    Ok(super::new_ref(o))
}

/// `stringio_iternext`: the next line; the end at an empty one.
fn sio_next(o: Obj) -> MoltResult<Option<Obj>> {
    let line = read_line(open(o)?, None);
    if line.is_empty() {
        return Ok(None);
    }
    text_of(line).map(Some)
}

/// `closed`, `line_buffering`, `newlines` (None: Molt does not track the newlines seen in the
/// universal modes, NotImplementedError there).
fn attributes(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let s = state(o)?;
    match name {
        "closed" => Some(Ok(singletons::bool_obj(s.closed))),
        "line_buffering" => Some(match open(o) {
            Ok(_) => Ok(singletons::bool_obj(false)),
            Err(e) => Err(e),
        }),
        "newlines" => Some(match s.newlines {
            Newlines::Only(_) => Ok(singletons::none()),
            Newlines::Translate | Newlines::Universal => fail(crate::ExceptionKind::NotImplementedError, "StringIO.newlines in a universal newlines mode is not supported by Molt yet"),
        }),
        _ => None,
    }
}
