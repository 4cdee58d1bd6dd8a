//! PEP 585 generic aliases (`list[int]`, `dict[str, list[int]]`, `tuple[int, ...]`: type
//! `types.GenericAlias`) and PEP 604 unions (`int | None`: type `types.UnionType`), as CPython
//! 3.11's `Objects/genericaliasobject.c` and `Objects/unionobject.c` make them.
//!
//! Relies on: `typing::new_alias_object` (the alias layout: one owned payload, freed, traversed
//! and cleared by the allocator's and collector's `TypingAlias` paths), `attrs` (the
//! `__qualname__`/`__module__` of reprs, attributes read from the origin, `__orig_class__`),
//! `callable::call_object` (calling an alias calls its origin), `class` (the MRO in which
//! `__class_getitem__` is looked up).
//!
//! Provides: [`TYPE_GENERIC_ALIAS`], [`TYPE_UNION`], and the hooks [`molt_enable_generic_alias`]
//! registers for the core: `type[...]` (`__class_getitem__`: the builtin classes that define
//! it — `list`, `dict`, `tuple`, `set`, `frozenset`, `type`, `enumerate`, `collections.deque`,
//! `collections.defaultdict`, `itertools.chain`, `functools.partial` — and their subclasses, and a
//! class's own `__class_getitem__`), `type | type` (`type.__or__`), and `isinstance` /
//! `issubclass` with a union (its arguments) or an alias (CPython's TypeError). A program whose
//! code may subscript an object or `|` two objects calls the entry point first
//! (`infer::runtime_enables`); the others do not link this module.
//!
//! Invariants: a generic alias's payload is the tuple `(origin, args)`, `args` a tuple (a
//! non-tuple subscript is wrapped); a union's payload is the tuple of its arguments, at least
//! two, deduplicated (`is` for classes, `==` for generic aliases), None stored as `NoneType`,
//! nested unions flattened. `typing._GenericAlias` ([`TYPE_TYPING_GENERIC_ALIAS`]: `Box[int]` of
//! a class deriving from `typing.Generic`) shares the generic alias's layout and slots; the
//! `__mro_entries__` of aliases listed as bases and `Generic`'s `__parameters__` are
//! `typing_generic`'s, reached through these hooks. Left out: `*tuple[int]` (starred aliases),
//! ParamSpec and TypeVarTuple. (`|` with `typing`'s objects
//! is theirs: `typing::TYPING_NUMBER` makes a `typing.Union`.)

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::range::Owned;
use super::types::{NumberSlots, OpSet, TYPE_OBJECT, TypeObject, as_type};
use super::{Obj, attrs, dispatch, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::{AttributeError, TypeError};
use crate::exceptions::{MoltResult, fail};
use crate::{BinaryOp, CompareOp};

/// `types.GenericAlias`.
pub static TYPE_GENERIC_ALIAS: TypeObject = generic_alias_type("types.GenericAlias", None);

static TYPING_EXT: super::types::TypeExt = super::types::TypeExt { module: "typing", ..super::types::TypeExt::EMPTY };

/// `typing._GenericAlias` of `typing.Generic` and of the classes deriving from it
/// (`Generic[T]`, `Box[int]`; `typing_generic`): the slots and payload of
/// [`TYPE_GENERIC_ALIAS`], typing's class and checks.
pub static TYPE_TYPING_GENERIC_ALIAS: TypeObject = generic_alias_type("_GenericAlias", Some(&TYPING_EXT));

/// The type of generic aliases named `name` (module `ext`'s): one layout and set of slots.
const fn generic_alias_type(name: &'static str, ext: Option<&'static super::types::TypeExt>) -> TypeObject {
    TypeObject {
        number: Some(&ALIAS_NUMBER),
        richcompare: Some(ga_compare),
        hash: Some(ga_hash),
        repr: Some(ga_repr),
        subscript: Some(ga_getitem),
        call: Some(ga_call),
        attributes: Some(ga_attribute),
        heap: Some(super::alloc::HeapKind::TypingAlias),
        ext,
        ..TypeObject::new(name, &TYPE_OBJECT)
    }
}

/// The name of [`TYPE_UNION`] (`typing` recognises unions by it without linking this module).
pub const UNION_TYPE_NAME: &str = "types.UnionType";

/// `types.UnionType`.
pub static TYPE_UNION: TypeObject = TypeObject {
    number: Some(&ALIAS_NUMBER),
    richcompare: Some(union_compare),
    hash: Some(union_hash),
    repr: Some(union_repr),
    subscript: Some(union_getitem),
    attributes: Some(union_attribute),
    heap: Some(super::alloc::HeapKind::TypingAlias),
    ..TypeObject::new(UNION_TYPE_NAME, &TYPE_OBJECT)
};

/// `|` of aliases and unions (`_Py_union_type_or`, their `nb_or`).
static ALIAS_NUMBER: NumberSlots = NumberSlots { binary: Some(alias_or), binary_ops: OpSet::binary(&[BinaryOp::Or]), ..NumberSlots::EMPTY };

/// What the core asks of this module once a program enabled it.
pub struct AliasHooks {
    /// `cls[key]` for a class: Some(the alias) when the class has `__class_getitem__`.
    pub class_getitem: fn(&'static TypeObject, Obj) -> Option<MoltResult<Obj>>,
    /// `v | w` when neither has an `nb_or` (`type.__or__`): Some(the union) for two classes
    /// or None.
    pub type_or: fn(Obj, Obj) -> MoltResult<Option<Obj>>,
    /// `isinstance(x, cls)` (`subclass` false) or `issubclass(x, cls)` (true) for a `cls`
    /// that is a union or an alias: Some(the answer or CPython's error), else None.
    pub check: fn(Obj, Obj, bool) -> Option<MoltResult<bool>>,
    /// The bases of a `class` statement with the aliases among them replaced (PEP 560), or
    /// None when there is none.
    pub mro_entries: fn(&[Obj]) -> MoltResult<Option<Obj>>,
    /// `Generic.__init_subclass__`: the bases, the `__orig_bases__` if any, the namespace.
    pub init_generic: fn(&[Obj], Option<Obj>, Obj) -> MoltResult<()>,
}

static HOOKS: crate::sys::Global<Option<&'static AliasHooks>> = crate::sys::Global::new(None);

static ALIAS_HOOKS: AliasHooks = AliasHooks {
    class_getitem,
    type_or,
    check,
    mro_entries: |bases| match super::typing_generic::typing_hooks() {
        Some(h) => (h.mro_entries)(bases),
        None => pep585_entries(bases),
    },
    // No class derives from `Generic` unless the program imported `typing`.
    init_generic: |bases, orig, ns| match super::typing_generic::typing_hooks() {
        Some(h) => (h.init_generic)(bases, orig, ns),
        None => Ok(()),
    },
};

/// What a program that imports `typing` adds to these hooks (`typing::fill` registers it):
/// typing's aliases as bases and holders of type variables, `Generic` and its subclasses.
pub static TYPING_GENERIC_HOOKS: super::typing_generic::TypingHooks = super::typing_generic::TypingHooks {
    special_origin: super::typing::special_alias_origin,
    special_args: super::typing::special_alias_args,
    subscript: super::typing_generic::subscript,
    mro_entries: |bases| super::typing_generic::mro_entries(bases, mro_entry),
    init_generic: |bases, orig, ns| super::typing_generic::init_subclass(bases, orig, ns, |a| parameters(a), generic_args),
};

/// `update_bases` in a program without `typing`: each `types.GenericAlias` base replaced by its
/// origin (`GenericAlias.__mro_entries__`); None when there is none.
fn pep585_entries(bases: &[Obj]) -> MoltResult<Option<Obj>> {
    if !bases.iter().any(|&b| alias_parts(b).is_some()) {
        return Ok(None);
    }
    let out: Vec<Obj> = bases.iter().map(|&b| alias_parts(b).map_or(b, |(origin, _)| origin)).collect();
    tuple::tuple_from_slice(&out).map(Some)
}

/// What alias `o` stands for as a base (`__mro_entries__`), if it is one.
fn mro_entry(o: Obj) -> Option<super::typing_generic::Entry> {
    use super::typing_generic::{Entry, TYPE_GENERIC};
    if let Some(origin) = super::typing_generic::typing_hooks().and_then(|h| (h.special_origin)(o)) {
        return Some(Entry { origin: Obj::from_static(origin), is_generic: false, special: true });
    }
    let (origin, _) = alias_parts(o)?;
    let is_generic = origin.is(Obj::from_static(&TYPE_GENERIC));
    Some(Entry { origin, is_generic, special: false })
}

/// The arguments of `Generic[...]` (`o` that alias), borrowed.
fn generic_args(o: Obj) -> Option<Obj> {
    let (origin, args) = alias_parts(o)?;
    origin.is(Obj::from_static(&super::typing_generic::TYPE_GENERIC)).then_some(args)
}

/// A `typing._GenericAlias` (`Box[int]`).
fn new_typing_alias(origin: Obj, args: Obj) -> MoltResult<Obj> {
    let payload = tuple::tuple_from_slice(&[origin, args])?;
    super::typing::new_alias_object(&TYPE_TYPING_GENERIC_ALIAS, payload)
}

/// The hooks, once a program enabled them.
pub fn hooks() -> Option<&'static AliasHooks> {
    HOOKS.with(|h| *h)
}

/// Makes `list[int]`, `int | None` and `isinstance(x, int | str)` work (see the module's doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_generic_alias() {
    HOOKS.with(|h| *h = Some(&ALIAS_HOOKS));
}

