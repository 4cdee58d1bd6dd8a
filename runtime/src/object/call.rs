//! Method calls on builtin objects: `recv.NAME(*args, **kwargs)` through the types' method
//! tables, and the argument checks of CPython's method calling conventions and Argument
//! Clinic.
//!
//! Relies on: `types::MethodDef` tables (each type's own, the bases' inherited); `attrs::getattr`
//! for a name that is no method (its AttributeError and "Did you mean" suggestion, exactly as
//! `molt_obj_getattr` raises them) and `callable::call_object` to call such an attribute;
//! `dispatch::as_index` and the `__index__` slots for integer arguments. The references are CPython 3.11's `method_vectorcall_O`,
//! `method_vectorcall_NOARGS`, `method_check_args` (Objects/descrobject.c),
//! `_PyArg_CheckPositional`, `_PyArg_UnpackKeywords`, `error_unexpected_keyword_arg`
//! (Python/getargs.c), `_PyEval_SliceIndexNotNone` (Python/ceval.c), `_PyNumber_Index`,
//! `PyLong_AsSsize_t` and `_PyLong_AsInt`.
//!
//! Provides: the ABI's `molt_obj_lookup_method` and `molt_obj_call_method`, [`lookup_method`],
//! [`call_method`], [`call_generic`], [`GENERIC_METHOD`], and the helpers methods and builtin functions use to check their arguments:
//! [`no_keywords`] / [`no_keywords_for`], [`exactly_one`] / [`exactly_one_for`], [`no_args`],
//! [`check_positional`], [`ssize_arg`], [`slice_index_not_none`], [`c_int_arg`],
//! [`unpack_args`] (Argument Clinic's parser) with its special cases [`unpack_keywords`] and
//! [`unpack_optional`], [`unexpected_keyword`].
//!
//! Invariants: every message is CPython's for the same call; a method receives its receiver
//! borrowed, its arguments borrowed, and returns a new reference. A method call makes no bound
//! method object for a builtin method or for a function found on a user class (see
//! [`call_generic`]); `molt_obj_lookup_method` returns a `MethodDef` address, null, or the
//! address of [`GENERIC_METHOD`] (user instances, classes, `super` objects).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Display;

use super::types::MethodDef;
use super::{Obj, decref, int};
use crate::ExceptionKind::{OverflowError, TypeError};
use crate::exceptions::{MoltError, MoltResult, fail, value_or_raise};

/// `recv.name(*pos, **kw)`: the method of `recv`'s type, else the attribute `recv.name` called
/// (CPython's `LOAD_METHOD` falling back to `getattr`, then `CALL`): its AttributeError, or
/// TypeError "'int' object is not callable" for an attribute that is not callable.
pub fn call_method(recv: Obj, name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if let Some(m) = recv.type_of().method(name) {
        return (m.call)(recv, pos, kw);
    }
    let attr = super::range::Owned(super::attrs::getattr(recv, name)?);
    super::callable::call_object(attr.get(), pos, kw)
}

/// `method_check_args`: "list.append() takes no keyword arguments".
pub fn no_keywords(recv: Obj, name: &str, kw: &[(&str, Obj)]) -> MoltResult<()> {
    if kw.is_empty() {
        return Ok(());
    }
    takes_no_keywords(&format_args!("{}.{name}", recv.type_of().short_name()))
}

/// `cfunction_check_kwargs` / `_PyArg_NoKwnames` for the callable `who` (`len`, `list`):
/// "len() takes no keyword arguments".
pub fn no_keywords_for(who: impl Display, kw: &[(&str, Obj)]) -> MoltResult<()> {
    if kw.is_empty() {
        return Ok(());
    }
    takes_no_keywords(&who)
}

#[cold]
fn takes_no_keywords<T>(who: &dyn Display) -> MoltResult<T> {
    fail(TypeError, format!("{who}() takes no keyword arguments"))
}

