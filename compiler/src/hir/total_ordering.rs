//! `functools.total_ordering` as a compile-time expansion (decisions/0027, 0035): the class
//! decorator's missing comparison methods, written as CPython 3.11's `functools.py` writes them
//! (`_gt_from_lt`, …), parsed and added to the class body before the symbol table is built —
//! after `@dataclass`'s expansion, so that a dataclass's generated methods count.
//!
//! Relies on: the parser; `dataclass`'s helpers for the synthetic spans of written code
//! (`dataclass::parse`, `dataclass::relocate_stmt`).
//!
//! Provides: `expand`, the module body with every `@total_ordering` / `@functools.total_ordering`
//! class (the decorator innermost) given the methods CPython's decorator would set: its roots
//! are the ordering methods the class defines or inherits from the classes of this module it
//! derives from, the root is the greatest of their names (CPython's `max(roots)`), and each
//! operation the roots lack is added, computed from the root as CPython's function computes it.
//!
//! Invariants: the name `total_ordering` is taken out of `from functools import …` (the runtime's
//! `functools` does not have it); any other use of it is a diagnostic (E0111). A class with no
//! ordering method is CPython's ValueError, at compile time; a class deriving from a class the
//! expansion cannot see (not a class of this module, not `object`) is a diagnostic, since its
//! inherited methods would change the root. Texts written here are numbered from
//! [`TEXT_BASE`], apart from `@dataclass`'s.

use std::collections::HashMap;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::dataclass::{Uses, parse, relocate_stmt, rewrite_nested, take_import};
use super::span;
use crate::diagnostics::Diagnostic;

/// The first text number of the methods written here (`traceback::synthetic_span`).
const TEXT_BASE: u32 = 1 << 15;

/// The ordering methods, in CPython's `_convert` order of roots.
const OPS: [&str; 4] = ["__lt__", "__le__", "__gt__", "__ge__"];

/// `_convert[root]`: each operation with how it is computed from the root's result `r`
/// (`op_result`), as CPython's `_gt_from_lt` and the others.
fn derived(root: &str) -> [(&'static str, &'static str); 3] {
    match root {
        "__lt__" => [("__gt__", "not r and self != other"), ("__le__", "r or self == other"), ("__ge__", "not r")],
        "__le__" => [("__ge__", "not r or self == other"), ("__lt__", "r and self != other"), ("__gt__", "not r")],
        "__gt__" => [("__lt__", "not r and self != other"), ("__ge__", "r or self == other"), ("__le__", "not r")],
        _ => [("__le__", "not r or self == other"), ("__gt__", "r and self != other"), ("__lt__", "not r")],
    }
}

struct Expander {
    /// Local names `from functools import total_ordering [as x]` binds.
    names: Vec<String>,
    /// Names `import functools [as f]` binds.
    module_aliases: Vec<String>,
    /// The classes of this module seen so far: the ordering methods each defines or inherits.
    classes: HashMap<String, Vec<&'static str>>,
    text: u32,
    diags: Vec<Diagnostic>,
}

/// The body with its `@total_ordering` classes expanded, and the diagnostics; None when the
/// module does not import `functools` (nothing to do).
pub fn expand(body: &[Stmt]) -> Option<(Vec<Stmt>, Vec<Diagnostic>)> {
    let imports = |s: &Stmt| match s {
        Stmt::ImportFrom(i) => i.level == 0 && i.module.as_ref().is_some_and(|m| m.as_str() == "functools"),
        Stmt::Import(i) => i.names.iter().any(|a| a.name.as_str() == "functools"),
        _ => false,
    };
    if !body.iter().any(imports) {
        return None;
    }
    let mut x = Expander { names: Vec::new(), module_aliases: Vec::new(), classes: HashMap::new(), text: TEXT_BASE, diags: Vec::new() };
    let out = x.block(body.to_vec());
    // Any other use of the name is not supported (the runtime's `functools` lacks it).
    let names: HashMap<String, String> = x.names.iter().map(|n| (n.clone(), String::from("total_ordering"))).collect();
    let mut uses = Uses { names: &names, aliases: &[], found: Vec::new(), locals: Vec::new() };
    for s in &out {
        ruff_python_ast::visitor::Visitor::visit_stmt(&mut uses, s);
    }
    for (r, _) in uses.found {
        x.err(r, "`functools.total_ordering` is only supported as a class decorator (`@total_ordering`)", "used as a value");
    }
    Some((out, x.diags))
}

