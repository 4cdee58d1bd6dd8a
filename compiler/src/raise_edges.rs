//! Raise edges after lowering one op (decisions/0015).
//!
//! Relies on: the ops created for one source-level op being the arena entries from a mark on
//! (arenas only grow, so creation order is arena order), and every created block being in the
//! layout. Provides `add_raise_edges`, shared by TIR emission and LIR lowering: each created op
//! that may raise ends its block with `cf.if_raised ^handler(args), ^rest`, the rest of the
//! block moving to a new block, so that the verifier's `raise-edge` invariant holds at every
//! level and passes see every path an exception takes.

use molt_ir::{Block, Func, NewOp, Opcode, Span, Value};

/// Adds a raise edge to `handler` (with `args`) after every op created since arena index
/// `first` that may raise. `cur` is the block the caller continues filling; returns the block
/// that takes its place when it was split.
pub fn add_raise_edges(f: &mut Func, first: usize, handler: Block, args: &[Value], mut cur: Block, sp: Span) -> Block {
    let raising: Vec<_> = f.ops.iter().skip(first).filter(|(_, o)| o.opcode.spec().may_raise()).map(|(id, _)| id).collect();
    for op in raising {
        let b = f.ops[op].block;
        let Some(rest) = f.split_after(op) else { continue };
        f.append_op(b, NewOp::new(Opcode::CfIfRaised, sp).successor(handler, args.to_vec()).successor(rest, vec![]));
        if b == cur {
            cur = rest;
        }
    }
    cur
}
