//! Entry versioning (decisions/0017) as a user's `-O1`/`-O2` build gets it: a function whose
//! int parameter is tested more than once gets an entry test and a `$generic` copy, which
//! tracebacks name as the original; `-O0` builds keep one function; the result round-trips
//! through the textual form and verifies.

use molt_ir::{Level, Opcode, parse::parse_module, print::print_module, verify_module};
use moltc::db::{Database, SourceFile};
use moltc::driver;

mod common;

fn fib(db: &Database) -> SourceFile {
    let p = common::root().join("benchmarks/fib.py");
    let text = std::fs::read_to_string(&p).expect("read fib.py");
    SourceFile::new(db, p.display().to_string(), text, false)
}

#[test]
fn fib_gets_an_entry_test_and_a_generic_copy() {
    let db = Database::default();
    let (m, names) = driver::optimized_lir(&db, fib(&db), 2).expect("compiles");
    let fast = m.func("fib$int").expect("the fast copy");
    assert!(m.func("fib$int$generic").is_some(), "{}", print_module(&m));
    assert_eq!(names.get("fib$int$generic").map(String::as_str), Some("fib"));
    let entry = fast.entry().expect("entry");
    let first = fast.blocks[entry].ops[0];
    assert_eq!(fast.ops[first].opcode, Opcode::LIsSmallInt);
    let tail_calls = fast.ops_in_order().filter(|&o| fast.ops[o].opcode == Opcode::LTailCall).count();
    assert_eq!(tail_calls, 1);
    let printed = print_module(&m);
    let back = parse_module(&printed).expect("parses");
    assert_eq!(print_module(&back), printed);
    verify_module(&back, Level::Lir).expect("verifies");
}

#[test]
fn unoptimized_builds_keep_one_function() {
    let db = Database::default();
    let (m, _) = driver::optimized_lir(&db, fib(&db), 0).expect("compiles");
    assert!(m.func("fib$int$generic").is_none());
}
