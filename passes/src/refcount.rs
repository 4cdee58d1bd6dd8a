//! `refcount`: inserts reference counting into LIR (`l.incref` / `l.decref` of `ref` values).
//!
//! Conventions (decisions/0013):
//! * A function's parameters are *borrowed*: the caller keeps them alive for the call; the
//!   callee never drops them and adds a reference before giving one away.
//! * Op results and non-entry block arguments are *owned* (+1): runtime functions and compiled
//!   functions return new references, and a branch hands its arguments' references to the
//!   target's block arguments. `l.load_global`, `l.select` and `l.slot_load` results are
//!   borrowed from the global, the chosen operand or the instance; the pass adds a reference right after them when they live on.
//! * Consuming uses — branch arguments, `cf.return`, `l.store_global`, the stored value of
//!   `l.gen_store` and `l.slot_store` — take over one reference each; every other use borrows.
//! * A static object made by `l.static_ref` (None, True, False, `molt_iter_done`, type
//!   objects: immortal, never freed) is not counted either: it is never dropped and is given
//!   away as it is (whoever receives it drops it as any reference; an immortal count never
//!   reaches zero).
//! * A small int made by `l.cast bits_ref` is not counted at all (its count operations would
//!   be no-ops): it is never dropped and is given away as it is.
//! * An owned value is dropped right after its last use in a block, on the edges where it stops
//!   being live (a critical edge is split into a block of its own), or right after its
//!   definition when it is never used.
//!
//! * The raise path is a path like the others: every op that may raise and has no raise edge
//!   (it is outside a `try` body) first gets one, to a block that leaves the function
//!   (`cf.unwind`); the owned values live at the op are dropped on that edge. Edges on which
//!   nothing needed dropping are removed again afterwards (and the blocks split for them
//!   merged back), so code without owned values on its raise paths is unchanged.
//!
//! Relies on: LIR in SSA form that verifies, with block arguments instead of phis. Guarantees:
//! on every path through the function, the raise paths included, each owned reference is given
//! away or dropped exactly once, and a borrowed one is never dropped.

use std::collections::{HashMap, HashSet};

use molt_ir::{Block, CastOp, Func, NewOp, OpId, Opcode, Span, Successor, Type, Value};

use crate::Pass;

pub struct Refcount;

impl Pass for Refcount {
    fn name(&self) -> &'static str {
        "refcount"
    }

    fn run(&self, func: &mut Func) -> bool {
        if Rc::new(func).refs.is_empty() {
            return false;
        }
        let unwind = add_unwind_edges(func);
        let mut rc = Rc::new(func);
        rc.live_sets(func);
        let blocks: Vec<Block> = func.layout.clone();
        let mut changed = false;
        for b in blocks {
            changed |= rc.block(func, b);
        }
        if let Some((unwind, splits)) = unwind {
            changed |= prune_unwind_edges(func, unwind, &splits);
        }
        changed
    }
}

/// Gives every op that may raise and has no raise edge one (`cf.if_raised`) to a new block that
/// leaves the function (`cf.unwind`). Returns that block and the (block, continuation) pairs
/// split for the edges, in the order they were made.
fn add_unwind_edges(f: &mut Func) -> Option<(Block, Vec<(Block, Block)>)> {
    let mut sites = Vec::new();
    for &b in &f.layout {
        let ops = &f.blocks[b].ops;
        for (i, &o) in ops.iter().enumerate() {
            let spec = f.ops[o].opcode.spec();
            let has_edge = ops.get(i + 1).is_some_and(|&n| f.ops[n].opcode == Opcode::CfIfRaised);
            if spec.may_raise() && !spec.is_terminator() && !has_edge {
                sites.push(o);
            }
        }
    }
    if sites.is_empty() {
        return None;
    }
    let unwind = f.new_block();
    f.append_op(unwind, NewOp::new(Opcode::CfUnwind, f.span));
    let mut splits = Vec::new();
    for op in sites {
        let b = f.ops[op].block;
        let sp = f.ops[op].span;
        let Some(next) = f.split_after(op) else { continue };
        f.append_op(b, NewOp::new(Opcode::CfIfRaised, sp).successor(unwind, vec![]).successor(next, vec![]));
        splits.push((b, next));
    }
    Some((unwind, splits))
}

