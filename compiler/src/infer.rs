//! HIR → TIR: whole-program type inference and monomorphization (Tier 0).
//!
//! Relies on: HIR from `hir.rs` (SSA over `!py.obj`, `<module>` first). Provides: a TIR module
//! (`t` + `cf` dialects) with one function per reachable *instance* — a `def` specialised to the
//! types of its arguments (`f$int$float`) — and typed module globals. Every TIR value has one
//! static type; where Python code would need a value of two types at one point (a union), this
//! stage rejects the program with E0103 instead of guessing (Tier 1 will add guarded values).
//!
//! Algorithm: a lattice per value (Bottom < one type < Conflict). Return types of instances and
//! types of globals start at Bottom; every reachable instance is analysed (a fixpoint over its
//! SSA values), and rounds repeat until no return or global type changes (monotone, so this
//! terminates). Then each instance is emitted once. Bottom means "no value ever reaches here"
//! (a call that never returns, an op that always raises); its uses are unreachable and get a
//! `t.undef` of whatever type the use needs.
//!
//! Operations that CPython rejects at run time for these types (e.g. `None + 1`) become
//! `t.raise` of the exact TypeError CPython raises; operations Molt cannot compile yet are
//! diagnostics (never a guess).

use std::collections::{BTreeMap, HashMap, HashSet};

use molt_ir::{Attr, Block, Func, Global, Module, NewOp, OpId, Opcode, Span, Type, Value, ValueDef};

use crate::diagnostics::Diagnostic;
use crate::hir::{HirModule, MODULE_FUNC};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lat {
    Bottom,
    T(Type),
    Conflict,
}

impl Lat {
    fn join(self, o: Lat) -> Lat {
        match (self, o) {
            (Lat::Bottom, x) | (x, Lat::Bottom) => x,
            (Lat::T(a), Lat::T(b)) if a == b => Lat::T(a),
            _ => Lat::Conflict,
        }
    }
    fn ty(self) -> Option<Type> {
        match self {
            Lat::T(t) => Some(t),
            _ => None,
        }
    }
}

/// (HIR function index, argument types).
type Key = (usize, Vec<Type>);

pub fn instance_name(hir: &HirModule, key: &Key) -> String {
    let name = &hir.sigs[key.0].name;
    if key.0 == 0 {
        return name.clone();
    }
    let mut s = name.clone();
    for t in &key.1 {
        s.push('$');
        s.push_str(t.name());
    }
    if key.1.is_empty() {
        s.push('$');
    }
    s
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TirModule {
    pub module: Module,
    /// Instance name → source function name (for tracebacks).
    pub source_names: BTreeMap<String, String>,
    /// Whether calls must check that the callee's `def` has run (see `HirModule::defs_first`).
    pub check_defs: bool,
}

struct Infer<'a> {
    hir: &'a HirModule,
    rets: HashMap<Key, Lat>,
    globals: BTreeMap<String, Lat>,
    /// Where each global is first stored with each type (for conflict diagnostics).
    global_sites: BTreeMap<String, Vec<(Type, Span)>>,
    /// The value types of each instance from the latest round. The last round changed no return
    /// or global type, so its results are final and emission reuses them.
    value_lats: HashMap<Key, HashMap<Value, Lat>>,
}

pub fn infer(hir: &HirModule) -> Result<TirModule, Vec<Diagnostic>> {
    let mut inf = Infer { hir, rets: HashMap::new(), globals: BTreeMap::new(), global_sites: BTreeMap::new(), value_lats: HashMap::new() };
    let main: Key = (0, vec![]);
    // Rounds until return and global types are stable.
    let mut rounds = 0;
    let order = loop {
        rounds += 1;
        let before = (inf.rets.clone(), inf.globals.clone());
        let mut seen: HashSet<Key> = HashSet::new();
        let mut order = Vec::new();
        let mut work = vec![main.clone()];
        while let Some(k) = work.pop() {
            if !seen.insert(k.clone()) {
                continue;
            }
            order.push(k.clone());
            let a = inf.analyse(&k);
            if k.0 != 0 {
                let r = inf.rets.entry(k.clone()).or_insert(Lat::Bottom);
                *r = r.join(a.ret);
            }
            work.extend(a.callees);
        }
        if (inf.rets.clone(), inf.globals.clone()) == before || rounds > 64 {
            break order;
        }
    };
    let mut diags = Vec::new();
    let mut module = Module::default();
    let mut source_names = BTreeMap::new();
    let mut sorted = order.clone();
    sorted.sort();
    for k in &sorted {
        let (f, d) = inf.emit(k);
        diags.extend(d);
        source_names.insert(f.name.clone(), hir.sigs[k.0].name.clone());
        module.funcs.push(f);
    }
    for (name, lat) in &inf.globals {
        match lat {
            Lat::T(Type::Str) => {
                let sp = inf.global_sites.get(name).and_then(|s| s.first()).map(|s| s.1).unwrap_or_default();
                diags.push(str_escape(sp));
            }
            Lat::T(t) => module.globals.push(Global { name: name.clone(), ty: *t }),
            Lat::Bottom => module.globals.push(Global { name: name.clone(), ty: Type::None }),
            Lat::Conflict => {
                let sites = inf.global_sites.get(name).cloned().unwrap_or_default();
                let sp = sites.get(1).or(sites.first()).map(|s| s.1).unwrap_or_default();
                let tys: Vec<&str> = sites.iter().map(|s| s.0.python_name()).collect();
                diags.push(Diagnostic::new("E0103", sp, format!("module variable `{name}` is assigned values of different types ({})", tys.join(", ")))
                    .label("assigned a different type here").help("keep one type per module variable, e.g. convert with float(...)"));
            }
        }
    }
    // Function-binding flags are globals too.
    for s in &hir.sigs[1..] {
        module.globals.push(Global { name: s.name.clone(), ty: Type::Bool });
    }
    dedup(&mut diags);
    if diags.is_empty() {
        Ok(TirModule { module, source_names, check_defs: !hir.defs_first })
    } else {
        Err(diags)
    }
}

