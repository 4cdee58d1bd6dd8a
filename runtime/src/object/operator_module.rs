//! The `operator` module: CPython 3.11's `Modules/_operator.c` — the functions of the operators
//! (`add`, `lt`, `getitem`, `concat`, `countOf`, `call`, …, each also under its dunder name:
//! `operator.__add__ is operator.add`) and the callable types `itemgetter`, `attrgetter` and
//! `methodcaller`.
//!
//! Relies on: `dispatch` for every operator (the same protocols as the expressions: `add(a, b)`
//! is `a + b`, `iadd` is `a += b`); `range::sequence_count` / `sequence_index`
//! (`PySequence_Count` / `PySequence_Index`); `attrs::getattr`, `callable`; `alloc` (kind
//! `HeapKind::Operator`, a container) and `gc`, through hooks registered by [`fill`].
//!
//! Provides: [`OperatorFn`], [`fill`], [`call`], the three types.
//!
//! Invariants: an object of the three types is one [`OpObject`]: `refs[0]` holds an
//! `itemgetter`'s items (a tuple), an `attrgetter`'s names (a tuple of strs, each split at its
//! dots when called) or a `methodcaller`'s name (a str), whose positional arguments (a tuple)
//! and keyword arguments (a dict) are `refs[1]` and `refs[2]`. All are owned references, read
//! as new references before any user code runs. Argument errors are Argument Clinic's
//! ("add expected 2 arguments, got 1", "_operator.truth() takes exactly one argument (0
//! given)", "_operator.add() takes no keyword arguments").

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::alloc::Layout;

use super::alloc::{HeapKind, alloc_container, free_raw};
use super::module::store_owned;
use super::range::Owned;
use super::types::{TYPE_OBJECT, TypeObject};
use super::{Header, Obj, attrs, callable, decref, dict, dispatch, gc, int, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::TypeError;
use crate::exceptions::{MoltResult, fail};
use crate::{BinaryOp, BuiltinFunction, CompareOp, UnaryOp};

/// The functions of `operator` (its other names are types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperatorFn {
    Truth,
    Not,
    Abs,
    Index,
    Neg,
    Pos,
    Inv,
    Invert,
    Add,
    Sub,
    Mul,
    Truediv,
    Floordiv,
    Mod,
    Pow,
    Lshift,
    Rshift,
    And,
    Or,
    Xor,
    Iadd,
    Isub,
    Imul,
    Itruediv,
    Ifloordiv,
    Imod,
    Ipow,
    Ilshift,
    Irshift,
    Iand,
    Ior,
    Ixor,
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
    Is,
    IsNot,
    Contains,
    Getitem,
    Delitem,
    Concat,
    Iconcat,
    CountOf,
    IndexOf,
    Setitem,
    Call,
}

