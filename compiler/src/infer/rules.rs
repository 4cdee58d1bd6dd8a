//! Typing rules: what one HIR op does for given operand types.
//!
//! Relies on: HIR ops (`py` dialect) and their attributes. Provides `rule` (the decision for
//! concrete types, shared by analysis and emission so the two never disagree) and
//! `result_lats` (the result lattice values for any operand lattice values: boxed operands are
//! handled by enumerating their candidate types). Operations that CPython rejects at run time
//! for known types become `Rule::Raise` with CPython's exact message; operations Molt cannot
//! compile yet are `Rule::Reject` (a diagnostic, never a guess); operations on boxed values, or
//! whose result type depends on run-time values, are `Rule::Generic` (Tier 1: the runtime's
//! generic operation with CPython's dispatch), or a Tier 0 diagnostic under `--tier 0`.

use molt_ir::{ArithOp, Attr, Builtin, CmpOp, Func, MathFloat, OpData, OpId, Opcode, Type, UnaryOp, Value, ValueDef};

use super::lattice::{Lat, TySet};
use crate::diagnostics::Diagnostic;
use crate::methods::{self, Method};

#[derive(Clone, Debug)]
pub enum Rule {
    /// Emit typed `t.*` ops producing these result types.
    Typed(Vec<Type>),
    /// The generic (boxed) operation; its result lattice values.
    Generic(Vec<Lat>),
    /// CPython raises this exception here (e.g. TypeError for `None + 1`).
    Raise(&'static str, String),
    /// Molt cannot compile this yet.
    Reject(Diagnostic),
}

/// The Python spelling of a binary operator, as CPython's TypeError messages show it.
pub fn binop_symbol(op: ArithOp) -> &'static str {
    match op {
        ArithOp::Add => "+",
        ArithOp::Sub => "-",
        ArithOp::Mul => "*",
        ArithOp::TrueDiv => "/",
        ArithOp::FloorDiv => "//",
        ArithOp::Mod => "%",
        ArithOp::Pow => "** or pow()",
        ArithOp::LShift => "<<",
        ArithOp::RShift => ">>",
        ArithOp::And => "&",
        ArithOp::Or => "|",
        ArithOp::Xor => "^",
    }
}

/// The Python spelling of an augmented assignment's operator (CPython's `binop_type_error`
/// for the in-place operators: `+=`, `**=`).
pub fn inplace_symbol(op: ArithOp) -> &'static str {
    match op {
        ArithOp::Add => "+=",
        ArithOp::Sub => "-=",
        ArithOp::Mul => "*=",
        ArithOp::TrueDiv => "/=",
        ArithOp::FloorDiv => "//=",
        ArithOp::Mod => "%=",
        ArithOp::Pow => "**=",
        ArithOp::LShift => "<<=",
        ArithOp::RShift => ">>=",
        ArithOp::And => "&=",
        ArithOp::Or => "|=",
        ArithOp::Xor => "^=",
    }
}

/// The Python spelling of a comparison operator.
pub fn cmp_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
    }
}

/// The Python spelling of a unary operator, as CPython's "bad operand type for unary" shows it.
fn unary_symbol(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Neg => "-",
        UnaryOp::Pos => "+",
        UnaryOp::Invert => "~",
        UnaryOp::Not => "not",
        UnaryOp::Abs => "abs()",
    }
}

/// Whether a comparison is an identity test (`is`, `is not`).
pub fn is_identity(op: CmpOp) -> bool {
    match op {
        CmpOp::Is | CmpOp::IsNot => true,
        CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge | CmpOp::Eq | CmpOp::Ne => false,
    }
}

/// Whether a comparison is `==` or `!=` (defined between values of any types).
fn is_equality(op: CmpOp) -> bool {
    match op {
        CmpOp::Eq | CmpOp::Ne => true,
        CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge | CmpOp::Is | CmpOp::IsNot => false,
    }
}

/// The comparison with its operands swapped: `a < b` is `b > a`.
pub fn swapped(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        CmpOp::Eq | CmpOp::Ne | CmpOp::Is | CmpOp::IsNot => op,
    }
}

pub fn numeric(t: Type) -> bool {
    matches!(t, Type::Int | Type::Float | Type::Bool)
}

fn intlike(t: Type) -> bool {
    matches!(t, Type::Int | Type::Bool)
}

