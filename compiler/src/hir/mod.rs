//! AST → HIR (`py` + `cf` dialects): names resolved, syntax desugared, SSA built.
//!
//! Relies on: a syntactically valid ruff AST. Provides: a `HirModule` with one `HirFunc` for the
//! module's top-level code (`<module>`, no results) followed by one per `def` (one `!py.obj`
//! result), each with its side tables (`HirFunc::names`: the source variable behind each block
//! argument and `py.undef`, for diagnostics). Names resolve through the symbol table
//! (`scope.rs`, built before lowering). Local variables are SSA values (Braun et al., "Simple
//! and Efficient Construction of SSA Form", with block arguments as phis, keyed by symbol);
//! module-level variables that some function refers to are globals
//! (`py.load_global`/`py.store_global`), the others are SSA values of `<module>`. Everything
//! outside the subset is a `Diagnostic` (never a panic); lowering continues past errors to
//! report them all.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use molt_ir::{Block, Func, Module, OpId, Span, Type, Value};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::TextRange;

use crate::builtins::BuiltinId;
use crate::diagnostics::Diagnostic;
use scope::{Binding, ScopeId, ScopeKind, SymbolId, SymbolTable};

pub use comprehension::{display_name, is_method, is_synthetic};

pub mod calls;
mod comprehension;
mod const_fold;
mod classes;
mod dataclass;
mod exceptions;
mod expr;
mod fstring;
mod functions;
mod named_tuple;
mod imports;
pub mod mangle;
mod match_stmt;
pub mod scope;
pub mod shapes;
mod total_ordering;
mod ssa;
mod stmt;
mod unbound;
mod with_stmt;

pub const MODULE_FUNC: &str = "<module>";

/// Where a module sits in its program (decisions/0032): its name, and the program's other
/// modules, which its imports resolve against.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ModuleContext {
    /// The module's dotted name: `__main__` for the program's main file.
    pub name: String,
    /// Whether it is a package (its file is an `__init__.py`).
    pub package: bool,
    /// The program's own modules (dotted name → whether it is a package), `__main__` aside.
    pub program: BTreeMap<String, bool>,
    /// Whether some other module of the program imports `sys` (then every module compares
    /// frame depths with the runtime's recursion limit, decisions/0027).
    pub imports_sys: bool,
    /// The names `from M import *` binds, for each module M of the program.
    pub star: BTreeMap<String, Vec<String>>,
    /// What the program's other modules may do to this module's classes and instances
    /// (decisions/0046).
    pub foreign: shapes::ForeignFacts,
}

impl Default for ModuleContext {
    fn default() -> Self {
        ModuleContext { name: MAIN_NAME.to_string(), package: false, program: BTreeMap::new(), imports_sys: false, star: BTreeMap::new(), foreign: shapes::ForeignFacts::default() }
    }
}

impl ModuleContext {
    /// Whether other modules import this one: then every module-level name is a variable they
    /// can read (a boxed global slot), every `def` a function object there.
    pub fn exports(&self) -> bool {
        self.name != MAIN_NAME
    }

    /// Whether no other module can name this module's classes (it is the main module): the
    /// analyses that assume they see every use of a class (known classes, decisions/0031) may
    /// run, given what the other modules may do to values they are passed (`foreign`,
    /// decisions/0046).
    pub fn closed(&self) -> bool {
        !self.exports()
    }
}

/// `__name__` of the program's main module.
pub const MAIN_NAME: &str = "__main__";

