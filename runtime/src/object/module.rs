//! Module objects (`import math`): CPython's `module` type (`Objects/moduleobject.c`) for the
//! modules the runtime implements (`NativeModule`: math, sys, time, typing, random,
//! itertools), and the ABI's `molt_import_native`.
//!
//! Relies on: `dict` (a module's namespace is a dict with str keys); each module's `fill`
//! (`math::fill`, `sys_module::fill`, `time_module::fill`, `typing::fill`, `random::fill`,
//! `itertools::fill`), which stores exactly
//! the names `NATIVE_MODULES` lists for it; `alloc` (kind `HeapKind::Module`, a container) and
//! `gc` (a module's dict can reach the module again: `m.me = m`); `entry::finish` calling
//! [`release_modules`] at exit, as it releases the string literals.
//!
//! Provides: [`TYPE_MODULE`], [`is_module`], [`module_name`], [`getattr`] / [`setattr`] (the
//! generic attribute protocol `attrs` routes modules to), the cache of imported modules (and of
//! `sys.intern`'s strings, [`intern`]) and [`release_modules`]; `free` / `traverse` / `clear` for `alloc` and `gc`.
//!
//! Invariants: a module object owns its name (a str) and its dict, which holds `__name__` (as
//! CPython's does) and the module's attributes; one object per module per process, made on the
//! first import and owned by the cache until [`release_modules`] (CPython's `sys.modules`).
//! Reading a missing attribute raises CPython's "module 'math' has no attribute 'x'"
//! (`module_getattro`), deleting one "'module' object has no attribute 'x'"
//! (`_PyObject_GenericSetAttrWithDict`). The repr is CPython's form for a built-in module,
//! `<module 'math' (built-in)>`, for all four (CPython loads math from a shared library and
//! typing from a file, whose reprs name a path of the machine).

use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::range::Owned;
use super::suggest::Suggest;
use super::types::{TYPE_OBJECT, TypeObject};
use super::{Header, Obj, decref, dict, new_ref, str as pystr};
use crate::ExceptionKind::{AttributeError, TypeError};
use crate::exceptions::{MoltError, MoltResult, fail, value_or_raise};
use crate::{NATIVE_MODULES, NativeModule};

/// A module object.
#[repr(C)]
pub struct ModuleObject {
    pub header: Header,
    /// The module's name (a str).
    name: Obj,
    /// Its namespace (`__dict__`, a dict).
    dict: Obj,
    /// Which module it is (its `NATIVE_MODULES` entry, for "Did you mean" suggestions); None
    /// for one of the program's own modules.
    which: Option<NativeModule>,
    /// One of the program's own modules: its descriptor (`user_module`), else null.
    pub(crate) user: *mut super::user_module::UserModule,
}

/// `module`.
pub static TYPE_MODULE: TypeObject = TypeObject {
    repr: Some(module_repr),
    heap: Some(HeapKind::Module),
    ..TypeObject::new("module", &TYPE_OBJECT)
};

/// The name of module `m` (`"math"`).
pub fn module_name(m: NativeModule) -> &'static str {
    NATIVE_MODULES.get(m as usize).map_or("?", |e| e.0)
}

/// The public names of module `m` (its `NATIVE_MODULES` list).
pub fn public_names(m: NativeModule) -> &'static [&'static str] {
    NATIVE_MODULES.get(m as usize).map_or(&[], |e| e.1)
}

/// Whether `o` is a module object.
pub fn is_module(o: Obj) -> bool {
    o.type_of().is(&TYPE_MODULE)
}

fn parts(o: Obj) -> Option<(Obj, Obj, Option<NativeModule>)> {
    if !is_module(o) {
        return None;
    }
    // SAFETY: an object of type `module` is a `ModuleObject`, alive while `o` is.
    o.header_ptr().map(|h| unsafe {
        let m = &*h.cast::<ModuleObject>();
        (m.name, m.dict, m.which)
    })
}

/// The namespace of module `o` (borrowed).
pub fn module_dict(o: Obj) -> Option<Obj> {
    parts(o).map(|p| p.1)
}

