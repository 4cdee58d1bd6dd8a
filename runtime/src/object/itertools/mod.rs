//! The `itertools` module (CPython 3.11's `Modules/itertoolsmodule.c`): its iterator types
//! (`itertools.count`, `cycle`, `repeat`, `accumulate`, `chain`, `compress`, `dropwhile`,
//! `takewhile`, `filterfalse`, `groupby` and `_grouper`, `islice`, `starmap`, `_tee` and
//! `_tee_dataobject`, `zip_longest`, `product`, `permutations`, `combinations`,
//! `combinations_with_replacement`, `pairwise`) and its functions `tee` and
//! `chain.from_iterable`.
//!
//! Relies on: `iter` (the iteration protocol), `callable::call_object` for the calls of user
//! functions (from the runtime's current depth), `dispatch` (truth, `+`, `==`, reprs),
//! `construct` calling each type's `new` slot (`new.rs`, CPython's argument checks), `alloc`
//! (kind `HeapKind::Itertools`, a container) and `gc` (an itertools object can hold a cycle:
//! `c = chain(l); l.append(c)`), `class::type_getattr` reading `chain.from_iterable` from the
//! type's `class_functions`, `native_fn` mapping `BuiltinFunction::Itertools*` to [`ItertoolsFn`].
//!
//! Provides: the type objects, [`fill`] (the module's namespace), [`call`] (its functions),
//! and `free` / `traverse` / `clear` for `alloc` and `gc`.
//!
//! Invariants: every object of these types is one [`ItObject`] whose `kind` says how its
//! fields are used (documented on [`Kind`]); `refs` and `items` hold owned references, `idx` and
//! `n` plain numbers. No borrow of an object's fields is held across a call that may run Python
//! code or free objects (`next` of an underlying iterator, a user function, a comparison):
//! fields are read as new references ([`field`]) and written back afterwards ([`set_field`]), so
//! a reentrant call sees a consistent object. Exceptions of the underlying iterators and
//! functions pass through unchanged; an exhausted iterator stays exhausted where CPython's does
//! (`chain`, `islice`, `pairwise`, `zip_longest`, the combinatoric iterators).

mod new;
mod next;

use alloc::alloc::Layout;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::module::store_owned;
use super::range::Owned;
use super::types::{TYPE_OBJECT, TypeObject};
use super::{Header, Obj, decref, new_ref};
use crate::BuiltinFunction;
use crate::exceptions::MoltResult;

/// What an [`ItObject`] is, and how it uses its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// refs: [count, step].
    Count,
    /// refs: [iterator (None once exhausted)]; items: the saved items; n[0]: the next index.
    Cycle,
    /// refs: [element]; n[0]: the items left (-1: forever).
    Repeat,
    /// refs: [iterator, func, total, initial].
    Accumulate,
    /// refs: [source iterator, active iterator].
    Chain,
    /// refs: [data, selectors].
    Compress,
    /// refs: [predicate, iterator]; n[0]: 1 once the dropping ended.
    Dropwhile,
    /// refs: [predicate, iterator]; n[0]: 1 once an item failed the predicate.
    Takewhile,
    /// refs: [predicate, iterator].
    Filterfalse,
    /// refs: [iterator, key function, target key, current key, current value]; n[0]: the
    /// generation of the current `_grouper` (0: none), n[1]: the last generation given.
    Groupby,
    /// refs: [parent groupby, target key]; n[0]: its generation.
    Grouper,
    /// refs: [iterator (None once exhausted)]; n: [next, stop (-1: none), step, count].
    Islice,
    /// refs: [function, iterator].
    Starmap,
    /// refs: [its `_tee_dataobject`]; n[0]: the absolute index of its next item.
    Tee,
    /// refs: [iterator]; items: the values not yet read by every tee, the first at absolute
    /// index n[0]; idx: how many tees still have to read each; n[1]: 1 while the iterator runs,
    /// n[2]: the tees alive.
    TeeData,
    /// refs: [fillvalue]; items: the iterators (None once exhausted); n[0]: how many are active.
    ZipLongest,
    /// items: the pools (tuples); idx: the indices; n[0]: 0 before the first item, 1 after,
    /// 2 when exhausted.
    Product,
    /// refs: [pool]; idx: the n indices then the r cycles; n[0] as for product, n[1]: r.
    Permutations,
    /// refs: [pool]; idx: the r indices; n[0] as for product, n[1]: r.
    Combinations,
    /// refs: [pool]; idx: the r indices; n[0] as for product, n[1]: r.
    CombinationsWithReplacement,
    /// refs: [iterator (None once exhausted), previous item].
    Pairwise,
}