/// One lowered function and what goes with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HirFunc {
    /// Named by its source name (`<module>` for the module's code); its span is the `def`'s.
    pub func: Func,
    pub params: Vec<String>,
    /// Source variable names of block arguments and `py.undef` results.
    pub names: BTreeMap<Value, String>,
    /// The code of function objects (`functions.rs`): it takes the function object and then
    /// its bound parameters, and returns a boxed value; only `py.make_function` names it, never
    /// `py.call` (inference may call it directly, decisions/0057).
    pub object_entry: bool,
    /// The code of a class body (an `object_entry` the class statement calls with the
    /// namespace).
    pub class_body: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HirModule {
    /// `funcs[0]` is `<module>`; then the `def`s in source order.
    pub funcs: Vec<HirFunc>,
    /// The index in `funcs` of each function, by the name `py.call` gives.
    by_name: BTreeMap<String, usize>,
    /// Module-level variable names (those in global slots).
    pub globals: BTreeSet<String>,
    /// Whether every `def` is bound before any module-level statement can call a function
    /// (then calls need no NameError check).
    pub defs_first: bool,
    /// The classes the compiler knows completely (decisions/0031).
    pub shapes: shapes::Shapes,
    /// The direct code of the known classes' direct methods: (class, method name) → index in
    /// `funcs` (named `method#Class`, parameters as declared).
    pub methods: BTreeMap<(usize, String), usize>,
    /// The function objects' code of the known classes' `def`s: HIR name → (class, method).
    pub method_objects: BTreeMap<String, (usize, String)>,
    /// For a module other programs' modules import: its module-level names (each a global
    /// slot holding a boxed value), and whether each is a `def` its own code calls directly.
    pub exports: Vec<(String, bool)>,
    /// The functions whose traceback name is not their HIR name's (`display_name`): the direct
    /// code of known classes' private methods (`_C__m#C`, shown as `__m`).
    pub shown_names: BTreeMap<String, String>,
}

