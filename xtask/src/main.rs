//! `cargo xtask`: the project's build-pipeline entry points.
//!
//! * `setup`    — installs the Debian packages Molt needs (LLVM 22, …) when missing.
//! * `codegen`  — regenerates the IR op table and reference from `ir-spec/ops.toml` (`--check`).
//! * `compile FILE [-o OUT] [--run] [moltc flags…]` — builds `moltc` (release; it carries the
//!   runtime libraries, decisions/0028) if needed, then compiles FILE.
//! * `test`     — runs every test (unit, IR files, differential corpus, diagnostics).
//! * `bench`    — compiles `benchmarks/*.py` and times them against `python3`; with
//!   `--compile-scaling`, compile time against input size (`scaling.rs`).
//!
//! Relies on being run through the `cargo xtask` alias from anywhere inside the workspace.

mod bench;
mod scaling;
mod codegen;
mod setup;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

fn usage() -> ExitCode {
    eprintln!("usage: cargo xtask <setup|codegen [--check]|compile FILE [-o OUT] [--run] [-- moltc flags]|test|bench [--quick] [--compile-scaling]>");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run(),
        Some("codegen") => codegen::run(&root, args.iter().any(|a| a == "--check")),
        Some("compile") => compile(&root, &args[1..]),
        Some("test") => test(&root, &args[1..]),
        Some("bench") if args.iter().any(|a| a == "--compile-scaling") => scaling::run(&root),
        Some("bench") => bench::run(&root, &args[1..]),
        _ => return usage(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

pub fn status(cmd: &mut Command) -> Result<(), String> {
    let st = cmd.status().map_err(|e| format!("{cmd:?}: {e}"))?;
    if st.success() { Ok(()) } else { Err(format!("{cmd:?} failed: {st}")) }
}

/// Builds `moltc` (release profile); returns its path. Its build script builds the runtime
/// libraries it carries (`runtime` profile, decisions/0010 and 0028): x86-64, and AArch64 with
/// Debian's rustc when `setup` has installed it — so `setup` runs first.
pub fn build_release(root: &Path) -> Result<PathBuf, String> {
    status(cargo().current_dir(root).args(["build", "--release", "--quiet", "-p", "moltc"]))?;
    Ok(target_dir(root).join("release/moltc"))
}

/// Cargo's target directory (`CARGO_TARGET_DIR`, else `<root>/target`).
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |d| root.join(d))
}

fn compile(root: &Path, args: &[String]) -> Result<(), String> {
    setup::run()?;
    let moltc = build_release(root)?;
    let mut file = None;
    let mut out = None;
    let mut run = false;
    let mut extra = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" => out = it.next().cloned(),
            "--run" => run = true,
            "--" => extra.extend(it.by_ref().cloned()),
            s if s.starts_with('-') => extra.push(s.to_string()),
            s => file = Some(s.to_string()),
        }
    }
    let file = file.ok_or("compile: missing FILE")?;
    // Default output: target/<stem>, so that the work tree stays clean.
    let exe = match out {
        Some(o) => PathBuf::from(o),
        None => root.join("target").join(Path::new(&file).file_stem().ok_or("compile: FILE has no name")?),
    };
    let mut cmd = Command::new(&moltc);
    cmd.arg("build").arg(&file).args(&extra).arg("-o").arg(&exe);
    status(&mut cmd)?;
    println!("compiled {file} -> {}", exe.display());
    if run {
        let exe = if exe.is_absolute() || exe.components().count() > 1 { exe } else { Path::new(".").join(exe) };
        let st = Command::new(&exe).status().map_err(|e| format!("{}: {e}", exe.display()))?;
        if !st.success() {
            return Err(format!("{} exited with {st}", exe.display()));
        }
    }
    Ok(())
}

fn test(root: &Path, args: &[String]) -> Result<(), String> {
    setup::run()?;
    codegen::run(root, true)?;
    // The differential tests drive the release compiler, which carries both runtimes.
    build_release(root)?;
    let nextest = Command::new(cargo().get_program()).args(["nextest", "--version"]).output().is_ok_and(|o| o.status.success());
    let mut cmd = cargo();
    cmd.current_dir(root);
    if nextest {
        cmd.args(["nextest", "run", "--workspace", "--release", "--no-fail-fast"]);
    } else {
        cmd.args(["test", "--workspace", "--release", "--no-fail-fast"]);
    }
    cmd.args(args);
    status(&mut cmd)
}
