//! Private name mangling: inside a class, `__name` becomes `_Class__name` (CPython 3.11's
//! `_Py_Mangle`, applied where its symbol table and compiler apply it).
//!
//! Relies on: ruff's AST transformer, run on the parsed module before lowering (`db::parse_hir`).
//!
//! Provides: [`mangle_module`], returning the [`Originals`]: the names as written of the `def`s
//! and `class`es whose binding it mangled (their `__name__`, `__qualname__` and traceback
//! rows keep the private spelling, as CPython's do).
//!
//! Invariants: after it runs, every identifier CPython mangles is spelled mangled in the AST,
//! so the rest of the front end never sees a private name. Mangled, in a class body and in
//! every function, lambda and comprehension nested in it (a nested class starts its own): names
//! (loaded, stored, deleted), attribute names, `def`/`class` names, parameters, `global` and
//! `nonlocal` names, `except … as` names and the names of `import`/`from … import` aliases.
//! Not mangled, as in CPython: keyword arguments' names, dunders (`__x__`), dotted names, and
//! everything in a class whose name is only underscores. Spans are unchanged (the source
//! still shows the private spelling).

use std::cell::RefCell;
use std::collections::HashMap;

use ruff_python_ast::visitor::transformer::{self, Transformer};
use ruff_python_ast::{self as ast, Expr, Stmt};

/// Mangles the private names of `body` (a module's statements).
pub fn mangle_module(body: &mut [Stmt]) -> Originals {
    let m = Mangler { private: RefCell::new(None), originals: RefCell::new(HashMap::new()) };
    for s in body {
        m.visit_stmt(s);
    }
    Originals(m.originals.into_inner())
}

/// The names as written of the `def`s and `class`es whose bindings were mangled, by the start
/// of their name in the source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Originals(HashMap<u32, String>);

impl Originals {
    /// How `def`/`class` name `id` was written (its `__name__`).
    pub fn shown<'a>(&'a self, id: &'a ast::Identifier) -> &'a str {
        self.0.get(&id.range.start().to_u32()).map_or(id.as_str(), String::as_str)
    }
}

/// `_Py_Mangle(private, ident)`: the mangled spelling, None when `ident` stays as it is.
pub fn mangled(private: &str, ident: &str) -> Option<String> {
    if !ident.starts_with("__") || ident.ends_with("__") || ident.contains('.') {
        return None;
    }
    let class = private.trim_start_matches('_');
    if class.is_empty() {
        return None;
    }
    Some(format!("_{class}{ident}"))
}

/// The transformer; `private` is the innermost enclosing class's name (as written).
struct Mangler {
    private: RefCell<Option<String>>,
    originals: RefCell<HashMap<u32, String>>,
}

impl Mangler {
    fn name(&self, id: &mut ast::name::Name) {
        let m = self.private.borrow().as_deref().and_then(|p| mangled(p, id.as_str()));
        if let Some(m) = m {
            *id = ast::name::Name::new(m);
        }
    }

    fn ident(&self, i: &mut ast::Identifier) {
        self.name(&mut i.id);
    }

    /// A `def`'s or `class`'s name: its binding mangled, the original kept.
    fn def_name(&self, i: &mut ast::Identifier) {
        let original = i.id.to_string();
        self.ident(i);
        if i.id.as_str() != original {
            self.originals.borrow_mut().insert(i.range.start().to_u32(), original);
        }
    }
}

impl Transformer for Mangler {
    fn visit_stmt(&self, stmt: &mut Stmt) {
        match stmt {
            Stmt::ClassDef(c) => {
                let own = c.name.id.to_string();
                self.def_name(&mut c.name);
                for d in &mut c.decorator_list {
                    self.visit_decorator(d);
                }
                if let Some(tp) = &mut c.type_params {
                    self.visit_type_params(tp);
                }
                if let Some(a) = &mut c.arguments {
                    self.visit_arguments(a);
                }
                let outer = self.private.replace(Some(own));
                self.visit_body(&mut c.body);
                *self.private.borrow_mut() = outer;
            }
            Stmt::FunctionDef(f) => {
                self.def_name(&mut f.name);
                transformer::walk_stmt(self, stmt);
            }
            Stmt::Global(g) => g.names.iter_mut().for_each(|n| self.ident(n)),
            Stmt::Nonlocal(n) => n.names.iter_mut().for_each(|n| self.ident(n)),
            _ => transformer::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&self, expr: &mut Expr) {
        match expr {
            Expr::Name(n) => self.name(&mut n.id),
            Expr::Attribute(a) => {
                self.visit_expr(&mut a.value);
                self.ident(&mut a.attr);
            }
            _ => transformer::walk_expr(self, expr),
        }
    }

    fn visit_parameter(&self, parameter: &mut ast::Parameter) {
        self.ident(&mut parameter.name);
        transformer::walk_parameter(self, parameter);
    }

    fn visit_except_handler(&self, handler: &mut ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(h) = handler;
        if let Some(n) = &mut h.name {
            self.ident(n);
        }
        transformer::walk_except_handler(self, handler);
    }

    fn visit_alias(&self, alias: &mut ast::Alias) {
        self.ident(&mut alias.name);
        if let Some(a) = &mut alias.asname {
            self.ident(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::mangled;

    #[test]
    fn mangles_as_cpython() {
        assert_eq!(mangled("A", "__x").as_deref(), Some("_A__x"));
        assert_eq!(mangled("_A", "__x").as_deref(), Some("_A__x"));
        assert_eq!(mangled("__B_", "__x_").as_deref(), Some("_B___x_"));
        assert_eq!(mangled("A", "__x__"), None);
        assert_eq!(mangled("A", "_x"), None);
        assert_eq!(mangled("A", "__a.b"), None);
        assert_eq!(mangled("___", "__x"), None);
        assert_eq!(mangled("A", "__"), None);
    }
}
