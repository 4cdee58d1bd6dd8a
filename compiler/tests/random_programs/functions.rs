//! Functions and the layout of a program, for the generator of `random_programs.rs`: module
//! variables, then (sometimes) classes, then functions (`plan`, `function`, `functions`: each
//! calls only earlier ones, plus bounded self or mutual recursion, and the `def`s are emitted in
//! a shuffled order), then module statements, the final calls of every function and a print of
//! every module variable. Keeps the invariants of `generator.rs` (bounds, one type per variable,
//! variables assigned before any branch) and the work estimate that keeps programs small.

use super::*;

impl Gen {
    /// The signature of a function to generate: recursive ones take `n` first.
    fn plan(&mut self, recursive: bool) -> Func {
        let name = self.fresh("f");
        let params = (0..1 + self.rng.below(3)).map(|k| if k == 0 && recursive { Ty::Int } else { self.param_ty() }).collect();
        let ret = match self.rng.below(100) {
            0..=44 => Ty::Int,
            45..=76 => Ty::Float,
            77..=89 => Ty::Bool,
            _ if recursive => Ty::Int,
            _ => Ty::NoneT,
        };
        Func { name, params, ret, cost: 0.0, recursive }
    }

    /// The variables a function body starts with: the module variables (read only; the
    /// attributes of module objects may be assigned) and its parameters, whose names are
    /// returned (a recursive function's first one is `n`).
    fn enter_function(&mut self, params: &[Ty], recursive: bool) -> Vec<String> {
        let mut names = Vec::new();
        self.vars = self.globals.iter().map(|g| Var { mutable: g.mutable && g.name.contains('.'), ..g.clone() }).collect();
        self.cls_context(None, usize::MAX);
        for (k, &ty) in params.iter().enumerate() {
            if k == 0 && recursive {
                names.push("n".to_string());
                self.vars.push(Var { name: "n".into(), ty: Ty::Int, bound: Some(DEEP), mutable: false });
                continue;
            }
            let pname = self.fresh("p");
            names.push(pname.clone());
            if let Ty::Obj(c) = ty {
                self.push_obj(&pname, c, true);
                continue;
            }
            let bound = if ty == Ty::Float { None } else { Some(VB) };
            self.vars.push(Var { name: pname, ty, bound, mutable: true });
        }
        names
    }

    /// Generates `f` (its text is returned); a recursive one returns a value built on a call of
    /// `rec_target(n - 1, ...)` (itself or its partner in mutual recursion). Returns the
    /// estimated work of one execution of the body.
    fn function(&mut self, f: &Func, rec_target: Option<&Func>) -> (String, f64) {
        let out = std::mem::take(&mut self.out);
        let recursive = rec_target.is_some();
        let names = self.enter_function(&f.params, recursive);
        let ret = f.ret;
        self.ret = Some(ret);
        self.cost = 0.0;
        self.mult = 1.0;
        self.loops = 0;
        self.budget = if recursive { 40.0 } else { 1500.0 };
        self.line(&format!("def {}({}):", f.name, names.join(", ")));
        self.indent += 1;
        let nlocals = 1 + self.rng.below(4);
        self.declare("v", nlocals);
        self.declare_objs("v");
        if recursive {
            let base = self.rng.pick(&[0, 0, 1, -1]);
            self.line(&format!("if n <= {base}:"));
            self.indent += 1;
            let r = self.ret_stmt();
            self.line(&r);
            self.indent -= 1;
        }
        let nstmts = if recursive { 1 + self.rng.below(3) } else { 3 + self.rng.below(6) };
        let mut ended = false;
        for _ in 0..nstmts {
            if self.stmt(0) {
                ended = true;
                break;
            }
        }
        if !ended {
            let call = rec_target.map(|t| {
                let mut args = vec!["n - 1".to_string()];
                for &ty in &t.params[1..] {
                    args.push(self.arg(ty, 1).s);
                }
                Expr { s: format!("{}({})", t.name, args.join(", ")), ty: ret, bound: Self::ret_bound(ret), atom: true }
            });
            self.end_body(ret, call);
        }
        self.indent -= 1;
        self.line("");
        (std::mem::replace(&mut self.out, out), self.cost.max(1.0))
    }

