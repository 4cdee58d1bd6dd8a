//! TIR → LIR: Python types become machine types; typed operations become machine operations
//! with explicit fast and slow paths, or calls into the runtime's C ABI.
//!
//! Relies on: verified TIR. Provides: LIR where int, str and `!t.obj` → `ref` (a reference word,
//! runtime/src/abi.rs: a small int inline, or a counted heap reference), float → `f64`, bool →
//! `i1`, None → `i1` (always 0). Int operations are spelled out in LIR (`ints.rs`): a small-int
//! test, the tagged machine operation with its overflow flag, and a runtime call as the slow path
//! (big ints, overflow, errors) — no integer semantics live only in code generation. Boxed
//! values (`objects.rs`) are runtime calls, static objects and type tests. Operations that need
//! a branch split the block; the continuation keeps the rest of the ops. Runtime functions are
//! named through `abi::RtFn`, never by a string. Reference counts are not maintained here: the
//! LIR reference-counting pass (`molt_passes::refcount`) inserts them afterwards.

mod fields;
mod ints;
mod objects;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use molt_ir::{ArithOp, Attr, Block, CastOp, CmpOp, F64, Func, Handling, MathFloat, NewOp, OpId, Opcode, Span, Type, UnaryOp, Value, ValueDef};

use crate::abi::{self, RtFn};

pub fn machine_type(t: Type) -> Type {
    match t {
        Type::Int | Type::Str | Type::TObj | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_) => Type::Ref,
        Type::Index => Type::I64,
        Type::Float => Type::F64,
        Type::Bool | Type::None => Type::I1,
        Type::Obj | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref => t,
    }
}

/// Whether a runtime function may raise (then generated code tests the pending flag after it).
pub fn may_raise(f: RtFn) -> bool {
    match f {
        RtFn::molt_print_float | RtFn::molt_print_bool | RtFn::molt_print_none | RtFn::molt_print_str
        | RtFn::molt_raise | RtFn::molt_traceback_push | RtFn::molt_int_cmp | RtFn::molt_cmp_int_float | RtFn::molt_obj_dealloc | RtFn::molt_obj_decref | RtFn::molt_enable_str_mod
        | RtFn::molt_enable_str_methods | RtFn::molt_enable_str_case_methods | RtFn::molt_enable_str_title_methods
        | RtFn::molt_enable_str_class_methods | RtFn::molt_enable_str_format | RtFn::molt_enable_bytes | RtFn::molt_enable_number_methods | RtFn::molt_enable_dict_fromkeys | RtFn::molt_enable_generic_alias
        | RtFn::molt_enable_builtin_subclasses | RtFn::molt_enable_slices | RtFn::molt_enable_protocol_methods
        | RtFn::molt_enable_exception_classes | RtFn::molt_enable_stdin | RtFn::molt_enable_files => false,
        RtFn::molt_enable_module_math | RtFn::molt_enable_module_sys | RtFn::molt_enable_module_time | RtFn::molt_enable_module_typing | RtFn::molt_enable_module_random
        | RtFn::molt_enable_module_itertools | RtFn::molt_enable_module_collections | RtFn::molt_enable_module_heapq | RtFn::molt_enable_module_bisect | RtFn::molt_enable_module_string | RtFn::molt_enable_module_operator | RtFn::molt_enable_module_contextlib | RtFn::molt_enable_module_gc | RtFn::molt_enable_module_json
        | RtFn::molt_enable_module_functools | RtFn::molt_enable_module_enum | RtFn::molt_enable_module_copy | RtFn::molt_enable_module_abc | RtFn::molt_enable_module_io | RtFn::molt_enable_module_re => false,
        // New objects: MemoryError when allocation fails.
        RtFn::molt_int_from_i64 | RtFn::molt_int_from_decimal | RtFn::molt_box_float | RtFn::molt_str_from_utf8 | RtFn::molt_str_const | RtFn::molt_str_build | RtFn::molt_bytes_const => true,
        // Str builders: MemoryError when the text cannot grow; the formats raise as `format()`.
        RtFn::molt_sb_new | RtFn::molt_sb_text | RtFn::molt_sb_add | RtFn::molt_sb_format | RtFn::molt_sb_format_float | RtFn::molt_sb_format_obj | RtFn::molt_sb_finish => true,
        RtFn::molt_exc_fetch | RtFn::molt_exc_matches | RtFn::molt_exc_handling_begin | RtFn::molt_exc_handling_end => false,
        RtFn::molt_exc_reraise | RtFn::molt_raise_new | RtFn::molt_exc_new | RtFn::molt_raise_obj | RtFn::molt_raise_active => true,
        RtFn::molt_print_int | RtFn::molt_print_obj | RtFn::molt_float_floordiv | RtFn::molt_float_mod | RtFn::molt_float_pow | RtFn::molt_float_to_int
        | RtFn::molt_int_binop | RtFn::molt_int_unop | RtFn::molt_int_truediv | RtFn::molt_int_to_float | RtFn::molt_int_to_i64
        | RtFn::molt_obj_binop | RtFn::molt_obj_unop | RtFn::molt_obj_compare | RtFn::molt_obj_truth | RtFn::molt_obj_to_float
        | RtFn::molt_obj_to_int | RtFn::molt_obj_str | RtFn::molt_obj_repr | RtFn::molt_obj_len | RtFn::molt_obj_format
        | RtFn::molt_obj_ascii | RtFn::molt_obj_getslice => true,
        RtFn::molt_tuple_init | RtFn::molt_tuple_item | RtFn::molt_tuple_shape_is | RtFn::molt_list_init => false,
        RtFn::molt_list_new | RtFn::molt_list_append | RtFn::molt_list_extend_star | RtFn::molt_list_to_tuple | RtFn::molt_obj_unpack_ex | RtFn::molt_list_getitem | RtFn::molt_list_setitem | RtFn::molt_list_from_iter | RtFn::molt_obj_setitem | RtFn::molt_obj_delitem
        | RtFn::molt_obj_setslice | RtFn::molt_obj_delslice | RtFn::molt_obj_inplace_binop | RtFn::molt_obj_call_method | RtFn::molt_obj_lookup_method | RtFn::molt_obj_call_method_cached | RtFn::molt_obj_lookup_method_cached => true,
        RtFn::molt_builtin_class | RtFn::molt_exception_class | RtFn::molt_obj_type => false,
        RtFn::molt_obj_isinstance | RtFn::molt_obj_getattr | RtFn::molt_obj_setattr | RtFn::molt_obj_getattr_cached | RtFn::molt_obj_setattr_cached | RtFn::molt_obj_delattr | RtFn::molt_class_new | RtFn::molt_instance_new | RtFn::molt_exc_matches_class | RtFn::molt_with_enter | RtFn::molt_with_exit => true,
        RtFn::molt_obj_hash | RtFn::molt_obj_index | RtFn::molt_tuple_new | RtFn::molt_tuple_from | RtFn::molt_obj_getitem | RtFn::molt_obj_contains | RtFn::molt_obj_iter
        | RtFn::molt_iter_next | RtFn::molt_obj_unpack => true,
        RtFn::molt_range_new | RtFn::molt_enumerate | RtFn::molt_zip | RtFn::molt_reversed | RtFn::molt_sum | RtFn::molt_any
        | RtFn::molt_all | RtFn::molt_min_max | RtFn::molt_next | RtFn::molt_iter | RtFn::molt_round | RtFn::molt_divmod
        | RtFn::molt_ord | RtFn::molt_chr | RtFn::molt_id |
        RtFn::molt_dict_new | RtFn::molt_dict_set | RtFn::molt_dict_from | RtFn::molt_set_new | RtFn::molt_set_add
        | RtFn::molt_set_from_iter | RtFn::molt_frozenset_from_iter => true,
        RtFn::molt_function_new | RtFn::molt_cell_new | RtFn::molt_cell_get | RtFn::molt_cell_delete | RtFn::molt_call | RtFn::molt_call_args | RtFn::molt_call_ex | RtFn::molt_kwargs_merge | RtFn::molt_dict_update | RtFn::molt_map
        | RtFn::molt_filter | RtFn::molt_import_native | RtFn::molt_import_user | RtFn::molt_import_from => true,
        RtFn::molt_gen_new | RtFn::molt_gen_sent | RtFn::molt_yf_send => true,
        RtFn::molt_yf_done => false,
        RtFn::molt_match_sequence | RtFn::molt_match_mapping => false,
        RtFn::molt_match_class | RtFn::molt_match_keys => true,
        RtFn::molt_function_cell | RtFn::molt_cell_set | RtFn::molt_builtin_function => false,
        RtFn::molt_math_float | RtFn::molt_math_obj => true,
    }
}

