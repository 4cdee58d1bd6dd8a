//! The constructors of the itertools types and the functions `tee` and `chain.from_iterable`:
//! CPython 3.11's argument checks in its order (`itertools_*_impl`, `*_new`, their Argument
//! Clinic wrappers) and exact errors.
//!
//! Relies on: `call` (`unpack_args`, `check_positional`, `no_keywords_for`,
//! `exactly_one_for`, `ssize_arg`), `iter::get_iter`, `tuple::tuple_from_iter`.
//!
//! Provides: one `new` slot per public type, [`tee`], [`chain_from_iterable`].
//!
//! Invariants: the iterators of the arguments are taken (`iter(x)`) in the constructor, as
//! CPython does, so that "'int' object is not iterable" is raised by the call; nothing is
//! consumed before the first `next` (except the pools of the combinatoric types, which CPython
//! also reads whole).

use alloc::vec;
use alloc::vec::Vec;

use super::super::alloc::memory_error;
use super::super::call::{check_positional, exactly_one_for, no_keywords_for, ssize_arg, unpack_args};
use super::super::range::Owned;
use super::super::types::TypeObject;
use super::super::{Obj, float, int, iter, new_ref, singletons, tuple};
use super::{Kind, alloc_it};
use crate::ExceptionKind::{TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};

/// An iterator over `o` as an owned field.
fn iter_of(o: Obj) -> MoltResult<Obj> {
    iter::get_iter(o)
}

/// `_PyArg_NoKeywords(name)` then `_PyArg_CheckPositional(name, n, min, max)`.
fn positional(name: &str, pos: &[Obj], kw: &[(&str, Obj)], min: usize, max: usize) -> MoltResult<()> {
    no_keywords_for(name, kw)?;
    check_positional(name, pos.len(), min, max)
}

/// `PyNumber_Check`.
fn is_number(o: Obj) -> bool {
    int::int_ref(o).is_some() || singletons::is_bool(o) || float::float_value(o).is_some() || o.type_of().index_slot().is_some()
}

/// The value of an int or bool that fits an i64.
fn int_value(o: Obj) -> Option<i64> {
    if singletons::is_bool(o) {
        return Some(i64::from(o.is(singletons::bool_obj(true))));
    }
    int::int_ref(o).and_then(|r| r.to_i64())
}

/// `count(start=0, step=1)`.
pub(super) fn count_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [start, step] = unpack_args("count", ["start", "step"], 0, 0, 2, pos, kw)?;
    if start.is_some_and(|s| !is_number(s)) || step.is_some_and(|s| !is_number(s)) {
        return fail(TypeError, "a number is required");
    }
    let step_one = step.is_none_or(|s| int_value(s) == Some(1));
    // CPython's fast mode (an int start within Py_ssize_t, step 1) counts with C integers:
    // `count(True)` gives 1, 2, … and its repr is `count(1)`.
    let start = match start {
        None => Obj::small(0).unwrap_or_default(),
        Some(s) if step_one && singletons::is_bool(s) => Obj::small(i64::from(s.is(singletons::bool_obj(true)))).unwrap_or_default(),
        Some(s) => new_ref(s),
    };
    let step = match step {
        None => Obj::small(1).unwrap_or_default(),
        Some(s) => new_ref(s),
    };
    alloc_it(t, Kind::Count, [Some(start), Some(step), None, None, None], Vec::new(), Vec::new(), [0; 4])
}

/// `cycle(iterable)`.
pub(super) fn cycle_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    positional("cycle", pos, kw, 1, 1)?;
    let it = iter_of(pos[0])?;
    alloc_it(t, Kind::Cycle, [Some(it), None, None, None, None], Vec::new(), Vec::new(), [0; 4])
}

/// `repeat(object[, times])`: a negative `times` repeats nothing.
pub(super) fn repeat_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [obj, times] = unpack_args("repeat", ["object", "times"], 0, 1, 2, pos, kw)?;
    let Some(obj) = obj else { return fail(TypeError, "repeat() missing required argument 'object' (pos 1)") };
    let cnt = match times {
        Some(n) => ssize_arg(n)?.max(0),
        None => -1,
    };
    alloc_it(t, Kind::Repeat, [Some(new_ref(obj)), None, None, None, None], Vec::new(), Vec::new(), [cnt, 0, 0, 0])
}

