//! The pipeline in order, with a verifier checkpoint at every level boundary.
//!
//! Relies on the database for every stage's result. Provides `compile`, which returns the
//! requested artifact or a `Failure`: user diagnostics (exit 1), an internal compiler error
//! naming the stage and the broken invariant with the IR written to a file (exit 101), or an
//! environment error such as a missing linker (exit 1).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use molt_ir::{Level, Module, verify_module};

use crate::codegen::{self, Output, SourceInfo, TargetArch};
use crate::db::{self, Database, Instance, SourceFile};
use crate::diagnostics::Diagnostic;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emit {
    Hir,
    Tir,
    Lir,
    Ir,
    Llvm,
    Asm,
    Obj,
    Exe,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub opt: u8,
    pub target: TargetArch,
    pub emit: Emit,
    pub verify_each: bool,
    pub print_after: Vec<String>,
    pub time_passes: bool,
}

impl Options {
    /// Whether a pass-debugging flag (`--verify-each`, `--print-after`, `--time-passes`) asks
    /// the driver to run the TIR pipeline itself (see `run_passes_with_options`).
    pub fn debugs_passes(&self) -> bool {
        self.verify_each || self.time_passes || !self.print_after.is_empty()
    }
}

impl Default for Options {
    fn default() -> Self {
        Options { opt: 2, target: TargetArch::X86_64, emit: Emit::Exe, verify_each: false, print_after: vec![], time_passes: false }
    }
}

#[derive(Debug)]
pub enum Failure {
    User(Vec<Diagnostic>),
    Ice(String),
    Env(String),
}

/// Text or bytes produced by a build.
pub enum Artifact {
    Text(String),
    Bytes(Vec<u8>),
}

fn ice_verify(stage: &str, err: &molt_ir::VerifyError, m: &Module) -> Failure {
    let dir = std::env::temp_dir();
    let path = dir.join(format!("molt-ice-{}.ir", std::process::id()));
    let written = std::fs::write(&path, molt_ir::print::print_module(m)).is_ok();
    Failure::Ice(format!(
        "the verifier rejected the IR after `{stage}`: invariant `{}` broken {err}{}",
        err.invariant,
        if written { format!("\nthe IR was written to {}", path.display()) } else { String::new() }
    ))
}

pub fn checkpoint(stage: &str, m: &Module, level: Level) -> Result<(), Failure> {
    // `MOLT_INJECT_ICE=hir|tir|lir` corrupts the IR at that checkpoint (drops the entry block's
    // terminator) so that tests can check the internal-error path end to end (exit 101, stage
    // and invariant named, IR written). It has no other effect.
    if std::env::var("MOLT_INJECT_ICE").is_ok_and(|v| v.eq_ignore_ascii_case(level.name())) {
        let mut broken = m.clone();
        if let Some(f) = broken.funcs.first_mut()
            && let Some(entry) = f.entry() {
                f.blocks[entry].ops.pop();
            }
        return verify_module(&broken, level).map_err(|e| ice_verify(stage, &e, &broken));
    }
    verify_module(m, level).map_err(|e| ice_verify(stage, &e, m))
}

pub fn hir_module(db: &Database, file: SourceFile) -> Result<Module, Failure> {
    let hir = db::parse_hir(db, file).as_ref().map_err(|d| Failure::User(d.clone()))?;
    let m = hir.module();
    checkpoint("lowering to HIR", &m, Level::Hir)?;
    Ok(m)
}

pub fn tir_module(db: &Database, file: SourceFile) -> Result<Module, Failure> {
    hir_module(db, file)?;
    let tir = db::module_tir(db, file).as_ref().map_err(|d| Failure::User(d.clone()))?;
    checkpoint("type inference (HIR → TIR)", &tir.module, Level::Tir)?;
    Ok(tir.module.clone())
}

