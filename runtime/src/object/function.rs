//! Function objects (`def` and `lambda` run), their calls, and cells (the variables closures
//! share).
//!
//! Relies on: `alloc` for counted allocation (kinds `HeapKind::Function` and `HeapKind::Cell`)
//! and its deferred frees; `tuple`, `str`, `dict` for the parts a function holds; the compiled
//! body, a C-ABI function `code(function, args, depth) -> obj` (`args` the address of the bound
//! parameters' words; a new reference, or the word 0 with an exception pending: its own
//! traceback frame already recorded); `callable` for the
//! runtime's current frame depth (CPython keeps it in the thread state). The references are
//! CPython 3.11's `Objects/funcobject.c` (`func_repr`, the getters of `__defaults__`,
//! `__kwdefaults__`, `__closure__`), `Objects/cellobject.c` (`cell_repr`, `cell_richcompare`,
//! `cell_get_contents`) and `Python/ceval.c` (`initialize_locals`, `too_many_positional`,
//! `missing_arguments`, `format_missing`, `positional_only_passed_as_keyword`,
//! `format_exc_unbound`).
//!
//! Provides: the types `function` ([`TYPE_FUNCTION`]) and `cell` ([`TYPE_CELL`]); [`bind`]
//! (the argument binding, with CPython's TypeErrors), [`call_raw`] (a call of a function object
//! that leaves the compiled body's result and pending exception untouched), [`attribute`],
//! [`new_cell`], [`is_function`], [`is_cell`]; `free` / `free_cell` (for `alloc`); the ABI's
//! `molt_function_new`, `molt_function_cell`, `molt_cell_new`, `molt_cell_get`,
//! `molt_cell_set`, `molt_cell_delete`.
//!
//! Invariants: a function's code, parameters, defaults and closure never change after
//! `molt_function_new` (its `__name__`, `__qualname__` — always strs —, `__module__`,
//! `__doc__` and `__dict__` may be assigned); it owns its name, qualname, module name, its
//! `__doc__` (None unless a docstring or a program stored one), its `__dict__` (None until used),
//! parameter names (a tuple of strs: the positional ones, then the keyword-only ones),
//! defaults (a tuple, possibly empty), keyword-only defaults (a dict or None) and closure (a
//! tuple of cells, possibly empty), released when it is freed. A cell owns its value while it
//! holds one. The bound words a body receives ([`CodeFn`]) are, in order, the positional
//! parameters, the keyword-only ones, (with `*args`) the tuple of the extra positional
//! arguments and (with `**kwargs`) the dict of the extra keywords; every word is filled (binding
//! raises otherwise), and [`call_raw`] holds a reference to each for the whole call (so a body
//! may empty the container a runtime caller took them from, as with CPython's bound frame). `==` and `hash` of functions are `object`'s (identity).
//! A cell that holds the function whose closure holds it (a recursive inner function) is a
//! cycle: both are containers (`traverse` / `clear` here), freed by the cycle collector
//! (`object::gc`).

