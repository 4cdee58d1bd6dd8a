//! The Unicode side of `str`'s methods: the character classes of CPython's `unicodectype.c`
//! and the case mappings, and the methods built on them: lower, upper, capitalize, casefold,
//! swapcase, title, and the predicates isalnum, isalpha, isdecimal, isdigit,
//! isidentifier, islower, isnumeric, isprintable, istitle, isupper.
//!
//! Relies on: the Unicode Character Database as ICU4X 2.4 bakes it (`icu_properties`:
//! General_Category, Bidi_Class, Numeric_Type, Cased, Case_Ignorable, XID_Start, XID_Continue;
//! `icu_casemap`: full titlecase mappings and full case folding) and Rust's `core` (the full
//! lowercase and uppercase mappings of `char::to_lowercase` / `to_uppercase`, the Lowercase and
//! Uppercase properties of `char::is_lowercase` / `is_uppercase`). ICU4X 2.4's data is
//! **Unicode 18.0**, Rust 1.95's `core` **Unicode 17.0**; CPython 3.11 uses Unicode 14.0, so
//! characters assigned (or whose properties changed) after 14.0 may answer differently from
//! CPython 3.11. Every other character answers as in CPython 3.11: `tests/str_methods.rs`
//! compares every code point with python3 and lists the 36 that differ (all later Unicode
//! changes: new case pairs, Other_Lowercase, XID_Continue, Unihan numeric values).
//! The references are CPython 3.11's `Objects/unicodectype.c`, `Tools/unicode/makeunicodedata.py`
//! (which property makes each flag) and `Objects/unicodeobject.c` (`do_capitalize`,
//! `do_swapcase`, `do_upper_or_lower`, `do_casefold`, `do_title`, `handle_capital_sigma`,
//! `unicode_islower_impl` and the other predicates).
//!
//! Provides: the character classes ([`is_space`], [`is_alpha`], [`is_decimal`], [`is_digit`],
//! [`is_numeric`], [`is_printable`], [`is_lower`], [`is_upper`], [`is_title`], [`is_cased`],
//! [`is_case_ignorable`], [`is_xid_start`], [`is_xid_continue`]) and the tables of the methods
//! named above, by the data they use (each enabled by its own `molt_enable_str_*` function,
//! so each links only its tables): `STR_CASE_METHODS` (lower, upper, swapcase: about 40 KB),
//! `STR_TITLE_METHODS` (capitalize, casefold, title: ICU4X's case mapping data, about 65 KB),
//! `STR_CLASS_METHODS` (the predicates: about 40 KB).
//!
//! Invariants: ASCII text takes fast paths that agree with the tables; a mapping writes the
//! full mapping of each character (one to three characters), and U+03A3 lowers to final sigma
//! exactly in CPython's `Final_Sigma` context; methods return a new reference (the receiver
//! itself when the text is unchanged, as CPython's `unicode_result_unchanged`). The tables are
//! reached only from these functions, and these only through the three tables (and
//! [`is_space`], which uses none of them, from the text methods): an executable that enables
//! none of the groups links none of the database.

use alloc::string::String;

use icu_casemap::CaseMapper;
use icu_casemap::options::{LeadingAdjustment, TitlecaseOptions, TrailingCase};
use icu_properties::props::{
    CaseIgnorable, Cased, GeneralCategory, NumericType, XidContinue, XidStart,
};
use icu_properties::{CodePointMapData, CodePointSetData};

use super::alloc::memory_error;
use super::call::no_args;
use super::str::{str_chars, str_from_text, str_text};
use super::types::MethodDef;
use super::{Obj, new_ref, singletons};
use crate::exceptions::MoltResult;

type Kw<'a, 'b> = &'a [(&'b str, Obj)];

fn gc(c: char) -> GeneralCategory {
    CodePointMapData::<GeneralCategory>::new().get(c)
}

fn numeric_type(c: char) -> NumericType {
    CodePointMapData::<NumericType>::new().get(c)
}

/// `Py_UNICODE_ISSPACE`: Bidi_Class WS, B or S, or General_Category Zs — which is the
/// White_Space property (`core`'s `char::is_whitespace`, a tiny table) plus `\x1c`–`\x1f`
/// (B and S but not White_Space); the every-code-point test checks the equivalence.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\x1c'..='\x1f')
}

