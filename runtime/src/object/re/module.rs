//! The `re` module's namespace: `compile`, `search`, `match`, `fullmatch`, `findall`,
//! `finditer`, `sub`, `subn`, `split` (each `_compile(pattern, flags).method(...)`, as
//! `Lib/re/__init__.py`), `escape`, `purge`, the flags, `Pattern`, `Match` and `error` (a class
//! deriving from Exception, with `msg`, `pattern`, `pos`, `lineno`, `colno` as `re.error` sets
//! them), and the cache of compiled patterns (`_cache`, 512 entries, oldest dropped first).
//!
//! Relies on: `function::native_function` (the functions are function objects with CPython's
//! signatures and binding errors), `class::class_new` (`re.error`), `objects`, `api`.
//!
//! Provides: [`fill`], [`error_of`] (a `ReError` as the exception CPython raises).
//!
//! Invariants: the cache and the error class are owned by the module's state and released at
//! exit (`module_kinds::register_exit`); a cached entry is a Pattern compiled from an equal str
//! with equal flags.

use alloc::format;
use alloc::sync::Arc;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Regex, api};
use super::objects::{KIND_HOOKS, TYPE_MATCH, TYPE_PATTERN, new_pattern, pattern_of};
use super::parse::{ErrorKind, ReError};
use crate::ExceptionKind::{NotImplementedError, OverflowError, RecursionError, TypeError, ValueError};
use crate::exceptions::{MoltError, MoltResult, fail, value_or_raise};
use crate::object::alloc::HeapKind;
use crate::object::module::{store, store_owned};
use crate::object::range::Owned;
use crate::object::{Obj, attrs, bytes, callable, class, decref, dict, int, new_ref, singletons, str as pystr, tuple};

struct ReModule {
    error: Option<Obj>,
    cache: Vec<(String, i64, Obj)>,
    /// The last long subject (owned) and its code points: a loop matching one text at
    /// successive positions (`TOKEN.match(src, pos)`) converts it once. Strs are immutable and
    /// the reference keeps the object (and so its identity) alive.
    subject: Option<(Obj, Arc<[char]>)>,
}

static STATE: crate::sys::Global<ReModule> = crate::sys::Global::new(ReModule { error: None, cache: Vec::new(), subject: None });

/// The code points of str `s` (whose text is `t`), through the one-entry subject cache.
pub fn subject_chars(s: Obj, t: &str) -> Arc<[char]> {
    if t.len() < 64 {
        return t.chars().collect();
    }
    if let Some(c) = STATE.with(|st| st.subject.as_ref().filter(|(o, _)| o.is(s)).map(|(_, c)| c.clone())) {
        return c;
    }
    let chars: Arc<[char]> = t.chars().collect();
    let old = STATE.with(|st| st.subject.replace((new_ref(s), chars.clone())));
    if let Some((o, _)) = old {
        // SAFETY: the cache owned this reference.
        unsafe { decref(o) };
    }
    chars
}

const MAXCACHE: usize = 512;

/// Releases the cache and the error class (at exit).
fn release() {
    let (err, cache, subject) = STATE.with(|s| (s.error.take(), core::mem::take(&mut s.cache), s.subject.take()));
    if let Some((o, _)) = subject {
        // SAFETY: the cache owned this reference.
        unsafe { decref(o) };
    }
    for (_, _, p) in cache {
        // SAFETY: the cache owned this reference.
        unsafe { decref(p) };
    }
    if let Some(e) = err {
        // SAFETY: the state owned this reference.
        unsafe { decref(e) };
    }
}