impl OperatorFn {
    /// Every function, with its `BuiltinFunction`.
    const ALL: [(OperatorFn, BuiltinFunction); 49] = [
        (OperatorFn::Truth, BuiltinFunction::OperatorTruth),
        (OperatorFn::Not, BuiltinFunction::OperatorNot),
        (OperatorFn::Abs, BuiltinFunction::OperatorAbs),
        (OperatorFn::Index, BuiltinFunction::OperatorIndex),
        (OperatorFn::Neg, BuiltinFunction::OperatorNeg),
        (OperatorFn::Pos, BuiltinFunction::OperatorPos),
        (OperatorFn::Inv, BuiltinFunction::OperatorInv),
        (OperatorFn::Invert, BuiltinFunction::OperatorInvert),
        (OperatorFn::Add, BuiltinFunction::OperatorAdd),
        (OperatorFn::Sub, BuiltinFunction::OperatorSub),
        (OperatorFn::Mul, BuiltinFunction::OperatorMul),
        (OperatorFn::Truediv, BuiltinFunction::OperatorTruediv),
        (OperatorFn::Floordiv, BuiltinFunction::OperatorFloordiv),
        (OperatorFn::Mod, BuiltinFunction::OperatorMod),
        (OperatorFn::Pow, BuiltinFunction::OperatorPow),
        (OperatorFn::Lshift, BuiltinFunction::OperatorLshift),
        (OperatorFn::Rshift, BuiltinFunction::OperatorRshift),
        (OperatorFn::And, BuiltinFunction::OperatorAnd),
        (OperatorFn::Or, BuiltinFunction::OperatorOr),
        (OperatorFn::Xor, BuiltinFunction::OperatorXor),
        (OperatorFn::Iadd, BuiltinFunction::OperatorIadd),
        (OperatorFn::Isub, BuiltinFunction::OperatorIsub),
        (OperatorFn::Imul, BuiltinFunction::OperatorImul),
        (OperatorFn::Itruediv, BuiltinFunction::OperatorItruediv),
        (OperatorFn::Ifloordiv, BuiltinFunction::OperatorIfloordiv),
        (OperatorFn::Imod, BuiltinFunction::OperatorImod),
        (OperatorFn::Ipow, BuiltinFunction::OperatorIpow),
        (OperatorFn::Ilshift, BuiltinFunction::OperatorIlshift),
        (OperatorFn::Irshift, BuiltinFunction::OperatorIrshift),
        (OperatorFn::Iand, BuiltinFunction::OperatorIand),
        (OperatorFn::Ior, BuiltinFunction::OperatorIor),
        (OperatorFn::Ixor, BuiltinFunction::OperatorIxor),
        (OperatorFn::Lt, BuiltinFunction::OperatorLt),
        (OperatorFn::Le, BuiltinFunction::OperatorLe),
        (OperatorFn::Eq, BuiltinFunction::OperatorEq),
        (OperatorFn::Ne, BuiltinFunction::OperatorNe),
        (OperatorFn::Gt, BuiltinFunction::OperatorGt),
        (OperatorFn::Ge, BuiltinFunction::OperatorGe),
        (OperatorFn::Is, BuiltinFunction::OperatorIs),
        (OperatorFn::IsNot, BuiltinFunction::OperatorIsNot),
        (OperatorFn::Contains, BuiltinFunction::OperatorContains),
        (OperatorFn::Getitem, BuiltinFunction::OperatorGetitem),
        (OperatorFn::Delitem, BuiltinFunction::OperatorDelitem),
        (OperatorFn::Concat, BuiltinFunction::OperatorConcat),
        (OperatorFn::Iconcat, BuiltinFunction::OperatorIconcat),
        (OperatorFn::CountOf, BuiltinFunction::OperatorCountOf),
        (OperatorFn::IndexOf, BuiltinFunction::OperatorIndexOf),
        (OperatorFn::Setitem, BuiltinFunction::OperatorSetitem),
        (OperatorFn::Call, BuiltinFunction::OperatorCall),
    ];

    /// Its `__name__`.
    pub const fn name(self) -> &'static str {
        match self {
            OperatorFn::Truth => "truth",
            OperatorFn::Not => "not_",
            OperatorFn::Abs => "abs",
            OperatorFn::Index => "index",
            OperatorFn::Neg => "neg",
            OperatorFn::Pos => "pos",
            OperatorFn::Inv => "inv",
            OperatorFn::Invert => "invert",
            OperatorFn::Add => "add",
            OperatorFn::Sub => "sub",
            OperatorFn::Mul => "mul",
            OperatorFn::Truediv => "truediv",
            OperatorFn::Floordiv => "floordiv",
            OperatorFn::Mod => "mod",
            OperatorFn::Pow => "pow",
            OperatorFn::Lshift => "lshift",
            OperatorFn::Rshift => "rshift",
            OperatorFn::And => "and_",
            OperatorFn::Or => "or_",
            OperatorFn::Xor => "xor",
            OperatorFn::Iadd => "iadd",
            OperatorFn::Isub => "isub",
            OperatorFn::Imul => "imul",
            OperatorFn::Itruediv => "itruediv",
            OperatorFn::Ifloordiv => "ifloordiv",
            OperatorFn::Imod => "imod",
            OperatorFn::Ipow => "ipow",
            OperatorFn::Ilshift => "ilshift",
            OperatorFn::Irshift => "irshift",
            OperatorFn::Iand => "iand",
            OperatorFn::Ior => "ior",
            OperatorFn::Ixor => "ixor",
            OperatorFn::Lt => "lt",
            OperatorFn::Le => "le",
            OperatorFn::Eq => "eq",
            OperatorFn::Ne => "ne",
            OperatorFn::Gt => "gt",
            OperatorFn::Ge => "ge",
            OperatorFn::Is => "is_",
            OperatorFn::IsNot => "is_not",
            OperatorFn::Contains => "contains",
            OperatorFn::Getitem => "getitem",
            OperatorFn::Delitem => "delitem",
            OperatorFn::Concat => "concat",
            OperatorFn::Iconcat => "iconcat",
            OperatorFn::CountOf => "countOf",
            OperatorFn::IndexOf => "indexOf",
            OperatorFn::Setitem => "setitem",
            OperatorFn::Call => "call",
        }
    }
}

