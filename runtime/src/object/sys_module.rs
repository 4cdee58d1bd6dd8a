//! The `sys` module (CPython 3.11's `Python/sysmodule.c` and `Python/clinic/sysmodule.c.h`):
//! `argv`, `exit`, `exc_info`, `getrecursionlimit`, `setrecursionlimit`, `intern`, `maxsize`,
//! `maxunicode`, `platform`, `byteorder`, `version_info`, `hexversion`, `float_info`, `stdout`,
//! `stderr`.
//!
//! Relies on: `entry`'s C `main` recording the process's arguments ([`set_args`]) before the
//! module runs; `exceptions` for the recursion limit (`molt_recursion_limit`) and for raising
//! SystemExit (which `entry::finish` handles as CPython's `_Py_HandleSystemExit`);
//! `callable::current_depth` (the depth of the builtin's C level, CPython's recursion depth in
//! `sys_setrecursionlimit_impl`); `textio` (the stream objects); `module` (the cache that keeps
//! the interned strings).
//!
//! Provides: [`SysFn`], [`call`], [`fill`], [`set_args`].
//!
//! Invariants: `sys.argv` is a new list of strs on each import (there is one import: the module
//! is cached), argv[0] as the executable was invoked, each argument decoded as UTF-8 (invalid
//! bytes replaced; CPython uses surrogate escapes). `sys.exit(x)` raises SystemExit with
//! CPython's arguments (none for None, the items of a tuple, else x).

use alloc::format;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicI32, AtomicUsize, Ordering};

use super::call::{c_int_arg, check_positional, exactly_one_for, no_keywords_for};
use super::module::{store, store_owned};
use super::range::Owned;
use super::{Obj, int, list, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::{RecursionError, SystemExit, TypeError, ValueError};
use crate::exceptions::{MoltError, MoltResult, fail};

/// The functions of `sys`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SysFn {
    Exit,
    Getrecursionlimit,
    Setrecursionlimit,
    Intern,
    ExcInfo,
}

impl SysFn {
    /// Its `__name__`.
    pub const fn name(self) -> &'static str {
        match self {
            SysFn::Exit => "exit",
            SysFn::Getrecursionlimit => "getrecursionlimit",
            SysFn::Setrecursionlimit => "setrecursionlimit",
            SysFn::Intern => "intern",
            SysFn::ExcInfo => "exc_info",
        }
    }

    fn builtin(self) -> crate::BuiltinFunction {
        match self {
            SysFn::Exit => crate::BuiltinFunction::SysExit,
            SysFn::Getrecursionlimit => crate::BuiltinFunction::SysGetrecursionlimit,
            SysFn::Setrecursionlimit => crate::BuiltinFunction::SysSetrecursionlimit,
            SysFn::Intern => crate::BuiltinFunction::SysIntern,
            SysFn::ExcInfo => crate::BuiltinFunction::SysExcInfo,
        }
    }
}

static ARGC: AtomicI32 = AtomicI32::new(0);
static ARGV: AtomicUsize = AtomicUsize::new(0);

/// Records the C `main`'s arguments (`argv` valid for the whole run, as C guarantees).
pub fn set_args(argc: i32, argv: *const *const u8) {
    ARGC.store(argc, Ordering::Relaxed);
    ARGV.store(argv as usize, Ordering::Relaxed);
}

/// `sys.argv`: a new list of the arguments.
fn argv_list() -> MoltResult<Obj> {
    let argc = usize::try_from(ARGC.load(Ordering::Relaxed)).unwrap_or(0);
    let argv = ARGV.load(Ordering::Relaxed) as *const *const core::ffi::c_char;
    let mut items = Vec::new();
    for i in 0..argc {
        // SAFETY: the C runtime's `argv` holds `argc` valid NUL-terminated strings.
        let s = unsafe { core::ffi::CStr::from_ptr(*argv.add(i)) };
        let text = alloc::string::String::from_utf8_lossy(s.to_bytes());
        match pystr::str_from_text(&text) {
            Ok(o) => items.push(o),
            Err(e) => {
                list::release(items);
                return Err(e);
            }
        }
    }
    list::list_from_vec(items)
}

/// Stores sys's names in its namespace `d`.
pub fn fill(d: Obj) -> MoltResult<()> {
    for f in [SysFn::Exit, SysFn::Getrecursionlimit, SysFn::Setrecursionlimit, SysFn::Intern, SysFn::ExcInfo] {
        store_owned(d, f.name(), Ok(super::builtin_fn::molt_builtin_function(f.builtin().code())))?;
    }
    store_owned(d, "argv", argv_list())?;
    store_owned(d, "maxsize", int::from_i64(i64::MAX))?;
    store_owned(d, "maxunicode", int::from_i64(0x10ffff))?;
    store_owned(d, "platform", pystr::str_from_text("linux"))?;
    store_owned(d, "byteorder", pystr::str_from_text(if cfg!(target_endian = "little") { "little" } else { "big" }))?;
    store_owned(d, "version_info", version_info())?;
    store_owned(d, "hexversion", int::from_i64(HEXVERSION))?;
    store_owned(d, "float_info", float_info())?;
    store(d, "stdin", Obj::from_static(&super::textio::STDIN))?;
    store(d, "stdout", Obj::from_static(&super::textio::STDOUT))?;
    store(d, "stderr", Obj::from_static(&super::textio::STDERR))
}

/// The version of CPython whose semantics Molt follows (`PY_VERSION_HEX`'s parts).
const VERSION: (i64, i64, i64, &str, i64) = (3, 11, 7, "final", 0);

