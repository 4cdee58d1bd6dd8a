//! `sys.stdout` and `sys.stderr`: two static objects of a type named as CPython's,
//! `_io.TextIOWrapper` (repr `<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>`),
//! with the methods programs call on them: `write(s)` (the number of code points written;
//! TypeError "write() argument must be str, not int") and `flush()`, and the attributes `name`,
//! `mode`, `encoding`.
//!
//! Relies on: `print` (stdout's writes go through the same buffer as `print`, so the two
//! interleave in program order; its flush); `sys::write_all` for stderr (fd 2, written at
//! once); `call` for the argument checks of CPython's method descriptors
//! ("TextIOWrapper.write() takes exactly one argument (0 given)").
//!
//! Provides: [`TYPE_TEXTIO`], [`STDOUT`], [`STDERR`], [`stream_of`], [`write_text`].
//!
//! Invariants: the two objects are immortal statics (`sys.stdout is sys.stdout`); nothing here
//! allocates except the results. Text is UTF-8, errors cannot occur (strs are valid UTF-8).
//! Unlike CPython, stderr is not line-buffered (each write reaches fd 2 at once); replacing
//! `sys.stdout` does not redirect `print` (which always writes Molt's stdout buffer).

use alloc::format;
use alloc::string::String;

use super::call::{exactly_one_for, no_keywords_for};
use super::types::{MethodDef, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, StaticObject, int, singletons, str as pystr};
use crate::ExceptionKind::TypeError;
use crate::exceptions::{MoltResult, fail};

/// Which standard stream a text object writes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
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
    methods: &[MethodDef { name: "write", call: write_method }, MethodDef { name: "flush", call: flush_method }],
    attributes: Some(attribute),
    ..TypeObject::new("_io.TextIOWrapper", &TYPE_OBJECT)
};

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
    }
}

fn names(stream: Stream) -> &'static str {
    match stream {
        Stream::Stdout => "<stdout>",
        Stream::Stderr => "<stderr>",
    }
}

/// `<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>`.
fn textio_repr(o: Obj) -> MoltResult<String> {
    let name = stream_of(o).map_or("?", names);
    Ok(format!("<_io.TextIOWrapper name='{name}' mode='w' encoding='utf-8'>"))
}

/// `name`, `mode`, `encoding`.
fn attribute(o: Obj, attr: &str) -> Option<MoltResult<Obj>> {
    let stream = stream_of(o)?;
    Some(match attr {
        "name" => pystr::str_from_text(names(stream)),
        "mode" => pystr::str_from_text("w"),
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
    if let Some(stream) = stream_of(recv) {
        write_text(stream, text);
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
