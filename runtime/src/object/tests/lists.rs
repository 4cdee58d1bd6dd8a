//! Lists against CPython 3.11: every row of `lists_vectors.txt` (`op|list|args…`, a tab, then
//! python3's result and the list's repr afterwards, written by [`PY_LIST_EVAL`] and re-checked
//! against the installed python3 by `vectors_still_match_python`): repr, str, format, len,
//! truth, hash, iteration, unpacking, `list()`, indexing, item and slice assignment and
//! deletion (steps included), concatenation, repetition, comparisons, `in`, in-place operators
//! and every method with its argument errors (through `molt_obj_call_method`, keyword names
//! included); each row is checked for leaks. Then: self-referencing repr, sort stability and
//! the exact comparison order on random data (against python3), deep nesting, the C
//! functions and the live counts.

use std::string::{String, ToString};
use std::vec::Vec;

use super::seq::{parse, parse_with};
use super::{binary, live, show_err, show_obj};
use crate::exceptions::{clear_exception, test_lock};
use crate::object::alloc::{HeapKind, stats};
use crate::object::{Obj, decref, dispatch, iter, list, slice, str};
use crate::testutil::Rng;
use crate::*;

const VECTORS: &str = include_str!("lists_vectors.txt");

/// The evaluator that wrote `lists_vectors.txt` (input: the rows' first column).
const PY_LIST_EVAL: &str = r#"
import sys, operator as o
G = {'nan': float('nan'), 'inf': float('inf')}
IOPS = {'+': o.iadd, '-': o.isub, '*': o.imul, '/': o.itruediv, '//': o.ifloordiv, '%': o.imod,
        '**': o.ipow, '<<': o.ilshift, '>>': o.irshift, '&': o.iand, 'or': o.ior, '^': o.ixor}
BOPS = {'+': o.add, '*': o.mul, '<': o.lt, '<=': o.le, '==': o.eq, '!=': o.ne, '>': o.gt,
        '>=': o.ge, 'in': lambda x, y: x in y}
def show(r):
    return type(r).__name__ + ':' + repr(r)
for line in sys.stdin:
    op, *args = line.rstrip('\n').split('|')
    a = eval(args[0], G)
    v = lambda t: eval(t, dict(G, a=a))
    try:
        if op == 'call':
            pos = v(args[2])
            names = args[3].split(',') if args[3] else []
            npos = len(pos) - len(names)
            out = show(getattr(a, args[1])(*pos[:npos], **dict(zip(names, pos[npos:]))))
        elif op == 'setitem':
            a[v(args[1])] = v(args[2]); out = 'ok'
        elif op == 'delitem':
            del a[v(args[1])]; out = 'ok'
        elif op == 'getitem':
            out = show(a[v(args[1])])
        elif op == 'getslice':
            out = show(a[slice(v(args[1]), v(args[2]), v(args[3]))])
        elif op == 'setslice':
            a[slice(v(args[1]), v(args[2]), v(args[3]))] = v(args[4]); out = 'ok'
        elif op == 'delslice':
            del a[slice(v(args[1]), v(args[2]), v(args[3]))]; out = 'ok'
        elif op == 'iop':
            r = IOPS[args[1]](a, v(args[2]))
            out = show(r) + (' (is a)' if r is a else '')
        elif op == 'rop':
            r = IOPS[args[1]](v(args[2]), a)
            out = show(r) + (' (is a)' if r is a else '')
        elif op == 'binop':
            out = show(BOPS[args[1]](a, v(args[2])))
        elif op == 'rbinop':
            out = show(BOPS[args[1]](v(args[2]), a))
        elif op == 'repr': out = repr(a)
        elif op == 'str': out = str(a)
        elif op == 'format': out = format(a, args[1])
        elif op == 'len': out = show(len(a))
        elif op == 'truth': out = str(bool(a))
        elif op == 'hash': out = str(hash(a))
        elif op == 'list': out = show(list(v(args[1])))
        elif op == 'iter': out = ';'.join(show(x) for x in a)
        elif op == 'unpack':
            n = int(args[1]); d = {'a': a}
            exec(', '.join('x%d' % i for i in range(n)) + (',' if n == 1 else '') + ' = a', d)
            out = show(tuple(d['x%d' % i] for i in range(n)))
        else: raise SystemExit('unknown op ' + op)
    except Exception as e:
        out = '!%s: %s' % (type(e).__name__, e)
    print(out + ' ; ' + repr(a))
