//! Randomized tests of the passes: random TIR functions (random control flow with loops, block
//! arguments, constants, integer arithmetic that may raise, comparisons) are run through each
//! pass and through pipelines with `verify_each`, and a small interpreter checks that the
//! result computes the same thing (same return values, same exception) on a few inputs.
//!
//! Deterministic (a fixed-seed xorshift generator); a failure prints the seed and both modules.

use std::collections::{HashMap, HashSet};

use molt_ir::print::print_module;
use molt_ir::{ArithOp, Attr, Block, CmpOp, Func, Level, Module, NewOp, Opcode, Span, Type, Value, verify_module};
use molt_passes::PassManager;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const INTS: [i64; 10] = [0, 1, 2, -1, -7, 3, 10, i64::MAX, i64::MIN, 1 << 40];

/// Dominator sets of a small graph given as successor lists (entry 0); unreachable blocks
/// dominate only themselves.
fn dominator_sets(succs: &[Vec<usize>]) -> Vec<HashSet<usize>> {
    let n = succs.len();
    let mut reachable = HashSet::from([0]);
    let mut stack = vec![0];
    while let Some(b) = stack.pop() {
        for &s in &succs[b] {
            if reachable.insert(s) {
                stack.push(s);
            }
        }
    }
    let all: HashSet<usize> = reachable.clone();
    let mut dom: Vec<HashSet<usize>> =
        (0..n).map(|b| if b == 0 || !reachable.contains(&b) { HashSet::from([b]) } else { all.clone() }).collect();
    let mut changed = true;
    while changed {
        changed = false;
        for b in 1..n {
            if !reachable.contains(&b) {
                continue;
            }
            let mut new: Option<HashSet<usize>> = None;
            for p in (0..n).filter(|&p| reachable.contains(&p) && succs[p].contains(&b)) {
                new = Some(match new {
                    None => dom[p].clone(),
                    Some(acc) => acc.intersection(&dom[p]).copied().collect(),
                });
            }
            let mut new = new.unwrap_or_default();
            new.insert(b);
            if new != dom[b] {
                dom[b] = new;
                changed = true;
            }
        }
    }
    dom
}

/// A random, valid TIR function `@f(int, int) -> (int)`.
fn random_func(rng: &mut Rng) -> Func {
    let n = 1 + rng.below(6);
    let mut f = Func::new("f", vec![Type::Int]);
    let blocks: Vec<Block> = (0..n).map(|_| f.new_block()).collect();
    for _ in 0..2 {
        f.add_block_param(blocks[0], Type::Int);
    }
    for &b in &blocks[1..] {
        for _ in 0..rng.below(3) {
            f.add_block_param(b, Type::Int);
        }
    }
    // Control flow: 0 successors (return), 1 (br) or 2 (cond_br), never to the entry.
    let succs: Vec<Vec<usize>> = (0..n)
        .map(|_| {
            let k = if n == 1 { 0 } else { [0, 1, 1, 2, 2, 2][rng.below(6)] };
            (0..k).map(|_| 1 + rng.below(n - 1)).collect()
        })
        .collect();
    let dom = dominator_sets(&succs);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&b| dom[b].len());
    let mut defined: HashMap<usize, (Vec<Value>, Vec<Value>)> = HashMap::new(); // ints, bools
    let sp = |i: usize| Span::new(i as u32, i as u32 + 1);
    for &bi in &order {
        let b = blocks[bi];
        let (mut ints, mut bools) = (Vec::new(), Vec::new());
        for &d in &dom[bi] {
            if d != bi
                && let Some((i, bo)) = defined.get(&d)
            {
                ints.extend(i);
                bools.extend(bo);
            }
        }
        let own_start = (ints.len(), bools.len());
        ints.extend(f.blocks[b].params.clone());
        let int_const = |f: &mut Func, rng: &mut Rng, ints: &mut Vec<Value>| {
            let c = f.append_op(b, NewOp::new(Opcode::TConst, sp(bi)).attr("value", Attr::Int(rng.pick(&INTS))).result(Type::Int));
            let v = f.result(c);
            ints.push(v);
            v
        };
        if ints.is_empty() {
            int_const(&mut f, rng, &mut ints);
        }
        for _ in 0..rng.below(6) {
            match rng.below(6) {
                0 => {
                    int_const(&mut f, rng, &mut ints);
                }
                1 | 2 => {
                    let (x, y) = (rng.pick(&ints), rng.pick(&ints));
                    let op = rng.pick(&[ArithOp::Add, ArithOp::Sub, ArithOp::Mul, ArithOp::FloorDiv, ArithOp::Mod]);
                    let o = f.append_op(
                        b,
                        NewOp::new(Opcode::TIntBinop, sp(bi)).operands([x, y]).enum_attr("op", op).result(Type::Int),
                    );
                    ints.push(f.result(o));
                }
                3 => {
                    let (x, y) = (rng.pick(&ints), rng.pick(&ints));
                    let op = rng.pick(&[CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge, CmpOp::Eq, CmpOp::Ne]);
                    let o = f.append_op(
                        b,
                        NewOp::new(Opcode::TIntCmp, sp(bi)).operands([x, y]).enum_attr("op", op).result(Type::Bool),
                    );
                    bools.push(f.result(o));
                }
                4 if !bools.is_empty() => {
                    let x = rng.pick(&bools);
                    let o = f.append_op(b, NewOp::new(Opcode::TNot, sp(bi)).operands([x]).result(Type::Bool));
                    bools.push(f.result(o));
                }
                5 if !bools.is_empty() => {
                    let x = rng.pick(&bools);
                    let o = f.append_op(b, NewOp::new(Opcode::TBoolToInt, sp(bi)).operands([x]).result(Type::Int));
                    ints.push(f.result(o));
                }
                _ => {
                    let c = f.append_op(b, NewOp::new(Opcode::TConst, sp(bi)).attr("value", Attr::Bool(rng.chance(50))).result(Type::Bool));
                    bools.push(f.result(c));
                }
            }
        }
        let args_for = |f: &Func, rng: &mut Rng, target: usize| -> Vec<Value> {
            f.blocks[blocks[target]].params.iter().map(|_| rng.pick(&ints)).collect()
        };
        let term = match succs[bi].as_slice() {
            [] => NewOp::new(Opcode::CfReturn, sp(bi)).operands([rng.pick(&ints)]),
            [t] => {
                let args = args_for(&f, rng, *t);
                NewOp::new(Opcode::CfBr, sp(bi)).successor(blocks[*t], args)
            }
            [t, e, ..] => {
                if bools.is_empty() || rng.chance(30) {
                    let c = f.append_op(b, NewOp::new(Opcode::TConst, sp(bi)).attr("value", Attr::Bool(rng.chance(50))).result(Type::Bool));
                    bools.push(f.result(c));
                }
                let cond = rng.pick(&bools);
                let (a1, a2) = (args_for(&f, rng, *t), args_for(&f, rng, *e));
                NewOp::new(Opcode::CfCondBr, sp(bi)).operands([cond]).successor(blocks[*t], a1).successor(blocks[*e], a2)
            }
        };
        f.append_op(b, term);
        defined.insert(bi, (ints[own_start.0..].to_vec(), bools[own_start.1..].to_vec()));
    }
    f
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum V {
    Int(i64),
    Bool(bool),
}

