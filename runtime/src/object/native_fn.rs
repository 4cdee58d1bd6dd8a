//! The functions of the runtime's modules as builtin function objects: the mapping from each
//! `BuiltinFunction` of a module (`MathSqrt`, `SysExit`, …) to its module's own function enum,
//! whose implementation lives in that module (`math`, `sys_module`, `time_module`, `typing`,
//! `itertools`).
//!
//! Relies on: `builtin_fn` (the objects, their repr and attributes, the recursion checks of a
//! call) calling [`native_fn`] for a variant that is no builtin of `builtins`.
//!
//! Provides: [`NativeFn`], [`native_fn`], and for each: its name, its module and
//! [`NativeFn::call`] (CPython's argument checks are each module's), callable once [`enable`]
//! ran (the first import of a module).
//!
//! Invariant: the match below is exhaustive over `BuiltinFunction` (no wildcard), so a new
//! variant does not compile until it is mapped here.

use super::Obj;
use super::bisect::BisectFn;
use super::collections::CollectionsFn;
use super::functools::FunctoolsFn;
use super::gc_module::GcFn;
use super::heapq::HeapqFn;
use super::itertools::ItertoolsFn;
use super::math::MathFn;
use super::operator_module::OperatorFn;
use super::string_module::StringFn;
use super::sys_module::SysFn;
use super::time_module::TimeFn;
use super::typing::TypingFn;
use crate::ExceptionKind::TypeError;
use crate::exceptions::{MoltResult, fail};
use crate::{BuiltinFunction, NativeModule};

/// A function of one of the runtime's modules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NativeFn {
    Math(MathFn),
    Sys(SysFn),
    Time(TimeFn),
    Typing(TypingFn),
    Itertools(ItertoolsFn),
    Collections(CollectionsFn),
    Heapq(HeapqFn),
    Bisect(BisectFn),
    Functools(FunctoolsFn),
    String(StringFn),
    Operator(OperatorFn),
    Gc(GcFn),
}

