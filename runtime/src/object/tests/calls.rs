//! Calls of values against CPython 3.11: function objects (every binding error of
//! `initialize_locals`, defaults, keyword-only defaults, `*args`, `__qualname__` in the
//! messages), builtin functions and builtin classes called by value (good and bad arguments),
//! `map` / `filter`, key functions (`sorted`, `list.sort`, `min`, `max`), `callable`, `int(x,
//! base)`; then what python3 cannot be asked row by row: RecursionError at the limit, the
//! current depth of the runtime's calls, exceptions passing through key functions with their
//! frames, the list restored after a failing key function, cells, attributes, reprs (addresses
//! masked), and the live counts. The "compiled bodies" are Rust `extern "C"` functions with the
//! compiled code's signature; each row is checked for leaks.

use std::cell::Cell;
use std::string::{String, ToString};
use std::vec::Vec;

use super::live;
use super::seq::parse;
use super::show_obj;
use crate::exceptions::{clear_exception, exception_pending, take_exception, test_lock, value_or_raise};
use crate::object::alloc::{HeapKind, stats};
use crate::object::builtin_fn::name as builtin_name;
use crate::object::{Obj, callable, decref, dispatch, iter, new_ref, singletons, str as pystr, tuple};
use crate::testutil::Rng;
use crate::*;

/// The signature of a compiled body.
type Body = extern "C" fn(Obj, *const Obj, i64) -> Obj;

/// Bound word `i`.
fn arg(f: Obj, args: *const Obj, i: usize) -> Obj {
    let a = unsafe { crate::object::function::bound_args(f, args) };
    a[i]
}

/// A body that returns its bound words as a tuple.
extern "C" fn body_bound(f: Obj, args: *const Obj, _depth: i64) -> Obj {
    value_or_raise(tuple::tuple_from_slice(unsafe { crate::object::function::bound_args(f, args) }))
}

/// `-x`.
extern "C" fn body_neg(f: Obj, args: *const Obj, _depth: i64) -> Obj {
    value_or_raise(dispatch::unary_op(UnaryOp::Neg, arg(f, args, 0)))
}

/// `raise ValueError('boom')`, recording a traceback frame as compiled code does.
extern "C" fn body_boom(_f: Obj, _args: *const Obj, _depth: i64) -> Obj {
    let (msg, file, func, text) = ("boom", "t.py", "boom", "raise ValueError('boom')");
    // SAFETY: the pointers and lengths describe live UTF-8 text.
    unsafe {
        molt_raise(ExceptionKind::ValueError.code(), msg.as_ptr(), msg.len() as i64);
        molt_traceback_push(file.as_ptr(), file.len() as i64, func.as_ptr(), func.len() as i64, 2, text.as_ptr(), text.len() as i64, "".as_ptr(), 0);
    }
    Obj::default()
}

/// `x + y`.
extern "C" fn body_add(f: Obj, args: *const Obj, _depth: i64) -> Obj {
    value_or_raise(dispatch::binary_op(BinaryOp::Add, arg(f, args, 0), arg(f, args, 1)))
}

/// `x[0]`.
extern "C" fn body_first(f: Obj, args: *const Obj, _depth: i64) -> Obj {
    value_or_raise(dispatch::getitem(arg(f, args, 0), Obj::default()))
}

/// `x % 3`.
extern "C" fn body_mod3(f: Obj, args: *const Obj, _depth: i64) -> Obj {
    value_or_raise(dispatch::binary_op(BinaryOp::Mod, arg(f, args, 0), Obj::small(3).unwrap()))
}

/// `x`.
extern "C" fn body_ident(f: Obj, args: *const Obj, _depth: i64) -> Obj {
    new_ref(arg(f, args, 0))
}

std::thread_local! {
    /// The deepest frame `body_recurse` ran at.
    static DEEPEST: Cell<i64> = const { Cell::new(0) };
    /// The depths `body_depth` saw last.
    static SEEN: Cell<(i64, i64)> = const { Cell::new((0, 0)) };
    /// The list `body_append` appends to.
    static TARGET: Cell<Obj> = const { Cell::new(Obj::small(0).unwrap()) };
}

/// `def f(): return f()` (the function calls itself by value).
extern "C" fn body_recurse(f: Obj, _args: *const Obj, depth: i64) -> Obj {
    DEEPEST.with(|d| d.set(d.get().max(depth)));
    let empty = tuple::tuple_from_vec(Vec::new()).unwrap();
    let r = molt_call(f, empty, empty, depth);
    unsafe { decref(empty) };
    r
}

/// `(depth, the runtime's current depth)`, also kept in `SEEN`.
extern "C" fn body_depth(_f: Obj, _args: *const Obj, depth: i64) -> Obj {
    SEEN.with(|s| s.set((depth, callable::current_depth())));
    let d = Obj::small(depth).unwrap();
    let c = Obj::small(callable::current_depth()).unwrap();
    value_or_raise(tuple::tuple_from_vec(vec![d, c]))
}

/// A key function that appends its argument to `TARGET` and returns it.
extern "C" fn body_append(f: Obj, args: *const Obj, _depth: i64) -> Obj {
    let x = arg(f, args, 0);
    molt_list_append(TARGET.with(Cell::get), x);
    new_ref(x)
}

/// A function object (see `molt_function_new`).
#[allow(clippy::too_many_arguments)]
fn make_fn(qualname: &str, body: Body, params: &[&str], argcount: usize, posonly: usize, varargs: bool, defaults: Obj, kwdefaults: Obj, closure: Obj) -> Obj {
    let name = pystr::str_from_text(qualname.rsplit('.').next().unwrap()).unwrap();
    let qual = pystr::str_from_text(qualname).unwrap();
    let module = pystr::str_from_text("__main__").unwrap();
    let names = tuple::tuple_from_vec(params.iter().map(|p| pystr::str_from_text(p).unwrap()).collect()).unwrap();
    // SAFETY: `body` has the compiled bodies' signature.
    let f = unsafe { molt_function_new(body as *const u8, name, qual, module, names, argcount as i64, posonly as i64, i64::from(varargs), defaults, kwdefaults, closure) };
    assert!(!exception_pending(), "molt_function_new raised");
    unsafe {
        decref(name);
        decref(qual);
        decref(module);
        decref(names);
    }
    f
}

/// A function whose parameters are all positional, without defaults.
fn simple_fn(name: &str, body: Body, params: &[&str], varargs: bool) -> Obj {
    let empty = tuple::tuple_from_vec(Vec::new()).unwrap();
    let f = make_fn(name, body, params, params.len(), 0, varargs, empty, singletons::none(), empty);
    unsafe { decref(empty) };
    f
}

/// The pending exception as `!Kind: message`, cleared.
fn taken() -> String {
    let e = take_exception().expect("an exception is pending");
    format!("!{}: {}", e.kind_name(), e.message)
}

