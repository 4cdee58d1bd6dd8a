//! Rendering an uncaught exception exactly as CPython 3.11 prints it.
//!
//! Relies on: CPython 3.11's `Python/pythonrun.c` (`print_exception_recursive`,
//! `print_chained`, `print_exception_message`) and `Lib/traceback.py`'s frame folding
//! (`_RECURSIVE_CUTOFF`); an [`ExceptionReport`] built by `exceptions` from the pending
//! exception (its kind, `str()`, frames and the chain of exceptions printed above it).
//!
//! Provides: [`Frame`] (one traceback entry), [`ExceptionReport`] and [`ChainLink`] (a plain
//! snapshot of an exception and its `__cause__` / `__context__` chain, with no object
//! references), [`format_traceback`], [`TRACEBACK_LIMIT`] and [`push_frame_limited`].
//!
//! Invariants: pure functions of their input; nothing here panics; the chain is printed
//! oldest first, each chained exception followed by CPython's separator paragraph, without
//! recursion (a chain of any length is rendered in constant stack).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use crate::ExceptionKind;

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

/// How an exception of the chain relates to the one printed below it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainLink {
    /// It is the `__cause__` (`raise … from …`).
    Cause,
    /// It is the `__context__` (it was being handled).
    Context,
}

impl ChainLink {
    /// CPython's paragraph between the two exceptions (`cause_message` / `context_message`).
    pub const fn message(self) -> &'static str {
        match self {
            ChainLink::Cause => {
                "The above exception was the direct cause of the following exception:\n"
            }
            ChainLink::Context => {
                "During handling of the above exception, another exception occurred:\n"
            }
        }
    }
}

/// A snapshot of a Python exception, enough to print it: what `exceptions::take_exception`
/// returns for the pending exception.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExceptionReport {
    /// The exception's kind code (see [`ExceptionKind::from_code`]; unknown codes print as
    /// `SystemError`).
    pub kind: i32,
    /// `str()` of the exception (`<exception str() failed>` when that raised, as CPython
    /// prints it).
    pub message: String,
    /// The name printed for an exception of a user class (its `__qualname__`, after its
    /// `__module__` and a dot unless that is `__main__` or `builtins`); None for a builtin
    /// class (printed by its kind's name).
    pub class_name: Option<String>,
    /// The name CPython suggests after the message (". Did you mean: 'real'?").
    pub suggestion: Option<String>,
    /// What a SyntaxError prints between its traceback and its message (`  File "f", line N`,
    /// the text and its carets: `print_exception_file_and_line`), lines ending in newlines.
    pub location: Option<String>,
    /// Innermost frame first (push order). Holds at most [`TRACEBACK_LIMIT`] frames.
    pub frames: Vec<Frame>,
    /// The exceptions printed above this one, nearest first: `chain[0]` is this exception's
    /// cause or context, `chain[1]` that one's, and so on (CPython's rules: the cause wins,
    /// a suppressed context is not followed, an exception already in the chain ends it). The
    /// reports in it have empty chains of their own.
    pub chain: Vec<(ChainLink, ExceptionReport)>,
}

/// The historical name of [`ExceptionReport`].
pub type PendingException = ExceptionReport;

impl ExceptionReport {
    /// The Python class name for the exception's kind.
    pub fn kind_name(&self) -> &'static str {
        match ExceptionKind::from_code(self.kind) {
            Some(kind) => kind.name(),
            None => "SystemError",
        }
    }
}

/// Appends `frame` (the exception leaving one more function, outward) unless `frames` already
/// holds [`TRACEBACK_LIMIT`] (CPython prints the innermost ones) or memory runs out.
pub fn push_frame_limited(frames: &mut Vec<Frame>, frame: Frame) {
    if frames.len() < TRACEBACK_LIMIT && frames.try_reserve(1).is_ok() {
        frames.push(frame);
    }
}

/// Renders `exc` (and its chain) exactly as CPython 3.11 prints an uncaught exception.
pub fn format_traceback(exc: &ExceptionReport) -> String {
    let mut out = String::new();
    for (link, e) in exc.chain.iter().rev() {
        format_one(&mut out, e);
        out.push('\n');
        out.push_str(link.message());
        out.push('\n');
    }
    format_one(&mut out, exc);
    out
}

