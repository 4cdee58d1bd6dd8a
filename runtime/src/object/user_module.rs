//! The program's own modules (`import helpers` of `helpers.py` next to the program): their
//! descriptors, `molt_import_user` (CPython's `_find_and_load` for a closed world) and
//! `molt_import_from` (`IMPORT_FROM`, `ceval.c`'s `import_from`).
//!
//! Relies on: the compiler emitting one [`UserModule`] descriptor per module of the program
//! (`molt_module.NAME`), whose `init` is the module's top-level code (it returns with the
//! exception pending when one escapes, like `molt_module_main`) and whose `release` drops the
//! references its variables hold; each [`Entry`] names one module-level variable of the
//! module, a boxed word and its bound flag, which the module's own code reads and writes.
//! `module` (the module object, `new_user_module`, and the list of recorded descriptors).
//!
//! Provides: `import_user` (the module object, its code run by the first import; a failed
//! import leaves no module behind, as CPython removes it from `sys.modules`; a parent package's
//! attribute is set after its submodule's code ran), the attribute protocol of user modules
//! (`getattr`: the variables, then the module's dict — `__name__`, `__file__`, submodules —
//! then a module-level `__getattr__` (PEP 562), then CPython's AttributeError, "partially
//! initialized module …" while its code runs), `import_from` with CPython's ImportErrors, the
//! repr `<module 'm' from '/path/m.py'>`, and `release` at exit.
//!
//! Invariants: `UserModule::module` is 0 or an owned reference to the module object (the
//! registry's, CPython's `sys.modules` entry), set before the module's code runs (so a circular
//! import finds the partial module) and reset when that code raises; a variable entry's word is
//! an owned reference exactly while its flag is 1. A module-level `def` (`Entry::fixed`) is
//! called directly by its module's code, so rebinding it from outside is refused loudly rather
//! than silently not seen.

use alloc::format;
use alloc::string::String;

use super::range::Owned;
use super::{Obj, decref, dict, new_ref, str as pystr};
use crate::ExceptionKind::{AttributeError, ImportError, TypeError};
use crate::exceptions::{MoltError, MoltResult, exception_pending, fail, value_or_raise};

/// One module of the program, emitted by the compiler (every field a word).
#[repr(C)]
pub struct UserModule {
    /// The module's dotted name (UTF-8).
    pub name: *const u8,
    pub name_len: u64,
    /// The path of its source file (UTF-8), as tracebacks show it.
    pub file: *const u8,
    pub file_len: u64,
    /// The package it is a submodule of (null for a top-level module).
    pub parent: *mut UserModule,
    /// Its top-level code.
    pub init: unsafe extern "C" fn(),
    /// Drops the references its variables hold (at exit).
    pub release: unsafe extern "C" fn(),
    /// Its module-level variables.
    pub entries: *const Entry,
    pub n_entries: u64,
    /// The module object (raw word) while imported, else 0.
    pub module: u64,
    /// 1 while its code runs (a circular import sees it partially initialised), else 0.
    pub initializing: u64,
    /// 1 once recorded (released at exit).
    pub recorded: u64,
}

/// One module-level variable of a user module.
#[repr(C)]
pub struct Entry {
    pub name: *const u8,
    pub name_len: u64,
    /// The variable's word: an owned reference while bound.
    pub value: *mut u64,
    /// Its bound flag (0 or 1).
    pub bound: *mut u8,
    /// 1 for a module-level `def` its module's code calls directly.
    pub fixed: u64,
}

fn text<'a>(p: *const u8, len: u64) -> &'a str {
    if p.is_null() || len == 0 {
        return "";
    }
    // SAFETY: the compiler emits (pointer, length) pairs of static UTF-8 text.
    unsafe { core::str::from_utf8_unchecked(core::slice::from_raw_parts(p, len as usize)) }
}

fn name_of<'a>(u: &UserModule) -> &'a str {
    text(u.name, u.name_len)
}

fn file_of<'a>(u: &UserModule) -> &'a str {
    text(u.file, u.file_len)
}

fn entries<'a>(u: &UserModule) -> &'a [Entry] {
    if u.entries.is_null() || u.n_entries == 0 {
        return &[];
    }
    // SAFETY: the compiler emits `n_entries` entries at `entries`, static.
    unsafe { core::slice::from_raw_parts(u.entries, u.n_entries as usize) }
}

/// The descriptor of module object `o`, if it is one of the program's modules.
pub fn descriptor<'a>(o: Obj) -> Option<&'a mut UserModule> {
    let p = super::module::user_descriptor(o);
    // SAFETY: descriptors are static data of the executable.
    if p.is_null() { None } else { Some(unsafe { &mut *p }) }
}