    /// The final `return` of a body whose statements did not end it: a value of type `ret`,
    /// built on `call` when given (a recursive call, or a method's `super()` call; `ret` is not
    /// NoneT then).
    pub(super) fn end_body(&mut self, ret: Ty, call: Option<Expr>) {
        let e = if let Some(call) = call {
            let other = self.expr(ret, 2);
            let (call, other) = if self.rng.chance(50) { (call, other) } else { (other, call) };
            match (ret, self.rng.below(4)) {
                (Ty::Int, 0 | 1) => {
                    let op = self.rng.pick(&["+", "-", "*"]);
                    self.int_bin(op, call, other)
                }
                (Ty::Float, 0 | 1) => {
                    let op = self.rng.pick(&["+", "-", "*"]);
                    Expr { s: format!("{} {op} {}", p(&call), p(&other)), ty: ret, bound: None, atom: false }
                }
                (Ty::Bool, 0 | 1) => {
                    let op = self.rng.pick(&["and", "or", "!="]);
                    Expr { s: format!("{} {op} {}", p(&call), p(&other)), ty: ret, bound: Some(1.0), atom: false }
                }
                (_, 2) => {
                    let f = self.rng.pick(&["min", "max"]);
                    Expr { s: format!("{f}({}, {})", call.s, other.s), ty: ret, bound: bmax(call.bound, other.bound), atom: true }
                }
                _ => {
                    let c = self.cond();
                    Expr { s: format!("{} if {} else {}", p(&call), p(&c), p(&other)), ty: ret, bound: bmax(call.bound, other.bound), atom: false }
                }
            }
        } else if ret == Ty::NoneT {
            // falls off the end (implicit None) or returns explicitly
            Expr { s: self.rng.pick(&["", "", " None", ""]).to_string(), ty: ret, bound: None, atom: true }
        } else {
            self.expr(ret, 3)
        };
        let e = self.wrap_v(e);
        if ret != Ty::NoneT {
            self.line(&format!("return {}", e.s));
        } else if !e.s.is_empty() || self.rng.chance(30) {
            self.line(&format!("return{}", e.s));
        }
    }

    /// Generates the functions, each calling only earlier ones (plus bounded self or mutual
    /// recursion), and emits them in a shuffled order (calls to functions defined later in the
    /// text are fine: they run after every `def`).
    fn functions(&mut self) {
        let n = 1 + self.rng.below(5);
        let rec_at = if self.rng.chance(60) { Some(self.rng.below(n)) } else { None };
        let mut texts = Vec::new();
        for k in 0..n {
            if rec_at == Some(k) {
                let a = self.plan(true);
                if self.rng.chance(40) {
                    // a calls b, b calls a or itself
                    let b = Func { ret: a.ret, ..self.plan(true) };
                    let (ta, ca) = self.function(&a, Some(&b));
                    let back = if self.rng.chance(70) { &a } else { &b };
                    let (tb, cb) = self.function(&b, Some(back));
                    texts.push(ta);
                    texts.push(tb);
                    let cost = ca.max(cb) * (REC + 2) as f64;
                    self.funcs.push(Func { cost, ..a });
                    self.funcs.push(Func { cost, ..b });
                } else {
                    let (t, c) = self.function(&a, Some(&a));
                    texts.push(t);
                    self.funcs.push(Func { cost: c * (REC + 2) as f64, ..a });
                }
            } else {
                let f = self.plan(false);
                let (t, c) = self.function(&f, None);
                texts.push(t);
                self.funcs.push(Func { cost: c, ..f });
            }
        }
        if self.rng.chance(40) {
            let (t, g) = self.generator_function();
            texts.push(t);
            self.gens.push(g);
        }
        for i in (1..texts.len()).rev() {
            let j = self.rng.below(i + 1);
            texts.swap(i, j);
        }
        for t in texts {
            self.out.push_str(&t);
        }
    }

