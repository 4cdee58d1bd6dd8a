//! `range` objects and their iterators, as CPython 3.11's `Objects/rangeobject.c`.
//!
//! Relies on: `int` for the arithmetic on Python ints of any size (`int_binary`,
//! `int_compare`; a range's fields may be big ints) and the `__index__` slots for arguments;
//! `tuple` + `dispatch::hash` for `range_hash`; `iter` for the iteration protocol;
//! `alloc` for counted allocation and the deferred frees.
//!
//! Provides: the type `range` ([`TYPE_RANGE`]) with its slots (repr, `len`, `in`, indexing,
//! `==`, hash, truth, iteration) and methods (`count`, `index`); [`range_new`] (the ABI's
//! `molt_range_new`); [`range_slice`] (`r[a:b:c]`, a new range, for `slice::getslice`);
//! [`range_len`] (`len(r)` with CPython's OverflowError, for `dispatch::len_of`);
//! [`attribute`] (`start`, `stop`, `step`, for `attrs::getattr`); [`range_reverse`]
//! (`reversed(r)`); the iterator types `range_iterator` (C `long` fields, chosen exactly when
//! CPython's `range_iter` / `range_reverse` choose it) and `longrange_iterator` (int objects).
//!
//! Invariants: a range object owns its four fields, all ints: start, stop, step (never zero)
//! and the length (`compute_range_length`, never negative), fixed at creation. A
//! `range_iterator` yields `start + index * step` for `index < len`, computed in wrapping
//! 64-bit arithmetic whose results fit an i64 by construction (CPython's checks). A
//! `longrange_iterator` owns its four ints and only ever replaces its index. Nothing here
//! panics: every arithmetic step that could fail returns its error.

use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;
use core::cmp::Ordering;

use super::alloc::{HeapKind, alloc_raw, free_raw};
use super::int::{self, IntRef, int_ref};
use super::iter;
use super::types::{MethodDef, NumberSlots, SequenceSlots, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, decref, dispatch, new_ref, singletons, tuple};
use crate::ExceptionKind::{IndexError, OverflowError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};
use crate::{BinaryOp, CompareOp, UnaryOp};

/// An owned reference, released when dropped (the temporaries of the int arithmetic).
pub(crate) struct Owned(pub(crate) Obj);

impl Owned {
    /// The object (still owned by `self`).
    pub(crate) fn get(&self) -> Obj {
        self.0
    }

    /// Gives the reference to the caller.
    pub(crate) fn release(self) -> Obj {
        let o = self.0;
        core::mem::forget(self);
        o
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        // SAFETY: an `Owned` holds exactly one reference, given up once, here.
        unsafe { decref(self.0) }
    }
}

/// The view of an int (the fields here are always ints; anything else reads as 0).
fn iv<'a>(o: Obj) -> IntRef<'a> {
    int_ref(o).unwrap_or(IntRef::Small(0))
}

/// A small int constant.
fn small(v: i64) -> Obj {
    Obj::small(v).unwrap_or_default()
}

/// `a op b` for two ints.
fn arith(op: BinaryOp, a: Obj, b: Obj) -> MoltResult<Owned> {
    int::int_binary(op, iv(a), iv(b)).map(Owned)
}

/// Compares two ints.
fn cmp(a: Obj, b: Obj) -> Ordering {
    int::int_compare(iv(a), iv(b))
}

/// The sign of an int.
fn sign(a: Obj) -> Ordering {
    cmp(a, small(0))
}

/// `PyNumber_Index(o)`: TypeError "'float' object cannot be interpreted as an integer".
pub(crate) fn number_index(o: Obj) -> MoltResult<Owned> {
    match o.type_of().index_slot() {
        Some(f) => f(o).map(Owned),
        None => fail(
            TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                o.type_of().name
            ),
        ),
    }
}

/// A range object.
#[repr(C)]
pub struct RangeObject {
    pub header: Header,
    start: Obj,
    stop: Obj,
    step: Obj,
    length: Obj,
}

