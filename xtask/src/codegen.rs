//! `cargo xtask codegen`: generates `ir-spec/src/generated.rs` and `ir-spec/README.md` from
//! `ir-spec/ops.toml`.
//!
//! Relies on: `ops.toml` following the format described at its top; a malformed declaration is
//! reported with the op's name and generation stops (nothing half-written). Provides: the two
//! generated files, byte-for-byte deterministic (ops in file order, attributes sorted by name), so
//! that the staleness test can compare them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

#[derive(Deserialize)]
struct SpecFile {
    dialects: BTreeMap<String, String>,
    op: Vec<OpDecl>,
}

#[derive(Deserialize)]
struct OpDecl {
    name: String,
    doc: String,
    #[serde(default)]
    operands: Vec<String>,
    #[serde(default)]
    results: Vec<String>,
    #[serde(default)]
    attrs: BTreeMap<String, String>,
    #[serde(default)]
    traits: Vec<String>,
    #[serde(default)]
    successors: usize,
}

pub struct Generated {
    pub rust: String,
    pub reference: String,
}

pub const SPEC_PATH: &str = "ir-spec/ops.toml";
pub const RUST_PATH: &str = "ir-spec/src/generated.rs";
pub const DOC_PATH: &str = "ir-spec/README.md";

/// Dialect order in generated code: the order of the pipeline.
const DIALECT_ORDER: [&str; 4] = ["cf", "py", "t", "l"];

