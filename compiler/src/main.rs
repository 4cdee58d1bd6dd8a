//! The `moltc` command line. Exit codes: 0 success, 1 user error (diagnostics, missing tools),
//! 101 internal compiler error. `moltc run` passes the program's own exit code through.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use moltc::codegen::TargetArch;
use moltc::db::Database;
use moltc::diagnostics;
use moltc::driver::{self, Artifact, Emit, Failure, Options};

#[derive(Parser)]
#[command(name = "moltc", version, about = "Molt: an ahead-of-time compiler for a verified subset of Python 3")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Clone, Copy, ValueEnum)]
enum EmitArg {
    Hir,
    Tir,
    Lir,
    Ir,
    Llvm,
    Asm,
    Obj,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ErrorFormat {
    Human,
    Json,
}

#[derive(clap::Args, Clone)]
struct BuildArgs {
    /// The Python file to compile.
    file: PathBuf,
    /// Output path (default: the file's stem, in the current directory).
    #[arg(short = 'o')]
    output: Option<PathBuf>,
    /// Optimization level: -O0, -O1, -O2 (default), -O3.
    #[arg(short = 'O', default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=3))]
    opt: u8,
    /// x86_64-unknown-linux-gnu (default) or aarch64-unknown-linux-gnu.
    #[arg(long, default_value = "x86_64-unknown-linux-gnu")]
    target: String,
    /// Print an intermediate form instead of building an executable (`ir`: every Molt level).
    #[arg(long, value_enum)]
    emit: Option<EmitArg>,
    /// Print the IR after the named pass (or `all`) to stderr.
    #[arg(long = "print-after")]
    print_after: Vec<String>,
    /// 0: only statically typed code (a value that needs boxing is an error, E0103); 1 (default):
    /// boxed values behind guards where inference cannot give one type.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(0..=1))]
    tier: u8,
    /// Run the verifier after every pass.
    #[arg(long = "verify-each")]
    verify_each: bool,
    /// Report the time each pass takes (stderr).
    #[arg(long = "time-passes")]
    time_passes: bool,
    #[arg(long = "error-format", value_enum, default_value = "human")]
    error_format: ErrorFormat,
    /// Rewrite a source path prefix in what the program shows (tracebacks, `__file__`), as
    /// rustc's and gcc's option: `FROM=TO`, repeatable, the last matching one applies. Builds
    /// in different directories then give identical executables.
    #[arg(long = "remap-path-prefix", value_name = "FROM=TO")]
    remap_path_prefix: Vec<String>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Compile a Python file to a native executable (or to IR/assembly with --emit).
    Build(BuildArgs),
    /// Build into a cache directory and run; the program's exit code is passed through.
    Run {
        #[command(flatten)]
        build: BuildArgs,
        /// Arguments for the program (after `--`).
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Report every diagnostic without generating code.
    Check {
        file: PathBuf,
        /// As for `build`: 0 rejects what needs boxed values.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(0..=1))]
        tier: u8,
        #[arg(long = "error-format", value_enum, default_value = "human")]
        error_format: ErrorFormat,
    },
    /// Explain an error code, e.g. `moltc explain E0103`.
    Explain { code: String },
}

/// The stack the compiler runs on. Lowering, inference and the LLVM passes recurse over the
/// program's nesting (`1 + 1 + … + 1` with 20,000 terms is a left-leaning tree 20,000 deep);
/// the main thread's 8 MiB would overflow where CPython compiles. The stack is reserved address
/// space: only the pages a program's depth touches are ever committed.
const COMPILER_STACK: usize = 4 << 30;

fn main() -> ExitCode {
    // An internal error must never look like a user error: panics exit 101 with a message.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("error: internal compiler error: {info}\nnote: this is a bug in Molt; please report it with the input file");
        std::process::exit(101);
    }));
    let cli = Cli::parse();
    // A machine that cannot reserve that much address space gets a smaller stack.
    let cli = std::sync::Arc::new(std::sync::Mutex::new(Some(cli)));
    for size in [COMPILER_STACK, COMPILER_STACK >> 2, COMPILER_STACK >> 4] {
        let c = cli.clone();
        let spawned = std::thread::Builder::new().name("moltc".into()).stack_size(size).spawn(move || {
            let cli = c.lock().ok().and_then(|mut g| g.take());
            cli.map_or(ExitCode::from(101), run)
        });
        if let Ok(h) = spawned {
            return h.join().unwrap_or(ExitCode::from(101));
        }
    }
    // Run on the main thread as a last resort.
    match cli.lock().ok().and_then(|mut g| g.take()) {
        Some(cli) => run(cli),
        None => ExitCode::from(101),
    }
}