"#;


/// The result of an in-place operator, marked when it is the list itself.
fn show_iop(r: crate::exceptions::MoltResult<Obj>, a: Obj) -> String {
    let same = matches!(r, Ok(o) if o.is(a));
    let s = show_obj(r);
    if same { format!("{s} (is a)") } else { s }
}

/// Evaluates one row with the object model; panics if it leaks.
fn eval_list(line: &str) -> String {
    let before = live();
    let p: Vec<&str> = line.split('|').collect();
    let a = parse(p[1]);
    let v = |t: &str| parse_with(t, Some(a));
    let mut temps: Vec<Obj> = Vec::new();
    let mut arg = |t: &str| {
        let o = v(t);
        temps.push(o);
        o
    };
    let op_of = |t: &str| binary(t).and_then(Result::ok).expect("a binary operator");
    let out = match p[0] {
        "call" => super::vectors::call(a, p[2], arg(p[3]), p[4]),
        "setitem" => {
            let (k, x) = (arg(p[2]), arg(p[3]));
            show_err(dispatch::setitem(a, k, Some(x)), |()| "ok".into())
        }
        "delitem" => show_err(dispatch::setitem(a, arg(p[2]), None), |()| "ok".into()),
        "getitem" => show_obj(dispatch::getitem(a, arg(p[2]))),
        "getslice" => {
            let (s, e, st) = (arg(p[2]), arg(p[3]), arg(p[4]));
            show_obj(slice::getslice(a, s, e, st))
        }
        "setslice" => {
            let (s, e, st, x) = (arg(p[2]), arg(p[3]), arg(p[4]), arg(p[5]));
            show_err(slice::assign_slice(a, s, e, st, Some(x)), |()| "ok".into())
        }
        "delslice" => {
            let (s, e, st) = (arg(p[2]), arg(p[3]), arg(p[4]));
            show_err(slice::assign_slice(a, s, e, st, None), |()| "ok".into())
        }
        "iop" => show_iop(dispatch::inplace_op(op_of(p[2]), a, arg(p[3])), a),
        "rop" => {
            let b = arg(p[3]);
            show_iop(dispatch::inplace_op(op_of(p[2]), b, a), a)
        }
        "binop" | "rbinop" => {
            let b = arg(p[3]);
            let (x, y) = if p[0] == "binop" { (a, b) } else { (b, a) };
            match (p[2], binary(p[2])) {
                ("in", _) => {
                    show_obj(dispatch::contains(y, x).map(crate::object::singletons::bool_obj))
                }
                (_, Some(Ok(op))) => show_obj(dispatch::binary_op(op, x, y)),
                (_, Some(Err(op))) => show_obj(dispatch::rich_compare(op, x, y)),
                (op, None) => panic!("unknown operator {op}"),
            }
        }
        "repr" => show_err(dispatch::repr_of(a), |s| s),
        "str" => show_err(dispatch::str_of(a), |s| s),
        "format" => {
            let spec = arg(&format!("'{}'", p[2]));
            show_err(crate::object::format::format_value(a, spec), |o| {
                let t = str::str_text(o).unwrap().to_string();
                unsafe { decref(o) };
                t
            })
        }
        "len" => show_obj(dispatch::len_of(a)),
        "truth" => show_err(dispatch::truth(a), |t| {
            if t { "True" } else { "False" }.into()
        }),
        "hash" => show_err(dispatch::hash(a), |h| h.to_string()),
        "list" => show_obj(list::list_from_iter(arg(p[2]))),
        "iter" => {
            let it = iter::get_iter(a).unwrap();
            assert_eq!(it.type_of().name, "list_iterator");
            let mut items = Vec::new();
            while let Some(x) = iter::iter_next(it).unwrap() {
                items.push(show_obj(Ok(x)));
            }
            unsafe { decref(it) };
            items.join(";")
        }
        "unpack" => show_obj(iter::unpack(a, p[2].parse().unwrap())),
        op => panic!("unknown op {op}"),
    };
    let after = show_err(dispatch::repr_of(a), |s| s);
    for o in temps {
        unsafe { decref(o) };
    }
    // Break the cycle of `a[1] = a` by hand, so that the line leaves nothing for the cycle
    // collector (tests/gc.rs) and its live counts are exact at once.
    list::clear(a);
    unsafe { decref(a) };
    assert_eq!(live(), before, "{line} leaked (live per kind)");
    format!("{out} ; {after}")
}

