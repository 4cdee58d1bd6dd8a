//! User-facing diagnostics: stable codes, a span, a label, and a `help:` line.
//!
//! Provides: `Diagnostic` (what every front-end stage returns for a user error), the table of
//! error codes with their long explanations (`moltc explain`), and rendering (miette's graphical
//! report, or JSON with `--error-format=json`). Relies on spans being byte offsets into the file
//! the diagnostic is rendered against. Internal compiler errors are *not* diagnostics: they go
//! through `ice` and exit 101.

use std::fmt::Write as _;

use molt_ir::Span;

/// One entry of the error-code table.
pub struct ErrorCode {
    pub code: &'static str,
    pub title: &'static str,
    pub explanation: &'static str,
}

/// Every error code Molt emits. Codes are stable: never reuse or renumber one.
pub const ERROR_CODES: &[ErrorCode] = &[
    ErrorCode { code: "E0001", title: "syntax error", explanation: "The file is not valid Python 3 syntax. Molt uses the same grammar as CPython 3.11; fix the syntax error at the span shown." },
    ErrorCode { code: "E0100", title: "unsupported statement", explanation: "This statement is outside the subset Molt compiles today (see docs/subset.md). Supported: assignments to plain names, augmented assignment, `if`/`elif`/`else`, `while` (with `else`), `for x in range(...)` (with `else`), `break`, `continue`, `pass`, `return`, `raise` of a builtin exception class, `assert`, `try`/`except`/`else` over builtin exception classes, expression statements, and module-level `def` with positional parameters." },
    ErrorCode { code: "E0101", title: "unsupported expression", explanation: "This expression is outside the subset Molt compiles today (generator expressions, complex numbers, bytes, `:=`, calls of methods of the builtin classes themselves such as `str.upper(x)`, …). docs/subset.md lists what is supported; rewrite the expression with those constructs." },
    ErrorCode { code: "E0102", title: "unsupported call", explanation: "The callee is a name that is neither defined in the module nor a builtin Molt has (such as `open` or `input`), or a method is called with `*`/`**` arguments, which only calls of functions and builtins take so far. Define the function, or pass the arguments one by one." },
    ErrorCode { code: "E0103", title: "conflicting types", explanation: "A value here can have different types depending on the path taken (for example a variable that is an int on one branch and a float on the other, or a function that returns an int and a float), and the build asked for statically typed code only (`--tier 0`), or the operation (such as range() bounds) does not support boxed values yet. Without `--tier 0`, Molt boxes such values (Tier 1) and dispatches at run time. Otherwise convert explicitly so both paths agree (e.g. `float(x)`), or split the variable in two." },
    ErrorCode { code: "E0105", title: "unknown name", explanation: "The name is not a local variable, a module-level variable or function of this file, or a supported builtin. CPython would raise NameError when this line runs; Molt rejects the program so that it never silently differs." },
    ErrorCode { code: "E0106", title: "type not supported here", explanation: "The operation is valid Python, but Molt cannot compile it for these operand types yet (for example `%`-formatting of strings or `int()` of a string), or `--tier 0` rules out the boxed value it needs (a string operation, `int ** int` with an exponent whose sign is only known at run time). The help line says what to write instead." },
    ErrorCode { code: "E0107", title: "possibly unbound variable", explanation: "The variable may be read on a path where it was never assigned (for example after a loop that might not run). CPython would raise UnboundLocalError or NameError at run time on that path; Molt requires the variable to be assigned on every path first, e.g. by initializing it before the loop or `if`." },
    ErrorCode { code: "E0108", title: "unsupported definition", explanation: "A module-level function is defined once per name, and its name may not also be assigned as a variable (rename one); `async def` and type parameters are not supported yet; a nested function can only share the enclosing variables the symbol table gives it." },
    ErrorCode { code: "E0110", title: "module not available", explanation: "The program imports a module Molt cannot provide: a standard-library module Molt does not implement yet (the message names it; docs/subset.md lists the ones it has), a relative import from the main file or beyond the top-level package, or a module that is neither in CPython's standard library nor one of the program's own modules (the `.py` files and packages next to its main file; third-party packages are not compiled). Molt rejects the import at compile time rather than raise an ImportError CPython would not raise." },
    ErrorCode { code: "E0111", title: "module name not available", explanation: "The program reads a name of an imported module that CPython's module has and Molt's does not provide yet (the help line lists what Molt's module provides), `from m import` names a name the module does not have at all (CPython's ImportError), or uses `from m import *`. Import the names explicitly, or use what Molt's module provides." },
];

pub fn explain(code: &str) -> Option<&'static ErrorCode> {
    ERROR_CODES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub code: &'static str,
    /// The file the span is in, when it is not the program's main file (another module).
    pub file: Option<String>,
    pub message: String,
    pub span: Span,
    pub label: String,
    pub help: String,
}

impl Diagnostic {
    pub fn new(code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic { code, file: None, message: message.into(), span, label: String::new(), help: String::new() }
    }
    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = help.into();
        self
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: u32) -> (usize, usize) {
    let offset = (offset as usize).min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Debug)]
struct Report {
    d: Diagnostic,
    src: miette::NamedSource<String>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl std::error::Error for Report {}
impl miette::Diagnostic for Report {
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        (!self.d.help.is_empty()).then(|| Box::new(&self.d.help) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let start = self.d.span.start as usize;
        let len = (self.d.span.end.saturating_sub(self.d.span.start)) as usize;
        let label = if self.d.label.is_empty() { None } else { Some(self.d.label.clone()) };
        Some(Box::new(std::iter::once(miette::LabeledSpan::new(label, start, len))))
    }
}

/// Renders a diagnostic for a terminal (no colours: stable for snapshot tests and logs).
pub fn render(d: &Diagnostic, path: &str, text: &str) -> String {
    let (line, col) = line_col(text, d.span.start);
    let report = Report { d: d.clone(), src: miette::NamedSource::new(path, text.to_string()) };
    let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor()).with_width(100);
    let mut out = format!("error[{}]: {}\n  --> {path}:{line}:{col}\n", d.code, d.message);
    let mut body = String::new();
    if handler.render_report(&mut body, &report).is_ok() {
        // miette repeats the message above the snippet; the header above already says it.
        let mut lines = body.lines().skip_while(|l| !l.trim_start().starts_with('╭'));
        if let Some(first) = lines.next() {
            out.push_str(first);
            out.push('\n');
        }
        for l in lines {
            out.push_str(l.trim_end());
            out.push('\n');
        }
    }
    out
}

/// One JSON object per line (`--error-format=json`).
pub fn render_json(d: &Diagnostic, path: &str, text: &str) -> String {
    let (line, col) = line_col(text, d.span.start);
    let mut s = String::new();
    let _ = write!(
        s,
        "{{\"code\":{},\"message\":{},\"file\":{},\"line\":{line},\"column\":{col},\"start\":{},\"end\":{},\"label\":{},\"help\":{}}}",
        json_str(d.code),
        json_str(&d.message),
        json_str(path),
        d.span.start,
        d.span.end,
        json_str(&d.label),
        json_str(&d.help)
    );
    s
}

pub fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