use alloc::alloc::Layout;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_container, free_raw, memory_error};
use super::range::Owned;
use super::types::{TYPE_OBJECT, TypeObject};
use super::{Header, Obj, decref, dict, dispatch, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::{NameError, RecursionError, TypeError, UnboundLocalError, ValueError};
use crate::exceptions::{MoltError, MoltResult, fail, raise_error, value_or_raise};
use crate::{CompareOp, RECURSION_MSG};

/// The C-ABI entry of a compiled body: `code(function, args, depth)`: `args` is the address of
/// the bound parameters' words (see the module's invariants; [`bound_count`] of them), all
/// borrowed for the call.
pub type CodeFn = unsafe extern "C" fn(Obj, *const Obj, i64) -> Obj;

/// A function object.
#[repr(C)]
pub struct FunctionObject {
    pub header: Header,
    code: CodeFn,
    /// `__name__`, `__qualname__`, `__module__` (strs, owned).
    name: Obj,
    qualname: Obj,
    module: Obj,
    /// The parameter names (a tuple of strs, owned): positional, then keyword-only.
    params: Obj,
    /// `__defaults__` (a tuple, owned; empty for none).
    defaults: Obj,
    /// `__kwdefaults__` (a dict or None, owned).
    kwdefaults: Obj,
    /// `__closure__` (a tuple of cells, owned; empty for none).
    closure: Obj,
    argcount: usize,
    posonly: usize,
    has_varargs: bool,
    /// A `**kwargs` parameter: its dict is the last bound word.
    has_varkw: bool,
    /// `__dict__` (owned): None until an attribute is stored or the dict is asked for.
    dict: Obj,
    /// `__doc__` (owned): None until the compiled code stores the docstring (or a program
    /// assigns one).
    doc: Obj,
}

/// A cell.
#[repr(C)]
pub struct CellObject {
    pub header: Header,
    /// The value (owned), None while empty.
    value: Option<Obj>,
}

/// `function`.
pub static TYPE_FUNCTION: TypeObject = TypeObject {
    new: Some(super::construct::function_new),
    repr: Some(function_repr),
    heap: Some(HeapKind::Function),
    call: Some(function_call),
    attributes: Some(attribute),
    ..TypeObject::new("function", &TYPE_OBJECT)
};

/// `cell`: compared by contents, unhashable (CPython's `cell_richcompare`, no `tp_hash`).
pub static TYPE_CELL: TypeObject = TypeObject {
    new: Some(super::construct::cell_new),
    repr: Some(cell_repr),
    richcompare: Some(cell_richcompare),
    hash: Some(super::dict::unhashable),
    heap: Some(HeapKind::Cell),
    attributes: Some(attribute),
    ..TypeObject::new("cell", &TYPE_OBJECT)
};

/// True if `o` is a function object.
pub fn is_function(o: Obj) -> bool {
    o.type_of().is(&TYPE_FUNCTION)
}

/// True if `o` is a cell.
pub fn is_cell(o: Obj) -> bool {
    o.type_of().is(&TYPE_CELL)
}

/// The function object behind `o`, if it is one.
fn function_ref<'a>(o: Obj) -> Option<&'a FunctionObject> {
    if !is_function(o) {
        return None;
    }
    // SAFETY: an object of type `function` is a `FunctionObject`; it lives while the caller's
    // reference does (its assignable fields are read by copy).
    o.header_ptr().map(|h| unsafe { &*h.cast::<FunctionObject>() })
}

/// The function object behind `o` for a change (by heap kind: `attrs::setattr`, which every
/// program that sets an attribute links, then names no type object).
fn function_ptr(o: Obj) -> Option<*mut FunctionObject> {
    if o.type_of().heap != Some(HeapKind::Function) {
        return None;
    }
    o.header_ptr().map(|h| h.cast::<FunctionObject>().cast_mut())
}

/// The cell behind `o`, if it is one.
fn cell_ptr(o: Obj) -> Option<*mut CellObject> {
    if !is_cell(o) {
        return None;
    }
    o.header_ptr().map(|h| h.cast::<CellObject>().cast_mut())
}

/// A TypeError for an argument the compiler should never pass.
fn compiler_bug<T>(what: &str) -> MoltResult<T> {
    fail(TypeError, format!("bad argument to {what} (a compiler bug)"))
}

/// The text of a str the function holds (its names).
fn text<'a>(o: Obj) -> &'a str {
    pystr::str_text(o).unwrap_or("")
}

/// A function object whose body is the runtime's own code (what CPython writes in Python, as
/// `enum`'s methods): named `qualname`'s last part, of module `module`, taking `params`
/// (positional-or-keyword; the last `defaults.len()` with those defaults), then `*args` when
/// `varargs` and `**kwargs` when `varkw` (`code` receives them among the bound words, as a compiled
/// body does). Binding, its TypeErrors and method binding are every function's.
pub(crate) fn native_function(code: CodeFn, qualname: &str, module: &str, params: &[&str], defaults: &[Obj], varargs: bool, varkw: bool) -> MoltResult<Obj> {
    native_closure(code, qualname, module, params, defaults, varargs, varkw, &[])
}

/// A [`native_function`] whose `__closure__` holds a cell for each of `captured` (borrowed),
/// in order: what a Python `def` nested in a function captures (`contextlib`'s `helper`). Its
/// body reads them with [`closure_value`].
#[allow(clippy::too_many_arguments)]
pub(crate) fn native_closure(code: CodeFn, qualname: &str, module: &str, params: &[&str], defaults: &[Obj], varargs: bool, varkw: bool, captured: &[Obj]) -> MoltResult<Obj> {
    make_native(code, qualname, module, params, defaults, &[], varargs, varkw, captured)
}

/// A [`native_function`] with keyword-only parameters after `params` (and `*args`), each with
/// its default (`kwonly`: name and default, borrowed), as `def dumps(obj, *, skipkeys=False,
/// …)`. The body receives them after the positional ones.
#[allow(clippy::too_many_arguments)]
pub(crate) fn native_function_kw(code: CodeFn, qualname: &str, module: &str, params: &[&str], defaults: &[Obj], kwonly: &[(&str, Obj)], varargs: bool, varkw: bool) -> MoltResult<Obj> {
    make_native(code, qualname, module, params, defaults, kwonly, varargs, varkw, &[])
}

#[allow(clippy::too_many_arguments)]
fn make_native(code: CodeFn, qualname: &str, module: &str, params: &[&str], defaults: &[Obj], kwonly: &[(&str, Obj)], varargs: bool, varkw: bool, captured: &[Obj]) -> MoltResult<Obj> {
    let cells = captured.iter().map(|&v| new_cell(Some(v))).collect::<MoltResult<Vec<Obj>>>()?;
    let closure = Owned(tuple::tuple_from_vec(cells)?);
    let name = qualname.rsplit_once('.').map_or(qualname, |(_, n)| n);
    let texts: Vec<Obj> = params.iter().chain(kwonly.iter().map(|(n, _)| n)).map(|n| pystr::str_from_text(n)).collect::<MoltResult<Vec<Obj>>>()?;
    let param_names = Owned(tuple::tuple_from_vec(texts)?);
    let defaults = Owned(tuple::tuple_from_slice(defaults)?);
    let kwdefaults = if kwonly.is_empty() {
        Owned(singletons::none())
    } else {
        let d = Owned(dict::new_dict()?);
        for &(n, v) in kwonly {
            let key = Owned(pystr::str_from_text(n)?);
            dict::set_item(d.get(), key.get(), v)?;
        }
        d
    };
    let (n, q, m) = (
        Owned(pystr::str_from_text(name)?),
        Owned(pystr::str_from_text(qualname)?),
        Owned(pystr::str_from_text(module)?),
    );
    let flags = i64::from(varargs) | (i64::from(varkw) << 1);
    #[allow(clippy::cast_possible_wrap)]
    let argcount = params.len() as i64;
    new_function(Some(code), n.get(), q.get(), m.get(), param_names.get(), argcount, 0, flags, defaults.get(), kwdefaults.get(), closure.get())
}

/// The value in cell `index` of function `func`'s closure (borrowed: the cell keeps it), None
/// for no such cell or an empty one.
pub(crate) fn closure_value(func: Obj, index: usize) -> Option<Obj> {
    let cell = function_ref(func).and_then(|f| tuple::tuple_items(f.closure)).and_then(|c| c.get(index).copied())?;
    // SAFETY: a live cell of a live function's closure; its value is read by copy.
    cell_ptr(cell).and_then(|p| unsafe { (*p).value })
}

/// `molt_function_new`'s checks, then the object.
#[allow(clippy::too_many_arguments)]
fn new_function(
    code: Option<CodeFn>,
    name: Obj,
    qualname: Obj,
    module: Obj,
    params: Obj,
    argcount: i64,
    posonly: i64,
    flags: i64,
    defaults: Obj,
    kwdefaults: Obj,
    closure: Obj,
) -> MoltResult<Obj> {
    let (has_varargs, has_varkw) = (flags & 1 != 0, flags & 2 != 0);
    let what = "molt_function_new";
    let Some(code) = code else { return compiler_bug(what) };
    let Some(names) = tuple::tuple_items(params) else { return compiler_bug(what) };
    let (Ok(argcount), Ok(posonly)) = (usize::try_from(argcount), usize::try_from(posonly)) else {
        return compiler_bug(what);
    };
    let ndefaults = tuple::tuple_len(defaults);
    let cells = tuple::tuple_items(closure);
    if pystr::str_text(name).is_none()
        || pystr::str_text(qualname).is_none()
        || pystr::str_text(module).is_none()
        || !names.iter().all(|&n| pystr::str_text(n).is_some())
        || argcount > names.len()
        || posonly > argcount
        || ndefaults.is_none_or(|n| n > argcount)
        || !(singletons::is_none(kwdefaults) || dict::is_dict(kwdefaults))
        || cells.is_none_or(|c| !c.iter().all(|&x| is_cell(x)))
    {
        return compiler_bug(what);
    }
    let p = alloc_container(Layout::new::<FunctionObject>(), &TYPE_FUNCTION)?.cast::<FunctionObject>();
    // SAFETY: `p` is a fresh `FunctionObject` block whose header is written; every field is
    // written here before anything reads it.
    unsafe {
        core::ptr::addr_of_mut!((*p).code).write(code);
        core::ptr::addr_of_mut!((*p).name).write(new_ref(name));
        core::ptr::addr_of_mut!((*p).qualname).write(new_ref(qualname));
        core::ptr::addr_of_mut!((*p).module).write(new_ref(module));
        core::ptr::addr_of_mut!((*p).params).write(new_ref(params));
        core::ptr::addr_of_mut!((*p).defaults).write(new_ref(defaults));
        core::ptr::addr_of_mut!((*p).kwdefaults).write(new_ref(kwdefaults));
        core::ptr::addr_of_mut!((*p).closure).write(new_ref(closure));
        core::ptr::addr_of_mut!((*p).argcount).write(argcount);
        core::ptr::addr_of_mut!((*p).posonly).write(posonly);
        core::ptr::addr_of_mut!((*p).has_varargs).write(has_varargs);
        core::ptr::addr_of_mut!((*p).has_varkw).write(has_varkw);
        core::ptr::addr_of_mut!((*p).dict).write(singletons::none());
        core::ptr::addr_of_mut!((*p).doc).write(singletons::none());
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// Visits what a function holds (`func_traverse`).
///
/// # Safety
/// `h` is a live function object.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    let f = unsafe { &*h.cast::<FunctionObject>() };
    for o in [f.name, f.qualname, f.module, f.params, f.defaults, f.kwdefaults, f.closure, f.dict, f.doc] {
        visit(o);
    }
}

/// Drops what an unreachable function holds (`func_clear`), each field left the small int 0.
///
/// # Safety
/// `h` is a live function object that the collector found unreachable.
pub(crate) unsafe fn clear(h: *mut Header) {
    // SAFETY: forwarded contract.
    unsafe {
        let f = h.cast::<FunctionObject>();
        for slot in [
            core::ptr::addr_of_mut!((*f).name),
            core::ptr::addr_of_mut!((*f).qualname),
            core::ptr::addr_of_mut!((*f).module),
            core::ptr::addr_of_mut!((*f).params),
            core::ptr::addr_of_mut!((*f).defaults),
            core::ptr::addr_of_mut!((*f).kwdefaults),
            core::ptr::addr_of_mut!((*f).closure),
            core::ptr::addr_of_mut!((*f).dict),
            core::ptr::addr_of_mut!((*f).doc),
        ] {
            super::gc::clear_slot(slot);
        }
    }
}

/// Frees a function object, releasing what it holds.
///
/// # Safety
/// `h` is a function object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    // SAFETY: forwarded contract: the fields are initialised owned references, released once,
    // after the block is freed (their frees are deferred anyway: see `alloc`).
    unsafe {
        let f = h.cast::<FunctionObject>();
        let owned = [(*f).name, (*f).qualname, (*f).module, (*f).params, (*f).defaults, (*f).kwdefaults, (*f).closure, (*f).dict, (*f).doc];
        free_raw(h, Layout::new::<FunctionObject>(), HeapKind::Function);
        for o in owned {
            decref(o);
        }
    }
}

/// The `__dict__` of function `o` (made on first use).
fn function_dict(o: Obj) -> MoltResult<Obj> {
    let Some(p) = function_ptr(o) else { return fail(TypeError, "not a function") };
    // SAFETY: a live function; the field is read, or written once with a new dict.
    unsafe {
        if singletons::is_none((*p).dict) {
            (*p).dict = dict::new_dict()?;
        }
        Ok(new_ref((*p).dict))
    }
}

/// `f.name = value` / `del f.name` (`func_set_name`, `func_set_qualname`, the members, then the
/// function's `__dict__`): None for a non-function.
pub fn setattr(o: Obj, name: &str, value: Option<Obj>) -> Option<MoltResult<()>> {
    let p = function_ptr(o)?;
    let replace = |slot: *mut Obj, v: Obj| {
        // SAFETY: a live function's owned field; the old reference is released after the store.
        unsafe { decref(core::ptr::replace(slot, new_ref(v))) };
    };
    Some((|| match name {
        "__name__" | "__qualname__" => {
            let Some(v) = value.filter(|&v| pystr::str_text(v).is_some()) else {
                return fail(TypeError, format!("{name} must be set to a string object"));
            };
            // SAFETY: a live function.
            let slot = unsafe { if name == "__name__" { core::ptr::addr_of_mut!((*p).name) } else { core::ptr::addr_of_mut!((*p).qualname) } };
            replace(slot, v);
            Ok(())
        }
        "__module__" => {
            // SAFETY: a live function.
            replace(unsafe { core::ptr::addr_of_mut!((*p).module) }, value.unwrap_or_else(singletons::none));
            Ok(())
        }
        "__doc__" => {
            // SAFETY: a live function (`del f.__doc__` leaves None, as `func_set_doc`).
            replace(unsafe { core::ptr::addr_of_mut!((*p).doc) }, value.unwrap_or_else(singletons::none));
            Ok(())
        }
        "__dict__" => match value {
            Some(v) if dict::is_dict(v) => {
                // SAFETY: a live function.
                replace(unsafe { core::ptr::addr_of_mut!((*p).dict) }, v);
                Ok(())
            }
            Some(v) => fail(TypeError, format!("__dict__ must be set to a dictionary, not a '{}'", v.type_of().name)),
            None => fail(TypeError, "cannot delete __dict__"),
        },
        "__closure__" | "__globals__" | "__builtins__" => fail(crate::ExceptionKind::AttributeError, "readonly attribute"),
        "__defaults__" | "__kwdefaults__" | "__code__" => {
            fail(crate::ExceptionKind::NotImplementedError, format!("setting {name} of a function is not supported by Molt yet"))
        }
        _ => {
            let d = Owned(function_dict(o)?);
            let key = Owned(pystr::str_from_text(name)?);
            match value {
                Some(v) => dict::set_item(d.get(), key.get(), v),
                None if dict::get_str(d.get(), name).is_some() => dict::del_item(d.get(), key.get()),
                None => fail(crate::ExceptionKind::AttributeError, format!("'function' object has no attribute '{name}'")),
            }
        }
    })())
}

/// `func_repr`: `<function outer.<locals>.inner at 0x7f…>`.
fn function_repr(o: Obj) -> MoltResult<String> {
    let q = function_ref(o).map_or("?", |f| text(f.qualname));
    Ok(format!("<function {q} at {:#x}>", o.raw() & !(crate::OBJ_TAG as u64)))
}

/// The attributes of functions (`__name__`, `__qualname__`, `__module__`, `__defaults__`,
/// `__kwdefaults__`, `__closure__`) and cells (`cell_contents`: ValueError "Cell is empty");
/// None for another object or name.
pub fn attribute(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    if let Some(f) = function_ref(o) {
        let none_if = |empty: bool, v: Obj| new_ref(if empty { singletons::none() } else { v });
        return Some(Ok(match name {
            "__name__" => new_ref(f.name),
            "__qualname__" => new_ref(f.qualname),
            "__module__" => new_ref(f.module),
            "__doc__" => new_ref(f.doc),
            "__defaults__" => none_if(tuple::tuple_len(f.defaults) == Some(0), f.defaults),
            "__kwdefaults__" => new_ref(f.kwdefaults),
            "__closure__" => none_if(tuple::tuple_len(f.closure) == Some(0), f.closure),
            "__dict__" => return Some(function_dict(o)),
            _ => {
                let d = f.dict;
                if singletons::is_none(d) {
                    return None;
                }
                return dict::get_str(d, name).map(|v| Ok(new_ref(v)));
            }
        }));
    }
    if name == "cell_contents"
        && let Some(p) = cell_ptr(o)
    {
        // SAFETY: a live cell.
        return Some(match unsafe { (*p).value } {
            Some(v) => Ok(new_ref(v)),
            None => fail(ValueError, "Cell is empty"),
        });
    }
    None
}

// --- binding (initialize_locals) ---

/// `format_missing`: "f() missing 2 required positional arguments: 'a' and 'b'".
fn format_missing(qualname: &str, kind: &str, names: &[String]) -> MoltError {
    let list = match names {
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [head @ .., a, b] => format!("{}, {a}, and {b}", head.join(", ")),
        [] => String::new(),
    };
    MoltError::new(
        TypeError,
        format!(
            "{qualname}() missing {} required {kind} argument{}: {list}",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        ),
    )
}

/// `missing_arguments`: the names (repr'd) of the empty slots `range`.
fn missing_arguments(f: &FunctionObject, slots: &[Option<Obj>], range: core::ops::Range<usize>, kind: &str) -> MoltError {
    let names = tuple::tuple_items(f.params).unwrap_or(&[]);
    let missing: Vec<String> = range
        .filter(|&i| slots.get(i).is_some_and(Option::is_none))
        .map(|i| pystr::str_repr(names.get(i).map_or("", |&n| text(n))))
        .collect();
    format_missing(text(f.qualname), kind, &missing)
}

/// `too_many_positional`: "f() takes from 1 to 2 positional arguments but 3 were given".
fn too_many_positional(f: &FunctionObject, given: usize, slots: &[Option<Obj>]) -> MoltError {
    let kwonly_given = slots.iter().skip(f.argcount).filter(|s| s.is_some()).count();
    let defcount = tuple::tuple_len(f.defaults).unwrap_or(0);
    let (sig, plural) = if defcount > 0 {
        (format!("from {} to {}", f.argcount - defcount, f.argcount), true)
    } else {
        (format!("{}", f.argcount), f.argcount != 1)
    };
    let s = |n: usize| if n != 1 { "s" } else { "" };
    let kwonly_sig = if kwonly_given > 0 {
        format!(" positional argument{} (and {kwonly_given} keyword-only argument{})", s(given), s(kwonly_given))
    } else {
        String::new()
    };
    MoltError::new(
        TypeError,
        format!(
            "{}() takes {sig} positional argument{} but {given}{kwonly_sig} {} given",
            text(f.qualname),
            if plural { "s" } else { "" },
            if given == 1 && kwonly_given == 0 { "was" } else { "were" }
        ),
    )
}

/// `positional_only_passed_as_keyword`: the keywords that name positional-only parameters, by
/// parameter, then in call order; None if there are none.
fn positional_only_passed_as_keyword(f: &FunctionObject, kw: &[(&str, Obj)]) -> Option<MoltError> {
    let names = tuple::tuple_items(f.params).unwrap_or(&[]);
    let mut hits: Vec<&str> = Vec::new();
    for &n in names.iter().take(f.posonly) {
        hits.extend(kw.iter().map(|&(k, _)| k).filter(|&k| k == text(n)));
    }
    if hits.is_empty() {
        return None;
    }
    Some(MoltError::new(
        TypeError,
        format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            text(f.qualname),
            hits.join(", ")
        ),
    ))
}

