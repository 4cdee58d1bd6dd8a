//! Containers and text, for the generator of `random_programs.rs`. In about a third of the
//! programs (drawn from a PRNG stream of its own, so the other programs are exactly those of
//! the generator without containers), some statements are small scenarios that build a list, a
//! str, a dict, a set or a tuple from the program's int and float expressions and use it:
//! * lists: displays, `range`, comprehensions with a condition, `sorted` of a set, `split`;
//!   `append`/`insert`/`extend`/`+=`/`*=`, item and slice assignment (extended slices too),
//!   `del` of slices, `pop`/`remove`/`index` (their errors caught), `sort` (with `key=` and
//!   `reverse=`), `reverse`; printed through `len`, `sum`, `min`/`max` (`key=`, `default=`),
//!   `count`, `in`, slices with steps, `sorted`, `enumerate`, `zip`, `reversed`, `map`,
//!   `filter`, `any`/`all`, comparisons, nested lists;
//! * strs: f-strings with format specs (fill, align, sign, `0`, width, `,`, precision, `x`,
//!   `e`, `%`), `%`-formatting, `str.format`, `join`, repetition; printed through the case
//!   methods (non-ASCII letters with special case mappings among them), `split`/`rsplit`/
//!   `partition`, `replace`, `find`/`rfind`/`count`, `startswith`/`endswith`, the `strip`
//!   family, `center`/`ljust`/`rjust`/`zfill`, slices, `repr`, the `is…` predicates, `encode`,
//!   `index`/`int()`/indexing (their errors caught);
//! * dicts (str or int keys, int values): counting with `get`, comprehensions, `dict(zip())`,
//!   `setdefault`, `pop`, `del`/`[]`/`popitem` (their KeyErrors caught), `update`, `|=`; printed
//!   whole and through `items`/`keys`/`values` (sorted where a set of strs would be printed),
//!   `max(d, key=d.get)`, `reversed`;
//! * sets of ints (and of tuples of ints), whose printed order is CPython's table order (ints
//!   such as -1, -2 and 2**61 - 1 share hashes): displays, comprehensions, `set(range())`;
//!   `add`/`discard`/`remove`/`pop` (errors caught), in-place operators; printed whole, with
//!   `| & - ^`, comparisons, `isdisjoint`, `frozenset`;
//! * tuples: displays of mixed types, starred unpacking, slices, `count`/`index`, repetition,
//!   comparisons (a TypeError caught when mixed items meet), `hash` of tuples of ints.
//!
//! Invariants kept: each scenario's variables are fresh names, assigned in its first line and
//! used only by its following lines (never branches around them), so they keep one type; every
//! int item is bounded (`% 97` or a small constant); an operation that may raise is inside a
//! `try` that prints the exception's class and text; nothing depends on str hashes (no set of
//! strs and no dict keyed by a set of strs is printed or iterated unsorted) or on addresses; each
//! scenario counts a fixed amount of work against the budget.

use super::{Gen, Rng, Ty, p};

/// Estimated work of one scenario.
const WORK: f64 = 12.0;
/// Words for strs and dict keys: ASCII, non-ASCII letters with special case mappings, digits,
/// separators, spaces.
const WORDS: &[&str] = &[
    "a", "bb", "Ab", "x y", "é", "ß", "", "10", "-3", "  pad ", "a,b", "Ω", "İ", "ŉ", "cat", "Dog", "3.5", "ﬁx", "a-b-c",
];
/// The errors a guarded operation may meet.
const CAUGHT: &str = "(IndexError, ValueError, KeyError, TypeError, ZeroDivisionError)";

pub(super) struct Containers {
    pub(super) enabled: bool,
}

impl Containers {
    pub(super) fn new(seed: u64) -> Containers {
        Containers { enabled: Rng(seed ^ 0x636F_6E74_6169_6E73).chance(33) }
    }
}

