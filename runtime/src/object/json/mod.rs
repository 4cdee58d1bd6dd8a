//! `json`: `dumps`, `dump`, `loads`, `load`, `JSONEncoder`, `JSONDecoder` and
//! `JSONDecodeError`, native in the runtime as CPython 3.11's `Lib/json/` and its C accelerator
//! `Modules/_json.c` behave.
//!
//! Relies on: `function::native_function` / `native_function_kw` (the functions and methods are
//! function objects with native bodies: they bind and fail as CPython's Python functions);
//! `native_class` (the three classes are heap classes made at the first import:
//! `JSONDecodeError` derives from `ValueError` and lives in `json.decoder`, `JSONEncoder` and
//! `JSONDecoder` can be derived from — a subclass's `default` is called); [`encode`] and
//! [`decode`] for the text.
//!
//! Provides: [`fill`] (the module's namespace) and, to its submodules, [`decode_error`].
//!
//! Invariants: [`STATE`] owns the classes from the first import to exit. `dumps` without `cls`
//! and keyword arguments of its own encodes directly; otherwise it calls `cls(...).encode(obj)`
//! as `json/__init__.py` does, and `JSONEncoder.encode` reads its settings from the instance's
//! attributes. Left out: `JSONEncoder.iterencode` (`dump` writes the whole text with one
//! `write`), `json.tool`, `json.scanner` and `json.decoder`/`json.encoder` as modules (E0111),
//! strs with lone surrogates (NotImplementedError); an error raised inside these functions
//! lacks the traceback rows CPython prints in `json/*.py`.

mod decode;
mod encode;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::function::native_function_kw;
use super::native_class::{NativeMethod, get, make_class, method, native_entries, no_defaults, no_kwonly, set};
use super::range::Owned;
use super::{Obj, attrs, callable, dict, dispatch, exception as exc, float, int, new_ref, singletons, str as pystr, tuple};
use crate::ExceptionKind::{TypeError, ValueError};
use crate::exceptions::{MoltError, MoltResult, fail};

const DECODE_ERROR: usize = 0;
const ENCODER: usize = 1;
const DECODER: usize = 2;

/// `JSONDecodeError`, `JSONEncoder`, `JSONDecoder` (owned), made by the first import.
static STATE: crate::sys::Global<Option<[Obj; 3]>> = crate::sys::Global::new(None);

/// Fills the module's namespace (the first import makes the classes).
pub fn fill(d: Obj) -> MoltResult<()> {
    if STATE.with(|s| s.is_none()) {
        let classes = make_classes()?;
        STATE.with(|s| *s = Some(classes));
        super::module_kinds::register_exit(release);
    }
    let [decode_error, encoder, decoder] = classes()?;
    super::module::store(d, "JSONDecodeError", decode_error)?;
    super::module::store(d, "JSONEncoder", encoder)?;
    super::module::store(d, "JSONDecoder", decoder)?;
    let f = false_obj();
    let t = singletons::bool_obj(true);
    let none = singletons::none();
    let encode_kw = [
        ("skipkeys", f),
        ("ensure_ascii", t),
        ("check_circular", t),
        ("allow_nan", t),
        ("cls", none),
        ("indent", none),
        ("separators", none),
        ("default", none),
        ("sort_keys", f),
    ];
    let decode_kw = [("cls", none), ("object_hook", none), ("parse_float", none), ("parse_int", none), ("parse_constant", none), ("object_pairs_hook", none)];
    super::module::store_owned(d, "dumps", native_function_kw(dumps_entry, "dumps", "json", &["obj"], &[], &encode_kw, false, true))?;
    super::module::store_owned(d, "dump", native_function_kw(dump_entry, "dump", "json", &["obj", "fp"], &[], &encode_kw, false, true))?;
    super::module::store_owned(d, "loads", native_function_kw(loads_entry, "loads", "json", &["s"], &[], &decode_kw, false, true))?;
    super::module::store_owned(d, "load", native_function_kw(load_entry, "load", "json", &["fp"], &[], &decode_kw, false, true))
}

fn false_obj() -> Obj {
    singletons::bool_obj(false)
}

/// Releases the classes (at exit).
fn release() {
    if let Some(classes) = STATE.with(Option::take) {
        for c in classes {
            // SAFETY: the state owned these references.
            unsafe { super::decref(c) };
        }
    }
}

