//! The methods of `bytes`, the codecs and the Unicode errors against CPython 3.11.
//!
//! * `bytes_methods_vectors.txt`: rows `receiver|method|args|kwnames`, a tab, then python3's
//!   result (`type:repr` or `!Kind: message`), written by `runtime/tools/bytes_vectors.py` with
//!   [`PY_BYTES_EVAL`] and re-checked against the installed python3 by
//!   `vectors_still_match_python`. Each row calls the method as generated code does and is
//!   checked for leaks.
//! * Random byte strings through split, rsplit, strip, replace, find, rfind, count, partition,
//!   splitlines, expandtabs, title, istitle, against python3.
//! * The codecs: fixed and random inputs through `bytes.decode` / `str.encode` with every error
//!   handler Molt runs, the errors shown with their exception's `args` (and random UTF-8-ish
//!   bytes, which exercise which bytes each UTF-8 error covers).
//! * UnicodeDecodeError / UnicodeEncodeError made by the program: their checks, `str()`,
//!   members.

use std::string::{String, ToString};
use std::vec::Vec;
use std::{format, vec};

use super::live;
use crate::exceptions::{MoltResult, clear_exception, test_lock};
use crate::object::range::Owned;
use crate::object::{Obj, bytes, codecs, decref, dispatch, exception, float, int, list, singletons, str, tuple};
use crate::testutil::Rng;

const VECTORS: &str = include_str!("bytes_methods_vectors.txt");

/// The evaluator that wrote `bytes_methods_vectors.txt` (input: the rows' first column).
pub const PY_BYTES_EVAL: &str = r#"
import sys
sys.stdin.reconfigure(encoding='utf-8')
sys.stdout.reconfigure(encoding='utf-8')
def show(r):
    return type(r).__name__ + ':' + repr(r)
for line in sys.stdin:
    recv, name, args, kwnames = line.rstrip('\n').split('|')
    a = eval(recv)
    pos = eval(args)
    names = kwnames.split(',') if kwnames else []
    npos = len(pos) - len(names)
    # A direct method call (`a.find(p0, start=k0)`), as Molt programs make it: CPython's
    # messages differ from those of a bound method's call.
    env = {'a': a}
    parts = []
    for i, v in enumerate(pos[:npos]):
        env['p%d' % i] = v
        parts.append('p%d' % i)
    for j, (k, v) in enumerate(zip(names, pos[npos:])):
        env['k%d' % j] = v
        parts.append('%s=k%d' % (k, j))
    try:
        out = show(eval('a.%s(%s)' % (name, ', '.join(parts)), env))
    except Exception as e:
        out = '!%s: %s' % (type(e).__name__, e)
    print(out)
"#;

