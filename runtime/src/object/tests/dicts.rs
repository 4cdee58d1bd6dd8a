//! Dicts, sets and frozensets against CPython 3.11: every row of `dicts_vectors.txt` (`op|a|args…`,
//! a tab, then python3's result and `repr(a)` afterwards, written by `dicts_eval.py` and
//! re-checked against the installed python3 by `vectors_still_match_python`): reprs and the
//! order of sets of ints, floats, tuples and frozensets, hashes (frozenset's included), item
//! get/set/delete and KeyError messages, comparisons, `in`, the operators and in-place
//! operators, views and their set operations, every method with its argument errors, `dict()`,
//! `set()`, `frozenset()`, iteration and the RuntimeErrors of changes during iteration; each
//! row is checked for leaks. Then: random sequences of set and dict operations on ints against
//! python3 (the printed order must be CPython's), deep nesting, the C functions and the live
//! counts.

use std::string::{String, ToString};
use std::vec::Vec;

use super::live;
use super::seq::{parse, parse_with};
use crate::exceptions::{MoltError, MoltResult, clear_exception, take_exception, test_lock};
use crate::object::alloc::{HeapKind, stats};
use crate::object::{
    Obj, call, decref, dict, dispatch, iter, list, set, singletons, str as pystr, tuple,
};
use crate::testutil::Rng;
use crate::*;

const VECTORS: &str = include_str!("dicts_vectors.txt");
const PY_EVAL: &str = include_str!("dicts_eval.py");

/// `!Kind: str(exception)` as CPython prints it (KeyError's str is the repr of its argument).
fn err_text(e: &MoltError) -> String {
    let msg = match &e.arg {
        Some(a) => dispatch::repr_of(a.get().unwrap()).unwrap(),
        None if e.kind == ExceptionKind::KeyError && !e.message.is_empty() => {
            pystr::str_repr(&e.message)
        }
        None => e.message.to_string(),
    };
    format!("!{}: {msg}", e.kind.name())
}

fn show_with<T>(r: MoltResult<T>, f: impl FnOnce(T) -> String) -> String {
    match r {
        Ok(v) => f(v),
        Err(e) => err_text(&e),
    }
}

/// `type:repr` of a result (released).
fn show(r: MoltResult<Obj>) -> String {
    show_with(r, |o| {
        let s = show_with(dispatch::repr_of(o), |t| {
            format!("{}:{t}", o.type_of().name)
        });
        unsafe { decref(o) };
        s
    })
}

fn op_of(t: &str) -> Result<BinaryOp, CompareOp> {
    super::binary(t).expect("an operator")
}

/// `x op y`, `in` included.
fn binop(op: &str, x: Obj, y: Obj) -> String {
    if op == "in" {
        return show(dispatch::contains(y, x).map(singletons::bool_obj));
    }
    match op_of(op) {
        Ok(op) => show(dispatch::binary_op(op, x, y)),
        Err(op) => show(dispatch::rich_compare(op, x, y)),
    }
}

fn small(v: i64) -> Obj {
    Obj::small(v).unwrap()
}

/// The changes `itermut` makes for key `k` (see `dicts_eval.py`).
fn mutate(kind: &str, a: Obj, k: Obj) -> MoltResult<()> {
    let k100 = dispatch::binary_op(BinaryOp::Add, k, small(100))?;
    let r = (|| {
        if dict::is_dict(a) {
            if kind == "del" || kind == "swap" {
                dict::del_item(a, k)?;
            }
            if kind == "add" || kind == "swap" {
                dict::set_item(a, k100, small(0))?;
            }
            if kind == "set" {
                let x = pystr::str_from_text("x")?;
                let r = dict::set_item(a, k, x);
                unsafe { decref(x) };
                r?;
            }
        } else {
            if kind == "del" || kind == "swap" {
                set::discard_key(a, k)?;
            }
            if kind == "add" || kind == "swap" {
                set::add_key(a, k100)?;
            }
        }
        Ok(())
    })();
    unsafe { decref(k100) };
    r
}

/// The items of iterable `o` shown one by one, after the iterator's type name.
fn show_iter(o: Obj) -> String {
    let it = match iter::get_iter(o) {
        Ok(it) => it,
        Err(e) => return err_text(&e),
    };
    let mut items = Vec::new();
    let mut out = String::new();
    loop {
        match iter::iter_next(it) {
            Ok(Some(x)) => items.push(show(Ok(x))),
            Ok(None) => break,
            Err(e) => {
                out = err_text(&e);
                break;
            }
        }
    }
    let name = it.type_of().name;
    unsafe { decref(it) };
    if out.is_empty() {
        format!("{name}:{}", items.join(";"))
    } else {
        out
    }
}

