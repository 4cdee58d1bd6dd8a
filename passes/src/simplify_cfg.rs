//! `simplify-cfg`: control-flow cleanup.
//!
//! Relies on: IR that verifies, at any level (only `cf` ops are inspected).
//!
//! Provides, repeated until nothing changes:
//! - every block of the layout is reachable from the entry (unreachable ones are deleted first:
//!   they would hide single predecessors and trivial parameters);
//! - a `cf.cond_br` whose two successors are the same block with the same arguments becomes a
//!   `cf.br`;
//! - a parameter of a reachable block (not the entry) whose incoming arguments are all the same
//!   value, or the parameter itself (a loop passing it around unchanged), is replaced by that
//!   value and removed, with its argument in every branch. In valid SSA that value dominates
//!   the block, so every use stays dominated;
//! - a reachable block whose only predecessor edge is a `cf.br` from another block is merged
//!   into that predecessor: the branch goes, the block's parameters are replaced by the
//!   branch's arguments and its ops are appended to the predecessor.
//!
//! Never: removes or reorders any op of a reachable block but the `cf` branches it rewrites;
//! changes the entry block's parameters; removes an op or a parameter merely because it is
//! unused (that is `dce`).

use std::collections::{HashMap, HashSet};

use molt_ir::{Block, Func, OpId, Opcode, Value};

use crate::Pass;

pub struct SimplifyCfg;

impl Pass for SimplifyCfg {
    fn name(&self) -> &'static str {
        "simplify-cfg"
    }

    fn run(&self, func: &mut Func) -> bool {
        let mut changed = false;
        loop {
            let mut round = func.remove_unreachable_blocks();
            round |= merge_identical_successors(func);
            round |= remove_trivial_params(func);
            round |= merge_blocks(func);
            if !round {
                return changed;
            }
            changed = true;
        }
    }
}

/// The terminators of the layout's blocks.
fn terminators(func: &Func) -> Vec<OpId> {
    func.layout.iter().filter_map(|&b| func.terminator(b)).collect()
}

/// `cf.cond_br %c, ^bb1(%x), ^bb1(%x)` → `cf.br ^bb1(%x)`.
fn merge_identical_successors(func: &mut Func) -> bool {
    let mut changed = false;
    for op in terminators(func) {
        let data = &mut func.ops[op];
        if data.opcode == Opcode::CfCondBr && data.successors.len() == 2 && data.successors[0] == data.successors[1] {
            data.opcode = Opcode::CfBr;
            data.operands.clear();
            data.successors.truncate(1);
            changed = true;
        }
    }
    changed
}

/// The value every branch to `block` (`branches`: the branches that target it) passes for its
/// parameter `index`, ignoring the parameter itself; `None` when they differ or there is none.
fn unique_incoming(func: &Func, branches: &[OpId], block: Block, index: usize) -> Option<Value> {
    let param = func.blocks[block].params[index];
    let mut unique = None;
    for &op in branches {
        for s in func.ops[op].successors.iter().filter(|s| s.block == block) {
            let arg = *s.args.get(index)?;
            if arg == param {
                continue;
            }
            match unique {
                None => unique = Some(arg),
                Some(v) if v == arg => {}
                Some(_) => return None,
            }
        }
    }
    unique
}

/// Replaces the parameters whose incoming arguments all agree by the value they agree on.
fn remove_trivial_params(func: &mut Func) -> bool {
    let Some(entry) = func.entry() else { return false };
    let reachable: HashSet<Block> = func.reachable_blocks();
    // Rewriting arguments below does not change which ops are the branches to each block.
    let mut branches: HashMap<Block, Vec<OpId>> = HashMap::new();
    for op in terminators(func) {
        for s in &func.ops[op].successors {
            let list = branches.entry(s.block).or_default();
            if list.last() != Some(&op) {
                list.push(op);
            }
        }
    }
    let mut changed = false;
    for block in func.layout.clone() {
        if block == entry || !reachable.contains(&block) || func.blocks[block].params.is_empty() {
            continue;
        }
        let to_block = branches.get(&block).map(Vec::as_slice).unwrap_or(&[]);
        for index in (0..func.blocks[block].params.len()).rev() {
            if let Some(value) = unique_incoming(func, to_block, block, index) {
                let param = func.blocks[block].params[index];
                func.replace_all_uses(param, value);
                func.remove_block_param(block, index);
                changed = true;
            }
        }
    }
    changed
}

/// Merges each reachable block that has a single predecessor edge, an unconditional branch,
/// into that predecessor. One walk over the layout, keeping the predecessor lists up to date
/// as blocks merge (a chain of n blocks merges in O(n), not O(n²)); the parameters of merged
/// blocks are replaced by their arguments in one walk over the ops at the end.
fn merge_blocks(func: &mut Func) -> bool {
    let Some(entry) = func.entry() else { return false };
    // Merging moves ops between reachable blocks; reachability does not change.
    let reachable: HashSet<Block> = func.reachable_blocks();
    let mut preds = func.predecessors();
    let mut removed: HashSet<Block> = HashSet::new();
    let mut replace: HashMap<Value, Value> = HashMap::new();
    let resolve = |replace: &HashMap<Value, Value>, mut v: Value| {
        while let Some(&w) = replace.get(&v) {
            v = w;
        }
        v
    };
    for block in func.layout.clone() {
        let Some(&[pred]) = preds.get(&block).map(Vec::as_slice) else { continue };
        let Some(branch) = func.terminator(pred) else { continue };
        if block == entry || pred == block || !reachable.contains(&block) || func.ops[branch].opcode != Opcode::CfBr {
            continue;
        }
        let args = func.ops[branch].successors.first().map(|s| s.args.clone()).unwrap_or_default();
        let params = std::mem::take(&mut func.blocks[block].params);
        func.remove_op(branch);
        for (&param, &arg) in params.iter().zip(&args) {
            let arg = resolve(&replace, arg);
            if arg != param {
                replace.insert(param, arg);
            }
        }
        // The merged block's successors now have `pred` as that predecessor.
        for s in func.successors(block) {
            if let Some(ps) = preds.get_mut(&s) {
                for p in ps.iter_mut().filter(|p| **p == block) {
                    *p = pred;
                }
            }
        }
        func.move_ops_to_end(block, pred);
        preds.remove(&block);
        removed.insert(block);
    }
    if removed.is_empty() {
        return false;
    }
    let resolved: HashMap<Value, Value> = replace.keys().map(|&k| (k, resolve(&replace, k))).collect();
    func.replace_uses(&resolved);
    func.layout.retain(|b| !removed.contains(b));
    true
}
