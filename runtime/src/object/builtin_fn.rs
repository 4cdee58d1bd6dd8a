//! Builtin functions as values (`f = len`, `sorted(xs, key=len)`): static objects of type
//! `builtin_function_or_method`, called with CPython's argument checks.
//!
//! Relies on: the runtime's one implementation of each builtin (`dispatch` for `len`, `abs`,
//! `repr`, `hash` and printing, `builtins_num`, `builtins_iter`, `format`, `attrs::isinstance`,
//! `list_methods::sort` for `sorted`), `call` for the argument checks, `callable` for the depth
//! of the calls a builtin makes (a key function's) and the recursion checks. The references
//! are CPython 3.11's `Python/bltinmodule.c` with its Argument Clinic parsers
//! (`Python/clinic/bltinmodule.c.h`: `builtin_print`, `builtin_round`, `builtin_sum`,
//! `builtin_format`, …), `builtin_sorted`, `min_max`, `builtin_next`, `builtin_iter`, and the
//! calling conventions of `Objects/methodobject.c` (`cfunction_vectorcall_O`: "len() takes
//! exactly one argument (2 given)"; `cfunction_check_kwargs`: "len() takes no keyword
//! arguments").
//!
//! Provides: [`TYPE_BUILTIN_FUNCTION`], the static objects of every `BuiltinFunction`, the
//! ABI's `molt_builtin_function`.
//!
//! The functions of the runtime's modules (`math.sqrt`, `sys.exit`, …) are builtin function
//! objects too: `native_fn` maps their variants to their modules, which implement them.
//!
//! Invariants: one immortal object per builtin (so `len is len`), at index `code` of the
//! table; `==` and `hash` are `object`'s (identity); repr `<built-in function len>`; the
//! attributes `__name__`, `__qualname__` (the name) and `__module__` (`'builtins'`, or the
//! module of a module's function: `'math'`). A call
//! makes the recursion checks the compiler makes for a direct call of the same builtin (the
//! levels CPython 3.11 was measured to use; `sorted` and `callable`, which the compiler does
//! not check, CPython's one C level), then runs the builtin at its C level's depth.

use alloc::format;
use alloc::string::String;

use super::builtins_iter as bi;
use super::builtins_num as bn;
use super::call::{check_positional, exactly_one_for, no_keywords_for, unpack_args};
use super::callable::{IN_COMPARISON, WHILE_CALLING, check_levels, with_depth};
use super::range::Owned;
use super::types::{TYPE_OBJECT, TypeObject};
use super::{Header, Obj, StaticObject, dispatch, list, new_ref, singletons, str as pystr, tuple};
use crate::BuiltinFunction;
use crate::ExceptionKind::{NotImplementedError, TypeError};
use crate::exceptions::{MoltResult, fail, value_or_raise};

/// A builtin function object.
#[repr(C)]
pub struct BuiltinFunctionObject {
    pub header: Header,
    id: BuiltinFunction,
}

// SAFETY: `#[repr(C)]`, header first; every instance is one of the immortal statics below.
unsafe impl StaticObject for BuiltinFunctionObject {}

/// `builtin_function_or_method`.
pub static TYPE_BUILTIN_FUNCTION: TypeObject = TypeObject {
    repr: Some(builtin_repr),
    call: Some(builtin_call),
    attributes: Some(attribute),
    ..TypeObject::new("builtin_function_or_method", &TYPE_OBJECT)
};

const fn bf(id: BuiltinFunction) -> BuiltinFunctionObject {
    BuiltinFunctionObject { header: Header::immortal(&TYPE_BUILTIN_FUNCTION), id }
}

/// The number of builtin functions.
const COUNT: usize = BuiltinFunction::ALL.len();

/// One object per builtin, at index `code`.
static FUNCTIONS: [BuiltinFunctionObject; COUNT] = {
    // A template copied into every slot (the `id` is set below), never used as a value.
    #[allow(clippy::declare_interior_mutable_const)]
    const FIRST: BuiltinFunctionObject = bf(BuiltinFunction::Len);
    let mut table = [FIRST; COUNT];
    let mut i = 0;
    while i < COUNT {
        assert!(BuiltinFunction::ALL[i] as usize == i);
        table[i].id = BuiltinFunction::ALL[i];
        i += 1;
    }
    table
};

