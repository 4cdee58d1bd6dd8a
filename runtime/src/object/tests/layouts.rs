//! Fixed-layout instances (`object::layout`, `object::instance`, decisions/0031): the layouts
//! classes get (own fields after inherited ones, a class made with None or by `type(…)`
//! inheriting, multiple bases, exception classes without one), instances from
//! `molt_instance_new` (every slot empty, no `__dict__`), the generic protocol on slots (get,
//! set, delete; an empty slot giving the class attribute, then CPython's AttributeError), the
//! materialisation of the `__dict__` (by a store outside the layout, by `__dict__`, by the
//! `__dict__` setter: values in slot order, slots emptied, the dict used from then on), data
//! descriptors (a property) winning over a layout name, `__slots__` classes with layouts, the
//! attribute caches hitting on slots, the words compiled code reads and writes
//! (`INSTANCE_DICT_OFFSET`, `INSTANCE_SLOTS_OFFSET`, `INSTANCE_SLOT_EMPTY`), and the cycle
//! collector through slots. The expected messages are CPython 3.11's (checked with python3).
//! Every test ends with no live object of any kind.

use std::string::{String, ToString};
use std::vec::Vec;

use super::{assert_all_freed, show_obj};
use crate::exceptions::{MoltError, MoltResult, exception_pending, test_lock};
use crate::object::range::Owned;
use crate::object::{Obj, attrs, callable, class, dict, gc, list, new_ref, singletons, str as pystr, tuple, types};
use crate::*;

fn st(t: &str) -> Obj {
    pystr::str_from_text(t).unwrap()
}

fn small(v: i64) -> Obj {
    Obj::small(v).unwrap()
}

/// The result of an ABI call that returns a word: Err when it raised.
fn raw(r: Obj) -> MoltResult<Obj> {
    if exception_pending() { Err(MoltError::take_raised()) } else { Ok(r) }
}

/// `type:repr` of a result (released), or `!Kind: message`.
fn show(r: MoltResult<Obj>) -> String {
    show_obj(r)
}

/// A tuple of strs (None for `None`).
fn fields_of(names: Option<&[&str]>) -> Owned {
    match names {
        Some(ns) => Owned(tuple::tuple_from_vec(ns.iter().map(|n| st(n)).collect()).unwrap()),
        None => Owned(singletons::none()),
    }
}

/// `class NAME(*bases)` with the namespace entries `items` (consumed) and layout `fields`.
fn mkclass(name: &str, bases: &[Obj], fields: Option<&[&str]>, items: Vec<(&str, Obj)>) -> MoltResult<Obj> {
    let ns = Owned(dict::new_dict().unwrap());
    let set = |k: &str, v: Obj| {
        let k = Owned(st(k));
        let v = Owned(v);
        dict::set_item(ns.get(), k.get(), v.get()).unwrap();
    };
    set("__module__", st("__main__"));
    set("__qualname__", st(name));
    for (k, v) in items {
        set(k, v);
    }
    let b = Owned(tuple::tuple_from_slice(bases).unwrap());
    let n = Owned(st(name));
    let f = fields_of(fields);
    raw(molt_class_new(n.get(), b.get(), ns.get(), f.get(), 0, 1))
}

fn own(r: MoltResult<Obj>) -> Owned {
    Owned(r.unwrap())
}

/// The layout of class `c`, as text.
fn layout(c: Obj) -> Vec<String> {
    class::layout_names(types::as_type(c).unwrap()).iter().map(|&n| pystr::str_text(n).unwrap().to_string()).collect()
}

/// A new instance as compiled code makes it (`molt_instance_new`).
fn new(c: Obj) -> Owned {
    Owned(raw(molt_instance_new(c)).unwrap())
}

/// The instance's `__dict__` word, as compiled code reads it.
fn dict_word(o: Obj) -> u64 {
    unsafe { *((o.raw() as usize - OBJ_TAG as usize + INSTANCE_DICT_OFFSET as usize) as *const u64) }
}

