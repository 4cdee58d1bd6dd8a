//! The `itertools` module against CPython 3.11: each row `name|args|kwargs|n` calls
//! `itertools.name(*args, **kwargs)` (builtins written `'@max'` in the arguments), then reads up
//! to `n` items of the result (of each iterator of a tuple, for `tee`; a `_grouper` item of
//! `groupby` listed at once), and renders the items, the end, the error, and the repr of
//! `count`/`repeat` before and after. python3 runs the same rows ([`PY_IT_EVAL`]); the
//! outputs must be equal. Also: cycles through itertools objects are collected, and every
//! object is freed.

use std::string::{String, ToString};
use std::vec::Vec;

use super::seq::parse;
use super::{assert_all_freed, show_obj};
use crate::exceptions::{MoltError, take_exception, test_lock};
use crate::object::range::Owned;
use crate::object::{Obj, attrs, builtin_fn, callable, dict, dispatch, iter, list, module, new_ref, str as pystr, tuple};
use crate::{BuiltinClass, BuiltinFunction, NativeModule};

const PY_IT_EVAL: &str = r#"
import sys, itertools, builtins
def conv(x):
    if isinstance(x, str) and x.startswith('@'):
        return getattr(builtins, x[1:])
    return x
def err(e):
    return '!%s: %s' % (type(e).__name__, e)
def drain(r, n):
    out = []
    shown = type(r).__repr__ is not object.__repr__ and not isinstance(r, tuple)
    if shown:
        out.append(repr(r))
    for it in (r if isinstance(r, tuple) else (r,)):
        for _ in range(n):
            try:
                x = next(it)
                if isinstance(x, tuple) and len(x) == 2 and type(x[1]).__name__ == '_grouper':
                    x = (x[0], list(x[1]))
            except StopIteration:
                out.append('<end>')
                break
            except Exception as e:
                out.append(err(e))
                break
            out.append(type(x).__name__ + ':' + repr(x))
    if shown:
        out.append(repr(r))
    return ';'.join(out)
for line in sys.stdin:
    name, args, kw, n = line.rstrip('\n').split('|')
    try:
        f = itertools
        for part in name.split('.'):
            f = getattr(f, part)
        r = f(*[conv(a) for a in eval(args)], **{k: conv(v) for k, v in eval(kw).items()})
    except Exception as e:
        print(err(e))
        continue
    print(drain(r, int(n)))
"#;