/// The Python name of a builtin.
pub const fn name(id: BuiltinFunction) -> &'static str {
    match id {
        BuiltinFunction::Len => "len",
        BuiltinFunction::Abs => "abs",
        BuiltinFunction::Repr => "repr",
        BuiltinFunction::Hash => "hash",
        BuiltinFunction::Ord => "ord",
        BuiltinFunction::Chr => "chr",
        BuiltinFunction::Sum => "sum",
        BuiltinFunction::Min => "min",
        BuiltinFunction::Max => "max",
        BuiltinFunction::Sorted => "sorted",
        BuiltinFunction::Any => "any",
        BuiltinFunction::All => "all",
        BuiltinFunction::Next => "next",
        BuiltinFunction::Iter => "iter",
        BuiltinFunction::Round => "round",
        BuiltinFunction::Divmod => "divmod",
        BuiltinFunction::Id => "id",
        BuiltinFunction::Print => "print",
        BuiltinFunction::Isinstance => "isinstance",
        BuiltinFunction::Callable => "callable",
        BuiltinFunction::Ascii => "ascii",
        BuiltinFunction::Format => "format",
        BuiltinFunction::Getattr => "getattr",
        BuiltinFunction::Setattr => "setattr",
        BuiltinFunction::Hasattr => "hasattr",
        BuiltinFunction::Delattr => "delattr",
        BuiltinFunction::Issubclass => "issubclass",
        BuiltinFunction::Vars => "vars",
        BuiltinFunction::Dir => "dir",
        BuiltinFunction::Pow => "pow",
        BuiltinFunction::Hex => "hex",
        BuiltinFunction::Oct => "oct",
        BuiltinFunction::Bin => "bin",
        BuiltinFunction::Input => "input",
        BuiltinFunction::Open => "open",
        BuiltinFunction::MathAcos
        | BuiltinFunction::MathAcosh
        | BuiltinFunction::MathAsin
        | BuiltinFunction::MathAsinh
        | BuiltinFunction::MathAtan
        | BuiltinFunction::MathAtan2
        | BuiltinFunction::MathAtanh
        | BuiltinFunction::MathCbrt
        | BuiltinFunction::MathCeil
        | BuiltinFunction::MathComb
        | BuiltinFunction::MathCopysign
        | BuiltinFunction::MathCos
        | BuiltinFunction::MathCosh
        | BuiltinFunction::MathDegrees
        | BuiltinFunction::MathDist
        | BuiltinFunction::MathErf
        | BuiltinFunction::MathErfc
        | BuiltinFunction::MathExp
        | BuiltinFunction::MathExp2
        | BuiltinFunction::MathExpm1
        | BuiltinFunction::MathFabs
        | BuiltinFunction::MathFactorial
        | BuiltinFunction::MathFloor
        | BuiltinFunction::MathFmod
        | BuiltinFunction::MathFrexp
        | BuiltinFunction::MathFsum
        | BuiltinFunction::MathGamma
        | BuiltinFunction::MathGcd
        | BuiltinFunction::MathHypot
        | BuiltinFunction::MathIsclose
        | BuiltinFunction::MathIsfinite
        | BuiltinFunction::MathIsinf
        | BuiltinFunction::MathIsnan
        | BuiltinFunction::MathIsqrt
        | BuiltinFunction::MathLcm
        | BuiltinFunction::MathLdexp
        | BuiltinFunction::MathLgamma
        | BuiltinFunction::MathLog
        | BuiltinFunction::MathLog10
        | BuiltinFunction::MathLog1p
        | BuiltinFunction::MathLog2
        | BuiltinFunction::MathModf
        | BuiltinFunction::MathNextafter
        | BuiltinFunction::MathPerm
        | BuiltinFunction::MathPow
        | BuiltinFunction::MathProd
        | BuiltinFunction::MathRadians
        | BuiltinFunction::MathRemainder
        | BuiltinFunction::MathSin
        | BuiltinFunction::MathSinh
        | BuiltinFunction::MathSqrt
        | BuiltinFunction::MathTan
        | BuiltinFunction::MathTanh
        | BuiltinFunction::MathTrunc
        | BuiltinFunction::MathUlp
        | BuiltinFunction::SysExit
        | BuiltinFunction::SysGetrecursionlimit
        | BuiltinFunction::SysSetrecursionlimit
        | BuiltinFunction::SysIntern
        | BuiltinFunction::SysExcInfo
        | BuiltinFunction::TimeMonotonic
        | BuiltinFunction::TimeMonotonicNs
        | BuiltinFunction::TimePerfCounter
        | BuiltinFunction::TimePerfCounterNs
        | BuiltinFunction::TimeProcessTime
        | BuiltinFunction::TimeProcessTimeNs
        | BuiltinFunction::TimeSleep
        | BuiltinFunction::TimeTime
        | BuiltinFunction::TimeTimeNs
        | BuiltinFunction::TypingCast
        | BuiltinFunction::ItertoolsTee
        | BuiltinFunction::ItertoolsChainFromIterable
        | BuiltinFunction::CollectionsNamedtuple
        | BuiltinFunction::HeapqHeappush
        | BuiltinFunction::HeapqHeappop
        | BuiltinFunction::HeapqHeapify
        | BuiltinFunction::HeapqHeapreplace
        | BuiltinFunction::HeapqHeappushpop
        | BuiltinFunction::HeapqNlargest
        | BuiltinFunction::HeapqNsmallest
        | BuiltinFunction::BisectBisectLeft
        | BuiltinFunction::BisectBisectRight
        | BuiltinFunction::BisectInsortLeft
        | BuiltinFunction::BisectInsortRight
        | BuiltinFunction::FunctoolsReduce
        | BuiltinFunction::FunctoolsCmpToKey
        | BuiltinFunction::FunctoolsLruCache
        | BuiltinFunction::FunctoolsCache
        | BuiltinFunction::FunctoolsWraps
        | BuiltinFunction::FunctoolsUpdateWrapper
        | BuiltinFunction::StringCapwords
        | BuiltinFunction::OperatorTruth
        | BuiltinFunction::OperatorNot
        | BuiltinFunction::OperatorAbs
        | BuiltinFunction::OperatorIndex
        | BuiltinFunction::OperatorNeg
        | BuiltinFunction::OperatorPos
        | BuiltinFunction::OperatorInv
        | BuiltinFunction::OperatorInvert
        | BuiltinFunction::OperatorAdd
        | BuiltinFunction::OperatorSub
        | BuiltinFunction::OperatorMul
        | BuiltinFunction::OperatorTruediv
        | BuiltinFunction::OperatorFloordiv
        | BuiltinFunction::OperatorMod
        | BuiltinFunction::OperatorPow
        | BuiltinFunction::OperatorLshift
        | BuiltinFunction::OperatorRshift
        | BuiltinFunction::OperatorAnd
        | BuiltinFunction::OperatorOr
        | BuiltinFunction::OperatorXor
        | BuiltinFunction::OperatorIadd
        | BuiltinFunction::OperatorIsub
        | BuiltinFunction::OperatorImul
        | BuiltinFunction::OperatorItruediv
        | BuiltinFunction::OperatorIfloordiv
        | BuiltinFunction::OperatorImod
        | BuiltinFunction::OperatorIpow
        | BuiltinFunction::OperatorIlshift
        | BuiltinFunction::OperatorIrshift
        | BuiltinFunction::OperatorIand
        | BuiltinFunction::OperatorIor
        | BuiltinFunction::OperatorIxor
        | BuiltinFunction::OperatorLt
        | BuiltinFunction::OperatorLe
        | BuiltinFunction::OperatorEq
        | BuiltinFunction::OperatorNe
        | BuiltinFunction::OperatorGt
        | BuiltinFunction::OperatorGe
        | BuiltinFunction::OperatorIs
        | BuiltinFunction::OperatorIsNot
        | BuiltinFunction::OperatorContains
        | BuiltinFunction::OperatorGetitem
        | BuiltinFunction::OperatorDelitem
        | BuiltinFunction::OperatorConcat
        | BuiltinFunction::OperatorIconcat
        | BuiltinFunction::OperatorCountOf
        | BuiltinFunction::OperatorIndexOf
        | BuiltinFunction::OperatorSetitem
        | BuiltinFunction::OperatorCall
        | BuiltinFunction::GcCollect
        | BuiltinFunction::GcEnable
        | BuiltinFunction::GcDisable
        | BuiltinFunction::GcIsenabled
        | BuiltinFunction::GcGetThreshold
        | BuiltinFunction::GcSetThreshold => match super::native_fn::native_fn(id) {
            Some(f) => f.name(),
            None => "?",
        },
    }
}