/// Evaluates one row with the object model; panics if it leaks.
fn eval_row(line: &str) -> String {
    let before = live();
    let p: Vec<&str> = line.split('|').collect();
    let a = parse(p[1]);
    let mut temps: Vec<Obj> = Vec::new();
    let mut arg = |t: &str| {
        let o = parse_with(t, Some(a));
        temps.push(o);
        o
    };
    let out = match p[0] {
        "call" => {
            let args = arg(p[3]);
            let all = tuple::tuple_items(args).unwrap();
            let names: Vec<&str> = if p[4].is_empty() {
                Vec::new()
            } else {
                p[4].split(',').collect()
            };
            let (pos, kwv) = all.split_at(all.len() - names.len());
            let kw: Vec<(&str, Obj)> = names.into_iter().zip(kwv.iter().copied()).collect();
            show(call::call_method(a, p[2], pos, &kw))
        }
        "setitem" => {
            let (k, v) = (arg(p[2]), arg(p[3]));
            show_with(dispatch::setitem(a, k, Some(v)), |()| "ok".into())
        }
        "delitem" => show_with(dispatch::setitem(a, arg(p[2]), None), |()| "ok".into()),
        "getitem" => show(dispatch::getitem(a, arg(p[2]))),
        "iop" => {
            let r = dispatch::inplace_op(op_of(p[2]).unwrap(), a, arg(p[3]));
            let same = matches!(r, Ok(o) if o.is(a));
            let s = show(r);
            if same { format!("{s} (is a)") } else { s }
        }
        "binop" => binop(p[2], a, arg(p[3])),
        "rbinop" => binop(p[2], arg(p[3]), a),
        "ebin" => {
            let (x, y) = (arg(p[2]), arg(p[4]));
            binop(p[3], x, y)
        }
        "repr" => show_with(dispatch::repr_of(arg(p[2])), |s| s),
        "str" => show_with(dispatch::str_of(arg(p[2])), |s| s),
        "len" => show(dispatch::len_of(arg(p[2]))),
        "truth" => show_with(dispatch::truth(arg(p[2])), |t| {
            if t { "True" } else { "False" }.into()
        }),
        "hash" => show_with(dispatch::hash(arg(p[2])), |h| h.to_string()),
        "dict" => show(dict::dict_from(arg(p[2]))),
        "set" => show(set::new_set(Some(arg(p[2])))),
        "frozenset" => show(set::new_frozenset(Some(arg(p[2])))),
        "iter" => show_iter(arg(p[2])),
        "unpack" => show(list::list_from_iter(arg(p[2])).and_then(|l| {
            let items = list::items_vec(l);
            unsafe { decref(l) };
            tuple::tuple_from_vec(items?)
        })),
        "itermut" => {
            let it = iter::get_iter(a).unwrap();
            let mut seen = Vec::new();
            let end = loop {
                match iter::iter_next(it) {
                    Ok(Some(k)) => {
                        seen.push(dispatch::repr_of(k).unwrap());
                        let r = mutate(p[2], a, k);
                        unsafe { decref(k) };
                        if let Err(e) = r {
                            break err_text(&e);
                        }
                    }
                    Ok(None) => break "done".to_string(),
                    Err(e) => break err_text(&e),
                }
            };
            unsafe { decref(it) };
            format!("{} {end}", seen.join(","))
        }
        op => panic!("unknown op {op}"),
    };
    let after = show_with(dispatch::repr_of(a), |s| s);
    for o in temps {
        unsafe { decref(o) };
    }
    // Break the cycles of `a[k] = a` by hand, so that the line leaves nothing for the cycle
    // collector (tests/gc.rs) and its live counts are exact at once.
    if dict::is_dict(a) {
        dict::clear(a);
    } else if set::is_anyset(a) {
        set::clear(a).unwrap();
    }
    unsafe { decref(a) };
    assert_eq!(live(), before, "{line} leaked (live per kind)");
    format!("{out} ; {after}")
}

#[test]
fn vectors_match_the_object_model() {
    super::vectors::check_rows(VECTORS, 300, eval_row);
}

#[test]
fn vectors_still_match_python() {
    super::vectors::check_python(VECTORS, PY_EVAL);
}

