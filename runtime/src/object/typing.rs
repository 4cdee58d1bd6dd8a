//! The `typing` module, as far as annotations and type aliases of ordinary programs use it
//! (CPython 3.11's `Lib/typing.py` is the reference): the special forms and generic aliases
//! (`List`, `Dict[str, int]`, `Optional[int]`, `Union[int, str]`, `Callable[[int], str]`,
//! `Tuple[int, str]`, `ClassVar[int]`, …) with CPython's reprs (`_type_repr`: `int`, not
//! `<class 'int'>`), subscription with its common errors, `==` and `hash` of equal aliases,
//! substitution of type variables (`List[T][int]`), `TypeVar('T')` (repr `~T`), `cast`,
//! `TYPE_CHECKING` (False), `Any`, `NoReturn`.
//!
//! Relies on: `tuple`, `dispatch` (reprs and comparisons of the arguments), `types` (classes as
//! arguments; the names of user classes through the heap slots), `alloc` (kinds `TypingAlias`,
//! a container holding its arguments, and `TypeVar`), `module::store` for the namespace.
//!
//! Provides: [`TypingFn`], [`call`], [`fill`], the types of the objects (named after CPython's
//! classes: `_SpecialGenericAlias`, `_SpecialForm`, `_CallableType`, `_TupleType`, `_AnyMeta`,
//! `_GenericAlias`, `_UnionGenericAlias`, `_CallableGenericAlias`, `TypeVar`), and
//! `free_alias` / `traverse_alias` / `clear_alias` / `free_typevar` for `alloc` and `gc`.
//!
//! Invariants: the unsubscripted names are immortal statics (one per name); a subscripted alias
//! owns the tuple of its arguments (CPython's `__args__`, flattened for `Callable`: the
//! parameter types then the result; a `Union`'s deduplicated and flattened, `None` as
//! `NoneType`; `...` kept as `Ellipsis` in `Tuple[t, ...]` and `Callable[..., r]`). Left out (each raises NotImplementedError or TypeError rather than differ):
//! string forward references (`List['C']`), calling a form (`List()`), `isinstance` with a typing object,
//! `__origin__` of aliases whose origin is not a builtin class, TypeVar bounds and
//! constraints (accepted, not kept). `TypeVar` is a class whose repr is `<class 'TypeVar'>`
//! (CPython: `<class 'typing.TypeVar'>`).

use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_container, alloc_raw, free_raw};
use super::module::store;
use super::range::Owned;
use super::types::{NumberSlots, OpSet, TYPE_OBJECT, TypeObject, as_type};
use super::{Header, Obj, StaticObject, decref, dispatch, new_ref, singletons, str as pystr, tuple};
use crate::{BinaryOp, CompareOp};
use crate::ExceptionKind::{NotImplementedError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};

/// The functions of `typing`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypingFn {
    Cast,
}

impl TypingFn {
    /// Its `__name__`.
    pub const fn name(self) -> &'static str {
        match self {
            TypingFn::Cast => "cast",
        }
    }
}

/// The unsubscripted names of `typing` that are objects of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Any,
    Callable,
    ClassVar,
    DefaultDict,
    Deque,
    Dict,
    Final,
    FrozenSet,
    Generator,
    Iterable,
    Iterator,
    List,
    Mapping,
    MutableMapping,
    MutableSequence,
    NoReturn,
    Optional,
    Sequence,
    Set,
    Tuple,
    Type,
    Union,
}

/// What subscribing a form does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `_SpecialGenericAlias` with this many parameters.
    Generic(usize),
    Tuple,
    Callable,
    Union,
    Optional,
    /// `ClassVar` and `Final`: one type.
    Single,
    NoReturn,
    Any,
}

impl Form {
    const ALL: [Form; 22] = [
        Form::Any,
        Form::Callable,
        Form::ClassVar,
        Form::DefaultDict,
        Form::Deque,
        Form::Dict,
        Form::Final,
        Form::FrozenSet,
        Form::Generator,
        Form::Iterable,
        Form::Iterator,
        Form::List,
        Form::Mapping,
        Form::MutableMapping,
        Form::MutableSequence,
        Form::NoReturn,
        Form::Optional,
        Form::Sequence,
        Form::Set,
        Form::Tuple,
        Form::Type,
        Form::Union,
    ];