/// Removes the raise edges straight to `unwind` (nothing was dropped on them), merges the
/// blocks split for them back, and removes `unwind` if nothing reaches it. Returns whether a
/// raise edge remained (the function changed).
fn prune_unwind_edges(f: &mut Func, unwind: Block, splits: &[(Block, Block)]) -> bool {
    for &b in &f.layout {
        let Some(&term) = f.blocks[b].ops.last() else { continue };
        let t = &mut f.ops[term];
        if t.opcode == Opcode::CfIfRaised && t.successors[0].block == unwind {
            let normal = t.successors[1].clone();
            t.opcode = Opcode::CfBr;
            t.successors = vec![normal];
        }
    }
    let mut merged = HashSet::new();
    for &(b, next) in splits.iter().rev() {
        let Some(&term) = f.blocks[b].ops.last() else { continue };
        let t = &f.ops[term];
        if t.opcode != Opcode::CfBr || t.successors[0].block != next || !t.successors[0].args.is_empty() {
            continue;
        }
        f.blocks[b].ops.pop();
        let moved = std::mem::take(&mut f.blocks[next].ops);
        for &o in &moved {
            f.ops[o].block = b;
        }
        f.blocks[b].ops.extend(moved);
        merged.insert(next);
    }
    let reached = f.layout.iter().any(|&b| f.successors(b).contains(&unwind));
    f.layout.retain(|b| !merged.contains(b) && (reached || *b != unwind));
    reached
}

/// Whether an op's `ref` result is borrowed from an operand or a global rather than new.
fn borrowed_result(op: Opcode) -> bool {
    matches!(op, Opcode::LLoadGlobal | Opcode::LSelect | Opcode::LSlotLoad)
}

/// How an op uses operand `i`: consuming (takes over a reference) or borrowing.
fn consumes_operand(op: Opcode, i: usize) -> bool {
    // `l.gen_store`: the generator's frame takes the stored value, not the generator.
    matches!(op, Opcode::CfReturn | Opcode::LStoreGlobal | Opcode::LReraise | Opcode::LYield) || (matches!(op, Opcode::LGenStore | Opcode::LSlotStore) && i == 1)
}

/// Whether `v` is a small int made by `l.cast bits_ref` or a static object (`l.static_ref`):
/// counting it would change nothing (a small int has no header; a static object is immortal),
/// so it is left out of the pass altogether — never dropped, and given away (branch arguments,
/// returns) without a reference of its own.
fn uncounted(f: &Func, v: Value) -> bool {
    f.defining_op(v).is_some_and(|o| {
        f.ops[o].opcode == Opcode::LStaticRef || (f.ops[o].opcode == Opcode::LCast && f.ops[o].enum_attr::<CastOp>("op") == Some(CastOp::BitsRef))
    })
}

struct Rc {
    refs: HashSet<Value>,
    borrowed_params: HashSet<Value>,
    live_in: HashMap<Block, HashSet<Value>>,
}

impl Rc {
    fn new(f: &Func) -> Rc {
        let refs: HashSet<Value> = f
            .layout
            .iter()
            .flat_map(|&b| {
                let params = f.blocks[b].params.iter().copied();
                let results = f.blocks[b].ops.iter().flat_map(|&o| f.ops[o].results.iter().copied());
                params.chain(results).collect::<Vec<_>>()
            })
            .filter(|&v| f.values[v].ty == Type::Ref && !uncounted(f, v))
            .collect();
        let borrowed_params = f.params().iter().copied().filter(|v| refs.contains(v)).collect();
        Rc { refs, borrowed_params, live_in: HashMap::new() }
    }

    fn owned(&self, v: Value) -> bool {
        !self.borrowed_params.contains(&v)
    }

    /// The `ref` values used by an op (operands and successor arguments).
    fn uses(&self, f: &Func, op: OpId) -> Vec<Value> {
        let o = &f.ops[op];
        o.operands.iter().chain(o.successors.iter().flat_map(|s| s.args.iter())).copied().filter(|v| self.refs.contains(v)).collect()
    }

    fn live_out(&self, f: &Func, b: Block) -> HashSet<Value> {
        let mut out = HashSet::new();
        for s in f.successors(b) {
            if let Some(l) = self.live_in.get(&s) {
                out.extend(l.iter().copied());
            }
        }
        out
    }

