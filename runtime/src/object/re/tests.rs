//! The engine against CPython 3.11: every row of `vectors.txt` (written by
//! `runtime/tools/re_vectors.py`, which documents the row format) compiled and run here.

use std::format;
use std::string::String;
use std::vec::Vec;

use super::parse::ErrorKind;
use super::{Captures, Mode, Regex};

const VECTORS: &str = include_str!("vectors.txt");

fn unescape(s: &str) -> Vec<char> {
    let mut out = Vec::new();
    let mut cs = s.chars();
    while let Some(c) = cs.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match cs.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('x') => {
                let hex: String = cs.by_ref().take(2).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            Some(o) => out.push(o),
            None => panic!("dangling backslash in {s:?}"),
        }
    }
    out
}

fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn spans(r: &Regex, c: &Captures) -> String {
    let mut parts = Vec::new();
    for g in 0..=r.groups {
        parts.push(match c.span(g) {
            Some((a, b)) => format!("{a},{b}"),
            None => String::from("-"),
        });
    }
    format!("{}|{}", parts.join(" "), c.lastindex)
}

#[test]
fn engine_matches_cpython_vectors() {
    let mut failures = Vec::new();
    for row in VECTORS.lines() {
        let cols: Vec<&str> = row.split('\t').collect();
        let [pat, flags, text, mode, want] = cols[..] else { panic!("bad row {row:?}") };
        let pattern = unescape(pat);
        let text = unescape(text);
        let flags: u32 = flags.parse().unwrap();
        let got = match Regex::new(&pattern, flags) {
            Err(e) => {
                let pos = e.pos.map_or(String::from("-"), |p| format!("{p}"));
                match e.kind {
                    ErrorKind::Re => format!("!{}@{pos}", escape(&e.msg)),
                    ErrorKind::Overflow => format!("!OverflowError: {}@-", e.msg),
                    ErrorKind::Value => format!("!ValueError: {}@-", e.msg),
                    ErrorKind::Recursion => format!("!RecursionError: {}@-", e.msg),
                }
            }
            Ok(r) => {
                let n = text.len();
                let s = match mode {
                    "findall" => r.all(&text, 0, n, 0).iter().map(|c| spans(&r, c)).collect::<Vec<_>>().join(";"),
                    "compile" => String::from("compiled"),
                    m => {
                        let mode = match m {
                            "match" => Mode::Match,
                            "fullmatch" => Mode::FullMatch,
                            _ => Mode::Search,
                        };
                        r.exec(&text, 0, n, mode).map_or(String::from("none"), |c| spans(&r, &c))
                    }
                };
                if s.is_empty() { String::from("empty") } else { s }
            }
        };
        if got != want {
            failures.push(format!("{pat} flags={flags} text={} {mode}: want {want} got {got}", escape(&text.iter().collect::<String>())));
        }
    }
    assert!(failures.is_empty(), "{} rows differ:\n{}", failures.len(), failures.join("\n"));
}
