//! TIR → LIR: Python scalar types become machine types; typed operations become checked
//! machine operations or calls into the runtime's C ABI.
//!
//! Relies on: verified TIR (every value has a TIR scalar type; strings only as `t.const`
//! operands of `t.print`, which inference guarantees). Provides: verified-shape LIR where int →
//! `i64`, float → `f64`, bool → `i1`, None → `i1` (always 0), str → `ptr`. Operations whose
//! CPython semantics need a branch (range checks) split the block; the continuation keeps the
//! rest of the ops. Runtime callees are named by their ABI symbol (`runtime/src/abi.rs`); the
//! code generator checks them against the ABI table.

use std::collections::HashMap;

use molt_ir::{Attr, Block, F64, Func, Global, Module, NewOp, Opcode, Span, Type, Value, ValueDef};

use crate::infer::TirModule;

pub fn machine_type(t: Type) -> Type {
    match t {
        Type::Int => Type::I64,
        Type::Float => Type::F64,
        Type::Bool | Type::None => Type::I1,
        Type::Str => Type::Ptr,
        other => other,
    }
}

pub fn lower_module(tir: &TirModule) -> Module {
    let mut m = Module::default();
    for g in &tir.module.globals {
        m.globals.push(Global { name: g.name.clone(), ty: machine_type(g.ty) });
    }
    for f in &tir.module.funcs {
        m.funcs.push(lower_func(f, tir));
    }
    m
}

struct L<'a> {
    src: &'a Func,
    out: Func,
    vmap: HashMap<Value, Value>,
    cur: Block,
    tir: &'a TirModule,
}

pub fn lower_func(f: &Func, tir: &TirModule) -> Func {
    let mut out = Func::new(f.name.clone(), f.results.iter().map(|t| machine_type(*t)).collect());
    out.span = f.span;
    let mut bmap = HashMap::new();
    let mut vmap = HashMap::new();
    for &b in &f.layout {
        let nb = out.new_block();
        bmap.insert(b, nb);
        for &p in &f.blocks[b].params {
            let np = out.add_block_param(nb, machine_type(f.values[p].ty));
            vmap.insert(p, np);
        }
    }
    let first = bmap.get(&f.layout[0]).copied().unwrap_or_else(|| out.new_block());
    let mut l = L { src: f, out, vmap, cur: first, tir };
    // Definitions before uses: walk blocks in dominance order, not layout order.
    for b in f.dominance_order() {
        l.cur = bmap[&b];
        for &op in &f.blocks[b].ops {
            l.op(op, &bmap);
        }
    }
    l.out
}

