//! `cargo xtask bench --compile-scaling`: compile time against input size.
//!
//! Generates the shapes issue #10 names — one expression of N terms (`x = 1 + 1 + … + 1`),
//! a boolean chain of N operands, and a module of N small int functions, all called — at sizes
//! ten times apart, builds each with the release `moltc` at -O0 and -O2 (one timed run each,
//! wall clock), and prints a markdown table with the growth from one size to the next (10× the
//! input: a growth near 10 is linear, near 13 n·log n, near 100 quadratic). Writes it to
//! `target/bench/compile_scaling.md`. The programs are deterministic; nothing is compared with
//! CPython (they are checked by the test suite's shapes in `compiler/tests/deep_nesting.rs`).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// One input shape: its name, its sizes, and the program of a given size.
struct Shape {
    name: &'static str,
    sizes: &'static [usize],
    program: fn(usize) -> String,
}

fn sum_terms(n: usize) -> String {
    let mut s = String::from("x = 1");
    for _ in 1..n {
        s.push_str(" + 1");
    }
    s.push_str("\nprint(x)\n");
    s
}

fn and_chain(n: usize) -> String {
    let mut s = String::from("a = 1\nprint(a");
    for _ in 1..n {
        s.push_str(" and a");
    }
    s.push_str(")\n");
    s
}

fn functions(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = writeln!(s, "def f{i}(a, b):\n    if a > b:\n        return a * {} - b\n    return b + a % {}\n", i % 97 + 2, i % 13 + 1);
    }
    s.push_str("total = 0\n");
    for i in 0..n {
        let _ = writeln!(s, "total = (total + f{i}({}, {})) % 1000003", i % 7, i % 5);
    }
    s.push_str("print(total)\n");
    s
}

const SHAPES: &[Shape] = &[
    Shape { name: "sum of N terms", sizes: &[1_000, 10_000, 100_000], program: sum_terms },
    Shape { name: "`and` chain of N operands", sizes: &[1_000, 10_000], program: and_chain },
    Shape { name: "N small functions (6 lines each)", sizes: &[100, 1_000, 10_000], program: functions },
];

fn time_build(moltc: &Path, file: &Path, opt: u8, out: &Path) -> Result<f64, String> {
    let start = Instant::now();
    let o = Command::new(moltc)
        .args(["build", &format!("-O{opt}")])
        .arg(file)
        .arg("-o")
        .arg(out)
        .output()
        .map_err(|e| format!("cannot run moltc: {e}"))?;
    let secs = start.elapsed().as_secs_f64();
    if !o.status.success() {
        return Err(format!("moltc -O{opt} {} failed:\n{}", file.display(), String::from_utf8_lossy(&o.stderr)));
    }
    Ok(secs)
}

pub fn run(root: &Path) -> Result<(), String> {
    let moltc = crate::build_release(root)?;
    let dir = root.join("target/bench/scaling");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut table = String::from("# Compile time against input size\n\nWall clock of one `moltc build` per row, this machine.\n\n");
    table.push_str("| shape | N | lines | -O0 (s) | growth | -O2 (s) | growth |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (k, shape) in SHAPES.iter().enumerate() {
        let mut prev: Option<(f64, f64)> = None;
        for &n in shape.sizes {
            let text = (shape.program)(n);
            let file = dir.join(format!("shape{k}_{n}.py"));
            std::fs::write(&file, &text).map_err(|e| format!("{}: {e}", file.display()))?;
            let exe = dir.join(format!("shape{k}_{n}"));
            let o0 = time_build(&moltc, &file, 0, &exe)?;
            let o2 = time_build(&moltc, &file, 2, &exe)?;
            let growth = |now: f64, before: Option<f64>| before.map_or("".to_string(), |b| format!("{:.1}×", now / b));
            let _ = writeln!(
                table,
                "| {} | {n} | {} | {o0:.2} | {} | {o2:.2} | {} |",
                shape.name,
                text.lines().count(),
                growth(o0, prev.map(|p| p.0)),
                growth(o2, prev.map(|p| p.1))
            );
            eprintln!("{}: N = {n}: -O0 {o0:.2} s, -O2 {o2:.2} s", shape.name);
            prev = Some((o0, o2));
        }
    }
    print!("{table}");
    let out = root.join("target/bench/compile_scaling.md");
    std::fs::write(&out, &table).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("bench: table written to {}", out.display());
    Ok(())
}
