//! Parser for the textual IR form printed by `print.rs`.
//!
//! Provides: `parse_module`. Relies on the line-oriented grammar of the printer: one statement
//! per line (`global`, `func … {`, `}`, a block label, or an op); `//` starts a comment. Values
//! may be used before their defining line (loops), so ops are created first and operands
//! resolved afterwards. Syntax errors, unknown ops, undefined values or blocks, and names
//! defined twice (values, blocks, functions, globals) are reported with the line number; the
//! parser does not check op signatures or dominance (the verifier does). Symbols are `@name` or,
//! for names that are not plain words, `@"…"` with string escapes.

use std::collections::HashMap;

use crate::generated::Opcode;
use crate::ir::{Attr, Block, F64, Func, Global, Module, NewOp, OpId, Span, Successor, Value};
use crate::types::Type;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Val(String),
    Blk(String),
    Sym(String),
    Word(String),
    Str(String),
    Punct(char),
    Arrow,
    DotDot,
}

fn lex(line: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut toks = Vec::new();
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '.' | '$' | '<' | '>' | '!' | '+' | '-');
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            break;
        } else if c == '-' && chars.get(i + 1) == Some(&'>') {
            toks.push(Tok::Arrow);
            i += 2;
        } else if c == '.' && chars.get(i + 1) == Some(&'.') {
            toks.push(Tok::DotDot);
            i += 2;
        } else if c == '@' && chars.get(i + 1) == Some(&'"') {
            let (name, next) = lex_string(&chars, i + 1)?;
            toks.push(Tok::Sym(name));
            i = next;
        } else if matches!(c, '%' | '^' | '@') {
            let start = i + 1;
            i += 1;
            while i < chars.len() && is_word(chars[i]) && !(chars[i] == '.' && chars.get(i + 1) == Some(&'.')) {
                if c != '@' && matches!(chars[i], '.' | '<' | '>' | '!' | '+' | '-') {
                    break;
                }
                i += 1;
            }
            let name: String = chars[start..i].iter().collect();
            if name.is_empty() {
                return Err(format!("`{c}` must be followed by a name"));
            }
            toks.push(match c {
                '%' => Tok::Val(name),
                '^' => Tok::Blk(name),
                _ => Tok::Sym(name),
            });
        } else if c == '"' {
            let (text, next) = lex_string(&chars, i)?;
            toks.push(Tok::Str(text));
            i = next;
        } else if matches!(c, '(' | ')' | '{' | '}' | ',' | '=' | ':') {
            toks.push(Tok::Punct(c));
            i += 1;
        } else if is_word(c) {
            let start = i;
            // Inside a parametric type's `<…>`, `,` belongs to the word (`!t.tuple<int,float>`).
            let mut depth = 0usize;
            while i < chars.len() && (is_word(chars[i]) || (depth > 0 && chars[i] == ',')) && !(chars[i] == '.' && chars.get(i + 1) == Some(&'.')) {
                match chars[i] {
                    '<' => depth += 1,
                    '>' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                i += 1;
            }
            toks.push(Tok::Word(chars[start..i].iter().collect()));
        } else {
            return Err(format!("unexpected character `{c}`"));
        }
    }
    Ok(toks)
}

/// Lexes the string literal opening at `chars[open]` (a `"`), with the escapes the printer
/// produces (Rust's: `\n \t \r \0 \\ \" \' \u{…}`). Returns the text and the index after the
/// closing quote.
fn lex_string(chars: &[char], open: usize) -> Result<(String, usize), String> {
    let mut i = open + 1;
    let mut s = String::new();
    loop {
        let Some(&c) = chars.get(i) else { return Err("unterminated string".into()) };
        i += 1;
        match c {
            '"' => return Ok((s, i)),
            '\\' => {
                let Some(&e) = chars.get(i) else { return Err("unterminated escape".into()) };
                i += 1;
                match e {
                    'n' => s.push('\n'),
                    't' => s.push('\t'),
                    'r' => s.push('\r'),
                    '0' => s.push('\0'),
                    '\\' | '"' | '\'' => s.push(e),
                    'u' => {
                        if chars.get(i) != Some(&'{') {
                            return Err("bad \\u escape".into());
                        }
                        let end = chars[i..].iter().position(|&c| c == '}').ok_or("bad \\u escape")? + i;
                        let hex: String = chars[i + 1..end].iter().collect();
                        let code = u32::from_str_radix(&hex, 16).map_err(|_| "bad \\u escape")?;
                        s.push(char::from_u32(code).ok_or("bad \\u escape")?);
                        i = end + 1;
                    }
                    other => return Err(format!("unknown escape `\\{other}`")),
                }
            }
            c => s.push(c),
        }
    }
}

