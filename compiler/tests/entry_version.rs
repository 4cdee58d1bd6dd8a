//! Entry versioning (decisions/0017) as a user's `-O1`/`-O2` build gets it: a function whose
//! int parameter is tested more than once gets an entry test and a `$generic` copy, and a
//! self-recursive one a `$twin` that its fast copy inlines, all named as the original in
//! tracebacks; `-O0` builds keep one function; the result round-trips
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
    // fib is self-recursive: the fast copy calls its twin (inlined), the twin calls it back.
    let count = |f: &molt_ir::Func, opc: Opcode| f.ops_in_order().filter(|&o| f.ops[o].opcode == opc).count();
    assert_eq!(count(fast, Opcode::LCallInline), 2);
    let twin = m.func("fib$int$twin").expect("the twin");
    assert_eq!((count(twin, Opcode::LCallInline), count(twin, Opcode::LCall)), (0, 2));
    assert_eq!(names.get("fib$int$twin").map(String::as_str), Some("fib"));
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
