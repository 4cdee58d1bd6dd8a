//! Types of IR values, and the constraints op declarations put on them.
//!
//! Provides: `Type` (every level's value types, with their textual names) and `TypeConstraint`
//! (what `ir-spec/ops.toml` may say about an operand or result). Relies on nothing. Which types a
//! level may use is the verifier's business (`verify.rs`), not this module's.
//!
//! Invariant: types are interned. A parametric type (`!t.tuple<int,float>`) holds a `TypeList`,
//! an index into a process-wide interner, so `Type` stays `Copy` and two types are equal exactly
//! when their ids are; the interner only grows (lists are leaked, a few bytes per distinct type).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

/// An interned list of types (the element types of a tuple type).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeList(u32);

struct Interner {
    lists: Vec<&'static [Type]>,
    ids: HashMap<&'static [Type], u32>,
}

fn interner() -> &'static Mutex<Interner> {
    static I: OnceLock<Mutex<Interner>> = OnceLock::new();
    I.get_or_init(|| Mutex::new(Interner { lists: Vec::new(), ids: HashMap::new() }))
}

impl TypeList {
    pub fn new(tys: &[Type]) -> TypeList {
        let mut i = interner().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = i.ids.get(tys) {
            return TypeList(id);
        }
        let leaked: &'static [Type] = Box::leak(tys.to_vec().into_boxed_slice());
        let id = u32::try_from(i.lists.len()).expect("invariant `type interner` broken: more than 2^32 types");
        i.lists.push(leaked);
        i.ids.insert(leaked, id);
        TypeList(id)
    }

    pub fn types(self) -> &'static [Type] {
        let i = interner().lock().unwrap_or_else(|e| e.into_inner());
        i.lists[self.0 as usize]
    }
}

impl fmt::Debug for TypeList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.types()).finish()
    }
}

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
    /// `list`: a list object (its items are boxed values; a heap list object in LIR).
    List,
    /// `!t.tuple<T1,…,Tn>`: a tuple of known length whose elements have these TIR types
    /// (a heap tuple object in LIR).
    Tuple(TypeList),
    /// `!t.class<N>`: the class object of the program's class number N (a class whose shape
    /// the compiler knows: decisions/0031); a heap class object in LIR.
    Class(u32),
    /// `!t.inst<N>`: an instance whose class is exactly the program's class number N (its
    /// attributes in the layout's slots); a heap instance in LIR.
    Inst(u32),
}

impl Type {
    /// The types without parameters.
    pub const ALL: [Type; 14] = [
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
        Type::List,
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
            Type::List => "list",
            Type::Tuple(_) => "!t.tuple",
            Type::Class(_) => "!t.class",
            Type::Inst(_) => "!t.inst",
        }
    }

    /// Parses a type's textual form (`int`, `!t.tuple<int,!t.tuple<>>`).
    pub fn from_name(name: &str) -> Option<Type> {
        if let Some(inner) = name.strip_prefix("!t.tuple<").and_then(|r| r.strip_suffix('>')) {
            let mut elems = Vec::new();
            let (mut depth, mut start) = (0usize, 0usize);
            for (i, c) in inner.char_indices() {
                match c {
                    '<' => depth += 1,
                    '>' => depth = depth.checked_sub(1)?,
                    ',' if depth == 0 => {
                        elems.push(Type::from_name(&inner[start..i])?);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            if depth != 0 {
                return None;
            }
            if !inner.is_empty() {
                elems.push(Type::from_name(&inner[start..])?);
            }
            return Some(Type::tuple(&elems));
        }
        if let Some(n) = name.strip_prefix("!t.class<").and_then(|r| r.strip_suffix('>')) {
            return n.parse().ok().map(Type::Class);
        }
        if let Some(n) = name.strip_prefix("!t.inst<").and_then(|r| r.strip_suffix('>')) {
            return n.parse().ok().map(Type::Inst);
        }
        Type::ALL.into_iter().find(|t| t.name() == name)
    }

    pub fn tuple(elems: &[Type]) -> Type {
        Type::Tuple(TypeList::new(elems))
    }

    /// The element types of a tuple type.
    pub fn tuple_elems(self) -> Option<&'static [Type]> {
        match self {
            Type::Tuple(l) => Some(l.types()),
            Type::Obj | Type::Int | Type::Float | Type::Bool | Type::None | Type::Str | Type::TObj | Type::Index
            | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref | Type::List | Type::Class(_) | Type::Inst(_) => None,
        }
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
            Type::Tuple(_) => "tuple",
            Type::List => "list",
            Type::Class(_) => "type",
            // The class's own name is the program's knowledge, not the type's.
            Type::Inst(_) => "object",
            Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref => self.name(),
        }
    }

    pub fn is_tir_scalar(self) -> bool {
        match self {
            Type::Int | Type::Float | Type::Bool | Type::None | Type::Str | Type::TObj | Type::Index | Type::List | Type::Class(_) | Type::Inst(_) => true,
            Type::Tuple(l) => l.types().iter().all(|t| t.is_tir_scalar() && *t != Type::Index),
            Type::Obj | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref => false,
        }
    }

    pub fn is_machine(self) -> bool {
        matches!(self, Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref)
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())?;
        if let Type::Tuple(l) = self {
            f.write_str("<")?;
            for (i, t) in l.types().iter().enumerate() {
                if i > 0 {
                    f.write_str(",")?;
                }
                write!(f, "{t}")?;
            }
            f.write_str(">")?;
        }
        if let Type::Class(n) | Type::Inst(n) = self {
            write!(f, "<{n}>")?;
        }
        Ok(())
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
    /// Any `!t.tuple<…>`.
    Tuple,
    /// Any `!t.inst<…>`.
    Inst,
    /// Any `!t.class<…>`.
    Class,
    /// A generic operation's result: `!t.obj`, or `list`, `int` or `str` where the operation
    /// always makes one (`list + list`, a list's slice, `s.find(x)`): types whose values are the
    /// runtime's references as they are.
    Boxed,
}

impl TypeConstraint {
    pub fn accepts(self, ty: Type) -> bool {
        match self {
            TypeConstraint::Any => true,
            TypeConstraint::Exactly(t) => t == ty,
            TypeConstraint::Cond => matches!(ty, Type::Bool | Type::I1),
            TypeConstraint::TValue => ty.is_tir_scalar(),
            TypeConstraint::LValue => ty.is_machine(),
            TypeConstraint::Tuple => matches!(ty, Type::Tuple(_)),
            TypeConstraint::Inst => matches!(ty, Type::Inst(_)),
            TypeConstraint::Class => matches!(ty, Type::Class(_)),
            TypeConstraint::Boxed => matches!(ty, Type::TObj | Type::List | Type::Int | Type::Str),
        }
    }

    pub fn describe(self) -> String {
        match self {
            TypeConstraint::Any => "any type".into(),
            TypeConstraint::Exactly(t) => format!("`{t}`"),
            TypeConstraint::Cond => "`bool` or `i1`".into(),
            TypeConstraint::TValue => "a TIR value type".into(),
            TypeConstraint::LValue => "a machine type".into(),
            TypeConstraint::Tuple => "a tuple type".into(),
            TypeConstraint::Inst => "an instance type".into(),
            TypeConstraint::Class => "a class type".into(),
            TypeConstraint::Boxed => "`!t.obj`, `list`, `int` or `str`".into(),
        }
    }
}
