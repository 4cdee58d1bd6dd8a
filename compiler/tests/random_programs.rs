//! Generative differential testing: random programs of the supported subset are compiled by
//! `moltc` (at -O1 with `--verify-each`, then at -O0 and -O3) and compared with `python3` on
//! stdout, exit code and the last line of stderr.
//!
//! The generator is deterministic (a splitmix64 PRNG): `MOLT_FUZZ_PROGRAMS` sets how many
//! programs to try (default 60), `MOLT_FUZZ_SEED` the base seed (decimal or 0x-hex; default
//! fixed so CI always tries the same programs), `MOLT_FUZZ_DUMP=DIR` keeps every generated program
//! in DIR (as `p<index>.py`) for hunting and minimizing, and `MOLT_FUZZ_LEVELS=-O1,-O3` limits
//! the optimization levels compared (default: -O1, -O0 and -O3).
//!
//! The programs stay inside what Molt accepts and what it runs exactly like CPython:
//! * every variable keeps one type per function (declared before any branch or loop; loop
//!   variables and counters are only read where they are assigned on every path);
//! * `and`/`or`, conditional expressions and `min`/`max` have operands of the same type;
//! * big ints appear in the middle of expressions (`(a * 10 ** 20 + b) % m`, `(a * 2 ** 64 + b) //
//!   2 ** 64`), never in variables; otherwise integers never exceed 64 bits: each expression carries a bound on its magnitude, operands
//!   are wrapped (`% 1009`, …) when a result could pass 2**60, and int variables hold at most
//!   2**21 between statements (assignments wrap, augmented assignments are followed by a
//!   statement that brings the value back); `int(float)` only converts bounded floats;
//! * loops are bounded (`while` over a counter incremented first in the body, `range` with
//!   bounds of magnitude <= 8; a `for` target may be a variable read after the loop); calls go
//!   to functions generated earlier (the `def`s are emitted in a shuffled order, so some calls
//!   are forward references), plus bounded self or mutual recursion (`e % 12` deep, or up to
//!   CPython's recursion limit in the final calls of a program); functions
//!   read module variables assigned before them; an estimate of the work keeps programs small.
//!
//! Divisors are guarded (`(e or 3)`, `abs(e) + 1`, nonzero constants, or a test of the divisor
//! around the division: `a // d if d != 0 else c`, `d != 0 and a % d < b`) but are sometimes
//! left raw, so some programs end in ZeroDivisionError (or ValueError from `range` or `int(nan)`,
//! OverflowError of float `**`), which is compared too. Also generated: functions without a
//! value (printed as None), `print` with `sep=`/`end=`, `**` with constant exponents, values of
//! two types (`(i if c else f)`: boxed, behind guards) converted with `float()`, compared or
//! printed, `try`/`except` (printing the exception's class, text and `args`)/`else`/`finally`
//! around blocks, multiple assignment (`a, b = b, a`), and lambdas called where they are made,
//! with a default and a variable of the enclosing scope they close over (a cell).
//!
//! About a third of the programs (drawn from a PRNG stream of their own, so the others are the
//! programs of the generator before classes) also have classes, emitted at module level before
//! the functions (`random_programs/classes.rs`):
//! * one to three classes: roots, single inheritance from an earlier class, or two root bases;
//!   an int class attribute (sometimes shadowed in a subclass, sometimes counted in `__init__`),
//!   `__init__(self, a, b)` storing int attributes (a subclass's runs its bases' through
//!   `super().__init__(...)` or `Base.__init__(self, ...)`, so every attribute exists), methods
//!   generated like function bodies (reading and updating `self.a` like an int variable, calling
//!   other methods of `self`), overrides with the same signature (sometimes built on
//!   `super().m(...)`), and now and then a `@property` (with a setter), a `@staticmethod`, a
//!   `@classmethod` (a factory `cls(...)` or an int), `__repr__` (an f-string of the attributes;
//!   overrides build on `super().__repr__()`), `__eq__` (NotImplemented for other classes),
//!   `__add__` (a new instance) and `__len__`;
//! * objects in module variables, locals and parameters, holding an instance of their class or
//!   of a subclass; `K(a, b)`, method calls on variables, `self`, `super()`, classes and new
//!   instances; attributes and properties as int leaves and assignment targets (bounded like int
//!   variables); `len(o)`, `isinstance`, `type(o) is K`, `==`, `is`, `print(o)` (only with a
//!   `__repr__`: nothing depends on an address), never a hash;
//! * no recursion through methods (a method only calls methods of lower rank, or its base
//!   implementation through `super()`; `__init__`, properties and dunders call none), and the
//!   work of a method call counts in the estimate;
//! * sometimes user exception classes (`class E1(ValueError): pass`, or with an `__init__(self,
//!   code)` calling `super().__init__` and storing `self.code`; subclasses of them), raised
//!   with int arguments in a guarded branch of a `try` and caught by their class, a base or a
//!   tuple (printing `type(e).__name__` and `e.args`), or left uncaught at the end of a program;
//!   the deep final calls of these programs stay below CPython's recursion limit.
//!
//! About a third of the programs (again from a PRNG stream of their own) also have container
//! and text scenarios among their statements (`random_programs/containers.rs`): lists, strs,
//! dicts, sets of ints and tuples built from the program's values, their methods, operators,
//! slicing, formatting and builtins, the operations that may raise inside a `try` that prints
//! the exception; nothing printed depends on str hashes. Their deep final calls stay below
//! CPython's recursion limit, as with classes.
//!
//! `generated_programs_run_in_cpython` (ignored: it needs no Molt, only `python3`) checks the
//! generator alone: every program runs deterministically and ends normally or with an intended
//! exception.
//!
//! A program Molt rejects at compile time is a generator bug: it is counted and the test fails
//! if more than 5% are rejected.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