    const fn name(self) -> &'static str {
        match self {
            Form::Any => "Any",
            Form::Callable => "Callable",
            Form::ClassVar => "ClassVar",
            Form::DefaultDict => "DefaultDict",
            Form::Deque => "Deque",
            Form::Dict => "Dict",
            Form::Final => "Final",
            Form::FrozenSet => "FrozenSet",
            Form::Generator => "Generator",
            Form::Iterable => "Iterable",
            Form::Iterator => "Iterator",
            Form::List => "List",
            Form::Mapping => "Mapping",
            Form::MutableMapping => "MutableMapping",
            Form::MutableSequence => "MutableSequence",
            Form::NoReturn => "NoReturn",
            Form::Optional => "Optional",
            Form::Sequence => "Sequence",
            Form::Set => "Set",
            Form::Tuple => "Tuple",
            Form::Type => "Type",
            Form::Union => "Union",
        }
    }

    const fn kind(self) -> Kind {
        match self {
            Form::Any => Kind::Any,
            Form::Callable => Kind::Callable,
            Form::ClassVar | Form::Final => Kind::Single,
            Form::NoReturn => Kind::NoReturn,
            Form::Optional => Kind::Optional,
            Form::Union => Kind::Union,
            Form::Tuple => Kind::Tuple,
            Form::Dict | Form::DefaultDict | Form::Mapping | Form::MutableMapping => Kind::Generic(2),
            Form::Generator => Kind::Generic(3),
            Form::Deque | Form::FrozenSet | Form::Iterable | Form::Iterator | Form::List | Form::MutableSequence | Form::Sequence | Form::Set | Form::Type => {
                Kind::Generic(1)
            }
        }
    }

    /// `__origin__` of its aliases, when that is a builtin class.
    fn origin(self) -> Option<&'static TypeObject> {
        Some(match self {
            Form::List => &super::list::molt_type_list,
            Form::Dict => &super::dict::molt_type_dict,
            Form::Set => &super::set::molt_type_set,
            Form::FrozenSet => &super::set::molt_type_frozenset,
            Form::Tuple => &super::tuple::molt_type_tuple,
            Form::Type => &super::types::TYPE_TYPE,
            Form::Any
            | Form::Callable
            | Form::ClassVar
            | Form::DefaultDict
            | Form::Deque
            | Form::Final
            | Form::Generator
            | Form::Iterable
            | Form::Iterator
            | Form::Mapping
            | Form::MutableMapping
            | Form::MutableSequence
            | Form::NoReturn
            | Form::Optional
            | Form::Sequence
            | Form::Union => return None,
        })
    }

    /// The type of the unsubscripted object.
    const fn form_type(self) -> &'static TypeObject {
        match self.kind() {
            Kind::Generic(_) => &TYPE_SPECIAL_GENERIC_ALIAS,
            Kind::Tuple => &TYPE_TUPLE_TYPE,
            Kind::Callable => &TYPE_CALLABLE_TYPE,
            Kind::Any => &TYPE_ANY_META,
            Kind::Union | Kind::Optional | Kind::Single | Kind::NoReturn => &TYPE_SPECIAL_FORM,
        }
    }
}

/// An unsubscripted form (`typing.List`).
#[repr(C)]
pub struct FormObject {
    pub header: Header,
    form: Form,
}

// SAFETY: `#[repr(C)]`, header first; the instances are the immortal statics of `FORMS`.
unsafe impl StaticObject for FormObject {}

/// A subscripted alias (`typing.List[int]`).
#[repr(C)]
struct AliasObject {
    header: Header,
    form: Form,
    /// `__args__` (a tuple, owned).
    args: Obj,
}

/// A type variable.
#[repr(C)]
struct TypeVarObject {
    header: Header,
    /// `__name__` (a str, owned).
    name: Obj,
    /// `~`, `+` or `-`.
    variance: char,
}

const fn form_type_object(name: &'static str) -> TypeObject {
    TypeObject { number: Some(&TYPING_NUMBER), repr: Some(typing_repr), subscript: Some(form_getitem), ..TypeObject::new(name, &TYPE_OBJECT) }
}

/// `|` of typing's objects (`_SpecialForm.__or__`, `_GenericAlias.__or__`, `TypeVar.__or__`
/// and their `__ror__`): `Union[left, right]`. (`Any` is a class in CPython, whose `|` makes a
/// `types.UnionType`: it has no such slot here.)
static TYPING_NUMBER: NumberSlots = NumberSlots { binary: Some(typing_or), binary_ops: OpSet::binary(&[BinaryOp::Or]), ..NumberSlots::EMPTY };

fn typing_or(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if op != BinaryOp::Or {
        return Ok(singletons::not_implemented());
    }
    union(&[v, w])
}

const fn alias_type_object(name: &'static str) -> TypeObject {
    TypeObject {
        number: Some(&TYPING_NUMBER),
        repr: Some(typing_repr),
        subscript: Some(alias_getitem),
        richcompare: Some(alias_compare),
        hash: Some(alias_hash),
        attributes: Some(alias_attribute),
        heap: Some(HeapKind::TypingAlias),
        ..TypeObject::new(name, &TYPE_OBJECT)
    }
}

