//! The modules a program can import, declared once (decisions/0027).
//!
//! Relies on: the runtime's ABI (`abi::NATIVE_MODULES`: the modules the runtime implements and
//! the names each provides), the IR's `NativeModule` enum (ir-spec/ops.toml, the same modules
//! by name) and CPython's own lists (`stdlib_names.rs`, generated from CPython 3.11 by
//! `compiler/tools/stdlib_names.py`: its standard-library module names, and `dir()` of each
//! module the runtime implements).
//!
//! Provides: what an `import` statement names (`resolve`) and what an attribute of such a module
//! is (`attribute`). A module or a name that CPython has and Molt lacks is `NotYet` — the front
//! end rejects it at compile time, so that a program never fails at run time with an
//! ImportError or AttributeError CPython would not raise.
//!
//! Invariants: the three lists agree (unit tests): every `NativeModule` is named in the ABI's
//! list and in CPython's at the same index, and every name Molt provides is one CPython's module
//! has.

use molt_ir::NativeModule;

use crate::abi::NATIVE_MODULES;
use crate::stdlib_names::{CPYTHON_ATTRS, STDLIB_MODULES};

/// What an `import` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Module {
    /// A module the runtime implements.
    Native(NativeModule),
    /// `__future__`: its features change nothing Molt compiles (annotations are never
    /// evaluated), so `from __future__ import annotations` binds nothing Molt needs.
    Future,
    /// A standard-library module (or a submodule of one) that Molt does not provide yet.
    NotYet,
    /// A module neither CPython's standard library nor Molt has: the program's own module or a
    /// third-party package (only single-file programs compile so far).
    Unknown,
}

/// What `import name` imports (`name` dotted; relative names start with dots).
pub fn resolve(name: &str) -> Module {
    if name == "__future__" {
        return Module::Future;
    }
    if let Some(m) = NativeModule::from_name(name) {
        return Module::Native(m);
    }
    let top = name.split('.').next().unwrap_or(name);
    if !name.starts_with('.') && STDLIB_MODULES.contains(&top) { Module::NotYet } else { Module::Unknown }
}

/// What an attribute of a native module is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attribute {
    /// The runtime's module has it.
    Provided,
    /// CPython's module has it and Molt's does not (yet).
    NotYet,
    /// Neither has it: reading it raises AttributeError in both.
    Absent,
}

/// The names the runtime's module provides (besides `__name__` and `__dict__`).
pub fn provided(m: NativeModule) -> &'static [&'static str] {
    NATIVE_MODULES[index(m)].1
}

/// What `m.name` is.
pub fn attribute(m: NativeModule, name: &str) -> Attribute {
    if name == "__name__" || name == "__dict__" || provided(m).contains(&name) {
        Attribute::Provided
    } else if CPYTHON_ATTRS[index(m)].1.contains(&name) {
        Attribute::NotYet
    } else {
        Attribute::Absent
    }
}

/// Whether a `class` statement may derive from `m.name` (the runtime makes it a heap class).
pub fn subclassable(m: NativeModule, name: &str) -> bool {
    crate::abi::SUBCLASSABLE.iter().any(|&(module, n)| module == m.name() && n == name)
}

/// Whether a `class` statement may derive from the result of a call of `m.name` (a class the
/// runtime makes, whose subclasses it lays out: `collections.namedtuple`).
pub fn makes_subclassable(m: NativeModule, name: &str) -> bool {
    crate::abi::CLASS_FACTORIES.iter().any(|&(module, n)| module == m.name() && n == name)
}

