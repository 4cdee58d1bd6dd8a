//! The methods of `dict`: clear, copy, get, items, keys, values, pop, popitem, setdefault,
//! update; the classmethod `fromkeys` (reached from the class through a hook that
//! `molt_enable_dict_fromkeys` sets); `molt_dict_update`, the `**` items of a dict display.
//!
//! Relies on: `dict` for the table primitives; `dict_views` for the views; `call` for the
//! argument checks (`METH_NOARGS`, `METH_FASTCALL` with Argument Clinic's
//! `_PyArg_CheckPositional`, `update`'s `PyArg_UnpackTuple`). The references are CPython
//! 3.11's `Objects/dictobject.c` (`dict_get_impl`, `dict_setdefault_impl`, `dict_pop_impl`,
//! `_PyDict_Pop`, `dict_popitem_impl`, `dict_update`, `dict_update_common`, `PyDict_Copy`,
//! `PyDict_Clear`) and `Objects/clinic/dictobject.c.h` for the argument errors.
//!
//! Provides: [`DICT_METHODS`], the method table of `molt_type_dict`.
//!
//! Invariants: each method returns a new reference; a method that raises leaves the dict as
//! CPython would (`update` keeps what it merged before the error).

use super::call::{check_positional, no_args, no_keywords};
use super::types::MethodDef;
use super::{Obj, decref, dict, dict_views, dispatch, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::KeyError;
use crate::exceptions::{MoltResult, fail, key_error};

type Kw<'a, 'b> = &'a [(&'b str, Obj)];

/// `dict.clear()`.
fn clear(d: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(d, "clear", pos, kw)?;
    dict::clear(d);
    Ok(singletons::none())
}

/// `dict.copy()`.
fn copy(d: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(d, "copy", pos, kw)?;
    dict::copy(d)
}

/// `dict.get(key, default=None)`.
fn get(d: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_keywords(d, "get", kw)?;
    check_positional("get", pos.len(), 1, 2)?;
    match dict::get_item(d, pos[0])? {
        Some(v) => Ok(v),
        None => Ok(new_ref(
            pos.get(1).copied().unwrap_or_else(singletons::none),
        )),
    }
}

/// `dict.setdefault(key, default=None)`.
fn setdefault(d: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_keywords(d, "setdefault", kw)?;
    check_positional("setdefault", pos.len(), 1, 2)?;
    let key = pos[0];
    let hash = dispatch::hash(key)?;
    if let Some(v) = dict::get_known_hash(d, key, hash)? {
        return Ok(new_ref(v));
    }
    let default = pos.get(1).copied().unwrap_or_else(singletons::none);
    dict::insert(d, key, hash, default)?;
    Ok(new_ref(default))
}

/// `dict.pop(key[, default])` (`_PyDict_Pop`: an empty dict does not hash the key).
fn pop(d: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_keywords(d, "pop", kw)?;
    check_positional("pop", pos.len(), 1, 2)?;
    let (key, default) = (pos[0], pos.get(1).copied());
    let found = if dict::dict_len(d) == 0 {
        None
    } else {
        let hash = dispatch::hash(key)?;
        dict::pop_known_hash(d, key, hash)?
    };
    match (found, default) {
        (Some(v), _) => Ok(v),
        (None, Some(x)) => Ok(new_ref(x)),
        (None, None) => key_error(key),
    }
}

/// `dict.popitem()`: the last item as a pair (LIFO); KeyError "popitem(): dictionary is empty".
fn popitem(d: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(d, "popitem", pos, kw)?;
    match dict::pop_last(d) {
        Some((k, v)) => tuple::tuple_from_vec(alloc::vec![k, v]),
        None => fail(KeyError, "popitem(): dictionary is empty"),
    }
}

/// `dict.update([other], **kwargs)`.
fn update(d: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    check_positional("update", pos.len(), 0, 1)?;
    if let Some(&arg) = pos.first() {
        dict::update_arg(d, arg)?;
    }
    for &(name, value) in kw {
        let k = pystr::str_from_text(name)?;
        let r = dict::set_item(d, k, value);
        // SAFETY: `str_from_text` returned a new reference.
        unsafe { decref(k) };
        r?;
    }
    Ok(singletons::none())
}

/// `dict.keys()`.
fn keys(d: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(d, "keys", pos, kw)?;
    dict_views::new_view(d, dict_views::ViewKind::Keys)
}

/// `dict.values()`.
fn values(d: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(d, "values", pos, kw)?;
    dict_views::new_view(d, dict_views::ViewKind::Values)
}

/// `dict.items()`.
fn items(d: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(d, "items", pos, kw)?;
    dict_views::new_view(d, dict_views::ViewKind::Items)
}

/// `dict.__reversed__()`.
fn reversed(d: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(d, "__reversed__", pos, kw)?;
    dict_views::dict_reversed(d)
}

