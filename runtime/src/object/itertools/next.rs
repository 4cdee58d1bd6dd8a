//! The `__next__` of every itertools type (CPython 3.11's `*_next` functions, step for step),
//! the reprs of `count` and `repeat`, and the shared buffer of `tee`.
//!
//! Relies on: the field accessors of `mod.rs` (no borrow held across a call out), `iter`,
//! `callable::call_object`, `dispatch` (truth, `+`, `==`, repr), `tuple`.
//!
//! Provides: [`it_next`] (the `tp_iternext` of all the types), [`count_repr`], [`repeat_repr`],
//! [`tee_join`], [`tee_copy`], [`tee_leave`].
//!
//! Invariants: `groupby`'s groups share its iterator: advancing the groupby ends the previous
//! `_grouper` (its generation is no longer the current one), as CPython's `currgrouper` does.
//! A `_tee_dataobject` keeps each value until every live tee has read it (`idx` counts the
//! readers still due); a tee re-entering the underlying iterator raises RuntimeError "cannot
//! re-enter the tee iterator".

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::super::alloc::memory_error;
use super::super::callable::call_object;
use super::super::range::Owned;
use super::super::{Obj, dispatch, iter, new_ref, singletons, tuple};
use super::{Kind, alloc_it, field, has_field, kind_of, num, set_field, set_num, with_vecs};
use crate::ExceptionKind::RuntimeError;
use crate::exceptions::{MoltResult, fail};
use crate::{BinaryOp, CompareOp};

type Next = MoltResult<Option<Obj>>;

/// The next item of the iterator in field `i` of `o` (None when the field is empty).
fn next_of(o: Obj, i: usize) -> Next {
    match field(o, i) {
        Some(it) => iter::iter_next(it.get()),
        None => Ok(None),
    }
}

/// `tp_iternext` of the itertools types.
pub(super) fn it_next(o: Obj) -> Next {
    let Some(kind) = kind_of(o) else { return Ok(None) };
    match kind {
        Kind::Count => count_next(o),
        Kind::Cycle => cycle_next(o),
        Kind::Repeat => repeat_next(o),
        Kind::Accumulate => accumulate_next(o),
        Kind::Chain => chain_next(o),
        Kind::Compress => compress_next(o),
        Kind::Dropwhile => dropwhile_next(o),
        Kind::Takewhile => takewhile_next(o),
        Kind::Filterfalse => filterfalse_next(o),
        Kind::Groupby => groupby_next(o),
        Kind::Grouper => grouper_next(o),
        Kind::Islice => islice_next(o),
        Kind::Starmap => starmap_next(o),
        Kind::Tee => tee_next(o),
        Kind::TeeData => Ok(None),
        Kind::ZipLongest => zip_longest_next(o),
        Kind::Product => product_next(o),
        Kind::Permutations => permutations_next(o),
        Kind::Combinations => combinations_next(o),
        Kind::CombinationsWithReplacement => cwr_next(o),
        Kind::Pairwise => pairwise_next(o),
    }
}

fn count_next(o: Obj) -> Next {
    let (Some(cnt), Some(step)) = (field(o, 0), field(o, 1)) else { return Ok(None) };
    let up = dispatch::binary_op(BinaryOp::Add, cnt.get(), step.get())?;
    set_field(o, 0, Some(up));
    Ok(Some(cnt.release()))
}

/// The value of an int (or bool) that fits an i64.
fn small_int(o: Obj) -> Option<i64> {
    if singletons::is_bool(o) {
        return Some(i64::from(o.is(singletons::bool_obj(true))));
    }
    super::super::int::int_ref(o).and_then(|r| r.to_i64())
}

