//! Every level of every test program round-trips through the textual form: print → parse →
//! print is identical, and the parsed module verifies at its level.

use molt_ir::{Level, print::print_module, parse::parse_module, verify_module};
use moltc::db::{Database, SourceFile};
use moltc::driver;

mod common;

fn programs() -> Vec<std::path::PathBuf> {
    let root = common::root();
    common::py_files(&[root.join("tests/diff"), root.join("examples"), root.join("benchmarks")])
}

#[test]
fn every_level_of_every_program_round_trips() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for p in programs() {
        let db = Database::default();
        let text = driver::read_source(&p).map(|d| d.text).unwrap_or_default();
        let file = SourceFile::new(&db, p.display().to_string(), text, false);
        let levels = [
            (Level::Hir, driver::hir_module(&db, file)),
            (Level::Tir, driver::tir_module(&db, file)),
            (Level::Lir, driver::lir_module(&db, file)),
        ];
        for (level, m) in levels {
            let Ok(m) = m else { continue }; // programs rejected on purpose
            let printed = print_module(&m);
            match parse_module(&printed) {
                Err(e) => failures.push(format!("{} ({}): does not parse: {e}", p.display(), level.name())),
                Ok(back) => {
                    if print_module(&back) != printed {
                        failures.push(format!("{} ({}): print → parse → print differs", p.display(), level.name()));
                    }
                    if let Err(e) = verify_module(&back, level) {
                        failures.push(format!("{} ({}): parsed module does not verify: {e}", p.display(), level.name()));
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} modules checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
