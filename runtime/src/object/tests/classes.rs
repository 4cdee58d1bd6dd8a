//! User classes against CPython 3.11: `classes_eval.py` runs a program of classes (attributes,
//! methods, inheritance with `super()` and C3 MROs, user exceptions, properties, static and class
//! methods, dunder dispatch with its errors) in python3, and the same program built through the
//! ABI (`molt_class_new` with namespaces of function objects whose "compiled bodies" are the Rust
//! function `body`, dispatching on the function's qualname) must print the same lines. Then what
//! python3 cannot be asked line by line: the method-lookup marker, `except` by class, the
//! traceback's name of a user exception, cycles through `__classcell__`, and that every object
//! is freed.

use std::string::{String, ToString};
use std::vec::Vec;

use super::show_obj;
use crate::exceptions::{MoltError, MoltResult, exception_pending, raise_error, take_exception, test_lock, value_or_raise};
use crate::object::range::Owned;
use crate::object::{Obj, attrs, callable, decref, dict, dispatch, new_ref, singletons, str as pystr, tuple};
use crate::*;

fn st(t: &str) -> Obj {
    pystr::str_from_text(t).unwrap()
}

fn small(v: i64) -> Obj {
    Obj::small(v).unwrap()
}

/// `type:repr` of a result (addresses masked), or `!Name: message` as the traceback prints it.
fn show(r: MoltResult<Obj>) -> String {
    match r {
        Ok(o) => {
            let s = show_obj(Ok(o));
            let mut out = String::new();
            let mut rest = s.as_str();
            while let Some(i) = rest.find("0x") {
                out.push_str(&rest[..i]);
                out.push_str("0x…");
                rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
            }
            out + rest
        }
        Err(e) => {
            raise_error(&e);
            drop(e);
            let rep = take_exception().unwrap();
            let name = rep.class_name.clone().unwrap_or_else(|| rep.kind_name().to_string());
            if rep.message.is_empty() { format!("!{name}") } else { format!("!{name}: {}", rep.message) }
        }
    }
}

/// The result of an ABI call that returns a word: Err when it raised.
fn raw(r: Obj) -> MoltResult<Obj> {
    if exception_pending() { Err(MoltError::take_raised()) } else { Ok(r) }
}

fn ga(o: Obj, n: &str) -> MoltResult<Obj> {
    attrs::getattr(o, n)
}

fn sa(o: Obj, n: &str, v: Obj) -> MoltResult<Obj> {
    let k = Owned(st(n));
    attrs::setattr(o, k.get(), Some(v)).map(|()| singletons::none())
}

/// `recv.name(*args)` as generated code calls it (`molt_obj_lookup_method`, then
/// `molt_obj_call_method`).
fn callm(recv: Obj, name: &str, args: &[Obj]) -> MoltResult<Obj> {
    let n = Owned(st(name));
    let m = molt_obj_lookup_method(recv, n.get());
    if exception_pending() {
        return Err(MoltError::take_raised());
    }
    // SAFETY: `m` came from the lookup; no keyword names; `args` is a slice of words.
    raw(unsafe { molt_obj_call_method(recv, m, n.get(), "".as_ptr(), 0, callable::current_depth(), args.as_ptr().cast(), args.len() as i64) })
}

fn call(callee: Obj, args: &[Obj]) -> MoltResult<Obj> {
    callable::call_object(callee, args, &[])
}

fn bin(op: BinaryOp, a: Obj, b: Obj) -> MoltResult<Obj> {
    dispatch::binary_op(op, a, b)
}

/// `super(__class__, self)`, `__class__` being cell 0 of the function's closure.
fn sup(f: Obj, self_: Obj) -> MoltResult<Obj> {
    let cell = Owned(molt_function_cell(f, 0));
    let name = "__class__";
    // SAFETY: the name is valid for its length.
    let cls = Owned(raw(unsafe { molt_cell_get(cell.get(), name.as_ptr(), 9, true) })?);
    crate::object::super_::super_new(cls.get(), Some(self_))
}

/// `'prefix' + x`.
fn concat(prefix: &str, x: MoltResult<Obj>) -> MoltResult<Obj> {
    let x = Owned(x?);
    let p = Owned(st(prefix));
    bin(BinaryOp::Add, p.get(), x.get())
}

fn repr(o: Obj) -> MoltResult<String> {
    dispatch::repr_of(o)
}

