//! The verifier: the structural invariants every IR level must satisfy.
//!
//! Runs at every level boundary (HIR, TIR, LIR) and, with `--verify-each`, after every pass. It
//! relies only on the IR container and the generated op table, and checks, per function:
//!
//! | invariant        | meaning |
//! | ---------------- | ------- |
//! | `dialect`        | only the dialects of the level appear (HIR: cf+py, TIR: cf+t, LIR: cf+l) |
//! | `value-types`    | every value's type belongs to the level |
//! | `terminator`     | every block is non-empty and ends with its only terminator |
//! | `op-signature`   | operand/result counts and types match the op's declaration; a `t.const`'s result type is its literal's type |
//! | `type-relation`  | an op declared with `relate` relates its operand and result types as declared (a `t.tuple_new`'s result is the tuple of its operand types; a `t.tuple_get`'s index is in range and its result the item's type) |
//! | `attributes`     | each declared attribute is present once, with the right kind; no others |
//! | `spill`          | an `l.call_rt`/`l.call_rt_checked` with `spill = k` has at least k operands, and those from k on (stored in a stack array of words) are `ref` or `i64` |
//! | `successors`     | successor count as declared; arguments match the target's parameters |
//! | `entry-block`    | the entry block has no predecessors |
//! | `return-types`   | `cf.return` operands match the function's result types |
//! | `dominance`      | every use is dominated by its definition (reachable blocks) |
//! | `raise-edge`     | `cf.if_raised` directly follows an op that may raise, and does not pass that op's results to the handler |
//! | `guard`          | a `t.unbox` of %x to T stands in a block whose only predecessor edge is the true edge of a `cf.cond_br` on `t.is_type %x {type = T}`; `t.box` boxes a typed (not boxed) value |
//! | `layout`         | every block, op and value referenced is in the function's layout; each op is in one block, the one its `block` field names; each value's definition points back to its block or op |
//!
//! A violation is an internal compiler error: callers report it (naming the pass) and exit 101.

use std::collections::{HashMap, HashSet};

use crate::generated::Dialect;
use crate::ir::{Block, Func, Module, OpId, Value, ValueDef};
use crate::spec::Relation;
use crate::types::Type;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Hir,
    Tir,
    Lir,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Hir => "HIR",
            Level::Tir => "TIR",
            Level::Lir => "LIR",
        }
    }

    pub fn dialects(self) -> &'static [Dialect] {
        match self {
            Level::Hir => &[Dialect::Cf, Dialect::Py],
            Level::Tir => &[Dialect::Cf, Dialect::T],
            Level::Lir => &[Dialect::Cf, Dialect::L],
        }
    }

    pub fn allows_type(self, ty: Type) -> bool {
        match self {
            Level::Hir => matches!(ty, Type::Obj | Type::Bool),
            Level::Tir => ty.is_tir_scalar(),
            Level::Lir => ty.is_machine(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    pub func: String,
    /// The name of the broken invariant (see the table above).
    pub invariant: &'static str,
    pub message: String,
}

impl std::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "in @{}: [{}] {}", self.func, self.invariant, self.message)
    }
}

pub fn verify_module(m: &Module, level: Level) -> Result<(), VerifyError> {
    for g in &m.globals {
        if !level.allows_type(g.ty) {
            return Err(VerifyError {
                func: g.name.clone(),
                invariant: "value-types",
                message: format!("global @{} has type `{}`, not allowed in {}", g.name, g.ty, level.name()),
            });
        }
    }
    for f in &m.funcs {
        verify_func(f, level)?;
    }
    Ok(())
}

