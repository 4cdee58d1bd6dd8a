//! Classes, for the generator of `random_programs.rs`. In about a third of the programs (drawn
//! from a PRNG stream of its own, so the other programs are exactly those of the generator
//! without classes), module level gets, before the functions, sometimes user exception classes
//! (`class E1(ValueError): pass`, sometimes with an `__init__(self, code)` calling
//! `super().__init__`, or a subclass of an earlier one) and one to three classes:
//! roots, single inheritance from an earlier class, or two root bases; an int class attribute
//! (sometimes shadowed in a subclass, sometimes counted in `__init__`), `__init__(self, a, b)`
//! storing int attributes (calling `super().__init__` or `Base.__init__(self, ...)`), regular
//! methods whose bodies are generated like function bodies, overrides (sometimes built on
//! `super().m(...)`), and now and then a `@property` (with a setter), a `@staticmethod`, a
//! `@classmethod` (a factory `cls(...)` or an int), `__repr__` (an f-string of the attributes,
//! overridable on top of `super().__repr__()`), `__eq__` (NotImplemented for other classes),
//! `__add__` (a new instance of `type(self)` or of its class) and `__len__`.
//! Uses: object variables (module, locals, parameters), `K(e1, e2)`, method calls on variables,
//! `self`, `super()`, fresh instances and classes, attributes and properties as int leaves and
//! assignment targets, `len`, `isinstance`, `type(o) is K`, `==`, `is`, `print(o)`, and `try`
//! blocks raising a user exception in a guarded branch, caught by its class or a base (or left
//! uncaught at the very end of a program).
//!
//! Invariants kept:
//! * an instance attribute holds an int of magnitude <= VB (2**21) between statements, like an
//!   int variable (assignments wrap, augmented assignments are followed by a statement that
//!   brings the value back); a class attribute holds an int of magnitude <= CB;
//! * a root class always defines `__init__(self, a, b)`, and a subclass's `__init__` runs the
//!   `__init__` of each base: every instance has every attribute of its class's MRO, and every
//!   class is constructed as `K(a, b)`;
//! * a variable of class K holds an instance of K or of a subclass (overrides keep the
//!   signature), so every method, property and attribute of K exists on its value;
//! * no recursion through methods: a regular method has a rank, and its implementations only call
//!   methods of lower rank, or the base implementation through `super()`; `__init__`,
//!   properties, static and class methods and the dunders call no method (they are leaves);
//! * the work of a call of a method is estimated (the largest estimate of its implementations)
//!   and counts against the budget of the caller;
//! * nothing depends on addresses or str hashes: an object is printed only when its class has a
//!   `__repr__`, objects are compared with `==` (`__eq__` or identity) and `is`, never hashed.

use super::{Expr, Gen, Rng, Ty, VB, Var, p};

/// Largest magnitude of a class attribute.
const CB: f64 = 100.0;
/// Estimated work of the construction of an instance (an `__init__` chain).
const CTOR: f64 = 8.0;
/// Estimated work of a call of a leaf: a property, a static or class method, a dunder.
const LEAF: f64 = 3.0;
const BUILTIN_EXC: &[&str] = &["ValueError", "ArithmeticError", "LookupError", "RuntimeError", "Exception"];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// A regular method, with a rank.
    Method,
    Static,
    /// A `@classmethod` returning an int built on the class attributes.
    ClassInt,
    /// A `@classmethod` returning `cls(q, ...)`.
    Factory,
    /// A `@property` (an int), with a setter when true.
    Prop(bool),
    Repr,
    Eq,
    /// `__add__`, returning an instance of `type(self)` when true, of its own class otherwise.
    Add(bool),
    Len,
}

#[derive(Clone)]
struct Sig {
    name: String,
    /// The class that introduced it (an override keeps the signature).
    owner: usize,
    params: Vec<Ty>,
    ret: Ty,
    rank: usize,
    /// Estimated work of a call: the largest of its implementations.
    cost: f64,
    kind: Kind,
}

struct Class {
    name: String,
    bases: Vec<usize>,
    /// The method resolution order, the class itself first (no diamonds: bases are an earlier
    /// class or two roots).
    mro: Vec<usize>,
    /// Instance attributes first assigned by its own `__init__`.
    attrs: Vec<String>,
    /// Class attributes of its body (a name may shadow one of a base).
    class_attrs: Vec<String>,
}

struct Exc {
    name: String,
    /// An earlier user exception class, or a builtin one.
    base: Result<usize, &'static str>,
    /// Made as `E(code)` by an `__init__(self, code)` (its own or a base's) that calls
    /// `super().__init__` and stores `self.code`.
    code: bool,
}

pub(super) struct Classes {
    pub(super) enabled: bool,
    classes: Vec<Class>,
    excs: Vec<Exc>,
    sigs: Vec<Sig>,
    next_rank: usize,
    /// The module variables assigned before the classes (method bodies read them).
    module_vars: Vec<Var>,
    // The context of the body being generated:
    /// Regular methods callable here have a rank below this.
    rank_limit: usize,
    /// In `__init__`, properties, static and class methods and dunders: no method calls and no
    /// instances made (they stay leaves).
    leaf_only: bool,
    /// The class whose method is being generated.
    cur: Option<usize>,
    /// The method being overridden: its base implementation may be called through `super()`.
    overriding: Option<usize>,
    /// User exception classes that the enclosing `try` statements of this body catch.
    catching: Vec<usize>,
}

