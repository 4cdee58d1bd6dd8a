//! The regular-expression compiler: a syntax tree ([`parse::Node`]) to a program of the
//! backtracking matcher ([`Inst`]), with each construct's flags (IGNORECASE, MULTILINE, DOTALL,
//! ASCII) resolved into its instruction, as `Lib/re/_compiler.py` resolves them into opcodes.
//!
//! Relies on: `parse` (the tree, widths for look-behind), `chars::lower` (literals are stored
//! lowercased under IGNORECASE).
//!
//! Provides: [`compile`], [`Program`], [`Inst`], [`CharSet`].
//!
//! Invariants: every jump target is an index into `Program::insts`; a `Sub` body ends with
//! `SubEnd` at `end - 1`; repeat registers are numbered from 0 up to `Program::nreps`; capture
//! slots are `2*(g-1)` and `2*(g-1)+1` for group g ≥ 1. A look-behind body has a fixed width
//! (else `_compiler.py`'s error).

use alloc::string::String;
use alloc::vec::Vec;

use super::chars::lower;
use super::parse::{
    At, Category, ErrorKind, FLAG_ASCII, FLAG_DOTALL, FLAG_IGNORECASE, FLAG_MULTILINE, Node, Parsed, ReError, RepeatKind,
    SetItem, group_widths, width,
};

/// A character set with its flags.
#[derive(Debug, Clone)]
pub struct CharSet {
    pub negate: bool,
    pub items: Vec<SetItem>,
    pub ignore: bool,
    pub ascii: bool,
}

/// What a look-around or atomic group does with its body's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubKind {
    /// `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)` (`back` chars before the position for look-behind).
    Look { negate: bool, back: usize },
    /// `(?>…)` and possessive repeats.
    Atomic,
}

/// One instruction.
#[derive(Debug, Clone)]
pub enum Inst {
    Char(char),
    /// A lowercased literal under IGNORECASE (`ascii`: ASCII lowering only).
    CharIgnore(char, bool),
    NotChar(char),
    NotCharIgnore(char, bool),
    /// `.` without DOTALL.
    Any,
    /// `.` with DOTALL.
    AnyAll,
    Set(usize),
    Cat(Category, bool),
    /// An assertion (`multiline`, `ascii`).
    At(At, bool, bool),
    /// Sets a capture slot to the position.
    Save(usize),
    /// Tries the first target, then the second.
    Split(usize, usize),
    Jmp(usize),
    /// `\N` (IGNORECASE, ASCII).
    Backref(usize, bool, bool),
    /// `(?(g)…)`: continues when group g matched, else jumps.
    GroupExists(usize, usize),
    /// Resets repeat register r (count 0, no last position).
    RepStart(usize),
    /// The loop head of a general repeat: register, min, max, greedy, exit target.
    RepLoop { reg: usize, min: u32, max: u32, greedy: bool, exit: usize },
    /// A repeat of the single-character instruction at `pc + 1` (the next instruction is
    /// skipped when continuing): min, max, greedy.
    Simple { min: u32, max: u32, greedy: bool },
    /// A look-around or atomic body from `pc + 1` to `end` (exclusive; the last instruction of
    /// the body is `SubEnd`).
    Sub { kind: SubKind, end: usize },
    SubEnd,
    Match,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Program {
    pub insts: Vec<Inst>,
    pub sets: Vec<CharSet>,
    /// Groups including group 0.
    pub groups: usize,
    pub nreps: usize,
    /// The literal the match must start with (no IGNORECASE), for the search's scan.
    pub first_char: Option<char>,
    /// The pattern starts with `\A` (or `^` without MULTILINE): only the first position can match.
    pub anchored: bool,
}

struct Compiler {
    insts: Vec<Inst>,
    sets: Vec<CharSet>,
    nreps: usize,
    widths: Vec<Option<(u32, u32)>>,
}

fn look_error(msg: &str) -> ReError {
    ReError { msg: String::from(msg), pos: None, kind: ErrorKind::Re }
}

impl Compiler {
    fn emit(&mut self, i: Inst) -> usize {
        self.insts.push(i);
        self.insts.len() - 1
    }

