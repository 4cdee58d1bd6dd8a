//! Class shapes: the `class` statements whose classes the compiler knows completely, the fixed
//! layout of their instances, and the methods it may call directly (decisions/0031).
//!
//! Relies on: the module's AST and its symbol table (how often a name is bound). Provides
//! [`Shapes::of`], run once per module before lowering: for each *known* class its
//! [`ClassShape`] (its base, its instance layout, its methods), and for each method whether
//! calls may go to it directly (`ClassShape::direct`).
//!
//! A class is known when its statement sits in the module's body (it runs at most once), it
//! has no decorators, keywords or type parameters, its one base (if any) is `object` or a
//! known class defined before it, its name is bound by no other statement (no assignment,
//! `def`, import, `del` or `global` rebinding), and its body only defines `def`s (plain, or
//! decorated with the builtin `property` — with its `setter`/`deleter` — `staticmethod` or
//! `classmethod`) and class attributes (`NAME = value`, docstrings, `pass`), each name once,
//! none of them a hook
//! that changes how attributes or construction work (`__getattr__`, `__setattr__`,
//! `__new__`, `__slots__`, …). Nothing is known when the program could change a class or
//! the type of an instance behind the compiler's back: it names `__dict__`, `vars`,
//! `globals` or an attribute hook, assigns `__class__`, or uses `setattr`/`delattr` other
//! than called with a constant name.
//!
//! Invariants:
//! * A known class's layout is its base's layout followed by the attributes its methods store
//!   on their first parameter (`self.x = …`), in order of appearance, without dunder names and
//!   without the names its class body or a base's binds (so no class-level descriptor ever
//!   intercepts a layout attribute). The layout is what `molt_class_new` is given; the
//!   runtime's layout of the class is the same list.
//! * A method is *direct* (calls on an instance whose class is exactly the known class may go
//!   to its compiled code without a lookup) only when no statement of the program may store or
//!   delete an attribute of that name on any object (which could shadow or replace it), it
//!   does not use `super()` or `__class__`, and its parameters are plain positional ones
//!   without defaults (so a call with that many positional arguments binds them in order).

use std::collections::{BTreeSet, HashMap, HashSet};

use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};
use ruff_text_size::TextSize;

use super::scope::SymbolTable;

/// Names whose presence in a class body changes how its attributes or its construction work.
const HOOKS: &[&str] = &[
    "__getattr__", "__getattribute__", "__setattr__", "__delattr__", "__new__", "__slots__", "__init_subclass__",
    "__set_name__", "__class_getitem__", "__dict__", "__weakref__", "__get__", "__set__", "__delete__", "__class__", "__mro_entries__",
];

/// Names whose mere mention lets a program reach around the compiler's view of classes and
/// instances (an instance's `__dict__`, the module's globals, the attribute hooks called by
/// hand); so does storing `__class__` and any use of `setattr`/`delattr` but a call with a
/// constant name.
const ESCAPES: &[&str] = &["__dict__", "vars", "globals", "__setattr__", "__delattr__", "__getattribute__"];

/// One known class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassShape {
    pub name: String,
    /// The known base class (an index into `Shapes::classes`), if any.
    pub base: Option<usize>,
    /// The instance layout: the base's, then this class's own attributes.
    pub layout: Vec<String>,
    /// How many of `layout` are inherited.
    pub inherited: usize,
    /// The `def`s of the class body: name and whether calls may go to it directly.
    pub defs: Vec<(String, bool)>,
    /// Every name the class body binds (methods and class attributes).
    pub bound: HashSet<String>,
    /// Some class the compiler does not know may derive from it (its methods' function
    /// objects may then run on that class's instances).
    pub subclassed: bool,
    /// Its instances are always true: no class of its chain defines `__bool__` or `__len__`,
    /// and no statement of the program stores or deletes an attribute of either name.
    pub plain_truth: bool,
    /// Where the class statement starts (its identity in the AST).
    pub start: TextSize,
}

impl ClassShape {
    /// The attributes this class adds to its base's layout.
    pub fn own_fields(&self) -> &[String] {
        &self.layout[self.inherited..]
    }
}

/// The known classes of a module.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shapes {
    pub classes: Vec<ClassShape>,
    /// The positional parameter count of each known class's plain `def`s: (class, name).
    arity: HashMap<(usize, String), usize>,
    /// The attribute names `setattr` is called with (stores inference does not see).
    pub setattr_names: HashSet<String>,
    /// The attribute names `getattr`/`hasattr` are called with; `*` when one is computed.
    pub getattr_names: HashSet<String>,
    by_start: HashMap<TextSize, usize>,
}

impl Shapes {
    /// The known class of the `class` statement starting at `start`.
    pub fn of_stmt(&self, start: TextSize) -> Option<usize> {
        self.by_start.get(&start).copied()
    }

