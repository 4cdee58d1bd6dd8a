//! `map` and `filter`: lazy iterators that call a function on the items of other iterators.
//!
//! Relies on: `iter` for the iteration protocol; `callable::call_object` for the calls (from
//! the runtime's current depth); `dispatch::truth`; `alloc` for counted allocation (kinds
//! `HeapKind::Map` and `HeapKind::Filter`) and deferred frees. The references are CPython
//! 3.11's `Python/bltinmodule.c` (`map_vectorcall`, `map_next`, `filter_vectorcall`,
//! `filter_next`).
//!
//! Provides: the types `map` ([`TYPE_MAP`]) and `filter` ([`TYPE_FILTER`]), [`map_new`],
//! [`filter_new`], `free` (for `alloc`), and the ABI's `molt_map` and `molt_filter`.
//!
//! Invariants: a `map` owns its function and the tuple of its iterators, a `filter` its
//! function (or None) and its iterator; both are their own iterators (`iter(m) is m`) and make
//! no call before their first `next`. `map_next` stops at the shortest iterable without
//! remembering it (as CPython's: a later `next` asks the iterators again); an exception from an
//! iterator or from the function passes through. `filter(None, it)` and `filter(bool, it)` keep
//! the true items without calling anything; reprs are `object`'s (`<map object at 0x…>`).

use alloc::alloc::Layout;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_container, free_raw, memory_error};
use super::callable::call_object;
use super::range::Owned;
use super::types::{TYPE_OBJECT, TypeObject};
use super::{Header, Obj, decref, dispatch, iter, new_ref, singletons, tuple};
use crate::ExceptionKind::TypeError;
use crate::exceptions::{MoltResult, fail, value_or_raise};

/// A `map` or a `filter` (the same layout).
#[repr(C)]
pub struct MapObject {
    pub header: Header,
    /// The function (owned; None for `filter(None, …)`).
    func: Obj,
    /// The tuple of the iterators (`map`) or the iterator (`filter`), owned.
    iters: Obj,
}

/// The `tp_iter` of an iterator: itself.
fn self_iter(it: Obj) -> MoltResult<Obj> {
    Ok(new_ref(it))
}

/// `map`.
pub static TYPE_MAP: TypeObject = TypeObject {
    new: Some(super::construct::map_new_slot),
    iter: Some(self_iter),
    iternext: Some(map_next),
    heap: Some(HeapKind::Map),
    ..TypeObject::new("map", &TYPE_OBJECT)
};

/// `filter`.
pub static TYPE_FILTER: TypeObject = TypeObject {
    new: Some(super::construct::filter_new_slot),
    iter: Some(self_iter),
    iternext: Some(filter_next),
    heap: Some(HeapKind::Filter),
    ..TypeObject::new("filter", &TYPE_OBJECT)
};

/// A new map or filter holding `func` (borrowed) and `iters` (a new reference, taken).
fn alloc_map(ty: &'static TypeObject, func: Obj, iters: Obj) -> MoltResult<Obj> {
    let iters = Owned(iters);
    let p = alloc_container(Layout::new::<MapObject>(), ty)?.cast::<MapObject>();
    // SAFETY: `p` is a fresh `MapObject` block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).func).write(new_ref(func));
        core::ptr::addr_of_mut!((*p).iters).write(iters.release());
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// Visits the function and iterator(s) of a `map` or `filter` (`map_traverse`,
/// `filter_traverse`).
///
/// # Safety
/// `h` is a live object of one of those types.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    let (func, iters) = unsafe {
        let m = h.cast::<MapObject>();
        ((*m).func, (*m).iters)
    };
    visit(func);
    visit(iters);
}

/// Drops the references of an unreachable `map` or `filter`.
///
/// # Safety
/// `h` is a live object of one of those types that the collector found unreachable.
pub(crate) unsafe fn clear(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe {
        let m = h.cast::<MapObject>();
        super::gc::clear_slot(core::ptr::addr_of_mut!((*m).func));
        super::gc::clear_slot(core::ptr::addr_of_mut!((*m).iters));
    }
}