static TYPE_SPECIAL_GENERIC_ALIAS: TypeObject = form_type_object("_SpecialGenericAlias");
static TYPE_SPECIAL_FORM: TypeObject = form_type_object("_SpecialForm");
static TYPE_CALLABLE_TYPE: TypeObject = form_type_object("_CallableType");
static TYPE_TUPLE_TYPE: TypeObject = form_type_object("_TupleType");
static TYPE_ANY_META: TypeObject = TypeObject { number: None, ..form_type_object("_AnyMeta") };
static TYPE_GENERIC_ALIAS: TypeObject = alias_type_object("_GenericAlias");
static TYPE_UNION_ALIAS: TypeObject = alias_type_object("_UnionGenericAlias");
static TYPE_CALLABLE_ALIAS: TypeObject = alias_type_object("_CallableGenericAlias");

/// `TypeVar`.
pub static TYPE_TYPEVAR: TypeObject = TypeObject {
    number: Some(&TYPING_NUMBER),
    repr: Some(typing_repr),
    new: Some(typevar_new),
    attributes: Some(typevar_attribute),
    heap: Some(HeapKind::TypeVar),
    ..TypeObject::new("TypeVar", &TYPE_OBJECT)
};

static FORMS: [FormObject; Form::ALL.len()] = {
    let mut table = [const { FormObject { header: Header::immortal(&TYPE_SPECIAL_FORM), form: Form::Any } }; Form::ALL.len()];
    let mut i = 0;
    while i < Form::ALL.len() {
        table[i] = FormObject { header: Header::immortal(Form::ALL[i].form_type()), form: Form::ALL[i] };
        i += 1;
    }
    table
};

fn form_obj(f: Form) -> Obj {
    match Form::ALL.iter().position(|&x| x == f).and_then(|i| FORMS.get(i)) {
        Some(o) => Obj::from_static(o),
        None => singletons::none(),
    }
}

fn is_form_type(t: &'static TypeObject) -> bool {
    [&TYPE_SPECIAL_GENERIC_ALIAS, &TYPE_SPECIAL_FORM, &TYPE_CALLABLE_TYPE, &TYPE_TUPLE_TYPE, &TYPE_ANY_META].iter().any(|x| t.is(x))
}

/// The arguments of a `types.UnionType` (`generic_alias`, which makes it in this module's alias
/// layout, its payload the arguments' tuple), borrowed. Known by its type's name: naming the
/// type object would link `generic_alias` into every program that imports `typing`.
fn pep604_args(o: Obj) -> Option<Obj> {
    let t = o.type_of();
    if t.heap != Some(HeapKind::TypingAlias) || t.name != super::generic_alias::UNION_TYPE_NAME {
        return None;
    }
    // SAFETY: an object of kind TypingAlias is an `AliasObject`.
    o.header_ptr().map(|h| unsafe { (*h.cast::<AliasObject>()).args })
}

fn is_alias_type(t: &'static TypeObject) -> bool {
    t.is(&TYPE_GENERIC_ALIAS) || t.is(&TYPE_UNION_ALIAS) || t.is(&TYPE_CALLABLE_ALIAS)
}

fn form_of(o: Obj) -> Option<Form> {
    if !is_form_type(o.type_of()) {
        return None;
    }
    // SAFETY: an object of a form type is one of the `FormObject` statics.
    o.header_ptr().map(|h| unsafe { (*h.cast::<FormObject>()).form })
}

/// (form, args) of an alias, borrowed.
fn alias_of(o: Obj) -> Option<(Form, Obj)> {
    if !is_alias_type(o.type_of()) {
        return None;
    }
    // SAFETY: an object of an alias type is an `AliasObject`, alive while `o` is.
    o.header_ptr().map(|h| unsafe {
        let a = &*h.cast::<AliasObject>();
        (a.form, a.args)
    })
}

fn typevar_of(o: Obj) -> Option<(Obj, char)> {
    if !o.type_of().is(&TYPE_TYPEVAR) {
        return None;
    }
    // SAFETY: an object of type TypeVar is a `TypeVarObject`.
    o.header_ptr().map(|h| unsafe {
        let t = &*h.cast::<TypeVarObject>();
        (t.name, t.variance)
    })
}

