//! The item types of lists (issue #8 point 9, decisions/0053): which lists' items inference
//! may type, and with what type.
//!
//! Relies on: the HIR (`py` dialect, SSA) of the whole module, and inference's lattice values
//! of the ops that store items. Provides [`ListGroups`] (made once, before inference) and the
//! item types that `Infer` grows round by round (`Infer::list_items`).
//!
//! A flow-insensitive alias analysis (union–find over HIR values, Steensgaard's) puts the values
//! that may hold the same list object in one *group*: a successor argument with its block
//! parameter, a direct call's arguments with the callee's parameters and its result with the
//! callee's returns, a module variable's loads with its stores. A group is *proven* when
//! * every value in it comes from a list display or comprehension (`py.list`), an unbound
//!   variable (`py.undef`, which is never read), or one of those links; and
//! * every use of its values is one this module understands: reading items (`for`, `a[i]`,
//!   `len`, `in`, unpacking, printing, …), storing items (display items, `append`, `insert`,
//!   `extend`, `a[i] = v`, `*x` in a display), removing items, or a link.
//!
//! Any other use (passing the list to a function object, a method of an object that may not
//! be a list, an operator that may run a user's reflected method; storing it in a container,
//! an attribute, a cell or a tuple; returning it from a function that other code may call) or
//! any other source makes the group unproven. So every store into a list object of a proven
//! group is an op this module sees, and the join of the stored values' lattice values bounds
//! every item such a list ever holds.
//!
//! Invariants:
//! * Groups are computed once, before inference; item types only grow (joined over every
//!   instance of every round, and part of the rounds' fixpoint check).
//! * A read typed from a group's item type is still tested at run time (`t.obj_next` and
//!   `t.list_getitem` with a typed result): a mismatch raises RuntimeError naming the broken
//!   invariant, never gives a wrong value.

use std::collections::{BTreeMap, HashMap, HashSet};

use molt_ir::{ArithOp, Attr, Builtin, Func, OpData, Opcode, Type, Value};

use super::is_generator;
use super::lattice::{Lat, TySet};
use crate::hir::HirModule;

/// A node of the alias analysis: a HIR value, a function's return values, a module variable.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Node {
    Value(usize, Value),
    Return(usize),
    Global(String),
}

/// How an op uses one of its operands, as far as lists are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    /// Reads the list (its items, its length) or removes items; keeps no reference the program
    /// can reach.
    Read,
    /// Reads the list when the op's receiver (operand 0) is in a proven group (then the op is
    /// a list method), else gives it to code that may keep it.
    ReadIfListReceiver,
    /// Anything else: the list may be kept, changed or returned where this module cannot see.
    Escape,
}

/// The alias groups of the module's lists (see the module documentation).
#[derive(Clone, Debug, Default)]
pub(super) struct ListGroups {
    nodes: HashMap<Node, usize>,
    parent: Vec<usize>,
    /// Per node (meaningful at roots): the group is not proven.
    bad: Vec<bool>,
    /// Per node (meaningful at roots): the group has a list display (`LIST`), an iterator of a
    /// list (`ITER`), or both (then neither reading is typed).
    kind: Vec<u8>,
    /// The proven list group each iterator group iterates (None: more than one, or unknown).
    iterates: HashMap<usize, Option<usize>>,
}

const LIST: u8 = 1;
const ITER: u8 = 2;

impl ListGroups {
    fn node(&mut self, n: Node) -> usize {
        if let Some(&i) = self.nodes.get(&n) {
            return i;
        }
        let i = self.parent.len();
        self.parent.push(i);
        self.bad.push(false);
        self.kind.push(0);
        self.nodes.insert(n, i);
        i
    }

    fn root(&self, mut i: usize) -> usize {
        while self.parent[i] != i {
            i = self.parent[i];
        }
        i
    }