/// The classes (borrowed: the state owns them).
fn classes() -> MoltResult<[Obj; 3]> {
    match STATE.with(|s| *s) {
        Some(c) => Ok(c),
        None => fail(TypeError, "json's classes are used before its import (a runtime bug)"),
    }
}

fn encoder_kwonly() -> Vec<(&'static str, Obj)> {
    let (f, t, none) = (false_obj(), singletons::bool_obj(true), singletons::none());
    Vec::from([
        ("skipkeys", f),
        ("ensure_ascii", t),
        ("check_circular", t),
        ("allow_nan", t),
        ("sort_keys", f),
        ("indent", none),
        ("separators", none),
        ("default", none),
    ])
}

fn decoder_kwonly() -> Vec<(&'static str, Obj)> {
    let none = singletons::none();
    Vec::from([
        ("object_hook", none),
        ("parse_float", none),
        ("parse_int", none),
        ("parse_constant", none),
        ("strict", singletons::bool_obj(true)),
        ("object_pairs_hook", none),
    ])
}

fn zero_default() -> Vec<Obj> {
    Vec::from([super::int::from_i64(0).unwrap_or_else(|_| singletons::none())])
}

fn make_classes() -> MoltResult<[Obj; 3]> {
    let value_error = Owned(attrs::class_value(&exc::VALUE_ERROR));
    let decode_error = Owned(make_class(
        "JSONDecodeError",
        "json.decoder",
        "Subclass of ValueError with the following additional properties:\n\n    msg: The unformatted error message\n    doc: The JSON document being parsed\n    pos: The start index of doc where parsing failed\n    lineno: The line corresponding to pos\n    colno: The column corresponding to pos\n\n    ",
        &[value_error.get()],
        &[method("__init__", decode_error_init_entry, &["self", "msg", "doc", "pos"]), method("__reduce__", decode_error_reduce_entry, &["self"])],
        &[],
    )?);
    let encoder = Owned(make_class(
        "JSONEncoder",
        "json.encoder",
        "Extensible JSON <https://json.org> encoder for Python data structures.",
        &[],
        &[
            NativeMethod { name: "__init__", code: encoder_init_entry, params: &["self"], defaults: no_defaults, varargs: false, kwonly: encoder_kwonly },
            method("default", encoder_default_entry, &["self", "o"]),
            method("encode", encoder_encode_entry, &["self", "o"]),
        ],
        &[("item_separator", ", "), ("key_separator", ": ")],
    )?);
    let decoder = Owned(make_class(
        "JSONDecoder",
        "json.decoder",
        "Simple JSON <https://json.org> decoder",
        &[],
        &[
            NativeMethod { name: "__init__", code: decoder_init_entry, params: &["self"], defaults: no_defaults, varargs: false, kwonly: decoder_kwonly },
            method("decode", decoder_decode_entry, &["self", "s"]),
            NativeMethod { name: "raw_decode", code: decoder_raw_decode_entry, params: &["self", "s", "idx"], defaults: zero_default, varargs: false, kwonly: no_kwonly },
        ],
        &[],
    )?);
    Ok([decode_error.release(), encoder.release(), decoder.release()])
}

// --- helpers ---

fn truth(o: Obj) -> MoltResult<bool> {
    dispatch::truth(o)
}

fn bad_arguments<T>() -> MoltResult<T> {
    fail(TypeError, "a json function received bad arguments (a runtime bug)")
}

native_entries! {
    dumps_entry => dumps;
    dump_entry => dump;
    loads_entry => loads;
    load_entry => load;
    decode_error_init_entry => decode_error_init;
    decode_error_reduce_entry => decode_error_reduce;
    encoder_init_entry => encoder_init;
    encoder_default_entry => encoder_default;
    encoder_encode_entry => encoder_encode;
    decoder_init_entry => decoder_init;
    decoder_decode_entry => decoder_decode;
    decoder_raw_decode_entry => decoder_raw_decode;
}

// --- JSONDecodeError ---

