//! The backtracking matcher: runs a [`Program`] over code points with sre's semantics
//! (`Modules/_sre/sre_lib.h`): leftmost match, alternatives in order, greedy repeats give back
//! one character at a time and lazy ones take one more, a repeat stops iterating when an
//! iteration matched the empty string (`MAX_UNTIL`'s `last_ptr` check), captures keep the
//! last iteration's values, look-arounds and atomic groups commit to their body's first
//! success, `fullmatch` backtracks until the match ends at `endpos` (`match_all`).
//!
//! Relies on: `compile` (the program), `chars` (the character tests).
//!
//! Provides: [`Matcher`], [`Mode`], [`Captures`].
//!
//! Invariants: no recursion per character: choice points live on an explicit stack, with an
//! undo log for every register write (captures, `lastindex`, repeat counters), so popping a
//! choice point restores the registers exactly; recursion happens only for a look-around or
//! atomic body, bounded by the pattern's nesting. Positions are code-point indices into the
//! text, which is the subject cut at `endpos`.

use alloc::vec;
use alloc::vec::Vec;

use super::chars::{category, fold_eq, is_word, lower, set_contains};
use super::compile::{Inst, Program, SubKind};
use super::parse::At;

/// How a match is anchored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Match,
    FullMatch,
    Search,
}

/// A match: its span, the capture slots (-1 unset), `lastindex` (0 for None).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Captures {
    pub start: usize,
    pub end: usize,
    pub slots: Vec<isize>,
    pub lastindex: usize,
}

impl Captures {
    /// The span of group g (0 the whole match), None when it did not take part.
    pub fn span(&self, g: usize) -> Option<(usize, usize)> {
        if g == 0 {
            return Some((self.start, self.end));
        }
        let (a, b) = (*self.slots.get(2 * (g - 1))?, *self.slots.get(2 * (g - 1) + 1)?);
        if a < 0 || b < 0 { None } else { Some((a as usize, b as usize)) }
    }
}

enum Bt {
    Alt { pc: usize, pos: usize },
    Undo { slot: usize, old: isize },
    /// A greedy simple repeat that may give back characters down to `min_pos`.
    Greedy { pc: usize, min_pos: usize, pos: usize },
    /// A lazy simple repeat that may take one more character at `pos` (`left` more allowed).
    Lazy { pc: usize, unit: usize, pos: usize, left: u32 },
    /// A lazy general repeat that may run its body once more at `pos`.
    RepMore { body: usize, reg: usize, pos: usize },
}

/// One matching run over a text.
pub struct Matcher<'a> {
    prog: &'a Program,
    text: &'a [char],
    /// Capture slots, then `lastindex`, then two registers per repeat (count, last position).
    regs: Vec<isize>,
    stack: Vec<Bt>,
    full: bool,
    /// The start of the attempt at which an empty match is refused (`must_advance`).
    reject_empty_at: Option<usize>,
    start: usize,
}

impl<'a> Matcher<'a> {
    /// A matcher of `prog` over `text` (the subject up to `endpos`).
    pub fn new(prog: &'a Program, text: &'a [char]) -> Self {
        let n = 2 * prog.groups.saturating_sub(1) + 1 + 2 * prog.nreps;
        Matcher { prog, text, regs: vec![-1; n], stack: Vec::new(), full: false, reject_empty_at: None, start: 0 }
    }

    fn lastindex_slot(&self) -> usize {
        2 * self.prog.groups.saturating_sub(1)
    }

    fn rep_slot(&self, reg: usize) -> usize {
        self.lastindex_slot() + 1 + 2 * reg
    }

    /// The first match at or after `pos` (at `pos` only unless `Search`); `must_advance`
    /// refuses an empty match at `pos` itself (sre's `must_advance`, after an empty match).
    pub fn run(&mut self, pos: usize, mode: Mode, must_advance: bool) -> Option<Captures> {
        self.full = mode == Mode::FullMatch;
        self.reject_empty_at = if must_advance { Some(pos) } else { None };
        let end = self.text.len();
        let mut start = pos;
        loop {
            if start > end {
                return None;
            }
            if mode == Mode::Search {
                if let Some(c) = self.prog.first_char {
                    match self.text[start..].iter().position(|&x| x == c) {
                        Some(k) => start += k,
                        None => return None,
                    }
                }
            }
            for r in self.regs.iter_mut() {
                *r = -1;
            }
            self.stack.clear();
            self.start = start;
            if let Some(e) = self.exec(0, start) {
                let li = self.regs[self.lastindex_slot()];
                return Some(Captures {
                    start,
                    end: e,
                    slots: self.regs[..self.lastindex_slot()].to_vec(),
                    lastindex: if li < 0 { 0 } else { li as usize },
                });
            }
            if mode != Mode::Search || self.prog.anchored {
                return None;
            }
            start += 1;
        }
    }

    fn set(&mut self, slot: usize, v: isize) {
        let old = self.regs[slot];
        self.stack.push(Bt::Undo { slot, old });
        self.regs[slot] = v;
    }

