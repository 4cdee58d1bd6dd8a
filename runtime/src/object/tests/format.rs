//! `format()` and `ascii()` against CPython 3.11: every row of `format_vectors.txt` (generated
//! by `runtime/tools/format_vectors.py`; see its doc for the row format), the Unicode digit
//! table of `format/spec.rs`, and `ascii()` of non-ASCII strs and nested values.

use std::string::String;
use std::vec::Vec;

use crate::ExceptionKind;
use crate::object::format::{SpecArg, ascii_value, format_value, spec};
use crate::object::{Obj, decref, exception, float, int, singletons, str, tuple};

const VECTORS: &str = include_str!("format_vectors.txt");

use super::vectors::{assert_rows, live, unescape, value};

/// `=text` or `!Kind: message` for `format(value, spec)`.
fn run(v: Obj, spec: &str) -> String {
    let s = str::str_from_text(spec).unwrap();
    let r = match format_value(v, s) {
        Ok(o) => {
            let text = format!("={}", str::str_text(o).expect("format returns a str"));
            unsafe { decref(o) };
            text
        }
        Err(e) => format!("!{}: {}", e.kind.name(), e.message),
    };
    unsafe { decref(s) };
    r
}

#[test]
fn format_matches_cpython_vectors() {
    let mut rows = 0;
    let mut failures = Vec::new();
    for line in VECTORS.lines() {
        let mut fields = line.splitn(3, '\t');
        let (token, spec, expected) = (
            fields.next().unwrap(),
            fields.next().unwrap(),
            fields.next().unwrap(),
        );
        let spec = unescape(spec);
        let expected = unescape(expected);
        let before = live();
        let v = value(token);
        let got = run(v, &spec);
        unsafe { decref(v) };
        assert_eq!(live(), before, "format({token}, {spec:?}) leaked");
        rows += 1;
        if got != expected {
            let token: String = token.chars().take(60).collect();
            failures.push(format!(
                "format({token}, {spec:?}):\n  got      {got:?}\n  expected {expected:?}"
            ));
        }
    }
    assert_rows(rows, 5000, &failures);
}

#[test]
fn spec_argument_must_be_a_str() {
    let v = Obj::small(5).unwrap();
    let e = format_value(v, Obj::small(3).unwrap()).unwrap_err();
    assert_eq!(e.kind, ExceptionKind::TypeError);
    assert_eq!(e.message, "format() argument 2 must be str, not int");
}

#[test]
fn empty_spec_of_a_str_is_the_same_object() {
    let s = str::str_from_text("abc").unwrap();
    let empty = str::str_from_text("").unwrap();
    let r = format_value(s, empty).unwrap();
    assert!(r.is(s));
    unsafe {
        decref(r);
        decref(s);
        decref(empty);
    }
}

#[test]
fn decimal_digit_table_matches_python() {
    let out = crate::testutil::python(
        "import unicodedata\nprint(' '.join(str(c) for c in range(0x110000) if chr(c).isdecimal()))",
        "",
    );
    let expected: Vec<u32> = out.split_whitespace().map(|t| t.parse().unwrap()).collect();
    let ours: Vec<u32> = (0..0x11_0000u32)
        .filter(|&u| char::from_u32(u).and_then(spec::decimal_value).is_some())
        .collect();
    assert_eq!(ours, expected);
    for &u in &expected {
        let c = char::from_u32(u).unwrap();
        let zero = spec::DECIMAL_ZEROS[spec::DECIMAL_ZEROS.partition_point(|&z| z <= u) - 1];
        assert_eq!(spec::decimal_value(c), Some(u - zero));
    }
}

fn ascii_of(v: Obj) -> String {
    let r = ascii_value(v).unwrap();
    let s = str::str_text(r).unwrap().to_owned();
    unsafe { decref(r) };
    s
}