pub fn verify_func(f: &Func, level: Level) -> Result<(), VerifyError> {
    let fail = |invariant: &'static str, message: String| Err(VerifyError { func: f.name.clone(), invariant, message });
    let Some(entry) = f.entry() else { return fail("terminator", "function has no blocks".into()) };
    let in_layout: HashSet<Block> = f.layout.iter().copied().collect();
    if in_layout.len() != f.layout.len() {
        return fail("layout", "a block appears twice in the layout".into());
    }
    for t in &f.results {
        if !level.allows_type(*t) {
            return fail("value-types", format!("result type `{t}` is not allowed in {}", level.name()));
        }
    }
    // Where each value is defined: (block, position; params at -1).
    let mut def_at: HashMap<Value, (Block, i64)> = HashMap::new();
    let mut placed: HashSet<OpId> = HashSet::new();
    for &b in &f.layout {
        if !in_arena(b, f.blocks.len()) {
            return fail("layout", "the layout names a block that is not in the function".into());
        }
        for (k, &p) in f.blocks[b].params.iter().enumerate() {
            if !in_arena(p, f.values.len()) || f.values[p].def != ValueDef::Param(b, k as u32) {
                return fail("layout", format!("argument #{k} of ^bb{} does not point back to its block", pos(f, b)));
            }
            if def_at.insert(p, (b, -1)).is_some() {
                return fail("layout", format!("argument #{k} of ^bb{} is defined twice", pos(f, b)));
            }
            if !level.allows_type(f.values[p].ty) {
                return fail("value-types", format!("block argument of type `{}` is not allowed in {}", f.values[p].ty, level.name()));
            }
        }
        for (i, &op) in f.blocks[b].ops.iter().enumerate() {
            if !in_arena(op, f.ops.len()) {
                return fail("layout", format!("^bb{} holds an op that is not in the function", pos(f, b)));
            }
            let opname = f.ops[op].opcode.name();
            if !placed.insert(op) {
                return fail("layout", format!("`{opname}` appears twice in the layout"));
            }
            if f.ops[op].block != b {
                return fail("layout", format!("`{opname}` in ^bb{} records another block as its own", pos(f, b)));
            }
            for (k, &r) in f.ops[op].results.iter().enumerate() {
                if !in_arena(r, f.values.len()) || f.values[r].def != ValueDef::Result(op, k as u32) {
                    return fail("layout", format!("result #{k} of `{opname}` does not point back to its op"));
                }
                if def_at.insert(r, (b, i as i64)).is_some() {
                    return fail("layout", format!("result #{k} of `{opname}` is defined twice"));
                }
            }
        }
    }
    let name = |op: OpId| f.ops[op].opcode.name();
    for &b in &f.layout {
        let ops = &f.blocks[b].ops;
        if ops.is_empty() {
            return fail("terminator", format!("block ^bb{} is empty", pos(f, b)));
        }
        for (i, &opid) in ops.iter().enumerate() {
            let op = &f.ops[opid];
            let spec = op.opcode.spec();
            if !level.dialects().contains(&spec.dialect) {
                return fail("dialect", format!("`{}` (dialect `{}`) may not appear in {}", spec.name, spec.dialect.name(), level.name()));
            }
            let last = i + 1 == ops.len();
            if spec.is_terminator() != last {
                return fail("terminator", if last {
                    format!("block ^bb{} ends with `{}`, which is not a terminator", pos(f, b), spec.name)
                } else {
                    format!("terminator `{}` is not the last op of block ^bb{}", spec.name, pos(f, b))
                });
            }
            if !spec.operand_count_ok(op.operands.len()) {
                return fail("op-signature", format!("`{}` takes {} operand(s), has {}", spec.name, expected_count(spec.operands.len(), spec.variadic_operands), op.operands.len()));
            }
            if !spec.result_count_ok(op.results.len()) {
                return fail("op-signature", format!("`{}` has {} result(s), not {}", spec.name, expected_count(spec.results.len(), spec.variadic_results), op.results.len()));
            }
            for (k, &v) in op.operands.iter().enumerate() {
                if !def_at.contains_key(&v) {
                    return fail("layout", format!("operand #{k} of `{}` is not defined in the function", spec.name));
                }
                let ty = f.values[v].ty;
                if let Some(c) = spec.operand_constraint(k)
                    && !c.accepts(ty)
                {
                    return fail("op-signature", format!("operand #{k} of `{}` has type `{ty}`, expected {}", spec.name, c.describe()));
                }
            }
            for (k, &v) in op.results.iter().enumerate() {
                let ty = f.values[v].ty;
                if let Some(c) = spec.result_constraint(k)
                    && !c.accepts(ty)
                {
                    return fail("op-signature", format!("result #{k} of `{}` has type `{ty}`, expected {}", spec.name, c.describe()));
                }
                if !level.allows_type(ty) {
                    return fail("value-types", format!("result of `{}` has type `{ty}`, not allowed in {}", spec.name, level.name()));
                }
            }
            for a in spec.attrs {
                match op.attr(a.name) {
                    None if a.optional => {}
                    None => return fail("attributes", format!("`{}` is missing attribute `{}`", spec.name, a.name)),
                    Some(v) if !a.kind.accepts(v) => {
                        return fail("attributes", format!("attribute `{}` of `{}` must be {}", a.name, spec.name, a.kind.describe()));
                    }
                    _ => {}
                }
            }
            for (k, (n, _)) in op.attrs.iter().enumerate() {
                if !spec.attrs.iter().any(|a| a.name == n) {
                    return fail("attributes", format!("`{}` has no attribute `{n}`", spec.name));
                }
                if op.attrs[..k].iter().any(|(m, _)| m == n) {
                    return fail("attributes", format!("attribute `{n}` of `{}` is given twice", spec.name));
                }
            }
            if let Some(rel) = spec.relate {
                let operand_tys: Vec<Type> = op.operands.iter().map(|&v| f.values[v].ty).collect();
                let result_ty = op.results.first().map(|&r| f.values[r].ty);
                let ok = match rel {
                    Relation::TupleOfOperands => result_ty == Some(Type::tuple(&operand_tys)),
                    Relation::TupleElement => {
                        let elems = operand_tys.first().and_then(|t| t.tuple_elems()).unwrap_or(&[]);
                        let index = op.attr("index").and_then(crate::ir::Attr::as_int).and_then(|i| usize::try_from(i).ok());
                        index.and_then(|i| elems.get(i)).copied() == result_ty
                    }
                };
                if !ok {
                    let r = result_ty.map_or("nothing".to_string(), |t| t.to_string());
                    let ops: Vec<String> = operand_tys.iter().map(Type::to_string).collect();
                    return fail("type-relation", format!("`{}` ({rel:?}) cannot give `{r}` from ({})", spec.name, ops.join(", ")));
                }
            }
            if let Some(k) = op.attr("spill").and_then(crate::ir::Attr::as_int) {
                let words = usize::try_from(k).ok().and_then(|k| op.operands.get(k..));
                let ok = words.is_some_and(|w| w.iter().all(|&v| matches!(f.values[v].ty, Type::Ref | Type::I64)));
                if !ok {
                    return fail("spill", format!("`{}` spills from operand {k} of {}, not all words", spec.name, op.operands.len()));
                }
            }
            if op.opcode == crate::Opcode::TConst {
                let literal = op.attr("value").and_then(|a| a.literal_type());
                let ty = f.values[op.results[0]].ty;
                if literal != Some(ty) {
                    let lit = literal.map_or("?".to_string(), |t| t.to_string());
                    return fail("op-signature", format!("`t.const` has result type `{ty}`, its value is a `{lit}` literal"));
                }
            }
            if op.successors.len() != spec.successors {
                return fail("successors", format!("`{}` needs {} successor(s), has {}", spec.name, spec.successors, op.successors.len()));
            }
            for s in &op.successors {
                if !in_layout.contains(&s.block) {
                    return fail("layout", format!("`{}` branches to a block outside the function", spec.name));
                }
                if s.block == entry {
                    return fail("entry-block", "the entry block may not have predecessors".into());
                }
                let params = &f.blocks[s.block].params;
                if params.len() != s.args.len() {
                    return fail("successors", format!("branch to ^bb{} passes {} argument(s), the block takes {}", pos(f, s.block), s.args.len(), params.len()));
                }
                for (k, (&a, &p)) in s.args.iter().zip(params).enumerate() {
                    if !def_at.contains_key(&a) {
                        return fail("layout", format!("argument #{k} of a branch to ^bb{} is not defined", pos(f, s.block)));
                    }
                    if f.values[a].ty != f.values[p].ty {
                        return fail("successors", format!("argument #{k} to ^bb{} has type `{}`, the block argument is `{}`", pos(f, s.block), f.values[a].ty, f.values[p].ty));
                    }
                }
            }
            if op.opcode == crate::Opcode::CfIfRaised {
                let before = i.checked_sub(1).map(|k| ops[k]);
                let raising = before.filter(|&p| f.ops[p].opcode.spec().may_raise());
                let Some(p) = raising else {
                    return fail("raise-edge", format!("`cf.if_raised` in ^bb{} does not follow an op that may raise", pos(f, b)));
                };
                if op.successors[0].args.iter().any(|a| f.ops[p].results.contains(a)) {
                    return fail("raise-edge", format!("`cf.if_raised` in ^bb{} passes a result of `{}` to its handler, where it has no value", pos(f, b), f.ops[p].opcode.name()));
                }
            }
            if op.opcode == crate::Opcode::CfReturn {
                let tys: Vec<Type> = op.operands.iter().map(|&v| f.values[v].ty).collect();
                if tys != f.results {
                    let show = |t: &[Type]| t.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ");
                    return fail("return-types", format!("`cf.return` returns ({}), the function returns ({})", show(&tys), show(&f.results)));
                }
            }
        }
    }
    check_guards(f).map_err(|message| VerifyError { func: f.name.clone(), invariant: "guard", message })?;
    // Dominance over reachable blocks.
    let dom = DomTree::new(f);
    for &b in &f.layout {
        if !dom.reachable(b) {
            continue; // unreachable: uses there are not checked (as in MLIR)
        }
        for (i, &opid) in f.blocks[b].ops.iter().enumerate() {
            let op = &f.ops[opid];
            let uses = op.operands.iter().chain(op.successors.iter().flat_map(|s| s.args.iter()));
            for &v in uses {
                let (db, di) = def_at[&v];
                let ok = if db == b { di < i as i64 } else { dom.dominates(db, b) };
                if !ok {
                    return fail("dominance", format!("a value used by `{}` in ^bb{} does not dominate its use", name(opid), pos(f, b)));
                }
            }
        }
    }
    Ok(())
}

