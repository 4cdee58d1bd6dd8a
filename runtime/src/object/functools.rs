//! The `functools` module: CPython 3.11's `Modules/_functoolsmodule.c` (`reduce`, `partial`,
//! `cmp_to_key`'s `KeyWrapper`, `_lru_cache_wrapper`) and `Lib/functools.py`'s `lru_cache` and
//! `cache` around it.
//!
//! Relies on: `callable::call_object` (every call of a user function), `dict` (the caches:
//! insertion order is recency, a hit moves its key to the end and an eviction pops the first
//! entry, as CPython's linked list does), `collections::namedtuple` (`CacheInfo`), `alloc`
//! (kind `HeapKind::Functools`, a container) and `gc`.
//!
//! Provides: [`FunctoolsFn`], [`fill`], [`call`], the types, `free` / `traverse` / `clear`.
//!
//! Invariants: every object of these types is one [`FtObject`] whose `kind` says how `refs`
//! is used (see [`Kind`]); `refs` hold owned references. No field is borrowed across a call of
//! user code: fields are read as new references first. A cache key is CPython's
//! `lru_cache_make_key`: a lone int or str argument itself, else the arguments tuple, with a
//! marker and the keyword pairs (and the types when `typed`) appended.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::alloc::Layout;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::call::{bind_python, no_keywords_for};
use super::module::store_owned;
use super::range::Owned;
use super::types::{MethodDef, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, callable, decref, dict, dispatch, gc, int, iter, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::{AttributeError, TypeError};
use crate::exceptions::{MoltResult, fail};
use crate::{BuiltinFunction, CompareOp};

/// The functions of `functools` (its other names are types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctoolsFn {
    Reduce,
    CmpToKey,
    LruCache,
    Cache,
    Wraps,
    UpdateWrapper,
}

impl FunctoolsFn {
    /// Its `__name__`.
    pub const fn name(self) -> &'static str {
        match self {
            FunctoolsFn::Reduce => "reduce",
            FunctoolsFn::CmpToKey => "cmp_to_key",
            FunctoolsFn::LruCache => "lru_cache",
            FunctoolsFn::Cache => "cache",
            FunctoolsFn::Wraps => "wraps",
            FunctoolsFn::UpdateWrapper => "update_wrapper",
        }
    }
}

/// What an [`FtObject`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Kind {
    /// refs: [func, args (a tuple), keywords (a dict)].
    Partial,
    /// refs: [cmp, obj (None for the `cmp_to_key` result itself)].
    KeyWrapper,
    /// refs: [user function, cache (a dict)]; `maxsize` -1: unbounded.
    LruWrapper,
    /// `lru_cache(maxsize, typed)`'s decorator: no refs.
    LruDecorator,
    /// `wraps(wrapped, assigned, updated)`'s decorator: refs [wrapped, assigned, updated].
    Wraps,
}

/// An object of one of functools' types.
#[repr(C)]
pub struct FtObject {
    header: Header,
    kind: Kind,
    typed: bool,
    refs: [Option<Obj>; 3],
    hits: u64,
    misses: u64,
    maxsize: i64,
}

fn ft_ptr(o: Obj) -> Option<*mut FtObject> {
    if o.type_of().heap != Some(HeapKind::Functools) {
        return None;
    }
    o.header_ptr().map(|h| h.cast::<FtObject>().cast_mut())
}

/// Field `i` of `o` as a new reference (None when unset).
fn field(o: Obj, i: usize) -> Option<Obj> {
    // SAFETY: a live functools object; the reference is taken before any code runs.
    ft_ptr(o).and_then(|p| unsafe { (*p).refs[i] }).map(new_ref)
}

