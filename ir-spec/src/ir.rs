//! The generic SSA container shared by every dialect (MLIR-style).
//!
//! Provides: `Module` (globals + functions) and `Func`, whose blocks, ops and values live in
//! arenas with typed ids (`Block`, `OpId`, `Value`). Blocks take arguments (no phi nodes); an op
//! has an opcode (declared in `ops.toml`), operands, results, attributes, successors (terminators
//! only) and a source span. The block `layout` gives block order; its first block is the entry,
//! whose arguments are the function's parameters.
//!
//! Relies on: callers building and editing ops through `Func`'s methods (`append_op`,
//! `insert_op_before`, `remove_op`, `remove_block_param`, `move_ops_to_end`, …), which keep
//! result/def links and `OpData::block` consistent. Removed ops and blocks stay in the arenas,
//! detached: only what the layout reaches is part of the function. It does *not* check op
//! signatures or dominance: the verifier (`verify.rs`) does, at every level boundary, and rejects
//! invalid IR loudly.

use std::collections::{HashMap, HashSet};

use la_arena::{Arena, Idx};

use crate::generated::Opcode;
use crate::spec::AttrEnum;
use crate::types::Type;

pub type Block = Idx<BlockData>;
pub type OpId = Idx<OpData>;
pub type Value = Idx<ValueData>;

/// A half-open byte range into the source file, for diagnostics and tracebacks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }
}

/// A float constant compared and hashed by its bits, so that IR is `Eq`.
#[derive(Clone, Copy, Debug)]
pub struct F64(pub f64);

impl PartialEq for F64 {
    fn eq(&self, other: &F64) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}
impl Eq for F64 {}
impl std::hash::Hash for F64 {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state)
    }
}

/// An attribute value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Attr {
    Int(i64),
    /// An int literal beyond the i64 range, as its decimal digits (a leading `-` when negative).
    BigInt(String),
    Float(F64),
    Bool(bool),
    None,
    Str(String),
    /// A bytes literal (textual form `bytes("…")`, each byte a code point below 256).
    Bytes(Vec<u8>),
    /// A symbol: a function, instance or global name (`@name`).
    Sym(String),
    Type(Type),
}

