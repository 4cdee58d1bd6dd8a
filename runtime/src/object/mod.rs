//! The object model: reference words, object headers, reference counting.
//!
//! Relies on: the representation decided in `abi.rs` (decisions/0011): a reference word is a
//! *small int* (value << 1, low bit 0, 63-bit signed range) or a *heap reference* (address of an
//! 8-aligned object + `OBJ_TAG`). Every object — heap or static — starts with a [`Header`]
//! {reference count at `OBJ_RC_OFFSET`, type object address at `OBJ_TYPE_OFFSET`}; generated code
//! reads and writes both fields inline, so their offsets are asserted below at compile time.
//!
//! Provides: [`Obj`] (the reference word, `#[repr(transparent)]` over `u64` so it travels in one
//! register across `extern "C"`), [`Header`], [`StaticObject`] (what the ABI's `objects` block
//! requires of each exported static), [`incref`] / [`decref`], `molt_obj_dealloc`, and the
//! submodules: `types` (type objects and slot lookup), `singletons` (None, True, False,
//! NotImplemented), `int` + `bigint` + `int_float` (Python ints), `float`, `str`, `tuple`,
//! `list` + `list_methods` + `list_sort` + `list_slice` (lists, their methods, timsort, slice
//! assignment), `dict` + `dict_methods` + `dict_views` (dicts, their methods, views and
//! iterators), `set` + `set_methods` (set and frozenset, their algebra and methods), `bytes` +
//! `bytes_methods` (bytes objects and their methods), `codecs` + `codec_names` (`str.encode`,
//! `bytes.decode`: the utf-8, ascii and latin-1 codecs and CPython's codec names), `call`
//! (method calls and their argument checks), `callable` (calls of values, `callable()`, the
//! current frame depth), `function` (function objects, their argument binding, cells),
//! `builtin_fn` (builtin functions as values), `construct` (calls of classes), `map_filter`
//! (`map` and `filter`), `slice` (slicing, slice assignment and deletion), `iter` (the iteration protocol, the tuple, list and str iterators, `molt_iter_done`),
//! `range` (range objects and their iterators), `builtins_iter` (`enumerate`, `zip`,
//! `reversed`, `sum`, `any`, `all`, `min`, `max`, `next`, `iter`), `builtins_num` (`round`,
//! `divmod`, `ord`, `chr`, `id`),
//! `exception` (exception objects and the builtin exception classes), `dispatch` (CPython's
//! operator, subscription and containment protocols), `convert` (`int()` / `float()`),
//! `format` (`format()` with the format-spec mini-language, `ascii()`),
//! `alloc` (allocation, per-type allocation counts, the float free list, deferred frees, the
//! leak report), `gc` (the cycle collector: CPython's generational trial deletion over the
//! container kinds), `class` (classes a program makes: heap type objects, their MRO and
//! attributes, `molt_class_new`), `layout` (the slots a class's instances keep attributes in),
//! `instance` (their instances, `molt_instance_new`, and the generic attribute protocol), `descr` (bound methods, staticmethod, classmethod, property, the builtin classes'
//! methods as values), `super_` (`super`), `slots` (the dunder dispatch of user classes and
//! calling them), `module` (module objects and `molt_import_native`), `user_module` (the program's own modules, `molt_import_user`), `native_fn` (the runtime's
//! modules' functions as builtin functions), `math`, `sys_module` + `textio` (`sys`, its
//! stdout and stderr objects), `time_module`, `typing` (the modules the runtime implements,
//! `NativeModule`; decisions/0027).
//!
//! Invariants: every [`Obj`] value that exists is a small int or a reference to a live object
//! (reading through one is therefore safe; only [`decref`], which may end an object's life, is
//! `unsafe`). Functions borrow their `Obj` arguments and return new references, as in the ABI.
//! An object's type is a static type object, or a class the program made (`class`), which
//! every instance keeps alive by a reference of its own.
//! Heap ints are never in the small-int range (results are normalised), so two ints are equal
//! exactly when both are small with equal words or both are big with equal values. Static
//! objects start at `IMMORTAL_RC` and are never freed. A heap object whose count reaches zero
//! is freed at once (`alloc::free_object`; the objects it releases in turn before that call
//! returns, without recursion); containers that only a reference cycle keeps alive are freed by
//! the cycle collector (`gc`), which may run at any allocation of a container (its module doc
//! states what every runtime function must therefore guarantee); a float's block may be kept for reuse by a later
//! float (`alloc`'s free list), but the object is dead and counted as freed all the same.
//! Programs are single-threaded; counts are atomics only so that Rust statics are sound (plain
//! loads and stores, no read-modify-write).