/// `accumulate(iterable, func=None, *, initial=None)`.
pub(super) fn accumulate_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [iterable, func, initial] = unpack_args("accumulate", ["iterable", "func", "initial"], 0, 1, 2, pos, kw)?;
    let Some(iterable) = iterable else { return fail(TypeError, "accumulate() missing required argument 'iterable' (pos 1)") };
    let it = iter_of(iterable)?;
    let some = |o: Option<Obj>| o.filter(|&o| !singletons::is_none(o)).map(new_ref);
    alloc_it(t, Kind::Accumulate, [Some(it), some(func), None, some(initial), None], Vec::new(), Vec::new(), [0; 4])
}

/// A chain over the iterables `source` yields (an iterator, taken).
fn chain_over(source: Obj) -> MoltResult<Obj> {
    alloc_it(&super::TYPE_CHAIN, Kind::Chain, [Some(source), None, None, None, None], Vec::new(), Vec::new(), [0; 4])
}

/// `chain(*iterables)`.
pub(super) fn chain_new(_t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("chain", kw)?;
    let args = Owned(tuple::tuple_from_slice(pos)?);
    chain_over(iter_of(args.get())?)
}

/// `chain.from_iterable(iterable)`.
pub(super) fn chain_from_iterable(pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let x = exactly_one_for("chain.from_iterable", pos, kw)?;
    chain_over(iter_of(x)?)
}

/// `compress(data, selectors)`.
pub(super) fn compress_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [data, selectors] = unpack_args("compress", ["data", "selectors"], 0, 2, 2, pos, kw)?;
    let (Some(data), Some(selectors)) = (data, selectors) else {
        return fail(TypeError, "compress() missing required argument 'data' (pos 1)");
    };
    let data = Owned(iter_of(data)?);
    let selectors = iter_of(selectors)?;
    alloc_it(t, Kind::Compress, [Some(data.release()), Some(selectors), None, None, None], Vec::new(), Vec::new(), [0; 4])
}

/// `dropwhile` / `takewhile` / `filterfalse` / `starmap` `(function, iterable)`.
fn func_iter(t: &'static TypeObject, name: &str, kind: Kind, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    positional(name, pos, kw, 2, 2)?;
    let it = iter_of(pos[1])?;
    alloc_it(t, kind, [Some(new_ref(pos[0])), Some(it), None, None, None], Vec::new(), Vec::new(), [0; 4])
}

pub(super) fn dropwhile_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    func_iter(t, "dropwhile", Kind::Dropwhile, pos, kw)
}

pub(super) fn takewhile_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    func_iter(t, "takewhile", Kind::Takewhile, pos, kw)
}

pub(super) fn filterfalse_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    func_iter(t, "filterfalse", Kind::Filterfalse, pos, kw)
}

pub(super) fn starmap_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    func_iter(t, "starmap", Kind::Starmap, pos, kw)
}

/// `groupby(iterable, key=None)`.
pub(super) fn groupby_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [iterable, key] = unpack_args("groupby", ["iterable", "key"], 0, 1, 2, pos, kw)?;
    let Some(iterable) = iterable else { return fail(TypeError, "groupby() missing required argument 'iterable' (pos 1)") };
    let it = iter_of(iterable)?;
    let key = key.filter(|&k| !singletons::is_none(k)).map(new_ref);
    alloc_it(t, Kind::Groupby, [Some(it), key, None, None, None], Vec::new(), Vec::new(), [0; 4])
}

/// `PyNumber_AsSsize_t(o, PyExc_OverflowError)` with the error cleared: -1 for any failure.
fn ssize_or_minus_one(o: Obj) -> i64 {
    ssize_arg(o).unwrap_or(-1)
}

