//! The methods of `random.Random` that CPython 3.11 writes in Python (`Lib/random.py`):
//! `randrange`, `randint`, `choice`, `choices`, `shuffle`, `sample`, and the distributions
//! (`uniform`, `triangular`, `normalvariate`, `gauss`, `lognormvariate`, `expovariate`,
//! `vonmisesvariate`, `gammavariate`, `betavariate`, `paretovariate`, `weibullvariate`), line
//! for line: the same calls of `random()` / `_randbelow` in the same order, the same float
//! operations, the same errors.
//!
//! Relies on: `super` (the generator, `bind` for the arguments); `dispatch` for every operation
//! on a caller's value (`a + (b - a) * random()` is int and float arithmetic as Python does
//! it, evaluated in Python's order, so a TypeError leaves the generator where CPython leaves
//! it); `math::call` for `_sqrt`, `_log`, `_exp`, `_isfinite` of such values (their
//! conversions and "math domain error"); `sys::libm` for the same functions of floats.
//!
//! Provides: the `MethodFn`s `mod.rs` lists.
//!
//! Invariants: a value only `random()` produced is an f64 and its arithmetic is IEEE's, as
//! CPython's float arithmetic is. Left out (NotImplementedError, never a different answer):
//! `randrange` / `randint` of non-integer arguments that `int()` accepts (CPython prints a
//! DeprecationWarning naming the caller's file and line), `gammavariate` / `betavariate` of a
//! parameter that is neither an int nor a float, `vonmisesvariate` whose `0.5 / kappa` is no
//! float; `sample` accepts list, tuple, str and range as sequences (`collections.abc.Sequence`).

use alloc::collections::BTreeSet;
use alloc::format;
use alloc::vec::Vec;

use super::super::math::MathFn;
use super::super::range::Owned;
use super::super::{Obj, dispatch, float, int, iter, list, new_ref, singletons, str as pystr, tuple};
use super::{Sig, bind, random_f64, randbelow, randbelow_usize, small, with_gen};
use crate::ExceptionKind::{IndexError, NotImplementedError, TypeError, ValueError, ZeroDivisionError};
use crate::exceptions::{MoltResult, fail};
use crate::sys::libm::{acos, cos, exp, log, sin, sqrt};
use crate::{BinaryOp, CompareOp};

const TWOPI: f64 = 2.0 * core::f64::consts::PI;

fn op(o: BinaryOp, a: Obj, b: Obj) -> MoltResult<Owned> {
    dispatch::binary_op(o, a, b).map(Owned)
}

fn boxf(x: f64) -> MoltResult<Owned> {
    float::box_float(x).map(Owned)
}

fn cmp(o: CompareOp, a: Obj, b: Obj) -> MoltResult<bool> {
    dispatch::rich_compare_bool(o, a, b)
}

/// `a op x` for a float `x`.
fn opf(o: BinaryOp, a: Obj, x: f64) -> MoltResult<Owned> {
    let b = boxf(x)?;
    op(o, a, b.get())
}

/// `x op a` for a float `x`.
fn fop(o: BinaryOp, x: f64, a: Obj) -> MoltResult<Owned> {
    let b = boxf(x)?;
    op(o, b.get(), a)
}

/// `math.f(a)`.
fn math1(f: MathFn, a: Obj) -> MoltResult<Owned> {
    super::super::math::call(f, &[a], &[]).map(Owned)
}

/// The float a value holds after arithmetic that gives floats for ints and floats.
fn want_float(o: &Owned, who: &str) -> MoltResult<f64> {
    match float::float_value(o.get()) {
        Some(v) => Ok(v),
        None => fail(NotImplementedError, format!("random.{who}() of a '{}' is not supported by Molt", o.get().type_of().name)),
    }
}

/// A parameter that Python's float arithmetic converts (an int or a float).
fn num(o: Obj, who: &str) -> MoltResult<f64> {
    if let Some(v) = float::float_value(o) {
        return Ok(v);
    }
    if let Some(i) = int::int_ref(o) {
        return super::super::int_float::int_to_f64(i);
    }
    fail(NotImplementedError, format!("random.{who}() of a '{}' is not supported by Molt", o.type_of().name))
}