/// The compiled body of every method of the test classes, by qualname.
extern "C" fn body(f: Obj, args: *const Obj, _depth: i64) -> Obj {
    let q = Owned(attrs::getattr(f, "__qualname__").unwrap());
    let q = pystr::str_text(q.get()).unwrap().to_string();
    let a = unsafe { crate::object::function::bound_args(f, args) };
    let r: MoltResult<Obj> = (|| match q.as_str() {
        "Point.__init__" => {
            drop(Owned(sa(a[0], "x", a[1])?));
            sa(a[0], "y", a[2])
        }
        "Point.__repr__" => {
            let (x, y) = (Owned(ga(a[0], "x")?), Owned(ga(a[0], "y")?));
            Ok(st(&format!("Point({}, {})", repr(x.get())?, repr(y.get())?)))
        }
        "Point.__add__" | "sub" | "Point.__eq__" => {
            if !attrs::isinstance(a[1], Obj::from_static(a[0].type_of()))? {
                return Ok(singletons::not_implemented());
            }
            let (x, y) = (Owned(ga(a[0], "x")?), Owned(ga(a[0], "y")?));
            let (ox, oy) = (Owned(ga(a[1], "x")?), Owned(ga(a[1], "y")?));
            if q == "Point.__eq__" {
                let eq = dispatch::rich_compare_bool(CompareOp::Eq, x.get(), ox.get())? && dispatch::rich_compare_bool(CompareOp::Eq, y.get(), oy.get())?;
                return Ok(singletons::bool_obj(eq));
            }
            let op = if q == "sub" { BinaryOp::Sub } else { BinaryOp::Add };
            let nx = Owned(bin(op, x.get(), ox.get())?);
            let ny = Owned(bin(op, y.get(), oy.get())?);
            let cls = Owned(attrs::class_value(a[0].type_of()));
            call(cls.get(), &[nx.get(), ny.get()])
        }
        "Point.norm2" => {
            let (x, y) = (Owned(ga(a[0], "x")?), Owned(ga(a[0], "y")?));
            let xx = Owned(bin(BinaryOp::Mul, x.get(), x.get())?);
            let yy = Owned(bin(BinaryOp::Mul, y.get(), y.get())?);
            bin(BinaryOp::Add, xx.get(), yy.get())
        }
        "A.__init__" => sa(a[0], "a", a[1]),
        "A.who" => Ok(st("A")),
        "B.__init__" | "MyError.__init__" => {
            let s = Owned(sup(f, a[0])?);
            drop(Owned(callm(s.get(), "__init__", &[a[1]])?));
            sa(a[0], if q == "B.__init__" { "b" } else { "code" }, a[2])
        }
        "B.who" | "C.who" | "D.who" => {
            let s = Owned(sup(f, a[0])?);
            concat(&q[..1], callm(s.get(), "who", &[]))
        }
        "P.__init__" => sa(a[0], "_x", small(0)),
        "P.x" if a.len() == 1 => ga(a[0], "_x"),
        "P.x" => sa(a[0], "_x", a[1]),
        "P.ro" => Ok(small(1)),
        "P.s" => bin(BinaryOp::Mul, a[0], small(2)),
        "P.c" => {
            let n = Owned(ga(a[0], "__name__")?);
            let s = Owned(dispatch::str_object(a[1])?);
            bin(BinaryOp::Add, n.get(), s.get())
        }
        "N.__init__" => sa(a[0], "v", a[1]),
        "N.__repr__" => {
            let v = Owned(ga(a[0], "v")?);
            Ok(st(&format!("N({})", repr(v.get())?)))
        }
        "N.__add__" => Ok(st("N.add")),
        "N.__radd__" => Ok(st("N.radd")),
        "N.__lt__" => Ok(st("N.lt")),
        "N.__gt__" => Ok(st("N.gt")),
        "N.__len__" => ga(a[0], "v"),
        "M.__radd__" => Ok(st("M.radd")),
        "Bad.__bool__" | "Bad.__str__" => Ok(small(1)),
        "Bad.__repr__" => Ok(small(2)),
        "Bad.__hash__" => bin(BinaryOp::Pow, small(2), small(70)),
        "Bad.__index__" => Ok(st("x")),
        "Seq.__getitem__" => {
            if dispatch::rich_compare_bool(CompareOp::Ge, a[1], small(3))? {
                molt_raise_new(ExceptionKind::IndexError.code(), a[1], true);
                return Err(MoltError::take_raised());
            }
            bin(BinaryOp::Mul, a[1], small(10))
        }
        "It.__init__" => sa(a[0], "i", small(0)),
        "It.__iter__" => Ok(new_ref(a[0])),
        "It.__next__" => {
            let i = Owned(ga(a[0], "i")?);
            let i = Owned(bin(BinaryOp::Add, i.get(), small(1))?);
            drop(Owned(sa(a[0], "i", i.get())?));
            if dispatch::rich_compare_bool(CompareOp::Gt, i.get(), small(3))? {
                molt_raise_new(ExceptionKind::StopIteration.code(), small(0), false);
                return Err(MoltError::take_raised());
            }
            Ok(new_ref(i.get()))
        }
        "Call.__call__" => bin(BinaryOp::Add, a[1], small(1)),
        "G.__getattr__" => concat("got ", Ok(new_ref(a[1]))),
        "S.__setattr__" => {
            let object = Owned(molt_builtin_class(BuiltinClass::Object as i32));
            let setattr = Owned(ga(object.get(), "__setattr__")?);
            let v2 = Owned(bin(BinaryOp::Mul, a[2], small(2))?);
            call(setattr.get(), &[a[0], a[1], v2.get()])
        }
        "Desc.__set_name__" => sa(a[0], "name", a[2]),
        "Desc.__get__" => concat("get ", ga(a[0], "name")),
        "Desc.__set__" => {
            let d = Owned(ga(a[1], "__dict__")?);
            let k = Owned(st("seen"));
            dispatch::setitem(d.get(), k.get(), Some(a[2])).map(|()| singletons::none())
        }
        "Base.__init_subclass__" => {
            let tag = Owned(concat("tagged ", ga(a[0], "__name__"))?);
            sa(a[0], "tag", tag.get())
        }
        "Idx.__index__" => Ok(small(1)),
        "Idx.__int__" => Ok(small(42)),
        "Idx.__float__" => crate::object::float::box_float(2.5),
        other => panic!("no body for {other}"),
    })();
    value_or_raise(r)
}