fn new_ft(t: &'static TypeObject, kind: Kind, refs: [Option<Obj>; 3], maxsize: i64, typed: bool) -> MoltResult<Obj> {
    let p = match alloc_container(Layout::new::<FtObject>(), t) {
        Ok(p) => p.cast::<FtObject>(),
        Err(e) => {
            for r in refs.into_iter().flatten() {
                // SAFETY: the caller gave these references.
                unsafe { decref(r) };
            }
            return Err(e);
        }
    };
    // SAFETY: a fresh block whose header is written; the fields are written before tracking.
    unsafe {
        core::ptr::addr_of_mut!((*p).kind).write(kind);
        core::ptr::addr_of_mut!((*p).typed).write(typed);
        core::ptr::addr_of_mut!((*p).refs).write(refs);
        core::ptr::addr_of_mut!((*p).hits).write(0);
        core::ptr::addr_of_mut!((*p).misses).write(0);
        core::ptr::addr_of_mut!((*p).maxsize).write(maxsize);
        let o = Obj::from_header(p.cast());
        gc::track(o);
        Ok(o)
    }
}

static HOOKS: super::module_kinds::KindHooks = super::module_kinds::KindHooks {
    // SAFETY (the three): forwarded contracts; the kind is `Functools`.
    free: |h, _| unsafe { free(h) },
    traverse: |h, _, visit| unsafe { traverse(h, visit) },
    clear: |h, _| unsafe { clear(h) },
};

/// Stores functools' names in its namespace `d`, and registers its heap kind.
pub fn fill(d: Obj) -> MoltResult<()> {
    super::module_kinds::register(HeapKind::Functools, &HOOKS);
    let fns = [
        ("reduce", BuiltinFunction::FunctoolsReduce),
        ("cmp_to_key", BuiltinFunction::FunctoolsCmpToKey),
        ("lru_cache", BuiltinFunction::FunctoolsLruCache),
        ("cache", BuiltinFunction::FunctoolsCache),
        ("wraps", BuiltinFunction::FunctoolsWraps),
        ("update_wrapper", BuiltinFunction::FunctoolsUpdateWrapper),
    ];
    for (name, f) in fns {
        store_owned(d, name, Ok(super::builtin_fn::molt_builtin_function(f.code())))?;
    }
    store_owned(d, "WRAPPER_ASSIGNMENTS", str_tuple(&WRAPPER_ASSIGNMENTS))?;
    store_owned(d, "WRAPPER_UPDATES", str_tuple(&WRAPPER_UPDATES))?;
    store_owned(d, "partial", Ok(super::attrs::class_value(&TYPE_PARTIAL)))
}

/// `functools.NAME(*pos, **kw)`.
pub fn call(f: FunctoolsFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match f {
        FunctoolsFn::Reduce => reduce(pos, kw),
        FunctoolsFn::CmpToKey => {
            let [cmp] = super::call::unpack_args("cmp_to_key", ["mycmp"], 0, 1, 1, pos, kw)?;
            let cmp = cmp.unwrap_or_else(singletons::none);
            new_ft(&TYPE_KEYWRAPPER, Kind::KeyWrapper, [Some(new_ref(cmp)), None, None], 0, false)
        }
        FunctoolsFn::LruCache => lru_cache(pos, kw),
        FunctoolsFn::Cache => {
            let mut a = [None];
            bind_python("cache", &["user_function"], 1, &[], 0, pos, kw, &mut a)?;
            new_wrapper(a[0].unwrap_or_else(singletons::none), -1, false)
        }
        FunctoolsFn::Wraps => {
            let mut a = [None; 3];
            bind_python("wraps", &["wrapped", "assigned", "updated"], 1, &[], 0, pos, kw, &mut a)?;
            let [wrapped, assigned, updated] = a;
            let refs = [wrapped.map(new_ref), assigned.map(new_ref), updated.map(new_ref)];
            new_ft(&TYPE_WRAPS, Kind::Wraps, refs, 0, false)
        }
        FunctoolsFn::UpdateWrapper => {
            let mut a = [None; 4];
            bind_python("update_wrapper", &["wrapper", "wrapped", "assigned", "updated"], 2, &[], 0, pos, kw, &mut a)?;
            let [Some(wrapper), Some(wrapped), assigned, updated] = a else { return fail(TypeError, "update_wrapper() missing arguments") };
            update_wrapper(wrapper, wrapped, assigned, updated)
        }
    }
}

