//! The `random` module (CPython 3.11's `Modules/_randommodule.c` and `Lib/random.py`): the
//! class `random.Random` — a Mersenne Twister ([`mt`]) with the methods of `random.py`'s
//! `Random` ([`dist`] holds the algorithms that decide the sequences) — and the module-level
//! functions, which are the methods of one hidden instance bound to it, as in CPython
//! (`random.random is _inst.random`), seeded from the operating system's entropy.
//!
//! Relies on: `mt` (the generator, SHA-512); `dist` (`randrange` … `weibullvariate`);
//! `descr::builtin_method` (the module's functions are bound methods); `alloc` (kind
//! `HeapKind::Random`, not a container: the state holds no reference); `sys::urandom` (seeds
//! from None); `bigint` (getrandbits of any size; int seeds' 32-bit words); `dispatch::hash`
//! (seeds of other hashable types: floats).
//!
//! Provides: [`TYPE_RANDOM`], [`fill`], [`free`] for `alloc`, and to `dist`: [`with_gen`],
//! [`random_f64`], [`getrandbits`], [`randbelow`], [`bind`] and [`Sig`] (Python-level argument
//! binding with CPython 3.11's messages, "Random.randint() missing 1 required positional
//! argument: 'b'").
//!
//! Invariants: every seed gives CPython's state word for word (int seeds use the absolute
//! value's 32-bit words, little end first, at least one; str seeds of version 2 are
//! `int.from_bytes(s.encode() + sha512(s.encode()).digest())`; version 1 the old string hash;
//! other hashable objects their hash as an unsigned 64-bit value; None 624 words of
//! `getrandom`, or the time and pid when that fails), so seeded sequences are CPython's.
//! `gauss_next` is kept as a float or None: `setstate` with any other third item is
//! NotImplementedError, as is a str among a version-2 state's words (`str % int` formats). Left out: `randbytes` and `SystemRandom` (Molt has no bytes), bytes
//! seeds, subclassing `Random`, pickling.

mod dist;
pub mod mt;

use alloc::alloc::Layout;
use alloc::format;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_raw, free_raw};
use super::bigint::Big;
use super::call::{exactly_one_for, no_keywords_for};
use super::module::{store, store_owned};
use super::range::Owned;
use super::types::{MethodDef, MethodFn, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, dispatch, float, int, singletons, str as pystr, tuple};
use crate::CompareOp;
use crate::ExceptionKind::{NotImplementedError, OverflowError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};
use mt::{N, Twister};

/// A `random.Random` instance.
#[repr(C)]
pub struct RandomObject {
    pub header: Header,
    mt: Twister,
    /// `self.gauss_next` (None or a float).
    gauss_next: Option<f64>,
}

/// `random.Random`.
pub static TYPE_RANDOM: TypeObject = TypeObject {
    heap: Some(HeapKind::Random),
    methods: &METHODS,
    new: Some(random_new),
    ..TypeObject::new("random.Random", &TYPE_OBJECT)
};

const fn def(name: &'static str, call: MethodFn) -> MethodDef {
    MethodDef { name, call }
}

/// The methods of `Random` (and, bound to the hidden instance, the module's functions).
static METHODS: [MethodDef; 22] = [
    def("betavariate", dist::betavariate),
    def("choice", dist::choice),
    def("choices", dist::choices),
    def("expovariate", dist::expovariate),
    def("gammavariate", dist::gammavariate),
    def("gauss", dist::gauss),
    def("getrandbits", getrandbits_method),
    def("getstate", getstate_method),
    def("lognormvariate", dist::lognormvariate),
    def("normalvariate", dist::normalvariate),
    def("paretovariate", dist::paretovariate),
    def("randint", dist::randint),
    def("random", random_method),
    def("randrange", dist::randrange),
    def("sample", dist::sample),
    def("seed", seed_method),
    def("setstate", setstate_method),
    def("shuffle", dist::shuffle),
    def("triangular", dist::triangular),
    def("uniform", dist::uniform),
    def("vonmisesvariate", dist::vonmisesvariate),
    def("weibullvariate", dist::weibullvariate),
];

