//! `open()` and the file objects it makes: CPython 3.11's `Modules/_io` (`_io_open_impl`,
//! `FileIO`, `BufferedReader`/`BufferedWriter`, `TextIOWrapper`) for what programs do with
//! files — read them whole, by line or by size, iterate over their lines, write and append text
//! or bytes, seek back, close them (`with open(...) as f`).
//!
//! Relies on: `crate::sys` (the system calls: `open`, `read`, `write`, `lseek`, `close`,
//! `strerror`); `codecs` (the text encodings Molt has: `utf-8`, `ascii`, `latin-1`, with their
//! error handlers and CPython's UnicodeDecodeError/UnicodeEncodeError); `exception` (an `OSError`
//! made from the errno, which CPython's errno map turns into `FileNotFoundError` &c.; these are
//! classes `molt_enable_exception_classes` makes available, enabled with this module);
//! `module_kinds` (the free hook of kind `File`); `bytes` for binary data.
//!
//! Provides: the ABI's `molt_enable_files`, which the compiler calls from the `<module>` of a
//! program that names `open` (nothing else reaches this module: other programs link none of
//! it); [`open`] (the builtin, through that hook).
//!
//! Invariants: a file object owns its descriptor until it is closed (`close()`, or when the
//! object is freed: its written data is flushed first, as CPython's finalizer does) and its
//! `name`. Reads go through one buffer of bytes not yet consumed, writes through one buffer not
//! yet written; a file is either readable or writable (the '+' modes are refused), so the two
//! are never both in use, and the descriptor's offset minus the unconsumed bytes is the
//! position `tell()` gives. Text is decoded a line (or a read) at a time: every encoding Molt
//! has is ASCII-compatible, so a newline byte never falls inside a character, and a size counts
//! characters. Newlines follow `newline=` as CPython's `TextIOWrapper` does: None translates
//! "\r\n" and "\r" to "\n" when reading, '' splits there without translating, '\n', '\r' or
//! '\r\n' split only there (and are what "\n" becomes when writing). An error on a closed file
//! is CPython's ValueError "I/O operation on closed file.".

use alloc::alloc::Layout;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_raw, free_raw};
use super::call::{check_positional, no_keywords_for};
use super::range::Owned;
use super::types::{MethodDef, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, bytes, decref, dispatch, int, singletons, str as pystr};
use crate::ExceptionKind::{NotImplementedError, OSError, TypeError, ValueError};
use crate::exceptions::{MoltError, MoltResult, fail};

/// How `newline=` splits and translates lines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Newline {
    /// None: universal newlines, translated to "\n" when reading.
    Universal,
    /// '': universal newlines, kept as they are.
    Untranslated,
    /// '\n', '\r' or '\r\n': only that sequence ends a line; "\n" is written as it.
    Only(&'static [u8]),
}

/// An open file's state.
struct File {
    /// The descriptor, None once closed.
    fd: Option<i32>,
    /// `name` (owned: the `file` argument).
    name: Obj,
    /// `mode`, as the object reports it ('r', 'w', 'rb', …).
    mode: String,
    readable: bool,
    binary: bool,
    /// `encoding` as given (text files), and whether each character is one byte.
    encoding: String,
    single_byte: bool,
    errors: String,
    newline: Newline,
    /// Bytes read and not yet consumed (`rbuf[rpos..]`), and whether the end was reached.
    rbuf: Vec<u8>,
    rpos: usize,
    eof: bool,
    /// Bytes written and not yet passed to the descriptor.
    wbuf: Vec<u8>,
}

/// A file object: the header and its state.
#[repr(C)]
struct FileObject {
    header: Header,
    file: *mut File,
}

/// The three types `open()` returns (as CPython's: text, binary reading, binary writing).
pub static TYPE_TEXT_FILE: TypeObject = file_type("_io.TextIOWrapper");
pub static TYPE_BUFFERED_READER: TypeObject = file_type("_io.BufferedReader");
pub static TYPE_BUFFERED_WRITER: TypeObject = file_type("_io.BufferedWriter");