impl Attr {
    /// The Python type of a literal attribute (`const` kind), if it is one.
    pub fn literal_type(&self) -> Option<Type> {
        Some(match self {
            Attr::Int(_) | Attr::BigInt(_) => Type::Int,
            Attr::Float(_) => Type::Float,
            Attr::Bool(_) => Type::Bool,
            Attr::None => Type::None,
            Attr::Str(_) => Type::Str,
            // Bytes are no TIR scalar type: a boxed object.
            Attr::Bytes(_) => Type::TObj,
            Attr::Sym(_) | Attr::Type(_) => return None,
        })
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Attr::Str(s) | Attr::Sym(s) => Some(s),
            Attr::Int(_) | Attr::BigInt(_) | Attr::Float(_) | Attr::Bool(_) | Attr::None | Attr::Bytes(_) | Attr::Type(_) => None,
        }
    }

    /// The value of an `int` attribute (an index, a count).
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Attr::Int(i) => Some(*i),
            Attr::BigInt(_) | Attr::Float(_) | Attr::Bool(_) | Attr::None | Attr::Str(_) | Attr::Bytes(_) | Attr::Sym(_) | Attr::Type(_) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BlockData {
    pub params: Vec<Value>,
    pub ops: Vec<OpId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ValueDef {
    Param(Block, u32),
    Result(OpId, u32),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ValueData {
    pub ty: Type,
    pub def: ValueDef,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Successor {
    pub block: Block,
    pub args: Vec<Value>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OpData {
    pub opcode: Opcode,
    pub operands: Vec<Value>,
    pub results: Vec<Value>,
    /// In declaration order of the op's spec.
    pub attrs: Vec<(String, Attr)>,
    pub successors: Vec<Successor>,
    pub span: Span,
    /// The block holding the op (kept in sync by `append_op`).
    pub block: Block,
}

impl OpData {
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, a)| a)
    }

    /// The value of enum attribute `name` (declared `enum:E` in ops.toml); `None` when the op
    /// has no such attribute or holds a value that is not one of `E` (IR the verifier rejects).
    pub fn enum_attr<E: AttrEnum>(&self, name: &str) -> Option<E> {
        debug_assert!(self.opcode.spec().has_enum_attr::<E>(name), "`{}` has no attribute `{name}` of enum `{}`", self.opcode.name(), E::ENUM_NAME);
        match self.attr(name)? {
            Attr::Str(s) => E::from_name(s),
            _ => None,
        }
    }

    /// `enum_attr` on verified IR, where the verifier guarantees the attribute: panics, naming
    /// the broken invariant, when it is missing or not a value of `E`.
    pub fn expect_enum_attr<E: AttrEnum>(&self, name: &str) -> E {
        self.enum_attr(name).unwrap_or_else(|| {
            panic!("invariant `attributes` broken: `{}` has no valid `{name}` attribute ({})", self.opcode.name(), E::ENUM_NAME)
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Func {
    pub name: String,
    pub results: Vec<Type>,
    pub blocks: Arena<BlockData>,
    pub ops: Arena<OpData>,
    pub values: Arena<ValueData>,
    pub layout: Vec<Block>,
    /// Source span of the definition (for tracebacks: the function's name and file).
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Global {
    pub name: String,
    pub ty: Type,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Module {
    pub globals: Vec<Global>,
    pub funcs: Vec<Func>,
}

impl Module {
    pub fn func(&self, name: &str) -> Option<&Func> {
        self.funcs.iter().find(|f| f.name == name)
    }
}

impl Func {
    pub fn new(name: impl Into<String>, results: Vec<Type>) -> Func {
        Func { name: name.into(), results, ..Func::default() }
    }

    pub fn entry(&self) -> Option<Block> {
        self.layout.first().copied()
    }

    pub fn params(&self) -> &[Value] {
        match self.entry() {
            Some(b) => &self.blocks[b].params,
            None => &[],
        }
    }

    pub fn param_types(&self) -> Vec<Type> {
        self.params().iter().map(|&v| self.values[v].ty).collect()
    }

    /// Creates a block and appends it to the layout.
    pub fn new_block(&mut self) -> Block {
        let b = self.blocks.alloc(BlockData { params: Vec::new(), ops: Vec::new() });
        self.layout.push(b);
        b
    }

    pub fn add_block_param(&mut self, block: Block, ty: Type) -> Value {
        let index = self.blocks[block].params.len() as u32;
        let v = self.values.alloc(ValueData { ty, def: ValueDef::Param(block, index) });
        self.blocks[block].params.push(v);
        v
    }

    pub fn value_ty(&self, v: Value) -> Type {
        self.values[v].ty
    }

    /// Appends an op at the end of `block` and creates its results.
    pub fn append_op(&mut self, block: Block, op: NewOp) -> OpId {
        let id = self.create_op(block, op);
        self.blocks[block].ops.push(id);
        id
    }

    /// Inserts an op into the block of `before`, just before it, and creates its results.
    /// Returns `None` (and creates nothing) when `before` is not in its block.
    pub fn insert_op_before(&mut self, before: OpId, op: NewOp) -> Option<OpId> {
        let block = self.ops[before].block;
        let index = self.op_position(before)?;
        let id = self.create_op(block, op);
        self.blocks[block].ops.insert(index, id);
        Some(id)
    }

    /// The index of `op` in its block's op list, if it is there.
    pub fn op_position(&self, op: OpId) -> Option<usize> {
        self.blocks[self.ops[op].block].ops.iter().position(|&o| o == op)
    }

    /// Detaches `op` from its block. The op and its results stay in the arenas but are no longer
    /// part of the function (the printer and verifier only look at the layout): the caller must
    /// first make sure none of its results is still used. Linear in the block's length (constant
    /// for its last op): a pass that removes many ops uses `remove_ops`.
    pub fn remove_op(&mut self, op: OpId) {
        let ops = &mut self.blocks[self.ops[op].block].ops;
        if ops.last() == Some(&op) {
            ops.pop();
        } else {
            ops.retain(|&o| o != op);
        }
    }

    /// `remove_op` for each of `ops`, in one pass over each block that holds some of them.
    pub fn remove_ops(&mut self, ops: &[OpId]) {
        let doomed: HashSet<OpId> = ops.iter().copied().collect();
        let mut blocks: Vec<Block> = ops.iter().map(|&o| self.ops[o].block).collect();
        blocks.sort_unstable();
        blocks.dedup();
        for b in blocks {
            self.blocks[b].ops.retain(|o| !doomed.contains(o));
        }
    }

    /// Turns `op`, in place, into `new`, which must have as many results, of the same types: its
    /// results (and so their uses) stay. Panics, naming the broken invariant, otherwise.
    pub fn rewrite_op(&mut self, op: OpId, new: NewOp) {
        let data = &mut self.ops[op];
        let same = data.results.len() == new.result_types.len()
            && data.results.iter().zip(&new.result_types).all(|(&r, &t)| self.values[r].ty == t);
        if !same {
            panic!("invariant `rewrite keeps results` broken: `{}` cannot become `{}`", data.opcode.name(), new.opcode.name());
        }
        data.opcode = new.opcode;
        data.operands = new.operands;
        data.attrs = new.attrs;
        data.successors = new.successors;
        data.span = new.span;
    }

    /// Removes parameter `index` of `block`, and the matching argument from every branch to
    /// `block` in the layout; later parameters are renumbered. The caller must first make sure
    /// the parameter is not used. Does nothing when there is no such parameter.
    pub fn remove_block_param(&mut self, block: Block, index: usize) {
        if index >= self.blocks[block].params.len() {
            return;
        }
        self.blocks[block].params.remove(index);
        for (i, &p) in self.blocks[block].params.iter().enumerate().skip(index) {
            self.values[p].def = ValueDef::Param(block, i as u32);
        }
        let ops: Vec<OpId> = self.ops_in_order().collect();
        for op in ops {
            for s in &mut self.ops[op].successors {
                if s.block == block && index < s.args.len() {
                    s.args.remove(index);
                }
            }
        }
    }

    /// Removes `block` from the layout (its ops stay in the arena, detached).
    pub fn remove_block(&mut self, block: Block) {
        self.layout.retain(|&b| b != block);
    }

    /// Moves every op of `from` to the end of `to`, in order, keeping `OpData::block` in sync.
    pub fn move_ops_to_end(&mut self, from: Block, to: Block) {
        let ops = std::mem::take(&mut self.blocks[from].ops);
        for &op in &ops {
            self.ops[op].block = to;
        }
        self.blocks[to].ops.extend(ops);
    }

    /// Moves the ops that follow `op` in its block (its terminator included) into a new block,
    /// appended to the layout, and returns it; `op`'s block then ends with `op` until the caller
    /// appends a terminator. `None` (nothing moved) when `op` is not in its block.
    pub fn split_after(&mut self, op: OpId) -> Option<Block> {
        let b = self.ops[op].block;
        let pos = self.op_position(op)?;
        let rest = self.blocks[b].ops.split_off(pos + 1);
        let nb = self.new_block();
        for &o in &rest {
            self.ops[o].block = nb;
        }
        self.blocks[nb].ops = rest;
        Some(nb)
    }

    /// Turns every `cf.if_raised` that no longer follows an op that may raise (a pass folded or
    /// removed the op) into a `cf.br` to its normal successor; returns whether any changed.
    pub fn drop_dead_raise_edges(&mut self) -> bool {
        let mut changed = false;
        for &b in &self.layout {
            let ops = &self.blocks[b].ops;
            let Some((&term, rest)) = ops.split_last() else { continue };
            if self.ops[term].opcode != Opcode::CfIfRaised {
                continue;
            }
            if rest.last().is_some_and(|&p| self.ops[p].opcode.spec().may_raise()) {
                continue;
            }
            let normal = self.ops[term].successors[1].clone();
            let t = &mut self.ops[term];
            t.opcode = Opcode::CfBr;
            t.successors = vec![normal];
            changed = true;
        }
        changed
    }

    /// The op defining `v`, or `None` for a block parameter.
    pub fn defining_op(&self, v: Value) -> Option<OpId> {
        match self.values[v].def {
            ValueDef::Result(op, _) => Some(op),
            ValueDef::Param(..) => None,
        }
    }

    /// For every block of the layout, the blocks whose terminator branches to it: one entry per
    /// edge (a `cf.cond_br` whose two successors are the same block counts twice). Blocks
    /// without predecessors are present with an empty list.
    pub fn predecessors(&self) -> HashMap<Block, Vec<Block>> {
        let mut preds: HashMap<Block, Vec<Block>> = self.layout.iter().map(|&b| (b, Vec::new())).collect();
        for &b in &self.layout {
            for s in self.successors(b) {
                preds.entry(s).or_default().push(b);
            }
        }
        preds
    }

    /// The blocks reachable from the entry block, following terminators' successors.
    pub fn reachable_blocks(&self) -> HashSet<Block> {
        let mut seen = HashSet::new();
        let mut stack: Vec<Block> = self.entry().into_iter().collect();
        while let Some(b) = stack.pop() {
            if seen.insert(b) {
                stack.extend(self.successors(b));
            }
        }
        seen
    }

    /// The blocks reachable from the entry, in reverse postorder (each block after its
    /// dominators; loop headers before their bodies).
    pub fn reverse_postorder(&self) -> Vec<Block> {
        let mut post = Vec::new();
        let mut seen = HashSet::new();
        let mut stack: Vec<(Block, bool)> = self.entry().map(|e| (e, false)).into_iter().collect();
        while let Some((b, done)) = stack.pop() {
            if done {
                post.push(b);
                continue;
            }
            if !seen.insert(b) {
                continue;
            }
            stack.push((b, true));
            for s in self.successors(b).into_iter().rev() {
                if !seen.contains(&s) {
                    stack.push((s, false));
                }
            }
        }
        post.reverse();
        post
    }

    /// Every block of the layout in an order where each block comes after all blocks that
    /// dominate it: the reachable blocks in reverse postorder from the entry, then the
    /// unreachable ones in layout order. Stages that map values while walking blocks (so a
    /// value must be mapped before its uses) walk in this order, not in layout order.
    pub fn dominance_order(&self) -> Vec<Block> {
        let mut order = self.reverse_postorder();
        let seen: HashSet<Block> = order.iter().copied().collect();
        order.extend(self.layout.iter().copied().filter(|b| !seen.contains(b)));
        order
    }

    /// Drops the blocks the entry cannot reach from the layout (their ops stay in the arena,
    /// detached); returns whether there were any.
    /// The blocks from which every path leaves the function by an exception (ends in
    /// `cf.unwind` or `cf.unreachable`): the cold raise paths, where code generation prefers
    /// small code to fast code.
    pub fn cold_blocks(&self) -> HashSet<Block> {
        let mut cold = HashSet::new();
        loop {
            let before = cold.len();
            for &b in &self.layout {
                if cold.contains(&b) {
                    continue;
                }
                let Some(t) = self.terminator(b) else { continue };
                let exits = matches!(self.ops[t].opcode, crate::Opcode::CfUnwind | crate::Opcode::CfUnreachable);
                let succ = &self.ops[t].successors;
                if exits || (!succ.is_empty() && succ.iter().all(|s| cold.contains(&s.block))) {
                    cold.insert(b);
                }
            }
            if cold.len() == before {
                return cold;
            }
        }
    }

    pub fn remove_unreachable_blocks(&mut self) -> bool {
        let reachable = self.reachable_blocks();
        let before = self.layout.len();
        self.layout.retain(|b| reachable.contains(b));
        self.layout.len() != before
    }

    /// Allocates an op and its results, recording `block` as its block, without placing it.
    fn create_op(&mut self, block: Block, op: NewOp) -> OpId {
        let id = self.ops.alloc(OpData {
            opcode: op.opcode,
            operands: op.operands,
            results: Vec::new(),
            attrs: op.attrs,
            successors: op.successors,
            span: op.span,
            block,
        });
        let results = op
            .result_types
            .iter()
            .enumerate()
            .map(|(i, &ty)| self.values.alloc(ValueData { ty, def: ValueDef::Result(id, i as u32) }))
            .collect();
        self.ops[id].results = results;
        id
    }

    /// The single result of an op (panics if the op has none: a builder bug, not a user error).
    pub fn result(&self, op: OpId) -> Value {
        self.ops[op].results[0]
    }

    /// The last op of a block, if it is a terminator.
    pub fn terminator(&self, block: Block) -> Option<OpId> {
        let last = *self.blocks[block].ops.last()?;
        self.ops[last].opcode.spec().is_terminator().then_some(last)
    }

    /// Successor blocks of a block (through its terminator).
    pub fn successors(&self, block: Block) -> Vec<Block> {
        match self.terminator(block) {
            Some(t) => self.ops[t].successors.iter().map(|s| s.block).collect(),
            None => Vec::new(),
        }
    }

    /// Replaces every use of `from` by `to` (operands and successor arguments).
    pub fn replace_all_uses(&mut self, from: Value, to: Value) {
        for (_, op) in self.ops.iter_mut() {
            for v in op.operands.iter_mut().chain(op.successors.iter_mut().flat_map(|s| s.args.iter_mut())) {
                if *v == from {
                    *v = to;
                }
            }
        }
    }

    /// Replaces every use of a key of `map` by its value (operands and successor arguments), in
    /// one walk over the ops; values are not chased (`a → b`, `b → c` maps `a` to `b`).
    pub fn replace_uses(&mut self, map: &HashMap<Value, Value>) {
        if map.is_empty() {
            return;
        }
        for (_, op) in self.ops.iter_mut() {
            for v in op.operands.iter_mut().chain(op.successors.iter_mut().flat_map(|s| s.args.iter_mut())) {
                if let Some(&to) = map.get(v) {
                    *v = to;
                }
            }
        }
    }

    /// Ops in layout order (blocks in layout, ops in block order).
    pub fn ops_in_order(&self) -> impl Iterator<Item = OpId> + '_ {
        self.layout.iter().flat_map(move |&b| self.blocks[b].ops.iter().copied())
    }
}

/// Everything needed to append an op.
#[derive(Clone, Debug)]
pub struct NewOp {
    pub opcode: Opcode,
    pub operands: Vec<Value>,
    pub result_types: Vec<Type>,
    pub attrs: Vec<(String, Attr)>,
    pub successors: Vec<Successor>,
    pub span: Span,
}

impl NewOp {
    pub fn new(opcode: Opcode, span: Span) -> NewOp {
        NewOp { opcode, operands: Vec::new(), result_types: Vec::new(), attrs: Vec::new(), successors: Vec::new(), span }
    }
    pub fn operands(mut self, operands: impl IntoIterator<Item = Value>) -> NewOp {
        self.operands.extend(operands);
        self
    }
    pub fn result(mut self, ty: Type) -> NewOp {
        self.result_types.push(ty);
        self
    }
    pub fn attr(mut self, name: &str, value: Attr) -> NewOp {
        self.attrs.push((name.to_string(), value));
        self
    }
    /// Sets enum attribute `name` (declared `enum:E` in ops.toml) to `value`.
    pub fn enum_attr<E: AttrEnum>(self, name: &str, value: E) -> NewOp {
        debug_assert!(self.opcode.spec().has_enum_attr::<E>(name), "`{}` has no attribute `{name}` of enum `{}`", self.opcode.name(), E::ENUM_NAME);
        self.attr(name, Attr::Str(value.name().to_string()))
    }
    pub fn successor(mut self, block: Block, args: Vec<Value>) -> NewOp {
        self.successors.push(Successor { block, args });
        self
    }
}
