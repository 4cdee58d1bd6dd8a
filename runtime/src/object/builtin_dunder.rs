//! The dunder methods of the builtin classes as CPython's slot wrappers expose them
//! (decisions/0061): read from a class (`int.__add__`, `dict.__getitem__`, `list.__init__`,
//! `super().__setitem__(k, v)` in a subclass of a data base), read from a builtin object and
//! bound (`(5).__add__`, `it.__next__`, `[].__hash__` is None), and the slots of a class
//! deriving from a data base (`builtin_sub::is_data_base`) that its own namespace does not
//! define.
//!
//! Relies on: the builtin type's slots (`TypeObject`: `subscript`, `ass_subscript`, `sequence`,
//! `number`, `richcompare`, `iter`, `iternext`, `repr`, `str`, `hash`, `call`); `builtin_sub`
//! for `__init__`, `__new__` and `dict.__getitem__`'s `__missing__`; `descr` for the wrapper
//! objects and bound methods; `format` for `__format__`. The references are CPython 3.11's
//! `Objects/typeobject.c` (`slotdefs`, the `wrap_*` functions: `wrap_binaryfunc_l` / `_r`,
//! `wrap_ternaryfunc` / `_r`, `wrap_indexargfunc`, `wrap_objobjargproc`, `wrap_delitem`,
//! `wrap_lenfunc`, `wrap_objobjproc`, `wrap_richcmpfunc`, `wrap_next`, `wrap_call`,
//! `wrap_init`, `wrap_unaryfunc`, `wrap_inquirypred`, `wrap_hashfunc`). Reached only through the
//! hooks of `builtin_sub` and `attrs` (`molt_enable_protocol_methods`), so that programs which
//! read no dunder of a builtin object link none of it.
//!
//! Provides: [`Dunder`] (with [`Dunder::name`] and [`Dunder::from_name`]), [`defines`] (whether
//! a builtin class defines a dunder itself), [`unhashable`], [`call`] (a wrapper's call on a
//! receiver), [`call_for_operator`] (an operator on a subclass instance), [`attr`] (the
//! attributes of a data base), [`class_attr`] and [`instance_attr`] (the dunders of any builtin
//! class and object).
//!
//! Invariants: a dunder is defined exactly when the slot behind it is (so a lookup through a
//! MRO finds CPython's owner for what it implements, and nothing else); the wrapper of a class
//! and dunder is made once and never freed (identity as in CPython's type dictionaries);
//! results are new references; argument-count errors are CPython's ("expected 1 argument, got
//! 2").

use alloc::format;
use alloc::vec::Vec;

use super::descr::{Wrapper, WrapperObject, wrapper_static};
use super::dict::molt_type_dict;
use super::list::molt_type_list;
use super::tuple::molt_type_tuple;
use super::types::{MethodDef, TypeObject};
use crate::UnaryOp;
use super::{Obj, int, new_ref, singletons, str as pystr};
use crate::ExceptionKind::TypeError;
use crate::exceptions::{MoltResult, fail};
use crate::{BinaryOp, CompareOp};

/// Which operand a binary operator's dunder is (`wrap_binaryfunc_l` / `_r`) or whether it is
/// the in-place form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
    InPlace,
}

/// A dunder method a builtin class may define through one of its slots (CPython's `slotdefs`),
/// or one of the few methods every number and str type has (`__format__`).
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
    Next,
    Repr,
    Str,
    Hash,
    Call,
    Bool,
    Index,
    Int,
    Float,
    Format,
    /// `__divmod__` (false) and `__rdivmod__` (true): `divmod` is no binary operator here.
    Divmod(bool),
    Compare(CompareOp),
    Binary(BinaryOp, Side),
    Unary(UnaryOp),
}

