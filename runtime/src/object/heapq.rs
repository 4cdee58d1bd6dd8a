//! The `heapq` module: CPython 3.11's `Modules/_heapqmodule.c` (`heappush`, `heappop`,
//! `heapify`, `heapreplace`, `heappushpop`: the same sift loops, so a heap's list holds the same
//! items in the same places as CPython's) and `Lib/heapq.py`'s `nsmallest` / `nlargest`.
//!
//! Relies on: `list` (the heap is a list: `append`, `pop_at`, `swap_items`, `replace_item`;
//! `list_sort` for `nsmallest`/`nlargest`), `dispatch::rich_compare_bool` (`<` of the items,
//! which may run Python code).
//!
//! Provides: [`HeapqFn`], [`fill`], [`call`].
//!
//! Invariants: no borrow of the list's buffer is held across a comparison; after each
//! comparison the list's size is checked again (RuntimeError "list changed size during
//! iteration", as CPython) before items move. `nsmallest(n, it, key)` is `sorted(it,
//! key=key)[:n]` and `nlargest` the reverse sort, which heapq.py's documented equivalence makes
//! exact (the heap algorithm ties by arrival order, as the stable sort does), with its special
//! cases: `n == 1` is `min`/`max` and `n <= 0` reads nothing.

use alloc::format;

use super::call::{check_positional, no_keywords_for, unpack_args};
use super::list::{self, item_at, list_len};
use super::module::store_owned;
use super::range::Owned;
use super::{Obj, dispatch, int, new_ref, singletons};
use crate::BuiltinFunction;
use crate::CompareOp;
use crate::ExceptionKind::{IndexError, RuntimeError, TypeError};
use crate::exceptions::{MoltResult, fail};

/// The functions of `heapq`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeapqFn {
    Heappush,
    Heappop,
    Heapify,
    Heapreplace,
    Heappushpop,
    Nlargest,
    Nsmallest,
}

impl HeapqFn {
    /// Its `__name__`.
    pub const fn name(self) -> &'static str {
        match self {
            HeapqFn::Heappush => "heappush",
            HeapqFn::Heappop => "heappop",
            HeapqFn::Heapify => "heapify",
            HeapqFn::Heapreplace => "heapreplace",
            HeapqFn::Heappushpop => "heappushpop",
            HeapqFn::Nlargest => "nlargest",
            HeapqFn::Nsmallest => "nsmallest",
        }
    }
}

/// Stores heapq's names in its namespace `d`.
pub fn fill(d: Obj) -> MoltResult<()> {
    let fns = [
        BuiltinFunction::HeapqHeappush,
        BuiltinFunction::HeapqHeappop,
        BuiltinFunction::HeapqHeapify,
        BuiltinFunction::HeapqHeapreplace,
        BuiltinFunction::HeapqHeappushpop,
        BuiltinFunction::HeapqNlargest,
        BuiltinFunction::HeapqNsmallest,
    ];
    for f in fns {
        let name = super::native_fn::native_fn(f).map_or("?", |n| n.name());
        store_owned(d, name, Ok(super::builtin_fn::molt_builtin_function(f.code())))?;
    }
    Ok(())
}

/// Argument Clinic's list check: "heappush() argument 1 must be list, not int".
fn heap_arg(fname: &str, which: &str, o: Obj) -> MoltResult<Obj> {
    if list::is_list(o) {
        Ok(o)
    } else {
        fail(TypeError, format!("{fname}() {which} must be list, not {}", o.type_of().name))
    }
}

const CHANGED: &str = "list changed size during iteration";

fn lt(a: Obj, b: Obj) -> MoltResult<bool> {
    let (a, b) = (Owned(new_ref(a)), Owned(new_ref(b)));
    dispatch::rich_compare_bool(CompareOp::Lt, a.get(), b.get())
}

/// `siftdown(heap, startpos, pos)`.
fn siftdown(heap: Obj, startpos: usize, mut pos: usize) -> MoltResult<()> {
    let size = list_len(heap).unwrap_or(0);
    if pos >= size {
        return fail(IndexError, "index out of range");
    }
    while pos > startpos {
        let parentpos = (pos - 1) >> 1;
        let (Some(newitem), Some(parent)) = (item_at(heap, pos), item_at(heap, parentpos)) else {
            return fail(RuntimeError, CHANGED);
        };
        let cmp = lt(newitem, parent)?;
        if list_len(heap) != Some(size) {
            return fail(RuntimeError, CHANGED);
        }
        if !cmp {
            break;
        }
        list::swap_items(heap, parentpos, pos);
        pos = parentpos;
    }
    Ok(())
}

/// `siftup(heap, pos)`.
fn siftup(heap: Obj, mut pos: usize) -> MoltResult<()> {
    let endpos = list_len(heap).unwrap_or(0);
    let startpos = pos;
    if pos >= endpos {
        return fail(IndexError, "index out of range");
    }
    let limit = endpos >> 1;
    while pos < limit {
        let mut childpos = 2 * pos + 1;
        if childpos + 1 < endpos {
            let (Some(a), Some(b)) = (item_at(heap, childpos), item_at(heap, childpos + 1)) else {
                return fail(RuntimeError, CHANGED);
            };
            let cmp = lt(a, b)?;
            if !cmp {
                childpos += 1;
            }
            if list_len(heap) != Some(endpos) {
                return fail(RuntimeError, CHANGED);
            }
        }
        list::swap_items(heap, childpos, pos);
        pos = childpos;
    }
    siftdown(heap, startpos, pos)
}