/// Slot `i` of instance `o`, as compiled code addresses it.
fn slot(o: Obj, i: usize) -> *mut u64 {
    (o.raw() as usize - OBJ_TAG as usize + INSTANCE_SLOTS_OFFSET as usize + 8 * i) as *mut u64
}

fn slot_word(o: Obj, i: usize) -> u64 {
    unsafe { *slot(o, i) }
}

const EMPTY: u64 = INSTANCE_SLOT_EMPTY as u64;

fn ga(o: Obj, n: &str) -> String {
    show(attrs::getattr(o, n))
}

fn sa(o: Obj, n: &str, v: Obj) -> String {
    let k = Owned(st(n));
    show(attrs::setattr(o, k.get(), Some(v)).map(|()| singletons::none()))
}

fn da(o: Obj, n: &str) -> String {
    let k = Owned(st(n));
    show(attrs::setattr(o, k.get(), None).map(|()| singletons::none()))
}

/// `type(name, bases, {})`.
fn type3(name: &str, bases: &[Obj]) -> MoltResult<Obj> {
    let t = Owned(molt_builtin_class(BuiltinClass::Type as i32));
    let n = Owned(st(name));
    let b = Owned(tuple::tuple_from_slice(bases).unwrap());
    let d = Owned(dict::new_dict().unwrap());
    callable::call_object(t.get(), &[n.get(), b.get(), d.get()], &[])
}

#[test]
fn layouts_of_classes() {
    let _g = test_lock();
    {
        let a = own(mkclass("A", &[], Some(&["x", "y"]), Vec::new()));
        assert_eq!(layout(a.get()), ["x", "y"]);
        // Own fields after the inherited ones; names already inherited are not repeated.
        let b = own(mkclass("B", &[a.get()], Some(&["z", "x", "z"]), Vec::new()));
        assert_eq!(layout(b.get()), ["x", "y", "z"]);
        // Made with None, or at run time: the inherited layout.
        let c = own(mkclass("C", &[b.get()], None, Vec::new()));
        assert_eq!(layout(c.get()), ["x", "y", "z"]);
        let t = own(type3("T", &[b.get()]));
        assert_eq!(layout(t.get()), ["x", "y", "z"]);
        let plain = own(mkclass("Plain", &[], None, Vec::new()));
        assert!(layout(plain.get()).is_empty());
        // Multiple bases: the first base with a layout, then the others' new names in order.
        let d = own(mkclass("D", &[], Some(&["w", "y"]), Vec::new()));
        let m = own(mkclass("M", &[plain.get(), a.get(), d.get()], Some(&["v", "w"]), Vec::new()));
        assert_eq!(layout(m.get()), ["x", "y", "w", "v"]);
        let m2 = own(mkclass("M2", &[d.get(), a.get()], None, Vec::new()));
        assert_eq!(layout(m2.get()), ["w", "y", "x"]);
        // Exception classes keep their instances' attributes in the exception's dict.
        let ve = Owned(molt_exception_class(ExceptionKind::ValueError.code()));
        let e = own(mkclass("E", &[ve.get()], Some(&["code"]), Vec::new()));
        assert!(layout(e.get()).is_empty());
        let ei = own(callable::call_object(e.get(), &[], &[]));
        assert_eq!(sa(ei.get(), "code", small(3)), "NoneType:None");
        assert_eq!(ga(ei.get(), "code"), "int:3");
        // A compiler bug, not a program's error.
        let bad = Owned(small(1));
        let ns = Owned(dict::new_dict().unwrap());
        let n = Owned(st("X"));
        let bases = Owned(tuple::tuple_from_slice(&[]).unwrap());
        assert_eq!(
            show(raw(molt_class_new(n.get(), bases.get(), ns.get(), bad.get(), 0, 1))),
            "!TypeError: molt_class_new: fields must be None or a tuple of str (a compiler bug)"
        );
        // `molt_instance_new`: every slot empty, no dict; CPython's errors for other classes.
        let bi = new(b.get());
        assert_eq!(dict_word(bi.get()), 0);
        assert!((0..3).all(|i| slot_word(bi.get(), i) == EMPTY));
        assert_eq!(show(raw(molt_instance_new(ve.get()))), "!TypeError: object.__new__(ValueError) is not safe, use ValueError.__new__()");
        assert_eq!(show(raw(molt_instance_new(small(3)))), "!TypeError: object.__new__(X): X is not a type object (int)");
        // A class's call makes the same instances (`object.__new__` through `slots`).
        let ci = own(callable::call_object(c.get(), &[], &[]));
        assert_eq!(dict_word(ci.get()), 0);
        assert!((0..3).all(|i| slot_word(ci.get(), i) == EMPTY));
    }
    gc::collect_all();
    assert_all_freed();
}

