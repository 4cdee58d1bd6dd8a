//! Expressions: literals, names, operators, comparisons (chained), `and`/`or`, conditional
//! expressions and calls (module functions, `print`, the supported builtins).

use molt_ir::{ArithOp, Attr, Block, CmpOp, F64, NewOp, Opcode, Span, Type, UnaryOp, Value};
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

use super::calls::Source;
use super::comprehension::CompKind;
use super::stmt::Key;
use super::{FnLower, Resolved, const_fold, span};
use crate::builtins::{self, Call, Kind};
use crate::diagnostics::Diagnostic;

impl<'a> FnLower<'a> {
    // ---- expressions ----

    pub(super) fn read_name(&mut self, name: &str, sp: Span) -> Option<Value> {
        let b = self.cur?;
        let function_value = || Diagnostic::new("E0101", sp, format!("functions are not first-class values yet: `{name}` can only be called"))
            .label("used as a value").help(format!("call it: `{name}(...)`"));
        let d = match self.lookup(name) {
            Resolved::Ssa(var) => {
                let v = self.read_var(var, b);
                self.reads.entry(v).or_default().push(sp);
                return Some(v);
            }
            Resolved::Cell(var) => {
                let t = self.ctx.table;
                let free = t.symbol(var).binding == crate::hir::scope::Binding::Free;
                let Some(&cell) = self.cells.get(&var) else {
                    // The symbol table gives every function the cells of the variables it shares.
                    panic!("invariant `every shared variable has a cell` broken: `{name}` in {}", self.func.name);
                };
                return self.emit(b, NewOp::new(Opcode::PyCellGet, sp).operands([cell]).attr("name", Attr::Str(name.into())).attr("free", Attr::Int(free.into())).result(Type::Obj));
            }
            // A module-level `def` used as a value: its module variable holds its function object.
            Resolved::Func | Resolved::Global { func: true } if self.ctx.escaping.contains(name) => {
                return self.emit(b, NewOp::new(Opcode::PyLoadGlobal, sp).attr("name", Attr::Sym(name.into())).result(Type::Obj));
            }
            Resolved::Global { .. } => {
                return self.emit(b, NewOp::new(Opcode::PyLoadGlobal, sp).attr("name", Attr::Sym(name.into())).result(Type::Obj));
            }
            Resolved::Builtin(id) => match id.decl().kind {
                // A builtin class as a value (`isinstance(x, int)`, `except` tuples, `type(x) is int`).
                Kind::Class(_) | Kind::ExceptionClass(_) => {
                    return self.emit(b, NewOp::new(Opcode::PyBuiltinClass, sp).attr("name", Attr::Str(name.into())).result(Type::Obj));
                }
                Kind::Function(Some(_)) | Kind::Constant(_) => {
                    return self.emit(b, NewOp::new(Opcode::PyBuiltinClass, sp).attr("name", Attr::Str(name.into())).result(Type::Obj));
                }
                Kind::Function(None) => function_value(),
            },
            Resolved::Func => function_value(),
            Resolved::ClassLocal(_) => return self.load_class_name(name, sp),
            // The module namespace CPython starts a module with: `__name__` is "__main__" for
            // the program's main file, the module's dotted name for the others.
            Resolved::Undefined if name == "__name__" => return Some(self.konst(b, Attr::Str(self.ctx.module.name.clone()), sp)),
            // `__file__`: the path of the module's source, as its tracebacks show it.
            Resolved::Undefined if name == "__file__" => return Some(self.konst(b, Attr::Str(self.ctx.path.to_string()), sp)),
            // `__doc__`: the module's docstring, None without one.
            Resolved::Undefined if name == "__doc__" => {
                let doc = super::functions::docstring(self.ctx.body).map_or(Attr::None, Attr::Str);
                return Some(self.konst(b, doc, sp));
            }
            Resolved::Undefined => Diagnostic::new("E0105", sp, format!("name `{name}` is not defined"))
                .label("not a local, module-level name or supported builtin")
                .help("define it at module level or in this function before using it"),
        };
        self.err(d);
        None
    }