/// A `METH_O` method's argument: "list.append() takes exactly one argument (0 given)".
pub fn exactly_one(recv: Obj, name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match (pos, kw) {
        ([x], []) => Ok(*x),
        _ => not_one(&format_args!("{}.{name}", recv.type_of().short_name()), pos.len(), kw),
    }
}

/// A `METH_O` callable's argument (`cfunction_vectorcall_O`: the keywords checked first):
/// "len() takes exactly one argument (2 given)".
pub fn exactly_one_for(who: impl Display, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match (pos, kw) {
        ([x], []) => Ok(*x),
        _ => not_one(&who, pos.len(), kw),
    }
}

/// The errors of a `METH_O` call that does not pass exactly one positional argument.
#[cold]
fn not_one(who: &dyn Display, given: usize, kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    if !kw.is_empty() {
        return takes_no_keywords(who);
    }
    fail(TypeError, format!("{who}() takes exactly one argument ({given} given)"))
}

/// A `METH_NOARGS` method's check: "list.reverse() takes no arguments (1 given)".
pub fn no_args(recv: Obj, name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<()> {
    no_keywords(recv, name, kw)?;
    if pos.is_empty() {
        Ok(())
    } else {
        fail(
            TypeError,
            format!(
                "{}.{name}() takes no arguments ({} given)",
                recv.type_of().short_name(),
                pos.len()
            ),
        )
    }
}

/// `_PyArg_CheckPositional(name, nargs, min, max)`: "insert expected 2 arguments, got 1",
/// "pop expected at most 1 argument, got 2", "index expected at least 1 argument, got 0".
pub fn check_positional(name: &str, nargs: usize, min: usize, max: usize) -> MoltResult<()> {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if nargs < min {
        let qual = if min == max { "" } else { "at least " };
        return fail(
            TypeError,
            format!(
                "{name} expected {qual}{min} argument{}, got {nargs}",
                plural(min)
            ),
        );
    }
    if nargs > max {
        let qual = if min == max { "" } else { "at most " };
        return fail(
            TypeError,
            format!(
                "{name} expected {qual}{max} argument{}, got {nargs}",
                plural(max)
            ),
        );
    }
    Ok(())
}

/// `_PyNumber_Index(o)` as an int value: TypeError "'str' object cannot be interpreted as an
/// integer".
fn index_value(o: Obj) -> MoltResult<(Option<i64>, bool)> {
    let Some(index) = o.type_of().index_slot() else {
        return fail(
            TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                o.type_of().name
            ),
        );
    };
    let i = index(o)?;
    let r = int::int_ref(i).map_or((Some(0), false), |r| (r.to_i64(), r.is_negative()));
    // SAFETY: `index` returned a new reference, used above.
    unsafe { decref(i) };
    Ok(r)
}

/// Argument Clinic's `Py_ssize_t` converter: `_PyNumber_Index` then `PyLong_AsSsize_t`
/// (OverflowError "Python int too large to convert to C ssize_t").
pub fn ssize_arg(o: Obj) -> MoltResult<i64> {
    match index_value(o)? {
        (Some(v), _) => Ok(v),
        (None, _) => fail(
            OverflowError,
            "Python int too large to convert to C ssize_t",
        ),
    }
}

/// Argument Clinic's `int` converter (`_PyLong_AsInt`): OverflowError "Python int too large to
/// convert to C int" outside the C int range.
pub fn c_int_arg(o: Obj) -> MoltResult<i32> {
    match index_value(o)? {
        (Some(v), _) => match i32::try_from(v) {
            Ok(v) => Ok(v),
            Err(_) => fail(OverflowError, "Python int too large to convert to C int"),
        },
        (None, _) => fail(OverflowError, "Python int too large to convert to C int"),
    }
}