/// `type:repr` of a result, or for an iterator its type and items (`map:int:1;int:2`, an error
/// last); the result is released.
fn show(o: Obj) -> String {
    if o.type_of().iternext_slot().is_none() {
        return show_obj(Ok(o));
    }
    let mut items = Vec::new();
    loop {
        match iter::iter_next(o) {
            Ok(Some(x)) => items.push(show(x)),
            Ok(None) => break,
            Err(e) => {
                items.push(format!("!{}: {}", e.kind.name(), e.message));
                break;
            }
        }
    }
    let s = format!("{}:{}", o.type_of().name, items.join(";"));
    unsafe { decref(o) };
    s
}

/// `callee(*pos, **kw)` through `molt_call` from a frame at `depth`, shown.
fn call_show(callee: Obj, pos: &[Obj], kw: &[(&str, Obj)], depth: i64) -> String {
    let all: Vec<Obj> = pos.iter().chain(kw.iter().map(|(_, v)| v)).map(|&o| new_ref(o)).collect();
    let args = tuple::tuple_from_vec(all).unwrap();
    let names = tuple::tuple_from_vec(kw.iter().map(|(k, _)| pystr::str_from_text(k).unwrap()).collect()).unwrap();
    let r = molt_call(callee, args, names, depth);
    unsafe {
        decref(args);
        decref(names);
    }
    if exception_pending() {
        assert_eq!(r, Obj::default(), "a raising call returns the word 0");
        return taken();
    }
    show(r)
}

/// The test functions of the call table, by name (the same as `CALLS_PY`'s).
fn test_functions() -> Vec<(&'static str, Obj)> {
    let empty = tuple::tuple_from_vec(Vec::new()).unwrap();
    let kwdefaults = parse("{}");
    let two = Obj::small(2).unwrap();
    let defaults = tuple::tuple_from_vec(vec![two]).unwrap();
    let fns = vec![
        ("neg", simple_fn("neg", body_neg, &["x"], false)),
        ("boom", simple_fn("boom", body_boom, &[], true)),
        ("add", simple_fn("add", body_add, &["x", "y"], false)),
        ("first", simple_fn("first", body_first, &["x"], false)),
        ("mod3", simple_fn("mod3", body_mod3, &["x"], false)),
        ("ident", simple_fn("ident", body_ident, &["x"], false)),
        ("kwf", make_fn("kwf", body_bound, &["a", "b", "c"], 2, 0, false, defaults, kwdefaults, empty)),
    ];
    unsafe {
        decref(empty);
        decref(kwdefaults);
        decref(defaults);
    }
    fns
}

/// The Python side of the call table: for each call expression, its callee and arguments (a
/// literal's repr, `@name` for a name, `name=…` for a keyword), then the result as [`show`]
/// prints it.
const CALLS_PY: &str = r#"
import sys, ast
def neg(x): return -x
def boom(*a): raise ValueError('boom')
def add(x, y): return x + y
def first(x): return x[0]
def mod3(x): return x % 3
def ident(x): return x
def kwf(a, b=2, *, c): return (a, b, c)
G = dict(globals())
def tok(a):
    if isinstance(a, ast.Name) and a.id not in ('None', 'True', 'False'):
        return '@' + a.id
    return repr(ast.literal_eval(a))
def show(r):
    if hasattr(type(r), '__next__'):
        out = []
        try:
            for x in r:
                out.append(show(x))
        except Exception as e:
            out.append('!%s: %s' % (type(e).__name__, e))
        return type(r).__name__ + ':' + ';'.join(out)
    return type(r).__name__ + ':' + repr(r)
for line in sys.stdin:
    src = line.rstrip('\n')
    node = ast.parse(src, mode='eval').body
    parts = [node.func.id] + [tok(a) for a in node.args] + [k.arg + '=' + tok(k.value) for k in node.keywords]
    print('\t'.join(parts))
    try:
        print(show(eval(src, G)))
    except Exception as e:
        print('!%s: %s' % (type(e).__name__, e))
"#;

