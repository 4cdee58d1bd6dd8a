//! `re.Pattern` and `re.Match` objects (CPython 3.11's `Modules/_sre/sre.c`: `pattern_repr`,
//! `pattern_richcompare`, `match_getindex`, `match_group`, `match_groups`, `match_groupdict`,
//! `match_start`/`end`/`span`, `match_repr`, the members `string`, `re`, `pos`, `endpos`,
//! `lastindex`, `lastgroup`, `regs`). The Pattern methods that match are in `api`.
//!
//! Relies on: the engine (`Regex`, `Captures`), `module_kinds` (the free hook of kind `Re`,
//! registered by `re`'s `fill`), `template` (`Match.expand`).
//!
//! Provides: [`TYPE_PATTERN`], [`TYPE_MATCH`], [`new_pattern`], [`new_match`], [`pattern_of`],
//! [`KIND_HOOKS`], substring helpers.
//!
//! Invariants: a Pattern owns its pattern str; a Match owns its subject str and its Pattern;
//! neither can reach a container, so they form no cycle (kind `Re` is not tracked). The subject's
//! code points are shared (`Arc`) by the matches of one call.

use alloc::alloc::Layout;
use core::cell::Cell;
use alloc::boxed::Box;
use alloc::format;
use alloc::sync::Arc;
use alloc::string::String;
use alloc::vec::Vec;

use super::exec::Captures;
use super::parse::py_repr;
use super::Regex;
use crate::ExceptionKind::{IndexError, TypeError};
use crate::exceptions::{MoltResult, fail};
use crate::object::alloc::{HeapKind, alloc_raw, free_raw};
use crate::object::call::{check_positional, no_keywords_for, unpack_args};
use crate::object::range::Owned;
use crate::object::types::{MethodDef, TYPE_OBJECT, TypeObject};
use crate::object::{Header, Obj, decref, dict, dispatch, int, new_ref, singletons, str as pystr, tuple};
use crate::CompareOp;

/// A compiled pattern's state.
pub struct PatternState {
    pub regex: Regex,
    /// The pattern str (owned).
    pub pattern: Obj,
}

/// A match's state.
pub struct MatchState {
    pub caps: Captures,
    /// The subject (owned) and its code points.
    pub string: Obj,
    pub chars: Arc<[char]>,
    /// The Pattern (owned).
    pub pattern: Obj,
    pub pos: usize,
    pub endpos: usize,
}

/// A `finditer` iterator's state (CPython's `callable_iterator` over `scanner.search`).
pub struct ScanState {
    pub pattern: Obj,
    pub string: Obj,
    pub chars: Arc<[char]>,
    pub pos: usize,
    pub endpos: usize,
    /// Where the next search starts, whether an empty match there is refused, whether the
    /// scan is over.
    pub at: Cell<usize>,
    pub must_advance: Cell<bool>,
    pub done: Cell<bool>,
}

enum State {
    Pattern(PatternState),
    Match(MatchState),
    Scan(ScanState),
}

#[repr(C)]
struct ReObject {
    header: Header,
    state: *mut State,
}

/// `re.Pattern`.
pub static TYPE_PATTERN: TypeObject = TypeObject {
    heap: Some(HeapKind::Re),
    methods: super::api::PATTERN_METHODS,
    attributes: Some(pattern_attributes),
    repr: Some(pattern_repr),
    richcompare: Some(pattern_richcompare),
    hash: Some(pattern_hash),
    ..TypeObject::new("re.Pattern", &TYPE_OBJECT)
};

/// `re.Match`.
pub static TYPE_MATCH: TypeObject = TypeObject {
    heap: Some(HeapKind::Re),
    methods: MATCH_METHODS,
    attributes: Some(match_attributes),
    repr: Some(match_repr),
    subscript: Some(match_subscript),
    ..TypeObject::new("re.Match", &TYPE_OBJECT)
};