/// `operator.NAME(*pos, **kw)`.
pub fn call(f: OperatorFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    use OperatorFn as F;
    let name = f.name();
    let unary = |op: UnaryOp| -> MoltResult<Obj> { dispatch::unary_op(op, meth_o(name, pos, kw)?) };
    match f {
        F::Truth => dispatch::truth(meth_o(name, pos, kw)?).map(singletons::bool_obj),
        F::Not => dispatch::truth(meth_o(name, pos, kw)?).map(|t| singletons::bool_obj(!t)),
        F::Abs => unary(UnaryOp::Abs),
        F::Neg => unary(UnaryOp::Neg),
        F::Pos => unary(UnaryOp::Pos),
        F::Inv | F::Invert => unary(UnaryOp::Invert),
        F::Index => dispatch::number_index(meth_o(name, pos, kw)?),
        F::Call => {
            let Some((&obj, args)) = pos.split_first() else {
                return super::call::check_positional(name, 0, 1, usize::MAX).map(|()| singletons::none());
            };
            callable::call_object(obj, args, kw)
        }
        F::Setitem => {
            let [a, b, c] = fixed::<3>(name, pos, kw)?;
            dispatch::setitem(a, b, Some(c)).map(|()| singletons::none())
        }
        F::Add | F::Sub | F::Mul | F::Truediv | F::Floordiv | F::Mod | F::Pow | F::Lshift
        | F::Rshift | F::And | F::Or | F::Xor | F::Iadd | F::Isub | F::Imul | F::Itruediv
        | F::Ifloordiv | F::Imod | F::Ipow | F::Ilshift | F::Irshift | F::Iand | F::Ior | F::Ixor
        | F::Lt | F::Le | F::Eq | F::Ne | F::Gt | F::Ge | F::Is | F::IsNot
        | F::Contains | F::Getitem | F::Delitem | F::Concat | F::Iconcat | F::CountOf | F::IndexOf => {
            let [a, b] = fixed::<2>(name, pos, kw)?;
            binary(f, a, b)
        }
    }
}