const ROWS: &[&str] = &[
    "count|()|{}|3",
    "count|(5,)|{}|3",
    "count|(-5,)|{}|2",
    "count|(2.5, 0.5)|{}|3",
    "count|(1, 0.5)|{}|3",
    "count|(1.0, 1)|{}|2",
    "count|(True,)|{}|2",
    "count|(1, True)|{}|2",
    "count|(True, 2)|{}|2",
    "count|(9223372036854775806,)|{}|3",
    "count|(100000000000000000000000, -1)|{}|2",
    "count|()|{'start': 2, 'step': -3}|3",
    "count|(1, 0)|{}|2",
    "count|('a',)|{}|1",
    "count|(1, 'a')|{}|1",
    "count|(1, 2, 3)|{}|1",
    "count|()|{'x': 1}|1",
    "count|(None,)|{}|1",
    "cycle|('abc',)|{}|7",
    "cycle|([],)|{}|3",
    "cycle|()|{}|1",
    "cycle|(1,)|{}|1",
    "cycle|([1], [2])|{}|1",
    "cycle|()|{'iterable': [1]}|1",
    "repeat|('a',)|{}|3",
    "repeat|('a', 3)|{}|5",
    "repeat|('a', -1)|{}|2",
    "repeat|(None, 0)|{}|2",
    "repeat|()|{'object': 'x', 'times': 2}|3",
    "repeat|()|{}|1",
    "repeat|(1, 2, 3)|{}|1",
    "repeat|('a', 'b')|{}|1",
    "repeat|('a', 100000000000000000000000)|{}|1",
    "repeat|('a', None)|{}|1",
    "repeat|('a',)|{'times': 1, 'x': 2}|1",
    "accumulate|([1, 2, 3, 4],)|{}|9",
    "accumulate|([3, 1, 4, 1, 5], '@max')|{}|9",
    "accumulate|([1, 2, 3],)|{'initial': 100}|9",
    "accumulate|([],)|{'initial': 7}|9",
    "accumulate|([],)|{}|9",
    "accumulate|(['a', 'b', 'c'],)|{'func': None}|9",
    "accumulate|([1, 'a'],)|{}|9",
    "accumulate|([1], None, 3)|{}|1",
    "accumulate|()|{}|1",
    "accumulate|(5,)|{}|1",
    "accumulate|([1],)|{'x': 1}|1",
    "accumulate|()|{'iterable': [2, 3]}|3",
    "chain|('ab', [1, 2], (), 'c')|{}|9",
    "chain|()|{}|2",
    "chain|([1], 5, [2])|{}|9",
    "chain|()|{'x': 1}|1",
    "chain.from_iterable|(['ab', [3]],)|{}|9",
    "chain.from_iterable|(5,)|{}|1",
    "chain.from_iterable|([5],)|{}|3",
    "chain.from_iterable|()|{}|1",
    "chain.from_iterable|([1], [2])|{}|1",
    "chain.from_iterable|()|{'x': 1}|1",
    "compress|('ABCDEF', [1, 0, 1, 0, 1, 1])|{}|9",
    "compress|('AB', [1, 1, 1, 1])|{}|9",
    "compress|()|{'data': [1, 2, 3], 'selectors': [0, 1]}|9",
    "compress|([1],)|{}|1",
    "compress|(1, [1])|{}|1",
    "compress|([1], 1)|{}|1",
    "dropwhile|('@bool', [1, 1, 0, 1, 0])|{}|9",
    "dropwhile|(None, [1])|{}|9",
    "dropwhile|('@len', ['ab', '', 'c'])|{}|9",
    "dropwhile|('@bool',)|{}|1",
    "dropwhile|('@bool', 1)|{}|1",
    "dropwhile|()|{'x': 1}|1",
    "takewhile|('@bool', [1, 2, 0, 3])|{}|9",
    "takewhile|('@len', ['ab', 'c', '', 'd'])|{}|9",
    "takewhile|('@bool',)|{}|1",
    "filterfalse|(None, [0, 1, '', 'a', None, 2])|{}|9",
    "filterfalse|('@bool', [0, 1, 2, 0])|{}|9",
    "filterfalse|('@len', ['a', '', 'bc', ''])|{}|9",
    "filterfalse|(None, 1)|{}|1",
    "filterfalse|(None,)|{}|1",
    "groupby|('aaabccdd',)|{}|9",
    "groupby|([1, 1, 2, 2, 1],)|{}|9",
    "groupby|(['a', 'bb', 'cc', 'd'], '@len')|{}|9",
    "groupby|()|{'iterable': 'aab', 'key': None}|9",
    "groupby|([],)|{}|9",
    "groupby|()|{}|1",
    "groupby|(1,)|{}|1",
    "groupby|([1], None, 3)|{}|1",
    "groupby|([1, 'a'], '@abs')|{}|3",
    "islice|('abcdefg', 2)|{}|9",
    "islice|('abcdefg', 2, None)|{}|9",
    "islice|('abcdefg', 1, 6, 2)|{}|9",
    "islice|('abcdefg', None)|{}|9",
    "islice|('abcdefg', None, None, None)|{}|9",
    "islice|('abc', 5, 10)|{}|9",
    "islice|('abcdefg', 0)|{}|9",
    "islice|([1], -1)|{}|1",
    "islice|([1], 'a')|{}|1",
    "islice|([1], 1.0)|{}|1",
    "islice|([1], 100000000000000000000000)|{}|1",
    "islice|([1], 1, 2, 0)|{}|1",
    "islice|([1], 1, 2, -1)|{}|1",
    "islice|([1], 0, 2, 'a')|{}|1",
    "islice|([1], -1, 2)|{}|1",
    "islice|([1], 'a', 2)|{}|1",
    "islice|([1], 1, -2)|{}|1",
    "islice|([1], 1, -1)|{}|1",
    "islice|([1],)|{}|1",
    "islice|()|{}|1",
    "islice|([1], 1, 2, 3, 4)|{}|1",
    "islice|([1], 1)|{'x': 1}|1",
    "islice|(1, 2)|{}|1",
    "starmap|('@divmod', [(7, 2), [9, 4]])|{}|9",
    "starmap|('@max', ['ab', (1, 5, 2)])|{}|9",
    "starmap|('@divmod', [1])|{}|9",
    "starmap|('@divmod', [(1, 0)])|{}|9",
    "starmap|('@divmod',)|{}|1",
    "starmap|('@divmod', 1)|{}|1",
    "tee|('abc',)|{}|9",
    "tee|('abc', 3)|{}|2",
    "tee|('abc', 1)|{}|9",
    "tee|('abc', 0)|{}|9",
    "tee|([1], -1)|{}|1",
    "tee|([1], 'a')|{}|1",
    "tee|(1,)|{}|1",
    "tee|(1, 0)|{}|1",
    "tee|()|{}|1",
    "tee|([1], 2, 3)|{}|1",
    "tee|([1],)|{'n': 2}|1",
    "zip_longest|('ab', [1, 2, 3])|{}|9",
    "zip_longest|('a', 'bcd')|{'fillvalue': '-'}|9",
    "zip_longest|()|{}|9",
    "zip_longest|('', '')|{}|9",
    "zip_longest|(1,)|{}|1",
    "zip_longest|([1],)|{'x': 1}|1",
    "zip_longest|([1],)|{'fillvalue': 1, 'x': 1}|1",
    "product|('ab', [0, 1])|{}|9",
    "product|([0, 1],)|{'repeat': 2}|9",
    "product|()|{}|9",
    "product|('ab', '')|{}|9",
    "product|('ab',)|{'repeat': 0}|9",
    "product|(1,)|{'repeat': 0}|9",
    "product|(1,)|{}|1",
    "product|([1],)|{'repeat': -1}|1",
    "product|([1],)|{'repeat': 'a'}|1",
    "product|([1],)|{'x': 2}|1",
    "product|([1],)|{'repeat': 2, 'x': 2}|1",
    "permutations|('abc',)|{}|9",
    "permutations|('abc', 2)|{}|9",
    "permutations|('abcd', 3)|{}|30",
    "permutations|('ab', 3)|{}|9",
    "permutations|([], 0)|{}|9",
    "permutations|([],)|{}|9",
    "permutations|('abc', 0)|{}|9",
    "permutations|()|{'iterable': 'ab', 'r': None}|9",
    "permutations|([1], 'a')|{}|1",
    "permutations|([1], 1.0)|{}|1",
    "permutations|([1], -1)|{}|1",
    "permutations|(1, 'a')|{}|1",
    "permutations|()|{}|1",
    "combinations|('abcd', 2)|{}|9",
    "combinations|('abcde', 3)|{}|20",
    "combinations|([0, 1, 2], 0)|{}|9",
    "combinations|('ab', 3)|{}|9",
    "combinations|([1],)|{}|1",
    "combinations|([1], -1)|{}|1",
    "combinations|([1], 'a')|{}|1",
    "combinations|(1, -1)|{}|1",
    "combinations_with_replacement|('abc', 2)|{}|9",
    "combinations_with_replacement|('ab', 3)|{}|9",
    "combinations_with_replacement|('', 0)|{}|9",
    "combinations_with_replacement|('', 2)|{}|9",
    "combinations_with_replacement|([1],)|{}|1",
    "combinations_with_replacement|([1], -1)|{}|1",
    "pairwise|('abcd',)|{}|9",
    "pairwise|([1],)|{}|9",
    "pairwise|([],)|{}|9",
    "pairwise|()|{}|1",
    "pairwise|(1,)|{}|1",
    "pairwise|([1], [2])|{}|1",
    "pairwise|()|{'iterable': [1]}|1",
];