/// What a native module brings when the program imports it (`module_enables`): its
/// namespace's filler and the call of its functions (`native_fn`).
pub struct ModuleHooks {
    pub fill: fn(Obj) -> MoltResult<()>,
    pub call: fn(super::native_fn::NativeFn, &[Obj], &[(&str, Obj)]) -> MoltResult<Obj>,
}

static HOOKS: crate::sys::Global<[Option<&'static ModuleHooks>; NATIVE_MODULES.len()]> = crate::sys::Global::new([None; NATIVE_MODULES.len()]);

/// Registers module `which`'s hooks (its `molt_enable_module_*`).
pub fn register(which: NativeModule, h: &'static ModuleHooks) {
    HOOKS.with(|t| {
        if let Some(slot) = t.get_mut(which as usize) {
            *slot = Some(h);
        }
    });
}

/// Module `which`'s hooks, once registered. Opaque to the optimiser: a direct call of the only
/// hooks ever stored would link them into every program that imports a module.
pub fn hooks(which: NativeModule) -> Option<&'static ModuleHooks> {
    core::hint::black_box(HOOKS.with(|t| t.get(which as usize).copied().flatten()))
}

/// A new module named after `which`, its dict filled by the module's `fill`.
fn new_module(which: NativeModule) -> MoltResult<Obj> {
    let name = Owned(pystr::str_from_text(module_name(which))?);
    let d = Owned(dict::new_dict()?);
    let key = Owned(pystr::str_from_text("__name__")?);
    dict::set_item(d.get(), key.get(), name.get())?;
    match hooks(which) {
        Some(h) => (h.fill)(d.get())?,
        None => return fail(TypeError, format!("module {} imported before molt_enable_module_{} (a compiler bug)", module_name(which), module_name(which))),
    }
    let p = alloc_container(Layout::new::<ModuleObject>(), &TYPE_MODULE)?.cast::<ModuleObject>();
    // SAFETY: a fresh block whose header is written; the fields are written before tracking.
    unsafe {
        core::ptr::addr_of_mut!((*p).name).write(name.release());
        core::ptr::addr_of_mut!((*p).dict).write(d.release());
        core::ptr::addr_of_mut!((*p).which).write(Some(which));
        core::ptr::addr_of_mut!((*p).user).write(core::ptr::null_mut());
        let m = Obj::from_header(p.cast());
        super::gc::track(m);
        Ok(m)
    }
}

/// A new module object for one of the program's own modules (`user_module`): its dict holds
/// `__name__` and `__file__` (the rest of its namespace is the descriptor's variables).
pub(crate) fn new_user_module(name: &str, file: &str, user: *mut super::user_module::UserModule) -> MoltResult<Obj> {
    let n = Owned(pystr::str_from_text(name)?);
    let d = Owned(dict::new_dict()?);
    store(d.get(), "__name__", n.get())?;
    store_owned(d.get(), "__file__", pystr::str_from_text(file))?;
    let p = alloc_container(Layout::new::<ModuleObject>(), &TYPE_MODULE)?.cast::<ModuleObject>();
    // SAFETY: a fresh block whose header is written; the fields are written before tracking.
    unsafe {
        core::ptr::addr_of_mut!((*p).name).write(n.release());
        core::ptr::addr_of_mut!((*p).dict).write(d.release());
        core::ptr::addr_of_mut!((*p).which).write(None);
        core::ptr::addr_of_mut!((*p).user).write(user);
        let m = Obj::from_header(p.cast());
        super::gc::track(m);
        Ok(m)
    }
}

/// The descriptor of user module object `o` (null for a native module or a non-module).
pub(crate) fn user_descriptor(o: Obj) -> *mut super::user_module::UserModule {
    if !is_module(o) {
        return core::ptr::null_mut();
    }
    // SAFETY: an object of type `module` is a `ModuleObject`, alive while `o` is.
    o.header_ptr().map_or(core::ptr::null_mut(), |h| unsafe { (*h.cast::<ModuleObject>()).user })
}

