//! Test-only helpers: a fixed-seed PRNG and a way to ask python3 for expected results.
//!
//! Relies on: `python3` (CPython 3.11) being on `PATH`; tests fail loudly if it is not.
//! Provides: [`Rng`] (splitmix64), [`python`] (run a script with text on stdin, get stdout) and
//! [`python_stderr`] (run a script file, get what it printed on stderr).

use std::io::Write as _;
use std::process::{Command, Stdio};

/// splitmix64: deterministic, good enough to spread test inputs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform-ish in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A random i64 whose magnitude has a random bit length (so small and huge values both
    /// appear often), with a random sign.
    pub fn int_any_width(&mut self) -> i64 {
        let bits = self.below(65) as u32;
        let v = if bits == 0 {
            0
        } else {
            self.next() >> (64 - bits)
        };
        let v = v as i64; // bits == 64 may give i64::MIN..=-1 already
        if self.next() & 1 == 1 {
            v.wrapping_neg()
        } else {
            v
        }
    }
}

/// Runs `python3 -c script` with `input` on stdin and returns its stdout.
pub fn python(script: &str, input: &str) -> String {
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 must be installed to run these tests");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("python3 output");
    writer
        .join()
        .expect("writer thread")
        .expect("write to python3");
    assert!(out.status.success(), "python3 failed");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Runs python3 on `src` (written to a temporary file named `name`) and returns its stderr
/// without the lines of location markers (`~~^~~`: Molt's tests build frames without them)
/// and the file's path.
pub fn python_stderr(name: &str, src: &str) -> (String, String) {
    let dir = std::env::temp_dir().join(format!("molt-rt-tb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let path = dir.join(name);
    std::fs::write(&path, src).expect("write the script");
    let out = Command::new("python3")
        .arg(&path)
        .output()
        .expect("python3 must be installed to run these tests");
    let expected: String = String::from_utf8(out.stderr)
        .expect("utf-8")
        .lines()
        .filter(|l| l.is_empty() || !l.trim().chars().all(|c| c == '^' || c == '~'))
        .map(|l| format!("{l}\n"))
        .collect();
    let _ = std::fs::remove_file(&path);
    (expected, path.to_str().expect("utf-8 path").to_owned())
}
