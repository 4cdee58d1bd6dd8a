//! The runtime's modules against CPython 3.11: each module's namespace is exactly its
//! `NATIVE_MODULES` list (and each listed name exists in CPython's module); module objects'
//! attributes, reprs and errors; every math, sys and time function called through its
//! builtin function object on the rows of [`ROWS`] (plus random arguments for the float
//! functions: results must be bit-identical, which their reprs show) and compared with what
//! python3 prints for the same calls ([`PY_CALL_EVAL`]); `sys.exit`'s exceptions; the recursion
//! limit; `sys.stdout.write` and `print(file=...)`. Every object is freed.

use std::string::{String, ToString};
use std::vec::Vec;

use super::seq::parse;
use super::{assert_all_freed, show_obj};
use crate::exceptions::{MoltResult, take_exception, test_lock};
use crate::object::range::Owned;
use crate::object::{Obj, attrs, callable, dict, dispatch, module, str as pystr, tuple};
use crate::testutil::Rng;
use crate::{NATIVE_MODULES, NativeModule};

/// The evaluator of the call rows (`module.name|args tuple|kwargs dict`).
const PY_CALL_EVAL: &str = r#"
import sys, math, time, typing
G = {'nan': float('nan'), 'inf': float('inf')}
for line in sys.stdin:
    name, args, kw = line.rstrip('\n').split('|')
    mod, fn = name.split('.')
    try:
        f = getattr(sys.modules[mod], fn)
        r = f(*eval(args, G), **eval(kw, G))
        out = type(r).__name__ + ':' + repr(r)
    except Exception as e:
        out = '!%s: %s' % (type(e).__name__, e)
    print(out)
"#;

