//! Descriptors and method objects: `staticmethod`, `classmethod`, `property`, bound methods
//! (`method`), builtin methods bound to their receiver (`[].append`), and the attributes the
//! builtin classes `object` and `BaseException` give heap classes (`object.__init__`,
//! `BaseException.__init__`, …: static "slot wrapper" objects).
//!
//! Relies on: `alloc` (kinds `BoundMethod`, `BuiltinMethod`, `StaticMethod`, `ClassMethod`,
//! `Property`: containers); `callable` for calls; `class` for MRO lookups; `instance` for the
//! generic attribute protocol the wrappers of `object` expose; `slots` for `object.__new__` /
//! `object.__init__`; `exception` for `BaseException.__new__` / `__init__`. The references are
//! CPython 3.11's `Objects/funcobject.c` (`sm_descr_get`, `cm_descr_get`, `sm_repr`, `cm_repr`,
//! `sm_call`), `Objects/descrobject.c` (`property_descr_get`, `property_descr_set` and their
//! messages, `property_copy`, `wrapperdescr_repr`), `Objects/classobject.c` (`method_repr`,
//! `method_hash`, `method_richcompare`, `method_vectorcall`) and `Objects/methodobject.c`
//! (`meth_repr`).
//!
//! Provides: the type objects, [`staticmethod_new`], [`classmethod_new`], [`bound_method`],
//! [`builtin_method`], [`get`] (the `__get__` protocol of whatever a lookup found),
//! [`is_data_descriptor`], [`set`] (a data descriptor's `__set__` / `__delete__`),
//! [`call_unbound`], [`static_attr`] / [`is_static_wrapper`] / [`bind_wrapper`] / [`Wrapper`],
//! [`property_set_name`]; `free` / `traverse` / `clear` for `alloc` and `gc`.
//!
//! Invariants: every object here owns the references it holds (a bound method its function and
//! receiver; a property its getter, setter, deleter, doc and name), never changed after it is
//! made (a property's name excepted, set once by `__set_name__`). The wrapper objects are
//! immortal statics. Results are new references.

use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::call::{check_positional, no_keywords_for, unpack_args};
use super::class;
use super::range::Owned;
use super::types::{MethodDef, TYPE_OBJECT, TYPE_TYPE, TypeObject, as_type, hash_pointer, is_subtype};
use super::{Header, Obj, StaticObject, decref, dispatch, exception as exc, function, new_ref, singletons, str as pystr};
use crate::CompareOp;
use crate::ExceptionKind::{AttributeError, TypeError};
use crate::exceptions::{MoltError, MoltResult, fail};

/// `staticmethod`, `classmethod`, `property` and bound methods: up to five owned references.
#[repr(C)]
pub struct DescrObject {
    pub header: Header,
    /// staticmethod / classmethod: [func]; property: [fget, fset, fdel, doc, name] (None when
    /// absent); bound method: [func, self].
    slots: [Obj; 5],
}

/// A builtin method bound to its receiver.
#[repr(C)]
pub struct BuiltinMethodObject {
    pub header: Header,
    recv: Obj,
    def: &'static MethodDef,
}

/// `staticmethod`.
pub static TYPE_STATICMETHOD: TypeObject = TypeObject {
    new: Some(staticmethod_slot_new),
    repr: Some(wrapped_repr),
    heap: Some(HeapKind::StaticMethod),
    call: Some(staticmethod_call),
    attributes: Some(attribute),
    ..TypeObject::new("staticmethod", &TYPE_OBJECT)
};

/// `classmethod`.
pub static TYPE_CLASSMETHOD: TypeObject = TypeObject {
    new: Some(classmethod_slot_new),
    repr: Some(wrapped_repr),
    heap: Some(HeapKind::ClassMethod),
    attributes: Some(attribute),
    ..TypeObject::new("classmethod", &TYPE_OBJECT)
};

/// `property`.
pub static TYPE_PROPERTY: TypeObject = TypeObject {
    new: Some(property_slot_new),
    heap: Some(HeapKind::Property),
    attributes: Some(attribute),
    methods: &PROPERTY_METHODS,
    ..TypeObject::new("property", &TYPE_OBJECT)
};

/// `method` (bound methods).
pub static TYPE_METHOD: TypeObject = TypeObject {
    repr: Some(method_repr),
    richcompare: Some(method_richcompare),
    hash: Some(method_hash),
    heap: Some(HeapKind::BoundMethod),
    call: Some(method_call),
    attributes: Some(attribute),
    ..TypeObject::new("method", &TYPE_OBJECT)
};

/// `builtin_function_or_method` bound to a receiver.
pub static TYPE_BUILTIN_METHOD: TypeObject = TypeObject {
    repr: Some(builtin_method_repr),
    richcompare: Some(builtin_method_richcompare),
    hash: Some(builtin_method_hash),
    heap: Some(HeapKind::BuiltinMethod),
    call: Some(builtin_method_call),
    attributes: Some(attribute),
    ..TypeObject::new("builtin_function_or_method", &TYPE_OBJECT)
};

static PROPERTY_METHODS: [MethodDef; 3] = [
    MethodDef { name: "getter", call: |p, pos, kw| property_copy(p, 0, "getter", pos, kw) },
    MethodDef { name: "setter", call: |p, pos, kw| property_copy(p, 1, "setter", pos, kw) },
    MethodDef { name: "deleter", call: |p, pos, kw| property_copy(p, 2, "deleter", pos, kw) },
];

