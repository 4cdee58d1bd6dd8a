//! The dunder methods of the builtin container classes a program's classes may derive from
//! (`dict`, `list`, `tuple`, the namedtuple classes: `builtin_sub::is_data_base`), as CPython's slot wrappers expose them:
//! `dict.__getitem__`, `list.__init__`, `super().__setitem__(k, v)` in a subclass, and the
//! slots of such a subclass that its own namespace does not define.
//!
//! Relies on: the builtin type's slots (`TypeObject`: `subscript`, `ass_subscript`, `sequence`,
//! `number`, `richcompare`, `iter`, `repr`, `str`, `hash`); `builtin_sub` for `__init__`,
//! `__new__` and `dict.__getitem__`'s `__missing__`; `descr` for the wrapper objects (static,
//! one per class and dunder). The references are CPython 3.11's `Objects/typeobject.c`
//! (`slotdefs`, the `wrap_*` functions: `wrap_binaryfunc_l` / `_r`, `wrap_objobjargproc`,
//! `wrap_delitem`, `wrap_lenfunc`, `wrap_objobjproc`, `wrap_richcmpfunc`, `wrap_init`).
//!
//! Provides: [`Dunder`] (with [`Dunder::name`] and [`Dunder::from_name`]), [`defines`] (whether
//! a builtin class defines a dunder itself), [`call`] (calls it on a receiver), [`wrapper`]
//! (the wrapper object of a class's dunder).
//!
//! Invariants: a dunder is defined exactly when the slot behind it is (so a lookup through a
//! subclass's MRO finds the builtin class for what it implements, and nothing else); results
//! are new references; argument-count errors are CPython's ("expected 1 argument, got 2").

use alloc::format;
use alloc::vec::Vec;

use super::descr::{Wrapper, WrapperObject, wrapper_static};
use super::dict::molt_type_dict;
use super::list::molt_type_list;
use super::tuple::molt_type_tuple;
use super::types::{MethodDef, TypeObject};
use super::{Obj, int, new_ref, singletons, str as pystr};
use crate::ExceptionKind::TypeError;
use crate::exceptions::{MoltResult, fail};
use crate::{BinaryOp, CompareOp};

/// A dunder method a builtin container class may define.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dunder {
    New,
    Init,
    Getitem,
    Setitem,
    Delitem,
    Len,
    Contains,
    Iter,
    Repr,
    Hash,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Radd,
    Iadd,
    Mul,
    Rmul,
    Imul,
    Or,
    Ror,
    Ior,
}

/// Every dunder (what the test of [`Dunder::from_name`] checks).
#[cfg(test)]
const ALL: [Dunder; 25] = [
    Dunder::New,
    Dunder::Init,
    Dunder::Getitem,
    Dunder::Setitem,
    Dunder::Delitem,
    Dunder::Len,
    Dunder::Contains,
    Dunder::Iter,
    Dunder::Repr,
    Dunder::Hash,
    Dunder::Eq,
    Dunder::Ne,
    Dunder::Lt,
    Dunder::Le,
    Dunder::Gt,
    Dunder::Ge,
    Dunder::Add,
    Dunder::Radd,
    Dunder::Iadd,
    Dunder::Mul,
    Dunder::Rmul,
    Dunder::Imul,
    Dunder::Or,
    Dunder::Ror,
    Dunder::Ior,
];