const fn file_type(name: &'static str) -> TypeObject {
    TypeObject {
        heap: Some(HeapKind::File),
        repr: Some(file_repr),
        iter: Some(file_iter),
        iternext: Some(file_next),
        methods: FILE_METHODS,
        attributes: Some(file_attributes),
        ..TypeObject::new(name, &TYPE_OBJECT)
    }
}

const FILE_METHODS: &[MethodDef] = &[
    MethodDef { name: "read", call: m_read },
    MethodDef { name: "readline", call: m_readline },
    MethodDef { name: "readlines", call: m_readlines },
    MethodDef { name: "write", call: m_write },
    MethodDef { name: "writelines", call: m_writelines },
    MethodDef { name: "close", call: m_close },
    MethodDef { name: "flush", call: m_flush },
    MethodDef { name: "seek", call: m_seek },
    MethodDef { name: "tell", call: m_tell },
    MethodDef { name: "fileno", call: m_fileno },
    MethodDef { name: "readable", call: m_readable },
    MethodDef { name: "writable", call: m_writable },
    MethodDef { name: "seekable", call: m_seekable },
    MethodDef { name: "isatty", call: m_isatty },
    MethodDef { name: "__enter__", call: m_enter },
    MethodDef { name: "__exit__", call: m_exit },
];

static KIND_HOOKS: super::module_kinds::KindHooks = super::module_kinds::KindHooks { free, traverse: |_, _, _| {}, clear: |_, _| {} };

/// The entry point `molt_enable_files` installs.
static HOOK: crate::sys::Global<Option<fn(&[Obj], &[(&str, Obj)]) -> MoltResult<Obj>>> = crate::sys::Global::new(None);

/// Makes `open()` callable (and registers the file objects' free hook).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_files() {
    super::module_kinds::register(HeapKind::File, &KIND_HOOKS);
    HOOK.with(|h| *h = Some(open_impl));
}

/// The builtin `open(...)`.
pub fn open(pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    // Opaque to the optimiser, which would otherwise call the only hook ever stored directly.
    match core::hint::black_box(HOOK.with(|h| *h)) {
        Some(f) => f(pos, kw),
        None => fail(crate::ExceptionKind::RuntimeError, "open() called before molt_enable_files (a compiler bug)"),
    }
}

// --- opening ---

/// Linux's `open` flags (the same values on x86-64 and AArch64).
const O_WRONLY: i32 = 0o1;
const O_CREAT: i32 = 0o100;
const O_EXCL: i32 = 0o200;
const O_TRUNC: i32 = 0o1000;
const O_APPEND: i32 = 0o2000;
const O_CLOEXEC: i32 = 0o2000000;
#[cfg(target_arch = "aarch64")]
const O_DIRECTORY: i32 = 0o40000;
#[cfg(not(target_arch = "aarch64"))]
const O_DIRECTORY: i32 = 0o200000;
/// `EISDIR`.
const EISDIR: i32 = 21;

/// The OSError CPython raises for `errno` on `filename` (`PyErr_SetFromErrnoWithFilenameObject`:
/// `OSError(errno, strerror, filename)`, made a `FileNotFoundError` &c. by its errno).
fn os_error(errno: i32, filename: Option<Obj>) -> MoltError {
    let r = (|| {
        let code = Owned(int::from_i64(i64::from(errno))?);
        let msg = Owned(pystr::str_from_text(&crate::sys::strerror(errno))?);
        // `BaseException.__new__` with `OSError_new`'s errno map, then the members.
        let t = super::exception::exception_type(OSError);
        let e = Owned(match filename {
            Some(f) => super::exception::new_of_type(t, &[code.get(), msg.get(), f])?,
            None => super::exception::new_of_type(t, &[code.get(), msg.get()])?,
        });
        crate::exceptions::raise_object(e.get());
        Ok::<(), MoltError>(())
    })();
    match r {
        Ok(()) => MoltError::take_raised(),
        Err(e) => e,
    }
}