use core::sync::atomic::{AtomicI64, Ordering};

pub mod abc_module;
pub mod alloc;
pub mod attr_cache;
pub mod attrs;
pub mod bigint;
pub mod bisect;
pub mod bytes;
pub mod bytes_methods;
pub mod builtin_fn;
pub mod builtin_sub;
pub mod string_module;
pub mod operator_module;
pub mod builtin_dunder;
pub mod contextlib;
pub mod gc_module;
pub mod json;
pub mod native_class;
pub mod builtins_iter;
pub mod builtins_num;
pub mod call;
pub mod callable;
pub mod class;
pub mod codec_names;
pub mod codecs;
pub mod collections;
pub mod construct;
pub mod convert;
pub mod copy_module;
pub mod descr;
pub mod dict;
pub mod dict_ext;
pub mod dict_methods;
mod dict_probe;
pub mod dict_views;
pub mod dispatch;
pub mod enum_module;
pub mod dir_table;
pub mod exception;
pub mod fileio;
pub mod stringio;
pub mod module_enables;
pub mod float;
pub mod format;
pub mod function;
pub mod functools;
pub mod gc;
pub mod generator;
pub mod generic_alias;
pub mod heapq;
pub mod yield_from;
pub mod instance;
pub mod introspect;
pub mod int;
pub mod int_float;
pub mod iter;
pub mod layout;
pub mod list;
pub mod list_methods;
pub mod list_slice;
pub mod list_sort;
mod list_sort_plain;
pub mod itertools;
pub mod map_filter;
pub mod math;
pub mod module;
pub mod module_kinds;
pub mod mro_cache;
pub mod native_fn;
pub mod number_methods;
pub mod os_error;
pub mod exception_members;
pub mod syntax_error;
pub mod pattern;
pub mod random;
pub mod re;
pub mod range;
pub mod set;
pub mod set_methods;
pub mod singletons;
pub mod slice;
pub mod slice_obj;
pub mod slots;
pub mod str;
pub mod str_builder;
pub mod str_format;
pub mod str_methods;
pub mod str_scan;
pub mod str_methods_case;
pub mod stdin;
pub mod str_translate;
pub mod struct_seq;
pub mod suggest;
pub mod super_;
pub mod sys_module;
#[cfg(test)]
mod tests;
pub mod textio;
pub mod time_module;
pub mod tuple;
pub mod unicode_error;
pub mod typing;
pub mod typing_generic;
pub mod user_module;
pub mod types;
pub mod with_stmt;

pub use types::TypeObject;

/// The smallest small int: -2^62.
pub const SMALL_MIN: i64 = -(1 << (crate::SMALL_INT_BITS - 1));
/// The largest small int: 2^62 - 1.
pub const SMALL_MAX: i64 = (1 << (crate::SMALL_INT_BITS - 1)) - 1;

/// A reference word: a small int or a heap reference (see the module doc).
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Obj(u64);

impl Obj {
    /// The small int `value`, if it is in the small-int range.
    pub const fn small(value: i64) -> Option<Obj> {
        if value >= SMALL_MIN && value <= SMALL_MAX {
            Some(Obj((value << 1) as u64))
        } else {
            None
        }
    }

    /// The raw word (what generated code holds).
    pub const fn raw(self) -> u64 {
        self.0
    }