impl Expander {
    fn sub<B: Default + IntoIterator<Item = Stmt> + FromIterator<Stmt>>(&mut self, body: &mut B) {
        let b: Vec<Stmt> = std::mem::take(body).into_iter().collect();
        *body = self.block(b).into_iter().collect();
    }

    fn block(&mut self, body: Vec<Stmt>) -> Vec<Stmt> {
        let mut out = Vec::with_capacity(body.len());
        for s in body {
            match s {
                s @ (Stmt::ImportFrom(_) | Stmt::Import(_)) => {
                    out.extend(take_import(s, "functools", "total_ordering", &mut self.names, &mut self.module_aliases));
                }
                Stmt::ClassDef(c) => out.push(self.class(c)),
                mut other => {
                    rewrite_nested(&mut other, &mut |b| self.sub(b));
                    out.push(other);
                }
            }
        }
        out
    }

    /// Whether `e` is the decorator (`total_ordering` or `functools.total_ordering`).
    fn is_decorator(&self, e: &Expr) -> bool {
        match e {
            Expr::Name(n) => self.names.iter().any(|x| x == n.id.as_str()),
            Expr::Attribute(a) => {
                a.attr.as_str() == "total_ordering" && matches!(&*a.value, Expr::Name(m) if self.module_aliases.iter().any(|x| x == m.id.as_str()))
            }
            _ => false,
        }
    }

    fn err(&mut self, r: TextRange, msg: impl Into<String>, label: &str) {
        self.diags.push(Diagnostic::new("E0111", span(r), msg).label(label).help("see docs/subset.md for what Molt's `@total_ordering` supports"));
    }

    fn class(&mut self, mut c: ast::StmtClassDef) -> Stmt {
        self.sub(&mut c.body);
        // The ordering methods the class defines itself, then those it inherits.
        let mut roots: Vec<&'static str> = Vec::new();
        for s in &c.body {
            let names: Vec<&str> = match s {
                Stmt::FunctionDef(f) => vec![f.name.as_str()],
                Stmt::Assign(a) => a.targets.iter().filter_map(|t| t.as_name_expr().map(|n| n.id.as_str())).collect(),
                Stmt::AnnAssign(a) => a.target.as_name_expr().map(|n| n.id.as_str()).into_iter().collect(),
                _ => Vec::new(),
            };
            for n in names {
                if let Some(op) = OPS.iter().find(|o| **o == n)
                    && !roots.contains(op)
                {
                    roots.push(op);
                }
            }
        }
        let mut unknown_base: Option<TextRange> = None;
        for b in c.arguments.iter().flat_map(|a| a.args.iter()) {
            match b {
                Expr::Name(n) if n.id.as_str() == "object" => {}
                Expr::Name(n) => match self.classes.get(n.id.as_str()) {
                    Some(inherited) => {
                        for op in inherited.clone() {
                            if !roots.contains(&op) {
                                roots.push(op);
                            }
                        }
                    }
                    None => unknown_base = Some(b.range()),
                },
                _ => unknown_base = Some(b.range()),
            }
        }
        let pos = c.decorator_list.iter().position(|d| self.is_decorator(&d.expression));
        let Some(pos) = pos else {
            self.classes.insert(c.name.to_string(), roots);
            return Stmt::ClassDef(c);
        };
        let deco_range = c.decorator_list[pos].range;
        if pos + 1 != c.decorator_list.len() {
            self.err(deco_range, "`@total_ordering` over another class decorator is not supported yet", "not the innermost decorator");
        }
        c.decorator_list.remove(pos);
        if let Some(r) = unknown_base {
            self.err(r, "`@total_ordering` on a class deriving from a class Molt cannot see (not a class of this module) is not supported yet", "base class");
        }
        // CPython: `max(roots)` by name.
        let Some(&root) = roots.iter().max() else {
            self.err(deco_range, "ValueError: must define at least one ordering operation: < > <= >=", "CPython raises this when the class is made");
            self.classes.insert(c.name.to_string(), roots);
            return Stmt::ClassDef(c);
        };
        let mut text = String::new();
        for (op, f) in derived(root) {
            if roots.contains(&op) {
                continue;
            }
            text.push_str(&format!(
                "def {op}(self, other):\n    r = type(self).{root}(self, other)\n    if r is NotImplemented:\n        return r\n    return {f}\n"
            ));
            roots.push(op);
        }
        if !text.is_empty() {
            let mut stmts = parse(&text);
            let mut line = 1;
            self.text += 1;
            for s in &mut stmts {
                relocate_stmt(s, self.text, &mut line);
            }
            c.body.extend(stmts);
        }
        self.classes.insert(c.name.to_string(), roots);
        Stmt::ClassDef(c)
    }
}