/// The checks of a two-argument function (`_heapq.heappush() takes no keyword arguments`,
/// "heappush expected 2 arguments, got 1": CPython names the module in the first only).
fn two_args(fname: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<(Obj, Obj)> {
    no_keywords_for(format_args!("_heapq.{fname}"), kw)?;
    check_positional(fname, pos.len(), 2, 2)?;
    Ok((heap_arg(fname, "argument 1", pos[0])?, pos[1]))
}

fn one_arg(fname: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let x = super::call::exactly_one_for(format_args!("_heapq.{fname}"), pos, kw)?;
    heap_arg(fname, "argument", x)
}

/// `heappop` / the pop of `heapreplace`: the smallest item, the last one moved to the top.
fn heappop(heap: Obj) -> MoltResult<Obj> {
    let n = list_len(heap).unwrap_or(0);
    if n == 0 {
        return fail(IndexError, "index out of range");
    }
    let last = list::pop_at(heap, n - 1)?;
    if n == 1 {
        return Ok(last);
    }
    let Some(top) = list::replace_item(heap, 0, last) else { return fail(RuntimeError, CHANGED) };
    let top = Owned(top);
    siftup(heap, 0)?;
    Ok(top.release())
}

/// `heapreplace_internal`: the top replaced by `item`, then sifted.
fn heapreplace(heap: Obj, item: Obj) -> MoltResult<Obj> {
    if list_len(heap).unwrap_or(0) == 0 {
        return fail(IndexError, "index out of range");
    }
    let Some(top) = list::replace_item(heap, 0, new_ref(item)) else { return fail(IndexError, "index out of range") };
    let top = Owned(top);
    siftup(heap, 0)?;
    Ok(top.release())
}

/// `nsmallest(n, iterable, key=None)` / `nlargest(...)`.
fn n_best(fname: &str, pos: &[Obj], kw: &[(&str, Obj)], largest: bool) -> MoltResult<Obj> {
    let [n, iterable, key] = unpack_args(fname, ["n", "iterable", "key"], 0, 2, 3, pos, kw)?;
    let (Some(n), Some(iterable)) = (n, iterable) else {
        return fail(TypeError, format!("{fname}() missing required arguments"));
    };
    let key = key.filter(|&k| !singletons::is_none(k));
    let one = Owned(int::from_i64(1)?);
    if dispatch::rich_compare_bool(CompareOp::Eq, n, one.get())? {
        // `min(it, default=sentinel, key=key)` / `max(...)`.
        let l = Owned(list::list_from_iter(iterable)?);
        let Some(best) = best_of(l.get(), key, largest)? else { return list::new_list(0) };
        let best = Owned(best);
        return list::list_from_vec(alloc::vec![new_ref(best.get())]);
    }
    let Some(count) = dispatch::as_index(n, TypeError)? else {
        return fail(TypeError, format!("'{}' object cannot be interpreted as an integer", n.type_of().name));
    };
    if count <= 0 {
        return list::new_list(0);
    }
    let l = Owned(list::list_from_iter(iterable)?);
    super::list_sort::sort_list(l.get(), key, largest)?;
    let keep = usize::try_from(count).unwrap_or(0);
    let len = list_len(l.get()).unwrap_or(0);
    if keep < len {
        let rest = list::split_off(l.get(), keep)?;
        list::release(rest);
    }
    Ok(l.release())
}

/// The first smallest (largest) item of list `l` by `key` (`min`/`max`'s rule: a later item
/// replaces the best only when strictly better), None for an empty list.
fn best_of(l: Obj, key: Option<Obj>, largest: bool) -> MoltResult<Option<Obj>> {
    let op = if largest { CompareOp::Gt } else { CompareOp::Lt };
    let mut best: Option<(Owned, Owned)> = None;
    let mut i = 0;
    while let Some(x) = item_at(l, i) {
        let x = Owned(new_ref(x));
        let k = match key {
            Some(f) => Owned(super::callable::call_object(f, &[x.get()], &[])?),
            None => Owned(new_ref(x.get())),
        };
        let better = match &best {
            None => true,
            Some((_, bk)) => dispatch::rich_compare_bool(op, k.get(), bk.get())?,
        };
        if better {
            best = Some((x, k));
        }
        i += 1;
    }
    Ok(best.map(|(x, _)| x.release()))
}

/// `heapq.NAME(*pos, **kw)`.
pub fn call(f: HeapqFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match f {
        HeapqFn::Heappush => {
            let (heap, item) = two_args("heappush", pos, kw)?;
            list::append(heap, item)?;
            let n = list_len(heap).unwrap_or(1);
            siftdown(heap, 0, n - 1)?;
            Ok(singletons::none())
        }
        HeapqFn::Heappop => heappop(one_arg("heappop", pos, kw)?),
        HeapqFn::Heapify => {
            let heap = one_arg("heapify", pos, kw)?;
            let n = list_len(heap).unwrap_or(0);
            for i in (0..n >> 1).rev() {
                siftup(heap, i)?;
            }
            Ok(singletons::none())
        }
        HeapqFn::Heapreplace => {
            let (heap, item) = two_args("heapreplace", pos, kw)?;
            heapreplace(heap, item)
        }
        HeapqFn::Heappushpop => {
            let (heap, item) = two_args("heappushpop", pos, kw)?;
            let Some(top) = item_at(heap, 0) else { return Ok(new_ref(item)) };
            if !lt(top, item)? {
                return Ok(new_ref(item));
            }
            heapreplace(heap, item)
        }
        HeapqFn::Nlargest => n_best("nlargest", pos, kw, true),
        HeapqFn::Nsmallest => n_best("nsmallest", pos, kw, false),
    }
}
