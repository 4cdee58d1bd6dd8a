//! The `gc` module: CPython 3.11's `Modules/gcmodule.c` functions that control the cycle
//! collector (`gc`): `collect`, `enable`, `disable`, `isenabled`, `get_threshold`,
//! `set_threshold`, with their Argument Clinic / `PyArg_ParseTuple` errors.
//!
//! Relies on: `gc` (`collect`, `set_enabled`, `is_enabled`, `thresholds`, `set_threshold`);
//! `call` (argument checks and the C `int` converter).
//!
//! Provides: [`GcFn`], [`fill`], [`call`].
//!
//! Invariants: the functions are builtin function objects of module `gc`; `collect()` returns
//! the number of unreachable objects Molt's collector found, which is CPython's rule applied
//! to Molt's objects: a program's cycles of instances with fixed layouts count fewer objects
//! than CPython's, whose instances each have a `__dict__`. Left out (E0111 at compile time):
//! `get_count`, `get_stats`, `get_objects`, `get_referrers`, `get_referents`, `is_tracked`,
//! `is_finalized`, `freeze`, `unfreeze`, `get_freeze_count`, `set_debug`, `get_debug`,
//! `garbage`, `callbacks` and the `DEBUG_*` constants.

use alloc::format;

use super::call::c_int_arg;
use super::module::store_owned;
use super::{Obj, gc, int, singletons, tuple};
use crate::BuiltinFunction;
use crate::ExceptionKind::{OverflowError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};

/// The functions of `gc`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GcFn {
    Collect,
    Enable,
    Disable,
    Isenabled,
    GetThreshold,
    SetThreshold,
}

const FUNCTIONS: [(GcFn, BuiltinFunction); 6] = [
    (GcFn::Collect, BuiltinFunction::GcCollect),
    (GcFn::Enable, BuiltinFunction::GcEnable),
    (GcFn::Disable, BuiltinFunction::GcDisable),
    (GcFn::Isenabled, BuiltinFunction::GcIsenabled),
    (GcFn::GetThreshold, BuiltinFunction::GcGetThreshold),
    (GcFn::SetThreshold, BuiltinFunction::GcSetThreshold),
];

impl GcFn {
    /// Its `__name__`.
    pub const fn name(self) -> &'static str {
        match self {
            GcFn::Collect => "collect",
            GcFn::Enable => "enable",
            GcFn::Disable => "disable",
            GcFn::Isenabled => "isenabled",
            GcFn::GetThreshold => "get_threshold",
            GcFn::SetThreshold => "set_threshold",
        }
    }
}

/// Fills the module's namespace.
pub fn fill(d: Obj) -> MoltResult<()> {
    for (f, id) in FUNCTIONS {
        store_owned(d, f.name(), Ok(super::builtin_fn::molt_builtin_function(id.code())))?;
    }
    Ok(())
}

/// `METH_NOARGS`: "gc.enable() takes no arguments (1 given)", "gc.isenabled() takes no keyword
/// arguments".
fn no_args(f: GcFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<()> {
    if !kw.is_empty() {
        return fail(TypeError, format!("gc.{}() takes no keyword arguments", f.name()));
    }
    if !pos.is_empty() {
        return fail(TypeError, format!("gc.{}() takes no arguments ({} given)", f.name(), pos.len()));
    }
    Ok(())
}

/// `gc.collect(generation=2)`'s argument (Argument Clinic).
fn generation_arg(pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<i32> {
    if pos.len() + kw.len() > 1 {
        return fail(TypeError, format!("collect() takes at most 1 argument ({} given)", pos.len() + kw.len()));
    }
    let arg = match (pos, kw) {
        ([g], []) => Some(*g),
        ([], [("generation", g)]) => Some(*g),
        ([], [(name, _)]) => return fail(TypeError, format!("'{name}' is an invalid keyword argument for collect()")),
        _ => None,
    };
    arg.map_or(Ok(2), c_int_arg)
}

/// `PyArg_ParseTuple`'s `i` converter: a C int, with its OverflowErrors.
fn int_arg(o: Obj) -> MoltResult<isize> {
    match super::call::ssize_arg(o) {
        Ok(v) if v > i64::from(i32::MAX) => fail(OverflowError, "signed integer is greater than maximum"),
        Ok(v) if v < i64::from(i32::MIN) => fail(OverflowError, "signed integer is less than minimum"),
        #[allow(clippy::cast_possible_truncation)]
        Ok(v) => Ok(v as isize),
        Err(e) if e.kind == OverflowError => fail(OverflowError, "Python int too large to convert to C long"),
        Err(e) => Err(e),
    }
}

/// `f(*pos, **kw)` with CPython's argument checks.
pub fn call(f: GcFn, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    match f {
        GcFn::Collect => {
            let generation = generation_arg(pos, kw)?;
            let Ok(generation) = usize::try_from(generation) else { return fail(ValueError, "invalid generation") };
            if generation >= gc::NUM_GENERATIONS {
                return fail(ValueError, "invalid generation");
            }
            #[allow(clippy::cast_possible_wrap)]
            int::from_i64(gc::collect(generation) as i64)
        }
        GcFn::Enable | GcFn::Disable => {
            no_args(f, pos, kw)?;
            gc::set_enabled(f == GcFn::Enable);
            Ok(singletons::none())
        }
        GcFn::Isenabled => {
            no_args(f, pos, kw)?;
            Ok(singletons::bool_obj(gc::is_enabled()))
        }
        GcFn::GetThreshold => {
            no_args(f, pos, kw)?;
            let [a, b, c] = gc::thresholds();
            #[allow(clippy::cast_possible_wrap)]
            tuple::tuple_from_results([int::from_i64(a as i64), int::from_i64(b as i64), int::from_i64(c as i64)])
        }
        GcFn::SetThreshold => {
            if !kw.is_empty() {
                return fail(TypeError, "set_threshold() takes no keyword arguments");
            }
            match pos.len() {
                0 => return fail(TypeError, "set_threshold() takes at least 1 argument (0 given)"),
                n if n > 3 => return fail(TypeError, format!("set_threshold() takes at most 3 arguments ({n} given)")),
                _ => {}
            }
            let mut values = [None; 3];
            for (slot, &a) in values.iter_mut().zip(pos) {
                *slot = Some(int_arg(a)?);
            }
            for (generation, v) in values.into_iter().enumerate() {
                if let Some(v) = v {
                    gc::set_threshold(generation, v);
                }
            }
            Ok(singletons::none())
        }
    }
}