/// `_PyEval_SliceIndexNotNone`: an index, clamped to the i64 range; TypeError "slice indices
/// must be integers or have an __index__ method".
pub fn slice_index_not_none(o: Obj) -> MoltResult<i64> {
    if o.type_of().index_slot().is_none() {
        return fail(
            TypeError,
            "slice indices must be integers or have an __index__ method",
        );
    }
    match index_value(o)? {
        (Some(v), _) => Ok(v),
        (None, true) => Ok(i64::MIN),
        (None, false) => Ok(i64::MAX),
    }
}

/// `_PyArg_UnpackKeywords` (Python/getargs.c) for a function `fname` whose parameters are
/// `names`: the first `posonly` positional-only (their names unused), then positional-or-keyword
/// ones up to `maxpos`, then keyword-only ones; the first `minpos` required (no required
/// keyword-only parameter). The value of each, by position or by name, with CPython's errors in
/// its order ("int() takes at most 2 arguments (3 given)", "sum() takes at least 1 positional
/// argument (0 given)", "round() missing required argument 'number' (pos 1)", "argument for
/// round() given by name ('number') and position (1)", "'x' is an invalid keyword argument for
/// int()").
pub fn unpack_args<const N: usize>(
    fname: &str,
    names: [&str; N],
    posonly: usize,
    minpos: usize,
    maxpos: usize,
    pos: &[Obj],
    kw: &[(&str, Obj)],
) -> MoltResult<[Option<Obj>; N]> {
    let mut out = [None; N];
    unpack_into(fname, &names, posonly, minpos, maxpos, pos, kw, &mut out)?;
    Ok(out)
}

/// [`unpack_args`] into `out` (one slot per name; not generic, so its code is linked once).
#[allow(clippy::too_many_arguments)]
fn unpack_into(
    fname: &str,
    names: &[&str],
    posonly: usize,
    minpos: usize,
    maxpos: usize,
    pos: &[Obj],
    kw: &[(&str, Obj)],
    out: &mut [Option<Obj>],
) -> MoltResult<()> {
    let n = names.len().min(out.len());
    let nargs = pos.len();
    if kw.is_empty() && minpos <= nargs && nargs <= maxpos {
        for (slot, &p) in out.iter_mut().zip(pos) {
            *slot = Some(p);
        }
        return Ok(());
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let given = nargs + kw.len();
    if given > n {
        return fail(
            TypeError,
            format!(
                "{fname}() takes at most {n} {}argument{} ({given} given)",
                if nargs == 0 { "keyword " } else { "" },
                plural(n)
            ),
        );
    }
    if nargs > maxpos {
        if maxpos == 0 {
            return fail(TypeError, format!("{fname}() takes no positional arguments"));
        }
        return fail(
            TypeError,
            format!(
                "{fname}() takes {} {maxpos} positional argument{} ({nargs} given)",
                if minpos < maxpos { "at most" } else { "exactly" },
                plural(maxpos)
            ),
        );
    }
    let minposonly = posonly.min(minpos);
    if nargs < minposonly {
        return fail(
            TypeError,
            format!(
                "{fname}() takes {} {minposonly} positional argument{} ({nargs} given)",
                if minposonly < maxpos { "at least" } else { "exactly" },
                plural(minposonly)
            ),
        );
    }
    for (slot, &p) in out.iter_mut().zip(pos) {
        *slot = Some(p);
    }
    let mut left = kw.len();
    for i in nargs.max(posonly)..n {
        let current = if left > 0 {
            kw.iter().find(|(k, _)| *k == names[i]).map(|&(_, v)| v)
        } else if i >= minpos {
            break;
        } else {
            None
        };
        out[i] = current;
        if current.is_some() {
            left -= 1;
        } else if i < minpos {
            return fail(
                TypeError,
                format!("{fname}() missing required argument '{}' (pos {})", names[i], i + 1),
            );
        }
    }
    if left > 0 {
        for (i, name) in names.iter().enumerate().take(nargs).skip(posonly) {
            if kw.iter().any(|(k, _)| k == name) {
                return fail(
                    TypeError,
                    format!(
                        "argument for {fname}() given by name ('{name}') and position ({})",
                        i + 1
                    ),
                );
            }
        }
        return Err(unexpected_keyword(fname, &names[posonly.min(n)..], kw));
    }
    Ok(())
}

/// `error_unexpected_keyword_arg`: the first keyword not in `names`: "'x' is an invalid keyword
/// argument for int()".
pub fn unexpected_keyword(fname: &str, names: &[&str], kw: &[(&str, Obj)]) -> MoltError {
    match kw.iter().find(|(k, _)| !names.contains(k)) {
        Some((bad, _)) => MoltError::new(
            TypeError,
            format!("'{bad}' is an invalid keyword argument for {fname}()"),
        ),
        None => MoltError::new(TypeError, format!("invalid keyword argument for {fname}()")),
    }
}

/// `_PyArg_UnpackKeywords` for a function `fname` whose parameters are all keyword-only
/// (`names`, none required; `list.sort`'s `key` and `reverse`): the value of each, by name.
pub fn unpack_keywords<const N: usize>(
    fname: &str,
    names: [&str; N],
    pos: &[Obj],
    kw: &[(&str, Obj)],
) -> MoltResult<[Option<Obj>; N]> {
    unpack_args(fname, names, 0, 0, 0, pos, kw)
}

/// `_PyArg_UnpackKeywords` for a function `fname` whose parameters `names` are all optional and
/// positional-or-keyword (`str.split(sep=None, maxsplit=-1)`, `str.splitlines(keepends=False)`):
/// the value of each, by position or by name.
pub fn unpack_optional<const N: usize>(
    fname: &str,
    names: [&str; N],
    pos: &[Obj],
    kw: &[(&str, Obj)],
) -> MoltResult<[Option<Obj>; N]> {
    unpack_args(fname, names, 0, 0, N, pos, kw)
}

/// The method `name` of `recv`'s type (`LOAD_METHOD`): `Some` for a method of the tables,
/// `None` for an attribute that is not a method, CPython's AttributeError otherwise.
#[inline]
pub fn lookup_method(recv: Obj, name: &str) -> MoltResult<Option<&'static MethodDef>> {
    if let Some(m) = recv.type_of().method(name) {
        return Ok(Some(m));
    }
    let attr = super::attrs::getattr(recv, name)?;
    // SAFETY: `getattr` returned a new reference.
    unsafe { decref(attr) };
    Ok(None)
}

