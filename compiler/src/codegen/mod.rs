//! LIR → LLVM IR (inkwell, LLVM 22) → object code or assembly.
//!
//! Relies on: verified LIR. Provides: one LLVM module for the whole program (the optimized
//! build: LLVM may inline across functions), optimized with LLVM's `default<On>` pipeline, and
//! emitted for x86-64 or AArch64 Linux. Semantics it implements for LIR:
//! * block arguments become phi nodes;
//! * an op with the `may_raise` trait that fails calls `molt_raise` (for inline checks), then
//!   records the traceback frame of this op's line (`molt_traceback_push`) and leaves the function
//!   through its exit path (returning a zero value with the exception pending); after calls the
//!   pending flag `molt_exc_pending` is tested (decisions/0005);
//! * every compiled function except `<module>` takes its frame depth (the module's frame is 1)
//!   as a hidden last argument; a call whose callee would be deeper than `RECURSION_LIMIT`
//!   raises RecursionError at the call, as CPython does — registers only, no memory traffic;
//! * module variables are an LLVM global plus a bound flag; loads of unbound names raise
//!   NameError.
//!
//! A failure here is an internal error (exit 101), never a user error.

use std::collections::HashMap;

use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::GlobalVisibility;
use inkwell::attributes::AttributeLoc;
use inkwell::module::{Linkage, Module as LModule};
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::{FileType, TargetMachine, TargetTriple};
use inkwell::types::{BasicMetadataTypeEnum, BasicType, BasicTypeEnum};
use inkwell::values::{BasicMetadataValueEnum, BasicValueEnum, FunctionValue, GlobalValue, IntValue, PhiValue, PointerValue};
use inkwell::{AddressSpace, FloatPredicate, IntPredicate};
use molt_ir::{ArithOp, Attr, AttrEnum, BitOp, Block, CastOp, CmpOp, Func, Module, OpData, Opcode, Span, Type, Value};

use crate::abi::{self, AbiTy, RtFn};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TargetArch {
    X86_64,
    Aarch64,
}

impl TargetArch {
    pub fn triple(self) -> &'static str {
        match self {
            TargetArch::X86_64 => "x86_64-unknown-linux-gnu",
            TargetArch::Aarch64 => "aarch64-unknown-linux-gnu",
        }
    }
    pub fn from_triple(t: &str) -> Option<TargetArch> {
        match t {
            "x86_64-unknown-linux-gnu" | "x86_64" => Some(TargetArch::X86_64),
            "aarch64-unknown-linux-gnu" | "aarch64" => Some(TargetArch::Aarch64),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    LlvmIr,
    Asm,
    Obj,
}

/// What the generated code needs to know about the source (for tracebacks).
pub struct SourceInfo<'a> {
    pub path: &'a str,
    /// For each op's span: its line, stripped source line and location markers.
    pub lines: &'a LineTable,
    /// LIR function name → Python function name.
    pub source_names: &'a std::collections::BTreeMap<String, String>,
    /// One of the program's imported modules (None for `__main__`): its symbols are prefixed
    /// with its name, and the unit that defines its variables defines its descriptor.
    pub user: Option<UserModuleInfo<'a>>,
}

pub use user_module::{UserModuleInfo, module_symbol};

pub use crate::traceback::{FrameLine, LineTable, line_starts, line_table};

mod calls;
mod literals;
mod machine;
mod user_module;

/// What one LLVM module (a code generation unit) contains.
pub struct Unit<'a> {
    /// The functions defined in this unit.
    pub funcs: Vec<&'a Func>,
    /// Every module variable of the program.
    pub globals: &'a [molt_ir::Global],
    /// Whether this unit defines the module variables (else it declares them).
    pub define_globals: bool,
    /// The whole program in one unit: everything is internal, so LLVM may inline and drop it.
    /// Otherwise (one unit per function, for fast incremental builds) symbols are external.
    pub whole_program: bool,
}

impl<'a> Unit<'a> {
    pub fn whole(lir: &'a Module) -> Unit<'a> {
        Unit { funcs: lir.funcs.iter().collect(), globals: &lir.globals, define_globals: true, whole_program: true }
    }
}

type R<T> = Result<T, String>;

/// Enum attribute `name` of a verified LIR op (an error when it is missing: a compiler bug).
fn enum_attr<E: AttrEnum>(o: &OpData, name: &str) -> R<E> {
    o.enum_attr(name).ok_or_else(|| format!("`{}` has no valid `{name}` attribute", o.opcode.name()))
}

/// The error of a value outside the subset of its enum that op `o` allows (the LIR verifier
/// rejects it).
fn outside_subset<T>(o: &OpData, value: impl AttrEnum) -> R<T> {
    Err(format!("`{}` does not take `{}`", o.opcode.name(), value.name()))
}

fn be<T>(r: Result<T, inkwell::builder::BuilderError>) -> R<T> {
    r.map_err(|e| format!("LLVM builder: {e}"))
}

pub fn generate(unit: &Unit<'_>, src: &SourceInfo<'_>, opt: u8, arch: TargetArch, output: Output) -> R<Vec<u8>> {
    machine::with_machine(arch, opt, |tm| generate_with(unit, src, opt, arch, output, tm))
}

fn generate_with(unit: &Unit<'_>, src: &SourceInfo<'_>, opt: u8, arch: TargetArch, output: Output, tm: &TargetMachine) -> R<Vec<u8>> {
    let ctx = Context::create();
    if !matches!(output, Output::LlvmIr) {
        // Value names only serve a reader of the IR: kept for `--emit=llvm`, dropped otherwise,
        // as clang drops them. Uniquing them in a large function's symbol table was half of the
        // LLVM time of a 1,790-line module (StringMap lookups and removals).
        // SAFETY: a valid context, before any value is created in it.
        unsafe { inkwell::llvm_sys::core::LLVMContextSetDiscardValueNames(ctx.raw(), 1) };
    }
    let module = ctx.create_module("molt");
    let triple = TargetTriple::create(arch.triple());
    module.set_triple(&triple);
    module.set_data_layout(&tm.get_target_data().get_data_layout());

    let mut cg = Codegen::new(&ctx, &module, src);
    cg.declare(unit)?;
    for f in &unit.funcs {
        cg.function(f)?;
    }
    if unit.define_globals {
        let release = cg.module_release(unit)?;
        if let Some(u) = &src.user {
            let init = unit.funcs.iter().find(|f| f.name == crate::infer::MAIN).and_then(|f| cg.funcs.get(&f.name).copied()).ok_or("the module's top-level code is not in the unit that defines its variables")?;
            cg.module_descriptor(u, init, release)?;
        }
    }
    module.verify().map_err(|e| format!("LLVM module verification failed: {e}"))?;
    if opt > 0 {
        let passes = format!("default<O{}>", opt.min(3));
        module.run_passes(&passes, tm, PassBuilderOptions::create()).map_err(|e| e.to_string())?;
    }
    Ok(match output {
        Output::LlvmIr => module.print_to_string().to_bytes().to_vec(),
        Output::Asm => tm.write_to_memory_buffer(&module, FileType::Assembly).map_err(|e| e.to_string())?.as_slice().to_vec(),
        Output::Obj => tm.write_to_memory_buffer(&module, FileType::Object).map_err(|e| e.to_string())?.as_slice().to_vec(),
    })
}

struct Codegen<'c, 'm, 's> {
    ctx: &'c Context,
    module: &'m LModule<'c>,
    b: Builder<'c>,
    src: &'s SourceInfo<'s>,
    rt: HashMap<&'static str, FunctionValue<'c>>,
    funcs: HashMap<String, FunctionValue<'c>>,
    globals: HashMap<String, (GlobalValue<'c>, GlobalValue<'c>, BasicTypeEnum<'c>)>,
    /// The module variables that hold references (machine type `ref`).
    ref_globals: std::collections::HashSet<String>,
    strings: HashMap<String, PointerValue<'c>>,
    /// The caching word of each string literal (`l.str_slot`).
    str_slots: HashMap<String, PointerValue<'c>>,
    /// The static data and the caching word of each bytes literal (`l.bytes`, `l.bytes_slot`).
    bytes: HashMap<Vec<u8>, PointerValue<'c>>,
    bytes_slots: HashMap<Vec<u8>, PointerValue<'c>>,
    exc_pending: Option<GlobalValue<'c>>,
    /// The runtime's current recursion limit (`sys.setrecursionlimit`).
    recursion_limit: Option<GlobalValue<'c>>,
    /// The runtime's static objects (None, True, False, type objects).
    objects: HashMap<&'static str, GlobalValue<'c>>,
}

/// Per-function state.
struct FnState<'c> {
    f: FunctionValue<'c>,
    exit: BasicBlock<'c>,
    /// `Func::cold_blocks`: decrements there are calls (`molt_obj_decref`).
    cold: std::collections::HashSet<Block>,
    blocks: HashMap<Block, BasicBlock<'c>>,
    phis: HashMap<Value, PhiValue<'c>>,
    vals: HashMap<Value, BasicValueEnum<'c>>,
    name: String,
    /// This frame's depth (the module's frame is 1).
    depth: IntValue<'c>,
    is_main: bool,
    /// While the op being emitted is followed by `cf.if_raised`: its handler block and the
    /// (phi, value) pairs of the handler edge's arguments. A raise then goes there, not to `exit`.
    handler: Option<(BasicBlock<'c>, Vec<(PhiValue<'c>, BasicValueEnum<'c>)>)>,
    /// The frame's array for spilled call arguments (`calls::spill_array`).
    spill: Option<PointerValue<'c>>,
}

impl<'c, 'm, 's> Codegen<'c, 'm, 's> {
    fn new(ctx: &'c Context, module: &'m LModule<'c>, src: &'s SourceInfo<'s>) -> Self {
        Codegen {
            ctx,
            module,
            b: ctx.create_builder(),
            src,
            rt: HashMap::new(),
            funcs: HashMap::new(),
            globals: HashMap::new(),
            ref_globals: std::collections::HashSet::new(),
            strings: HashMap::new(),
            str_slots: HashMap::new(),
            bytes: HashMap::new(),
            bytes_slots: HashMap::new(),
            exc_pending: None,
            recursion_limit: None,
            objects: HashMap::new(),
        }
    }

