//! Types of IR values, and the constraints op declarations put on them.
//!
//! Provides: `Type` (every level's value types, with their textual names) and `TypeConstraint`
//! (what `ir-spec/ops.toml` may say about an operand or result). Relies on nothing. Which types a
//! level may use is the verifier's business (`verify.rs`), not this module's.

use std::fmt;

/// The type of an SSA value. HIR uses `Obj` (and `Bool` for branch conditions), TIR the Python
/// scalar types and `TObj` (a boxed value of any type: Tier 1), LIR the machine types and `Ref`
/// (a reference word: a small int or a counted heap reference, see runtime/src/abi.rs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Type {
    /// `!py.obj`: a dynamically typed Python value (HIR).
    Obj,
    Int,
    Float,
    Bool,
    None,
    Str,
    /// `!t.obj`: a boxed Python value whose type is known only at run time (Tier 1).
    TObj,
    /// `index`: a machine integer in TIR (a range loop's counter, stop and step), never a
    /// Python value itself (`t.range_value` makes the int).
    Index,
    I64,
    F64,
    I1,
    Ptr,
    /// `ref`: a reference word (a small int, or a heap reference whose count the LIR
    /// reference-counting pass maintains).
    Ref,
}

impl Type {
    pub const ALL: [Type; 13] = [
        Type::Obj,
        Type::Int,
        Type::Float,
        Type::Bool,
        Type::None,
        Type::Str,
        Type::TObj,
        Type::Index,
        Type::I64,
        Type::F64,
        Type::I1,
        Type::Ptr,
        Type::Ref,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Type::Obj => "!py.obj",
            Type::Int => "int",
            Type::Float => "float",
            Type::Bool => "bool",
            Type::None => "none",
            Type::Str => "str",
            Type::TObj => "!t.obj",
            Type::Index => "index",
            Type::I64 => "i64",
            Type::F64 => "f64",
            Type::I1 => "i1",
            Type::Ptr => "ptr",
            Type::Ref => "ref",
        }
    }

    pub fn from_name(name: &str) -> Option<Type> {
        Type::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The Python type name, as CPython spells it in messages.
    pub fn python_name(self) -> &'static str {
        match self {
            Type::None => "NoneType",
            Type::Obj | Type::TObj => "object",
            Type::Int => "int",
            Type::Float => "float",
            Type::Bool => "bool",
            Type::Str => "str",
            Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref => self.name(),
        }
    }

    pub fn is_tir_scalar(self) -> bool {
        matches!(self, Type::Int | Type::Float | Type::Bool | Type::None | Type::Str | Type::TObj | Type::Index)
    }

    pub fn is_machine(self) -> bool {
        matches!(self, Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref)
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What an op declaration requires of one operand or result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeConstraint {
    Any,
    Exactly(Type),
    /// `bool` or `i1`: a branch condition.
    Cond,
    /// Any TIR value type (the scalars and `!t.obj`).
    TValue,
    /// Any LIR machine type.
    LValue,
}

impl TypeConstraint {
    pub fn accepts(self, ty: Type) -> bool {
        match self {
            TypeConstraint::Any => true,
            TypeConstraint::Exactly(t) => t == ty,
            TypeConstraint::Cond => matches!(ty, Type::Bool | Type::I1),
            TypeConstraint::TValue => ty.is_tir_scalar(),
            TypeConstraint::LValue => ty.is_machine(),
        }
    }

    pub fn describe(self) -> String {
        match self {
            TypeConstraint::Any => "any type".into(),
            TypeConstraint::Exactly(t) => format!("`{t}`"),
            TypeConstraint::Cond => "`bool` or `i1`".into(),
            TypeConstraint::TValue => "a TIR value type".into(),
            TypeConstraint::LValue => "a machine type".into(),
        }
    }
}
