//! The `math` module (CPython 3.11's `Modules/mathmodule.c` and its Argument Clinic parsers,
//! `Modules/clinic/mathmodule.c.h`): its functions as builtin function objects and its
//! constants.
//!
//! Relies on: `native_fn` (each function is a `BuiltinFunction` variant mapped to a [`MathFn`]);
//! `call` for CPython's argument checks (`METH_O`: "math.sqrt() takes exactly one argument (2
//! given)"; `METH_FASTCALL`: "math.atan2() takes no keyword arguments", "atan2 expected 2
//! arguments, got 1"; the clinic parsers of `isclose` and `prod`); `float_fns` (the libm wrappers
//! with CPython's error logic), `int_fns` (the integer functions on big ints, `floor`/`ceil`/
//! `trunc`, the logarithms of ints), `seq_fns` (`fsum`, `hypot`, `dist`, `prod`).
//!
//! Provides: [`MathFn`], [`call`], [`fill`] (the module's namespace: exactly the names
//! `NATIVE_MODULES` lists for math), [`as_double`] (`PyFloat_AsDouble`).
//!
//! Invariants: results are bit-identical to CPython's on the same machine: the same libm
//! functions are called (`sys::libm`) with the same special-casing, and CPython's own
//! algorithms are ported where it has them (`gamma`, `lgamma`, `fsum`, `vector_norm`,
//! `remainder`, `atan2`'s special values, the logarithms of huge ints).

mod float_fns;
mod int_fns;
mod seq_fns;

use super::call::{check_positional, exactly_one_for, no_keywords_for, unpack_args};
use super::{Obj, float, int, singletons};
use crate::ExceptionKind::TypeError;
use crate::exceptions::{MoltResult, fail};
use float_fns as ff;

/// The functions of `math`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MathFn {
    Acos,
    Acosh,
    Asin,
    Asinh,
    Atan,
    Atan2,
    Atanh,
    Cbrt,
    Ceil,
    Comb,
    Copysign,
    Cos,
    Cosh,
    Degrees,
    Dist,
    Erf,
    Erfc,
    Exp,
    Exp2,
    Expm1,
    Fabs,
    Factorial,
    Floor,
    Fmod,
    Frexp,
    Fsum,
    Gamma,
    Gcd,
    Hypot,
    Isclose,
    Isfinite,
    Isinf,
    Isnan,
    Isqrt,
    Lcm,
    Ldexp,
    Lgamma,
    Log,
    Log10,
    Log1p,
    Log2,
    Modf,
    Nextafter,
    Perm,
    Pow,
    Prod,
    Radians,
    Remainder,
    Sin,
    Sinh,
    Sqrt,
    Tan,
    Tanh,
    Trunc,
    Ulp,
}