/// The small int `v` (|v| far below 2^62).
pub fn small(v: i64) -> Obj {
    Obj::small(v).unwrap_or_else(singletons::none)
}

/// Runs `f` on the state of `o`, a `Random` (TypeError for anything else: an unbound method
/// called on another object, CPython's descriptor check).
pub fn with_gen<R>(o: Obj, f: impl FnOnce(&mut RandomObject) -> R) -> MoltResult<R> {
    if o.type_of().is(&TYPE_RANDOM)
        && let Some(h) = o.header_ptr()
    {
        // SAFETY: an object of this type is a `RandomObject`, alive while `o` is; no other
        // reference to its state is live (`f` calls no Python code).
        return Ok(f(unsafe { &mut *h.cast::<RandomObject>().cast_mut() }));
    }
    fail(TypeError, format!("descriptor of 'random.Random' objects doesn't apply to a '{}' object", o.type_of().name))
}

/// `self.random()` as an f64.
pub fn random_f64(o: Obj) -> MoltResult<f64> {
    with_gen(o, |r| r.mt.next_f64())
}

/// The hidden instance's and each new instance's first state: `random_seed(None)`.
fn seed_entropy(g: &mut Twister) {
    let mut bytes = [0u8; N * 4];
    if crate::sys::urandom(&mut bytes) {
        let key: Vec<u32> = bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        g.init_by_array(&key);
        return;
    }
    // random_seed_time_pid.
    let now = crate::sys::clock_ns(crate::sys::CLOCK_REALTIME) as u64;
    let mono = crate::sys::clock_ns(crate::sys::CLOCK_MONOTONIC) as u64;
    let key = [now as u32, (now >> 32) as u32, crate::sys::pid() as u32, mono as u32, (mono >> 32) as u32];
    g.init_by_array(&key);
}

/// `init_by_array` with the 32-bit words of the magnitude of `n` (an int).
fn seed_with_int(g: &mut Twister, n: Obj) {
    let bytes = match int::int_ref(n) {
        Some(int::IntRef::Small(v)) => v.unsigned_abs().to_le_bytes().to_vec(),
        Some(int::IntRef::Big(b)) => b.magnitude_le_bytes(),
        None => Vec::new(),
    };
    let mut key: Vec<u32> = bytes
        .chunks(4)
        .map(|c| {
            let mut w = [0u8; 4];
            w[..c.len()].copy_from_slice(c);
            u32::from_le_bytes(w)
        })
        .collect();
    while key.len() > 1 && key.last() == Some(&0) {
        key.pop();
    }
    if key.is_empty() {
        key.push(0);
    }
    g.init_by_array(&key);
}

