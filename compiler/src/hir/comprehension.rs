//! List, set and dict comprehensions, as CPython 3.11 runs them: a function of their own
//! (`<listcomp>`, `<setcomp>`, `<dictcomp>`, a frame in tracebacks), called once where the
//! comprehension stands with the iterator of its first iterable (evaluated, and `iter()`ed, in
//! the enclosing scope) and the values of the enclosing function's variables it reads.
//!
//! Relies on: the symbol table's `Comprehension` scopes (`scope.rs`): the names a comprehension
//! binds are its own; the names it reads from the enclosing function are `Free` there. Provides
//! `FnLower::comprehension` (the call, in the enclosing function) and `lower_comprehension` (the
//! function's body), which `lower_module` runs for every comprehension it finds, nested ones
//! included.
//!
//! Generator expressions are the fourth kind (`<genexpr>`, decisions/0030): the same function,
//! a generator (it starts with `py.return_generator`) whose innermost loop yields the element.
//!
//! Invariants: the comprehension's function takes `.0` (the iterator) then its free variables
//! in name order — by value for list, set and dict comprehensions (sound because the function
//! runs to completion at once and cannot rebind them), as cells for a generator expression (it
//! runs later: late binding, the symbol table marks them `in_cell`) and for the targets of
//! `:=` inside it, which it binds in the enclosing function. Every `iter()` and `next()` of the loops is blamed on the
//! whole comprehension, as CPython's markers show. The function's name is `<listcomp>#k`
//! (unique); tracebacks show the part before `#`.

use molt_ir::{Attr, NewOp, Opcode, Span, Type, Value};
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::{Ranged, TextRange};

use super::expr::one_arg_method;
use super::scope::{Binding, ScopeId};
use super::{Ctx, FnLower, HirFunc, span};
use crate::diagnostics::Diagnostic;

/// Which comprehension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CompKind {
    List,
    Set,
    Dict,
    /// A generator expression: the function is a generator that yields each element.
    Gen,
}

impl CompKind {
    fn display(self) -> &'static str {
        match self {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Gen => "<genexpr>",
        }
    }
}

/// A comprehension found while lowering a function, lowered after it.
#[derive(Clone)]
pub(super) struct PendingComp {
    pub name: String,
    pub kind: CompKind,
    pub scope: ScopeId,
    pub generators: Vec<ast::Comprehension>,
    /// The element (list, set) or key and value (dict).
    pub elts: Vec<Expr>,
    /// The free variables, in the order the function takes them after `.0`.
    pub frees: Vec<String>,
    /// Whether the first iterable is `range(...)`: the function then takes the counting loop's
    /// start, stop and step (checked by `py.range_start` in the caller) instead of `.0`.
    pub first_range: bool,
    pub span: Span,
    pub qualname: String,
}

/// The name tracebacks show for HIR function `name` (`<listcomp>#3` → `<listcomp>`).
pub fn display_name(name: &str) -> &str {
    name.split('#').next().unwrap_or(name)
}