/// The `guard` invariant: an unboxing is reached only through its type test's true edge, so an
/// observation never becomes an assumption without a guard, and the guard's false edge is the
/// fallback.
fn check_guards(f: &Func) -> Result<(), String> {
    use crate::Opcode;
    let unboxes: Vec<OpId> = f.ops_in_order().filter(|&o| matches!(f.ops[o].opcode, Opcode::TUnbox | Opcode::TBox)).collect();
    if unboxes.is_empty() {
        return Ok(());
    }
    let preds = f.predecessors();
    for op in unboxes {
        let o = &f.ops[op];
        let (x, want) = (o.operands[0], f.values[o.results[0]].ty);
        if o.opcode == Opcode::TBox {
            if f.values[x].ty == Type::TObj {
                return Err("`t.box` of a value that is already boxed".into());
            }
            continue;
        }
        let b = o.block;
        let guarded = match preds.get(&b).map(Vec::as_slice) {
            Some([p]) => f.terminator(*p).is_some_and(|t| {
                let term = &f.ops[t];
                term.opcode == Opcode::CfCondBr
                    && term.successors[0].block == b
                    && term.successors[1].block != b
                    && f.defining_op(term.operands[0]).is_some_and(|d| {
                        let test = &f.ops[d];
                        test.opcode == Opcode::TIsType && test.operands[0] == x && test.attr("type") == Some(&crate::ir::Attr::Type(want))
                    })
            }),
            _ => false,
        };
        if !guarded {
            return Err(format!("`t.unbox` to `{want}` in ^bb{} is not behind the true edge of a `t.is_type` test of its operand for `{want}`", pos(f, b)));
        }
    }
    Ok(())
}

