//! `dce`: dead code elimination.
//!
//! Relies on: IR that verifies, at any level (the pass only reads the op table's `pure` trait,
//! operands and successors).
//!
//! Provides, when it returns:
//! - every block of the layout is reachable from the entry block;
//! - no `pure` op is dead: one of its results is used, transitively, by an op that is not pure
//!   (a terminator, anything that may raise or has a side effect);
//! - no block but the entry has a dead parameter, even one only passed around a loop
//!   (`^bb1(%i): … cf.br ^bb1(%j)` where `%i` feeds nothing else); the matching argument is
//!   removed from every branch to the block.
//!
//! It is a mark-and-sweep over values (live roots: the operands of every op that is not pure;
//! a live result makes its op's operands live, a live block parameter makes the matching
//! argument of every branch to it live), so it reaches its fixpoint in one run.
//!
//! Never: removes an op that is not `pure` (it may raise, has a side effect or is a terminator),
//! reorders ops, touches the entry block's parameters (the function's signature), or adds
//! anything.

use std::collections::{HashMap, HashSet};

use molt_ir::{Block, Func, OpId, Value, ValueDef};

use crate::Pass;

pub struct Dce;

impl Pass for Dce {
    fn name(&self) -> &'static str {
        "dce"
    }

    fn run(&self, func: &mut Func) -> bool {
        let mut changed = func.remove_unreachable_blocks();
        let live = live_values(func);
        changed |= remove_dead_ops(func, &live);
        changed |= remove_dead_params(func, &live);
        changed
    }
}

fn is_pure(func: &Func, op: OpId) -> bool {
    func.ops[op].opcode.spec().is_pure()
}

/// The values some non-pure op depends on.
fn live_values(func: &Func) -> HashSet<Value> {
    let entry = func.entry();
    // For every block, the branches to it: (branching op, successor index).
    let mut incoming: HashMap<Block, Vec<(OpId, usize)>> = HashMap::new();
    for op in func.ops_in_order() {
        for (k, s) in func.ops[op].successors.iter().enumerate() {
            incoming.entry(s.block).or_default().push((op, k));
        }
    }
    let mut live: HashSet<Value> = HashSet::new();
    let mut work: Vec<Value> = Vec::new();
    for op in func.ops_in_order() {
        if !is_pure(func, op) {
            work.extend(func.ops[op].operands.iter().copied());
        }
    }
    while let Some(v) = work.pop() {
        if !live.insert(v) {
            continue;
        }
        match func.values[v].def {
            ValueDef::Result(op, _) => work.extend(func.ops[op].operands.iter().copied()),
            ValueDef::Param(block, index) if Some(block) != entry => {
                for &(op, k) in incoming.get(&block).map(Vec::as_slice).unwrap_or(&[]) {
                    if let Some(&arg) = func.ops[op].successors[k].args.get(index as usize) {
                        work.push(arg);
                    }
                }
            }
            ValueDef::Param(..) => {}
        }
    }
    live
}

/// Removes the pure ops none of whose results is live.
fn remove_dead_ops(func: &mut Func, live: &HashSet<Value>) -> bool {
    let dead: Vec<OpId> =
        func.ops_in_order().filter(|&op| is_pure(func, op) && !func.ops[op].results.iter().any(|r| live.contains(r))).collect();
    func.remove_ops(&dead);
    !dead.is_empty()
}

/// Removes the dead parameters of every block but the entry, with their branch arguments.
fn remove_dead_params(func: &mut Func, live: &HashSet<Value>) -> bool {
    let mut changed = false;
    let entry = func.entry();
    for block in func.layout.clone() {
        if Some(block) == entry {
            continue;
        }
        for index in (0..func.blocks[block].params.len()).rev() {
            if !live.contains(&func.blocks[block].params[index]) {
                func.remove_block_param(block, index);
                changed = true;
            }
        }
    }
    changed
}
