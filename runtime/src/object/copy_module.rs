//! `copy`: CPython 3.11's `Lib/copy.py` — `copy` and `deepcopy` — native in the runtime, as
//! function objects with native bodies (`function::native_function`), like CPython's Python
//! functions.
//!
//! Relies on: `attrs` (the protocol methods a class defines: `__copy__`, `__deepcopy__`,
//! `__getstate__`, `__setstate__`, `__reduce_ex__`), `instance` (a new instance, its `__dict__`
//! and slots), `dict`/`list`/`tuple`/`set` for the builtin containers, `builtins_num::id` for
//! the memo's keys (`id(x)`, as `copy.py` keys it).
//!
//! Provides: [`fill`].
//!
//! Invariants: the dispatch is `copy.py`'s, in its order: the atomic types (None, bool, int,
//! float, str, functions, classes, `range`, …) are their own copies; exact lists, dicts and sets
//! are copied by their `copy()` (deep: element by element, the new container in the memo
//! before its items are copied, so cycles come out as cycles); exact tuples are rebuilt only
//! when an item's copy differs; a class's `__copy__`/`__deepcopy__` is called; otherwise the
//! object is rebuilt as `object.__reduce_ex__(4)` describes it — `cls.__new__(cls)`, then its
//! state (`__getstate__()` or its `__dict__` and slots; deep-copied for `deepcopy`) given to
//! `__setstate__` or stored into the new object — and exceptions as `cls(*args)` plus their
//! `__dict__`. The runtime's own containers (`collections`' types, dict and tuple subtypes)
//! are copied through their `copy()` and refilled with deep copies. Differences: a class's own
//! `__reduce_ex__`/`__reduce__` is not called (`copy.Error` and `copyreg` are not provided).

use alloc::format;
use alloc::vec::Vec;