impl Dunder {
    /// The method's name.
    pub const fn name(self) -> &'static str {
        match self {
            Dunder::New => "__new__",
            Dunder::Init => "__init__",
            Dunder::Getitem => "__getitem__",
            Dunder::Setitem => "__setitem__",
            Dunder::Delitem => "__delitem__",
            Dunder::Len => "__len__",
            Dunder::Contains => "__contains__",
            Dunder::Iter => "__iter__",
            Dunder::Repr => "__repr__",
            Dunder::Hash => "__hash__",
            Dunder::Eq => "__eq__",
            Dunder::Ne => "__ne__",
            Dunder::Lt => "__lt__",
            Dunder::Le => "__le__",
            Dunder::Gt => "__gt__",
            Dunder::Ge => "__ge__",
            Dunder::Add => "__add__",
            Dunder::Radd => "__radd__",
            Dunder::Iadd => "__iadd__",
            Dunder::Mul => "__mul__",
            Dunder::Rmul => "__rmul__",
            Dunder::Imul => "__imul__",
            Dunder::Or => "__or__",
            Dunder::Ror => "__ror__",
            Dunder::Ior => "__ior__",
        }
    }

    /// The dunder named `name`, if it is one of these.
    pub fn from_name(name: &str) -> Option<Dunder> {
        // A match (compiled to a dispatch on the length, then one comparison) rather than a
        // scan of `ALL`: the slot lookups of a subclass's instances ask for every dunder.
        Some(match name {
            "__new__" => Dunder::New,
            "__init__" => Dunder::Init,
            "__getitem__" => Dunder::Getitem,
            "__setitem__" => Dunder::Setitem,
            "__delitem__" => Dunder::Delitem,
            "__len__" => Dunder::Len,
            "__contains__" => Dunder::Contains,
            "__iter__" => Dunder::Iter,
            "__repr__" => Dunder::Repr,
            "__hash__" => Dunder::Hash,
            "__eq__" => Dunder::Eq,
            "__ne__" => Dunder::Ne,
            "__lt__" => Dunder::Lt,
            "__le__" => Dunder::Le,
            "__gt__" => Dunder::Gt,
            "__ge__" => Dunder::Ge,
            "__add__" => Dunder::Add,
            "__radd__" => Dunder::Radd,
            "__iadd__" => Dunder::Iadd,
            "__mul__" => Dunder::Mul,
            "__rmul__" => Dunder::Rmul,
            "__imul__" => Dunder::Imul,
            "__or__" => Dunder::Or,
            "__ror__" => Dunder::Ror,
            "__ior__" => Dunder::Ior,
            _ => return None,
        })
    }

    /// The comparison of a rich-comparison dunder.
    fn compare_op(self) -> Option<CompareOp> {
        Some(match self {
            Dunder::Eq => CompareOp::Eq,
            Dunder::Ne => CompareOp::Ne,
            Dunder::Lt => CompareOp::Lt,
            Dunder::Le => CompareOp::Le,
            Dunder::Gt => CompareOp::Gt,
            Dunder::Ge => CompareOp::Ge,
            Dunder::New
            | Dunder::Init
            | Dunder::Getitem
            | Dunder::Setitem
            | Dunder::Delitem
            | Dunder::Len
            | Dunder::Contains
            | Dunder::Iter
            | Dunder::Repr
            | Dunder::Hash
            | Dunder::Add
            | Dunder::Radd
            | Dunder::Iadd
            | Dunder::Mul
            | Dunder::Rmul
            | Dunder::Imul
            | Dunder::Or
            | Dunder::Ror
            | Dunder::Ior => return None,
        })
    }
}

/// Whether number slot table `c` has binary (`inplace`) operator `op`.
fn has_number(c: &TypeObject, op: BinaryOp, inplace: bool) -> bool {
    c.number.is_some_and(|n| if inplace { n.inplace.is_some() && n.inplace_ops.has(op.code()) } else { n.binary.is_some() && n.binary_ops.has(op.code()) })
}

/// Whether builtin class `c` defines dunder `d` itself (the slot behind it).
pub fn defines(c: &'static TypeObject, d: Dunder) -> bool {
    let seq = c.sequence;
    match d {
        Dunder::New => super::builtin_sub::is_data_base(c),
        // `tuple` and the namedtuple classes define no `__init__` (`object`'s runs).
        Dunder::Init => c.is(&molt_type_dict) || c.is(&molt_type_list),
        // `dict.__hash__` and `list.__hash__` are None (their unhashable slot).
        Dunder::Hash => c.hash.is_some() || c.is(&molt_type_dict) || c.is(&molt_type_list),
        Dunder::Getitem => c.subscript.is_some(),
        Dunder::Setitem | Dunder::Delitem => c.ass_subscript.is_some(),
        Dunder::Len => seq.is_some_and(|s| s.len.is_some()),
        Dunder::Contains => seq.is_some_and(|s| s.contains.is_some()),
        Dunder::Iter => c.iter.is_some(),
        Dunder::Repr => c.repr.is_some(),
        Dunder::Eq | Dunder::Ne | Dunder::Lt | Dunder::Le | Dunder::Gt | Dunder::Ge => c.richcompare.is_some(),
        Dunder::Add => has_number(c, BinaryOp::Add, false) || seq.is_some_and(|s| s.concat.is_some()),
        Dunder::Radd => has_number(c, BinaryOp::Add, false),
        Dunder::Iadd => has_number(c, BinaryOp::Add, true) || seq.is_some_and(|s| s.inplace_concat.is_some()),
        Dunder::Mul | Dunder::Rmul => has_number(c, BinaryOp::Mul, false) || seq.is_some_and(|s| s.repeat.is_some()),
        Dunder::Imul => has_number(c, BinaryOp::Mul, true) || seq.is_some_and(|s| s.inplace_repeat.is_some()),
        Dunder::Or | Dunder::Ror => has_number(c, BinaryOp::Or, false),
        Dunder::Ior => has_number(c, BinaryOp::Or, true),
    }
}