/// What lowering one function needs from its module, borrowed (one per function: nothing of
/// the module's size is copied or searched per function or per call).
pub struct ModuleView<'a> {
    /// Instance name → source function name (for tracebacks).
    pub source_names: &'a BTreeMap<String, String>,
    /// The module variables of type `t.obj` (the variable of a `def` used as a value holds its
    /// function object; otherwise a flag that the `def` has run).
    pub object_globals: &'a BTreeSet<String>,
    /// Whether calls must check that the callee's `def` has run (`TirModule::check_defs`).
    pub check_defs: bool,
    /// Depth checks compare with the runtime's current limit (`TirModule::dynamic_recursion_limit`).
    pub dynamic_recursion_limit: bool,
    /// The runtime functions `<module>` calls first (`TirModule::enables`).
    pub enables: &'a [RtFn],
    /// The module's `__name__`.
    pub module_name: &'a str,
}

struct L<'a> {
    src: &'a Func,
    out: Func,
    vmap: HashMap<Value, Value>,
    cur: Block,
    tir: &'a ModuleView<'a>,
}

pub fn lower_func(f: &Func, tir: &ModuleView<'_>) -> Func {
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
    if f.name == crate::infer::MAIN {
        for &e in tir.enables {
            l.call(e, vec![], None, f.span);
        }
    }
    // Definitions before uses: walk blocks in dominance order, not layout order.
    for b in f.dominance_order() {
        l.cur = bmap[&b];
        let ops = &f.blocks[b].ops;
        for (idx, &op) in ops.iter().enumerate() {
            // An op followed by `cf.if_raised`: each LIR op it becomes that may raise gets the
            // raise edge (decisions/0015).
            let edge = ops.get(idx + 1).filter(|&&n| f.ops[n].opcode == Opcode::CfIfRaised).map(|&n| {
                let s = &f.ops[n].successors[0];
                let args: Vec<Value> = s.args.iter().map(|&a| l.v(a)).collect();
                (l.out.ops.len(), bmap[&s.block], args, f.ops[n].span)
            });
            l.op(op, &bmap);
            if let Some((mark, handler, args, sp)) = edge {
                l.cur = crate::raise_edges::add_raise_edges(&mut l.out, mark, handler, &args, l.cur, sp);
            }
        }
    }
    l.out
}