    /// The known class named `name`.
    pub fn by_name(&self, name: &str) -> Option<usize> {
        self.classes.iter().position(|c| c.name == name)
    }

    /// Where `name` resolves for instances of known class `c`: the known class whose body
    /// binds it, nearest first.
    pub fn resolve(&self, c: usize, name: &str) -> Option<usize> {
        let mut k = Some(c);
        while let Some(i) = k {
            if self.classes[i].bound.contains(name) {
                return Some(i);
            }
            k = self.classes[i].base;
        }
        None
    }

    /// The known classes of module `body`, whose program's other modules do `foreign`.
    pub fn of(body: &[Stmt], table: &SymbolTable, foreign: &ForeignFacts) -> Shapes {
        let mut scan = Scan::of(body);
        scan.absorb(foreign);
        let mut shapes = Shapes::default();
        if scan.escapes {
            return shapes;
        }
        shapes.setattr_names = scan.setattr_names.clone();
        shapes.getattr_names = scan.getattr_names.clone();
        let mut bindings: HashMap<String, usize> = HashMap::new();
        count_bindings(body, &mut bindings);
        let module = table.module();
        for s in body {
            let Stmt::ClassDef(c) = s else { continue };
            let name = c.name.to_string();
            let rebound = bindings.get(&name).copied().unwrap_or(0) != 1
                || table.resolve(module, &name).is_none_or(|sym| table.symbol(sym).flags.assigned || table.symbol(sym).flags.declared_global);
            if rebound || !c.decorator_list.is_empty() || c.type_params.is_some() || scan.escaped_classes.contains(&name) {
                continue;
            }
            let (bases, keywords): (&[Expr], &[ast::Keyword]) = match c.arguments.as_deref() {
                Some(a) => (&a.args, &a.keywords),
                None => (&[], &[]),
            };
            if !keywords.is_empty() || bases.len() > 1 {
                continue;
            }
            let base = match bases.first() {
                None => None,
                Some(Expr::Name(n)) if n.id.as_str() == "object" && table.resolve(module, "object").is_none() => None,
                Some(Expr::Name(n)) => match shapes.by_name(n.id.as_str()) {
                    Some(b) => Some(b),
                    None => continue,
                },
                Some(_) => continue,
            };
            let Some(bound) = body_names(&c.body, |n| table.resolve(module, n).is_none()) else { continue };
            let inherited_bound = |n: &str| base.is_some_and(|b| shapes.resolve(b, n).is_some());
            let mut layout = base.map(|b| shapes.classes[b].layout.clone()).unwrap_or_default();
            let inherited = layout.len();
            let mut defs = Vec::new();
            for st in &c.body {
                let Stmt::FunctionDef(f) = st else { continue };
                for field in self_stores(f) {
                    if !is_dunder(&field) && !bound.contains(&field) && !inherited_bound(&field) && !layout.contains(&field) {
                        layout.push(field);
                    }
                }
                // A decorated method (property, staticmethod, classmethod) runs through its
                // descriptor: never directly.
                let direct = f.decorator_list.is_empty()
                    && !scan.stored.contains(f.name.as_str())
                    && plain_params(&f.parameters)
                    && supers_resolve(f, base.map(|b| (&shapes, b)))
                    && !f.is_async;
                if !defs.iter().any(|(n, _)| n == f.name.as_str()) {
                    defs.push((f.name.to_string(), direct));
                }
            }
            for st in &c.body {
                if let Stmt::FunctionDef(f) = st
                    && plain_params(&f.parameters)
                {
                    shapes.arity.insert((shapes.classes.len(), f.name.to_string()), f.parameters.args.len());
                }
            }
            shapes.by_start.insert(c.range.start(), shapes.classes.len());
            shapes.classes.push(ClassShape { name, base, layout, inherited, defs, bound, subclassed: false, plain_truth: false, start: c.range.start() });
        }
        // Classes the compiler does not know that derive from known ones (by name), or whose
        // bases it cannot name: their instances may run the known classes' function objects.
        for (bases, known) in &scan.class_bases {
            for b in bases {
                let hit: Vec<usize> = match b {
                    Some(n) => shapes.by_name(n).into_iter().collect(),
                    None => (0..shapes.classes.len()).collect(),
                };
                for mut k in hit {
                    if known.is_some_and(|s| shapes.of_stmt(s).is_some()) {
                        continue;
                    }
                    loop {
                        shapes.classes[k].subclassed = true;
                        match shapes.classes[k].base {
                            Some(b) => k = b,
                            None => break,
                        }
                    }
                }
            }
        }
        let truth_stored = scan.stored.contains("__bool__") || scan.stored.contains("__len__");
        for k in 0..shapes.classes.len() {
            shapes.classes[k].plain_truth = !truth_stored && shapes.resolve(k, "__bool__").is_none() && shapes.resolve(k, "__len__").is_none();
        }
        if scan.type_calls {
            for c in &mut shapes.classes {
                c.subclassed = true;
            }
        }
        shapes
    }
}

