//! The pending exception, its traceback, and the exported globals generated code polls.
//!
//! Relies on: generated code calling `molt_raise` to start an exception and then
//! `molt_traceback_push` once per frame as the exception propagates outward (innermost frame
//! first); generated code reading `molt_exc_pending` after every call that may raise (call
//! depth is counted by generated code itself, in a hidden argument). Execution is single-threaded;
//! the state lives in a [`Global`] cell, which keeps it sound anyway (unit tests run in parallel
//! threads).
//!
//! Provides: `molt_raise`, `molt_traceback_push`, the `molt_exc_pending` static, [`MoltError`]
//! / [`MoltResult`] (an exception computed by Rust code: kind + static or owned message), and a
//! Rust API (`raise`, `raise_error`, `value_or_raise`, `pending_exception`,
//! `take_exception`, `clear_exception`, `format_traceback`) to inspect and render the pending
//! exception exactly as CPython 3.11 prints an uncaught one (frame collapsing and the
//! 1000-frame limit included).
//!
//! Invariants: `molt_exc_pending` is 1 exactly while `molt_raise` has been called and the
//! exception not cleared; nothing here panics (bad pointers or lengths read as empty text).

use alloc::borrow::{Cow, ToOwned as _};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;
use core::sync::atomic::{AtomicU8, Ordering};

use crate::ExceptionKind;
use crate::sys::Global;

/// Non-zero while an exception is pending (see `abi.rs`).
#[unsafe(no_mangle)]
pub static molt_exc_pending: AtomicU8 = AtomicU8::new(0);


/// Implemented by the atomic type that stands for ABI global type `T`; the ABI macro uses it
/// to check that each exported global holds a value of the declared type.
pub trait AtomicOf<T> {}
impl AtomicOf<u8> for AtomicU8 {}

/// CPython prints at most this many frames (`sys.tracebacklimit`'s default), the innermost ones.
pub const TRACEBACK_LIMIT: usize = 1000;

/// CPython collapses identical consecutive frames beyond this many.
const RECURSIVE_CUTOFF: usize = 3;

/// One traceback entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    pub file: String,
    pub func: String,
    pub line: i64,
    /// The stripped source line; empty when unknown (the row is then omitted).
    pub text: String,
    /// The location markers under the source line (with their indent), or empty.
    pub carets: String,
}

/// A raised Python exception with the frames it has left so far, innermost first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingException {
    /// The raw `kind` given to `molt_raise` (see [`ExceptionKind::from_code`]).
    pub kind: i32,
    pub message: String,
    /// Innermost frame first (push order). Holds at most [`TRACEBACK_LIMIT`] frames.
    pub frames: Vec<Frame>,
}

impl PendingException {
    /// The Python class name for the exception's kind.
    pub fn kind_name(&self) -> &'static str {
        match ExceptionKind::from_code(self.kind) {
            Some(kind) => kind.name(),
            None => "SystemError",
        }
    }
}

static PENDING: Global<Option<PendingException>> = Global::new(None);

fn with_pending<R>(f: impl FnOnce(&mut Option<PendingException>) -> R) -> R {
    PENDING.with(f)
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

/// Sets the pending exception (replacing any previous one and its frames).
pub fn raise_code(kind: i32, message: &str) {
    let mut message = message.to_owned();
    if ExceptionKind::from_code(kind).is_none() {
        // Should never happen; keep the report useful instead of failing.
        message = format!("unknown Molt exception kind {kind}: {message}");
    }
    with_pending(|p| {
        *p = Some(PendingException {
            kind,
            message,
            frames: Vec::new(),
        })
    });
    molt_exc_pending.store(1, Ordering::SeqCst);
}

/// An exception computed by a pure-Rust helper, before it is raised. The message is usually a
/// literal; messages that name a type or a value are built at run time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoltError {
    pub kind: ExceptionKind,
    pub message: Cow<'static, str>,
}