/// The index of variable `name` of module `u` (descriptor address).
pub fn index_of(u: *const UserModule, name: &str) -> Option<usize> {
    // SAFETY: descriptors are static data of the executable.
    entries(unsafe { &*u }).iter().position(|e| text(e.name, e.name_len) == name)
}

/// The value of variable `i` of module `u` (descriptor address), if bound (a new reference).
pub fn variable_at(u: *const UserModule, i: usize) -> Option<Obj> {
    // SAFETY: descriptors are static data of the executable; the entry's words are the
    // module's variable and flag.
    unsafe {
        let e = entries(&*u).get(i)?;
        if *e.bound == 0 {
            return None;
        }
        Some(new_ref(Obj::from_raw(*e.value)))
    }
}

/// The value of variable `name` of `u`, if bound (a new reference).
fn variable(u: &UserModule, name: &str) -> Option<Obj> {
    variable_at(u, index_of(u, name)?)
}

/// Whether variable `name` of `u` is bound.
fn is_bound(u: &UserModule, name: &str) -> bool {
    // SAFETY: the entry's flag is the module's static bound flag.
    index_of(u, name).and_then(|i| entries(u).get(i)).is_some_and(|e| unsafe { *e.bound != 0 })
}

/// `import NAME` of user module `desc`: the module object (a new reference), its code run by
/// the first import. With `only_if_missing` (`from package import NAME`, CPython's
/// `_handle_fromlist`), nothing is imported when the parent package already has the attribute.
pub fn import_user(desc: *mut UserModule, only_if_missing: bool) -> MoltResult<Obj> {
    // SAFETY: the compiler passes the address of a static descriptor.
    let u = unsafe { &mut *desc };
    if only_if_missing && !u.parent.is_null() {
        // SAFETY: as above.
        let parent = unsafe { &*u.parent };
        let short = name_of(u).rsplit('.').next().unwrap_or("");
        if parent.module != 0 {
            // SAFETY: a set `module` word is an owned reference to the module object.
            let pm = unsafe { Obj::from_raw(parent.module) };
            if let Some(d) = super::module::module_dict(pm)
                && (is_bound(parent, short) || dict::get_str(d, short).is_some()) {
                    return Ok(super::singletons::none());
                }
        }
    }
    if u.module != 0 {
        // SAFETY: as above.
        return Ok(new_ref(unsafe { Obj::from_raw(u.module) }));
    }
    let m = super::module::new_user_module(name_of(u), file_of(u), desc)?;
    u.module = m.raw();
    u.initializing = 1;
    if u.recorded == 0 {
        u.recorded = 1;
        super::module::record_user(desc);
    }
    // SAFETY: the module's compiled top-level code.
    unsafe { (u.init)() };
    u.initializing = 0;
    if exception_pending() {
        let err = MoltError::take_raised();
        u.module = 0;
        // SAFETY: the registry's reference, given up.
        unsafe { decref(m) };
        return Err(err);
    }
    if !u.parent.is_null() {
        // SAFETY: as above.
        let parent = unsafe { &*u.parent };
        if parent.module != 0 {
            let short = Owned(pystr::str_from_text(name_of(u).rsplit('.').next().unwrap_or(""))?);
            // SAFETY: as above.
            let pm = unsafe { Obj::from_raw(parent.module) };
            if let Some(r) = super::module::setattr(pm, short.get(), Some(m)) {
                r?;
            }
        }
    }
    Ok(new_ref(m))
}

/// `m.name` of user module `m` (descriptor `u`, dict `d`).
#[inline(never)]
pub fn getattr(m: Obj, u: &UserModule, d: Obj, name: &str) -> MoltResult<Obj> {
    match name {
        "__dict__" => return snapshot(u, d),
        "__class__" => return Ok(super::attrs::class_value(&super::module::TYPE_MODULE)),
        _ => {}
    }
    if let Some(v) = variable(u, name) {
        return Ok(v);
    }
    if let Some(v) = dict::get_str(d, name) {
        return Ok(new_ref(v));
    }
    // PEP 562: a module-level `__getattr__` is called with the name.
    if let Some(f) = variable(u, "__getattr__") {
        let f = Owned(f);
        let n = Owned(pystr::str_from_text(name)?);
        return super::callable::call_object(f.get(), &[n.get()], &[]);
    }
    let _ = m;
    let mname = name_of(u);
    if u.initializing != 0 {
        fail(AttributeError, format!("partially initialized module '{mname}' has no attribute '{name}' (most likely due to a circular import)"))
    } else {
        fail(AttributeError, format!("module '{mname}' has no attribute '{name}'"))
    }
}