// --- wraps ---

/// `WRAPPER_ASSIGNMENTS` (Molt's functions have no `__doc__` or `__annotations__` unless
/// assigned: those are skipped as CPython skips what `getattr` does not find).
const WRAPPER_ASSIGNMENTS: [&str; 5] = ["__module__", "__name__", "__qualname__", "__doc__", "__annotations__"];
/// `WRAPPER_UPDATES`.
const WRAPPER_UPDATES: [&str; 1] = ["__dict__"];

fn str_tuple(names: &[&str]) -> MoltResult<Obj> {
    let mut items = Vec::new();
    for n in names {
        match pystr::str_from_text(n) {
            Ok(s) => items.push(s),
            Err(e) => {
                super::list::release(items);
                return Err(e);
            }
        }
    }
    tuple::tuple_from_vec(items)
}

/// The names of `assigned` / `updated` (the defaults when not given).
fn names_of(given: Option<Obj>, default: &[&str]) -> MoltResult<Owned> {
    match given {
        Some(g) => Ok(Owned(new_ref(g))),
        None => str_tuple(default).map(Owned),
    }
}

/// `update_wrapper(wrapper, wrapped, assigned, updated)`: functools.py's loop.
pub(crate) fn update_wrapper(wrapper: Obj, wrapped: Obj, assigned: Option<Obj>, updated: Option<Obj>) -> MoltResult<Obj> {
    let assigned = names_of(assigned, &WRAPPER_ASSIGNMENTS)?;
    let it = Owned(iter::get_iter(assigned.get())?);
    while let Some(attr) = iter::iter_next(it.get())? {
        let attr = Owned(attr);
        let name = super::attrs::attr_name(attr.get())?;
        match super::attrs::getattr(wrapped, name) {
            Ok(v) => {
                let v = Owned(v);
                super::attrs::setattr(wrapper, attr.get(), Some(v.get()))?;
            }
            Err(e) if e.kind == AttributeError => {}
            Err(e) => return Err(e),
        }
    }
    let updated = names_of(updated, &WRAPPER_UPDATES)?;
    let it = Owned(iter::get_iter(updated.get())?);
    while let Some(attr) = iter::iter_next(it.get())? {
        let attr = Owned(attr);
        let name = super::attrs::attr_name(attr.get())?;
        let target = Owned(super::attrs::getattr(wrapper, name)?);
        let source = match super::attrs::getattr(wrapped, name) {
            Ok(v) => Owned(v),
            Err(e) if e.kind == AttributeError => Owned(dict::new_dict()?),
            Err(e) => return Err(e),
        };
        drop(Owned(super::call::call_method(target.get(), "update", &[source.get()], &[])?));
    }
    let key = Owned(pystr::str_from_text("__wrapped__")?);
    super::attrs::setattr(wrapper, key.get(), Some(wrapped))?;
    Ok(new_ref(wrapper))
}

/// `wraps(...)(wrapper)`.
fn wraps_call(w: Obj, pos: &[Obj], kw: &[(&str, Obj)], _depth: i64) -> MoltResult<Obj> {
    let mut a = [None];
    bind_python("update_wrapper", &["wrapper"], 1, &[], 0, pos, kw, &mut a)?;
    let wrapped = Owned(field(w, 0).unwrap_or_else(singletons::none));
    let (assigned, updated) = (field(w, 1).map(Owned), field(w, 2).map(Owned));
    update_wrapper(a[0].unwrap_or_else(singletons::none), wrapped.get(), assigned.as_ref().map(Owned::get), updated.as_ref().map(Owned::get))
}

/// What `wraps(f)` returns (CPython: a `partial` of `update_wrapper`).
pub static TYPE_WRAPS: TypeObject = TypeObject {
    call: Some(wraps_call),
    heap: Some(HeapKind::Functools),
    ..TypeObject::new("functools._wraps", &TYPE_OBJECT)
};

// --- reduce ---