    /// Live-in sets of every block (backward dataflow to a fixpoint).
    fn live_sets(&mut self, f: &Func) {
        for &b in &f.layout {
            self.live_in.insert(b, HashSet::new());
        }
        let order: Vec<Block> = f.reverse_postorder().into_iter().rev().collect();
        loop {
            let mut changed = false;
            for &b in &order {
                let mut live = self.live_out(f, b);
                for &op in f.blocks[b].ops.iter().rev() {
                    for r in &f.ops[op].results {
                        live.remove(r);
                    }
                    live.extend(self.uses(f, op));
                }
                for p in &f.blocks[b].params {
                    live.remove(p);
                }
                if self.live_in.get(&b) != Some(&live) {
                    self.live_in.insert(b, live);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    fn inc(v: Value, sp: Span) -> NewOp {
        NewOp::new(Opcode::LIncref, sp).operands([v])
    }

    fn dec(v: Value, sp: Span) -> NewOp {
        NewOp::new(Opcode::LDecref, sp).operands([v])
    }

    /// Rewrites one block; returns whether it inserted anything.
    fn block(&self, f: &mut Func, b: Block) -> bool {
        let ops = f.blocks[b].ops.clone();
        let Some((&term, body)) = ops.split_last() else { return false };
        let mut pre: HashMap<OpId, Vec<NewOp>> = HashMap::new();
        let mut post: HashMap<OpId, Vec<NewOp>> = HashMap::new();
        let mut live = self.live_out(f, b);
        live.extend(self.uses(f, term));
        // An op followed by `cf.if_raised`: nothing may stand between the two, so what would
        // follow the op (dropping its dying operands and unused results, adding a reference to a
        // borrowed result) is done on the raise edge's successors instead: its operands on both,
        // its results on the normal edge only (they have no value where it raised).
        let mut extra_held = HashSet::new();
        let mut borrowed_live = HashSet::new();
        let mut raised_results = HashSet::new();
        let raising = (f.ops[term].opcode == Opcode::CfIfRaised).then(|| body.last().copied()).flatten();
        if let Some(r) = raising {
            let o = &f.ops[r];
            raised_results.extend(o.results.iter().copied());
            // A consumed operand (`l.reraise`) is the op's to drop.
            let operands = o.operands.iter().enumerate().filter(|&(i, _)| !consumes_operand(o.opcode, i)).map(|(_, v)| v);
            for &v in o.results.iter().chain(operands).filter(|v| self.refs.contains(v)) {
                let result = o.results.contains(&v);
                if result && borrowed_result(o.opcode) {
                    if live.contains(&v) {
                        borrowed_live.insert(v);
                    }
                } else if self.owned(v) && !live.contains(&v) {
                    extra_held.insert(v);
                }
            }
        }
        let mut changed = self.terminator(f, b, term, &mut pre, &extra_held, &borrowed_live, &raised_results);
        for &op in body.iter().rev() {
            let o = f.ops[op].clone();
            let sp = o.span;
            if Some(op) == raising {
                // Its drops happen on the edges (above); a consumed operand that is still needed
                // gets its reference before.
                let mut seen = HashSet::new();
                for (_, &v) in o.operands.iter().enumerate().filter(|&(i, v)| self.refs.contains(v) && consumes_operand(o.opcode, i)) {
                    if !self.owned(v) || live.contains(&v) || !seen.insert(v) {
                        pre.entry(op).or_default().push(Rc::inc(v, sp));
                    }
                }
                for r in &o.results {
                    live.remove(r);
                }
                live.extend(o.operands.iter().copied().filter(|v| self.refs.contains(v)));
                continue;
            }
            let after: &mut Vec<NewOp> = post.entry(op).or_default();
            for &r in o.results.iter().filter(|r| self.refs.contains(r)) {
                let used = live.contains(&r);
                if borrowed_result(o.opcode) {
                    if used {
                        after.push(Rc::inc(r, sp));
                    }
                } else if !used {
                    after.push(Rc::dec(r, sp));
                }
            }
            let mut seen = HashSet::new();
            for (i, &v) in o.operands.iter().enumerate().filter(|&(_, v)| self.refs.contains(v)) {
                if consumes_operand(o.opcode, i) {
                    if !self.owned(v) || live.contains(&v) || !seen.insert(v) {
                        pre.entry(op).or_default().push(Rc::inc(v, sp));
                    }
                } else if seen.insert(v) && self.owned(v) && !live.contains(&v) {
                    after.push(Rc::dec(v, sp));
                }
            }
            for r in &o.results {
                live.remove(r);
            }
            live.extend(o.operands.iter().copied().filter(|v| self.refs.contains(v)));
        }
        // Block arguments nobody uses are dropped on arrival.
        let entry = f.entry();
        let mut at_start = Vec::new();
        if Some(b) != entry {
            let sp = ops.first().map(|&o| f.ops[o].span).unwrap_or_default();
            for &p in &f.blocks[b].params {
                if self.refs.contains(&p) && !live.contains(&p) {
                    at_start.push(Rc::dec(p, sp));
                }
            }
        }
        let mut new_ops = Vec::with_capacity(ops.len());
        let place = |f: &mut Func, n: NewOp, out: &mut Vec<OpId>| {
            let id = f.append_op(b, n);
            f.blocks[b].ops.pop();
            out.push(id);
        };
        for n in at_start {
            place(f, n, &mut new_ops);
            changed = true;
        }
        for &op in &ops {
            for n in pre.remove(&op).unwrap_or_default() {
                place(f, n, &mut new_ops);
                changed = true;
            }
            new_ops.push(op);
            for n in post.remove(&op).unwrap_or_default() {
                place(f, n, &mut new_ops);
                changed = true;
            }
        }
        f.blocks[b].ops = new_ops;
        changed
    }

    /// Reference transfers at a terminator: `cf.return` gives its operands away; a branch
    /// gives each edge's arguments to the target and keeps what the target needs alive. What
    /// an edge needs that differs from what the block holds is fixed on that edge.
    #[allow(clippy::too_many_arguments)]
    fn terminator(&self, f: &mut Func, b: Block, term: OpId, pre: &mut HashMap<OpId, Vec<NewOp>>, extra_held: &HashSet<Value>, borrowed_live: &HashSet<Value>, raised_results: &HashSet<Value>) -> bool {
        let o = f.ops[term].clone();
        let sp = o.span;
        if o.opcode == Opcode::CfReturn {
            let mut seen = HashSet::new();
            for &v in o.operands.iter().filter(|v| self.refs.contains(v)) {
                if !self.owned(v) || !seen.insert(v) {
                    pre.entry(term).or_default().push(Rc::inc(v, sp));
                }
            }
            return !pre.is_empty();
        }
        // Held at the terminator: owned values live into some successor or passed on an edge.
        let mut held: HashSet<Value> = self.live_out(f, b);
        held.extend(self.uses(f, term));
        held.retain(|&v| self.owned(v) && !borrowed_live.contains(&v));
        held.extend(extra_held.iter().copied());
        let mut changed = false;
        let single = o.successors.len() == 1;
        for (i, s) in o.successors.iter().enumerate() {
            let live_in = self.live_in.get(&s.block).cloned().unwrap_or_default();
            let mut fix = Vec::new();
            let mut vals: Vec<Value> = held.iter().copied().collect();
            vals.extend(s.args.iter().copied().filter(|v| self.refs.contains(v) && !self.owned(*v)));
            vals.extend(borrowed_live.iter().copied());
            if o.opcode == Opcode::CfIfRaised && i == 0 {
                vals.retain(|v| !raised_results.contains(v));
            }
            vals.sort();
            vals.dedup();
            for v in vals {
                let passed = s.args.iter().filter(|&&a| a == v).count() as i64;
                let kept = i64::from((self.owned(v) || borrowed_live.contains(&v)) && live_in.contains(&v));
                let have = i64::from(held.contains(&v));
                let delta = passed + kept - have;
                for _ in 0..delta.max(0) {
                    fix.push(Rc::inc(v, sp));
                }
                if delta < 0 {
                    fix.push(Rc::dec(v, sp));
                }
            }
            if fix.is_empty() {
                continue;
            }
            changed = true;
            if single {
                pre.entry(term).or_default().extend(fix);
            } else {
                // Split the edge: the fixes run only when this edge is taken.
                let n = f.new_block();
                for op in fix {
                    f.append_op(n, op);
                }
                f.append_op(n, NewOp::new(Opcode::CfBr, sp).successor(s.block, s.args.clone()));
                f.ops[term].successors[i] = Successor { block: n, args: Vec::new() };
            }
        }
        changed
    }
}
