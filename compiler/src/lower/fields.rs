//! Typed reads whose type inference proved but lowering still tests: layout fields of known
//! classes' instances (`t.get_field`, `t.set_field`, decisions/0031 and 0037) and the items of
//! lists whose item type is proven (`t.obj_next`, `t.list_getitem`, decisions/0053).
//!
//! Invariant: a typed result is tested against its type (a typed tuple item by item, as its
//! items are later read untested); a mismatch raises RuntimeError naming the broken invariant,
//! never gives a wrong value.

use molt_ir::{Attr, Block, CmpOp, NewOp, Opcode, Span, Type, Value};

use super::L;
use crate::abi::RtFn;

impl L<'_> {
    /// `a.NAME` on an instance of a known class, NAME in slot `index` (`t.get_field`): the
    /// slot's reference when the slot is set, else the generic lookup; as a `ty` (tested).
    pub(super) fn get_field(&mut self, inst: Value, ty: Type, name: &Attr, index: &Attr, sp: Span) -> Value {
        let index = index.as_int().unwrap_or(0);
        if ty == Type::Float {
            return self.get_float_field(inst, name, index, sp);
        }
        let w = self.val(NewOp::new(Opcode::LLoadWord, sp).operands([inst]).attr("offset", Attr::Int(crate::abi::INSTANCE_SLOTS_OFFSET + 8 * index)).result(Type::I64));
        let empty = self.i64c(crate::abi::INSTANCE_SLOT_EMPTY, sp);
        let set = self.icmp(CmpOp::Ne, w, empty, sp);
        let (fast_b, slow_b, join) = (self.new_block(), self.new_block(), self.new_block());
        let r = self.out.add_block_param(join, Type::Ref);
        self.cond_br(set, fast_b, vec![], slow_b, vec![], sp);
        self.cur = fast_b;
        let v = self.val(NewOp::new(Opcode::LSlotLoad, sp).operands([inst]).attr("index", Attr::Int(index)).result(Type::Ref));
        self.br(join, vec![v], sp);
        self.cur = slow_b;
        let n = self.str_object(name.as_str().unwrap_or(""), sp);
        let v = self.call_val(RtFn::molt_obj_getattr, vec![inst, n], Type::Ref, sp);
        self.br(join, vec![v], sp);
        self.cur = join;
        if ty == Type::TObj {
            return r;
        }
        // A typed field: every store gives it this type (inference); tested all the same.
        let msg = format!("invariant `field type` broken: attribute '{}' does not hold a {}", name.as_str().unwrap_or(""), ty.python_name());
        self.proven(r, ty, &msg, sp)
    }

    /// Reference `r` as a `ty`, which inference proved it is (a typed field, a list's item):
    /// tested all the same; a mismatch raises RuntimeError with `msg` (naming the broken
    /// invariant), never gives a wrong value.
    fn proven(&mut self, r: Value, ty: Type, msg: &str, sp: Span) -> Value {
        let bad = self.new_block();
        self.test_deep(r, ty, bad, sp);
        let good = self.cur;
        self.cur = bad;
        self.raise("RuntimeError", msg, sp);
        self.br(good, vec![], sp);
        self.cur = good;
        self.unbox(r, ty, sp)
    }

    /// Tests that `v` is a `ty`, continuing in a new current block when it is and branching to
    /// `bad` when not. A typed tuple is tested item by item (its items are read untested later),
    /// after its kind and length.
    fn test_deep(&mut self, v: Value, ty: Type, bad: Block, sp: Span) {
        let ok = self.is_type(v, ty, sp);
        let next = self.new_block();
        self.cond_br(ok, next, vec![], bad, vec![], sp);
        self.cur = next;
        if let Type::Tuple(l) = ty {
            let items = l.types();
            // Items of the kinds the runtime tests: one call.
            let kind = |t: Type| match t {
                Type::TObj => Some(0),
                Type::Int => Some(1),
                Type::Float => Some(2),
                Type::Str => Some(3),
                Type::Bool => Some(4),
                Type::None => Some(5),
                Type::List | Type::Tuple(_) | Type::Inst(_) | Type::Class(_) | Type::Obj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref => None,
            };
            if items.len() < 16 && let Some(kinds) = items.iter().map(|&t| kind(t)).collect::<Option<Vec<i64>>>() {
                let code = kinds.iter().enumerate().fold(0i64, |acc, (i, k)| acc | k << (4 * i));
                let (n, code) = (self.i64c(items.len() as i64, sp), self.i64c(code, sp));
                let ok = self.call_val(RtFn::molt_tuple_shape_is, vec![v, n, code], Type::I1, sp);
                let next = self.new_block();
                self.cond_br(ok, next, vec![], bad, vec![], sp);
                self.cur = next;
                return;
            }
            let len = self.call_val(RtFn::molt_obj_len, vec![v], Type::Ref, sp);
            let want = self.int_const(&Attr::Int(items.len() as i64), sp);
            let (a, b) = (self.bits(len, sp), self.bits(want, sp));
            let same = self.icmp(CmpOp::Eq, a, b, sp);
            let next = self.new_block();
            self.cond_br(same, next, vec![], bad, vec![], sp);
            self.cur = next;
            for (i, &t) in items.iter().enumerate() {
                let idx = self.i64c(i as i64, sp);
                let item = self.call_val(RtFn::molt_tuple_item, vec![v, idx], Type::Ref, sp);
                self.test_deep(item, t, bad, sp);
            }
        }
    }

    /// The item a list iterator or `a[i]` gave (`r`), as the type inference proved every store
    /// gives the list's items (decisions/0053).
    pub(super) fn proven_item(&mut self, r: Value, ty: Type, sp: Span) -> Value {
        let msg = format!("invariant `list item type` broken: a list's item is not a {}", ty.python_name());
        self.proven(r, ty, &msg, sp)
    }

    /// [`Self::get_field`] of a float field: the fast path reads the f64 through the slot's
    /// reference without taking one (`l.slot_float_load`); an empty slot (the attribute is in
    /// the instance's `__dict__`, or missing) takes the generic read.
    fn get_float_field(&mut self, inst: Value, name: &Attr, index: i64, sp: Span) -> Value {
        let (slow_b, bad, good, join) = (self.new_block(), self.new_block(), self.new_block(), self.new_block());
        let r = self.out.add_block_param(join, Type::F64);
        let op = self.out.append_op(self.cur, NewOp::new(Opcode::LSlotFloatLoad, sp).operands([inst]).attr("index", Attr::Int(index)).result(Type::F64).result(Type::I1));
        let (x, ok) = (self.out.ops[op].results[0], self.out.ops[op].results[1]);
        self.cond_br(ok, join, vec![x], slow_b, vec![], sp);
        self.cur = slow_b;
        let n = self.str_object(name.as_str().unwrap_or(""), sp);
        let v = self.call_val(RtFn::molt_obj_getattr, vec![inst, n], Type::Ref, sp);
        let is_float = self.is_type(v, Type::Float, sp);
        self.cond_br(is_float, good, vec![], bad, vec![], sp);
        self.cur = good;
        let y = self.unbox(v, Type::Float, sp);
        self.br(join, vec![y], sp);
        // A typed field: every store gives it this type (inference); tested all the same.
        self.cur = bad;
        let msg = format!("invariant `field type` broken: attribute '{}' does not hold a float", name.as_str().unwrap_or(""));
        self.raise("RuntimeError", &msg, sp);
        let unreachable = self.zero(Type::F64, sp);
        self.br(join, vec![unreachable], sp);
        self.cur = join;
        r
    }

    /// `a.NAME = v` on an instance of a known class, NAME in slot `index` (`t.set_field`):
    /// into the slot while the instance has no `__dict__`, else the generic store.
    /// A float value may reuse the slot's float object (`l.slot_float_store`).
    pub(super) fn set_field(&mut self, inst: Value, v: Value, ty: Type, name: &Attr, index: &Attr, sp: Span) {
        let index = index.as_int().unwrap_or(0);
        let d = self.val(NewOp::new(Opcode::LLoadWord, sp).operands([inst]).attr("offset", Attr::Int(crate::abi::INSTANCE_DICT_OFFSET)).result(Type::I64));
        let zero = self.i64c(0, sp);
        let no_dict = self.icmp(CmpOp::Eq, d, zero, sp);
        let (fast_b, slow_b, join) = (self.new_block(), self.new_block(), self.new_block());
        self.cond_br(no_dict, fast_b, vec![], slow_b, vec![], sp);
        self.cur = fast_b;
        if ty == Type::Float {
            self.push(NewOp::new(Opcode::LSlotFloatStore, sp).operands([inst, v]).attr("index", Attr::Int(index)));
        } else {
            let b = self.box_value(ty, v, sp);
            self.push(NewOp::new(Opcode::LSlotStore, sp).operands([inst, b]).attr("index", Attr::Int(index)));
        }
        self.br(join, vec![], sp);
        self.cur = slow_b;
        let n = self.str_object(name.as_str().unwrap_or(""), sp);
        let b = self.box_value(ty, v, sp);
        self.call(RtFn::molt_obj_setattr, vec![inst, n, b], None, sp);
        self.br(join, vec![], sp);
        self.cur = join;
    }
}