/// (origin, args) of a generic alias, borrowed.
fn alias_parts(o: Obj) -> Option<(Obj, Obj)> {
    let payload = super::typing::alias_payload(o, &TYPE_GENERIC_ALIAS).or_else(|| super::typing::alias_payload(o, &TYPE_TYPING_GENERIC_ALIAS))?;
    match tuple::tuple_items(payload) {
        Some(&[origin, args]) => Some((origin, args)),
        _ => None,
    }
}

/// The arguments of a union (a tuple), borrowed.
fn union_args(o: Obj) -> Option<Obj> {
    super::typing::alias_payload(o, &TYPE_UNION)
}

/// `Py_GenericAlias(origin, args)`: `args` wrapped in a tuple unless it is one.
fn new_generic_alias(origin: Obj, args: Obj) -> MoltResult<Obj> {
    let args = if tuple::is_tuple(args) { Owned(new_ref(args)) } else { Owned(tuple::tuple_from_slice(&[args])?) };
    let payload = tuple::tuple_from_slice(&[origin, args.get()])?;
    super::typing::new_alias_object(&TYPE_GENERIC_ALIAS, payload)
}

/// The builtin classes whose `__class_getitem__` is `GenericAlias` (their `tp_name`s).
const GENERIC_BUILTINS: [&str; 11] = [
    "list",
    "dict",
    "tuple",
    "set",
    "frozenset",
    "type",
    "enumerate",
    "collections.deque",
    "collections.defaultdict",
    "itertools.chain",
    "functools.partial",
];

