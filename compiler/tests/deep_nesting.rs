//! Programs whose expressions nest deeply (long operator chains, as generated code writes them)
//! compile and run as under CPython instead of overflowing the compiler's stack. The compiler
//! runs on a thread with a large reserved stack (`main.rs`); this checks a 20,000-term sum.

use std::process::Command;

#[test]
fn a_sum_of_20000_terms_compiles_and_runs() {
    let dir = std::env::temp_dir().join(format!("molt-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let src = dir.join("long_sum.py");
    let terms = vec!["1"; 20_000].join(" + ");
    std::fs::write(&src, format!("x = {terms}\nprint(x, -x)\n")).expect("write program");
    let exe = dir.join("long_sum");
    let build = Command::new(env!("CARGO_BIN_EXE_moltc")).arg("build").arg("-O1").arg(&src).arg("-o").arg(&exe).output().expect("run moltc");
    assert!(build.status.success(), "moltc failed ({:?}):\n{}", build.status, String::from_utf8_lossy(&build.stderr));
    let run = Command::new(&exe).output().expect("run program");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(String::from_utf8_lossy(&run.stdout), "20000 -20000\n");
    assert!(run.status.success());
}