/// `reduce(function, iterable[, initial])`.
fn reduce(pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("reduce", kw)?;
    super::call::check_positional("reduce", pos.len(), 2, 3)?;
    let (func, seq) = (pos[0], pos[1]);
    let it = match iter::get_iter(seq) {
        Ok(it) => Owned(it),
        Err(e) if e.kind == TypeError => return fail(TypeError, "reduce() arg 2 must support iteration"),
        Err(e) => return Err(e),
    };
    let mut result = pos.get(2).map(|&r| Owned(new_ref(r)));
    while let Some(x) = iter::iter_next(it.get())? {
        let x = Owned(x);
        result = Some(match result {
            None => x,
            Some(acc) => Owned(callable::call_object(func, &[acc.get(), x.get()], &[])?),
        });
    }
    match result {
        Some(r) => Ok(r.release()),
        None => fail(TypeError, "reduce() of empty iterable with no initial value"),
    }
}

// --- partial ---

/// `partial(func, /, *args, **keywords)` (`partial_new`): a partial of a partial is flattened.
fn partial_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let Some((&func, rest)) = pos.split_first() else {
        return fail(TypeError, "type 'partial' takes at least one argument");
    };
    if !callable::is_callable(func) {
        return fail(TypeError, "the first argument must be callable");
    }
    let mut args: Vec<Obj> = Vec::new();
    let keywords = Owned(dict::new_dict()?);
    let mut target = func;
    let inner = (ft_ptr(func).is_some() && func.type_of().is(&TYPE_PARTIAL)).then(|| (field(func, 0), field(func, 1), field(func, 2)));
    let inner = inner.map(|(f, a, k)| (f.map(Owned), a.map(Owned), k.map(Owned)));
    if let Some((Some(f), Some(a), Some(k))) = &inner {
        target = f.get();
        args.extend(tuple::tuple_items(a.get()).unwrap_or(&[]).iter().map(|&o| new_ref(o)));
        dict::update_arg(keywords.get(), k.get())?;
    }
    args.extend(rest.iter().map(|&o| new_ref(o)));
    for &(k, v) in kw {
        let key = Owned(pystr::str_from_text(k)?);
        dict::set_item(keywords.get(), key.get(), v)?;
    }
    let args = tuple::tuple_from_vec(args)?;
    new_ft(t, Kind::Partial, [Some(new_ref(target)), Some(args), Some(keywords.release())], 0, false)
}

/// The keyword pairs of dict `d` (new references to the values; the names copied).
fn keyword_pairs(d: Obj) -> MoltResult<Vec<(String, Owned)>> {
    let mut out = Vec::new();
    for i in 0..dict::nentries(d) {
        if let Some((k, v, _)) = dict::entry_at(d, i) {
            let Some(name) = pystr::str_text(k) else { return fail(TypeError, "keywords must be strings") };
            out.push((String::from(name), Owned(new_ref(v))));
        }
    }
    Ok(out)
}

/// `partial_call`: `func(*args, *pos, **{**keywords, **kw})`.
fn partial_call(p: Obj, pos: &[Obj], kw: &[(&str, Obj)], depth: i64) -> MoltResult<Obj> {
    let (Some(func), Some(args), Some(keywords)) = (field(p, 0), field(p, 1), field(p, 2)) else {
        return fail(TypeError, "partial object is not initialised");
    };
    let (func, args, keywords) = (Owned(func), Owned(args), Owned(keywords));
    let mut all: Vec<Obj> = tuple::tuple_items(args.get()).unwrap_or(&[]).to_vec();
    all.extend_from_slice(pos);
    let stored = keyword_pairs(keywords.get())?;
    // The call's own keywords override, in the stored order first (a dict merge).
    let mut merged: Vec<(&str, Obj)> = Vec::new();
    for (k, v) in &stored {
        match kw.iter().find(|(n, _)| n == k) {
            Some(&(_, cv)) => merged.push((k.as_str(), cv)),
            None => merged.push((k.as_str(), v.get())),
        }
    }
    merged.extend(kw.iter().filter(|(n, _)| !stored.iter().any(|(k, _)| k == n)).copied());
    callable::call_at(func.get(), &all, &merged, depth)
}

