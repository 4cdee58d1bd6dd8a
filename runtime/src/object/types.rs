//! Type objects and their slots, in CPython's spirit (`PyTypeObject`, `tp_as_number`, …).
//!
//! Relies on: each construct's module defining its static type object and slot functions
//! (`int::molt_type_int`, `float::molt_type_float`, …); slot functions following CPython's
//! conventions: binary slots receive the operands in their original order (`slotw(v, w)` for the
//! reflected try) and return [`singletons::not_implemented`] when they do not handle the pair.
//!
//! Provides: [`TypeObject`] (name, base, slot tables, heap kind), the slot function types, the
//! [`OpSet`] of operators a number table defines, lookup through the base chain (CPython copies
//! inherited slots into each type; walking the bases is equivalent), [`is_subtype`],
//! [`as_type`], [`EnabledMethods`] (method tables a program enables at run time), and the root
//! types `object` and `type`.
//!
//! Invariants: the builtin type objects are statics (immortal, never freed); a class a program
//! makes (`object::class`) is a heap object whose `TypeObject` is valid while a reference to the
//! class or one of its instances is held, and every slot accessor below hands such a *heap
//! class* to `object::slots` (its dunders, looked up through its MRO at each use). The base
//! chain ends at `object`; a heap class's whole MRO is `class::mro`, which [`is_subtype`] uses. A slot found on a base is "the same slot" as the base's (what CPython's
//! `slotv == slotw` test compares): [`TypeObject::binary_slot`] returns the defining type so
//! callers compare that.

use alloc::format;
use alloc::string::String;

use super::alloc::HeapKind;
use super::{Header, Obj, StaticObject, singletons};
use crate::exceptions::MoltResult;
use crate::{BinaryOp, CompareOp, UnaryOp};