/// `count_repr`: `count(5)`, `count(1.0, 0.5)` (the step shown unless it is an int equal to 1).
pub(super) fn count_repr(o: Obj) -> MoltResult<String> {
    let (Some(cnt), Some(step)) = (field(o, 0), field(o, 1)) else { return Ok(String::from("count()")) };
    let c = dispatch::repr_of(cnt.get())?;
    if small_int(step.get()) == Some(1) {
        return Ok(format!("count({c})"));
    }
    Ok(format!("count({c}, {})", dispatch::repr_of(step.get())?))
}

fn cycle_next(o: Obj) -> Next {
    if has_field(o, 0) {
        match next_of(o, 0)? {
            Some(item) => {
                let pushed = with_vecs(o, |items, _| {
                    if items.try_reserve(1).is_err() {
                        return false;
                    }
                    items.push(new_ref(item));
                    true
                });
                if pushed == Some(false) {
                    let _drop = Owned(item);
                    return memory_error();
                }
                return Ok(Some(item));
            }
            None => set_field(o, 0, None),
        }
    }
    let i = usize::try_from(num(o, 0)).unwrap_or(0);
    let got = with_vecs(o, |items, _| {
        let n = items.len();
        items.get(i).map(|&x| (new_ref(x), if i + 1 >= n { 0 } else { i + 1 }))
    })
    .flatten();
    Ok(got.map(|(x, next)| {
        set_num(o, 0, i64::try_from(next).unwrap_or(0));
        x
    }))
}

fn repeat_next(o: Obj) -> Next {
    let cnt = num(o, 0);
    if cnt == 0 {
        return Ok(None);
    }
    if cnt > 0 {
        set_num(o, 0, cnt - 1);
    }
    Ok(field(o, 0).map(Owned::release))
}

/// `repeat_repr`: `repeat('a')`, `repeat('a', 3)` (the items left).
pub(super) fn repeat_repr(o: Obj) -> MoltResult<String> {
    let e = match field(o, 0) {
        Some(e) => dispatch::repr_of(e.get())?,
        None => String::new(),
    };
    let cnt = num(o, 0);
    Ok(if cnt == -1 { format!("repeat({e})") } else { format!("repeat({e}, {cnt})") })
}

fn accumulate_next(o: Obj) -> Next {
    if let Some(initial) = field(o, 3) {
        set_field(o, 3, None);
        set_field(o, 2, Some(new_ref(initial.get())));
        return Ok(Some(initial.release()));
    }
    let Some(val) = next_of(o, 0)? else { return Ok(None) };
    let val = Owned(val);
    let Some(total) = field(o, 2) else {
        set_field(o, 2, Some(new_ref(val.get())));
        return Ok(Some(val.release()));
    };
    let new_total = match field(o, 1) {
        Some(f) => call_object(f.get(), &[total.get(), val.get()], &[])?,
        None => dispatch::binary_op(BinaryOp::Add, total.get(), val.get())?,
    };
    set_field(o, 2, Some(new_ref(new_total)));
    Ok(Some(new_total))
}

fn chain_next(o: Obj) -> Next {
    while has_field(o, 0) {
        if !has_field(o, 1) {
            let iterable = match next_of(o, 0) {
                Ok(Some(x)) => Owned(x),
                other => {
                    set_field(o, 0, None);
                    return other;
                }
            };
            match iter::get_iter(iterable.get()) {
                Ok(it) => set_field(o, 1, Some(it)),
                Err(e) => {
                    set_field(o, 0, None);
                    return Err(e);
                }
            }
        }
        if let Some(item) = next_of(o, 1)? {
            return Ok(Some(item));
        }
        set_field(o, 1, None);
    }
    Ok(None)
}

fn compress_next(o: Obj) -> Next {
    loop {
        let Some(datum) = next_of(o, 0)? else { return Ok(None) };
        let datum = Owned(datum);
        let Some(sel) = next_of(o, 1)? else { return Ok(None) };
        let sel = Owned(sel);
        if dispatch::truth(sel.get())? {
            return Ok(Some(datum.release()));
        }
    }
}