/// A `JSONDecodeError(msg, doc, pos)` to raise; `from_none` for `raise … from None`.
pub(super) fn decode_error(msg: &str, doc: Obj, pos: usize, from_none: bool) -> MoltError {
    let made = (|| {
        let cls = classes()?[DECODE_ERROR];
        let m = Owned(pystr::str_from_text(msg)?);
        #[allow(clippy::cast_possible_wrap)]
        let p = Owned(int::from_i64(pos as i64)?);
        callable::call_object(cls, &[m.get(), doc, p.get()], &[])
    })();
    match made {
        Ok(e) => {
            let e = Owned(e);
            let err = MoltError::new_raised(e.get());
            if from_none {
                exc::set_cause(e.get(), None);
            }
            err
        }
        Err(err) => err,
    }
}

/// `JSONDecodeError.__init__(self, msg, doc, pos)`.
fn decode_error_init(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this, msg, doc, pos] = a else { return bad_arguments() };
    // `doc.count('\n', 0, pos) + 1` and `pos - doc.rfind('\n', 0, pos)`, by code points.
    let (count, rfind) = match (pystr::str_text(doc), int::int_ref(pos).and_then(|p| p.to_i64())) {
        (Some(text), Some(p)) => {
            let (count, last) = newlines_before(text, p);
            (Owned(int::from_i64(count)?), Owned(int::from_i64(last)?))
        }
        _ => {
            let nl = Owned(pystr::str_from_text("\n")?);
            let zero = Owned(int::from_i64(0)?);
            let count = Owned(super::call::call_method(doc, "count", &[nl.get(), zero.get(), pos], &[])?);
            let rfind = Owned(super::call::call_method(doc, "rfind", &[nl.get(), zero.get(), pos], &[])?);
            (count, rfind)
        }
    };
    let one = Owned(int::from_i64(1)?);
    let lineno = Owned(dispatch::binary_op(crate::BinaryOp::Add, count.get(), one.get())?);
    let colno = Owned(dispatch::binary_op(crate::BinaryOp::Sub, pos, rfind.get())?);
    let text = format!(
        "{}: line {} column {} (char {})",
        dispatch::str_of(msg)?,
        dispatch::str_of(lineno.get())?,
        dispatch::str_of(colno.get())?,
        dispatch::str_of(pos)?
    );
    let errmsg = Owned(pystr::str_from_text(&text)?);
    exc::init(this, &[errmsg.get()])?;
    set(this, "msg", msg)?;
    set(this, "doc", doc)?;
    set(this, "pos", pos)?;
    set(this, "lineno", lineno.get())?;
    set(this, "colno", colno.get())?;
    Ok(singletons::none())
}

/// `text.count('\n', 0, pos)` and `text.rfind('\n', 0, pos)` (code points; `pos` adjusted as
/// a slice end is).
fn newlines_before(text: &str, pos: i64) -> (i64, i64) {
    #[allow(clippy::cast_possible_wrap)]
    let len = text.chars().count() as i64;
    let end = if pos < 0 { (len + pos).max(0) } else { pos.min(len) };
    let (mut count, mut last) = (0, -1);
    for (i, c) in text.chars().take(usize::try_from(end).unwrap_or(0)).enumerate() {
        if c == '\n' {
            count += 1;
            #[allow(clippy::cast_possible_wrap)]
            {
                last = i as i64;
            }
        }
    }
    (count, last)
}

/// `JSONDecodeError.__reduce__(self)`: `(self.__class__, (self.msg, self.doc, self.pos))`.
fn decode_error_reduce(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this] = a else { return bad_arguments() };
    let cls = get(this, "__class__")?;
    let (m, d, p) = (get(this, "msg")?, get(this, "doc")?, get(this, "pos")?);
    let args = Owned(tuple::tuple_from_slice(&[m.get(), d.get(), p.get()])?);
    tuple::tuple_from_slice(&[cls.get(), args.get()])
}

// --- encoding ---

/// `dumps(obj, *, skipkeys, ensure_ascii, check_circular, allow_nan, cls, indent, separators,
/// default, sort_keys, **kw)`.
fn dumps(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[obj, skipkeys, ensure_ascii, check_circular, allow_nan, cls, indent, separators, default, sort_keys, kw] = a else { return bad_arguments() };
    let text = dumps_text(obj, [skipkeys, ensure_ascii, check_circular, allow_nan, cls, indent, separators, default, sort_keys, kw])?;
    Ok(text.release())
}

