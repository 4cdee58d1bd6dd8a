//! File-based pass tests, in the style of Cranelift's filetests and LLVM's FileCheck.
//!
//! Every `*.tir` (TIR) or `*.lir` (LIR) file under `passes/tests/<dir>/` is one test:
//!
//! ```text
//! // pass: const-fold, dce            (the pipeline, comma-separated; required)
//! func @f -> (int) loc(0..0) {        (the input module, in the textual IR)
//! …
//! }
//! // CHECK: t.const {value = 3}       (expectations on the printed output)
//! // CHECK-NOT: t.int_binop
//! ```
//!
//! The input is parsed, verified as TIR, run through the pipeline with `verify_each`, verified
//! again and printed. Then the directives are checked against the printed lines, in order:
//! - `CHECK: s`: `s` occurs in a line after the previous match;
//! - `CHECK-NEXT: s`: `s` occurs in the line right after the previous match;
//! - `CHECK-NOT: s`: `s` occurs in no line between the previous match and the next one (or the
//!   end of the output);
//! - `expect: unchanged`: no pass reports a change and the output prints as the input.
//!
//! Whatever the directives, a pipeline that reports no change must print exactly its input.
//! Every failing file is reported, by path, with the reason and the output.

use std::path::{Path, PathBuf};

use molt_ir::parse::parse_module;
use molt_ir::print::print_module;
use molt_ir::{Level, verify_module};
use molt_passes::PassManager;

#[derive(Debug)]
enum Check {
    Plain(String),
    Next(String),
    Not(String),
}

struct Directives {
    pipeline: String,
    unchanged: bool,
    /// Each check with the test-file line it comes from.
    checks: Vec<(usize, Check)>,
}

fn parse_directives(text: &str) -> Result<Directives, String> {
    let mut pipeline = None;
    let mut unchanged = false;
    let mut checks = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(comment) = line.trim_start().strip_prefix("//") else { continue };
        let comment = comment.trim();
        let arg = |prefix: &str| comment.strip_prefix(prefix).map(|s| s.trim().to_string());
        if let Some(p) = arg("pass:") {
            pipeline = Some(p);
        } else if comment == "expect: unchanged" {
            unchanged = true;
        } else if let Some(s) = arg("CHECK:") {
            checks.push((i + 1, Check::Plain(s)));
        } else if let Some(s) = arg("CHECK-NEXT:") {
            checks.push((i + 1, Check::Next(s)));
        } else if let Some(s) = arg("CHECK-NOT:") {
            checks.push((i + 1, Check::Not(s)));
        } else if comment.starts_with("CHECK") || comment.starts_with("expect") {
            return Err(format!("line {}: unknown directive `{comment}`", i + 1));
        }
    }
    let pipeline = pipeline.ok_or("missing `// pass: <pipeline>` line")?;
    if checks.is_empty() && !unchanged {
        return Err("no `// CHECK:` lines and no `// expect: unchanged`: the test checks nothing".into());
    }
    if let Some((line, Check::Next(_))) = checks.iter().find(|(_, c)| !matches!(c, Check::Not(_))) {
        return Err(format!("line {line}: CHECK-NEXT needs a previous CHECK"));
    }
    Ok(Directives { pipeline, unchanged, checks })
}