fn done(o: Owned) -> MoltResult<Obj> {
    Ok(o.release())
}

fn arg(a: Option<Obj>) -> Obj {
    a.unwrap_or_else(singletons::none)
}

/// `_index(x)`, falling back to `int(x)` as `randrange` does: CPython then warns (and raises
/// ValueError when `int(x) != x`), which Molt does not reproduce.
fn index_arg(x: Obj) -> MoltResult<Owned> {
    match dispatch::number_index(x) {
        Ok(i) => Ok(Owned(i)),
        Err(e) if e.kind == TypeError => {
            let _converted = Owned(super::super::convert::to_int(x)?);
            fail(NotImplementedError, "randrange() of a non-integer argument (a DeprecationWarning in CPython) is not supported by Molt")
        }
        Err(e) => Err(e),
    }
}

/// `randrange(start, stop=None, step=1)` on ints and objects.
fn randrange_impl(recv: Obj, start: Obj, stop: Option<Obj>, step: Option<Obj>) -> MoltResult<Obj> {
    let istart = index_arg(start)?;
    let stop = stop.filter(|s| !singletons::is_none(*s));
    let Some(stop) = stop else {
        if let Some(s) = step
            && s.small_value() != Some(1)
        {
            return fail(TypeError, "Missing a non-None stop argument");
        }
        if cmp(CompareOp::Gt, istart.get(), small(0))? {
            return randbelow(recv, istart.get());
        }
        return fail(ValueError, "empty range for randrange()");
    };
    let istop = index_arg(stop)?;
    let width = op(BinaryOp::Sub, istop.get(), istart.get())?;
    let istep = index_arg(step.unwrap_or(small(1)))?;
    if cmp(CompareOp::Eq, istep.get(), small(1))? {
        if cmp(CompareOp::Gt, width.get(), small(0))? {
            let r = Owned(randbelow(recv, width.get())?);
            return done(op(BinaryOp::Add, istart.get(), r.get())?);
        }
        let (a, b, c) = (dispatch::str_of(istart.get())?, dispatch::str_of(istop.get())?, dispatch::str_of(width.get())?);
        return fail(ValueError, format!("empty range for randrange() ({a}, {b}, {c})"));
    }
    let n = if cmp(CompareOp::Gt, istep.get(), small(0))? {
        let t = op(BinaryOp::Add, width.get(), istep.get())?;
        let t = op(BinaryOp::Sub, t.get(), small(1))?;
        op(BinaryOp::FloorDiv, t.get(), istep.get())?
    } else if cmp(CompareOp::Lt, istep.get(), small(0))? {
        let t = op(BinaryOp::Add, width.get(), istep.get())?;
        let t = op(BinaryOp::Add, t.get(), small(1))?;
        op(BinaryOp::FloorDiv, t.get(), istep.get())?
    } else {
        return fail(ValueError, "zero step for randrange()");
    };
    if cmp(CompareOp::Le, n.get(), small(0))? {
        return fail(ValueError, "empty range for randrange()");
    }
    let r = Owned(randbelow(recv, n.get())?);
    let m = op(BinaryOp::Mul, istep.get(), r.get())?;
    done(op(BinaryOp::Add, istart.get(), m.get())?)
}

/// `Random.randrange(start, stop=None, step=1)`.
pub fn randrange(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let sig = Sig { name: "Random.randrange", params: &["start", "stop", "step"], required: 1, kwonly: &[] };
    let [start, stop, step] = bind(&sig, pos, kw)?;
    randrange_impl(recv, arg(start), stop, step)
}

/// `Random.randint(a, b)`: `randrange(a, b + 1)`.
pub fn randint(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [a, b] = bind(&Sig { name: "Random.randint", params: &["a", "b"], required: 2, kwonly: &[] }, pos, kw)?;
    let stop = op(BinaryOp::Add, arg(b), small(1))?;
    randrange_impl(recv, arg(a), Some(stop.get()), None)
}