/// Runs the TIR pass pipeline with the debugging options (`--verify-each`, `--print-after`,
/// `--time-passes`); the printed IR and timings go to stderr. The optimized functions that the
/// build uses come from the database (`db::function_tir`), which runs the same pipeline.
pub fn run_passes_with_options(db: &Database, file: SourceFile, opts: &Options) -> Result<Module, Failure> {
    let mut m = tir_module(db, file)?;
    let mut pm = molt_passes::PassManager::new(molt_passes::default_tir_pipeline());
    pm.verify_each = opts.verify_each;
    pm.print_after = opts.print_after.clone();
    pm.time_passes = opts.time_passes;
    for p in &opts.print_after {
        if p != "all" && molt_passes::pass_by_name(p).is_none() {
            return Err(Failure::Env(format!("--print-after: unknown pass `{p}` (known: {})", molt_passes::PASS_NAMES.join(", "))));
        }
    }
    let report = pm.run(&mut m, Level::Tir).map_err(|e| {
        let path = std::env::temp_dir().join(format!("molt-ice-{}.ir", std::process::id()));
        let written = std::fs::write(&path, &e.ir).is_ok();
        Failure::Ice(format!("the verifier rejected the IR after pass `{}`: invariant `{}` broken {}{}", e.pass, e.error.invariant, e.error,
            if written { format!("\nthe IR was written to {}", path.display()) } else { String::new() }))
    })?;
    for (pass, ir) in &report.printed {
        eprintln!("// ----- IR after pass `{pass}` -----\n{ir}");
    }
    if opts.time_passes {
        eprint!("{}", report.format_timings());
    }
    Ok(m)
}

pub fn lir_module(db: &Database, file: SourceFile) -> Result<Module, Failure> {
    tir_module(db, file)?;
    let facts = db::module_facts(db, file).as_ref().ok_or_else(|| Failure::Ice("module facts missing after inference".into()))?;
    let mut m = Module::default();
    for g in &facts.globals {
        m.globals.push(molt_ir::Global { name: g.name.clone(), ty: crate::lower::machine_type(g.ty) });
    }
    for name in &facts.instances {
        let inst = Instance::new(db, file, name.clone());
        let fs = db::function_lir(db, inst).as_ref().ok_or_else(|| Failure::Ice(format!("no LIR for instance @{name}")))?;
        m.funcs.extend(fs.iter().cloned());
    }
    checkpoint("lowering (TIR → LIR) and refcount", &m, Level::Lir)?;
    Ok(m)
}

/// The LIR that optimized builds generate code from: `lir_module`, then (at -O1 and above)
/// `entry-version` (decisions/0017), verified again. Returns it with the source name of every
/// function, the added `$generic` copies included (tracebacks show the original's name).
pub fn optimized_lir(db: &Database, file: SourceFile, opt: u8) -> Result<(Module, BTreeMap<String, String>), Failure> {
    let mut lir = lir_module(db, file)?;
    let facts = db::module_facts(db, file).as_ref().ok_or_else(|| Failure::Ice("module facts missing".into()))?;
    let mut names = facts.source_names.clone();
    if opt >= 1 {
        for (copy, of) in molt_passes::entry_version::version_module(&mut lir) {
            let source = names.get(&of).cloned().unwrap_or(of);
            names.insert(copy, source);
        }
        checkpoint("entry-version", &lir, Level::Lir)?;
    }
    Ok((lir, names))
}

pub fn compile(db: &Database, file: SourceFile, opts: &Options) -> Result<Artifact, Failure> {
    let text = |m: &Module| molt_ir::print::print_module(m);
    match opts.emit {
        Emit::Hir => return Ok(Artifact::Text(text(&hir_module(db, file)?))),
        Emit::Tir => return Ok(Artifact::Text(text(&tir_module(db, file)?))),
        Emit::Lir => {
            if opts.debugs_passes() {
                run_passes_with_options(db, file, opts)?;
            }
            return Ok(Artifact::Text(text(&optimized_lir(db, file, opts.opt)?.0)));
        }
        Emit::Ir => {
            let h = hir_module(db, file)?;
            let t = tir_module(db, file)?;
            let l = optimized_lir(db, file, opts.opt)?.0;
            return Ok(Artifact::Text(format!("// ===== HIR (dialect py) =====\n{}\n// ===== TIR (dialect t) =====\n{}\n// ===== LIR (dialect l) =====\n{}", text(&h), text(&t), text(&l))));
        }
        _ => {}
    }
    if opts.debugs_passes() {
        run_passes_with_options(db, file, opts)?;
    }
    let (lir, source_names) = optimized_lir(db, file, opts.opt)?;
    let lines = codegen::line_table(file.text(db), db::file_line_starts(db, file), &lir.funcs);
    let facts = db::module_facts(db, file).as_ref().ok_or_else(|| Failure::Ice("module facts missing".into()))?;
    let src = SourceInfo { path: file.path(db), lines: &lines, source_names: &source_names, user: db::user_module_info(file.context(db), facts) };
    let output = match opts.emit {
        Emit::Llvm => Output::LlvmIr,
        Emit::Asm => Output::Asm,
        _ => Output::Obj,
    };
    let bytes = codegen::generate(&codegen::Unit::whole(&lir), &src, opts.opt, opts.target, output).map_err(|e| Failure::Ice(format!("code generation: {e}")))?;
    Ok(match opts.emit {
        Emit::Llvm | Emit::Asm => Artifact::Text(String::from_utf8_lossy(&bytes).into_owned()),
        _ => Artifact::Bytes(bytes),
    })
}

