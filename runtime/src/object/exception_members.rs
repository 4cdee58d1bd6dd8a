//! The later exception classes whose objects carry members of their own: OSError's family
//! (`os_error`) and SyntaxError's (`syntax_error`). Their members' storage (`OsMembers`,
//! `SyntaxMembers`, held by the exception object), the hook through which the code every
//! program links reaches them (`MemberHooks`), and the table `molt_enable_exception_classes`
//! installs there ([`enable`]).
//!
//! Invariants: before `enable` no object of these classes exists (the classes themselves come
//! with it), so the hook's absence means "no members"; each table function dispatches on the
//! object's (or class's) family, and an exception of neither family gets nothing.

use alloc::string::String;

use super::Obj;
use super::types::TypeObject;
use super::{os_error, syntax_error};
use crate::ExceptionKind;
use crate::exceptions::{MoltError, MoltResult};

/// The members of an OSError (`PyOSErrorObject`): owned references, None for CPython's NULL
/// (read as None); `written` is BlockingIOError's `characters_written`, -1 when unset.
pub struct OsMembers {
    pub(crate) errno: Option<Obj>,
    pub(crate) strerror: Option<Obj>,
    pub(crate) filename: Option<Obj>,
    pub(crate) filename2: Option<Obj>,
    pub(crate) written: i64,
}

impl OsMembers {
    /// The references the members own.
    pub(crate) fn refs(&self) -> [Option<Obj>; 4] {
        [self.errno, self.strerror, self.filename, self.filename2]
    }
}

/// What of the later classes with members of their own (OSError and its subclasses,
/// SyntaxError and its) lives elsewhere (`exception_members`: the errno's class, the members'
/// parsing, reading and writing, SyntaxError's printed location): reached through
/// [`set_member_hooks`]'s hook, which `molt_enable_exception_classes` installs with the classes
/// themselves (none of their objects exists before), so a program that names none of them
/// links none of it.
pub struct MemberHooks {
    /// `OSError_new`'s class: the subclass of the errno for `OSError(errno, strerror, …)`; and
    /// whether `__new__` leaves the arguments to `__init__` (`oserror_use_init`: a subclass
    /// defining `__init__` and not `__new__` starts with empty `args`).
    pub new_type: fn(&'static TypeObject, &[Obj]) -> (&'static TypeObject, bool),
    /// `oserror_init` / `SyntaxError_init`'s members from the arguments (an OSError's `args`
    /// cut to two when a filename is given); nothing for other exceptions.
    pub init: fn(Obj, &[Obj]) -> MoltResult<()>,
    /// Whether class `c` itself defines member `name` (OSError's, SyntaxError's).
    pub defines: fn(&'static TypeObject, &str) -> bool,
    /// `e.name` / `e.name = v` (`del` with None) of a member.
    pub member: fn(Obj, &str) -> MoltResult<Obj>,
    pub set_member: fn(Obj, &str, Option<Obj>) -> MoltResult<()>,
    /// For a SyntaxError with an int `lineno`: the lines CPython prints between its traceback
    /// and its message (`print_exception_file_and_line`) and the message (`str(msg)`).
    pub location: fn(Obj) -> Option<(String, String)>,
}

static MEMBER_HOOKS: crate::sys::Global<Option<&'static MemberHooks>> = crate::sys::Global::new(None);

/// Installs the member classes' machinery ([`enable`]).
pub fn set_member_hooks(h: &'static MemberHooks) {
    MEMBER_HOOKS.with(|u| *u = Some(h));
}

pub(crate) fn member_hooks() -> Option<&'static MemberHooks> {
    core::hint::black_box(MEMBER_HOOKS.with(|u| *u))
}

/// Whether `name` is a member that class `c` defines (OSError's `errno`, …; SyntaxError's
/// `msg`, …): the attribute protocol reads and writes it with [`member`] / [`set_member`].
pub fn defines_member(c: &'static TypeObject, name: &str) -> bool {
    member_hooks().is_some_and(|h| (h.defines)(c, name))
}

fn hooks_or_bug() -> MoltResult<&'static MemberHooks> {
    member_hooks().ok_or_else(|| MoltError::new(ExceptionKind::RuntimeError, "an OSError or SyntaxError reached without molt_enable_exception_classes (a compiler bug)"))
}

/// `e.name` for a member of an OSError or SyntaxError.
pub fn member(o: Obj, name: &str) -> MoltResult<Obj> {
    (hooks_or_bug()?.member)(o, name)
}

/// `e.name = value` / `del e.name` for a member of an OSError or SyntaxError.
pub fn set_member(o: Obj, name: &str, value: Option<Obj>) -> MoltResult<()> {
    (hooks_or_bug()?.set_member)(o, name, value)
}

/// What an uncaught SyntaxError prints before its message, and the message (None for any
/// other exception, or a SyntaxError without an int `lineno`).
pub fn syntax_location(o: Obj) -> Option<(String, String)> {
    member_hooks().and_then(|h| (h.location)(o))
}

/// Releases the reference a member held, once `set_member` replaced it (None: it held none).
pub(crate) fn release_member(old: Option<Obj>) {
    if let Some(old) = old {
        // SAFETY: the member owned it, and nothing reads it after its replacement.
        unsafe { super::decref(old) };
    }
}

/// The members of a SyntaxError (`PySyntaxErrorObject`): owned references, None for CPython's
/// NULL (read as None).
pub struct SyntaxMembers {
    pub(crate) msg: Option<Obj>,
    pub(crate) filename: Option<Obj>,
    pub(crate) lineno: Option<Obj>,
    pub(crate) offset: Option<Obj>,
    pub(crate) text: Option<Obj>,
    pub(crate) end_lineno: Option<Obj>,
    pub(crate) end_offset: Option<Obj>,
    pub(crate) print_file_and_line: Option<Obj>,
}

impl SyntaxMembers {
    /// The references the members own.
    pub(crate) fn refs(&self) -> [Option<Obj>; 8] {
        [self.msg, self.filename, self.lineno, self.offset, self.text, self.end_lineno, self.end_offset, self.print_file_and_line]
    }
}

static HOOKS: MemberHooks = MemberHooks {
    new_type: os_error::new_type,
    init: dispatch_init,
    defines: dispatch_defines,
    member: dispatch_member,
    set_member: dispatch_set_member,
    location: syntax_error::location,
};

/// Installs the table (from `molt_enable_exception_classes`).
pub fn enable() {
    set_member_hooks(&HOOKS);
}

fn dispatch_init(o: Obj, args: &[Obj]) -> MoltResult<()> {
    os_error::init(o, args)?;
    syntax_error::init(o, args)
}

fn dispatch_defines(c: &'static TypeObject, name: &str) -> bool {
    os_error::defines(c, name) || syntax_error::defines(c, name)
}

fn dispatch_member(o: Obj, name: &str) -> MoltResult<Obj> {
    if os_error::is_os(o) { os_error::member(o, name) } else { syntax_error::member(o, name) }
}

fn dispatch_set_member(o: Obj, name: &str, value: Option<Obj>) -> MoltResult<()> {
    if os_error::is_os(o) { os_error::set_member(o, name, value) } else { syntax_error::set_member(o, name, value) }
}