/// Calls whose results (or errors) must be CPython's.
const ROWS: &[&str] = &[
    "math.sqrt|(2.0,)|{}",
    "math.sqrt|(2,)|{}",
    "math.sqrt|(-1.0,)|{}",
    "math.sqrt|(True,)|{}",
    "math.sqrt|('a',)|{}",
    "math.sqrt|(None,)|{}",
    "math.sqrt|()|{}",
    "math.sqrt|(1, 2)|{}",
    "math.sqrt|()|{'x': 1}",
    "math.sqrt|(100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000,)|{}",
    "math.sqrt|(inf,)|{}",
    "math.sqrt|(nan,)|{}",
    "math.exp|(1000.0,)|{}",
    "math.exp|(-1000.0,)|{}",
    "math.exp|(1.0,)|{}",
    "math.exp2|(1024,)|{}",
    "math.expm1|(1e-10,)|{}",
    "math.expm1|(-1000.0,)|{}",
    "math.log|(0,)|{}",
    "math.log|(-1,)|{}",
    "math.log|(0.0,)|{}",
    "math.log|(10,)|{}",
    "math.log|(8, 2)|{}",
    "math.log|(100, 10)|{}",
    "math.log|(10, 1)|{}",
    "math.log|(10, 0)|{}",
    "math.log|(1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000,)|{}",
    "math.log|(-1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000,)|{}",
    "math.log|()|{}",
    "math.log|(1, 2, 3)|{}",
    "math.log|()|{'x': 1}",
    "math.log|('a',)|{}",
    "math.log2|(1024,)|{}",
    "math.log2|(3.0,)|{}",
    "math.log2|(0,)|{}",
    "math.log2|(1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000,)|{}",
    "math.log10|(1000,)|{}",
    "math.log10|(-5.0,)|{}",
    "math.log10|(1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000,)|{}",
    "math.log1p|(-0.0,)|{}",
    "math.log1p|(-1.0,)|{}",
    "math.log1p|(1e-20,)|{}",
    "math.acos|(2.0,)|{}",
    "math.acosh|(0.5,)|{}",
    "math.atanh|(1.0,)|{}",
    "math.asin|(0.5,)|{}",
    "math.asinh|(-3.0,)|{}",
    "math.atan|(inf,)|{}",
    "math.atan2|(1.0, -0.0)|{}",
    "math.atan2|(inf, -inf)|{}",
    "math.atan2|(-0.0, -1.0)|{}",
    "math.atan2|(1.0,)|{}",
    "math.atan2|(1.0, 2.0)|{'y': 1}",
    "math.cbrt|(-27.0,)|{}",
    "math.cos|(inf,)|{}",
    "math.cosh|(1000.0,)|{}",
    "math.sinh|(-1000.0,)|{}",
    "math.tan|(1.5707963267948966,)|{}",
    "math.tanh|(-0.0,)|{}",
    "math.sin|(1e22,)|{}",
    "math.copysign|(1.0, -0.0)|{}",
    "math.copysign|(3, nan)|{}",
    "math.fabs|(-5,)|{}",
    "math.fmod|(10.0, 3.0)|{}",
    "math.fmod|(-10.0, inf)|{}",
    "math.fmod|(inf, 1.0)|{}",
    "math.fmod|(1.0, 0.0)|{}",
    "math.fmod|(1.0,)|{}",
    "math.remainder|(10.0, 4.0)|{}",
    "math.remainder|(11.0, 4.0)|{}",
    "math.remainder|(-3.0, 2.0)|{}",
    "math.remainder|(1.0, 0.0)|{}",
    "math.remainder|(inf, 1.0)|{}",
    "math.remainder|(1.0, inf)|{}",
    "math.pow|(2.0, 0.5)|{}",
    "math.pow|(0.0, -1.0)|{}",
    "math.pow|(-8.0, 1.0)|{}",
    "math.pow|(-8.0, 0.5)|{}",
    "math.pow|(10.0, 400.0)|{}",
    "math.pow|(nan, 0.0)|{}",
    "math.pow|(1.0, nan)|{}",
    "math.pow|(-inf, 3.0)|{}",
    "math.pow|(-inf, -3.0)|{}",
    "math.pow|(0.5, -inf)|{}",
    "math.pow|(-1.0, inf)|{}",
    "math.pow|(2,)|{}",
    "math.ldexp|(1.0, 1024)|{}",
    "math.ldexp|(1.0, -1080)|{}",
    "math.ldexp|(1.5, 3)|{}",
    "math.ldexp|(1.0, 1.5)|{}",
    "math.ldexp|(1.0, 100000000000000000000000000000)|{}",
    "math.ldexp|(1.0, -100000000000000000000000000000)|{}",
    "math.ldexp|(0.0, 100000000000000000000000000000)|{}",
    "math.ldexp|(1.0, True)|{}",
    "math.ldexp|(1,)|{}",
    "math.frexp|(8.0,)|{}",
    "math.frexp|(0.0,)|{}",
    "math.frexp|(inf,)|{}",
    "math.frexp|(-5,)|{}",
    "math.modf|(-3.5,)|{}",
    "math.modf|(inf,)|{}",
    "math.modf|(nan,)|{}",
    "math.degrees|(3.141592653589793,)|{}",
    "math.radians|(180,)|{}",
    "math.isfinite|(inf,)|{}",
    "math.isinf|(-inf,)|{}",
    "math.isnan|(nan,)|{}",
    "math.isnan|(1,)|{}",
    "math.nextafter|(1.0, 2.0)|{}",
    "math.nextafter|(0.0, -1.0)|{}",
    "math.ulp|(1.0,)|{}",
    "math.ulp|(-0.0,)|{}",
    "math.ulp|(1.7976931348623157e308,)|{}",
    "math.ulp|(inf,)|{}",
    "math.ceil|(1.5,)|{}",
    "math.ceil|(-1.5,)|{}",
    "math.ceil|(1e300,)|{}",
    "math.ceil|(5,)|{}",
    "math.ceil|(True,)|{}",
    "math.ceil|('a',)|{}",
    "math.floor|(inf,)|{}",
    "math.floor|(nan,)|{}",
    "math.floor|(-0.5,)|{}",
    "math.floor|(100000000000000000000000000000,)|{}",
    "math.trunc|(-2.7,)|{}",
    "math.trunc|(7,)|{}",
    "math.trunc|('a',)|{}",
    "math.trunc|([],)|{}",
    "math.factorial|(0,)|{}",
    "math.factorial|(20,)|{}",
    "math.factorial|(21,)|{}",
    "math.factorial|(50,)|{}",
    "math.factorial|(-1,)|{}",
    "math.factorial|(1.5,)|{}",
    "math.factorial|(100000000000000000000000000000,)|{}",
    "math.factorial|(-100000000000000000000000000000,)|{}",
    "math.isqrt|(0,)|{}",
    "math.isqrt|(15,)|{}",
    "math.isqrt|(16,)|{}",
    "math.isqrt|(1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001,)|{}",
    "math.isqrt|(-1,)|{}",
    "math.isqrt|(2.0,)|{}",
    "math.gcd|()|{}",
    "math.gcd|(-12,)|{}",
    "math.gcd|(12, 18)|{}",
    "math.gcd|(0, 0)|{}",
    "math.gcd|(-4, 6, 10)|{}",
    "math.gcd|(1, 2.0)|{}",
    "math.gcd|(100000000000000000000000000000, 250000000000000000000)|{}",
    "math.gcd|()|{'a': 1}",
    "math.lcm|()|{}",
    "math.lcm|(-4,)|{}",
    "math.lcm|(4, 6)|{}",
    "math.lcm|(0, 6, 'a')|{}",
    "math.lcm|(4, 6, 0)|{}",
    "math.lcm|(100000000000000000000000000000, 7)|{}",
    "math.comb|(10, 3)|{}",
    "math.comb|(10, 11)|{}",
    "math.comb|(10, 0)|{}",
    "math.comb|(-1, 2)|{}",
    "math.comb|(5, -2)|{}",
    "math.comb|(100, 50)|{}",
    "math.comb|(100000000000000000000000000000, 3)|{}",
    "math.comb|(100000000000000000000000000000, 99999999999999999999999999998)|{}",
    "math.comb|(100000000000000000000000000000, 10000000000000000000000000)|{}",
    "math.comb|(5,)|{}",
    "math.comb|(5.0, 2)|{}",
    "math.perm|(5,)|{}",
    "math.perm|(5, None)|{}",
    "math.perm|(5, 2)|{}",
    "math.perm|(5, 6)|{}",
    "math.perm|(100000000000000000000000000000, 2)|{}",
    "math.perm|(100000000000000000000000000000, 10000000000000000000000000)|{}",
    "math.perm|(1, 2, 3)|{}",
    "math.perm|(-1,)|{}",
    "math.fsum|([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1],)|{}",
    "math.fsum|([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50],)|{}",
    "math.fsum|([1e-16, 1, 1e16],)|{}",
    "math.fsum|([1e308, 1e308],)|{}",
    "math.fsum|([inf, -inf],)|{}",
    "math.fsum|([inf, 1.0, inf],)|{}",
    "math.fsum|([nan, 1.0],)|{}",
    "math.fsum|([],)|{}",
    "math.fsum|((1, 2, 3),)|{}",
    "math.fsum|(1,)|{}",
    "math.fsum|(['a'],)|{}",
    "math.hypot|()|{}",
    "math.hypot|(3, 4)|{}",
    "math.hypot|(-5,)|{}",
    "math.hypot|(1.0, 2.0, 3.0, 4.0, 5.0)|{}",
    "math.hypot|(1e-320, 1e-320)|{}",
    "math.hypot|(1e308, 1e308)|{}",
    "math.hypot|(inf, nan)|{}",
    "math.hypot|(nan, 1.0)|{}",
    "math.hypot|('a',)|{}",
    "math.dist|((0, 0), (3, 4))|{}",
    "math.dist|([1.5, 2.5, 3.5], (0.25, 0.5, 0.75))|{}",
    "math.dist|((1,), (1, 2))|{}",
    "math.dist|(1, 2)|{}",
    "math.prod|([1, 2, 3, 4],)|{}",
    "math.prod|([],)|{}",
    "math.prod|([2, 3],)|{'start': 10}",
    "math.prod|([1.5, 2],)|{}",
    "math.prod|([10000000000, 10000000000, 10000000000],)|{}",
    "math.prod|(['a', 3],)|{}",
    "math.prod|()|{}",
    "math.prod|([1], 2)|{}",
    "math.prod|([1],)|{'x': 2}",
    "math.isclose|(1.0, 1.0000000001)|{}",
    "math.isclose|(1.0, 1.1)|{'rel_tol': 0.2}",
    "math.isclose|(0.0, 1e-10)|{'abs_tol': 1e-09}",
    "math.isclose|(inf, inf)|{}",
    "math.isclose|(inf, 1e308)|{}",
    "math.isclose|(nan, nan)|{}",
    "math.isclose|(1, 2)|{'rel_tol': -1}",
    "math.isclose|(1,)|{}",
    "math.isclose|(1, 2, 3)|{}",
    "math.isclose|(1, 2)|{'foo': 1}",
    "math.isclose|()|{'a': 1, 'b': 1}",
    "math.gamma|(5.0,)|{}",
    "math.gamma|(0.5,)|{}",
    "math.gamma|(-0.5,)|{}",
    "math.gamma|(0.0,)|{}",
    "math.gamma|(-2.0,)|{}",
    "math.gamma|(171.5,)|{}",
    "math.gamma|(-171.5,)|{}",
    "math.gamma|(1e-30,)|{}",
    "math.gamma|(-inf,)|{}",
    "math.gamma|(150.25,)|{}",
    "math.lgamma|(0.5,)|{}",
    "math.lgamma|(-0.5,)|{}",
    "math.lgamma|(0.0,)|{}",
    "math.lgamma|(1e300,)|{}",
    "math.lgamma|(-inf,)|{}",
    "math.lgamma|(2.0,)|{}",
    "math.erf|(0.5,)|{}",
    "math.erfc|(30.0,)|{}",
    "math.erfc|(-3.0,)|{}",
    "sys.getrecursionlimit|()|{}",
    "sys.getrecursionlimit|(1,)|{}",
    "sys.setrecursionlimit|('a',)|{}",
    "sys.setrecursionlimit|(0,)|{}",
    "sys.setrecursionlimit|(1.5,)|{}",
    "sys.setrecursionlimit|(100000000000000000000,)|{}",
    "sys.setrecursionlimit|()|{}",
    "sys.exit|(1, 2)|{}",
    "sys.exit|()|{'status': 1}",
    "sys.intern|(1,)|{}",
    "sys.intern|('abc',)|{}",
    "time.sleep|(0,)|{}",
    "time.sleep|(0.001,)|{}",
    "time.sleep|(-1,)|{}",
    "time.sleep|(nan,)|{}",
    "time.sleep|('a',)|{}",
    "time.sleep|(None,)|{}",
    "time.sleep|(1e300,)|{}",
    "time.sleep|(100000000000,)|{}",
    "time.sleep|()|{}",
    "time.time|(1,)|{}",
    "time.monotonic|()|{'a': 1}",
    "time.perf_counter_ns|(1, 2)|{}",
];

