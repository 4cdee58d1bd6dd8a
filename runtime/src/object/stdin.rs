//! The standard input: `sys.stdin`'s `read`, `readline`, `readlines` and iteration, and the
//! builtin `input()` (CPython 3.11's `Modules/_io/textio.c` as `create_stdio` configures
//! `sys.stdin` on POSIX — UTF-8, `newline="\n"`: lines end at "\n" only, "\r" is kept — and
//! `Python/bltinmodule.c`'s `builtin_input_impl`).
//!
//! Relies on: `crate::sys::read` (fd 0), `print` (the prompt goes through stdout's buffer, then
//! a flush), `codecs` (the UnicodeDecodeError of bytes that are not UTF-8), `exception` (EOFError
//! is one of the classes `molt_enable_exception_classes` makes available; the compiler enables
//! both together).
//!
//! Provides: the ABI's `molt_enable_stdin`, which the compiler calls from the `<module>` of a
//! program that calls `input` or reads `sys.stdin` (the reading code is reached only through its
//! hook, so other programs link none of it); [`read`], [`readline`], [`input`].
//!
//! Invariants: the bytes read from fd 0 and not yet consumed are in one buffer (`BUF`), consumed
//! in order; text is UTF-8, decoded a line (or a `read`) at a time, never split inside a
//! character; no newline is translated; a size counts code points, as CPython's. End of file is sticky for the process (as a pipe's or /dev/null's); a
//! read error is taken as end of file.

use alloc::string::String;
use alloc::vec::Vec;

use super::call::{check_positional, no_keywords_for};
use super::{Obj, dispatch, str as pystr};
use crate::ExceptionKind::{EOFError, RuntimeError};
use crate::exceptions::{MoltResult, fail};

/// The entry points `molt_enable_stdin` installs.
struct StdinHooks {
    read: fn(Option<usize>, bool) -> MoltResult<String>,
}

static IMPL: StdinHooks = StdinHooks { read: read_text };

static HOOKS: crate::sys::Global<Option<&'static StdinHooks>> = crate::sys::Global::new(None);

/// Makes `sys.stdin` readable and `input()` callable.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_stdin() {
    HOOKS.with(|h| *h = Some(&IMPL));
}

/// Up to `limit` code points (all when None) of the standard input, stopping after a newline
/// when `line`.
fn read_through_hook(limit: Option<usize>, line: bool) -> MoltResult<String> {
    // Opaque to the optimiser, which would otherwise call the only hooks ever stored directly.
    match core::hint::black_box(HOOKS.with(|h| *h)) {
        Some(h) => (h.read)(limit, line),
        None => fail(RuntimeError, "sys.stdin read before molt_enable_stdin (a compiler bug)"),
    }
}

/// A size argument: None for a negative one (everything).
fn limit_of(size: i64) -> Option<usize> {
    usize::try_from(size).ok()
}

/// `sys.stdin.read(size)`: up to `size` code points, everything when negative.
pub fn read(size: i64) -> MoltResult<Obj> {
    pystr::str_from_text(&read_through_hook(limit_of(size), false)?)
}

/// `sys.stdin.readline(size)`: the next line with its "\n" ('' at end of file), at most `size`
/// code points when not negative.
pub fn readline(size: i64) -> MoltResult<Obj> {
    pystr::str_from_text(&read_through_hook(limit_of(size), true)?)
}

/// The next line as text ('' at end of file).
pub fn readline_text() -> MoltResult<String> {
    read_through_hook(None, true)
}

/// `input(prompt=None, /)`: the prompt written to stdout (then flushed), the next line without
/// its newline; EOFError "EOF when reading a line" at end of file.
pub fn input(pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("input", kw)?;
    check_positional("input", pos.len(), 0, 1)?;
    if let Some(&p) = pos.first() {
        let text = dispatch::str_of(p)?;
        crate::print::write_stdout(text.as_bytes());
    }
    crate::print::flush_stdout();
    let mut line = readline_text()?;
    if line.is_empty() {
        return fail(EOFError, "EOF when reading a line");
    }
    if line.ends_with('\n') {
        line.pop();
    }
    pystr::str_from_text(&line)
}

/// The bytes read from fd 0 and not yet consumed (`data[pos..]`).
struct InBuf {
    data: Vec<u8>,
    pos: usize,
    eof: bool,
}

static BUF: crate::sys::Global<InBuf> = crate::sys::Global::new(InBuf { data: Vec::new(), pos: 0, eof: false });

/// How much one read of fd 0 asks for.
const CHUNK: usize = 8192;

/// Whether unconsumed bytes are buffered, reading more when none are: false at end of file.
fn available() -> bool {
    if BUF.with(|b| b.pos < b.data.len()) {
        return true;
    }
    if BUF.with(|b| b.eof) {
        return false;
    }
    let mut chunk = alloc::vec![0u8; CHUNK];
    let n = crate::sys::read(0, &mut chunk).unwrap_or(0);
    BUF.with(|b| {
        b.data.clear();
        b.pos = 0;
        if n == 0 {
            b.eof = true;
        } else {
            b.data.extend_from_slice(&chunk[..n]);
        }
        n > 0
    })
}

/// The hook: up to `limit` code points, through the first "\n" when `line`, decoded as UTF-8.
fn read_text(limit: Option<usize>, line: bool) -> MoltResult<String> {
    let mut out: Vec<u8> = Vec::new();
    let mut chars = 0usize;
    while available() {
        let done = BUF.with(|b| {
            let avail = &b.data[b.pos..];
            for (i, &c) in avail.iter().enumerate() {
                let starts_char = c & 0xC0 != 0x80;
                if starts_char && limit == Some(chars) {
                    out.extend_from_slice(&avail[..i]);
                    b.pos += i;
                    return true;
                }
                chars += usize::from(starts_char);
                if c == b'\n' && line {
                    out.extend_from_slice(&avail[..=i]);
                    b.pos += i + 1;
                    return true;
                }
            }
            out.extend_from_slice(avail);
            b.pos = b.data.len();
            false
        });
        if done {
            break;
        }
    }
    match String::from_utf8(out) {
        Ok(s) => Ok(s),
        // CPython's UnicodeDecodeError (its position counts from this read's first byte).
        Err(e) => super::codecs::decode_bytes(e.as_bytes(), "utf-8", "strict"),
    }
}