#[test]
fn generic_protocol_on_slots() {
    let _g = test_lock();
    {
        let p = own(mkclass("P", &[], Some(&["x", "y"]), vec![("y", st("class y"))]));
        let o = new(p.get());
        let o = o.get();
        // An empty slot: the class attribute, else CPython's AttributeError.
        assert_eq!(ga(o, "x"), "!AttributeError: 'P' object has no attribute 'x'");
        assert_eq!(ga(o, "y"), "str:'class y'");
        assert_eq!(sa(o, "x", small(1)), "NoneType:None");
        assert_eq!(slot_word(o, 0), small(1).raw());
        assert_eq!(dict_word(o), 0);
        assert_eq!(ga(o, "x"), "int:1");
        let s = Owned(st("mine"));
        assert_eq!(sa(o, "y", s.get()), "NoneType:None");
        assert_eq!(ga(o, "y"), "str:'mine'");
        assert_eq!(s.get().refcount(), Some(2));
        // The small int 0 is the word 0, not an empty slot.
        assert_eq!(sa(o, "x", small(0)), "NoneType:None");
        assert_eq!(slot_word(o, 0), 0);
        assert_eq!(ga(o, "x"), "int:0");
        // Deleting: the slot empties; deleting again (or a name the instance lacks) is
        // CPython's AttributeError, and nothing is materialised.
        assert_eq!(da(o, "y"), "NoneType:None");
        assert_eq!(slot_word(o, 1), EMPTY);
        assert_eq!(s.get().refcount(), Some(1));
        assert_eq!(ga(o, "y"), "str:'class y'");
        assert_eq!(da(o, "y"), "!AttributeError: 'P' object has no attribute 'y'");
        assert_eq!(da(o, "q"), "!AttributeError: 'P' object has no attribute 'q'");
        assert_eq!(dict_word(o), 0);
        // What compiled code stores (an owned reference, while the dict word is 0) is the
        // attribute.
        unsafe { *slot(o, 1) = new_ref(s.get()).raw() };
        assert_eq!(ga(o, "y"), "str:'mine'");
        // hasattr / getattr with a default go through the same protocol.
        let hasattr = Owned(molt_builtin_function(BuiltinFunction::Hasattr as i32));
        let (xn, qn) = (Owned(st("x")), Owned(st("q")));
        assert_eq!(show(callable::call_object(hasattr.get(), &[o, xn.get()], &[])), "bool:True");
        assert_eq!(show(callable::call_object(hasattr.get(), &[o, qn.get()], &[])), "bool:False");
        // A method named like a layout field is shadowed by the slot's value, as by a dict's.
        assert_eq!(dict_word(o), 0);
    }
    gc::collect_all();
    assert_all_freed();
}