/// An object of one of the itertools types.
#[repr(C)]
pub struct ItObject {
    pub header: Header,
    kind: Kind,
    refs: [Option<Obj>; 5],
    items: Vec<Obj>,
    idx: Vec<usize>,
    n: [i64; 4],
}

/// The `tp_iter` of an iterator: itself.
fn self_iter(it: Obj) -> MoltResult<Obj> {
    Ok(new_ref(it))
}

const fn it_type(name: &'static str, new: Option<super::types::NewFn>) -> TypeObject {
    TypeObject {
        new,
        iter: Some(self_iter),
        iternext: Some(next::it_next),
        heap: Some(HeapKind::Itertools),
        ..TypeObject::new(name, &TYPE_OBJECT)
    }
}

pub static TYPE_COUNT: TypeObject = TypeObject { repr: Some(next::count_repr), ..it_type("itertools.count", Some(new::count_new)) };
pub static TYPE_CYCLE: TypeObject = it_type("itertools.cycle", Some(new::cycle_new));
pub static TYPE_REPEAT: TypeObject = TypeObject { repr: Some(next::repeat_repr), ..it_type("itertools.repeat", Some(new::repeat_new)) };
pub static TYPE_ACCUMULATE: TypeObject = it_type("itertools.accumulate", Some(new::accumulate_new));
pub static TYPE_CHAIN: TypeObject = TypeObject {
    class_functions: &[("from_iterable", chain_from_iterable_value)],
    ..it_type("itertools.chain", Some(new::chain_new))
};
/// `chain.from_iterable` as a value (the class function of `TYPE_CHAIN`).
fn chain_from_iterable_value() -> super::Obj {
    super::builtin_fn::molt_builtin_function(BuiltinFunction::ItertoolsChainFromIterable.code())
}

pub static TYPE_COMPRESS: TypeObject = it_type("itertools.compress", Some(new::compress_new));
pub static TYPE_DROPWHILE: TypeObject = it_type("itertools.dropwhile", Some(new::dropwhile_new));
pub static TYPE_TAKEWHILE: TypeObject = it_type("itertools.takewhile", Some(new::takewhile_new));
pub static TYPE_FILTERFALSE: TypeObject = it_type("itertools.filterfalse", Some(new::filterfalse_new));
pub static TYPE_GROUPBY: TypeObject = it_type("itertools.groupby", Some(new::groupby_new));
pub static TYPE_GROUPER: TypeObject = it_type("itertools._grouper", None);
pub static TYPE_ISLICE: TypeObject = it_type("itertools.islice", Some(new::islice_new));
pub static TYPE_STARMAP: TypeObject = it_type("itertools.starmap", Some(new::starmap_new));
pub static TYPE_TEE: TypeObject = it_type("itertools._tee", None);
pub static TYPE_TEE_DATA: TypeObject = TypeObject {
    heap: Some(HeapKind::Itertools),
    ..TypeObject::new("itertools._tee_dataobject", &TYPE_OBJECT)
};
pub static TYPE_ZIP_LONGEST: TypeObject = it_type("itertools.zip_longest", Some(new::zip_longest_new));
pub static TYPE_PRODUCT: TypeObject = it_type("itertools.product", Some(new::product_new));
pub static TYPE_PERMUTATIONS: TypeObject = it_type("itertools.permutations", Some(new::permutations_new));
pub static TYPE_COMBINATIONS: TypeObject = it_type("itertools.combinations", Some(new::combinations_new));
pub static TYPE_CWR: TypeObject =
    it_type("itertools.combinations_with_replacement", Some(new::cwr_new));