/// The iterator `finditer` returns.
pub static TYPE_SCAN_ITER: TypeObject = TypeObject {
    heap: Some(HeapKind::Re),
    iter: Some(scan_iter),
    iternext: Some(scan_next),
    ..TypeObject::new("callable_iterator", &TYPE_OBJECT)
};

const MATCH_METHODS: &[MethodDef] = &[
    MethodDef { name: "group", call: m_group },
    MethodDef { name: "groups", call: m_groups },
    MethodDef { name: "groupdict", call: m_groupdict },
    MethodDef { name: "start", call: m_start },
    MethodDef { name: "end", call: m_end },
    MethodDef { name: "span", call: m_span },
    MethodDef { name: "expand", call: m_expand },
    MethodDef { name: "__getitem__", call: m_getitem },
    MethodDef { name: "__copy__", call: super::api::copy_self },
    MethodDef { name: "__deepcopy__", call: super::api::deepcopy_self },
];

/// The free hook of kind `Re`.
pub static KIND_HOOKS: crate::object::module_kinds::KindHooks =
    crate::object::module_kinds::KindHooks { free, traverse: |_, _, _| {}, clear: |_, _| {} };

/// # Safety
/// `h` is a Pattern or Match at count zero.
unsafe fn free(h: *mut Header, kind: HeapKind) {
    // SAFETY: forwarded contract: the state was boxed by `alloc_state` and is released once;
    // the references it holds are its own.
    unsafe {
        let st = Box::from_raw((*h.cast::<ReObject>()).state);
        match *st {
            State::Pattern(p) => decref(p.pattern),
            State::Match(m) => {
                decref(m.string);
                decref(m.pattern);
            }
            State::Scan(sc) => {
                decref(sc.string);
                decref(sc.pattern);
            }
        }
        free_raw(h, Layout::new::<ReObject>(), kind);
    }
}

fn alloc_state(ty: &'static TypeObject, st: State) -> MoltResult<Obj> {
    let h = match alloc_raw(Layout::new::<ReObject>(), ty) {
        Ok(h) => h,
        Err(e) => {
            // SAFETY: the state's references are owned and released here, once.
            unsafe {
                match st {
                    State::Pattern(p) => decref(p.pattern),
                    State::Match(m) => {
                        decref(m.string);
                        decref(m.pattern);
                    }
                    State::Scan(sc) => {
                        decref(sc.string);
                        decref(sc.pattern);
                    }
                }
            }
            return Err(e);
        }
    };
    // SAFETY: a fresh block for a `ReObject` whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*h.cast::<ReObject>()).state).write(Box::into_raw(Box::new(st)));
        Ok(Obj::from_header(h))
    }
}

/// A new Pattern (takes a new reference to `pattern`).
pub fn new_pattern(regex: Regex, pattern: Obj) -> MoltResult<Obj> {
    alloc_state(&TYPE_PATTERN, State::Pattern(PatternState { regex, pattern: new_ref(pattern) }))
}

/// A new Match (takes new references to `string` and `pattern`).
pub fn new_match(caps: Captures, string: Obj, chars: Arc<[char]>, pattern: Obj, pos: usize, endpos: usize) -> MoltResult<Obj> {
    let st = MatchState { caps, string: new_ref(string), chars, pattern: new_ref(pattern), pos, endpos };
    alloc_state(&TYPE_MATCH, State::Match(st))
}

/// A new `finditer` iterator (takes new references to `string` and `pattern`).
pub fn new_scan(pattern: Obj, string: Obj, chars: Arc<[char]>, pos: usize, endpos: usize) -> MoltResult<Obj> {
    let st = ScanState {
        pattern: new_ref(pattern),
        string: new_ref(string),
        chars,
        pos,
        endpos,
        at: Cell::new(pos),
        must_advance: Cell::new(false),
        done: Cell::new(false),
    };
    alloc_state(&TYPE_SCAN_ITER, State::Scan(st))
}

fn scan_iter(o: Obj) -> MoltResult<Obj> {
    Ok(new_ref(o))
}