/// Records user module descriptor `u` (its first import): released at exit, found by name.
pub(crate) fn record_user(u: *mut super::user_module::UserModule) {
    cache::with(|c| c.users.push(u as usize));
}

/// The user module descriptors recorded so far, in import order.
pub(crate) fn recorded_users() -> alloc::vec::Vec<usize> {
    cache::with(|c| c.users.clone())
}

/// Stores `value` (borrowed) under `name` in dict `d`: what each module's `fill` uses.
pub fn store(d: Obj, name: &str, value: Obj) -> MoltResult<()> {
    let key = Owned(pystr::str_from_text(name)?);
    dict::set_item(d, key.get(), value)
}

/// [`store`] of a new reference, which it consumes.
pub fn store_owned(d: Obj, name: &str, value: MoltResult<Obj>) -> MoltResult<()> {
    let v = Owned(value?);
    store(d, name, v.get())
}

/// `import NAME`: the cached module, made on first use (a new reference).
pub fn import(which: NativeModule) -> MoltResult<Obj> {
    #[cfg(test)]
    super::module_enables::enable_all();
    super::native_fn::enable();
    if let Some(m) = cache::with(|c| c.modules.get(which as usize).copied().flatten()) {
        return Ok(new_ref(m));
    }
    let m = new_module(which)?;
    // The cache keeps the reference `new_module` returned; the caller gets one of its own.
    cache::with(|c| {
        if let Some(slot) = c.modules.get_mut(which as usize) {
            *slot = Some(m);
        }
    });
    Ok(new_ref(m))
}

/// `sys.intern(s)` for a str `s`: the str equal to `s` interned first (borrowed; the table
/// of interned strings, a dict kept with the cache, owns it).
pub fn intern(s: Obj) -> MoltResult<Obj> {
    let table = match cache::with(|c| c.interned) {
        Some(t) => t,
        None => {
            let t = dict::new_dict()?;
            cache::with(|c| c.interned = Some(t));
            t
        }
    };
    if let Some(v) = dict::get_item(table, s)? {
        // SAFETY: `get_item` returned a new reference; the table keeps the str alive.
        unsafe { decref(v) };
        return Ok(v);
    }
    dict::set_item(table, s, s)?;
    Ok(s)
}

/// `import NAME` of module `module` (a `NativeModule` code; see `abi.rs`).
#[unsafe(no_mangle)]
pub extern "C" fn molt_import_native(module: i32) -> Obj {
    value_or_raise(match NativeModule::from_code(module) {
        Some(m) => import(m),
        None => fail(TypeError, "bad argument to molt_import_native (a compiler bug)"),
    })
}

/// Drops the cache's references to the imported modules (at exit, before the object report;
/// CPython clears `sys.modules` as it finalises).
pub fn release_modules() {
    // The program's own modules first, the last imported first: their variables, then the
    // registry's reference to each module object.
    let users = cache::with(|c| core::mem::take(&mut c.users));
    for &u in users.iter().rev() {
        super::user_module::release(u as *mut super::user_module::UserModule);
    }
    let all = cache::with(core::mem::take);
    for m in all.modules.into_iter().chain([all.interned]).flatten() {
        // SAFETY: the cache owned this reference.
        unsafe { decref(m) };
    }
    super::module_kinds::run_exit();
}

/// The imported modules, by `NativeModule` code: process-wide in programs, per thread in the
/// unit tests (like the allocation counts: each test thread sees only its own objects).
mod cache {
    /// Owned references: the modules by code, and `sys.intern`'s table (a dict); the
    /// descriptors of the program's own modules imported so far (addresses, import order).
    #[derive(Default)]
    pub struct Cache {
        pub modules: [Option<super::Obj>; crate::NativeModule::ALL.len()],
        pub interned: Option<super::Obj>,
        pub users: alloc::vec::Vec<usize>,
    }

    const EMPTY: Cache = Cache { modules: [None; crate::NativeModule::ALL.len()], interned: None, users: alloc::vec::Vec::new() };

    #[cfg(not(test))]
    pub fn with<R>(f: impl FnOnce(&mut Cache) -> R) -> R {
        static CACHE: crate::sys::Global<Cache> = crate::sys::Global::new(EMPTY);
        CACHE.with(f)
    }

