//! `@dataclass` as a compile-time expansion (decisions/0027, 0033): the methods CPython 3.11's
//! `dataclasses` module writes with `exec` are written here as Python, parsed, and added to the
//! class body before the symbol table is built, so that they are ordinary methods for
//! everything after.
//!
//! Relies on: the parser; the traceback's synthetic spans (`traceback::synthetic_span`): the
//! statements written here carry the line numbers CPython's `_create_fn` text gives them, and
//! their traceback rows read `File "<string>", line N, in __init__`, as CPython's do.
//!
//! Provides: `expand`, the module body with every `@dataclass` / `@dataclass(...)` class (the
//! decorator innermost; `init`, `repr`, `eq`, `order`, `unsafe_hash`, `frozen`, `match_args`)
//! expanded: fields from the class's annotations in order (not `ClassVar`), after those of the
//! dataclasses it derives from in the same module; defaults (`x: int = 0`,
//! `field(default=…)`, `field(default_factory=…)`, `init=`, `repr=`, `compare=`, `hash=`);
//! `__init__` (calling `__post_init__`), `__repr__`, `__eq__`, the order methods, `__hash__` by
//! CPython's table, frozen classes' `__setattr__`/`__delattr__` raising
//! `dataclasses.FrozenInstanceError`, `__match_args__`; `asdict`, `astuple`, `replace` and
//! `is_dataclass` as Python functions written once per module (`FUNCTIONS`). A method the class defines itself is
//! kept (CPython's `_set_new_attribute`); where CPython raises instead, so does the expansion
//! (at compile time, a diagnostic naming CPython's error).
//!
//! Invariants: the only trace of `dataclasses` left in the body is what the expansion wrote;
//! any other use of the names imported from it is a diagnostic (E0111), never a silently
//! different program. Names it introduces start with `_molt_dc` (no star import reads them).

use std::collections::HashMap;

use ruff_python_ast::visitor::transformer::{Transformer, walk_expr, walk_stmt};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::span;
use crate::diagnostics::Diagnostic;
use crate::traceback::synthetic_span;

/// The names of `dataclasses` the expansion provides.
const PROVIDED: &[&str] = &["dataclass", "field", "FrozenInstanceError", "asdict", "astuple", "replace", "is_dataclass"];

/// The functions of `dataclasses` the expansion writes (`_molt_dc_NAME`), after CPython's
/// (`_asdict_inner`, `_astuple_inner`, `replace`, `is_dataclass`): a dataclass keeps its fields'
/// names in `_molt_dc_fields` and those `__init__` does not take in `_molt_dc_noinit`. A leaf
/// value CPython would `copy.deepcopy` is kept when it is immutable, else refused loudly.
const FUNCTIONS: &str = r#"def _molt_dc_copy(obj):
    if obj is None or type(obj) in (int, float, bool, str):
        return obj
    if type(obj) is frozenset:
        return frozenset([_molt_dc_copy(v) for v in obj])
    if type(obj) is set:
        return set([_molt_dc_copy(v) for v in obj])
    raise NotImplementedError("Molt cannot copy a " + type(obj).__name__ + " value here yet (CPython's copy.deepcopy)")
def _molt_dc_inner(obj, factory, as_dict):
    if hasattr(type(obj), "_molt_dc_fields"):
        if as_dict:
            return factory([(n, _molt_dc_inner(getattr(obj, n), factory, True)) for n in type(obj)._molt_dc_fields])
        return factory([_molt_dc_inner(getattr(obj, n), factory, False) for n in type(obj)._molt_dc_fields])
    if isinstance(obj, (list, tuple)):
        return type(obj)([_molt_dc_inner(v, factory, as_dict) for v in obj])
    if isinstance(obj, dict):
        return type(obj)([(_molt_dc_inner(k, factory, as_dict), _molt_dc_inner(v, factory, as_dict)) for k, v in obj.items()])
    return _molt_dc_copy(obj)
def _molt_dc_asdict(obj, *, dict_factory=dict):
    if not hasattr(type(obj), "_molt_dc_fields"):
        raise TypeError("asdict() should be called on dataclass instances")
    return _molt_dc_inner(obj, dict_factory, True)
def _molt_dc_astuple(obj, *, tuple_factory=tuple):
    if not hasattr(type(obj), "_molt_dc_fields"):
        raise TypeError("astuple() should be called on dataclass instances")
    return _molt_dc_inner(obj, tuple_factory, False)
