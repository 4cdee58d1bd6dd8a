//! The classification on small modules. Expected bindings were checked against CPython 3.11's
//! `symtable` module (`LOCAL` at module level is `Global` here; CPython's implicit globals are
//! `Global`, `Builtin` or `Undefined` depending on what the module binds).

use std::collections::BTreeMap;

use super::*;

fn table(src: &str) -> SymbolTable {
    let parsed = ruff_python_parser::parse_module(src).expect("valid syntax");
    SymbolTable::build(&parsed.syntax().body)
}

/// The scope at `path` (function names from the module down).
fn scope_at(t: &SymbolTable, path: &[&str]) -> ScopeId {
    let mut s = t.module();
    for name in path {
        s = *t.scope(s).children.iter().find(|&&c| t.scope(c).name.is_some_and(|n| t.name_str(n) == *name)).expect("scope");
    }
    s
}

fn short(b: Binding) -> String {
    match b {
        Binding::Local => "local".into(),
        Binding::Cell => "cell".into(),
        Binding::Free => "free".into(),
        Binding::Global => "global".into(),
        Binding::Builtin(id) => format!("builtin {}", id.name()),
        Binding::Undefined => "undefined".into(),
    }
}

/// Every symbol of the scope at `path`: name → binding.
fn bindings(t: &SymbolTable, path: &[&str]) -> BTreeMap<String, String> {
    let s = scope_at(t, path);
    t.scope(s).symbols.iter().map(|&sym| (t.name(sym).to_string(), short(t.symbol(sym).binding))).collect()
}

fn expect(t: &SymbolTable, path: &[&str], want: &[(&str, &str)]) {
    let want: BTreeMap<String, String> = want.iter().map(|(n, b)| (n.to_string(), b.to_string())).collect();
    assert_eq!(bindings(t, path), want, "scope {path:?}");
}

fn flags(t: &SymbolTable, path: &[&str], name: &str) -> Flags {
    let sym = t.resolve(scope_at(t, path), name).expect("symbol");
    t.symbol(sym).flags
}

#[test]
fn module_variables_functions_and_builtins() {
    let t = table("x = 1\nprint(x)\ndef f(a):\n    y = a + x\n    return len(y) + z\nw = 2\n");
    expect(&t, &[], &[("x", "global"), ("print", "builtin print"), ("f", "global"), ("w", "global")]);
    expect(&t, &["f"], &[("a", "local"), ("y", "local"), ("x", "global"), ("len", "builtin len"), ("z", "undefined")]);
    assert!(flags(&t, &[], "x").captured, "f reads x");
    assert!(!flags(&t, &[], "w").captured);
    let a = flags(&t, &["f"], "a");
    assert!(a.parameter && a.used && !a.assigned);
    assert!(flags(&t, &[], "f").defined);
    let f = t.scope(scope_at(&t, &["f"]));
    assert_eq!((f.kind, f.parent), (ScopeKind::Function, Some(t.module())));
}

#[test]
fn a_module_binding_shadows_the_builtin() {
    let t = table("def f():\n    return int(ValueError)\nint = 3\n");
    expect(&t, &["f"], &[("int", "global"), ("ValueError", "builtin ValueError")]);
}

#[test]
fn every_binding_statement_binds() {
    let src = "def f(p):\n    a = 1\n    b += 1\n    c: int = 2\n    d: int\n    for e in p:\n        pass\n    try:\n        pass\n    except E as g:\n        pass\n    import h.i, j as k\n    from l import m as n, o\n    with p as q:\n        pass\n    del r\n    (s := 1)\n    (u): int\n";
    let t = table(src);
    let b = bindings(&t, &["f"]);
    for name in ["p", "a", "b", "c", "d", "e", "g", "h", "k", "n", "o", "q", "r", "s"] {
        assert_eq!(b.get(name).map(String::as_str), Some("local"), "{name}");
    }
    // A parenthesized annotated name without a value is not even visited (CPython neither).
    assert_eq!(b.get("u"), None);
    assert_eq!(b.get("int").map(String::as_str), Some("builtin int"));
}

#[test]
fn a_name_free_in_a_nested_function_and_local_in_the_enclosing_one_is_a_cell() {
    let t = table("def f(p, q):\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n        return p\n    def h():\n        x = 3\n        return x\n    return q\n");
    expect(&t, &[], &[("f", "global")]);
    expect(&t, &["f"], &[("p", "cell"), ("q", "local"), ("x", "cell"), ("g", "local"), ("h", "local")]);
    expect(&t, &["f", "g"], &[("x", "free"), ("p", "free")]);
    expect(&t, &["f", "h"], &[("x", "local")]);
    assert!(flags(&t, &["f"], "x").captured);
    assert!(!flags(&t, &["f"], "q").captured);
}