/// The fields of `o` if it is a range.
fn range_ref<'a>(o: Obj) -> Option<&'a RangeObject> {
    if !o.type_of().is(&TYPE_RANGE) {
        return None;
    }
    let h = o.header_ptr()?;
    // SAFETY: an object of type range is a `RangeObject`, alive while `o` is referenced.
    Some(unsafe { &*h.cast::<RangeObject>() })
}

/// True if `o` is a range.
pub fn is_range(o: Obj) -> bool {
    o.type_of().is(&TYPE_RANGE)
}

/// `compute_range_length`: the number of items of `range(start, stop, step)`.
fn compute_length(start: Obj, stop: Obj, step: Obj) -> MoltResult<Owned> {
    if let (Some(a), Some(b), Some(s)) = (iv(start).to_i64(), iv(stop).to_i64(), iv(step).to_i64())
    {
        let (lo, hi, st) = if s > 0 {
            (i128::from(a), i128::from(b), i128::from(s))
        } else {
            (i128::from(b), i128::from(a), -i128::from(s))
        };
        let n = if lo >= hi || st == 0 {
            0
        } else {
            (hi - lo - 1) / st + 1
        };
        return int::from_i128(n).map(Owned);
    }
    let (lo, hi, st) = if sign(step) == Ordering::Greater {
        (start, stop, Owned(new_ref(step)))
    } else {
        (stop, start, Owned(int::int_unary(UnaryOp::Neg, step)?))
    };
    if cmp(lo, hi) != Ordering::Less {
        return Ok(Owned(small(0)));
    }
    let diff = arith(BinaryOp::Sub, hi, lo)?;
    let diff = arith(BinaryOp::Sub, diff.get(), small(1))?;
    let q = arith(BinaryOp::FloorDiv, diff.get(), st.get())?;
    arith(BinaryOp::Add, q.get(), small(1))
}

/// `make_range_object`: a range of the three ints (references taken over).
fn make_range(start: Owned, stop: Owned, step: Owned) -> MoltResult<Obj> {
    let length = compute_length(start.get(), stop.get(), step.get())?;
    let p = alloc_raw(Layout::new::<RangeObject>(), &TYPE_RANGE)?.cast::<RangeObject>();
    // SAFETY: `p` is a fresh `RangeObject` block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).start).write(start.release());
        core::ptr::addr_of_mut!((*p).stop).write(stop.release());
        core::ptr::addr_of_mut!((*p).step).write(step.release());
        core::ptr::addr_of_mut!((*p).length).write(length.release());
        Ok(Obj::from_header(p.cast()))
    }
}

/// `range(start, stop, step)` (`range_from_array`): each argument through `__index__`, in
/// order; ValueError "range() arg 3 must not be zero".
pub fn range_new(start: Obj, stop: Obj, step: Obj) -> MoltResult<Obj> {
    let start = number_index(start)?;
    let stop = number_index(stop)?;
    let step = number_index(step)?;
    if iv(step.get()).is_zero() {
        return fail(ValueError, "range() arg 3 must not be zero");
    }
    make_range(start, stop, step)
}

/// Frees a range object.
///
/// # Safety
/// `h` is a range object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    // SAFETY: forwarded contract: the fields are initialised and released once.
    unsafe {
        let r = h.cast::<RangeObject>();
        let fields = [(*r).start, (*r).stop, (*r).step, (*r).length];
        free_raw(h, Layout::new::<RangeObject>(), HeapKind::Range);
        for f in fields {
            decref(f);
        }
    }
}

/// `len(r)` (`range_length`) if `o` is a range: OverflowError "Python int too large to convert
/// to C ssize_t" for a length beyond an i64.
pub fn range_len(o: Obj) -> Option<MoltResult<Obj>> {
    let r = range_ref(o)?;
    Some(match iv(r.length).to_i64() {
        Some(_) => Ok(new_ref(r.length)),
        None => fail(
            OverflowError,
            "Python int too large to convert to C ssize_t",
        ),
    })
}

/// `sq_length` as a `usize` (clamped; `len()` goes through [`range_len`]).
fn range_len_slot(o: Obj) -> usize {
    range_ref(o)
        .and_then(|r| iv(r.length).to_i64())
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(0))
}

