//! Boxed values in LIR: boxing, the type tests of guards, and unboxing.
//!
//! Ints and strs are already references (boxing them is free); a float is boxed in a new float
//! object; bools and None are the runtime's static objects; a tuple is a reference to a tuple
//! object whose items are boxed, and so is a list. A type test of a boxed value reads
//! the tag bit (small ints) or compares the object's type with a static type object.

use molt_ir::{Attr, CmpOp, NewOp, Opcode, Span, Type, Value};

use super::L;
use crate::abi::{RtFn, RtObj};

impl L<'_> {
    pub(super) fn static_ref(&mut self, obj: RtObj, sp: Span) -> Value {
        self.val(NewOp::new(Opcode::LStaticRef, sp).attr("object", Attr::Sym(obj.name().into())).result(Type::Ref))
    }

    fn type_is(&mut self, v: Value, ty: RtObj, sp: Span) -> Value {
        self.val(NewOp::new(Opcode::LTypeIs, sp).operands([v]).attr("type", Attr::Sym(ty.name().into())).result(Type::I1))
    }

    pub(super) fn is_static(&mut self, v: Value, obj: RtObj, sp: Span) -> Value {
        let s = self.static_ref(obj, sp);
        let (a, b) = (self.bits(v, sp), self.bits(s, sp));
        self.icmp(CmpOp::Eq, a, b, sp)
    }

    /// The boxed form of a value of TIR type `t` (its LIR value `v`).
    pub(super) fn box_value(&mut self, t: Type, v: Value, sp: Span) -> Value {
        match t {
            Type::Int | Type::Str | Type::TObj | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_) => v,
            Type::Float => self.call_val(RtFn::molt_box_float, vec![v], Type::Ref, sp),
            Type::Bool => {
                let (tr, fa) = (self.static_ref(RtObj::molt_true, sp), self.static_ref(RtObj::molt_false, sp));
                self.select(v, tr, fa, sp)
            }
            Type::None => self.static_ref(RtObj::molt_none, sp),
            Type::Index | Type::Obj | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref => v,
        }
    }

    /// Whether boxed value `v`'s run-time type is exactly `t`.
    pub(super) fn is_type(&mut self, v: Value, t: Type, sp: Span) -> Value {
        match t {
            Type::Int => {
                let small = self.is_small(v, sp);
                let big = self.type_is(v, RtObj::molt_type_int, sp);
                let tr = self.konst(Attr::Bool(true), Type::I1, sp);
                self.select(small, tr, big, sp)
            }
            Type::Float => self.type_is(v, RtObj::molt_type_float, sp),
            Type::Str => self.type_is(v, RtObj::molt_type_str, sp),
            // Any tuple: its items' types are checked where they are read.
            Type::Tuple(_) => self.type_is(v, RtObj::molt_type_tuple, sp),
            Type::List => self.type_is(v, RtObj::molt_type_list, sp),
            Type::Bool => {
                let is_true = self.is_static(v, RtObj::molt_true, sp);
                let is_false = self.is_static(v, RtObj::molt_false, sp);
                let tr = self.konst(Attr::Bool(true), Type::I1, sp);
                self.select(is_true, tr, is_false, sp)
            }
            Type::None => self.is_static(v, RtObj::molt_none, sp),
            // An instance of exactly known class `n`: its type's known-class number (a small int
            // is tested as None is, whose type is no known class).
            Type::Inst(n) => {
                let small = self.is_small(v, sp);
                let none = self.static_ref(RtObj::molt_none, sp);
                let heap = self.select(small, none, v, sp);
                let k = self.val(NewOp::new(Opcode::LKnownClass, sp).operands([heap]).result(Type::I64));
                let want = self.i64c(i64::from(n) + 1, sp);
                self.icmp(CmpOp::Eq, k, want, sp)
            }
            // Inference never guards on a class object.
            Type::Class(_) => panic!("invariant `guards test builtin types` broken: a guard on {t}"),
            Type::TObj | Type::Index | Type::Obj | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref => self.konst(Attr::Bool(true), Type::I1, sp),
        }
    }

    /// The typed value inside boxed value `v`, known (guarded) to be a `t`.
    pub(super) fn unbox(&mut self, v: Value, t: Type, sp: Span) -> Value {
        match t {
            Type::Float => self.val(NewOp::new(Opcode::LLoadFloat, sp).operands([v]).result(Type::F64)),
            Type::Bool => self.is_static(v, RtObj::molt_true, sp),
            Type::None => self.konst(Attr::Bool(false), Type::I1, sp),
            Type::Int | Type::Str | Type::TObj | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_) | Type::Index | Type::Obj | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref => v,
        }
    }
}
