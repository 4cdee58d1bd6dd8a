//! The methods of `re.Pattern` that match (CPython 3.11's `_sre_SRE_Pattern_match_impl` and
//! its siblings, `pattern_subx`, `_sre_SRE_Pattern_split_impl`, `_sre_SRE_Pattern_findall_impl`)
//! and replacement templates (`re._compile_repl`, `_parser.expand_template`).
//!
//! Relies on: the engine (`Regex::exec`, `Regex::all`), `objects` (Pattern and Match),
//! `template`, `module::raise_error` (a template's `re.error`).
//!
//! Provides: [`PATTERN_METHODS`], [`compile_template`], [`expand_into`].
//!
//! Invariants: positions are clipped to the subject as `state_init` clips them; successive
//! matches follow sre's `must_advance` rule (`Regex::all`); the argument errors are Argument
//! Clinic's for the same signatures.

use alloc::format;
use alloc::sync::Arc;
use alloc::string::String;
use alloc::vec::Vec;

use super::exec::{Captures, Mode};
use super::objects::{PatternState, new_match, pattern_of, substring};
use super::template::{Piece, TemplateError, parse_template};
use crate::ExceptionKind::{IndexError, NotImplementedError, TypeError};
use crate::exceptions::{MoltResult, fail};
use crate::object::call::{ssize_arg, unpack_args};
use crate::object::range::Owned;
use crate::object::types::MethodDef;
use crate::object::{Obj, bytes, callable, int, list, singletons, str as pystr, tuple};

/// The matching methods of `re.Pattern`.
pub const PATTERN_METHODS: &[MethodDef] = &[
    MethodDef { name: "match", call: p_match },
    MethodDef { name: "search", call: p_search },
    MethodDef { name: "fullmatch", call: p_fullmatch },
    MethodDef { name: "findall", call: p_findall },
    MethodDef { name: "finditer", call: p_finditer },
    MethodDef { name: "sub", call: p_sub },
    MethodDef { name: "subn", call: p_subn },
    MethodDef { name: "split", call: p_split },
    MethodDef { name: "__copy__", call: copy_self },
    MethodDef { name: "__deepcopy__", call: deepcopy_self },
];

/// `Pattern.__copy__` / `Match.__copy__`: the object itself (both are immutable).
pub(super) fn copy_self(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    crate::object::call::no_keywords_for("__copy__", kw)?;
    crate::object::call::check_positional("__copy__", pos.len(), 0, 0)?;
    Ok(crate::object::new_ref(o))
}

/// `Pattern.__deepcopy__(memo)` / `Match.__deepcopy__(memo)`: the object itself.
pub(super) fn deepcopy_self(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    crate::object::call::no_keywords_for("__deepcopy__", kw)?;
    if pos.len() != 1 {
        return fail(TypeError, format!("__deepcopy__() takes exactly one argument ({} given)", pos.len()));
    }
    Ok(crate::object::new_ref(o))
}

fn pattern<'a>(o: Obj) -> MoltResult<&'a PatternState> {
    match pattern_of(o) {
        Some(p) => Ok(p),
        None => fail(TypeError, "descriptor requires a 're.Pattern' object"),
    }
}

/// The subject's code points (`getstring`'s errors).
pub fn subject(s: Obj) -> MoltResult<Arc<[char]>> {
    match pystr::str_text(s) {
        Some(t) => Ok(super::module::subject_chars(s, t)),
        None if bytes::bytes_data(s).is_some() => fail(TypeError, "cannot use a string pattern on a bytes-like object"),
        None => fail(TypeError, format!("expected string or bytes-like object, got '{}'", s.type_of().short_name())),
    }
}

/// `state_init`'s clipping of `pos` and `endpos`.
fn bounds(len: usize, pos: Option<Obj>, endpos: Option<Obj>) -> MoltResult<(usize, usize)> {
    let clip = |v: i64| if v < 0 { 0 } else { (v as u64).min(len as u64) as usize };
    let p = match pos {
        Some(p) => clip(ssize_arg(p)?),
        None => 0,
    };
    let e = match endpos {
        Some(e) => clip(ssize_arg(e)?),
        None => len,
    };
    Ok((p, e))
}

