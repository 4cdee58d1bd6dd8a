//! `typing.Generic` (CPython 3.11's `Lib/typing.py`): the class a program's generic classes
//! derive from through `Generic[T]` (`class Box(Generic[T])`), subscription of such classes
//! (`Box[int]`, a `typing._GenericAlias` whose call makes a `Box`), the `__mro_entries__` of
//! the aliases a `class` statement lists as bases (PEP 560: `Generic[T]`, `Box[T]`,
//! `List[int]`, `list[int]`) with the `__orig_bases__` they leave, and the `__parameters__`
//! that `Generic.__init_subclass__` gives each class deriving from `Generic`.
//!
//! Relies on: `generic_alias` (the alias objects, `(origin, args)` payloads, and the hooks
//! through which the core reaches this module once a program may subscript an object:
//! `molt_enable_generic_alias`), `typing` (type variables; the origin of `typing.List[int]`),
//! `class` (MROs, namespaces), `attrs` (`__parameters__` of a class).
//!
//! Provides: [`TYPE_GENERIC`] (named by `class::best_base`, which accepts it as a base that
//! adds no layout), [`subscript`], [`mro_entries`], [`init_subclass`], and [`TypingHooks`]
//! (what `typing` registers on import for `generic_alias`).
//!
//! Invariants: `Generic` has no instances and no layout of its own; a class deriving from it
//! has `__parameters__` (a tuple of type variables) in its namespace; the bases a `class`
//! statement gets are classes once [`mro_entries`] ran (an object that is neither a class nor
//! an alias stays, and `class::best_base` refuses it as before).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::range::Owned;
use super::types::{NewFn, TYPE_OBJECT, TypeExt, TypeObject, as_type, is_subtype};
use super::{Obj, attrs, dispatch, new_ref, singletons, tuple};
use crate::ExceptionKind::{NotImplementedError, TypeError};
use crate::exceptions::{MoltResult, fail};

/// What `typing` gives this module once a program imports it (`typing::fill` registers it):
/// its aliases of builtin classes (`List[int]`) as bases and as holders of type variables,
/// and `Generic`'s subscription. Through a hook so that a program which subscripts objects
/// without importing `typing` links none of typing's forms.
pub struct TypingHooks {
    /// The origin of one of typing's aliases of a builtin class (`List[int]`: `list`).
    pub special_origin: fn(Obj) -> Option<&'static TypeObject>,
    /// The arguments of one of typing's aliases (`Dict[str, T]`), borrowed.
    pub special_args: fn(Obj) -> Option<Obj>,
    /// [`subscript`].
    pub subscript: fn(&'static TypeObject, Obj, fn(Obj, Obj) -> MoltResult<Obj>) -> MoltResult<Obj>,
    /// [`mro_entries`] with typing's aliases among the candidates.
    pub mro_entries: fn(&[Obj]) -> MoltResult<Option<Obj>>,
    /// [`init_subclass`].
    pub init_generic: fn(&[Obj], Option<Obj>, Obj) -> MoltResult<()>,
}

static TYPING_HOOKS: crate::sys::Global<Option<&'static TypingHooks>> = crate::sys::Global::new(None);

/// The hooks, once `typing` was imported.
pub fn typing_hooks() -> Option<&'static TypingHooks> {
    core::hint::black_box(TYPING_HOOKS.with(|h| *h))
}

/// Registers `typing`'s hooks (its first import).
pub fn register_typing(h: &'static TypingHooks) {
    TYPING_HOOKS.with(|t| *t = Some(h));
}

static GENERIC_EXT: TypeExt = TypeExt { module: "typing", ..TypeExt::EMPTY };

/// `typing.Generic`.
pub static TYPE_GENERIC: TypeObject = TypeObject {
    new: Some(generic_new as NewFn),
    ext: Some(&GENERIC_EXT),
    ..TypeObject::new("Generic", &TYPE_OBJECT)
};

/// `Generic()` itself: an instance of `Generic` (CPython 3.11 makes one) has no layout here.
fn generic_new(_t: &'static TypeObject, _pos: &[Obj], _kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    fail(NotImplementedError, "instances of typing.Generic itself are not supported by Molt")
}

/// Whether `t` is `Generic` or derives from it.
pub fn is_generic(t: &'static TypeObject) -> bool {
    is_subtype(t, &TYPE_GENERIC)
}

/// `repr(cls)` as `_check_generic` writes it (`<class '__main__.Box'>`).
fn class_repr(t: &'static TypeObject) -> MoltResult<String> {
    let c = Owned(attrs::class_value(t));
    dispatch::repr_of(c.get())
}