#[test]
fn a_free_name_passes_through_the_functions_in_between() {
    let t = table("x = 1\ndef f(a):\n    y = a\n    def g():\n        def h():\n            return y + x + len(z)\n        return h\n    return g\n");
    expect(&t, &["f"], &[("a", "local"), ("y", "cell"), ("g", "local")]);
    expect(&t, &["f", "g"], &[("h", "local"), ("y", "free")]);
    expect(&t, &["f", "g", "h"], &[("y", "free"), ("x", "global"), ("len", "builtin len"), ("z", "undefined")]);
    assert_eq!(flags(&t, &["f", "g"], "y"), Flags::default(), "only passes the binding through");
    assert!(flags(&t, &[], "x").captured);
}

#[test]
fn a_recursive_nested_function_is_a_cell_of_its_parent() {
    let t = table("def r():\n    def s():\n        return s\n    return s\n");
    expect(&t, &["r"], &[("s", "cell")]);
    expect(&t, &["r", "s"], &[("s", "free")]);
}

#[test]
fn global_declarations() {
    let src = "def k():\n    global q\n    q = 1\ndef m():\n    x = 1\n    def n():\n        global x\n        def o():\n            return x\ndef u():\n    global print\n    print(1)\n";
    let t = table(src);
    // `q` is a module variable, bound by `k`.
    expect(&t, &[], &[("k", "global"), ("q", "global"), ("m", "global"), ("x", "undefined"), ("u", "global"), ("print", "builtin print")]);
    assert!(flags(&t, &[], "q").assigned && flags(&t, &[], "q").captured);
    expect(&t, &["k"], &[("q", "global")]);
    // `global x` in `n` hides `m`'s `x` from `o`: `m`'s stays local, and nothing binds the
    // module's.
    expect(&t, &["m"], &[("x", "local"), ("n", "local")]);
    expect(&t, &["m", "n"], &[("x", "undefined"), ("o", "local")]);
    expect(&t, &["m", "n", "o"], &[("x", "undefined")]);
    // Declared global, bound nowhere: the builtin.
    expect(&t, &["u"], &[("print", "builtin print")]);
}

#[test]
fn a_nonlocal_name_without_an_enclosing_binding_is_undefined() {
    let t = table("x = 1\ndef f():\n    nonlocal x\n    x = 2\nnonlocal y\n");
    expect(&t, &["f"], &[("x", "undefined")]);
    expect(&t, &[], &[("x", "global"), ("f", "global"), ("y", "undefined")]);
}

#[test]
fn module_names_are_never_free() {
    let t = table("x = 1\ndef g():\n    def h():\n        return x\n    return h\n");
    expect(&t, &["g", "h"], &[("x", "global")]);
    expect(&t, &["g"], &[("h", "local")]);
}

#[test]
fn decorators_and_bases_run_outside_the_class_and_generator_expressions_are_generators() {
    let t = table("@d\nclass A(B):\n    y = 1\ng = (x for x in s if x)\n");
    expect(&t, &[], &[("d", "undefined"), ("B", "undefined"), ("A", "global"), ("s", "undefined"), ("g", "global")]);
    expect(&t, &["A"], &[("y", "local")]);
    let children = &t.scope(t.module()).children;
    assert_eq!(children.len(), 2, "the class body and the generator expression");
    let genexpr = t.scope(children[1]);
    assert_eq!(genexpr.kind, ScopeKind::Comprehension);
    assert!(genexpr.generator);
    assert!(t.resolve(children[1], "x").is_some() && t.resolve(t.module(), "x").is_none(), "x is the generator expression's own");
}

#[test]
fn yield_makes_a_generator_and_its_frees_use_cells() {
    // `k` is read by a generator expression: it runs later, so it reads the variable through a
    // cell (late binding); `yield` makes `g` a generator.
    let t = table("def f(k):\n    return (x * k for x in s)\ndef g():\n    yield 1\n");
    let [f, g] = t.scope(t.module()).children[..] else { panic!("two defs") };
    assert!(!t.scope(f).generator);
    assert!(t.scope(g).generator);
    assert!(t.symbol(t.resolve(f, "k").expect("k")).in_cell);
    assert!(t.errors.is_empty());
    let bad = table("yield 1\nclass C:\n    yield 2\ndef h(xs):\n    return [(yield x) for x in xs], {(yield) for _ in xs}\n");
    let msgs: Vec<&str> = bad.errors.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(msgs, ["'yield' outside function", "'yield' outside function", "'yield' inside list comprehension", "'yield' inside set comprehension"]);
}