/// `range_bool`.
fn range_truth(o: Obj) -> bool {
    range_ref(o).is_some_and(|r| !iv(r.length).is_zero())
}

/// `r.start`, `r.stop`, `r.step` if `o` is a range and `name` one of them (the attributes slot
/// of `range`).
pub fn attribute(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let r = range_ref(o)?;
    Some(Ok(new_ref(match name {
        "start" => r.start,
        "stop" => r.stop,
        "step" => r.step,
        _ => return None,
    })))
}

/// `range_repr`: `range(0, 5)`, or `range(0, 5, 2)` when the step is not 1.
fn range_repr(o: Obj) -> MoltResult<String> {
    let Some(r) = range_ref(o) else {
        return Ok(String::from("range(?)"));
    };
    let (start, stop) = (dispatch::repr_of(r.start)?, dispatch::repr_of(r.stop)?);
    if iv(r.step).to_i64() == Some(1) {
        Ok(format!("range({start}, {stop})"))
    } else {
        Ok(format!(
            "range({start}, {stop}, {})",
            dispatch::repr_of(r.step)?
        ))
    }
}

/// `compute_item`: `start + i * step`.
fn compute_item(r: &RangeObject, i: Obj) -> MoltResult<Owned> {
    if iv(r.step).to_i64() == Some(1) {
        return arith(BinaryOp::Add, r.start, i);
    }
    let incr = arith(BinaryOp::Mul, i, r.step)?;
    arith(BinaryOp::Add, r.start, incr.get())
}

/// `compute_range_item`: item `arg` (negative from the end); IndexError "range object index
/// out of range".
fn compute_range_item(r: &RangeObject, arg: Obj) -> MoltResult<Obj> {
    let i = if sign(arg) == Ordering::Less {
        arith(BinaryOp::Add, r.length, arg)?
    } else {
        Owned(new_ref(arg))
    };
    if sign(i.get()) == Ordering::Less || cmp(i.get(), r.length) != Ordering::Less {
        return fail(IndexError, "range object index out of range");
    }
    compute_item(r, i.get()).map(Owned::release)
}

/// `range_subscript` for an index (slices go through [`range_slice`]).
fn range_subscript(o: Obj, key: Obj) -> MoltResult<Obj> {
    let Some(r) = range_ref(o) else {
        return fail(TypeError, "range_subscript: not a range");
    };
    if key.type_of().index_slot().is_none() {
        if let Some(r) = super::slice_obj::item(o, key) {
            return r;
        }
        return fail(
            TypeError,
            format!(
                "range indices must be integers or slices, not {}",
                key.type_of().name
            ),
        );
    }
    let i = number_index(key)?;
    compute_range_item(r, i.get())
}

/// `evaluate_slice_index`: None for None, else the index.
fn slice_bound(v: Obj) -> MoltResult<Option<Owned>> {
    if singletons::is_none(v) {
        return Ok(None);
    }
    match v.type_of().index_slot() {
        Some(f) => f(v).map(|i| Some(Owned(i))),
        None => fail(
            TypeError,
            "slice indices must be integers or None or have an __index__ method",
        ),
    }
}

/// A slice bound clipped as `_PySlice_GetLongIndices` does.
fn clip(
    bound: Option<Owned>,
    default: Obj,
    length: Obj,
    lower: Obj,
    upper: Obj,
) -> MoltResult<Owned> {
    let Some(v) = bound else {
        return Ok(Owned(new_ref(default)));
    };
    if sign(v.get()) == Ordering::Less {
        let v = arith(BinaryOp::Add, v.get(), length)?;
        if cmp(v.get(), lower) == Ordering::Less {
            return Ok(Owned(new_ref(lower)));
        }
        Ok(v)
    } else if cmp(v.get(), upper) == Ordering::Greater {
        Ok(Owned(new_ref(upper)))
    } else {
        Ok(v)
    }
}

