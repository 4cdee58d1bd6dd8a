//! `str.format(*args, **kwargs)`: a port of CPython 3.11's `Objects/stringlib/unicode_format.h`
//! (`do_string_format`, `build_string`, `do_markup`, `MarkupIterator_next`, `parse_field`,
//! `field_name_split`, `FieldNameIterator_next`, `get_field_object`, `do_conversion`,
//! `render_field`).
//!
//! Relies on: `format::format_to` (the `__format__` of the builtin types and the format-spec
//! mini-language), `format::ascii_value`, `dispatch` (str, repr, item access), `attrs::getattr`
//! (attribute access), `format::spec::decimal_value` (field numbers are read with
//! `Py_UNICODE_TODECIMAL`, so any script's decimal digits count).
//!
//! Provides: [`format`] and [`format_map`], the implementations of `str.format` and
//! `str.format_map`.
//!
//! Invariants: the markup characters (`{ } [ ] . ! :`) are ASCII, so the template is scanned
//! by UTF-8 byte and every cut falls on a character boundary; errors and their order are
//! CPython's ("Single '}' encountered in format string", "cannot switch from automatic field
//! numbering to manual field specification", IndexError "Replacement index 1 out of range for
//! positional args tuple", KeyError `'name'`, "Max string recursion exceeded" past two levels
//! of nested specs, …). Every object fetched is released on every path.

use alloc::format;
use alloc::string::String;

use super::format::spec::decimal_value;
use super::format::sink::Push;
use super::format::{SpecArg, ascii_value, format_to};
use super::str::{str_from_text, str_text};
use super::{Obj, decref, dispatch, int, new_ref};
use crate::ExceptionKind::{IndexError, KeyError, ValueError};
use crate::exceptions::{MoltResult, fail};

/// CPython's `AutoNumberState`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AutoState {
    Init,
    Auto,
    Manual,
}

struct Formatter<'a, 'k> {
    args: &'a [Obj],
    kwargs: &'a [(&'k str, Obj)],
    /// `format_map`'s mapping: named fields are its items (`mapping[name]`), and positional
    /// fields are an error.
    mapping: Option<Obj>,
    state: AutoState,
    next_field: i64,
}

/// A reference released when dropped.
struct Owned(Obj);

impl Drop for Owned {
    fn drop(&mut self) {
        // SAFETY: the guard owns one reference.
        unsafe { decref(self.0) };
    }
}

/// `get_integer`: the value of a field number, None when `s` is empty or not all decimal
/// digits; ValueError past `isize::MAX`.
fn get_integer(s: &str) -> MoltResult<Option<i64>> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut acc: i64 = 0;
    for c in s.chars() {
        let Some(d) = decimal_value(c) else {
            return Ok(None);
        };
        let d = i64::from(d);
        if acc > (i64::MAX - d) / 10 {
            return fail(ValueError, "Too many decimal digits in format string");
        }
        acc = acc * 10 + d;
    }
    Ok(Some(acc))
}

/// A parsed replacement field: `{field_name!conversion:format_spec}`.
struct Field<'t> {
    name: &'t str,
    conversion: Option<char>,
    spec: &'t str,
    spec_needs_expanding: bool,
}

