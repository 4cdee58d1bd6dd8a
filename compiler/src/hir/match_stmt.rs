//! `match` statements (PEP 634) as CPython 3.11 compiles them (`Python/compile.c`:
//! `compiler_match_inner`, `compiler_pattern_*`): the subject evaluated once; each case's
//! pattern tested left to right, depth first, jumping to the next case on the first failed
//! test; the names a pattern captures bound only once the whole pattern matched, before its
//! guard runs (so a failed guard leaves them bound, as in CPython).
//!
//! Relies on: the symbol table (`scope.rs`), which binds every capture name of a pattern in
//! the scope of the `match`. The tests are ordinary HIR ops except four that only patterns
//! need, as CPython has opcodes for them: `py.match_shape` (is the subject a sequence or a
//! mapping), `py.match_class` (the isinstance test and the attributes a class pattern reads),
//! `py.match_keys` (a mapping pattern's values, read with the mapping's `get`). Sequence items
//! come from `py.unpack`/`py.unpack_ex` of the subject, or from `py.subscript` when the star is
//! a wildcard (`[first, *_]` reads one item, as CPython does); `**rest` is a copy of the
//! mapping without the keys (`py.dict` + `py.dict_update` + `py.delitem`).
//!
//! Provides `FnLower::match_stmt`. Invariants: a failed test branches to the case's `fail`
//! block, sealed only after its last predecessor (the guard); every capture of an
//! or-pattern's alternatives reaches the join as a block argument, in the first alternative's
//! order; CPython's compile-time SyntaxErrors (irrefutable patterns before the last case,
//! alternatives binding different names, a name bound twice, repeated keyword attributes,
//! duplicate literal keys, several stars) are diagnostics E0001 and nothing is lowered for the
//! statement.

use molt_ir::{ArithOp, Attr, Block, Builtin, CmpOp, MatchShape, NewOp, Opcode, Span, Type, Value};
use ruff_python_ast::{self as ast, Expr, Pattern};
use ruff_text_size::Ranged;

use super::{FnLower, span};
use crate::diagnostics::Diagnostic;

/// A capture: the name, the value it receives, where.
type Capture = (String, Value, Span);

/// `_` (or `*_`): a pattern that matches anything and binds nothing.
fn is_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchAs(ast::PatternMatchAs { pattern: None, name: None, .. }))
}

fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchStar(ast::PatternMatchStar { name: None, .. }))
}