/// A binary number slot (`nb_add`, `nb_power`, …): `v op w`, or NotImplemented.
pub type BinaryFn = fn(BinaryOp, Obj, Obj) -> MoltResult<Obj>;
/// A unary number slot (`nb_negative`, `nb_positive`, `nb_invert`, `nb_absolute`).
pub type UnaryFn = fn(UnaryOp, Obj) -> MoltResult<Obj>;
/// `tp_richcompare`: `v op w`, or NotImplemented.
pub type CompareFn = fn(CompareOp, Obj, Obj) -> MoltResult<Obj>;
/// `nb_bool`.
pub type TruthFn = fn(Obj) -> bool;
/// `sq_length` (in code points for str).
pub type LenFn = fn(Obj) -> usize;
/// `tp_repr` / `tp_str`.
pub type TextFn = fn(Obj) -> MoltResult<String>;
/// `tp_hash`.
pub type HashFn = fn(Obj) -> MoltResult<i64>;
/// `sq_concat`.
pub type ConcatFn = fn(Obj, Obj) -> MoltResult<Obj>;
/// `sq_repeat` (the count is an `isize`, as CPython's `Py_ssize_t`).
pub type RepeatFn = fn(Obj, i64) -> MoltResult<Obj>;
/// `nb_index`: the int value of an int-like object (a new reference).
pub type IndexFn = fn(Obj) -> MoltResult<Obj>;
/// `sq_contains`: `item in container` (container first, as CPython's slot).
pub type ContainsFn = fn(Obj, Obj) -> MoltResult<bool>;
/// `mp_subscript`: `container[key]`.
pub type SubscriptFn = fn(Obj, Obj) -> MoltResult<Obj>;
/// `tp_iter`: a new iterator over the object.
pub type IterFn = fn(Obj) -> MoltResult<Obj>;
/// `tp_iternext`: Some(the next item, a new reference), or None when the iterator is exhausted
/// (CPython's NULL without an exception set).
pub type IterNextFn = fn(Obj) -> MoltResult<Option<Obj>>;
/// `mp_ass_subscript`: `container[key] = value`, or `del container[key]` when the value is None.
pub type AssSubscriptFn = fn(Obj, Obj, Option<Obj>) -> MoltResult<()>;
/// `tp_call`: calls an instance, `callee(*pos, **kw)` (the keyword arguments as (name, value) in
/// call order), the caller's frame depth last. Returns a new reference.
pub type CallFn = fn(Obj, &[Obj], &[(&str, Obj)], i64) -> MoltResult<Obj>;
/// `tp_new` (with `tp_init`, or the type's `tp_vectorcall`): `cls(*pos, **kw)`, a new reference.
pub type NewFn = fn(&'static TypeObject, &[Obj], &[(&str, Obj)]) -> MoltResult<Obj>;
/// The attributes a type defines itself (CPython's `tp_getset` / `tp_members`): `o.name` as a
/// new reference, None for a name the type does not define.
pub type AttrFn = fn(Obj, &str) -> Option<MoltResult<Obj>>;
/// `tp_descr_get`: the value of a class attribute read through instance `obj` (None: through the
/// class) of class `t` (the class the lookup was made on).
pub type DescrGetFn = fn(Obj, Option<Obj>, &'static TypeObject) -> MoltResult<Obj>;
/// The attributes a type computes for its class object (`C.name`), None for other names.
pub type ClassAttrFn = fn(&'static TypeObject, &str) -> Option<MoltResult<Obj>>;
/// A method's implementation: the receiver, the positional arguments, the keyword arguments
/// (name, value) in call order. Returns a new reference.
pub type MethodFn = fn(Obj, &[Obj], &[(&str, Obj)]) -> MoltResult<Obj>;

/// One entry of a type's method table (CPython's `PyMethodDef`): `recv.NAME(...)`.
pub struct MethodDef {
    pub name: &'static str,
    pub call: MethodFn,
}

/// The method tables a type gains at run time, when the program enables them (the str methods,
/// through `molt_enable_str_methods`): a table reached only through such a call is linked only
/// into the executables that make it. Up to eight tables (slots), each enabled once or more.
pub struct EnabledMethods(crate::sys::Global<[&'static [MethodDef]; 8]>);

impl EnabledMethods {
    /// No table enabled.
    pub const fn new() -> EnabledMethods {
        EnabledMethods(crate::sys::Global::new([&[]; 8]))
    }

    /// Makes `table` the methods of slot `slot` (0 to 7).
    pub fn enable(&self, slot: usize, table: &'static [MethodDef]) {
        self.0.with(|t| {
            if let Some(s) = t.get_mut(slot) {
                *s = table;
            }
        });
    }

    /// The enabled method `name`, if any.
    pub fn find(&self, name: &str) -> Option<&'static MethodDef> {
        let tables = self.0.with(|t| *t);
        tables
            .iter()
            .find_map(|t| t.iter().find(|m| m.name == name))
    }
}

impl Default for EnabledMethods {
    fn default() -> Self {
        Self::new()
    }
}

/// The slot accessors of heap classes (`object::slots`): the first class a program makes
/// registers them (`molt_class_new`), so that an executable that makes no class links none of
/// the class machinery (no heap class exists before that registration).
pub struct HeapSlots {
    pub binary: fn(&'static TypeObject, BinaryOp) -> Option<(&'static TypeObject, BinaryFn)>,
    pub unary: fn(&'static TypeObject, UnaryOp) -> Option<UnaryFn>,
    pub inplace: fn(&'static TypeObject, BinaryOp) -> Option<BinaryFn>,
    pub index: fn(&'static TypeObject) -> Option<IndexFn>,
    pub contains: fn(&'static TypeObject) -> Option<ContainsFn>,
    pub subscript: fn(&'static TypeObject) -> Option<SubscriptFn>,
    pub ass_subscript: fn(&'static TypeObject) -> Option<AssSubscriptFn>,
    pub iter: fn(&'static TypeObject) -> Option<IterFn>,
    pub iternext: fn(&'static TypeObject) -> Option<IterNextFn>,
    pub compare: fn(&'static TypeObject) -> Option<CompareFn>,
    pub call: fn(&'static TypeObject) -> Option<CallFn>,
    pub hash: fn(&'static TypeObject) -> Option<HashFn>,
    pub repr: fn(&'static TypeObject) -> Option<TextFn>,
    pub str: fn(&'static TypeObject) -> Option<TextFn>,
    /// `bool(o)` of an instance (`slot_nb_bool`, then `__len__`).
    pub truth: fn(Obj) -> MoltResult<bool>,
    /// `len(o)` of an instance.
    pub len: fn(Obj) -> MoltResult<usize>,
    /// `float(o)` / `int(o)` of an instance (`__float__`, `__int__`/`__index__`), None when the
    /// class defines neither.
    pub to_float: fn(Obj) -> MoltResult<Option<f64>>,
    pub to_int: fn(Obj) -> MoltResult<Option<Obj>>,
    /// `format(o, spec)` of an instance.
    pub format: fn(Obj, Obj) -> MoltResult<Obj>,
    /// `cls()` of a heap class (`raise C`).
    pub call0: fn(Obj) -> MoltResult<Obj>,
    /// A heap class's `__module__` and `__qualname__`.
    pub names: fn(&'static TypeObject) -> (String, &'static str),
    /// Empties a class namespace (the collector clearing a class).
    pub clear_dict: fn(Obj),
    /// What an attribute cache may remember for `o.name` (`instance::cache_index`).
    pub attr_cache_index: fn(Obj, Obj, bool) -> Option<usize>,
    /// The plain function a method-call cache may remember for `recv.name` (`call::cache_function`).
    pub method_cache_function: fn(Obj, Obj) -> Option<Obj>,
    /// Calls function `f` with `recv` first, then `pos`, from a frame at `depth` (`call::call_with_self`).
    pub call_with_self: fn(Obj, Obj, &[Obj], i64) -> Obj,
    /// `o.name(*args)` through the class's dunder `name`, None when the class has none
    /// (`slots::call_dunder`: `round()`'s `__round__`).
    pub call_dunder: fn(Obj, &'static str, &[Obj]) -> MoltResult<Option<Obj>>,
}

static HEAP_SLOTS: crate::sys::Global<Option<&'static HeapSlots>> = crate::sys::Global::new(None);

/// Registers the heap classes' slot accessors (see [`HeapSlots`]).
pub fn register_heap_slots(h: &'static HeapSlots) {
    HEAP_SLOTS.with(|s| *s = Some(h));
}

/// The heap classes' slot accessors, once a class exists.
pub fn heap_slots() -> Option<&'static HeapSlots> {
    HEAP_SLOTS.with(|s| *s)
}

/// A set of operators, by ABI code (bit `code`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpSet(u32);

impl OpSet {
    /// No operator.
    pub const NONE: OpSet = OpSet(0);

    /// The binary operators `ops`.
    pub const fn binary(ops: &[BinaryOp]) -> OpSet {
        let mut bits = 0;
        let mut i = 0;
        while i < ops.len() {
            bits |= 1 << ops[i].code();
            i += 1;
        }
        OpSet(bits)
    }

    /// The unary operators `ops`.
    pub const fn unary(ops: &[UnaryOp]) -> OpSet {
        let mut bits = 0;
        let mut i = 0;
        while i < ops.len() {
            bits |= 1 << ops[i].code();
            i += 1;
        }
        OpSet(bits)
    }

    /// Whether the operator with ABI code `code` is in the set.
    pub const fn has(self, code: i32) -> bool {
        code >= 0 && code < 32 && self.0 & (1 << code) != 0
    }
}

/// `tp_as_number`: the operators a type defines itself (the others are inherited).
pub struct NumberSlots {
    pub binary: Option<BinaryFn>,
    pub binary_ops: OpSet,
    pub unary: Option<UnaryFn>,
    pub unary_ops: OpSet,
    pub truth: Option<TruthFn>,
    pub index: Option<IndexFn>,
    /// The in-place operators (`nb_inplace_add`, …): `v op= w`, or NotImplemented.
    pub inplace: Option<BinaryFn>,
    pub inplace_ops: OpSet,
}

impl NumberSlots {
    /// A table defining nothing.
    pub const EMPTY: NumberSlots = NumberSlots {
        binary: None,
        binary_ops: OpSet::NONE,
        unary: None,
        unary_ops: OpSet::NONE,
        truth: None,
        index: None,
        inplace: None,
        inplace_ops: OpSet::NONE,
    };
}

/// `tp_as_sequence`.
pub struct SequenceSlots {
    pub len: Option<LenFn>,
    pub concat: Option<ConcatFn>,
    pub repeat: Option<RepeatFn>,
    pub contains: Option<ContainsFn>,
    /// `sq_inplace_concat`: `v += w` (mutates and returns `v`).
    pub inplace_concat: Option<ConcatFn>,
    /// `sq_inplace_repeat`: `v *= n`.
    pub inplace_repeat: Option<RepeatFn>,
}

impl SequenceSlots {
    /// A table defining nothing.
    pub const EMPTY: SequenceSlots = SequenceSlots {
        len: None,
        concat: None,
        repeat: None,
        contains: None,
        inplace_concat: None,
        inplace_repeat: None,
    };
}

/// The slots few types define, kept out of every type object.
pub struct TypeExt {
    /// The module of a type CPython defines in Python (`collections.Counter`, whose `tp_name`
    /// is `Counter`); empty for the others, whose module is in `name` (`builtins` when it has
    /// no dot).
    pub module: &'static str,
    /// `tp_descr_get` of a builtin type whose instances bind when found on a class (a
    /// `functools.lru_cache` wrapper used as a method).
    pub descr_get: Option<DescrGetFn>,
    /// The attributes of the class object itself that a type computes (a
    /// `collections.namedtuple` class's `_fields`, `_make`): `C.name` as a new reference, None
    /// for a name it does not define (looked up before the methods).
    pub class_attributes: Option<ClassAttrFn>,
    /// Of a metatype (the type of heap classes other than `type`: `enum.EnumType`), what it
    /// adds to its classes; see [`MetaSlots`].
    pub meta: Option<&'static MetaSlots>,
    /// `seq[start:stop:step]` of a sequence type other than tuple, list, str and range (which
    /// `slice::getslice` knows): `bytes`.
    pub getslice: Option<GetSliceFn>,
    /// `tp_descr_set` of a builtin type whose instances are data descriptors (a namedtuple
    /// class's field, `_collections._tuplegetter`): `obj.name = value` (`value` None: `del`).
    pub descr_set: Option<DescrSetFn>,
    /// The namespace of a builtin class a program's class may derive from, as a lookup through
    /// the subclass's MRO sees it (descriptors unbound: a namedtuple class's fields, `_make`,
    /// `__new__`); None for a name it does not hold.
    pub namespace: Option<ClassAttrFn>,
}

/// `tp_descr_set`: the descriptor, the instance, the value (None: deletion).
pub type DescrSetFn = fn(Obj, Obj, Option<Obj>) -> MoltResult<()>;

/// `seq[start:stop:step]` (each bound a value or None): a new reference.
pub type GetSliceFn = fn(Obj, Obj, Obj, Obj) -> MoltResult<Obj>;

impl TypeExt {
    /// Nothing defined.
    pub const EMPTY: TypeExt =
        TypeExt { module: "", descr_get: None, class_attributes: None, meta: None, getslice: None, descr_set: None, namespace: None };
}

/// `C.name = value` (`value` Some) or `del C.name` on a class of a metatype: Some(result) when
/// the metatype decides (its `__setattr__` / `__delattr__` refuses), None to go on with
/// `type`'s.
pub type MetaSetattrFn = fn(&'static TypeObject, &str, Option<Obj>) -> Option<MoltResult<()>>;

/// What a metatype (a subtype of `type` whose instances are heap classes, `HeapKind::Class`)
/// defines for its classes, CPython's metaclass methods; its other slots (`repr`, `call`,
/// `subscript`, `iter`, `sequence`) are the class objects' own, as for any type.
pub struct MetaSlots {
    /// Finishes a class the metatype makes (`EnumType.__new__`'s work after `type.__new__`),
    /// given the new class, before `__set_name__` and `__init_subclass__` run.
    pub init: fn(Obj) -> MoltResult<()>,
    /// Its data attributes (`__members__`), looked up before the class's namespace.
    pub attributes: ClassAttrFn,
    /// Its `__getattr__`: the attributes neither `type` nor the MRO has.
    pub getattr: ClassAttrFn,
    /// Its `__setattr__` / `__delattr__`.
    pub setattr: MetaSetattrFn,
    /// A check `object.__new__` makes before it makes an instance of one of its classes
    /// (`abc.ABCMeta`'s abstract classes: CPython's `Py_TPFLAGS_IS_ABSTRACT` test).
    pub instantiate: Option<fn(&'static TypeObject) -> MoltResult<()>>,
}

/// A type object. `#[repr(C)]` with the object header first: type objects are objects.
#[repr(C)]
pub struct TypeObject {
    pub header: Header,
    /// For a class the compiler knows completely (decisions/0031), its number + 1; 0 for
    /// every other type (at `TYPE_KNOWN_CLASS_OFFSET`: compiled guards read it).
    pub known_class: u64,
    /// `tp_name`, as in error messages (`int`, `NoneType`, `collections.deque`).
    pub name: &'static str,
    /// `tp_base` (None only for `object`).
    pub base: Option<&'static TypeObject>,
    pub number: Option<&'static NumberSlots>,
    pub sequence: Option<&'static SequenceSlots>,
    pub richcompare: Option<CompareFn>,
    pub hash: Option<HashFn>,
    pub repr: Option<TextFn>,
    pub str: Option<TextFn>,
    /// `tp_as_mapping->mp_subscript`.
    pub subscript: Option<SubscriptFn>,
    /// `tp_as_mapping->mp_ass_subscript`.
    pub ass_subscript: Option<AssSubscriptFn>,
    /// `tp_iter`.
    pub iter: Option<IterFn>,
    /// `tp_iternext` (iterators only).
    pub iternext: Option<IterNextFn>,
    /// How instances are laid out on the heap; None for static-only types.
    pub heap: Option<HeapKind>,
    /// `tp_methods`: the methods the type defines itself (the bases' are inherited).
    pub methods: &'static [MethodDef],
    /// Methods of the type's own that the program enables at run time (see [`EnabledMethods`]).
    pub enabled_methods: Option<&'static EnabledMethods>,
    /// `tp_call`: calling an instance (functions, builtin functions). Calling a class is not
    /// this slot (`type`'s in CPython) but the class's own `new`.
    pub call: Option<CallFn>,
    /// `tp_new`: calling the class itself (not inherited: a type without one cannot be
    /// instantiated, "cannot create 'list_iterator' instances"). Each type's is linked with
    /// the type (see `object::construct`).
    pub new: Option<NewFn>,
    /// The attributes the type defines itself (its instances': functions' `__name__`, …).
    pub attributes: Option<AttrFn>,
    /// What few types define (see [`TypeExt`]); one word for all of it.
    pub ext: Option<&'static TypeExt>,
    /// The class methods of a builtin type (`chain.from_iterable`): each name with the function
    /// that makes its value (a builtin function object). A function, not the `BuiltinFunction`
    /// itself, so that only programs that link the type link the builtin functions' table.
    pub class_functions: &'static [(&'static str, fn() -> Obj)],
}

// SAFETY: `#[repr(C)]`, header first; every static type object is immortal.
unsafe impl StaticObject for TypeObject {}

const _: () = assert!(core::mem::offset_of!(TypeObject, known_class) == crate::TYPE_KNOWN_CLASS_OFFSET as usize);

impl TypeObject {
    /// A type named `name` deriving from `base`, defining no slot of its own.
    pub const fn new(name: &'static str, base: &'static TypeObject) -> TypeObject {
        TypeObject {
            header: Header::immortal(&TYPE_TYPE),
            known_class: 0,
            name,
            base: Some(base),
            number: None,
            sequence: None,
            richcompare: None,
            hash: None,
            repr: None,
            str: None,
            subscript: None,
            ass_subscript: None,
            iter: None,
            iternext: None,
            heap: None,
            methods: &[],
            enabled_methods: None,
            call: None,
            new: None,
            attributes: None,
            ext: None,
            class_functions: &[],
        }
    }

    /// The types from `self` up to `object`.
    pub fn mro(&'static self) -> impl Iterator<Item = &'static TypeObject> {
        core::iter::successors(Some(self), |t| t.base)
    }

    /// The binary slot for `op` and the type that defines it (`self` or a base).
    pub fn binary_slot(&'static self, op: BinaryOp) -> Option<(&'static TypeObject, BinaryFn)> {
        if super::class::is_heap(self) {
            return heap_slots().and_then(|h| (h.binary)(self, op));
        }
        self.mro().find_map(|t| {
            let n = t.number?;
            if n.binary_ops.has(op.code()) {
                n.binary.map(|f| (t, f))
            } else {
                None
            }
        })
    }

    /// The unary slot for `op`.
    pub fn unary_slot(&'static self, op: UnaryOp) -> Option<UnaryFn> {
        if super::class::is_heap(self) {
            return heap_slots().and_then(|h| (h.unary)(self, op));
        }
        self.mro().find_map(|t| {
            let n = t.number?;
            if n.unary_ops.has(op.code()) {
                n.unary
            } else {
                None
            }
        })
    }

    /// `nb_bool`.
    pub fn truth_slot(&'static self) -> Option<TruthFn> {
        if super::class::is_heap(self) {
            return None;
        }
        self.mro().find_map(|t| t.number.and_then(|n| n.truth))
    }

    /// `nb_index`.
    pub fn index_slot(&'static self) -> Option<IndexFn> {
        if super::class::is_heap(self) {
            return heap_slots().and_then(|h| (h.index)(self));
        }
        self.mro().find_map(|t| t.number.and_then(|n| n.index))
    }

    /// `sq_length`.
    pub fn len_slot(&'static self) -> Option<LenFn> {
        if super::class::is_heap(self) {
            return None;
        }
        self.mro().find_map(|t| t.sequence.and_then(|s| s.len))
    }

    /// `sq_concat`.
    pub fn concat_slot(&'static self) -> Option<ConcatFn> {
        self.static_base().mro().find_map(|t| t.sequence.and_then(|s| s.concat))
    }

    /// `sq_repeat`.
    pub fn repeat_slot(&'static self) -> Option<RepeatFn> {
        self.static_base().mro().find_map(|t| t.sequence.and_then(|s| s.repeat))
    }

    /// `sq_contains`.
    pub fn contains_slot(&'static self) -> Option<ContainsFn> {
        if super::class::is_heap(self) {
            return heap_slots().and_then(|h| (h.contains)(self));
        }
        self.mro().find_map(|t| t.sequence.and_then(|s| s.contains))
    }

    /// `tp_as_sequence` (a table defined by the type or a base).
    pub fn sequence_table(&'static self) -> Option<&'static SequenceSlots> {
        self.static_base().mro().find_map(|t| t.sequence)
    }

    /// The nearest builtin type of the base chain (the type itself unless it is a heap class):
    /// a heap class inherits the concatenation and repetition of its builtin base (`list`'s),
    /// which no Python method replaces (CPython's `sq_concat` / `sq_repeat` slots of `__add__`
    /// and `__mul__` have no slot function of their own; a class's `__add__` takes effect through
    /// the number slots, tried first).
    fn static_base(&'static self) -> &'static TypeObject {
        self.mro().find(|t| !super::class::is_heap(t)).unwrap_or(self)
    }

    /// The in-place number slot for `op` (`nb_inplace_add`, …).
    pub fn inplace_slot(&'static self, op: BinaryOp) -> Option<BinaryFn> {
        if super::class::is_heap(self) {
            return heap_slots().and_then(|h| (h.inplace)(self, op));
        }
        self.mro().find_map(|t| {
            let n = t.number?;
            if n.inplace_ops.has(op.code()) {
                n.inplace
            } else {
                None
            }
        })
    }

    /// `sq_inplace_concat`.
    pub fn inplace_concat_slot(&'static self) -> Option<ConcatFn> {
        self.static_base().mro().find_map(|t| t.sequence.and_then(|s| s.inplace_concat))
    }

    /// `sq_inplace_repeat`.
    pub fn inplace_repeat_slot(&'static self) -> Option<RepeatFn> {
        self.static_base().mro().find_map(|t| t.sequence.and_then(|s| s.inplace_repeat))
    }

    /// `mp_ass_subscript`.
    pub fn ass_subscript_slot(&'static self) -> Option<AssSubscriptFn> {
        if super::class::is_heap(self) {
            return heap_slots().and_then(|h| (h.ass_subscript)(self));
        }
        self.mro().find_map(|t| t.ass_subscript)
    }

    /// The method `name` of the type or its nearest base that defines it.
    pub fn method(&'static self, name: &str) -> Option<&'static MethodDef> {
        if super::class::is_heap(self) {
            return None;
        }
        self.mro().find_map(|t| {
            t.methods
                .iter()
                .find(|m| m.name == name)
                .or_else(|| t.enabled_methods.and_then(|e| e.find(name)))
        })
    }

    /// `mp_subscript`.
    pub fn subscript_slot(&'static self) -> Option<SubscriptFn> {
        if super::class::is_heap(self) {
            return heap_slots().and_then(|h| (h.subscript)(self));
        }
        self.mro().find_map(|t| t.subscript)
    }

    /// `tp_iter`.
    pub fn iter_slot(&'static self) -> Option<IterFn> {
        if super::class::is_heap(self) {
            return heap_slots().and_then(|h| (h.iter)(self));
        }
        self.mro().find_map(|t| t.iter)
    }

    /// `tp_iternext`.
    pub fn iternext_slot(&'static self) -> Option<IterNextFn> {
        if super::class::is_heap(self) {
            return heap_slots().and_then(|h| (h.iternext)(self));
        }
        self.mro().find_map(|t| t.iternext)
    }

    /// `tp_richcompare` (`object`'s at the latest).
    pub fn compare_slot(&'static self) -> Option<CompareFn> {
        if super::class::is_heap(self) {
            return heap_slots().and_then(|h| (h.compare)(self));
        }
        self.mro().find_map(|t| t.richcompare)
    }

    /// `tp_call`.
    pub fn call_slot(&'static self) -> Option<CallFn> {
        if super::class::is_heap(self) {
            return heap_slots().and_then(|h| (h.call)(self));
        }
        self.mro().find_map(|t| t.call)
    }

    /// The attributes the type or its nearest base that has some defines.
    pub fn attributes_slot(&'static self) -> Option<AttrFn> {
        if super::class::is_heap(self) {
            return None;
        }
        self.mro().find_map(|t| t.attributes)
    }

    /// `tp_hash`.
    pub fn hash_slot(&'static self) -> Option<HashFn> {
        if super::class::is_heap(self) {
            return heap_slots().and_then(|h| (h.hash)(self));
        }
        self.mro().find_map(|t| t.hash)
    }

    /// `tp_repr`.
    pub fn repr_slot(&'static self) -> Option<TextFn> {
        if super::class::is_heap(self) {
            return heap_slots().and_then(|h| (h.repr)(self));
        }
        self.mro().find_map(|t| t.repr)
    }

    /// `tp_str`.
    pub fn str_slot(&'static self) -> Option<TextFn> {
        if super::class::is_heap(self) {
            return heap_slots().and_then(|h| (h.str)(self));
        }
        self.mro().find_map(|t| t.str)
    }

    /// The module of a type CPython defines in Python (see [`TypeExt::module`]); empty for the
    /// others.
    pub fn module(&self) -> &'static str {
        self.ext.map_or("", |e| e.module)
    }

    /// `_PyType_Name`: the name after the module's dots (`deque` for `collections.deque`), as
    /// method qualnames and some reprs print it.
    pub fn short_name(&self) -> &'static str {
        self.name.rsplit('.').next().unwrap_or(self.name)
    }

    /// Whether `self` is `other` (by address).
    pub fn is(&'static self, other: &'static TypeObject) -> bool {
        core::ptr::eq(self, other)
    }
}

/// The type object `o` is, if it is one (an object whose type is `type`).
#[inline]
pub fn as_type(o: Obj) -> Option<&'static TypeObject> {
    if !is_subtype(o.type_of(), &TYPE_TYPE) {
        return None;
    }
    // SAFETY: an object of type `type` is a static `TypeObject` (header first); type objects
    // are immortal statics, so the reference is valid for 'static.
    o.header_ptr().map(|h| unsafe { &*h.cast::<TypeObject>() })
}

/// `PyType_IsSubtype(a, b)`: `b` is in `a`'s MRO (the whole MRO of a heap class: multiple
/// inheritance).
pub fn is_subtype(a: &'static TypeObject, b: &'static TypeObject) -> bool {
    if super::class::is_heap(a) {
        return super::class::mro(a).any(|t| t.is(b));
    }
    a.mro().any(|t| t.is(b))
}

/// CPython's `_Py_HashPointer`: the address rotated by 4 bits; -1 becomes -2.
pub fn hash_pointer(o: Obj) -> i64 {
    let y = o.raw() & !(crate::OBJ_TAG as u64);
    let x = y.rotate_right(4) as i64;
    if x == -1 { -2 } else { x }
}

/// `object.__hash__`.
fn object_hash(o: Obj) -> MoltResult<i64> {
    Ok(hash_pointer(o))
}

/// `object.__repr__`: `<NAME object at 0x…>`, `<__main__.C object at 0x…>` for an instance of
/// a user class (its module and qualname).
fn object_repr(o: Obj) -> MoltResult<String> {
    Ok(object_repr_text(o))
}

/// The text of `object.__repr__(o)`.
pub fn object_repr_text(o: Obj) -> String {
    let t = o.type_of();
    let addr = o.raw() & !(crate::OBJ_TAG as u64);
    if super::class::is_heap(t)
        && let Some(h) = heap_slots()
    {
        let (module, q) = (h.names)(t);
        if module != "builtins" {
            return format!("<{module}.{q} object at {addr:#x}>");
        }
        return format!("<{q} object at {addr:#x}>");
    }
    format!("<{} object at {addr:#x}>", t.name)
}

/// `object.__eq__` & co. (`object_richcompare`) as a value.
pub fn object_compare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    object_richcompare(op, v, w)
}

/// `object.__str__`: the repr.
fn object_str(o: Obj) -> MoltResult<String> {
    super::dispatch::repr_of(o)
}

/// `object.__eq__` / `__ne__` (CPython's `object_richcompare`): identity for `==`, the inverse of
/// `==` for `!=`, NotImplemented for orderings.
fn object_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    Ok(match op {
        CompareOp::Eq => {
            if v.is(w) {
                singletons::bool_obj(true)
            } else {
                singletons::not_implemented()
            }
        }
        CompareOp::Ne => match v.type_of().compare_slot() {
            // `__ne__` delegates to the type's `__eq__` and inverts it unless NotImplemented.
            Some(eq) => {
                let r = eq(CompareOp::Eq, v, w)?;
                if r.is(singletons::not_implemented()) {
                    r
                } else {
                    let t = super::dispatch::truth(r)?;
                    // SAFETY: `r` is the new reference the slot returned.
                    unsafe { super::decref(r) };
                    singletons::bool_obj(!t)
                }
            }
            None => singletons::not_implemented(),
        },
        CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge => {
            singletons::not_implemented()
        }
    })
}

/// `type.__repr__`: `<class 'int'>`.
fn type_repr(o: Obj) -> MoltResult<String> {
    match as_type(o) {
        Some(t) if !t.module().is_empty() => Ok(format!("<class '{}.{}'>", t.module(), t.name)),
        Some(t) => Ok(format!("<class '{}'>", t.name)),
        None => object_repr(o),
    }
}

/// `object`, the root of every base chain; its instances (`object()`) are bare headers.
pub static TYPE_OBJECT: TypeObject = TypeObject {
    header: Header::immortal(&TYPE_TYPE),
    known_class: 0,
    name: "object",
    base: None,
    number: None,
    sequence: None,
    richcompare: Some(object_richcompare),
    hash: Some(object_hash),
    repr: Some(object_repr),
    str: Some(object_str),
    subscript: None,
    ass_subscript: None,
    iter: None,
    iternext: None,
    heap: Some(HeapKind::Object),
    methods: &[],
    enabled_methods: None,
    call: None,
    new: Some(super::construct::hooked_new),
    attributes: None,
    ext: None,
    class_functions: &[],
};

/// `type`, the type of every type object (including itself).
pub static TYPE_TYPE: TypeObject = TypeObject {
    repr: Some(type_repr),
    new: Some(super::construct::hooked_new),
    ..TypeObject::new("type", &TYPE_OBJECT)
};
