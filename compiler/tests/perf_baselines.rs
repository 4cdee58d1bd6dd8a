//! CI's performance gate: deterministic figures only (never timings), against the baselines
//! committed in `benchmarks/baselines.toml`.
//!
//! For every benchmark program: the size of the -O2 executable (bytes), the number of
//! instructions it executes (valgrind's callgrind, `I refs`) and the number of heap objects it
//! allocates (the runtime's object report, `MOLT_OBJECT_REPORT`: allocation explosions are
//! failures). A figure more than `tolerance`
//! above its baseline fails the test; raising a baseline needs a decision record. A figure well
//! below its baseline is reported so the baseline can be lowered (`UPDATE_BASELINES=1` rewrites
//! the file with the measured figures).

use std::path::Path;
use std::process::Command;

use serde::Deserialize;

mod common;

#[derive(Deserialize)]
struct Baselines {
    tolerance: f64,
    program: Vec<Program>,
}

#[derive(Deserialize)]
struct Program {
    file: String,
    binary_size: u64,
    instructions: u64,
    allocations: u64,
}

/// The heap objects a run of `exe` allocates (all types), from the runtime's object report.
fn allocations(exe: &Path, work: &Path) -> Result<u64, String> {
    let report = work.join("objects.json");
    let out = Command::new(exe).env("MOLT_OBJECT_REPORT", &report).output().map_err(|e| format!("run: {e}"))?;
    if !out.status.success() {
        return Err(format!("exit {:?}", out.status.code()));
    }
    let json = std::fs::read_to_string(&report).map_err(|e| format!("no object report: {e}"))?;
    Ok(common::allocations(&json).iter().map(|(_, n)| *n as u64).sum())
}

fn instructions(exe: &Path) -> Result<u64, String> {
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .output()
        .map_err(|e| format!("valgrind: {e} (cargo xtask setup installs it)"))?;
    let text = String::from_utf8_lossy(&out.stderr);
    text.lines()
        .find_map(|l| l.split("Collected :").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| format!("no instruction count in valgrind's output:\n{text}"))
}

#[test]
fn deterministic_figures_stay_within_baselines() {
    let root = common::root();
    let path = root.join("benchmarks/baselines.toml");
    let text = std::fs::read_to_string(&path).expect("benchmarks/baselines.toml");
    let base: Baselines = toml::from_str(&text).expect("valid baselines");
    let work = std::env::temp_dir().join(format!("molt-perf-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("temp dir");
    let mut failures = Vec::new();
    let mut report = Vec::new();
    let mut updated = Vec::new();
    for p in &base.program {
        let exe = work.join(Path::new(&p.file).file_stem().unwrap_or_default());
        let build = Command::new(env!("CARGO_BIN_EXE_moltc")).args(["build", "-O2"]).arg(root.join(&p.file)).arg("-o").arg(&exe).output().expect("moltc");
        assert!(build.status.success(), "{}: {}", p.file, String::from_utf8_lossy(&build.stderr));
        let size = std::fs::metadata(&exe).expect("executable").len();
        let ir = match instructions(&exe) {
            Ok(n) => n,
            Err(e) => panic!("{}: {e}", p.file),
        };
        let allocs = match allocations(&exe, &work) {
            Ok(n) => n,
            Err(e) => panic!("{}: {e}", p.file),
        };
        for (what, got, want) in [("binary size", size, p.binary_size), ("instructions", ir, p.instructions), ("allocations", allocs, p.allocations)] {
            let limit = (want as f64 * (1.0 + base.tolerance)) as u64;
            report.push(format!("{:<28} {what:<13} {got:>12} (baseline {want})", p.file));
            if got > limit {
                failures.push(format!("{}: {what} {got} exceeds the baseline {want} by more than {:.0}%", p.file, base.tolerance * 100.0));
            } else if (got as f64) < want as f64 * (1.0 - 2.0 * base.tolerance) {
                report.push(format!("  note: {} {what} improved well below its baseline; lower it (UPDATE_BASELINES=1)", p.file));
            }
        }
        updated.push(format!("[[program]]\nfile = {:?}\nbinary_size = {size}\ninstructions = {ir}\nallocations = {allocs}\n", p.file));
    }
    let _ = std::fs::remove_dir_all(&work);
    println!("{}", report.join("\n"));
    if std::env::var_os("UPDATE_BASELINES").is_some() {
        let header: String = text.lines().take_while(|l| !l.starts_with("[[program]]")).map(|l| format!("{l}\n")).collect();
        std::fs::write(&path, format!("{header}{}", updated.join("\n"))).expect("write baselines");
        return;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
