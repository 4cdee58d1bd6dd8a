//! `yield from` (decisions/0030).
//!
//! TEMPORARY(#8): a placeholder so that the ABI declaration builds while the runtime side is
//! written; `molt_yf_send` raises NotImplementedError. Replaced by the full module.

use super::Obj;
use crate::ExceptionKind;
use crate::exceptions::raise;

/// `molt_yf_send` (see `abi.rs`).
#[unsafe(no_mangle)]
pub extern "C" fn molt_yf_send(_it: Obj, _sent: Obj) -> Obj {
    raise(ExceptionKind::NotImplementedError, "yield from");
    Obj::default()
}

/// `molt_yf_done` (see `abi.rs`).
#[unsafe(no_mangle)]
pub extern "C" fn molt_yf_done() -> bool {
    true
}