#[test]
fn lambdas_have_a_scope_and_their_defaults_run_outside() {
    let t = table("def f(k):\n    return lambda a=c: a + e + k\n");
    let f = t.scope(t.module()).children[0];
    let [lam] = t.scope(f).children[..] else { panic!("one lambda scope") };
    assert_eq!(t.scope(lam).kind, ScopeKind::Lambda);
    let binding = |scope, name| t.symbol(t.resolve(scope, name).expect("a symbol")).binding;
    assert_eq!(binding(lam, "a"), Binding::Local);
    assert_eq!(binding(lam, "e"), Binding::Undefined);
    assert_eq!(binding(lam, "k"), Binding::Free);
    assert_eq!(binding(f, "k"), Binding::Cell);
    assert_eq!(binding(f, "c"), Binding::Undefined);
    assert!(t.resolve(lam, "c").is_none());
}

#[test]
fn only_variables_shared_with_nested_functions_are_in_cells() {
    // `k` is read by a comprehension only (passed by value); `n` by a lambda inside one (the
    // comprehension passes the cell on); `m` by a nested def.
    let t = table("def f(k, n, m):\n    a = [x * k for x in s]\n    b = [lambda: n for _ in s]\n    def g():\n        return m\n");
    let f = t.scope(t.module()).children[0];
    let in_cell = |scope, name| t.symbol(t.resolve(scope, name).expect("a symbol")).in_cell;
    assert!(!in_cell(f, "k"));
    assert!(in_cell(f, "n"));
    assert!(in_cell(f, "m"));
    let comps: Vec<_> = t.scope(f).children.iter().copied().filter(|&c| t.scope(c).kind == ScopeKind::Comprehension).collect();
    assert!(!in_cell(comps[0], "k"));
    assert!(in_cell(comps[1], "n"));
    assert_eq!(t.closure_names(comps[1]), vec!["n"]);
}

#[test]
fn defaults_decorators_and_annotations_run_in_the_enclosing_scope() {
    let t = table("@deco\ndef f(a: T = v, *b: U, **c) -> R:\n    return a\n");
    expect(&t, &[], &[("deco", "undefined"), ("T", "undefined"), ("v", "undefined"), ("U", "undefined"), ("R", "undefined"), ("f", "global")]);
    expect(&t, &["f"], &[("a", "local"), ("b", "local"), ("c", "local")]);
}

#[test]
fn def_scopes_and_names_are_interned_once() {
    let src = "def f():\n    def g():\n        pass\n";
    let parsed = ruff_python_parser::parse_module(src).expect("valid syntax");
    let body = &parsed.syntax().body;
    let t = SymbolTable::build(body);
    let Stmt::FunctionDef(f) = &body[0] else { panic!("a def") };
    let fs = t.def_scope(f).expect("scope of f");
    assert_eq!(fs, scope_at(&t, &["f"]));
    let g = t.resolve(fs, "g").expect("g in f");
    let g_scope = t.scope(fs).children[0];
    assert_eq!(t.scope(g_scope).name, Some(t.symbol(g).name));
    assert_eq!(t.resolve(t.module(), "g"), None);
}

#[test]
fn comprehensions_have_their_own_scope() {
    // symtable (3.11): in `f`, `k` and `xs` are cells (the listcomp reads them), `i` is the
    // listcomp's own; the first iterable `xs` is read in `f`; the nested listcomp has `i` free.
    let src = "def f(xs):\n    k = 2\n    i = 0\n    return [[i * k for j in xs] for i in xs]\n";
    let t = table(src);
    expect(&t, &["f"], &[("xs", "cell"), ("k", "cell"), ("i", "local")]);
    let f = scope_at(&t, &["f"]);
    let outer = t.scope(f).children[0];
    assert_eq!(t.scope(outer).kind, ScopeKind::Comprehension);
    let inner = t.scope(outer).children[0];
    let names = |s: ScopeId| -> BTreeMap<String, String> {
        t.scope(s).symbols.iter().map(|&sym| (t.name(sym).to_string(), short(t.symbol(sym).binding))).collect()
    };
    let want = |v: &[(&str, &str)]| -> BTreeMap<String, String> { v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect() };
    assert_eq!(names(outer), want(&[("i", "cell"), ("xs", "free"), ("k", "free")]));
    assert_eq!(names(inner), want(&[("i", "free"), ("k", "free"), ("j", "local")]));
    // At module level, the comprehension's names stay its own; module names are globals.
    let t = table("n = 3\nys = [x * n for x in range(n)]\n");
    expect(&t, &[], &[("n", "global"), ("ys", "global"), ("range", "builtin range")]);
    let c = t.scope(t.module()).children[0];
    let got: BTreeMap<String, String> = t.scope(c).symbols.iter().map(|&sym| (t.name(sym).to_string(), short(t.symbol(sym).binding))).collect();
    assert_eq!(got, want(&[("x", "local"), ("n", "global")]));
    assert!(flags(&t, &[], "n").captured, "the comprehension reads n");
}

