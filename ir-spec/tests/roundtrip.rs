//! Round-trip tests of the textual form: for every module in `tests/roundtrip/*.{hir,tir,lir}`,
//! `parse(print(m))` prints identically and keeps every attribute bit for bit, and the module
//! verifies at the level its extension names. Plus round trips of IR built in Rust, and of
//! attribute values no op of a level uses (types, symbols that need quoting).

use std::path::{Path, PathBuf};

use molt_ir::parse::parse_module;
use molt_ir::print::{print_attr, print_module, print_sym};
use molt_ir::{ArithOp, Attr, CmpOp, F64, Func, Global, Level, Module, NewOp, Opcode, Span, Type, verify_module};

fn level_of(path: &Path) -> Option<Level> {
    match path.extension()?.to_str()? {
        "hir" => Some(Level::Hir),
        "tir" => Some(Level::Tir),
        "lir" => Some(Level::Lir),
        _ => None,
    }
}

/// Every attribute of every op in layout order (floats compare by their bits).
fn attrs(m: &Module) -> Vec<(String, Attr)> {
    m.funcs.iter().flat_map(|f| f.ops_in_order().flat_map(move |op| f.ops[op].attrs.clone())).collect()
}

fn roundtrip_text(name: &str, text: &str) -> Result<String, String> {
    let m1 = parse_module(text).map_err(|e| format!("{name}: {e}"))?;
    let p1 = print_module(&m1);
    let m2 = parse_module(&p1).map_err(|e| format!("{name}: the printed form does not parse: {e}\n{p1}"))?;
    let p2 = print_module(&m2);
    if p1 != p2 {
        return Err(format!("{name}: parse(print(m)) prints differently\n--- first ---\n{p1}\n--- second ---\n{p2}"));
    }
    if attrs(&m1) != attrs(&m2) {
        return Err(format!("{name}: attributes changed through print/parse:\n{:?}\n{:?}", attrs(&m1), attrs(&m2)));
    }
    Ok(p1)
}

#[test]
fn roundtrip_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/roundtrip");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut failures = Vec::new();
    let mut levels = Vec::new();
    for path in &files {
        let name = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path).display().to_string();
        let Some(level) = level_of(path) else {
            failures.push(format!("{name}: extension must be .hir, .tir or .lir"));
            continue;
        };
        levels.push(level);
        let text = std::fs::read_to_string(path).unwrap();
        match roundtrip_text(&name, &text) {
            Ok(printed) => {
                let m = parse_module(&printed).unwrap();
                if let Err(e) = verify_module(&m, level) {
                    failures.push(format!("{name}: does not verify as {}: {e}", level.name()));
                }
            }
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    for level in [Level::Hir, Level::Tir, Level::Lir] {
        assert!(levels.contains(&level), "no round-trip file for {}", level.name());
    }
}

#[test]
fn float_literals_keep_their_bits() {
    for x in [0.0, -0.0, 0.1, 1e16, 1e15, 1.5e300, 5e-324, -2.5, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN_POSITIVE] {
        let text = format!(
            "func @f -> () loc(0..0) {{\n^bb0:\n  %0 = t.const {{value = {}}} : float loc(0..0)\n  cf.return loc(0..0)\n}}\n",
            print_attr(&Attr::Float(F64(x)))
        );
        let m = parse_module(&text).unwrap();
        let f = &m.funcs[0];
        let op = f.ops_in_order().next().unwrap();
        assert_eq!(f.ops[op].attr("value"), Some(&Attr::Float(F64(x))), "{x:?} printed as {text}");
    }
    let nan = print_attr(&Attr::Float(F64(f64::NAN)));
    assert_eq!(nan, "NaN");
    // An integral float never reads back as an int.
    assert_eq!(print_attr(&Attr::Float(F64(2.0))), "2.0");
    assert_eq!(print_attr(&Attr::Float(F64(1e16))), "1e16");
}

#[test]
fn symbols_and_types() {
    assert_eq!(print_sym("fib"), "@fib");
    assert_eq!(print_sym("<module>"), "@<module>");
    assert_eq!(print_sym("f(int, float)"), "@\"f(int, float)\"");
    assert_eq!(print_sym(""), "@\"\"");
    assert_eq!(print_sym("a..b"), "@\"a..b\"");
    // Attribute kinds no op declares still round-trip (the printer and parser are generic).
    let text = r#"global @"odd global" : int

func @"weird name \"q\"" -> (int) loc(0..0) {
^bb0:
  %0 = t.const {value = 1} : int loc(0..0)
  %1 = t.call %0 {callee = @"weird name \"q\""} : int loc(0..0)
  t.print %1 {sep = "", end = "x"} loc(0..0)
  t.raise {kind = type(!py.obj), msg = @"x y"} loc(0..0)
  cf.return %1 loc(0..0)
}
"#;
    let printed = roundtrip_text("symbols_and_types", text).unwrap();
    assert_eq!(printed, text);
    let m = parse_module(text).unwrap();
    assert_eq!(m.globals[0].name, "odd global");
    assert_eq!(m.funcs[0].name, "weird name \"q\"");
    let f = &m.funcs[0];
    let raise = f.ops_in_order().find(|&o| f.ops[o].opcode == Opcode::TRaise).unwrap();
    assert_eq!(f.ops[raise].attr("kind"), Some(&Attr::Type(Type::Obj)));
    assert_eq!(f.ops[raise].attr("msg"), Some(&Attr::Sym("x y".into())));
}

/// IR built through the API (values used before their textual definition: a loop) prints,
/// parses and prints again identically.
#[test]
fn built_in_rust() {
    let mut f = Func::new("count", vec![Type::Int]);
    let entry = f.new_block();
    let header = f.new_block();
    let body = f.new_block();
    let exit = f.new_block();
    let n = f.add_block_param(entry, Type::Int);
    let i = f.add_block_param(header, Type::Int);
    let sp = Span::new(3, 9);
    let zero = f.append_op(entry, NewOp::new(Opcode::TConst, sp).attr("value", Attr::Int(0)).result(Type::Int));
    let zero = f.result(zero);
    f.append_op(entry, NewOp::new(Opcode::CfBr, sp).successor(header, vec![zero]));
    let lt = f.append_op(header, NewOp::new(Opcode::TIntCmp, sp).operands([i, n]).enum_attr("op", CmpOp::Lt).result(Type::Bool));
    let lt = f.result(lt);
    f.append_op(header, NewOp::new(Opcode::CfCondBr, sp).operands([lt]).successor(body, vec![]).successor(exit, vec![]));
    let one = f.append_op(body, NewOp::new(Opcode::TConst, sp).attr("value", Attr::Int(1)).result(Type::Int));
    let one = f.result(one);
    let next =
        f.append_op(body, NewOp::new(Opcode::TIntBinop, sp).operands([i, one]).enum_attr("op", ArithOp::Add).result(Type::Int));
    let next = f.result(next);
    f.append_op(body, NewOp::new(Opcode::CfBr, sp).successor(header, vec![next]));
    f.append_op(exit, NewOp::new(Opcode::CfReturn, sp).operands([i]));
    let m = Module { globals: vec![Global { name: "G".into(), ty: Type::Str }], funcs: vec![f] };
    verify_module(&m, Level::Tir).unwrap();
    let printed = print_module(&m);
    assert_eq!(roundtrip_text("built_in_rust", &printed).unwrap(), printed);
    assert!(printed.contains("^bb1(%2: int):"), "{printed}");
    assert!(printed.contains("cf.br ^bb1(%5) loc(3..9)"), "{printed}");
}
