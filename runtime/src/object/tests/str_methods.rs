//! The methods of `str` against CPython 3.11.
//!
//! * `str_methods_vectors.txt`: rows `text|method|args|kwnames`, a tab, then python3's result
//!   (`type:repr` or `!Kind: message`), written by `runtime/tools/str_vectors.py` with
//!   [`PY_STR_EVAL`] and re-checked against the installed python3 by
//!   `vectors_still_match_python`. Each row calls the method the way generated code does
//!   (`molt_obj_lookup_method` then `molt_obj_call_method`, the keyword arguments' values last
//!   in the argument tuple and named by `kwnames`) and is checked for leaks.
//! * Random strings over a small alphabet (spaces, `\t`, `\n`, non-ASCII letters) through split,
//!   rsplit, strip, replace, find, rfind, count, partition and rpartition, against python3.
//! * Every code point's character classes and case mappings against python3's, for the code
//!   points assigned in Unicode 14.0 (CPython 3.11's database).

use std::string::{String, ToString};
use std::vec::Vec;

use super::live;
use super::seq::parse;
use crate::exceptions::{clear_exception, test_lock};
use crate::object::{Obj, decref, str_methods_case as case};
use crate::testutil::Rng;

const VECTORS: &str = include_str!("str_methods_vectors.txt");

/// The evaluator that wrote `str_methods_vectors.txt` (input: the rows' first column).
pub const PY_STR_EVAL: &str = r#"
import sys
sys.stdin.reconfigure(encoding='utf-8')
sys.stdout.reconfigure(encoding='utf-8')
def show(r):
    return type(r).__name__ + ':' + repr(r)
for line in sys.stdin:
    text, name, args, kwnames = line.rstrip('\n').split('|')
    a = eval(text)
    pos = eval(args)
    names = kwnames.split(',') if kwnames else []
    npos = len(pos) - len(names)
    try:
        out = show(getattr(a, name)(*pos[:npos], **dict(zip(names, pos[npos:]))))
    except Exception as e:
        out = '!%s: %s' % (type(e).__name__, e)
    print(out)
"#;


/// Evaluates one row; panics if it leaks.
fn eval_row(line: &str) -> String {
    crate::object::str_methods::enable_all();
    let before = live();
    let p: Vec<&str> = line.split('|').collect();
    assert_eq!(p.len(), 4, "bad row {line}");
    let a = parse(p[0]);
    let args = parse(p[2]);
    let out = super::vectors::call(a, p[1], args, p[3]);
    // SAFETY: the references `parse` made, released once.
    unsafe {
        decref(args);
        decref(a);
    }
    assert_eq!(live(), before, "{line} leaked (live per kind)");
    out
}

#[test]
fn vectors_match_the_object_model() {
    let _g = test_lock();
    clear_exception();
    super::vectors::check_rows(VECTORS, 500, eval_row);
}

#[test]
fn vectors_still_match_python() {
    super::vectors::check_python(VECTORS, PY_STR_EVAL);
}

