//! The subset table (`docs/subset.toml`, rendered as `docs/subset.md`) is a test suite: every
//! `supported` example compiles and prints exactly what `python3` prints (same exit code and last
//! stderr line); every `rejected` example fails to compile with its error code. An example of
//! several modules marks the start of each file after the main one with a line `# file: NAME`
//! (a path below the example's directory).

use std::process::Command;

use serde::Deserialize;

mod common;
use common::last_line;

#[derive(Deserialize)]
struct SubsetFile {
    feature: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    name: String,
    status: String,
    code: Option<String>,
    /// Extra `moltc build` flags for the examples (e.g. `--tier 0`).
    #[serde(default)]
    flags: Vec<String>,
    examples: Vec<String>,
}

/// Writes example `ex` into `dir`: its main file (returned) and the files `# file: NAME` lines
/// start.
fn write_example(dir: &std::path::Path, ex: &str) -> std::path::PathBuf {
    let mut files = vec![("main.py".to_string(), String::new())];
    for line in ex.split_inclusive('\n') {
        match line.trim_end().strip_prefix("# file: ") {
            Some(name) => files.push((name.to_string(), String::new())),
            None => files.last_mut().expect("the main file").1.push_str(line),
        }
    }
    for (name, text) in &files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().expect("a directory")).expect("example directory");
        std::fs::write(&p, text).expect("write example");
    }
    dir.join("main.py")
}

#[test]
fn every_subset_example_behaves_as_documented() {
    let root = common::root();
    let table: SubsetFile = toml::from_str(&std::fs::read_to_string(root.join("docs/subset.toml")).expect("docs/subset.toml")).expect("valid TOML");
    let work = std::env::temp_dir().join(format!("molt-subset-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("temp dir");
    let mut failures = Vec::new();
    let mut n = 0;
    for (i, f) in table.feature.iter().enumerate() {
        for (j, ex) in f.examples.iter().enumerate() {
            n += 1;
            let dir = work.join(format!("ex_{i}_{j}"));
            let src = write_example(&dir, ex);
            let exe = dir.join("ex");
            let build = Command::new(env!("CARGO_BIN_EXE_moltc")).arg("build").args(&f.flags).arg(&src).arg("-o").arg(&exe).output().expect("moltc");
            let stderr = String::from_utf8_lossy(&build.stderr);
            match (f.status.as_str(), &f.code) {
                ("rejected", Some(code)) => {
                    if build.status.code() != Some(1) || !stderr.contains(&format!("error[{code}]")) {
                        failures.push(format!("`{}` example {j} should be rejected with {code}, got exit {:?}:\n{stderr}", f.name, build.status.code()));
                    }
                }
                _ => {
                    if !build.status.success() {
                        failures.push(format!("`{}` example {j} should compile:\n{stderr}", f.name));
                        continue;
                    }
                    let got = Command::new(&exe).output().expect("run");
                    let want = Command::new("python3").arg(&src).output().expect("python3");
                    if got.stdout != want.stdout || got.status.code() != want.status.code() || last_line(&got.stderr) != last_line(&want.stderr) {
                        failures.push(format!(
                            "`{}` example {j} differs from python3:\n--- python3 (exit {:?})\n{}{}\n--- molt (exit {:?})\n{}{}",
                            f.name, want.status.code(), String::from_utf8_lossy(&want.stdout), last_line(&want.stderr),
                            got.status.code(), String::from_utf8_lossy(&got.stdout), last_line(&got.stderr)
                        ));
                    }
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    assert!(n >= 30, "only {n} examples");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