/// The bound parameters' words of a call of function `func` with positional arguments `pos`
/// and keyword arguments `kw` (CPython 3.11's `initialize_locals`, its checks in its order), as
/// new references (give them back with `list::release`).
pub fn bind(func: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Vec<Obj>> {
    let Some(f) = function_ref(func) else { return compiler_bug("bind") };
    let names = tuple::tuple_items(f.params).unwrap_or(&[]);
    let total = names.len();
    let nargs = pos.len();
    let mut slots: Vec<Option<Obj>> = Vec::new();
    if slots.try_reserve_exact(total).is_err() {
        return memory_error();
    }
    slots.resize(total, None);
    let n = nargs.min(f.argcount);
    for (slot, &x) in slots.iter_mut().zip(&pos[..n]) {
        *slot = Some(x);
    }
    let qualname = text(f.qualname);
    // The `**kwargs` dict: every keyword that names no parameter (positional-only ones too).
    let kwdict = if f.has_varkw { Some(super::range::Owned(dict::new_dict()?)) } else { None };
    for &(key, value) in kw {
        let Some(j) = (f.posonly..total).find(|&j| text(names[j]) == key) else {
            if let Some(d) = &kwdict {
                dict::set_item(d.get(), pystr::str_from_text(key).map(super::range::Owned)?.get(), value)?;
                continue;
            }
            if f.posonly > 0
                && let Some(e) = positional_only_passed_as_keyword(f, kw)
            {
                return Err(e);
            }
            return fail(TypeError, format!("{qualname}() got an unexpected keyword argument '{key}'"));
        };
        if slots[j].is_some() {
            return fail(TypeError, format!("{qualname}() got multiple values for argument '{key}'"));
        }
        slots[j] = Some(value);
    }
    if nargs > f.argcount && !f.has_varargs {
        return Err(too_many_positional(f, nargs, &slots));
    }
    if nargs < f.argcount {
        let defaults = tuple::tuple_items(f.defaults).unwrap_or(&[]);
        let m = f.argcount - defaults.len();
        if (nargs..m).any(|i| slots[i].is_none()) {
            return Err(missing_arguments(f, &slots, 0..m, "positional"));
        }
        let start = n.saturating_sub(m);
        for (i, &d) in defaults.iter().enumerate().skip(start) {
            if slots[m + i].is_none() {
                slots[m + i] = Some(d);
            }
        }
    }
    if total > f.argcount {
        let mut missing = false;
        for i in f.argcount..total {
            if slots[i].is_some() {
                continue;
            }
            if dict::is_dict(f.kwdefaults)
                && let Some(d) = dict::get_item(f.kwdefaults, names[i])?
            {
                // SAFETY: `get_item` returned a new reference; the dict (which the function
                // owns, unchanged) keeps the value alive.
                unsafe { decref(d) };
                slots[i] = Some(d);
                continue;
            }
            missing = true;
        }
        if missing {
            return Err(missing_arguments(f, &slots, f.argcount..total, "keyword-only"));
        }
    }
    let mut items: Vec<Obj> = Vec::new();
    if items.try_reserve_exact(bound_count(f)).is_err() {
        return memory_error();
    }
    items.extend(slots.iter().map(|s| new_ref(s.unwrap_or_default())));
    if f.has_varargs {
        let extra = pos.get(n..).unwrap_or(&[]);
        match tuple::tuple_from_slice(extra) {
            Ok(t) => items.push(t),
            Err(e) => {
                super::list::release(items);
                return Err(e);
            }
        }
    }
    if let Some(d) = kwdict {
        items.push(new_ref(d.get()));
    }
    Ok(items)
}

/// How many bound words the body of `f` receives: its parameters, then the `*args` tuple and the
/// `**kwargs` dict when it has them.
fn bound_count(f: &FunctionObject) -> usize {
    tuple::tuple_len(f.params).unwrap_or(0) + usize::from(f.has_varargs) + usize::from(f.has_varkw)
}

/// The bound words a native body (a [`CodeFn`] of the runtime's own, [`native_function`])
/// receives, as a slice.
///
/// # Safety
/// `func` and `args` are what [`call_raw`] passed to the body.
pub(crate) unsafe fn bound_args<'a>(func: Obj, args: *const Obj) -> &'a [Obj] {
    match function_ref(func) {
        // SAFETY: `call_raw` passes `bound_count` words, alive for the call.
        Some(f) if !args.is_null() => unsafe { core::slice::from_raw_parts(args, bound_count(f)) },
        Some(_) | None => &[],
    }
}

/// Calls function object `func` from a frame at `depth`: binds the arguments ([`bind`]), then
/// raises RecursionError if the new frame would be deeper than the recursion limit
/// (`molt_recursion_limit`), else runs the compiled body at `depth + 1` (the runtime's current
/// depth meanwhile) and returns its result word untouched: a new reference, or the word 0 with
/// its exception pending. The body reads the bound words in place, with a reference to each
/// held here for the call.
pub fn call_raw(func: Obj, pos: &[Obj], kw: &[(&str, Obj)], depth: i64) -> Obj {
    let Some(f) = function_ref(func) else {
        return value_or_raise(compiler_bug("call_raw"));
    };
    // Exactly the positional parameters, by position (the common case): the caller's words
    // are the bound ones.
    if kw.is_empty() && let Some(code) = positional_code(func, pos.len()) {
        return run_positional(func, code, pos, depth);
    }
    let depth = depth.saturating_add(1);
    let bound = match bind(func, pos, kw) {
        Ok(b) => b,
        Err(e) => {
            raise_error(&e);
            return Obj::default();
        }
    };
    let r = if depth > crate::exceptions::recursion_limit() {
        value_or_raise(fail(RecursionError, RECURSION_MSG))
    } else {
        run_body(f, func, bound.as_ptr(), depth)
    };
    super::list::release(bound);
    r
}

/// The code of function object `func` when a call with `nargs` positional arguments and no
/// keywords binds them, in order, as all its parameters (no defaults used, no `*args` or
/// `**kwargs`): the caller's words are then the bound ones ([`run_positional`]). None for any
/// other call or object. Small, and testing the heap kind rather than naming `TYPE_FUNCTION`
/// (whose slots reach the binding code), so that generic call paths (`callable::call_object`)
/// can test it without linking the function type into every program.
#[inline]
pub(crate) fn positional_code(func: Obj, nargs: usize) -> Option<CodeFn> {
    // SAFETY: a function object (`function_ptr` tests the kind), alive while the caller's
    // reference is; its fields are read by copy.
    let f = unsafe { &*function_ptr(func)? };
    (!f.has_varargs && !f.has_varkw && nargs == f.argcount && tuple::tuple_len(f.params) == Some(nargs)).then_some(f.code)
}

/// Runs `code`, which [`positional_code`] gave for `func` and `args.len()`, on the caller's
/// words `args` from a frame at `depth`: RecursionError past the limit, else the body's result
/// (or the word 0 with an exception pending). Holds a reference to each argument for the call.
pub(crate) fn run_positional(func: Obj, code: CodeFn, args: &[Obj], depth: i64) -> Obj {
    let depth = depth.saturating_add(1);
    if depth > crate::exceptions::recursion_limit() {
        return value_or_raise(fail(RecursionError, RECURSION_MSG));
    }
    for &x in args {
        super::incref(x);
    }
    let saved = super::callable::enter_depth(depth);
    // SAFETY: `code` is `func`'s compiled body (`positional_code`), which takes exactly these
    // words; `func` and the words stay alive across the call (the caller's references and the
    // ones taken above).
    let r = unsafe { code(func, args.as_ptr(), depth) };
    super::callable::leave_depth(saved);
    for &x in args {
        // SAFETY: the reference taken above.
        unsafe { decref(x) };
    }
    r
}

/// Runs the compiled body of `f` (the function object `func`) on the bound words at `args`
/// at frame depth `depth` (the runtime's current depth meanwhile).
fn run_body(f: &FunctionObject, func: Obj, args: *const Obj, depth: i64) -> Obj {
    let code = f.code;
    let saved = super::callable::enter_depth(depth);
    // SAFETY: `code` is the compiled body `molt_function_new` was given (its caller's contract);
    // `func` and the words at `args` stay alive across the call (references the caller holds).
    let r = unsafe { code(func, args, depth) };
    super::callable::leave_depth(saved);
    r
}

/// The `tp_call` of functions: [`call_raw`], with a raised exception taken into the error.
fn function_call(func: Obj, pos: &[Obj], kw: &[(&str, Obj)], depth: i64) -> MoltResult<Obj> {
    let r = call_raw(func, pos, kw, depth);
    if crate::exceptions::exception_pending() {
        return Err(MoltError::take_raised());
    }
    Ok(r)
}

// --- cells ---

/// A new cell holding `value` (borrowed), or empty.
pub fn new_cell(value: Option<Obj>) -> MoltResult<Obj> {
    let p = alloc_container(Layout::new::<CellObject>(), &TYPE_CELL)?.cast::<CellObject>();
    // SAFETY: `p` is a fresh `CellObject` block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).value).write(value.map(new_ref));
        let o = Obj::from_header(p.cast());
        super::gc::track(o);
        Ok(o)
    }
}