/// Every dunder (what the test of [`Dunder::from_name`] checks).
#[cfg(test)]
fn all() -> Vec<Dunder> {
    use Dunder::*;
    let mut v = alloc::vec![New, Init, Getitem, Setitem, Delitem, Len, Contains, Iter, Next, Repr, Str, Hash, Call, Bool, Index, Int, Float, Format, Divmod(false), Divmod(true)];
    v.extend(CompareOp::ALL.iter().map(|&op| Compare(op)));
    v.extend(UnaryOp::ALL.iter().map(|&op| Unary(op)));
    for &op in BinaryOp::ALL {
        v.extend([Binary(op, Side::Left), Binary(op, Side::Right), Binary(op, Side::InPlace)]);
    }
    v
}

impl Dunder {
    /// The method's name.
    pub fn name(self) -> &'static str {
        use super::slots::{binary_names, compare_name, inplace_name, unary_name};
        match self {
            Dunder::New => "__new__",
            Dunder::Init => "__init__",
            Dunder::Getitem => "__getitem__",
            Dunder::Setitem => "__setitem__",
            Dunder::Delitem => "__delitem__",
            Dunder::Len => "__len__",
            Dunder::Contains => "__contains__",
            Dunder::Iter => "__iter__",
            Dunder::Next => "__next__",
            Dunder::Repr => "__repr__",
            Dunder::Str => "__str__",
            Dunder::Hash => "__hash__",
            Dunder::Call => "__call__",
            Dunder::Bool => "__bool__",
            Dunder::Index => "__index__",
            Dunder::Int => "__int__",
            Dunder::Float => "__float__",
            Dunder::Format => "__format__",
            Dunder::Divmod(false) => "__divmod__",
            Dunder::Divmod(true) => "__rdivmod__",
            Dunder::Compare(op) => compare_name(op),
            Dunder::Binary(op, Side::Left) => binary_names(op).0,
            Dunder::Binary(op, Side::Right) => binary_names(op).1,
            Dunder::Binary(op, Side::InPlace) => inplace_name(op),
            Dunder::Unary(op) => unary_name(op),
        }
    }

    /// The dunder named `name`, if it is one of these.
    pub fn from_name(name: &str) -> Option<Dunder> {
        use BinaryOp as B;
        use Side::{InPlace, Left, Right};
        // A match (compiled to a dispatch on the length, then one comparison) rather than a
        // scan: the slot lookups of a subclass's instances ask for every dunder.
        Some(match name {
            "__new__" => Dunder::New,
            "__init__" => Dunder::Init,
            "__getitem__" => Dunder::Getitem,
            "__setitem__" => Dunder::Setitem,
            "__delitem__" => Dunder::Delitem,
            "__len__" => Dunder::Len,
            "__contains__" => Dunder::Contains,
            "__iter__" => Dunder::Iter,
            "__next__" => Dunder::Next,
            "__repr__" => Dunder::Repr,
            "__str__" => Dunder::Str,
            "__hash__" => Dunder::Hash,
            "__call__" => Dunder::Call,
            "__bool__" => Dunder::Bool,
            "__index__" => Dunder::Index,
            "__int__" => Dunder::Int,
            "__float__" => Dunder::Float,
            "__format__" => Dunder::Format,
            "__divmod__" => Dunder::Divmod(false),
            "__rdivmod__" => Dunder::Divmod(true),
            "__eq__" => Dunder::Compare(CompareOp::Eq),
            "__ne__" => Dunder::Compare(CompareOp::Ne),
            "__lt__" => Dunder::Compare(CompareOp::Lt),
            "__le__" => Dunder::Compare(CompareOp::Le),
            "__gt__" => Dunder::Compare(CompareOp::Gt),
            "__ge__" => Dunder::Compare(CompareOp::Ge),
            "__neg__" => Dunder::Unary(UnaryOp::Neg),
            "__pos__" => Dunder::Unary(UnaryOp::Pos),
            "__invert__" => Dunder::Unary(UnaryOp::Invert),
            "__abs__" => Dunder::Unary(UnaryOp::Abs),
            "__add__" => Dunder::Binary(B::Add, Left),
            "__radd__" => Dunder::Binary(B::Add, Right),
            "__iadd__" => Dunder::Binary(B::Add, InPlace),
            "__sub__" => Dunder::Binary(B::Sub, Left),
            "__rsub__" => Dunder::Binary(B::Sub, Right),
            "__isub__" => Dunder::Binary(B::Sub, InPlace),
            "__mul__" => Dunder::Binary(B::Mul, Left),
            "__rmul__" => Dunder::Binary(B::Mul, Right),
            "__imul__" => Dunder::Binary(B::Mul, InPlace),
            "__truediv__" => Dunder::Binary(B::TrueDiv, Left),
            "__rtruediv__" => Dunder::Binary(B::TrueDiv, Right),
            "__itruediv__" => Dunder::Binary(B::TrueDiv, InPlace),
            "__floordiv__" => Dunder::Binary(B::FloorDiv, Left),
            "__rfloordiv__" => Dunder::Binary(B::FloorDiv, Right),
            "__ifloordiv__" => Dunder::Binary(B::FloorDiv, InPlace),
            "__mod__" => Dunder::Binary(B::Mod, Left),
            "__rmod__" => Dunder::Binary(B::Mod, Right),
            "__imod__" => Dunder::Binary(B::Mod, InPlace),
            "__pow__" => Dunder::Binary(B::Pow, Left),
            "__rpow__" => Dunder::Binary(B::Pow, Right),
            "__ipow__" => Dunder::Binary(B::Pow, InPlace),
            "__lshift__" => Dunder::Binary(B::LShift, Left),
            "__rlshift__" => Dunder::Binary(B::LShift, Right),
            "__ilshift__" => Dunder::Binary(B::LShift, InPlace),
            "__rshift__" => Dunder::Binary(B::RShift, Left),
            "__rrshift__" => Dunder::Binary(B::RShift, Right),
            "__irshift__" => Dunder::Binary(B::RShift, InPlace),
            "__and__" => Dunder::Binary(B::And, Left),
            "__rand__" => Dunder::Binary(B::And, Right),
            "__iand__" => Dunder::Binary(B::And, InPlace),
            "__or__" => Dunder::Binary(B::Or, Left),
            "__ror__" => Dunder::Binary(B::Or, Right),
            "__ior__" => Dunder::Binary(B::Or, InPlace),
            "__xor__" => Dunder::Binary(B::Xor, Left),
            "__rxor__" => Dunder::Binary(B::Xor, Right),
            "__ixor__" => Dunder::Binary(B::Xor, InPlace),
            _ => return None,
        })
    }
}

