//! The symbol table: one `Scope` for the module and one per `def` (at any depth), each holding a
//! `Symbol` for every name it binds or uses, with the name's `Binding` classified by CPython's
//! rules (Python/symtable.c in 3.11: `analyze_block`, `analyze_name`, `analyze_cells`,
//! `update_symbols`).
//!
//! Relies on: a syntactically valid AST; any construct, in the subset or not, is accepted (the
//! table never fails). The SyntaxErrors CPython's symbol table reports for `global` statements
//! (after a use or binding of the name, or naming a parameter) are collected in `errors`; the
//! lowering reports them, and rejects `nonlocal` today.
//!
//! Provides, once `SymbolTable::build` has made its one pass over the AST and analysed it:
//! * every name of a scope — each `Expr::Name` read or bound there, each parameter, each name a
//!   `def`, `class`, `import`, `except … as`, `global` or `nonlocal` statement names — has
//!   exactly one symbol in that scope (`resolve`); each name is interned once (`NameId`);
//! * each symbol's binding: `Local` (bound in this function), `Cell` (bound in this function and
//!   read by a nested one), `Free` (bound in an enclosing function), `Global` (a module variable:
//!   bound at module level, or declared `global` and bound in a function), `Builtin` (bound
//!   nowhere in the module, and a builtin) or `Undefined` (bound nowhere);
//! * at module level every bound name is `Global` (never `Local`, `Cell` or `Free`); every
//!   `Global` symbol has a symbol of the same name in the module scope that is bound
//!   (`module_symbol`); a `Cell` only occurs in a function with a nested function that has the
//!   name `Free`, and a function between the two has it `Free` too (with no flags: it only
//!   passes the binding through);
//! * the flags of each symbol (assigned, defined, parameter, used, declared global or nonlocal,
//!   captured: a nested scope refers to this binding).
//!
//! List, set and dict comprehensions get a scope of their own (kind `Comprehension`, a function
//! in CPython's analysis), whose first iterable belongs to the enclosing scope.
//!
//! A `lambda` has a scope of its own (kind `Lambda`). Each symbol also says whether the scope
//! reaches the variable through a cell (`in_cell`): only variables shared with a nested `def`
//! or `lambda` need one.
//!
//! A class body has a scope of its own (kind `Class`): its bound names are `Local` (the class
//! namespace's), invisible to the functions inside it; the names it reads from enclosing
//! functions are `Free` (through cells, as CPython's LOAD_CLASSDEREF); a function that reads
//! `super` uses CPython's implicit `__class__`, which the class body then holds as a `Cell`
//! (`needs_class_cell`, CPython's `drop_class_free`).
//!
//! `target := value` binds its target where it stands, except inside a comprehension: there the
//! target is the nearest enclosing function's variable (the comprehension's symbol is `Free`,
//! declared nonlocal, and reached through a cell) or the module's (declared global), as
//! CPython's `symtable_extend_namedexpr_scope` decides; its four SyntaxErrors (in an iterable,
//! in a class body, rebinding an iteration variable, an inner loop rebinding a target) are
//! collected in `errors`.
//!
//! Generator expressions get a `Comprehension` scope too, marked `generator`, like a `def` or
//! `lambda` whose body has `yield` (decisions/0030): a generator's free variables are reached
//! through cells, since it runs after the enclosing function may have rebound them. `yield`
//! outside a function or inside a comprehension is CPython's SyntaxError (`errors`).

use std::collections::{BTreeSet, HashMap};

use la_arena::{Arena, Idx};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Pattern, Stmt};
use ruff_text_size::{TextRange, TextSize};

use crate::builtins::BuiltinId;

pub type ScopeId = Idx<Scope>;
pub type SymbolId = Idx<Symbol>;

/// An interned name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameId(u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    /// A list, set or dict comprehension: a function of its own (CPython's `<listcomp>`), whose
    /// first iterable is evaluated in the enclosing scope.
    Comprehension,
    /// A `lambda`: a function whose body is one expression (its defaults run outside).
    Lambda,
    /// A class body: its bindings are the class namespace's, invisible to the functions inside
    /// it (CPython's ClassBlock).
    Class,
}

/// Where the value of a name lives, seen from the scope of its symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binding {
    /// A variable of this function.
    Local,
    /// A variable of this function that a nested function reads or writes: it lives in a cell.
    Cell,
    /// A variable of an enclosing function (reached through the closure's cell).
    Free,
    /// A module variable.
    Global,
    /// A builtin: the name is bound nowhere in the module.
    Builtin(BuiltinId),
    /// Bound nowhere, and not a builtin (a NameError at run time); also a `nonlocal` name that
    /// no enclosing function binds (CPython's SyntaxError).
    Undefined,
}