/// `partial_repr`: `functools.partial(<function f at 0x…>, 1, x=2)`, `...` when recursive.
fn partial_repr(p: Obj) -> MoltResult<String> {
    if super::list::repr_enter(p)? {
        return Ok(String::from("..."));
    }
    let r = (|| {
        let (Some(func), Some(args), Some(keywords)) = (field(p, 0), field(p, 1), field(p, 2)) else {
            return Ok(String::from("functools.partial()"));
        };
        let (func, args, keywords) = (Owned(func), Owned(args), Owned(keywords));
        let mut out = format!("functools.partial({}", dispatch::repr_of(func.get())?);
        for &a in tuple::tuple_items(args.get()).unwrap_or(&[]) {
            out.push_str(", ");
            out.push_str(&dispatch::repr_of(a)?);
        }
        for (k, v) in keyword_pairs(keywords.get())? {
            out.push_str(&format!(", {k}={}", dispatch::repr_of(v.get())?));
        }
        out.push(')');
        Ok(out)
    })();
    super::list::repr_leave(p);
    r
}

/// `p.func`, `p.args`, `p.keywords`.
fn partial_attributes(p: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let i = match name {
        "func" => 0,
        "args" => 1,
        "keywords" => 2,
        _ => return None,
    };
    Some(Ok(field(p, i).unwrap_or_else(singletons::none)))
}

/// `functools.partial`.
pub static TYPE_PARTIAL: TypeObject = TypeObject {
    new: Some(partial_new),
    call: Some(partial_call),
    repr: Some(partial_repr),
    attributes: Some(partial_attributes),
    heap: Some(HeapKind::Functools),
    ..TypeObject::new("functools.partial", &TYPE_OBJECT)
};

// --- cmp_to_key ---

/// `K(obj)`: a key wrapping `obj`.
fn keywrapper_call(k: Obj, pos: &[Obj], kw: &[(&str, Obj)], _depth: i64) -> MoltResult<Obj> {
    let [obj] = super::call::unpack_args("K", ["obj"], 0, 1, 1, pos, kw)?;
    let cmp = field(k, 0).unwrap_or_else(singletons::none);
    new_ft(&TYPE_KEYWRAPPER, Kind::KeyWrapper, [Some(cmp), obj.map(new_ref), None], 0, false)
}

/// `keyobject_richcompare`: `mycmp(x, y) OP 0`.
fn keywrapper_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if !w.type_of().is(&TYPE_KEYWRAPPER) {
        return fail(TypeError, "other argument must be K instance");
    }
    let (Some(x), Some(y)) = (field(v, 1), field(w, 1)) else { return fail(AttributeError, "object") };
    let (x, y) = (Owned(x), Owned(y));
    let cmp = Owned(field(v, 0).unwrap_or_else(singletons::none));
    let res = Owned(callable::call_object(cmp.get(), &[x.get(), y.get()], &[])?);
    dispatch::rich_compare(op, res.get(), Obj::small(0).unwrap_or_default())
}

fn keywrapper_attributes(k: Obj, name: &str) -> Option<MoltResult<Obj>> {
    (name == "obj").then(|| match field(k, 1) {
        Some(o) => Ok(o),
        None => fail(AttributeError, "obj"),
    })
}

/// `functools.KeyWrapper`.
pub static TYPE_KEYWRAPPER: TypeObject = TypeObject {
    call: Some(keywrapper_call),
    richcompare: Some(keywrapper_richcompare),
    hash: Some(super::dict::unhashable),
    attributes: Some(keywrapper_attributes),
    heap: Some(HeapKind::Functools),
    ..TypeObject::new("functools.KeyWrapper", &TYPE_OBJECT)
};

// --- lru_cache ---