/// `dumps`'s text (a str object): directly, or through `cls(...).encode(obj)`.
fn dumps_text(obj: Obj, opts: [Obj; 10]) -> MoltResult<Owned> {
    let [skipkeys, ensure_ascii, check_circular, allow_nan, cls, indent, separators, default, sort_keys, kw] = opts;
    let plain = singletons::is_none(cls) && dict::dict_len(kw) == 0;
    if plain && singletons::is_none(separators) {
        let settings = encode::Settings {
            skipkeys: truth(skipkeys)?,
            ensure_ascii: truth(ensure_ascii)?,
            check_circular: truth(check_circular)?,
            allow_nan: truth(allow_nan)?,
            sort_keys: truth(sort_keys)?,
            indent: indent_text(indent)?,
            item_separator: String::from(if singletons::is_none(indent) { ", " } else { "," }),
            key_separator: String::from(": "),
            default: (!singletons::is_none(default)).then_some(default),
        };
        return encode_to_str(&settings, obj);
    }
    let cls = if singletons::is_none(cls) { classes()?[ENCODER] } else { cls };
    let names = ["skipkeys", "ensure_ascii", "check_circular", "allow_nan", "indent", "separators", "default", "sort_keys"];
    let values = [skipkeys, ensure_ascii, check_circular, allow_nan, indent, separators, default, sort_keys];
    let mut kws: Vec<(&str, Obj)> = names.iter().copied().zip(values).collect();
    for i in 0..dict::nentries(kw) {
        if let Some((k, v, _)) = dict::entry_at(kw, i) {
            kws.push((pystr::str_text(k).unwrap_or(""), v));
        }
    }
    let encoder = Owned(callable::call_object(cls, &[], &kws)?);
    Ok(Owned(super::call::call_method(encoder.get(), "encode", &[obj], &[])?))
}

fn encode_to_str(settings: &encode::Settings, obj: Obj) -> MoltResult<Owned> {
    let text = encode::encode(settings, obj)?;
    Ok(Owned(pystr::str_from_text(&text)?))
}

/// `_make_iterencode`'s indent: `' ' * indent` for an int, the str itself, None for None.
fn indent_text(indent: Obj) -> MoltResult<Option<String>> {
    if singletons::is_none(indent) {
        return Ok(None);
    }
    if let Some(t) = pystr::str_text(indent) {
        return Ok(Some(String::from(t)));
    }
    let space = Owned(pystr::str_from_text(" ")?);
    let s = Owned(dispatch::binary_op(crate::BinaryOp::Mul, space.get(), indent)?);
    Ok(Some(String::from(pystr::str_text(s.get()).unwrap_or(""))))
}

/// `dump(obj, fp, ...)`: `fp.write` of the text.
fn dump(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[obj, fp, skipkeys, ensure_ascii, check_circular, allow_nan, cls, indent, separators, default, sort_keys, kw] = a else { return bad_arguments() };
    let text = dumps_text(obj, [skipkeys, ensure_ascii, check_circular, allow_nan, cls, indent, separators, default, sort_keys, kw])?;
    drop(Owned(super::call::call_method(fp, "write", &[text.get()], &[])?));
    Ok(singletons::none())
}

/// `JSONEncoder.__init__(self, *, skipkeys, ensure_ascii, check_circular, allow_nan,
/// sort_keys, indent, separators, default)`.
fn encoder_init(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this, skipkeys, ensure_ascii, check_circular, allow_nan, sort_keys, indent, separators, default] = a else { return bad_arguments() };
    set(this, "skipkeys", skipkeys)?;
    set(this, "ensure_ascii", ensure_ascii)?;
    set(this, "check_circular", check_circular)?;
    set(this, "allow_nan", allow_nan)?;
    set(this, "sort_keys", sort_keys)?;
    set(this, "indent", indent)?;
    if !singletons::is_none(separators) {
        // `self.item_separator, self.key_separator = separators`.
        let parts = Owned(super::iter::unpack(separators, 2)?);
        let Some(&[item, key]) = tuple::tuple_items(parts.get()) else { return bad_arguments() };
        set(this, "item_separator", item)?;
        set(this, "key_separator", key)?;
    } else if !singletons::is_none(indent) {
        let comma = Owned(pystr::str_from_text(",")?);
        set(this, "item_separator", comma.get())?;
    }
    if !singletons::is_none(default) {
        set(this, "default", default)?;
    }
    Ok(singletons::none())
}

/// `JSONEncoder.default(self, o)`: CPython's TypeError.
fn encoder_default(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[_, o] = a else { return bad_arguments() };
    encode::not_serializable(o)
}

