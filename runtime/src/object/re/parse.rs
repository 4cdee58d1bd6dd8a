//! The regular-expression parser: CPython 3.11's `Lib/re/_parser.py` (`Tokenizer`, `_parse_sub`,
//! `_parse`, `_escape`, `_class_escape`, `_parse_flags`, `State`), over code points, giving a
//! syntax tree ([`Node`]) and the groups' names and count.
//!
//! Relies on: nothing but `core`/`alloc` (the flags' values are `_constants.py`'s).
//!
//! Provides: [`parse`], [`Node`], [`Parsed`], [`ReError`], the flag constants.
//!
//! Invariants: every error is `_parser.py`'s message at `_parser.py`'s position (code point
//! index into the pattern); the tree keeps CPython's structure where it is observable (group
//! numbering, widths for look-behind, the global flags collected while parsing). Never panics
//! on any pattern.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

pub const FLAG_IGNORECASE: u32 = 2;
pub const FLAG_LOCALE: u32 = 4;
pub const FLAG_MULTILINE: u32 = 8;
pub const FLAG_DOTALL: u32 = 16;
pub const FLAG_UNICODE: u32 = 32;
pub const FLAG_VERBOSE: u32 = 64;
pub const FLAG_DEBUG: u32 = 128;
pub const FLAG_ASCII: u32 = 256;
pub const FLAG_TEMPLATE: u32 = 1;

/// `_sre.MAXREPEAT` (an unbounded repeat's max).
pub const MAXREPEAT: u32 = u32::MAX;
/// `_sre.MAXGROUPS` on a 64-bit build.
pub const MAXGROUPS: usize = 1_073_741_823;

/// A `re.error`: message, position (None for the compiler's errors that name none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReError {
    pub msg: String,
    pub pos: Option<usize>,
    /// The ValueError of `fix_flags` / OverflowError of a repeat count, not a `re.error`.
    pub kind: ErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Re,
    Value,
    Overflow,
    /// CPython's parser recursing past the recursion limit (groups nested ~500 deep).
    Recursion,
}

/// The deepest nesting of groups CPython 3.11's recursive parser reaches from a module's
/// top level under the default recursion limit (`re.compile("(" * 495 + ")" * 495)` compiles,
/// 496 raises RecursionError); the bound also keeps the parser's native stack small.
const MAX_NESTING: usize = 495;

/// The categories of `\d \D \s \S \w \W`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Digit,
    NotDigit,
    Space,
    NotSpace,
    Word,
    NotWord,
}

/// An item of a character set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetItem {
    Lit(char),
    Range(char, char),
    Cat(Category),
}

/// `AT` codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// `^`
    Beginning,
    /// `$`
    End,
    /// `\A`
    BeginningString,
    /// `\Z`
    EndString,
    /// `\b`
    Boundary,
    /// `\B`
    NonBoundary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepeatKind {
    Greedy,
    Lazy,
    Possessive,
}

/// The syntax tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Lit(char),
    NotLit(char),
    Any,
    Set { negate: bool, items: Vec<SetItem> },
    Cat(Category),
    At(At),
    Seq(Vec<Node>),
    Alt(Vec<Node>),
    /// A group: its number (None for `(?flags:...)`), the flags it turns on and off.
    Group { index: Option<usize>, add: u32, del: u32, body: Box<Node> },
    Repeat { min: u32, max: u32, kind: RepeatKind, body: Box<Node> },
    Backref(usize),
    Look { behind: bool, negate: bool, body: Box<Node> },
    Atomic(Box<Node>),
    Cond { group: usize, yes: Box<Node>, no: Option<Box<Node>> },
}

/// A parsed pattern.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub node: Node,
    /// The flags after parsing (the inline global flags added, UNICODE added for str patterns).
    pub flags: u32,
    /// Number of groups including group 0.
    pub groups: usize,
    /// `groupindex`, in definition order.
    pub names: Vec<(String, usize)>,
}

fn err(msg: impl Into<String>, pos: usize) -> ReError {
    ReError { msg: msg.into(), pos: Some(pos), kind: ErrorKind::Re }
}

/// One token: a character or a backslash and the character after it.
type Tok = (char, Option<char>);

fn tok_len(t: Tok) -> usize {
    if t.1.is_some() { 2 } else { 1 }
}

fn tok_text(t: Tok) -> String {
    let mut s = String::new();
    s.push(t.0);
    if let Some(c) = t.1 {
        s.push(c);
    }
    s
}

