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