/// The module named `name`.
fn which(name: &str) -> NativeModule {
    NativeModule::ALL.iter().copied().find(|&m| module::module_name(m) == name).expect("a module")
}

/// Runs one row with the runtime: `type:repr` or `!Kind: message`.
fn eval_row(row: &str) -> String {
    let parts: Vec<&str> = row.split('|').collect();
    let (m, f) = parts[0].split_once('.').unwrap();
    let module = Owned(module::import(which(m)).unwrap());
    let func = Owned(attrs::getattr(module.get(), f).unwrap());
    let args = Owned(parse(parts[1]));
    let kwd = Owned(parse(parts[2]));
    let kw_items = dict::items_vec(kwd.get()).unwrap();
    let kw: Vec<(&str, Obj)> = kw_items.iter().map(|&(k, v, _)| (pystr::str_text(k).unwrap(), v)).collect();
    let r = callable::call_object(func.get(), tuple::tuple_items(args.get()).unwrap(), &kw);
    dict::release_items(kw_items);
    show(r)
}

/// `type:repr`, or the error as a traceback's last line shows it.
fn show(r: MoltResult<Obj>) -> String {
    match r {
        Ok(o) => show_obj(Ok(o)),
        Err(e) => {
            crate::exceptions::raise_error(&e);
            drop(e);
            let rep = take_exception().unwrap();
            format!("!{}: {}", rep.kind_name(), rep.message)
        }
    }
}