/// A Python literal of `s` (escapes for the parser: `\\`, `'`, `|`, controls).
fn literal(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '|' => out.push_str("\\x7c"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

#[test]
fn random_strings_match_python() {
    let _g = test_lock();
    clear_exception();
    const ALPHABET: &[&str] = &[
        "a", "b", " ", "  ", "\t", "\n", "é", "ß", "Σ", "ab", "\u{3000}", "x",
    ];
    let mut rng = Rng::new(0x5717_2026);
    let word = |rng: &mut Rng, max: u64| -> String {
        let n = rng.below(max + 1);
        (0..n)
            .map(|_| ALPHABET[rng.below(ALPHABET.len() as u64) as usize])
            .collect()
    };
    let mut rows = Vec::new();
    for k in 0..1500u64 {
        let s = literal(&word(&mut rng, 14));
        let sub = literal(&word(&mut rng, 2));
        let sub1 = literal(&word(&mut rng, 1));
        let n = rng.below(7) as i64 - 2;
        let i = rng.below(24) as i64 - 12;
        let j = rng.below(24) as i64 - 12;
        rows.push(match k % 12 {
            0 => format!("{s}|split|()|"),
            1 => format!("{s}|split|({sub1}, {n})|"),
            2 => format!("{s}|rsplit|(None, {n})|"),
            3 => format!("{s}|rsplit|({sub1}, {n})|"),
            4 => format!("{s}|strip|({sub},)|"),
            5 => format!("{s}|rstrip|()|"),
            6 => format!("{s}|replace|({sub}, {sub1}, {n})|"),
            7 => format!("{s}|find|({sub}, {i}, {j})|"),
            8 => format!("{s}|rfind|({sub}, {i})|"),
            9 => format!("{s}|count|({sub}, {i}, {j})|"),
            10 => format!("{s}|partition|({sub1},)|"),
            _ => format!("{s}|rpartition|({sub1},)|"),
        });
    }
    let input: String = rows.iter().map(|r| format!("{r}\n")).collect();
    let expected = crate::testutil::python(PY_STR_EVAL, &input);
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(expected.len(), rows.len());
    let mut failures = Vec::new();
    for (row, want) in rows.iter().zip(expected) {
        let got = eval_row(row);
        if got != want {
            failures.push(format!("{row}\n   got: {got}\n  want: {want}"));
        }
    }
    super::vectors::assert_rows(rows.len(), 1000, &failures);
}

#[test]
fn random_format_templates_match_python() {
    let _g = test_lock();
    clear_exception();
    const PIECES: &[&str] = &[
        "{", "}", "{}", "{0}", "{1}", "{x}", "[", "]", "0", "1", "!", "r", "a", ":", ">", "5", ".",
        "real", "é", "x", " ", "{0[1]}", "{:", "s}", "{{", "}}", "€",
    ];
    let mut rng = Rng::new(0xf0_7a_11);
    let mut rows = Vec::new();
    for _ in 0..3000 {
        let n = 1 + rng.below(7);
        let t: String = (0..n)
            .map(|_| PIECES[rng.below(PIECES.len() as u64) as usize])
            .collect();
        rows.push(format!("{}|format|(1, [2, 'é'], 'yz')|x", literal(&t)));
    }
    let input: String = rows.iter().map(|r| format!("{r}\n")).collect();
    let expected = crate::testutil::python(PY_STR_EVAL, &input);
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(expected.len(), rows.len());
    let mut failures = Vec::new();
    for (row, want) in rows.iter().zip(expected) {
        let got = eval_row(row);
        if got != want {
            failures.push(format!("{row}\n   got: {got}\n  want: {want}"));
        }
    }
    super::vectors::assert_rows(rows.len(), 2000, &failures);
}

/// Prints, for every code point assigned in Python's Unicode database (category not Cn), its
/// code point, its class flags (see `flags`) and its single-character lower, upper, title and
/// casefold (as code point lists).
const PY_UNICODE_TABLE: &str = r#"
import sys, unicodedata
out = []
for cp in range(0x110000):
    c = chr(cp)
    if unicodedata.category(c) == 'Cn':
        continue
    f = ''.join('1' if p else '0' for p in (
        c.isalpha(), c.isdecimal(), c.isdigit(), c.isnumeric(), c.isspace(), c.isprintable(),
        c.islower(), c.isupper(), c.istitle(), c.isidentifier(), c.isalnum(),
        ('a' + c).isidentifier(), ('A' + c).istitle()))
    m = ' '.join(','.join('%x' % ord(x) for x in s) for s in (c.lower(), c.upper(), c.title(), c.casefold(), ('A' + c).title()[1:]))
    out.append('%x %s %s' % (cp, f, m))
sys.stdout.write('\n'.join(out) + '\n')
"#;

/// The same line for the object model.
fn unicode_line(cp: u32) -> String {
    crate::object::str_methods::enable_all();
    let c = char::from_u32(cp).unwrap();
    let s = |text: &str| crate::object::str::str_from_text(text).unwrap();
    let one = s(c.encode_utf8(&mut [0; 4]));
    let pred = |o: Obj, name: &str| -> bool {
        let r = crate::object::call::call_method(o, name, &[], &[]).unwrap();
        crate::object::singletons::bool_value(r)
    };
    let map = |o: Obj, name: &str| -> String {
        let r = crate::object::call::call_method(o, name, &[], &[]).unwrap();
        let t = crate::object::str::str_text(r).unwrap().to_string();
        // SAFETY: the new reference the method returned.
        unsafe { decref(r) };
        t
    };
    let a_c = s(&format!("a{c}"));
    let cap_c = s(&format!("A{c}"));
    let flags: String = [
        pred(one, "isalpha"),
        pred(one, "isdecimal"),
        pred(one, "isdigit"),
        pred(one, "isnumeric"),
        pred(one, "isspace"),
        pred(one, "isprintable"),
        pred(one, "islower"),
        pred(one, "isupper"),
        pred(one, "istitle"),
        pred(one, "isidentifier"),
        pred(one, "isalnum"),
        pred(a_c, "isidentifier"),
        pred(cap_c, "istitle"),
    ]
    .iter()
    .map(|&b| if b { '1' } else { '0' })
    .collect();
    let hex = |t: &str| {
        t.chars()
            .map(|x| format!("{:x}", x as u32))
            .collect::<Vec<_>>()
            .join(",")
    };
    let title_after: String = map(cap_c, "title").chars().skip(1).collect();
    let m = [
        hex(&map(one, "lower")),
        hex(&map(one, "upper")),
        hex(&map(one, "title")),
        hex(&map(one, "casefold")),
        hex(&title_after),
    ]
    .join(" ");
    // SAFETY: the references made above, released once.
    unsafe {
        decref(one);
        decref(a_c);
        decref(cap_c);
    }
    format!("{cp:x} {flags} {m}")
}

#[test]
fn every_code_point_matches_python() {
    let _g = test_lock();
    clear_exception();
    let before = live();
    let expected = crate::testutil::python(PY_UNICODE_TABLE, "");
    let mut failures = Vec::new();
    let mut rows = 0;
    for want in expected.lines() {
        let cp = u32::from_str_radix(want.split(' ').next().unwrap(), 16).unwrap();
        if (0xd800..0xe000).contains(&cp) {
            continue; // surrogates are no Rust chars (and no UTF-8 text)
        }
        rows += 1;
        let got = unicode_line(cp);
        if got != want && !changed_since_unicode_14(cp) {
            failures.push(format!("   got: {got}\n  want: {want}"));
        }
    }
    assert_eq!(live(), before, "the code point checks leaked");
    assert!(rows > 280_000, "only {rows} code points");
    super::vectors::assert_rows(rows, 280_000, &failures);
    // The classes answer directly as through the methods.
    assert!(case::is_numeric('一') && case::is_numeric('½') && !case::is_digit('½'));
    assert!(case::is_space('\u{3000}') && !case::is_space('\u{200b}'));
}

/// Code points assigned in Unicode 14.0 whose properties later versions changed (the
/// databases here are Unicode 18.0's, ICU4X, and 17.0's, `core`): they answer differently
/// from CPython 3.11.
fn changed_since_unicode_14(cp: u32) -> bool {
    CHANGED_SINCE_14.contains(&cp)
}

/// The differences `every_code_point_matches_python` reports, all changes of the Unicode
/// Character Database after 14.0.
const CHANGED_SINCE_14: &[u32] = &[
    // Lowercase letters that gained an uppercase (and titlecase) mapping when their capital
    // was encoded after 14.0 (U+A7CB, U+A7DC, U+A7DD, U+A7E2, U+A7D2, U+A7D4, U+AB6C, U+AB6D).
    0x19b, 0x264, 0x277, 0x27c, 0xa7d3, 0xa7d5, 0xab4b, 0xab4c,
    // Letters whose Lowercase property changed after 14.0 (Other_Lowercase).
    0x295, 0x10fc, 0xa7f2, 0xa7f3, 0xa7f4, 0xab69,
    // XID_Continue gained ZWNJ, ZWJ and the katakana middle dots (Unicode 15.1).
    0x200c, 0x200d, 0x30fb, 0xff65,
    // Numeric values given to ideographs and cuneiform signs after 14.0 (Unihan).
    0x4e24, 0x4eac, 0x4fe9, 0x5006, 0x62d0, 0x6d1e, 0x7695, 0x79ed, 0x920e, 0x94a9, 0x12038,
    0x12039, 0x12079, 0x12226, 0x1222b, 0x1230b, 0x1230d, 0x12399,
];
