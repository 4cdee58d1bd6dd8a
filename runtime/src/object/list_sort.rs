//! `list.sort()`: CPython 3.11's timsort, ported faithfully (Objects/listobject.c,
//! `list_sort_impl` and its helpers; the design is Objects/listsort.txt).
//!
//! Relies on: `list` for detaching the items while they are sorted ([`list::take_items`] /
//! [`list::restore_items`], CPython's emptied list with `allocated = -1`); `dispatch` for the
//! comparisons, each `rich_compare_bool(Lt, x, y)` (CPython's `safe_object_compare`) unless
//! CPython's pre-sort check finds every item of one type whose `<` is a plain comparison (small
//! ints, floats, strs, tuples led by those): then a direct comparison (its `unsafe_*_compare`),
//! with the same results — the sort is monomorphised over the comparison (`Order`).
//!
//! Provides: [`sort_list`] (`list.sort(key=…, reverse=…)`) and `sort_by_keys`. The sort runs on
//! (key, item) pairs compared by their keys — with a key function (called through
//! `callable::call_object`, for every item in order, before any comparison) the keys are its
//! results, without one each item is its own key: CPython's comparisons of the keys, in its
//! order, with the items moved alongside. The comparison is picked once per sort, as CPython's
//! pre-sort check picks it (small ints, floats, strs, tuples whose first items have one of those
//! types, else the rich comparison), and the sort is monomorphised over it (`Order`).
//!
//! Invariants: where a comparison can be observed (it may run code or fail: rich comparisons,
//! tuples with items that are not plain, floats with a NaN), the comparisons are made in
//! exactly CPython's order, with exactly its operands (the order decides which TypeError a
//! mixed list raises, and makes the sort stable); where none can (every key a small int, a str,
//! a float without NaN, or an exact tuple of such items, one kind per position) the keys order
//! totally, so the one stable order is computed by the library's stable sort
//! (decisions/0056). The timsort's runs are
//! found by `count_run`, short runs extended to `minrun` by `binarysort`, and merged by the
//! powersort policy (`found_new_run`, `powerloop`, `merge_force_collapse`) with `merge_lo` /
//! `merge_hi` and their galloping (`gallop_left`, `gallop_right`, `min_gallop`). A comparison
//! error aborts the sort and leaves the list a permutation of its items (every merge copies its
//! temporary run back, as CPython's). `reverse` reverses before and after a forward sort, which
//! keeps equal items in their original order. The sorted array is only reached through a Rust
//! slice of the detached buffer; indices never leave it (no panics: positions are computed as
//! CPython computes them, within the runs).

use alloc::vec::Vec;

use super::alloc::memory_error;
use super::{Obj, dispatch, float, list, str, tuple};
use crate::CompareOp;
use crate::ExceptionKind::ValueError;
use crate::exceptions::{MoltError, MoltResult, fail};

/// The most pending runs: floor(log2(n)) + 1 for any n that fits in memory.
const MAX_MERGE_PENDING: usize = 64;
/// Galloping starts after this many consecutive wins of one run.
const MIN_GALLOP: usize = 7;

/// `ISLT(x, y)`: `x < y`, by one of the comparisons `list_sort_impl`'s pre-sort check picks,
/// over the sorted words (`Item`: an item, or a key with its item).
trait Order: Copy {
    type Item: Copy;
    fn lt(self, x: Self::Item, y: Self::Item) -> MoltResult<bool>;
}

/// Any items: CPython's `unsafe_tuple_compare` for non-empty tuples whose first items all have
/// the type an `ElemOrder` names, else the rich comparison (`safe_object_compare`). One
/// instance of the sort serves both, keeping the code small.
#[derive(Clone, Copy)]
struct GeneralOrder(Option<ElemOrder>);

impl Order for GeneralOrder {
    type Item = Obj;
    #[inline(always)]
    fn lt(self, x: Obj, y: Obj) -> MoltResult<bool> {
        match self.0 {
            Some(first) => match plain_tuple_cmp(first, x, y) {
                Some(o) => Ok(o == core::cmp::Ordering::Less),
                None => tuple_lt(first, x, y),
            },
            None => dispatch::rich_compare_bool(CompareOp::Lt, x, y),
        }
    }
}

