//! `super` objects: `super(type, obj)` looks attributes up in `type(obj).__mro__` after `type`.
//!
//! Relies on: `alloc` (kind `HeapKind::Super`, a container); `class` for the MRO lookup
//! (`lookup_attr_after`); `descr::get` to bind what it finds. The references are CPython 3.11's
//! `super_init_impl`, `supercheck`, `super_getattro`, `super_repr` and `super_descr_get`
//! (Objects/typeobject.c). The compiler passes zero-argument `super()` as `super(__class__,
//! <first argument>)`.
//!
//! Provides: [`TYPE_SUPER`], [`super_new`], [`getattr`], [`parts`]; `free` / `traverse` /
//! `clear` for `alloc` and `gc`.
//!
//! Invariants: a super object owns references to its type, its object (None when unbound) and
//! the object's type (the class the MRO is taken from), never changed after it is made.

use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::range::Owned;
use super::types::{TYPE_OBJECT, TypeObject, as_type, is_subtype};
use super::{Header, Obj, decref, dispatch, new_ref, singletons};
use crate::ExceptionKind::{AttributeError, RuntimeError, TypeError};
use crate::exceptions::{MoltError, MoltResult, fail};

/// A `super` object.
#[repr(C)]
pub struct SuperObject {
    pub header: Header,
    /// `__thisclass__`, `__self__` (None when unbound), `__self_class__` (None when unbound).
    slots: [Obj; 3],
}

/// `super`.
pub static TYPE_SUPER: TypeObject = TypeObject {
    new: Some(super_slot_new),
    repr: Some(super_repr),
    heap: Some(HeapKind::Super),
    ..TypeObject::new("super", &TYPE_OBJECT)
};

/// `(type, obj, obj_type)` of super object `o` (borrowed), if it is one.
pub fn parts(o: Obj) -> Option<(Obj, Obj, Obj)> {
    if !o.type_of().is(&TYPE_SUPER) {
        return None;
    }
    // SAFETY: an object of type `super` is a `SuperObject`, alive while `o` is.
    o.header_ptr().map(|h| unsafe {
        let s = (*h.cast::<SuperObject>()).slots;
        (s[0], s[1], s[2])
    })
}

/// `supercheck`: the class whose MRO `super(t, obj)` searches.
fn supercheck(t: &'static TypeObject, obj: Obj) -> MoltResult<&'static TypeObject> {
    if let Some(ot) = as_type(obj)
        && is_subtype(ot, t)
    {
        return Ok(ot);
    }
    if is_subtype(obj.type_of(), t) {
        return Ok(obj.type_of());
    }
    fail(TypeError, "super(type, obj): obj must be an instance or subtype of type")
}

/// `super(t, obj)` (`obj` None: an unbound super object).
pub fn super_new(t: Obj, obj: Option<Obj>) -> MoltResult<Obj> {
    let Some(tt) = as_type(t) else {
        return fail(TypeError, format!("super() argument 1 must be a type, not {}", t.type_of().name));
    };
    let (o, ot) = match obj {
        Some(o) if !singletons::is_none(o) => (o, Owned(super::attrs::class_value(supercheck(tt, o)?))),
        _ => (singletons::none(), Owned(singletons::none())),
    };
    let p = alloc_container(Layout::new::<SuperObject>(), &TYPE_SUPER)?.cast::<SuperObject>();
    // SAFETY: a fresh block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).slots).write([new_ref(t), new_ref(o), new_ref(ot.get())]);
        let s = Obj::from_header(p.cast());
        super::gc::track(s);
        Ok(s)
    }
}

/// `super()`, `super(type)`, `super(type, obj)` called as a class.
fn super_slot_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_keywords_for("super", kw)?;
    match pos {
        [] => fail(RuntimeError, "super(): no arguments"),
        [t] => super_new(*t, None),
        [t, o] => super_new(*t, Some(*o)),
        _ => fail(TypeError, format!("super() takes at most 2 arguments ({} given)", pos.len())),
    }
}

/// `super_getattro`: the attribute of the classes after `type` in the MRO, bound to the object
/// (to the class for a `super(type, type2)`); the super object's own attributes otherwise.
pub fn getattr(s: Obj, name: &str) -> MoltResult<Obj> {
    let Some((t, o, ot)) = parts(s) else { return fail(TypeError, "not a super object") };
    if name != "__class__"
        && let (Some(tt), Some(start)) = (as_type(t), as_type(ot))
        && let Some(v) = super::class::lookup_attr_after(start, Some(tt), name)
    {
        let obj = if o.is(ot) { None } else { Some(o) };
        return super::descr::get(v.get(), obj, start);
    }
    match name {
        "__thisclass__" => Ok(new_ref(t)),
        "__self__" => Ok(new_ref(o)),
        "__self_class__" => Ok(new_ref(ot)),
        "__class__" => Ok(super::attrs::class_value(&TYPE_SUPER)),
        _ => Err(MoltError::new(AttributeError, format!("'super' object has no attribute '{name}'"))),
    }
}

/// `super_repr`: `<super: <class 'C'>, <C object>>`, `<super: <class 'C'>, NULL>`.
fn super_repr(s: Obj) -> MoltResult<String> {
    let Some((t, o, ot)) = parts(s) else { return Ok(String::from("<super>")) };
    let tr = dispatch::repr_of(t)?;
    if singletons::is_none(ot) {
        return Ok(format!("<super: {tr}, NULL>"));
    }
    let _ = o;
    Ok(format!("<super: {tr}, <{} object>>", as_type(ot).map_or("?", |x| x.name)))
}

/// Visits a super object's references.
///
/// # Safety
/// `h` is a live super object.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    for o in unsafe { (*h.cast::<SuperObject>()).slots } {
        visit(o);
    }
}

/// Drops an unreachable super object's references.
///
/// # Safety
/// `h` is a live super object that the collector found unreachable.
pub(crate) unsafe fn clear(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe {
        let p = h.cast::<SuperObject>();
        for i in 0..3 {
            super::gc::clear_slot(core::ptr::addr_of_mut!((*p).slots[i]));
        }
    }
}

/// Frees a super object.
///
/// # Safety
/// `h` is a super object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    // SAFETY: forwarded contract: released once, after the block is freed.
    unsafe {
        let slots = (*h.cast::<SuperObject>()).slots;
        free_raw(h, Layout::new::<SuperObject>(), HeapKind::Super);
        for o in slots {
            decref(o);
        }
    }
}