def _molt_dc_replace(obj, /, **changes):
    if not hasattr(type(obj), "_molt_dc_fields"):
        raise TypeError("replace() should be called on dataclass instances")
    for n in type(obj)._molt_dc_fields:
        if n in type(obj)._molt_dc_noinit:
            if n in changes:
                raise ValueError("field " + n + " is declared with init=False, it cannot be specified with replace()")
            continue
        if n not in changes:
            changes[n] = getattr(obj, n)
    return obj.__class__(**changes)
def _molt_dc_is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, "_molt_dc_fields")
"#;

/// One field of a dataclass.
#[derive(Clone)]
struct Field {
    name: String,
    /// The default's expression as the `__init__` signature reads it (`x`, `Base.x`), or None.
    default: Option<String>,
    /// The global holding the default factory.
    factory: Option<String>,
    init: bool,
    repr: bool,
    compare: bool,
    /// `field(hash=…)`: None follows `compare`.
    hash: Option<bool>,
}

/// What a dataclass of this module offers the classes deriving from it.
#[derive(Clone)]
struct Info {
    fields: Vec<Field>,
    frozen: bool,
    post_init: bool,
}

struct Expander {
    /// Local name → the `dataclasses` name it is bound to (`from dataclasses import …`).
    names: HashMap<String, String>,
    /// Names `import dataclasses [as d]` binds.
    module_aliases: Vec<String>,
    /// The dataclasses (and, with no fields, the plain classes) seen so far, by name.
    classes: HashMap<String, Option<Info>>,
    counter: usize,
    diags: Vec<Diagnostic>,
    needs_missing: bool,
    needs_frozen_error: bool,
    needs_functions: bool,
}

/// The body with its dataclasses expanded, and the diagnostics; None when the module does not
/// import `dataclasses` (nothing to do).
pub fn expand(body: &[Stmt]) -> Option<(Vec<Stmt>, Vec<Diagnostic>)> {
    let imports = |s: &Stmt| match s {
        Stmt::ImportFrom(i) => i.level == 0 && i.module.as_ref().is_some_and(|m| m.as_str() == "dataclasses"),
        Stmt::Import(i) => i.names.iter().any(|a| a.name.as_str() == "dataclasses"),
        _ => false,
    };
    if !body.iter().any(imports) {
        return None;
    }
    let mut x = Expander { names: HashMap::new(), module_aliases: Vec::new(), classes: HashMap::new(), counter: 0, diags: Vec::new(), needs_missing: false, needs_frozen_error: false, needs_functions: false };
    let mut out = x.block(body.to_vec());
    // Any other use of the names imported from `dataclasses` is not supported.
    let mut uses = Uses { names: &x.names, aliases: &x.module_aliases, found: Vec::new(), locals: Vec::new() };
    for s in &out {
        ruff_python_ast::visitor::Visitor::visit_stmt(&mut uses, s);
    }
    for (r, n) in uses.found {
        x.diags.push(Diagnostic::new("E0111", span(r), format!("`{n}` of `dataclasses` is only supported as a class decorator (`@dataclass`) and in a field's default (`field(...)`)"))
            .label("used as a value").help("use `@dataclass` on a class at the top of a module or function"));
    }
    // The helpers the expansion's code refers to, after the docstring and future imports.
    let mut prelude = String::new();
    if x.needs_missing {
        prelude.push_str("_molt_dc_MISSING = object()\n");
    }
    if x.needs_functions {
        prelude.push_str(FUNCTIONS);
    }
    if x.needs_frozen_error {
        prelude.push_str("def _molt_dc_frozen_error():\n    class FrozenInstanceError(AttributeError):\n        __module__ = 'dataclasses'\n        __qualname__ = 'FrozenInstanceError'\n    return FrozenInstanceError\n_molt_dc_FrozenInstanceError = _molt_dc_frozen_error()\n");
    }
    if !prelude.is_empty() {
        let mut stmts = parse(&prelude);
        let mut line = 1;
        for s in &mut stmts {
            x.counter += 1;
            relocate_stmt(s, x.counter as u32, &mut line);
        }
        let at = out.iter().position(|s| !is_prelude(s)).unwrap_or(out.len());
        out.splice(at..at, stmts);
    }
    Some((out, x.diags))
}

fn is_prelude(s: &Stmt) -> bool {
    match s {
        Stmt::ImportFrom(f) => f.module.as_ref().is_some_and(|m| m.as_str() == "__future__"),
        Stmt::Expr(e) => e.value.is_string_literal_expr(),
        _ => false,
    }
}