/// The module function `id` is, None for a builtin of `builtins`.
pub const fn native_fn(id: BuiltinFunction) -> Option<NativeFn> {
    Some(match id {
        BuiltinFunction::Len
        | BuiltinFunction::Abs
        | BuiltinFunction::Repr
        | BuiltinFunction::Hash
        | BuiltinFunction::Ord
        | BuiltinFunction::Chr
        | BuiltinFunction::Sum
        | BuiltinFunction::Min
        | BuiltinFunction::Max
        | BuiltinFunction::Sorted
        | BuiltinFunction::Any
        | BuiltinFunction::All
        | BuiltinFunction::Next
        | BuiltinFunction::Iter
        | BuiltinFunction::Round
        | BuiltinFunction::Divmod
        | BuiltinFunction::Id
        | BuiltinFunction::Print
        | BuiltinFunction::Isinstance
        | BuiltinFunction::Callable
        | BuiltinFunction::Ascii
        | BuiltinFunction::Format
        | BuiltinFunction::Getattr
        | BuiltinFunction::Setattr
        | BuiltinFunction::Hasattr
        | BuiltinFunction::Delattr
        | BuiltinFunction::Issubclass
        | BuiltinFunction::Vars
        | BuiltinFunction::Dir
        | BuiltinFunction::Pow
        | BuiltinFunction::Hex
        | BuiltinFunction::Oct
        | BuiltinFunction::Bin
        | BuiltinFunction::Input
        | BuiltinFunction::Open
 => return None,
        BuiltinFunction::MathAcos => NativeFn::Math(MathFn::Acos),
        BuiltinFunction::MathAcosh => NativeFn::Math(MathFn::Acosh),
        BuiltinFunction::MathAsin => NativeFn::Math(MathFn::Asin),
        BuiltinFunction::MathAsinh => NativeFn::Math(MathFn::Asinh),
        BuiltinFunction::MathAtan => NativeFn::Math(MathFn::Atan),
        BuiltinFunction::MathAtan2 => NativeFn::Math(MathFn::Atan2),
        BuiltinFunction::MathAtanh => NativeFn::Math(MathFn::Atanh),
        BuiltinFunction::MathCbrt => NativeFn::Math(MathFn::Cbrt),
        BuiltinFunction::MathCeil => NativeFn::Math(MathFn::Ceil),
        BuiltinFunction::MathComb => NativeFn::Math(MathFn::Comb),
        BuiltinFunction::MathCopysign => NativeFn::Math(MathFn::Copysign),
        BuiltinFunction::MathCos => NativeFn::Math(MathFn::Cos),
        BuiltinFunction::MathCosh => NativeFn::Math(MathFn::Cosh),
        BuiltinFunction::MathDegrees => NativeFn::Math(MathFn::Degrees),
        BuiltinFunction::MathDist => NativeFn::Math(MathFn::Dist),
        BuiltinFunction::MathErf => NativeFn::Math(MathFn::Erf),
        BuiltinFunction::MathErfc => NativeFn::Math(MathFn::Erfc),
        BuiltinFunction::MathExp => NativeFn::Math(MathFn::Exp),
        BuiltinFunction::MathExp2 => NativeFn::Math(MathFn::Exp2),
        BuiltinFunction::MathExpm1 => NativeFn::Math(MathFn::Expm1),
        BuiltinFunction::MathFabs => NativeFn::Math(MathFn::Fabs),
        BuiltinFunction::MathFactorial => NativeFn::Math(MathFn::Factorial),
        BuiltinFunction::MathFloor => NativeFn::Math(MathFn::Floor),
        BuiltinFunction::MathFmod => NativeFn::Math(MathFn::Fmod),
        BuiltinFunction::MathFrexp => NativeFn::Math(MathFn::Frexp),
        BuiltinFunction::MathFsum => NativeFn::Math(MathFn::Fsum),
        BuiltinFunction::MathGamma => NativeFn::Math(MathFn::Gamma),
        BuiltinFunction::MathGcd => NativeFn::Math(MathFn::Gcd),
        BuiltinFunction::MathHypot => NativeFn::Math(MathFn::Hypot),
        BuiltinFunction::MathIsclose => NativeFn::Math(MathFn::Isclose),
        BuiltinFunction::MathIsfinite => NativeFn::Math(MathFn::Isfinite),
        BuiltinFunction::MathIsinf => NativeFn::Math(MathFn::Isinf),
        BuiltinFunction::MathIsnan => NativeFn::Math(MathFn::Isnan),
        BuiltinFunction::MathIsqrt => NativeFn::Math(MathFn::Isqrt),
        BuiltinFunction::MathLcm => NativeFn::Math(MathFn::Lcm),
        BuiltinFunction::MathLdexp => NativeFn::Math(MathFn::Ldexp),
        BuiltinFunction::MathLgamma => NativeFn::Math(MathFn::Lgamma),
        BuiltinFunction::MathLog => NativeFn::Math(MathFn::Log),
        BuiltinFunction::MathLog10 => NativeFn::Math(MathFn::Log10),
        BuiltinFunction::MathLog1p => NativeFn::Math(MathFn::Log1p),
        BuiltinFunction::MathLog2 => NativeFn::Math(MathFn::Log2),
        BuiltinFunction::MathModf => NativeFn::Math(MathFn::Modf),
        BuiltinFunction::MathNextafter => NativeFn::Math(MathFn::Nextafter),
        BuiltinFunction::MathPerm => NativeFn::Math(MathFn::Perm),
        BuiltinFunction::MathPow => NativeFn::Math(MathFn::Pow),
        BuiltinFunction::MathProd => NativeFn::Math(MathFn::Prod),
        BuiltinFunction::MathRadians => NativeFn::Math(MathFn::Radians),
        BuiltinFunction::MathRemainder => NativeFn::Math(MathFn::Remainder),
        BuiltinFunction::MathSin => NativeFn::Math(MathFn::Sin),
        BuiltinFunction::MathSinh => NativeFn::Math(MathFn::Sinh),
        BuiltinFunction::MathSqrt => NativeFn::Math(MathFn::Sqrt),
        BuiltinFunction::MathTan => NativeFn::Math(MathFn::Tan),
        BuiltinFunction::MathTanh => NativeFn::Math(MathFn::Tanh),
        BuiltinFunction::MathTrunc => NativeFn::Math(MathFn::Trunc),
        BuiltinFunction::MathUlp => NativeFn::Math(MathFn::Ulp),
        BuiltinFunction::SysExit => NativeFn::Sys(SysFn::Exit),
        BuiltinFunction::SysGetrecursionlimit => NativeFn::Sys(SysFn::Getrecursionlimit),
        BuiltinFunction::SysSetrecursionlimit => NativeFn::Sys(SysFn::Setrecursionlimit),
        BuiltinFunction::SysIntern => NativeFn::Sys(SysFn::Intern),
        BuiltinFunction::SysExcInfo => NativeFn::Sys(SysFn::ExcInfo),
        BuiltinFunction::TimeMonotonic => NativeFn::Time(TimeFn::Monotonic),
        BuiltinFunction::TimeMonotonicNs => NativeFn::Time(TimeFn::MonotonicNs),
        BuiltinFunction::TimePerfCounter => NativeFn::Time(TimeFn::PerfCounter),
        BuiltinFunction::TimePerfCounterNs => NativeFn::Time(TimeFn::PerfCounterNs),
        BuiltinFunction::TimeProcessTime => NativeFn::Time(TimeFn::ProcessTime),
        BuiltinFunction::TimeProcessTimeNs => NativeFn::Time(TimeFn::ProcessTimeNs),
        BuiltinFunction::TimeSleep => NativeFn::Time(TimeFn::Sleep),
        BuiltinFunction::TimeTime => NativeFn::Time(TimeFn::Time),
        BuiltinFunction::TimeTimeNs => NativeFn::Time(TimeFn::TimeNs),
        BuiltinFunction::TypingCast => NativeFn::Typing(TypingFn::Cast),
        BuiltinFunction::ItertoolsTee => NativeFn::Itertools(ItertoolsFn::Tee),
        BuiltinFunction::ItertoolsChainFromIterable => NativeFn::Itertools(ItertoolsFn::ChainFromIterable),
        BuiltinFunction::CollectionsNamedtuple => NativeFn::Collections(CollectionsFn::Namedtuple),
        BuiltinFunction::HeapqHeappush => NativeFn::Heapq(HeapqFn::Heappush),
        BuiltinFunction::HeapqHeappop => NativeFn::Heapq(HeapqFn::Heappop),
        BuiltinFunction::HeapqHeapify => NativeFn::Heapq(HeapqFn::Heapify),
        BuiltinFunction::HeapqHeapreplace => NativeFn::Heapq(HeapqFn::Heapreplace),
        BuiltinFunction::HeapqHeappushpop => NativeFn::Heapq(HeapqFn::Heappushpop),
        BuiltinFunction::HeapqNlargest => NativeFn::Heapq(HeapqFn::Nlargest),
        BuiltinFunction::HeapqNsmallest => NativeFn::Heapq(HeapqFn::Nsmallest),
        BuiltinFunction::BisectBisectLeft => NativeFn::Bisect(BisectFn::BisectLeft),
        BuiltinFunction::BisectBisectRight => NativeFn::Bisect(BisectFn::BisectRight),
        BuiltinFunction::BisectInsortLeft => NativeFn::Bisect(BisectFn::InsortLeft),
        BuiltinFunction::BisectInsortRight => NativeFn::Bisect(BisectFn::InsortRight),
        BuiltinFunction::FunctoolsReduce => NativeFn::Functools(FunctoolsFn::Reduce),
        BuiltinFunction::FunctoolsCmpToKey => NativeFn::Functools(FunctoolsFn::CmpToKey),
        BuiltinFunction::FunctoolsLruCache => NativeFn::Functools(FunctoolsFn::LruCache),
        BuiltinFunction::FunctoolsCache => NativeFn::Functools(FunctoolsFn::Cache),
        BuiltinFunction::FunctoolsWraps => NativeFn::Functools(FunctoolsFn::Wraps),
        BuiltinFunction::FunctoolsUpdateWrapper => NativeFn::Functools(FunctoolsFn::UpdateWrapper),
        BuiltinFunction::StringCapwords => NativeFn::String(StringFn::Capwords),
        BuiltinFunction::OperatorTruth => NativeFn::Operator(OperatorFn::Truth),
        BuiltinFunction::OperatorNot => NativeFn::Operator(OperatorFn::Not),
        BuiltinFunction::OperatorAbs => NativeFn::Operator(OperatorFn::Abs),
        BuiltinFunction::OperatorIndex => NativeFn::Operator(OperatorFn::Index),
        BuiltinFunction::OperatorNeg => NativeFn::Operator(OperatorFn::Neg),
        BuiltinFunction::OperatorPos => NativeFn::Operator(OperatorFn::Pos),
        BuiltinFunction::OperatorInv => NativeFn::Operator(OperatorFn::Inv),
        BuiltinFunction::OperatorInvert => NativeFn::Operator(OperatorFn::Invert),
        BuiltinFunction::OperatorAdd => NativeFn::Operator(OperatorFn::Add),
        BuiltinFunction::OperatorSub => NativeFn::Operator(OperatorFn::Sub),
        BuiltinFunction::OperatorMul => NativeFn::Operator(OperatorFn::Mul),
        BuiltinFunction::OperatorTruediv => NativeFn::Operator(OperatorFn::Truediv),
        BuiltinFunction::OperatorFloordiv => NativeFn::Operator(OperatorFn::Floordiv),
        BuiltinFunction::OperatorMod => NativeFn::Operator(OperatorFn::Mod),
        BuiltinFunction::OperatorPow => NativeFn::Operator(OperatorFn::Pow),
        BuiltinFunction::OperatorLshift => NativeFn::Operator(OperatorFn::Lshift),
        BuiltinFunction::OperatorRshift => NativeFn::Operator(OperatorFn::Rshift),
        BuiltinFunction::OperatorAnd => NativeFn::Operator(OperatorFn::And),
        BuiltinFunction::OperatorOr => NativeFn::Operator(OperatorFn::Or),
        BuiltinFunction::OperatorXor => NativeFn::Operator(OperatorFn::Xor),
        BuiltinFunction::OperatorIadd => NativeFn::Operator(OperatorFn::Iadd),
        BuiltinFunction::OperatorIsub => NativeFn::Operator(OperatorFn::Isub),
        BuiltinFunction::OperatorImul => NativeFn::Operator(OperatorFn::Imul),
        BuiltinFunction::OperatorItruediv => NativeFn::Operator(OperatorFn::Itruediv),
        BuiltinFunction::OperatorIfloordiv => NativeFn::Operator(OperatorFn::Ifloordiv),
        BuiltinFunction::OperatorImod => NativeFn::Operator(OperatorFn::Imod),
        BuiltinFunction::OperatorIpow => NativeFn::Operator(OperatorFn::Ipow),
        BuiltinFunction::OperatorIlshift => NativeFn::Operator(OperatorFn::Ilshift),
        BuiltinFunction::OperatorIrshift => NativeFn::Operator(OperatorFn::Irshift),
        BuiltinFunction::OperatorIand => NativeFn::Operator(OperatorFn::Iand),
        BuiltinFunction::OperatorIor => NativeFn::Operator(OperatorFn::Ior),
        BuiltinFunction::OperatorIxor => NativeFn::Operator(OperatorFn::Ixor),
        BuiltinFunction::OperatorLt => NativeFn::Operator(OperatorFn::Lt),
        BuiltinFunction::OperatorLe => NativeFn::Operator(OperatorFn::Le),
        BuiltinFunction::OperatorEq => NativeFn::Operator(OperatorFn::Eq),
        BuiltinFunction::OperatorNe => NativeFn::Operator(OperatorFn::Ne),
        BuiltinFunction::OperatorGt => NativeFn::Operator(OperatorFn::Gt),
        BuiltinFunction::OperatorGe => NativeFn::Operator(OperatorFn::Ge),
        BuiltinFunction::OperatorIs => NativeFn::Operator(OperatorFn::Is),
        BuiltinFunction::OperatorIsNot => NativeFn::Operator(OperatorFn::IsNot),
        BuiltinFunction::OperatorContains => NativeFn::Operator(OperatorFn::Contains),
        BuiltinFunction::OperatorGetitem => NativeFn::Operator(OperatorFn::Getitem),
        BuiltinFunction::OperatorDelitem => NativeFn::Operator(OperatorFn::Delitem),
        BuiltinFunction::OperatorConcat => NativeFn::Operator(OperatorFn::Concat),
        BuiltinFunction::OperatorIconcat => NativeFn::Operator(OperatorFn::Iconcat),
        BuiltinFunction::OperatorCountOf => NativeFn::Operator(OperatorFn::CountOf),
        BuiltinFunction::OperatorIndexOf => NativeFn::Operator(OperatorFn::IndexOf),
        BuiltinFunction::OperatorSetitem => NativeFn::Operator(OperatorFn::Setitem),
        BuiltinFunction::OperatorCall => NativeFn::Operator(OperatorFn::Call),
        BuiltinFunction::GcCollect => NativeFn::Gc(GcFn::Collect),
        BuiltinFunction::GcEnable => NativeFn::Gc(GcFn::Enable),
        BuiltinFunction::GcDisable => NativeFn::Gc(GcFn::Disable),
        BuiltinFunction::GcIsenabled => NativeFn::Gc(GcFn::Isenabled),
        BuiltinFunction::GcGetThreshold => NativeFn::Gc(GcFn::GetThreshold),
        BuiltinFunction::GcSetThreshold => NativeFn::Gc(GcFn::SetThreshold),
    })
}