/// `r[start:stop:step]` (`compute_slice` over `_PySlice_GetLongIndices`): a new range, if
/// `o` is a range.
pub fn range_slice(o: Obj, start: Obj, stop: Obj, step: Obj) -> Option<MoltResult<Obj>> {
    let r = range_ref(o)?;
    Some((|| {
        let step = match slice_bound(step)? {
            None => Owned(small(1)),
            Some(s) if iv(s.get()).is_zero() => {
                return fail(ValueError, "slice step cannot be zero");
            }
            Some(s) => s,
        };
        let negative = sign(step.get()) == Ordering::Less;
        let (lower, upper) = if negative {
            (Owned(small(-1)), arith(BinaryOp::Add, r.length, small(-1))?)
        } else {
            (Owned(small(0)), Owned(new_ref(r.length)))
        };
        let (lo, up) = (lower.get(), upper.get());
        let start = slice_bound(start)?;
        let start = clip(start, if negative { up } else { lo }, r.length, lo, up)?;
        let stop = slice_bound(stop)?;
        let stop = clip(stop, if negative { lo } else { up }, r.length, lo, up)?;
        let substep = arith(BinaryOp::Mul, r.step, step.get())?;
        let substart = compute_item(r, start.get())?;
        let substop = compute_item(r, stop.get())?;
        make_range(substart, substop, substep)
    })())
}

/// `range_contains_long`: whether the int `ob` is an item, by arithmetic.
fn contains_long(r: &RangeObject, ob: Obj) -> MoltResult<bool> {
    let inside = if sign(r.step) == Ordering::Greater {
        cmp(r.start, ob) != Ordering::Greater && cmp(ob, r.stop) == Ordering::Less
    } else {
        cmp(ob, r.start) != Ordering::Greater && cmp(r.stop, ob) == Ordering::Less
    };
    if !inside {
        return Ok(false);
    }
    let diff = arith(BinaryOp::Sub, ob, r.start)?;
    let rem = arith(BinaryOp::Mod, diff.get(), r.step)?;
    Ok(iv(rem.get()).is_zero())
}

/// What [`iter_search`] computes (CPython's `PY_ITERSEARCH_*`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Search {
    Count,
    Index,
    Contains,
}

/// `_PySequence_IterSearch(seq, ob, op)`: `item == ob` for each item (the item on the left).
/// For `Index`, ValueError "sequence.index(x): x not in sequence" when absent.
fn iter_search(seq: Obj, ob: Obj, op: Search) -> MoltResult<i64> {
    let it = Owned(iter::get_iter(seq)?);
    let mut n: i64 = 0;
    while let Some(x) = iter::iter_next(it.get())? {
        let x = Owned(x);
        if dispatch::rich_compare_bool(CompareOp::Eq, x.get(), ob)? {
            match op {
                Search::Count => n = n.saturating_add(1),
                Search::Index => return Ok(n),
                Search::Contains => return Ok(1),
            }
        } else if op == Search::Index {
            n = n.saturating_add(1);
        }
    }
    if op == Search::Index {
        return fail(ValueError, "sequence.index(x): x not in sequence");
    }
    Ok(n)
}

/// `PySequence_Count(seq, ob)` (`operator.countOf`).
pub(crate) fn sequence_count(seq: Obj, ob: Obj) -> MoltResult<i64> {
    iter_search(seq, ob, Search::Count)
}

/// `PySequence_Index(seq, ob)` (`operator.indexOf`).
pub(crate) fn sequence_index(seq: Obj, ob: Obj) -> MoltResult<i64> {
    iter_search(seq, ob, Search::Index)
}

/// `range_contains`.
fn range_contains(o: Obj, ob: Obj) -> MoltResult<bool> {
    match range_ref(o) {
        Some(r) if int::is_int(ob) => contains_long(r, ob),
        _ => Ok(iter_search(o, ob, Search::Contains)? != 0),
    }
}