/// The value of an integer expression made of literals (`-1`, `3 ** 2`), if it is one.
pub fn const_int(f: &Func, v: Value) -> Option<i64> {
    let ValueDef::Result(op, _) = f.values[v].def else { return None };
    let o = &f.ops[op];
    let a = |i: usize| const_int(f, o.operands[i]);
    match o.opcode {
        Opcode::PyConst => match o.attr("value") {
            Some(Attr::Int(i)) => Some(*i),
            Some(Attr::Bool(b)) => Some(*b as i64),
            _ => None,
        },
        Opcode::PyUnop => match o.enum_attr::<UnaryOp>("op")? {
            UnaryOp::Neg => a(0)?.checked_neg(),
            UnaryOp::Pos => a(0),
            UnaryOp::Invert | UnaryOp::Not | UnaryOp::Abs => None,
        },
        Opcode::PyBinop => match o.enum_attr::<ArithOp>("op")? {
            ArithOp::Add => a(0)?.checked_add(a(1)?),
            ArithOp::Sub => a(0)?.checked_sub(a(1)?),
            ArithOp::Mul => a(0)?.checked_mul(a(1)?),
            ArithOp::Pow => {
                let (x, e) = (a(0)?, a(1)?);
                if e < 0 { None } else { x.checked_pow(u32::try_from(e).ok()?) }
            }
            ArithOp::TrueDiv | ArithOp::FloorDiv | ArithOp::Mod | ArithOp::LShift | ArithOp::RShift | ArithOp::And | ArithOp::Or
            | ArithOp::Xor => None,
        },
        // Not a constant expression.
        Opcode::PyUndef | Opcode::PyCompare | Opcode::PyTruth | Opcode::PyCall | Opcode::PyBuiltin | Opcode::PyMathCall | Opcode::PyFormat | Opcode::PyPrint | Opcode::PyRaiseNew | Opcode::PyExcNew | Opcode::PyRaise | Opcode::PyRaiseFrom | Opcode::PyRaiseActive | Opcode::PyExcFetch | Opcode::PyExcMatches | Opcode::PyExcReraise | Opcode::PyExcHandling | Opcode::PyLoadGlobal | Opcode::PyStoreGlobal | Opcode::PyBindFunc | Opcode::PyRangeStart | Opcode::PyRangeValue | Opcode::PyRangeCond | Opcode::PyRangeNext | Opcode::PyGetattr | Opcode::PyBuiltinClass | Opcode::PyTuple | Opcode::PyUnpack | Opcode::PySubscript | Opcode::PyContains | Opcode::PyIter | Opcode::PyIterNext
        | Opcode::PyGetslice | Opcode::PyInplaceBinop | Opcode::PyListExtendStar | Opcode::PyListToTuple | Opcode::PyUnpackEx | Opcode::PyList | Opcode::PyDict | Opcode::PySet | Opcode::PyBuildString | Opcode::PySetitem | Opcode::PyDelitem | Opcode::PySetslice | Opcode::PyDelslice | Opcode::PyCallMethod | Opcode::PyMakeFunction | Opcode::PyCallValue | Opcode::PyCellNew | Opcode::PyCellGet | Opcode::PyCellSet | Opcode::PyFunctionCell | Opcode::PyCallValueEx | Opcode::PyKwargsMerge | Opcode::PyDictUpdate | Opcode::PySetattr | Opcode::PyDelattr | Opcode::PyClassNew | Opcode::PyExcMatchesClass | Opcode::PyMatchShape | Opcode::PyMatchClass | Opcode::PyMatchKeys | Opcode::PyWithEnter | Opcode::PyWithExit | Opcode::PyImportNative | Opcode::PyImportUser | Opcode::PyImportFrom | Opcode::PyDeleteGlobal | Opcode::PyReturnGenerator | Opcode::PyCheckBound | Opcode::PyRelease | Opcode::PyDeleteVar | Opcode::PyYield | Opcode::PyYieldFromSend | molt_ir::cf_ops!() | molt_ir::t_ops!() | molt_ir::l_ops!() => None,
    }
}

/// Ops whose generic (boxed) form still gives an unboxed result: truth, comparisons of
/// builtin types (always a bool), `not`, `in`, `int()`, `float()`, `len()`, `hash()`.
pub fn generic_unboxed_result(o: &OpData) -> Option<Type> {
    match o.opcode {
        Opcode::PyTruth | Opcode::PyCompare | Opcode::PyContains | Opcode::PyExcMatchesClass | Opcode::PyWithExit | Opcode::PyMatchShape => Some(Type::Bool),
        Opcode::PyFormat => Some(Type::Str),
        Opcode::PyMathCall => Some(Type::Float),
        Opcode::PyUnop => match o.expect_enum_attr::<UnaryOp>("op") {
            UnaryOp::Not => Some(Type::Bool),
            UnaryOp::Neg | UnaryOp::Pos | UnaryOp::Invert | UnaryOp::Abs => None,
        },
        Opcode::PyBuiltin => match o.expect_enum_attr::<Builtin>("name") {
            Builtin::Int | Builtin::Len | Builtin::Hash => Some(Type::Int),
            Builtin::IsInstance => Some(Type::Bool),
            Builtin::Float => Some(Type::Float),
            Builtin::List => Some(Type::List),
            Builtin::Str | Builtin::Repr | Builtin::Format | Builtin::Ascii => Some(Type::Str),
            Builtin::Any | Builtin::All => Some(Type::Bool),
            Builtin::Ord | Builtin::Id => Some(Type::Int),
            Builtin::Chr => Some(Type::Str),
            // round(x) of an object is whatever its class's `__round__` returns.
            Builtin::Abs | Builtin::Min | Builtin::Max | Builtin::Type | Builtin::Dict | Builtin::Set | Builtin::Frozenset | Builtin::Range | Builtin::Enumerate | Builtin::Zip
            | Builtin::Reversed | Builtin::Sum | Builtin::Next | Builtin::Iter | Builtin::Round | Builtin::Divmod => None,
        },
        // Boxed results (or no result).
        Opcode::PyMatchClass | Opcode::PyMatchKeys | Opcode::PyConst | Opcode::PyUndef | Opcode::PyBinop | Opcode::PyCall | Opcode::PyPrint | Opcode::PyRaiseNew | Opcode::PyExcNew | Opcode::PyRaise | Opcode::PyRaiseFrom | Opcode::PyRaiseActive | Opcode::PyExcFetch | Opcode::PyExcMatches | Opcode::PyExcReraise | Opcode::PyExcHandling | Opcode::PyLoadGlobal | Opcode::PyStoreGlobal | Opcode::PyBindFunc | Opcode::PyRangeStart | Opcode::PyRangeValue | Opcode::PyRangeCond | Opcode::PyRangeNext | Opcode::PyGetattr | Opcode::PyBuiltinClass | Opcode::PyTuple | Opcode::PyUnpack | Opcode::PySubscript | Opcode::PyIter | Opcode::PyIterNext
        | Opcode::PyGetslice | Opcode::PyInplaceBinop | Opcode::PyListExtendStar | Opcode::PyListToTuple | Opcode::PyUnpackEx | Opcode::PyList | Opcode::PyDict | Opcode::PySet | Opcode::PyBuildString | Opcode::PySetitem | Opcode::PyDelitem | Opcode::PySetslice | Opcode::PyDelslice | Opcode::PyCallMethod | Opcode::PyMakeFunction | Opcode::PyCallValue | Opcode::PyCellNew | Opcode::PyCellGet | Opcode::PyCellSet | Opcode::PyFunctionCell | Opcode::PyCallValueEx | Opcode::PyKwargsMerge | Opcode::PyDictUpdate | Opcode::PySetattr | Opcode::PyDelattr | Opcode::PyClassNew | Opcode::PyWithEnter | Opcode::PyImportNative | Opcode::PyImportUser | Opcode::PyImportFrom | Opcode::PyDeleteGlobal | Opcode::PyReturnGenerator | Opcode::PyCheckBound | Opcode::PyRelease | Opcode::PyDeleteVar | Opcode::PyYield | Opcode::PyYieldFromSend | molt_ir::cf_ops!() | molt_ir::t_ops!() | molt_ir::l_ops!() => None,
    }
}

