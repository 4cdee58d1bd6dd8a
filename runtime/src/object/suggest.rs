//! "Did you mean" suggestions of AttributeError tracebacks, as CPython 3.11 computes them
//! (`Python/suggestions.c`: a Levenshtein distance where a case flip costs 1 and any other
//! edit 2, a candidate within a third of the characters involved, the first closest one of
//! `dir(obj)` in its sorted order).
//!
//! Relies on: `dir_table.rs` (CPython's own `dir()` lists, generated). Provides [`Suggest`],
//! which an AttributeError raised by attribute lookup carries, and [`Suggest::suggestion`],
//! computed only when a traceback is printed (as CPython does).
//!
//! Invariant: byte-for-byte CPython's algorithm, including its limits (750 candidates, names
//! over 40 bytes never match) and its tie-breaking (the first candidate at the best distance).

use alloc::string::String;

use super::dir_table;

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

/// What an AttributeError needs to suggest a name: the candidates (`dir()` of the object) and
/// the name that was looked up (CPython's `AttributeError.obj`/`.name`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggest {
    pub dir: &'static [&'static str],
    pub name: String,
}

impl Suggest {
    /// The context of `obj.name` failing, where `class_name` is the class whose `dir()` the
    /// object lists (its type's, or for a class, its own); `None` for a class the table lacks.
    pub fn attribute(class_name: &str, name: &str) -> Option<Suggest> {
        Some(Suggest { dir: dir_table::dir_of(class_name)?, name: name.into() })
    }

    /// CPython's `calculate_suggestions`.
    pub fn suggestion(&self) -> Option<&'static str> {
        if self.dir.len() >= MAX_CANDIDATE_ITEMS {
            return None;
        }
        let name = self.name.as_bytes();
        let mut best: Option<(&'static str, usize)> = None;
        for &item in self.dir {
            if item == self.name {
                continue;
            }
            // No more than 1/3 of the involved characters should need changed.
            let mut max_distance = (name.len() + item.len() + 3) * MOVE_COST / 6;
            // Don't take matches we've already beaten.
            if let Some((_, d)) = best {
                max_distance = max_distance.min(d.saturating_sub(1));
            }
            let distance = levenshtein(name, item.as_bytes(), max_distance);
            if distance > max_distance {
                continue;
            }
            if best.is_none_or(|(_, d)| distance < d) {
                best = Some((item, distance));
            }
        }
        best.map(|(s, _)| s)
    }
}

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        // Not the same, not a case flip.
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) && a.is_ascii_alphabetic() {
        return CASE_COST;
    }
    MOVE_COST
}

/// CPython's `levenshtein_distance` (bytes of UTF-8; `max_cost + 1` once it is exceeded).
fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    // Trim away common affixes.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (mut a, mut b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    a = &a[..a.len() - suffix];
    b = &b[..b.len() - suffix];
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    // Prefer the shorter buffer.
    if b.len() < a.len() {
        core::mem::swap(&mut a, &mut b);
    }
    // Quick fail when a match is impossible.
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer = [0usize; MAX_STRING_SIZE];
    for (i, slot) in buffer.iter_mut().enumerate().take(a.len()) {
        // cost from b[:0] to a[:i+1]
        *slot = (i + 1) * MOVE_COST;
    }
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        // cost(b[:b_index], a[:0]) == b_index * MOVE_COST
        result = b_index * MOVE_COST;
        let mut distance = result;
        let mut minimum = usize::MAX;
        for (index, &ch) in a.iter().enumerate() {
            // 1) Previous distance in this row is cost(b[:b_index], a[:index]).
            let substitute = distance + substitution_cost(code, ch);
            // 2) cost(b[:b_index], a[:index+1]) from the previous row.
            distance = buffer[index];
            // 3) The existing result is cost(b[:b_index+1], a[index]).
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            // Everything in this row is too big, so bail early.
            return max_cost + 1;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggest(class: &str, name: &str) -> Option<&'static str> {
        Suggest::attribute(class, name)?.suggestion()
    }

    #[test]
    fn cpython_examples() {
        // Each checked against python3.11: `(5).reel` etc. in a traceback.
        assert_eq!(suggest("int", "reel"), Some("real"));
        assert_eq!(suggest("tuple", "count2"), Some("count"));
        assert_eq!(suggest("str", "uper"), Some("upper"));
        assert_eq!(suggest("str", "UPPER"), None); // five case flips cost 5 > 4
        assert_eq!(suggest("int", "xyz"), None);
        assert_eq!(suggest("float", "is_integr"), Some("is_integer"));
        assert_eq!(suggest("ValueError", "arg"), Some("args"));
        assert_eq!(suggest("no such class", "x"), None);
    }

    #[test]
    fn distances() {
        assert_eq!(levenshtein(b"abc", b"abc", 10), 0);
        assert_eq!(levenshtein(b"abc", b"abd", 10), 2);
        assert_eq!(levenshtein(b"abc", b"aBc", 10), 1);
        assert_eq!(levenshtein(b"", b"abc", 10), 6);
        assert_eq!(levenshtein(b"kitten", b"sitting", 100), 6);
        assert_eq!(levenshtein(b"kitten", b"sitting", 3), 4);
    }
}