impl HirModule {
    /// The index in `funcs` of the function `name`.
    pub fn func_index(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// The name tracebacks show for HIR function `name`.
    pub fn shown_name<'a>(&'a self, name: &'a str) -> &'a str {
        self.shown_names.get(name).map_or_else(|| display_name(name), String::as_str)
    }

    /// The functions as an IR module (what the verifier checks and `--emit hir` prints).
    pub fn module(&self) -> Module {
        Module { funcs: self.funcs.iter().map(|f| f.func.clone()).collect(), ..Module::default() }
    }
}

pub(super) fn span(r: TextRange) -> Span {
    Span::new(r.start().to_u32(), r.end().to_u32())
}

/// Lowers a parsed module. Returns the HIR and every diagnostic found.
pub fn lower_module(body: &[Stmt], module: &ModuleContext, path: &str, originals: &mangle::Originals) -> (HirModule, Vec<Diagnostic>) {
    // `@dataclass` classes get the methods CPython's `dataclasses` writes (decisions/0033).
    // Then `@functools.total_ordering` classes get the comparisons it adds (decisions/0035).
    let mut diags = Vec::new();
    let mut expanded: Option<Vec<Stmt>> = None;
    if let Some((b, d)) = dataclass::expand(body) {
        expanded = Some(b);
        diags = d;
    }
    if let Some((b, d)) = total_ordering::expand(expanded.as_deref().unwrap_or(body)) {
        expanded = Some(b);
        diags.extend(d);
    }
    // And `typing.NamedTuple` classes become `collections.namedtuple` calls (decisions/0034).
    if let Some((b, d)) = named_tuple::expand(expanded.as_deref().unwrap_or(body)) {
        expanded = Some(b);
        diags.extend(d);
    }
    let body = expanded.as_deref().unwrap_or(body);
    let table = SymbolTable::build_with_star(body, star_imports(body, module));
    for (r, msg) in &table.errors {
        diags.push(Diagnostic::new("E0001", span(*r), format!("SyntaxError: {msg}")).label("here"));
    }
    let module_scope = table.module();
    // The module-level defs that are lowered: each with its scope and its module-level symbol.
    let mut defs: Vec<(&ast::StmtFunctionDef, ScopeId, SymbolId)> = Vec::new();
    let mut func_syms: HashSet<SymbolId> = HashSet::new();
    let mut top_level_defs = HashSet::new();
    let def_counts = functions::module_def_counts(body);
    for stmt in body {
        if let Stmt::FunctionDef(f) = stmt {
            top_level_defs.extend(table.def_scope(f));
            if let Some(d) = functions::check_def(f) {
                diags.push(d);
                continue;
            }
            // A decorated `def` binds whatever its decorators return, and a name some other
            // statement also binds (another `def`, an assignment) may change: a module
            // variable holding function objects.
            let Some(sym) = table.resolve(module_scope, f.name.as_str()) else { continue };
            if !f.decorator_list.is_empty() || def_counts.get(f.name.as_str()).copied().unwrap_or(0) != 1 || table.symbol(sym).flags.assigned {
                continue;
            }
            // The table has a scope for every `def` and a module symbol for every name bound
            // at module level.
            let Some(scope) = table.def_scope(f) else { continue };
            func_syms.insert(sym);
            defs.push((f, scope, sym));
        }
    }
    // Module variables that some function refers to are globals (a slot + a bound flag); the
    // others are SSA values of `<module>`, like a function's locals.
    // A module others import keeps every module-level name in a slot they can read.
    let exported: Vec<SymbolId> = if module.exports() {
        table.scope(module_scope).symbols.iter().copied().filter(|&s| table.symbol(s).binding == Binding::Global && (is_variable(&table, &func_syms, s) || func_syms.contains(&s))).collect()
    } else {
        Vec::new()
    };
    let globals: BTreeSet<String> = table.scope(module_scope).symbols.iter().copied()
        .filter(|&s| is_global_slot(&table, &func_syms, s, module.exports()))
        .map(|s| table.name(s).to_string())
        .collect();
    let exports: Vec<(String, bool)> = exported.iter().map(|&s| (table.name(s).to_string(), func_syms.contains(&s))).collect();
    let defs_first = {
        // Defs first if no statement before the last def contains a call.
        let last_def = body.iter().rposition(|s| matches!(s, Stmt::FunctionDef(_)));
        match last_def {
            None => true,
            Some(i) => body[..i].iter().all(|s| !stmt_has_call(s)),
        }
    };
    let sigs: HashMap<String, calls::Signature> = defs.iter().map(|(f, _, _)| (f.name.to_string(), calls::Signature::of(f))).collect();
    let mut globals = globals;
    for sig in sigs.values() {
        globals.extend((0..sig.names.len()).filter(|&i| sig.has_default(i)).map(|i| sig.default_global(i)));
    }
    let escaping = functions::names_used_as_values(body);
    // Importers read a module's `def`s as function objects.
    let escaping: HashSet<String> = defs.iter().map(|(f, _, _)| f.name.to_string()).filter(|n| module.exports() || escaping.contains(n)).collect();
    let shapes = if module.closed() { shapes::Shapes::of(body, &table, &module.foreign) } else { shapes::Shapes::default() };
    let stores = shapes::AttributeStores::of(body, &module.foreign);
    let ctx = Ctx { module, path, originals, table: &table, shapes: &shapes, stores: &stores, method_objects: Default::default(), body, funcs: &func_syms, top_level_defs: &top_level_defs, sigs: &sigs, escaping: &escaping, pending: Default::default(), pending_fns: Default::default(), comps: Default::default() };

    let mut funcs = Vec::new();
    // <module>
    let mut l = FnLower::new(MODULE_FUNC, vec![], &ctx, module_scope, Span::default());
    l.suite(body);
    let (func, names, d) = l.finish();
    funcs.push(HirFunc { func, params: vec![], names, object_entry: false, class_body: false });
    diags.extend(d);
    for (def, scope, _) in defs {
        let params: Vec<String> = sigs.get(def.name.as_str()).map(calls::Signature::params).unwrap_or_default();
        let first = sigs.get(def.name.as_str()).filter(|s| s.argcount > 0).and_then(|s| s.names.first().cloned());
        let (f, d) = lower_direct(&ctx, def, scope, (def.name.to_string(), def.name.to_string()), params, first, None);
        funcs.push(f);
        diags.extend(d);
    }
    // The direct code of the known classes' methods.
    let mut method_names = Vec::new();
    let mut shown_names = BTreeMap::new();
    for (k, shape) in shapes.classes.iter().enumerate() {
        let Some(Stmt::ClassDef(c)) = body.iter().find(|s| matches!(s, Stmt::ClassDef(c) if c.range.start() == shape.start)) else { continue };
        for st in &c.body {
            let Stmt::FunctionDef(def) = st else { continue };
            if !shape.defs.iter().any(|(n, direct)| *direct && n == def.name.as_str()) {
                continue;
            }
            let Some(scope) = table.def_scope(def) else { continue };
            let params = calls::Signature::of(def).params();
            let first = params.first().cloned();
            let names = (format!("{}#{}", def.name, shape.name), format!("{}.{}", shape.name, originals.shown(&def.name)));
            if originals.shown(&def.name) != def.name.as_str() {
                shown_names.insert(names.0.clone(), originals.shown(&def.name).to_string());
            }
            let (f, d) = lower_direct(&ctx, def, scope, names, params, first, Some(k));
            method_names.push(((k, def.name.to_string()), funcs.len()));
            funcs.push(f);
            diags.extend(d);
        }
    }
    // The comprehensions and function objects' code found meanwhile (and those inside them),
    // in the order found.
    let (mut next_comp, mut next_fn) = (0, 0);
    loop {
        let pc = ctx.pending.borrow().get(next_comp).cloned();
        if let Some(pc) = pc {
            next_comp += 1;
            let (f, d) = comprehension::lower_comprehension(&ctx, &pc);
            funcs.push(f);
            diags.extend(d);
            continue;
        }
        let Some(pf) = ctx.pending_fns.borrow().get(next_fn).cloned() else { break };
        next_fn += 1;
        let (f, d) = functions::lower_function_object(&ctx, &pf);
        funcs.push(f);
        diags.extend(d);
    }
    let by_name = funcs.iter().enumerate().map(|(i, f)| (f.func.name.clone(), i)).collect();
    let methods = method_names.into_iter().collect();
    let method_objects = ctx.method_objects.take();
    // A `def` lowered twice (its direct code and its function object's) reports its errors once.
    let mut seen = HashSet::new();
    diags.retain(|d| seen.insert(d.clone()));
    (HirModule { funcs, by_name, globals, defs_first, shapes, methods, method_objects, exports, shown_names }, diags)
}

/// The names each `from M import *` of `body` binds (by M as written), for the program's
/// modules M; the front end refuses the others.
fn star_imports(body: &[Stmt], module: &ModuleContext) -> HashMap<String, Vec<String>> {
    let mut out = HashMap::new();
    let mut stack: Vec<&Stmt> = body.iter().collect();
    while let Some(s) = stack.pop() {
        match s {
            Stmt::ImportFrom(i) if i.names.iter().any(|a| a.name.as_str() == "*") => {
                let written = i.module.as_ref().map_or("", |m| m.as_str());
                if let Ok(abs) = crate::program::resolve_import(&module.name, module.package, i.level, written)
                    && let Some(names) = module.star.get(&abs) {
                        out.insert(format!("{}{written}", ".".repeat(i.level as usize)), names.clone());
                    }
            }
            Stmt::If(x) => stack.extend(x.body.iter().chain(x.elif_else_clauses.iter().flat_map(|c| c.body.iter()))),
            Stmt::Try(t) => {
                stack.extend(t.body.iter().chain(t.orelse.iter()).chain(t.finalbody.iter()));
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    stack.extend(h.body.iter());
                }
            }
            _ => {}
        }
    }
    out
}

