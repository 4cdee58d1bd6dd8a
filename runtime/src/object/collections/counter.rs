//! `collections.Counter`: CPython 3.11's class from `Lib/collections/__init__.py`, written
//! against the runtime's dict (with `_collections._count_elements` for counting an iterable).
//!
//! Relies on: `dict` (a Counter is a dict of kind `HeapKind::DictExt`, its extra word unused:
//! None), `dispatch` (the arithmetic and comparisons of the counts, which may be any objects),
//! `list_sort::sort_by_keys` (`most_common`: `sorted(items, key=itemgetter(1), reverse=True)`),
//! `itertools` (`elements()` is `chain.from_iterable(starmap(repeat, items))`, as in CPython).
//!
//! Provides: [`TYPE_COUNTER`] with the class's methods and operators.
//!
//! Invariants: every operation does what the Python source does, in its order (which count is
//! on the left of `+`, which keys are visited first), so results, orders and errors are
//! CPython's. Loops over a Counter's own items read a snapshot of them (new references) before
//! running code that may change it. The type's `tp_name` is `Counter` and its module
//! `collections`, as for a class defined in Python.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::super::dict;
use super::super::range::Owned;
use super::super::types::{MethodDef, NumberSlots, OpSet, TypeObject};
use super::super::{Obj, callable, dispatch, new_ref, singletons, tuple};
use crate::ExceptionKind::TypeError;
use crate::exceptions::{MoltResult, fail};
use crate::{BinaryOp, CompareOp, UnaryOp};

static COUNTER_NUMBER: NumberSlots = NumberSlots {
    binary: Some(counter_binary),
    binary_ops: OpSet::binary(&[BinaryOp::Add, BinaryOp::Sub, BinaryOp::Or, BinaryOp::And]),
    unary: Some(counter_unary),
    unary_ops: OpSet::unary(&[UnaryOp::Pos, UnaryOp::Neg]),
    inplace: Some(counter_inplace),
    inplace_ops: OpSet::binary(&[BinaryOp::Add, BinaryOp::Sub, BinaryOp::Or, BinaryOp::And]),
    ..NumberSlots::EMPTY
};

static COUNTER_METHODS: &[MethodDef] = &[
    MethodDef { name: "most_common", call: m_most_common },
    MethodDef { name: "elements", call: m_elements },
    MethodDef { name: "total", call: m_total },
    MethodDef { name: "update", call: m_update },
    MethodDef { name: "subtract", call: m_subtract },
    MethodDef { name: "copy", call: m_copy },
    MethodDef { name: "__missing__", call: m_missing },
];

/// `collections.Counter`.
pub static TYPE_COUNTER: TypeObject = TypeObject {
    ext: Some(&super::super::types::TypeExt { module: "collections", ..super::super::types::TypeExt::EMPTY }),
    new: Some(counter_new),
    number: Some(&COUNTER_NUMBER),
    richcompare: Some(counter_richcompare),
    repr: Some(counter_repr),
    subscript: Some(counter_subscript),
    ass_subscript: Some(counter_ass_subscript),
    heap: Some(super::super::alloc::HeapKind::DictExt),
    methods: COUNTER_METHODS,
    class_functions: &[],
    ..TypeObject::new("Counter", &dict::molt_type_dict)
};

fn is_counter(o: Obj) -> bool {
    o.type_of().is(&TYPE_COUNTER)
}

fn new_counter() -> MoltResult<Obj> {
    super::super::dict_ext::new_dict_ext(&TYPE_COUNTER, singletons::none())
}

fn zero() -> Obj {
    Obj::small(0).unwrap_or_default()
}

/// The items of dict `d` as new references, in order (a snapshot).
fn items(d: Obj) -> Vec<(Owned, Owned)> {
    let mut out = Vec::new();
    for i in 0..dict::nentries(d) {
        if let Some((k, v, _)) = dict::entry_at(d, i) {
            out.push((Owned(new_ref(k)), Owned(new_ref(v))));
        }
    }
    out
}

/// `self.get(elem, 0)` (dict's `get`: no `__missing__`).
fn get0(d: Obj, key: Obj) -> MoltResult<Obj> {
    Ok(dict::get_item(d, key)?.unwrap_or_else(zero))
}