/// `Random.seed(a=None, version=2)`: `random.py`'s conversions, then `_random`'s `random_seed`.
fn seed(o: Obj, a: Option<Obj>, version: Option<Obj>) -> MoltResult<()> {
    let a = a.filter(|x| !singletons::is_none(*x));
    let is_version = |v: i64| -> MoltResult<bool> {
        match version {
            None => Ok(v == 2),
            Some(x) => dispatch::rich_compare_bool(CompareOp::Eq, x, small(v)),
        }
    };
    let text = a.and_then(pystr::str_text);
    let mut seed_int: Option<Owned> = None;
    if let Some(s) = text {
        if is_version(1)? {
            let chars: Vec<u32> = s.chars().map(u32::from).collect();
            let mut x: u64 = chars.first().map_or(0, |&c| u64::from(c) << 7);
            for &c in &chars {
                x = 1_000_003u64.wrapping_mul(x) ^ u64::from(c);
            }
            x ^= chars.len() as u64;
            seed_int = Some(Owned(int::from_big(Big::from_u64(x))?));
        } else if is_version(2)? {
            let mut bytes = Vec::from(s.as_bytes());
            bytes.extend_from_slice(&mt::sha512(s.as_bytes()));
            seed_int = Some(Owned(int::from_big(Big::from_be_bytes(&bytes))?));
        }
    } else if let Some(x) = a
        && !int::is_int(x)
        && float::float_value(x).is_none()
    {
        return fail(TypeError, "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
    }
    let hashed = match (&seed_int, a) {
        (Some(_), _) | (None, None) => None,
        (None, Some(x)) if int::is_int(x) => None,
        (None, Some(x)) => Some(Owned(int::from_big(Big::from_u64(dispatch::hash(x)? as u64))?)),
    };
    let n = seed_int.as_ref().or(hashed.as_ref()).map(Owned::get).or(a);
    with_gen(o, |r| {
        match n {
            None => seed_entropy(&mut r.mt),
            Some(n) => seed_with_int(&mut r.mt, n),
        }
        r.gauss_next = None;
    })
}

/// A new `Random` seeded by `seed(x)`.
fn random_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [x] = bind(&Sig { name: "Random.__init__", params: &["x"], required: 0, kwonly: &[] }, pos, kw)?;
    let p = alloc_raw(Layout::new::<RandomObject>(), t)?.cast::<RandomObject>();
    // SAFETY: a fresh block whose header is written.
    let o = unsafe {
        core::ptr::addr_of_mut!((*p).mt).write(Twister::new());
        core::ptr::addr_of_mut!((*p).gauss_next).write(None);
        Obj::from_header(p.cast())
    };
    let o = Owned(o);
    seed(o.get(), x, None)?;
    Ok(o.release())
}

/// `Random.seed(a=None, version=2)`.
fn seed_method(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [a, version] = bind(&Sig { name: "Random.seed", params: &["a", "version"], required: 0, kwonly: &[] }, pos, kw)?;
    if let Some(a) = a
        && !singletons::is_none(a)
        && pystr::str_text(a).is_some()
        && let Some(v) = version
        && !dispatch::rich_compare_bool(CompareOp::Eq, v, small(1))?
        && !dispatch::rich_compare_bool(CompareOp::Eq, v, small(2))?
    {
        // CPython seeds with the str's hash, which PYTHONHASHSEED randomises.
        return fail(NotImplementedError, "random.seed() of a str with a version other than 1 or 2 is not supported by Molt");
    }
    seed(recv, a, version)?;
    Ok(singletons::none())
}

/// `Random.random()`.
fn random_method(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords_for("Random.random", kw)?;
    if !pos.is_empty() {
        return fail(TypeError, format!("Random.random() takes no arguments ({} given)", pos.len()));
    }
    float::box_float(random_f64(recv)?)
}

/// `getrandbits(k)` for `k >= 0` (an int object).
pub fn getrandbits(o: Obj, k: u64) -> MoltResult<Obj> {
    if k == 0 {
        return int::from_i64(0);
    }
    if k <= 32 {
        let v = with_gen(o, |r| r.mt.bits32(k as u32))?;
        return int::from_i64(i64::from(v));
    }
    let words = with_gen(o, |r| r.mt.bits_words(k))?;
    if k <= 62 {
        let v = u64::from(words[0]) | (u64::from(words.get(1).copied().unwrap_or(0)) << 32);
        return int::from_i64(v as i64);
    }
    let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    int::from_big(Big::from_le_bytes(&bytes))
}

/// `Random.getrandbits(k)` (`k` a C int).
fn getrandbits_method(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let k = super::call::c_int_arg(exactly_one_for("Random.getrandbits", pos, kw)?)?;
    match u64::try_from(k) {
        Ok(k) => getrandbits(recv, k),
        Err(_) => fail(ValueError, "number of bits must be non-negative"),
    }
}