/// A `def` lowered as a function of its own, called directly (a module-level `def`, or the
/// direct code of a known class's method, `direct_super` its class): `names` are its HIR name
/// and qualname; its parameters are block arguments in `params` order.
fn lower_direct(ctx: &Ctx, def: &ast::StmtFunctionDef, scope: ScopeId, names: (String, String), params: Vec<String>, first: Option<String>, direct_super: Option<usize>) -> (HirFunc, Vec<Diagnostic>) {
    let mut l = FnLower::new(&names.0, vec![Type::Obj], ctx, scope, span(def.range));
    l.qualname = names.1;
    l.first_param = first;
    l.direct_super = direct_super;
    let entry = l.cur.unwrap_or_else(|| l.func.new_block());
    let mut values = Vec::new();
    for p in &params {
        let v = l.func.add_block_param(entry, Type::Obj);
        l.names.insert(v, p.clone());
        values.push((p.clone(), v));
    }
    l.bind_params(entry, &values, None);
    l.suite(&def.body);
    let (func, names, d) = l.finish();
    (HirFunc { func, params, names, object_entry: false, class_body: false }, d)
}

/// Whether module symbol `s` is a module variable kept in a global slot: one that some
/// function refers to.
/// Whether module variable `s` lives in a global slot: some function refers to it, or other
/// modules import this one (`exports`).
fn is_global_slot(table: &SymbolTable, funcs: &HashSet<SymbolId>, s: SymbolId, exports: bool) -> bool {
    let sym = table.symbol(s);
    sym.binding == Binding::Global && is_variable(table, funcs, s) && (sym.flags.captured || exports)
}

