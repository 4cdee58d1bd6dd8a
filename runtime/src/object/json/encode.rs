//! `json`'s encoder: CPython 3.11's `Modules/_json.c` (`encoder_listencode_obj`, `_dict`,
//! `_list`, `encoder_encode_float`, `ascii_escape_unicode`, `escape_unicode`) and, for an
//! `indent`, `Lib/json/encoder.py`'s `_make_iterencode` (the same text with newlines).
//!
//! Invariants: the text is built in one Rust `String`; every object read from a container is
//! held by an owned reference while user code (`default`, a sort's comparisons, a subclass's
//! `items()`) may run; `markers` holds the addresses of the containers being encoded (CPython's
//! `id()` markers) when `check_circular` is true; nesting deeper than the recursion limit is
//! CPython's RecursionError, never a native stack overflow.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use super::super::range::Owned;
use super::super::types::is_subtype;
use super::super::{Obj, callable, dict, dispatch, float, int, list, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::{RecursionError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};

/// What `JSONEncoder`'s attributes ask for.
pub(super) struct Settings {
    pub skipkeys: bool,
    pub ensure_ascii: bool,
    pub check_circular: bool,
    pub allow_nan: bool,
    pub sort_keys: bool,
    /// The text of one indent level (`' ' * indent`, or the str given); None for one line.
    pub indent: Option<String>,
    pub item_separator: String,
    pub key_separator: String,
    /// `self.default` (borrowed), None for `JSONEncoder.default`'s TypeError.
    pub default: Option<Obj>,
}

/// `encoder.encode(o)`: the JSON text of `o`.
pub(super) fn encode(settings: &Settings, o: Obj) -> MoltResult<String> {
    let mut e = Encoder { s: settings, out: String::new(), markers: Vec::new(), level: 0, depth: 0 };
    e.value(o)?;
    Ok(e.out)
}

/// `JSONEncoder.default`'s error.
pub(super) fn not_serializable<T>(o: Obj) -> MoltResult<T> {
    fail(TypeError, format!("Object of type {} is not JSON serializable", o.type_of().name))
}

struct Encoder<'a> {
    s: &'a Settings,
    out: String,
    markers: Vec<u64>,
    /// The indent level (`_current_indent_level`).
    level: usize,
    /// Nesting of containers and `default` results (CPython's recursion check).
    depth: i64,
}

fn is_instance(o: Obj, t: &'static super::super::types::TypeObject) -> bool {
    is_subtype(o.type_of(), t)
}