/// The files of a program: its main file and its other modules (decisions/0032), each with
/// the path its diagnostics show.
pub struct Program {
    pub main: SourceFile,
    pub modules: Vec<(SourceFile, PathBuf)>,
}

impl Program {
    /// Every file, the main file first, with the path its diagnostics show (None: the path
    /// the user gave).
    pub fn files(&self) -> impl Iterator<Item = (SourceFile, Option<&Path>)> + '_ {
        std::iter::once((self.main, None)).chain(self.modules.iter().map(|(f, p)| (*f, Some(p.as_path()))))
    }
}

/// Builds an executable at `out` from every file of `program` (each module its own objects,
/// linked together). A diagnostic of another module than the main file names its file.
pub fn build_program(db: &Database, program: &Program, opts: &Options, out: &Path) -> Result<(), Failure> {
    let mut objects = Vec::new();
    for (file, shown) in program.files() {
        objects.extend(module_objects(db, file, opts).map_err(|e| in_file(shown, e))?);
    }
    crate::link::link(&objects, out, opts.target).map_err(Failure::Env)
}

/// Checks every file of `program` up to typed IR.
pub fn check_program(db: &Database, program: &Program) -> Result<(), Failure> {
    for (file, shown) in program.files() {
        tir_module(db, file).map_err(|e| in_file(shown, e))?;
    }
    Ok(())
}

/// `e` with `shown` on each diagnostic: another file than the main one.
fn in_file(shown: Option<&Path>, e: Failure) -> Failure {
    match (e, shown) {
        (Failure::User(mut diags), Some(p)) => {
            for d in &mut diags {
                d.file = Some(p.display().to_string());
            }
            Failure::User(diags)
        }
        (other, _) => other,
    }
}

/// Builds an executable at `out` from the single file `file`.
pub fn build_executable(db: &Database, file: SourceFile, opts: &Options, out: &Path) -> Result<(), Failure> {
    let objects = module_objects(db, file, opts)?;
    crate::link::link(&objects, out, opts.target).map_err(Failure::Env)
}

/// The stack of each thread that generates -O0 units (reserved address space: only the pages a
/// function's depth touches are committed).
const WORKER_STACK: usize = 1 << 30;

/// The object code of one module. At -O0 each function instance is its own code generation
/// unit, cached by the database (`db::function_object`); otherwise the whole module is one
/// LLVM module, optimized together.
fn module_objects(db: &Database, file: SourceFile, opts: &Options) -> Result<Vec<Vec<u8>>, Failure> {
    if opts.opt == 0 {
        if opts.debugs_passes() {
            run_passes_with_options(db, file, opts)?;
        }
        lir_module(db, file)?; // the verifier checkpoints
        let facts = db::module_facts(db, file).as_ref().ok_or_else(|| Failure::Ice("module facts missing".into()))?;
        // The units are independent: each thread generates every n-th one on its own handle of
        // the database (the handles end with the scope, before any input can change).
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(facts.instances.len().max(1));
        let object = |db: &Database, name: &String| -> Result<Vec<u8>, Failure> {
            let unit = db::CodegenUnit::new(db, Instance::new(db, file, name.clone()), 0, opts.target);
            db::function_object(db, unit).clone().map_err(|e| Failure::Ice(format!("code generation of @{name}: {e}")))
        };
        let part = |db: &Database, t: usize| -> Result<Vec<Vec<u8>>, Failure> { facts.instances.iter().skip(t).step_by(threads).map(|name| object(db, name)).collect() };
        let parts: Vec<Result<Vec<Vec<u8>>, Failure>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let db = db.clone();
                    let part = &part;
                    // Code generation recurses over a function's nesting as the compiler's own
                    // thread does (`main.rs`): the same reserved (not committed) stack.
                    std::thread::Builder::new().stack_size(WORKER_STACK).spawn_scoped(s, move || part(&db, t)).map_err(|_| t)
                })
                .collect();
            // A thread the system refused: its share runs here.
            handles.into_iter().map(|h| match h {
                Ok(h) => h.join().unwrap_or_else(|_| Err(Failure::Ice("a code generation thread panicked".into()))),
                Err(t) => part(db, t),
            }).collect()
        });
        let mut parts = parts.into_iter().collect::<Result<Vec<_>, _>>()?.into_iter().map(Vec::into_iter).collect::<Vec<_>>();
        // Back in the instances' order (thread t made units t, t + n, …).
        let mut objects = Vec::with_capacity(facts.instances.len());
        for i in 0..facts.instances.len() {
            objects.extend(parts[i % threads].next());
        }
        return Ok(objects);
    }
    match compile(db, file, &Options { emit: Emit::Obj, ..opts.clone() })? {
        Artifact::Bytes(b) => Ok(vec![b]),
        Artifact::Text(_) => Err(Failure::Ice("object emission produced text".into())),
    }
}