/// Whether module symbol `s` is a variable: assigned, or bound by a `def` that is not compiled
/// as a function of its own (decorated, or inside a statement).
fn is_variable(table: &SymbolTable, funcs: &HashSet<SymbolId>, s: SymbolId) -> bool {
    let f = table.symbol(s).flags;
    f.assigned || (f.defined && !funcs.contains(&s))
}

fn stmt_has_call(s: &Stmt) -> bool {
    use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
    struct V(bool);
    impl<'a> Visitor<'a> for V {
        fn visit_expr(&mut self, e: &'a Expr) {
            if matches!(e, Expr::Call(_)) {
                self.0 = true;
            }
            walk_expr(self, e);
        }
        fn visit_stmt(&mut self, s: &'a Stmt) {
            match s {
                // A decorator is called; a class statement runs its body and may run user
                // code (`__init_subclass__`, `__set_name__`).
                Stmt::FunctionDef(f) => self.0 |= !f.decorator_list.is_empty(),
                Stmt::ClassDef(_) => self.0 = true,
                _ => walk_stmt(self, s),
            }
        }
    }
    let mut v = V(false);
    v.visit_stmt(s);
    v.0
}

struct Ctx<'a> {
    /// The module's name and its program.
    module: &'a ModuleContext,
    /// The path of its file (`__file__`).
    path: &'a str,
    /// The names as written of the `def`s and `class`es whose bindings are mangled.
    originals: &'a mangle::Originals,
    table: &'a SymbolTable,
    /// The classes the compiler knows completely.
    shapes: &'a shapes::Shapes,
    /// The attribute names the program may store (which module functions it may replace).
    stores: &'a shapes::AttributeStores,
    /// The module's statements.
    body: &'a [Stmt],
    /// The module-level symbols of the lowered `def`s.
    funcs: &'a HashSet<SymbolId>,
    /// The scopes of the `def` statements of the module body (lowered or rejected).
    top_level_defs: &'a HashSet<ScopeId>,
    /// The signatures of the lowered `def`s, by name.
    sigs: &'a HashMap<String, calls::Signature>,
    /// The lowered module-level `def`s that the program also uses as values: their `def` makes
    /// a function object too.
    escaping: &'a HashSet<String>,
    /// The function objects' code of the known classes' methods: HIR name → (class, method).
    method_objects: std::cell::RefCell<BTreeMap<String, (usize, String)>>,
    /// The function objects' code met so far (nested `def`s, `lambda`s, escaping `def`s).
    pending_fns: std::cell::RefCell<Vec<functions::PendingFn>>,
    /// The comprehensions met so far, each to be lowered as a function of its own.
    pending: std::cell::RefCell<Vec<comprehension::PendingComp>>,
    /// How many comprehensions have been named.
    comps: std::cell::Cell<usize>,
}

impl Ctx<'_> {
    /// A number for the next comprehension's function name.
    fn next_comp(&self) -> usize {
        let n = self.comps.get() + 1;
        self.comps.set(n);
        n
    }
}

/// What a name denotes where the function being lowered uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resolved {
    /// Held in SSA values of this function: a local (also one that only comprehensions read:
    /// they receive its value), or a module variable that no function refers to (the module's
    /// code keeps it as its own local).
    Ssa(SymbolId),
    /// A module variable in its global slot; `func`: also the name of a lowered `def` (E0108).
    Global { func: bool },
    /// A lowered module-level function.
    Func,
    Builtin(BuiltinId),
    /// A variable held in a cell (`FnLower::cells`): shared with a nested function.
    Cell(SymbolId),
    /// Bound nowhere: a NameError at run time (also a module-level name that only a rejected
    /// `def` binds).
    Undefined,
    /// A name a class body binds: an entry of the class namespace (`FnLower::class_ns`).
    ClassLocal(SymbolId),
}

/// What leaving a `try … finally` or a `with` runs on the way out.
#[derive(Clone)]
enum Cleanup {
    /// A `finally` body.
    Body(std::rc::Rc<[Stmt]>),
    /// A `with` statement's bound `__exit__`, called with three Nones.
    Exit(Value),
}