impl L<'_> {
    /// The LIR value of TIR value `v`. A string literal becomes a str object at its use (the
    /// literal's text stays a constant for `print`, which needs no object).
    fn v(&mut self, v: Value) -> Value {
        if let Some(&x) = self.vmap.get(&v) {
            return x;
        }
        match self.str_literal(v) {
            Some(s) => {
                let sp = self.src.ops[self.src.defining_op(v).unwrap_or_else(|| panic!("invariant `TIR values are mapped` broken"))].span;
                // Made once, then the same object at every use (CPython's constants).
                self.str_object(&s, sp)
            }
            None => panic!("invariant `dominance order` broken in LIR lowering: a value is used before its definition was lowered"),
        }
    }

    /// A depth-checking op (`l.call`, `l.frame_check`) with the limit the program needs.
    fn with_limit(&self, op: NewOp) -> NewOp {
        if self.tir.dynamic_recursion_limit { op.attr("dynamic_limit", Attr::Int(1)) } else { op }
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

    fn i64c(&mut self, v: i64, sp: Span) -> Value {
        self.konst(Attr::Int(v), Type::I64, sp)
    }

    fn zero(&mut self, t: Type, sp: Span) -> Value {
        match t {
            Type::F64 => self.konst(Attr::Float(F64(0.0)), Type::F64, sp),
            Type::I1 => self.konst(Attr::Bool(false), Type::I1, sp),
            Type::Ptr => self.val(NewOp::new(Opcode::LStr, sp).attr("value", Attr::Str(String::new())).result(Type::Ptr)),
            Type::Ref => {
                let z = self.i64c(0, sp);
                self.cast(CastOp::BitsRef, z, Type::Ref, sp)
            }
            Type::I64 | Type::Obj | Type::Int | Type::Float | Type::Bool | Type::None | Type::Str | Type::TObj | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_) | Type::Index => self.i64c(0, sp),
        }
    }

    fn cast(&mut self, op: CastOp, v: Value, to: Type, sp: Span) -> Value {
        self.val(NewOp::new(Opcode::LCast, sp).operands([v]).enum_attr("op", op).result(to))
    }

    /// Calls a runtime function (checked for a pending exception when it may raise).
    fn call(&mut self, f: RtFn, args: Vec<Value>, result: Option<Type>, sp: Span) -> Option<Value> {
        let opc = if may_raise(f) { Opcode::LCallRtChecked } else { Opcode::LCallRt };
        let mut op = NewOp::new(opc, sp).operands(args).attr("callee", Attr::Sym(f.name().into()));
        if let Some(t) = result {
            op = op.result(t);
        }
        self.push(op)
    }

    /// A runtime call with one result (a zero value if the declaration has none: a lowering bug
    /// the LIR verifier then reports).
    fn call_val(&mut self, f: RtFn, args: Vec<Value>, result: Type, sp: Span) -> Value {
        match self.call(f, args, Some(result), sp) {
            Some(v) => v,
            None => self.zero(result, sp),
        }
    }

    /// `l.icmp` (signed): `op` is one of lt, le, gt, ge, eq, ne.
    fn icmp(&mut self, op: CmpOp, a: Value, b: Value, sp: Span) -> Value {
        self.val(NewOp::new(Opcode::LIcmp, sp).operands([a, b]).enum_attr("op", op).result(Type::I1))
    }

    fn select(&mut self, c: Value, a: Value, b: Value, sp: Span) -> Value {
        let t = self.out.values[a].ty;
        self.val(NewOp::new(Opcode::LSelect, sp).operands([c, a, b]).result(t))
    }

    fn print_text(&mut self, s: &str, sp: Span) {
        if s.is_empty() {
            return;
        }
        let (p, n) = self.text_ptr(s, sp);
        self.call(RtFn::molt_print_str, vec![p, n], None, sp);
    }

    /// The address of literal text `s` in the executable, and its length in bytes.
    fn text_ptr(&mut self, s: &str, sp: Span) -> (Value, Value) {
        let p = self.val(NewOp::new(Opcode::LStr, sp).attr("value", Attr::Str(s.into())).result(Type::Ptr));
        let n = self.i64c(s.len() as i64, sp);
        (p, n)
    }

    /// The literal text of a TIR string value defined by `t.const`.
    fn str_literal(&self, v: Value) -> Option<String> {
        match self.src.values[v].def {
            ValueDef::Result(op, _) if self.src.ops[op].opcode == Opcode::TConst => match self.src.ops[op].attr("value") {
                Some(Attr::Str(s)) => Some(s.clone()),
                _ => None,
            },
            ValueDef::Result(..) | ValueDef::Param(..) => None,
        }
    }

    /// The str object of literal `s` (made once, then the same object at every use).
    fn str_object(&mut self, s: &str, sp: Span) -> Value {
        let p = self.val(NewOp::new(Opcode::LStr, sp).attr("value", Attr::Str(s.into())).result(Type::Ptr));
        let n = self.konst(Attr::Int(s.len() as i64), Type::I64, sp);
        let slot = self.val(NewOp::new(Opcode::LStrSlot, sp).attr("value", Attr::Str(s.into())).result(Type::Ptr));
        self.call(RtFn::molt_str_const, vec![p, n, slot], Some(Type::Ref), sp).unwrap_or(p)
    }

    /// The bytes object of literal `b` (made once, then the same object at every evaluation).
    fn bytes_object(&mut self, b: Vec<u8>, sp: Span) -> Value {
        let n = self.konst(Attr::Int(b.len() as i64), Type::I64, sp);
        let p = self.val(NewOp::new(Opcode::LBytes, sp).attr("value", Attr::Bytes(b.clone())).result(Type::Ptr));
        let slot = self.val(NewOp::new(Opcode::LBytesSlot, sp).attr("value", Attr::Bytes(b)).result(Type::Ptr));
        self.call(RtFn::molt_bytes_const, vec![p, n, slot], Some(Type::Ref), sp).unwrap_or(p)
    }

    /// A new per-site attribute cache (`l.site_cache`).
    fn site_cache(&mut self, sp: Span) -> Value {
        self.val(NewOp::new(Opcode::LSiteCache, sp).attr("words", Attr::Int(crate::abi::ATTR_CACHE_WORDS)).result(Type::Ptr))
    }

    /// Ends the current block with a branch to a new block and continues there.
    fn new_block(&mut self) -> Block {
        self.out.new_block()
    }

    fn br(&mut self, to: Block, args: Vec<Value>, sp: Span) {
        self.push(NewOp::new(Opcode::CfBr, sp).successor(to, args));
    }

    fn cond_br(&mut self, c: Value, t: Block, t_args: Vec<Value>, f: Block, f_args: Vec<Value>, sp: Span) {
        self.push(NewOp::new(Opcode::CfCondBr, sp).operands([c]).successor(t, t_args).successor(f, f_args));
    }

    fn raise(&mut self, kind: &str, msg: &str, sp: Span) {
        self.push(NewOp::new(Opcode::LRaise, sp).attr("kind", Attr::Str(kind.into())).attr("msg", Attr::Str(msg.into())));
    }

    fn op(&mut self, op: OpId, bmap: &HashMap<Block, Block>) {
        let o = &self.src.ops[op];
        let sp = o.span;
        let attr = |n: &str| o.attr(n).cloned().unwrap_or(Attr::Str(String::new()));
        let res_ty = o.results.first().map(|&r| self.src.values[r].ty);
        // Operands, except string literals that `print` writes as text.
        let operands = o.operands.clone();
        let ops: Vec<Value> = if matches!(o.opcode, Opcode::TPrint | Opcode::TSbAdd | Opcode::TSbFormat | Opcode::TSbFormatFloat) {
            Vec::new()
        } else {
            operands.iter().map(|&v| self.v(v)).collect()
        };
        let src_ty = |i: usize| self.src.values[operands[i]].ty;
        let result = match o.opcode {
            Opcode::CfIfRaised => {
                // The raise edges were added after the op before; the normal path goes on.
                let s = &o.successors[1];
                let args = s.args.iter().map(|&a| self.v(a)).collect();
                self.push(NewOp::new(Opcode::CfBr, sp).successor(bmap[&s.block], args));
                None
            }
            Opcode::CfBr | Opcode::CfCondBr | Opcode::CfReturn | Opcode::CfUnreachable => {
                let mut new = NewOp::new(o.opcode, sp).operands(ops);
                for s in &o.successors {
                    let args = s.args.iter().map(|&a| self.v(a)).collect();
                    new = new.successor(bmap[&s.block], args);
                }
                self.push(new);
                None
            }
            Opcode::TConst => match (res_ty.unwrap_or(Type::None), attr("value")) {
                (Type::None, _) => Some(self.konst(Attr::Bool(false), Type::I1, sp)),
                // Materialised at each use (`L::v`).
                (Type::Str, _) => None,
                (Type::Int, a) => Some(self.int_const(&a, sp)),
                (Type::TObj, Attr::Bytes(b)) => Some(self.bytes_object(b, sp)),
                (t, a) => Some(self.konst(a, machine_type(t), sp)),
            },
            Opcode::TUndef => Some(self.zero(machine_type(res_ty.unwrap_or(Type::None)), sp)),
            Opcode::TIntBinop => Some(self.int_binop(o.expect_enum_attr("op"), ops[0], ops[1], sp)),
            Opcode::TIntNeg => Some(self.int_unop(abi::UnaryOp::Neg, ops[0], sp)),
            Opcode::TIntInvert => Some(self.int_unop(abi::UnaryOp::Invert, ops[0], sp)),
            Opcode::TIntAbs => Some(self.int_unop(abi::UnaryOp::Abs, ops[0], sp)),
            Opcode::TIntCmp => Some(self.int_cmp(o.expect_enum_attr("op"), ops[0], ops[1], sp)),
            Opcode::TIntTruediv => Some(self.call_val(RtFn::molt_int_truediv, ops, Type::F64, sp)),
            Opcode::TIntPowFloat => {
                let a = self.int_to_float(ops[0], sp);
                let b = self.int_to_float(ops[1], sp);
                Some(self.call_val(RtFn::molt_float_pow, vec![a, b], Type::F64, sp))
            }
            Opcode::TIntToFloat => Some(self.int_to_float(ops[0], sp)),
            Opcode::TBoolToInt => {
                let two = self.i64c(2, sp);
                let zero = self.i64c(0, sp);
                let bits = self.select(ops[0], two, zero, sp);
                Some(self.cast(CastOp::BitsRef, bits, Type::Ref, sp))
            }
            Opcode::TFloatToInt => Some(self.call_val(RtFn::molt_float_to_int, ops, Type::Ref, sp)),
            Opcode::TFloatBinop => match o.expect_enum_attr::<ArithOp>("op") {
                op @ (ArithOp::Add | ArithOp::Sub | ArithOp::Mul) => {
                    self.push(NewOp::new(Opcode::LFarith, sp).operands(ops).enum_attr("op", op).result(Type::F64))
                }
                ArithOp::TrueDiv => self.push(NewOp::new(Opcode::LFdiv, sp).operands(ops).result(Type::F64)),
                ArithOp::FloorDiv => Some(self.call_val(RtFn::molt_float_floordiv, ops, Type::F64, sp)),
                ArithOp::Mod => Some(self.call_val(RtFn::molt_float_mod, ops, Type::F64, sp)),
                ArithOp::Pow => Some(self.call_val(RtFn::molt_float_pow, ops, Type::F64, sp)),
                op @ (ArithOp::LShift | ArithOp::RShift | ArithOp::And | ArithOp::Or | ArithOp::Xor) => outside_subset(o, op),
            },
            Opcode::TFloatNeg => Some(self.cast(CastOp::FNeg, ops[0], Type::F64, sp)),
            Opcode::TFloatAbs => Some(self.cast(CastOp::FAbs, ops[0], Type::F64, sp)),
            Opcode::TMathFloat | Opcode::TObjMathCall => {
                let code = crate::modules::math_function(o.expect_enum_attr::<MathFloat>("fn")).code();
                let c = self.i64c(code.into(), sp);
                let f = if o.opcode == Opcode::TMathFloat { RtFn::molt_math_float } else { RtFn::molt_math_obj };
                Some(self.call_val(f, vec![c, ops[0]], Type::F64, sp))
            }
            Opcode::TFloatCmp => {
                let op = o.expect_enum_attr::<CmpOp>("op");
                self.push(NewOp::new(Opcode::LFcmp, sp).operands(ops).enum_attr("op", op).result(Type::I1))
            }
            Opcode::TIntFloatCmp => {
                // molt_cmp_int_float: -1, 0, 1, or 2 when the float is NaN.
                let r = self.call_val(RtFn::molt_cmp_int_float, ops, Type::I64, sp);
                let zero = self.i64c(0, sp);
                let one = self.i64c(1, sp);
                Some(match o.expect_enum_attr::<CmpOp>("op") {
                    CmpOp::Lt => self.icmp(CmpOp::Lt, r, zero, sp),
                    CmpOp::Le => self.icmp(CmpOp::Le, r, zero, sp),
                    CmpOp::Gt => self.icmp(CmpOp::Eq, r, one, sp),
                    CmpOp::Ge => {
                        let ge0 = self.icmp(CmpOp::Ge, r, zero, sp);
                        let le1 = self.icmp(CmpOp::Le, r, one, sp);
                        let f = self.konst(Attr::Bool(false), Type::I1, sp);
                        self.select(ge0, le1, f, sp)
                    }
                    CmpOp::Eq => self.icmp(CmpOp::Eq, r, zero, sp),
                    CmpOp::Ne => self.icmp(CmpOp::Ne, r, zero, sp),
                    op @ (CmpOp::Is | CmpOp::IsNot) => outside_subset(o, op),
                })
            }
            Opcode::TNoneCmp => Some(self.konst(Attr::Bool(o.expect_enum_attr::<CmpOp>("op") == CmpOp::Eq), Type::I1, sp)),
            Opcode::TTruth => Some(match src_ty(0) {
                // Small 0 is the word 0; a big int is never zero.
                Type::Int => {
                    let bits = self.cast(CastOp::RefBits, ops[0], Type::I64, sp);
                    let z = self.i64c(0, sp);
                    self.icmp(CmpOp::Ne, bits, z, sp)
                }
                Type::Float => {
                    let z = self.konst(Attr::Float(F64(0.0)), Type::F64, sp);
                    self.val(NewOp::new(Opcode::LFcmp, sp).operands([ops[0], z]).enum_attr("op", CmpOp::Ne).result(Type::I1))
                }
                Type::Bool => ops[0],
                Type::Str | Type::TObj | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_) => self.call_val(RtFn::molt_obj_truth, vec![ops[0]], Type::I1, sp),
                Type::None | Type::Index | Type::Obj | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref => self.konst(Attr::Bool(false), Type::I1, sp),
            }),
            Opcode::TNot => Some(self.cast(CastOp::Not, ops[0], Type::I1, sp)),
            Opcode::TSelect => Some(self.select(ops[0], ops[1], ops[2], sp)),
            Opcode::TCall => {
                let callee = attr("callee");
                let inst = callee.as_str().unwrap_or("");
                let src = self.tir.source_names.get(inst).cloned().unwrap_or_default();
                // A comprehension's function is no `def`: nothing binds it, nothing to check; a
                // known class's method is called on an instance, which its class made.
                // A function object's code is called with the object, which exists.
                let code_call = attr("object").as_int() == Some(1);
                if self.tir.check_defs && !code_call && !crate::hir::is_synthetic(&src) && !crate::hir::is_method(inst) {
                    // The NameError points at the callee's name, which starts the call.
                    let name_sp = Span::new(sp.start, sp.start + src.len() as u32);
                    // (The module variable of a `def` used as a value holds its function object.)
                    let object = self.tir.object_globals.contains(&src);
                    let ty = if object { Type::Ref } else { Type::I1 };
                    self.push(NewOp::new(Opcode::LLoadGlobal, name_sp).attr("name", Attr::Sym(src)).result(ty));
                }
                let t = machine_type(res_ty.unwrap_or(Type::None));
                let call = NewOp::new(Opcode::LCall, sp).operands(ops).attr("callee", callee).result(t);
                self.push(self.with_limit(call))
            }
            Opcode::TPrint => {
                self.print(o, &attr("sep"), &attr("end"));
                None
            }
            Opcode::TLoadGlobal => {
                let t = machine_type(res_ty.unwrap_or(Type::None));
                self.push(NewOp::new(Opcode::LLoadGlobal, sp).attr("name", attr("name")).result(t))
            }
            Opcode::TDeleteGlobal => {
                self.push(NewOp::new(Opcode::LDeleteGlobal, sp).attr("name", attr("name")));
                None
            }
            Opcode::TStoreGlobal => {
                self.push(NewOp::new(Opcode::LStoreGlobal, sp).operands(ops).attr("name", attr("name")));
                None
            }
            Opcode::TBindFunc => {
                // The function object, for a `def` used as a value; else the flag.
                let v = match ops.first() {
                    Some(&f) => f,
                    None => self.konst(Attr::Bool(true), Type::I1, sp),
                };
                self.push(NewOp::new(Opcode::LStoreGlobal, sp).operands([v]).attr("name", attr("name")));
                None
            }
            Opcode::TRangeStart => {
                let idx: Vec<Value> = ops.iter().map(|&v| self.int_to_index(v, sp)).collect();
                self.range_step_check(idx[2], sp);
                for (r, v) in o.results.iter().zip(idx) {
                    self.vmap.insert(*r, v);
                }
                return;
            }
            Opcode::TRangeCond => {
                let z = self.i64c(0, sp);
                let up = self.icmp(CmpOp::Gt, ops[2], z, sp);
                let lt = self.icmp(CmpOp::Lt, ops[0], ops[1], sp);
                let gt = self.icmp(CmpOp::Gt, ops[0], ops[1], sp);
                Some(self.select(up, lt, gt, sp))
            }
            Opcode::TRangeNext => {
                // An overflow means the next value is past any i64 stop: the range is exhausted.
                let (n, ovf) = self.arith_ovf(ArithOp::Add, ops[0], ops[1], sp);
                let ok = self.cast(CastOp::Not, ovf, Type::I1, sp);
                self.vmap.insert(o.results[0], n);
                self.vmap.insert(o.results[1], ok);
                return;
            }
            Opcode::TRangeValue => Some(self.index_to_int(ops[0], sp)),
            Opcode::TBox => Some(self.box_value(src_ty(0), ops[0], sp)),
            Opcode::TIsType => {
                let t = match o.attr("type") {
                    Some(Attr::Type(t)) => *t,
                    _ => Type::TObj,
                };
                Some(self.is_type(ops[0], t, sp))
            }
            Opcode::TUnbox => Some(self.unbox(ops[0], res_ty.unwrap_or(Type::TObj), sp)),
            Opcode::TObjBinop => {
                let code = self.i64c(binary_op(o.expect_enum_attr("op")).code().into(), sp);
                Some(self.call_val(RtFn::molt_obj_binop, vec![code, ops[0], ops[1]], Type::Ref, sp))
            }
            Opcode::TObjUnop => {
                let op = o.expect_enum_attr::<UnaryOp>("op");
                let Some(rt_op) = unary_op(op) else { outside_subset(o, op) };
                let code = self.i64c(rt_op.code().into(), sp);
                Some(self.call_val(RtFn::molt_obj_unop, vec![code, ops[0]], Type::Ref, sp))
            }
            Opcode::TObjCompare => {
                let op = o.expect_enum_attr::<CmpOp>("op");
                let Some(rt_op) = compare_op(op) else { outside_subset(o, op) };
                let code = self.i64c(rt_op.code().into(), sp);
                Some(self.call_val(RtFn::molt_obj_compare, vec![code, ops[0], ops[1]], Type::Ref, sp))
            }
            Opcode::TRaiseNew => {
                let kind = attr("kind");
                let code = crate::abi::exception_kind(kind.as_str().unwrap_or("")).unwrap_or(0);
                let code = self.i64c(code.into(), sp);
                let (arg, has) = match ops.first() {
                    Some(&a) => (a, true),
                    None => (self.zero(Type::Ref, sp), false),
                };
                let has = self.konst(Attr::Bool(has), Type::I1, sp);
                self.call(RtFn::molt_raise_new, vec![code, arg, has], None, sp);
                None
            }
            Opcode::TExcNew => {
                let code = crate::abi::exception_kind(attr("kind").as_str().unwrap_or("")).unwrap_or(0);
                let code = self.i64c(code.into(), sp);
                let (arg, has) = match ops.first() {
                    Some(&a) => (a, true),
                    None => (self.zero(Type::Ref, sp), false),
                };
                let has = self.konst(Attr::Bool(has), Type::I1, sp);
                Some(self.call_val(RtFn::molt_exc_new, vec![code, arg, has], Type::Ref, sp))
            }
            Opcode::TRaiseObj | Opcode::TRaiseFrom => {
                let (cause, has) = match ops.get(1) {
                    Some(&c) => (c, true),
                    None => (self.zero(Type::Ref, sp), false),
                };
                let has = self.konst(Attr::Bool(has), Type::I1, sp);
                self.call(RtFn::molt_raise_obj, vec![ops[0], cause, has], None, sp);
                None
            }
            Opcode::TRaiseActive => {
                self.call(RtFn::molt_raise_active, vec![], None, sp);
                None
            }
            Opcode::TExcFetch => Some(self.call_val(RtFn::molt_exc_fetch, vec![], Type::Ref, sp)),
            Opcode::TExcMatches => {
                let code = crate::abi::exception_kind(attr("kind").as_str().unwrap_or("")).unwrap_or(0);
                let code = self.i64c(code.into(), sp);
                Some(self.call_val(RtFn::molt_exc_matches, vec![ops[0], code], Type::I1, sp))
            }
            Opcode::TExcReraise => {
                self.push(NewOp::new(Opcode::LReraise, sp).operands(ops));
                None
            }
            Opcode::TExcHandling => {
                match o.expect_enum_attr::<Handling>("what") {
                    Handling::Begin => self.call(RtFn::molt_exc_handling_begin, ops, None, sp),
                    Handling::End => self.call(RtFn::molt_exc_handling_end, vec![], None, sp),
                };
                None
            }
            Opcode::TObjIs => {
                let (a, b) = (self.cast(CastOp::RefBits, ops[0], Type::I64, sp), self.cast(CastOp::RefBits, ops[1], Type::I64, sp));
                Some(self.icmp(CmpOp::Eq, a, b, sp))
            }
            Opcode::TObjStr => Some(self.call_val(RtFn::molt_obj_str, ops, Type::Ref, sp)),
            Opcode::TObjRepr => Some(self.call_val(RtFn::molt_obj_repr, ops, Type::Ref, sp)),
            Opcode::TObjGetslice => Some(self.call_val(RtFn::molt_obj_getslice, ops, Type::Ref, sp)),
            Opcode::TObjFormat => Some(self.call_val(RtFn::molt_obj_format, ops, Type::Ref, sp)),
            Opcode::TObjAscii => Some(self.call_val(RtFn::molt_obj_ascii, ops, Type::Ref, sp)),
            Opcode::TObjLen => Some(self.call_val(RtFn::molt_obj_len, ops, Type::Ref, sp)),
            Opcode::TObjTruth => Some(self.call_val(RtFn::molt_obj_truth, ops, Type::I1, sp)),
            Opcode::TObjToFloat => Some(self.call_val(RtFn::molt_obj_to_float, ops, Type::F64, sp)),
            Opcode::TObjToInt => Some(self.call_val(RtFn::molt_obj_to_int, ops, Type::Ref, sp)),
            Opcode::TObjIndex => Some(self.call_val(RtFn::molt_obj_index, ops, Type::Ref, sp)),
            Opcode::TObjHash => Some(self.call_val(RtFn::molt_obj_hash, ops, Type::Ref, sp)),
            Opcode::TObjGetattr => {
                let name = attr("name").as_str().unwrap_or("").to_string();
                let n = self.str_object(&name, sp);
                let cache = self.site_cache(sp);
                Some(self.call_val(RtFn::molt_obj_getattr_cached, vec![ops[0], n, cache], Type::Ref, sp))
            }
            Opcode::TObjSetattr | Opcode::TObjDelattr => {
                let name = attr("name").as_str().unwrap_or("").to_string();
                let n = self.str_object(&name, sp);
                let (f, args) = if o.opcode == Opcode::TObjSetattr {
                    let cache = self.site_cache(sp);
                    (RtFn::molt_obj_setattr_cached, vec![ops[0], n, ops[1], cache])
                } else {
                    (RtFn::molt_obj_delattr, vec![ops[0], n])
                };
                self.call(f, args, None, sp);
                None
            }
            Opcode::TClassNew => {
                let name = attr("name").as_str().unwrap_or("").to_string();
                let n = self.str_object(&name, sp);
                let depth = self.val(NewOp::new(Opcode::LFrameDepth, sp).result(Type::I64));
                let fields = self.static_ref(crate::abi::RtObj::molt_none, sp);
                let known = self.i64c(0, sp);
                Some(self.call_val(RtFn::molt_class_new, vec![n, ops[0], ops[1], fields, known, depth], Type::Ref, sp))
            }
            Opcode::TKnownClassNew => {
                let name = attr("name").as_str().unwrap_or("").to_string();
                let n = self.str_object(&name, sp);
                let names: Vec<String> = attr("fields").as_str().unwrap_or("").split(',').filter(|f| !f.is_empty()).map(str::to_string).collect();
                let items: Vec<Value> = names.iter().map(|f| self.str_object(f, sp)).collect();
                let fields = self.tuple_of(&items, sp);
                let known = self.i64c(attr("class").as_int().unwrap_or(-1) + 1, sp);
                let depth = self.val(NewOp::new(Opcode::LFrameDepth, sp).result(Type::I64));
                Some(self.call_val(RtFn::molt_class_new, vec![n, ops[0], ops[1], fields, known, depth], Type::Ref, sp))
            }
            Opcode::TNewInstance => Some(self.call_val(RtFn::molt_instance_new, ops, Type::Ref, sp)),
            Opcode::TGetField => Some(self.get_field(ops[0], res_ty.unwrap_or(Type::TObj), &attr("name"), &attr("index"), sp)),
            Opcode::TSetField => {
                self.set_field(ops[0], ops[1], src_ty(1), &attr("name"), &attr("index"), sp);
                None
            }
            Opcode::TExcMatchesClass => Some(self.call_val(RtFn::molt_exc_matches_class, ops, Type::I1, sp)),
            Opcode::TMatchShape => {
                let f = match o.expect_enum_attr::<molt_ir::MatchShape>("shape") {
                    molt_ir::MatchShape::Sequence => RtFn::molt_match_sequence,
                    molt_ir::MatchShape::Mapping => RtFn::molt_match_mapping,
                };
                Some(self.call_val(f, ops, Type::I1, sp))
            }
            Opcode::TMatchClass => {
                let nargs = self.i64c(attr("nargs").as_int().unwrap_or(0), sp);
                Some(self.call_val(RtFn::molt_match_class, vec![ops[0], ops[1], ops[2], nargs], Type::Ref, sp))
            }
            Opcode::TMatchKeys => Some(self.call_val(RtFn::molt_match_keys, ops, Type::Ref, sp)),
            Opcode::TWithEnter => Some(self.call_val(RtFn::molt_with_enter, ops, Type::Ref, sp)),
            // Split by the `generator` transformation (molt_passes::generator, decisions/0030).
            Opcode::TReturnGenerator => {
                self.push(NewOp::new(Opcode::LReturnGenerator, sp).attr("name", attr("name")).attr("qualname", attr("qualname")));
                None
            }
            Opcode::TRelease => {
                self.push(NewOp::new(Opcode::LRelease, sp).operands([ops[0]]));
                None
            }
            Opcode::TCheckBound => {
                let (raise_b, cont) = (self.new_block(), self.new_block());
                self.cond_br(ops[0], cont, vec![], raise_b, vec![], sp);
                self.cur = raise_b;
                let (kind, msg) = (attr("kind").as_str().unwrap_or("").to_string(), attr("msg").as_str().unwrap_or("").to_string());
                self.raise(&kind, &msg, sp);
                self.br(cont, vec![], sp);
                self.cur = cont;
                None
            }
            Opcode::TYield => Some(self.val(NewOp::new(Opcode::LYield, sp).operands([ops[0]]).result(Type::Ref))),
            Opcode::TWithExit => Some(self.call_val(RtFn::molt_with_exit, ops, Type::I1, sp)),
            Opcode::TImportNative => {
                let c = self.i64c(crate::modules::abi_code(o.expect_enum_attr("module")).into(), sp);
                Some(self.call_val(RtFn::molt_import_native, vec![c], Type::Ref, sp))
            }
            Opcode::TImportUser => {
                let module = attr("module").as_str().unwrap_or("").to_string();
                let desc = self.val(NewOp::new(Opcode::LModuleDesc, sp).attr("module", Attr::Str(module)).result(Type::Ptr));
                let only = self.konst(Attr::Bool(attr("only_if_missing").as_int() == Some(1)), Type::I1, sp);
                Some(self.call_val(RtFn::molt_import_user, vec![desc, only], Type::Ref, sp))
            }
            Opcode::TImportFrom => {
                let n = self.str_object(attr("name").as_str().unwrap_or(""), sp);
                Some(self.call_val(RtFn::molt_import_from, vec![ops[0], n], Type::Ref, sp))
            }
            Opcode::TBuiltinClass => {
                let name = attr("name").as_str().unwrap_or("").to_string();
                Some(match crate::abi::exception_kind(&name) {
                    // A constant: the runtime's static (immortal) object.
                    _ if let Some(o) = crate::builtins::constant(&name) => self.static_ref(o, sp),
                    Some(kind) => {
                        let k = self.i64c(kind.into(), sp);
                        self.call_val(RtFn::molt_exception_class, vec![k], Type::Ref, sp)
                    }
                    None => match crate::builtins::builtin_function(&name) {
                        Some(f) => {
                            let c = self.i64c(f.code().into(), sp);
                            self.call_val(RtFn::molt_builtin_function, vec![c], Type::Ref, sp)
                        }
                        None => {
                            let code = crate::builtins::builtin_class(&name).map_or(-1, |c| c.code());
                            let c = self.i64c(code.into(), sp);
                            self.call_val(RtFn::molt_builtin_class, vec![c], Type::Ref, sp)
                        }
                    },
                })
            }
            Opcode::TObjType => Some(self.call_val(RtFn::molt_obj_type, ops, Type::Ref, sp)),
            Opcode::TObjIsinstance => Some(self.call_val(RtFn::molt_obj_isinstance, ops, Type::I1, sp)),
            Opcode::TTupleNew => {
                // A new tuple, then each item boxed into it (the tuple takes its own references).
                let tys: Vec<Type> = operands.iter().map(|&v| self.src.values[v].ty).collect();
                let items: Vec<Value> = ops.iter().zip(&tys).map(|(&v, &ty)| self.box_value(ty, v, sp)).collect();
                Some(self.tuple_of(&items, sp))
            }
            Opcode::TTupleGet => {
                let idx = o.attr("index").and_then(Attr::as_int).unwrap_or(0);
                let idx = self.i64c(idx, sp);
                let item = self.call_val(RtFn::molt_tuple_item, vec![ops[0], idx], Type::Ref, sp);
                Some(self.unbox(item, res_ty.unwrap_or(Type::TObj), sp))
            }
            Opcode::TListNew => {
                // A new list, then each (boxed) item stored into it (the list takes its own references).
                let n = self.i64c(ops.len() as i64, sp);
                let l = self.call_val(RtFn::molt_list_new, vec![n], Type::Ref, sp);
                for (i, &item) in ops.iter().enumerate() {
                    let idx = self.i64c(i as i64, sp);
                    self.call(RtFn::molt_list_init, vec![l, idx, item], None, sp);
                }
                Some(l)
            }
            Opcode::TStrBuild => {
                // The parts in a stack array, joined by the runtime in one allocation.
                Some(self.call_spill(RtFn::molt_str_build, vec![], &ops, sp))
            }
            Opcode::TSbNew => Some(self.call_val(RtFn::molt_sb_new, vec![], Type::Ref, sp)),
            Opcode::TSbAdd => {
                // A literal part is appended from its text: no str object is made for it.
                let b = self.v(operands[0]);
                match self.str_literal(operands[1]) {
                    Some(t) => {
                        let (p, n) = self.text_ptr(&t, sp);
                        self.call(RtFn::molt_sb_text, vec![b, p, n], None, sp);
                    }
                    None => {
                        let s = self.v(operands[1]);
                        self.call(RtFn::molt_sb_add, vec![b, s], None, sp);
                    }
                }
                None
            }
            Opcode::TSbFormat | Opcode::TSbFormatFloat => {
                // A literal spec is passed as text; one known only at run time as its object.
                let float = o.opcode == Opcode::TSbFormatFloat;
                let (b, x) = (self.v(operands[0]), self.v(operands[1]));
                match self.str_literal(operands[2]) {
                    Some(t) => {
                        let (p, n) = self.text_ptr(&t, sp);
                        let f = if float { RtFn::molt_sb_format_float } else { RtFn::molt_sb_format };
                        self.call(f, vec![b, x, p, n], None, sp);
                    }
                    None => {
                        let x = if float { self.box_value(Type::Float, x, sp) } else { x };
                        let spec = self.v(operands[2]);
                        self.call(RtFn::molt_sb_format_obj, vec![b, x, spec], None, sp);
                    }
                }
                None
            }
            Opcode::TSbFinish => Some(self.call_val(RtFn::molt_sb_finish, ops, Type::Ref, sp)),
            Opcode::TDictNew => {
                let d = self.call_val(RtFn::molt_dict_new, vec![], Type::Ref, sp);
                for kv in ops.chunks(2) {
                    if let [k, v] = kv {
                        self.call(RtFn::molt_dict_set, vec![d, *k, *v], None, sp);
                    }
                }
                Some(d)
            }
            Opcode::TSetNew => {
                let s = self.call_val(RtFn::molt_set_new, vec![], Type::Ref, sp);
                for &x in &ops {
                    self.call(RtFn::molt_set_add, vec![s, x], None, sp);
                }
                Some(s)
            }
            Opcode::TCallBuiltin => Some(self.call_builtin(o, &ops, res_ty.unwrap_or(Type::TObj), sp)),
            Opcode::TListExtendStar => {
                self.call(RtFn::molt_list_extend_star, ops, None, sp);
                None
            }
            Opcode::TListToTuple => Some(self.call_val(RtFn::molt_list_to_tuple, ops, Type::Ref, sp)),
            Opcode::TObjUnpackEx => {
                // A tuple of every item (the middle list among them), read out one by one.
                let before = self.i64c(attr("before").as_int().unwrap_or(0), sp);
                let after = self.i64c(attr("after").as_int().unwrap_or(0), sp);
                let t = self.call_val(RtFn::molt_obj_unpack_ex, vec![ops[0], before, after], Type::Ref, sp);
                self.tuple_items_to(t, &o.results, sp);
                return;
            }
            Opcode::TListGetitem => {
                let r = self.call_val(RtFn::molt_list_getitem, ops, Type::Ref, sp);
                match res_ty.unwrap_or(Type::TObj) {
                    Type::TObj => Some(r),
                    t => Some(self.proven_item(r, t, sp)),
                }
            }
            Opcode::TListSetitem => {
                self.call(RtFn::molt_list_setitem, ops, None, sp);
                None
            }
            Opcode::TListFromIter => Some(self.call_val(RtFn::molt_list_from_iter, ops, Type::Ref, sp)),
            Opcode::TListAppend => {
                self.call(RtFn::molt_list_append, ops, None, sp);
                None
            }
            Opcode::TObjSetitem => {
                self.call(RtFn::molt_obj_setitem, ops, None, sp);
                None
            }
            Opcode::TObjDelitem => {
                self.call(RtFn::molt_obj_delitem, ops, None, sp);
                None
            }
            Opcode::TObjSetslice => {
                self.call(RtFn::molt_obj_setslice, ops, None, sp);
                None
            }
            Opcode::TObjDelslice => {
                self.call(RtFn::molt_obj_delslice, ops, None, sp);
                None
            }
            Opcode::TObjInplaceBinop => {
                let code = self.i64c(binary_op(o.expect_enum_attr("op")).code().into(), sp);
                Some(self.call_val(RtFn::molt_obj_inplace_binop, vec![code, ops[0], ops[1]], Type::Ref, sp))
            }
            Opcode::TObjCallMethod => {
                // CPython's LOAD_METHOD, blamed on `recv.NAME` (its AttributeError), then the
                // arguments in a tuple (positional, then keyword values) and CALL.
                let name = attr("name").as_str().unwrap_or("").to_string();
                let kw = attr("kwnames").as_str().unwrap_or("").to_string();
                let attr_end = attr("attr_end").as_int().and_then(|e| u32::try_from(e).ok()).unwrap_or(sp.end);
                let attr_sp = Span { start: sp.start, end: attr_end.clamp(sp.start, sp.end) };
                let n = self.str_object(&name, sp);
                let cache = self.site_cache(sp);
                let method = self.call_val(RtFn::molt_obj_lookup_method_cached, vec![ops[0], n, cache], Type::Ptr, attr_sp);
                let k = self.val(NewOp::new(Opcode::LStr, sp).attr("value", Attr::Str(kw.clone())).result(Type::Ptr));
                let kn = self.i64c(kw.len() as i64, sp);
                let depth = self.val(NewOp::new(Opcode::LFrameDepth, sp).result(Type::I64));
                // The arguments in a stack array: no tuple.
                Some(self.call_spill(RtFn::molt_obj_call_method_cached, vec![ops[0], method, n, k, kn, depth, cache], &ops[1..], sp))
            }
            Opcode::TMakeFunction => {
                let code = self.val(NewOp::new(Opcode::LFuncAddr, sp).attr("callee", attr("func")).attr("bound", attr("bound")).result(Type::Ptr));
                let int = |s: &mut Self, n: &str| s.i64c(attr(n).as_int().unwrap_or(0), sp);
                let (argcount, posonly) = (int(self, "argcount"), int(self, "posonly"));
                let flags = i64::from(attr("varargs").as_int() == Some(1)) | (i64::from(attr("varkw").as_int() == Some(1)) << 1);
                let flags = self.i64c(flags, sp);
                let [name, qualname, params, defaults, kwdefaults, closure] = ops[..] else { panic!("invariant `t.make_function has 6 operands` broken") };
                let module = self.str_object(self.tir.module_name, sp);
                let args = vec![code, name, qualname, module, params, argcount, posonly, flags, defaults, kwdefaults, closure];
                Some(self.call_val(RtFn::molt_function_new, args, Type::Ref, sp))
            }
            Opcode::TCallValue => {
                let kw = attr("kwnames").as_str().unwrap_or("").to_string();
                let depth = self.val(NewOp::new(Opcode::LFrameDepth, sp).result(Type::I64));
                if attr("star").as_int() == Some(1) {
                    // `f(*args)`: the caller's tuple as it is.
                    let names: Vec<Value> = kw.split(',').filter(|k| !k.is_empty()).map(|k| self.str_object(k, sp)).collect();
                    let kwnames = self.tuple_of(&names, sp);
                    Some(self.call_val(RtFn::molt_call, vec![ops[0], ops[1], kwnames, depth], Type::Ref, sp))
                } else {
                    // The arguments in a stack array: no tuple.
                    let k = self.val(NewOp::new(Opcode::LStr, sp).attr("value", Attr::Str(kw.clone())).result(Type::Ptr));
                    let kn = self.i64c(kw.len() as i64, sp);
                    Some(self.call_spill(RtFn::molt_call_args, vec![ops[0], k, kn, depth], &ops[1..], sp))
                }
            }
            Opcode::TCallValueEx => {
                let depth = self.val(NewOp::new(Opcode::LFrameDepth, sp).result(Type::I64));
                Some(self.call_val(RtFn::molt_call_ex, vec![ops[0], ops[1], ops[2], depth], Type::Ref, sp))
            }
            Opcode::TDictUpdate => {
                self.call(RtFn::molt_dict_update, ops, None, sp);
                None
            }
            Opcode::TKwargsMerge => {
                self.call(RtFn::molt_kwargs_merge, ops, None, sp);
                None
            }
            Opcode::TCellNew => {
                let (v, has) = match ops.first() {
                    Some(&v) => (v, self.konst(Attr::Bool(true), Type::I1, sp)),
                    None => (self.int_const(&Attr::Int(0), sp), self.konst(Attr::Bool(false), Type::I1, sp)),
                };
                Some(self.call_val(RtFn::molt_cell_new, vec![v, has], Type::Ref, sp))
            }
            Opcode::TCellGet => {
                let name = attr("name").as_str().unwrap_or("").to_string();
                let p = self.val(NewOp::new(Opcode::LStr, sp).attr("value", Attr::Str(name.clone())).result(Type::Ptr));
                let n = self.i64c(name.len() as i64, sp);
                let free = self.konst(Attr::Bool(attr("free").as_int() == Some(1)), Type::I1, sp);
                Some(self.call_val(RtFn::molt_cell_get, vec![ops[0], p, n, free], Type::Ref, sp))
            }
            Opcode::TCellSet => {
                self.call(RtFn::molt_cell_set, ops, None, sp);
                None
            }
            Opcode::TFunctionCell => {
                let i = self.i64c(attr("index").as_int().unwrap_or(0), sp);
                Some(self.call_val(RtFn::molt_function_cell, vec![ops[0], i], Type::Ref, sp))
            }
            Opcode::TObjGetitem => Some(self.call_val(RtFn::molt_obj_getitem, ops, Type::Ref, sp)),
            Opcode::TObjContains => Some(self.call_val(RtFn::molt_obj_contains, ops, Type::I1, sp)),
            Opcode::TObjIter => Some(self.call_val(RtFn::molt_obj_iter, ops, Type::Ref, sp)),
            Opcode::TObjNext => {
                // The runtime's "exhausted" marker is a static object, never a Python value.
                let item = self.call_val(RtFn::molt_iter_next, ops, Type::Ref, sp);
                let done = self.is_static(item, crate::abi::RtObj::molt_iter_done, sp);
                let more = self.cast(CastOp::Not, done, Type::I1, sp);
                let item = match res_ty.unwrap_or(Type::TObj) {
                    Type::TObj => item,
                    // A proven item type, tested only when there is an item.
                    t => {
                        let (check, join) = (self.new_block(), self.new_block());
                        let lowered = machine_type(t);
                        let r = self.out.add_block_param(join, lowered);
                        let none = if lowered == Type::Ref { item } else { self.zero(lowered, sp) };
                        self.cond_br(more, check, vec![], join, vec![none], sp);
                        self.cur = check;
                        let v = self.proven_item(item, t, sp);
                        self.br(join, vec![v], sp);
                        self.cur = join;
                        r
                    }
                };
                self.vmap.insert(o.results[0], item);
                self.vmap.insert(o.results[1], more);
                return;
            }
            Opcode::TYieldFromSend => {
                let v = self.call_val(RtFn::molt_yf_send, ops, Type::Ref, sp);
                let done = self.call_val(RtFn::molt_yf_done, vec![], Type::I1, sp);
                let more = self.cast(CastOp::Not, done, Type::I1, sp);
                self.vmap.insert(o.results[0], v);
                self.vmap.insert(o.results[1], more);
                return;
            }
            Opcode::TObjUnpack => {
                // The runtime checks the count and gives a tuple of exactly that many items.
                let n = self.i64c(o.results.len() as i64, sp);
                let t = self.call_val(RtFn::molt_obj_unpack, vec![ops[0], n], Type::Ref, sp);
                self.tuple_items_to(t, &o.results, sp);
                return;
            }
            Opcode::TFrameCheck => {
                let check = NewOp::new(Opcode::LFrameCheck, sp).attr("levels", attr("levels")).attr("msg", attr("msg"));
                self.push(self.with_limit(check));
                None
            }
            Opcode::TRaise => {
                self.push(NewOp::new(Opcode::LRaise, sp).attr("kind", attr("kind")).attr("msg", attr("msg")));
                None
            }
            molt_ir::py_ops!() | Opcode::CfUnwind | molt_ir::l_ops!() => {
                // Not a TIR op: the TIR verifier rejects this before lowering.
                None
            }
        };
        if let (Some(r), Some(v)) = (o.results.first(), result) {
            self.vmap.insert(*r, v);
        }
    }

    /// A new tuple of the (boxed) `items` (the tuple takes its own references).
    fn tuple_of(&mut self, items: &[Value], sp: Span) -> Value {
        self.call_spill(RtFn::molt_tuple_from, vec![], items, sp)
    }

    /// A runtime call with one `ref` result whose last two parameters are a stack array of
    /// `words` (borrowed `ref`s) and their count: `l.call_rt` with `spill`.
    fn call_spill(&mut self, f: RtFn, fixed: Vec<Value>, words: &[Value], sp: Span) -> Value {
        let opc = if may_raise(f) { Opcode::LCallRtChecked } else { Opcode::LCallRt };
        let spill = Attr::Int(fixed.len() as i64);
        let mut args = fixed;
        args.extend_from_slice(words);
        let op = NewOp::new(opc, sp).operands(args).attr("callee", Attr::Sym(f.name().into())).attr("spill", spill).result(Type::Ref);
        self.val(op)
    }

    /// Items `0..results.len()` of tuple `t`, as the values of TIR results `results`.
    fn tuple_items_to(&mut self, t: Value, results: &[Value], sp: Span) {
        for (i, &r) in results.iter().enumerate() {
            let idx = self.i64c(i as i64, sp);
            let item = self.call_val(RtFn::molt_tuple_item, vec![t, idx], Type::Ref, sp);
            self.vmap.insert(r, item);
        }
    }

    /// `t.call_builtin`: the runtime function of the builtin, with the absent optional
    /// arguments filled in (CPython's defaults) and the keyword arguments in their places.
    fn call_builtin(&mut self, o: &molt_ir::OpData, ops: &[Value], res: Type, sp: Span) -> Value {
        let which = o.expect_enum_attr::<molt_ir::Builtin>("name");
        let kwnames: Vec<String> = o.attr("kwnames").and_then(Attr::as_str).map(|k| k.split(',').map(String::from).collect()).unwrap_or_default();
        let (pos, kwv) = ops.split_at(ops.len() - kwnames.len());
        let kw = |name: &str| kwnames.iter().position(|k| k == name).map(|i| kwv[i]);
        let small = |s: &mut Self, v: i64| s.int_const(&Attr::Int(v), sp);
        let flag = |s: &mut Self, b: bool| s.konst(Attr::Bool(b), Type::I1, sp);
        // An optional argument: the one given, or the placeholder 0 and a false flag.
        let optional = |s: &mut Self, v: Option<Value>| match v {
            Some(v) => (v, flag(s, true)),
            None => (small(s, 0), flag(s, false)),
        };
        let tuple = |s: &mut Self, items: &[Value]| s.tuple_of(items, sp);
        use molt_ir::Builtin as B;
        match which {
            B::Range => {
                let (start, stop, step) = match pos {
                    [stop] => (small(self, 0), *stop, small(self, 1)),
                    [start, stop] => (*start, *stop, small(self, 1)),
                    [start, stop, step, ..] => (*start, *stop, *step),
                    [] => (small(self, 0), small(self, 0), small(self, 1)),
                };
                self.call_val(RtFn::molt_range_new, vec![start, stop, step], Type::Ref, sp)
            }
            B::Enumerate => {
                let start = match pos.get(1).copied().or_else(|| kw("start")) {
                    Some(v) => v,
                    None => small(self, 0),
                };
                self.call_val(RtFn::molt_enumerate, vec![pos[0], start], Type::Ref, sp)
            }
            B::Zip => {
                let t = tuple(self, pos);
                let strict = match kw("strict") {
                    Some(v) => self.call_val(RtFn::molt_obj_truth, vec![v], Type::I1, sp),
                    None => flag(self, false),
                };
                self.call_val(RtFn::molt_zip, vec![t, strict], Type::Ref, sp)
            }
            B::Reversed => self.call_val(RtFn::molt_reversed, vec![pos[0]], Type::Ref, sp),
            B::Iter => self.call_val(RtFn::molt_iter, vec![pos[0]], Type::Ref, sp),
            B::Sum => {
                let start = match pos.get(1).copied().or_else(|| kw("start")) {
                    Some(v) => v,
                    None => small(self, 0),
                };
                self.call_val(RtFn::molt_sum, vec![pos[0], start], Type::Ref, sp)
            }
            B::Any | B::All => {
                let f = if which == B::Any { RtFn::molt_any } else { RtFn::molt_all };
                let r = self.call_val(f, vec![pos[0]], Type::I1, sp);
                if res == Type::Bool { r } else { self.box_value(Type::Bool, r, sp) }
            }
            B::Min | B::Max => {
                let t = tuple(self, pos);
                let is_max = flag(self, which == B::Max);
                let key = match kw("key") {
                    Some(k) => k,
                    None => self.static_ref(crate::abi::RtObj::molt_none, sp),
                };
                let (d, has) = optional(self, kw("default"));
                self.call_val(RtFn::molt_min_max, vec![t, is_max, key, d, has], Type::Ref, sp)
            }
            B::Next => {
                let (d, has) = optional(self, pos.get(1).copied());
                self.call_val(RtFn::molt_next, vec![pos[0], d, has], Type::Ref, sp)
            }
            B::Round => {
                let (n, has) = optional(self, pos.get(1).copied().or_else(|| kw("ndigits")));
                self.call_val(RtFn::molt_round, vec![pos[0], n, has], Type::Ref, sp)
            }
            B::Dict => match pos.first() {
                Some(&x) => self.call_val(RtFn::molt_dict_from, vec![x], Type::Ref, sp),
                None => self.call_val(RtFn::molt_dict_new, vec![], Type::Ref, sp),
            },
            B::Set => match pos.first() {
                Some(&x) => self.call_val(RtFn::molt_set_from_iter, vec![x], Type::Ref, sp),
                None => self.call_val(RtFn::molt_set_new, vec![], Type::Ref, sp),
            },
            B::Frozenset => {
                let x = match pos.first() {
                    Some(&x) => x,
                    None => tuple(self, &[]),
                };
                self.call_val(RtFn::molt_frozenset_from_iter, vec![x], Type::Ref, sp)
            }
            B::Divmod => self.call_val(RtFn::molt_divmod, vec![pos[0], pos[1]], Type::Ref, sp),
            B::Ord => self.call_val(RtFn::molt_ord, vec![pos[0]], Type::Ref, sp),
            B::Chr => self.call_val(RtFn::molt_chr, vec![pos[0]], Type::Ref, sp),
            B::Id => self.call_val(RtFn::molt_id, vec![pos[0]], Type::Ref, sp),
            // Lowered by their own TIR ops, never through `t.call_builtin`.
            B::Abs | B::Int | B::Float | B::Str | B::Repr | B::Len | B::Hash | B::Type | B::IsInstance | B::Format | B::Ascii | B::List => {
                panic!("invariant `t.call_builtin` broken: `{}` has a TIR op of its own", which.name())
            }
        }
    }

    fn print(&mut self, o: &molt_ir::OpData, sep: &Attr, end: &Attr) {
        let sp = o.span;
        let sep = sep.as_str().unwrap_or(" ").to_string();
        let end = end.as_str().unwrap_or("\n").to_string();
        for (i, &tv) in o.operands.iter().enumerate() {
            if i > 0 {
                self.print_text(&sep, sp);
            }
            if let Some(s) = self.str_literal(tv) {
                self.print_text(&s, sp);
                continue;
            }
            let lv = self.v(tv);
            match self.src.values[tv].ty {
                Type::Int => { self.call(RtFn::molt_print_int, vec![lv], None, sp); }
                Type::Float => { self.call(RtFn::molt_print_float, vec![lv], None, sp); }
                Type::Bool => { self.call(RtFn::molt_print_bool, vec![lv], None, sp); }
                Type::None => { self.call(RtFn::molt_print_none, vec![], None, sp); }
                Type::Str | Type::TObj | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_) => { self.call(RtFn::molt_print_obj, vec![lv], None, sp); }
                Type::Index | Type::Obj | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref => {}
            }
        }
        self.print_text(&end, sp);
    }

    /// range(): ValueError for a zero step.
    fn range_step_check(&mut self, step: Value, sp: Span) {
        let z = self.i64c(0, sp);
        let is_zero = self.icmp(CmpOp::Eq, step, z, sp);
        let (raise_b, cont) = (self.new_block(), self.new_block());
        self.cond_br(is_zero, raise_b, vec![], cont, vec![], sp);
        self.cur = raise_b;
        self.raise("ValueError", "range() arg 3 must not be zero", sp);
        self.br(cont, vec![], sp);
        self.cur = cont;
    }
}