mod common;
use common::last_line;

#[path = "random_programs/generator.rs"]
mod generator;
use generator::{Rng, generate};

// ---------------------------------------------------------------------------------------------
// Running and comparing

struct Run {
    stdout: Vec<u8>,
    code: Option<i32>,
    stderr: Vec<u8>,
}

/// Runs `cmd` with stdout/stderr in files (no pipe can fill up); None if it timed out.
fn run(mut cmd: Command, work: &Path, tag: &str, timeout: Duration) -> Result<Option<Run>, String> {
    let (out_p, err_p) = (work.join(format!("{tag}.out")), work.join(format!("{tag}.err")));
    let out = std::fs::File::create(&out_p).map_err(|e| e.to_string())?;
    let err = std::fs::File::create(&err_p).map_err(|e| e.to_string())?;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    let start = Instant::now();
    let status: ExitStatus = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break s;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let r = Run {
        stdout: std::fs::read(&out_p).unwrap_or_default(),
        code: status.code(),
        stderr: std::fs::read(&err_p).unwrap_or_default(),
    };
    let _ = std::fs::remove_file(&out_p);
    let _ = std::fs::remove_file(&err_p);
    Ok(Some(r))
}

/// Where two outputs first differ, with a little context.
fn describe_diff(want: &[u8], got: &[u8]) -> String {
    let (w, g) = (String::from_utf8_lossy(want), String::from_utf8_lossy(got));
    let (wl, gl): (Vec<&str>, Vec<&str>) = (w.split('\n').collect(), g.split('\n').collect());
    let i = (0..wl.len().max(gl.len())).find(|&i| wl.get(i) != gl.get(i)).unwrap_or(0);
    let from = i.saturating_sub(2);
    let show = |l: &[&str]| -> String {
        l.iter().enumerate().skip(from).take(i + 3 - from).map(|(k, s)| format!("  {:>4}| {s}\n", k + 1)).collect()
    };
    format!(
        "stdout differs at line {} (python3 {} lines, molt {} lines):\n--- python3\n{}--- molt\n{}",
        i + 1,
        wl.len(),
        gl.len(),
        show(&wl),
        show(&gl)
    )
}

enum Verdict {
    Pass,
    /// CPython took too long.
    Skipped,
    /// Molt rejected the program (a generator bug): the first diagnostic line.
    Rejected(String),
    Fail(String),
}

fn check(k: usize, src: &str, work: &Path) -> Verdict {
    match check_inner(k, src, work) {
        Ok(v) => v,
        Err(e) => Verdict::Fail(e),
    }
}