/// `class error(Exception)` of module `re`.
fn make_error_class() -> MoltResult<Obj> {
    let ns = Owned(dict::new_dict()?);
    store_owned(ns.get(), "__module__", pystr::str_from_text("re"))?;
    store_owned(ns.get(), "__qualname__", pystr::str_from_text("error"))?;
    store_owned(
        ns.get(),
        "__doc__",
        pystr::str_from_text(
            "Exception raised for invalid regular expressions.\n\n    Attributes:\n\n        msg: The unformatted error message\n        pattern: The regular expression pattern\n        pos: The index in the pattern where compilation failed (may be None)\n        lineno: The line corresponding to pos (may be None)\n        colno: The column corresponding to pos (may be None)\n    ",
        ),
    )?;
    let none = Owned(singletons::none());
    let init = Owned(crate::object::function::native_function(
        entry::<11>,
        "error.__init__",
        "re",
        &["self", "msg", "pattern", "pos"],
        &[none.get(), none.get()],
        false,
        false,
    )?);
    store(ns.get(), "__init__", init.get())?;
    let name = Owned(pystr::str_from_text("error")?);
    let base = Owned(crate::object::attrs::class_value(crate::object::exception::exception_type(crate::ExceptionKind::Exception)));
    let bases = Owned(tuple::tuple_from_slice(&[base.get()])?);
    class::class_new(name.get(), bases.get(), ns.get(), singletons::none(), 0)
}

fn error_class() -> MoltResult<Obj> {
    if let Some(e) = STATE.with(|s| s.error) {
        return Ok(e);
    }
    let e = make_error_class()?;
    STATE.with(|s| s.error = Some(e));
    Ok(e)
}

fn set(o: Obj, name: &str, v: MoltResult<Obj>) -> MoltResult<()> {
    let v = Owned(v?);
    let n = Owned(pystr::str_from_text(name)?);
    attrs::setattr(o, n.get(), Some(v.get()))
}

/// The exception a parse or compile error is in CPython: `re.error(msg, pattern, pos)` (its
/// message "MSG at position POS", with "(line L, column C)" for a pattern of several lines),
/// or the ValueError / OverflowError of the flags and repeat counts.
pub fn error_of(e: &ReError, pattern: Obj) -> MoltError {
    match e.kind {
        ErrorKind::Value => return MoltError::new(ValueError, e.msg.clone()),
        ErrorKind::Overflow => return MoltError::new(OverflowError, e.msg.clone()),
        ErrorKind::Recursion => return MoltError::new(RecursionError, e.msg.clone()),
        ErrorKind::Re => {}
    }
    match make_error(e, pattern) {
        Ok(err) => err,
        Err(err) => err,
    }
}

fn make_error(e: &ReError, pattern: Obj) -> MoltResult<MoltError> {
    let cls = error_class()?;
    let msg = Owned(pystr::str_from_text(&e.msg)?);
    let exc = match e.pos {
        Some(pos) => {
            let pos = Owned(int::from_i64(pos as i64)?);
            Owned(callable::call_object(cls, &[msg.get(), pattern, pos.get()], &[])?)
        }
        None => Owned(callable::call_object(cls, &[msg.get()], &[])?),
    };
    Ok(MoltError::new_raised(exc.get()))
}

/// `re.error.__init__(self, msg, pattern=None, pos=None)`: the attributes, and the message
/// "MSG at position POS", with "(line L, column C)" for a pattern of several lines.
fn error_init(a: &[Obj]) -> MoltResult<Obj> {
    let [slf, msg, pattern, pos] = a else { return fail(TypeError, "bad bound arguments (a runtime bug)") };
    set(*slf, "msg", Ok(new_ref(*msg)))?;
    set(*slf, "pattern", Ok(new_ref(*pattern)))?;
    set(*slf, "pos", Ok(new_ref(*pos)))?;
    if singletons::is_none(*pattern) || singletons::is_none(*pos) {
        set(*slf, "lineno", Ok(singletons::none()))?;
        set(*slf, "colno", Ok(singletons::none()))?;
        crate::object::exception::set_args(*slf, &[*msg])?;
        return Ok(singletons::none());
    }
    let Some(p) = (if int::is_int(*pos) { crate::object::dispatch::as_index(*pos, OverflowError)? } else { None }) else {
        return fail(TypeError, format!("%d format: a real number is required, not {}", pos.type_of().short_name()));
    };
    let mut text = format!("{} at position {p}", crate::object::dispatch::str_of(*msg)?);
    let chars: Vec<char> = pystr::str_text(*pattern).unwrap_or("").chars().collect();
    let end = usize::try_from(p).unwrap_or(0).min(chars.len());
    let lineno = chars[..end].iter().filter(|&&c| c == '\n').count() as i64 + 1;
    let colno = p - chars[..end].iter().rposition(|&c| c == '\n').map_or(-1, |i| i as i64);
    if chars.contains(&'\n') {
        text = format!("{text} (line {lineno}, column {colno})");
    }
    set(*slf, "lineno", int::from_i64(lineno))?;
    set(*slf, "colno", int::from_i64(colno))?;
    let t = Owned(pystr::str_from_text(&text)?);
    crate::object::exception::set_args(*slf, &[t.get()])?;
    Ok(singletons::none())
}