/// A function object `qualname(*params)` running `body`, with `__class__` in its closure when
/// `cell` is given.
fn mkf(qualname: &str, params: &[&str], cell: Option<Obj>) -> Obj {
    let name = Owned(st(qualname.rsplit('.').next().unwrap()));
    let qual = Owned(st(qualname));
    let module = Owned(st("__main__"));
    let names = Owned(tuple::tuple_from_vec(params.iter().map(|p| st(p)).collect()).unwrap());
    let empty = Owned(tuple::tuple_from_vec(Vec::new()).unwrap());
    let closure = Owned(tuple::tuple_from_vec(cell.map(new_ref).into_iter().collect()).unwrap());
    let code = body as extern "C" fn(Obj, *const Obj, i64) -> Obj;
    // SAFETY: `body` has the compiled bodies' signature.
    let f = unsafe { molt_function_new(code as *const u8, name.get(), qual.get(), module.get(), names.get(), params.len() as i64, 0, 0, empty.get(), singletons::none(), closure.get()) };
    assert!(!exception_pending());
    f
}

/// `class NAME(*bases)` with the methods `(name, params)` (functions `NAME.name`) and the
/// extra namespace entries `items` (consumed); with a `__classcell__` when `cell`.
fn mkclass(name: &str, bases: &[Obj], methods: &[(&str, &[&str])], items: Vec<(&str, Obj)>, cell: bool) -> MoltResult<Obj> {
    let ns = Owned(dict::new_dict().unwrap());
    let c = if cell { Some(Owned(molt_cell_new(small(0), false))) } else { None };
    let set = |k: &str, v: Obj| {
        let k = Owned(st(k));
        let v = Owned(v);
        dict::set_item(ns.get(), k.get(), v.get()).unwrap();
    };
    set("__module__", st("__main__"));
    set("__qualname__", st(name));
    for (m, params) in methods {
        set(m, mkf(&format!("{name}.{m}"), params, c.as_ref().map(Owned::get)));
    }
    for (k, v) in items {
        set(k, v);
    }
    if let Some(c) = &c {
        set("__classcell__", new_ref(c.get()));
    }
    let b = Owned(tuple::tuple_from_slice(bases).unwrap());
    let n = Owned(st(name));
    raw(molt_class_new(n.get(), b.get(), ns.get(), singletons::none(), 0, 1))
}

fn builtin(c: BuiltinClass) -> Obj {
    molt_builtin_class(c as i32)
}

fn exc_class(k: ExceptionKind) -> Obj {
    molt_exception_class(k.code())
}