/// A parser of the literals of the rows: `b'…'`, `'…'` (escapes `\t \n \r \v \f \0 \xNN \\ \'`,
/// and `\uNNNN`, `\UNNNNNNNN` in strs), ints, floats, None, True, False, tuples and lists.
struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek() == Some(b' ') {
            self.i += 1;
        }
    }

    /// The bytes of a quoted literal after its opening quote: escapes resolved, for a str (`text`)
    /// as code points in UTF-8.
    fn quoted(&mut self, text: bool) -> Vec<u8> {
        let mut out = Vec::new();
        loop {
            let c = self.s[self.i];
            self.i += 1;
            match c {
                b'\'' => return out,
                b'\\' => {
                    let e = self.s[self.i];
                    self.i += 1;
                    let mut hex = |n: usize| {
                        let h = std::str::from_utf8(&self.s[self.i..self.i + n]).unwrap();
                        self.i += n;
                        u32::from_str_radix(h, 16).unwrap()
                    };
                    match e {
                        b't' => out.push(b'\t'),
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b'v' => out.push(0x0b),
                        b'f' => out.push(0x0c),
                        b'0' => out.push(0),
                        b'x' if !text => out.push(hex(2) as u8),
                        b'x' | b'u' | b'U' => {
                            let c = char::from_u32(hex(match e {
                                b'x' => 2,
                                b'u' => 4,
                                _ => 8,
                            }))
                            .unwrap();
                            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                        }
                        other => out.push(other),
                    }
                }
                c => out.push(c),
            }
        }
    }

    /// The items of a tuple or list after its opening bracket, up to `close`.
    fn items(&mut self, close: u8) -> (Vec<Obj>, bool) {
        let mut items = Vec::new();
        let mut comma = false;
        loop {
            self.skip_ws();
            if self.peek() == Some(close) {
                self.i += 1;
                return (items, comma);
            }
            items.push(self.value());
            self.skip_ws();
            if self.peek() == Some(b',') {
                self.i += 1;
                comma = true;
            } else {
                assert_eq!(self.peek(), Some(close), "bad literal");
                self.i += 1;
                return (items, comma);
            }
        }
    }

    fn value(&mut self) -> Obj {
        self.skip_ws();
        match self.peek() {
            Some(b'b') if self.s.get(self.i + 1) == Some(&b'\'') => {
                self.i += 2;
                bytes::bytes_from_vec(self.quoted(false)).unwrap()
            }
            Some(b'\'') => {
                self.i += 1;
                str::str_from_text(&String::from_utf8(self.quoted(true)).unwrap()).unwrap()
            }
            Some(b'(') => {
                self.i += 1;
                let (mut items, comma) = self.items(b')');
                if items.len() == 1 && !comma {
                    return items.pop().unwrap();
                }
                tuple::tuple_from_vec(items).unwrap()
            }
            Some(b'[') => {
                self.i += 1;
                list::list_from_vec(self.items(b']').0).unwrap()
            }
            _ => {
                let start = self.i;
                while self.peek().is_some_and(|c| !matches!(c, b',' | b')' | b']')) {
                    self.i += 1;
                }
                let token = std::str::from_utf8(&self.s[start..self.i]).unwrap().trim();
                match token {
                    "None" => singletons::none(),
                    "True" => singletons::bool_obj(true),
                    "False" => singletons::bool_obj(false),
                    t if t.contains('.') => float::box_float(t.parse().unwrap()).unwrap(),
                    t => int::int_from_decimal_text(t.as_bytes()).unwrap(),
                }
            }
        }
    }
}

/// The object for a literal (a new reference).
fn parse(text: &str) -> Obj {
    let mut p = Parser { s: text.as_bytes(), i: 0 };
    let o = p.value();
    p.skip_ws();
    assert_eq!(p.i, text.len(), "trailing text in {text}");
    o
}

/// Evaluates one row; panics if it leaks.
fn eval_row(line: &str) -> String {
    crate::object::bytes::molt_enable_bytes();
    let before = live();
    let p: Vec<&str> = line.split('|').collect();
    assert_eq!(p.len(), 4, "bad row {line}");
    let a = parse(p[0]);
    let args = parse(p[2]);
    let out = super::vectors::call(a, p[1], args, p[3]);
    // SAFETY: the references `parse` made, released once.
    unsafe {
        decref(args);
        decref(a);
    }
    assert_eq!(live(), before, "{line} leaked (live per kind)");
    out
}

#[test]
fn vectors_match_the_object_model() {
    let _g = test_lock();
    clear_exception();
    super::vectors::check_rows(VECTORS, 1000, eval_row);
}

#[test]
fn vectors_still_match_python() {
    super::vectors::check_python(VECTORS, PY_BYTES_EVAL);
}

/// Rows against python3, run now: every difference is reported.
fn check_against_python(rows: &[String], eval: impl Fn(&str) -> String, script: &str, min: usize) {
    let input: String = rows.iter().map(|r| format!("{r}\n")).collect();
    let expected = crate::testutil::python(script, &input);
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(expected.len(), rows.len());
    let mut failures = Vec::new();
    for (row, want) in rows.iter().zip(expected) {
        let got = eval(row);
        if got != want {
            failures.push(format!("{row}\n   got: {got}\n  want: {want}"));
        }
    }
    super::vectors::assert_rows(rows.len(), min, &failures);
}