/// Whether number slot table `c` has binary (`inplace`) operator `op`.
fn has_number(c: &TypeObject, op: BinaryOp, inplace: bool) -> bool {
    c.number.is_some_and(|n| if inplace { n.inplace.is_some() && n.inplace_ops.has(op.code()) } else { n.binary.is_some() && n.binary_ops.has(op.code()) })
}

/// Whether builtin class `c`'s hash slot is the unhashable one (`list`, `dict`, `set`, the
/// dict views): CPython gives such a class `__hash__ = None`.
pub fn unhashable(c: &'static TypeObject) -> bool {
    c.hash.is_some_and(|f| core::ptr::fn_addr_eq(f, super::dict::unhashable as super::types::HashFn))
}

/// Whether builtin class `c` is `int` or `float` (the owners of `__int__`, `__float__`; with
/// `str`, of `__format__`). By name: naming the type objects would link `float`'s code into
/// every program that reads a dunder.
fn is_number_class(c: &'static TypeObject) -> bool {
    matches!(c.name, "int" | "float") && c.base.is_some_and(|b| b.base.is_none())
}

/// Whether builtin class `c` defines dunder `d` itself (the slot behind it).
pub fn defines(c: &'static TypeObject, d: Dunder) -> bool {
    let seq = c.sequence;
    let number = c.number;
    match d {
        Dunder::New => super::builtin_sub::is_data_base(c),
        // `tuple` and the namedtuple classes define no `__init__` (`object`'s runs).
        Dunder::Init => c.is(&molt_type_dict) || c.is(&molt_type_list),
        // The unhashable classes' `__hash__` is None (see [`unhashable`]).
        Dunder::Hash => c.hash.is_some(),
        Dunder::Getitem => c.subscript.is_some(),
        Dunder::Setitem | Dunder::Delitem => c.ass_subscript.is_some(),
        Dunder::Len => seq.is_some_and(|s| s.len.is_some()),
        Dunder::Contains => seq.is_some_and(|s| s.contains.is_some()),
        Dunder::Iter => c.iter.is_some(),
        Dunder::Next => c.iternext.is_some(),
        Dunder::Repr => c.repr.is_some(),
        Dunder::Str => c.str.is_some(),
        Dunder::Call => c.call.is_some(),
        Dunder::Bool => number.is_some_and(|n| n.truth.is_some()),
        Dunder::Index => number.is_some_and(|n| n.index.is_some()),
        Dunder::Int | Dunder::Float | Dunder::Divmod(_) => is_number_class(c),
        Dunder::Format => is_number_class(c) || c.is(&pystr::molt_type_str),
        Dunder::Compare(_) => c.richcompare.is_some(),
        Dunder::Unary(op) => number.is_some_and(|n| n.unary.is_some() && n.unary_ops.has(op.code())),
        Dunder::Binary(op, side) => {
            let (concat, repeat) = match side {
                Side::Left => (seq.is_some_and(|s| s.concat.is_some()), seq.is_some_and(|s| s.repeat.is_some())),
                // `sq_concat` has no reflected wrapper; `sq_repeat` has (`wrap_indexargfunc`).
                Side::Right => (false, seq.is_some_and(|s| s.repeat.is_some())),
                Side::InPlace => (seq.is_some_and(|s| s.inplace_concat.is_some()), seq.is_some_and(|s| s.inplace_repeat.is_some())),
            };
            has_number(c, op, side == Side::InPlace) || op == BinaryOp::Add && concat || op == BinaryOp::Mul && repeat
        }
    }
}