/// What `molt_obj_lookup_method` returns for a receiver whose attributes are looked up by the
/// generic protocol (an instance of a user class, a class, a `super` object): the address of
/// this byte, never a `MethodDef`. `molt_obj_call_method` then finds the attribute as
/// CPython's `LOAD_METHOD` does.
pub static GENERIC_METHOD: u8 = 0;

/// Whether `recv`'s attributes go through the generic protocol (see [`GENERIC_METHOD`]).
fn is_generic_receiver(recv: Obj) -> bool {
    super::class::is_heap(recv.type_of()) || super::types::as_type(recv).is_some() || super::super_::parts(recv).is_some()
}

/// `LOAD_METHOD`'s check for a generic receiver: whether `recv.name` would be found, without
/// running a getter (a property's, a user `__getattr__`, which run once, at the call); the
/// AttributeError otherwise.
fn check_generic(recv: Obj, name: &str) -> MoltResult<()> {
    let t = recv.type_of();
    if super::class::is_heap(t) {
        if (super::class::may_define_hook(t, super::class::HOOK_GETATTR) && super::class::find(t, "__getattr__", |_| false).is_some())
            || (super::class::may_define_hook(t, super::class::HOOK_GETATTRIBUTE) && super::class::find(t, "__getattribute__", |_| false).is_some())
            || name == "__class__"
            || name == "__dict__"
            || super::class::lookup_attr(t, name).is_some()
        {
            return Ok(());
        }
        if super::instance::own_attr(recv, name).is_some() {
            return Ok(());
        }
        if super::exception::is_exception(recv) {
            return super::attrs::getattr(recv, name).map(|v| drop(super::range::Owned(v)));
        }
        return Err(super::instance::no_attribute(recv, name));
    }
    super::attrs::getattr(recv, name).map(|v| drop(super::range::Owned(v)))
}