/// Visits the value of a cell (`cell_traverse`).
///
/// # Safety
/// `h` is a live cell.
pub(crate) unsafe fn traverse_cell(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    if let Some(v) = unsafe { (*h.cast::<CellObject>()).value } {
        visit(v);
    }
}

/// Empties an unreachable cell (`cell_clear`).
///
/// # Safety
/// `h` is a live cell that the collector found unreachable.
pub(crate) unsafe fn clear_cell(h: *mut Header) {
    // SAFETY: forwarded contract.
    if let Some(v) = unsafe { (*h.cast::<CellObject>()).value.take() } {
        // SAFETY: the cell owned this reference.
        unsafe { decref(v) };
    }
}

/// Frees a cell, releasing its value.
///
/// # Safety
/// `h` is a cell with no reference left.
pub(crate) unsafe fn free_cell(h: *mut Header) {
    // SAFETY: forwarded contract: the value is released once.
    unsafe {
        let v = (*h.cast::<CellObject>()).value.take();
        free_raw(h, Layout::new::<CellObject>(), HeapKind::Cell);
        if let Some(v) = v {
            decref(v);
        }
    }
}

/// The value of cell `o` (borrowed), None while empty or for a non-cell.
fn cell_value(o: Obj) -> Option<Obj> {
    // SAFETY: a live cell.
    cell_ptr(o).and_then(|p| unsafe { (*p).value })
}

