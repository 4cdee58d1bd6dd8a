//! The `bisect` module: CPython 3.11's `Modules/_bisectmodule.c` (`bisect_left`,
//! `bisect_right`, `insort_left`, `insort_right`, with `bisect` and `insort` the `_right`
//! forms): the same probes in the same order, over any sequence, with `key=`.
//!
//! Relies on: `dispatch` (`len`, `a[i]`, `<`), `list::insert` (a list), `call::call_method`
//! (`a.insert(i, x)` for another sequence), `callable::call_object` (the key function).
//!
//! Provides: [`BisectFn`], [`fill`], [`call`].
//!
//! Invariants: each probe reads `a[mid]` afresh (the sequence may change under a comparison, as
//! in CPython); the argument errors are Argument Clinic's for the same signature.

use alloc::format;

use super::call::{ssize_arg, unpack_args};
use super::module::store_owned;
use super::range::Owned;
use super::{Obj, callable, dispatch, int, list, singletons};
use crate::ExceptionKind::{TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};
use crate::{BuiltinFunction, CompareOp};

/// The functions of `bisect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BisectFn {
    BisectLeft,
    BisectRight,
    InsortLeft,
    InsortRight,
}

impl BisectFn {
    /// Its `__name__`.
    pub const fn name(self) -> &'static str {
        match self {
            BisectFn::BisectLeft => "bisect_left",
            BisectFn::BisectRight => "bisect_right",
            BisectFn::InsortLeft => "insort_left",
            BisectFn::InsortRight => "insort_right",
        }
    }
}

/// Stores bisect's names in its namespace `d` (`bisect` and `insort` are the `_right`
/// functions themselves, as in CPython).
pub fn fill(d: Obj) -> MoltResult<()> {
    let names = [
        ("bisect", BuiltinFunction::BisectBisectRight),
        ("bisect_left", BuiltinFunction::BisectBisectLeft),
        ("bisect_right", BuiltinFunction::BisectBisectRight),
        ("insort", BuiltinFunction::BisectInsortRight),
        ("insort_left", BuiltinFunction::BisectInsortLeft),
        ("insort_right", BuiltinFunction::BisectInsortRight),
    ];
    for (name, f) in names {
        store_owned(d, name, Ok(super::builtin_fn::molt_builtin_function(f.code())))?;
    }
    Ok(())
}

/// `internal_bisect_left` / `internal_bisect_right`.
fn bisect(a: Obj, x: Obj, mut lo: i64, hi: Option<i64>, key: Option<Obj>, right: bool) -> MoltResult<i64> {
    if lo < 0 {
        return fail(ValueError, "lo must be non-negative");
    }
    let mut hi = match hi {
        Some(h) => h,
        None => dispatch::len_of_usize(a)? as i64,
    };
    while lo < hi {
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        let index = Owned(int::from_i64(mid)?);
        let mut item = Owned(dispatch::getitem(a, index.get())?);
        if let Some(k) = key {
            item = Owned(callable::call_object(k, &[item.get()], &[])?);
        }
        let below = if right {
            !dispatch::rich_compare_bool(CompareOp::Lt, x, item.get())?
        } else {
            dispatch::rich_compare_bool(CompareOp::Lt, item.get(), x)?
        };
        if below {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

/// `bisect.NAME(a, x, lo=0, hi=len(a), *, key=None)`.
pub fn call(f: BisectFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let name = f.name();
    let [a, x, lo, hi, key] = unpack_args(name, ["a", "x", "lo", "hi", "key"], 0, 2, 4, pos, kw)?;
    let (Some(a), Some(x)) = (a, x) else { return fail(TypeError, format!("{name}() missing required argument")) };
    let lo = match lo {
        Some(l) => ssize_arg(l)?,
        None => 0,
    };
    // `_Py_convert_optional_to_ssize_t`: None (or -1) means len(a).
    let hi = match hi.filter(|&h| !singletons::is_none(h)) {
        None => None,
        Some(h) => match dispatch::as_index(h, crate::ExceptionKind::OverflowError)? {
            Some(-1) => None,
            Some(v) => Some(v),
            None => return fail(TypeError, format!("argument should be integer or None, not '{}'", h.type_of().name)),
        },
    };
    let key = key.filter(|&k| !singletons::is_none(k));
    let right = matches!(f, BisectFn::BisectRight | BisectFn::InsortRight);
    match f {
        BisectFn::BisectLeft | BisectFn::BisectRight => int::from_i64(bisect(a, x, lo, hi, key, right)?),
        BisectFn::InsortLeft | BisectFn::InsortRight => {
            let index = match key {
                Some(k) => {
                    let kx = Owned(callable::call_object(k, &[x], &[])?);
                    bisect(a, kx.get(), lo, hi, key, right)?
                }
                None => bisect(a, x, lo, hi, None, right)?,
            };
            if list::is_list(a) {
                list::insert(a, index, x)?;
            } else {
                let i = Owned(int::from_i64(index)?);
                drop(Owned(super::call::call_method(a, "insert", &[i.get(), x], &[])?));
            }
            Ok(singletons::none())
        }
    }
}