#[derive(Debug, PartialEq)]
enum Outcome {
    Return(Vec<V>),
    Raise(&'static str),
    OutOfFuel,
}

/// Python's semantics for the ops `random_func` generates (64-bit ints that raise on overflow).
fn interpret(f: &Func, args: &[i64], mut fuel: usize) -> Outcome {
    let mut env: HashMap<Value, V> = HashMap::new();
    let Some(mut block) = f.entry() else { return Outcome::Raise("no entry") };
    for (&p, &a) in f.params().iter().zip(args) {
        env.insert(p, V::Int(a));
    }
    loop {
        for &op in &f.blocks[block].ops {
            if fuel == 0 {
                return Outcome::OutOfFuel;
            }
            fuel -= 1;
            let data = &f.ops[op];
            let arg = |k: usize| env[&data.operands[k]];
            let int = |k: usize| match arg(k) {
                V::Int(i) => i,
                V::Bool(_) => panic!("bool where an int is expected"),
            };
            let value = match data.opcode {
                Opcode::TConst => match data.attr("value") {
                    Some(Attr::Int(i)) => V::Int(*i),
                    Some(Attr::Bool(b)) => V::Bool(*b),
                    other => panic!("unexpected constant {other:?}"),
                },
                Opcode::TIntBinop => {
                    // Exact arithmetic in 128 bits, then the 64-bit range check.
                    let (a, b) = (int(0) as i128, int(1) as i128);
                    let r = match data.expect_enum_attr::<ArithOp>("op") {
                        ArithOp::Add => a + b,
                        ArithOp::Sub => a - b,
                        ArithOp::Mul => a * b,
                        ArithOp::FloorDiv | ArithOp::Mod if b == 0 => return Outcome::Raise("ZeroDivisionError"),
                        ArithOp::FloorDiv => (a - ((a % b) + b) % b) / b,
                        ArithOp::Mod => ((a % b) + b) % b,
                        k @ (ArithOp::TrueDiv | ArithOp::Pow | ArithOp::LShift | ArithOp::RShift | ArithOp::And | ArithOp::Or | ArithOp::Xor) => {
                            panic!("op {k:?}")
                        }
                    };
                    let r = i64::try_from(r).ok();
                    match r {
                        Some(r) => V::Int(r),
                        None => return Outcome::Raise("OverflowError"),
                    }
                }
                Opcode::TIntCmp => {
                    let (a, b) = (int(0), int(1));
                    V::Bool(match data.expect_enum_attr::<CmpOp>("op") {
                        CmpOp::Lt => a < b,
                        CmpOp::Le => a <= b,
                        CmpOp::Gt => a > b,
                        CmpOp::Ge => a >= b,
                        CmpOp::Eq => a == b,
                        CmpOp::Ne => a != b,
                        k @ (CmpOp::Is | CmpOp::IsNot) => panic!("op {k:?}"),
                    })
                }
                Opcode::TNot => match arg(0) {
                    V::Bool(b) => V::Bool(!b),
                    V::Int(_) => panic!("t.not of an int"),
                },
                Opcode::TBoolToInt => match arg(0) {
                    V::Bool(b) => V::Int(b as i64),
                    V::Int(_) => panic!("t.bool_to_int of an int"),
                },
                Opcode::CfReturn => return Outcome::Return(data.operands.iter().map(|v| env[v]).collect()),
                Opcode::CfBr | Opcode::CfCondBr => {
                    let taken = match (data.opcode, data.operands.first().map(|v| env[v])) {
                        (Opcode::CfCondBr, Some(V::Bool(false))) => &data.successors[1],
                        _ => &data.successors[0],
                    };
                    let vals: Vec<V> = taken.args.iter().map(|v| env[v]).collect();
                    for (&p, v) in f.blocks[taken.block].params.iter().zip(vals) {
                        env.insert(p, v);
                    }
                    block = taken.block;
                    break;
                }
                other => panic!("the interpreter does not know {}", other.name()),
            };
            env.insert(data.results[0], value);
        }
    }
}

fn module(f: Func) -> Module {
    Module { globals: vec![], funcs: vec![f] }
}

#[test]
fn random_functions_keep_their_meaning() {
    let pipelines = [
        "const-fold",
        "simplify-cfg",
        "dce",
        "const-fold, simplify-cfg, dce",
        "dce, simplify-cfg, const-fold, simplify-cfg, dce, const-fold, simplify-cfg, dce",
    ];
    let inputs: [[i64; 2]; 5] = [[0, 0], [5, -3], [-7, 2], [i64::MAX, 1], [i64::MIN, -1]];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut changed_something = 0;
    for case in 0..600 {
        let seed = rng.0;
        let original = module(random_func(&mut rng));
        if let Err(e) = verify_module(&original, Level::Tir) {
            panic!("case {case} (seed {seed:#x}): the generator built invalid IR: {e}\n{}", print_module(&original));
        }
        for pipeline in pipelines {
            let mut m = original.clone();
            let mut pm = PassManager::from_pipeline(pipeline).unwrap();
            pm.verify_each = true;
            let report = match pm.run(&mut m, Level::Tir) {
                Ok(r) => r,
                Err(e) => panic!(
                    "case {case} (seed {seed:#x}), pipeline `{pipeline}`: {e}\n--- input ---\n{}\n--- after ---\n{}",
                    print_module(&original),
                    e.ir
                ),
            };
            if report.changed.is_empty() {
                assert_eq!(print_module(&m), print_module(&original), "case {case}: `{pipeline}` reported no change but changed the IR");
            } else {
                changed_something += 1;
            }
            for args in inputs {
                let before = interpret(&original.funcs[0], &args, 500);
                if before == Outcome::OutOfFuel {
                    continue;
                }
                let after = interpret(&m.funcs[0], &args, 1000);
                assert_eq!(
                    before,
                    after,
                    "case {case} (seed {seed:#x}), pipeline `{pipeline}`, arguments {args:?}\n--- input ---\n{}\n--- after ---\n{}",
                    print_module(&original),
                    print_module(&m)
                );
            }
        }
    }
    assert!(changed_something > 1000, "the generator rarely gives the passes work: {changed_something}");
}

/// Each pass reaches its own fixpoint: running it again changes nothing. (The passes enable each
/// other, e.g. `dce` dropping branch arguments can make a `cf.cond_br`'s successors identical
/// for `simplify-cfg`, so a pipeline is not a fixpoint of itself.)
#[test]
fn each_pass_is_idempotent() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for case in 0..300 {
        let original = module(random_func(&mut rng));
        for pass in molt_passes::PASS_NAMES {
            let mut m = original.clone();
            let mut pm = PassManager::from_pipeline(pass).unwrap();
            pm.verify_each = true;
            pm.run(&mut m, Level::Tir).unwrap();
            let once = print_module(&m);
            let again = pm.run(&mut m, Level::Tir).unwrap();
            assert!(again.changed.is_empty(), "case {case}: `{pass}` changed its own output:\n{once}\n--- into ---\n{}", print_module(&m));
        }
    }
}