fn run(cli: Cli) -> ExitCode {
    match cli.cmd {
        Cmd::Explain { code } => match diagnostics::explain(&code) {
            Some(c) => {
                println!("{}: {}\n\n{}", c.code, c.title, c.explanation);
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("error: unknown error code `{code}`");
                ExitCode::from(1)
            }
        },
        Cmd::Check { file, tier, error_format } => {
            let db = Database::default();
            let r = driver::load_program(&db, &file, tier == 0).and_then(|p| driver::check_program(&db, &p));
            finish(&db, &file, r.map(|_| None), error_format)
        }
        Cmd::Build(b) => {
            let db = Database::default();
            let r = build(&db, &b, None);
            finish(&db, &b.file, r, b.error_format)
        }
        Cmd::Run { build: b, args } => {
            let db = Database::default();
            let dir = std::env::temp_dir().join(format!("molt-run-{}", std::process::id()));
            if let Err(e) = std::fs::create_dir_all(&dir) {
                eprintln!("error: cannot create {}: {e}", dir.display());
                return ExitCode::from(1);
            }
            let exe = dir.join(b.file.file_stem().unwrap_or_default());
            let r = build(&db, &b, Some(exe.clone()));
            let code = finish(&db, &b.file, r, b.error_format);
            if !exe.exists() {
                return code;
            }
            let status = std::process::Command::new(&exe).args(&args).status();
            let _ = std::fs::remove_dir_all(&dir);
            match status {
                Ok(s) => ExitCode::from(s.code().unwrap_or(1).clamp(0, 255) as u8),
                Err(e) => {
                    eprintln!("error: cannot run {}: {e}", exe.display());
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn options(b: &BuildArgs) -> Result<Options, Failure> {
    let target = TargetArch::from_triple(&b.target)
        .ok_or_else(|| Failure::Env(format!("unsupported target `{}`; supported: x86_64-unknown-linux-gnu, aarch64-unknown-linux-gnu", b.target)))?;
    let emit = match b.emit {
        None => Emit::Exe,
        Some(EmitArg::Hir) => Emit::Hir,
        Some(EmitArg::Tir) => Emit::Tir,
        Some(EmitArg::Lir) => Emit::Lir,
        Some(EmitArg::Ir) => Emit::Ir,
        Some(EmitArg::Llvm) => Emit::Llvm,
        Some(EmitArg::Asm) => Emit::Asm,
        Some(EmitArg::Obj) => Emit::Obj,
    };
    Ok(Options { opt: b.opt, target, emit, verify_each: b.verify_each, print_after: b.print_after.clone(), time_passes: b.time_passes })
}

/// Builds; returns the path of a text/binary artifact written, if any.
fn build(db: &Database, b: &BuildArgs, exe_override: Option<PathBuf>) -> Result<Option<PathBuf>, Failure> {
    let opts = options(b)?;
    let mut remap = Vec::new();
    for r in &b.remap_path_prefix {
        let Some((from, to)) = r.split_once('=') else {
            return Err(Failure::Env(format!("--remap-path-prefix: `{r}` is not FROM=TO")));
        };
        remap.push((from.to_string(), to.to_string()));
    }
    let program = driver::load_program_remapped(db, &b.file, b.tier == 0, &remap)?;
    let file = program.main;
    if opts.emit == Emit::Exe {
        let out = exe_override.or(b.output.clone()).unwrap_or_else(|| PathBuf::from(b.file.file_stem().unwrap_or_default()));
        driver::build_program(db, &program, &opts, &out)?;
        return Ok(Some(out));
    }
    match driver::compile(db, file, &opts)? {
        Artifact::Text(t) => match &b.output {
            Some(o) => write(o, t.as_bytes())?,
            None => print!("{t}"),
        },
        Artifact::Bytes(bytes) => {
            let o = b.output.clone().unwrap_or_else(|| PathBuf::from(b.file.file_stem().unwrap_or_default()).with_extension("o"));
            write(&o, &bytes)?;
        }
    }
    Ok(None)
}

fn write(p: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(p, bytes).map_err(|e| Failure::Env(format!("cannot write {}: {e}", p.display())))
}

fn finish(db: &Database, path: &Path, r: Result<Option<PathBuf>, Failure>, fmt: ErrorFormat) -> ExitCode {
    match r {
        Ok(_) => ExitCode::SUCCESS,
        Err(Failure::User(diags)) => {
            let main_text = driver::read_source(path).map(|d| d.text).unwrap_or_default();
            let shown = path.display().to_string();
            for d in &diags {
                // A diagnostic of another module of the program is shown against its file.
                let (shown, text) = match &d.file {
                    Some(f) => (f.clone(), driver::read_source(Path::new(f)).map(|d| d.text).unwrap_or_default()),
                    None => (shown.clone(), main_text.clone()),
                };
                if fmt == ErrorFormat::Json {
                    eprintln!("{}", diagnostics::render_json(d, &shown, &text));
                } else {
                    eprint!("{}", diagnostics::render(d, &shown, &text));
                }
            }
            if fmt == ErrorFormat::Human {
                eprintln!("error: could not compile `{shown}` ({} error{})", diags.len(), if diags.len() == 1 { "" } else { "s" });
            }
            let _ = db;
            ExitCode::from(1)
        }
        Err(Failure::Env(m)) => {
            eprintln!("error: {m}");
            ExitCode::from(1)
        }
        Err(Failure::Ice(m)) => {
            eprintln!("error: internal compiler error: {m}\nnote: this is a bug in Molt; please report it with the input file");
            ExitCode::from(101)
        }
    }
}
