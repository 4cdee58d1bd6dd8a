//! Source text as CPython 3.11's tokenizer reads it (Parser/tokenizer.c): the byte-order mark
//! and PEP 263 coding declaration, NUL bytes, and the tokenizer's own errors that a parser never
//! reports — TabError, too many levels of indentation, an unindent that matches no outer level,
//! too many nested parentheses.
//!
//! Relies on: nothing but the bytes of the file (`decode`) or its decoded text
//! (`tokenizer_error`). Provides each problem as a `SourceError`: the exception CPython raises
//! (`SyntaxError`, `TabError`, `IndentationError`), its message verbatim, and where it is in the
//! decoded text.
//!
//! Invariants: `decode` always returns text (undecodable bytes become U+FFFD) so that the rest of
//! the pipeline can show where the problem is; the first problem in file order is the one
//! reported, as CPython stops at its first tokenizer error. The tokenizer checks follow
//! `tok_get` exactly: indentation is measured (tabs to multiples of 8, and again with tabs of 1
//! for the consistency check) at the start of every line that begins a logical line — not inside
//! brackets, strings or after a backslash continuation, and not on blank or comment-only lines.

mod codecs;

#[cfg(test)]
mod tests;

/// A problem CPython reports before parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceError {
    /// The exception CPython raises: `SyntaxError`, `TabError` or `IndentationError`; `None` for
    /// a valid encoding Molt cannot decode yet (not CPython's error: a Molt diagnostic).
    pub exception: Option<&'static str>,
    pub message: String,
    /// Byte offset in the decoded text.
    pub offset: u32,
}

impl SourceError {
    fn new(exception: &'static str, message: impl Into<String>, offset: usize) -> SourceError {
        SourceError { exception: Some(exception), message: message.into(), offset: offset as u32 }
    }
}

/// The diagnostic of `e`: E0001 with CPython's exception and message (E0100 for an encoding
/// Molt cannot decode yet), at the start of its line.
pub fn diagnostic(e: &SourceError) -> crate::diagnostics::Diagnostic {
    use crate::diagnostics::Diagnostic;
    let sp = molt_ir::Span::new(e.offset, e.offset);
    match e.exception {
        Some(exc) => Diagnostic::new("E0001", sp, format!("{exc}: {}", e.message)).label("here").help("CPython rejects this file before running it"),
        None => Diagnostic::new("E0100", sp, e.message.clone()).label("declared here").help("save the file as UTF-8 and drop the coding declaration"),
    }
}

/// The decoded text of a source file and the first problem found while decoding it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub error: Option<SourceError>,
}

const BOM: &[u8] = b"\xef\xbb\xbf";