/// `islice(iterable, stop)` / `islice(iterable, start, stop[, step])`.
pub(super) fn islice_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    positional("islice", pos, kw, 2, 4)?;
    const STOP: &str = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let (mut start, mut stop, mut step) = (0i64, -1i64, 1i64);
    let is_none = singletons::is_none;
    if pos.len() == 2 {
        if !is_none(pos[1]) {
            stop = ssize_or_minus_one(pos[1]);
            if stop == -1 {
                return fail(ValueError, STOP);
            }
        }
    } else {
        if !is_none(pos[1]) {
            start = ssize_or_minus_one(pos[1]);
        }
        if !is_none(pos[2]) {
            stop = ssize_or_minus_one(pos[2]);
            if stop == -1 {
                return fail(ValueError, STOP);
            }
        }
    }
    if start < 0 || stop < -1 {
        return fail(ValueError, "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    }
    if let Some(&s) = pos.get(3)
        && !is_none(s)
    {
        step = ssize_or_minus_one(s);
    }
    if step < 1 {
        return fail(ValueError, "Step for islice() must be a positive integer or None.");
    }
    let it = iter_of(pos[0])?;
    alloc_it(t, Kind::Islice, [Some(it), None, None, None, None], Vec::new(), Vec::new(), [start, stop, step, 0])
}

/// `tee(iterable, n=2)`: a tuple of `n` independent iterators over one underlying iterator.
/// A `_tee` argument is copied rather than wrapped (its `__copy__`), as CPython does.
pub(super) fn tee(pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("itertools.tee", kw)?;
    check_positional("tee", pos.len(), 1, 2)?;
    let n = match pos.get(1) {
        Some(&n) => ssize_arg(n)?,
        None => 2,
    };
    if n < 0 {
        return fail(ValueError, "n must be >= 0");
    }
    if n == 0 {
        return tuple::tuple_from_slice(&[]);
    }
    let it = Owned(iter_of(pos[0])?);
    let first = if super::kind_of(it.get()) == Some(Kind::Tee) {
        it
    } else {
        let data = alloc_it(&super::TYPE_TEE_DATA, Kind::TeeData, [Some(new_ref(it.get())), None, None, None, None], Vec::new(), Vec::new(), [0, 0, 0, 0])?;
        Owned(super::next::tee_join(data, 0)?)
    };
    let mut out: Vec<Obj> = Vec::new();
    if out.try_reserve_exact(usize::try_from(n).unwrap_or(usize::MAX)).is_err() {
        return memory_error();
    }
    out.push(new_ref(first.get()));
    for _ in 1..n {
        match super::next::tee_copy(first.get()) {
            Ok(c) => out.push(c),
            Err(e) => {
                super::super::list::release(out);
                return Err(e);
            }
        }
    }
    tuple::tuple_from_vec(out)
}

/// `zip_longest(*iterables, fillvalue=None)`.
pub(super) fn zip_longest_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let fill = match kw {
        [] => singletons::none(),
        [("fillvalue", v)] => *v,
        _ => return fail(TypeError, "zip_longest() got an unexpected keyword argument"),
    };
    let mut iters: Vec<Obj> = Vec::new();
    if iters.try_reserve_exact(pos.len()).is_err() {
        return memory_error();
    }
    for &x in pos {
        match iter_of(x) {
            Ok(it) => iters.push(it),
            Err(e) => {
                super::super::list::release(iters);
                return Err(e);
            }
        }
    }
    let active = vec![1usize; iters.len()];
    let n = i64::try_from(iters.len()).unwrap_or(i64::MAX);
    alloc_it(t, Kind::ZipLongest, [Some(new_ref(fill)), None, None, None, None], iters, active, [n, 0, 0, 0])
}

/// `product(*iterables, repeat=1)`.
pub(super) fn product_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let mut repeat = 1i64;
    if !kw.is_empty() {
        let [r] = unpack_args("product", ["repeat"], 0, 0, 0, &[], kw)?;
        if let Some(r) = r {
            repeat = ssize_arg(r)?;
        }
        if repeat < 0 {
            return fail(ValueError, "repeat argument cannot be negative");
        }
    }
    let nargs = if repeat == 0 { 0 } else { pos.len() };
    let repeat = usize::try_from(repeat).unwrap_or(0);
    let Some(npools) = nargs.checked_mul(repeat).filter(|&n| n <= (isize::MAX as usize) / 8) else {
        return fail(crate::ExceptionKind::OverflowError, "repeat argument too large");
    };
    let mut pools: Vec<Obj> = Vec::new();
    if pools.try_reserve_exact(npools).is_err() {
        return memory_error();
    }
    for &x in &pos[..nargs] {
        match tuple::tuple_from_iter(x) {
            Ok(p) => pools.push(p),
            Err(e) => {
                super::super::list::release(pools);
                return Err(e);
            }
        }
    }
    for i in nargs..npools {
        pools.push(new_ref(pools[i - nargs]));
    }
    let indices = vec![0usize; npools];
    alloc_it(t, Kind::Product, [None; 5], pools, indices, [0; 4])
}