/// What `@total_ordering`'s and `NamedTuple`'s expansions do with imports: `name` is taken out
/// of `from module import …` (its local names recorded in `names`), the names `import module
/// [as m]` binds are recorded in `aliases`; the statement left, if any, is returned.
pub(super) fn take_import(s: Stmt, module: &str, name: &str, names: &mut Vec<String>, aliases: &mut Vec<String>) -> Option<Stmt> {
    match s {
        Stmt::ImportFrom(mut i) if i.level == 0 && i.module.as_ref().is_some_and(|m| m.as_str() == module) => {
            i.names.retain(|a| {
                if a.name.as_str() == name {
                    names.push(a.asname.as_ref().unwrap_or(&a.name).to_string());
                    false
                } else {
                    true
                }
            });
            (!i.names.is_empty()).then_some(Stmt::ImportFrom(i))
        }
        Stmt::Import(i) => {
            for a in &i.names {
                if a.name.as_str() == module {
                    aliases.push(a.asname.as_ref().unwrap_or(&a.name).to_string());
                }
            }
            Some(Stmt::Import(i))
        }
        other => Some(other),
    }
}

/// Lets `f` rewrite the statement lists nested in `s` that the compile-time expansions walk (a
/// `def`'s body, an `if`'s branches, a `try`'s blocks; a class body is each expansion's own
/// case), shared by `@dataclass`'s, `@total_ordering`'s and `NamedTuple`'s expansions.
pub(super) fn rewrite_nested(s: &mut Stmt, f: &mut dyn FnMut(&mut ast::Suite)) {
    match s {
        Stmt::FunctionDef(d) => f(&mut d.body),
        Stmt::If(i) => {
            f(&mut i.body);
            for c in &mut i.elif_else_clauses {
                f(&mut c.body);
            }
        }
        Stmt::Try(t) => {
            f(&mut t.body);
            for h in &mut t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                f(&mut h.body);
            }
            f(&mut t.orelse);
            f(&mut t.finalbody);
        }
        _ => {}
    }
}

/// Parses code the expansion wrote (valid Python by construction).
pub(super) fn parse(text: &str) -> Vec<Stmt> {
    match ruff_python_parser::parse_module(text) {
        Ok(p) => p.into_syntax().body.into_iter().collect(),
        Err(e) => panic!("invariant `the dataclass expansion writes valid Python` broken: {e:?} in\n{text}"),
    }
}

impl Expander {
    /// [`Expander::block`] of a nested body, in place.
    fn sub<B: Default + IntoIterator<Item = Stmt> + FromIterator<Stmt>>(&mut self, body: &mut B) {
        let b: Vec<Stmt> = std::mem::take(body).into_iter().collect();
        *body = self.block(b).into_iter().collect();
    }

    /// A statement list with its dataclasses expanded (and those of nested blocks).
    fn block(&mut self, body: Vec<Stmt>) -> Vec<Stmt> {
        let mut out = Vec::with_capacity(body.len());
        for s in body {
            match s {
                Stmt::ImportFrom(i) if i.level == 0 && i.module.as_ref().is_some_and(|m| m.as_str() == "dataclasses") => {
                    for a in &i.names {
                        let local = a.asname.as_ref().unwrap_or(&a.name).to_string();
                        let n = a.name.as_str();
                        if !PROVIDED.contains(&n) {
                            self.diags.push(Diagnostic::new("E0111", span(a.range), format!("`dataclasses.{n}` is not available in Molt yet")).label("not provided by Molt's expansion of dataclasses")
                                .help("Molt provides `dataclass`, `field` and `FrozenInstanceError` of `dataclasses`"));
                            continue;
                        }
                        if n != "dataclass" && n != "field" {
                            if n == "FrozenInstanceError" {
                                self.needs_frozen_error = true;
                            } else {
                                self.needs_functions = true;
                            }
                            let mut a = parse(&format!("{local} = _molt_dc_{n}\n"));
                            for s in &mut a {
                                relocate_all(s, i.range);
                            }
                            out.extend(a);
                            continue;
                        }
                        self.names.insert(local, n.to_string());
                    }
                }
                Stmt::Import(mut i) if i.names.iter().any(|a| a.name.as_str() == "dataclasses") => {
                    i.names.retain(|a| {
                        if a.name.as_str() == "dataclasses" {
                            self.module_aliases.push(a.asname.as_ref().unwrap_or(&a.name).to_string());
                            false
                        } else {
                            true
                        }
                    });
                    if !i.names.is_empty() {
                        out.push(Stmt::Import(i));
                    }
                }
                Stmt::ClassDef(c) => self.class(c, &mut out),
                mut other => {
                    rewrite_nested(&mut other, &mut |b| self.sub(b));
                    out.push(other);
                }
            }
        }
        out
    }

