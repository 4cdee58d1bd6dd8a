//! Text encodings: `str.encode`, `bytes.decode`, and the encoding and decoding that
//! `bytes(s, encoding)` and `str(b, encoding)` do.
//!
//! Relies on: `codec_names` (CPython's codec names and aliases, generated from CPython 3.11's
//! `encodings` package) to tell an encoding Molt implements from one it does not and from an
//! unknown name; `bytes` for bytes objects; `super::unicode_error::new_unicode_error` and
//! `MoltError::new_raised` for the UnicodeDecodeError / UnicodeEncodeError objects a codec
//! raises; `call::unpack_args` for Argument Clinic's errors. The references are CPython 3.11's
//! `Objects/unicodeobject.c` (`PyUnicode_AsEncodedString`, `PyUnicode_Decode`,
//! `PyUnicode_FromEncodedObject`, `_Py_normalize_encoding`, `unicode_decode_utf8`,
//! `PyUnicode_DecodeASCII`, `unicode_encode_ucs1`, `_Py_GetErrorHandler`),
//! `Objects/stringlib/codecs.h` (`utf8_decode`: which bytes one UTF-8 error covers),
//! `Python/codecs.c` (`_PyCodec_Lookup`, `_PyCodec_LookupTextEncoding`, the error handlers),
//! `Lib/encodings/__init__.py` (`search_function`) and `Objects/clinic/unicodeobject.c.h`,
//! `bytesobject.c.h` (the methods' signatures).
//!
//! Provides: [`str_encode`] (`str.encode(encoding='utf-8', errors='strict')`), [`bytes_decode`]
//! (`bytes.decode(...)`), [`encode_text`] and [`decode_bytes`]. The codecs are `utf-8`, `ascii`
//! and `latin-1` under every name CPython gives them (`UTF8`, `u8`, `cp65001`, `us-ascii`, `646`,
//! `iso-8859-1`, `l1`, …); the error handlers `strict`, `ignore`, `replace`, `backslashreplace`,
//! `xmlcharrefreplace` (encoding), `surrogateescape` and `surrogatepass` where they act as
//! `strict` (on text without surrogates). An unknown encoding is CPython's LookupError ("unknown
//! encoding: x"), as is a codec that is not a text encoding ("'hex' is not a text encoding; use
//! codecs.encode() to handle arbitrary codecs"); another CPython codec (utf-16, cp1252, …) is
//! NotImplementedError, as are `namereplace` and the handlers that would make lone surrogates
//! (`surrogateescape` decoding, `surrogatepass` decoding a surrogate), when they are needed.
//!
//! Invariants: Molt's strs are UTF-8 without lone surrogates, so encoding to UTF-8 never fails.
//! The error handler is looked up only when an error occurs (an unknown name is CPython's
//! LookupError "unknown error handler name 'x'" then, not before). Positions in encode errors
//! count code points; decode errors cover exactly the bytes CPython's decoder reports, and the
//! exception's `object` is the whole input. Decoding empty bytes gives `''` before the encoding
//! is looked up, as CPython does.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use super::alloc::memory_error;
use super::bytes::{bytes_data, bytes_from_slice, bytes_from_vec};
use super::codec_names::{ALIASES, MODULES};
use super::range::Owned;
use super::str::{str_from_text, str_text};
use super::{Obj, singletons};
use crate::ExceptionKind::{LookupError, NotImplementedError, TypeError, ValueError};
use crate::exceptions::{MoltError, MoltResult, fail};

type Kw<'a, 'b> = &'a [(&'b str, Obj)];

/// A codec Molt implements.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    /// The name its errors give (`'latin-1' codec can't encode ...`).
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
}

/// `_Py_normalize_encoding`: ASCII letters lowercased, ASCII digits and `.` kept, each run of
/// other bytes one `_` between two kept characters (none at either end).
fn normalize(name: &str) -> String {
    let mut out = String::new();
    let mut punct = false;
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b == b'.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            punct = false;
            out.push(char::from(b.to_ascii_lowercase()));
        } else {
            punct = true;
        }
    }
    out
}

/// The module `encodings.aliases` maps `alias` to.
fn alias_of(alias: &str) -> Option<&'static str> {
    ALIASES.binary_search_by(|(a, _)| (*a).cmp(alias)).ok().map(|i| ALIASES[i].1)
}