    fn root_mut(&mut self, i: usize) -> usize {
        let r = self.root(i);
        let mut j = i;
        while self.parent[j] != r {
            let next = self.parent[j];
            self.parent[j] = r;
            j = next;
        }
        r
    }

    fn union(&mut self, a: Node, b: Node) {
        let (a, b) = (self.node(a), self.node(b));
        let (ra, rb) = (self.root_mut(a), self.root_mut(b));
        if ra != rb {
            self.parent[rb] = ra;
            self.bad[ra] |= self.bad[rb];
            self.kind[ra] |= self.kind[rb];
        }
    }

    fn spoil(&mut self, n: Node) {
        let i = self.node(n);
        let r = self.root_mut(i);
        self.bad[r] = true;
    }

    fn is_bad(&mut self, n: Node) -> bool {
        let i = self.node(n);
        let r = self.root_mut(i);
        self.bad[r]
    }

    fn mark(&mut self, n: Node, kind: u8) {
        let i = self.node(n);
        let r = self.root_mut(i);
        self.kind[r] |= kind;
    }

    /// The proven group of value `v` of HIR function `fi`, if it is in one.
    pub(super) fn group(&self, fi: usize, v: Value) -> Option<usize> {
        let &i = self.nodes.get(&Node::Value(fi, v))?;
        let r = self.root(i);
        (!self.bad[r] && self.kind[r] == LIST).then_some(r)
    }

    /// The proven list group whose lists iterator `v` of HIR function `fi` iterates, if it
    /// iterates only those.
    fn iterated(&self, fi: usize, v: Value) -> Option<usize> {
        let &i = self.nodes.get(&Node::Value(fi, v))?;
        let r = self.root(i);
        if self.bad[r] || self.kind[r] != ITER {
            return None;
        }
        self.iterates.get(&r).copied().flatten()
    }