/// Whether builtin class `c` defines the dunder named `name` itself.
pub fn defines_name(c: &'static TypeObject, name: &str) -> bool {
    Dunder::from_name(name).is_some_and(|d| defines(c, d))
}

/// How a dunder checks its arguments in CPython: a `METH_O` method (`dict.__getitem__`), a slot
/// wrapper through `check_num_args`, one through `PyArg_UnpackTuple` with an empty name, or
/// `__pow__`'s (one or two arguments, unpacked so).
enum Arity {
    MethO,
    NumArgs,
    Unpack,
    Pow,
}

fn arity(c: &'static TypeObject, d: Dunder) -> Arity {
    match d {
        Dunder::Getitem if c.is(&molt_type_dict) || c.is(&molt_type_list) => Arity::MethO,
        Dunder::Contains if matches!(c.name, "dict" | "set" | "frozenset") => Arity::MethO,
        Dunder::Format => Arity::MethO,
        Dunder::Binary(BinaryOp::Pow, Side::Left | Side::Right) => Arity::Pow,
        // The repetition's wrappers (`wrap_indexargfunc`) unpack; `int.__mul__` checks.
        Dunder::Binary(BinaryOp::Mul, _) if !has_number(c, BinaryOp::Mul, false) => Arity::Unpack,
        Dunder::Setitem => Arity::Unpack,
        Dunder::New
        | Dunder::Init
        | Dunder::Getitem
        | Dunder::Delitem
        | Dunder::Len
        | Dunder::Contains
        | Dunder::Iter
        | Dunder::Next
        | Dunder::Repr
        | Dunder::Str
        | Dunder::Hash
        | Dunder::Call
        | Dunder::Bool
        | Dunder::Index
        | Dunder::Int
        | Dunder::Float
        | Dunder::Divmod(_)
        | Dunder::Compare(_)
        | Dunder::Binary(..)
        | Dunder::Unary(_) => Arity::NumArgs,
    }
}