impl std::fmt::Display for Tok {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tok::Val(v) => write!(f, "`%{v}`"),
            Tok::Blk(b) => write!(f, "`^{b}`"),
            Tok::Sym(s) => write!(f, "`@{s}`"),
            Tok::Word(w) => write!(f, "`{w}`"),
            Tok::Str(s) => write!(f, "string {s:?}"),
            Tok::Punct(c) => write!(f, "`{c}`"),
            Tok::Arrow => f.write_str("`->`"),
            Tok::DotDot => f.write_str("`..`"),
        }
    }
}

/// A token for an error message ("end of line" when there is none).
fn show(t: Option<&Tok>) -> String {
    t.map_or("end of line".to_string(), Tok::to_string)
}

struct Cursor {
    toks: Vec<Tok>,
    pos: usize,
}

impl Cursor {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek() == Some(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect(&mut self, t: Tok) -> Result<(), String> {
        match self.next() {
            Some(x) if x == t => Ok(()),
            other => Err(format!("expected {t}, found {}", show(other.as_ref()))),
        }
    }
    /// Fails unless every token of the line was consumed.
    fn end(&self) -> Result<(), String> {
        match self.peek() {
            None => Ok(()),
            Some(t) => Err(format!("unexpected {t} at the end of the line")),
        }
    }
    fn ty(&mut self) -> Result<Type, String> {
        match self.next() {
            Some(Tok::Word(w)) => Type::from_name(&w).ok_or(format!("unknown type `{w}`")),
            other => Err(format!("expected a type, found {}", show(other.as_ref()))),
        }
    }
    fn num_u32(&mut self) -> Result<u32, String> {
        match self.next() {
            Some(Tok::Word(w)) => w.parse().map_err(|_| format!("expected a number, found `{w}`")),
            other => Err(format!("expected a number, found {}", show(other.as_ref()))),
        }
    }
    fn loc(&mut self) -> Result<Span, String> {
        if self.peek() == Some(&Tok::Word("loc".into())) {
            self.pos += 1;
            self.expect(Tok::Punct('('))?;
            let s = self.num_u32()?;
            self.expect(Tok::DotDot)?;
            let e = self.num_u32()?;
            self.expect(Tok::Punct(')'))?;
            Ok(Span::new(s, e))
        } else {
            Ok(Span::default())
        }
    }
}

fn parse_attr(c: &mut Cursor) -> Result<Attr, String> {
    match c.next() {
        Some(Tok::Str(s)) => Ok(Attr::Str(s)),
        Some(Tok::Sym(s)) => Ok(Attr::Sym(s)),
        Some(Tok::Word(w)) => match w.as_str() {
            "true" => Ok(Attr::Bool(true)),
            "false" => Ok(Attr::Bool(false)),
            "none" => Ok(Attr::None),
            "bytes" => {
                c.expect(Tok::Punct('('))?;
                let text = match c.next() {
                    Some(Tok::Str(s)) => s,
                    other => return Err(format!("expected the string of a bytes literal, found {}", show(other.as_ref()))),
                };
                c.expect(Tok::Punct(')'))?;
                text.chars().map(|ch| u8::try_from(u32::from(ch)).map_err(|_| format!("bytes literal holds {ch:?}, beyond U+00FF"))).collect::<Result<Vec<u8>, String>>().map(Attr::Bytes)
            }
            "bigint" => {
                c.expect(Tok::Punct('('))?;
                let digits = match c.next() {
                    Some(Tok::Word(d)) if d.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit()) && !d.trim_start_matches('-').is_empty() => d,
                    other => return Err(format!("expected the digits of a big int, found {other:?}")),
                };
                c.expect(Tok::Punct(')'))?;
                Ok(Attr::BigInt(digits))
            }
            "type" => {
                c.expect(Tok::Punct('('))?;
                let t = c.ty()?;
                c.expect(Tok::Punct(')'))?;
                Ok(Attr::Type(t))
            }
            _ => {
                if let Ok(i) = w.parse::<i64>() {
                    Ok(Attr::Int(i))
                } else if let Ok(f) = w.parse::<f64>() {
                    Ok(Attr::Float(F64(f)))
                } else {
                    Err(format!("bad attribute value `{w}`"))
                }
            }
        },
        other => Err(format!("expected an attribute value, found {}", show(other.as_ref()))),
    }
}