/// CPython's compile-time checks of one case's pattern, in its order: the first error, with
/// where. `allow_irrefutable` as `compiler_match_inner` sets it (a guard, or the last case).
fn check_pattern(p: &Pattern, allow_irrefutable: bool, stores: &mut Vec<String>) -> Result<(), (Span, String)> {
    let sp = span(p.range());
    let store = |name: &ast::Identifier, stores: &mut Vec<String>| {
        let n = name.as_str().to_string();
        if stores.contains(&n) {
            return Err((sp, format!("multiple assignments to name '{n}' in pattern")));
        }
        stores.push(n);
        Ok(())
    };
    match p {
        Pattern::MatchValue(_) | Pattern::MatchSingleton(_) => Ok(()),
        Pattern::MatchStar(s) => s.name.as_ref().map_or(Ok(()), |n| store(n, stores)),
        Pattern::MatchAs(a) => {
            match &a.pattern {
                None if !allow_irrefutable => {
                    return Err((sp, match &a.name {
                        Some(n) => format!("name capture '{}' makes remaining patterns unreachable", n.as_str()),
                        None => "wildcard makes remaining patterns unreachable".to_string(),
                    }));
                }
                None => {}
                Some(inner) => check_pattern(inner, allow_irrefutable, stores)?,
            }
            a.name.as_ref().map_or(Ok(()), |n| store(n, stores))
        }
        Pattern::MatchSequence(s) => {
            if s.patterns.iter().filter(|p| matches!(p, Pattern::MatchStar(_))).count() > 1 {
                return Err((sp, "multiple starred names in sequence pattern".to_string()));
            }
            s.patterns.iter().try_for_each(|p| check_pattern(p, true, stores))
        }
        Pattern::MatchMapping(m) => {
            let mut seen: Vec<LiteralKey> = Vec::new();
            for (k, v) in m.keys.iter().zip(m.patterns.iter()) {
                match literal_key(k) {
                    Some(key) => {
                        if seen.iter().any(|s| s.same(&key)) {
                            return Err((sp, format!("mapping pattern checks duplicate key ({})", key.repr)));
                        }
                        seen.push(key);
                    }
                    None if matches!(k, Expr::Attribute(_)) => {}
                    None => return Err((sp, "mapping pattern keys may only match literals and attribute lookups".to_string())),
                }
                check_pattern(v, true, stores)?;
            }
            m.rest.as_ref().map_or(Ok(()), |n| store(n, stores))
        }
        Pattern::MatchClass(c) => {
            let kws = &c.arguments.keywords;
            for (i, k) in kws.iter().enumerate() {
                if kws[i + 1..].iter().any(|o| o.attr.as_str() == k.attr.as_str()) {
                    let dup = kws[i + 1..].iter().find(|o| o.attr.as_str() == k.attr.as_str()).map_or(sp, |o| span(o.pattern.range()));
                    return Err((dup, format!("attribute name repeated in class pattern: {}", k.attr.as_str())));
                }
            }
            c.arguments.patterns.iter().chain(kws.iter().map(|k| &k.pattern)).try_for_each(|p| check_pattern(p, true, stores))
        }
        Pattern::MatchOr(o) => {
            let mut control: Option<Vec<String>> = None;
            let n = o.patterns.len();
            for (i, alt) in o.patterns.iter().enumerate() {
                let mut alt_stores = Vec::new();
                check_pattern(alt, i + 1 == n && allow_irrefutable, &mut alt_stores)?;
                match &control {
                    None => control = Some(alt_stores),
                    Some(c) => {
                        let mut a = alt_stores.clone();
                        let mut b = c.clone();
                        a.sort();
                        b.sort();
                        if a != b {
                            return Err((span(alt.range()), "alternative patterns bind different names".to_string()));
                        }
                    }
                }
            }
            for name in control.unwrap_or_default() {
                if stores.contains(&name) {
                    return Err((sp, format!("multiple assignments to name '{name}' in pattern")));
                }
                stores.push(name);
            }
            Ok(())
        }
    }
}

/// A literal key of a mapping pattern, for CPython's duplicate check (`1`, `1.0` and `True`
/// are the same key).
struct LiteralKey {
    value: KeyValue,
    repr: String,
}

#[derive(PartialEq)]
enum KeyValue {
    Num(f64),
    BigInt(String),
    Str(String),
    Bytes(Vec<u8>),
    None,
}

impl LiteralKey {
    fn same(&self, other: &LiteralKey) -> bool {
        self.value == other.value
    }
}

fn literal_key(e: &Expr) -> Option<LiteralKey> {
    let (value, repr) = match e {
        Expr::StringLiteral(s) => {
            let text = s.value.to_str().to_string();
            (KeyValue::Str(text.clone()), python_str_repr(&text))
        }
        Expr::BytesLiteral(b) => {
            let bytes: Vec<u8> = b.value.bytes().collect();
            let repr = format!("b{}", python_str_repr(&bytes.iter().map(|&c| c as char).collect::<String>()));
            (KeyValue::Bytes(bytes), repr)
        }
        Expr::NoneLiteral(_) => (KeyValue::None, "None".to_string()),
        Expr::BooleanLiteral(b) => (KeyValue::Num(if b.value { 1.0 } else { 0.0 }), if b.value { "True" } else { "False" }.to_string()),
        Expr::NumberLiteral(n) => number_key(&n.value, false)?,
        Expr::UnaryOp(u) if u.op == ast::UnaryOp::USub => match &*u.operand {
            Expr::NumberLiteral(n) => number_key(&n.value, true)?,
            _ => return None,
        },
        _ => return None,
    };
    Some(LiteralKey { value, repr })
}