/// Stores typing's names in its namespace `d`.
pub fn fill(d: Obj) -> MoltResult<()> {
    for f in Form::ALL {
        store(d, f.name(), form_obj(f))?;
    }
    store(d, "TYPE_CHECKING", singletons::bool_obj(false))?;
    store(d, "TypeVar", Obj::from_static(&TYPE_TYPEVAR))?;
    store(d, "Generic", Obj::from_static(&super::typing_generic::TYPE_GENERIC))?;
    super::typing_generic::register_typing(&super::generic_alias::TYPING_GENERIC_HOOKS);
    if OVERLOAD_DUMMY.with(|o| o.is_none()) {
        let dummy = super::function::native_function(overload_dummy_entry, "_overload_dummy", "typing", &[], &[], true, true)?;
        OVERLOAD_DUMMY.with(|o| *o = Some(dummy));
        super::module_kinds::register_exit(release_overload_dummy);
    }
    if let Some(dummy) = OVERLOAD_DUMMY.with(|o| *o) {
        store(d, "_overload_dummy", dummy)?;
    }
    super::module::store_owned(d, "overload", super::function::native_function(overload_entry, "overload", "typing", &["func"], &[], false, false))?;
    let cast = Owned(super::builtin_fn::molt_builtin_function(crate::BuiltinFunction::TypingCast.code()));
    store(d, "cast", cast.get())
}

/// `typing._overload_dummy`, owned from the first import to exit: what `@overload` makes of
/// every function it decorates.
static OVERLOAD_DUMMY: crate::sys::Global<Option<Obj>> = crate::sys::Global::new(None);

fn release_overload_dummy() {
    if let Some(o) = OVERLOAD_DUMMY.with(Option::take) {
        // SAFETY: the cell owned this reference.
        unsafe { super::decref(o) };
    }
}

/// The body of `overload(func)`: `_overload_dummy` (CPython also records `func` for
/// `get_overloads`, which Molt does not provide).
unsafe extern "C" fn overload_entry(_f: Obj, _args: *const Obj, _depth: i64) -> Obj {
    crate::exceptions::value_or_raise(match OVERLOAD_DUMMY.with(|o| *o) {
        Some(dummy) => Ok(new_ref(dummy)),
        None => fail(TypeError, "typing._overload_dummy was released (a runtime bug)"),
    })
}

/// The body of `_overload_dummy(*args, **kwds)`.
unsafe extern "C" fn overload_dummy_entry(_f: Obj, _args: *const Obj, _depth: i64) -> Obj {
    crate::exceptions::value_or_raise(fail::<Obj>(
        NotImplementedError,
        "You should not call an overloaded function. A series of @overload-decorated functions outside a stub module should always be followed by an implementation that is not @overload-ed.",
    ))
}

/// `typing.f(*pos, **kw)`.
pub fn call(f: TypingFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match f {
        TypingFn::Cast => {
            let [_, val] = super::call::unpack_args("cast", ["typ", "val"], 0, 2, 2, pos, kw)?;
            Ok(new_ref(val.unwrap_or_else(singletons::none)))
        }
    }
}

/// `_type_repr(obj)`.
fn type_repr(o: Obj) -> MoltResult<String> {
    if singletons::is_ellipsis(o) {
        return Ok(String::from("..."));
    }
    if let Some(t) = as_type(o) {
        if super::class::is_heap(t)
            && let Some(h) = super::types::heap_slots()
        {
            let (module, q) = (h.names)(t);
            return Ok(if module == "builtins" { String::from(q) } else { format!("{module}.{q}") });
        }
        return Ok(String::from(t.name));
    }
    dispatch::repr_of(o)
}

/// The repr of every typing object.
fn typing_repr(o: Obj) -> MoltResult<String> {
    if let Some(f) = form_of(o) {
        return Ok(format!("typing.{}", f.name()));
    }
    if let Some((name, v)) = typevar_of(o) {
        return Ok(format!("{v}{}", pystr::str_text(name).unwrap_or("?")));
    }
    let Some((form, args)) = alias_of(o) else { return Ok(String::from("?")) };
    let items = tuple::tuple_items(args).unwrap_or(&[]);
    let reprs = |xs: &[Obj]| -> MoltResult<String> {
        let mut out = Vec::new();
        for &x in xs {
            out.push(type_repr(x)?);
        }
        Ok(out.join(", "))
    };
    match form {
        Form::Union | Form::Optional => {
            if let [a, b] = items {
                let none = Obj::from_static(&singletons::TYPE_NONE);
                if a.is(none) {
                    return Ok(format!("typing.Optional[{}]", type_repr(*b)?));
                }
                if b.is(none) {
                    return Ok(format!("typing.Optional[{}]", type_repr(*a)?));
                }
            }
            Ok(format!("typing.Union[{}]", reprs(items)?))
        }
        Form::Callable => match items.split_last() {
            Some((result, [params])) if singletons::is_ellipsis(*params) => Ok(format!("typing.Callable[..., {}]", type_repr(*result)?)),
            Some((result, params)) => Ok(format!("typing.Callable[[{}], {}]", reprs(params)?, type_repr(*result)?)),
            None => Ok(String::from("typing.Callable")),
        },
        Form::Tuple if items.is_empty() => Ok(String::from("typing.Tuple[()]")),
        Form::Any
        | Form::ClassVar
        | Form::DefaultDict
        | Form::Deque
        | Form::Dict
        | Form::Final
        | Form::FrozenSet
        | Form::Generator
        | Form::Iterable
        | Form::Iterator
        | Form::List
        | Form::Mapping
        | Form::MutableMapping
        | Form::MutableSequence
        | Form::NoReturn
        | Form::Sequence
        | Form::Set
        | Form::Tuple
        | Form::Type => Ok(format!("typing.{}[{}]", form.name(), reprs(items)?)),
    }
}