/// `parse_field`: the field starting at byte `*at` (just after its `{`); moves `*at` past its
/// closing `}`.
fn parse_field<'t>(t: &'t str, at: &mut usize) -> MoltResult<Field<'t>> {
    let b = t.as_bytes();
    let start = *at;
    let mut c = 0u8;
    while *at < b.len() {
        c = b[*at];
        *at += 1;
        match c {
            b'{' => return fail(ValueError, "unexpected '{' in field name"),
            b'[' => {
                while *at < b.len() && b[*at] != b']' {
                    *at += 1;
                }
                continue;
            }
            b'}' | b':' | b'!' => break,
            _ => continue,
        }
    }
    if !matches!(c, b'}' | b':' | b'!') {
        // The end of the string (or of an open `[`) before the field ended.
        return fail(ValueError, "expected '}' before end of string");
    }
    let mut field = Field {
        // `*at - 1` is the ASCII terminator.
        name: &t[start..*at - 1],
        conversion: None,
        spec: "",
        spec_needs_expanding: false,
    };
    if c == b'!' || c == b':' {
        if c == b'!' {
            let Some(conv) = t[*at..].chars().next() else {
                return fail(
                    ValueError,
                    "end of string while looking for conversion specifier",
                );
            };
            field.conversion = Some(conv);
            *at += conv.len_utf8();
            if *at < b.len() {
                let next = b[*at];
                *at += 1;
                if next == b'}' {
                    return Ok(field);
                }
                if next != b':' {
                    return fail(ValueError, "expected ':' after conversion specifier");
                }
            }
        }
        let spec_start = *at;
        let mut depth = 1;
        while *at < b.len() {
            let c = b[*at];
            *at += 1;
            match c {
                b'{' => {
                    field.spec_needs_expanding = true;
                    depth += 1;
                }
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        field.spec = &t[spec_start..*at - 1];
                        return Ok(field);
                    }
                }
                _ => {}
            }
        }
        return fail(ValueError, "unmatched '{' in format spec");
    }
    Ok(field)
}

impl Formatter<'_, '_> {
    /// `field_name_split` + `get_field_object`: the object a field name designates (a new
    /// reference).
    fn field_object(&mut self, name: &str) -> MoltResult<Obj> {
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let first = &name[..first_end];
        let mut index = get_integer(first)?;
        let empty = first.is_empty();
        if empty || index.is_some() {
            if self.state == AutoState::Init {
                self.state = if empty {
                    AutoState::Auto
                } else {
                    AutoState::Manual
                };
            }
            match (self.state, empty) {
                (AutoState::Manual, true) => {
                    return fail(
                        ValueError,
                        "cannot switch from manual field specification to automatic field numbering",
                    );
                }
                (AutoState::Auto, false) => {
                    return fail(
                        ValueError,
                        "cannot switch from automatic field numbering to manual field specification",
                    );
                }
                _ => {}
            }
            if empty {
                index = Some(self.next_field);
                self.next_field += 1;
            }
        }
        let mut obj = Owned(match (index, self.mapping) {
            (None, Some(m)) => {
                let key = Owned(str_from_text(first)?);
                dispatch::getitem(m, key.0)?
            }
            (Some(_), Some(_)) => return fail(ValueError, "Format string contains positional fields"),
            (None, None) => match self.kwargs.iter().find(|(k, _)| *k == first) {
                Some(&(_, v)) => new_ref(v),
                // The runtime shows a KeyError's message as its repr, as CPython shows the key.
                None => return fail(KeyError, String::from(first)),
            },
            (Some(i), None) => match usize::try_from(i).ok().and_then(|i| self.args.get(i)) {
                Some(&v) => new_ref(v),
                None => {
                    return fail(
                        IndexError,
                        format!("Replacement index {i} out of range for positional args tuple"),
                    );
                }
            },
        });
        // `FieldNameIterator_next` over the rest.
        let rest = &name[first_end..];
        let b = rest.as_bytes();
        let mut at = 0;
        while at < b.len() {
            let c = b[at];
            at += 1;
            let (is_attribute, part) = match c {
                b'.' => {
                    let end = rest[at..].find(['.', '[']).map_or(rest.len(), |e| at + e);
                    let part = &rest[at..end];
                    at = end;
                    (true, part)
                }
                b'[' => {
                    let Some(close) = rest[at..].find(']') else {
                        return fail(ValueError, "Missing ']' in format string");
                    };
                    let part = &rest[at..at + close];
                    at += close + 1;
                    (false, part)
                }
                _ => {
                    return fail(
                        ValueError,
                        "Only '.' or '[' may follow ']' in format field specifier",
                    );
                }
            };
            let index = if is_attribute {
                None
            } else {
                get_integer(part)?
            };
            if part.is_empty() {
                return fail(ValueError, "Empty attribute in format string");
            }
            let next = if is_attribute {
                super::attrs::getattr(obj.0, part)?
            } else {
                let key = Owned(match index {
                    Some(i) => int::from_i64(i)?,
                    None => str_from_text(part)?,
                });
                dispatch::getitem(obj.0, key.0)?
            };
            obj = Owned(next);
        }
        let o = obj.0;
        core::mem::forget(obj);
        Ok(o)
    }