/// The recursion checks of a call of the builtin (see the module doc).
const fn recursion_checks(id: BuiltinFunction) -> &'static [(i64, &'static str)] {
    match id {
        BuiltinFunction::Print => &[(2, WHILE_CALLING)],
        BuiltinFunction::Min | BuiltinFunction::Max => &[(1, WHILE_CALLING), (2, IN_COMPARISON)],
        _ => &[(1, WHILE_CALLING)],
    }
}

/// The builtin `o` is, if it is a builtin function object.
pub fn builtin_id(o: Obj) -> Option<BuiltinFunction> {
    if !o.type_of().is(&TYPE_BUILTIN_FUNCTION) {
        return None;
    }
    // SAFETY: an object of this type is one of the `BuiltinFunctionObject` statics.
    o.header_ptr().map(|h| unsafe { (*h.cast::<BuiltinFunctionObject>()).id })
}

/// The builtin function `code` as a value.
#[unsafe(no_mangle)]
pub extern "C" fn molt_builtin_function(id: i32) -> Obj {
    match BuiltinFunction::from_code(id).and_then(|b| FUNCTIONS.get(b as usize)) {
        Some(f) => new_ref(Obj::from_static(f)),
        None => value_or_raise(fail(TypeError, "bad argument to molt_builtin_function (a compiler bug)")),
    }
}

