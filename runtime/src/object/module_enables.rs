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

static MATH: ModuleHooks = ModuleHooks { fill: super::math::fill, call: |f, pos, kw| if let NativeFn::Math(g) = f { super::math::call(g, pos, kw) } else { wrong_module() } };

/// `import math` is coming (see the module doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_math() {
    register(NativeModule::Math, &MATH);
}

static SYS: ModuleHooks = ModuleHooks { fill: super::sys_module::fill, call: |f, pos, kw| if let NativeFn::Sys(g) = f { super::sys_module::call(g, pos, kw) } else { wrong_module() } };

/// `import sys` is coming (see the module doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_sys() {
    register(NativeModule::Sys, &SYS);
}

static TIME: ModuleHooks = ModuleHooks { fill: super::time_module::fill, call: |f, pos, kw| if let NativeFn::Time(g) = f { super::time_module::call(g, pos, kw) } else { wrong_module() } };

/// `import time` is coming (see the module doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_time() {
    register(NativeModule::Time, &TIME);
}

static TYPING: ModuleHooks = ModuleHooks { fill: super::typing::fill, call: |f, pos, kw| if let NativeFn::Typing(g) = f { super::typing::call(g, pos, kw) } else { wrong_module() } };

/// `import typing` is coming (see the module doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_typing() {
    register(NativeModule::Typing, &TYPING);
}

static RANDOM: ModuleHooks = ModuleHooks { fill: super::random::fill, call: no_functions };

/// `import random` is coming (see the module doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_random() {
    register(NativeModule::Random, &RANDOM);
}

static ITERTOOLS: ModuleHooks = ModuleHooks { fill: super::itertools::fill, call: |f, pos, kw| if let NativeFn::Itertools(g) = f { super::itertools::call(g, pos, kw) } else { wrong_module() } };

/// `import itertools` is coming (see the module doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_itertools() {
    register(NativeModule::Itertools, &ITERTOOLS);
}

static COLLECTIONS: ModuleHooks = ModuleHooks { fill: super::collections::fill, call: |f, pos, kw| if let NativeFn::Collections(g) = f { super::collections::call(g, pos, kw) } else { wrong_module() } };

/// `import collections` is coming (see the module doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_collections() {
    register(NativeModule::Collections, &COLLECTIONS);
    // `Counter.elements()` is `chain.from_iterable(...)`, a function of `itertools`.
    molt_enable_module_itertools();
}

static HEAPQ: ModuleHooks = ModuleHooks { fill: super::heapq::fill, call: |f, pos, kw| if let NativeFn::Heapq(g) = f { super::heapq::call(g, pos, kw) } else { wrong_module() } };

/// `import heapq` is coming (see the module doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_heapq() {
    register(NativeModule::Heapq, &HEAPQ);
}

static BISECT: ModuleHooks = ModuleHooks { fill: super::bisect::fill, call: |f, pos, kw| if let NativeFn::Bisect(g) = f { super::bisect::call(g, pos, kw) } else { wrong_module() } };

/// `import bisect` is coming (see the module doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_bisect() {
    register(NativeModule::Bisect, &BISECT);
}

static FUNCTOOLS: ModuleHooks = ModuleHooks { fill: super::functools::fill, call: |f, pos, kw| if let NativeFn::Functools(g) = f { super::functools::call(g, pos, kw) } else { wrong_module() } };

/// `import functools` is coming (see the module doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_functools() {
    register(NativeModule::Functools, &FUNCTOOLS);
}

static ENUM: ModuleHooks = ModuleHooks { fill: super::enum_module::fill, call: no_functions };

/// `import enum` is coming (see the module doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_enum() {
    register(NativeModule::Enum, &ENUM);
}

static COPY: ModuleHooks = ModuleHooks { fill: super::copy_module::fill, call: no_functions };

/// `import copy` is coming (see the module doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_copy() {
    register(NativeModule::Copy, &COPY);
}

static ABC: ModuleHooks = ModuleHooks { fill: super::abc_module::fill, call: no_functions };

/// `import abc` is coming (see the module doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_abc() {
    register(NativeModule::Abc, &ABC);
}

static IO: ModuleHooks = ModuleHooks { fill: super::stringio::fill, call: no_functions };

/// `import io` is coming (see the module doc).
#[unsafe(no_mangle)]
pub extern "C" fn molt_enable_module_io() {
    register(NativeModule::Io, &IO);
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
}