/// [`tuple_lt`] as a three-way comparison when every item it compares is plain (see
/// [`plain_cmp`]); None as soon as a pair of items is not (the caller then runs `tuple_lt`
/// from the start: the plain comparisons made so far ran no code). Inlined into the sort's
/// loops: no error to return.
#[inline(always)]
fn plain_tuple_cmp(first: ElemOrder, v: Obj, w: Obj) -> Option<core::cmp::Ordering> {
    use core::cmp::Ordering;
    // SAFETY: the pre-sort check found every key a non-empty exact tuple; the sort holds them.
    let (vt, wt) = unsafe { (tuple::tuple_items_unchecked(v), tuple::tuple_items_unchecked(w)) };
    let (x, y) = (vt[0], wt[0]);
    let o = match first {
        ElemOrder::SmallInt => (x.raw() as i64).cmp(&(y.raw() as i64)),
        ElemOrder::Float => float::float_value(x).unwrap_or(0.0).partial_cmp(&float::float_value(y).unwrap_or(0.0))?,
        // SAFETY: the pre-sort check found every first item a str.
        ElemOrder::Str => unsafe { str::text_cmp(str::str_bytes_unchecked(x), str::str_bytes_unchecked(y)) },
    };
    if o != Ordering::Equal {
        return Some(o);
    }
    for (&x, &y) in vt[1..].iter().zip(&wt[1..]) {
        if x == y {
            continue;
        }
        match plain_cmp(x, y)? {
            Ordering::Equal => {}
            o => return Some(o),
        }
    }
    Some(vt.len().cmp(&wt.len()))
}

/// The sorted words are (key, item) pairs compared by their keys: CPython sorts the keys,
/// moving the items alongside, which makes the same comparisons in the same order, and the
/// same moves. Without a key function the key is the item itself.
#[derive(Clone, Copy)]
struct Keyed<O>(O);

impl<O: Order<Item = Obj>> Order for Keyed<O> {
    type Item = (Obj, Obj);
    #[inline(always)]
    fn lt(self, x: (Obj, Obj), y: (Obj, Obj)) -> MoltResult<bool> {
        self.0.lt(x.0, y.0)
    }
}

/// CPython's `unsafe_tuple_compare`: the first index where the tuples' items differ (`==`, as
/// `PyObject_RichCompareBool` does it, identity first), then `<` of those items — by the
/// first items' own comparison when they differ at index 0 (every tuple's first item has the
/// type `first` says) — or of the lengths when one tuple is a prefix of the other.
///
/// Items whose `==` and `<` run no code and cannot fail (the first items, two small ints, two
/// exact strs, two floats that are not NaN) are compared once, three-way: `Equal` is `==`
/// being true, `Less` is `<`. The others take `==`, then `<`, as CPython does.
fn tuple_lt(first: ElemOrder, v: Obj, w: Obj) -> MoltResult<bool> {
    use core::cmp::Ordering;
    let (vt, wt) = (tuple::tuple_items(v).unwrap_or(&[]), tuple::tuple_items(w).unwrap_or(&[]));
    let mut i = 0;
    while i < vt.len() && i < wt.len() {
        let (x, y) = (vt[i], wt[i]);
        let plain = if i == 0 {
            match first {
                ElemOrder::SmallInt => Some((x.raw() as i64).cmp(&(y.raw() as i64))),
                // A NaN: `==` is false and `<` is false.
                ElemOrder::Float => match float::float_value(x).unwrap_or(0.0).partial_cmp(&float::float_value(y).unwrap_or(0.0)) {
                    Some(o) => Some(o),
                    None => return Ok(false),
                },
                // SAFETY: the pre-sort check found every first item a str, and the tuples hold them.
                ElemOrder::Str => Some(unsafe { str::text_cmp(str::str_bytes_unchecked(x), str::str_bytes_unchecked(y)) }),
            }
        } else {
            plain_cmp(x, y)
        };
        match plain {
            Some(Ordering::Equal) => {}
            Some(o) => return Ok(o == Ordering::Less),
            None if dispatch::rich_compare_bool(CompareOp::Eq, x, y)? => {}
            None => return dispatch::rich_compare_bool(CompareOp::Lt, x, y),
        }
        i += 1;
    }
    Ok(vt.len() < wt.len())
}