/// `meth_repr`: `<built-in function len>`.
fn builtin_repr(o: Obj) -> MoltResult<String> {
    Ok(format!("<built-in function {}>", builtin_id(o).map_or("?", name)))
}

/// The attributes of builtin functions: `__name__`, `__qualname__`, `__module__`.
pub fn attribute(o: Obj, attr: &str) -> Option<MoltResult<Obj>> {
    let id = builtin_id(o)?;
    Some(match attr {
        "__name__" | "__qualname__" => pystr::str_from_text(name(id)),
        "__module__" => pystr::str_from_text(match super::native_fn::native_fn(id) {
            Some(f) => super::module::module_name(f.module()),
            None => "builtins",
        }),
        _ => return None,
    })
}

/// The `tp_call` of builtin functions: the recursion checks, then the builtin at the depth of
/// its C level (where a key function it calls counts from).
fn builtin_call(callee: Obj, pos: &[Obj], kw: &[(&str, Obj)], depth: i64) -> MoltResult<Obj> {
    let Some(id) = builtin_id(callee) else {
        return super::callable::not_callable(callee);
    };
    let checks = recursion_checks(id);
    check_levels(depth, checks)?;
    with_depth(depth.saturating_add(1), || run(id, pos, kw))
}

/// A bool result.
fn bool_result(b: MoltResult<bool>) -> MoltResult<Obj> {
    b.map(singletons::bool_obj)
}