/// `m.__dict__` of a user module: a new dict of its bound variables and its dict's entries (a
/// snapshot: Molt's module variables live in the module's code, not in a dict).
fn snapshot(u: &UserModule, d: Obj) -> MoltResult<Obj> {
    let out = Owned(dict::new_dict()?);
    for (k, v, _) in dict::items_vec(d)? {
        dict::set_item(out.get(), k, v)?;
    }
    for e in entries(u) {
        if let Some(v) = variable(u, text(e.name, e.name_len)) {
            let v = Owned(v);
            super::module::store(out.get(), text(e.name, e.name_len), v.get())?;
        }
    }
    Ok(out.release())
}

/// `m.name = value` / `del m.name` where `name` is a variable of `u`: Some(()) when done, None
/// when `name` is not one (the module's dict takes it).
#[inline(never)]
pub fn set_entry(u: &UserModule, name: &str, value: Option<Obj>) -> MoltResult<Option<()>> {
    let Some(e) = index_of(u, name).and_then(|i| entries(u).get(i)) else { return Ok(None) };
    if e.fixed != 0 {
        return fail(TypeError, format!("cannot rebind function '{name}' of module '{}': Molt calls it directly", name_of(u)));
    }
    // SAFETY: the entry's words are the module's static variable and flag.
    unsafe {
        let old = (*e.bound != 0).then(|| Obj::from_raw(*e.value));
        match value {
            Some(v) => {
                *e.value = new_ref(v).raw();
                *e.bound = 1;
            }
            None => {
                if old.is_none() {
                    return fail(AttributeError, format!("'module' object has no attribute '{name}'"));
                }
                *e.bound = 0;
            }
        }
        if let Some(o) = old {
            decref(o);
        }
    }
    Ok(Some(()))
}

/// `from m import name` (`import_from`): the attribute, else the submodule `m.name` already
/// imported, else CPython's ImportError.
pub fn import_from(m: Obj, name: Obj) -> MoltResult<Obj> {
    let n = super::attrs::attr_name(name)?;
    let err = match super::attrs::getattr(m, n) {
        Ok(v) => return Ok(v),
        Err(e) if e.kind == AttributeError => e,
        Err(e) => return Err(e),
    };
    drop(err);
    let Some(u) = descriptor(m) else {
        return fail(ImportError, format!("cannot import name {} from {} (unknown location)", pystr::str_repr(n), pystr::str_repr("?")));
    };
    let full = format!("{}.{n}", name_of(u));
    for d in super::module::recorded_users() {
        // SAFETY: recorded descriptors are static.
        let s = unsafe { &*(d as *const UserModule) };
        if s.module != 0 && name_of(s) == full {
            // SAFETY: as in `import_user`.
            return Ok(new_ref(unsafe { Obj::from_raw(s.module) }));
        }
    }
    let (nr, mr, path) = (pystr::str_repr(n), pystr::str_repr(name_of(u)), file_of(u));
    if u.initializing != 0 {
        fail(ImportError, format!("cannot import name {nr} from partially initialized module {mr} (most likely due to a circular import) ({path})"))
    } else {
        fail(ImportError, format!("cannot import name {nr} from {mr} ({path})"))
    }
}

/// `<module 'helpers' from '/path/helpers.py'>`.
#[inline(never)]
pub fn repr(u: &UserModule) -> String {
    format!("<module {} from {}>", pystr::str_repr(name_of(u)), pystr::str_repr(file_of(u)))
}

/// At exit: the module's variables released, then the registry's reference to its object.
pub fn release(desc: *mut UserModule) {
    // SAFETY: a recorded descriptor (static).
    let u = unsafe { &mut *desc };
    // SAFETY: the module's compiled release code.
    unsafe { (u.release)() };
    if u.module != 0 {
        // SAFETY: the registry's reference.
        let m = unsafe { Obj::from_raw(u.module) };
        u.module = 0;
        unsafe { decref(m) };
    }
}

/// `import NAME` of the program's module `desc` (see [`import_user`]).
#[unsafe(no_mangle)]
pub extern "C" fn molt_import_user(desc: *const u8, only_if_missing: bool) -> Obj {
    value_or_raise(import_user(desc.cast_mut().cast(), only_if_missing))
}

/// `from M import NAME`: `module` and `name` (a str) borrowed (see [`import_from`]).
#[unsafe(no_mangle)]
pub extern "C" fn molt_import_from(module: Obj, name: Obj) -> Obj {
    value_or_raise(import_from(module, name))
}