fn is_dunder(n: &str) -> bool {
    n.len() > 4 && n.starts_with("__") && n.ends_with("__")
}

/// The names a known class's body binds, each once (a property's `@x.setter`/`@x.deleter`
/// rebinds its name); None when the body does anything else. `builtin(n)`: the name `n` is the
/// builtin (`property`, `staticmethod`, `classmethod` are the decorators a method may have).
fn body_names(body: &[Stmt], builtin: impl Fn(&str) -> bool) -> Option<HashSet<String>> {
    let mut names = HashSet::new();
    let mut properties: HashSet<String> = HashSet::new();
    for (i, s) in body.iter().enumerate() {
        let name = match s {
            Stmt::Pass(_) => continue,
            Stmt::Expr(e) if i == 0 && matches!(&*e.value, Expr::StringLiteral(_)) => continue,
            Stmt::FunctionDef(f) if f.type_params.is_none() => {
                let name = f.name.to_string();
                match f.decorator_list.as_slice() {
                    [] => {}
                    [d] => match &d.expression {
                        Expr::Name(n) if matches!(n.id.as_str(), "property" | "staticmethod" | "classmethod") && builtin(n.id.as_str()) => {
                            if n.id.as_str() == "property" {
                                properties.insert(name.clone());
                            }
                        }
                        // `@x.setter` / `@x.deleter` of a property this body defined, same name.
                        Expr::Attribute(a)
                            if matches!(a.attr.as_str(), "setter" | "deleter" | "getter")
                                && matches!(&*a.value, Expr::Name(n) if n.id.as_str() == name && properties.contains(&name)) =>
                        {
                            continue;
                        }
                        _ => return None,
                    },
                    _ => return None,
                }
                name
            }
            Stmt::Assign(a) => match a.targets.as_slice() {
                [Expr::Name(n)] => n.id.to_string(),
                _ => return None,
            },
            Stmt::AnnAssign(a) if a.value.is_some() => match &*a.target {
                Expr::Name(n) => n.id.to_string(),
                _ => return None,
            },
            _ => return None,
        };
        if HOOKS.contains(&name.as_str()) || !names.insert(name) {
            return None;
        }
    }
    Some(names)
}

/// Whether a method's parameters are plain positional ones without defaults (at least one:
/// the instance).
fn plain_params(p: &ast::Parameters) -> bool {
    p.posonlyargs.is_empty() && p.kwonlyargs.is_empty() && p.vararg.is_none() && p.kwarg.is_none() && !p.args.is_empty() && p.args.iter().all(|a| a.default.is_none())
}

impl Shapes {
    /// The direct method `super().name(…)` with `nargs` positional arguments reaches in a
    /// method of a class whose base is known class `base`: (owner class, method).
    pub fn super_target(&self, base: usize, name: &str, nargs: usize, def_arity: impl Fn(usize, &str) -> Option<usize>) -> Option<usize> {
        let owner = self.resolve(base, name)?;
        let direct = self.classes[owner].defs.iter().any(|(n, d)| *d && n == name);
        (direct && def_arity(owner, name) == Some(nargs + 1)).then_some(owner)
    }
}

/// `super().NAME(args…)` with positional arguments only: NAME and the arguments.
pub fn super_call(call: &ast::ExprCall) -> Option<(&str, &[Expr])> {
    let Expr::Attribute(a) = &*call.func else { return None };
    let Expr::Call(inner) = &*a.value else { return None };
    let Expr::Name(n) = &*inner.func else { return None };
    let plain = n.id.as_str() == "super" && inner.arguments.args.is_empty() && inner.arguments.keywords.is_empty();
    let positional = call.arguments.keywords.is_empty() && !call.arguments.args.iter().any(|x| matches!(x, Expr::Starred(_)));
    (plain && positional).then_some((a.attr.as_str(), &call.arguments.args))
}