/// Ops that take a boxed operand as it is (no typed form to dispatch to).
fn accepts_boxed(o: &OpData) -> bool {
    matches!(o.opcode, Opcode::PyPrint | Opcode::PyStoreGlobal | Opcode::PyBindFunc | Opcode::PyRaiseNew | Opcode::PyTuple | Opcode::PyList | Opcode::PyDict | Opcode::PySet | Opcode::PyBuildString
        | Opcode::PyExcNew | Opcode::PyRaise | Opcode::PyRaiseFrom | Opcode::PyRaiseActive)
}

/// The result lattice values of the generic operation on an operand about which nothing
/// better is known (an object, a tuple of unknown items).
fn opaque_lats(o: &OpData) -> Vec<Lat> {
    let any = Lat::Boxed(TySet::ALL.union(TySet::OBJECT));
    let n = o.results.len();
    match (o.opcode, generic_unboxed_result(o)) {
        (Opcode::PyIterNext | Opcode::PyYieldFromSend, _) => vec![any, Lat::T(Type::Bool)],
        (Opcode::PyIter, _) => vec![Lat::Boxed(TySet::OBJECT)],
        (_, Some(t)) => vec![Lat::T(t); n],
        (_, None) => vec![any; n],
    }
}

/// The result of method call `o` on a receiver of type `recv` (`None`: an opaque object), or
/// the diagnostic of a method Molt does not implement yet.
fn method_result(o: &OpData, recv: Option<Type>) -> Result<Lat, Diagnostic> {
    let name = o.attr("name").and_then(Attr::as_str).unwrap_or("");
    let method = match recv.and_then(|t| methods::instance_protocol_dunder(t, name)) {
        Some(result) => Method::Supported(result),
        None => methods::lookup(recv, name),
    };
    match method {
        // An int, str or list result keeps its type (the runtime's object is the typed value).
        Method::Supported(Some(set)) if set == TySet::INT => Ok(Lat::T(Type::Int)),
        Method::Supported(Some(set)) if set == TySet::STR => Ok(Lat::T(Type::Str)),
        Method::Supported(Some(set)) if set == TySet::LIST => Ok(Lat::T(Type::List)),
        Method::Supported(Some(set)) => Ok(Lat::boxed(set)),
        Method::Supported(None) => Ok(Lat::Boxed(TySet::ALL.union(TySet::OBJECT))),
        // The runtime raises CPython's AttributeError.
        Method::Missing => Ok(Lat::Bottom),
        Method::NotYet => {
            let owner = recv.map_or("object", Type::python_name);
            Err(Diagnostic::new("E0101", o.span, format!("the method `{owner}.{name}()` is not supported yet"))
                .label("unsupported method").help("see docs/subset.md for the supported methods"))
        }
    }
}

/// The result lattice values of a method call whose receiver has lattice value `recv` (only the
/// receiver's type decides which method runs; the arguments are passed boxed, as they are).
fn method_lats(o: &OpData, recv: Lat, tier0: bool) -> (Vec<Lat>, Option<Diagnostic>) {
    if tier0 {
        let d = Diagnostic::new("E0106", o.span, "method calls need boxed values (Tier 1), which `--tier 0` rules out")
            .label("a method call").help("drop `--tier 0`");
        return (vec![Lat::Bottom], Some(d));
    }
    let mut receivers: Vec<Option<Type>> = match recv {
        Lat::Bottom => vec![],
        Lat::T(t) => vec![Some(t)],
        Lat::Boxed(set) => set.types().map(Some).collect(),
    };
    let m = recv.members();
    if m.contains(Type::tuple(&[])) {
        receivers.push(Some(Type::tuple(&[])));
    }
    if m.union(TySet::OBJECT) == m && recv.is_boxed() {
        receivers.push(None);
    }
    // A receiver that may be any object (an instance of a user class) may have any dunder
    // method: `super().__init__(…)`, `other.__eq__(x)`. The runtime looks it up.
    let any_object = receivers.contains(&None);
    let dunder = o.attr("name").and_then(Attr::as_str).is_some_and(|n| n.starts_with("__") && n.ends_with("__"));
    let mut result = Lat::Bottom;
    for r in receivers {
        match method_result(o, r) {
            Ok(l) => result = result.join(l),
            Err(_) if any_object && dunder => {}
            Err(d) => return (vec![Lat::Bottom], Some(d)),
        }
    }
    // The runtime's call returns an object: typed when it is always an int, str or list.
    let result = match result {
        Lat::T(Type::Int | Type::Str | Type::List) | Lat::Bottom => result,
        other => Lat::boxed(other.members()),
    };
    (vec![result], None)
}

fn is_range_op(o: &OpData) -> bool {
    matches!(o.opcode, Opcode::PyRangeStart | Opcode::PyRangeCond | Opcode::PyRangeNext | Opcode::PyRangeValue)
}