fn check_rows(rows: &[String]) {
    let input: String = rows.iter().map(|r| format!("{r}\n")).collect();
    let expected = crate::testutil::python(PY_CALL_EVAL, &input);
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

#[test]
fn calls_match_python() {
    let _g = test_lock();
    let rows: Vec<String> = ROWS.iter().map(|r| r.to_string()).collect();
    check_rows(&rows);
    assert_eq!(crate::exceptions::recursion_limit(), crate::RECURSION_LIMIT);
    assert_all_freed();
}

/// A random finite float: any bit pattern, or a value of a moderate magnitude.
fn random_float(rng: &mut Rng) -> f64 {
    loop {
        let v = match rng.below(3) {
            0 => f64::from_bits(rng.next()),
            1 => (rng.int_any_width() as f64) / 1024.0,
            _ => (rng.next() % 2_000_000) as f64 / 1000.0 - 1000.0,
        };
        if v.is_finite() {
            return v;
        }
    }
}

#[test]
fn float_functions_are_bit_identical() {
    let _g = test_lock();
    let one = [
        "acos", "acosh", "asin", "asinh", "atan", "atanh", "cbrt", "cos", "cosh", "erf", "erfc", "exp", "exp2", "expm1", "fabs", "gamma", "lgamma",
        "log", "log10", "log1p", "log2", "sin", "sinh", "sqrt", "tan", "tanh", "ulp", "frexp", "modf", "floor", "ceil", "trunc", "degrees", "radians",
    ];
    let two = ["atan2", "copysign", "fmod", "remainder", "pow", "nextafter", "hypot", "dist", "isclose"];
    let mut rng = Rng::new(27);
    let mut rows = Vec::new();
    for f in one {
        for _ in 0..40 {
            rows.push(format!("math.{f}|({:?},)|{{}}", random_float(&mut rng)));
        }
    }
    for f in two {
        for _ in 0..40 {
            let (a, b) = (random_float(&mut rng), random_float(&mut rng));
            rows.push(match f {
                "dist" => format!("math.dist|(({a:?}, {b:?}), ({b:?}, {a:?}))|{{}}"),
                _ => format!("math.{f}|({a:?}, {b:?})|{{}}"),
            });
        }
    }
    for _ in 0..100 {
        let n = 1 + rng.below(8) as usize;
        let xs: Vec<String> = (0..n).map(|_| format!("{:?}", random_float(&mut rng))).collect();
        rows.push(format!("math.fsum|([{}],)|{{}}", xs.join(", ")));
        rows.push(format!("math.hypot|({},)|{{}}", xs.join(", ")));
    }
    check_rows(&rows);
    assert_all_freed();
}

#[test]
fn module_namespaces_are_the_abi_lists() {
    let _g = test_lock();
    let all: Vec<&str> = NATIVE_MODULES.iter().map(|e| e.0).collect();
    let mut script = format!("import {}\nmissing = []\n", all.join(", "));
    for (i, &(name, names)) in NATIVE_MODULES.iter().enumerate() {
        assert_eq!(module::module_name(NativeModule::ALL[i]), name);
        let m = Owned(module::import(NativeModule::ALL[i]).unwrap());
        let again = Owned(module::import(NativeModule::ALL[i]).unwrap());
        assert!(m.get().is(again.get()), "import {name} twice: one object");
        let d = module::module_dict(m.get()).unwrap();
        let mut keys: Vec<String> = dict::items_vec(d)
            .map(|items| {
                let ks = items.iter().map(|&(k, _, _)| pystr::str_text(k).unwrap().to_string()).collect();
                dict::release_items(items);
                ks
            })
            .unwrap();
        keys.retain(|k| k != "__name__");
        keys.sort();
        let mut want: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(keys, want, "the namespace of {name}");
        for n in names {
            script.push_str(&format!("if not hasattr({name}, '{n}'): missing.append('{name}.{n}')\n"));
        }
    }
    script.push_str("print(missing)\n");
    assert_eq!(crate::testutil::python(&script, ""), "[]\n");
    module::release_modules();
    assert_all_freed();
}

/// `import math` then attribute reads, writes, deletions and reprs, against python3.
#[test]
fn module_objects_match_python() {
    let _g = test_lock();
    let py = r#"
import math, sys, time, typing, re
def show(f):
    try:
        r = f()
        t = type(r)
        name = t.__name__ if t.__module__ == 'builtins' else t.__module__ + '.' + t.__name__
        # CPython loads math from a shared library: its repr names the file.
        print(name + ':' + re.sub(r" from '[^']*'>", " (built-in)>", repr(r)))
    except Exception as e:
        print('!%s: %s' % (type(e).__name__, e))
show(lambda: math)
show(lambda: sys)
show(lambda: time)
show(lambda: math.__name__)
show(lambda: math.pi)
show(lambda: math.e)
show(lambda: math.tau)
show(lambda: math.inf)
show(lambda: math.nan)
show(lambda: math.sqrt)
show(lambda: math.sqrt.__name__)
show(lambda: math.sqrt.__module__)
show(lambda: math.xyz)
show(lambda: type(math))
show(lambda: setattr(math, 'answer', 42))
show(lambda: math.answer)
show(lambda: delattr(math, 'answer'))
show(lambda: math.answer)
show(lambda: delattr(math, 'answer'))
show(lambda: sys.maxsize)
show(lambda: sys.maxunicode)
show(lambda: sys.platform)
show(lambda: sys.byteorder)
show(lambda: sys.stdout)
show(lambda: sys.stderr)
show(lambda: sys.stdout.name)
show(lambda: sys.stdout.encoding)
show(lambda: sys.stdout.write(1))
show(lambda: sys.stdout.write())
show(lambda: sys.stdout.flush(1))
show(lambda: sys.exit)
show(lambda: time.sleep)
show(lambda: typing.TYPE_CHECKING)
show(lambda: 'pi' in math.__dict__)
"#;
    let expected = crate::testutil::python(py, "");
    let mut got = Vec::new();
    let imp = |m| Owned(module::import(m).unwrap());
    let (math, sys, time, typing) = (imp(NativeModule::Math), imp(NativeModule::Sys), imp(NativeModule::Time), imp(NativeModule::Typing));
    let ga = |o: Obj, n: &str| attrs::getattr(o, n);
    let name = |n: &str| Owned(pystr::str_from_text(n).unwrap());
    got.push(show(Ok(crate::object::new_ref(math.get()))));
    got.push(show(Ok(crate::object::new_ref(sys.get()))));
    got.push(show(Ok(crate::object::new_ref(time.get()))));
    for a in ["__name__", "pi", "e", "tau", "inf", "nan", "sqrt"] {
        got.push(show(ga(math.get(), a)));
    }
    let sqrt = Owned(ga(math.get(), "sqrt").unwrap());
    got.push(show(ga(sqrt.get(), "__name__")));
    got.push(show(ga(sqrt.get(), "__module__")));
    got.push(show(ga(math.get(), "xyz")));
    got.push(show(Ok(attrs::molt_obj_type(math.get()))));
    let answer = name("answer");
    let none = |r: MoltResult<()>| r.map(|()| crate::object::singletons::none());
    got.push(show(none(attrs::setattr(math.get(), answer.get(), Some(Obj::small(42).unwrap())))));
    got.push(show(ga(math.get(), "answer")));
    got.push(show(none(attrs::setattr(math.get(), answer.get(), None))));
    got.push(show(ga(math.get(), "answer")));
    got.push(show(none(attrs::setattr(math.get(), answer.get(), None))));
    for a in ["maxsize", "maxunicode", "platform", "byteorder", "stdout", "stderr"] {
        got.push(show(ga(sys.get(), a)));
    }
    let stdout = Owned(ga(sys.get(), "stdout").unwrap());
    got.push(show(ga(stdout.get(), "name")));
    got.push(show(ga(stdout.get(), "encoding")));
    got.push(show(crate::object::call::call_method(stdout.get(), "write", &[Obj::small(1).unwrap()], &[])));
    got.push(show(crate::object::call::call_method(stdout.get(), "write", &[], &[])));
    got.push(show(crate::object::call::call_method(stdout.get(), "flush", &[Obj::small(1).unwrap()], &[])));
    got.push(show(ga(sys.get(), "exit")));
    got.push(show(ga(time.get(), "sleep")));
    got.push(show(ga(typing.get(), "TYPE_CHECKING")));
    let d = Owned(ga(math.get(), "__dict__").unwrap());
    let pi = name("pi");
    got.push(show(dispatch::contains(d.get(), pi.get()).map(crate::object::singletons::bool_obj)));
    assert_eq!(got.join("\n") + "\n", expected);
    drop((math, sys, time, typing, sqrt, stdout, d, pi, answer));
    module::release_modules();
    assert_all_freed();
}

/// `sys.exit(x)`: SystemExit with CPython's arguments; the recursion limit's checks.
#[test]
fn exit_and_recursion_limit() {
    let _g = test_lock();
    let sys = Owned(module::import(NativeModule::Sys).unwrap());
    let exit = Owned(attrs::getattr(sys.get(), "exit").unwrap());
    let s = Owned(pystr::str_from_text("msg").unwrap());
    let pair = Owned(tuple::tuple_from_slice(&[Obj::small(1).unwrap(), Obj::small(2).unwrap()]).unwrap());
    let none = crate::object::singletons::none();
    let cases: [(&[Obj], &str); 5] = [(&[], "()"), (&[none], "()"), (&[Obj::small(3).unwrap()], "(3,)"), (&[s.get()], "('msg',)"), (&[pair.get()], "(1, 2)")];
    for (args, want) in cases {
        let e = callable::call_object(exit.get(), args, &[]).unwrap_err();
        crate::exceptions::raise_error(&e);
        drop(e);
        let exc = Owned(crate::exceptions::fetch_exception());
        assert!(crate::object::exception::matches(exc.get(), crate::ExceptionKind::SystemExit.code()));
        let a = Owned(attrs::getattr(exc.get(), "args").unwrap());
        assert_eq!(dispatch::repr_of(a.get()).unwrap(), want);
    }
    let set = Owned(attrs::getattr(sys.get(), "setrecursionlimit").unwrap());
    let get = Owned(attrs::getattr(sys.get(), "getrecursionlimit").unwrap());
    // From a frame at depth 4 the builtin runs at depth 5: CPython's message.
    let r = callable::call_at(set.get(), &[Obj::small(5).unwrap()], &[], 4);
    assert_eq!(show(r), "!RecursionError: cannot set the recursion limit to 5 at the recursion depth 5: the limit is too low");
    assert_eq!(show(callable::call_at(set.get(), &[Obj::small(6).unwrap()], &[], 4)), "NoneType:None");
    assert_eq!(show(callable::call_object(get.get(), &[], &[])), "int:6");
    assert_eq!(crate::exceptions::recursion_limit(), 6);
    crate::exceptions::set_recursion_limit(crate::RECURSION_LIMIT);
    drop((sys, exit, s, pair, set, get));
    module::release_modules();
    assert_all_freed();
}

/// `sys.stdout.write` and `print(..., file=...)` go through `print`'s buffer (stdout) or a
/// `write` method; a cycle through a module's namespace is collected.
#[test]
fn stdout_write_print_file_and_cycles() {
    let _g = test_lock();
    let _ = crate::print::take_buffered();
    let sys = Owned(module::import(NativeModule::Sys).unwrap());
    let stdout = Owned(attrs::getattr(sys.get(), "stdout").unwrap());
    let text = Owned(pystr::str_from_text("héllo\n").unwrap());
    let n = crate::object::call::call_method(stdout.get(), "write", &[text.get()], &[]);
    assert_eq!(show(n), "int:6");
    let print = Owned(crate::molt_builtin_function(crate::BuiltinFunction::Print.code()));
    let sep = Owned(pystr::str_from_text("-").unwrap());
    let r = callable::call_object(print.get(), &[Obj::small(1).unwrap(), Obj::small(2).unwrap()], &[("sep", sep.get()), ("file", stdout.get())]);
    assert_eq!(show(r), "NoneType:None");
    assert_eq!(String::from_utf8(crate::print::take_buffered()).unwrap(), "héllo\n1-2\n");
    let r = callable::call_object(print.get(), &[Obj::small(1).unwrap()], &[("file", Obj::small(3).unwrap())]);
    assert_eq!(show(r), "!AttributeError: 'int' object has no attribute 'write'");
    // m.me = m: a cycle through the namespace, freed by the collector.
    let math = module::import(NativeModule::Math).unwrap();
    let me = Owned(pystr::str_from_text("me").unwrap());
    attrs::setattr(math, me.get(), Some(math)).unwrap();
    unsafe { crate::object::decref(math) };
    drop((sys, stdout, text, print, sep, me));
    module::release_modules();
    crate::object::gc::collect_all();
    assert_all_freed();
}

/// Typing expressions (`List[int]`, `Callable[[int], str]`, `A == B`): python3 evaluates each
/// with the names of `typing`, the builtin classes and `T = TypeVar('T')`; the runtime parses
/// it (names, subscripts, list displays, `()`) and subscribes its typing objects.
const TYPING_ROWS: &[&str] = &[
    "List", "List[int]", "Dict[str, int]", "Optional[int]", "Union[int, None]", "Union[None, int]", "Union[int, str]",
    "Union[int, str, None]", "Union[int]", "Union[int, int]", "Union[int, Union[str, float]]", "Optional[Optional[int]]",
    "Callable[[int], str]", "Callable[[], str]", "Callable[[int, float], None]", "Callable[int, str]", "Callable", "Tuple",
    "Tuple[int]", "Tuple[int, str]", "Tuple[()]", "Any", "ClassVar[int]", "Final[int]", "NoReturn", "Type[int]", "Type",
    "T", "List[T]", "Dict[str, List[int]]", "Sequence[int]", "Iterable", "Iterator[int]", "Generator[int, None, None]",
    "Mapping[str, int]", "MutableMapping", "MutableSequence[int]", "Set[int]", "FrozenSet[int]", "DefaultDict[str, int]",
    "Deque[int]", "List[None]", "List[1]", "Tuple[int, None]", "List[int, str]", "Dict[int]", "Generator[int]",
    "List[int][str]", "Union[int, str][int]", "Optional[int, str]", "Union[()]", "Callable[[int]]", "Any[int]",
    "NoReturn[int]", "ClassVar[int, str]", "Type[int, str]", "List[Union]", "List[ClassVar[int]]", "List[T][int]",
    "Dict[T, List[T]][str]", "List[T][int, str]", "Optional", "Union", "ClassVar", "Final",
    "List[int] == List[int]", "List[int] == List[str]", "Union[int, str] == Union[str, int]", "List[int] == Dict[int, int]",
    "Optional[int] == Union[None, int]", "List == List", "Tuple[int] == Tuple[int]",
    "List[int].__args__", "List[int].__origin__", "Dict[str, int].__origin__", "Union[int, str].__args__",
    "Callable[[int], str].__args__", "Union[int, str].__origin__",
];

const PY_TYPING_EVAL: &str = r#"
import sys
from typing import *
T = TypeVar('T')
for line in sys.stdin:
    try:
        r = eval(line.strip())
        print(type(r).__name__ + ':' + repr(r))
    except Exception as e:
        print('!%s: %s' % (type(e).__name__, e))
"#;

/// A tiny parser and evaluator of the typing rows (see [`TYPING_ROWS`]).
struct TypingEval<'a> {
    s: &'a [u8],
    i: usize,
    typing: Obj,
    t: Obj,
}