/// `_randbelow_with_getrandbits(n)` for an int `n > 0`: an int in `[0, n)`.
pub fn randbelow(o: Obj, n: Obj) -> MoltResult<Obj> {
    let Some(r) = int::int_ref(n) else {
        return fail(TypeError, "randbelow of a non-int (a runtime bug)");
    };
    let k = r.bit_length();
    if let Some(limit) = r.to_i64() {
        loop {
            let v = if k <= 32 {
                i64::from(with_gen(o, |g| g.mt.bits32(k as u32))?)
            } else {
                let w = with_gen(o, |g| g.mt.bits_words(k))?;
                (u64::from(w[0]) | (u64::from(w.get(1).copied().unwrap_or(0)) << 32)) as i64
            };
            if v < limit {
                return int::from_i64(v);
            }
        }
    }
    loop {
        let v = Owned(getrandbits(o, k)?);
        if !dispatch::rich_compare_bool(CompareOp::Ge, v.get(), n)? {
            return Ok(v.release());
        }
    }
}

/// [`randbelow`] of a `usize` bound (a length), as a `usize`.
pub fn randbelow_usize(o: Obj, n: usize) -> MoltResult<usize> {
    let bound = Owned(int::from_i64(i64::try_from(n).unwrap_or(i64::MAX))?);
    let v = Owned(randbelow(o, bound.get())?);
    Ok(v.get().small_value().and_then(|v| usize::try_from(v).ok()).unwrap_or(0))
}

/// `Random.getstate()`: `(3, (624 state words..., index), gauss_next)`.
fn getstate_method(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    bind::<0>(&Sig { name: "Random.getstate", params: &[], required: 0, kwonly: &[] }, pos, kw)?;
    let (words, index, gauss) = with_gen(recv, |r| (r.mt.state, r.mt.index, r.gauss_next))?;
    let mut items = Vec::with_capacity(N + 1);
    for w in words {
        items.push(int::from_i64(i64::from(w))?);
    }
    items.push(int::from_i64(index as i64)?);
    let inner = Owned(tuple::tuple_from_vec(items)?);
    let version = Owned(int::from_i64(3)?);
    let g = Owned(match gauss {
        Some(g) => float::box_float(g)?,
        None => singletons::none(),
    });
    tuple::tuple_from_slice(&[version.get(), inner.get(), g.get()])
}

/// `PyLong_AsUnsignedLong` of a state item.
fn state_word(o: Obj) -> MoltResult<u64> {
    match int::int_ref(o) {
        Some(r) if r.is_negative() => fail(OverflowError, "can't convert negative value to unsigned int"),
        Some(int::IntRef::Small(v)) => Ok(v as u64),
        Some(int::IntRef::Big(b)) => match b.to_u64() {
            Some(v) => Ok(v),
            None => fail(OverflowError, "Python int too large to convert to C unsigned long"),
        },
        None => fail(TypeError, "an integer is required"),
    }
}