/// `_parser.Tokenizer`.
pub(crate) struct Tokenizer<'a> {
    s: &'a [char],
    index: usize,
    pub(crate) next: Option<Tok>,
}

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(s: &'a [char]) -> Result<Self, ReError> {
        let mut t = Tokenizer { s, index: 0, next: None };
        t.advance()?;
        Ok(t)
    }
    fn advance(&mut self) -> Result<(), ReError> {
        let Some(&c) = self.s.get(self.index) else {
            self.next = None;
            return Ok(());
        };
        if c == '\\' {
            let Some(&d) = self.s.get(self.index + 1) else {
                return Err(err("bad escape (end of pattern)", self.s.len() - 1));
            };
            self.index += 2;
            self.next = Some(('\\', Some(d)));
        } else {
            self.index += 1;
            self.next = Some((c, None));
        }
        Ok(())
    }
    pub(crate) fn matches(&mut self, c: char) -> Result<bool, ReError> {
        if self.next == Some((c, None)) {
            self.advance()?;
            return Ok(true);
        }
        Ok(false)
    }
    pub(crate) fn get(&mut self) -> Result<Option<Tok>, ReError> {
        let t = self.next;
        self.advance()?;
        Ok(t)
    }
    pub(crate) fn tell(&self) -> usize {
        self.index - self.next.map_or(0, tok_len)
    }
    fn seek(&mut self, index: usize) -> Result<(), ReError> {
        self.index = index;
        self.advance()
    }
    pub(crate) fn error(&self, msg: impl Into<String>, offset: usize) -> ReError {
        err(msg, self.tell().saturating_sub(offset))
    }
    fn next_plain(&self) -> Option<char> {
        match self.next {
            Some((c, None)) => Some(c),
            _ => None,
        }
    }
    /// `getwhile(n, charset)`.
    pub(crate) fn getwhile(&mut self, n: usize, ok: impl Fn(char) -> bool) -> Result<String, ReError> {
        let mut r = String::new();
        for _ in 0..n {
            match self.next_plain() {
                Some(c) if ok(c) => {
                    r.push(c);
                    self.advance()?;
                }
                _ => break,
            }
        }
        Ok(r)
    }
    /// `getuntil(terminator, name)` (a token's text: an escape counts as its two characters).
    pub(crate) fn getuntil(&mut self, term: char, name: &str) -> Result<String, ReError> {
        let mut r = String::new();
        let mut n = 0;
        loop {
            let c = self.next;
            self.advance()?;
            match c {
                None => {
                    if r.is_empty() {
                        return Err(self.error(format!("missing {name}"), 0));
                    }
                    return Err(self.error(format!("missing {term}, unterminated name"), n));
                }
                Some((t, None)) if t == term => {
                    if r.is_empty() {
                        return Err(self.error(format!("missing {name}"), 1));
                    }
                    break;
                }
                Some(t) => {
                    r.push_str(&tok_text(t));
                    n += tok_len(t);
                }
            }
        }
        Ok(r)
    }
}

/// `str.isidentifier()` for a group name.
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    cs.all(|c| c == '_' || c.is_alphanumeric())
}

/// `repr()` of a str (group names in messages).
pub(crate) fn py_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut r = String::new();
    r.push(q);
    for c in s.chars() {
        match c {
            '\\' => r.push_str("\\\\"),
            '\n' => r.push_str("\\n"),
            '\r' => r.push_str("\\r"),
            '\t' => r.push_str("\\t"),
            c if c == q => {
                r.push('\\');
                r.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => r.push_str(&format!("\\x{:02x}", c as u32)),
            c => r.push(c),
        }
    }
    r.push(q);
    r
}

struct State {
    flags: u32,
    names: Vec<(String, usize)>,
    /// The width of each closed group (None while open), group 0 first.
    widths: Vec<Option<(u32, u32)>>,
    lookbehind: Option<usize>,
    /// The positions of the conditional references by number (checked at the end).
    grouprefpos: Vec<(usize, usize)>,
}

impl State {
    fn groups(&self) -> usize {
        self.widths.len()
    }
    fn opengroup(&mut self, name: Option<&str>) -> Result<usize, String> {
        let gid = self.groups();
        self.widths.push(None);
        if self.groups() > MAXGROUPS {
            return Err(String::from("too many groups"));
        }
        if let Some(name) = name {
            if let Some(&(_, ogid)) = self.names.iter().find(|(n, _)| n == name) {
                return Err(format!("redefinition of group name {} as group {gid}; was group {ogid}", py_repr(name)));
            }
            self.names.push((String::from(name), gid));
        }
        Ok(gid)
    }
    fn checkgroup(&self, gid: usize) -> bool {
        gid < self.groups() && self.widths[gid].is_some()
    }
    fn checklookbehindgroup(&self, gid: usize, src: &Tokenizer) -> Result<(), ReError> {
        if let Some(lb) = self.lookbehind {
            if !self.checkgroup(gid) {
                return Err(src.error("cannot refer to an open group", 0));
            }
            if gid >= lb {
                return Err(src.error("cannot refer to group defined in the same lookbehind subpattern", 0));
            }
        }
        Ok(())
    }
    fn group_id(&self, name: &str) -> Option<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|&(_, g)| g)
    }
}

