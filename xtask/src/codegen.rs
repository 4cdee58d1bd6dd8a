//! `cargo xtask codegen`: generates `ir-spec/src/generated.rs` and `ir-spec/README.md` from
//! `ir-spec/ops.toml`, and `docs/subset.md` from `docs/subset.toml`.
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
    /// Attribute enums: name → `value|value=Variant|…`.
    #[serde(default)]
    enums: BTreeMap<String, String>,
    op: Vec<OpDecl>,
}

/// One attribute enum of the `[enums]` table: its values (textual IR form) and the Rust
/// variant of each, in declaration order.
struct EnumDecl {
    name: String,
    values: Vec<(String, String)>,
}

/// Parses `value|value=Variant|…`; a variant defaults to the value in CamelCase (`ref_bits` →
/// `RefBits`).
fn parse_enum(name: &str, decl: &str) -> Result<EnumDecl, String> {
    let ident = |s: &str, upper: bool| {
        let mut c = s.chars();
        c.next().is_some_and(|f| if upper { f.is_ascii_uppercase() } else { f.is_ascii_lowercase() })
            && s.chars().all(|ch| ch.is_ascii_alphanumeric() || (!upper && ch == '_'))
    };
    if !ident(name, true) {
        return Err(format!("enum `{name}`: the name must be CamelCase"));
    }
    let mut values: Vec<(String, String)> = Vec::new();
    for item in decl.split('|') {
        let (value, rust) = match item.split_once('=') {
            Some((v, r)) => (v.trim().to_string(), r.trim().to_string()),
            None => (item.trim().to_string(), variant(item.trim())),
        };
        if !ident(&value, false) {
            return Err(format!("enum `{name}`: bad value `{value}` (lower-case letters, digits and `_`)"));
        }
        if !ident(&rust, true) {
            return Err(format!("enum `{name}`: bad variant name `{rust}` for `{value}`"));
        }
        if values.iter().any(|(v, r)| *v == value || *r == rust) {
            return Err(format!("enum `{name}`: `{value}` ({rust}) is declared twice"));
        }
        values.push((value, rust));
    }
    Ok(EnumDecl { name: name.to_string(), values })
}

/// An attribute kind `enum:Name` or `enum:Name(a|b)`: the enum's name and the allowed values
/// (the whole enum when no subset is given), checked against the declared enums.
fn parse_enum_kind<'e>(kind: &str, enums: &'e [EnumDecl]) -> Result<Option<(&'e EnumDecl, Vec<String>)>, String> {
    let Some(rest) = kind.strip_prefix("enum:") else { return Ok(None) };
    let (name, subset) = match rest.split_once('(') {
        Some((n, s)) => match s.strip_suffix(')') {
            Some(s) => (n, Some(s)),
            None => return Err(format!("attribute kind `{kind}`: missing `)`")),
        },
        None => (rest, None),
    };
    let e = enums.iter().find(|e| e.name == name)
        .ok_or_else(|| format!("attribute kind `{kind}`: no enum `{name}` in [enums] (write `enum:Name` or `enum:Name(a|b)`)"))?;
    let values: Vec<String> = match subset {
        None => e.values.iter().map(|(v, _)| v.clone()).collect(),
        Some(s) => s.split('|').map(|v| v.trim().to_string()).collect(),
    };
    for (i, v) in values.iter().enumerate() {
        if !e.values.iter().any(|(d, _)| d == v) {
            return Err(format!("attribute kind `{kind}`: `{v}` is not a value of enum `{name}`"));
        }
        if values[..i].contains(v) {
            return Err(format!("attribute kind `{kind}`: `{v}` is listed twice"));
        }
    }
    Ok(Some((e, values)))
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
    #[serde(default)]
    relate: Option<String>,
}

pub struct Generated {
    pub rust: String,
    pub reference: String,
    pub subset: String,
}

#[derive(Deserialize)]
struct SubsetFile {
    feature: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    section: String,
    name: String,
    status: String,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    flags: Vec<String>,
    examples: Vec<String>,
}

pub const SUBSET_SPEC: &str = "docs/subset.toml";
pub const SUBSET_DOC: &str = "docs/subset.md";