/// The ABI's `molt_obj_lookup_method` (`name` a str): a builtin method's `MethodDef`, the
/// address of [`GENERIC_METHOD`] for a generic receiver, null for an attribute that is no
/// method; null with the AttributeError pending when there is no such attribute.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_lookup_method(recv: Obj, name: Obj) -> *const u8 {
    lookup_method_word(recv, name)
}

/// The body of `molt_obj_lookup_method`, inlined into its cached form (`attr_cache`).
#[inline(always)]
pub fn lookup_method_word(recv: Obj, name: Obj) -> *const u8 {
    let name = match super::attrs::attr_name(name) {
        Ok(n) => n,
        Err(e) => {
            value_or_raise::<Obj>(Err(e));
            return core::ptr::null();
        }
    };
    if is_generic_receiver(recv) {
        return match check_generic(recv, name) {
            Ok(()) => core::ptr::from_ref(&GENERIC_METHOD),
            Err(e) => {
                value_or_raise::<Obj>(Err(e));
                core::ptr::null()
            }
        };
    }
    match lookup_method(recv, name) {
        Ok(Some(m)) => core::ptr::from_ref(m).cast(),
        Ok(None) => core::ptr::null(),
        Err(e) => {
            value_or_raise::<Obj>(Err(e));
            core::ptr::null()
        }
    }
}

/// `recv.name(*pos, **kw)` from a frame at `depth` by attribute lookup (`LOAD_METHOD` +
/// `CALL`): a function found on the class of an instance of a user class (not shadowed by the
/// instance's `__dict__`) is called with the receiver first, without a bound method (likewise
/// through a `super` object); anything else is fetched and called. A function object's result
/// word (and pending exception) is returned as the compiled body left it.
pub fn call_generic(recv: Obj, name: &str, pos: &[Obj], kw: &[(&str, Obj)], depth: i64) -> Obj {
    use super::function;
    let with_self = |f: Obj, self_: Obj| -> Obj {
        let mut all: Vec<Obj> = Vec::new();
        if all.try_reserve_exact(pos.len() + 1).is_err() {
            return value_or_raise(super::alloc::memory_error());
        }
        all.push(self_);
        all.extend_from_slice(pos);
        function::call_raw(f, &all, kw, depth)
    };
    let t = recv.type_of();
    if super::class::is_heap(t)
        && !(super::class::may_define_hook(t, super::class::HOOK_GETATTRIBUTE) && super::class::find(t, "__getattribute__", |_| false).is_some())
        && let Some(super::class::Found::Value(f)) = super::class::find(t, name, |_| false)
        && function::is_function(f.get())
    {
        // An attribute the instance holds itself (its dict's, or its layout slot's while it has
        // no dict) shadows the class's function.
        if super::instance::own_attr(recv, name).is_none() {
            return with_self(f.get(), recv);
        }
    }
    if let Some((st, o, ot)) = super::super_::parts(recv)
        && let (Some(stt), Some(start)) = (super::types::as_type(st), super::types::as_type(ot))
        && !o.is(ot)
        && let Some(f) = super::class::lookup_attr_after(start, Some(stt), name)
        && function::is_function(f.get())
    {
        return with_self(f.get(), o);
    }
    let attr = match super::attrs::getattr(recv, name) {
        Ok(a) => super::range::Owned(a),
        Err(e) => return value_or_raise(Err(e)),
    };
    if function::is_function(attr.get()) {
        return function::call_raw(attr.get(), pos, kw, depth);
    }
    value_or_raise(super::callable::call_at(attr.get(), pos, kw, depth))
}