/// The three-way comparison of two items whose `==` and `<` run no code and cannot fail: two
/// small ints, two exact strs, two floats neither of which is NaN. None for the others.
#[inline(always)]
fn plain_cmp(x: Obj, y: Obj) -> Option<core::cmp::Ordering> {
    if x.is_small() && y.is_small() {
        return Some((x.raw() as i64).cmp(&(y.raw() as i64)));
    }
    if let (Some(a), Some(b)) = (str::str_text(x), str::str_text(y)) {
        return Some(str::text_cmp(a.as_bytes(), b.as_bytes()));
    }
    match (float::float_value(x), float::float_value(y)) {
        (Some(a), Some(b)) => a.partial_cmp(&b),
        _ => None,
    }
}

/// Floats only (CPython's `unsafe_float_compare`): IEEE `<` (false with a NaN, as `float.__lt__`).
#[derive(Clone, Copy)]
struct FloatOrder;

impl Order for FloatOrder {
    type Item = Obj;
    #[inline(always)]
    fn lt(self, x: Obj, y: Obj) -> MoltResult<bool> {
        Ok(float::float_value(x).unwrap_or(0.0) < float::float_value(y).unwrap_or(0.0))
    }
}

/// A pending run: `a[base..base + len]`, with its powersort level.
#[derive(Clone, Copy, Default)]
struct Run {
    base: usize,
    len: usize,
    power: u32,
}

/// CPython's `MergeState` (no key values: keys are the items).
struct MergeState<T> {
    min_gallop: usize,
    listlen: usize,
    /// Temporary storage for merges (CPython's `a`).
    tmp: Vec<T>,
    pending: [Run; MAX_MERGE_PENDING],
    n: usize,
}

impl<T: Copy> MergeState<T> {
    /// `merge_getmem`: room for `need` items in `tmp`, a copy of `src`.
    fn fill_tmp(&mut self, src: &[T]) -> MoltResult<()> {
        self.tmp.clear();
        if self.tmp.try_reserve_exact(src.len()).is_err() {
            return memory_error();
        }
        self.tmp.extend_from_slice(src);
        Ok(())
    }
}

/// `binarysort`: sorts `a` by binary insertion, `a[..start]` being sorted already. Stable; on
/// an error `a` is a permutation of its input.
fn binarysort<O: Order>(o: O, a: &mut [O::Item], start: usize) -> MoltResult<()> {
    let mut start = if start == 0 { 1 } else { start };
    while start < a.len() {
        let pivot = a[start];
        let (mut l, mut r) = (0, start);
        loop {
            let p = l + ((r - l) >> 1);
            if o.lt(pivot, a[p])? {
                r = p;
            } else {
                l = p + 1;
            }
            if l >= r {
                break;
            }
        }
        a.copy_within(l..start, l + 1);
        a[l] = pivot;
        start += 1;
    }
    Ok(())
}

/// `count_run`: the length of the run at the start of `a` (non-empty), and whether it is
/// strictly descending.
fn count_run<O: Order>(o: O, a: &[O::Item]) -> MoltResult<(usize, bool)> {
    if a.len() == 1 {
        return Ok((1, false));
    }
    let mut n = 2;
    if o.lt(a[1], a[0])? {
        while n < a.len() && o.lt(a[n], a[n - 1])? {
            n += 1;
        }
        Ok((n, true))
    } else {
        while n < a.len() && !o.lt(a[n], a[n - 1])? {
            n += 1;
        }
        Ok((n, false))
    }
}