/// The arguments of `open` (`_io_open_impl`'s), bound as CPython binds them.
const PARAMS: [&str; 8] = ["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"];

/// A str argument or None: its text (`encoding`, `errors`, `newline`).
fn opt_text<'a>(what: &str, o: Option<Obj>) -> MoltResult<Option<&'a str>> {
    match o {
        None => Ok(None),
        Some(o) if singletons::is_none(o) => Ok(None),
        Some(o) => match pystr::str_text(o) {
            Some(t) => Ok(Some(t)),
            None => fail(TypeError, format!("open() argument '{what}' must be str or None, not {}", o.type_of().name)),
        },
    }
}

/// `_io_open_impl`: the mode checked as CPython checks it, in its order, then the file opened.
fn open_impl(pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let mut args: [Option<Obj>; 8] = [None; 8];
    super::call::bind_python("open", &PARAMS, 1, &[], 0, pos, kw, &mut args)?;
    let [Some(file), mode, buffering, encoding, errors, newline, closefd, opener] = args else {
        return fail(TypeError, "open() missing required argument 'file' (pos 1)");
    };
    let mode_text = match mode {
        None => "r",
        Some(m) => match pystr::str_text(m) {
            Some(t) => t,
            None => return fail(TypeError, format!("open() argument 'mode' must be str, not {}", m.type_of().name)),
        },
    };
    if let Some(b) = buffering
        && !matches!(dispatch::as_index(b, crate::ExceptionKind::OverflowError)?, Some(-1))
    {
        if dispatch::as_index(b, crate::ExceptionKind::OverflowError)?.is_none() {
            return fail(TypeError, format!("'{}' object cannot be interpreted as an integer", b.type_of().name));
        }
        return fail(NotImplementedError, "open() with a buffering argument is not supported by Molt yet");
    }
    let encoding = opt_text("encoding", encoding)?;
    let errors = opt_text("errors", errors)?;
    let newline = opt_text("newline", newline)?;
    let keep_fd = match closefd {
        Some(c) => !dispatch::truth(c)?,
        None => false,
    };
    if keep_fd || opener.is_some_and(|o| !singletons::is_none(o)) {
        return fail(NotImplementedError, "open() with closefd or opener is not supported by Molt yet");
    }
    // `_io_open_impl`: the mode's characters.
    let (mut creating, mut reading, mut writing, mut appending, mut updating, mut text, mut binary) = (false, false, false, false, false, false, false);
    for (i, c) in mode_text.char_indices() {
        let seen = match c {
            'x' => &mut creating,
            'r' => &mut reading,
            'w' => &mut writing,
            'a' => &mut appending,
            '+' => &mut updating,
            't' => &mut text,
            'b' => &mut binary,
            _ => return fail(ValueError, format!("invalid mode: '{mode_text}'")),
        };
        if *seen || mode_text[..i].contains(c) {
            return fail(ValueError, format!("invalid mode: '{mode_text}'"));
        }
        *seen = true;
    }
    if text && binary {
        return fail(ValueError, "can't have text and binary mode at once");
    }
    if u8::from(creating) + u8::from(reading) + u8::from(writing) + u8::from(appending) > 1 {
        return fail(ValueError, "must have exactly one of create/read/write/append mode");
    }
    if !(creating || reading || writing || appending) {
        return fail(ValueError, "Must have exactly one of create/read/write/append mode and at most one plus");
    }
    if binary && encoding.is_some() {
        return fail(ValueError, "binary mode doesn't take an encoding argument");
    }
    if binary && errors.is_some() {
        return fail(ValueError, "binary mode doesn't take an errors argument");
    }
    if binary && newline.is_some() {
        return fail(ValueError, "binary mode doesn't take a newline argument");
    }
    let newline = match newline {
        None => Newline::Universal,
        Some("") => Newline::Untranslated,
        Some("\n") => Newline::Only(b"\n"),
        Some("\r") => Newline::Only(b"\r"),
        Some("\r\n") => Newline::Only(b"\r\n"),
        Some(other) => return fail(ValueError, format!("illegal newline value: {other}")),
    };
    if updating {
        return fail(NotImplementedError, "open() in a '+' mode (reading and writing) is not supported by Molt yet");
    }
    let Some(path) = pystr::str_text(file) else {
        if int::int_ref(file).is_some() {
            return fail(NotImplementedError, "open() of a file descriptor is not supported by Molt yet");
        }
        return fail(TypeError, format!("expected str, bytes or os.PathLike object, not {}", file.type_of().name));
    };
    let (encoding_name, single_byte) = match (binary, encoding) {
        (true, _) => (String::new(), true),
        (false, None) => (String::from("UTF-8"), false),
        (false, Some(e)) => (String::from(e), super::codecs::check_text_encoding(e)?),
    };
    if path.contains('\0') {
        return fail(ValueError, "embedded null byte");
    }
    let mut cpath = Vec::with_capacity(path.len() + 1);
    cpath.extend_from_slice(path.as_bytes());
    cpath.push(0);
    let cpath = core::ffi::CStr::from_bytes_with_nul(&cpath).map_err(|_| MoltError::new(ValueError, "embedded null byte"))?;
    let flags = O_CLOEXEC
        | if reading {
            0
        } else {
            O_WRONLY | O_CREAT | if creating { O_EXCL } else if appending { O_APPEND } else { O_TRUNC }
        };
    if reading && crate::sys::open_path(cpath, O_DIRECTORY | O_CLOEXEC, 0).and_then(crate::sys::close_fd).is_ok() {
        return Err(os_error(EISDIR, Some(file)));
    }
    let fd = crate::sys::open_path(cpath, flags, 0o666).map_err(|e| os_error(e, Some(file)))?;
    if appending && let Err(e) = crate::sys::lseek(fd, 0, 2) {
        let _ = crate::sys::close_fd(fd);
        return Err(os_error(e, Some(file)));
    }
    let mode_attr = if binary {
        String::from(if reading { "rb" } else if writing { "wb" } else if appending { "ab" } else { "xb" })
    } else {
        String::from(mode_text)
    };
    let ty: &'static TypeObject = match (binary, reading) {
        (false, _) => &TYPE_TEXT_FILE,
        (true, true) => &TYPE_BUFFERED_READER,
        (true, false) => &TYPE_BUFFERED_WRITER,
    };
    let state = Box::new(File {
        fd: Some(fd),
        name: super::new_ref(file),
        mode: mode_attr,
        readable: reading,
        binary,
        encoding: encoding_name,
        single_byte,
        errors: String::from(errors.unwrap_or("strict")),
        newline,
        rbuf: Vec::new(),
        rpos: 0,
        eof: false,
        wbuf: Vec::new(),
    });
    let h = match alloc_raw(Layout::new::<FileObject>(), ty) {
        Ok(h) => h,
        Err(e) => {
            let _ = crate::sys::close_fd(fd);
            // SAFETY: the reference the state took.
            unsafe { decref(state.name) };
            return Err(e);
        }
    };
    // SAFETY: a fresh block for a `FileObject` whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*h.cast::<FileObject>()).file).write(Box::into_raw(state));
        Ok(Obj::from_header(h))
    }
}

