//! `typing.NamedTuple` class statements as a compile-time expansion (decisions/0034): `class
//! P(NamedTuple): x: int; y: int = 0` is the `collections.namedtuple` call CPython's
//! `NamedTupleMeta` makes, `P = namedtuple("P", ["x", "y"], defaults=[0], module=__name__)`,
//! written in its place before the symbol table is built.
//!
//! Relies on: the runtime's `collections.namedtuple` (decisions/0034), imported under a hidden
//! name where `NamedTuple` was imported from `typing`.
//!
//! Provides: `expand`.
//!
//! Invariants: `NamedTuple` is taken out of `from typing import …` (the runtime's `typing` does
//! not have it); any other use of it is a diagnostic (E0111), as is a class body with more than
//! fields (methods, class variables: its class would need a tuple subclass), another base, a
//! decorator or class keywords. CPython's TypeError for a field without a default after one with
//! a default is a compile-time diagnostic. The defaults are evaluated where the class statement
//! was, in order.

use std::collections::HashMap;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::dataclass::{Uses, parse, rewrite_nested, take_import};
use super::span;
use crate::diagnostics::Diagnostic;

/// The hidden name the expansion binds `collections.namedtuple` to.
const FACTORY: &str = "_molt_namedtuple";

struct Expander {
    names: Vec<String>,
    module_aliases: Vec<String>,
    diags: Vec<Diagnostic>,
}

/// The body with its `NamedTuple` classes expanded, and the diagnostics; None when the module
/// does not import `typing` (nothing to do).
pub fn expand(body: &[Stmt]) -> Option<(Vec<Stmt>, Vec<Diagnostic>)> {
    let imports = |s: &Stmt| match s {
        Stmt::ImportFrom(i) => i.level == 0 && i.module.as_ref().is_some_and(|m| m.as_str() == "typing"),
        Stmt::Import(i) => i.names.iter().any(|a| a.name.as_str() == "typing"),
        _ => false,
    };
    if !body.iter().any(imports) {
        return None;
    }
    let mut x = Expander { names: Vec::new(), module_aliases: Vec::new(), diags: Vec::new() };
    let out = x.block(body.to_vec());
    let names: HashMap<String, String> = x.names.iter().map(|n| (n.clone(), String::from("NamedTuple"))).collect();
    let mut uses = Uses { names: &names, aliases: &[], found: Vec::new(), locals: Vec::new() };
    for s in &out {
        ruff_python_ast::visitor::Visitor::visit_stmt(&mut uses, s);
    }
    for (r, _) in uses.found {
        x.err(r, "`typing.NamedTuple` is only supported as the base of a class statement", "used as a value");
    }
    Some((out, x.diags))
}

/// `stmt`'s range given to every node of the statements parsed from `text`.
fn written(text: &str, r: TextRange) -> Vec<Stmt> {
    let mut stmts = parse(text);
    for s in &mut stmts {
        super::dataclass::relocate_all(s, r);
    }
    stmts
}

impl Expander {
    fn err(&mut self, r: TextRange, msg: impl Into<String>, label: &str) {
        self.diags.push(Diagnostic::new("E0111", span(r), msg).label(label).help("see docs/subset.md for what Molt's `typing.NamedTuple` supports"));
    }

    fn sub<B: Default + IntoIterator<Item = Stmt> + FromIterator<Stmt>>(&mut self, body: &mut B) {
        let b: Vec<Stmt> = std::mem::take(body).into_iter().collect();
        *body = self.block(b).into_iter().collect();
    }

    fn block(&mut self, body: Vec<Stmt>) -> Vec<Stmt> {
        let mut out = Vec::with_capacity(body.len());
        for s in body {
            match s {
                s @ (Stmt::ImportFrom(_) | Stmt::Import(_)) => {
                    out.extend(take_import(s, "typing", "NamedTuple", &mut self.names, &mut self.module_aliases));
                }
                Stmt::ClassDef(c) if self.is_named_tuple_class(&c) => out.extend(self.class(c)),
                Stmt::ClassDef(mut c) => {
                    self.sub(&mut c.body);
                    out.push(Stmt::ClassDef(c));
                }
                mut other => {
                    rewrite_nested(&mut other, &mut |b| self.sub(b));
                    out.push(other);
                }
            }
        }
        out
    }

    /// Whether `e` is `NamedTuple` or `typing.NamedTuple`.
    fn is_base(&self, e: &Expr) -> bool {
        match e {
            Expr::Name(n) => self.names.iter().any(|x| x == n.id.as_str()),
            Expr::Attribute(a) => {
                a.attr.as_str() == "NamedTuple" && matches!(&*a.value, Expr::Name(m) if self.module_aliases.iter().any(|x| x == m.id.as_str()))
            }
            _ => false,
        }
    }

    fn is_named_tuple_class(&self, c: &ast::StmtClassDef) -> bool {
        c.arguments.iter().flat_map(|a| a.args.iter()).any(|b| self.is_base(b))
    }

    /// The assignment that replaces class statement `c`.
    fn class(&mut self, c: ast::StmtClassDef) -> Vec<Stmt> {
        let r = c.range;
        let bases: Vec<&Expr> = c.arguments.iter().flat_map(|a| a.args.iter()).collect();
        if bases.len() != 1 || c.arguments.as_ref().is_some_and(|a| !a.keywords.is_empty()) {
            self.err(r, "a `typing.NamedTuple` class with other bases or class keywords is not supported yet", "class statement");
        }
        if !c.decorator_list.is_empty() {
            self.err(r, "a decorated `typing.NamedTuple` class is not supported yet", "class statement");
        }
        let mut fields: Vec<String> = Vec::new();
        let mut defaults: Vec<Expr> = Vec::new();
        for (i, s) in c.body.iter().enumerate() {
            match s {
                Stmt::AnnAssign(a) => {
                    let Expr::Name(n) = &*a.target else {
                        self.err(a.range, "a `typing.NamedTuple` field must be a name", "field");
                        continue;
                    };
                    match &a.value {
                        Some(v) => defaults.push((**v).clone()),
                        None if !defaults.is_empty() => {
                            let prev = fields.last().cloned().unwrap_or_default();
                            self.err(a.range, format!("TypeError: Non-default namedtuple field {} cannot follow default field {prev}", n.id), "CPython raises this when the class is made");
                        }
                        None => {}
                    }
                    fields.push(n.id.to_string());
                }
                Stmt::Expr(e) if i == 0 && e.value.is_string_literal_expr() => {}
                Stmt::Pass(_) => {}
                other => self.err(
                    other.range(),
                    "only fields (`name: type` or `name: type = default`) are supported in a `typing.NamedTuple` class yet",
                    "not a field (its class would need a tuple subclass)",
                ),
            }
        }
        let names: Vec<String> = fields.iter().map(|f| format!("{f:?}")).collect();
        let text = format!(
            "from collections import namedtuple as {FACTORY}\n{} = {FACTORY}({:?}, [{}], defaults=[], module=__name__)\n",
            c.name,
            c.name.as_str(),
            names.join(", ")
        );
        let mut stmts = written(&text, r);
        // The defaults are the class body's own expressions.
        if let Some(Stmt::Assign(a)) = stmts.get_mut(1)
            && let Expr::Call(call) = &mut *a.value
            && let Some(k) = call.arguments.keywords.iter_mut().find(|k| k.arg.as_ref().is_some_and(|n| n.as_str() == "defaults"))
            && let Expr::List(l) = &mut k.value
        {
            l.elts = defaults;
        }
        stmts
    }
}
