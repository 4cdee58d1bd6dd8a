//! Call signatures of the module's functions, and the binding of a call's arguments to a
//! function's parameters — at compile time, since the callee is known by name.
//!
//! Relies on: the `def`'s parameter list (positional-only, positional-or-keyword, `*args`,
//! keyword-only, `**kwargs`). Provides `Signature` (what a `def` declares,
//! and the order in which the compiled function takes its parameters) and `Signature::bind`
//! (where each parameter's value comes from, or CPython's TypeError for the call).
//!
//! Invariants: the binding follows CPython 3.11's `initialize_locals` (Python/ceval.c) step by
//! step — positional arguments first, extra ones into `*args`; then each keyword in order
//! (unknown name, positional-only name, a second value); then too many positional arguments;
//! then missing positional arguments and their defaults; then keyword-only ones — so the
//! first error CPython would report is the one reported, with its exact text
//! (`too_many_positional`, `missing_arguments`, `format_missing`,
//! `positional_only_passed_as_keyword`). Default values are evaluated once, when the `def`
//! runs, and kept in hidden module variables (`default_global`).

use ruff_python_ast as ast;

/// What a `def` declares about its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// The function's name as messages show it (`__qualname__`).
    pub name: String,
    /// Positional parameters (positional-only first), then keyword-only ones.
    pub names: Vec<String>,
    /// How many of `names` are positional-only.
    pub posonly: usize,
    /// How many of `names` are positional (CPython's `co_argcount`).
    pub argcount: usize,
    /// How many of the last positional parameters have a default.
    pub defaults: usize,
    /// For each keyword-only parameter, whether it has a default.
    pub kwdefaults: Vec<bool>,
    /// The `*args` parameter.
    pub vararg: Option<String>,
    /// The `**kwargs` parameter.
    pub kwarg: Option<String>,
}

/// Where one parameter's value comes from in a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The call's positional argument `i`.
    Positional(usize),
    /// The call's keyword argument `k`.
    Keyword(usize),
    /// The parameter's default (the hidden module variable `default_global`).
    Default,
    /// `*args`: the tuple of positional arguments `start..`.
    Rest(usize),
    /// `**kwargs`: a new dict of these keyword arguments, in order.
    KwDict(Vec<usize>),
}

impl Signature {
    pub fn of(def: &ast::StmtFunctionDef) -> Signature {
        Signature::of_params(def.name.as_str(), &def.parameters)
    }

    /// The signature of a `def` or `lambda` named `name` with parameters `p`.
    pub fn of_params(name: &str, p: &ast::Parameters) -> Signature {
        let mut names: Vec<String> = p.posonlyargs.iter().chain(p.args.iter()).map(|a| a.parameter.name.to_string()).collect();
        let argcount = names.len();
        let defaults = p.posonlyargs.iter().chain(p.args.iter()).filter(|a| a.default.is_some()).count();
        names.extend(p.kwonlyargs.iter().map(|a| a.parameter.name.to_string()));
        Signature {
            name: name.to_string(),
            names,
            posonly: p.posonlyargs.len(),
            argcount,
            defaults,
            kwdefaults: p.kwonlyargs.iter().map(|a| a.default.is_some()).collect(),
            vararg: p.vararg.as_ref().map(|v| v.name.to_string()),
            kwarg: p.kwarg.as_ref().map(|v| v.name.to_string()),
        }
    }

    /// The parameters in the order the compiled function takes them: the positional ones,
    /// the keyword-only ones, then `*args`, then `**kwargs` (CPython's `co_varnames` order).
    pub fn params(&self) -> Vec<String> {
        self.names.iter().cloned().chain(self.vararg.iter().cloned()).chain(self.kwarg.iter().cloned()).collect()
    }

    /// The hidden module variable holding the default of parameter `i` of `names`.
    pub fn default_global(&self, i: usize) -> String {
        format!("{}.__defaults__.{}", self.name, self.names[i])
    }