/// `pred(item)`'s truth (`filterfalse` with None or `bool` tests the item itself).
fn test(o: Obj, item: Obj, direct: bool) -> MoltResult<bool> {
    let f = field(o, 0);
    match f {
        Some(f) if !(direct && (singletons::is_none(f.get()) || f.get().is(Obj::from_static(&singletons::TYPE_BOOL)))) => {
            let good = Owned(call_object(f.get(), &[item], &[])?);
            dispatch::truth(good.get())
        }
        _ => dispatch::truth(item),
    }
}

fn dropwhile_next(o: Obj) -> Next {
    loop {
        let Some(item) = next_of(o, 1)? else { return Ok(None) };
        let item = Owned(item);
        if num(o, 0) == 1 {
            return Ok(Some(item.release()));
        }
        if !test(o, item.get(), false)? {
            set_num(o, 0, 1);
            return Ok(Some(item.release()));
        }
    }
}

fn takewhile_next(o: Obj) -> Next {
    if num(o, 0) == 1 {
        return Ok(None);
    }
    let Some(item) = next_of(o, 1)? else { return Ok(None) };
    let item = Owned(item);
    if test(o, item.get(), false)? {
        return Ok(Some(item.release()));
    }
    set_num(o, 0, 1);
    Ok(None)
}

fn filterfalse_next(o: Obj) -> Next {
    loop {
        let Some(item) = next_of(o, 1)? else { return Ok(None) };
        let item = Owned(item);
        if !test(o, item.get(), true)? {
            return Ok(Some(item.release()));
        }
    }
}

/// `groupby_step`: the next value and its key become the current ones. False at the end.
fn groupby_step(g: Obj) -> MoltResult<bool> {
    let Some(value) = next_of(g, 0)? else { return Ok(false) };
    let value = Owned(value);
    let key = match field(g, 1) {
        Some(f) => call_object(f.get(), &[value.get()], &[])?,
        None => new_ref(value.get()),
    };
    set_field(g, 4, Some(value.release()));
    set_field(g, 3, Some(key));
    Ok(true)
}

fn groupby_next(g: Obj) -> Next {
    set_num(g, 0, 0);
    loop {
        match (field(g, 3), field(g, 2)) {
            (None, _) => {}
            (Some(_), None) => break,
            (Some(curr), Some(tgt)) => {
                if !dispatch::rich_compare_bool(CompareOp::Eq, tgt.get(), curr.get())? {
                    break;
                }
            }
        }
        if !groupby_step(g)? {
            return Ok(None);
        }
    }
    let Some(curr) = field(g, 3) else { return Ok(None) };
    set_field(g, 2, Some(new_ref(curr.get())));
    let generation = num(g, 1).wrapping_add(1).max(1);
    set_num(g, 1, generation);
    let grouper = Owned(alloc_it(
        &super::TYPE_GROUPER,
        Kind::Grouper,
        [Some(new_ref(g)), Some(new_ref(curr.get())), None, None, None],
        Vec::new(),
        Vec::new(),
        [generation, 0, 0, 0],
    )?);
    set_num(g, 0, generation);
    tuple::tuple_from_slice(&[curr.get(), grouper.get()]).map(Some)
}

fn grouper_next(o: Obj) -> Next {
    let (Some(g), Some(tgt)) = (field(o, 0), field(o, 1)) else { return Ok(None) };
    let g = g.get();
    if num(g, 0) != num(o, 0) {
        return Ok(None);
    }
    if !has_field(g, 4) && !groupby_step(g)? {
        return Ok(None);
    }
    let Some(curr) = field(g, 3) else { return Ok(None) };
    if !dispatch::rich_compare_bool(CompareOp::Eq, tgt.get(), curr.get())? {
        return Ok(None);
    }
    let value = field(g, 4);
    set_field(g, 4, None);
    set_field(g, 3, None);
    Ok(value.map(Owned::release))
}