#[test]
fn vectors_match_the_object_model() {
    let _g = test_lock();
    clear_exception();
    super::vectors::check_rows(VECTORS, 250, eval_list);
}

#[test]
fn vectors_still_match_python() {
    super::vectors::check_python(VECTORS, PY_LIST_EVAL);
}

/// A random list literal for the sort tests: ints, floats and bools of few distinct values
/// (so that equal items of different types show the sort's stability), in one of several
/// shapes (random, runs ascending and descending, interleaved sorted blocks that make the
/// merges gallop), optionally with one str that makes the sort fail part-way.
fn random_literal(rng: &mut Rng, n: usize, shape: u64, with_str: bool) -> String {
    let range = 1 + rng.below(if shape == 3 { 4 } else { 1000 }) as i64;
    let mut keys: Vec<i64> = (0..n).map(|_| rng.below(range as u64) as i64).collect();
    match shape {
        1 => keys.sort_unstable(),
        2 => {
            // Runs, each ascending or descending.
            let mut k = 0;
            while k < n {
                let len = (1 + rng.below(200) as usize).min(n - k);
                let run = &mut keys[k..k + len];
                run.sort_unstable();
                if rng.below(2) == 0 {
                    run.reverse();
                }
                k += len;
            }
        }
        4 => {
            // Two sorted halves interleaving in long stretches: merges gallop.
            let (x, y) = keys.split_at_mut(n / 2);
            x.sort_unstable();
            y.sort_unstable();
        }
        _ => {}
    }
    let mut items: Vec<String> = keys
        .iter()
        .map(|&k| match rng.below(4) {
            0 => format!("{k}.0"),
            1 if k <= 1 => (if k == 1 { "True" } else { "False" }).to_string(),
            _ => k.to_string(),
        })
        .collect();
    if with_str && n > 0 {
        let at = rng.below(n as u64) as usize;
        items[at] = "'x'".into();
    }
    format!("[{}]", items.join(", "))
}

/// `a.sort(reverse=…)`, then `repr(a)` (with the error first if it raised).
fn sort_and_show(literal: &str, reverse: bool) -> String {
    let before = live();
    let a = parse(literal);
    let flag = crate::object::singletons::bool_obj(reverse);
    let r = crate::object::call::call_method(a, "sort", &[], &[("reverse", flag)]);
    let mut out = String::new();
    if let Err(e) = r {
        out = format!("!{}: {} ; ", e.kind.name(), e.message);
    }
    out.push_str(&dispatch::repr_of(a).unwrap());
    unsafe { decref(a) };
    assert_eq!(live(), before, "sorting {literal} leaked");
    out
}