    /// Whether `e` is the `dataclass` decorator (`dataclass`, `dataclasses.dataclass`, called
    /// or not): its call's keywords.
    fn decorator<'e>(&self, e: &'e Expr) -> Option<&'e [ast::Keyword]> {
        let (callee, kw): (&Expr, &[ast::Keyword]) = match e {
            Expr::Call(c) => (&c.func, &c.arguments.keywords),
            other => (other, &[]),
        };
        self.is(callee, "dataclass").then_some(kw)
    }

    /// Whether `e` names `dataclasses.{what}`.
    fn is(&self, e: &Expr, what: &str) -> bool {
        match e {
            Expr::Name(n) => self.names.get(n.id.as_str()).is_some_and(|w| w == what),
            Expr::Attribute(a) => a.attr.as_str() == what && matches!(&*a.value, Expr::Name(m) if self.module_aliases.iter().any(|x| x == m.id.as_str())),
            _ => false,
        }
    }

    fn err(&mut self, r: TextRange, msg: impl Into<String>, label: &str) {
        self.diags.push(Diagnostic::new("E0111", span(r), msg).label(label).help("see docs/subset.md for what Molt's `@dataclass` supports"));
    }

    fn class(&mut self, mut c: ast::StmtClassDef, out: &mut Vec<Stmt>) {
        self.sub(&mut c.body);
        let name = c.name.to_string();
        let Some(last) = c.decorator_list.last() else {
            self.classes.insert(name, None);
            out.push(Stmt::ClassDef(c));
            return;
        };
        let Some(kw) = self.decorator(&last.expression).map(<[ast::Keyword]>::to_vec) else {
            if c.decorator_list.iter().any(|d| self.decorator(&d.expression).is_some()) {
                self.err(c.range, "`@dataclass` under another decorator is not supported yet", "dataclass is not the innermost decorator");
            }
            self.classes.insert(name, None);
            out.push(Stmt::ClassDef(c));
            return;
        };
        let deco_range = last.range;
        if let Expr::Call(call) = &last.expression
            && !call.arguments.args.is_empty()
        {
            self.err(deco_range, "dataclass() takes no positional arguments", "CPython's TypeError");
        }
        c.decorator_list.pop();
        // Options (CPython 3.11's defaults).
        let mut opt: HashMap<&str, bool> = [("init", true), ("repr", true), ("eq", true), ("order", false), ("unsafe_hash", false), ("frozen", false), ("match_args", true)].into_iter().collect();
        for k in &kw {
            let Some(arg) = &k.arg else {
                self.err(k.range, "`**` arguments of `@dataclass(...)` are not supported", "not a constant option");
                continue;
            };
            match (&k.value, opt.get_mut(arg.as_str())) {
                (Expr::BooleanLiteral(b), Some(slot)) => *slot = b.value,
                (_, Some(_)) => self.err(k.range, format!("`{arg}=` of `@dataclass` must be True or False here"), "not a constant"),
                (_, None) => self.err(k.range, format!("`@dataclass({arg}=...)` is not supported yet"), "an option Molt's dataclass lacks"),
            }
        }
        if opt["order"] && !opt["eq"] {
            self.err(deco_range, "ValueError: eq must be true if order is true", "CPython raises this when the class is made");
        }
        // Inherited fields: from the dataclasses of this module the class derives from.
        let mut fields: Vec<Field> = Vec::new();
        let mut post_init = false;
        let mut base_frozen: Option<bool> = None;
        for b in c.arguments.iter().flat_map(|a| a.args.iter()) {
            let Expr::Name(n) = b else {
                self.err(b.range(), "a dataclass deriving from a class that is not a name of this module is not supported yet", "base class");
                continue;
            };
            match self.classes.get(n.id.as_str()).cloned() {
                Some(Some(info)) => {
                    for f in info.fields {
                        let mut f = f;
                        if f.default.is_some() && f.factory.is_none() {
                            f.default = Some(format!("{}.{}", n.id, f.name));
                        }
                        match fields.iter_mut().find(|x| x.name == f.name) {
                            Some(slot) => *slot = f,
                            None => fields.push(f),
                        }
                    }
                    post_init |= info.post_init;
                    base_frozen = Some(info.frozen);
                }
                Some(None) => {}
                None if matches!(n.id.as_str(), "object" | "Exception" | "BaseException") => {}
                None => self.err(b.range(), format!("a dataclass deriving from `{}`, which Molt cannot see (not a class of this module), is not supported yet", n.id), "base class"),
            }
        }
        if let Some(bf) = base_frozen
            && bf != opt["frozen"]
        {
            let msg = if bf { "TypeError: cannot inherit non-frozen dataclass from a frozen one" } else { "TypeError: cannot inherit frozen dataclass from a non-frozen one" };
            self.err(deco_range, msg, "CPython raises this when the class is made");
        }
        // The class's own fields, and its body with `field(...)` defaults replaced.
        let mut body = Vec::with_capacity(c.body.len());
        let mut defined: Vec<String> = Vec::new();
        for s in std::mem::take(&mut c.body) {
            match s {
                Stmt::AnnAssign(mut a) if matches!(&*a.target, Expr::Name(_)) && !is_classvar(&a.annotation) => {
                    let fname = match &*a.target {
                        Expr::Name(n) => n.id.to_string(),
                        _ => String::new(),
                    };
                    if matches!(fname.as_str(), "self" | "object") {
                        self.err(a.range, format!("a dataclass field named `{fname}` is not supported yet"), "a name the generated methods use");
                    }
                    let mut f = Field { name: fname.clone(), default: None, factory: None, init: true, repr: true, compare: true, hash: None };
                    if let Some(v) = a.value.take() {
                        match *v {
                            Expr::Call(call) if self.is(&call.func, "field") => {
                                if !call.arguments.args.is_empty() {
                                    self.err(call.range(), "field() takes no positional arguments", "CPython's TypeError");
                                }
                                let mut value: Option<Expr> = None;
                                for k in call.arguments.keywords.iter() {
                                    let arg = k.arg.as_ref().map_or("", |x| x.as_str());
                                    let flag = match &k.value {
                                        Expr::BooleanLiteral(b) => Some(b.value),
                                        _ => None,
                                    };
                                    match arg {
                                        "default" => value = Some(k.value.clone()),
                                        "default_factory" => {
                                            self.counter += 1;
                                            let g = format!("_molt_dc{}_{}", self.counter, fname);
                                            let mut st = parse(&format!("{g} = 0\n"));
                                            if let Some(Stmt::Assign(asg)) = st.first_mut() {
                                                asg.value = Box::new(k.value.clone());
                                                relocate_target(asg, k.range);
                                            }
                                            out.extend(st);
                                            f.factory = Some(g);
                                            self.needs_missing = true;
                                        }
                                        "init" | "repr" | "compare" => match flag {
                                            Some(b) if arg == "init" => f.init = b,
                                            Some(b) if arg == "repr" => f.repr = b,
                                            Some(b) => f.compare = b,
                                            None => self.err(k.range, format!("`field({arg}=...)` must be True or False here"), "not a constant"),
                                        },
                                        "hash" => match &k.value {
                                            Expr::NoneLiteral(_) => f.hash = None,
                                            Expr::BooleanLiteral(b) => f.hash = Some(b.value),
                                            _ => self.err(k.range, "`field(hash=...)` must be None, True or False here", "not a constant"),
                                        },
                                        "metadata" => {}
                                        other => self.err(k.range, format!("`field({other}=...)` is not supported yet"), "an option Molt's field lacks"),
                                    }
                                }
                                if value.is_some() && f.factory.is_some() {
                                    self.err(call.range(), "ValueError: cannot specify both default and default_factory", "CPython raises this when the class is made");
                                }
                                if let Some(v) = value {
                                    a.value = Some(Box::new(v));
                                    f.default = Some(fname.clone());
                                }
                            }
                            other => {
                                if matches!(other, Expr::List(_) | Expr::Dict(_) | Expr::Set(_) | Expr::ListComp(_) | Expr::DictComp(_) | Expr::SetComp(_)) {
                                    let what = match other {
                                        Expr::List(_) | Expr::ListComp(_) => "list",
                                        Expr::Dict(_) | Expr::DictComp(_) => "dict",
                                        _ => "set",
                                    };
                                    self.err(other.range(), format!("ValueError: mutable default <class '{what}'> for field {fname} is not allowed: use default_factory"), "CPython raises this when the class is made");
                                }
                                a.value = Some(Box::new(other));
                                f.default = Some(fname.clone());
                            }
                        }
                    }
                    match fields.iter_mut().find(|x| x.name == f.name) {
                        Some(slot) => *slot = f,
                        None => fields.push(f),
                    }
                    // A field without a default leaves no class attribute (only an annotation,
                    // which Molt does not keep).
                    if a.value.is_some() {
                        body.push(Stmt::AnnAssign(a));
                    }
                }
                Stmt::FunctionDef(f) => {
                    defined.push(f.name.to_string());
                    body.push(Stmt::FunctionDef(f));
                }
                Stmt::Assign(a) => {
                    for t in &a.targets {
                        if let Expr::Name(n) = t {
                            defined.push(n.id.to_string());
                        }
                    }
                    body.push(Stmt::Assign(a));
                }
                other => body.push(other),
            }
        }
        post_init |= defined.iter().any(|d| d == "__post_init__");
        // Non-default fields after default ones (in `__init__`'s order).
        let mut seen_default = false;
        let mut bad_order = false;
        for f in fields.iter().filter(|f| f.init) {
            if f.default.is_some() || f.factory.is_some() {
                seen_default = true;
            } else if seen_default {
                self.err(deco_range, format!("TypeError: non-default argument '{}' follows default argument", f.name), "CPython raises this when the class is made");
                bad_order = true;
                break;
            }
        }
        let has = |n: &str| defined.iter().any(|d| d == n);
        let mut methods = Vec::new();
        let frozen = opt["frozen"];
        if opt["init"] && !has("__init__") && !bad_order {
            methods.push(init_fn(&fields, frozen, post_init));
        }
        if opt["repr"] && !has("__repr__") {
            methods.push(repr_fn(&fields));
        }
        let cmp: Vec<&Field> = fields.iter().filter(|f| f.compare).collect();
        if opt["eq"] && !has("__eq__") {
            methods.push(compare_fn("__eq__", "==", &cmp));
        }
        if opt["order"] {
            for (m, op) in [("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")] {
                if has(m) {
                    self.err(deco_range, format!("TypeError: Cannot overwrite attribute {m} in class {name}. Consider using functools.total_ordering"), "CPython raises this when the class is made");
                }
                methods.push(compare_fn(m, op, &cmp));
            }
        }
        if frozen {
            for m in ["__setattr__", "__delattr__"] {
                if has(m) {
                    self.err(deco_range, format!("TypeError: Cannot overwrite attribute {m} in class {name}"), "CPython raises this when the class is made");
                }
            }
            self.needs_frozen_error = true;
            let names: Vec<String> = fields.iter().map(|f| format!("'{}', ", f.name)).collect();
            let tuple = format!("({})", names.concat());
            methods.push(format!("def __setattr__(self, name, value):\n    if type(self) is {name} or name in {tuple}:\n        raise _molt_dc_FrozenInstanceError(\"cannot assign to field \" + repr(name))\n    super({name}, self).__setattr__(name, value)\n"));
            methods.push(format!("def __delattr__(self, name):\n    if type(self) is {name} or name in {tuple}:\n        raise _molt_dc_FrozenInstanceError(\"cannot delete field \" + repr(name))\n    super({name}, self).__delattr__(name)\n"));
        }
        // `__hash__` (CPython's `_hash_action` table).
        let explicit_hash = has("__hash__");
        let eq = opt["eq"];
        let hashed: Vec<&Field> = fields.iter().filter(|f| f.hash.unwrap_or(f.compare)).collect();
        let hash_fn = || {
            let items: Vec<String> = hashed.iter().map(|f| format!("self.{},", f.name)).collect();
            format!("def __hash__(self):\n    return hash(({}))\n", items.concat())
        };
        let mut extra = String::new();
        match (opt["unsafe_hash"], eq, frozen, explicit_hash) {
            (false, true, false, false) => extra.push_str("__hash__ = None\n"),
            (false, true, true, false) | (true, _, _, false) => methods.push(hash_fn()),
            (true, _, _, true) => self.err(deco_range, format!("TypeError: Cannot overwrite attribute __hash__ in class {name}"), "CPython raises this when the class is made"),
            (false, false, _, _) | (false, true, _, true) => {}
        }
        let all: Vec<String> = fields.iter().map(|f| format!("'{}', ", f.name)).collect();
        let noinit: Vec<String> = fields.iter().filter(|f| !f.init).map(|f| format!("'{}', ", f.name)).collect();
        extra.push_str(&format!("_molt_dc_fields = ({})\n_molt_dc_noinit = ({})\n", all.concat(), noinit.concat()));
        if opt["match_args"] && !has("__match_args__") {
            let names: Vec<String> = fields.iter().filter(|f| f.init).map(|f| format!("'{}', ", f.name)).collect();
            extra.push_str(&format!("__match_args__ = ({})\n", names.concat()));
        }
        for m in &methods {
            let mut stmts = parse(m);
            for s in &mut stmts {
                self.counter += 1;
                relocate_stmt(s, self.counter as u32, &mut 2);
            }
            body.extend(stmts);
        }
        let mut stmts = parse(&extra);
        for s in &mut stmts {
            relocate_all(s, deco_range);
        }
        body.extend(stmts);
        c.body = body.into_iter().collect();
        self.classes.insert(name, Some(Info { fields, frozen, post_init }));
        out.push(Stmt::ClassDef(c));
    }
}