/// Whether a method uses `super` or `__class__` only as `super().NAME(args…)` calls that each
/// reach a direct method of the known base chain (`base`: the shapes so far and the base) with
/// that many positional arguments, and never rebinds its first parameter (zero-argument
/// `super()` reads it). Its direct code then calls those methods directly.
fn supers_resolve(f: &ast::StmtFunctionDef, base: Option<(&Shapes, usize)>) -> bool {
    struct V<'a> {
        base: Option<(&'a Shapes, usize)>,
        arity: &'a HashMap<(usize, String), usize>,
        first: String,
        ok: bool,
    }
    impl Visitor<'_> for V<'_> {
        fn visit_stmt(&mut self, s: &Stmt) {
            // A nested function's `super()` is its own (and needs the class cell).
            if matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) && uses_super(s) {
                self.ok = false;
                return;
            }
            walk_stmt(self, s);
        }
        fn visit_expr(&mut self, e: &Expr) {
            if let Expr::Call(c) = e
                && let Some((name, args)) = super_call(c)
            {
                let target = self.base.and_then(|(sh, b)| sh.super_target(b, name, args.len(), |o, m| self.arity.get(&(o, m.to_string())).copied()));
                if target.is_none() {
                    self.ok = false;
                }
                for a in args {
                    self.visit_expr(a);
                }
                return;
            }
            match e {
                Expr::Name(n) if matches!(n.id.as_str(), "super" | "__class__") => self.ok = false,
                Expr::Name(n) if n.id.as_str() == self.first && matches!(n.ctx, ExprContext::Store | ExprContext::Del) => self.ok = false,
                Expr::Lambda(_) if uses_super_expr(e) => self.ok = false,
                _ => walk_expr(self, e),
            }
        }
    }
    let Some(first) = f.parameters.args.first() else { return !uses_super(&Stmt::FunctionDef(f.clone())) };
    let arity = base.map(|(sh, _)| sh.arity.clone()).unwrap_or_default();
    let mut v = V { base, arity: &arity, first: first.parameter.name.to_string(), ok: true };
    for s in &f.body {
        v.visit_stmt(s);
    }
    v.ok
}

/// Finds a mention of `super` or `__class__`.
#[derive(Default)]
struct SuperMention(bool);

impl Visitor<'_> for SuperMention {
    fn visit_expr(&mut self, e: &Expr) {
        if let Expr::Name(n) = e
            && matches!(n.id.as_str(), "super" | "__class__")
        {
            self.0 = true;
        }
        walk_expr(self, e);
    }
}

/// Whether a statement mentions `super` or `__class__` anywhere.
fn uses_super(s: &Stmt) -> bool {
    let mut v = SuperMention::default();
    v.visit_stmt(s);
    v.0
}

/// Whether an expression mentions `super` or `__class__` anywhere.
fn uses_super_expr(e: &Expr) -> bool {
    let mut v = SuperMention::default();
    v.visit_expr(e);
    v.0
}

/// The attributes method `f` stores on its first parameter (`self.x = …`, `self.x += …`), in
/// order of appearance, nested functions included (they may store on it through a cell).
fn self_stores(f: &ast::StmtFunctionDef) -> Vec<String> {
    let Some(first) = f.parameters.posonlyargs.iter().chain(&f.parameters.args).next() else { return Vec::new() };
    struct V<'a> {
        this: &'a str,
        out: Vec<String>,
    }
    impl Visitor<'_> for V<'_> {
        fn visit_expr(&mut self, e: &Expr) {
            if let Expr::Attribute(a) = e
                && a.ctx == ExprContext::Store
                && let Expr::Name(n) = &*a.value
                && n.id.as_str() == self.this
                && !self.out.iter().any(|x| x == a.attr.as_str())
            {
                self.out.push(a.attr.to_string());
            }
            walk_expr(self, e);
        }
    }
    let mut v = V { this: first.parameter.name.as_str(), out: Vec::new() };
    for s in &f.body {
        v.visit_stmt(s);
    }
    v.out
}

/// How many statements of the module's own code (not inside functions or classes) bind each
/// name by `class`, `def`, assignment, import, `for`, `with`, `del` or `except … as`.
fn count_bindings(body: &[Stmt], out: &mut HashMap<String, usize>) {
    struct V<'a>(&'a mut HashMap<String, usize>);
    impl Visitor<'_> for V<'_> {
        fn visit_stmt(&mut self, s: &Stmt) {
            match s {
                Stmt::ClassDef(c) => *self.0.entry(c.name.to_string()).or_default() += 1,
                Stmt::FunctionDef(f) => *self.0.entry(f.name.to_string()).or_default() += 1,
                Stmt::Import(i) => {
                    for a in &i.names {
                        let n = a.asname.as_ref().map_or_else(|| a.name.as_str().split('.').next().unwrap_or("").to_string(), |x| x.to_string());
                        *self.0.entry(n).or_default() += 1;
                    }
                }
                Stmt::ImportFrom(i) => {
                    for a in &i.names {
                        let n = a.asname.as_ref().unwrap_or(&a.name).to_string();
                        *self.0.entry(n).or_default() += 1;
                    }
                }
                Stmt::Try(t) => {
                    for h in &t.handlers {
                        let ast::ExceptHandler::ExceptHandler(h) = h;
                        if let Some(n) = &h.name {
                            *self.0.entry(n.to_string()).or_default() += 1;
                        }
                    }
                    walk_stmt(self, s);
                }
                _ => walk_stmt(self, s),
            }
        }
        fn visit_expr(&mut self, e: &Expr) {
            match e {
                Expr::Name(n) if matches!(n.ctx, ExprContext::Store | ExprContext::Del) => *self.0.entry(n.id.to_string()).or_default() += 1,
                // Their own scopes (a walrus in a comprehension binds in the enclosing one,
                // counted conservatively as a binding here too).
                Expr::Lambda(_) => {}
                _ => walk_expr(self, e),
            }
        }
    }
    let mut v = V(out);
    for s in body {
        v.visit_stmt(s);
    }
}