/// `type.__getitem__` through `__class_getitem__`: a class's own (implicitly a classmethod),
/// else the one it inherits from a builtin class that has one.
fn class_getitem(t: &'static TypeObject, key: Obj) -> Option<MoltResult<Obj>> {
    let cls = Owned(attrs::class_value(t));
    for b in super::class::mro(t) {
        if super::class::is_heap(b) {
            let Some(ns) = super::class::namespace(b) else { continue };
            let Some(f) = super::dict::get_str(ns, "__class_getitem__") else { continue };
            // A plain function is a classmethod (`type_new` wraps it); anything else is read
            // through the class, which binds it.
            return Some(if super::function::is_function(f) {
                super::callable::call_object(f, &[cls.get(), key], &[])
            } else {
                attrs::getattr(cls.get(), "__class_getitem__").map(Owned).and_then(|m| super::callable::call_object(m.get(), &[key], &[]))
            });
        }
        // (`Generic` is reachable only through `typing`, whose import registered the hook.)
        if b.is(&super::typing_generic::TYPE_GENERIC)
            && let Some(h) = super::typing_generic::typing_hooks()
        {
            return Some((h.subscript)(t, key, new_typing_alias));
        }
        if GENERIC_BUILTINS.contains(&b.name) {
            return Some(new_generic_alias(cls.get(), key));
        }
    }
    None
}

/// `is_unionable`: None, a class, a generic alias or a union.
fn unionable(o: Obj) -> bool {
    singletons::is_none(o) || as_type(o).is_some() || alias_parts(o).is_some() || union_args(o).is_some()
}

/// The members `o` contributes to a union (`get_types`): a union's arguments, NoneType for None,
/// else `o` (new references).
fn members(o: Obj) -> MoltResult<Vec<Obj>> {
    if singletons::is_none(o) {
        return Ok(alloc::vec![new_ref(Obj::from_static(&singletons::TYPE_NONE))]);
    }
    match union_args(o) {
        Some(args) => Ok(tuple::tuple_items(args).unwrap_or(&[]).iter().map(|&a| new_ref(a)).collect()),
        None => Ok(alloc::vec![new_ref(o)]),
    }
}

