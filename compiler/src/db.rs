//! The salsa database: every pipeline stage is a tracked query.
//!
//! Inputs: `SourceFile` (path + text). Queries: `parse_hir(file)` (parse + AST → HIR, with the
//! diagnostics), `module_tir(file)` (whole-program inference), then per function instance
//! (`Instance`, interned by file and instance name) `function_tir` and `function_lir`. Early
//! cutoff: `function_tir` re-runs after any edit (cheap: it extracts one function), but when its
//! result is unchanged salsa keeps `function_lir` (and everything downstream of it) as it was, so
//! editing one function body lowers only that function again (`tests/incremental.rs` counts it).
//! For fast (-O0) builds each instance is its own code generation unit: `function_object`
//! (keyed by `CodegenUnit {instance, opt, target}`) holds its object bytes, so an edit
//! recompiles one function and relinks.
//!
//! Architecture invariant: query results are plain data (`Eq`, no LLVM objects, no addresses);
//! LLVM contexts live only inside `codegen::generate`.

use std::collections::{BTreeMap, BTreeSet};

use molt_ir::{Func, Global, Type};

use crate::codegen::{LineTable, Output, SourceInfo, TargetArch, Unit};
use crate::diagnostics::Diagnostic;
use crate::hir::HirModule;
use crate::infer::TirModule;

#[salsa::input]
pub struct SourceFile {
    #[returns(ref)]
    pub path: String,
    #[returns(ref)]
    pub text: String,
    /// `--tier 0`: reject what needs boxed values (Tier 1) instead of boxing it.
    pub tier0: bool,
    /// The module's name and its program (the main file's by default).
    #[default]
    #[returns(ref)]
    pub context: crate::hir::ModuleContext,
}

#[salsa::interned]
pub struct Instance<'db> {
    pub file: SourceFile,
    #[returns(ref)]
    pub name: String,
}

#[salsa::db]
pub trait Db: salsa::Database {}

#[salsa::db]
#[derive(Clone)]
#[derive(Default)]
pub struct Database {
    storage: salsa::Storage<Self>,
}


impl Database {
    /// A database that reports the name of every query it executes (for tests and `--time-passes`).
    pub fn with_event_log(log: std::sync::Arc<std::sync::Mutex<Vec<String>>>) -> Self {
        let storage = salsa::Storage::new(Some(Box::new(move |event: salsa::Event| {
            if let salsa::EventKind::WillExecute { database_key } = event.kind
                && let Ok(mut l) = log.lock() {
                    l.push(format!("{database_key:?}"));
                }
        })));
        Database { storage }
    }
}

#[salsa::db]
impl salsa::Database for Database {}

#[salsa::db]
impl Db for Database {}

/// Parse and lower to HIR. Syntax errors and unsupported constructs are diagnostics.
#[salsa::tracked(returns(ref))]
pub fn parse_hir(db: &dyn Db, file: SourceFile) -> Result<HirModule, Vec<Diagnostic>> {
    let text = file.text(db);
    // CPython's tokenizer errors come first unless the parser failed earlier in the file.
    let tokenizer = crate::source::tokenizer_error(text);
    let parsed = match ruff_python_parser::parse_module(text) {
        Ok(p) => p,
        Err(e) => {
            let r = e.location;
            if let Some(t) = tokenizer.filter(|t| t.offset <= r.start().to_u32()) {
                return Err(vec![crate::source::diagnostic(&t)]);
            }
            let sp = molt_ir::Span::new(r.start().to_u32(), r.end().to_u32());
            return Err(vec![Diagnostic::new("E0001", sp, format!("invalid syntax: {}", e.error)).label("here").help("fix the syntax error; Molt accepts Python 3.11 syntax")]);
        }
    };
    if let Some(t) = tokenizer {
        return Err(vec![crate::source::diagnostic(&t)]);
    }
    let mut module = parsed.into_syntax();
    let originals = crate::hir::mangle::mangle_module(&mut module.body);
    let (hir, diags) = crate::hir::lower_module(&module.body, file.context(db), file.path(db), &originals);
    if diags.is_empty() { Ok(hir) } else { Err(diags) }
}