/// The functions of two arguments.
fn binary(f: OperatorFn, a: Obj, b: Obj) -> MoltResult<Obj> {
    use OperatorFn as F;
    let bin = |op| dispatch::binary_op(op, a, b);
    let inplace = |op| dispatch::inplace_op(op, a, b);
    let cmp = |op| dispatch::rich_compare(op, a, b);
    match f {
        F::Add => bin(BinaryOp::Add),
        F::Sub => bin(BinaryOp::Sub),
        F::Mul => bin(BinaryOp::Mul),
        F::Truediv => bin(BinaryOp::TrueDiv),
        F::Floordiv => bin(BinaryOp::FloorDiv),
        F::Mod => bin(BinaryOp::Mod),
        F::Pow => bin(BinaryOp::Pow),
        F::Lshift => bin(BinaryOp::LShift),
        F::Rshift => bin(BinaryOp::RShift),
        F::And => bin(BinaryOp::And),
        F::Or => bin(BinaryOp::Or),
        F::Xor => bin(BinaryOp::Xor),
        F::Iadd => inplace(BinaryOp::Add),
        F::Isub => inplace(BinaryOp::Sub),
        F::Imul => inplace(BinaryOp::Mul),
        F::Itruediv => inplace(BinaryOp::TrueDiv),
        F::Ifloordiv => inplace(BinaryOp::FloorDiv),
        F::Imod => inplace(BinaryOp::Mod),
        F::Ipow => inplace(BinaryOp::Pow),
        F::Ilshift => inplace(BinaryOp::LShift),
        F::Irshift => inplace(BinaryOp::RShift),
        F::Iand => inplace(BinaryOp::And),
        F::Ior => inplace(BinaryOp::Or),
        F::Ixor => inplace(BinaryOp::Xor),
        F::Lt => cmp(CompareOp::Lt),
        F::Le => cmp(CompareOp::Le),
        F::Eq => cmp(CompareOp::Eq),
        F::Ne => cmp(CompareOp::Ne),
        F::Gt => cmp(CompareOp::Gt),
        F::Ge => cmp(CompareOp::Ge),
        F::Is => Ok(singletons::bool_obj(a.is(b))),
        F::IsNot => Ok(singletons::bool_obj(!a.is(b))),
        F::Contains => dispatch::contains(a, b).map(singletons::bool_obj),
        F::Getitem => dispatch::getitem(a, b),
        F::Delitem => dispatch::setitem(a, b, None).map(|()| singletons::none()),
        F::Concat => concat(a, b, false),
        F::Iconcat => concat(a, b, true),
        F::CountOf => int::from_i64(super::range::sequence_count(a, b)?),
        F::IndexOf => int::from_i64(super::range::sequence_index(a, b)?),
        F::Truth | F::Not | F::Abs | F::Index | F::Neg | F::Pos | F::Inv | F::Invert | F::Setitem | F::Call => {
            fail(TypeError, "an operator function of another arity (a runtime bug)")
        }
    }
}

/// `METH_O`: "_operator.truth() takes exactly one argument (0 given)".
fn meth_o(name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::exactly_one_for(format_args!("_operator.{name}"), pos, kw)
}

/// "_operator.add() takes no keyword arguments".
fn no_keywords_check(name: &str, kw: &[(&str, Obj)]) -> MoltResult<()> {
    super::call::no_keywords_for(format_args!("_operator.{name}"), kw)
}

/// Exactly `N` positional arguments: "add expected 2 arguments, got 1".
fn fixed<const N: usize>(name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<[Obj; N]> {
    no_keywords_check(name, kw)?;
    super::call::check_positional(name, pos.len(), N, N)?;
    let mut out = [Obj::default(); N];
    out.copy_from_slice(pos.get(..N).unwrap_or(&[]));
    Ok(out)
}

/// `PySequence_Concat` / `PySequence_InPlaceConcat`.
fn concat(a: Obj, b: Obj, inplace: bool) -> MoltResult<Obj> {
    let t = a.type_of();
    let slot = if inplace { t.inplace_concat_slot().or_else(|| t.concat_slot()) } else { t.concat_slot() };
    if let Some(c) = slot {
        return c(a, b);
    }
    if is_sequence(a) && is_sequence(b) {
        if inplace
            && let Some(f) = t.inplace_slot(BinaryOp::Add)
            && let Some(r) = dispatch::implemented(f(BinaryOp::Add, a, b)?)
        {
            return Ok(r);
        }
        if let Some(r) = dispatch::binary_op1(BinaryOp::Add, a, b)? {
            return Ok(r);
        }
    }
    fail(TypeError, format!("'{}' object can't be concatenated", t.name))
}

/// `PySequence_Check`: a type with `__getitem__` that is no dict.
fn is_sequence(o: Obj) -> bool {
    !dict::is_dict(o) && o.type_of().subscript_slot().is_some()
}

// --- the callable types ---

/// What an [`OpObject`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Kind {
    ItemGetter,
    AttrGetter,
    MethodCaller,
}

/// An `itemgetter`, `attrgetter` or `methodcaller` (see the module doc).
#[repr(C)]
pub struct OpObject {
    header: Header,
    kind: Kind,
    refs: [Option<Obj>; 3],
}

