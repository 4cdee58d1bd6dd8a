//! The methods of `list`: append, extend, insert, pop, remove, index, count, reverse, clear,
//! copy, sort.
//!
//! Relies on: `list` for the list primitives; `list_sort` for the sort; `call` for the argument
//! checks of CPython's calling conventions (`METH_O`, `METH_NOARGS`, `METH_FASTCALL` with
//! Argument Clinic); `dispatch` for the comparisons and reprs. The reference is CPython 3.11's
//! `Objects/listobject.c` (`list_append`, `list_extend`, `list_insert_impl`, `list_pop_impl`,
//! `list_remove`, `list_index_impl`, `list_count`, `list_reverse_impl`, `list_clear_impl`,
//! `list_copy_impl`, `list_sort_impl`) and `Objects/clinic/listobject.c.h` for the argument
//! errors.
//!
//! Provides: [`LIST_METHODS`], the method table of `molt_type_list`.
//!
//! Invariants: each method returns a new reference (None for those that return nothing) and
//! leaves the list unchanged when it raises, as CPython does; items compared are held by a
//! reference of their own while compared; `sort`'s key function is called through
//! `callable::call_object` (a value that is not callable raises CPython's "'int' object is not
//! callable" at its first call, so not for an empty list).

use alloc::format;

use super::call::{
    c_int_arg, check_positional, exactly_one, no_args, no_keywords, slice_index_not_none,
    ssize_arg, unpack_keywords,
};
use super::singletons::{self, is_none};
use super::types::MethodDef;
use super::{Obj, decref, dispatch, incref, int, list, list_sort};
use crate::CompareOp;
use crate::ExceptionKind::{IndexError, ValueError};
use crate::exceptions::{MoltResult, fail};

type Kw<'a, 'b> = &'a [(&'b str, Obj)];

fn none() -> MoltResult<Obj> {
    Ok(singletons::none())
}

/// `item == value` for item `i` of list `l` (held by its own reference meanwhile), None past
/// the end.
fn item_equals(l: Obj, i: usize, value: Obj) -> MoltResult<Option<bool>> {
    let Some(item) = list::item_at(l, i) else {
        return Ok(None);
    };
    if item.is(value) {
        return Ok(Some(true));
    }
    incref(item);
    let r = dispatch::rich_compare_bool(CompareOp::Eq, item, value);
    // SAFETY: the reference taken above.
    unsafe { decref(item) };
    r.map(Some)
}

/// `list.append(object)`.
fn append(l: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let x = exactly_one(l, "append", pos, kw)?;
    list::append(l, x)?;
    none()
}

/// `list.extend(iterable)`.
fn extend(l: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let x = exactly_one(l, "extend", pos, kw)?;
    list::extend(l, x)?;
    none()
}

/// `list.insert(index, object)`.
fn insert(l: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_keywords(l, "insert", kw)?;
    check_positional("insert", pos.len(), 2, 2)?;
    let index = ssize_arg(pos[0])?;
    list::insert(l, index, pos[1])?;
    none()
}

/// `list.pop(index=-1)`: IndexError "pop from empty list", "pop index out of range".
fn pop(l: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_keywords(l, "pop", kw)?;
    check_positional("pop", pos.len(), 0, 1)?;
    let index = match pos.first() {
        Some(&i) => ssize_arg(i)?,
        None => -1,
    };
    let n = list::list_len(l).unwrap_or(0);
    if n == 0 {
        return fail(IndexError, "pop from empty list");
    }
    let n_i = n as i64;
    let index = if index < 0 { index + n_i } else { index };
    if index < 0 || index >= n_i {
        return fail(IndexError, "pop index out of range");
    }
    list::pop_at(l, index as usize)
}

/// `list.remove(value)`: the first item `== value`; ValueError "list.remove(x): x not in
/// list".
fn remove(l: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let value = exactly_one(l, "remove", pos, kw)?;
    let mut i = 0;
    while let Some(eq) = item_equals(l, i, value)? {
        if eq {
            super::list_slice::ass_slice(l, i as i64, i as i64 + 1, None)?;
            return none();
        }
        i += 1;
    }
    fail(ValueError, "list.remove(x): x not in list")
}

/// `list.index(value, start=0, stop=sys.maxsize)`: ValueError "5 is not in list" (the repr).
fn index(l: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_keywords(l, "index", kw)?;
    check_positional("index", pos.len(), 1, 3)?;
    let value = pos[0];
    let mut start = match pos.get(1) {
        Some(&s) => slice_index_not_none(s)?,
        None => 0,
    };
    let mut stop = match pos.get(2) {
        Some(&s) => slice_index_not_none(s)?,
        None => i64::MAX,
    };
    let size = list::list_len(l).unwrap_or(0) as i64;
    if start < 0 {
        start = (start + size).max(0);
    }
    if stop < 0 {
        stop = (stop + size).max(0);
    }
    let mut i = start;
    while i < stop {
        match item_equals(l, i as usize, value)? {
            Some(true) => return int::from_i64(i),
            Some(false) => i += 1,
            None => break,
        }
    }
    fail(
        ValueError,
        format!("{} is not in list", dispatch::repr_of(value)?),
    )
}

/// `list.count(value)`.
fn count(l: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let value = exactly_one(l, "count", pos, kw)?;
    let mut n = 0;
    let mut i = 0;
    while let Some(eq) = item_equals(l, i, value)? {
        n += i64::from(eq);
        i += 1;
    }
    int::from_i64(n)
}

/// `list.reverse()`.
fn reverse(l: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(l, "reverse", pos, kw)?;
    list::reverse(l);
    none()
}

/// `list.clear()`.
fn clear(l: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(l, "clear", pos, kw)?;
    list::clear(l);
    none()
}

/// `list.copy()`: a shallow copy.
fn copy(l: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(l, "copy", pos, kw)?;
    list::list_from_vec(list::items_vec(l)?)
}

/// `list.sort(*, key=None, reverse=False)`.
pub(crate) fn sort(l: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let [key, rev] = unpack_keywords("sort", ["key", "reverse"], pos, kw)?;
    let reverse = match rev {
        Some(r) => c_int_arg(r)? != 0,
        None => false,
    };
    list_sort::sort_list(l, key.filter(|&k| !is_none(k)), reverse)?;
    none()
}

/// The methods of `list`.
pub const LIST_METHODS: &[MethodDef] = &[
    MethodDef {
        name: "append",
        call: append,
    },
    MethodDef {
        name: "extend",
        call: extend,
    },
    MethodDef {
        name: "insert",
        call: insert,
    },
    MethodDef {
        name: "pop",
        call: pop,
    },
    MethodDef {
        name: "remove",
        call: remove,
    },
    MethodDef {
        name: "index",
        call: index,
    },
    MethodDef {
        name: "count",
        call: count,
    },
    MethodDef {
        name: "reverse",
        call: reverse,
    },
    MethodDef {
        name: "clear",
        call: clear,
    },
    MethodDef {
        name: "copy",
        call: copy,
    },
    MethodDef {
        name: "sort",
        call: sort,
    },
];