    /// Whether parameter `i` of `names` has a default.
    pub fn has_default(&self, i: usize) -> bool {
        if i < self.argcount {
            i >= self.argcount - self.defaults
        } else {
            self.kwdefaults.get(i - self.argcount).copied().unwrap_or(false)
        }
    }

    /// Binds a call with `npos` positional arguments and keyword arguments named `kw`: the
    /// source of each parameter in `params()` order, or CPython's TypeError message.
    pub fn bind(&self, npos: usize, kw: &[&str]) -> Result<Vec<Source>, String> {
        let total = self.names.len();
        let mut slots: Vec<Option<Source>> = vec![None; total];
        let n = npos.min(self.argcount);
        for (i, slot) in slots.iter_mut().enumerate().take(n) {
            *slot = Some(Source::Positional(i));
        }
        let mut extra = Vec::new();
        for (k, &name) in kw.iter().enumerate() {
            let Some(j) = (self.posonly..total).find(|&j| self.names[j] == name) else {
                // A `**kwargs` parameter takes every other keyword (positional-only names too).
                if self.kwarg.is_some() {
                    extra.push(k);
                    continue;
                }
                // CPython lists every keyword that names a positional-only parameter, in the
                // order of the parameters, once per keyword that matches.
                let mut conflicts = Vec::new();
                for p in &self.names[..self.posonly] {
                    for &k2 in kw {
                        if k2 == p {
                            conflicts.push(k2);
                        }
                    }
                }
                if !conflicts.is_empty() {
                    return Err(format!("{}() got some positional-only arguments passed as keyword arguments: '{}'", self.name, conflicts.join(", ")));
                }
                return Err(format!("{}() got an unexpected keyword argument '{name}'", self.name));
            };
            if slots[j].is_some() {
                return Err(format!("{}() got multiple values for argument '{name}'", self.name));
            }
            slots[j] = Some(Source::Keyword(k));
        }
        if npos > self.argcount && self.vararg.is_none() {
            return Err(self.too_many_positional(npos, &slots));
        }
        if npos < self.argcount {
            let m = self.argcount - self.defaults;
            let missing: Vec<&str> = (npos..m).filter(|&i| slots[i].is_none()).map(|i| self.names[i].as_str()).collect();
            if !missing.is_empty() {
                return Err(self.format_missing("positional", &missing));
            }
            for slot in slots.iter_mut().take(self.argcount).skip(m) {
                slot.get_or_insert(Source::Default);
            }
        }
        let missing: Vec<&str> = (self.argcount..total).filter(|&i| slots[i].is_none() && !self.has_default(i)).map(|i| self.names[i].as_str()).collect();
        if !missing.is_empty() {
            return Err(self.format_missing("keyword-only", &missing));
        }
        let mut out: Vec<Source> = slots.into_iter().map(|s| s.unwrap_or(Source::Default)).collect();
        if self.vararg.is_some() {
            out.push(Source::Rest(self.argcount.min(npos)));
        }
        if self.kwarg.is_some() {
            out.push(Source::KwDict(extra));
        }
        Ok(out)
    }

    /// CPython's `too_many_positional`.
    fn too_many_positional(&self, given: usize, slots: &[Option<Source>]) -> String {
        let kwonly_given = slots[self.argcount..].iter().filter(|s| s.is_some()).count();
        let (sig, plural) = if self.defaults > 0 {
            (format!("from {} to {}", self.argcount - self.defaults, self.argcount), true)
        } else {
            (self.argcount.to_string(), self.argcount != 1)
        };
        let kwonly_sig = if kwonly_given > 0 {
            format!(" positional argument{} (and {kwonly_given} keyword-only argument{})", if given != 1 { "s" } else { "" }, if kwonly_given != 1 { "s" } else { "" })
        } else {
            String::new()
        };
        format!(
            "{}() takes {sig} positional argument{} but {given}{kwonly_sig} {} given",
            self.name,
            if plural { "s" } else { "" },
            if given == 1 && kwonly_given == 0 { "was" } else { "were" }
        )
    }