/// Replaces the value of cell `o` (a new reference to `value`, or empty), dropping the old one
/// after the new one is in place.
fn cell_replace(o: Obj, value: Option<Obj>) {
    let Some(p) = cell_ptr(o) else { return };
    let value = value.map(new_ref);
    // SAFETY: a live cell; single-threaded, no borrow of its value is held.
    let old = unsafe { core::mem::replace(&mut (*p).value, value) };
    if let Some(old) = old {
        // SAFETY: the cell owned this reference; it has just been removed.
        unsafe { decref(old) };
    }
}

/// Stores `value` (borrowed) in cell `o` (a class's `__classcell__`).
pub fn cell_store(o: Obj, value: Obj) {
    cell_replace(o, Some(value));
}

/// `format_exc_unbound`'s errors for an empty cell.
fn unbound<T>(name: &str, free: bool) -> MoltResult<T> {
    if free {
        fail(
            NameError,
            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
        )
    } else {
        fail(
            UnboundLocalError,
            format!("cannot access local variable '{name}' where it is not associated with a value"),
        )
    }
}

/// `cell_repr`: `<cell at 0x…: int object at 0x…>`, `<cell at 0x…: empty>` (a small int, which
/// has no address, shows its `id()`).
fn cell_repr(o: Obj) -> MoltResult<String> {
    let addr = |x: Obj| x.raw() & !(crate::OBJ_TAG as u64) | u64::from(x.is_small());
    Ok(match cell_value(o) {
        Some(v) => format!("<cell at {:#x}: {} object at {:#x}>", addr(o), v.type_of().name, addr(v)),
        None => format!("<cell at {:#x}: empty>", addr(o)),
    })
}