/// `lru_cache(maxsize=128, typed=False)`.
fn lru_cache(pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let mut a = [None, None];
    bind_python("lru_cache", &["maxsize", "typed"], 0, &[], 0, pos, kw, &mut a)?;
    let [maxsize, typed] = a;
    let typed_obj = typed.unwrap_or_else(|| singletons::bool_obj(false));
    let typed = dispatch::truth(typed_obj)?;
    let size = match maxsize {
        None => 128,
        Some(m) if int::is_int(m) || singletons::is_bool(m) => match dispatch::as_index(m, crate::ExceptionKind::OverflowError)? {
            Some(v) => v.max(0),
            None => 0,
        },
        Some(m) if singletons::is_none(m) => -1,
        Some(m) if callable::is_callable(m) && singletons::is_bool(typed_obj) => return new_wrapper(m, 128, typed),
        Some(_) => return fail(TypeError, "Expected first argument to be an integer, a callable, or None"),
    };
    new_ft(&TYPE_LRU_DECORATOR, Kind::LruDecorator, [None, None, None], size, typed)
}

/// `_lru_cache_wrapper(user_function, maxsize, typed, _CacheInfo)`.
fn new_wrapper(func: Obj, maxsize: i64, typed: bool) -> MoltResult<Obj> {
    if !callable::is_callable(func) {
        return fail(TypeError, "the first argument must be callable");
    }
    let cache = dict::new_dict()?;
    new_ft(&TYPE_LRU_WRAPPER, Kind::LruWrapper, [Some(new_ref(func)), Some(cache), None], maxsize, typed)
}

/// `decorating_function(user_function)`.
fn decorator_call(d: Obj, pos: &[Obj], kw: &[(&str, Obj)], _depth: i64) -> MoltResult<Obj> {
    let mut a = [None];
    bind_python("lru_cache.<locals>.decorating_function", &["user_function"], 1, &[], 0, pos, kw, &mut a)?;
    let Some(p) = ft_ptr(d) else { return fail(TypeError, "not a decorator") };
    // SAFETY: a live functools object; plain fields.
    let (maxsize, typed) = unsafe { ((*p).maxsize, (*p).typed) };
    new_wrapper(a[0].unwrap_or_else(singletons::none), maxsize, typed)
}

/// `functools._lru_cache_wrapper`'s decorator (`lru_cache(...)` with arguments).
pub static TYPE_LRU_DECORATOR: TypeObject = TypeObject {
    call: Some(decorator_call),
    heap: Some(HeapKind::Functools),
    ..TypeObject::new("functools._lru_cache_decorator", &TYPE_OBJECT)
};

/// The marker between the positional and keyword arguments of a key (`kwd_mark`).
static KWD_MARK: super::types::TypeObject = TypeObject::new("functools._kwd_mark", &TYPE_OBJECT);

/// `lru_cache_make_key`.
fn make_key(pos: &[Obj], kw: &[(&str, Obj)], typed: bool) -> MoltResult<Obj> {
    if !typed && kw.is_empty() {
        if let [x] = pos
            && ((int::is_int(*x) && !singletons::is_bool(*x)) || x.type_of().is(&pystr::molt_type_str))
        {
            return Ok(new_ref(*x));
        }
        return tuple::tuple_from_slice(pos);
    }
    let mut items: Vec<Obj> = pos.iter().map(|&o| new_ref(o)).collect();
    let names: Vec<Owned> = kw.iter().map(|&(k, _)| pystr::str_from_text(k).map(Owned)).collect::<MoltResult<_>>()?;
    if !kw.is_empty() {
        items.push(super::attrs::class_value(&KWD_MARK));
        for (n, &(_, v)) in names.iter().zip(kw) {
            items.push(new_ref(n.get()));
            items.push(new_ref(v));
        }
    }
    if typed {
        for &o in pos {
            items.push(super::attrs::class_value(o.type_of()));
        }
        for &(_, v) in kw {
            items.push(super::attrs::class_value(v.type_of()));
        }
    }
    tuple::tuple_from_vec(items)
}

