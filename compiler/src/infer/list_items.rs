//! The item types of lists (issue #8 point 9, decisions/0053): which lists' items inference
//! may type, and with what type.
//!
//! Relies on: the HIR (`py` dialect, SSA) of the whole module, and inference's lattice values
//! of the ops that store items. Provides [`ListGroups`] (made once, before inference) and the
//! item types that `Infer` grows round by round (`Infer::list_items`).
//!
//! A flow-insensitive alias analysis (union–find over HIR values, Steensgaard's) puts the values
//! that may hold the same container in one *group*: a successor argument with its (used) block
//! parameter, a direct call's arguments with the callee's parameters and its result with the
//! callee's returns, a module variable's loads with its stores, an iterator with its container.
//! Each group has an *item node*, the group of its containers' items (display items, appended
//! and assigned values, item reads), so a list inside a list or a tuple is followed wherever it
//! is reached from; merging two groups merges their item nodes, and copies (`a * n`, slices,
//! `list(a)`) share their operand's. A group is *proven* (not bad) when
//! * every value in it comes from a display (`py.list`, `py.tuple`), a new list (an operator,
//!   `list()`, `split`), a number, bool or None (no items), an unbound variable (`py.undef`,
//!   never read), an item read of a proven group, or one of the links above; and
//! * every use of its values is one this module understands: reading items (`for`, `a[i]`,
//!   `len`, unpacking, printing, …), storing items (`append`, `insert`, `extend`, `a[i] = v`,
//!   `*x` in a display), removing items, operators, or a link.
//!
//! Any other use (passing the list to a function object, a method of an object that may not
//! be a list, a comparison; storing it in a dict, an attribute or a cell; returning it from a
//! function that other code may call) or any other source makes the group bad, and a bad
//! group's item node bad (unknown code can reach the items). Ops that hand only the items to
//! code this module does not follow (`in`, `sort`, `min`, `enumerate`, …) make the item node
//! bad. So every store into a container of a proven group is an op this module sees, and the
//! join of the stored values' lattice values (`stores`; "any item" where a user's method may
//! have run or made the container) bounds every item such a container ever holds.
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

/// A node of the alias analysis: a HIR value, a function's return values, a module variable, or
/// the items of a group's containers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Node {
    Value(usize, Value),
    Return(usize),
    Global(String),
    Items(usize),
}

/// How an op uses one of its operands, as far as lists are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    /// Reads the list (its items, its length) or removes items; keeps no reference the program
    /// can reach.
    Read,
    /// Reads the list when the op's receiver (operand 0) is in a group whose values may all be
    /// followed (then the op is a list method), else gives it to code that may keep it.
    ReadIfListReceiver,
    /// Stores the value as an item of the op's result (`py.list`, `py.tuple`).
    ItemOfResult,
    /// Stores the value as an item of the op's operand 0 (`append`, `insert`, `a[i] = v`).
    ItemOfReceiver,
    /// Reads the list and may give its items to a user's code (`__eq__`/`__lt__` of an item or
    /// of the value compared with them, a key function): the items escape, the list does not.
    ReadItemsEscape,
    /// Anything else: the list may be kept, changed or returned where this module cannot see.
    Escape,
}

/// The alias groups of the module's lists (see the module documentation).
#[derive(Clone, Debug, Default)]
pub(super) struct ListGroups {
    nodes: HashMap<Node, usize>,
    parent: Vec<usize>,
    /// Per node (meaningful at roots): a container in the group may be changed, or may come
    /// from, where this module cannot see.
    bad: Vec<bool>,
    /// Per node (meaningful at roots): the node of the items of the group's containers.
    items: Vec<Option<usize>>,
}