/// `gallop_left`: the k in `0..=a.len()` with `a[k-1] < key <= a[k]`, searching from `hint`.
fn gallop_left<O: Order>(o: O, key: O::Item, a: &[O::Item], hint: usize) -> MoltResult<usize> {
    let n = a.len();
    let mut lastofs: usize = 0;
    let mut ofs: usize = 1;
    // Offsets below are relative to `a[0]`, with `lastofs` one less than CPython's (which may
    // be -1), so that they stay unsigned: the search is over `lo..ofs`.
    let mut lo;
    if o.lt(a[hint], key)? {
        // a[hint] < key: gallop right until a[hint + lastofs] < key <= a[hint + ofs].
        let maxofs = n - hint;
        while ofs < maxofs {
            if o.lt(a[hint + ofs], key)? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        if ofs > maxofs {
            ofs = maxofs;
        }
        lo = lastofs + hint + 1;
        ofs += hint;
    } else {
        // key <= a[hint]: gallop left until a[hint - ofs] < key <= a[hint - lastofs].
        let maxofs = hint + 1;
        while ofs < maxofs {
            if o.lt(a[hint - ofs], key)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if ofs > maxofs {
            ofs = maxofs;
        }
        // CPython: lastofs = hint - ofs (may be -1), ofs = hint - lastofs; then ++lastofs.
        lo = hint + 1 - ofs;
        ofs = hint - lastofs;
    }
    // Binary search with invariant a[lo-1] < key <= a[ofs].
    while lo < ofs {
        let m = lo + ((ofs - lo) >> 1);
        if o.lt(a[m], key)? {
            lo = m + 1;
        } else {
            ofs = m;
        }
    }
    Ok(ofs)
}

/// `gallop_right`: the k in `0..=a.len()` with `a[k-1] <= key < a[k]`, searching from `hint`.
fn gallop_right<O: Order>(o: O, key: O::Item, a: &[O::Item], hint: usize) -> MoltResult<usize> {
    let n = a.len();
    let mut lastofs: usize = 0;
    let mut ofs: usize = 1;
    let mut lo;
    if o.lt(key, a[hint])? {
        // key < a[hint]: gallop left until a[hint - ofs] <= key < a[hint - lastofs].
        let maxofs = hint + 1;
        while ofs < maxofs {
            if o.lt(key, a[hint - ofs])? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        if ofs > maxofs {
            ofs = maxofs;
        }
        lo = hint + 1 - ofs;
        ofs = hint - lastofs;
    } else {
        // a[hint] <= key: gallop right until a[hint + lastofs] <= key < a[hint + ofs].
        let maxofs = n - hint;
        while ofs < maxofs {
            if o.lt(key, a[hint + ofs])? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if ofs > maxofs {
            ofs = maxofs;
        }
        lo = lastofs + hint + 1;
        ofs += hint;
    }
    // Binary search with invariant a[lo-1] <= key < a[ofs].
    while lo < ofs {
        let m = lo + ((ofs - lo) >> 1);
        if o.lt(key, a[m])? {
            ofs = m;
        } else {
            lo = m + 1;
        }
    }
    Ok(ofs)
}

/// The value of a comparison or a gallop, or the merge ends with its error (CPython's
/// `goto Fail`).
macro_rules! tri {
    ($label:lifetime, $e:expr) => {
        match $e {
            Ok(k) => k,
            Err(e) => break $label Exit::Fail(e),
        }
    };
}

/// How a merge loop ended (CPython's labels).
enum Exit {
    Succeed,
    Fail(MoltError),
    /// `merge_lo`'s CopyB / `merge_hi`'s CopyA.
    CopyRest,
}

/// `merge_lo`: merges `a[pa..pa+na]` and `a[pa+na..pa+na+nb]` (na <= nb), stably, in place;
/// `a[pa+na-1]` belongs at the end and `a[pa+na]` at the start of the result.
fn merge_lo<O: Order>(o: O, ms: &mut MergeState<O::Item>, a: &mut [O::Item], pa: usize, na: usize, nb: usize) -> MoltResult<()> {
    let (mut na, mut nb) = (na, nb);
    ms.fill_tmp(&a[pa..pa + na])?;
    let mut dest = pa;
    let mut ssa = 0; // into ms.tmp
    let mut ssb = pa + na;
    a[dest] = a[ssb];
    dest += 1;
    ssb += 1;
    nb -= 1;
    let exit = 'merge: {
        if nb == 0 {
            break 'merge Exit::Succeed;
        }
        if na == 1 {
            break 'merge Exit::CopyRest;
        }
        let mut min_gallop = ms.min_gallop;
        loop {
            let mut acount = 0usize;
            let mut bcount = 0usize;
            // Straightforward merging until one run appears to win consistently.
            loop {
                if tri!('merge, o.lt(a[ssb], ms.tmp[ssa])) {
                    a[dest] = a[ssb];
                    dest += 1;
                    ssb += 1;
                    bcount += 1;
                    acount = 0;
                    nb -= 1;
                    if nb == 0 {
                        break 'merge Exit::Succeed;
                    }
                    if bcount >= min_gallop {
                        break;
                    }
                } else {
                    a[dest] = ms.tmp[ssa];
                    dest += 1;
                    ssa += 1;
                    acount += 1;
                    bcount = 0;
                    na -= 1;
                    if na == 1 {
                        break 'merge Exit::CopyRest;
                    }
                    if acount >= min_gallop {
                        break;
                    }
                }
            }
            // Galloping, until neither run wins consistently any more.
            min_gallop += 1;
            loop {
                min_gallop -= usize::from(min_gallop > 1);
                ms.min_gallop = min_gallop;
                let k = tri!('merge, gallop_right(o, a[ssb], &ms.tmp[ssa..ssa + na], 0));
                acount = k;
                if k > 0 {
                    a[dest..dest + k].copy_from_slice(&ms.tmp[ssa..ssa + k]);
                    dest += k;
                    ssa += k;
                    na -= k;
                    if na == 1 {
                        break 'merge Exit::CopyRest;
                    }
                    // na == 0 is impossible for a consistent comparison, but may happen.
                    if na == 0 {
                        break 'merge Exit::Succeed;
                    }
                }
                a[dest] = a[ssb];
                dest += 1;
                ssb += 1;
                nb -= 1;
                if nb == 0 {
                    break 'merge Exit::Succeed;
                }
                let k = tri!('merge, gallop_left(o, ms.tmp[ssa], &a[ssb..ssb + nb], 0));
                bcount = k;
                if k > 0 {
                    a.copy_within(ssb..ssb + k, dest);
                    dest += k;
                    ssb += k;
                    nb -= k;
                    if nb == 0 {
                        break 'merge Exit::Succeed;
                    }
                }
                a[dest] = ms.tmp[ssa];
                dest += 1;
                ssa += 1;
                na -= 1;
                if na == 1 {
                    break 'merge Exit::CopyRest;
                }
                if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                    break;
                }
            }
            min_gallop += 1; // penalize leaving galloping mode
            ms.min_gallop = min_gallop;
        }
    };
    match exit {
        Exit::CopyRest => {
            // na == 1: the last item of A belongs at the end of the merge.
            a.copy_within(ssb..ssb + nb, dest);
            a[dest + nb] = ms.tmp[ssa];
            Ok(())
        }
        Exit::Succeed | Exit::Fail(_) => {
            if na > 0 {
                a[dest..dest + na].copy_from_slice(&ms.tmp[ssa..ssa + na]);
            }
            match exit {
                Exit::Fail(e) => Err(e),
                _ => Ok(()),
            }
        }
    }
}

/// `merge_hi`: as [`merge_lo`] for na >= nb, merging from the right end.
fn merge_hi<O: Order>(o: O, ms: &mut MergeState<O::Item>, a: &mut [O::Item], pa: usize, na: usize, nb: usize) -> MoltResult<()> {
    let (mut na, mut nb) = (na, nb);
    let pb = pa + na;
    ms.fill_tmp(&a[pb..pb + nb])?;
    // Positions one past the current item (CPython's pointers + 1), so they never go below 0:
    // `dest` and `ssa` index `a`, `ssb` indexes `ms.tmp`.
    let mut dest = pb + nb; // a[dest - 1] is the next slot written
    let mut ssa = pa + na; // a[ssa - 1] is A's last item
    let mut ssb = nb; // tmp[ssb - 1] is B's last item
    let basea = pa;
    a[dest - 1] = a[ssa - 1];
    dest -= 1;
    ssa -= 1;
    na -= 1;
    let exit = 'merge: {
        if na == 0 {
            break 'merge Exit::Succeed;
        }
        if nb == 1 {
            break 'merge Exit::CopyRest;
        }
        let mut min_gallop = ms.min_gallop;
        loop {
            let mut acount = 0usize;
            let mut bcount = 0usize;
            loop {
                if tri!('merge, o.lt(ms.tmp[ssb - 1], a[ssa - 1])) {
                    a[dest - 1] = a[ssa - 1];
                    dest -= 1;
                    ssa -= 1;
                    acount += 1;
                    bcount = 0;
                    na -= 1;
                    if na == 0 {
                        break 'merge Exit::Succeed;
                    }
                    if acount >= min_gallop {
                        break;
                    }
                } else {
                    a[dest - 1] = ms.tmp[ssb - 1];
                    dest -= 1;
                    ssb -= 1;
                    bcount += 1;
                    acount = 0;
                    nb -= 1;
                    if nb == 1 {
                        break 'merge Exit::CopyRest;
                    }
                    if bcount >= min_gallop {
                        break;
                    }
                }
            }
            min_gallop += 1;
            loop {
                min_gallop -= usize::from(min_gallop > 1);
                ms.min_gallop = min_gallop;
                let k = tri!('merge, gallop_right(o, ms.tmp[ssb - 1], &a[basea..basea + na], na - 1));
                let k = na - k;
                acount = k;
                if k > 0 {
                    dest -= k;
                    ssa -= k;
                    a.copy_within(ssa..ssa + k, dest);
                    na -= k;
                    if na == 0 {
                        break 'merge Exit::Succeed;
                    }
                }
                a[dest - 1] = ms.tmp[ssb - 1];
                dest -= 1;
                ssb -= 1;
                nb -= 1;
                if nb == 1 {
                    break 'merge Exit::CopyRest;
                }
                let k = tri!('merge, gallop_left(o, a[ssa - 1], &ms.tmp[..nb], nb - 1));
                let k = nb - k;
                bcount = k;
                if k > 0 {
                    dest -= k;
                    ssb -= k;
                    a[dest..dest + k].copy_from_slice(&ms.tmp[ssb..ssb + k]);
                    nb -= k;
                    if nb == 1 {
                        break 'merge Exit::CopyRest;
                    }
                    // nb == 0 is impossible for a consistent comparison, but may happen.
                    if nb == 0 {
                        break 'merge Exit::Succeed;
                    }
                }
                a[dest - 1] = a[ssa - 1];
                dest -= 1;
                ssa -= 1;
                na -= 1;
                if na == 0 {
                    break 'merge Exit::Succeed;
                }
                if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                    break;
                }
            }
            min_gallop += 1;
            ms.min_gallop = min_gallop;
        }
    };
    match exit {
        Exit::CopyRest => {
            // nb == 1: the first item of B belongs at the front of the merge.
            a.copy_within(ssa - na..ssa, dest - na);
            dest -= na;
            a[dest - 1] = ms.tmp[ssb - 1];
            Ok(())
        }
        Exit::Succeed | Exit::Fail(_) => {
            if nb > 0 {
                // B's remaining items are tmp[..nb]; they go just below `dest`.
                a[dest - nb..dest].copy_from_slice(&ms.tmp[..nb]);
            }
            match exit {
                Exit::Fail(e) => Err(e),
                _ => Ok(()),
            }
        }
    }
}

/// `merge_at`: merges the pending runs `i` and `i + 1`.
fn merge_at<O: Order>(o: O, ms: &mut MergeState<O::Item>, a: &mut [O::Item], i: usize) -> MoltResult<()> {
    let Run {
        base: pa, len: na, ..
    } = ms.pending[i];
    let Run {
        base: pb, len: nb, ..
    } = ms.pending[i + 1];
    ms.pending[i].len = na + nb;
    if i + 3 == ms.n {
        ms.pending[i + 1] = ms.pending[i + 2];
    }
    ms.n -= 1;
    // Where does B start in A? Items of A before that are already in place.
    let k = gallop_right(o, a[pb], &a[pa..pa + na], 0)?;
    let pa = pa + k;
    let na = na - k;
    if na == 0 {
        return Ok(());
    }
    // Where does A end in B? Items of B after that are already in place.
    let nb = gallop_left(o, a[pa + na - 1], &a[pb..pb + nb], nb - 1)?;
    if nb == 0 {
        return Ok(());
    }
    if na <= nb {
        merge_lo(o, ms, a, pa, na, nb)
    } else {
        merge_hi(o, ms, a, pa, na, nb)
    }
}

/// `powerloop`: the powersort level of the boundary between the runs `s1..s1+n1` and
/// `s1+n1..s1+n1+n2` of a list of `n` items.
fn powerloop(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    let mut result = 0;
    let mut a = 2 * s1 + n1; // 2 * the first run's midpoint
    let mut b = a + n1 + n2; // 2 * the second run's midpoint
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

/// `found_new_run`: a run of `n2` items follows the pending ones; merges the pending runs of
/// a greater power first.
fn found_new_run<O: Order>(o: O, ms: &mut MergeState<O::Item>, a: &mut [O::Item], n2: usize) -> MoltResult<()> {
    if ms.n > 0 {
        let top = ms.pending[ms.n - 1];
        let power = powerloop(top.base, top.len, n2, ms.listlen);
        while ms.n > 1 && ms.pending[ms.n - 2].power > power {
            merge_at(o, ms, a, ms.n - 2)?;
        }
        ms.pending[ms.n - 1].power = power;
    }
    Ok(())
}

/// `merge_force_collapse`: merges every pending run.
fn merge_force_collapse<O: Order>(o: O, ms: &mut MergeState<O::Item>, a: &mut [O::Item]) -> MoltResult<()> {
    while ms.n > 1 {
        let mut n = ms.n - 2;
        if n > 0 && ms.pending[n - 1].len < ms.pending[n + 1].len {
            n -= 1;
        }
        merge_at(o, ms, a, n)?;
    }
    Ok(())
}

/// `merge_compute_minrun`.
fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// The sort proper (the body of `list_sort_impl` between its pre-sort check and `succeed`).
fn timsort<O: Order>(o: O, a: &mut [O::Item]) -> MoltResult<()> {
    let total = a.len();
    if total < 2 {
        return Ok(());
    }
    let mut ms = MergeState {
        min_gallop: MIN_GALLOP,
        listlen: total,
        tmp: Vec::new(),
        pending: [Run::default(); MAX_MERGE_PENDING],
        n: 0,
    };
    let minrun = compute_minrun(total);
    let mut lo = 0;
    let mut nremaining = total;
    while nremaining > 0 {
        let (mut n, descending) = count_run(o, &a[lo..])?;
        if descending {
            a[lo..lo + n].reverse();
        }
        if n < minrun {
            let force = nremaining.min(minrun);
            binarysort(o, &mut a[lo..lo + force], n)?;
            n = force;
        }
        found_new_run(o, &mut ms, a, n)?;
        if ms.n >= MAX_MERGE_PENDING {
            return memory_error();
        }
        ms.pending[ms.n] = Run {
            base: lo,
            len: n,
            power: 0,
        };
        ms.n += 1;
        lo += n;
        nremaining -= n;
    }
    merge_force_collapse(o, &mut ms, a)
}

/// The type every first item of tuple keys has, whose comparison cannot fail or run user code.
#[derive(Clone, Copy)]
pub(super) enum ElemOrder {
    SmallInt,
    Float,
    Str,
}

/// The type all of `items` have, if it is one of [`ElemOrder`]'s.
fn elem_order(mut items: impl Iterator<Item = Obj> + Clone) -> Option<ElemOrder> {
    if items.clone().all(|o| o.is_small()) {
        Some(ElemOrder::SmallInt)
    } else if items.clone().all(|o| float::float_value(o).is_some()) {
        Some(ElemOrder::Float)
    } else if items.all(|o| str::str_text(o).is_some()) {
        Some(ElemOrder::Str)
    } else {
        None
    }
}

/// Sorts (key, item) pairs by their keys, stably, with the comparison CPython's pre-sort check
/// picks for the keys (`list_sort_impl`): one of the plain comparisons when every key has one
/// type whose `<` cannot fail or run user code, the tuple comparison when every key is a
/// non-empty exact tuple whose first items have such a type, else the rich comparison. On an
/// error the pairs are a permutation of their input.
///
/// When every comparison the sort could make is plain (small ints, strs, floats without a NaN,
/// exact tuples of those), nothing can observe which comparisons are made or in what order, and
/// a stable sort's result is unique: `list_sort_plain` computes it (decisions/0056, 0058).
fn sort_pairs(pairs: &mut [(Obj, Obj)]) -> MoltResult<()> {
    if pairs.len() < 2 {
        return Ok(());
    }
    let elem = elem_order(pairs.iter().map(|p| p.0));
    if super::list_sort_plain::sort_plain(pairs, elem)? {
        return Ok(());
    }
    let keys = pairs.iter().map(|p| p.0);
    if let Some(ElemOrder::Float) = elem {
        return timsort(Keyed(FloatOrder), pairs);
    }
    // Exact tuples only, as CPython's check (a subclass may define its own `<`).
    let firsts = keys.map(|k| tuple::tuple_items(k).filter(|_| tuple::is_exact_tuple(k)).and_then(|t| t.first().copied()));
    if firsts.clone().all(|f| f.is_some())
        && let Some(e) = elem_order(firsts.map(Option::unwrap_or_default))
    {
        return timsort(Keyed(GeneralOrder(Some(e))), pairs);
    }
    timsort(Keyed(GeneralOrder(None)), pairs)
}

/// Room for `n` pairs, or MemoryError.
fn pair_buffer(n: usize) -> MoltResult<Vec<(Obj, Obj)>> {
    let mut v = Vec::new();
    if v.try_reserve_exact(n).is_err() {
        return memory_error();
    }
    Ok(v)
}

/// Sorts `a` given each item's key (`keys[i]` is `a[i]`'s; for a sort without a key function,
/// the item itself): the pairs are sorted by their keys, then the items written back;
/// `reverse` reverses before and after a forward sort, as CPython does. On a comparison error
/// the items are left in the order the sort had reached (and reversed back), as CPython leaves
/// them.
fn sort_with_keys(a: &mut [Obj], keys: Option<&[Obj]>, reverse: bool) -> MoltResult<()> {
    let n = a.len();
    if n < 2 {
        return Ok(());
    }
    if keys.is_none() && a.iter().all(|o| o.is_small()) {
        // Small ints alone: equal ones are the same word, so every sort gives the one result a
        // stable sort gives (with `reverse` too), and no comparison can fail or run code.
        // Their words order as their values (`value << 1`).
        // SAFETY: `Obj` is a `repr(transparent)` u64, laid out as an i64; the words stay small
        // ints' words, only permuted.
        let words = unsafe { core::slice::from_raw_parts_mut(a.as_mut_ptr().cast::<i64>(), n) };
        words.sort_unstable();
        if reverse {
            words.reverse();
        }
        return Ok(());
    }
    let mut pairs = pair_buffer(n)?;
    let items = a.iter().copied();
    match (keys, reverse) {
        (Some(k), false) => pairs.extend(k.iter().copied().zip(items)),
        (Some(k), true) => pairs.extend(k.iter().copied().zip(items).rev()),
        (None, false) => pairs.extend(items.map(|x| (x, x))),
        (None, true) => pairs.extend(items.rev().map(|x| (x, x))),
    }
    let r = sort_pairs(&mut pairs);
    for (slot, p) in a.iter_mut().zip(&pairs) {
        *slot = p.1;
    }
    if reverse {
        a.reverse();
    }
    r
}

/// The items `a` sorted by the keys `key(item)`: the keys first, for every item in order (an
/// exception from the key function stops there), then the sort on the keys, which carries the
/// items.
fn sort_keyed(a: &mut [Obj], key: Obj, reverse: bool) -> MoltResult<()> {
    let n = a.len();
    let mut keys: Vec<Obj> = Vec::new();
    if keys.try_reserve_exact(n).is_err() {
        return memory_error();
    }
    for &item in a.iter() {
        match super::callable::call_object(key, &[item], &[]) {
            Ok(k) => keys.push(k),
            Err(e) => {
                list::release(keys);
                return Err(e);
            }
        }
    }
    let r = sort_by_keys(a, &keys, reverse);
    list::release(keys);
    r
}

/// The sort of [`sort_keyed`] once the keys are known (`keys[i]` is `a[i]`'s).
pub(crate) fn sort_by_keys(a: &mut [Obj], keys: &[Obj], reverse: bool) -> MoltResult<()> {
    sort_with_keys(a, Some(keys), reverse)
}

/// `list.sort(key=key, reverse=reverse)` (`key` None: no key function): CPython's
/// `list_sort_impl`. The list is emptied while its items are sorted (a key function or a
/// comparison sees it empty); an error leaves it with all its items; a list changed meanwhile
/// gives ValueError "list modified during sort".
pub fn sort_list(l: Obj, key: Option<Obj>, reverse: bool) -> MoltResult<()> {
    let Some(saved) = list::take_items(l) else {
        return Ok(());
    };
    let (buf, n, _) = saved;
    let a: &mut [Obj] = if n == 0 || buf.is_null() {
        &mut []
    } else {
        // SAFETY: `buf` is the detached buffer of `n` initialised items, owned by this call
        // until `restore_items` gives it back; nothing else can reach it meanwhile.
        unsafe { core::slice::from_raw_parts_mut(buf, n) }
    };
    let r = match key {
        Some(k) => sort_keyed(a, k, reverse),
        None => sort_with_keys(a, None, reverse),
    };
    let untouched = list::restore_items(l, saved);
    r?;
    if !untouched {
        return fail(ValueError, "list modified during sort");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minrun_and_power() {
        assert_eq!(compute_minrun(63), 63);
        assert_eq!(compute_minrun(64), 32);
        assert_eq!(compute_minrun(65), 33);
        assert_eq!(compute_minrun(2112), 33);
        // Runs [0, 32) and [32, 64) of 100: midpoints 0.16 and 0.48 differ at the 2nd bit.
        assert_eq!(powerloop(0, 32, 32, 100), 2);
        // Runs [32, 64) and [64, 96) of 128: the boundary is the middle.
        assert_eq!(powerloop(32, 32, 32, 128), 1);
    }
}