/// Reads the program whose main file is `path`: the main file and every module of the
/// program its imports reach (`program::discover`), each a database input with its place in
/// the program.
pub fn load_program(db: &Database, path: &Path, tier0: bool) -> Result<Program, Failure> {
    load_program_remapped(db, path, tier0, &[])
}

/// [`load_program`] with `--remap-path-prefix` rules (FROM, TO): the path each file is known
/// by in the program (tracebacks, `__file__`) has the last matching FROM replaced by its TO.
pub fn load_program_remapped(db: &Database, path: &Path, tier0: bool, remap: &[(String, String)]) -> Result<Program, Failure> {
    let found = crate::program::discover(path);
    let names: std::collections::BTreeMap<String, bool> = found.modules.iter().map(|(n, m)| (n.clone(), m.package)).collect();
    let star: std::collections::BTreeMap<String, Vec<String>> = found.modules.iter().map(|(n, m)| (n.clone(), m.public.clone())).collect();
    let main_ctx = crate::hir::ModuleContext { program: names.clone(), imports_sys: found.imports_sys, star: star.clone(), foreign: found.foreign_to(crate::hir::MAIN_NAME), ..Default::default() };
    let main = load_in(db, path, tier0, main_ctx, remap)?;
    let mut modules = Vec::new();
    for (name, m) in &found.modules {
        let ctx = crate::hir::ModuleContext { name: name.clone(), package: m.package, program: names.clone(), imports_sys: found.imports_sys, star: star.clone(), foreign: found.foreign_to(name) };
        let file = load_in(db, &m.path, tier0, ctx, remap).map_err(|e| in_file(Some(&m.shown), e))?;
        modules.push((file, m.shown.clone()));
    }
    Ok(Program { main, modules })
}

/// Reads a source file into a new database input (absolute path, as CPython's tracebacks show).
/// The bytes are decoded as CPython decodes a source file (`source::decode`: BOM, PEP 263
/// coding declaration); what CPython rejects before parsing is a diagnostic here.
pub fn load(db: &Database, path: &Path, tier0: bool) -> Result<SourceFile, Failure> {
    load_in(db, path, tier0, crate::hir::ModuleContext::default(), &[])
}

/// [`load`] of a file with its place in its program, its path remapped (see
/// [`load_program_remapped`]).
fn load_in(db: &Database, path: &Path, tier0: bool, ctx: crate::hir::ModuleContext, remap: &[(String, String)]) -> Result<SourceFile, Failure> {
    let abs: PathBuf = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let decoded = read_source(path)?;
    if let Some(e) = decoded.error {
        return Err(Failure::User(vec![crate::source::diagnostic(&e)]));
    }
    Ok(SourceFile::builder(remap_path(&abs.display().to_string(), remap), decoded.text, tier0).context(ctx).new(db))
}

/// `path` with the last rule whose FROM prefixes it applied (rustc's `--remap-path-prefix`).
pub fn remap_path(path: &str, remap: &[(String, String)]) -> String {
    for (from, to) in remap.iter().rev() {
        if let Some(rest) = path.strip_prefix(from.as_str()) {
            return format!("{to}{rest}");
        }
    }
    path.to_string()
}

/// The decoded text of the file at `path` (see `load`).
pub fn read_source(path: &Path) -> Result<crate::source::Decoded, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::Env(format!("cannot read {}: {e}", path.display())))?;
    let abs: PathBuf = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    Ok(crate::source::decode(&bytes, &abs.display().to_string()))
}