/// The object for an argument: `'@name'` is the builtin `name`.
fn conv(x: Obj) -> Obj {
    let Some(name) = pystr::str_text(x).and_then(|t| t.strip_prefix('@')) else { return new_ref(x) };
    let classes = [("bool", BuiltinClass::Bool), ("int", BuiltinClass::Int), ("str", BuiltinClass::Str), ("tuple", BuiltinClass::Tuple)];
    if let Some((_, c)) = classes.iter().find(|(n, _)| *n == name) {
        return attrs::molt_builtin_class(c.code());
    }
    let f = BuiltinFunction::ALL.iter().find(|&&f| builtin_fn::name(f) == name).expect("a builtin");
    builtin_fn::molt_builtin_function(f.code())
}

fn err(e: MoltError) -> String {
    crate::exceptions::raise_error(&e);
    drop(e);
    let rep = take_exception().unwrap();
    format!("!{}: {}", rep.kind_name(), rep.message)
}

/// The rendering of [`PY_IT_EVAL`]'s `drain`.
fn drain(r: Obj, n: usize) -> String {
    let mut out = Vec::new();
    let shown = matches!(r.type_of().name, "itertools.count" | "itertools.repeat");
    if shown {
        out.push(dispatch::repr_of(r).unwrap());
    }
    let its: Vec<Obj> = match tuple::tuple_items(r) {
        Some(items) => items.to_vec(),
        None => std::vec![r],
    };
    for it in its {
        for _ in 0..n {
            match iter::iter_next(it) {
                Ok(None) => {
                    out.push("<end>".to_string());
                    break;
                }
                Err(e) => {
                    out.push(err(e));
                    break;
                }
                Ok(Some(x)) => {
                    let x = Owned(x);
                    let pair = tuple::tuple_items(x.get()).filter(|t| t.len() == 2 && t[1].type_of().name == "itertools._grouper");
                    let x = match pair {
                        Some(t) => match list::list_from_iter(t[1]) {
                            Ok(l) => {
                                let l = Owned(l);
                                Owned(tuple::tuple_from_slice(&[t[0], l.get()]).unwrap())
                            }
                            Err(e) => {
                                out.push(err(e));
                                break;
                            }
                        },
                        None => x,
                    };
                    out.push(show_obj(Ok(x.release())));
                }
            }
        }
    }
    if shown {
        out.push(dispatch::repr_of(r).unwrap());
    }
    out.join(";")
}