// --- the object ---

/// The state of file object `o` (None for another object).
fn state<'a>(o: Obj) -> Option<&'a mut File> {
    if o.type_of().heap != Some(HeapKind::File) {
        return None;
    }
    // SAFETY: an object of kind `File` is a `FileObject` whose state lives as long as it does;
    // the runtime is single-threaded and no caller keeps two of these borrows.
    o.header_ptr().map(|h| unsafe { &mut *(*h.cast::<FileObject>()).file })
}

/// The state of an open file, or CPython's ValueError for a closed one.
fn open_state<'a>(o: Obj) -> MoltResult<&'a mut File> {
    match state(o) {
        Some(f) if f.fd.is_some() => Ok(f),
        _ => fail(ValueError, "I/O operation on closed file."),
    }
}

/// Frees a file object: its data flushed and its descriptor closed (errors ignored, as in
/// CPython's finalizer), then its name.
///
/// # Safety
/// `h` is a file object at count zero.
unsafe fn free(h: *mut Header, kind: HeapKind) {
    // SAFETY: forwarded contract: the state was made by `open_impl` and is released once.
    unsafe {
        let state = Box::from_raw((*h.cast::<FileObject>()).file);
        let mut state = *state;
        let _ = close_file(&mut state);
        let name = state.name;
        drop(state);
        free_raw(h, Layout::new::<FileObject>(), kind);
        decref(name);
    }
}