/// The width (min, max) of a tree, as `SubPattern.getwidth`.
pub fn width(n: &Node, widths: &[Option<(u32, u32)>]) -> (u64, u64) {
    let cap = |(lo, hi): (u64, u64)| (lo.min(u64::from(MAXREPEAT) - 1), hi.min(u64::from(MAXREPEAT)));
    cap(match n {
        Node::Lit(_) | Node::NotLit(_) | Node::Any | Node::Set { .. } | Node::Cat(_) => (1, 1),
        Node::At(_) | Node::Look { .. } => (0, 0),
        Node::Seq(v) => v.iter().fold((0, 0), |(a, b), x| {
            let (l, h) = width(x, widths);
            (a + l, b + h)
        }),
        Node::Alt(v) => {
            let mut i = u64::from(MAXREPEAT) - 1;
            let mut j = 0;
            for x in v {
                let (l, h) = width(x, widths);
                i = i.min(l);
                j = j.max(h);
            }
            (i, j)
        }
        Node::Group { body, .. } | Node::Atomic(body) => width(body, widths),
        Node::Repeat { min, max, body, .. } => {
            let (l, h) = width(body, widths);
            (l.saturating_mul(u64::from(*min)), h.saturating_mul(u64::from(*max)))
        }
        Node::Backref(g) => widths.get(*g).copied().flatten().map_or((0, 0), |(l, h)| (u64::from(l), u64::from(h))),
        Node::Cond { yes, no, .. } => {
            let (mut i, mut j) = width(yes, widths);
            match no {
                Some(no) => {
                    let (l, h) = width(no, widths);
                    i = i.min(l);
                    j = j.max(h);
                }
                None => i = 0,
            }
            (i, j)
        }
    })
}

fn narrow(w: (u64, u64)) -> (u32, u32) {
    (u32::try_from(w.0).unwrap_or(MAXREPEAT - 1), u32::try_from(w.1).unwrap_or(MAXREPEAT))
}

const WHITESPACE: &str = " \t\n\r\x0b\x0c";

fn is_oct(c: char) -> bool {
    ('0'..='7').contains(&c)
}

fn escape_literal(esc: char) -> Option<char> {
    Some(match esc {
        'a' => '\x07',
        'b' => '\x08',
        'f' => '\x0c',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\x0b',
        '\\' => '\\',
        _ => return None,
    })
}

fn category(esc: char) -> Option<Category> {
    Some(match esc {
        'd' => Category::Digit,
        'D' => Category::NotDigit,
        's' => Category::Space,
        'S' => Category::NotSpace,
        'w' => Category::Word,
        'W' => Category::NotWord,
        _ => return None,
    })
}

/// `\x`, `\u`, `\U` (the escape's text so far is `escape`).
fn hex_escape(src: &mut Tokenizer, c: char, escape: &mut String) -> Result<Option<char>, ReError> {
    let n = match c {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        _ => return Ok(None),
    };
    escape.push_str(&src.getwhile(n, |d| d.is_ascii_hexdigit())?);
    let len = escape.chars().count();
    if len != n + 2 {
        return Err(src.error(format!("incomplete escape {escape}"), len));
    }
    let v = u32::from_str_radix(&escape[2..], 16).unwrap_or(u32::MAX);
    match char::from_u32(v) {
        Some(ch) => Ok(Some(ch)),
        // `chr(c)` raises ValueError, reported as a bad escape (surrogates included: Molt's
        // strs hold no lone surrogates).
        None => Err(src.error(format!("bad escape {escape}"), len)),
    }
}