/// A Python function's count error: "Counter.update() takes from 1 to 2 positional arguments
/// but 3 were given".
fn one_optional(name: &str, pos: &[Obj]) -> MoltResult<Option<Obj>> {
    match pos {
        [] => Ok(None),
        [x] => Ok(Some(*x).filter(|&x| !singletons::is_none(x))),
        _ => fail(
            TypeError,
            format!("Counter.{name}() takes from 1 to 2 positional arguments but {} were given", pos.len() + 1),
        ),
    }
}

/// A Python method `def name(self)`: "Counter.total() takes 1 positional argument but 2 were
/// given", "Counter.total() got an unexpected keyword argument 'x'".
fn py_no_args(name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<()> {
    if !pos.is_empty() {
        return fail(
            TypeError,
            format!("Counter.{name}() takes 1 positional argument but {} were given", pos.len() + 1),
        );
    }
    match kw.first() {
        Some((k, _)) => fail(TypeError, format!("Counter.{name}() got an unexpected keyword argument '{k}'")),
        None => Ok(()),
    }
}

/// The keywords as a new dict (`**kwds`).
fn kw_dict(kw: &[(&str, Obj)]) -> MoltResult<Owned> {
    let d = Owned(dict::new_dict()?);
    for &(k, v) in kw {
        let key = Owned(super::super::str::str_from_text(k)?);
        dict::set_item(d.get(), key.get(), v)?;
    }
    Ok(d)
}

/// `Counter.update(iterable=None, /, **kwds)`.
fn update(c: Obj, iterable: Option<Obj>, kw: &[(&str, Obj)]) -> MoltResult<()> {
    if let Some(it) = iterable {
        if dict::is_dict(it) {
            if dict::dict_len(c) > 0 {
                for (k, v) in items(it) {
                    let old = Owned(get0(c, k.get())?);
                    let n = Owned(dispatch::binary_op(BinaryOp::Add, v.get(), old.get())?);
                    dict::set_item(c, k.get(), n.get())?;
                }
            } else {
                dict::update_arg(c, it)?;
            }
        } else {
            count_elements(c, it)?;
        }
    }
    if !kw.is_empty() {
        let k = kw_dict(kw)?;
        update(c, Some(k.get()), &[])?;
    }
    Ok(())
}

/// `_count_elements(mapping, iterable)`: `mapping[x] = mapping.get(x, 0) + 1` for each `x`.
fn count_elements(c: Obj, iterable: Obj) -> MoltResult<()> {
    let it = Owned(super::super::iter::get_iter(iterable)?);
    let one = Obj::small(1).unwrap_or_default();
    while let Some(x) = super::super::iter::iter_next(it.get())? {
        let x = Owned(x);
        let n = match dict::get_item(c, x.get())? {
            None => one,
            Some(old) => {
                let old = Owned(old);
                dispatch::binary_op(BinaryOp::Add, old.get(), one)?
            }
        };
        let n = Owned(n);
        dict::set_item(c, x.get(), n.get())?;
    }
    Ok(())
}

/// `Counter.subtract(iterable=None, /, **kwds)`.
fn subtract(c: Obj, iterable: Option<Obj>, kw: &[(&str, Obj)]) -> MoltResult<()> {
    if let Some(it) = iterable {
        if dict::is_dict(it) {
            for (k, v) in items(it) {
                let old = Owned(get0(c, k.get())?);
                let n = Owned(dispatch::binary_op(BinaryOp::Sub, old.get(), v.get())?);
                dict::set_item(c, k.get(), n.get())?;
            }
        } else {
            let iter = Owned(super::super::iter::get_iter(it)?);
            let one = Obj::small(1).unwrap_or_default();
            while let Some(x) = super::super::iter::iter_next(iter.get())? {
                let x = Owned(x);
                let old = Owned(get0(c, x.get())?);
                let n = Owned(dispatch::binary_op(BinaryOp::Sub, old.get(), one)?);
                dict::set_item(c, x.get(), n.get())?;
            }
        }
    }
    if !kw.is_empty() {
        let k = kw_dict(kw)?;
        subtract(c, Some(k.get()), &[])?;
    }
    Ok(())
}

/// `Counter(iterable=None, /, **kwds)`.
fn counter_new(_t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let iterable = one_optional("__init__", pos)?;
    let c = Owned(new_counter()?);
    update(c.get(), iterable, kw)?;
    Ok(c.release())
}

fn m_update(c: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    update(c, one_optional("update", pos)?, kw)?;
    Ok(singletons::none())
}

fn m_subtract(c: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    subtract(c, one_optional("subtract", pos)?, kw)?;
    Ok(singletons::none())
}

/// `copy()`: `self.__class__(self)`.
fn m_copy(c: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    py_no_args("copy", pos, kw)?;
    let n = Owned(new_counter()?);
    update(n.get(), Some(c), &[])?;
    Ok(n.release())
}

fn m_missing(c: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::super::call::exactly_one(c, "__missing__", pos, kw)?;
    Ok(zero())
}

/// `total()`: `sum(self.values())`.
fn m_total(c: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    py_no_args("total", pos, kw)?;
    let values: Vec<Obj> = items(c).into_iter().map(|(_, v)| v.release()).collect();
    let l = Owned(super::super::list::list_from_vec(values)?);
    super::super::builtins_iter::sum(l.get(), zero())
}

/// The items sorted by count, largest first, ties in insertion order (`sorted(self.items(),
/// key=itemgetter(1), reverse=True)`), as a list of pairs.
fn most_common(c: Obj) -> MoltResult<Vec<Obj>> {
    let snapshot = items(c);
    let mut pairs = Vec::new();
    let mut keys = Vec::new();
    for (k, v) in &snapshot {
        keys.push(v.get());
        match tuple::tuple_from_slice(&[k.get(), v.get()]) {
            Ok(t) => pairs.push(t),
            Err(e) => {
                super::super::list::release(pairs);
                return Err(e);
            }
        }
    }
    if let Err(e) = super::super::list_sort::sort_by_keys(&mut pairs, &keys, true) {
        super::super::list::release(pairs);
        return Err(e);
    }
    Ok(pairs)
}

/// `most_common(n=None)`: `heapq.nlargest(n, …)` for an int `n` is the first `n` of the
/// sorted items (none for `n <= 0`).
fn m_most_common(c: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let n = match (pos, kw) {
        ([], []) => None,
        ([n], []) | ([], [("n", n)]) => Some(*n),
        ([_], [("n", _)]) => return fail(TypeError, "Counter.most_common() got multiple values for argument 'n'"),
        (_, [(k, _), ..]) if *k != "n" => {
            return fail(TypeError, format!("Counter.most_common() got an unexpected keyword argument '{k}'"));
        }
        _ => {
            return fail(
                TypeError,
                format!("Counter.most_common() takes from 1 to 2 positional arguments but {} were given", pos.len() + 1),
            );
        }
    };
    let mut pairs = most_common(c)?;
    if let Some(n) = n.filter(|&n| !singletons::is_none(n)) {
        // `heapq.nlargest(n, …)`: `sorted(…)[:n]` when `n >= len`, else a heap of `range(n)`.
        let size = Owned(super::super::int::from_i64(pairs.len() as i64)?);
        let all = match dispatch::rich_compare_bool(CompareOp::Ge, n, size.get()) {
            Ok(b) => b,
            Err(e) => {
                super::super::list::release(pairs);
                return Err(e);
            }
        };
        let keep = match dispatch::as_index(n, TypeError) {
            Ok(Some(k)) => usize::try_from(k).unwrap_or(0),
            Ok(None) => {
                super::super::list::release(pairs);
                return fail(
                    TypeError,
                    if all {
                        String::from("slice indices must be integers or None or have an __index__ method")
                    } else {
                        format!("'{}' object cannot be interpreted as an integer", n.type_of().name)
                    },
                );
            }
            Err(e) => {
                super::super::list::release(pairs);
                return Err(e);
            }
        };
        if keep < pairs.len() {
            let rest = pairs.split_off(keep);
            super::super::list::release(rest);
        }
    }
    super::super::list::list_from_vec(pairs)
}

/// `elements()`: `chain.from_iterable(starmap(repeat, self.items()))`.
fn m_elements(c: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    py_no_args("elements", pos, kw)?;
    use super::super::itertools::{TYPE_CHAIN, TYPE_REPEAT, TYPE_STARMAP};
    let view = Owned(super::super::call::call_method(c, "items", &[], &[])?);
    let repeat = Owned(super::super::attrs::class_value(&TYPE_REPEAT));
    let starmap = Owned(super::super::attrs::class_value(&TYPE_STARMAP));
    let pairs = Owned(callable::call_object(starmap.get(), &[repeat.get(), view.get()], &[])?);
    let chain = Owned(super::super::attrs::class_value(&TYPE_CHAIN));
    super::super::call::call_method(chain.get(), "from_iterable", &[pairs.get()], &[])
}

/// `self[elem]`: 0 for a missing element (`__missing__`), not stored.
fn counter_subscript(c: Obj, key: Obj) -> MoltResult<Obj> {
    Ok(dict::get_item(c, key)?.unwrap_or_else(zero))
}

/// `self[elem] = n`; `del self[elem]` ignores a missing element.
fn counter_ass_subscript(c: Obj, key: Obj, value: Option<Obj>) -> MoltResult<()> {
    match value {
        Some(v) => dict::set_item(c, key, v),
        None if dict::get_item(c, key)?.map(Owned).is_some() => dict::del_item(c, key),
        None => Ok(()),
    }
}

/// `all(self[e] OP other[e] for c in (self, other) for e in c)`.
fn all_counts(v: Obj, w: Obj, op: CompareOp) -> MoltResult<bool> {
    for side in [v, w] {
        for (k, _) in items(side) {
            let a = Owned(dispatch::getitem(v, k.get())?);
            let b = Owned(dispatch::getitem(w, k.get())?);
            if !dispatch::rich_compare_bool(op, a.get(), b.get())? {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// `__eq__`, `__ne__`, `__le__`, `__lt__`, `__ge__`, `__gt__` (multiset comparisons; other
/// operands are NotImplemented).
fn counter_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if !is_counter(v) || !is_counter(w) {
        return Ok(singletons::not_implemented());
    }
    let r = match op {
        CompareOp::Eq => all_counts(v, w, CompareOp::Eq)?,
        CompareOp::Ne => !all_counts(v, w, CompareOp::Eq)?,
        CompareOp::Le => all_counts(v, w, CompareOp::Le)?,
        CompareOp::Ge => all_counts(v, w, CompareOp::Ge)?,
        CompareOp::Lt => all_counts(v, w, CompareOp::Le)? && !all_counts(v, w, CompareOp::Eq)?,
        CompareOp::Gt => all_counts(v, w, CompareOp::Ge)? && !all_counts(v, w, CompareOp::Eq)?,
    };
    Ok(singletons::bool_obj(r))
}

/// `n > 0` / `n < 0` for a count.
fn sign_test(n: Obj, op: CompareOp) -> MoltResult<bool> {
    dispatch::rich_compare_bool(op, n, zero())
}

/// `+`, `-`, `|`, `&` of two Counters (a new Counter of the positive results).
fn counter_binary(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if !is_counter(v) || !is_counter(w) {
        return Ok(singletons::not_implemented());
    }
    let result = Owned(new_counter()?);
    let r = result.get();
    for (k, count) in items(v) {
        let other = Owned(dispatch::getitem(w, k.get())?);
        let n = match op {
            BinaryOp::Add => Some(Owned(dispatch::binary_op(BinaryOp::Add, count.get(), other.get())?)),
            BinaryOp::Sub => Some(Owned(dispatch::binary_op(BinaryOp::Sub, count.get(), other.get())?)),
            BinaryOp::Or => {
                let less = dispatch::rich_compare_bool(CompareOp::Lt, count.get(), other.get())?;
                Some(if less { other } else { count })
            }
            BinaryOp::And => {
                let less = dispatch::rich_compare_bool(CompareOp::Lt, count.get(), other.get())?;
                Some(if less { count } else { other })
            }
            BinaryOp::TrueDiv
            | BinaryOp::FloorDiv
            | BinaryOp::Mod
            | BinaryOp::Pow
            | BinaryOp::Mul
            | BinaryOp::LShift
            | BinaryOp::RShift
            | BinaryOp::Xor => None,
        };
        if let Some(n) = n
            && sign_test(n.get(), CompareOp::Gt)?
        {
            dict::set_item(r, k.get(), n.get())?;
        }
    }
    if op != BinaryOp::And {
        for (k, count) in items(w) {
            if dict::get_item(v, k.get())?.map(Owned).is_some() {
                continue;
            }
            if op == BinaryOp::Sub {
                if sign_test(count.get(), CompareOp::Lt)? {
                    let n = Owned(dispatch::binary_op(BinaryOp::Sub, zero(), count.get())?);
                    dict::set_item(r, k.get(), n.get())?;
                }
            } else if sign_test(count.get(), CompareOp::Gt)? {
                dict::set_item(r, k.get(), count.get())?;
            }
        }
    }
    Ok(result.release())
}

/// `+c` (the positive counts) and `-c` (the negated negative ones).
fn counter_unary(op: UnaryOp, v: Obj) -> MoltResult<Obj> {
    let result = Owned(new_counter()?);
    for (k, count) in items(v) {
        if op == UnaryOp::Pos {
            if sign_test(count.get(), CompareOp::Gt)? {
                dict::set_item(result.get(), k.get(), count.get())?;
            }
        } else if sign_test(count.get(), CompareOp::Lt)? {
            let n = Owned(dispatch::binary_op(BinaryOp::Sub, zero(), count.get())?);
            dict::set_item(result.get(), k.get(), n.get())?;
        }
    }
    Ok(result.release())
}

/// `_keep_positive`: deletes the elements whose count is not `> 0`.
fn keep_positive(c: Obj) -> MoltResult<Obj> {
    let mut drop = Vec::new();
    for (k, count) in items(c) {
        if !sign_test(count.get(), CompareOp::Gt)? {
            drop.push(k);
        }
    }
    for k in drop {
        dict::del_item(c, k.get())?;
    }
    Ok(new_ref(c))
}

/// `+=`, `-=`, `|=`, `&=` (in place, then `_keep_positive`).
fn counter_inplace(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if !is_counter(v) || !is_counter(w) {
        return Ok(singletons::not_implemented());
    }
    match op {
        BinaryOp::Add | BinaryOp::Sub => {
            for (k, count) in items(w) {
                let old = Owned(dispatch::getitem(v, k.get())?);
                let n = Owned(dispatch::binary_op(op, old.get(), count.get())?);
                dict::set_item(v, k.get(), n.get())?;
            }
        }
        BinaryOp::Or => {
            for (k, other) in items(w) {
                let count = Owned(dispatch::getitem(v, k.get())?);
                if dispatch::rich_compare_bool(CompareOp::Gt, other.get(), count.get())? {
                    dict::set_item(v, k.get(), other.get())?;
                }
            }
        }
        BinaryOp::And => {
            for (k, count) in items(v) {
                let other = Owned(dispatch::getitem(w, k.get())?);
                if dispatch::rich_compare_bool(CompareOp::Lt, other.get(), count.get())? {
                    dict::set_item(v, k.get(), other.get())?;
                }
            }
        }
        BinaryOp::TrueDiv
        | BinaryOp::FloorDiv
        | BinaryOp::Mod
        | BinaryOp::Pow
        | BinaryOp::Mul
        | BinaryOp::LShift
        | BinaryOp::RShift
        | BinaryOp::Xor => return Ok(singletons::not_implemented()),
    }
    keep_positive(v)
}

/// `Counter()`, else `Counter({…})` with the items in `most_common()` order (insertion order
/// when the counts cannot be ordered).
fn counter_repr(c: Obj) -> MoltResult<String> {
    let name = c.type_of().short_name();
    if dict::dict_len(c) == 0 {
        return Ok(format!("{name}()"));
    }
    let d = Owned(dict::new_dict()?);
    match most_common(c) {
        Ok(pairs) => {
            let l = Owned(super::super::list::list_from_vec(pairs)?);
            dict::update_arg(d.get(), l.get())?;
        }
        Err(e) if e.kind == TypeError => dict::update_arg(d.get(), c)?,
        Err(e) => return Err(e),
    }
    Ok(format!("{name}({})", dispatch::repr_of(d.get())?))
}