/// `range_equals`: the same sequence of items.
fn range_equals(a: &RangeObject, b: &RangeObject) -> bool {
    if core::ptr::eq(a, b) {
        return true;
    }
    if cmp(a.length, b.length) != Ordering::Equal {
        return false;
    }
    if iv(a.length).is_zero() {
        return true;
    }
    if cmp(a.start, b.start) != Ordering::Equal {
        return false;
    }
    if iv(a.length).to_i64() == Some(1) {
        return true;
    }
    cmp(a.step, b.step) == Ordering::Equal
}

/// `range_richcompare`: `==` and `!=` between ranges; NotImplemented otherwise.
fn range_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    let (Some(a), Some(b)) = (range_ref(v), range_ref(w)) else {
        return Ok(singletons::not_implemented());
    };
    Ok(match op {
        CompareOp::Eq => singletons::bool_obj(range_equals(a, b)),
        CompareOp::Ne => singletons::bool_obj(!range_equals(a, b)),
        CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge => {
            singletons::not_implemented()
        }
    })
}

/// `range_hash`: `hash((len, start, step))` with None for the start of an empty range and the
/// step of a range of at most one item.
fn range_hash(o: Obj) -> MoltResult<i64> {
    let Some(r) = range_ref(o) else {
        return fail(TypeError, "range_hash: not a range");
    };
    let none = singletons::none;
    let (start, step) = if iv(r.length).is_zero() {
        (none(), none())
    } else if iv(r.length).to_i64() == Some(1) {
        (r.start, none())
    } else {
        (r.start, r.step)
    };
    let t = Owned(tuple::tuple_from_vec(alloc::vec![
        new_ref(r.length),
        new_ref(start),
        new_ref(step)
    ])?);
    dispatch::hash(t.get())
}

/// `range.count(value)`.
fn range_count(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let ob = super::call::exactly_one(o, "count", pos, kw)?;
    match range_ref(o) {
        Some(r) if int::is_int(ob) => int::from_i64(i64::from(contains_long(r, ob)?)),
        _ => int::from_i64(iter_search(o, ob, Search::Count)?),
    }
}

/// `range.index(value)`: ValueError "5 is not in range".
fn range_index(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let ob = super::call::exactly_one(o, "index", pos, kw)?;
    let r = match range_ref(o) {
        Some(r) if int::is_int(ob) => r,
        _ => return int::from_i64(iter_search(o, ob, Search::Index)?),
    };
    if !contains_long(r, ob)? {
        return fail(
            ValueError,
            format!("{} is not in range", dispatch::repr_of(ob)?),
        );
    }
    let idx = arith(BinaryOp::Sub, ob, r.start)?;
    if iv(r.step).to_i64() == Some(1) {
        return Ok(idx.release());
    }
    arith(BinaryOp::FloorDiv, idx.get(), r.step).map(Owned::release)
}

/// The methods of `range`.
const RANGE_METHODS: &[MethodDef] = &[
    MethodDef {
        name: "count",
        call: range_count,
    },
    MethodDef {
        name: "index",
        call: range_index,
    },
];

static RANGE_NUMBER: NumberSlots = NumberSlots {
    truth: Some(range_truth),
    ..NumberSlots::EMPTY
};

static RANGE_SEQUENCE: SequenceSlots = SequenceSlots {
    len: Some(range_len_slot),
    contains: Some(range_contains),
    ..SequenceSlots::EMPTY
};

/// The type object of `range`.
pub static TYPE_RANGE: TypeObject = TypeObject {
    attributes: Some(attribute),
    new: Some(super::construct::range_new),
    number: Some(&RANGE_NUMBER),
    sequence: Some(&RANGE_SEQUENCE),
    richcompare: Some(range_richcompare),
    hash: Some(range_hash),
    repr: Some(range_repr),
    subscript: Some(range_subscript),
    iter: Some(range_iter),
    heap: Some(HeapKind::Range),
    methods: RANGE_METHODS,
    ..TypeObject::new("range", &TYPE_OBJECT)
};

// --- iterators ---

/// A `range_iterator`: C `long` fields.
#[repr(C)]
pub struct RangeIterObject {
    pub header: Header,
    index: i64,
    start: i64,
    step: i64,
    len: i64,
}