/// `cell_richcompare`: by contents; an empty cell comes before anything else.
fn cell_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if !is_cell(v) || !is_cell(w) {
        return Ok(singletons::not_implemented());
    }
    match (cell_value(v), cell_value(w)) {
        (Some(a), Some(b)) => {
            // Each value is held by a reference of its own while compared (a comparison could
            // empty the cell).
            let (a, b) = (Owned(new_ref(a)), Owned(new_ref(b)));
            dispatch::rich_compare(op, a.get(), b.get())
        }
        // Py_RETURN_RICHCOMPARE(b == NULL, a == NULL, op)
        (a, b) => {
            let ord = u8::from(b.is_none()).cmp(&u8::from(a.is_none()));
            Ok(singletons::bool_obj(dispatch::op_holds(op, ord)))
        }
    }
}

// --- the C ABI ---

/// A new function object (see `abi.rs`). All object arguments are borrowed.
///
/// # Safety
/// `code` is null (a TypeError) or a compiled body with the C signature
/// `extern "C" fn(obj, obj, i64) -> obj`, valid for the whole program.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn molt_function_new(
    code: *const u8,
    name: Obj,
    qualname: Obj,
    module: Obj,
    params: Obj,
    argcount: i64,
    posonly: i64,
    flags: i64,
    defaults: Obj,
    kwdefaults: Obj,
    closure: Obj,
) -> Obj {
    let code = if code.is_null() {
        None
    } else {
        // SAFETY: the caller's contract: a non-null `code` is such a function.
        Some(unsafe { core::mem::transmute::<*const u8, CodeFn>(code) })
    };
    value_or_raise(new_function(code, name, qualname, module, params, argcount, posonly, flags, defaults, kwdefaults, closure))
}

