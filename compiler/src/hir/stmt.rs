//! Statements: assignments (with unpacking), control flow (`if`, `while`, `for` over `range` or
//! any iterable), `return`, `assert`, `def` at module level (`raise` and `try` are in
//! `exceptions.rs`). Everything else is a diagnostic.

use molt_ir::{Attr, Block, NewOp, Opcode, Span, Type, Value};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::expr::{binop, unsupported_operator};
use super::{FnLower, Resolved, span};
use crate::builtins::BuiltinId;
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
            // `global x`: the symbol table makes `x` a module variable in this function (its
            // reads and stores go to the global slot); the statement itself does nothing.
            Stmt::Global(_) => {}
            Stmt::Assign(a) => {
                // `a, b = x, y` (one target, as many plain items as names): the items are
                // evaluated, then assigned, without a tuple — nothing can observe it.
                if let ([target], Expr::Tuple(rhs)) = (a.targets.as_slice(), &*a.value)
                    && let Some(elts) = target_items(target)
                    && elts.len() == rhs.elts.len()
                    && !elts.iter().chain(rhs.elts.iter()).any(|e| matches!(e, Expr::Starred(_)))
                {
                    let mut vals = Vec::new();
                    for e in rhs.elts.iter() {
                        let Some(v) = self.expr(e) else { return };
                        vals.push(v);
                    }
                    for (t, v) in elts.iter().zip(vals) {
                        self.assign_target(t, v);
                    }
                    return;
                }
                let Some(v) = self.expr(&a.value) else { return };
                for t in &a.targets {
                    self.assign_target(t, v);
                }
            }
            Stmt::AnnAssign(a) => {
                // CPython's `compiler_annassign`: the value (if any) is assigned to the target as
                // by `=`; without a value, a plain name is only declared (the symbol table made
                // it local) and an attribute's object or a subscript's operands are evaluated.
                // Annotations have no run-time effect in Molt (CPython evaluates them only in
                // module and class bodies, into `__annotations__`, which Molt does not model).
                match (&*a.target, &a.value) {
                    (target, Some(value)) => {
                        if let Some(v) = self.expr(value) {
                            self.assign_target(target, v);
                        }
                    }
                    (Expr::Name(_), None) => {}
                    (Expr::Attribute(t), None) => {
                        self.expr(&t.value);
                    }
                    (Expr::Subscript(t), None) => {
                        if self.expr(&t.value).is_some() {
                            self.ann_subscript_operands(&t.slice);
                        }
                    }
                    (_, None) => self.err(Diagnostic::new("E0001", sp, "illegal target for annotation").label("not a name, attribute or subscript")),
                }
            }
            Stmt::AugAssign(a) => self.aug_assign(a, sp),
            Stmt::Delete(d) => {
                for t in d.targets.iter() {
                    self.delete_target(t);
                }
            }
            Stmt::If(i) => self.if_stmt(&i.test, &i.body, &i.elif_else_clauses, sp),
            Stmt::Match(m) => self.match_stmt(m, sp),
            Stmt::While(w) => self.while_stmt(w, sp),
            Stmt::For(f) => self.for_stmt(f, sp),
            Stmt::Break(_) => match self.loops.last() {
                Some(&(_, brk, depth, fin)) => {
                    self.unwind(depth, fin, sp);
                    self.br(brk, sp)
                }
                None => self.err(Diagnostic::new("E0001", sp, "'break' outside loop").label("not in a loop")),
            },
            Stmt::Continue(_) => match self.loops.last() {
                Some(&(cont, _, depth, fin)) => {
                    self.unwind(depth, fin, sp);
                    self.br(cont, sp)
                }
                None => self.err(Diagnostic::new("E0001", sp, "'continue' not properly in loop").label("not in a loop")),
            },
            Stmt::Return(r) => {
                if self.is_module || self.class_ns.is_some() {
                    self.err(Diagnostic::new("E0001", sp, "'return' outside function").label("not in a function"));
                    return;
                }
                let v = match &r.value {
                    Some(e) => self.expr(e),
                    None => self.cur.map(|b| self.konst(b, Attr::None, sp)),
                };
                self.unwind(0, 0, sp);
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
                let top_level = self.ctx.table.def_scope(f).is_some_and(|s| self.ctx.top_level_defs.contains(&s));
                if self.is_module && top_level && self.ctx.table.resolve(self.ctx.table.module(), f.name.as_str()).is_some_and(|s| self.ctx.funcs.contains(&s)) {
                    self.def_top_level(f);
                } else {
                    // Nested in a function, inside a statement at module level, or decorated:
                    // a function object bound to the name.
                    self.def_value(f);
                }
            }
            Stmt::ClassDef(c) => self.class_def(c),
            Stmt::With(w) => self.with_stmt(w, sp),
            Stmt::Import(i) => self.import_stmt(i),
            Stmt::ImportFrom(i) => self.import_from(i, sp),
            Stmt::Nonlocal(n) => {
                // The symbol table resolved the names; CPython's symbol-table errors remain.
                if self.is_module {
                    self.err(Diagnostic::new("E0001", sp, "SyntaxError: nonlocal declaration not allowed at module level").label("here"));
                    return;
                }
                for name in &n.names {
                    if self.lookup(name.as_str()) == Resolved::Undefined {
                        self.err(Diagnostic::new("E0001", sp, format!("SyntaxError: no binding for nonlocal '{name}' found")).label("here"));
                    }
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

    /// `x[i]: T` without a value evaluates the subscript's operands as CPython's
    /// `check_ann_subscr` does: a slice's bounds and an extended slice's items, left to right,
    /// without building the slice or tuple.
    fn ann_subscript_operands(&mut self, e: &Expr) {
        match e {
            Expr::Slice(sl) => {
                for part in [&sl.lower, &sl.upper, &sl.step].into_iter().flatten() {
                    if self.expr(part).is_none() {
                        return;
                    }
                }
            }
            Expr::Tuple(t) => {
                for item in t.elts.iter() {
                    self.ann_subscript_operands(item);
                }
            }
            other => {
                self.expr(other);
            }
        }
    }

    /// Assigns `v` to an assignment target: a name, or a tuple or list of targets (unpacking,
    /// nested as deep as written).
    pub(super) fn assign_target(&mut self, t: &Expr, v: Value) {
        match t {
            Expr::Name(n) => self.assign_name(n.id.as_str(), v, span(n.range)),
            Expr::Tuple(_) | Expr::List(_) => {
                let elts = target_items(t).unwrap_or(&[]);
                let starred: Vec<usize> = (0..elts.len()).filter(|&i| matches!(elts[i], Expr::Starred(_))).collect();
                if starred.len() > 1 {
                    self.err(Diagnostic::new("E0001", span(t.range()), "SyntaxError: multiple starred expressions in assignment")
                        .label("more than one `*` target"));
                    return;
                }
                let Some(b) = self.cur else { return };
                let mut op = match starred.first() {
                    // `a, *b, c = v`: the middle items as a list.
                    Some(&k) => NewOp::new(Opcode::PyUnpackEx, span(t.range())).operands([v])
                        .attr("before", Attr::Int(k as i64)).attr("after", Attr::Int((elts.len() - k - 1) as i64)),
                    None => NewOp::new(Opcode::PyUnpack, span(t.range())).operands([v]).attr("count", Attr::Int(elts.len() as i64)),
                };
                for _ in elts {
                    op = op.result(Type::Obj);
                }
                let (id, _) = self.append(b, op);
                let rs = self.func.ops[id].results.clone();
                for (e, r) in elts.iter().zip(rs) {
                    match e {
                        Expr::Starred(st) => self.assign_target(&st.value, r),
                        e => self.assign_target(e, r),
                    }
                }
            }
            Expr::Attribute(a) => {
                if !self.check_module_store(&a.value, a.attr.as_str(), span(t.range())) {
                    return;
                }
                // `x.name = v`: the value first (already evaluated), then the object.
                let Some(x) = self.expr(&a.value) else { return };
                let Some(b) = self.cur else { return };
                self.append(b, NewOp::new(Opcode::PySetattr, span(t.range())).operands([x, v]).attr("name", Attr::Str(a.attr.to_string())));
            }
            Expr::Subscript(sub) => {
                // `x[k] = v`: the value first (already evaluated), then the object, then the key.
                let Some(x) = self.expr(&sub.value) else { return };
                let sp = span(t.range());
                let Some(key) = self.subscript_key(&sub.slice) else { return };
                let Some(b) = self.cur else { return };
                match key {
                    Key::Index(k) => self.append(b, NewOp::new(Opcode::PySetitem, sp).operands([x, k, v])),
                    Key::Slice([lo, hi, st]) => self.append(b, NewOp::new(Opcode::PySetslice, sp).operands([x, lo, hi, st, v])),
                };
            }
            other => self.err(Diagnostic::new("E0100", span(other.range()), "only assignments to names, items and slices (or tuples of them) are supported")
                .label("unsupported assignment target").help("assign to a simple variable, e.g. `x = ...`, an item `a[i] = ...`, or unpack: `a, b = ...`")),
        }
    }

    /// A subscription's key: an index, or a slice's three bounds (None where absent), evaluated
    /// left to right.
    pub(super) fn subscript_key(&mut self, slice: &Expr) -> Option<Key> {
        if let Expr::Slice(sl) = slice {
            let mut bounds = Vec::new();
            for bound in [&sl.lower, &sl.upper, &sl.step] {
                let v = match bound {
                    Some(e) => self.expr(e)?,
                    None => {
                        let b = self.cur?;
                        self.konst(b, Attr::None, span(sl.range))
                    }
                };
                bounds.push(v);
            }
            return Some(Key::Slice([bounds[0], bounds[1], bounds[2]]));
        }
        self.expr(slice).map(Key::Index)
    }

    /// `del target`: items and slices (and tuples or lists of them, deleted left to right).
    fn delete_target(&mut self, t: &Expr) {
        match t {
            Expr::Subscript(sub) => {
                let Some(x) = self.expr(&sub.value) else { return };
                let Some(key) = self.subscript_key(&sub.slice) else { return };
                let Some(b) = self.cur else { return };
                let sp = span(t.range());
                match key {
                    Key::Index(k) => self.append(b, NewOp::new(Opcode::PyDelitem, sp).operands([x, k])),
                    Key::Slice([lo, hi, st]) => self.append(b, NewOp::new(Opcode::PyDelslice, sp).operands([x, lo, hi, st])),
                };
            }
            Expr::Tuple(_) | Expr::List(_) => {
                for e in target_items(t).unwrap_or(&[]) {
                    self.delete_target(e);
                }
            }
            Expr::Attribute(a) => {
                if !self.check_module_store(&a.value, a.attr.as_str(), span(t.range())) {
                    return;
                }
                let Some(x) = self.expr(&a.value) else { return };
                let Some(b) = self.cur else { return };
                self.append(b, NewOp::new(Opcode::PyDelattr, span(t.range())).operands([x]).attr("name", Attr::Str(a.attr.to_string())));
            }
            // `del x` of a function's variable (or `<module>`'s own): it must be bound (the read's
            // check, CPython's DELETE_FAST), then it lets go of its value and is unbound.
            Expr::Name(n) if let Resolved::Ssa(var) = self.lookup(n.id.as_str()) => {
                let Some(b) = self.cur else { return };
                self.release_var(var, b, span(n.range), true);
                let gone = self.undef(var);
                self.write_var(var, b, gone);
            }
            // `del x` of a module variable in its global slot (DELETE_GLOBAL / DELETE_NAME).
            Expr::Name(n) if matches!(self.lookup(n.id.as_str()), Resolved::Global { func: false }) => {
                let Some(b) = self.cur else { return };
                self.append(b, NewOp::new(Opcode::PyDeleteGlobal, span(n.range)).attr("name", Attr::Sym(n.id.to_string())));
            }
            other => self.err(Diagnostic::new("E0100", span(other.range()), "`del` of a variable shared with a nested function is not supported yet")
                .label("unsupported `del` target").help("assign None to the variable instead of deleting it")),
        }
    }

    /// `target op= value`: for a name, the in-place operator on its value, then rebinding; for an
    /// item `x[k] op= v`, `x` and `k` are evaluated once, the item read, combined, and stored back.
    fn aug_assign(&mut self, a: &ast::StmtAugAssign, sp: Span) {
        let Some(op) = binop(a.op) else {
            self.err(unsupported_operator(sp, a.op));
            return;
        };
        match &*a.target {
            Expr::Name(n) => {
                let Some(cur) = self.read_name(n.id.as_str(), span(n.range)) else { return };
                let Some(rhs) = self.expr(&a.value) else { return };
                let Some(b) = self.cur else { return };
                let v = self.emit(b, NewOp::new(Opcode::PyInplaceBinop, sp).operands([cur, rhs]).enum_attr("op", op).result(Type::Obj));
                if let Some(v) = v {
                    self.assign_name(n.id.as_str(), v, span(n.range));
                }
            }
            Expr::Subscript(sub) => {
                let tsp = span(a.target.range());
                let Some(x) = self.expr(&sub.value) else { return };
                let Some(key) = self.subscript_key(&sub.slice) else { return };
                let Some(b) = self.cur else { return };
                let cur = match key {
                    Key::Index(k) => self.emit(b, NewOp::new(Opcode::PySubscript, tsp).operands([x, k]).result(Type::Obj)),
                    Key::Slice([lo, hi, st]) => self.emit(b, NewOp::new(Opcode::PyGetslice, tsp).operands([x, lo, hi, st]).result(Type::Obj)),
                };
                let Some(cur) = cur else { return };
                let Some(rhs) = self.expr(&a.value) else { return };
                let Some(b) = self.cur else { return };
                let Some(v) = self.emit(b, NewOp::new(Opcode::PyInplaceBinop, sp).operands([cur, rhs]).enum_attr("op", op).result(Type::Obj)) else { return };
                let Some(b) = self.cur else { return };
                match key {
                    Key::Index(k) => self.append(b, NewOp::new(Opcode::PySetitem, tsp).operands([x, k, v])),
                    Key::Slice([lo, hi, st]) => self.append(b, NewOp::new(Opcode::PySetslice, tsp).operands([x, lo, hi, st, v])),
                };
            }
            Expr::Attribute(at) => {
                // `x.name op= v`: the object once, its attribute, the operation, the store.
                let tsp = span(a.target.range());
                if !self.check_module_store(&at.value, at.attr.as_str(), tsp) {
                    return;
                }
                let Some(x) = self.expr(&at.value) else { return };
                let Some(b) = self.cur else { return };
                let name = Attr::Str(at.attr.to_string());
                let Some(cur) = self.emit(b, NewOp::new(Opcode::PyGetattr, tsp).operands([x]).attr("name", name.clone()).result(Type::Obj)) else { return };
                let Some(rhs) = self.expr(&a.value) else { return };
                let Some(b) = self.cur else { return };
                let Some(v) = self.emit(b, NewOp::new(Opcode::PyInplaceBinop, sp).operands([cur, rhs]).enum_attr("op", op).result(Type::Obj)) else { return };
                let Some(b) = self.cur else { return };
                self.append(b, NewOp::new(Opcode::PySetattr, tsp).operands([x, v]).attr("name", name));
            }
            other => self.err(Diagnostic::new("E0100", span(other.range()), "only augmented assignments to names, attributes and items are supported")
                .label("unsupported target").help("use a simple variable or an item, e.g. `x += 1`, `a[i] += 1`")),
        }
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
        self.loops.push((header, exit, self.handling.len(), self.finallies.len()));
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
        if f.is_async {
            self.err(Diagnostic::new("E0100", sp, "`async for` is not supported").label("async"));
            return;
        }
        let Some(range_args) = self.range_args(&f.iter) else {
            self.for_iter(f, sp);
            return;
        };
        let Some([start, stop, step]) = self.range_start(range_args, span(f.iter.range())) else { return };
        let it_sp = span(f.iter.range());
        let Some(b) = self.cur else { return };
        let header = self.new_block();
        let counter = self.func.add_block_param(header, Type::Obj);
        self.names.insert(counter, "<range counter>".into());
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
        self.assign_target(&f.target, value);
        self.loops.push((latch, exit, self.handling.len(), self.finallies.len()));
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
        self.loop_else(else_b, &f.orelse, exit, sp);
    }

    /// The arguments of `range(...)` when `e` is a call of the builtin with 1 to 3 plain
    /// positional arguments (a counting loop then runs instead of a range object).
    pub(super) fn range_args<'e>(&self, e: &'e Expr) -> Option<&'e [Expr]> {
        match e {
            Expr::Call(c) if matches!(&*c.func, Expr::Name(n) if self.lookup(n.id.as_str()) == Resolved::Builtin(BuiltinId::Range))
                && c.arguments.keywords.is_empty()
                && (1..=3).contains(&c.arguments.args.len())
                && !c.arguments.args.iter().any(|a| matches!(a, Expr::Starred(_))) => Some(&c.arguments.args),
            _ => None,
        }
    }

    /// Evaluates `range(...)`'s arguments and checks them (`py.range_start`, blamed on `sp`):
    /// the counting loop's start, stop and step.
    pub(super) fn range_start(&mut self, range_args: &[Expr], sp: Span) -> Option<[Value; 3]> {
        let mut vals = Vec::new();
        for a in range_args.iter() {
            vals.push(self.expr(a)?);
        }
        let b = self.cur?;
        let (start, stop, step) = match vals.as_slice() {
            [stop] => (self.konst(b, Attr::Int(0), sp), *stop, self.konst(b, Attr::Int(1), sp)),
            [start, stop] => (*start, *stop, self.konst(b, Attr::Int(1), sp)),
            [start, stop, step] => (*start, *stop, *step),
            _ => return None,
        };
        // The loop runs on machine indices; the loop variable is the int of the counter.
        let (st, _) = self.append(b, NewOp::new(Opcode::PyRangeStart, sp).operands([start, stop, step]).result(Type::Obj).result(Type::Obj).result(Type::Obj));
        let r = &self.func.ops[st].results;
        Some([r[0], r[1], r[2]])
    }

    /// The end of a `for` loop: its `else` suite in `else_b` (reached when the loop runs out),
    /// then `exit` (also the target of `break`), where lowering continues if anything reaches it.
    fn loop_else(&mut self, else_b: Block, orelse: &[Stmt], exit: Block, sp: Span) {
        self.seal(else_b);
        self.cur = Some(else_b);
        self.suite(orelse);
        self.br(exit, sp);
        self.seal(exit);
        let has_preds = self.preds.get(&exit).is_some_and(|p| !p.is_empty());
        self.cur = has_preds.then_some(exit);
    }

    /// `for TARGET in ITERABLE:` over any iterable: `iter()` once, then `next` until exhausted.
    fn for_iter(&mut self, f: &ast::StmtFor, sp: Span) {
        let Some(iterable) = self.iterable(&f.iter) else { return };
        let Some(b) = self.cur else { return };
        // CPython blames the whole `for` statement when its iterable is not iterable.
        let (id, b) = self.append(b, NewOp::new(Opcode::PyIter, sp).operands([iterable]).result(Type::Obj));
        let it = self.func.result(id);
        let header = self.new_block();
        self.cur = None;
        self.br_args(b, header, vec![], sp);
        let body_b = self.new_block();
        let else_b = self.new_block();
        let exit = self.new_block();
        self.cur = Some(header);
        let (next, h) = self.append(header, NewOp::new(Opcode::PyIterNext, sp).operands([it]).result(Type::Obj).result(Type::Bool));
        let (item, more) = (self.func.ops[next].results[0], self.func.ops[next].results[1]);
        self.cur = None;
        self.cond_br(h, more, body_b, vec![], else_b, sp);
        self.seal(body_b);
        self.cur = Some(body_b);
        self.assign_target(&f.target, item);
        self.loops.push((header, exit, self.handling.len(), self.finallies.len()));
        self.suite(&f.body);
        self.loops.pop();
        self.br(header, sp);
        self.seal(header);
        self.loop_else(else_b, &f.orelse, exit, sp);
    }
}

/// A subscription's key, evaluated.
#[derive(Clone, Copy)]
pub(super) enum Key {
    Index(Value),
    Slice([Value; 3]),
}

/// The items of a tuple or list assignment target.
pub(super) fn target_items(t: &Expr) -> Option<&[Expr]> {
    match t {
        Expr::Tuple(t) => Some(&t.elts),
        Expr::List(l) => Some(&l.elts),
        _ => None,
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