/// Frees a `map` or a `filter`.
///
/// # Safety
/// `h` is an object of one of those types (of heap kind `kind`) with no reference left.
pub(crate) unsafe fn free(h: *mut Header, kind: HeapKind) {
    // SAFETY: forwarded contract: both references are released once.
    unsafe {
        let m = h.cast::<MapObject>();
        let (func, iters) = ((*m).func, (*m).iters);
        free_raw(h, Layout::new::<MapObject>(), kind);
        decref(func);
        decref(iters);
    }
}

/// The function and iterator(s) of a map or filter (borrowed: `o` holds them).
fn parts(o: Obj) -> Option<(Obj, Obj)> {
    let h = o.header_ptr()?;
    // SAFETY: only called from the slots of the two types; the fields never change.
    Some(unsafe {
        let m = h.cast::<MapObject>();
        ((*m).func, (*m).iters)
    })
}

/// `map(func, *iterables)` (`map_vectorcall` after its argument checks): each iterable made an
/// iterator, in order; TypeError "map() must have at least two arguments." without one.
pub fn map_new(func: Obj, iterables: &[Obj]) -> MoltResult<Obj> {
    if iterables.is_empty() {
        return fail(TypeError, "map() must have at least two arguments.");
    }
    let mut iters: Vec<Obj> = Vec::new();
    if iters.try_reserve_exact(iterables.len()).is_err() {
        return memory_error();
    }
    for &x in iterables {
        match iter::get_iter(x) {
            Ok(it) => iters.push(it),
            Err(e) => {
                super::list::release(iters);
                return Err(e);
            }
        }
    }
    alloc_map(&TYPE_MAP, func, tuple::tuple_from_vec(iters)?)
}

/// `map_next`: one item of each iterator (none if one is exhausted), then `func(*items)`.
fn map_next(o: Obj) -> MoltResult<Option<Obj>> {
    let Some((func, iters)) = parts(o) else {
        return Ok(None);
    };
    let its = tuple::tuple_items(iters).unwrap_or(&[]);
    let mut args: Vec<Obj> = Vec::new();
    if args.try_reserve_exact(its.len()).is_err() {
        return memory_error();
    }
    for &it in its {
        match iter::iter_next(it) {
            Ok(Some(x)) => args.push(x),
            Ok(None) => {
                super::list::release(args);
                return Ok(None);
            }
            Err(e) => {
                super::list::release(args);
                return Err(e);
            }
        }
    }
    let r = call_object(func, &args, &[]);
    super::list::release(args);
    r.map(Some)
}

/// `filter(func, iterable)` (`filter_vectorcall` after its argument checks).
pub fn filter_new(func: Obj, iterable: Obj) -> MoltResult<Obj> {
    let it = iter::get_iter(iterable)?;
    alloc_map(&TYPE_FILTER, func, it)
}

/// `filter_next`: the next item whose truth (or whose `func(item)`'s) is true.
fn filter_next(o: Obj) -> MoltResult<Option<Obj>> {
    let Some((func, it)) = parts(o) else {
        return Ok(None);
    };
    let check_true = singletons::is_none(func) || func.is(Obj::from_static(&singletons::TYPE_BOOL));
    while let Some(item) = iter::iter_next(it)? {
        let item = Owned(item);
        let ok = if check_true {
            dispatch::truth(item.get())?
        } else {
            let good = Owned(call_object(func, &[item.get()], &[])?);
            dispatch::truth(good.get())?
        };
        if ok {
            return Ok(Some(item.release()));
        }
    }
    Ok(None)
}

// --- the C ABI ---

/// `map(func, *iterables)`: `iterables` is a tuple.
#[unsafe(no_mangle)]
pub extern "C" fn molt_map(func: Obj, iterables: Obj) -> Obj {
    value_or_raise(match tuple::tuple_items(iterables) {
        Some(items) => map_new(func, items),
        None => fail(TypeError, "bad argument to molt_map (a compiler bug)"),
    })
}

/// `filter(func, iterable)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_filter(func: Obj, iterable: Obj) -> Obj {
    value_or_raise(filter_new(func, iterable))
}
