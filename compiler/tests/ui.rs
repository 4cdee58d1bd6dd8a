//! Diagnostics (UI) snapshot tests: `moltc check tests/ui/<CODE>-<name>.py` must exit 1 and print
//! exactly `tests/ui/<CODE>-<name>.stderr`. `UPDATE_EXPECT=1 cargo test --test ui` rewrites the
//! snapshots (then read the diff). Every error code of `diagnostics::ERROR_CODES` has at least one.
//! A first line `# moltc-flags: --tier 0` passes flags to `moltc check`.

use std::path::Path;
use std::process::Command;

#[test]
fn ui_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/ui");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("tests/ui").flatten().map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py")).collect();
    files.sort();
    let mut failures = Vec::new();
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        // A first line `# moltc-flags: …` passes those flags (e.g. `--tier 0`).
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let flags: Vec<&str> = text.lines().next().and_then(|l| l.strip_prefix("# moltc-flags:")).map(|l| l.split_whitespace().collect()).unwrap_or_default();
        let out = Command::new(env!("CARGO_BIN_EXE_moltc")).current_dir(&dir).arg("check").args(&flags).arg(&name).output().expect("run moltc");
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        let code = name.split('-').next().unwrap_or_default();
        if out.status.code() != Some(1) {
            failures.push(format!("{name}: exit {:?}, expected 1", out.status.code()));
        }
        if !stderr.contains(&format!("error[{code}]")) {
            failures.push(format!("{name}: no error[{code}] in:\n{stderr}"));
        }
        let snap = f.with_extension("stderr");
        if update {
            std::fs::write(&snap, &stderr).expect("write snapshot");
        } else {
            let want = std::fs::read_to_string(&snap).unwrap_or_default();
            if want != stderr {
                failures.push(format!("{name}: output differs from {}\n--- expected\n{want}\n--- actual\n{stderr}", snap.display()));
            }
        }
    }
    for c in moltc::diagnostics::ERROR_CODES {
        if !files.iter().any(|f| f.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(c.code))) {
            failures.push(format!("error code {} has no UI test in tests/ui", c.code));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn explain_every_code() {
    for c in moltc::diagnostics::ERROR_CODES {
        let out = Command::new(env!("CARGO_BIN_EXE_moltc")).args(["explain", c.code]).output().expect("run moltc");
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains(c.title));
    }
    let out = Command::new(env!("CARGO_BIN_EXE_moltc")).args(["explain", "E9999"]).output().expect("run moltc");
    assert_eq!(out.status.code(), Some(1));
}

/// An internal compiler error exits 101, names the stage and the broken invariant, and writes the
/// IR to a file (triggered through the `MOLT_INJECT_ICE` test hook at each checkpoint).
#[test]
fn internal_errors_exit_101_and_name_the_invariant() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    for (level, stage) in [("hir", "lowering to HIR"), ("tir", "type inference"), ("lir", "lowering (TIR → LIR) and refcount")] {
        let out = Command::new(env!("CARGO_BIN_EXE_moltc"))
            .env("MOLT_INJECT_ICE", level)
            .current_dir(&dir)
            .args(["build", "--emit=lir", "fib.py"])
            .output()
            .expect("run moltc");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(101), "{level}: {stderr}");
        assert!(stderr.contains("internal compiler error") && stderr.contains(stage) && stderr.contains("`terminator`"), "{level}: {stderr}");
        let path = stderr.lines().find_map(|l| l.strip_prefix("the IR was written to ")).expect("IR file named");
        let ir = std::fs::read_to_string(path.trim()).expect("IR file exists");
        assert!(ir.contains("func @"));
        let _ = std::fs::remove_file(path.trim());
    }
}