fn gen_subset(root: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(root.join(SUBSET_SPEC)).map_err(|e| format!("{SUBSET_SPEC}: {e}"))?;
    let file: SubsetFile = toml::from_str(&text).map_err(|e| format!("{SUBSET_SPEC}: {e}"))?;
    let mut s = String::new();
    let w = &mut s;
    writeln!(w, "<!-- @generated by `cargo xtask codegen` from docs/subset.toml. Do not edit by hand. -->").unwrap();
    writeln!(w, "# The Python subset Molt compiles\n").unwrap();
    writeln!(w, "Whatever Molt accepts behaves exactly like CPython 3.11; whatever it cannot compile faithfully is").unwrap();
    writeln!(w, "rejected at compile time with the error code shown (`moltc explain CODE` says more). Every example").unwrap();
    writeln!(w, "below is compiled by the test suite (`compiler/tests/subset.rs`): supported ones must print what").unwrap();
    writeln!(w, "`python3` prints, rejected ones must fail with their code.").unwrap();
    let mut section = String::new();
    for f in &file.feature {
        match (f.status.as_str(), &f.code) {
            ("supported", None) | ("rejected", Some(_)) => {}
            _ => return Err(format!("{SUBSET_SPEC}: `{}`: a supported row has no code, a rejected row has one", f.name)),
        }
        if f.examples.is_empty() {
            return Err(format!("{SUBSET_SPEC}: `{}` has no example", f.name));
        }
        if f.section != section {
            section = f.section.clone();
            writeln!(w, "\n## {section}\n").unwrap();
        }
        let status = match &f.code {
            Some(c) => format!("rejected ({c})"),
            None => "supported".to_string(),
        };
        writeln!(w, "### {} — {status}\n", f.name).unwrap();
        if let Some(n) = &f.notes {
            writeln!(w, "{n}\n").unwrap();
        }
        if !f.flags.is_empty() {
            writeln!(w, "With `moltc {}`:\n", f.flags.join(" ")).unwrap();
        }
        for e in &f.examples {
            writeln!(w, "```python\n{e}\n```\n").unwrap();
        }
    }
    Ok(s)
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
    let enums: Vec<EnumDecl> = spec.enums.iter().map(|(n, d)| parse_enum(n, d)).collect::<Result<_, _>>()?;
    let mut used = std::collections::BTreeSet::new();
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
            let k = k.strip_suffix('?').unwrap_or(k);
            attr_kind_rust(k, &enums).map_err(|e| format!("op `{}`: {e}", op.name))?;
            if let Some((e, _)) = parse_enum_kind(k, &enums)? {
                used.insert(e.name.clone());
            }
        }
        for t in &op.traits {
            trait_rust(t).map_err(|e| format!("op `{}`: {e}", op.name))?;
        }
        let terminator = op.traits.iter().any(|t| t == "terminator");
        if op.successors > 0 && !terminator {
            return Err(format!("op `{}`: only terminators have successors", op.name));
        }
    }
    if let Some(e) = enums.iter().find(|e| !used.contains(&e.name)) {
        return Err(format!("enum `{}` is declared but no attribute uses it", e.name));
    }
    Ok(Generated { rust: gen_rust(&spec, &enums)?, reference: gen_reference(&spec, &enums)?, subset: gen_subset(root)? })
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
        "tobj" => "C::Exactly(Type::TObj)".into(),
        "index" => "C::Exactly(Type::Index)".into(),
        "tuple" => "C::Tuple".into(),
        "inst" => "C::Inst".into(),
        "class" => "C::Class".into(),
        "list" => "C::Exactly(Type::List)".into(),
        "boxed" => "C::Boxed".into(),
        "ref" => "C::Exactly(Type::Ref)".into(),
        "i64" => "C::Exactly(Type::I64)".into(),
        "f64" => "C::Exactly(Type::F64)".into(),
        "i1" => "C::Exactly(Type::I1)".into(),
        "ptr" => "C::Exactly(Type::Ptr)".into(),
        other => return Err(format!("unknown type constraint `{other}`")),
    })
}

fn attr_kind_rust(k: &str, enums: &[EnumDecl]) -> Result<String, String> {
    Ok(match k {
        "const" => "AttrKind::Const".into(),
        "str" => "AttrKind::Str".into(),
        "sym" => "AttrKind::Sym".into(),
        "bytes" => "AttrKind::Bytes".into(),
        "int" => "AttrKind::Int".into(),
        "type" => "AttrKind::Type".into(),
        other => match parse_enum_kind(other, enums)? {
            Some((e, values)) => {
                let items: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
                format!("AttrKind::Enum {{ name: {:?}, values: &[{}] }}", e.name, items.join(", "))
            }
            None => return Err(format!("unknown attribute kind `{other}`")),
        },
    })
}