/// `_type_convert` + `_type_check`: None is NoneType; a str (a forward reference) is not
/// supported; a tuple is `{msg} Got (...).`; a bare special form "Plain typing.Union is not
/// valid as type argument".
fn type_check(arg: Obj, msg: &str) -> MoltResult<Obj> {
    if singletons::is_none(arg) {
        return Ok(new_ref(Obj::from_static(&singletons::TYPE_NONE)));
    }
    if pystr::str_text(arg).is_some() {
        return fail(NotImplementedError, "forward references (strings) in typing subscripts are not supported by Molt");
    }
    if let Some(f) = form_of(arg)
        && matches!(f.kind(), Kind::Union | Kind::Optional | Kind::Single)
    {
        return fail(TypeError, format!("Plain typing.{} is not valid as type argument", f.name()));
    }
    if let Some((f, _)) = alias_of(arg)
        && matches!(f, Form::ClassVar | Form::Final)
    {
        return fail(TypeError, format!("{} is not valid as type argument", typing_repr(arg)?));
    }
    if tuple::is_tuple(arg) {
        return fail(TypeError, format!("{msg} Got {}.", dispatch::repr_of(arg)?));
    }
    Ok(new_ref(arg))
}

/// The subscript as a list of items (a tuple's items, or the one object).
fn params_of(key: Obj) -> Vec<Obj> {
    match tuple::tuple_items(key) {
        Some(items) => items.to_vec(),
        None => alloc::vec![key],
    }
}

/// A new alias of `form` with the arguments `args` (owned references, consumed).
fn new_alias(form: Form, args: Vec<Obj>) -> MoltResult<Obj> {
    let t = Owned(tuple::tuple_from_vec(args)?);
    let ty = match form {
        Form::Union | Form::Optional => &TYPE_UNION_ALIAS,
        Form::Callable => &TYPE_CALLABLE_ALIAS,
        Form::Any
        | Form::ClassVar
        | Form::DefaultDict
        | Form::Deque
        | Form::Dict
        | Form::Final
        | Form::FrozenSet
        | Form::Generator
        | Form::Iterable
        | Form::Iterator
        | Form::List
        | Form::Mapping
        | Form::MutableMapping
        | Form::MutableSequence
        | Form::NoReturn
        | Form::Sequence
        | Form::Set
        | Form::Tuple
        | Form::Type => &TYPE_GENERIC_ALIAS,
    };
    let p = alloc_container(Layout::new::<AliasObject>(), ty)?.cast::<AliasObject>();
    // SAFETY: a fresh block whose header is written; the fields are written before tracking.
    unsafe {
        core::ptr::addr_of_mut!((*p).form).write(form);
        core::ptr::addr_of_mut!((*p).args).write(t.release());
        let a = Obj::from_header(p.cast());
        super::gc::track(a);
        Ok(a)
    }
}

/// A new object of type `ty` in the alias layout, owning `payload` (consumed): the layout of
/// `generic_alias`'s objects too, so that the allocator's and collector's `TypingAlias` paths
/// free, traverse and clear them.
pub(super) fn new_alias_object(ty: &'static TypeObject, payload: Obj) -> MoltResult<Obj> {
    let payload = Owned(payload);
    let p = alloc_container(Layout::new::<AliasObject>(), ty)?.cast::<AliasObject>();
    // SAFETY: a fresh block whose header is written; the fields are written before tracking.
    unsafe {
        core::ptr::addr_of_mut!((*p).form).write(Form::Any);
        core::ptr::addr_of_mut!((*p).args).write(payload.release());
        let a = Obj::from_header(p.cast());
        super::gc::track(a);
        Ok(a)
    }
}

/// The payload of an object made by [`new_alias_object`] with type `ty`, borrowed.
pub(super) fn alias_payload(o: Obj, ty: &'static TypeObject) -> Option<Obj> {
    if !o.type_of().is(ty) {
        return None;
    }
    // SAFETY: an object of `ty` was made by `new_alias_object`: an `AliasObject`.
    o.header_ptr().map(|h| unsafe { (*h.cast::<AliasObject>()).args })
}

/// The origin of one of typing's aliases of a builtin class (`List[int]`: `list`), which a
/// `class` statement may list as a base.
pub(super) fn special_alias_origin(o: Obj) -> Option<&'static TypeObject> {
    let (form, _) = alias_of(o)?;
    match form.kind() {
        Kind::Generic(_) | Kind::Tuple => form.origin(),
        Kind::Callable | Kind::Union | Kind::Optional | Kind::Single | Kind::NoReturn | Kind::Any => None,
    }
}

