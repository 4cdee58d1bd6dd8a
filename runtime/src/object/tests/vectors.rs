//! The value tokens of the generated vector files (`format_vectors.txt`, `printf_vectors.txt`,
//! written by `runtime/tools/*_vectors.py`): escapes, the objects the tokens stand for, and the
//! live-object counts each row is checked against.

use std::string::String;
use std::vec::Vec;

use crate::ExceptionKind;
use crate::object::alloc::{HeapKind, stats};
use crate::object::{Obj, decref, exception, float, int, iter, singletons, str, tuple};

/// Undoes the generator's escapes (`\\`, `\t`, `\n`, `\r`, `\xNN`).
pub(super) fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            Some(other) => out.push(other),
            None => panic!("dangling backslash in {s:?}"),
        }
    }
    out
}

/// The tuple (1, 'a').
pub(super) fn pair() -> Obj {
    let a = str::str_from_text("a").unwrap();
    tuple::tuple_from_vec(vec![Obj::small(1).unwrap(), a]).unwrap()
}

/// The object a VALUE token stands for (a new reference).
pub(super) fn value(token: &str) -> Obj {
    let (kind, text) = token.split_once(':').unwrap();
    match kind {
        "int" => int::int_from_decimal_text(text.as_bytes()).unwrap(),
        "big" => int::from_big(super::int_token(text).unwrap()).unwrap(),
        "bool" => singletons::bool_obj(text == "True"),
        "float" => float::box_float(match text {
            "nan" => f64::NAN,
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            t => t.parse().unwrap(),
        })
        .unwrap(),
        "str" => str::str_from_text(&unescape(text)).unwrap(),
        "none" => singletons::none(),
        // The tuple (1, 'a'): `tuple:` in the format vectors, `pair:` in the printf ones.
        "pair" | "tuple" => pair(),
        "empty" => tuple::tuple_from_vec(Vec::new()).unwrap(),
        "exc" => {
            let arg = str::str_from_text("bad").unwrap();
            let e = exception::new_exception(ExceptionKind::ValueError.code(), Some(arg)).unwrap();
            unsafe { decref(arg) };
            e
        }
        "class" => crate::object::attrs::molt_builtin_class(crate::BuiltinClass::Int as i32),
        "iter" => {
            let t = pair();
            let it = iter::get_iter(t).unwrap();
            unsafe { decref(t) };
            it
        }
        other => panic!("unknown value kind {other}"),
    }
}

pub(super) fn live() -> Vec<i64> {
    HeapKind::ALL.iter().map(|&k| stats(k).live).collect()
}


/// Fails unless more than `min` rows ran and none differed (the first 60 differences shown).
pub(super) fn assert_rows(rows: usize, min: usize, failures: &[String]) {
    assert!(rows > min, "only {rows} rows");
    assert!(failures.is_empty(), "{} of {rows} rows differ:\n{}", failures.len(), failures.iter().take(60).cloned().collect::<Vec<_>>().join("\n"));
}

/// Runs every row of a vector file (`input<TAB>expected` per line) through `eval` and fails
/// with the rows that differ; the file must have more than `min` rows.
pub(super) fn check_rows(vectors: &str, min: usize, mut eval: impl FnMut(&str) -> String) {
    let mut failures = Vec::new();
    let mut rows = 0;
    for row in vectors.lines() {
        let (line, expected) = row.split_once('\t').expect("a row is input<TAB>expected");
        rows += 1;
        let got = eval(line);
        if got != expected {
            failures.push(format!("{line}\n   got: {got}\n  want: {expected}"));
        }
    }
    assert_rows(rows, min, &failures);
}

/// Runs the inputs of a vector file through python3 with `script` (which prints one line per
/// input line) and requires the expected outputs: the vectors still say what CPython says.
pub(super) fn check_python(vectors: &str, script: &str) {
    let input: String = vectors.lines().map(|r| format!("{}\n", r.split_once('\t').expect("a row").0)).collect();
    let out = crate::testutil::python(script, &input);
    let out: Vec<&str> = out.lines().collect();
    let rows: Vec<&str> = vectors.lines().collect();
    assert_eq!(out.len(), rows.len());
    for (row, got) in rows.iter().zip(out) {
        let (line, expected) = row.split_once('\t').expect("a row");
        assert_eq!(got, expected, "python3 disagrees with the vectors on {line}");
    }
}

/// The pending exception as `!Kind: message`, cleared.
pub(super) fn taken_marked() -> String {
    let e = crate::exceptions::take_exception().expect("an exception is pending");
    format!("!{}: {}", e.kind_name(), e.message)
}

/// `a.name(*args)` as generated code calls it (`molt_obj_lookup_method`, then
/// `molt_obj_call_method` with the arguments tuple and the keyword names), shown as a result or
/// as the exception it raised.
pub(super) fn call(a: Obj, name: &str, args: Obj, kwnames: &str) -> String {
    let pending = || crate::exceptions::pending_exception().is_some();
    // SAFETY: the name and keyword names are valid for their lengths; `method` comes from the
    // lookup.
    let r = unsafe {
        let n = crate::object::range::Owned(crate::object::str::str_from_text(name).unwrap());
        let method = crate::molt_obj_lookup_method(a, n.get());
        if pending() {
            return taken_marked();
        }
        let items = crate::object::tuple::tuple_items(args).unwrap();
        crate::molt_obj_call_method(a, method, n.get(), kwnames.as_ptr(), kwnames.len() as i64, 1, items.as_ptr().cast(), items.len() as i64)
    };
    if pending() {
        assert_eq!(r, Obj::default(), "a raising call returns the word 0");
        taken_marked()
    } else {
        super::show_obj(Ok(r))
    }
}

/// `molt_obj_getattr(o, name)` with the name made a str for the call.
pub(super) fn getattr_raw(o: Obj, name: &str) -> Obj {
    let n = crate::object::str::str_from_text(name).unwrap();
    let r = crate::molt_obj_getattr(o, n);
    unsafe { crate::object::decref(n) };
    r
}