fn islice_next(o: Obj) -> Next {
    if !has_field(o, 0) {
        return Ok(None);
    }
    let stop = num(o, 1);
    let empty = |r: Next| {
        set_field(o, 0, None);
        r
    };
    while num(o, 3) < num(o, 0) {
        match next_of(o, 0) {
            Ok(Some(item)) => drop(Owned(item)),
            other => return empty(other),
        }
        set_num(o, 3, num(o, 3) + 1);
    }
    if stop != -1 && num(o, 3) >= stop {
        return empty(Ok(None));
    }
    let item = match next_of(o, 0) {
        Ok(Some(item)) => item,
        other => return empty(other),
    };
    set_num(o, 3, num(o, 3) + 1);
    let old = num(o, 0);
    let mut next = old.wrapping_add(num(o, 2));
    if next < old || (stop != -1 && next > stop) {
        next = stop;
    }
    set_num(o, 0, next);
    Ok(Some(item))
}

fn starmap_next(o: Obj) -> Next {
    let Some(args) = next_of(o, 1)? else { return Ok(None) };
    let args = Owned(args);
    let args = Owned(tuple::tuple_from_iter(args.get())?);
    let Some(f) = field(o, 0) else { return Ok(None) };
    call_object(f.get(), tuple::tuple_items(args.get()).unwrap_or(&[]), &[]).map(Some)
}

// --- tee ---

/// A new `_tee` reading `data` (a reference it takes) from absolute index `pos`: one more
/// reader of every value from `pos` on.
pub(super) fn tee_join(data: Obj, pos: i64) -> MoltResult<Obj> {
    let data = Owned(data);
    with_vecs(data.get(), |items, need| {
        let _ = items;
        for n in need.iter_mut().skip(usize::try_from(pos - num(data.get(), 0)).unwrap_or(0)) {
            *n += 1;
        }
    });
    set_num(data.get(), 2, num(data.get(), 2) + 1);
    let d = new_ref(data.get());
    match alloc_it(&super::TYPE_TEE, Kind::Tee, [Some(d), None, None, None, None], Vec::new(), Vec::new(), [pos, 0, 0, 0]) {
        Ok(t) => Ok(t),
        Err(e) => {
            tee_leave(data.get(), pos);
            Err(e)
        }
    }
}

/// `tee.__copy__`: a new `_tee` at the same position over the same data.
pub(super) fn tee_copy(t: Obj) -> MoltResult<Obj> {
    let Some(data) = field(t, 0) else { return fail(RuntimeError, "tee copied after it was cleared") };
    tee_join(data.release(), num(t, 0))
}

/// A tee at absolute index `pos` will read no more from `data`: the values it still had to
/// read need one reader less, and those every tee has read are dropped.
pub(super) fn tee_leave(data: Obj, pos: i64) {
    if kind_of(data) != Some(Kind::TeeData) {
        return;
    }
    let base = num(data, 0);
    set_num(data, 2, num(data, 2) - 1);
    let start = usize::try_from(pos - base).unwrap_or(0);
    let dropped = with_vecs(data, |items, need| {
        for n in need.iter_mut().skip(start) {
            *n = n.saturating_sub(1);
        }
        trim(items, need)
    });
    if let Some((dropped, k)) = dropped {
        set_num(data, 0, base + i64::try_from(k).unwrap_or(0));
        super::super::list::release(dropped);
    }
}

/// Removes the leading values no tee still has to read; returns them (to drop) and how many.
fn trim(items: &mut Vec<Obj>, need: &mut Vec<usize>) -> (Vec<Obj>, usize) {
    let k = need.iter().take_while(|&&n| n == 0).count();
    need.drain(..k);
    (items.drain(..k).collect(), k)
}