/// The codec module `module` of `encodings`: its codec's name and whether it is a text encoding.
fn module(module: &str) -> Option<(&'static str, &'static str, bool)> {
    MODULES.binary_search_by(|(m, _, _)| (*m).cmp(module)).ok().map(|i| MODULES[i])
}

/// At most the first 400 bytes of `s` (CPython's `%.400s`), cut at a character boundary.
fn clip(s: &str) -> &str {
    let mut n = s.len().min(400);
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// Checks that `encoding` names a text codec Molt has (LookupError "unknown encoding: x"
/// otherwise, as `open()` raises it); true when each of its characters is one byte (`ascii`,
/// `latin-1`), false for `utf-8`.
pub fn check_text_encoding(encoding: &str) -> MoltResult<bool> {
    no_nul(encoding)?;
    Ok(match lookup(encoding, true)? {
        Codec::Utf8 => false,
        Codec::Ascii | Codec::Latin1 => true,
    })
}

/// The codec the encoding `name` names, found as CPython finds it (`_PyCodec_Lookup`: the name
/// normalized, then `encodings.search_function`: its alias, or the name itself, as a codec
/// module), with `_PyCodec_LookupTextEncoding`'s check; `decode` only changes that check's
/// message.
fn lookup(name: &str, decode: bool) -> MoltResult<Codec> {
    let norm = normalize(name);
    let alias = alias_of(&norm).or_else(|| if norm.contains('.') { alias_of(&norm.replace('.', "_")) } else { None });
    let found = [alias, Some(norm.as_str())]
        .into_iter()
        .flatten()
        .filter(|m| !m.is_empty() && !m.contains('.'))
        .find_map(module);
    match found {
        None => fail(LookupError, format!("unknown encoding: {name}")),
        Some(("utf_8", _, _)) => Ok(Codec::Utf8),
        Some(("ascii", _, _)) => Ok(Codec::Ascii),
        Some(("latin_1", _, _)) => Ok(Codec::Latin1),
        Some((_, _, false)) => fail(
            LookupError,
            format!("'{}' is not a text encoding; use codecs.{}() to handle arbitrary codecs", clip(name), if decode { "decode" } else { "encode" }),
        ),
        Some((_, codec, true)) => fail(NotImplementedError, format!("the '{codec}' codec is not supported by Molt yet")),
    }
}

/// An error handler (`_Py_GetErrorHandler`, plus the registered ones Molt knows).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Handler<'a> {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
    NameReplace,
    SurrogateEscape,
    SurrogatePass,
    Unknown(&'a str),
}

impl<'a> Handler<'a> {
    fn of(errors: &'a str) -> Handler<'a> {
        match errors {
            "strict" => Handler::Strict,
            "ignore" => Handler::Ignore,
            "replace" => Handler::Replace,
            "backslashreplace" => Handler::BackslashReplace,
            "xmlcharrefreplace" => Handler::XmlCharRefReplace,
            "namereplace" => Handler::NameReplace,
            "surrogateescape" => Handler::SurrogateEscape,
            "surrogatepass" => Handler::SurrogatePass,
            other => Handler::Unknown(other),
        }
    }
}

/// `PyCodec_LookupError`'s error for a name no handler is registered under.
fn unknown_handler<T>(name: &str) -> MoltResult<T> {
    fail(LookupError, format!("unknown error handler name '{}'", clip(name)))
}

/// NotImplementedError for an error handler Molt cannot run.
fn unsupported_handler<T>(name: &str) -> MoltResult<T> {
    fail(NotImplementedError, format!("the '{name}' error handler is not supported by Molt yet"))
}

/// The error that raises a new `UnicodeDecodeError` (`decode`) or `UnicodeEncodeError` for the
/// positions `start..end` of `object` (a new reference, or the error making it).
fn codec_error(decode: bool, codec: Codec, object: MoltResult<Obj>, start: usize, end: usize, reason: &str) -> MoltError {
    let object = match object {
        Ok(o) => Owned(o),
        Err(e) => return e,
    };
    match super::unicode_error::new_unicode_error(decode, codec.name(), object.get(), start, end, reason) {
        Ok(e) => MoltError::new_raised(Owned(e).get()),
        Err(e) => e,
    }
}

/// The clinic `str` converter's check: ValueError "embedded null character".
fn no_nul(s: &str) -> MoltResult<&str> {
    if s.contains('\0') {
        return fail(ValueError, "embedded null character");
    }
    Ok(s)
}

/// A vector with room for `n` more items, or MemoryError.
fn reserve<T>(v: &mut Vec<T>, n: usize) -> MoltResult<()> {
    if v.try_reserve(n).is_err() {
        return memory_error();
    }
    Ok(())
}

// --- encoding --------------------------------------------------------------------------------

/// `text` encoded by the codec named `encoding` with the error handler `errors` (the encoding
/// half of `PyUnicode_AsEncodedString`); an encode error's object is a new str of `text`.
pub fn encode_text(text: &str, encoding: &str, errors: &str) -> MoltResult<Vec<u8>> {
    encode_impl(text, None, encoding, errors)
}

/// [`encode_text`]; an encode error's object is `object` (the str of `text`) when given.
fn encode_impl(text: &str, object: Option<Obj>, encoding: &str, errors: &str) -> MoltResult<Vec<u8>> {
    no_nul(encoding)?;
    no_nul(errors)?;
    match lookup(encoding, false)? {
        Codec::Utf8 => {
            let mut out = Vec::new();
            reserve(&mut out, text.len())?;
            out.extend_from_slice(text.as_bytes());
            Ok(out)
        }
        Codec::Ascii => encode_ucs1(text, object, Codec::Ascii, 0x80, errors),
        Codec::Latin1 => encode_ucs1(text, object, Codec::Latin1, 0x100, errors),
    }
}

/// `unicode_encode_ucs1`: each character below `limit` as one byte; each run of characters at or
/// above it goes to the error handler as one error ("ordinal not in range(128)").
fn encode_ucs1(text: &str, object: Option<Obj>, codec: Codec, limit: u32, errors: &str) -> MoltResult<Vec<u8>> {
    let mut out: Vec<u8> = Vec::new();
    reserve(&mut out, text.len())?;
    let reason = if limit == 0x100 { "ordinal not in range(256)" } else { "ordinal not in range(128)" };
    let mut chars = text.char_indices().peekable();
    // The position in code points of the next character.
    let mut pos = 0usize;
    while let Some((b0, c)) = chars.next() {
        if u32::from(c) < limit {
            out.push(u32::from(c) as u8);
            pos += 1;
            continue;
        }
        let start = pos;
        let mut b1 = b0 + c.len_utf8();
        pos += 1;
        while let Some((b, c)) = chars.next_if(|&(_, c)| u32::from(c) >= limit) {
            b1 = b + c.len_utf8();
            pos += 1;
        }
        let run = &text[b0..b1];
        match Handler::of(errors) {
            // Both re-raise the original error for a character that is no surrogate.
            Handler::Strict | Handler::SurrogateEscape | Handler::SurrogatePass => {
                let object = object.map_or_else(|| str_from_text(text), |o| Ok(super::new_ref(o)));
                return Err(codec_error(false, codec, object, start, pos, reason));
            }
            Handler::Replace => {
                reserve(&mut out, pos - start)?;
                out.extend(core::iter::repeat_n(b'?', pos - start));
            }
            Handler::Ignore => {}
            Handler::BackslashReplace => {
                let mut s = String::new();
                for c in run.chars() {
                    let c = u32::from(c);
                    let _ = match c {
                        0..=0xff => write!(s, "\\x{c:02x}"),
                        0x100..=0xffff => write!(s, "\\u{c:04x}"),
                        _ => write!(s, "\\U{c:08x}"),
                    };
                }
                reserve(&mut out, s.len())?;
                out.extend_from_slice(s.as_bytes());
            }
            Handler::XmlCharRefReplace => {
                let mut s = String::new();
                for c in run.chars() {
                    let _ = write!(s, "&#{};", u32::from(c));
                }
                reserve(&mut out, s.len())?;
                out.extend_from_slice(s.as_bytes());
            }
            Handler::NameReplace => return unsupported_handler("namereplace"),
            Handler::Unknown(name) => return unknown_handler(name),
        }
    }
    Ok(out)
}

// --- decoding --------------------------------------------------------------------------------

/// `data` decoded by the codec named `encoding` with the error handler `errors`
/// (`PyUnicode_FromEncodedObject` of a bytes object): `''` for empty data, whatever the names.
pub fn decode_bytes(data: &[u8], encoding: &str, errors: &str) -> MoltResult<String> {
    no_nul(encoding)?;
    no_nul(errors)?;
    if data.is_empty() {
        return Ok(String::new());
    }
    match lookup(encoding, true)? {
        Codec::Utf8 => decode_utf8(data, errors),
        Codec::Ascii => decode_ascii(data, errors),
        Codec::Latin1 => {
            let mut out = String::new();
            if out.try_reserve(data.len() * 2).is_err() {
                return memory_error();
            }
            out.extend(data.iter().map(|&b| char::from(b)));
            Ok(out)
        }
    }
}

/// What a decoder does with the bytes `data[start..end]` it cannot decode (`reason`): the error
/// handler's replacement appended to `out`, or its error.
fn decode_error(codec: Codec, data: &[u8], start: usize, end: usize, reason: &str, errors: &str, out: &mut String) -> MoltResult<()> {
    let raise = || Err(codec_error(true, codec, bytes_from_slice(data), start, end, reason));
    match Handler::of(errors) {
        Handler::Strict => raise(),
        Handler::Ignore => Ok(()),
        Handler::Replace => {
            out.push('\u{fffd}');
            Ok(())
        }
        Handler::BackslashReplace => {
            for b in &data[start..end] {
                let _ = write!(out, "\\x{b:02x}");
            }
            Ok(())
        }
        Handler::SurrogateEscape => unsupported_handler("surrogateescape"),
        Handler::SurrogatePass => {
            // `PyCodec_SurrogatePassErrors`: a UTF-8 surrogate (three bytes) would decode to a
            // lone surrogate; anything else re-raises the original error.
            let surrogate = codec == Codec::Utf8
                && matches!(data.get(start..start + 3), Some(&[a, b, c]) if a & 0xf0 == 0xe0 && b & 0xc0 == 0x80 && c & 0xc0 == 0x80
                    && (0xd800..=0xdfff).contains(&((u32::from(a & 0x0f) << 12) | (u32::from(b & 0x3f) << 6) | u32::from(c & 0x3f))));
            if surrogate { unsupported_handler("surrogatepass") } else { raise() }
        }
        Handler::XmlCharRefReplace | Handler::NameReplace => fail(TypeError, "don't know how to handle UnicodeDecodeError in error callback"),
        Handler::Unknown(name) => unknown_handler(name),
    }
}

/// `PyUnicode_DecodeASCII`: each byte above 0x7f is one error ("ordinal not in range(128)").
fn decode_ascii(data: &[u8], errors: &str) -> MoltResult<String> {
    let mut out = String::new();
    if out.try_reserve(data.len()).is_err() {
        return memory_error();
    }
    for (i, &b) in data.iter().enumerate() {
        if b < 0x80 {
            out.push(char::from(b));
        } else {
            decode_error(Codec::Ascii, data, i, i + 1, "ordinal not in range(128)", errors, &mut out)?;
        }
    }
    Ok(out)
}

/// One step of `utf8_decode` at `s` (`s < data.len()`): the character and its length, or the
/// reason and the end of the bytes one error covers (`stringlib/codecs.h`: an invalid start byte
/// is one byte; an invalid continuation byte covers the valid bytes before it; an incomplete
/// sequence at the end of the data covers the rest of the data).
fn utf8_step(data: &[u8], s: usize) -> Result<(char, usize), (&'static str, usize)> {
    const START: &str = "invalid start byte";
    const CONT: &str = "invalid continuation byte";
    const END: &str = "unexpected end of data";
    let cont = |i: usize| data.get(s + i).is_some_and(|&b| (0x80..0xc0).contains(&b));
    let at = |i: usize| u32::from(data.get(s + i).copied().unwrap_or(0));
    let rest = data.len() - s;
    let ch = at(0);
    let invalid = |k: usize| Err((CONT, s + k));
    let decoded = |c: u32, n: usize| match char::from_u32(c) {
        Some(c) => Ok((c, n)),
        None => Err((START, s + 1)),
    };
    match ch {
        0..=0x7f => decoded(ch, 1),
        0x80..=0xc1 => Err((START, s + 1)),
        0xc2..=0xdf => {
            if rest < 2 {
                return Err((END, data.len()));
            }
            if !cont(1) {
                return invalid(1);
            }
            decoded(((ch & 0x1f) << 6) | (at(1) & 0x3f), 2)
        }
        0xe0..=0xef => {
            // The second byte's range: no overlong form (E0), no surrogate (ED).
            let second_ok = cont(1) && !(ch == 0xe0 && at(1) < 0xa0) && !(ch == 0xed && at(1) >= 0xa0);
            if rest < 3 {
                if rest < 2 {
                    return Err((END, data.len()));
                }
                return if second_ok { Err((END, data.len())) } else { invalid(1) };
            }
            if !second_ok {
                return invalid(1);
            }
            if !cont(2) {
                return invalid(2);
            }
            decoded(((ch & 0x0f) << 12) | ((at(1) & 0x3f) << 6) | (at(2) & 0x3f), 3)
        }
        0xf0..=0xf4 => {
            // No overlong form (F0), nothing above U+10FFFF (F4).
            let second_ok = cont(1) && !(ch == 0xf0 && at(1) < 0x90) && !(ch == 0xf4 && at(1) >= 0x90);
            if rest < 4 {
                if rest < 2 {
                    return Err((END, data.len()));
                }
                if !second_ok {
                    return invalid(1);
                }
                if rest < 3 {
                    return Err((END, data.len()));
                }
                return if cont(2) { Err((END, data.len())) } else { invalid(2) };
            }
            if !second_ok {
                return invalid(1);
            }
            if !cont(2) {
                return invalid(2);
            }
            if !cont(3) {
                return invalid(3);
            }
            decoded(((ch & 0x07) << 18) | ((at(1) & 0x3f) << 12) | ((at(2) & 0x3f) << 6) | (at(3) & 0x3f), 4)
        }
        _ => Err((START, s + 1)),
    }
}

/// `unicode_decode_utf8`: runs of valid UTF-8 (Rust's check accepts exactly what CPython's
/// does) are copied; at each invalid position, [`utf8_step`] and the error handler.
fn decode_utf8(data: &[u8], errors: &str) -> MoltResult<String> {
    let mut out = String::new();
    if out.try_reserve(data.len()).is_err() {
        return memory_error();
    }
    let mut s = 0;
    while s < data.len() {
        let rest = &data[s..];
        let valid = match core::str::from_utf8(rest) {
            Ok(text) => text.len(),
            Err(e) => e.valid_up_to(),
        };
        out.push_str(core::str::from_utf8(&rest[..valid]).unwrap_or(""));
        s += valid;
        if s >= data.len() {
            break;
        }
        match utf8_step(data, s) {
            Ok((c, n)) => {
                out.push(c);
                s += n;
            }
            Err((reason, end)) => {
                decode_error(Codec::Utf8, data, s, end, reason, errors, &mut out)?;
                s = end;
            }
        }
    }
    Ok(out)
}

// --- the methods -----------------------------------------------------------------------------

/// The `(encoding='utf-8', errors='strict')` of `encode` / `decode` (Argument Clinic's `str`
/// converter: "encode() argument 'encoding' must be str, not int", "embedded null character").
fn codec_args<'a>(fname: &str, pos: &[Obj], kw: Kw) -> MoltResult<(&'a str, &'a str)> {
    let [encoding, errors] = super::call::unpack_args(fname, ["encoding", "errors"], 0, 0, 2, pos, kw)?;
    let text = |o: Option<Obj>, name: &str, default: &'a str| -> MoltResult<&'a str> {
        let Some(o) = o else {
            return Ok(default);
        };
        match str_text(o) {
            Some(t) => no_nul(t),
            None => {
                let tn = if singletons::is_none(o) { "None" } else { o.type_of().name };
                fail(TypeError, format!("{fname}() argument '{name}' must be str, not {tn}"))
            }
        }
    };
    let encoding = text(encoding, "encoding", "utf-8")?;
    let errors = text(errors, "errors", "strict")?;
    Ok((encoding, errors))
}

/// `str.encode(encoding='utf-8', errors='strict')`: a bytes object.
pub fn str_encode(s: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let (encoding, errors) = codec_args("encode", pos, kw)?;
    let data = encode_impl(str_text(s).unwrap_or(""), Some(s), encoding, errors)?;
    bytes_from_vec(data)
}

/// `bytes.decode(encoding='utf-8', errors='strict')`: a str.
pub fn bytes_decode(b: Obj, pos: &[Obj], kw: Kw) -> MoltResult<Obj> {
    let (encoding, errors) = codec_args("decode", pos, kw)?;
    let text = decode_bytes(bytes_data(b).unwrap_or(&[]), encoding, errors)?;
    str_from_text(&text)
}
