//! Verifier tests.
//!
//! `tests/verify/*.{hir,tir,lir}` are verified at the level their extension names. A file whose
//! first line is `// error: <text>` must fail with exactly that `VerifyError` display, and its
//! name must start with the broken invariant (`dominance-same-block.tir`); a file named `ok-*`
//! must verify. Every invariant of the table in `src/verify.rs` must have a file, except
//! `layout`, which the textual form cannot express (the parser only builds laid-out IR): it is
//! tested on IR built in Rust below.

use std::path::{Path, PathBuf};

use molt_ir::parse::parse_module;
use molt_ir::{Attr, Block, Func, Level, Module, NewOp, OpId, Opcode, Span, Type, ValueDef, VerifyError, verify_module};

fn level_of(path: &Path) -> Option<Level> {
    match path.extension()?.to_str()? {
        "hir" => Some(Level::Hir),
        "tir" => Some(Level::Tir),
        "lir" => Some(Level::Lir),
        _ => None,
    }
}

fn check_file(path: &Path) -> Result<(), String> {
    let level = level_of(path).ok_or("extension must be .hir, .tir or .lir")?;
    let stem = path.file_stem().and_then(|s| s.to_str()).ok_or("bad file name")?;
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let expected = text.lines().next().and_then(|l| l.strip_prefix("// error: ")).map(str::trim);
    let module = parse_module(&text).map_err(|e| format!("parse error: {e}"))?;
    match (verify_module(&module, level), expected) {
        (Ok(()), None) if stem.starts_with("ok") => Ok(()),
        (Ok(()), None) => Err("verifies; name it `ok-*`, or give a first line `// error: …`".into()),
        (Ok(()), Some(want)) => Err(format!("verifies as {}, expected: {want}", level.name())),
        (Err(e), None) => Err(format!("does not verify as {}: {e}", level.name())),
        (Err(e), Some(want)) => {
            if e.to_string() != want {
                return Err(format!("wrong error\n  expected: {want}\n  actual:   {e}"));
            }
            if !(stem == e.invariant || stem.starts_with(&format!("{}-", e.invariant))) {
                return Err(format!("the file name should start with the invariant `{}`", e.invariant));
            }
            Ok(())
        }
    }
}

fn verify_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/verify")
}

#[test]
fn verify_files() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(verify_dir()).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|p| check_file(p).err().map(|e| format!("ir-spec/tests/verify/{}: {e}", p.file_name().unwrap().to_string_lossy())))
        .collect();
    assert!(failures.is_empty(), "{} verifier test file(s) failed:\n{}", failures.len(), failures.join("\n"));
}

/// The invariants listed in the table at the top of `src/verify.rs`.
fn documented_invariants() -> Vec<String> {
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/verify.rs")).unwrap();
    src.lines().filter_map(|l| l.strip_prefix("//! | `")).filter_map(|l| l.split('`').next()).map(str::to_string).collect()
}