    /// The word `raw` as an `Obj`.
    ///
    /// # Safety
    /// `raw` must be a small int word or a reference to a live object (the `Obj` invariant).
    pub const unsafe fn from_raw(raw: u64) -> Obj {
        Obj(raw)
    }

    /// A reference to a static object.
    pub fn from_static<T: StaticObject>(object: &'static T) -> Obj {
        Obj(core::ptr::from_ref(object) as u64 + crate::OBJ_TAG as u64)
    }

    /// A reference to the object whose header is at `header`.
    ///
    /// # Safety
    /// `header` must point to a live, initialised object (8-aligned).
    pub(crate) unsafe fn from_header(header: *const Header) -> Obj {
        Obj(header as u64 + crate::OBJ_TAG as u64)
    }

    /// True for a small int.
    pub const fn is_small(self) -> bool {
        self.0 & crate::OBJ_TAG as u64 == 0
    }

    /// The value of a small int.
    pub const fn small_value(self) -> Option<i64> {
        if self.is_small() {
            Some((self.0 as i64) >> 1)
        } else {
            None
        }
    }

    /// The header of a heap or static object (None for a small int).
    pub fn header_ptr(self) -> Option<*const Header> {
        if self.is_small() {
            None
        } else {
            Some((self.0 - crate::OBJ_TAG as u64) as *const Header)
        }
    }

    /// The object's type (`int` for a small int).
    pub fn type_of(self) -> &'static TypeObject {
        match self.header_ptr() {
            // SAFETY: the `Obj` invariant: a heap reference points to a live object's header.
            Some(h) => unsafe { (*h).ty },
            None => &int::molt_type_int,
        }
    }

    /// The current reference count (None for a small int).
    pub fn refcount(self) -> Option<i64> {
        // SAFETY: the `Obj` invariant.
        self.header_ptr()
            .map(|h| unsafe { (*h).rc.load(Ordering::Relaxed) })
    }

    /// Identity (Python's `is`).
    pub fn is(self, other: Obj) -> bool {
        self == other
    }
}

/// The header every object starts with (layout fixed by `abi.rs`).
#[repr(C)]
pub struct Header {
    /// The reference count (`IMMORTAL_RC` for static objects). Generated code adjusts it
    /// inline, single-threaded; the runtime uses plain (relaxed) loads and stores.
    pub rc: AtomicI64,
    /// The object's type.
    pub ty: &'static TypeObject,
}

impl Header {
    /// The header of a static object of type `ty`.
    pub const fn immortal(ty: &'static TypeObject) -> Header {
        Header {
            rc: AtomicI64::new(crate::IMMORTAL_RC),
            ty,
        }
    }
}

const _: () = {
    assert!(core::mem::offset_of!(Header, rc) as i64 == crate::OBJ_RC_OFFSET);
    assert!(core::mem::offset_of!(Header, ty) as i64 == crate::OBJ_TYPE_OFFSET);
    assert!(core::mem::align_of::<Header>() >= 8);
    assert!(core::mem::size_of::<Obj>() == 8);
    assert!(crate::OBJ_TAG == 1);
};

/// A static object that generated code may reference (the ABI's `objects` block): a
/// `#[repr(C)]` struct whose first field is a [`Header`].
///
/// # Safety
/// Implementors must be `#[repr(C)]` with a [`Header`] as their first field, and every static of
/// the type must start with `IMMORTAL_RC` and a type object whose slots understand it.
pub unsafe trait StaticObject: Sync + 'static {}