/// `__init__` as CPython's `_init_fn` writes it.
fn init_fn(fields: &[Field], frozen: bool, post_init: bool) -> String {
    let mut params = vec!["self".to_string()];
    let mut lines = Vec::new();
    for f in fields {
        if f.init {
            params.push(match (&f.default, &f.factory) {
                (_, Some(_)) => format!("{}=_molt_dc_MISSING", f.name),
                (Some(d), None) => format!("{}={d}", f.name),
                (None, None) => f.name.clone(),
            });
        }
        let value = match (&f.factory, f.init) {
            (Some(g), true) => format!("{g}() if {n} is _molt_dc_MISSING else {n}", n = f.name),
            (Some(g), false) => format!("{g}()"),
            (None, true) => f.name.clone(),
            // Reading it finds the class attribute that holds the default.
            (None, false) => continue,
        };
        lines.push(if frozen { format!("object.__setattr__(self, '{}', {value})", f.name) } else { format!("self.{} = {value}", f.name) });
    }
    if post_init {
        lines.push("self.__post_init__()".into());
    }
    if lines.is_empty() {
        lines.push("pass".into());
    }
    format!("def __init__({}):\n{}", params.join(", "), lines.iter().map(|l| format!("    {l}\n")).collect::<String>())
}

/// `__repr__`: `Name(a=1, b='x')` with the class's `__qualname__`.
fn repr_fn(fields: &[Field]) -> String {
    let parts: Vec<String> = fields.iter().filter(|f| f.repr).map(|f| format!("{}=\" + repr(self.{})", f.name, f.name)).collect();
    let mut body = String::from("self.__class__.__qualname__ + \"(");
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            body.push_str(" + \", ");
        }
        body.push_str(p);
    }
    if parts.is_empty() {
        body.push_str(")\"");
    } else {
        body.push_str(" + \")\"");
    }
    format!("def __repr__(self):\n    return {body}\n")
}

