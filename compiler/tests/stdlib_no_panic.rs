//! No input may crash the compiler: `moltc check` semantics (parse → HIR → TIR, with the
//! verifier checkpoints) over every `.py` file of the installed CPython standard library must
//! end in success or user diagnostics — never a panic or an internal compiler error.
//!
//! Runs in-process (one database per file) for speed; the standard library is found through
//! `python3` (`sysconfig.get_paths()["stdlib"]`).

use std::path::PathBuf;
use std::process::Command;

mod common;

use moltc::db::{Database, SourceFile};
use moltc::driver::{self, Failure};

fn stdlib() -> PathBuf {
    let out = Command::new("python3").args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"]).output().expect("python3");
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

#[test]
fn check_never_panics_on_the_standard_library() {
    let root = stdlib();
    let files = common::py_files(std::slice::from_ref(&root));
    assert!(files.len() > 500, "found only {} files under {}", files.len(), root.display());
    std::panic::set_hook(Box::new(|_| {}));
    let (mut ok, mut rejected, mut failures) = (0usize, 0usize, Vec::new());
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        let r = std::panic::catch_unwind(|| {
            let db = Database::default();
            let file = SourceFile::new(&db, f.display().to_string(), text.clone(), false);
            driver::tir_module(&db, file).map(|_| ())
        });
        match r {
            Ok(Ok(())) => ok += 1,
            Ok(Err(Failure::User(_))) => rejected += 1,
            Ok(Err(Failure::Ice(m))) | Ok(Err(Failure::Env(m))) => failures.push(format!("{}: internal error: {m}", f.display())),
            Err(p) => {
                let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
                failures.push(format!("{}: panic: {msg}", f.display()));
            }
        }
    }
    let _ = std::panic::take_hook();
    println!("{} files: {ok} accepted, {rejected} rejected with diagnostics", files.len());
    assert!(failures.is_empty(), "{} of {} files crashed the compiler:\n{}", failures.len(), files.len(), failures.join("\n"));
}