impl MoltError {
    /// An error of `kind` with `message` (a `&'static str` or an owned `String`).
    pub fn new(kind: ExceptionKind, message: impl Into<Cow<'static, str>>) -> MoltError {
        MoltError { kind, message: message.into() }
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
pub fn value_or_raise<T: Default>(result: MoltResult<T>) -> T {
    match result {
        Ok(value) => value,
        Err(err) => {
            raise_error(&err);
            T::default()
        }
    }
}

/// Sets `err` as the pending exception.
pub fn raise_error(err: &MoltError) {
    raise(err.kind, &err.message);
}

/// Sets the pending exception (replacing any previous one and its frames).
pub fn raise(kind: ExceptionKind, message: &str) {
    raise_code(kind.code(), message);
}

/// Records a frame the pending exception is leaving; ignored when nothing is pending.
pub fn push_frame(frame: Frame) {
    with_pending(|p| {
        if let Some(exc) = p {
            // Frames arrive innermost first and CPython keeps the innermost ones.
            if exc.frames.len() < TRACEBACK_LIMIT {
                exc.frames.push(frame);
            }
        }
    });
}

/// A copy of the pending exception, if any.
pub fn pending_exception() -> Option<PendingException> {
    with_pending(|p| p.clone())
}

/// Removes and returns the pending exception, clearing `molt_exc_pending`.
pub fn take_exception() -> Option<PendingException> {
    let exc = with_pending(|p| p.take());
    molt_exc_pending.store(0, Ordering::SeqCst);
    exc
}

/// Clears the pending exception, if any.
pub fn clear_exception() {
    let _ = take_exception();
}

/// Renders `exc` exactly as CPython 3.11 prints an uncaught exception (minus the `^^^` caret
/// lines, which need column information Molt does not pass).
pub fn format_traceback(exc: &PendingException) -> String {
    let mut out = String::from("Traceback (most recent call last):\n");
    let mut last: Option<(&str, i64, &str)> = None;
    let mut count = 0usize;
    for frame in exc.frames.iter().rev() {
        let key = (frame.file.as_str(), frame.line, frame.func.as_str());
        if last != Some(key) {
            push_repeat_note(&mut out, count);
            last = Some(key);
            count = 0;
        }
        count += 1;
        if count > RECURSIVE_CUTOFF {
            continue;
        }
        let _ = writeln!(
            out,
            "  File \"{}\", line {}, in {}",
            frame.file, frame.line, frame.func
        );
        let text = frame
            .text
            .trim_start_matches([' ', '\t', '\x0c'])
            .trim_end_matches(['\n', '\r']);
        if !text.is_empty() {
            let _ = writeln!(out, "    {text}");
            if !frame.carets.is_empty() {
                let _ = writeln!(out, "{}", frame.carets);
            }
        }
    }
    push_repeat_note(&mut out, count);
    out.push_str(exc.kind_name());
    if !exc.message.is_empty() {
        out.push_str(": ");
        out.push_str(&exc.message);
    }
    out.push('\n');
    out
}

fn push_repeat_note(out: &mut String, count: usize) {
    if count > RECURSIVE_CUTOFF {
        let n = count - RECURSIVE_CUTOFF;
        let plural = if n > 1 { "s" } else { "" };
        let _ = writeln!(out, "  [Previous line repeated {n} more time{plural}]");
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
mod tests {
    use super::*;

    fn frame(func: &str, line: i64, text: &str) -> Frame {
        Frame {
            file: "/tmp/p.py".into(),
            func: func.into(),
            line,
            text: text.into(),
            carets: String::new(),
        }
    }

    fn exc(kind: ExceptionKind, msg: &str, frames: Vec<Frame>) -> PendingException {
        PendingException {
            kind: kind.code(),
            message: msg.into(),
            frames,
        }
    }

    #[test]
    fn kind_names() {
        assert_eq!(ExceptionKind::ZeroDivisionError.name(), "ZeroDivisionError");
        assert_eq!(
            ExceptionKind::from_code(8),
            Some(ExceptionKind::NotImplementedError)
        );
        assert_eq!(ExceptionKind::from_code(0), None);
        for &k in ExceptionKind::ALL {
            assert_eq!(ExceptionKind::from_code(k.code()), Some(k));
        }
    }

    #[test]
    fn simple_traceback() {
        let e = exc(
            ExceptionKind::ZeroDivisionError,
            "integer division or modulo by zero",
            vec![
                frame("f", 3, "return 1 // x"),
                frame("<module>", 7, "print(f(0))"),
            ],
        );
        assert_eq!(
            format_traceback(&e),
            "Traceback (most recent call last):\n  File \"/tmp/p.py\", line 7, in <module>\n    print(f(0))\n  File \"/tmp/p.py\", line 3, in f\n    return 1 // x\nZeroDivisionError: integer division or modulo by zero\n"
        );
    }

    #[test]
    fn empty_message_and_text() {
        let e = exc(
            ExceptionKind::ValueError,
            "",
            vec![frame("<module>", 1, "")],
        );
        assert_eq!(
            format_traceback(&e),
            "Traceback (most recent call last):\n  File \"/tmp/p.py\", line 1, in <module>\nValueError\n"
        );
    }

    fn recursion(n: usize) -> PendingException {
        let mut frames = vec![frame("f", 3, "return 1 // n")];
        frames.extend((0..n).map(|_| frame("f", 4, "return f(n - 1)")));
        frames.push(frame("<module>", 6, "print(f(N))"));
        exc(
            ExceptionKind::ZeroDivisionError,
            "integer division or modulo by zero",
            frames,
        )
    }

    #[test]
    fn collapses_repeated_frames() {
        let t = format_traceback(&recursion(3));
        assert_eq!(t.matches("line 4, in f").count(), 3);
        assert!(!t.contains("Previous line"));
        let t = format_traceback(&recursion(4));
        assert_eq!(t.matches("line 4, in f").count(), 3);
        assert!(t.contains("    return f(n - 1)\n  [Previous line repeated 1 more time]\n  File \"/tmp/p.py\", line 3, in f\n"));
        let t = format_traceback(&recursion(10));
        assert!(t.contains("  [Previous line repeated 7 more times]\n"));
        // Repeats at the very end (innermost) are reported too.
        let e = exc(
            ExceptionKind::RecursionError,
            "maximum recursion depth exceeded",
            vec![frame("f", 2, "x"); 999],
        );
        assert!(format_traceback(&e).ends_with("    x\n  [Previous line repeated 996 more times]\nRecursionError: maximum recursion depth exceeded\n"));
    }

    /// Runs the scripts through python3 and compares whole tracebacks (caret lines removed).
    #[test]
    fn matches_cpython_tracebacks() {
        let dir = std::env::temp_dir().join(format!("molt-rt-tb-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let cases: &[(usize, &str)] = &[
            (0, "ZeroDivisionError"),
            (2, "ZeroDivisionError"),
            (3, "ZeroDivisionError"),
            (4, "ValueError"),
            (50, "ZeroDivisionError"),
        ];
        for &(n, kind) in cases {
            let path = dir.join(format!("rec{n}.py"));
            let raise = if kind == "ValueError" {
                "raise ValueError(\"\")"
            } else {
                "return 1 // n"
            };
            let src = format!(
                "def f(n):\n    if n == 0:\n        {raise}\n    return f(n - 1)\n\nprint(f({n}))\n"
            );
            std::fs::write(&path, &src).unwrap();
            let out = std::process::Command::new("python3")
                .arg(&path)
                .output()
                .expect("python3");
            let expected: String = String::from_utf8(out.stderr)
                .unwrap()
                .lines()
                .filter(|l| !l.trim().chars().all(|c| c == '^' || c == '~'))
                .map(|l| format!("{l}\n"))
                .collect();
            let file = path.to_str().unwrap();
            let fr = |func: &str, line: i64, text: &str| Frame {
                file: file.into(),
                func: func.into(),
                line,
                text: text.into(),
                carets: String::new(),
            };
            let mut frames = vec![fr("f", 3, raise)];
            frames.extend((0..n).map(|_| fr("f", 4, "return f(n - 1)")));
            frames.push(fr("<module>", 6, &format!("print(f({n}))")));
            let (k, msg) = if kind == "ValueError" {
                (ExceptionKind::ValueError, "")
            } else {
                (
                    ExceptionKind::ZeroDivisionError,
                    "integer division or modulo by zero",
                )
            };
            assert_eq!(format_traceback(&exc(k, msg, frames)), expected, "n = {n}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn raise_push_take() {
        let _g = test_lock();
        clear_exception();
        assert_eq!(molt_exc_pending.load(Ordering::SeqCst), 0);
        let msg = "boom";
        unsafe { molt_raise(3, msg.as_ptr(), msg.len() as i64) };
        assert_eq!(molt_exc_pending.load(Ordering::SeqCst), 1);
        let (file, func, text, carets) = ("/a.py", "g", "  raise X  ", "    ~~^");
        unsafe {
            molt_traceback_push(
                file.as_ptr(),
                5,
                func.as_ptr(),
                1,
                9,
                text.as_ptr(),
                text.len() as i64,
                carets.as_ptr(),
                carets.len() as i64,
            );
            molt_traceback_push(
                std::ptr::null(),
                0,
                func.as_ptr(),
                1,
                1,
                std::ptr::null(),
                -3,
                std::ptr::null(),
                0,
            );
        }
        let e = take_exception().unwrap();
        assert_eq!(molt_exc_pending.load(Ordering::SeqCst), 0);
        assert_eq!(e.frames.len(), 2);
        assert_eq!(
            format_traceback(&e),
            "Traceback (most recent call last):\n  File \"\", line 1, in g\n  File \"/a.py\", line 9, in g\n    raise X  \n    ~~^\nValueError: boom\n"
        );
        // Frames beyond the limit are dropped (the outermost ones).
        raise(
            ExceptionKind::RecursionError,
            "maximum recursion depth exceeded",
        );
        for i in 0..(TRACEBACK_LIMIT + 5) {
            push_frame(frame("f", i as i64, ""));
        }
        let e = take_exception().unwrap();
        assert_eq!(e.frames.len(), TRACEBACK_LIMIT);
        assert_eq!(e.frames.last().unwrap().line, TRACEBACK_LIMIT as i64 - 1);
        // Unknown kinds still produce a report.
        raise_code(99, "x");
        assert_eq!(take_exception().unwrap().kind_name(), "SystemError");
        // Frames without a pending exception are ignored.
        push_frame(frame("f", 1, ""));
        assert_eq!(pending_exception(), None);
    }
}
