//! `class` statements: CPython's `__build_class__` spelled out. The decorators, then the bases,
//! are evaluated where the statement runs; the class body runs as a function of its own (its
//! frame is named after the class in tracebacks, as CPython's) that fills a new namespace dict;
//! `py.class_new` then makes the class (`type(name, bases, ns)` in the runtime), the decorators
//! are applied, innermost first, and the name is bound.
//!
//! Relies on: the symbol table's class scopes (`ScopeKind::Class`: the names the body binds are
//! `Local`, read and written through the namespace; `__class__` is a `Cell` of the body when
//! a function in it uses `super()` or `__class__`), and the function objects of `functions.rs`
//! (the body's code is one, `FnBody::Class`, taking the namespace as its one argument).
//!
//! Provides: [`FnLower::class_def`] (the statement), [`FnLower::class_body`] (the body's code),
//! the namespace's reads and writes ([`FnLower::load_class_name`]: CPython's LOAD_NAME — the
//! namespace, else the module variable, else the builtin, else NameError;
//! [`FnLower::store_class_name`]), and [`FnLower::zero_arg_super`] (`super()` is
//! `super(__class__, <first argument>)`, with CPython's RuntimeErrors).
//!
//! Invariants: a class body's code has `class_ns` set, and only it; the namespace gets
//! `__module__` and `__qualname__` first (and `__doc__` for a docstring), then the body's
//! names in execution order, then `__classcell__` when the class has a `__class__` cell.

use molt_ir::{Attr, NewOp, Opcode, Span, Type, Value};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::functions::FnBody;
use super::{FnLower, Resolved, is_global_slot, span};
use crate::builtins::{BuiltinId, Kind};
use crate::diagnostics::Diagnostic;

/// The parameter list of a class body's code: the namespace only (a name no Python code can
/// spell).
fn namespace_params(range: ruff_text_size::TextRange) -> ast::Parameters {
    let mut p = ast::Parameters::default();
    p.args.push(ast::ParameterWithDefault {
        range,
        node_index: Default::default(),
        parameter: ast::Parameter { range, node_index: Default::default(), name: ast::Identifier::new(".ns", range), annotation: None },
        default: None,
    });
    p
}