impl MathFn {
    /// Its `__name__`.
    pub const fn name(self) -> &'static str {
        match self {
            MathFn::Acos => "acos",
            MathFn::Acosh => "acosh",
            MathFn::Asin => "asin",
            MathFn::Asinh => "asinh",
            MathFn::Atan => "atan",
            MathFn::Atan2 => "atan2",
            MathFn::Atanh => "atanh",
            MathFn::Cbrt => "cbrt",
            MathFn::Ceil => "ceil",
            MathFn::Comb => "comb",
            MathFn::Copysign => "copysign",
            MathFn::Cos => "cos",
            MathFn::Cosh => "cosh",
            MathFn::Degrees => "degrees",
            MathFn::Dist => "dist",
            MathFn::Erf => "erf",
            MathFn::Erfc => "erfc",
            MathFn::Exp => "exp",
            MathFn::Exp2 => "exp2",
            MathFn::Expm1 => "expm1",
            MathFn::Fabs => "fabs",
            MathFn::Factorial => "factorial",
            MathFn::Floor => "floor",
            MathFn::Fmod => "fmod",
            MathFn::Frexp => "frexp",
            MathFn::Fsum => "fsum",
            MathFn::Gamma => "gamma",
            MathFn::Gcd => "gcd",
            MathFn::Hypot => "hypot",
            MathFn::Isclose => "isclose",
            MathFn::Isfinite => "isfinite",
            MathFn::Isinf => "isinf",
            MathFn::Isnan => "isnan",
            MathFn::Isqrt => "isqrt",
            MathFn::Lcm => "lcm",
            MathFn::Ldexp => "ldexp",
            MathFn::Lgamma => "lgamma",
            MathFn::Log => "log",
            MathFn::Log10 => "log10",
            MathFn::Log1p => "log1p",
            MathFn::Log2 => "log2",
            MathFn::Modf => "modf",
            MathFn::Nextafter => "nextafter",
            MathFn::Perm => "perm",
            MathFn::Pow => "pow",
            MathFn::Prod => "prod",
            MathFn::Radians => "radians",
            MathFn::Remainder => "remainder",
            MathFn::Sin => "sin",
            MathFn::Sinh => "sinh",
            MathFn::Sqrt => "sqrt",
            MathFn::Tan => "tan",
            MathFn::Tanh => "tanh",
            MathFn::Trunc => "trunc",
            MathFn::Ulp => "ulp",
        }
    }

    /// The `BuiltinFunction` of this function (its object in `builtin_fn`'s table).
    fn builtin(self) -> crate::BuiltinFunction {
        use crate::BuiltinFunction as B;
        match self {
            MathFn::Acos => B::MathAcos,
            MathFn::Acosh => B::MathAcosh,
            MathFn::Asin => B::MathAsin,
            MathFn::Asinh => B::MathAsinh,
            MathFn::Atan => B::MathAtan,
            MathFn::Atan2 => B::MathAtan2,
            MathFn::Atanh => B::MathAtanh,
            MathFn::Cbrt => B::MathCbrt,
            MathFn::Ceil => B::MathCeil,
            MathFn::Comb => B::MathComb,
            MathFn::Copysign => B::MathCopysign,
            MathFn::Cos => B::MathCos,
            MathFn::Cosh => B::MathCosh,
            MathFn::Degrees => B::MathDegrees,
            MathFn::Dist => B::MathDist,
            MathFn::Erf => B::MathErf,
            MathFn::Erfc => B::MathErfc,
            MathFn::Exp => B::MathExp,
            MathFn::Exp2 => B::MathExp2,
            MathFn::Expm1 => B::MathExpm1,
            MathFn::Fabs => B::MathFabs,
            MathFn::Factorial => B::MathFactorial,
            MathFn::Floor => B::MathFloor,
            MathFn::Fmod => B::MathFmod,
            MathFn::Frexp => B::MathFrexp,
            MathFn::Fsum => B::MathFsum,
            MathFn::Gamma => B::MathGamma,
            MathFn::Gcd => B::MathGcd,
            MathFn::Hypot => B::MathHypot,
            MathFn::Isclose => B::MathIsclose,
            MathFn::Isfinite => B::MathIsfinite,
            MathFn::Isinf => B::MathIsinf,
            MathFn::Isnan => B::MathIsnan,
            MathFn::Isqrt => B::MathIsqrt,
            MathFn::Lcm => B::MathLcm,
            MathFn::Ldexp => B::MathLdexp,
            MathFn::Lgamma => B::MathLgamma,
            MathFn::Log => B::MathLog,
            MathFn::Log10 => B::MathLog10,
            MathFn::Log1p => B::MathLog1p,
            MathFn::Log2 => B::MathLog2,
            MathFn::Modf => B::MathModf,
            MathFn::Nextafter => B::MathNextafter,
            MathFn::Perm => B::MathPerm,
            MathFn::Pow => B::MathPow,
            MathFn::Prod => B::MathProd,
            MathFn::Radians => B::MathRadians,
            MathFn::Remainder => B::MathRemainder,
            MathFn::Sin => B::MathSin,
            MathFn::Sinh => B::MathSinh,
            MathFn::Sqrt => B::MathSqrt,
            MathFn::Tan => B::MathTan,
            MathFn::Tanh => B::MathTanh,
            MathFn::Trunc => B::MathTrunc,
            MathFn::Ulp => B::MathUlp,
        }
    }

    /// Every function (the module's namespace).
    const ALL: [MathFn; 55] = [
        MathFn::Acos,
        MathFn::Acosh,
        MathFn::Asin,
        MathFn::Asinh,
        MathFn::Atan,
        MathFn::Atan2,
        MathFn::Atanh,
        MathFn::Cbrt,
        MathFn::Ceil,
        MathFn::Comb,
        MathFn::Copysign,
        MathFn::Cos,
        MathFn::Cosh,
        MathFn::Degrees,
        MathFn::Dist,
        MathFn::Erf,
        MathFn::Erfc,
        MathFn::Exp,
        MathFn::Exp2,
        MathFn::Expm1,
        MathFn::Fabs,
        MathFn::Factorial,
        MathFn::Floor,
        MathFn::Fmod,
        MathFn::Frexp,
        MathFn::Fsum,
        MathFn::Gamma,
        MathFn::Gcd,
        MathFn::Hypot,
        MathFn::Isclose,
        MathFn::Isfinite,
        MathFn::Isinf,
        MathFn::Isnan,
        MathFn::Isqrt,
        MathFn::Lcm,
        MathFn::Ldexp,
        MathFn::Lgamma,
        MathFn::Log,
        MathFn::Log10,
        MathFn::Log1p,
        MathFn::Log2,
        MathFn::Modf,
        MathFn::Nextafter,
        MathFn::Perm,
        MathFn::Pow,
        MathFn::Prod,
        MathFn::Radians,
        MathFn::Remainder,
        MathFn::Sin,
        MathFn::Sinh,
        MathFn::Sqrt,
        MathFn::Tan,
        MathFn::Tanh,
        MathFn::Trunc,
        MathFn::Ulp,
    ];
}

