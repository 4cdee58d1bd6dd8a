//! The pass manager: pipelines by name, `verify_each` naming the guilty pass, `print_after`,
//! `time_passes` and change reporting.

use molt_ir::parse::parse_module;
use molt_ir::{Func, Level};
use molt_passes::{PASS_NAMES, Pass, PassManager, default_tir_pipeline, pass_by_name};

const INPUT: &str = r#"
func @f -> (int) loc(0..10) {
^bb0:
  %0 = t.const {value = 1} : int loc(1..2)
  %1 = t.const {value = 2} : int loc(2..3)
  %2 = t.int_binop %0, %1 {op = "add"} : int loc(3..4)
  cf.return %2 loc(4..5)
}
"#;

/// A broken pass: empties the entry block.
struct Wreck;
impl Pass for Wreck {
    fn name(&self) -> &'static str {
        "wreck"
    }
    fn run(&self, func: &mut Func) -> bool {
        if let Some(entry) = func.entry() {
            func.blocks[entry].ops.clear();
        }
        true
    }
}

#[test]
fn passes_by_name() {
    for name in PASS_NAMES {
        assert_eq!(pass_by_name(name).map(|p| p.name()), Some(name));
    }
    assert!(pass_by_name("nope").is_none());
    let names: Vec<&str> = default_tir_pipeline().iter().map(|p| p.name()).collect();
    assert_eq!(names, ["const-fold", "simplify-cfg", "dce"]);
    let err = PassManager::from_pipeline("dce, nope").err().unwrap();
    assert!(err.contains("unknown pass `nope`"), "{err}");
}

#[test]
fn verify_each_names_the_pass() {
    let mut m = parse_module(INPUT).unwrap();
    let mut pm = PassManager::new(vec![pass_by_name("const-fold").unwrap(), Box::new(Wreck), pass_by_name("dce").unwrap()]);
    pm.verify_each = true;
    let err = pm.run(&mut m, Level::Tir).unwrap_err();
    assert_eq!(err.pass, "wreck");
    assert_eq!(err.error.invariant, "terminator");
    assert!(err.ir.contains("func @f"), "{}", err.ir);
    assert!(err.to_string().starts_with("IR verification failed after pass `wreck`: in @f: [terminator]"), "{err}");
}

#[test]
fn without_verify_each_a_broken_pass_goes_unnoticed() {
    let mut m = parse_module(INPUT).unwrap();
    let pm = PassManager::new(vec![Box::new(Wreck)]);
    assert!(pm.run(&mut m, Level::Tir).is_ok());
}

#[test]
fn print_after_time_passes_and_changes() {
    let mut m = parse_module(INPUT).unwrap();
    let mut pm = PassManager::from_pipeline("const-fold, simplify-cfg, dce").unwrap();
    pm.print_after = vec!["const-fold".into(), "dce".into()];
    pm.time_passes = true;
    let report = pm.run(&mut m, Level::Tir).unwrap();
    let printed: Vec<&str> = report.printed.iter().map(|(p, _)| *p).collect();
    assert_eq!(printed, ["const-fold", "dce"]);
    assert!(report.printed[0].1.contains("t.const {value = 3} : int loc(3..4)"), "{}", report.printed[0].1);
    assert!(report.printed[0].1.contains("value = 1"), "dce has not run yet");
    assert!(!report.printed[1].1.contains("value = 1"), "{}", report.printed[1].1);
    let timed: Vec<&str> = report.timings.iter().map(|(p, _)| *p).collect();
    assert_eq!(timed, ["const-fold", "simplify-cfg", "dce"]);
    assert!(report.format_timings().contains("total"));
    assert_eq!(report.changed, ["const-fold", "dce"]);

    // "all" prints after every pass; nothing is timed unless asked.
    let mut m = parse_module(INPUT).unwrap();
    let mut pm = PassManager::from_pipeline("dce, dce").unwrap();
    pm.print_after = vec!["all".into()];
    let report = pm.run(&mut m, Level::Tir).unwrap();
    assert_eq!(report.printed.len(), 2);
    assert!(report.timings.is_empty());
    assert!(report.changed.is_empty());
}