/// `Random.setstate(state)`.
fn setstate_method(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [state] = bind(&Sig { name: "Random.setstate", params: &["state"], required: 1, kwonly: &[] }, pos, kw)?;
    let state = state.unwrap_or_else(singletons::none);
    let zero = Owned(int::from_i64(0)?);
    let version = Owned(dispatch::getitem(state, zero.get())?);
    let is = |v: i64| dispatch::rich_compare_bool(CompareOp::Eq, version.get(), small(v));
    let (v3, v2) = (is(3)?, if is(3)? { false } else { is(2)? });
    if !v3 && !v2 {
        let shown = dispatch::str_of(version.get())?;
        return fail(ValueError, format!("state with version {shown} passed to Random.setstate() of version 3"));
    }
    let parts = Owned(super::iter::unpack(state, 3)?);
    let items = tuple::tuple_items(parts.get()).unwrap_or(&[]);
    let (internal, gauss) = (items.get(1).copied().unwrap_or_else(singletons::none), items.get(2).copied().unwrap_or_else(singletons::none));
    let gauss_next = if singletons::is_none(gauss) {
        None
    } else if let Some(g) = float::float_value(gauss) {
        Some(g)
    } else {
        return fail(NotImplementedError, "a random state whose gauss_next is neither None nor a float is not supported by Molt");
    };
    // `self.gauss_next` is assigned before the C part checks the state.
    with_gen(recv, |r| r.gauss_next = gauss_next)?;
    // Version 2: `tuple(x % (2 ** 32) for x in internalstate)`.
    let converted;
    let internal = if v2 {
        let m = Owned(int::from_i64(1 << 32)?);
        let it = Owned(super::iter::get_iter(internal)?);
        let mut items: Vec<Owned> = Vec::new();
        while let Some(x) = super::iter::iter_next(it.get())? {
            let x = Owned(x);
            if pystr::str_text(x.get()).is_some() {
                // `str % int` would format (a formatter this module does not link).
                return fail(NotImplementedError, "a str in a random state is not supported by Molt");
            }
            items.push(Owned(dispatch::binary_op(crate::BinaryOp::Mod, x.get(), m.get())?));
        }
        converted = Owned(tuple::tuple_from_vec(items.into_iter().map(Owned::release).collect())?);
        converted.get()
    } else {
        internal
    };
    let Some(words) = tuple::tuple_items(internal) else {
        return fail(TypeError, "state vector must be a tuple");
    };
    let mut fresh = [0u32; N];
    if words.len() != N + 1 {
        return fail(ValueError, "state vector is the wrong size");
    }
    for (slot, &w) in fresh.iter_mut().zip(words) {
        *slot = state_word(w)? as u32;
    }
    let last = words[N];
    let index = match int::int_ref(last) {
        Some(r) => match r.to_i64() {
            Some(i) => i,
            None => return fail(OverflowError, "Python int too large to convert to C long"),
        },
        None => return fail(TypeError, format!("'{}' object cannot be interpreted as an integer", last.type_of().name)),
    };
    let Some(index) = Some(index).filter(|i| (0..=N as i64).contains(i)) else {
        return fail(ValueError, "invalid state");
    };
    with_gen(recv, |r| {
        r.mt.state = fresh;
        r.mt.index = index as usize;
    })?;
    Ok(singletons::none())
}

/// A method of `random.py`'s `Random` as CPython 3.11 binds its arguments: positional
/// parameters `params` (after `self`), the first `required` without defaults, then keyword-only
/// ones.
pub struct Sig {
    pub name: &'static str,
    pub params: &'static [&'static str],
    pub required: usize,
    pub kwonly: &'static [&'static str],
}

/// The arguments of a call of `sig` (params then kwonly; None where a default applies), with
/// `initialize_locals`'s errors in its order.
pub fn bind<const K: usize>(sig: &Sig, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<[Option<Obj>; K]> {
    let mut out = [None; K];
    super::call::bind_python(sig.name, sig.params, sig.required, sig.kwonly, 1, pos, kw, &mut out)?;
    Ok(out)
}

/// Stores random's names in its namespace `d`: `Random`, the constants, and the methods of a
/// new hidden instance.
pub fn fill(d: Obj) -> MoltResult<()> {
    store(d, "Random", Obj::from_static(&TYPE_RANDOM))?;
    let inst = Owned(random_new(&TYPE_RANDOM, &[], &[])?);
    for m in &METHODS {
        store_owned(d, m.name, super::descr::builtin_method(inst.get(), m))?;
    }
    use crate::sys::libm::{exp, log, sqrt};
    store_owned(d, "BPF", int::from_i64(53))?;
    store_owned(d, "LOG4", float::box_float(log(4.0)))?;
    store_owned(d, "NV_MAGICCONST", float::box_float(4.0 * exp(-0.5) / sqrt(2.0)))?;
    store_owned(d, "RECIP_BPF", float::box_float(1.0 / 9_007_199_254_740_992.0))?;
    store_owned(d, "SG_MAGICCONST", float::box_float(1.0 + log(4.5)))?;
    store_owned(d, "TWOPI", float::box_float(2.0 * core::f64::consts::PI))?;
    Ok(())
}

/// Frees a `Random`.
///
/// # Safety
/// `h` is a `Random` whose count reached zero.
pub(crate) unsafe fn free(h: *mut Header) {
    // SAFETY: forwarded contract; the object holds no reference.
    unsafe { free_raw(h, Layout::new::<RandomObject>(), HeapKind::Random) }
}
