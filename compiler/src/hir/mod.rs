//! AST → HIR (`py` + `cf` dialects): names resolved, syntax desugared, SSA built.
//!
//! Relies on: a syntactically valid ruff AST. Provides: a `Module` with one function for the
//! module's top-level code (`<module>`, no results) followed by one per `def` (one `!py.obj`
//! result), plus per-function side tables (`HirFunc::names`: the source variable behind each
//! block argument and `py.undef`, for diagnostics). Local variables are SSA values (Braun et al.,
//! "Simple and Efficient Construction of SSA Form", with block arguments as phis); module-level
//! variables are globals (`py.load_global`/`py.store_global`). Everything outside the subset is
//! a `Diagnostic` (never a panic); lowering continues past errors to report them all.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use molt_ir::{Block, Func, Module, OpId, Span, Type, Value};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::TextRange;

use crate::diagnostics::Diagnostic;

mod exceptions;
mod expr;
pub mod scope;
mod ssa;
mod stmt;

pub const MODULE_FUNC: &str = "<module>";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuncSig {
    pub name: String,
    pub params: Vec<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HirModule {
    /// `funcs[0]` is `<module>`; then the `def`s in source order.
    pub module: Module,
    pub sigs: Vec<FuncSig>,
    /// Source variable names of block arguments and `py.undef` results, per function.
    pub names: Vec<BTreeMap<Value, String>>,
    /// Module-level variable names.
    pub globals: BTreeSet<String>,
    /// Whether every `def` is bound before any module-level statement can call a function
    /// (then calls need no NameError check).
    pub defs_first: bool,
}

pub(super) fn span(r: TextRange) -> Span {
    Span::new(r.start().to_u32(), r.end().to_u32())
}

/// Lowers a parsed module. Returns the HIR and every diagnostic found.
pub fn lower_module(body: &[Stmt]) -> (HirModule, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // Pass 1: module-level defs and variables.
    let mut sigs = vec![FuncSig { name: MODULE_FUNC.into(), params: vec![], span: Span::default() }];
    let mut def_stmts: Vec<&ast::StmtFunctionDef> = Vec::new();
    for stmt in body {
        if let Stmt::FunctionDef(f) = stmt {
            if let Some(d) = check_def(f) {
                diags.push(d);
                continue;
            }
            if sigs.iter().any(|s| s.name == f.name.as_str()) {
                diags.push(Diagnostic::new("E0108", span(f.name.range), format!("function `{}` is defined twice", f.name))
                    .label("second definition").help("give each function its own name"));
                continue;
            }
            let params = f.parameters.args.iter().map(|p| p.parameter.name.to_string()).collect();
            sigs.push(FuncSig { name: f.name.to_string(), params, span: span(f.range) });
            def_stmts.push(f);
        }
    }
    let mut module_names = BTreeSet::new();
    assigned_names(body, &mut module_names);
    for s in &sigs[1..] {
        if module_names.contains(&s.name) {
            diags.push(Diagnostic::new("E0108", s.span, format!("`{}` is both a function and a variable", s.name))
                .label("defined here").help("rename the variable or the function"));
        }
    }
    let func_names: HashSet<String> = sigs[1..].iter().map(|s| s.name.clone()).collect();
    // Module variables that some function reads are globals (a slot + a bound flag); the
    // others are SSA values of `<module>`, like a function's locals.
    let mut read_by_functions = BTreeSet::new();
    for def in &def_stmts {
        let mut locals = BTreeSet::new();
        assigned_names(&def.body, &mut locals);
        for p in def.parameters.args.iter() {
            locals.insert(p.parameter.name.to_string());
        }
        free_names(&def.body, &locals, &mut read_by_functions);
    }
    let globals: BTreeSet<String> = module_names.intersection(&read_by_functions).cloned().collect();
    let module_locals: BTreeSet<String> = module_names.difference(&globals).cloned().collect();
    let defs_first = {
        // Defs first if no statement before the last def contains a call.
        let last_def = body.iter().rposition(|s| matches!(s, Stmt::FunctionDef(_)));
        match last_def {
            None => true,
            Some(i) => body[..i].iter().all(|s| matches!(s, Stmt::FunctionDef(_)) || !stmt_has_call(s)),
        }
    };
    let ctx = Ctx { globals: &globals, funcs: &func_names };

    let mut module = Module::default();
    let mut names = Vec::new();
    // <module>
    let mut l = FnLower::new(MODULE_FUNC, vec![], &ctx, true, Span::default());
    l.locals = module_locals;
    l.suite(body);
    let (f, n, d) = l.finish();
    module.funcs.push(f);
    names.push(n);
    diags.extend(d);
    for (sig, def) in sigs[1..].iter().zip(def_stmts) {
        let mut locals = BTreeSet::new();
        assigned_names(&def.body, &mut locals);
        for p in &sig.params {
            locals.insert(p.clone());
        }
        let mut l = FnLower::new(&sig.name, vec![Type::Obj], &ctx, false, sig.span);
        l.locals = locals;
        let entry = l.cur.unwrap_or_else(|| l.func.new_block());
        for p in &sig.params {
            let v = l.func.add_block_param(entry, Type::Obj);
            l.names.insert(v, p.clone());
            l.write_var(p, entry, v);
        }
        l.suite(&def.body);
        let (f, n, d) = l.finish();
        module.funcs.push(f);
        names.push(n);
        diags.extend(d);
    }
    (HirModule { module, sigs, names, globals, defs_first }, diags)
}

fn check_def(f: &ast::StmtFunctionDef) -> Option<Diagnostic> {
    let p = &f.parameters;
    let bad = |r: TextRange, what: &str| {
        Some(Diagnostic::new("E0108", span(r), format!("{what} are not supported yet"))
            .label(what.to_string()).help("use plain positional parameters, e.g. `def f(a, b):`"))
    };
    if f.is_async {
        return bad(f.range, "async functions");
    }
    if let Some(d) = f.decorator_list.first() {
        return bad(d.range, "decorators");
    }
    if let Some(tp) = &f.type_params {
        return bad(tp.range, "type parameters");
    }
    if let Some(a) = p.posonlyargs.first() {
        return bad(a.range, "positional-only parameters");
    }
    if let Some(a) = p.args.iter().find(|a| a.default.is_some()) {
        return bad(a.range, "default parameter values");
    }
    if let Some(a) = &p.vararg {
        return bad(a.range, "`*args` parameters");
    }
    if let Some(a) = p.kwonlyargs.first() {
        return bad(a.range, "keyword-only parameters");
    }
    if let Some(a) = &p.kwarg {
        return bad(a.range, "`**kwargs` parameters");
    }
    None
}

/// Names bound by assignments in a suite (not descending into nested defs).
/// The names an assignment target binds (a name; the items of a tuple or list target).
fn target_names(t: &Expr, out: &mut BTreeSet<String>) {
    match t {
        Expr::Name(n) => {
            out.insert(n.id.to_string());
        }
        Expr::Tuple(_) | Expr::List(_) => {
            for e in stmt::target_items(t).unwrap_or(&[]) {
                target_names(e, out);
            }
        }
        Expr::Starred(s) => target_names(&s.value, out),
        _ => {}
    }
}

fn assigned_names(body: &[Stmt], out: &mut BTreeSet<String>) {
    for s in body {
        match s {
            Stmt::Assign(a) => {
                for t in &a.targets {
                    target_names(t, out);
                }
            }
            Stmt::AugAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    out.insert(n.id.to_string());
                }
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    out.insert(n.id.to_string());
                }
            }
            Stmt::For(f) => {
                target_names(&f.target, out);
                assigned_names(&f.body, out);
                assigned_names(&f.orelse, out);
            }
            Stmt::While(w) => {
                assigned_names(&w.body, out);
                assigned_names(&w.orelse, out);
            }
            Stmt::If(i) => {
                assigned_names(&i.body, out);
                for c in &i.elif_else_clauses {
                    assigned_names(&c.body, out);
                }
            }
            Stmt::Try(t) => {
                assigned_names(&t.body, out);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(n) = &h.name {
                        out.insert(n.to_string());
                    }
                    assigned_names(&h.body, out);
                }
                assigned_names(&t.orelse, out);
                assigned_names(&t.finalbody, out);
            }
            _ => {}
        }
    }
}

