//! The core of the program generator of `random_programs.rs` (whose doc comment states the
//! subset the programs stay inside, and why): the PRNG, typed expressions (int, float and bool)
//! and statements (assignments, prints, `if`, bounded loops, `try`). `functions.rs` lays out a
//! program and generates its functions; `classes.rs` generates classes and their uses.
//!
//! Invariants: every int (sub)expression carries a bound on its magnitude and stays within
//! 2**60 (big ints only in the middle of an expression), every int variable within 2**21
//! between statements; every variable keeps one type and is assigned before any branch or loop;
//! loops and recursion are bounded, and each statement adds to an estimate of the work, which
//! keeps programs small. Deterministic: the same seed gives the same program.

use std::fmt::Write as _;

#[path = "classes.rs"]
mod classes;
#[path = "containers.rs"]
mod containers;
#[path = "functions.rs"]
mod functions;

// ---------------------------------------------------------------------------------------------
// PRNG

pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn int_in(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// The generator

/// Largest magnitude any int (sub)expression may reach.
const LIMIT: f64 = 1_152_921_504_606_846_976.0; // 2**60
/// Largest magnitude of an int variable between statements (and of int arguments and results).
const VB: f64 = 2_097_152.0; // 2**21
/// Range bounds have magnitude at most this; a `for` runs at most 2*RB+1 times.
const RB: f64 = 8.0;
/// Depth limit of recursive functions (their first argument is passed as `e % REC`), except in
/// the final calls of a program, which sometimes go as deep as DEEP.
const REC: i64 = 12;
const DEEP: f64 = 1000.0;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Int,
    Float,
    Bool,
    /// Only as the result of a function without a value (printed or discarded).
    NoneT,
    /// An instance of the generated class with this index or of one of its subclasses (never
    /// printed unless the class has a `__repr__`).
    Obj(usize),
}

#[derive(Clone)]
struct Expr {
    s: String,
    ty: Ty,
    /// Upper bound of the magnitude; always known for ints and bools, `None` = any float.
    bound: Option<f64>,
    /// Needs no parentheses as an operand.
    atom: bool,
}

fn p(e: &Expr) -> String {
    if e.atom { e.s.clone() } else { format!("({})", e.s) }
}

fn bmax(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a?.max(b?))
}

#[derive(Clone)]
struct Var {
    name: String,
    ty: Ty,
    bound: Option<f64>,
    mutable: bool,
}

#[derive(Clone)]
struct Func {
    name: String,
    params: Vec<Ty>,
    ret: Ty,
    /// Estimated work of one call.
    cost: f64,
    /// Recursive: the first argument is passed as `e % REC`.
    recursive: bool,
}

struct Gen {
    rng: Rng,
    out: String,
    indent: usize,
    /// Variables readable here (definitely assigned), innermost last.
    vars: Vec<Var>,
    /// Functions defined so far.
    funcs: Vec<Func>,
    /// Generator functions defined so far (each yields ints; `ret` is the type of what it
    /// yields).
    gens: Vec<Func>,
    /// Enclosing loops of the current statement (within the current function).
    loops: usize,
    /// How often the current statement may run per execution of the function.
    mult: f64,
    /// Estimated work of the current function so far, and its allowance.
    cost: f64,
    budget: f64,
    /// Return type of the function being generated (None at module level).
    ret: Option<Ty>,
    next_id: usize,
    /// Module-level variables assigned before the functions: functions may read them.
    globals: Vec<Var>,
    /// The classes of the program (none in most programs) and the context of their uses.
    cls: classes::Classes,
    /// Whether the program's statements include container and str scenarios.
    ctn: containers::Containers,
}

impl Gen {
    fn new(seed: u64) -> Gen {
        Gen {
            rng: Rng(seed),
            out: String::new(),
            indent: 0,
            vars: Vec::new(),
            funcs: Vec::new(),
            gens: Vec::new(),
            loops: 0,
            mult: 1.0,
            cost: 0.0,
            budget: 0.0,
            ret: None,
            next_id: 0,
            globals: Vec::new(),
            cls: classes::Classes::new(seed),
            ctn: containers::Containers::new(seed),
        }
    }