impl Classes {
    pub(super) fn new(seed: u64) -> Classes {
        Classes {
            enabled: Rng(seed ^ 0x636C_6173_7365_7321).chance(33),
            classes: Vec::new(),
            excs: Vec::new(),
            sigs: Vec::new(),
            next_rank: 1,
            module_vars: Vec::new(),
            rank_limit: usize::MAX,
            leaf_only: false,
            cur: None,
            overriding: None,
            catching: Vec::new(),
        }
    }

    fn is_sub(&self, j: usize, k: usize) -> bool {
        self.classes[j].mro.contains(&k)
    }

    fn has(&self, k: usize, s: usize) -> bool {
        self.classes[k].mro.contains(&self.sigs[s].owner)
    }

    fn attrs_of(&self, k: usize) -> Vec<String> {
        self.classes[k].mro.iter().flat_map(|&c| self.classes[c].attrs.clone()).collect()
    }

    fn class_attrs_of(&self, k: usize) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for &c in &self.classes[k].mro {
            for a in &self.classes[c].class_attrs {
                if !v.contains(a) {
                    v.push(a.clone());
                }
            }
        }
        v
    }

    /// The signature of the given kind that instances of `k` use (the first in the MRO).
    fn find(&self, k: usize, pred: impl Fn(Kind) -> bool) -> Option<usize> {
        self.classes[k].mro.iter().find_map(|&c| (0..self.sigs.len()).find(|&s| self.sigs[s].owner == c && pred(self.sigs[s].kind)))
    }

    /// Whether `except h` catches the user exception class `x`.
    fn catches(&self, h: Result<usize, &str>, x: usize) -> bool {
        let mut e = Ok(x);
        loop {
            match (e, h) {
                (Ok(a), Ok(b)) if a == b => return true,
                (Err(a), Err(b)) => return a == b || b == "Exception",
                (Ok(a), _) => e = self.excs[a].base,
                (Err(_), Ok(_)) => return false,
            }
        }
    }

    fn exc_name(&self, h: Result<usize, &'static str>) -> String {
        match h {
            Ok(x) => self.excs[x].name.clone(),
            Err(b) => b.to_string(),
        }
    }
}

impl Gen {
    /// The type of a function parameter: now and then an object in a program with classes.
    pub(super) fn param_ty(&mut self) -> Ty {
        if self.cls.enabled && !self.cls.classes.is_empty() && self.rng.chance(15) {
            return Ty::Obj(self.rng.below(self.cls.classes.len()));
        }
        self.any_ty()
    }

    /// Resets the class context of a body: `cur` is its class (for methods), `rank_limit` bounds
    /// the ranks of the methods it calls.
    pub(super) fn cls_context(&mut self, cur: Option<usize>, rank_limit: usize) {
        self.cls.cur = cur;
        self.cls.rank_limit = rank_limit;
        self.cls.leaf_only = false;
        self.cls.overriding = None;
        self.cls.catching.clear();
    }

    /// Makes the object variable `name` of class `k` readable, with its attributes (assignable),
    /// class attributes and properties (assignable when they have a setter) as int variables.
    pub(super) fn push_obj(&mut self, name: &str, k: usize, mutable: bool) {
        self.vars.push(Var { name: name.into(), ty: Ty::Obj(k), bound: None, mutable });
        for a in self.cls.attrs_of(k) {
            self.vars.push(Var { name: format!("{name}.{a}"), ty: Ty::Int, bound: Some(VB), mutable: true });
        }
        for a in self.cls.class_attrs_of(k) {
            self.vars.push(Var { name: format!("{name}.{a}"), ty: Ty::Int, bound: Some(CB), mutable: false });
        }
        for s in 0..self.cls.sigs.len() {
            if let Kind::Prop(setter) = self.cls.sigs[s].kind
                && self.cls.has(k, s)
            {
                let pname = format!("{name}.{}", self.cls.sigs[s].name);
                self.vars.push(Var { name: pname, ty: Ty::Int, bound: Some(VB), mutable: setter });
            }
        }
    }

    /// Declares some object variables (none in a program without classes).
    pub(super) fn declare_objs(&mut self, prefix: &str) {
        if !self.cls.enabled || self.cls.classes.is_empty() {
            return;
        }
        let n = if prefix == "g" { 1 + self.rng.below(2) } else { self.rng.below(100) / 60 };
        for _ in 0..n {
            let k = self.rng.below(self.cls.classes.len());
            let name = self.fresh(prefix);
            let e = self.obj_expr(k, 2);
            self.line(&format!("{name} = {}", e.s));
            self.push_obj(&name, k, true);
        }
    }

    /// Whether a value of this type may be printed (an object only with a `__repr__`).
    pub(super) fn printable(&self, ty: Ty) -> bool {
        match ty {
            Ty::Obj(k) => self.cls.find(k, |x| x == Kind::Repr).is_some(),
            _ => true,
        }
    }