fn descr_ptr(o: Obj, t: &'static TypeObject) -> Option<*mut DescrObject> {
    if !o.type_of().is(t) {
        return None;
    }
    o.header_ptr().map(|h| h.cast::<DescrObject>().cast_mut())
}

/// The references of a descriptor of type `t` (borrowed), if `o` is one.
fn slots_of(o: Obj, t: &'static TypeObject) -> Option<[Obj; 5]> {
    // SAFETY: an object of one of these types is a `DescrObject`, alive while `o` is.
    descr_ptr(o, t).map(|p| unsafe { (*p).slots })
}

fn builtin_method_ref<'a>(o: Obj) -> Option<&'a BuiltinMethodObject> {
    if !o.type_of().is(&TYPE_BUILTIN_METHOD) {
        return None;
    }
    // SAFETY: an object of this type is a `BuiltinMethodObject`, alive while `o` is.
    o.header_ptr().map(|h| unsafe { &*h.cast::<BuiltinMethodObject>() })
}

/// A new descriptor of type `t` holding new references to `slots`.
fn make(t: &'static TypeObject, slots: [Obj; 5]) -> MoltResult<Obj> {
    let p = alloc_container(Layout::new::<DescrObject>(), t)?.cast::<DescrObject>();
    // SAFETY: a fresh block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).slots).write(slots.map(new_ref));
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// `staticmethod(func)`.
pub fn staticmethod_new(func: Obj) -> MoltResult<Obj> {
    let n = singletons::none();
    make(&TYPE_STATICMETHOD, [func, n, n, n, n])
}

/// `classmethod(func)`.
pub fn classmethod_new(func: Obj) -> MoltResult<Obj> {
    let n = singletons::none();
    make(&TYPE_CLASSMETHOD, [func, n, n, n, n])
}

/// A method object binding `func` to `self_` (`PyMethod_New`).
pub fn bound_method(func: Obj, self_: Obj) -> MoltResult<Obj> {
    let n = singletons::none();
    make(&TYPE_METHOD, [func, self_, n, n, n])
}

/// Builtin method `def` bound to `recv` (`[].append` as a value).
pub fn builtin_method(recv: Obj, def: &'static MethodDef) -> MoltResult<Obj> {
    new_builtin_method(&TYPE_BUILTIN_METHOD, recv, def)
}

/// `method_descriptor`: builtin type `t`'s method `def` read from the type (`str.lower`, a key
/// function), called with the receiver first. The layout of a bound builtin method, the type
/// object in the receiver's place.
pub static TYPE_METHOD_DESCRIPTOR: TypeObject = TypeObject {
    repr: Some(method_descriptor_repr),
    heap: Some(HeapKind::BuiltinMethod),
    call: Some(method_descriptor_call),
    ..TypeObject::new("method_descriptor", &TYPE_OBJECT)
};

/// The method of an object laid out as a bound builtin method (kind `BuiltinMethod`: a bound
/// builtin method, a method descriptor, `builtin_dunder`'s class method descriptor).
pub(crate) fn builtin_method_def(o: Obj) -> Option<&'static MethodDef> {
    if o.type_of().heap != Some(HeapKind::BuiltinMethod) {
        return None;
    }
    // SAFETY: an object of this kind is a `BuiltinMethodObject`, alive while `o` is.
    o.header_ptr().map(|h| unsafe { (*h.cast::<BuiltinMethodObject>()).def })
}

/// `str.lower` as a value.
pub fn method_descriptor(t: &'static TypeObject, def: &'static MethodDef) -> MoltResult<Obj> {
    let cls = Owned(super::attrs::class_value(t));
    new_builtin_method(&TYPE_METHOD_DESCRIPTOR, cls.get(), def)
}

/// The type and method of a method descriptor.
fn method_descriptor_parts(o: Obj) -> Option<(&'static TypeObject, &'static MethodDef)> {
    if !o.type_of().is(&TYPE_METHOD_DESCRIPTOR) {
        return None;
    }
    // SAFETY: an object of this type is a `BuiltinMethodObject`, alive while `o` is.
    let b = o.header_ptr().map(|h| unsafe { &*h.cast::<BuiltinMethodObject>() })?;
    Some((as_type(b.recv)?, b.def))
}

/// `method_repr` of a descriptor: `<method 'lower' of 'str' objects>`.
fn method_descriptor_repr(o: Obj) -> MoltResult<String> {
    let Some((t, def)) = method_descriptor_parts(o) else { return Ok(String::from("<method ?>")) };
    Ok(format!("<method '{}' of '{}' objects>", def.name, t.name))
}

/// `method_vectorcall_*` through a descriptor: the first argument is the receiver, of the type
/// (`descr_check`'s TypeErrors otherwise).
fn method_descriptor_call(m: Obj, pos: &[Obj], kw: &[(&str, Obj)], depth: i64) -> MoltResult<Obj> {
    let Some((t, def)) = method_descriptor_parts(m) else { return super::callable::not_callable(m) };
    let Some((&recv, rest)) = pos.split_first() else {
        return fail(TypeError, format!("unbound method {}.{}() needs an argument", t.short_name(), def.name));
    };
    if !is_subtype(recv.type_of(), t) {
        return fail(
            TypeError,
            format!("descriptor '{}' for '{}' objects doesn't apply to a '{}' object", def.name, t.name, recv.type_of().name),
        );
    }
    super::callable::check_levels(depth, &[(1, super::callable::WHILE_CALLING)])?;
    super::callable::with_depth(depth.saturating_add(1), || (def.call)(recv, rest, kw))
}