fn tee_next(t: Obj) -> Next {
    let Some(data) = field(t, 0) else { return Ok(None) };
    let d = data.get();
    let pos = num(t, 0);
    let base = num(d, 0);
    let i = usize::try_from(pos - base).unwrap_or(0);
    let buffered = with_vecs(d, |items, _| items.get(i).map(|&x| new_ref(x))).flatten();
    let value = match buffered {
        Some(v) => v,
        None => {
            if num(d, 1) != 0 {
                return fail(RuntimeError, "cannot re-enter the tee iterator");
            }
            set_num(d, 1, 1);
            let r = next_of(d, 0);
            set_num(d, 1, 0);
            let Some(v) = r? else { return Ok(None) };
            let readers = usize::try_from(num(d, 2)).unwrap_or(0);
            let ok = with_vecs(d, |items, need| {
                if items.try_reserve(1).is_err() || need.try_reserve(1).is_err() {
                    return false;
                }
                items.push(new_ref(v));
                need.push(readers);
                true
            });
            if ok != Some(true) {
                let _drop = Owned(v);
                return memory_error();
            }
            v
        }
    };
    set_num(t, 0, pos + 1);
    let base = num(d, 0);
    let dropped = with_vecs(d, |items, need| {
        let j = usize::try_from(pos - base).unwrap_or(0);
        if let Some(n) = need.get_mut(j) {
            *n = n.saturating_sub(1);
        }
        trim(items, need)
    });
    if let Some((dropped, k)) = dropped {
        set_num(d, 0, base + i64::try_from(k).unwrap_or(0));
        super::super::list::release(dropped);
    }
    Ok(Some(value))
}

// --- zip_longest and the combinatoric iterators ---

fn zip_longest_next(o: Obj) -> Next {
    let n = with_vecs(o, |items, _| items.len()).unwrap_or(0);
    if n == 0 || num(o, 0) == 0 {
        return Ok(None);
    }
    let Some(fill) = field(o, 0) else { return Ok(None) };
    let mut out: Vec<Obj> = Vec::new();
    if out.try_reserve_exact(n).is_err() {
        return memory_error();
    }
    for i in 0..n {
        let it = with_vecs(o, |items, active| (active.get(i) == Some(&1)).then(|| items.get(i).map(|&x| Owned(new_ref(x)))).flatten()).flatten();
        let item = match it {
            None => new_ref(fill.get()),
            Some(it) => match iter::iter_next(it.get()) {
                Ok(Some(x)) => x,
                r => {
                    let left = num(o, 0) - 1;
                    if left == 0 || r.is_err() {
                        set_num(o, 0, 0);
                        super::super::list::release(out);
                        return r;
                    }
                    set_num(o, 0, left);
                    let old = with_vecs(o, |items, active| {
                        if let Some(a) = active.get_mut(i) {
                            *a = 0;
                        }
                        items.get_mut(i).map(|slot| core::mem::replace(slot, singletons::none()))
                    })
                    .flatten();
                    drop(old.map(Owned));
                    new_ref(fill.get())
                }
            },
        };
        out.push(item);
    }
    tuple::tuple_from_vec(out).map(Some)
}

/// The tuple of `pool[i]` for the indices `ix` (of the pools `pools`, one each, or of one pool).
fn gather(pools: &[Obj], pool: Option<Obj>, ix: &[usize]) -> MoltResult<Obj> {
    let mut out: Vec<Obj> = Vec::new();
    if out.try_reserve_exact(ix.len()).is_err() {
        return memory_error();
    }
    for (k, &i) in ix.iter().enumerate() {
        let p = pool.or_else(|| pools.get(k).copied());
        let item = p.and_then(tuple::tuple_items).and_then(|items| items.get(i).copied()).unwrap_or_else(singletons::none);
        out.push(new_ref(item));
    }
    tuple::tuple_from_vec(out)
}