/// A `longrange_iterator`: owned int fields.
#[repr(C)]
pub struct LongRangeIterObject {
    pub header: Header,
    index: Obj,
    start: Obj,
    step: Obj,
    len: Obj,
}

/// `get_len_of_range` in C `unsigned long` arithmetic.
fn len_of_range(lo: i64, hi: i64, step: i64) -> u64 {
    let (lo, hi, st) = (lo as u64, hi as u64, step as u64);
    if step > 0 && (lo as i64) < (hi as i64) {
        1 + hi.wrapping_sub(1).wrapping_sub(lo) / st
    } else if step < 0 && (lo as i64) > (hi as i64) {
        1 + lo.wrapping_sub(1).wrapping_sub(hi) / 0u64.wrapping_sub(st)
    } else {
        0
    }
}

/// `fast_range_iter`.
fn fast_iter(start: i64, step: i64, len: i64) -> MoltResult<Obj> {
    let p = alloc_raw(Layout::new::<RangeIterObject>(), &TYPE_RANGE_ITERATOR)?
        .cast::<RangeIterObject>();
    // SAFETY: `p` is a fresh `RangeIterObject` block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).index).write(0);
        core::ptr::addr_of_mut!((*p).start).write(start);
        core::ptr::addr_of_mut!((*p).step).write(step);
        core::ptr::addr_of_mut!((*p).len).write(len);
        Ok(Obj::from_header(p.cast()))
    }
}

/// A `longrange_iterator` (references taken over).
fn long_iter(start: Owned, step: Owned, len: Owned) -> MoltResult<Obj> {
    let p = alloc_raw(
        Layout::new::<LongRangeIterObject>(),
        &TYPE_LONGRANGE_ITERATOR,
    )?
    .cast::<LongRangeIterObject>();
    // SAFETY: `p` is a fresh `LongRangeIterObject` block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).index).write(small(0));
        core::ptr::addr_of_mut!((*p).start).write(start.release());
        core::ptr::addr_of_mut!((*p).step).write(step.release());
        core::ptr::addr_of_mut!((*p).len).write(len.release());
        Ok(Obj::from_header(p.cast()))
    }
}

/// Frees a `range_iterator`.
///
/// # Safety
/// `h` is a `range_iterator` with no reference left.
pub(crate) unsafe fn free_iter(h: *mut Header) {
    // SAFETY: forwarded contract (no references held).
    unsafe { free_raw(h, Layout::new::<RangeIterObject>(), HeapKind::RangeIterator) }
}

/// Frees a `longrange_iterator`.
///
/// # Safety
/// `h` is a `longrange_iterator` with no reference left.
pub(crate) unsafe fn free_long_iter(h: *mut Header) {
    // SAFETY: forwarded contract: the fields are initialised and released once.
    unsafe {
        let r = h.cast::<LongRangeIterObject>();
        let fields = [(*r).index, (*r).start, (*r).step, (*r).len];
        free_raw(
            h,
            Layout::new::<LongRangeIterObject>(),
            HeapKind::LongRangeIterator,
        );
        for f in fields {
            decref(f);
        }
    }
}

/// `range_iter`: a `range_iterator` when start, stop, step and the length fit a C long (and
/// `start + len * step` cannot overflow), else a `longrange_iterator`.
fn range_iter(o: Obj) -> MoltResult<Obj> {
    let Some(r) = range_ref(o) else {
        return fail(TypeError, "range_iter: not a range");
    };
    if let (Some(start), Some(stop), Some(step)) = (
        iv(r.start).to_i64(),
        iv(r.stop).to_i64(),
        iv(r.step).to_i64(),
    ) {
        let ulen = len_of_range(start, stop, step);
        let fits = ulen <= i64::MAX as u64
            && (ulen == 0
                || if step > 0 {
                    stop <= i64::MAX - (step - 1)
                } else {
                    stop >= i64::MIN + (-1 - step)
                });
        if fits {
            return fast_iter(start, step, ulen as i64);
        }
    }
    long_iter(
        Owned(new_ref(r.start)),
        Owned(new_ref(r.step)),
        Owned(new_ref(r.length)),
    )
}