/// Calls of builtin functions, builtin classes, exception classes and test functions by value.
const CALLS: &[&str] = &[
    // Builtin functions: METH_O.
    "len([1, 2])", "len()", "len(1, 2)", "len([1], x=1)", "len(1)", "abs(-3)", "abs()", "abs(x=1)",
    "repr('a')", "repr()", "repr(1, 2)", "hash(5)", "hash()", "hash([])", "ord('€')", "ord()",
    "ord(c='a')", "ord('ab')", "chr(8364)", "chr()", "chr(1, 2)", "chr(i=3)", "chr(-1)", "id()",
    "any([0, 1])", "any()", "any(1, 2)", "any(x=1)", "all([1, 0])", "all([])", "callable(len)",
    "callable(int)", "callable(1)", "callable(neg)", "callable(None)", "callable()",
    "callable(1, 2)", "ascii('é')", "ascii()",
    // Argument Clinic and FASTCALL builtins.
    "sum([1, 2])", "sum([1], 5)", "sum([1], start=5)", "sum()", "sum([1], 2, 3)",
    "sum(iterable=[1])", "sum([1], x=1)", "sum(['a'], '')", "round(2.5)", "round(2.567, 1)",
    "round(2.567, ndigits=1)", "round(number=2.5)", "round()", "round(x=1)",
    "round(1.5, number=1)", "round(1.5, 1, 2)", "round('a')", "divmod(7, 2)", "divmod(1)",
    "divmod(1, 2, 3)", "divmod(x=1, y=2)", "divmod(1, 0)", "isinstance(1, int)",
    "isinstance(1)", "isinstance(1, int, 3)",
    "isinstance(1, int, x=3)", "isinstance(1, 2)", "format(255, 'x')", "format(1.5)",
    "format()", "format(1, 'x', 3)", "format(1, format_spec='x')", "format(1, 2)",
    "format([], 'x')", "next(1)", "next()", "next([1], 1, 2)", "next([1], default=2)",
    "iter([1, 2])", "iter()", "iter(1, 2, 3)", "iter([1], 2)", "iter(1)", "iter(x=1)",
    // min / max.
    "min([3, 1, 2])", "max(3, 1, 2)", "min()", "min(key=neg)", "min(1, 2, x=3)",
    "min([1], key=None, default=3)", "min(1, 2, key=None, default=3)", "max([], default=None)",
    "max([])", "min([], key=neg, default=5)", "min([3, 1, 2], key=neg)", "max(1, 2, 3, key=neg)",
    "min(['bb', 'a', 'cc'], key=len)", "max(['bb', 'a', 'cc'], key=len)",
    "max([(1, 'a'), (2, 'b'), (2, 'c')], key=first)", "min([1, 2], key=boom)",
    "max([1, 2], key=3)", "min([1, 'a'], key=ident)", "min(1, 2, 3, 4, key=mod3)",
    "max([1], key=neg, x=1)", "min([1], key=neg, default=1, x=2)",
    // sorted and key functions.
    "sorted([3, 1, 2])", "sorted([3, 1, 2], key=neg)", "sorted([3, 1, 2], reverse=True)",
    "sorted([3, 1, 2], key=neg, reverse=True)", "sorted(['bb', 'a', 'ccc'], key=len)",
    "sorted([(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b')], key=first)",
    "sorted([(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b')], key=first, reverse=True)",
    "sorted([5, 3, 4, 1, 2, 0], key=mod3)", "sorted([5, 3, 4, 1, 2, 0], key=mod3, reverse=1)",
    "sorted([1, 'a'], key=ident)", "sorted([2, 1], key=boom)", "sorted([1], key=boom)",
    "sorted([], key=boom)", "sorted([1, 2], key=3)", "sorted([], key=3)", "sorted()",
    "sorted(1, 2)", "sorted([1], x=1)", "sorted(iterable=[1])", "sorted([1], 2)",
    "sorted([1], key=neg, reverse=1, x=2)", "sorted([1.5, -2.0, 0.5], key=neg)",
    "sorted(['b', 'A', 'a'], key=str)", "sorted(['10', '9', '100'], key=int)",
    "sorted([3, 1, 2], key=None)", "sorted([1, 2], reverse='x')", "sorted('cab')",
    // print's checks (nothing printed on these).
    "print(1, sep=3)", "print(1, end=3)", "print(1, x=3)", "print(1, file=1)", "print(file=[])",
    "print(1, file=1, sep=3)", "print(1, file=1, end=[])",
    // Test functions by value.
    "neg(5)", "neg()", "neg(1, 2)", "neg(y=1)", "neg(x=4)", "add(1, y=2)", "add(x=1, y=2)",
    "add(1, x=2)", "add(1)", "kwf(1, c=3)", "kwf(1, 5, c=3)", "kwf(1)", "kwf(1, 2, 3)",
    "kwf(c=1)", "kwf(1, c=2, d=3)", "boom()", "boom(1, 2)", "boom(x=1)",
    // Builtin classes.
    "int()", "int(3.9)", "int('12')", "int(' -12 ', 8)", "int('ff', 16)", "int('z', 36)",
    "int('0x1f', 16)", "int('0x1f', 0)", "int('0b101', 0)", "int('0o17', 0)", "int('017', 0)",
    "int('0', 0)", "int('00', 0)", "int('0_0', 0)", "int('1_0', 0)", "int('1__0', 0)",
    "int('_1', 10)", "int('1_', 10)", "int('0x_1f', 16)", "int('0x', 16)", "int('', 10)",
    "int('12', 2)", "int('3', base=10)", "int(3, 10)", "int(3.5, base=10)", "int(base=10)",
    "int('3', 1)", "int('3', 37)", "int('3', -1)", "int('3', 2.5)", "int('9', 1180591620717411303424)",
    "int(1, 2, 3)", "int(x=3)", "int('3', foo=1)", "int('١٢', 10)", "int('12', base=0)",
    "int([])", "int('1.5')", "float()", "float('1.5')", "float(' 2 ')", "float(2)",
    "float(1, 2)", "float(x=1)", "float('x')", "float([])", "str()", "str(5)", "str([1, 'a'])",
    "str(object=5)", "str(5, 'utf-8')", "str(encoding='utf-8')", "str(x=1)",
    "str(5, encoding='ascii')", "str(1, 2, 3, 4)", "str(5, 7)", "str('a', errors=3)",
    "bool()", "bool([])", "bool('x')", "bool(1, 2)", "bool(x=1)", "tuple()", "tuple('ab')",
    "tuple([1, 2])", "tuple((1,))", "tuple(1, 2)", "tuple(x=1)", "tuple(1)", "list()",
    "list('ab')", "list((1, 2))", "list(x=1)", "list(1, 2)", "list(iterable=[1])", "list(1)",
    "dict()", "dict([(1, 2)])", "dict(a=1)", "dict([(1, 2)], a=1)", "dict({1: 2}, b=3)",
    "dict({'a': 1}, a=2)", "dict(1, 2)", "dict(3)", "dict([1])", "set()", "set([3, 1, 3])",
    "set(x=1)", "set(1, 2)", "set(1)", "frozenset()", "frozenset([3, 1, 3])", "frozenset(x=1)",
    "frozenset(1, 2)", "range(3)", "range(1, 3)", "range(1, 10, 3)", "range()",
    "range(1, 2, 3, 4)", "range(x=1)", "range(1.5)", "range(1, 2, 0)", "enumerate('ab')",
    "enumerate('ab', 5)", "enumerate('ab', start=5)", "enumerate(iterable='ab', start=3)",
    "enumerate(start=3, iterable='ab')", "enumerate()", "enumerate([1], 2, 3)",
    "enumerate([1], x=3)", "enumerate(start=3)", "enumerate(x=[1])",
    "enumerate([1], start=2, iterable=[1])", "enumerate(1)", "enumerate([1], 'a')",
    "zip('ab', [1, 2, 3])", "zip()", "zip('ab', [1], strict=True)", "zip('a', [1], strict=1)",
    "zip(x=1)", "zip([1], strict=True, x=2)", "zip(1)", "reversed([1, 2])", "reversed('ab')",
    "reversed()", "reversed(1, 2)", "reversed(seq=[1])", "reversed(1)",
    "map(neg, [1, 2])", "map(add, [1, 2, 3], [10, 20])", "map(add, [1, 2], [10, 20, 30])",
    "map(neg, [])", "map(boom, [1])", "map(neg, ['a'])", "map(3, [1])", "map(len, ['ab', []])",
    "map(str, [1, 2])", "map(int, ['1', 'x'])", "map()", "map(len)", "map(len, x=[1])",
    "map(len, 1)", "filter(None, [0, 1, '', 2, [], 'a'])", "filter(neg, [0, 1])",
    "filter(bool, [0, 3])", "filter(mod3, [1, 3, 5, 6])", "filter(boom, [1])",
    "filter(boom, [])", "filter(3, [1])", "filter()", "filter(None)", "filter(None, [1], 2)",
    "filter(x=1)", "filter(None, 1)", "type(1)", "type('a')", "type()", "type(1, 2)",
    "type(1, x=2)", "type(x=1)", "object(1)", "object(x=1)",
    "ValueError('x')", "KeyError(1)", "ValueError()", "ValueError(x=1)",
    "StopIteration()",
];