    #[cfg(test)]
    pub fn with<R>(f: impl FnOnce(&mut Cache) -> R) -> R {
        std::thread_local! {
            static CACHE: core::cell::RefCell<Cache> = const { core::cell::RefCell::new(EMPTY) };
        }
        CACHE.with(|m| f(&mut m.borrow_mut()))
    }
}

/// `module_repr` for a built-in module: `<module 'math' (built-in)>`; one of the program's
/// own modules shows its file, `<module 'helpers' from '/path/helpers.py'>`.
fn module_repr(o: Obj) -> MoltResult<String> {
    if let Some(u) = super::user_module::descriptor(o) {
        return Ok(super::user_module::repr(u));
    }
    let name = parts(o).and_then(|(_, d, _)| dict::get_str(d, "__name__")).and_then(pystr::str_text);
    Ok(match name {
        Some(n) => format!("<module '{n}' (built-in)>"),
        None => String::from("<module '?' (built-in)>"),
    })
}

/// `m.name` (`module_getattro`): `__dict__` and `__class__`, then the namespace, then CPython's
/// AttributeError. None when `m` is no module.
pub fn getattr(m: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let (_, d, which) = parts(m)?;
    if let Some(u) = super::user_module::descriptor(m) {
        return Some(super::user_module::getattr(m, u, d, name));
    }
    Some(match name {
        "__dict__" => Ok(new_ref(d)),
        "__class__" => Ok(super::attrs::class_value(&TYPE_MODULE)),
        _ => match dict::get_str(d, name) {
            Some(v) => Ok(new_ref(v)),
            None => {
                let mname = dict::get_str(d, "__name__").and_then(pystr::str_text).unwrap_or("?");
                Err(MoltError::new(AttributeError, format!("module '{mname}' has no attribute '{name}'"))
                    .with_suggest(which.map(|w| Suggest { dir: public_names(w), name: name.into() })))
            }
        },
    })
}

/// `m.name = value` / `del m.name` (`PyObject_GenericSetAttr` on the module's dict). None
/// when `m` is no module.
pub fn setattr(m: Obj, name: Obj, value: Option<Obj>) -> Option<MoltResult<()>> {
    let (_, d, _) = parts(m)?;
    Some((|| {
        let n = super::attrs::attr_name(name)?;
        if n == "__dict__" {
            return fail(AttributeError, "readonly attribute");
        }
        if n == "__class__" {
            return fail(TypeError, "__class__ assignment only supported for mutable types or ModuleType subclasses");
        }
        if let Some(u) = super::user_module::descriptor(m)
            && let Some(done) = super::user_module::set_entry(u, n, value)? {
                return Ok(done);
            }
        match value {
            Some(v) => dict::set_item(d, name, v),
            None => match dict::del_item(d, name) {
                Err(e) if e.kind == crate::ExceptionKind::KeyError => fail(AttributeError, format!("'module' object has no attribute '{n}'")),
                r => r,
            },
        }
    })())
}

/// Frees a module object.
///
/// # Safety
/// `h` is a module object whose count reached zero.
pub(crate) unsafe fn free(h: *mut Header) {
    // SAFETY: forwarded contract: the fields are owned references.
    unsafe {
        let p = h.cast::<ModuleObject>();
        let (name, d) = ((*p).name, (*p).dict);
        free_raw(h, Layout::new::<ModuleObject>(), HeapKind::Module);
        decref(name);
        decref(d);
    }
}

/// Visits a module's references.
///
/// # Safety
/// `h` is a live module object.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    let m = unsafe { &*h.cast::<ModuleObject>() };
    visit(m.name);
    visit(m.dict);
}

/// Drops an unreachable module's references.
///
/// # Safety
/// `h` is a live module object that the collector found unreachable.
pub(crate) unsafe fn clear(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe {
        let p = h.cast::<ModuleObject>();
        super::gc::clear_slot(core::ptr::addr_of_mut!((*p).dict));
        super::gc::clear_slot(core::ptr::addr_of_mut!((*p).name));
    }
}