/// Whole-program type inference and monomorphization.
#[salsa::tracked(returns(ref))]
pub fn module_tir(db: &dyn Db, file: SourceFile) -> Result<TirModule, Vec<Diagnostic>> {
    let hir = parse_hir(db, file).as_ref().map_err(Clone::clone)?;
    // `sys.setrecursionlimit` called by any module of the program limits every module's frames.
    let ctx = file.context(db);
    crate::infer::infer(hir, *file.tier0(db)).map(|mut t| {
        t.dynamic_recursion_limit |= ctx.imports_sys;
        t.module_name = ctx.name.clone();
        t
    })
}

/// What lowering one function needs from the rest of the module (small, for early cutoff).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleFacts {
    pub globals: Vec<Global>,
    /// The names of the globals of type `t.obj` (`lower::ModuleView::object_globals`).
    pub object_globals: BTreeSet<String>,
    /// Instance → its index in the module's TIR.
    pub instance_index: BTreeMap<String, usize>,
    pub source_names: BTreeMap<String, String>,
    pub check_defs: bool,
    pub dynamic_recursion_limit: bool,
    pub enables: Vec<crate::abi::RtFn>,
    pub instances: Vec<String>,
    /// A module others import: its module-level names (global slots) and whether each is a
    /// `def` its code calls directly.
    pub exports: Vec<(String, bool)>,
}

#[salsa::tracked(returns(ref))]
pub fn module_facts(db: &dyn Db, file: SourceFile) -> Option<ModuleFacts> {
    let tir = module_tir(db, file).as_ref().ok()?;
    Some(ModuleFacts {
        globals: tir.module.globals.clone(),
        object_globals: tir.module.globals.iter().filter(|g| g.ty == Type::TObj).map(|g| g.name.clone()).collect(),
        instance_index: tir.module.funcs.iter().enumerate().map(|(i, f)| (f.name.clone(), i)).collect(),
        source_names: tir.source_names.clone(),
        check_defs: tir.check_defs,
        dynamic_recursion_limit: tir.dynamic_recursion_limit,
        enables: tir.enables.clone(),
        instances: tir.module.funcs.iter().map(|f| f.name.clone()).collect(),
        exports: parse_hir(db, file).as_ref().ok()?.exports.clone(),
    })
}

/// The optimized TIR of one function instance: extracted from the module's TIR (the early
/// cutoff point), then run through the default TIR pass pipeline (`molt_passes`).
#[salsa::tracked(returns(ref))]
pub fn function_tir<'db>(db: &'db dyn Db, inst: Instance<'db>) -> Option<Func> {
    let tir = module_tir(db, *inst.file(db)).as_ref().ok()?;
    let index = *module_facts(db, *inst.file(db)).as_ref()?.instance_index.get(inst.name(db))?;
    let f = tir.module.funcs.get(index)?.clone();
    // The passes work on each function alone (the module's globals are checked once, at the
    // driver's checkpoints).
    let mut m = molt_ir::Module { globals: Vec::new(), funcs: vec![f] };
    // The LIR checkpoint verifies the result; `--verify-each` makes the driver run the same
    // pipeline with verification after every pass, naming the pass that broke an invariant.
    let pm = molt_passes::PassManager::new(molt_passes::default_tir_pipeline());
    pm.run(&mut m, molt_ir::Level::Tir).ok()?;
    m.funcs.pop()
}

/// A code generation unit for the fast (-O0) build: one function instance, its own object file.
#[salsa::interned]
pub struct CodegenUnit<'db> {
    pub inst: Instance<'db>,
    pub opt: u8,
    pub target: TargetArch,
}

/// The source lines that one instance's tracebacks show (line numbers and text). Re-runs after
/// every edit, but is equal for a function whose lines did not move, so its object is kept.
#[salsa::tracked(returns(ref))]
pub fn function_lines<'db>(db: &'db dyn Db, inst: Instance<'db>) -> Option<LineTable> {
    let fs = function_lir(db, inst).as_ref()?;
    let file = *inst.file(db);
    Some(crate::codegen::line_table(file.text(db), file_line_starts(db, file), fs))
}