/// The object a call-table token stands for (a new reference).
fn token(t: &str, fns: &[(&str, Obj)]) -> Obj {
    let Some(name) = t.strip_prefix('@') else { return parse(t) };
    if let Some(&(_, f)) = fns.iter().find(|(n, _)| *n == name) {
        return new_ref(f);
    }
    if let Some(&b) = BuiltinFunction::ALL.iter().find(|&&b| builtin_name(b) == name) {
        return molt_builtin_function(b as i32);
    }
    let class = match name {
        "object" => BuiltinClass::Object,
        "type" => BuiltinClass::Type,
        "int" => BuiltinClass::Int,
        "float" => BuiltinClass::Float,
        "str" => BuiltinClass::Str,
        "bool" => BuiltinClass::Bool,
        "tuple" => BuiltinClass::Tuple,
        "list" => BuiltinClass::List,
        "dict" => BuiltinClass::Dict,
        "set" => BuiltinClass::Set,
        "frozenset" => BuiltinClass::FrozenSet,
        "range" => BuiltinClass::Range,
        "enumerate" => BuiltinClass::Enumerate,
        "zip" => BuiltinClass::Zip,
        "reversed" => BuiltinClass::Reversed,
        "map" => BuiltinClass::Map,
        "filter" => BuiltinClass::Filter,
        _ => {
            let kind = ExceptionKind::ALL.iter().find(|k| k.name() == name).unwrap_or_else(|| panic!("unknown name {name}"));
            return molt_exception_class(kind.code());
        }
    };
    molt_builtin_class(class as i32)
}

/// True for a keyword token `name=value`.
fn is_keyword(t: &str) -> bool {
    let Some((name, _)) = t.split_once('=') else { return false };
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !name.starts_with(|c: char| c.is_ascii_digit())
}

/// Runs the call expressions `calls` through python3 and through `molt_call` (from a frame at
/// depth 5), requiring the same results, no leaks and no exception left pending.
fn check_calls(calls: &[String]) {
    let input: String = calls.iter().map(|c| format!("{c}\n")).collect();
    let out = crate::testutil::python(CALLS_PY, &input);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2 * calls.len(), "python3's output");
    let fns = test_functions();
    let mut failures = Vec::new();
    for (k, src) in calls.iter().enumerate() {
        let (decomposed, want) = (lines[2 * k], lines[2 * k + 1]);
        let before = live();
        let toks: Vec<&str> = decomposed.split('\t').collect();
        let callee = token(&format!("@{}", toks[0]), &fns);
        let mut pos = Vec::new();
        let mut kw: Vec<(&str, Obj)> = Vec::new();
        for t in &toks[1..] {
            if is_keyword(t) {
                let (n, v) = t.split_once('=').unwrap();
                kw.push((n, token(v, &fns)));
            } else {
                pos.push(token(t, &fns));
            }
        }
        let got = call_show(callee, &pos, &kw, 5);
        for o in pos.into_iter().chain(kw.into_iter().map(|(_, v)| v)).chain([callee]) {
            unsafe { decref(o) };
        }
        assert_eq!(callable::current_depth(), 1, "{src}: the current depth is restored");
        assert_eq!(live(), before, "{src} leaked");
        if got != want {
            failures.push(format!("{src}\n   got: {got}\n  want: {want}"));
        }
    }
    for (_, f) in fns {
        unsafe { decref(f) };
    }
    super::vectors::assert_rows(calls.len(), 0, &failures);
}