    fn obj_vars(&self, pred: impl Fn(usize) -> bool) -> Vec<(String, usize)> {
        self.vars
            .iter()
            .filter_map(|v| match v.ty {
                Ty::Obj(j) if pred(j) => Some((v.name.clone(), j)),
                _ => None,
            })
            .collect()
    }

    /// `K(a, b)` for `K` = class `j`.
    fn new_obj(&mut self, j: usize, d: u32) -> Expr {
        self.cost += self.mult * CTOR;
        let (a, b) = (self.arg(Ty::Int, d.saturating_sub(1)), self.arg(Ty::Int, d.saturating_sub(1)));
        Expr { s: format!("{}({}, {})", self.cls.classes[j].name, a.s, b.s), ty: Ty::Obj(j), bound: None, atom: true }
    }

    /// An instance of class `k` or of a subclass: a variable, `K(a, b)`, a class method making
    /// one, or a sum through `__add__`.
    pub(super) fn obj_expr(&mut self, k: usize, d: u32) -> Expr {
        let ty = Ty::Obj(k);
        let vars = self.obj_vars(|j| self.cls.is_sub(j, k));
        if !vars.is_empty() && (d == 0 || self.rng.chance(50)) {
            return Expr { s: vars[self.rng.below(vars.len())].0.clone(), ty, bound: None, atom: true };
        }
        let subs: Vec<usize> = (0..self.cls.classes.len()).filter(|&j| self.cls.is_sub(j, k)).collect();
        let j = subs[self.rng.below(subs.len())];
        if d > 0 && !self.cls.leaf_only {
            match self.rng.below(100) {
                0..=19 => {
                    if let Some(s) = self.cls.find(j, |x| x == Kind::Factory) {
                        self.cost += self.mult * (CTOR + LEAF);
                        let a = self.arg(Ty::Int, d - 1);
                        let s = format!("{}.{}({})", self.cls.classes[j].name, self.cls.sigs[s].name, a.s);
                        return Expr { s, ty, bound: None, atom: true };
                    }
                }
                20..=34 => {
                    // `x + y`: type(x) when `__add__` makes a `type(self)`, else its own class.
                    if let Some(s) = self.cls.find(j, |x| matches!(x, Kind::Add(_))) {
                        let owner = self.cls.sigs[s].owner;
                        if self.cls.sigs[s].kind == Kind::Add(true) || self.cls.is_sub(owner, k) {
                            self.cost += self.mult * CTOR;
                            let left = if self.cls.sigs[s].kind == Kind::Add(true) { j } else { owner };
                            let (a, b) = (self.obj_expr(left, d - 1), self.obj_expr(owner, d - 1));
                            return Expr { s: format!("{} + {}", p(&a), p(&b)), ty, bound: None, atom: false };
                        }
                    }
                }
                _ => {}
            }
        }
        self.new_obj(j, d)
    }

    /// The receivers of a call of `s` here: object variables, `super()`, a class (for static and
    /// class methods) or a new instance.
    fn receivers(&mut self, s: usize, d: u32) -> Vec<String> {
        let sig = self.cls.sigs[s].clone();
        let overriding = self.cls.overriding == Some(s);
        let mut r = Vec::new();
        if !overriding {
            r.extend(self.obj_vars(|j| self.cls.has(j, s)).into_iter().map(|(n, _)| n));
        }
        if let Some(c) = self.cls.cur
            && self.cls.classes[c].mro[1..].contains(&sig.owner)
        {
            r.push("super()".to_string());
        }
        if overriding {
            return r;
        }
        let holders: Vec<usize> = (0..self.cls.classes.len()).filter(|&j| self.cls.has(j, s)).collect();
        if !holders.is_empty() {
            let j = holders[self.rng.below(holders.len())];
            if matches!(sig.kind, Kind::Static | Kind::ClassInt) {
                r.push(self.cls.classes[j].name.clone());
            }
            if self.rng.chance(30) {
                r.push(self.new_obj(j, d.min(1)).s);
            }
        }
        r
    }

    /// A call of a method (regular, static or class method) returning `ty`, if one fits here.
    fn method_call(&mut self, ty: Ty, d: u32) -> Option<Expr> {
        let c: Vec<usize> = (0..self.cls.sigs.len())
            .filter(|&s| {
                let g = &self.cls.sigs[s];
                g.ret == ty
                    && matches!(g.kind, Kind::Method | Kind::Static | Kind::ClassInt)
                    && (g.kind != Kind::Method || g.rank < self.cls.rank_limit || self.cls.overriding == Some(s))
                    && self.cost + self.mult * g.cost <= self.budget
            })
            .collect();
        if c.is_empty() {
            return None;
        }
        let s = c[self.rng.below(c.len())];
        let recv = self.receivers(s, d);
        if recv.is_empty() {
            return None;
        }
        let recv = recv[self.rng.below(recv.len())].clone();
        let sig = self.cls.sigs[s].clone();
        self.cost += self.mult * sig.cost;
        let args: Vec<String> = sig.params.iter().map(|&t| self.arg(t, d.saturating_sub(1)).s).collect();
        Some(Expr { s: format!("{recv}.{}({})", sig.name, args.join(", ")), ty, bound: Self::ret_bound(ty), atom: true })
    }