/// The random operation sequences' evaluator on the Python side.
const PY_RANDOM: &str = r#"
import sys
for line in sys.stdin:
    kind, ops = line.rstrip('\n').split('|')
    c = set() if kind == 'S' else {}
    out = []
    for i, op in enumerate(ops.split()):
        t, n = op[0], op[1:]
        k = int(n) if n else None
        try:
            if t == 'a': c.add(k)
            elif t == 'd': c.discard(k)
            elif t == 'r': c.remove(k)
            elif t == 'p': out.append(repr(c.pop()))
            elif t == 'u': c.update([k, k + 1, k * 3])
            elif t == 'm': c.difference_update([k, k - 1])
            elif t == 'c': c = c.copy()
            elif t == 'i': c = c & set(range(k - 40, k + 40, 2))
            elif t == 'y': c ^= set(range(k, k + 10))
            elif t == 'z': c = c - set(range(k - 5, k + 5))
            elif t == 'o': c = c | set(range(k, k + 3))
            elif t == 's': c[k] = i
            elif t == 'x': c.pop(k, None)
            elif t == 'P': out.append(repr(c.popitem()))
        except KeyError as e:
            out.append('KeyError(%r)' % (e.args[0],))
    print(' '.join(out) + ' | ' + repr(c))
"#;

/// One random sequence run with the object model, printed as `PY_RANDOM` prints it.
fn run_ops(kind: char, ops: &str) -> String {
    let mut c = if kind == 'S' {
        set::new_set(None).unwrap()
    } else {
        dict::new_dict().unwrap()
    };
    let mut out: Vec<String> = Vec::new();
    for (i, op) in ops.split(' ').enumerate() {
        let (t, n) = op.split_at(1);
        let k = n
            .parse::<i64>()
            .ok()
            .map(|v| crate::object::int::from_i64(v).unwrap());
        let kk = k.unwrap_or_default();
        let call = |name: &str, args: &[Obj]| call::call_method(c, name, args, &[]);
        let r: MoltResult<Option<Obj>> = match t {
            "a" => call("add", &[kk]).map(|_| None),
            "d" => call("discard", &[kk]).map(|_| None),
            "r" => call("remove", &[kk]).map(|_| None),
            "p" | "P" => call(if t == "p" { "pop" } else { "popitem" }, &[]).map(Some),
            "u" | "m" => {
                let k1 = dispatch::binary_op(BinaryOp::Add, kk, small(1)).unwrap();
                let km = dispatch::binary_op(BinaryOp::Sub, kk, small(1)).unwrap();
                let k3 = dispatch::binary_op(BinaryOp::Mul, kk, small(3)).unwrap();
                let l = if t == "u" {
                    list::list_from_vec(vec![crate::object::new_ref(kk), k1, k3]).unwrap()
                } else {
                    unsafe { decref(k1) };
                    unsafe { decref(k3) };
                    list::list_from_vec(vec![crate::object::new_ref(kk), km]).unwrap()
                };
                if t == "u" {
                    unsafe { decref(km) };
                }
                let r = call(
                    if t == "u" {
                        "update"
                    } else {
                        "difference_update"
                    },
                    &[l],
                );
                unsafe { decref(l) };
                r.map(|_| None)
            }
            "c" => {
                let copy = call("copy", &[]).unwrap();
                unsafe { decref(c) };
                c = copy;
                Ok(None)
            }
            "i" | "y" | "z" | "o" => {
                let v = kk.small_value().unwrap();
                let (lo, hi, step) = match t {
                    "i" => (v - 40, v + 40, 2),
                    "y" => (v, v + 10, 1),
                    "z" => (v - 5, v + 5, 1),
                    _ => (v, v + 3, 1),
                };
                let items = (lo..hi)
                    .step_by(step)
                    .map(|x| crate::object::int::from_i64(x).unwrap());
                let l = list::list_from_vec(items.collect()).unwrap();
                let other = set::new_set(Some(l)).unwrap();
                let r = match t {
                    "i" => dispatch::binary_op(BinaryOp::And, c, other),
                    "y" => dispatch::inplace_op(BinaryOp::Xor, c, other),
                    "z" => dispatch::binary_op(BinaryOp::Sub, c, other),
                    _ => dispatch::binary_op(BinaryOp::Or, c, other),
                };
                unsafe {
                    decref(l);
                    decref(other);
                    decref(c);
                }
                c = r.unwrap();
                Ok(None)
            }
            "s" => dict::set_item(c, kk, small(i as i64)).map(|_| None),
            "x" => call("pop", &[kk, singletons::none()]).map(|_| None),
            _ => panic!("bad op {op}"),
        };
        if let Some(k) = k {
            unsafe { decref(k) };
        }
        match r {
            Ok(Some(o)) => {
                out.push(dispatch::repr_of(o).unwrap());
                unsafe { decref(o) };
            }
            Ok(None) => {}
            Err(e) if e.kind == ExceptionKind::KeyError => {
                let arg = match &e.arg {
                    Some(a) => dispatch::repr_of(a.get().unwrap()).unwrap(),
                    None => pystr::str_repr(&e.message),
                };
                out.push(format!("KeyError({arg})"));
            }
            Err(e) => panic!("{}", err_text(&e)),
        }
    }
    let s = format!("{} | {}", out.join(" "), dispatch::repr_of(c).unwrap());
    unsafe { decref(c) };
    s
}