/// `_class_escape`: an item of a set.
fn class_escape(src: &mut Tokenizer, c: char) -> Result<SetItem, ReError> {
    if let Some(l) = escape_literal(c) {
        return Ok(SetItem::Lit(l));
    }
    if let Some(cat) = category(c) {
        return Ok(SetItem::Cat(cat));
    }
    let mut escape = format!("\\{c}");
    if let Some(ch) = hex_escape(src, c, &mut escape)? {
        return Ok(SetItem::Lit(ch));
    }
    if c == 'N' {
        return Err(named_escape(src));
    }
    if is_oct(c) {
        escape.push_str(&src.getwhile(2, is_oct)?);
        let v = u32::from_str_radix(&escape[1..], 8).unwrap_or(0);
        if v > 0o377 {
            return Err(src.error(format!("octal escape value {escape} outside of range 0-0o377"), escape.chars().count()));
        }
        return Ok(SetItem::Lit(char::from_u32(v).unwrap_or('\0')));
    }
    if c.is_ascii_digit() || c.is_ascii_alphabetic() {
        return Err(src.error(format!("bad escape {escape}"), 2));
    }
    Ok(SetItem::Lit(c))
}

/// `\N{...}`: Molt has no Unicode name table; reported as CPython reports an unknown name.
fn named_escape(src: &mut Tokenizer) -> ReError {
    match src.matches('{') {
        Err(e) => e,
        Ok(false) => src.error("missing {", 0),
        Ok(true) => match src.getuntil('}', "character name") {
            Err(e) => e,
            Ok(name) => src.error(format!("undefined character name {}", py_repr(&name)), name.chars().count() + 4),
        },
    }
}

/// `_escape`: an escape outside a set.
fn escape(src: &mut Tokenizer, c: char, state: &State) -> Result<Node, ReError> {
    match c {
        'A' => return Ok(Node::At(At::BeginningString)),
        'Z' => return Ok(Node::At(At::EndString)),
        'b' => return Ok(Node::At(At::Boundary)),
        'B' => return Ok(Node::At(At::NonBoundary)),
        _ => {}
    }
    if let Some(cat) = category(c) {
        return Ok(Node::Cat(cat));
    }
    if let Some(l) = escape_literal(c) {
        return Ok(Node::Lit(l));
    }
    let mut escape = format!("\\{c}");
    if let Some(ch) = hex_escape(src, c, &mut escape)? {
        return Ok(Node::Lit(ch));
    }
    if c == 'N' {
        return Err(named_escape(src));
    }
    if c == '0' {
        escape.push_str(&src.getwhile(2, is_oct)?);
        let v = u32::from_str_radix(&escape[1..], 8).unwrap_or(0);
        return Ok(Node::Lit(char::from_u32(v).unwrap_or('\0')));
    }
    if c.is_ascii_digit() {
        if let Some(d) = src.next_plain().filter(char::is_ascii_digit) {
            src.get()?;
            escape.push(d);
            if is_oct(c) && is_oct(d) && src.next_plain().is_some_and(is_oct) {
                let e = src.next_plain().unwrap_or('0');
                src.get()?;
                escape.push(e);
                let v = u32::from_str_radix(&escape[1..], 8).unwrap_or(0);
                if v > 0o377 {
                    return Err(src.error(format!("octal escape value {escape} outside of range 0-0o377"), escape.chars().count()));
                }
                return Ok(Node::Lit(char::from_u32(v).unwrap_or('\0')));
            }
        }
        let group: usize = escape[1..].parse().unwrap_or(usize::MAX);
        let len = escape.chars().count();
        if group < state.groups() {
            if !state.checkgroup(group) {
                return Err(src.error("cannot refer to an open group", len));
            }
            state.checklookbehindgroup(group, src)?;
            return Ok(Node::Backref(group));
        }
        return Err(src.error(format!("invalid group reference {group}"), len - 1));
    }
    if c.is_ascii_alphabetic() {
        return Err(src.error(format!("bad escape {escape}"), 2));
    }
    Ok(Node::Lit(c))
}

/// `re._parser.parse(pattern, flags)` for a str pattern.
pub fn parse(pattern: &[char], flags: u32) -> Result<Parsed, ReError> {
    let mut src = Tokenizer::new(pattern)?;
    let mut state = State { flags, names: Vec::new(), widths: alloc::vec![None], lookbehind: None, grouprefpos: Vec::new() };
    let node = parse_sub(&mut src, &mut state, flags & FLAG_VERBOSE != 0, 0)?;
    // `fix_flags` for a str pattern.
    let mut f = state.flags;
    if f & FLAG_LOCALE != 0 {
        return Err(ReError { msg: String::from("cannot use LOCALE flag with a str pattern"), pos: None, kind: ErrorKind::Value });
    }
    if f & FLAG_ASCII == 0 {
        f |= FLAG_UNICODE;
    } else if f & FLAG_UNICODE != 0 {
        return Err(ReError { msg: String::from("ASCII and UNICODE flags are incompatible"), pos: None, kind: ErrorKind::Value });
    }
    if src.next.is_some() {
        return Err(src.error("unbalanced parenthesis", 0));
    }
    for &(g, pos) in &state.grouprefpos {
        if g >= state.groups() {
            return Err(err(format!("invalid group reference {g}"), pos));
        }
    }
    Ok(Parsed { node, flags: f, groups: state.groups(), names: state.names })
}