/// Decodes `bytes` as CPython does (`path` appears in its "Non-UTF-8 code" message).
pub fn decode(bytes: &[u8], path: &str) -> Decoded {
    let (bom, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let declared = coding_spec(body);
    let lossy = || String::from_utf8_lossy(body).into_owned();
    let codec = match &declared {
        Some(name) => {
            let normal = normal_name(name);
            if bom && normal != "utf-8" {
                return Decoded { text: lossy(), error: Some(SourceError::new("SyntaxError", format!("encoding problem: {name} with BOM"), 0)) };
            }
            match python_codec(&normal) {
                Some(c) => Some(c),
                None => return Decoded { text: lossy(), error: Some(SourceError::new("SyntaxError", format!("encoding problem: {name}"), 0)) },
            }
        }
        None => None,
    };
    let (text, mut error) = match codec {
        None | Some("utf_8") => match std::str::from_utf8(body) {
            Ok(t) => (t.to_string(), None),
            Err(e) => {
                let at = e.valid_up_to();
                let line = body[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                let text = lossy();
                let offset = text.char_indices().filter(|&(_, c)| c == '\u{fffd}').map(|(i, _)| i).next().unwrap_or(0);
                let msg = format!(
                    "Non-UTF-8 code starting with '\\x{:02x}' in file {path} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                    body[at]
                );
                (text, Some(SourceError::new("SyntaxError", msg, offset)))
            }
        },
        Some("latin_1") => (body.iter().map(|&b| char::from(b)).collect(), None),
        Some("ascii") if body.is_ascii() => (lossy(), None),
        Some("ascii") => {
            let name = declared.clone().unwrap_or_default();
            (lossy(), Some(SourceError::new("SyntaxError", format!("encoding problem: {name}"), 0)))
        }
        Some(c) => {
            let name = declared.clone().unwrap_or_default();
            let msg = format!("source encoding `{name}` (CPython's codec `{c}`) is not supported yet: Molt decodes UTF-8, Latin-1 and ASCII sources");
            (lossy(), Some(SourceError { exception: None, message: msg, offset: 0 }))
        }
    };
    if error.is_none()
        && let Some(at) = text.find('\0')
    {
        error = Some(SourceError::new("SyntaxError", "source code cannot contain null bytes", at));
    }
    Decoded { text, error }
}

/// The coding declaration of the first line, or of the second when the first is blank or a
/// comment (`check_coding_spec` / `get_coding_spec`).
fn coding_spec(body: &[u8]) -> Option<String> {
    let mut lines = body.split(|&b| b == b'\n');
    let first = lines.next()?;
    if let Some(name) = line_coding_spec(first) {
        return Some(name);
    }
    let blank_or_comment = first.iter().find(|b| !matches!(b, b' ' | b'\t' | b'\x0c' | b'\r')).is_none_or(|&b| b == b'#');
    if !blank_or_comment {
        return None;
    }
    line_coding_spec(lines.next()?)
}

/// `get_coding_spec` on one line: a comment line containing `coding[:=]` then a name of
/// letters, digits, `-`, `_` and `.`.
fn line_coding_spec(line: &[u8]) -> Option<String> {
    let hash = line.iter().position(|&b| b == b'#')?;
    if line[..hash].iter().any(|b| !matches!(b, b' ' | b'\t' | b'\x0c')) {
        return None;
    }
    let comment = &line[hash..];
    let mut from = 0;
    while let Some(k) = find(&comment[from..], b"coding") {
        let after = from + k + 6;
        from = after;
        if !matches!(comment.get(after), Some(b':' | b'=')) {
            continue;
        }
        let rest = &comment[after + 1..];
        let start = rest.iter().position(|b| !matches!(b, b' ' | b'\t')).unwrap_or(rest.len());
        let name: Vec<u8> = rest[start..].iter().copied().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')).collect();
        if !name.is_empty() {
            return String::from_utf8(name).ok();
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `get_normal_name`: the first 12 characters lowercased with `_` as `-`, mapped to `utf-8` or
/// `iso-8859-1` for their spellings; other names unchanged.
fn normal_name(name: &str) -> String {
    let buf: String = name.chars().take(12).map(|c| if c == '_' { '-' } else { c.to_ascii_lowercase() }).collect();
    if buf == "utf-8" || buf.starts_with("utf-8-") {
        return "utf-8".into();
    }
    let latin = ["latin-1", "iso-8859-1", "iso-latin-1"];
    if latin.contains(&buf.as_str()) || latin.iter().any(|l| buf.starts_with(&format!("{l}-"))) {
        return "iso-8859-1".into();
    }
    name.to_string()
}

/// The codec module CPython's `codecs.lookup` finds for `name` (lowercased, then
/// `encodings.normalize_encoding`, then the alias table or a module of that name).
fn python_codec(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let mut norm = String::new();
    let mut punct = false;
    for c in lower.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if punct && !norm.is_empty() {
                norm.push('_');
            }
            norm.push(c);
            punct = false;
        } else {
            punct = true;
        }
    }
    let alias = |n: &str| codecs::ALIASES.binary_search_by(|(a, _)| (*a).cmp(n)).ok().map(|i| codecs::ALIASES[i].1);
    if let Some(c) = alias(&norm).or_else(|| alias(&norm.replace('.', "_"))) {
        return Some(c);
    }
    codecs::MODULES.binary_search(&norm.as_str()).ok().map(|i| codecs::MODULES[i])
}

/// The first error CPython's tokenizer raises on `text` (see the module doc), if any.
pub fn tokenizer_error(text: &str) -> Option<SourceError> {
    const TABSIZE: usize = 8;
    const MAXINDENT: usize = 100;
    const MAXLEVEL: usize = 200;
    let b = text.as_bytes();
    let mut indstack = vec![0usize];
    let mut altindstack = vec![0usize];
    let mut level = 0usize;
    let mut i = 0;
    let mut atbol = true;
    while i < b.len() {
        if atbol {
            atbol = false;
            let line_start = i;
            let (mut col, mut altcol) = (0usize, 0usize);
            let mut cont_line_col = 0;
            loop {
                match b.get(i) {
                    Some(b' ') => {
                        col += 1;
                        altcol += 1;
                    }
                    Some(b'\t') => {
                        col = (col / TABSIZE + 1) * TABSIZE;
                        altcol += 1;
                    }
                    Some(b'\x0c') => {
                        col = 0;
                        altcol = 0;
                    }
                    Some(b'\\') if matches!(b.get(i + 1), Some(b'\n')) || (b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n')) => {
                        cont_line_col = if cont_line_col != 0 { cont_line_col } else { col };
                        i += if b[i + 1] == b'\r' { 2 } else { 1 };
                    }
                    _ => break,
                }
                i += 1;
            }
            let blank = matches!(b.get(i), None | Some(b'#' | b'\n' | b'\r'));
            if !blank && level == 0 {
                if cont_line_col != 0 {
                    col = cont_line_col;
                    altcol = cont_line_col;
                }
                let top = indstack.len() - 1;
                let tab_error = || Some(SourceError::new("TabError", "inconsistent use of tabs and spaces in indentation", line_start));
                if col == indstack[top] {
                    if altcol != altindstack[top] {
                        return tab_error();
                    }
                } else if col > indstack[top] {
                    if top + 1 >= MAXINDENT {
                        return Some(SourceError::new("IndentationError", "too many levels of indentation", line_start));
                    }
                    if altcol <= altindstack[top] {
                        return tab_error();
                    }
                    indstack.push(col);
                    altindstack.push(altcol);
                } else {
                    while indstack.len() > 1 && col < indstack[indstack.len() - 1] {
                        indstack.pop();
                        altindstack.pop();
                    }
                    let top = indstack.len() - 1;
                    if col != indstack[top] {
                        return Some(SourceError::new("IndentationError", "unindent does not match any outer indentation level", line_start));
                    }
                    if altcol != altindstack[top] {
                        return tab_error();
                    }
                }
            }
            continue;
        }
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\n' => {
                atbol = true;
                i += 1;
            }
            b'\\' if matches!(b.get(i + 1), Some(b'\n')) => i += 2,
            b'\\' if b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n') => i += 3,
            q @ (b'\'' | b'"') => i = skip_string(b, i, q),
            b'(' | b'[' | b'{' => {
                if level >= MAXLEVEL {
                    return Some(SourceError::new("SyntaxError", "too many nested parentheses", i));
                }
                level += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                level = level.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// The index just after the string literal whose opening quote `q` is at `i` (a backslash
/// always takes the next character along, raw or not; an unterminated one-line string ends at
/// the line end, an unterminated triple-quoted one at the end of the text).
fn skip_string(b: &[u8], i: usize, q: u8) -> usize {
    let triple = b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q);
    let mut k = if triple { i + 3 } else { i + 1 };
    while k < b.len() {
        match b[k] {
            b'\\' => k += 2,
            b'\n' if !triple => return k,
            c if c == q && (!triple || (b.get(k + 1) == Some(&q) && b.get(k + 2) == Some(&q))) => {
                return if triple { k + 3 } else { k + 1 };
            }
            _ => k += 1,
        }
    }
    b.len()
}