/// What a scope's code does with a name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// Bound by an assignment-like statement: `=`, augmented and annotated assignment, `for`,
    /// `except … as`, `import`, `with … as`, `del`, `:=`, a `match` capture. At module level,
    /// also by a function that declares the name `global` and binds it.
    pub assigned: bool,
    /// Bound by a `def` or `class` statement.
    pub defined: bool,
    pub parameter: bool,
    /// Read.
    pub used: bool,
    pub declared_global: bool,
    pub declared_nonlocal: bool,
    /// A nested scope refers to this binding: always so for a `Cell`; at module level, a module
    /// variable that some function reads or writes.
    pub captured: bool,
    /// Bound by an `import` statement (`assigned` is set too).
    pub imported: bool,
    /// Bound as the iteration variable of a comprehension's `for` (CPython's DEF_COMP_ITER).
    pub comp_iter: bool,
    /// Bound by some statement other than the imports that `Symbol::import_of` records (an
    /// assignment, another import, a `def`, a parameter, a function's `global` binding).
    pub bound_otherwise: bool,
    /// The target of a simple annotated assignment (`x: int`, CPython's DEF_ANNOT).
    pub annotated: bool,
}

impl Flags {
    /// CPython's DEF_BOUND: the scope binds the name.
    pub fn bound(&self) -> bool {
        self.assigned || self.defined || self.parameter
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: NameId,
    pub scope: ScopeId,
    pub binding: Binding,
    pub flags: Flags,
    /// The scope reaches the variable through a cell object: a `Cell` or `Free` binding that a
    /// nested `def` or `lambda` shares (directly or through comprehensions in between). A
    /// variable that only comprehensions read is passed to them by value and needs no cell.
    pub in_cell: bool,
    /// What the first `import` statement binding the name binds: (module, attribute) — `import
    /// m` is (`m`, None), `from m import x` is (`m`, `x`).
    pub import_of: Option<(NameId, Option<NameId>)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    pub kind: ScopeKind,
    /// The function's name (`None` for the module).
    pub name: Option<NameId>,
    pub parent: Option<ScopeId>,
    /// The `def` scopes directly inside this one, in source order.
    pub children: Vec<ScopeId>,
    /// In the order of first occurrence (then the pass-through `Free` ones).
    pub symbols: Vec<SymbolId>,
    /// A generator: a `def` or `lambda` whose body contains `yield`, or a generator expression
    /// (a `Comprehension` scope). Its variables outlive a call (it suspends), so the names it
    /// reads from enclosing functions are reached through cells, as a `lambda`'s are.
    pub generator: bool,
    by_name: HashMap<NameId, SymbolId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymbolTable {
    scopes: Arena<Scope>,
    symbols: Arena<Symbol>,
    names: Vec<Box<str>>,
    name_ids: HashMap<Box<str>, NameId>,
    /// The scope of each `def`, by the offset where the statement starts.
    defs: HashMap<TextSize, ScopeId>,
    /// The scope of each comprehension, by the start of its expression.
    comps: HashMap<TextSize, ScopeId>,
    /// The scope of each `lambda`, by the start of its expression.
    lambdas: HashMap<TextSize, ScopeId>,
    /// The scope of each `class` body, by the offset where the statement starts.
    classes: HashMap<TextSize, ScopeId>,
    module: ScopeId,
    /// The SyntaxErrors CPython's symbol table reports (a `global` statement after a use of
    /// the name, or naming a parameter), with where.
    pub errors: Vec<(ruff_text_size::TextRange, String)>,
}

impl SymbolTable {
    /// The symbol table of a module.
    pub fn build(body: &[Stmt]) -> SymbolTable {
        SymbolTable::build_with_star(body, HashMap::new())
    }

    /// [`SymbolTable::build`] where `from M import *` binds the names `star` gives for M (as
    /// written, leading dots included): the public names of one of the program's modules.
    pub fn build_with_star(body: &[Stmt], star: HashMap<String, Vec<String>>) -> SymbolTable {
        let mut scopes = Arena::new();
        let module = scopes.alloc(Scope { kind: ScopeKind::Module, name: None, parent: None, children: Vec::new(), symbols: Vec::new(), generator: false, by_name: HashMap::new() });
        let table = SymbolTable { scopes, symbols: Arena::new(), names: Vec::new(), name_ids: HashMap::new(), defs: HashMap::new(), comps: HashMap::new(), lambdas: HashMap::new(), classes: HashMap::new(), module, errors: Vec::new() };
        let mut b = Builder { t: table, scope: module, comp_what: Vec::new(), star, comp_iter_expr: 0, comp_iter_target: false };
        b.visit_body(body);
        let mut t = b.t;
        t.declared_globals_bind_module_names();
        let mut implicit = Vec::new();
        t.analyze(module, None, BTreeSet::new(), &mut implicit);
        t.resolve_implicit_globals(implicit);
        t.mark_captured();
        t.mark_cells();
        t
    }

    pub fn module(&self) -> ScopeId {
        self.module
    }

    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id]
    }

