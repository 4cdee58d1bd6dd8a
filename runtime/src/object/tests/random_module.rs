//! The `random` module against CPython 3.11: long seeded sequences of every method of
//! `random.Random` (seeds of ints of every size, negative ints, strs, floats, bools, version-1
//! strs), the module-level functions after `random.seed`, and the errors of each, compared
//! line by line with what python3 prints for the same calls ([`PY_RANDOM_EVAL`]); floats
//! compare by repr, so they must be bit-identical. Every object is freed.

use std::string::{String, ToString};
use std::vec::Vec;

use super::assert_all_freed;
use super::seq::parse;
use crate::NativeModule;
use crate::exceptions::{MoltResult, take_exception, test_lock};
use crate::object::range::Owned;
use crate::object::{Obj, attrs, callable, dict, dispatch, module, str as pystr, tuple};

/// The evaluator of the rows (`target|seed|method|args|kwargs|count`): `target` is `R` (a new
/// `random.Random(seed)`) or `M` (the module after `random.seed(seed)`); the method is called
/// `count` times with fresh arguments (a shuffled list prints as the list).
const PY_RANDOM_EVAL: &str = r#"
import sys, random
for line in sys.stdin:
    target, seed, name, args, kw, count = line.rstrip('\n').split('|')
    out = []
    try:
        if target == 'R':
            r = random.Random(*eval(seed))
        else:
            random.seed(*eval(seed))
            r = random
        f = getattr(r, name)
        for i in range(int(count)):
            a = eval(args)
            res = f(*a, **eval(kw))
            out.append(repr(a[0]) if name == 'shuffle' else repr(res))
    except Exception as e:
        out.append('!%s: %s' % (type(e).__name__, e))
    print(' '.join(out).replace('\n', '\\n'))
"#;

/// The error as a traceback's last line shows it.
fn show_err(e: crate::exceptions::MoltError) -> String {
    crate::exceptions::raise_error(&e);
    drop(e);
    let rep = take_exception().unwrap();
    format!("!{}: {}", rep.kind_name(), rep.message)
}

fn call(f: Obj, args: &str, kw: &str) -> MoltResult<(Owned, Owned)> {
    let a = Owned(parse(args));
    let kwd = Owned(parse(kw));
    let kw_items = dict::items_vec(kwd.get()).unwrap();
    let kws: Vec<(&str, Obj)> = kw_items.iter().map(|&(k, v, _)| (pystr::str_text(k).unwrap(), v)).collect();
    let r = callable::call_object(f, tuple::tuple_items(a.get()).unwrap(), &kws);
    dict::release_items(kw_items);
    Ok((Owned(r?), a))
}

/// Runs one row with the runtime.
fn eval_row(row: &str) -> String {
    let p: Vec<&str> = row.split('|').collect();
    let (target, seed, name, args, kw, count) = (p[0], p[1], p[2], p[3], p[4], p[5].parse::<usize>().unwrap());
    let m = Owned(module::import(NativeModule::Random).unwrap());
    let mut out = Vec::new();
    let r = (|| -> MoltResult<()> {
        let recv = if target == "R" {
            let cls = Owned(attrs::getattr(m.get(), "Random")?);
            call(cls.get(), seed, "{}")?.0
        } else {
            let s = Owned(attrs::getattr(m.get(), "seed")?);
            drop(call(s.get(), seed, "{}")?);
            Owned(crate::object::new_ref(m.get()))
        };
        let f = Owned(attrs::getattr(recv.get(), name)?);
        for _ in 0..count {
            let (res, a) = call(f.get(), args, kw)?;
            let shown = if name == "shuffle" { tuple::tuple_items(a.get()).unwrap()[0] } else { res.get() };
            out.push(dispatch::repr_of(shown)?);
        }
        Ok(())
    })();
    if let Err(e) = r {
        out.push(show_err(e));
    }
    out.join(" ").replace('\n', "\\n")
}

fn check_rows(rows: &[String]) {
    let input: String = rows.iter().map(|r| format!("{r}\n")).collect();
    let expected = crate::testutil::python(PY_RANDOM_EVAL, &input);
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(expected.len(), rows.len());
    let mut bad = Vec::new();
    for (row, want) in rows.iter().zip(expected) {
        let got = eval_row(row);
        if got != want {
            bad.push(format!("{row}\n   molt:    {got}\n   python3: {want}"));
        }
    }
    module::release_modules();
    assert!(bad.is_empty(), "{} rows differ:\n{}", bad.len(), bad.join("\n"));
}

