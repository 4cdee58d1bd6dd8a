//! Fuzzing the front end and the middle end on stable Rust: mutants of every test program
//! (bytes flipped to syntax characters, ranges deleted or duplicated, lines moved between files,
//! truncations) go through decoding, parsing, HIR, inference, TIR passes, lowering and the LIR
//! passes with their verifier checkpoints. Each must end in success or user diagnostics — never
//! a panic, an internal compiler error or a hang.
//!
//! Deterministic: a fixed seed (`MOLT_FUZZ_SEED` overrides it) and a bounded number of mutants
//! (`MOLT_FUZZ_ITERS`, default 20,000: about 1.5 s), so CI runs the same inputs every time; a failure prints
//! the seed, the mutant's index and its text so that it can be replayed.

use std::path::PathBuf;
use std::time::{Duration, Instant};

mod common;

use moltc::db::{Database, SourceFile};
use moltc::driver::{self, Failure};

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

const INTERESTING: &[u8] = b"()[]{}:;,.=+-*/%<>!~&|^@'\"#\\\n\t 0123456789_aefijnrxyzTFN\x00\xc3\xe9";

fn mutate(rng: &mut Rng, corpus: &[Vec<u8>], base: &[u8]) -> Vec<u8> {
    let mut s = base.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = s.len();
        match rng.below(6) {
            0 if len > 0 => {
                let i = rng.below(len);
                s[i] = INTERESTING[rng.below(INTERESTING.len())];
            }
            1 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below(16.min(len - i));
                s.drain(i..i + n);
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below(64.min(len - i));
                let chunk: Vec<u8> = s[i..i + n].to_vec();
                let at = rng.below(len);
                s.splice(at..at, chunk);
            }
            3 => {
                let other = &corpus[rng.below(corpus.len())];
                let lines: Vec<&[u8]> = other.split(|&b| b == b'\n').collect();
                let line = lines[rng.below(lines.len())];
                let at = s.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1).nth(rng.below(64)).unwrap_or(0).min(s.len());
                let mut ins = line.to_vec();
                ins.push(b'\n');
                s.splice(at..at, ins);
            }
            4 if len > 0 => s.truncate(rng.below(len)),
            _ => {
                let at = rng.below(len + 1);
                s.insert(at, INTERESTING[rng.below(INTERESTING.len())]);
            }
        }
    }
    s
}

#[test]
fn mutants_of_the_corpus_never_crash_the_compiler() {
    let root = common::root();
    let files: Vec<PathBuf> = common::py_files(&[root.join("tests/diff"), root.join("tests/ui"), root.join("examples"), root.join("benchmarks")]);
    let corpus: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    assert!(corpus.len() > 100, "corpus too small: {}", corpus.len());
    let seed: u64 = std::env::var("MOLT_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5e_ed0f_4d01);
    let iters: usize = std::env::var("MOLT_FUZZ_ITERS").ok().and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let mut rng = Rng(seed | 1);
    std::panic::set_hook(Box::new(|_| {}));
    let mut failures = Vec::new();
    let (mut accepted, mut rejected) = (0usize, 0usize);
    let slow = Duration::from_secs(10);
    for k in 0..iters {
        let base = &corpus[rng.below(corpus.len())];
        let mutant = mutate(&mut rng, &corpus, base);
        let started = Instant::now();
        let r = std::panic::catch_unwind(|| {
            let decoded = moltc::source::decode(&mutant, "/fuzz/mutant.py");
            if decoded.error.is_some() {
                return Err(Failure::User(Vec::new()));
            }
            let db = Database::default();
            let file = SourceFile::new(&db, "/fuzz/mutant.py".into(), decoded.text, false);
            driver::lir_module(&db, file).map(|_| ())
        });
        let text = String::from_utf8_lossy(&mutant).into_owned();
        match r {
            Ok(Ok(())) => accepted += 1,
            Ok(Err(Failure::User(_))) => rejected += 1,
            Ok(Err(Failure::Ice(m) | Failure::Env(m))) => failures.push(format!("mutant {k} (seed {seed}): internal error: {m}\n{text}")),
            Err(p) => {
                let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
                failures.push(format!("mutant {k} (seed {seed}): panic: {msg}\n{text}"));
            }
        }
        if started.elapsed() > slow {
            failures.push(format!("mutant {k} (seed {seed}): took {:?}\n{text}", started.elapsed()));
        }
        if failures.len() >= 5 {
            break;
        }
    }
    let _ = std::panic::take_hook();
    println!("{iters} mutants: {accepted} compiled, {rejected} rejected with diagnostics");
    assert!(failures.is_empty(), "{}", failures.join("\n\n----\n"));
}