/// The attribute names the program may store on some object, and whether it may reach around
/// that view (decisions/0047): what decides that a module function the runtime implements
/// (`math.sqrt`) is still the one a call names. Module attributes are stored only through an
/// attribute store or `setattr` naming the attribute (`m.x = v` on a name only imports bind is
/// E0111; a parameter or a constant-named `setattr` may still hold a module), or through what
/// `ESCAPES` lists.
#[derive(Clone, Debug, Default)]
pub struct AttributeStores {
    stored: HashSet<String>,
    escapes: bool,
}

impl AttributeStores {
    /// The stores of module `body` and of the program's other modules (`foreign`).
    pub fn of(body: &[Stmt], foreign: &ForeignFacts) -> AttributeStores {
        let mut scan = Scan::of(body);
        scan.absorb(foreign);
        AttributeStores { stored: scan.stored, escapes: scan.escapes }
    }

    /// Whether no statement of the program may store or delete an attribute named `name` of a
    /// module object.
    pub fn never_stored(&self, name: &str) -> bool {
        !self.escapes && !self.stored.contains(name)
    }
}

/// What a module's code may do to classes and instances it does not define: the part of a
/// module's scan that the program's other modules contribute to the main module's known
/// classes (decisions/0046). No module imports the main one (`import __main__` is E0110), so
/// another module reaches the main module's classes and instances only as values it is given:
/// through attribute stores and loads, `setattr`/`getattr`, `type(…)`/`__class__`, bases that
/// are no name, and the escapes of `ESCAPES`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ForeignFacts {
    /// Attribute names stored or deleted (`a.x = …`, `del a.x`, `setattr(a, "x", …)`).
    pub stored: BTreeSet<String>,
    /// Attribute names looked up (`a.x`, `a.x(…)`, `getattr(a, "x")`; `*`: a computed one).
    pub loaded: BTreeSet<String>,
    /// The bases of class statements: a name, or None for another expression.
    pub bases: BTreeSet<Option<String>>,
    /// `type` or `__class__` is named: a value's class may be called or derived from.
    pub classes_reached: bool,
    /// The code may reach around the compiler's view of classes and instances.
    pub escapes: bool,
}

impl ForeignFacts {
    /// What the module whose top level is `body` may do to other modules' classes.
    pub fn of(body: &[Stmt]) -> ForeignFacts {
        let scan = Scan::of(body);
        let mut loaded: BTreeSet<String> = scan.loaded.into_iter().collect();
        loaded.extend(scan.getattr_names);
        ForeignFacts {
            stored: scan.stored.into_iter().collect(),
            loaded,
            bases: scan.class_bases.into_iter().flat_map(|(b, _)| b).collect(),
            classes_reached: scan.type_calls || scan.names_type,
            escapes: scan.escapes,
        }
    }

    /// Adds what another module does.
    pub fn merge(&mut self, other: &ForeignFacts) {
        self.stored.extend(other.stored.iter().cloned());
        self.loaded.extend(other.loaded.iter().cloned());
        self.bases.extend(other.bases.iter().cloned());
        self.classes_reached |= other.classes_reached;
        self.escapes |= other.escapes;
    }
}

/// What a module (every scope) does to attributes.
#[derive(Default)]
struct Scan {
    /// The attribute names some statement stores or deletes (`a.x = …`, `del a.x`,
    /// `setattr(a, "x", …)`).
    stored: HashSet<String>,
    /// The names `setattr` is called with.
    setattr_names: HashSet<String>,
    /// The names `getattr`/`hasattr` are called with (`*`: a computed one).
    getattr_names: HashSet<String>,
    /// The attribute names read (`a.x`, `a.x(…)`).
    loaded: HashSet<String>,
    /// Every class statement: its bases (a name, or None for another expression) and where it
    /// starts.
    class_bases: Vec<(Vec<Option<String>>, Option<TextSize>)>,
    /// `type(…)` is called with other than one argument (a class made at run time).
    type_calls: bool,
    /// `type` or `__class__` is named at all.
    names_type: bool,
    /// The program may reach around the compiler's view of classes and instances (see
    /// `ESCAPES`).
    escapes: bool,
    /// Classes of this module whose instances `setattr`/`delattr` may change under a computed
    /// name (`a = C()` then `setattr(a, name, v)` in one function): they are not known, but the
    /// program does not escape.
    escaped_classes: HashSet<String>,
    /// The module's classes a fresh instance may be made of (see `fresh_locals`).
    classes: HashSet<String>,
    /// For each function being scanned (innermost last), its locals that only ever hold a fresh
    /// instance of one of `classes`: local → class.
    fresh: Vec<HashMap<String, String>>,
}

