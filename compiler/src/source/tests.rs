//! Each expectation was checked against python3.11 running the same bytes.

use super::*;

fn tok(text: &str) -> Option<(&'static str, String, u32)> {
    tokenizer_error(text).map(|e| (e.exception.unwrap_or("-"), e.message, e.offset))
}

#[test]
fn tabs_and_spaces() {
    // Tab then 8 spaces: the same column with tabs of 8, not with tabs of 1.
    assert_eq!(tok("if True:\n\tx = 1\n        y = 2\n").map(|t| t.0), Some("TabError"));
    // Consistent tabs, consistent spaces, tabs inside brackets and strings: fine.
    assert_eq!(tok("if True:\n\tx = 1\n\ty = 2\n"), None);
    assert_eq!(tok("if True:\n    x = (1,\n\t2)\n    s = '''\n\t'''\n"), None);
    // A comment-only line with odd indentation does not count.
    assert_eq!(tok("if True:\n    x = 1\n\t# note\n    y = 2\n"), None);
    // Dedent to a level reached with tabs from spaces.
    assert_eq!(tok("if True:\n\tif True:\n\t\tx = 1\n        y = 2\n").map(|t| t.0), Some("TabError"));
}

#[test]
fn indentation_limits() {
    let mut src = String::new();
    for d in 0..99 {
        src.push_str(&" ".repeat(d));
        src.push_str("if True:\n");
    }
    src.push_str(&" ".repeat(99));
    src.push_str("x = 1\n");
    assert_eq!(tok(&src), None); // 99 nested blocks: CPython accepts
    let mut deeper = String::new();
    for d in 0..100 {
        deeper.push_str(&" ".repeat(d));
        deeper.push_str("if True:\n");
    }
    deeper.push_str(&" ".repeat(100));
    deeper.push_str("x = 1\n");
    assert_eq!(tok(&deeper).map(|t| (t.0, t.1)), Some(("IndentationError", "too many levels of indentation".into())));
    assert_eq!(tok("if True:\n    x = 1\n  y = 2\n").map(|t| t.1), Some("unindent does not match any outer indentation level".into()));
}

#[test]
fn nested_parentheses() {
    let ok = format!("x = {}1{}\n", "(".repeat(200), ")".repeat(200));
    assert_eq!(tok(&ok), None);
    let bad = format!("x = {}1{}\n", "(".repeat(201), ")".repeat(201));
    assert_eq!(tok(&bad), Some(("SyntaxError", "too many nested parentheses".into(), 4 + 200)));
    // Brackets in strings and comments do not count.
    assert_eq!(tok(&format!("s = '{}'  # {}\n", "(".repeat(300), "[".repeat(300))), None);
}

#[test]
fn encodings() {
    assert_eq!(decode(b"# -*- coding: latin-1 -*-\nprint('caf\xe9')\n", "f.py").text, "# -*- coding: latin-1 -*-\nprint('café')\n");
    assert_eq!(decode(b"#!/usr/bin/env python\n# coding=latin1\nx = '\xe9'\n", "f.py").error, None);
    let e = decode(b"# -*- coding: uft-8 -*-\n", "f.py").error.expect("error");
    assert_eq!(e.message, "encoding problem: uft-8");
    let e = decode(b"\xef\xbb\xbf#coding: utf8\nprint('x')\n", "f.py").error.expect("error");
    assert_eq!(e.message, "encoding problem: utf8 with BOM");
    assert_eq!(decode(b"\xef\xbb\xbf# coding: utf-8\nx = 1\n", "f.py").error, None);
    assert_eq!(decode(b"\xef\xbb\xbfx = 1\n", "f.py").text, "x = 1\n");
    // The declaration on line 2 counts only after a comment or blank line 1.
    let e = decode(b"x = 1\n# coding: latin-1\nprint('caf\xe9')\n", "/t/f.py").error.expect("error");
    assert_eq!(e.message, "Non-UTF-8 code starting with '\\xe9' in file /t/f.py on line 3, but no encoding declared; see https://peps.python.org/pep-0263/ for details");
    let e = decode(b"x = 1\nprint(\"a\x00b\")\n", "f.py").error.expect("error");
    assert_eq!((e.message.as_str(), e.offset), ("source code cannot contain null bytes", 14));
    // A real codec Molt does not decode yet is Molt's own diagnostic, not CPython's error.
    assert_eq!(decode(b"# coding: cp1252\nx = 1\n", "f.py").error.map(|e| e.exception), Some(None));
    assert_eq!(decode(b"# coding: foobar\nx = 1\n", "f.py").error.map(|e| e.message), Some("encoding problem: foobar".into()));
    assert_eq!(decode(b"# coding: ascii\nx = 'caf\xc3\xa9'\n", "f.py").error.map(|e| e.message), Some("encoding problem: ascii".into()));
}