/// An enclosing `try … finally` or `with`: its cleanup, and the depths of `handlers` and
/// `handling` outside it.
#[derive(Clone)]
struct Finally {
    body: Cleanup,
    handlers: usize,
    handling: usize,
}

/// Lowers one function body: SSA construction (`ssa.rs`), statements (`stmt.rs`) and
/// expressions (`expr.rs`).
struct FnLower<'a> {
    ctx: &'a Ctx<'a>,
    func: Func,
    /// The scope of the function's names.
    scope: ScopeId,
    is_module: bool,
    /// The block being filled; `None` after a return/break/continue (dead code follows).
    cur: Option<Block>,
    /// The current value of each SSA variable at the end of each block that defines or reads it.
    defs: HashMap<(SymbolId, Block), Value>,
    sealed: HashSet<Block>,
    incomplete: HashMap<Block, Vec<(SymbolId, Value)>>,
    preds: HashMap<Block, Vec<(OpId, usize)>>,
    /// The handler blocks of the enclosing `try` statements (innermost last): an op that may
    /// raise gets a `cf.if_raised` edge to the innermost one (decisions/0015).
    handlers: Vec<Block>,
    /// The exceptions of the enclosing `except` clauses (innermost last): a bare `raise`
    /// re-raises the innermost.
    handling: Vec<Value>,
    /// (continue target, break target, handling depth, finally depth at the loop) of the
    /// enclosing loops.
    loops: Vec<(Block, Block, usize, usize)>,
    /// The enclosing `try … finally` statements (innermost last).
    finallies: Vec<Finally>,
    names: BTreeMap<Value, String>,
    diags: Vec<Diagnostic>,
    /// The cell of each variable the function reaches through one (made or fetched at entry).
    cells: HashMap<SymbolId, Value>,
    /// The function's `__qualname__` (empty for `<module>`).
    qualname: String,
    /// The namespace dict of the class body being lowered (this function is one).
    class_ns: Option<Value>,
    /// In a known class's body: the class (its `def`s' function objects are recorded in
    /// `Ctx::method_objects`).
    known_class: Option<usize>,
    /// In the direct code of a known class's method: the class (`super().m(…)` calls the
    /// direct code of the method its base chain defines, `shapes::Shapes::super_target`).
    direct_super: Option<usize>,
    /// The function's first positional parameter (what `super()` passes with `__class__`).
    first_param: Option<String>,
    /// Where each SSA value was read as a variable (`unbound.rs` blames an unbound read there).
    reads: HashMap<Value, Vec<Span>>,
}

impl FnLower<'_> {
    /// What `name` denotes here (every name the function's code mentions has a symbol in its
    /// scope; a name without one is treated as undefined).
    fn lookup(&self, name: &str) -> Resolved {
        let t = self.ctx.table;
        let Some(sym) = t.resolve(self.scope, name) else { return Resolved::Undefined };
        if t.scope(self.scope).kind == ScopeKind::Class && t.symbol(sym).binding == Binding::Local {
            return Resolved::ClassLocal(sym);
        }
        match t.symbol(sym).binding {
            Binding::Cell if t.symbol(sym).in_cell => Resolved::Cell(sym),
            Binding::Local | Binding::Cell => Resolved::Ssa(sym),
            // A comprehension receives the enclosing function's variables as parameters (their
            // values, or their cells when a function inside it shares them); a function's free
            // variables are always in cells (the symbol table marks them `in_cell`).
            Binding::Free if t.scope(self.scope).kind == ScopeKind::Comprehension && !t.symbol(sym).in_cell => Resolved::Ssa(sym),
            Binding::Free => Resolved::Cell(sym),
            Binding::Builtin(b) => Resolved::Builtin(b),
            Binding::Undefined => Resolved::Undefined,
            Binding::Global => {
                let Some(m) = t.module_symbol(sym) else { return Resolved::Undefined };
                let func = self.ctx.funcs.contains(&m);
                if is_global_slot(t, self.ctx.funcs, m, self.ctx.module.exports()) {
                    Resolved::Global { func }
                } else if is_variable(t, self.ctx.funcs, m) {
                    // Not captured: only the module's own code refers to it.
                    Resolved::Ssa(m)
                } else if func {
                    Resolved::Func
                } else {
                    Resolved::Undefined
                }
            }
        }
    }
}