/// One Rust enum per attribute enum, with its `AttrEnum` implementation.
fn gen_enums(w: &mut String, enums: &[EnumDecl]) {
    for e in enums {
        let n = &e.name;
        writeln!(w, "/// The values of attributes declared `enum:{n}` in ops.toml (an op may allow a subset).").unwrap();
        writeln!(w, "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum {n} {{").unwrap();
        for (v, r) in &e.values {
            writeln!(w, "    /// `{v}`\n    {r},").unwrap();
        }
        writeln!(w, "}}\n\nimpl {n} {{").unwrap();
        let all: Vec<String> = e.values.iter().map(|(_, r)| format!("{n}::{r}")).collect();
        writeln!(w, "    pub const ALL: &[Self] = &[{}];\n", all.join(", ")).unwrap();
        writeln!(w, "    /// The value's textual IR form.\n    pub fn name(self) -> &'static str {{\n        match self {{").unwrap();
        for (v, r) in &e.values {
            writeln!(w, "            {n}::{r} => {v:?},").unwrap();
        }
        writeln!(w, "        }}\n    }}\n").unwrap();
        writeln!(w, "    pub fn from_name(name: &str) -> Option<Self> {{\n        Some(match name {{").unwrap();
        for (v, r) in &e.values {
            writeln!(w, "            {v:?} => {n}::{r},").unwrap();
        }
        writeln!(w, "            _ => return None,\n        }})\n    }}\n}}\n").unwrap();
        writeln!(w, "impl AttrEnum for {n} {{").unwrap();
        writeln!(w, "    const ENUM_NAME: &'static str = {n:?};").unwrap();
        writeln!(w, "    const ALL: &'static [Self] = {n}::ALL;\n").unwrap();
        writeln!(w, "    fn name(self) -> &'static str {{\n        {n}::name(self)\n    }}\n").unwrap();
        writeln!(w, "    fn from_name(name: &str) -> Option<Self> {{\n        {n}::from_name(name)\n    }}\n}}\n").unwrap();
        writeln!(w, "impl From<{n}> for Attr {{\n    fn from(v: {n}) -> Attr {{\n        Attr::Str(v.name().to_string())\n    }}\n}}\n").unwrap();
    }
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

fn gen_rust(spec: &SpecFile, enums: &[EnumDecl]) -> Result<String, String> {
    let mut s = String::new();
    let w = &mut s;
    writeln!(w, "// @generated by `cargo xtask codegen` from ir-spec/ops.toml. Do not edit by hand.").unwrap();
    writeln!(w, "//! The op table: one `Opcode` per op declared in `ir-spec/ops.toml`, and its `OpSpec`; one").unwrap();
    writeln!(w, "//! Rust enum per attribute enum of its `[enums]` table.\n").unwrap();
    writeln!(w, "use crate::ir::Attr;").unwrap();
    writeln!(w, "use crate::spec::{{AttrEnum, AttrKind, AttrSpec, OpSpec, Relation, traits}};").unwrap();
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

    // One pattern macro per dialect (`molt_ir::l_ops!()`): a match that handles the ops of one
    // level can name the others' ops as one pattern, without a wildcard arm, so that an op
    // added to its own dialect is still a compile error wherever that dialect is matched.
    for d in &dialects {
        writeln!(w, "/// A pattern matching every op of the `{d}` dialect.\n#[macro_export]\nmacro_rules! {d}_ops {{\n    () => {{").unwrap();
        let ops: Vec<String> = spec.op.iter().filter(|op| op.name.split('.').next() == Some(*d))
            .map(|op| format!("$crate::Opcode::{}", variant(&op.name))).collect();
        writeln!(w, "        {}", ops.join("\n            | ")).unwrap();
        writeln!(w, "    }};\n}}\n").unwrap();
    }

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
            .map(|(n, k)| {
                let (k, optional) = match k.strip_suffix('?') {
                    Some(k) => (k, true),
                    None => (k.as_str(), false),
                };
                Ok(format!("AttrSpec {{ name: {n:?}, kind: {}, optional: {optional} }}", attr_kind_rust(k, enums)?))
            })
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
        let relate = match op.relate.as_deref() {
            None => "None".to_string(),
            Some("tuple_of_operands") => "Some(Relation::TupleOfOperands)".to_string(),
            Some("tuple_element") => "Some(Relation::TupleElement)".to_string(),
            Some(other) => return Err(format!("unknown relation `{other}` of `{}`", op.name)),
        };
        writeln!(w, "        relate: {relate},").unwrap();
        writeln!(w, "    }},").unwrap();
    }
    writeln!(w, "];\n").unwrap();
    gen_enums(w, enums);
    Ok(s)
}