/// Whether builtin class `c` defines the dunder named `name` itself.
pub fn defines_name(c: &'static TypeObject, name: &str) -> bool {
    Dunder::from_name(name).is_some_and(|d| defines(c, d))
}

/// How a dunder checks its arguments in CPython: a `METH_O` method (`dict.__getitem__`), a slot
/// wrapper through `check_num_args`, or one through `PyArg_UnpackTuple` with an empty name.
enum Arity {
    MethO,
    NumArgs,
    Unpack,
}

fn arity(c: &'static TypeObject, d: Dunder) -> Arity {
    match d {
        Dunder::Getitem if c.is(&molt_type_dict) || c.is(&molt_type_list) => Arity::MethO,
        Dunder::Contains if c.is(&molt_type_dict) => Arity::MethO,
        Dunder::Setitem | Dunder::Mul | Dunder::Rmul | Dunder::Imul => Arity::Unpack,
        Dunder::New
        | Dunder::Init
        | Dunder::Getitem
        | Dunder::Delitem
        | Dunder::Len
        | Dunder::Contains
        | Dunder::Iter
        | Dunder::Repr
        | Dunder::Hash
        | Dunder::Eq
        | Dunder::Ne
        | Dunder::Lt
        | Dunder::Le
        | Dunder::Gt
        | Dunder::Ge
        | Dunder::Add
        | Dunder::Radd
        | Dunder::Iadd
        | Dunder::Or
        | Dunder::Ror
        | Dunder::Ior => Arity::NumArgs,
    }
}

/// The arguments of a call of `c`'s dunder `d`, exactly `n` of them, without keywords, with
/// CPython's errors for its kind of method: "dict.__getitem__() takes exactly one argument (2
/// given)", "expected 1 argument, got 2" (`check_num_args`), " expected 2 arguments, got 1"
/// (`PyArg_UnpackTuple` without a name), "wrapper __len__() takes no keyword arguments".
fn exactly<'a>(c: &'static TypeObject, d: Dunder, args: &'a [Obj], kw: &[(&str, Obj)], n: usize) -> MoltResult<&'a [Obj]> {
    let style = arity(c, d);
    if !kw.is_empty() {
        return match style {
            Arity::MethO => fail(TypeError, format!("{}.{}() takes no keyword arguments", c.name, d.name())),
            Arity::NumArgs | Arity::Unpack => fail(TypeError, format!("wrapper {}() takes no keyword arguments", d.name())),
        };
    }
    if args.len() == n {
        return Ok(args);
    }
    let s = if n == 1 { "" } else { "s" };
    match style {
        Arity::MethO => fail(TypeError, format!("{}.{}() takes exactly one argument ({} given)", c.name, d.name(), args.len())),
        Arity::NumArgs => fail(TypeError, format!("expected {n} argument{s}, got {}", args.len())),
        Arity::Unpack => fail(TypeError, format!(" expected {n} argument{s}, got {}", args.len())),
    }
}

/// A sequence repeat count: NotImplemented (None) for an object that is no index.
fn repeat_count(n: Obj) -> MoltResult<Option<i64>> {
    super::dispatch::as_index(n, crate::ExceptionKind::OverflowError)
}

