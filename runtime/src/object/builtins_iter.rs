//! The iteration builtins: `enumerate`, `zip`, `reversed` (with the `enumerate`, `zip`,
//! `reversed` and `list_reverseiterator` objects), `sum`, `any`, `all`, `min`, `max`, `next`,
//! `iter`.
//!
//! Relies on: `iter` for the iteration protocol (`get_iter`, `iter_next`); `dispatch` for `+`,
//! truth and rich comparison; `range` for `reversed(range)`; `list`, `tuple`, `str` for the
//! sequences `reversed` walks; `alloc` for counted allocation and deferred frees;
//! `callable::call_object` for `min`/`max`'s key function. The
//! references are CPython 3.11's `Objects/enumobject.c` (`enum_new_impl`, `enum_next`,
//! `enum_next_long`, `reversed_new_impl`, `reversed_next`), `Objects/listobject.c`
//! (`listreviter_next`) and `Python/bltinmodule.c` (`zip_new`, `zip_next`, `builtin_sum_impl`,
//! `builtin_any`, `builtin_all`, `min_max`, `builtin_next`).
//!
//! Provides: the types `enumerate`, `zip`, `reversed`, `list_reverseiterator`; the functions
//! [`enumerate`], [`zip`], [`reversed`], [`sum`], [`any`], [`all`], [`min_max`], [`next`];
//! and the ABI's `molt_enumerate`, `molt_zip`, `molt_reversed`, `molt_sum`, `molt_any`,
//! `molt_all`, `molt_min_max`, `molt_next`, `molt_iter`.
//!
//! Invariants: an `enumerate` owns its source iterator and (past `i64::MAX`, or from a big
//! start) its big index; a `zip` owns the tuple of its iterators; a `reversed` /
//! `list_reverseiterator` owns its sequence until it is exhausted, then drops it (index -1),
//! so it stays exhausted. Results and errors are CPython's: `sum` is semantically repeated
//! `+` (its int and float accumulators give exactly the sums `+` would, as CPython 3.11's fast
//! paths do: plain float addition in iteration order, no compensated summation); ties in
//! `min`/`max` keep the first item; a strict `zip`'s ValueErrors name the arguments as CPython
//! does.

use alloc::alloc::Layout;
use alloc::format;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::float::{box_float, float_value, molt_type_float};
use super::int::{self, int_ref};
use super::range::{Owned, number_index};
use super::types::{TYPE_OBJECT, TypeObject};
use super::{Header, Obj, decref, dispatch, iter, list, new_ref, singletons, str, tuple};
use crate::ExceptionKind::{StopIteration, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail, value_or_raise};
use crate::{BinaryOp, CompareOp};

/// The `tp_iter` of an iterator: itself.
fn self_iter(it: Obj) -> MoltResult<Obj> {
    Ok(new_ref(it))
}

/// Releases the references of `items`.
fn release(items: Vec<Obj>) {
    for o in items {
        // SAFETY: the vector owned these references.
        unsafe { decref(o) };
    }
}

// --- enumerate ---

/// An `enumerate` object.
#[repr(C)]
pub struct EnumerateObject {
    pub header: Header,
    /// The source iterator (owned).
    it: Obj,
    /// The next index while it is below `i64::MAX` (CPython's `en_index`).
    index: i64,
    /// The next index once `index` reached `i64::MAX` (owned; CPython's `en_longindex`).
    long_index: Option<Obj>,
}