/// `JSONEncoder.encode(self, o)`: the settings read from the instance.
fn encoder_encode(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this, o] = a else { return bad_arguments() };
    let flag = |name: &str| get(this, name).and_then(|v| truth(v.get()));
    let text_attr = |name: &str| -> MoltResult<String> {
        let v = get(this, name)?;
        match pystr::str_text(v.get()) {
            Some(t) => Ok(String::from(t)),
            None => fail(TypeError, format!("make_encoder() argument {} must be str, not {}", if name == "key_separator" { 6 } else { 7 }, v.get().type_of().name)),
        }
    };
    let ensure_ascii = flag("ensure_ascii")?;
    if let Some(t) = pystr::str_text(o) {
        // `encode_basestring_ascii(o)` / `encode_basestring(o)`.
        let mut out = String::new();
        encode::encode_str(&mut out, t, ensure_ascii);
        return pystr::str_from_text(&out);
    }
    let indent = get(this, "indent")?;
    let default = get(this, "default")?;
    let settings = encode::Settings {
        skipkeys: flag("skipkeys")?,
        ensure_ascii,
        check_circular: flag("check_circular")?,
        allow_nan: flag("allow_nan")?,
        sort_keys: flag("sort_keys")?,
        indent: indent_text(indent.get())?,
        item_separator: text_attr("item_separator")?,
        key_separator: text_attr("key_separator")?,
        default: Some(default.get()),
    };
    encode_to_str(&settings, o).map(Owned::release)
}

// --- decoding ---

/// `loads(s, *, cls, object_hook, parse_float, parse_int, parse_constant, object_pairs_hook,
/// **kw)`.
fn loads(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[s, cls, object_hook, parse_float, parse_int, parse_constant, object_pairs_hook, kw] = a else { return bad_arguments() };
    let doc = document(s)?;
    let hooks = [object_hook, parse_float, parse_int, parse_constant, object_pairs_hook];
    if singletons::is_none(cls) && hooks.iter().all(|&h| singletons::is_none(h)) && dict::dict_len(kw) == 0 {
        let hooks = decode::Hooks { object_hook: None, object_pairs_hook: None, parse_float: None, parse_int: None, parse_constant: None, strict: true };
        return decode::decode(doc.get(), &hooks);
    }
    let cls = if singletons::is_none(cls) { classes()?[DECODER] } else { cls };
    let mut kws: Vec<(&str, Obj)> = Vec::new();
    for i in 0..dict::nentries(kw) {
        if let Some((k, v, _)) = dict::entry_at(kw, i) {
            kws.push((pystr::str_text(k).unwrap_or(""), v));
        }
    }
    for (name, h) in ["object_hook", "parse_float", "parse_int", "parse_constant", "object_pairs_hook"].into_iter().zip(hooks) {
        if !singletons::is_none(h) {
            kws.push((name, h));
        }
    }
    let decoder = Owned(callable::call_object(cls, &[], &kws)?);
    super::call::call_method(decoder.get(), "decode", &[doc.get()], &[])
}