const SEEDS: &[&str] = &[
    "(0,)", "(1,)", "(42,)", "(-42,)", "(7,)", "(True,)", "(4294967295,)", "(4294967296,)", "(18446744073709551617,)",
    "(-123456789012345678901234567890123456789,)", "(3.5,)", "(-1.25,)", "(0.0,)", "('',)", "('abc',)",
    "('héllo wörld ✓',)", "('x',)", "('abc', 1)", "('', 1)", "(12345, 2)", "(None,)",
];

/// Seeds × methods: every method's sequence for every kind of seed.
const CALLS: &[(&str, &str, &str, usize)] = &[
    ("random", "()", "{}", 30),
    ("getrandbits", "(1,)", "{}", 10),
    ("getrandbits", "(32,)", "{}", 10),
    ("getrandbits", "(33,)", "{}", 5),
    ("getrandbits", "(64,)", "{}", 5),
    ("getrandbits", "(200,)", "{}", 3),
    ("getrandbits", "(0,)", "{}", 2),
    ("randrange", "(10,)", "{}", 20),
    ("randrange", "(-5, 5)", "{}", 10),
    ("randrange", "(0, 100, 7)", "{}", 10),
    ("randrange", "(100, 0, -3)", "{}", 10),
    ("randrange", "(1000000000000000000000000000000,)", "{}", 5),
    ("randrange", "(-10000000000000000000000000, 10000000000000000000000000, 3)", "{}", 5),
    ("randint", "(1, 6)", "{}", 30),
    ("randint", "(-1000000000000, 1000000000000)", "{}", 5),
    ("choice", "([1, 'a', 2.5, None, (1, 2)],)", "{}", 15),
    ("choice", "('abcdef',)", "{}", 10),
    ("choices", "([1, 2, 3, 4],)", "{}", 3),
    ("choices", "([1, 2, 3, 4],)", "{'k': 10}", 3),
    ("choices", "(['a', 'b', 'c'], [10, 1, 0.5])", "{'k': 8}", 3),
    ("choices", "(['a', 'b', 'c'],)", "{'cum_weights': [1, 5, 6], 'k': 8}", 3),
    ("shuffle", "([1, 2, 3, 4, 5, 6, 7, 8, 9, 10],)", "{}", 5),
    ("sample", "([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4)", "{}", 5),
    ("sample", "([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29], 3)", "{}", 3),
    ("sample", "('abcdefgh', 8)", "{}", 2),
    ("sample", "(['x', 'y', 'z'], 5)", "{'counts': [3, 1, 2]}", 3),
    ("uniform", "(1, 10)", "{}", 10),
    ("uniform", "(-2.5, 2.5)", "{}", 10),
    ("triangular", "()", "{}", 10),
    ("triangular", "(0, 10, 2)", "{}", 10),
    ("triangular", "(5, 5)", "{}", 2),
    ("gauss", "()", "{}", 11),
    ("gauss", "(100, 15)", "{}", 11),
    ("normalvariate", "(0.0, 1.0)", "{}", 10),
    ("normalvariate", "(5, 2)", "{}", 10),
    ("lognormvariate", "(0.0, 0.5)", "{}", 10),
    ("expovariate", "(1.5,)", "{}", 10),
    ("expovariate", "(3,)", "{}", 10),
    ("vonmisesvariate", "(1.0, 4.0)", "{}", 10),
    ("vonmisesvariate", "(0.0, 0.0)", "{}", 3),
    ("gammavariate", "(0.5, 1.0)", "{}", 10),
    ("gammavariate", "(1.0, 2.0)", "{}", 10),
    ("gammavariate", "(2.5, 3)", "{}", 10),
    ("gammavariate", "(200.0, 1.0)", "{}", 5),
    ("betavariate", "(2.0, 5.0)", "{}", 10),
    ("betavariate", "(0.3, 0.3)", "{}", 10),
    ("paretovariate", "(2.5,)", "{}", 10),
    ("weibullvariate", "(1.0, 1.5)", "{}", 10),
];