pub(crate) fn new_builtin_method(t: &'static TypeObject, recv: Obj, def: &'static MethodDef) -> MoltResult<Obj> {
    let p = alloc_container(Layout::new::<BuiltinMethodObject>(), t)?.cast::<BuiltinMethodObject>();
    // SAFETY: a fresh block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).recv).write(new_ref(recv));
        core::ptr::addr_of_mut!((*p).def).write(def);
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// Visits what a descriptor or method holds.
///
/// # Safety
/// `h` is a live object of kind `kind`.
pub(crate) unsafe fn traverse(h: *const Header, kind: HeapKind, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    unsafe {
        if kind == HeapKind::BuiltinMethod {
            visit((*h.cast::<BuiltinMethodObject>()).recv);
            return;
        }
        for o in (*h.cast::<DescrObject>()).slots {
            visit(o);
        }
    }
}

/// Drops what an unreachable descriptor or method holds.
///
/// # Safety
/// `h` is a live object of kind `kind` that the collector found unreachable.
pub(crate) unsafe fn clear(h: *mut Header, kind: HeapKind) {
    // SAFETY: forwarded contract; each slot is left the small int 0.
    unsafe {
        if kind == HeapKind::BuiltinMethod {
            super::gc::clear_slot(core::ptr::addr_of_mut!((*h.cast::<BuiltinMethodObject>()).recv));
            return;
        }
        let p = h.cast::<DescrObject>();
        for i in 0..5 {
            super::gc::clear_slot(core::ptr::addr_of_mut!((*p).slots[i]));
        }
    }
}

/// Frees a descriptor or method, releasing what it holds.
///
/// # Safety
/// `h` is an object of kind `kind` with no reference left.
pub(crate) unsafe fn free(h: *mut Header, kind: HeapKind) {
    // SAFETY: forwarded contract: the references are released once, after the block is freed.
    unsafe {
        if kind == HeapKind::BuiltinMethod {
            let recv = (*h.cast::<BuiltinMethodObject>()).recv;
            free_raw(h, Layout::new::<BuiltinMethodObject>(), kind);
            decref(recv);
            return;
        }
        let slots = (*h.cast::<DescrObject>()).slots;
        free_raw(h, Layout::new::<DescrObject>(), kind);
        for o in slots {
            decref(o);
        }
    }
}

// --- constructors as classes ---

fn staticmethod_slot_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("staticmethod", kw)?;
    check_positional("staticmethod", pos.len(), 1, 1)?;
    staticmethod_new(pos[0])
}

fn classmethod_slot_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("classmethod", kw)?;
    check_positional("classmethod", pos.len(), 1, 1)?;
    classmethod_new(pos[0])
}

/// `property(fget=None, fset=None, fdel=None, doc=None)`.
fn property_slot_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [g, s, d, doc] = unpack_args("property", ["fget", "fset", "fdel", "doc"], 0, 0, 4, pos, kw)?;
    let n = singletons::none();
    make(&TYPE_PROPERTY, [g.unwrap_or(n), s.unwrap_or(n), d.unwrap_or(n), doc.unwrap_or(n), n])
}

/// `property.getter/setter/deleter(f)` (`property_copy`): a new property with `f` in place
/// `which`.
fn property_copy(p: Obj, which: usize, name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let Some(mut s) = slots_of(p, &TYPE_PROPERTY) else { return fail(TypeError, "descriptor requires a 'property' object") };
    if !kw.is_empty() {
        return fail(TypeError, format!("property.{name}() takes no keyword arguments"));
    }
    if pos.len() != 1 {
        return fail(TypeError, format!("property.{name}() takes exactly one argument ({} given)", pos.len()));
    }
    s[which] = pos[0];
    make(&TYPE_PROPERTY, s)
}

/// `property.__set_name__`: records the attribute name for the messages.
pub fn property_set_name(p: Obj, name: Obj) {
    if let Some(ptr) = descr_ptr(p, &TYPE_PROPERTY) {
        // SAFETY: a live property; the slot is replaced with its own reference.
        let old = unsafe { core::ptr::replace(core::ptr::addr_of_mut!((*ptr).slots[4]), new_ref(name)) };
        // SAFETY: the property owned the old name.
        unsafe { decref(old) };
    }
}

/// Whether `o` is a property.
pub fn is_property(o: Obj) -> bool {
    o.type_of().is(&TYPE_PROPERTY)
}

// --- the descriptor protocol ---

/// Whether `d` (found on a class) is a data descriptor: a property, or an instance of a class
/// defining `__set__` or `__delete__` (`PyDescr_IsData`).
pub fn is_data_descriptor(d: Obj) -> bool {
    if is_property(d) {
        return true;
    }
    let t = d.type_of();
    if t.ext.is_some_and(|e| e.descr_set.is_some()) {
        return true;
    }
    class::is_heap(t) && (class::find(t, "__set__", |_| false).is_some() || class::find(t, "__delete__", |_| false).is_some())
}