/// `type(name, bases, {})`.
fn type3(name: &str, bases: &[Obj]) -> MoltResult<Obj> {
    let t = Owned(builtin(BuiltinClass::Type));
    let n = Owned(st(name));
    let b = Owned(tuple::tuple_from_slice(bases).unwrap());
    let d = Owned(dict::new_dict().unwrap());
    call(t.get(), &[n.get(), b.get(), d.get()])
}

#[test]
fn classes_match_python() {
    let _g = test_lock();
    let expected = crate::testutil::python(include_str!("classes_eval.py"), "");
    let got = program();
    for (i, (x, y)) in got.lines().zip(expected.lines()).enumerate() {
        assert_eq!(x, y, "line {}", i + 1);
    }
    assert_eq!(got, expected);
    // Every object is freed (the classes whose methods use `super()` once collected).
    crate::object::gc::collect_all();
    super::assert_all_freed();
}

/// The program of `classes_eval.py`, built through the ABI: its output.
fn program() -> String {
    let mut out: Vec<String> = Vec::new();
    let o = |r: MoltResult<Obj>, out: &mut Vec<String>| out.push(show(r));
    let own = |r: MoltResult<Obj>| Owned(r.unwrap());
    // --- Point ---
    let point = own(mkclass("Point", &[], &[("__init__", &["self", "x", "y"]), ("__repr__", &["self"]), ("__add__", &["self", "o"]), ("__eq__", &["self", "o"]), ("norm2", &["self"])], Vec::new(), false));
    let pc = point.get();
    let p = own(call(pc, &[small(1), small(2)]));
    let q = own(call(pc, &[small(3), small(4)]));
    let (p, q) = (p.get(), q.get());
    o(Ok(new_ref(p)), &mut out);
    o(bin(BinaryOp::Add, p, q), &mut out);
    o(bin(BinaryOp::Add, p, small(1)), &mut out);
    o(bin(BinaryOp::Add, small(1), p), &mut out);
    let p12 = own(call(pc, &[small(1), small(2)]));
    o(dispatch::rich_compare(CompareOp::Eq, p, p12.get()), &mut out);
    o(dispatch::rich_compare(CompareOp::Ne, p, p12.get()), &mut out);
    o(dispatch::rich_compare(CompareOp::Eq, p, small(5)), &mut out);
    o(dispatch::hash_object(p), &mut out);
    o(callm(p, "norm2", &[]), &mut out);
    o(ga(p, "x"), &mut out);
    o(ga(p, "z"), &mut out);
    o(ga(pc, "z"), &mut out);
    o(ga(p, "__dict__"), &mut out);
    for n in ["__name__", "__qualname__", "__module__", "__mro__", "__bases__", "__base__", "__doc__"] {
        o(ga(pc, n), &mut out);
    }
    o(Ok(new_ref(pc)), &mut out);
    o(Ok(molt_obj_type(p)), &mut out);
    o(call(pc, &[small(1)]), &mut out);
    o(attrs::isinstance(p, pc).map(singletons::bool_obj), &mut out);
    let object = Owned(builtin(BuiltinClass::Object));
    o(attrs::issubclass(pc, object.get()).map(singletons::bool_obj), &mut out);
    o(ga(p, "norm2"), &mut out);
    o(ga(pc, "norm2"), &mut out);
    o(dispatch::str_object(p), &mut out);
    let empty = Owned(st(""));
    let xs = Owned(st("x"));
    o(crate::object::format::format_value(p, empty.get()), &mut out);
    o(crate::object::format::format_value(p, xs.get()), &mut out);
    o(dispatch::truth(p).map(singletons::bool_obj), &mut out);
    o(dispatch::unary_op(UnaryOp::Neg, p), &mut out);
    o(dispatch::rich_compare(CompareOp::Lt, p, q), &mut out);
    o(dispatch::len_of(p), &mut out);
    o(dispatch::getitem(p, small(0)), &mut out);
    o(crate::object::iter::get_iter(p), &mut out);
    o(call(p, &[]), &mut out);
    let xname = Owned(st("x"));
    attrs::setattr(p, xname.get(), None).unwrap();
    o(ga(p, "x"), &mut out);
    o(attrs::setattr(p, xname.get(), None).map(|()| singletons::none()), &mut out);
    drop(own(sa(p, "x", small(7))));
    o(callm(p, "norm2", &[]), &mut out);
    let int_class = Owned(builtin(BuiltinClass::Int));
    let list = Owned(crate::object::list::new_list(0).unwrap());
    o(sa(small(1), "x", small(2)), &mut out);
    o(sa(int_class.get(), "x", small(2)), &mut out);
    o(sa(list.get(), "append", small(2)), &mut out);
    o(sa(small(1), "real", small(2)), &mut out);
    let subf = mkf("sub", &["self", "o"], None);
    drop(own(sa(pc, "__sub__", subf)));
    unsafe { decref(subf) };
    let p11 = own(call(pc, &[small(1), small(1)]));
    o(bin(BinaryOp::Sub, q, p11.get()), &mut out);
    o(call(object.get(), &[]), &mut out);
    o(ga(pc, "__init__"), &mut out);
    // --- inheritance, super, MRO ---
    let a = own(mkclass("A", &[], &[("__init__", &["self", "a"]), ("who", &["self"])], Vec::new(), false));
    let b = own(mkclass("B", &[a.get()], &[("__init__", &["self", "a", "b"]), ("who", &["self"])], Vec::new(), true));
    let c = own(mkclass("C", &[a.get()], &[("who", &["self"])], Vec::new(), true));
    let d = own(mkclass("D", &[b.get(), c.get()], &[("who", &["self"])], Vec::new(), true));
    let dd = own(call(d.get(), &[small(1), small(2)]));
    o(ga(d.get(), "__mro__"), &mut out);
    o(callm(d.get(), "mro", &[]), &mut out);
    o(callm(dd.get(), "who", &[]), &mut out);
    let (da, db) = (own(ga(dd.get(), "a")), own(ga(dd.get(), "b")));
    o(tuple::tuple_from_slice(&[da.get(), db.get()]), &mut out);
    o(attrs::isinstance(dd.get(), c.get()).map(singletons::bool_obj), &mut out);
    let int_c = Owned(tuple::tuple_from_slice(&[int_class.get(), c.get()]).unwrap());
    o(attrs::issubclass(d.get(), int_c.get()).map(singletons::bool_obj), &mut out);
    o(attrs::issubclass(c.get(), b.get()).map(singletons::bool_obj), &mut out);
    o(attrs::issubclass(small(1), b.get()).map(singletons::bool_obj), &mut out);
    o(attrs::issubclass(b.get(), small(1)).map(singletons::bool_obj), &mut out);
    let c5 = own(call(c.get(), &[small(5)]));
    o(callm(c5.get(), "who", &[]), &mut out);
    o(call(c.get(), &[]), &mut out);
    o(type3("X", &[a.get(), a.get()]), &mut out);
    o(type3("X", &[a.get(), b.get()]), &mut out);
    let boolc = Owned(builtin(BuiltinClass::Bool));
    o(type3("X", &[boolc.get()]), &mut out);
    let (si, se) = (Owned(exc_class(ExceptionKind::StopIteration)), Owned(exc_class(ExceptionKind::SystemExit)));
    o(type3("X", &[si.get(), se.get()]), &mut out);
    let (ve, ke) = (Owned(exc_class(ExceptionKind::ValueError)), Owned(exc_class(ExceptionKind::KeyError)));
    let x = own(type3("X", &[ve.get(), ke.get()]));
    o(ga(x.get(), "__mro__"), &mut out);
    o(crate::object::super_::super_new(b.get(), Some(small(1))), &mut out);
    let sb = own(crate::object::super_::super_new(b.get(), Some(dd.get())));
    o(callm(sb.get(), "who", &[]), &mut out);
    let getattr = Owned(molt_builtin_function(BuiltinFunction::Getattr as i32));
    let hasattr = Owned(molt_builtin_function(BuiltinFunction::Hasattr as i32));
    let (an, zz, bn) = (Owned(st("a")), Owned(st("zz")), Owned(st("b")));
    o(call(getattr.get(), &[dd.get(), an.get()]), &mut out);
    o(call(getattr.get(), &[dd.get(), zz.get(), small(9)]), &mut out);
    o(call(getattr.get(), &[dd.get(), zz.get()]), &mut out);
    o(call(getattr.get(), &[dd.get(), small(5)]), &mut out);
    o(call(hasattr.get(), &[dd.get(), bn.get()]), &mut out);
    o(call(hasattr.get(), &[dd.get(), zz.get()]), &mut out);
    // --- exceptions ---
    let my = own(mkclass("MyError", &[ve.get()], &[("__init__", &["self", "msg", "code"])], Vec::new(), true));
    let boom = Owned(st("boom"));
    let e = own(call(my.get(), &[boom.get(), small(3)]));
    o(Ok(new_ref(e.get())), &mut out);
    o(dispatch::str_object(e.get()), &mut out);
    for n in ["args", "code", "__dict__"] {
        o(ga(e.get(), n), &mut out);
    }
    o(attrs::isinstance(e.get(), ve.get()).map(singletons::bool_obj), &mut out);
    let exc_c = Owned(exc_class(ExceptionKind::Exception));
    let plain = own(mkclass("Plain", &[exc_c.get()], &[], Vec::new(), false));
    let astr = Owned(st("a"));
    o(call(plain.get(), &[astr.get(), small(2)]), &mut out);
    let pl = own(call(plain.get(), &[astr.get(), small(2)]));
    o(dispatch::str_object(pl.get()), &mut out);
    o(callable::call_object(plain.get(), &[], &[("x", small(1))]), &mut out);
    let pl0 = own(call(plain.get(), &[]));
    o(ga(pl0.get(), "args"), &mut out);
    o(ga(my.get(), "__mro__"), &mut out);
    // --- descriptors ---
    let prop = Owned(builtin(BuiltinClass::Property));
    let getter = Owned(mkf("P.x", &["self"], None));
    let setter = Owned(mkf("P.x", &["self", "v"], None));
    let xp0 = own(call(prop.get(), &[getter.get()]));
    let xp = own(callm(xp0.get(), "setter", &[setter.get()]));
    let ro_f = Owned(mkf("P.ro", &["self"], None));
    let ro = own(call(prop.get(), &[ro_f.get()]));
    let sm = own(call(Owned(builtin(BuiltinClass::StaticMethod)).get(), &[Owned(mkf("P.s", &["a"], None)).get()]));
    let cm = own(call(Owned(builtin(BuiltinClass::ClassMethod)).get(), &[Owned(mkf("P.c", &["cls", "a"], None)).get()]));
    let items = vec![("x", new_ref(xp.get())), ("ro", new_ref(ro.get())), ("s", new_ref(sm.get())), ("c", new_ref(cm.get()))];
    let pcls = own(mkclass("P", &[], &[("__init__", &["self"])], items, false));
    let pp = own(call(pcls.get(), &[]));
    drop(own(sa(pp.get(), "x", small(5))));
    o(ga(pp.get(), "x"), &mut out);
    o(sa(pp.get(), "ro", small(1)), &mut out);
    let ron = Owned(st("ro"));
    o(attrs::setattr(pp.get(), ron.get(), None).map(|()| singletons::none()), &mut out);
    o(callm(pcls.get(), "s", &[small(4)]), &mut out);
    o(callm(pp.get(), "s", &[small(4)]), &mut out);
    o(callm(pcls.get(), "c", &[small(1)]), &mut out);
    o(callm(pp.get(), "c", &[small(2)]), &mut out);
    o(ga(pcls.get(), "x"), &mut out);
    let pdict = own(ga(pcls.get(), "__dict__"));
    let sname = Owned(st("s"));
    o(dispatch::getitem(pdict.get(), sname.get()), &mut out);
    o(ga(pcls.get(), "c"), &mut out);
    // --- dunders ---
    let n_methods: &[(&str, &[&str])] = &[("__init__", &["self", "v"]), ("__repr__", &["self"]), ("__add__", &["self", "o"]), ("__radd__", &["self", "o"]), ("__lt__", &["self", "o"]), ("__gt__", &["self", "o"]), ("__len__", &["self"])];
    let ncls = own(mkclass("N", &[], n_methods, Vec::new(), false));
    let mcls = own(mkclass("M", &[ncls.get()], &[("__radd__", &["self", "o"])], Vec::new(), false));
    let n = own(call(ncls.get(), &[small(1)]));
    let m = own(call(mcls.get(), &[small(2)]));
    let (n, m) = (n.get(), m.get());
    o(bin(BinaryOp::Add, n, m), &mut out);
    o(bin(BinaryOp::Add, m, n), &mut out);
    o(bin(BinaryOp::Add, small(1), n), &mut out);
    o(dispatch::rich_compare(CompareOp::Lt, n, small(5)), &mut out);
    o(dispatch::rich_compare(CompareOp::Lt, small(5), n), &mut out);
    o(dispatch::rich_compare(CompareOp::Lt, n, m), &mut out);
    o(dispatch::len_of(n), &mut out);
    let nm1 = own(call(ncls.get(), &[small(-1)]));
    o(dispatch::len_of(nm1.get()), &mut out);
    let na = own(call(ncls.get(), &[astr.get()]));
    o(dispatch::len_of(na.get()), &mut out);
    let n0 = own(call(ncls.get(), &[small(0)]));
    o(dispatch::truth(n0.get()).map(singletons::bool_obj), &mut out);
    o(dispatch::rich_compare(CompareOp::Eq, n, n), &mut out);
    o(Ok(singletons::bool_obj(dispatch::hash(n).unwrap() == dispatch::hash(n).unwrap())), &mut out);
    let bad = own(mkclass("Bad", &[], &[("__bool__", &["self"]), ("__str__", &["self"]), ("__repr__", &["self"]), ("__hash__", &["self"]), ("__index__", &["self"])], Vec::new(), false));
    let bd = own(call(bad.get(), &[]));
    o(dispatch::truth(bd.get()).map(singletons::bool_obj), &mut out);
    o(dispatch::str_object(bd.get()), &mut out);
    o(dispatch::repr_object(bd.get()), &mut out);
    o(dispatch::hash_object(bd.get()), &mut out);
    let l12 = Owned(super::seq::parse("[1, 2]"));
    o(dispatch::getitem(l12.get(), bd.get()), &mut out);
    let seq = own(mkclass("Seq", &[], &[("__getitem__", &["self", "i"])], Vec::new(), false));
    let sq = own(call(seq.get(), &[]));
    o(crate::object::list::list_from_iter(sq.get()), &mut out);
    o(dispatch::contains(sq.get(), small(10)).map(singletons::bool_obj), &mut out);
    o(dispatch::contains(sq.get(), small(5)).map(singletons::bool_obj), &mut out);
    let it = own(mkclass("It", &[], &[("__init__", &["self"]), ("__iter__", &["self"]), ("__next__", &["self"])], Vec::new(), false));
    let iti = own(call(it.get(), &[]));
    o(crate::object::list::list_from_iter(iti.get()), &mut out);
    let callc = own(mkclass("Call", &[], &[("__call__", &["self", "a"])], Vec::new(), false));
    let ci = own(call(callc.get(), &[]));
    o(call(ci.get(), &[small(1)]), &mut out);
    o(Ok(singletons::bool_obj(callable::is_callable(ci.get()))), &mut out);
    o(Ok(singletons::bool_obj(callable::is_callable(n))), &mut out);
    let g = own(mkclass("G", &[], &[("__getattr__", &["self", "name"])], Vec::new(), false));
    let gi = own(call(g.get(), &[]));
    o(ga(gi.get(), "foo"), &mut out);
    let s = own(mkclass("S", &[], &[("__setattr__", &["self", "name", "v"])], Vec::new(), false));
    let si2 = own(call(s.get(), &[]));
    drop(own(sa(si2.get(), "a", small(2))));
    o(ga(si2.get(), "a"), &mut out);
    let idx = own(mkclass("Idx", &[], &[("__index__", &["self"]), ("__int__", &["self"]), ("__float__", &["self"])], Vec::new(), false));
    let ii = own(call(idx.get(), &[]));
    let l56 = Owned(super::seq::parse("[5, 6]"));
    o(dispatch::getitem(l56.get(), ii.get()), &mut out);
    o(crate::object::convert::to_int(ii.get()), &mut out);
    o(crate::object::convert::to_float(ii.get()).and_then(crate::object::float::box_float), &mut out);
    o(crate::object::convert::to_int(n), &mut out);
    // --- __set_name__, descriptors, __init_subclass__, __slots__ ---
    let desc = own(mkclass("Desc", &[], &[("__set_name__", &["self", "owner", "name"]), ("__get__", &["self", "obj", "objtype"]), ("__set__", &["self", "obj", "v"])], Vec::new(), false));
    let base = own(mkclass("Base", &[], &[("__init_subclass__", &["cls"])], Vec::new(), false));
    let dobj = call(desc.get(), &[]).unwrap();
    let sub = own(mkclass("Sub", &[base.get()], &[], vec![("d", dobj)], false));
    let sbi = own(call(sub.get(), &[]));
    o(ga(sub.get(), "tag"), &mut out);
    o(ga(sbi.get(), "d"), &mut out);
    drop(own(sa(sbi.get(), "d", small(5))));
    o(ga(sbi.get(), "seen"), &mut out);
    o(ga(sub.get(), "d"), &mut out);
    let slots_a = tuple::tuple_from_vec(vec![st("a")]).unwrap();
    let sl = own(mkclass("Sl", &[], &[], vec![("__slots__", slots_a)], false));
    let sli = own(call(sl.get(), &[]));
    drop(own(sa(sli.get(), "a", small(1))));
    o(ga(sli.get(), "a"), &mut out);
    o(sa(sli.get(), "b", small(1)), &mut out);
    o(ga(sli.get(), "__dict__"), &mut out);
    let slots_b = tuple::tuple_from_vec(vec![st("b")]).unwrap();
    let sl2 = own(mkclass("Sl2", &[], &[], vec![("__slots__", slots_b)], false));
    o(type3("Y", &[sl.get(), sl2.get()]), &mut out);
    let y = own(type3("Y", &[sl.get(), sub.get()]));
    o(ga(y.get(), "__mro__"), &mut out);
    out.join("\n") + "\n"
}