    /// Whether the single-character instruction at `pc` matches at `pos`.
    #[inline]
    fn unit(&self, pc: usize, pos: usize) -> bool {
        let Some(&c) = self.text.get(pos) else { return false };
        match &self.prog.insts[pc] {
            Inst::Char(x) => c == *x,
            Inst::CharIgnore(x, ascii) => fold_eq(c, *x, *ascii),
            Inst::NotChar(x) => c != *x,
            Inst::NotCharIgnore(x, ascii) => !fold_eq(c, *x, *ascii),
            Inst::Any => c != '\n',
            Inst::AnyAll => true,
            Inst::Set(k) => {
                let s = &self.prog.sets[*k];
                set_contains(&s.items, c, s.ignore, s.ascii) != s.negate
            }
            Inst::Cat(cat, ascii) => category(*cat, c, *ascii),
            Inst::At(..)
            | Inst::Save(_)
            | Inst::Split(..)
            | Inst::Jmp(_)
            | Inst::Backref(..)
            | Inst::GroupExists(..)
            | Inst::RepStart(_)
            | Inst::RepLoop { .. }
            | Inst::Simple { .. }
            | Inst::Sub { .. }
            | Inst::SubEnd
            | Inst::Match => panic!("invariant broken: a repeat of a non-unit instruction"),
        }
    }

    fn at(&self, a: At, multiline: bool, ascii: bool, pos: usize) -> bool {
        let t = self.text;
        let end = t.len();
        match a {
            At::Beginning if multiline => pos == 0 || t[pos - 1] == '\n',
            At::Beginning | At::BeginningString => pos == 0,
            At::End if multiline => pos == end || t[pos] == '\n',
            At::End => pos == end || (pos + 1 == end && t[pos] == '\n'),
            At::EndString => pos == end,
            At::Boundary | At::NonBoundary => {
                if end == 0 {
                    return false;
                }
                let that = pos > 0 && is_word(t[pos - 1], ascii);
                let this = pos < end && is_word(t[pos], ascii);
                (this != that) == (a == At::Boundary)
            }
        }
    }

    fn group_span(&self, g: usize) -> Option<(usize, usize)> {
        let (a, b) = (self.regs[2 * (g - 1)], self.regs[2 * (g - 1) + 1]);
        if a < 0 || b < 0 || a > b { None } else { Some((a as usize, b as usize)) }
    }

    /// Pops choice points until one resumes: its (pc, pos), or None when the stack is down to
    /// `base`.
    fn backtrack(&mut self, base: usize) -> Option<(usize, usize)> {
        while self.stack.len() > base {
            match self.stack.pop()? {
                Bt::Undo { slot, old } => self.regs[slot] = old,
                Bt::Alt { pc, pos } => return Some((pc, pos)),
                Bt::Greedy { pc, min_pos, pos } => {
                    let p = pos - 1;
                    if p > min_pos {
                        self.stack.push(Bt::Greedy { pc, min_pos, pos: p });
                    }
                    return Some((pc, p));
                }
                Bt::Lazy { pc, unit, pos, left } => {
                    if self.unit(unit, pos) {
                        if left > 1 {
                            self.stack.push(Bt::Lazy { pc, unit, pos: pos + 1, left: left - 1 });
                        }
                        return Some((pc, pos + 1));
                    }
                }
                Bt::RepMore { body, reg, pos } => {
                    let s = self.rep_slot(reg);
                    let count = self.regs[s];
                    self.set(s, count + 1);
                    self.set(s + 1, pos as isize);
                    return Some((body, pos));
                }
            }
        }
        None
    }