/// `builtin(*pos, **kw)` with CPython's argument checks.
fn run(id: BuiltinFunction, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let fname = name(id);
    let one = || exactly_one_for(fname, pos, kw);
    match id {
        BuiltinFunction::Len => dispatch::len_of(one()?),
        BuiltinFunction::Abs => dispatch::unary_op(crate::UnaryOp::Abs, one()?),
        BuiltinFunction::Repr => dispatch::repr_object(one()?),
        BuiltinFunction::Hash => dispatch::hash_object(one()?),
        BuiltinFunction::Ord => bn::ord(one()?),
        BuiltinFunction::Chr => bn::chr(one()?),
        BuiltinFunction::Id => bn::id(one()?),
        BuiltinFunction::Any => bool_result(bi::any(one()?)),
        BuiltinFunction::All => bool_result(bi::all(one()?)),
        BuiltinFunction::Callable => Ok(singletons::bool_obj(super::callable::is_callable(one()?))),
        BuiltinFunction::Pow => bn::pow(pos, kw),
        BuiltinFunction::Hex => bn::to_base(one()?, 16),
        BuiltinFunction::Oct => bn::to_base(one()?, 8),
        BuiltinFunction::Bin => bn::to_base(one()?, 2),
        BuiltinFunction::Input => super::stdin::input(pos, kw),
        BuiltinFunction::Open => super::fileio::open(pos, kw),
        BuiltinFunction::Vars | BuiltinFunction::Dir => {
            super::call::no_keywords_for(fname, kw)?;
            check_positional(fname, pos.len(), 0, 1)?;
            match (pos.first(), id == BuiltinFunction::Vars) {
                (Some(&o), true) => super::introspect::vars(o),
                (Some(&o), false) => super::introspect::dir(o),
                (None, _) => fail(NotImplementedError, format!("{fname}() without an argument (the caller's local names) is not supported by Molt yet")),
            }
        }
        BuiltinFunction::Ascii => super::format::ascii_value(one()?),
        BuiltinFunction::Sum => {
            let [it, start] = unpack_args("sum", ["", "start"], 1, 1, 2, pos, kw)?;
            bi::sum(it.unwrap_or_default(), start.unwrap_or_default())
        }
        BuiltinFunction::Round => {
            let [x, nd] = unpack_args("round", ["number", "ndigits"], 0, 1, 2, pos, kw)?;
            bn::round(x.unwrap_or_default(), nd)
        }
        BuiltinFunction::Min | BuiltinFunction::Max => min_max(id == BuiltinFunction::Max, pos, kw),
        BuiltinFunction::Sorted => {
            check_positional("sorted", pos.len(), 1, 1)?;
            let l = Owned(list::list_from_iter(pos[0])?);
            let r = super::list_methods::sort(l.get(), &[], kw)?;
            // SAFETY: `sort` returned a new reference (None).
            unsafe { super::decref(r) };
            Ok(l.release())
        }
        BuiltinFunction::Next => {
            no_keywords_for(fname, kw)?;
            check_positional("next", pos.len(), 1, 2)?;
            bi::next(pos[0], pos.get(1).copied())
        }
        BuiltinFunction::Iter => {
            no_keywords_for(fname, kw)?;
            check_positional("iter", pos.len(), 1, 2)?;
            if pos.len() == 1 {
                return super::iter::get_iter(pos[0]);
            }
            if !super::callable::is_callable(pos[0]) {
                return fail(TypeError, "iter(v, w): v must be callable");
            }
            fail(NotImplementedError, "iter(callable, sentinel) is not supported by Molt yet")
        }
        BuiltinFunction::Divmod => {
            no_keywords_for(fname, kw)?;
            check_positional("divmod", pos.len(), 2, 2)?;
            bn::divmod(pos[0], pos[1])
        }
        BuiltinFunction::Isinstance => {
            no_keywords_for(fname, kw)?;
            check_positional("isinstance", pos.len(), 2, 2)?;
            bool_result(super::attrs::isinstance(pos[0], pos[1]))
        }
        BuiltinFunction::Format => {
            no_keywords_for(fname, kw)?;
            check_positional("format", pos.len(), 1, 2)?;
            match pos.get(1) {
                Some(&spec) => super::format::format_value(pos[0], spec),
                None => super::format::format_value(pos[0], Obj::from_static(&pystr::EMPTY_STR)),
            }
        }
        BuiltinFunction::Print => print(pos, kw),
        BuiltinFunction::Getattr => {
            no_keywords_for(fname, kw)?;
            check_positional("getattr", pos.len(), 2, 3)?;
            let name = super::attrs::attr_name(pos[1])?;
            match (super::attrs::getattr(pos[0], name), pos.get(2)) {
                (Err(e), Some(&d)) if e.kind == crate::ExceptionKind::AttributeError => Ok(new_ref(d)),
                (r, _) => r,
            }
        }
        BuiltinFunction::Setattr => {
            no_keywords_for(fname, kw)?;
            check_positional("setattr", pos.len(), 3, 3)?;
            super::attrs::setattr(pos[0], pos[1], Some(pos[2]))?;
            Ok(singletons::none())
        }
        BuiltinFunction::Hasattr => {
            no_keywords_for(fname, kw)?;
            check_positional("hasattr", pos.len(), 2, 2)?;
            let name = super::attrs::attr_name(pos[1])?;
            match super::attrs::getattr(pos[0], name) {
                Ok(v) => {
                    drop(Owned(v));
                    Ok(singletons::bool_obj(true))
                }
                Err(e) if e.kind == crate::ExceptionKind::AttributeError => Ok(singletons::bool_obj(false)),
                Err(e) => Err(e),
            }
        }
        BuiltinFunction::Delattr => {
            no_keywords_for(fname, kw)?;
            check_positional("delattr", pos.len(), 2, 2)?;
            super::attrs::setattr(pos[0], pos[1], None)?;
            Ok(singletons::none())
        }
        BuiltinFunction::Issubclass => {
            no_keywords_for(fname, kw)?;
            check_positional("issubclass", pos.len(), 2, 2)?;
            bool_result(super::attrs::issubclass(pos[0], pos[1]))
        }
        BuiltinFunction::MathAcos
        | BuiltinFunction::MathAcosh
        | BuiltinFunction::MathAsin
        | BuiltinFunction::MathAsinh
        | BuiltinFunction::MathAtan
        | BuiltinFunction::MathAtan2
        | BuiltinFunction::MathAtanh
        | BuiltinFunction::MathCbrt
        | BuiltinFunction::MathCeil
        | BuiltinFunction::MathComb
        | BuiltinFunction::MathCopysign
        | BuiltinFunction::MathCos
        | BuiltinFunction::MathCosh
        | BuiltinFunction::MathDegrees
        | BuiltinFunction::MathDist
        | BuiltinFunction::MathErf
        | BuiltinFunction::MathErfc
        | BuiltinFunction::MathExp
        | BuiltinFunction::MathExp2
        | BuiltinFunction::MathExpm1
        | BuiltinFunction::MathFabs
        | BuiltinFunction::MathFactorial
        | BuiltinFunction::MathFloor
        | BuiltinFunction::MathFmod
        | BuiltinFunction::MathFrexp
        | BuiltinFunction::MathFsum
        | BuiltinFunction::MathGamma
        | BuiltinFunction::MathGcd
        | BuiltinFunction::MathHypot
        | BuiltinFunction::MathIsclose
        | BuiltinFunction::MathIsfinite
        | BuiltinFunction::MathIsinf
        | BuiltinFunction::MathIsnan
        | BuiltinFunction::MathIsqrt
        | BuiltinFunction::MathLcm
        | BuiltinFunction::MathLdexp
        | BuiltinFunction::MathLgamma
        | BuiltinFunction::MathLog
        | BuiltinFunction::MathLog10
        | BuiltinFunction::MathLog1p
        | BuiltinFunction::MathLog2
        | BuiltinFunction::MathModf
        | BuiltinFunction::MathNextafter
        | BuiltinFunction::MathPerm
        | BuiltinFunction::MathPow
        | BuiltinFunction::MathProd
        | BuiltinFunction::MathRadians
        | BuiltinFunction::MathRemainder
        | BuiltinFunction::MathSin
        | BuiltinFunction::MathSinh
        | BuiltinFunction::MathSqrt
        | BuiltinFunction::MathTan
        | BuiltinFunction::MathTanh
        | BuiltinFunction::MathTrunc
        | BuiltinFunction::MathUlp
        | BuiltinFunction::SysExit
        | BuiltinFunction::SysGetrecursionlimit
        | BuiltinFunction::SysSetrecursionlimit
        | BuiltinFunction::SysIntern
        | BuiltinFunction::SysExcInfo
        | BuiltinFunction::TimeMonotonic
        | BuiltinFunction::TimeMonotonicNs
        | BuiltinFunction::TimePerfCounter
        | BuiltinFunction::TimePerfCounterNs
        | BuiltinFunction::TimeProcessTime
        | BuiltinFunction::TimeProcessTimeNs
        | BuiltinFunction::TimeSleep
        | BuiltinFunction::TimeTime
        | BuiltinFunction::TimeTimeNs
        | BuiltinFunction::TypingCast
        | BuiltinFunction::ItertoolsTee
        | BuiltinFunction::ItertoolsChainFromIterable
        | BuiltinFunction::CollectionsNamedtuple
        | BuiltinFunction::HeapqHeappush
        | BuiltinFunction::HeapqHeappop
        | BuiltinFunction::HeapqHeapify
        | BuiltinFunction::HeapqHeapreplace
        | BuiltinFunction::HeapqHeappushpop
        | BuiltinFunction::HeapqNlargest
        | BuiltinFunction::HeapqNsmallest
        | BuiltinFunction::BisectBisectLeft
        | BuiltinFunction::BisectBisectRight
        | BuiltinFunction::BisectInsortLeft
        | BuiltinFunction::BisectInsortRight
        | BuiltinFunction::FunctoolsReduce
        | BuiltinFunction::FunctoolsCmpToKey
        | BuiltinFunction::FunctoolsLruCache
        | BuiltinFunction::FunctoolsCache
        | BuiltinFunction::FunctoolsWraps
        | BuiltinFunction::FunctoolsUpdateWrapper
        | BuiltinFunction::StringCapwords
        | BuiltinFunction::OperatorTruth
        | BuiltinFunction::OperatorNot
        | BuiltinFunction::OperatorAbs
        | BuiltinFunction::OperatorIndex
        | BuiltinFunction::OperatorNeg
        | BuiltinFunction::OperatorPos
        | BuiltinFunction::OperatorInv
        | BuiltinFunction::OperatorInvert
        | BuiltinFunction::OperatorAdd
        | BuiltinFunction::OperatorSub
        | BuiltinFunction::OperatorMul
        | BuiltinFunction::OperatorTruediv
        | BuiltinFunction::OperatorFloordiv
        | BuiltinFunction::OperatorMod
        | BuiltinFunction::OperatorPow
        | BuiltinFunction::OperatorLshift
        | BuiltinFunction::OperatorRshift
        | BuiltinFunction::OperatorAnd
        | BuiltinFunction::OperatorOr
        | BuiltinFunction::OperatorXor
        | BuiltinFunction::OperatorIadd
        | BuiltinFunction::OperatorIsub
        | BuiltinFunction::OperatorImul
        | BuiltinFunction::OperatorItruediv
        | BuiltinFunction::OperatorIfloordiv
        | BuiltinFunction::OperatorImod
        | BuiltinFunction::OperatorIpow
        | BuiltinFunction::OperatorIlshift
        | BuiltinFunction::OperatorIrshift
        | BuiltinFunction::OperatorIand
        | BuiltinFunction::OperatorIor
        | BuiltinFunction::OperatorIxor
        | BuiltinFunction::OperatorLt
        | BuiltinFunction::OperatorLe
        | BuiltinFunction::OperatorEq
        | BuiltinFunction::OperatorNe
        | BuiltinFunction::OperatorGt
        | BuiltinFunction::OperatorGe
        | BuiltinFunction::OperatorIs
        | BuiltinFunction::OperatorIsNot
        | BuiltinFunction::OperatorContains
        | BuiltinFunction::OperatorGetitem
        | BuiltinFunction::OperatorDelitem
        | BuiltinFunction::OperatorConcat
        | BuiltinFunction::OperatorIconcat
        | BuiltinFunction::OperatorCountOf
        | BuiltinFunction::OperatorIndexOf
        | BuiltinFunction::OperatorSetitem
        | BuiltinFunction::OperatorCall
        | BuiltinFunction::GcCollect
        | BuiltinFunction::GcEnable
        | BuiltinFunction::GcDisable
        | BuiltinFunction::GcIsenabled
        | BuiltinFunction::GcGetThreshold
        | BuiltinFunction::GcSetThreshold => match super::native_fn::native_fn(id) {
            Some(f) => f.call(pos, kw),
            None => fail(TypeError, "bad builtin function (a runtime bug)"),
        },
    }
}