/// For the method-call caches (`attr_cache`): the function `recv.name` finds on the class of
/// instance `recv` — a plain function of the MRO, no `__getattribute__`, the name outside the
/// class's layout (so only the instance's `__dict__` can shadow it) — that the call would run
/// with the receiver first (the instance's `__dict__` is checked on every hit).
pub fn cache_function(recv: Obj, name: Obj) -> Option<Obj> {
    let n = super::str::str_text(name)?;
    let t = recv.type_of();
    if !super::class::is_heap(t) || super::class::may_define_hook(t, super::class::HOOK_GETATTRIBUTE) || n == "__class__" || n == "__dict__" {
        return None;
    }
    if super::layout::index(super::class::layout_names(t), n).is_some() {
        return None;
    }
    match super::class::find(t, n, |_| false)? {
        super::class::Found::Value(f) if super::function::is_function(f.get()) => Some(f.get()),
        super::class::Found::Value(_) | super::class::Found::Static(_) => None,
    }
}

/// Calls function object `f` with `recv` first, then `pos` (a cached method call).
pub fn call_with_self(f: Obj, recv: Obj, pos: &[Obj], depth: i64) -> Obj {
    // Few arguments (the common case): on the stack, no allocation.
    const FEW: usize = 8;
    if pos.len() < FEW {
        let mut all = [Obj::default(); FEW];
        all[0] = recv;
        all[1..=pos.len()].copy_from_slice(pos);
        return super::function::call_raw(f, &all[..=pos.len()], &[], depth);
    }
    let mut all: Vec<Obj> = Vec::new();
    if all.try_reserve_exact(pos.len() + 1).is_err() {
        return value_or_raise(super::alloc::memory_error());
    }
    all.push(recv);
    all.extend_from_slice(pos);
    super::function::call_raw(f, &all, &[], depth)
}

/// `recv.NAME(*args)` (`CALL` after `LOAD_METHOD`): `method` is what `molt_obj_lookup_method`
/// returned; `args` (`nargs` words, a spilled array) are the positional arguments, then the
/// keyword arguments' values, named by `kwnames` (comma-separated); `depth` is the caller's
/// frame depth.
///
/// # Safety
/// `method` is null or an address `molt_obj_lookup_method` returned; `kwnames` must be valid
/// for reads of `kwlen` bytes (or null / a length `<= 0`); `args` for reads of `nargs` words.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn molt_obj_call_method(
    recv: Obj,
    method: *const u8,
    name: Obj,
    kwnames: *const u8,
    kwlen: i64,
    depth: i64,
    args: *const u8,
    nargs: i64,
) -> Obj {
    // SAFETY: forwarded caller contract.
    let all = unsafe { crate::exceptions::objs_from_raw(args, nargs) };
    // SAFETY: forwarded caller contract.
    unsafe { call_method_word(recv, method, name, all, kwnames, kwlen, depth) }
}

/// The body of `molt_obj_call_method`, inlined into its cached form (`attr_cache`); `all` are
/// the positional arguments, then the keyword arguments' values.
///
/// # Safety
/// As `molt_obj_call_method`.
#[inline]
pub unsafe fn call_method_word(
    recv: Obj,
    method: *const u8,
    name: Obj,
    all: &[Obj],
    kwnames: *const u8,
    kwlen: i64,
    depth: i64,
) -> Obj {
    let generic = core::ptr::eq(method, &GENERIC_METHOD);
    // SAFETY: a non-null `method` other than the generic marker points into a static method
    // table (caller contract).
    let method: Option<&'static MethodDef> = if generic { None } else { unsafe { method.cast::<MethodDef>().as_ref() } };
    if kwlen <= 0 {
        // Positional arguments only: no names to split.
        return match method {
            Some(m) => value_or_raise((m.call)(recv, all, &[])),
            None => match super::attrs::attr_name(name) {
                Ok(n) => call_generic(recv, n, all, &[], depth),
                Err(e) => value_or_raise(Err(e)),
            },
        };
    }
    // SAFETY: forwarded caller contract.
    let kwnames = unsafe { crate::exceptions::bytes_from_raw(kwnames, kwlen) };
    // The compiler passes identifiers: valid UTF-8.
    let kwnames = core::str::from_utf8(kwnames).unwrap_or("");
    let name = match super::attrs::attr_name(name) {
        Ok(n) => n,
        Err(e) => return value_or_raise(Err(e)),
    };
    let names: Vec<&str> = kwnames.split(',').collect();
    let Some(npos) = all.len().checked_sub(names.len()) else {
        return value_or_raise(fail(
            TypeError,
            "molt_obj_call_method: more names than values",
        ));
    };
    let (pos, kwvalues) = all.split_at(npos);
    let kw: Vec<(&str, Obj)> = names.into_iter().zip(kwvalues.iter().copied()).collect();
    match method {
        Some(m) => value_or_raise((m.call)(recv, pos, &kw)),
        None => call_generic(recv, name, pos, &kw, depth),
    }
}