/// Calls dunder `d` of builtin class `c` on `recv` (an instance of `c`) with `args`: what the
/// slot behind it does (NotImplemented where the slot declines).
pub fn call(c: &'static TypeObject, d: Dunder, recv: Obj, args: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let none = || Ok(singletons::none());
    let unsupported = || fail(TypeError, format!("'{}' object has no method '{}'", c.name, d.name()));
    if !defines(c, d) {
        return unsupported();
    }
    if let Some(op) = d.compare_op() {
        let [w] = exactly(c, d, args, kw, 1)? else { return unsupported() };
        return match c.richcompare {
            Some(f) => f(op, recv, *w),
            None => unsupported(),
        };
    }
    let seq = c.sequence;
    match d {
        Dunder::New => {
            let Some(t) = super::types::as_type(recv) else {
                return fail(TypeError, format!("{}.__new__(X): X is not a type object ({})", c.name, recv.type_of().name));
            };
            if !super::types::is_subtype(t, c) {
                return fail(TypeError, format!("{0}.__new__({1}): {1} is not a subtype of {0}", c.name, t.name));
            }
            super::builtin_sub::new(c, t, args, kw)
        }
        Dunder::Init => super::builtin_sub::init(c, recv, args, kw).map(|()| singletons::none()),
        Dunder::Getitem => {
            let [k] = exactly(c, d, args, kw, 1)? else { return unsupported() };
            if c.is(&molt_type_dict) {
                return super::builtin_sub::dict_getitem(recv, *k);
            }
            if let Some(r) = super::slice::slice_item(recv, *k) {
                return r;
            }
            match c.subscript {
                Some(f) => f(recv, *k),
                None => unsupported(),
            }
        }
        Dunder::Setitem | Dunder::Delitem => {
            let n = if d == Dunder::Setitem { 2 } else { 1 };
            let a = exactly(c, d, args, kw, n)?;
            if let Some(r) = super::slice::slice_assign(recv, a[0], a.get(1).copied()) {
                return r.map(|()| singletons::none());
            }
            let Some(f) = c.ass_subscript else { return unsupported() };
            f(recv, a[0], a.get(1).copied())?;
            none()
        }
        Dunder::Len => {
            exactly(c, d, args, kw, 0)?;
            let n = seq.and_then(|s| s.len).map_or(0, |f| f(recv));
            int::from_i64(i64::try_from(n).unwrap_or(i64::MAX))
        }
        Dunder::Contains => {
            let [x] = exactly(c, d, args, kw, 1)? else { return unsupported() };
            match seq.and_then(|s| s.contains) {
                Some(f) => f(recv, *x).map(singletons::bool_obj),
                None => unsupported(),
            }
        }
        Dunder::Iter => {
            exactly(c, d, args, kw, 0)?;
            match c.iter {
                Some(f) => f(recv),
                None => unsupported(),
            }
        }
        Dunder::Repr => {
            exactly(c, d, args, kw, 0)?;
            match c.repr {
                Some(f) => pystr::str_from_text(&f(recv)?),
                None => unsupported(),
            }
        }
        Dunder::Hash => {
            exactly(c, d, args, kw, 0)?;
            match c.hash {
                Some(f) => int::from_i64(f(recv)?),
                None => unsupported(),
            }
        }
        Dunder::Add | Dunder::Radd | Dunder::Iadd | Dunder::Mul | Dunder::Rmul | Dunder::Imul | Dunder::Or | Dunder::Ror | Dunder::Ior => {
            let [w] = exactly(c, d, args, kw, 1)? else { return unsupported() };
            binary(c, d, recv, *w)
        }
        Dunder::Eq | Dunder::Ne | Dunder::Lt | Dunder::Le | Dunder::Gt | Dunder::Ge => unsupported(),
    }
}