#[test]
fn class_bodies_have_a_scope_invisible_to_their_functions() {
    // CPython 3.11's symtable: C has a and b free (a passes through to m), y and z local;
    // m has `__class__` free (it reads `super`); n's `y` is the module's (undefined here).
    let t = table("x = 1\ndef f(a):\n    b = 2\n    class C(Base):\n        y = x\n        z = b\n        def m(self):\n            return a + super().m()\n        def n(self):\n            return y\n    return C\n");
    expect(&t, &["f"], &[("a", "cell"), ("b", "cell"), ("C", "local"), ("Base", "undefined")]);
    // Molt gives the class body the `__class__` cell as a symbol (CPython's ste_needs_class_closure).
    expect(&t, &["f", "C"], &[("x", "global"), ("y", "local"), ("z", "local"), ("b", "free"), ("m", "local"), ("n", "local"), ("a", "free"), ("__class__", "cell")]);
    expect(&t, &["f", "C", "m"], &[("self", "local"), ("a", "free"), ("super", "builtin super"), ("__class__", "free")]);
    expect(&t, &["f", "C", "n"], &[("self", "local"), ("y", "undefined")]);
    let c = scope_at(&t, &["f", "C"]);
    assert_eq!(t.scope(c).kind, ScopeKind::Class);
    assert!(t.needs_class_cell(c).is_some());
    for path in [&["f", "C"][..], &["f", "C", "m"]] {
        let s = scope_at(&t, path);
        assert!(t.symbol(t.resolve(s, "a").expect("a")).in_cell, "{path:?}");
    }
    // A class whose functions do not use super() has no cell.
    let t = table("class D:\n    def g(self):\n        return 1\n");
    assert!(t.needs_class_cell(scope_at(&t, &["D"])).is_none());
}

#[test]
fn assignment_expressions_in_comprehensions_bind_outside() {
    // symtable (3.11): `acc` is f's own (a cell: the listcomp writes it), free and nonlocal in
    // the listcomp; nested comprehensions pass it through; at module level it is global.
    let t = table("def f(v):\n    acc = 0\n    s = [[acc := acc + x for y in v] for x in v]\n    return acc\n");
    expect(&t, &["f"], &[("v", "cell"), ("acc", "cell"), ("s", "local")]);
    let f = scope_at(&t, &["f"]);
    let outer = t.scope(f).children[0];
    let inner = t.scope(outer).children[0];
    for s in [outer, inner] {
        let acc = t.resolve(s, "acc").expect("acc");
        assert_eq!(t.symbol(acc).binding, Binding::Free);
        assert!(t.symbol(acc).in_cell, "written through the cell");
    }
    assert!(t.symbol(t.resolve(f, "acc").expect("acc")).in_cell);
    assert!(t.errors.is_empty());
    let t = table("ys = [w for x in range(3) if (w := x)]\ndef g():\n    return w\n");
    expect(&t, &[], &[("ys", "global"), ("w", "global"), ("range", "builtin range"), ("g", "global")]);
    expect(&t, &["g"], &[("w", "global")]);
    assert!(flags(&t, &[], "w").captured && flags(&t, &[], "w").assigned);
    // Outside comprehensions it binds where it stands.
    let t = table("def h():\n    if (n := 3):\n        return n\n");
    expect(&t, &["h"], &[("n", "local")]);
}

#[test]
fn assignment_expression_syntax_errors() {
    let msgs = |src: &str| -> Vec<String> { table(src).errors.into_iter().map(|(_, m)| m).collect() };
    assert_eq!(msgs("[x for x in (y := [1])]\n"), ["assignment expression cannot be used in a comprehension iterable expression"]);
    assert_eq!(msgs("[x for x in [1] for z in (y := [1])]\n"), ["assignment expression cannot be used in a comprehension iterable expression"]);
    assert_eq!(msgs("class C:\n    v = [(t := i) for i in range(3)]\n"), ["assignment expression within a comprehension cannot be used in a class body"]);
    assert_eq!(msgs("[[(j := j) for i in range(5)] for j in range(5)]\n"), ["assignment expression cannot rebind comprehension iteration variable 'j'"]);
    assert_eq!(msgs("[i for j in range(2) if (i := j) for i in range(3)]\n"), ["comprehension inner loop cannot rebind assignment expression target 'i'"]);
    // A class body may use `:=` outside comprehensions.
    assert!(msgs("class C:\n    v = (t := 1)\n").is_empty());
}