    /// Runs from `pc` at `pos` until `Match` (or the `SubEnd` of the body being run): the end
    /// position. On failure the registers are as they were and the stack is back at its
    /// length on entry.
    fn exec(&mut self, pc: usize, pos: usize) -> Option<usize> {
        let base = self.stack.len();
        let (mut pc, mut pos) = (pc, pos);
        let prog = self.prog;
        let insts = &prog.insts;
        loop {
            let ok = match &insts[pc] {
                Inst::Match => {
                    let refused = self.reject_empty_at == Some(self.start) && pos == self.start;
                    if (!self.full || pos == self.text.len()) && !refused {
                        return Some(pos);
                    }
                    false
                }
                Inst::SubEnd => return Some(pos),
                Inst::Char(_)
                | Inst::CharIgnore(..)
                | Inst::NotChar(_)
                | Inst::NotCharIgnore(..)
                | Inst::Any
                | Inst::AnyAll
                | Inst::Set(_)
                | Inst::Cat(..) => {
                    if self.unit(pc, pos) {
                        pc += 1;
                        pos += 1;
                        true
                    } else {
                        false
                    }
                }
                Inst::At(a, m, ascii) => {
                    if self.at(*a, *m, *ascii, pos) {
                        pc += 1;
                        true
                    } else {
                        false
                    }
                }
                Inst::Save(slot) => {
                    let slot = *slot;
                    self.set(slot, pos as isize);
                    if slot & 1 == 1 {
                        let li = self.lastindex_slot();
                        self.set(li, (slot / 2 + 1) as isize);
                    }
                    pc += 1;
                    true
                }
                Inst::Split(a, b) => {
                    self.stack.push(Bt::Alt { pc: *b, pos });
                    pc = *a;
                    true
                }
                Inst::Jmp(t) => {
                    pc = *t;
                    true
                }
                Inst::Backref(g, ign, ascii) => match self.group_span(*g) {
                    None => false,
                    Some((a, b)) => {
                        let n = b - a;
                        let t = self.text;
                        let same = pos + n <= t.len()
                            && (0..n).all(|k| {
                                let (x, y) = (t[a + k], t[pos + k]);
                                x == y || *ign && lower(x, *ascii) == lower(y, *ascii)
                            });
                        if same {
                            pos += n;
                            pc += 1;
                        }
                        same
                    }
                },
                Inst::GroupExists(g, no) => {
                    pc = if self.group_span(*g).is_some() { pc + 1 } else { *no };
                    true
                }
                Inst::RepStart(reg) => {
                    let s = self.rep_slot(*reg);
                    self.set(s, 0);
                    self.set(s + 1, -1);
                    pc += 1;
                    true
                }
                Inst::RepLoop { reg, min, max, greedy, exit } => {
                    let s = self.rep_slot(*reg);
                    let count = self.regs[s];
                    let last = self.regs[s + 1];
                    if count < i64::from(*min) as isize {
                        // The required iterations leave `last` alone (sre's MAX_UNTIL sets
                        // `last_ptr` only for an iteration beyond the minimum).
                        self.set(s, count + 1);
                        pc += 1;
                    } else if (count as u64) < u64::from(*max) && last != pos as isize {
                        if *greedy {
                            self.stack.push(Bt::Alt { pc: *exit, pos });
                            self.set(s, count + 1);
                            self.set(s + 1, pos as isize);
                            pc += 1;
                        } else {
                            self.stack.push(Bt::RepMore { body: pc + 1, reg: *reg, pos });
                            pc = *exit;
                        }
                    } else {
                        pc = *exit;
                    }
                    true
                }
                Inst::Simple { min, max, greedy } => {
                    let unit = pc + 1;
                    let next = pc + 2;
                    let (min, max) = (*min as usize, *max as usize);
                    if *greedy {
                        let mut n = 0;
                        while n < max && self.unit(unit, pos + n) {
                            n += 1;
                        }
                        if n < min {
                            false
                        } else {
                            if n > min {
                                self.stack.push(Bt::Greedy { pc: next, min_pos: pos + min, pos: pos + n });
                            }
                            pos += n;
                            pc = next;
                            true
                        }
                    } else {
                        let mut n = 0;
                        while n < min && self.unit(unit, pos + n) {
                            n += 1;
                        }
                        if n < min {
                            false
                        } else {
                            if max > min {
                                let left = u32::try_from(max - min).unwrap_or(u32::MAX);
                                self.stack.push(Bt::Lazy { pc: next, unit, pos: pos + n, left });
                            }
                            pos += n;
                            pc = next;
                            true
                        }
                    }
                }
                Inst::Sub { kind, end } => {
                    let (kind, end) = (*kind, *end);
                    let sub_base = self.stack.len();
                    let full = self.full;
                    self.full = false;
                    match kind {
                        SubKind::Atomic => {
                            let r = self.exec(pc + 1, pos);
                            self.full = full;
                            match r {
                                Some(p) => {
                                    self.keep_undo(sub_base);
                                    pos = p;
                                    pc = end;
                                    true
                                }
                                None => false,
                            }
                        }
                        SubKind::Look { negate, back } => {
                            let r = if back > pos { None } else { self.exec(pc + 1, pos - back) };
                            self.full = full;
                            match (r.is_some(), negate) {
                                (true, false) => {
                                    self.keep_undo(sub_base);
                                    pc = end;
                                    true
                                }
                                (true, true) => {
                                    self.undo_to(sub_base);
                                    false
                                }
                                (false, false) => false,
                                (false, true) => {
                                    pc = end;
                                    true
                                }
                            }
                        }
                    }
                }
            };
            if !ok {
                match self.backtrack(base) {
                    Some((p, q)) => {
                        pc = p;
                        pos = q;
                    }
                    None => return None,
                }
            }
        }
    }

    /// Drops the choice points above `base`, keeping their register undo entries (a committed
    /// body's captures are undone if the match backtracks past it).
    fn keep_undo(&mut self, base: usize) {
        let mut w = base;
        for r in base..self.stack.len() {
            if let Bt::Undo { .. } = self.stack[r] {
                self.stack.swap(w, r);
                w += 1;
            }
        }
        self.stack.truncate(w);
    }

    /// Undoes every register write above `base` and drops those entries.
    fn undo_to(&mut self, base: usize) {
        while self.stack.len() > base {
            if let Some(Bt::Undo { slot, old }) = self.stack.pop() {
                self.regs[slot] = old;
            }
        }
    }
}