impl FnLower<'_> {
    /// `class NAME(bases): body`, decorated or not.
    pub(super) fn class_def(&mut self, c: &ast::StmtClassDef) {
        let sp = span(c.range);
        if let Some(tp) = &c.type_params {
            self.err(Diagnostic::new("E0108", span(tp.range), "type parameters are not supported yet").label("type parameters").help("write a plain `class`"));
            return;
        }
        let Some(scope) = self.ctx.table.class_scope(c) else { return };
        let (pos, keywords): (&[Expr], &[ast::Keyword]) = match c.arguments.as_deref() {
            Some(a) => (&a.args, &a.keywords),
            None => (&[], &[]),
        };
        // `metaclass=` of a metatype the runtime implements (`abc.ABCMeta`), or `type`: the
        // class is made by calling it (CPython's `__build_class__`). Other keywords and
        // metaclasses are not supported yet.
        let mut metaclass: Option<&Expr> = None;
        for k in keywords {
            let supported = k.arg.as_ref().is_some_and(|n| n.as_str() == "metaclass") && metaclass.is_none() && self.runtime_metatype(&k.value);
            if !supported {
                let what = match &k.arg {
                    Some(n) if n.as_str() == "metaclass" => "metaclasses other than `abc.ABCMeta` and `type` are",
                    Some(_) | None => "class keyword arguments are",
                };
                self.err(Diagnostic::new("E0100", span(k.range), format!("{what} not supported yet")).label("class keyword argument")
                    .help("derive from a class without keyword arguments"));
                return;
            }
            metaclass = Some(&k.value);
        }
        if let Some(s) = pos.iter().find(|a| matches!(a, Expr::Starred(_))) {
            self.err(Diagnostic::new("E0100", span(s.range()), "`*` in a class's bases is not supported yet").label("starred base")
                .help("name the bases one by one"));
            return;
        }
        // Subclasses of the builtin types other than `object`, the exception classes and the
        // containers the runtime lays out for subclasses (`dict`, `list`: decisions/0039) need
        // those types' layouts (not yet).
        for a in pos {
            if let Expr::Name(n) = a
                && let Resolved::Builtin(id) = self.lookup(n.id.as_str())
                && let Kind::Class(c) = id.decl().kind
                && !matches!(c, crate::abi::BuiltinClass::Object | crate::abi::BuiltinClass::Dict | crate::abi::BuiltinClass::List | crate::abi::BuiltinClass::Tuple)
            {
                self.err(Diagnostic::new("E0100", span(a.range()), format!("subclasses of the builtin `{}` are not supported yet", n.id))
                    .label("a builtin base class").help("derive from `object`, `dict`, `list`, `tuple` or an exception class, or hold the builtin value in an attribute"));
                return;
            }
        }
        // Nor can a class derive from one of the runtime's module types (`collections.deque`):
        // CPython allows it, Molt's runtime would refuse it when the class statement runs.
        for a in pos {
            // `class P(namedtuple("P", "x y")):` derives from a class such a call makes.
            let made = if let Expr::Call(call) = a { self.native_module_attribute(&call.func) } else { None };
            if let Some((m, name)) = made
                && !crate::modules::makes_subclassable(m, name)
            {
                self.err(Diagnostic::new("E0100", span(a.range()), format!("subclasses of classes made by `{}.{name}` are not supported yet", m.name()))
                    .label("a base class made at run time").help("bind the class to a name and use it directly, or hold its instances in an attribute"));
                return;
            }
            if let Some((m, name)) = self.native_module_attribute(a)
                && !crate::modules::subclassable(m, name)
            {
                self.err(Diagnostic::new("E0100", span(a.range()), format!("subclasses of `{}.{name}` are not supported yet", m.name()))
                    .label("a base class the runtime implements").help("derive from `object` and hold the value in an attribute"));
                return;
            }
        }
        // CPython's order: the decorators, then the bases, then the body.
        let mut decorators = Vec::new();
        for d in &c.decorator_list {
            let Some(v) = self.expr(&d.expression) else { return };
            decorators.push((v, span(d.expression.range())));
        }
        let mut bases = Vec::new();
        for a in pos.iter() {
            let Some(v) = self.expr(a) else { return };
            bases.push(v);
        }
        // The metaclass comes after the bases (`__build_class__`'s keyword arguments).
        let meta = match metaclass {
            Some(m) => match self.expr(m) {
                Some(v) => Some(v),
                None => return,
            },
            None => None,
        };
        let Some(b) = self.cur else { return };
        let Some(bases) = self.emit(b, NewOp::new(Opcode::PyTuple, sp).operands(bases).result(Type::Obj)) else { return };
        let Some(ns) = self.emit(b, NewOp::new(Opcode::PyDict, sp).result(Type::Obj)) else { return };
        let params = namespace_params(c.range);
        let Some(body) = self.function_object((c.name.as_str(), self.ctx.originals.shown(&c.name)), &params, scope, FnBody::Class(c.clone()), (Vec::new(), Vec::new()), sp) else { return };
        let Some(b) = self.cur else { return };
        if self.emit(b, NewOp::new(Opcode::PyCallValue, sp).operands([body, ns]).attr("kwnames", Attr::Str(String::new())).result(Type::Obj)).is_none() {
            return;
        }
        let Some(b) = self.cur else { return };
        let shown = self.ctx.originals.shown(&c.name).to_string();
        let made = match meta {
            // `meta(name, bases, ns)`.
            Some(meta) => {
                let name = self.konst(b, Attr::Str(shown), sp);
                let Some(b) = self.cur else { return };
                self.emit(b, NewOp::new(Opcode::PyCallValue, sp).operands([meta, name, bases, ns]).attr("kwnames", Attr::Str(String::new())).result(Type::Obj))
            }
            None => {
                let mut new = NewOp::new(Opcode::PyClassNew, sp).operands([bases, ns]).attr("name", Attr::Str(shown));
                if let Some(k) = self.ctx.shapes.of_stmt(c.range.start()) {
                    // A known class (decisions/0031): its number and the attributes it adds to
                    // its instances' layout.
                    let fields = self.ctx.shapes.classes[k].own_fields().join(",");
                    new = new.attr("class", Attr::Int(k as i64)).attr("fields", Attr::Str(fields));
                }
                self.emit(b, new.result(Type::Obj))
            }
        };
        let Some(mut v) = made else { return };
        for &(d, dsp) in decorators.iter().rev() {
            let Some(b) = self.cur else { return };
            let Some(r) = self.emit(b, NewOp::new(Opcode::PyCallValue, dsp).operands([d, v]).attr("kwnames", Attr::Str(String::new())).result(Type::Obj)) else { return };
            v = r;
        }
        self.assign_name(c.name.as_str(), v, span(c.name.range));
    }

    /// Whether `e` names a metatype the runtime implements (`abc.ABCMeta`) or `type`.
    fn runtime_metatype(&self, e: &Expr) -> bool {
        if let Expr::Name(n) = e
            && let Resolved::Builtin(id) = self.lookup(n.id.as_str())
        {
            return id.decl().kind == Kind::Class(crate::abi::BuiltinClass::Type);
        }
        matches!(self.native_module_attribute(e), Some((molt_ir::NativeModule::Abc, "ABCMeta")))
    }

    /// The code of a class body, given its namespace `ns` (this function's one argument).
    pub(super) fn class_body(&mut self, c: &ast::StmtClassDef, ns: Option<Value>) {
        let Some(ns) = ns else { return };
        self.class_ns = Some(ns);
        self.known_class = self.ctx.shapes.of_stmt(c.range.start());
        let sp = span(c.range);
        let mut entries = vec![("__module__", Attr::Str(self.ctx.module.name.clone())), ("__qualname__", Attr::Str(self.qualname.clone()))];
        if let Some(Stmt::Expr(e)) = c.body.first()
            && let Expr::StringLiteral(s) = &*e.value
        {
            entries.push(("__doc__", Attr::Str(s.value.to_str().to_string())));
        }
        for (name, value) in entries {
            let Some(b) = self.cur else { return };
            let v = self.konst(b, value, sp);
            self.store_class_name(name, v, sp);
        }
        self.suite(&c.body);
        if let Some(sym) = self.ctx.table.needs_class_cell(self.scope)
            && let Some(&cell) = self.cells.get(&sym)
        {
            self.store_class_name("__classcell__", cell, sp);
        }
    }

    /// `name = v` in a class body: an entry of the namespace.
    pub(super) fn store_class_name(&mut self, name: &str, v: Value, sp: Span) {
        let (Some(ns), Some(b)) = (self.class_ns, self.cur) else { return };
        let k = self.konst(b, Attr::Str(name.into()), sp);
        self.append(b, NewOp::new(Opcode::PySetitem, sp).operands([ns, k, v]));
    }

    /// A name the class body binds, read there (CPython's LOAD_NAME): the namespace's entry,
    /// else the module variable, else the builtin, else NameError.
    pub(super) fn load_class_name(&mut self, name: &str, sp: Span) -> Option<Value> {
        let ns = self.class_ns?;
        let b = self.cur?;
        let k = self.konst(b, Attr::Str(name.into()), sp);
        let has = self.emit(b, NewOp::new(Opcode::PyContains, sp).operands([ns, k]).result(Type::Obj))?;
        let b = self.cur?;
        let (cond, b) = self.truth(b, has, sp);
        let (hit, miss, join) = (self.new_block(), self.new_block(), self.new_block());
        let result = self.func.add_block_param(join, Type::Obj);
        self.names.insert(result, name.to_string());
        self.cur = None;
        self.cond_br(b, cond, hit, vec![], miss, sp);
        self.seal(hit);
        self.seal(miss);
        self.cur = Some(hit);
        let v = self.emit(hit, NewOp::new(Opcode::PySubscript, sp).operands([ns, k]).result(Type::Obj))?;
        if let Some(h) = self.cur {
            self.br_args(h, join, vec![v], sp);
        }
        self.cur = Some(miss);
        if let Some(v) = self.load_module_or_builtin(name, sp)
            && let Some(m) = self.cur
        {
            self.br_args(m, join, vec![v], sp);
        }
        self.seal(join);
        self.cur = Some(join);
        Some(result)
    }

    /// The module variable `name`, else the builtin, else CPython's NameError (LOAD_NAME's
    /// fallback after the namespace).
    fn load_module_or_builtin(&mut self, name: &str, sp: Span) -> Option<Value> {
        let t = self.ctx.table;
        let b = self.cur?;
        if let Some(m) = t.resolve(t.module(), name).filter(|&m| t.symbol(m).flags.bound()) {
            if is_global_slot(t, self.ctx.funcs, m, self.ctx.module.exports()) {
                return self.emit(b, NewOp::new(Opcode::PyLoadGlobal, sp).attr("name", Attr::Sym(name.into())).result(Type::Obj));
            }
            self.err(Diagnostic::new("E0100", sp, format!("a class body reading `{name}`, which it also binds, before binding it is not supported yet when `{name}` is a module-level function"))
                .label("read before the class binds it").help(format!("bind `{name}` in the class body before reading it")));
            return None;
        }
        match BuiltinId::lookup(name).map(|id| id.decl().kind) {
            Some(Kind::Class(_) | Kind::ExceptionClass(_) | Kind::Function(Some(_)) | Kind::Constant(_)) => {
                self.emit(b, NewOp::new(Opcode::PyBuiltinClass, sp).attr("name", Attr::Str(name.into())).result(Type::Obj))
            }
            Some(Kind::Function(None)) => {
                self.err(Diagnostic::new("E0101", sp, format!("the builtin `{name}` is not a value yet")).label("used as a value"));
                None
            }
            None => {
                let msg = self.konst(b, Attr::Str(format!("name '{name}' is not defined")), sp);
                self.raise_new("NameError", vec![msg], sp);
                None
            }
        }
    }

    /// `super()` in a function: `super(__class__, <first argument>)`, or CPython's
    /// RuntimeError ("super(): no arguments", "super(): __class__ cell not found").
    pub(super) fn zero_arg_super(&mut self, sp: Span) -> Option<Value> {
        let fail = |s: &mut Self, msg: &str| {
            let b = s.cur?;
            let m = s.konst(b, Attr::Str(msg.into()), sp);
            s.raise_new("RuntimeError", vec![m], sp);
            let dead = s.new_block();
            s.seal(dead);
            s.cur = Some(dead);
            Some(s.konst(dead, Attr::None, sp))
        };
        let Some(first) = self.first_param.clone() else { return fail(self, "super(): no arguments") };
        let cell = match self.lookup("__class__") {
            Resolved::Cell(sym) => self.cells.get(&sym).copied(),
            Resolved::Ssa(_) | Resolved::Global { .. } | Resolved::Func | Resolved::Builtin(_) | Resolved::ClassLocal(_) | Resolved::Undefined => None,
        };
        let Some(cell) = cell else { return fail(self, "super(): __class__ cell not found") };
        let b = self.cur?;
        let class = self.emit(b, NewOp::new(Opcode::PyCellGet, sp).operands([cell]).attr("name", Attr::Str("__class__".into())).attr("free", Attr::Int(1)).result(Type::Obj))?;
        let obj = self.read_name(&first, sp)?;
        let b = self.cur?;
        let sup = self.emit(b, NewOp::new(Opcode::PyBuiltinClass, sp).attr("name", Attr::Str("super".into())).result(Type::Obj))?;
        let b = self.cur?;
        self.emit(b, NewOp::new(Opcode::PyCallValue, sp).operands([sup, class, obj]).attr("kwnames", Attr::Str(String::new())).result(Type::Obj))
    }
}
