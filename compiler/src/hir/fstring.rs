//! f-strings: `f"a{x!r:>{w}}b"` becomes its parts as strs, joined left to right with `+`.
//!
//! A literal part is a str constant; a replacement field is `py.format` of the value (its
//! conversion `!s`/`!r`/`!a` as the op's `conv`) with the format spec, itself built the same way
//! (nested fields are formatted with an empty spec). CPython's rules (Python/compile.c,
//! `compiler_formatted_value`): `f"{x=}"` is the text `x=` followed by `repr(x)`, or by
//! `format(x, spec)` when a spec is given and no conversion is; the fields are evaluated left to
//! right, each formatted before the next is evaluated.
//!
//! Invariant: the result is a str (every part is one), and no part is lowered twice. The
//! format ops carry the span of the whole f-string (CPython 3.11's traceback marks it there);
//! the fields' expressions keep their own.

use molt_ir::{Attr, Conversion, NewOp, Opcode, Span, Type, Value};
use ruff_python_ast::{self as ast, FStringPart, InterpolatedStringElement};
use super::FnLower;

impl FnLower<'_> {
    pub(super) fn fstring(&mut self, f: &ast::ExprFString, sp: Span) -> Option<Value> {
        let mut parts = Vec::new();
        for part in f.value.iter() {
            match part {
                FStringPart::Literal(lit) => self.fstring_text(&mut parts, &lit.value, sp),
                FStringPart::FString(fs) => self.fstring_elements(&mut parts, &fs.elements, sp)?,
            }
        }
        self.join_strs(parts, sp)
    }

    fn fstring_text(&mut self, parts: &mut Vec<Value>, text: &str, sp: Span) {
        if let Some(b) = self.cur
            && !text.is_empty()
        {
            parts.push(self.konst(b, Attr::Str(text.into()), sp));
        }
    }

    fn fstring_elements(&mut self, parts: &mut Vec<Value>, elements: &ast::InterpolatedStringElements, sp: Span) -> Option<()> {
        for el in elements.iter() {
            match el {
                InterpolatedStringElement::Literal(l) => self.fstring_text(parts, &l.value, sp),
                InterpolatedStringElement::Interpolation(i) => {
                    // CPython 3.11 reports a formatting error at the whole f-string.
                    let field = sp;
                    if let Some(d) = &i.debug_text {
                        let text = format!("{}{}{}", d.leading(), d.expression(), d.trailing());
                        self.fstring_text(parts, &text, field);
                    }
                    let value = self.expr(&i.expression)?;
                    let conv = match i.conversion {
                        ast::ConversionFlag::None if i.debug_text.is_some() && i.format_spec.is_none() => Conversion::Repr,
                        ast::ConversionFlag::None => Conversion::None,
                        ast::ConversionFlag::Str => Conversion::Str,
                        ast::ConversionFlag::Repr => Conversion::Repr,
                        ast::ConversionFlag::Ascii => Conversion::Ascii,
                    };
                    let spec = match &i.format_spec {
                        Some(spec) => {
                            let mut spec_parts = Vec::new();
                            self.fstring_elements(&mut spec_parts, &spec.elements, field)?;
                            self.join_strs(spec_parts, field)?
                        }
                        None => {
                            let b = self.cur?;
                            self.konst(b, Attr::Str(String::new()), field)
                        }
                    };
                    let b = self.cur?;
                    let v = self.emit(b, NewOp::new(Opcode::PyFormat, field).operands([value, spec]).enum_attr("conv", conv).result(Type::Obj))?;
                    parts.push(v);
                }
            }
        }
        Some(())
    }

    /// `parts[0] + parts[1] + …` (strs) in one allocation, or `''` when there are none.
    fn join_strs(&mut self, parts: Vec<Value>, sp: Span) -> Option<Value> {
        let mut it = parts.into_iter();
        let Some(mut acc) = it.next() else {
            let b = self.cur?;
            return Some(self.konst(b, Attr::Str(String::new()), sp));
        };
        let rest: Vec<Value> = it.collect();
        if rest.is_empty() {
            return Some(acc);
        }
        let mut all = vec![acc];
        all.extend(rest);
        let b = self.cur?;
        acc = self.emit(b, NewOp::new(Opcode::PyBuildString, sp).operands(all).result(Type::Obj))?;
        Some(acc)
    }
}