/// The arguments of one of typing's aliases (`Dict[str, T]`: `(str, ~T)`), borrowed.
pub(super) fn special_alias_args(o: Obj) -> Option<Obj> {
    alias_of(o).map(|(_, args)| args)
}

/// Whether `o` is a `typing.TypeVar`, by its heap kind: naming `TYPE_TYPEVAR` would link its
/// repr, and with it every typing form, into programs that never import `typing`.
pub(super) fn is_typevar(o: Obj) -> bool {
    o.type_of().heap == Some(HeapKind::TypeVar)
}

/// Checks every item of `params` (a new vector of owned references).
fn check_all(params: &[Obj], msg: &str) -> MoltResult<Vec<Obj>> {
    let mut out: Vec<Obj> = Vec::new();
    for &p in params {
        match type_check(p, msg) {
            Ok(o) => out.push(o),
            Err(e) => {
                super::list::release(out);
                return Err(e);
            }
        }
    }
    Ok(out)
}

/// `Union[params]`: checked, flattened, deduplicated; one left is itself.
fn union(params: &[Obj]) -> MoltResult<Obj> {
    if params.is_empty() {
        return fail(TypeError, "Cannot take a Union of no types.");
    }
    let checked = check_all(params, "Union[arg, ...]: each arg must be a type.")?;
    let mut flat: Vec<Obj> = Vec::new();
    let mut result = Ok(());
    for c in checked {
        // typing's unions and `types.UnionType`s (`int | str`) are flattened alike.
        let inner: Vec<Obj> = match alias_of(c) {
            Some((Form::Union | Form::Optional, args)) => tuple::tuple_items(args).unwrap_or(&[]).to_vec(),
            _ => match pep604_args(c) {
                Some(args) => tuple::tuple_items(args).unwrap_or(&[]).to_vec(),
                None => alloc::vec![c],
            },
        };
        for x in inner {
            if result.is_ok() {
                let mut dup = false;
                for &y in &flat {
                    match dispatch::rich_compare_bool(CompareOp::Eq, x, y) {
                        Ok(true) => dup = true,
                        Ok(false) => {}
                        Err(e) => result = Err(e),
                    }
                    if dup || result.is_err() {
                        break;
                    }
                }
                if !dup {
                    flat.push(new_ref(x));
                }
            }
        }
        // SAFETY: `check_all` gave an owned reference; `flat` holds its own.
        unsafe { decref(c) };
    }
    if let Err(e) = result {
        super::list::release(flat);
        return Err(e);
    }
    if flat.len() == 1 {
        return Ok(flat.remove(0));
    }
    new_alias(Form::Union, flat)
}

/// `form[key]` (`_SpecialForm.__getitem__`, `_SpecialGenericAlias.__getitem__`,
/// `_TupleType.__getitem__`, `_CallableType.__getitem__`).
fn form_getitem(o: Obj, key: Obj) -> MoltResult<Obj> {
    let Some(f) = form_of(o) else { return fail(TypeError, "not a typing form") };
    let params = params_of(key);
    match f.kind() {
        Kind::Any => fail(TypeError, "type 'Any' is not subscriptable"),
        Kind::NoReturn => fail(TypeError, format!("typing.{} is not subscriptable", f.name())),
        Kind::Single => {
            let item = type_check(key, &format!("typing.{} accepts only single type.", f.name()))?;
            new_alias(f, alloc::vec![item])
        }
        Kind::Optional => {
            let item = Owned(type_check(key, "typing.Optional requires a single type.")?);
            union(&[item.get(), Obj::from_static(&singletons::TYPE_NONE)])
        }
        Kind::Union => union(&params),
        Kind::Tuple => {
            if params.is_empty() {
                return new_alias(f, Vec::new());
            }
            // `Tuple[t, ...]`: the ellipsis is kept as the last argument (`_TypingEllipsis`).
            if let Some((last, rest)) = params.split_last()
                && !rest.is_empty()
                && singletons::is_ellipsis(*last)
            {
                let mut checked = check_all(rest, "Tuple[t, ...]: t must be a type.")?;
                checked.push(new_ref(*last));
                return new_alias(f, checked);
            }
            new_alias(f, check_all(&params, "Tuple[t0, t1, ...]: each t must be a type.")?)
        }
        Kind::Callable => {
            let [args, result] = params.as_slice() else {
                return fail(TypeError, "Callable must be used as Callable[[arg, ...], result].");
            };
            let result = Owned(type_check(*result, "Callable[args, result]: result must be a type.")?);
            if singletons::is_ellipsis(*args) {
                return new_alias(f, alloc::vec![new_ref(*args), result.release()]);
            }
            let arg_items: Vec<Obj> = if super::list::is_list(*args) {
                super::list::items_vec(*args)?
            } else {
                params_of(*args).into_iter().map(new_ref).collect()
            };
            let mut all = Vec::new();
            for a in arg_items {
                let c = if singletons::is_none(a) { new_ref(Obj::from_static(&singletons::TYPE_NONE)) } else { new_ref(a) };
                // SAFETY: `items_vec` / the map above gave owned references.
                unsafe { decref(a) };
                all.push(c);
            }
            all.push(result.release());
            new_alias(f, all)
        }
        Kind::Generic(n) => {
            let checked = check_all(&params, "Parameters to generic types must be types.")?;
            if checked.len() != n {
                let many = if checked.len() > n { "many" } else { "few" };
                let actual = checked.len();
                super::list::release(checked);
                return fail(TypeError, format!("Too {many} arguments for typing.{}; actual {actual}, expected {n}", f.name()));
            }
            new_alias(f, checked)
        }
    }
}