#[test]
fn materialising_the_dict() {
    let _g = test_lock();
    {
        let p = own(mkclass("P", &[], Some(&["x", "y", "z"]), vec![("x", st("class x"))]));
        // By a store outside the layout: the slots' values move (in slot order), the slots
        // empty, and the dict holds every attribute from then on.
        let o = new(p.get());
        let o = o.get();
        let v = Owned(st("vy"));
        assert_eq!(sa(o, "z", small(3)), "NoneType:None");
        assert_eq!(sa(o, "y", v.get()), "NoneType:None");
        assert_eq!(sa(o, "w", small(5)), "NoneType:None");
        assert_ne!(dict_word(o), 0);
        assert!((0..3).all(|i| slot_word(o, i) == EMPTY));
        assert_eq!(v.get().refcount(), Some(2));
        assert_eq!(ga(o, "__dict__"), "dict:{'y': 'vy', 'z': 3, 'w': 5}");
        assert_eq!(ga(o, "x"), "str:'class x'");
        assert_eq!(sa(o, "x", small(1)), "NoneType:None");
        assert_eq!(slot_word(o, 0), EMPTY);
        assert_eq!(ga(o, "__dict__"), "dict:{'y': 'vy', 'z': 3, 'w': 5, 'x': 1}");
        assert_eq!(da(o, "y"), "NoneType:None");
        assert_eq!(ga(o, "y"), "!AttributeError: 'P' object has no attribute 'y'");
        assert_eq!(da(o, "y"), "!AttributeError: 'P' object has no attribute 'y'");
        assert_eq!(v.get().refcount(), Some(1));
        // By asking for `__dict__`: the same move; the dict is the instance's own.
        let q = new(p.get());
        let q = q.get();
        assert_eq!(sa(q, "y", small(2)), "NoneType:None");
        assert_eq!(dict_word(q), 0);
        let d = own(attrs::getattr(q, "__dict__"));
        assert_eq!(dict_word(q), d.get().raw());
        assert_eq!(slot_word(q, 1), EMPTY);
        assert_eq!(show(Ok(new_ref(d.get()))), "dict:{'y': 2}");
        let k = Owned(st("z"));
        dict::set_item(d.get(), k.get(), small(26)).unwrap();
        assert_eq!(ga(q, "z"), "int:26");
        assert_eq!(slot_word(q, 2), EMPTY);
        // An empty instance materialises an empty dict.
        let r = new(p.get());
        assert_eq!(ga(r.get(), "__dict__"), "dict:{}");
        // The `__dict__` setter: the slots' values go with the replaced dict.
        let s = new(p.get());
        let s = s.get();
        assert_eq!(sa(s, "x", small(7)), "NoneType:None");
        let nd = Owned(dict::new_dict().unwrap());
        dict::set_item(nd.get(), k.get(), small(9)).unwrap();
        assert_eq!(sa(s, "__dict__", nd.get()), "NoneType:None");
        assert_eq!(dict_word(s), nd.get().raw());
        assert_eq!(slot_word(s, 0), EMPTY);
        assert_eq!(ga(s, "x"), "str:'class x'");
        assert_eq!(ga(s, "z"), "int:9");
        assert_eq!(show(Ok(new_ref(nd.get()))), "dict:{'z': 9}");
    }
    gc::collect_all();
    assert_all_freed();
}

/// The compiled bodies of the property's functions.
extern "C" fn body(f: Obj, args: *const Obj, _depth: i64) -> Obj {
    let q = Owned(attrs::getattr(f, "__qualname__").unwrap());
    let a = unsafe { crate::object::function::bound_args(f, args) };
    match pystr::str_text(q.get()).unwrap() {
        "P.get_x" => st("property x"),
        // The setter records the value under another name (outside the layout).
        "P.set_x" => {
            let k = Owned(st("seen"));
            attrs::setattr(a[0], k.get(), Some(a[1])).unwrap();
            singletons::none()
        }
        other => panic!("no body for {other}"),
    }
}

/// A function object `qualname(*params)` running `body`.
fn mkf(qualname: &str, params: &[&str]) -> Owned {
    let name = Owned(st(qualname.rsplit('.').next().unwrap()));
    let qual = Owned(st(qualname));
    let module = Owned(st("__main__"));
    let names = Owned(tuple::tuple_from_vec(params.iter().map(|p| st(p)).collect()).unwrap());
    let empty = Owned(tuple::tuple_from_vec(Vec::new()).unwrap());
    let code = body as extern "C" fn(Obj, *const Obj, i64) -> Obj;
    // SAFETY: `body` has the compiled bodies' signature.
    let f = unsafe {
        molt_function_new(code as *const u8, name.get(), qual.get(), module.get(), names.get(), params.len() as i64, 0, 0, empty.get(), singletons::none(), empty.get())
    };
    assert!(!exception_pending());
    Owned(f)
}

