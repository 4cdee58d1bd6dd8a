//! Incrementality: after editing one function's body, salsa re-lowers and re-generates the
//! object code of that function only.
//!
//! The database logs every query it executes; after the edit, `function_lir` must run for the
//! edited function's instance and for no other (the others' `function_tir` results are equal to
//! before, so salsa's early cutoff keeps their LIR).

use std::sync::{Arc, Mutex};

use moltc::codegen::TargetArch;
use moltc::db::{self, Database, Instance, SourceFile};
use salsa::Setter;
use salsa::plumbing::AsId;

const BEFORE: &str = "def f(n):\n    return n + 1\n\ndef g(n):\n    return n * 2\n\nprint(f(1), g(2))\n";
const AFTER: &str = "def f(n):\n    return n + 1\n\ndef g(n):\n    return n * 3\n\nprint(f(1), g(2))\n";

/// Lowers every instance and generates its object code (as an -O0 build does).
fn lir_all(db: &Database, file: SourceFile) -> Vec<String> {
    let facts = db::module_facts(db, file).clone().expect("the program compiles");
    for name in &facts.instances {
        let inst = Instance::new(db, file, name.clone());
        assert!(db::function_lir(db, inst).is_some());
        let unit = db::CodegenUnit::new(db, inst, 0, TargetArch::X86_64);
        assert!(db::function_object(db, unit).is_ok());
    }
    facts.instances
}

#[test]
fn editing_one_function_relowers_only_that_function() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut db = Database::with_event_log(log.clone());
    let file = SourceFile::new(&db, "/virtual/prog.py".into(), BEFORE.into(), false);
    let instances = lir_all(&db, file);
    assert_eq!(instances.len(), 3, "{instances:?}");
    log.lock().unwrap().clear();

    file.set_text(&mut db).to(AFTER.into());
    lir_all(&db, file);
    let ran: Vec<String> = log.lock().unwrap().clone();
    let lir_runs: Vec<&String> = ran.iter().filter(|q| q.starts_with("function_lir")).collect();
    let id_of = |name: &str| format!("{:?}", Instance::new(&db, file, name.to_string()).as_id());
    let g = id_of("g$int");
    assert_eq!(lir_runs.len(), 1, "expected only g's LIR to be rebuilt, ran: {ran:#?}");
    assert!(lir_runs[0].contains(&g), "the rebuilt LIR is not g's ({g}): {ran:#?}");
    let obj_runs: Vec<&String> = ran.iter().filter(|q| q.starts_with("function_object")).collect();
    assert_eq!(obj_runs.len(), 1, "expected only g's object code to be rebuilt, ran: {ran:#?}");
    // The whole-module stages did re-run (the text changed) — this is what early cutoff saves.
    assert!(ran.iter().any(|q| q.starts_with("parse_hir")));
    assert!(ran.iter().any(|q| q.starts_with("function_tir")));
}
