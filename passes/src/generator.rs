//! `generator`: splits a generator function into its ramp and its resume function
//! (decisions/0030).
//!
//! A generator function in LIR starts with `l.return_generator` and suspends at `l.yield` ops.
//! The split makes two functions of it:
//! * the **ramp**, which keeps the function's name and signature (its callers are unchanged):
//!   it makes the generator object (`molt_gen_new`: the resume function's address, the frame's
//!   size, the names) and stores its arguments into the frame's slots;
//! * the **resume function** `<name>$resume(gen, sent) -> ref`, which the runtime calls each
//!   time the generator runs. Its entry reads the generator's state word and jumps to the start
//!   (state 0: the arguments are taken out of their slots) or to the code after the `yield`
//!   it stopped at (state k): the values live across that `yield` are taken out of their
//!   slots, then `molt_gen_sent(gen, sent)` gives what the `yield` evaluates to (or raises what
//!   `throw()` threw in). Each `yield` k stores the values live across it into slots, sets the
//!   state word to k and returns the yielded value; each `return` sets the state word to
//!   `finished` first.
//!
//! Values live across a `yield` get new definitions where the generator resumes, so uses are
//! rewired to the definition that reaches them (SSA reconstruction in the manner of Braun et
//! al.: block arguments are added where definitions meet).
//!
//! Invariants: runs on LIR before `refcount`, which then counts the frame like any other
//! place: `l.gen_store` takes over the stored reference and `l.gen_take` gives one back, so
//! while the body runs the frame owns no reference (every reference slot holds 0), and while
//! suspended at `yield` k it owns exactly the references live across it — what the runtime
//! drops if the generator is freed there. Reference slots come first (`nrefs` of them), then
//! raw words (ints, floats, flags, addresses), which the runtime never reads. Leaves IR that
//! verifies. A function without `l.return_generator` is returned unchanged.

use std::collections::{HashMap, HashSet};

use molt_ir::{Attr, Block, CmpOp, Func, NewOp, OpId, Opcode, Type, Value, ValueDef};

/// The suffix of a generator's resume function.
pub const RESUME_SUFFIX: &str = "$resume";

/// What the split needs from the runtime's ABI (the compiler's `abi.rs` knows it).
#[derive(Clone, Copy, Debug)]
pub struct GenAbi<'a> {
    /// `molt_gen_new(code, nslots, nrefs, name, name_len, qualname, qualname_len) -> ref`.
    pub gen_new: &'a str,
    /// `molt_gen_sent(gen, sent) -> ref`, may raise.
    pub gen_sent: &'a str,
    /// The state word of a generator whose body returned.
    pub finished: i64,
}