    /// What symbol `id` always holds when only `import` statements of one module (or one module
    /// attribute) bind it: (module, attribute); None when anything else binds it too.
    pub fn static_import(&self, id: SymbolId) -> Option<(&str, Option<&str>)> {
        let sym = &self.symbols[id];
        let f = sym.flags;
        if !f.imported || f.bound_otherwise || f.defined || f.parameter {
            return None;
        }
        let (m, a) = sym.import_of?;
        Some((self.name_str(m), a.map(|a| self.name_str(a))))
    }

    pub fn symbol(&self, id: SymbolId) -> &Symbol {
        &self.symbols[id]
    }

    pub fn name(&self, id: SymbolId) -> &str {
        self.name_str(self.symbols[id].name)
    }

    pub fn name_str(&self, n: NameId) -> &str {
        self.names.get(n.0 as usize).map_or("", |s| &**s)
    }

    /// The scope of a `def` statement.
    pub fn def_scope(&self, def: &ast::StmtFunctionDef) -> Option<ScopeId> {
        self.defs.get(&def.range.start()).copied()
    }

    /// The scope of the list, set or dict comprehension whose expression starts at `start`.
    pub fn comp_scope(&self, start: TextSize) -> Option<ScopeId> {
        self.comps.get(&start).copied()
    }

    /// The scope of a `class` statement's body.
    pub fn class_scope(&self, c: &ast::StmtClassDef) -> Option<ScopeId> {
        self.classes.get(&c.range.start()).copied()
    }

    /// Whether the functions of class scope `scope` use `super()` or `__class__`: the class
    /// body then makes the `__class__` cell (its symbol, binding `Cell`) that receives the class.
    pub fn needs_class_cell(&self, scope: ScopeId) -> Option<SymbolId> {
        let s = self.resolve(scope, "__class__")?;
        (self.scopes[scope].kind == ScopeKind::Class && self.symbols[s].binding == Binding::Cell).then_some(s)
    }

    /// The scope of the `lambda` whose expression starts at `start`.
    pub fn lambda_scope(&self, start: TextSize) -> Option<ScopeId> {
        self.lambdas.get(&start).copied()
    }

    /// The variables of `scope` that its nested functions reach through cells and that come
    /// from an enclosing function (its closure), in the order of the closure's cells: by name.
    pub fn closure_names(&self, scope: ScopeId) -> Vec<&str> {
        let mut names: Vec<&str> = self.scopes[scope].symbols.iter()
            .filter(|&&s| self.symbols[s].binding == Binding::Free && self.symbols[s].in_cell)
            .map(|&s| self.name(s))
            .collect();
        names.sort_unstable();
        names
    }

    /// The symbol of `name` in `scope` (every name the scope's code mentions has one).
    pub fn resolve(&self, scope: ScopeId, name: &str) -> Option<SymbolId> {
        let n = self.name_ids.get(name)?;
        self.scopes[scope].by_name.get(n).copied()
    }

    /// The module-level symbol with the name of `sym` (the binding a `Global` symbol names).
    pub fn module_symbol(&self, sym: SymbolId) -> Option<SymbolId> {
        self.scopes[self.module].by_name.get(&self.symbols[sym].name).copied()
    }

    fn intern(&mut self, name: &str) -> NameId {
        if let Some(&n) = self.name_ids.get(name) {
            return n;
        }
        let n = NameId(u32::try_from(self.names.len()).unwrap_or(u32::MAX));
        self.names.push(name.into());
        self.name_ids.insert(name.into(), n);
        n
    }

    /// The symbol of `name` in `scope`, made if there is none yet.
    fn symbol_in(&mut self, scope: ScopeId, name: NameId) -> SymbolId {
        if let Some(&s) = self.scopes[scope].by_name.get(&name) {
            return s;
        }
        let s = self.symbols.alloc(Symbol { name, scope, binding: Binding::Undefined, flags: Flags::default(), in_cell: false, import_of: None });
        let sc = &mut self.scopes[scope];
        sc.symbols.push(s);
        sc.by_name.insert(name, s);
        s
    }

    /// A function that declares a name `global` and binds it binds the module variable.
    fn declared_globals_bind_module_names(&mut self) {
        let binds: Vec<(NameId, Flags)> = self.symbols.iter()
            .filter(|(_, s)| s.scope != self.module && s.flags.declared_global && s.flags.bound())
            .map(|(_, s)| (s.name, s.flags))
            .collect();
        for (name, f) in binds {
            let m = self.symbol_in(self.module, name);
            let mf = &mut self.symbols[m].flags;
            mf.assigned |= f.assigned || f.parameter;
            mf.defined |= f.defined;
            mf.bound_otherwise |= f.bound_otherwise || f.imported || f.parameter || f.defined;
        }
    }

