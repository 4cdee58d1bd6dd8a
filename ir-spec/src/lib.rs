//! Molt's IR framework: one generic SSA container for the `py` (HIR), `t` (TIR) and `l` (LIR)
//! dialects plus the shared `cf` dialect, with ops declared once in `ir-spec/ops.toml`.
//!
//! Architecture invariant: this crate knows nothing about Python source, salsa or LLVM. It
//! provides the data structure (`ir`), the generated op table (`generated`), a printer and parser
//! whose textual form round-trips (`print`, `parse`), and the verifier (`verify`) that every
//! level boundary runs. Invalid IR is rejected loudly with the name of the broken invariant.

pub mod generated;
pub mod ir;
pub mod parse;
pub mod print;
pub mod spec;
pub mod types;
pub mod verify;

// `Dialect`, `Opcode` and the attribute enums (`ArithOp`, `CmpOp`, …) of ops.toml's `[enums]`.
pub use generated::*;
pub use ir::{Attr, Block, F64, Func, Global, Module, NewOp, OpData, OpId, Span, Successor, Value, ValueDef};
pub use spec::{AttrEnum, AttrKind, OpSpec, Relation};
pub use types::{Type, TypeConstraint, TypeList};
pub use verify::{Level, VerifyError, verify_module};