/// A bytes literal of `d` for the rows (no `|`, no tab).
fn literal(d: &[u8]) -> String {
    let mut out = String::from("b'");
    for &b in d {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\'' => out.push_str("\\'"),
            0x20..=0x7e if b != b'|' => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('\'');
    out
}

#[test]
fn random_bytes_match_python() {
    let _g = test_lock();
    clear_exception();
    const ALPHABET: &[&[u8]] = &[b"a", b"b", b" ", b"  ", b"\t", b"\n", b"\r", b"\r\n", b"\x0b", b"\xe9", b"ab", b"A", b"1"];
    let mut rng = Rng::new(0xb7e5_2026);
    let word = |rng: &mut Rng, max: u64| -> Vec<u8> {
        let n = rng.below(max + 1);
        (0..n).flat_map(|_| ALPHABET[rng.below(ALPHABET.len() as u64) as usize].iter().copied()).collect()
    };
    let mut rows = Vec::new();
    for k in 0..2000u64 {
        let s = literal(&word(&mut rng, 14));
        let sub = literal(&word(&mut rng, 2));
        let sub1 = literal(&word(&mut rng, 1));
        let n = rng.below(7) as i64 - 2;
        let i = rng.below(24) as i64 - 12;
        let j = rng.below(24) as i64 - 12;
        rows.push(match k % 16 {
            0 => format!("{s}|split|()|"),
            1 => format!("{s}|split|({sub1}, {n})|"),
            2 => format!("{s}|rsplit|(None, {n})|"),
            3 => format!("{s}|rsplit|({sub1}, {n})|"),
            4 => format!("{s}|strip|({sub},)|"),
            5 => format!("{s}|rstrip|()|"),
            6 => format!("{s}|replace|({sub}, {sub1}, {n})|"),
            7 => format!("{s}|find|({sub}, {i}, {j})|"),
            8 => format!("{s}|rfind|({sub}, {i})|"),
            9 => format!("{s}|count|({sub}, {i}, {j})|"),
            10 => format!("{s}|partition|({sub1},)|"),
            11 => format!("{s}|rpartition|({sub1},)|"),
            12 => format!("{s}|splitlines|({},)|", n & 1),
            13 => format!("{s}|expandtabs|({n},)|"),
            14 => format!("{s}|title|()|"),
            _ => format!("{s}|endswith|({sub}, {i}, {j})|"),
        });
    }
    check_against_python(&rows, eval_row, PY_BYTES_EVAL, 1500);
}

/// Long haystacks: the shift-table searches against python3.
#[test]
fn long_searches_match_python() {
    let _g = test_lock();
    clear_exception();
    let mut rng = Rng::new(0x5ea2c4);
    let mut rows = Vec::new();
    for k in 0..300u64 {
        let hay: Vec<u8> = (0..300 + rng.below(200)).map(|_| b"ab"[rng.below(2) as usize]).collect();
        let m = 2 + rng.below(5) as usize;
        let needle: Vec<u8> = (0..m).map(|_| b"ab"[rng.below(2) as usize]).collect();
        let (h, n) = (literal(&hay), literal(&needle));
        let method = ["find", "rfind", "count", "split", "rsplit", "replace"][(k % 6) as usize];
        rows.push(match method {
            "split" | "rsplit" => format!("{h}|{method}|({n}, 3)|"),
            "replace" => format!("{h}|replace|({n}, b'X')|"),
            _ => format!("{h}|{method}|({n},)|"),
        });
    }
    check_against_python(&rows, eval_row, PY_BYTES_EVAL, 250);
}

#[test]
fn translate_and_maketrans_are_not_supported() {
    let _g = test_lock();
    clear_exception();
    assert_eq!(eval_row("b'abc'|translate|(None,)|"), "!NotImplementedError: bytes.translate is not supported by Molt yet");
    assert_eq!(eval_row("b'abc'|maketrans|(b'a', b'b')|"), "!NotImplementedError: bytes.maketrans is not supported by Molt yet");
}

// --- codecs ----------------------------------------------------------------------------------

/// Rows `decode|hex|encoding|errors` and `encode|text|encoding|errors`: the result, or the error
/// with its `args` for a Unicode error (`!Kind: message args`), shown by `ascii()` (the codecs'
/// text, not `repr`'s choice of printable characters, is under test).
const PY_CODEC_EVAL: &str = r#"
import sys
sys.stdin.reconfigure(encoding='utf-8')
sys.stdout.reconfigure(encoding='utf-8')
for line in sys.stdin:
    op, data, enc, err = line.rstrip('\n').split('|')
    try:
        if op == 'decode':
            r = bytes.fromhex(data).decode(enc, err)
        else:
            r = eval(data).encode(enc, err)
        out = type(r).__name__ + ':' + ascii(r)
    except Exception as e:
        out = '!%s: %s' % (type(e).__name__, e)
        if isinstance(e, UnicodeError):
            out += ' ' + ascii(e.args)
    print(out)
"#;

/// One codec row through `bytes.decode` / `str.encode` (checked for leaks).
fn codec_row(line: &str) -> String {
    crate::object::bytes::molt_enable_bytes();
    let before = live();
    let p: Vec<&str> = line.split('|').collect();
    assert_eq!(p.len(), 4, "bad row {line}");
    let recv = if p[0] == "decode" {
        let d: Vec<u8> = (0..p[1].len() / 2).map(|i| u8::from_str_radix(&p[1][2 * i..2 * i + 2], 16).unwrap()).collect();
        Owned(bytes::bytes_from_vec(d).unwrap())
    } else {
        Owned(parse(p[1]))
    };
    let enc = Owned(str::str_from_text(p[2]).unwrap());
    let err = Owned(str::str_from_text(p[3]).unwrap());
    let args = [enc.get(), err.get()];
    let r = if p[0] == "decode" { codecs::bytes_decode(recv.get(), &args, &[]) } else { codecs::str_encode(recv.get(), &args, &[]) };
    let out = show_codec_result(r);
    drop((recv, enc, err));
    assert_eq!(live(), before, "{line} leaked (live per kind)");
    out
}

/// `type:ascii`, or `!Kind: message` (with `ascii(args)` for an exception object).
fn show_codec_result(r: MoltResult<Obj>) -> String {
    let ascii = |o: Obj| crate::object::format::ascii_text(&dispatch::repr_of(o).unwrap());
    match r {
        Ok(o) => {
            let o = Owned(o);
            format!("{}:{}", o.get().type_of().name, ascii(o.get()))
        }
        Err(e) => match e.raised() {
            Some(x) => {
                let args = ascii(exception::args_tuple(x));
                format!("!{}: {} {args}", x.type_of().name, dispatch::str_of(x).unwrap())
            }
            None => format!("!{}: {}", e.kind.name(), e.message),
        },
    }
}

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn codecs_match_python() {
    let _g = test_lock();
    clear_exception();
    let mut rows = Vec::new();
    let decodes: &[&[u8]] = &[
        b"", b"abc", b"\xff", b"a\xffb", b"\xe2\x82", b"\xe2\x82\xac", b"\xed\xa0\x80", b"\xed\x9f\xbf", b"\xc0\x80", b"\xc2",
        b"\xc2\x41", b"\xe0\x80\x80", b"\xe0\xa0\x80", b"\xe0\xa0", b"\xe0\x9f", b"\xf0\x90\x80", b"\xf0\x90\x41", b"\xf0\x80\x80\x80",
        b"\xf0\x90\x80\x41", b"\xf4\x90\x80\x80", b"\xf4\x8f\xbf\xbf", b"\xf5\x80", b"\x80\x80", b"\xf0\x9f\x98\x80", b"\xf0\x9f\x98",
        b"\xe2\x41\x82", b"ab\xe2\x82\xacx\xf0", b"\xf0\x90", b"\xf0\x41", b"\xe2", b"\xc3\xa9\xff\xfe",
    ];
    for d in decodes {
        for enc in ["utf-8", "ascii", "latin-1"] {
            for err in ["strict", "replace", "ignore", "backslashreplace"] {
                rows.push(format!("decode|{}|{enc}|{err}", hex(d)));
            }
        }
        for err in ["xmlcharrefreplace", "namereplace", "bogus"] {
            rows.push(format!("decode|{}|utf-8|{err}", hex(d)));
        }
    }
    // Names of the codecs (CPython's normalization and aliases), unknown and other codecs.
    for enc in [
        "UTF-8", "utf8", "utf_8", "U8", "utf", "cp65001", "UTF 8", " utf-8 ", "utf-8é", "u-t-f-8", "ASCII", "us-ascii", "646",
        "us", "ANSI_X3.4-1968", "latin1", "latin_1", "Latin-1", "iso-8859-1", "iso8859-1", "8859", "l1", "cp819", "ISO_8859-1:1987",
        "nonexistent", "", "utf_8.x", "aliases", "mbcs", "hex", "rot13", "base64", "quopri", "latin-9", "..utf8",
    ] {
        rows.push(format!("decode|41c3a9|{enc}|strict"));
        rows.push(format!("encode|'A\\u00e9'|{enc}|strict"));
        rows.push(format!("decode||{enc}|strict"));
    }
    let texts = ["''", "'abc'", "'\\u00e9'", "'\\u00e9\\u00e9'", "'a\\u20acb'", "'x\\u00ff\\u0100y'", "'\\U0001f600'", "'a\\u00e9\\u20ac\\U0001f600z'", "'\\u0080'"];
    for t in texts {
        for enc in ["utf-8", "ascii", "latin-1"] {
            for err in ["strict", "replace", "ignore", "backslashreplace", "xmlcharrefreplace", "surrogateescape", "surrogatepass", "bogus"] {
                rows.push(format!("encode|{t}|{enc}|{err}"));
            }
        }
    }
    check_against_python(&rows, codec_row, PY_CODEC_EVAL, 700);
}

/// The CPython codecs Molt does not implement: NotImplementedError naming the codec as CPython's
/// `codecs.lookup(name).name` does.
#[test]
fn other_codecs_are_not_supported() {
    let _g = test_lock();
    clear_exception();
    let names = ["utf-16", "UTF16", "U16", "cp1252", "windows-1252", "utf-8-sig", "iso8859_15", "L9", "latin9", "euc-jp", "utf_32_be", "koi8-r", "mac-roman"];
    let codecs = crate::testutil::python("import codecs, sys\nfor n in sys.stdin.read().split():\n    print(codecs.lookup(n).name)\n", &names.join("\n"));
    for (name, codec) in names.iter().zip(codecs.lines()) {
        let want = format!("!NotImplementedError: the '{codec}' codec is not supported by Molt yet");
        assert_eq!(codec_row(&format!("decode|41|{name}|strict")), want);
        assert_eq!(codec_row(&format!("encode|'A'|{name}|strict")), want);
    }
}

/// Random bytes made of UTF-8's lead, continuation and invalid bytes: which bytes each error
/// covers, and what each handler makes of them.
#[test]
fn random_utf8_matches_python() {
    let _g = test_lock();
    clear_exception();
    const PIECES: &[&[u8]] = &[
        b"A", b"\x80", b"\x8f", b"\x90", b"\x9f", b"\xa0", b"\xbf", b"\xc0", b"\xc2", b"\xdf", b"\xe0", b"\xe2", b"\xed", b"\xef",
        b"\xf0", b"\xf4", b"\xf5", b"\xff", b"\xc3\xa9", b"\xe2\x82\xac", b"\xf0\x9f\x98\x80",
    ];
    let mut rng = Rng::new(0x0007_f8de);
    let mut rows = Vec::new();
    for k in 0..3000u64 {
        let n = rng.below(7);
        let d: Vec<u8> = (0..n).flat_map(|_| PIECES[rng.below(PIECES.len() as u64) as usize].iter().copied()).collect();
        let err = ["strict", "replace", "ignore", "backslashreplace"][(k % 4) as usize];
        rows.push(format!("decode|{}|utf-8|{err}", hex(&d)));
    }
    check_against_python(&rows, codec_row, PY_CODEC_EVAL, 2500);
}

/// The handlers Molt cannot run (they would make lone surrogates, or need Unicode names), and
/// `surrogatepass` where it only re-raises.
#[test]
fn unsupported_handlers() {
    let _g = test_lock();
    clear_exception();
    let cases = [
        ("decode|eda080|utf-8|surrogatepass", "!NotImplementedError: the 'surrogatepass' error handler is not supported by Molt yet"),
        ("decode|ff|utf-8|surrogateescape", "!NotImplementedError: the 'surrogateescape' error handler is not supported by Molt yet"),
        ("decode|41|utf-8|surrogateescape", "str:'A'"),
        ("decode|ff|ascii|surrogateescape", "!NotImplementedError: the 'surrogateescape' error handler is not supported by Molt yet"),
        ("encode|'\\u00e9'|ascii|namereplace", "!NotImplementedError: the 'namereplace' error handler is not supported by Molt yet"),
        ("encode|'\\u00e9'|utf-16|strict", "!NotImplementedError: the 'utf-16' codec is not supported by Molt yet"),
        ("decode|41|cp1252|strict", "!NotImplementedError: the 'cp1252' codec is not supported by Molt yet"),
    ];
    for (row, want) in cases {
        assert_eq!(codec_row(row), want, "{row}");
    }
    // python3: `b'\xff'.decode('utf-8', 'surrogatepass')` re-raises the original error.
    let out = crate::testutil::python(PY_CODEC_EVAL, "decode|ff|utf-8|surrogatepass\ndecode|ff|ascii|surrogatepass\n");
    let want: Vec<&str> = out.lines().collect();
    assert_eq!(codec_row("decode|ff|utf-8|surrogatepass"), want[0]);
    assert_eq!(codec_row("decode|ff|ascii|surrogatepass"), want[1]);
}

/// Argument errors of `encode` / `decode`.
#[test]
fn codec_argument_errors() {
    let _g = test_lock();
    clear_exception();
    let rows: Vec<String> = [
        "'x'|encode|(1,)|", "'x'|encode|('utf-8', 1)|", "'x'|encode|(1,)|encoding", "'x'|encode|('a', 'b', 'c')|",
        "'x'|encode|(1,)|foo", "'x'|encode|('utf\\0-8',)|", "'x'|encode|('utf-8', 'a\\0')|", "'x'|encode|(None,)|",
        "'x'|encode|('ascii',)|encoding", "'x'|encode|('ignore',)|errors", "'\\u00e9'|encode|()|", "b'x'|decode|(1,)|",
        "b'x'|decode|('utf-8', None)|", "b'x'|decode|(1,)|errors", "b'x'|decode|('a', 'b', 'c')|", "b''|decode|('nonexistent',)|",
        "b''|decode|('a\\0',)|", "b'\\xc3\\xa9'|decode|()|", "b'x'|decode|('ascii', 'strict')|encoding,errors",
    ]
    .iter()
    .map(|r| r.to_string())
    .collect();
    check_against_python(&rows, |r| {
        crate::object::str_methods::enable_all();
        eval_row(r)
    }, PY_BYTES_EVAL, 15);
}

/// A codec error raised while an exception is handled gets it as its context, as any raise does.
#[test]
fn codec_errors_chain_to_the_handled_exception() {
    let _g = test_lock();
    clear_exception();
    crate::object::bytes::molt_enable_bytes();
    let handled = exception::new_exception(crate::ExceptionKind::KeyError.code(), None).unwrap();
    crate::exceptions::handling_begin(handled);
    let b = Owned(bytes::bytes_from_slice(b"\xff").unwrap());
    let err = codecs::bytes_decode(b.get(), &[], &[]).unwrap_err();
    crate::exceptions::handling_end();
    let raised = err.raised().unwrap();
    assert!(exception::context(raised).is_some_and(|c| c.is(handled)));
    drop(err);
    unsafe { decref(handled) };
}

// --- Unicode errors a program makes ----------------------------------------------------------

/// Each line of the Python side's output is one scenario's result, in order (see
/// `unicode_errors_match_python`).
const PY_UNICODE_ERRORS: &str = r#"
def show(f):
    try:
        r = f()
        print(type(r).__name__ + ':' + repr(r))
    except Exception as e:
        print('!%s: %s' % (type(e).__name__, e))
D, E = UnicodeDecodeError, UnicodeEncodeError
show(lambda: str(D('utf-8', b'xy', 0, 1, 'bad')))
show(lambda: repr(D('utf-8', b'xy', 0, 1, 'bad')))
show(lambda: str(D('utf-8', b'xy', 0, 2, 'bad')))
show(lambda: str(D('utf-8', b'xy', 5, 6, 'bad')))
show(lambda: str(D('utf-8', b'xy', 1, 0, 'bad')))
show(lambda: D('utf-8', 'xy', 0, 1, 'bad'))
show(lambda: D('utf-8', 1, 0, 1, 'bad'))
show(lambda: D('utf-8', b'x', 0, 1))
show(lambda: D())
show(lambda: D(1, b'x', 0, 1, 'r'))
show(lambda: D('u', b'x', 'a', 1, 'r'))
show(lambda: D('u', b'x', 0, 1.5, 'r'))
show(lambda: D('u', b'x', 0, 1, 5))
show(lambda: D('u', b'x', 2**70, 1, 'r'))
show(lambda: D('u', b'x', 0, 1, None))
show(lambda: str(E('ascii', 'x\u20acy', 1, 2, 'bad')))
show(lambda: str(E('ascii', 'x\U0001f600y', 1, 2, 'bad')))
show(lambda: str(E('ascii', 'x\xe9y', 1, 2, 'bad')))
show(lambda: str(E('ascii', 'xy', 1, 3, 'bad')))
show(lambda: E('ascii', b'xy', 1, 3, 'bad'))
show(lambda: str(UnicodeError('x')))
show(lambda: UnicodeError('x').args)
show(lambda: D('a', b'bc', 1, 2, 'r').args)
show(lambda: (lambda e: (e.encoding, e.object, e.start, e.end, e.reason))(D('a', b'bc', 1, 2, 'r')))
show(lambda: (lambda e: (e.encoding, e.object, e.start, e.end, e.reason))(E('a', 'bc', 0, 2, 'r')))
show(lambda: UnicodeError('x').encoding)
show(lambda: isinstance(D('a', b'b', 0, 1, 'r'), ValueError))
"#;

/// `cls(*args)` through the class value, shown as `type:repr` or `!Kind: message`.
fn call_class(kind: crate::ExceptionKind, args: &[Obj]) -> MoltResult<Obj> {
    let cls = Owned(crate::object::attrs::molt_exception_class(kind.code()));
    crate::object::callable::call_object(cls.get(), args, &[])
}

/// The objects for `literals` (new references, released with the vector).
fn objs(literals: &[&str]) -> Vec<Owned> {
    literals.iter().map(|l| Owned(parse(l))).collect()
}

fn show_str(r: MoltResult<Obj>) -> String {
    match r {
        Ok(o) => {
            let o = Owned(o);
            super::show_obj(dispatch::str_of(o.get()).and_then(|t| str::str_from_text(&t)))
        }
        Err(e) => super::show_obj(Err(e)),
    }
}

fn show_repr(r: MoltResult<Obj>) -> String {
    match r {
        Ok(o) => {
            let o = Owned(o);
            super::show_obj(dispatch::repr_of(o.get()).and_then(|t| str::str_from_text(&t)))
        }
        Err(e) => super::show_obj(Err(e)),
    }
}

/// The members of an exception as a tuple.
fn members(r: MoltResult<Obj>) -> MoltResult<Obj> {
    let e = Owned(r?);
    let mut items = Vec::new();
    for name in ["encoding", "object", "start", "end", "reason"] {
        items.push(crate::object::attrs::getattr(e.get(), name)?);
    }
    tuple::tuple_from_vec(items)
}

#[test]
fn unicode_errors_match_python() {
    use crate::ExceptionKind::{UnicodeDecodeError as D, UnicodeEncodeError as E, UnicodeError as U};
    let _g = test_lock();
    clear_exception();
    crate::object::bytes::molt_enable_bytes();
    let before = live();
    let make = |k, lits: &[&str]| {
        let a = objs(lits);
        let args: Vec<Obj> = a.iter().map(Owned::get).collect();
        call_class(k, &args)
    };
    let got = vec![
        show_str(make(D, &["'utf-8'", "b'xy'", "0", "1", "'bad'"])),
        show_repr(make(D, &["'utf-8'", "b'xy'", "0", "1", "'bad'"])),
        show_str(make(D, &["'utf-8'", "b'xy'", "0", "2", "'bad'"])),
        show_str(make(D, &["'utf-8'", "b'xy'", "5", "6", "'bad'"])),
        show_str(make(D, &["'utf-8'", "b'xy'", "1", "0", "'bad'"])),
        super::show_obj(make(D, &["'utf-8'", "'xy'", "0", "1", "'bad'"])),
        super::show_obj(make(D, &["'utf-8'", "1", "0", "1", "'bad'"])),
        super::show_obj(make(D, &["'utf-8'", "b'x'", "0", "1"])),
        super::show_obj(make(D, &[])),
        super::show_obj(make(D, &["1", "b'x'", "0", "1", "'r'"])),
        super::show_obj(make(D, &["'u'", "b'x'", "'a'", "1", "'r'"])),
        super::show_obj(make(D, &["'u'", "b'x'", "0", "1.5", "'r'"])),
        super::show_obj(make(D, &["'u'", "b'x'", "0", "1", "5"])),
        super::show_obj(make(D, &["'u'", "b'x'", "1180591620717411303424", "1", "'r'"])),
        super::show_obj(make(D, &["'u'", "b'x'", "0", "1", "None"])),
        show_str(make(E, &["'ascii'", "'x\\u20acy'", "1", "2", "'bad'"])),
        show_str(make(E, &["'ascii'", "'x\\U0001f600y'", "1", "2", "'bad'"])),
        show_str(make(E, &["'ascii'", "'x\\xe9y'", "1", "2", "'bad'"])),
        show_str(make(E, &["'ascii'", "'xy'", "1", "3", "'bad'"])),
        super::show_obj(make(E, &["'ascii'", "b'xy'", "1", "3", "'bad'"])),
        show_str(make(U, &["'x'"])),
        super::show_obj(make(U, &["'x'"]).map(|e| crate::object::new_ref(exception::args_tuple(Owned(e).get())))),
        super::show_obj(make(D, &["'a'", "b'bc'", "1", "2", "'r'"]).map(|e| crate::object::new_ref(exception::args_tuple(Owned(e).get())))),
        super::show_obj(members(make(D, &["'a'", "b'bc'", "1", "2", "'r'"]))),
        super::show_obj(members(make(E, &["'a'", "'bc'", "0", "2", "'r'"]))),
        super::show_obj(make(U, &["'x'"]).and_then(|e| crate::object::attrs::getattr(Owned(e).get(), "encoding"))),
        super::show_obj(make(D, &["'a'", "b'b'", "0", "1", "'r'"]).map(|e| {
            let e = Owned(e);
            singletons::bool_obj(exception::matches(e.get(), crate::ExceptionKind::ValueError.code()))
        })),
    ];
    clear_exception();
    assert_eq!(live(), before, "leaked");
    let want = crate::testutil::python(PY_UNICODE_ERRORS, "");
    let want: Vec<&str> = want.lines().collect();
    assert_eq!(got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "scenario {i}");
    }
}