/// `enumerate(iterable, start)` (`enum_new_impl`): the start through `__index__` first, then
/// `iter(iterable)`.
pub fn enumerate(iterable: Obj, start: Obj) -> MoltResult<Obj> {
    let start = number_index(start)?;
    let (index, long_index) = match int_ref(start.get()).and_then(int::IntRef::to_i64) {
        Some(i) if i != i64::MAX => (i, None),
        _ => (i64::MAX, Some(start.release())),
    };
    let long_index = long_index.map(Owned);
    let it = Owned(iter::get_iter(iterable)?);
    let p = alloc_container(Layout::new::<EnumerateObject>(), &TYPE_ENUMERATE)?.cast::<EnumerateObject>();
    // SAFETY: `p` is a fresh `EnumerateObject` block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).it).write(it.release());
        core::ptr::addr_of_mut!((*p).index).write(index);
        core::ptr::addr_of_mut!((*p).long_index).write(long_index.map(Owned::release));
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// Visits the iterator and big index of an `enumerate` (`enum_traverse`).
///
/// # Safety
/// `h` is a live `enumerate`.
pub(crate) unsafe fn traverse_enumerate(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    let (it, long) = unsafe {
        let e = h.cast::<EnumerateObject>();
        ((*e).it, (*e).long_index)
    };
    visit(it);
    if let Some(l) = long {
        visit(l);
    }
}

/// Drops the references of an unreachable `enumerate`.
///
/// # Safety
/// `h` is a live `enumerate` that the collector found unreachable.
pub(crate) unsafe fn clear_enumerate(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe {
        let e = h.cast::<EnumerateObject>();
        super::gc::clear_slot(core::ptr::addr_of_mut!((*e).it));
        if let Some(l) = (*e).long_index.take() {
            decref(l);
        }
    }
}

/// Frees an `enumerate`.
///
/// # Safety
/// `h` is an `enumerate` with no reference left.
pub(crate) unsafe fn free_enumerate(h: *mut Header) {
    // SAFETY: forwarded contract: the fields are initialised and released once.
    unsafe {
        let e = h.cast::<EnumerateObject>();
        let (it, long) = ((*e).it, (*e).long_index);
        free_raw(h, Layout::new::<EnumerateObject>(), HeapKind::Enumerate);
        decref(it);
        if let Some(l) = long {
            decref(l);
        }
    }
}

/// `enum_next` / `enum_next_long`: `(index, item)`.
fn enumerate_next(o: Obj) -> MoltResult<Option<Obj>> {
    let Some(h) = o.header_ptr() else {
        return Ok(None);
    };
    // SAFETY: the slot is only called on enumerate objects; single-threaded, and nothing else
    // holds a reference into the state while this runs (the source iterator is another object).
    let e = unsafe { &mut *h.cast::<EnumerateObject>().cast_mut() };
    let Some(item) = iter::iter_next(e.it)? else {
        return Ok(None);
    };
    let item = Owned(item);
    let index = if e.index == i64::MAX {
        let next = match e.long_index {
            Some(l) => l,
            None => int::from_i64(i64::MAX)?,
        };
        e.long_index = None;
        let next = Owned(next);
        let stepped = int::int_binary(
            BinaryOp::Add,
            int_ref(next.get()).unwrap_or(int::IntRef::Small(0)),
            int::IntRef::Small(1),
        );
        match stepped {
            Ok(s) => e.long_index = Some(s),
            Err(err) => {
                e.long_index = Some(next.release());
                return Err(err);
            }
        }
        next
    } else {
        let next = Owned(int::from_i64(e.index)?);
        e.index += 1;
        next
    };
    tuple::tuple_from_vec(alloc::vec![index.release(), item.release()]).map(Some)
}

/// `enumerate`.
pub static TYPE_ENUMERATE: TypeObject = TypeObject {
    new: Some(super::construct::enumerate_new),
    iter: Some(self_iter),
    iternext: Some(enumerate_next),
    heap: Some(HeapKind::Enumerate),
    ..TypeObject::new("enumerate", &TYPE_OBJECT)
};

// --- zip ---

/// A `zip` object.
#[repr(C)]
pub struct ZipObject {
    pub header: Header,
    /// The tuple of the argument iterators (owned).
    iters: Obj,
    strict: bool,
}

/// `zip(*iterables, strict=strict)` (`zip_new`): `iterables` is a tuple; each is made an
/// iterator, in order.
pub fn zip(iterables: Obj, strict: bool) -> MoltResult<Obj> {
    let Some(items) = tuple::tuple_items(iterables) else {
        return fail(TypeError, "molt_zip: arguments not a tuple");
    };
    let mut iters: Vec<Obj> = Vec::new();
    if iters.try_reserve_exact(items.len()).is_err() {
        return super::alloc::memory_error();
    }
    for &x in items {
        match iter::get_iter(x) {
            Ok(it) => iters.push(it),
            Err(e) => {
                release(iters);
                return Err(e);
            }
        }
    }
    let iters = Owned(tuple::tuple_from_vec(iters)?);
    let p = alloc_container(Layout::new::<ZipObject>(), &TYPE_ZIP)?.cast::<ZipObject>();
    // SAFETY: `p` is a fresh `ZipObject` block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).iters).write(iters.release());
        core::ptr::addr_of_mut!((*p).strict).write(strict);
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// Visits the tuple of iterators of a `zip` (`zip_traverse`).
///
/// # Safety
/// `h` is a live `zip`.
pub(crate) unsafe fn traverse_zip(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    visit(unsafe { (*h.cast::<ZipObject>()).iters });
}

/// Drops the tuple of an unreachable `zip`.
///
/// # Safety
/// `h` is a live `zip` that the collector found unreachable.
pub(crate) unsafe fn clear_zip(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe { super::gc::clear_slot(core::ptr::addr_of_mut!((*h.cast::<ZipObject>()).iters)) };
}

/// Frees a `zip`.
///
/// # Safety
/// `h` is a `zip` with no reference left.
pub(crate) unsafe fn free_zip(h: *mut Header) {
    // SAFETY: forwarded contract: the tuple is released once.
    unsafe {
        let iters = (*h.cast::<ZipObject>()).iters;
        free_raw(h, Layout::new::<ZipObject>(), HeapKind::Zip);
        decref(iters);
    }
}

/// `" "` after "argument" for 1, `"s 1-"` before a larger count (CPython's `plural`).
fn plural(i: usize) -> &'static str {
    if i == 1 { " " } else { "s 1-" }
}

/// `zip_next`: a tuple of one item of each iterator; for a strict zip, the check that all
/// ended together.
fn zip_next(o: Obj) -> MoltResult<Option<Obj>> {
    let Some(h) = o.header_ptr() else {
        return Ok(None);
    };
    // SAFETY: the slot is only called on zip objects.
    let (iters, strict) = unsafe {
        let z = h.cast::<ZipObject>();
        ((*z).iters, (*z).strict)
    };
    let its = tuple::tuple_items(iters).unwrap_or(&[]);
    if its.is_empty() {
        return Ok(None);
    }
    // The iterators tuple stays alive: `o` holds it while this runs.
    let mut items: Vec<Obj> = Vec::new();
    if items.try_reserve_exact(its.len()).is_err() {
        return super::alloc::memory_error();
    }
    for (i, &it) in its.iter().enumerate() {
        let ended = match iter::iter_next(it) {
            Ok(Some(x)) => {
                items.push(x);
                continue;
            }
            Ok(None) => true,
            Err(e) if strict && e.kind == StopIteration => true,
            Err(e) => {
                release(items);
                return Err(e);
            }
        };
        release(items);
        if ended && strict {
            return zip_check(its, i);
        }
        return Ok(None);
    }
    tuple::tuple_from_vec(items).map(Some)
}

/// The end of `zip_next` for a strict zip whose argument `i` ended.
fn zip_check(its: &[Obj], i: usize) -> MoltResult<Option<Obj>> {
    if i > 0 {
        return fail(
            ValueError,
            format!(
                "zip() argument {} is shorter than argument{}{i}",
                i + 1,
                plural(i)
            ),
        );
    }
    for (j, &it) in its.iter().enumerate().skip(1) {
        match iter::iter_next(it) {
            Ok(Some(x)) => {
                // SAFETY: `iter_next` returned a new reference.
                unsafe { decref(x) };
                return fail(
                    ValueError,
                    format!(
                        "zip() argument {} is longer than argument{}{j}",
                        j + 1,
                        plural(j)
                    ),
                );
            }
            Ok(None) => {}
            Err(e) if e.kind == StopIteration => {}
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// `zip`.
pub static TYPE_ZIP: TypeObject = TypeObject {
    new: Some(super::construct::zip_new),
    iter: Some(self_iter),
    iternext: Some(zip_next),
    heap: Some(HeapKind::Zip),
    ..TypeObject::new("zip", &TYPE_OBJECT)
};

// --- reversed ---

/// A `reversed` object or a `list_reverseiterator` (the same layout).
#[repr(C)]
pub struct ReversedObject {
    pub header: Header,
    /// The sequence (owned) until the iterator is exhausted.
    seq: Option<Obj>,
    /// The index of the next item; -1 once exhausted.
    index: i64,
}

/// A reverse iterator of type `ty` over `seq` from `index` down.
fn new_reversed(ty: &'static TypeObject, seq: Obj, index: i64) -> MoltResult<Obj> {
    let p = alloc_container(Layout::new::<ReversedObject>(), ty)?.cast::<ReversedObject>();
    // SAFETY: `p` is a fresh `ReversedObject` block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).seq).write(Some(new_ref(seq)));
        core::ptr::addr_of_mut!((*p).index).write(index);
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// Visits the sequence of a `reversed` or `list_reverseiterator`.
///
/// # Safety
/// `h` is a live object of one of those types.
pub(crate) unsafe fn traverse_reversed(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    if let Some(s) = unsafe { (*h.cast::<ReversedObject>()).seq } {
        visit(s);
    }
}

/// Drops the sequence of an unreachable `reversed` or `list_reverseiterator` (it reads as
/// exhausted).
///
/// # Safety
/// `h` is a live object of one of those types that the collector found unreachable.
pub(crate) unsafe fn clear_reversed(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe {
        let r = h.cast::<ReversedObject>();
        (*r).index = -1;
        if let Some(s) = (*r).seq.take() {
            decref(s);
        }
    }
}

/// Frees a `reversed` or a `list_reverseiterator`.
///
/// # Safety
/// `h` is an object of one of those types (of heap kind `kind`) with no reference left.
pub(crate) unsafe fn free_reversed(h: *mut Header, kind: HeapKind) {
    // SAFETY: forwarded contract: `seq` is initialised and released once.
    unsafe {
        let seq = (*h.cast::<ReversedObject>()).seq.take();
        free_raw(h, Layout::new::<ReversedObject>(), kind);
        if let Some(s) = seq {
            decref(s);
        }
    }
}

/// The state of a reverse iterator.
fn reversed_state<'a>(o: Obj) -> Option<&'a mut ReversedObject> {
    let h = o.header_ptr()?;
    // SAFETY: only called from the slots of the two reverse iterator types; single-threaded,
    // and the state is not otherwise borrowed while a slot runs.
    Some(unsafe { &mut *h.cast::<ReversedObject>().cast_mut() })
}

/// Marks a reverse iterator exhausted, dropping its sequence.
fn reversed_exhaust(s: &mut ReversedObject) {
    s.index = -1;
    if let Some(seq) = s.seq.take() {
        // SAFETY: the iterator owned this reference.
        unsafe { decref(seq) };
    }
}

/// `reversed_next`: `seq[index]`, counting down; an IndexError (or StopIteration) ends it.
fn reversed_next(o: Obj) -> MoltResult<Option<Obj>> {
    let Some(s) = reversed_state(o) else {
        return Ok(None);
    };
    if let (true, Some(seq)) = (s.index >= 0, s.seq) {
        let key = int::from_i64(s.index)?;
        match dispatch::getitem(seq, key) {
            Ok(item) => {
                s.index -= 1;
                return Ok(Some(item));
            }
            Err(e) if e.kind == crate::ExceptionKind::IndexError || e.kind == StopIteration => {}
            Err(e) => return Err(e),
        }
    }
    reversed_exhaust(s);
    Ok(None)
}

/// `listreviter_next`: the item at the index while the list (its live length) has it.
fn list_reversed_next(o: Obj) -> MoltResult<Option<Obj>> {
    let Some(s) = reversed_state(o) else {
        return Ok(None);
    };
    if let (Ok(i), Some(seq)) = (usize::try_from(s.index), s.seq)
        && let Some(item) = list::item_at(seq, i)
    {
        s.index -= 1;
        return Ok(Some(new_ref(item)));
    }
    reversed_exhaust(s);
    Ok(None)
}

/// `reversed`.
pub static TYPE_REVERSED: TypeObject = TypeObject {
    new: Some(super::construct::reversed_new),
    iter: Some(self_iter),
    iternext: Some(reversed_next),
    heap: Some(HeapKind::Reversed),
    ..TypeObject::new("reversed", &TYPE_OBJECT)
};

/// `list_reverseiterator`.
pub static TYPE_LIST_REVERSEITERATOR: TypeObject = TypeObject {
    iter: Some(self_iter),
    iternext: Some(list_reversed_next),
    heap: Some(HeapKind::ListReverseIterator),
    ..TypeObject::new("list_reverseiterator", &TYPE_OBJECT)
};

/// `reversed(seq)` (`reversed_new_impl`): the type's `__reversed__` (list:
/// `list_reverseiterator`; range: `range_range_reverse`), else, for a sequence (tuple, str),
/// a `reversed` object over `__len__` and `__getitem__`; TypeError "'int' object is not
/// reversible" otherwise.
pub fn reversed(seq: Obj) -> MoltResult<Obj> {
    if let Some(n) = list::list_len(seq) {
        return new_reversed(&TYPE_LIST_REVERSEITERATOR, seq, n as i64 - 1);
    }
    if let Some(r) = super::range::range_reverse(seq) {
        return r;
    }
    // A builtin type's own `__reversed__` (`collections.deque`).
    if let Some(m) = seq.type_of().method("__reversed__") {
        return (m.call)(seq, &[], &[]);
    }
    let n = if let Some(n) = tuple::tuple_len(seq) {
        Some(n)
    } else if str::str_text(seq).is_some() {
        Some(str::str_chars(seq))
    } else if let (Some(_), Some(len)) = (seq.type_of().ext.and_then(|e| e.getslice), seq.type_of().sequence.and_then(|s| s.len)) {
        // Another builtin sequence (`bytes`: the types that slice are the sequences).
        Some(len(seq))
    } else {
        None
    };
    match n {
        Some(n) => new_reversed(&TYPE_REVERSED, seq, n as i64 - 1),
        None => fail(
            TypeError,
            format!("'{}' object is not reversible", seq.type_of().name),
        ),
    }
}

// --- sum, any, all, min, max, next ---

/// The value of an exact int (not a bool) that fits an i64 (`PyLong_CheckExact` +
/// `PyLong_AsLongAndOverflow`).
fn exact_i64(o: Obj) -> Option<i64> {
    if singletons::is_bool(o) {
        return None;
    }
    int_ref(o).and_then(int::IntRef::to_i64)
}

/// `sum(iterable, start)` (`builtin_sum_impl`): `iter(iterable)` first, then TypeError "sum()
/// can't sum strings [use ''.join(seq) instead]" for a str start; then repeated `+`, with
/// CPython's int and float accumulators.
pub fn sum(iterable: Obj, start: Obj) -> MoltResult<Obj> {
    let it = Owned(iter::get_iter(iterable)?);
    if str::str_text(start).is_some() {
        return fail(
            TypeError,
            "sum() can't sum strings [use ''.join(seq) instead]",
        );
    }
    let mut result = Owned(new_ref(start));
    // The int accumulator: while the sum is an exact int in the i64 range.
    if let Some(mut acc) = exact_i64(result.get()) {
        loop {
            let Some(item) = iter::iter_next(it.get())? else {
                return int::from_i64(acc);
            };
            let item = Owned(item);
            if int::is_int(item.get())
                && let Some(b) = int_ref(item.get()).and_then(int::IntRef::to_i64)
                && let Some(s) = acc.checked_add(b)
            {
                acc = s;
                continue;
            }
            let r = Owned(int::from_i64(acc)?);
            result = Owned(dispatch::binary_op(BinaryOp::Add, r.get(), item.get())?);
            break;
        }
    }
    // The float accumulator: while the sum is a float (exact type).
    if result.get().type_of().is(&molt_type_float) {
        let mut acc = float_value(result.get()).unwrap_or(0.0);
        loop {
            let Some(item) = iter::iter_next(it.get())? else {
                return box_float(acc);
            };
            let item = Owned(item);
            if let Some(v) = float_value(item.get()) {
                acc += v;
                continue;
            }
            if let Some(v) = int_ref(item.get()).and_then(int::IntRef::to_i64) {
                acc += v as f64;
                continue;
            }
            let r = Owned(box_float(acc)?);
            result = Owned(dispatch::binary_op(BinaryOp::Add, r.get(), item.get())?);
            break;
        }
    }
    while let Some(item) = iter::iter_next(it.get())? {
        let item = Owned(item);
        result = Owned(dispatch::binary_op(
            BinaryOp::Add,
            result.get(),
            item.get(),
        )?);
    }
    Ok(result.release())
}

/// `any(iterable)` (`want` true) / `all(iterable)` (false): whether some item's truth is
/// `want`.
fn any_truth(iterable: Obj, want: bool) -> MoltResult<bool> {
    let it = Owned(iter::get_iter(iterable)?);
    while let Some(item) = iter::iter_next(it.get())? {
        let item = Owned(item);
        if dispatch::truth(item.get())? == want {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `any(iterable)`.
pub fn any(iterable: Obj) -> MoltResult<bool> {
    any_truth(iterable, true)
}

/// `all(iterable)`.
pub fn all(iterable: Obj) -> MoltResult<bool> {
    any_truth(iterable, false).map(|found| !found)
}

/// `min(*args, key=…, default=…)` / `max(…)` (CPython's `min_max`): `args` is the tuple of
/// positional arguments (one iterable, or the values themselves); `key` (None or Python's None:
/// no key function) is called on each item in order, through `callable::call_object`, and the
/// keys are compared; ties keep the first item.
pub fn min_max(args: Obj, is_max: bool, key: Option<Obj>, default: Option<Obj>) -> MoltResult<Obj> {
    let name = if is_max { "max" } else { "min" };
    let items = tuple::tuple_items(args).unwrap_or(&[]);
    if items.is_empty() {
        return fail(
            TypeError,
            format!("{name} expected at least 1 argument, got 0"),
        );
    }
    let positional = items.len() > 1;
    if positional && default.is_some() {
        return fail(
            TypeError,
            format!("Cannot specify a default for {name}() with multiple positional arguments"),
        );
    }
    let v = if positional { args } else { items[0] };
    let it = Owned(iter::get_iter(v)?);
    let key = key.filter(|&k| !singletons::is_none(k));
    let op = if is_max { CompareOp::Gt } else { CompareOp::Lt };
    // The best item and its key (None without a key function: the item is its own key).
    let mut best: Option<(Owned, Option<Owned>)> = None;
    while let Some(item) = iter::iter_next(it.get())? {
        let item = Owned(item);
        let val = match key {
            Some(k) => Some(Owned(super::callable::call_object(k, &[item.get()], &[])?)),
            None => None,
        };
        let better = match &best {
            None => true,
            Some((b, bval)) => {
                let x = val.as_ref().map_or(item.get(), Owned::get);
                let y = bval.as_ref().map_or(b.get(), Owned::get);
                dispatch::rich_compare_bool(op, x, y)?
            }
        };
        if better {
            best = Some((item, val));
        }
    }
    match (best, default) {
        (Some((b, _)), _) => Ok(b.release()),
        (None, Some(d)) => Ok(new_ref(d)),
        (None, None) => fail(ValueError, format!("{name}() arg is an empty sequence")),
    }
}

/// `next(it[, default])` (`builtin_next`): TypeError "'list' object is not an iterator";
/// StopIteration (no argument) when exhausted without a default. A generator's return value
/// rides on its StopIteration, as CPython's `gen_iternext` sets it (`generator::next_value`).
pub fn next(it: Obj, default: Option<Obj>) -> MoltResult<Obj> {
    if super::generator::is_generator(it)
        && let Some(g) = super::generator::hooks()
    {
        return match ((g.next_value)(it), default) {
            (Err(e), Some(d)) if e.kind == StopIteration => Ok(new_ref(d)),
            (r, _) => r,
        };
    }
    let Some(f) = it.type_of().iternext_slot() else {
        return fail(
            TypeError,
            format!("'{}' object is not an iterator", it.type_of().name),
        );
    };
    match (f(it), default) {
        (Ok(Some(x)), _) => Ok(x),
        (Ok(None), Some(d)) => Ok(new_ref(d)),
        (Err(e), Some(d)) if e.kind == StopIteration => Ok(new_ref(d)),
        (Ok(None), None) => fail(StopIteration, ""),
        (Err(e), _) => Err(e),
    }
}

// --- the C ABI ---

/// `enumerate(iterable, start)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enumerate(iterable: Obj, start: Obj) -> Obj {
    value_or_raise(enumerate(iterable, start))
}

/// `zip(*iterables, strict=strict)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_zip(iterables: Obj, strict: bool) -> Obj {
    value_or_raise(zip(iterables, strict))
}

/// `reversed(seq)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_reversed(seq: Obj) -> Obj {
    value_or_raise(reversed(seq))
}

/// `sum(iterable, start)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_sum(iterable: Obj, start: Obj) -> Obj {
    value_or_raise(sum(iterable, start))
}

/// `any(iterable)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_any(iterable: Obj) -> bool {
    value_or_raise(any(iterable))
}

/// `all(iterable)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_all(iterable: Obj) -> bool {
    value_or_raise(all(iterable))
}

/// `min(*args, key=key, default=default)` / `max(…)` (`key` None: no key function).
#[unsafe(no_mangle)]
pub extern "C" fn molt_min_max(args: Obj, is_max: bool, key: Obj, default: Obj, has_default: bool) -> Obj {
    value_or_raise(min_max(args, is_max, Some(key), has_default.then_some(default)))
}

/// `next(it[, default])`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_next(it: Obj, default: Obj, has_default: bool) -> Obj {
    value_or_raise(next(it, has_default.then_some(default)))
}

/// `iter(a)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_iter(a: Obj) -> Obj {
    value_or_raise(iter::get_iter(a))
}