    /// CPython's `analyze_block`: classifies the symbols of `scope` given the names `bound` in
    /// enclosing functions (`None` for the module) and the names declared `global` in enclosing
    /// scopes, then its children's. Returns the names free in `scope` or below that `scope` does
    /// not bind. Names classified implicit globals are pushed on `implicit`, resolved later
    /// against the module's bindings.
    fn analyze(&mut self, scope: ScopeId, mut bound: Option<BTreeSet<NameId>>, mut global: BTreeSet<NameId>, implicit: &mut Vec<SymbolId>) -> BTreeSet<NameId> {
        let kind = self.scopes[scope].kind;
        let mut local = BTreeSet::new();
        let mut free = BTreeSet::new();
        for s in self.scopes[scope].symbols.clone() {
            let Symbol { name, flags, .. } = self.symbols[s];
            // `analyze_name`.
            let binding = if flags.declared_global {
                // (CPython rejects a name both global and nonlocal.)
                global.insert(name);
                if let Some(b) = bound.as_mut() {
                    b.remove(&name);
                }
                implicit.push(s);
                Binding::Global
            } else if flags.declared_nonlocal {
                if bound.as_ref().is_some_and(|b| b.contains(&name)) {
                    free.insert(name);
                    Binding::Free
                } else {
                    Binding::Undefined
                }
            } else if flags.bound() {
                local.insert(name);
                global.remove(&name);
                match kind {
                    ScopeKind::Module => Binding::Global,
                    ScopeKind::Function | ScopeKind::Comprehension | ScopeKind::Lambda | ScopeKind::Class => Binding::Local,
                }
            } else if bound.as_ref().is_some_and(|b| b.contains(&name)) {
                free.insert(name);
                Binding::Free
            } else {
                implicit.push(s);
                Binding::Global
            };
            self.symbols[s].binding = binding;
        }
        // The names visible to nested functions: a function's own, then the enclosing ones; a
        // class body's are not visible, but its implicit `__class__` is.
        let class_name = self.intern("__class__");
        let mut new_bound = match kind {
            ScopeKind::Function | ScopeKind::Comprehension | ScopeKind::Lambda => local,
            ScopeKind::Class => BTreeSet::from([class_name]),
            ScopeKind::Module => BTreeSet::new(),
        };
        new_bound.extend(bound.iter().flatten().copied());
        let mut new_free = BTreeSet::new();
        for child in self.scopes[scope].children.clone() {
            new_free.extend(self.analyze(child, Some(new_bound.clone()), global.clone(), implicit));
        }
        // `drop_class_free`: a class whose functions use `__class__` makes its cell.
        if kind == ScopeKind::Class && new_free.remove(&class_name) {
            let s = self.symbol_in(scope, class_name);
            self.symbols[s].binding = Binding::Cell;
        }
        // `analyze_cells`: a local that a nested function has free is a cell.
        if matches!(kind, ScopeKind::Function | ScopeKind::Comprehension | ScopeKind::Lambda) {
            for s in self.scopes[scope].symbols.clone() {
                let sym = &mut self.symbols[s];
                if sym.binding == Binding::Local && new_free.remove(&sym.name) {
                    sym.binding = Binding::Cell;
                }
            }
        }
        // `update_symbols`: a name free below and not bound here passes through as free.
        for &name in &new_free {
            if self.scopes[scope].by_name.contains_key(&name) || bound.as_ref().is_some_and(|b| !b.contains(&name)) {
                continue;
            }
            let s = self.symbol_in(scope, name);
            self.symbols[s].binding = Binding::Free;
        }
        free.extend(new_free);
        free
    }

    /// A name that no enclosing function binds (CPython's GLOBAL_IMPLICIT, or declared `global`)
    /// is a module variable if the module binds it, else a builtin if there is one, else
    /// undefined.
    fn resolve_implicit_globals(&mut self, implicit: Vec<SymbolId>) {
        for s in implicit {
            let name = self.symbols[s].name;
            let module_binds = self.scopes[self.module].by_name.get(&name).is_some_and(|&m| self.symbols[m].flags.bound());
            self.symbols[s].binding = if module_binds {
                Binding::Global
            } else {
                match BuiltinId::lookup(self.name_str(name)) {
                    Some(b) => Binding::Builtin(b),
                    None => Binding::Undefined,
                }
            };
        }
    }

