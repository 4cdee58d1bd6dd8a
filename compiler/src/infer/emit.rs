//! TIR emission of one instance, from the converged lattice values.
//!
//! Relies on: the final round's lattice values (`Infer::value_lats`) and the typing rules
//! (`rules.rs`). Provides `Infer::emit`. Typed values get typed `t.*` ops; boxed values the
//! generic `t.obj_*` ops; an op on a boxed value whose candidates include int or float gets a
//! guard: `t.is_type` per boxed operand → `t.unbox` → the typed fast path, the guard's false
//! edges → the generic fallback, and a join block whose argument is the result. Values are
//! boxed (`t.box`) where they flow into a boxed place (a block argument, a return, a global, a
//! generic op's operand).
//!
//! Invariant: every emitted value's TIR type is its lattice value's type (`Lat::ty`); where a
//! conflict was reported instead, a `t.undef` of the needed type stands in.

use std::collections::HashMap;

use molt_ir::{ArithOp, Attr, Block, Builtin, CmpOp, Func, Handling, NewOp, OpData, OpId, Opcode, Span, Type, UnaryOp, Value};

use super::lattice::Lat;
use super::rules::{self, Rule, numeric};
use super::{Infer, Key, builtin_recursion_levels, conflict_diag, instance_name};
use crate::diagnostics::Diagnostic;

/// A pattern: the HIR ops that the typing rules (`rules::rule`) decide, typed or generic.
macro_rules! typed_by_rule {
    () => {
        Opcode::PyConst | Opcode::PyBinop | Opcode::PyUnop | Opcode::PyCompare | Opcode::PyTruth | Opcode::PyBuiltin | Opcode::PyMathCall
            | Opcode::PyPrint | Opcode::PyRaiseNew | Opcode::PyExcNew | Opcode::PyRaise | Opcode::PyRaiseFrom | Opcode::PyRaiseActive
            | Opcode::PyStoreGlobal | Opcode::PyRangeStart | Opcode::PyRangeValue | Opcode::PyRangeCond | Opcode::PyRangeNext
            | Opcode::PyGetattr | Opcode::PyBuiltinClass | Opcode::PyTuple | Opcode::PyUnpack | Opcode::PySubscript
            | Opcode::PyContains | Opcode::PyIter | Opcode::PyIterNext | Opcode::PyFormat | Opcode::PyGetslice
            | Opcode::PyListExtendStar | Opcode::PyListToTuple | Opcode::PyUnpackEx | Opcode::PyList | Opcode::PyDict | Opcode::PySet | Opcode::PyBuildString | Opcode::PySetitem | Opcode::PyDelitem | Opcode::PySetslice | Opcode::PyDelslice | Opcode::PyInplaceBinop | Opcode::PyCallMethod
            | Opcode::PyCallValue | Opcode::PyCellNew | Opcode::PyCellGet | Opcode::PyCellSet | Opcode::PyFunctionCell | Opcode::PyCallValueEx | Opcode::PyKwargsMerge | Opcode::PyDictUpdate | Opcode::PySetattr | Opcode::PyDelattr | Opcode::PyClassNew | Opcode::PyExcMatchesClass | Opcode::PyMatchShape | Opcode::PyMatchClass | Opcode::PyMatchKeys | Opcode::PyWithEnter | Opcode::PyWithExit | Opcode::PyImportNative | Opcode::PyImportUser | Opcode::PyImportFrom | Opcode::PyDeleteGlobal | Opcode::PyReturnGenerator | Opcode::PyCheckBound | Opcode::PyRelease | Opcode::PyDeleteVar | Opcode::PyYield | Opcode::PyYieldFromSend
    };
}

/// A pattern: the opcodes that never occur in HIR (the HIR verifier rejects them before
/// inference): the `t` and `l` dialects, and `cf.unwind` (added by the LIR `refcount` pass).
macro_rules! not_hir {
    () => {
        Opcode::CfUnwind | molt_ir::t_ops!() | molt_ir::l_ops!()
    };
}

// After the op-pattern macros above, which it uses.
mod fstring;
mod generic;

