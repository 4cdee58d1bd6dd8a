//! Class layouts (decisions/0031): the instance attributes a class keeps in fixed slots of its
//! instances rather than in a `__dict__`, and the rule that gives each class its layout.
//!
//! Relies on: `class` for the layouts of the bases (`class::layout_names`; a heap class keeps
//! its layout from creation on); `tuple` and `str` for the layout itself (a tuple of strs).
//! What an instance does with its slots (the generic attribute protocol, materialising the
//! `__dict__`, the collector) is `instance`'s.
//!
//! Provides: [`layout_for`] (the layout of a new class, from its bases and the fields the
//! compiler proved its methods store on `self`: `molt_class_new`'s `fields`), [`index`] (a
//! name's slot).
//!
//! Invariants: a layout is a tuple of distinct strs (compared by text); the class owns it and it
//! never changes after the class is made (it is computed before `__set_name__` and
//! `__init_subclass__` run). The layout of a class is the inherited layout — the layout of the
//! first base in `__bases__` order whose layout is not empty, then the names of the other bases'
//! layouts, in their order, that are not already present — followed by the class's own fields
//! not already present, in the given order. So under single inheritance every inherited name
//! keeps its slot index; under multiple inheritance only the first base's do (compiled code
//! that uses an index must know the instance's exact class). A class made without fields
//! (None, or `type(name, bases, ns)`) has the inherited layout. A class whose instances are
//! exceptions (`HeapKind::Exception`) has an empty layout whatever its fields: exception
//! objects have no slots.

use alloc::vec::Vec;

use super::types::TypeObject;
use super::{Obj, class, singletons, str as pystr, tuple};
use crate::ExceptionKind::TypeError;
use crate::exceptions::{MoltResult, fail};

/// The slot index of the name `name` in layout `names`.
#[inline]
pub fn index(names: &[Obj], name: &str) -> Option<usize> {
    names.iter().position(|&n| pystr::str_text(n) == Some(name))
}

/// Appends to `acc` the names of `names` it does not hold yet.
fn add_new(acc: &mut Vec<Obj>, names: &[Obj]) {
    for &n in names {
        let present = pystr::str_text(n).is_some_and(|t| index(acc, t).is_some());
        if !present {
            acc.push(n);
        }
    }
}

/// The layout (a new tuple of strs) of a class with bases `bases` and the compiler's `fields`
/// (None or a tuple of strs; TypeError otherwise: a compiler bug), its instances exceptions when
/// `exceptions` (see the module doc).
pub fn layout_for(bases: &[&'static TypeObject], fields: Obj, exceptions: bool) -> MoltResult<Obj> {
    let own: &[Obj] = if singletons::is_none(fields) {
        &[]
    } else {
        match tuple::tuple_items(fields) {
            Some(items) if items.iter().all(|&n| pystr::str_text(n).is_some()) => items,
            Some(_) | None => return fail(TypeError, "molt_class_new: fields must be None or a tuple of str (a compiler bug)"),
        }
    };
    if exceptions {
        return tuple::tuple_from_slice(&[]);
    }
    let mut names: Vec<Obj> = Vec::new();
    let first = bases.iter().position(|&b| !class::layout_names(b).is_empty());
    if let Some(f) = first {
        names.extend_from_slice(class::layout_names(bases[f]));
    }
    for (i, &b) in bases.iter().enumerate() {
        if Some(i) != first {
            add_new(&mut names, class::layout_names(b));
        }
    }
    add_new(&mut names, own);
    // The words are borrowed from the bases' layouts and `fields`, alive during this call.
    tuple::tuple_from_slice(&names)
}