impl NativeFn {
    /// The module it belongs to.
    pub const fn module(self) -> NativeModule {
        match self {
            NativeFn::Math(_) => NativeModule::Math,
            NativeFn::Sys(_) => NativeModule::Sys,
            NativeFn::Time(_) => NativeModule::Time,
            NativeFn::Typing(_) => NativeModule::Typing,
            NativeFn::Itertools(_) => NativeModule::Itertools,
            NativeFn::Collections(_) => NativeModule::Collections,
            NativeFn::Heapq(_) => NativeModule::Heapq,
            NativeFn::Bisect(_) => NativeModule::Bisect,
            NativeFn::Functools(_) => NativeModule::Functools,
            NativeFn::String(_) => NativeModule::String,
            NativeFn::Operator(_) => NativeModule::Operator,
            NativeFn::Gc(_) => NativeModule::Gc,
        }
    }

    /// Its `__name__`.
    pub const fn name(self) -> &'static str {
        match self {
            NativeFn::Math(f) => f.name(),
            NativeFn::Sys(f) => f.name(),
            NativeFn::Time(f) => f.name(),
            NativeFn::Typing(f) => f.name(),
            NativeFn::Itertools(f) => f.name(),
            NativeFn::Collections(f) => f.name(),
            NativeFn::Heapq(f) => f.name(),
            NativeFn::Bisect(f) => f.name(),
            NativeFn::Functools(f) => f.name(),
            NativeFn::String(f) => f.name(),
            NativeFn::Operator(f) => f.name(),
            NativeFn::Gc(f) => f.name(),
        }
    }

    /// `f(*pos, **kw)` with CPython's argument checks (run at the depth of the builtin's C
    /// level, which `builtin_fn` sets), through the function [`enable`] registered.
    pub fn call(self, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
        // Opaque to the optimiser (see `generator::hooks`): a direct call would link every
        // module's functions into every program that calls a builtin.
        match core::hint::black_box(CALL.with(|c| *c)) {
            Some(call) => call(self, pos, kw),
            None => fail(TypeError, "a module function called before its module was imported (a runtime bug)"),
        }
    }
}

/// The implementation of [`NativeFn::call`], registered by the first import of a module.
type CallImpl = fn(NativeFn, &[Obj], &[(&str, Obj)]) -> MoltResult<Obj>;

static CALL: crate::sys::Global<Option<CallImpl>> = crate::sys::Global::new(None);

/// Makes the module functions callable (`module::import` calls it): reached only through
/// this registration, their code is linked only into the programs that import a module
/// (`builtin_fn`, which every program that uses a builtin as a value links, names none of it).
pub fn enable() {
    CALL.with(|c| *c = Some(call_impl));
}

impl NativeFn {
    /// Through the hooks of its module (registered by the module's `molt_enable_module_*`).
    fn dispatch(self, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
        match super::module::hooks(self.module()) {
            Some(h) => (h.call)(self, pos, kw),
            None => fail(TypeError, "a module function called before its module was enabled (a compiler bug)"),
        }
    }
}

fn call_impl(f: NativeFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    f.dispatch(pos, kw)
}