fn match_impl(o: Obj, name: &str, mode: Mode, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [string, p, e] = unpack_args(name, ["string", "pos", "endpos"], 0, 1, 3, pos, kw)?;
    let Some(string) = string else { return fail(TypeError, format!("{name}() missing required argument 'string' (pos 1)")) };
    let pat = pattern(o)?;
    let chars = subject(string)?;
    let (p, e) = bounds(chars.len(), p, e)?;
    match pat.regex.exec(&chars, p, e, mode) {
        Some(c) => new_match(c, string, chars, o, p, e),
        None => Ok(singletons::none()),
    }
}

pub(super) fn p_match(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match_impl(o, "match", Mode::Match, pos, kw)
}

pub(super) fn p_search(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match_impl(o, "search", Mode::Search, pos, kw)
}

pub(super) fn p_fullmatch(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match_impl(o, "fullmatch", Mode::FullMatch, pos, kw)
}

/// Every match of `o` in `string[pos:endpos]`: the pattern, the subject's code points, the
/// clipped bounds and the matches.
fn all_of<'a>(o: Obj, string: Obj, p: Option<Obj>, e: Option<Obj>, limit: usize) -> MoltResult<(&'a PatternState, Arc<[char]>, usize, usize, Vec<Captures>)> {
    let pat = pattern(o)?;
    let chars = subject(string)?;
    let (p, e) = bounds(chars.len(), p, e)?;
    let all = pat.regex.all(&chars, p, e, limit);
    Ok((pat, chars, p, e, all))
}

/// Group g's text ('' when it did not take part), for findall.
fn group_or_empty(chars: &[char], c: &Captures, g: usize) -> MoltResult<Obj> {
    match c.span(g) {
        Some((a, b)) => substring(chars, a, b),
        None => pystr::str_from_text(""),
    }
}

fn collect(items: Vec<MoltResult<Obj>>) -> MoltResult<Vec<Obj>> {
    let mut out = Vec::with_capacity(items.len());
    let mut err = None;
    for i in items {
        match i {
            Ok(o) => out.push(o),
            Err(e) => {
                if err.is_none() {
                    err = Some(e);
                }
            }
        }
    }
    match err {
        None => Ok(out),
        Some(e) => {
            list::release(out);
            Err(e)
        }
    }
}

pub(super) fn p_findall(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [string, p, e] = unpack_args("findall", ["string", "pos", "endpos"], 0, 1, 3, pos, kw)?;
    let Some(string) = string else { return fail(TypeError, "findall() missing required argument 'string' (pos 1)") };
    let (pat, chars, _, _, all) = all_of(o, string, p, e, 0)?;
    let groups = pat.regex.groups;
    let items: Vec<MoltResult<Obj>> = all
        .iter()
        .map(|c| match groups {
            0 => substring(&chars, c.start, c.end),
            1 => group_or_empty(&chars, c, 1),
            n => collect((1..=n).map(|g| group_or_empty(&chars, c, g)).collect()).and_then(tuple::tuple_from_vec),
        })
        .collect();
    list::list_from_vec(collect(items)?)
}

pub(super) fn p_finditer(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [string, p, e] = unpack_args("finditer", ["string", "pos", "endpos"], 0, 1, 3, pos, kw)?;
    let Some(string) = string else { return fail(TypeError, "finditer() missing required argument 'string' (pos 1)") };
    pattern(o)?;
    let chars = subject(string)?;
    let (p, e) = bounds(chars.len(), p, e)?;
    super::objects::new_scan(o, string, chars, p, e)
}

pub(super) fn p_split(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [string, maxsplit] = unpack_args("split", ["string", "maxsplit"], 0, 1, 2, pos, kw)?;
    let Some(string) = string else { return fail(TypeError, "split() missing required argument 'string' (pos 1)") };
    let maxsplit = match maxsplit {
        Some(m) => ssize_arg(m)?,
        None => 0,
    };
    let pat = pattern(o)?;
    let chars = subject(string)?;
    let all = if maxsplit < 0 { Vec::new() } else { pat.regex.all(&chars, 0, chars.len(), maxsplit as usize) };
    let mut items: Vec<MoltResult<Obj>> = Vec::new();
    let mut last = 0;
    for c in &all {
        items.push(substring(&chars, last, c.start));
        for g in 1..=pat.regex.groups {
            items.push(match c.span(g) {
                Some((a, b)) => substring(&chars, a, b),
                None => Ok(singletons::none()),
            });
        }
        last = c.end;
    }
    items.push(substring(&chars, last, chars.len()));
    list::list_from_vec(collect(items)?)
}

