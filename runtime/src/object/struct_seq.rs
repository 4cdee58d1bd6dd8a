//! Struct sequences (CPython 3.11's `Objects/structseq.c`): tuples of a named builtin type whose
//! items are also read as attributes — `sys.version_info`, `sys.float_info`.
//!
//! Relies on: `tuple` (an instance is a tuple of its type, `tuple::tuple_of_type`: every tuple
//! operation accepts it, indexing, unpacking, comparison and hashing are a tuple's);
//! `dispatch` for the items' reprs.
//!
//! Provides: [`VERSION_INFO`], [`FLOAT_INFO`] (the types) and [`new`] (an instance).
//!
//! Invariants: a struct sequence type is one of [`TYPES`]: static, of heap kind `Tuple`, no
//! heap class, and without a namespace hook (`TypeExt::namespace`), so no class may derive from
//! it (CPython: "type 'sys.version_info' is not an acceptable base type") and it is never taken
//! for a namedtuple class. Its instances hold exactly its fields, in order (no unnamed fields:
//! `n_sequence_fields == n_fields`); the type cannot be called ("cannot create
//! 'sys.version_info' instances").

use alloc::string::String;
use alloc::vec::Vec;

use super::alloc::HeapKind;
use super::tuple::{molt_type_tuple, tuple_items};
use super::types::TypeObject;
use super::{Obj, int, new_ref};
use crate::exceptions::MoltResult;

/// A struct sequence type and its fields' names.
#[repr(C)]
pub struct StructSeqType {
    pub t: TypeObject,
    fields: &'static [&'static str],
}

const fn struct_seq(name: &'static str, fields: &'static [&'static str]) -> StructSeqType {
    StructSeqType {
        t: TypeObject { heap: Some(HeapKind::Tuple), repr: Some(repr), attributes: Some(attributes), ..TypeObject::new(name, &molt_type_tuple) },
        fields,
    }
}

/// `sys.version_info`.
pub static VERSION_INFO: StructSeqType = struct_seq("sys.version_info", &["major", "minor", "micro", "releaselevel", "serial"]);

/// `sys.float_info`.
pub static FLOAT_INFO: StructSeqType = struct_seq(
    "sys.float_info",
    &["max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig", "epsilon", "radix", "rounds"],
);

/// Every struct sequence type.
static TYPES: [&StructSeqType; 2] = [&VERSION_INFO, &FLOAT_INFO];

/// The struct sequence type `t` is, if it is one.
fn desc(t: &'static TypeObject) -> Option<&'static StructSeqType> {
    TYPES.iter().copied().find(|s| s.t.is(t))
}

/// A new instance of `t` holding `items` (owned references, one per field).
pub fn new(t: &'static StructSeqType, items: Vec<Obj>) -> MoltResult<Obj> {
    debug_assert_eq!(items.len(), t.fields.len(), "invariant of struct_seq::new broken: one item per field");
    super::tuple::tuple_of_type(&t.t, items)
}

/// `structseq_repr`: "sys.version_info(major=3, minor=11, …)".
fn repr(o: Obj) -> MoltResult<String> {
    let t = o.type_of();
    let fields = desc(t).map_or(&[][..], |d| d.fields);
    super::tuple::named_items_repr(t.name, fields.iter().copied(), o)
}

/// The fields by name, and `n_fields`, `n_sequence_fields`, `n_unnamed_fields`.
fn attributes(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let d = desc(o.type_of())?;
    if let Some(i) = d.fields.iter().position(|f| *f == name) {
        return tuple_items(o)?.get(i).map(|&v| Ok(new_ref(v)));
    }
    let n = i64::try_from(d.fields.len()).unwrap_or(0);
    match name {
        "n_fields" | "n_sequence_fields" => Some(int::from_i64(n)),
        "n_unnamed_fields" => Some(int::from_i64(0)),
        _ => None,
    }
}