    /// Lowers an expression into the current block; `None` after an error or in dead code.
    pub(super) fn expr(&mut self, e: &Expr) -> Option<Value> {
        let sp = span(e.range());
        let b = self.cur?;
        match e {
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => match i.as_i64() {
                    Some(v) => Some(self.konst(b, Attr::Int(v), sp)),
                    None if decimal_digits(&i.to_string()) > 4300 => {
                        // CPython refuses to compile it (PyLong_FromString's limit, 3.11.7).
                        let n = decimal_digits(&i.to_string());
                        self.err(Diagnostic::new("E0001", sp, format!("SyntaxError: Exceeds the limit (4300 digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits."))
                            .label("here").help("write it in hexadecimal (`0x…`), which has no limit"));
                        None
                    }
                    None => match int_literal_decimal(&i.to_string()) {
                        Some(d) => Some(self.konst(b, Attr::BigInt(d), sp)),
                        None => {
                            self.err(Diagnostic::new("E0001", sp, "invalid integer literal").label("here"));
                            None
                        }
                    },
                },
                ast::Number::Float(f) => Some(self.konst(b, Attr::Float(F64(*f)), sp)),
                ast::Number::Complex { .. } => {
                    self.err(Diagnostic::new("E0101", sp, "complex numbers are not supported").label("complex literal"));
                    None
                }
            },
            Expr::BooleanLiteral(v) => Some(self.konst(b, Attr::Bool(v.value), sp)),
            Expr::NoneLiteral(_) => Some(self.konst(b, Attr::None, sp)),
            // `...` is the runtime's constant, whatever the name `Ellipsis` is bound to here.
            Expr::EllipsisLiteral(_) => self.emit(b, NewOp::new(Opcode::PyBuiltinClass, sp).attr("name", Attr::Str("Ellipsis".into())).result(Type::Obj)),
            Expr::StringLiteral(s) => Some(self.konst(b, Attr::Str(s.value.to_str().to_string()), sp)),
            Expr::BytesLiteral(s) => Some(self.konst(b, Attr::Bytes(s.value.bytes().collect()), sp)),
            Expr::FString(f) => self.fstring(f, sp),
            Expr::Name(n) => self.read_name(n.id.as_str(), sp),
            Expr::Named(ne) => {
                // `target := value`: the value, bound to the name (where the symbol table put
                // it: inside a comprehension, the enclosing function's cell or the module's
                // variable), is the expression's value.
                let Expr::Name(target) = &*ne.target else {
                    self.err(Diagnostic::new("E0001", sp, "SyntaxError: cannot use assignment expressions with this target").label("here"));
                    return None;
                };
                let v = self.expr(&ne.value)?;
                self.assign_name(target.id.as_str(), v, span(target.range));
                Some(v)
            }
            Expr::BinOp(bin) => {
                let Some(op) = binop(bin.op) else {
                    self.err(unsupported_operator(sp, bin.op));
                    return None;
                };
                let l = self.expr(&bin.left)?;
                let r = self.expr(&bin.right)?;
                let b = self.cur?;
                self.emit(b, NewOp::new(Opcode::PyBinop, sp).operands([l, r]).enum_attr("op", op).result(Type::Obj))
            }
            Expr::UnaryOp(u) => {
                let op = match u.op {
                    ast::UnaryOp::USub => UnaryOp::Neg,
                    ast::UnaryOp::UAdd => UnaryOp::Pos,
                    ast::UnaryOp::Not => UnaryOp::Not,
                    ast::UnaryOp::Invert => UnaryOp::Invert,
                };
                let v = self.expr(&u.operand)?;
                let b = self.cur?;
                self.emit(b, NewOp::new(Opcode::PyUnop, sp).operands([v]).enum_attr("op", op).result(Type::Obj))
            }
            Expr::BoolOp(bo) => {
                // a and b and c: each operand short-circuits to the join with its own value.
                let join = self.new_block();
                let result = self.func.add_block_param(join, Type::Obj);
                let n = bo.values.len();
                for (i, v) in bo.values.iter().enumerate() {
                    let val = self.expr(v)?;
                    let b = self.cur.take()?;
                    if i + 1 == n {
                        self.br_args(b, join, vec![val], sp);
                    } else {
                        let (t, b) = self.truth(b, val, span(v.range()));
                        let next = self.new_block();
                        match bo.op {
                            ast::BoolOp::And => {
                                // falsy: result is val
                                let op = self.func.append_op(b, NewOp::new(Opcode::CfCondBr, sp).operands([t]).successor(next, vec![]).successor(join, vec![val]));
                                self.preds.entry(next).or_default().push((op, 0));
                                self.preds.entry(join).or_default().push((op, 1));
                            }
                            ast::BoolOp::Or => {
                                self.cond_br(b, t, join, vec![val], next, sp);
                            }
                        }
                        self.seal(next);
                        self.cur = Some(next);
                    }
                }
                self.seal(join);
                self.cur = Some(join);
                Some(result)
            }
            Expr::If(ie) => {
                let c = self.expr(&ie.test)?;
                let b = self.cur.take()?;
                let (cond, b) = self.truth(b, c, span(ie.test.range()));
                let (t, f, join) = (self.new_block(), self.new_block(), self.new_block());
                let result = self.func.add_block_param(join, Type::Obj);
                self.cond_br(b, cond, t, vec![], f, sp);
                self.seal(t);
                self.seal(f);
                for (blk, arm) in [(t, &ie.body), (f, &ie.orelse)] {
                    self.cur = Some(blk);
                    let v = self.expr(arm)?;
                    let end = self.cur.take()?;
                    self.br_args(end, join, vec![v], sp);
                }
                self.seal(join);
                self.cur = Some(join);
                Some(result)
            }
            Expr::Compare(c) => {
                let mut ops = Vec::new();
                for op in c.ops.iter() {
                    match comparison(*op) {
                        Some(o) => ops.push(o),
                        None => {
                            self.err(Diagnostic::new("E0101", sp, format!("the `{}` comparison is not supported yet", op.as_str()))
                                .label("unsupported comparison").help("use `<`, `<=`, `>`, `>=`, `==` or `!=`"));
                            return None;
                        }
                    }
                }
                let mut left = self.expr(&c.left)?;
                if ops.len() == 1 {
                    let right = self.expr(&c.comparators[0])?;
                    let b = self.cur?;
                    return Some(self.compare(b, ops[0], left, right, sp).0);
                }
                // a < b < c  ==  (a < b) and (b < c), with b evaluated once.
                let join = self.new_block();
                let result = self.func.add_block_param(join, Type::Obj);
                for (i, (op, comp)) in ops.iter().zip(c.comparators.iter()).enumerate() {
                    let right = self.expr(comp)?;
                    let b = self.cur.take()?;
                    let (r, b) = self.compare(b, *op, left, right, sp);
                    if i + 1 == ops.len() {
                        self.br_args(b, join, vec![r], sp);
                    } else {
                        let (t, b) = self.truth(b, r, sp);
                        let next = self.new_block();
                        let op = self.func.append_op(b, NewOp::new(Opcode::CfCondBr, sp).operands([t]).successor(next, vec![]).successor(join, vec![r]));
                        self.preds.entry(next).or_default().push((op, 0));
                        self.preds.entry(join).or_default().push((op, 1));
                        self.seal(next);
                        self.cur = Some(next);
                    }
                    left = right;
                }
                self.seal(join);
                self.cur = Some(join);
                Some(result)
            }
            Expr::Call(call) => self.call(call, sp),
            Expr::Tuple(t) if t.elts.iter().any(|e| matches!(e, Expr::Starred(_))) => self.display(&t.elts, true, sp),
            Expr::Tuple(t) => {
                let mut vals = Vec::new();
                for e in t.elts.iter() {
                    vals.push(self.expr(e)?);
                }
                let b = self.cur?;
                self.emit(b, NewOp::new(Opcode::PyTuple, sp).operands(vals).result(Type::Obj))
            }
            Expr::Lambda(l) => self.lambda(l, sp),
            Expr::Generator(g) => self.comprehension(CompKind::Gen, g.range, &g.generators, vec![(*g.elt).clone()]),
            Expr::YieldFrom(y) => self.yield_from(&y.value, sp),
            Expr::Yield(y) => {
                let v = match &y.value {
                    Some(v) => self.expr(v)?,
                    None => {
                        let b = self.cur?;
                        self.konst(b, Attr::None, sp)
                    }
                };
                let b = self.cur?;
                self.emit(b, NewOp::new(Opcode::PyYield, sp).operands([v]).result(Type::Obj))
            }
            Expr::ListComp(c) => self.comprehension(CompKind::List, c.range, &c.generators, vec![(*c.elt).clone()]),
            Expr::SetComp(c) => self.comprehension(CompKind::Set, c.range, &c.generators, vec![(*c.elt).clone()]),
            Expr::DictComp(c) => {
                let Some(key) = &c.key else {
                    self.err(Diagnostic::new("E0001", sp, "SyntaxError: dict unpacking cannot be used in dict comprehension").label("here"));
                    return None;
                };
                self.comprehension(CompKind::Dict, c.range, &c.generators, vec![(**key).clone(), (*c.value).clone()])
            }
            Expr::List(l) => self.display(&l.elts, false, sp),
            Expr::Dict(d) => self.dict_display(&d.items, sp),
            Expr::Set(st) => self.set_display(&st.elts, sp, false),
            Expr::Attribute(a) => {
                if !self.check_module_attribute(&a.value, a.attr.as_str(), sp) {
                    return None;
                }
                let x = self.expr(&a.value)?;
                let b = self.cur?;
                self.emit(b, NewOp::new(Opcode::PyGetattr, sp).operands([x]).attr("name", Attr::Str(a.attr.to_string())).result(Type::Obj))
            }
            Expr::Subscript(s) => {
                // `x[i]` / `x[a:b:c]`: the object, then the index or the bounds, left to right.
                let x = self.expr(&s.value)?;
                let key = self.subscript_key(&s.slice)?;
                let b = self.cur?;
                match key {
                    Key::Index(i) => self.emit(b, NewOp::new(Opcode::PySubscript, sp).operands([x, i]).result(Type::Obj)),
                    Key::Slice([lo, hi, st]) => self.emit(b, NewOp::new(Opcode::PyGetslice, sp).operands([x, lo, hi, st]).result(Type::Obj)),
                }
            }
            other => {
                let what = expr_kind(other);
                self.err(Diagnostic::new("E0101", sp, format!("{what} is not supported yet"))
                    .label(what.to_string()).help("see docs/subset.md for the supported expressions"));
                None
            }
        }
    }

    /// A list display (or a tuple display with `*` items, as a list then its tuple), as
    /// CPython builds it: the items before the first `*` item in one `py.list`, then each item
    /// appended or each `*` item's iterable extended, left to right.
    pub(super) fn display(&mut self, elts: &[Expr], tuple: bool, sp: Span) -> Option<Value> {
        let prefix = elts.iter().position(|e| matches!(e, Expr::Starred(_))).unwrap_or(elts.len());
        let mut vals = Vec::new();
        for e in &elts[..prefix] {
            vals.push(self.expr(e)?);
        }
        let b = self.cur?;
        let list = self.emit(b, NewOp::new(Opcode::PyList, sp).operands(vals).result(Type::Obj))?;
        for e in &elts[prefix..] {
            match e {
                Expr::Starred(st) => {
                    let v = self.expr(&st.value)?;
                    let b = self.cur?;
                    self.append(b, NewOp::new(Opcode::PyListExtendStar, sp).operands([list, v]));
                }
                e => {
                    let v = self.expr(e)?;
                    let b = self.cur?;
                    self.append(b, one_arg_method(list, "append", v, sp));
                }
            }
        }
        if !tuple {
            return Some(list);
        }
        let b = self.cur?;
        self.emit(b, NewOp::new(Opcode::PyListToTuple, sp).operands([list]).result(Type::Obj))
    }

    /// A set display. More than two constant items are built as CPython's compiler builds them
    /// — a frozenset constant, rebuilt from its own order when the constant is stored, merged
    /// into a new set — because the order of a set depends on how it was built.
    /// A dict display. With `**` items, CPython's order: a dict of the pairs before the first
    /// `**`, then each `**` mapping merged in (`DICT_UPDATE`) and each run of pairs between them
    /// made into a dict of its own first (`BUILD_MAP`: its values all evaluated before its keys
    /// are hashed) and merged.
    fn dict_display(&mut self, items: &[ast::DictItem], sp: Span) -> Option<Value> {
        let mut dict = None;
        let mut i = 0;
        while i < items.len() || dict.is_none() {
            let run = items[i..].iter().take_while(|it| it.key.is_some()).count();
            let mut vals = Vec::new();
            for item in &items[i..i + run] {
                let k = item.key.as_ref()?;
                vals.push(self.expr(k)?);
                vals.push(self.expr(&item.value)?);
            }
            i += run;
            let b = self.cur?;
            match dict {
                None => dict = Some(self.emit(b, NewOp::new(Opcode::PyDict, sp).operands(vals).result(Type::Obj))?),
                Some(d) if run > 0 => {
                    let part = self.emit(b, NewOp::new(Opcode::PyDict, sp).operands(vals).result(Type::Obj))?;
                    let b = self.cur?;
                    self.append(b, NewOp::new(Opcode::PyDictUpdate, sp).operands([d, part]));
                }
                Some(_) => {}
            }
            if let Some(item) = items.get(i) {
                let m = self.expr(&item.value)?;
                let b = self.cur?;
                let d = dict?;
                self.append(b, NewOp::new(Opcode::PyDictUpdate, sp).operands([d, m]));
                i += 1;
            }
        }
        dict
    }

    /// An iterable of `for` or a comprehension: a set display of constants is the frozenset
    /// constant CPython's `fold_iter` makes of it; anything else, the expression's value.
    pub(super) fn iterable(&mut self, e: &Expr) -> Option<Value> {
        match e {
            Expr::Set(st) => self.set_display(&st.elts, span(st.range), true),
            _ => self.expr(e),
        }
    }

    /// A set display. `iterated`: it is `for`'s or a comprehension's iterable, which CPython
    /// makes a frozenset constant when every item is a constant (`fold_iter`).
    fn set_display(&mut self, elts: &[Expr], sp: Span, iterated: bool) -> Option<Value> {
        // With `*` items, CPython's order: a set of the items before the first star, then each
        // starred iterable merged in (`SET_UPDATE`) and each other item added (`SET_ADD`).
        if let Some(first) = elts.iter().position(|e| matches!(e, Expr::Starred(_))) {
            let mut vals = Vec::new();
            for e in &elts[..first] {
                vals.push(self.expr(e)?);
            }
            let b = self.cur?;
            let set = self.emit(b, NewOp::new(Opcode::PySet, sp).operands(vals).result(Type::Obj))?;
            for e in &elts[first..] {
                let (v, method) = match e {
                    Expr::Starred(s) => (self.expr(&s.value)?, "update"),
                    other => (self.expr(other)?, "add"),
                };
                let b = self.cur?;
                self.append(b, one_arg_method(set, method, v, sp));
            }
            return Some(set);
        }
        let mut vals = Vec::new();
        for e in elts {
            vals.push(self.expr(e)?);
        }
        let b = self.cur?;
        // CPython's constants (Python/compile.c `starunpack_helper`, `fold_iter`, then
        // `merge_consts_recursive`): a frozenset of the items in order, remade from its own
        // iteration order; a display of more than two items copies it into a new set
        // (`SET_UPDATE`), an iterated display is that frozenset.
        if (iterated || elts.len() > 2) && elts.iter().all(|e| const_fold::folded(e).is_some()) {
            let builtin = |s: &mut Self, which: molt_ir::Builtin, x: Value| {
                let b = s.cur?;
                s.emit(b, NewOp::new(Opcode::PyBuiltin, sp).operands([x]).enum_attr("name", which).result(Type::Obj))
            };
            let t = self.emit(b, NewOp::new(Opcode::PyTuple, sp).operands(vals).result(Type::Obj))?;
            let f = builtin(self, molt_ir::Builtin::Frozenset, t)?;
            let l = builtin(self, molt_ir::Builtin::List, f)?;
            let f = builtin(self, molt_ir::Builtin::Frozenset, l)?;
            if iterated {
                return Some(f);
            }
            return builtin(self, molt_ir::Builtin::Set, f);
        }
        self.emit(b, NewOp::new(Opcode::PySet, sp).operands(vals).result(Type::Obj))
    }

    /// One comparison `l OP r`; `in` / `not in` test `r`'s membership of `l`.
    fn compare(&mut self, b: Block, op: Comparison, l: Value, r: Value, sp: Span) -> (Value, Block) {
        let (id, b) = match op {
            Comparison::In | Comparison::NotIn => self.append(b, NewOp::new(Opcode::PyContains, sp).operands([r, l]).result(Type::Obj)),
            Comparison::Op(op) => self.append(b, NewOp::new(Opcode::PyCompare, sp).operands([l, r]).enum_attr("op", op).result(Type::Obj)),
        };
        let v = self.func.result(id);
        match op {
            Comparison::Op(_) | Comparison::In => (v, b),
            Comparison::NotIn => {
                let (id, b) = self.append(b, NewOp::new(Opcode::PyUnop, sp).operands([v]).enum_attr("op", UnaryOp::Not).result(Type::Obj));
                (self.func.result(id), b)
            }
        }
    }

    /// The `math` function of one real number that `call` always calls with one positional
    /// argument (decisions/0047): `math.f(x)` with `math` a name only `import math` binds, or
    /// `f(x)` with `f` one only `from math import f` binds, where no statement of the program
    /// may replace `f` (`AttributeStores::never_stored`).
    fn static_math_function(&self, call: &ast::ExprCall) -> Option<molt_ir::MathFloat> {
        let (module, name) = self.native_module_attribute(&call.func)?;
        let f = molt_ir::MathFloat::from_name(name)?;
        let plain = matches!(call.arguments.args.as_ref(), [x] if !matches!(x, Expr::Starred(_))) && call.arguments.keywords.is_empty();
        (module == molt_ir::NativeModule::Math && plain && self.ctx.stores.never_stored(name)).then_some(f)
    }

    /// `py.math_call` for [`Self::static_math_function`]: the name holding the function is read
    /// first (a NameError while it is unbound, as CPython's load), then the argument.
    fn math_call(&mut self, call: &ast::ExprCall, f: molt_ir::MathFloat, sp: Span) -> Option<Value> {
        let holder = match &*call.func {
            Expr::Attribute(a) => &*a.value,
            other => other,
        };
        self.expr(holder)?;
        let x = self.expr(&call.arguments.args[0])?;
        let b = self.cur?;
        self.emit(b, NewOp::new(Opcode::PyMathCall, sp).operands([x]).enum_attr("fn", f).result(Type::Obj))
    }

    pub(super) fn call(&mut self, call: &ast::ExprCall, sp: Span) -> Option<Value> {
        if let Some(k) = self.direct_super
            && let Some((name, args)) = super::shapes::super_call(call)
        {
            return self.direct_super_call(k, name, args, sp);
        }
        if let Some(f) = self.static_math_function(call) {
            return self.math_call(call, f, sp);
        }
        if let Expr::Attribute(a) = &*call.func {
            if let Expr::Name(n) = &*a.value
                && let Resolved::Builtin(id) = self.lookup(n.id.as_str())
                && matches!(id.decl().kind, Kind::Class(c) if c != crate::abi::BuiltinClass::Object && !method_of_class_supported(c, a.attr.as_str()))
            {
                // (`object`'s own dunders, `object.__setattr__(self, n, v)`, are the runtime's.)
                self.err(Diagnostic::new("E0101", sp, format!("calling a method of the class `{}` (`{}.{}(...)`) is not supported yet", n.id, n.id, a.attr))
                    .label("a method of a class").help("call the method on a value instead"));
                return None;
            }
            if !self.check_module_attribute(&a.value, a.attr.as_str(), span(a.range())) {
                return None;
            }
            // `recv.name(...)`: the receiver, then the arguments, left to right.
            let recv = self.expr(&a.value)?;
            let starred = call.arguments.args.iter().any(|x| matches!(x, Expr::Starred(_))) || call.arguments.keywords.iter().any(|k| k.arg.is_none());
            // `m.f(...)` of one of the program's modules: its attribute is no method (LOAD_METHOD
            // finds it in the module's namespace), so the attribute read (cached per site) and a
            // call of the value are what CPython does.
            if starred || self.is_user_module_name(&a.value) {
                // `recv.name(*args, **kw)`: the attribute (a bound method), then a call of it
                // (CPython's LOAD_METHOD and CALL_FUNCTION_EX, observably the same).
                let b = self.cur?;
                let m = self.emit(b, NewOp::new(Opcode::PyGetattr, span(a.range())).operands([recv]).attr("name", Attr::Str(a.attr.to_string())).result(Type::Obj))?;
                return self.call_value(m, &call.arguments, sp);
            }
            return self.call_method(recv, a.attr.as_str(), &call.arguments, span(a.range()).end, sp);
        }
        let Expr::Name(callee) = &*call.func else {
            let f = self.expr(&call.func)?;
            return self.call_value(f, &call.arguments, sp);
        };
        let name = callee.id.as_str();
        if self.lookup(name) == Resolved::Builtin(crate::builtins::BuiltinId::Super) && call.arguments.is_empty() {
            return self.zero_arg_super(sp);
        }
        if let Resolved::Builtin(id) = self.lookup(name)
            && matches!(id.decl().kind, Kind::Class(_) | Kind::Function(Some(_)) | Kind::ExceptionClass(_))
            && !static_form_fits(id.decl().call, &call.arguments)
        {
            // A form the table does not lower statically: the runtime's object is called, and
            // binds the arguments as CPython does.
            let f = self.read_name(name, span(callee.range))?;
            return self.call_value(f, &call.arguments, sp);
        }
        let starred = call.arguments.args.iter().any(|a| matches!(a, Expr::Starred(_))) || call.arguments.keywords.iter().any(|k| k.arg.is_none());
        let builtin = match self.lookup(name) {
            // `f(*args)` binds at run time: through the function object (`names_used_as_values`
            // counts such a call as a use of `f` as a value).
            Resolved::Func | Resolved::Global { func: true } if starred => {
                let f = self.read_name(name, span(callee.range))?;
                return self.call_value(f, &call.arguments, sp);
            }
            Resolved::Func | Resolved::Global { func: true } => return self.call_function(call, name, sp),
            Resolved::Builtin(id) => id.decl().call,
            Resolved::Ssa(_) | Resolved::Global { func: false } | Resolved::Cell(_) | Resolved::ClassLocal(_) => {
                let f = self.read_name(name, span(callee.range))?;
                return self.call_value(f, &call.arguments, sp);
            }
            Resolved::Undefined => Call::Unsupported,
        };
        match builtin {
            Call::Print => self.call_print(call, sp),
            Call::Exception => {
                // A builtin exception class called with at most one positional argument (other
                // forms call the class value, `static_form_fits`): a new exception object.
                let mut args = Vec::new();
                for a in call.arguments.args.iter() {
                    args.push(self.expr(a)?);
                }
                let b = self.cur?;
                self.emit(b, NewOp::new(Opcode::PyExcNew, sp).operands(args).attr("kind", Attr::Str(name.into())).result(Type::Obj))
            }
            Call::Op(op, arity, defaults) => {
                let given = call.arguments.args.len();
                if !call.arguments.keywords.is_empty() || given > arity || given + defaults.len() < arity {
                    let count = if defaults.is_empty() { format!("exactly {arity}") } else { format!("{} or {arity}", arity - defaults.len()) };
                    self.err(Diagnostic::new("E0102", sp, format!("`{name}` is supported with {count} positional argument(s)"))
                        .label("unsupported call form").help(if arity == 2 { format!("write `{name}(a, b)`") } else { format!("write `{name}(x)`") }));
                    return None;
                }
                let mut args = Vec::new();
                for a in call.arguments.args.iter() {
                    args.push(self.expr(a)?);
                }
                let b = self.cur?;
                for d in &defaults[defaults.len() - (arity - given)..] {
                    args.push(self.konst(b, Attr::Str((*d).into()), sp));
                }
                self.emit(b, NewOp::new(Opcode::PyBuiltin, sp).operands(args).enum_attr("name", op).result(Type::Obj))
            }
            Call::UpTo(op, max) => {
                let given = call.arguments.args.len();
                if !call.arguments.keywords.is_empty() || given > max {
                    self.err(Diagnostic::new("E0102", sp, format!("`{name}` is supported with at most {max} positional argument(s)"))
                        .label("unsupported call form").help(format!("write `{name}(x)`")));
                    return None;
                }
                let mut args = Vec::new();
                for a in call.arguments.args.iter() {
                    args.push(self.expr(a)?);
                }
                let b = self.cur?;
                self.emit(b, NewOp::new(Opcode::PyBuiltin, sp).operands(args).enum_attr("name", op).result(Type::Obj))
            }
            Call::Bool => {
                if !call.arguments.keywords.is_empty() || call.arguments.args.len() > 1 {
                    self.err(Diagnostic::new("E0102", sp, "`bool` is supported with at most 1 positional argument(s)")
                        .label("unsupported call form").help("write `bool(x)`"));
                    return None;
                }
                let Some(arg) = call.arguments.args.first() else {
                    let b = self.cur?;
                    return Some(self.konst(b, Attr::Bool(false), sp));
                };
                // bool(x) is `not not x`: CPython's PyObject_IsTrue, as a bool.
                let x = self.expr(arg)?;
                let b = self.cur?;
                let n = self.emit(b, NewOp::new(Opcode::PyUnop, sp).operands([x]).enum_attr("op", UnaryOp::Not).result(Type::Obj))?;
                // (In a `try` body the first `not` ends its block with a raise edge.)
                let b = self.cur?;
                self.emit(b, NewOp::new(Opcode::PyUnop, sp).operands([n]).enum_attr("op", UnaryOp::Not).result(Type::Obj))
            }
            Call::Sorted => {
                // sorted(iterable, **kw) = list(iterable), then its `sort(**kw)`: CPython's own
                // definition (Python/bltinmodule.c `builtin_sorted`).
                let [arg] = call.arguments.args.as_ref() else {
                    self.err(Diagnostic::new("E0102", sp, format!("sorted expected 1 argument, got {}", call.arguments.args.len()))
                        .label("wrong number of arguments").help("write `sorted(iterable, key=..., reverse=...)`"));
                    return None;
                };
                let x = self.expr(arg)?;
                let b = self.cur?;
                let l = self.emit(b, NewOp::new(Opcode::PyBuiltin, sp).operands([x]).enum_attr("name", molt_ir::Builtin::List).result(Type::Obj))?;
                let no_args = ast::Arguments { range: call.arguments.range, node_index: call.arguments.node_index.clone(), args: Box::new([]), keywords: call.arguments.keywords.clone() };
                self.call_method(l, "sort", &no_args, sp.end, sp)?;
                Some(l)
            }
            Call::Args(op, min, max, kws) => {
                let given = call.arguments.args.len();
                let arity = match max {
                    Some(m) if m == min => format!("exactly {min}"),
                    Some(m) => format!("{min} to {m}"),
                    None => format!("at least {min}"),
                };
                if given < min || max.is_some_and(|m| given > m) {
                    self.err(Diagnostic::new("E0102", sp, format!("`{name}` is supported with {arity} positional argument(s)"))
                        .label("unsupported call form").help(format!("see docs/subset.md for the forms of `{name}`")));
                    return None;
                }
                let mut args = Vec::new();
                for a in call.arguments.args.iter() {
                    args.push(self.expr(a)?);
                }
                let mut kwnames: Vec<&str> = Vec::new();
                for k in call.arguments.keywords.iter() {
                    let kw = k.arg.as_ref().map(|a| a.as_str());
                    match kw {
                        Some(kw) if kws.contains(&kw) && !kwnames.contains(&kw) => {
                            kwnames.push(kw);
                            args.push(self.expr(&k.value)?);
                        }
                        _ => {
                            let supported = if kws.is_empty() { "no keyword arguments".to_string() } else { format!("only the keyword argument(s) {}", kws.join(", ")) };
                            self.err(Diagnostic::new("E0102", span(k.range), format!("`{name}` is supported with {supported}"))
                                .label("unsupported keyword").help("pass the arguments positionally"));
                            return None;
                        }
                    }
                }
                let b = self.cur?;
                let mut op = NewOp::new(Opcode::PyBuiltin, sp).operands(args).enum_attr("name", op).result(Type::Obj);
                if !kwnames.is_empty() {
                    op = op.attr("kwnames", Attr::Str(kwnames.join(",")));
                }
                self.emit(b, op)
            }
            Call::ValueOfArgument if call.arguments.args.is_empty() && call.arguments.keywords.is_empty() => {
                self.err(Diagnostic::new("E0102", sp, format!("`{name}()` without an argument is not supported yet"))
                    .label("reads the caller's local names")
                    .help(format!("pass the object whose attributes you want: `{name}(obj)`")));
                None
            }
            Call::Value | Call::ValueOfArgument => {
                let f = self.read_name(name, span(callee.range))?;
                self.call_value(f, &call.arguments, sp)
            }
            Call::Unsupported => {
                let names: Vec<&str> = builtins::callable_names().collect();
                self.err(Diagnostic::new("E0102", span(callee.range), format!("`{name}` is not a function of this module or a supported builtin"))
                    .label("unknown function").help(format!("define it with `def` at module level; supported builtins: {}", names.join(", "))));
                None
            }
        }
    }

    /// `super().name(args…)` in the direct code of known class `k`'s method: a direct call of
    /// the method the base chain defines (`shapes.rs` made the method direct only if each
    /// resolves), with the first parameter and the arguments.
    fn direct_super_call(&mut self, k: usize, name: &str, args: &[Expr], sp: Span) -> Option<Value> {
        let shapes = self.ctx.shapes;
        let owner = shapes.classes[k].base.and_then(|b| shapes.resolve(b, name));
        let Some(owner) = owner else {
            panic!("invariant `super() of a direct method resolves` broken: super().{name} in a method of {}", shapes.classes[k].name)
        };
        let first = self.first_param.clone()?;
        let mut operands = vec![self.read_name(&first, sp)?];
        for a in args {
            operands.push(self.expr(a)?);
        }
        let b = self.cur?;
        let callee = format!("{name}#{}", shapes.classes[owner].name);
        self.emit(b, NewOp::new(Opcode::PyCall, sp).operands(operands).attr("callee", Attr::Sym(callee)).result(Type::Obj))
    }

    /// `recv.name(args…, kw=value…)`: a method of a builtin type (`py.call_method`); `recv.name`
    /// ends at `attr_end`.
    fn call_method(&mut self, recv: Value, name: &str, arguments: &ast::Arguments, attr_end: u32, sp: Span) -> Option<Value> {
        let (mut args, kwnames) = self.call_args(arguments)?;
        args.insert(0, recv);
        let b = self.cur?;
        self.emit(b, NewOp::new(Opcode::PyCallMethod, sp).operands(args).attr("name", Attr::Str(name.into()))
            .attr("kwnames", Attr::Str(kwnames.join(","))).attr("attr_end", Attr::Int(attr_end.into())).result(Type::Obj))
    }

    /// A call of a module-level function: its arguments evaluated in order (positional, then
    /// keyword), bound to the parameters at compile time (`calls::Signature::bind`), defaults
    /// read from their hidden module variables; a call CPython would refuse raises its TypeError.
    /// (A call with `*` or `**` arguments goes through the function object instead: `call`.)
    fn call_function(&mut self, call: &ast::ExprCall, name: &str, sp: Span) -> Option<Value> {
        let mut args = Vec::new();
        for a in call.arguments.args.iter() {
            args.push(self.expr(a)?);
        }
        let mut kwnames = Vec::new();
        let mut kwvals = Vec::new();
        for k in call.arguments.keywords.iter() {
            kwnames.push(k.arg.as_ref().map_or("", |a| a.as_str()));
            kwvals.push(self.expr(&k.value)?);
        }
        let Some(sig) = self.ctx.sigs.get(name) else {
            let b = self.cur?;
            return self.emit(b, NewOp::new(Opcode::PyCall, sp).operands(args).attr("callee", Attr::Sym(name.into())).result(Type::Obj));
        };
        let sources = match sig.bind(args.len(), &kwnames) {
            Ok(s) => s,
            Err(msg) => {
                let b = self.cur?;
                let m = self.konst(b, Attr::Str(msg), sp);
                self.raise_new("TypeError", vec![m], sp);
                // The expression around the call goes on in a block nothing reaches (removed
                // when the function is finished), so that its control flow stays complete.
                let dead = self.new_block();
                self.seal(dead);
                self.cur = Some(dead);
                return Some(self.konst(dead, Attr::None, sp));
            }
        };
        let mut operands = Vec::new();
        for (i, src) in sources.into_iter().enumerate() {
            let b = self.cur?;
            operands.push(match src {
                Source::Positional(k) => args[k],
                Source::Keyword(k) => kwvals[k],
                Source::Default => self.emit(b, NewOp::new(Opcode::PyLoadGlobal, sp).attr("name", Attr::Sym(sig.default_global(i))).result(Type::Obj))?,
                Source::Rest(start) => self.emit(b, NewOp::new(Opcode::PyTuple, sp).operands(args[start.min(args.len())..].to_vec()).result(Type::Obj))?,
                Source::KwDict(ks) => {
                    let mut items = Vec::new();
                    for k in ks {
                        items.push(self.konst(b, Attr::Str(kwnames[k].to_string()), sp));
                        items.push(kwvals[k]);
                    }
                    self.emit(b, NewOp::new(Opcode::PyDict, sp).operands(items).result(Type::Obj))?
                }
            });
        }
        let b = self.cur?;
        self.emit(b, NewOp::new(Opcode::PyCall, sp).operands(operands).attr("callee", Attr::Sym(name.into())).result(Type::Obj))
    }

    /// `print(...)`, with `sep=` and `end=` string literals (or None).
    fn call_print(&mut self, call: &ast::ExprCall, sp: Span) -> Option<Value> {
        let mut sep = "\u{20}".to_string();
        let mut end = "\n".to_string();
        for k in call.arguments.keywords.iter() {
            let which = k.arg.as_ref().map(|a| a.as_str());
            let value = match &k.value {
                Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
                Expr::NoneLiteral(_) => None,
                other => {
                    self.err(Diagnostic::new("E0102", span(other.range()), "print's `sep=` and `end=` must be string literals or None")
                        .label("not a literal").help("write e.g. `sep=\", \"`"));
                    return None;
                }
            };
            match which {
                Some("sep") => sep = value.unwrap_or_else(|| " ".into()),
                Some("end") => end = value.unwrap_or_else(|| "\n".into()),
                _ => {
                    self.err(Diagnostic::new("E0102", span(k.range), "print() supports only the `sep=` and `end=` keywords")
                        .label("unsupported keyword").help("remove it; `file=` and `flush=` are not supported yet"));
                    return None;
                }
            }
        }
        let mut args = Vec::new();
        for a in call.arguments.args.iter() {
            args.push(self.expr(a)?);
        }
        let b = self.cur?;
        let (_, b) = self.append(b, NewOp::new(Opcode::PyPrint, sp).operands(args).attr("sep", Attr::Str(sep)).attr("end", Attr::Str(end)));
        Some(self.konst(b, Attr::None, sp))
    }
}