/// `_parse_sub`: an alternation.
fn parse_sub(src: &mut Tokenizer, state: &mut State, mut verbose: bool, nested: usize) -> Result<Node, ReError> {
    if nested > 2 * MAX_NESTING {
        return Err(ReError { msg: String::from("maximum recursion depth exceeded"), pos: None, kind: ErrorKind::Recursion });
    }
    let mut items = Vec::new();
    loop {
        items.push(parse_seq(src, state, verbose, nested + 1, nested == 0 && items.is_empty())?);
        if !src.matches('|')? {
            break;
        }
        if nested == 0 {
            verbose = state.flags & FLAG_VERBOSE != 0;
        }
    }
    if items.len() == 1 {
        return Ok(items.pop().unwrap_or(Node::Seq(Vec::new())));
    }
    Ok(Node::Alt(items))
}

fn seq(mut v: Vec<Node>) -> Node {
    if v.len() == 1 { v.pop().unwrap_or(Node::Seq(Vec::new())) } else { Node::Seq(v) }
}

/// `_parse`: a sequence.
fn parse_seq(src: &mut Tokenizer, state: &mut State, mut verbose: bool, nested: usize, first: bool) -> Result<Node, ReError> {
    let mut out: Vec<Node> = Vec::new();
    loop {
        let Some(this) = src.next else { break };
        if this == ('|', None) || this == (')', None) {
            break;
        }
        src.get()?;
        if verbose && this.1.is_none() {
            if WHITESPACE.contains(this.0) {
                continue;
            }
            if this.0 == '#' {
                loop {
                    match src.get()? {
                        None | Some(('\n', None)) => break,
                        Some(_) => {}
                    }
                }
                continue;
            }
        }
        if let (_, Some(c)) = this {
            out.push(escape(src, c, state)?);
            continue;
        }
        let c = this.0;
        match c {
            '[' => out.push(parse_set(src)?),
            '*' | '+' | '?' | '{' => {
                let here = src.tell();
                let (min, max) = match c {
                    '?' => (0, 1),
                    '*' => (0, MAXREPEAT),
                    '+' => (1, MAXREPEAT),
                    _ => {
                        if src.next == Some(('}', None)) {
                            out.push(Node::Lit('{'));
                            continue;
                        }
                        let lo = src.getwhile(usize::MAX, |d| d.is_ascii_digit())?;
                        let hi = if src.matches(',')? { Some(src.getwhile(usize::MAX, |d| d.is_ascii_digit())?) } else { None };
                        if !src.matches('}')? {
                            out.push(Node::Lit('{'));
                            src.seek(here)?;
                            continue;
                        }
                        let hi = hi.unwrap_or_else(|| lo.clone());
                        let count = |t: &str| -> Result<u32, ReError> {
                            match t.parse::<u64>() {
                                Ok(v) if v < u64::from(MAXREPEAT) => Ok(v as u32),
                                _ => Err(ReError { msg: String::from("the repetition number is too large"), pos: None, kind: ErrorKind::Overflow }),
                            }
                        };
                        let min = if lo.is_empty() { 0 } else { count(&lo)? };
                        let max = if hi.is_empty() { MAXREPEAT } else { count(&hi)? };
                        if max < min {
                            return Err(src.error("min repeat greater than max repeat", src.tell() - here));
                        }
                        (min, max)
                    }
                };
                let item = match out.pop() {
                    None | Some(Node::At(_)) => return Err(src.error("nothing to repeat", src.tell() - here + 1)),
                    Some(Node::Repeat { .. }) => return Err(src.error("multiple repeat", src.tell() - here + 1)),
                    Some(Node::Group { index: None, add: 0, del: 0, body }) => *body,
                    Some(n) => n,
                };
                let kind = if src.matches('?')? {
                    RepeatKind::Lazy
                } else if src.matches('+')? {
                    RepeatKind::Possessive
                } else {
                    RepeatKind::Greedy
                };
                out.push(Node::Repeat { min, max, kind, body: Box::new(item) });
            }
            '.' => out.push(Node::Any),
            '(' => {
                if let Some(n) = parse_group(src, state, &mut verbose, nested, first && out.is_empty())? {
                    out.push(n);
                }
            }
            '^' => out.push(Node::At(At::Beginning)),
            '$' => out.push(Node::At(At::End)),
            c => out.push(Node::Lit(c)),
        }
    }
    // Unpack the non-capturing groups without flags.
    let mut flat = Vec::with_capacity(out.len());
    for n in out {
        match n {
            Node::Group { index: None, add: 0, del: 0, body } => match *body {
                Node::Seq(v) => flat.extend(v),
                b => flat.push(b),
            },
            n => flat.push(n),
        }
    }
    Ok(seq(flat))
}