/// Errors (each with a fixed seed).
const ERRORS: &[(&str, &str, &str)] = &[
    ("randrange", "(5, 5)", "{}"),
    ("randrange", "(0,)", "{}"),
    ("randrange", "(-3,)", "{}"),
    ("randrange", "(1, 5, 0)", "{}"),
    ("randrange", "(10, 1)", "{}"),
    ("randrange", "(10, 1, 2)", "{}"),
    ("randrange", "(5,)", "{'step': 2}"),
    ("randrange", "(5,)", "{'step': 1}"),
    ("randrange", "('a',)", "{}"),
    ("randrange", "(None,)", "{}"),
    ("randrange", "()", "{}"),
    ("randrange", "(1, 2, 3, 4)", "{}"),
    ("randint", "(1,)", "{}"),
    ("randint", "()", "{}"),
    ("randint", "(1, 2, 3)", "{}"),
    ("randint", "(1,)", "{'b': 2, 'c': 3}"),
    ("randint", "(1,)", "{'a': 2}"),
    ("randint", "(3, 1)", "{}"),
    ("randint", "(1, 'a')", "{}"),
    ("choice", "([],)", "{}"),
    ("choice", "('',)", "{}"),
    ("choice", "(5,)", "{}"),
    ("choice", "({1: 2, 3: 4},)", "{}"),
    ("sample", "([1, 2], 3)", "{}"),
    ("sample", "([1, 2], -1)", "{}"),
    ("sample", "({1, 2}, 1)", "{}"),
    ("sample", "({1: 2}, 1)", "{}"),
    ("sample", "([1, 2], 1.0)", "{}"),
    ("sample", "([1, 2], 'a')", "{}"),
    ("sample", "([1, 2],)", "{}"),
    ("sample", "([1, 2], 1, 2)", "{}"),
    ("sample", "([1, 2], 1)", "{'counts': [1]}"),
    ("sample", "([1, 2], 1)", "{'counts': [1.0, 2.0]}"),
    ("sample", "([1, 2], 1)", "{'counts': [0, 0]}"),
    ("sample", "([1, 2], 4)", "{'counts': [1, 2]}"),
    ("sample", "([], 0)", "{'counts': []}"),
    ("sample", "([1, 2], 1)", "{'counts': 5}"),
    ("choices", "([],)", "{}"),
    ("choices", "([], [])", "{}"),
    ("choices", "([1], [1])", "{'cum_weights': [1]}"),
    ("choices", "([1, 2], [1])", "{}"),
    ("choices", "([1], [0])", "{}"),
    ("choices", "([1], [-1])", "{}"),
    ("choices", "([1], 3)", "{}"),
    ("choices", "([1], [1e400])", "{}"),
    ("choices", "([1], ['a'])", "{}"),
    ("choices", "([1],)", "{'k': 1.5}"),
    ("choices", "([1],)", "{'k': -2}"),
    ("choices", "(5,)", "{}"),
    ("shuffle", "((1, 2, 3),)", "{}"),
    ("shuffle", "('abc',)", "{}"),
    ("shuffle", "(5,)", "{}"),
    ("random", "(1,)", "{}"),
    ("random", "()", "{'x': 1}"),
    ("getrandbits", "()", "{}"),
    ("getrandbits", "(-1,)", "{}"),
    ("getrandbits", "(2.0,)", "{}"),
    ("getrandbits", "(1,)", "{'k': 1}"),
    ("getrandbits", "(100000000000000000000,)", "{}"),
    ("seed", "([1],)", "{}"),
    ("seed", "((1, 2),)", "{}"),
    ("seed", "(1, 2, 3)", "{}"),
    ("gammavariate", "(0, 1)", "{}"),
    ("gammavariate", "(1, -1)", "{}"),
    ("gammavariate", "('a', 1)", "{}"),
    ("betavariate", "(0, 1)", "{}"),
    ("expovariate", "(0,)", "{}"),
    ("expovariate", "()", "{}"),
    ("paretovariate", "(0,)", "{}"),
    ("weibullvariate", "(1, 0)", "{}"),
    ("uniform", "('a', 1)", "{}"),
    ("uniform", "(1,)", "{}"),
    ("triangular", "(1, 1, 5)", "{}"),
    ("triangular", "(1, 2, 'a')", "{}"),
    ("lognormvariate", "(1000.0, 1.0)", "{}"),
    ("vonmisesvariate", "(1.0, 'a')", "{}"),
    ("normalvariate", "(1, 2, 3)", "{}"),
    ("setstate", "((9,),)", "{}"),
    ("setstate", "((3, (1, 2), None),)", "{}"),
    ("setstate", "((3, 5, None),)", "{}"),
    ("setstate", "((3, (), None, 4),)", "{}"),
    ("setstate", "(5,)", "{}"),
    ("setstate", "((2, (1, 2), None),)", "{}"),
    ("setstate", "((2, 5, None),)", "{}"),
    ("setstate", "((2, [None], None),)", "{}"),
    ("setstate", "((3, (1, 2), 1.5),)", "{}"),
];