/// `Random.choice(seq)`.
pub fn choice(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [seq] = bind(&Sig { name: "Random.choice", params: &["seq"], required: 1, kwonly: &[] }, pos, kw)?;
    let seq = arg(seq);
    let n = dispatch::len_of_usize(seq)?;
    if n == 0 {
        return fail(IndexError, "Cannot choose from an empty sequence");
    }
    let i = Owned(int::from_i64(randbelow_usize(recv, n)? as i64)?);
    dispatch::getitem(seq, i.get())
}

/// `Random.shuffle(x)`.
pub fn shuffle(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [x] = bind(&Sig { name: "Random.shuffle", params: &["x"], required: 1, kwonly: &[] }, pos, kw)?;
    let x = arg(x);
    let n = dispatch::len_of_usize(x)?;
    for i in (1..n).rev() {
        let j = randbelow_usize(recv, i + 1)?;
        let (oi, oj) = (Owned(int::from_i64(i as i64)?), Owned(int::from_i64(j as i64)?));
        let xj = Owned(dispatch::getitem(x, oj.get())?);
        let xi = Owned(dispatch::getitem(x, oi.get())?);
        dispatch::setitem(x, oi.get(), Some(xj.get()))?;
        dispatch::setitem(x, oj.get(), Some(xi.get()))?;
    }
    Ok(singletons::none())
}