/// A set `[...]` (the `[` read).
fn parse_set(src: &mut Tokenizer) -> Result<Node, ReError> {
    let here = src.tell() - 1;
    let mut set: Vec<SetItem> = Vec::new();
    let negate = src.matches('^')?;
    loop {
        let Some(this) = src.get()? else {
            return Err(src.error("unterminated character set", src.tell() - here));
        };
        if this == (']', None) && !set.is_empty() {
            break;
        }
        let code1 = match this {
            (_, Some(c)) => class_escape(src, c)?,
            (c, None) => SetItem::Lit(c),
        };
        if src.matches('-')? {
            let Some(that) = src.get()? else {
                return Err(src.error("unterminated character set", src.tell() - here));
            };
            if that == (']', None) {
                set.push(code1);
                set.push(SetItem::Lit('-'));
                break;
            }
            let code2 = match that {
                (_, Some(c)) => class_escape(src, c)?,
                (c, None) => SetItem::Lit(c),
            };
            let msg = || format!("bad character range {}-{}", tok_text(this), tok_text(that));
            let off = tok_len(this) + 1 + tok_len(that);
            match (code1, code2) {
                (SetItem::Lit(lo), SetItem::Lit(hi)) => {
                    if hi < lo {
                        return Err(src.error(msg(), off));
                    }
                    set.push(SetItem::Range(lo, hi));
                }
                (SetItem::Lit(_) | SetItem::Range(..) | SetItem::Cat(_), SetItem::Lit(_) | SetItem::Range(..) | SetItem::Cat(_)) => {
                    return Err(src.error(msg(), off));
                }
            }
        } else {
            set.push(code1);
        }
    }
    let mut uniq: Vec<SetItem> = Vec::new();
    for i in set {
        if !uniq.contains(&i) {
            uniq.push(i);
        }
    }
    if let [SetItem::Lit(c)] = uniq[..] {
        return Ok(if negate { Node::NotLit(c) } else { Node::Lit(c) });
    }
    Ok(Node::Set { negate, items: uniq })
}

fn flag_of(c: char) -> Option<u32> {
    Some(match c {
        'i' => FLAG_IGNORECASE,
        'L' => FLAG_LOCALE,
        'm' => FLAG_MULTILINE,
        's' => FLAG_DOTALL,
        'x' => FLAG_VERBOSE,
        'a' => FLAG_ASCII,
        't' => FLAG_TEMPLATE,
        'u' => FLAG_UNICODE,
        _ => return None,
    })
}

const TYPE_FLAGS: u32 = FLAG_ASCII | FLAG_LOCALE | FLAG_UNICODE;
const GLOBAL_FLAGS: u32 = FLAG_DEBUG | FLAG_TEMPLATE;

fn plain(t: Option<Tok>) -> Option<char> {
    match t {
        Some((c, None)) => Some(c),
        _ => None,
    }
}

fn tok_is_alpha(t: Tok) -> bool {
    t.1.is_none() && t.0.is_alphabetic()
}

