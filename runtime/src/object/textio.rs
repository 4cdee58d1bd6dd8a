//! `sys.stdin`, `sys.stdout` and `sys.stderr`: three static objects of a type named as
//! CPython's, `_io.TextIOWrapper` (repr `<_io.TextIOWrapper name='<stdout>' mode='w'
//! encoding='utf-8'>`), with the methods programs call on them: `write(s)` (the number of code
//! points written; TypeError "write() argument must be str, not int") and `flush()` on the
//! output streams; `read(size=-1)`, `readline(size=-1)`, `readlines(hint=-1)` and iteration on
//! stdin (through `stdin`); `readable()`, `writable()`, `fileno()`, `isatty()`; the attributes
//! `name`, `mode`, `encoding`. Reading an output stream or writing stdin (CPython's
//! `io.UnsupportedOperation`, a class Molt does not have yet) is a NotImplementedError that
//! says so.
//!
//! Relies on: `print` (stdout's writes go through the same buffer as `print`, so the two
//! interleave in program order; its flush); `sys::write_all` for stderr (fd 2, written at
//! once); `call` for the argument checks of CPython's method descriptors
//! ("TextIOWrapper.write() takes exactly one argument (0 given)").
//!
//! Provides: [`TYPE_TEXTIO`], [`STDIN`], [`STDOUT`], [`STDERR`], [`stream_of`], [`write_text`].
//!
//! Invariants: the three objects are immortal statics (`sys.stdout is sys.stdout`); nothing here
//! allocates except the results. Text is UTF-8, errors cannot occur (strs are valid UTF-8).
//! Unlike CPython, stderr is not line-buffered (each write reaches fd 2 at once); replacing
//! `sys.stdout` does not redirect `print` (which always writes Molt's stdout buffer).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::call::{exactly_one_for, no_keywords_for};
use super::types::{MethodDef, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, StaticObject, int, singletons, str as pystr};
use crate::ExceptionKind::{NotImplementedError, TypeError};
use crate::exceptions::{MoltResult, fail};

/// Which standard stream a text object reads or writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdin,
    Stdout,
    Stderr,
}

/// A text stream object.
#[repr(C)]
pub struct TextIoObject {
    pub header: Header,
    stream: Stream,
}

// SAFETY: `#[repr(C)]`, header first; the only instances are the immortal statics below.
unsafe impl StaticObject for TextIoObject {}

/// `_io.TextIOWrapper`.
pub static TYPE_TEXTIO: TypeObject = TypeObject {
    repr: Some(textio_repr),
    methods: &[
        MethodDef { name: "write", call: write_method },
        MethodDef { name: "flush", call: flush_method },
        MethodDef { name: "read", call: read_method },
        MethodDef { name: "readline", call: readline_method },
        MethodDef { name: "readlines", call: readlines_method },
        MethodDef { name: "readable", call: readable_method },
        MethodDef { name: "writable", call: writable_method },
        MethodDef { name: "fileno", call: fileno_method },
        MethodDef { name: "isatty", call: isatty_method },
    ],
    iter: Some(|o| Ok(super::new_ref(o))),
    iternext: Some(next_line),
    attributes: Some(attribute),
    ..TypeObject::new("_io.TextIOWrapper", &TYPE_OBJECT)
};

/// `sys.stdin`.
pub static STDIN: TextIoObject = TextIoObject { header: Header::immortal(&TYPE_TEXTIO), stream: Stream::Stdin };
/// `sys.stdout`.
pub static STDOUT: TextIoObject = TextIoObject { header: Header::immortal(&TYPE_TEXTIO), stream: Stream::Stdout };
/// `sys.stderr`.
pub static STDERR: TextIoObject = TextIoObject { header: Header::immortal(&TYPE_TEXTIO), stream: Stream::Stderr };

/// The stream `o` writes to, if it is `sys.stdout` or `sys.stderr`.
pub fn stream_of(o: Obj) -> Option<Stream> {
    if !o.type_of().is(&TYPE_TEXTIO) {
        return None;
    }
    // SAFETY: an object of this type is one of the `TextIoObject` statics.
    o.header_ptr().map(|h| unsafe { (*h.cast::<TextIoObject>()).stream })
}

/// Writes `text` to `stream` (stdout: the `print` buffer; stderr: fd 2 at once, errors
/// ignored as CPython ignores them at exit).
pub fn write_text(stream: Stream, text: &str) {
    match stream {
        Stream::Stdout => crate::print::write_stdout(text.as_bytes()),
        Stream::Stderr => {
            let _ = crate::sys::write_all(2, text.as_bytes());
        }
        // `write_method` refuses stdin first.
        Stream::Stdin => {}
    }
}

/// The file descriptor of `stream`.
fn fd(stream: Stream) -> i32 {
    match stream {
        Stream::Stdin => 0,
        Stream::Stdout => 1,
        Stream::Stderr => 2,
    }
}

/// CPython's `io.UnsupportedOperation` ("not readable", "not writable"), which Molt cannot raise
/// yet: a NotImplementedError that names it.
fn unsupported<T>(what: &str) -> MoltResult<T> {
    fail(NotImplementedError, format!("io.UnsupportedOperation ({what}) is not supported by Molt yet"))
}

/// The stream of a receiver that must be stdin.
fn readable_stream(recv: Obj) -> MoltResult<()> {
    match stream_of(recv) {
        Some(Stream::Stdin) => Ok(()),
        Some(Stream::Stdout | Stream::Stderr) | None => unsupported("not readable"),
    }
}

