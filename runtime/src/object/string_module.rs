//! The `string` module: CPython 3.11's `Lib/string.py` constants (`ascii_letters`,
//! `ascii_lowercase`, `ascii_uppercase`, `digits`, `hexdigits`, `octdigits`, `punctuation`,
//! `printable`, `whitespace`) and `capwords`. `Template` and `Formatter` are not provided (the
//! compiler's table of the module's names leaves them out: a compile-time diagnostic).
//!
//! Relies on: `call::bind_python` (capwords is a Python function in CPython: its argument
//! errors are `initialize_locals`'); `call::call_method` for `s.split(sep)` and
//! `(sep or ' ').join(...)` (any object with those methods, as in CPython); `str_methods` for
//! `str.capitalize` applied to each piece, with the method descriptor's TypeError for a
//! piece that is not a str.
//!
//! Provides: [`StringFn`], [`fill`], [`call`].
//!
//! Invariants: `capwords(s, sep=None)` is `(sep or ' ').join(map(str.capitalize, s.split(sep)))`
//! step for step, in Python's order: `sep`'s truth, the joiner's `join` attribute, then
//! `s.split(sep)` (None when `sep` is omitted), the pieces capitalised in order, then joined.

use alloc::format;
use alloc::vec::Vec;

use super::module::store_owned;
use super::range::Owned;
use super::{Obj, dispatch, iter, list, singletons, str as pystr};
use crate::ExceptionKind::TypeError;
use crate::exceptions::{MoltResult, fail};
use crate::BuiltinFunction;

/// The functions of `string`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StringFn {
    Capwords,
}

impl StringFn {
    /// Its `__name__`.
    pub const fn name(self) -> &'static str {
        match self {
            StringFn::Capwords => "capwords",
        }
    }
}

const WHITESPACE: &str = " \t\n\r\x0b\x0c";
const ASCII_LOWERCASE: &str = "abcdefghijklmnopqrstuvwxyz";
const ASCII_UPPERCASE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
const PUNCTUATION: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// Stores the module's names in its namespace `d`.
pub fn fill(d: Obj) -> MoltResult<()> {
    let letters = format!("{ASCII_LOWERCASE}{ASCII_UPPERCASE}");
    let constants = [
        ("whitespace", WHITESPACE.into()),
        ("ascii_lowercase", ASCII_LOWERCASE.into()),
        ("ascii_uppercase", ASCII_UPPERCASE.into()),
        ("ascii_letters", letters.clone()),
        ("digits", DIGITS.into()),
        ("hexdigits", format!("{DIGITS}abcdefABCDEF")),
        ("octdigits", "01234567".into()),
        ("punctuation", PUNCTUATION.into()),
        ("printable", format!("{DIGITS}{letters}{PUNCTUATION}{WHITESPACE}")),
    ];
    for (name, text) in constants {
        let text: alloc::string::String = text;
        store_owned(d, name, pystr::str_from_text(&text))?;
    }
    store_owned(d, "capwords", Ok(super::builtin_fn::molt_builtin_function(BuiltinFunction::StringCapwords.code())))
}

/// `string.NAME(*pos, **kw)`.
pub fn call(f: StringFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match f {
        StringFn::Capwords => {
            let mut args = [None, None];
            super::call::bind_python("capwords", &["s", "sep"], 1, &[], 0, pos, kw, &mut args)?;
            let [Some(s), sep] = args else {
                return fail(TypeError, "capwords() missing 1 required positional argument: 's'");
            };
            capwords(s, sep.unwrap_or_else(singletons::none))
        }
    }
}

fn capwords(s: Obj, sep: Obj) -> MoltResult<Obj> {
    // Python's order: the callee `(sep or ' ').join` first, then its argument.
    let joiner = if dispatch::truth(sep)? { Owned(super::new_ref(sep)) } else { Owned(pystr::str_from_text(" ")?) };
    let join = Owned(super::attrs::getattr(joiner.get(), "join")?);
    let pieces = Owned(super::call::call_method(s, "split", &[sep], &[])?);
    // `map(str.capitalize, pieces)`, which `join` consumes whole before joining.
    let it = Owned(iter::get_iter(pieces.get())?);
    let mut words: Vec<Obj> = Vec::new();
    let r = (|| {
        while let Some(piece) = iter::iter_next(it.get())? {
            let piece = Owned(piece);
            if pystr::str_text(piece.get()).is_none() {
                return fail(
                    TypeError,
                    format!("descriptor 'capitalize' for 'str' objects doesn't apply to a '{}' object", piece.get().type_of().name),
                );
            }
            let word = super::call::call_method(piece.get(), "capitalize", &[], &[])?;
            if words.try_reserve(1).is_err() {
                // SAFETY: a new reference, owned here.
                unsafe { super::decref(word) };
                return super::alloc::memory_error();
            }
            words.push(word);
        }
        let l = Owned(list::list_from_vec(core::mem::take(&mut words))?);
        super::callable::call_object(join.get(), &[l.get()], &[])
    })();
    list::release(words);
    r
}