/// The type variables of an alias's arguments, in order, each once (`__parameters__`).
fn parameters(args: Obj, out: &mut Vec<Obj>) {
    for &a in tuple::tuple_items(args).unwrap_or(&[]) {
        if typevar_of(a).is_some() {
            if !out.iter().any(|x| x.is(a)) {
                out.push(a);
            }
        } else if let Some((_, inner)) = alias_of(a) {
            parameters(inner, out);
        }
    }
}

/// `a` with each of `vars` replaced by the same-index item of `subs` (a new reference).
fn substitute(a: Obj, vars: &[Obj], subs: &[Obj]) -> MoltResult<Obj> {
    if let Some(i) = vars.iter().position(|v| v.is(a)) {
        return Ok(new_ref(subs[i]));
    }
    let Some((form, args)) = alias_of(a) else { return Ok(new_ref(a)) };
    let mut new_args = Vec::new();
    for &x in tuple::tuple_items(args).unwrap_or(&[]) {
        match substitute(x, vars, subs) {
            Ok(o) => new_args.push(o),
            Err(e) => {
                super::list::release(new_args);
                return Err(e);
            }
        }
    }
    if matches!(form, Form::Union | Form::Optional) {
        let items = Owned(tuple::tuple_from_vec(new_args)?);
        return union(tuple::tuple_items(items.get()).unwrap_or(&[]));
    }
    new_alias(form, new_args)
}

/// `alias[key]` (`_GenericAlias.__getitem__`): substitution of its type variables.
fn alias_getitem(o: Obj, key: Obj) -> MoltResult<Obj> {
    let Some((_, args)) = alias_of(o) else { return fail(TypeError, "not a typing alias") };
    let mut vars = Vec::new();
    parameters(args, &mut vars);
    if vars.is_empty() {
        return fail(TypeError, format!("{} is not a generic class", typing_repr(o)?));
    }
    let subs = check_all(&params_of(key), "Parameters to generic types must be types.")?;
    let r = if subs.len() != vars.len() {
        let many = if subs.len() > vars.len() { "many" } else { "few" };
        fail(TypeError, format!("Too {many} arguments for {}; actual {}, expected {}", typing_repr(o)?, subs.len(), vars.len()))
    } else {
        substitute(o, &vars, &subs)
    };
    super::list::release(subs);
    r
}

/// `==` of aliases: same form and equal arguments (a Union's as sets).
fn alias_compare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    let (Some((fv, av)), Some((fw, aw))) = (alias_of(v), alias_of(w)) else {
        return Ok(singletons::not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(singletons::not_implemented());
    }
    let union = |f: Form| matches!(f, Form::Union | Form::Optional);
    let eq = if union(fv) && union(fw) {
        same_members(av, aw)?
    } else {
        fv == fw && dispatch::rich_compare_bool(CompareOp::Eq, av, aw)?
    };
    Ok(singletons::bool_obj(if op == CompareOp::Eq { eq } else { !eq }))
}

/// Whether the tuples `xs` and `ys` hold the same members, as sets (each item of either `==` one
/// of the other's; the members of unions are hashable, so this is set equality).
pub(super) fn same_members(xs: Obj, ys: Obj) -> MoltResult<bool> {
    let (xs, ys) = (tuple::tuple_items(xs).unwrap_or(&[]), tuple::tuple_items(ys).unwrap_or(&[]));
    let all_in = |xs: &[Obj], ys: &[Obj]| -> MoltResult<bool> {
        for &x in xs {
            let mut found = false;
            for &y in ys {
                if dispatch::rich_compare_bool(CompareOp::Eq, x, y)? {
                    found = true;
                    break;
                }
            }
            if !found {
                return Ok(false);
            }
        }
        Ok(true)
    };
    Ok(all_in(xs, ys)? && all_in(ys, xs)?)
}

