//! Calls of the runtime's C ABI (`l.call_rt`, `l.call_rt_checked`) and their spilled argument
//! arrays; the C-ABI entries through which the runtime calls compiled code (`l.func_addr`).
//!
//! Relies on: verified LIR (a `spill = k` call has at least k operands, those from k on are
//! words) and the ABI declarations (`abi::RtFn`). Provides: [`Codegen::spill_array`] (the
//! frame's one array of words, made in the entry block before anything else) and
//! [`Codegen::call_rt_op`], [`Codegen::c_entry`].
//!
//! Invariants: a function has at most one spill array, as long as its largest spill; an array
//! is only read by the runtime during the one call that gets its address (the ABI's contract:
//! the words are borrowed for the call), so every call site of the frame reuses it, and a
//! recursive call has a frame of its own. The callee of a spilled call ends with the two
//! parameters (`ptr`, `i64`) that get the array's address and its length.

use inkwell::AddressSpace;
use inkwell::module::Linkage;
use inkwell::types::BasicMetadataTypeEnum;
use inkwell::values::{BasicMetadataValueEnum, BasicValueEnum, FunctionValue, PointerValue};
use inkwell::GlobalVisibility;
use molt_ir::{Attr, Func, OpData, Opcode, Span};

use super::{Codegen, FnState, R, be};
use crate::abi::{self, AbiTy};

/// How many operands an op stores in the spill array (0 for an op without `spill`).
fn spilled(o: &OpData) -> usize {
    let calls = matches!(o.opcode, Opcode::LCallRt | Opcode::LCallRtChecked);
    match o.attr("spill").and_then(Attr::as_int).and_then(|k| usize::try_from(k).ok()) {
        Some(k) if calls => o.operands.len().saturating_sub(k),
        Some(_) | None => 0,
    }
}