    /// The single-character instruction `n` is under `flags`, if it is one.
    fn unit(&mut self, n: &Node, flags: u32) -> Option<Inst> {
        let ign = flags & FLAG_IGNORECASE != 0;
        let ascii = flags & FLAG_ASCII != 0;
        Some(match n {
            Node::Lit(c) => {
                if ign && lower(*c, ascii) != *c || ign && has_case(*c, ascii) {
                    Inst::CharIgnore(lower(*c, ascii), ascii)
                } else {
                    Inst::Char(*c)
                }
            }
            Node::NotLit(c) => {
                if ign {
                    Inst::NotCharIgnore(lower(*c, ascii), ascii)
                } else {
                    Inst::NotChar(*c)
                }
            }
            Node::Any => {
                if flags & FLAG_DOTALL != 0 {
                    Inst::AnyAll
                } else {
                    Inst::Any
                }
            }
            Node::Set { negate, items } => {
                self.sets.push(CharSet { negate: *negate, items: items.clone(), ignore: ign, ascii });
                Inst::Set(self.sets.len() - 1)
            }
            Node::Cat(c) => Inst::Cat(*c, ascii),
            Node::Seq(v) if v.len() == 1 => return self.unit(&v[0], flags),
            Node::Seq(_)
            | Node::At(_)
            | Node::Alt(_)
            | Node::Group { .. }
            | Node::Repeat { .. }
            | Node::Backref(_)
            | Node::Look { .. }
            | Node::Atomic(_)
            | Node::Cond { .. } => return None,
        })
    }

    fn node(&mut self, n: &Node, flags: u32) -> Result<(), ReError> {
        if let Some(i) = self.unit(n, flags) {
            self.emit(i);
            return Ok(());
        }
        match n {
            Node::Lit(_) | Node::NotLit(_) | Node::Any | Node::Set { .. } | Node::Cat(_) => {
                panic!("invariant broken: a unit node was not compiled as one")
            }
            Node::At(a) => {
                self.emit(Inst::At(*a, flags & FLAG_MULTILINE != 0, flags & FLAG_ASCII != 0));
            }
            Node::Seq(v) => {
                for x in v {
                    self.node(x, flags)?;
                }
            }
            Node::Alt(v) => {
                let mut jumps = Vec::new();
                for (k, x) in v.iter().enumerate() {
                    if k + 1 < v.len() {
                        let split = self.emit(Inst::Split(0, 0));
                        self.node(x, flags)?;
                        jumps.push(self.emit(Inst::Jmp(0)));
                        let next = self.insts.len();
                        self.insts[split] = Inst::Split(split + 1, next);
                    } else {
                        self.node(x, flags)?;
                    }
                }
                let end = self.insts.len();
                for j in jumps {
                    self.insts[j] = Inst::Jmp(end);
                }
            }
            Node::Group { index, add, del, body } => {
                let f = (flags | add) & !del;
                match index {
                    Some(g) => {
                        self.emit(Inst::Save(2 * (g - 1)));
                        self.node(body, f)?;
                        self.emit(Inst::Save(2 * (g - 1) + 1));
                    }
                    None => self.node(body, f)?,
                }
            }
            Node::Repeat { min, max, kind, body } => {
                if *kind == RepeatKind::Possessive {
                    let sub = self.emit(Inst::Sub { kind: SubKind::Atomic, end: 0 });
                    self.repeat(*min, *max, true, body, flags)?;
                    self.emit(Inst::SubEnd);
                    let end = self.insts.len();
                    self.insts[sub] = Inst::Sub { kind: SubKind::Atomic, end };
                } else {
                    self.repeat(*min, *max, *kind == RepeatKind::Greedy, body, flags)?;
                }
            }
            Node::Backref(g) => {
                self.emit(Inst::Backref(*g, flags & FLAG_IGNORECASE != 0, flags & FLAG_ASCII != 0));
            }
            Node::Look { behind, negate, body } => {
                let mut back = 0;
                if *behind {
                    let (lo, hi) = width(body, &self.widths);
                    if lo != hi {
                        return Err(look_error("look-behind requires fixed-width pattern"));
                    }
                    back = usize::try_from(lo).unwrap_or(usize::MAX);
                }
                let kind = SubKind::Look { negate: *negate, back };
                let sub = self.emit(Inst::Sub { kind, end: 0 });
                self.node(body, flags)?;
                self.emit(Inst::SubEnd);
                let end = self.insts.len();
                self.insts[sub] = Inst::Sub { kind, end };
            }
            Node::Atomic(body) => {
                let sub = self.emit(Inst::Sub { kind: SubKind::Atomic, end: 0 });
                self.node(body, flags)?;
                self.emit(Inst::SubEnd);
                let end = self.insts.len();
                self.insts[sub] = Inst::Sub { kind: SubKind::Atomic, end };
            }
            Node::Cond { group, yes, no } => {
                let test = self.emit(Inst::GroupExists(*group, 0));
                self.node(yes, flags)?;
                match no {
                    Some(no) => {
                        let j = self.emit(Inst::Jmp(0));
                        let no_pc = self.insts.len();
                        self.node(no, flags)?;
                        let end = self.insts.len();
                        self.insts[j] = Inst::Jmp(end);
                        self.insts[test] = Inst::GroupExists(*group, no_pc);
                    }
                    None => {
                        let end = self.insts.len();
                        self.insts[test] = Inst::GroupExists(*group, end);
                    }
                }
            }
        }
        Ok(())
    }