/// `bisect_right(a, x, lo, hi)` over `len` items read by `get`.
fn bisect(get: &dyn Fn(usize) -> MoltResult<Owned>, x: Obj, mut lo: usize, mut hi: usize) -> MoltResult<usize> {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let item = get(mid)?;
        if cmp(CompareOp::Lt, x, item.get())? {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

/// `list(itertools.accumulate(it))` (running sums with `+`).
fn accumulate(it: Obj) -> MoltResult<Vec<Owned>> {
    let iterator = Owned(iter::get_iter(it)?);
    let mut out: Vec<Owned> = Vec::new();
    while let Some(v) = iter::iter_next(iterator.get())? {
        let v = Owned(v);
        let next = match out.last() {
            None => v,
            Some(total) => op(BinaryOp::Add, total.get(), v.get())?,
        };
        out.push(next);
    }
    Ok(out)
}

fn list_of(items: Vec<Obj>) -> MoltResult<Obj> {
    list::list_from_vec(items)
}

/// `Random.sample(population, k, *, counts=None)`.
pub fn sample(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let sig = Sig { name: "Random.sample", params: &["population", "k"], required: 2, kwonly: &["counts"] };
    let [population, k, counts] = bind(&sig, pos, kw)?;
    sample_impl(recv, arg(population), arg(k), counts.filter(|c| !singletons::is_none(*c)))
}

fn sample_impl(recv: Obj, population: Obj, k: Obj, counts: Option<Obj>) -> MoltResult<Obj> {
    let is_sequence = list::is_list(population)
        || tuple::is_tuple(population)
        || pystr::str_text(population).is_some()
        || super::super::range::is_range(population);
    if !is_sequence {
        return fail(TypeError, "Population must be a sequence.  For dicts or sets, use sorted(d).");
    }
    let n = dispatch::len_of_usize(population)?;
    if let Some(counts) = counts {
        let mut cum = accumulate(counts)?;
        if cum.len() != n {
            return fail(ValueError, "The number of counts does not match the population");
        }
        let Some(total) = cum.pop() else {
            return fail(IndexError, "pop from empty list");
        };
        if !int::is_int(total.get()) {
            return fail(TypeError, "Counts must be integers");
        }
        if cmp(CompareOp::Le, total.get(), small(0))? {
            return fail(ValueError, "Total of counts must be greater than zero");
        }
        let r = Owned(super::super::range::range_new(small(0), total.get(), small(1))?);
        let selections = Owned(sample_impl(recv, r.get(), k, None)?);
        let sel = list::items_vec(selections.get())?;
        let get = |i: usize| -> MoltResult<Owned> { Ok(Owned(new_ref(cum[i].get()))) };
        let mut out = Vec::with_capacity(sel.len());
        let mut result = Ok(());
        for &s in &sel {
            let at = bisect(&get, s, 0, cum.len()).and_then(|i| int::from_i64(i as i64));
            match at.and_then(|i| {
                let i = Owned(i);
                dispatch::getitem(population, i.get())
            }) {
                Ok(v) => out.push(v),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        list::release(sel);
        if let Err(e) = result {
            list::release(out);
            return Err(e);
        }
        return list_of(out);
    }
    let n_obj = Owned(int::from_i64(n as i64)?);
    if !(cmp(CompareOp::Le, small(0), k)? && cmp(CompareOp::Le, k, n_obj.get())?) {
        return fail(ValueError, "Sample larger than population or is negative");
    }
    let Some(k) = int::int_ref(k).and_then(|r| r.to_i64()).and_then(|v| usize::try_from(v).ok()) else {
        return fail(TypeError, format!("can't multiply sequence by non-int of type '{}'", k.type_of().name));
    };
    let mut setsize: u128 = 21;
    if k > 5 {
        let e = crate::sys::libm::ceil(log((k as u128 * 3) as f64) / log(4.0));
        setsize += 4u128.saturating_pow(e as u32);
    }
    let mut out: Vec<Obj> = Vec::with_capacity(k);
    let r = if n as u128 <= setsize {
        let mut pool = list::sequence_fast(population, "")?;
        if pool.len() != n {
            list::release(pool);
            return fail(crate::ExceptionKind::RuntimeError, "sequence changed size during sample()");
        }
        let mut r = Ok(());
        for i in 0..k {
            match randbelow_usize(recv, n - i) {
                Ok(j) => {
                    out.push(new_ref(pool[j]));
                    pool.swap(j, n - i - 1);
                }
                Err(e) => {
                    r = Err(e);
                    break;
                }
            }
        }
        list::release(pool);
        r
    } else {
        let mut selected = BTreeSet::new();
        let mut r = Ok(());
        for _ in 0..k {
            let pick = (|| {
                let mut j = randbelow_usize(recv, n)?;
                while selected.contains(&j) {
                    j = randbelow_usize(recv, n)?;
                }
                selected.insert(j);
                let jo = Owned(int::from_i64(j as i64)?);
                dispatch::getitem(population, jo.get())
            })();
            match pick {
                Ok(v) => out.push(v),
                Err(e) => {
                    r = Err(e);
                    break;
                }
            }
        }
        r
    };
    if let Err(e) = r {
        list::release(out);
        return Err(e);
    }
    list_of(out)
}

/// `[population[i] for each i of pick]`, `k` times (`itertools.repeat(None, k)`).
fn repeat_pick(population: Obj, k: Obj, mut pick: impl FnMut() -> MoltResult<Obj>) -> MoltResult<Obj> {
    let times = super::super::call::ssize_arg(k)?.max(0);
    let mut out: Vec<Obj> = Vec::new();
    for _ in 0..times {
        let item = pick().and_then(|i| {
            let i = Owned(i);
            dispatch::getitem(population, i.get())
        });
        match item {
            Ok(v) => out.push(v),
            Err(e) => {
                list::release(out);
                return Err(e);
            }
        }
    }
    list_of(out)
}

/// `Random.choices(population, weights=None, *, cum_weights=None, k=1)`.
pub fn choices(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let sig = Sig { name: "Random.choices", params: &["population", "weights"], required: 1, kwonly: &["cum_weights", "k"] };
    let [population, weights, cum_weights, k] = bind(&sig, pos, kw)?;
    let population = arg(population);
    let weights = weights.filter(|w| !singletons::is_none(*w));
    let cum_weights = cum_weights.filter(|w| !singletons::is_none(*w));
    let k = k.unwrap_or(small(1));
    let n = dispatch::len_of_usize(population)?;
    enum Cum {
        Own(Vec<Owned>),
        User(Obj),
    }
    let cum = match (cum_weights, weights) {
        (None, None) => {
            let nf = n as f64;
            return repeat_pick(population, k, || {
                let x = crate::sys::libm::floor(random_f64(recv)? * nf);
                int::from_i64(x as i64)
            });
        }
        (None, Some(w)) => match accumulate(w) {
            Ok(c) => Cum::Own(c),
            Err(e) if e.kind == TypeError && int::is_int(w) => {
                let shown = dispatch::repr_of(w)?;
                return fail(TypeError, format!("The number of choices must be a keyword argument: k={shown}"));
            }
            Err(e) => return Err(e),
        },
        (Some(_), Some(_)) => return fail(TypeError, "Cannot specify both weights and cumulative weights"),
        (Some(c), None) => Cum::User(c),
    };
    let len = match &cum {
        Cum::Own(v) => v.len(),
        Cum::User(c) => dispatch::len_of_usize(*c)?,
    };
    if len != n {
        return fail(ValueError, "The number of weights does not match the population");
    }
    let get = |i: usize| -> MoltResult<Owned> {
        match &cum {
            Cum::Own(v) => match v.get(i) {
                Some(x) => Ok(Owned(new_ref(x.get()))),
                None => fail(IndexError, "list index out of range"),
            },
            Cum::User(c) => {
                let io = Owned(int::from_i64(i as i64)?);
                dispatch::getitem(*c, io.get()).map(Owned)
            }
        }
    };
    let last = match &cum {
        Cum::Own(v) => match v.last() {
            Some(x) => Owned(new_ref(x.get())),
            None => return fail(IndexError, "list index out of range"),
        },
        Cum::User(c) => Owned(dispatch::getitem(*c, small(-1))?),
    };
    let total = opf(BinaryOp::Add, last.get(), 0.0)?;
    if cmp(CompareOp::Le, total.get(), float::box_float(0.0).map(Owned)?.get())? {
        return fail(ValueError, "Total of weights must be greater than zero");
    }
    let finite = math1(MathFn::Isfinite, total.get())?;
    if !dispatch::truth(finite.get())? {
        return fail(ValueError, "Total of weights must be finite");
    }
    let hi = n.saturating_sub(1);
    repeat_pick(population, k, || {
        let x = fop(BinaryOp::Mul, random_f64(recv)?, total.get())?;
        let i = bisect(&get, x.get(), 0, hi)?;
        int::from_i64(i as i64)
    })
}

fn unary(pos: &[Obj], kw: &[(&str, Obj)], name: &'static str, params: &'static [&'static str]) -> MoltResult<[Option<Obj>; 2]> {
    bind(&Sig { name, params, required: params.len(), kwonly: &[] }, pos, kw)
}

/// `Random.uniform(a, b)`: `a + (b - a) * random()`.
pub fn uniform(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [a, b] = unary(pos, kw, "Random.uniform", &["a", "b"])?;
    let (a, b) = (arg(a), arg(b));
    let d = op(BinaryOp::Sub, b, a)?;
    let m = opf(BinaryOp::Mul, d.get(), random_f64(recv)?)?;
    done(op(BinaryOp::Add, a, m.get())?)
}

/// `Random.triangular(low=0.0, high=1.0, mode=None)`.
pub fn triangular(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let sig = Sig { name: "Random.triangular", params: &["low", "high", "mode"], required: 0, kwonly: &[] };
    let [low, high, mode] = bind(&sig, pos, kw)?;
    let low = match low {
        Some(l) => Owned(new_ref(l)),
        None => boxf(0.0)?,
    };
    let high = match high {
        Some(h) => Owned(new_ref(h)),
        None => boxf(1.0)?,
    };
    let u = random_f64(recv)?;
    let c = match mode.filter(|m| !singletons::is_none(*m)) {
        None => boxf(0.5)?,
        Some(m) => {
            let num = op(BinaryOp::Sub, m, low.get())?;
            let den = op(BinaryOp::Sub, high.get(), low.get())?;
            match op(BinaryOp::TrueDiv, num.get(), den.get()) {
                Ok(c) => c,
                Err(e) if e.kind == ZeroDivisionError => return Ok(low.release()),
                Err(e) => return Err(e),
            }
        }
    };
    let uo = boxf(u)?;
    let (uo, c, low, high) = if cmp(CompareOp::Gt, uo.get(), c.get())? {
        (boxf(1.0 - u)?, fop(BinaryOp::Sub, 1.0, c.get())?, high, low)
    } else {
        (uo, c, low, high)
    };
    let d = op(BinaryOp::Sub, high.get(), low.get())?;
    let uc = op(BinaryOp::Mul, uo.get(), c.get())?;
    let s = math1(MathFn::Sqrt, uc.get())?;
    let m = op(BinaryOp::Mul, d.get(), s.get())?;
    done(op(BinaryOp::Add, low.get(), m.get())?)
}

/// `mu + z * sigma` with `mu`, `sigma` defaulting to 0.0 and 1.0.
fn shift_scale(mu: Option<Obj>, z: f64, sigma: Option<Obj>) -> MoltResult<Obj> {
    let mu = match mu {
        Some(m) => Owned(new_ref(m)),
        None => boxf(0.0)?,
    };
    let zs = match sigma {
        Some(s) => fop(BinaryOp::Mul, z, s)?,
        None => boxf(z * 1.0)?,
    };
    done(op(BinaryOp::Add, mu.get(), zs.get())?)
}

/// The `z` of `normalvariate` (Kinderman and Monahan).
fn normal_z(recv: Obj) -> MoltResult<f64> {
    let nv = 4.0 * exp(-0.5) / sqrt(2.0);
    loop {
        let u1 = random_f64(recv)?;
        let u2 = 1.0 - random_f64(recv)?;
        let z = nv * (u1 - 0.5) / u2;
        let zz = z * z / 4.0;
        if zz <= -log(u2) {
            return Ok(z);
        }
    }
}

/// `Random.normalvariate(mu=0.0, sigma=1.0)`.
pub fn normalvariate(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let sig = Sig { name: "Random.normalvariate", params: &["mu", "sigma"], required: 0, kwonly: &[] };
    let [mu, sigma] = bind(&sig, pos, kw)?;
    let z = normal_z(recv)?;
    shift_scale(mu, z, sigma)
}

/// `Random.gauss(mu=0.0, sigma=1.0)`.
pub fn gauss(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [mu, sigma] = bind(&Sig { name: "Random.gauss", params: &["mu", "sigma"], required: 0, kwonly: &[] }, pos, kw)?;
    let z = match with_gen(recv, |r| r.gauss_next.take())? {
        Some(z) => z,
        None => {
            let x2pi = random_f64(recv)? * TWOPI;
            let g2rad = sqrt(-2.0 * log(1.0 - random_f64(recv)?));
            let next = sin(x2pi) * g2rad;
            with_gen(recv, |r| r.gauss_next = Some(next))?;
            cos(x2pi) * g2rad
        }
    };
    shift_scale(mu, z, sigma)
}

/// `Random.lognormvariate(mu, sigma)`.
pub fn lognormvariate(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [mu, sigma] = unary(pos, kw, "Random.lognormvariate", &["mu", "sigma"])?;
    let z = normal_z(recv)?;
    let v = Owned(shift_scale(mu, z, sigma)?);
    done(math1(MathFn::Exp, v.get())?)
}

/// `Random.expovariate(lambd)`.
pub fn expovariate(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [lambd] = bind(&Sig { name: "Random.expovariate", params: &["lambd"], required: 1, kwonly: &[] }, pos, kw)?;
    let x = -log(1.0 - random_f64(recv)?);
    done(fop(BinaryOp::TrueDiv, x, arg(lambd))?)
}

/// `Random.vonmisesvariate(mu, kappa)`.
pub fn vonmisesvariate(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [mu, kappa] = unary(pos, kw, "Random.vonmisesvariate", &["mu", "kappa"])?;
    let (mu, kappa) = (arg(mu), arg(kappa));
    let tiny = boxf(1e-6)?;
    if cmp(CompareOp::Le, kappa, tiny.get())? {
        return done(boxf(TWOPI * random_f64(recv)?)?);
    }
    let s = want_float(&fop(BinaryOp::TrueDiv, 0.5, kappa)?, "vonmisesvariate")?;
    let r = s + sqrt(1.0 + s * s);
    let z = loop {
        let u1 = random_f64(recv)?;
        let z = cos(core::f64::consts::PI * u1);
        let d = z / (r + z);
        let u2 = random_f64(recv)?;
        if u2 < 1.0 - d * d || u2 <= (1.0 - d) * exp(d) {
            break z;
        }
    };
    let q = 1.0 / r;
    let f = (q + z) / (1.0 + q * z);
    let u3 = random_f64(recv)?;
    let t = if u3 > 0.5 { opf(BinaryOp::Add, mu, acos(f))? } else { opf(BinaryOp::Sub, mu, acos(f))? };
    done(opf(BinaryOp::Mod, t.get(), TWOPI)?)
}

/// `gammavariate(alpha, beta)` with `beta` a float: `(x, beta)` to multiply.
fn gamma_x(recv: Obj, alpha: Obj, beta: Obj) -> MoltResult<f64> {
    let zero = boxf(0.0)?;
    if cmp(CompareOp::Le, alpha, zero.get())? || cmp(CompareOp::Le, beta, zero.get())? {
        return fail(ValueError, "gammavariate: alpha and beta must be > 0.0");
    }
    let one = boxf(1.0)?;
    if cmp(CompareOp::Gt, alpha, one.get())? {
        let alpha = num(alpha, "gammavariate")?;
        let ainv = sqrt(2.0 * alpha - 1.0);
        let bbb = alpha - log(4.0);
        let ccc = alpha + ainv;
        let sg = 1.0 + log(4.5);
        loop {
            let u1 = random_f64(recv)?;
            if !(1e-7 < u1 && u1 < 0.9999999) {
                continue;
            }
            let u2 = 1.0 - random_f64(recv)?;
            let v = log(u1 / (1.0 - u1)) / ainv;
            let x = alpha * exp(v);
            let z = u1 * u1 * u2;
            let r = bbb + ccc * v - x;
            if r + sg - 4.5 * z >= 0.0 || r >= log(z) {
                return Ok(x);
            }
        }
    }
    if cmp(CompareOp::Eq, alpha, one.get())? {
        return Ok(-log(1.0 - random_f64(recv)?));
    }
    let alpha = num(alpha, "gammavariate")?;
    let e = core::f64::consts::E;
    loop {
        let u = random_f64(recv)?;
        let b = (e + alpha) / e;
        let p = b * u;
        let x = if p <= 1.0 { float::float_binary(BinaryOp::Pow, p, 1.0 / alpha)? } else { -log((b - p) / alpha) };
        let u1 = random_f64(recv)?;
        if p > 1.0 {
            if u1 <= float::float_binary(BinaryOp::Pow, x, alpha - 1.0)? {
                return Ok(x);
            }
        } else if u1 <= exp(-x) {
            return Ok(x);
        }
    }
}

/// `Random.gammavariate(alpha, beta)`.
pub fn gammavariate(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [alpha, beta] = unary(pos, kw, "Random.gammavariate", &["alpha", "beta"])?;
    let beta = arg(beta);
    let x = gamma_x(recv, arg(alpha), beta)?;
    done(fop(BinaryOp::Mul, x, beta)?)
}

/// `Random.betavariate(alpha, beta)`.
pub fn betavariate(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [alpha, beta] = unary(pos, kw, "Random.betavariate", &["alpha", "beta"])?;
    let one = boxf(1.0)?;
    let y = gamma_x(recv, arg(alpha), one.get())? * 1.0;
    if y != 0.0 {
        let y2 = gamma_x(recv, arg(beta), one.get())? * 1.0;
        return done(boxf(y / (y + y2))?);
    }
    done(boxf(0.0)?)
}

/// `Random.paretovariate(alpha)`.
pub fn paretovariate(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [alpha] = bind(&Sig { name: "Random.paretovariate", params: &["alpha"], required: 1, kwonly: &[] }, pos, kw)?;
    let u = 1.0 - random_f64(recv)?;
    let e = fop(BinaryOp::TrueDiv, -1.0, arg(alpha))?;
    done(fop(BinaryOp::Pow, u, e.get())?)
}

/// `Random.weibullvariate(alpha, beta)`.
pub fn weibullvariate(recv: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [alpha, beta] = unary(pos, kw, "Random.weibullvariate", &["alpha", "beta"])?;
    let u = 1.0 - random_f64(recv)?;
    let e = fop(BinaryOp::TrueDiv, 1.0, arg(beta))?;
    let p = fop(BinaryOp::Pow, -log(u), e.get())?;
    done(op(BinaryOp::Mul, arg(alpha), p.get())?)
}
