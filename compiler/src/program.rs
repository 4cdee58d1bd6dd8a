//! The modules of a program (closed world, decisions/0032): the main file and every module
//! its imports name that is found next to it, as CPython's path finder finds it with the
//! script's directory first on `sys.path`.
//!
//! Relies on: the parser (imports are read from the AST of each file, wherever they are:
//! inside functions, `if`, `try`). Provides: `discover`, the program's modules by dotted
//! name with their files.
//!
//! Invariants: a module is found as CPython 3.11's `FileFinder` finds it in one directory: a
//! package directory (with `__init__.py`) before `NAME.py`; a submodule only inside a package
//! found so far; CPython's builtin modules (`sys.builtin_module_names`) and the modules its
//! start-up imported (`STARTUP_MODULES`, found in `sys.modules`) before any file.
//! A name that is no file of the program is left to the front end (a standard-library module
//! or a diagnostic). Discovery never fails: a file that cannot be read or parsed is reported
//! when it is compiled.

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};

use ruff_python_ast::visitor::{Visitor, walk_stmt};
use ruff_python_ast::{self as ast, Stmt};

/// One module of the program other than `__main__`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleFile {
    pub path: PathBuf,
    /// Its file is a package's `__init__.py`.
    pub package: bool,
    /// The names `from NAME import *` binds (`public_names`).
    pub public: Vec<String>,
    /// Its path as diagnostics show it: below the main file's directory as the user wrote it.
    pub shown: PathBuf,
}

/// The program of `main`: its other modules by dotted name, and whether any file imports
/// `sys`.
pub struct Program {
    pub modules: BTreeMap<String, ModuleFile>,
    pub imports_sys: bool,
    /// What each module (the main one included, as `__main__`) may do to the classes,
    /// instances and modules it is given (decisions/0046).
    pub facts: BTreeMap<String, crate::hir::shapes::ForeignFacts>,
}

impl Program {
    /// What the modules other than `name` may do (`ModuleContext::foreign`).
    pub fn foreign_to(&self, name: &str) -> crate::hir::shapes::ForeignFacts {
        let mut all = crate::hir::shapes::ForeignFacts::default();
        for f in self.facts.iter().filter(|(n, _)| n.as_str() != name).map(|(_, f)| f) {
            all.merge(f);
        }
        all
    }
}

/// Finds the modules the program of main file `main` imports, transitively.
pub fn discover(main: &Path) -> Program {
    // CPython puts the real path of the script's directory first on `sys.path`.
    let root = main.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p }).and_then(|p| std::fs::canonicalize(p).ok());
    let mut program = Program { modules: BTreeMap::new(), imports_sys: false, facts: BTreeMap::new() };
    let Some(root) = root else { return program };
    let mut queue: VecDeque<(String, bool, PathBuf)> = VecDeque::from([(crate::hir::MAIN_NAME.to_string(), false, main.to_path_buf())]);
    while let Some((name, package, path)) = queue.pop_front() {
        let Ok(decoded) = crate::driver::read_source(&path) else { continue };
        let Ok(parsed) = ruff_python_parser::parse_module(&decoded.text) else { continue };
        if let Some(m) = program.modules.get_mut(&name) {
            m.public = public_names(&parsed.syntax().body);
        }
        program.facts.insert(name.clone(), crate::hir::shapes::ForeignFacts::of(&parsed.syntax().body));
        let mut v = Imports { wanted: Vec::new() };
        for s in &parsed.syntax().body {
            v.visit_stmt(s);
        }
        for (level, module, names) in v.wanted {
            let Ok(absolute) = resolve_import(&name, package, level, &module) else { continue };
            if absolute.split('.').next() == Some("sys") {
                program.imports_sys = true;
            }
            let mut candidates = prefixes(&absolute);
            candidates.extend(names.iter().filter(|n| *n != "*").map(|n| format!("{absolute}.{n}")));
            for c in candidates {
                if program.modules.contains_key(&c) || c == crate::hir::MAIN_NAME {
                    continue;
                }
                if let Some(mut found) = find(&root, &c, &program.modules) {
                    // (`public` is filled when the module's own file is read.)
                    let rel = found.path.strip_prefix(&root).unwrap_or(&found.path).to_path_buf();
                    found.shown = main.parent().map_or(rel.clone(), |d| d.join(&rel));
                    queue.push_back((c.clone(), found.package, found.path.clone()));
                    program.modules.insert(c, found);
                }
            }
        }
    }
    program
}

/// `a`, `a.b`, `a.b.c` for `a.b.c`.
fn prefixes(name: &str) -> Vec<String> {
    let parts: Vec<&str> = name.split('.').collect();
    (1..=parts.len()).map(|k| parts[..k].join(".")).collect()
}

/// The absolute name of `from {"." * level}{module} import …` in module `name` (a package when
/// `package`), as CPython's `_calc___package__` and `_resolve_name` make it, or the message of
/// CPython's ImportError.
pub fn resolve_import(name: &str, package: bool, level: u32, module: &str) -> Result<String, &'static str> {
    if level == 0 {
        return Ok(module.to_string());
    }
    if name == crate::hir::MAIN_NAME {
        return Err("attempted relative import with no known parent package");
    }
    let mut base: Vec<&str> = name.split('.').collect();
    if !package {
        base.pop();
    }
    let up = level as usize - 1;
    if base.is_empty() || up >= base.len() {
        return Err("attempted relative import beyond top-level package");
    }
    base.truncate(base.len() - up);
    let mut b = base.join(".");
    if !module.is_empty() {
        b.push('.');
        b.push_str(module);
    }
    Ok(b)
}