#[test]
fn seeded_sequences_match_python() {
    let _g = test_lock();
    let mut rows = Vec::new();
    for seed in SEEDS.iter().filter(|s| **s != "(None,)") {
        for &(name, args, kw, count) in CALLS {
            rows.push(format!("R|{seed}|{name}|{args}|{kw}|{count}"));
        }
    }
    for seed in ["(42,)", "('spam',)", "(1267650600228229401496703205376,)"] {
        for &(name, args, kw, count) in CALLS {
            rows.push(format!("M|{seed}|{name}|{args}|{kw}|{count}"));
        }
    }
    check_rows(&rows);
    assert_all_freed();
}

#[test]
fn errors_match_python() {
    let _g = test_lock();
    let mut rows: Vec<String> = ERRORS.iter().map(|(n, a, k)| format!("R|(5,)|{n}|{a}|{k}|1")).collect();
    for seed in ["([1],)", "({},)", "(1, 2)", "('abc', 3)"] {
        rows.push(format!("R|{seed}|random|()|{{}}|1"));
    }
    check_rows(&rows);
    assert_all_freed();
}

/// `getstate()` is CPython's, and `setstate()` of it (or of a version-2 state) replays the
/// sequence; a None seed gives a state of 624 words and an index of 624.
#[test]
fn state_round_trips() {
    let _g = test_lock();
    let rows: Vec<String> = vec![
        "R|(42,)|getstate|()|{}|1".to_string(),
        "R|('abc',)|getstate|()|{}|1".to_string(),
    ];
    check_rows(&rows);
    let script = "import random\nr = random.Random(9)\nr.gauss()\ns = r.getstate()\nprint([r.random() for _ in range(3)], r.gauss())\n";
    let want = crate::testutil::python(script, "");
    let m = Owned(module::import(NativeModule::Random).unwrap());
    let cls = Owned(attrs::getattr(m.get(), "Random").unwrap());
    let (r, args) = call(cls.get(), "(9,)", "{}").unwrap();
    let meth = |n: &str| Owned(attrs::getattr(r.get(), n).unwrap());
    drop(call(meth("gauss").get(), "()", "{}").unwrap());
    let state = Owned(callable::call_object(meth("getstate").get(), &[], &[]).unwrap());
    let run = || {
        let xs: Vec<String> = (0..3)
            .map(|_| dispatch::repr_of(call(meth("random").get(), "()", "{}").unwrap().0.get()).unwrap())
            .collect();
        let g = dispatch::repr_of(call(meth("gauss").get(), "()", "{}").unwrap().0.get()).unwrap();
        format!("[{}] {g}\n", xs.join(", "))
    };
    assert_eq!(run(), want);
    drop(Owned(callable::call_object(meth("setstate").get(), &[state.get()], &[]).unwrap()));
    assert_eq!(run(), want);
    // A version-2 state (`(2, list of words, gauss_next)`, words reduced modulo 2**32).
    let items = tuple::tuple_items(state.get()).unwrap();
    let words = Owned(crate::object::list::list_from_iter(items[1]).unwrap());
    let two = Owned(crate::object::int::from_i64(2).unwrap());
    let v2 = Owned(tuple::tuple_from_slice(&[two.get(), words.get(), items[2]]).unwrap());
    drop(Owned(callable::call_object(meth("setstate").get(), &[v2.get()], &[]).unwrap()));
    assert_eq!(run(), want);
    drop((v2, two, words, state, r, args, cls, m));
    module::release_modules();
    assert_all_freed();
}