/// Splits `f` if it is a generator function: returns the ramp and the resume function, or `f`
/// alone.
pub fn split(mut f: Func, abi: GenAbi<'_>) -> Vec<Func> {
    let Some(marker) = f.ops_in_order().find(|&o| f.ops[o].opcode == Opcode::LReturnGenerator) else {
        return vec![f];
    };
    let name = f.ops[marker].attr("name").and_then(Attr::as_str).unwrap_or("").to_string();
    let qualname = f.ops[marker].attr("qualname").and_then(Attr::as_str).unwrap_or("").to_string();
    f.remove_op(marker);
    let sp = f.span;
    let old_entry = f.layout[0];
    let param_tys = f.param_types();
    let returns: Vec<OpId> = f.ops_in_order().filter(|&o| f.ops[o].opcode == Opcode::CfReturn).collect();
    let yields: Vec<OpId> = f.ops_in_order().filter(|&o| f.ops[o].opcode == Opcode::LYield).collect();

    // The new entry: the generator and the value sent.
    let entry = f.new_block();
    f.layout.pop();
    f.layout.insert(0, entry);
    let genr = f.add_block_param(entry, Type::Ref);
    let sent = f.add_block_param(entry, Type::Ref);

    // Split each block after its `yield`; the code after it starts with what the yield
    // evaluates to. The temporary branch keeps the edge for liveness.
    let mut conts = Vec::new();
    for &y in &yields {
        let b = f.ops[y].block;
        let y_sp = f.ops[y].span;
        let Some(cont) = f.split_after(y) else { continue };
        let r = f.ops[y].results[0];
        let got = NewOp::new(Opcode::LCallRtChecked, y_sp).operands([genr, sent]).attr("callee", Attr::Sym(abi.gen_sent.to_string())).result(Type::Ref);
        let got = match f.blocks[cont].ops.first().copied() {
            Some(first) => f.insert_op_before(first, got),
            None => Some(f.append_op(cont, got)),
        };
        if let Some(got) = got {
            let nr = f.result(got);
            f.replace_all_uses(r, nr);
        }
        f.append_op(b, NewOp::new(Opcode::CfBr, y_sp).successor(cont, vec![]));
        conts.push((y, b, cont));
    }
    let live_in = liveness(&f);

    // What lives across each yield (the resume function's own parameters excepted), and what is
    // remade where it resumes instead of kept (constants and addresses: `remade`).
    let mut layouts: Vec<Vec<Value>> = Vec::new();
    let mut remakes: Vec<Vec<Value>> = Vec::new();
    for &(y, b, cont) in &conts {
        let mut live: Vec<Value> = live_in.get(&cont).map(|s| s.iter().copied().filter(|&v| v != genr && v != sent).collect()).unwrap_or_default();
        live.sort();
        let (remade, kept): (Vec<Value>, Vec<Value>) = live.into_iter().partition(|&v| remade(&f, v));
        layouts.push(kept);
        remakes.push(remade);
        // The temporary edge, and the yield itself (its operand and span are read below).
        f.blocks[b].ops.pop();
        f.remove_op(y);
    }
    // State 0's values: the function's parameters (the old entry's block arguments).
    let params = f.blocks[old_entry].params.clone();
    let slots = SlotMap::new(&f, std::iter::once(&params).chain(layouts.iter()));
    for (k, &(y, b, cont)) in conts.iter().enumerate() {
        let y_sp = f.ops[y].span;
        let value = f.ops[y].operands[0];
        for &x in &layouts[k] {
            let slot = slots.slot(k + 1, x);
            f.append_op(b, NewOp::new(Opcode::LGenStore, y_sp).operands([genr, x]).attr("slot", Attr::Int(slot)));
        }
        f.append_op(b, NewOp::new(Opcode::LGenSetState, y_sp).operands([genr]).attr("state", Attr::Int(k as i64 + 1)));
        f.append_op(b, NewOp::new(Opcode::CfReturn, y_sp).operands([value]));
        // Where it resumes: the live values back (before what the yield evaluates to).
        let Some(first) = f.blocks[cont].ops.first().copied() else { continue };
        for &x in &layouts[k] {
            let slot = slots.slot(k + 1, x);
            f.insert_op_before(first, NewOp::new(Opcode::LGenTake, y_sp).operands([genr]).attr("slot", Attr::Int(slot)).result(f.values[x].ty));
        }
        for &x in &remakes[k] {
            if let Some(op) = f.defining_op(x) {
                let o = &f.ops[op];
                let mut n = NewOp::new(o.opcode, o.span).result(f.values[x].ty);
                for (name, a) in o.attrs.clone() {
                    n = n.attr(&name, a);
                }
                f.insert_op_before(first, n);
            }
        }
    }
    for &r in &returns {
        let r_sp = f.ops[r].span;
        f.insert_op_before(r, NewOp::new(Opcode::LGenSetState, r_sp).operands([genr]).attr("state", Attr::Int(abi.finished)));
    }

    // The dispatch on the state word: 0 → the arguments, then the body; k → after yield k.
    let start = f.new_block();
    let mut args = Vec::new();
    for &p in &params {
        let slot = slots.slot(0, p);
        let t = f.append_op(start, NewOp::new(Opcode::LGenTake, sp).operands([genr]).attr("slot", Attr::Int(slot)).result(f.values[p].ty));
        args.push(f.result(t));
    }
    f.append_op(start, NewOp::new(Opcode::CfBr, sp).successor(old_entry, args));
    let st = f.append_op(entry, NewOp::new(Opcode::LGenState, sp).operands([genr]).result(Type::I64));
    let st = f.result(st);
    let targets: Vec<Block> = std::iter::once(start).chain(conts.iter().map(|c| c.2)).collect();
    let mut at = entry;
    for (k, &t) in targets.iter().enumerate() {
        if k + 1 == targets.len() {
            f.append_op(at, NewOp::new(Opcode::CfBr, sp).successor(t, vec![]));
            break;
        }
        let c = f.append_op(at, NewOp::new(Opcode::LConst, sp).attr("value", Attr::Int(k as i64)).result(Type::I64));
        let c = f.result(c);
        let eq = f.append_op(at, NewOp::new(Opcode::LIcmp, sp).operands([st, c]).enum_attr("op", CmpOp::Eq).result(Type::I1));
        let eq = f.result(eq);
        let next = f.new_block();
        f.append_op(at, NewOp::new(Opcode::CfCondBr, sp).operands([eq]).successor(t, vec![]).successor(next, vec![]));
        at = next;
    }

    // Values live across a yield now have several definitions: rewire their uses.
    let mut repaired: Vec<Value> = layouts.iter().chain(remakes.iter()).flatten().copied().collect();
    repaired.sort();
    repaired.dedup();
    for x in repaired {
        let mut defs: HashMap<Block, Vec<(usize, Value)>> = HashMap::new();
        let def_block = match f.values[x].def {
            ValueDef::Param(b, _) => Some((b, 0usize)),
            ValueDef::Result(op, _) => f.op_position(op).map(|p| (f.ops[op].block, p + 1)),
        };
        if let Some((b, pos)) = def_block {
            defs.entry(b).or_default().push((pos, x));
        }
        for (k, &(_, _, cont)) in conts.iter().enumerate() {
            // The new definition of `x` where yield k resumes: its take, or its copy (the takes
            // open the block in `layouts` order, the copies follow in `remakes` order).
            let pos = match (layouts[k].iter().position(|&v| v == x), remakes[k].iter().position(|&v| v == x)) {
                (Some(i), _) => Some(i),
                (None, Some(i)) => Some(layouts[k].len() + i),
                (None, None) => None,
            };
            if let Some(pos) = pos
                && let Some(&o) = f.blocks[cont].ops.get(pos)
            {
                defs.entry(cont).or_default().push((pos + 1, f.result(o)));
            }
        }
        Repair { x, defs, memo: HashMap::new() }.run(&mut f);
    }

    // The ramp: make the generator, store the arguments, return it.
    let resume_name = format!("{}{RESUME_SUFFIX}", f.name);
    let mut ramp = Func::new(f.name.clone(), vec![Type::Ref]);
    ramp.span = sp;
    let rb = ramp.new_block();
    let rparams: Vec<Value> = param_tys.iter().map(|&t| ramp.add_block_param(rb, t)).collect();
    let val = |ramp: &mut Func, op: NewOp| {
        let id = ramp.append_op(rb, op);
        ramp.result(id)
    };
    let code = val(&mut ramp, NewOp::new(Opcode::LFuncAddr, sp).attr("callee", Attr::Sym(resume_name.clone())).result(Type::Ptr));
    let nslots = val(&mut ramp, NewOp::new(Opcode::LConst, sp).attr("value", Attr::Int(slots.nslots())).result(Type::I64));
    let nrefs = val(&mut ramp, NewOp::new(Opcode::LConst, sp).attr("value", Attr::Int(slots.nrefs)).result(Type::I64));
    let mut strs = Vec::new();
    for s in [&name, &qualname] {
        strs.push(val(&mut ramp, NewOp::new(Opcode::LStr, sp).attr("value", Attr::Str(s.clone())).result(Type::Ptr)));
        strs.push(val(&mut ramp, NewOp::new(Opcode::LConst, sp).attr("value", Attr::Int(s.len() as i64)).result(Type::I64)));
    }
    let g = val(&mut ramp, NewOp::new(Opcode::LCallRtChecked, sp).operands([code, nslots, nrefs, strs[0], strs[1], strs[2], strs[3]])
        .attr("callee", Attr::Sym(abi.gen_new.to_string())).result(Type::Ref));
    for (i, &p) in rparams.iter().enumerate() {
        let slot = slots.slot_of(0, i);
        ramp.append_op(rb, NewOp::new(Opcode::LGenStore, sp).operands([g, p]).attr("slot", Attr::Int(slot)));
    }
    ramp.append_op(rb, NewOp::new(Opcode::CfReturn, sp).operands([g]));
    f.name = resume_name;
    f.results = vec![Type::Ref];
    vec![ramp, f]
}