/// Writes the buffered data: the errno of a failure.
fn flush_file(f: &mut File) -> Result<(), i32> {
    let Some(fd) = f.fd else { return Ok(()) };
    if f.wbuf.is_empty() {
        return Ok(());
    }
    let r = crate::sys::write_fd(fd, &f.wbuf);
    f.wbuf.clear();
    r
}

/// Flushes and closes (a closed file stays closed): the errno of a failure.
fn close_file(f: &mut File) -> Result<(), i32> {
    let flushed = flush_file(f);
    let closed = match f.fd.take() {
        Some(fd) => crate::sys::close_fd(fd),
        None => Ok(()),
    };
    f.rbuf = Vec::new();
    f.rpos = 0;
    flushed.and(closed)
}

/// `<_io.TextIOWrapper name='f.txt' mode='r' encoding='UTF-8'>`, `<_io.BufferedReader
/// name='f.bin'>`.
fn file_repr(o: Obj) -> MoltResult<String> {
    let Some(f) = state(o) else { return Ok(String::from("<file>")) };
    let name = dispatch::repr_of(f.name)?;
    Ok(if f.binary {
        format!("<{} name={name}>", o.type_of().name)
    } else {
        format!("<{} name={name} mode='{}' encoding='{}'>", o.type_of().name, f.mode, f.encoding)
    })
}

/// `name`, `mode`, `closed`, `encoding`, `errors`.
fn file_attributes(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let f = state(o)?;
    Some(match name {
        "name" => Ok(super::new_ref(f.name)),
        "mode" => pystr::str_from_text(&f.mode),
        "closed" => Ok(singletons::bool_obj(f.fd.is_none())),
        "encoding" if !f.binary => pystr::str_from_text(&f.encoding),
        "errors" if !f.binary => pystr::str_from_text(&f.errors),
        _ => return None,
    })
}

/// CPython's `io.UnsupportedOperation` ("not readable"), which Molt cannot raise yet.
fn unsupported<T>(what: &str) -> MoltResult<T> {
    fail(NotImplementedError, format!("io.UnsupportedOperation ({what}) is not supported by Molt yet"))
}

// --- reading ---

/// How much one read of the descriptor asks for.
const CHUNK: usize = 8192;

/// Whether unconsumed bytes are buffered, reading more when none are: false at the end.
fn fill(f: &mut File) -> MoltResult<bool> {
    if f.rpos < f.rbuf.len() {
        return Ok(true);
    }
    if f.eof {
        return Ok(false);
    }
    let Some(fd) = f.fd else { return Ok(false) };
    f.rbuf.resize(CHUNK, 0);
    f.rpos = 0;
    match crate::sys::read(fd, &mut f.rbuf) {
        Some(0) => {
            f.rbuf.clear();
            f.eof = true;
            Ok(false)
        }
        Some(n) => {
            f.rbuf.truncate(n);
            Ok(true)
        }
        None => {
            f.rbuf.clear();
            Err(os_error(crate::sys::errno(), None))
        }
    }
}