/// Checks `output` against the directives (FileCheck semantics, line-based).
fn file_check(output: &str, checks: &[(usize, Check)]) -> Result<(), String> {
    let lines: Vec<&str> = output.lines().collect();
    // The first output line the next positive check may match.
    let mut from = 0;
    let mut nots: Vec<(usize, &str)> = Vec::new();
    let check_nots = |nots: &mut Vec<(usize, &str)>, range: std::ops::Range<usize>| -> Result<(), String> {
        for (test_line, pat) in nots.drain(..) {
            if let Some(i) = range.clone().find(|&i| lines[i].contains(pat)) {
                return Err(format!("CHECK-NOT: `{pat}` (test line {test_line}) found on output line {}: `{}`", i + 1, lines[i]));
            }
        }
        Ok(())
    };
    for (test_line, check) in checks {
        match check {
            Check::Not(pat) => nots.push((*test_line, pat)),
            Check::Plain(pat) => {
                let Some(i) = (from..lines.len()).find(|&i| lines[i].contains(pat.as_str())) else {
                    return Err(format!("CHECK: `{pat}` (test line {test_line}) not found after output line {from}"));
                };
                check_nots(&mut nots, from..i)?;
                from = i + 1;
            }
            Check::Next(pat) => {
                check_nots(&mut nots, from..from)?;
                match lines.get(from) {
                    Some(line) if line.contains(pat.as_str()) => from += 1,
                    Some(line) => {
                        return Err(format!("CHECK-NEXT: `{pat}` (test line {test_line}) not on output line {}: `{line}`", from + 1));
                    }
                    None => return Err(format!("CHECK-NEXT: `{pat}` (test line {test_line}): no output line after line {from}")),
                }
            }
        }
    }
    check_nots(&mut nots, from..lines.len())
}

fn run_file(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let directives = parse_directives(&text)?;
    let level = if path.extension().is_some_and(|e| e == "lir") { Level::Lir } else { Level::Tir };
    let mut module = parse_module(&text).map_err(|e| format!("parse error: {e}"))?;
    verify_module(&module, level).map_err(|e| format!("the input does not verify: {e}"))?;
    let before = print_module(&module);
    let mut pm = PassManager::from_pipeline(&directives.pipeline)?;
    pm.verify_each = true;
    let report = pm.run(&mut module, level).map_err(|e| format!("{e}\n--- IR after the pass ---\n{}", e.ir))?;
    verify_module(&module, level).map_err(|e| format!("the output does not verify: {e}"))?;
    let after = print_module(&module);
    let show = |msg: String| format!("{msg}\n--- output ---\n{after}");
    if report.changed.is_empty() && after != before {
        return Err(show("no pass reported a change, but the output differs from the input".into()));
    }
    if directives.unchanged && !report.changed.is_empty() {
        return Err(show(format!("expected no change, but {} reported one", report.changed.join(", "))));
    }
    file_check(&after, &directives.checks).map_err(show)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "tir" || e == "lir") {
            out.push(path);
        }
    }
}

#[test]
fn filetests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no .tir files under {}", root.display());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let name = f.strip_prefix(&root).unwrap_or(f).display().to_string();
            run_file(f).err().map(|e| format!("FAIL passes/tests/{name}:\n{e}"))
        })
        .collect();
    if !failures.is_empty() {
        panic!("{} of {} filetests failed:\n\n{}", failures.len(), files.len(), failures.join("\n\n"));
    }
}

#[test]
fn file_check_semantics() {
    let out = "a\nb x\nc\nd\n";
    let ck = |s: &str| parse_directives(&format!("// pass: dce\n{s}")).map(|d| file_check(out, &d.checks));
    assert_eq!(ck("// CHECK: a\n// CHECK: c").unwrap(), Ok(()));
    assert!(ck("// CHECK: c\n// CHECK: a").unwrap().is_err(), "checks are ordered");
    assert_eq!(ck("// CHECK: a\n// CHECK-NEXT: b").unwrap(), Ok(()));
    assert!(ck("// CHECK: a\n// CHECK-NEXT: c").unwrap().is_err());
    assert!(ck("// CHECK: a\n// CHECK-NOT: x\n// CHECK: c").unwrap().is_err(), "NOT between matches");
    assert_eq!(ck("// CHECK: c\n// CHECK-NOT: x").unwrap(), Ok(()), "NOT only after the previous match");
    assert!(ck("// CHECK-NOT: d").unwrap().is_err(), "trailing NOT runs to the end");
    assert!(ck("// CHECK-NEXT: a").is_err(), "NEXT needs a previous CHECK");
    assert!(ck("// CHECK-NEXTT: a").is_err(), "a misspelt directive is an error");
}
