//! `with` statements, as CPython 3.11 compiles them: `with A() as a, B() as b:` is two nested
//! statements; each evaluates its manager, looks up `__enter__` and `__exit__` on its type and
//! calls `__enter__` (`py.with_enter`, CPython's BEFORE_WITH), binds the target, and runs the
//! body in a region whose ways out all call `__exit__`: the normal end and every `return`,
//! `break` or `continue` leaving it call `__exit__(None, None, None)` (a `Cleanup::Exit` on the
//! `finallies` stack, run by `unwind`); an exception calls `__exit__(type, exc, tb)` while it
//! is handled (`py.with_exit`), and continues outward unless the result is true.
//!
//! Relies on: the `try … finally` machinery of `exceptions.rs` (handler blocks, `finallies`,
//! handling depth). Invariant: `__exit__` runs exactly once on every way out of the body (the
//! target's assignment included, which is inside the protected region as in CPython).

use molt_ir::{Attr, Handling, NewOp, Opcode, Span, Type, Value};
use ruff_python_ast::{self as ast, Stmt};

use super::{Cleanup, FnLower, Finally, span};
use crate::diagnostics::Diagnostic;

impl FnLower<'_> {
    /// `with item, …: body`.
    pub(super) fn with_stmt(&mut self, w: &ast::StmtWith, sp: Span) {
        if w.is_async {
            self.err(Diagnostic::new("E0108", sp, "`async with` is not supported yet").label("`async with`").help("write a plain `with`"));
            return;
        }
        self.with_items(&w.items, &w.body, sp);
    }

    fn with_items(&mut self, items: &[ast::WithItem], body: &[Stmt], sp: Span) {
        let Some((item, rest)) = items.split_first() else {
            self.suite(body);
            return;
        };
        let isp = span(item.range);
        let Some(mgr) = self.expr(&item.context_expr) else { return };
        let Some(b) = self.cur else { return };
        // BEFORE_WITH carries the statement's location (CPython 3.11's `compiler_with`): a
        // failing `__enter__` is reported at the `with` line, without carets.
        let Some(pair) = self.emit(b, NewOp::new(Opcode::PyWithEnter, sp).operands([mgr]).result(Type::Obj)) else { return };
        let Some(b) = self.cur else { return };
        let (op, _) = self.append(b, NewOp::new(Opcode::PyUnpack, isp).operands([pair]).attr("count", Attr::Int(2)).result(Type::Obj).result(Type::Obj));
        let (exit, value) = (self.func.ops[op].results[0], self.func.ops[op].results[1]);
        let handler = self.new_block();
        self.handlers.push(handler);
        self.finallies.push(Finally { body: Cleanup::Exit(exit), handlers: self.handlers.len() - 1, handling: self.handling.len() });
        if let Some(target) = &item.optional_vars {
            self.assign_target(target, value);
        }
        if self.cur.is_some() {
            self.with_items(rest, body, sp);
        }
        self.finallies.pop();
        self.handlers.pop();
        // The normal way out.
        if self.cur.is_some() {
            self.call_exit_none(exit, sp);
        }
        let after = self.cur.take();
        let join = self.new_block();
        if let Some(a) = after {
            self.br_args(a, join, vec![], sp);
        }
        // An exception: `__exit__` sees it while it is handled; a true result suppresses it.
        self.seal(handler);
        if self.preds.get(&handler).is_some_and(|p| !p.is_empty())
            && let Some(e) = self.emit(handler, NewOp::new(Opcode::PyExcFetch, sp).result(Type::Obj))
        {
            self.func.append_op(handler, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).enum_attr("what", Handling::Begin));
            self.cur = Some(handler);
            let suppress = self.while_handling(e, sp, |s| {
                let b = s.cur?;
                s.emit(b, NewOp::new(Opcode::PyWithExit, sp).operands([exit, e]).result(Type::Bool))
            });
            if let (Some(suppress), Some(b)) = (suppress, self.cur.take()) {
                let (yes, no) = (self.new_block(), self.new_block());
                self.cond_br(b, suppress, yes, vec![], no, sp);
                self.seal(yes);
                self.seal(no);
                self.func.append_op(yes, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).enum_attr("what", Handling::End));
                self.br_args(yes, join, vec![], sp);
                self.func.append_op(no, NewOp::new(Opcode::PyExcHandling, sp).operands([e]).enum_attr("what", Handling::End));
                let (_, c) = self.append(no, NewOp::new(Opcode::PyExcReraise, sp).operands([e]));
                self.func.append_op(c, NewOp::new(Opcode::CfUnreachable, sp));
            }
        }
        self.seal(join);
        let reached = self.preds.get(&join).is_some_and(|p| !p.is_empty());
        self.cur = reached.then_some(join);
    }

    /// `exit(None, None, None)`, its result dropped.
    pub(super) fn call_exit_none(&mut self, exit: Value, sp: Span) {
        let Some(b) = self.cur else { return };
        let none = self.konst(b, Attr::None, sp);
        self.emit(b, NewOp::new(Opcode::PyCallValue, sp).operands([exit, none, none, none]).attr("kwnames", Attr::Str(String::new())).result(Type::Obj));
    }
}