    fn repeat(&mut self, min: u32, max: u32, greedy: bool, body: &Node, flags: u32) -> Result<(), ReError> {
        if let Some(u) = self.unit(body, flags) {
            self.emit(Inst::Simple { min, max, greedy });
            self.emit(u);
            return Ok(());
        }
        let reg = self.nreps;
        self.nreps += 1;
        self.emit(Inst::RepStart(reg));
        let head = self.emit(Inst::RepLoop { reg, min, max, greedy, exit: 0 });
        self.node(body, flags)?;
        self.emit(Inst::Jmp(head));
        let exit = self.insts.len();
        self.insts[head] = Inst::RepLoop { reg, min, max, greedy, exit };
        Ok(())
    }
}

/// Whether `c` has another case (`_sre.unicode_iscased`).
fn has_case(c: char, ascii: bool) -> bool {
    if ascii || c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    c.to_lowercase().ne(core::iter::once(c)) || c.to_uppercase().ne(core::iter::once(c))
}

fn first_char(n: &Node, flags: u32) -> Option<char> {
    match n {
        Node::Lit(c) if flags & FLAG_IGNORECASE == 0 => Some(*c),
        Node::Seq(v) => v.first().and_then(|x| first_char(x, flags)),
        Node::Group { add, del, body, .. } => first_char(body, (flags | add) & !del),
        Node::Repeat { min, body, .. } if *min > 0 => first_char(body, flags),
        Node::Atomic(body) => first_char(body, flags),
        Node::Lit(_)
        | Node::NotLit(_)
        | Node::Any
        | Node::Set { .. }
        | Node::Cat(_)
        | Node::At(_)
        | Node::Alt(_)
        | Node::Repeat { .. }
        | Node::Backref(_)
        | Node::Look { .. }
        | Node::Cond { .. } => None,
    }
}

fn anchored(n: &Node, flags: u32) -> bool {
    match n {
        Node::At(At::BeginningString) => true,
        Node::At(At::Beginning) => flags & FLAG_MULTILINE == 0,
        Node::Seq(v) => v.first().is_some_and(|x| anchored(x, flags)),
        Node::At(At::End | At::EndString | At::Boundary | At::NonBoundary)
        | Node::Lit(_)
        | Node::NotLit(_)
        | Node::Any
        | Node::Set { .. }
        | Node::Cat(_)
        | Node::Alt(_)
        | Node::Group { .. }
        | Node::Repeat { .. }
        | Node::Backref(_)
        | Node::Look { .. }
        | Node::Atomic(_)
        | Node::Cond { .. } => false,
    }
}

/// Compiles a parsed pattern.
pub fn compile(p: &Parsed) -> Result<Program, ReError> {
    let mut c = Compiler { insts: Vec::new(), sets: Vec::new(), nreps: 0, widths: group_widths(p) };
    c.node(&p.node, p.flags)?;
    c.emit(Inst::Match);
    Ok(Program {
        insts: c.insts,
        sets: c.sets,
        groups: p.groups,
        nreps: c.nreps,
        first_char: first_char(&p.node, p.flags),
        anchored: anchored(&p.node, p.flags),
    })
}