/// `Generic.__class_getitem__(cls, params)` (`_generic_class_getitem`): for `Generic` itself,
/// unique type variables (`Generic[T]`); for a class deriving from it, as many arguments as
/// its `__parameters__` (`Box[int]`), None converted to NoneType. The alias's payload is made
/// by `make(origin, args)`.
pub fn subscript(t: &'static TypeObject, key: Obj, make: fn(Obj, Obj) -> MoltResult<Obj>) -> MoltResult<Obj> {
    let given: Vec<Obj> = match tuple::tuple_items(key) {
        Some(items) => items.to_vec(),
        None => alloc::vec![key],
    };
    let qualname = {
        let c = Owned(attrs::class_value(t));
        let q = Owned(attrs::getattr(c.get(), "__qualname__")?);
        String::from(super::str::str_text(q.get()).unwrap_or("?"))
    };
    let none = Obj::from_static(&singletons::TYPE_NONE);
    let params: Vec<Obj> = given.iter().map(|&p| if singletons::is_none(p) { none } else { p }).collect();
    if t.is(&TYPE_GENERIC) {
        if params.is_empty() {
            return fail(TypeError, format!("Parameter list to {qualname}[...] cannot be empty"));
        }
        if !params.iter().all(|&p| super::typing::is_typevar(p)) {
            return fail(TypeError, format!("Parameters to {}[...] must all be type variables or parameter specification variables.", t.name));
        }
        if params.iter().enumerate().any(|(i, p)| params[..i].iter().any(|q| q.is(*p))) {
            return fail(TypeError, format!("Parameters to {}[...] must all be unique", t.name));
        }
    } else {
        let c = Owned(attrs::class_value(t));
        let own = Owned(attrs::getattr(c.get(), "__parameters__")?);
        let expected = tuple::tuple_items(own.get()).map_or(0, <[Obj]>::len);
        if expected == 0 {
            return fail(TypeError, format!("{} is not a generic class", class_repr(t)?));
        }
        if params.len() != expected {
            let which = if params.len() > expected { "many" } else { "few" };
            return fail(TypeError, format!("Too {which} arguments for {}; actual {}, expected {expected}", class_repr(t)?, params.len()));
        }
    }
    let args = Owned(tuple::tuple_from_slice(&params)?);
    let origin = Owned(attrs::class_value(t));
    make(origin.get(), args.get())
}

/// What an alias listed as a base stands for (`__mro_entries__`).
pub struct Entry {
    /// The alias's origin (`Generic` for `Generic[T]`, `Box` for `Box[int]`, `list` for
    /// `List[int]` and `list[int]`).
    pub origin: Obj,
    /// `typing.Generic[...]` itself.
    pub is_generic: bool,
    /// One of typing's aliases of a builtin class (`List[int]`), whose entries add `Generic`.
    pub special: bool,
}

/// `__build_class__`'s `update_bases`: each base that is an alias replaced by its
/// `__mro_entries__` (`entry` says what it stands for), as typing's and
/// `types.GenericAlias`'s give them; None when no base is an alias (the bases stay).
pub fn mro_entries(bases: &[Obj], entry: fn(Obj) -> Option<Entry>) -> MoltResult<Option<Obj>> {
    if bases.iter().all(|&b| as_type(b).is_some() || entry(b).is_none()) {
        return Ok(None);
    }
    let generic = Obj::from_static(&TYPE_GENERIC);
    let mut out: Vec<Obj> = Vec::new();
    for (i, &b) in bases.iter().enumerate() {
        let Some(e) = (if as_type(b).is_some() { None } else { entry(b) }) else {
            out.push(b);
            continue;
        };
        let later_alias = bases[i + 1..].iter().any(|&l| as_type(l).is_none() && entry(l).is_some());
        if e.is_generic {
            // `_GenericAlias.__mro_entries__` of `Generic[...]`: nothing when a later base is
            // another alias (which brings `Generic`).
            if !later_alias {
                out.push(generic);
            }
        } else if e.special {
            // `_BaseGenericAlias.__mro_entries__`: the origin unless listed, then `Generic`
            // unless a later base is an alias or derives from it.
            if !bases.iter().any(|x| x.is(e.origin)) {
                out.push(e.origin);
            }
            let later_generic = bases[i + 1..].iter().any(|&l| as_type(l).map_or(entry(l).is_some(), is_generic));
            if !later_generic {
                out.push(generic);
            }
        } else {
            out.push(e.origin);
        }
    }
    tuple::tuple_from_slice(&out).map(Some)
}

/// `Generic.__init_subclass__` for a class with bases `bases` (its `__orig_bases__` `orig`
/// when an alias was among them) and namespace `ns` (after `class::class_new_of` refused
/// "plain Generic"): `__parameters__` (the type variables of the original bases, or exactly those of its
/// `Generic[...]`) stored in `ns` when the class derives from `Generic`. `params` collects the
/// type variables of a tuple of arguments (`_collect_parameters`).
pub fn init_subclass(bases: &[Obj], orig: Option<Obj>, ns: Obj, params: fn(Obj) -> MoltResult<Vec<Obj>>, generic_args: fn(Obj) -> Option<Obj>) -> MoltResult<()> {
    let listed = orig.map_or(bases, |o| tuple::tuple_items(o).unwrap_or(&[]));
    if !bases.iter().filter_map(|&b| as_type(b)).any(is_generic) {
        return Ok(());
    }
    let mut tvars: Vec<Obj> = Vec::new();
    if let Some(o) = orig {
        tvars = params(o)?;
        let mut gvars: Option<Obj> = None;
        for &b in listed {
            if let Some(args) = generic_args(b) {
                if gvars.is_some() {
                    tvars.into_iter().for_each(|t| drop(Owned(t)));
                    return fail(TypeError, "Cannot inherit from Generic[...] multiple times.");
                }
                gvars = Some(args);
            }
        }
        if let Some(g) = gvars {
            let gitems = tuple::tuple_items(g).unwrap_or(&[]);
            let missing: Vec<Obj> = tvars.iter().copied().filter(|t| !gitems.iter().any(|x| x.is(*t))).collect();
            if !missing.is_empty() {
                let text = |xs: &[Obj]| -> MoltResult<String> { Ok(xs.iter().map(|&x| dispatch::str_of(x)).collect::<MoltResult<Vec<_>>>()?.join(", ")) };
                let msg = format!("Some type variables ({}) are not listed in Generic[{}]", text(&missing)?, text(gitems)?);
                tvars.into_iter().for_each(|t| drop(Owned(t)));
                return fail(TypeError, msg);
            }
            tvars.into_iter().for_each(|t| drop(Owned(t)));
            tvars = gitems.iter().map(|&x| new_ref(x)).collect();
        }
    }
    let t = Owned(tuple::tuple_from_vec(tvars)?);
    super::class::set_key(ns, "__parameters__", t.get())
}