/// The arithmetic dunders (`wrap_binaryfunc_l` / `_r`, `wrap_indexargfunc`): the number slot
/// when `c` has one for the operator, else the sequence's concatenation or repetition.
fn binary(c: &'static TypeObject, d: Dunder, v: Obj, w: Obj) -> MoltResult<Obj> {
    let (op, reflected, inplace) = match d {
        Dunder::Add => (BinaryOp::Add, false, false),
        Dunder::Radd => (BinaryOp::Add, true, false),
        Dunder::Iadd => (BinaryOp::Add, false, true),
        Dunder::Mul => (BinaryOp::Mul, false, false),
        Dunder::Rmul => (BinaryOp::Mul, true, false),
        Dunder::Imul => (BinaryOp::Mul, false, true),
        Dunder::Or => (BinaryOp::Or, false, false),
        Dunder::Ror => (BinaryOp::Or, true, false),
        Dunder::Ior => (BinaryOp::Or, false, true),
        Dunder::New
        | Dunder::Init
        | Dunder::Getitem
        | Dunder::Setitem
        | Dunder::Delitem
        | Dunder::Len
        | Dunder::Contains
        | Dunder::Iter
        | Dunder::Repr
        | Dunder::Hash
        | Dunder::Eq
        | Dunder::Ne
        | Dunder::Lt
        | Dunder::Le
        | Dunder::Gt
        | Dunder::Ge => return Ok(singletons::not_implemented()),
    };
    if has_number(c, op, inplace)
        && let Some(n) = c.number
    {
        let f = if inplace { n.inplace } else { n.binary };
        if let Some(f) = f {
            return if reflected { f(op, w, v) } else { f(op, v, w) };
        }
    }
    let not_implemented = || Ok(singletons::not_implemented());
    let Some(s) = c.sequence else { return not_implemented() };
    match op {
        BinaryOp::Add => {
            let f = if inplace { s.inplace_concat } else { s.concat };
            f.map_or_else(not_implemented, |f| f(v, w))
        }
        BinaryOp::Mul => {
            let Some(n) = repeat_count(w)? else { return not_implemented() };
            let f = if inplace { s.inplace_repeat } else { s.repeat };
            f.map_or_else(not_implemented, |f| f(v, n))
        }
        BinaryOp::Sub
        | BinaryOp::TrueDiv
        | BinaryOp::FloorDiv
        | BinaryOp::Mod
        | BinaryOp::Pow
        | BinaryOp::LShift
        | BinaryOp::RShift
        | BinaryOp::And
        | BinaryOp::Or
        | BinaryOp::Xor => not_implemented(),
    }
}

macro_rules! wrappers {
    ($owner:expr; $($d:ident $style:literal),* $(,)?) => {
        [$(wrapper_static(Wrapper::Builtin(Dunder::$d), Dunder::$d.name(), $owner, $style)),*]
    };
}

/// `dict`'s dunders as objects (style 0: a slot wrapper; 1: a method; 2: a builtin method of
/// the type, `__new__`).
static DICT_WRAPPERS: [WrapperObject; 17] = wrappers![&molt_type_dict;
    New 2, Init 0, Getitem 1, Setitem 0, Delitem 0, Len 0, Contains 1, Iter 0, Repr 0,
    Eq 0, Ne 0, Lt 0, Le 0, Gt 0, Ge 0, Or 0, Ror 0,
];

/// `tuple`'s dunders as objects.
static TUPLE_WRAPPERS: [WrapperObject; 16] = wrappers![&molt_type_tuple;
    New 2, Getitem 0, Len 0, Contains 0, Iter 0, Repr 0, Hash 0,
    Eq 0, Ne 0, Lt 0, Le 0, Gt 0, Ge 0, Add 0, Mul 0, Rmul 0,
];

/// `list`'s dunders as objects.
static LIST_WRAPPERS: [WrapperObject; 20] = wrappers![&molt_type_list;
    New 2, Init 0, Getitem 1, Setitem 0, Delitem 0, Len 0, Contains 0, Iter 0, Repr 0,
    Eq 0, Ne 0, Lt 0, Le 0, Gt 0, Ge 0, Add 0, Iadd 0, Mul 0, Rmul 0, Imul 0,
];

/// The attribute `name` of builtin container class `c` (`dict`, `list`) for the MRO lookups: a
/// dunder's wrapper, `__hash__` (None: they are unhashable), a class method's descriptor
/// (`fromkeys`, binding to the class it is looked up on) or a method's descriptor.
pub fn attr(c: &'static TypeObject, name: &str) -> Option<Obj> {
    // A namedtuple class's namespace (its fields, `_make`, `__new__`, …).
    if let Some(f) = c.ext.and_then(|e| e.namespace) {
        return f(c, name).and_then(Result::ok);
    }
    if let Some(w) = wrapper(c, name) {
        return Some(w);
    }
    if name == "__hash__" && (c.is(&molt_type_dict) || c.is(&molt_type_list)) {
        return Some(singletons::none());
    }
    if name == "__getnewargs__" && c.is(&molt_type_tuple) {
        return cached_descriptor(c, &TUPLE_GETNEWARGS);
    }
    let m = c.methods.iter().find(|m| m.name == name)?;
    if c.class_functions.iter().any(|(n, _)| *n == name) {
        return classmethod_descriptor(c, m).ok();
    }
    cached_descriptor(c, m)
}