pub static TYPE_PAIRWISE: TypeObject = it_type("itertools.pairwise", Some(new::pairwise_new));

/// The functions of `itertools` (its other names are the types above).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItertoolsFn {
    Tee,
    ChainFromIterable,
}

impl ItertoolsFn {
    /// Its `__name__`.
    pub const fn name(self) -> &'static str {
        match self {
            ItertoolsFn::Tee => "tee",
            ItertoolsFn::ChainFromIterable => "from_iterable",
        }
    }
}

/// Stores itertools' names in its namespace `d`.
pub fn fill(d: Obj) -> MoltResult<()> {
    let types: [(&str, &'static TypeObject); 18] = [
        ("accumulate", &TYPE_ACCUMULATE),
        ("chain", &TYPE_CHAIN),
        ("combinations", &TYPE_COMBINATIONS),
        ("combinations_with_replacement", &TYPE_CWR),
        ("compress", &TYPE_COMPRESS),
        ("count", &TYPE_COUNT),
        ("cycle", &TYPE_CYCLE),
        ("dropwhile", &TYPE_DROPWHILE),
        ("filterfalse", &TYPE_FILTERFALSE),
        ("groupby", &TYPE_GROUPBY),
        ("islice", &TYPE_ISLICE),
        ("pairwise", &TYPE_PAIRWISE),
        ("permutations", &TYPE_PERMUTATIONS),
        ("product", &TYPE_PRODUCT),
        ("repeat", &TYPE_REPEAT),
        ("starmap", &TYPE_STARMAP),
        ("takewhile", &TYPE_TAKEWHILE),
        ("zip_longest", &TYPE_ZIP_LONGEST),
    ];
    for (name, t) in types {
        store_owned(d, name, Ok(super::attrs::class_value(t)))?;
    }
    store_owned(d, "tee", Ok(super::builtin_fn::molt_builtin_function(BuiltinFunction::ItertoolsTee.code())))
}

/// `itertools.tee(...)` / `chain.from_iterable(...)`.
pub fn call(f: ItertoolsFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match f {
        ItertoolsFn::Tee => new::tee(pos, kw),
        ItertoolsFn::ChainFromIterable => new::chain_from_iterable(pos, kw),
    }
}

// --- the object and its fields ---

/// A new object of type `t` (kind `kind`), its fields as given (owned references, taken),
/// tracked by the collector.
fn alloc_it(
    t: &'static TypeObject,
    kind: Kind,
    refs: [Option<Obj>; 5],
    items: Vec<Obj>,
    idx: Vec<usize>,
    n: [i64; 4],
) -> MoltResult<Obj> {
    let p = match alloc_container(Layout::new::<ItObject>(), t) {
        Ok(p) => p.cast::<ItObject>(),
        Err(e) => {
            for r in refs.into_iter().flatten() {
                // SAFETY: the caller gave these references.
                unsafe { decref(r) };
            }
            super::list::release(items);
            return Err(e);
        }
    };
    // SAFETY: a fresh block whose header is written; the fields are written before tracking.
    unsafe {
        core::ptr::addr_of_mut!((*p).kind).write(kind);
        core::ptr::addr_of_mut!((*p).refs).write(refs);
        core::ptr::addr_of_mut!((*p).items).write(items);
        core::ptr::addr_of_mut!((*p).idx).write(idx);
        core::ptr::addr_of_mut!((*p).n).write(n);
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// The object behind `o`, if it is an itertools object.
fn it_ptr(o: Obj) -> Option<*mut ItObject> {
    if o.type_of().heap != Some(HeapKind::Itertools) {
        return None;
    }
    o.header_ptr().map(|h| h.cast_mut().cast::<ItObject>())
}

/// The kind of `o` (None for another object).
fn kind_of(o: Obj) -> Option<Kind> {
    // SAFETY: a live itertools object; the kind never changes.
    it_ptr(o).map(|p| unsafe { (*p).kind })
}

/// Field `i` of `o` as a new reference (None when empty).
fn field(o: Obj, i: usize) -> Option<Owned> {
    let p = it_ptr(o)?;
    // SAFETY: a live itertools object; the borrow ends here.
    let v = unsafe { (*p).refs.get(i).copied().flatten() };
    v.map(|v| Owned(new_ref(v)))
}

/// Whether field `i` of `o` holds a value.
fn has_field(o: Obj, i: usize) -> bool {
    // SAFETY: as in `field`.
    it_ptr(o).is_some_and(|p| unsafe { (*p).refs.get(i).copied().flatten().is_some() })
}

/// Stores `v` (a reference it takes) in field `i` of `o`, then drops the old value.
fn set_field(o: Obj, i: usize, v: Option<Obj>) {
    let Some(p) = it_ptr(o) else {
        if let Some(v) = v {
            // SAFETY: the caller gave this reference.
            unsafe { decref(v) };
        }
        return;
    };
    // SAFETY: a live itertools object; the borrow ends before the old value is dropped.
    let old = unsafe {
        match (*p).refs.get_mut(i) {
            Some(slot) => core::mem::replace(slot, v),
            None => v,
        }
    };
    if let Some(old) = old {
        // SAFETY: the object owned it (or the caller gave it).
        unsafe { decref(old) };
    }
}

/// Number `i` of `o`.
fn num(o: Obj, i: usize) -> i64 {
    // SAFETY: a live itertools object.
    it_ptr(o).map_or(0, |p| unsafe { (*p).n.get(i).copied().unwrap_or(0) })
}

/// Sets number `i` of `o`.
fn set_num(o: Obj, i: usize, v: i64) {
    if let Some(p) = it_ptr(o) {
        // SAFETY: a live itertools object.
        unsafe {
            if let Some(slot) = (*p).n.get_mut(i) {
                *slot = v;
            }
        }
    }
}

/// Runs `f` on the `items` and `idx` of `o`. `f` must not run Python code nor drop references
/// (it returns what to drop).
fn with_vecs<R>(o: Obj, f: impl FnOnce(&mut Vec<Obj>, &mut Vec<usize>) -> R) -> Option<R> {
    let p = it_ptr(o)?;
    // SAFETY: a live itertools object; no other borrow of these fields is live (see the
    // module's invariant).
    Some(unsafe { f(&mut (*p).items, &mut (*p).idx) })
}

// --- memory ---

/// Visits an itertools object's references.
///
/// # Safety
/// `h` is a live itertools object.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    let o = unsafe { &*h.cast::<ItObject>() };
    for r in o.refs.iter().flatten() {
        visit(*r);
    }
    for &x in &o.items {
        visit(x);
    }
}

/// Drops the references of an unreachable itertools object.
///
/// # Safety
/// `h` is a live itertools object that the collector found unreachable.
pub(crate) unsafe fn clear(h: *mut Header) {
    // SAFETY: forwarded contract; the fields are emptied before the references are dropped.
    unsafe {
        let p = h.cast::<ItObject>();
        let refs = core::mem::take(&mut (*p).refs);
        let items = core::mem::take(&mut (*p).items);
        (*p).idx = Vec::new();
        for r in refs.into_iter().flatten() {
            decref(r);
        }
        super::list::release(items);
    }
}

/// Frees an itertools object. A `_tee` tells its data object that it will read no more, so
/// that the values only it still had to read are dropped.
///
/// # Safety
/// `h` is an itertools object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    // SAFETY: forwarded contract: the fields are moved out, then the block is freed, then the
    // references are dropped once each.
    unsafe {
        let p = h.cast::<ItObject>();
        let kind = (*p).kind;
        let refs = core::ptr::read(&(*p).refs);
        let items = core::ptr::read(&(*p).items);
        let idx = core::ptr::read(&(*p).idx);
        let pos = (*p).n[0];
        free_raw(h, Layout::new::<ItObject>(), HeapKind::Itertools);
        drop(idx);
        if kind == Kind::Tee
            && let Some(data) = refs[0]
        {
            next::tee_leave(data, pos);
        }
        for r in refs.into_iter().flatten() {
            decref(r);
        }
        super::list::release(items);
    }
}