impl Scan {
    fn of(body: &[Stmt]) -> Scan {
        let mut scan = Scan { classes: plain_classes(body), ..Scan::default() };
        for s in body {
            scan.visit_stmt(s);
        }
        scan
    }

    /// Adds what the program's other modules do: their stores are ones inference does not see
    /// (like `setattr`'s), their lookups are unresolved ones.
    fn absorb(&mut self, f: &ForeignFacts) {
        self.stored.extend(f.stored.iter().cloned());
        self.setattr_names.extend(f.stored.iter().cloned());
        self.getattr_names.extend(f.loaded.iter().cloned());
        if !f.bases.is_empty() {
            self.class_bases.push((f.bases.iter().cloned().collect(), None));
        }
        self.type_calls |= f.classes_reached;
        self.escapes |= f.escapes;
    }

    /// `setattr(a, computed, …)` / `delattr(a, computed)`: only `a`'s class escapes when `a`
    /// is a fresh instance of a class of this module; else the whole program does.
    fn computed_store(&mut self, target: Option<&Expr>) {
        let class = match target {
            Some(Expr::Name(n)) => self.fresh.last().and_then(|m| m.get(n.id.as_str())).cloned(),
            Some(_) | None => None,
        };
        match class {
            Some(c) => {
                self.escaped_classes.insert(c);
            }
            None => self.escapes = true,
        }
    }
}

/// The classes of module `body` whose call makes an instance of exactly that class: a class
/// statement of the top level, its name bound by no other statement of the module (nor
/// declared `global` anywhere), with no keywords (no metaclass) and no `__new__`.
fn plain_classes(body: &[Stmt]) -> HashSet<String> {
    let mut bindings: HashMap<String, usize> = HashMap::new();
    count_bindings(body, &mut bindings);
    struct Globals(HashSet<String>);
    impl Visitor<'_> for Globals {
        fn visit_stmt(&mut self, s: &Stmt) {
            if let Stmt::Global(g) = s {
                self.0.extend(g.names.iter().map(|n| n.to_string()));
            }
            walk_stmt(self, s);
        }
    }
    let mut globals = Globals(HashSet::new());
    for s in body {
        globals.visit_stmt(s);
    }
    body.iter()
        .filter_map(|s| match s {
            Stmt::ClassDef(c) => Some(c),
            _ => None,
        })
        .filter(|c| {
            let name = c.name.as_str();
            bindings.get(name) == Some(&1)
                && !globals.0.contains(name)
                && c.arguments.as_deref().is_none_or(|a| a.keywords.is_empty())
                && !c.body.iter().any(|st| matches!(st, Stmt::FunctionDef(f) if f.name.as_str() == "__new__"))
        })
        .map(|c| c.name.to_string())
        .collect()
}