/// Names read in a function body that are not its locals.
fn free_names(body: &[Stmt], locals: &BTreeSet<String>, out: &mut BTreeSet<String>) {
    use ruff_python_ast::visitor::{Visitor, walk_expr};
    struct V<'a>(&'a BTreeSet<String>, &'a mut BTreeSet<String>);
    impl<'a, 'b> Visitor<'b> for V<'a> {
        fn visit_expr(&mut self, e: &'b Expr) {
            if let Expr::Name(n) = e
                && !self.0.contains(n.id.as_str()) {
                    self.1.insert(n.id.to_string());
                }
            walk_expr(self, e);
        }
    }
    let mut v = V(locals, out);
    for s in body {
        v.visit_stmt(s);
    }
}

fn stmt_has_call(s: &Stmt) -> bool {
    use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
    struct V(bool);
    impl<'a> Visitor<'a> for V {
        fn visit_expr(&mut self, e: &'a Expr) {
            if matches!(e, Expr::Call(_)) {
                self.0 = true;
            }
            walk_expr(self, e);
        }
        fn visit_stmt(&mut self, s: &'a Stmt) {
            if !matches!(s, Stmt::FunctionDef(_)) {
                walk_stmt(self, s);
            }
        }
    }
    let mut v = V(false);
    v.visit_stmt(s);
    v.0
}

struct Ctx<'a> {
    globals: &'a BTreeSet<String>,
    funcs: &'a HashSet<String>,
}

/// Lowers one function body: SSA construction (`ssa.rs`), statements (`stmt.rs`) and
/// expressions (`expr.rs`).
/// An enclosing `try … finally`: its body, and the depths of `handlers` and `handling` outside it.
#[derive(Clone)]
struct Finally {
    body: std::rc::Rc<[Stmt]>,
    handlers: usize,
    handling: usize,
}

struct FnLower<'a> {
    ctx: &'a Ctx<'a>,
    func: Func,
    is_module: bool,
    locals: BTreeSet<String>,
    /// The block being filled; `None` after a return/break/continue (dead code follows).
    cur: Option<Block>,
    defs: HashMap<(String, Block), Value>,
    sealed: HashSet<Block>,
    incomplete: HashMap<Block, Vec<(String, Value)>>,
    preds: HashMap<Block, Vec<(OpId, usize)>>,
    /// The handler blocks of the enclosing `try` statements (innermost last): an op that may
    /// raise gets a `cf.if_raised` edge to the innermost one (decisions/0015).
    handlers: Vec<Block>,
    /// The exceptions of the enclosing `except` clauses (innermost last): a bare `raise`
    /// re-raises the innermost.
    handling: Vec<Value>,
    /// (continue target, break target, handling depth, finally depth at the loop) of the
    /// enclosing loops.
    loops: Vec<(Block, Block, usize, usize)>,
    /// The enclosing `try … finally` statements (innermost last).
    finallies: Vec<Finally>,
    names: BTreeMap<Value, String>,
    diags: Vec<Diagnostic>,
}