/// An IR value outside the subset of its enum that op `o` allows: the TIR verifier rejects it
/// before lowering.
fn outside_subset(o: &molt_ir::OpData, value: impl molt_ir::AttrEnum) -> ! {
    panic!("invariant `attributes` broken: `{}` does not take `{}`", o.opcode.name(), value.name())
}

/// The runtime's operator code of a binary operator.
fn binary_op(op: ArithOp) -> abi::BinaryOp {
    match op {
        ArithOp::Add => abi::BinaryOp::Add,
        ArithOp::Sub => abi::BinaryOp::Sub,
        ArithOp::Mul => abi::BinaryOp::Mul,
        ArithOp::TrueDiv => abi::BinaryOp::TrueDiv,
        ArithOp::FloorDiv => abi::BinaryOp::FloorDiv,
        ArithOp::Mod => abi::BinaryOp::Mod,
        ArithOp::Pow => abi::BinaryOp::Pow,
        ArithOp::LShift => abi::BinaryOp::LShift,
        ArithOp::RShift => abi::BinaryOp::RShift,
        ArithOp::And => abi::BinaryOp::And,
        ArithOp::Or => abi::BinaryOp::Or,
        ArithOp::Xor => abi::BinaryOp::Xor,
    }
}

/// The runtime's operator code of a unary operator; `None` for `not`, which is no runtime
/// operator (it negates the truth value).
fn unary_op(op: UnaryOp) -> Option<abi::UnaryOp> {
    Some(match op {
        UnaryOp::Neg => abi::UnaryOp::Neg,
        UnaryOp::Pos => abi::UnaryOp::Pos,
        UnaryOp::Invert => abi::UnaryOp::Invert,
        UnaryOp::Abs => abi::UnaryOp::Abs,
        UnaryOp::Not => return None,
    })
}

/// The runtime's operator code of a comparison; `None` for the identity tests (`is`, `is not`),
/// which compare reference words.
fn compare_op(op: CmpOp) -> Option<abi::CompareOp> {
    Some(match op {
        CmpOp::Lt => abi::CompareOp::Lt,
        CmpOp::Le => abi::CompareOp::Le,
        CmpOp::Eq => abi::CompareOp::Eq,
        CmpOp::Ne => abi::CompareOp::Ne,
        CmpOp::Gt => abi::CompareOp::Gt,
        CmpOp::Ge => abi::CompareOp::Ge,
        CmpOp::Is | CmpOp::IsNot => return None,
    })
}