/// `Py_UNICODE_ISALPHA`: General_Category L* (Lu Ll Lt Lm Lo).
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(
        gc(c),
        GeneralCategory::UppercaseLetter
            | GeneralCategory::LowercaseLetter
            | GeneralCategory::TitlecaseLetter
            | GeneralCategory::ModifierLetter
            | GeneralCategory::OtherLetter
    )
}

/// `Py_UNICODE_ISDECIMAL`: Numeric_Type Decimal (General_Category Nd).
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    numeric_type(c) == NumericType::Decimal
}

/// `Py_UNICODE_ISDIGIT`: Numeric_Type Decimal or Digit.
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    matches!(numeric_type(c), NumericType::Decimal | NumericType::Digit)
}

/// `Py_UNICODE_ISNUMERIC`: Numeric_Type Decimal, Digit or Numeric (Unihan's numeric values
/// included: `'一'`).
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    numeric_type(c) != NumericType::None
}

/// `Py_UNICODE_ISPRINTABLE`: not General_Category C* or Z*, except the space.
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    !matches!(
        gc(c),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::Surrogate
            | GeneralCategory::PrivateUse
            | GeneralCategory::Unassigned
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
            | GeneralCategory::SpaceSeparator
    )
}

/// `Py_UNICODE_ISLOWER`: the Lowercase property.
pub fn is_lower(c: char) -> bool {
    c.is_lowercase()
}

/// `Py_UNICODE_ISUPPER`: the Uppercase property.
pub fn is_upper(c: char) -> bool {
    c.is_uppercase()
}

/// `Py_UNICODE_ISTITLE`: General_Category Lt.
pub fn is_title(c: char) -> bool {
    !c.is_ascii() && gc(c) == GeneralCategory::TitlecaseLetter
}

/// `_PyUnicode_IsCased`: the Cased property.
pub fn is_cased(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    CodePointSetData::new::<Cased>().contains(c)
}

/// `_PyUnicode_IsCaseIgnorable`: the Case_Ignorable property.
pub fn is_case_ignorable(c: char) -> bool {
    CodePointSetData::new::<CaseIgnorable>().contains(c)
}

/// `_PyUnicode_IsXidStart`.
pub fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    CodePointSetData::new::<XidStart>().contains(c)
}

/// `_PyUnicode_IsXidContinue`.
pub fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    CodePointSetData::new::<XidContinue>().contains(c)
}

// --- case mappings -------------------------------------------------------------------------

/// `handle_capital_sigma`: the lowercase of the U+03A3 that starts at byte `at` of `text`:
/// final sigma after a cased character (case-ignorable ones skipped) not followed by one.
fn capital_sigma(text: &str, at: usize) -> char {
    let before = text[..at].chars().rev().find(|&c| !is_case_ignorable(c));
    let mut final_sigma = before.is_some_and(is_cased);
    if final_sigma {
        let after = text[at + 'Σ'.len_utf8()..]
            .chars()
            .find(|&c| !is_case_ignorable(c));
        final_sigma = after.is_none_or(|c| !is_cased(c));
    }
    if final_sigma { 'ς' } else { 'σ' }
}

/// `lower_ucs4`: the full lowercase of `c`, which starts at byte `at` of `text`.
fn push_lower(out: &mut String, text: &str, at: usize, c: char) {
    if c == 'Σ' {
        out.push(capital_sigma(text, at));
    } else {
        out.extend(c.to_lowercase());
    }
}

/// `_PyUnicode_ToTitleFull`: the full titlecase of `c`.
fn push_title(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
        return;
    }
    let mut buf = [0u8; 4];
    let mut options = TitlecaseOptions::default();
    options.leading_adjustment = Some(LeadingAdjustment::None);
    options.trailing_case = Some(TrailingCase::Unchanged);
    let mapped = CaseMapper::new().titlecase_segment_with_only_case_data_to_string(
        c.encode_utf8(&mut buf),
        &icu_locale_core::LanguageIdentifier::UNKNOWN,
        options,
    );
    out.push_str(&mapped);
}

