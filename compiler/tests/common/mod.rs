//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.py` file below `dirs` (recursively), sorted.
pub fn py_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.to_vec();
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() && !p.is_symlink() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "py") && is_program(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Whether `file` is a program: a file outside multi-module program directories (named
/// `*.prog`), or the `main.py` of one (the other files there are its modules).
pub fn is_program(file: &Path) -> bool {
    let in_prog = file.ancestors().skip(1).any(|d| d.extension().is_some_and(|x| x == "prog"));
    !in_prog || (file.file_name().is_some_and(|n| n == "main.py") && file.parent().and_then(Path::extension).is_some_and(|x| x == "prog"))
}

/// A file name for what is made from `file` (a corpus program): its path below the workspace
/// root without the extension, `/` as `__`. Unique, where stems are not (`dicts/basics.py` and
/// `lists/basics.py`, checked at the same time by different threads).
pub fn unique_name(file: &Path) -> String {
    let root = root().canonicalize().unwrap_or_else(|_| root());
    let file = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
    file.strip_prefix(&root).unwrap_or(&file).with_extension("").to_string_lossy().trim_start_matches('/').replace('/', "__")
}

/// The last non-blank line of a process's output (the traceback's `Kind: message`).
pub fn last_line(s: &[u8]) -> String {
    String::from_utf8_lossy(s).lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").to_string()
}

/// The types with live objects in a runtime object report (`MOLT_OBJECT_REPORT`:
/// `{"allocations": {"float": 3, …}, "live": {"float": 0, …}}`), as `type=count` pairs; `None`
/// when nothing is alive.
pub fn live_objects(report: &str) -> Option<String> {
    let live = report.split("\"live\"").nth(1)?;
    let body = live.split('{').nth(1)?.split('}').next()?;
    let leaks: Vec<String> = body
        .split(',')
        .filter_map(|kv| {
            let (k, v) = kv.split_once(':')?;
            let n: i64 = v.trim().parse().ok()?;
            (n != 0).then(|| format!("{}={n}", k.trim().trim_matches('"')))
        })
        .collect();
    if leaks.is_empty() { None } else { Some(leaks.join(", ")) }
}

/// The allocation counts of a runtime object report, per type.
pub fn allocations(report: &str) -> Vec<(String, i64)> {
    let Some(section) = report.split("\"allocations\"").nth(1) else { return Vec::new() };
    let Some(body) = section.split('{').nth(1).and_then(|b| b.split('}').next()) else { return Vec::new() };
    body.split(',')
        .filter_map(|kv| {
            let (k, v) = kv.split_once(':')?;
            Some((k.trim().trim_matches('"').to_string(), v.trim().parse().ok()?))
        })
        .collect()
}