/// The result lattice values of op `op` for operand lattice values `ins` (none Bottom), and the
/// diagnostic of a combination Molt cannot compile (reported by emission).
pub fn result_lats(f: &Func, op: OpId, ins: &[Lat], tier0: bool) -> (Vec<Lat>, Option<Diagnostic>) {
    let o = &f.ops[op];
    let n = o.results.len();
    // A class or instance the program made is an object to every rule (its class may define
    // any dunder); the ops the compiler types for them were decided before (`classes.rs`).
    if !accepts_boxed(o) && ins.iter().any(|l| matches!(l, Lat::T(t) if is_object(*t))) {
        let demoted: Vec<Lat> = ins.iter().map(|&l| match l {
            Lat::T(t) if is_object(t) => Lat::Boxed(TySet::OBJECT),
            other => other,
        }).collect();
        return result_lats(f, op, &demoted, tier0);
    }
    if o.opcode == Opcode::PyCallMethod {
        return method_lats(o, ins[0], tier0);
    }
    // The lattice values of a rule's decision.
    // A typed result of type `!t.obj` (an item of a tuple of boxed values) may be any value.
    let any = Lat::Boxed(TySet::ALL.union(TySet::OBJECT));
    let lats_of = |r: Rule| match r {
        Rule::Typed(ts) => (ts.into_iter().map(|t| if t == Type::TObj { any } else { Lat::T(t) }).collect(), None),
        Rule::Generic(ls) => (ls, None),
        Rule::Raise(..) => (vec![Lat::Bottom; n], None),
        Rule::Reject(d) => (vec![Lat::Bottom; n], Some(d)),
    };
    if !ins.iter().any(|l| l.is_boxed()) || accepts_boxed(o) {
        let tys: Vec<Type> = ins.iter().filter_map(|l| l.ty()).collect();
        return lats_of(rule(f, op, &tys, tier0));
    }
    if is_range_op(o) {
        // Boxed range() arguments are converted to ints first (`t.obj_index`, CPython's
        // TypeError for the others); the loop then runs on machine indices as usual.
        if tier0 {
            let d = Diagnostic::new("E0103", o.span, "range() arguments whose type is only known at run time need boxed values (Tier 1)")
                .label("an argument of more than one type").help("give each range() argument one type, e.g. convert with int(...)");
            return (vec![Lat::Bottom; n], Some(d));
        }
        let tys: Vec<Type> = ins.iter().map(|l| if l.is_boxed() { Type::Int } else { l.ty().unwrap_or(Type::Int) }).collect();
        return lats_of(rule(f, op, &tys, tier0));
    }
    // Enumerate the candidate types of the boxed operands.
    let choices: Vec<Vec<Type>> = ins.iter().map(|l| l.members().types().collect()).collect();
    if ins.iter().any(|l| l.members().has_opaque()) {
        // An object or tuple of unknown kind: only the generic operation applies.
        return (opaque_lats(o), None);
    }
    let mut sets = vec![TySet::EMPTY; n];
    let mut diag = None;
    let mut combo = vec![0usize; ins.len()];
    'outer: loop {
        let tys: Vec<Type> = combo.iter().zip(&choices).map(|(&i, c)| c[i]).collect();
        match rule(f, op, &tys, false) {
            Rule::Typed(ts) => {
                for (s, t) in sets.iter_mut().zip(ts) {
                    *s = s.union(TySet::of(t));
                }
            }
            Rule::Generic(ls) => {
                for (s, l) in sets.iter_mut().zip(ls) {
                    *s = s.union(l.members());
                }
            }
            Rule::Raise(..) => {}
            Rule::Reject(d) => {
                diag.get_or_insert(d);
            }
        }
        for (i, c) in combo.iter_mut().enumerate() {
            *c += 1;
            if *c < choices[i].len() {
                continue 'outer;
            }
            *c = 0;
        }
        break;
    }
    let lats = match generic_unboxed_result(o) {
        Some(t) => sets.iter().map(|s| if s.is_empty() { Lat::Bottom } else { Lat::T(t) }).collect(),
        None => sets.into_iter().map(Lat::boxed).collect(),
    };
    (lats, diag)
}