/// `recv.name(arg)` that the compiler writes itself (a display's or comprehension's store),
/// blamed on the whole construct `sp`.
pub(super) fn one_arg_method(recv: Value, name: &str, arg: Value, sp: Span) -> NewOp {
    NewOp::new(Opcode::PyCallMethod, sp).operands([recv, arg]).attr("name", Attr::Str(name.into()))
        .attr("kwnames", Attr::Str(String::new())).attr("attr_end", Attr::Int(sp.end.into())).result(Type::Obj)
}

/// The `py.binop` operator of a Python binary operator (`@` is not supported).
pub(super) fn binop(op: ast::Operator) -> Option<ArithOp> {
    Some(match op {
        ast::Operator::Add => ArithOp::Add,
        ast::Operator::Sub => ArithOp::Sub,
        ast::Operator::Mult => ArithOp::Mul,
        ast::Operator::Div => ArithOp::TrueDiv,
        ast::Operator::FloorDiv => ArithOp::FloorDiv,
        ast::Operator::Mod => ArithOp::Mod,
        ast::Operator::Pow => ArithOp::Pow,
        ast::Operator::LShift => ArithOp::LShift,
        ast::Operator::RShift => ArithOp::RShift,
        ast::Operator::BitAnd => ArithOp::And,
        ast::Operator::BitOr => ArithOp::Or,
        ast::Operator::BitXor => ArithOp::Xor,
        ast::Operator::MatMult => return None,
    })
}