use super::range::Owned;
use super::types::{TYPE_OBJECT, as_type};
use super::{Obj, attrs, callable, class, dict, list, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::{AttributeError, TypeError};
use crate::exceptions::{MoltResult, fail, value_or_raise};

/// Fills the module's namespace.
pub fn fill(d: Obj) -> MoltResult<()> {
    let none = singletons::none();
    let nil = Owned(list::new_list(0)?);
    let copy = super::function::native_function(entry_copy, "copy", "copy", &["x"], &[], false, false)?;
    super::module::store_owned(d, "copy", Ok(copy))?;
    let deep = super::function::native_function(entry_deepcopy, "deepcopy", "copy", &["x", "memo", "_nil"], &[none, nil.get()], false, false)?;
    super::module::store_owned(d, "deepcopy", Ok(deep))
}

unsafe extern "C" fn entry_copy(f: Obj, args: *const Obj, _depth: i64) -> Obj {
    // SAFETY: the words `call_raw` passed.
    value_or_raise(match unsafe { super::function::bound_args(f, args) } {
        &[x] => copy(x),
        _ => fail(TypeError, "copy() received bad arguments (a runtime bug)"),
    })
}

unsafe extern "C" fn entry_deepcopy(f: Obj, args: *const Obj, _depth: i64) -> Obj {
    // SAFETY: the words `call_raw` passed.
    value_or_raise(match unsafe { super::function::bound_args(f, args) } {
        &[x, memo, _] => {
            let memo = if singletons::is_none(memo) { dict::new_dict().map(Owned) } else { Ok(Owned(new_ref(memo))) };
            memo.and_then(|m| deepcopy(x, m.get()))
        }
        _ => fail(TypeError, "deepcopy() received bad arguments (a runtime bug)"),
    })
}

/// `o.name(*args)` (a new reference).
fn call_method(o: Obj, name: &str, args: &[Obj]) -> MoltResult<Obj> {
    let m = Owned(attrs::getattr(o, name)?);
    callable::call_object(m.get(), args, &[])
}

/// The copier a heap class defines itself (`__copy__`, `__deepcopy__`, …), if any.
fn own_method(o: Obj, name: &str) -> Option<Owned> {
    let t = o.type_of();
    if !class::is_heap(t) {
        return None;
    }
    match class::find(t, name, |_| false) {
        Some(class::Found::Value(f)) => Some(f),
        Some(class::Found::Static(_)) | None => None,
    }
}

/// The `__copy__` / `__deepcopy__` a runtime type defines in its method table (`re.Pattern`,
/// `re.Match`: CPython's C types that copy themselves).
fn static_copier(x: Obj, name: &str) -> Option<super::types::MethodFn> {
    x.type_of().mro().find_map(|t| t.methods.iter().find(|m| m.name == name).map(|m| m.call))
}

/// Whether `x` is its own copy (`copy.py`'s `_copy_immutable` / `_deepcopy_atomic` types).
fn atomic(x: Obj) -> bool {
    if singletons::is_none(x) || singletons::is_bool(x) || super::int::is_int(x) || super::float::float_value(x).is_some() || pystr::str_text(x).is_some() {
        return true;
    }
    if as_type(x).is_some() || super::function::is_function(x) || super::module::module_dict(x).is_some() {
        return true;
    }
    let t = x.type_of();
    matches!(t.short_name(), "range" | "bytes" | "builtin_function_or_method" | "NotImplementedType" | "ellipsis" | "property" | "code")
}

/// `copy.copy(x)`.
fn copy(x: Obj) -> MoltResult<Obj> {
    let t = x.type_of();
    if atomic(x) || tuple::is_exact_tuple(x) || t.short_name() == "frozenset" && !class::is_heap(t) {
        return Ok(new_ref(x));
    }
    if let Some(f) = own_method(x, "__copy__") {
        return super::descr::call_unbound(f.get(), x, &[], &[]);
    }
    if !class::is_heap(t) {
        if let Some(f) = static_copier(x, "__copy__") {
            return f(x, &[], &[]);
        }
        // The builtin containers and the runtime's own types copy themselves.
        if tuple::is_tuple(x) {
            let items = tuple::tuple_items(x).unwrap_or(&[]);
            let cls = Owned(attrs::class_value(t));
            return callable::call_object(cls.get(), items, &[]);
        }
        return match call_method(x, "copy", &[]) {
            Err(e) if e.kind == AttributeError => fail(TypeError, format!("cannot copy a '{}' object (copy.Error: un(shallow)copyable object)", t.name)),
            r => r,
        };
    }
    reconstruct(x, None)
}

/// `copy.deepcopy(x, memo)`.
fn deepcopy(x: Obj, memo: Obj) -> MoltResult<Obj> {
    let key = Owned(super::builtins_num::id(x)?);
    if let Some(y) = dict::get_item(memo, key.get())? {
        return Ok(y);
    }
    let t = x.type_of();
    let y = if atomic(x) {
        Owned(new_ref(x))
    } else if let Some(f) = own_method(x, "__deepcopy__") {
        Owned(super::descr::call_unbound(f.get(), x, &[memo], &[])?)
    } else if class::is_heap(t) {
        Owned(reconstruct(x, Some(memo))?)
    } else if tuple::is_tuple(x) {
        let items = tuple::tuple_items(x).unwrap_or(&[]);
        let mut copies: Vec<Owned> = Vec::with_capacity(items.len());
        for &i in items {
            copies.push(Owned(deepcopy(i, memo)?));
        }
        // A tuple that contains itself (through a list) was copied meanwhile.
        if let Some(y) = dict::get_item(memo, key.get())? {
            return Ok(y);
        }
        if tuple::is_exact_tuple(x) && copies.iter().zip(items).all(|(c, &i)| c.get().is(i)) {
            Owned(new_ref(x))
        } else {
            let words: Vec<Obj> = copies.iter().map(|c| c.get()).collect();
            if tuple::is_exact_tuple(x) {
                Owned(tuple::tuple_from_slice(&words)?)
            } else {
                let cls = Owned(attrs::class_value(t));
                Owned(callable::call_object(cls.get(), &words, &[])?)
            }
        }
    } else if list::is_list(x) {
        let y = Owned(list::new_list(0)?);
        dict::set_item(memo, key.get(), y.get())?;
        for item in list::Released(list::items_vec(x)?).0.iter() {
            let c = Owned(deepcopy(*item, memo)?);
            list::append(y.get(), c.get())?;
        }
        y
    } else if dict::is_dict(x) {
        // A dict or one of the runtime's dict types: an empty copy of the same type, refilled.
        let y = Owned(call_method(x, "copy", &[])?);
        dict::clear(y.get());
        dict::set_item(memo, key.get(), y.get())?;
        for (k, v, _) in dict::items_vec(x)?.into_iter().map(|(k, v, h)| (Owned(k), Owned(v), h)) {
            let (kc, vc) = (Owned(deepcopy(k.get(), memo)?), Owned(deepcopy(v.get(), memo)?));
            dict::set_item(y.get(), kc.get(), vc.get())?;
        }
        y
    } else if super::set::is_anyset(x) {
        let items = Owned(list::list_from_iter(x)?);
        let copies = Owned(list::new_list(0)?);
        for item in list::Released(list::items_vec(items.get())?).0.iter() {
            let c = Owned(deepcopy(*item, memo)?);
            list::append(copies.get(), c.get())?;
        }
        let cls = Owned(attrs::class_value(t));
        Owned(callable::call_object(cls.get(), &[copies.get()], &[])?)
    } else if let Some(f) = static_copier(x, "__deepcopy__") {
        Owned(f(x, &[memo], &[])?)
    } else {
        // The runtime's other containers (`deque`): an empty copy refilled with deep copies.
        let y = match call_method(x, "copy", &[]) {
            Err(e) if e.kind == AttributeError => return fail(TypeError, format!("cannot deep-copy a '{}' object (copy.Error: un(deep)copyable object)", t.name)),
            r => Owned(r?),
        };
        drop(Owned(call_method(y.get(), "clear", &[])?));
        dict::set_item(memo, key.get(), y.get())?;
        let items = Owned(list::list_from_iter(x)?);
        for item in list::Released(list::items_vec(items.get())?).0.iter() {
            let c = Owned(deepcopy(*item, memo)?);
            drop(Owned(call_method(y.get(), "append", &[c.get()])?));
        }
        y
    };
    if !y.get().is(x) {
        dict::set_item(memo, key.get(), y.get())?;
        keep_alive(x, memo)?;
    }
    Ok(y.release())
}

/// `_keep_alive`: `memo[id(memo)]` (a list) holds `x`, so that no id the memo keys is reused
/// by another object while the memo lives.
fn keep_alive(x: Obj, memo: Obj) -> MoltResult<()> {
    let key = Owned(super::builtins_num::id(memo)?);
    match dict::get_item(memo, key.get())? {
        Some(l) => {
            let l = Owned(l);
            list::append(l.get(), x)
        }
        None => {
            let l = Owned(list::list_from_vec(alloc::vec![new_ref(x)])?);
            dict::set_item(memo, key.get(), l.get())
        }
    }
}


/// `_reconstruct(x, memo, *x.__reduce_ex__(4))` for an instance of a heap class: a new object of
/// its class (`cls.__new__(cls)`, or `cls(*args)` for an exception), in the memo before its
/// state (deep-copied when `memo` is given) is set.
fn reconstruct(x: Obj, memo: Option<Obj>) -> MoltResult<Obj> {
    let t = x.type_of();
    let cls = Owned(attrs::class_value(t));
    let y = if super::exception::is_exception(x) {
        let args = super::exception::args(x).to_vec();
        let args: Vec<Owned> = match memo {
            Some(m) => args.iter().map(|&a| deepcopy(a, m).map(Owned)).collect::<MoltResult<Vec<Owned>>>()?,
            None => args.iter().map(|&a| Owned(new_ref(a))).collect(),
        };
        let words: Vec<Obj> = args.iter().map(Owned::get).collect();
        Owned(callable::call_object(cls.get(), &words, &[])?)
    } else {
        // `reduce_newobj`: `cls.__new__(cls, *x.__getnewargs__())` (a tuple subclass's
        // arguments, deep-copied for `deepcopy`), `cls.__new__(cls)` for the others.
        let mut words: Vec<Obj> = alloc::vec![cls.get()];
        let args = match tuple::is_tuple(x) {
            true => Some(Owned(call_method(x, "__getnewargs__", &[])?)),
            false => None,
        };
        let args = match (args, memo) {
            (Some(a), Some(m)) => Some(Owned(deepcopy(a.get(), m)?)),
            (a, _) => a,
        };
        if let Some(a) = &args {
            let Some(items) = tuple::tuple_items(a.get()) else {
                return fail(TypeError, format!("__getnewargs__ should return a tuple, not '{}'", a.get().type_of().name));
            };
            words.extend_from_slice(items);
        }
        let new = Owned(attrs::getattr(cls.get(), "__new__")?);
        Owned(callable::call_object(new.get(), &words, &[])?)
    };
    if let Some(m) = memo {
        let key = Owned(super::builtins_num::id(x)?);
        dict::set_item(m, key.get(), y.get())?;
    }
    // The state: `__getstate__()` when the class defines it, else the `__dict__` (or None when
    // empty) and the slots' values.
    let state = match own_method(x, "__getstate__") {
        Some(f) => Owned(super::descr::call_unbound(f.get(), x, &[], &[])?),
        None => default_state(x)?,
    };
    if singletons::is_none(state.get()) {
        return Ok(y.release());
    }
    let state = match memo {
        Some(m) => Owned(deepcopy(state.get(), m)?),
        None => state,
    };
    if let Some(f) = own_method(y.get(), "__setstate__") {
        drop(Owned(super::descr::call_unbound(f.get(), y.get(), &[state.get()], &[])?));
        return Ok(y.release());
    }
    let (d, slots) = match tuple::tuple_items(state.get()) {
        Some(&[d, s]) => (d, Some(s)),
        _ => (state.get(), None),
    };
    if dict::is_dict(d) {
        for (k, v, _) in dict::items_vec(d)?.into_iter().map(|(k, v, h)| (Owned(k), Owned(v), h)) {
            attrs::setattr(y.get(), k.get(), Some(v.get()))?;
        }
    }
    if let Some(s) = slots.filter(|s| dict::is_dict(*s)) {
        for (k, v, _) in dict::items_vec(s)?.into_iter().map(|(k, v, h)| (Owned(k), Owned(v), h)) {
            attrs::setattr(y.get(), k.get(), Some(v.get()))?;
        }
    }
    Ok(y.release())
}

/// `object.__getstate__()` of an instance: its `__dict__` (None when empty), paired with a dict
/// of its `__slots__` values when its class has slots.
fn default_state(x: Obj) -> MoltResult<Owned> {
    let t = x.type_of();
    let d = match attrs::getattr(x, "__dict__") {
        Ok(d) if dict::is_dict(d) && dict::dict_len(d) > 0 => Owned(d),
        Ok(d) => {
            drop(Owned(d));
            Owned(singletons::none())
        }
        Err(e) if e.kind == AttributeError => Owned(singletons::none()),
        Err(e) => return Err(e),
    };
    let mut slot_names: Vec<&str> = Vec::new();
    for c in class::mro(t) {
        if c.is(&TYPE_OBJECT) {
            continue;
        }
        for name in class::own_slot_names(c) {
            if !slot_names.contains(&name) {
                slot_names.push(name);
            }
        }
    }
    if slot_names.is_empty() {
        return Ok(d);
    }
    let slots = Owned(dict::new_dict()?);
    for name in slot_names {
        match attrs::getattr(x, name) {
            Ok(v) => {
                let v = Owned(v);
                super::module::store(slots.get(), name, v.get())?;
            }
            Err(e) if e.kind == AttributeError => {}
            Err(e) => return Err(e),
        }
    }
    if dict::dict_len(slots.get()) == 0 {
        return Ok(d);
    }
    Ok(Owned(tuple::tuple_from_slice(&[d.get(), slots.get()])?))
}