#[test]
fn calls_by_value_match_python() {
    let _g = test_lock();
    clear_exception();
    std::thread::spawn(|| {
        check_calls(&CALLS.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        super::assert_all_freed();
    })
    .join()
    .unwrap();
}

/// Sorts with key functions (stability, reverse) and `int(text, base)` of random inputs.
#[test]
fn random_key_sorts_and_int_bases_match_python() {
    let _g = test_lock();
    clear_exception();
    std::thread::spawn(|| {
        let mut rng = Rng::new(0x50_27_ed);
        let mut calls = Vec::new();
        for k in 0..300 {
            let n = rng.below(40) as usize;
            let items: Vec<String> = (0..n).map(|_| (rng.below(30) as i64 - 10).to_string()).collect();
            let key = ["neg", "mod3", "ident"][k % 3];
            let rev = if rng.below(2) == 0 { "" } else { ", reverse=True" };
            calls.push(format!("sorted([{}], key={key}{rev})", items.join(", ")));
            if k % 5 == 0 {
                calls.push(format!("max([{}], key={key}, default=None)", items.join(", ")));
                calls.push(format!("min([{}], key={key}, default=None)", items.join(", ")));
            }
        }
        let alphabet = ['0', '1', '7', '8', '9', 'a', 'f', 'z', 'A', 'Z', '_', ' ', '-', '+', 'x', 'o', 'b', 'X'];
        for _ in 0..1500 {
            let len = rng.below(8) as usize;
            let text: String = (0..len).map(|_| alphabet[rng.below(alphabet.len() as u64) as usize]).collect();
            let base = match rng.below(4) {
                0 => 0,
                1 => [2, 8, 10, 16][rng.below(4) as usize],
                _ => 2 + rng.below(35) as i64,
            };
            calls.push(format!("int({text:?}, {base})"));
        }
        for digits in [20, 100, 4300, 4301] {
            calls.push(format!("int('{}', 10)", "7".repeat(digits)));
            calls.push(format!("int('{}', 16)", "f".repeat(digits)));
            calls.push(format!("int('{}', 36)", "z".repeat(digits)));
        }
        check_calls(&calls);
    })
    .join()
    .unwrap();
}

/// The Python side of the binding table: for each `signature|qualname|call`, the parameters of
/// `def f(signature)` as `molt_function_new` takes them, the call's arguments tuple and keyword
/// names, then the bound tuple (or the TypeError) of the call.
const BIND_PY: &str = r#"
import sys, ast
for line in sys.stdin:
    sig, qual, call = line.rstrip('\n').split('|')
    ns = {}
    exec('def f(%s): pass' % sig, ns)
    co = ns['f'].__code__
    n = co.co_argcount + co.co_kwonlyargcount + bool(co.co_flags & 4)
    names = co.co_varnames[:n]
    exec('def f(%s): return (%s)' % (sig, ''.join(x + ', ' for x in names)), ns)
    f = ns['f']
    f.__qualname__ = qual
    params = co.co_varnames[:co.co_argcount + co.co_kwonlyargcount]
    print(repr(params), co.co_argcount, co.co_posonlyargcount, int(bool(co.co_flags & 4)), repr(f.__defaults__ or ()), repr(f.__kwdefaults__), sep='\t')
    node = ast.parse('f(%s)' % call, mode='eval').body
    pos = tuple(ast.literal_eval(a) for a in node.args)
    print(repr(pos + tuple(ast.literal_eval(k.value) for k in node.keywords)), repr(tuple(k.arg for k in node.keywords)), sep='\t')
    try:
        print(repr(eval('f(%s)' % call, ns)))
    except TypeError as e:
        print('!TypeError: %s' % e)
"#;

/// Signatures, qualnames and calls: every check of `initialize_locals`, in its order.
const BINDINGS: &[&str] = &[
    "a, b|f|1, 2", "a, b|f|1", "a, b|f|", "a, b|f|1, 2, 3", "a|f|1, 2", "|f|1", "|f|1, 2",
    "|f|x=1", "a, b|f|b=2, a=1", "a, b|f|1, b=2", "a, b|f|1, a=2", "a, b|f|1, c=2",
    "a, b|f|1, 2, 3, c=4", "a, b|f|c=4, a=1, b=2", "a, b=2|f|", "a, b=2|f|1", "a, b=2|f|1, 3",
    "a, b=2|f|1, 2, 3", "a, b=2, c=3|f|1, c=5", "a, b=2, c=3|f|1, 2, 3, 4",
    "a, b, c=3|f|c=1", "a, b, c, d|f|b=1", "a, b, c, d, e|f|e=1", "a, b, c|outer.<locals>.g|1",
    "a, b, c|C.m|", "a=1, b=2|f|b=3", "a=1, b=2|f|5, 6, 7", "a, /|f|1", "a, /|f|a=1",
    "a, b, /|f|a=1, b=2", "a, b, /, c|f|1, 2, a=3", "a, b, /, c|f|1, a=3", "a, /, b|f|b=1, a=2",
    "a, b, /, c|f|c=1, b=2, a=3", "a, /, *, b|f|1, b=2", "a, /, *, b|f|1, c=2",
    "a, /, **k|f|1", "a, *, b|f|1, b=2", "a, *, b|f|1, 2", "a, *, b|f|1", "a, *, b, c, d|f|1",
    "a, *, b=1|f|1, 2, b=3", "a, *, b=1|f|1, 2, 3, b=3", "a, *, b, c|f|1, 2, b=3, c=4",
    "a, *, b=1, c|f|1", "a, *, b=1, c=2|f|1", "*, a|f|", "*, a|f|1", "*, a=1|f|2",
    "*args|f|", "*args|f|1, 2", "*args|f|x=1", "a, *args|f|1, 2, 3", "a, *args|f|",
    "a, *args, b|f|1, 2, 3, b=4", "a, *args, b|f|1, 2", "a, *args, b=5|f|1, 2",
    "a, b=2, *args, c, d=4|f|1, c=3", "a, b=2, *args, c, d=4|f|1, 2, 3, 4, c=3, d=5",
    "a, b=2, *args, c, d=4|f|d=1", "a, /, b=2, *args, c|f|1, 2, 3", "x, y, /, z=1, *rest, k|<lambda>|1, 2, 3, 4, k=5",
    "é|f|1, é=2", "a, b, c|f|b=1, c=2",
];

/// Function objects made from `def` signatures, called through `molt_call`, bind exactly as
/// CPython does (the bound tuple or its TypeError).
#[test]
fn argument_binding_matches_python() {
    let _g = test_lock();
    clear_exception();
    std::thread::spawn(|| {
        let rows: Vec<&str> = BINDINGS.iter().copied().filter(|r| !r.contains("**")).collect();
        let input: String = rows.iter().map(|r| format!("{r}\n")).collect();
        let out = crate::testutil::python(BIND_PY, &input);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3 * rows.len());
        let mut failures = Vec::new();
        for (k, row) in rows.iter().enumerate() {
            let before = live();
            let qual = row.split('|').nth(1).unwrap();
            let spec: Vec<&str> = lines[3 * k].split('\t').collect();
            let (params, defaults, kwdefaults) = (parse(spec[0]), parse(spec[4]), parse(spec[5]));
            let names: Vec<String> = tuple::tuple_items(params).unwrap().iter().map(|&p| pystr::str_text(p).unwrap().to_string()).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let empty = tuple::tuple_from_vec(Vec::new()).unwrap();
            let f = make_fn(qual, body_bound, &names, spec[1].parse().unwrap(), spec[2].parse().unwrap(), spec[3] == "1", defaults, kwdefaults, empty);
            let call: Vec<&str> = lines[3 * k + 1].split('\t').collect();
            let (args, kwnames) = (parse(call[0]), parse(call[1]));
            let r = molt_call(f, args, kwnames, 1);
            let got = if exception_pending() {
                taken()
            } else {
                let s = dispatch::repr_of(r).unwrap();
                unsafe { decref(r) };
                s
            };
            for o in [params, defaults, kwdefaults, empty, f, args, kwnames] {
                unsafe { decref(o) };
            }
            assert_eq!(live(), before, "{row} leaked");
            if got != lines[3 * k + 2] {
                failures.push(format!("{row}\n   got: {got}\n  want: {}", lines[3 * k + 2]));
            }
        }
        super::vectors::assert_rows(rows.len(), 50, &failures);
        super::assert_all_freed();
    })
    .join()
    .unwrap();
}

/// A function object calling itself by value stops with RecursionError when its frame would be
/// deeper than `RECURSION_LIMIT` (the module's frame counted); the error passes back through
/// every frame untouched; a call at the limit raises before binding nothing else.
#[test]
fn recursion_through_molt_call_stops_at_the_limit() {
    let _g = test_lock();
    clear_exception();
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(|| {
            let f = simple_fn("f", body_recurse, &[], false);
            let empty = tuple::tuple_from_vec(Vec::new()).unwrap();
            DEEPEST.with(|d| d.set(0));
            let r = molt_call(f, empty, empty, 1);
            assert_eq!(r, Obj::default());
            assert_eq!(taken(), "!RecursionError: maximum recursion depth exceeded");
            assert_eq!(DEEPEST.with(Cell::get), RECURSION_LIMIT);
            assert_eq!(callable::current_depth(), 1);
            // At the limit a builtin raises as the compiler's direct calls do.
            let len = molt_builtin_function(BuiltinFunction::Len as i32);
            let one = tuple::tuple_from_vec(vec![new_ref(empty)]).unwrap();
            assert_eq!(call_show(len, &[empty], &[], RECURSION_LIMIT - 1), "int:0");
            assert_eq!(call_show(len, &[empty], &[], RECURSION_LIMIT), "!RecursionError: maximum recursion depth exceeded while calling a Python object");
            let min = molt_builtin_function(BuiltinFunction::Min as i32);
            assert_eq!(call_show(min, &[one], &[], RECURSION_LIMIT - 1), "!RecursionError: maximum recursion depth exceeded in comparison");
            // A binding error comes before the recursion check.
            assert_eq!(call_show(f, &[one], &[], RECURSION_LIMIT), "!TypeError: f() takes 0 positional arguments but 1 was given");
            assert_eq!(call_show(f, &[], &[], RECURSION_LIMIT), "!RecursionError: maximum recursion depth exceeded");
            for o in [f, empty, len, one, min] {
                unsafe { decref(o) };
            }
            super::assert_all_freed();
        })
        .unwrap()
        .join()
        .unwrap();
}