    /// `output_markup`: a field's text appended to `out`.
    fn output_field(&mut self, field: &Field, out: &mut String, depth: i32) -> MoltResult<()> {
        let mut obj = Owned(self.field_object(field.name)?);
        if let Some(conv) = field.conversion {
            let converted = match conv {
                'r' => str_from_text(&dispatch::repr_of(obj.0)?)?,
                's' => str_from_text(&dispatch::str_of(obj.0)?)?,
                'a' => ascii_value(obj.0)?,
                c if (c as u32) > 32 && (c as u32) < 127 => {
                    return fail(ValueError, format!("Unknown conversion specifier {c}"));
                }
                c => {
                    return fail(
                        ValueError,
                        format!("Unknown conversion specifier \\x{:x}", c as u32),
                    );
                }
            };
            obj = Owned(converted);
        }
        // The field's text written straight onto `out` (no str object for it or its spec).
        let mut expanded = String::new();
        let spec = if field.spec_needs_expanding {
            self.build(field.spec, &mut expanded, depth - 1)?;
            expanded.as_str()
        } else {
            field.spec
        };
        format_to(obj.0, SpecArg::Text(spec), &mut Push(out))
    }

    /// `build_string` + `do_markup`: `template` formatted onto `out`.
    fn build(&mut self, template: &str, out: &mut String, depth: i32) -> MoltResult<()> {
        if depth <= 0 {
            return fail(ValueError, "Max string recursion exceeded");
        }
        let b = template.as_bytes();
        let mut at = 0;
        while at < b.len() {
            // Literal text up to the next brace.
            let start = at;
            let brace = template[at..].find(['{', '}']).map(|i| at + i);
            let Some(i) = brace else {
                out.push_str(&template[start..]);
                break;
            };
            let c = b[i];
            at = i + 1;
            let at_end = at >= b.len();
            if c == b'}' && (at_end || b[at] != b'}') {
                return fail(ValueError, "Single '}' encountered in format string");
            }
            if at_end && c == b'{' {
                return fail(ValueError, "Single '{' encountered in format string");
            }
            if b[at] == c {
                // An escaped brace: the literal includes one.
                out.push_str(&template[start..at]);
                at += 1;
                continue;
            }
            out.push_str(&template[start..i]);
            let field = parse_field(template, &mut at)?;
            self.output_field(&field, out, depth)?;
        }
        Ok(())
    }
}

/// `str.format(*args, **kwargs)` on the template `s`.
pub fn format(s: Obj, args: &[Obj], kwargs: &[(&str, Obj)]) -> MoltResult<Obj> {
    run(s, Formatter { args, kwargs, mapping: None, state: AutoState::Init, next_field: 0 })
}

/// `str.format_map(mapping)` on the template `s`.
pub fn format_map(s: Obj, mapping: Obj) -> MoltResult<Obj> {
    run(s, Formatter { args: &[], kwargs: &[], mapping: Some(mapping), state: AutoState::Init, next_field: 0 })
}

/// `do_string_format` with the formatter's arguments.
fn run(s: Obj, mut f: Formatter) -> MoltResult<Obj> {
    let template = str_text(s).unwrap_or("");
    let mut out = String::new();
    if out.try_reserve(template.len()).is_err() {
        return super::alloc::memory_error();
    }
    f.build(template, &mut out, 2)?;
    str_from_text(&out)
}