/// The next match of the scan (`pattern_scanner_search`), None at the end.
fn scan_next(o: Obj) -> MoltResult<Option<Obj>> {
    let Some(State::Scan(sc)) = state(o) else { return fail(TypeError, "not a scanner") };
    if sc.done.get() {
        return Ok(None);
    }
    let Some(p) = pattern_of(sc.pattern) else { return fail(TypeError, "not a pattern") };
    match p.regex.scan(&sc.chars, sc.at.get(), sc.endpos, sc.must_advance.get()) {
        None => {
            sc.done.set(true);
            Ok(None)
        }
        Some(c) => {
            sc.must_advance.set(c.end == c.start);
            sc.at.set(c.end);
            new_match(c, sc.string, sc.chars.clone(), sc.pattern, sc.pos, sc.endpos).map(Some)
        }
    }
}

fn state<'a>(o: Obj) -> Option<&'a State> {
    if o.type_of().heap != Some(HeapKind::Re) {
        return None;
    }
    // SAFETY: an object of kind `Re` is a `ReObject` whose state lives as long as it does and is
    // never mutated after creation.
    o.header_ptr().map(|h| unsafe { &*(*h.cast::<ReObject>()).state })
}

/// The state of Pattern `o`.
pub fn pattern_of<'a>(o: Obj) -> Option<&'a PatternState> {
    match state(o) {
        Some(State::Pattern(p)) => Some(p),
        Some(State::Match(_) | State::Scan(_)) | None => None,
    }
}

fn match_of<'a>(o: Obj) -> MoltResult<&'a MatchState> {
    match state(o) {
        Some(State::Match(m)) => Ok(m),
        Some(State::Pattern(_) | State::Scan(_)) | None => fail(TypeError, "descriptor requires a 're.Match' object"),
    }
}

/// `string[a:b]` as a new str.
pub fn substring(chars: &[char], a: usize, b: usize) -> MoltResult<Obj> {
    let s: String = chars[a..b].iter().collect();
    pystr::str_from_text(&s)
}

/// `pattern_repr`.
fn pattern_repr(o: Obj) -> MoltResult<String> {
    let Some(p) = pattern_of(o) else { return fail(TypeError, "not a pattern") };
    let mut r = dispatch::repr_of(p.pattern)?;
    if r.chars().count() > 200 {
        r = r.chars().take(200).collect();
    }
    let mut flags = p.regex.flags;
    if flags & (super::parse::FLAG_LOCALE | super::parse::FLAG_UNICODE | super::parse::FLAG_ASCII) == super::parse::FLAG_UNICODE {
        flags &= !super::parse::FLAG_UNICODE;
    }
    if flags == 0 {
        return Ok(format!("re.compile({r})"));
    }
    Ok(format!("re.compile({r}, {})", flag_names(flags)))
}

/// The flags as `re.IGNORECASE|re.MULTILINE` (sre's `flag_names` order, the rest in hex).
pub fn flag_names(mut flags: u32) -> String {
    use super::parse::*;
    const NAMES: [(&str, u32); 9] = [
        ("re.TEMPLATE", FLAG_TEMPLATE),
        ("re.IGNORECASE", FLAG_IGNORECASE),
        ("re.LOCALE", FLAG_LOCALE),
        ("re.MULTILINE", FLAG_MULTILINE),
        ("re.DOTALL", FLAG_DOTALL),
        ("re.UNICODE", FLAG_UNICODE),
        ("re.VERBOSE", FLAG_VERBOSE),
        ("re.DEBUG", FLAG_DEBUG),
        ("re.ASCII", FLAG_ASCII),
    ];
    let mut parts: Vec<String> = Vec::new();
    for (n, f) in NAMES {
        if flags & f != 0 {
            parts.push(String::from(n));
            flags &= !f;
        }
    }
    if flags != 0 {
        parts.push(format!("0x{flags:x}"));
    }
    parts.join("|")
}

