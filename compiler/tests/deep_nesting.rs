//! Programs whose expressions nest deeply (long operator chains, as generated code writes them)
//! compile and run as under CPython instead of overflowing the compiler's stack. The compiler
//! runs on a thread with a large reserved stack (`main.rs`), and so do the threads that generate
//! -O0 units (`driver.rs`); this checks a 100,000-term sum at -O0 and -O1 (const-fold and dce
//! used to edit op lists one op at a time, quadratic in it), a 5,000-operand `and` chain (one
//! join block with 5,000 predecessors: the verifier's dominator computation and `simplify-cfg`
//! used to be quadratic in it), and a module of 1,000 functions at -O0 (one unit each, made on
//! every core, linked from one archive).

use std::process::Command;

/// Builds `program` at -O1, runs it and returns its stdout.
fn build_and_run(name: &str, program: &str) -> String {
    build_and_run_at(name, program, "-O1")
}

/// Builds `program` at optimization level `opt`, runs it and returns its stdout.
fn build_and_run_at(name: &str, program: &str, opt: &str) -> String {
    let dir = std::env::temp_dir().join(format!("molt-deep-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let src = dir.join(format!("{name}.py"));
    std::fs::write(&src, program).expect("write program");
    let exe = dir.join(name);
    let build = Command::new(env!("CARGO_BIN_EXE_moltc")).arg("build").arg(opt).arg(&src).arg("-o").arg(&exe).output().expect("run moltc");
    assert!(build.status.success(), "moltc failed ({:?}):\n{}", build.status, String::from_utf8_lossy(&build.stderr));
    let run = Command::new(&exe).output().expect("run program");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(run.status.success());
    String::from_utf8_lossy(&run.stdout).into_owned()
}

#[test]
fn a_sum_of_100000_terms_compiles_and_runs() {
    let terms = vec!["1"; 100_000].join(" + ");
    for opt in ["-O0", "-O1"] {
        assert_eq!(build_and_run_at("long_sum", &format!("x = {terms}\nprint(x, -x)\n"), opt), "100000 -100000\n", "at {opt}");
    }
}

#[test]
fn a_module_of_1000_functions_builds_at_o0() {
    let mut program = String::new();
    for i in 0..1_000 {
        program.push_str(&format!("def f{i}(a):\n    return a + {i}\n\n"));
    }
    program.push_str("t = 0\n");
    for i in 0..1_000 {
        program.push_str(&format!("t += f{i}(1)\n"));
    }
    program.push_str("print(t)\n");
    // 1,000 calls of `1 + i`: 1,000 + 999 * 1,000 / 2.
    assert_eq!(build_and_run_at("many_functions", &program, "-O0"), "500500\n");
}

#[test]
fn an_and_chain_of_5000_operands_compiles_and_runs() {
    let chain = (1..=5_000).map(|i| i.to_string()).collect::<Vec<_>>().join(" and ");
    assert_eq!(build_and_run("long_and", &format!("print({chain})\n")), "5000\n");
}
