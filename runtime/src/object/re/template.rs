//! Replacement templates of `sub`, `subn` and `Match.expand`: CPython 3.11's
//! `_parser.parse_template` (`\1`, `\g<name>`, `\g<0>`, octal and character escapes) and
//! `expand_template` (a group that did not take part is the empty string).
//!
//! Relies on: `parse::Tokenizer` (the same tokens and error positions as patterns).
//!
//! Provides: [`Piece`], [`parse_template`], [`TemplateError`].
//!
//! Invariants: a group index in a parsed template is at most the pattern's group count (else
//! CPython's "invalid group reference" at its position).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::parse::{MAXGROUPS, ReError, Tokenizer, is_identifier, py_repr};

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Lit(String),
    Group(usize),
}

/// A template's error: a `re.error`, or the IndexError of an unknown group name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    Re(ReError),
    UnknownName(String),
}

impl From<ReError> for TemplateError {
    fn from(e: ReError) -> Self {
        TemplateError::Re(e)
    }
}

fn is_oct(c: char) -> bool {
    ('0'..='7').contains(&c)
}

/// `parse_template(source, pattern)`: `groups` is the pattern's group count (without group 0).
pub fn parse_template(src: &[char], groups: usize, names: &[(String, usize)]) -> Result<Vec<Piece>, TemplateError> {
    let mut s = Tokenizer::new(src)?;
    let mut out: Vec<Piece> = Vec::new();
    let mut lit = String::new();
    let addgroup = |out: &mut Vec<Piece>, lit: &mut String, index: usize, s: &Tokenizer, off: usize| -> Result<(), TemplateError> {
        if index > groups {
            return Err(s.error(format!("invalid group reference {index}"), off).into());
        }
        if !lit.is_empty() {
            out.push(Piece::Lit(core::mem::take(lit)));
        }
        out.push(Piece::Group(index));
        Ok(())
    };
    while let Some(this) = s.get()? {
        let (c0, Some(c)) = this else {
            lit.push(this.0);
            continue;
        };
        let _ = c0;
        if c == 'g' {
            if !s.matches('<')? {
                return Err(s.error("missing <", 0).into());
            }
            let name = s.getuntil('>', "group name")?;
            let len = name.chars().count();
            let index = if is_identifier(&name) {
                match names.iter().find(|(n, _)| *n == name) {
                    Some(&(_, g)) => g,
                    None => return Err(TemplateError::UnknownName(format!("unknown group name {}", py_repr(&name)))),
                }
            } else {
                let ok = !name.is_empty() && name.chars().all(|d| d.is_ascii_digit());
                let v = if ok { name.parse::<u64>().ok() } else { None };
                let Some(v) = v else {
                    return Err(s.error(format!("bad character in group name {}", py_repr(&name)), len + 1).into());
                };
                let v = usize::try_from(v).unwrap_or(usize::MAX);
                if v >= MAXGROUPS {
                    return Err(s.error(format!("invalid group reference {v}"), len + 1).into());
                }
                v
            };
            addgroup(&mut out, &mut lit, index, &s, len + 1)?;
        } else if c == '0' {
            let mut text = String::from("0");
            for _ in 0..2 {
                match s.next {
                    Some((d, None)) if is_oct(d) => {
                        text.push(d);
                        s.get()?;
                    }
                    _ => break,
                }
            }
            let v = u32::from_str_radix(&text, 8).unwrap_or(0) & 0xff;
            lit.push(char::from_u32(v).unwrap_or('\0'));
        } else if c.is_ascii_digit() {
            let mut text = String::new();
            text.push(c);
            let mut octal = false;
            if let Some((d, None)) = s.next.filter(|t| t.1.is_none() && t.0.is_ascii_digit()) {
                s.get()?;
                text.push(d);
                if is_oct(c) && is_oct(d) {
                    if let Some((e, None)) = s.next.filter(|t| t.1.is_none() && is_oct(t.0)) {
                        s.get()?;
                        text.push(e);
                        octal = true;
                        let v = u32::from_str_radix(&text, 8).unwrap_or(0);
                        if v > 0o377 {
                            return Err(s.error(format!("octal escape value \\{text} outside of range 0-0o377"), text.len() + 1).into());
                        }
                        lit.push(char::from_u32(v).unwrap_or('\0'));
                    }
                }
            }
            if !octal {
                let index: usize = text.parse().unwrap_or(usize::MAX);
                addgroup(&mut out, &mut lit, index, &s, text.len())?;
            }
        } else {
            let e = match c {
                'a' => Some('\x07'),
                'b' => Some('\x08'),
                'f' => Some('\x0c'),
                'n' => Some('\n'),
                'r' => Some('\r'),
                't' => Some('\t'),
                'v' => Some('\x0b'),
                '\\' => Some('\\'),
                _ => None,
            };
            match e {
                Some(ch) => lit.push(ch),
                None => {
                    if c.is_ascii_alphabetic() {
                        return Err(s.error(format!("bad escape \\{c}"), 2).into());
                    }
                    lit.push('\\');
                    lit.push(c);
                }
            }
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit));
    }
    Ok(out)
}
