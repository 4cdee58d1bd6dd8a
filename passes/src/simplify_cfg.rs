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

use std::collections::HashSet;

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

/// The value every branch to `block` passes for its parameter `index`, ignoring the parameter
/// itself; `None` when they differ or there is none.
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
    // Rewriting arguments below does not change which ops are the branches.
    let branches = terminators(func);
    let mut changed = false;
    for block in func.layout.clone() {
        if block == entry || !reachable.contains(&block) {
            continue;
        }
        for index in (0..func.blocks[block].params.len()).rev() {
            if let Some(value) = unique_incoming(func, &branches, block, index) {
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
/// into that predecessor.
fn merge_blocks(func: &mut Func) -> bool {
    let Some(entry) = func.entry() else { return false };
    // Merging moves ops between reachable blocks; reachability does not change.
    let reachable: HashSet<Block> = func.reachable_blocks();
    let mut changed = false;
    loop {
        let preds = func.predecessors();
        let candidate = func.layout.iter().copied().find_map(|block| {
            let [pred] = preds.get(&block)?.as_slice() else { return None };
            let branch = func.terminator(*pred)?;
            let mergeable = block != entry && *pred != block && reachable.contains(&block) && func.ops[branch].opcode == Opcode::CfBr;
            mergeable.then_some((*pred, block, branch))
        });
        let Some((pred, block, branch)) = candidate else { return changed };
        let args = func.ops[branch].successors.first().map(|s| s.args.clone()).unwrap_or_default();
        let params = std::mem::take(&mut func.blocks[block].params);
        func.remove_op(branch);
        for (&param, &arg) in params.iter().zip(&args) {
            func.replace_all_uses(param, arg);
        }
        func.move_ops_to_end(block, pred);
        func.remove_block(block);
        changed = true;
    }
}
