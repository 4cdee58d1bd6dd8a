//! `cargo xtask bench [--quick] [--runs N] [NAME…]`: end-to-end benchmarks against CPython.
//!
//! Builds the release `moltc` (which carries the runtime), compiles every `benchmarks/*.py` (or only the ones
//! named) at `-O2` and `-O3`, timing each compile, then runs the binaries and `python3`
//! interleaved (molt -O2, molt -O3, python3, molt -O2, …) so that machine noise hits both sides
//! alike. Every run's stdout must equal CPython's byte for byte; a mismatch or a non-zero exit is
//! an error. Prints one markdown table (medians, speedup, binary size, peak RSS, compile time)
//! and writes it to `target/bench/results.md`.
//!
//! Peak RSS comes from one extra, untimed run under GNU `/usr/bin/time -f %M`; without it the
//! column reads `n/a`. `python3` is resolved to its real executable once (`sys.executable`) so
//! that launcher shims (pyenv) do not add to its timings.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const OPT_LEVELS: [u8; 2] = [2, 3];
const DEFAULT_RUNS: usize = 5;

#[derive(Debug, PartialEq, Eq)]
struct Args {
    runs: usize,
    only: Vec<String>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut runs = DEFAULT_RUNS;
    let mut quick = false;
    let mut explicit_runs = None;
    let mut only = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--quick" => quick = true,
            "--runs" => {
                let v = it.next().ok_or("bench: --runs needs a number")?;
                explicit_runs = Some(parse_runs(v)?);
            }
            s if s.starts_with("--runs=") => {
                explicit_runs = Some(parse_runs(&s["--runs=".len()..])?)
            }
            s if s.starts_with('-') => {
                return Err(format!(
                    "bench: unknown option `{s}` (usage: cargo xtask bench [--quick] [--runs N] [NAME…])"
                ));
            }
            s => only.push(s.trim_end_matches(".py").to_string()),
        }
    }
    if quick {
        runs = 1;
    }
    if let Some(n) = explicit_runs {
        runs = n;
    }
    Ok(Args { runs, only })
}

fn parse_runs(v: &str) -> Result<usize, String> {
    match v.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!(
            "bench: --runs expects a positive integer, got `{v}`"
        )),
    }
}