/// Whether `idx` was allocated in an arena of `len` entries (IR built in Rust may mix up ids of
/// different functions; indexing with them would panic or read the wrong entry).
fn in_arena<T>(idx: la_arena::Idx<T>, len: usize) -> bool {
    (u32::from(idx.into_raw()) as usize) < len
}

/// "2", or "at least 1" for a variadic list whose last entry repeats zero or more times.
fn expected_count(declared: usize, variadic: bool) -> String {
    if variadic { format!("at least {}", declared.saturating_sub(1)) } else { declared.to_string() }
}

fn pos(f: &Func, b: Block) -> usize {
    f.layout.iter().position(|&x| x == b).unwrap_or(usize::MAX)
}

/// Immediate dominators (Cooper, Harvey & Kennedy) on reverse-postorder numbers in plain
/// vectors: the intersection walk is the hot loop (a join with thousands of predecessors, as a
/// long `and` chain makes, walks up the tree once per predecessor), so it does no hashing.
/// Returns the blocks in reverse postorder and, for each (by its position), its immediate dominator's
/// position (the entry is its own; `None`: unreachable from the entry, which never happens in
/// reverse postorder, kept for safety).
fn idom_by_rpo(f: &Func) -> (Vec<Block>, Vec<Option<usize>>) {
    let order = f.reverse_postorder();
    if order.is_empty() {
        return (order, Vec::new());
    }
    let rpo: HashMap<Block, usize> = order.iter().enumerate().map(|(i, &b)| (b, i)).collect();
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); order.len()];
    for (i, &b) in order.iter().enumerate() {
        for s in f.successors(b) {
            if let Some(&j) = rpo.get(&s) {
                preds[j].push(i);
            }
        }
    }
    let mut idom: Vec<Option<usize>> = vec![None; order.len()];
    idom[0] = Some(0);
    let mut changed = true;
    while changed {
        changed = false;
        for b in 1..order.len() {
            let mut new: Option<usize> = None;
            for &p in &preds[b] {
                if idom[p].is_none() {
                    continue;
                }
                new = Some(match new {
                    None => p,
                    Some(mut a) => {
                        let mut c = p;
                        while a != c {
                            while a > c {
                                a = idom[a].unwrap_or(0);
                            }
                            while c > a {
                                c = idom[c].unwrap_or(0);
                            }
                        }
                        a
                    }
                });
            }
            if new.is_some() && idom[b] != new {
                idom[b] = new;
                changed = true;
            }
        }
    }
    (order, idom)
}