fn gen_reference(spec: &SpecFile, enums: &[EnumDecl]) -> Result<String, String> {
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
            let attrs: Vec<String> = op.attrs.iter().map(|(n, k)| {
                Ok(match parse_enum_kind(k, enums)? {
                    Some((e, values)) if values.len() == e.values.len() => format!("`{n}`: [{}](#{})", e.name, e.name.to_lowercase()),
                    Some((e, values)) => format!("`{n}`: [{}](#{}) ({})", e.name, e.name.to_lowercase(), values.join("\\|")),
                    None => format!("`{n}`: {k}"),
                })
            }).collect::<Result<_, String>>()?;
            let mut traits = op.traits.clone();
            if op.successors > 0 {
                traits.push(format!("{} successor(s)", op.successors));
            }
            if let Some(r) = &op.relate {
                traits.push(format!("relate: {r}"));
            }
            writeln!(w, "| `{}` | {} | {} | {} | {} | {} |", op.name, join(&op.operands), join(&op.results),
                join(&attrs), join(&traits), op.doc.replace('|', "\\|")).unwrap();
        }
        writeln!(w).unwrap();
    }
    writeln!(w, "## Attribute enums\n").unwrap();
    writeln!(w, "Declared once in the `[enums]` table of `ops.toml`; an attribute `enum:Name` takes any value of the").unwrap();
    writeln!(w, "enum, `enum:Name(a|b)` only those listed. In Rust each is an enum of `molt_ir` (variants in").unwrap();
    writeln!(w, "parentheses); the textual form is the value.\n").unwrap();
    for e in enums {
        let values: Vec<String> = e.values.iter().map(|(v, r)| format!("`{v}` ({r})")).collect();
        writeln!(w, "### {}\n\n{}\n", e.name, values.join(", ")).unwrap();
    }
    Ok(s)
}

/// Writes the generated files (or, with `check`, fails when they differ from what is on disk).
pub fn run(root: &Path, check: bool) -> Result<(), String> {
    let g = generate(root)?;
    for (path, text) in [(RUST_PATH, &g.rust), (DOC_PATH, &g.reference), (SUBSET_DOC, &g.subset)] {
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
    use super::{parse_enum, parse_enum_kind};

    #[test]
    fn enum_declarations_and_kinds() {
        let e = parse_enum("CmpOp", "lt|isnot=IsNot|ref_bits").unwrap();
        let pairs: Vec<(&str, &str)> = e.values.iter().map(|(v, r)| (v.as_str(), r.as_str())).collect();
        assert_eq!(pairs, [("lt", "Lt"), ("isnot", "IsNot"), ("ref_bits", "RefBits")]);
        assert!(parse_enum("cmp", "lt").is_err());
        assert!(parse_enum("CmpOp", "lt|lt").is_err());
        assert!(parse_enum("CmpOp", "Lt").is_err());
        let enums = [e];
        let (d, values) = parse_enum_kind("enum:CmpOp", &enums).unwrap().unwrap();
        assert_eq!((d.name.as_str(), values.len()), ("CmpOp", 3));
        let (_, values) = parse_enum_kind("enum:CmpOp(isnot|lt)", &enums).unwrap().unwrap();
        assert_eq!(values, ["isnot", "lt"]);
        assert!(parse_enum_kind("str", &enums).unwrap().is_none());
        assert!(parse_enum_kind("enum:Other", &enums).is_err());
        assert!(parse_enum_kind("enum:CmpOp(gt)", &enums).is_err());
        assert!(parse_enum_kind("enum:CmpOp(lt|lt)", &enums).is_err());
        assert!(parse_enum_kind("enum:CmpOp(lt", &enums).is_err());
    }

    /// Fails when `ir-spec/ops.toml` changed but the generated files were not regenerated.
    #[test]
    fn generated_files_are_fresh() {
        let root = crate::workspace_root();
        if let Err(e) = super::run(&root, true) {
            panic!("{e}");
        }
    }
}