/// Adds a reference (a no-op for small ints).
pub fn incref(o: Obj) {
    if let Some(h) = o.header_ptr() {
        // SAFETY: the `Obj` invariant.
        let rc = unsafe { &(*h).rc };
        rc.store(rc.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
    }
}

/// Gives up a reference; frees the object when it was the last one.
///
/// # Safety
/// The caller owns a reference to `o` and does not use `o` (or copies of it that stood for this
/// reference) afterwards.
pub unsafe fn decref(o: Obj) {
    if let Some(h) = o.header_ptr() {
        // SAFETY: the `Obj` invariant; the caller owns a reference, so the count is positive.
        let rc = unsafe { &(*h).rc };
        let n = rc.load(Ordering::Relaxed) - 1;
        rc.store(n, Ordering::Relaxed);
        if n == 0 {
            // SAFETY: that was the last reference.
            unsafe { alloc::free_object(o) }
        }
    }
}

/// [`decref`] with the decrement inlined and the freeing out of line: for the runtime's fast
/// paths that drop an object they rarely free (an item replaced by `a[i] = v`).
///
/// # Safety
/// As for [`decref`].
#[inline(always)]
pub unsafe fn decref_inline(o: Obj) {
    if let Some(h) = o.header_ptr() {
        // SAFETY: the `Obj` invariant; the caller owns a reference, so the count is positive.
        let rc = unsafe { &(*h).rc };
        let n = rc.load(Ordering::Relaxed) - 1;
        rc.store(n, Ordering::Relaxed);
        if n == 0 {
            // SAFETY: that was the last reference.
            unsafe { free_cold(o) }
        }
    }
}

#[cold]
#[inline(never)]
unsafe fn free_cold(o: Obj) {
    // SAFETY: forwarded contract (the last reference).
    unsafe { alloc::free_object(o) }
}

/// Returns a new reference to `o` (increments and passes it on).
pub fn new_ref(o: Obj) -> Obj {
    incref(o);
    o
}

/// Frees an object whose reference count has just reached zero (generated code decrements
/// inline and calls this at zero). Consumes `value`. Small ints and static objects are ignored.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_dealloc(value: Obj) {
    // SAFETY: generated code calls this only when the count of a heap object reached zero, so
    // no other reference remains.
    unsafe { alloc::free_object(value) }
}

/// Drops one reference (small ints are left alone): the out-of-line form of the inline
/// decrement, for cold paths.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_decref(value: Obj) {
    // SAFETY: generated code gives up a reference it owns.
    unsafe { decref(value) }
}