fn product_next(o: Obj) -> Next {
    let state = num(o, 0);
    if state == 2 {
        return Ok(None);
    }
    let r = with_vecs(o, |pools, ix| {
        let len = |p: Obj| tuple::tuple_len(p).unwrap_or(0);
        if state == 0 {
            if pools.iter().any(|&p| len(p) == 0) {
                return None;
            }
        } else {
            let mut i = pools.len();
            loop {
                if i == 0 {
                    return None;
                }
                i -= 1;
                ix[i] += 1;
                if ix[i] == len(pools[i]) {
                    ix[i] = 0;
                } else {
                    break;
                }
            }
        }
        // Copies (the pools never change; `o` keeps them alive): `gather` allocates, and the
        // collector may then read this object's fields.
        Some((pools.clone(), ix.clone()))
    })
    .flatten();
    match r {
        None => {
            set_num(o, 0, 2);
            Ok(None)
        }
        Some((pools, ix)) => {
            set_num(o, 0, 1);
            gather(&pools, None, &ix).map(Some)
        }
    }
}

/// The step of the combinatoric iterators over one pool: `advance(n, r, idx)` moves the indices
/// to the next selection, false when there is none.
fn pool_next(o: Obj, shown: impl Fn(&[usize], usize) -> &[usize], advance: impl FnOnce(usize, usize, &mut Vec<usize>) -> bool) -> Next {
    let state = num(o, 0);
    if state == 2 {
        return Ok(None);
    }
    let Some(pool) = field(o, 0) else { return Ok(None) };
    let n = tuple::tuple_len(pool.get()).unwrap_or(0);
    let r = usize::try_from(num(o, 1)).unwrap_or(0);
    let t = with_vecs(o, |_, ix| {
        if state == 1 && !advance(n, r, ix) {
            return None;
        }
        Some(shown(ix, r).to_vec())
    })
    .flatten();
    match t {
        None => {
            set_num(o, 0, 2);
            Ok(None)
        }
        Some(ix) => {
            set_num(o, 0, 1);
            gather(&[], Some(pool.get()), &ix).map(Some)
        }
    }
}

fn combinations_next(o: Obj) -> Next {
    pool_next(o, |ix, _| ix, |n, r, ix| {
        let mut i = r;
        loop {
            if i == 0 {
                return false;
            }
            i -= 1;
            if ix[i] != i + n - r {
                break;
            }
        }
        ix[i] += 1;
        for j in i + 1..r {
            ix[j] = ix[j - 1] + 1;
        }
        true
    })
}

fn cwr_next(o: Obj) -> Next {
    pool_next(o, |ix, _| ix, |n, r, ix| {
        let mut i = r;
        loop {
            if i == 0 {
                return false;
            }
            i -= 1;
            if ix[i] != n - 1 {
                break;
            }
        }
        let index = ix[i] + 1;
        for x in &mut ix[i..r] {
            *x = index;
        }
        true
    })
}

fn permutations_next(o: Obj) -> Next {
    pool_next(o, |ix, r| &ix[..r.min(ix.len())], |n, r, ix| {
        if n == 0 {
            return false;
        }
        let (indices, cycles) = ix.split_at_mut(n);
        let mut i = r;
        while i > 0 {
            i -= 1;
            cycles[i] -= 1;
            if cycles[i] == 0 {
                indices[i..].rotate_left(1);
                cycles[i] = n - i;
            } else {
                let j = cycles[i];
                indices.swap(i, n - j);
                return true;
            }
        }
        false
    })
}

fn pairwise_next(o: Obj) -> Next {
    if !has_field(o, 0) {
        return Ok(None);
    }
    if !has_field(o, 1) {
        match next_of(o, 0) {
            Ok(Some(old)) => set_field(o, 1, Some(old)),
            other => {
                set_field(o, 0, None);
                return other;
            }
        }
    }
    let new = match next_of(o, 0) {
        Ok(Some(x)) => Owned(x),
        other => {
            set_field(o, 0, None);
            set_field(o, 1, None);
            return other;
        }
    };
    let Some(old) = field(o, 1) else { return Ok(None) };
    let t = tuple::tuple_from_slice(&[old.get(), new.get()])?;
    set_field(o, 1, Some(new.release()));
    Ok(Some(t))
}