    /// An object of any class (a variable most of the time).
    fn any_obj(&mut self, d: u32) -> Expr {
        let vars = self.obj_vars(|_| true);
        if !vars.is_empty() && self.rng.chance(70) {
            let (n, k) = vars[self.rng.below(vars.len())].clone();
            return Expr { s: n, ty: Ty::Obj(k), bound: None, atom: true };
        }
        let k = self.rng.below(self.cls.classes.len());
        self.obj_expr(k, d.min(1))
    }

    fn class_name(&mut self) -> String {
        let k = self.rng.below(self.cls.classes.len());
        self.cls.classes[k].name.clone()
    }

    /// A use of classes of type `ty` (a method call, `len(o)`, `isinstance`, `==`, ...) or None.
    pub(super) fn class_expr(&mut self, ty: Ty, d: u32) -> Option<Expr> {
        if self.cls.leaf_only || self.cls.classes.is_empty() {
            return None;
        }
        let r = self.rng.below(100);
        if r < 50 || matches!(ty, Ty::Float | Ty::NoneT | Ty::Obj(_)) {
            return self.method_call(ty, d);
        }
        let d1 = d.saturating_sub(1);
        if ty == Ty::Int {
            let o = self.any_obj(d1);
            let Ty::Obj(k) = o.ty else { unreachable!() };
            if r < 75 && self.cls.find(k, |x| x == Kind::Len).is_some() {
                self.cost += self.mult * LEAF;
                return Some(Expr { s: format!("len({})", o.s), ty, bound: Some(6.0), atom: true });
            }
            let ca = self.cls.class_attrs_of(k);
            let a = &ca[self.rng.below(ca.len())];
            return Some(Expr { s: format!("{}.{a}", self.cls.classes[k].name), ty, bound: Some(CB), atom: true });
        }
        let o = self.any_obj(d1);
        let s = match self.rng.below(9) {
            0 | 1 => format!("isinstance({}, {})", o.s, self.class_name()),
            2 => format!("isinstance({}, ({}, {}))", o.s, self.class_name(), self.class_name()),
            3 => format!("type({}) is {}", o.s, self.class_name()),
            4 | 5 => {
                self.cost += self.mult * LEAF;
                let b = self.any_obj(d1);
                format!("{} {} {}", p(&o), self.rng.pick(&["==", "!=", "==", "is", "is not"]), p(&b))
            }
            6 => format!("issubclass({}, {})", self.class_name(), self.class_name()),
            _ => {
                self.cost += self.mult * LEAF;
                if self.rng.chance(50) { format!("not {}", p(&o)) } else { format!("bool({})", o.s) }
            }
        };
        Some(Expr { s, ty, bound: Some(1.0), atom: false })
    }

    /// A statement using classes: an object assigned, printed, a method called, an attribute
    /// updated, a `try` around a user exception, a guarded `raise`.
    pub(super) fn class_stmt(&mut self, depth: u32, ctrl: bool) {
        let has_cls = !self.cls.classes.is_empty() && !self.cls.leaf_only;
        match self.rng.below(100) {
            0..=17 if has_cls => {
                let vars: Vec<(String, usize)> =
                    self.vars.iter().filter_map(|v| if let Ty::Obj(k) = v.ty && v.mutable { Some((v.name.clone(), k)) } else { None }).collect();
                if vars.is_empty() {
                    return self.assign();
                }
                let (v, k) = vars[self.rng.below(vars.len())].clone();
                let e = self.obj_expr(k, 2);
                self.line(&format!("{v} = {}", e.s));
            }
            18..=37 if has_cls => {
                let mut args = Vec::new();
                for _ in 0..1 + self.rng.below(3) {
                    let o = self.any_obj(1);
                    match self.rng.below(4) {
                        0 | 1 if self.printable(o.ty) => args.push(if self.rng.chance(80) { o.s } else { format!("repr({})", o.s) }),
                        0 => args.push(format!("type({}).__name__", o.s)),
                        _ => {
                            let ty = self.rng.pick(&[Ty::Int, Ty::Float, Ty::Bool, Ty::NoneT, Ty::Int]);
                            match self.class_expr(ty, 2) {
                                Some(e) => args.push(e.s),
                                None => args.push(self.leaf(Ty::Int).s),
                            }
                        }
                    }
                }
                self.line(&format!("print({})", args.join(", ")));
            }
            38..=49 if has_cls => {
                let ty = self.rng.pick(&[Ty::NoneT, Ty::NoneT, Ty::Int, Ty::Float, Ty::Bool]);
                match self.method_call(ty, 2) {
                    Some(e) => self.line(&e.s),
                    None => self.assign(),
                }
            }
            50..=69 => {
                let c: Vec<String> = self.vars.iter().filter(|v| v.mutable && v.name.contains('.')).map(|v| v.name.clone()).collect();
                if c.is_empty() {
                    return self.assign();
                }
                let x = c[self.rng.below(c.len())].clone();
                if self.rng.chance(40) {
                    let e = self.expr(Ty::Int, 2);
                    let e = self.wrap(e);
                    self.line(&format!("{x} = {}", e.s));
                } else {
                    let op = self.rng.pick(&["+=", "-=", "*="]);
                    let k = self.rng.int_in(1, 9);
                    self.line(&format!("{x} {op} {k}"));
                    self.restore_int(&x);
                }
            }
            70..=84 if ctrl && !self.cls.excs.is_empty() => self.try_exc(depth),
            85..=94 if !self.cls.catching.is_empty() => {
                let x = self.cls.catching[self.rng.below(self.cls.catching.len())];
                self.raise_guarded(x);
            }
            95 if !self.cls.excs.is_empty() => {
                // Rarely a raise nothing here catches: an `except Exception` further out, or the
                // end of the program.
                let x = self.rng.below(self.cls.excs.len());
                self.raise_guarded(x);
            }
            _ => self.assign(),
        }
    }