/// What python3 cannot be asked line by line: the lookup marker and its AttributeError before
/// the arguments, `except` by class value, the traceback's name of a user exception, the cycle
/// a `__classcell__` makes (freed by the collector) and that nothing is left alive.
#[test]
fn markers_exceptions_and_memory() {
    let _g = test_lock();
    {
        let a = Owned(mkclass("A", &[], &[("__init__", &["self", "a"]), ("who", &["self"])], Vec::new(), false).unwrap());
        let b = Owned(mkclass("B", &[a.get()], &[("__init__", &["self", "a", "b"]), ("who", &["self"])], Vec::new(), true).unwrap());
        let bi = Owned(call(b.get(), &[small(1), small(2)]).unwrap());
        // The lookup of a user instance's method gives the generic marker; a missing attribute
        // raises at the lookup.
        let who = Owned(st("who"));
        let m = molt_obj_lookup_method(bi.get(), who.get());
        assert!(core::ptr::eq(m, &crate::object::call::GENERIC_METHOD));
        let nope = Owned(st("nope"));
        let m = molt_obj_lookup_method(bi.get(), nope.get());
        assert!(m.is_null());
        assert_eq!(show(Err(MoltError::take_raised())), "!AttributeError: 'B' object has no attribute 'nope'");
        // An attribute of the instance shadows the class's function.
        let f = Owned(mkf("A.who", &["self"], None));
        drop(Owned(sa(bi.get(), "who", f.get()).unwrap()));
        assert_eq!(show(callm(bi.get(), "who", &[])), "!TypeError: A.who() missing 1 required positional argument: 'self'");
        // Exceptions: except by class value, by kind, and the traceback's name.
        let ve = Owned(exc_class(ExceptionKind::ValueError));
        let my = Owned(mkclass("MyError", &[ve.get()], &[("__init__", &["self", "msg", "code"])], Vec::new(), true).unwrap());
        let msg = Owned(st("boom"));
        let e = Owned(call(my.get(), &[msg.get(), small(3)]).unwrap());
        assert!(molt_exc_matches_class(e.get(), my.get()));
        assert!(molt_exc_matches_class(e.get(), ve.get()));
        assert!(molt_exc_matches(e.get(), ExceptionKind::ValueError.code()));
        assert!(molt_exc_matches(e.get(), ExceptionKind::Exception.code()));
        assert!(!molt_exc_matches(e.get(), ExceptionKind::KeyError.code()));
        let ke = Owned(exc_class(ExceptionKind::KeyError));
        let pair = Owned(tuple::tuple_from_slice(&[ke.get(), my.get()]).unwrap());
        assert!(molt_exc_matches_class(e.get(), pair.get()));
        assert!(!molt_exc_matches_class(e.get(), ke.get()));
        let int_class = Owned(molt_builtin_class(BuiltinClass::Int as i32));
        assert!(!molt_exc_matches_class(e.get(), int_class.get()));
        assert_eq!(show(Err(MoltError::take_raised())), "!TypeError: catching classes that do not inherit from BaseException is not allowed");
        molt_raise_obj(e.get(), singletons::none(), false);
        let rep = take_exception().unwrap();
        assert_eq!(crate::exceptions::format_traceback(&rep).lines().last(), Some("MyError: boom"));
        // The repr of an instance, of a bound method, of the class.
        let text = show(Ok(new_ref(bi.get())));
        assert_eq!(text, "B:<__main__.B object at 0x…>");
        let bm = Owned(ga(a.get(), "__init__").unwrap());
        assert!(show(Ok(new_ref(bm.get()))).starts_with("function:<function A.__init__"));
        assert_eq!(show(ga(bi.get(), "__class__")), "type:<class '__main__.B'>");
        assert_eq!(show(ga(b.get(), "__class__")), "type:<class 'type'>");
        assert_eq!(show(Ok(molt_obj_type(b.get()))), "type:<class 'type'>");
    }
    crate::object::gc::collect_all();
    super::assert_all_freed();
}