impl ListGroups {
    fn node(&mut self, n: Node) -> usize {
        if let Some(&i) = self.nodes.get(&n) {
            return i;
        }
        let i = self.parent.len();
        self.parent.push(i);
        self.bad.push(false);
        self.items.push(None);
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

    /// Merges two groups, and their item groups (Steensgaard's unification), iteratively.
    fn union_ids(&mut self, a: usize, b: usize) {
        let mut work = vec![(a, b)];
        while let Some((a, b)) = work.pop() {
            let (ra, rb) = (self.root_mut(a), self.root_mut(b));
            if ra == rb {
                continue;
            }
            self.parent[rb] = ra;
            self.bad[ra] |= self.bad[rb];
            match (self.items[ra], self.items[rb]) {
                (Some(ia), Some(ib)) => work.push((ia, ib)),
                (None, Some(ib)) => self.items[ra] = Some(ib),
                (Some(_) | None, None) => {}
            }
        }
    }

    fn union(&mut self, a: Node, b: Node) {
        let (a, b) = (self.node(a), self.node(b));
        self.union_ids(a, b);
    }

    /// The node of the items of `n`'s group (made on first use).
    fn items_of(&mut self, n: Node) -> usize {
        let i = self.node(n);
        let r = self.root_mut(i);
        if let Some(c) = self.items[r] {
            return c;
        }
        let c = self.node(Node::Items(r));
        self.items[r] = Some(c);
        c
    }

    /// The items of `a`'s group and of `b`'s are the same items.
    fn same_items(&mut self, a: Node, b: Node) {
        let (ia, ib) = (self.items_of(a), self.items_of(b));
        self.union_ids(ia, ib);
    }

    /// Value `v` is an item of `container`'s group.
    fn item(&mut self, v: Node, container: Node) {
        let (i, c) = (self.node(v), self.items_of(container));
        self.union_ids(i, c);
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

    /// The group of value `v` of HIR function `fi` (a list, a tuple, an iterator of one, …),
    /// when every store into every container in it is seen.
    pub(super) fn group(&self, fi: usize, v: Value) -> Option<usize> {
        let &i = self.nodes.get(&Node::Value(fi, v))?;
        let r = self.root(i);
        (!self.bad[r]).then_some(r)
    }

    /// The proven groups of value `v` of HIR function `fi` and of the items below it (its
    /// items, their items, …): what a value a user's method may have made makes unknown.
    fn item_chain(&self, fi: usize, v: Value) -> Vec<usize> {
        let mut out = Vec::new();
        let Some(&i) = self.nodes.get(&Node::Value(fi, v)) else { return out };
        let mut r = self.root(i);
        let mut seen = HashSet::new();
        loop {
            if !seen.insert(r) {
                break;
            }
            if !self.bad[r] {
                out.push(r);
            }
            match self.items[r] {
                Some(c) => r = self.root(c),
                None => break,
            }
        }
        out
    }

    /// Computes the groups of `hir`.
    pub(super) fn of(hir: &HirModule) -> ListGroups {
        let mut g = ListGroups::default();
        let (closed, returns) = closed_functions(hir);
        let exported: HashSet<&str> = hir.exports.iter().map(|(n, _)| n.as_str()).collect();
        // (receiver, operand) pairs whose use depends on the receiver's group.
        let mut conditional: Vec<(Node, Node)> = Vec::new();
        for (fi, hf) in hir.funcs.iter().enumerate() {
            let f = &hf.func;
            let val = |v: Value| Node::Value(fi, v);
            let live = live_params(f);
            if !closed[fi] {
                for &p in f.params() {
                    g.spoil(val(p));
                }
            }
            for op in f.ops_in_order() {
                let o = &f.ops[op];
                let callee = (o.opcode == Opcode::PyCall).then(|| o.attr("callee").and_then(Attr::as_str).and_then(|n| hir.func_index(n))).flatten();
                g.results(fi, f, o, callee.filter(|&c| returns[c]), &exported);
                // How the operands are used.
                for (i, &v) in o.operands.iter().enumerate() {
                    if o.opcode == Opcode::PyCall {
                        match callee.filter(|&c| closed[c]).and_then(|c| hir.funcs[c].func.params().get(i).map(|&p| (c, p))) {
                            Some((c, p)) => g.union(val(v), Node::Value(c, p)),
                            None => g.spoil(val(v)),
                        }
                    } else if o.opcode == Opcode::CfReturn && returns[fi] {
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
                            Use::ReadItemsEscape => {
                                let items = g.items_of(val(v));
                                let r = g.root_mut(items);
                                g.bad[r] = true;
                            }
                            Use::ItemOfResult => match o.results.first() {
                                Some(&r) => g.item(val(v), val(r)),
                                None => g.spoil(val(v)),
                            },
                            Use::ItemOfReceiver => g.item(val(v), val(o.operands[0])),
                            Use::Escape => g.spoil(val(v)),
                        }
                    }
                }
                for s in &o.successors {
                    for (&a, &p) in s.args.iter().zip(&f.blocks[s.block].params).filter(|(_, p)| live.contains(*p)) {
                        g.union(val(a), val(p));
                    }
                }
            }
        }
        // What a container the compiler cannot follow holds, it cannot follow either; a list
        // given to a method of such a receiver escapes. Repeated until nothing changes.
        loop {
            let mut changed = false;
            for (recv, arg) in &conditional {
                if g.is_bad(recv.clone()) && !g.is_bad(arg.clone()) {
                    g.spoil(arg.clone());
                    changed = true;
                }
            }
            for i in 0..g.parent.len() {
                let r = g.root_mut(i);
                if r == i && g.bad[r] && let Some(c) = g.items[r] {
                    let rc = g.root_mut(c);
                    if !g.bad[rc] {
                        g.bad[rc] = true;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        g
    }

    /// Where the results of op `o` (HIR function `fi`) come from; `callee`: the function a
    /// `py.call` runs, when only such calls run it.
    fn results(&mut self, fi: usize, f: &Func, o: &OpData, callee: Option<usize>, exported: &HashSet<&str>) {
        let val = |v: Value| Node::Value(fi, v);
        let name = o.attr("name").and_then(Attr::as_str).unwrap_or("");
        let op0 = o.operands.first().map(|&v| val(v));
        // Items copied from one container into another.
        if o.opcode == Opcode::PyListExtendStar || o.opcode == Opcode::PyCallMethod && name == "extend" {
            if let (Some(a), Some(&b)) = (op0.clone(), o.operands.get(1)) {
                self.same_items(a, val(b));
            }
        }
        let builtin = if o.opcode == Opcode::PyBuiltin { o.enum_attr::<Builtin>("name") } else { None };
        let op = o.opcode;
        for (k, &r) in o.results.iter().enumerate() {
            let r = val(r);
            match op0.clone() {
                // New containers: their items are the operands (`ItemOfResult`), or another
                // container's (a copy, a slice, a repetition).
                _ if matches!(op, Opcode::PyList | Opcode::PyTuple | Opcode::PyUndef) || builtin == Some(Builtin::List) && op0.is_none() => {
                    self.node(r);
                }
                // A number, bool or None: no container, and not iterable or subscriptable, so
                // reading items from it raises before any item is read (a str is iterable: it
                // stays an unknown source).
                _ if op == Opcode::PyConst && matches!(o.attr("value"), Some(Attr::Int(_) | Attr::BigInt(_) | Attr::Float(_) | Attr::Bool(_) | Attr::None)) => {
                    self.node(r);
                }
                // `a * n`, `a + b` of lists: the result holds their items (`stores` gives any
                // other result, which a user's method made, "any item"). `[x] * n` holds the
                // display's items only: n is an int, or the result is such a user's result.
                Some(_) if op == Opcode::PyBinop => {
                    let display = |v: &Value| f.defining_op(*v).is_some_and(|d| matches!(f.ops[d].opcode, Opcode::PyList | Opcode::PyTuple));
                    let displays: Vec<Value> = o.operands.iter().copied().filter(display).collect();
                    let from = if o.enum_attr::<ArithOp>("op") == Some(ArithOp::Mul) && displays.len() == 1 { displays } else { o.operands.clone() };
                    self.node(r.clone());
                    for v in from {
                        self.same_items(r.clone(), val(v));
                    }
                }
                // `list("abc")`, `list(range(n))`: new lists of strs or ints.
                Some(_) if builtin == Some(Builtin::List)
                    && o.operands.first().and_then(|&x| f.defining_op(x)).is_some_and(|d| {
                        f.ops[d].opcode == Opcode::PyConst && matches!(f.ops[d].attr("value"), Some(Attr::Str(_)))
                            || f.ops[d].opcode == Opcode::PyBuiltin && f.ops[d].enum_attr::<Builtin>("name") == Some(Builtin::Range)
                    }) =>
                {
                    self.node(r);
                }
                Some(a) if matches!(op, Opcode::PyGetslice | Opcode::PyListToTuple) || builtin == Some(Builtin::List) => self.same_items(r, a),
                // `max(a)`: one of a's items.
                Some(a) if matches!(builtin, Some(Builtin::Min | Builtin::Max)) && o.operands.len() == 1 => self.item(r, a),
                Some(a) if op == Opcode::PyCallMethod && name == "copy" => self.same_items(r, a),
                Some(a) if op == Opcode::PyCallMethod && name == "pop" => self.item(r, a),
                // A str's split (`stores` gives any other receiver's result "any item").
                Some(_) if op == Opcode::PyCallMethod && matches!(name, "split" | "rsplit" | "splitlines") => {
                    self.node(r);
                }
                // `a += b` of a list is `a` itself, extended by b's items.
                Some(a) if op == Opcode::PyInplaceBinop => {
                    self.union(r, a.clone());
                    if let Some(&b) = o.operands.get(1) {
                        self.same_items(a, val(b));
                    }
                }
                // Reads of items.
                Some(a) if matches!(op, Opcode::PySubscript | Opcode::PyUnpack) || op == Opcode::PyIterNext && k == 0 => self.item(r, a),
                // The middle list of `a, *b, c = x` is a new list of x's items.
                Some(a) if op == Opcode::PyUnpackEx => {
                    let before = o.attr("before").and_then(Attr::as_int).and_then(|b| usize::try_from(b).ok()).unwrap_or(0);
                    if k == before { self.same_items(r, a) } else { self.item(r, a) }
                }
                // An iterator is in its container's group (it reads the container's items, and
                // stores none).
                Some(a) if op == Opcode::PyIter => self.union(r, a),
                _ if op == Opcode::PyCall && callee.is_some() => self.union(r, Node::Return(callee.unwrap_or(0))),
                _ if op == Opcode::PyLoadGlobal && !name.is_empty() && !exported.contains(name) => self.union(r, Node::Global(name.to_string())),
                Some(_) | None => self.spoil(r),
            }
        }
    }
}

/// The block parameters of `f` whose value some op uses (other than releasing it or checking
/// that it is bound), directly or through other such parameters. A variable's old value carried
/// into a loop that rebinds it is only released: linking it would merge the groups of unrelated
/// values that one variable held in turn.
fn live_params(f: &Func) -> HashSet<Value> {
    let is_param = |v: Value| matches!(f.values[v].def, molt_ir::ValueDef::Param(..));
    let mut live: HashSet<Value> = HashSet::new();
    let mut edges: Vec<(Value, Value)> = Vec::new();
    for op in f.ops_in_order() {
        let o = &f.ops[op];
        if !matches!(o.opcode, Opcode::PyRelease | Opcode::PyDeleteVar | Opcode::PyCheckBound) {
            live.extend(o.operands.iter().copied().filter(|&v| is_param(v)));
        }
        for s in &o.successors {
            edges.extend(s.args.iter().zip(&f.blocks[s.block].params).filter(|(a, _)| is_param(**a)).map(|(&a, &p)| (a, p)));
        }
    }
    loop {
        let before = live.len();
        for &(a, p) in &edges {
            if live.contains(&p) {
                live.insert(a);
            }
        }
        if live.len() == before {
            break live;
        }
    }
}

/// Per function: whether only `py.call`s of the module run it, with their arguments as its
/// parameters (so its parameters can be linked), and whether their results are its return
/// values too (not for a generator function, whose call makes a generator). Neither for
/// `<module>`, function objects' code, or known classes' direct methods (run by method calls).
fn closed_functions(hir: &HirModule) -> (Vec<bool>, Vec<bool>) {
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
    let params: Vec<bool> = (0..hir.funcs.len()).map(|i| i != 0 && called[i] && !hir.funcs[i].object_entry && !methods.contains(&i)).collect();
    let returns = (0..hir.funcs.len()).map(|i| params[i] && !is_generator(&hir.funcs[i].func)).collect();
    (params, returns)
}

/// The list methods that read or remove items, or store the items this module's `note` sees.
fn list_method(name: &str) -> bool {
    matches!(name, "append" | "insert" | "extend" | "pop" | "remove" | "index" | "count" | "clear" | "sort" | "reverse" | "copy")
}

/// How op `o` uses its operand `i` (other than the links `ListGroups::of` makes).
fn use_of(f: &Func, o: &OpData, i: usize) -> Use {
    let name = o.attr("name").and_then(Attr::as_str).unwrap_or("");
    match o.opcode {
        // `x in a` compares x with a's items (x's `__eq__` may be a user's).
        Opcode::PyContains if i == 0 => Use::ReadItemsEscape,
        // The container read: its items are formatted or copied, never kept.
        Opcode::PyIter | Opcode::PySubscript | Opcode::PyGetslice | Opcode::PyDelitem | Opcode::PyDelslice
        | Opcode::PySetitem | Opcode::PySetslice | Opcode::PyUnpack | Opcode::PyUnpackEx | Opcode::PyListToTuple | Opcode::PyListExtendStar
            if i == 0 =>
        {
            Use::Read
        }
        // `*x` in a display: x's items are copied into the display's list.
        Opcode::PyListExtendStar => Use::Read,
        // `a[i] = v`: v is an item of a (or escapes with a, when a is no list).
        Opcode::PySetitem if i == 2 => Use::ItemOfReceiver,
        // A display's items.
        Opcode::PyList | Opcode::PyTuple => Use::ItemOfResult,
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
                // Items compared or added (a user's `__lt__`/`__add__`, a key function).
                Builtin::Min | Builtin::Max if i == 0 && positional == 1 => Use::ReadItemsEscape,
                Builtin::Sum if i == 0 => Use::ReadItemsEscape,
                // Iterators and containers the items go on to, which this module does not follow.
                Builtin::Zip if i < positional => Use::ReadItemsEscape,
                Builtin::Enumerate | Builtin::Reversed | Builtin::Iter | Builtin::Set | Builtin::Frozenset | Builtin::Dict if i == 0 => Use::ReadItemsEscape,
                Builtin::Abs | Builtin::Int | Builtin::Float | Builtin::Str | Builtin::Repr | Builtin::Len | Builtin::Hash | Builtin::Type
                | Builtin::IsInstance | Builtin::Format | Builtin::Ascii | Builtin::List | Builtin::Range
                | Builtin::Any | Builtin::All | Builtin::Round | Builtin::Divmod | Builtin::Ord | Builtin::Chr
                | Builtin::Id | Builtin::Next
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
                if plain && matches!(name, "sort" | "index" | "count" | "remove") {
                    // Items compared (a user's `__eq__`/`__lt__`, a key function).
                    Use::ReadItemsEscape
                } else if plain && list_method(name) {
                    Use::Read
                } else {
                    Use::Escape
                }
            } else if plain && name == "extend" && i == 1 {
                Use::ReadIfListReceiver
            } else if plain && (name == "append" && i == 1 || name == "insert" && i == 2) {
                Use::ItemOfReceiver
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
        | Opcode::PyRangeCond | Opcode::PyRangeNext | Opcode::PyGetattr | Opcode::PyBuiltinClass | Opcode::PySubscript | Opcode::PyContains
        | Opcode::PyIter | Opcode::PyGetslice | Opcode::PyListToTuple | Opcode::PyUnpack | Opcode::PyUnpackEx
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
    // A user's method may get the operands and make the result (when an operand may be an
    // object of a user's class): any item, at any depth.
    let escaped = || {
        if !ins.iter().any(|l| l.members().has_object()) {
            return Vec::new();
        }
        o.operands.iter().chain(&o.results).flat_map(|&v| groups.item_chain(fi, v)).map(|g| (g, any())).collect::<Vec<_>>()
    };
    let result = o.results.first();
    let recv = o.operands.first();
    let numbers = TySet::INT.union(TySet::FLOAT).union(TySet::BOOL).union(TySet::NONE_TYPE);
    let op = o.opcode;
    let arith = || o.enum_attr::<ArithOp>("op");
    let binary = |want: ArithOp, a: &dyn Fn(Lat) -> bool, b: &dyn Fn(Lat) -> bool| arith() == Some(want) && ins.len() == 2 && a(ins[0]) && b(ins[1]);
    let pairs: Vec<(usize, Lat)> = if matches!(op, Opcode::PyList | Opcode::PyTuple) {
        result.and_then(|&r| group(r)).map(|g| ins.iter().map(|&l| (g, l)).collect()).unwrap_or_default()
    } else if op == Opcode::PyCallMethod {
        let l = match (name, ins.len()) {
            ("append", 2) => into(recv, ins[1]),
            ("insert", 3) => into(recv, ins[2]),
            ("copy", 1) => into(result, items_of(o.operands[0])),
            ("extend", 2) => into(recv, items_of(o.operands[1])),
            // A str's split gives a new list of strs.
            ("split" | "rsplit" | "splitlines", _) if ins[0] == Lat::T(Type::Str) => into(result, Lat::T(Type::Str)),
            // Not a str's: the result may be anything.
            ("split" | "rsplit" | "splitlines", _) => return escaped().into_iter().chain(into(result, any())).collect(),
            _ => None,
        };
        l.into_iter().collect()
    } else if op == Opcode::PySubscript && ins.len() == 2 && !int(ins[1]) {
        // `a[s]` of a slice object (or a dict's `d[k]`): a copy this module did not link.
        o.operands.iter().take(1).chain(&o.results).flat_map(|&v| groups.item_chain(fi, v)).map(|g| (g, any())).collect()
    } else if matches!(op, Opcode::PyGetslice | Opcode::PyListToTuple) {
        // Copies: the operand's items.
        into(result, items_of(o.operands[0])).into_iter().collect()
    } else if op == Opcode::PyUnpackEx {
        let before = o.attr("before").and_then(Attr::as_int).and_then(|b| usize::try_from(b).ok()).unwrap_or(0);
        into(o.results.get(before), items_of(o.operands[0])).into_iter().collect()
    } else if op == Opcode::PyListExtendStar {
        into(recv, items_of(o.operands[1])).into_iter().collect()
    } else if op == Opcode::PySetitem && int(ins[1]) {
        into(recv, ins[2]).into_iter().collect()
    } else if matches!(op, Opcode::PySetitem | Opcode::PySetslice) {
        // Items of a sequence this module does not follow, at any depth.
        recv.into_iter().flat_map(|&v| groups.item_chain(fi, v)).map(|g| (g, any())).collect()
    } else if op == Opcode::PyBinop {
        // `[x] * n`, `a + b`: a new list of the operands' items.
        if binary(ArithOp::Mul, &list, &int) {
            into(result, items_of(o.operands[0])).into_iter().collect()
        } else if binary(ArithOp::Mul, &int, &list) {
            into(result, items_of(o.operands[1])).into_iter().collect()
        } else if binary(ArithOp::Add, &list, &list) {
            into(result, items_of(o.operands[0]).join(items_of(o.operands[1]))).into_iter().collect()
        } else if ins.iter().all(|l| numbers.union(l.members()) == numbers) {
            // Numbers (or a TypeError): no items, no user's code.
            vec![]
        } else {
            // Not a list (a str, whose items are strs; a user's result).
            escaped().into_iter().chain(into(result, any())).collect()
        }
    } else if op == Opcode::PyInplaceBinop {
        // `a += b` extends list `a` itself by the items of any iterable b (the result is `a`,
        // linked to it); `a *= n` repeats it.
        let any_b = |_: Lat| true;
        if binary(ArithOp::Add, &list, &any_b) {
            escaped().into_iter().chain(into(recv, items_of(o.operands[1]))).collect()
        } else if binary(ArithOp::Mul, &list, &int) {
            vec![]
        } else if ins.iter().all(|l| numbers.union(l.members()) == numbers) {
            vec![]
        } else {
            // Not a list (a str, whose items are strs; a user's result).
            escaped().into_iter().chain(into(recv, any())).collect()
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
    let group = if o.opcode == Opcode::PyIterNext || o.opcode == Opcode::PySubscript && matches!(ins, [Lat::T(Type::List), Lat::T(Type::Int)]) {
        groups.group(fi, o.operands[0])?
    } else {
        return None;
    };
    items.get(&group).copied().filter(|&l| typed_item(l).is_some())
}

/// The type of an item read typed when the proven item lattice value is `l` (a type lowering
/// can test: `lower::fields`), else None.
pub(super) fn typed_item(l: Lat) -> Option<Type> {
    match l {
        Lat::T(t @ (Type::Int | Type::Float | Type::Bool | Type::Str | Type::List | Type::Inst(_) | Type::Tuple(_))) => Some(t),
        Lat::T(Type::Obj | Type::None | Type::TObj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref | Type::Class(_))
        | Lat::Boxed(_)
        | Lat::Bottom => None,
    }
}
