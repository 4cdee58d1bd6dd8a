//! valgrind memcheck over the differential corpus: every program, built at -O1, runs under
//! memcheck without an invalid read or write, a use of uninitialised memory, or an invalid free
//! (`--error-exitcode`; leaks are the object report's business, see `differential.rs`).
//!
//! Relies on: valgrind (installed by `cargo xtask setup`) and the runtime built next to `moltc`.
//! `MOLT_SKIP_MEMCHECK=1` skips it where valgrind is missing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod common;

/// The exit code valgrind reports when it found an error (distinct from any program's).
const VALGRIND_ERROR: i32 = 97;

fn check(file: &Path, work: &Path) -> Result<(), String> {
    // Bytes: a source may declare another encoding (PEP 263); the markers are ASCII.
    let src = String::from_utf8_lossy(&std::fs::read(file).map_err(|e| e.to_string())?).into_owned();
    if src.lines().take(3).any(|l| l.starts_with("# molt: expect-reject")) {
        return Ok(());
    }
    let exe = work.join(common::unique_name(file));
    let build = Command::new(env!("CARGO_BIN_EXE_moltc")).args(["build", "-O1"]).arg(file).arg("-o").arg(&exe).output().map_err(|e| e.to_string())?;
    if !build.status.success() {
        return Err(format!("moltc failed:\n{}", String::from_utf8_lossy(&build.stderr)));
    }
    // As the differential suite runs it: its `.stdin` file as input, in an empty directory.
    let cwd = work.join(format!("{}.cwd", common::unique_name(file)));
    std::fs::create_dir_all(&cwd).map_err(|e| e.to_string())?;
    let input = std::fs::File::open(file.with_extension("stdin")).map_or_else(|_| Stdio::null(), Stdio::from);
    let run = Command::new("valgrind")
        .args(["--tool=memcheck", "--quiet", &format!("--error-exitcode={VALGRIND_ERROR}"), "--errors-for-leak-kinds=none"])
        .arg(&exe)
        .stdin(input)
        .current_dir(&cwd)
        .output()
        .map_err(|e| format!("cannot run valgrind: {e} (cargo xtask setup installs it)"))?;
    let _ = std::fs::remove_file(&exe);
    let _ = std::fs::remove_dir_all(&cwd);
    if run.status.code() == Some(VALGRIND_ERROR) {
        return Err(format!("memcheck found errors:\n{}", String::from_utf8_lossy(&run.stderr)));
    }
    Ok(())
}

#[test]
fn memcheck_corpus() {
    if std::env::var_os("MOLT_SKIP_MEMCHECK").is_some() {
        println!("skipped: MOLT_SKIP_MEMCHECK is set");
        return;
    }
    let files: Vec<PathBuf> = common::py_files(&[common::root().join("tests/diff")]);
    let work = std::env::temp_dir().join(format!("molt-memcheck-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("temp dir");
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunks: Vec<Vec<PathBuf>> = (0..threads).map(|i| files.iter().skip(i).step_by(threads).cloned().collect()).collect();
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks.iter().map(|chunk| {
            let work = &work;
            s.spawn(move || chunk.iter().filter_map(|f| check(f, work).err().map(|e| format!("=== {}\n{e}", f.display()))).collect::<Vec<_>>())
        }).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    let _ = std::fs::remove_dir_all(&work);
    assert!(failures.is_empty(), "{} of {} programs failed under memcheck:\n{}", failures.len(), files.len(), failures.join("\n"));
    println!("{} programs clean under memcheck", files.len());
}