/// `_parse_flags`: None for global flags (`(?i)`), else (add, del).
fn parse_flags(src: &mut Tokenizer, state: &mut State, first: char) -> Result<Option<(u32, u32)>, ReError> {
    let mut add = 0;
    let mut del = 0;
    let mut ch: Option<Tok> = Some((first, None));
    if first != '-' {
        loop {
            let c = plain(ch).unwrap_or('\0');
            let flag = flag_of(c).unwrap_or(0);
            if c == 'L' {
                return Err(src.error("bad inline flags: cannot use 'L' flag with a str pattern", 0));
            }
            add |= flag;
            if flag & TYPE_FLAGS != 0 && add & TYPE_FLAGS != flag {
                return Err(src.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible", 0));
            }
            ch = src.get()?;
            let Some(t) = ch else { return Err(src.error("missing -, : or )", 0)) };
            if matches!(plain(ch), Some(')' | '-' | ':')) {
                break;
            }
            if plain(ch).and_then(flag_of).is_none() {
                let msg = if tok_is_alpha(t) { "unknown flag" } else { "missing -, : or )" };
                return Err(src.error(msg, tok_len(t)));
            }
        }
    }
    if plain(ch) == Some(')') {
        state.flags |= add;
        return Ok(None);
    }
    if add & GLOBAL_FLAGS != 0 {
        return Err(src.error("bad inline flags: cannot turn on global flag", 1));
    }
    if plain(ch) == Some('-') {
        ch = src.get()?;
        let Some(t) = ch else { return Err(src.error("missing flag", 0)) };
        if plain(ch).and_then(flag_of).is_none() {
            let msg = if tok_is_alpha(t) { "unknown flag" } else { "missing flag" };
            return Err(src.error(msg, tok_len(t)));
        }
        loop {
            let flag = plain(ch).and_then(flag_of).unwrap_or(0);
            if flag & TYPE_FLAGS != 0 {
                return Err(src.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", 0));
            }
            del |= flag;
            ch = src.get()?;
            let Some(t) = ch else { return Err(src.error("missing :", 0)) };
            if plain(ch) == Some(':') {
                break;
            }
            if plain(ch).and_then(flag_of).is_none() {
                let msg = if tok_is_alpha(t) { "unknown flag" } else { "missing :" };
                return Err(src.error(msg, tok_len(t)));
            }
        }
    }
    if del & GLOBAL_FLAGS != 0 {
        return Err(src.error("bad inline flags: cannot turn off global flag", 1));
    }
    if add & del != 0 {
        return Err(src.error("bad inline flags: flag turned on and off", 1));
    }
    Ok(Some((add, del)))
}

fn checkgroupname(src: &Tokenizer, name: &str, offset: usize) -> Result<(), ReError> {
    if !is_identifier(name) {
        return Err(src.error(format!("bad character in group name {}", py_repr(name)), name.chars().count() + offset));
    }
    Ok(())
}

/// After `(`: a group, an extension, or None for a comment or global flags.
fn parse_group(src: &mut Tokenizer, state: &mut State, verbose: &mut bool, nested: usize, first: bool) -> Result<Option<Node>, ReError> {
    let start = src.tell() - 1;
    let mut capture = true;
    let mut atomic = false;
    let mut name: Option<String> = None;
    let (mut add, mut del) = (0, 0);
    if src.matches('?')? {
        let Some(t) = src.get()? else { return Err(src.error("unexpected end of pattern", 0)) };
        let ch = plain(Some(t));
        match ch {
            Some('P') => {
                if src.matches('<')? {
                    let n = src.getuntil('>', "group name")?;
                    checkgroupname(src, &n, 1)?;
                    name = Some(n);
                } else if src.matches('=')? {
                    let n = src.getuntil(')', "group name")?;
                    checkgroupname(src, &n, 1)?;
                    let len = n.chars().count();
                    let Some(gid) = state.group_id(&n) else {
                        return Err(src.error(format!("unknown group name {}", py_repr(&n)), len + 1));
                    };
                    if !state.checkgroup(gid) {
                        return Err(src.error("cannot refer to an open group", len + 1));
                    }
                    state.checklookbehindgroup(gid, src)?;
                    return Ok(Some(Node::Backref(gid)));
                } else {
                    let Some(c) = src.get()? else { return Err(src.error("unexpected end of pattern", 0)) };
                    return Err(src.error(format!("unknown extension ?P{}", tok_text(c)), tok_len(c) + 2));
                }
            }
            Some(':') => capture = false,
            Some('#') => {
                loop {
                    if src.next.is_none() {
                        return Err(src.error("missing ), unterminated comment", src.tell() - start));
                    }
                    if src.get()? == Some((')', None)) {
                        break;
                    }
                }
                return Ok(None);
            }
            Some(c @ ('=' | '!' | '<')) => {
                let mut c = c;
                let mut behind = false;
                let saved = state.lookbehind;
                if c == '<' {
                    let Some(t2) = src.get()? else { return Err(src.error("unexpected end of pattern", 0)) };
                    match plain(Some(t2)) {
                        Some(d @ ('=' | '!')) => c = d,
                        _ => return Err(src.error(format!("unknown extension ?<{}", tok_text(t2)), tok_len(t2) + 2)),
                    }
                    behind = true;
                    if saved.is_none() {
                        state.lookbehind = Some(state.groups());
                    }
                }
                let body = parse_sub(src, state, *verbose, nested + 1)?;
                if behind && saved.is_none() {
                    state.lookbehind = None;
                }
                if !src.matches(')')? {
                    return Err(src.error("missing ), unterminated subpattern", src.tell() - start));
                }
                return Ok(Some(Node::Look { behind, negate: c == '!', body: Box::new(body) }));
            }
            Some('(') => {
                let cond = src.getuntil(')', "group name")?;
                let len = cond.chars().count();
                let group = if is_identifier(&cond) {
                    match state.group_id(&cond) {
                        Some(g) => g,
                        None => return Err(src.error(format!("unknown group name {}", py_repr(&cond)), len + 1)),
                    }
                } else {
                    let g: usize = match cond.trim().parse::<u64>() {
                        Ok(v) if cond.chars().all(|d| d.is_ascii_digit()) => usize::try_from(v).unwrap_or(usize::MAX),
                        _ => return Err(src.error(format!("bad character in group name {}", py_repr(&cond)), len + 1)),
                    };
                    if g == 0 {
                        return Err(src.error("bad group number", len + 1));
                    }
                    if g >= MAXGROUPS {
                        return Err(src.error(format!("invalid group reference {g}"), len + 1));
                    }
                    if !state.grouprefpos.iter().any(|&(x, _)| x == g) {
                        state.grouprefpos.push((g, src.tell() - len - 1));
                    }
                    g
                };
                state.checklookbehindgroup(group, src)?;
                let yes = parse_seq(src, state, *verbose, nested + 1, false)?;
                let no = if src.matches('|')? {
                    let no = parse_seq(src, state, *verbose, nested + 1, false)?;
                    if src.next == Some(('|', None)) {
                        return Err(src.error("conditional backref with more than two branches", 0));
                    }
                    Some(Box::new(no))
                } else {
                    None
                };
                if !src.matches(')')? {
                    return Err(src.error("missing ), unterminated subpattern", src.tell() - start));
                }
                return Ok(Some(Node::Cond { group, yes: Box::new(yes), no }));
            }
            Some('>') => {
                capture = false;
                atomic = true;
            }
            Some(c) if flag_of(c).is_some() || c == '-' => match parse_flags(src, state, c)? {
                None => {
                    if !first {
                        return Err(src.error("global flags not at the start of the expression", src.tell() - start));
                    }
                    *verbose = state.flags & FLAG_VERBOSE != 0;
                    return Ok(None);
                }
                Some((a, d)) => {
                    add = a;
                    del = d;
                    capture = false;
                }
            },
            _ => return Err(src.error(format!("unknown extension ?{}", tok_text(t)), tok_len(t) + 1)),
        }
    }
    let index = if capture {
        match state.opengroup(name.as_deref()) {
            Ok(g) => Some(g),
            Err(msg) => return Err(src.error(msg, name.as_deref().map_or(0, |n| n.chars().count()) + 1)),
        }
    } else {
        None
    };
    let sub_verbose = (*verbose || add & FLAG_VERBOSE != 0) && del & FLAG_VERBOSE == 0;
    let body = parse_sub(src, state, sub_verbose, nested + 1)?;
    if !src.matches(')')? {
        return Err(src.error("missing ), unterminated subpattern", src.tell() - start));
    }
    if let Some(g) = index {
        let w = narrow(width(&body, &state.widths));
        state.widths[g] = Some(w);
    }
    if atomic {
        return Ok(Some(Node::Atomic(Box::new(body))));
    }
    Ok(Some(Node::Group { index, add, del, body: Box::new(body) }))
}

/// The widths of the groups, for the compiler's look-behind check.
pub fn group_widths(p: &Parsed) -> Vec<Option<(u32, u32)>> {
    let mut w = alloc::vec![None; p.groups];
    fn walk(n: &Node, w: &mut Vec<Option<(u32, u32)>>) {
        match n {
            Node::Seq(v) | Node::Alt(v) => v.iter().for_each(|x| walk(x, w)),
            Node::Group { index, body, .. } => {
                walk(body, w);
                if let Some(g) = index {
                    let wd = narrow(width(body, w));
                    if let Some(slot) = w.get_mut(*g) {
                        *slot = Some(wd);
                    }
                }
            }
            Node::Repeat { body, .. } | Node::Look { body, .. } | Node::Atomic(body) => walk(body, w),
            Node::Cond { yes, no, .. } => {
                walk(yes, w);
                if let Some(no) = no {
                    walk(no, w);
                }
            }
            Node::Lit(_) | Node::NotLit(_) | Node::Any | Node::Set { .. } | Node::Cat(_) | Node::At(_) | Node::Backref(_) => {}
        }
    }
    walk(&p.node, &mut w);
    w
}