/// The C functions of the object model, re-exported at the crate root (the ABI checks and the
/// linker see them there).
pub mod abi {
    pub use super::attr_cache::{molt_obj_call_method_cached, molt_obj_getattr_cached, molt_obj_lookup_method_cached, molt_obj_setattr_cached};
    pub use super::attrs::{
        molt_builtin_class, molt_exc_matches_class, molt_exception_class,
        molt_obj_delattr, molt_obj_getattr, molt_obj_isinstance, molt_obj_setattr, molt_obj_type,
    };
    pub use super::bytes::{molt_bytes_const, molt_enable_bytes};
    pub use super::number_methods::molt_enable_number_methods;
    pub use super::pattern::{molt_match_class, molt_match_keys, molt_match_mapping, molt_match_sequence};
    pub use super::class::molt_class_new;
    pub use super::instance::molt_instance_new;
    pub use super::convert::{molt_obj_to_float, molt_obj_to_int};
    pub use super::call::{molt_obj_call_method, molt_obj_lookup_method};
    pub use super::dispatch::{
        molt_obj_binop, molt_obj_compare, molt_obj_contains, molt_obj_delitem, molt_obj_getitem,
        molt_obj_hash, molt_obj_index, molt_obj_inplace_binop, molt_obj_len, molt_obj_repr, molt_obj_setitem,
        molt_obj_str, molt_obj_truth, molt_obj_unop, molt_print_obj,
    };
    pub use super::float::{molt_box_float, molt_type_float};
    pub use super::math::{molt_math_float, molt_math_obj};
    pub use super::format::{molt_obj_ascii, molt_obj_format};
    pub use super::int::{
        molt_int_binop, molt_int_cmp, molt_int_from_decimal, molt_int_from_i64, molt_int_to_i64,
        molt_int_unop, molt_print_int, molt_type_int,
    };
    pub use super::int_float::{
        molt_cmp_int_float, molt_float_to_int, molt_int_to_float, molt_int_truediv,
    };
    pub use super::builtins_iter::{
        molt_all, molt_any, molt_enumerate, molt_iter, molt_min_max, molt_next, molt_reversed,
        molt_sum, molt_zip,
    };
    pub use super::builtins_num::{molt_chr, molt_divmod, molt_id, molt_ord, molt_round};
    pub use super::range::molt_range_new;
    pub use super::builtin_fn::molt_builtin_function;
    pub use super::callable::{molt_call, molt_call_args, molt_call_ex, molt_kwargs_merge};
    pub use super::function::{
        molt_cell_delete, molt_cell_get, molt_cell_new, molt_cell_set, molt_function_cell,
        molt_function_new,
    };
    pub use super::map_filter::{molt_filter, molt_map};
    pub use super::generator::{molt_gen_new, molt_gen_sent};
    pub use super::yield_from::{molt_yf_done, molt_yf_send};
    pub use super::module::molt_import_native;
    pub use super::module_enables::{molt_enable_module_math, molt_enable_module_sys, molt_enable_module_time, molt_enable_module_typing, molt_enable_module_random, molt_enable_module_itertools, molt_enable_module_collections, molt_enable_module_heapq, molt_enable_module_bisect, molt_enable_module_functools, molt_enable_module_enum, molt_enable_module_copy, molt_enable_module_abc, molt_enable_module_io, molt_enable_module_re, molt_enable_module_string, molt_enable_module_operator, molt_enable_module_contextlib, molt_enable_module_gc, molt_enable_module_json};
    pub use super::user_module::{molt_import_from, molt_import_user};
    pub use super::iter::{molt_iter_done, molt_iter_next, molt_obj_iter, molt_obj_unpack, molt_obj_unpack_ex};
    pub use super::{molt_obj_dealloc, molt_obj_decref};
    pub use super::singletons::{molt_ellipsis, molt_false, molt_none, molt_not_implemented, molt_true};
    pub use super::with_stmt::{molt_with_enter, molt_with_exit};
    pub use super::list::{
        molt_list_append, molt_list_extend_star, molt_list_from_iter, molt_list_getitem, molt_list_setitem, molt_list_to_tuple, molt_list_init, molt_list_new, molt_type_list,
    };
    pub use super::dict::{molt_dict_from, molt_dict_new, molt_dict_set, molt_type_dict};
    pub use super::dict_methods::{molt_dict_update, molt_enable_dict_fromkeys};
    pub use super::builtin_sub::molt_enable_builtin_subclasses;
    pub use super::slice_obj::molt_enable_slices;
    pub use super::attrs::molt_enable_protocol_methods;
    pub use super::generic_alias::molt_enable_generic_alias;
    pub use super::stdin::molt_enable_stdin;
    pub use super::fileio::molt_enable_files;
    pub use super::exception::molt_enable_exception_classes;
    pub use super::set::{
        molt_frozenset_from_iter, molt_set_add, molt_set_from_iter, molt_set_new,
        molt_type_frozenset, molt_type_set,
    };
    pub use super::slice::{molt_obj_delslice, molt_obj_getslice, molt_obj_setslice};
    pub use super::str::{molt_enable_str_mod, molt_str_build, molt_str_const, molt_str_from_utf8, molt_type_str};
    pub use super::str_builder::{molt_sb_add, molt_sb_finish, molt_sb_format, molt_sb_format_float, molt_sb_format_obj, molt_sb_new, molt_sb_text};
    pub use super::str_methods::{
        molt_enable_str_case_methods, molt_enable_str_class_methods, molt_enable_str_format,
        molt_enable_str_methods, molt_enable_str_title_methods,
    };
    pub use super::tuple::{molt_tuple_from, molt_tuple_init, molt_tuple_item, molt_tuple_new, molt_tuple_shape_is, molt_type_tuple};
}
