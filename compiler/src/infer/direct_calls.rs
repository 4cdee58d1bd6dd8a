//! Calls of a function object that the calling function itself made, with exactly its
//! positional parameters: `def helper(a, b): …` (or `f = lambda x: …`) in a function body,
//! then `helper(x, y)`. Binding such a call is the identity, so its code can be called
//! directly (`t.call` of the function object's code, the function object first), as the
//! runtime would call it, skipping `molt_call_args` and `function::call_raw` (decisions/0057).
//!
//! Relies on: HIR in SSA form with block parameters, where a variable live across a loop is a
//! parameter of the loop header whose incoming arguments are its one value or the parameter
//! itself (a trivial parameter, seen through here); `py.make_function`'s attributes
//! (`argcount`, `varargs`, `varkw`) and its code's entry parameters (the function object, then
//! every bound parameter).
//!
//! Invariants: a call is direct only when its callee is, through trivial parameters, the result
//! of a `py.make_function` of the same HIR function (not `<module>`; not a class body's code) (that very object: no rebinding can change
//! which object an SSA value is), with no keywords and no `*`, for a function whose parameters
//! are exactly `argcount` positional ones (no keyword-only, `*args`, `**kwargs`), given that
//! many arguments. One walk over each HIR function that makes a function object and calls a
//! value (linear in its size, the trivial parameters to a fixpoint).

use std::collections::HashMap;

use molt_ir::{Attr, Func, OpId, Opcode, Value, ValueDef};

use crate::hir::HirModule;

/// The direct calls of a module: (HIR function, `py.call_value` op) → the code's HIR function
/// and its parameter count (the function object included).
pub(super) type DirectCalls = HashMap<(usize, OpId), (usize, usize)>;

pub(super) fn direct_calls(hir: &HirModule) -> DirectCalls {
    let mut out = DirectCalls::new();
    // Not in `<module>`, whose function objects are also module variables (its calls by name
    // go through them).
    for (i, h) in hir.funcs.iter().enumerate().filter(|(_, h)| h.func.name != crate::hir::MODULE_FUNC) {
        let f = &h.func;
        let ops = || f.layout.iter().flat_map(|&b| f.blocks[b].ops.iter().copied());
        if !ops().any(|o| f.ops[o].opcode == Opcode::PyMakeFunction) {
            continue;
        }
        let calls: Vec<OpId> = ops().filter(|&o| f.ops[o].opcode == Opcode::PyCallValue).collect();
        if calls.is_empty() {
            continue;
        }
        let same = trivial_params(f);
        for call in calls {
            if let Some(target) = direct_target(hir, f, &same, call) {
                out.insert((i, call), target);
            }
        }
    }
    out
}

/// The code (HIR function index, parameter count) that call `call` of `f` runs directly, if any.
fn direct_target(hir: &HirModule, f: &Func, same: &HashMap<Value, Value>, call: OpId) -> Option<(usize, usize)> {
    let o = &f.ops[call];
    let plain = o.attr("kwnames").and_then(Attr::as_str).is_none_or(str::is_empty) && o.attr("star").and_then(Attr::as_int) != Some(1);
    let callee = resolve(same, *o.operands.first()?);
    let made = f.defining_op(callee).map(|d| &f.ops[d]).filter(|d| d.opcode == Opcode::PyMakeFunction)?;
    let flag = |n: &str| made.attr(n).and_then(Attr::as_int).unwrap_or(0);
    let code = hir.func_index(made.attr("func").and_then(Attr::as_str)?)?;
    if hir.funcs[code].class_body {
        return None;
    }
    let cf = &hir.funcs[code].func;
    let nparams = cf.entry().map_or(0, |e| cf.blocks[e].params.len());
    let nargs = o.operands.len() - 1;
    let exact = flag("varargs") == 0 && flag("varkw") == 0 && usize::try_from(flag("argcount")).ok() == Some(nargs) && nparams == nargs + 1;
    (plain && exact).then_some((code, nparams))
}

fn resolve(same: &HashMap<Value, Value>, mut v: Value) -> Value {
    // The map has no cycles (a parameter maps to a value other than itself, resolved first).
    for _ in 0..same.len() + 1 {
        match same.get(&v) {
            Some(&w) => v = w,
            None => break,
        }
    }
    v
}

/// The block parameters of `f` (outside the entry) whose incoming arguments are all one value
/// or the parameter itself, each mapped to that value.
fn trivial_params(f: &Func) -> HashMap<Value, Value> {
    let mut incoming: HashMap<Value, Vec<Value>> = HashMap::new();
    for &b in &f.layout {
        let Some(&term) = f.blocks[b].ops.last() else { continue };
        for s in &f.ops[term].successors {
            for (k, &a) in s.args.iter().enumerate() {
                if let Some(&p) = f.blocks[s.block].params.get(k) {
                    incoming.entry(p).or_default().push(a);
                }
            }
        }
    }
    // In layout order, so that the result never depends on a hash map's order.
    let params: Vec<Value> = f.layout.iter().flat_map(|&b| f.blocks[b].params.iter().copied()).filter(|p| incoming.contains_key(p)).collect();
    let mut same: HashMap<Value, Value> = HashMap::new();
    loop {
        let mut changed = false;
        for &p in &params {
            if same.contains_key(&p) || !matches!(f.values[p].def, ValueDef::Param(..)) {
                continue;
            }
            let args = &incoming[&p];
            let mut unique = None;
            let mut trivial = true;
            for &a in args {
                let a = resolve(&same, a);
                if a == p || unique == Some(a) {
                    continue;
                }
                if unique.is_some() {
                    trivial = false;
                    break;
                }
                unique = Some(a);
            }
            if let (true, Some(u)) = (trivial, unique) {
                same.insert(p, u);
                changed = true;
            }
        }
        if !changed {
            return same;
        }
    }
}
