//! Functions as values: nested `def`s, `lambda`s, and module-level `def`s the program also uses
//! as values become function objects; variables shared with nested functions live in cells;
//! calls of values go through the runtime (decisions/0023).
//!
//! Relies on: the symbol table's `in_cell` (which variables a nested `def` or `lambda` shares)
//! and `closure_names` (the order of a function's closure cells); `calls::Signature` for the
//! parameter order. Provides `FnLower::function_object` (what a `def` or `lambda` runs: its
//! defaults, then `py.make_function`), `lower_function_object` (the function object's code),
//! `FnLower::bind_params` (a function's parameters and cells at entry), `FnLower::call_value`
//! and `names_used_as_values`.
//!
//! Invariants:
//! * A function object's code is a HIR function of its own (`name#k`; tracebacks show the part
//!   before `#`) that takes `.fn` (the function object), then its parameters, already bound by
//!   the runtime in `Signature::params` order (the C entry that code generation gives it reads
//!   them from the runtime's array of bound words), and returns a boxed value
//!   (`HirFunc::object_entry`). A module-level `def` used as a value is lowered twice: as
//!   the direct function that calls by name use, and as a function object's code.
//! * Every cell is made or fetched in the entry block (so it dominates every use): the
//!   function's own shared variables (`Cell`) are new cells, a shared parameter's holding its
//!   value; its free ones come from the closure (`py.function_cell`, in `closure_names` order)
//!   or, in a comprehension, are passed in as cells.
//! * Defaults are evaluated when the `def` or `lambda` runs, positional ones first, then the
//!   keyword-only ones (CPython's `compiler_default_arguments`).

use std::collections::HashSet;

use molt_ir::{Attr, Block, NewOp, Opcode, Span, Type, Value};
use ruff_python_ast::visitor::{Visitor, walk_expr};
use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};
use ruff_text_size::Ranged;

use super::calls::Signature;
use super::scope::{Binding, ScopeId, ScopeKind};
use super::{Ctx, FnLower, HirFunc, Resolved, span};
use crate::diagnostics::Diagnostic;

/// Default values evaluated where a `def` runs: the positional ones, then each keyword-only one
/// with its name.
pub(super) type Defaults = (Vec<Value>, Vec<(String, Value)>);

/// What a function object's code runs.
#[derive(Clone)]
pub(super) enum FnBody {
    Def(ast::StmtFunctionDef),
    Lambda(ast::ExprLambda),
    /// A class body: its code takes the namespace dict it fills (`hir/classes.rs`).
    Class(ast::StmtClassDef),
}

/// A function object's code, lowered after the function that makes the object.
#[derive(Clone)]
pub(super) struct PendingFn {
    /// The HIR function's name (`inner#3`, `<lambda>#4`).
    pub name: String,
    pub qualname: String,
    pub scope: ScopeId,
    pub sig: Signature,
    pub body: FnBody,
    pub span: Span,
}

