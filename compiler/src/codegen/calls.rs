//! Calls of the runtime's C ABI (`l.call_rt`, `l.call_rt_checked`) and their spilled argument
//! arrays.
//!
//! Relies on: verified LIR (a `spill = k` call has at least k operands, those from k on are
//! words) and the ABI declarations (`abi::RtFn`). Provides: [`Codegen::spill_array`] (the
//! frame's one array of words, made in the entry block before anything else) and
//! [`Codegen::call_rt_op`].
//!
//! Invariants: a function has at most one spill array, as long as its largest spill; an array
//! is only read by the runtime during the one call that gets its address (the ABI's contract:
//! the words are borrowed for the call), so every call site of the frame reuses it, and a
//! recursive call has a frame of its own. The callee of a spilled call ends with the two
//! parameters (`ptr`, `i64`) that get the array's address and its length.

use inkwell::values::{BasicMetadataValueEnum, BasicValueEnum, PointerValue};
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
}