/// `range_reverse`: `reversed(r)`, a `range_iterator` under CPython's conditions, else a
/// `longrange_iterator` from `start + (len - 1) * step` by `-step`. None if `o` is no range.
pub fn range_reverse(o: Obj) -> Option<MoltResult<Obj>> {
    let r = range_ref(o)?;
    Some((|| {
        if let (Some(start), Some(stop), Some(step)) = (
            iv(r.start).to_i64(),
            iv(r.stop).to_i64(),
            iv(r.step).to_i64(),
        ) && step != i64::MIN
        {
            let overflows = if step > 0 {
                (start as u64).wrapping_sub(i64::MIN as u64) < step as u64
            } else {
                (i64::MAX as u64).wrapping_sub(start as u64) < 0u64.wrapping_sub(step as u64)
            };
            let ulen = len_of_range(start, stop, step);
            if !overflows && ulen <= i64::MAX as u64 {
                let new_stop = start.wrapping_sub(step);
                let new_start =
                    (new_stop as u64).wrapping_add(ulen.wrapping_mul(step as u64)) as i64;
                return fast_iter(new_start, step.wrapping_neg(), ulen as i64);
            }
        }
        let diff = arith(BinaryOp::Sub, r.length, small(1))?;
        let product = arith(BinaryOp::Mul, diff.get(), r.step)?;
        let start = arith(BinaryOp::Add, r.start, product.get())?;
        let step = Owned(int::int_unary(UnaryOp::Neg, r.step)?);
        long_iter(start, step, Owned(new_ref(r.length)))
    })())
}

/// `rangeiter_next`.
fn range_iter_next(it: Obj) -> MoltResult<Option<Obj>> {
    let Some(h) = it.header_ptr() else {
        return Ok(None);
    };
    // SAFETY: the type's iternext slot is only called on its own instances; single-threaded.
    let s = unsafe { &mut *h.cast::<RangeIterObject>().cast_mut() };
    if s.index < s.len {
        let v = (s.start as u64).wrapping_add((s.index as u64).wrapping_mul(s.step as u64)) as i64;
        s.index += 1;
        return int::from_i64(v).map(Some);
    }
    Ok(None)
}

/// `longrangeiter_next`.
fn long_range_iter_next(it: Obj) -> MoltResult<Option<Obj>> {
    let Some(h) = it.header_ptr() else {
        return Ok(None);
    };
    // SAFETY: the type's iternext slot is only called on its own instances; single-threaded.
    let s = unsafe { &mut *h.cast::<LongRangeIterObject>().cast_mut() };
    if cmp(s.index, s.len) != Ordering::Less {
        return Ok(None);
    }
    let new_index = arith(BinaryOp::Add, s.index, small(1))?;
    let product = arith(BinaryOp::Mul, s.index, s.step)?;
    let result = arith(BinaryOp::Add, s.start, product.get())?;
    let old = core::mem::replace(&mut s.index, new_index.release());
    // SAFETY: the iterator owned the old index.
    unsafe { decref(old) };
    Ok(Some(result.release()))
}

/// The `tp_iter` of an iterator: itself.
fn self_iter(it: Obj) -> MoltResult<Obj> {
    Ok(new_ref(it))
}

/// `range_iterator`.
pub static TYPE_RANGE_ITERATOR: TypeObject = TypeObject {
    iter: Some(self_iter),
    iternext: Some(range_iter_next),
    heap: Some(HeapKind::RangeIterator),
    ..TypeObject::new("range_iterator", &TYPE_OBJECT)
};

/// `longrange_iterator`.
pub static TYPE_LONGRANGE_ITERATOR: TypeObject = TypeObject {
    iter: Some(self_iter),
    iternext: Some(long_range_iter_next),
    heap: Some(HeapKind::LongRangeIterator),
    ..TypeObject::new("longrange_iterator", &TYPE_OBJECT)
};

/// `range(start, stop, step)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_range_new(start: Obj, stop: Obj, step: Obj) -> Obj {
    crate::exceptions::value_or_raise(range_new(start, stop, step))
}