fn dedup(d: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    d.retain(|x| seen.insert((x.code, x.span, x.message.clone())));
}

fn str_escape(sp: Span) -> Diagnostic {
    Diagnostic::new("E0106", sp, "string values can only be passed directly to print() yet")
        .label("string stored, passed or returned").help("print the literal where it is needed: `print(\"...\")`")
}

struct Analysis {
    ret: Lat,
    callees: Vec<Key>,
}

const BINOP_SYMBOL: &[(&str, &str)] = &[("add", "+"), ("sub", "-"), ("mul", "*"), ("truediv", "/"), ("floordiv", "//"), ("mod", "%"), ("pow", "** or pow()")];
const CMP_SYMBOL: &[(&str, &str)] = &[("lt", "<"), ("le", "<="), ("gt", ">"), ("ge", ">="), ("eq", "=="), ("ne", "!=")];

fn sym(table: &[(&str, &'static str)], k: &str) -> &'static str {
    table.iter().find(|(a, _)| *a == k).map_or("?", |(_, s)| s)
}

fn numeric(t: Type) -> bool {
    matches!(t, Type::Int | Type::Float | Type::Bool)
}

/// What an op does for given operand types: the decision shared by analysis and emission.
#[derive(Clone, Debug)]
enum Rule {
    /// Emit a `t.*` op (with operand coercions) producing these result types.
    Typed(Vec<Type>),
    /// CPython raises this exception here (e.g. TypeError for `None + 1`).
    Raise(&'static str, String),
    /// Molt cannot compile this yet.
    Reject(Diagnostic),
}

impl<'a> Infer<'a> {
    fn func(&self, k: &Key) -> &'a Func {
        &self.hir.module.funcs[k.0]
    }

    /// The value of an integer expression made of literals (`-1`, `3 ** 2`), if it is one.
    fn const_int(&self, f: &Func, v: Value) -> Option<i64> {
        let ValueDef::Result(op, _) = f.values[v].def else { return None };
        let o = &f.ops[op];
        let a = |i: usize| self.const_int(f, o.operands[i]);
        match (o.opcode, o.attr("op").and_then(Attr::as_str)) {
            (Opcode::PyConst, _) => match o.attr("value") {
                Some(Attr::Int(i)) => Some(*i),
                Some(Attr::Bool(b)) => Some(*b as i64),
                _ => None,
            },
            (Opcode::PyUnop, Some("neg")) => a(0)?.checked_neg(),
            (Opcode::PyUnop, Some("pos")) => a(0),
            (Opcode::PyBinop, Some("add")) => a(0)?.checked_add(a(1)?),
            (Opcode::PyBinop, Some("sub")) => a(0)?.checked_sub(a(1)?),
            (Opcode::PyBinop, Some("mul")) => a(0)?.checked_mul(a(1)?),
            (Opcode::PyBinop, Some("pow")) => {
                let (x, e) = (a(0)?, a(1)?);
                if e < 0 { None } else { x.checked_pow(u32::try_from(e).ok()?) }
            }
            _ => None,
        }
    }

    /// The typing rule of one HIR op over concrete operand types.
    fn rule(&self, f: &Func, op: OpId, tys: &[Type]) -> Rule {
        let o = &f.ops[op];
        let sp = o.span;
        let attr = |n: &str| o.attr(n).and_then(Attr::as_str).unwrap_or("").to_string();
        let has_str = tys.contains(&Type::Str);
        let reject_str = || Rule::Reject(Diagnostic::new("E0106", sp, "string operations are not supported yet")
            .label("a string operand").help("strings can only be printed for now: `print(\"...\")`"));
        match o.opcode {
            Opcode::PyConst => Rule::Typed(vec![o.attr("value").and_then(Attr::literal_type).unwrap_or(Type::None)]),
            Opcode::PyBinop => {
                let (a, b) = (tys[0], tys[1]);
                let opn = attr("op");
                if has_str {
                    return reject_str();
                }
                if !numeric(a) || !numeric(b) {
                    return Rule::Raise("TypeError", format!("unsupported operand type(s) for {}: '{}' and '{}'", sym(BINOP_SYMBOL, &opn), a.python_name(), b.python_name()));
                }
                let ai = a != Type::Float;
                let bi = b != Type::Float;
                if ai && bi {
                    match opn.as_str() {
                        "truediv" => Rule::Typed(vec![Type::Float]),
                        "pow" => match self.const_int(f, o.operands[1]) {
                            Some(e) if e >= 0 => Rule::Typed(vec![Type::Int]),
                            Some(_) => Rule::Typed(vec![Type::Float]),
                            None => Rule::Reject(Diagnostic::new("E0106", sp, "`int ** int` with an exponent whose sign is not known at compile time")
                                .label("the result is an int for a non-negative exponent and a float for a negative one")
                                .help("write a literal exponent, or convert: `float(x) ** y`")),
                        },
                        _ => Rule::Typed(vec![Type::Int]),
                    }
                } else {
                    Rule::Typed(vec![Type::Float])
                }
            }
            Opcode::PyUnop => {
                let a = tys[0];
                match attr("op").as_str() {
                    "not" if a == Type::Str => reject_str(),
                    "not" => Rule::Typed(vec![Type::Bool]),
                    _ if a == Type::Str => reject_str(),
                    o2 => match a {
                        Type::Float => Rule::Typed(vec![Type::Float]),
                        Type::Int | Type::Bool => Rule::Typed(vec![Type::Int]),
                        _ => Rule::Raise("TypeError", format!("bad operand type for unary {}: '{}'", if o2 == "neg" { "-" } else { "+" }, a.python_name())),
                    },
                }
            }
            Opcode::PyCompare => {
                let (a, b) = (tys[0], tys[1]);
                let opn = attr("op");
                if has_str {
                    return reject_str();
                }
                if numeric(a) && numeric(b) || opn == "eq" || opn == "ne" {
                    Rule::Typed(vec![Type::Bool])
                } else {
                    Rule::Raise("TypeError", format!("'{}' not supported between instances of '{}' and '{}'", sym(CMP_SYMBOL, &opn), a.python_name(), b.python_name()))
                }
            }
            Opcode::PyTruth => {
                if has_str { reject_str() } else { Rule::Typed(vec![Type::Bool]) }
            }
            Opcode::PyBuiltin => {
                let name = attr("name");
                if has_str {
                    return reject_str();
                }
                match name.as_str() {
                    "abs" => match tys[0] {
                        Type::Float => Rule::Typed(vec![Type::Float]),
                        Type::Int | Type::Bool => Rule::Typed(vec![Type::Int]),
                        t => Rule::Raise("TypeError", format!("bad operand type for abs(): '{}'", t.python_name())),
                    },
                    "int" => match tys[0] {
                        Type::Int | Type::Bool | Type::Float => Rule::Typed(vec![Type::Int]),
                        t => Rule::Raise("TypeError", format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", t.python_name())),
                    },
                    "float" => match tys[0] {
                        Type::Int | Type::Bool | Type::Float => Rule::Typed(vec![Type::Float]),
                        t => Rule::Raise("TypeError", format!("float() argument must be a string or a real number, not '{}'", t.python_name())),
                    },
                    _ => {
                        let (a, b) = (tys[0], tys[1]);
                        if a == b && numeric(a) {
                            Rule::Typed(vec![a])
                        } else if numeric(a) && numeric(b) {
                            Rule::Reject(Diagnostic::new("E0103", sp, format!("`{name}` of a `{}` and a `{}`: the result's type depends on the values", a.python_name(), b.python_name()))
                                .label("returns one of its arguments unchanged").help(format!("convert both to one type, e.g. `{name}(float(a), b)`")))
                        } else {
                            Rule::Raise("TypeError", format!("'{}' not supported between instances of '{}' and '{}'", if name == "min" { "<" } else { ">" }, b.python_name(), a.python_name()))
                        }
                    }
                }
            }
            Opcode::PyPrint | Opcode::PyStoreGlobal | Opcode::PyBindFunc => Rule::Typed(vec![]),
            Opcode::PyRangeCheck => {
                for t in tys {
                    if !matches!(t, Type::Int | Type::Bool) {
                        return if *t == Type::Str { reject_str() } else {
                            Rule::Raise("TypeError", format!("'{}' object cannot be interpreted as an integer", t.python_name()))
                        };
                    }
                }
                Rule::Typed(vec![])
            }
            Opcode::PyRangeCond => Rule::Typed(vec![Type::Bool]),
            Opcode::PyRangeNext => Rule::Typed(vec![Type::Int, Type::Bool]),
            _ => Rule::Typed(vec![]), // handled by the caller (calls, globals, undef, terminators)
        }
    }

    /// Fixpoint of value types in one instance.
    fn value_types(&self, k: &Key) -> (HashMap<Value, Lat>, Vec<Key>, Lat) {
        let f = self.func(k);
        let mut lat: HashMap<Value, Lat> = HashMap::new();
        for (p, t) in f.params().iter().zip(&k.1) {
            lat.insert(*p, Lat::T(*t));
        }
        let get = |lat: &HashMap<Value, Lat>, v: Value| lat.get(&v).copied().unwrap_or(Lat::Bottom);
        let mut callees = Vec::new();
        let mut ret;
        loop {
            let mut changed = false;
            callees.clear();
            ret = Lat::Bottom;
            for op in f.ops_in_order() {
                let o = &f.ops[op];
                let in_lats: Vec<Lat> = o.operands.iter().map(|&v| get(&lat, v)).collect();
                let results: Vec<Lat> = match o.opcode {
                    Opcode::PyUndef => vec![Lat::Bottom],
                    Opcode::PyLoadGlobal => {
                        let n = o.attr("name").and_then(Attr::as_str).unwrap_or("");
                        vec![self.globals.get(n).copied().unwrap_or(Lat::Bottom)]
                    }
                    Opcode::CfReturn => {
                        if let Some(l) = in_lats.first() {
                            ret = ret.join(*l);
                        }
                        vec![]
                    }
                    Opcode::CfBr | Opcode::CfCondBr => {
                        for s in &o.successors {
                            for (a, p) in s.args.iter().zip(&f.blocks[s.block].params) {
                                let j = get(&lat, *p).join(get(&lat, *a));
                                if j != get(&lat, *p) {
                                    lat.insert(*p, j);
                                    changed = true;
                                }
                            }
                        }
                        vec![]
                    }
                    _ if in_lats.contains(&Lat::Bottom) => vec![Lat::Bottom; o.results.len()],
                    _ if in_lats.contains(&Lat::Conflict) => vec![Lat::Conflict; o.results.len()],
                    Opcode::PyCall => {
                        let tys: Vec<Type> = in_lats.iter().filter_map(|l| l.ty()).collect();
                        let callee = self.callee(o);
                        match callee {
                            Some(ci) if self.hir.sigs[ci].params.len() == tys.len() => {
                                let key = (ci, tys);
                                let r = self.rets.get(&key).copied().unwrap_or(Lat::Bottom);
                                callees.push(key);
                                vec![r]
                            }
                            _ => vec![Lat::Bottom],
                        }
                    }
                    _ => {
                        let tys: Vec<Type> = in_lats.iter().filter_map(|l| l.ty()).collect();
                        match self.rule(f, op, &tys) {
                            Rule::Typed(ts) => ts.into_iter().map(Lat::T).collect(),
                            Rule::Raise(..) | Rule::Reject(_) => vec![Lat::Bottom; o.results.len()],
                        }
                    }
                };
                for (r, l) in o.results.iter().zip(results) {
                    if get(&lat, *r) != l {
                        let j = get(&lat, *r).join(l);
                        lat.insert(*r, j);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        (lat, callees, ret)
    }

    fn callee(&self, o: &molt_ir::OpData) -> Option<usize> {
        let n = o.attr("callee").and_then(Attr::as_str)?;
        self.hir.sigs.iter().position(|s| s.name == n)
    }

    fn analyse(&mut self, k: &Key) -> Analysis {
        let (lat, callees, ret) = self.value_types(k);
        self.value_lats.insert(k.clone(), lat.clone());
        let lat = &self.value_lats[k];
        let f = self.func(k);
        for op in f.ops_in_order() {
            let o = &f.ops[op];
            if o.opcode == Opcode::PyStoreGlobal {
                let n = o.attr("name").and_then(Attr::as_str).unwrap_or("").to_string();
                let l = lat.get(&o.operands[0]).copied().unwrap_or(Lat::Bottom);
                if let Lat::T(t) = l {
                    let sites = self.global_sites.entry(n.clone()).or_default();
                    if !sites.iter().any(|s| s.0 == t) {
                        sites.push((t, o.span));
                    }
                }
                let g = self.globals.entry(n).or_insert(Lat::Bottom);
                *g = g.join(l);
            }
        }
        Analysis { ret, callees }
    }

    /// Emits the TIR of one instance.
    fn emit(&mut self, k: &Key) -> (Func, Vec<Diagnostic>) {
        let lat = match self.value_lats.remove(k) {
            Some(l) => l,
            None => self.value_types(k).0,
        };
        let f = self.func(k);
        let names = &self.hir.names[k.0];
        let mut diags = Vec::new();
        let ret_lat = self.rets.get(k).copied().unwrap_or(Lat::Bottom);
        let ret_ty = match ret_lat {
            Lat::T(t) => t,
            _ => Type::None,
        };
        if ret_lat == Lat::Conflict {
            diags.push(self.return_conflict(f, &lat));
        }
        let results = if k.0 == 0 { vec![] } else { vec![ret_ty] };
        let mut out = Func::new(instance_name(self.hir, k), results);
        out.span = f.span;
        let mut bmap: HashMap<Block, Block> = HashMap::new();
        for &b in &f.layout {
            bmap.insert(b, out.new_block());
        }
        let mut vmap: HashMap<Value, Value> = HashMap::new();
        let ty_of = |v: Value| lat.get(&v).copied().unwrap_or(Lat::Bottom);
        // Block parameters first (conflicts are reported here).
        for &b in &f.layout {
            for &p in &f.blocks[b].params {
                let t = match ty_of(p) {
                    Lat::T(Type::Str) => {
                        diags.push(str_escape(f.span));
                        Type::None
                    }
                    Lat::T(t) => t,
                    Lat::Bottom => Type::None,
                    Lat::Conflict => {
                        let site = self.conflict_site(f, p, &lat);
                        diags.push(conflict_diag(names.get(&p).map(String::as_str), site));
                        Type::None
                    }
                };
                let np = out.add_block_param(bmap[&b], t);
                vmap.insert(p, np);
            }
        }
        // Maybe-unbound values: undef, or params fed by one.
        let maybe_undef = maybe_undef(f);
        let mut em = Emitter { out: &mut out, vmap, lat: &lat };
        // Definitions before uses: walk blocks in dominance order (a loop body laid out after
        // its latch still defines the values the latch passes back).
        for b in f.dominance_order() {
            let nb = bmap[&b];
            for &op in &f.blocks[b].ops {
                let o = &f.ops[op];
                for &v in &o.operands {
                    if maybe_undef.contains(&v) {
                        let var = names.get(&v).cloned().unwrap_or_default();
                        diags.push(Diagnostic::new("E0107", o.span, format!("`{var}` might be unbound here"))
                            .label(format!("`{var}` is not assigned on every path to this point"))
                            .help(format!("assign `{var}` before the loop or `if` that sets it")));
                    }
                }
                let in_lats: Vec<Lat> = o.operands.iter().map(|&v| ty_of(v)).collect();
                let sp = o.span;
                match o.opcode {
                    Opcode::CfBr | Opcode::CfCondBr => {
                        let mut succs = Vec::new();
                        for s in &o.successors {
                            let target = bmap[&s.block];
                            let args: Vec<Value> = s.args.iter().enumerate().map(|(i, &a)| {
                                let want = em.out.values[em.out.blocks[target].params[i]].ty;
                                em.use_as(nb, a, want, sp)
                            }).collect();
                            succs.push((target, args));
                        }
                        let mut new = NewOp::new(o.opcode, sp);
                        if o.opcode == Opcode::CfCondBr {
                            let c = em.use_as(nb, o.operands[0], Type::Bool, sp);
                            new = new.operands([c]);
                        }
                        for (t, a) in succs {
                            new = new.successor(t, a);
                        }
                        em.out.append_op(nb, new);
                    }
                    Opcode::CfReturn => {
                        let mut new = NewOp::new(Opcode::CfReturn, sp);
                        if let Some(&v) = o.operands.first() {
                            if ret_ty == Type::Str {
                                diags.push(str_escape(sp));
                            }
                            let r = em.use_as(nb, v, ret_ty, sp);
                            new = new.operands([r]);
                        }
                        em.out.append_op(nb, new);
                    }
                    Opcode::PyUndef => {
                        let t = ty_of(o.results[0]).ty().unwrap_or(Type::None);
                        em.emit(nb, o.results[0], NewOp::new(Opcode::TUndef, sp).result(t));
                    }
                    Opcode::PyLoadGlobal => {
                        let n = o.attr("name").cloned().unwrap_or(Attr::Sym(String::new()));
                        let t = match self.globals.get(n.as_str().unwrap_or("")) {
                            Some(Lat::T(t)) => *t,
                            _ => Type::None,
                        };
                        em.emit(nb, o.results[0], NewOp::new(Opcode::TLoadGlobal, sp).attr("name", n).result(t));
                    }
                    Opcode::PyBindFunc => {
                        let n = o.attr("name").cloned().unwrap_or(Attr::Sym(String::new()));
                        em.out.append_op(nb, NewOp::new(Opcode::TBindFunc, sp).attr("name", n));
                    }
                    _ if in_lats.iter().any(|l| *l != Lat::Bottom && l.ty().is_none()) => {
                        // A conflict upstream; already reported at the merge.
                        em.undef_results(nb, o);
                    }
                    _ if in_lats.contains(&Lat::Bottom) => em.undef_results(nb, o),
                    Opcode::PyCall => {
                        let tys: Vec<Type> = in_lats.iter().filter_map(|l| l.ty()).collect();
                        let Some(ci) = self.callee(o) else { continue };
                        let sig = &self.hir.sigs[ci];
                        if sig.params.len() != tys.len() {
                            diags.push(Diagnostic::new("E0104", sp, format!("{}() takes {} positional argument{} but {} {} given", sig.name, sig.params.len(), if sig.params.len() == 1 { "" } else { "s" }, tys.len(), if tys.len() == 1 { "was" } else { "were" }))
                                .label("wrong number of arguments").help(format!("`{}` is defined with parameters ({})", sig.name, sig.params.join(", "))));
                            em.undef_results(nb, o);
                            continue;
                        }
                        if tys.contains(&Type::Str) {
                            diags.push(str_escape(sp));
                        }
                        let key = (ci, tys);
                        let rt = match self.rets.get(&key) {
                            Some(Lat::T(t)) => *t,
                            _ => Type::None,
                        };
                        let args: Vec<Value> = o.operands.iter().map(|&v| em.vmap[&v]).collect();
                        let name = instance_name(self.hir, &key);
                        em.emit(nb, o.results[0], NewOp::new(Opcode::TCall, sp).operands(args).attr("callee", Attr::Sym(name)).result(rt));
                    }
                    _ => {
                        let tys: Vec<Type> = in_lats.iter().filter_map(|l| l.ty()).collect();
                        match self.rule(f, op, &tys) {
                            Rule::Reject(d) => {
                                diags.push(d);
                                em.undef_results(nb, o);
                            }
                            Rule::Raise(kind, msg) => {
                                em.out.append_op(nb, NewOp::new(Opcode::TRaise, sp).attr("kind", Attr::Str(kind.into())).attr("msg", Attr::Str(msg)));
                                em.undef_results(nb, o);
                            }
                            Rule::Typed(res) => {
                                if o.opcode == Opcode::PyStoreGlobal && tys[0] == Type::Str {
                                    continue; // reported once, for the global
                                }
                                for &(levels, msg) in builtin_recursion_levels(o) {
                                    em.out.append_op(nb, NewOp::new(Opcode::TFrameCheck, sp).attr("levels", Attr::Int(levels)).attr("msg", Attr::Str(msg.into())));
                                }
                                em.typed(nb, f, op, &tys, &res, self);
                            }
                        }
                    }
                }
            }
        }
        (out, diags)
    }

    /// A function whose returns have different types: point at the first return that differs.
    fn return_conflict(&self, f: &Func, lat: &HashMap<Value, Lat>) -> Diagnostic {
        let mut first: Option<Type> = None;
        for op in f.ops_in_order() {
            let o = &f.ops[op];
            if o.opcode != Opcode::CfReturn {
                continue;
            }
            let Some(Lat::T(t)) = o.operands.first().and_then(|v| lat.get(v)).copied() else { continue };
            match first {
                None => first = Some(t),
                Some(f0) if f0 != t => {
                    let implicit = o.span.start == o.span.end;
                    let name = &f.name;
                    return Diagnostic::new("E0103", o.span, format!("`{name}` returns `{}` on one path and `{}` on another", f0.python_name(), t.python_name()))
                        .label(if implicit { "the end of the function returns None".to_string() } else { format!("returns a `{}` here", t.python_name()) })
                        .help("return the same type on every path (convert with float(...), or return a value at the end)");
                }
                _ => {}
            }
        }
        Diagnostic::new("E0103", f.span, format!("`{}` returns values of different types", f.name)).label("in this function")
            .help("return the same type on every path")
    }

    /// Where a value of a second type flows into a conflicting block param: the definition of
    /// that value (or the branch passing it), with the types seen.
    fn conflict_site(&self, f: &Func, p: Value, lat: &HashMap<Value, Lat>) -> (Span, Vec<Type>) {
        let mut tys = Vec::new();
        let mut sp = f.span;
        for op in f.ops_in_order() {
            for s in &f.ops[op].successors {
                if let Some(i) = f.blocks[s.block].params.iter().position(|&x| x == p) {
                    let arg = s.args[i];
                    if let Some(Lat::T(t)) = lat.get(&arg).copied()
                        && !tys.contains(&t) {
                            tys.push(t);
                            sp = match f.values[arg].def {
                                ValueDef::Result(d, _) if f.ops[d].span != Span::default() => f.ops[d].span,
                                _ => f.ops[op].span,
                            };
                        }
                }
            }
        }
        (sp, tys)
    }
}

/// The recursion checks CPython 3.11 makes when it runs a builtin, in order: (levels above the
/// current frame, message). Measured with python3 at the limit: `abs` and `int` are one C call
/// ("while calling a Python object"); `print` is the call and then `sys.stdout.write` (two
/// levels, same message); `min`/`max` are the call, then a generic comparison one level deeper
/// ("in comparison"); `range` compares its arguments (one level, "in comparison"); `float`
/// makes no check. (Python-level comparisons also count until CPython's adaptive interpreter
/// specializes them, which depends on how often they ran; Molt does not model that: see
/// decisions/0005.)
fn builtin_recursion_levels(o: &molt_ir::OpData) -> &'static [(i64, &'static str)] {
    const CALL: &str = "maximum recursion depth exceeded while calling a Python object";
    const CMP: &str = "maximum recursion depth exceeded in comparison";
    match o.opcode {
        Opcode::PyPrint => &[(2, CALL)],
        Opcode::PyRangeCheck => &[(1, CMP)],
        Opcode::PyBuiltin => match o.attr("name").and_then(Attr::as_str) {
            Some("abs" | "int") => &[(1, CALL)],
            Some("min" | "max") => &[(1, CALL), (2, CMP)],
            _ => &[],
        },
        _ => &[],
    }
}

fn conflict_diag(var: Option<&str>, (sp, tys): (Span, Vec<Type>)) -> Diagnostic {
    let shown: Vec<&str> = tys.iter().map(|t| t.python_name()).collect();
    match var {
        Some(var) => Diagnostic::new("E0103", sp, format!("`{var}` has different types on different paths ({})", shown.join(" and ")))
            .label(format!("`{var}` is {} here, {} on another path", shown.last().unwrap_or(&"?"), shown.first().unwrap_or(&"?")))
            .help("give the variable one type on every path (e.g. convert with float(...)), or use two variables"),
        None => Diagnostic::new("E0103", sp, format!("this expression has a different type depending on the path taken ({})", shown.join(" or ")))
            .label(format!("can be {}", shown.join(" or ")))
            .help("make both alternatives the same type, e.g. convert with float(...)"),
    }
}

fn maybe_undef(f: &Func) -> HashSet<Value> {
    let mut set: HashSet<Value> = HashSet::new();
    for op in f.ops_in_order() {
        if f.ops[op].opcode == Opcode::PyUndef {
            set.insert(f.ops[op].results[0]);
        }
    }
    loop {
        let mut changed = false;
        for op in f.ops_in_order() {
            for s in &f.ops[op].successors {
                for (a, p) in s.args.iter().zip(&f.blocks[s.block].params) {
                    if set.contains(a) && set.insert(*p) {
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            return set;
        }
    }
}

struct Emitter<'o, 'l> {
    out: &'o mut Func,
    vmap: HashMap<Value, Value>,
    lat: &'l HashMap<Value, Lat>,
}

impl Emitter<'_, '_> {
    fn emit(&mut self, b: Block, hir_result: Value, op: NewOp) -> Value {
        let id = self.out.append_op(b, op);
        let v = self.out.result(id);
        self.vmap.insert(hir_result, v);
        v
    }

    fn value(&mut self, b: Block, op: NewOp) -> Value {
        let id = self.out.append_op(b, op);
        self.out.result(id)
    }

    fn undef(&mut self, b: Block, t: Type, sp: Span) -> Value {
        self.value(b, NewOp::new(Opcode::TUndef, sp).result(t))
    }

    fn undef_results(&mut self, b: Block, o: &molt_ir::OpData) {
        for &r in &o.results {
            let t = self.lat.get(&r).and_then(|l| l.ty()).unwrap_or(Type::None);
            let v = self.undef(b, t, o.span);
            self.vmap.insert(r, v);
        }
    }

    /// The TIR value of HIR value `v`, as type `want` (unreachable Bottom values become undef).
    fn use_as(&mut self, b: Block, v: Value, want: Type, sp: Span) -> Value {
        match self.vmap.get(&v) {
            Some(&t) if self.out.values[t].ty == want => t,
            // A different type only reaches here where a conflict was already reported.
            Some(_) => self.undef(b, want, sp),
            None => match self.lat.get(&v).copied().unwrap_or(Lat::Bottom) {
                Lat::Bottom | Lat::Conflict => self.undef(b, want, sp),
                // A typed value used before it was emitted would silently become undef.
                Lat::T(_) => panic!("invariant `dominance order` broken in TIR emission: a typed value is used before its definition was emitted"),
            },
        }
    }

    /// Coerces a numeric TIR value to int (bool) or float (int/bool).
    fn coerce(&mut self, b: Block, v: Value, want: Type, sp: Span) -> Value {
        let have = self.out.values[v].ty;
        match (have, want) {
            (h, w) if h == w => v,
            (Type::Bool, Type::Int) => self.value(b, NewOp::new(Opcode::TBoolToInt, sp).operands([v]).result(Type::Int)),
            (Type::Bool, Type::Float) => {
                let i = self.coerce(b, v, Type::Int, sp);
                self.coerce(b, i, Type::Float, sp)
            }
            (Type::Int, Type::Float) => self.value(b, NewOp::new(Opcode::TIntToFloat, sp).operands([v]).result(Type::Float)),
            _ => self.undef(b, want, sp),
        }
    }

    fn typed(&mut self, b: Block, f: &Func, op: OpId, tys: &[Type], res: &[Type], inf: &Infer<'_>) {
        let o = &f.ops[op];
        let sp = o.span;
        let ops: Vec<Value> = o.operands.iter().map(|v| self.vmap[v]).collect();
        let attr = |n: &str| o.attr(n).cloned().unwrap_or(Attr::Str(String::new()));
        let opname = attr("op").as_str().unwrap_or("").to_string();
        let r0 = o.results.first().copied();
        match o.opcode {
            Opcode::PyConst => {
                if let Some(r) = r0 {
                    self.emit(b, r, NewOp::new(Opcode::TConst, sp).attr("value", attr("value")).result(res[0]));
                }
            }
            Opcode::PyBinop => {
                let Some(r) = r0 else { return };
                if res[0] == Type::Int {
                    let (x, y) = (self.coerce(b, ops[0], Type::Int, sp), self.coerce(b, ops[1], Type::Int, sp));
                    self.emit(b, r, NewOp::new(Opcode::TIntBinop, sp).operands([x, y]).attr("op", attr("op")).result(Type::Int));
                } else if tys.iter().all(|t| *t != Type::Float) {
                    let (x, y) = (self.coerce(b, ops[0], Type::Int, sp), self.coerce(b, ops[1], Type::Int, sp));
                    let opc = if opname == "pow" { Opcode::TIntPowFloat } else { Opcode::TIntTruediv };
                    self.emit(b, r, NewOp::new(opc, sp).operands([x, y]).result(Type::Float));
                } else {
                    let (x, y) = (self.coerce(b, ops[0], Type::Float, sp), self.coerce(b, ops[1], Type::Float, sp));
                    self.emit(b, r, NewOp::new(Opcode::TFloatBinop, sp).operands([x, y]).attr("op", attr("op")).result(Type::Float));
                }
            }
            Opcode::PyUnop => {
                let Some(r) = r0 else { return };
                match (opname.as_str(), res[0]) {
                    ("not", _) => {
                        let t = self.value(b, NewOp::new(Opcode::TTruth, sp).operands([ops[0]]).result(Type::Bool));
                        self.emit(b, r, NewOp::new(Opcode::TNot, sp).operands([t]).result(Type::Bool));
                    }
                    ("neg", Type::Int) => {
                        let x = self.coerce(b, ops[0], Type::Int, sp);
                        self.emit(b, r, NewOp::new(Opcode::TIntNeg, sp).operands([x]).result(Type::Int));
                    }
                    ("neg", _) => {
                        self.emit(b, r, NewOp::new(Opcode::TFloatNeg, sp).operands([ops[0]]).result(Type::Float));
                    }
                    (_, t) => {
                        let x = self.coerce(b, ops[0], t, sp);
                        self.vmap.insert(r, x);
                    }
                }
            }
            Opcode::PyCompare => {
                let Some(r) = r0 else { return };
                let (a, bt) = (tys[0], tys[1]);
                let num = |t: Type| numeric(t);
                if num(a) && num(bt) {
                    let fa = a == Type::Float;
                    let fb = bt == Type::Float;
                    let v = match (fa, fb) {
                        (false, false) => {
                            let (x, y) = (self.coerce(b, ops[0], Type::Int, sp), self.coerce(b, ops[1], Type::Int, sp));
                            NewOp::new(Opcode::TIntCmp, sp).operands([x, y]).attr("op", attr("op"))
                        }
                        (true, true) => NewOp::new(Opcode::TFloatCmp, sp).operands([ops[0], ops[1]]).attr("op", attr("op")),
                        (false, true) => {
                            let x = self.coerce(b, ops[0], Type::Int, sp);
                            NewOp::new(Opcode::TIntFloatCmp, sp).operands([x, ops[1]]).attr("op", attr("op"))
                        }
                        (true, false) => {
                            let y = self.coerce(b, ops[1], Type::Int, sp);
                            let mirrored = match opname.as_str() { "lt" => "gt", "le" => "ge", "gt" => "lt", "ge" => "le", o => o };
                            NewOp::new(Opcode::TIntFloatCmp, sp).operands([y, ops[0]]).attr("op", Attr::Str(mirrored.into()))
                        }
                    };
                    self.emit(b, r, v.result(Type::Bool));
                } else if a == Type::None && bt == Type::None {
                    self.emit(b, r, NewOp::new(Opcode::TNoneCmp, sp).operands([ops[0], ops[1]]).attr("op", attr("op")).result(Type::Bool));
                } else {
                    // Different kinds of value: `==` is False, `!=` is True.
                    self.emit(b, r, NewOp::new(Opcode::TConst, sp).attr("value", Attr::Bool(opname == "ne")).result(Type::Bool));
                }
            }
            Opcode::PyTruth => {
                let Some(r) = r0 else { return };
                self.emit(b, r, NewOp::new(Opcode::TTruth, sp).operands([ops[0]]).result(Type::Bool));
            }
            Opcode::PyBuiltin => {
                let Some(r) = r0 else { return };
                let name = attr("name").as_str().unwrap_or("").to_string();
                match name.as_str() {
                    "abs" if res[0] == Type::Int => {
                        let x = self.coerce(b, ops[0], Type::Int, sp);
                        self.emit(b, r, NewOp::new(Opcode::TIntAbs, sp).operands([x]).result(Type::Int));
                    }
                    "abs" => {
                        self.emit(b, r, NewOp::new(Opcode::TFloatAbs, sp).operands([ops[0]]).result(Type::Float));
                    }
                    "int" if tys[0] == Type::Float => {
                        self.emit(b, r, NewOp::new(Opcode::TFloatToInt, sp).operands([ops[0]]).result(Type::Int));
                    }
                    "int" | "float" => {
                        let x = self.coerce(b, ops[0], res[0], sp);
                        self.vmap.insert(r, x);
                    }
                    _ => {
                        // min(a, b) = b if b < a else a; max(a, b) = b if b > a else a (CPython's order).
                        let t = tys[0];
                        let cmp = if name == "min" { "lt" } else { "gt" };
                        let c = match t {
                            Type::Float => NewOp::new(Opcode::TFloatCmp, sp).operands([ops[1], ops[0]]),
                            _ => {
                                let (x, y) = (self.coerce(b, ops[1], Type::Int, sp), self.coerce(b, ops[0], Type::Int, sp));
                                NewOp::new(Opcode::TIntCmp, sp).operands([x, y])
                            }
                        };
                        let c = self.value(b, c.attr("op", Attr::Str(cmp.into())).result(Type::Bool));
                        self.emit(b, r, NewOp::new(Opcode::TSelect, sp).operands([c, ops[1], ops[0]]).result(t));
                    }
                }
            }
            Opcode::PyPrint => {
                self.out.append_op(b, NewOp::new(Opcode::TPrint, sp).operands(ops).attr("sep", attr("sep")).attr("end", attr("end")));
            }
            Opcode::PyStoreGlobal => {
                let name = attr("name");
                let want = match inf.globals.get(name.as_str().unwrap_or("")) {
                    Some(Lat::T(t)) => *t,
                    _ => tys[0],
                };
                let v = if want == tys[0] { ops[0] } else { self.undef(b, want, sp) };
                self.out.append_op(b, NewOp::new(Opcode::TStoreGlobal, sp).operands([v]).attr("name", name));
            }
            Opcode::PyRangeCheck => {
                let step = self.coerce(b, ops[2], Type::Int, sp);
                self.out.append_op(b, NewOp::new(Opcode::TRangeCheck, sp).operands([step]));
            }
            Opcode::PyRangeCond => {
                let Some(r) = r0 else { return };
                let v: Vec<Value> = ops.iter().map(|&v| self.coerce(b, v, Type::Int, sp)).collect();
                self.emit(b, r, NewOp::new(Opcode::TRangeCond, sp).operands(v).result(Type::Bool));
            }
            Opcode::PyRangeNext => {
                let v: Vec<Value> = ops.iter().map(|&v| self.coerce(b, v, Type::Int, sp)).collect();
                let id = self.out.append_op(b, NewOp::new(Opcode::TRangeNext, sp).operands(v).result(Type::Int).result(Type::Bool));
                let rs = self.out.ops[id].results.clone();
                self.vmap.insert(o.results[0], rs[0]);
                self.vmap.insert(o.results[1], rs[1]);
            }
            _ => self.undef_results(b, o),
        }
    }
}

pub const MAIN: &str = MODULE_FUNC;