fn eval_row(row: &str) -> String {
    let parts: Vec<&str> = row.split('|').collect();
    let m = Owned(module::import(NativeModule::Itertools).unwrap());
    let mut f = Owned(new_ref(m.get()));
    for part in parts[0].split('.') {
        f = Owned(attrs::getattr(f.get(), part).unwrap());
    }
    let args = Owned(parse(parts[1]));
    let args: Vec<Owned> = tuple::tuple_items(args.get()).unwrap().iter().map(|&a| Owned(conv(a))).collect();
    let args: Vec<Obj> = args.iter().map(Owned::get).collect::<Vec<_>>();
    let kwd = Owned(parse(parts[2]));
    let kw_items = dict::items_vec(kwd.get()).unwrap();
    let kw_vals: Vec<Owned> = kw_items.iter().map(|&(_, v, _)| Owned(conv(v))).collect();
    let kw: Vec<(&str, Obj)> = kw_items.iter().zip(&kw_vals).map(|(&(k, _, _), v)| (pystr::str_text(k).unwrap(), v.get())).collect();
    let r = callable::call_object(f.get(), &args, &kw);
    drop(kw);
    dict::release_items(kw_items);
    let out = match r {
        Ok(r) => {
            let r = Owned(r);
            drain(r.get(), parts[3].parse().unwrap())
        }
        Err(e) => err(e),
    };
    drop(args);
    out
}

#[test]
fn itertools_match_python() {
    let _g = test_lock();
    let input: String = ROWS.iter().map(|r| format!("{r}\n")).collect();
    let expected = crate::testutil::python(PY_IT_EVAL, &input);
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(expected.len(), ROWS.len());
    let mut bad = Vec::new();
    for (row, want) in ROWS.iter().zip(expected) {
        let got = eval_row(row);
        if got != want {
            bad.push(format!("{row}\n   molt:    {got}\n   python3: {want}"));
        }
    }
    module::release_modules();
    assert!(bad.is_empty(), "{} rows differ:\n{}", bad.len(), bad.join("\n"));
    assert_all_freed();
}

/// `groupby`'s groups share its iterator; `tee`'s buffer drops what every tee read; a cycle
/// through a `chain` and a list is collected.
#[test]
fn shared_iterators_and_cycles() {
    let _g = test_lock();
    let m = Owned(module::import(NativeModule::Itertools).unwrap());
    let get = |n: &str| Owned(attrs::getattr(m.get(), n).unwrap());
    let call = |f: &Owned, args: &[Obj]| Owned(callable::call_object(f.get(), args, &[]).unwrap());
    let next = |it: Obj| iter::iter_next(it).unwrap().map(Owned);
    // groupby('aabbc'): take two groups, then the first is empty.
    let s = Owned(pystr::str_from_text("aabbc").unwrap());
    let g = call(&get("groupby"), &[s.get()]);
    let p1 = next(g.get()).unwrap();
    let p2 = next(g.get()).unwrap();
    let g1 = tuple::tuple_items(p1.get()).unwrap()[1];
    let g2 = tuple::tuple_items(p2.get()).unwrap()[1];
    assert!(next(g1).is_none());
    assert_eq!(show_obj(Ok(next(g2).unwrap().release())), "str:'b'");
    drop((p1, p2, g, s));
    // tee: the buffer holds only what one tee has not read yet.
    let l = Owned(parse("[1, 2, 3, 4]"));
    let pair = call(&get("tee"), &[l.get()]);
    let (a, b) = (tuple::tuple_items(pair.get()).unwrap()[0], tuple::tuple_items(pair.get()).unwrap()[1]);
    for _ in 0..3 {
        drop(next(a));
    }
    drop(next(b));
    assert_eq!(show_obj(Ok(next(b).unwrap().release())), "int:2");
    drop((pair, l));
    // A list holding a chain over itself.
    let l = Owned(parse("[1]"));
    let c = call(&get("chain"), &[l.get()]);
    list::append(l.get(), c.get()).unwrap();
    drop((c, l));
    crate::object::gc::collect_all();
    drop(m);
    module::release_modules();
    assert_all_freed();
}
