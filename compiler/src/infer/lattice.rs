//! The type lattice of inference: what inference knows about one value.
//!
//! `Bottom` (no value reaches here) < `T(t)` (always a `t`: Tier 0, unboxed) < `Boxed(set)` (one
//! of the types in `set`, decided at run time: Tier 1, a `!t.obj`). Joining two different
//! types gives `Boxed`; the set remembers the candidates so that emission can put a guard on
//! the likely one. `Boxed` with a single member is a boxed value known to be of that type (the
//! result of a generic operation). Tuple types are joined by kind: two different tuple types
//! give `Boxed({tuple})` (never an element-wise join, which nested tuples built in a loop would
//! grow forever), so the lattice keeps a finite height and fixpoints terminate.

use molt_ir::Type;

/// A set of the Python value types a boxed value may have (one bit per type).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TySet(u8);

impl TySet {
    pub const MEMBERS: [Type; 6] = [Type::Int, Type::Float, Type::Bool, Type::None, Type::Str, Type::List];
    pub const EMPTY: TySet = TySet(0);
    /// Every Python scalar type, tuples and lists.
    pub const ALL: TySet = TySet(0b1101_1111);
    /// Any other object (exception instances, iterators): no typed fast path exists for it.
    pub const OBJECT: TySet = TySet(0b10_0000);
    /// Any tuple (its element types are not known).
    pub const TUPLE: TySet = TySet(0b100_0000);
    /// An int.
    pub const INT: TySet = TySet(1);
    /// A float.
    pub const FLOAT: TySet = TySet(2);
    /// A bool.
    pub const BOOL: TySet = TySet(4);
    /// None.
    pub const NONE_TYPE: TySet = TySet(8);
    /// A str.
    pub const STR: TySet = TySet(16);
    /// A list.
    pub const LIST: TySet = TySet(0b1000_0000);

    fn bit(t: Type) -> u8 {
        match t {
            Type::Int => 1,
            Type::Float => 2,
            Type::Bool => 4,
            Type::None => 8,
            Type::Str => 16,
            Type::Tuple(_) => TySet::TUPLE.0,
            Type::List => TySet::LIST.0,
            Type::Class(_) | Type::Inst(_) => TySet::OBJECT.0,
            Type::TObj => TySet::ALL.0,
            Type::Index | Type::Obj | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref => 0,
        }
    }

    pub fn of(t: Type) -> TySet {
        TySet(TySet::bit(t))
    }

    /// Whether a value of these types may own an object with a finaliser (a suspended
    /// generator): any other object, or a tuple or list (which may hold one). Ints, floats,
    /// bools, None and strs cannot.
    pub fn may_hold_objects(self) -> bool {
        self.0 & (TySet::OBJECT.0 | TySet::TUPLE.0 | TySet::LIST.0) != 0
    }

    /// Whether a member may be any other object (an instance of a class the program made).
    pub fn has_object(self) -> bool {
        self.0 & TySet::OBJECT.0 != 0
    }

    pub fn union(self, o: TySet) -> TySet {
        TySet(self.0 | o.0)
    }

    pub fn contains(self, t: Type) -> bool {
        let b = TySet::bit(t);
        b != 0 && self.0 & b == b
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The member types that are one concrete type each (a typing rule can be asked about each).
    pub fn types(self) -> impl Iterator<Item = Type> {
        TySet::MEMBERS.into_iter().filter(move |t| self.contains(*t))
    }

    /// Whether some member cannot be enumerated as one concrete type (an object, a tuple of
    /// unknown element types): only the generic operation applies to it.
    pub fn has_opaque(self) -> bool {
        self.0 & (TySet::OBJECT.0 | TySet::TUPLE.0) != 0
    }

    /// The type a guard bets on: int, else float (the types with unboxed fast paths).
    pub fn likely(self) -> Option<Type> {
        [Type::Int, Type::Float].into_iter().find(|t| self.contains(*t))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lat {
    Bottom,
    T(Type),
    Boxed(TySet),
}

impl Lat {
    /// The lattice value of a TIR type (`!t.obj`: any type).
    pub fn of_type(t: Type) -> Lat {
        match t {
            // A boxed value of unknown type: any value, objects included (a parameter of an
            // instance on `!t.obj` may be a dict, a function, …).
            Type::TObj => Lat::Boxed(TySet::ALL.union(TySet::OBJECT)),
            t => Lat::T(t),
        }
    }

    pub fn join(self, o: Lat) -> Lat {
        match (self, o) {
            (Lat::Bottom, x) | (x, Lat::Bottom) => x,
            (Lat::T(a), Lat::T(b)) if a == b => Lat::T(a),
            (a, b) => Lat::Boxed(a.members().union(b.members())),
        }
    }

    /// The candidate types.
    pub fn members(self) -> TySet {
        match self {
            Lat::Bottom => TySet::EMPTY,
            Lat::T(t) => TySet::of(t),
            Lat::Boxed(s) => s,
        }
    }

    /// The TIR type of a value with this lattice value (`None` for Bottom: unreachable).
    pub fn ty(self) -> Option<Type> {
        match self {
            Lat::T(t) => Some(t),
            Lat::Boxed(_) => Some(Type::TObj),
            Lat::Bottom => None,
        }
    }

    pub fn is_boxed(self) -> bool {
        matches!(self, Lat::Boxed(_))
    }

    /// A boxed lattice value from a set of result types (Bottom when no type can result).
    pub fn boxed(set: TySet) -> Lat {
        if set.is_empty() { Lat::Bottom } else { Lat::Boxed(set) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_is_a_lattice() {
        let i = Lat::T(Type::Int);
        let f = Lat::T(Type::Float);
        assert_eq!(i.join(i), i);
        assert_eq!(i.join(Lat::Bottom), i);
        let u = i.join(f);
        assert_eq!(u, Lat::Boxed(TySet::of(Type::Int).union(TySet::of(Type::Float))));
        assert_eq!(u.join(i), u);
        assert_eq!(u.ty(), Some(Type::TObj));
        assert_eq!(u.members().likely(), Some(Type::Int));
        assert_eq!(Lat::of_type(Type::TObj).members(), TySet::ALL.union(TySet::OBJECT));
        assert!(TySet::ALL.contains(Type::Str));
        assert!(!TySet::of(Type::Int).contains(Type::TObj));
        let t1 = Lat::T(Type::tuple(&[Type::Int, Type::Float]));
        let t2 = Lat::T(Type::tuple(&[Type::Int, Type::Int]));
        assert_eq!(t1.join(t1), t1);
        assert_eq!(t1.join(t2), Lat::Boxed(TySet::TUPLE));
        assert!(t1.join(i).members().has_opaque());
    }
}
