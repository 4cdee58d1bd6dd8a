//! How the rest of the runtime reaches the heap kinds of the runtime's modules
//! (`collections`' dict subtypes and deques, `functools`' objects): freeing and the collector go
//! through hooks each module registers on its first import, so that a program that imports
//! none of them links none of their code (every program links the free dispatch and the
//! collector). The same holds for what a module releases at exit.
//!
//! Relies on: `crate::sys::Global` (one table per process; per thread in the unit tests).
//!
//! Provides: [`KindHooks`], [`register`], [`hooks`], [`register_exit`], [`run_exit`].
//!
//! Invariants: an object of one of these kinds exists only after its module's `fill` ran, which
//! registers the kind's hooks first; so `hooks(kind)` is Some for every live object of a module
//! kind (a None is a leak, never a wrong free).

use super::alloc::HeapKind;
use super::{Header, Obj};

/// The collector's and `alloc`'s entry points for one heap kind.
pub struct KindHooks {
    pub free: unsafe fn(*mut Header, HeapKind),
    pub traverse: unsafe fn(*const Header, HeapKind, &mut dyn FnMut(Obj)),
    pub clear: unsafe fn(*mut Header, HeapKind),
}

/// The module kinds, in table order.
const KINDS: [HeapKind; 8] = [HeapKind::DictExt, HeapKind::Deque, HeapKind::DequeIterator, HeapKind::Functools, HeapKind::Operator, HeapKind::File, HeapKind::StringIo, HeapKind::Re];

struct Table {
    hooks: [Option<&'static KindHooks>; KINDS.len()],
    exit: [Option<fn()>; 8],
}

static TABLE: crate::sys::Global<Table> = crate::sys::Global::new(Table { hooks: [None; KINDS.len()], exit: [None; 8] });

/// Makes `h` the hooks of `kind` (a module's `fill`).
pub fn register(kind: HeapKind, h: &'static KindHooks) {
    if let Some(i) = KINDS.iter().position(|&k| k == kind) {
        TABLE.with(|t| t.hooks[i] = Some(h));
    }
}

/// The hooks of `kind`, once its module was imported.
pub fn hooks(kind: HeapKind) -> Option<&'static KindHooks> {
    let i = KINDS.iter().position(|&k| k == kind)?;
    // Opaque to the optimiser, which would otherwise call the only hooks ever stored directly
    // (see `generator::hooks`).
    core::hint::black_box(TABLE.with(|t| t.hooks[i]))
}

/// Runs `f` once at exit, after the modules are released (each function once, however often
/// it is registered).
pub fn register_exit(f: fn()) {
    TABLE.with(|t| {
        if t.exit.iter().flatten().any(|&g| core::ptr::fn_addr_eq(g, f)) {
            return;
        }
        if let Some(slot) = t.exit.iter_mut().find(|s| s.is_none()) {
            *slot = Some(f);
        }
    });
}

/// Runs (and forgets) the registered exit functions.
pub fn run_exit() {
    let fs = TABLE.with(|t| core::mem::take(&mut t.exit));
    for f in fs.into_iter().flatten() {
        f();
    }
}