    fn line(&mut self, s: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}{}", self.next_id)
    }

    fn any_ty(&mut self) -> Ty {
        match self.rng.below(100) {
            0..=49 => Ty::Int,
            50..=79 => Ty::Float,
            _ => Ty::Bool,
        }
    }

    // ----- leaves

    fn int_const(&mut self) -> Expr {
        let v: i64 = match self.rng.below(20) {
            0..=13 => self.rng.int_in(-10, 10),
            14..=17 => self.rng.int_in(-1000, 1000),
            _ => self.rng.pick(&[
                2147483647,
                4294967296,
                9007199254740993,
                -9007199254740993,
                1000000007,
                123456789,
                -65536,
                4611686018427387904,
            ]),
        };
        Expr { s: v.to_string(), ty: Ty::Int, bound: Some(v.unsigned_abs() as f64), atom: v >= 0 }
    }

    fn float_const(&mut self) -> Expr {
        const F: &[&str] = &[
            "0.0", "0.5", "1.5", "2.0", "-0.25", "3.75", "0.1", "1e-3", "-2.5", "100.5", "1e16", "7.0",
            "-1.0", "0.3", "-0.0", "2.5e-7", "1e300", "12.125",
        ];
        let s = self.rng.pick(F);
        let v: f64 = s.parse().unwrap();
        Expr { s: s.to_string(), ty: Ty::Float, bound: Some(v.abs()), atom: !s.starts_with('-') }
    }

    fn konst(&mut self, ty: Ty) -> Expr {
        match ty {
            Ty::Int => self.int_const(),
            Ty::Float => self.float_const(),
            Ty::Bool => {
                let s = if self.rng.chance(50) { "True" } else { "False" };
                Expr { s: s.into(), ty: Ty::Bool, bound: Some(1.0), atom: true }
            }
            Ty::NoneT => Expr { s: "None".into(), ty, bound: None, atom: true },
            Ty::Obj(k) => self.obj_expr(k, 0),
        }
    }

    fn nonzero_const(&mut self, ty: Ty) -> Expr {
        let s = match ty {
            Ty::Float => self.rng.pick(&["0.5", "1.5", "-2.0", "3.0", "0.1", "-0.75", "7.25", "1e-3"]).to_string(),
            _ => self.rng.pick(&[1i64, 2, 3, 5, 7, 10, -1, -2, -3, -7, 13, 1000]).to_string(),
        };
        let v: f64 = s.parse().unwrap();
        Expr { atom: !s.starts_with('-'), s, ty, bound: Some(v.abs()) }
    }

    fn var_expr(&mut self, ty: Ty, mutable: bool) -> Option<Expr> {
        let c: Vec<usize> =
            (0..self.vars.len()).filter(|&i| self.vars[i].ty == ty && (!mutable || self.vars[i].mutable)).collect();
        if c.is_empty() {
            return None;
        }
        let v = &self.vars[c[self.rng.below(c.len())]];
        Some(Expr { s: v.name.clone(), ty, bound: v.bound, atom: true })
    }

    fn leaf(&mut self, ty: Ty) -> Expr {
        if self.rng.chance(65)
            && let Some(v) = self.var_expr(ty, false)
        {
            return v;
        }
        self.konst(ty)
    }

    // ----- expressions

    fn expr(&mut self, ty: Ty, d: u32) -> Expr {
        if let Ty::Obj(k) = ty {
            return self.obj_expr(k, d);
        }
        if d == 0 || self.rng.chance(15) {
            return self.leaf(ty);
        }
        match ty {
            Ty::Int => self.int_expr(d),
            Ty::Float => self.float_expr(d),
            Ty::Bool => self.bool_expr(d),
            Ty::NoneT | Ty::Obj(_) => self.call(ty, d).unwrap_or_else(|| self.konst(ty)),
        }
    }

    /// An int or (sometimes) a bool: an operand of int arithmetic.
    fn int_operand(&mut self, d: u32) -> Expr {
        if self.rng.chance(12) { self.expr(Ty::Bool, d) } else { self.expr(Ty::Int, d) }
    }

    fn num_operand(&mut self, d: u32) -> Expr {
        let ty = self.any_ty();
        self.expr(ty, d)
    }

    /// `e % m` with a bound of |m|.
    fn wrap(&mut self, e: Expr) -> Expr {
        let m: i64 = self.rng.pick(&[97, 1009, 1000003, 1000003, -1009]);
        Expr { s: format!("{} % {m}", p(&e)), ty: Ty::Int, bound: Some(m.unsigned_abs() as f64), atom: false }
    }

    /// Brings an int expression within VB.
    fn wrap_v(&mut self, e: Expr) -> Expr {
        match e.bound {
            Some(b) if b > VB && e.ty != Ty::Float => self.wrap(e),
            _ => e,
        }
    }

    fn int_bin(&mut self, op: &str, mut a: Expr, mut b: Expr) -> Expr {
        loop {
            let (ba, bb) = (a.bound.unwrap(), b.bound.unwrap());
            let r = if op == "*" { ba * bb } else { ba + bb };
            if r <= LIMIT {
                return Expr { s: format!("{} {op} {}", p(&a), p(&b)), ty: Ty::Int, bound: Some(r), atom: false };
            }
            if ba >= bb { a = self.wrap(a) } else { b = self.wrap(b) }
        }
    }

    /// A divisor of type `ty`, nonzero most of the time.
    fn divisor(&mut self, ty: Ty, d: u32) -> Expr {
        match self.rng.below(100) {
            0..=29 => self.nonzero_const(ty),
            30..=54 => {
                let e = self.expr(ty, d);
                let c = self.nonzero_const(ty);
                Expr { s: format!("{} or {}", p(&e), p(&c)), ty, bound: bmax(e.bound, c.bound), atom: false }
            }
            55..=97 => {
                let e = self.expr(ty, d);
                let (c, cb) = if ty == Ty::Float { ("0.5", 0.5) } else { ("1", 1.0) };
                Expr { s: format!("abs({}) + {c}", e.s), ty, bound: e.bound.map(|b| b + cb), atom: false }
            }
            _ => self.expr(ty, d),
        }
    }

    fn int_expr(&mut self, d: u32) -> Expr {
        loop {
            match self.rng.below(100) {
                0..=29 => {
                    let op = self.rng.pick(&["+", "-", "*", "+", "-"]);
                    let a = self.int_operand(d - 1);
                    let b = self.int_operand(d - 1);
                    return self.int_bin(op, a, b);
                }
                30..=41 => {
                    let op = self.rng.pick(&["//", "%"]);
                    let a = self.int_operand(d - 1);
                    let dv = self.divisor(Ty::Int, d - 1);
                    let bound = if op == "//" { a.bound } else { dv.bound };
                    return Expr { s: format!("{} {op} {}", p(&a), p(&dv)), ty: Ty::Int, bound, atom: false };
                }
                42..=49 => {
                    let a = self.int_operand(d - 1);
                    return if self.rng.chance(50) {
                        Expr { s: format!("-{}", p(&a)), ty: Ty::Int, bound: a.bound, atom: false }
                    } else {
                        Expr { s: format!("abs({})", a.s), ty: Ty::Int, bound: a.bound, atom: true }
                    };
                }
                50..=55 => {
                    let f = self.rng.pick(&["min", "max"]);
                    let a = self.expr(Ty::Int, d - 1);
                    let b = self.expr(Ty::Int, d - 1);
                    return Expr { s: format!("{f}({}, {})", a.s, b.s), ty: Ty::Int, bound: bmax(a.bound, b.bound), atom: true };
                }
                56..=62 => {
                    let x = if self.rng.chance(25) { self.expr(Ty::Bool, d - 1) } else { self.expr(Ty::Float, d - 1) };
                    return match x.bound {
                        Some(b) if b <= LIMIT => Expr { s: format!("int({})", x.s), ty: Ty::Int, bound: Some(b), atom: true },
                        _ if self.rng.chance(50) => {
                            Expr { s: format!("int({} % 1000.0)", p(&x)), ty: Ty::Int, bound: Some(1000.0), atom: true }
                        }
                        _ => Expr { s: format!("int(max(min({}, 1e6), -1e6))", x.s), ty: Ty::Int, bound: Some(1e6), atom: true },
                    };
                }
                63..=66 => return self.cond_expr(Ty::Int, d),
                67 | 68 => return self.guarded_div(Ty::Int, d),
                69..=73 => return self.andor(Ty::Int, d),
                74..=87 => {
                    if let Some(e) = self.call(Ty::Int, d) {
                        return e;
                    }
                }
                92..=95 => {
                    // A big int in the middle (beyond 64 bits), brought back by `%` or `//`.
                    let a = self.int_operand(d - 1);
                    let b = self.int_operand(d - 1);
                    let k = self.rng.pick(&["10 ** 20", "2 ** 64", "3 ** 50", "(1 << 70)", "(10 ** 30 + 7)"]);
                    return if self.rng.chance(50) {
                        let m: i64 = self.rng.pick(&[97, 1009, 1000003, -1009]);
                        Expr { s: format!("({} * {k} + {}) % {m}", p(&a), p(&b)), ty: Ty::Int, bound: Some(m.unsigned_abs() as f64), atom: false }
                    } else {
                        // |b| < k, so (a * k + b) // k is a or a - 1.
                        Expr { s: format!("({} * {k} + {}) // {k}", p(&a), p(&b)), ty: Ty::Int, bound: a.bound.map(|x| x + 1.0), atom: false }
                    };
                }
                88..=91 => {
                    let k = self.rng.pick(&[2, 3, 2]);
                    let mut a = self.expr(Ty::Int, d - 1);
                    while a.bound.unwrap().powi(k) > LIMIT {
                        a = self.wrap(a);
                    }
                    return Expr { s: format!("{} ** {k}", p(&a)), ty: Ty::Int, bound: Some(a.bound.unwrap().powi(k)), atom: false };
                }
                96 | 97 => {
                    // A lambda called where it is made: a parameter, a default, and maybe a
                    // variable of the enclosing scope it closes over (which then lives in a cell).
                    let a = self.arg(Ty::Int, d.saturating_sub(1));
                    let k = self.rng.int_in(1, 7);
                    let c = self.rng.int_in(-50, 50);
                    let free = self.var_expr(Ty::Int, false).filter(|v| v.bound.is_some_and(|b| b <= VB));
                    let (body, extra) = match &free {
                        Some(v) => (format!("lq * {k} + lw + {}", v.s), v.bound.unwrap_or(VB)),
                        None => (format!("lq * {k} + lw"), 0.0),
                    };
                    let bound = a.bound.unwrap_or(VB) * k as f64 + 50.0 + extra;
                    return Expr { s: format!("(lambda lq, lw={c}: {body})({})", a.s), ty: Ty::Int, bound: Some(bound), atom: true };
                }
                98 | 99 if !self.gens.is_empty() && self.rng.chance(40) => {
                    // The sum of what a generator function yields.
                    let g = self.gens[self.rng.below(self.gens.len())].clone();
                    if self.cost + self.mult * g.cost <= self.budget {
                        self.cost += self.mult * g.cost;
                        let args: Vec<String> = g.params.iter().map(|&t| self.arg(t, 1).s).collect();
                        return Expr { s: format!("sum({}({}))", g.name, args.join(", ")), ty: Ty::Int, bound: Some(VB * 8.0), atom: true };
                    }
                }
                98 | 99 => {
                    // A generator expression consumed by a builtin: its own scope (the loop
                    // variable), the enclosing variables read when it runs (through cells).
                    let k = self.rng.int_in(1, 6);
                    let gx = self.fresh("gx");
                    self.vars.push(Var { name: gx.clone(), ty: Ty::Int, bound: Some(k as f64), mutable: false });
                    let mut e = self.expr(Ty::Int, d.saturating_sub(1).max(1));
                    self.vars.pop();
                    while e.bound.unwrap_or(LIMIT) * k as f64 > LIMIT {
                        e = self.wrap(e);
                    }
                    let b = e.bound.unwrap_or(VB);
                    let cond = if self.rng.chance(40) { format!(" if {gx} % 2 == {}", self.rng.below(2)) } else { String::new() };
                    return match self.rng.below(3) {
                        0 => Expr { s: format!("sum({} for {gx} in range({k}){cond})", e.s), ty: Ty::Int, bound: Some(b * k as f64), atom: true },
                        1 => Expr { s: format!("max(({} for {gx} in range({k}){cond}), default=0)", e.s), ty: Ty::Int, bound: Some(b), atom: true },
                        _ => Expr { s: format!("min(({} for {gx} in range({k}){cond}), default=-1)", e.s), ty: Ty::Int, bound: Some(b.max(1.0)), atom: true },
                    };
                }
                _ => return self.leaf(Ty::Int),
            }
        }
    }

    fn float_expr(&mut self, d: u32) -> Expr {
        loop {
            match self.rng.below(100) {
                0..=29 => {
                    let op = self.rng.pick(&["+", "-", "*"]);
                    let mut a = self.expr(Ty::Float, d - 1);
                    let mut b = self.num_operand(d - 1);
                    if self.rng.chance(50) {
                        std::mem::swap(&mut a, &mut b);
                    }
                    let bound = match (a.bound, b.bound) {
                        (Some(x), Some(y)) => Some(if op == "*" { x * y } else { x + y }),
                        _ => None,
                    };
                    return Expr { s: format!("{} {op} {}", p(&a), p(&b)), ty: Ty::Float, bound, atom: false };
                }
                30..=39 => {
                    let a = if self.rng.chance(50) { self.expr(Ty::Int, d - 1) } else { self.expr(Ty::Float, d - 1) };
                    let dty = if self.rng.chance(50) { Ty::Int } else { Ty::Float };
                    let dv = self.divisor(dty, d - 1);
                    let bound = if dty == Ty::Int { a.bound } else { None };
                    return Expr { s: format!("{} / {}", p(&a), p(&dv)), ty: Ty::Float, bound, atom: false };
                }
                40..=47 => {
                    let op = self.rng.pick(&["//", "%"]);
                    let (a, dv) = if self.rng.chance(60) {
                        let a = self.expr(Ty::Float, d - 1);
                        let dty = if self.rng.chance(50) { Ty::Int } else { Ty::Float };
                        (a, self.divisor(dty, d - 1))
                    } else {
                        (self.int_operand(d - 1), self.divisor(Ty::Float, d - 1))
                    };
                    let bound = match op {
                        "//" if dv.ty != Ty::Float => a.bound.map(|b| b + 1.0),
                        "//" => None,
                        _ => dv.bound,
                    };
                    return Expr { s: format!("{} {op} {}", p(&a), p(&dv)), ty: Ty::Float, bound, atom: false };
                }
                48..=53 => {
                    let a = self.expr(Ty::Float, d - 1);
                    return if self.rng.chance(50) {
                        Expr { s: format!("-{}", p(&a)), ty: Ty::Float, bound: a.bound, atom: false }
                    } else {
                        Expr { s: format!("abs({})", a.s), ty: Ty::Float, bound: a.bound, atom: true }
                    };
                }
                54..=58 => {
                    let f = self.rng.pick(&["min", "max"]);
                    let a = self.expr(Ty::Float, d - 1);
                    let b = self.expr(Ty::Float, d - 1);
                    return Expr { s: format!("{f}({}, {})", a.s, b.s), ty: Ty::Float, bound: bmax(a.bound, b.bound), atom: true };
                }
                59..=62 => {
                    let a = self.int_operand(d - 1);
                    return Expr { s: format!("float({})", a.s), ty: Ty::Float, bound: a.bound, atom: true };
                }
                63 | 64 => {
                    // A boxed value (an int on one path, a float on the other) converted back.
                    let u = self.union_expr(d - 1);
                    return Expr { s: format!("float({})", u.s), ty: Ty::Float, bound: u.bound, atom: true };
                }
                65..=67 => return self.cond_expr(Ty::Float, d),
                68 | 69 => return self.guarded_div(Ty::Float, d),
                70..=73 => return self.andor(Ty::Float, d),
                74..=85 => {
                    if let Some(e) = self.call(Ty::Float, d) {
                        return e;
                    }
                }
                86..=88 => {
                    if self.rng.chance(30) {
                        // int ** negative constant is a float; the base is nonzero
                        let a = self.expr(Ty::Int, d - 1);
                        let k = self.rng.int_in(1, 3);
                        return Expr { s: format!("(abs({}) + 1) ** -{k}", a.s), ty: Ty::Float, bound: Some(1.0), atom: false };
                    }
                    // Mostly on small floats: a result beyond 1.8e308 raises OverflowError.
                    let a = self.expr(Ty::Float, d - 1);
                    if a.bound.is_none_or(|b| b > 1e100) && self.rng.chance(90) {
                        continue;
                    }
                    return match self.rng.below(3) {
                        0 => Expr { s: format!("abs({}) ** 0.5", a.s), ty: Ty::Float, bound: a.bound.map(|b| b.sqrt()), atom: false },
                        1 => Expr { s: format!("abs({}) ** 1.5", a.s), ty: Ty::Float, bound: a.bound.map(|b| b * b.sqrt()), atom: false },
                        _ => Expr { s: format!("{} ** 2", p(&a)), ty: Ty::Float, bound: a.bound.map(|b| b * b), atom: false },
                    };
                }
                _ => return self.leaf(Ty::Float),
            }
        }
    }

    fn bool_expr(&mut self, d: u32) -> Expr {
        loop {
            match self.rng.below(100) {
                0..=39 => {
                    let n = if self.rng.chance(70) { 1 } else { 2 + self.rng.below(2) };
                    let mut s = p(&self.num_operand(d - 1));
                    for _ in 0..n {
                        let op = self.rng.pick(&["<", "<=", ">", ">=", "==", "!="]);
                        let b = self.num_operand(d - 1);
                        write!(s, " {op} {}", p(&b)).unwrap();
                    }
                    return Expr { s, ty: Ty::Bool, bound: Some(1.0), atom: false };
                }
                40..=49 => {
                    let ty = self.any_ty();
                    let a = self.expr(ty, d - 1);
                    return Expr { s: format!("not {}", p(&a)), ty: Ty::Bool, bound: Some(1.0), atom: false };
                }
                50..=62 => return self.andor(Ty::Bool, d),
                63..=66 => return self.cond_expr(Ty::Bool, d),
                67..=69 => return self.guarded_div(Ty::Bool, d),
                70..=81 => {
                    if let Some(e) = self.call(Ty::Bool, d) {
                        return e;
                    }
                }
                85..=87 => {
                    // A boxed value compared with a number: guards, then the generic comparison.
                    let u = self.union_expr(d - 1);
                    let op = self.rng.pick(&["<", "<=", ">", ">=", "==", "!="]);
                    let b = self.num_operand(d - 1);
                    return Expr { s: format!("{} {op} {}", p(&u), p(&b)), ty: Ty::Bool, bound: Some(1.0), atom: false };
                }
                82..=84 => {
                    let f = self.rng.pick(&["min", "max"]);
                    let a = self.expr(Ty::Bool, d - 1);
                    let b = self.expr(Ty::Bool, d - 1);
                    return Expr { s: format!("{f}({}, {})", a.s, b.s), ty: Ty::Bool, bound: Some(1.0), atom: true };
                }
                _ => return self.leaf(Ty::Bool),
            }
        }
    }

    /// `(a if c else b)` with an int and a float (in either order): a value of two types.
    fn union_expr(&mut self, d: u32) -> Expr {
        let (mut a, mut b) = (self.expr(Ty::Int, d), self.expr(Ty::Float, d));
        if self.rng.chance(50) {
            std::mem::swap(&mut a, &mut b);
        }
        let c = self.expr(Ty::Bool, d);
        Expr { s: format!("{} if {} else {}", p(&a), p(&c), p(&b)), ty: Ty::Float, bound: bmax(a.bound, b.bound), atom: false }
    }

    /// A division by an unguarded, often zero value (a variable, constant or small expression)
    /// that is only evaluated when the value is nonzero: the error must not escape its guard.
    fn guarded_div(&mut self, ty: Ty, d: u32) -> Expr {
        let dty = if ty == Ty::Int || self.rng.chance(50) { Ty::Int } else { Ty::Float };
        let dv = if self.rng.chance(60) { self.leaf(dty) } else { self.expr(dty, 1) };
        let dv = if dty == Ty::Int { self.wrap_v(dv) } else { dv };
        let (op, a) = match (ty, dty) {
            (Ty::Float, Ty::Int) => ("/", self.num_operand(d - 1)),
            (Ty::Float, _) => (self.rng.pick(&["/", "//", "%"]), self.num_operand(d - 1)),
            _ => (self.rng.pick(&["//", "%"]), self.int_operand(d - 1)),
        };
        let a = if a.ty == Ty::Float { a } else { self.wrap_v(a) };
        let ety = if a.ty == Ty::Float || dty == Ty::Float || op == "/" { Ty::Float } else { Ty::Int };
        let bound = match op {
            "/" | "//" if ety == Ty::Float => None,
            "%" => dv.bound,
            _ => a.bound,
        };
        let x = Expr { s: format!("{} {op} {}", p(&a), p(&dv)), ty: ety, bound, atom: false };
        let test = self.rng.pick(&["{} != 0", "{} > 0 or {} < 0", "{}", "not {}"]);
        let inverted = test.starts_with("not");
        let test = test.replace("{}", &p(&dv));
        if ty == Ty::Bool {
            let test = if test == p(&dv) { format!("{test} != 0") } else if inverted { format!("not ({test})") } else { test };
            let op = self.rng.pick(&["<", "<=", ">", ">=", "==", "!="]);
            let b = self.num_operand(d - 1);
            return Expr { s: format!("({test}) and ({} {op} {})", x.s, p(&b)), ty, bound: Some(1.0), atom: false };
        }
        let c = self.expr(ty, d - 1);
        let s = if inverted {
            format!("{} if ({test}) else {}", p(&c), p(&x))
        } else {
            format!("{} if ({test}) else {}", p(&x), p(&c))
        };
        Expr { s, ty, bound: bmax(x.bound, c.bound), atom: false }
    }

    fn cond_expr(&mut self, ty: Ty, d: u32) -> Expr {
        let a = self.expr(ty, d - 1);
        let cty = if self.rng.chance(70) { Ty::Bool } else { self.any_ty() };
        let c = self.expr(cty, d - 1);
        let b = self.expr(ty, d - 1);
        Expr { s: format!("{} if {} else {}", p(&a), p(&c), p(&b)), ty, bound: bmax(a.bound, b.bound), atom: false }
    }

    fn andor(&mut self, ty: Ty, d: u32) -> Expr {
        let op = self.rng.pick(&["and", "or"]);
        let a = self.expr(ty, d - 1);
        let b = self.expr(ty, d - 1);
        Expr { s: format!("{} {op} {}", p(&a), p(&b)), ty, bound: bmax(a.bound, b.bound), atom: false }
    }

    fn ret_bound(ty: Ty) -> Option<f64> {
        match ty {
            Ty::Int => Some(VB),
            Ty::Float => None,
            Ty::Bool => Some(1.0),
            Ty::NoneT | Ty::Obj(_) => None,
        }
    }

    /// An argument of type `ty` (ints within VB).
    fn arg(&mut self, ty: Ty, d: u32) -> Expr {
        let e = self.expr(ty, d);
        self.wrap_v(e)
    }

    /// A call of an earlier function returning `ty`, if one fits in the work budget.
    fn call(&mut self, ty: Ty, d: u32) -> Option<Expr> {
        // In a program with classes, half of the calls are of methods (or other uses of objects).
        if self.cls.enabled
            && self.rng.chance(50)
            && let Some(e) = self.class_expr(ty, d)
        {
            return Some(e);
        }
        let c: Vec<usize> = (0..self.funcs.len())
            .filter(|&i| self.funcs[i].ret == ty && self.cost + self.mult * self.funcs[i].cost <= self.budget)
            .collect();
        if c.is_empty() {
            return None;
        }
        let f = self.funcs[c[self.rng.below(c.len())]].clone();
        self.cost += self.mult * f.cost;
        let mut args = Vec::new();
        for (i, &t) in f.params.iter().enumerate() {
            if i == 0 && f.recursive {
                if self.rng.chance(25) {
                    args.push(self.rng.int_in(-1, REC - 1).to_string());
                } else {
                    let e = self.expr(Ty::Int, d.saturating_sub(1));
                    args.push(format!("{} % {REC}", p(&e)));
                }
            } else {
                args.push(self.arg(t, d.saturating_sub(1)).s);
            }
        }
        Some(Expr { s: format!("{}({})", f.name, args.join(", ")), ty, bound: Self::ret_bound(ty), atom: true })
    }

    // ----- statements

    fn cond(&mut self) -> Expr {
        let ty = if self.rng.chance(70) { Ty::Bool } else { self.any_ty() };
        self.expr(ty, 2)
    }

    /// Emits `if cond:` with the body `then` (one statement line).
    fn guarded(&mut self, then: &str) {
        let c = self.cond();
        self.line(&format!("if {}:", c.s));
        self.indent += 1;
        self.line(then);
        self.indent -= 1;
    }

    fn block(&mut self, depth: u32, max_stmts: usize) {
        let mark = self.vars.len();
        self.indent += 1;
        let n = 1 + self.rng.below(max_stmts);
        for _ in 0..n {
            if self.stmt(depth) {
                break;
            }
        }
        self.indent -= 1;
        self.vars.truncate(mark);
    }

    /// Brings the int variable `x` back within VB after an augmented assignment.
    fn restore_int(&mut self, x: &str) {
        match self.rng.below(4) {
            0 => self.line(&format!("{x} %= 1000003")),
            1 => self.line(&format!("{x} = {x} % 1009 - 500")),
            2 => {
                self.line(&format!("if {x} > 1000003 or {x} < -1000003:"));
                self.indent += 1;
                self.line(&format!("{x} %= 1000003"));
                self.indent -= 1;
            }
            _ => self.line(&format!("{x} = max(min({x}, 1000003), -1000003)")),
        }
    }

    fn assign(&mut self) {
        let ty = self.any_ty();
        let Some(v) = self.var_expr(ty, true) else { return self.print() };
        let e = self.expr(ty, 3);
        let e = self.wrap_v(e);
        self.line(&format!("{} = {}", v.s, e.s));
    }

    fn aug_assign(&mut self) {
        let ty = if self.rng.chance(60) { Ty::Int } else { Ty::Float };
        let Some(v) = self.var_expr(ty, true) else { return self.assign() };
        let x = v.s;
        if ty == Ty::Int {
            match self.rng.pick(&["+=", "-=", "*=", "//=", "%=", "+="]) {
                "//=" => {
                    let dv = self.divisor(Ty::Int, 2);
                    self.line(&format!("{x} //= {}", dv.s));
                }
                "%=" => {
                    let dv = self.divisor(Ty::Int, 2);
                    self.line(&format!("{x} %= {}", dv.s));
                    if dv.bound.unwrap() > VB {
                        self.restore_int(&x);
                    }
                }
                op => {
                    let mut e = self.int_operand(2);
                    while op == "*=" && e.bound.unwrap() > LIMIT / VB {
                        e = self.wrap(e);
                    }
                    self.line(&format!("{x} {op} {}", e.s));
                    self.restore_int(&x);
                }
            }
        } else {
            let op = self.rng.pick(&["+=", "-=", "*=", "/=", "//=", "%="]);
            let e = if matches!(op, "+=" | "-=" | "*=") {
                self.num_operand(2)
            } else {
                let dty = if self.rng.chance(50) { Ty::Int } else { Ty::Float };
                self.divisor(dty, 2)
            };
            self.line(&format!("{x} {op} {}", e.s));
            if self.rng.chance(30) {
                if self.rng.chance(50) {
                    self.line(&format!("if {x} > 1e9 or {x} < -1e9:"));
                    self.indent += 1;
                    self.line(&format!("{x} = {x} % 1000.0"));
                    self.indent -= 1;
                } else {
                    self.line(&format!("{x} = max(min({x}, 1e9), -1e9)"));
                }
            }
        }
    }

    fn print(&mut self) {
        let n = if self.rng.chance(3) { 0 } else { 1 + self.rng.below(4) };
        let mut args = Vec::new();
        for _ in 0..n {
            if self.rng.chance(5) {
                args.push(self.expr(Ty::NoneT, 2).s);
            } else if self.rng.chance(12) {
                args.push(format!("\"{}\"", self.rng.pick(&["x", "at", "->", "é", "", "a b"])));
            } else if self.rng.chance(8) {
                args.push(self.union_expr(2).s);
            } else {
                let ty = self.any_ty();
                let e = if self.rng.chance(30) { self.leaf(ty) } else { self.expr(ty, 2) };
                args.push(e.s);
            }
        }
        if self.rng.chance(20) {
            args.push(format!("sep={}", self.rng.pick(&["\", \"", "\"\"", "\" | \"", "\"-\"", "None"])));
        }
        if self.rng.chance(15) {
            args.push(format!("end={}", self.rng.pick(&["\" \"", "\";\\n\"", "\"\"", "\"\\n\\n\"", "None"])));
        }
        self.line(&format!("print({})", args.join(", ")));
    }

    fn if_stmt(&mut self, depth: u32) {
        let c = self.cond();
        if self.rng.chance(15) {
            // The condition's value kept by an assignment expression, printed in the body.
            let w = self.fresh("w");
            self.line(&format!("if ({w} := {}):", c.s));
            self.indent += 1;
            self.line(&format!("print(\"walrus\", {w})"));
            self.indent -= 1;
        } else {
            self.line(&format!("if {}:", c.s));
        }
        self.block(depth + 1, 4);
        let elifs = if self.rng.chance(30) { 1 + self.rng.below(2) } else { 0 };
        for _ in 0..elifs {
            let c = self.cond();
            self.line(&format!("elif {}:", c.s));
            self.block(depth + 1, 3);
        }
        if self.rng.chance(50) {
            self.line("else:");
            self.block(depth + 1, 3);
        }
    }

    /// `match` on an int, float or bool: cases of literals (or-patterns of them), sometimes a
    /// capture with a guard, sometimes a wildcard last.
    fn match_stmt(&mut self, depth: u32) {
        let ty = self.rng.pick(&[Ty::Int, Ty::Float, Ty::Bool]);
        let e = self.expr(ty, 2);
        self.line(&format!("match {}:", e.s));
        self.indent += 1;
        for _ in 0..1 + self.rng.below(3) {
            let lits: Vec<String> = (0..1 + self.rng.below(3)).map(|_| self.konst(ty).s).collect();
            self.line(&format!("case {}:", lits.join(" | ")));
            self.block(depth + 1, 2);
        }
        if self.rng.chance(50) {
            let m = self.fresh("m");
            let c = self.cond();
            self.line(&format!("case {m} if {}:", c.s));
            self.indent += 1;
            self.line(&format!("print(\"captured\", {m})"));
            self.indent -= 1;
            self.block(depth + 1, 2);
        }
        if self.rng.chance(70) {
            self.line("case _:");
            self.block(depth + 1, 2);
        }
        self.indent -= 1;
    }

    fn loop_else(&mut self, depth: u32, outer_mult: f64) {
        if self.rng.chance(25) {
            self.mult = outer_mult;
            self.line("else:");
            self.block(depth + 1, 2);
        }
    }

    fn while_stmt(&mut self, depth: u32) {
        let c = self.fresh("c");
        let k = if self.rng.chance(70) {
            self.rng.int_in(0, 6).to_string()
        } else {
            let e = self.expr(Ty::Int, 1);
            format!("{} % 7", p(&e))
        };
        let form = self.rng.below(3);
        let (init, test, step) = match form {
            0 => ("0".to_string(), format!("{c} < {k}"), format!("{c} += 1")),
            1 => (k.clone(), format!("{c} > 0"), format!("{c} -= 1")),
            _ => (k.clone(), c.clone(), format!("{c} -= 1")),
        };
        self.line(&format!("{c} = {init}"));
        self.vars.push(Var { name: c.clone(), ty: Ty::Int, bound: Some(7.0), mutable: false });
        let outer = self.mult;
        self.mult *= 8.0;
        // (`c and <bool>` would mix int and bool: E0103.)
        let test = if form != 2 && self.rng.chance(30) {
            let b = self.expr(Ty::Bool, 2);
            format!("{test} and {}", p(&b))
        } else {
            test
        };
        self.line(&format!("while {test}:"));
        self.indent += 1;
        self.line(&step);
        self.indent -= 1;
        self.loops += 1;
        self.block(depth + 1, 5);
        self.loops -= 1;
        self.loop_else(depth, outer);
        self.mult = outer;
    }

    /// An int of magnitude at most RB.
    fn range_bound(&mut self) -> String {
        match self.rng.below(10) {
            0..=4 => self.rng.int_in(-3, 8).to_string(),
            5 | 6 => {
                let e = self.expr(Ty::Int, 1);
                format!("{} % {}", p(&e), self.rng.int_in(1, RB as i64 + 1))
            }
            7 => {
                let e = self.expr(Ty::Int, 1);
                format!("max(min({}, {}), {})", e.s, RB as i64, self.rng.int_in(-(RB as i64), 0))
            }
            _ => {
                let c: Vec<String> =
                    self.vars.iter().filter(|v| v.ty == Ty::Int && v.bound.unwrap() <= RB).map(|v| v.name.clone()).collect();
                if c.is_empty() { self.rng.int_in(0, 5).to_string() } else { c[self.rng.below(c.len())].clone() }
            }
        }
    }

    fn for_stmt(&mut self, depth: u32) {
        // The target is a fresh name, read only in the body, or an int variable of the function
        // (which keeps the last value after the loop).
        // (Not an attribute `o.a`: `for o.a in ...` is Python, but not what this tests.)
        let reuse = if self.rng.chance(30) { self.var_expr(Ty::Int, true) } else { None };
        let reuse = reuse.filter(|v| !v.s.contains('.'));
        let fresh = reuse.is_none();
        let i = match reuse {
            Some(v) => v.s,
            None => self.fresh("i"),
        };
        let args = match self.rng.below(3) {
            0 => self.range_bound(),
            1 => format!("{}, {}", self.range_bound(), self.range_bound()),
            _ => {
                let step = match self.rng.below(100) {
                    0..=69 => self.rng.pick(&[1, 2, 3, -1, -2, -3, -1]).to_string(),
                    70..=84 => {
                        let e = self.expr(Ty::Int, 1);
                        format!("{} % 3 or 1", p(&e))
                    }
                    85..=97 => {
                        let e = self.expr(Ty::Int, 1);
                        format!("-({} % 3 or 1)", p(&e))
                    }
                    _ => {
                        let e = self.expr(Ty::Int, 1);
                        format!("{} % 3", p(&e))
                    }
                };
                format!("{}, {}, {step}", self.range_bound(), self.range_bound())
            }
        };
        if self.rng.chance(15) {
            // Over a generator expression of the range (lazy, a generator object of its own).
            let gy = self.fresh("gy");
            let filter = if self.rng.chance(50) { format!(" if {gy} % 3 != 1") } else { String::new() };
            self.line(&format!("for {i} in ({gy} for {gy} in range({args}){filter}):"));
        } else {
            self.line(&format!("for {i} in range({args}):"));
        }
        let outer = self.mult;
        self.mult *= 2.0 * RB + 1.0;
        if fresh {
            self.vars.push(Var { name: i, ty: Ty::Int, bound: Some(RB), mutable: false });
        }
        self.loops += 1;
        self.block(depth + 1, 5);
        self.loops -= 1;
        if fresh {
            self.vars.pop();
        }
        self.loop_else(depth, outer);
        self.mult = outer;
    }

    fn ret_stmt(&mut self) -> String {
        let ty = self.ret.unwrap();
        if ty == Ty::NoneT {
            return self.rng.pick(&["return", "return None"]).to_string();
        }
        let e = self.expr(ty, 3);
        format!("return {}", self.wrap_v(e).s)
    }

    /// Emits one statement; true if it ends the block (return, break, continue).
    fn stmt(&mut self, depth: u32) -> bool {
        self.cost += self.mult;
        let ctrl = depth < 3 && self.cost < self.budget;
        if self.cls.enabled && self.rng.chance(12) {
            self.class_stmt(depth, ctrl);
            return false;
        }
        if self.ctn.enabled && self.rng.chance(14) {
            self.container_stmt();
            return false;
        }
        let loop_ok = ctrl && self.mult * (2.0 * RB + 1.0) <= 2500.0;
        match self.rng.below(100) {
            0..=21 => self.assign(),
            22..=35 => self.aug_assign(),
            36..=49 => self.print(),
            50..=63 if ctrl => self.if_stmt(depth),
            64..=70 if loop_ok => self.while_stmt(depth),
            71..=79 if loop_ok => self.for_stmt(depth),
            80..=83 => {
                let ty = if self.rng.chance(30) { Ty::NoneT } else { self.any_ty() };
                match self.call(ty, 2) {
                    Some(e) => self.line(&e.s),
                    None => self.print(),
                }
            }
            84..=90 if self.loops > 0 => {
                let s = self.rng.pick(&["break", "continue"]);
                if self.rng.chance(75) {
                    self.guarded(s);
                } else {
                    self.line(s);
                    return true;
                }
            }
            91..=94 if self.ret.is_some() => {
                let r = self.ret_stmt();
                if self.rng.chance(70) {
                    self.guarded(&r);
                } else {
                    self.line(&r);
                    return true;
                }
            }
            95 if ctrl && self.rng.chance(70) => self.match_stmt(depth),
            95 => self.line("pass"),
            96 | 97 if ctrl => self.try_stmt(depth),
            98 => self.swap(),
            _ => self.assign(),
        }
        false
    }

    /// `try` around a block, with an `except` for the arithmetic errors the programs can meet
    /// (printing the exception), and sometimes `else` and `finally`.
    fn try_stmt(&mut self, depth: u32) {
        self.line("try:");
        if self.rng.chance(60) {
            // A division by zero one time in three: the handler runs.
            let ty = self.any_ty();
            let a = self.expr(ty, 1);
            let dv = self.leaf(Ty::Int);
            let op = self.rng.pick(&["//", "%", "/"]);
            self.indent += 1;
            self.line(&format!("print({} {op} ({} % 3))", p(&a), p(&dv)));
            self.indent -= 1;
        }
        self.block(depth + 1, 3);
        match self.rng.below(3) {
            0 => self.line("except ZeroDivisionError:"),
            1 => self.line("except (ArithmeticError, ValueError) as e:"),
            _ => self.line("except Exception as e:"),
        }
        self.indent += 1;
        if self.out.ends_with("as e:\n") {
            self.line("print(\"caught\", type(e).__name__, e, e.args)");
        } else {
            self.line("print(\"caught\")");
        }
        self.indent -= 1;
        if self.rng.chance(30) {
            self.line("else:");
            self.block(depth + 1, 2);
        }
        if self.rng.chance(30) {
            self.line("finally:");
            self.indent += 1;
            let n = self.rng.below(100);
            self.line(&format!("print(\"finally\", {n})"));
            self.indent -= 1;
        }
    }

    /// `a, b = b, a` or `a, b = e1, e2` on two mutable variables of one type (no tuple built).
    fn swap(&mut self) {
        let ty = self.any_ty();
        let c: Vec<usize> = (0..self.vars.len()).filter(|&i| self.vars[i].ty == ty && self.vars[i].mutable).collect();
        if c.len() < 2 {
            return self.assign();
        }
        let (i, j) = (c[self.rng.below(c.len())], c[self.rng.below(c.len())]);
        if i == j {
            return self.assign();
        }
        let (a, b) = (self.vars[i].name.clone(), self.vars[j].name.clone());
        if self.rng.chance(50) {
            self.line(&format!("{a}, {b} = {b}, {a}"));
        } else {
            let (x, y) = (self.expr(ty, 2), self.expr(ty, 2));
            let (x, y) = (self.wrap_v(x), self.wrap_v(y));
            self.line(&format!("{a}, {b} = {}, {}", x.s, y.s));
        }
    }

    fn declare(&mut self, prefix: &str, n: usize) {
        for _ in 0..n {
            let ty = self.any_ty();
            let name = self.fresh(prefix);
            let e = self.expr(ty, 2);
            let e = self.wrap_v(e);
            self.line(&format!("{name} = {}", e.s));
            let bound = if ty == Ty::Float { None } else { Some(VB) };
            self.vars.push(Var { name, ty, bound, mutable: true });
        }
    }
}

pub fn generate(seed: u64) -> String {
    Gen::new(seed).program()
}