/// Whether `o`'s type defines `__get__`, `__set__` or `__delete__` (`enum`'s
/// `_is_descriptor`): functions, the method wrappers, `staticmethod`, `classmethod`,
/// `property`, method descriptors, the builtin types with a `tp_descr_get` and the classes that
/// define one of the three. Builtin functions and classes are none.
pub fn is_descriptor(o: Obj) -> bool {
    let t = o.type_of();
    function::is_function(o)
        || wrapper_of(o).is_some()
        || t.is(&TYPE_STATICMETHOD)
        || t.is(&TYPE_CLASSMETHOD)
        || t.is(&TYPE_METHOD_DESCRIPTOR)
        || t.ext.is_some_and(|e| e.descr_get.is_some())
        || is_data_descriptor(o)
        || (class::is_heap(t) && class::find(t, "__get__", |_| false).is_some())
}

/// `type(d).__get__(d, obj, t)` for what a lookup on class `t` found (`obj` None for a lookup
/// on the class itself); `d` itself when it is no descriptor.
pub fn get(d: Obj, obj: Option<Obj>, t: &'static TypeObject) -> MoltResult<Obj> {
    let dt = d.type_of();
    if function::is_function(d) {
        return match obj {
            Some(o) => bound_method(d, o),
            None => Ok(new_ref(d)),
        };
    }
    if let Some(s) = slots_of(d, &TYPE_STATICMETHOD) {
        return Ok(new_ref(s[0]));
    }
    if let Some(s) = slots_of(d, &TYPE_CLASSMETHOD) {
        let cls = Owned(super::attrs::class_value(t));
        return bound_method(s[0], cls.get());
    }
    if let Some(s) = slots_of(d, &TYPE_PROPERTY) {
        let Some(o) = obj else { return Ok(new_ref(d)) };
        if singletons::is_none(s[0]) {
            return Err(property_error(s[4], o, "getter"));
        }
        return super::callable::call_object(s[0], &[o], &[]);
    }
    if let (Some((_, def)), Some(o)) = (method_descriptor_parts(d), obj) {
        return builtin_method(o, def);
    }
    if let Some(w) = wrapper_of(d) {
        return match (w.which, obj) {
            (which, _) if which.is_new() => Ok(new_ref(d)),
            (Wrapper::ObjectInitSubclass, _) => bind_wrapper(w.which, super::attrs::class_value(t)),
            (_, Some(o)) => bound_method(d, o),
            (_, None) => Ok(new_ref(d)),
        };
    }
    if let Some(g) = dt.ext.and_then(|e| e.descr_get) {
        return g(d, obj, t);
    }
    if class::is_heap(dt)
        && let Some(class::Found::Value(g)) = class::find(dt, "__get__", |_| false)
    {
        let cls = Owned(super::attrs::class_value(t));
        return call_unbound(g.get(), d, &[obj.unwrap_or_else(singletons::none), cls.get()], &[]);
    }
    Ok(new_ref(d))
}

/// "property 'x' of 'C' object has no setter" (`property_descr_set`'s messages).
fn property_error(name: Obj, obj: Obj, what: &str) -> MoltError {
    let ty = obj.type_of().name;
    match pystr::str_text(name) {
        Some(n) => MoltError::new(AttributeError, format!("property {} of '{ty}' object has no {what}", pystr::str_repr(n))),
        None => MoltError::new(AttributeError, format!("property of '{ty}' object has no {what}")),
    }
}

/// `type(d).__set__(d, obj, value)` / `__delete__(d, obj)` (`value` None) for a data
/// descriptor `d`.
pub fn set(d: Obj, obj: Obj, value: Option<Obj>) -> MoltResult<()> {
    if let Some(s) = slots_of(d, &TYPE_PROPERTY) {
        let (f, what) = match value {
            Some(_) => (s[1], "setter"),
            None => (s[2], "deleter"),
        };
        if singletons::is_none(f) {
            return Err(property_error(s[4], obj, what));
        }
        let r = match value {
            Some(v) => super::callable::call_object(f, &[obj, v], &[])?,
            None => super::callable::call_object(f, &[obj], &[])?,
        };
        drop(Owned(r));
        return Ok(());
    }
    let dt = d.type_of();
    if let Some(f) = dt.ext.and_then(|e| e.descr_set) {
        return f(d, obj, value);
    }
    let (name, args): (&str, Vec<Obj>) = match value {
        Some(v) => ("__set__", alloc::vec![obj, v]),
        None => ("__delete__", alloc::vec![obj]),
    };
    match class::find(dt, name, |_| false) {
        Some(class::Found::Value(f)) => {
            let r = call_unbound(f.get(), d, &args, &[])?;
            drop(Owned(r));
            Ok(())
        }
        _ => fail(AttributeError, format!("__{}__", if value.is_some() { "set" } else { "delete" })),
    }
}

/// Calls `f`, found on `self_`'s class, as a method of `self_`: a function directly with
/// `self_` first, anything else through its `__get__`.
pub fn call_unbound(f: Obj, self_: Obj, args: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if function::is_function(f) || wrapper_of(f).is_some() {
        let mut all: Vec<Obj> = Vec::with_capacity(args.len() + 1);
        all.push(self_);
        all.extend_from_slice(args);
        if let Some(w) = wrapper_of(f)
            && w.which.is_new()
        {
            return super::callable::call_object(f, args, kw);
        }
        return super::callable::call_object(f, &all, kw);
    }
    let bound = Owned(get(f, Some(self_), self_.type_of())?);
    super::callable::call_object(bound.get(), args, kw)
}

// --- calls, reprs, attributes ---

/// `staticmethod(f)(*args)` calls `f` (`sm_call`).
fn staticmethod_call(sm: Obj, pos: &[Obj], kw: &[(&str, Obj)], depth: i64) -> MoltResult<Obj> {
    match slots_of(sm, &TYPE_STATICMETHOD) {
        Some(s) => super::callable::call_at(s[0], pos, kw, depth),
        None => super::callable::not_callable(sm),
    }
}