/// The names `from m import *` binds from a module whose top level is `body`: its `__all__`
/// when that is a literal list or tuple of strs, else every name its top-level statements bind
/// (in `if`/`try`/`for`/`while`/`with` blocks too, not in functions or classes) that does not
/// start with an underscore, in the order first bound.
pub fn public_names(body: &[Stmt]) -> Vec<String> {
    for s in body {
        if let Stmt::Assign(a) = s
            && let [ast::Expr::Name(n)] = a.targets.as_slice()
            && n.id.as_str() == "__all__"
        {
            let elts = match &*a.value {
                ast::Expr::List(l) => &l.elts,
                ast::Expr::Tuple(t) => &t.elts,
                _ => continue,
            };
            let names: Option<Vec<String>> = elts.iter().map(|e| match e {
                ast::Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
                _ => None,
            }).collect();
            if let Some(names) = names {
                return names;
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut add = |n: &str| {
        if !n.starts_with('_') && !out.iter().any(|o| o == n) {
            out.push(n.to_string());
        }
    };
    bound_names(body, &mut add);
    out
}

fn bound_names(body: &[Stmt], add: &mut dyn FnMut(&str)) {
    fn target(e: &ast::Expr, add: &mut dyn FnMut(&str)) {
        match e {
            ast::Expr::Name(n) => add(n.id.as_str()),
            ast::Expr::Tuple(t) => t.elts.iter().for_each(|x| target(x, add)),
            ast::Expr::List(l) => l.elts.iter().for_each(|x| target(x, add)),
            ast::Expr::Starred(s) => target(&s.value, add),
            _ => {}
        }
    }
    for s in body {
        match s {
            Stmt::FunctionDef(f) => add(f.name.as_str()),
            Stmt::ClassDef(c) => add(c.name.as_str()),
            Stmt::Assign(a) => a.targets.iter().for_each(|t| target(t, add)),
            Stmt::AugAssign(a) => target(&a.target, add),
            Stmt::AnnAssign(a) if a.value.is_some() => target(&a.target, add),
            Stmt::Import(i) => {
                for a in &i.names {
                    add(a.asname.as_ref().map_or_else(|| a.name.as_str().split('.').next().unwrap_or(""), |n| n.as_str()));
                }
            }
            Stmt::ImportFrom(i) => {
                for a in i.names.iter().filter(|a| a.name.as_str() != "*") {
                    add(a.asname.as_ref().unwrap_or(&a.name).as_str());
                }
            }
            Stmt::For(f) => {
                target(&f.target, add);
                bound_names(&f.body, add);
                bound_names(&f.orelse, add);
            }
            Stmt::While(w) => {
                bound_names(&w.body, add);
                bound_names(&w.orelse, add);
            }
            Stmt::If(i) => {
                bound_names(&i.body, add);
                for c in &i.elif_else_clauses {
                    bound_names(&c.body, add);
                }
            }
            Stmt::With(w) => {
                for it in &w.items {
                    if let Some(v) = &it.optional_vars {
                        target(v, add);
                    }
                }
                bound_names(&w.body, add);
            }
            Stmt::Try(t) => {
                bound_names(&t.body, add);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    bound_names(&h.body, add);
                }
                bound_names(&t.orelse, add);
                bound_names(&t.finalbody, add);
            }
            _ => {}
        }
    }
}

/// The file of module `name` under `root`, if the program has one.
fn find(root: &Path, name: &str, known: &BTreeMap<String, ModuleFile>) -> Option<ModuleFile> {
    let parts: Vec<&str> = name.split('.').collect();
    let (last, parents) = parts.split_last()?;
    let dir = if parents.is_empty() {
        if crate::stdlib_names::BUILTIN_MODULES.contains(last) || crate::stdlib_names::STARTUP_MODULES.contains(last) {
            return None;
        }
        root.to_path_buf()
    } else {
        // A submodule lives in its package's directory.
        let parent = known.get(&parents.join("."))?;
        if !parent.package {
            return None;
        }
        parent.path.parent()?.to_path_buf()
    };
    if !is_identifier(last) {
        return None;
    }
    let init = dir.join(last).join("__init__.py");
    if init.is_file() {
        return Some(ModuleFile { path: init, package: true, public: Vec::new(), shown: PathBuf::new() });
    }
    let file = dir.join(format!("{last}.py"));
    file.is_file().then_some(ModuleFile { path: file, package: false, public: Vec::new(), shown: PathBuf::new() })
}

fn is_identifier(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f == '_' || f.is_alphabetic()) && c.all(|x| x == '_' || x.is_alphanumeric())
}

/// Every import statement of a file: (level, module, names of a `from` import).
struct Imports {
    wanted: Vec<(u32, String, Vec<String>)>,
}

impl<'a> Visitor<'a> for Imports {
    fn visit_stmt(&mut self, s: &'a Stmt) {
        match s {
            Stmt::Import(i) => {
                for a in &i.names {
                    self.wanted.push((0, a.name.to_string(), Vec::new()));
                }
            }
            Stmt::ImportFrom(ast::StmtImportFrom { module, names, level, .. }) => {
                let m = module.as_ref().map_or(String::new(), |m| m.to_string());
                self.wanted.push((*level, m, names.iter().map(|a| a.name.to_string()).collect()));
            }
            _ => walk_stmt(self, s),
        }
    }
}
