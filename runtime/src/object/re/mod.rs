//! The `re` module: CPython 3.11's regular expressions (`Lib/re/`, `Modules/_sre/`), native.
//!
//! The engine works on code points and knows nothing of Python objects: `parse` (the syntax and
//! its errors), `compile` (a program of the matcher), `exec` (the backtracking matcher),
//! `chars` (character classes and case folding), `template` (replacement templates). The
//! objects (`Pattern`, `Match`, `re.error`, the module's functions) are `objects`, `api` and
//! `module`.
//!
//! Relies on: `str_methods_case` (Unicode character classes); for the objects, the runtime's
//! object model (`str`, `tuple`, `dict`, `class`, `exception`).
//!
//! Provides: [`Regex`] (a compiled pattern, pure Rust) and the module's `fill`.
//!
//! Invariants: indices are code-point indices; a [`Regex`] is immutable once compiled.

pub mod chars;
pub mod compile;
pub mod exec;
pub mod parse;
pub mod template;

pub mod api;
pub mod module;
pub mod objects;


use alloc::string::String;
use alloc::vec::Vec;

pub use exec::{Captures, Mode};
pub use parse::ReError;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Regex {
    pub prog: compile::Program,
    /// The flags after parsing (`Pattern.flags`).
    pub flags: u32,
    /// `Pattern.groups` (without group 0).
    pub groups: usize,
    /// `groupindex`, in definition order.
    pub names: Vec<(String, usize)>,
}

impl Regex {
    /// `re.compile(pattern, flags)` for a str pattern.
    pub fn new(pattern: &[char], flags: u32) -> Result<Regex, ReError> {
        let p = parse::parse(pattern, flags)?;
        let prog = compile::compile(&p)?;
        Ok(Regex { prog, flags: p.flags, groups: p.groups - 1, names: p.names })
    }

    /// The first match in `text[..endpos]` at `pos` (or after it when searching).
    pub fn exec(&self, text: &[char], pos: usize, endpos: usize, mode: Mode) -> Option<Captures> {
        let endpos = endpos.min(text.len());
        if pos > endpos {
            return None;
        }
        exec::Matcher::new(&self.prog, &text[..endpos]).run(pos, mode, false)
    }

    /// The next match of a scan (`finditer`) at or after `at` in `text[..endpos]`; an empty
    /// match at `at` itself is refused when `must_advance` (the previous match was empty).
    pub fn scan(&self, text: &[char], at: usize, endpos: usize, must_advance: bool) -> Option<Captures> {
        let endpos = endpos.min(text.len());
        if at > endpos {
            return None;
        }
        exec::Matcher::new(&self.prog, &text[..endpos]).run(at, Mode::Search, must_advance)
    }

    /// The successive matches of `finditer`/`findall`/`sub`/`split` (3.7+ rule: an empty match
    /// may touch the end of the previous non-empty one), at most `limit` (0: all).
    pub fn all(&self, text: &[char], pos: usize, endpos: usize, limit: usize) -> Vec<Captures> {
        let endpos = endpos.min(text.len());
        let mut out = Vec::new();
        if pos > endpos {
            return out;
        }
        let t = &text[..endpos];
        let mut m = exec::Matcher::new(&self.prog, t);
        let mut at = pos;
        let mut must_advance = false;
        while at <= endpos && (limit == 0 || out.len() < limit) {
            let Some(c) = m.run(at, Mode::Search, must_advance) else { break };
            must_advance = c.end == c.start;
            at = c.end;
            out.push(c);
        }
        out
    }
}

#[cfg(test)]
mod tests;