    /// `raise E(...)` of the user exception class `x`.
    fn raise_of(&mut self, x: usize) -> String {
        let name = self.cls.excs[x].name.clone();
        match self.rng.below(10) {
            _ if self.cls.excs[x].code => format!("raise {name}({})", self.arg(Ty::Int, 1).s),
            0 => format!("raise {name}"),
            1 => {
                let (a, b) = (self.arg(Ty::Int, 1), self.arg(Ty::Int, 1));
                format!("raise {name}({}, {})", a.s, b.s)
            }
            _ => format!("raise {name}({})", self.arg(Ty::Int, 1).s),
        }
    }

    fn raise_guarded(&mut self, x: usize) {
        let r = self.raise_of(x);
        self.guarded(&r);
    }

    /// `try` around a block raising a user exception in a guarded branch, caught by its class,
    /// a base (user or builtin) or a tuple, printing the exception's class and `args`.
    fn try_exc(&mut self, depth: u32) {
        let n = self.cls.excs.len();
        let x = self.rng.below(n);
        let mut hs = vec![Ok(x)];
        let mut e = self.cls.excs[x].base;
        while let Ok(b) = e {
            hs.push(Ok(b));
            e = self.cls.excs[b].base;
        }
        hs.extend([e, Err("Exception")]);
        let h = hs[self.rng.below(hs.len())];
        let tuple = self.rng.chance(20);
        let code = !tuple && matches!(h, Ok(u) if self.cls.excs[u].code);
        let (text, caught): (String, Vec<usize>) = if tuple {
            let o = self.rng.below(n);
            (format!("({}, {})", self.cls.exc_name(h), self.cls.excs[o].name), (0..n).filter(|&y| self.cls.catches(h, y) || self.cls.catches(Ok(o), y)).collect())
        } else {
            (self.cls.exc_name(h), (0..n).filter(|&y| self.cls.catches(h, y)).collect())
        };
        self.line("try:");
        let (mark, cmark) = (self.vars.len(), self.cls.catching.len());
        self.cls.catching.extend(caught);
        self.indent += 1;
        let first = self.rng.chance(50);
        if first {
            self.raise_guarded(x);
        }
        for _ in 0..1 + self.rng.below(3) {
            if self.stmt(depth + 1) {
                break;
            }
        }
        if !first {
            self.raise_guarded(x);
        }
        self.indent -= 1;
        self.vars.truncate(mark);
        self.cls.catching.truncate(cmark);
        self.line(&format!("except {text} as e:"));
        self.indent += 1;
        match self.rng.below(3) {
            _ if code && self.rng.chance(60) => self.line("print(type(e).__name__, e.args, e.code, e)"),
            0 => self.line("print(type(e).__name__, e.args)"),
            1 => self.line("print(\"caught\", type(e).__name__, e, e.args)"),
            _ => {
                let k = self.rng.below(n);
                self.line(&format!("print(type(e).__name__, e.args, isinstance(e, {}))", self.cls.excs[k].name));
            }
        }
        self.indent -= 1;
        if self.rng.chance(20) {
            self.line("finally:");
            self.indent += 1;
            let k = self.rng.below(100);
            self.line(&format!("print(\"finally\", {k})"));
            self.indent -= 1;
        }
    }

    /// Sometimes the program ends with an uncaught user exception (its last stderr line is
    /// compared).
    pub(super) fn final_raise(&mut self) {
        if !self.cls.excs.is_empty() && self.rng.chance(30) {
            let x = self.rng.below(self.cls.excs.len());
            let r = self.raise_of(x);
            self.line(&r);
        }
    }

    // ----- class definitions