impl Encoder<'_> {
    fn value(&mut self, o: Obj) -> MoltResult<()> {
        if singletons::is_none(o) {
            self.out.push_str("null");
        } else if singletons::is_bool(o) {
            self.out.push_str(if singletons::bool_value(o) { "true" } else { "false" });
        } else if let Some(text) = pystr::str_text(o) {
            encode_str(&mut self.out, text, self.s.ensure_ascii);
        } else if int::is_int(o) {
            self.out.push_str(&dispatch::repr_of(o)?);
        } else if let Some(v) = float::float_value(o) {
            let text = self.float_text(v)?;
            self.out.push_str(&text);
        } else if is_instance(o, &list::molt_type_list) || is_instance(o, &tuple::molt_type_tuple) {
            self.nested(o, Self::sequence)?;
        } else if is_instance(o, &dict::molt_type_dict) {
            self.nested(o, Self::mapping)?;
        } else {
            self.nested(o, Self::other)?;
        }
        Ok(())
    }

    /// A container or a value for `default`: the circular-reference marker and the recursion
    /// check around `body`.
    fn nested(&mut self, o: Obj, body: fn(&mut Self, Obj) -> MoltResult<()>) -> MoltResult<()> {
        let id = o.raw();
        let marked = self.s.check_circular && !self.is_empty_container(o);
        if marked {
            if self.markers.contains(&id) {
                return fail(ValueError, "Circular reference detected");
            }
            self.markers.push(id);
        }
        self.depth += 1;
        if callable::current_depth() + self.depth > crate::exceptions::recursion_limit() {
            return fail(RecursionError, "maximum recursion depth exceeded while encoding a JSON object");
        }
        let r = body(self, o);
        self.depth -= 1;
        if marked {
            self.markers.pop();
        }
        r
    }

    /// An empty list, tuple or dict is written before any marker is set (CPython's order).
    fn is_empty_container(&self, o: Obj) -> bool {
        if let Some(n) = list::list_len(o) {
            return n == 0;
        }
        if let Some(n) = tuple::tuple_len(o) {
            return n == 0;
        }
        dict::is_dict(o) && dict::dict_len(o) == 0
    }

    /// `encoder_encode_float` / `floatstr`.
    fn float_text(&self, v: f64) -> MoltResult<String> {
        if v.is_finite() {
            return Ok(crate::print::float_repr(v));
        }
        if !self.s.allow_nan {
            return fail(ValueError, "Out of range float values are not JSON compliant");
        }
        Ok(String::from(if v.is_nan() {
            "NaN"
        } else if v > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }))
    }

    /// After an opening bracket: the newline and indent of the items, if indenting.
    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        if let Some(ind) = &self.s.indent {
            self.level += 1;
            self.out.push('\n');
            for _ in 0..self.level {
                self.out.push_str(ind);
            }
        }
    }

    fn separator(&mut self) {
        self.out.push_str(&self.s.item_separator);
        if let Some(ind) = &self.s.indent {
            self.out.push('\n');
            for _ in 0..self.level {
                self.out.push_str(ind);
            }
        }
    }

    fn close(&mut self, bracket: char) {
        if let Some(ind) = &self.s.indent {
            self.level -= 1;
            self.out.push('\n');
            for _ in 0..self.level {
                self.out.push_str(ind);
            }
        }
        self.out.push(bracket);
    }

    /// A list or tuple (its items read one by one: `default` may change a list).
    fn sequence(&mut self, o: Obj) -> MoltResult<()> {
        if self.is_empty_container(o) {
            self.out.push_str("[]");
            return Ok(());
        }
        self.open('[');
        let mut i = 0;
        loop {
            let item = match tuple::tuple_items(o) {
                Some(items) => items.get(i).copied(),
                None => list::item_at(o, i),
            };
            let Some(item) = item else { break };
            let item = Owned(new_ref(item));
            if i > 0 {
                self.separator();
            }
            self.value(item.get())?;
            i += 1;
        }
        self.close(']');
        Ok(())
    }

    /// A dict: its items (sorted by `sort_keys`), each key converted as CPython does.
    fn mapping(&mut self, o: Obj) -> MoltResult<()> {
        if self.is_empty_container(o) {
            self.out.push_str("{}");
            return Ok(());
        }
        let exact = o.type_of().is(&dict::molt_type_dict);
        let items = if self.s.sort_keys || !exact {
            let items = Owned(super::super::call::call_method(o, "items", &[], &[])?);
            let l = Owned(callable::call_object(super::super::attrs::class_value(&list::molt_type_list), &[items.get()], &[])?);
            if self.s.sort_keys {
                super::super::list_sort::sort_list(l.get(), None, false)?;
            }
            let pairs = list::items_vec(l.get())?;
            pairs.into_iter().map(Owned).collect::<Vec<Owned>>()
        } else {
            let mut pairs = Vec::new();
            for i in 0..dict::nentries(o) {
                if let Some((k, v, _)) = dict::entry_at(o, i) {
                    pairs.push(Owned(tuple::tuple_from_slice(&[k, v])?));
                }
            }
            pairs
        };
        self.open('{');
        let mut first = true;
        for pair in &items {
            let (k, v) = match tuple::tuple_items(pair.get()) {
                Some(&[k, v]) => (k, v),
                _ => return fail(ValueError, "items must return 2-tuples"),
            };
            let key = if let Some(text) = pystr::str_text(k) {
                String::from(text)
            } else if let Some(f) = float::float_value(k) {
                self.float_text(f)?
            } else if singletons::is_bool(k) {
                String::from(if singletons::bool_value(k) { "true" } else { "false" })
            } else if singletons::is_none(k) {
                String::from("null")
            } else if int::is_int(k) {
                dispatch::repr_of(k)?
            } else if self.s.skipkeys {
                continue;
            } else {
                return fail(TypeError, format!("keys must be str, int, float, bool or None, not {}", k.type_of().name));
            };
            if !first {
                self.separator();
            }
            first = false;
            encode_str(&mut self.out, &key, self.s.ensure_ascii);
            self.out.push_str(&self.s.key_separator);
            let v = Owned(new_ref(v));
            self.value(v.get())?;
        }
        self.close('}');
        Ok(())
    }

    /// Any other object: `default(o)`, encoded in its place.
    fn other(&mut self, o: Obj) -> MoltResult<()> {
        let Some(default) = self.s.default else { return not_serializable(o) };
        let v = Owned(callable::call_object(default, &[o], &[])?);
        self.value(v.get())
    }
}

/// A str as a JSON string: `ascii_escape_unicode` (`ensure_ascii`) or `escape_unicode`.
pub(super) fn encode_str(out: &mut String, text: &str, ascii: bool) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ascii && (c as u32) > 0x7e) => {
                let v = c as u32;
                if v >= 0x10000 {
                    let v = v - 0x10000;
                    let _ = write!(out, "\\u{:04x}\\u{:04x}", 0xd800 | ((v >> 10) & 0x3ff), 0xdc00 | (v & 0x3ff));
                } else {
                    let _ = write!(out, "\\u{v:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