fn op_ptr(o: Obj) -> Option<*mut OpObject> {
    if o.type_of().heap != Some(HeapKind::Operator) {
        return None;
    }
    o.header_ptr().map(|h| h.cast::<OpObject>().cast_mut())
}

/// Field `i` of `o` as a new reference.
fn field(o: Obj, i: usize) -> Option<Owned> {
    // SAFETY: a live operator object; the reference is taken before any code runs.
    op_ptr(o).and_then(|p| unsafe { (*p).refs[i] }).map(|r| Owned(new_ref(r)))
}

fn new_op(t: &'static TypeObject, kind: Kind, refs: [Option<Obj>; 3]) -> MoltResult<Obj> {
    let p = match alloc_container(Layout::new::<OpObject>(), t) {
        Ok(p) => p.cast::<OpObject>(),
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
        core::ptr::addr_of_mut!((*p).refs).write(refs);
        let o = Obj::from_header(p.cast());
        gc::track(o);
        Ok(o)
    }
}

/// Frees an operator object whose count reached zero (its references released).
///
/// # Safety
/// `h` is an operator object at count zero.
unsafe fn free(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe {
        let p = h.cast::<OpObject>();
        for r in (*p).refs.iter_mut() {
            if let Some(o) = r.take() {
                decref(o);
            }
        }
        free_raw(h, Layout::new::<OpObject>(), HeapKind::Operator);
    }
}

/// Visits the references of an operator object.
///
/// # Safety
/// `h` is a live operator object.
unsafe fn traverse(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    for o in unsafe { (*h.cast::<OpObject>()).refs }.into_iter().flatten() {
        visit(o);
    }
}

/// Drops the references of an unreachable operator object.
///
/// # Safety
/// `h` is a live operator object the collector found unreachable.
unsafe fn clear(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe {
        let p = h.cast::<OpObject>();
        for r in (*p).refs.iter_mut() {
            if let Some(o) = r.take() {
                decref(o);
            }
        }
    }
}

static HOOKS: super::module_kinds::KindHooks = super::module_kinds::KindHooks {
    // SAFETY (the three): forwarded contracts; the kind is `Operator`.
    free: |h, _| unsafe { free(h) },
    traverse: |h, _, visit| unsafe { traverse(h, visit) },
    clear: |h, _| unsafe { clear(h) },
};

/// The one argument of a call of an operator object: "itemgetter expected 1 argument, got 2",
/// "itemgetter() takes no keyword arguments".
fn one_arg(who: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_keywords_for(who, kw)?;
    super::call::check_positional(who, pos.len(), 1, 1)?;
    pos.first().copied().ok_or_else(|| crate::exceptions::MoltError::new(TypeError, "no argument"))
}

/// `itemgetter(item, *items)`.
fn itemgetter_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_keywords_for("itemgetter", kw)?;
    if pos.len() <= 1 {
        super::call::check_positional("itemgetter", pos.len(), 1, 1)?;
    }
    let items = tuple::tuple_from_slice(pos)?;
    new_op(t, Kind::ItemGetter, [Some(items), None, None])
}

fn itemgetter_call(g: Obj, pos: &[Obj], kw: &[(&str, Obj)], _depth: i64) -> MoltResult<Obj> {
    let obj = one_arg("itemgetter", pos, kw)?;
    let Some(items) = field(g, 0) else { return fail(TypeError, "itemgetter without items") };
    // The tuple is immutable and held here: its items stay while `getitem` runs user code.
    match tuple::tuple_items(items.get()).unwrap_or(&[]) {
        [one] => dispatch::getitem(obj, *one),
        many => tuple_of(many, |&i| dispatch::getitem(obj, i)),
    }
}

/// The tuple of `f(x)` for each of `xs`, in order; the first error stops it.
fn tuple_of<T>(xs: &[T], mut f: impl FnMut(&T) -> MoltResult<Obj>) -> MoltResult<Obj> {
    let mut out: Vec<Obj> = Vec::new();
    for x in xs {
        match f(x) {
            Ok(v) => out.push(v),
            Err(e) => {
                super::list::release(out);
                return Err(e);
            }
        }
    }
    tuple::tuple_from_vec(out)
}

