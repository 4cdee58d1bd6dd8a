//! Parser errors: each is reported with the line it is on and a readable message.

use molt_ir::parse::{ParseError, parse_module};

fn err(text: &str) -> ParseError {
    parse_module(text).expect_err("should not parse")
}

/// Asserts the error is on `line` and its message contains `message`.
#[track_caller]
fn assert_err(text: &str, line: usize, message: &str) {
    let e = err(text);
    assert_eq!(e.line, line, "wrong line for: {e}");
    assert!(e.message.contains(message), "expected a message containing {message:?}, got: {e}");
    assert!(e.to_string().starts_with(&format!("line {line}: ")), "{e}");
}

const HEADER: &str = "// a comment line\nfunc @f -> (int) loc(0..10) {\n^bb0(%x: int):\n";

#[test]
fn unknown_op() {
    assert_err(&format!("{HEADER}  %0 = t.frobnicate %x : int loc(0..0)\n  cf.return %0 loc(0..0)\n}}\n"), 4, "unknown op `t.frobnicate`");
}

#[test]
fn undefined_value() {
    let text =
        format!("{HEADER}  %0 = t.int_neg %x : int loc(0..0)\n  %1 = t.int_neg %0 : int loc(0..0)\n  cf.return %nope loc(0..0)\n}}\n");
    assert_err(&text, 6, "undefined value %nope");
    // As a branch argument too.
    let text = format!("{HEADER}  cf.br ^bb1(%y) loc(0..0)\n^bb1(%a: int):\n  cf.return %a loc(0..0)\n}}\n");
    assert_err(&text, 4, "undefined value %y");
}

#[test]
fn undefined_block() {
    let text = format!("{HEADER}  cf.br ^bb9 loc(0..0)\n^bb1:\n  cf.return %x loc(0..0)\n}}\n");
    assert_err(&text, 4, "undefined block ^bb9");
}

#[test]
fn duplicate_value() {
    let text = format!("{HEADER}  %0 = t.int_neg %x : int loc(0..0)\n  %0 = t.int_neg %x : int loc(0..0)\n  cf.return %0 loc(0..0)\n}}\n");
    assert_err(&text, 5, "value %0 is defined twice");
    // A block argument reusing a name.
    let text = format!("{HEADER}  cf.br ^bb1(%x) loc(0..0)\n^bb1(%x: int):\n  cf.return %x loc(0..0)\n}}\n");
    assert_err(&text, 5, "value %x is defined twice");
}

#[test]
fn duplicate_block_function_global() {
    let text = format!("{HEADER}  cf.br ^bb1 loc(0..0)\n^bb1:\n  cf.br ^bb1 loc(0..0)\n^bb1:\n  cf.return %x loc(0..0)\n}}\n");
    assert_err(&text, 7, "block ^bb1 is defined twice");
    let f = "func @f -> () loc(0..0) {\n^bb0:\n  cf.return loc(0..0)\n}\n";
    assert_err(&format!("{f}\n{f}"), 6, "function @f is defined twice");
    assert_err("global @G : int\nglobal @G : float\n", 2, "global @G is defined twice");
}

#[test]
fn syntax_errors() {
    assert_err(&format!("{HEADER}  %0 = t.const {{value = 1}} : integer loc(0..0)\n"), 4, "unknown type `integer`");
    assert_err(&format!("{HEADER}  %0 = t.const {{value = 1}} : int loc(0..0) extra\n"), 4, "unexpected `extra` at the end of the line");
    assert_err(&format!("{HEADER}  %0 = t.const {{value = \"abc}} : int loc(0..0)\n"), 4, "unterminated string");
    assert_err(&format!("{HEADER}  %0 = t.const {{value = \"a\\q\"}} : str loc(0..0)\n"), 4, "unknown escape `\\q`");
    assert_err(&format!("{HEADER}  %0 = t.const {{value = 1x}} : int loc(0..0)\n"), 4, "bad attribute value `1x`");
    assert_err(&format!("{HEADER}  %0, %1 = t.int_neg %x : int loc(0..0)\n"), 4, "2 result name(s) but 1 result type(s)");
    assert_err(&format!("{HEADER}  %0 t.int_neg %x : int loc(0..0)\n"), 4, "expected `=`, found `t.int_neg`");
    assert_err(&format!("{HEADER}^bb1: junk\n"), 4, "unexpected `junk`");
    assert_err(&format!("{HEADER}  cf.return %x loc(0..0)\n"), 4, "missing `}` at end of function");
    assert_err("  cf.return loc(0..0)\n", 1, "expected `global` or `func`, found `cf.return`");
    assert_err("func @f -> (int) loc(0..1) {\n  cf.return loc(0..0)\n}\n", 2, "op outside a block");
    assert_err("func @f -> (int loc(0..1) {\n}\n", 1, "unknown type `loc`");
    assert_err("func @f -> () loc(0..1) {\n^bb0:\n  cf.return loc(0..0)\n} }\n", 4, "unexpected `}`");
    assert_err("func @f -> () loc(0..1) {\n^bb0:\n  cf.return % loc(0..0)\n}\n", 3, "`%` must be followed by a name");
}