/// `tuple.__getnewargs__`.
static TUPLE_GETNEWARGS: MethodDef = MethodDef { name: "__getnewargs__", call: super::tuple::tuple_getnewargs };

/// The method descriptors [`attr`] made, one per method, kept until exit: every call of a
/// container's method on a subclass instance looks it up through the MRO (twice: the
/// `LOAD_METHOD` check, then the call), which would otherwise allocate one each time.
static DESCRIPTORS: crate::sys::Global<Vec<(usize, Obj)>> = crate::sys::Global::new(Vec::new());

/// `c`'s method `m` as a method descriptor (a new reference), made once.
fn cached_descriptor(c: &'static TypeObject, m: &'static MethodDef) -> Option<Obj> {
    let key = core::ptr::from_ref(m) as usize;
    if let Some(o) = DESCRIPTORS.with(|d| d.iter().find(|(k, _)| *k == key).map(|&(_, o)| o)) {
        return Some(new_ref(o));
    }
    let o = super::descr::method_descriptor(c, m).ok()?;
    super::module_kinds::register_exit(release_descriptors);
    DESCRIPTORS.with(|d| {
        if d.try_reserve(1).is_ok() {
            d.push((key, new_ref(o)));
        }
    });
    Some(o)
}

/// Releases the kept method descriptors (at exit, before the leak report).
fn release_descriptors() {
    for (_, o) in DESCRIPTORS.with(core::mem::take) {
        // SAFETY: the cache owned these references.
        unsafe { super::decref(o) };
    }
}

/// Method `m` of builtin class `c` as a `classmethod_descriptor` (a new reference): bound to
/// the class it is looked up on (a namedtuple class's `_make`, read through a subclass).
pub fn classmethod_descriptor(c: &'static TypeObject, m: &'static MethodDef) -> MoltResult<Obj> {
    let cls = super::range::Owned(super::attrs::class_value(c));
    super::descr::new_builtin_method(&TYPE_CLASSMETHOD_DESCRIPTOR, cls.get(), m)
}

/// `classmethod_descriptor`: a builtin type's class method read from the type's namespace
/// (`dict.__dict__['fromkeys']`), which binds to the class it is looked up on (a class
/// deriving from `dict` gets its own instances from `D.fromkeys`). The layout of a bound
/// builtin method, the defining type in the receiver's place.
static TYPE_CLASSMETHOD_DESCRIPTOR: TypeObject = TypeObject {
    heap: Some(super::alloc::HeapKind::BuiltinMethod),
    ext: Some(&super::types::TypeExt { descr_get: Some(classmethod_descriptor_get), ..super::types::TypeExt::EMPTY }),
    ..TypeObject::new("classmethod_descriptor", &super::types::TYPE_OBJECT)
};

/// `classmethod_get`: the method bound to the class the lookup was made on.
fn classmethod_descriptor_get(d: Obj, _obj: Option<Obj>, t: &'static TypeObject) -> MoltResult<Obj> {
    let Some(def) = super::descr::builtin_method_def(d) else { return Ok(new_ref(d)) };
    let cls = super::range::Owned(super::attrs::class_value(t));
    super::descr::builtin_method(cls.get(), def)
}

/// The wrapper object of builtin class `c`'s dunder `name` (a new reference), if `c` is a data
/// base that defines it.
fn wrapper(c: &'static TypeObject, name: &str) -> Option<Obj> {
    let d = Dunder::from_name(name)?;
    let table: &'static [WrapperObject] = if c.is(&molt_type_dict) {
        &DICT_WRAPPERS
    } else if c.is(&molt_type_list) {
        &LIST_WRAPPERS
    } else if c.is(&molt_type_tuple) {
        &TUPLE_WRAPPERS
    } else {
        return None;
    };
    table.iter().find(|w| w.which == Wrapper::Builtin(d)).map(|w| new_ref(Obj::from_static(w)))
}

#[cfg(test)]
mod tests {
    use super::{ALL, Dunder};

    #[test]
    fn from_name_inverts_name() {
        for d in ALL {
            assert_eq!(Dunder::from_name(d.name()), Some(d));
        }
        assert_eq!(Dunder::from_name("__missing__"), None);
        assert_eq!(Dunder::from_name("len"), None);
    }
}
