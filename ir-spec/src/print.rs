//! The textual form of the IR.
//!
//! Provides: `print_module` / `print_func`. Values and blocks are renumbered in layout order
//! (`%0, %1, …`, `^bb0, ^bb1, …`), so the output depends only on the IR's structure and
//! `parse(print(m))` prints identically (tested on every test program). Relies on every value
//! being defined by a block parameter or an op result present in the layout; a dangling value
//! prints as `%<invalid>` (the verifier reports it).
//!
//! Attribute values: integers in decimal; floats in Rust's shortest round-trip form, which never
//! reads back as an integer (`2.0`, `0.1`, `1e16`, `-0.0`, `inf`, `NaN`); `true`/`false`; `none`;
//! strings quoted with Rust's escapes (`\n`, `\"`, `\u{1b}`…); symbols as `@name`, or `@"…"`
//! when the name is not a plain word; types as `type(int)`.
//!
//! ```text
//! global @N : int
//! func @fib -> (int) loc(0..60) {
//! ^bb0(%0: int):
//!   %1 = t.const {value = 2} : int loc(20..21)
//!   %2 = t.int_cmp %0, %1 {op = "lt"} : bool loc(16..21)
//!   cf.cond_br %2, ^bb1, ^bb2 loc(13..60)
//! …
//! }
//! ```

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::ir::{Attr, Block, Func, Module, Value};

pub fn print_module(m: &Module) -> String {
    let mut out = String::new();
    for g in &m.globals {
        let _ = writeln!(out, "global {} : {}", print_sym(&g.name), g.ty);
    }
    for (i, f) in m.funcs.iter().enumerate() {
        if i > 0 || !m.globals.is_empty() {
            out.push('\n');
        }
        out.push_str(&print_func(f));
    }
    out
}

pub fn print_attr(a: &Attr) -> String {
    match a {
        Attr::Int(i) => i.to_string(),
        Attr::BigInt(d) => format!("bigint({d})"),
        Attr::Float(f) => format!("{:?}", f.0),
        Attr::Bool(b) => b.to_string(),
        Attr::None => "none".into(),
        Attr::Str(s) => format!("{s:?}"),
        Attr::Bytes(b) => format!("bytes({:?})", b.iter().map(|&c| char::from(c)).collect::<String>()),
        Attr::Sym(s) => print_sym(s),
        Attr::Type(t) => format!("type({t})"),
    }
}

/// A symbol: `@name` when the name lexes as one word (letters, digits, `_ . $ < > ! + -`, no
/// `..`), else `@"…"` with the string escapes of `print_attr`.
pub fn print_sym(name: &str) -> String {
    let plain = !name.is_empty()
        && !name.contains("..")
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '$' | '<' | '>' | '!' | '+' | '-'));
    if plain { format!("@{name}") } else { format!("@{name:?}") }
}

pub fn print_func(f: &Func) -> String {
    let mut names: HashMap<Value, usize> = HashMap::new();
    let mut blocks: HashMap<Block, usize> = HashMap::new();
    for (i, &b) in f.layout.iter().enumerate() {
        blocks.insert(b, i);
    }
    // Number values in textual order of definition.
    for &b in &f.layout {
        for &p in &f.blocks[b].params {
            let n = names.len();
            names.insert(p, n);
        }
        for &op in &f.blocks[b].ops {
            for &r in &f.ops[op].results {
                let n = names.len();
                names.insert(r, n);
            }
        }
    }
    let v = |x: &Value| names.get(x).map_or("%<invalid>".to_string(), |n| format!("%{n}"));
    let bname = |b: &Block| blocks.get(b).map_or("^<invalid>".to_string(), |n| format!("^bb{n}"));

    let mut out = String::new();
    let results: Vec<String> = f.results.iter().map(|t| t.to_string()).collect();
    let _ = writeln!(out, "func {} -> ({}) loc({}..{}) {{", print_sym(&f.name), results.join(", "), f.span.start, f.span.end);
    for &b in &f.layout {
        let params = &f.blocks[b].params;
        if params.is_empty() {
            let _ = writeln!(out, "{}:", bname(&b));
        } else {
            let ps: Vec<String> = params.iter().map(|p| format!("{}: {}", v(p), f.values[*p].ty)).collect();
            let _ = writeln!(out, "{}({}):", bname(&b), ps.join(", "));
        }
        for &opid in &f.blocks[b].ops {
            let op = &f.ops[opid];
            out.push_str("  ");
            if !op.results.is_empty() {
                let rs: Vec<String> = op.results.iter().map(&v).collect();
                let _ = write!(out, "{} = ", rs.join(", "));
            }
            out.push_str(op.opcode.name());
            let mut items: Vec<String> = op.operands.iter().map(&v).collect();
            for s in &op.successors {
                if s.args.is_empty() {
                    items.push(bname(&s.block));
                } else {
                    let args: Vec<String> = s.args.iter().map(&v).collect();
                    items.push(format!("{}({})", bname(&s.block), args.join(", ")));
                }
            }
            if !items.is_empty() {
                let _ = write!(out, " {}", items.join(", "));
            }
            if !op.attrs.is_empty() {
                let attrs: Vec<String> = op.attrs.iter().map(|(n, a)| format!("{n} = {}", print_attr(a))).collect();
                let _ = write!(out, " {{{}}}", attrs.join(", "));
            }
            if !op.results.is_empty() {
                let tys: Vec<String> = op.results.iter().map(|r| f.values[*r].ty.to_string()).collect();
                let _ = write!(out, " : {}", tys.join(", "));
            }
            let _ = writeln!(out, " loc({}..{})", op.span.start, op.span.end);
        }
    }
    out.push_str("}\n");
    out
}
