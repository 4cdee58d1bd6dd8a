//! `raise` and `try` (`except`, `else`, `finally`): explicit raise edges to handler blocks
//! (decisions/0015).
//!
//! Invariants: `handlers` (the handler block of each enclosing `try`), `handling` (the exception
//! of each enclosing `except` clause or exceptional `finally` path) and `finallies` (each
//! enclosing `try … finally`, with the depths of the other two stacks where it starts) are pushed
//! and popped in step with the statements; a way out of a region (`return`, `break`,
//! `continue`) unwinds them innermost first (`unwind`) and leaves the stacks as they were.

use std::rc::Rc;

use molt_ir::{Attr, Block, Handling, NewOp, Opcode, Span, Type, Value};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::{Cleanup, FnLower, Finally, Resolved, span};
use crate::builtins::BuiltinId;
use crate::diagnostics::Diagnostic;

impl<'a> FnLower<'a> {
    /// `raise KIND`, `raise KIND(arg)` (a builtin exception class), bare `raise`.
    pub(super) fn raise_stmt(&mut self, r: &ast::StmtRaise, sp: Span) {
        let Some(exc) = &r.exc else {
            let Some(b) = self.cur.take() else { return };
            let (_, c) = match self.handling.last() {
                Some(&e) => self.append(b, NewOp::new(Opcode::PyExcReraise, sp).operands([e])),
                // Outside this function's handlers: the exception a caller is handling, or
                // CPython's RuntimeError.
                None => self.append(b, NewOp::new(Opcode::PyRaiseActive, sp)),
            };
            self.func.append_op(c, NewOp::new(Opcode::CfUnreachable, sp));
            return;
        };
        if r.cause.is_none()
            && let Some((kind, args)) = self.exception_class_call(exc)
        {
            // `raise KIND` / `raise KIND(arg)`: one runtime call makes and raises it.
            let Some(vals) = self.exception_args(args) else { return };
            self.raise_new(kind, vals, sp);
            return;
        }
        let Some(x) = self.exception_value(exc) else { return };
        let cause = match &r.cause {
            Some(c) => match self.exception_value(c) {
                Some(v) => Some(v),
                None => return,
            },
            None => None,
        };
        let Some(b) = self.cur.take() else { return };
        let op = match cause {
            Some(c) => NewOp::new(Opcode::PyRaiseFrom, sp).operands([x, c]),
            None => NewOp::new(Opcode::PyRaise, sp).operands([x]),
        };
        let (_, c) = self.append(b, op);
        self.func.append_op(c, NewOp::new(Opcode::CfUnreachable, sp));
    }

    /// Whether `name` is a builtin exception class here (not shadowed).
    fn is_exception_class(&self, name: &str) -> bool {
        match self.lookup(name) {
            Resolved::Builtin(BuiltinId::Exception(_)) => true,
            Resolved::Builtin(_) | Resolved::Ssa(_) | Resolved::Global { .. } | Resolved::Func | Resolved::Cell(_) | Resolved::ClassLocal(_) | Resolved::Undefined => false,
        }
    }