    /// Emits the exception classes and the classes of the program (at module level, after the
    /// module variables they may read).
    pub(super) fn classes(&mut self) {
        let saved = self.vars.clone();
        self.cls.module_vars = self.vars.iter().map(|v| Var { mutable: false, ..v.clone() }).collect();
        let nexc = if self.rng.chance(40) { 1 + self.rng.below(2) } else { 0 };
        let ncls = if nexc > 0 && self.rng.chance(20) { 0 } else { 1 + self.rng.below(3) };
        for _ in 0..nexc {
            let name = self.fresh("E");
            let base = if !self.cls.excs.is_empty() && self.rng.chance(40) {
                Ok(self.rng.below(self.cls.excs.len()))
            } else {
                Err(self.rng.pick(BUILTIN_EXC))
            };
            self.line(&format!("class {name}({}):", self.cls.exc_name(base)));
            let inherited = matches!(base, Ok(b) if self.cls.excs[b].code);
            let code = inherited || self.rng.chance(30);
            if code && !inherited {
                self.line("    def __init__(self, code):");
                let k = self.rng.int_in(2, 9);
                let args = if self.rng.chance(50) { "code".to_string() } else { format!("code, code % {k}") };
                self.line(&format!("        super().__init__({args})"));
                self.line("        self.code = code");
            } else {
                self.line("    pass");
            }
            self.line("");
            self.cls.excs.push(Exc { name, base, code });
        }
        for _ in 0..ncls {
            self.class_def();
        }
        self.vars = saved;
        self.cls_context(None, usize::MAX);
    }

    /// A leaf body's context: reads only `vars` (and the module variables).
    fn leaf_context(&mut self, vars: Vec<Var>) {
        self.cls_context(None, 0);
        self.cls.leaf_only = true;
        self.vars = self.cls.module_vars.clone();
        self.vars.extend(vars);
        self.cost = 0.0;
        self.mult = 1.0;
        self.loops = 0;
    }

    fn attr_vars(&self, obj: &str, k: usize) -> Vec<Var> {
        self.cls.attrs_of(k).into_iter().map(|a| Var { name: format!("{obj}.{a}"), ty: Ty::Int, bound: Some(VB), mutable: false }).collect()
    }

    fn int_var(name: &str) -> Var {
        Var { name: name.into(), ty: Ty::Int, bound: Some(VB), mutable: false }
    }

    /// A wrapped int expression over `vars` (and the module variables), in a leaf body.
    fn leaf_int(&mut self, vars: Vec<Var>) -> String {
        self.leaf_context(vars);
        let e = self.expr(Ty::Int, 2);
        self.wrap_v(e).s
    }

    fn sig(&mut self, name: String, owner: usize, params: Vec<Ty>, ret: Ty, cost: f64, kind: Kind) {
        self.cls.sigs.push(Sig { name, owner, params, ret, rank: 0, cost, kind });
    }

    fn class_def(&mut self) {
        let n = self.cls.classes.len();
        let name = self.fresh("K");
        let roots: Vec<usize> = (0..n).filter(|&j| self.cls.classes[j].bases.is_empty()).collect();
        let bases = if n == 0 || self.rng.chance(35) {
            vec![]
        } else if roots.len() >= 2 && self.rng.chance(50) {
            let i = self.rng.below(roots.len());
            let j = (i + 1 + self.rng.below(roots.len() - 1)) % roots.len();
            vec![roots[i], roots[j]]
        } else {
            vec![self.rng.below(n)]
        };
        let mut mro = vec![n];
        for &b in &bases {
            for &c in &self.cls.classes[b].mro {
                if !mro.contains(&c) {
                    mro.push(c);
                }
            }
        }
        let bnames: Vec<String> = bases.iter().map(|&b| self.cls.classes[b].name.clone()).collect();
        match bnames.len() {
            0 if self.rng.chance(15) => self.line(&format!("class {name}(object):")),
            0 => self.line(&format!("class {name}:")),
            _ => self.line(&format!("class {name}({}):", bnames.join(", "))),
        }
        self.cls.classes.push(Class { name: name.clone(), bases: bases.clone(), mro, attrs: Vec::new(), class_attrs: Vec::new() });
        self.indent += 1;
        let start = self.out.len();
        // class attributes: a new one, or one shadowing a base's
        let inherited = self.cls.class_attrs_of(n);
        if bases.is_empty() || self.rng.chance(30) {
            let a = self.fresh("k");
            let v = self.rng.int_in(-CB as i64, CB as i64);
            self.line(&format!("{a} = {v}"));
            self.cls.classes[n].class_attrs.push(a);
        }
        if !inherited.is_empty() && self.rng.chance(20) {
            let a = inherited[self.rng.below(inherited.len())].clone();
            let v = self.rng.int_in(-CB as i64, CB as i64);
            self.line(&format!("{a} = {v}"));
            self.cls.classes[n].class_attrs.push(a);
        }
        if bases.len() != 1 || self.rng.chance(60) {
            self.init(n, &name, &bnames);
        }
        if self.rng.chance(25) {
            self.property(n);
        }
        if self.rng.chance(20) {
            self.static_method(n);
        }
        if self.rng.chance(25) {
            self.class_method(n);
        }
        self.dunders(n, &name);
        let inherited: Vec<usize> = (0..self.cls.sigs.len())
            .filter(|&s| self.cls.sigs[s].kind == Kind::Method && self.cls.classes[n].mro[1..].contains(&self.cls.sigs[s].owner))
            .collect();
        for s in inherited {
            if self.rng.chance(40) {
                let c = self.method(n, s, true);
                self.cls.sigs[s].cost = self.cls.sigs[s].cost.max(c);
            }
        }
        let new = if bases.is_empty() { 1 + self.rng.below(3) } else { self.rng.below(3) };
        for _ in 0..new {
            let mname = self.fresh("m");
            let params = (0..self.rng.below(3)).map(|_| self.any_ty()).collect();
            let ret = match self.rng.below(100) {
                0..=39 => Ty::Int,
                40..=64 => Ty::Float,
                65..=79 => Ty::Bool,
                _ => Ty::NoneT,
            };
            let rank = self.cls.next_rank;
            self.cls.next_rank += 1;
            self.cls.sigs.push(Sig { name: mname, owner: n, params, ret, rank, cost: 0.0, kind: Kind::Method });
            let s = self.cls.sigs.len() - 1;
            let c = self.method(n, s, false);
            self.cls.sigs[s].cost = c;
        }
        if self.out.len() == start {
            self.line("pass");
        }
        self.indent -= 1;
        self.line("");
    }