#[test]
fn descriptors_and_slots_classes() {
    let _g = test_lock();
    {
        // A property named like a layout field wins: the slot is never used.
        let prop = Owned(molt_builtin_class(BuiltinClass::Property as i32));
        let (getter, setter) = (mkf("P.get_x", &["self"]), mkf("P.set_x", &["self", "v"]));
        let xp = own(callable::call_object(prop.get(), &[getter.get(), setter.get()], &[]));
        let ro = own(callable::call_object(prop.get(), &[getter.get()], &[]));
        let p = own(mkclass("P", &[], Some(&["x", "ro", "y"]), vec![("x", new_ref(xp.get())), ("ro", new_ref(ro.get()))]));
        let o = new(p.get());
        let o = o.get();
        assert_eq!(ga(o, "x"), "str:'property x'");
        assert_eq!(sa(o, "x", small(5)), "NoneType:None");
        assert_eq!(slot_word(o, 0), EMPTY);
        assert_eq!(ga(o, "seen"), "int:5");
        assert_eq!(sa(o, "ro", small(1)), "!AttributeError: property 'ro' of 'P' object has no setter");
        assert_eq!(da(o, "ro"), "!AttributeError: property 'ro' of 'P' object has no deleter");
        assert_eq!(slot_word(o, 1), EMPTY);
        // A subclass's layout name that a base's property intercepts: the property too.
        let sub = own(mkclass("Sub", &[p.get()], Some(&["x", "w"]), Vec::new()));
        assert_eq!(layout(sub.get()), ["x", "ro", "y", "w"]);
        let so = new(sub.get());
        assert_eq!(ga(so.get(), "x"), "str:'property x'");

        // `__slots__` classes with layouts: a class with `__slots__` subclassing one with a
        // layout (its instances have a dict through the base), and one whose instances have none.
        let a = own(mkclass("A", &[], Some(&["x"]), Vec::new()));
        let slots_s = tuple::tuple_from_vec(vec![st("s")]).unwrap();
        let s = own(mkclass("S", &[a.get()], Some(&["t"]), vec![("__slots__", slots_s)]));
        assert_eq!(layout(s.get()), ["x", "t"]);
        let si = new(s.get());
        let si = si.get();
        assert_eq!(sa(si, "x", small(1)), "NoneType:None");
        assert_eq!(sa(si, "t", small(2)), "NoneType:None");
        assert_eq!((slot_word(si, 0), slot_word(si, 1), dict_word(si)), (small(1).raw(), small(2).raw(), 0));
        assert_eq!(sa(si, "s", small(3)), "NoneType:None");
        assert_ne!(dict_word(si), 0);
        assert_eq!(ga(si, "__dict__"), "dict:{'x': 1, 't': 2, 's': 3}");
        let slots_a = tuple::tuple_from_vec(vec![st("a")]).unwrap();
        let q = own(mkclass("Q", &[], Some(&["a", "b"]), vec![("__slots__", slots_a)]));
        let qi = new(q.get());
        let qi = qi.get();
        assert_eq!(sa(qi, "a", small(1)), "NoneType:None");
        assert_eq!(slot_word(qi, 0), small(1).raw());
        // A layout name the class does not allow: CPython's error, as without a layout.
        assert_eq!(sa(qi, "b", small(2)), "!AttributeError: 'Q' object has no attribute 'b'");
        assert_eq!(sa(qi, "c", small(2)), "!AttributeError: 'Q' object has no attribute 'c'");
        assert_eq!(ga(qi, "__dict__"), "!AttributeError: 'Q' object has no attribute '__dict__'");
        assert_eq!((slot_word(qi, 1), dict_word(qi)), (EMPTY, 0));
        assert_eq!(da(qi, "a"), "NoneType:None");
        assert_eq!(da(qi, "a"), "!AttributeError: 'Q' object has no attribute 'a'");
        assert_eq!(ga(qi, "a"), "!AttributeError: 'Q' object has no attribute 'a'");
    }
    gc::collect_all();
    assert_all_freed();
}

