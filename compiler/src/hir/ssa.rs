//! SSA construction for one function (Braun et al., block arguments as phis) and the
//! emission helpers every construct uses: blocks, branches, constants, truth tests.
//!
//! Relies on: each block being sealed once all its predecessors are known. Provides the
//! `FnLower` methods that read and write variables: an SSA variable is a symbol of the symbol
//! table (`scope.rs`), its source name kept for the `names` side table and `py.undef`.

use std::collections::{BTreeMap, HashMap, HashSet};

use molt_ir::{Attr, Block, Func, NewOp, OpId, Opcode, Span, Type, Value};
use ruff_python_ast::Stmt;

use super::scope::{ScopeId, ScopeKind, SymbolId};
use super::{Ctx, FnLower, Resolved};
use crate::diagnostics::Diagnostic;

impl<'a> FnLower<'a> {
    pub(super) fn new(name: &str, results: Vec<Type>, ctx: &'a Ctx<'a>, scope: ScopeId, sp: Span) -> FnLower<'a> {
        let mut func = Func::new(name, results);
        func.span = sp;
        let entry = func.new_block();
        let is_module = match ctx.table.scope(scope).kind {
            ScopeKind::Module => true,
            ScopeKind::Function | ScopeKind::Comprehension | ScopeKind::Lambda | ScopeKind::Class => false,
        };
        let mut s = FnLower {
            ctx,
            func,
            scope,
            is_module,
            cur: Some(entry),
            defs: HashMap::new(),
            sealed: HashSet::new(),
            incomplete: HashMap::new(),
            preds: HashMap::new(),
            handlers: Vec::new(),
            handling: Vec::new(),
            loops: Vec::new(),
            finallies: Vec::new(),
            names: BTreeMap::new(),
            diags: Vec::new(),
            cells: HashMap::new(),
            qualname: String::new(),
            class_ns: None,
            known_class: None,
            direct_super: None,
            first_param: None,
            reads: HashMap::new(),
        };
        s.sealed.insert(entry);
        s
    }

    pub(super) fn finish(mut self) -> (Func, BTreeMap<Value, String>, Vec<Diagnostic>) {
        if let Some(b) = self.cur {
            let sp = Span::new(self.func.span.end, self.func.span.end);
            if self.is_module {
                self.func.append_op(b, NewOp::new(Opcode::CfReturn, sp));
            } else {
                let none = self.konst(b, Attr::None, sp);
                self.func.append_op(b, NewOp::new(Opcode::CfReturn, sp).operands([none]));
            }
        }
        self.release_at_returns();
        // Blocks not reachable from the entry (the exit of `while True:` without break, the code
        // after a call that always raises) are removed, so that every block ends with a
        // terminator and every value used is defined in a block that stays.
        let entry = self.func.layout[0];
        let mut reachable = HashSet::new();
        let mut work = vec![entry];
        while let Some(b) = work.pop() {
            if !reachable.insert(b) {
                continue;
            }
            if let Some(&last) = self.func.blocks[b].ops.last() {
                work.extend(self.func.ops[last].successors.iter().map(|s| s.block));
            }
        }
        self.func.layout.retain(|b| reachable.contains(b));
        // Reads of variables that may be unbound get their run-time check.
        let how = match self.ctx.table.scope(self.scope).kind {
            ScopeKind::Module | ScopeKind::Class => super::unbound::Unbound::Name,
            ScopeKind::Function | ScopeKind::Comprehension | ScopeKind::Lambda => super::unbound::Unbound::Local,
        };
        let d = super::unbound::guard_unbound_reads(&mut self.func, &self.names, &self.reads, how);
        self.diags.extend(d);
        // A generator function makes its generator before any of its code runs (CPython's
        // RETURN_GENERATOR, decisions/0030).
        if self.ctx.table.scope(self.scope).generator {
            let entry = self.func.layout[0];
            let name = super::comprehension::display_name(&self.func.name).to_string();
            let op = NewOp::new(Opcode::PyReturnGenerator, self.func.span).attr("name", Attr::Str(name)).attr("qualname", Attr::Str(self.qualname.clone()));
            match self.func.blocks[entry].ops.first().copied() {
                Some(first) => {
                    self.func.insert_op_before(first, op);
                }
                None => {
                    self.func.append_op(entry, op);
                }
            }
        }
        (self.func, self.names, self.diags)
    }

    pub(super) fn err(&mut self, d: Diagnostic) {
        // A `finally` body is lowered once per way out: report its problems once.
        if !self.diags.contains(&d) {
            self.diags.push(d);
        }
    }

    // ---- SSA construction ----

    pub(super) fn write_var(&mut self, var: SymbolId, block: Block, v: Value) {
        self.defs.insert((var, block), v);
    }

    fn var_name(&self, var: SymbolId) -> String {
        self.ctx.table.name(var).to_string()
    }

    pub(super) fn read_var(&mut self, var: SymbolId, block: Block) -> Value {
        if let Some(&v) = self.defs.get(&(var, block)) {
            return v;
        }
        let v = if !self.sealed.contains(&block) {
            let p = self.func.add_block_param(block, Type::Obj);
            self.names.insert(p, self.var_name(var));
            self.incomplete.entry(block).or_default().push((var, p));
            p
        } else {
            let preds = self.preds.get(&block).cloned().unwrap_or_default();
            match preds.len() {
                0 => self.undef(var),
                1 => {
                    let pb = self.func.ops[preds[0].0].block;
                    self.read_var(var, pb)
                }
                _ => {
                    let p = self.func.add_block_param(block, Type::Obj);
                    self.names.insert(p, self.var_name(var));
                    self.write_var(var, block, p);
                    self.add_param_args(var, block);
                    p
                }
            }
        };
        self.write_var(var, block, v);
        v
    }

    pub(super) fn add_param_args(&mut self, var: SymbolId, block: Block) {
        let preds = self.preds.get(&block).cloned().unwrap_or_default();
        for (op, idx) in preds {
            let pb = self.func.ops[op].block;
            let v = self.read_var(var, pb);
            self.func.ops[op].successors[idx].args.push(v);
        }
    }

    pub(super) fn seal(&mut self, block: Block) {
        if !self.sealed.insert(block) {
            return;
        }
        for (var, _) in self.incomplete.remove(&block).unwrap_or_default() {
            self.add_param_args(var, block);
        }
    }

    /// A `py.undef` for variable `var` (read where it may be unbound).
    /// CPython drops the reference variable `var` holds where it is rebound, deleted
    /// (`deleting`: `del`, which needs it bound) or its scope ends: `py.release` of its current
    /// value keeps that value alive until here. Nothing when the variable is certainly unbound
    /// (unless deleting: then the read fails, as CPython's DELETE_FAST does).
    pub(super) fn release_var(&mut self, var: SymbolId, b: Block, sp: Span, deleting: bool) {
        let old = self.read_var(var, b);
        let unbound = self.func.defining_op(old).is_some_and(|o| self.func.ops[o].opcode == Opcode::PyUndef);
        if unbound && !deleting {
            return;
        }
        if deleting {
            self.reads.entry(old).or_default().push(sp);
            self.append(b, NewOp::new(Opcode::PyDeleteVar, sp).operands([old]));
        } else {
            self.func.append_op(b, NewOp::new(Opcode::PyRelease, sp).operands([old]));
        }
    }

    /// At each `return`, the scope's variables let go of their values (CPython clears the
    /// frame's locals after the return value is computed), in the order they first occur.
    fn release_at_returns(&mut self) {
        let returns: Vec<OpId> = self.func.layout.iter().filter_map(|&b| self.func.terminator(b)).filter(|&t| self.func.ops[t].opcode == Opcode::CfReturn).collect();
        if returns.is_empty() {
            return;
        }
        let t = self.ctx.table;
        let vars: Vec<SymbolId> = t.scope(self.scope).symbols.iter().copied().filter(|&sym| matches!(self.lookup(t.name(sym)), Resolved::Ssa(v) if v == sym)).collect();
        for ret in returns {
            let b = self.func.ops[ret].block;
            let sp = self.func.ops[ret].span;
            for &var in &vars {
                let old = self.read_var(var, b);
                if self.func.defining_op(old).is_some_and(|o| self.func.ops[o].opcode == Opcode::PyUndef) {
                    continue;
                }
                self.func.insert_op_before(ret, NewOp::new(Opcode::PyRelease, sp).operands([old]));
            }
        }
    }

    pub(super) fn undef(&mut self, var: SymbolId) -> Value {
        let name = self.var_name(var);
        let entry = self.func.layout[0];
        let op = self.func.append_op(entry, NewOp::new(Opcode::PyUndef, Span::default()).attr("name", Attr::Str(name.clone())).result(Type::Obj));
        // Move it to the top of the entry block so that it dominates every use.
        let ops = &mut self.func.blocks[entry].ops;
        ops.pop();
        ops.insert(0, op);
        let v = self.func.result(op);
        self.names.insert(v, name);
        v
    }

    // ---- emission helpers ----

    pub(super) fn new_block(&mut self) -> Block {
        self.func.new_block()
    }

    pub(super) fn br(&mut self, target: Block, sp: Span) {
        if let Some(b) = self.cur.take() {
            let op = self.func.append_op(b, NewOp::new(Opcode::CfBr, sp).successor(target, vec![]));
            self.preds.entry(target).or_default().push((op, 0));
        }
    }

    pub(super) fn br_args(&mut self, from: Block, target: Block, args: Vec<Value>, sp: Span) {
        let op = self.func.append_op(from, NewOp::new(Opcode::CfBr, sp).successor(target, args));
        self.preds.entry(target).or_default().push((op, 0));
    }

    pub(super) fn cond_br(&mut self, from: Block, cond: Value, t: Block, t_args: Vec<Value>, f: Block, sp: Span) {
        let op = self.func.append_op(from, NewOp::new(Opcode::CfCondBr, sp).operands([cond]).successor(t, t_args).successor(f, vec![]));
        self.preds.entry(t).or_default().push((op, 0));
        self.preds.entry(f).or_default().push((op, 1));
    }

    pub(super) fn konst(&mut self, b: Block, a: Attr, sp: Span) -> Value {
        let op = self.func.append_op(b, NewOp::new(Opcode::PyConst, sp).attr("value", a).result(Type::Obj));
        self.func.result(op)
    }

    /// Appends `op` to `b`; inside a `try` body, an op that may raise then ends the block with
    /// a raise edge to the handler, and the current block becomes the continuation. Returns the
    /// op and the block to continue in.
    pub(super) fn append(&mut self, b: Block, op: NewOp) -> (OpId, Block) {
        let sp = op.span;
        let id = self.func.append_op(b, op);
        let Some(&handler) = self.handlers.last() else { return (id, b) };
        if !self.func.ops[id].opcode.spec().may_raise() {
            return (id, b);
        }
        let next = self.new_block();
        let edge = self.func.append_op(b, NewOp::new(Opcode::CfIfRaised, sp).successor(handler, vec![]).successor(next, vec![]));
        self.preds.entry(handler).or_default().push((edge, 0));
        self.preds.entry(next).or_default().push((edge, 1));
        self.seal(next);
        if self.cur == Some(b) {
            self.cur = Some(next);
        }
        (id, next)
    }

    pub(super) fn emit(&mut self, b: Block, op: NewOp) -> Option<Value> {
        let (id, _) = self.append(b, op);
        self.func.ops[id].results.first().copied()
    }

    /// `bool(v)` as a branch condition, and the block to branch from.
    pub(super) fn truth(&mut self, b: Block, v: Value, sp: Span) -> (Value, Block) {
        let (op, b) = self.append(b, NewOp::new(Opcode::PyTruth, sp).operands([v]).result(Type::Bool));
        (self.func.result(op), b)
    }

    // ---- statements ----

    pub(super) fn suite(&mut self, body: &[Stmt]) {
        for s in body {
            if self.cur.is_none() {
                return; // unreachable code after return/break/continue
            }
            self.stmt(s);
        }
    }

    pub(super) fn assign_name(&mut self, name: &str, v: Value, sp: Span) {
        let Some(b) = self.cur else { return };
        match self.lookup(name) {
            Resolved::Ssa(var) => {
                self.release_var(var, b, sp, false);
                self.write_var(var, b, v)
            }
            Resolved::Cell(var) => {
                let Some(&c) = self.cells.get(&var) else {
                    panic!("invariant `every shared variable has a cell` broken: `{name}` in {}", self.func.name);
                };
                self.append(b, NewOp::new(Opcode::PyCellSet, sp).operands([c, v]));
            }
            // A name a statement binds is an SSA variable or a module variable; the others
            // cannot be assigned here (a `nonlocal` name, Free, is rejected with its statement).
            Resolved::ClassLocal(_) => self.store_class_name(name, v, sp),
            Resolved::Global { .. } | Resolved::Func | Resolved::Builtin(_) | Resolved::Undefined => {
                self.func.append_op(b, NewOp::new(Opcode::PyStoreGlobal, sp).operands([v]).attr("name", Attr::Sym(name.into())));
            }
        }
    }

}