/// `is_same`: generic aliases compare with `==`, everything else by identity.
fn same(a: Obj, b: Obj) -> MoltResult<bool> {
    if alias_parts(a).is_some() && alias_parts(b).is_some() {
        return dispatch::rich_compare_bool(CompareOp::Eq, a, b);
    }
    Ok(a.is(b))
}

/// `_Py_union_type_or(v, w)`: None (NotImplemented) unless both are unionable; `v` itself when
/// `w` adds nothing; else a new union of `v`'s members then `w`'s new ones.
fn union_of(v: Obj, w: Obj) -> MoltResult<Option<Obj>> {
    if !unionable(v) || !unionable(w) {
        return Ok(None);
    }
    let mut items = members(v)?;
    let first = items.len();
    for x in members(w)? {
        let x = Owned(x);
        let mut dup = false;
        for &y in &items[..first] {
            match same(y, x.get()) {
                Ok(d) => dup |= d,
                Err(e) => {
                    super::list::release(items);
                    return Err(e);
                }
            }
        }
        if !dup {
            items.push(x.release());
        }
    }
    if items.len() == first {
        super::list::release(items);
        return Ok(Some(new_ref(v)));
    }
    let args = tuple::tuple_from_vec(items)?;
    super::typing::new_alias_object(&TYPE_UNION, args).map(Some)
}

fn type_or(v: Obj, w: Obj) -> MoltResult<Option<Obj>> {
    union_of(v, w)
}

fn alias_or(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if op != BinaryOp::Or {
        return Ok(singletons::not_implemented());
    }
    Ok(union_of(v, w)?.unwrap_or_else(singletons::not_implemented))
}

fn check(x: Obj, cls: Obj, subclass: bool) -> Option<MoltResult<bool>> {
    if cls.type_of().is(&TYPE_TYPING_GENERIC_ALIAS) {
        return Some(fail(TypeError, "Subscripted generics cannot be used with class and instance checks"));
    }
    if alias_parts(cls).is_some() {
        let f = if subclass { "issubclass" } else { "isinstance" };
        return Some(fail(TypeError, format!("{f}() argument 2 cannot be a parameterized generic")));
    }
    let args = union_args(cls)?;
    Some(super::exception::nested(if subclass { " in __subclasscheck__" } else { " in __instancecheck__" }, || {
        for &c in tuple::tuple_items(args).unwrap_or(&[]) {
            if if subclass { attrs::issubclass(x, c)? } else { attrs::isinstance(x, c)? } {
                return Ok(true);
            }
        }
        Ok(false)
    }))
}

/// `ga_repr_item` / `union_repr_item`: `...`; an alias's repr; a class-like object's
/// `module.qualname` (`qualname` alone for builtins); else `repr`. In a union NoneType is
/// `None`.
fn repr_item(p: Obj, in_union: bool) -> MoltResult<String> {
    if in_union && p.is(Obj::from_static(&singletons::TYPE_NONE)) {
        return Ok(String::from("None"));
    }
    if !in_union && singletons::is_ellipsis(p) {
        return Ok(String::from("..."));
    }
    let has = |name: &str| -> MoltResult<bool> {
        match attrs::getattr(p, name) {
            Ok(v) => {
                drop(Owned(v));
                Ok(true)
            }
            Err(e) if e.kind == AttributeError => Ok(false),
            Err(e) => Err(e),
        }
    };
    if has("__origin__")? && has("__args__")? {
        return dispatch::repr_of(p);
    }
    let qualname = match attrs::getattr(p, "__qualname__") {
        Ok(q) => Owned(q),
        Err(e) if e.kind == AttributeError => return dispatch::repr_of(p),
        Err(e) => return Err(e),
    };
    let module = match attrs::getattr(p, "__module__") {
        Ok(m) => Owned(m),
        Err(e) if e.kind == AttributeError => return dispatch::repr_of(p),
        Err(e) => return Err(e),
    };
    if singletons::is_none(module.get()) {
        return dispatch::repr_of(p);
    }
    if pystr::str_text(module.get()) == Some("builtins") {
        return dispatch::str_of(qualname.get());
    }
    Ok(format!("{}.{}", dispatch::str_of(module.get())?, dispatch::str_of(qualname.get())?))
}

fn ga_repr(o: Obj) -> MoltResult<String> {
    let Some((origin, args)) = alias_parts(o) else { return Ok(String::from("?")) };
    let items = tuple::tuple_items(args).unwrap_or(&[]);
    let mut out = repr_item(origin, false)?;
    out.push('[');
    for (i, &a) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr_item(a, false)?);
    }
    if items.is_empty() {
        out.push_str("()");
    }
    out.push(']');
    Ok(out)
}