/// The next byte without consuming it (reading more if needed).
fn peek(f: &mut File) -> MoltResult<Option<u8>> {
    Ok(if fill(f)? { f.rbuf.get(f.rpos).copied() } else { None })
}

/// Up to `limit` units (characters of a text file, bytes of a binary one; all when None),
/// through the first line end when `line`; a text file's newlines translated as `newline=` says.
fn read_units(f: &mut File, limit: Option<usize>, line: bool) -> MoltResult<Vec<u8>> {
    let mut out: Vec<u8> = Vec::new();
    let mut units = 0usize;
    let counts = |c: u8, f: &File| f.binary || f.single_byte || c & 0xC0 != 0x80;
    while let Some(c) = peek(f)? {
        if counts(c, f) {
            if limit == Some(units) {
                break;
            }
            units += 1;
        }
        f.rpos += 1;
        if f.binary {
            out.push(c);
            if line && c == b'\n' {
                break;
            }
            continue;
        }
        match f.newline {
            Newline::Universal | Newline::Untranslated if c == b'\r' => {
                let translate = f.newline == Newline::Universal;
                out.push(if translate { b'\n' } else { b'\r' });
                if peek(f)? == Some(b'\n') {
                    f.rpos += 1;
                    if !translate {
                        out.push(b'\n');
                    }
                }
                if line {
                    break;
                }
            }
            Newline::Universal | Newline::Untranslated => {
                out.push(c);
                if line && c == b'\n' {
                    break;
                }
            }
            Newline::Only(end) => {
                out.push(c);
                if line && out.ends_with(end) {
                    break;
                }
            }
        }
    }
    Ok(out)
}

/// Decoded text (a text file) or bytes (a binary one) of what was read.
fn result(f: &File, data: Vec<u8>) -> MoltResult<Obj> {
    if f.binary {
        return bytes::bytes_from_vec(data);
    }
    let text = match String::from_utf8(data) {
        Ok(s) if !f.single_byte => s,
        Ok(s) if s.is_ascii() => s,
        Ok(s) => super::codecs::decode_bytes(s.as_bytes(), &f.encoding, &f.errors)?,
        Err(e) => super::codecs::decode_bytes(e.as_bytes(), &f.encoding, &f.errors)?,
    };
    pystr::str_from_text(&text)
}

/// A readable open file, or the errors of another.
fn readable<'a>(o: Obj) -> MoltResult<&'a mut File> {
    let f = open_state(o)?;
    if !f.readable {
        return unsupported(if f.binary { "read" } else { "not readable" });
    }
    Ok(f)
}