/// `re._compile(pattern, flags)`: a new reference to a Pattern.
fn compile_cached(pattern: Obj, flags: Obj) -> MoltResult<Obj> {
    let Some(fl) = (if int::is_int(flags) { crate::object::dispatch::as_index(flags, OverflowError)? } else { None }) else {
        return fail(TypeError, format!("unsupported operand type(s) for &: '{}' and 'RegexFlag'", flags.type_of().short_name()));
    };
    if pattern_of(pattern).is_some() {
        if fl != 0 {
            return fail(ValueError, "cannot process flags argument with a compiled pattern");
        }
        return Ok(new_ref(pattern));
    }
    let Some(text) = pystr::str_text(pattern) else {
        if bytes::bytes_data(pattern).is_some() {
            return fail(NotImplementedError, "bytes patterns are not supported by Molt yet");
        }
        return fail(TypeError, "first argument must be string or compiled pattern");
    };
    if let Some(p) = STATE.with(|s| s.cache.iter().find(|(t, f, _)| t == text && *f == fl).map(|e| e.2)) {
        return Ok(new_ref(p));
    }
    let chars: Vec<char> = text.chars().collect();
    let flags32 = u32::try_from(fl & 0xffff_ffff).unwrap_or(0);
    let regex = Regex::new(&chars, flags32).map_err(|e| error_of(&e, pattern))?;
    let p = new_pattern(regex, pattern)?;
    let evicted = STATE.with(|s| {
        let old = if s.cache.len() >= MAXCACHE { Some(s.cache.remove(0).2) } else { None };
        s.cache.push((String::from(text), fl, new_ref(p)));
        old
    });
    if let Some(o) = evicted {
        // SAFETY: the cache owned this reference.
        unsafe { decref(o) };
    }
    Ok(p)
}

/// A native body: the bound arguments in parameter order.
type Body = fn(&[Obj]) -> MoltResult<Obj>;

unsafe extern "C" fn entry<const B: usize>(f: Obj, args: *const Obj, _depth: i64) -> Obj {
    let body: Body = BODIES[B];
    // SAFETY: the words `call_raw` passed.
    value_or_raise(body(unsafe { crate::object::function::bound_args(f, args) }))
}

static BODIES: [Body; 12] = [f_compile, f_search, f_match, f_fullmatch, f_sub, f_subn, f_split, f_findall, f_finditer, f_escape, f_purge, error_init];

/// Calls Pattern method `method` of `_compile(pattern, flags)` with `args`.
fn via(pattern: Obj, flags: Obj, method: crate::object::types::MethodFn, args: &[Obj]) -> MoltResult<Obj> {
    let p = Owned(compile_cached(pattern, flags)?);
    method(p.get(), args, &[])
}

fn f_compile(a: &[Obj]) -> MoltResult<Obj> {
    match a {
        [p, f] => compile_cached(*p, *f),
        _ => fail(TypeError, "compile(): bad bound arguments (a runtime bug)"),
    }
}

macro_rules! three {
    ($name:ident, $m:path) => {
        fn $name(a: &[Obj]) -> MoltResult<Obj> {
            match a {
                [p, s, f] => via(*p, *f, $m, &[*s]),
                _ => fail(TypeError, "bad bound arguments (a runtime bug)"),
            }
        }
    };
}

three!(f_search, api::p_search);
three!(f_match, api::p_match);
three!(f_fullmatch, api::p_fullmatch);
three!(f_findall, api::p_findall);
three!(f_finditer, api::p_finditer);

fn f_sub(a: &[Obj]) -> MoltResult<Obj> {
    match a {
        [p, r, s, c, f] => via(*p, *f, api::p_sub, &[*r, *s, *c]),
        _ => fail(TypeError, "bad bound arguments (a runtime bug)"),
    }
}

