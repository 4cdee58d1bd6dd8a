//! Programs whose expressions nest deeply (long operator chains, as generated code writes them)
//! compile and run as under CPython instead of overflowing the compiler's stack. The compiler
//! runs on a thread with a large reserved stack (`main.rs`); this checks a 20,000-term sum and
//! a 5,000-operand `and` chain (one join block with 5,000 predecessors: the verifier's dominator
//! computation and `simplify-cfg` used to be quadratic in it).

use std::process::Command;

/// Builds `program` at -O1, runs it and returns its stdout.
fn build_and_run(name: &str, program: &str) -> String {
    let dir = std::env::temp_dir().join(format!("molt-deep-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let src = dir.join(format!("{name}.py"));
    std::fs::write(&src, program).expect("write program");
    let exe = dir.join(name);
    let build = Command::new(env!("CARGO_BIN_EXE_moltc")).arg("build").arg("-O1").arg(&src).arg("-o").arg(&exe).output().expect("run moltc");
    assert!(build.status.success(), "moltc failed ({:?}):\n{}", build.status, String::from_utf8_lossy(&build.stderr));
    let run = Command::new(&exe).output().expect("run program");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(run.status.success());
    String::from_utf8_lossy(&run.stdout).into_owned()
}

#[test]
fn a_sum_of_20000_terms_compiles_and_runs() {
    let terms = vec!["1"; 20_000].join(" + ");
    assert_eq!(build_and_run("long_sum", &format!("x = {terms}\nprint(x, -x)\n")), "20000 -20000\n");
}

#[test]
fn an_and_chain_of_5000_operands_compiles_and_runs() {
    let chain = (1..=5_000).map(|i| i.to_string()).collect::<Vec<_>>().join(" and ");
    assert_eq!(build_and_run("long_and", &format!("print({chain})\n")), "5000\n");
}
