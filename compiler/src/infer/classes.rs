//! Typing of the classes the compiler knows completely (decisions/0031): class objects
//! (`!t.class<N>`), their instances (`!t.inst<N>`), constructors, direct method calls and
//! layout fields.
//!
//! Relies on: `hir::shapes` (which classes are known, their layouts and direct methods) and the
//! direct code of those methods (`HirModule::methods`). Provides the decisions that analysis
//! (`mod.rs`) and emission (`emit.rs`) share, so the two never disagree: [`Infer::class_of_new`],
//! [`Infer::construct`], [`Infer::direct_method`], [`Infer::field`].
//!
//! Invariants:
//! * A value of type `!t.inst<N>` is an instance whose class is exactly class N: it is made
//!   only by `t.new_instance` of class N's object (the one object the class statement makes,
//!   bound to a name nothing rebinds), and nothing changes an instance's class (the shapes
//!   know no class when a program assigns `__class__`). So N's attribute resolution holds for
//!   it: a direct method is the function its class body defined, and a layout attribute is
//!   in its slot (or, once its `__dict__` was made, in the dict: the slot is then empty and
//!   `t.get_field` takes the generic lookup).
//! * Every other operation on a class or an instance is the generic one on the boxed object
//!   (`rules::is_object`): its class may define any dunder method.

use std::collections::BTreeSet;

use molt_ir::{Attr, Builtin, OpData, Opcode, Type};

use super::lattice::{Lat, TySet};
use super::{Infer, Key};

/// The most known classes one site tests for before the generic operation.
const MAX_GUARDED: usize = 4;

/// What `C(args…)` does for a known class C.
pub(super) struct Construct {
    pub class: u32,
    /// The direct `__init__` instance to call with the new instance and the arguments (None:
    /// the class has no `__init__` of its own and the call passes no arguments).
    pub init: Option<Key>,
}

fn class_number(t: Lat) -> Option<u32> {
    match t {
        Lat::T(Type::Class(n)) => Some(n),
        Lat::T(_) | Lat::Boxed(_) | Lat::Bottom => None,
    }
}

pub(super) fn instance_number(t: Lat) -> Option<u32> {
    match t {
        Lat::T(Type::Inst(n)) => Some(n),
        Lat::T(_) | Lat::Boxed(_) | Lat::Bottom => None,
    }
}

/// Whether call op `o` passes only positional arguments, none of them starred.
fn plain_call(o: &OpData) -> bool {
    o.attr("kwnames").and_then(Attr::as_str).unwrap_or("").is_empty() && o.attr("star").is_none()
}