#[test]
fn sort_matches_python_on_random_lists() {
    const PY: &str = r#"
import sys
for line in sys.stdin:
    rev, lit = line.rstrip('\n').split('|')
    a = eval(lit)
    out = ''
    try:
        a.sort(reverse=rev == '1')
    except Exception as e:
        out = '!%s: %s ; ' % (type(e).__name__, e)
    print(out + repr(a))
"#;
    let mut rng = Rng::new(0x5eed_11575);
    let mut cases: Vec<(bool, String)> = Vec::new();
    for k in 0..90u64 {
        let n = match k % 6 {
            0 => rng.below(10) as usize,
            1 => rng.below(70) as usize,
            2 => 64 + rng.below(200) as usize,
            _ => 300 + rng.below(2500) as usize,
        };
        let shape = k % 5;
        let with_str = k % 3 == 2;
        cases.push((k % 4 == 1, random_literal(&mut rng, n, shape, with_str)));
    }
    let input: String = cases
        .iter()
        .map(|(r, l)| format!("{}|{l}\n", u8::from(*r)))
        .collect();
    let expected = crate::testutil::python(PY, &input);
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(expected.len(), cases.len());
    let mut errors = 0;
    for ((reverse, lit), want) in cases.iter().zip(expected) {
        let got = sort_and_show(lit, *reverse);
        errors += usize::from(want.starts_with('!'));
        assert!(
            got == want,
            "sort(reverse={reverse}) of {lit}:\n   got: {got}\n  want: {want}"
        );
    }
    // The mixed lists really failed part-way (their state afterwards is compared above).
    assert!(errors >= 20, "only {errors} sorts raised");
}

#[test]
fn repr_of_self_referencing_lists() {
    let before = live();
    // a = [1]; a.append(a)
    let a = parse("[1]");
    list::append(a, a).unwrap();
    assert_eq!(dispatch::repr_of(a).unwrap(), "[1, [...]]");
    assert_eq!(dispatch::str_of(a).unwrap(), "[1, [...]]");
    // b = [a, a]: each a shows its own recursion only.
    let b =
        list::list_from_vec(vec![crate::object::new_ref(a), crate::object::new_ref(a)]).unwrap();
    assert_eq!(dispatch::repr_of(b).unwrap(), "[[1, [...]], [1, [...]]]");
    // Through a tuple: c = [2]; c.append((c,)).
    let c = parse("[2]");
    let t = crate::object::tuple::tuple_from_vec(vec![crate::object::new_ref(c)]).unwrap();
    list::append(c, t).unwrap();
    assert_eq!(dispatch::repr_of(c).unwrap(), "[2, ([...],)]");
    // Tuples have the same guard (CPython's `tuplerepr`).
    assert_eq!(dispatch::repr_of(t).unwrap(), "([2, (...)],)");
    // The repr stack is empty again: a fresh list shows normally.
    assert_eq!(dispatch::repr_of(b).unwrap(), "[[1, [...]], [1, [...]]]");
    unsafe {
        decref(t);
        decref(b);
    }
    list::clear(a);
    list::clear(c);
    unsafe {
        decref(a);
        decref(c);
    }
    assert_eq!(live(), before);
}

