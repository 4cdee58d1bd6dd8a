//! `vars(o)` and `dir(o)`: CPython 3.11's `builtin_vars` and `PyObject_Dir` with the default
//! `__dir__`s — `object.__dir__` (the instance's `__dict__` keys and its class's names),
//! `type.__dir__` (`merge_class_dict`: the class's `__dict__` keys and its bases', recursively)
//! and `module.__dir__` (the module's namespace).
//!
//! Relies on: `attrs::getattr` (`o.__dict__`), `class::own_names` (the keys of a heap class's
//! `__dict__` as CPython has them), `dir_table` (each builtin class's `dir()`, generated from
//! CPython), `descr::call_unbound` (a class's own `__dir__`).
//!
//! Provides: [`vars`], [`dir`].
//!
//! Invariants: `dir` returns a new sorted list of distinct strs (code-point order, as `sorted`
//! orders strs); a class's `__dir__` defined in Python is called and its result sorted.
//! Differences: a builtin class the generated table lacks contributes its bases' names only;
//! keys of an instance's `__dict__` that are not strs are left out (CPython's `sorted` would
//! raise TypeError comparing them).

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;

use super::range::Owned;
use super::types::{TypeObject, as_type};
use super::{Obj, attrs, class, dict, list, str as pystr, tuple};
use crate::ExceptionKind::{AttributeError, TypeError};
use crate::exceptions::{MoltResult, fail};

/// `vars(o)`: `o.__dict__`, TypeError when it has none.
pub fn vars(o: Obj) -> MoltResult<Obj> {
    match attrs::getattr(o, "__dict__") {
        Err(e) if e.kind == AttributeError => fail(TypeError, "vars() argument must have __dict__ attribute"),
        r => r,
    }
}

/// `dir(o)`: a new sorted list of its attribute names.
pub fn dir(o: Obj) -> MoltResult<Obj> {
    let t = o.type_of();
    if class::is_heap(t)
        && let Some(class::Found::Value(f)) = class::find(t, "__dir__", |_| false)
    {
        let r = Owned(super::descr::call_unbound(f.get(), o, &[], &[])?);
        let l = Owned(list::list_from_iter(r.get())?);
        super::list_sort::sort_list(l.get(), None, false)?;
        return Ok(l.release());
    }
    let mut names: BTreeSet<String> = BTreeSet::new();
    if let Some(c) = as_type(o) {
        merge_class(c, &mut names);
    } else {
        match attrs::getattr(o, "__dict__") {
            Ok(d) => {
                let d = Owned(d);
                add_keys(d.get(), &mut names);
            }
            Err(e) if e.kind == AttributeError => {}
            Err(e) => return Err(e),
        }
        if super::module::module_dict(o).is_none() {
            merge_class(t, &mut names);
        }
    }
    let items: Vec<Obj> = names.iter().map(|n| pystr::str_from_text(n)).collect::<MoltResult<Vec<Obj>>>()?;
    list::list_from_vec(items)
}

/// The str keys of dict `d` (anything else: nothing).
fn add_keys(d: Obj, names: &mut BTreeSet<String>) {
    if !dict::is_dict(d) {
        return;
    }
    for i in 0..dict::nentries(d) {
        if let Some((k, _, _)) = dict::entry_at(d, i)
            && let Some(k) = pystr::str_text(k)
        {
            names.insert(String::from(k));
        }
    }
}

/// `merge_class_dict`: the names of class `t` and of its bases, recursively.
fn merge_class(t: &'static TypeObject, names: &mut BTreeSet<String>) {
    if let Some(own) = class::own_names(t) {
        names.extend(own);
        let bases = class::bases_of(t).map(Owned);
        for &b in bases.as_ref().ok().and_then(|b| tuple::tuple_items(b.get())).unwrap_or(&[]) {
            if let Some(bt) = as_type(b) {
                merge_class(bt, names);
            }
        }
        return;
    }
    match super::dir_table::dir_of(t.short_name()) {
        Some(table) => names.extend(table.iter().map(|&n| String::from(n))),
        None => {
            if let Some(b) = t.base {
                merge_class(b, names);
            }
        }
    }
}