/// A bound method's call: the function with the receiver first.
fn method_call(m: Obj, pos: &[Obj], kw: &[(&str, Obj)], depth: i64) -> MoltResult<Obj> {
    let Some(s) = slots_of(m, &TYPE_METHOD) else { return super::callable::not_callable(m) };
    let mut all: Vec<Obj> = Vec::new();
    if all.try_reserve_exact(pos.len() + 1).is_err() {
        return super::alloc::memory_error();
    }
    all.push(s[1]);
    all.extend_from_slice(pos);
    // The method object (the caller's) keeps the function and receiver alive.
    super::callable::call_at(s[0], &all, kw, depth)
}

/// The function and receiver of bound method `m` (borrowed), if it is one.
pub fn method_parts(m: Obj) -> Option<(Obj, Obj)> {
    slots_of(m, &TYPE_METHOD).map(|s| (s[0], s[1]))
}

fn builtin_method_call(m: Obj, pos: &[Obj], kw: &[(&str, Obj)], depth: i64) -> MoltResult<Obj> {
    let Some(b) = builtin_method_ref(m) else { return super::callable::not_callable(m) };
    let (recv, call) = (b.recv, b.def.call);
    super::callable::check_levels(depth, &[(1, super::callable::WHILE_CALLING)])?;
    super::callable::with_depth(depth.saturating_add(1), || call(recv, pos, kw))
}

/// `sm_repr` / `cm_repr`: `<staticmethod(<function C.f at 0x…>)>`.
fn wrapped_repr(o: Obj) -> MoltResult<String> {
    let inner = slots_of(o, o.type_of()).map(|s| s[0]).unwrap_or_else(singletons::none);
    Ok(format!("<{}({})>", o.type_of().name, dispatch::repr_of(inner)?))
}

/// `method_repr`: `<bound method C.f of <__main__.C object at 0x…>>`.
fn method_repr(o: Obj) -> MoltResult<String> {
    let Some((f, s)) = method_parts(o) else { return Ok(String::from("<bound method ?>")) };
    let name = super::attrs::getattr(f, "__qualname__")
        .or_else(|_| super::attrs::getattr(f, "__name__"))
        .ok()
        .map(Owned);
    let name = name.as_ref().and_then(|n| pystr::str_text(n.get())).unwrap_or("?");
    Ok(format!("<bound method {name} of {}>", dispatch::repr_of(s)?))
}