/// The runtime's current depth: a body called through `molt_call` from a frame at depth 5 runs
/// at 6 with the current depth 6; a key function called by `sorted` (called by value from depth
/// 5) runs at 7 (the builtin's C level is 6); calls the runtime makes directly count from the
/// current depth; it is restored after every call, raising or not.
#[test]
fn current_depth_of_runtime_calls() {
    let _g = test_lock();
    clear_exception();
    std::thread::spawn(|| {
        let d = simple_fn("d", body_depth, &[], false);
        let dk = simple_fn("dk", body_depth, &["x"], false);
        assert_eq!(call_show(d, &[], &[], 5), "tuple:(6, 6)");
        assert_eq!(callable::current_depth(), 1);
        let sorted = molt_builtin_function(BuiltinFunction::Sorted as i32);
        let l = parse("[1]");
        assert_eq!(call_show(sorted, &[l], &[("key", dk)], 5), "list:[1]");
        assert_eq!(SEEN.with(Cell::get), (7, 7));
        let map = molt_builtin_class(BuiltinClass::Map as i32);
        let its = parse("([1],)");
        let m = molt_map(dk, its);
        assert_eq!(show(m), "map:tuple:(2, 2)");
        assert_eq!(call_show(map, &[dk, l], &[], 5), "map:tuple:(2, 2)");
        let r = callable::with_depth(40, || callable::call_object(dk, &[l], &[]));
        assert_eq!(show_obj(r), "tuple:(41, 41)");
        let boom = simple_fn("boom", body_boom, &["x"], false);
        assert_eq!(call_show(sorted, &[l], &[("key", boom)], 5), "!ValueError: boom");
        assert_eq!(callable::current_depth(), 1);
        for o in [d, dk, sorted, l, map, boom, its] {
            unsafe { decref(o) };
        }
    })
    .join()
    .unwrap();
}

/// An exception a compiled body raises inside a call the runtime makes comes out of it as it
/// was raised: its frames kept, no frame or context added, its kind usable by the runtime's
/// code (`next(map(f, it), default)` swallows a StopIteration as CPython's `builtin_next`).
#[test]
fn exceptions_from_compiled_code_pass_through_the_runtime() {
    let _g = test_lock();
    clear_exception();
    std::thread::spawn(|| {
        let boom = simple_fn("boom", body_boom, &["x"], false);
        let l = parse("[3, 1, 2]");
        let sort = "sort";
        let key = [("key", boom)];
        let r = crate::object::call::call_method(l, sort, &[], &key);
        let e = r.unwrap_err();
        assert_eq!((e.kind, e.message.as_ref()), (ExceptionKind::ValueError, "boom"));
        crate::exceptions::raise_error(&e);
        drop(e);
        let report = take_exception().unwrap();
        assert_eq!(report.frames.len(), 1, "the body's own frame only");
        assert_eq!(report.frames[0].func, "boom");
        assert!(report.chain.is_empty());
        // The list keeps its items in their order when the key function raises.
        assert_eq!(dispatch::repr_of(l).unwrap(), "[3, 1, 2]");
        // Through min() and map(): the same exception, untouched.
        let args = tuple::tuple_from_vec(vec![new_ref(l)]).unwrap();
        molt_min_max(args, false, boom, singletons::none(), false);
        assert_eq!(taken(), "!ValueError: boom");
        let m = molt_map(boom, args);
        assert!(molt_iter_next(m).is(Obj::default()) && exception_pending());
        assert_eq!(taken(), "!ValueError: boom");
        // A raised StopIteration counts as the end of the iterator for next(it, default).
        let stop = simple_fn("stop", body_stop, &["x"], false);
        let ms = molt_map(stop, args);
        let none = singletons::none();
        assert!(molt_next(ms, none, true).is(none));
        assert!(!exception_pending());
        molt_next(ms, none, false);
        assert_eq!(taken(), "!StopIteration: ");
        for o in [boom, l, args, m, stop, ms] {
            unsafe { decref(o) };
        }
        super::assert_all_freed();
    })
    .join()
    .unwrap();
}

/// `raise StopIteration`.
extern "C" fn body_stop(_f: Obj, _args: *const Obj, _depth: i64) -> Obj {
    molt_raise_new(ExceptionKind::StopIteration.code(), Obj::default(), false);
    Obj::default()
}

/// `list.sort(key=f)` where `f` changes the list: ValueError "list modified during sort", the
/// list keeps its own items, sorted (what the key function added is dropped: python3 prints
/// `list modified during sort [1, 2]` for this test's program); a key function sees the list
/// empty.
#[test]
fn key_functions_see_the_list_empty_and_cannot_change_it() {
    let _g = test_lock();
    clear_exception();
    std::thread::spawn(|| {
        let l = parse("[2, 1]");
        let seen = parse("[]");
        TARGET.with(|t| t.set(l));
        let f = simple_fn("f", body_append, &["x"], false);
        let e = crate::object::call::call_method(l, "sort", &[], &[("key", f)]).unwrap_err();
        assert_eq!((e.kind, e.message.as_ref()), (ExceptionKind::ValueError, "list modified during sort"));
        assert_eq!(dispatch::repr_of(l).unwrap(), "[1, 2]");
        // What a key function sees: the list empty (python3: `[2, 1]`, every key 0).
        let g = simple_fn("g", body_len_of_target, &["x"], false);
        TARGET.with(|t| t.set(seen));
        crate::object::call::call_method(seen, "extend", &[l], &[]).unwrap();
        crate::object::call::call_method(seen, "reverse", &[], &[]).unwrap();
        crate::object::call::call_method(seen, "sort", &[], &[("key", g)]).unwrap();
        assert_eq!(dispatch::repr_of(seen).unwrap(), "[2, 1]", "every key was len([]) == 0: stable");
        for o in [l, seen, f, g] {
            unsafe { decref(o) };
        }
        drop(e);
        super::assert_all_freed();
    })
    .join()
    .unwrap();
}

/// `len(TARGET)`.
extern "C" fn body_len_of_target(_f: Obj, _args: *const Obj, _depth: i64) -> Obj {
    molt_obj_len(TARGET.with(Cell::get))
}