    /// `in_cell`: each name free in a `def` or `lambda`, and the symbols of that name in the
    /// scopes between it and the function that binds it (that one's `Cell` included).
    fn mark_cells(&mut self) {
        let frees: Vec<(ScopeId, NameId)> = self.symbols.iter()
            .filter(|(_, s)| s.binding == Binding::Free && (matches!(self.scopes[s.scope].kind, ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Class) || self.scopes[s.scope].generator || s.flags.declared_nonlocal))
            .map(|(_, s)| (s.scope, s.name))
            .collect();
        for (scope, name) in frees {
            let mut at = Some(scope);
            while let Some(id) = at {
                let class = self.scopes[id].kind == ScopeKind::Class;
                let Some(&sym) = self.scopes[id].by_name.get(&name) else {
                    // A class body the name passes by without a symbol of its own.
                    if class {
                        at = self.scopes[id].parent;
                        continue;
                    }
                    break;
                };
                if class && !matches!(self.symbols[sym].binding, Binding::Free | Binding::Cell) {
                    // The class's own binding of the name is not what its functions see.
                    at = self.scopes[id].parent;
                    continue;
                }
                self.symbols[sym].in_cell = true;
                if self.symbols[sym].binding != Binding::Free {
                    break;
                }
                at = self.scopes[id].parent;
            }
        }
    }

    fn mark_captured(&mut self) {
        let mut module_names = Vec::new();
        for (_, s) in self.symbols.iter_mut() {
            match s.binding {
                Binding::Cell => s.flags.captured = true,
                Binding::Global if s.scope != self.module => module_names.push(s.name),
                // A class body reads its own names as CPython's LOAD_NAME does: from the
                // namespace, else the module variable of that name.
                Binding::Local if self.scopes[s.scope].kind == ScopeKind::Class => module_names.push(s.name),
                Binding::Global | Binding::Local | Binding::Free | Binding::Builtin(_) | Binding::Undefined => {}
            }
        }
        for name in module_names {
            if let Some(&m) = self.scopes[self.module].by_name.get(&name) {
                self.symbols[m].flags.captured = true;
            }
        }
    }
}

/// The pass over the AST: makes the scopes and symbols and sets the flags.
struct Builder {
    t: SymbolTable,
    scope: ScopeId,
    /// What each comprehension being visited is ("list comprehension", …), innermost last.
    comp_what: Vec<&'static str>,
    /// The names `from M import *` binds, by M as written.
    star: HashMap<String, Vec<String>>,
    /// Inside a comprehension's iterable (any of them, and the blocks within: CPython's
    /// `ste_comp_iter_expr`, which every block inherits), where `:=` is a SyntaxError.
    comp_iter_expr: u32,
    /// Visiting a comprehension's iteration target (CPython's `ste_comp_iter_target`).
    comp_iter_target: bool,
}

/// What CPython calls a generator expression in its SyntaxErrors.
const GENEXPR: &str = "generator expression";

impl Builder {
    fn flag(&mut self, name: &str, set: impl FnOnce(&mut Flags)) {
        let n = self.t.intern(name);
        let s = self.t.symbol_in(self.scope, n);
        set(&mut self.t.symbols[s].flags);
    }

    /// CPython's checks at a `global` or `nonlocal` statement (`kind`): the name must not be a
    /// parameter, nor be used, annotated or bound earlier in the scope.
    fn check_declaration(&mut self, name: &str, kind: &str, range: TextRange) {
        let n = self.t.intern(name);
        let Some(f) = self.t.scopes[self.scope].by_name.get(&n).map(|&sym| self.t.symbols[sym].flags) else { return };
        let msg = if f.parameter {
            format!("name '{name}' is parameter and {kind}")
        } else if f.used {
            format!("name '{name}' is used prior to {kind} declaration")
        } else if f.annotated {
            format!("annotated name '{name}' can't be {kind}")
        } else if f.assigned || f.defined {
            format!("name '{name}' is assigned to before {kind} declaration")
        } else {
            return;
        };
        self.t.errors.push((range, msg));
    }

    fn assign(&mut self, name: &str) {
        self.flag(name, |f| {
            f.assigned = true;
            f.bound_otherwise = true;
        });
    }

    /// `name` bound by an import of `module` (its attribute `attr` for `from module import`).
    fn import_bind(&mut self, name: &str, module: &str, attr: Option<&str>) {
        let what = (self.t.intern(module), attr.map(|a| self.t.intern(a)));
        let n = self.t.intern(name);
        let s = self.t.symbol_in(self.scope, n);
        let sym = &mut self.t.symbols[s];
        sym.flags.assigned = true;
        sym.flags.imported = true;
        match sym.import_of {
            None => sym.import_of = Some(what),
            Some(first) if first == what => {}
            Some(_) => sym.flags.bound_otherwise = true,
        }
    }