/// `method_richcompare`: the same receiver (identity) and equal functions.
fn method_richcompare(op: CompareOp, a: Obj, b: Obj) -> MoltResult<Obj> {
    let (Some((fa, sa)), Some((fb, sb))) = (method_parts(a), method_parts(b)) else {
        return Ok(singletons::not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(singletons::not_implemented());
    }
    let eq = sa.is(sb) && dispatch::rich_compare_bool(CompareOp::Eq, fa, fb)?;
    Ok(singletons::bool_obj(eq == (op == CompareOp::Eq)))
}

/// `method_hash`.
fn method_hash(o: Obj) -> MoltResult<i64> {
    let Some((f, s)) = method_parts(o) else { return Ok(hash_pointer(o)) };
    let x = hash_pointer(s) ^ dispatch::hash(f)?;
    Ok(if x == -1 { -2 } else { x })
}

/// `meth_repr`: `<built-in method append of list object at 0x…>`.
fn builtin_method_repr(o: Obj) -> MoltResult<String> {
    let Some(b) = builtin_method_ref(o) else { return Ok(String::from("<built-in method ?>")) };
    Ok(format!("<built-in method {} of {} object at {:#x}>", b.def.name, b.recv.type_of().name, b.recv.raw() & !(crate::OBJ_TAG as u64)))
}

fn builtin_method_richcompare(op: CompareOp, a: Obj, b: Obj) -> MoltResult<Obj> {
    let (Some(x), Some(y)) = (builtin_method_ref(a), builtin_method_ref(b)) else {
        return Ok(singletons::not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(singletons::not_implemented());
    }
    let eq = x.recv.is(y.recv) && core::ptr::eq(x.def, y.def);
    Ok(singletons::bool_obj(eq == (op == CompareOp::Eq)))
}

fn builtin_method_hash(o: Obj) -> MoltResult<i64> {
    let Some(b) = builtin_method_ref(o) else { return Ok(hash_pointer(o)) };
    let x = hash_pointer(b.recv) ^ (core::ptr::from_ref(b.def) as i64);
    Ok(if x == -1 { -2 } else { x })
}

/// The attributes of these objects: `__func__` (staticmethod, classmethod, method),
/// `__wrapped__`, `__self__`, `__name__`, `__qualname__`; `fget`, `fset`, `fdel`, `__doc__` of
/// properties.
fn attribute(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    if let Some(b) = builtin_method_ref(o) {
        return Some(match name {
            "__self__" => Ok(new_ref(b.recv)),
            "__name__" => pystr::str_from_text(b.def.name),
            "__qualname__" => pystr::str_from_text(&format!("{}.{}", b.recv.type_of().name, b.def.name)),
            _ => return None,
        });
    }
    if let Some(s) = slots_of(o, &TYPE_PROPERTY) {
        if name == "__isabstractmethod__" {
            // `property_get___isabstractmethod__`: any of its functions abstract.
            return Some(any_abstract(&s[..3]));
        }
        return Some(Ok(new_ref(match name {
            "fget" => s[0],
            "fset" => s[1],
            "fdel" => s[2],
            "__doc__" => s[3],
            _ => return None,
        })));
    }
    if let Some(s) = slots_of(o, &TYPE_METHOD) {
        return match name {
            "__func__" => Some(Ok(new_ref(s[0]))),
            "__self__" => Some(Ok(new_ref(s[1]))),
            "__name__" | "__qualname__" | "__module__" | "__doc__" => Some(super::attrs::getattr(s[0], name)),
            _ => None,
        };
    }
    let s = slots_of(o, &TYPE_STATICMETHOD).or_else(|| slots_of(o, &TYPE_CLASSMETHOD))?;
    match name {
        "__func__" | "__wrapped__" => Some(Ok(new_ref(s[0]))),
        // `sm_get___isabstractmethod__` / `cm_get___isabstractmethod__`: the function's.
        "__isabstractmethod__" => Some(any_abstract(&s[..1])),
        "__name__" | "__qualname__" | "__module__" | "__doc__" => Some(super::attrs::getattr(s[0], name)),
        _ => None,
    }
}

/// Whether one of `fs` (None skipped) has a true `__isabstractmethod__` (`_PyObject_IsAbstract`),
/// as a bool object.
fn any_abstract(fs: &[Obj]) -> MoltResult<Obj> {
    for &f in fs {
        if singletons::is_none(f) {
            continue;
        }
        match super::attrs::getattr(f, "__isabstractmethod__") {
            Ok(v) => {
                let v = super::range::Owned(v);
                if super::dispatch::truth(v.get())? {
                    return Ok(singletons::bool_obj(true));
                }
            }
            Err(e) if e.kind == crate::ExceptionKind::AttributeError => {}
            Err(e) => return Err(e),
        }
    }
    Ok(singletons::bool_obj(false))
}

// --- the attributes of `object`, `BaseException` and `type` as objects ---

/// A builtin class's method as a value (`object.__init__`, `BaseException.__init__`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wrapper {
    ObjectInit,
    ObjectNew,
    ObjectSetattr,
    ObjectDelattr,
    ObjectGetattribute,
    ObjectRepr,
    ObjectStr,
    ObjectHash,
    ObjectFormat,
    ObjectInitSubclass,
    ObjectEq,
    ObjectNe,
    ObjectLt,
    ObjectLe,
    ObjectGt,
    ObjectGe,
    ExcInit,
    ExcNew,
    ExcRepr,
    ExcStr,
    ExcWithTraceback,
    KeyErrorStr,
    TypeMro,
    /// A dunder of a builtin container class (`dict.__getitem__`, `list.__init__`).
    Builtin(super::builtin_dunder::Dunder),
}

impl Wrapper {
    /// Whether the wrapper is a `__new__`, called with the class first (a static method).
    fn is_new(self) -> bool {
        matches!(self, Wrapper::ObjectNew | Wrapper::ExcNew | Wrapper::Builtin(super::builtin_dunder::Dunder::New))
    }
}

/// A static wrapper object.
#[repr(C)]
pub struct WrapperObject {
    pub header: Header,
    pub which: Wrapper,
    name: &'static str,
    owner: &'static TypeObject,
    /// How its repr names it: `slot wrapper`, `method`, or a builtin method of `type`.
    style: u8,
}

// SAFETY: `#[repr(C)]`, header first; every instance is immortal: one of the statics below, or
// one `builtin_dunder::wrapper` made and never frees.
unsafe impl StaticObject for WrapperObject {}

impl WrapperObject {
    /// The class that defines it.
    pub fn owner(&self) -> &'static TypeObject {
        self.owner
    }
}

/// The type of the wrapper objects.
pub static TYPE_WRAPPER: TypeObject = TypeObject {
    repr: Some(wrapper_repr),
    call: Some(wrapper_call),
    attributes: Some(wrapper_attribute),
    ..TypeObject::new("wrapper_descriptor", &TYPE_OBJECT)
};

const fn w(which: Wrapper, name: &'static str, owner: &'static TypeObject, style: u8) -> WrapperObject {
    WrapperObject { header: Header::immortal(&TYPE_WRAPPER), which, name, owner, style }
}

/// A wrapper object for a static table of another module (`builtin_dunder`'s).
pub(crate) const fn wrapper_static(which: Wrapper, name: &'static str, owner: &'static TypeObject, style: u8) -> WrapperObject {
    w(which, name, owner, style)
}