impl TypingEval<'_> {
    fn ws(&mut self) {
        while self.s.get(self.i) == Some(&b' ') {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.s.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn items(&mut self, close: u8) -> MoltResult<Vec<Owned>> {
        let mut out = Vec::new();
        if self.eat(close) {
            return Ok(out);
        }
        loop {
            out.push(self.expr()?);
            if self.eat(close) {
                return Ok(out);
            }
            assert!(self.eat(b','), "a comma");
        }
    }

    fn atom(&mut self) -> MoltResult<Owned> {
        self.ws();
        if self.eat(b'[') {
            let items = self.items(b']')?;
            return Ok(Owned(crate::object::list::list_from_vec(items.iter().map(|o| crate::object::new_ref(o.get())).collect())?));
        }
        if self.eat(b'(') {
            assert!(self.eat(b')'), "only () is supported");
            return Ok(Owned(tuple::tuple_from_vec(Vec::new())?));
        }
        let start = self.i;
        while self.s.get(self.i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_') {
            self.i += 1;
        }
        let name = core::str::from_utf8(&self.s[start..self.i]).unwrap();
        use crate::BuiltinClass as C;
        let class = |c: C| Ok(Owned(crate::molt_builtin_class(c.code())));
        match name {
            "int" => class(C::Int),
            "str" => class(C::Str),
            "float" => class(C::Float),
            "None" => Ok(Owned(crate::object::singletons::none())),
            "T" => Ok(Owned(crate::object::new_ref(self.t))),
            n if n.bytes().all(|c| c.is_ascii_digit()) => Ok(Owned(crate::object::int::from_i64(n.parse().unwrap())?)),
            n => attrs::getattr(self.typing, n).map(Owned),
        }
    }

    fn expr(&mut self) -> MoltResult<Owned> {
        let mut v = self.atom()?;
        loop {
            if self.eat(b'[') {
                let mut items = self.items(b']')?;
                let key = if items.len() == 1 { items.pop().unwrap() } else { Owned(tuple::tuple_from_vec(items.iter().map(|o| crate::object::new_ref(o.get())).collect())?) };
                v = Owned(dispatch::getitem(v.get(), key.get())?);
            } else if self.eat(b'.') {
                let start = self.i;
                while self.s.get(self.i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_') {
                    self.i += 1;
                }
                v = Owned(attrs::getattr(v.get(), core::str::from_utf8(&self.s[start..self.i]).unwrap())?);
            } else {
                return Ok(v);
            }
        }
    }
}

#[test]
fn typing_matches_python() {
    let _g = test_lock();
    let input: String = TYPING_ROWS.iter().map(|r| format!("{r}\n")).collect();
    let expected = crate::testutil::python(PY_TYPING_EVAL, &input);
    let typing = Owned(module::import(NativeModule::Typing).unwrap());
    let tv = Owned(attrs::getattr(typing.get(), "TypeVar").unwrap());
    let tname = Owned(pystr::str_from_text("T").unwrap());
    let t = Owned(callable::call_object(tv.get(), &[tname.get()], &[]).unwrap());
    let mut bad = Vec::new();
    for (row, want) in TYPING_ROWS.iter().zip(expected.lines()) {
        let (lhs, rhs) = match row.split_once(" == ") {
            Some((a, b)) => (a, Some(b)),
            None => (*row, None),
        };
        let eval = |text: &str| TypingEval { s: text.as_bytes(), i: 0, typing: typing.get(), t: t.get() }.expr();
        let got = match rhs {
            None => show(eval(lhs).map(Owned::release)),
            Some(rhs) => show((|| {
                let (a, b) = (eval(lhs)?, eval(rhs)?);
                dispatch::rich_compare(crate::CompareOp::Eq, a.get(), b.get())
            })()),
        };
        if got != want {
            bad.push(format!("{row}\n   molt:    {got}\n   python3: {want}"));
        }
    }
    // Equal aliases hash equal.
    let a = TypingEval { s: b"Union[int, str]", i: 0, typing: typing.get(), t: t.get() }.expr().unwrap();
    let b = TypingEval { s: b"Union[str, int]", i: 0, typing: typing.get(), t: t.get() }.expr().unwrap();
    assert_eq!(dispatch::hash(a.get()).unwrap(), dispatch::hash(b.get()).unwrap());
    drop((typing, tv, tname, t, a, b));
    module::release_modules();
    assert!(bad.is_empty(), "{} rows differ:\n{}", bad.len(), bad.join("\n"));
    assert_all_freed();
}
