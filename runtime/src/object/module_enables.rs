//! The native modules' entry points (`molt_enable_module_*`, one per module): the compiler
//! calls a module's before the program imports it, which registers the module's namespace
//! filler and the call of its functions with `module::register`. Reached only through these
//! functions, a module's code is linked only into the programs that import it.
//!
//! Relies on: each module's `fill` and `call`. Provides: the ABI's `molt_enable_module_*`, and
//! [`enable_all`] for the runtime's own tests.
//!
//! Invariants: a module's hooks are registered before its first import (`module::import`
//! refuses an unregistered module as a compiler bug); registering twice is harmless.

use super::Obj;
use super::module::{ModuleHooks, register};
use super::native_fn::NativeFn;
use crate::NativeModule;
use crate::exceptions::{MoltResult, fail};

/// The call of a module without functions of its own (its names are types and objects).
fn no_functions(_: NativeFn, _: &[Obj], _: &[(&str, Obj)]) -> MoltResult<Obj> {
    fail(crate::ExceptionKind::TypeError, "a function called through a module that has none (a runtime bug)")
}

/// A function of another module than the one whose hooks were asked for.
fn wrong_module() -> MoltResult<Obj> {
    fail(crate::ExceptionKind::TypeError, "a module function called through another module's hooks (a runtime bug)")
}

/// One module's hooks and entry point: `$fname` registers `$fill` and, for a module with
/// functions of its own, the call of its `NativeFn::$variant` functions through `$call`.
macro_rules! module_entry {
    ($fname:ident, $hooks:ident, $module:ident, $fill:path $(, $variant:ident => $call:path)?) => {
        static $hooks: ModuleHooks = ModuleHooks {
            fill: $fill,
            call: module_entry!(@call $($variant => $call)?),
        };

        /// The program imports this module (see the module doc).
        #[unsafe(no_mangle)]
        pub extern "C" fn $fname() {
            register(NativeModule::$module, &$hooks);
        }
    };
    (@call $variant:ident => $call:path) => {
        |f, pos, kw| if let NativeFn::$variant(g) = f { $call(g, pos, kw) } else { wrong_module() }
    };
    (@call) => {
        no_functions
    };
}

module_entry!(molt_enable_module_math, MATH, Math, super::math::fill, Math => super::math::call);
module_entry!(molt_enable_module_sys, SYS, Sys, super::sys_module::fill, Sys => super::sys_module::call);
module_entry!(molt_enable_module_time, TIME, Time, super::time_module::fill, Time => super::time_module::call);
module_entry!(molt_enable_module_typing, TYPING, Typing, super::typing::fill, Typing => super::typing::call);
module_entry!(molt_enable_module_random, RANDOM, Random, super::random::fill);
module_entry!(molt_enable_module_itertools, ITERTOOLS, Itertools, super::itertools::fill, Itertools => super::itertools::call);
module_entry!(molt_enable_module_heapq, HEAPQ, Heapq, super::heapq::fill, Heapq => super::heapq::call);
module_entry!(molt_enable_module_bisect, BISECT, Bisect, super::bisect::fill, Bisect => super::bisect::call);
module_entry!(molt_enable_module_functools, FUNCTOOLS, Functools, super::functools::fill, Functools => super::functools::call);
module_entry!(molt_enable_module_enum, ENUM, Enum, super::enum_module::fill);
module_entry!(molt_enable_module_copy, COPY, Copy, super::copy_module::fill);
module_entry!(molt_enable_module_abc, ABC, Abc, super::abc_module::fill);
module_entry!(molt_enable_module_io, IO, Io, super::stringio::fill);
module_entry!(molt_enable_module_re, RE, Re, super::re::module::fill);
module_entry!(molt_enable_module_operator, OPERATOR, Operator, super::operator_module::fill, Operator => super::operator_module::call);
module_entry!(molt_enable_module_gc, GC, Gc, super::gc_module::fill, Gc => super::gc_module::call);

module_entry!(molt_enable_module_json, JSON, Json, super::json::fill);

static CONTEXTLIB: ModuleHooks = ModuleHooks { fill: super::contextlib::fill, call: no_functions };

/// The program imports `contextlib` (its names are classes and function objects: no
/// functions called through the module's hooks).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_contextlib() {
    register(NativeModule::Contextlib, &CONTEXTLIB);
}

static COLLECTIONS: ModuleHooks = ModuleHooks {
    fill: super::collections::fill,
    call: |f, pos, kw| if let NativeFn::Collections(g) = f { super::collections::call(g, pos, kw) } else { wrong_module() },
};

/// The program imports `collections`; `Counter.elements()` is `chain.from_iterable(...)`, a
/// function of `itertools`, which comes with it.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_collections() {
    register(NativeModule::Collections, &COLLECTIONS);
    molt_enable_module_itertools();
}

static STRING: ModuleHooks = ModuleHooks {
    fill: super::string_module::fill,
    call: |f, pos, kw| if let NativeFn::String(g) = f { super::string_module::call(g, pos, kw) } else { wrong_module() },
};

/// The program imports `string`; `capwords` calls `str.split`, `str.capitalize` and
/// `str.join`, whose method groups come with it.
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_string() {
    register(NativeModule::String, &STRING);
    super::str_methods::molt_enable_str_methods();
    super::str_methods::molt_enable_str_title_methods();
}

/// Every module's hooks (the runtime's tests import modules without a compiled program).
#[cfg(test)]
pub fn enable_all() {
    molt_enable_module_math();
    molt_enable_module_sys();
    molt_enable_module_time();
    molt_enable_module_typing();
    molt_enable_module_random();
    molt_enable_module_itertools();
    molt_enable_module_collections();
    molt_enable_module_heapq();
    molt_enable_module_bisect();
    molt_enable_module_functools();
    molt_enable_module_enum();
    molt_enable_module_copy();
    molt_enable_module_abc();
    molt_enable_module_io();
    molt_enable_module_re();
    molt_enable_module_string();
    molt_enable_module_operator();
    molt_enable_module_contextlib();
    molt_enable_module_gc();
    molt_enable_module_json();
}