static WRAPPERS: [WrapperObject; 23] = [
    w(Wrapper::ObjectInit, "__init__", &TYPE_OBJECT, 0),
    w(Wrapper::ObjectNew, "__new__", &TYPE_OBJECT, 2),
    w(Wrapper::ObjectSetattr, "__setattr__", &TYPE_OBJECT, 0),
    w(Wrapper::ObjectDelattr, "__delattr__", &TYPE_OBJECT, 0),
    w(Wrapper::ObjectGetattribute, "__getattribute__", &TYPE_OBJECT, 0),
    w(Wrapper::ObjectRepr, "__repr__", &TYPE_OBJECT, 0),
    w(Wrapper::ObjectStr, "__str__", &TYPE_OBJECT, 0),
    w(Wrapper::ObjectHash, "__hash__", &TYPE_OBJECT, 0),
    w(Wrapper::ObjectFormat, "__format__", &TYPE_OBJECT, 1),
    w(Wrapper::ObjectInitSubclass, "__init_subclass__", &TYPE_OBJECT, 2),
    w(Wrapper::ObjectEq, "__eq__", &TYPE_OBJECT, 0),
    w(Wrapper::ObjectNe, "__ne__", &TYPE_OBJECT, 0),
    w(Wrapper::ObjectLt, "__lt__", &TYPE_OBJECT, 0),
    w(Wrapper::ObjectLe, "__le__", &TYPE_OBJECT, 0),
    w(Wrapper::ObjectGt, "__gt__", &TYPE_OBJECT, 0),
    w(Wrapper::ObjectGe, "__ge__", &TYPE_OBJECT, 0),
    w(Wrapper::ExcInit, "__init__", &exc::BASE_EXCEPTION, 0),
    w(Wrapper::ExcNew, "__new__", &exc::BASE_EXCEPTION, 2),
    w(Wrapper::ExcRepr, "__repr__", &exc::BASE_EXCEPTION, 0),
    w(Wrapper::ExcStr, "__str__", &exc::BASE_EXCEPTION, 0),
    w(Wrapper::ExcWithTraceback, "with_traceback", &exc::BASE_EXCEPTION, 1),
    w(Wrapper::KeyErrorStr, "__str__", &exc::KEY_ERROR, 0),
    w(Wrapper::TypeMro, "mro", &TYPE_TYPE, 2),
];

/// The wrapper object behind `o`, if it is one.
fn wrapper_of(o: Obj) -> Option<&'static WrapperObject> {
    if !o.type_of().is(&TYPE_WRAPPER) {
        return None;
    }
    // SAFETY: every object of this type is an immortal `WrapperObject`.
    o.header_ptr().map(|h| unsafe { &*h.cast::<WrapperObject>() })
}

/// Whether `o` is one of the builtin classes' methods (a static wrapper).
pub fn is_static_wrapper(o: Obj) -> bool {
    wrapper_of(o).is_some()
}

/// The attribute `name` that builtin class `t` defines itself, as a value (a new reference).
pub fn static_attr(t: &'static TypeObject, name: &str) -> Option<Obj> {
    if super::builtin_sub::is_data_base(t) {
        return super::builtin_sub::attr(t, name);
    }
    // Every wrapper's name is a dunder, `with_traceback` or `mro`.
    if !name.starts_with("__") && name != "with_traceback" && name != "mro" {
        return None;
    }
    WRAPPERS
        .iter()
        .find(|w| w.owner.is(t) && w.name == name && w.which != Wrapper::TypeMro)
        .map(|w| new_ref(Obj::from_static(w)))
        // The other builtin classes' dunders (`int.__add__`), once a program may read one.
        .or_else(|| super::attrs::protocol_class_attr(t, name))
}

/// Wrapper `which` bound to `self_` (`C.mro`, `C.__init_subclass__`); consumes `self_`.
pub fn bind_wrapper(which: Wrapper, self_: Obj) -> MoltResult<Obj> {
    let s = Owned(self_);
    match WRAPPERS.iter().find(|w| w.which == which) {
        Some(w) => bound_method(Obj::from_static(w), s.get()),
        None => fail(TypeError, "no such builtin method"),
    }
}

fn wrapper_repr(o: Obj) -> MoltResult<String> {
    let Some(w) = wrapper_of(o) else { return Ok(String::from("<slot wrapper ?>")) };
    Ok(match w.style {
        0 => format!("<slot wrapper '{}' of '{}' objects>", w.name, w.owner.name),
        1 => format!("<method '{}' of '{}' objects>", w.name, w.owner.name),
        _ => format!("<built-in method {} of type object at {:#x}>", w.name, o.raw() & !(crate::OBJ_TAG as u64)),
    })
}

fn wrapper_attribute(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let w = wrapper_of(o)?;
    Some(match name {
        "__name__" => pystr::str_from_text(w.name),
        "__qualname__" => pystr::str_from_text(&format!("{}.{}", w.owner.name, w.name)),
        "__objclass__" => Ok(super::attrs::class_value(w.owner)),
        _ => return None,
    })
}

/// The receiver of a wrapper call, checked (`descr_check`): TypeError "descriptor '__init__' of
/// 'object' object needs an argument", "descriptor '__init__' requires a 'BaseException' object
/// but received a 'int'".
fn receiver<'a>(w: &WrapperObject, pos: &'a [Obj]) -> MoltResult<(Obj, &'a [Obj])> {
    let Some((&s, rest)) = pos.split_first() else {
        return fail(TypeError, format!("descriptor '{}' of '{}' object needs an argument", w.name, w.owner.name));
    };
    let ok = if w.owner.is(&TYPE_TYPE) { as_type(s).is_some() } else { is_subtype(s.type_of(), w.owner) };
    if !ok {
        return fail(TypeError, format!("descriptor '{}' requires a '{}' object but received a '{}'", w.name, w.owner.name, s.type_of().name));
    }
    Ok((s, rest))
}

/// `name` of a wrapper call's arguments (a str): "attribute name must be string, not 'int'".
fn name_arg(o: Obj) -> MoltResult<Obj> {
    super::attrs::attr_name(o).map(|_| o)
}