/// Median of the samples (mean of the two middle ones for an even count); NaN when empty.
fn median(samples: &[f64]) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    let mut v = samples.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Milliseconds with precision that shrinks as the value grows: `1.23`, `12.3`, `123`.
fn fmt_ms(ms: f64) -> String {
    if !ms.is_finite() {
        "n/a".into()
    } else if ms < 10.0 {
        format!("{ms:.2}")
    } else if ms < 100.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

fn fmt_speedup(python_ms: f64, molt_ms: f64) -> String {
    let s = python_ms / molt_ms;
    if !s.is_finite() {
        "n/a".into()
    } else if s < 10.0 {
        format!("{s:.2}x")
    } else if s < 100.0 {
        format!("{s:.1}x")
    } else {
        format!("{s:.0}x")
    }
}

/// Bytes → KiB, rounded to the nearest KiB.
fn fmt_kib(bytes: u64) -> String {
    format!("{}", (bytes + 512) / 1024)
}

struct Row {
    bench: String,
    opt: u8,
    molt_ms: f64,
    python_ms: f64,
    size_bytes: u64,
    rss_kib: Option<u64>,
    compile_ms: f64,
}

const HEADER: [&str; 8] = [
    "benchmark",
    "opt",
    "molt median (ms)",
    "python3 median (ms)",
    "speedup",
    "binary size (KiB)",
    "peak RSS molt (KiB)",
    "compile time (ms)",
];

/// The results as one markdown table, columns padded so that it also reads well as plain text.
fn render_table(rows: &[Row]) -> String {
    let cells: Vec<[String; 8]> = rows
        .iter()
        .map(|r| {
            [
                r.bench.clone(),
                format!("-O{}", r.opt),
                fmt_ms(r.molt_ms),
                fmt_ms(r.python_ms),
                fmt_speedup(r.python_ms, r.molt_ms),
                fmt_kib(r.size_bytes),
                r.rss_kib.map_or_else(|| "n/a".into(), |k| k.to_string()),
                fmt_ms(r.compile_ms),
            ]
        })
        .collect();
    let mut width: Vec<usize> = HEADER.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (w, c) in width.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    // Text columns left-aligned, numbers right-aligned.
    let right = |i: usize| i >= 2;
    let line = |row: &[String]| {
        let mut s = String::from("|");
        for (i, c) in row.iter().enumerate() {
            let pad = width[i] - c.chars().count();
            if right(i) {
                s.push_str(&format!(" {}{c} |", " ".repeat(pad)));
            } else {
                s.push_str(&format!(" {c}{} |", " ".repeat(pad)));
            }
        }
        s.push('\n');
        s
    };
    let mut out = line(&HEADER.map(String::from));
    out.push('|');
    for (i, w) in width.iter().enumerate() {
        if right(i) {
            out.push_str(&format!(" {}: |", "-".repeat(w - 1)));
        } else {
            out.push_str(&format!(" {} |", "-".repeat(*w)));
        }
    }
    out.push('\n');
    for row in &cells {
        out.push_str(&line(row));
    }
    out
}

/// Runs `cmd` to completion with stdout captured; returns (wall ms, stdout).
fn timed_run(cmd: &mut Command, what: &str) -> Result<(f64, Vec<u8>), String> {
    cmd.stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .stdout(Stdio::piped());
    let t = Instant::now();
    let out = cmd
        .output()
        .map_err(|e| format!("bench: cannot run {what}: {e}"))?;
    let ms = t.elapsed().as_secs_f64() * 1e3;
    if !out.status.success() {
        return Err(format!("bench: {what} failed: {}", out.status));
    }
    Ok((ms, out.stdout))
}

/// The interpreter behind `python3` (skipping launcher shims), and its version line.
fn resolve_python() -> Result<(PathBuf, String), String> {
    let out = Command::new("python3")
        .args(["-c", "import sys, platform; print(sys.executable); print(platform.python_implementation(), platform.python_version())"])
        .output()
        .map_err(|e| format!("bench: cannot run python3: {e}"))?;
    if !out.status.success() {
        return Err(format!("bench: python3 failed: {}", out.status));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let exe = lines
        .next()
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3"));
    let version = lines.next().unwrap_or("python3").to_string();
    Ok((exe, version))
}

/// Peak RSS of one run of `exe`, via GNU time; `None` when that is unavailable.
fn peak_rss_kib(exe: &Path) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let report = exe.with_extension("rss");
    let st = Command::new(time)
        .args(["-f", "%M", "-o"])
        .arg(&report)
        .arg(exe)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    let text = std::fs::read_to_string(&report).ok();
    let _ = std::fs::remove_file(&report);
    if !st.success() {
        return None;
    }
    text?.lines().last()?.trim().parse().ok()
}

fn show_diff(name: &str, molt: &[u8], python: &[u8]) -> String {
    let m = String::from_utf8_lossy(molt);
    let p = String::from_utf8_lossy(python);
    let mut s = format!("bench: OUTPUT MISMATCH for {name}\n");
    for (i, (a, b)) in m.lines().zip(p.lines()).enumerate() {
        if a != b {
            s.push_str(&format!(
                "  first difference at line {}:\n    molt:    {a:?}\n    python3: {b:?}\n",
                i + 1
            ));
            return s;
        }
    }
    s.push_str(&format!(
        "  line counts differ: molt {} vs python3 {}\n",
        m.lines().count(),
        p.lines().count()
    ));
    s
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let args = parse_args(args)?;
    let bench_dir = root.join("benchmarks");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&bench_dir)
        .map_err(|e| format!("bench: cannot read {}: {e}", bench_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    if !args.only.is_empty() {
        for want in &args.only {
            if !files
                .iter()
                .any(|f| f.file_stem().is_some_and(|s| s == want.as_str()))
            {
                return Err(format!(
                    "bench: no benchmark named `{want}` in {}",
                    bench_dir.display()
                ));
            }
        }
        files.retain(|f| {
            f.file_stem()
                .is_some_and(|s| args.only.iter().any(|w| s == w.as_str()))
        });
    }
    if files.is_empty() {
        return Err(format!("bench: no benchmarks in {}", bench_dir.display()));
    }

    eprintln!("bench: building release moltc…");
    let moltc = crate::build_release(root)?;
    let (python, py_version) = resolve_python()?;
    let out_dir = root.join("target/bench");
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("bench: cannot create {}: {e}", out_dir.display()))?;

    let mut rows = Vec::new();
    for file in &files {
        let name = file
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        // Compile at each level; the compile time is the median over the same number of runs.
        let mut exes = Vec::new();
        let mut compile_ms = Vec::new();
        for opt in OPT_LEVELS {
            let exe = out_dir.join(format!("{name}-O{opt}"));
            let mut times = Vec::new();
            for _ in 0..args.runs {
                let mut cmd = Command::new(&moltc);
                cmd.arg("build")
                    .arg(file)
                    .arg(format!("-O{opt}"))
                    .arg("-o")
                    .arg(&exe);
                let (ms, _) =
                    timed_run(&mut cmd, &format!("moltc build {} -O{opt}", file.display()))?;
                times.push(ms);
            }
            compile_ms.push(median(&times));
            exes.push(exe);
        }

        eprintln!(
            "bench: {name} ({} run{} each)…",
            args.runs,
            if args.runs == 1 { "" } else { "s" }
        );
        let mut molt_ms: Vec<Vec<f64>> = vec![Vec::new(); OPT_LEVELS.len()];
        let mut python_ms = Vec::new();
        for _ in 0..args.runs {
            let mut outs = Vec::new();
            for (i, exe) in exes.iter().enumerate() {
                let what = format!("{name} -O{}", OPT_LEVELS[i]);
                let (ms, out) = timed_run(&mut Command::new(exe), &what)?;
                molt_ms[i].push(ms);
                outs.push((what, out));
            }
            let (ms, py_out) = timed_run(
                Command::new(&python).arg(file),
                &format!("python3 {}", file.display()),
            )?;
            python_ms.push(ms);
            for (what, out) in &outs {
                if out != &py_out {
                    return Err(show_diff(what, out, &py_out));
                }
            }
        }
        let py_median = median(&python_ms);
        for (i, opt) in OPT_LEVELS.iter().enumerate() {
            let exe = &exes[i];
            let size_bytes = std::fs::metadata(exe).map(|m| m.len()).unwrap_or(0);
            rows.push(Row {
                bench: name.clone(),
                opt: *opt,
                molt_ms: median(&molt_ms[i]),
                python_ms: py_median,
                size_bytes,
                rss_kib: peak_rss_kib(exe),
                compile_ms: compile_ms[i],
            });
        }
    }

    let table = render_table(&rows);
    let md = format!(
        "# Molt benchmarks\n\nmolt vs {py_version} ({}), {} run{} each, interleaved; times are wall-clock medians.\n\n{table}",
        python.display(),
        args.runs,
        if args.runs == 1 { "" } else { "s" }
    );
    let results = out_dir.join("results.md");
    std::fs::write(&results, &md)
        .map_err(|e| format!("bench: cannot write {}: {e}", results.display()))?;
    println!("{table}");
    eprintln!("bench: table written to {}", results.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn median_odd_even_and_empty() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&[7.5]), 7.5);
        assert!(median(&[]).is_nan());
        // Outliers do not move it.
        assert_eq!(median(&[10.0, 11.0, 1000.0, 12.0, 9.0]), 11.0);
    }

    #[test]
    fn number_formatting() {
        assert_eq!(fmt_ms(1.2345), "1.23");
        assert_eq!(fmt_ms(12.345), "12.3");
        assert_eq!(fmt_ms(1234.5), "1234");
        assert_eq!(fmt_ms(f64::NAN), "n/a");
        assert_eq!(fmt_speedup(1000.0, 20.0), "50.0x");
        assert_eq!(fmt_speedup(30.0, 20.0), "1.50x");
        assert_eq!(fmt_speedup(10.0, 0.0), "n/a");
        assert_eq!(fmt_kib(0), "0");
        assert_eq!(fmt_kib(1024), "1");
        assert_eq!(fmt_kib(1535), "1");
        assert_eq!(fmt_kib(1536), "2");
    }

    #[test]
    fn table_is_aligned_markdown() {
        let rows = [
            Row {
                bench: "fib".into(),
                opt: 2,
                molt_ms: 20.0,
                python_ms: 700.0,
                size_bytes: 400 * 1024,
                rss_kib: Some(1700),
                compile_ms: 55.5,
            },
            Row {
                bench: "float_loop".into(),
                opt: 3,
                molt_ms: 5.25,
                python_ms: 1500.0,
                size_bytes: 401 * 1024,
                rss_kib: None,
                compile_ms: 130.0,
            },
        ];
        let t = render_table(&rows);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(
            lines[0].starts_with("| benchmark  | opt | molt median (ms) |"),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].starts_with("| ---------- | --- | ---------------: |"),
            "{}",
            lines[1]
        );
        let width = lines[0].chars().count();
        assert!(lines.iter().all(|l| l.chars().count() == width), "{t}");
        assert!(lines.iter().all(|l| l.matches('|').count() == 9), "{t}");
        let fib: Vec<&str> = lines[2].split('|').map(str::trim).collect();
        assert_eq!(
            fib,
            [
                "", "fib", "-O2", "20.0", "700", "35.0x", "400", "1700", "55.5", ""
            ]
        );
        let fl: Vec<&str> = lines[3].split('|').map(str::trim).collect();
        assert_eq!(
            fl,
            [
                "",
                "float_loop",
                "-O3",
                "5.25",
                "1500",
                "286x",
                "401",
                "n/a",
                "130",
                ""
            ]
        );
    }

    #[test]
    fn arguments() {
        assert_eq!(
            parse_args(&[]).unwrap(),
            Args {
                runs: 5,
                only: vec![]
            }
        );
        assert_eq!(parse_args(&strings(&["--quick"])).unwrap().runs, 1);
        assert_eq!(parse_args(&strings(&["--runs", "9"])).unwrap().runs, 9);
        assert_eq!(
            parse_args(&strings(&["--quick", "--runs=3"])).unwrap().runs,
            3
        );
        assert_eq!(
            parse_args(&strings(&["fib.py", "primes"])).unwrap().only,
            ["fib", "primes"]
        );
        assert!(parse_args(&strings(&["--runs", "0"])).is_err());
        assert!(parse_args(&strings(&["--runs"])).is_err());
        assert!(parse_args(&strings(&["--fast"])).is_err());
    }
}