/// The locals of function `f` that only ever hold a fresh instance of one of `classes`: not a
/// parameter, bound exactly once in the function (nested scopes counted too), by
/// `NAME = C(…)`, and declared neither `global` nor `nonlocal`.
fn fresh_locals(f: &ast::StmtFunctionDef, classes: &HashSet<String>) -> HashMap<String, String> {
    #[derive(Default)]
    struct V {
        bindings: HashMap<String, usize>,
        made: HashMap<String, String>,
    }
    impl Visitor<'_> for V {
        fn visit_stmt(&mut self, s: &Stmt) {
            let mut bind = |n: &str| *self.bindings.entry(n.to_string()).or_default() += 1;
            match s {
                Stmt::FunctionDef(d) => bind(d.name.as_str()),
                Stmt::ClassDef(c) => bind(c.name.as_str()),
                Stmt::Global(g) => g.names.iter().for_each(|n| bind(n.as_str())),
                Stmt::Nonlocal(g) => g.names.iter().for_each(|n| bind(n.as_str())),
                Stmt::Import(i) => i.names.iter().for_each(|a| bind(a.asname.as_ref().map_or_else(|| a.name.as_str().split('.').next().unwrap_or(""), |x| x.as_str()))),
                Stmt::ImportFrom(i) => i.names.iter().for_each(|a| bind(a.asname.as_ref().unwrap_or(&a.name).as_str())),
                Stmt::Try(t) => {
                    for h in &t.handlers {
                        let ast::ExceptHandler::ExceptHandler(h) = h;
                        if let Some(n) = &h.name {
                            bind(n.as_str());
                        }
                    }
                }
                Stmt::Assign(a) => {
                    if let ([Expr::Name(n)], Expr::Call(c)) = (a.targets.as_slice(), &*a.value)
                        && let Expr::Name(k) = &*c.func
                    {
                        self.made.insert(n.id.to_string(), k.id.to_string());
                    }
                }
                _ => {}
            }
            walk_stmt(self, s);
        }
        fn visit_expr(&mut self, e: &Expr) {
            if let Expr::Name(n) = e
                && matches!(n.ctx, ExprContext::Store | ExprContext::Del)
            {
                *self.bindings.entry(n.id.to_string()).or_default() += 1;
            }
            walk_expr(self, e);
        }
        fn visit_pattern(&mut self, p: &ast::Pattern) {
            // A match capture binds; any name in a pattern disqualifies conservatively.
            let names = match p {
                ast::Pattern::MatchAs(a) => a.name.iter().collect::<Vec<_>>(),
                ast::Pattern::MatchStar(a) => a.name.iter().collect(),
                ast::Pattern::MatchMapping(m) => m.rest.iter().collect(),
                ast::Pattern::MatchValue(_) | ast::Pattern::MatchSingleton(_) | ast::Pattern::MatchSequence(_) | ast::Pattern::MatchClass(_) | ast::Pattern::MatchOr(_) => Vec::new(),
            };
            for n in names {
                *self.bindings.entry(n.to_string()).or_default() += 1;
            }
            ruff_python_ast::visitor::walk_pattern(self, p);
        }
    }
    let mut v = V::default();
    let p = &f.parameters;
    for a in p.posonlyargs.iter().chain(&p.args).chain(&p.kwonlyargs) {
        *v.bindings.entry(a.parameter.name.to_string()).or_default() += 1;
    }
    for a in p.vararg.iter().chain(&p.kwarg) {
        *v.bindings.entry(a.name.to_string()).or_default() += 1;
    }
    for s in &f.body {
        v.visit_stmt(s);
    }
    v.made.into_iter().filter(|(n, c)| v.bindings.get(n) == Some(&1) && classes.contains(c)).collect()
}