    /// CPython's `format_missing`: the names quoted, "'a' and 'b'", "'a', 'b', and 'c'".
    fn format_missing(&self, kind: &str, names: &[&str]) -> String {
        let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        let list = match q.as_slice() {
            [one] => one.clone(),
            [a, b] => format!("{a} and {b}"),
            [init @ .., a, b] => format!("{}, {a}, and {b}", init.join(", ")),
            [] => String::new(),
        };
        format!("{}() missing {} required {kind} argument{}: {list}", self.name, names.len(), if names.len() == 1 { "" } else { "s" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(src: &str) -> Signature {
        let parsed = ruff_python_parser::parse_module(src).expect("valid");
        let ast::Stmt::FunctionDef(f) = &parsed.syntax().body[0] else { panic!("a def") };
        Signature::of(f)
    }

    #[test]
    fn kwargs_take_every_other_keyword() {
        let f = sig("def f(a, /, b=1, **kw): pass");
        assert_eq!(f.params(), ["a", "b", "kw"]);
        // `a` is positional-only: as a keyword it goes into `**kw`, as CPython binds it.
        assert_eq!(f.bind(1, &["a", "z", "b"]).unwrap(), vec![Source::Positional(0), Source::Keyword(2), Source::KwDict(vec![0, 1])]);
        assert_eq!(f.bind(1, &[]).unwrap(), vec![Source::Positional(0), Source::Default, Source::KwDict(vec![])]);
        assert_eq!(f.bind(3, &[]).unwrap_err(), "f() takes from 1 to 2 positional arguments but 3 were given");
    }

    // Expected messages: python3 3.11.7.
    #[test]
    fn errors_are_cpythons() {
        let f = sig("def f(a, b, c=1, *, d, e=2): pass");
        assert_eq!(f.bind(1, &[]).unwrap_err(), "f() missing 1 required positional argument: 'b'");
        assert_eq!(f.bind(0, &[]).unwrap_err(), "f() missing 2 required positional arguments: 'a' and 'b'");
        assert_eq!(f.bind(2, &[]).unwrap_err(), "f() missing 1 required keyword-only argument: 'd'");
        assert_eq!(f.bind(4, &[]).unwrap_err(), "f() takes from 2 to 3 positional arguments but 4 were given");
        assert_eq!(f.bind(4, &["d"]).unwrap_err(), "f() takes from 2 to 3 positional arguments but 4 positional arguments (and 1 keyword-only argument) were given");
        assert_eq!(f.bind(1, &["a"]).unwrap_err(), "f() got multiple values for argument 'a'");
        assert_eq!(f.bind(2, &["z"]).unwrap_err(), "f() got an unexpected keyword argument 'z'");
        let g = sig("def g(x): pass");
        assert_eq!(g.bind(2, &[]).unwrap_err(), "g() takes 1 positional argument but 2 were given");
        let h = sig("def h(): pass");
        assert_eq!(h.bind(1, &[]).unwrap_err(), "h() takes 0 positional arguments but 1 was given");
        let k = sig("def k(a, b, c, d): pass");
        assert_eq!(k.bind(0, &[]).unwrap_err(), "k() missing 4 required positional arguments: 'a', 'b', 'c', and 'd'");
        let p = sig("def p(a, b, /, c): pass");
        assert_eq!(p.bind(1, &["b", "c"]).unwrap_err(), "p() got some positional-only arguments passed as keyword arguments: 'b'");
    }

    #[test]
    fn sources() {
        let f = sig("def f(a, b=5, *rest, c, d=6): pass");
        assert_eq!(f.params(), ["a", "b", "c", "d", "rest"]);
        assert_eq!(f.bind(1, &["c"]).unwrap(), vec![Source::Positional(0), Source::Default, Source::Keyword(0), Source::Default, Source::Rest(1)]);
        assert_eq!(f.bind(4, &["d", "c"]).unwrap(), vec![Source::Positional(0), Source::Positional(1), Source::Keyword(1), Source::Keyword(0), Source::Rest(2)]);
        let g = sig("def g(x, y=1): pass");
        assert_eq!(g.bind(0, &["y", "x"]).unwrap(), vec![Source::Keyword(1), Source::Keyword(0)]);
    }
}