/// An op whose operands are still names.
struct PendingOp {
    line: usize,
    op: OpId,
    operands: Vec<String>,
    successors: Vec<(String, Vec<String>)>,
}

struct FuncBuilder {
    func: Func,
    blocks: HashMap<String, Block>,
    values: HashMap<String, Value>,
    pending: Vec<PendingOp>,
    current: Option<Block>,
}

impl FuncBuilder {
    fn block(&mut self, name: &str) -> Block {
        if let Some(&b) = self.blocks.get(name) {
            return b;
        }
        // Blocks are laid out in order of first mention as a label; successors may mention a
        // block earlier, so allocate without layout and fix the layout at the end.
        let b = self.func.new_block();
        self.func.layout.pop();
        self.blocks.insert(name.to_string(), b);
        b
    }

    fn define(&mut self, name: String, v: Value) -> Result<(), String> {
        if self.values.insert(name.clone(), v).is_some() {
            return Err(format!("value %{name} is defined twice"));
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Func, ParseError> {
        for p in std::mem::take(&mut self.pending) {
            let lookup = |n: &String| self.values.get(n).copied().ok_or(ParseError { line: p.line, message: format!("undefined value %{n}") });
            let operands = p.operands.iter().map(lookup).collect::<Result<Vec<_>, _>>()?;
            let mut succs = Vec::new();
            for (b, args) in &p.successors {
                let block = *self.blocks.get(b).ok_or(ParseError { line: p.line, message: format!("undefined block ^{b}") })?;
                if !self.func.layout.contains(&block) {
                    return Err(ParseError { line: p.line, message: format!("undefined block ^{b}") });
                }
                let args = args.iter().map(lookup).collect::<Result<Vec<_>, _>>()?;
                succs.push(Successor { block, args });
            }
            self.func.ops[p.op].operands = operands;
            self.func.ops[p.op].successors = succs;
        }
        Ok(self.func)
    }
}

pub fn parse_module(text: &str) -> Result<Module, ParseError> {
    let mut module = Module::default();
    let mut fb: Option<FuncBuilder> = None;
    for (idx, raw) in text.lines().enumerate() {
        let line = idx + 1;
        let err = |message: String| ParseError { line, message };
        let toks = lex(raw).map_err(err)?;
        if toks.is_empty() {
            continue;
        }
        let mut c = Cursor { toks, pos: 0 };
        let first = c.peek().cloned();
        match (&mut fb, first) {
            (None, Some(Tok::Word(w))) if w == "global" => {
                c.next();
                let Some(Tok::Sym(name)) = c.next() else { return Err(err("expected @name".into())) };
                c.expect(Tok::Punct(':')).map_err(err)?;
                let ty = c.ty().map_err(err)?;
                c.end().map_err(err)?;
                if module.globals.iter().any(|g| g.name == name) {
                    return Err(err(format!("global @{name} is defined twice")));
                }
                module.globals.push(Global { name, ty });
            }
            (None, Some(Tok::Word(w))) if w == "func" => {
                c.next();
                let Some(Tok::Sym(name)) = c.next() else { return Err(err("expected @name".into())) };
                if module.func(&name).is_some() {
                    return Err(err(format!("function @{name} is defined twice")));
                }
                c.expect(Tok::Arrow).map_err(err)?;
                c.expect(Tok::Punct('(')).map_err(err)?;
                let mut results = Vec::new();
                while !c.eat(&Tok::Punct(')')) {
                    results.push(c.ty().map_err(err)?);
                    c.eat(&Tok::Punct(','));
                }
                let mut func = Func::new(name, results);
                func.span = c.loc().map_err(err)?;
                c.expect(Tok::Punct('{')).map_err(err)?;
                c.end().map_err(err)?;
                fb = Some(FuncBuilder { func, blocks: HashMap::new(), values: HashMap::new(), pending: Vec::new(), current: None });
            }
            (Some(_), Some(Tok::Punct('}'))) => {
                c.next();
                c.end().map_err(err)?;
                let Some(done) = fb.take() else { return Err(err("unbalanced `}`".into())) };
                module.funcs.push(done.finish()?);
            }
            (Some(b), Some(Tok::Blk(name))) => {
                c.next();
                let block = b.block(&name);
                if b.func.layout.contains(&block) {
                    return Err(err(format!("block ^{name} is defined twice")));
                }
                b.func.layout.push(block);
                if c.eat(&Tok::Punct('(')) {
                    while !c.eat(&Tok::Punct(')')) {
                        let Some(Tok::Val(v)) = c.next() else { return Err(err("expected a block argument".into())) };
                        c.expect(Tok::Punct(':')).map_err(err)?;
                        let ty = c.ty().map_err(err)?;
                        let value = b.func.add_block_param(block, ty);
                        b.define(v, value).map_err(err)?;
                        c.eat(&Tok::Punct(','));
                    }
                }
                c.expect(Tok::Punct(':')).map_err(err)?;
                c.end().map_err(err)?;
                b.current = Some(block);
            }
            (Some(b), Some(_)) => {
                let block = b.current.ok_or(err("op outside a block".into()))?;
                let mut result_names = Vec::new();
                while let Some(Tok::Val(v)) = c.peek().cloned() {
                    c.next();
                    result_names.push(v);
                    if !c.eat(&Tok::Punct(',')) {
                        break;
                    }
                }
                if !result_names.is_empty() {
                    c.expect(Tok::Punct('=')).map_err(err)?;
                }
                let Some(Tok::Word(opname)) = c.next() else { return Err(err("expected an op name".into())) };
                let opcode = Opcode::from_name(&opname).ok_or(err(format!("unknown op `{opname}`")))?;
                let mut operands = Vec::new();
                let mut successors = Vec::new();
                loop {
                    match c.peek().cloned() {
                        Some(Tok::Val(v)) => {
                            c.next();
                            operands.push(v);
                        }
                        Some(Tok::Blk(s)) => {
                            c.next();
                            let mut args = Vec::new();
                            if c.eat(&Tok::Punct('(')) {
                                while !c.eat(&Tok::Punct(')')) {
                                    let Some(Tok::Val(v)) = c.next() else { return Err(err("expected a successor argument".into())) };
                                    args.push(v);
                                    c.eat(&Tok::Punct(','));
                                }
                            }
                            successors.push((s, args));
                        }
                        _ => break,
                    }
                    if !c.eat(&Tok::Punct(',')) {
                        break;
                    }
                }
                let mut new = NewOp::new(opcode, Span::default());
                if c.eat(&Tok::Punct('{')) {
                    while !c.eat(&Tok::Punct('}')) {
                        let Some(Tok::Word(name)) = c.next() else { return Err(err("expected an attribute name".into())) };
                        c.expect(Tok::Punct('=')).map_err(err)?;
                        let a = parse_attr(&mut c).map_err(err)?;
                        new = new.attr(&name, a);
                        c.eat(&Tok::Punct(','));
                    }
                }
                if c.eat(&Tok::Punct(':')) {
                    loop {
                        new = new.result(c.ty().map_err(err)?);
                        if !c.eat(&Tok::Punct(',')) {
                            break;
                        }
                    }
                }
                if new.result_types.len() != result_names.len() {
                    return Err(err(format!("{} result name(s) but {} result type(s)", result_names.len(), new.result_types.len())));
                }
                new.span = c.loc().map_err(err)?;
                c.end().map_err(err)?;
                for (s, _) in &successors {
                    b.block(s);
                }
                let op = b.func.append_op(block, new);
                let results = b.func.ops[op].results.clone();
                for (n, v) in result_names.into_iter().zip(results) {
                    b.define(n, v).map_err(err)?;
                }
                b.pending.push(PendingOp { line, op, operands, successors });
            }
            (None, Some(other)) => return Err(err(format!("expected `global` or `func`, found {other}"))),
            (None, None) => {}
            (Some(_), None) => {}
        }
    }
    if fb.is_some() {
        return Err(ParseError { line: text.lines().count(), message: "missing `}` at end of function".into() });
    }
    Ok(module)
}