/// A String with room for `bytes` (mappings grow text by at most three times, and only
/// rarely), or MemoryError.
fn with_room(bytes: usize) -> MoltResult<String> {
    let mut out = String::new();
    if out.try_reserve(bytes).is_err() {
        return memory_error();
    }
    Ok(out)
}

/// The receiver itself when `out` is its text unchanged, else a new str of `out`.
fn result(s: Obj, text: &str, out: &str) -> MoltResult<Obj> {
    if out == text {
        Ok(new_ref(s))
    } else {
        str_from_text(out)
    }
}

/// Maps each character of `s`'s text with `f(out, text, byte offset, char)`.
fn map_chars(s: Obj, f: impl Fn(&mut String, &str, usize, char)) -> MoltResult<Obj> {
    let text = str_text(s).unwrap_or("");
    let mut out = with_room(text.len())?;
    for (at, c) in text.char_indices() {
        f(&mut out, text, at, c);
    }
    result(s, text, &out)
}

fn is_ascii_text(s: Obj) -> bool {
    str_text(s).is_some_and(|t| t.len() == str_chars(s))
}

/// An ASCII str mapped byte by byte.
fn map_ascii(s: Obj, f: impl Fn(u8) -> u8) -> MoltResult<Obj> {
    let text = str_text(s).unwrap_or("");
    if !text.bytes().any(|b| f(b) != b) {
        return Ok(new_ref(s));
    }
    super::str::alloc_str(text.len(), text.len(), |d| {
        for (o, &b) in d.iter_mut().zip(text.as_bytes()) {
            *o = f(b);
        }
    })
}

/// `str.lower()`.
pub(super) fn lower(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(s, "lower", pos, kw)?;
    if is_ascii_text(s) {
        return map_ascii(s, |b| b.to_ascii_lowercase());
    }
    map_chars(s, push_lower)
}

/// `str.upper()`.
pub(super) fn upper(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(s, "upper", pos, kw)?;
    if is_ascii_text(s) {
        return map_ascii(s, |b| b.to_ascii_uppercase());
    }
    map_chars(s, |out, _, _, c| out.extend(c.to_uppercase()))
}

/// `str.swapcase()`: uppercase characters lowered, lowercase ones uppered.
pub(super) fn swapcase(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(s, "swapcase", pos, kw)?;
    if is_ascii_text(s) {
        return map_ascii(s, |b| {
            if b.is_ascii_uppercase() {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            }
        });
    }
    map_chars(s, |out, text, at, c| {
        if is_upper(c) {
            push_lower(out, text, at, c);
        } else if is_lower(c) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    })
}

/// `str.capitalize()` (3.8+): the first character titlecased, the rest lowered.
pub(super) fn capitalize(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(s, "capitalize", pos, kw)?;
    map_chars(s, |out, text, at, c| {
        if at == 0 {
            push_title(out, c);
        } else {
            push_lower(out, text, at, c);
        }
    })
}

/// `str.title()`: a character after a cased one is lowered, any other titlecased.
pub(super) fn title(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(s, "title", pos, kw)?;
    let text = str_text(s).unwrap_or("");
    let mut out = with_room(text.len())?;
    let mut previous_is_cased = false;
    for (at, c) in text.char_indices() {
        if previous_is_cased {
            push_lower(&mut out, text, at, c);
        } else {
            push_title(&mut out, c);
        }
        previous_is_cased = is_cased(c);
    }
    result(s, text, &out)
}

/// `str.casefold()`: full case folding (CaseFolding.txt's C and F mappings).
pub(super) fn casefold(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(s, "casefold", pos, kw)?;
    if is_ascii_text(s) {
        return map_ascii(s, |b| b.to_ascii_lowercase());
    }
    let text = str_text(s).unwrap_or("");
    let folded = CaseMapper::new().fold_string(text);
    result(s, text, &folded)
}

// --- predicates ----------------------------------------------------------------------------

fn answer(b: bool) -> MoltResult<Obj> {
    Ok(singletons::bool_obj(b))
}

/// A predicate that holds when the text is non-empty and every character satisfies `f`.
fn all_chars(s: Obj, name: &str, pos: &[Obj], kw: Kw, f: fn(char) -> bool) -> MoltResult<Obj> {
    no_args(s, name, pos, kw)?;
    let text = str_text(s).unwrap_or("");
    answer(!text.is_empty() && text.chars().all(f))
}

