//! f-strings through a str builder (decisions/0060): the parts of a `py.build_string` that
//! `hir/fstring.rs` made — str literals and `py.format` fields, each field used by the build
//! alone — are appended to one builder object as they come (`t.sb_new` at the first field,
//! `t.sb_add` / `t.sb_format` / `t.sb_format_float` for the parts, `t.sb_finish` at the build),
//! so each field's text is written once, into the builder, instead of into a str of its own.
//! Part of `emit.rs`'s `Emitter`.
//!
//! Invariants: the order of evaluation is CPython's (each field is formatted where its
//! `py.format` was, before the next field's expression runs; the literals have no effects);
//! the builder is a counted reference like any other, so a part that raises leaves it to be
//! dropped on the raise path. A build whose parts are anything else keeps `t.str_build`.
//! Fields are emitted in dominance order, so in order: a field found out of order is an
//! internal invariant failure.

use std::collections::{HashMap, HashSet};

use molt_ir::{Attr, Block, Conversion, Func, NewOp, OpId, Opcode, Span, Type, Value, ValueDef};

use super::Emitter;

/// The builds of a function that go through a builder, and the emission's progress in each.
#[derive(Default)]
pub(super) struct Builders {
    /// Each field's build and its position among the build's operands.
    fields: HashMap<OpId, (OpId, usize)>,
    builds: HashSet<OpId>,
    /// A started build's builder and the position of its next part.
    started: HashMap<OpId, (Value, usize)>,
}

/// Whether HIR value `v` is a str literal (`Some(text)`).
fn literal(f: &Func, v: Value) -> Option<&str> {
    match f.values[v].def {
        ValueDef::Result(op, _) if f.ops[op].opcode == Opcode::PyConst => match f.ops[op].attr("value") {
            Some(Attr::Str(s)) => Some(s),
            Some(_) | None => None,
        },
        ValueDef::Result(..) | ValueDef::Param(..) => None,
    }
}

impl Builders {
    /// The builds of `f` made of literals and fields used by them alone.
    pub(super) fn plan(f: &Func) -> Builders {
        let mut uses: HashMap<Value, usize> = HashMap::new();
        let mut builds = Vec::new();
        for op in f.ops_in_order() {
            let o = &f.ops[op];
            for &v in o.operands.iter().chain(o.successors.iter().flat_map(|s| s.args.iter())) {
                *uses.entry(v).or_default() += 1;
            }
            if o.opcode == Opcode::PyBuildString {
                builds.push(op);
            }
        }
        let mut plan = Builders::default();
        for b in builds {
            let mut fields = Vec::new();
            let all_parts = f.ops[b].operands.iter().enumerate().all(|(i, &v)| {
                if literal(f, v).is_some() {
                    return true;
                }
                match f.values[v].def {
                    ValueDef::Result(op, 0) if f.ops[op].opcode == Opcode::PyFormat && uses.get(&v) == Some(&1) => {
                        fields.push((op, i));
                        true
                    }
                    ValueDef::Result(..) | ValueDef::Param(..) => false,
                }
            });
            if all_parts && !fields.is_empty() {
                plan.builds.insert(b);
                plan.fields.extend(fields.into_iter().map(|(op, i)| (op, (b, i))));
            }
        }
        plan
    }

    /// Whether `op` is a field or a build that goes through a builder.
    pub(super) fn covers(&self, op: OpId) -> bool {
        self.fields.contains_key(&op) || self.builds.contains(&op)
    }
}

impl Emitter<'_, '_> {
    /// An f-string field's value `x` after its conversion (`!s`, `!r`, `!a`: a str), or `x`
    /// itself without one.
    pub(super) fn converted(&mut self, b: Block, x: Value, conv: Conversion, sp: Span) -> Value {
        let opc = match conv {
            Conversion::None => return x,
            Conversion::Str => Opcode::TObjStr,
            Conversion::Repr => Opcode::TObjRepr,
            Conversion::Ascii => Opcode::TObjAscii,
        };
        let bx = self.boxed(b, x, sp);
        self.value(b, NewOp::new(opc, sp).operands([bx]).result(Type::Str))
    }

    /// Appends the literal parts of `build` before position `end`, from where the last part
    /// appended left off (fields in between were not emitted: unreachable code).
    fn sb_literals(&mut self, b: Block, f: &Func, build: OpId, end: usize) {
        let Some(&(builder, next)) = self.sb.started.get(&build) else { return };
        if end < next {
            panic!("invariant `f-string fields are emitted in order` broken");
        }
        let sp = f.ops[build].span;
        for i in next..end {
            let v = f.ops[build].operands[i];
            if literal(f, v).is_some() {
                let s = self.use_as(b, v, Type::Str, sp);
                self.out.append_op(b, NewOp::new(Opcode::TSbAdd, sp).operands([builder, s]));
            }
        }
        self.sb.started.insert(build, (builder, end));
    }

    /// A field of a build that goes through a builder: its value (converted by `conv`) appended,
    /// formatted with its spec.
    pub(super) fn sb_field(&mut self, b: Block, f: &Func, op: OpId) {
        let o = &f.ops[op];
        let sp = o.span;
        let Some(&(build, index)) = self.sb.fields.get(&op) else {
            panic!("invariant `a builder field is planned` broken");
        };
        if !self.sb.started.contains_key(&build) {
            let builder = self.value(b, NewOp::new(Opcode::TSbNew, sp).result(Type::TObj));
            self.sb.started.insert(build, (builder, 0));
        }
        self.sb_literals(b, f, build, index);
        let builder = self.sb.started[&build].0;
        let (Some(&x), Some(&spec)) = (self.vmap.get(&o.operands[0]), self.vmap.get(&o.operands[1])) else {
            panic!("invariant `operands are emitted before their uses` broken at an f-string field");
        };
        let x = self.converted(b, x, o.expect_enum_attr::<Conversion>("conv"), sp);
        let empty_spec = literal(f, o.operands[1]) == Some("");
        match (self.ty(x), self.ty(spec)) {
            (Type::Str, _) if empty_spec => {
                self.out.append_op(b, NewOp::new(Opcode::TSbAdd, sp).operands([builder, x]));
            }
            (Type::Float, Type::Str) => {
                self.out.append_op(b, NewOp::new(Opcode::TSbFormatFloat, sp).operands([builder, x, spec]));
            }
            (_, Type::Str) => {
                let bx = self.boxed(b, x, sp);
                self.out.append_op(b, NewOp::new(Opcode::TSbFormat, sp).operands([builder, bx, spec]));
            }
            // A spec that inference could not type a str: `format()`'s own checks, then the text.
            (_, _) => {
                let (bx, bspec) = (self.boxed(b, x, sp), self.boxed(b, spec, sp));
                let s = self.value(b, NewOp::new(Opcode::TObjFormat, sp).operands([bx, bspec]).result(Type::Str));
                self.out.append_op(b, NewOp::new(Opcode::TSbAdd, sp).operands([builder, s]));
            }
        }
        self.sb.started.insert(build, (builder, index + 1));
    }

    /// A build that goes through a builder: its last literals appended, then its str.
    pub(super) fn sb_build(&mut self, b: Block, f: &Func, op: OpId) {
        let o = &f.ops[op];
        if !self.sb.started.contains_key(&op) {
            // No field was emitted: the build is unreachable.
            return self.undef_results(b, o);
        }
        self.sb_literals(b, f, op, o.operands.len());
        let builder = self.sb.started[&op].0;
        self.emit(b, o.results[0], NewOp::new(Opcode::TSbFinish, o.span).operands([builder]).result(Type::Str));
    }
}