/// How many `def` statements of the module's own code (not inside a function or class) bind
/// each name: a name bound once, by a plain top-level `def`, is compiled as a function of its
/// own (direct calls).
pub(super) fn module_def_counts(body: &[Stmt]) -> std::collections::HashMap<String, usize> {
    fn walk(body: &[Stmt], out: &mut std::collections::HashMap<String, usize>) {
        for s in body {
            match s {
                Stmt::FunctionDef(f) => *out.entry(f.name.to_string()).or_default() += 1,
                Stmt::If(i) => {
                    walk(&i.body, out);
                    for c in &i.elif_else_clauses {
                        walk(&c.body, out);
                    }
                }
                Stmt::While(w) => {
                    walk(&w.body, out);
                    walk(&w.orelse, out);
                }
                Stmt::For(x) => {
                    walk(&x.body, out);
                    walk(&x.orelse, out);
                }
                Stmt::Try(t) => {
                    walk(&t.body, out);
                    for h in &t.handlers {
                        let ast::ExceptHandler::ExceptHandler(h) = h;
                        walk(&h.body, out);
                    }
                    walk(&t.orelse, out);
                    walk(&t.finalbody, out);
                }
                Stmt::With(w) => walk(&w.body, out),
                Stmt::Match(m) => {
                    for c in &m.cases {
                        walk(&c.body, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = std::collections::HashMap::new();
    walk(body, &mut out);
    out
}

/// The names the module reads as values anywhere (every load of a name except as the callee
/// of a call without `*` arguments): a module-level `def` among them needs a function object.
pub(super) fn names_used_as_values(body: &[Stmt]) -> HashSet<String> {
    struct V(HashSet<String>);
    impl<'a> Visitor<'a> for V {
        fn visit_expr(&mut self, e: &'a Expr) {
            match e {
                Expr::Name(n) if matches!(n.ctx, ExprContext::Load) => {
                    self.0.insert(n.id.to_string());
                }
                Expr::Call(c) if matches!(&*c.func, Expr::Name(_)) && !c.arguments.args.iter().any(|a| matches!(a, Expr::Starred(_))) && c.arguments.keywords.iter().all(|k| k.arg.is_some()) => {
                    self.visit_arguments(&c.arguments)
                }
                _ => walk_expr(self, e),
            }
        }
    }
    let mut v = V(HashSet::new());
    v.visit_body(body);
    v.0
}

impl FnLower<'_> {
    /// The `__qualname__` of a function named `name` defined in this one (CPython's
    /// `compiler_set_qualname`: a function's or lambda's locals add `.<locals>`).
    pub(super) fn child_qualname(&self, name: &str) -> String {
        match self.ctx.table.scope(self.scope).kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Function | ScopeKind::Lambda => format!("{}.<locals>.{name}", self.qualname),
            ScopeKind::Comprehension | ScopeKind::Class => format!("{}.{name}", self.qualname),
        }
    }

    /// The default values of parameters `p`, evaluated here: the positional ones, then each
    /// keyword-only one with its name.
    pub(super) fn eval_defaults(&mut self, p: &ast::Parameters) -> Option<Defaults> {
        let mut pos = Vec::new();
        for a in p.posonlyargs.iter().chain(p.args.iter()) {
            if let Some(d) = &a.default {
                pos.push(self.expr(d)?);
            }
        }
        let mut kw = Vec::new();
        for a in p.kwonlyargs.iter() {
            if let Some(d) = &a.default {
                kw.push((a.parameter.name.to_string(), self.expr(d)?));
            }
        }
        Some((pos, kw))
    }

    /// A new function object named `name` for `body` (whose scope is `scope`), with the
    /// defaults already evaluated.
    pub(super) fn function_object(&mut self, (name, shown): (&str, &str), params: &ast::Parameters, scope: ScopeId, body: FnBody, defaults: (Vec<Value>, Vec<(String, Value)>), sp: Span) -> Option<Value> {
        let qualname = self.child_qualname(shown);
        let sig = Signature::of_params(&qualname, params);
        let b = self.cur?;
        let (pos, kw) = defaults;
        let defaults = self.emit(b, NewOp::new(Opcode::PyTuple, sp).operands(pos).result(Type::Obj))?;
        let kwdefaults = if kw.is_empty() {
            self.konst(b, Attr::None, sp)
        } else {
            let mut items = Vec::new();
            for (n, v) in kw {
                items.push(self.konst(b, Attr::Str(n), sp));
                items.push(v);
            }
            self.emit(b, NewOp::new(Opcode::PyDict, sp).operands(items).result(Type::Obj))?
        };
        let b = self.cur?;
        let name_c = self.konst(b, Attr::Str(shown.into()), sp);
        let qual_c = self.konst(b, Attr::Str(qualname.clone()), sp);
        let names: Vec<Value> = sig.names.iter().map(|n| self.konst(b, Attr::Str(n.clone()), sp)).collect();
        let names = self.emit(b, NewOp::new(Opcode::PyTuple, sp).operands(names).result(Type::Obj))?;
        let mut cells = Vec::new();
        for n in self.ctx.table.closure_names(scope) {
            // The symbol table makes every variable a nested function shares a cell here too.
            match self.lookup(n) {
                Resolved::Cell(sym) if self.cells.contains_key(&sym) => cells.push(self.cells[&sym]),
                Resolved::Cell(_) | Resolved::Ssa(_) | Resolved::Global { .. } | Resolved::Func | Resolved::Builtin(_) | Resolved::ClassLocal(_) | Resolved::Undefined => {
                    self.err(Diagnostic::new("E0108", sp, format!("`{n}` cannot be shared with this function yet")).label("uses an enclosing variable"));
                    return None;
                }
            }
        }
        let b = self.cur?;
        let closure = self.emit(b, NewOp::new(Opcode::PyTuple, sp).operands(cells).result(Type::Obj))?;
        let hir_name = format!("{shown}#{}", self.ctx.next_comp());
        if let Some(k) = self.known_class
            && self.ctx.shapes.classes[k].defs.iter().any(|(d, _)| d == name)
        {
            self.ctx.method_objects.borrow_mut().insert(hir_name.clone(), (k, name.to_string()));
        }
        let (argcount, posonly, varargs, varkw) = (sig.argcount, sig.posonly, sig.vararg.is_some(), sig.kwarg.is_some());
        let doc = match &body {
            FnBody::Def(f) => docstring(&f.body),
            FnBody::Lambda(_) | FnBody::Class(_) => None,
        };
        self.ctx.pending_fns.borrow_mut().push(PendingFn { name: hir_name.clone(), qualname, scope, sig, body, span: sp });
        let f = self.emit(b, NewOp::new(Opcode::PyMakeFunction, sp)
            .operands([name_c, qual_c, names, defaults, kwdefaults, closure])
            .attr("func", Attr::Sym(hir_name))
            .attr("argcount", Attr::Int(argcount as i64))
            .attr("posonly", Attr::Int(posonly as i64))
            .attr("varargs", Attr::Int(varargs.into()))
            .attr("varkw", Attr::Int(varkw.into()))
            .result(Type::Obj))?;
        // Its docstring (CPython's `co_consts[0]`), before any decorator sees the function.
        if let Some(doc) = doc {
            let b = self.cur?;
            let d = self.konst(b, Attr::Str(doc), sp);
            self.append(b, NewOp::new(Opcode::PySetattr, sp).operands([f, d]).attr("name", Attr::Str("__doc__".into())));
        }
        Some(f)
    }

    /// `lambda params: body`.
    pub(super) fn lambda(&mut self, l: &ast::ExprLambda, sp: Span) -> Option<Value> {
        let Some(scope) = self.ctx.table.lambda_scope(l.range.start()) else {
            self.err(Diagnostic::new("E0101", sp, "this `lambda` is not supported yet").label("lambda"));
            return None;
        };
        let empty = ast::Parameters::default();
        let params = l.parameters.as_deref().unwrap_or(&empty);
        let defaults = self.eval_defaults(params)?;
        self.function_object(("<lambda>", "<lambda>"), params, scope, FnBody::Lambda(l.clone()), defaults, sp)
    }

    /// A module-level `def` compiled as a function of its own: its defaults are evaluated and
    /// kept in hidden module variables for the calls by name, and the name is bound; when the
    /// program uses the function as a value, the `def` also makes its function object, which
    /// the name's module variable holds.
    pub(super) fn def_top_level(&mut self, f: &ast::StmtFunctionDef) {
        let Some(sig) = self.ctx.sigs.get(f.name.as_str()) else { return };
        let Some(defaults) = self.eval_defaults(&f.parameters) else { return };
        let p = &f.parameters;
        let with_defaults = p.posonlyargs.iter().chain(p.args.iter()).chain(p.kwonlyargs.iter()).enumerate().filter_map(|(i, a)| a.default.as_ref().map(|d| (i, d)));
        let values = defaults.0.iter().chain(defaults.1.iter().map(|(_, v)| v));
        for ((i, d), &v) in with_defaults.zip(values) {
            let Some(b) = self.cur else { return };
            self.append(b, NewOp::new(Opcode::PyStoreGlobal, span(d.range())).operands([v]).attr("name", Attr::Sym(sig.default_global(i))));
        }
        let mut object = Vec::new();
        if self.ctx.escaping.contains(f.name.as_str()) {
            let Some(scope) = self.ctx.table.def_scope(f) else { return };
            let Some(v) = self.function_object((f.name.as_str(), self.ctx.originals.shown(&f.name)), &f.parameters, scope, FnBody::Def(f.clone()), defaults, span(f.range)) else { return };
            object.push(v);
        }
        if let Some(b) = self.cur {
            self.func.append_op(b, NewOp::new(Opcode::PyBindFunc, span(f.name.range)).operands(object).attr("name", Attr::Sym(f.name.to_string())));
        }
    }

    /// A `def` that makes a function object bound to its name as a variable: nested in a
    /// function, inside a statement at module level, or decorated.
    pub(super) fn def_value(&mut self, f: &ast::StmtFunctionDef) {
        let sp = span(f.range);
        if let Some(d) = check_def(f) {
            self.err(d);
            return;
        }
        let Some(scope) = self.ctx.table.def_scope(f) else { return };
        // CPython's order: the decorators, the defaults, the function; then the decorators
        // are applied, the innermost first.
        let mut decorators = Vec::new();
        for d in &f.decorator_list {
            let Some(v) = self.expr(&d.expression) else { return };
            decorators.push((v, span(d.expression.range())));
        }
        let Some(defaults) = self.eval_defaults(&f.parameters) else { return };
        let Some(mut v) = self.function_object((f.name.as_str(), self.ctx.originals.shown(&f.name)), &f.parameters, scope, FnBody::Def(f.clone()), defaults, sp) else { return };
        for &(d, dsp) in decorators.iter().rev() {
            let Some(b) = self.cur else { return };
            let Some(r) = self.emit(b, NewOp::new(Opcode::PyCallValue, dsp).operands([d, v]).attr("kwnames", Attr::Str(String::new())).result(Type::Obj)) else { return };
            v = r;
        }
        self.assign_name(f.name.as_str(), v, span(f.name.range));
    }

    /// The parameters (in `Signature::params` order, with their values in `entry`) and the
    /// cells of the function being lowered; `fn_obj` is the function object whose closure
    /// holds its free variables' cells.
    pub(super) fn bind_params(&mut self, entry: Block, params: &[(String, Value)], fn_obj: Option<Value>) {
        let t = self.ctx.table;
        let sp = self.func.span;
        if let Some(f) = fn_obj {
            for (i, n) in t.closure_names(self.scope).into_iter().enumerate() {
                let Some(sym) = t.resolve(self.scope, n) else { continue };
                let op = NewOp::new(Opcode::PyFunctionCell, sp).operands([f]).attr("index", Attr::Int(i as i64)).result(Type::Obj);
                let c = self.func.append_op(entry, op);
                self.cells.insert(sym, self.func.result(c));
            }
        }
        for (name, v) in params {
            let Some(sym) = t.resolve(self.scope, name) else { continue };
            let s = t.symbol(sym);
            if !s.in_cell {
                self.write_var(sym, entry, *v);
            } else if s.binding == Binding::Free {
                // A comprehension's parameter that is an enclosing function's cell.
                self.cells.insert(sym, *v);
            } else {
                let c = self.func.append_op(entry, NewOp::new(Opcode::PyCellNew, sp).operands([*v]).result(Type::Obj));
                self.cells.insert(sym, self.func.result(c));
            }
        }
        for &sym in &t.scope(self.scope).symbols {
            let s = t.symbol(sym);
            if s.in_cell && s.binding == Binding::Cell && !self.cells.contains_key(&sym) {
                let c = self.func.append_op(entry, NewOp::new(Opcode::PyCellNew, sp).result(Type::Obj));
                self.cells.insert(sym, self.func.result(c));
            }
        }
    }

    /// What a comprehension receives for its free variable `name`: the variable's cell when the
    /// comprehension shares it with a function inside it, else its value.
    pub(super) fn value_or_cell(&mut self, name: &str, comp_scope: ScopeId, sp: Span) -> Option<Value> {
        let t = self.ctx.table;
        let shared = t.resolve(comp_scope, name).is_some_and(|s| t.symbol(s).in_cell);
        match self.lookup(name) {
            Resolved::Cell(sym) if shared => self.cells.get(&sym).copied(),
            Resolved::Cell(_) | Resolved::Ssa(_) | Resolved::Global { .. } | Resolved::Func | Resolved::Builtin(_) | Resolved::ClassLocal(_) | Resolved::Undefined => self.read_name(name, sp),
        }
    }

    /// `callee(args…, kw=value…)` of a value.
    pub(super) fn call_value(&mut self, callee: Value, arguments: &ast::Arguments, sp: Span) -> Option<Value> {
        if arguments.keywords.iter().any(|k| k.arg.is_none()) {
            // `f(a, *b, k=v, **m)`: the positional arguments in one tuple, then the keyword
            // ones merged into one dict in order (CPython's DICT_MERGE, with its TypeErrors).
            let pos = self.display(&arguments.args, true, sp)?;
            let b = self.cur?;
            let kwargs = self.emit(b, NewOp::new(Opcode::PyDict, sp).result(Type::Obj))?;
            for k in arguments.keywords.iter() {
                let v = self.expr(&k.value)?;
                let b = self.cur?;
                let mapping = match &k.arg {
                    None => v,
                    Some(name) => {
                        let n = self.konst(b, Attr::Str(name.to_string()), sp);
                        self.emit(b, NewOp::new(Opcode::PyDict, sp).operands([n, v]).result(Type::Obj))?
                    }
                };
                let b = self.cur?;
                self.append(b, NewOp::new(Opcode::PyKwargsMerge, span(k.range)).operands([kwargs, mapping, callee]));
            }
            let b = self.cur?;
            return self.emit(b, NewOp::new(Opcode::PyCallValueEx, sp).operands([callee, pos, kwargs]).result(Type::Obj));
        }
        if arguments.args.iter().any(|a| matches!(a, Expr::Starred(_))) {
            // `f(a, *b, k=v)`: one tuple of the positional arguments, `*` ones unpacked, then
            // the keyword arguments' values (CPython's CALL_FUNCTION_EX).
            let mut items: Vec<Expr> = arguments.args.to_vec();
            items.extend(arguments.keywords.iter().map(|k| k.value.clone()));
            let all = self.display(&items, true, sp)?;
            let kwnames: Vec<&str> = arguments.keywords.iter().filter_map(|k| k.arg.as_ref().map(|a| a.as_str())).collect();
            let b = self.cur?;
            return self.emit(b, NewOp::new(Opcode::PyCallValue, sp).operands([callee, all]).attr("kwnames", Attr::Str(kwnames.join(",")))
                .attr("star", Attr::Int(1)).result(Type::Obj));
        }
        let (mut args, kwnames) = self.call_args(arguments)?;
        args.insert(0, callee);
        let b = self.cur?;
        self.emit(b, NewOp::new(Opcode::PyCallValue, sp).operands(args).attr("kwnames", Attr::Str(kwnames.join(","))).result(Type::Obj))
    }

    /// The arguments of a call, evaluated left to right: the positional ones, then the keyword
    /// arguments' values with their names.
    pub(super) fn call_args(&mut self, arguments: &ast::Arguments) -> Option<(Vec<Value>, Vec<String>)> {
        if let Some(s) = arguments.args.iter().find(|a| matches!(a, Expr::Starred(_))) {
            self.err(Diagnostic::new("E0102", span(s.range()), "`*args` in calls is not supported yet").label("starred argument"));
            return None;
        }
        let mut args = Vec::new();
        for a in arguments.args.iter() {
            args.push(self.expr(a)?);
        }
        let mut kwnames = Vec::new();
        for k in arguments.keywords.iter() {
            let Some(kw) = &k.arg else {
                self.err(Diagnostic::new("E0102", span(k.range), "`**kwargs` in calls is not supported yet").label("`**` argument"));
                return None;
            };
            kwnames.push(kw.as_str().to_string());
            args.push(self.expr(&k.value)?);
        }
        Some((args, kwnames))
    }
}

/// The code of a function object: `.fn` and the bound parameters as its parameters, the
/// cells, then the body.
pub(super) fn lower_function_object(ctx: &Ctx<'_>, pf: &PendingFn) -> (HirFunc, Vec<Diagnostic>) {
    let mut l = FnLower::new(&pf.name, vec![Type::Obj], ctx, pf.scope, pf.span);
    l.qualname = pf.qualname.clone();
    let entry = l.cur.unwrap_or_else(|| l.func.new_block());
    let fn_obj = l.func.add_block_param(entry, Type::Obj);
    l.names.insert(fn_obj, ".fn".into());
    let params = pf.sig.params();
    if pf.sig.argcount > 0 {
        l.first_param = pf.sig.names.first().cloned();
    }
    let values: Vec<Value> = params.iter().map(|_| l.func.add_block_param(entry, Type::Obj)).collect();
    for (p, v) in params.iter().zip(&values) {
        l.names.insert(*v, p.clone());
    }
    let bound: Vec<(String, Value)> = params.into_iter().zip(values).collect();
    l.bind_params(entry, &bound, Some(fn_obj));
    match &pf.body {
        FnBody::Def(def) => l.suite(&def.body),
        FnBody::Class(c) => l.class_body(c, bound.first().map(|(_, v)| *v)),
        FnBody::Lambda(lam) => {
            if let Some(v) = l.expr(&lam.body)
                && let Some(b) = l.cur.take()
            {
                l.func.append_op(b, NewOp::new(Opcode::CfReturn, span(lam.body.range())).operands([v]));
            }
        }
    }
    let (func, names, diags) = l.finish();
    let params = std::iter::once(".fn".to_string()).chain(pf.sig.params()).collect();
    let class_body = matches!(pf.body, FnBody::Class(_));
    (HirFunc { func, params, names, object_entry: true, class_body }, diags)
}

/// What a `def` may not have yet (E0108).
pub(super) fn check_def(f: &ast::StmtFunctionDef) -> Option<Diagnostic> {
    let bad = |r: ruff_text_size::TextRange, what: &str| {
        Some(Diagnostic::new("E0108", span(r), format!("{what} are not supported yet"))
            .label(what.to_string()).help("write a plain `def`"))
    };
    if f.is_async {
        return bad(f.range, "async functions");
    }
    if let Some(tp) = &f.type_params {
        return bad(tp.range, "type parameters");
    }
    None
}

/// The docstring of a body: its first statement when that is a string literal (CPython 3.11
/// keeps it as written, indentation included).
pub(super) fn docstring(body: &[Stmt]) -> Option<String> {
    match body.first()? {
        Stmt::Expr(e) => match &*e.value {
            ast::Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
            _ => None,
        },
        _ => None,
    }
}
