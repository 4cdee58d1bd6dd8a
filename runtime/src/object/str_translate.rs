//! `str.translate(table)` and `str.maketrans(x, y, z)`.
//!
//! Relies on: `dispatch::getitem` for the table's lookups (any object with `__getitem__`);
//! `dict` for the tables `maketrans` makes; `call` for the argument checks. The reference is
//! CPython 3.11's `Objects/unicodeobject.c` (`charmaptranslate_lookup`,
//! `_PyUnicode_TranslateCharmap`, `unicode_maketrans_impl`) and
//! `Objects/clinic/unicodeobject.c.h`.
//!
//! Provides: [`translate`], [`maketrans`] (methods of the str text group) and
//! [`maketrans_value`] (`str.maketrans` read from the class, once the text group is enabled:
//! `str_methods::maketrans_class_value` reaches it through a hook).
//!
//! Invariants: each code point is looked up once, as an int key; a LookupError (IndexError,
//! KeyError included) keeps the character, None deletes it, an int is a code point below
//! 0x110000, a str is inserted; anything else is CPython's TypeError. Results are new
//! references.

use alloc::string::String;

use super::call::{check_positional, exactly_one};
use super::range::Owned;
use super::types::MethodDef;
use super::{Obj, dict, dispatch, int, singletons, str as pystr};
use crate::ExceptionKind::{TypeError, ValueError};
use crate::exceptions::{MoltResult, fail, value_or_raise};

/// `str.translate(table)`.
pub fn translate(s: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let table = exactly_one(s, "translate", pos, kw)?;
    let text = pystr::str_text(s).unwrap_or("");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let key = Owned(int::from_i64(i64::from(u32::from(c)))?);
        let v = match dispatch::getitem(table, key.get()) {
            Ok(v) => Owned(v),
            Err(e) if super::types::is_subtype(super::exception::exception_type(e.kind), &super::exception::LOOKUP_ERROR) => {
                out.push(c);
                continue;
            }
            Err(e) => return Err(e),
        };
        let v = v.get();
        if singletons::is_none(v) {
            continue;
        }
        if let Some(t) = pystr::str_text(v) {
            out.push_str(t);
        } else if let Some(r) = int::int_ref(v) {
            match r.to_i64().and_then(|n| u32::try_from(n).ok()).filter(|&n| n < 0x11_0000) {
                Some(n) => match char::from_u32(n) {
                    Some(ch) => out.push(ch),
                    None => return fail(crate::ExceptionKind::NotImplementedError, "a lone surrogate in str.translate's result (Molt's strs are UTF-8)"),
                },
                None => return fail(ValueError, "character mapping must be in range(0x110000)"),
            }
        } else {
            return fail(TypeError, "character mapping must return integer, None or str");
        }
    }
    pystr::str_from_text(&out)
}

/// `str.maketrans(x, y=<unrepresentable>, z=<unrepresentable>, /)` (a static method: the
/// receiver is not used).
pub fn maketrans(_recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    super::call::no_keywords_for("maketrans", kw)?;
    check_positional("maketrans", pos.len(), 1, 3)?;
    for (i, &a) in pos.iter().enumerate().skip(1) {
        if pystr::str_text(a).is_none() {
            return fail(TypeError, alloc::format!("maketrans() argument {} must be str, not {}", i + 1, a.type_of().name));
        }
    }
    let new = Owned(dict::new_dict()?);
    let code = |c: char| int::from_i64(i64::from(u32::from(c))).map(Owned);
    if let Some(&y) = pos.get(1) {
        let Some(x) = pystr::str_text(pos[0]) else {
            return fail(TypeError, "first maketrans argument must be a string if there is a second argument");
        };
        let y = pystr::str_text(y).unwrap_or("");
        if x.chars().count() != y.chars().count() {
            return fail(ValueError, "the first two maketrans arguments must have equal length");
        }
        for (a, b) in x.chars().zip(y.chars()) {
            let (k, v) = (code(a)?, code(b)?);
            dict::set_item(new.get(), k.get(), v.get())?;
        }
        if let Some(&z) = pos.get(2) {
            for c in pystr::str_text(z).unwrap_or("").chars() {
                let k = code(c)?;
                dict::set_item(new.get(), k.get(), singletons::none())?;
            }
        }
        return Ok(new.release());
    }
    let x = pos[0];
    if !x.type_of().is(&dict::molt_type_dict) {
        return fail(TypeError, "if you give only one argument to maketrans it must be a dict");
    }
    let mut i = 0;
    while i < dict::nentries(x) {
        if let Some((k, v, _)) = dict::entry_at(x, i) {
            let (k, v) = (Owned(super::new_ref(k)), Owned(super::new_ref(v)));
            if let Some(t) = pystr::str_text(k.get()) {
                let mut cs = t.chars();
                let (Some(c), None) = (cs.next(), cs.next()) else {
                    return fail(ValueError, "string keys in translate table must be of length 1");
                };
                let nk = code(c)?;
                dict::set_item(new.get(), nk.get(), v.get())?;
            } else if int::is_int(k.get()) {
                dict::set_item(new.get(), k.get(), v.get())?;
            } else {
                return fail(TypeError, "keys in translate table must be strings or integers");
            }
        }
        i += 1;
    }
    Ok(new.release())
}

static MAKETRANS: MethodDef = MethodDef { name: "maketrans", call: maketrans };

/// `str.maketrans` read from the class: the function bound to the class (its receiver is not
/// used, as a static method's).
pub fn maketrans_value() -> Obj {
    value_or_raise(super::descr::builtin_method(Obj::from_static(&pystr::molt_type_str), &MAKETRANS))
}