fn check_inner(k: usize, src: &str, work: &Path) -> Result<Verdict, String> {
    let file = work.join(format!("p{k}.py"));
    std::fs::write(&file, src).map_err(|e| e.to_string())?;
    let mut py = Command::new("python3");
    py.arg(&file);
    let Some(want) = run(py, work, &format!("p{k}.py3"), Duration::from_secs(2))? else {
        return Ok(Verdict::Skipped);
    };
    let mut problems = Vec::new();
    for level in levels() {
        let level = level.as_str();
        let exe = work.join(format!("p{k}{level}"));
        let mut build = Command::new(env!("CARGO_BIN_EXE_moltc"));
        build.args(["build", level, "--verify-each"]).arg(&file).arg("-o").arg(&exe);
        let Some(b) = run(build, work, &format!("p{k}{level}.build"), Duration::from_secs(120))? else {
            problems.push(format!("{level}: moltc build timed out"));
            continue;
        };
        let berr = String::from_utf8_lossy(&b.stderr).to_string();
        if b.code == Some(1) && level == "-O1" {
            let first = berr.lines().find(|l| l.contains("error")).unwrap_or("").trim().to_string();
            return Ok(Verdict::Rejected(first));
        }
        if b.code != Some(0) {
            problems.push(format!("{level}: moltc build failed (exit {:?}):\n{berr}", b.code));
            continue;
        }
        let got = run(Command::new(&exe), work, &format!("p{k}{level}.run"), Duration::from_secs(10))?;
        let _ = std::fs::remove_file(&exe);
        let Some(got) = got else {
            problems.push(format!("{level}: the executable timed out (python3 finished)"));
            continue;
        };
        if got.stdout != want.stdout {
            problems.push(format!("{level}: {}", describe_diff(&want.stdout, &got.stdout)));
        }
        if got.code != want.code {
            problems.push(format!("{level}: exit code: python3 {:?}, molt {:?}", want.code, got.code));
        }
        let (lw, lg) = (last_line(&want.stderr), last_line(&got.stderr));
        if lw != lg {
            problems.push(format!("{level}: last stderr line: python3 {lw:?}, molt {lg:?}"));
        }
    }
    let _ = std::fs::remove_file(&file);
    Ok(if problems.is_empty() { Verdict::Pass } else { Verdict::Fail(problems.join("\n")) })
}

/// The optimization levels to compare (`MOLT_FUZZ_LEVELS=-O1,-O3` narrows them; -O1 comes first
/// and decides whether the program is rejected).
fn levels() -> Vec<String> {
    match std::env::var("MOLT_FUZZ_LEVELS") {
        Ok(l) => l.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
        Err(_) => vec!["-O1".into(), "-O0".into(), "-O3".into()],
    }
}

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim();
    match v.strip_prefix("0x") {
        Some(h) => u64::from_str_radix(h, 16).ok(),
        None => v.parse().ok(),
    }
    .or_else(|| panic!("{name}={v:?} is not a number"))
}