/// Whether HIR function (or instance) `name` is the direct code of a known class's method
/// (`method#Class`, shapes.rs): no module variable binds it (a function object's code is
/// `name#k`, a number after the `#`).
pub fn is_method(name: &str) -> bool {
    let hir = name.split('$').next().unwrap_or(name);
    hir.split_once('#').is_some_and(|(_, class)| !class.is_empty() && !class.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether HIR function `name` was made by the compiler (a comprehension): no `def` binds it.
pub fn is_synthetic(name: &str) -> bool {
    name.starts_with('<') && name != super::MODULE_FUNC
}

impl FnLower<'_> {
    /// The call of a comprehension's function: the first iterable and its iterator here, then
    /// the call with the iterator and the free variables' values.
    pub(super) fn comprehension(&mut self, kind: CompKind, range: TextRange, generators: &[ast::Comprehension], elts: Vec<Expr>) -> Option<Value> {
        let sp = span(range);
        let table = self.ctx.table;
        let Some(scope) = table.comp_scope(range.start()) else {
            self.err(Diagnostic::new("E0101", sp, "this comprehension is not supported yet").label("comprehension"));
            return None;
        };
        if let Some(g) = generators.iter().find(|g| g.is_async) {
            self.err(Diagnostic::new("E0101", span(g.range), "asynchronous comprehensions are not supported").label("`async for`"));
            return None;
        }
        let first = generators.first()?;
        // `range(...)` first: its arguments checked here, the counting loop in the function.
        let mut args = match self.range_args(&first.iter) {
            Some(range_args) => self.range_start(range_args, span(first.iter.range()))?.to_vec(),
            None => {
                let iterable = self.iterable(&first.iter)?;
                let b = self.cur?;
                vec![self.emit(b, NewOp::new(Opcode::PyIter, sp).operands([iterable]).result(Type::Obj))?]
            }
        };
        let first_range = args.len() == 3;
        let mut frees: Vec<String> = table.scope(scope).symbols.iter().copied()
            .filter(|&s| table.symbol(s).binding == Binding::Free)
            .map(|s| table.name(s).to_string())
            .collect();
        frees.sort();
        for name in &frees {
            args.push(self.value_or_cell(name, scope, sp)?);
        }
        let name = format!("{}#{}", kind.display(), self.ctx.next_comp());
        self.ctx.pending.borrow_mut().push(PendingComp { name: name.clone(), kind, scope, generators: generators.to_vec(), elts, frees, first_range, span: sp, qualname: self.child_qualname(kind.display()) });
        let b = self.cur?;
        self.emit(b, NewOp::new(Opcode::PyCall, sp).operands(args).attr("callee", Attr::Sym(name)).result(Type::Obj))
    }

    /// The loops of generators `gens[i..]`, the `i`th over `src`, the element stored into
    /// `result` innermost; control continues after the outermost loop.
    #[allow(clippy::too_many_arguments)]
    fn comp_loops(&mut self, kind: CompKind, gens: &[ast::Comprehension], i: usize, src: Source, result: Value, elts: &[Expr], sp: Span) {
        let Some(g) = gens.get(i) else { return };
        let Some(b) = self.cur.take() else { return };
        let header = self.new_block();
        let (body, exit) = (self.new_block(), self.new_block());
        // The loop's next item, and where a failed condition goes for the item after it.
        let (item, next_item, counter) = match src {
            Source::Iter(it) => {
                self.br_args(b, header, vec![], sp);
                let (next, h) = self.append(header, NewOp::new(Opcode::PyIterNext, sp).operands([it]).result(Type::Obj).result(Type::Bool));
                let (item, more) = (self.func.ops[next].results[0], self.func.ops[next].results[1]);
                self.cond_br(h, more, body, vec![], exit, sp);
                self.seal(body);
                (item, header, None)
            }
            Source::Range([start, stop, step]) => {
                let counter = self.func.add_block_param(header, Type::Obj);
                self.names.insert(counter, "<range counter>".into());
                self.br_args(b, header, vec![start], sp);
                let cond = self.emit(header, NewOp::new(Opcode::PyRangeCond, sp).operands([counter, stop, step]).result(Type::Bool));
                let Some(cond) = cond else { return };
                self.cond_br(header, cond, body, vec![], exit, sp);
                self.seal(body);
                let Some(value) = self.emit(body, NewOp::new(Opcode::PyRangeValue, sp).operands([counter]).result(Type::Obj)) else { return };
                (value, self.new_block(), Some((counter, step)))
            }
        };
        self.cur = Some(body);
        self.assign_target(&g.target, item);
        for c in &g.ifs {
            let Some(v) = self.expr(c) else { break };
            let Some(b) = self.cur.take() else { break };
            let (t, b) = self.truth(b, v, span(c.range()));
            let pass = self.new_block();
            self.cond_br(b, t, pass, vec![], next_item, sp);
            self.seal(pass);
            self.cur = Some(pass);
        }
        if let Some(inner) = gens.get(i + 1) {
            let inner_src = match self.range_args(&inner.iter) {
                Some(args) => self.range_start(args, span(inner.iter.range())).map(Source::Range),
                None => self.iterable(&inner.iter).and_then(|v| {
                    let b = self.cur?;
                    self.emit(b, NewOp::new(Opcode::PyIter, sp).operands([v]).result(Type::Obj)).map(Source::Iter)
                }),
            };
            if let Some(inner_src) = inner_src {
                self.comp_loops(kind, gens, i + 1, inner_src, result, elts, sp);
            }
        } else {
            self.comp_store(kind, result, elts, sp);
        }
        self.br(next_item, sp);
        if let Some((counter, step)) = counter {
            // The latch: the next counter value, or the end of the range.
            self.seal(next_item);
            if self.preds.get(&next_item).is_some_and(|p| !p.is_empty()) {
                let nx = self.func.append_op(next_item, NewOp::new(Opcode::PyRangeNext, sp).operands([counter, step]).result(Type::Obj).result(Type::Bool));
                let (nv, ok) = (self.func.ops[nx].results[0], self.func.ops[nx].results[1]);
                self.cond_br(next_item, ok, header, vec![nv], exit, sp);
            }
        }
        self.seal(header);
        self.seal(exit);
        self.cur = Some(exit);
    }

    /// CPython's LIST_APPEND / SET_ADD / MAP_ADD of the element (a dict's key before its value).
    fn comp_store(&mut self, kind: CompKind, result: Value, elts: &[Expr], sp: Span) {
        let mut vals = Vec::new();
        for e in elts {
            let Some(v) = self.expr(e) else { return };
            vals.push(v);
        }
        let Some(b) = self.cur else { return };
        // The element(s) as `lower_comprehension`'s callers give them: one, or a key and a value.
        let (first, second) = (vals.first().copied(), vals.get(1).copied());
        if kind == CompKind::Gen {
            // `yield element`; what is sent in is dropped (CPython's POP_TOP).
            if let Some(v) = first {
                self.emit(b, NewOp::new(Opcode::PyYield, sp).operands([v]).result(Type::Obj));
            }
            return;
        }
        let op = match (kind, first, second) {
            (CompKind::List, Some(v), None) => one_arg_method(result, "append", v, sp),
            (CompKind::Set, Some(v), None) => one_arg_method(result, "add", v, sp),
            (CompKind::Dict, Some(k), Some(v)) => {
                self.append(b, NewOp::new(Opcode::PySetitem, sp).operands([result, k, v]));
                return;
            }
            (CompKind::List | CompKind::Set | CompKind::Dict | CompKind::Gen, _, _) => return,
        };
        self.append(b, op);
    }
}

/// What a comprehension's loop runs over.
#[derive(Clone, Copy)]
enum Source {
    /// An iterator.
    Iter(Value),
    /// A counting loop over `range(...)`: start, stop, step (`py.range_start`'s results).
    Range([Value; 3]),
}

/// The function of comprehension `pc`: `.0` and the free variables as parameters, the empty
/// result, the loops, and the result returned.
pub(super) fn lower_comprehension(ctx: &Ctx<'_>, pc: &PendingComp) -> (HirFunc, Vec<Diagnostic>) {
    let mut l = FnLower::new(&pc.name, vec![Type::Obj], ctx, pc.scope, pc.span);
    l.qualname = pc.qualname.clone();
    let entry = l.cur.unwrap_or_else(|| l.func.new_block());
    let src = if pc.first_range {
        let bounds: Vec<Value> = [".start", ".stop", ".step"].iter().map(|name| {
            let v = l.func.add_block_param(entry, Type::Obj);
            l.names.insert(v, (*name).into());
            v
        }).collect();
        Source::Range([bounds[0], bounds[1], bounds[2]])
    } else {
        let it = l.func.add_block_param(entry, Type::Obj);
        l.names.insert(it, ".0".into());
        Source::Iter(it)
    };
    let mut frees = Vec::new();
    for name in &pc.frees {
        let v = l.func.add_block_param(entry, Type::Obj);
        l.names.insert(v, name.clone());
        frees.push((name.clone(), v));
    }
    l.bind_params(entry, &frees, None);
    let sp = pc.span;
    // A generator expression returns None; its `result` is never read (`comp_store` yields).
    let result = match pc.kind {
        CompKind::List => l.emit(entry, NewOp::new(Opcode::PyList, sp).result(Type::Obj)),
        CompKind::Set => l.emit(entry, NewOp::new(Opcode::PySet, sp).result(Type::Obj)),
        CompKind::Dict => l.emit(entry, NewOp::new(Opcode::PyDict, sp).result(Type::Obj)),
        CompKind::Gen => Some(l.konst(entry, Attr::None, sp)),
    };
    match result {
        Some(result) => {
            l.comp_loops(pc.kind, &pc.generators, 0, src, result, &pc.elts, sp);
            if let Some(b) = l.cur.take() {
                l.func.append_op(b, NewOp::new(Opcode::CfReturn, sp).operands([result]));
            }
        }
        None => l.err(Diagnostic::new("E0101", sp, "set and dict comprehensions are not supported yet").label("comprehension")
            .help("build the set or dict in a `for` loop")),
    }
    let (func, names, diags) = l.finish();
    let mut params: Vec<String> = if pc.first_range { [".start", ".stop", ".step"].map(String::from).to_vec() } else { vec![".0".to_string()] };
    params.extend(pc.frees.iter().cloned());
    (HirFunc { func, params, names, object_entry: false, class_body: false }, diags)
}