/// The decimal digits of an integer literal's token (`0x_ff…`, `0o…`, `0b…`, `1_000…`), for
/// literals beyond the i64 range; `None` if the token is not an integer literal.
/// The number of digits of a decimal int literal (0 for hexadecimal, octal and binary ones).
fn decimal_digits(token: &str) -> usize {
    let lower = token.to_ascii_lowercase();
    if ["0x", "0o", "0b"].iter().any(|p| lower.starts_with(p)) {
        return 0;
    }
    token.chars().filter(char::is_ascii_digit).count()
}

pub(super) fn int_literal_decimal(token: &str) -> Option<String> {
    let t: String = token.chars().filter(|&c| c != '_').collect::<String>().to_ascii_lowercase();
    let (radix, digits) = match t.get(..2) {
        Some("0x") => (16, &t[2..]),
        Some("0o") => (8, &t[2..]),
        Some("0b") => (2, &t[2..]),
        _ => (10, t.as_str()),
    };
    if digits.is_empty() {
        return None;
    }
    // Little-endian base-10^9 limbs, multiplied by the radix and added to per digit.
    let mut limbs: Vec<u64> = vec![0];
    for c in digits.chars() {
        let d = u64::from(c.to_digit(radix)?);
        let mut carry = d;
        for l in limbs.iter_mut() {
            let v = *l * u64::from(radix) + carry;
            *l = v % 1_000_000_000;
            carry = v / 1_000_000_000;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    let mut out = limbs.last().map(|l| l.to_string()).unwrap_or_default();
    for l in limbs.iter().rev().skip(1) {
        out.push_str(&format!("{l:09}"));
    }
    Some(out)
}

/// Whether a call with `args` has a form that `call` lowers statically (else the builtin's
/// object is called as a value).
fn static_form_fits(call: Call, args: &ast::Arguments) -> bool {
    let given = args.args.len();
    if args.args.iter().any(|a| matches!(a, Expr::Starred(_))) || args.keywords.iter().any(|k| k.arg.is_none()) {
        return false;
    }
    let kw = || args.keywords.iter().filter_map(|k| k.arg.as_ref().map(|a| a.as_str()));
    match call {
        Call::Print => args.keywords.iter().all(|k| {
            matches!(k.arg.as_ref().map(|a| a.as_str()), Some("sep" | "end"))
                && matches!(&k.value, Expr::StringLiteral(_) | Expr::NoneLiteral(_))
        }),
        Call::Op(_, arity, defaults) => args.keywords.is_empty() && given <= arity && given + defaults.len() >= arity,
        Call::Args(_, min, max, kws) => {
            let names: Vec<&str> = kw().collect();
            given >= min && max.is_none_or(|m| given <= m) && names.iter().all(|n| kws.contains(n))
                && names.iter().enumerate().all(|(i, n)| !names[..i].contains(n))
        }
        Call::UpTo(_, max) => args.keywords.is_empty() && given <= max,
        Call::Bool | Call::Exception => args.keywords.is_empty() && given <= 1,
        Call::Sorted => given == 1,
        // Without arguments: rejected where the call is lowered.
        Call::ValueOfArgument => given == 0 && args.keywords.is_empty(),
        Call::Value | Call::Unsupported => false,
    }
}

pub(super) fn unsupported_operator(sp: Span, op: ast::Operator) -> Diagnostic {
    Diagnostic::new("E0101", sp, format!("the `{}` operator is not supported yet", op.as_str()))
        .label("unsupported operator").help("supported: + - * / // % ** << >> & | ^")
}

/// One operator of a comparison expression: a `py.compare`, or membership (`py.contains`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Comparison {
    Op(CmpOp),
    In,
    NotIn,
}

pub(super) fn comparison(op: ast::CmpOp) -> Option<Comparison> {
    Some(match op {
        ast::CmpOp::Lt => Comparison::Op(CmpOp::Lt),
        ast::CmpOp::LtE => Comparison::Op(CmpOp::Le),
        ast::CmpOp::Gt => Comparison::Op(CmpOp::Gt),
        ast::CmpOp::GtE => Comparison::Op(CmpOp::Ge),
        ast::CmpOp::Eq => Comparison::Op(CmpOp::Eq),
        ast::CmpOp::NotEq => Comparison::Op(CmpOp::Ne),
        ast::CmpOp::Is => Comparison::Op(CmpOp::Is),
        ast::CmpOp::IsNot => Comparison::Op(CmpOp::IsNot),
        ast::CmpOp::In => Comparison::In,
        ast::CmpOp::NotIn => Comparison::NotIn,
    })
}

impl FnLower<'_> {
    /// `yield from x` (PEP 380, CPython 3.11's GET_YIELD_FROM_ITER + SEND loop): the iterator
    /// of `x`, then `py.yield_from_send` of what was sent (None first) until it finishes; each
    /// value it gives is yielded. The expression's value is the iterator's return value.
    fn yield_from(&mut self, value: &Expr, sp: Span) -> Option<Value> {
        let x = self.expr(value)?;
        let b = self.cur?;
        let it = self.emit(b, NewOp::new(Opcode::PyIter, sp).operands([x]).result(Type::Obj))?;
        let b = self.cur?;
        let none = self.konst(b, Attr::None, sp);
        let header = self.new_block();
        let sent = self.func.add_block_param(header, Type::Obj);
        self.names.insert(sent, "<sent>".into());
        self.br_args(b, header, vec![none], sp);
        self.cur = None;
        let (body, exit) = (self.new_block(), self.new_block());
        let (step, h) = self.append(header, NewOp::new(Opcode::PyYieldFromSend, sp).operands([it, sent]).result(Type::Obj).result(Type::Bool));
        let (v, more) = (self.func.ops[step].results[0], self.func.ops[step].results[1]);
        self.cond_br(h, more, body, vec![], exit, sp);
        self.seal(body);
        self.cur = Some(body);
        let s2 = self.emit(body, NewOp::new(Opcode::PyYield, sp).operands([v]).result(Type::Obj));
        if let (Some(s2), Some(b)) = (s2, self.cur.take()) {
            self.br_args(b, header, vec![s2], sp);
        }
        self.seal(header);
        self.seal(exit);
        self.cur = Some(exit);
        Some(v)
    }
}