/// The cached call (`infinite_lru_cache_wrapper`, `bounded_lru_cache_wrapper`,
/// `uncached_lru_cache_wrapper`).
fn wrapper_call(w: Obj, pos: &[Obj], kw: &[(&str, Obj)], depth: i64) -> MoltResult<Obj> {
    let Some(p) = ft_ptr(w) else { return fail(TypeError, "not an lru_cache wrapper") };
    let (Some(func), Some(cache)) = (field(w, 0), field(w, 1)) else { return fail(TypeError, "cleared lru_cache wrapper") };
    let (func, cache) = (Owned(func), Owned(cache));
    // SAFETY: a live functools object; plain fields.
    let (maxsize, typed) = unsafe { ((*p).maxsize, (*p).typed) };
    if maxsize == 0 {
        // SAFETY: as above.
        unsafe { (*p).misses += 1 };
        return callable::call_at(func.get(), pos, kw, depth);
    }
    let key = Owned(make_key(pos, kw, typed)?);
    let hash = dispatch::hash(key.get())?;
    if let Some(v) = dict::get_known_hash(cache.get(), key.get(), hash)? {
        let v = Owned(new_ref(v));
        // SAFETY: as above.
        unsafe { (*p).hits += 1 };
        if maxsize > 0 {
            // The most recently used key goes last.
            if let Some(old) = dict::pop_known_hash(cache.get(), key.get(), hash)? {
                let old = Owned(old);
                dict::set_item(cache.get(), key.get(), old.get())?;
            }
        }
        return Ok(v.release());
    }
    // SAFETY: as above.
    unsafe { (*p).misses += 1 };
    let result = Owned(callable::call_at(func.get(), pos, kw, depth)?);
    if maxsize > 0 {
        if dict::get_known_hash(cache.get(), key.get(), hash)?.is_some() {
            // The call itself cached this key (a recursive call): keep that entry.
            return Ok(result.release());
        }
        if dict::dict_len(cache.get()) as i64 >= maxsize
            && let Some((k, v)) = dict::pop_first(cache.get())
        {
            drop((Owned(k), Owned(v)));
        }
    }
    dict::set_item(cache.get(), key.get(), result.get())?;
    Ok(result.release())
}

/// The `CacheInfo` class (`namedtuple('CacheInfo', ["hits", "misses", "maxsize", "currsize"])`
/// of module functools), made once (an immortal class, like every namedtuple class).
static CACHE_INFO: crate::sys::Global<Option<Obj>> = crate::sys::Global::new(None);

fn cache_info_class() -> MoltResult<Obj> {
    if let Some(c) = CACHE_INFO.with(|c| *c) {
        return Ok(c);
    }
    let name = Owned(pystr::str_from_text("CacheInfo")?);
    let fields = Owned(pystr::str_from_text("hits misses maxsize currsize")?);
    let module = Owned(pystr::str_from_text("functools")?);
    let c = super::collections::namedtuple::namedtuple(&[name.get(), fields.get()], &[("module", module.get())])?;
    CACHE_INFO.with(|slot| *slot = Some(c));
    Ok(c)
}

fn m_cache_info(w: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(w, "cache_info", pos, kw)?;
    let Some(p) = ft_ptr(w) else { return fail(TypeError, "not an lru_cache wrapper") };
    // SAFETY: a live functools object; plain fields.
    let (hits, misses, maxsize) = unsafe { ((*p).hits, (*p).misses, (*p).maxsize) };
    let size = field(w, 1).map(Owned).map_or(0, |c| dict::dict_len(c.get()));
    let vals = [
        Owned(int::from_i64(hits as i64)?),
        Owned(int::from_i64(misses as i64)?),
        Owned(if maxsize < 0 { singletons::none() } else { int::from_i64(maxsize)? }),
        Owned(int::from_i64(size as i64)?),
    ];
    let cls = cache_info_class()?;
    let args: Vec<Obj> = vals.iter().map(Owned::get).collect();
    callable::call_object(cls, &args, &[])
}

