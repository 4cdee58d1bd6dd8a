//! Reads of variables that may be unbound (`for i in r: last = i` then `return last`): CPython
//! raises UnboundLocalError (NameError at module level) at run time when such a read finds the
//! variable unbound, so the read gets a check instead of a compile-time rejection.
//!
//! Relies on: SSA construction being complete (every block sealed); a variable's value on a
//! path where it was never assigned (or was deleted) is `py.undef`, and block arguments carry
//! such values like any other. Provides `guard_unbound_reads`, which runs on each function at
//! the end of its lowering: every value that may be `py.undef` on some path gets a bound flag
//! (a `bool` block argument next to it, constants elsewhere), and every op reading such a value
//! is preceded by `py.check_bound` of the flag, with CPython's exception and message. Inside a
//! `try` body the check gets the raise edge of the op it guards.
//!
//! `py.release` (a variable letting go of its value) is no read; `py.delete_var` (`del`) is.
//!
//! Invariants: a maybe-unbound value is never read without its check in front (inference may
//! then give the value any type on the paths where it is unbound: it is never looked at there);
//! branch arguments are not reads. At module level a variable named like a builtin is left
//! unguarded and reported (E0107): CPython would read the builtin when the module variable is
//! unbound (LOAD_NAME), which these checks do not do.

use std::collections::{BTreeMap, HashMap, HashSet};

use molt_ir::{Attr, Func, NewOp, OpId, Opcode, Span, Type, Value, ValueDef};

use crate::diagnostics::Diagnostic;

/// How an unbound variable's read fails where the function was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unbound {
    /// A function's (or lambda's, or comprehension's) local: UnboundLocalError.
    Local,
    /// A module variable kept as an SSA value of `<module>` (or a class body's): NameError.
    Name,
}