/// The typing rule of one HIR op over operand types (`!t.obj` allowed: the generic form).
pub fn rule(f: &Func, op: OpId, tys: &[Type], tier0: bool) -> Rule {
    let o = &f.ops[op];
    let sp = o.span;
    // Boxed operands take the generic path, except where an op accepts any value as it is.
    if tys.iter().any(|&t| is_object(t)) && !accepts_boxed(o) {
        return Rule::Generic(vec![]);
    }
    // str and tuple operations run in the runtime, on the objects.
    let has_seq = tys.iter().any(|&t| is_seq(t));
    let seq_generic = |result: Lat| {
        if tier0 {
            Rule::Reject(Diagnostic::new("E0106", sp, "operations on strings and tuples need boxed values (Tier 1), which `--tier 0` rules out")
                .label("a string or tuple operand").help("drop `--tier 0`"))
        } else {
            Rule::Generic(vec![result])
        }
    };
    // An operation with no result (item assignment).
    let seq_generic_effect = || match seq_generic(Lat::Bottom) {
        Rule::Generic(_) => Rule::Generic(vec![]),
        other => other,
    };
    let str_lat = Lat::Boxed(TySet::of(Type::Str));
    let tuple_lat = Lat::Boxed(TySet::TUPLE);
    // A list made by the runtime's generic operation: still known to be a list.
    let list_lat = Lat::T(Type::List);
    let any = Lat::Boxed(TySet::ALL.union(TySet::OBJECT));
    match o.opcode {
        // A bytes literal is a boxed object of none of the scalar types (so no int, float or
        // str method can be what `b.hex()` calls).
        Opcode::PyConst if matches!(o.attr("value"), Some(Attr::Bytes(_))) => Rule::Generic(vec![Lat::Boxed(TySet::OBJECT)]),
        Opcode::PyConst => Rule::Typed(vec![o.attr("value").and_then(Attr::literal_type).unwrap_or(Type::None)]),
        Opcode::PyBinop | Opcode::PyInplaceBinop => {
            let op = o.expect_enum_attr::<ArithOp>("op");
            let inplace = o.opcode == Opcode::PyInplaceBinop;
            let sym = if inplace { inplace_symbol(op) } else { binop_symbol(op) };
            let (a, b) = (tys[0], tys[1]);
            if has_seq {
                let result = match op {
                    // `list += iterable` extends the list in place; `list *= n` repeats it.
                    ArithOp::Add | ArithOp::Mul if inplace && a == Type::List => Some(list_lat),
                    // printf-style formatting: a str, or CPython's TypeError/ValueError.
                    ArithOp::Mod if a == Type::Str => Some(str_lat),
                    ArithOp::Add => match (a, b) {
                        (Type::Str, Type::Str) => Some(str_lat),
                        (Type::Tuple(_), Type::Tuple(_)) => Some(tuple_lat),
                        (Type::List, Type::List) => Some(list_lat),
                        (Type::Obj | Type::Int | Type::Float | Type::Bool | Type::None | Type::Str | Type::TObj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_), _) => None,
                    },
                    ArithOp::Mul => match (a, b) {
                        (Type::Str, t) | (t, Type::Str) if intlike(t) => Some(str_lat),
                        (Type::Tuple(_), t) | (t, Type::Tuple(_)) if intlike(t) => Some(tuple_lat),
                        (Type::List, t) | (t, Type::List) if intlike(t) => Some(list_lat),
                        (Type::Obj | Type::Int | Type::Float | Type::Bool | Type::None | Type::Str | Type::TObj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_), _) => None,
                    },
                    ArithOp::Sub | ArithOp::TrueDiv | ArithOp::FloorDiv | ArithOp::Mod | ArithOp::Pow | ArithOp::LShift | ArithOp::RShift
                    | ArithOp::And | ArithOp::Or | ArithOp::Xor => None,
                };
                // Otherwise CPython raises its TypeError; the runtime's generic operation does too.
                return seq_generic(result.unwrap_or(Lat::Bottom));
            }
            if !numeric(a) || !numeric(b) {
                return Rule::Raise("TypeError", format!("unsupported operand type(s) for {}: '{}' and '{}'", sym, a.python_name(), b.python_name()));
            }
            let ints = intlike(a) && intlike(b);
            match op {
                ArithOp::LShift | ArithOp::RShift | ArithOp::And | ArithOp::Or | ArithOp::Xor if !ints => Rule::Raise("TypeError", format!("unsupported operand type(s) for {}: '{}' and '{}'", sym, a.python_name(), b.python_name())),
                // bool & bool (| ^) is a bool in Python.
                ArithOp::And | ArithOp::Or | ArithOp::Xor if a == Type::Bool && b == Type::Bool => Rule::Typed(vec![Type::Bool]),
                ArithOp::TrueDiv if ints => Rule::Typed(vec![Type::Float]),
                ArithOp::Pow if ints => match const_int(f, o.operands[1]) {
                    Some(e) if e >= 0 => Rule::Typed(vec![Type::Int]),
                    Some(_) => Rule::Typed(vec![Type::Float]),
                    None if tier0 => Rule::Reject(Diagnostic::new("E0106", sp, "`int ** int` with an exponent whose sign is not known at compile time")
                        .label("the result is an int for a non-negative exponent and a float for a negative one")
                        .help("write a literal exponent, convert (`float(x) ** y`), or drop `--tier 0`")),
                    None => Rule::Generic(vec![Lat::Boxed(TySet::of(Type::Int).union(TySet::of(Type::Float)))]),
                },
                ArithOp::Add | ArithOp::Sub | ArithOp::Mul | ArithOp::TrueDiv | ArithOp::FloorDiv | ArithOp::Mod | ArithOp::Pow
                | ArithOp::LShift | ArithOp::RShift | ArithOp::And | ArithOp::Or | ArithOp::Xor => {
                    Rule::Typed(vec![if ints { Type::Int } else { Type::Float }])
                }
            }
        }
        Opcode::PyUnop => {
            let a = tys[0];
            match o.expect_enum_attr::<UnaryOp>("op") {
                UnaryOp::Not if is_seq(a) => seq_generic(Lat::T(Type::Bool)),
                UnaryOp::Not => Rule::Typed(vec![Type::Bool]),
                UnaryOp::Neg | UnaryOp::Pos | UnaryOp::Invert | UnaryOp::Abs if is_seq(a) => seq_generic(Lat::Bottom),
                UnaryOp::Invert => match a {
                    Type::Int | Type::Bool => Rule::Typed(vec![Type::Int]),
                    Type::None | Type::Str | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_) | Type::TObj | Type::Obj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref | Type::Float => Rule::Raise("TypeError", format!("bad operand type for unary ~: '{}'", a.python_name())),
                },
                op @ (UnaryOp::Neg | UnaryOp::Pos | UnaryOp::Abs) => match a {
                    Type::Float => Rule::Typed(vec![Type::Float]),
                    Type::Int | Type::Bool => Rule::Typed(vec![Type::Int]),
                    Type::None | Type::Str | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_) | Type::TObj | Type::Obj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref => Rule::Raise("TypeError", format!("bad operand type for unary {}: '{}'", unary_symbol(op), a.python_name())),
                },
            }
        }
        Opcode::PyCompare if is_identity(o.expect_enum_attr("op")) => {
            // Identity is exact for the singletons None, True and False; for numbers and
            // strings CPython's answer depends on which objects its caches share.
            let singleton = |t: Type| matches!(t, Type::None | Type::Bool);
            if tys.contains(&Type::List) {
                // A list is its own object: identity is exact (the runtime compares addresses).
                Rule::Generic(vec![Lat::T(Type::Bool)])
            } else if singleton(tys[0]) || singleton(tys[1]) {
                Rule::Typed(vec![Type::Bool])
            } else {
                Rule::Reject(Diagnostic::new("E0106", sp, format!("`{}` between a `{}` and a `{}` is not supported", cmp_symbol(o.expect_enum_attr("op")), tys[0].python_name(), tys[1].python_name()))
                    .label("CPython's answer depends on its object caches").help("compare values with `==`; use `is` with None, True or False"))
            }
        }
        Opcode::PyCompare => {
            let op = o.expect_enum_attr::<CmpOp>("op");
            let (a, b) = (tys[0], tys[1]);
            if has_seq {
                let same_kind = matches!((a, b), (Type::Str, Type::Str) | (Type::Tuple(_), Type::Tuple(_)) | (Type::List, Type::List));
                return if is_equality(op) || same_kind {
                    seq_generic(Lat::T(Type::Bool))
                } else {
                    seq_generic(Lat::Bottom)
                };
            }
            if numeric(a) && numeric(b) || is_equality(op) {
                Rule::Typed(vec![Type::Bool])
            } else {
                Rule::Raise("TypeError", format!("'{}' not supported between instances of '{}' and '{}'", cmp_symbol(op), a.python_name(), b.python_name()))
            }
        }
        Opcode::PyTruth => {
            if has_seq { seq_generic(Lat::T(Type::Bool)) } else { Rule::Typed(vec![Type::Bool]) }
        }
        Opcode::PyTuple => Rule::Typed(vec![Type::tuple(tys)]),
        Opcode::PyList if tier0 => Rule::Reject(Diagnostic::new("E0106", sp, "lists hold boxed values (Tier 1), which `--tier 0` rules out")
            .label("a list").help("drop `--tier 0`")),
        Opcode::PyList => Rule::Typed(vec![Type::List]),
        // An f-string's parts are strs (literals and `py.format` results).
        Opcode::PyBuildString => Rule::Typed(vec![Type::Str]),
        // Dicts and sets are the runtime's objects (no typed form yet).
        Opcode::PyDict | Opcode::PySet => seq_generic(Lat::Boxed(TySet::OBJECT)),
        Opcode::PySetitem | Opcode::PySetslice => match tys[0] {
            Type::List => seq_generic_effect(),
            t => Rule::Raise("TypeError", format!("'{}' object does not support item assignment", t.python_name())),
        },
        Opcode::PyDelitem | Opcode::PyDelslice => match tys[0] {
            Type::List => seq_generic_effect(),
            t => Rule::Raise("TypeError", format!("'{}' object doesn't support item deletion", t.python_name())),
        },
        // Displays with `*` items and starred targets: the runtime iterates.
        Opcode::PyListExtendStar => seq_generic_effect(),
        Opcode::PyListToTuple => seq_generic(tuple_lat),
        Opcode::PyUnpackEx => {
            let before = o.attr("before").and_then(Attr::as_int).and_then(|c| usize::try_from(c).ok()).unwrap_or(0);
            let mut r = vec![any; o.results.len()];
            if let Some(m) = r.get_mut(before) {
                *m = Lat::Boxed(TySet::LIST);
            }
            if tier0 { seq_generic(any) } else { Rule::Generic(r) }
        }
        Opcode::PyCallMethod => match method_result(o, Some(tys[0])) {
            Ok(l) => Rule::Generic(vec![l]),
            Err(d) => Rule::Reject(d),
        },
        Opcode::PyUnpack => {
            let count = o.attr("count").and_then(Attr::as_int).and_then(|c| usize::try_from(c).ok()).unwrap_or(0);
            match tys[0] {
                Type::Tuple(l) if l.types().len() == count => Rule::Typed(l.types().to_vec()),
                Type::Tuple(l) if l.types().len() < count => Rule::Raise("ValueError", format!("not enough values to unpack (expected {count}, got {})", l.types().len())),
                Type::Tuple(_) => Rule::Raise("ValueError", format!("too many values to unpack (expected {count})")),
                Type::Str if tier0 => seq_generic(str_lat),
                Type::Str => Rule::Generic(vec![str_lat; count]),
                Type::List if tier0 => seq_generic(any),
                Type::List => Rule::Generic(vec![any; count]),
                t => Rule::Raise("TypeError", format!("cannot unpack non-iterable {} object", t.python_name())),
            }
        }
        Opcode::PySubscript => match (tys[0], tys[1]) {
            (Type::Tuple(l), i) if intlike(i) => {
                let elems = l.types();
                match const_int(f, o.operands[1]) {
                    Some(k) => match tuple_index(k, elems.len()) {
                        Some(k) => Rule::Typed(vec![elems[k]]),
                        None => Rule::Raise("IndexError", "tuple index out of range".into()),
                    },
                    None => {
                        let set = elems.iter().fold(TySet::EMPTY, |s, &t| s.union(Lat::of_type(t).members()));
                        seq_generic(Lat::boxed(set))
                    }
                }
            }
            (Type::Tuple(_), t) => Rule::Raise("TypeError", format!("tuple indices must be integers or slices, not {}", t.python_name())),
            (Type::Str, i) if intlike(i) => seq_generic(str_lat),
            (Type::List, i) if intlike(i) => seq_generic(any),
            (Type::List, t) => Rule::Raise("TypeError", format!("list indices must be integers or slices, not {}", t.python_name())),
            (Type::Str, t) => Rule::Raise("TypeError", format!("string indices must be integers, not '{}'", t.python_name())),
            (t, _) => Rule::Raise("TypeError", format!("'{}' object is not subscriptable", t.python_name())),
        },
        Opcode::PyContains => match tys[0] {
            Type::Tuple(_) | Type::Str | Type::List => seq_generic(Lat::T(Type::Bool)),
            t => Rule::Raise("TypeError", format!("argument of type '{}' is not iterable", t.python_name())),
        },
        Opcode::PyIter => match tys[0] {
            Type::Tuple(_) | Type::Str | Type::List => seq_generic(Lat::Boxed(TySet::OBJECT)),
            t => Rule::Raise("TypeError", format!("'{}' object is not iterable", t.python_name())),
        },
        Opcode::PyIterNext | Opcode::PyYieldFromSend => Rule::Generic(opaque_lats(o)),
        // The runtime formats the (boxed) value: every type's `__format__` and its errors.
        Opcode::PyFormat => Rule::Generic(vec![Lat::T(Type::Str)]),
        // Slices of tuples and strs in the runtime (a new tuple or str); bounds of other types
        // raise there, with CPython's message.
        Opcode::PyGetslice => match tys[0] {
            Type::Str => seq_generic(str_lat),
            Type::Tuple(_) => seq_generic(tuple_lat),
            Type::List => seq_generic(list_lat),
            t => Rule::Raise("TypeError", format!("'{}' object is not subscriptable", t.python_name())),
        },
        Opcode::PyGetattr => Rule::Generic(vec![Lat::Boxed(TySet::ALL.union(TySet::OBJECT))]),
        Opcode::PyBuiltinClass => Rule::Generic(vec![Lat::Boxed(TySet::OBJECT)]),
        // Function objects and cells; a call of a value returns anything.
        Opcode::PyCellNew | Opcode::PyFunctionCell | Opcode::PyMakeFunction => Rule::Generic(vec![Lat::Boxed(TySet::OBJECT)]),
        Opcode::PyCallValue | Opcode::PyCallValueEx | Opcode::PyCellGet => Rule::Generic(vec![any]),
        Opcode::PyCellSet | Opcode::PyKwargsMerge | Opcode::PyDictUpdate | Opcode::PySetattr | Opcode::PyDelattr => Rule::Generic(vec![]),
        // A class object; whether an exception matches a class value.
        // A class object; a module object.
        Opcode::PyClassNew | Opcode::PyImportNative | Opcode::PyImportUser => Rule::Generic(vec![Lat::Boxed(TySet::OBJECT)]),
        Opcode::PyImportFrom => Rule::Generic(vec![Lat::Boxed(TySet::ALL.union(TySet::OBJECT))]),
        // What the generator's resumer sends: anything.
        Opcode::PyYield => Rule::Generic(vec![any]),
        Opcode::PyReturnGenerator | Opcode::PyCheckBound | Opcode::PyRelease | Opcode::PyDeleteVar => Rule::Typed(vec![]),
        Opcode::PyExcMatchesClass | Opcode::PyWithExit | Opcode::PyMatchShape => Rule::Generic(vec![Lat::T(Type::Bool)]),
        // `match`: the attributes or values a pattern's sub-patterns match, or None.
        Opcode::PyMatchClass | Opcode::PyMatchKeys => Rule::Generic(vec![Lat::Boxed(TySet::TUPLE.union(TySet::NONE_TYPE))]),
        // The bound `__exit__` and what `__enter__` returned.
        Opcode::PyWithEnter => Rule::Generic(vec![Lat::Boxed(TySet::TUPLE)]),
        Opcode::PyBuiltin => builtin_rule(o, tys, tier0),
        // `math.FN(x)`: a float computed from the float `x` is or converts to (an int that does
        // not fit is the conversion's OverflowError, as CPython's `PyFloat_AsDouble`); the `log`
        // family takes ints its own way (no overflow), so the runtime's function does.
        Opcode::PyMathCall => {
            let logs = matches!(o.expect_enum_attr::<MathFloat>("fn"), MathFloat::Log | MathFloat::Log10 | MathFloat::Log2);
            match tys[0] {
                Type::Float => Rule::Typed(vec![Type::Float]),
                Type::Int | Type::Bool if !logs => Rule::Typed(vec![Type::Float]),
                Type::Int | Type::Bool | Type::Obj | Type::None | Type::Str | Type::TObj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref
                | Type::Tuple(_) | Type::List | Type::Class(_) | Type::Inst(_) => Rule::Generic(vec![Lat::T(Type::Float)]),
            }
        }
        Opcode::PyPrint | Opcode::PyStoreGlobal | Opcode::PyBindFunc | Opcode::PyRaiseNew | Opcode::PyRaise | Opcode::PyRaiseFrom
        | Opcode::PyRaiseActive => Rule::Typed(vec![]),
        Opcode::PyDeleteGlobal => Rule::Generic(vec![]),
        // An exception object: no typed form.
        Opcode::PyExcNew => Rule::Generic(vec![Lat::Boxed(TySet::OBJECT)]),
        Opcode::PyRangeStart => {
            for t in tys {
                if !intlike(*t) {
                    return Rule::Raise("TypeError", format!("'{}' object cannot be interpreted as an integer", t.python_name()));
                }
            }
            Rule::Typed(vec![Type::Index; 3])
        }
        Opcode::PyRangeCond => Rule::Typed(vec![Type::Bool]),
        Opcode::PyRangeNext => Rule::Typed(vec![Type::Index, Type::Bool]),
        Opcode::PyRangeValue => Rule::Typed(vec![Type::Int]),
        // Handled by the caller: calls, globals, undef, terminators.
        Opcode::PyUndef | Opcode::PyCall | Opcode::PyLoadGlobal | Opcode::CfBr | Opcode::CfCondBr | Opcode::CfReturn
        | Opcode::CfUnreachable | Opcode::CfUnwind | Opcode::CfIfRaised | Opcode::PyExcFetch | Opcode::PyExcMatches | Opcode::PyExcReraise
        | Opcode::PyExcHandling => Rule::Typed(vec![]),
        molt_ir::t_ops!() | molt_ir::l_ops!() => {
            // Not a HIR op: the HIR verifier rejects it before inference.
            Rule::Typed(vec![])
        }
    }
}