fn m_cache_clear(w: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_args(w, "cache_clear", pos, kw)?;
    if let Some(p) = ft_ptr(w) {
        // SAFETY: a live functools object; plain fields.
        unsafe {
            (*p).hits = 0;
            (*p).misses = 0;
        }
    }
    if let Some(c) = field(w, 1).map(Owned) {
        dict::clear(c.get());
    }
    Ok(singletons::none())
}

/// `cache_parameters()`: `{'maxsize': …, 'typed': …}`.
fn m_cache_parameters(w: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    bind_python("lru_cache.<locals>.<lambda>", &[], 0, &[], 0, pos, kw, &mut [])?;
    let Some(p) = ft_ptr(w) else { return fail(TypeError, "not an lru_cache wrapper") };
    // SAFETY: a live functools object; plain fields.
    let (maxsize, typed) = unsafe { ((*p).maxsize, (*p).typed) };
    let d = Owned(dict::new_dict()?);
    let m = Owned(if maxsize < 0 { singletons::none() } else { int::from_i64(maxsize)? });
    let (km, kt) = (Owned(pystr::str_from_text("maxsize")?), Owned(pystr::str_from_text("typed")?));
    dict::set_item(d.get(), km.get(), m.get())?;
    dict::set_item(d.get(), kt.get(), singletons::bool_obj(typed))?;
    Ok(d.release())
}

static LRU_METHODS: &[MethodDef] = &[
    MethodDef { name: "cache_info", call: m_cache_info },
    MethodDef { name: "cache_clear", call: m_cache_clear },
    MethodDef { name: "cache_parameters", call: m_cache_parameters },
];

/// `update_wrapper`'s copies: `__module__`, `__name__`, `__qualname__`, `__doc__` are the
/// wrapped function's; `__wrapped__` is the function.
fn wrapper_attributes(w: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let func = Owned(field(w, 0)?);
    match name {
        "__wrapped__" => Some(Ok(new_ref(func.get()))),
        "__module__" | "__name__" | "__qualname__" | "__doc__" => Some(super::attrs::getattr(func.get(), name)),
        _ => None,
    }
}

/// A wrapper found on a class binds like a function (`_lru_cache_wrapper`'s `__get__`).
fn wrapper_descr_get(w: Obj, obj: Option<Obj>, _: &'static TypeObject) -> MoltResult<Obj> {
    match obj {
        Some(o) => super::descr::bound_method(w, o),
        None => Ok(new_ref(w)),
    }
}

/// `functools._lru_cache_wrapper`.
pub static TYPE_LRU_WRAPPER: TypeObject = TypeObject {
    call: Some(wrapper_call),
    methods: LRU_METHODS,
    attributes: Some(wrapper_attributes),
    ext: Some(&super::types::TypeExt { descr_get: Some(wrapper_descr_get), ..super::types::TypeExt::EMPTY }),
    heap: Some(HeapKind::Functools),
    ..TypeObject::new("functools._lru_cache_wrapper", &TYPE_OBJECT)
};

// --- the collector and `alloc` ---

/// Visits the references of a functools object.
///
/// # Safety
/// `h` is a live functools object.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    for r in unsafe { (*h.cast::<FtObject>()).refs }.into_iter().flatten() {
        visit(r);
    }
}

/// Drops the references of an unreachable functools object.
///
/// # Safety
/// `h` is a live functools object the collector found unreachable.
pub(crate) unsafe fn clear(h: *mut Header) {
    // SAFETY: forwarded contract; the fields are emptied before the references are dropped.
    unsafe {
        let refs = core::mem::take(&mut (*h.cast::<FtObject>()).refs);
        for r in refs.into_iter().flatten() {
            decref(r);
        }
    }
}

/// Frees a functools object.
///
/// # Safety
/// `h` is a functools object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    // SAFETY: forwarded contract: the references are read, the block freed, then each dropped.
    unsafe {
        let refs = (*h.cast::<FtObject>()).refs;
        free_raw(h, Layout::new::<FtObject>(), HeapKind::Functools);
        for r in refs.into_iter().flatten() {
            decref(r);
        }
    }
}