/// The methods of `dict`.
pub const DICT_METHODS: &[MethodDef] = &[
    MethodDef {
        name: "__reversed__",
        call: reversed,
    },
    MethodDef {
        name: "get",
        call: get,
    },
    // A classmethod, also callable on an instance (`{}.fromkeys(keys)`).
    MethodDef {
        name: "fromkeys",
        call: fromkeys,
    },
    MethodDef {
        name: "setdefault",
        call: setdefault,
    },
    MethodDef {
        name: "pop",
        call: pop,
    },
    MethodDef {
        name: "popitem",
        call: popitem,
    },
    MethodDef {
        name: "keys",
        call: keys,
    },
    MethodDef {
        name: "items",
        call: items,
    },
    MethodDef {
        name: "values",
        call: values,
    },
    MethodDef {
        name: "update",
        call: update,
    },
    MethodDef {
        name: "clear",
        call: clear,
    },
    MethodDef {
        name: "copy",
        call: copy,
    },
];

/// `{**mapping}` in a display (CPython's DICT_UPDATE: `PyDict_Update`, then any AttributeError
/// becomes TypeError "'int' object is not a mapping").
#[unsafe(no_mangle)]
pub extern "C" fn molt_dict_update(d: Obj, mapping: Obj) {
    crate::exceptions::value_or_raise(match dict_update(d, mapping) {
        Err(e) if e.kind == crate::ExceptionKind::AttributeError => {
            fail(crate::ExceptionKind::TypeError, alloc::format!("'{}' object is not a mapping", mapping.type_of().name))
        }
        r => r,
    });
}

/// `dict_merge(d, b, override=1)`: a dict merged at once; any other object through its
/// `keys()` (an AttributeError when it has none) and `b[key]`.
fn dict_update(d: Obj, b: Obj) -> MoltResult<()> {
    if dict::is_dict(b) {
        return dict::merge(d, b);
    }
    let keys = super::range::Owned(super::attrs::getattr(b, "keys")?);
    let keys = super::range::Owned(super::callable::call_object(keys.get(), &[], &[])?);
    let it = super::range::Owned(super::iter::get_iter(keys.get())?);
    while let Some(k) = super::iter::iter_next(it.get())? {
        let k = super::range::Owned(k);
        let v = super::range::Owned(dispatch::getitem(b, k.get())?);
        dict::set_item(d, k.get(), v.get())?;
    }
    Ok(())
}

/// `dict.fromkeys(iterable, value=None)` (a classmethod, also called on an instance: the
/// receiver is the class or an instance). CPython's `_PyDict_FromKeys`: for `dict` itself a new
/// dict filled directly; for a class deriving from it, `cls()` filled through `d[key] = value`.
fn fromkeys(recv: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    super::call::no_keywords_for("dict.fromkeys", kw)?;
    check_positional("fromkeys", pos.len(), 1, 2)?;
    let value = pos.get(1).copied().unwrap_or_else(singletons::none);
    let cls = super::types::as_type(recv).unwrap_or_else(|| recv.type_of());
    if let Some(r) = super::builtin_sub::fromkeys(cls, pos[0], value) {
        return r;
    }
    let d = super::range::Owned(dict::new_dict()?);
    let it = super::range::Owned(super::iter::get_iter(pos[0])?);
    while let Some(k) = super::iter::iter_next(it.get())? {
        let k = super::range::Owned(k);
        dict::set_item(d.get(), k.get(), value)?;
    }
    Ok(d.release())
}

static FROMKEYS: MethodDef = MethodDef { name: "fromkeys", call: fromkeys };

/// `dict.fromkeys` read from the class, once `molt_enable_dict_fromkeys` ran (a hook, so that
/// `dict`'s type object, which every program links, names none of it).
static FROMKEYS_HOOK: crate::sys::Global<Option<fn() -> Obj>> = crate::sys::Global::new(None);

/// The method bound to the class `dict`.
fn fromkeys_value() -> Obj {
    crate::exceptions::value_or_raise(super::descr::builtin_method(Obj::from_static(&dict::molt_type_dict), &FROMKEYS))
}

/// `dict.fromkeys` read from the class (`dict`'s class function): through the hook.
pub fn fromkeys_class_value() -> Obj {
    match core::hint::black_box(FROMKEYS_HOOK.with(|h| *h)) {
        Some(f) => f(),
        None => crate::exceptions::value_or_raise(fail(crate::ExceptionKind::RuntimeError, "dict.fromkeys reached without molt_enable_dict_fromkeys (a compiler bug)")),
    }
}

/// Makes `dict.fromkeys` callable.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_dict_fromkeys() {
    FROMKEYS_HOOK.with(|h| *h = Some(fromkeys_value));
}