pub(super) fn expr_kind(e: &Expr) -> &'static str {
    match e {
        Expr::Named(_) => "the walrus operator `:=`",
        Expr::Lambda(_) => "`lambda`",
        Expr::Dict(_) | Expr::DictComp(_) => "a dict",
        Expr::Set(_) | Expr::SetComp(_) => "a set",
        Expr::ListComp(_) => "a list comprehension",
        Expr::List(_) => "a list",
        Expr::Tuple(_) => "a tuple",
        Expr::Generator(_) => "a generator expression",
        Expr::Await(_) => "`await`",
        Expr::Yield(_) => "`yield`",
        Expr::YieldFrom(_) => "`yield from`",
        Expr::FString(_) | Expr::TString(_) => "an f-string",
        Expr::BytesLiteral(_) => "a bytes literal",
        Expr::EllipsisLiteral(_) => "`...`",
        Expr::Attribute(_) => "attribute access",
        Expr::Subscript(_) => "subscription",
        Expr::Starred(_) => "a starred expression",
        Expr::Slice(_) => "a slice",
        _ => "this expression",
    }
}

#[cfg(test)]
mod tests {
    use super::int_literal_decimal;

    #[test]
    fn int_literals_in_every_base() {
        // Expected values from python3.
        assert_eq!(int_literal_decimal("18446744073709551616").as_deref(), Some("18446744073709551616"));
        assert_eq!(int_literal_decimal("0xFFFF_FFFF_FFFF_FFFF_FF").as_deref(), Some("4722366482869645213695"));
        assert_eq!(int_literal_decimal("0o777_777_777_777_777_777_777").as_deref(), Some("9223372036854775807"));
        assert_eq!(int_literal_decimal("0b1_0000000000000000000000000000000000000000000000000000000000000000").as_deref(), Some("18446744073709551616"));
        assert_eq!(int_literal_decimal("1_000_000_000_000_000_000_000").as_deref(), Some("1000000000000000000000"));
        assert_eq!(int_literal_decimal("0x"), None);
        assert_eq!(int_literal_decimal("12z"), None);
    }
}