#[test]
fn random_operations_match_python() {
    let before = live();
    let mut rng = Rng::new(0xd1c7_5e75);
    let mut cases: Vec<(char, String)> = Vec::new();
    for case in 0..160u64 {
        let kind = if case % 2 == 0 { 'S' } else { 'D' };
        let n = 1 + rng.below(if case % 5 == 0 { 2000 } else { 120 }) as usize;
        // Key universes: small, negative, colliding multiples, large values.
        let universe = case % 4;
        let mut ops = Vec::new();
        for _ in 0..n {
            let r = rng.below(100) as i64;
            let k = match universe {
                0 => r - 20,
                1 => (r - 50) * 8,
                2 => r * 1024 + (r % 3),
                _ => (1i64 << 40) + r * 37 - 1000,
            };
            let t = rng.below(20);
            let op = if kind == 'S' {
                match t {
                    0..=8 => format!("a{k}"),
                    9..=12 => format!("d{k}"),
                    13 => format!("r{k}"),
                    14 | 15 => "p".into(),
                    16 => format!("u{k}"),
                    17 => format!("m{k}"),
                    18 => "c".into(),
                    19 if universe != 3 => {
                        ["i", "y", "z", "o"][rng.below(4) as usize].to_string() + &k.to_string()
                    }
                    _ => format!("a{}", -k),
                }
            } else {
                match t {
                    0..=9 => format!("s{k}"),
                    10..=14 => format!("x{k}"),
                    15 | 16 => "P".into(),
                    17 => "c".into(),
                    _ => format!("s{}", -k),
                }
            };
            ops.push(op);
        }
        cases.push((kind, ops.join(" ")));
    }
    let input: String = cases.iter().map(|(k, o)| format!("{k}|{o}\n")).collect();
    let expected = crate::testutil::python(PY_RANDOM, &input);
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(expected.len(), cases.len());
    for ((kind, ops), want) in cases.iter().zip(expected) {
        let got = run_ops(*kind, ops);
        assert!(got == want, "{kind}|{ops}\n   got: {got}\n  want: {want}");
    }
    assert_eq!(live(), before);
}

