//! Lists whose items inference types (issue #8 point 9, decisions/0053): `--emit=tir` shows a
//! typed item where every store into the list is one the compiler sees, and a boxed one where
//! the list escapes. The differential tests (`tests/diff/lists/typed_items*.py`) check that
//! the programs print what python3 prints either way.

use std::process::Command;

/// The TIR of `src`, by function name.
fn tir_functions(name: &str, src: &str) -> Vec<(String, String)> {
    let dir = std::env::temp_dir().join(format!("molt-typed-items-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("prog.py");
    std::fs::write(&file, src).expect("write program");
    let out = Command::new(env!("CARGO_BIN_EXE_moltc")).args(["build", "--emit=tir"]).arg(&file).output().expect("run moltc");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut funcs = Vec::new();
    for chunk in text.split("\nfunc @").skip(1) {
        let name = chunk.split([' ', '$']).next().unwrap_or("").trim_matches('"').to_string();
        funcs.push((name, chunk.to_string()));
    }
    funcs
}

fn body<'a>(funcs: &'a [(String, String)], name: &str) -> &'a str {
    &funcs.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no function {name}")).1
}

#[test]
fn proven_lists_have_typed_items_and_escaped_ones_do_not() {
    let src = r#"
class Keeper:
    def keep(self, xs):
        self.kept = xs

def ints(xs):
    s = 0
    for x in xs:
        s += x
    return s

def floats(xs):
    s = 0.0
    for i in range(len(xs)):
        s += xs[i]
    return s

def escaped(xs):
    s = 0
    for x in xs:
        s += x
    return s

def main():
    a = [i for i in range(10)]
    a.append(3)
    b = [0.5] * 4
    b[0] = 1.5
    c = [1, 2]
    Keeper().keep(c)
    print(ints(a), floats(b), escaped(c))

main()
"#;
    let funcs = tir_functions("proven", src);
    assert!(body(&funcs, "ints").contains("t.obj_next") && body(&funcs, "ints").contains(": int, bool"), "{}", body(&funcs, "ints"));
    assert!(body(&funcs, "floats").contains("t.list_getitem") && body(&funcs, "floats").contains(": float loc"), "{}", body(&funcs, "floats"));
    assert!(body(&funcs, "escaped").contains(": !t.obj, bool"), "{}", body(&funcs, "escaped"));
}

#[test]
fn a_store_of_another_type_through_an_alias_unproves_the_items() {
    let src = r#"
def add(ys, v):
    ys.append(v)

def total(xs):
    s = 0
    for x in xs:
        s += x
    return s

def main():
    xs = [1, 2]
    alias = xs
    add(alias, "s")
    print(total([3]), len(xs))

main()
"#;
    let funcs = tir_functions("alias", src);
    // `total` gets `[3]` only, but `xs` (whose alias receives a str) never reaches it: typed.
    assert!(body(&funcs, "total").contains(": int, bool"), "{}", body(&funcs, "total"));
    let src2 = src.replace("print(total([3]), len(xs))", "print(total(xs))");
    let funcs = tir_functions("alias2", &src2);
    assert!(body(&funcs, "total").contains(": !t.obj, bool"), "{}", body(&funcs, "total"));
}