/// A size argument as `sys.stdin`'s methods read it (`textio::size_arg`), None for a negative
/// one (everything).
fn size_arg(o: Obj, method: &str, none_too: bool, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Option<usize>> {
    Ok(usize::try_from(super::textio::size_arg(o.type_of().short_name(), method, none_too, pos, kw)?).ok())
}

fn m_read(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let limit = size_arg(o, "read", true, pos, kw)?;
    let f = readable(o)?;
    let data = read_units(f, limit, false)?;
    result(f, data)
}

fn m_readline(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let limit = size_arg(o, "readline", !state(o).is_some_and(|f| !f.binary), pos, kw)?;
    let f = readable(o)?;
    let data = read_units(f, limit, true)?;
    result(f, data)
}

/// `readlines(hint=-1)`: the lines until their total length reaches `hint`.
fn m_readlines(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let hint = size_arg(o, "readlines", true, pos, kw)?.filter(|&h| h > 0);
    let mut lines = Vec::new();
    let mut total = 0usize;
    loop {
        let line = (|| {
            let f = readable(o)?;
            let data = read_units(f, None, true)?;
            Ok((data.len(), result(f, data)?))
        })();
        let (n, line) = match line {
            Ok(x) => x,
            Err(e) => {
                super::list::release(lines);
                return Err(e);
            }
        };
        if n == 0 {
            drop(Owned(line));
            break;
        }
        // `len(line)`: characters of a text line, bytes of a binary one.
        total += if pystr::str_text(line).is_some() { pystr::str_chars(line) } else { n };
        lines.push(line);
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    super::list::list_from_vec(lines)
}

/// `iter(f)`: the file itself (ValueError when closed).
fn file_iter(o: Obj) -> MoltResult<Obj> {
    open_state(o)?;
    Ok(super::new_ref(o))
}

/// `next(f)`: the next line, StopIteration at the end.
fn file_next(o: Obj) -> MoltResult<Option<Obj>> {
    let f = readable(o)?;
    let data = read_units(f, None, true)?;
    if data.is_empty() {
        return Ok(None);
    }
    result(f, data).map(Some)
}

// --- writing ---

/// A writable open file, or the errors of another.
fn writable<'a>(o: Obj) -> MoltResult<&'a mut File> {
    let f = open_state(o)?;
    if f.readable {
        return unsupported(if f.binary { "write" } else { "not writable" });
    }
    Ok(f)
}

/// Buffers `data`, writing the buffer out once it is large.
fn put(f: &mut File, data: &[u8]) -> MoltResult<()> {
    f.wbuf.extend_from_slice(data);
    if f.wbuf.len() >= CHUNK {
        flush_file(f).map_err(|e| os_error(e, None))?;
    }
    Ok(())
}

/// `write(s)`: the number of characters (text) or bytes written.
fn write_one(o: Obj, s: Obj) -> MoltResult<Obj> {
    let f = writable(o)?;
    if f.binary {
        let Some(data) = bytes::bytes_data(s) else {
            return fail(TypeError, format!("a bytes-like object is required, not '{}'", s.type_of().name));
        };
        put(f, data)?;
        return int::from_i64(i64::try_from(data.len()).unwrap_or(i64::MAX));
    }
    let Some(text) = pystr::str_text(s) else {
        return fail(TypeError, format!("write() argument must be str, not {}", s.type_of().name));
    };
    let encoded;
    let mut data: &[u8] = text.as_bytes();
    if f.single_byte && !text.is_ascii() {
        encoded = super::codecs::encode_text(text, &f.encoding, &f.errors)?;
        data = &encoded;
    }
    match f.newline {
        Newline::Only(end) if end != b"\n" => {
            let mut translated = Vec::with_capacity(data.len());
            for &c in data {
                if c == b'\n' {
                    translated.extend_from_slice(end);
                } else {
                    translated.push(c);
                }
            }
            put(f, &translated)?;
        }
        Newline::Only(_) | Newline::Universal | Newline::Untranslated => put(f, data)?,
    }
    int::from_i64(i64::try_from(pystr::str_chars(s)).unwrap_or(i64::MAX))
}

fn m_write(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let s = super::call::exactly_one_for(format_args!("{}.write", o.type_of().short_name()), pos, kw)?;
    write_one(o, s)
}

/// `writelines(lines)`: each item written, no separators added.
fn m_writelines(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let lines = super::call::exactly_one_for("_IOBase.writelines", pos, kw)?;
    open_state(o)?;
    let it = Owned(super::iter::get_iter(lines)?);
    while let Some(x) = super::iter::iter_next(it.get())? {
        let x = Owned(x);
        drop(Owned(write_one(o, x.get())?));
    }
    Ok(singletons::none())
}

// --- the rest ---

fn m_close(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "close", pos, kw)?;
    if let Some(f) = state(o) {
        close_file(f).map_err(|e| os_error(e, None))?;
    }
    Ok(singletons::none())
}

fn m_flush(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "flush", pos, kw)?;
    let f = open_state(o)?;
    flush_file(f).map_err(|e| os_error(e, None))?;
    Ok(singletons::none())
}