fn union_repr(o: Obj) -> MoltResult<String> {
    let items = union_args(o).and_then(tuple::tuple_items).unwrap_or(&[]);
    let mut parts = Vec::new();
    for &a in items {
        parts.push(repr_item(a, true)?);
    }
    Ok(parts.join(" | "))
}

fn ga_compare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    let (Some((ov, av)), Some((ow, aw))) = (alias_parts(v), alias_parts(w)) else { return Ok(singletons::not_implemented()) };
    let ne = match op {
        CompareOp::Eq => false,
        CompareOp::Ne => true,
        CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge => return Ok(singletons::not_implemented()),
    };
    let eq = dispatch::rich_compare_bool(CompareOp::Eq, ov, ow)? && dispatch::rich_compare_bool(CompareOp::Eq, av, aw)?;
    Ok(singletons::bool_obj(eq != ne))
}

fn ga_hash(o: Obj) -> MoltResult<i64> {
    let Some((origin, args)) = alias_parts(o) else { return Ok(0) };
    let h = dispatch::hash(origin)? ^ dispatch::hash(args)?;
    Ok(if h == -1 { -2 } else { h })
}

/// `union_richcompare`: the arguments compared as sets (`typing::same_members`).
fn union_compare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    let (Some(av), Some(aw)) = (union_args(v), union_args(w)) else { return Ok(singletons::not_implemented()) };
    let ne = match op {
        CompareOp::Eq => false,
        CompareOp::Ne => true,
        CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge => return Ok(singletons::not_implemented()),
    };
    let eq = super::typing::same_members(av, aw)?;
    Ok(singletons::bool_obj(eq != ne))
}

/// `union_hash`: independent of the arguments' order, as CPython's (the hash of their
/// frozenset; the values differ from CPython's, whose class hashes are addresses).
fn union_hash(o: Obj) -> MoltResult<i64> {
    let mut h: i64 = 0x345678;
    for &a in union_args(o).and_then(tuple::tuple_items).unwrap_or(&[]) {
        let x = dispatch::hash(a)?;
        h ^= (x ^ (x << 16) ^ 89_869_747).wrapping_mul(3_644_798_167);
    }
    Ok(if h == -1 { -2 } else { h })
}

/// `ga_call`: the origin called, then `__orig_class__` set on the result when it can be.
fn ga_call(o: Obj, pos: &[Obj], kw: &[(&str, Obj)], _depth: i64) -> MoltResult<Obj> {
    let Some((origin, _)) = alias_parts(o) else { return fail(TypeError, "not a generic alias") };
    let r = Owned(super::callable::call_object(origin, pos, kw)?);
    // Only instances of classes with a `__dict__` take the attribute (the builtin types' refuse
    // it with an AttributeError or TypeError, which CPython ignores); not reaching the generic
    // `setattr` keeps it out of programs that never set attributes.
    if !super::class::is_heap(r.get().type_of()) || as_type(r.get()).is_some() {
        return Ok(r.release());
    }
    let name = Owned(pystr::str_from_text("__orig_class__")?);
    match super::instance::setattr(r.get(), name.get(), Some(o)) {
        Ok(()) => {}
        Err(e) if matches!(e.kind, AttributeError | TypeError) => {}
        Err(e) => return Err(e),
    }
    Ok(r.release())
}

/// `_Py_make_parameters`: the type variables of `args`, in order, each once (nested aliases'
/// and unions' `__parameters__` included); new references.
fn parameters(args: Obj) -> MoltResult<Vec<Obj>> {
    let mut out: Vec<Obj> = Vec::new();
    for &a in tuple::tuple_items(args).unwrap_or(&[]) {
        if as_type(a).is_some() {
            continue;
        }
        if super::typing::is_typevar(a) {
            if !out.iter().any(|x| x.is(a)) {
                out.push(new_ref(a));
            }
            continue;
        }
        let inner = match alias_parts(a).map(|(_, x)| x).or_else(|| union_args(a)).or_else(|| super::typing_generic::typing_hooks().and_then(|h| (h.special_args)(a))) {
            Some(inner) => parameters(inner)?,
            None => continue,
        };
        for p in inner {
            if out.iter().any(|x| x.is(p)) {
                drop(Owned(p));
            } else {
                out.push(p);
            }
        }
    }
    Ok(out)
}

fn parameters_tuple(args: Obj) -> MoltResult<Obj> {
    tuple::tuple_from_vec(parameters(args)?)
}

