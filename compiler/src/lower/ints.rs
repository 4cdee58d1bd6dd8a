//! Python ints in LIR: an inline small-int fast path, a runtime call as the slow path.
//!
//! A small int is the word `value << 1` (low bit 0), so on two small ints `+` and `-` are the
//! machine operations on the words, `*` multiplies one untagged word by the other, the bitwise
//! operators work on the words directly, and comparisons compare the words. The fast path is
//! taken when both operands are small and the machine operation does not overflow; otherwise
//! `molt_int_binop` (big ints, overflow into a big int, ZeroDivisionError, negative shift
//! counts) computes the result. Every path ends in a join block whose argument is the result.

use molt_ir::{ArithOp, Attr, BitOp, CastOp, CmpOp, NewOp, Opcode, Span, Type, Value};

use super::{L, binary_op};
use crate::abi::{self, RtFn, UnaryOp};

/// The smallest and largest small ints.
const SMALL_MIN: i64 = -(1 << (abi::SMALL_INT_BITS - 1));
const SMALL_MAX: i64 = (1 << (abi::SMALL_INT_BITS - 1)) - 1;

impl L<'_> {
    pub(super) fn bits(&mut self, v: Value, sp: Span) -> Value {
        self.cast(CastOp::RefBits, v, Type::I64, sp)
    }

    fn ibit(&mut self, op: BitOp, a: Value, b: Value, sp: Span) -> Value {
        self.val(NewOp::new(Opcode::LIbit, sp).operands([a, b]).enum_attr("op", op).result(Type::I64))
    }

    /// `l.iarith_ovf`: `op` is add, sub or mul.
    pub(super) fn arith_ovf(&mut self, op: ArithOp, a: Value, b: Value, sp: Span) -> (Value, Value) {
        let id = self.out.append_op(self.cur, NewOp::new(Opcode::LIarithOvf, sp).operands([a, b]).enum_attr("op", op).result(Type::I64).result(Type::I1));
        (self.out.ops[id].results[0], self.out.ops[id].results[1])
    }

    /// Whether the int `v` is a small int (its word's low bit is 0): `l.is_small_int`, one op
    /// that passes can recognise (`entry-version` counts them per parameter).
    pub(super) fn is_small(&mut self, v: Value, sp: Span) -> Value {
        self.val(NewOp::new(Opcode::LIsSmallInt, sp).operands([v]).result(Type::I1))
    }

    /// An int literal: a small int word, or a big int made at run time.
    pub(super) fn int_const(&mut self, a: &Attr, sp: Span) -> Value {
        match a {
            Attr::Int(v) if (SMALL_MIN..=SMALL_MAX).contains(v) => {
                let bits = self.i64c(v << 1, sp);
                self.cast(CastOp::BitsRef, bits, Type::Ref, sp)
            }
            Attr::Int(v) => {
                let c = self.i64c(*v, sp);
                self.call_val(RtFn::molt_int_from_i64, vec![c], Type::Ref, sp)
            }
            Attr::BigInt(digits) => {
                let p = self.val(NewOp::new(Opcode::LStr, sp).attr("value", Attr::Str(digits.clone())).result(Type::Ptr));
                let n = self.i64c(digits.len() as i64, sp);
                self.call_val(RtFn::molt_int_from_decimal, vec![p, n], Type::Ref, sp)
            }
            Attr::Bool(b) => {
                let bits = self.i64c(if *b { 2 } else { 0 }, sp);
                self.cast(CastOp::BitsRef, bits, Type::Ref, sp)
            }
            Attr::Float(_) | Attr::None | Attr::Str(_) | Attr::Bytes(_) | Attr::Sym(_) | Attr::Type(_) => self.zero(Type::Ref, sp),
        }
    }

    /// Branches to `pass` when every condition of `tests` holds, to `fail` at the first that
    /// does not. One branch per test (not one on their conjunction): on the path where a tag
    /// test passed, LLVM then knows that operand's tag bit and folds the later tests and
    /// reference-count checks of the same word.
    fn test_all(&mut self, tests: &[Value], pass: molt_ir::Block, fail: molt_ir::Block, sp: Span) {
        for (i, &c) in tests.iter().enumerate() {
            let next = if i + 1 == tests.len() { pass } else { self.new_block() };
            self.cond_br(c, next, vec![], fail, vec![], sp);
            self.cur = next;
        }
        if tests.is_empty() {
            self.br(pass, vec![], sp);
        }
    }

    /// Emits `fast` (which computes the result's word and an "overflowed" flag in the current
    /// block) behind the tests `fast_ok` (all must hold); the slow path calls `slow`. Returns
    /// the joined result.
    fn fast_or_slow(
        &mut self,
        fast_ok: &[Value],
        sp: Span,
        fast: impl FnOnce(&mut Self) -> (Value, Option<Value>),
        slow: impl FnOnce(&mut Self) -> Value,
    ) -> Value {
        let (fast_b, slow_b, join) = (self.new_block(), self.new_block(), self.new_block());
        let r = self.out.add_block_param(join, Type::Ref);
        self.test_all(fast_ok, fast_b, slow_b, sp);
        self.cur = fast_b;
        let (bits, overflow) = fast(self);
        // The word's tag bit is 0 by construction; clearing it explicitly lets LLVM know it
        // (known bits), so that tag tests and reference-count tests of the result that follow
        // are folded away on the fast path (jump threading), and the `and` itself usually too.
        let mask = self.i64c(!abi::OBJ_TAG, sp);
        let bits = self.ibit(BitOp::And, bits, mask, sp);
        let word = self.cast(CastOp::BitsRef, bits, Type::Ref, sp);
        match overflow {
            Some(ovf) => self.cond_br(ovf, slow_b, vec![], join, vec![word], sp),
            None => self.br(join, vec![word], sp),
        }
        self.cur = slow_b;
        let v = slow(self);
        self.br(join, vec![v], sp);
        self.cur = join;
        r
    }

    /// The words of two ints and the tests that each is small.
    fn both_small(&mut self, a: Value, b: Value, sp: Span) -> (Value, Value, Vec<Value>) {
        let (x, y) = (self.bits(a, sp), self.bits(b, sp));
        let (sa, sb) = (self.is_small(a, sp), self.is_small(b, sp));
        (x, y, vec![sa, sb])
    }

    fn slow_binop(&mut self, op: ArithOp, a: Value, b: Value, sp: Span) -> Value {
        let code = self.i64c(binary_op(op).code().into(), sp);
        self.call_val(RtFn::molt_int_binop, vec![code, a, b], Type::Ref, sp)
    }

    /// `a op b` for two ints.
    pub(super) fn int_binop(&mut self, op: ArithOp, a: Value, b: Value, sp: Span) -> Value {
        match op {
            // The runtime only (results grow fast; no inline path pays off): no tag test. (Truediv
            // is not an op of `t.int_binop`: the verifier rejects it.)
            ArithOp::Pow | ArithOp::LShift | ArithOp::TrueDiv => return self.slow_binop(op, a, b, sp),
            ArithOp::Add | ArithOp::Sub | ArithOp::Mul | ArithOp::FloorDiv | ArithOp::Mod | ArithOp::RShift | ArithOp::And
            | ArithOp::Or | ArithOp::Xor => {}
        }
        let (x, y, small) = self.both_small(a, b, sp);
        let slow = move |s: &mut Self| s.slow_binop(op, a, b, sp);
        match op {
            ArithOp::Add | ArithOp::Sub => self.fast_or_slow(&small, sp, |s| {
                let (r, o) = s.arith_ovf(op, x, y, sp);
                (r, Some(o))
            }, slow),
            ArithOp::Mul => self.fast_or_slow(&small, sp, |s| {
                let one = s.i64c(1, sp);
                let xv = s.ibit(BitOp::AShr, x, one, sp);
                let (r, o) = s.arith_ovf(ArithOp::Mul, xv, y, sp);
                (r, Some(o))
            }, slow),
            ArithOp::And => self.fast_or_slow(&small, sp, |s| (s.ibit(BitOp::And, x, y, sp), None), slow),
            ArithOp::Or => self.fast_or_slow(&small, sp, |s| (s.ibit(BitOp::Or, x, y, sp), None), slow),
            ArithOp::Xor => self.fast_or_slow(&small, sp, |s| (s.ibit(BitOp::Xor, x, y, sp), None), slow),
            ArithOp::FloorDiv | ArithOp::Mod => {
                // Untagged operands are within ±2**62, so the machine division cannot overflow;
                // the result is re-tagged by doubling, which overflows only for -2**62 // -1.
                let z = self.i64c(0, sp);
                let nonzero = self.icmp(CmpOp::Ne, y, z, sp);
                let ok = [small[0], small[1], nonzero];
                self.fast_or_slow(&ok, sp, |s| {
                    let one = s.i64c(1, sp);
                    let (xv, yv) = (s.ibit(BitOp::AShr, x, one, sp), s.ibit(BitOp::AShr, y, one, sp));
                    let q = s.val(NewOp::new(Opcode::LIdivFloor, sp).operands([xv, yv]).enum_attr("op", op).result(Type::I64));
                    let (r, o) = s.arith_ovf(ArithOp::Add, q, q, sp);
                    (r, Some(o))
                }, slow)
            }
            ArithOp::RShift => {
                // x >> n for n >= 0: shift the word by min(n, 63) and clear the tag bit.
                let z = self.i64c(0, sp);
                let nonneg = self.icmp(CmpOp::Ge, y, z, sp);
                let ok = [small[0], small[1], nonneg];
                self.fast_or_slow(&ok, sp, |s| {
                    let one = s.i64c(1, sp);
                    let n = s.ibit(BitOp::AShr, y, one, sp);
                    let max = s.i64c(63, sp);
                    let big = s.icmp(CmpOp::Gt, n, max, sp);
                    let n = s.select(big, max, n, sp);
                    let shifted = s.ibit(BitOp::AShr, x, n, sp);
                    let mask = s.i64c(!1, sp);
                    (s.ibit(BitOp::And, shifted, mask, sp), None)
                }, slow)
            }
            // Returned above.
            ArithOp::Pow | ArithOp::LShift | ArithOp::TrueDiv => self.slow_binop(op, a, b, sp),
        }
    }

    /// `-a`, `~a`, `abs(a)` for an int.
    pub(super) fn int_unop(&mut self, op: UnaryOp, a: Value, sp: Span) -> Value {
        let x = self.bits(a, sp);
        let small = self.is_small(a, sp);
        let slow = move |s: &mut Self| {
            let code = s.i64c(op.code().into(), sp);
            s.call_val(RtFn::molt_int_unop, vec![code, a], Type::Ref, sp)
        };
        match op {
            // ~x = -x - 1; on the word 2x that is 2x ^ -2 (= -2x - 2).
            UnaryOp::Invert => self.fast_or_slow(&[small], sp, |s| {
                let m = s.i64c(-2, sp);
                (s.ibit(BitOp::Xor, x, m, sp), None)
            }, slow),
            UnaryOp::Neg => self.fast_or_slow(&[small], sp, |s| {
                let z = s.i64c(0, sp);
                let (r, o) = s.arith_ovf(ArithOp::Sub, z, x, sp);
                (r, Some(o))
            }, slow),
            UnaryOp::Abs => self.fast_or_slow(&[small], sp, |s| {
                let z = s.i64c(0, sp);
                let (neg, o) = s.arith_ovf(ArithOp::Sub, z, x, sp);
                let is_neg = s.icmp(CmpOp::Lt, x, z, sp);
                let r = s.select(is_neg, neg, x, sp);
                let f = s.konst(Attr::Bool(false), Type::I1, sp);
                let ovf = s.select(is_neg, o, f, sp);
                (r, Some(ovf))
            }, slow),
            UnaryOp::Pos => a,
        }
    }

    /// A value computed by `fast` when `cond` holds and by `slow` otherwise, joined in a new
    /// block (where lowering continues) as a block argument of type `ty`.
    fn either(
        &mut self,
        cond: &[Value],
        ty: Type,
        sp: Span,
        fast: impl FnOnce(&mut Self) -> Value,
        slow: impl FnOnce(&mut Self) -> Value,
    ) -> Value {
        let (fast_b, slow_b, join) = (self.new_block(), self.new_block(), self.new_block());
        let r = self.out.add_block_param(join, ty);
        self.test_all(cond, fast_b, slow_b, sp);
        self.cur = fast_b;
        let v = fast(self);
        self.br(join, vec![v], sp);
        self.cur = slow_b;
        let v = slow(self);
        self.br(join, vec![v], sp);
        self.cur = join;
        r
    }

    /// The untagged value of a small int's word.
    fn untag(&mut self, bits: Value, sp: Span) -> Value {
        let one = self.i64c(1, sp);
        self.ibit(BitOp::AShr, bits, one, sp)
    }

    /// `a op b` for two ints: words compare like values when both are small.
    pub(super) fn int_cmp(&mut self, op: CmpOp, a: Value, b: Value, sp: Span) -> Value {
        let (x, y, small) = self.both_small(a, b, sp);
        self.either(&small, Type::I1, sp, |s| s.icmp(op, x, y, sp), |s| {
            let sign = s.call_val(RtFn::molt_int_cmp, vec![a, b], Type::I64, sp);
            let z = s.i64c(0, sp);
            s.icmp(op, sign, z, sp)
        })
    }

    /// float(int): exact conversion of the untagged value for small ints (correctly rounded by
    /// the machine), the runtime otherwise (OverflowError beyond the float range).
    pub(super) fn int_to_float(&mut self, a: Value, sp: Span) -> Value {
        let x = self.bits(a, sp);
        let small = self.is_small(a, sp);
        self.either(&[small], Type::F64, sp, |s| {
            let v = s.untag(x, sp);
            s.cast(CastOp::SiToFp, v, Type::F64, sp)
        }, |s| s.call_val(RtFn::molt_int_to_float, vec![a], Type::F64, sp))
    }

    /// An int as a machine index: untagged for a small int; the runtime for a big one
    /// (OverflowError beyond 64 bits).
    pub(super) fn int_to_index(&mut self, a: Value, sp: Span) -> Value {
        let x = self.bits(a, sp);
        let small = self.is_small(a, sp);
        self.either(&[small], Type::I64, sp, |s| s.untag(x, sp), |s| s.call_val(RtFn::molt_int_to_i64, vec![a], Type::I64, sp))
    }

    /// The int of a machine index: the tagged word when it fits a small int (a shift whose
    /// low bit LLVM knows is 0), a big int otherwise.
    pub(super) fn index_to_int(&mut self, i: Value, sp: Span) -> Value {
        let one = self.i64c(1, sp);
        let w = self.ibit(BitOp::Shl, i, one, sp);
        let back = self.ibit(BitOp::AShr, w, one, sp);
        let fits = self.icmp(CmpOp::Eq, back, i, sp);
        self.either(&[fits], Type::Ref, sp, |s| s.cast(CastOp::BitsRef, w, Type::Ref, sp), |s| s.call_val(RtFn::molt_int_from_i64, vec![i], Type::Ref, sp))
    }
}
