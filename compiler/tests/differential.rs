//! The differential suite: every `tests/diff/**/*.py` is compiled by `moltc`, run, and compared
//! (a directory named `*.prog` is one program of several modules: its `main.py` is built)
//! with `python3` on stdout, exit code and the whole stderr (tracebacks with every frame, source
//! line and location markers; the source path normalised). On x86-64, every program —
//! also one that ends with an uncaught exception — must end with no live heap object: the runtime's object report
//! (`MOLT_OBJECT_REPORT`) is read after the run and every type's live count must be 0. A
//! program's standard input is the file beside it named with the extension `.stdin`
//! (`input_lines.py` reads `input_lines.stdin`), else empty (end of file at once); it runs in
//! an empty directory of its own (a file it writes by a relative path is private to the run).
//!
//! A first-lines header changes the expectation of a file:
//! * `# molt: expect-reject E0xxx` — Molt must reject the program at compile time with that code
//!   (a construct outside the subset; the test documents it and fails once it compiles).
//!
//! Relies on: `python3` on PATH; for AArch64, `moltc` built with the AArch64 runtime inside it
//! and the cross linker and qemu installed (`cargo xtask setup` installs what both need).
//! Files run on all cores; failures are listed together.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod common;
use common::last_line;

fn corpus() -> Vec<PathBuf> {
    common::py_files(&[common::root().join("tests/diff")])
}

fn header(src: &str, key: &str) -> Option<String> {
    src.lines().take(3).find_map(|l| l.strip_prefix("# molt: ").and_then(|r| r.strip_prefix(key)).map(|r| r.trim().to_string()))
}

#[derive(Clone, Copy)]
enum Target {
    Host,
    /// Cross-compiled, run under `qemu-aarch64`.
    Aarch64,
}

fn check(file: &Path, work: &Path, target: Target) -> Result<(), String> {
    // Bytes: a source may declare another encoding (PEP 263); the markers are ASCII.
    let src = String::from_utf8_lossy(&std::fs::read(file).map_err(|e| e.to_string())?).into_owned();
    let name = common::unique_name(file);
    let exe = work.join(&name);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_moltc"));
    cmd.args(["build", "--verify-each"]).arg(file).arg("-o").arg(&exe);
    match target {
        // -O1: one optimized module for the whole program.
        Target::Host => cmd.arg("-O1"),
        // -O0: one code generation unit per function (the incremental build), cross-compiled.
        Target::Aarch64 => cmd.args(["-O0", "--target", "aarch64-unknown-linux-gnu"]),
    };
    let build = cmd.output().map_err(|e| format!("cannot run moltc: {e}"))?;
    let build_err = String::from_utf8_lossy(&build.stderr).to_string();
    if let Some(code) = header(&src, "expect-reject") {
        return if build.status.code() == Some(1) && build_err.contains(&format!("error[{code}]")) {
            Ok(())
        } else {
            Err(format!("expected rejection with {code}, got exit {:?}:\n{build_err}", build.status.code()))
        };
    }
    if !build.status.success() {
        return Err(format!("moltc failed (exit {:?}):\n{build_err}", build.status.code()));
    }
    let report = work.join(format!("{name}.objects.json"));
    // A program's standard input: the file beside it with the extension `.stdin`, else none.
    let stdin_file = file.with_extension("stdin");
    let input = || std::fs::File::open(&stdin_file).map_or_else(|_| Stdio::null(), Stdio::from);
    // Each run in an empty directory of its own: the files a program writes (relative paths)
    // are its own, whatever runs beside it.
    let cwd = |who: &str| {
        let d = work.join(format!("{name}.{who}.cwd"));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).map(|()| d).map_err(|e| format!("cannot make a directory to run in: {e}"))
    };
    let (molt_cwd, python_cwd) = (cwd("molt")?, cwd("python3")?);
    let got = match target {
        Target::Host => Command::new(&exe).env("MOLT_OBJECT_REPORT", &report).stdin(input()).current_dir(&molt_cwd).output(),
        Target::Aarch64 => {
            Command::new("qemu-aarch64").args(["-L", "/usr/aarch64-linux-gnu"]).arg(&exe).stdin(input()).current_dir(&molt_cwd).output()
        }
    }
    .map_err(|e| format!("cannot run the executable: {e}"))?;
    let _ = std::fs::remove_file(&exe);
    let want = Command::new("python3").arg(file).stdin(input()).current_dir(&python_cwd).output().map_err(|e| format!("cannot run python3: {e}"))?;
    let _ = std::fs::remove_dir_all(&molt_cwd);
    let _ = std::fs::remove_dir_all(&python_cwd);
    let mut problems = Vec::new();
    if got.stdout != want.stdout {
        problems.push(format!(
            "stdout differs:\n--- python3\n{}\n--- molt\n{}",
            String::from_utf8_lossy(&want.stdout),
            String::from_utf8_lossy(&got.stdout)
        ));
    }
    if got.status.code() != want.status.code() {
        problems.push(format!("exit code: python3 {:?}, molt {:?}", want.status.code(), got.status.code()));
    }
    let path = file.display().to_string();
    // A multi-module program's other files are named by their real directory.
    let dir = file.parent().and_then(|d| d.canonicalize().ok()).map(|d| d.display().to_string()).unwrap_or_default();
    let norm = |b: &[u8]| String::from_utf8_lossy(b).replace(&path, "<file>").replace(&dir, "<dir>");
    let (ew, eg) = (norm(&want.stderr), norm(&got.stderr));
    if ew != eg {
        problems.push(format!("stderr differs (last lines: python3 {:?}, molt {:?}):\n--- python3\n{ew}--- molt\n{eg}", last_line(&want.stderr), last_line(&got.stderr)));
    }
    // Also after an uncaught exception: the raise paths drop what they own (refcount's
    // unwind edges), and the runtime releases the exception before it writes the report.
    if matches!(target, Target::Host) {
        match std::fs::read_to_string(&report) {
            Ok(json) => {
                if let Some(leaks) = common::live_objects(&json) {
                    problems.push(format!("objects still alive at exit (leaked): {leaks}"));
                }
            }
            Err(e) => problems.push(format!("no object report at {}: {e}", report.display())),
        }
    }
    let _ = std::fs::remove_file(&report);
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n")) }
}