/// `_compile_repl(template, pattern)`.
pub fn compile_template(p: &PatternState, t: Obj) -> MoltResult<Vec<Piece>> {
    let Some(text) = pystr::str_text(t) else {
        if bytes::bytes_data(t).is_some() {
            return fail(NotImplementedError, "bytes templates are not supported by Molt yet");
        }
        return fail(TypeError, format!("decoding to str: need a bytes-like object, {} found", t.type_of().short_name()));
    };
    let chars: Vec<char> = text.chars().collect();
    match parse_template(&chars, p.regex.groups, &p.regex.names) {
        Ok(pieces) => Ok(pieces),
        Err(TemplateError::UnknownName(msg)) => fail(IndexError, msg),
        Err(TemplateError::Re(e)) => Err(super::module::error_of(&e, t)),
    }
}

/// `expand_template`: the pieces with each group's text ('' when it did not take part).
pub fn expand_into(out: &mut String, pieces: &[Piece], c: &Captures, chars: &[char]) {
    for piece in pieces {
        match piece {
            Piece::Lit(s) => out.push_str(s),
            Piece::Group(g) => {
                if let Some((a, b)) = c.span(*g) {
                    out.extend(&chars[a..b]);
                }
            }
        }
    }
}

/// What replaces each match.
enum Repl {
    Literal(String),
    Template(Vec<Piece>),
    Callable(Obj),
}

/// `pattern_subx`: the new string and the number of substitutions.
fn subx(o: Obj, name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<(Obj, usize)> {
    let [repl, string, count] = unpack_args(name, ["repl", "string", "count"], 0, 2, 3, pos, kw)?;
    let (Some(repl), Some(string)) = (repl, string) else {
        let missing = if repl.is_none() { "'repl' (pos 1)" } else { "'string' (pos 2)" };
        return fail(TypeError, format!("{name}() missing required argument {missing}"));
    };
    let count = match count {
        Some(c) => ssize_arg(c)?,
        None => 0,
    };
    let pat = pattern(o)?;
    let r = if callable::is_callable(repl) {
        Repl::Callable(repl)
    } else {
        match pystr::str_text(repl) {
            Some(t) if !t.contains('\\') => Repl::Literal(String::from(t)),
            _ => Repl::Template(compile_template(pat, repl)?),
        }
    };
    let chars = subject(string)?;
    let all = if count < 0 { Vec::new() } else { pat.regex.all(&chars, 0, chars.len(), count as usize) };
    let mut out = String::new();
    let mut last = 0;
    let mut pieces = 0usize;
    let n = all.len();
    for c in all {
        if last < c.start {
            out.extend(&chars[last..c.start]);
            pieces += 1;
        }
        let end = c.end;
        match &r {
            Repl::Literal(s) => {
                out.push_str(s);
                pieces += 1;
            }
            Repl::Template(p) => {
                expand_into(&mut out, p, &c, &chars);
                pieces += 1;
            }
            Repl::Callable(f) => {
                let m = Owned(new_match(c, string, chars.clone(), o, 0, chars.len())?);
                let item = Owned(callable::call_object(*f, &[m.get()], &[])?);
                if !singletons::is_none(item.get()) {
                    match pystr::str_text(item.get()) {
                        Some(t) => out.push_str(t),
                        None => {
                            return fail(TypeError, format!("sequence item {pieces}: expected str instance, {} found", item.get().type_of().short_name()));
                        }
                    }
                    pieces += 1;
                }
            }
        }
        last = end;
    }
    if last < chars.len() {
        out.extend(&chars[last..]);
    }
    Ok((pystr::str_from_text(&out)?, n))
}

pub(super) fn p_sub(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    subx(o, "sub", pos, kw).map(|(s, _)| s)
}

pub(super) fn p_subn(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let (s, n) = subx(o, "subn", pos, kw)?;
    tuple::tuple_from_results([Ok(s), int::from_i64(n as i64)])
}