    fn function_def(&mut self, f: &ast::StmtFunctionDef) {
        // Run where the `def` runs: decorators, default values, annotations.
        for d in &f.decorator_list {
            self.visit_decorator(d);
        }
        for p in f.parameters.iter() {
            if let Some(d) = p.default() {
                self.visit_expr(d);
            }
            if let Some(a) = p.annotation() {
                self.visit_annotation(a);
            }
        }
        if let Some(r) = &f.returns {
            self.visit_annotation(r);
        }
        self.flag(f.name.as_str(), |fl| fl.defined = true);
        let outer = self.scope;
        let name = Some(self.t.intern(f.name.as_str()));
        let scope = self.t.scopes.alloc(Scope { kind: ScopeKind::Function, name, parent: Some(outer), children: Vec::new(), symbols: Vec::new(), generator: false, by_name: HashMap::new() });
        self.t.scopes[outer].children.push(scope);
        self.t.defs.insert(f.range.start(), scope);
        self.scope = scope;
        for p in f.parameters.iter() {
            if p.name().as_str() == "__debug__" {
                self.t.errors.push((p.name().range, "cannot assign to __debug__".into()));
            }
            self.flag(p.name().as_str(), |fl| fl.parameter = true);
        }
        self.visit_body(&f.body);
        self.scope = outer;
    }
}

impl Builder {
    /// A comprehension: its first iterable runs here; the rest (targets, other iterables,
    /// conditions, the element) in a scope of its own, as CPython's `symtable_handle_comprehension`.
    fn comprehension<'a>(&mut self, range: ruff_text_size::TextRange, generators: &'a [ast::Comprehension], elts: &[&'a Expr], what: &'static str) {
        if let Some(g) = generators.first() {
            self.comp_iterable(&g.iter);
        }
        let outer = self.scope;
        let scope = self.t.scopes.alloc(Scope { kind: ScopeKind::Comprehension, name: None, parent: Some(outer), children: Vec::new(), symbols: Vec::new(), generator: false, by_name: HashMap::new() });
        self.t.scopes[outer].children.push(scope);
        self.t.comps.insert(range.start(), scope);
        self.t.scopes[scope].generator = what == GENEXPR;
        self.comp_what.push(what);
        self.scope = scope;
        for (i, g) in generators.iter().enumerate() {
            self.comp_iter_target = true;
            self.visit_expr(&g.target);
            self.comp_iter_target = false;
            if i > 0 {
                self.comp_iterable(&g.iter);
            }
            for c in &g.ifs {
                self.visit_expr(c);
            }
        }
        for e in elts {
            self.visit_expr(e);
        }
        self.comp_what.pop();
        self.scope = outer;
    }

    fn comp_iterable(&mut self, iter: &Expr) {
        self.comp_iter_expr += 1;
        self.visit_expr(iter);
        self.comp_iter_expr -= 1;
    }

    /// `target := value` (CPython's `symtable_handle_namedexpr`): inside a comprehension the
    /// target is bound in the nearest enclosing function (a `Free` symbol of the comprehension,
    /// through a cell) or module (a module variable). Its SyntaxErrors are collected.
    fn named_expr(&mut self, e: &ast::ExprNamed) {
        if self.comp_iter_expr > 0 {
            self.t.errors.push((e.range, "assignment expression cannot be used in a comprehension iterable expression".into()));
        } else if self.t.scopes[self.scope].kind == ScopeKind::Comprehension
            && let Expr::Name(target) = &*e.target
        {
            self.extend_named_expr_scope(target.id.as_str(), target.range);
        }
        // After an error too, so that the names it uses are not reported as undefined.
        self.visit_expr(&e.value);
        self.visit_expr(&e.target);
    }

    /// CPython's `symtable_extend_namedexpr_scope`: declares `name` in the comprehension being
    /// visited as the enclosing function's (nonlocal) or the module's (global) variable, and
    /// binds it there, or reports CPython's SyntaxError at the target.
    fn extend_named_expr_scope(&mut self, name: &str, range: ruff_text_size::TextRange) {
        let n = self.t.intern(name);
        let mut at = Some(self.scope);
        while let Some(id) = at {
            let existing = self.t.scopes[id].by_name.get(&n).map(|&s| self.t.symbols[s].flags);
            match self.t.scopes[id].kind {
                ScopeKind::Comprehension => {
                    if existing.is_some_and(|f| f.comp_iter) {
                        self.t.errors.push((range, format!("assignment expression cannot rebind comprehension iteration variable '{name}'")));
                        return;
                    }
                    at = self.t.scopes[id].parent;
                }
                ScopeKind::Function | ScopeKind::Lambda => {
                    let global = existing.is_some_and(|f| f.declared_global);
                    self.flag(name, |f| if global { f.declared_global = true } else { f.declared_nonlocal = true });
                    let s = self.t.symbol_in(id, n);
                    let f = &mut self.t.symbols[s].flags;
                    f.assigned = true;
                    f.bound_otherwise = true;
                    return;
                }
                ScopeKind::Module => {
                    self.flag(name, |f| f.declared_global = true);
                    let s = self.t.symbol_in(id, n);
                    let f = &mut self.t.symbols[s].flags;
                    f.declared_global = true;
                    f.assigned = true;
                    f.bound_otherwise = true;
                    return;
                }
                ScopeKind::Class => {
                    self.t.errors.push((range, "assignment expression within a comprehension cannot be used in a class body".into()));
                    return;
                }
            }
        }
    }