/// Calls a wrapper: the builtin behaviour, with the receiver first.
fn wrapper_call(o: Obj, pos: &[Obj], kw: &[(&str, Obj)], _depth: i64) -> MoltResult<Obj> {
    let Some(w) = wrapper_of(o) else { return super::callable::not_callable(o) };
    let none = || Ok(singletons::none());
    let args = |n: usize, rest: &[Obj]| -> MoltResult<()> {
        no_keywords_for(format_args!("{}.{}", w.owner.name, w.name), kw)?;
        if rest.len() != n {
            let what = match n {
                0 => format!("{}.{}() takes no arguments ({} given)", w.owner.name, w.name, rest.len()),
                1 => format!("{}.{}() takes exactly one argument ({} given)", w.owner.name, w.name, rest.len()),
                _ => format!("expected {n} arguments, got {}", rest.len()),
            };
            return fail(TypeError, what);
        }
        Ok(())
    };
    match w.which {
        Wrapper::ObjectNew | Wrapper::ExcNew | Wrapper::Builtin(super::builtin_dunder::Dunder::New) => {
            let Some((&cls, rest)) = pos.split_first() else {
                return fail(TypeError, format!("{}.__new__(): not enough arguments", w.owner.name));
            };
            let Some(t) = as_type(cls) else {
                return fail(TypeError, format!("{}.__new__(X): X is not a type object ({})", w.owner.name, cls.type_of().name));
            };
            if !is_subtype(t, w.owner) {
                return fail(TypeError, format!("{}.__new__({}): {} is not a subtype of {}", w.owner.name, t.name, t.name, w.owner.name));
            }
            if w.which == Wrapper::ExcNew {
                return exc::new_of_type(t, rest);
            }
            if let Wrapper::Builtin(_) = w.which {
                return super::builtin_sub::new(w.owner, t, rest, kw);
            }
            super::slots::object_new(t, rest, kw)
        }
        Wrapper::ObjectInitSubclass => {
            let (_, rest) = receiver(w, pos)?;
            if !kw.is_empty() || !rest.is_empty() {
                return fail(TypeError, "object.__init_subclass__() takes no keyword arguments");
            }
            none()
        }
        Wrapper::TypeMro => {
            let (s, rest) = receiver(w, pos)?;
            args(0, rest)?;
            let t = as_type(s).unwrap_or(&TYPE_OBJECT);
            super::list::list_from_vec(class::mro(t).map(super::attrs::class_value).collect())
        }
        _ => {
            let (s, rest) = receiver(w, pos)?;
            match w.which {
                Wrapper::ObjectInit => super::slots::object_init(s, rest, kw).map(|()| singletons::none()),
                Wrapper::ExcInit => {
                    no_keywords_for(s.type_of().name, kw)?;
                    exc::init(s, rest)?;
                    none()
                }
                Wrapper::ObjectSetattr => {
                    args(2, rest)?;
                    super::instance::generic_setattr(s, name_arg(rest[0])?, Some(rest[1]))?;
                    none()
                }
                Wrapper::ObjectDelattr => {
                    args(1, rest)?;
                    super::instance::generic_setattr(s, name_arg(rest[0])?, None)?;
                    none()
                }
                Wrapper::ObjectGetattribute => {
                    args(1, rest)?;
                    let n = super::attrs::attr_name(rest[0])?;
                    super::instance::generic_getattr(s, n)
                }
                Wrapper::ObjectRepr => {
                    args(0, rest)?;
                    pystr::str_from_text(&super::types::object_repr_text(s))
                }
                Wrapper::ObjectStr => {
                    args(0, rest)?;
                    dispatch::repr_object(s)
                }
                Wrapper::ObjectHash => {
                    args(0, rest)?;
                    super::int::from_i64(hash_pointer(s))
                }
                Wrapper::ObjectFormat => {
                    args(1, rest)?;
                    super::slots::object_format(s, rest[0])
                }
                Wrapper::ObjectEq => args(1, rest).and_then(|()| super::types::object_compare(CompareOp::Eq, s, rest[0])),
                Wrapper::ObjectNe => args(1, rest).and_then(|()| super::types::object_compare(CompareOp::Ne, s, rest[0])),
                Wrapper::ObjectLt => args(1, rest).and_then(|()| super::types::object_compare(CompareOp::Lt, s, rest[0])),
                Wrapper::ObjectLe => args(1, rest).and_then(|()| super::types::object_compare(CompareOp::Le, s, rest[0])),
                Wrapper::ObjectGt => args(1, rest).and_then(|()| super::types::object_compare(CompareOp::Gt, s, rest[0])),
                Wrapper::ObjectGe => args(1, rest).and_then(|()| super::types::object_compare(CompareOp::Ge, s, rest[0])),
                Wrapper::ExcRepr => {
                    args(0, rest)?;
                    exc::repr_text(s).and_then(|t| pystr::str_from_text(&t))
                }
                Wrapper::ExcStr => {
                    args(0, rest)?;
                    exc::str_text(s).and_then(|t| pystr::str_from_text(&t))
                }
                Wrapper::KeyErrorStr => {
                    args(0, rest)?;
                    exc::key_error_text(s).and_then(|t| pystr::str_from_text(&t))
                }
                Wrapper::ExcWithTraceback => {
                    args(1, rest)?;
                    if !singletons::is_none(rest[0]) {
                        return fail(TypeError, "__traceback__ must be a traceback or None");
                    }
                    Ok(new_ref(s))
                }
                Wrapper::Builtin(d) => super::builtin_sub::call_wrapper(w.owner, d, s, rest, kw),
                Wrapper::ObjectNew | Wrapper::ExcNew | Wrapper::ObjectInitSubclass | Wrapper::TypeMro => none(),
            }
        }
    }
}