/// `_Py_subs_parameters`: `args` with each type variable of `params` replaced by the item of
/// `key` at its index (nested aliases and unions substituted in turn); new references.
fn substitute(o: Obj, args: Obj, params: &[Obj], key: Obj) -> MoltResult<Vec<Obj>> {
    let subs: Vec<Obj> = match tuple::tuple_items(key) {
        Some(items) => items.to_vec(),
        None => alloc::vec![key],
    };
    if subs.len() != params.len() {
        let many = if subs.len() > params.len() { "many" } else { "few" };
        return fail(TypeError, format!("Too {many} arguments for {}; actual {}, expected {}", dispatch::repr_of(o)?, subs.len(), params.len()));
    }
    let mut out: Vec<Obj> = Vec::new();
    for &a in tuple::tuple_items(args).unwrap_or(&[]) {
        let r = if let Some(i) = params.iter().position(|p| p.is(a)) {
            Ok(new_ref(subs[i]))
        } else if alias_parts(a).is_some() || union_args(a).is_some() {
            // `arg[sub-arguments]` for its own parameters.
            let inner = alias_parts(a).map(|(_, x)| x).or_else(|| union_args(a)).unwrap_or(args);
            let own = parameters(inner)?;
            if own.is_empty() {
                Ok(new_ref(a))
            } else {
                let picked: Vec<Obj> = own.iter().map(|p| params.iter().position(|q| q.is(*p)).map_or(*p, |i| subs[i])).collect();
                super::list::release(own);
                let k = Owned(tuple::tuple_from_slice(&picked)?);
                dispatch::getitem(a, k.get())
            }
        } else {
            Ok(new_ref(a))
        };
        match r {
            Ok(x) => out.push(x),
            Err(e) => {
                super::list::release(out);
                return Err(e);
            }
        }
    }
    Ok(out)
}

fn ga_getitem(o: Obj, key: Obj) -> MoltResult<Obj> {
    let Some((origin, args)) = alias_parts(o) else { return fail(TypeError, "not a generic alias") };
    let params = parameters(args)?;
    if params.is_empty() {
        return fail(TypeError, format!("{} is not a generic class", dispatch::repr_of(o)?));
    }
    let new_args = substitute(o, args, &params, key);
    super::list::release(params);
    let new_args = Owned(tuple::tuple_from_vec(new_args?)?);
    new_generic_alias(origin, new_args.get())
}

/// `union_getitem`: the arguments substituted, then joined with `|` again.
fn union_getitem(o: Obj, key: Obj) -> MoltResult<Obj> {
    let Some(args) = union_args(o) else { return fail(TypeError, "not a union") };
    let params = parameters(args)?;
    if params.is_empty() {
        return fail(TypeError, format!("{} is not a generic class", dispatch::repr_of(o)?));
    }
    let new_args = substitute(o, args, &params, key);
    super::list::release(params);
    let new_args = new_args?;
    let mut acc: Option<Owned> = None;
    for a in new_args.iter().map(|&a| Owned(a)) {
        acc = Some(match acc {
            None => a,
            Some(prev) => match union_of(prev.get(), a.get())? {
                Some(u) => Owned(u),
                None => return fail(TypeError, format!("unsupported operand type(s) for |: '{}' and '{}'", prev.get().type_of().name, a.get().type_of().name)),
            },
        });
    }
    Ok(acc.map_or_else(singletons::none, Owned::release))
}

/// The names an alias answers itself (`attr_exceptions`); every other one is read from the
/// origin.
const OWN_NAMES: [&str; 11] = [
    "__class__",
    "__origin__",
    "__args__",
    "__unpacked__",
    "__parameters__",
    "__typing_unpacked_tuple_args__",
    "__mro_entries__",
    "__reduce_ex__",
    "__reduce__",
    "__copy__",
    "__deepcopy__",
];

fn ga_attribute(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let (origin, args) = alias_parts(o)?;
    Some(match name {
        "__origin__" => Ok(new_ref(origin)),
        "__args__" => Ok(new_ref(args)),
        "__parameters__" => parameters_tuple(args),
        "__unpacked__" => Ok(singletons::bool_obj(false)),
        _ if OWN_NAMES.contains(&name) => return None,
        _ => attrs::getattr(origin, name),
    })
}

fn union_attribute(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let args = union_args(o)?;
    Some(match name {
        "__args__" => Ok(new_ref(args)),
        "__parameters__" => parameters_tuple(args),
        "__module__" => pystr::str_from_text("types"),
        _ => return None,
    })
}