/// Guards every read of a value that may be unbound; returns the diagnostics for reads that
/// cannot be guarded (see the module doc).
pub(super) fn guard_unbound_reads(f: &mut Func, names: &BTreeMap<Value, String>, reads: &HashMap<Value, Vec<Span>>, how: Unbound) -> Vec<Diagnostic> {
    let undef: HashSet<Value> = f.ops_in_order().filter(|&o| f.ops[o].opcode == Opcode::PyUndef).map(|o| f.result(o)).collect();
    if undef.is_empty() {
        return Vec::new();
    }
    // Block parameters fed a maybe-unbound value on some edge, to a fixpoint.
    let mut maybe: HashSet<Value> = undef.clone();
    loop {
        let mut changed = false;
        for op in f.ops_in_order() {
            for s in &f.ops[op].successors {
                for (a, p) in s.args.iter().zip(&f.blocks[s.block].params) {
                    if maybe.contains(a) && maybe.insert(*p) {
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    // The reads: (op, value) for every operand that may be unbound.
    // (A variable letting go of its value is no read, unless it is `del`.)
    let uses: Vec<(OpId, Value)> = f
        .ops_in_order()
        .filter(|&o| f.ops[o].opcode != Opcode::PyRelease)
        .flat_map(|o| f.ops[o].operands.iter().copied().filter(|v| maybe.contains(v)).map(move |v| (o, v)).collect::<Vec<_>>())
        .collect();
    if uses.is_empty() {
        return Vec::new();
    }
    let name_of = |v: Value| names.get(&v).cloned().unwrap_or_else(|| "?".to_string());
    let mut diags = Vec::new();
    let mut guarded = Vec::new();
    let mut seen = HashSet::new();
    for (op, v) in uses {
        if !seen.insert((op, v)) {
            continue;
        }
        let name = name_of(v);
        if how == Unbound::Name && crate::builtins::BuiltinId::lookup(&name).is_some() {
            let sp = read_span(f, reads, op, v);
            diags.push(Diagnostic::new("E0107", sp, format!("`{name}` might be unbound here"))
                .label(format!("`{name}` is not assigned on every path to this point"))
                .help(format!("CPython reads the builtin `{name}` where the module variable is unbound, which Molt does not do yet: rename the variable")));
            continue;
        }
        guarded.push((op, v, name));
    }
    if !diags.is_empty() {
        return diags;
    }
    let entry = f.layout[0];
    let sp = f.span;
    let konst = |f: &mut Func, b: bool| {
        let op = NewOp::new(Opcode::PyConst, sp).attr("value", Attr::Bool(b)).result(Type::Obj);
        let id = match f.blocks[entry].ops.first().copied() {
            Some(first) => f.insert_op_before(first, op),
            None => Some(f.append_op(entry, op)),
        };
        id.map(|id| f.result(id))
    };
    let (Some(bound), Some(unbound)) = (konst(f, true), konst(f, false)) else { return Vec::new() };
    // A flag parameter next to every maybe-unbound block parameter.
    let mut flags: HashMap<Value, Value> = HashMap::new();
    let mut params: Vec<Value> = maybe.iter().copied().filter(|v| matches!(f.values[*v].def, ValueDef::Param(..))).collect();
    params.sort();
    for &p in &params {
        let ValueDef::Param(b, _) = f.values[p].def else { continue };
        let flag = f.add_block_param(b, Type::Obj);
        flags.insert(p, flag);
    }
    let flag_of = |v: Value, flags: &HashMap<Value, Value>| {
        if undef.contains(&v) {
            unbound
        } else {
            flags.get(&v).copied().unwrap_or(bound)
        }
    };
    // Every edge passes the flags of what it passes, in the order the flags were added.
    let terms: Vec<OpId> = f.layout.iter().filter_map(|&b| f.terminator(b)).collect();
    for t in terms {
        for i in 0..f.ops[t].successors.len() {
            let target = f.ops[t].successors[i].block;
            let target_params = f.blocks[target].params.clone();
            let mut extra = Vec::new();
            for &p in &params {
                if !target_params.contains(&p) {
                    continue;
                }
                let Some(k) = target_params.iter().position(|&q| q == p) else { continue };
                let arg = f.ops[t].successors[i].args.get(k).copied();
                extra.push(arg.map_or(unbound, |a| flag_of(a, &flags)));
            }
            f.ops[t].successors[i].args.extend(extra);
        }
    }
    // The checks, each before its read (with the read's raise edge inside a `try` body).
    let (kind, msg) = match how {
        Unbound::Local => ("UnboundLocalError", "cannot access local variable '{}' where it is not associated with a value"),
        Unbound::Name => ("NameError", "name '{}' is not defined"),
    };
    for (op, v, name) in guarded {
        let flag = flag_of(v, &flags);
        let op_sp = read_span(f, reads, op, v);
        let check = NewOp::new(Opcode::PyCheckBound, op_sp).operands([flag]).attr("kind", Attr::Str(kind.into())).attr("msg", Attr::Str(msg.replace("{}", &name)));
        let Some(check) = f.insert_op_before(op, check) else { continue };
        let b = f.ops[op].block;
        let next = f.blocks[b].ops.iter().position(|&o| o == op).and_then(|i| f.blocks[b].ops.get(i + 1).copied());
        if let Some(next) = next
            && f.ops[next].opcode == Opcode::CfIfRaised
        {
            let handler = f.ops[next].successors[0].clone();
            if let Some(rest) = f.split_after(check) {
                f.append_op(b, NewOp::new(Opcode::CfIfRaised, op_sp).successor(handler.block, handler.args).successor(rest, vec![]));
            }
        }
    }
    Vec::new()
}

/// Where op `op` reads value `v` as a variable: the first read of it inside the op's span (what
/// CPython's marker shows), else the op's span.
fn read_span(f: &Func, reads: &HashMap<Value, Vec<Span>>, op: OpId, v: Value) -> Span {
    let whole = f.ops[op].span;
    reads.get(&v).and_then(|spans| spans.iter().filter(|s| s.start >= whole.start && s.end <= whole.end).min_by_key(|s| s.start)).copied().unwrap_or(whole)
}