/// The slot of each value at each state: references first, numbered from 0 in each state;
/// raw words after all reference slots.
struct SlotMap {
    /// Per state: the values, in order, with their slot.
    states: Vec<Vec<(Value, i64)>>,
    nrefs: i64,
    nraw: i64,
}

impl SlotMap {
    fn new<'a>(f: &Func, states: impl Iterator<Item = &'a Vec<Value>>) -> SlotMap {
        let states: Vec<&Vec<Value>> = states.collect();
        let count = |vals: &Vec<Value>, refs: bool| vals.iter().filter(|&&v| (f.values[v].ty == Type::Ref) == refs).count() as i64;
        let nrefs = states.iter().map(|s| count(s, true)).max().unwrap_or(0);
        let nraw = states.iter().map(|s| count(s, false)).max().unwrap_or(0);
        let states = states
            .iter()
            .map(|vals| {
                let (mut r, mut w) = (0, nrefs);
                vals.iter()
                    .map(|&v| {
                        let slot = if f.values[v].ty == Type::Ref { &mut r } else { &mut w };
                        *slot += 1;
                        (v, *slot - 1)
                    })
                    .collect()
            })
            .collect();
        SlotMap { states, nrefs, nraw }
    }

    fn nslots(&self) -> i64 {
        self.nrefs + self.nraw
    }

    /// The slot of value `v` in state `state`.
    fn slot(&self, state: usize, v: Value) -> i64 {
        self.states[state].iter().find(|(x, _)| *x == v).map_or(0, |(_, s)| *s)
    }

    /// The slot of the `i`th value of state `state`.
    fn slot_of(&self, state: usize, i: usize) -> i64 {
        self.states[state].get(i).map_or(0, |(_, s)| *s)
    }
}

