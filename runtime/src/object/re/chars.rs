//! The character tests of the matcher: sre's categories (`\d \s \w` and their negations, ASCII
//! or Unicode as `_sre`'s `SRE_UNI_IS_*` / `SRE_IS_*`), its simple lowercase mapping
//! (`sre_lower_unicode` = `Py_UNICODE_TOLOWER`, `sre_lower_ascii`) and the extra case
//! equivalences of `Lib/re/_casefix.py` (`ſ` matches `s` under IGNORECASE).
//!
//! Relies on: `str_methods_case` (CPython's `unicodectype.c` predicates).
//!
//! Provides: [`is_word`], [`category`], [`lower`], [`fold_eq`], [`set_contains`].
//!
//! Invariants: pure functions of code points; ASCII mode never classifies a non-ASCII char as
//! a digit, space or word char.

use super::parse::{Category, SetItem};
use crate::object::str_methods_case as uc;

/// `SRE_UNI_IS_WORD` / `SRE_IS_WORD`.
#[inline]
pub fn is_word(c: char, ascii: bool) -> bool {
    if c.is_ascii() || ascii {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    uc::is_alpha(c) || uc::is_decimal(c) || uc::is_digit(c) || uc::is_numeric(c)
}

fn is_digit(c: char, ascii: bool) -> bool {
    if c.is_ascii() || ascii {
        return c.is_ascii_digit();
    }
    uc::is_decimal(c)
}

fn is_space(c: char, ascii: bool) -> bool {
    if c.is_ascii() || ascii {
        return matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c') || (!ascii && matches!(c, '\x1c'..='\x1f'));
    }
    uc::is_space(c)
}

/// Whether `c` is in category `cat`.
#[inline]
pub fn category(cat: Category, c: char, ascii: bool) -> bool {
    match cat {
        Category::Digit => is_digit(c, ascii),
        Category::NotDigit => !is_digit(c, ascii),
        Category::Space => is_space(c, ascii),
        Category::NotSpace => !is_space(c, ascii),
        Category::Word => is_word(c, ascii),
        Category::NotWord => !is_word(c, ascii),
    }
}

/// The simple lowercase mapping (ASCII only in ASCII mode).
#[inline]
pub fn lower(c: char, ascii: bool) -> char {
    if c.is_ascii() || ascii {
        return c.to_ascii_lowercase();
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(a), None) => a,
        // U+0130 lowers to "i̇"; `Py_UNICODE_TOLOWER` gives "i".
        (Some(a), Some(_)) => a,
        (None, _) => c,
    }
}

/// The simple uppercase mapping (one char, or `c`).
fn upper(c: char, ascii: bool) -> char {
    if c.is_ascii() || ascii {
        return c.to_ascii_uppercase();
    }
    let mut u = c.to_uppercase();
    match (u.next(), u.next()) {
        (Some(a), None) => a,
        _ => c,
    }
}

/// `_casefix._EXTRA_CASES`: lowercased chars with the same uppercase as other lowercased chars.
const EXTRA_CASES: &[(u32, &[u32])] = &[
    (0x69, &[0x131]), (0x73, &[0x17f]), (0xb5, &[0x3bc]), (0x131, &[0x69]), (0x17f, &[0x73]), (0x345, &[0x3b9, 0x1fbe]),
    (0x390, &[0x1fd3]), (0x3b0, &[0x1fe3]), (0x3b2, &[0x3d0]), (0x3b5, &[0x3f5]), (0x3b8, &[0x3d1]), (0x3b9, &[0x345, 0x1fbe]),
    (0x3ba, &[0x3f0]), (0x3bc, &[0xb5]), (0x3c0, &[0x3d6]), (0x3c1, &[0x3f1]), (0x3c2, &[0x3c3]), (0x3c3, &[0x3c2]),
    (0x3c6, &[0x3d5]), (0x3d0, &[0x3b2]), (0x3d1, &[0x3b8]), (0x3d5, &[0x3c6]), (0x3d6, &[0x3c0]), (0x3f0, &[0x3ba]),
    (0x3f1, &[0x3c1]), (0x3f5, &[0x3b5]), (0x432, &[0x1c80]), (0x434, &[0x1c81]), (0x43e, &[0x1c82]), (0x441, &[0x1c83]),
    (0x442, &[0x1c84, 0x1c85]), (0x44a, &[0x1c86]), (0x463, &[0x1c87]), (0x1c80, &[0x432]), (0x1c81, &[0x434]),
    (0x1c82, &[0x43e]), (0x1c83, &[0x441]), (0x1c84, &[0x442, 0x1c85]), (0x1c85, &[0x442, 0x1c84]), (0x1c86, &[0x44a]),
    (0x1c87, &[0x463]), (0x1c88, &[0xa64b]), (0x1e61, &[0x1e9b]), (0x1e9b, &[0x1e61]), (0x1fbe, &[0x345, 0x3b9]),
    (0x1fd3, &[0x390]), (0x1fe3, &[0x3b0]), (0xa64b, &[0x1c88]), (0xfb05, &[0xfb06]), (0xfb06, &[0xfb05]),
];

fn extra(lo: char) -> &'static [u32] {
    match EXTRA_CASES.binary_search_by_key(&(lo as u32), |&(k, _)| k) {
        Ok(i) => EXTRA_CASES[i].1,
        Err(_) => &[],
    }
}

/// Whether `c` matches the lowercased literal `lo` under IGNORECASE.
#[inline]
pub fn fold_eq(c: char, lo: char, ascii: bool) -> bool {
    let l = lower(c, ascii);
    l == lo || (!ascii && extra(lo).contains(&(l as u32)))
}

fn item_has(item: &SetItem, c: char, ascii: bool) -> bool {
    match *item {
        SetItem::Lit(l) => l == c,
        SetItem::Range(a, b) => a <= c && c <= b,
        SetItem::Cat(cat) => category(cat, c, ascii),
    }
}

/// Whether `c` is in the set (before negation); under IGNORECASE, its case variants count.
pub fn set_contains(items: &[SetItem], c: char, ignore: bool, ascii: bool) -> bool {
    if items.iter().any(|i| item_has(i, c, ascii)) {
        return true;
    }
    if !ignore {
        return false;
    }
    let l = lower(c, ascii);
    let u = upper(c, ascii);
    for v in [l, u] {
        if v != c && items.iter().any(|i| !matches!(i, SetItem::Cat(_)) && item_has(i, v, ascii)) {
            return true;
        }
    }
    if !ascii {
        for &x in extra(l) {
            if let Some(v) = char::from_u32(x) {
                if items.iter().any(|i| !matches!(i, SetItem::Cat(_)) && item_has(i, v, ascii)) {
                    return true;
                }
            }
        }
    }
    false
}