fn itemgetter_repr(g: Obj) -> MoltResult<String> {
    with_repr_guard(g, "operator.itemgetter", || {
        let items = field(g, 0).ok_or_else(|| crate::exceptions::MoltError::new(TypeError, "itemgetter without items"))?;
        match tuple::tuple_items(items.get()).unwrap_or(&[]) {
            [one] => Ok(format!("operator.itemgetter({})", dispatch::repr_of(*one)?)),
            _ => Ok(format!("operator.itemgetter{}", dispatch::repr_of(items.get())?)),
        }
    })
}

/// `Py_ReprEnter`: "operator.itemgetter(...)" for a recursive repr.
fn with_repr_guard(o: Obj, tp_name: &str, f: impl FnOnce() -> MoltResult<String>) -> MoltResult<String> {
    if super::list::repr_enter(o)? {
        return Ok(format!("{tp_name}(...)"));
    }
    let r = f();
    super::list::repr_leave(o);
    r
}

/// `attrgetter(attr, *attrs)`.
fn attrgetter_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_keywords_for("attrgetter", kw)?;
    if pos.len() <= 1 {
        super::call::check_positional("attrgetter", pos.len(), 1, 1)?;
    }
    if pos.iter().any(|&a| pystr::str_text(a).is_none()) {
        return fail(TypeError, "attribute name must be a string");
    }
    let names = tuple::tuple_from_slice(pos)?;
    new_op(t, Kind::AttrGetter, [Some(names), None, None])
}

/// `dotted_getattr`: each dot-separated name in turn.
fn dotted_getattr(obj: Obj, name: &str) -> MoltResult<Obj> {
    let mut cur = Owned(new_ref(obj));
    for part in name.split('.') {
        cur = Owned(attrs::getattr(cur.get(), part)?);
    }
    Ok(cur.release())
}

fn attrgetter_call(g: Obj, pos: &[Obj], kw: &[(&str, Obj)], _depth: i64) -> MoltResult<Obj> {
    let obj = one_arg("attrgetter", pos, kw)?;
    let Some(names) = field(g, 0) else { return fail(TypeError, "attrgetter without names") };
    let names: Vec<String> = tuple::tuple_items(names.get()).unwrap_or(&[]).iter().map(|&n| String::from(pystr::str_text(n).unwrap_or(""))).collect();
    match names.as_slice() {
        [one] => dotted_getattr(obj, one),
        many => tuple_of(many, |n| dotted_getattr(obj, n)),
    }
}

fn attrgetter_repr(g: Obj) -> MoltResult<String> {
    with_repr_guard(g, "operator.attrgetter", || {
        let names = field(g, 0).ok_or_else(|| crate::exceptions::MoltError::new(TypeError, "attrgetter without names"))?;
        match tuple::tuple_items(names.get()).unwrap_or(&[]) {
            [one] => Ok(format!("operator.attrgetter({})", dispatch::repr_of(*one)?)),
            _ => Ok(format!("operator.attrgetter{}", dispatch::repr_of(names.get())?)),
        }
    })
}

/// `methodcaller(name, /, *args, **kwargs)`.
fn methodcaller_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let Some((&name, args)) = pos.split_first() else {
        return fail(TypeError, "methodcaller needs at least one argument, the method name");
    };
    if pystr::str_text(name).is_none() {
        return fail(TypeError, "method name must be a string");
    }
    let args = Owned(tuple::tuple_from_slice(args)?);
    let kwargs = Owned(dict::new_dict()?);
    for &(k, v) in kw {
        let key = Owned(pystr::str_from_text(k)?);
        dict::set_item(kwargs.get(), key.get(), v)?;
    }
    new_op(t, Kind::MethodCaller, [Some(new_ref(name)), Some(args.release()), Some(kwargs.release())])
}