    /// `__init__(self, a, b)`: the bases' `__init__`, then new int attributes (and sometimes a
    /// class attribute counted).
    fn init(&mut self, n: usize, name: &str, bnames: &[String]) {
        self.line("def __init__(self, a, b):");
        self.indent += 1;
        let params = vec![Self::int_var("a"), Self::int_var("b")];
        for (i, b) in bnames.iter().enumerate() {
            let x = self.leaf_int(params.clone());
            let y = self.leaf_int(params.clone());
            if i == 0 && self.rng.chance(70) {
                self.line(&format!("super().__init__({x}, {y})"));
            } else {
                self.line(&format!("{b}.__init__(self, {x}, {y})"));
            }
        }
        let mut vars = params;
        vars.extend(self.attr_vars("self", n));
        let nattrs = if bnames.is_empty() { 1 + self.rng.below(3) } else { self.rng.below(3) };
        for _ in 0..nattrs {
            let a = self.fresh("a");
            let e = self.leaf_int(vars.clone());
            self.line(&format!("self.{a} = {e}"));
            vars.push(Self::int_var(&format!("self.{a}")));
            self.cls.classes[n].attrs.push(a);
        }
        let ca = self.cls.class_attrs_of(n);
        if self.rng.chance(20) {
            let a = &ca[self.rng.below(ca.len())];
            let k = self.rng.int_in(1, 5);
            self.line(&format!("{name}.{a} = ({name}.{a} + {k}) % 97"));
        }
        self.indent -= 1;
    }

    fn property(&mut self, n: usize) {
        let name = self.fresh("pr");
        let setter = self.rng.chance(40);
        self.line("@property");
        self.line(&format!("def {name}(self):"));
        let e = self.leaf_int(self.attr_vars("self", n));
        self.line(&format!("    return {e}"));
        if setter {
            self.line(&format!("@{name}.setter"));
            self.line(&format!("def {name}(self, value):"));
            let mut vars = self.attr_vars("self", n);
            vars.push(Self::int_var("value"));
            let e = self.leaf_int(vars);
            let attrs = self.cls.attrs_of(n);
            let a = &attrs[self.rng.below(attrs.len())];
            self.line(&format!("    self.{a} = {e}"));
        }
        self.sig(name, n, vec![], Ty::Int, LEAF, Kind::Prop(setter));
    }

    fn static_method(&mut self, n: usize) {
        let name = self.fresh("s");
        let params: Vec<Ty> = (0..1 + self.rng.below(2)).map(|_| self.any_ty()).collect();
        let ret = self.any_ty();
        let names: Vec<String> = params.iter().map(|_| self.fresh("q")).collect();
        let vars = params
            .iter()
            .zip(&names)
            .map(|(&ty, q)| Var { name: q.clone(), ty, bound: if ty == Ty::Float { None } else { Some(VB) }, mutable: false })
            .collect();
        self.leaf_context(vars);
        let e = self.expr(ret, 2);
        let e = self.wrap_v(e);
        self.line("@staticmethod");
        self.line(&format!("def {name}({}):", names.join(", ")));
        self.line(&format!("    return {}", e.s));
        self.sig(name, n, params, ret, LEAF, Kind::Static);
    }

    fn class_method(&mut self, n: usize) {
        let name = self.fresh("cm");
        let q = self.fresh("q");
        self.line("@classmethod");
        self.line(&format!("def {name}(cls, {q}):"));
        if self.rng.chance(50) {
            let e = self.leaf_int(vec![Self::int_var(&q)]);
            self.line(&format!("    return cls({q}, {e})"));
            self.sig(name, n, vec![Ty::Int], Ty::Obj(n), CTOR + LEAF, Kind::Factory);
        } else {
            let mut vars = vec![Self::int_var(&q)];
            for a in self.cls.class_attrs_of(n) {
                vars.push(Var { name: format!("cls.{a}"), ty: Ty::Int, bound: Some(CB), mutable: false });
            }
            let e = self.leaf_int(vars);
            self.line(&format!("    return {e}"));
            self.sig(name, n, vec![Ty::Int], Ty::Int, LEAF, Kind::ClassInt);
        }
    }