/// The module's index in the ABI's tables (the runtime's `NativeModule` code).
fn index(m: NativeModule) -> usize {
    let abi = match m {
        NativeModule::Math => crate::abi::NativeModule::Math,
        NativeModule::Sys => crate::abi::NativeModule::Sys,
        NativeModule::Time => crate::abi::NativeModule::Time,
        NativeModule::Typing => crate::abi::NativeModule::Typing,
        NativeModule::Random => crate::abi::NativeModule::Random,
        NativeModule::Itertools => crate::abi::NativeModule::Itertools,
        NativeModule::Collections => crate::abi::NativeModule::Collections,
        NativeModule::Heapq => crate::abi::NativeModule::Heapq,
        NativeModule::Bisect => crate::abi::NativeModule::Bisect,
        NativeModule::Functools => crate::abi::NativeModule::Functools,
        NativeModule::Enum => crate::abi::NativeModule::Enum,
        NativeModule::Copy => crate::abi::NativeModule::Copy,
        NativeModule::Abc => crate::abi::NativeModule::Abc,
        NativeModule::Io => crate::abi::NativeModule::Io,
        NativeModule::Re => crate::abi::NativeModule::Re,
        NativeModule::String => crate::abi::NativeModule::String,
        NativeModule::Operator => crate::abi::NativeModule::Operator,
        NativeModule::Contextlib => crate::abi::NativeModule::Contextlib,
        NativeModule::Gc => crate::abi::NativeModule::Gc,
        NativeModule::Json => crate::abi::NativeModule::Json,
    };
    usize::try_from(abi.code()).unwrap_or(usize::MAX)
}

/// The runtime's code of module `m` (what `molt_import_native` takes).
pub fn abi_code(m: NativeModule) -> i32 {
    i32::try_from(index(m)).unwrap_or(-1)
}

/// The runtime's function of `math` that `f` names.
pub fn math_function(f: molt_ir::MathFloat) -> crate::abi::BuiltinFunction {
    use crate::abi::BuiltinFunction as B;
    use molt_ir::MathFloat;
    match f {
        MathFloat::Acos => B::MathAcos,
        MathFloat::Acosh => B::MathAcosh,
        MathFloat::Asin => B::MathAsin,
        MathFloat::Asinh => B::MathAsinh,
        MathFloat::Atan => B::MathAtan,
        MathFloat::Atanh => B::MathAtanh,
        MathFloat::Cbrt => B::MathCbrt,
        MathFloat::Cos => B::MathCos,
        MathFloat::Cosh => B::MathCosh,
        MathFloat::Degrees => B::MathDegrees,
        MathFloat::Erf => B::MathErf,
        MathFloat::Erfc => B::MathErfc,
        MathFloat::Exp => B::MathExp,
        MathFloat::Exp2 => B::MathExp2,
        MathFloat::Expm1 => B::MathExpm1,
        MathFloat::Fabs => B::MathFabs,
        MathFloat::Gamma => B::MathGamma,
        MathFloat::Lgamma => B::MathLgamma,
        MathFloat::Log => B::MathLog,
        MathFloat::Log10 => B::MathLog10,
        MathFloat::Log1p => B::MathLog1p,
        MathFloat::Log2 => B::MathLog2,
        MathFloat::Radians => B::MathRadians,
        MathFloat::Sin => B::MathSin,
        MathFloat::Sinh => B::MathSinh,
        MathFloat::Sqrt => B::MathSqrt,
        MathFloat::Tan => B::MathTan,
        MathFloat::Tanh => B::MathTanh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_lists_agree() {
        assert_eq!(NativeModule::ALL.len(), NATIVE_MODULES.len());
        assert_eq!(NativeModule::ALL.len(), CPYTHON_ATTRS.len());
        for &m in NativeModule::ALL {
            let i = index(m);
            assert_eq!(NATIVE_MODULES[i].0, m.name());
            assert_eq!(CPYTHON_ATTRS[i].0, m.name());
            for name in provided(m) {
                assert!(CPYTHON_ATTRS[i].1.contains(name), "{}.{name} is not CPython's", m.name());
            }
        }
    }

    #[test]
    fn resolution() {
        assert_eq!(resolve("math"), Module::Native(NativeModule::Math));
        assert_eq!(resolve("os"), Module::NotYet);
        assert_eq!(resolve("os.path"), Module::NotYet);
        assert_eq!(resolve("numpy"), Module::Unknown);
        assert_eq!(resolve(".sibling"), Module::Unknown);
        assert_eq!(attribute(NativeModule::Math, "sqrt"), Attribute::Provided);
        assert_eq!(attribute(NativeModule::Sys, "version"), Attribute::NotYet);
        assert_eq!(attribute(NativeModule::Math, "nope"), Attribute::Absent);
    }
}