/// Whether a value of type `t` is an object whose operations the runtime dispatches (a boxed
/// value, a class the program made, an instance of one: its class may define any dunder).
pub fn is_object(t: Type) -> bool {
    matches!(t, Type::TObj | Type::Class(_) | Type::Inst(_))
}

fn is_seq(t: Type) -> bool {
    matches!(t, Type::Str | Type::Tuple(_) | Type::List)
}

/// Index `k` (negative: from the end) of a sequence of `len` items, if in range.
pub fn tuple_index(k: i64, len: usize) -> Option<usize> {
    let n = i64::try_from(len).ok()?;
    let k = if k < 0 { k.checked_add(n)? } else { k };
    usize::try_from(k).ok().filter(|&k| k < len)
}

fn builtin_rule(o: &OpData, tys: &[Type], tier0: bool) -> Rule {
    let sp = o.span;
    let builtin = o.expect_enum_attr::<Builtin>("name");
    let name = builtin.name();
    let generic = |result: Lat, what: &str| {
        if tier0 {
            Rule::Reject(Diagnostic::new("E0103", sp, what.to_string()).label("needs a boxed value (Tier 1)").help("drop `--tier 0`, or convert both to one type"))
        } else {
            Rule::Generic(vec![result])
        }
    };
    let any = Lat::Boxed(TySet::ALL.union(TySet::OBJECT));
    let plain_min_max = tys.len() == 2 && o.attr("kwnames").is_none();
    match builtin {
        // The runtime's builtins on boxed values, with CPython's results and errors.
        Builtin::Dict | Builtin::Set | Builtin::Frozenset | Builtin::Range | Builtin::Enumerate | Builtin::Zip | Builtin::Reversed | Builtin::Iter => generic(Lat::Boxed(TySet::OBJECT), "an iterator or range object"),
        Builtin::Sum | Builtin::Next => generic(any, "a value of any type"),
        Builtin::Min | Builtin::Max if !plain_min_max => generic(any, "min() or max() of an iterable"),
        Builtin::Any | Builtin::All => generic(Lat::T(Type::Bool), "any() or all()"),
        Builtin::Divmod => generic(Lat::Boxed(TySet::TUPLE), "divmod()"),
        Builtin::Ord | Builtin::Id => generic(Lat::T(Type::Int), "ord() or id()"),
        Builtin::Chr => generic(Lat::T(Type::Str), "chr()"),
        Builtin::Round => {
            // round(x) and round(x, None) of a number are ints; round(x, n) has x's type; of
            // any other object, whatever its class's `__round__` returns.
            let result = match (tys.first(), tys.get(1)) {
                (Some(Type::Float | Type::Int | Type::Bool | Type::I64 | Type::F64 | Type::Index), None | Some(Type::None)) => Lat::T(Type::Int),
                (
                    None | Some(Type::Obj | Type::None | Type::Str | Type::TObj | Type::I1 | Type::Ptr | Type::Ref | Type::List | Type::Tuple(_) | Type::Class(_) | Type::Inst(_)),
                    None | Some(Type::None),
                ) => any,
                (Some(Type::Float), Some(_)) => Lat::boxed(TySet::of(Type::Float)),
                (Some(Type::Int | Type::Bool), Some(_)) => Lat::T(Type::Int),
                (
                    None | Some(Type::Obj | Type::None | Type::Str | Type::TObj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref | Type::List | Type::Tuple(_) | Type::Class(_) | Type::Inst(_)),
                    Some(_),
                ) => any,
            };
            generic(result, "round()")
        }
        // The runtime's str()/repr()/len() of the (boxed) value: CPython's slots and errors.
        Builtin::Str | Builtin::Repr | Builtin::Format | Builtin::Ascii => Rule::Generic(vec![Lat::T(Type::Str)]),
        Builtin::Len | Builtin::Hash => Rule::Generic(vec![Lat::T(Type::Int)]),
        Builtin::Type => Rule::Generic(vec![Lat::Boxed(TySet::OBJECT)]),
        // `list()`, `list(iterable)`: the runtime iterates (CPython's TypeError for the rest).
        Builtin::List => match tys.first() {
            None if tier0 => generic(Lat::T(Type::List), "a list"),
            None => Rule::Typed(vec![Type::List]),
            Some(Type::Str | Type::Tuple(_) | Type::List | Type::TObj) => generic(Lat::T(Type::List), "list() of an iterable"),
            Some(t) => Rule::Raise("TypeError", format!("'{}' object is not iterable", t.python_name())),
        },
        Builtin::IsInstance => Rule::Generic(vec![Lat::T(Type::Bool)]),
        Builtin::Abs => match tys[0] {
            Type::Float => Rule::Typed(vec![Type::Float]),
            Type::Int | Type::Bool => Rule::Typed(vec![Type::Int]),
            Type::Str => generic(Lat::Bottom, "abs() of a string"),
            t => Rule::Raise("TypeError", format!("bad operand type for abs(): '{}'", t.python_name())),
        },
        // Parsed by the runtime exactly as CPython parses (whitespace, underscores, errors).
        Builtin::Int if tys[0] == Type::Str => generic(Lat::T(Type::Int), "int() of a string"),
        Builtin::Float if tys[0] == Type::Str => generic(Lat::T(Type::Float), "float() of a string"),
        Builtin::Int => match tys[0] {
            Type::Int | Type::Bool | Type::Float => Rule::Typed(vec![Type::Int]),
            t => Rule::Raise("TypeError", format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", t.python_name())),
        },
        Builtin::Float => match tys[0] {
            Type::Int | Type::Bool | Type::Float => Rule::Typed(vec![Type::Float]),
            t => Rule::Raise("TypeError", format!("float() argument must be a string or a real number, not '{}'", t.python_name())),
        },
        Builtin::Min | Builtin::Max => {
            // min(a, b) / max(a, b): returns one of its arguments unchanged.
            let (a, b) = (tys[0], tys[1]);
            if a == b && numeric(a) {
                Rule::Typed(vec![a])
            } else if numeric(a) && numeric(b) || a == Type::Str && b == Type::Str || matches!((a, b), (Type::Tuple(_), Type::Tuple(_)) | (Type::List, Type::List)) {
                generic(Lat::Boxed(TySet::of(a).union(TySet::of(b))), &format!("`{name}` of a `{}` and a `{}`: the result's type depends on the values", a.python_name(), b.python_name()))
            } else if is_seq(a) || is_seq(b) {
                generic(Lat::Bottom, &format!("`{name}` of a `{}` and a `{}`", a.python_name(), b.python_name()))
            } else {
                Rule::Raise("TypeError", format!("'{}' not supported between instances of '{}' and '{}'", if builtin == Builtin::Min { "<" } else { ">" }, b.python_name(), a.python_name()))
            }
        }
    }
}