pub fn generate(root: &Path) -> Result<Generated, String> {
    let text = std::fs::read_to_string(root.join(SPEC_PATH)).map_err(|e| format!("{SPEC_PATH}: {e}"))?;
    let spec: SpecFile = toml::from_str(&text).map_err(|e| format!("{SPEC_PATH}: {e}"))?;
    for d in spec.dialects.keys() {
        if !DIALECT_ORDER.contains(&d.as_str()) {
            return Err(format!("unknown dialect `{d}` (the generator knows {DIALECT_ORDER:?})"));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for op in &spec.op {
        let dialect = op.name.split('.').next().unwrap_or("");
        if !spec.dialects.contains_key(dialect) {
            return Err(format!("op `{}`: undeclared dialect `{dialect}`", op.name));
        }
        if !seen.insert(op.name.clone()) {
            return Err(format!("op `{}` is declared twice", op.name));
        }
        for c in op.operands.iter().chain(&op.results) {
            constraint_rust(c.trim_end_matches("...")).map_err(|e| format!("op `{}`: {e}", op.name))?;
        }
        for (i, c) in op.operands.iter().enumerate() {
            if c.ends_with("...") && i + 1 != op.operands.len() {
                return Err(format!("op `{}`: only the last operand may be variadic", op.name));
            }
        }
        for k in op.attrs.values() {
            attr_kind_rust(k).map_err(|e| format!("op `{}`: {e}", op.name))?;
        }
        for t in &op.traits {
            trait_rust(t).map_err(|e| format!("op `{}`: {e}", op.name))?;
        }
        let terminator = op.traits.iter().any(|t| t == "terminator");
        if op.successors > 0 && !terminator {
            return Err(format!("op `{}`: only terminators have successors", op.name));
        }
    }
    Ok(Generated { rust: gen_rust(&spec)?, reference: gen_reference(&spec) })
}

fn variant(name: &str) -> String {
    name.split(['.', '_']).map(|p| {
        let mut c = p.chars();
        match c.next() {
            Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
            None => String::new(),
        }
    }).collect()
}

fn constraint_rust(c: &str) -> Result<String, String> {
    Ok(match c {
        "any" => "C::Any".into(),
        "cond" => "C::Cond".into(),
        "tvalue" => "C::TValue".into(),
        "lvalue" => "C::LValue".into(),
        "obj" => "C::Exactly(Type::Obj)".into(),
        "int" => "C::Exactly(Type::Int)".into(),
        "float" => "C::Exactly(Type::Float)".into(),
        "bool" => "C::Exactly(Type::Bool)".into(),
        "none" => "C::Exactly(Type::None)".into(),
        "str" => "C::Exactly(Type::Str)".into(),
        "i64" => "C::Exactly(Type::I64)".into(),
        "f64" => "C::Exactly(Type::F64)".into(),
        "i1" => "C::Exactly(Type::I1)".into(),
        "ptr" => "C::Exactly(Type::Ptr)".into(),
        other => return Err(format!("unknown type constraint `{other}`")),
    })
}

fn attr_kind_rust(k: &str) -> Result<String, String> {
    Ok(match k {
        "const" => "AttrKind::Const".into(),
        "str" => "AttrKind::Str".into(),
        "sym" => "AttrKind::Sym".into(),
        "int" => "AttrKind::Int".into(),
        "type" => "AttrKind::Type".into(),
        other => match other.strip_prefix("enum:") {
            Some(values) if !values.is_empty() => {
                let items: Vec<String> = values.split('|').map(|v| format!("{v:?}")).collect();
                format!("AttrKind::Enum(&[{}])", items.join(", "))
            }
            _ => return Err(format!("unknown attribute kind `{other}`")),
        },
    })
}

fn trait_rust(t: &str) -> Result<&'static str, String> {
    Ok(match t {
        "pure" => "traits::PURE",
        "terminator" => "traits::TERMINATOR",
        "may_raise" => "traits::MAY_RAISE",
        "allocates" => "traits::ALLOCATES",
        "guard" => "traits::GUARD",
        other => return Err(format!("unknown trait `{other}`")),
    })
}

fn gen_rust(spec: &SpecFile) -> Result<String, String> {
    let mut s = String::new();
    let w = &mut s;
    writeln!(w, "// @generated by `cargo xtask codegen` from ir-spec/ops.toml. Do not edit by hand.").unwrap();
    writeln!(w, "//! The op table: one `Opcode` per op declared in `ir-spec/ops.toml`, and its `OpSpec`.\n").unwrap();
    writeln!(w, "use crate::spec::{{AttrKind, AttrSpec, OpSpec, traits}};").unwrap();
    writeln!(w, "use crate::types::{{Type, TypeConstraint as C}};\n").unwrap();
    let dialects: Vec<&str> = DIALECT_ORDER.iter().copied().filter(|d| spec.dialects.contains_key(*d)).collect();
    writeln!(w, "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\npub enum Dialect {{").unwrap();
    for d in &dialects {
        writeln!(w, "    /// {}\n    {},", spec.dialects[*d], variant(d)).unwrap();
    }
    writeln!(w, "}}\n\nimpl Dialect {{").unwrap();
    writeln!(w, "    pub const ALL: [Dialect; {}] = [{}];", dialects.len(),
        dialects.iter().map(|d| format!("Dialect::{}", variant(d))).collect::<Vec<_>>().join(", ")).unwrap();
    writeln!(w, "\n    pub fn name(self) -> &'static str {{\n        match self {{").unwrap();
    for d in &dialects {
        writeln!(w, "            Dialect::{} => {:?},", variant(d), d).unwrap();
    }
    writeln!(w, "        }}\n    }}\n\n    pub fn doc(self) -> &'static str {{\n        match self {{").unwrap();
    for d in &dialects {
        writeln!(w, "            Dialect::{} => {:?},", variant(d), spec.dialects[*d]).unwrap();
    }
    writeln!(w, "        }}\n    }}\n}}\n").unwrap();

    writeln!(w, "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\npub enum Opcode {{").unwrap();
    for op in &spec.op {
        writeln!(w, "    /// `{}`: {}\n    {},", op.name, op.doc, variant(&op.name)).unwrap();
    }
    writeln!(w, "}}\n\nimpl Opcode {{").unwrap();
    writeln!(w, "    pub const ALL: [Opcode; {}] = [", spec.op.len()).unwrap();
    for op in &spec.op {
        writeln!(w, "        Opcode::{},", variant(&op.name)).unwrap();
    }
    writeln!(w, "    ];\n\n    pub fn spec(self) -> &'static OpSpec {{\n        &SPECS[self as usize]\n    }}\n").unwrap();
    writeln!(w, "    pub fn name(self) -> &'static str {{\n        self.spec().name\n    }}\n").unwrap();
    writeln!(w, "    pub fn dialect(self) -> Dialect {{\n        self.spec().dialect\n    }}\n").unwrap();
    writeln!(w, "    pub fn from_name(name: &str) -> Option<Opcode> {{\n        Some(match name {{").unwrap();
    for op in &spec.op {
        writeln!(w, "            {:?} => Opcode::{},", op.name, variant(&op.name)).unwrap();
    }
    writeln!(w, "            _ => return None,\n        }})\n    }}\n}}\n").unwrap();

    writeln!(w, "static SPECS: [OpSpec; {}] = [", spec.op.len()).unwrap();
    for op in &spec.op {
        let dialect = op.name.split('.').next().unwrap_or("");
        let list = |items: &[String]| -> Result<(String, bool), String> {
            let variadic = items.last().is_some_and(|c| c.ends_with("..."));
            let cs: Result<Vec<String>, String> = items.iter().map(|c| constraint_rust(c.trim_end_matches("..."))).collect();
            Ok((cs?.join(", "), variadic))
        };
        let (operands, var_ops) = list(&op.operands)?;
        let (results, var_res) = list(&op.results)?;
        let attrs: Result<Vec<String>, String> = op.attrs.iter()
            .map(|(n, k)| Ok(format!("AttrSpec {{ name: {n:?}, kind: {} }}", attr_kind_rust(k)?)))
            .collect();
        let traits: Result<Vec<&str>, String> = op.traits.iter().map(|t| trait_rust(t)).collect();
        let traits = traits?;
        writeln!(w, "    OpSpec {{").unwrap();
        writeln!(w, "        name: {:?},", op.name).unwrap();
        writeln!(w, "        dialect: Dialect::{},", variant(dialect)).unwrap();
        writeln!(w, "        doc: {:?},", op.doc).unwrap();
        writeln!(w, "        operands: &[{operands}],").unwrap();
        writeln!(w, "        variadic_operands: {var_ops},").unwrap();
        writeln!(w, "        results: &[{results}],").unwrap();
        writeln!(w, "        variadic_results: {var_res},").unwrap();
        writeln!(w, "        attrs: &[{}],", attrs?.join(", ")).unwrap();
        writeln!(w, "        successors: {},", op.successors).unwrap();
        writeln!(w, "        traits: {},", if traits.is_empty() { "0".to_string() } else { traits.join(" | ") }).unwrap();
        writeln!(w, "    }},").unwrap();
    }
    writeln!(w, "];").unwrap();
    Ok(s)
}

fn gen_reference(spec: &SpecFile) -> String {
    let mut s = String::new();
    let w = &mut s;
    writeln!(w, "<!-- @generated by `cargo xtask codegen` from ir-spec/ops.toml. Do not edit by hand. -->").unwrap();
    writeln!(w, "# Molt IR reference\n").unwrap();
    writeln!(w, "Every op of every dialect, as declared in [`ops.toml`](ops.toml). The textual form of an op is").unwrap();
    writeln!(w, "`%r = dialect.op %a, %b ^succ(%x) {{attr = value}} : type loc(start..end)`; see").unwrap();
    writeln!(w, "`decisions/0002-ir-framework.md` for the format and `ARCHITECTURE.md` for the levels.\n").unwrap();
    for d in DIALECT_ORDER.iter().filter(|d| spec.dialects.contains_key(**d)) {
        writeln!(w, "## Dialect `{d}`\n\n{}\n", spec.dialects[*d]).unwrap();
        writeln!(w, "| op | operands | results | attributes | traits | summary |").unwrap();
        writeln!(w, "| --- | --- | --- | --- | --- | --- |").unwrap();
        for op in spec.op.iter().filter(|o| o.name.split('.').next() == Some(d)) {
            let join = |v: &[String]| if v.is_empty() { "—".to_string() } else { v.join(", ") };
            let attrs: Vec<String> = op.attrs.iter().map(|(n, k)| format!("`{n}`: {}", k.replace('|', "\\|"))).collect();
            let mut traits = op.traits.clone();
            if op.successors > 0 {
                traits.push(format!("{} successor(s)", op.successors));
            }
            writeln!(w, "| `{}` | {} | {} | {} | {} | {} |", op.name, join(&op.operands), join(&op.results),
                join(&attrs), join(&traits), op.doc.replace('|', "\\|")).unwrap();
        }
        writeln!(w).unwrap();
    }
    s
}

/// Writes the generated files (or, with `check`, fails when they differ from what is on disk).
pub fn run(root: &Path, check: bool) -> Result<(), String> {
    let g = generate(root)?;
    for (path, text) in [(RUST_PATH, &g.rust), (DOC_PATH, &g.reference)] {
        let full = root.join(path);
        let current = std::fs::read_to_string(&full).unwrap_or_default();
        if current != *text {
            if check {
                return Err(format!("{path} is stale: run `cargo xtask codegen`"));
            }
            std::fs::write(&full, text).map_err(|e| format!("{path}: {e}"))?;
            println!("wrote {path}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// Fails when `ir-spec/ops.toml` changed but the generated files were not regenerated.
    #[test]
    fn generated_files_are_fresh() {
        let root = crate::workspace_root();
        if let Err(e) = super::run(&root, true) {
            panic!("{e}");
        }
    }
}