/// The arguments of a call of `c`'s dunder `d`, exactly `n` of them (`__pow__`: `n` or one
/// more), without keywords, with CPython's errors for its kind of method: "dict.__getitem__()
/// takes exactly one argument (2 given)", "expected 1 argument, got 2" (`check_num_args`), "
/// expected 2 arguments, got 1" (`PyArg_UnpackTuple` without a name), "wrapper __len__() takes
/// no keyword arguments".
fn exactly<'a>(c: &'static TypeObject, d: Dunder, args: &'a [Obj], kw: &[(&str, Obj)], n: usize) -> MoltResult<&'a [Obj]> {
    let style = arity(c, d);
    if !kw.is_empty() {
        return match style {
            Arity::MethO => fail(TypeError, format!("{}.{}() takes no keyword arguments", c.name, d.name())),
            Arity::NumArgs | Arity::Unpack | Arity::Pow => fail(TypeError, format!("wrapper {}() takes no keyword arguments", d.name())),
        };
    }
    if args.len() == n || matches!(style, Arity::Pow) && args.len() == n + 1 {
        return Ok(args);
    }
    let s = if n == 1 { "" } else { "s" };
    match style {
        Arity::MethO => fail(TypeError, format!("{}.{}() takes exactly one argument ({} given)", c.name, d.name(), args.len())),
        Arity::NumArgs => fail(TypeError, format!("expected {n} argument{s}, got {}", args.len())),
        Arity::Unpack => fail(TypeError, format!(" expected {n} argument{s}, got {}", args.len())),
        Arity::Pow if args.len() < n => fail(TypeError, format!(" expected at least {n} argument{s}, got {}", args.len())),
        Arity::Pow => fail(TypeError, format!(" expected at most {} arguments, got {}", n + 1, args.len())),
    }
}

/// `PyNumber_AsSsize_t`'s TypeError in `wrap_indexargfunc` (a repetition's count): "'str'
/// object cannot be interpreted as an integer".
fn not_an_index(n: Obj) -> MoltResult<Obj> {
    fail(TypeError, format!("'{}' object cannot be interpreted as an integer", n.type_of().name))
}

/// Calls dunder `d` of builtin class `c` on `recv` (an instance of `c`) with `args`, as its
/// wrapper object does: what the slot behind it does (NotImplemented where the slot declines;
/// a repetition's count that is no index is a TypeError, `wrap_indexargfunc`).
pub fn call(c: &'static TypeObject, d: Dunder, recv: Obj, args: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    call_as(c, d, recv, args, kw, true)
}

/// Calls dunder `d` of builtin class `c` for an operator on an instance of a class deriving
/// from `c` (`L() * "x"`): as [`call`], but a repetition's count that is no index gives
/// NotImplemented, so that the operator's own TypeError follows.
pub fn call_for_operator(c: &'static TypeObject, d: Dunder, recv: Obj, args: &[Obj]) -> MoltResult<Obj> {
    call_as(c, d, recv, args, &[], false)
}