/// Stores math's functions and constants in its namespace `d`.
pub fn fill(d: Obj) -> MoltResult<()> {
    use super::module::store_owned;
    for f in MathFn::ALL {
        store_owned(d, f.name(), Ok(super::builtin_fn::molt_builtin_function(f.builtin().code())))?;
    }
    store_owned(d, "pi", float::box_float(core::f64::consts::PI))?;
    store_owned(d, "e", float::box_float(core::f64::consts::E))?;
    store_owned(d, "tau", float::box_float(core::f64::consts::TAU))?;
    store_owned(d, "inf", float::box_float(f64::INFINITY))?;
    store_owned(d, "nan", float::box_float(f64::NAN))
}

/// CPython's `PyFloat_AsDouble` (with `ASSIGN_DOUBLE`'s fast paths, which give the same
/// results): a float's value, an int converted (OverflowError "int too large to convert to
/// float"), an instance's `__float__` or `__index__`; TypeError "must be real number, not str".
pub fn as_double(o: Obj) -> MoltResult<f64> {
    if let Some(v) = float::float_value(o) {
        return Ok(v);
    }
    if let Some(i) = int::int_ref(o) {
        return super::int_float::int_to_f64(i);
    }
    if super::class::is_heap(o.type_of())
        && let Some(x) = super::slots::to_float(o)?
    {
        return Ok(x);
    }
    fail(TypeError, alloc::format!("must be real number, not {}", o.type_of().name))
}

/// A float result.
fn boxed(v: MoltResult<f64>) -> MoltResult<Obj> {
    float::box_float(v?)
}

/// The qualified name `METH_O` and `METH_FASTCALL` errors use (`math.sqrt`).
fn who(f: MathFn) -> impl core::fmt::Display {
    // Formatted only when an error message needs it (never on a good call).
    struct Who(MathFn);
    impl core::fmt::Display for Who {
        fn fmt(&self, out: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            write!(out, "math.{}", self.0.name())
        }
    }
    Who(f)
}

/// A `METH_O` function's argument.
fn one(f: MathFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    exactly_one_for(who(f), pos, kw)
}

/// A `METH_FASTCALL` function's arguments: no keywords, then `_PyArg_CheckPositional`.
fn fast(f: MathFn, pos: &[Obj], kw: &[(&str, Obj)], min: usize, max: usize) -> MoltResult<()> {
    no_keywords_for(who(f), kw)?;
    check_positional(f.name(), pos.len(), min, max)
}