    /// `yield` or `yield from` in the current scope: it makes a `def` or `lambda` a generator;
    /// elsewhere it is CPython's SyntaxError.
    fn yield_expr(&mut self, range: ruff_text_size::TextRange) {
        let msg = match self.t.scopes[self.scope].kind {
            ScopeKind::Function | ScopeKind::Lambda => {
                self.t.scopes[self.scope].generator = true;
                return;
            }
            ScopeKind::Module | ScopeKind::Class => "'yield' outside function".to_string(),
            ScopeKind::Comprehension => format!("'yield' inside {}", self.comp_what.last().copied().unwrap_or("list comprehension")),
        };
        self.t.errors.push((range, msg));
    }
}

impl<'a> Visitor<'a> for Builder {
    fn visit_stmt(&mut self, s: &'a Stmt) {
        match s {
            Stmt::FunctionDef(f) => self.function_def(f),
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.visit_decorator(d);
                }
                if let Some(a) = &c.arguments {
                    self.visit_arguments(a);
                }
                self.flag(c.name.as_str(), |f| f.defined = true);
                let outer = self.scope;
                let name = Some(self.t.intern(c.name.as_str()));
                let scope = self.t.scopes.alloc(Scope { kind: ScopeKind::Class, name, parent: Some(outer), children: Vec::new(), symbols: Vec::new(), generator: false, by_name: HashMap::new() });
                self.t.scopes[outer].children.push(scope);
                self.t.classes.insert(c.range.start(), scope);
                self.scope = scope;
                self.visit_body(&c.body);
                self.scope = outer;
            }
            Stmt::Global(g) => {
                // CPython's `symtable_visit_stmt`: a name that is a parameter, used, annotated or
                // bound before its `global` statement is a SyntaxError.
                for n in &g.names {
                    self.check_declaration(n.as_str(), "global", g.range);
                }
                // As in CPython, the module's symbol is marked too.
                for n in &g.names {
                    self.flag(n.as_str(), |f| f.declared_global = true);
                    let name = self.t.intern(n.as_str());
                    let m = self.t.symbol_in(self.t.module, name);
                    self.t.symbols[m].flags.declared_global = true;
                }
            }
            Stmt::Nonlocal(g) => {
                for n in &g.names {
                    self.check_declaration(n.as_str(), "nonlocal", g.range);
                }
                for n in &g.names {
                    self.flag(n.as_str(), |f| f.declared_nonlocal = true);
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    // `import a.b` binds `a` (the package); `import a.b as c` binds the submodule.
                    match &a.asname {
                        Some(n) => self.import_bind(n.as_str(), a.name.as_str(), None),
                        None => {
                            let top = a.name.as_str().split('.').next().unwrap_or("");
                            self.import_bind(top, top, None);
                        }
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                // A relative import's module is written with its leading dots.
                let module = format!("{}{}", ".".repeat(i.level as usize), i.module.as_ref().map_or("", |m| m.as_str()));
                for a in i.names.iter().filter(|a| a.name.as_str() != "*") {
                    self.import_bind(a.asname.as_ref().unwrap_or(&a.name).as_str(), &module, Some(a.name.as_str()));
                }
                if i.names.iter().any(|a| a.name.as_str() == "*") {
                    for n in self.star.get(&module).cloned().unwrap_or_default() {
                        self.import_bind(&n, &module, Some(&n));
                    }
                }
            }
            Stmt::AnnAssign(a) => {
                match &*a.target {
                    Expr::Name(n) => {
                        // CPython: a simple annotated name declared `global` or `nonlocal` in a
                        // function or class is a SyntaxError.
                        let name = self.t.intern(n.id.as_str());
                        let declared = self.t.scopes[self.scope].by_name.get(&name).map(|&sym| self.t.symbols[sym].flags);
                        if a.simple && self.scope != self.t.module
                            && let Some(f) = declared
                            && (f.declared_global || f.declared_nonlocal)
                        {
                            let what = if f.declared_global { "global" } else { "nonlocal" };
                            self.t.errors.push((a.range, format!("annotated name '{}' can't be {what}", n.id.as_str())));
                        }
                        if a.simple {
                            self.flag(n.id.as_str(), |f| f.annotated = true);
                        }
                        if a.simple || a.value.is_some() {
                            self.assign(n.id.as_str());
                        }
                    }
                    other => self.visit_expr(other),
                }
                self.visit_annotation(&a.annotation);
                if let Some(v) = &a.value {
                    self.visit_expr(v);
                }
            }
            // `type X = …` binds X; its value and type parameters are a scope of their own.
            Stmt::TypeAlias(t) => self.visit_expr(&t.name),
            _ => visitor::walk_stmt(self, s),
        }
    }

