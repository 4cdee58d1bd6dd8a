//! What an uncaught exception's traceback shows for one raise site: the line number, the
//! stripped source line, and the line of location markers (`^^^^`, `~~^^~~`) under it.
//!
//! Relies on: op spans being byte ranges of the source file, each the expression (or statement)
//! whose bytecode instruction CPython 3.11 would blame (a call, a binary operator, a name …).
//! Provides `line_table`, computed once per code generation unit and handed to codegen as plain
//! strings (codegen knows no AST). The marker rules are CPython 3.11's (`Python/traceback.c`,
//! `tb_displayline`): markers from the span's start to its end (to the last non-blank character
//! of the first line for a span over several lines); when the span's text parses as a binary
//! operation, `~` under the operands and `^` under the operator, when it is a subscription, `~`
//! under the value and `^` under the subscript; no markers when plain `^` would cover the whole
//! stripped line. Offsets are counted in characters, as CPython does.

use std::collections::BTreeMap;

use molt_ir::{Func, Span};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

/// One traceback row's source information.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FrameLine {
    /// 1-based line number (0: unknown).
    pub line: i64,
    /// The source line without its indentation.
    pub text: String,
    /// The marker line to print under it (with its 4-space indent), or empty.
    pub carets: String,
    /// Code the compiler wrote where CPython runs text of its own through `exec` (a
    /// dataclass's methods): the row names the file `<string>` and shows no source line.
    pub synthetic: bool,
}

/// Spans from here on are no bytes of the source file but lines of code the compiler wrote
/// (`synthetic_span`): line N of the text numbered K is the span starting at
/// `SYNTHETIC_BASE + K * SYNTHETIC_LINES + N` (distinct starts: the front end keys definitions
/// by where they start).
pub const SYNTHETIC_BASE: u32 = 0xF000_0000;
const SYNTHETIC_LINES: u32 = 1 << 12;

/// The span of line `line` (below 4,096) of the compiler's text number `text` (below 65,536;
/// see [`FrameLine::synthetic`]).
pub fn synthetic_span(text: u32, line: u32) -> Span {
    let at = SYNTHETIC_BASE + (text % (1 << 16)) * SYNTHETIC_LINES + line % SYNTHETIC_LINES;
    Span::new(at, at)
}

/// Span → what a traceback shows for a raise at that span.
pub type LineTable = BTreeMap<(u32, u32), FrameLine>;

/// The byte offset at which each line of `text` starts.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.bytes().enumerate().filter(|&(_, c)| c == b'\n').map(|(i, _)| i + 1)).collect()
}

/// The line table of `funcs` (their definitions and every op), from the source text and its
/// `line_starts` (computed once per file: a table per function must not cost the file's size).
pub fn line_table<'f>(text: &str, starts: &[usize], funcs: impl IntoIterator<Item = &'f Func>) -> LineTable {
    let mut table = LineTable::new();
    for f in funcs {
        let spans = std::iter::once(f.span).chain(f.ops_in_order().map(|o| f.ops[o].span));
        for sp in spans {
            table.entry((sp.start, sp.end)).or_insert_with(|| frame_line(text, starts, sp));
        }
    }
    table
}

fn frame_line(text: &str, starts: &[usize], sp: Span) -> FrameLine {
    if sp.start >= SYNTHETIC_BASE {
        return FrameLine { line: i64::from((sp.start - SYNTHETIC_BASE) % SYNTHETIC_LINES), text: String::new(), carets: String::new(), synthetic: true };
    }
    let start = (sp.start as usize).min(text.len());
    let idx = match starts.binary_search(&start) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    };
    let line_start = starts[idx];
    let line_end = text[line_start..].find('\n').map_or(text.len(), |e| line_start + e);
    let raw = text.get(line_start..line_end).unwrap_or("").trim_end_matches('\r');
    let stripped = raw.trim_start_matches([' ', '\t', '\x0c']);
    FrameLine { line: idx as i64 + 1, text: stripped.to_string(), carets: carets(raw, start - line_start, sp.end as usize - line_start), synthetic: false }
}

