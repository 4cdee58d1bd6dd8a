//! The hook table (`exception::MemberHooks`) of the later exception classes whose objects
//! carry members of their own: OSError's family (`os_error`) and SyntaxError's
//! (`syntax_error`). `molt_enable_exception_classes` installs it with the classes; the code
//! every program links reaches these modules only through it.
//!
//! Invariant: each function dispatches on the object's (or class's) family; an exception of
//! neither family gets nothing (no members, no location).

use super::Obj;
use super::exception::{self as exc, MemberHooks};
use super::types::TypeObject;
use super::{os_error, syntax_error};
use crate::exceptions::MoltResult;

static HOOKS: MemberHooks = MemberHooks { new_type: os_error::new_type, init, defines, member, set_member, location: syntax_error::location };

/// Installs the table (from `molt_enable_exception_classes`).
pub fn enable() {
    exc::set_member_hooks(&HOOKS);
}

fn init(o: Obj, args: &[Obj]) -> MoltResult<()> {
    os_error::init(o, args)?;
    syntax_error::init(o, args)
}

fn defines(c: &'static TypeObject, name: &str) -> bool {
    os_error::defines(c, name) || syntax_error::defines(c, name)
}

fn member(o: Obj, name: &str) -> MoltResult<Obj> {
    if os_error::is_os(o) { os_error::member(o, name) } else { syntax_error::member(o, name) }
}

fn set_member(o: Obj, name: &str, value: Option<Obj>) -> MoltResult<()> {
    if os_error::is_os(o) { os_error::set_member(o, name, value) } else { syntax_error::set_member(o, name, value) }
}