#[test]
fn ascii_escapes_non_ascii() {
    let cases = [
        ("abc", r"'abc'"),
        ("é€😀", r"'\xe9\u20ac\U0001f600'"),
        ("it's ü", r#""it's \xfc""#),
        ("\u{85}\u{a0}ÿ\u{100}", r"'\x85\xa0\xff\u0100'"),
        ("tab\t\u{ffff}\u{10ffff}", r"'tab\t\uffff\U0010ffff'"),
        ("", "''"),
    ];
    let script = "import sys\nfor line in sys.stdin: print(ascii(line.rstrip('\\n').encode().decode('unicode_escape')))";
    let input: String = cases
        .iter()
        .map(|(s, _)| {
            s.chars()
                .map(|c| {
                    if c.is_ascii_graphic() || c == ' ' {
                        c.to_string()
                    } else {
                        format!("\\U{:08x}", u32::from(c))
                    }
                })
                .collect::<String>()
                + "\n"
        })
        .collect();
    let python: Vec<String> = crate::testutil::python(script, &input)
        .lines()
        .map(String::from)
        .collect();
    for (i, (text, expected)) in cases.iter().enumerate() {
        assert_eq!(python[i], *expected, "python's ascii({text:?})");
        let s = str::str_from_text(text).unwrap();
        assert_eq!(ascii_of(s), *expected);
        unsafe { decref(s) };
    }
}

#[test]
fn ascii_of_nested_and_other_values() {
    // (1, 'é', ('€', None), 2.5, True)
    let e = str::str_from_text("é").unwrap();
    let euro = str::str_from_text("€").unwrap();
    let inner = tuple::tuple_from_vec(vec![euro, singletons::none()]).unwrap();
    let x = float::box_float(2.5).unwrap();
    let outer = tuple::tuple_from_vec(vec![
        Obj::small(1).unwrap(),
        e,
        inner,
        x,
        singletons::bool_obj(true),
    ])
    .unwrap();
    let expected = crate::testutil::python("print(ascii((1, 'é', ('€', None), 2.5, True)))", "");
    assert_eq!(ascii_of(outer), expected.trim_end());
    assert_eq!(ascii_of(outer), r"(1, '\xe9', ('\u20ac', None), 2.5, True)");
    unsafe { decref(outer) };
    let arg = str::str_from_text("ü").unwrap();
    let exc = exception::new_exception(ExceptionKind::ValueError.code(), Some(arg)).unwrap();
    assert_eq!(ascii_of(exc), r"ValueError('\xfc')");
    unsafe {
        decref(exc);
        decref(arg);
    }
    let big = int::int_from_decimal_text(b"-123456789012345678901234567890").unwrap();
    assert_eq!(ascii_of(big), "-123456789012345678901234567890");
    unsafe { decref(big) };
}

/// Every vector again through a str builder (an f-string's field, decisions/0060): the same
/// text between the parts around it, or the same error, with an empty prefix and the spec as a
/// str object, and with a prefix that takes the text past the builder's inline room and the spec as
/// a literal (kept for the whole run, as a literal is); nothing leaks.
#[test]
fn builder_fields_match_format_vectors() {
    let long = "é".repeat(92);
    let mut rows = 0;
    let mut failures = Vec::new();
    for line in VECTORS.lines() {
        let mut fields = line.splitn(3, '\t');
        let (token, spec, expected) = (fields.next().unwrap(), fields.next().unwrap(), fields.next().unwrap());
        let (spec, expected) = (unescape(spec), unescape(expected));
        for prefix in ["", long.as_str()] {
            let before = live();
            let v = value(token);
            let spec_obj = str::str_from_text(&spec).unwrap();
            let arg = if prefix.is_empty() {
                SpecArg::Obj(spec_obj)
            } else {
                SpecArg::Literal(std::boxed::Box::leak(spec.clone().into_boxed_str()))
            };
            let got = match crate::object::str_builder::format_between(prefix, v, arg, "|") {
                Ok(o) => {
                    let text = str::str_text(o).expect("a builder makes a str").to_owned();
                    let chars = str::str_chars(o);
                    unsafe { decref(o) };
                    assert_eq!(chars, text.chars().count(), "format({token}, {spec:?}) counted its characters wrong");
                    match text.strip_prefix(prefix).and_then(|t| t.strip_suffix('|')) {
                        Some(t) => format!("={t}"),
                        None => format!("?{text}"),
                    }
                }
                Err(e) => format!("!{}: {}", e.kind.name(), e.message),
            };
            unsafe {
                decref(v);
                decref(spec_obj);
            }
            assert_eq!(live(), before, "format({token}, {spec:?}) through a builder leaked");
            rows += 1;
            if got != expected {
                let token: String = token.chars().take(60).collect();
                failures.push(format!("builder format({token}, {spec:?}):\n  got      {got:?}\n  expected {expected:?}"));
            }
        }
    }
    assert_rows(rows, 10000, &failures);
}
