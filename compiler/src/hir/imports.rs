//! `import` statements and the attributes of imported modules (decisions/0027).
//!
//! Relies on: `modules.rs` (what a module name and a module attribute are) and the symbol
//! table's import facts (`SymbolTable::static_import`: a name only imports bind).
//!
//! Provides: `import m`, `import m as n`, `from m import x [as y]` of the modules the runtime
//! implements, as CPython's IMPORT_NAME / IMPORT_FROM run them: the module object
//! (`py.import_native`, the same object on every import), then each name read from it
//! (`py.getattr`) and bound in the order written; `from __future__ import …` (CPython's
//! SyntaxErrors for an unknown feature and for a future import after other statements; the
//! features change nothing Molt compiles). The program's own modules (`ModuleContext::program`,
//! decisions/0032) are found first, but for CPython's builtin modules: `py.import_user` of each
//! package on the way, `py.import_from` per name of a `from` import (relative ones resolved
//! as CPython's `_resolve_name` does). Everything CPython would import and Molt cannot is a
//! compile-time diagnostic naming the module or the name (E0110, E0111): an unknown module, a
//! standard-library module Molt lacks, a relative import outside a package, `from m import *`,
//! a name of a module that Molt's module lacks. Reading `m.x` where `m` is a name only `import m`
//! statements bind checks `x` the same way; assigning or deleting it is a diagnostic (modules
//! are not monkeypatched in Molt: the runtime's module objects refuse it too).

use molt_ir::{Attr, NewOp, Opcode, Span, Type};
use ruff_python_ast::{self as ast, Stmt};

use super::scope::Binding;
use super::{FnLower, span};
use crate::diagnostics::Diagnostic;
use crate::modules::{self, Attribute, Module};

/// The features `from __future__ import` accepts (CPython 3.11's `future.c`), except
/// `barry_as_FLUFL`, which changes the grammar.
const FUTURE_FEATURES: &[&str] =
    &["nested_scopes", "generators", "division", "absolute_import", "with_statement", "print_function", "unicode_literals", "generator_stop", "annotations"];