fn pattern_richcompare(op: CompareOp, a: Obj, b: Obj) -> MoltResult<Obj> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(singletons::not_implemented());
    }
    let (Some(x), Some(y)) = (pattern_of(a), pattern_of(b)) else {
        return Ok(singletons::not_implemented());
    };
    let eq = a.is(b) || x.regex.flags == y.regex.flags && dispatch::rich_compare_bool(CompareOp::Eq, x.pattern, y.pattern)?;
    Ok(singletons::bool_obj(eq == (op == CompareOp::Eq)))
}

fn pattern_hash(o: Obj) -> MoltResult<i64> {
    let Some(p) = pattern_of(o) else { return fail(TypeError, "not a pattern") };
    let h = dispatch::hash(p.pattern)? ^ i64::from(p.regex.flags).wrapping_mul(1_000_003);
    Ok(if h == -1 { -2 } else { h })
}

/// `groupindex` as a dict.
pub fn groupindex(p: &PatternState) -> MoltResult<Obj> {
    let d = Owned(dict::new_dict()?);
    for (name, g) in &p.regex.names {
        let k = Owned(pystr::str_from_text(name)?);
        let v = Owned(int::from_i64(*g as i64)?);
        dict::set_item(d.get(), k.get(), v.get())?;
    }
    Ok(d.release())
}

fn pattern_attributes(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let p = pattern_of(o)?;
    Some(match name {
        "pattern" => Ok(new_ref(p.pattern)),
        "flags" => int::from_i64(i64::from(p.regex.flags)),
        "groups" => int::from_i64(p.regex.groups as i64),
        "groupindex" => groupindex(p),
        _ => return None,
    })
}

fn match_attributes(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    let Some(State::Match(m)) = state(o) else { return None };
    Some(match name {
        "string" => Ok(new_ref(m.string)),
        "re" => Ok(new_ref(m.pattern)),
        "pos" => int::from_i64(m.pos as i64),
        "endpos" => int::from_i64(m.endpos as i64),
        "lastindex" => {
            if m.caps.lastindex == 0 {
                Ok(singletons::none())
            } else {
                int::from_i64(m.caps.lastindex as i64)
            }
        }
        "lastgroup" => lastgroup(m),
        "regs" => {
            let n = groups_of(m) + 1;
            tuple::tuple_try_collect(n, (0..n).map(|g| span_tuple(m, g)))
        }
        _ => return None,
    })
}

fn lastgroup(m: &MatchState) -> MoltResult<Obj> {
    let li = m.caps.lastindex;
    if let Some(p) = pattern_of(m.pattern) {
        if let Some((n, _)) = p.regex.names.iter().find(|&&(_, g)| g == li) {
            if li != 0 {
                return pystr::str_from_text(n);
            }
        }
    }
    Ok(singletons::none())
}

fn groups_of(m: &MatchState) -> usize {
    pattern_of(m.pattern).map_or(0, |p| p.regex.groups)
}

/// `match_getindex`: the group number `g` names.
fn group_index(m: &MatchState, g: Obj) -> MoltResult<usize> {
    let n = groups_of(m) + 1;
    let i = if int::is_int(g) {
        dispatch::as_index(g, crate::ExceptionKind::IndexError)?.unwrap_or(-1)
    } else if let (Some(name), Some(p)) = (pystr::str_text(g), pattern_of(m.pattern)) {
        p.regex.names.iter().find(|(k, _)| k == name).map_or(-1, |&(_, v)| v as i64)
    } else if dispatch::as_index(g, IndexError).is_ok_and(|v| v.is_some()) {
        dispatch::as_index(g, IndexError)?.unwrap_or(-1)
    } else {
        -1
    };
    if i < 0 || i as usize >= n {
        return fail(IndexError, "no such group");
    }
    Ok(i as usize)
}

/// Group `g`'s text, or `default` (borrowed) when it did not take part.
fn group_value(m: &MatchState, g: usize, default: Obj) -> MoltResult<Obj> {
    match m.caps.span(g) {
        Some((a, b)) => substring(&m.chars, a, b),
        None => Ok(new_ref(default)),
    }
}

fn span_tuple(m: &MatchState, g: usize) -> MoltResult<Obj> {
    let (a, b) = m.caps.span(g).map_or((-1, -1), |(a, b)| (a as i64, b as i64));
    tuple::tuple_from_results([int::from_i64(a), int::from_i64(b)])
}