/// The position: the descriptor's offset less what is buffered for reading, plus what is
/// buffered for writing.
fn position(f: &mut File) -> MoltResult<i64> {
    let Some(fd) = f.fd else { return fail(ValueError, "I/O operation on closed file.") };
    let at = crate::sys::lseek(fd, 0, 1).map_err(|e| os_error(e, None))?;
    let unread = i64::try_from(f.rbuf.len() - f.rpos).unwrap_or(0);
    Ok(at - unread + i64::try_from(f.wbuf.len()).unwrap_or(0))
}

fn m_tell(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "tell", pos, kw)?;
    let f = open_state(o)?;
    int::from_i64(position(f)?)
}

/// `seek(offset, whence=0)`: a binary file seeks anywhere; a text file to a position `tell()`
/// gave (whence 0) or to its end (`seek(0, 2)`), as CPython's `TextIOWrapper` allows.
fn m_seek(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("seek", kw)?;
    check_positional("seek", pos.len(), 1, 2)?;
    let Some(offset) = dispatch::as_index(pos[0], crate::ExceptionKind::OverflowError)? else {
        return fail(TypeError, format!("'{}' object cannot be interpreted as an integer", pos[0].type_of().name));
    };
    let whence = match pos.get(1) {
        None => 0,
        Some(&w) => match dispatch::as_index(w, crate::ExceptionKind::OverflowError)? {
            Some(w) => w,
            None => return fail(TypeError, format!("'{}' object cannot be interpreted as an integer", w.type_of().name)),
        },
    };
    let f = open_state(o)?;
    if !f.binary {
        match whence {
            0 if offset < 0 => return fail(ValueError, format!("negative seek position {offset}")),
            0 => {}
            1 | 2 if offset != 0 => return unsupported(if whence == 1 { "can't do nonzero cur-relative seeks" } else { "can't do nonzero end-relative seeks" }),
            1 => return int::from_i64(position(f)?),
            2 => {}
            _ => return fail(ValueError, format!("invalid whence ({whence}, should be 0, 1 or 2)")),
        }
    } else if !(0..=2).contains(&whence) {
        return fail(ValueError, format!("whence value {whence} unsupported"));
    }
    let relative = if whence == 1 { offset - i64::try_from(f.rbuf.len() - f.rpos).unwrap_or(0) } else { offset };
    flush_file(f).map_err(|e| os_error(e, None))?;
    let Some(fd) = f.fd else { return fail(ValueError, "I/O operation on closed file.") };
    let at = crate::sys::lseek(fd, relative, i32::try_from(whence).unwrap_or(0)).map_err(|e| os_error(e, None))?;
    f.rbuf.clear();
    f.rpos = 0;
    f.eof = false;
    int::from_i64(at)
}

fn m_fileno(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "fileno", pos, kw)?;
    let f = open_state(o)?;
    int::from_i64(i64::from(f.fd.unwrap_or(-1)))
}

fn m_readable(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "readable", pos, kw)?;
    Ok(singletons::bool_obj(open_state(o)?.readable))
}

fn m_writable(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "writable", pos, kw)?;
    Ok(singletons::bool_obj(!open_state(o)?.readable))
}

fn m_seekable(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "seekable", pos, kw)?;
    let f = open_state(o)?;
    let fd = f.fd.unwrap_or(-1);
    Ok(singletons::bool_obj(crate::sys::lseek(fd, 0, 1).is_ok()))
}

fn m_isatty(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "isatty", pos, kw)?;
    let f = open_state(o)?;
    Ok(singletons::bool_obj(crate::sys::isatty(f.fd.unwrap_or(-1))))
}

/// `__enter__()`: the file itself (ValueError when closed).
fn m_enter(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(o, "__enter__", pos, kw)?;
    open_state(o)?;
    Ok(super::new_ref(o))
}

/// `__exit__(*args)`: closes the file; the exception is not suppressed.
fn m_exit(o: Obj, _pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("__exit__", kw)?;
    if let Some(f) = state(o) {
        close_file(f).map_err(|e| os_error(e, None))?;
    }
    Ok(singletons::none())
}
