//! The code generator's part for the program's imported modules (decisions/0032): their
//! symbols prefixed with the module's name, and the descriptor (the runtime's `UserModule` and
//! its `Entry` table) that the unit defining the module's variables defines.
//!
//! Invariants: the descriptor's layout is the runtime's `UserModule` (twelve words) and `Entry`
//! (five words), field for field; every exported variable is a reference word (its slot and
//! bound flag are the ones the module's code uses).

use inkwell::AddressSpace;
use inkwell::module::Linkage;
use inkwell::values::{BasicValueEnum, FunctionValue, PointerValue};
use inkwell::GlobalVisibility;

use super::{Codegen, R};

/// What the descriptor of an imported module (`molt_import_user`) holds (decisions/0032).
pub struct UserModuleInfo<'a> {
    /// Its dotted name.
    pub name: &'a str,
    /// Its module-level names (global slots holding boxed values) and whether each is a `def`
    /// its code calls directly.
    pub exports: &'a [(String, bool)],
}

/// The symbol of module `name`'s descriptor (the runtime's `UserModule`).
pub fn module_symbol(name: &str) -> String {
    format!("molt_module.{name}")
}

impl<'c> Codegen<'c, '_, '_> {
    /// The prefix of this unit's symbols: none for `__main__`, `NAME:` for module NAME.
    pub(super) fn prefix(&self) -> String {
        self.src.user.as_ref().map_or(String::new(), |u| format!("{}:", u.name))
    }

    /// The symbol of compiled function `name` of this unit's module.
    pub(super) fn fsym(&self, name: &str) -> String {
        format!("py.{}{name}", self.prefix())
    }

    /// The runtime's `UserModule`: twelve words.
    pub(super) fn descriptor_type(&self) -> inkwell::types::StructType<'c> {
        let (p, w) = (self.ctx.ptr_type(AddressSpace::default()).into(), self.ctx.i64_type().into());
        self.ctx.struct_type(&[p, w, p, w, p, p, p, p, w, w, w, w], false)
    }

    /// The address of module `name`'s descriptor (`l.module_desc`): defined by that module's
    /// variables unit, declared elsewhere.
    pub(super) fn descriptor(&mut self, name: &str) -> PointerValue<'c> {
        let sym = module_symbol(name);
        if let Some(g) = self.module.get_global(&sym) {
            return g.as_pointer_value();
        }
        let g = self.module.add_global(self.ctx.i8_type(), None, &sym);
        g.set_linkage(Linkage::External);
        g.set_visibility(GlobalVisibility::Hidden);
        g.as_pointer_value()
    }

    /// Fills this module's descriptor (the runtime's `UserModule` and its `Entry` array): its
    /// name, file, parent package, top-level code, release code and variables.
    pub(super) fn module_descriptor(&mut self, u: &UserModuleInfo<'_>, init: FunctionValue<'c>, release: FunctionValue<'c>) -> R<()> {
        let ptr = self.ctx.ptr_type(AddressSpace::default());
        let i64t = self.ctx.i64_type();
        let entry_ty = self.ctx.struct_type(&[ptr.into(), i64t.into(), ptr.into(), ptr.into(), i64t.into()], false);
        let mut entries = Vec::new();
        for (name, fixed) in u.exports {
            let (v, flag, ty) = *self.globals.get(name).ok_or_else(|| format!("exported variable `{name}` has no slot"))?;
            if ty != i64t.into() {
                return Err(format!("exported variable `{name}` is not a reference word"));
            }
            let np = self.str_ptr(name)?;
            entries.push(entry_ty.const_named_struct(&[np.into(), self.i64c(name.len() as i64).into(), v.as_pointer_value().into(), flag.as_pointer_value().into(), self.i64c(i64::from(*fixed)).into()]));
        }
        let arr = entry_ty.const_array(&entries);
        let eg = self.module.add_global(arr.get_type(), None, ".entries");
        eg.set_linkage(Linkage::Private);
        eg.set_constant(true);
        eg.set_initializer(&arr);
        let np = self.str_ptr(u.name)?;
        let path = self.src.path.to_string();
        let fp = self.str_ptr(&path)?;
        let parent = match u.name.rsplit_once('.') {
            Some((p, _)) => self.descriptor(p),
            None => ptr.const_null(),
        };
        let zero = i64t.const_zero();
        let fields: [BasicValueEnum<'c>; 12] = [
            np.into(), self.i64c(u.name.len() as i64).into(), fp.into(), self.i64c(path.len() as i64).into(), parent.into(),
            init.as_global_value().as_pointer_value().into(), release.as_global_value().as_pointer_value().into(),
            eg.as_pointer_value().into(), self.i64c(entries.len() as i64).into(), zero.into(), zero.into(), zero.into(),
        ];
        let g = self.module.get_global(&module_symbol(u.name)).ok_or("the module descriptor was not declared")?;
        g.set_initializer(&self.descriptor_type().const_named_struct(&fields));
        Ok(())
    }
}
