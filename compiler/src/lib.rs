//! `moltc`: the Molt compiler.
//!
//! Code map: `db` (salsa queries: the pipeline), `hir` (AST → HIR), `infer` (HIR → TIR),
//! `lower` (TIR → LIR), `codegen` (LIR → LLVM → object/asm), `link` (object + runtime →
//! executable), `diagnostics` (user errors), `abi` (the runtime's C ABI), `builtins` (the
//! builtin names, declared once), `driver` (the stages in order, verifier checkpoints, emit
//! options). Architecture invariant: no stage reaches into another's internals; the driver
//! asks the database for results.

pub mod abi;
pub mod builtins;
pub mod codegen;
pub mod db;
pub mod diagnostics;
pub mod driver;
pub mod hir;
pub mod infer;
pub mod link;
pub mod lower;
pub mod methods;
pub mod modules;
pub mod program;
pub mod raise_edges;
pub mod source;
pub mod stdlib_names;
pub mod traceback;