impl Infer<'_> {
    /// Emits the TIR of one instance.
    pub(super) fn emit(&mut self, k: &Key) -> (Func, Vec<Diagnostic>) {
        self.guards.set(self.live_keys.contains(k));
        let lat = match self.value_lats.remove(k) {
            Some(l) => l,
            None => self.value_types(k).0,
        };
        let f = self.func(k);
        let names = &self.hir.funcs[k.0].names;
        let mut diags = Vec::new();
        let ret_lat = self.rets.get(k).copied().unwrap_or(Lat::Bottom);
        // A function object's code returns a boxed value (its callers are the runtime's).
        // So does a generator's body (its `return` value goes into a StopIteration).
        let object_entry = self.hir.funcs[k.0].object_entry || super::is_generator(f);
        let ret_ty = if object_entry { Type::TObj } else { ret_lat.ty().unwrap_or(Type::None) };
        if ret_lat.is_boxed() && self.tier0 && !object_entry {
            diags.extend(self.return_conflict(f, &lat));
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
        // Block parameters first (Tier 0 conflicts are reported here).
        for &b in &f.layout {
            for &p in &f.blocks[b].params {
                let l = ty_of(p);
                if l.is_boxed() && self.tier0 {
                    let site = self.conflict_site(f, p, &lat);
                    diags.push(conflict_diag(names.get(&p).map(String::as_str), site));
                }
                let np = out.add_block_param(bmap[&b], l.ty().unwrap_or(Type::None));
                vmap.insert(p, np);
            }
        }
        // Maybe-unbound values (undef, or params fed by one) are read only behind their
        // `py.check_bound` (hir/unbound.rs): on the paths where they are unbound they take any
        // value of their type (`use_as`).
        let mut em = Emitter { out: &mut out, vmap, lat: &lat, sb: fstring::Builders::plan(f) };
        // Definitions before uses: walk blocks in dominance order (a loop body laid out after
        // its latch still defines the values the latch passes back).
        for b in f.dominance_order() {
            // The block being filled: a guarded op ends it and continues in its join block.
            let mut nb = bmap[&b];
            // The raise edge an op gets from the `cf.if_raised` after it: (arena mark, handler,
            // handler arguments), applied when that terminator comes.
            let mut pending: Option<(usize, Block, Vec<Value>)> = None;
            let ops = &f.blocks[b].ops;
            for (idx, &op) in ops.iter().enumerate() {
                let o = &f.ops[op];
                if let Some((mark, handler, args)) = pending.take() {
                    nb = crate::raise_edges::add_raise_edges(em.out, mark, handler, &args, nb, o.span);
                }
                if let Some(&next) = ops.get(idx + 1)
                    && f.ops[next].opcode == Opcode::CfIfRaised
                {
                    let s = &f.ops[next].successors[0];
                    let target = bmap[&s.block];
                    let args: Vec<Value> = s.args.iter().enumerate().map(|(i, &a)| {
                        let want = em.out.values[em.out.blocks[target].params[i]].ty;
                        em.use_as(nb, a, want, o.span)
                    }).collect();
                    pending = Some((em.out.ops.len(), target, args));
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
                            let r = em.use_as(nb, v, ret_ty, sp);
                            new = new.operands([r]);
                        }
                        em.out.append_op(nb, new);
                    }
                    Opcode::CfUnreachable => {
                        em.out.append_op(nb, NewOp::new(Opcode::CfUnreachable, sp));
                    }
                    Opcode::CfIfRaised => {
                        // The raise edges were added after the op before; the normal path goes on.
                        let s = &o.successors[1];
                        let target = bmap[&s.block];
                        let args: Vec<Value> = s.args.iter().enumerate().map(|(i, &a)| {
                            let want = em.out.values[em.out.blocks[target].params[i]].ty;
                            em.use_as(nb, a, want, sp)
                        }).collect();
                        em.out.append_op(nb, NewOp::new(Opcode::CfBr, sp).successor(target, args));
                    }
                    Opcode::PyExcFetch => {
                        em.emit(nb, o.results[0], NewOp::new(Opcode::TExcFetch, sp).result(Type::TObj));
                    }
                    Opcode::PyExcMatches => {
                        let e = em.use_as(nb, o.operands[0], Type::TObj, sp);
                        em.emit(nb, o.results[0], NewOp::new(Opcode::TExcMatches, sp).operands([e]).attr("kind", o.attr("kind").cloned().unwrap_or(Attr::Str(String::new()))).result(Type::Bool));
                    }
                    Opcode::PyExcReraise => {
                        let e = em.use_as(nb, o.operands[0], Type::TObj, sp);
                        em.out.append_op(nb, NewOp::new(Opcode::TExcReraise, sp).operands([e]));
                    }
                    Opcode::PyExcHandling => {
                        let e = em.use_as(nb, o.operands[0], Type::TObj, sp);
                        let what = o.expect_enum_attr::<Handling>("what");
                        em.out.append_op(nb, NewOp::new(Opcode::TExcHandling, sp).operands([e]).enum_attr("what", what));
                    }
                    Opcode::PyUndef => {
                        let t = ty_of(o.results[0]).ty().unwrap_or(Type::None);
                        em.emit(nb, o.results[0], NewOp::new(Opcode::TUndef, sp).result(t));
                    }
                    Opcode::PyLoadGlobal => {
                        let n = o.attr("name").cloned().unwrap_or(Attr::Sym(String::new()));
                        let t = self.globals.get(n.as_str().unwrap_or("")).and_then(|l| l.ty()).unwrap_or(Type::None);
                        em.emit(nb, o.results[0], NewOp::new(Opcode::TLoadGlobal, sp).attr("name", n).result(t));
                    }
                    Opcode::PyBindFunc => {
                        let n = o.attr("name").cloned().unwrap_or(Attr::Sym(String::new()));
                        let object: Vec<Value> = o.operands.iter().map(|&v| em.use_as(nb, v, Type::TObj, sp)).collect();
                        em.out.append_op(nb, NewOp::new(Opcode::TBindFunc, sp).operands(object).attr("name", n));
                    }
                    Opcode::PyMakeFunction => {
                        let args: Vec<Value> = o.operands.iter().map(|&v| em.use_as(nb, v, Type::TObj, sp)).collect();
                        let Some(key) = self.object_entry_key(o) else { continue };
                        let attr = |n: &str| o.attr(n).cloned().unwrap_or(Attr::Int(0));
                        em.emit(nb, o.results[0], NewOp::new(Opcode::TMakeFunction, sp).operands(args)
                            .attr("func", Attr::Sym(instance_name(self.hir, &key)))
                            .attr("argcount", attr("argcount")).attr("posonly", attr("posonly")).attr("varargs", attr("varargs")).attr("varkw", attr("varkw"))
                            .attr("bound", Attr::Int(key.1.len().saturating_sub(1) as i64))
                            .result(Type::TObj));
                    }
                    Opcode::PyCall | typed_by_rule!() if in_lats.contains(&Lat::Bottom) => em.undef_results(nb, o),
                    Opcode::PyFormat if em.sb.covers(op) => em.sb_field(nb, f, op),
                    Opcode::PyBuildString if em.sb.covers(op) => em.sb_build(nb, f, op),
                    Opcode::PyCall => {
                        let tys: Vec<Type> = in_lats.iter().filter_map(|l| l.ty()).collect();
                        let Some(ci) = self.callee(o) else { continue };
                        let callee = &self.hir.funcs[ci];
                        let (name, params) = (&callee.func.name, &callee.params);
                        // The front end binds every call to its callee's parameters (hir/calls.rs).
                        assert_eq!(params.len(), tys.len(), "invariant `call binding` broken: a call of {name} passes {} values for {} parameters", tys.len(), params.len());
                        let key = (ci, tys);
                        let rt = self.rets.get(&key).and_then(|l| l.ty()).unwrap_or(Type::None);
                        let args: Vec<Value> = o.operands.iter().map(|&v| em.vmap[&v]).collect();
                        let name = instance_name(self.hir, &key);
                        em.emit(nb, o.results[0], NewOp::new(Opcode::TCall, sp).operands(args).attr("callee", Attr::Sym(name)).result(rt));
                    }
                    Opcode::PyCallValue if self.direct_call(k.0, op).is_some() => {
                        // A call of the function object this function made, with exactly its
                        // positional parameters: its code, called directly (decisions/0057).
                        let Some(key) = self.direct_call(k.0, op) else { continue };
                        let args: Vec<Value> = o.operands.iter().map(|&v| em.use_as(nb, v, Type::TObj, sp)).collect();
                        let name = instance_name(self.hir, &key);
                        em.emit(nb, o.results[0], NewOp::new(Opcode::TCall, sp).operands(args).attr("callee", Attr::Sym(name)).attr("object", Attr::Int(1)).result(Type::TObj));
                    }
                    Opcode::PyClassNew | Opcode::PyCallValue | Opcode::PyCallMethod | Opcode::PyGetattr | Opcode::PySetattr | Opcode::PyTruth if self.known_class_op(o, &in_lats).is_some() => {
                        em.known_class(nb, o, &in_lats, self);
                    }
                    Opcode::PyCallMethod | Opcode::PyGetattr | Opcode::PySetattr | Opcode::PyTruth if !self.class_candidates(o, &in_lats).is_empty() => {
                        nb = em.class_guarded(nb, f, op, &in_lats, self);
                    }
                    typed_by_rule!() => {
                        let tys: Vec<Type> = in_lats.iter().filter_map(|l| l.ty()).collect();
                        if in_lats.iter().any(|l| l.is_boxed()) {
                            let (_, d) = rules::result_lats(f, op, &in_lats, false);
                            if let Some(d) = d {
                                diags.push(d);
                                em.undef_results(nb, o);
                                continue;
                            }
                        }
                        // range() arguments known only at run time: made ints first (`t.obj_index`).
                        if o.opcode == Opcode::PyRangeStart && tys.contains(&Type::TObj) {
                            let tys: Vec<Type> = tys.iter().map(|&t| if t == Type::TObj { Type::Int } else { t }).collect();
                            // The ints stand for the operands in this op only: the boxed values
                            // stay what the HIR values map to elsewhere (other blocks use them).
                            let mut saved = Vec::new();
                            for &v in &o.operands {
                                let x = em.vmap[&v];
                                if em.ty(x) == Type::TObj {
                                    let i = em.value(nb, NewOp::new(Opcode::TObjIndex, sp).operands([x]).result(Type::Int));
                                    saved.push((v, x));
                                    em.vmap.insert(v, i);
                                }
                            }
                            if let Rule::Typed(res) = rules::rule(f, op, &tys, self.tier0) {
                                em.frame_checks(nb, o);
                                em.typed(nb, f, op, &tys, &res, self);
                            }
                            em.vmap.extend(saved);
                            continue;
                        }
                        match rules::rule(f, op, &tys, self.tier0) {
                            Rule::Reject(d) => {
                                diags.push(d);
                                em.undef_results(nb, o);
                            }
                            Rule::Raise(kind, msg) => {
                                em.out.append_op(nb, NewOp::new(Opcode::TRaise, sp).attr("kind", Attr::Str(kind.into())).attr("msg", Attr::Str(msg)));
                                em.undef_results(nb, o);
                            }
                            Rule::Typed(res) => {
                                em.frame_checks(nb, o);
                                em.typed(nb, f, op, &tys, &res, self);
                            }
                            Rule::Generic(_) => {
                                em.frame_checks(nb, o);
                                nb = em.guarded(nb, f, op, &in_lats, self);
                            }
                        }
                    }
                    not_hir!() => em.undef_results(nb, o),
                }
            }
        }
        (out, diags)
    }
}