/// `r` of `combinations` / `combinations_with_replacement` (a `Py_ssize_t`), checked.
fn r_arg(name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<(Obj, i64)> {
    let [iterable, r] = unpack_args(name, ["iterable", "r"], 0, 2, 2, pos, kw)?;
    let (Some(iterable), Some(r)) = (iterable, r) else {
        return fail(TypeError, alloc::format!("{name}() missing required argument 'iterable' (pos 1)"));
    };
    let pool = Owned(tuple::tuple_from_iter(iterable)?);
    let r = ssize_arg(r)?;
    if r < 0 {
        return fail(ValueError, "r must be non-negative");
    }
    Ok((pool.release(), r))
}

/// `combinations(iterable, r)`.
pub(super) fn combinations_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let (pool, r) = r_arg("combinations", pos, kw)?;
    let n = tuple::tuple_len(pool).unwrap_or(0);
    let r_us = usize::try_from(r).unwrap_or(usize::MAX);
    let state = if r_us > n { 2 } else { 0 };
    let indices: Vec<usize> = if state == 2 { Vec::new() } else { (0..r_us).collect() };
    alloc_it(t, Kind::Combinations, [Some(pool), None, None, None, None], Vec::new(), indices, [state, r, 0, 0])
}

/// `combinations_with_replacement(iterable, r)`.
pub(super) fn cwr_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let (pool, r) = r_arg("combinations_with_replacement", pos, kw)?;
    let n = tuple::tuple_len(pool).unwrap_or(0);
    let state = if n == 0 && r > 0 { 2 } else { 0 };
    let indices: Vec<usize> = if state == 2 { Vec::new() } else { vec![0; usize::try_from(r).unwrap_or(0)] };
    alloc_it(t, Kind::CombinationsWithReplacement, [Some(pool), None, None, None, None], Vec::new(), indices, [state, r, 0, 0])
}

/// `permutations(iterable, r=None)`.
pub(super) fn permutations_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [iterable, robj] = unpack_args("permutations", ["iterable", "r"], 0, 1, 2, pos, kw)?;
    let Some(iterable) = iterable else { return fail(TypeError, "permutations() missing required argument 'iterable' (pos 1)") };
    let pool = Owned(tuple::tuple_from_iter(iterable)?);
    let n = tuple::tuple_len(pool.get()).unwrap_or(0);
    let mut r = i64::try_from(n).unwrap_or(i64::MAX);
    if let Some(robj) = robj.filter(|&o| !singletons::is_none(o)) {
        if int::int_ref(robj).is_none() && !singletons::is_bool(robj) {
            return fail(TypeError, "Expected int as r");
        }
        r = ssize_arg(robj)?;
    }
    if r < 0 {
        return fail(ValueError, "r must be non-negative");
    }
    let r_us = usize::try_from(r).unwrap_or(usize::MAX);
    let state = if r_us > n { 2 } else { 0 };
    let mut idx: Vec<usize> = Vec::new();
    if state == 0 {
        idx.extend(0..n);
        idx.extend((0..r_us).map(|i| n - i));
    }
    alloc_it(t, Kind::Permutations, [Some(pool.release()), None, None, None, None], Vec::new(), idx, [state, r, 0, 0])
}

/// `pairwise(iterable)`.
pub(super) fn pairwise_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    positional("pairwise", pos, kw, 1, 1)?;
    let it = iter_of(pos[0])?;
    alloc_it(t, Kind::Pairwise, [Some(it), None, None, None, None], Vec::new(), Vec::new(), [0; 4])
}