    fn ty(&self, t: Type) -> BasicTypeEnum<'c> {
        match t {
            Type::F64 | Type::Float => self.ctx.f64_type().into(),
            Type::I1 | Type::Bool => self.ctx.bool_type().into(),
            Type::Ptr => self.ctx.ptr_type(AddressSpace::default()).into(),
            Type::I64 | Type::Index | Type::Ref | Type::Int | Type::None | Type::Str | Type::TObj | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_) | Type::Obj => self.ctx.i64_type().into(),
        }
    }

    fn abi_ty(&self, t: AbiTy) -> Option<BasicTypeEnum<'c>> {
        Some(match t {
            AbiTy::i64 => self.ctx.i64_type().into(),
            AbiTy::i32 => self.ctx.i32_type().into(),
            AbiTy::u8 => self.ctx.i8_type().into(),
            AbiTy::f64 => self.ctx.f64_type().into(),
            AbiTy::bool => self.ctx.bool_type().into(),
            AbiTy::ptr => self.ctx.ptr_type(AddressSpace::default()).into(),
            AbiTy::obj => self.ctx.i64_type().into(),
            AbiTy::void => return None,
        })
    }

    fn declare(&mut self, unit: &Unit<'_>) -> R<()> {
        for f in abi::FUNCTIONS {
            let params: Vec<BasicMetadataTypeEnum> = f.params.iter().filter_map(|p| self.abi_ty(*p)).map(Into::into).collect();
            let fty = match self.abi_ty(f.ret) {
                Some(r) => r.fn_type(&params, false),
                None => self.ctx.void_type().fn_type(&params, false),
            };
            let fv = self.module.add_function(f.name, fty, Some(Linkage::External));
            // The runtime is linked statically into the executable: hidden visibility lets LLVM
            // call it directly (no PLT) and address its globals PC-relative (no GOT).
            fv.as_global_value().set_visibility(GlobalVisibility::Hidden);
            // The C ABI passes a `bool` zero-extended; without `zeroext` the upper bits of the
            // register are undefined and the callee may read garbage.
            for (i, p) in f.params.iter().enumerate() {
                if *p == AbiTy::bool {
                    fv.add_attribute(AttributeLoc::Param(i as u32), self.zeroext());
                }
            }
            self.rt.insert(f.name, fv);
        }
        for (name, t) in abi::GLOBALS {
            let ty = self.abi_ty(*t).ok_or("void ABI global")?;
            let g = self.module.add_global(ty, None, name);
            g.set_linkage(Linkage::External);
            g.set_visibility(GlobalVisibility::Hidden);
            if *name == "molt_exc_pending" {
                self.exc_pending = Some(g);
            }
            if *name == "molt_recursion_limit" {
                self.recursion_limit = Some(g);
            }
        }
        for obj in abi::RtObj::ALL {
            let g = self.module.add_global(self.ctx.i8_type(), None, obj.name());
            g.set_linkage(Linkage::External);
            g.set_visibility(GlobalVisibility::Hidden);
            self.objects.insert(obj.name(), g);
        }
        let linkage = if unit.whole_program { Linkage::Internal } else { Linkage::External };
        if let Some(u) = &self.src.user
            && unit.define_globals {
                // Defined here (its fields at the end, `module_descriptor`); declared first so
                // that the module's own `import` of itself finds it.
                let g = self.module.add_global(self.descriptor_type(), None, &module_symbol(u.name));
                g.set_linkage(Linkage::External);
                g.set_visibility(GlobalVisibility::Hidden);
            }
        // `unit.globals` is what the unit uses (db::function_object: one -O0 unit per function
        // must not declare every module variable, which is quadratic) or, for <module>, all.
        for g in unit.globals {
            let ty = self.ty(g.ty);
            let v = self.module.add_global(ty, None, &format!("g.{}{}", self.prefix(), g.name));
            let flag = self.module.add_global(self.ctx.bool_type(), None, &format!("g.{}{}.bound", self.prefix(), g.name));
            for (x, t) in [(v, ty), (flag, self.ctx.bool_type().into())] {
                x.set_linkage(linkage);
                if unit.define_globals {
                    x.set_initializer(&t.const_zero());
                } else {
                    x.set_visibility(GlobalVisibility::Hidden);
                }
            }
            self.globals.insert(g.name.clone(), (v, flag, ty));
            if g.ty == Type::Ref {
                self.ref_globals.insert(g.name.clone());
            }
        }
        for f in &unit.funcs {
            let is_main = f.name == crate::infer::MAIN;
            let mut params: Vec<BasicMetadataTypeEnum> = f.param_types().iter().map(|t| self.ty(*t).into()).collect();
            if !is_main {
                params.push(self.ctx.i64_type().into()); // the frame depth
            }
            // Compiled functions return `{ value, raised }`: the caller tests the flag in a
            // register (decisions/0005); `<module>` returns nothing (the runtime's `main` reads
            // the pending exception).
            let fty = match f.results.first() {
                Some(t) if !is_main => {
                    self.ctx.struct_type(&[self.ty(*t), self.ctx.bool_type().into()], false).fn_type(&params, false)
                }
                Some(t) => self.ty(*t).fn_type(&params, false),
                None => self.ctx.void_type().fn_type(&params, false),
            };
            let name = match &self.src.user {
                Some(u) if is_main => format!("molt_init.{}", u.name),
                None if is_main => abi::ENTRY[0].to_string(),
                Some(_) | None => self.fsym(&f.name),
            };
            let linkage = if (is_main && self.src.user.is_none()) || !unit.whole_program { Linkage::External } else { Linkage::Internal };
            let fv = self.module.add_function(&name, fty, Some(linkage));
            if !is_main && !unit.whole_program {
                fv.as_global_value().set_visibility(GlobalVisibility::Hidden);
            }
            self.funcs.insert(f.name.clone(), fv);
        }
        Ok(())
    }

    /// Defines `molt_module_release` in the unit that defines the module variables: every bound
    /// reference variable is unbound and its reference dropped.
    fn module_release(&mut self, unit: &Unit<'_>) -> R<FunctionValue<'c>> {
        let (name, linkage) = match &self.src.user {
            Some(u) => (format!("molt_release.{}", u.name), Linkage::Internal),
            None => (abi::ENTRY.get(1).ok_or("the ABI declares no module release entry")?.to_string(), Linkage::External),
        };
        let fv = self.module.add_function(&name, self.ctx.void_type().fn_type(&[], false), Some(linkage));
        let mut bb = self.ctx.append_basic_block(fv, "entry");
        self.b.position_at_end(bb);
        for g in unit.globals.iter().filter(|g| g.ty == Type::Ref) {
            let (v, flag, ty) = *self.globals.get(&g.name).ok_or("module variable not declared")?;
            let bound = be(self.b.build_load(self.ctx.bool_type(), flag.as_pointer_value(), "bound"))?.into_int_value();
            let (drop_bb, next) = (self.ctx.append_basic_block(fv, "drop"), self.ctx.append_basic_block(fv, "next"));
            be(self.b.build_conditional_branch(bound, drop_bb, next))?;
            self.b.position_at_end(drop_bb);
            be(self.b.build_store(flag.as_pointer_value(), self.ctx.bool_type().const_zero()))?;
            let x = be(self.b.build_load(ty, v.as_pointer_value(), "x"))?;
            self.call_rt(RtFn::molt_obj_decref.name(), &[x.into()])?;
            be(self.b.build_unconditional_branch(next))?;
            bb = next;
            self.b.position_at_end(bb);
        }
        be(self.b.build_return(None))?;
        Ok(fv)
    }


    fn zeroext(&self) -> inkwell::attributes::Attribute {
        self.ctx.create_enum_attribute(inkwell::attributes::Attribute::get_named_enum_kind_id("zeroext"), 0)
    }

    fn i64c(&self, v: i64) -> IntValue<'c> {
        self.ctx.i64_type().const_int(v as u64, true)
    }

    fn call_rt(&mut self, name: &str, args: &[BasicMetadataValueEnum<'c>]) -> R<Option<BasicValueEnum<'c>>> {
        let f = *self.rt.get(name).ok_or_else(|| format!("runtime function `{name}` is not in the ABI (runtime/src/abi.rs)"))?;
        let decl = abi::RtFn::from_name(name).ok_or("ABI lookup")?.decl();
        if decl.params.len() != args.len() {
            return Err(format!("runtime call `{name}` passes {} arguments, the ABI declares {}", args.len(), decl.params.len()));
        }
        let cs = be(self.b.build_call(f, args, ""))?;
        for (i, p) in decl.params.iter().enumerate() {
            if *p == AbiTy::bool {
                cs.add_attribute(AttributeLoc::Param(i as u32), self.zeroext());
            }
        }
        Ok(match cs.try_as_basic_value() {
            inkwell::values::ValueKind::Basic(v) => Some(v),
            _ => None,
        })
    }

    fn line_of(&self, sp: Span) -> FrameLine {
        self.src.lines.get(&(sp.start, sp.end)).cloned().unwrap_or_default()
    }

    /// A compiled function defined in another unit: declared from the call's types.
    fn extern_function(&mut self, f: &Func, op: &molt_ir::OpData, callee: &str) -> R<FunctionValue<'c>> {
        if let Some(fv) = self.funcs.get(callee) {
            return Ok(*fv);
        }
        let mut params: Vec<BasicMetadataTypeEnum> = op.operands.iter().map(|v| self.ty(f.values[*v].ty).into()).collect();
        params.push(self.ctx.i64_type().into());
        let ret = op.results.first().map(|r| self.ty(f.values[*r].ty)).ok_or_else(|| format!("call of @{callee} has no result"))?;
        let fty = self.ctx.struct_type(&[ret, self.ctx.bool_type().into()], false).fn_type(&params, false);
        let fv = self.module.add_function(&self.fsym(callee), fty, Some(Linkage::External));
        fv.as_global_value().set_visibility(GlobalVisibility::Hidden);
        self.funcs.insert(callee.to_string(), fv);
        Ok(fv)
    }

    /// A block that records this frame at `sp` and leaves the function.
    fn propagate_block(&mut self, st: &FnState<'c>, sp: Span, raise: Option<(&str, &str)>) -> R<BasicBlock<'c>> {
        let here = self.b.get_insert_block().ok_or("no insertion block")?;
        let bb = self.ctx.append_basic_block(st.f, "raise");
        self.b.position_at_end(bb);
        if let Some((kind, msg)) = raise {
            let k = abi::exception_kind(kind).ok_or_else(|| format!("exception kind `{kind}` is not in the ABI"))?;
            let mp = self.str_ptr(msg)?;
            let args = [self.ctx.i32_type().const_int(k as u64, false).into(), mp.into(), self.i64c(msg.len() as i64).into()];
            self.call_rt(abi::RtFn::molt_raise.name(), &args)?;
        }
        let FrameLine { line, text, carets, synthetic } = self.line_of(sp);
        let src_name = self.src.source_names.get(&st.name).cloned().unwrap_or_else(|| st.name.clone());
        let path = if synthetic { "<string>".to_string() } else { self.src.path.to_string() };
        let fp = self.str_ptr(&path)?;
        let np = self.str_ptr(&src_name)?;
        let tp = self.str_ptr(&text)?;
        let cp = self.str_ptr(&carets)?;
        let args = [
            fp.into(),
            self.i64c(path.len() as i64).into(),
            np.into(),
            self.i64c(src_name.len() as i64).into(),
            self.i64c(line).into(),
            tp.into(),
            self.i64c(text.len() as i64).into(),
            cp.into(),
            self.i64c(carets.len() as i64).into(),
        ];
        self.call_rt(abi::RtFn::molt_traceback_push.name(), &args)?;
        match &st.handler {
            Some((h, incoming)) => {
                for (phi, v) in incoming {
                    phi.add_incoming(&[(v, bb)]);
                }
                be(self.b.build_unconditional_branch(*h))?;
            }
            None => {
                be(self.b.build_unconditional_branch(st.exit))?;
            }
        }
        self.b.position_at_end(here);
        Ok(bb)
    }

    /// Branches to a raise/propagate block when `cond` holds; continues in a fresh block.
    fn check(&mut self, st: &FnState<'c>, cond: IntValue<'c>, sp: Span, raise: Option<(&str, &str)>) -> R<()> {
        let bad = self.propagate_block(st, sp, raise)?;
        let ok = self.ctx.append_basic_block(st.f, "ok");
        let br = be(self.b.build_conditional_branch(cond, bad, ok))?;
        // Exceptions are rare: tell LLVM, so that it lays out and allocates registers for the
        // path without them.
        let i32t = self.ctx.i32_type();
        let weights = self.ctx.metadata_node(&[
            self.ctx.metadata_string("branch_weights").into(),
            i32t.const_int(1, false).into(),
            i32t.const_int(1 << 20, false).into(),
        ]);
        br.set_metadata(weights, self.ctx.get_kind_id("prof")).map_err(|e| format!("branch weights: {e:?}"))?;
        self.b.position_at_end(ok);
        Ok(())
    }

    /// The recursion limit minus `levels` that a depth-checking op compares with: the constant,
    /// or with `dynamic_limit` the runtime's current one.
    fn recursion_limit(&mut self, o: &molt_ir::OpData, levels: i64) -> R<IntValue<'c>> {
        if o.attr("dynamic_limit").is_none() {
            return Ok(self.i64c(abi::RECURSION_LIMIT - levels));
        }
        let g = self.recursion_limit.ok_or("molt_recursion_limit missing")?;
        let v = be(self.b.build_load(self.ctx.i64_type(), g.as_pointer_value(), "limit"))?.into_int_value();
        Ok(be(self.b.build_int_sub(v, self.i64c(levels), "limit_less"))?)
    }

    fn check_pending(&mut self, st: &FnState<'c>, sp: Span) -> R<()> {
        let g = self.exc_pending.ok_or("molt_exc_pending missing")?;
        let v = be(self.b.build_load(self.ctx.i8_type(), g.as_pointer_value(), "pending"))?.into_int_value();
        let c = be(self.b.build_int_compare(IntPredicate::NE, v, self.ctx.i8_type().const_zero(), "raised"))?;
        self.check(st, c, sp, None)
    }

    fn function(&mut self, f: &Func) -> R<()> {
        let fv = self.funcs[&f.name];
        let is_main = f.name == crate::infer::MAIN;
        let entry_bb = self.ctx.append_basic_block(fv, "entry");
        let exit = self.ctx.append_basic_block(fv, "exit");
        let depth = if is_main {
            self.i64c(1)
        } else {
            fv.get_last_param().ok_or("missing depth parameter")?.into_int_value()
        };
        let mut st = FnState { f: fv, exit, cold: f.cold_blocks(), blocks: HashMap::new(), phis: HashMap::new(), vals: HashMap::new(), name: f.name.clone(), depth, is_main, handler: None, spill: None };
        for (i, &b) in f.layout.iter().enumerate() {
            let bb = if i == 0 { entry_bb } else { self.ctx.append_basic_block(fv, "bb") };
            st.blocks.insert(b, bb);
        }
        // Phis for block arguments; parameters for the entry block.
        for (i, &b) in f.layout.iter().enumerate() {
            for (k, &p) in f.blocks[b].params.iter().enumerate() {
                if i == 0 {
                    let v = fv.get_nth_param(k as u32).ok_or("missing parameter")?;
                    st.vals.insert(p, v);
                } else {
                    self.b.position_at_end(st.blocks[&b]);
                    let phi = be(self.b.build_phi(self.ty(f.values[p].ty), "arg"))?;
                    st.phis.insert(p, phi);
                    st.vals.insert(p, phi.as_basic_value());
                }
            }
        }
        // Exit path: leave with a pending exception.
        self.b.position_at_end(exit);
        match f.results.first() {
            Some(t) if !is_main => {
                let z = self.ty(*t).const_zero();
                be(self.b.build_aggregate_return(&[z, self.ctx.bool_type().const_int(1, false).into()]))?;
            }
            Some(t) => {
                let z = self.ty(*t).const_zero();
                be(self.b.build_return(Some(&z)))?;
            }
            None => {
                be(self.b.build_return(None))?;
            }
        }
        self.b.position_at_end(entry_bb);
        st.spill = self.spill_array(f)?;
        // Definitions before uses: walk blocks in dominance order (the entry comes first).
        let mut first = true;
        for b in f.dominance_order() {
            if !first {
                self.b.position_at_end(st.blocks[&b]);
            }
            first = false;
            let ops = &f.blocks[b].ops;
            for (idx, &op) in ops.iter().enumerate() {
                // An op followed by `cf.if_raised` raises into its handler (decisions/0015).
                st.handler = None;
                if let Some(&next) = ops.get(idx + 1)
                    && f.ops[next].opcode == Opcode::CfIfRaised
                {
                    let s = &f.ops[next].successors[0];
                    let mut incoming = Vec::new();
                    for (a, p) in s.args.iter().zip(&f.blocks[s.block].params) {
                        let phi = *st.phis.get(p).ok_or("raise edge to the entry block")?;
                        incoming.push((phi, self.v(&st, *a)?));
                    }
                    st.handler = Some((st.blocks[&s.block], incoming));
                }
                self.op(f, op, &mut st)?;
            }
            st.handler = None;
        }
        Ok(())
    }

    fn v(&self, st: &FnState<'c>, v: Value) -> R<BasicValueEnum<'c>> {
        st.vals.get(&v).copied().ok_or_else(|| "use of a value with no LLVM definition".to_string())
    }

    fn overflow_op(&mut self, intr: &str, a: IntValue<'c>, b: IntValue<'c>) -> R<(IntValue<'c>, IntValue<'c>)> {
        let i = inkwell::intrinsics::Intrinsic::find(intr).ok_or_else(|| format!("intrinsic {intr}"))?;
        let decl = i.get_declaration(self.module, &[self.ctx.i64_type().into()]).ok_or("intrinsic declaration")?;
        let r = be(self.b.build_call(decl, &[a.into(), b.into()], ""))?;
        let agg = match r.try_as_basic_value() {
            inkwell::values::ValueKind::Basic(v) => v.into_struct_value(),
            _ => return Err("overflow intrinsic returned void".into()),
        };
        let val = be(self.b.build_extract_value(agg, 0, "v"))?.into_int_value();
        let ovf = be(self.b.build_extract_value(agg, 1, "o"))?.into_int_value();
        Ok((val, ovf))
    }

    /// The reference word of a static runtime object: its address plus the tag.
    fn static_ref(&mut self, name: &str) -> R<IntValue<'c>> {
        let g = *self.objects.get(name).ok_or_else(|| format!("`{name}` is not a static object of the ABI"))?;
        let addr = g.as_pointer_value().const_to_int(self.ctx.i64_type());
        be(self.b.build_int_add(addr, self.i64c(abi::OBJ_TAG), "sref"))
    }

    fn is_heap(&mut self, w: IntValue<'c>) -> R<IntValue<'c>> {
        let tag = be(self.b.build_and(w, self.i64c(abi::OBJ_TAG), "tag"))?;
        be(self.b.build_int_compare(IntPredicate::NE, tag, self.ctx.i64_type().const_zero(), "heap"))
    }

    /// The address of the field at `offset` of the object heap reference `w` points to.
    fn field_ptr(&mut self, w: IntValue<'c>, offset: i64) -> R<PointerValue<'c>> {
        let addr = be(self.b.build_int_add(w, self.i64c(offset - abi::OBJ_TAG), "field"))?;
        be(self.b.build_int_to_ptr(addr, self.ctx.ptr_type(AddressSpace::default()), "fp"))
    }

    /// Loads a field of the object that heap reference `w` points to.
    /// The word in layout slot `index` of instance `inst`, and whether it is an object (the slot
    /// is not empty and holds a heap reference).
    fn slot_object(&mut self, inst: IntValue<'c>, index: i64) -> R<(IntValue<'c>, IntValue<'c>)> {
        let w = self.load_field(inst, abi::INSTANCE_SLOTS_OFFSET + 8 * index, self.ctx.i64_type().into())?.into_int_value();
        let empty = be(self.b.build_int_compare(IntPredicate::EQ, w, self.i64c(abi::INSTANCE_SLOT_EMPTY), "empty"))?;
        let heap = self.is_heap(w)?;
        let not_empty = be(self.b.build_not(empty, "set"))?;
        Ok((w, be(self.b.build_and(heap, not_empty, "object"))?))
    }

    /// Whether heap reference `w` is a float object.
    fn is_float_object(&mut self, w: IntValue<'c>) -> R<IntValue<'c>> {
        let tyw = self.load_field(w, abi::OBJ_TYPE_OFFSET, self.ctx.i64_type().into())?.into_int_value();
        let float_ty = self.static_ref(abi::RtObj::molt_type_float.name())?;
        let float_ty = be(self.b.build_int_sub(float_ty, self.i64c(abi::OBJ_TAG), "fty"))?;
        be(self.b.build_int_compare(IntPredicate::EQ, tyw, float_ty, "is_float"))
    }

    fn load_field(&mut self, w: IntValue<'c>, offset: i64, ty: BasicTypeEnum<'c>) -> R<BasicValueEnum<'c>> {
        let addr = be(self.b.build_int_add(w, self.i64c(offset - abi::OBJ_TAG), "field"))?;
        let p = be(self.b.build_int_to_ptr(addr, self.ctx.ptr_type(AddressSpace::default()), "fp"))?;
        be(self.b.build_load(ty, p, "f"))
    }

    /// `l.incref` (delta 1) / `l.decref` (delta -1): for a heap reference, adjust the count in
    /// its header; at zero, free it through the runtime. Small ints are left alone.
    fn refcount(&mut self, w: IntValue<'c>, delta: i64, st: &FnState<'c>) -> R<()> {
        let heap = self.is_heap(w)?;
        let adjust = self.ctx.append_basic_block(st.f, if delta > 0 { "incref" } else { "decref" });
        let done = self.ctx.append_basic_block(st.f, "rc_done");
        be(self.b.build_conditional_branch(heap, adjust, done))?;
        self.b.position_at_end(adjust);
        let addr = be(self.b.build_int_add(w, self.i64c(abi::OBJ_RC_OFFSET - abi::OBJ_TAG), "rcp"))?;
        let p = be(self.b.build_int_to_ptr(addr, self.ctx.ptr_type(AddressSpace::default()), "rcp"))?;
        let i64t = self.ctx.i64_type();
        let rc = be(self.b.build_load(i64t, p, "rc"))?.into_int_value();
        let rc = be(self.b.build_int_add(rc, self.i64c(delta), "rc"))?;
        be(self.b.build_store(p, rc))?;
        if delta < 0 {
            let dead = be(self.b.build_int_compare(IntPredicate::EQ, rc, i64t.const_zero(), "dead"))?;
            let free = self.ctx.append_basic_block(st.f, "dealloc");
            be(self.b.build_conditional_branch(dead, free, done))?;
            self.b.position_at_end(free);
            self.call_rt(abi::RtFn::molt_obj_dealloc.name(), &[w.into()])?;
        }
        be(self.b.build_unconditional_branch(done))?;
        self.b.position_at_end(done);
        Ok(())
    }

    fn op(&mut self, f: &Func, id: molt_ir::OpId, st: &mut FnState<'c>) -> R<()> {
        let o = &f.ops[id];
        let sp = o.span;
        let attr_s = |n: &str| o.attr(n).and_then(Attr::as_str).unwrap_or("").to_string();
        let mut ins: Vec<BasicValueEnum<'c>> = Vec::new();
        for &v in &o.operands {
            ins.push(self.v(st, v)?);
        }
        let int = |i: usize| ins[i].into_int_value();
        let flt = |i: usize| ins[i].into_float_value();
        let i64t = self.ctx.i64_type();
        let result: Option<BasicValueEnum<'c>> = match o.opcode {
            Opcode::CfBr | Opcode::CfCondBr => {
                let here = self.b.get_insert_block().ok_or("no block")?;
                for s in &o.successors {
                    for (a, p) in s.args.iter().zip(&f.blocks[s.block].params) {
                        let av = self.v(st, *a)?;
                        let phi = st.phis.get(p).ok_or("branch to the entry block")?;
                        phi.add_incoming(&[(&av, here)]);
                    }
                }
                if o.opcode == Opcode::CfBr {
                    be(self.b.build_unconditional_branch(st.blocks[&o.successors[0].block]))?;
                } else {
                    be(self.b.build_conditional_branch(int(0), st.blocks[&o.successors[0].block], st.blocks[&o.successors[1].block]))?;
                }
                None
            }
            Opcode::CfIfRaised => {
                // The raise edge was taken inside the op before (`st.handler`): go on normally.
                let here = self.b.get_insert_block().ok_or("no block")?;
                let s = &o.successors[1];
                for (a, p) in s.args.iter().zip(&f.blocks[s.block].params) {
                    let av = self.v(st, *a)?;
                    let phi = st.phis.get(p).ok_or("branch to the entry block")?;
                    phi.add_incoming(&[(&av, here)]);
                }
                be(self.b.build_unconditional_branch(st.blocks[&s.block]))?;
                None
            }
            Opcode::CfUnreachable => {
                be(self.b.build_unreachable())?;
                None
            }
            Opcode::CfUnwind => {
                // The frame was recorded where the exception was raised: leave with it.
                be(self.b.build_unconditional_branch(st.exit))?;
                None
            }
            Opcode::CfReturn => {
                match ins.first() {
                    Some(v) if !st.is_main => be(self.b.build_aggregate_return(&[*v, self.ctx.bool_type().const_zero().into()]))?,
                    Some(v) => be(self.b.build_return(Some(v)))?,
                    None => be(self.b.build_return(None))?,
                };
                None
            }
            Opcode::LConst => Some(match o.attr("value") {
                Some(Attr::Int(i)) => self.i64c(*i).into(),
                Some(Attr::Float(x)) => self.ctx.f64_type().const_float(x.0).into(),
                Some(Attr::Bool(b)) => self.ctx.bool_type().const_int(*b as u64, false).into(),
                _ => self.ctx.bool_type().const_zero().into(),
            }),
            Opcode::LStr => Some(self.str_ptr(&attr_s("value"))?.into()),
            Opcode::LStrSlot => Some(self.str_slot(&attr_s("value")).into()),
            Opcode::LBytes => Some(self.bytes_ptr(literals::bytes_attr(o)?).into()),
            Opcode::LBytesSlot => Some(self.bytes_slot(literals::bytes_attr(o)?).into()),
            Opcode::LModuleDesc => Some(self.descriptor(&attr_s("module")).into()),
            Opcode::LSiteCache => {
                let Some(&Attr::Int(n)) = o.attr("words") else { return Err("l.site_cache without `words`".into()) };
                let words = u32::try_from(n).map_err(|_| "l.site_cache: bad word count")?;
                let ty = self.ctx.i64_type().array_type(words);
                let g = self.module.add_global(ty, None, ".sitecache");
                g.set_linkage(Linkage::Private);
                g.set_initializer(&ty.const_zero());
                Some(g.as_pointer_value().into())
            }
            Opcode::LIarithOvf => {
                let intr = match enum_attr::<ArithOp>(o, "op")? {
                    ArithOp::Add => "llvm.sadd.with.overflow",
                    ArithOp::Sub => "llvm.ssub.with.overflow",
                    ArithOp::Mul => "llvm.smul.with.overflow",
                    op @ (ArithOp::TrueDiv | ArithOp::FloorDiv | ArithOp::Mod | ArithOp::Pow | ArithOp::LShift | ArithOp::RShift
                    | ArithOp::And | ArithOp::Or | ArithOp::Xor) => return outside_subset(o, op),
                };
                let (v, ovf) = self.overflow_op(intr, int(0), int(1))?;
                st.vals.insert(o.results[0], v.into());
                st.vals.insert(o.results[1], ovf.into());
                None
            }
            Opcode::LIbit => {
                let (a, b) = (int(0), int(1));
                Some(match enum_attr::<BitOp>(o, "op")? {
                    BitOp::And => be(self.b.build_and(a, b, "and"))?,
                    BitOp::Or => be(self.b.build_or(a, b, "or"))?,
                    BitOp::Xor => be(self.b.build_xor(a, b, "xor"))?,
                    BitOp::Shl => be(self.b.build_left_shift(a, b, "shl"))?,
                    BitOp::AShr => be(self.b.build_right_shift(a, b, true, "ashr"))?,
                }.into())
            }
            Opcode::LIdivFloor => {
                // Python's flooring division: truncate, then step down when the remainder is
                // non-zero and its sign differs from the divisor's (precondition: b != 0 and
                // not (MIN, -1)).
                let floordiv = match enum_attr::<ArithOp>(o, "op")? {
                    ArithOp::FloorDiv => true,
                    ArithOp::Mod => false,
                    op @ (ArithOp::Add | ArithOp::Sub | ArithOp::Mul | ArithOp::TrueDiv | ArithOp::Pow | ArithOp::LShift | ArithOp::RShift
                    | ArithOp::And | ArithOp::Or | ArithOp::Xor) => return outside_subset(o, op),
                };
                let (a, b) = (int(0), int(1));
                let q = be(self.b.build_int_signed_div(a, b, "q"))?;
                let r = be(self.b.build_int_signed_rem(a, b, "r"))?;
                let rnz = be(self.b.build_int_compare(IntPredicate::NE, r, i64t.const_zero(), "rnz"))?;
                let x = be(self.b.build_xor(r, b, "x"))?;
                let neg = be(self.b.build_int_compare(IntPredicate::SLT, x, i64t.const_zero(), "neg"))?;
                let adj = be(self.b.build_and(rnz, neg, "adj"))?;
                if floordiv {
                    let q1 = be(self.b.build_int_sub(q, i64t.const_int(1, false), "q1"))?;
                    Some(be(self.b.build_select(adj, q1, q, "fd"))?)
                } else {
                    let r1 = be(self.b.build_int_add(r, b, "r1"))?;
                    Some(be(self.b.build_select(adj, r1, r, "md"))?)
                }
            }
            Opcode::LIncref => {
                self.refcount(int(0), 1, st)?;
                None
            }
            Opcode::LDecref => {
                if st.cold.contains(&o.block) {
                    // A raise path: the tag test inline (LLVM folds it for a value known to be
                    // a small int, which then need not be kept for this path), the decrement
                    // and free in one call.
                    let heap = self.is_heap(int(0))?;
                    let call = self.ctx.append_basic_block(st.f, "decref_cold");
                    let done = self.ctx.append_basic_block(st.f, "rc_done");
                    be(self.b.build_conditional_branch(heap, call, done))?;
                    self.b.position_at_end(call);
                    self.call_rt(abi::RtFn::molt_obj_decref.name(), &[ins[0].into()])?;
                    be(self.b.build_unconditional_branch(done))?;
                    self.b.position_at_end(done);
                } else {
                    self.refcount(int(0), -1, st)?;
                }
                None
            }
            Opcode::LStaticRef => Some(self.static_ref(&attr_s("object"))?.into()),
            Opcode::LTypeIs => {
                // A heap reference (tag bit set) whose header's type is the static type object.
                let w = int(0);
                let tagged = self.is_heap(w)?;
                let ty = self.static_ref(&attr_s("type"))?;
                let here = self.b.get_insert_block().ok_or("no block")?;
                let load_bb = self.ctx.append_basic_block(st.f, "type_load");
                let done = self.ctx.append_basic_block(st.f, "type_done");
                be(self.b.build_conditional_branch(tagged, load_bb, done))?;
                self.b.position_at_end(load_bb);
                let tyw = self.load_field(w, abi::OBJ_TYPE_OFFSET, i64t.into())?.into_int_value();
                let untagged_ty = be(self.b.build_int_sub(ty, self.i64c(abi::OBJ_TAG), "ty"))?;
                let same = be(self.b.build_int_compare(IntPredicate::EQ, tyw, untagged_ty, "same"))?;
                be(self.b.build_unconditional_branch(done))?;
                self.b.position_at_end(done);
                let phi = be(self.b.build_phi(self.ctx.bool_type(), "is_type"))?;
                phi.add_incoming(&[(&self.ctx.bool_type().const_zero(), here), (&same, load_bb)]);
                Some(phi.as_basic_value())
            }
            Opcode::LLoadFloat => Some(self.load_field(int(0), abi::FLOAT_VALUE_OFFSET, self.ctx.f64_type().into())?),
            Opcode::LFarith => {
                let (a, b) = (flt(0), flt(1));
                Some(match enum_attr::<ArithOp>(o, "op")? {
                    ArithOp::Add => be(self.b.build_float_add(a, b, "f"))?.into(),
                    ArithOp::Sub => be(self.b.build_float_sub(a, b, "f"))?.into(),
                    ArithOp::Mul => be(self.b.build_float_mul(a, b, "f"))?.into(),
                    op @ (ArithOp::TrueDiv | ArithOp::FloorDiv | ArithOp::Mod | ArithOp::Pow | ArithOp::LShift | ArithOp::RShift
                    | ArithOp::And | ArithOp::Or | ArithOp::Xor) => return outside_subset(o, op),
                })
            }
            Opcode::LFdiv => {
                let zero = be(self.b.build_float_compare(FloatPredicate::OEQ, flt(1), self.ctx.f64_type().const_zero(), "z"))?;
                self.check(st, zero, sp, Some(("ZeroDivisionError", "float division by zero")))?;
                Some(be(self.b.build_float_div(flt(0), flt(1), "d"))?.into())
            }
            Opcode::LIcmp => {
                let p = match enum_attr::<CmpOp>(o, "op")? {
                    CmpOp::Lt => IntPredicate::SLT,
                    CmpOp::Le => IntPredicate::SLE,
                    CmpOp::Gt => IntPredicate::SGT,
                    CmpOp::Ge => IntPredicate::SGE,
                    CmpOp::Eq => IntPredicate::EQ,
                    CmpOp::Ne => IntPredicate::NE,
                    op @ (CmpOp::Is | CmpOp::IsNot) => return outside_subset(o, op),
                };
                Some(be(self.b.build_int_compare(p, int(0), int(1), "c"))?.into())
            }
            Opcode::LFcmp => {
                let p = match enum_attr::<CmpOp>(o, "op")? {
                    CmpOp::Lt => FloatPredicate::OLT,
                    CmpOp::Le => FloatPredicate::OLE,
                    CmpOp::Gt => FloatPredicate::OGT,
                    CmpOp::Ge => FloatPredicate::OGE,
                    CmpOp::Eq => FloatPredicate::OEQ,
                    CmpOp::Ne => FloatPredicate::UNE,
                    op @ (CmpOp::Is | CmpOp::IsNot) => return outside_subset(o, op),
                };
                Some(be(self.b.build_float_compare(p, flt(0), flt(1), "c"))?.into())
            }
            Opcode::LCast => Some(match enum_attr::<CastOp>(o, "op")? {
                CastOp::SiToFp => be(self.b.build_signed_int_to_float(int(0), self.ctx.f64_type(), "f"))?.into(),
                CastOp::ZExt => be(self.b.build_int_z_extend(int(0), i64t, "z"))?.into(),
                CastOp::FNeg => be(self.b.build_float_neg(flt(0), "n"))?.into(),
                CastOp::FAbs => {
                    let i = inkwell::intrinsics::Intrinsic::find("llvm.fabs").ok_or("llvm.fabs")?;
                    let d = i.get_declaration(self.module, &[self.ctx.f64_type().into()]).ok_or("llvm.fabs decl")?;
                    match be(self.b.build_call(d, &[ins[0].into()], "abs"))?.try_as_basic_value() {
                        inkwell::values::ValueKind::Basic(v) => v,
                        _ => return Err("fabs returned void".into()),
                    }
                }
                // Reference words and their bits are both i64 in LLVM.
                CastOp::RefBits | CastOp::BitsRef => ins[0],
                CastOp::Not => be(self.b.build_not(int(0), "not"))?.into(),
            }),
            Opcode::LSelect => Some(be(self.b.build_select(int(0), ins[1], ins[2], "sel"))?),
            Opcode::LCallRt | Opcode::LCallRtChecked => self.call_rt_op(st, o, &ins, sp)?,
            Opcode::LCall | Opcode::LCallInline => {
                let callee = attr_s("callee");
                let fv = self.extern_function(f, o, &callee)?;
                // CPython allows RECURSION_LIMIT frames, the module's included, and raises in the
                // caller, at the call.
                let depth = be(self.b.build_int_add(st.depth, self.i64c(1), "depth"))?;
                let limit = self.recursion_limit(o, 0)?;
                let over = be(self.b.build_int_compare(IntPredicate::SGT, depth, limit, "too_deep"))?;
                self.check(st, over, sp, Some(("RecursionError", abi::RECURSION_MSG)))?;
                let mut args: Vec<BasicMetadataValueEnum<'c>> = ins.iter().map(|v| (*v).into()).collect();
                args.push(depth.into());
                let r = be(self.b.build_call(fv, &args, ""))?;
                if o.opcode == Opcode::LCallInline {
                    let always = self.ctx.create_enum_attribute(inkwell::attributes::Attribute::get_named_enum_kind_id("alwaysinline"), 0);
                    r.add_attribute(AttributeLoc::Function, always);
                }
                match r.try_as_basic_value() {
                    inkwell::values::ValueKind::Basic(v) => {
                        // The value first: on a raise it is the callee's placeholder (0), which
                        // the raise edge of a handler may still drop (decisions/0015).
                        let agg = v.into_struct_value();
                        let ret = be(self.b.build_extract_value(agg, 0, "ret"))?;
                        let raised = be(self.b.build_extract_value(agg, 1, "raised"))?.into_int_value();
                        self.check(st, raised, sp, None)?;
                        Some(ret)
                    }
                    _ => return Err(format!("call of @{callee} returns no status")),
                }
            }
            Opcode::LFuncAddr => {
                let callee = attr_s("callee");
                let bound = o.attr("bound").and_then(Attr::as_int).map(usize::try_from).transpose().map_err(|_| "negative `bound`")?;
                let thunk = self.c_entry(&callee, bound)?;
                Some(thunk.as_global_value().as_pointer_value().into())
            }
            Opcode::LFrameDepth => Some(st.depth.into()),
            Opcode::LDeleteGlobal => {
                let name = attr_s("name");
                let (g, flag, ty) = *self.globals.get(&name).ok_or_else(|| format!("unknown global @{name}"))?;
                let bound = be(self.b.build_load(self.ctx.bool_type(), flag.as_pointer_value(), "bound"))?.into_int_value();
                let unbound = be(self.b.build_not(bound, "unbound"))?;
                let msg = format!("name '{name}' is not defined");
                self.check(st, unbound, sp, Some(("NameError", &msg)))?;
                be(self.b.build_store(flag.as_pointer_value(), self.ctx.bool_type().const_zero()))?;
                if self.ref_globals.contains(&name) {
                    let x = be(self.b.build_load(ty, g.as_pointer_value(), "x"))?;
                    self.call_rt(RtFn::molt_obj_decref.name(), &[x.into()])?;
                }
                None
            }
            Opcode::LLoadGlobal => {
                let name = attr_s("name");
                let (g, flag, ty) = *self.globals.get(&name).ok_or_else(|| format!("unknown global @{name}"))?;
                let bound = be(self.b.build_load(self.ctx.bool_type(), flag.as_pointer_value(), "bound"))?.into_int_value();
                let unbound = be(self.b.build_not(bound, "unbound"))?;
                let msg = format!("name '{name}' is not defined");
                self.check(st, unbound, sp, Some(("NameError", &msg)))?;
                Some(be(self.b.build_load(ty, g.as_pointer_value(), &name))?)
            }
            // Generator frames (decisions/0030): words of the generator object.
            Opcode::LGenState => Some(self.load_field(int(0), abi::GEN_STATE_OFFSET, i64t.into())?),
            Opcode::LGenSetState => {
                let state = o.attr("state").and_then(Attr::as_int).ok_or("l.gen_set_state without a state")?;
                let p = self.field_ptr(int(0), abi::GEN_STATE_OFFSET)?;
                be(self.b.build_store(p, self.i64c(state)))?;
                None
            }
            Opcode::LLoadWord => {
                let off = o.attr("offset").and_then(Attr::as_int).ok_or("l.load_word without an offset")?;
                Some(self.load_field(int(0), off, i64t.into())?)
            }
            Opcode::LKnownClass => {
                let ty = self.load_field(int(0), abi::OBJ_TYPE_OFFSET, i64t.into())?.into_int_value();
                let p = be(self.b.build_int_to_ptr(be(self.b.build_int_add(ty, self.i64c(abi::TYPE_KNOWN_CLASS_OFFSET), "kcp"))?, self.ctx.ptr_type(AddressSpace::default()), "kc"))?;
                Some(be(self.b.build_load(i64t, p, "known"))?)
            }
            Opcode::LSlotLoad => {
                let index = o.attr("index").and_then(Attr::as_int).ok_or("l.slot_load without an index")?;
                Some(self.load_field(int(0), abi::INSTANCE_SLOTS_OFFSET + 8 * index, i64t.into())?)
            }
            Opcode::LSlotFloatLoad => {
                let index = o.attr("index").and_then(Attr::as_int).ok_or("l.slot_float_load without an index")?;
                let (w, object) = self.slot_object(int(0), index)?;
                let entry_bb = self.b.get_insert_block().ok_or("no insert block")?;
                let (check_bb, load_bb, done_bb) = (
                    self.ctx.append_basic_block(st.f, "fload_check"),
                    self.ctx.append_basic_block(st.f, "fload_value"),
                    self.ctx.append_basic_block(st.f, "fload_done"),
                );
                be(self.b.build_conditional_branch(object, check_bb, done_bb))?;
                self.b.position_at_end(check_bb);
                let is_float = self.is_float_object(w)?;
                be(self.b.build_conditional_branch(is_float, load_bb, done_bb))?;
                self.b.position_at_end(load_bb);
                let x = self.load_field(w, abi::FLOAT_VALUE_OFFSET, self.ctx.f64_type().into())?.into_float_value();
                be(self.b.build_unconditional_branch(done_bb))?;
                self.b.position_at_end(done_bb);
                let f64t = self.ctx.f64_type();
                let zero = f64t.const_zero();
                let v = be(self.b.build_phi(f64t, "fslot"))?;
                v.add_incoming(&[(&zero, entry_bb), (&zero, check_bb), (&x, load_bb)]);
                let bt = self.ctx.bool_type();
                let ok = be(self.b.build_phi(bt, "fslot_ok"))?;
                ok.add_incoming(&[(&bt.const_zero(), entry_bb), (&bt.const_zero(), check_bb), (&bt.const_all_ones(), load_bb)]);
                st.vals.insert(o.results[0], v.as_basic_value());
                st.vals.insert(o.results[1], ok.as_basic_value());
                None
            }
            Opcode::LSlotFloatStore => {
                let index = o.attr("index").and_then(Attr::as_int).ok_or("l.slot_float_store without an index")?;
                let p = self.field_ptr(int(0), abi::INSTANCE_SLOTS_OFFSET + 8 * index)?;
                let (old, object) = self.slot_object(int(0), index)?;
                let empty = be(self.b.build_int_compare(IntPredicate::EQ, old, self.i64c(abi::INSTANCE_SLOT_EMPTY), "empty"))?;
                let (check_bb, inplace_bb, box_bb, done_bb) = (
                    self.ctx.append_basic_block(st.f, "fslot_check"),
                    self.ctx.append_basic_block(st.f, "fslot_inplace"),
                    self.ctx.append_basic_block(st.f, "fslot_box"),
                    self.ctx.append_basic_block(st.f, "fslot_done"),
                );
                be(self.b.build_conditional_branch(object, check_bb, box_bb))?;
                self.b.position_at_end(check_bb);
                let is_float = self.is_float_object(old)?;
                let rc = self.load_field(old, abi::OBJ_RC_OFFSET, i64t.into())?.into_int_value();
                let alone = be(self.b.build_int_compare(IntPredicate::EQ, rc, self.i64c(1), "alone"))?;
                let reuse = be(self.b.build_and(is_float, alone, "reuse"))?;
                be(self.b.build_conditional_branch(reuse, inplace_bb, box_bb))?;
                self.b.position_at_end(inplace_bb);
                let fp = self.field_ptr(old, abi::FLOAT_VALUE_OFFSET)?;
                be(self.b.build_store(fp, flt(1)))?;
                be(self.b.build_unconditional_branch(done_bb))?;
                self.b.position_at_end(box_bb);
                let boxed = self.call_rt(abi::RtFn::molt_box_float.name(), &[flt(1).into()])?.ok_or("molt_box_float returns a value")?;
                self.check_pending(st, sp)?;
                be(self.b.build_store(p, boxed))?;
                let old = be(self.b.build_select(empty, i64t.const_zero(), old, "old_ref"))?.into_int_value();
                self.refcount(old, -1, st)?;
                be(self.b.build_unconditional_branch(done_bb))?;
                self.b.position_at_end(done_bb);
                None
            }
            Opcode::LSlotStore => {
                let index = o.attr("index").and_then(Attr::as_int).ok_or("l.slot_store without an index")?;
                let p = self.field_ptr(int(0), abi::INSTANCE_SLOTS_OFFSET + 8 * index)?;
                let old = be(self.b.build_load(i64t, p, "old"))?.into_int_value();
                be(self.b.build_store(p, ins[1]))?;
                // An empty slot holds no reference: drop the small int 0 instead (nothing).
                let empty = be(self.b.build_int_compare(IntPredicate::EQ, old, self.i64c(abi::INSTANCE_SLOT_EMPTY), "was_empty"))?;
                let old = be(self.b.build_select(empty, i64t.const_zero(), old, "old_ref"))?.into_int_value();
                self.refcount(old, -1, st)?;
                None
            }
            Opcode::LGenStore => {
                let slot = o.attr("slot").and_then(Attr::as_int).ok_or("l.gen_store without a slot")?;
                let p = self.field_ptr(int(0), abi::GEN_SLOTS_OFFSET + 8 * slot)?;
                be(self.b.build_store(p, ins[1]))?;
                None
            }
            Opcode::LGenTake => {
                let slot = o.attr("slot").and_then(Attr::as_int).ok_or("l.gen_take without a slot")?;
                let p = self.field_ptr(int(0), abi::GEN_SLOTS_OFFSET + 8 * slot)?;
                let t = f.values[o.results[0]].ty;
                let v = be(self.b.build_load(self.ty(t), p, "slot"))?;
                if t == Type::Ref {
                    // The reference moves out of the frame.
                    be(self.b.build_store(p, i64t.const_zero()))?;
                }
                Some(v)
            }
            // Only a use for the `refcount` pass.
            Opcode::LRelease => None,
            Opcode::LReturnGenerator | Opcode::LYield => {
                return Err(format!("@{}: `{}` reached code generation (the `generator` split did not run)", f.name, o.opcode.name()));
            }
            Opcode::LStoreGlobal => {
                let name = attr_s("name");
                let (g, flag, ty) = *self.globals.get(&name).ok_or_else(|| format!("unknown global @{name}"))?;
                // A `ref` global owns its value: the previous one (small int 0 before the first
                // store) is dropped after the new one is in place.
                let old = if f.values[o.operands[0]].ty == Type::Ref { Some(be(self.b.build_load(ty, g.as_pointer_value(), "old"))?) } else { None };
                be(self.b.build_store(g.as_pointer_value(), ins[0]))?;
                be(self.b.build_store(flag.as_pointer_value(), self.ctx.bool_type().const_int(1, false)))?;
                if let Some(old) = old {
                    self.refcount(old.into_int_value(), -1, st)?;
                }
                None
            }
            Opcode::LReraise => {
                self.call_rt(abi::RtFn::molt_exc_reraise.name(), &[ins[0].into()])?;
                self.check_pending(st, sp)?;
                None
            }
            Opcode::LFrameCheck => {
                let levels = match o.attr("levels") {
                    Some(Attr::Int(n)) => *n,
                    _ => 1,
                };
                let limit = self.recursion_limit(o, levels)?;
                let over = be(self.b.build_int_compare(IntPredicate::SGT, st.depth, limit, "at_limit"))?;
                self.check(st, over, sp, Some(("RecursionError", &attr_s("msg"))))?;
                None
            }
            Opcode::LRaise => {
                let (kind, msg) = (attr_s("kind"), attr_s("msg"));
                let bad = self.propagate_block(st, sp, Some((&kind, &msg)))?;
                be(self.b.build_unconditional_branch(bad))?;
                let dead = self.ctx.append_basic_block(st.f, "after_raise");
                self.b.position_at_end(dead);
                None
            }
            Opcode::LIsSmallInt => {
                let tag = be(self.b.build_and(int(0), self.i64c(abi::OBJ_TAG), "tag"))?;
                Some(be(self.b.build_int_compare(IntPredicate::EQ, tag, i64t.const_zero(), "small"))?.into())
            }
            Opcode::LTailCall => {
                if st.is_main {
                    return Err("`l.tail_call` in <module>".into());
                }
                let callee = attr_s("callee");
                let fv = *self.funcs.get(&callee).ok_or_else(|| format!("`l.tail_call` of @{callee}, which is not in this unit"))?;
                let mut args: Vec<BasicMetadataValueEnum<'c>> = ins.iter().map(|v| (*v).into()).collect();
                args.push(st.depth.into());
                let call = be(self.b.build_call(fv, &args, "forward"))?;
                call.set_tail_call(true);
                // The callee is the out-of-line rest of this function (decisions/0017): inlining
                // it back would undo the split.
                let noinline = self.ctx.create_enum_attribute(inkwell::attributes::Attribute::get_named_enum_kind_id("noinline"), 0);
                call.add_attribute(AttributeLoc::Function, noinline);
                match call.try_as_basic_value() {
                    inkwell::values::ValueKind::Basic(v) => be(self.b.build_return(Some(&v)))?,
                    _ => return Err(format!("`l.tail_call` of @{callee} returns nothing")),
                };
                None
            }
            molt_ir::py_ops!() | molt_ir::t_ops!() => return Err(format!("`{}` is not an LIR op", o.opcode.name())),
        };
        if let (Some(v), Some(&r)) = (result, o.results.first()) {
            st.vals.insert(r, v);
        }
        Ok(())
    }
}