impl L<'_> {
    fn v(&self, v: Value) -> Value {
        self.vmap[&v]
    }

    fn push(&mut self, op: NewOp) -> Option<Value> {
        let id = self.out.append_op(self.cur, op);
        self.out.ops[id].results.first().copied()
    }

    fn val(&mut self, op: NewOp) -> Value {
        let id = self.out.append_op(self.cur, op);
        self.out.result(id)
    }

    fn konst(&mut self, a: Attr, t: Type, sp: Span) -> Value {
        self.val(NewOp::new(Opcode::LConst, sp).attr("value", a).result(t))
    }

    fn zero(&mut self, t: Type, sp: Span) -> Value {
        let a = match t {
            Type::F64 => Attr::Float(F64(0.0)),
            Type::I1 => Attr::Bool(false),
            _ => Attr::Int(0),
        };
        if t == Type::Ptr {
            return self.val(NewOp::new(Opcode::LStr, sp).attr("value", Attr::Str(String::new())).result(Type::Ptr));
        }
        self.konst(a, t, sp)
    }

    fn rt(&mut self, checked: bool, callee: &str, args: Vec<Value>, result: Option<Type>, sp: Span) -> Option<Value> {
        let opc = if checked { Opcode::LCallRtChecked } else { Opcode::LCallRt };
        let mut op = NewOp::new(opc, sp).operands(args).attr("callee", Attr::Sym(callee.into()));
        if let Some(t) = result {
            op = op.result(t);
        }
        self.push(op)
    }

    fn icmp(&mut self, op: &str, a: Value, b: Value, sp: Span) -> Value {
        self.val(NewOp::new(Opcode::LIcmp, sp).operands([a, b]).attr("op", Attr::Str(op.into())).result(Type::I1))
    }

    fn print_text(&mut self, s: &str, sp: Span) {
        if s.is_empty() {
            return;
        }
        let p = self.val(NewOp::new(Opcode::LStr, sp).attr("value", Attr::Str(s.into())).result(Type::Ptr));
        let n = self.konst(Attr::Int(s.len() as i64), Type::I64, sp);
        self.rt(false, "molt_print_str", vec![p, n], None, sp);
    }

    /// The literal text of a TIR string value (inference keeps strings as constants).
    fn str_literal(&self, v: Value) -> Option<String> {
        match self.src.values[v].def {
            ValueDef::Result(op, _) => self.src.ops[op].attr("value").and_then(Attr::as_str).map(str::to_string),
            ValueDef::Param(..) => None,
        }
    }

    fn op(&mut self, op: molt_ir::OpId, bmap: &HashMap<Block, Block>) {
        let o = &self.src.ops[op];
        let sp = o.span;
        let ops: Vec<Value> = o.operands.iter().map(|&v| self.v(v)).collect();
        let attr = |n: &str| o.attr(n).cloned().unwrap_or(Attr::Str(String::new()));
        let opname = attr("op").as_str().unwrap_or("").to_string();
        let res_ty = o.results.first().map(|&r| self.src.values[r].ty);
        let result = match o.opcode {
            Opcode::CfBr | Opcode::CfCondBr | Opcode::CfReturn => {
                let mut new = NewOp::new(o.opcode, sp).operands(ops);
                for s in &o.successors {
                    new = new.successor(bmap[&s.block], s.args.iter().map(|&a| self.v(a)).collect());
                }
                self.push(new);
                None
            }
            Opcode::TConst => {
                let t = res_ty.unwrap_or(Type::None);
                Some(match (t, attr("value")) {
                    (Type::None, _) => self.konst(Attr::Bool(false), Type::I1, sp),
                    (Type::Str, a) => self.val(NewOp::new(Opcode::LStr, sp).attr("value", a).result(Type::Ptr)),
                    (t, a) => self.konst(a, machine_type(t), sp),
                })
            }
            Opcode::TUndef => Some(self.zero(machine_type(res_ty.unwrap_or(Type::None)), sp)),
            Opcode::TIntBinop => match opname.as_str() {
                "pow" => self.rt(true, "molt_int_pow", ops, Some(Type::I64), sp),
                _ => self.push(NewOp::new(Opcode::LIarith, sp).operands(ops).attr("op", attr("op")).result(Type::I64)),
            },
            Opcode::TIntTruediv => self.rt(true, "molt_int_truediv", ops, Some(Type::F64), sp),
            Opcode::TIntPowFloat => {
                let a = self.val(NewOp::new(Opcode::LCast, sp).operands([ops[0]]).attr("op", Attr::Str("sitofp".into())).result(Type::F64));
                let b = self.val(NewOp::new(Opcode::LCast, sp).operands([ops[1]]).attr("op", Attr::Str("sitofp".into())).result(Type::F64));
                self.rt(true, "molt_float_pow", vec![a, b], Some(Type::F64), sp)
            }
            Opcode::TFloatBinop => match opname.as_str() {
                "add" | "sub" | "mul" => self.push(NewOp::new(Opcode::LFarith, sp).operands(ops).attr("op", attr("op")).result(Type::F64)),
                "truediv" => self.push(NewOp::new(Opcode::LFdiv, sp).operands(ops).result(Type::F64)),
                "floordiv" => self.rt(true, "molt_float_floordiv", ops, Some(Type::F64), sp),
                "mod" => self.rt(true, "molt_float_mod", ops, Some(Type::F64), sp),
                _ => self.rt(true, "molt_float_pow", ops, Some(Type::F64), sp),
            },
            Opcode::TIntNeg => self.push(NewOp::new(Opcode::LIneg, sp).operands(ops).attr("op", Attr::Str("neg".into())).result(Type::I64)),
            Opcode::TIntAbs => self.push(NewOp::new(Opcode::LIneg, sp).operands(ops).attr("op", Attr::Str("abs".into())).result(Type::I64)),
            Opcode::TFloatNeg => self.push(NewOp::new(Opcode::LCast, sp).operands(ops).attr("op", Attr::Str("fneg".into())).result(Type::F64)),
            Opcode::TFloatAbs => self.push(NewOp::new(Opcode::LCast, sp).operands(ops).attr("op", Attr::Str("fabs".into())).result(Type::F64)),
            Opcode::TIntCmp => Some(self.icmp(&opname, ops[0], ops[1], sp)),
            Opcode::TFloatCmp => self.push(NewOp::new(Opcode::LFcmp, sp).operands(ops).attr("op", attr("op")).result(Type::I1)),
            Opcode::TIntFloatCmp => {
                // molt_cmp_int_float: -1, 0, 1, or 2 when the float is NaN.
                let r = self.rt(false, "molt_cmp_int_float", ops, Some(Type::I64), sp).unwrap_or_else(|| self.zero(Type::I64, sp));
                let zero = self.konst(Attr::Int(0), Type::I64, sp);
                let one = self.konst(Attr::Int(1), Type::I64, sp);
                Some(match opname.as_str() {
                    "lt" => self.icmp("lt", r, zero, sp),
                    "le" => self.icmp("le", r, zero, sp),
                    "gt" => self.icmp("eq", r, one, sp),
                    "ge" => {
                        let ge0 = self.icmp("ge", r, zero, sp);
                        let le1 = self.icmp("le", r, one, sp);
                        let f = self.konst(Attr::Bool(false), Type::I1, sp);
                        self.val(NewOp::new(Opcode::LSelect, sp).operands([ge0, le1, f]).result(Type::I1))
                    }
                    "eq" => self.icmp("eq", r, zero, sp),
                    _ => self.icmp("ne", r, zero, sp),
                })
            }
            Opcode::TNoneCmp => Some(self.konst(Attr::Bool(opname == "eq"), Type::I1, sp)),
            Opcode::TBoolToInt => self.push(NewOp::new(Opcode::LCast, sp).operands(ops).attr("op", Attr::Str("zext".into())).result(Type::I64)),
            Opcode::TIntToFloat => self.push(NewOp::new(Opcode::LCast, sp).operands(ops).attr("op", Attr::Str("sitofp".into())).result(Type::F64)),
            Opcode::TFloatToInt => self.rt(true, "molt_float_to_int", ops, Some(Type::I64), sp),
            Opcode::TTruth => {
                let t = self.src.values[o.operands[0]].ty;
                Some(match t {
                    Type::Int => {
                        let z = self.konst(Attr::Int(0), Type::I64, sp);
                        self.icmp("ne", ops[0], z, sp)
                    }
                    Type::Float => {
                        let z = self.konst(Attr::Float(F64(0.0)), Type::F64, sp);
                        self.val(NewOp::new(Opcode::LFcmp, sp).operands([ops[0], z]).attr("op", Attr::Str("ne".into())).result(Type::I1))
                    }
                    Type::Bool => ops[0],
                    Type::Str => {
                        let s = self.str_literal(o.operands[0]).unwrap_or_default();
                        self.konst(Attr::Bool(!s.is_empty()), Type::I1, sp)
                    }
                    _ => self.konst(Attr::Bool(false), Type::I1, sp),
                })
            }
            Opcode::TNot => self.push(NewOp::new(Opcode::LCast, sp).operands(ops).attr("op", Attr::Str("not".into())).result(Type::I1)),
            Opcode::TSelect => {
                let t = machine_type(res_ty.unwrap_or(Type::Int));
                self.push(NewOp::new(Opcode::LSelect, sp).operands(ops).result(t))
            }
            Opcode::TCall => {
                let callee = attr("callee");
                let inst = callee.as_str().unwrap_or("");
                if self.tir.check_defs {
                    let src = self.tir.source_names.get(inst).cloned().unwrap_or_default();
                    self.push(NewOp::new(Opcode::LLoadGlobal, sp).attr("name", Attr::Sym(src)).result(Type::I1));
                }
                let t = machine_type(res_ty.unwrap_or(Type::None));
                self.push(NewOp::new(Opcode::LCall, sp).operands(ops).attr("callee", callee).result(t))
            }
            Opcode::TPrint => {
                let sep = attr("sep").as_str().unwrap_or(" ").to_string();
                let end = attr("end").as_str().unwrap_or("\n").to_string();
                for (i, (&tv, &lv)) in o.operands.iter().zip(&ops).enumerate() {
                    if i > 0 {
                        self.print_text(&sep, sp);
                    }
                    match self.src.values[tv].ty {
                        Type::Int => { self.rt(false, "molt_print_int", vec![lv], None, sp); }
                        Type::Float => { self.rt(false, "molt_print_float", vec![lv], None, sp); }
                        Type::Bool => { self.rt(false, "molt_print_bool", vec![lv], None, sp); }
                        Type::None => { self.rt(false, "molt_print_none", vec![], None, sp); }
                        _ => {
                            let s = self.str_literal(tv).unwrap_or_default();
                            self.print_text(&s, sp);
                        }
                    }
                }
                self.print_text(&end, sp);
                None
            }
            Opcode::TLoadGlobal => {
                let t = machine_type(res_ty.unwrap_or(Type::None));
                self.push(NewOp::new(Opcode::LLoadGlobal, sp).attr("name", attr("name")).result(t))
            }
            Opcode::TStoreGlobal => {
                self.push(NewOp::new(Opcode::LStoreGlobal, sp).operands(ops).attr("name", attr("name")));
                None
            }
            Opcode::TBindFunc => {
                let t = self.konst(Attr::Bool(true), Type::I1, sp);
                self.push(NewOp::new(Opcode::LStoreGlobal, sp).operands([t]).attr("name", attr("name")));
                None
            }
            Opcode::TRangeCheck => {
                let z = self.konst(Attr::Int(0), Type::I64, sp);
                let is_zero = self.icmp("eq", ops[0], z, sp);
                let raise_b = self.out.new_block();
                let cont = self.out.new_block();
                self.push(NewOp::new(Opcode::CfCondBr, sp).operands([is_zero]).successor(raise_b, vec![]).successor(cont, vec![]));
                self.cur = raise_b;
                self.push(NewOp::new(Opcode::LRaise, sp).attr("kind", Attr::Str("ValueError".into())).attr("msg", Attr::Str("range() arg 3 must not be zero".into())));
                self.push(NewOp::new(Opcode::CfBr, sp).successor(cont, vec![]));
                self.cur = cont;
                None
            }
            Opcode::TRangeCond => {
                let z = self.konst(Attr::Int(0), Type::I64, sp);
                let up = self.icmp("gt", ops[2], z, sp);
                let lt = self.icmp("lt", ops[0], ops[1], sp);
                let gt = self.icmp("gt", ops[0], ops[1], sp);
                self.push(NewOp::new(Opcode::LSelect, sp).operands([up, lt, gt]).result(Type::I1))
            }
            Opcode::TRangeNext => {
                let id = self.out.append_op(self.cur, NewOp::new(Opcode::LIaddOvf, sp).operands(ops).result(Type::I64).result(Type::I1));
                let (n, ovf) = (self.out.ops[id].results[0], self.out.ops[id].results[1]);
                let ok = self.val(NewOp::new(Opcode::LCast, sp).operands([ovf]).attr("op", Attr::Str("not".into())).result(Type::I1));
                self.vmap.insert(o.results[0], n);
                self.vmap.insert(o.results[1], ok);
                return;
            }
            Opcode::TFrameCheck => {
                self.push(NewOp::new(Opcode::LFrameCheck, sp).attr("levels", attr("levels")).attr("msg", attr("msg")));
                None
            }
            Opcode::TRaise => {
                self.push(NewOp::new(Opcode::LRaise, sp).attr("kind", attr("kind")).attr("msg", attr("msg")));
                None
            }
            _ => {
                // Not a TIR op: the TIR verifier rejects this before lowering.
                None
            }
        };
        if let (Some(r), Some(v)) = (o.results.first(), result) {
            self.vmap.insert(*r, v);
        }
    }
}