    fn dunders(&mut self, n: usize, name: &str) {
        let attrs = self.cls.attrs_of(n);
        let fields: Vec<String> = attrs.iter().map(|a| format!("{{self.{a}}}")).collect();
        if self.cls.find(n, |x| x == Kind::Repr).is_none() {
            if self.rng.chance(40) {
                self.line("def __repr__(self):");
                if self.rng.chance(50) {
                    self.line(&format!("    return f\"{{type(self).__name__}}({})\"", fields.join(", ")));
                } else {
                    let named: Vec<String> = attrs.iter().map(|a| format!("{a}={{self.{a}}}")).collect();
                    self.line(&format!("    return f\"{name}<{}>\"", named.join(" ")));
                }
                self.sig("__repr__".into(), n, vec![], Ty::NoneT, LEAF, Kind::Repr);
            }
        } else if self.rng.chance(30) {
            self.line("def __repr__(self):");
            let f = &fields[self.rng.below(fields.len())];
            if self.rng.chance(50) {
                self.line(&format!("    return f\"{name}[{f}]:\" + super().__repr__()"));
            } else {
                self.line(&format!("    return f\"{name}[{f}]:{{super().__repr__()}}\""));
            }
        }
        if self.cls.find(n, |x| x == Kind::Eq).is_none() && self.rng.chance(25) {
            self.line("def __eq__(self, other):");
            self.line(&format!("    if not isinstance(other, {name}):"));
            self.line("        return NotImplemented");
            let k = 1 + self.rng.below(attrs.len());
            let cmp: Vec<String> = attrs[..k].iter().map(|a| format!("self.{a} == other.{a}")).collect();
            self.line(&format!("    return {}", cmp.join(" and ")));
            self.sig("__eq__".into(), n, vec![], Ty::Bool, LEAF, Kind::Eq);
        }
        if self.cls.find(n, |x| matches!(x, Kind::Add(_))).is_none() && self.rng.chance(25) {
            let self_type = self.rng.chance(60);
            let mut vars = self.attr_vars("self", n);
            vars.extend(self.attr_vars("other", n));
            let (x, y) = (self.leaf_int(vars.clone()), self.leaf_int(vars));
            self.line("def __add__(self, other):");
            let cls = if self_type { "type(self)" } else { name };
            self.line(&format!("    return {cls}({x}, {y})"));
            self.sig("__add__".into(), n, vec![], Ty::Obj(n), CTOR, Kind::Add(self_type));
        }
        if self.cls.find(n, |x| x == Kind::Len).is_none() && self.rng.chance(20) {
            let e = self.leaf_int(self.attr_vars("self", n));
            self.line("def __len__(self):");
            let k = self.rng.int_in(2, 7);
            if self.rng.chance(50) {
                self.line(&format!("    return abs({e}) % {k}"));
            } else {
                self.line(&format!("    return ({e}) % {k}"));
            }
            self.sig("__len__".into(), n, vec![], Ty::Int, LEAF, Kind::Len);
        }
    }

    /// An implementation of the regular method `s` in class `c` (an override when `over`),
    /// generated like a function body; returns its estimated work.
    fn method(&mut self, c: usize, s: usize, over: bool) -> f64 {
        let sig = self.cls.sigs[s].clone();
        self.vars = self.cls.module_vars.clone();
        self.push_obj("self", c, false);
        let mut names = vec!["self".to_string()];
        for &ty in &sig.params {
            let q = self.fresh("p");
            let bound = if ty == Ty::Float { None } else { Some(VB) };
            self.vars.push(Var { name: q.clone(), ty, bound, mutable: true });
            names.push(q);
        }
        self.cls_context(Some(c), sig.rank);
        if over {
            self.cls.overriding = Some(s);
        }
        self.ret = Some(sig.ret);
        self.cost = 0.0;
        self.mult = 1.0;
        self.loops = 0;
        self.budget = if over { sig.cost.max(30.0) } else { self.rng.int_in(20, 80) as f64 };
        self.line(&format!("def {}({}):", sig.name, names.join(", ")));
        self.indent += 1;
        let nlocals = self.rng.below(3);
        self.declare("v", nlocals);
        let mut ended = false;
        for _ in 0..1 + self.rng.below(4) {
            if self.stmt(0) {
                ended = true;
                break;
            }
        }
        if !ended {
            let sup = if over && self.rng.chance(60) {
                self.cost += self.mult * sig.cost;
                let args: Vec<String> = sig.params.iter().map(|&t| self.arg(t, 1).s).collect();
                Some(Expr { s: format!("super().{}({})", sig.name, args.join(", ")), ty: sig.ret, bound: Self::ret_bound(sig.ret), atom: true })
            } else {
                None
            };
            match sup {
                Some(e) if sig.ret == Ty::NoneT => {
                    self.line(&e.s);
                    self.end_body(sig.ret, None);
                }
                sup => self.end_body(sig.ret, sup),
            }
        }
        self.indent -= 1;
        self.cost.max(1.0)
    }
}