impl<'c> Codegen<'c, '_, '_> {
    /// The frame's spill array (`[n x i64]`, `n` the largest spill of `f`), built where the
    /// builder stands: the start of the entry block. None when no call of `f` spills.
    pub(super) fn spill_array(&mut self, f: &Func) -> R<Option<PointerValue<'c>>> {
        let most = f.layout.iter().flat_map(|&b| f.blocks[b].ops.iter()).map(|&o| spilled(&f.ops[o])).max().unwrap_or(0);
        if most == 0 {
            return Ok(None);
        }
        let n = u32::try_from(most).map_err(|_| "spill array too long")?;
        let ty = self.ctx.i64_type().array_type(n);
        Ok(Some(be(self.b.build_alloca(ty, "spill"))?))
    }

    /// `l.call_rt` / `l.call_rt_checked`: the call, its i32 parameters narrowed and result
    /// widened, the spilled operands stored in the frame's array; then the pending-exception
    /// test when the op is checked.
    pub(super) fn call_rt_op(&mut self, st: &FnState<'c>, o: &OpData, ins: &[BasicValueEnum<'c>], sp: Span) -> R<Option<BasicValueEnum<'c>>> {
        let callee = o.attr("callee").and_then(Attr::as_str).unwrap_or("").to_string();
        let decl = abi::RtFn::from_name(&callee).ok_or_else(|| format!("runtime function `{callee}` is not in the ABI"))?.decl();
        let i64t = self.ctx.i64_type();
        let n = spilled(o);
        let fixed = &ins[..ins.len() - n];
        let mut args: Vec<BasicMetadataValueEnum<'c>> = Vec::new();
        for (v, t) in fixed.iter().zip(decl.params) {
            // LIR has no i32: narrow where the ABI says so.
            let a: BasicValueEnum<'c> = if *t == AbiTy::i32 {
                be(self.b.build_int_truncate(v.into_int_value(), self.ctx.i32_type(), "n"))?.into()
            } else {
                *v
            };
            args.push(a.into());
        }
        if o.attr("spill").is_some() {
            if decl.params.len() != fixed.len() + 2 || decl.params[fixed.len()..] != [AbiTy::ptr, AbiTy::i64] {
                return Err(format!("`{callee}` does not end with the (ptr, i64) of a spilled array"));
            }
            let arr = match st.spill {
                Some(a) if n > 0 => {
                    for (k, v) in ins[fixed.len()..].iter().enumerate() {
                        // SAFETY (LLVM's GEP contract): `k` < the array's length (`spill_array`).
                        let at = unsafe { be(self.b.build_in_bounds_gep(i64t, a, &[self.i64c(k as i64)], "word"))? };
                        be(self.b.build_store(at, *v))?;
                    }
                    a
                }
                Some(_) | None => self.ctx.ptr_type(inkwell::AddressSpace::default()).const_null(),
            };
            args.push(arr.into());
            args.push(self.i64c(n as i64).into());
        }
        let r = self.call_rt(&callee, &args)?;
        let r = match (r, decl.ret) {
            (Some(v), AbiTy::i32) => Some(be(self.b.build_int_s_extend(v.into_int_value(), i64t, "w"))?.into()),
            (r, _) => r,
        };
        if o.opcode == Opcode::LCallRtChecked {
            self.check_pending(st, sp)?;
        }
        Ok(r)
    }
    /// The C-ABI entry of compiled function `callee` that the runtime calls (`l.func_addr`,
    /// the `code` of `molt_function_new` and `molt_gen_new`): `ref (ref a, b, i64 depth)`. With
    /// `bound = Some(n)` (a function object's code) `b` is the address of the `n` bound
    /// parameters' words, loaded and passed after `a`; otherwise `b` is passed as it is. The
    /// callee's `{ value, raised }` becomes the value, or 0 when it raised (the exception stays
    /// pending). Made once per unit that needs it.
    pub(super) fn c_entry(&mut self, callee: &str, bound: Option<usize>) -> R<FunctionValue<'c>> {
        let name = format!("{}$c", self.fsym(callee));
        if let Some(fv) = self.module.get_function(&name) {
            return Ok(fv);
        }
        let i64t = self.ctx.i64_type();
        let ptrt = self.ctx.ptr_type(AddressSpace::default());
        let target = match self.funcs.get(callee) {
            Some(fv) => *fv,
            None => {
                let params: Vec<BasicMetadataTypeEnum> = vec![i64t.into(); bound.map_or(2, |n| n + 1) + 1];
                let fty = self.ctx.struct_type(&[i64t.into(), self.ctx.bool_type().into()], false).fn_type(&params, false);
                let fv = self.module.add_function(&self.fsym(callee), fty, Some(Linkage::External));
                fv.as_global_value().set_visibility(GlobalVisibility::Hidden);
                self.funcs.insert(callee.to_string(), fv);
                fv
            }
        };
        let second: BasicMetadataTypeEnum = if bound.is_some() { ptrt.into() } else { i64t.into() };
        let fv = self.module.add_function(&name, i64t.fn_type(&[i64t.into(), second, i64t.into()], false), Some(Linkage::Internal));
        let saved = self.b.get_insert_block();
        let bb = self.ctx.append_basic_block(fv, "entry");
        self.b.position_at_end(bb);
        let ps: Vec<BasicValueEnum<'c>> = fv.get_param_iter().collect();
        let [first, second, depth] = ps[..] else { return Err("C entry without three parameters".into()) };
        let mut args: Vec<BasicMetadataValueEnum<'c>> = vec![first.into()];
        match bound {
            Some(n) => {
                let base = second.into_pointer_value();
                for i in 0..n {
                    // SAFETY: the runtime passes `n` words (`function::call_raw`).
                    let at = be(unsafe { self.b.build_in_bounds_gep(i64t, base, &[i64t.const_int(i as u64, false)], "arg_at") })?;
                    args.push(be(self.b.build_load(i64t, at, "arg"))?.into());
                }
            }
            None => args.push(second.into()),
        }
        args.push(depth.into());
        let r = be(self.b.build_call(target, &args, "r"))?;
        let agg = match r.try_as_basic_value() {
            inkwell::values::ValueKind::Basic(v) => v.into_struct_value(),
            _ => return Err(format!("function object code @{callee} returns no status")),
        };
        let v = be(self.b.build_extract_value(agg, 0, "v"))?.into_int_value();
        let raised = be(self.b.build_extract_value(agg, 1, "raised"))?.into_int_value();
        let out = be(self.b.build_select(raised, i64t.const_zero(), v, "out"))?;
        be(self.b.build_return(Some(&out)))?;
        if let Some(b) = saved {
            self.b.position_at_end(b);
        }
        Ok(fv)
    }
}