/// `__eq__` and the order methods: the fields compared as tuples, for the same class only.
fn compare_fn(name: &str, op: &str, fields: &[&Field]) -> String {
    let mine: String = fields.iter().map(|f| format!("self.{},", f.name)).collect();
    let theirs: String = fields.iter().map(|f| format!("other.{},", f.name)).collect();
    format!("def {name}(self, other):\n    if other.__class__ is self.__class__:\n        return ({mine}) {op} ({theirs})\n    return NotImplemented\n")
}

fn is_classvar(annotation: &Expr) -> bool {
    let head = match annotation {
        Expr::Subscript(s) => &*s.value,
        other => other,
    };
    match head {
        Expr::Name(n) => n.id.as_str() == "ClassVar",
        Expr::Attribute(a) => a.attr.as_str() == "ClassVar",
        _ => false,
    }
}

/// Gives a generated statement (and what it contains) the synthetic spans of CPython's
/// `_create_fn` text: `line` is the line of `s` (a `def` on line 2, its body from line 3).
pub(super) fn relocate_stmt(s: &mut Stmt, text: u32, line: &mut u32) {
    let here = to_range(synthetic_span(text, *line));
    *line += 1;
    match s {
        Stmt::FunctionDef(f) => {
            f.range = here;
            relocate_node_ranges(&mut f.parameters, here);
            for b in &mut f.body {
                relocate_stmt(b, text, line);
            }
        }
        Stmt::ClassDef(c) => {
            c.range = here;
            for b in &mut c.body {
                relocate_stmt(b, text, line);
            }
        }
        Stmt::If(i) => {
            i.range = here;
            Relocator(here).visit_expr(&mut i.test);
            for b in &mut i.body {
                relocate_stmt(b, text, line);
            }
        }
        other => relocate_all(other, here),
    }
}