    /// A generator function: a loop of `k` rounds whose body runs statements (values live
    /// across the yields: typed locals, loop counters, objects) and yields an int each round,
    /// then a last `yield`. Its `ret` is Int (what it yields); its cost covers every round.
    fn generator_function(&mut self) -> (String, Func) {
        let f = Func { name: self.fresh("gen"), ret: Ty::Int, ..self.plan(false) };
        let out = std::mem::take(&mut self.out);
        let names = self.enter_function(&f.params, false);
        self.ret = Some(Ty::Int);
        self.cost = 0.0;
        self.mult = 1.0;
        self.loops = 0;
        self.budget = 600.0;
        self.line(&format!("def {}({}):", f.name, names.join(", ")));
        self.indent += 1;
        let nlocals = 1 + self.rng.below(3);
        self.declare("v", nlocals);
        let k = 1 + self.rng.below(4);
        let i = self.fresh("i");
        self.line(&format!("for {i} in range({k}):"));
        self.mult *= k as f64;
        self.vars.push(Var { name: i, ty: Ty::Int, bound: Some(k as f64), mutable: false });
        self.loops += 1;
        self.block(1, 3);
        self.indent += 1;
        let e = self.expr(Ty::Int, 2);
        let e = self.wrap_v(e);
        self.line(&format!("yield {}", e.s));
        self.indent -= 1;
        self.loops -= 1;
        self.vars.pop();
        self.mult = 1.0;
        let e = self.expr(Ty::Int, 2);
        let e = self.wrap_v(e);
        self.line(&format!("yield {}", e.s));
        self.indent -= 1;
        self.line("");
        let cost = self.cost.max(1.0);
        (std::mem::replace(&mut self.out, out), Func { cost, ..f })
    }

    fn module_context(&mut self) {
        self.ret = None;
        self.cost = 0.0;
        self.mult = 1.0;
        self.loops = 0;
        self.budget = 8000.0;
    }

    pub(super) fn program(mut self) -> String {
        self.module_context();
        let nglobals = 2 + self.rng.below(4);
        self.declare("g", nglobals);
        if self.cls.enabled {
            self.classes();
            self.module_context();
            self.declare_objs("g");
        }
        self.line("");
        self.globals = self.vars.clone();
        self.functions();
        self.vars = self.globals.clone();
        self.module_context();
        self.cls_context(None, usize::MAX);
        let nstmts = 4 + self.rng.below(8);
        for _ in 0..nstmts {
            self.stmt(0);
        }
        // Call every function once more, and show the final values.
        self.budget = f64::INFINITY;
        for f in self.funcs.clone() {
            let mut args = Vec::new();
            for (i, &t) in f.params.iter().enumerate() {
                if i == 0 && f.recursive {
                    // Sometimes right at CPython's recursion limit (1000 frames, builtins count),
                    // or, in a program with classes (whose methods and constructors add frames)
                    // or containers (CPython counts a level for each repr of a container),
                    // deep but below it.
                    let n = match self.rng.chance(15) {
                        true if self.cls.enabled || self.ctn.enabled => self.rng.int_in(900, 950),
                        true => self.rng.int_in(994, 1000),
                        false => self.rng.int_in(0, REC - 1),
                    };
                    args.push(n.to_string());
                } else {
                    args.push(self.arg(t, 2).s);
                }
            }
            let call = format!("{}({})", f.name, args.join(", "));
            self.line(&format!("print(\"{}\", {call})", f.name));
        }
        for g in self.gens.clone() {
            let args: Vec<String> = g.params.iter().map(|&t| self.arg(t, 2).s).collect();
            self.line(&format!("print(\"{}\", list({}({})))", g.name, g.name, args.join(", ")));
        }
        // (Not the objects without a `__repr__`: their text shows their address.)
        let names: Vec<String> = self.vars.iter().filter(|v| self.printable(v.ty)).map(|v| v.name.clone()).collect();
        self.line(&format!("print({})", names.join(", ")));
        if self.cls.enabled {
            self.final_raise();
        }
        self.out
    }
}