/// The str `loads` decodes: a str (not starting with a BOM), or bytes decoded as
/// `detect_encoding` says.
fn document(s: Obj) -> MoltResult<Owned> {
    if let Some(t) = pystr::str_text(s) {
        if t.starts_with('\u{feff}') {
            return Err(decode_error("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0, false));
        }
        return Ok(Owned(new_ref(s)));
    }
    let Some(b) = super::bytes::bytes_data(s) else {
        return fail(TypeError, format!("the JSON object must be str, bytes or bytearray, not {}", s.type_of().name));
    };
    let encoding = detect_encoding(b);
    let enc = Owned(pystr::str_from_text(encoding)?);
    let errors = Owned(pystr::str_from_text("surrogatepass")?);
    Ok(Owned(super::call::call_method(s, "decode", &[enc.get(), errors.get()], &[])?))
}

/// `json.detect_encoding(b)`.
fn detect_encoding(b: &[u8]) -> &'static str {
    if b.starts_with(&[0, 0, 0xfe, 0xff]) || b.starts_with(&[0xff, 0xfe, 0, 0]) {
        return "utf-32";
    }
    if b.starts_with(&[0xfe, 0xff]) || b.starts_with(&[0xff, 0xfe]) {
        return "utf-16";
    }
    if b.starts_with(&[0xef, 0xbb, 0xbf]) {
        return "utf-8-sig";
    }
    if b.len() >= 4 {
        if b[0] == 0 {
            return if b[1] != 0 { "utf-16-be" } else { "utf-32-be" };
        }
        if b[1] == 0 {
            return if b[2] != 0 || b[3] != 0 { "utf-16-le" } else { "utf-32-le" };
        }
    } else if b.len() == 2 {
        if b[0] == 0 {
            return "utf-16-be";
        }
        if b[1] == 0 {
            return "utf-16-le";
        }
    }
    "utf-8"
}

/// `load(fp, ...)`: `loads(fp.read(), ...)`.
fn load(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[fp, cls, object_hook, parse_float, parse_int, parse_constant, object_pairs_hook, kw] = a else { return bad_arguments() };
    let text = Owned(super::call::call_method(fp, "read", &[], &[])?);
    loads(fp, &[text.get(), cls, object_hook, parse_float, parse_int, parse_constant, object_pairs_hook, kw])
}

/// `JSONDecoder.__init__(self, *, object_hook, parse_float, parse_int, parse_constant, strict,
/// object_pairs_hook)`.
fn decoder_init(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this, object_hook, parse_float, parse_int, parse_constant, strict, object_pairs_hook] = a else { return bad_arguments() };
    set(this, "object_hook", object_hook)?;
    let or_class = |v: Obj, t: &'static super::types::TypeObject| if singletons::is_none(v) { Owned(attrs::class_value(t)) } else { Owned(new_ref(v)) };
    set(this, "parse_float", or_class(parse_float, &float::molt_type_float).get())?;
    set(this, "parse_int", or_class(parse_int, &int::molt_type_int).get())?;
    set(this, "parse_constant", parse_constant)?;
    set(this, "strict", strict)?;
    set(this, "object_pairs_hook", object_pairs_hook)?;
    Ok(singletons::none())
}

/// The decoding hooks a `JSONDecoder` instance holds (borrowed from `owned`, which keeps them).
fn decoder_hooks(this: Obj, owned: &mut Vec<Owned>) -> MoltResult<decode::Hooks> {
    let mut attr = |name: &str| -> MoltResult<Option<Obj>> {
        let v = get(this, name)?;
        let o = v.get();
        owned.push(v);
        Ok((!singletons::is_none(o)).then_some(o))
    };
    let object_hook = attr("object_hook")?;
    let object_pairs_hook = attr("object_pairs_hook")?;
    let parse_float = attr("parse_float")?.filter(|f| !f.is(Obj::from_static(&float::molt_type_float)));
    let parse_int = attr("parse_int")?.filter(|f| !f.is(Obj::from_static(&int::molt_type_int)));
    let parse_constant = attr("parse_constant")?;
    let strict = match attr("strict")? {
        Some(s) => truth(s)?,
        None => false,
    };
    Ok(decode::Hooks { object_hook, object_pairs_hook, parse_float, parse_int, parse_constant, strict })
}

/// `JSONDecoder.decode(self, s)`.
fn decoder_decode(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this, s] = a else { return bad_arguments() };
    let mut owned = Vec::new();
    let hooks = decoder_hooks(this, &mut owned)?;
    if pystr::str_text(s).is_none() {
        return fail(TypeError, format!("expected string or bytes-like object, got '{}'", s.type_of().name));
    }
    decode::decode(s, &hooks)
}

/// `JSONDecoder.raw_decode(self, s, idx=0)`: `(value, end)`.
fn decoder_raw_decode(_f: Obj, a: &[Obj]) -> MoltResult<Obj> {
    let &[this, s, idx] = a else { return bad_arguments() };
    let mut owned = Vec::new();
    let hooks = decoder_hooks(this, &mut owned)?;
    if pystr::str_text(s).is_none() {
        return fail(TypeError, format!("first argument must be a string, not {}", s.type_of().name));
    }
    let i = super::call::ssize_arg(idx)?;
    let Ok(i) = usize::try_from(i) else { return fail(ValueError, "idx cannot be negative") };
    let (v, end) = decode::raw_decode(s, &hooks, i)?;
    #[allow(clippy::cast_possible_wrap)]
    let end = Owned(int::from_i64(end as i64)?);
    tuple::tuple_from_slice(&[v.get(), end.get()])
}