fn number_key(n: &ast::Number, neg: bool) -> Option<(KeyValue, String)> {
    let sign = if neg { "-" } else { "" };
    match n {
        ast::Number::Int(i) => match i.as_i64() {
            Some(v) => {
                let v = if neg { -v } else { v };
                Some((KeyValue::Num(v as f64), v.to_string()))
            }
            None => Some((KeyValue::BigInt(format!("{sign}{i}")), format!("{sign}{i}"))),
        },
        ast::Number::Float(f) => {
            let v = if neg { -*f } else { *f };
            Some((KeyValue::Num(v), float_repr(v)))
        }
        ast::Number::Complex { .. } => None,
    }
}

/// `repr()` of a finite float (shortest round trip; CPython's exponent form past 1e16 and
/// below 1e-4).
fn float_repr(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-4..1e16).contains(&a) {
        let e = format!("{v:e}");
        let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
        let (sign, digits) = exp.strip_prefix('-').map_or(("+", exp), |d| ("-", d));
        return format!("{mant}e{sign}{digits:0>2}");
    }
    let s = format!("{v:?}");
    if s.contains('.') || s.contains('e') { s } else { format!("{s}.0") }
}

/// `repr()` of a str literal's text for a message (CPython's quote choice; printable text).
fn python_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

impl FnLower<'_> {
    /// `match subject: case …`.
    pub(super) fn match_stmt(&mut self, m: &ast::StmtMatch, sp: Span) {
        let n = m.cases.len();
        let mut ok = true;
        for (i, case) in m.cases.iter().enumerate() {
            if let Err((at, msg)) = check_pattern(&case.pattern, case.guard.is_some() || i + 1 == n, &mut Vec::new()) {
                self.err(Diagnostic::new("E0001", at, format!("SyntaxError: {msg}")).label("here"));
                ok = false;
                break;
            }
        }
        if !ok {
            return;
        }
        let Some(subject) = self.expr(&m.subject) else { return };
        let join = self.new_block();
        for case in &m.cases {
            if self.cur.is_none() {
                break;
            }
            let fail = self.new_block();
            let mut captures = Vec::new();
            self.pattern(&case.pattern, subject, fail, &mut captures);
            if self.cur.is_some() {
                for (name, v, at) in captures {
                    self.assign_name(&name, v, at);
                }
                if let Some(g) = &case.guard
                    && let Some(v) = self.expr(g)
                    && let Some(b) = self.cur.take()
                {
                    let gsp = span(g.range());
                    let (c, b) = self.truth(b, v, gsp);
                    let body = self.new_block();
                    self.cond_br(b, c, body, vec![], fail, gsp);
                    self.seal(body);
                    self.cur = Some(body);
                }
                self.suite(&case.body);
                self.br(join, sp);
            }
            self.seal(fail);
            self.cur = self.preds.get(&fail).is_some_and(|p| !p.is_empty()).then_some(fail);
        }
        self.br(join, sp);
        self.seal(join);
        self.cur = self.preds.get(&join).is_some_and(|p| !p.is_empty()).then_some(join);
    }

    /// Continues in the current block when `cond` (a `bool`) holds, else branches to `fail`.
    fn test(&mut self, cond: Value, fail: Block, sp: Span) {
        let Some(b) = self.cur.take() else { return };
        let ok = self.new_block();
        self.cond_br(b, cond, ok, vec![], fail, sp);
        self.seal(ok);
        self.cur = Some(ok);
    }

    /// Continues when `v` (any object) is true, else branches to `fail`.
    fn test_truth(&mut self, v: Value, fail: Block, sp: Span) {
        let Some(b) = self.cur.take() else { return };
        let (c, b) = self.truth(b, v, sp);
        self.cur = Some(b);
        self.test(c, fail, sp);
    }

    fn compare_op(&mut self, l: Value, r: Value, op: CmpOp, sp: Span) -> Option<Value> {
        let b = self.cur?;
        self.emit(b, NewOp::new(Opcode::PyCompare, sp).operands([l, r]).enum_attr("op", op).result(Type::Obj))
    }

    fn length(&mut self, x: Value, sp: Span) -> Option<Value> {
        let b = self.cur?;
        self.emit(b, NewOp::new(Opcode::PyBuiltin, sp).operands([x]).enum_attr("name", Builtin::Len).result(Type::Obj))
    }

    fn int_const(&mut self, v: usize, sp: Span) -> Option<Value> {
        let b = self.cur?;
        Some(self.konst(b, Attr::Int(i64::try_from(v).unwrap_or(i64::MAX)), sp))
    }

    /// The results of an op with `n` `!py.obj` results appended to the current block.
    fn results(&mut self, mut op: NewOp, n: usize) -> Option<Vec<Value>> {
        let b = self.cur?;
        for _ in 0..n {
            op = op.result(Type::Obj);
        }
        let (id, _) = self.append(b, op);
        Some(self.func.ops[id].results.clone())
    }

    /// The tests of pattern `p` on `subject`: the current block continues when it matches,
    /// `fail` is reached when it does not. Captures are pushed, in CPython's order.
    fn pattern(&mut self, p: &Pattern, subject: Value, fail: Block, captures: &mut Vec<Capture>) {
        let sp = span(p.range());
        match p {
            Pattern::MatchValue(v) => {
                let Some(value) = self.expr(&v.value) else { return };
                let Some(eq) = self.compare_op(subject, value, CmpOp::Eq, sp) else { return };
                self.test_truth(eq, fail, sp);
            }
            Pattern::MatchSingleton(s) => {
                let Some(b) = self.cur else { return };
                let value = match s.value {
                    ast::Singleton::None => Attr::None,
                    ast::Singleton::True => Attr::Bool(true),
                    ast::Singleton::False => Attr::Bool(false),
                };
                let c = self.konst(b, value, sp);
                let Some(is) = self.compare_op(subject, c, CmpOp::Is, sp) else { return };
                self.test_truth(is, fail, sp);
            }
            Pattern::MatchAs(a) => {
                if let Some(inner) = &a.pattern {
                    self.pattern(inner, subject, fail, captures);
                }
                if let Some(n) = &a.name {
                    captures.push((n.to_string(), subject, span(n.range)));
                }
            }
            // Only inside a sequence pattern, which binds it.
            Pattern::MatchStar(_) => {}
            Pattern::MatchSequence(s) => self.sequence(&s.patterns, subject, fail, captures, sp),
            Pattern::MatchMapping(m) => self.mapping(m, subject, fail, captures, sp),
            Pattern::MatchClass(c) => self.class(c, subject, fail, captures, sp),
            Pattern::MatchOr(o) => self.or(&o.patterns, subject, fail, captures),
        }
    }

    fn sequence(&mut self, patterns: &[Pattern], subject: Value, fail: Block, captures: &mut Vec<Capture>, sp: Span) {
        let size = patterns.len();
        let star = patterns.iter().position(|p| matches!(p, Pattern::MatchStar(_)));
        let Some(b) = self.cur else { return };
        let Some(is_seq) = self.emit(b, NewOp::new(Opcode::PyMatchShape, sp).operands([subject]).enum_attr("shape", MatchShape::Sequence).result(Type::Bool)) else { return };
        self.test(is_seq, fail, sp);
        let mut len = None;
        if star.is_none() || size > 1 {
            let Some(n) = self.length(subject, sp) else { return };
            let (want, op) = if star.is_none() { (size, CmpOp::Eq) } else { (size - 1, CmpOp::Ge) };
            let Some(k) = self.int_const(want, sp) else { return };
            let Some(c) = self.compare_op(n, k, op, sp) else { return };
            self.test_truth(c, fail, sp);
            len = Some(n);
        }
        if patterns.iter().all(|p| is_wildcard(p) || is_star_wildcard(p)) {
            return;
        }
        match star {
            Some(k) if is_star_wildcard(&patterns[k]) => {
                // `[a, *_, b]`: the items read by index (CPython's pattern_helper_sequence_subscr).
                for (i, p) in patterns.iter().enumerate() {
                    if i == k || is_wildcard(p) {
                        continue;
                    }
                    let index = if i < k {
                        self.int_const(i, sp)
                    } else {
                        let (Some(n), Some(back)) = (len, self.int_const(size - i, sp)) else { return };
                        self.cur.and_then(|b| self.emit(b, NewOp::new(Opcode::PyBinop, sp).operands([n, back]).enum_attr("op", ArithOp::Sub).result(Type::Obj)))
                    };
                    let Some(index) = index else { return };
                    let Some(b) = self.cur else { return };
                    let Some(item) = self.emit(b, NewOp::new(Opcode::PySubscript, sp).operands([subject, index]).result(Type::Obj)) else { return };
                    self.pattern(p, item, fail, captures);
                }
            }
            _ => {
                // The subject unpacked, the starred items as a list (pattern_helper_sequence_unpack).
                let op = match star {
                    Some(k) => NewOp::new(Opcode::PyUnpackEx, sp).operands([subject]).attr("before", Attr::Int(k as i64)).attr("after", Attr::Int((size - k - 1) as i64)),
                    None => NewOp::new(Opcode::PyUnpack, sp).operands([subject]).attr("count", Attr::Int(size as i64)),
                };
                let Some(items) = self.results(op, size) else { return };
                for (p, item) in patterns.iter().zip(items) {
                    match p {
                        Pattern::MatchStar(ast::PatternMatchStar { name: Some(n), .. }) => captures.push((n.to_string(), item, span(p.range()))),
                        p if is_wildcard(p) || is_star_wildcard(p) => {}
                        p => self.pattern(p, item, fail, captures),
                    }
                }
            }
        }
    }

    fn mapping(&mut self, m: &ast::PatternMatchMapping, subject: Value, fail: Block, captures: &mut Vec<Capture>, sp: Span) {
        let Some(b) = self.cur else { return };
        let Some(is_map) = self.emit(b, NewOp::new(Opcode::PyMatchShape, sp).operands([subject]).enum_attr("shape", MatchShape::Mapping).result(Type::Bool)) else { return };
        self.test(is_map, fail, sp);
        let size = m.keys.len();
        if size == 0 && m.rest.is_none() {
            return;
        }
        let mut keys = Vec::new();
        if size > 0 {
            let Some(n) = self.length(subject, sp) else { return };
            let Some(k) = self.int_const(size, sp) else { return };
            let Some(c) = self.compare_op(n, k, CmpOp::Ge, sp) else { return };
            self.test_truth(c, fail, sp);
            for k in &m.keys {
                let Some(v) = self.expr(k) else { return };
                keys.push(v);
            }
            let Some(b) = self.cur else { return };
            let Some(tuple) = self.emit(b, NewOp::new(Opcode::PyTuple, sp).operands(keys.clone()).result(Type::Obj)) else { return };
            let Some(b) = self.cur else { return };
            let Some(values) = self.emit(b, NewOp::new(Opcode::PyMatchKeys, sp).operands([subject, tuple]).result(Type::Obj)) else { return };
            let Some(b) = self.cur else { return };
            let none = self.konst(b, Attr::None, sp);
            let Some(found) = self.compare_op(values, none, CmpOp::IsNot, sp) else { return };
            self.test_truth(found, fail, sp);
            let Some(items) = self.results(NewOp::new(Opcode::PyUnpack, sp).operands([values]).attr("count", Attr::Int(size as i64)), size) else { return };
            for (p, item) in m.patterns.iter().zip(items) {
                self.pattern(p, item, fail, captures);
            }
        }
        if let Some(rest) = &m.rest {
            // `**rest`: a dict of the other items (CPython: BUILD_MAP, DICT_UPDATE, DELETE_SUBSCR).
            let Some(b) = self.cur else { return };
            let Some(d) = self.emit(b, NewOp::new(Opcode::PyDict, sp).result(Type::Obj)) else { return };
            let Some(b) = self.cur else { return };
            self.append(b, NewOp::new(Opcode::PyDictUpdate, sp).operands([d, subject]));
            for &k in &keys {
                let Some(b) = self.cur else { return };
                self.append(b, NewOp::new(Opcode::PyDelitem, sp).operands([d, k]));
            }
            captures.push((rest.to_string(), d, span(rest.range)));
        }
    }

    fn class(&mut self, c: &ast::PatternMatchClass, subject: Value, fail: Block, captures: &mut Vec<Capture>, sp: Span) {
        let Some(cls) = self.expr(&c.cls) else { return };
        let Some(b) = self.cur else { return };
        let names: Vec<Value> = c.arguments.keywords.iter().map(|k| self.konst(b, Attr::Str(k.attr.to_string()), sp)).collect();
        let Some(names) = self.emit(b, NewOp::new(Opcode::PyTuple, sp).operands(names).result(Type::Obj)) else { return };
        let nargs = c.arguments.patterns.len();
        let Some(b) = self.cur else { return };
        let Some(attrs) = self.emit(b, NewOp::new(Opcode::PyMatchClass, sp).operands([subject, cls, names]).attr("nargs", Attr::Int(nargs as i64)).result(Type::Obj)) else { return };
        let Some(b) = self.cur else { return };
        let none = self.konst(b, Attr::None, sp);
        let Some(found) = self.compare_op(attrs, none, CmpOp::IsNot, sp) else { return };
        self.test_truth(found, fail, sp);
        let subs: Vec<&Pattern> = c.arguments.patterns.iter().chain(c.arguments.keywords.iter().map(|k| &k.pattern)).collect();
        if subs.is_empty() {
            return;
        }
        let Some(items) = self.results(NewOp::new(Opcode::PyUnpack, sp).operands([attrs]).attr("count", Attr::Int(subs.len() as i64)), subs.len()) else { return };
        for (p, item) in subs.into_iter().zip(items) {
            if !is_wildcard(p) {
                self.pattern(p, item, fail, captures);
            }
        }
    }

    /// `p1 | p2 | …`: each alternative in turn; the captures (the same names in each, checked
    /// before lowering) reach the join as block arguments in the first alternative's order.
    fn or(&mut self, alts: &[Pattern], subject: Value, fail: Block, captures: &mut Vec<Capture>) {
        let end = self.new_block();
        let mut control: Option<Vec<String>> = None;
        let mut params: Vec<Value> = Vec::new();
        for (i, alt) in alts.iter().enumerate() {
            if self.cur.is_none() {
                break;
            }
            let last = i + 1 == alts.len();
            let alt_fail = if last { fail } else { self.new_block() };
            let mut got = Vec::new();
            self.pattern(alt, subject, alt_fail, &mut got);
            if control.is_none() {
                let names: Vec<String> = got.iter().map(|(n, _, _)| n.clone()).collect();
                for n in &names {
                    let v = self.func.add_block_param(end, Type::Obj);
                    self.names.insert(v, n.clone());
                    params.push(v);
                }
                control = Some(names);
            }
            if let Some(b) = self.cur.take() {
                let order = control.as_deref().unwrap_or(&[]);
                let args: Vec<Value> = order.iter().filter_map(|n| got.iter().find(|(g, _, _)| g == n).map(|(_, v, _)| *v)).collect();
                if args.len() == order.len() {
                    self.br_args(b, end, args, span(alt.range()));
                }
            }
            if !last {
                self.seal(alt_fail);
                self.cur = self.preds.get(&alt_fail).is_some_and(|p| !p.is_empty()).then_some(alt_fail);
            }
        }
        self.cur = None;
        self.seal(end);
        if self.preds.get(&end).is_some_and(|p| !p.is_empty()) {
            self.cur = Some(end);
            let sp = alts.first().map_or(Span::default(), |a| span(a.range()));
            for (n, v) in control.unwrap_or_default().into_iter().zip(params) {
                captures.push((n, v, sp));
            }
        }
    }
}