impl FnLower<'_> {
    pub(super) fn import_stmt(&mut self, i: &ast::StmtImport) {
        for a in &i.names {
            let sp = span(a.range);
            let name = a.name.as_str();
            if self.is_user_module(name) {
                // IMPORT_NAME imports each package on the way; `import a.b` binds `a`,
                // `import a.b as c` the submodule. CPython locates it at the statement.
                let Some(chain) = self.user_chain(name, span(i.range)) else { continue };
                let (Some(&top), Some(&last)) = (chain.first(), chain.last()) else { continue };
                let bound = a.asname.as_ref().map_or(name.split('.').next().unwrap_or(name), |n| n.as_str());
                self.assign_name(bound, if a.asname.is_some() { last } else { top }, sp);
                continue;
            }
            let Some(m) = self.native_module(name, sp) else { continue };
            if name.contains('.') {
                // No module Molt provides has submodules yet.
                self.err(Diagnostic::new("E0110", sp, format!("module `{name}` is not available in Molt yet")).label("a submodule").help(available_help()));
                continue;
            }
            let Some(b) = self.cur else { return };
            let Some(v) = self.emit(b, import_op(m, sp)) else { return };
            let bound = a.asname.as_ref().map_or(name, |n| n.as_str());
            self.assign_name(bound, v, sp);
        }
    }

    pub(super) fn import_from(&mut self, i: &ast::StmtImportFrom, sp: Span) {
        let name = i.module.as_ref().map_or("", |m| m.as_str());
        if i.level > 0 || self.is_user_module(name) {
            self.import_from_user(i, name, sp);
            return;
        }
        if i.level > 0 {
            let dots = ".".repeat(i.level as usize);
            self.err(Diagnostic::new("E0110", sp, format!("relative import from `{dots}{name}`: multi-module programs are not supported yet")).label("relative import").help("put the program in one file"));
            return;
        }
        if i.names.iter().any(|a| a.name.as_str() == "*") {
            self.err(Diagnostic::new("E0111", sp, format!("`from {name} import *` is not supported yet")).label("star import").help(format!("import the names you use: `from {name} import a, b`")));
            return;
        }
        if modules::resolve(name) == Module::Future {
            self.future_import(i, sp);
            return;
        }
        let Some(m) = self.native_module(name, sp) else { return };
        for a in &i.names {
            let what = a.name.as_str();
            let asp = span(a.range);
            match modules::attribute(m, what) {
                Attribute::Provided => {}
                Attribute::NotYet => {
                    self.err(Diagnostic::new("E0111", asp, format!("`{name}.{what}` is not available in Molt yet")).label("not provided by Molt's module").help(provided_help(m)));
                    return;
                }
                Attribute::Absent => {
                    self.err(Diagnostic::new("E0111", asp, format!("cannot import name `{what}` from `{name}`")).label("CPython's module has no such name (ImportError)").help(provided_help(m)));
                    return;
                }
            }
        }
        // IMPORT_NAME once, then IMPORT_FROM and a store per name, in order.
        let Some(b) = self.cur else { return };
        let Some(module) = self.emit(b, import_op(m, sp)) else { return };
        for a in &i.names {
            let Some(b) = self.cur else { return };
            let get = NewOp::new(Opcode::PyGetattr, span(a.range)).operands([module]).attr("name", Attr::Str(a.name.to_string())).result(Type::Obj);
            let Some(v) = self.emit(b, get) else { return };
            self.assign_name(a.asname.as_ref().unwrap_or(&a.name).as_str(), v, span(a.range));
        }
    }

    /// Whether `name` (dotted) is one of the program's own modules or inside one of its
    /// packages (discovery, `program::find`, left out what CPython finds before the script's
    /// directory).
    fn is_user_module(&self, name: &str) -> bool {
        let top = name.split('.').next().unwrap_or(name);
        self.ctx.module.program.contains_key(top)
    }

    /// `import a.b.c` of the program's modules: `py.import_user` of `a`, `a.b`, `a.b.c` in
    /// turn (CPython imports each parent first); their module objects. A part that is no
    /// module of the program is E0110.
    fn user_chain(&mut self, name: &str, sp: Span) -> Option<Vec<molt_ir::Value>> {
        let mut out = Vec::new();
        let mut prefix = String::new();
        for part in name.split('.') {
            if !prefix.is_empty() {
                prefix.push('.');
            }
            prefix.push_str(part);
            if !self.ctx.module.program.contains_key(&prefix) {
                self.err(Diagnostic::new("E0110", sp, format!("no module named `{prefix}`")).label("not a module of this program")
                    .help("the program's modules are the `.py` files and packages (directories with an `__init__.py`) next to its main file"));
                return None;
            }
            let b = self.cur?;
            let op = NewOp::new(Opcode::PyImportUser, sp).attr("module", Attr::Str(prefix.clone())).attr("only_if_missing", Attr::Int(0)).result(Type::Obj);
            out.push(self.emit(b, op)?);
        }
        Some(out)
    }

    /// `from M import a, b` (`from . import a`, `from .m import a`) of the program's modules:
    /// M imported (its packages first), then for each name the submodule `M.a` when the
    /// program has one and M lacks the attribute (CPython's `_handle_fromlist`), then
    /// `py.import_from` (IMPORT_FROM), bound in order.
    fn import_from_user(&mut self, i: &ast::StmtImportFrom, name: &str, sp: Span) {
        let module = self.ctx.module;
        let absolute = match crate::program::resolve_import(&module.name, module.package, i.level, name) {
            Ok(a) => a,
            Err(msg) => {
                self.err(Diagnostic::new("E0110", sp, msg).label("ImportError").help("import the module by its absolute name: `import helpers`"));
                return;
            }
        };
        if !self.is_user_module(&absolute) {
            self.err(Diagnostic::new("E0110", sp, format!("no module named `{absolute}`")).label("not a module of this program")
                .help("the program's modules are the `.py` files and packages (directories with an `__init__.py`) next to its main file"));
            return;
        }
        let Some(chain) = self.user_chain(&absolute, sp) else { return };
        let Some(&m) = chain.last() else { return };
        if i.names.iter().any(|a| a.name.as_str() == "*") {
            // IMPORT_STAR: the module's `__all__`, else its public names (`program::public_names`).
            for n in module.star.get(&absolute).cloned().unwrap_or_default() {
                let Some(b) = self.cur else { return };
                let get = NewOp::new(Opcode::PyImportFrom, sp).operands([m]).attr("name", Attr::Str(n.clone())).result(Type::Obj);
                let Some(v) = self.emit(b, get) else { return };
                self.assign_name(&n, v, sp);
            }
            return;
        }
        for a in &i.names {
            let asp = span(a.range);
            let what = a.name.as_str();
            let sub = format!("{absolute}.{what}");
            if self.ctx.module.program.contains_key(&sub) {
                let Some(b) = self.cur else { return };
                let op = NewOp::new(Opcode::PyImportUser, sp).attr("module", Attr::Str(sub)).attr("only_if_missing", Attr::Int(1)).result(Type::Obj);
                if self.emit(b, op).is_none() {
                    return;
                }
            }
            let Some(b) = self.cur else { return };
            let get = NewOp::new(Opcode::PyImportFrom, sp).operands([m]).attr("name", Attr::Str(what.to_string())).result(Type::Obj);
            let Some(v) = self.emit(b, get) else { return };
            self.assign_name(a.asname.as_ref().unwrap_or(&a.name).as_str(), v, asp);
        }
    }

    /// `from __future__ import …`: CPython's compile-time checks; nothing runs.
    fn future_import(&mut self, i: &ast::StmtImportFrom, sp: Span) {
        if !self.is_module || !self.future_allowed(sp) {
            self.err(Diagnostic::new("E0001", sp, "SyntaxError: from __future__ imports must occur at the beginning of the file").label("here"));
            return;
        }
        for a in &i.names {
            let f = a.name.as_str();
            if f == "braces" {
                self.err(Diagnostic::new("E0001", span(a.range), "SyntaxError: not a chance").label("here"));
            } else if f == "barry_as_FLUFL" {
                self.err(Diagnostic::new("E0111", span(a.range), "`from __future__ import barry_as_FLUFL` is not supported").label("changes the grammar"));
            } else if !FUTURE_FEATURES.contains(&f) {
                self.err(Diagnostic::new("E0001", span(a.range), format!("SyntaxError: future feature {f} is not defined")).label("here"));
            }
        }
    }

    /// Whether a future import starting at `sp` comes before every other statement of the
    /// module but its docstring and other future imports (CPython's `future_parse`).
    fn future_allowed(&self, sp: Span) -> bool {
        for (k, s) in self.ctx.body.iter().enumerate() {
            if span(ruff_text_size::Ranged::range(s)).start >= sp.start {
                return true;
            }
            let docstring = k == 0 && matches!(s, Stmt::Expr(e) if e.value.is_string_literal_expr());
            let future = matches!(s, Stmt::ImportFrom(f) if f.level == 0 && f.module.as_ref().is_some_and(|m| m.as_str() == "__future__"));
            if !docstring && !future {
                return false;
            }
        }
        true
    }

    /// The native module `name` names, or a diagnostic.
    fn native_module(&mut self, name: &str, sp: Span) -> Option<molt_ir::NativeModule> {
        match modules::resolve(name) {
            Module::Native(m) => Some(m),
            Module::Future => {
                self.err(Diagnostic::new("E0111", sp, "`import __future__` is not supported").label("the module itself").help("write `from __future__ import annotations`"));
                None
            }
            Module::NotYet => {
                self.err(Diagnostic::new("E0110", sp, format!("module `{name}` is not available in Molt yet")).label("a standard-library module Molt does not provide").help(available_help()));
                None
            }
            Module::Unknown => {
                self.err(Diagnostic::new("E0110", sp, format!("no module named `{name}`")).label("not in the standard library, nor a module of this program")
                    .help("the program's modules are the `.py` files and packages next to its main file; third-party packages cannot be imported"));
                None
            }
        }
    }

    /// Checks a read of `base.attr` where `base` is a name only `import m` statements bind: an
    /// attribute CPython's module has and Molt's lacks is a diagnostic. Returns false then.
    pub(super) fn check_module_attribute(&mut self, base: &ast::Expr, attr: &str, sp: Span) -> bool {
        let ast::Expr::Name(n) = base else { return true };
        let Some(m) = self.imported_module(n.id.as_str()) else { return true };
        if modules::attribute(m, attr) == Attribute::NotYet {
            self.err(Diagnostic::new("E0111", sp, format!("`{}.{attr}` is not available in Molt yet", m.name())).label("not provided by Molt's module").help(provided_help(m)));
            return false;
        }
        true
    }

    /// Checks an assignment or `del` of `base.attr` where `base` is a name only `import m`
    /// statements bind: modules are not monkeypatched in Molt (their names resolve at compile
    /// time, decisions/0027), so it is a diagnostic. Returns false then.
    pub(super) fn check_module_store(&mut self, base: &ast::Expr, attr: &str, sp: Span) -> bool {
        let ast::Expr::Name(n) = base else { return true };
        let Some(m) = self.imported_module(n.id.as_str()) else { return true };
        self.err(Diagnostic::new("E0111", sp, format!("assigning or deleting `{}.{attr}` is not supported", m.name()))
            .label("changes a module after it is made").help("keep the value in a variable of your own module"));
        false
    }

    /// Whether `base` is a name that only `import m` statements bind, `m` one of the program's
    /// own modules.
    pub(super) fn is_user_module_name(&self, base: &ast::Expr) -> bool {
        let ast::Expr::Name(n) = base else { return false };
        self.static_import_of(n.id.as_str()).is_some_and(|(m, attr)| attr.is_none() && self.is_user_module(m))
    }

    /// `(module, name)` when `e` always denotes an attribute of a module the runtime
    /// implements: a name only `from m import name` binds, or `m.name` with `m` a name only
    /// `import m` binds.
    pub(super) fn native_module_attribute<'e>(&'e self, e: &'e ast::Expr) -> Option<(molt_ir::NativeModule, &'e str)> {
        match e {
            ast::Expr::Name(n) => match self.static_import_of(n.id.as_str())? {
                (module, Some(attr)) if !self.is_user_module(module) => match modules::resolve(module) {
                    Module::Native(m) => Some((m, attr)),
                    Module::Future | Module::NotYet | Module::Unknown => None,
                },
                (_, Some(_) | None) => None,
            },
            ast::Expr::Attribute(a) => match &*a.value {
                ast::Expr::Name(n) => Some((self.imported_module(n.id.as_str())?, a.attr.as_str())),
                _ => None,
            },
            _ => None,
        }
    }

    /// The module that `name` always holds here, when only `import m` statements bind it.
    fn imported_module(&self, name: &str) -> Option<molt_ir::NativeModule> {
        match self.static_import_of(name)? {
            (module, None) if self.is_user_module(module) => None,
            (module, None) => match modules::resolve(module) {
                Module::Native(m) => Some(m),
                Module::Future | Module::NotYet | Module::Unknown => None,
            },
            (_, Some(_)) => None,
        }
    }

    /// What the import statements that alone bind `name` here import: (module, attribute of a
    /// `from` import).
    fn static_import_of(&self, name: &str) -> Option<(&str, Option<&str>)> {
        let t = self.ctx.table;
        let mut scope = self.scope;
        let mut sym = t.resolve(scope, name)?;
        // Find the scope that binds the name: the module for a global, an enclosing function
        // for a free variable.
        loop {
            match t.symbol(sym).binding {
                Binding::Global => {
                    sym = t.module_symbol(sym)?;
                    break;
                }
                Binding::Free => {
                    scope = t.scope(scope).parent?;
                    sym = t.resolve(scope, name)?;
                }
                Binding::Local | Binding::Cell => break,
                Binding::Builtin(_) | Binding::Undefined => return None,
            }
        }
        t.static_import(sym)
    }
}

fn import_op(m: molt_ir::NativeModule, sp: Span) -> NewOp {
    NewOp::new(Opcode::PyImportNative, sp).enum_attr("module", m).result(Type::Obj)
}

fn available_help() -> String {
    let names: Vec<&str> = molt_ir::NativeModule::ALL.iter().map(|m| m.name()).collect();
    format!("the standard-library modules Molt provides so far: {} (see docs/subset.md)", names.join(", "))
}

fn provided_help(m: molt_ir::NativeModule) -> String {
    format!("Molt's `{}` provides: {}", m.name(), modules::provided(m).join(", "))
}
