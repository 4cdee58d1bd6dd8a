//! The code generator's static data for literals: the UTF-8 text of str literals and the bytes
//! of bytes literals (private constant globals, one per distinct literal and unit), and the
//! zero-initialised words where the runtime caches each literal's object (`molt_str_const`,
//! `molt_bytes_const`).
//!
//! Invariants: one global per distinct text and per distinct bytes in a unit (the maps below),
//! never written; a slot word is written only by the runtime.

use inkwell::module::Linkage;
use inkwell::values::PointerValue;
use molt_ir::Attr;

use super::{Codegen, R};

/// The `value` of an `l.bytes` / `l.bytes_slot` op (the verifier guarantees it).
pub(super) fn bytes_attr(o: &molt_ir::OpData) -> R<&[u8]> {
    match o.attr("value") {
        Some(Attr::Bytes(b)) => Ok(b),
        _ => Err(format!("invariant `attributes` broken: `{}` has no bytes value", o.opcode.name())),
    }
}

impl<'c> Codegen<'c, '_, '_> {
    /// The zero-initialised word that caches literal `s`'s str object (`l.str_slot`).
    pub(super) fn str_slot(&mut self, s: &str) -> PointerValue<'c> {
        if let Some(p) = self.str_slots.get(s) {
            return *p;
        }
        let g = self.module.add_global(self.ctx.i64_type(), None, ".strslot");
        g.set_linkage(Linkage::Private);
        g.set_initializer(&self.ctx.i64_type().const_zero());
        let p = g.as_pointer_value();
        self.str_slots.insert(s.to_string(), p);
        p
    }

    /// The word where `molt_bytes_const` keeps the object of bytes literal `b`.
    pub(super) fn bytes_slot(&mut self, b: &[u8]) -> PointerValue<'c> {
        if let Some(p) = self.bytes_slots.get(b) {
            return *p;
        }
        let g = self.module.add_global(self.ctx.i64_type(), None, ".bytesslot");
        g.set_linkage(Linkage::Private);
        g.set_initializer(&self.ctx.i64_type().const_zero());
        let p = g.as_pointer_value();
        self.bytes_slots.insert(b.to_vec(), p);
        p
    }

    /// The address of the static bytes of literal `b`.
    pub(super) fn bytes_ptr(&mut self, b: &[u8]) -> PointerValue<'c> {
        if let Some(p) = self.bytes.get(b) {
            return *p;
        }
        let arr = self.ctx.const_string(b, false);
        let g = self.module.add_global(arr.get_type(), None, ".bytes");
        g.set_linkage(Linkage::Private);
        g.set_constant(true);
        g.set_unnamed_addr(true);
        g.set_initializer(&arr);
        let p = g.as_pointer_value();
        self.bytes.insert(b.to_vec(), p);
        p
    }

    pub(super) fn str_ptr(&mut self, s: &str) -> R<PointerValue<'c>> {
        if let Some(p) = self.strings.get(s) {
            return Ok(*p);
        }
        let arr = self.ctx.const_string(s.as_bytes(), false);
        let g = self.module.add_global(arr.get_type(), None, ".str");
        g.set_linkage(Linkage::Private);
        g.set_constant(true);
        g.set_unnamed_addr(true);
        g.set_initializer(&arr);
        let p = g.as_pointer_value();
        self.strings.insert(s.to_string(), p);
        Ok(p)
    }
}