/// Whether a value of TIR type `t` is the runtime's object itself (a reference word), so that a
/// generic op's result can have that type when inference knows the runtime makes one.
fn runtime_reference(t: Type) -> bool {
    match t {
        Type::Int | Type::Str | Type::List | Type::Class(_) | Type::Inst(_) => true,
        Type::Obj | Type::Float | Type::Bool | Type::None | Type::TObj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr
        | Type::Ref | Type::Tuple(_) => false,
    }
}

/// One typed fast path of a guarded op: (the guarded operands' positions and the types they are
/// tested for, every operand's type on the path, the typed results' types).
type FastPath = (Vec<(usize, Type)>, Vec<Type>, Vec<Type>);

struct Emitter<'o, 'l> {
    out: &'o mut Func,
    vmap: HashMap<Value, Value>,
    lat: &'l HashMap<Value, Lat>,
    /// The f-strings that go through a str builder (`fstring.rs`).
    sb: fstring::Builders,
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

    fn ty(&self, v: Value) -> Type {
        self.out.values[v].ty
    }

    fn undef(&mut self, b: Block, t: Type, sp: Span) -> Value {
        self.value(b, NewOp::new(Opcode::TUndef, sp).result(t))
    }

    fn undef_results(&mut self, b: Block, o: &OpData) {
        for &r in &o.results {
            let t = self.lat.get(&r).and_then(|l| l.ty()).unwrap_or(Type::None);
            let v = self.undef(b, t, o.span);
            self.vmap.insert(r, v);
        }
    }

    /// The recursion-depth checks CPython makes when it runs this builtin.
    fn frame_checks(&mut self, b: Block, o: &OpData) {
        for &(levels, msg) in builtin_recursion_levels(o) {
            self.out.append_op(b, NewOp::new(Opcode::TFrameCheck, o.span).attr("levels", Attr::Int(levels)).attr("msg", Attr::Str(msg.into())));
        }
    }

    /// `t.release` of HIR value `v` when it may own an object with a finaliser (a suspended
    /// generator's makes the moment a variable lets go of it visible); nothing otherwise.
    fn release(&mut self, b: Block, v: Value, sp: Span) {
        let holds = match self.lat.get(&v).copied().unwrap_or(Lat::Bottom) {
            Lat::Boxed(ts) => ts.may_hold_objects(),
            Lat::T(t) => matches!(t, Type::TObj | Type::Tuple(_) | Type::List),
            Lat::Bottom => false,
        };
        if holds && let Some(&x) = self.vmap.get(&v) {
            self.out.append_op(b, NewOp::new(Opcode::TRelease, sp).operands([x]));
        }
    }