    fn visit_expr(&mut self, e: &'a Expr) {
        match e {
            Expr::Name(n) => match n.ctx {
                ExprContext::Load | ExprContext::Invalid => {
                    self.flag(n.id.as_str(), |f| f.used = true);
                    // CPython's symtable: a function that reads `super` uses `__class__`.
                    if n.id.as_str() == "super" && matches!(self.t.scopes[self.scope].kind, ScopeKind::Function | ScopeKind::Lambda) {
                        self.flag("__class__", |f| f.used = true);
                    }
                }
                ExprContext::Store | ExprContext::Del => {
                    if n.id.as_str() == "__debug__" {
                        // CPython's compiler (`forbidden_name`).
                        let what = if n.ctx == ExprContext::Del { "delete" } else { "assign to" };
                        self.t.errors.push((n.range, format!("cannot {what} __debug__")));
                    }
                    self.assign(n.id.as_str());
                    if self.comp_iter_target {
                        // CPython's `symtable_add_def_helper`: an iteration variable that `:=`
                        // declared for the enclosing scope.
                        let mut conflict = false;
                        self.flag(n.id.as_str(), |f| {
                            conflict = f.declared_global || f.declared_nonlocal;
                            f.comp_iter = true;
                        });
                        if conflict {
                            self.t.errors.push((n.range, format!("comprehension inner loop cannot rebind assignment expression target '{}'", n.id.as_str())));
                        }
                    }
                }
            },
            Expr::Named(ne) => self.named_expr(ne),
            Expr::Lambda(l) => {
                for p in l.parameters.iter().flat_map(|p| p.iter()) {
                    if let Some(d) = p.default() {
                        self.visit_expr(d);
                    }
                }
                let outer = self.scope;
                let scope = self.t.scopes.alloc(Scope { kind: ScopeKind::Lambda, name: None, parent: Some(outer), children: Vec::new(), symbols: Vec::new(), generator: false, by_name: HashMap::new() });
                self.t.scopes[outer].children.push(scope);
                self.t.lambdas.insert(l.range.start(), scope);
                self.scope = scope;
                for p in l.parameters.iter().flat_map(|p| p.iter()) {
                    self.flag(p.name().as_str(), |fl| fl.parameter = true);
                }
                self.visit_expr(&l.body);
                self.scope = outer;
            }
            Expr::ListComp(ast::ExprListComp { elt, generators, range, .. })
            | Expr::SetComp(ast::ExprSetComp { elt, generators, range, .. }) => {
                let what = if matches!(e, Expr::ListComp(_)) { "list comprehension" } else { "set comprehension" };
                self.comprehension(*range, generators, &[elt], what)
            }
            Expr::DictComp(ast::ExprDictComp { key, value, generators, range, .. }) => {
                let elts: Vec<&Expr> = key.as_deref().into_iter().chain([&**value]).collect();
                self.comprehension(*range, generators, &elts, "dict comprehension")
            }
            Expr::Generator(ast::ExprGenerator { elt, generators, range, .. }) => self.comprehension(*range, generators, &[elt], GENEXPR),
            Expr::Yield(ast::ExprYield { value, range, .. }) => {
                self.yield_expr(*range);
                if let Some(v) = value {
                    self.visit_expr(v);
                }
            }
            Expr::YieldFrom(ast::ExprYieldFrom { value, range, .. }) => {
                self.yield_expr(*range);
                self.visit_expr(value);
            }
            _ => visitor::walk_expr(self, e),
        }
    }

    fn visit_except_handler(&mut self, h: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(eh) = h;
        if let Some(n) = &eh.name {
            self.assign(n.as_str());
        }
        visitor::walk_except_handler(self, h);
    }

    fn visit_pattern(&mut self, p: &'a Pattern) {
        let captured = match p {
            Pattern::MatchAs(m) => m.name.as_ref(),
            Pattern::MatchStar(m) => m.name.as_ref(),
            Pattern::MatchMapping(m) => m.rest.as_ref(),
            _ => None,
        };
        if let Some(n) = captured {
            self.assign(n.as_str());
        }
        visitor::walk_pattern(self, p);
    }
}

#[cfg(test)]
mod tests;
