//! Reproducible builds (issue #10): the same program and flags give a bit-identical executable,
//! and `--remap-path-prefix FROM=TO` makes builds in different directories identical — the
//! paths a program shows (tracebacks, `__file__`) are the remapped ones.

use std::path::Path;
use std::process::Command;

mod common;

/// Copies the multi-module program `tests/diff/modules/import_traceback.prog` into `dir`.
fn copy_program(dir: &Path) {
    let src = common::root().join("tests/diff/modules/import_traceback.prog");
    std::fs::create_dir_all(dir).expect("program directory");
    for e in std::fs::read_dir(&src).expect("program").flatten() {
        std::fs::copy(e.path(), dir.join(e.file_name())).expect("copy");
    }
}

fn build(main: &Path, out: &Path, extra: &[&str]) -> Vec<u8> {
    let b = Command::new(env!("CARGO_BIN_EXE_moltc")).arg("build").args(extra).arg(main).arg("-o").arg(out).output().expect("moltc");
    assert!(b.status.success(), "moltc failed: {}", String::from_utf8_lossy(&b.stderr));
    std::fs::read(out).expect("executable")
}

#[test]
fn builds_are_bit_identical_across_runs_and_directories() {
    let work = std::env::temp_dir().join(format!("molt-repro-{}", std::process::id()));
    let (a, b) = (work.join("first/app"), work.join("second/deeper/app"));
    copy_program(&a);
    copy_program(&b);
    for opt in ["-O0", "-O2"] {
        // The same directory twice.
        let x1 = build(&a.join("main.py"), &work.join("x1"), &[opt]);
        let x2 = build(&a.join("main.py"), &work.join("x2"), &[opt]);
        assert!(x1 == x2, "{opt}: two builds of the same program differ");
        // Two directories, each remapped to the same prefix.
        let (ra, rb) = (format!("{}=/src", a.display()), format!("{}=/src", b.display()));
        let y1 = build(&a.join("main.py"), &work.join("y1"), &[opt, "--remap-path-prefix", &ra]);
        let y2 = build(&b.join("main.py"), &work.join("y2"), &[opt, "--remap-path-prefix", &rb]);
        assert!(y1 == y2, "{opt}: builds in two directories with --remap-path-prefix differ");
        assert!(x1 != y1, "{opt}: --remap-path-prefix changed nothing");
    }
    // The traceback names the remapped files, through the import statements.
    let run = Command::new(work.join("y2")).output().expect("run");
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("File \"/src/main.py\", line 4, in <module>") && err.contains("File \"/src/second.py\", line 5, in compute"), "{err}");
    assert!(!err.contains(&work.display().to_string()), "{err}");
    let _ = std::fs::remove_dir_all(&work);
}