/// A zeroed attribute cache (`ATTR_CACHE_WORDS` words).
fn cache() -> [u64; ATTR_CACHE_WORDS as usize] {
    [0; ATTR_CACHE_WORDS as usize]
}

fn get_cached(o: Obj, n: Obj, c: &mut [u64]) -> String {
    show(raw(unsafe { molt_obj_getattr_cached(o, n, c.as_ptr().cast()) }))
}

fn set_cached(o: Obj, n: Obj, v: Obj, c: &mut [u64]) -> String {
    unsafe { molt_obj_setattr_cached(o, n, v, c.as_ptr().cast()) };
    show(raw(singletons::none()))
}

/// The entry index word of a cache's most recent entry.
fn first_index(c: &[u64]) -> u64 {
    c[2]
}

#[test]
fn caches_on_slots() {
    use crate::object::attr_cache::SLOT_ENTRY;
    let _g = test_lock();
    {
        let c = own(mkclass("C", &[], Some(&["x", "y"]), vec![("y", st("class y"))]));
        let (o1, o2) = (new(c.get()), new(c.get()));
        let (o1, o2) = (o1.get(), o2.get());
        let (xn, yn, wn) = (Owned(st("x")), Owned(st("y")), Owned(st("w")));
        let (mut wx, mut rx, mut ry, mut ww) = (cache(), cache(), cache(), cache());
        // A store fills a slot entry; the next instance's store hits it (the slot, no dict).
        assert_eq!(set_cached(o1, xn.get(), small(1), &mut wx), "NoneType:None");
        assert_eq!(first_index(&wx), SLOT_ENTRY as u64);
        assert_eq!(set_cached(o2, xn.get(), small(2), &mut wx), "NoneType:None");
        assert_eq!((slot_word(o2, 0), dict_word(o2)), (small(2).raw(), 0));
        // Reads: a slot entry, filled by a read that found the class attribute (empty slot).
        assert_eq!(get_cached(o1, yn.get(), &mut ry), "str:'class y'");
        assert_eq!(first_index(&ry), (SLOT_ENTRY | 1) as u64);
        assert_eq!(get_cached(o1, yn.get(), &mut ry), "str:'class y'");
        assert_eq!(get_cached(o1, xn.get(), &mut rx), "int:1");
        assert_eq!(first_index(&rx), SLOT_ENTRY as u64);
        assert_eq!(get_cached(o2, xn.get(), &mut rx), "int:2");
        // An empty slot on a hit: the generic path's class attribute or AttributeError.
        let o3 = new(c.get());
        assert_eq!(get_cached(o3.get(), xn.get(), &mut rx), "!AttributeError: 'C' object has no attribute 'x'");
        assert_eq!(sa(o3.get(), "y", small(3)), "NoneType:None");
        assert_eq!(get_cached(o3.get(), yn.get(), &mut ry), "int:3");
        // A store outside the layout through a dict entry materialises a fresh instance.
        let o4 = new(c.get());
        assert_eq!(set_cached(o4.get(), wn.get(), small(10), &mut ww), "NoneType:None");
        assert_eq!(first_index(&ww) & SLOT_ENTRY as u64, 0);
        assert_eq!(set_cached(o2, wn.get(), small(20), &mut ww), "NoneType:None");
        assert_ne!(dict_word(o2), 0);
        assert_eq!(slot_word(o2, 0), EMPTY);
        assert_eq!(ga(o2, "__dict__"), "dict:{'x': 2, 'w': 20}");
        // Slot entries on materialised instances: the dict, for reads and stores.
        assert_eq!(get_cached(o2, xn.get(), &mut rx), "int:2");
        assert_eq!(set_cached(o2, xn.get(), small(22), &mut wx), "NoneType:None");
        assert_eq!(slot_word(o2, 0), EMPTY);
        assert_eq!(get_cached(o2, xn.get(), &mut rx), "int:22");
        assert_eq!(get_cached(o2, yn.get(), &mut ry), "str:'class y'");
        assert_eq!(ga(o2, "__dict__"), "dict:{'x': 22, 'w': 20}");
        // The guards stay: a property added to the class wins from then on.
        let prop = Owned(molt_builtin_class(BuiltinClass::Property as i32));
        let getter = mkf("P.get_x", &["self"]);
        let xp = own(callable::call_object(prop.get(), &[getter.get()], &[]));
        assert_eq!(show(attrs::setattr(c.get(), xn.get(), Some(xp.get())).map(|()| singletons::none())), "NoneType:None");
        assert_eq!(get_cached(o1, xn.get(), &mut rx), "str:'property x'");
        assert_eq!(set_cached(o1, xn.get(), small(5), &mut wx), "!AttributeError: property of 'C' object has no setter");
        assert_eq!(slot_word(o1, 0), small(1).raw());
        assert_eq!(show(attrs::setattr(c.get(), xn.get(), None).map(|()| singletons::none())), "NoneType:None");
        assert_eq!(get_cached(o1, xn.get(), &mut rx), "int:1");
        // Method-call caches never remember a name of the layout (a slot could shadow it).
        let f = mkf("P.get_x", &["self"]);
        let m = own(mkclass("M", &[], Some(&["meth"]), vec![("meth", new_ref(f.get())), ("other", new_ref(f.get()))]));
        let mi = new(m.get());
        let (mn, on) = (Owned(st("meth")), Owned(st("other")));
        assert!(crate::object::call::cache_function(mi.get(), mn.get()).is_none());
        assert!(crate::object::call::cache_function(mi.get(), on.get()).is_some());
        assert_eq!(sa(mi.get(), "meth", small(1)), "NoneType:None");
        let mut mc = cache();
        let look = unsafe { molt_obj_lookup_method_cached(mi.get(), mn.get(), mc.as_mut_ptr().cast()) };
        assert!(!exception_pending());
        assert!(look.is_null() || core::ptr::eq(look, &crate::object::call::GENERIC_METHOD));
        assert_eq!(mc[0], 0);
        let r = unsafe { molt_obj_call_method_cached(mi.get(), look, mn.get(), "".as_ptr(), 0, callable::current_depth(), mc.as_ptr().cast(), core::ptr::null(), 0) };
        assert_eq!(show(raw(r)), "!TypeError: 'int' object is not callable");
    }
    gc::collect_all();
    assert_all_freed();
}