/// Whether `cls.name(...)` (`str.join(",", xs)`, `list.append(l, x)`) calls a method the runtime
/// implements for that class (its method descriptor takes the receiver first); the classes with
/// a method table in `methods`.
fn method_of_class_supported(cls: crate::abi::BuiltinClass, name: &str) -> bool {
    use crate::abi::BuiltinClass as C;
    // A slot wrapper read from the class (`int.__add__(a, b)`, `str.__hash__(s)`): the
    // runtime's (`infer::runtime_enables` links them).
    if crate::methods::is_protocol_dunder(name) {
        return true;
    }
    let ty = match cls {
        C::Str => Type::Str,
        // The dunders of `list`, `dict` and `tuple` are their slot wrappers
        // (`list.__init__(self, xs)`, `tuple.__new__(cls, xs)` in a subclass;
        // `infer::runtime_enables` links them).
        C::List if crate::methods::is_container_dunder(name) => return true,
        C::Dict if crate::methods::is_container_dunder(name) => return true,
        C::Tuple if crate::methods::is_container_dunder(name) => return true,
        C::List => Type::List,
        C::Int => Type::Int,
        C::Float => Type::Float,
        C::Bool => Type::Bool,
        // `dict.fromkeys(…)`, a classmethod (the only method of dict read from the class here).
        C::Dict => return name == "fromkeys",
        C::Object
        | C::Type
        | C::Tuple
        | C::NoneType
        | C::Set
        | C::FrozenSet
        | C::Range
        | C::Enumerate
        | C::Zip
        | C::Reversed
        | C::Map
        | C::Filter
        | C::Function
        | C::Super
        | C::StaticMethod
        | C::ClassMethod
        | C::Property
        | C::Slice => return false,
        // `bytes.fromhex(s)`, and the methods read from the class (method descriptors): the
        // runtime has every one (translate and maketrans raise NotImplementedError).
        C::Bytes => return true,
    };
    matches!(crate::methods::lookup(Some(ty), name), crate::methods::Method::Supported(_))
}