/// Function objects' attributes, reprs, identity and hash; cells; builtin functions as values;
/// `callable`; map and filter objects; classes reached through `type()` and `__class__`.
#[test]
fn functions_cells_and_builtin_values() {
    let _g = test_lock();
    clear_exception();
    std::thread::spawn(|| {
        let mask = |s: String| {
            let mut out = String::new();
            let mut rest = s.as_str();
            while let Some(i) = rest.find("0x") {
                out.push_str(&rest[..i]);
                out.push_str("0x…");
                rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
            }
            out + rest
        };
        let attr = |o: Obj, name: &str| {
            // SAFETY: the name is valid for its length.
            let r = super::vectors::getattr_raw(o, name);
            if exception_pending() { taken() } else { show_obj(Ok(r)) }
        };
        let seven = Obj::small(7).unwrap();
        let cell = molt_cell_new(seven, true);
        let empty_cell = molt_cell_new(seven, false);
        let closure = tuple::tuple_from_vec(vec![new_ref(cell), new_ref(empty_cell)]).unwrap();
        let defaults = parse("(2,)");
        let kwdefaults = parse("{'c': 3}");
        let f = make_fn("outer.<locals>.inner", body_bound, &["a", "b", "c"], 2, 0, false, defaults, kwdefaults, closure);
        assert_eq!(mask(dispatch::repr_of(f).unwrap()), "<function outer.<locals>.inner at 0x…>");
        assert_eq!(attr(f, "__name__"), "str:'inner'");
        assert_eq!(attr(f, "__qualname__"), "str:'outer.<locals>.inner'");
        assert_eq!(attr(f, "__module__"), "str:'__main__'");
        assert_eq!(attr(f, "__defaults__"), "tuple:(2,)");
        assert_eq!(attr(f, "__kwdefaults__"), "dict:{'c': 3}");
        assert_eq!(mask(attr(f, "__closure__")), "tuple:(<cell at 0x…: int object at 0x…>, <cell at 0x…: empty>)");
        assert_eq!(attr(f, "__nme__"), "!AttributeError: 'function' object has no attribute '__nme__'");
        assert_eq!(attr(f, "__class__"), "type:<class 'function'>");
        let g = simple_fn("g", body_bound, &[], false);
        assert_eq!((attr(g, "__defaults__"), attr(g, "__kwdefaults__"), attr(g, "__closure__")), ("NoneType:None".into(), "NoneType:None".into(), "NoneType:None".into()));
        assert!(dispatch::rich_compare_bool(CompareOp::Eq, f, f).unwrap());
        assert!(dispatch::rich_compare_bool(CompareOp::Ne, f, g).unwrap());
        assert_eq!(dispatch::hash(f).unwrap(), dispatch::hash(f).unwrap());
        assert_eq!(dispatch::rich_compare(CompareOp::Lt, f, g).unwrap_err().message, "'<' not supported between instances of 'function' and 'function'");
        assert!(molt_obj_type(f).is(molt_builtin_class(BuiltinClass::Function as i32)));
        assert!(molt_obj_isinstance(f, molt_builtin_class(BuiltinClass::Function as i32)));
        // Cells.
        let c0 = molt_function_cell(f, 0);
        assert!(c0.is(cell));
        unsafe { decref(c0) };
        molt_function_cell(f, 2);
        assert_eq!(taken(), "!TypeError: bad argument to molt_function_cell (a compiler bug)");
        let x = "x";
        let get = |c: Obj, free: bool| {
            // SAFETY: the name is valid for its length.
            let r = unsafe { molt_cell_get(c, x.as_ptr(), 1, free) };
            if exception_pending() { taken() } else { show_obj(Ok(r)) }
        };
        assert_eq!(get(cell, true), "int:7");
        assert_eq!(get(empty_cell, true), "!NameError: cannot access free variable 'x' where it is not associated with a value in enclosing scope");
        assert_eq!(get(empty_cell, false), "!UnboundLocalError: cannot access local variable 'x' where it is not associated with a value");
        assert_eq!(attr(cell, "cell_contents"), "int:7");
        assert_eq!(attr(empty_cell, "cell_contents"), "!ValueError: Cell is empty");
        assert_eq!(mask(dispatch::repr_of(empty_cell).unwrap()), "<cell at 0x…: empty>");
        assert!(dispatch::rich_compare_bool(CompareOp::Lt, empty_cell, cell).unwrap());
        assert!(!dispatch::rich_compare_bool(CompareOp::Eq, empty_cell, cell).unwrap());
        assert_eq!(dispatch::hash(cell).unwrap_err().message, "unhashable type: 'cell'");
        let s = pystr::str_from_text("s").unwrap();
        molt_cell_set(empty_cell, s);
        assert_eq!(get(empty_cell, false), "str:'s'");
        assert_eq!(mask(dispatch::repr_of(empty_cell).unwrap()), "<cell at 0x…: str object at 0x…>");
        unsafe { molt_cell_delete(empty_cell, x.as_ptr(), 1, false) };
        assert!(!exception_pending());
        unsafe { molt_cell_delete(empty_cell, x.as_ptr(), 1, false) };
        assert_eq!(taken(), "!UnboundLocalError: cannot access local variable 'x' where it is not associated with a value");
        unsafe { molt_cell_delete(empty_cell, x.as_ptr(), 1, true) };
        assert_eq!(taken(), "!NameError: cannot access free variable 'x' where it is not associated with a value in enclosing scope");
        // `type(cell)(…)`.
        let cell_class = molt_obj_type(cell);
        assert_eq!(mask(call_show(cell_class, &[seven], &[], 1)), "cell:<cell at 0x…: int object at 0x…>");
        assert_eq!(call_show(cell_class, &[seven, seven], &[], 1), "!TypeError: cell expected at most 1 argument, got 2");
        assert_eq!(call_show(cell_class, &[], &[("x", seven)], 1), "!TypeError: cell() takes no keyword arguments");
        let fclass = molt_obj_type(f);
        assert_eq!(call_show(fclass, &[], &[], 1), "!TypeError: function() missing required argument 'code' (pos 1)");
        assert_eq!(call_show(fclass, &[seven, seven], &[], 1), "!TypeError: function() argument 'code' must be code, not int");
        // Builtin functions.
        for &b in BuiltinFunction::ALL {
            let o = molt_builtin_function(b as i32);
            assert!(o.is(molt_builtin_function(b as i32)), "one object per builtin");
            assert_eq!(dispatch::repr_of(o).unwrap(), format!("<built-in function {}>", builtin_name(b)));
            assert_eq!(attr(o, "__name__"), format!("str:'{}'", builtin_name(b)));
            assert_eq!(attr(o, "__qualname__"), format!("str:'{}'", builtin_name(b)));
            assert!(callable::is_callable(o));
        }
        let len = molt_builtin_function(BuiltinFunction::Len as i32);
        assert_eq!(attr(len, "__module__"), "str:'builtins'");
        assert_eq!(attr(len, "x"), "!AttributeError: 'builtin_function_or_method' object has no attribute 'x'");
        assert_eq!(attr(len, "__class__"), "type:<class 'builtin_function_or_method'>");
        assert_eq!(call_show(molt_obj_type(len), &[], &[], 1), "!TypeError: cannot create 'builtin_function_or_method' instances");
        molt_builtin_function(10_000);
        assert_eq!(taken(), "!TypeError: bad argument to molt_builtin_function (a compiler bug)");
        // callable().
        for (o, want) in [(f, true), (len, true), (molt_builtin_class(BuiltinClass::Int as i32), true), (seven, false), (cell, false), (singletons::none(), false)] {
            assert_eq!(callable::is_callable(o), want, "{}", dispatch::repr_of(o).unwrap());
        }
        // Anything else is not callable.
        assert_eq!(call_show(seven, &[], &[], 1), "!TypeError: 'int' object is not callable");
        assert_eq!(call_show(cell, &[], &[], 1), "!TypeError: 'cell' object is not callable");
        // map and filter objects.
        let neg = simple_fn("neg", body_neg, &["x"], false);
        let its = parse("([1, 2],)");
        let m = molt_map(neg, its);
        let l05 = parse("[0, 5]");
        let fl = molt_filter(singletons::none(), l05);
        assert_eq!(mask(dispatch::repr_of(m).unwrap()), "<map object at 0x…>");
        assert_eq!(mask(dispatch::repr_of(fl).unwrap()), "<filter object at 0x…>");
        let mi = molt_obj_iter(m);
        assert!(mi.is(m), "iter(m) is m");
        unsafe { decref(mi) };
        assert_eq!(show_obj(Ok(molt_next(m, singletons::none(), false))), "int:-1");
        assert_eq!(show_obj(Ok(molt_iter_next(m))), "int:-2");
        assert!(molt_iter_next(m).is(Obj::from_static(&molt_iter_done)));
        assert_eq!(show_obj(Ok(molt_iter_next(fl))), "int:5");
        assert!(molt_obj_truth(m));
        assert!(molt_obj_type(m).is(molt_builtin_class(BuiltinClass::Map as i32)));
        assert!(molt_obj_type(fl).is(molt_builtin_class(BuiltinClass::Filter as i32)));
        molt_map(neg, parse("()"));
        assert_eq!(taken(), "!TypeError: map() must have at least two arguments.");
        molt_filter(neg, seven);
        assert_eq!(taken(), "!TypeError: 'int' object is not iterable");
        // Classes reached through type() and __class__, and what Molt cannot make.
        assert_eq!(attr(seven, "__class__"), "type:<class 'int'>");
        let t = parse("('12',)");
        // SAFETY: the names are valid for their lengths; `method` comes from the lookup.
        let r = unsafe {
            let n = crate::object::range::Owned(pystr::str_from_text("__class__").unwrap());
            let method = molt_obj_lookup_method(seven, n.get());
            assert!(method.is_null(), "an attribute that is not a method");
            let items = crate::object::tuple::tuple_items(t).unwrap();
            molt_obj_call_method(seven, method, n.get(), "".as_ptr(), 0, 1, items.as_ptr().cast(), items.len() as i64)
        };
        assert_eq!(show_obj(Ok(r)), "int:12");
        // SAFETY: as above.
        {
            let n = crate::object::range::Owned(pystr::str_from_text("real").unwrap());
            let items = crate::object::tuple::tuple_items(t).unwrap();
            unsafe { molt_obj_call_method(seven, core::ptr::null(), n.get(), "".as_ptr(), 0, 1, items.as_ptr().cast(), items.len() as i64) };
        }
        assert_eq!(taken(), "!TypeError: 'int' object is not callable");
        unsafe { decref(t) };
        let int_class = molt_obj_type(seven);
        let twelve = pystr::str_from_text("12").unwrap();
        assert_eq!(call_show(int_class, &[twelve], &[], 1), "int:12");
        let type_class = molt_builtin_class(BuiltinClass::Type as i32);
        let abc = parse("('A', (), {})");
        assert_eq!(call_show(type_class, tuple::tuple_items(abc).unwrap(), &[], 1), "type:<class '__main__.A'>");
        let value_error = molt_exception_class(ExceptionKind::ValueError.code());
        assert_eq!(call_show(value_error, &[seven, seven], &[], 1), "ValueError:ValueError(7, 7)");
        let object = molt_builtin_class(BuiltinClass::Object as i32);
        let o1 = molt_call(object, closure, parse("()"), 1);
        assert_eq!(taken(), "!TypeError: object() takes no arguments");
        assert_eq!(o1, Obj::default());
        let empty = parse("()");
        let o1 = molt_call(object, empty, empty, 1);
        let o2 = molt_call(object, empty, empty, 1);
        assert_eq!(mask(dispatch::repr_of(o1).unwrap()), "<object object at 0x…>");
        assert!(!dispatch::rich_compare_bool(CompareOp::Eq, o1, o2).unwrap());
        assert!(dispatch::rich_compare_bool(CompareOp::Eq, o1, o1).unwrap());
        assert_eq!(stats(HeapKind::Object).live, 2);
        for o in [cell, empty_cell, closure, defaults, kwdefaults, f, g, s, cell_class, fclass, len, neg, its, m, l05, fl, int_class, twelve, type_class, abc, value_error, object, empty, o1, o2] {
            unsafe { decref(o) };
        }
        super::assert_all_freed();
        for k in [HeapKind::Function, HeapKind::Cell, HeapKind::Map, HeapKind::Filter, HeapKind::Object] {
            assert!(stats(k).allocations > 0, "no {} allocated", k.name());
        }
    })
    .join()
    .unwrap();
}