/// `min(*args, key=None, default=…)` / `max(…)` (`min_max`): the positional arguments first
/// ("min expected at least 1 argument, got 0"), then the keywords.
fn min_max(is_max: bool, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let fname = if is_max { "max" } else { "min" };
    if pos.is_empty() {
        return fail(TypeError, format!("{fname} expected at least 1 argument, got 0"));
    }
    let [key, default] = super::call::unpack_keywords(fname, ["key", "default"], &[], kw)?;
    let args = Owned(tuple::tuple_from_slice(pos)?);
    bi::min_max(args.get(), is_max, key, default)
}

/// `print(*args, sep=' ', end='\n', file=None, flush=False)` (`builtin_print_impl`): to Molt's
/// stdout buffer when `file` is None or `sys.stdout`; otherwise each piece is written with
/// `file.write(text)` (`PyFile_WriteObject`: `str()` of each argument, then the separators and
/// the end), and `file.flush()` is called when `flush` is true, as CPython does.
fn print(pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    const NAMES: [&str; 4] = ["sep", "end", "file", "flush"];
    if kw.iter().any(|(k, _)| !NAMES.contains(k)) {
        return Err(super::call::unexpected_keyword("print", &NAMES, kw));
    }
    let get = |name: &str| kw.iter().find(|(k, _)| *k == name).map(|&(_, v)| v).filter(|&v| !singletons::is_none(v));
    let file = get("file").filter(|&f| super::textio::stream_of(f) != Some(super::textio::Stream::Stdout));
    let text = |which: &str| -> MoltResult<Option<&str>> {
        match get(which) {
            None => Ok(None),
            Some(v) => match pystr::str_text(v) {
                Some(t) => Ok(Some(t)),
                None => fail(TypeError, format!("{which} must be None or a string, not {}", v.type_of().name)),
            },
        }
    };
    let sep = text("sep")?.unwrap_or(" ");
    let end = text("end")?.unwrap_or("\n");
    let flush = match kw.iter().find(|(k, _)| *k == "flush") {
        Some(&(_, f)) => dispatch::truth(f)?,
        None => false,
    };
    let Some(file) = file else {
        for (i, &x) in pos.iter().enumerate() {
            if i > 0 {
                crate::print::write_stdout(sep.as_bytes());
            }
            dispatch::print_value(x)?;
        }
        crate::print::write_stdout(end.as_bytes());
        if flush {
            crate::print::flush_stdout();
        }
        return Ok(singletons::none());
    };
    // `PyFile_WriteObject` / `PyFile_WriteString`: `file.write(text)`, its result dropped.
    let write = |s: Obj| -> MoltResult<()> {
        let r = super::call::call_method(file, "write", &[s], &[])?;
        drop(Owned(r));
        Ok(())
    };
    let write_text = |t: &str| -> MoltResult<()> {
        let s = Owned(pystr::str_from_text(t)?);
        write(s.get())
    };
    for (i, &x) in pos.iter().enumerate() {
        if i > 0 {
            write_text(sep)?;
        }
        let s = Owned(dispatch::str_object(x)?);
        write(s.get())?;
    }
    write_text(end)?;
    if flush {
        drop(Owned(super::call::call_method(file, "flush", &[], &[])?));
    }
    Ok(singletons::none())
}