/// The marker line for the byte range `[start, end)` of line `raw` (`end` may lie past the line
/// for a span over several lines). Empty when CPython prints none.
fn carets(raw: &str, start: usize, end: usize) -> String {
    if start >= end || !raw.is_char_boundary(start.min(raw.len())) {
        return String::new();
    }
    let chars = |b: usize| raw[..b.min(raw.len())].chars().count();
    let start_off = chars(start);
    let (end_off, anchors) = if end <= raw.len() && raw.is_char_boundary(end) {
        let segment = &raw[start..end];
        (chars(end), anchors(segment).map(|(l, r)| (start_off + segment[..l].chars().count(), start_off + segment[..r].chars().count())))
    } else {
        // A span over several lines: up to the last non-blank character of its first line.
        let last = raw.trim_end_matches([' ', '\t', '\x0c']).len();
        (chars(last), None)
    };
    let indent = raw.chars().take_while(|c| matches!(c, ' ' | '\t' | '\x0c')).count();
    let line_len = raw.chars().count();
    if anchors.is_none() && end_off - start_off == line_len - indent {
        return String::new();
    }
    let mut out = String::from("    ");
    for k in indent..end_off {
        out.push(match anchors {
            _ if k < start_off => ' ',
            Some((l, r)) if l <= k && k < r => '^',
            Some(_) => '~',
            None => '^',
        });
    }
    out
}

/// The operator's byte range within `segment` when it parses as one expression statement that is
/// a binary operation (the first non-blank characters between the operands, two when the second
/// one is not blank either), or the subscript's when it is a subscription.
fn anchors(segment: &str) -> Option<(usize, usize)> {
    let parsed = ruff_python_parser::parse_module(segment).ok()?;
    let body = &parsed.syntax().body;
    let [Stmt::Expr(e)] = body.as_slice() else { return None };
    let bytes = segment.as_bytes();
    let blank = |b: u8| matches!(b, b' ' | b'\t' | b'\x0c');
    match &*e.value {
        Expr::BinOp(b) => {
            // The operator: past blanks and the closing parentheses of the left operand.
            let (from, to) = (b.left.end().to_usize(), b.right.start().to_usize());
            let i = (from..to).find(|&i| !blank(bytes[i]) && bytes[i] != b')')?;
            let two = i + 1 < to && !blank(bytes[i + 1]);
            Some((i, if two { i + 2 } else { i + 1 }))
        }
        Expr::Subscript(s) => Some((s.value.end().to_usize(), s.slice.end().to_usize() + 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::carets;

    /// Expected marker lines from python3 3.11 tracebacks.
    #[test]
    fn markers_as_cpython_prints_them() {
        let at = |line: &str, seg: &str| {
            let s = line.find(seg).unwrap();
            carets(line, s, s + seg.len())
        };
        assert_eq!(at("print(1 // 0)", "1 // 0"), "          ~~^^~~");
        assert_eq!(at("    return 1 // x", "1 // x"), "           ~~^^~~");
        assert_eq!(at("y = g()", "g()"), "        ^^^");
        assert_eq!(at("    f(0)", "f(0)"), "");
        assert_eq!(at("x //= 0", "x //= 0"), "");
        assert_eq!(at("print(undefined_name)", "undefined_name"), "          ^^^^^^^^^^^^^^");
        assert_eq!(at("    return    -None", "-None"), "              ^^^^^");
        assert_eq!(at("1 // 0", "1 // 0"), "    ~~^^~~");
        assert_eq!(at("print(a[1] + b)", "a[1]"), "          ~^^^");
        assert_eq!(at("print((2 ** 100) >> n)", "(2 ** 100) >> n"), "          ~~~~~~~~~~~^^~~");
        // A span over several lines: markers to the end of its first line.
        assert_eq!(carets("a = (1 +", 5, 20), "         ^^^");
    }
}