    /// `KIND` or `KIND(arg)` where KIND names a builtin exception class (not shadowed): what
    /// `py.exc_new` / `py.raise_new` make directly. Other calls of the class (several
    /// arguments, keywords, `*args`) are calls of the class value, bound by the runtime.
    fn exception_class_call<'e>(&self, e: &'e Expr) -> Option<(&'e str, Option<&'e [Expr]>)> {
        let (name, args) = match e {
            Expr::Name(n) => (n.id.as_str(), None),
            Expr::Call(c) if c.arguments.keywords.is_empty() && c.arguments.args.len() <= 1 && !c.arguments.args.iter().any(|a| matches!(a, Expr::Starred(_))) => match &*c.func {
                Expr::Name(n) => (n.id.as_str(), Some(&c.arguments.args[..])),
                _ => return None,
            },
            _ => return None,
        };
        self.is_exception_class(name).then_some((name, args))
    }

    /// The values of an exception's constructor arguments (`exception_class_call`: at most
    /// one).
    fn exception_args(&mut self, args: Option<&[Expr]>) -> Option<Vec<Value>> {
        let mut vals = Vec::new();
        for a in args.unwrap_or(&[]) {
            vals.push(self.expr(a)?);
        }
        Some(vals)
    }

    /// The exception object `raise` (or `from`) is given: a builtin exception class is
    /// instantiated, any other expression is evaluated (the runtime checks what it is).
    fn exception_value(&mut self, e: &Expr) -> Option<Value> {
        match self.exception_class_call(e) {
            Some((kind, args)) => {
                let vals = self.exception_args(args)?;
                let b = self.cur?;
                self.emit(b, NewOp::new(Opcode::PyExcNew, span(e.range())).operands(vals).attr("kind", Attr::Str(kind.into())).result(Type::Obj))
            }
            None => self.expr(e),
        }
    }

    /// `try` with `except`/`else`/`finally`. A `finally` body is lowered once per way out of the
    /// statement (decisions/0015): after the body on the normal path; in a handler for an
    /// exception (the exception being handled, re-raised at the end); and before each
    /// `return`/`break`/`continue` that leaves it (`unwind`).
    pub(super) fn try_stmt(&mut self, t: &ast::StmtTry, sp: Span) {
        if t.is_star {
            self.err(Diagnostic::new("E0100", sp, "`except*` is not supported yet").label("`try` with `except*`")
                .help("use `try`/`except`"));
            return;
        }
        if self.cur.is_none() {
            return;
        }
        if t.finalbody.is_empty() {
            self.try_except(t, sp);
            return;
        }
        let fin_handler = self.new_block();
        let body: Rc<[Stmt]> = t.finalbody.iter().cloned().collect();
        self.handlers.push(fin_handler);
        self.finallies.push(Finally { body: Cleanup::Body(body.clone()), handlers: self.handlers.len() - 1, handling: self.handling.len() });
        if t.handlers.is_empty() {
            self.suite(&t.body);
        } else {
            self.try_except(t, sp);
        }
        self.finallies.pop();
        self.handlers.pop();
        // The normal way out.
        if self.cur.is_some() {
            self.suite(&body);
        }
        let after = self.cur.take();
        // An exception: the body runs while it is handled, then it continues outward.
        self.seal(fin_handler);
        if self.preds.get(&fin_handler).is_some_and(|p| !p.is_empty())
            && let Some(e) = self.emit(fin_handler, NewOp::new(Opcode::PyExcFetch, sp).result(Type::Obj))
        {
            self.func.append_op(fin_handler, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).enum_attr("what", Handling::Begin));
            self.cur = Some(fin_handler);
            if let Some(b) = self.handled_suite(e, &body, sp) {
                self.func.append_op(b, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).enum_attr("what", Handling::End));
                let (_, c) = self.append(b, NewOp::new(Opcode::PyExcReraise, sp).operands([e]));
                self.func.append_op(c, NewOp::new(Opcode::CfUnreachable, sp));
            }
        }
        self.cur = after;
    }

    /// Runs `body` (from the current block) while exception `e` is handled: an exception that
    /// escapes it ends the handling first (a cleanup handler), then continues outward. Returns
    /// the block where the body completed normally, if it did; the handling is still on there.
    fn handled_suite(&mut self, e: Value, body: &[Stmt], sp: Span) -> Option<Block> {
        self.while_handling(e, sp, |s| {
            s.suite(body);
            Some(())
        });
        self.cur.take()
    }

    /// Lowers `f` (from the current block) while exception `e` is handled, with the cleanup
    /// handler of `handled_suite`; the current block is where `f` completed normally.
    pub(super) fn while_handling<T>(&mut self, e: Value, sp: Span, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let cleanup = self.new_block();
        self.handlers.push(cleanup);
        self.handling.push(e);
        let r = f(self);
        self.handling.pop();
        self.handlers.pop();
        let done = self.cur.take();
        self.seal(cleanup);
        if self.preds.get(&cleanup).is_some_and(|p| !p.is_empty())
            && let Some(inner) = self.emit(cleanup, NewOp::new(Opcode::PyExcFetch, sp).result(Type::Obj))
        {
            self.func.append_op(cleanup, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).enum_attr("what", Handling::End));
            let (_, c) = self.append(cleanup, NewOp::new(Opcode::PyExcReraise, sp).operands([inner]));
            self.func.append_op(c, NewOp::new(Opcode::CfUnreachable, sp));
        }
        self.cur = done;
        r
    }

    /// Leaves the `except` clauses and `try … finally` statements entered since handling depth
    /// `handling` and finally depth `finallies`, innermost first, as CPython does on a `return`,
    /// `break` or `continue` out of them: each clause's handling ends, each `finally` body runs
    /// (with the handlers, clauses and `finally`s outside its statement in effect). Stops early
    /// when a `finally` body does not complete (it returned, raised, broke out).
    pub(super) fn unwind(&mut self, handling: usize, finallies: usize, sp: Span) {
        let mut top = self.handling.len();
        for k in (finallies..self.finallies.len()).rev() {
            let f = self.finallies[k].clone();
            self.end_handling_range(f.handling, top, sp);
            top = f.handling;
            let handlers = self.handlers.split_off(f.handlers);
            let clauses = self.handling.split_off(f.handling);
            let inner = self.finallies.split_off(k);
            match &f.body {
                Cleanup::Body(body) => self.suite(body),
                Cleanup::Exit(exit) => self.call_exit_none(*exit, sp),
            }
            self.handlers.extend(handlers);
            self.handling.extend(clauses);
            self.finallies.extend(inner);
            if self.cur.is_none() {
                return;
            }
        }
        self.end_handling_range(handling, top, sp);
    }

    /// `try` / `except` / `else`: every op of the body that may raise gets an edge to the handler
    /// block, which fetches the exception, tests the clauses in order, and re-raises it when
    /// none matches. A clause body is itself a handler region whose handler ends the handling
    /// before the exception leaves (decisions/0015).
    fn try_except(&mut self, t: &ast::StmtTry, sp: Span) {
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
        self.func.append_op(handler, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).enum_attr("what", Handling::Begin));
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
                Some(ty) if self.exception_classes(ty).is_none() => {
                    // A class value (a user exception class, a tuple of classes): evaluated
                    // when the clause is reached, then matched by the runtime.
                    self.cur = Some(cur);
                    let c = self.while_handling(e, hsp, |s| {
                        let cls = s.expr(ty)?;
                        let b = s.cur?;
                        s.emit(b, NewOp::new(Opcode::PyExcMatchesClass, hsp).operands([e, cls]).result(Type::Bool))
                    });
                    let (Some(c), Some(b)) = (c, self.cur.take()) else { return };
                    let (matched, nomatch) = (self.new_block(), self.new_block());
                    self.cond_br(b, c, matched, vec![], nomatch, hsp);
                    self.seal(matched);
                    self.seal(nomatch);
                    self.cur = Some(nomatch);
                    matched
                }
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
            self.func.append_op(cur, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).enum_attr("what", Handling::End));
            let (_, c) = self.append(cur, NewOp::new(Opcode::PyExcReraise, sp).operands([e]));
            self.func.append_op(c, NewOp::new(Opcode::CfUnreachable, sp));
        }
    }

    /// The builtin exception classes an `except` clause names (a name or a tuple of names), if
    /// it names only those (then each is tested by its kind, without evaluating anything).
    fn exception_classes(&self, ty: &Expr) -> Option<Vec<String>> {
        let names: Vec<&Expr> = match ty {
            Expr::Tuple(t) => t.elts.iter().collect(),
            other => vec![other],
        };
        let mut kinds = Vec::new();
        for n in names {
            match n {
                Expr::Name(n) if self.is_exception_class(n.id.as_str()) => kinds.push(n.id.to_string()),
                _ => return None,
            }
        }
        Some(kinds)
    }

    /// An `except` clause's body, in block `matched`: binds the exception to its name, runs the
    /// body with a cleanup handler that ends the handling if an exception escapes, ends the
    /// handling and unbinds the name (as CPython does), and continues at `join`.
    fn clause_body(&mut self, h: &ast::ExceptHandlerExceptHandler, e: Value, matched: Block, join: Block, sp: Span) {
        self.cur = Some(matched);
        // A module variable in a global slot: bound, then `name = None; del name` after the
        // body (CPython's cleanup of the name).
        let global = h.name.as_ref().filter(|n| matches!(self.lookup(n.as_str()), Resolved::Global { func: false }));
        if let Some(name) = global {
            self.assign_name(name.as_str(), e, span(name.range));
            if let Some(b) = self.handled_suite(e, &h.body, sp) {
                self.func.append_op(b, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).enum_attr("what", Handling::End));
                self.cur = Some(b);
                let none = self.konst(b, Attr::None, sp);
                self.assign_name(name.as_str(), none, span(name.range));
                if let Some(b) = self.cur {
                    self.append(b, NewOp::new(Opcode::PyDeleteGlobal, span(name.range)).attr("name", Attr::Sym(name.to_string())));
                }
                self.br(join, sp);
            }
            return;
        }
        let var = match &h.name {
            Some(name) => match self.lookup(name.as_str()) {
                Resolved::Ssa(var) => Some(var),
                Resolved::Global { .. } | Resolved::Func | Resolved::Builtin(_) | Resolved::Cell(_) | Resolved::ClassLocal(_) | Resolved::Undefined => {
                    self.err(Diagnostic::new("E0100", span(name.range), format!("`except ... as {name}` binding a module variable or a variable shared with a nested function that functions read is not supported yet"))
                        .label("a module variable").help("use another name for the exception"));
                    return;
                }
            },
            None => None,
        };
        if let Some(var) = var {
            self.write_var(var, matched, e);
        }
        if let Some(b) = self.handled_suite(e, &h.body, sp) {
            self.func.append_op(b, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).enum_attr("what", Handling::End));
            if let Some(var) = var {
                let gone = self.undef(var);
                self.write_var(var, b, gone);
            }
            self.cur = Some(b);
            self.br(join, sp);
        }
    }

    /// Ends the handling of the `except` clauses at handling depths `from..to`, innermost first.
    fn end_handling_range(&mut self, from: usize, to: usize, sp: Span) {
        let Some(b) = self.cur else { return };
        for i in (from..to).rev() {
            let e = self.handling[i];
            self.func.append_op(b, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).enum_attr("what", Handling::End));
        }
    }

    /// Raises a new builtin exception and ends the block (what follows is unreachable).
    pub(super) fn raise_new(&mut self, kind: &str, args: Vec<Value>, sp: Span) {
        let Some(b) = self.cur.take() else { return };
        let (_, b) = self.append(b, NewOp::new(Opcode::PyRaiseNew, sp).operands(args).attr("kind", Attr::Str(kind.into())));
        self.func.append_op(b, NewOp::new(Opcode::CfUnreachable, sp));
    }

}