/// A size argument, -1 when absent: an index, or also None when `none_too`
/// (`_Py_convert_optional_to_ssize_t`, "argument should be integer or None, not 'float'";
/// otherwise `_PyNumber_Index`, "'NoneType' object cannot be interpreted as an integer").
/// `owner.method` names the method in the errors; it is formatted only for them.
pub(crate) fn size_arg(owner: &str, method: &str, none_too: bool, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<i64> {
    no_keywords_for(format_args!("{owner}.{method}"), kw)?;
    super::call::check_positional(method, pos.len(), 0, 1)?;
    match pos.first() {
        None => Ok(-1),
        Some(&s) if none_too && singletons::is_none(s) => Ok(-1),
        Some(&s) => match super::dispatch::as_index(s, crate::ExceptionKind::OverflowError)? {
            Some(n) => Ok(n),
            None if none_too => fail(TypeError, format!("argument should be integer or None, not '{}'", s.type_of().name)),
            None => fail(TypeError, format!("'{}' object cannot be interpreted as an integer", s.type_of().name)),
        },
    }
}

/// `TextIOWrapper.read(size=-1)`.
fn read_method(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let size = size_arg("TextIOWrapper", "read", true, pos, kw)?;
    readable_stream(recv)?;
    super::stdin::read(size)
}

/// `TextIOWrapper.readline(size=-1)`.
fn readline_method(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let size = size_arg("TextIOWrapper", "readline", false, pos, kw)?;
    readable_stream(recv)?;
    super::stdin::readline(size)
}

/// `IOBase.readlines(hint=-1)`: the lines until their total length reaches `hint` (all when
/// not positive).
fn readlines_method(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let hint = size_arg("TextIOWrapper", "readlines", true, pos, kw)?;
    readable_stream(recv)?;
    let mut lines = Vec::new();
    let mut total = 0i64;
    loop {
        let line = match super::stdin::readline(-1) {
            Ok(l) => l,
            Err(e) => {
                super::list::release(lines);
                return Err(e);
            }
        };
        let n = i64::try_from(pystr::str_chars(line)).unwrap_or(i64::MAX);
        if n == 0 {
            drop(super::range::Owned(line));
            break;
        }
        lines.push(line);
        total = total.saturating_add(n);
        if hint > 0 && total >= hint {
            break;
        }
    }
    super::list::list_from_vec(lines)
}

/// `next(sys.stdin)`: the next line, StopIteration at end of file.
fn next_line(recv: Obj) -> MoltResult<Option<Obj>> {
    readable_stream(recv)?;
    let line = super::stdin::readline(-1)?;
    if pystr::str_chars(line) == 0 {
        drop(super::range::Owned(line));
        return Ok(None);
    }
    Ok(Some(line))
}

fn readable_method(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(recv, "readable", pos, kw)?;
    Ok(singletons::bool_obj(stream_of(recv) == Some(Stream::Stdin)))
}

fn writable_method(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(recv, "writable", pos, kw)?;
    Ok(singletons::bool_obj(!matches!(stream_of(recv), Some(Stream::Stdin) | None)))
}

fn fileno_method(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(recv, "fileno", pos, kw)?;
    int::from_i64(i64::from(stream_of(recv).map_or(-1, fd)))
}

fn isatty_method(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(recv, "isatty", pos, kw)?;
    Ok(singletons::bool_obj(stream_of(recv).is_some_and(|s| crate::sys::isatty(fd(s)))))
}

fn names(stream: Stream) -> &'static str {
    match stream {
        Stream::Stdin => "<stdin>",
        Stream::Stdout => "<stdout>",
        Stream::Stderr => "<stderr>",
    }
}

/// The mode of `stream`.
fn mode(stream: Stream) -> &'static str {
    match stream {
        Stream::Stdin => "r",
        Stream::Stdout | Stream::Stderr => "w",
    }
}

/// `<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>`.
fn textio_repr(o: Obj) -> MoltResult<String> {
    let stream = stream_of(o);
    Ok(format!("<_io.TextIOWrapper name='{}' mode='{}' encoding='utf-8'>", stream.map_or("?", names), stream.map_or("?", mode)))
}

/// `name`, `mode`, `encoding`.
fn attribute(o: Obj, attr: &str) -> Option<MoltResult<Obj>> {
    let stream = stream_of(o)?;
    Some(match attr {
        "name" => pystr::str_from_text(names(stream)),
        "mode" => pystr::str_from_text(mode(stream)),
        "encoding" => pystr::str_from_text("utf-8"),
        _ => return None,
    })
}

/// `TextIOWrapper.write(s)`: the number of code points of `s`.
fn write_method(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let s = exactly_one_for("TextIOWrapper.write", pos, kw)?;
    let Some(text) = pystr::str_text(s) else {
        return fail(TypeError, format!("write() argument must be str, not {}", s.type_of().name));
    };
    match stream_of(recv) {
        Some(Stream::Stdin) => return unsupported("not writable"),
        Some(stream) => write_text(stream, text),
        None => {}
    }
    int::from_i64(i64::try_from(pystr::str_chars(s)).unwrap_or(i64::MAX))
}

/// `TextIOWrapper.flush()`.
fn flush_method(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("TextIOWrapper.flush", kw)?;
    if !pos.is_empty() {
        return fail(TypeError, format!("TextIOWrapper.flush() takes no arguments ({} given)", pos.len()));
    }
    if stream_of(recv) == Some(Stream::Stdout) {
        crate::print::flush_stdout();
    }
    Ok(singletons::none())
}