/// The arguments of a call of a function written in Python in CPython (`random.py`'s methods,
/// `collections`' generated `__new__`): positional-or-keyword parameters `params` (after
/// `implicit` receivers, `self` or `_cls`, counted in the messages), the first `required` of
/// them without defaults, then keyword-only ones `kwonly` (with defaults). Each slot of `out`
/// (params then kwonly) gets its argument, None where a default applies; `initialize_locals`'s
/// errors in its order ("P.__new__() missing 1 required positional argument: 'y'", "f() got
/// an unexpected keyword argument 'z'", "f() takes from 2 to 3 positional arguments but 4 were
/// given").
#[allow(clippy::too_many_arguments)]
pub fn bind_python(
    name: &str,
    params: &[&str],
    required: usize,
    kwonly: &[&str],
    implicit: usize,
    pos: &[Obj],
    kw: &[(&str, Obj)],
    out: &mut [Option<Obj>],
) -> MoltResult<()> {
    let np = params.len();
    for (slot, &p) in out.iter_mut().zip(pos.iter().take(np)) {
        *slot = Some(p);
    }
    for &(k, value) in kw {
        let at = params.iter().chain(kwonly).position(|p| *p == k);
        let Some(slot) = at.and_then(|i| out.get_mut(i)) else {
            return fail(TypeError, format!("{name}() got an unexpected keyword argument '{k}'"));
        };
        if slot.is_some() {
            return fail(TypeError, format!("{name}() got multiple values for argument '{k}'"));
        }
        *slot = Some(value);
    }
    if pos.len() > np {
        let most = np + implicit;
        let takes = if required < np { format!("from {} to {most}", required + implicit) } else { format!("{most}") };
        let kwonly_given = kwonly.iter().filter(|k| kw.iter().any(|(n, _)| n == *k)).count();
        let given = pos.len() + implicit;
        let s = |n: usize| if n == 1 { "" } else { "s" };
        let extra = if kwonly_given > 0 {
            format!(" positional argument{} (and {kwonly_given} keyword-only argument{})", s(given), s(kwonly_given))
        } else {
            String::new()
        };
        let verb = if given == 1 && kwonly_given == 0 { "was" } else { "were" };
        return fail(TypeError, format!("{name}() takes {takes} positional argument{} but {given}{extra} {verb} given", s(most)));
    }
    let missing: Vec<&str> = (0..required).filter(|&i| out.get(i).is_some_and(Option::is_none)).map(|i| params[i]).collect();
    if !missing.is_empty() {
        let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
        let names = match quoted.as_slice() {
            [one] => one.clone(),
            [a, b] => format!("{a} and {b}"),
            [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
            [] => String::new(),
        };
        let s = if missing.len() == 1 { "" } else { "s" };
        return fail(TypeError, format!("{name}() missing {} required positional argument{s}: {names}", missing.len()));
    }
    Ok(())
}
