//! The parser and the verifier never panic, whatever the text: every test module, mutated at
//! random (lines dropped, duplicated or swapped, words replaced), either fails to parse with a
//! `ParseError` or parses and then verifies or fails with a `VerifyError` at every level.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use molt_ir::parse::parse_module;
use molt_ir::print::print_module;
use molt_ir::{Level, verify_module};

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

const WORDS: [&str; 16] =
    ["%0", "%x", "^bb0", "^bb1", ",", "(", ")", "{", "}", ":", "=", "int", "t.not", "cf.br", "\"", "loc(0..1)"];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for _ in 0..1 + rng.below(3) {
        if lines.is_empty() {
            break;
        }
        let i = rng.below(lines.len());
        match rng.below(4) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(rng.below(lines.len()), l);
            }
            2 => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
            }
            _ => {
                let mut words: Vec<String> = lines[i].split(' ').map(str::to_string).collect();
                let k = rng.below(words.len());
                words[k] = WORDS[rng.below(WORDS.len())].to_string();
                lines[i] = words.join(" ");
            }
        }
    }
    lines.join("\n")
}

#[test]
fn mutated_modules_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut texts = Vec::new();
    for dir in ["roundtrip", "verify"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
        }
    }
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let (mut parsed, mut total) = (0, 0);
    for text in &texts {
        for _ in 0..150 {
            let input = mutate(&mut rng, text);
            total += 1;
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                if let Ok(m) = parse_module(&input) {
                    for level in [Level::Hir, Level::Tir, Level::Lir] {
                        let _ = verify_module(&m, level);
                    }
                    let _ = parse_module(&print_module(&m));
                    true
                } else {
                    false
                }
            }));
            match outcome {
                Ok(ok) => parsed += ok as usize,
                Err(_) => panic!("panic on this input:\n{input}"),
            }
        }
    }
    assert!(parsed * 10 > total, "too few mutants parse ({parsed} of {total}) to exercise the verifier");
}