#[test]
fn every_invariant_has_a_file() {
    let invariants = documented_invariants();
    assert!(invariants.len() >= 10, "{invariants:?}");
    let names: Vec<String> =
        std::fs::read_dir(verify_dir()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    for inv in invariants.iter().filter(|i| *i != "layout") {
        assert!(
            names.iter().any(|n| n.starts_with(&format!("{inv}.")) || n.starts_with(&format!("{inv}-"))),
            "no test file for invariant `{inv}` in ir-spec/tests/verify/"
        );
    }
    for case in [
        "terminator-empty",
        "terminator-not-last",
        "op-signature-count",
        "op-signature-type",
        "attributes-missing",
        "attributes-kind",
        "attributes-unknown",
        "successors-count",
        "successors-arity",
        "successors-types",
        "dominance-same-block",
        "dominance-across-blocks",
    ] {
        assert!(names.iter().any(|n| n.starts_with(&format!("{case}."))), "missing test file for {case}");
    }
}

// ───────────── layout: IR the parser cannot produce ─────────────

/// `^bb0(%0: int): %1 = t.int_neg %0; cf.return %1`, and the ids involved.
fn simple() -> (Func, Vec<Block>, Vec<OpId>) {
    let mut f = Func::new("f", vec![Type::Int]);
    let b0 = f.new_block();
    let x = f.add_block_param(b0, Type::Int);
    let neg = f.append_op(b0, NewOp::new(Opcode::TIntNeg, Span::default()).operands([x]).result(Type::Int));
    let r = f.result(neg);
    let ret = f.append_op(b0, NewOp::new(Opcode::CfReturn, Span::default()).operands([r]));
    (f, vec![b0], vec![neg, ret])
}

fn verify(f: Func) -> Result<(), VerifyError> {
    verify_module(&Module { globals: vec![], funcs: vec![f] }, Level::Tir)
}

fn layout_error(f: Func) -> String {
    let e = verify(f).expect_err("should not verify");
    assert_eq!(e.invariant, "layout", "{e}");
    e.to_string()
}

#[test]
fn layout_baseline_verifies() {
    verify(simple().0).unwrap();
}

#[test]
fn layout_block_twice() {
    let (mut f, blocks, _) = simple();
    f.layout.push(blocks[0]);
    assert_eq!(layout_error(f), "in @f: [layout] a block appears twice in the layout");
}

#[test]
fn layout_branch_outside_function() {
    let mut f = Func::new("f", vec![]);
    let b0 = f.new_block();
    let detached = f.new_block();
    f.remove_block(detached);
    f.append_op(detached, NewOp::new(Opcode::CfReturn, Span::default()));
    f.append_op(b0, NewOp::new(Opcode::CfBr, Span::default()).successor(detached, vec![]));
    assert_eq!(layout_error(f), "in @f: [layout] `cf.br` branches to a block outside the function");
}

#[test]
fn layout_operand_of_removed_op() {
    let (mut f, _, ops) = simple();
    f.remove_op(ops[0]); // the return still uses its result
    assert_eq!(layout_error(f), "in @f: [layout] operand #0 of `cf.return` is not defined in the function");
}

#[test]
fn layout_branch_argument_undefined() {
    let mut f = Func::new("f", vec![]);
    let b0 = f.new_block();
    let b1 = f.new_block();
    f.add_block_param(b1, Type::Int);
    let c = f.append_op(b0, NewOp::new(Opcode::TConst, Span::default()).attr("value", Attr::Int(1)).result(Type::Int));
    let v = f.result(c);
    f.append_op(b0, NewOp::new(Opcode::CfBr, Span::default()).successor(b1, vec![v]));
    f.append_op(b1, NewOp::new(Opcode::CfReturn, Span::default()));
    f.remove_op(c);
    assert_eq!(layout_error(f), "in @f: [layout] argument #0 of a branch to ^bb1 is not defined");
}

#[test]
fn layout_op_in_two_blocks() {
    let (mut f, _, ops) = simple();
    let b1 = f.new_block();
    f.blocks[b1].ops.push(ops[1]);
    assert_eq!(layout_error(f), "in @f: [layout] `cf.return` appears twice in the layout");
}

#[test]
fn layout_op_block_field_out_of_sync() {
    let (mut f, _, ops) = simple();
    let other = f.new_block();
    f.layout.pop();
    f.ops[ops[0]].block = other;
    assert_eq!(layout_error(f), "in @f: [layout] `t.int_neg` in ^bb0 records another block as its own");
}

#[test]
fn layout_result_does_not_point_back() {
    let (mut f, _, ops) = simple();
    let r = f.result(ops[0]);
    f.values[r].def = ValueDef::Result(ops[1], 0);
    assert_eq!(layout_error(f), "in @f: [layout] result #0 of `t.int_neg` does not point back to its op");
}

#[test]
fn layout_param_does_not_point_back() {
    let (mut f, blocks, _) = simple();
    let p = f.blocks[blocks[0]].params[0];
    f.values[p].def = ValueDef::Param(blocks[0], 7);
    assert_eq!(layout_error(f), "in @f: [layout] argument #0 of ^bb0 does not point back to its block");
}

#[test]
fn layout_ids_from_another_function() {
    // A block id allocated in a bigger function: must be reported, not panic.
    let (mut f, _, _) = simple();
    let mut big = Func::new("g", vec![]);
    let mut last = big.new_block();
    for _ in 0..5 {
        last = big.new_block();
    }
    f.layout.push(last);
    assert_eq!(layout_error(f), "in @f: [layout] the layout names a block that is not in the function");
}

// ───────────── editing: ops rewritten in place, removed together ─────────────

#[test]
fn rewrite_op_keeps_results_and_uses() {
    let (mut f, blocks, ops) = simple();
    let r = f.result(ops[0]);
    f.rewrite_op(ops[0], NewOp::new(Opcode::TConst, Span::default()).attr("value", Attr::Int(7)).result(Type::Int));
    assert_eq!(f.result(ops[0]), r);
    assert_eq!(f.ops[ops[0]].opcode, Opcode::TConst);
    assert!(f.ops[ops[0]].operands.is_empty());
    assert_eq!(f.blocks[blocks[0]].ops, ops);
    verify(f).unwrap();
}

#[test]
#[should_panic(expected = "invariant `rewrite keeps results` broken")]
fn rewrite_op_with_other_results_panics() {
    let (mut f, _, ops) = simple();
    f.rewrite_op(ops[0], NewOp::new(Opcode::TConst, Span::default()).attr("value", Attr::Bool(true)).result(Type::Bool));
}

#[test]
fn remove_ops_removes_exactly_those() {
    let mut f = Func::new("f", vec![]);
    let b0 = f.new_block();
    let consts: Vec<OpId> = (0..5).map(|i| f.append_op(b0, NewOp::new(Opcode::TConst, Span::default()).attr("value", Attr::Int(i)).result(Type::Int))).collect();
    let ret = f.append_op(b0, NewOp::new(Opcode::CfReturn, Span::default()));
    f.remove_ops(&[consts[3], consts[0], consts[1]]);
    assert_eq!(f.blocks[b0].ops, vec![consts[2], consts[4], ret]);
    f.remove_op(ret);
    assert_eq!(f.blocks[b0].ops, vec![consts[2], consts[4]]);
    f.remove_op(consts[2]);
    assert_eq!(f.blocks[b0].ops, vec![consts[4]]);
}