/// `print` called by value: its arguments by `str()`, `sep`, `end`, a false `flush`; nothing
/// written when an argument check fails.
#[test]
fn print_by_value() {
    let _g = test_lock();
    clear_exception();
    let _ = crate::print::take_buffered();
    std::thread::spawn(|| {
        let print = molt_builtin_function(BuiltinFunction::Print as i32);
        let (a, b) = (parse("'a'"), parse("[1, 'b']"));
        let (dash, bang, none, one) = (parse("'-'"), parse("'!'"), singletons::none(), Obj::small(1).unwrap());
        let zero = Obj::small(0).unwrap();
        assert_eq!(call_show(print, &[a, b, one], &[], 1), "NoneType:None");
        assert_eq!(call_show(print, &[a, b], &[("sep", dash), ("end", bang), ("flush", zero)], 1), "NoneType:None");
        assert_eq!(call_show(print, &[], &[], 1), "NoneType:None");
        assert_eq!(call_show(print, &[a], &[("sep", none), ("end", none), ("file", none)], 1), "NoneType:None");
        assert_eq!(call_show(print, &[a], &[("sep", one)], 1), "!TypeError: sep must be None or a string, not int");
        for o in [print, a, b, dash, bang] {
            unsafe { decref(o) };
        }
    })
    .join()
    .unwrap();
    let out = String::from_utf8(crate::print::take_buffered()).unwrap();
    assert_eq!(out, "a [1, 'b'] 1\na-[1, 'b']!\na\n");
}