/// Where each line of a file starts (for the line tables of its functions).
#[salsa::tracked(returns(ref))]
pub fn file_line_starts(db: &dyn Db, file: SourceFile) -> Vec<usize> {
    crate::codegen::line_starts(file.text(db))
}

/// The object code of one function instance (external symbols; `<module>`'s unit also defines
/// the module variables). Linking every instance's object with the runtime gives the program.
#[salsa::tracked(returns(ref))]
pub fn function_object<'db>(db: &'db dyn Db, unit: CodegenUnit<'db>) -> Result<Vec<u8>, String> {
    let inst = *unit.inst(db);
    let file = *inst.file(db);
    let fs = function_lir(db, inst).as_ref().ok_or("no LIR for this instance")?;
    let f = fs.first().ok_or("no LIR for this instance")?;
    let facts = module_facts(db, file).as_ref().ok_or("module facts missing")?;
    let lines = function_lines(db, inst).as_ref().ok_or("line table missing")?;
    let define_globals = f.name == crate::infer::MAIN;
    // Only the module variables this function uses (all of them for `<module>`, which defines
    // them): one unit per function must not cost the number of functions each.
    let used: std::collections::HashSet<&str> = fs
        .iter()
        .flat_map(|f| f.ops_in_order().map(move |o| &f.ops[o]))
        .filter(|o| o.opcode == molt_ir::Opcode::LLoadGlobal || o.opcode == molt_ir::Opcode::LStoreGlobal)
        .filter_map(|o| o.attr("name").and_then(molt_ir::Attr::as_str))
        .collect();
    let globals: Vec<Global> = facts
        .globals
        .iter()
        .filter(|g| define_globals || used.contains(g.name.as_str()))
        .map(|g| Global { name: g.name.clone(), ty: crate::lower::machine_type(g.ty) })
        .collect();
    let cu = Unit { funcs: fs.iter().collect(), globals: &globals, define_globals, whole_program: false };
    let src = SourceInfo { path: file.path(db), lines, source_names: &facts.source_names, user: user_module_info(file.context(db), facts) };
    crate::codegen::generate(&cu, &src, *unit.opt(db), *unit.target(db), Output::Obj)
}

/// The `__name__` of `file`'s module.
fn file_context_name(db: &dyn Db, file: SourceFile) -> String {
    file.context(db).name.clone()
}

/// What code generation needs of an imported module (None for `__main__`).
pub fn user_module_info<'a>(ctx: &'a crate::hir::ModuleContext, facts: &'a ModuleFacts) -> Option<crate::codegen::UserModuleInfo<'a>> {
    ctx.exports().then_some(crate::codegen::UserModuleInfo { name: &ctx.name, exports: &facts.exports })
}

/// The LIR of one function instance, reference counts included: one function, or for a
/// generator its ramp and its resume function.
#[salsa::tracked(returns(ref))]
pub fn function_lir<'db>(db: &'db dyn Db, inst: Instance<'db>) -> Option<Vec<Func>> {
    let f = function_tir(db, inst).as_ref()?;
    let facts = module_facts(db, *inst.file(db)).as_ref()?;
    let module_name = file_context_name(db, *inst.file(db));
    let ctx = crate::lower::ModuleView {
        source_names: &facts.source_names,
        object_globals: &facts.object_globals,
        check_defs: facts.check_defs,
        dynamic_recursion_limit: facts.dynamic_recursion_limit,
        enables: &facts.enables,
        module_name: &module_name,
    };
    let lir = crate::lower::lower_func(f, &ctx);
    // A generator function becomes its ramp and its resume function (decisions/0030).
    let funcs = molt_passes::generator::split(lir, crate::abi::GEN_ABI);
    // Reference counting is part of lowering: LIR without it is not a complete program. The
    // driver's LIR checkpoint verifies the result.
    let mut m = molt_ir::Module { globals: Vec::new(), funcs };
    let pm = molt_passes::PassManager::new(molt_passes::default_lir_pipeline());
    pm.run(&mut m, molt_ir::Level::Lir).ok()?;
    Some(m.funcs)
}