    /// An op on a known class or its instances that `Infer::known_class_op` types
    /// (decisions/0031): the class's creation, a constructor call, a direct method call, a
    /// layout field's read or write.
    fn known_class(&mut self, b: Block, o: &OpData, ins: &[Lat], inf: &Infer) {
        let sp = o.span;
        let attr = |n: &str| o.attr(n).cloned().unwrap_or(Attr::Str(String::new()));
        let operand = |s: &Self, i: usize| s.vmap[&o.operands[i]];
        let call = |s: &mut Self, key: &Key, args: Vec<Value>| {
            let rt = inf.rets.get(key).and_then(|l| l.ty()).unwrap_or(Type::None);
            s.value(b, NewOp::new(Opcode::TCall, sp).operands(args).attr("callee", Attr::Sym(instance_name(inf.hir, key))).result(rt))
        };
        if let Some(n) = inf.class_of_new(o).filter(|_| o.opcode == Opcode::PyClassNew) {
            let (bases, ns) = (self.boxed(b, operand(self, 0), sp), self.boxed(b, operand(self, 1), sp));
            let new = NewOp::new(Opcode::TKnownClassNew, sp).operands([bases, ns]).attr("name", attr("name")).attr("class", Attr::Int(i64::from(n)))
                .attr("fields", attr("fields")).result(Type::Class(n));
            self.emit(b, o.results[0], new);
        } else if let Some(c) = inf.construct(o, ins).filter(|_| o.opcode == Opcode::PyCallValue) {
            let new = NewOp::new(Opcode::TNewInstance, sp).operands([operand(self, 0)]).result(Type::Inst(c.class));
            let inst = self.emit(b, o.results[0], new);
            if let Some(key) = &c.init {
                let mut args = vec![inst];
                args.extend((1..o.operands.len()).map(|i| operand(self, i)));
                call(self, key, args);
            }
        } else if let Some(key) = inf.direct_method(o, ins).filter(|_| o.opcode == Opcode::PyCallMethod) {
            let args = (0..o.operands.len()).map(|i| operand(self, i)).collect();
            let r = call(self, &key, args);
            self.vmap.insert(o.results[0], r);
        } else if o.opcode == Opcode::PyTruth {
            // (`Infer::known_class_op`: an instance of a class without `__bool__`/`__len__`.)
            self.emit(b, o.results[0], NewOp::new(Opcode::TConst, sp).attr("value", Attr::Bool(true)).result(Type::Bool));
        } else if let Some(index) = inf.field(o, ins) {
            let index = Attr::Int(index as i64);
            if o.opcode == Opcode::PyGetattr {
                let t = inf.field_lat(o, ins).ty().unwrap_or(Type::TObj);
                let new = NewOp::new(Opcode::TGetField, sp).operands([operand(self, 0)]).attr("name", attr("name")).attr("index", index).result(t);
                self.emit(b, o.results[0], new);
            } else {
                // A float may be stored into the slot's float object (`l.slot_float_store`).
                let x = operand(self, 1);
                let v = if self.ty(x) == Type::Float { x } else { self.boxed(b, x, sp) };
                self.out.append_op(b, NewOp::new(Opcode::TSetField, sp).operands([operand(self, 0), v]).attr("name", attr("name")).attr("index", index));
            }
        }
    }

    /// An op on a boxed receiver that may be an instance of known classes
    /// (`Infer::class_candidates`): a guard per class (`t.is_type` of its instance type), its
    /// typed path (`known_class`), and the generic operation last; the results meet, boxed, in
    /// the returned join block.
    fn class_guarded(&mut self, nb: Block, f: &Func, op: OpId, ins: &[Lat], inf: &Infer) -> Block {
        let o = &f.ops[op];
        let sp = o.span;
        let recv_h = o.operands[0];
        let original = self.vmap[&recv_h];
        let recv = self.boxed(nb, original, sp);
        let r = o.results.first().copied();
        // A truth test gives a bool on every path; other results meet boxed.
        let want = if o.opcode == Opcode::PyTruth { Type::Bool } else { Type::TObj };
        let join = self.out.new_block();
        let jp = r.map(|_| self.out.add_block_param(join, want));
        let mut test = nb;
        for c in inf.class_candidates(o, ins) {
            let t = Type::Inst(c);
            let is = self.value(test, NewOp::new(Opcode::TIsType, sp).operands([recv]).attr("type", Attr::Type(t)).result(Type::Bool));
            let (pass, next) = (self.out.new_block(), self.out.new_block());
            self.out.append_op(test, NewOp::new(Opcode::CfCondBr, sp).operands([is]).successor(pass, vec![]).successor(next, vec![]));
            let u = self.value(pass, NewOp::new(Opcode::TUnbox, sp).operands([recv]).result(t));
            self.vmap.insert(recv_h, u);
            let mut typed = ins.to_vec();
            typed[0] = Lat::T(t);
            self.known_class(pass, o, &typed, inf);
            let args = r.map(|r| self.use_as(pass, r, want, sp)).into_iter().collect();
            self.out.append_op(pass, NewOp::new(Opcode::CfBr, sp).successor(join, args));
            test = next;
        }
        self.vmap.insert(recv_h, original);
        self.generic(test, f, op);
        let args = r.map(|r| self.use_as(test, r, want, sp)).into_iter().collect();
        self.out.append_op(test, NewOp::new(Opcode::CfBr, sp).successor(join, args));
        if let (Some(r), Some(jp)) = (r, jp) {
            self.vmap.insert(r, jp);
        }
        join
    }

    /// `v` as a `!t.obj` (boxed if it is typed).
    fn boxed(&mut self, b: Block, v: Value, sp: Span) -> Value {
        if self.ty(v) == Type::TObj { v } else { self.value(b, NewOp::new(Opcode::TBox, sp).operands([v]).result(Type::TObj)) }
    }

    /// The TIR value of HIR value `v`, as type `want`: boxed where a boxed value is wanted;
    /// unreachable (Bottom) values become undef.
    fn use_as(&mut self, b: Block, v: Value, want: Type, sp: Span) -> Value {
        match self.vmap.get(&v) {
            Some(&t) if self.ty(t) == want => t,
            Some(&t) if want == Type::TObj => self.boxed(b, t, sp),
            // A different type only reaches here where a conflict was already reported.
            Some(_) => self.undef(b, want, sp),
            None => match self.lat.get(&v).copied().unwrap_or(Lat::Bottom) {
                Lat::Bottom => self.undef(b, want, sp),
                // A typed value used before it was emitted would silently become undef.
                Lat::T(_) | Lat::Boxed(_) => panic!("invariant `dominance order` broken in TIR emission: a typed value is used before its definition was emitted"),
            },
        }
    }