/// Setting and deleting the members (CPython's `PyMemberDef` rules), and `str()` following them.
#[test]
fn unicode_error_members_are_settable() {
    use crate::ExceptionKind::UnicodeDecodeError as D;
    let _g = test_lock();
    clear_exception();
    crate::object::bytes::molt_enable_bytes();
    let a = objs(&["'utf-8'", "b'xy'", "0", "1", "'bad'"]);
    let args: Vec<Obj> = a.iter().map(Owned::get).collect();
    let e = Owned(call_class(D, &args).unwrap());
    let name = |n: &str| Owned(str::str_from_text(n).unwrap());
    let set = |n: &str, v: Option<Obj>| crate::object::attrs::setattr(e.get(), name(n).get(), v);
    let text = || dispatch::str_of(e.get()).unwrap();
    // python3: e.start = 1 -> "... bytes in position 1-0: bad"; args unchanged.
    set("start", Some(Obj::small(1).unwrap())).unwrap();
    assert_eq!(text(), "'utf-8' codec can't decode bytes in position 1-0: bad");
    assert_eq!(dispatch::repr_of(exception::args_tuple(e.get())).unwrap(), "('utf-8', b'xy', 0, 1, 'bad')");
    // e.start = 'x' -> TypeError "an integer is required", start left at -1.
    let x = name("x");
    assert_eq!(set("start", Some(x.get())).unwrap_err().message, "an integer is required");
    assert_eq!(super::show_obj(crate::object::attrs::getattr(e.get(), "start")), "int:-1");
    assert_eq!(set("end", None).unwrap_err().message, "can't delete numeric/char attribute");
    set("start", Some(Obj::small(1).unwrap())).unwrap();
    set("end", Some(Obj::small(2).unwrap())).unwrap();
    assert_eq!(text(), "'utf-8' codec can't decode byte 0x79 in position 1: bad");
    set("reason", Some(Obj::small(5).unwrap())).unwrap();
    assert_eq!(text(), "'utf-8' codec can't decode byte 0x79 in position 1: 5");
    set("reason", None).unwrap();
    assert_eq!(text(), "'utf-8' codec can't decode byte 0x79 in position 1: <NULL>");
    set("object", None).unwrap();
    assert_eq!(text(), "");
    assert_eq!(super::show_obj(crate::object::attrs::getattr(e.get(), "object")), "NoneType:None");
    // A new `args` leaves the members as they are.
    let t = Owned(tuple::tuple_from_vec(vec![Obj::small(1).unwrap()]).unwrap());
    set("args", Some(t.get())).unwrap();
    assert_eq!(super::show_obj(crate::object::attrs::getattr(e.get(), "end")), "int:2");
    clear_exception();
}