fn to_range(sp: molt_ir::Span) -> TextRange {
    TextRange::new(TextSize::from(sp.start), TextSize::from(sp.end))
}

/// Gives statement `s` and every node in it the range `r`.
pub(super) fn relocate_all(s: &mut Stmt, r: TextRange) {
    Relocator(r).visit_stmt(s);
}

fn relocate_target(a: &mut ast::StmtAssign, r: TextRange) {
    a.range = r;
    for t in &mut a.targets {
        Relocator(r).visit_expr(t);
    }
}

fn relocate_node_ranges(p: &mut ast::Parameters, r: TextRange) {
    p.range = r;
    for x in p.posonlyargs.iter_mut().chain(p.args.iter_mut()).chain(p.kwonlyargs.iter_mut()) {
        x.range = r;
        x.parameter.range = r;
        x.parameter.name.range = r;
        if let Some(d) = &mut x.default {
            Relocator(r).visit_expr(d);
        }
    }
}

/// Sets the range of every statement and expression it visits.
struct Relocator(TextRange);

impl Transformer for Relocator {
    fn visit_stmt(&self, stmt: &mut Stmt) {
        let r = self.0;
        match stmt {
            Stmt::FunctionDef(x) => x.range = r,
            Stmt::ClassDef(x) => x.range = r,
            Stmt::Return(x) => x.range = r,
            Stmt::Delete(x) => x.range = r,
            Stmt::TypeAlias(x) => x.range = r,
            Stmt::Assign(x) => x.range = r,
            Stmt::AugAssign(x) => x.range = r,
            Stmt::AnnAssign(x) => x.range = r,
            Stmt::For(x) => x.range = r,
            Stmt::While(x) => x.range = r,
            Stmt::If(x) => x.range = r,
            Stmt::With(x) => x.range = r,
            Stmt::Match(x) => x.range = r,
            Stmt::Raise(x) => x.range = r,
            Stmt::Try(x) => x.range = r,
            Stmt::Assert(x) => x.range = r,
            Stmt::Import(x) => x.range = r,
            Stmt::ImportFrom(x) => x.range = r,
            Stmt::Global(x) => x.range = r,
            Stmt::Nonlocal(x) => x.range = r,
            Stmt::Expr(x) => x.range = r,
            Stmt::Pass(x) => x.range = r,
            Stmt::Break(x) => x.range = r,
            Stmt::Continue(x) => x.range = r,
            Stmt::IpyEscapeCommand(x) => x.range = r,
        }
        if let Stmt::FunctionDef(f) = stmt {
            relocate_node_ranges(&mut f.parameters, r);
        }
        walk_stmt(self, stmt);
    }