/// The values live into each block (every type), a backward dataflow to a fixpoint.
fn liveness(f: &Func) -> HashMap<Block, HashSet<Value>> {
    let mut live_in: HashMap<Block, HashSet<Value>> = f.layout.iter().map(|&b| (b, HashSet::new())).collect();
    let order: Vec<Block> = f.layout.iter().rev().copied().collect();
    loop {
        let mut changed = false;
        for &b in &order {
            let mut live: HashSet<Value> = HashSet::new();
            for s in f.successors(b) {
                live.extend(live_in.get(&s).into_iter().flatten().copied());
            }
            for &op in f.blocks[b].ops.iter().rev() {
                let o = &f.ops[op];
                for r in &o.results {
                    live.remove(r);
                }
                live.extend(o.operands.iter().copied());
                live.extend(o.successors.iter().flat_map(|s| s.args.iter().copied()));
            }
            for p in &f.blocks[b].params {
                live.remove(p);
            }
            if live_in.get(&b) != Some(&live) {
                live_in.insert(b, live);
                changed = true;
            }
        }
        if !changed {
            return live_in;
        }
    }
}

/// Rewires the uses of one value that now has several definitions (`defs`: per block, the
/// position in the block after which each is defined — 0 for a block argument).
struct Repair {
    x: Value,
    defs: HashMap<Block, Vec<(usize, Value)>>,
    memo: HashMap<Block, Value>,
}

impl Repair {
    fn run(mut self, f: &mut Func) {
        let preds = f.predecessors();
        let uses: Vec<(Block, usize, OpId)> = f
            .layout
            .iter()
            .flat_map(|&b| f.blocks[b].ops.iter().enumerate().map(move |(i, &o)| (b, i, o)))
            .filter(|&(_, _, o)| f.ops[o].operands.contains(&self.x) || f.ops[o].successors.iter().any(|s| s.args.contains(&self.x)))
            .collect();
        for (b, pos, op) in uses {
            let v = self.before(f, &preds, b, pos);
            let o = &mut f.ops[op];
            for a in o.operands.iter_mut().chain(o.successors.iter_mut().flat_map(|s| s.args.iter_mut())) {
                if *a == self.x {
                    *a = v;
                }
            }
        }
    }

    /// The definition reaching position `pos` of block `b` (before the op there).
    fn before(&mut self, f: &mut Func, preds: &HashMap<Block, Vec<Block>>, b: Block, pos: usize) -> Value {
        let local = self.defs.get(&b).and_then(|ds| ds.iter().filter(|(p, _)| *p <= pos).max_by_key(|(p, _)| *p)).map(|(_, v)| *v);
        match local {
            Some(v) => v,
            None => self.at_entry(f, preds, b),
        }
    }

    fn at_end(&mut self, f: &mut Func, preds: &HashMap<Block, Vec<Block>>, b: Block) -> Value {
        let n = f.blocks[b].ops.len();
        self.before(f, preds, b, n)
    }

    fn at_entry(&mut self, f: &mut Func, preds: &HashMap<Block, Vec<Block>>, b: Block) -> Value {
        if let Some(&v) = self.memo.get(&b) {
            return v;
        }
        let ps = preds.get(&b).cloned().unwrap_or_default();
        let mut distinct = ps.clone();
        distinct.sort();
        distinct.dedup();
        if distinct.len() == 1 {
            let v = self.at_end(f, preds, distinct[0]);
            self.memo.insert(b, v);
            return v;
        }
        // Definitions meet here: a new block argument, given by every edge.
        let ty = f.values[self.x].ty;
        let p = f.add_block_param(b, ty);
        self.memo.insert(b, p);
        for pb in distinct {
            let v = self.at_end(f, preds, pb);
            let Some(term) = f.terminator(pb) else { continue };
            for s in f.ops[term].successors.iter_mut().filter(|s| s.block == b) {
                s.args.push(v);
            }
        }
        p
    }
}

/// Whether live value `v` is remade where the generator resumes rather than kept in its frame:
/// the result of an op that reads nothing (a constant, a static string's or object's address,
/// a compiled function's address), so a copy of it is the same value.
fn remade(f: &Func, v: Value) -> bool {
    f.defining_op(v).is_some_and(|o| matches!(f.ops[o].opcode, Opcode::LConst | Opcode::LStr | Opcode::LStaticRef | Opcode::LFuncAddr))
}