fn f_subn(a: &[Obj]) -> MoltResult<Obj> {
    match a {
        [p, r, s, c, f] => via(*p, *f, api::p_subn, &[*r, *s, *c]),
        _ => fail(TypeError, "bad bound arguments (a runtime bug)"),
    }
}

fn f_split(a: &[Obj]) -> MoltResult<Obj> {
    match a {
        [p, s, m, f] => via(*p, *f, api::p_split, &[*s, *m]),
        _ => fail(TypeError, "bad bound arguments (a runtime bug)"),
    }
}

/// `re.escape(pattern)`: a backslash before each of `()[]{}?*+-|^$\.&~# \t\n\r\v\f`.
fn f_escape(a: &[Obj]) -> MoltResult<Obj> {
    let [p] = a else { return fail(TypeError, "bad bound arguments (a runtime bug)") };
    let Some(t) = pystr::str_text(*p) else {
        if bytes::bytes_data(*p).is_some() {
            return fail(NotImplementedError, "re.escape() of bytes is not supported by Molt yet");
        }
        return fail(TypeError, format!("decoding to str: need a bytes-like object, {} found", p.type_of().short_name()));
    };
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        if "()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    pystr::str_from_text(&out)
}

/// `re.purge()`.
fn f_purge(_: &[Obj]) -> MoltResult<Obj> {
    let cache = STATE.with(|s| core::mem::take(&mut s.cache));
    for (_, _, p) in cache {
        // SAFETY: the cache owned this reference.
        unsafe { decref(p) };
    }
    Ok(singletons::none())
}

fn function(code: crate::object::function::CodeFn, name: &str, params: &[&str], defaults: usize) -> MoltResult<Obj> {
    let zeros: Vec<Obj> = (0..defaults).map(|_| Obj::small(0).unwrap_or_else(singletons::none)).collect();
    crate::object::function::native_function(code, name, "re", params, &zeros, false, false)
}

/// Stores `re`'s names in its namespace `d`.
pub fn fill(d: Obj) -> MoltResult<()> {
    crate::object::module_kinds::register(HeapKind::Re, &KIND_HOOKS);
    crate::object::module_kinds::register_exit(release);
    store_owned(d, "compile", function(entry::<0>, "compile", &["pattern", "flags"], 1))?;
    store_owned(d, "search", function(entry::<1>, "search", &["pattern", "string", "flags"], 1))?;
    store_owned(d, "match", function(entry::<2>, "match", &["pattern", "string", "flags"], 1))?;
    store_owned(d, "fullmatch", function(entry::<3>, "fullmatch", &["pattern", "string", "flags"], 1))?;
    store_owned(d, "sub", function(entry::<4>, "sub", &["pattern", "repl", "string", "count", "flags"], 2))?;
    store_owned(d, "subn", function(entry::<5>, "subn", &["pattern", "repl", "string", "count", "flags"], 2))?;
    store_owned(d, "split", function(entry::<6>, "split", &["pattern", "string", "maxsplit", "flags"], 2))?;
    store_owned(d, "findall", function(entry::<7>, "findall", &["pattern", "string", "flags"], 1))?;
    store_owned(d, "finditer", function(entry::<8>, "finditer", &["pattern", "string", "flags"], 1))?;
    store_owned(d, "escape", function(entry::<9>, "escape", &["pattern"], 0))?;
    store_owned(d, "purge", function(entry::<10>, "purge", &[], 0))?;
    for (name, v) in [
        ("A", 256),
        ("ASCII", 256),
        ("DOTALL", 16),
        ("I", 2),
        ("IGNORECASE", 2),
        ("L", 4),
        ("LOCALE", 4),
        ("M", 8),
        ("MULTILINE", 8),
        ("NOFLAG", 0),
        ("S", 16),
        ("U", 32),
        ("UNICODE", 32),
        ("VERBOSE", 64),
        ("X", 64),
    ] {
        store_owned(d, name, int::from_i64(v))?;
    }
    store_owned(d, "Pattern", Ok(attrs::class_value(&TYPE_PATTERN)))?;
    store_owned(d, "Match", Ok(attrs::class_value(&TYPE_MATCH)))?;
    store(d, "error", error_class()?)
}