    /// Computes the groups of `hir`.
    pub(super) fn of(hir: &HirModule) -> ListGroups {
        let mut g = ListGroups::default();
        let closed = closed_functions(hir);
        let exported: HashSet<&str> = hir.exports.iter().map(|(n, _)| n.as_str()).collect();
        // (receiver, operand) pairs whose use depends on the receiver's group.
        let mut conditional: Vec<(Node, Node)> = Vec::new();
        // (iterator, list) of each `py.iter`.
        let mut iters: Vec<(Node, Node)> = Vec::new();
        for (fi, hf) in hir.funcs.iter().enumerate() {
            let f = &hf.func;
            let val = |v: Value| Node::Value(fi, v);
            if !closed[fi] {
                for &p in f.params() {
                    g.spoil(val(p));
                }
            }
            for op in f.ops_in_order() {
                let o = &f.ops[op];
                // Where the results come from.
                let callee = (o.opcode == Opcode::PyCall).then(|| o.attr("callee").and_then(Attr::as_str).and_then(|n| hir.func_index(n))).flatten();
                for &r in &o.results {
                    if o.opcode == Opcode::PyList
                        || o.opcode == Opcode::PyBinop
                        || o.opcode == Opcode::PyCallMethod && matches!(o.attr("name").and_then(Attr::as_str), Some("split" | "rsplit" | "splitlines"))
                        || o.opcode == Opcode::PyBuiltin && o.expect_enum_attr::<Builtin>("name") == Builtin::List
                    {
                        // A new list (or not a list at all: `stores` gives such a result "any item").
                        g.mark(val(r), LIST);
                    } else if o.opcode == Opcode::PyInplaceBinop {
                        // `a += b` on a list is `a` itself.
                        g.union(val(r), val(o.operands[0]));
                    } else if o.opcode == Opcode::PyIter {
                        g.mark(val(r), ITER);
                        iters.push((val(r), val(o.operands[0])));
                    } else if o.opcode == Opcode::PyUndef {
                        g.node(val(r));
                    } else if let Some(c) = callee.filter(|&c| closed[c]) {
                        g.union(val(r), Node::Return(c));
                    } else if o.opcode == Opcode::PyLoadGlobal
                        && let Some(n) = o.attr("name").and_then(Attr::as_str).filter(|n| !exported.contains(n))
                    {
                        g.union(val(r), Node::Global(n.to_string()));
                    } else {
                        g.spoil(val(r));
                    }
                }
                // How the operands are used.
                for (i, &v) in o.operands.iter().enumerate() {
                    if o.opcode == Opcode::PyCall {
                        match callee.filter(|&c| closed[c]).and_then(|c| hir.funcs[c].func.params().get(i).map(|&p| (c, p))) {
                            Some((c, p)) => g.union(val(v), Node::Value(c, p)),
                            None => g.spoil(val(v)),
                        }
                    } else if o.opcode == Opcode::CfReturn && closed[fi] {
                        g.union(val(v), Node::Return(fi));
                    } else if o.opcode == Opcode::PyStoreGlobal {
                        match o.attr("name").and_then(Attr::as_str).filter(|n| !exported.contains(n)) {
                            Some(n) => g.union(val(v), Node::Global(n.to_string())),
                            None => g.spoil(val(v)),
                        }
                    } else {
                        match use_of(f, o, i) {
                            Use::Read => {}
                            Use::ReadIfListReceiver => conditional.push((val(o.operands[0]), val(v))),
                            Use::Escape => g.spoil(val(v)),
                        }
                    }
                }
                for s in &o.successors {
                    for (&a, &p) in s.args.iter().zip(&f.blocks[s.block].params) {
                        g.union(val(a), val(p));
                    }
                }
            }
        }
        // A list given to a method of a receiver that may not be a list escapes; that can spoil
        // other receivers' groups in turn.
        loop {
            let mut changed = false;
            for (recv, arg) in &conditional {
                if g.is_bad(recv.clone()) && !g.is_bad(arg.clone()) {
                    g.spoil(arg.clone());
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        for (it, list) in iters {
            let (i, l) = (g.node(it), g.node(list));
            let (ri, rl) = (g.root_mut(i), g.root_mut(l));
            let proven = (!g.bad[rl] && g.kind[rl] == LIST).then_some(rl);
            let e = g.iterates.entry(ri).or_insert(proven);
            if *e != proven {
                *e = None;
            }
        }
        g
    }
}

/// Per function: whether only `py.call`s of the module run it, with their arguments as its
/// parameters and their results its return values (so its parameters and returns can be
/// linked). Not `<module>`, functions objects' code, known classes' direct methods (run by
/// method calls) or generator functions (a call makes a generator).
fn closed_functions(hir: &HirModule) -> Vec<bool> {
    let methods: HashSet<usize> = hir.methods.values().copied().collect();
    let mut called = vec![false; hir.funcs.len()];
    for hf in &hir.funcs {
        for op in hf.func.ops_in_order() {
            let o = &hf.func.ops[op];
            if o.opcode == Opcode::PyCall
                && let Some(c) = o.attr("callee").and_then(Attr::as_str).and_then(|n| hir.func_index(n))
            {
                called[c] = true;
            }
        }
    }
    (0..hir.funcs.len()).map(|i| i != 0 && called[i] && !hir.funcs[i].object_entry && !methods.contains(&i) && !is_generator(&hir.funcs[i].func)).collect()
}

/// The list methods that read or remove items, or store the items this module's `note` sees.
fn list_method(name: &str) -> bool {
    matches!(name, "append" | "insert" | "extend" | "pop" | "remove" | "index" | "count" | "clear" | "sort" | "reverse" | "copy")
}

/// How op `o` uses its operand `i` (other than the links `ListGroups::of` makes).
fn use_of(f: &Func, o: &OpData, i: usize) -> Use {
    let name = o.attr("name").and_then(Attr::as_str).unwrap_or("");
    match o.opcode {
        // The container read: its items are compared, formatted or copied, never kept.
        Opcode::PyIter | Opcode::PySubscript | Opcode::PyGetslice | Opcode::PyContains | Opcode::PyDelitem | Opcode::PyDelslice
        | Opcode::PySetitem | Opcode::PySetslice | Opcode::PyUnpack | Opcode::PyUnpackEx | Opcode::PyListToTuple | Opcode::PyListExtendStar
            if i == 0 =>
        {
            Use::Read
        }
        // `*x` in a display: x's items are copied into the display's list.
        Opcode::PyListExtendStar => Use::Read,
        // The iterator advanced.
        Opcode::PyIterNext => Use::Read,
        // An operator's operands: `stores` gives "any item" to their groups unless both are
        // known to be lists or ints (then no user's method runs).
        Opcode::PyBinop | Opcode::PyInplaceBinop => Use::Read,
        Opcode::PyTruth | Opcode::PyFormat | Opcode::PyPrint | Opcode::PyRelease | Opcode::PyDeleteVar | Opcode::PyCheckBound | Opcode::CfCondBr => Use::Read,
        Opcode::PyBuiltin => {
            let which = o.expect_enum_attr::<Builtin>("name");
            let kw = o.attr("kwnames").and_then(Attr::as_str).filter(|k| !k.is_empty()).map_or(0, |k| k.split(',').count());
            let positional = o.operands.len().saturating_sub(kw);
            match which {
                // May return an argument other than the first (`max(a, b)`, `default=`).
                Builtin::Min | Builtin::Max if i == 0 && positional == 1 => Use::Read,
                Builtin::Zip if i < positional => Use::Read,
                Builtin::Abs | Builtin::Int | Builtin::Float | Builtin::Str | Builtin::Repr | Builtin::Len | Builtin::Hash | Builtin::Type
                | Builtin::IsInstance | Builtin::Format | Builtin::Ascii | Builtin::List | Builtin::Range | Builtin::Enumerate | Builtin::Reversed
                | Builtin::Sum | Builtin::Any | Builtin::All | Builtin::Iter | Builtin::Round | Builtin::Divmod | Builtin::Ord | Builtin::Chr
                | Builtin::Id | Builtin::Dict | Builtin::Set | Builtin::Frozenset | Builtin::Next
                    if i == 0 =>
                {
                    Use::Read
                }
                Builtin::Min | Builtin::Max | Builtin::Zip | Builtin::Abs | Builtin::Int | Builtin::Float | Builtin::Str | Builtin::Repr | Builtin::Len
                | Builtin::Hash | Builtin::Type | Builtin::IsInstance | Builtin::Format | Builtin::Ascii | Builtin::List | Builtin::Range
                | Builtin::Enumerate | Builtin::Reversed | Builtin::Sum | Builtin::Any | Builtin::All | Builtin::Iter | Builtin::Round
                | Builtin::Divmod | Builtin::Ord | Builtin::Chr | Builtin::Id | Builtin::Dict | Builtin::Set | Builtin::Frozenset | Builtin::Next => {
                    Use::Escape
                }
            }
        }
        Opcode::PyCallMethod => {
            let plain = o.attr("kwnames").and_then(Attr::as_str).unwrap_or("").is_empty() || name == "sort";
            if i == 0 {
                if plain && list_method(name) { Use::Read } else { Use::Escape }
            } else if plain && name == "extend" && i == 1 {
                Use::ReadIfListReceiver
            } else if name == "join" && i == 1 && f.defining_op(o.operands[0]).is_some_and(|d| f.ops[d].opcode == Opcode::PyConst && matches!(f.ops[d].attr("value"), Some(Attr::Str(_)))) {
                // `", ".join(items)` of a literal separator.
                Use::Read
            } else {
                Use::Escape
            }
        }
        Opcode::PyUndef | Opcode::PyConst | Opcode::PyUnop | Opcode::PyCompare | Opcode::PyCall | Opcode::PyMathCall | Opcode::PyRaiseNew
        | Opcode::PyExcNew | Opcode::PyRaise | Opcode::PyRaiseFrom | Opcode::PyRaiseActive | Opcode::PyExcFetch | Opcode::PyExcMatches | Opcode::PyExcReraise
        | Opcode::PyExcHandling | Opcode::PyLoadGlobal | Opcode::PyStoreGlobal | Opcode::PyBindFunc | Opcode::PyRangeStart | Opcode::PyRangeValue
        | Opcode::PyRangeCond | Opcode::PyRangeNext | Opcode::PyGetattr | Opcode::PyBuiltinClass | Opcode::PyTuple | Opcode::PySubscript | Opcode::PyContains
        | Opcode::PyIter | Opcode::PyGetslice | Opcode::PyListToTuple | Opcode::PyUnpack | Opcode::PyUnpackEx | Opcode::PyList
        | Opcode::PyDict | Opcode::PySet | Opcode::PyBuildString | Opcode::PySetitem | Opcode::PyDelitem | Opcode::PySetslice | Opcode::PyDelslice
        | Opcode::PyMakeFunction | Opcode::PyCallValue | Opcode::PyCellNew | Opcode::PyCellGet | Opcode::PyCellSet
        | Opcode::PyFunctionCell | Opcode::PyCallValueEx | Opcode::PyKwargsMerge | Opcode::PyDictUpdate | Opcode::PySetattr | Opcode::PyDelattr
        | Opcode::PyClassNew | Opcode::PyExcMatchesClass | Opcode::PyMatchShape | Opcode::PyMatchClass | Opcode::PyMatchKeys | Opcode::PyWithEnter
        | Opcode::PyWithExit | Opcode::PyImportNative | Opcode::PyImportUser | Opcode::PyImportFrom | Opcode::PyDeleteGlobal | Opcode::PyReturnGenerator
        | Opcode::PyYield | Opcode::PyYieldFromSend | Opcode::CfBr | Opcode::CfIfRaised | Opcode::CfReturn | Opcode::CfUnwind | Opcode::CfUnreachable
        | molt_ir::t_ops!() | molt_ir::l_ops!() => Use::Escape,
    }
}

/// The lattice value of "any item".
fn any() -> Lat {
    Lat::Boxed(TySet::ALL.union(TySet::OBJECT))
}

/// What the stores of op `o` (HIR function `fi`, operand lattice values `ins`) add to the item
/// types of proven groups: (group, lattice value) pairs. An op that may give a list to a
/// user's method (an operator on operands that are not both known sequences) adds "any item" to
/// the groups of its operands and result, as an escape would.
pub(super) fn stores(groups: &ListGroups, items: &BTreeMap<usize, Lat>, fi: usize, f: &Func, o: &OpData, ins: &[Lat]) -> Vec<(usize, Lat)> {
    let group = |v: Value| groups.group(fi, v);
    let items_of = |v: Value| group(v).map_or_else(any, |g| items.get(&g).copied().unwrap_or(Lat::Bottom));
    let name = o.attr("name").and_then(Attr::as_str).unwrap_or("");
    let int = |l: Lat| matches!(l, Lat::T(Type::Int | Type::Bool));
    let list = |l: Lat| l == Lat::T(Type::List);
    let into = |v: Option<&Value>, l: Lat| v.and_then(|&v| group(v)).map(|g| (g, l));
    let escaped = || o.operands.iter().chain(&o.results).filter_map(|&v| group(v)).map(|g| (g, any())).collect::<Vec<_>>();
    let result = o.results.first();
    let recv = o.operands.first();
    let op = o.opcode;
    let arith = || o.enum_attr::<ArithOp>("op");
    let binary = |want: ArithOp, a: &dyn Fn(Lat) -> bool, b: &dyn Fn(Lat) -> bool| arith() == Some(want) && ins.len() == 2 && a(ins[0]) && b(ins[1]);
    let pairs: Vec<(usize, Lat)> = if op == Opcode::PyList {
        result.and_then(|&r| group(r)).map(|g| ins.iter().map(|&l| (g, l)).collect()).unwrap_or_default()
    } else if op == Opcode::PyCallMethod {
        let l = match (name, ins.len()) {
            ("append", 2) => into(recv, ins[1]),
            ("insert", 3) => into(recv, ins[2]),
            ("extend", 2) => into(recv, items_of(o.operands[1])),
            // A str's split gives a new list of strs.
            ("split" | "rsplit" | "splitlines", _) => into(result, if ins[0] == Lat::T(Type::Str) { Lat::T(Type::Str) } else { any() }),
            _ => None,
        };
        l.into_iter().collect()
    } else if op == Opcode::PyListExtendStar {
        into(recv, items_of(o.operands[1])).into_iter().collect()
    } else if op == Opcode::PySetitem && int(ins[1]) {
        into(recv, ins[2]).into_iter().collect()
    } else if matches!(op, Opcode::PySetitem | Opcode::PySetslice) {
        into(recv, any()).into_iter().collect()
    } else if op == Opcode::PyBinop {
        // `[x] * n`, `a + b`: a new list of the operands' items.
        if binary(ArithOp::Mul, &list, &int) {
            into(result, items_of(o.operands[0])).into_iter().collect()
        } else if binary(ArithOp::Mul, &int, &list) {
            into(result, items_of(o.operands[1])).into_iter().collect()
        } else if binary(ArithOp::Add, &list, &list) {
            into(result, items_of(o.operands[0]).join(items_of(o.operands[1]))).into_iter().collect()
        } else {
            escaped()
        }
    } else if op == Opcode::PyInplaceBinop {
        // `a += b` extends `a` itself (the result is `a`, linked to it); `a *= n` repeats it.
        if binary(ArithOp::Add, &list, &list) {
            into(recv, items_of(o.operands[1])).into_iter().collect()
        } else if binary(ArithOp::Mul, &list, &int) {
            vec![]
        } else {
            escaped()
        }
    } else if op == Opcode::PyBuiltin && o.enum_attr::<Builtin>("name") == Some(Builtin::List) {
        // `list(x)`: a new list of x's items.
        let from_range = |x: Value| f.defining_op(x).is_some_and(|d| f.ops[d].opcode == Opcode::PyBuiltin && f.ops[d].enum_attr::<Builtin>("name") == Some(Builtin::Range));
        let items = match (o.operands.first(), ins.first()) {
            (None, _) => Lat::Bottom,
            (Some(_), Some(&Lat::T(Type::Str))) => Lat::T(Type::Str),
            (Some(&x), _) if from_range(x) => Lat::T(Type::Int),
            (Some(&x), _) => items_of(x),
        };
        into(result, items).into_iter().collect()
    } else {
        vec![]
    };
    pairs
}

/// The type of the item that op `o` (HIR function `fi`) reads from a list of a proven group, when
/// inference may type it: `for x in a` (`py.iter_next` of `py.iter a`) and `a[i]` with an int
/// `i` (`py.subscript`).
pub(super) fn read(groups: &ListGroups, items: &BTreeMap<usize, Lat>, fi: usize, o: &OpData, ins: &[Lat]) -> Option<Lat> {
    let group = if o.opcode == Opcode::PyIterNext {
        groups.iterated(fi, o.operands[0])?
    } else if o.opcode == Opcode::PySubscript && matches!(ins, [Lat::T(Type::List), Lat::T(Type::Int)]) {
        groups.group(fi, o.operands[0])?
    } else {
        return None;
    };
    match items.get(&group).copied()? {
        l @ Lat::T(Type::Int | Type::Float | Type::Bool | Type::Str | Type::List | Type::Inst(_)) => Some(l),
        Lat::T(Type::Obj | Type::None | Type::TObj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref | Type::Tuple(_) | Type::Class(_))
        | Lat::Boxed(_)
        | Lat::Bottom => None,
    }
}