/// Cell `index` of function `func`'s closure (a new reference).
#[unsafe(no_mangle)]
pub extern "C" fn molt_function_cell(func: Obj, index: i64) -> Obj {
    let cell = function_ref(func)
        .and_then(|f| tuple::tuple_items(f.closure))
        .and_then(|c| c.get(usize::try_from(index).ok()?).copied());
    value_or_raise(match cell {
        Some(c) => Ok(new_ref(c)),
        None => compiler_bug("molt_function_cell"),
    })
}

/// A new cell holding `value` (borrowed) when `has_value`, else empty.
#[unsafe(no_mangle)]
pub extern "C" fn molt_cell_new(value: Obj, has_value: bool) -> Obj {
    value_or_raise(new_cell(has_value.then_some(value)))
}

/// The value in `cell` (a new reference); an empty cell raises NameError (`free`) or
/// UnboundLocalError naming the variable.
///
/// # Safety
/// `name` must be valid for reads of `len` bytes (or null / `len <= 0`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_cell_get(cell: Obj, name: *const u8, len: i64, free: bool) -> Obj {
    if let Some(v) = cell_value(cell) {
        return new_ref(v);
    }
    // SAFETY: forwarded caller contract.
    let name = unsafe { crate::exceptions::bytes_from_raw(name, len) };
    value_or_raise(if is_cell(cell) {
        unbound(&String::from_utf8_lossy(name), free)
    } else {
        compiler_bug("molt_cell_get")
    })
}

/// Stores `value` (borrowed) in `cell`, dropping what it held.
#[unsafe(no_mangle)]
pub extern "C" fn molt_cell_set(cell: Obj, value: Obj) {
    if !is_cell(cell) {
        return value_or_raise(compiler_bug("molt_cell_set"));
    }
    cell_replace(cell, Some(value));
}

/// `del NAME` of a variable held in `cell`: empties it; an empty one raises as `molt_cell_get`.
///
/// # Safety
/// `name` must be valid for reads of `len` bytes (or null / `len <= 0`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_cell_delete(cell: Obj, name: *const u8, len: i64, free: bool) {
    if cell_value(cell).is_some() {
        return cell_replace(cell, None);
    }
    // SAFETY: forwarded caller contract.
    let name = unsafe { crate::exceptions::bytes_from_raw(name, len) };
    value_or_raise(if is_cell(cell) {
        unbound(&String::from_utf8_lossy(name), free)
    } else {
        compiler_bug("molt_cell_delete")
    })
}

