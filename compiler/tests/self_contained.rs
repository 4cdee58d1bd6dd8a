//! `moltc` is one self-contained tool (decisions/0028): the built binary, copied to a directory
//! outside the source tree and run from another one with an environment holding nothing but
//! PATH, builds programs for x86-64 and, under the rule of the differential suite (unless
//! `MOLT_SKIP_AARCH64` is set), for AArch64, run under qemu.
//!
//! Relies on: `cc`, and for AArch64 `aarch64-linux-gnu-gcc` and `qemu-aarch64`, on PATH
//! (`cargo xtask setup` installs them).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

/// Exercises the runtime well beyond `print`: big ints, str methods, a dict, a list sort, a
/// caught exception, a class; then exits with a code of its own.
const PROGRAM: &str = r#"
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

counts = {}
for w in "the quick brown fox jumps over the lazy dog the end".split():
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
print(2 ** 100, "molt".upper().center(10, "*"))
try:
    [1, 2, 3][7]
except IndexError as e:
    print("caught:", e)
print(Point(1, 2))
raise SystemExit(3)
"#;

const EXPECTED: &str = "[('the', 3), ('brown', 1), ('dog', 1)]\n\
1267650600228229401496703205376 ***MOLT***\n\
caught: list index out of range\n\
Point(1, 2)\n";

/// A fresh directory under the system's temporary directory.
fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("molt-self-contained-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temporary directory");
    d
}

/// `cmd` with an environment that holds only PATH, run in `dir`.
fn bare(mut cmd: Command, dir: &Path) -> Output {
    cmd.current_dir(dir).env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        cmd.env("PATH", path);
    }
    cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

fn check_run(what: &str, out: &Output) {
    assert_eq!(
        (String::from_utf8_lossy(&out.stdout).as_ref(), out.status.code()),
        (EXPECTED, Some(3)),
        "{what}: stderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn check_build(what: &str, out: &Output) {
    assert!(out.status.success(), "{what} failed ({:?}):\n{}", out.status.code(), String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_copied_moltc_builds_and_runs_programs_anywhere() {
    let home = temp_dir("bin");
    let work = temp_dir("work");
    let root = common::root().canonicalize().expect("workspace root");
    for d in [&home, &work] {
        let d = d.canonicalize().expect("temporary directory");
        assert!(!d.starts_with(&root), "{} lies inside the source tree {}", d.display(), root.display());
    }
    let moltc = home.join("moltc");
    std::fs::copy(env!("CARGO_BIN_EXE_moltc"), &moltc).expect("copy moltc");
    std::fs::write(work.join("prog.py"), PROGRAM).expect("write the program");

    // x86-64: `build` (output named after the file, in the current directory) and `run`.
    let mut build = Command::new(&moltc);
    build.args(["build", "prog.py"]);
    check_build("moltc build", &bare(build, &work));
    check_run("./prog", &bare(Command::new(work.join("prog")), &work));
    let mut run = Command::new(&moltc);
    run.args(["run", "prog.py"]);
    check_run("moltc run", &bare(run, &work));

    // No file is left beside the output (the runtime is written for the linker, then removed).
    let mut left: Vec<String> = std::fs::read_dir(&work).expect("read the directory").flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["prog", "prog.py"], "files left in the output directory");

    if std::env::var_os("MOLT_SKIP_AARCH64").is_some() {
        println!("AArch64 skipped: MOLT_SKIP_AARCH64 is set");
    } else {
        let mut build = Command::new(&moltc);
        build.args(["build", "prog.py", "--target", "aarch64-unknown-linux-gnu", "-o", "prog-arm64"]);
        check_build("moltc build --target aarch64-unknown-linux-gnu", &bare(build, &work));
        let mut qemu = Command::new("qemu-aarch64");
        qemu.args(["-L", "/usr/aarch64-linux-gnu"]).arg(work.join("prog-arm64"));
        check_run("qemu-aarch64 ./prog-arm64", &bare(qemu, &work));
    }
    let _ = std::fs::remove_dir_all(&home);
    let _ = std::fs::remove_dir_all(&work);
}

/// The override names a file; a wrong one is an error that says so, not a linker failure.
#[test]
fn a_missing_override_is_reported() {
    let work = temp_dir("override");
    std::fs::write(work.join("p.py"), "print(1)\n").expect("write the program");
    let out = Command::new(env!("CARGO_BIN_EXE_moltc"))
        .args(["build", "p.py"])
        .env("MOLT_RUNTIME", work.join("nowhere.a"))
        .current_dir(&work)
        .output()
        .expect("run moltc");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("MOLT_RUNTIME names") && err.contains("nowhere.a"), "{err}");
    let _ = std::fs::remove_dir_all(&work);
}