#[test]
fn cycles_through_slots() {
    let _g = test_lock();
    {
        let c = own(mkclass("C", &[], Some(&["me", "items"]), Vec::new()));
        // An instance holding itself in a slot; another through a list in a slot; a third
        // materialised after the cycle was made.
        for materialise in [false, true] {
            let a = new(c.get());
            assert_eq!(sa(a.get(), "me", a.get()), "NoneType:None");
            let b = new(c.get());
            let l = Owned(list::new_list(0).unwrap());
            list::append(l.get(), b.get()).unwrap();
            list::append(l.get(), a.get()).unwrap();
            assert_eq!(sa(b.get(), "items", l.get()), "NoneType:None");
            if materialise {
                assert_eq!(sa(b.get(), "extra", small(1)), "NoneType:None");
                assert_ne!(dict_word(b.get()), 0);
            }
            assert!(gc::is_tracked(a.get()));
        }
        // What only the cycles kept alive is freed; a reachable instance keeps its slots.
        let kept = new(c.get());
        let v = Owned(st("kept"));
        assert_eq!(sa(kept.get(), "me", v.get()), "NoneType:None");
        gc::collect_all();
        assert_eq!(crate::object::alloc::stats(crate::object::alloc::HeapKind::Instance).live, 1);
        assert_eq!(ga(kept.get(), "me"), "str:'kept'");
        assert_eq!(slot_word(kept.get(), 0), v.get().raw());
    }
    gc::collect_all();
    assert_all_freed();
}