#[test]
fn deep_nesting_frees_in_constant_stack() {
    // A small stack: freeing must not recurse (100,000 levels would need megabytes).
    std::thread::Builder::new()
        .stack_size(128 << 10)
        .spawn(|| {
            let mut o = list::new_list(0).unwrap();
            for _ in 0..100_000 {
                o = list::list_from_vec(vec![o]).unwrap();
            }
            assert_eq!(stats(HeapKind::List).live, 100_001);
            // An iterator holding the outermost list, and a tuple in the middle of the chain.
            let it = iter::get_iter(o).unwrap();
            let t = crate::object::tuple::tuple_from_vec(vec![o]).unwrap();
            let o2 = list::list_from_vec(vec![t]).unwrap();
            unsafe {
                decref(o2);
                decref(it);
            }
            assert_eq!(stats(HeapKind::List).live, 0);
            assert_eq!(stats(HeapKind::Tuple).live, 0);
            assert_eq!(stats(HeapKind::ListIterator).live, 0);
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn c_functions_and_live_counts() {
    let _g = test_lock();
    clear_exception();
    let _ = crate::print::take_buffered();
    std::thread::spawn(|| {
        // print([1, 'a', (2,)]) built as generated code does.
        let l = molt_list_new(3);
        assert_eq!(show_obj(Ok(molt_obj_repr(l))), "str:'[0, 0, 0]'");
        let s = parse("'a'");
        let t = parse("(2,)");
        for (k, item) in [Obj::small(1).unwrap(), s, t].into_iter().enumerate() {
            molt_list_init(l, k as i64, item);
        }
        // The list holds its own references (ours are released at the end).
        assert_eq!(s.refcount(), Some(2));
        molt_print_obj(l);
        assert_eq!(String::from_utf8(crate::print::take_buffered()).unwrap(), "[1, 'a', (2,)]");
        molt_list_append(l, Obj::small(7).unwrap());
        assert_eq!(molt_obj_len(l), Obj::small(4).unwrap());
        assert!(molt_obj_truth(l));
        // type(), isinstance(), the class value.
        let cls = molt_builtin_class(BuiltinClass::List as i32);
        assert!(molt_obj_type(l).is(cls));
        assert!(cls.is(Obj::from_static(&molt_type_list)));
        assert!(molt_obj_isinstance(l, cls));
        assert!(!molt_obj_isinstance(t, cls));
        assert_eq!(show_obj(Ok(molt_obj_repr(cls))), "str:\"<class 'list'>\"");
        // Items, slices (a new list every time), unpacking.
        assert_eq!(show_obj(Ok(molt_obj_getitem(l, Obj::small(-1).unwrap()))), "int:7");
        let none = Obj::from_static(&crate::object::singletons::molt_none);
        let full = molt_obj_getslice(l, none, none, none);
        assert!(!full.is(l));
        assert_eq!(show_obj(Ok(full)), "list:[1, 'a', (2,), 7]");
        let four = molt_obj_unpack(l, 4);
        assert_eq!(show_obj(Ok(four)), "tuple:(1, 'a', (2,), 7)");
        // Item assignment: list, and the TypeErrors of the others.
        molt_obj_setitem(l, Obj::small(0).unwrap(), l);
        assert_eq!(show_obj(Ok(molt_obj_repr(l))), "str:\"[[...], 'a', (2,), 7]\"");
        molt_obj_delitem(l, Obj::small(0).unwrap());
        assert_eq!(show_obj(Ok(molt_obj_repr(l))), "str:\"['a', (2,), 7]\"");
        molt_obj_setitem(t, Obj::small(0).unwrap(), l);
        assert_eq!(super::vectors::taken_marked(), "!TypeError: 'tuple' object does not support item assignment");
        molt_obj_delitem(s, Obj::small(0).unwrap());
        assert_eq!(super::vectors::taken_marked(), "!TypeError: 'str' object doesn't support item deletion");
        molt_obj_setitem(Obj::small(5).unwrap(), Obj::small(0).unwrap(), l);
        assert_eq!(super::vectors::taken_marked(), "!TypeError: 'int' object does not support item assignment");
        let big = parse("9223372036854775808");
        molt_obj_setitem(t, big, l);
        assert_eq!(super::vectors::taken_marked(), "!IndexError: cannot fit 'int' into an index-sized integer");
        molt_obj_setitem(Obj::small(5).unwrap(), big, l);
        assert_eq!(super::vectors::taken_marked(), "!TypeError: 'int' object does not support item assignment");
        molt_obj_setslice(t, big, none, none, l);
        assert_eq!(super::vectors::taken_marked(), "!TypeError: 'tuple' object does not support item assignment");
        molt_obj_delslice(s, none, none, none);
        assert_eq!(super::vectors::taken_marked(), "!TypeError: 'str' object doesn't support item deletion");
        molt_obj_setslice(l, Obj::small(1).unwrap(), none, none, t);
        assert_eq!(show_obj(Ok(molt_obj_repr(l))), "str:\"['a', 2]\"");
        molt_obj_delslice(l, none, none, Obj::small(-1).unwrap());
        assert_eq!(show_obj(Ok(molt_obj_repr(l))), "str:'[]'");
        // list(x).
        assert_eq!(show_obj(Ok(molt_list_from_iter(s))), "list:['a']");
        molt_list_from_iter(Obj::small(5).unwrap());
        assert_eq!(super::vectors::taken_marked(), "!TypeError: 'int' object is not iterable");
        // In-place operators: lists in place, others by the binary protocol.
        let r = molt_obj_inplace_binop(BinaryOp::Add as i32, l, t);
        assert!(r.is(l));
        unsafe { decref(r) };
        assert_eq!(show_obj(Ok(molt_obj_inplace_binop(BinaryOp::Add as i32, Obj::small(2).unwrap(), Obj::small(3).unwrap()))), "int:5");
        molt_obj_inplace_binop(BinaryOp::Add as i32, Obj::small(2).unwrap(), s);
        assert_eq!(super::vectors::taken_marked(), "!TypeError: unsupported operand type(s) for +=: 'int' and 'str'");
        assert_eq!(show_obj(Ok(molt_obj_inplace_binop(BinaryOp::Mul as i32, s, Obj::small(3).unwrap()))), "str:'aaa'");
        assert_eq!(show_obj(Ok(molt_obj_inplace_binop(BinaryOp::Mul as i32, Obj::small(2).unwrap(), l))), "list:[2, 2]");
        molt_obj_inplace_binop(BinaryOp::Pow as i32, s, Obj::small(2).unwrap());
        assert_eq!(super::vectors::taken_marked(), "!TypeError: unsupported operand type(s) for **=: 'str' and 'int'");
        // hash() through the ABI, and format().
        molt_obj_hash(l);
        assert_eq!(super::vectors::taken_marked(), "!TypeError: unhashable type: 'list'");
        let empty = parse("''");
        assert_eq!(show_obj(Ok(molt_obj_format(l, empty))), "str:'[2]'");
        // Method calls: tuple methods, and the lookups that are no method.
        let args = parse("(2,)");
        assert_eq!(super::vectors::call(t, "count", args, ""), "int:1");
        assert_eq!(super::vectors::call(t, "index", args, ""), "int:0");
        let nine = parse("(9,)");
        assert_eq!(super::vectors::call(t, "index", nine, ""), "!ValueError: tuple.index(x): x not in tuple");
        assert_eq!(super::vectors::call(t, "count", nine, "x"), "!TypeError: tuple.count() takes no keyword arguments");
        let no = parse("()");
        assert_eq!(super::vectors::call(t, "index", no, ""), "!TypeError: index expected at least 1 argument, got 0");
        assert_eq!(super::vectors::call(Obj::small(5).unwrap(), "real", no, ""), "!TypeError: 'int' object is not callable");
        assert_eq!(super::vectors::call(l, "apend", args, ""), "!AttributeError: 'list' object has no attribute 'apend'");
        // The AttributeError carries CPython's suggestion.
        let e = crate::object::call::call_method(l, "apend", &[], &[]).unwrap_err();
        assert_eq!(e.suggest.and_then(|s| s.suggestion()), Some("append"));
        // A method as a value: a builtin method bound to the list.
        let m = super::vectors::getattr_raw(l, "append");
        assert!(show_obj(Ok(m)).starts_with("builtin_function_or_method:<built-in method append of list object at 0x"));
        for o in [l, t, s, cls, big, empty, args, nine, no] {
            unsafe { decref(o) };
        }
        super::assert_all_freed();
        assert!(stats(HeapKind::List).allocations > 0);
    })
    .join()
    .unwrap();
}

#[test]
fn list_iterator_sees_the_live_length() {
    let before = live();
    let l = parse("[1, 2]");
    let it = iter::get_iter(l).unwrap();
    assert_eq!(show_obj(iter::iter_next(it).map(Option::unwrap)), "int:1");
    list::append(l, Obj::small(3).unwrap()).unwrap();
    let _ = crate::object::list_slice::ass_slice(l, 0, 1, None);
    // [2, 3]: index 1 is now 3.
    assert_eq!(show_obj(iter::iter_next(it).map(Option::unwrap)), "int:3");
    assert_eq!(iter::iter_next(it), Ok(None));
    list::append(l, Obj::small(4).unwrap()).unwrap();
    // Exhausted for good (CPython drops the list).
    assert_eq!(iter::iter_next(it), Ok(None));
    unsafe {
        decref(it);
        decref(l);
    }
    assert_eq!(live(), before);
}
