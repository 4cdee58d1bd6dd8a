//! The `time` module's clocks and `sleep` (CPython 3.11's `Modules/timemodule.c` and
//! `Python/pytime.c` on Linux): `time` / `time_ns` (`CLOCK_REALTIME`), `monotonic` /
//! `monotonic_ns` and `perf_counter` / `perf_counter_ns` (both `CLOCK_MONOTONIC`, as 3.11
//! reads them), `process_time` / `process_time_ns` (`CLOCK_PROCESS_CPUTIME_ID`), `sleep`
//! (`clock_nanosleep` until a monotonic deadline).
//!
//! Relies on: `sys` (`clock_ns`, `sleep_until`); `call` for the argument checks
//! ("time.time() takes no arguments (1 given)", "time.sleep() takes exactly one argument (0
//! given)"); `dispatch::number_index` (`PyLong_AsLongLong` of a non-float).
//!
//! Provides: [`TimeFn`], [`call`], [`fill`].
//!
//! Invariants: a float time is `_PyTime_AsSecondsDouble` of the nanoseconds (an exact division
//! when they are whole seconds, else `ns as f64 / 1e9`), so it is the float CPython makes of
//! the same reading. `sleep`'s argument: ValueError "Invalid value NaN (not a number)", a float
//! rounded away from zero to nanoseconds (OverflowError "timestamp out of range for platform
//! time_t" beyond the 64-bit range, as CPython 3.11.7 reports it), an int through `__index__`
//! (OverflowError "timestamp too large to convert to C _PyTime_t"), ValueError "sleep length must
//! be non-negative". A failing `clock_nanosleep` other than EINTR (CPython's OSError, for
//! deadlines past the year 2262) returns at once.

use alloc::format;

use super::call::{exactly_one_for, no_keywords_for};
use super::module::store_owned;
use super::range::Owned;
use super::{Obj, dispatch, float, int, singletons};
use crate::ExceptionKind::{OverflowError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};
use crate::sys::{CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_REALTIME, clock_ns, sleep_until};

/// The functions of `time`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeFn {
    Monotonic,
    MonotonicNs,
    PerfCounter,
    PerfCounterNs,
    ProcessTime,
    ProcessTimeNs,
    Sleep,
    Time,
    TimeNs,
}

impl TimeFn {
    const ALL: [TimeFn; 9] = [
        TimeFn::Monotonic,
        TimeFn::MonotonicNs,
        TimeFn::PerfCounter,
        TimeFn::PerfCounterNs,
        TimeFn::ProcessTime,
        TimeFn::ProcessTimeNs,
        TimeFn::Sleep,
        TimeFn::Time,
        TimeFn::TimeNs,
    ];

    /// Its `__name__`.
    pub const fn name(self) -> &'static str {
        match self {
            TimeFn::Monotonic => "monotonic",
            TimeFn::MonotonicNs => "monotonic_ns",
            TimeFn::PerfCounter => "perf_counter",
            TimeFn::PerfCounterNs => "perf_counter_ns",
            TimeFn::ProcessTime => "process_time",
            TimeFn::ProcessTimeNs => "process_time_ns",
            TimeFn::Sleep => "sleep",
            TimeFn::Time => "time",
            TimeFn::TimeNs => "time_ns",
        }
    }

    fn builtin(self) -> crate::BuiltinFunction {
        use crate::BuiltinFunction as B;
        match self {
            TimeFn::Monotonic => B::TimeMonotonic,
            TimeFn::MonotonicNs => B::TimeMonotonicNs,
            TimeFn::PerfCounter => B::TimePerfCounter,
            TimeFn::PerfCounterNs => B::TimePerfCounterNs,
            TimeFn::ProcessTime => B::TimeProcessTime,
            TimeFn::ProcessTimeNs => B::TimeProcessTimeNs,
            TimeFn::Sleep => B::TimeSleep,
            TimeFn::Time => B::TimeTime,
            TimeFn::TimeNs => B::TimeTimeNs,
        }
    }
}

/// Stores time's functions in its namespace `d`.
pub fn fill(d: Obj) -> MoltResult<()> {
    for f in TimeFn::ALL {
        store_owned(d, f.name(), Ok(super::builtin_fn::molt_builtin_function(f.builtin().code())))?;
    }
    Ok(())
}

/// `_PyTime_AsSecondsDouble`.
fn seconds(ns: i64) -> f64 {
    if ns % 1_000_000_000 == 0 { (ns / 1_000_000_000) as f64 } else { ns as f64 / 1e9 }
}

/// `_PyTime_FromSecondsObject(obj, _PyTime_ROUND_TIMEOUT)`: nanoseconds.
fn timeout_ns(o: Obj) -> MoltResult<i64> {
    if let Some(d) = float::float_value(o) {
        if d.is_nan() {
            return fail(ValueError, "Invalid value NaN (not a number)");
        }
        let x = d * 1e9;
        let x = if x >= 0.0 { crate::sys::libm::ceil(x) } else { crate::sys::floor(x) };
        let limit = (1u64 << 63) as f64;
        if !(-limit..limit).contains(&x) {
            return fail(OverflowError, "timestamp out of range for platform time_t");
        }
        return Ok(x as i64);
    }
    let i = Owned(dispatch::number_index(o)?);
    let secs = int::int_ref(i.get()).and_then(|r| r.to_i64());
    match secs.and_then(|s| s.checked_mul(1_000_000_000)) {
        Some(ns) => Ok(ns),
        None => fail(OverflowError, "timestamp too large to convert to C _PyTime_t"),
    }
}

/// `time.sleep(secs)`.
fn sleep(o: Obj) -> MoltResult<Obj> {
    let t = timeout_ns(o)?;
    if t < 0 {
        return fail(ValueError, "sleep length must be non-negative");
    }
    let deadline = clock_ns(CLOCK_MONOTONIC).saturating_add(t);
    sleep_until(deadline);
    Ok(singletons::none())
}

/// `time.f(*pos, **kw)`.
pub fn call(f: TimeFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let who = format!("time.{}", f.name());
    if f == TimeFn::Sleep {
        return sleep(exactly_one_for(&who, pos, kw)?);
    }
    no_keywords_for(&who, kw)?;
    if !pos.is_empty() {
        return fail(TypeError, format!("{who}() takes no arguments ({} given)", pos.len()));
    }
    let secs = |clock: i32| float::box_float(seconds(clock_ns(clock)));
    let ns = |clock: i32| int::from_i64(clock_ns(clock));
    match f {
        TimeFn::Monotonic | TimeFn::PerfCounter => secs(CLOCK_MONOTONIC),
        TimeFn::MonotonicNs | TimeFn::PerfCounterNs => ns(CLOCK_MONOTONIC),
        TimeFn::ProcessTime => secs(CLOCK_PROCESS_CPUTIME_ID),
        TimeFn::ProcessTimeNs => ns(CLOCK_PROCESS_CPUTIME_ID),
        TimeFn::Time => secs(CLOCK_REALTIME),
        TimeFn::TimeNs => ns(CLOCK_REALTIME),
        TimeFn::Sleep => Ok(singletons::none()),
    }
}