fn m_group(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("Match.group", kw)?;
    let m = match_of(o)?;
    let none_ref = Owned(singletons::none());
    let none = none_ref.get();
    match pos {
        [] => group_value(m, 0, none),
        [g] => group_value(m, group_index(m, *g)?, none),
        gs => tuple::tuple_try_collect(gs.len(), gs.iter().map(|&g| group_index(m, g).and_then(|i| group_value(m, i, none)))),
    }
}

fn m_getitem(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    crate::object::call::no_keywords_for("__getitem__", kw)?;
    match pos {
        [g] => match_subscript(o, *g),
        _ => fail(TypeError, format!("expected 1 argument, got {}", pos.len())),
    }
}

fn match_subscript(o: Obj, g: Obj) -> MoltResult<Obj> {
    let m = match_of(o)?;
    let none = Owned(singletons::none());
    group_value(m, group_index(m, g)?, none.get())
}

fn m_groups(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [default] = unpack_args("groups", ["default"], 0, 0, 1, pos, kw)?;
    let m = match_of(o)?;
    let none = Owned(singletons::none());
    let default = default.unwrap_or(none.get());
    tuple::tuple_try_collect(groups_of(m), (1..=groups_of(m)).map(|g| group_value(m, g, default)))
}

fn m_groupdict(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [default] = unpack_args("groupdict", ["default"], 0, 0, 1, pos, kw)?;
    let m = match_of(o)?;
    let none = Owned(singletons::none());
    let default = default.unwrap_or(none.get());
    let d = Owned(dict::new_dict()?);
    if let Some(p) = pattern_of(m.pattern) {
        for (name, g) in &p.regex.names {
            let k = Owned(pystr::str_from_text(name)?);
            let v = Owned(group_value(m, *g, default)?);
            dict::set_item(d.get(), k.get(), v.get())?;
        }
    }
    Ok(d.release())
}

fn group_arg(m: &MatchState, name: &str, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<usize> {
    no_keywords_for(format_args!("Match.{name}"), kw)?;
    check_positional(name, pos.len(), 0, 1)?;
    match pos.first() {
        None => Ok(0),
        Some(&g) => group_index(m, g),
    }
}

fn m_start(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let m = match_of(o)?;
    let g = group_arg(m, "start", pos, kw)?;
    int::from_i64(m.caps.span(g).map_or(-1, |(a, _)| a as i64))
}

fn m_end(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let m = match_of(o)?;
    let g = group_arg(m, "end", pos, kw)?;
    int::from_i64(m.caps.span(g).map_or(-1, |(_, b)| b as i64))
}

fn m_span(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let m = match_of(o)?;
    let g = group_arg(m, "span", pos, kw)?;
    span_tuple(m, g)
}

fn m_expand(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [t] = unpack_args("expand", ["template"], 0, 1, 1, pos, kw)?;
    let m = match_of(o)?;
    let Some(t) = t else { return fail(TypeError, "expand() missing required argument 'template' (pos 1)") };
    let Some(p) = pattern_of(m.pattern) else { return fail(TypeError, "not a pattern") };
    let pieces = super::api::compile_template(p, t)?;
    let mut out = String::new();
    super::api::expand_into(&mut out, &pieces, &m.caps, &m.chars);
    pystr::str_from_text(&out)
}

/// `match_repr`: `<re.Match object; span=(0, 3), match='abc'>` (the repr cut at 50 chars).
fn match_repr(o: Obj) -> MoltResult<String> {
    let m = match_of(o)?;
    let (a, b) = (m.caps.start, m.caps.end);
    let text: String = m.chars[a..b].iter().collect();
    let r: String = pystr::str_repr(&text).chars().take(50).collect();
    Ok(format!("<re.Match object; span=({a}, {b}), match={r}>"))
}

/// A group name's repr, for messages.
pub fn name_repr(n: &str) -> String {
    py_repr(n)
}
