//! `collections.OrderedDict`: CPython 3.11's C type (`Objects/odictobject.c`) on the runtime's
//! dict, whose entries already keep insertion order.
//!
//! Relies on: `dict` (an OrderedDict is a dict of kind `HeapKind::DictExt`, its extra word
//! unused: None; `pop_first` / `pop_last` for `popitem`), `dict_views` (the `odict_keys`,
//! `odict_values`, `odict_items` views are dict views of their own types), `list` (the
//! snapshots `__reversed__` iterates).
//!
//! Provides: [`TYPE_ORDEREDDICT`] and its view types.
//!
//! Invariants: the dict's entry order is the OrderedDict's order; `move_to_end(k)` pops and
//! re-inserts the entry, `move_to_end(k, last=False)` rebuilds the table with `k` first (O(n):
//! CPython's linked list makes it O(1)). `==` between two OrderedDicts also compares the key
//! order, as CPython's `odict_richcompare`.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::super::call::{no_args, unpack_args};
use super::super::dict;
use super::super::dict_views::{self, TYPE_DICT_ITEMS, TYPE_DICT_KEYS, TYPE_DICT_VALUES};
use super::super::list::{self, repr_enter, repr_leave};
use super::super::range::Owned;
use super::super::types::{MethodDef, NumberSlots, OpSet, TypeObject};
use super::super::{Obj, dispatch, iter, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::{KeyError, TypeError};
use crate::exceptions::{MoltResult, fail, key_error};
use crate::{BinaryOp, CompareOp};

static ODICT_NUMBER: NumberSlots = NumberSlots {
    binary: Some(odict_or),
    binary_ops: OpSet::binary(&[BinaryOp::Or]),
    inplace: Some(dict::dict_ior),
    inplace_ops: OpSet::binary(&[BinaryOp::Or]),
    ..NumberSlots::EMPTY
};

static ODICT_METHODS: &[MethodDef] = &[
    MethodDef { name: "move_to_end", call: m_move_to_end },
    MethodDef { name: "popitem", call: m_popitem },
    MethodDef { name: "copy", call: m_copy },
    MethodDef { name: "__copy__", call: m_copy },
    MethodDef { name: "keys", call: m_keys },
    MethodDef { name: "values", call: m_values },
    MethodDef { name: "items", call: m_items },
    MethodDef { name: "update", call: m_update },
    MethodDef { name: "__reversed__", call: m_reversed },
];

/// `collections.OrderedDict`.
pub static TYPE_ORDEREDDICT: TypeObject = TypeObject {
    new: Some(odict_new),
    number: Some(&ODICT_NUMBER),
    richcompare: Some(odict_richcompare),
    repr: Some(odict_repr),
    heap: Some(super::super::alloc::HeapKind::DictExt),
    methods: ODICT_METHODS,
    ..TypeObject::new("collections.OrderedDict", &dict::molt_type_dict)
};

/// `odict_keys`.
pub static TYPE_ODICT_KEYS: TypeObject = TypeObject {
    heap: Some(super::super::alloc::HeapKind::DictKeys),
    ..TypeObject::new("odict_keys", &TYPE_DICT_KEYS)
};

/// `odict_values`.
pub static TYPE_ODICT_VALUES: TypeObject = TypeObject {
    heap: Some(super::super::alloc::HeapKind::DictValues),
    ..TypeObject::new("odict_values", &TYPE_DICT_VALUES)
};

/// `odict_items`.
pub static TYPE_ODICT_ITEMS: TypeObject = TypeObject {
    heap: Some(super::super::alloc::HeapKind::DictItems),
    ..TypeObject::new("odict_items", &TYPE_DICT_ITEMS)
};

fn is_odict(o: Obj) -> bool {
    o.type_of().is(&TYPE_ORDEREDDICT)
}

/// `mutablemapping_update`'s argument and keywords, stored in order.
fn update(d: Obj, arg: Option<Obj>, kw: &[(&str, Obj)]) -> MoltResult<()> {
    if let Some(a) = arg {
        dict::update_arg(d, a)?;
    }
    for &(k, v) in kw {
        let key = Owned(pystr::str_from_text(k)?);
        dict::set_item(d, key.get(), v)?;
    }
    Ok(())
}

/// `OrderedDict(iterable=(), /, **kwds)` (`odict_init`).
fn odict_new(_t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if pos.len() > 1 {
        return fail(TypeError, format!("expected at most 1 arguments, got {}", pos.len()));
    }
    let d = Owned(super::super::dict_ext::new_dict_ext(&TYPE_ORDEREDDICT, singletons::none())?);
    update(d.get(), pos.first().copied(), kw)?;
    Ok(d.release())
}

fn m_update(d: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if pos.len() > 1 {
        return fail(TypeError, format!("update() takes at most 1 positional argument ({} given)", pos.len()));
    }
    update(d, pos.first().copied(), kw)?;
    Ok(singletons::none())
}

/// A copy of `d`'s items in an OrderedDict.
fn copy_of(d: Obj) -> MoltResult<Obj> {
    let c = Owned(super::super::dict_ext::new_dict_ext(&TYPE_ORDEREDDICT, singletons::none())?);
    dict::update_arg(c.get(), d)?;
    Ok(c.release())
}

fn m_copy(d: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_args(d, "copy", pos, kw)?;
    copy_of(d)
}

/// The `last` argument of `popitem` / `move_to_end` (any object, by truth).
fn last_arg(fname: &str, names: [&str; 2], pos: &[Obj], kw: &[(&str, Obj)], min: usize) -> MoltResult<(Option<Obj>, bool)> {
    let [a, last] = unpack_args(fname, names, 0, min, 2, pos, kw)?;
    let last = match last {
        Some(l) => dispatch::truth(l)?,
        None => true,
    };
    Ok((a, last))
}

/// `popitem(last=True)`: KeyError "dictionary is empty".
fn m_popitem(d: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [last] = unpack_args("popitem", ["last"], 0, 0, 1, pos, kw)?;
    let last = match last {
        Some(l) => dispatch::truth(l)?,
        None => true,
    };
    let kv = if last { dict::pop_last(d) } else { dict::pop_first(d) };
    let Some((k, v)) = kv else { return fail(KeyError, "dictionary is empty") };
    let (k, v) = (Owned(k), Owned(v));
    tuple::tuple_from_slice(&[k.get(), v.get()])
}

/// `move_to_end(key, last=True)`: KeyError(key) when missing.
fn m_move_to_end(d: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let (key, last) = last_arg("move_to_end", ["key", "last"], pos, kw, 1)?;
    let Some(key) = key else { return Ok(singletons::none()) };
    let hash = dispatch::hash(key)?;
    let Some(value) = dict::pop_known_hash(d, key, hash)? else { return key_error(key) };
    let value = Owned(value);
    if last {
        dict::set_item(d, key, value.get())?;
        return Ok(singletons::none());
    }
    // To the front: the table rebuilt with `key` first.
    let mut rest: Vec<(Owned, Owned)> = Vec::new();
    for i in 0..dict::nentries(d) {
        if let Some((k, v, _)) = dict::entry_at(d, i) {
            rest.push((Owned(new_ref(k)), Owned(new_ref(v))));
        }
    }
    dict::clear(d);
    dict::set_item(d, key, value.get())?;
    for (k, v) in &rest {
        dict::set_item(d, k.get(), v.get())?;
    }
    Ok(singletons::none())
}

fn m_keys(d: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_args(d, "keys", pos, kw)?;
    dict_views::new_view_of_type(d, &TYPE_ODICT_KEYS)
}

fn m_values(d: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_args(d, "values", pos, kw)?;
    dict_views::new_view_of_type(d, &TYPE_ODICT_VALUES)
}

fn m_items(d: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_args(d, "items", pos, kw)?;
    dict_views::new_view_of_type(d, &TYPE_ODICT_ITEMS)
}

/// `reversed(od)`: the keys, last first (over a snapshot of them).
fn m_reversed(d: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_args(d, "__reversed__", pos, kw)?;
    let keys = Owned(list::list_from_iter(d)?);
    list::reverse(keys.get());
    iter::get_iter(keys.get())
}

/// Whether the keys of two dicts come in the same order (`_odict_keys_equal`).
fn same_order(a: Obj, b: Obj) -> MoltResult<bool> {
    let (ka, kb) = (Owned(list::list_from_iter(a)?), Owned(list::list_from_iter(b)?));
    let n = list::list_len(ka.get()).unwrap_or(0);
    for i in 0..n {
        let (Some(x), Some(y)) = (list::item_at(ka.get(), i), list::item_at(kb.get(), i)) else {
            return Ok(false);
        };
        let (x, y) = (Owned(new_ref(x)), Owned(new_ref(y)));
        if !dispatch::rich_compare_bool(CompareOp::Eq, x.get(), y.get())? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `odict_richcompare`: between two OrderedDicts `==` also compares the order; otherwise a
/// dict's comparison.
fn odict_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if !dict::is_dict(v) || !dict::is_dict(w) || !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(singletons::not_implemented());
    }
    let mut eq = dict::dict_equal(v, w)?;
    if eq && is_odict(v) && is_odict(w) {
        eq = same_order(v, w)?;
    }
    Ok(singletons::bool_obj(eq == (op == CompareOp::Eq)))
}

/// `odict_or`: `od | mapping` and `mapping | od` are OrderedDicts.
fn odict_or(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if op != BinaryOp::Or || !dict::is_dict(v) || !dict::is_dict(w) {
        return Ok(singletons::not_implemented());
    }
    let new = Owned(copy_of(v)?);
    dict::update_arg(new.get(), w)?;
    Ok(new.release())
}

/// `odict_repr`: `OrderedDict()` or `OrderedDict([(k, v), …])`; `...` for one already being
/// printed.
fn odict_repr(d: Obj) -> MoltResult<String> {
    let name = d.type_of().short_name();
    if dict::dict_len(d) == 0 {
        return Ok(format!("{name}()"));
    }
    if repr_enter(d)? {
        return Ok(String::from("..."));
    }
    let r = (|| {
        let mut pairs = Vec::new();
        for i in 0..dict::nentries(d) {
            if let Some((k, v, _)) = dict::entry_at(d, i) {
                match tuple::tuple_from_slice(&[k, v]) {
                    Ok(t) => pairs.push(t),
                    Err(e) => {
                        list::release(pairs);
                        return Err(e);
                    }
                }
            }
        }
        let l = Owned(list::list_from_vec(pairs)?);
        Ok(format!("{name}({})", dispatch::repr_of(l.get())?))
    })();
    repr_leave(d);
    r
}