/// A Python str literal of `s` (the words need no escapes but quotes and backslashes).
fn lit(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

impl Gen {
    /// One scenario (see the module doc).
    pub(super) fn container_stmt(&mut self) {
        self.cost += self.mult * WORK;
        match self.rng.below(100) {
            0..=29 => self.list_scenario(),
            30..=54 => self.str_scenario(),
            55..=72 => self.dict_scenario(),
            73..=88 => self.set_scenario(),
            _ => self.tuple_scenario(),
        }
    }

    // ----- items

    /// A bounded int: a small constant, one with a notable hash, or an int expression `% 97`.
    fn c_int(&mut self) -> String {
        match self.rng.below(10) {
            0..=3 => self.rng.int_in(-5, 12).to_string(),
            4 => self.rng.pick(&["-1", "-2", "2305843009213693951", "(10 ** 20)", "0", "True"]).to_string(),
            _ => {
                let e = self.expr(Ty::Int, 1);
                match e.bound {
                    Some(b) if b <= 1000.0 => p(&e),
                    _ => format!("({} % 97)", p(&e)),
                }
            }
        }
    }

    fn c_float(&mut self) -> String {
        let e = self.expr(Ty::Float, 1);
        p(&e)
    }

    fn c_word(&mut self) -> String {
        lit(self.rng.pick(WORDS))
    }

    /// An index or slice bound: small, possibly negative or past the end.
    fn c_idx(&mut self) -> String {
        self.rng.int_in(-6, 7).to_string()
    }

    /// A slice `[a:b:c]` with any of its parts left out (c is never 0).
    fn c_slice(&mut self) -> String {
        let a = if self.rng.chance(60) { self.c_idx() } else { String::new() };
        let b = if self.rng.chance(60) { self.c_idx() } else { String::new() };
        match self.rng.below(3) {
            0 => format!("[{a}:{b}]"),
            1 => format!("[{a}:{b}:{}]", self.rng.pick(&[-1, 2, -2, 3])),
            _ => format!("[{a}:{b}:]"),
        }
    }

    fn c_ints(&mut self, lo: usize, hi: usize) -> String {
        let n = lo + self.rng.below(hi - lo + 1);
        let items: Vec<String> = (0..n).map(|_| self.c_int()).collect();
        items.join(", ")
    }

    /// `body` inside a `try` whose handler prints the exception.
    fn caught(&mut self, body: &str) {
        self.line("try:");
        self.indent += 1;
        self.line(body);
        self.indent -= 1;
        { let ln = format!("except {CAUGHT} as ex:"); self.line(&ln) };
        self.indent += 1;
        self.line("print(type(ex).__name__, ex)");
        self.indent -= 1;
    }

    // ----- lists

    fn list_scenario(&mut self) {
        let l = self.fresh("cl");
        let init = match self.rng.below(6) {
            0 | 1 => format!("[{}]", self.c_ints(0, 6)),
            2 => {
                let (a, b) = (self.rng.int_in(-5, 5), self.rng.int_in(-3, 12));
                let s = self.rng.pick(&[1, 1, 2, 3, -1, -2]);
                format!("list(range({a}, {b}, {s}))")
            }
            3 => {
                let (k, c, m) = (self.rng.int_in(0, 9), self.c_int(), self.rng.int_in(2, 4));
                format!("[x * {} + {} for x in range({k}) if x % {m} != 1]", self.rng.int_in(-3, 3), p_str(&c))
            }
            4 => format!("sorted({{{}}})", self.c_ints(1, 6)),
            _ => format!("[int(t) for t in \"{}\".split()]", self.rng.pick(&["3 -1 4 1 5", "10 20 30", "7", "0 0 -0 +2"])),
        };
        { let ln = format!("{l} = {init}"); self.line(&ln) };
        for _ in 0..2 + self.rng.below(5) {
            self.list_op(&l);
        }
        let tail = self.list_print(&l);
        { let ln = format!("print({tail})"); self.line(&ln) };
    }

    fn list_op(&mut self, l: &str) {
        let x = self.c_int();
        match self.rng.below(22) {
            0 => { let ln = format!("{l}.append({x})"); self.line(&ln) },
            1 => { let ln = format!("{l}.insert({}, {x})", self.c_idx()); self.line(&ln) },
            2 => { let ln = format!("{l}.extend([{}])", self.c_ints(0, 3)); self.line(&ln) },
            3 => { let ln = format!("{l} += range({})", self.rng.int_in(0, 3)); self.line(&ln) },
            4 if self.rng.chance(30) => { let ln = format!("{l} *= 2"); self.line(&ln) },
            5 => { let ln = format!("{l}[{}] = {x}", self.c_idx()); self.caught(&ln) },
            6 => { let ln = format!("{l}{} = [{}]", self.c_slice(), self.c_ints(0, 3)); self.caught(&ln) },
            7 => { let ln = format!("del {l}[{}:{}]", self.c_idx(), self.c_idx()); self.line(&ln) },
            8 => { let ln = format!("print({l}.pop())"); self.caught(&ln) },
            9 => { let ln = format!("print({l}.pop({}))", self.c_idx()); self.caught(&ln) },
            10 => { let ln = format!("{l}.remove({x})"); self.caught(&ln) },
            11 => { let ln = format!("print({l}.index({x}))"); self.caught(&ln) },
            12 => {
                let s = self.rng.pick(&[
                    "sort()",
                    "sort(reverse=True)",
                    "sort(key=lambda v: (v % 3, -v))",
                    "sort(key=abs)",
                    "reverse()",
                    "sort(key=str)",
                ]);
                { let ln = format!("{l}.{s}"); self.line(&ln) };
            }
            13 => { let ln = format!("print({l}[{}])", self.c_idx()); self.caught(&ln) },
            14 => {
                let m = self.fresh("cm");
                { let ln = format!("{m} = [{l}[:], [{x}], []]"); self.line(&ln) };
                { let ln = format!("{m}[{}].append(len({l}))", self.rng.int_in(0, 2)); self.line(&ln) };
                { let ln = format!("{m}[0] += {m}[1]"); self.line(&ln) };
                { let ln = format!("print({m}, {m}[0] is {l}, {m} > [[{x}]])"); self.line(&ln) };
            }
            15 => { let ln = format!("del {l}[{}]", self.c_idx()); self.caught(&ln) },
            16 => { let ln = format!("{l} = [v * 2 for v in {l} if v % 3] + {l}[:2]"); self.line(&ln) },
            _ => {
                let tail = self.list_print(l);
                { let ln = format!("print({tail})"); self.line(&ln) };
            }
        }
    }

    /// The arguments of a `print` showing list `l`.
    fn list_print(&mut self, l: &str) -> String {
        let x = self.c_int();
        match self.rng.below(16) {
            0 => format!("{l}, len({l}), sum({l})"),
            1 => format!("{l}.count({x}), {x} in {l}, {x} not in {l}"),
            2 => format!("{l}{}", self.c_slice()),
            3 => format!("sorted({l}, key=lambda v: -v)[:3], sorted({l}, reverse=True)"),
            4 => format!("min({l}, default=-1), max({l}, key=abs, default=None)"),
            5 => format!("list(enumerate({l}, 1))[:4]"),
            6 => format!("list(zip({l}, {l}[1:], \"abc\"))"),
            7 => format!("[v for v in reversed({l}) if v % 2]"),
            8 => format!("any(v > 5 for v in {l}), all({l})"),
            9 => format!("{l} == sorted({l}), {l} < [1, 2], {l} >= []"),
            10 => format!("tuple({l}), {l} * 2"),
            11 => format!("list(map(abs, {l})), list(filter(None, {l}))"),
            12 => format!("[{l}[i] - {l}[i - 1] for i in range(1, len({l}))]"),
            13 => format!("{l} + [{x}], [{l}, {l}[:1]]"),
            14 => format!("sum({l}, 10), sum(v * v for v in {l})"),
            _ => format!("{l}"),
        }
    }

    // ----- strs

    fn str_scenario(&mut self) {
        let s = self.fresh("cs");
        let (i, j, f, w) = (self.c_int(), self.c_int(), self.c_float(), self.c_word());
        let init = match self.rng.below(9) {
            0 => format!("f\"{{{i}}}:{{{j}:>4}}|{{{f}:.2f}}\""),
            1 => format!("f\"{{{i}:,}}_{{{j}:x}}_{{{i}:+05d}}_{{{}!r}}\"", sq(&w)),
            2 => format!("\"-\".join([{w}, {}, str({i})])", self.c_word()),
            3 => format!("str({i}) + {w} * {}", self.rng.int_in(0, 3)),
            4 => format!("\"%s=%d|%5.1f|%-4s|%x\" % ({w}, {i}, {f}, {j}, abs({j}))"),
            5 => format!("\"{{0}}-{{1}}|{{0:^7}}|{{1!r}}\".format({w}, {})", self.c_word()),
            6 => format!("f\"{{{f}:e}} {{{f}:g}} {{{f}:08.3f}} {{{i} / 7:%}}\""),
            7 => format!("f\"{{{}:*^9}}{{{i}:b}}{{{j}:#o}}{{{i}:_}}\"", sq(&w)),
            _ => format!("{w}.join([{}, {}, {}])", self.c_word(), self.c_word(), self.c_word()),
        };
        { let ln = format!("{s} = {init}"); self.line(&ln) };
        for _ in 0..2 + self.rng.below(4) {
            self.str_op(&s);
        }
    }

    fn str_op(&mut self, s: &str) {
        let (w, w2) = (self.c_word(), self.c_word());
        let show = match self.rng.below(24) {
            0 => format!("{s}.upper(), {s}.lower(), {s}.casefold()"),
            1 => format!("{s}.title(), {s}.capitalize(), {s}.swapcase()"),
            2 => format!("{s}.split(), {s}.split(\"-\"), {s}.split(\"-\", 1)"),
            3 => format!("{s}.rsplit({w}, 1) if {w} else {s}.rsplit()"),
            4 => format!("{s}.partition(\"-\"), {s}.rpartition(\"|\")"),
            5 => format!("{s}.replace({w}, {w2}) if {w} else {s}.replace(\"a\", \"XY\", 1)"),
            6 => format!("{s}.find({w}), {s}.rfind({w}), {s}.count(\"a\")"),
            7 => format!("{s}.startswith({w}), {s}.endswith(({w}, \"1\"))"),
            8 => format!("repr({s}.strip()), {s}.strip(\"-1\"), {s}.lstrip(), {s}.rstrip(\"0\")"),
            9 => format!("{s}.center(11, \"*\"), {s}.ljust(9, \".\"), {s}.rjust(9), {s}.zfill(8)"),
            10 => format!("{s}{}, {s}[::-1]", self.c_slice()),
            11 => format!("len({s}), repr({s}), ascii({s})"),
            12 => format!("{s}.isdigit(), {s}.isalpha(), {s}.isspace(), {s}.isupper(), {s}.isalnum()"),
            13 => format!("{s}.encode(), list({s})[:5]"),
            14 => format!("[ord(c) for c in {s}[:3]], chr(65 + len({s}) % 26)"),
            15 => return { let ln = format!("print({s}.index({w}))"); self.caught(&ln) },
            16 => return { let ln = format!("print({s}[{}])", self.c_idx()); self.caught(&ln) },
            17 => return { let ln = format!("print(int({s}))"); self.caught(&ln) },
            18 => format!("sorted({s})[:6], \"\".join(reversed({s}))"),
            19 => format!("{s} < {w}, {s} == {s}.lower(), {w} in {s}"),
            20 => format!("f\"{{{s}!r:>12}}\", format({s}, \"*^9\"), f\"{{{s}:.3}}\""),
            21 => format!("{s}.expandtabs(4), {s}.splitlines(), {s} * 2"),
            22 => format!("{s}.encode().decode() == {s}, {s}.istitle(), {s}.islower()"),
            _ => {
                let (a, b) = (self.c_int(), self.c_int());
                format!("f\"{{{s}}}{{{a}:>6}}{{{b}:<4}}|\", \"{{:>5}}|{{!s:.2}}\".format({s}, {b})")
            }
        };
        { let ln = format!("print({show})"); self.line(&ln) };
    }

    // ----- dicts

    fn dict_scenario(&mut self) {
        let d = self.fresh("cd");
        let int_keys = self.rng.chance(30);
        let init = match self.rng.below(4) {
            0 if !int_keys => {
                let words: Vec<&str> = (0..3 + self.rng.below(6)).map(|_| self.rng.pick(&["a", "b", "c", "é", "dd", "a"])).collect();
                { let ln = format!("{d} = {{}}"); self.line(&ln) };
                { let ln = format!("for w in \"{}\".split():", words.join(" ")); self.line(&ln) };
                self.indent += 1;
                let x = self.c_int();
                { let ln = format!("{d}[w] = {d}.get(w, 0) + {}", p_str(&x)); self.line(&ln) };
                self.indent -= 1;
                String::new()
            }
            1 if !int_keys => format!("{{k: i for i, k in enumerate([{}, {}, {}])}}", self.c_word(), self.c_word(), self.c_word()),
            2 if !int_keys => format!("dict(zip([\"x\", \"y\", \"z\"], [{}]))", self.c_ints(0, 4)),
            _ => {
                let n = self.rng.below(5);
                let pairs: Vec<String> = (0..n)
                    .map(|_| {
                        let k = if int_keys { self.c_int() } else { self.c_word() };
                        format!("{k}: {}", self.c_int())
                    })
                    .collect();
                format!("{{{}}}", pairs.join(", "))
            }
        };
        if !init.is_empty() {
            { let ln = format!("{d} = {init}"); self.line(&ln) };
        }
        for _ in 0..2 + self.rng.below(4) {
            let k = if int_keys { self.c_int() } else { self.c_word() };
            let x = self.c_int();
            match self.rng.below(16) {
                0 | 1 => { let ln = format!("{d}[{k}] = {x}"); self.line(&ln) },
                2 => { let ln = format!("print({d}.setdefault({k}, {x}))"); self.line(&ln) },
                3 => { let ln = format!("print({d}.pop({k}, -1))"); self.line(&ln) },
                4 => { let ln = format!("del {d}[{k}]"); self.caught(&ln) },
                5 => { let ln = format!("print({d}[{k}])"); self.caught(&ln) },
                6 => { let ln = format!("{d}.update({{{k}: {x}}})"); self.line(&ln) },
                7 => { let ln = format!("{d} |= {{{k}: {x}}}"); self.line(&ln) },
                8 => { let ln = format!("print({d}.popitem())"); self.caught(&ln) },
                9 => { let ln = format!("print({d}, len({d}), {k} in {d}, {d}.get({k}))"); self.line(&ln) },
                10 => { let ln = format!("print(sorted({d}.items()), list({d}), list({d}.values()))"); self.line(&ln) },
                11 => { let ln = format!("print({{k: v for k, v in {d}.items() if v > 1}}, sum({d}.values()))"); self.line(&ln) },
                12 => { let ln = format!("print(max({d}, key={d}.get, default=None), list(reversed({d})))"); self.line(&ln) },
                13 => { let ln = format!("print({d} == dict({d}), {d}.copy(), sorted({d}.keys() & {{{k}}}))"); self.line(&ln) },
                14 => { let ln = format!("print(dict(sorted({d}.items(), key=lambda kv: (-kv[1], kv[0]))))"); self.line(&ln) },
                _ => { let ln = format!("print([(k, v) for k, v in {d}.items()][:3], list({d}.items())[-1:])"); self.line(&ln) },
            }
        }
        { let ln = format!("print({d})"); self.line(&ln) };
    }

    // ----- sets

    fn set_scenario(&mut self) {
        let (t, u) = (self.fresh("ct"), self.fresh("cu"));
        let init = match self.rng.below(4) {
            0 | 1 => format!("{{{}}}", self.c_ints(1, 7)),
            2 => format!("set(range({}, {}))", self.rng.int_in(-4, 3), self.rng.int_in(0, 12)),
            _ => format!("{{x * x % {} for x in range({})}}", self.rng.int_in(5, 17), self.rng.int_in(0, 10)),
        };
        { let ln = format!("{t} = {init}"); self.line(&ln) };
        let items = self.c_ints(0, 5);
        if items.is_empty() {
            self.line(&format!("{u} = set()"));
        } else {
            self.line(&format!("{u} = {{{items}}}"));
        }
        for _ in 0..2 + self.rng.below(4) {
            let x = self.c_int();
            match self.rng.below(14) {
                0 => { let ln = format!("{t}.add({x})"); self.line(&ln) },
                1 => { let ln = format!("{t}.discard({x})"); self.line(&ln) },
                2 => { let ln = format!("{t}.remove({x})"); self.caught(&ln) },
                3 => { let ln = format!("print({t}.pop())"); self.caught(&ln) },
                4 => { let ln = format!("{t} {} {u}", self.rng.pick(&["|=", "&=", "-=", "^="])); self.line(&ln) },
                5 => { let ln = format!("print({t} | {u}, {t} & {u}, {t} - {u}, {t} ^ {u})"); self.line(&ln) },
                6 => { let ln = format!("print(sorted({t}), len({t}), {x} in {t})"); self.line(&ln) },
                7 => { let ln = format!("print({t} <= {u}, {t} < {t} | {u}, {t}.isdisjoint({u}), {t} == set({t}))"); self.line(&ln) },
                8 => { let ln = format!("print(frozenset({t}), {t}.union([{x}]), {t}.intersection({u}, {t}))"); self.line(&ln) },
                9 => { let ln = format!("print({{(a, b) for a in {t} for b in range(2)}})"); self.line(&ln) },
                10 => { let ln = format!("print({{v % 5 for v in {t}}}, {t}.difference({u}))"); self.line(&ln) },
                11 => { let ln = format!("print(sum({t}), min({t}, default=0), sorted({t} ^ {u}, reverse=True))"); self.line(&ln) },
                _ => { let ln = format!("print({t})"); self.line(&ln) },
            }
        }
        { let ln = format!("print({t}, {u})"); self.line(&ln) };
    }

    // ----- tuples

    fn tuple_scenario(&mut self) {
        let (t, a, b) = (self.fresh("cv"), self.fresh("ca"), self.fresh("cb"));
        let (i, w, f) = (self.c_int(), self.c_word(), self.c_float());
        { let ln = format!("{t} = ({i}, {w}, {f}, {})", self.c_int()); self.line(&ln) };
        { let ln = format!("{a}, *{b} = {t}"); self.line(&ln) };
        let x = self.c_int();
        match self.rng.below(8) {
            0 => { let ln = format!("print({a}, {b}, {t}[1:], {t}[::-2])"); self.line(&ln) },
            1 => { let ln = format!("print({t} * 2, {t} + ({x},), len({t}), {t}.count({x}))"); self.line(&ln) },
            2 => { let ln = format!("print({t}.index({x}))"); self.caught(&ln) },
            3 => { let ln = format!("print({t} < ({x}, {x}), sorted([{t}, ({x}, {})]))", self.c_word()); self.caught(&ln) },
            4 => { let ln = format!("print(hash(({x}, {}, -1)) == hash(({x}, {}, -1)), hash((1, 2)), hash(()))", self.c_int(), self.c_int()); self.line(&ln) },
            5 => { let ln = format!("print(sorted([({x}, \"b\"), ({}, \"a\"), ({x}, \"a\")]))", self.c_int()); self.line(&ln) },
            6 => { let ln = format!("print(tuple(reversed({t})), {t} == ({i}, {w}, {f}, 0), {x} in {t})"); self.line(&ln) },
            _ => { let ln = format!("print({t}, {b})"); self.line(&ln) },
        }
    }
}

/// A str literal made by [`lit`] in single quotes: it may stand inside an f-string's field
/// (Python 3.11 does not allow the f-string's own quote there).
fn sq(lit: &str) -> String {
    format!("'{}'", &lit[1..lit.len() - 1])
}

/// `s` as an operand (parenthesised unless it is a plain number or name).
fn p_str(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') { s.to_string() } else { format!("({s})") }
}