fn run_corpus(target: Target, tag: &str) {
    let files = corpus();
    assert!(files.len() >= 40, "the corpus has only {} programs", files.len());
    let work = std::env::temp_dir().join(format!("molt-diff-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("temp dir");
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunks: Vec<Vec<PathBuf>> = (0..threads).map(|i| files.iter().skip(i).step_by(threads).cloned().collect()).collect();
    let failures: Vec<(PathBuf, String)> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks.iter().map(|chunk| {
            let work = &work;
            s.spawn(move || chunk.iter().filter_map(|f| check(f, work, target).err().map(|e| (f.clone(), e))).collect::<Vec<_>>())
        }).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    let _ = std::fs::remove_dir_all(&work);
    if !failures.is_empty() {
        let mut msg = format!("{} of {} differential tests failed ({tag}):\n", failures.len(), files.len());
        for (f, e) in &failures {
            msg.push_str(&format!("\n=== {}\n{e}\n", f.display()));
        }
        panic!("{msg}");
    }
    println!("{} differential tests passed ({tag})", files.len());
}

#[test]
fn differential_corpus() {
    run_corpus(Target::Host, "x86_64");
}

/// The same corpus built for AArch64 and run under qemu. Needs the cross toolchain, qemu, and a
/// `moltc` built where Debian's arm64 standard library was installed, so that it carries the
/// AArch64 runtime (`cargo xtask setup` installs all three); without them the test fails,
/// unless `MOLT_SKIP_AARCH64=1` says to skip it.
#[test]
fn differential_corpus_aarch64() {
    if std::env::var_os("MOLT_SKIP_AARCH64").is_some() {
        println!("skipped: MOLT_SKIP_AARCH64 is set");
        return;
    }
    run_corpus(Target::Aarch64, "aarch64");
}