    /// Coerces a numeric TIR value to int (bool) or float (int/bool).
    fn coerce(&mut self, b: Block, v: Value, want: Type, sp: Span) -> Value {
        let have = self.ty(v);
        match (have, want) {
            (h, w) if h == w => v,
            (Type::Bool, Type::Int) => self.value(b, NewOp::new(Opcode::TBoolToInt, sp).operands([v]).result(Type::Int)),
            (Type::Bool, Type::Float) => {
                let i = self.coerce(b, v, Type::Int, sp);
                self.coerce(b, i, Type::Float, sp)
            }
            (Type::Int, Type::Float) => self.value(b, NewOp::new(Opcode::TIntToFloat, sp).operands([v]).result(Type::Float)),
            // No conversion: inference never asks for one (an undefined value marks the spot).
            (Type::Obj | Type::Int | Type::Float | Type::Bool | Type::None | Type::Str | Type::TObj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_), _) => self.undef(b, want, sp),
        }
    }

    /// A generic op on boxed values, behind guards where a boxed operand may be an int or a
    /// float: for each such candidate type of the first boxed operand (int, then float), a test
    /// of every boxed operand leads to the typed fast path; a failing test of the first operand
    /// tries the next candidate, any other failing test goes to the generic fallback. Returns the
    /// block to continue in.
    fn guarded(&mut self, nb: Block, f: &Func, op: OpId, in_lats: &[Lat], inf: &Infer<'_>) -> Block {
        let o = &f.ops[op];
        let sp = o.span;
        let guardable = matches!(o.opcode, Opcode::PyBinop | Opcode::PyInplaceBinop)
            || (o.opcode == Opcode::PyCompare && !rules::is_identity(o.expect_enum_attr("op")))
            || (o.opcode == Opcode::PyUnop && match o.expect_enum_attr::<UnaryOp>("op") {
                UnaryOp::Not => false,
                UnaryOp::Neg | UnaryOp::Pos | UnaryOp::Invert | UnaryOp::Abs => true,
            });
        let boxed: Vec<usize> = (0..in_lats.len()).filter(|&i| in_lats[i].is_boxed()).collect();
        let r = o.results.first().copied();
        // The fast paths, one per candidate.
        let mut fast_paths: Vec<FastPath> = Vec::new();
        if let (true, Some(&first), Some(_)) = (guardable, boxed.first(), r) {
            for cand in [Type::Int, Type::Float].into_iter().filter(|t| in_lats[first].members().contains(*t)) {
                let guards: Vec<(usize, Type)> = boxed.iter().filter_map(|&i| {
                    let m = in_lats[i].members();
                    let t = if m.contains(cand) { Some(cand) } else { m.likely() };
                    t.map(|t| (i, t))
                }).collect();
                if guards.len() != boxed.len() {
                    continue;
                }
                let tys: Vec<Type> = in_lats.iter().enumerate()
                    .map(|(i, l)| guards.iter().find(|g| g.0 == i).map_or(l.ty().unwrap_or(Type::None), |g| g.1))
                    .collect();
                if !tys.iter().all(|&t| numeric(t)) {
                    continue;
                }
                if let Rule::Typed(res) = rules::rule(f, op, &tys, true) {
                    fast_paths.push((guards, tys, res));
                }
            }
        }
        let Some(r) = r.filter(|_| !fast_paths.is_empty()) else {
            self.generic(nb, f, op);
            return nb;
        };
        let want = self.lat.get(&r).and_then(|l| l.ty()).unwrap_or(Type::TObj);
        let slow = self.out.new_block();
        let join = self.out.new_block();
        let jp = self.out.add_block_param(join, want);
        let originals: Vec<(Value, Value)> = boxed.iter().map(|&i| (o.operands[i], self.vmap[&o.operands[i]])).collect();
        let mut test_block = nb;
        let n = fast_paths.len();
        for (k, (guards, tys, res)) in fast_paths.into_iter().enumerate() {
            // The first operand's failing test tries the next candidate (or the fallback).
            let next_candidate = if k + 1 < n { self.out.new_block() } else { slow };
            let mut cur = test_block;
            for (j, &(i, t)) in guards.iter().enumerate() {
                let x = originals.iter().find(|(h, _)| *h == o.operands[i]).map_or(self.vmap[&o.operands[i]], |p| p.1);
                let c = self.value(cur, NewOp::new(Opcode::TIsType, sp).operands([x]).attr("type", Attr::Type(t)).result(Type::Bool));
                let pass = self.out.new_block();
                let fail = if j == 0 { next_candidate } else { slow };
                self.out.append_op(cur, NewOp::new(Opcode::CfCondBr, sp).operands([c]).successor(pass, vec![]).successor(fail, vec![]));
                let u = self.value(pass, NewOp::new(Opcode::TUnbox, sp).operands([x]).result(t));
                self.vmap.insert(o.operands[i], u);
                cur = pass;
            }
            // Fast path: the typed op on the unboxed operands.
            self.typed(cur, f, op, &tys, &res, inf);
            let fast_r = self.vmap[&r];
            let fast_r = if want == Type::TObj { self.boxed(cur, fast_r, sp) } else { fast_r };
            let fast_r = if self.ty(fast_r) == want { fast_r } else { self.undef(cur, want, sp) };
            self.out.append_op(cur, NewOp::new(Opcode::CfBr, sp).successor(join, vec![fast_r]));
            for &(hv, orig) in &originals {
                self.vmap.insert(hv, orig);
            }
            test_block = next_candidate;
        }
        // Fallback: the generic op on the boxed operands.
        self.generic(slow, f, op);
        let slow_r = self.vmap[&r];
        let slow_r = if self.ty(slow_r) == want { slow_r } else { self.undef(slow, want, sp) };
        self.out.append_op(slow, NewOp::new(Opcode::CfBr, sp).successor(join, vec![slow_r]));
        self.vmap.insert(r, jp);
        join
    }

    fn typed(&mut self, b: Block, f: &Func, op: OpId, tys: &[Type], res: &[Type], inf: &Infer<'_>) {
        let o = &f.ops[op];
        let sp = o.span;
        let ops: Vec<Value> = o.operands.iter().map(|v| self.vmap[v]).collect();
        let attr = |n: &str| o.attr(n).cloned().unwrap_or(Attr::Str(String::new()));
        let r0 = o.results.first().copied();
        match o.opcode {
            Opcode::PyReturnGenerator => {
                self.out.append_op(b, NewOp::new(Opcode::TReturnGenerator, sp).attr("name", attr("name")).attr("qualname", attr("qualname")));
            }
            Opcode::PyRelease | Opcode::PyDeleteVar => self.release(b, o.operands[0], sp),
            Opcode::PyCheckBound => {
                // The flag is a bool (constants and block arguments joining them).
                let flag = ops[0];
                let flag = if tys[0] == Type::Bool {
                    flag
                } else {
                    let boxed = self.boxed(b, flag, sp);
                    self.value(b, NewOp::new(Opcode::TObjTruth, sp).operands([boxed]).result(Type::Bool))
                };
                self.out.append_op(b, NewOp::new(Opcode::TCheckBound, sp).operands([flag]).attr("kind", attr("kind")).attr("msg", attr("msg")));
            }
            Opcode::PyConst => {
                if let Some(r) = r0 {
                    self.emit(b, r, NewOp::new(Opcode::TConst, sp).attr("value", attr("value")).result(res[0]));
                }
            }
            Opcode::PyBinop | Opcode::PyInplaceBinop => {
                let Some(r) = r0 else { return };
                let bop = o.expect_enum_attr::<ArithOp>("op");
                if res[0] == Type::Bool {
                    // bool & | ^ bool is a bool: and = a ? b : a, or = a ? a : b, xor = a ? !b : b.
                    let (x, y) = (ops[0], ops[1]);
                    let v = match bop {
                        ArithOp::And => NewOp::new(Opcode::TSelect, sp).operands([x, y, x]),
                        ArithOp::Or => NewOp::new(Opcode::TSelect, sp).operands([x, x, y]),
                        ArithOp::Xor => {
                            let ny = self.value(b, NewOp::new(Opcode::TNot, sp).operands([y]).result(Type::Bool));
                            NewOp::new(Opcode::TSelect, sp).operands([x, ny, y])
                        }
                        // The rules give a bool result only for `&`, `|` and `^` of bools.
                        ArithOp::Add | ArithOp::Sub | ArithOp::Mul | ArithOp::TrueDiv | ArithOp::FloorDiv | ArithOp::Mod | ArithOp::Pow
                        | ArithOp::LShift | ArithOp::RShift => {
                            self.undef_results(b, o);
                            return;
                        }
                    };
                    self.emit(b, r, v.result(Type::Bool));
                } else if res[0] == Type::Int {
                    let (x, y) = (self.coerce(b, ops[0], Type::Int, sp), self.coerce(b, ops[1], Type::Int, sp));
                    self.emit(b, r, NewOp::new(Opcode::TIntBinop, sp).operands([x, y]).enum_attr("op", bop).result(Type::Int));
                } else if tys.iter().all(|t| *t != Type::Float) {
                    // int / int, or int ** int with a negative exponent.
                    let (x, y) = (self.coerce(b, ops[0], Type::Int, sp), self.coerce(b, ops[1], Type::Int, sp));
                    let opc = if bop == ArithOp::Pow { Opcode::TIntPowFloat } else { Opcode::TIntTruediv };
                    self.emit(b, r, NewOp::new(opc, sp).operands([x, y]).result(Type::Float));
                } else {
                    let (x, y) = (self.coerce(b, ops[0], Type::Float, sp), self.coerce(b, ops[1], Type::Float, sp));
                    self.emit(b, r, NewOp::new(Opcode::TFloatBinop, sp).operands([x, y]).enum_attr("op", bop).result(Type::Float));
                }
            }
            Opcode::PyUnop => {
                let Some(r) = r0 else { return };
                match (o.expect_enum_attr::<UnaryOp>("op"), res[0]) {
                    (UnaryOp::Not, _) => {
                        let t = self.value(b, NewOp::new(Opcode::TTruth, sp).operands([ops[0]]).result(Type::Bool));
                        self.emit(b, r, NewOp::new(Opcode::TNot, sp).operands([t]).result(Type::Bool));
                    }
                    (UnaryOp::Neg, Type::Int) => {
                        let x = self.coerce(b, ops[0], Type::Int, sp);
                        self.emit(b, r, NewOp::new(Opcode::TIntNeg, sp).operands([x]).result(Type::Int));
                    }
                    (UnaryOp::Invert, Type::Int) => {
                        let x = self.coerce(b, ops[0], Type::Int, sp);
                        self.emit(b, r, NewOp::new(Opcode::TIntInvert, sp).operands([x]).result(Type::Int));
                    }
                    (UnaryOp::Neg, _) => {
                        self.emit(b, r, NewOp::new(Opcode::TFloatNeg, sp).operands([ops[0]]).result(Type::Float));
                    }
                    (UnaryOp::Pos | UnaryOp::Invert | UnaryOp::Abs, t) => {
                        let x = self.coerce(b, ops[0], t, sp);
                        self.vmap.insert(r, x);
                    }
                }
            }
            Opcode::PyCompare if rules::is_identity(o.expect_enum_attr("op")) => {
                let Some(r) = r0 else { return };
                let is = o.expect_enum_attr::<CmpOp>("op") == CmpOp::Is;
                let v = match (tys[0], tys[1]) {
                    // The same singleton type: None is None; a bool is the other when equal.
                    (Type::Bool, Type::Bool) => {
                        let ny = self.value(b, NewOp::new(Opcode::TNot, sp).operands([ops[1]]).result(Type::Bool));
                        let same = self.value(b, NewOp::new(Opcode::TSelect, sp).operands([ops[0], ops[1], ny]).result(Type::Bool));
                        if is { same } else { self.value(b, NewOp::new(Opcode::TNot, sp).operands([same]).result(Type::Bool)) }
                    }
                    (x, y) => self.value(b, NewOp::new(Opcode::TConst, sp).attr("value", Attr::Bool((x == y) == is)).result(Type::Bool)),
                };
                self.vmap.insert(r, v);
            }
            Opcode::PyCompare => {
                let Some(r) = r0 else { return };
                let cop = o.expect_enum_attr::<CmpOp>("op");
                let (a, bt) = (tys[0], tys[1]);
                if numeric(a) && numeric(bt) {
                    let fa = a == Type::Float;
                    let fb = bt == Type::Float;
                    let v = match (fa, fb) {
                        (false, false) => {
                            let (x, y) = (self.coerce(b, ops[0], Type::Int, sp), self.coerce(b, ops[1], Type::Int, sp));
                            NewOp::new(Opcode::TIntCmp, sp).operands([x, y]).enum_attr("op", cop)
                        }
                        (true, true) => NewOp::new(Opcode::TFloatCmp, sp).operands([ops[0], ops[1]]).enum_attr("op", cop),
                        (false, true) => {
                            let x = self.coerce(b, ops[0], Type::Int, sp);
                            NewOp::new(Opcode::TIntFloatCmp, sp).operands([x, ops[1]]).enum_attr("op", cop)
                        }
                        (true, false) => {
                            let y = self.coerce(b, ops[1], Type::Int, sp);
                            NewOp::new(Opcode::TIntFloatCmp, sp).operands([y, ops[0]]).enum_attr("op", rules::swapped(cop))
                        }
                    };
                    self.emit(b, r, v.result(Type::Bool));
                } else if a == Type::None && bt == Type::None {
                    self.emit(b, r, NewOp::new(Opcode::TNoneCmp, sp).operands([ops[0], ops[1]]).enum_attr("op", cop).result(Type::Bool));
                } else {
                    // Different kinds of value: `==` is False, `!=` is True.
                    self.emit(b, r, NewOp::new(Opcode::TConst, sp).attr("value", Attr::Bool(cop == CmpOp::Ne)).result(Type::Bool));
                }
            }
            Opcode::PyTruth => {
                let Some(r) = r0 else { return };
                self.emit(b, r, NewOp::new(Opcode::TTruth, sp).operands([ops[0]]).result(Type::Bool));
            }
            Opcode::PyMathCall => {
                let Some(r) = r0 else { return };
                let x = self.coerce(b, ops[0], Type::Float, sp);
                self.emit(b, r, NewOp::new(Opcode::TMathFloat, sp).operands([x]).attr("fn", attr("fn")).result(Type::Float));
            }
            Opcode::PyBuiltin => {
                let Some(r) = r0 else { return };
                match o.expect_enum_attr::<Builtin>("name") {
                    Builtin::Abs if res[0] == Type::Int => {
                        let x = self.coerce(b, ops[0], Type::Int, sp);
                        self.emit(b, r, NewOp::new(Opcode::TIntAbs, sp).operands([x]).result(Type::Int));
                    }
                    Builtin::Abs => {
                        self.emit(b, r, NewOp::new(Opcode::TFloatAbs, sp).operands([ops[0]]).result(Type::Float));
                    }
                    Builtin::Int if tys[0] == Type::Float => {
                        self.emit(b, r, NewOp::new(Opcode::TFloatToInt, sp).operands([ops[0]]).result(Type::Int));
                    }
                    Builtin::Int | Builtin::Float => {
                        let x = self.coerce(b, ops[0], res[0], sp);
                        self.vmap.insert(r, x);
                    }
                    Builtin::List => {
                        self.emit(b, r, NewOp::new(Opcode::TListNew, sp).result(Type::List));
                    }
                    // Always generic (`rules::builtin_rule`).
                    Builtin::Str | Builtin::Repr | Builtin::Len | Builtin::Hash | Builtin::Type | Builtin::IsInstance | Builtin::Format
                    | Builtin::Ascii | Builtin::Dict | Builtin::Set | Builtin::Frozenset | Builtin::Range | Builtin::Enumerate | Builtin::Zip | Builtin::Reversed | Builtin::Sum | Builtin::Any
                    | Builtin::All | Builtin::Next | Builtin::Iter | Builtin::Round | Builtin::Divmod | Builtin::Ord | Builtin::Chr | Builtin::Id => {
                        self.undef_results(b, o);
                    }
                    which @ (Builtin::Min | Builtin::Max) => {
                        // min(a, b) = b if b < a else a; max(a, b) = b if b > a else a (CPython's order).
                        let t = tys[0];
                        let cmp = if which == Builtin::Min { CmpOp::Lt } else { CmpOp::Gt };
                        let c = match t {
                            Type::Float => NewOp::new(Opcode::TFloatCmp, sp).operands([ops[1], ops[0]]),
                            // The rules type min/max only over numbers: an int (or bool) comparison.
                            Type::Obj | Type::Int | Type::Bool | Type::None | Type::Str | Type::TObj | Type::Index | Type::I64 | Type::F64
                            | Type::I1 | Type::Ptr | Type::Ref | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_) => {
                                let (x, y) = (self.coerce(b, ops[1], Type::Int, sp), self.coerce(b, ops[0], Type::Int, sp));
                                NewOp::new(Opcode::TIntCmp, sp).operands([x, y])
                            }
                        };
                        let c = self.value(b, c.enum_attr("op", cmp).result(Type::Bool));
                        self.emit(b, r, NewOp::new(Opcode::TSelect, sp).operands([c, ops[1], ops[0]]).result(t));
                    }
                }
            }
            Opcode::PyRaise => self.raise_boxed(b, Opcode::TRaiseObj, &ops, sp),
            Opcode::PyRaiseFrom => self.raise_boxed(b, Opcode::TRaiseFrom, &ops, sp),
            Opcode::PyRaiseActive => self.raise_boxed(b, Opcode::TRaiseActive, &ops, sp),
            Opcode::PyRaiseNew => {
                let args: Vec<Value> = ops.iter().map(|&v| self.boxed(b, v, sp)).collect();
                self.out.append_op(b, NewOp::new(Opcode::TRaiseNew, sp).operands(args).attr("kind", attr("kind")));
            }
            Opcode::PyPrint => {
                self.out.append_op(b, NewOp::new(Opcode::TPrint, sp).operands(ops).attr("sep", attr("sep")).attr("end", attr("end")));
            }
            Opcode::PyStoreGlobal => {
                let name = attr("name");
                let want = inf.globals.get(name.as_str().unwrap_or("")).and_then(|l| l.ty()).unwrap_or(tys[0]);
                let v = match (self.ty(ops[0]), want) {
                    (h, w) if h == w => ops[0],
                    (_, Type::TObj) => self.boxed(b, ops[0], sp),
                    (Type::Obj | Type::Int | Type::Float | Type::Bool | Type::None | Type::Str | Type::TObj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_), _) => self.undef(b, want, sp),
                };
                self.out.append_op(b, NewOp::new(Opcode::TStoreGlobal, sp).operands([v]).attr("name", name));
            }
            Opcode::PyRangeStart => {
                let v: Vec<Value> = ops.iter().map(|&v| self.coerce(b, v, Type::Int, sp)).collect();
                let id = self.out.append_op(b, NewOp::new(Opcode::TRangeStart, sp).operands(v).result(Type::Index).result(Type::Index).result(Type::Index));
                let rs = self.out.ops[id].results.clone();
                for (h, t) in o.results.iter().zip(rs) {
                    self.vmap.insert(*h, t);
                }
            }
            Opcode::PyRangeCond => {
                let Some(r) = r0 else { return };
                self.emit(b, r, NewOp::new(Opcode::TRangeCond, sp).operands(ops).result(Type::Bool));
            }
            Opcode::PyRangeValue => {
                let Some(r) = r0 else { return };
                self.emit(b, r, NewOp::new(Opcode::TRangeValue, sp).operands(ops).result(Type::Int));
            }
            Opcode::PyRangeNext => {
                let id = self.out.append_op(b, NewOp::new(Opcode::TRangeNext, sp).operands(ops).result(Type::Index).result(Type::Bool));
                let rs = self.out.ops[id].results.clone();
                self.vmap.insert(o.results[0], rs[0]);
                self.vmap.insert(o.results[1], rs[1]);
            }
            Opcode::PyTuple => {
                let Some(r) = r0 else { return };
                let t = self.value(b, NewOp::new(Opcode::TTupleNew, sp).operands(ops).result(res[0]));
                // A tuple whose lattice value is boxed (its items' types were given up on) is
                // boxed once made: its uses (an enclosing tuple's item type) expect an object.
                let boxed = self.lat.get(&r).and_then(|l| l.ty()) == Some(Type::TObj);
                let v = if boxed { self.boxed(b, t, sp) } else { t };
                self.vmap.insert(r, v);
            }
            Opcode::PyBuildString => {
                let Some(r) = r0 else { return };
                let parts: Vec<Value> = ops.iter().map(|&v| if self.ty(v) == Type::Str { v } else { self.undef(b, Type::Str, sp) }).collect();
                self.emit(b, r, NewOp::new(Opcode::TStrBuild, sp).operands(parts).result(Type::Str));
            }
            Opcode::PyList => {
                let Some(r) = r0 else { return };
                let items: Vec<Value> = ops.iter().map(|&v| self.boxed(b, v, sp)).collect();
                self.emit(b, r, NewOp::new(Opcode::TListNew, sp).operands(items).result(Type::List));
            }
            Opcode::PyUnpack => {
                for (i, (&r, &t)) in o.results.iter().zip(res).enumerate() {
                    self.emit(b, r, NewOp::new(Opcode::TTupleGet, sp).operands([ops[0]]).attr("index", Attr::Int(i as i64)).result(t));
                }
            }
            Opcode::PySubscript => {
                let Some(r) = r0 else { return };
                let len = tys[0].tuple_elems().map_or(0, <[Type]>::len);
                let Some(k) = rules::const_int(f, o.operands[1]).and_then(|k| rules::tuple_index(k, len)) else {
                    self.undef_results(b, o);
                    return;
                };
                self.emit(b, r, NewOp::new(Opcode::TTupleGet, sp).operands([ops[0]]).attr("index", Attr::Int(k as i64)).result(res[0]));
            }
            // No typed form: always generic, or handled by `emit`.
            Opcode::PyUndef | Opcode::PyCall | Opcode::PyExcNew | Opcode::PyExcFetch | Opcode::PyExcMatches | Opcode::PyExcReraise
            | Opcode::PyExcHandling | Opcode::PyLoadGlobal | Opcode::PyBindFunc | Opcode::PyGetattr | Opcode::PyBuiltinClass
            | Opcode::PyContains | Opcode::PyIter | Opcode::PyIterNext | Opcode::PyFormat | Opcode::PyGetslice | Opcode::CfBr | Opcode::CfCondBr | Opcode::CfIfRaised
            | Opcode::PySetitem | Opcode::PyDelitem | Opcode::PySetslice | Opcode::PyDelslice | Opcode::PyCallMethod
            | Opcode::PyDict | Opcode::PySet | Opcode::PyListExtendStar | Opcode::PyListToTuple | Opcode::PyUnpackEx | Opcode::CfUnreachable | Opcode::CfReturn
            | Opcode::PyYieldFromSend | Opcode::PyMakeFunction | Opcode::PyCallValue | Opcode::PyCellNew | Opcode::PyCellGet | Opcode::PyCellSet | Opcode::PyFunctionCell | Opcode::PyCallValueEx | Opcode::PyKwargsMerge | Opcode::PyDictUpdate | Opcode::PySetattr | Opcode::PyDelattr | Opcode::PyClassNew | Opcode::PyExcMatchesClass | Opcode::PyMatchShape | Opcode::PyMatchClass | Opcode::PyMatchKeys | Opcode::PyWithEnter | Opcode::PyWithExit | Opcode::PyImportNative | Opcode::PyImportUser | Opcode::PyImportFrom | Opcode::PyDeleteGlobal | Opcode::PyYield | not_hir!() => self.undef_results(b, o),
        }
    }

    /// `raise` of boxed operands (`t.raise_obj`, `t.raise_from`, `t.raise_active`).
    fn raise_boxed(&mut self, b: Block, opc: Opcode, ops: &[Value], sp: Span) {
        let args: Vec<Value> = ops.iter().map(|&v| self.boxed(b, v, sp)).collect();
        self.out.append_op(b, NewOp::new(opc, sp).operands(args));
    }
}