/// Constant-time dominance queries: each reachable block's interval in a depth-first walk of
/// the dominator tree (a dominates b exactly when b's interval lies within a's).
struct DomTree {
    interval: HashMap<Block, (usize, usize)>,
}

impl DomTree {
    fn new(f: &Func) -> DomTree {
        let (order, idom) = idom_by_rpo(f);
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); order.len()];
        for (i, d) in idom.iter().enumerate().skip(1) {
            if let Some(d) = *d {
                children[d].push(i);
            }
        }
        let mut interval = HashMap::new();
        if order.is_empty() {
            return DomTree { interval };
        }
        // Iterative walk: (node, next child to visit).
        let (mut clock, mut enter) = (0usize, vec![0usize; order.len()]);
        let mut stack = vec![(0usize, 0usize)];
        enter[0] = clock;
        while let Some(&mut (n, ref mut k)) = stack.last_mut() {
            if let Some(&c) = children[n].get(*k) {
                *k += 1;
                clock += 1;
                enter[c] = clock;
                stack.push((c, 0));
            } else {
                interval.insert(order[n], (enter[n], clock));
                stack.pop();
            }
        }
        DomTree { interval }
    }

    fn reachable(&self, b: Block) -> bool {
        self.interval.contains_key(&b)
    }

    fn dominates(&self, a: Block, b: Block) -> bool {
        match (self.interval.get(&a), self.interval.get(&b)) {
            (Some(&(a0, a1)), Some(&(b0, b1))) => a0 <= b0 && b1 <= a1,
            _ => false,
        }
    }
}
