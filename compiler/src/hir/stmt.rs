//! Statements: assignments, control flow (`if`, `while`, `for` over `range`), `return`,
//! `raise`, `assert`, `def` at module level. Everything else is a diagnostic.

use molt_ir::{Attr, Block, NewOp, Opcode, Span, Type, Value};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::expr::{binop_name, unsupported_operator};
use super::{FnLower, span};
use crate::diagnostics::Diagnostic;

impl<'a> FnLower<'a> {
    pub(super) fn stmt(&mut self, s: &Stmt) {
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
                Some(&(_, brk, depth)) => {
                    self.end_handling(depth, sp);
                    self.br(brk, sp)
                }
                None => self.err(Diagnostic::new("E0001", sp, "'break' outside loop").label("not in a loop")),
            },
            Stmt::Continue(_) => match self.loops.last() {
                Some(&(cont, _, depth)) => {
                    self.end_handling(depth, sp);
                    self.br(cont, sp)
                }
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
                self.end_handling(0, sp);
                if let (Some(v), Some(b)) = (v, self.cur.take()) {
                    self.func.append_op(b, NewOp::new(Opcode::CfReturn, sp).operands([v]));
                }
            }
            Stmt::Raise(r) => self.raise_stmt(r, sp),
            Stmt::Try(t) => self.try_stmt(t, sp),
            Stmt::Assert(a) => {
                // `assert test, msg`: AssertionError(msg) when the test is false.
                let Some(c) = self.expr(&a.test) else { return };
                let Some(b) = self.cur.take() else { return };
                let (cond, b) = self.truth(b, c, span(a.test.range()));
                let (fail, ok) = (self.new_block(), self.new_block());
                self.cond_br(b, cond, ok, vec![], fail, sp);
                self.seal(fail);
                self.seal(ok);
                self.cur = Some(fail);
                let arg = match &a.msg {
                    Some(m) => match self.expr(m) {
                        Some(v) => vec![v],
                        None => return,
                    },
                    None => vec![],
                };
                // CPython blames the assertion's test for the AssertionError.
                self.raise_new("AssertionError", arg, span(a.test.range()));
                self.cur = Some(ok);
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

    /// `raise KIND`, `raise KIND(arg)` (a builtin exception class), bare `raise`.
    pub(super) fn raise_stmt(&mut self, r: &ast::StmtRaise, sp: Span) {
        let unsupported = |what: &str| {
            Diagnostic::new("E0100", sp, format!("{what} is not supported yet"))
                .label("unsupported `raise`").help("raise a builtin exception class: `raise ValueError(\"...\")`")
        };
        if r.cause.is_some() {
            self.err(unsupported("`raise ... from ...`"));
            return;
        }
        let Some(exc) = &r.exc else {
            if let Some(&e) = self.handling.last() {
                let Some(b) = self.cur.take() else { return };
                let (_, c) = self.append(b, NewOp::new(Opcode::PyExcReraise, sp).operands([e]));
                self.func.append_op(c, NewOp::new(Opcode::CfUnreachable, sp));
                return;
            }
            // Outside every `except` clause (of this function: TEMPORARY(#7) a bare raise in a
            // function called from a handler is not seen): CPython's RuntimeError.
            let Some(b) = self.cur else { return };
            let msg = self.konst(b, Attr::Str("No active exception to reraise".into()), sp);
            self.raise_new("RuntimeError", vec![msg], sp);
            return;
        };
        let (name, args) = match &**exc {
            Expr::Name(n) => (n, None),
            Expr::Call(c) if matches!(&*c.func, Expr::Name(_)) && c.arguments.keywords.is_empty() => match &*c.func {
                Expr::Name(n) => (n, Some(&c.arguments.args)),
                _ => return,
            },
            _ => {
                self.err(unsupported("raising this expression"));
                return;
            }
        };
        let kind = name.id.as_str();
        if self.shadowed(kind) || crate::abi::exception_kind(kind).is_none() {
            self.err(Diagnostic::new("E0100", span(name.range), format!("`{kind}` is not a builtin exception class"))
                .label("not a builtin exception").help("raise a builtin exception class, e.g. `raise ValueError(\"...\")`; user-defined exception classes come with classes"));
            return;
        }
        let mut vals = Vec::new();
        if let Some(args) = args {
            if args.len() > 1 || args.iter().any(|a| matches!(a, Expr::Starred(_))) {
                self.err(unsupported("an exception with several arguments"));
                return;
            }
            for a in args.iter() {
                let Some(v) = self.expr(a) else { return };
                vals.push(v);
            }
        }
        self.raise_new(kind, vals, sp);
    }

    /// `try` / `except` / `else`: every op of the body that may raise gets an edge to the handler
    /// block, which fetches the exception, tests the clauses in order, and re-raises it when
    /// none matches. A clause body is itself a handler region whose handler ends the handling
    /// before the exception leaves (decisions/0015).
    pub(super) fn try_stmt(&mut self, t: &ast::StmtTry, sp: Span) {
        if t.is_star || !t.finalbody.is_empty() {
            let what = if t.is_star { "`except*`" } else { "`finally`" };
            self.err(Diagnostic::new("E0100", sp, format!("{what} is not supported yet")).label(format!("`try` with {what}"))
                .help("use `try`/`except`/`else`; a `finally` body can be written after the statement and in each handler"));
            return;
        }
        if self.cur.is_none() {
            return;
        }
        let handler = self.new_block();
        self.handlers.push(handler);
        self.suite(&t.body);
        self.handlers.pop();
        let join = self.new_block();
        if self.cur.is_some() {
            self.suite(&t.orelse);
        }
        self.br(join, sp);
        self.seal(handler);
        // A body that cannot raise leaves the handlers dead: they are not lowered.
        if self.preds.get(&handler).is_some_and(|p| !p.is_empty()) {
            self.except_clauses(t, handler, join, sp);
        }
        self.seal(join);
        let has_preds = self.preds.get(&join).is_some_and(|p| !p.is_empty());
        self.cur = has_preds.then_some(join);
    }

    fn except_clauses(&mut self, t: &ast::StmtTry, handler: Block, join: Block, sp: Span) {
        let Some(e) = self.emit(handler, NewOp::new(Opcode::PyExcFetch, sp).result(Type::Obj)) else { return };
        self.func.append_op(handler, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).attr("what", Attr::Str("begin".into())));
        self.cur = Some(handler);
        let n = t.handlers.len();
        for (i, clause) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = clause;
            let Some(cur) = self.cur.take() else { return };
            let hsp = span(h.range);
            let matched = match &h.type_ {
                None if i + 1 < n => {
                    self.err(Diagnostic::new("E0001", hsp, "default 'except:' must be last").label("not the last clause"));
                    return;
                }
                None => cur,
                Some(ty) => {
                    let Some(kinds) = self.exception_classes(ty) else { return };
                    let (matched, nomatch) = (self.new_block(), self.new_block());
                    let mut test = cur;
                    for (k, kind) in kinds.iter().enumerate() {
                        let c = self.emit(test, NewOp::new(Opcode::PyExcMatches, hsp).operands([e]).attr("kind", Attr::Str(kind.clone())).result(Type::Bool));
                        let Some(c) = c else { return };
                        let next = if k + 1 == kinds.len() { nomatch } else { self.new_block() };
                        self.cond_br(test, c, matched, vec![], next, hsp);
                        if next != nomatch {
                            self.seal(next);
                        }
                        test = next;
                    }
                    self.seal(matched);
                    self.seal(nomatch);
                    self.cur = Some(nomatch);
                    matched
                }
            };
            let after = self.cur.take();
            self.clause_body(h, e, matched, join, hsp);
            self.cur = if h.type_.is_some() { after } else { None };
        }
        // No clause matched: the exception continues outward.
        if let Some(cur) = self.cur.take() {
            self.func.append_op(cur, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).attr("what", Attr::Str("end".into())));
            let (_, c) = self.append(cur, NewOp::new(Opcode::PyExcReraise, sp).operands([e]));
            self.func.append_op(c, NewOp::new(Opcode::CfUnreachable, sp));
        }
    }

    /// The builtin exception classes an `except` clause names (a name or a tuple of names).
    fn exception_classes(&mut self, ty: &Expr) -> Option<Vec<String>> {
        let names: Vec<&Expr> = match ty {
            Expr::Tuple(t) => t.elts.iter().collect(),
            other => vec![other],
        };
        let mut kinds = Vec::new();
        for n in names {
            match n {
                Expr::Name(n) if !self.shadowed(n.id.as_str()) && crate::abi::exception_kind(n.id.as_str()).is_some() => kinds.push(n.id.to_string()),
                other => {
                    self.err(Diagnostic::new("E0100", span(other.range()), "only builtin exception classes can be caught yet")
                        .label("not a builtin exception class").help("name builtin exception classes, e.g. `except (ValueError, KeyError):`"));
                    return None;
                }
            }
        }
        Some(kinds)
    }

    /// An `except` clause's body, in block `matched`: binds the exception to its name, runs the
    /// body with a cleanup handler that ends the handling if an exception escapes, ends the
    /// handling and unbinds the name (as CPython does), and continues at `join`.
    fn clause_body(&mut self, h: &ast::ExceptHandlerExceptHandler, e: Value, matched: Block, join: Block, sp: Span) {
        self.cur = Some(matched);
        if let Some(name) = &h.name {
            if !self.locals.contains(name.as_str()) {
                self.err(Diagnostic::new("E0100", span(name.range), format!("`except ... as {name}` binding a module variable that functions read is not supported yet"))
                    .label("a module variable").help("use another name for the exception"));
                return;
            }
            self.write_var(name.as_str(), matched, e);
        }
        let cleanup = self.new_block();
        self.handlers.push(cleanup);
        self.handling.push(e);
        self.suite(&h.body);
        self.handling.pop();
        self.handlers.pop();
        if let Some(b) = self.cur.take() {
            self.func.append_op(b, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).attr("what", Attr::Str("end".into())));
            if let Some(name) = &h.name {
                let gone = self.undef(name.as_str());
                self.write_var(name.as_str(), b, gone);
            }
            self.cur = Some(b);
            self.br(join, sp);
        }
        self.seal(cleanup);
        if self.preds.get(&cleanup).is_some_and(|p| !p.is_empty()) {
            let Some(inner) = self.emit(cleanup, NewOp::new(Opcode::PyExcFetch, sp).result(Type::Obj)) else { return };
            self.func.append_op(cleanup, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).attr("what", Attr::Str("end".into())));
            let (_, c) = self.append(cleanup, NewOp::new(Opcode::PyExcReraise, sp).operands([inner]));
            self.func.append_op(c, NewOp::new(Opcode::CfUnreachable, sp));
        }
    }

    /// Leaves the `except` clauses entered since handling depth `depth` (a `return`, `break` or
    /// `continue` out of them), innermost first, as CPython does on every exit from a handler.
    fn end_handling(&mut self, depth: usize, sp: Span) {
        let Some(b) = self.cur else { return };
        for i in (depth..self.handling.len()).rev() {
            let e = self.handling[i];
            self.func.append_op(b, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).attr("what", Attr::Str("end".into())));
        }
    }

    /// Raises a new builtin exception and ends the block (what follows is unreachable).
    pub(super) fn raise_new(&mut self, kind: &str, args: Vec<Value>, sp: Span) {
        let Some(b) = self.cur.take() else { return };
        let (_, b) = self.append(b, NewOp::new(Opcode::PyRaiseNew, sp).operands(args).attr("kind", Attr::Str(kind.into())));
        self.func.append_op(b, NewOp::new(Opcode::CfUnreachable, sp));
    }

    pub(super) fn if_stmt(&mut self, test: &Expr, body: &[Stmt], clauses: &[ast::ElifElseClause], sp: Span) {
        let Some(c) = self.expr(test) else { return };
        let Some(b) = self.cur.take() else { return };
        let (cond, b) = self.truth(b, c, span(test.range()));
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

    pub(super) fn while_stmt(&mut self, w: &ast::StmtWhile, sp: Span) {
        let header = self.new_block();
        self.br(header, sp);
        self.cur = Some(header);
        let body_b = self.new_block();
        let else_b = self.new_block();
        let exit = self.new_block();
        if let Some(c) = self.expr(&w.test)
            && let Some(h) = self.cur.take() {
                let (cond, h) = self.truth(h, c, span(w.test.range()));
                self.cond_br(h, cond, body_b, vec![], else_b, sp);
            }
        self.seal(body_b);
        self.seal(else_b);
        self.cur = Some(body_b);
        self.loops.push((header, exit, self.handling.len()));
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

    pub(super) fn for_stmt(&mut self, f: &ast::StmtFor, sp: Span) {
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
        let (st, b) = self.append(b, NewOp::new(Opcode::PyRangeStart, it_sp).operands([start, stop, step]).result(Type::Obj).result(Type::Obj).result(Type::Obj));
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
        self.loops.push((latch, exit, self.handling.len()));
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

}

pub(super) fn stmt_kind(s: &Stmt) -> &'static str {
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
