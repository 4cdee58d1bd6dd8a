//! Molt's IR passes and the pass manager that runs them.
//!
//! Provides: the `Pass` trait (a per-function transformation that says whether it changed
//! anything), the `PassManager` (runs passes in order over every function of a module, with
//! `--verify-each`, `--print-after` and `--time-passes` support), the passes themselves
//! (`const-fold`, `simplify-cfg`, `dce` on TIR; `refcount` on LIR), `default_tir_pipeline`,
//! `default_lir_pipeline` and `pass_by_name`; and one module-level transformation that adds
//! functions, `entry_version::version_module` (optimized builds run it after the LIR pipeline).
//!
//! Relies on: `molt-ir` (the IR container, its op table and its verifier). Every pass expects
//! IR that verifies at the level it runs on and leaves IR that still verifies; the pass manager
//! checks this after every pass when `verify_each` is set, and names the guilty pass. It never
//! verifies the input: callers verify at level boundaries before running a pipeline.

use std::fmt;
use std::time::{Duration, Instant};

use molt_ir::print::print_module;
use molt_ir::{Func, Level, Module, VerifyError, verify_module};

pub mod const_fold;
pub mod dce;
pub mod entry_version;
pub mod generator;
pub mod refcount;
pub mod simplify_cfg;

pub use const_fold::ConstFold;
pub use dce::Dce;
pub use refcount::Refcount;
pub use simplify_cfg::SimplifyCfg;

/// A transformation of one function.
pub trait Pass {
    /// The pass's name on the command line (`--print-after=dce`) and in reports.
    fn name(&self) -> &'static str;
    /// Transforms `func`; returns whether anything changed.
    fn run(&self, func: &mut Func) -> bool;
}

/// The names of every pass `pass_by_name` knows, in a sensible pipeline order.
pub const PASS_NAMES: [&str; 4] = ["const-fold", "simplify-cfg", "dce", "refcount"];

/// The pass called `name`, if there is one.
pub fn pass_by_name(name: &str) -> Option<Box<dyn Pass>> {
    Some(match name {
        "const-fold" => Box::new(ConstFold),
        "simplify-cfg" => Box::new(SimplifyCfg),
        "dce" => Box::new(Dce),
        "refcount" => Box::new(Refcount),
        _ => return None,
    })
}

/// The passes run on TIR by default: fold constants (turning constant branches into jumps),
/// clean the control flow up, then delete what became dead.
pub fn default_tir_pipeline() -> Vec<Box<dyn Pass>> {
    vec![Box::new(ConstFold), Box::new(SimplifyCfg), Box::new(Dce)]
}

/// The passes run on LIR: reference counting (required: LIR without it leaks or frees early).
pub fn default_lir_pipeline() -> Vec<Box<dyn Pass>> {
    vec![Box::new(Refcount)]
}

/// Runs a sequence of passes over a module.
pub struct PassManager {
    pub passes: Vec<Box<dyn Pass>>,
    /// Verify the whole module after every pass; fail with the pass's name on the first error.
    pub verify_each: bool,
    /// Names of the passes after which to print the module into the report (`"all"`: every
    /// pass).
    pub print_after: Vec<String>,
    /// Measure the time each pass takes (over all functions).
    pub time_passes: bool,
}

/// What a pipeline run produced besides the transformed module.
#[derive(Clone, Debug, Default)]
pub struct PassReport {
    /// `(pass, printed module)` after each pass selected by `print_after`, in run order.
    pub printed: Vec<(&'static str, String)>,
    /// `(pass, time over all functions)` for each pass run, in run order (empty unless
    /// `time_passes`).
    pub timings: Vec<(&'static str, Duration)>,
    /// The passes that changed at least one function, in run order.
    pub changed: Vec<&'static str>,
}

impl PassReport {
    /// The timings as a table, one pass per line (`  0.123ms  dce`), with a total.
    pub fn format_timings(&self) -> String {
        let mut out = String::new();
        let mut total = Duration::ZERO;
        for (name, d) in &self.timings {
            total += *d;
            out.push_str(&format!("{:>10.3}ms  {name}\n", d.as_secs_f64() * 1e3));
        }
        out.push_str(&format!("{:>10.3}ms  total\n", total.as_secs_f64() * 1e3));
        out
    }
}

/// The IR no longer verifies after a pass: an internal compiler error.
#[derive(Clone, Debug)]
pub struct PassError {
    /// The pass after which verification failed.
    pub pass: &'static str,
    pub error: VerifyError,
    /// The module as printed after the pass, for the bug report.
    pub ir: String,
}

impl fmt::Display for PassError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IR verification failed after pass `{}`: {}", self.pass, self.error)
    }
}

impl std::error::Error for PassError {}

impl PassManager {
    /// A pass manager running `passes`, with no verification, printing or timing.
    pub fn new(passes: Vec<Box<dyn Pass>>) -> PassManager {
        PassManager { passes, verify_each: false, print_after: Vec::new(), time_passes: false }
    }

    /// A pass manager for a comma-separated pipeline such as `"const-fold, dce"`; the error
    /// names the unknown pass.
    pub fn from_pipeline(pipeline: &str) -> Result<PassManager, String> {
        let mut passes = Vec::new();
        for name in pipeline.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match pass_by_name(name) {
                Some(p) => passes.push(p),
                None => return Err(format!("unknown pass `{name}` (known: {})", PASS_NAMES.join(", "))),
            }
        }
        Ok(PassManager::new(passes))
    }

    fn prints_after(&self, pass: &str) -> bool {
        self.print_after.iter().any(|p| p == "all" || p == pass)
    }

    /// Runs every pass, in order, over every function of `module`. `level` is the level the
    /// module is at (and stays at): it is what `verify_each` verifies against.
    pub fn run(&self, module: &mut Module, level: Level) -> Result<PassReport, PassError> {
        let mut report = PassReport::default();
        for pass in &self.passes {
            let start = Instant::now();
            let mut changed = false;
            for func in &mut module.funcs {
                changed |= pass.run(func);
            }
            let elapsed = start.elapsed();
            if self.time_passes {
                report.timings.push((pass.name(), elapsed));
            }
            if changed {
                report.changed.push(pass.name());
            }
            if self.verify_each
                && let Err(error) = verify_module(module, level)
            {
                return Err(PassError { pass: pass.name(), error, ir: print_module(module) });
            }
            if self.prints_after(pass.name()) {
                report.printed.push((pass.name(), print_module(module)));
            }
        }
        Ok(report)
    }
}