impl Infer<'_> {
    /// The class number a `py.class_new` makes, when the class is known.
    pub(super) fn class_of_new(&self, o: &OpData) -> Option<u32> {
        o.attr("class").and_then(Attr::as_int).and_then(|k| u32::try_from(k).ok())
    }

    /// `py.call_value` of a known class: a new instance, then its direct `__init__`.
    pub(super) fn construct(&self, o: &OpData, ins: &[Lat]) -> Option<Construct> {
        let class = class_number(*ins.first()?)?;
        if !plain_call(o) {
            return None;
        }
        let args = &ins[1..];
        let shapes = &self.hir.shapes;
        let init = match shapes.resolve(class as usize, "__init__") {
            None if args.is_empty() => return Some(Construct { class, init: None }),
            // object.__init__ with arguments: CPython's TypeError, from the generic call.
            None => return None,
            Some(owner) => *self.hir.methods.get(&(owner, "__init__".to_string()))?,
        };
        if self.hir.funcs[init].params.len() != args.len() + 1 {
            return None;
        }
        let mut tys = vec![Type::Inst(class)];
        tys.extend(args.iter().map(|l| l.ty()).collect::<Option<Vec<Type>>>()?);
        let key = (init, tys);
        // `__init__` must return None (CPython's TypeError otherwise, from the generic call).
        match self.rets.get(&key).copied().unwrap_or(Lat::Bottom) {
            Lat::Bottom | Lat::T(Type::None) => Some(Construct { class, init: Some(key) }),
            Lat::T(_) | Lat::Boxed(_) => None,
        }
    }

    /// `recv.NAME(args…)` on an instance of a known class whose NAME is a direct method: the
    /// instance of its direct code to call with the receiver and the arguments.
    pub(super) fn direct_method(&self, o: &OpData, ins: &[Lat]) -> Option<Key> {
        let class = instance_number(*ins.first()?)?;
        if !plain_call(o) {
            return None;
        }
        let name = o.attr("name").and_then(Attr::as_str)?;
        let owner = self.hir.shapes.resolve(class as usize, name)?;
        let f = *self.hir.methods.get(&(owner, name.to_string()))?;
        if self.hir.funcs[f].params.len() != ins.len() {
            return None;
        }
        let mut tys = vec![Type::Inst(class)];
        tys.extend(ins[1..].iter().map(|l| l.ty()).collect::<Option<Vec<Type>>>()?);
        Some((f, tys))
    }

    /// What a read of layout field NAME of a known class's instance gives: a value of a type
    /// some `a.NAME = v` stored (on that class's instances, or on any object: inference sees
    /// every store, `shapes.rs` making no class known when a program could store otherwise),
    /// typed when it is always one type that a slot's object can be tested for, boxed
    /// otherwise; any value when the program also calls `setattr` with that name.
    pub(super) fn field_lat(&self, o: &OpData, ins: &[Lat]) -> Lat {
        let name = o.attr("name").and_then(Attr::as_str).unwrap_or("");
        if self.hir.shapes.setattr_names.contains(name) {
            return Lat::Boxed(TySet::ALL.union(TySet::OBJECT));
        }
        let class = instance_number(ins[0]);
        let get = |c: Option<u32>| self.fields.get(&(c, name.to_string())).copied().unwrap_or(Lat::Bottom);
        match get(class).join(get(None)) {
            l @ Lat::T(Type::Int | Type::Float | Type::Bool | Type::None | Type::Str | Type::List | Type::Inst(_)) => l,
            l @ (Lat::T(
                Type::Tuple(_) | Type::Class(_) | Type::TObj | Type::Obj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref,
            )
            | Lat::Boxed(_)
            | Lat::Bottom) => Lat::boxed(l.members()),
        }
    }

    /// The known classes a guard tries for `recv.NAME(…)`, `a.NAME` or `a.NAME = v` on a
    /// boxed value that may be an object: those whose instances would take the typed path
    /// (a direct method of that name, a layout field of that name), in class order; none when
    /// more than `MAX_GUARDED` would (the generic operation's caches serve such sites).
    pub(super) fn class_candidates(&self, o: &OpData, ins: &[Lat]) -> Vec<u32> {
        let Some(&recv) = ins.first().filter(|_| self.guards.get()) else { return Vec::new() };
        if !recv.is_boxed() || !recv.members().has_object() {
            return Vec::new();
        }
        let call = o.opcode == Opcode::PyCallMethod;
        let truth = o.opcode == Opcode::PyTruth;
        if !call && !truth && o.opcode != Opcode::PyGetattr && o.opcode != Opcode::PySetattr {
            return Vec::new();
        }
        let mut typed = ins.to_vec();
        let cands: Vec<u32> = (0..self.hir.shapes.classes.len() as u32).filter(|&c| {
            typed[0] = Lat::T(Type::Inst(c));
            if call {
                self.direct_method(o, &typed).is_some()
            } else if truth {
                self.hir.shapes.classes[c as usize].plain_truth && recv.members().contains(Type::Inst(c))
            } else {
                self.field(o, &typed).is_some()
            }
        }).collect();
        if cands.len() > MAX_GUARDED { Vec::new() } else { cands }
    }

    /// `a.NAME` / `a.NAME = v` on an instance of a known class whose layout has NAME: the
    /// slot's index.
    pub(super) fn field(&self, o: &OpData, ins: &[Lat]) -> Option<usize> {
        let class = instance_number(*ins.first()?)?;
        let name = o.attr("name").and_then(Attr::as_str)?;
        self.hir.shapes.classes[class as usize].layout.iter().position(|f| f == name)
    }
}