    fn visit_expr(&self, expr: &mut Expr) {
        ruff_python_ast::relocate::relocate_expr(expr, self.0);
        walk_expr(self, expr);
    }

    fn visit_arguments(&self, arguments: &mut ast::Arguments) {
        arguments.range = self.0;
        ruff_python_ast::visitor::transformer::walk_arguments(self, arguments);
    }

    fn visit_keyword(&self, keyword: &mut ast::Keyword) {
        keyword.range = self.0;
        ruff_python_ast::visitor::transformer::walk_keyword(self, keyword);
    }
}

/// The loads of names bound from `dataclasses` (after the expansion, each an unsupported use),
/// but in functions where the name is a parameter or a local variable of its own.
pub(super) struct Uses<'a> {
    pub(super) names: &'a HashMap<String, String>,
    pub(super) aliases: &'a [String],
    pub(super) found: Vec<(TextRange, String)>,
    /// The local names of the functions being visited, innermost last.
    pub(super) locals: Vec<Vec<String>>,
}

impl<'a> ruff_python_ast::visitor::Visitor<'a> for Uses<'_> {
    fn visit_stmt(&mut self, s: &'a Stmt) {
        if let Stmt::FunctionDef(f) = s {
            let p = &f.parameters;
            let mut names: Vec<String> = p.posonlyargs.iter().chain(p.args.iter()).chain(p.kwonlyargs.iter()).map(|x| x.parameter.name.to_string()).collect();
            names.extend(p.vararg.iter().chain(p.kwarg.iter()).map(|x| x.name.to_string()));
            let mut stores = Stores(Vec::new());
            for b in &f.body {
                ruff_python_ast::visitor::Visitor::visit_stmt(&mut stores, b);
            }
            names.extend(stores.0);
            self.locals.push(names);
            ruff_python_ast::visitor::walk_stmt(self, s);
            self.locals.pop();
            return;
        }
        ruff_python_ast::visitor::walk_stmt(self, s);
    }

    fn visit_expr(&mut self, e: &'a Expr) {
        if let Expr::Name(n) = e
            && (self.names.contains_key(n.id.as_str()) || self.aliases.iter().any(|a| a == n.id.as_str()))
            && matches!(n.ctx, ast::ExprContext::Load)
            && !self.locals.iter().any(|l| l.iter().any(|x| x == n.id.as_str()))
        {
            self.found.push((n.range, n.id.to_string()));
        }
        ruff_python_ast::visitor::walk_expr(self, e);
    }
}

/// The names a function body stores to (its local variables, as far as they shadow).
struct Stores(Vec<String>);

impl<'a> ruff_python_ast::visitor::Visitor<'a> for Stores {
    fn visit_expr(&mut self, e: &'a Expr) {
        if let Expr::Name(n) = e
            && matches!(n.ctx, ast::ExprContext::Store)
        {
            self.0.push(n.id.to_string());
        }
        ruff_python_ast::visitor::walk_expr(self, e);
    }
}