fn program_seed(base: u64, k: usize) -> u64 {
    let mut r = Rng(base ^ (k as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    r.next_u64()
}

#[test]
fn generator_is_deterministic() {
    for k in 0..5 {
        assert_eq!(generate(program_seed(7, k)), generate(program_seed(7, k)));
    }
    assert_ne!(generate(program_seed(7, 0)), generate(program_seed(7, 1)));
}

/// Checks the generator alone with CPython (run it with `--ignored`; `MOLT_FUZZ_PROGRAMS` and
/// `MOLT_FUZZ_SEED` as for `random_programs`, `MOLT_FUZZ_DUMP` too): each program runs twice with the same output and
/// ends normally or with an intended exception, never one that means the generator strayed
/// (AttributeError, TypeError, NameError, RecursionError in a program with classes, ...).
#[test]
#[ignore]
fn generated_programs_run_in_cpython() {
    let n = env_u64("MOLT_FUZZ_PROGRAMS").unwrap_or(300) as usize;
    let base = env_u64("MOLT_FUZZ_SEED").unwrap_or(0x4D4F_4C54_0001);
    let work = std::env::temp_dir().join(format!("molt-fuzz-py-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("temp dir");
    let check = |k: usize| -> Option<String> {
        let src = generate(program_seed(base, k));
        let file = work.join(format!("p{k}.py"));
        std::fs::write(&file, &src).expect("write");
        if let Some(d) = std::env::var_os("MOLT_FUZZ_DUMP") {
            let _ = std::fs::create_dir_all(&d);
            std::fs::write(Path::new(&d).join(format!("p{k}.py")), &src).expect("dump");
        }
        let mut runs = (0..2).map(|i| {
            let mut py = Command::new("python3");
            py.arg(&file);
            run(py, &work, &format!("p{k}.{i}"), Duration::from_secs(10)).expect("python3")
        });
        let (Some(a), Some(b)) = (runs.next().unwrap(), runs.next().unwrap()) else {
            return Some(format!("#{k}: timed out"));
        };
        let _ = std::fs::remove_file(&file);
        if (&a.stdout, a.code, &a.stderr) != (&b.stdout, b.code, &b.stderr) {
            return Some(format!("#{k}: two runs differ\n{src}"));
        }
        let last = last_line(&a.stderr);
        let kind = last.split(':').next().unwrap_or("");
        let intended = ["ZeroDivisionError", "ValueError", "OverflowError"].contains(&kind)
            || (kind == "RecursionError" && !src.contains("\nclass "))
            || kind.strip_prefix('E').is_some_and(|d| !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit()));
        (a.code != Some(0) && !intended).then(|| format!("#{k}: exit {:?}, {last}\n{src}", a.code))
    };
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let next = AtomicUsize::new(0);
    let mut bad: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (next, check) = (&next, &check);
                s.spawn(move || {
                    let mut out = Vec::new();
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        if k >= n {
                            break out;
                        }
                        out.extend(check(k));
                    }
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let _ = std::fs::remove_dir_all(&work);
    bad.sort();
    assert!(bad.is_empty(), "{} of {n} generated programs misbehave in CPython:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn random_programs() {
    let n = env_u64("MOLT_FUZZ_PROGRAMS").unwrap_or(60) as usize;
    let base = env_u64("MOLT_FUZZ_SEED").unwrap_or(0x4D4F_4C54_0001);
    let dump = std::env::var_os("MOLT_FUZZ_DUMP").map(PathBuf::from);
    let work = std::env::temp_dir().join(format!("molt-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("temp dir");
    let programs: Vec<String> = (0..n).map(|k| generate(program_seed(base, k))).collect();
    if let Some(d) = &dump {
        std::fs::create_dir_all(d).expect("dump dir");
        for (k, src) in programs.iter().enumerate() {
            std::fs::write(d.join(format!("p{k}.py")), src).expect("dump");
        }
    }
    let start = Instant::now();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let next = AtomicUsize::new(0);
    let mut verdicts: Vec<(usize, Verdict)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (next, programs, work) = (&next, &programs, &work);
                s.spawn(move || {
                    let mut out = Vec::new();
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        if k >= programs.len() {
                            break out;
                        }
                        out.push((k, check(k, &programs[k], work)));
                    }
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let _ = std::fs::remove_dir_all(&work);
    verdicts.sort_by_key(|(k, _)| *k);
    let (mut passed, mut skipped, mut rejected, mut failed) = (0, 0, Vec::new(), Vec::new());
    for (k, v) in verdicts {
        match v {
            Verdict::Pass => passed += 1,
            Verdict::Skipped => skipped += 1,
            Verdict::Rejected(d) => rejected.push((k, d)),
            Verdict::Fail(e) => failed.push((k, e)),
        }
    }
    println!(
        "{n} random programs (seed {base:#x}) in {:.1}s: {passed} passed, {} failed, {} rejected by moltc, {skipped} skipped (CPython > 2 s)",
        start.elapsed().as_secs_f64(),
        failed.len(),
        rejected.len()
    );
    for (k, d) in &rejected {
        println!("generator bug: program #{k} rejected: {d}\n{}", programs[*k]);
    }
    let mut msg = String::new();
    for (k, e) in &failed {
        msg.push_str(&format!(
            "\n=== program #{k} (MOLT_FUZZ_SEED={base:#x}, MOLT_FUZZ_PROGRAMS>{k}) ===\n{}\n--- problems\n{e}\n",
            programs[*k]
        ));
    }
    if !failed.is_empty() {
        panic!("{} of {n} random programs miscompiled or crashed moltc:\n{msg}", failed.len());
    }
    assert!(
        rejected.len() * 20 <= n,
        "moltc rejected {} of {n} generated programs (more than 5%): the generator strays outside the subset",
        rejected.len()
    );
}
