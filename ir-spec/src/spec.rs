//! The shape of an op declaration, as generated from `ir-spec/ops.toml` into `generated.rs`.
//!
//! Provides: `OpSpec` (name, dialect, operand/result constraints, attributes, successors,
//! traits, doc), `AttrKind`, and `AttrEnum`, the trait of the generated attribute enums
//! (`ArithOp`, `CmpOp`, …). Everything that needs to know about an op — builders, printer,
//! parser, verifier, passes — asks its `OpSpec`; nothing compares op names or enum attribute
//! values as strings.

use crate::generated::Dialect;
use crate::ir::Attr;
use crate::types::TypeConstraint;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrKind {
    /// A literal: int, float, bool, none, str or bytes.
    Const,
    Str,
    /// A bytes literal.
    Bytes,
    Sym,
    Int,
    Type,
    /// A value of the attribute enum `name` (an `AttrEnum`), stored as its textual form, and
    /// restricted to `values` (the whole enum, or the subset the op allows).
    Enum { name: &'static str, values: &'static [&'static str] },
}

/// An attribute enum declared in the `[enums]` table of ops.toml, generated as a Rust enum
/// (`generated.rs`). Its values are stored in ops as `Attr::Str` of their textual form; read
/// them with `OpData::enum_attr`, write them with `NewOp::enum_attr` or `Attr::from`.
pub trait AttrEnum: Copy + Eq + std::fmt::Debug + 'static {
    /// The enum's name in ops.toml (`ArithOp`), as in `AttrKind::Enum`.
    const ENUM_NAME: &'static str;
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// The textual form of a value (`floordiv`).
    fn name(self) -> &'static str;
    fn from_name(name: &str) -> Option<Self>;
}

impl AttrKind {
    pub fn accepts(self, attr: &Attr) -> bool {
        match (self, attr) {
            (AttrKind::Const, a) => a.literal_type().is_some(),
            (AttrKind::Str, Attr::Str(_)) => true,
            (AttrKind::Bytes, Attr::Bytes(_)) => true,
            (AttrKind::Sym, Attr::Sym(_)) => true,
            (AttrKind::Int, Attr::Int(_)) => true,
            (AttrKind::Type, Attr::Type(_)) => true,
            (AttrKind::Enum { values, .. }, Attr::Str(s)) => values.contains(&s.as_str()),
            _ => false,
        }
    }

    pub fn describe(self) -> String {
        match self {
            AttrKind::Const => "a literal".into(),
            AttrKind::Str => "a string".into(),
            AttrKind::Bytes => "a bytes literal".into(),
            AttrKind::Sym => "a symbol".into(),
            AttrKind::Int => "an integer".into(),
            AttrKind::Type => "a type".into(),
            AttrKind::Enum { values, .. } => format!("one of {}", values.join("|")),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttrSpec {
    pub name: &'static str,
    pub kind: AttrKind,
    /// Whether the op may leave it out (declared with a kind ending in `?`).
    pub optional: bool,
}


pub mod traits {
    pub const PURE: u32 = 1 << 0;
    pub const TERMINATOR: u32 = 1 << 1;
    pub const MAY_RAISE: u32 = 1 << 2;
    pub const ALLOCATES: u32 = 1 << 3;
    pub const GUARD: u32 = 1 << 4;
}

/// A constraint relating an op's operand and result types (`relate` in ops.toml), checked by
/// the verifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// The result is `!t.tuple<T1,…,Tn>` of the operand types T1…Tn.
    TupleOfOperands,
    /// The result has the type of item `index` of the tuple operand, and the index is in range.
    TupleElement,
}

#[derive(Clone, Copy, Debug)]
pub struct OpSpec {
    pub name: &'static str,
    pub dialect: Dialect,
    pub doc: &'static str,
    pub operands: &'static [TypeConstraint],
    /// The last operand constraint repeats zero or more times.
    pub variadic_operands: bool,
    pub results: &'static [TypeConstraint],
    pub variadic_results: bool,
    pub attrs: &'static [AttrSpec],
    pub successors: usize,
    pub traits: u32,
    pub relate: Option<Relation>,
}

impl OpSpec {
    pub fn is_terminator(&self) -> bool {
        self.traits & traits::TERMINATOR != 0
    }
    pub fn is_pure(&self) -> bool {
        self.traits & traits::PURE != 0
    }
    pub fn may_raise(&self) -> bool {
        self.traits & traits::MAY_RAISE != 0
    }

    /// Whether the op declares attribute `name` as a value of enum `E` (what `enum_attr` checks
    /// in debug builds: reading `op` of a `t.int_binop` as a `CmpOp` is a bug).
    pub fn has_enum_attr<E: AttrEnum>(&self, name: &str) -> bool {
        self.attrs.iter().any(|a| a.name == name && matches!(a.kind, AttrKind::Enum { name: e, .. } if e == E::ENUM_NAME))
    }

    /// The constraint on operand `i`, honouring a variadic tail.
    pub fn operand_constraint(&self, i: usize) -> Option<TypeConstraint> {
        constraint_at(self.operands, self.variadic_operands, i)
    }
    pub fn result_constraint(&self, i: usize) -> Option<TypeConstraint> {
        constraint_at(self.results, self.variadic_results, i)
    }
    pub fn operand_count_ok(&self, n: usize) -> bool {
        count_ok(self.operands.len(), self.variadic_operands, n)
    }
    pub fn result_count_ok(&self, n: usize) -> bool {
        count_ok(self.results.len(), self.variadic_results, n)
    }
}

fn constraint_at(list: &[TypeConstraint], variadic: bool, i: usize) -> Option<TypeConstraint> {
    match list.get(i) {
        Some(c) => Some(*c),
        None if variadic => list.last().copied(),
        None => None,
    }
}

fn count_ok(declared: usize, variadic: bool, n: usize) -> bool {
    if variadic { n + 1 >= declared } else { n == declared }
}