/// Which function objects of the known classes' methods generic code may run (they run only
/// when a lookup the compiler did not resolve finds them), grown as inference sees the
/// program's generic operations. A store in a function object that nothing may run does not
/// widen the field types.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Reach {
    /// Attribute names some generic lookup (`a.NAME`, `a.NAME(…)` not resolved to a direct
    /// method or a layout field) may look up on an instance of a known class.
    names: BTreeSet<String>,
    /// Known classes whose construction may run `__init__`'s function object: called other
    /// than directly, or the class object reaching code that may call it.
    init: BTreeSet<u32>,
}

impl Reach {
    /// Notes what op `o` (operand lattice values `ins`) may reach.
    /// `bases`: `o` makes the bases tuple of a class statement.
    pub(super) fn note(&mut self, inf: &Infer, o: &OpData, ins: &[Lat], bases: bool) {
        let shapes = &inf.hir.shapes;
        // (A store or deletion may run a property's setter or deleter.)
        let lookup = matches!(o.opcode, Opcode::PyGetattr | Opcode::PyCallMethod | Opcode::PySetattr | Opcode::PyDelattr);
        if lookup && inf.known_class_op(o, ins).is_none() {
            let name = o.attr("name").and_then(Attr::as_str).unwrap_or("");
            let cands = inf.class_candidates(o, ins);
            // A guard catches the candidates' instances; the generic path sees the others.
            let covered = !cands.is_empty()
                && (0..shapes.classes.len() as u32).all(|c| cands.contains(&c) || shapes.resolve(c as usize, name).is_none());
            let object = match ins.first() {
                Some(Lat::T(t)) => super::rules::is_object(*t),
                Some(Lat::Boxed(s)) => s.has_object(),
                Some(Lat::Bottom) | None => false,
            };
            if object && !covered {
                self.names.insert(name.to_string());
            }
        }
        for (i, l) in ins.iter().enumerate() {
            let Lat::T(Type::Class(c)) = *l else { continue };
            // Uses of a known class object that never call it.
            let op = o.opcode;
            let harmless = bases
                || (op == Opcode::PyCallValue && i == 0 && inf.construct(o, ins).is_some())
                || (matches!(op, Opcode::PyGetattr | Opcode::PySetattr | Opcode::PyDelattr) && i == 0)
                || matches!(op, Opcode::PyStoreGlobal | Opcode::PyCall | Opcode::PyCompare | Opcode::PyPrint | Opcode::PyRelease | Opcode::PyDeleteVar | Opcode::PyCheckBound | Opcode::CfBr | Opcode::CfCondBr | Opcode::CfReturn)
                || (op == Opcode::PyBuiltin
                    && matches!(o.expect_enum_attr::<Builtin>("name"), Builtin::IsInstance | Builtin::Repr | Builtin::Str | Builtin::Id | Builtin::Hash));
            if !harmless {
                self.init.insert(c);
            }
        }
    }
}

impl Infer<'_> {
    /// Whether instance `k` may run: anything but the function object of a known class's
    /// method that no generic lookup can find.
    pub(super) fn may_run(&self, k: &Key) -> bool {
        let Some((c, m)) = self.hir.method_objects.get(&self.hir.funcs[k.0].func.name) else { return true };
        let shapes = &self.hir.shapes;
        let dunder = m.starts_with("__") && m.ends_with("__");
        shapes.classes[*c].subclassed
            || shapes.getattr_names.contains("*")
            || shapes.getattr_names.contains(m)
            || self.reach.names.contains(m)
            // The runtime calls dunders by name (printing, operators, iteration, …).
            || (dunder && m != "__init__")
            || (m == "__init__" && self.reach.init.contains(&(*c as u32)))
    }
}
