//! Generator objects (decisions/0030).
//!
//! TEMPORARY(#8): a placeholder so that the ABI declaration builds while the generator
//! runtime is written; every entry raises NotImplementedError. Replaced by the full module.

use super::Obj;
use crate::ExceptionKind;
use crate::exceptions::raise;

/// `molt_gen_new` (see `abi.rs`).
///
/// # Safety
/// The pointers are valid for reads of their lengths.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_gen_new(_code: *const u8, _nslots: i64, _nrefs: i64, _name: *const u8, _name_len: i64, _qualname: *const u8, _qualname_len: i64) -> Obj {
    raise(ExceptionKind::NotImplementedError, "generators");
    Obj::default()
}

/// `molt_gen_sent` (see `abi.rs`).
#[unsafe(no_mangle)]
pub extern "C" fn molt_gen_sent(_gen: Obj, _sent: Obj) -> Obj {
    raise(ExceptionKind::NotImplementedError, "generators");
    Obj::default()
}