/// `sys.hexversion`: 0x030B07F0 for 3.11.7 final.
const HEXVERSION: i64 = VERSION.0 << 24 | VERSION.1 << 16 | VERSION.2 << 8 | 0xF0 | VERSION.4;

/// Items made one after another, released together if one fails.
fn items(parts: Vec<MoltResult<Obj>>) -> MoltResult<Vec<Obj>> {
    let mut out = Vec::with_capacity(parts.len());
    for p in parts {
        match p {
            Ok(o) => out.push(o),
            Err(e) => {
                list::release(out);
                return Err(e);
            }
        }
    }
    Ok(out)
}

/// `sys.version_info`: `sys.version_info(major=3, minor=11, micro=7, releaselevel='final',
/// serial=0)`.
fn version_info() -> MoltResult<Obj> {
    let (major, minor, micro, level, serial) = VERSION;
    let parts = alloc::vec![int::from_i64(major), int::from_i64(minor), int::from_i64(micro), pystr::str_from_text(level), int::from_i64(serial)];
    super::struct_seq::new(&super::struct_seq::VERSION_INFO, items(parts)?)
}

/// `sys.float_info`: the IEEE 754 binary64 parameters (`PyFloat_GetInfo`: `DBL_MAX`, …).
fn float_info() -> MoltResult<Obj> {
    let f = super::float::box_float;
    let parts = alloc::vec![
        f(f64::MAX),
        int::from_i64(i64::from(f64::MAX_EXP)),
        int::from_i64(i64::from(f64::MAX_10_EXP)),
        f(f64::MIN_POSITIVE),
        int::from_i64(i64::from(f64::MIN_EXP)),
        int::from_i64(i64::from(f64::MIN_10_EXP)),
        int::from_i64(i64::from(f64::DIGITS)),
        int::from_i64(i64::from(f64::MANTISSA_DIGITS)),
        f(f64::EPSILON),
        int::from_i64(i64::from(f64::RADIX)),
        // FLT_ROUNDS: round to nearest.
        int::from_i64(1),
    ];
    super::struct_seq::new(&super::struct_seq::FLOAT_INFO, items(parts)?)
}

/// A `METH_NOARGS` function's check: "sys.getrecursionlimit() takes no arguments (1 given)".
fn no_args(who: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<()> {
    no_keywords_for(who, kw)?;
    if pos.is_empty() {
        return Ok(());
    }
    fail(TypeError, format!("{who}() takes no arguments ({} given)", pos.len()))
}

/// `sys.exit(status=None)`: SystemExit, whose arguments are CPython's (`PyErr_SetObject`).
fn exit(status: Option<Obj>) -> MoltResult<Obj> {
    let e = Owned(super::exception::new_exception(SystemExit.code(), None)?);
    if let Some(s) = status.filter(|&s| !singletons::is_none(s)) {
        match tuple::tuple_items(s) {
            Some(items) => super::exception::set_args(e.get(), items)?,
            None => super::exception::set_args(e.get(), &[s])?,
        }
    }
    crate::exceptions::raise_object(e.get());
    Err(MoltError::take_raised())
}

/// `sys.exc_info()`: (type, value, traceback) of the exception being handled, or three
/// Nones. Molt has no traceback objects yet: the third item is None, as `e.__traceback__` is.
fn exc_info() -> MoltResult<Obj> {
    match crate::exceptions::handled() {
        Some(e) => tuple::tuple_from_results([Ok(super::attrs::class_value(e.type_of())), Ok(new_ref(e)), Ok(singletons::none())]),
        None => tuple::tuple_from_slice(&[singletons::none(); 3]),
    }
}

/// `sys.setrecursionlimit(new_limit)` (`sys_setrecursionlimit_impl`).
fn setrecursionlimit(arg: Obj) -> MoltResult<Obj> {
    let new_limit = c_int_arg(arg)?;
    if new_limit < 1 {
        return fail(ValueError, "recursion limit must be greater or equal than 1");
    }
    let depth = super::callable::current_depth();
    if depth >= i64::from(new_limit) {
        return fail(RecursionError, format!("cannot set the recursion limit to {new_limit} at the recursion depth {depth}: the limit is too low"));
    }
    crate::exceptions::set_recursion_limit(i64::from(new_limit));
    Ok(singletons::none())
}

/// `sys.intern(s)`: the first str equal to `s` that was interned.
fn intern(s: Obj) -> MoltResult<Obj> {
    if pystr::str_text(s).is_none() {
        return fail(TypeError, format!("intern() argument must be str, not {}", s.type_of().name));
    }
    super::module::intern(s).map(new_ref)
}

/// `sys.f(*pos, **kw)`.
pub fn call(f: SysFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match f {
        SysFn::Exit => {
            no_keywords_for("sys.exit", kw)?;
            check_positional("exit", pos.len(), 0, 1)?;
            exit(pos.first().copied())
        }
        SysFn::Getrecursionlimit => {
            no_args("sys.getrecursionlimit", pos, kw)?;
            int::from_i64(crate::exceptions::recursion_limit())
        }
        SysFn::Setrecursionlimit => setrecursionlimit(exactly_one_for("sys.setrecursionlimit", pos, kw)?),
        SysFn::Intern => intern(exactly_one_for("sys.intern", pos, kw)?),
        SysFn::ExcInfo => {
            no_args("sys.exc_info", pos, kw)?;
            exc_info()
        }
    }
}