impl Visitor<'_> for Scan {
    fn visit_stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::ClassDef(c) => {
                let bases = c.arguments.as_deref().map(|a| a.args.iter().map(|b| match b {
                    Expr::Name(n) => Some(n.id.to_string()),
                    _ => None,
                }).collect()).unwrap_or_default();
                self.class_bases.push((bases, Some(c.range.start())));
                // A class body is no function: its names are not the function's locals.
                self.fresh.push(HashMap::new());
                walk_stmt(self, s);
                self.fresh.pop();
            }
            Stmt::FunctionDef(f) => {
                let fresh = fresh_locals(f, &self.classes);
                // Decorators, defaults and annotations run in the enclosing scope.
                self.fresh.push(HashMap::new());
                for d in &f.decorator_list {
                    self.visit_decorator(d);
                }
                self.visit_parameters(&f.parameters);
                if let Some(r) = &f.returns {
                    self.visit_annotation(r);
                }
                self.fresh.pop();
                self.fresh.push(fresh);
                self.visit_body(&f.body);
                self.fresh.pop();
            }
            _ => walk_stmt(self, s),
        }
    }

    fn visit_expr(&mut self, e: &Expr) {
        match e {
            Expr::Attribute(a) => {
                let store = matches!(a.ctx, ExprContext::Store | ExprContext::Del);
                if store {
                    self.stored.insert(a.attr.to_string());
                } else {
                    self.loaded.insert(a.attr.to_string());
                }
                if a.attr.as_str() == "__class__" {
                    self.names_type = true;
                }
                if ESCAPES.contains(&a.attr.as_str()) || (store && a.attr.as_str() == "__class__") {
                    self.escapes = true;
                }
            }
            Expr::Name(n) if ESCAPES.contains(&n.id.as_str()) || matches!(n.id.as_str(), "setattr" | "delattr") => self.escapes = true,
            // Not called here (a call is handled below): a lookup or a class made elsewhere.
            Expr::Name(n) if matches!(n.id.as_str(), "getattr" | "hasattr") => {
                self.getattr_names.insert("*".into());
            }
            Expr::Name(n) if n.id.as_str() == "type" => {
                self.type_calls = true;
                self.names_type = true;
            }
            // Its parameters may shadow the enclosing function's fresh locals.
            Expr::Lambda(_) => {
                self.fresh.push(HashMap::new());
                walk_expr(self, e);
                self.fresh.pop();
                return;
            }
            Expr::Call(c) => {
                if let Expr::Name(n) = &*c.func
                    && matches!(n.id.as_str(), "getattr" | "hasattr" | "type")
                {
                    if n.id.as_str() == "type" {
                        self.type_calls |= c.arguments.args.len() != 1 || !c.arguments.keywords.is_empty();
                        self.names_type = true;
                    } else {
                        match c.arguments.args.get(1) {
                            Some(Expr::StringLiteral(s)) => {
                                self.getattr_names.insert(s.value.to_str().to_string());
                            }
                            Some(_) | None => {
                                self.getattr_names.insert("*".into());
                            }
                        }
                    }
                    for a in c.arguments.args.iter() {
                        self.visit_expr(a);
                    }
                    for k in c.arguments.keywords.iter() {
                        self.visit_expr(&k.value);
                    }
                    return;
                }
                if let Expr::Name(n) = &*c.func
                    && matches!(n.id.as_str(), "setattr" | "delattr")
                {
                    match c.arguments.args.get(1) {
                        Some(Expr::StringLiteral(s)) if c.arguments.keywords.is_empty() => {
                            self.stored.insert(s.value.to_str().to_string());
                            self.setattr_names.insert(s.value.to_str().to_string());
                        }
                        Some(_) if c.arguments.keywords.is_empty() && !c.arguments.args.iter().any(|a| matches!(a, Expr::Starred(_))) => {
                            self.computed_store(c.arguments.args.first());
                        }
                        Some(_) | None => self.escapes = true,
                    }
                    for a in c.arguments.args.iter() {
                        self.visit_expr(a);
                    }
                    for k in c.arguments.keywords.iter() {
                        self.visit_expr(&k.value);
                    }
                    return;
                }
            }
            _ => {}
        }
        walk_expr(self, e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the known classes of module `src` in a program whose other modules are
    /// `others`.
    fn known(src: &str, others: &[&str]) -> Vec<String> {
        let parsed = ruff_python_parser::parse_module(src).expect("valid");
        let body = &parsed.syntax().body;
        let mut foreign = ForeignFacts::default();
        for o in others {
            let p = ruff_python_parser::parse_module(o).expect("valid");
            foreign.merge(&ForeignFacts::of(&p.syntax().body));
        }
        let table = SymbolTable::build(body);
        Shapes::of(body, &table, &foreign).classes.into_iter().map(|c| c.name).collect()
    }

    const CLASSES: &str = "class Opts:\n    pass\nclass P:\n    def __init__(self):\n        self.x = 1\n";

    #[test]
    fn setattr_on_a_fresh_instance_only_makes_its_class_unknown() {
        let fresh = format!("{CLASSES}def parse(d):\n    o = Opts()\n    for k in d:\n        setattr(o, k, d[k])\n    return o\n");
        assert_eq!(known(&fresh, &[]), ["P"]);
        // Bound twice, a parameter, a lambda's parameter, a comprehension's variable, a
        // class with a metaclass: the target may be any object.
        for body in [
            "    o = Opts()\n    o = P()\n    setattr(o, k, 1)\n",
            "    setattr(k, k, 1)\n",
            "    o = Opts()\n    f = lambda o: setattr(o, k, 1)\n",
            "    o = Opts()\n    [setattr(o, k, 1) for o in k]\n",
            "    o = Opts()\n    for o in k:\n        setattr(o, k, 1)\n",
            "    o = Opts()\n    def g():\n        setattr(o, k, 1)\n",
        ] {
            assert_eq!(known(&format!("{CLASSES}def f(k):\n{body}"), &[]), Vec::<String>::new(), "{body}");
        }
        let meta = "class M(type):\n    pass\nclass Opts(metaclass=M):\n    pass\nclass P:\n    pass\ndef f(k):\n    o = Opts()\n    setattr(o, k, 1)\n";
        assert_eq!(known(meta, &[]), Vec::<String>::new());
    }

    #[test]
    fn other_modules_take_part() {
        assert_eq!(known(CLASSES, &["def f(o):\n    o.x = 'str'\n"]), ["Opts", "P"]);
        assert_eq!(known(CLASSES, &["def f(o, k):\n    setattr(o, k, 1)\n"]), Vec::<String>::new());
        assert_eq!(known(CLASSES, &["def f(o):\n    return o.__dict__\n"]), Vec::<String>::new());
        // Their own fresh instances are theirs.
        assert_eq!(known(CLASSES, &["class A:\n    pass\ndef f(k):\n    a = A()\n    setattr(a, k, 1)\n"]), ["Opts", "P"]);
        let parsed = ruff_python_parser::parse_module(CLASSES).expect("valid");
        let body = &parsed.syntax().body;
        let table = SymbolTable::build(body);
        let other = ruff_python_parser::parse_module("def f(o):\n    o.x = 'str'\n    class S(type(o)):\n        pass\n    return o.step()\n").expect("valid");
        let shapes = Shapes::of(body, &table, &ForeignFacts::of(&other.syntax().body));
        assert!(shapes.setattr_names.contains("x"), "a store inference does not see");
        assert!(shapes.getattr_names.contains("step"), "a lookup the compiler does not resolve");
        assert!(shapes.classes.iter().all(|c| c.subclassed), "type(o) may be derived from");
    }
}