pub(super) fn isalpha(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    all_chars(s, "isalpha", pos, kw, is_alpha)
}

pub(super) fn isdecimal(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    all_chars(s, "isdecimal", pos, kw, is_decimal)
}

pub(super) fn isdigit(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    all_chars(s, "isdigit", pos, kw, is_digit)
}

pub(super) fn isnumeric(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    all_chars(s, "isnumeric", pos, kw, is_numeric)
}

pub(super) fn isalnum(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    all_chars(s, "isalnum", pos, kw, |c| {
        is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c)
    })
}

/// `str.isprintable()`: true for the empty str too.
pub(super) fn isprintable(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(s, "isprintable", pos, kw)?;
    answer(str_text(s).unwrap_or("").chars().all(is_printable))
}

/// `str.isidentifier()`: XID_Start or `_`, then XID_Continue.
pub(super) fn isidentifier(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(s, "isidentifier", pos, kw)?;
    let mut chars = str_text(s).unwrap_or("").chars();
    answer(match chars.next() {
        Some(c) => (c == '_' || is_xid_start(c)) && chars.all(is_xid_continue),
        None => false,
    })
}

/// `str.islower()`: no uppercase or titlecase character, and some lowercase one.
pub(super) fn islower(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(s, "islower", pos, kw)?;
    let mut cased = false;
    for c in str_text(s).unwrap_or("").chars() {
        if is_upper(c) || is_title(c) {
            return answer(false);
        }
        cased |= is_lower(c);
    }
    answer(cased)
}

/// `str.isupper()`: no lowercase or titlecase character, and some uppercase one.
pub(super) fn isupper(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(s, "isupper", pos, kw)?;
    let mut cased = false;
    for c in str_text(s).unwrap_or("").chars() {
        if is_lower(c) || is_title(c) {
            return answer(false);
        }
        cased |= is_upper(c);
    }
    answer(cased)
}

/// `str.istitle()`: uppercase and titlecase characters only after uncased ones, lowercase
/// ones only after cased ones, and some cased character.
pub(super) fn istitle(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    no_args(s, "istitle", pos, kw)?;
    let text = str_text(s).unwrap_or("");
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return answer(is_title(c) || is_upper(c));
    }
    let mut cased = false;
    let mut previous_is_cased = false;
    for c in text.chars() {
        if is_upper(c) || is_title(c) {
            if previous_is_cased {
                return answer(false);
            }
            previous_is_cased = true;
            cased = true;
        } else if is_lower(c) {
            if !previous_is_cased {
                return answer(false);
            }
            previous_is_cased = true;
            cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    answer(cased)
}

/// `str.lower`, `upper`, `swapcase` (`core`'s mappings, the Cased and Case_Ignorable sets).
pub(super) const STR_CASE_METHODS: &[MethodDef] = &[
    MethodDef {
        name: "lower",
        call: lower,
    },
    MethodDef {
        name: "upper",
        call: upper,
    },
    MethodDef {
        name: "swapcase",
        call: swapcase,
    },
];

/// `str.capitalize`, `casefold`, `title` (ICU4X's case mapping data).
pub(super) const STR_TITLE_METHODS: &[MethodDef] = &[
    MethodDef {
        name: "capitalize",
        call: capitalize,
    },
    MethodDef {
        name: "casefold",
        call: casefold,
    },
    MethodDef {
        name: "title",
        call: title,
    },
];

macro_rules! methods {
    ($($name:literal => $f:expr),* $(,)?) => {
        /// The character-class predicates of `str` (General_Category, Numeric_Type, XID, the
        /// Lowercase and Uppercase properties).
        pub(super) const STR_CLASS_METHODS: &[MethodDef] =
            &[$(MethodDef { name: $name, call: $f }),*];
    };
}

methods! {
    "isalnum" => isalnum,
    "isalpha" => isalpha,
    "isdecimal" => isdecimal,
    "isdigit" => isdigit,
    "isidentifier" => isidentifier,
    "islower" => islower,
    "isnumeric" => isnumeric,
    "isprintable" => isprintable,
    "istitle" => istitle,
    "isupper" => isupper,
}
