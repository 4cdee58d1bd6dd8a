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

use molt_ir::{Attr, Block, F64, Func, Module, NewOp, OpId, Opcode, Span, Type, Value};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::diagnostics::Diagnostic;

pub const MODULE_FUNC: &str = "<module>";
pub const BUILTINS: &[&str] = &["print", "abs", "min", "max", "int", "float", "range"];

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

fn span(r: TextRange) -> Span {
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
fn assigned_names(body: &[Stmt], out: &mut BTreeSet<String>) {
    for s in body {
        match s {
            Stmt::Assign(a) => {
                for t in &a.targets {
                    if let Expr::Name(n) = t {
                        out.insert(n.id.to_string());
                    }
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
                if let Expr::Name(n) = &*f.target {
                    out.insert(n.id.to_string());
                }
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
    /// (continue target, break target) of the enclosing loops.
    loops: Vec<(Block, Block)>,
    names: BTreeMap<Value, String>,
    diags: Vec<Diagnostic>,
}

impl<'a> FnLower<'a> {
    fn new(name: &str, results: Vec<Type>, ctx: &'a Ctx<'a>, is_module: bool, sp: Span) -> FnLower<'a> {
        let mut func = Func::new(name, results);
        func.span = sp;
        let entry = func.new_block();
        let mut s = FnLower {
            ctx,
            func,
            is_module,
            locals: BTreeSet::new(),
            cur: Some(entry),
            defs: HashMap::new(),
            sealed: HashSet::new(),
            incomplete: HashMap::new(),
            preds: HashMap::new(),
            loops: Vec::new(),
            names: BTreeMap::new(),
            diags: Vec::new(),
        };
        s.sealed.insert(entry);
        s
    }

    fn finish(mut self) -> (Func, BTreeMap<Value, String>, Vec<Diagnostic>) {
        if let Some(b) = self.cur {
            let sp = Span::new(self.func.span.end, self.func.span.end);
            if self.is_module {
                self.func.append_op(b, NewOp::new(Opcode::CfReturn, sp));
            } else {
                let none = self.konst(b, Attr::None, sp);
                self.func.append_op(b, NewOp::new(Opcode::CfReturn, sp).operands([none]));
            }
        }
        // Blocks never reached by any branch (e.g. the exit of `while True:` without break)
        // are removed so that every block ends with a terminator.
        let entry = self.func.layout[0];
        let preds = &self.preds;
        self.func.layout.retain(|b| *b == entry || preds.get(b).is_some_and(|p| !p.is_empty()));
        (self.func, self.names, self.diags)
    }

    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    // ---- SSA construction ----

    fn write_var(&mut self, name: &str, block: Block, v: Value) {
        self.defs.insert((name.to_string(), block), v);
    }

    fn read_var(&mut self, name: &str, block: Block) -> Value {
        if let Some(&v) = self.defs.get(&(name.to_string(), block)) {
            return v;
        }
        let v = if !self.sealed.contains(&block) {
            let p = self.func.add_block_param(block, Type::Obj);
            self.names.insert(p, name.to_string());
            self.incomplete.entry(block).or_default().push((name.to_string(), p));
            p
        } else {
            let preds = self.preds.get(&block).cloned().unwrap_or_default();
            match preds.len() {
                0 => self.undef(name),
                1 => {
                    let pb = self.func.ops[preds[0].0].block;
                    self.read_var(name, pb)
                }
                _ => {
                    let p = self.func.add_block_param(block, Type::Obj);
                    self.names.insert(p, name.to_string());
                    self.write_var(name, block, p);
                    self.add_param_args(name, block);
                    p
                }
            }
        };
        self.write_var(name, block, v);
        v
    }

    fn add_param_args(&mut self, name: &str, block: Block) {
        let preds = self.preds.get(&block).cloned().unwrap_or_default();
        for (op, idx) in preds {
            let pb = self.func.ops[op].block;
            let v = self.read_var(name, pb);
            self.func.ops[op].successors[idx].args.push(v);
        }
    }

    fn seal(&mut self, block: Block) {
        if !self.sealed.insert(block) {
            return;
        }
        for (name, _) in self.incomplete.remove(&block).unwrap_or_default() {
            self.add_param_args(&name, block);
        }
    }

    fn undef(&mut self, name: &str) -> Value {
        let entry = self.func.layout[0];
        let op = self.func.append_op(entry, NewOp::new(Opcode::PyUndef, Span::default()).attr("name", Attr::Str(name.into())).result(Type::Obj));
        // Move it to the top of the entry block so that it dominates every use.
        let ops = &mut self.func.blocks[entry].ops;
        ops.pop();
        ops.insert(0, op);
        let v = self.func.result(op);
        self.names.insert(v, name.to_string());
        v
    }

    // ---- emission helpers ----

    fn new_block(&mut self) -> Block {
        self.func.new_block()
    }

    fn br(&mut self, target: Block, sp: Span) {
        if let Some(b) = self.cur.take() {
            let op = self.func.append_op(b, NewOp::new(Opcode::CfBr, sp).successor(target, vec![]));
            self.preds.entry(target).or_default().push((op, 0));
        }
    }

    fn br_args(&mut self, from: Block, target: Block, args: Vec<Value>, sp: Span) {
        let op = self.func.append_op(from, NewOp::new(Opcode::CfBr, sp).successor(target, args));
        self.preds.entry(target).or_default().push((op, 0));
    }

    fn cond_br(&mut self, from: Block, cond: Value, t: Block, t_args: Vec<Value>, f: Block, sp: Span) {
        let op = self.func.append_op(from, NewOp::new(Opcode::CfCondBr, sp).operands([cond]).successor(t, t_args).successor(f, vec![]));
        self.preds.entry(t).or_default().push((op, 0));
        self.preds.entry(f).or_default().push((op, 1));
    }

    fn konst(&mut self, b: Block, a: Attr, sp: Span) -> Value {
        let op = self.func.append_op(b, NewOp::new(Opcode::PyConst, sp).attr("value", a).result(Type::Obj));
        self.func.result(op)
    }

    fn emit(&mut self, b: Block, op: NewOp) -> Option<Value> {
        let id = self.func.append_op(b, op);
        self.func.ops[id].results.first().copied()
    }

    fn truth(&mut self, b: Block, v: Value, sp: Span) -> Value {
        let op = self.func.append_op(b, NewOp::new(Opcode::PyTruth, sp).operands([v]).result(Type::Bool));
        self.func.result(op)
    }

    // ---- statements ----

    fn suite(&mut self, body: &[Stmt]) {
        for s in body {
            if self.cur.is_none() {
                return; // unreachable code after return/break/continue
            }
            self.stmt(s);
        }
    }

    fn assign_name(&mut self, name: &str, v: Value, sp: Span) {
        let Some(b) = self.cur else { return };
        if self.locals.contains(name) {
            self.write_var(name, b, v);
        } else {
            self.func.append_op(b, NewOp::new(Opcode::PyStoreGlobal, sp).operands([v]).attr("name", Attr::Sym(name.into())));
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        let sp = span(s.range());
        match s {
            Stmt::Expr(e) => {
                if matches!(&*e.value, Expr::StringLiteral(_)) {
                    return; // docstring or bare string: no effect
                }
                self.expr(&e.value);
            }
            Stmt::Pass(_) => {}
            Stmt::Assign(a) => {
                let Some(v) = self.expr(&a.value) else { return };
                for t in &a.targets {
                    match t {
                        Expr::Name(n) => self.assign_name(n.id.as_str(), v, span(n.range)),
                        other => self.err(Diagnostic::new("E0100", span(other.range()), "only assignments to plain names are supported")
                            .label("unsupported assignment target").help("assign to a simple variable, e.g. `x = ...`")),
                    }
                }
            }
            Stmt::AnnAssign(a) => {
                // Annotations have no run-time effect in CPython; Molt does not check them yet.
                let (Expr::Name(n), Some(value)) = (&*a.target, &a.value) else {
                    self.err(Diagnostic::new("E0100", sp, "only annotated assignments of a value to a plain name are supported")
                        .label("unsupported").help("write `x: int = value`"));
                    return;
                };
                if let Some(v) = self.expr(value) {
                    self.assign_name(n.id.as_str(), v, span(n.range));
                }
            }
            Stmt::AugAssign(a) => {
                let Expr::Name(n) = &*a.target else {
                    self.err(Diagnostic::new("E0100", span(a.target.range()), "only augmented assignments to plain names are supported")
                        .label("unsupported target").help("use a simple variable, e.g. `x += 1`"));
                    return;
                };
                let Some(op) = binop_name(a.op) else {
                    self.err(unsupported_operator(sp, a.op));
                    return;
                };
                let Some(cur) = self.read_name(n.id.as_str(), span(n.range)) else { return };
                let Some(rhs) = self.expr(&a.value) else { return };
                let Some(b) = self.cur else { return };
                let v = self.emit(b, NewOp::new(Opcode::PyBinop, sp).operands([cur, rhs]).attr("op", Attr::Str(op.into())).result(Type::Obj));
                if let Some(v) = v {
                    self.assign_name(n.id.as_str(), v, span(n.range));
                }
            }
            Stmt::If(i) => self.if_stmt(&i.test, &i.body, &i.elif_else_clauses, sp),
            Stmt::While(w) => self.while_stmt(w, sp),
            Stmt::For(f) => self.for_stmt(f, sp),
            Stmt::Break(_) => match self.loops.last() {
                Some(&(_, brk)) => self.br(brk, sp),
                None => self.err(Diagnostic::new("E0001", sp, "'break' outside loop").label("not in a loop")),
            },
            Stmt::Continue(_) => match self.loops.last() {
                Some(&(cont, _)) => self.br(cont, sp),
                None => self.err(Diagnostic::new("E0001", sp, "'continue' not properly in loop").label("not in a loop")),
            },
            Stmt::Return(r) => {
                if self.is_module {
                    self.err(Diagnostic::new("E0001", sp, "'return' outside function").label("not in a function"));
                    return;
                }
                let v = match &r.value {
                    Some(e) => self.expr(e),
                    None => self.cur.map(|b| self.konst(b, Attr::None, sp)),
                };
                if let (Some(v), Some(b)) = (v, self.cur.take()) {
                    self.func.append_op(b, NewOp::new(Opcode::CfReturn, sp).operands([v]));
                }
            }
            Stmt::FunctionDef(f) => {
                if self.is_module {
                    if let Some(b) = self.cur {
                        self.func.append_op(b, NewOp::new(Opcode::PyBindFunc, span(f.name.range)).attr("name", Attr::Sym(f.name.to_string())));
                    }
                } else {
                    self.err(Diagnostic::new("E0108", span(f.name.range), "nested functions are not supported yet")
                        .label("defined inside a function").help("define the function at module level"));
                }
            }
            other => {
                let what = stmt_kind(other);
                self.err(Diagnostic::new("E0100", sp, format!("{what} is not supported yet"))
                    .label(format!("{what} statement"))
                    .help("see docs/subset.md for the supported statements"));
            }
        }
    }

    fn if_stmt(&mut self, test: &Expr, body: &[Stmt], clauses: &[ast::ElifElseClause], sp: Span) {
        let Some(c) = self.expr(test) else { return };
        let Some(b) = self.cur.take() else { return };
        let cond = self.truth(b, c, span(test.range()));
        let then_b = self.new_block();
        let else_b = self.new_block();
        self.cond_br(b, cond, then_b, vec![], else_b, sp);
        self.seal(then_b);
        self.seal(else_b);
        let join = self.new_block();
        self.cur = Some(then_b);
        self.suite(body);
        self.br(join, sp);
        self.cur = Some(else_b);
        if let Some((first, rest)) = clauses.split_first() {
            match &first.test {
                Some(t) => self.if_stmt(t, &first.body, rest, span(first.range)),
                None => self.suite(&first.body),
            }
        }
        self.br(join, sp);
        self.seal(join);
        let has_preds = self.preds.get(&join).is_some_and(|p| !p.is_empty());
        self.cur = has_preds.then_some(join);
    }

    fn while_stmt(&mut self, w: &ast::StmtWhile, sp: Span) {
        let header = self.new_block();
        self.br(header, sp);
        self.cur = Some(header);
        let body_b = self.new_block();
        let else_b = self.new_block();
        let exit = self.new_block();
        if let Some(c) = self.expr(&w.test)
            && let Some(h) = self.cur.take() {
                let cond = self.truth(h, c, span(w.test.range()));
                self.cond_br(h, cond, body_b, vec![], else_b, sp);
            }
        self.seal(body_b);
        self.seal(else_b);
        self.cur = Some(body_b);
        self.loops.push((header, exit));
        self.suite(&w.body);
        self.loops.pop();
        self.br(header, sp);
        self.seal(header);
        self.cur = Some(else_b);
        self.suite(&w.orelse);
        self.br(exit, sp);
        self.seal(exit);
        let has_preds = self.preds.get(&exit).is_some_and(|p| !p.is_empty());
        self.cur = has_preds.then_some(exit);
    }

    fn for_stmt(&mut self, f: &ast::StmtFor, sp: Span) {
        let target = match &*f.target {
            Expr::Name(n) => n,
            other => {
                self.err(Diagnostic::new("E0100", span(other.range()), "only a plain name can be a `for` target")
                    .label("unsupported target").help("write `for i in range(...):`"));
                return;
            }
        };
        if f.is_async {
            self.err(Diagnostic::new("E0100", sp, "`async for` is not supported").label("async"));
            return;
        }
        let range_args = match &*f.iter {
            Expr::Call(c) if matches!(&*c.func, Expr::Name(n) if n.id.as_str() == "range" && !self.shadowed("range"))
                && c.arguments.keywords.is_empty()
                && (1..=3).contains(&c.arguments.args.len())
                && !c.arguments.args.iter().any(|a| matches!(a, Expr::Starred(_))) => &c.arguments.args,
            other => {
                self.err(Diagnostic::new("E0100", span(other.range()), "only `for` loops over `range(...)` are supported yet")
                    .label("unsupported iterable").help("iterate over `range(stop)`, `range(start, stop)` or `range(start, stop, step)`"));
                return;
            }
        };
        let it_sp = span(f.iter.range());
        let mut vals = Vec::new();
        for a in range_args.iter() {
            let Some(v) = self.expr(a) else { return };
            vals.push(v);
        }
        let Some(b) = self.cur else { return };
        let (start, stop, step) = match vals.as_slice() {
            [stop] => (self.konst(b, Attr::Int(0), it_sp), *stop, self.konst(b, Attr::Int(1), it_sp)),
            [start, stop] => (*start, *stop, self.konst(b, Attr::Int(1), it_sp)),
            [start, stop, step] => (*start, *stop, *step),
            _ => return,
        };
        // The loop runs on machine indices; the loop variable is the int of the counter.
        let st = self.func.append_op(b, NewOp::new(Opcode::PyRangeStart, it_sp).operands([start, stop, step]).result(Type::Obj).result(Type::Obj).result(Type::Obj));
        let (start, stop, step) = (self.func.ops[st].results[0], self.func.ops[st].results[1], self.func.ops[st].results[2]);
        let header = self.new_block();
        let counter = self.func.add_block_param(header, Type::Obj);
        self.names.insert(counter, format!("<range counter of {}>", target.id));
        self.cur = None;
        self.br_args(b, header, vec![start], sp);
        let body_b = self.new_block();
        let latch = self.new_block();
        let else_b = self.new_block();
        let exit = self.new_block();
        let cond = self.emit(header, NewOp::new(Opcode::PyRangeCond, it_sp).operands([counter, stop, step]).result(Type::Bool));
        let Some(cond) = cond else { return };
        self.cond_br(header, cond, body_b, vec![], else_b, sp);
        self.seal(body_b);
        self.cur = Some(body_b);
        let Some(value) = self.emit(body_b, NewOp::new(Opcode::PyRangeValue, it_sp).operands([counter]).result(Type::Obj)) else { return };
        if self.locals.contains(target.id.as_str()) {
            self.write_var(target.id.as_str(), body_b, value);
        } else {
            self.func.append_op(body_b, NewOp::new(Opcode::PyStoreGlobal, span(target.range)).operands([value]).attr("name", Attr::Sym(target.id.to_string())));
        }
        self.loops.push((latch, exit));
        self.suite(&f.body);
        self.loops.pop();
        self.br(latch, sp);
        self.seal(latch);
        if self.preds.get(&latch).is_some_and(|p| !p.is_empty()) {
            let next = self.func.append_op(latch, NewOp::new(Opcode::PyRangeNext, it_sp).operands([counter, step]).result(Type::Obj).result(Type::Bool));
            let (nv, ok) = (self.func.ops[next].results[0], self.func.ops[next].results[1]);
            self.cond_br(latch, ok, header, vec![nv], else_b, sp);
        }
        self.seal(header);
        self.seal(else_b);
        self.cur = Some(else_b);
        self.suite(&f.orelse);
        self.br(exit, sp);
        self.seal(exit);
        let has_preds = self.preds.get(&exit).is_some_and(|p| !p.is_empty());
        self.cur = has_preds.then_some(exit);
    }

    // ---- expressions ----

    fn shadowed(&self, name: &str) -> bool {
        self.locals.contains(name) || self.ctx.globals.contains(name) || self.ctx.funcs.contains(name)
    }

    fn read_name(&mut self, name: &str, sp: Span) -> Option<Value> {
        let b = self.cur?;
        if self.locals.contains(name) {
            return Some(self.read_var(name, b));
        }
        if self.ctx.globals.contains(name) {
            return self.emit(b, NewOp::new(Opcode::PyLoadGlobal, sp).attr("name", Attr::Sym(name.into())).result(Type::Obj));
        }
        let d = if self.ctx.funcs.contains(name) || BUILTINS.contains(&name) {
            Diagnostic::new("E0101", sp, format!("functions are not first-class values yet: `{name}` can only be called"))
                .label("used as a value").help(format!("call it: `{name}(...)`"))
        } else {
            Diagnostic::new("E0105", sp, format!("name `{name}` is not defined"))
                .label("not a local, module-level name or supported builtin")
                .help("define it at module level or in this function before using it")
        };
        self.err(d);
        None
    }

    /// Lowers an expression into the current block; `None` after an error or in dead code.
    fn expr(&mut self, e: &Expr) -> Option<Value> {
        let sp = span(e.range());
        let b = self.cur?;
        match e {
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => match i.as_i64() {
                    Some(v) => Some(self.konst(b, Attr::Int(v), sp)),
                    None => match int_literal_decimal(&i.to_string()) {
                        Some(d) => Some(self.konst(b, Attr::BigInt(d), sp)),
                        None => {
                            self.err(Diagnostic::new("E0001", sp, "invalid integer literal").label("here"));
                            None
                        }
                    },
                },
                ast::Number::Float(f) => Some(self.konst(b, Attr::Float(F64(*f)), sp)),
                ast::Number::Complex { .. } => {
                    self.err(Diagnostic::new("E0101", sp, "complex numbers are not supported").label("complex literal"));
                    None
                }
            },
            Expr::BooleanLiteral(v) => Some(self.konst(b, Attr::Bool(v.value), sp)),
            Expr::NoneLiteral(_) => Some(self.konst(b, Attr::None, sp)),
            Expr::StringLiteral(s) => Some(self.konst(b, Attr::Str(s.value.to_str().to_string()), sp)),
            Expr::Name(n) => self.read_name(n.id.as_str(), sp),
            Expr::BinOp(bin) => {
                let Some(op) = binop_name(bin.op) else {
                    self.err(unsupported_operator(sp, bin.op));
                    return None;
                };
                let l = self.expr(&bin.left)?;
                let r = self.expr(&bin.right)?;
                let b = self.cur?;
                self.emit(b, NewOp::new(Opcode::PyBinop, sp).operands([l, r]).attr("op", Attr::Str(op.into())).result(Type::Obj))
            }
            Expr::UnaryOp(u) => {
                let op = match u.op {
                    ast::UnaryOp::USub => "neg",
                    ast::UnaryOp::UAdd => "pos",
                    ast::UnaryOp::Not => "not",
                    ast::UnaryOp::Invert => "invert",
                };
                let v = self.expr(&u.operand)?;
                let b = self.cur?;
                self.emit(b, NewOp::new(Opcode::PyUnop, sp).operands([v]).attr("op", Attr::Str(op.into())).result(Type::Obj))
            }
            Expr::BoolOp(bo) => {
                // a and b and c: each operand short-circuits to the join with its own value.
                let join = self.new_block();
                let result = self.func.add_block_param(join, Type::Obj);
                let n = bo.values.len();
                for (i, v) in bo.values.iter().enumerate() {
                    let val = self.expr(v)?;
                    let b = self.cur.take()?;
                    if i + 1 == n {
                        self.br_args(b, join, vec![val], sp);
                    } else {
                        let t = self.truth(b, val, span(v.range()));
                        let next = self.new_block();
                        match bo.op {
                            ast::BoolOp::And => {
                                // falsy: result is val
                                let op = self.func.append_op(b, NewOp::new(Opcode::CfCondBr, sp).operands([t]).successor(next, vec![]).successor(join, vec![val]));
                                self.preds.entry(next).or_default().push((op, 0));
                                self.preds.entry(join).or_default().push((op, 1));
                            }
                            ast::BoolOp::Or => {
                                self.cond_br(b, t, join, vec![val], next, sp);
                            }
                        }
                        self.seal(next);
                        self.cur = Some(next);
                    }
                }
                self.seal(join);
                self.cur = Some(join);
                Some(result)
            }
            Expr::If(ie) => {
                let c = self.expr(&ie.test)?;
                let b = self.cur.take()?;
                let cond = self.truth(b, c, span(ie.test.range()));
                let (t, f, join) = (self.new_block(), self.new_block(), self.new_block());
                let result = self.func.add_block_param(join, Type::Obj);
                self.cond_br(b, cond, t, vec![], f, sp);
                self.seal(t);
                self.seal(f);
                for (blk, arm) in [(t, &ie.body), (f, &ie.orelse)] {
                    self.cur = Some(blk);
                    let v = self.expr(arm)?;
                    let end = self.cur.take()?;
                    self.br_args(end, join, vec![v], sp);
                }
                self.seal(join);
                self.cur = Some(join);
                Some(result)
            }
            Expr::Compare(c) => {
                let mut ops = Vec::new();
                for op in c.ops.iter() {
                    match cmp_name(*op) {
                        Some(o) => ops.push(o),
                        None => {
                            self.err(Diagnostic::new("E0101", sp, format!("the `{}` comparison is not supported yet", op.as_str()))
                                .label("unsupported comparison").help("use `<`, `<=`, `>`, `>=`, `==` or `!=`"));
                            return None;
                        }
                    }
                }
                let mut left = self.expr(&c.left)?;
                if ops.len() == 1 {
                    let right = self.expr(&c.comparators[0])?;
                    let b = self.cur?;
                    return self.emit(b, NewOp::new(Opcode::PyCompare, sp).operands([left, right]).attr("op", Attr::Str(ops[0].into())).result(Type::Obj));
                }
                // a < b < c  ==  (a < b) and (b < c), with b evaluated once.
                let join = self.new_block();
                let result = self.func.add_block_param(join, Type::Obj);
                for (i, (op, comp)) in ops.iter().zip(c.comparators.iter()).enumerate() {
                    let right = self.expr(comp)?;
                    let b = self.cur.take()?;
                    let r = self.func.append_op(b, NewOp::new(Opcode::PyCompare, sp).operands([left, right]).attr("op", Attr::Str((*op).into())).result(Type::Obj));
                    let r = self.func.result(r);
                    if i + 1 == ops.len() {
                        self.br_args(b, join, vec![r], sp);
                    } else {
                        let t = self.truth(b, r, sp);
                        let next = self.new_block();
                        let op = self.func.append_op(b, NewOp::new(Opcode::CfCondBr, sp).operands([t]).successor(next, vec![]).successor(join, vec![r]));
                        self.preds.entry(next).or_default().push((op, 0));
                        self.preds.entry(join).or_default().push((op, 1));
                        self.seal(next);
                        self.cur = Some(next);
                    }
                    left = right;
                }
                self.seal(join);
                self.cur = Some(join);
                Some(result)
            }
            Expr::Call(call) => self.call(call, sp),
            other => {
                let what = expr_kind(other);
                self.err(Diagnostic::new("E0101", sp, format!("{what} is not supported yet"))
                    .label(what.to_string()).help("see docs/subset.md for the supported expressions"));
                None
            }
        }
    }

    fn call(&mut self, call: &ast::ExprCall, sp: Span) -> Option<Value> {
        let Expr::Name(callee) = &*call.func else {
            self.err(Diagnostic::new("E0102", span(call.func.range()), "only calls of functions by name are supported")
                .label("unsupported callee").help("call a module-level function or a builtin by name"));
            return None;
        };
        let name = callee.id.as_str();
        if let Some(s) = call.arguments.args.iter().find(|a| matches!(a, Expr::Starred(_))) {
            self.err(Diagnostic::new("E0102", span(s.range()), "`*args` in calls is not supported yet").label("starred argument"));
            return None;
        }
        let is_local = self.locals.contains(name);
        if !is_local && self.ctx.funcs.contains(name) {
            if let Some(k) = call.arguments.keywords.first() {
                self.err(Diagnostic::new("E0102", span(k.range), "keyword arguments are not supported yet").label("keyword argument")
                    .help("pass the arguments positionally"));
                return None;
            }
            let mut args = Vec::new();
            for a in call.arguments.args.iter() {
                args.push(self.expr(a)?);
            }
            let b = self.cur?;
            return self.emit(b, NewOp::new(Opcode::PyCall, sp).operands(args).attr("callee", Attr::Sym(name.into())).result(Type::Obj));
        }
        if !self.shadowed(name) && name == "print" {
            let mut sep = "\u{20}".to_string();
            let mut end = "\n".to_string();
            for k in call.arguments.keywords.iter() {
                let which = k.arg.as_ref().map(|a| a.as_str());
                let value = match &k.value {
                    Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
                    Expr::NoneLiteral(_) => None,
                    other => {
                        self.err(Diagnostic::new("E0102", span(other.range()), "print's `sep=` and `end=` must be string literals or None")
                            .label("not a literal").help("write e.g. `sep=\", \"`"));
                        return None;
                    }
                };
                match which {
                    Some("sep") => sep = value.unwrap_or_else(|| " ".into()),
                    Some("end") => end = value.unwrap_or_else(|| "\n".into()),
                    _ => {
                        self.err(Diagnostic::new("E0102", span(k.range), "print() supports only the `sep=` and `end=` keywords")
                            .label("unsupported keyword").help("remove it; `file=` and `flush=` are not supported yet"));
                        return None;
                    }
                }
            }
            let mut args = Vec::new();
            for a in call.arguments.args.iter() {
                args.push(self.expr(a)?);
            }
            let b = self.cur?;
            self.func.append_op(b, NewOp::new(Opcode::PyPrint, sp).operands(args).attr("sep", Attr::Str(sep)).attr("end", Attr::Str(end)));
            return Some(self.konst(b, Attr::None, sp));
        }
        let builtin_arity = match name {
            "abs" | "int" | "float" => Some(1),
            "min" | "max" => Some(2),
            _ => None,
        };
        if let (false, Some(arity)) = (self.shadowed(name), builtin_arity) {
            if !call.arguments.keywords.is_empty() || call.arguments.args.len() != arity {
                self.err(Diagnostic::new("E0102", sp, format!("`{name}` is supported with exactly {arity} positional argument(s)"))
                    .label("unsupported call form").help(if arity == 2 { format!("write `{name}(a, b)`") } else { format!("write `{name}(x)`") }));
                return None;
            }
            let mut args = Vec::new();
            for a in call.arguments.args.iter() {
                args.push(self.expr(a)?);
            }
            let b = self.cur?;
            return self.emit(b, NewOp::new(Opcode::PyBuiltin, sp).operands(args).attr("name", Attr::Str(name.into())).result(Type::Obj));
        }
        let d = if is_local || self.ctx.globals.contains(name) {
            Diagnostic::new("E0102", span(callee.range), format!("`{name}` is a variable; calling values is not supported"))
                .label("not a function").help("call a module-level function by name")
        } else if name == "range" {
            Diagnostic::new("E0102", sp, "range() is supported only as the iterable of a `for` loop").label("range outside `for`")
                .help("write `for i in range(...):`")
        } else {
            Diagnostic::new("E0102", span(callee.range), format!("`{name}` is not a function of this module or a supported builtin"))
                .label("unknown function").help("define it with `def` at module level; supported builtins: print, abs, min, max, int, float, range")
        };
        self.err(d);
        None
    }
}

fn binop_name(op: ast::Operator) -> Option<&'static str> {
    Some(match op {
        ast::Operator::Add => "add",
        ast::Operator::Sub => "sub",
        ast::Operator::Mult => "mul",
        ast::Operator::Div => "truediv",
        ast::Operator::FloorDiv => "floordiv",
        ast::Operator::Mod => "mod",
        ast::Operator::Pow => "pow",
        ast::Operator::LShift => "lshift",
        ast::Operator::RShift => "rshift",
        ast::Operator::BitAnd => "and",
        ast::Operator::BitOr => "or",
        ast::Operator::BitXor => "xor",
        ast::Operator::MatMult => return None,
    })
}

/// The decimal digits of an integer literal's token (`0x_ff…`, `0o…`, `0b…`, `1_000…`), for
/// literals beyond the i64 range; `None` if the token is not an integer literal.
fn int_literal_decimal(token: &str) -> Option<String> {
    let t: String = token.chars().filter(|&c| c != '_').collect::<String>().to_ascii_lowercase();
    let (radix, digits) = match t.get(..2) {
        Some("0x") => (16, &t[2..]),
        Some("0o") => (8, &t[2..]),
        Some("0b") => (2, &t[2..]),
        _ => (10, t.as_str()),
    };
    if digits.is_empty() {
        return None;
    }
    // Little-endian base-10^9 limbs, multiplied by the radix and added to per digit.
    let mut limbs: Vec<u64> = vec![0];
    for c in digits.chars() {
        let d = u64::from(c.to_digit(radix)?);
        let mut carry = d;
        for l in limbs.iter_mut() {
            let v = *l * u64::from(radix) + carry;
            *l = v % 1_000_000_000;
            carry = v / 1_000_000_000;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    let mut out = limbs.last().map(|l| l.to_string()).unwrap_or_default();
    for l in limbs.iter().rev().skip(1) {
        out.push_str(&format!("{l:09}"));
    }
    Some(out)
}

fn unsupported_operator(sp: Span, op: ast::Operator) -> Diagnostic {
    Diagnostic::new("E0101", sp, format!("the `{}` operator is not supported yet", op.as_str()))
        .label("unsupported operator").help("supported: + - * / // % ** << >> & | ^")
}

fn cmp_name(op: ast::CmpOp) -> Option<&'static str> {
    Some(match op {
        ast::CmpOp::Lt => "lt",
        ast::CmpOp::LtE => "le",
        ast::CmpOp::Gt => "gt",
        ast::CmpOp::GtE => "ge",
        ast::CmpOp::Eq => "eq",
        ast::CmpOp::NotEq => "ne",
        ast::CmpOp::Is => "is",
        ast::CmpOp::IsNot => "isnot",
        ast::CmpOp::In | ast::CmpOp::NotIn => return None,
    })
}

fn stmt_kind(s: &Stmt) -> &'static str {
    match s {
        Stmt::ClassDef(_) => "`class`",
        Stmt::Delete(_) => "`del`",
        Stmt::TypeAlias(_) => "`type` alias",
        Stmt::With(_) => "`with`",
        Stmt::Match(_) => "`match`",
        Stmt::Raise(_) => "`raise`",
        Stmt::Try(_) => "`try`",
        Stmt::Assert(_) => "`assert`",
        Stmt::Import(_) | Stmt::ImportFrom(_) => "`import`",
        Stmt::Global(_) => "`global`",
        Stmt::Nonlocal(_) => "`nonlocal`",
        _ => "this statement",
    }
}

fn expr_kind(e: &Expr) -> &'static str {
    match e {
        Expr::Named(_) => "the walrus operator `:=`",
        Expr::Lambda(_) => "`lambda`",
        Expr::Dict(_) | Expr::DictComp(_) => "a dict",
        Expr::Set(_) | Expr::SetComp(_) => "a set",
        Expr::List(_) | Expr::ListComp(_) => "a list",
        Expr::Tuple(_) => "a tuple",
        Expr::Generator(_) => "a generator expression",
        Expr::Await(_) => "`await`",
        Expr::Yield(_) | Expr::YieldFrom(_) => "`yield`",
        Expr::FString(_) | Expr::TString(_) => "an f-string",
        Expr::BytesLiteral(_) => "a bytes literal",
        Expr::EllipsisLiteral(_) => "`...`",
        Expr::Attribute(_) => "attribute access",
        Expr::Subscript(_) => "subscription",
        Expr::Starred(_) => "a starred expression",
        Expr::Slice(_) => "a slice",
        _ => "this expression",
    }
}

#[cfg(test)]
mod tests {
    use super::int_literal_decimal;

    #[test]
    fn int_literals_in_every_base() {
        // Expected values from python3.
        assert_eq!(int_literal_decimal("18446744073709551616").as_deref(), Some("18446744073709551616"));
        assert_eq!(int_literal_decimal("0xFFFF_FFFF_FFFF_FFFF_FF").as_deref(), Some("4722366482869645213695"));
        assert_eq!(int_literal_decimal("0o777_777_777_777_777_777_777").as_deref(), Some("9223372036854775807"));
        assert_eq!(int_literal_decimal("0b1_0000000000000000000000000000000000000000000000000000000000000000").as_deref(), Some("18446744073709551616"));
        assert_eq!(int_literal_decimal("1_000_000_000_000_000_000_000").as_deref(), Some("1000000000000000000000"));
        assert_eq!(int_literal_decimal("0x"), None);
        assert_eq!(int_literal_decimal("12z"), None);
    }
}