/// The two float arguments of a clinic `(double, double)` function.
fn two_doubles(f: MathFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<(f64, f64)> {
    fast(f, pos, kw, 2, 2)?;
    Ok((as_double(pos[0])?, as_double(pos[1])?))
}

/// How `math` computes a function of one real number from the float its argument converts to
/// (`as_double`; the `log` family converts ints its own way, `int_fns::loghelper`, and floats so).
#[derive(Clone, Copy)]
enum OnFloat {
    /// CPython's `math_1`: a NaN result from a non-NaN argument is a domain error; an infinite
    /// result from a finite one is a range error when the flag is set, else a domain error.
    Checked(ff::F1, bool),
    /// CPython's `math_1a`: errno decides.
    Errno(ff::F1),
    /// Never an error (`degrees`, `radians`).
    Exact(fn(f64) -> f64),
}

/// The float form of `f`, None for the functions that are no function of one float.
fn on_float(f: MathFn) -> Option<OnFloat> {
    use crate::sys::libm;
    use OnFloat::{Checked, Errno, Exact};
    Some(match f {
        MathFn::Acos => Checked(libm::acos, false),
        MathFn::Acosh => Checked(libm::acosh, false),
        MathFn::Asin => Checked(libm::asin, false),
        MathFn::Asinh => Checked(libm::asinh, false),
        MathFn::Atan => Checked(libm::atan, false),
        MathFn::Atanh => Checked(libm::atanh, false),
        MathFn::Cbrt => Checked(libm::cbrt, false),
        MathFn::Cos => Checked(libm::cos, false),
        MathFn::Cosh => Checked(libm::cosh, true),
        MathFn::Degrees => Exact(|x| x * (180.0 / core::f64::consts::PI)),
        MathFn::Erf => Errno(libm::erf),
        MathFn::Erfc => Errno(libm::erfc),
        MathFn::Exp => Checked(libm::exp, true),
        MathFn::Exp2 => Checked(libm::exp2, true),
        MathFn::Expm1 => Checked(libm::expm1, true),
        MathFn::Fabs => Checked(libm::fabs, false),
        MathFn::Gamma => Errno(ff::m_tgamma),
        MathFn::Lgamma => Errno(ff::m_lgamma),
        // `loghelper` of a float.
        MathFn::Log => Checked(ff::m_log, false),
        MathFn::Log10 => Checked(ff::m_log10, false),
        MathFn::Log2 => Checked(ff::m_log2, false),
        MathFn::Log1p => Checked(ff::m_log1p, false),
        MathFn::Radians => Exact(|x| x * (core::f64::consts::PI / 180.0)),
        MathFn::Sin => Checked(libm::sin, false),
        MathFn::Sinh => Checked(libm::sinh, true),
        MathFn::Sqrt => Checked(libm::sqrt, false),
        MathFn::Tan => Checked(libm::tan, false),
        MathFn::Tanh => Checked(libm::tanh, false),
        MathFn::Atan2
        | MathFn::Ceil
        | MathFn::Comb
        | MathFn::Copysign
        | MathFn::Dist
        | MathFn::Factorial
        | MathFn::Floor
        | MathFn::Fmod
        | MathFn::Frexp
        | MathFn::Fsum
        | MathFn::Gcd
        | MathFn::Hypot
        | MathFn::Isclose
        | MathFn::Isfinite
        | MathFn::Isinf
        | MathFn::Isnan
        | MathFn::Isqrt
        | MathFn::Lcm
        | MathFn::Ldexp
        | MathFn::Modf
        | MathFn::Nextafter
        | MathFn::Perm
        | MathFn::Pow
        | MathFn::Prod
        | MathFn::Remainder
        | MathFn::Trunc
        | MathFn::Ulp => return None,
    })
}

fn apply(k: OnFloat, x: f64) -> MoltResult<f64> {
    match k {
        OnFloat::Checked(func, can_overflow) => ff::math_1(x, func, can_overflow),
        OnFloat::Errno(func) => ff::math_1a(x, func),
        OnFloat::Exact(func) => Ok(func(x)),
    }
}

/// The `math` function of one real number that `code` (a `BuiltinFunction`) names.
fn float_fn_of(code: i32) -> Option<(MathFn, OnFloat)> {
    match crate::BuiltinFunction::from_code(code).and_then(super::native_fn::native_fn)? {
        super::native_fn::NativeFn::Math(f) => Some((f, on_float(f)?)),
        super::native_fn::NativeFn::Sys(_)
        | super::native_fn::NativeFn::Time(_)
        | super::native_fn::NativeFn::Typing(_)
        | super::native_fn::NativeFn::Itertools(_)
        | super::native_fn::NativeFn::Collections(_)
        | super::native_fn::NativeFn::Heapq(_)
        | super::native_fn::NativeFn::Bisect(_)
        | super::native_fn::NativeFn::Functools(_)
        | super::native_fn::NativeFn::String(_)
        | super::native_fn::NativeFn::Operator(_)
        | super::native_fn::NativeFn::Gc(_) => None,
    }
}

/// `math.FN(x)` of a float (see `abi.rs`).
#[unsafe(no_mangle)]
pub extern "C" fn molt_math_float(code: i32, x: f64) -> f64 {
    crate::exceptions::value_or_raise(match float_fn_of(code) {
        Some((_, k)) => apply(k, x),
        None => fail(TypeError, "bad argument to molt_math_float (a compiler bug)"),
    })
}

/// `math.FN(x)` of any value (see `abi.rs`): what `call` computes, as a float.
#[unsafe(no_mangle)]
pub extern "C" fn molt_math_obj(code: i32, x: Obj) -> f64 {
    crate::exceptions::value_or_raise(match float_fn_of(code) {
        // The log family converts ints its own way (`loghelper`); the others as `as_double`.
        Some((f @ (MathFn::Log | MathFn::Log10 | MathFn::Log2), _)) => call(f, &[x], &[]).and_then(|r| {
            let r = super::range::Owned(r);
            as_double(r.get())
        }),
        Some((_, k)) => as_double(x).and_then(|v| apply(k, v)),
        None => fail(TypeError, "bad argument to molt_math_obj (a compiler bug)"),
    })
}

/// `math.f(*pos, **kw)`.
pub fn call(f: MathFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    use crate::sys::libm;
    let m2 = |func: ff::F2| -> MoltResult<Obj> {
        fast(f, pos, kw, 2, 2)?;
        let (x, y) = (as_double(pos[0])?, as_double(pos[1])?);
        boxed(ff::math_2(x, y, func))
    };
    let pred = |p: fn(f64) -> bool| -> MoltResult<Obj> { Ok(singletons::bool_obj(p(as_double(one(f, pos, kw)?)?))) };
    match f {
        MathFn::Acos | MathFn::Acosh | MathFn::Asin | MathFn::Asinh | MathFn::Atan | MathFn::Atanh | MathFn::Cbrt | MathFn::Cos | MathFn::Cosh | MathFn::Degrees | MathFn::Erf | MathFn::Erfc | MathFn::Exp | MathFn::Exp2 | MathFn::Expm1 | MathFn::Fabs | MathFn::Gamma | MathFn::Lgamma | MathFn::Log1p | MathFn::Radians | MathFn::Sin | MathFn::Sinh | MathFn::Sqrt | MathFn::Tan | MathFn::Tanh => match on_float(f) {
            Some(k) => boxed(apply(k, as_double(one(f, pos, kw)?)?)),
            None => fail(TypeError, "math function without a float form (a runtime bug)"),
        },
        MathFn::Atan2 => m2(ff::m_atan2),
        MathFn::Ceil => int_fns::ceil(one(f, pos, kw)?),
        MathFn::Comb => {
            fast(f, pos, kw, 2, 2)?;
            int_fns::comb(pos[0], pos[1])
        }
        MathFn::Copysign => m2(libm::copysign),
        MathFn::Dist => {
            fast(f, pos, kw, 2, 2)?;
            boxed(seq_fns::dist(pos[0], pos[1]))
        }
        MathFn::Factorial => int_fns::factorial(one(f, pos, kw)?),
        MathFn::Floor => int_fns::floor(one(f, pos, kw)?),
        MathFn::Fmod => {
            let (x, y) = two_doubles(f, pos, kw)?;
            boxed(ff::fmod(x, y))
        }
        MathFn::Frexp => {
            let (m, e) = ff::frexp(as_double(one(f, pos, kw)?)?);
            let m = super::range::Owned(float::box_float(m)?);
            let e = super::range::Owned(int::from_i64(i64::from(e))?);
            super::tuple::tuple_from_slice(&[m.get(), e.get()])
        }
        MathFn::Fsum => boxed(seq_fns::fsum(one(f, pos, kw)?)),
        MathFn::Gcd => {
            no_keywords_for(who(f), kw)?;
            int_fns::gcd(pos)
        }
        MathFn::Hypot => {
            no_keywords_for(who(f), kw)?;
            boxed(seq_fns::hypot(pos))
        }
        MathFn::Isclose => {
            let [a, b, rel, abs] = unpack_args("isclose", ["a", "b", "rel_tol", "abs_tol"], 0, 2, 2, pos, kw)?;
            let a = as_double(a.unwrap_or_default())?;
            let b = as_double(b.unwrap_or_default())?;
            let rel = match rel {
                Some(r) => as_double(r)?,
                None => 1e-09,
            };
            let abs = match abs {
                Some(r) => as_double(r)?,
                None => 0.0,
            };
            ff::isclose(a, b, rel, abs).map(singletons::bool_obj)
        }
        MathFn::Isfinite => pred(f64::is_finite),
        MathFn::Isinf => pred(f64::is_infinite),
        MathFn::Isnan => pred(f64::is_nan),
        MathFn::Isqrt => int_fns::isqrt(one(f, pos, kw)?),
        MathFn::Lcm => {
            no_keywords_for(who(f), kw)?;
            int_fns::lcm(pos)
        }
        MathFn::Ldexp => {
            fast(f, pos, kw, 2, 2)?;
            let x = as_double(pos[0])?;
            boxed(int_fns::ldexp(x, pos[1]))
        }
        MathFn::Log => {
            if !kw.is_empty() {
                return fail(TypeError, "log() takes no keyword arguments");
            }
            match pos {
                [x] => boxed(int_fns::loghelper(*x, ff::m_log)),
                [x, base] => {
                    let num = int_fns::loghelper(*x, ff::m_log)?;
                    let den = int_fns::loghelper(*base, ff::m_log)?;
                    boxed(super::float::float_binary(crate::BinaryOp::TrueDiv, num, den))
                }
                _ => fail(TypeError, "math.log requires 1 to 2 arguments"),
            }
        }
        MathFn::Log10 => boxed(int_fns::loghelper(one(f, pos, kw)?, ff::m_log10)),
        MathFn::Log2 => boxed(int_fns::loghelper(one(f, pos, kw)?, ff::m_log2)),
        MathFn::Modf => {
            let (frac, whole) = ff::modf(as_double(one(f, pos, kw)?)?);
            let a = super::range::Owned(float::box_float(frac)?);
            let b = super::range::Owned(float::box_float(whole)?);
            super::tuple::tuple_from_slice(&[a.get(), b.get()])
        }
        MathFn::Nextafter => {
            let (x, y) = two_doubles(f, pos, kw)?;
            float::box_float(libm::nextafter(x, y))
        }
        MathFn::Perm => {
            fast(f, pos, kw, 1, 2)?;
            match pos.get(1) {
                Some(&k) if !singletons::is_none(k) => int_fns::perm(pos[0], k),
                _ => int_fns::factorial(pos[0]),
            }
        }
        MathFn::Pow => {
            let (x, y) = two_doubles(f, pos, kw)?;
            boxed(ff::pow(x, y))
        }
        MathFn::Prod => {
            let [it, start] = unpack_args("prod", ["", "start"], 1, 1, 1, pos, kw)?;
            seq_fns::prod(it.unwrap_or_default(), start)
        }
        MathFn::Remainder => m2(ff::m_remainder),
        MathFn::Trunc => int_fns::trunc(one(f, pos, kw)?),
        MathFn::Ulp => float::box_float(ff::ulp(as_double(one(f, pos, kw)?)?)),
    }
}