/// `hash` of an alias: equal aliases hash equal (a Union's independently of the order).
fn alias_hash(o: Obj) -> MoltResult<i64> {
    let Some((form, args)) = alias_of(o) else { return Ok(0) };
    if matches!(form, Form::Union | Form::Optional) {
        let mut h: i64 = 0x5f3759df;
        for &a in tuple::tuple_items(args).unwrap_or(&[]) {
            h ^= dispatch::hash(a)?;
        }
        return Ok(if h == -1 { -2 } else { h });
    }
    let h = dispatch::hash(args)?.wrapping_mul(31).wrapping_add(form as i64);
    Ok(if h == -1 { -2 } else { h })
}

/// `__args__` and `__origin__` of aliases.
fn alias_attribute(o: Obj, attr: &str) -> Option<MoltResult<Obj>> {
    let (form, args) = alias_of(o)?;
    Some(match attr {
        "__args__" => Ok(new_ref(args)),
        "__origin__" => match form.origin() {
            Some(t) => Ok(super::attrs::class_value(t)),
            None if matches!(form, Form::Union | Form::Optional | Form::ClassVar | Form::Final) => Ok(form_obj(if form == Form::Optional { Form::Union } else { form })),
            None => fail(NotImplementedError, format!("__origin__ of typing.{} is not supported by Molt", form.name())),
        },
        _ => return None,
    })
}

/// `TypeVar(name, *constraints, bound=None, covariant=False, contravariant=False)`.
fn typevar_new(_: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    const NAMES: [&str; 3] = ["bound", "covariant", "contravariant"];
    if let Some((bad, _)) = kw.iter().find(|(k, _)| !NAMES.contains(k) && *k != "name") {
        return fail(TypeError, format!("TypeVar.__init__() got an unexpected keyword argument '{bad}'"));
    }
    let get = |n: &str| kw.iter().find(|(k, _)| *k == n).map(|&(_, v)| v);
    let Some(&name) = pos.first().or(get("name").as_ref()) else {
        return fail(TypeError, "TypeVar.__init__() missing 1 required positional argument: 'name'");
    };
    let truth = |n: &str| get(n).map_or(Ok(false), dispatch::truth);
    let (co, contra) = (truth("covariant")?, truth("contravariant")?);
    if co && contra {
        return fail(ValueError, "Bivariant types are not supported.");
    }
    let constraints = pos.len().saturating_sub(1);
    if constraints == 1 {
        return fail(TypeError, "A single constraint is not allowed");
    }
    if constraints > 1 && get("bound").is_some_and(|b| !singletons::is_none(b)) {
        return fail(TypeError, "Constraints cannot be combined with bound=...");
    }
    if pystr::str_text(name).is_none() {
        return fail(TypeError, format!("can only concatenate str (not \"{}\") to str", name.type_of().name));
    }
    let variance = if co { '+' } else if contra { '-' } else { '~' };
    let p = alloc_raw(Layout::new::<TypeVarObject>(), &TYPE_TYPEVAR)?.cast::<TypeVarObject>();
    // SAFETY: a fresh block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).name).write(new_ref(name));
        core::ptr::addr_of_mut!((*p).variance).write(variance);
        Ok(Obj::from_header(p.cast()))
    }
}

/// `__name__` of a type variable.
fn typevar_attribute(o: Obj, attr: &str) -> Option<MoltResult<Obj>> {
    let (name, _) = typevar_of(o)?;
    match attr {
        "__name__" => Some(Ok(new_ref(name))),
        _ => None,
    }
}

/// Frees an alias.
///
/// # Safety
/// `h` is an alias whose count reached zero.
pub(crate) unsafe fn free_alias(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe {
        let args = (*h.cast::<AliasObject>()).args;
        free_raw(h, Layout::new::<AliasObject>(), HeapKind::TypingAlias);
        decref(args);
    }
}

/// Visits an alias's references.
///
/// # Safety
/// `h` is a live alias.
pub(crate) unsafe fn traverse_alias(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    visit(unsafe { (*h.cast::<AliasObject>()).args });
}

/// Drops an unreachable alias's references.
///
/// # Safety
/// `h` is a live alias the collector found unreachable.
pub(crate) unsafe fn clear_alias(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe { super::gc::clear_slot(core::ptr::addr_of_mut!((*h.cast::<AliasObject>()).args)) }
}

/// Frees a type variable.
///
/// # Safety
/// `h` is a type variable whose count reached zero.
pub(crate) unsafe fn free_typevar(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe {
        let name = (*h.cast::<TypeVarObject>()).name;
        free_raw(h, Layout::new::<TypeVarObject>(), HeapKind::TypeVar);
        decref(name);
    }
}