#[test]
fn deep_nesting_frees_in_constant_stack() {
    std::thread::Builder::new()
        .stack_size(128 << 10)
        .spawn(|| {
            // {0: {0: {…}}} 100,000 deep, and a keys view and an iterator on the outermost.
            let mut o = dict::new_dict().unwrap();
            for _ in 0..100_000 {
                let d = dict::new_dict().unwrap();
                dict::set_item(d, small(0), o).unwrap();
                unsafe { decref(o) };
                o = d;
            }
            assert_eq!(stats(HeapKind::Dict).live, 100_001);
            let view =
                crate::object::dict_views::new_view(o, crate::object::dict_views::ViewKind::Keys)
                    .unwrap();
            let it = iter::get_iter(o).unwrap();
            unsafe {
                decref(o);
                decref(view);
                decref(it);
            }
            assert_eq!(stats(HeapKind::Dict).live, 0);
            // frozenset({frozenset({…})}) 100,000 deep, inside a set.
            let mut f = set::new_frozenset(None).unwrap();
            for _ in 0..100_000 {
                let l = list::list_from_vec(vec![f]).unwrap();
                f = set::new_frozenset(Some(l)).unwrap();
                unsafe { decref(l) };
            }
            let s = set::new_set(None).unwrap();
            set::add_key(s, f).unwrap();
            unsafe { decref(f) };
            assert_eq!(stats(HeapKind::FrozenSet).live, 100_001);
            let it = iter::get_iter(s).unwrap();
            unsafe {
                decref(s);
                decref(it);
            }
            super::assert_all_freed();
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn self_referencing_reprs() {
    let before = live();
    let d = parse("{1: 2}");
    dict::set_item(d, small(2), d).unwrap();
    assert_eq!(dispatch::repr_of(d).unwrap(), "{1: 2, 2: {...}}");
    let v = parse_with("a.values()", Some(d));
    dict::set_item(d, small(3), v).unwrap();
    assert_eq!(
        dispatch::repr_of(v).unwrap(),
        "dict_values([2, {1: 2, 2: {...}, 3: ...}, ...])"
    );
    unsafe { decref(v) };
    dict::clear(d);
    unsafe { decref(d) };
    // A list in a frozenset in the list: `[frozenset({…})]` can't hold itself, but a set's
    // repr guard still nests: l = [1]; s = {frozenset(l)} shows plainly.
    let s = parse("{frozenset({1}), 2}");
    assert_eq!(dispatch::repr_of(s).unwrap(), "{frozenset({1}), 2}");
    unsafe { decref(s) };
    assert_eq!(live(), before);
}

#[test]
fn c_functions_and_live_counts() {
    let _g = test_lock();
    clear_exception();
    let _ = crate::print::take_buffered();
    std::thread::spawn(|| {
        // print({1: 'a', (2,): [3]}) and print({10, 100, 1000}) built as generated code does.
        let d = molt_dict_new();
        let a = parse("'a'");
        let t = parse("(2,)");
        let l = parse("[3]");
        molt_dict_set(d, small(1), a);
        molt_dict_set(d, t, l);
        molt_print_obj(d);
        assert_eq!(
            String::from_utf8(crate::print::take_buffered()).unwrap(),
            "{1: 'a', (2,): [3]}"
        );
        molt_dict_set(d, l, a);
        assert_eq!(take_exception().unwrap().message, "unhashable type: 'list'");
        let s = molt_set_new();
        for v in [10, 100, 1000] {
            molt_set_add(s, small(v));
        }
        molt_print_obj(s);
        assert_eq!(
            String::from_utf8(crate::print::take_buffered()).unwrap(),
            "{1000, 10, 100}"
        );
        molt_set_add(s, l);
        assert_eq!(take_exception().unwrap().message, "unhashable type: 'list'");
        // KeyError(key): its str is repr(key), its args hold the key itself.
        let r = molt_obj_getitem(d, small(5));
        assert_eq!(r, Obj::default());
        let e = take_exception().unwrap();
        assert_eq!((e.kind_name(), e.message.as_str()), ("KeyError", "5"));
        molt_obj_getitem(d, a);
        let exc = crate::exceptions::fetch_exception();
        let args = crate::object::attrs::getattr(exc, "args").unwrap();
        assert_eq!(show(Ok(args)), "tuple:('a',)");
        assert_eq!(dispatch::str_of(exc).unwrap(), "'a'");
        unsafe { decref(exc) };
        // dict(), set(), frozenset().
        let pairs = parse("[(1, 2), (3, 4)]");
        assert_eq!(show(Ok(molt_dict_from(pairs))), "dict:{1: 2, 3: 4}");
        molt_dict_from(small(5));
        assert_eq!(
            take_exception().unwrap().message,
            "'int' object is not iterable"
        );
        assert_eq!(show(Ok(molt_set_from_iter(pairs))), "set:{(1, 2), (3, 4)}");
        assert_eq!(
            show(Ok(molt_frozenset_from_iter(d))),
            "frozenset:frozenset({1, (2,)})"
        );
        // Classes.
        for (code, name, o) in [
            (BuiltinClass::Dict, "dict", d),
            (BuiltinClass::Set, "set", s),
            (BuiltinClass::FrozenSet, "frozenset", s),
        ] {
            let cls = molt_builtin_class(code as i32);
            assert_eq!(dispatch::repr_of(cls).unwrap(), format!("<class '{name}'>"));
            assert_eq!(molt_obj_isinstance(o, cls), name != "frozenset");
            unsafe { decref(cls) };
        }
        assert!(molt_obj_type(d).is(Obj::from_static(&molt_type_dict)));
        assert!(molt_obj_type(s).is(Obj::from_static(&molt_type_set)));
        // Suggestions for a misspelt method.
        let e = call::call_method(d, "itmes", &[], &[]).unwrap_err();
        assert_eq!(e.suggest.and_then(|s| s.suggestion()), Some("items"));
        let e = call::call_method(s, "dicard", &[], &[]).unwrap_err();
        assert_eq!(e.suggest.and_then(|s| s.suggestion()), Some("discard"));
        for o in [d, a, t, l, s, pairs] {
            unsafe { decref(o) };
        }
        super::assert_all_freed();
        assert!(stats(HeapKind::Dict).allocations > 0);
        assert!(stats(HeapKind::Set).allocations > 0);
    })
    .join()
    .unwrap();
}