/// CPython's `print_exception`: the traceback (when there are frames), then `Kind: str`.
fn format_one(out: &mut String, exc: &ExceptionReport) {
    if !exc.frames.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
    }
    let mut last: Option<(&str, i64, &str)> = None;
    let mut count = 0usize;
    for frame in exc.frames.iter().rev() {
        let key = (frame.file.as_str(), frame.line, frame.func.as_str());
        if last != Some(key) {
            push_repeat_note(out, count);
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
    push_repeat_note(out, count);
    if let Some(l) = &exc.location {
        out.push_str(l);
    }
    match &exc.class_name {
        Some(n) => out.push_str(n),
        None => out.push_str(exc.kind_name()),
    }
    if !exc.message.is_empty() {
        out.push_str(": ");
        out.push_str(&exc.message);
    }
    if let Some(s) = &exc.suggestion {
        out.push_str(". Did you mean: '");
        out.push_str(s);
        out.push_str("'?");
    }
    out.push('\n');
}

fn push_repeat_note(out: &mut String, count: usize) {
    if count > RECURSIVE_CUTOFF {
        let n = count - RECURSIVE_CUTOFF;
        let plural = if n > 1 { "s" } else { "" };
        let _ = writeln!(out, "  [Previous line repeated {n} more time{plural}]");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;
    use std::vec;

    fn frame(func: &str, line: i64, text: &str) -> Frame {
        Frame {
            file: "/tmp/p.py".into(),
            func: func.into(),
            line,
            text: text.into(),
            carets: String::new(),
        }
    }

    fn exc(kind: ExceptionKind, msg: &str, frames: Vec<Frame>) -> ExceptionReport {
        ExceptionReport {
            kind: kind.code(),
            message: msg.into(),
            class_name: None,
            suggestion: None,
            location: None,
            frames,
            chain: Vec::new(),
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
        assert_eq!(exc(ExceptionKind::KeyError, "", vec![]).kind_name(), "KeyError");
        let mut e = exc(ExceptionKind::KeyError, "", vec![]);
        e.kind = 99;
        assert_eq!(e.kind_name(), "SystemError");
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
        // Without frames, CPython prints no "Traceback" header at all.
        assert_eq!(format_traceback(&exc(ExceptionKind::KeyError, "'k'", vec![])), "KeyError: 'k'\n");
    }

    fn recursion(n: usize) -> ExceptionReport {
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
        let cases: &[(usize, &str)] = &[
            (0, "ZeroDivisionError"),
            (2, "ZeroDivisionError"),
            (3, "ZeroDivisionError"),
            (4, "ValueError"),
            (50, "ZeroDivisionError"),
        ];
        for &(n, kind) in cases {
            let raise = if kind == "ValueError" {
                "raise ValueError(\"\")"
            } else {
                "return 1 // n"
            };
            let src = format!(
                "def f(n):\n    if n == 0:\n        {raise}\n    return f(n - 1)\n\nprint(f({n}))\n"
            );
            let (expected, file) = crate::testutil::python_stderr(&format!("rec{n}.py"), &src);
            let fr = |func: &str, line: i64, text: &str| Frame {
                file: file.clone(),
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
    }

    /// Chained exceptions (context, cause, suppressed context, a chain of three, a context
    /// with folded recursion frames) against python3's output.
    #[test]
    fn matches_cpython_chained_tracebacks() {
        // (script, build the report given the file name)
        type Build = fn(&dyn Fn(&str, i64, &str) -> Frame) -> ExceptionReport;
        let cases: &[(&str, Build)] = &[
            (
                "def f():\n    try:\n        1 // 0\n    except ZeroDivisionError:\n        raise KeyError\n\nf()\n",
                |fr| ExceptionReport {
                    kind: ExceptionKind::KeyError.code(),
                    message: String::new(),
                    class_name: None,
                    suggestion: None,
                    location: None,
                    frames: vec![fr("f", 5, "raise KeyError"), fr("<module>", 7, "f()")],
                    chain: vec![(
                        ChainLink::Context,
                        exc(
                            ExceptionKind::ZeroDivisionError,
                            "integer division or modulo by zero",
                            vec![fr("f", 3, "1 // 0")],
                        ),
                    )],
                },
            ),
            (
                "try:\n    try:\n        raise ValueError(\"a\")\n    except ValueError:\n        raise KeyError(\"k\")\nexcept LookupError:\n    raise RuntimeError()\n",
                |fr| ExceptionReport {
                    kind: ExceptionKind::RuntimeError.code(),
                    message: String::new(),
                    class_name: None,
                    suggestion: None,
                    location: None,
                    frames: vec![fr("<module>", 7, "raise RuntimeError()")],
                    chain: vec![
                        (
                            ChainLink::Context,
                            exc(
                                ExceptionKind::KeyError,
                                "'k'",
                                vec![fr("<module>", 5, "raise KeyError(\"k\")")],
                            ),
                        ),
                        (
                            ChainLink::Context,
                            exc(
                                ExceptionKind::ValueError,
                                "a",
                                vec![fr("<module>", 3, "raise ValueError(\"a\")")],
                            ),
                        ),
                    ],
                },
            ),
            (
                "try:\n    raise ValueError(\"a\")\nexcept ValueError as e:\n    raise TypeError(\"t\") from e\n",
                |fr| ExceptionReport {
                    kind: ExceptionKind::TypeError.code(),
                    message: "t".into(),
                    class_name: None,
                    suggestion: None,
                    location: None,
                    frames: vec![fr("<module>", 4, "raise TypeError(\"t\") from e")],
                    chain: vec![(
                        ChainLink::Cause,
                        exc(
                            ExceptionKind::ValueError,
                            "a",
                            vec![fr("<module>", 2, "raise ValueError(\"a\")")],
                        ),
                    )],
                },
            ),
            (
                "def f(n):\n    if n == 0:\n        return 1 // n\n    return f(n - 1)\n\ntry:\n    f(6)\nexcept ArithmeticError:\n    raise ValueError(2.5)\n",
                |fr| {
                    let mut frames = vec![fr("f", 3, "return 1 // n")];
                    frames.extend((0..6).map(|_| fr("f", 4, "return f(n - 1)")));
                    frames.push(fr("<module>", 7, "f(6)"));
                    ExceptionReport {
                        kind: ExceptionKind::ValueError.code(),
                        message: "2.5".into(),
                        class_name: None,
                        suggestion: None,
                        location: None,
                        frames: vec![fr("<module>", 9, "raise ValueError(2.5)")],
                        chain: vec![(
                            ChainLink::Context,
                            exc(
                                ExceptionKind::ZeroDivisionError,
                                "integer division or modulo by zero",
                                frames,
                            ),
                        )],
                    }
                },
            ),
        ];
        for (i, (src, build)) in cases.iter().enumerate() {
            let (expected, file) = crate::testutil::python_stderr(&format!("chain{i}.py"), src);
            let fr = |func: &str, line: i64, text: &str| Frame {
                file: file.clone(),
                func: func.into(),
                line,
                text: text.into(),
                carets: String::new(),
            };
            assert_eq!(format_traceback(&build(&fr)), expected, "case {i}:\n{src}");
        }
    }
}