fn methodcaller_call(m: Obj, pos: &[Obj], kw: &[(&str, Obj)], _depth: i64) -> MoltResult<Obj> {
    let obj = one_arg("methodcaller", pos, kw)?;
    let (Some(name), Some(args), Some(kwargs)) = (field(m, 0), field(m, 1), field(m, 2)) else {
        return fail(TypeError, "methodcaller without a name");
    };
    let method = Owned(attrs::getattr(obj, pystr::str_text(name.get()).unwrap_or(""))?);
    let mut names: Vec<(String, Owned)> = Vec::new();
    for i in 0..dict::nentries(kwargs.get()) {
        if let Some((k, v, _)) = dict::entry_at(kwargs.get(), i) {
            names.push((String::from(pystr::str_text(k).unwrap_or("")), Owned(new_ref(v))));
        }
    }
    let kw: Vec<(&str, Obj)> = names.iter().map(|(k, v)| (k.as_str(), v.get())).collect();
    callable::call_object(method.get(), tuple::tuple_items(args.get()).unwrap_or(&[]), &kw)
}

fn methodcaller_repr(m: Obj) -> MoltResult<String> {
    with_repr_guard(m, "operator.methodcaller", || {
        let (Some(name), Some(args), Some(kwargs)) = (field(m, 0), field(m, 1), field(m, 2)) else {
            return fail(TypeError, "methodcaller without a name");
        };
        let mut parts: Vec<String> = Vec::new();
        for &a in tuple::tuple_items(args.get()).unwrap_or(&[]) {
            parts.push(dispatch::repr_of(a)?);
        }
        for i in 0..dict::nentries(kwargs.get()) {
            if let Some((k, v, _)) = dict::entry_at(kwargs.get(), i) {
                let (k, v) = (Owned(new_ref(k)), Owned(new_ref(v)));
                parts.push(format!("{}={}", pystr::str_text(k.get()).unwrap_or(""), dispatch::repr_of(v.get())?));
            }
        }
        let name = dispatch::repr_of(name.get())?;
        if parts.is_empty() {
            Ok(format!("operator.methodcaller({name})"))
        } else {
            Ok(format!("operator.methodcaller({name}, {})", parts.join(", ")))
        }
    })
}

/// `operator.itemgetter`.
pub static TYPE_ITEMGETTER: TypeObject = TypeObject {
    new: Some(itemgetter_new),
    call: Some(itemgetter_call),
    repr: Some(itemgetter_repr),
    heap: Some(HeapKind::Operator),
    ..TypeObject::new("operator.itemgetter", &TYPE_OBJECT)
};

/// `operator.attrgetter`.
pub static TYPE_ATTRGETTER: TypeObject = TypeObject {
    new: Some(attrgetter_new),
    call: Some(attrgetter_call),
    repr: Some(attrgetter_repr),
    heap: Some(HeapKind::Operator),
    ..TypeObject::new("operator.attrgetter", &TYPE_OBJECT)
};

/// `operator.methodcaller`.
pub static TYPE_METHODCALLER: TypeObject = TypeObject {
    new: Some(methodcaller_new),
    call: Some(methodcaller_call),
    repr: Some(methodcaller_repr),
    heap: Some(HeapKind::Operator),
    ..TypeObject::new("operator.methodcaller", &TYPE_OBJECT)
};

/// Stores operator's names in its namespace `d` (each function also under its dunder name),
/// and registers its heap kind.
pub fn fill(d: Obj) -> MoltResult<()> {
    super::module_kinds::register(HeapKind::Operator, &HOOKS);
    for (f, b) in OperatorFn::ALL {
        let name = f.name();
        let func = Owned(super::builtin_fn::molt_builtin_function(b.code()));
        store_owned(d, name, Ok(new_ref(func.get())))?;
        if !matches!(f, OperatorFn::Truth | OperatorFn::Is | OperatorFn::IsNot | OperatorFn::CountOf | OperatorFn::IndexOf) {
            let dunder = format!("__{}__", name.trim_end_matches('_'));
            store_owned(d, &dunder, Ok(new_ref(func.get())))?;
        }
    }
    store_owned(d, "itemgetter", Ok(attrs::class_value(&TYPE_ITEMGETTER)))?;
    store_owned(d, "attrgetter", Ok(attrs::class_value(&TYPE_ATTRGETTER)))?;
    store_owned(d, "methodcaller", Ok(attrs::class_value(&TYPE_METHODCALLER)))
}