fn call_as(c: &'static TypeObject, d: Dunder, recv: Obj, args: &[Obj], kw: &[(&str, Obj)], wrapper: bool) -> MoltResult<Obj> {
    let none = || Ok(singletons::none());
    let unsupported = || fail(TypeError, format!("'{}' object has no method '{}'", c.name, d.name()));
    if !defines(c, d) {
        return unsupported();
    }
    let seq = c.sequence;
    let number = c.number;
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
        // `wrap_next`: StopIteration (no arguments) once the iterator is exhausted.
        Dunder::Next => {
            exactly(c, d, args, kw, 0)?;
            match c.iternext.map(|f| f(recv)).transpose()? {
                Some(Some(x)) => Ok(x),
                Some(None) => fail(crate::ExceptionKind::StopIteration, ""),
                None => unsupported(),
            }
        }
        Dunder::Repr | Dunder::Str => {
            exactly(c, d, args, kw, 0)?;
            match if d == Dunder::Repr { c.repr } else { c.str } {
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
        // `wrap_call`: the arguments as they are.
        Dunder::Call => super::callable::call_object(recv, args, kw),
        Dunder::Bool => {
            exactly(c, d, args, kw, 0)?;
            match number.and_then(|n| n.truth) {
                Some(f) => Ok(singletons::bool_obj(f(recv))),
                None => unsupported(),
            }
        }
        Dunder::Index => {
            exactly(c, d, args, kw, 0)?;
            match number.and_then(|n| n.index) {
                Some(f) => f(recv),
                None => unsupported(),
            }
        }
        Dunder::Int => {
            exactly(c, d, args, kw, 0)?;
            super::convert::to_int(recv)
        }
        Dunder::Float => {
            exactly(c, d, args, kw, 0)?;
            super::float::box_float(super::convert::to_float(recv)?)
        }
        Dunder::Format => {
            let [spec] = exactly(c, d, args, kw, 1)? else { return unsupported() };
            if pystr::str_text(*spec).is_none() {
                return fail(TypeError, format!("__format__() argument must be str, not {}", spec.type_of().name));
            }
            super::format::format_value(recv, *spec)
        }
        // `int`'s and `float`'s `nb_divmod`: NotImplemented unless both are of the kinds the
        // slot converts (ints for int's; ints and floats for float's).
        Dunder::Divmod(reflected) => {
            let [w] = exactly(c, d, args, kw, 1)? else { return unsupported() };
            let float_slot = c.name == "float";
            let accepted = |o: Obj| int::int_ref(o).is_some() || float_slot && super::float::float_value(o).is_some();
            if !accepted(*w) {
                return Ok(singletons::not_implemented());
            }
            if reflected { super::builtins_num::divmod(*w, recv) } else { super::builtins_num::divmod(recv, *w) }
        }
        Dunder::Compare(op) => {
            let [w] = exactly(c, d, args, kw, 1)? else { return unsupported() };
            match c.richcompare {
                Some(f) => f(op, recv, *w),
                None => unsupported(),
            }
        }
        Dunder::Unary(op) => {
            exactly(c, d, args, kw, 0)?;
            match number.and_then(|n| n.unary) {
                Some(f) => f(op, recv),
                None => unsupported(),
            }
        }
        Dunder::Binary(op, side) => {
            let a = exactly(c, d, args, kw, 1)?;
            // `wrap_ternaryfunc` / `_r`: `pow(self, other, mod)`, `pow(other, self, mod)`.
            if let Some(&m) = a.get(1)
                && !singletons::is_none(m)
            {
                let (x, y) = if side == Side::Right { (a[0], recv) } else { (recv, a[0]) };
                return super::builtins_num::pow(&[x, y, m], &[]);
            }
            binary(c, op, side, recv, a[0], wrapper)
        }
    }
}

/// The arithmetic dunders (`wrap_binaryfunc_l` / `_r`, `wrap_indexargfunc`): the number slot
/// when `c` has one for the operator, else the sequence's concatenation or repetition.
fn binary(c: &'static TypeObject, op: BinaryOp, side: Side, v: Obj, w: Obj, wrapper: bool) -> MoltResult<Obj> {
    let inplace = side == Side::InPlace;
    if has_number(c, op, inplace)
        && let Some(n) = c.number
    {
        let f = if inplace { n.inplace } else { n.binary };
        if let Some(f) = f {
            return if side == Side::Right { f(op, w, v) } else { f(op, v, w) };
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
            let n = match super::dispatch::as_index(w, crate::ExceptionKind::OverflowError)? {
                Some(n) => n,
                None if wrapper => return not_an_index(w),
                None => return not_implemented(),
            };
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

/// The attribute `name` of builtin container class `c` (`dict`, `list`) for the MRO lookups: a
/// dunder's wrapper, `__hash__` (None: they are unhashable), a class method's descriptor
/// (`fromkeys`, binding to the class it is looked up on) or a method's descriptor.
pub fn attr(c: &'static TypeObject, name: &str) -> Option<Obj> {
    // A namedtuple class's namespace (its fields, `_make`, `__new__`, …).
    if let Some(f) = c.ext.and_then(|e| e.namespace) {
        return f(c, name).and_then(Result::ok);
    }
    if let Some(d) = Dunder::from_name(name) {
        return dunder_attr(c, d);
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

/// Builtin class `c`'s own dunder `d` as a value (a new reference): its wrapper, or None for
/// the `__hash__` of an unhashable class; nothing when `c` does not define it.
fn dunder_attr(c: &'static TypeObject, d: Dunder) -> Option<Obj> {
    if d == Dunder::Hash && unhashable(c) {
        return Some(singletons::none());
    }
    wrapper(c, d)
}

/// The wrapper objects made so far, one per class and dunder, immortal (so that
/// `int.__add__ is int.__add__`, as CPython's type dictionaries keep theirs).
static WRAPPERS: crate::sys::Global<Vec<&'static WrapperObject>> = crate::sys::Global::new(Vec::new());

/// The wrapper object of builtin class `c`'s dunder `d` (a new reference), if `c` defines it.
fn wrapper(c: &'static TypeObject, d: Dunder) -> Option<Obj> {
    if !defines(c, d) {
        return None;
    }
    let which = Wrapper::Builtin(d);
    if let Some(w) = WRAPPERS.with(|ws| ws.iter().copied().find(|w| w.which == which && w.owner().is(c))) {
        return Some(new_ref(Obj::from_static(w)));
    }
    // How its repr names it: a slot wrapper, a method (`METH_O`: `dict.__getitem__`,
    // `int.__format__`), or a builtin method of the type (`__new__`).
    let style = match (d, arity(c, d)) {
        (Dunder::New, _) => 2,
        (_, Arity::MethO) => 1,
        (_, Arity::NumArgs | Arity::Unpack | Arity::Pow) => 0,
    };
    let w: &'static WrapperObject = alloc::boxed::Box::leak(alloc::boxed::Box::new(wrapper_static(which, d.name(), c, style)));
    WRAPPERS.with(|ws| {
        if ws.try_reserve(1).is_ok() {
            ws.push(w);
        }
    });
    Some(new_ref(Obj::from_static(w)))
}

/// Dunder `name` of builtin class `t` read from the class (`int.__add__`, `str.__hash__`,
/// `list.__hash__` is None): what `descr::static_attr` finds once a program may read one
/// (`attrs::molt_enable_protocol_methods`). Not for `object`, the exception classes and the
/// data bases, whose own tables answer.
pub fn class_attr(t: &'static TypeObject, name: &str) -> Option<Obj> {
    if t.base.is_none() || super::types::is_subtype(t, &super::exception::BASE_EXCEPTION) || super::class::is_heap(t) {
        return None;
    }
    dunder_attr(t, Dunder::from_name(name)?)
}

/// Dunder `name` read from builtin object `a` (`(5).__add__`, `it.__next__`, `[].__hash__`):
/// the wrapper of the first class of its MRO that defines it, bound to `a`, else `object`'s
/// (`(5).__setattr__`); nothing for a name that is no such dunder.
pub fn instance_attr(a: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let d = Dunder::from_name(name)?;
    for c in a.type_of().mro() {
        if c.base.is_none() || super::types::is_subtype(c, &super::exception::BASE_EXCEPTION) {
            break;
        }
        if let Some(w) = dunder_attr(c, d) {
            let w = super::range::Owned(w);
            if singletons::is_none(w.get()) {
                return Some(Ok(w.release()));
            }
            return Some(super::descr::bound_method(w.get(), a));
        }
    }
    // `object.__new__` is a static method and `__init_subclass__` a class method: neither binds.
    if matches!(d, Dunder::New) || super::exception::is_exception(a) {
        return None;
    }
    let w = super::range::Owned(super::descr::static_attr(&super::types::TYPE_OBJECT, name)?);
    Some(super::descr::bound_method(w.get(), a))
}

#[cfg(test)]
mod tests {
    use super::{Dunder, all};

    #[test]
    fn from_name_inverts_name() {
        for d in all() {
            assert_eq!(Dunder::from_name(d.name()), Some(d));
        }
        assert_eq!(Dunder::from_name("__missing__"), None);
        assert_eq!(Dunder::from_name("len"), None);
    }
}
