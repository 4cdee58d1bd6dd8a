// The runtime's C ABI, declared once.
//
// This file is `include!`d by the runtime (which checks at compile time that every function
// below exists with exactly this signature) and by the compiler's code generator (which declares
// these symbols in every LLVM module it emits). Nothing else may hand-copy a symbol name, a
// signature or a constant from here. Change it here and both sides follow.
//
// Argument and result types are ABI type names: `i64`, `i32`, `f64`, `bool` (an `i1` in LLVM,
// a C `_Bool` / Rust `bool` in the ABI), `ptr` (a `*const u8`), `obj` (a reference word, an
// `i64` in LLVM and `object::Obj` in the runtime: see "Objects" below), `void`.
//
// Objects (decisions/0011): a reference word is either a *small int* — the int's value shifted
// left by one, low bit 0 (63-bit signed range) — or a *heap reference* — the address of an
// object (8-byte aligned) plus 1, low bit 1. Every heap object starts with a header: the
// reference count (i64, at OBJ_RC_OFFSET) and its type object's address (at OBJ_TYPE_OFFSET).
// Static objects (None, True, False, type objects) start with a count of IMMORTAL_RC and are
// never freed. Ownership: functions *borrow* their `obj` arguments and return a *new
// reference* (the caller owns it), unless their doc says otherwise. A function that returns a
// new object may raise MemoryError; a function that raised returns the word 0 (the small int 0,
// safe to drop) as its placeholder result.

molt_abi! {
    functions {
        // --- printing (stdout is buffered; flushed at exit) ---
        /// Writes the repr of a Python int (small or big); ValueError beyond 4300 digits.
        fn molt_print_int(value: obj) -> void;
        /// Writes the repr of a Python float (`0.1`, `1e+16`, `inf`, `nan`, `-0.0`).
        fn molt_print_float(value: f64) -> void;
        /// Writes `True` or `False`.
        fn molt_print_bool(value: bool) -> void;
        /// Writes `None`.
        fn molt_print_none() -> void;
        /// Writes `len` bytes of UTF-8 text.
        fn molt_print_str(text: ptr, len: i64) -> void;
        /// Writes `str(value)` of any object. May raise (a `__str__` that raises, later).
        fn molt_print_obj(value: obj) -> void;

        // --- exceptions (explicit error returns; see decisions/0005) ---
        /// Sets the pending exception: kind is one of `exception_kinds`, msg is UTF-8.
        fn molt_raise(kind: i32, msg: ptr, len: i64) -> void;
        /// The pending exception as an exception object (its class, argument, traceback frames
        /// and context), cleared from the pending state: the start of an `except` handler.
        /// `None` when nothing is pending. If the object cannot be allocated, a MemoryError is
        /// left pending and the result is the word 0: it matches no kind, and re-raising it
        /// keeps the MemoryError pending.
        fn molt_exc_fetch() -> obj;
        /// Whether exception object `exc` is an instance of exception kind `kind` (its class or a
        /// subclass in CPython's hierarchy): an `except KIND` clause's test.
        fn molt_exc_matches(exc: obj, kind: i32) -> bool;
        /// Makes exception object `exc` pending again with the traceback frames it carries (a
        /// bare `raise`, or the end of a handler that did not match); its context is left as it
        /// is, and frames recorded afterwards are appended (outer frames). Consumes `exc` (the
        /// pending state keeps the caller's reference). For a non-exception (a failed fetch's 0)
        /// the pending exception stays, or TypeError.
        fn molt_exc_reraise(exc: obj) -> void;
        /// Raises a new exception of kind `kind`: `raise KIND(arg)` when `has_arg`, else
        /// `raise KIND` / `raise KIND()`. `str()` of it is `str(arg)` (`repr(arg)` for KeyError, as
        /// in CPython; `''` without one). While an exception is being handled it becomes the new
        /// one's context (as for `molt_raise` and the runtime's own errors).
        fn molt_raise_new(kind: i32, arg: obj, has_arg: bool) -> void;
        /// A new exception object of kind `kind` (`KIND(arg)` when `has_arg`, else `KIND()`), not
        /// raised.
        fn molt_exc_new(kind: i32, arg: obj, has_arg: bool) -> obj;
        /// `raise exc` (`raise exc from cause` when `has_cause`): `exc` (borrowed) must be an
        /// exception object (TypeError "exceptions must derive from BaseException"); `cause` an
        /// exception object or None (TypeError "exception causes must derive from
        /// BaseException"), which becomes `__cause__` and sets `__suppress_context__`. The
        /// exception being handled becomes its context, as for every raise.
        fn molt_raise_obj(exc: obj, cause: obj, has_cause: bool) -> void;
        /// A bare `raise` outside the function's own `except` clauses: re-raises the exception
        /// a caller is handling (the innermost `molt_exc_handling_begin` not yet ended), or
        /// RuntimeError("No active exception to reraise").
        fn molt_raise_active() -> void;
        /// Enters an `except` block handling `exc` (borrowed): an exception raised until the
        /// matching `molt_exc_handling_end` gets `exc` as its context, printed as CPython does
        /// ("During handling of the above exception, another exception occurred:").
        fn molt_exc_handling_begin(exc: obj) -> void;
        /// Leaves the innermost `except` block.
        fn molt_exc_handling_end() -> void;
        /// Records one traceback frame while a pending exception leaves a function: the source
        /// line (stripped of its indentation) and the line of location markers under it (with
        /// its indent; empty for none), as CPython 3.11 prints them.
        fn molt_traceback_push(file: ptr, file_len: i64, func: ptr, func_len: i64, line: i64, text: ptr, text_len: i64, carets: ptr, carets_len: i64) -> void;

        // --- float helpers whose CPython semantics are too long to inline ---
        /// CPython's float `//`; raises ZeroDivisionError on a zero divisor.
        fn molt_float_floordiv(a: f64, b: f64) -> f64;
        /// CPython's float `%` (result takes the divisor's sign); raises ZeroDivisionError.
        fn molt_float_mod(a: f64, b: f64) -> f64;
        /// CPython's float `**`, errors included (ZeroDivisionError, OverflowError; NotImplementedError
        /// where CPython's result would be complex).
        fn molt_float_pow(a: f64, b: f64) -> f64;
        /// `math.FN(x)` of a float, `code` the `BuiltinFunction` of a `math` function of one real
        /// number (`MathSqrt`, …): CPython's result and errors (ValueError "math domain error",
        /// OverflowError "math range error").
        fn molt_math_float(code: i32, x: f64) -> f64;
        /// `math.FN(x)` of any value, `code` as for `molt_math_float`: the module function called
        /// with `x` (its conversion of `x` and its errors); always a float.
        fn molt_math_obj(code: i32, x: obj) -> f64;
        /// int(float): truncation, a big int when needed; raises OverflowError ("cannot convert
        /// float infinity to integer") / ValueError ("cannot convert float NaN to integer").
        fn molt_float_to_int(value: f64) -> obj;

        // --- ints: the slow paths of generated code's inline small-int fast paths ---
        /// `a op b` for two ints (small or big) with CPython's semantics; `op` is a `BinaryOp`
        /// (`TrueDiv` excepted: see `molt_int_truediv`). `Pow` with a negative exponent returns
        /// a float object, as CPython does (`TrueDiv` also gives a float object). Raises ZeroDivisionError, ValueError ("negative
        /// shift count"), OverflowError, MemoryError.
        fn molt_int_binop(op: i32, a: obj, b: obj) -> obj;
        /// `op a` for an int; `op` is a `UnaryOp` (Neg, Pos, Invert, Abs).
        fn molt_int_unop(op: i32, a: obj) -> obj;
        /// Compares two ints: -1, 0 or 1.
        fn molt_int_cmp(a: obj, b: obj) -> i32;
        /// Correctly rounded int / int (CPython's long_true_divide); raises ZeroDivisionError,
        /// OverflowError ("integer division result too large for a float").
        fn molt_int_truediv(a: obj, b: obj) -> f64;
        /// float(int), correctly rounded; raises OverflowError ("int too large to convert to float").
        fn molt_int_to_float(a: obj) -> f64;
        /// Exact comparison of an int with a float: -1, 0, 1, or 2 when `b` is NaN.
        fn molt_cmp_int_float(a: obj, b: f64) -> i32;
        /// The int with this 64-bit value (a big int when it does not fit a small int).
        fn molt_int_from_i64(value: i64) -> obj;
        /// The value of an int as an i64; raises OverflowError ("Python int too large to convert
        /// to C ssize_t") when it does not fit.
        fn molt_int_to_i64(a: obj) -> i64;
        /// The int written in base 10 by `len` ASCII digits at `text` (an integer literal
        /// beyond the small-int range; underscores already removed by the compiler).
        fn molt_int_from_decimal(text: ptr, len: i64) -> obj;

        // --- objects (Tier 1: boxed values, CPython's dispatch) ---
        /// Frees an object whose reference count has just reached zero (generated code
        /// decrements inline and calls this at zero). Consumes `value`.
        fn molt_obj_dealloc(value: obj) -> void;
        /// Drops one reference to `value` (nothing for a small int): the out-of-line decrement
        /// generated code uses on paths that only leave by an exception.
        fn molt_obj_decref(value: obj) -> void;
        /// A new float object.
        fn molt_box_float(value: f64) -> obj;
        /// The str object of a string literal (`len` bytes of UTF-8 at `text`), made on its first
        /// use and kept in `slot` (a zero-initialised word of the executable, one per literal)
        /// until the program ends: a new reference.
        fn molt_str_const(text: ptr, len: i64, slot: ptr) -> obj;
        /// The concatenation of the `n` strs at `parts` (an f-string's parts, a spilled array),
        /// one allocation.
        fn molt_str_build(parts: ptr, n: i64) -> obj;
        /// A new str object holding a copy of `len` bytes of UTF-8 text.
        fn molt_str_from_utf8(text: ptr, len: i64) -> obj;
        /// An empty str builder (decisions/0060): an object that only the `molt_sb_*` functions
        /// read or change, freed as any other when its count drops to zero.
        fn molt_sb_new() -> obj;
        /// Appends `len` bytes of UTF-8 text (a literal) to str builder `b`.
        fn molt_sb_text(b: obj, text: ptr, len: i64) -> void;
        /// Appends str `s` to str builder `b`.
        fn molt_sb_add(b: obj, s: obj) -> void;
        /// Appends `format(value, spec)` to str builder `b`, `spec` being `len` bytes of UTF-8.
        fn molt_sb_format(b: obj, value: obj, spec: ptr, len: i64) -> void;
        /// Appends `format(value, spec)` of a float to str builder `b`, `spec` being `len` bytes
        /// of UTF-8.
        fn molt_sb_format_float(b: obj, value: f64, spec: ptr, len: i64) -> void;
        /// Appends `format(value, spec)` to str builder `b`, `spec` a str object (a spec known
        /// only at run time; TypeError for a non-str, as `format()` gives).
        fn molt_sb_format_obj(b: obj, value: obj, spec: obj) -> void;
        /// The str of everything appended to str builder `b`, one allocation.
        fn molt_sb_finish(b: obj) -> obj;
        /// `a op b` with CPython's binary-operator protocol (the left operand's slot, then the
        /// reflected one, `NotImplemented`, the exact TypeError otherwise); `op` is a `BinaryOp`.
        fn molt_obj_binop(op: i32, a: obj, b: obj) -> obj;
        /// `op a` (`UnaryOp`), with CPython's TypeError ("bad operand type for unary -: 'str'").
        fn molt_obj_unop(op: i32, a: obj) -> obj;
        /// Rich comparison `a op b` (`CompareOp`) with CPython's reflection rules and its
        /// TypeError ("'<' not supported between instances of 'str' and 'int'").
        fn molt_obj_compare(op: i32, a: obj, b: obj) -> obj;
        /// `str(a)` as a str object (`a` itself when it is a str).
        fn molt_obj_str(a: obj) -> obj;
        /// `repr(a)` as a str object.
        fn molt_obj_repr(a: obj) -> obj;
        /// `format(a, spec)` (`spec` a str): the format-spec mini-language of int, bool, float,
        /// str, and `object.__format__` for the other builtin types, with CPython's errors.
        fn molt_obj_format(a: obj, spec: obj) -> obj;
        /// `ascii(a)`: `repr(a)` with every non-ASCII character escaped.
        fn molt_obj_ascii(a: obj) -> obj;
        /// Makes `str % x` format (printf-style): `<module>` calls it first when the program has
        /// a `%` that may format a str, so that other programs do not link the formatter.
        fn molt_enable_str_mod() -> void;
        /// Makes str's text methods callable (center count endswith expandtabs find index
        /// isascii isspace join ljust lstrip partition removeprefix removesuffix replace rfind
        /// rindex rjust rpartition rsplit rstrip split splitlines startswith strip zfill):
        /// `<module>` calls it first when the program may call one of them on a str, so that
        /// other programs do not link them. Each `molt_enable_str_*` function links one group
        /// of str's methods; the groups that use the Unicode database cost most (tens of KB).
        fn molt_enable_str_methods() -> void;
        /// Makes `str.lower`, `upper` and `swapcase` callable (Unicode case mappings).
        fn molt_enable_str_case_methods() -> void;
        /// Makes `str.capitalize`, `casefold` and `title` callable (Unicode titlecase mappings
        /// and case folding).
        fn molt_enable_str_title_methods() -> void;
        /// Makes str's character-class predicates callable (isalnum isalpha isdecimal isdigit
        /// isidentifier islower isnumeric isprintable istitle isupper).
        fn molt_enable_str_class_methods() -> void;
        /// Makes `str.format` callable (it links the format-spec machinery of `format()`).
        fn molt_enable_str_format() -> void;
        /// The bytes object of a bytes literal (`len` bytes at `data`), made on its first use and
        /// kept in `slot` (as `molt_str_const`'s): a new reference.
        fn molt_bytes_const(data: ptr, len: i64, slot: ptr) -> obj;
        /// Makes the class `bytes` a value and `str.encode` callable (linked only into the
        /// programs that name either).
        fn molt_enable_bytes() -> void;
        /// Makes the methods of int and float callable (`bit_length`, `to_bytes`,
        /// `int.from_bytes`, `is_integer`, `hex`, …).
        fn molt_enable_number_methods() -> void;
        /// Makes `dict.fromkeys` callable.
        fn molt_enable_dict_fromkeys() -> void;
        /// Makes classes subscriptable (`list[int]`: generic aliases) and `|` of classes a
        /// union (`int | None`), which `isinstance` and `issubclass` accept: `<module>` calls it
        /// first when the program may subscript an object or `|` two objects.
        fn molt_enable_generic_alias() -> void;
        /// Lets classes derive from `dict` and `list` (linked only into the programs with such
        /// a `class` statement).
        fn molt_enable_builtin_subclasses() -> void;
        /// Makes the class `slice` a value and slice objects available (a program naming
        /// `slice`, or slicing an object that may be an instance of a class).
        fn molt_enable_slices() -> void;
        /// Makes the protocol slot wrappers of builtin objects readable as attributes
        /// (`__iter__`, `__next__`, `__len__`, `__getitem__`, `__setitem__`, `__delitem__`,
        /// `__contains__`: a program naming one of them).
        fn molt_enable_protocol_methods() -> void;
        /// Makes the exception classes beyond the first ones available (the `Warning` family,
        /// `EOFError`, `ModuleNotFoundError`, …: a program naming one of them).
        fn molt_enable_exception_classes() -> void;
        /// Makes `sys.stdin` readable and `input()` callable (a program naming either).
        fn molt_enable_stdin() -> void;
        /// Makes `open()` callable (a program naming it).
        fn molt_enable_files() -> void;
        /// Links `math` into the program: the compiler calls it before the program's `import math`.
        fn molt_enable_module_math() -> void;
        /// Links `sys` into the program: the compiler calls it before the program's `import sys`.
        fn molt_enable_module_sys() -> void;
        /// Links `time` into the program: the compiler calls it before the program's `import time`.
        fn molt_enable_module_time() -> void;
        /// Links `typing` into the program: the compiler calls it before the program's `import typing`.
        fn molt_enable_module_typing() -> void;
        /// Links `random` into the program: the compiler calls it before the program's `import random`.
        fn molt_enable_module_random() -> void;
        /// Links `itertools` into the program: the compiler calls it before the program's `import itertools`.
        fn molt_enable_module_itertools() -> void;
        /// Links `collections` into the program: the compiler calls it before the program's `import collections`.
        fn molt_enable_module_collections() -> void;
        /// Links `heapq` into the program: the compiler calls it before the program's `import heapq`.
        fn molt_enable_module_heapq() -> void;
        /// Links `bisect` into the program: the compiler calls it before the program's `import bisect`.
        fn molt_enable_module_bisect() -> void;
        /// Links `string` into the program: the compiler calls it before the program's `import string`.
        fn molt_enable_module_string() -> void;
        /// Links `operator` into the program: the compiler calls it before the program's `import operator`.
        fn molt_enable_module_operator() -> void;
        /// Links `contextlib` into the program: the compiler calls it before the program's `import contextlib`.
        fn molt_enable_module_contextlib() -> void;
        /// Links `gc` into the program: the compiler calls it before the program's `import gc`.
        fn molt_enable_module_gc() -> void;
        /// Links `json` into the program: the compiler calls it before the program's `import json`.
        fn molt_enable_module_json() -> void;
        /// Links `functools` into the program: the compiler calls it before the program's `import functools`.
        fn molt_enable_module_functools() -> void;
        /// Links `enum` into the program: the compiler calls it before the program's `import enum`.
        fn molt_enable_module_enum() -> void;
        /// Links `copy` into the program: the compiler calls it before the program's `import copy`.
        fn molt_enable_module_copy() -> void;
        /// Links `abc` into the program: the compiler calls it before the program's `import abc`.
        fn molt_enable_module_abc() -> void;
        /// Links `io` into the program: the compiler calls it before the program's `import io`.
        fn molt_enable_module_io() -> void;
        /// Links `re` into the program: the compiler calls it before the program's `import re`.
        fn molt_enable_module_re() -> void;
        /// `seq[start:stop:step]` of a tuple, list or str, each bound a value or None (CPython's
        /// slice semantics and errors).
        fn molt_obj_getslice(seq: obj, start: obj, stop: obj, step: obj) -> obj;
        /// `len(a)` as an int; CPython's TypeError ("object of type 'int' has no len()").
        fn molt_obj_len(a: obj) -> obj;
        /// `bool(a)` (CPython's PyObject_IsTrue).
        fn molt_obj_truth(a: obj) -> bool;
        /// `float(a)` as an f64 (int, bool, float, str parsed as CPython does; TypeError otherwise).
        fn molt_obj_to_float(a: obj) -> f64;
        /// `int(a)` (int, bool, float, str parsed as CPython does; TypeError otherwise).
        fn molt_obj_to_int(a: obj) -> obj;
        /// `operator.index(a)` (CPython's `PyNumber_Index`): the int of an int or bool; TypeError
        /// "'float' object cannot be interpreted as an integer" otherwise.
        fn molt_obj_index(a: obj) -> obj;
        /// `hash(a)` as an int, equal to CPython's (TypeError "unhashable type: 'T'").
        fn molt_obj_hash(a: obj) -> obj;

        // --- classes and attributes ---
        /// The builtin class `code` (a `BuiltinClass`) as a value (`int`, `tuple`, …).
        fn molt_builtin_class(code: i32) -> obj;
        /// The class of exception kind `kind` as a value (`ValueError`, …).
        fn molt_exception_class(kind: i32) -> obj;
        /// `type(a)`.
        fn molt_obj_type(a: obj) -> obj;
        /// `isinstance(a, cls)`: `cls` a class or a tuple of them (nested); TypeError
        /// "isinstance() arg 2 must be a type, a tuple of types, or a union" otherwise.
        fn molt_obj_isinstance(a: obj, cls: obj) -> bool;
        /// `a.NAME` (`name` a str), CPython's `PyObject_GetAttr`: the attributes builtin
        /// objects have (`__class__`; a class's `__name__`, `__qualname__`, `__module__`; an
        /// exception's `args`, `__cause__`, …; `real`, `imag`, … of numbers); for instances of
        /// user classes and for classes, the generic lookup with descriptors (data descriptors,
        /// then the instance's `__dict__`, then functions as bound methods, staticmethod,
        /// classmethod, property; a user `__getattr__` last). CPython's AttributeError
        /// otherwise ("'int' object has no attribute 'x'", "type object 'int' has no attribute
        /// 'x'").
        fn molt_obj_getattr(a: obj, name: obj) -> obj;
        /// `a.NAME = value` (`name` a str): CPython's `PyObject_SetAttr` — a data descriptor
        /// of the class (a property's setter) or the instance's `__dict__`; on a class, its
        /// namespace. A user `__setattr__` runs. AttributeError "'int' object has no attribute
        /// 'x'", "property 'p' of 'C' object has no setter", TypeError "cannot set 'x'
        /// attribute of immutable type 'int'". Borrows all three.
        fn molt_obj_setattr(a: obj, name: obj, value: obj) -> void;
        /// `molt_obj_getattr` at a site with a cache: `cache` is the site's ATTR_CACHE_WORDS
        /// words of the executable (zero when the program starts), where the runtime remembers
        /// where the last instance's class keeps the attribute (decisions/0029).
        fn molt_obj_getattr_cached(a: obj, name: obj, cache: ptr) -> obj;
        /// `molt_obj_setattr` at a site with a cache (as `molt_obj_getattr_cached`).
        fn molt_obj_setattr_cached(a: obj, name: obj, value: obj, cache: ptr) -> void;
        /// `del a.NAME` (`name` a str): as `molt_obj_setattr` without a value (a property's
        /// deleter; AttributeError when the instance has no such attribute).
        fn molt_obj_delattr(a: obj, name: obj) -> void;
        /// `class NAME(*bases): …`, as CPython's `type(name, bases, ns)` (with
        /// `__build_class__`'s `__classcell__` handling): `name` a str, `bases` a tuple (empty
        /// means `(object,)`), `ns` the dict the class body filled (str keys; the compiler
        /// stores `__module__` and `__qualname__` first, and `__classcell__`, a cell that
        /// receives the new class, when a method uses `super()` or `__class__`). C3 MRO with
        /// CPython's TypeErrors ("Cannot create a consistent method resolution order (MRO) for
        /// bases A, B", "duplicate base class A", "multiple bases have instance lay-out
        /// conflict", "type 'bool' is not an acceptable base type"); `__eq__` without
        /// `__hash__` sets `__hash__` to None; `__set_name__` and the nearest base's
        /// `__init_subclass__` run (at frame depth `depth` + 1). `fields` is None, or a tuple
        /// of strs that the compiler proved to be the instance attributes the class's methods
        /// store on `self` (decisions/0031): the class's instances keep them in slots (see
        /// INSTANCE_SLOTS_OFFSET), after the slots of the layout the class inherits from its
        /// bases, in the given order (names already inherited are not repeated). A class made
        /// with None inherits its bases' layout. `known` is the class's number + 1 when the
        /// compiler knows the class completely (its type's word at TYPE_KNOWN_CLASS_OFFSET, which
        /// compiled guards compare), else 0. Borrows all four objects.
        fn molt_class_new(name: obj, bases: obj, ns: obj, fields: obj, known: i64, depth: i64) -> obj;
        /// `object.__new__(cls)` for a class made with a layout (a heap class whose
        /// instances are plain instances, not exceptions): a new instance, every slot
        /// INSTANCE_SLOT_EMPTY and no `__dict__`. Borrows `cls`.
        fn molt_instance_new(cls: obj) -> obj;
        /// `except cls` for a class value: whether exception `exc` is an instance of `cls` (a
        /// class or a tuple of them, nested); TypeError "catching classes that do not inherit
        /// from BaseException is not allowed" otherwise.
        fn molt_exc_matches_class(exc: obj, cls: obj) -> bool;
        /// `match`: whether the subject is a sequence for a sequence pattern (CPython's
        /// MATCH_SEQUENCE: a list, tuple, range or deque, or an instance of a subclass).
        fn molt_match_sequence(subject: obj) -> bool;
        /// `match`: whether the subject is a mapping for a mapping pattern (MATCH_MAPPING: a
        /// dict or one of its subtypes).
        fn molt_match_mapping(subject: obj) -> bool;
        /// `match` class pattern (MATCH_CLASS): None when `subject` is no instance of type
        /// `cls` or lacks an attribute, else a new tuple of the `nargs` attributes
        /// `cls.__match_args__` names (the subject itself for int, str, … and their
        /// subclasses) then those the tuple `names` names; CPython's TypeErrors.
        fn molt_match_class(subject: obj, cls: obj, names: obj, nargs: i64) -> obj;
        /// `match` mapping pattern (MATCH_KEYS): a new tuple of the values of the keys in
        /// tuple `keys` (read with the mapping's `get`), or None when one is missing;
        /// ValueError "mapping pattern checks duplicate key ('a')".
        fn molt_match_keys(map: obj, keys: obj) -> obj;
        /// `with mgr`: CPython's BEFORE_WITH — `__enter__` and `__exit__` looked up on the
        /// type (TypeError "'int' object does not support the context manager protocol", "…
        /// (missed __exit__ method)"), then `__enter__` called. A new tuple (the bound
        /// `__exit__`, what `__enter__` returned).
        fn molt_with_enter(mgr: obj) -> obj;
        /// `exit(type(exc), exc, tb)` for an exception leaving a `with` body (the traceback
        /// argument is None: tracebacks are not objects yet); whether its result is true (the
        /// exception is then suppressed).
        fn molt_with_exit(exit: obj, exc: obj) -> bool;

        // --- tuples, subscription, iteration ---
        /// A new tuple of `len` items, each `None` until `molt_tuple_init` sets it.
        fn molt_tuple_new(len: i64) -> obj;
        /// A new tuple of the `n` items at `items` (a spilled array; borrowed, the tuple takes
        /// new references).
        fn molt_tuple_from(items: ptr, n: i64) -> obj;
        /// Sets item `index` (0 <= index < len) of a tuple made by `molt_tuple_new` that nothing
        /// else has seen yet. Borrows `item` (the tuple takes its own reference).
        fn molt_tuple_init(tuple: obj, index: i64, item: obj) -> void;
        /// Item `index` of a tuple, as a new reference; the compiler guarantees
        /// 0 <= index < len (static tuple types know their length).
        fn molt_tuple_item(tuple: obj, index: i64) -> obj;
        /// Whether `tuple` is a tuple (exactly) of `len` items whose item `i` is of the kind in
        /// bits `4i..4i+4` of `kinds` (0 any, 1 int, 2 float, 3 str, 4 bool, 5 None):
        /// the test of a tuple read from a list whose items inference proved (decisions/0053).
        fn molt_tuple_shape_is(tuple: obj, len: i64, kinds: i64) -> bool;
        /// `a[i]` with CPython's rules for tuple and str (negative indices; IndexError "tuple
        /// index out of range"; TypeError "tuple indices must be integers or slices, not str",
        /// "'int' object is not subscriptable").
        fn molt_obj_getitem(a: obj, i: obj) -> obj;
        /// `item in container` (CPython's `PySequence_Contains`: identity or `==` for tuples,
        /// substring for str; TypeError "argument of type 'int' is not iterable").
        fn molt_obj_contains(container: obj, item: obj) -> bool;
        /// `iter(a)`: a new iterator (tuple and str iterators; an iterator is its own
        /// iterator); TypeError "'int' object is not iterable".
        fn molt_obj_iter(a: obj) -> obj;
        /// The next item of iterator `it` (a new reference), or the static `molt_iter_done`
        /// when it is exhausted (no exception is set then).
        fn molt_iter_next(it: obj) -> obj;
        /// `x1, …, xn = a` (CPython 3.11's `unpack_iterable`): a tuple of exactly `count` items;
        /// TypeError "cannot unpack non-iterable int object", ValueError "not enough values to
        /// unpack (expected 3, got 2)" / "too many values to unpack (expected 2)".
        fn molt_obj_unpack(a: obj, count: i64) -> obj;

        // --- iteration builtins, range, numeric builtins ---
        /// `range(start, stop, step)`: each argument an int or through `__index__` (TypeError
        /// "'float' object cannot be interpreted as an integer"); ValueError "range() arg 3 must
        /// not be zero". `range(stop)` is `range(0, stop, 1)`.
        fn molt_range_new(start: obj, stop: obj, step: obj) -> obj;
        /// `enumerate(iterable, start)` (`start` any int, big ones included, or `__index__`).
        fn molt_enumerate(iterable: obj, start: obj) -> obj;
        /// `zip(*iterables, strict=strict)`: `iterables` is a tuple. A strict zip raises
        /// CPython's ValueError ("zip() argument 2 is shorter than argument 1", "zip() argument 3
        /// is longer than arguments 1-2").
        fn molt_zip(iterables: obj, strict: bool) -> obj;
        /// `reversed(seq)`: a `list_reverseiterator` for a list, a `range_iterator` (or
        /// `longrange_iterator`) for a range, a `reversed` object over `__len__` / `__getitem__`
        /// for a tuple or str; TypeError "'int' object is not reversible".
        fn molt_reversed(seq: obj) -> obj;
        /// `sum(iterable, start)` (pass the int 0 for no start): repeated `+` in iteration order
        /// (float sums are plain additions, exactly CPython 3.11's); TypeError "sum() can't sum
        /// strings [use ''.join(seq) instead]".
        fn molt_sum(iterable: obj, start: obj) -> obj;
        /// `any(iterable)`.
        fn molt_any(iterable: obj) -> bool;
        /// `all(iterable)`.
        fn molt_all(iterable: obj) -> bool;
        /// `min(*args, key=key, default=default)` (`is_max` false) / `max(…)`: `args` is the
        /// tuple of positional arguments (one iterable, or two or more values); `key` is None
        /// for no key function, else called on each item (through `molt_call`'s protocol) and
        /// the keys compared; ties keep the first item. CPython's errors: "min() arg is an empty sequence", "max expected at
        /// least 1 argument, got 0", "Cannot specify a default for max() with multiple
        /// positional arguments".
        fn molt_min_max(args: obj, is_max: bool, key: obj, default: obj, has_default: bool) -> obj;
        /// `next(it)` / `next(it, default)` (when `has_default`): StopIteration when exhausted
        /// without a default; TypeError "'list' object is not an iterator".
        fn molt_next(it: obj, default: obj, has_default: bool) -> obj;
        /// `iter(a)`: a new iterator (an iterator returns itself).
        fn molt_iter(a: obj) -> obj;
        /// `round(x)` (no `has_ndigits`, or `ndigits` None): an int (floats round half to even;
        /// OverflowError "cannot convert float infinity to integer", ValueError for NaN).
        /// `round(x, n)`: a float for a float (CPython's correctly rounded `double_round`), an
        /// int for an int (`round(1250, -2) == 1200`, ties to even); TypeError "type str
        /// doesn't define __round__ method".
        fn molt_round(x: obj, ndigits: obj, has_ndigits: bool) -> obj;
        /// `divmod(a, b)` as a tuple; ZeroDivisionError "integer division or modulo by zero" /
        /// "float divmod()"; TypeError "unsupported operand type(s) for divmod(): 'str' and
        /// 'int'".
        fn molt_divmod(a: obj, b: obj) -> obj;
        /// `ord(c)`: TypeError "ord() expected a character, but string of length 2 found",
        /// "ord() expected string of length 1, but int found".
        fn molt_ord(c: obj) -> obj;
        /// `chr(i)`: ValueError "chr() arg not in range(0x110000)", TypeError "'float' object
        /// cannot be interpreted as an integer", OverflowError "Python int too large to convert
        /// to C int"; NotImplementedError for a surrogate (Molt's strs are UTF-8).
        fn molt_chr(i: obj) -> obj;
        /// `id(a)`: unique among live objects: an object's address; for a small int (no
        /// address) the odd number `(value << 1) | 1` as an unsigned 64-bit word, stable for the
        /// value and never an address.
        fn molt_id(a: obj) -> obj;

        // --- lists, item assignment, methods ---
        /// A new list of `len` items, each the small int 0 until `molt_list_init` sets it.
        fn molt_list_new(len: i64) -> obj;
        /// Sets item `index` (0 <= index < len) of a list made by `molt_list_new` that nothing
        /// else has seen yet. Borrows `item` (the list takes its own reference).
        fn molt_list_init(list: obj, index: i64, item: obj) -> void;
        /// `list.append(item)` on an object the compiler knows is a list. Borrows `item`.
        fn molt_list_append(list: obj, item: obj) -> void;
        /// `list[index]` where the compiler knows `list` is a list and `index` an int: CPython's
        /// IndexError "list index out of range" (a big int: "cannot fit 'int' into an
        /// index-sized integer").
        fn molt_list_getitem(list: obj, index: obj) -> obj;
        /// `list[index] = value` where the compiler knows `list` is a list and `index` an int
        /// ("list assignment index out of range"). Borrows `value`.
        fn molt_list_setitem(list: obj, index: obj, value: obj) -> void;
        /// `[*a]` in a display: extends `list` with the items of `iterable` (TypeError "Value
        /// after * must be an iterable, not int").
        fn molt_list_extend_star(list: obj, iterable: obj) -> void;
        /// A new tuple of a list's items (a tuple display with `*` items).
        fn molt_list_to_tuple(list: obj) -> obj;
        /// `x1, *xs, x2 = a`: a tuple of the `before` first items, a list of the middle ones and
        /// the `after` last items; ValueError "not enough values to unpack (expected at least 2,
        /// got 1)", TypeError "cannot unpack non-iterable int object".
        fn molt_obj_unpack_ex(a: obj, before: i64, after: i64) -> obj;
        /// `list(a)`: a new list of the items of any iterable (TypeError "'int' object is not
        /// iterable").
        fn molt_list_from_iter(a: obj) -> obj;
        /// `a[key] = value` (CPython's `PyObject_SetItem`): list indices and slices; TypeError
        /// "'tuple' object does not support item assignment" for the types without it.
        fn molt_obj_setitem(a: obj, key: obj, value: obj) -> void;
        /// `del a[key]` (`PyObject_DelItem`); TypeError "'tuple' object doesn't support item
        /// deletion".
        fn molt_obj_delitem(a: obj, key: obj) -> void;
        /// `seq[start:stop:step] = value`, each bound a value or None (CPython's
        /// `list_ass_subscript`: any iterable on the right, its ValueError "attempt to assign
        /// sequence of size 1 to extended slice of size 2").
        fn molt_obj_setslice(seq: obj, start: obj, stop: obj, step: obj, value: obj) -> void;
        /// `del seq[start:stop:step]`.
        fn molt_obj_delslice(seq: obj, start: obj, stop: obj, step: obj) -> void;
        /// `a op= b` (`BinaryOp`): the in-place slot when the type has one (`list += iterable`
        /// extends `a` and returns it, `list *= n`), else `molt_obj_binop`'s protocol, with
        /// CPython's "unsupported operand type(s) for +=" TypeError.
        fn molt_obj_inplace_binop(op: i32, a: obj, b: obj) -> obj;
        /// The method `NAME` (`len` bytes of UTF-8 at `name`) of `recv`'s type, for
        /// `molt_obj_call_method`: an address in the runtime's method tables; null when `recv`
        /// has an attribute of that name that is not a method (the call raises then). CPython's
        /// AttributeError otherwise (`recv.NAME` is evaluated before the arguments).
        fn molt_obj_lookup_method(recv: obj, name: obj) -> ptr;
        /// `recv.NAME(*args)`, `method` being what `molt_obj_lookup_method` gave for it: `args`
        /// (`nargs` words, a spilled array) are the positional arguments followed by the keyword
        /// arguments' values;
        /// `kwnames` (`kwlen` bytes) names those keyword arguments, comma-separated (empty when
        /// there are none). CPython's TypeErrors for bad arguments ("list.append() takes exactly
        /// one argument (0 given)"), or "'int' object is not callable" for a null `method`.
        /// A receiver whose class is a user class (or whose attribute is not a builtin
        /// method) gets a marker address from `molt_obj_lookup_method`, and the call then looks
        /// the attribute up as CPython's LOAD_METHOD does (a function found on the class is
        /// called with the receiver first, without a bound method object); `depth` is the
        /// caller's frame depth.
        fn molt_obj_call_method(recv: obj, method: ptr, name: obj, kwnames: ptr, kwlen: i64, depth: i64, args: ptr, nargs: i64) -> obj;
        /// `molt_obj_lookup_method` at a site with a cache (`cache`: the site's
        /// ATTR_CACHE_WORDS words, decisions/0029); what it returns goes to
        /// `molt_obj_call_method_cached` with the same cache.
        fn molt_obj_lookup_method_cached(recv: obj, name: obj, cache: ptr) -> ptr;
        /// `molt_obj_call_method` at a site with a cache.
        fn molt_obj_call_method_cached(recv: obj, method: ptr, name: obj, kwnames: ptr, kwlen: i64, depth: i64, cache: ptr, args: ptr, nargs: i64) -> obj;

        // --- dicts and sets ---
        /// A new empty dict.
        fn molt_dict_new() -> obj;
        /// `dict[key] = value` while building a display `{k: v, …}` (TypeError "unhashable type:
        /// 'list'"). Borrows both.
        fn molt_dict_set(dict: obj, key: obj, value: obj) -> void;
        /// `dict(a)`: a new dict from a mapping (a dict) or an iterable of pairs, CPython's errors
        /// ("cannot convert dictionary update sequence element #0 to a sequence", "dictionary
        /// update sequence element #0 has length 3; 2 is required").
        fn molt_dict_from(a: obj) -> obj;
        /// `{**mapping}`: merges `mapping` into `dict`, a display being built (CPython's
        /// DICT_UPDATE: a dict, or any object through its `keys()` and `[]`; TypeError "'int'
        /// object is not a mapping").
        fn molt_dict_update(dict: obj, mapping: obj) -> void;
        /// A new empty set.
        fn molt_set_new() -> obj;
        /// `set.add(item)` while building a display `{a, b}`. Borrows `item`.
        fn molt_set_add(set: obj, item: obj) -> void;
        /// `set(a)` of any iterable.
        fn molt_set_from_iter(a: obj) -> obj;
        /// `frozenset(a)` of any iterable.
        fn molt_frozenset_from_iter(a: obj) -> obj;

        // --- functions, closures, calls of values (decisions/0023) ---
        /// A new function object (`def` or `lambda` run). `code` is the C-ABI entry of the
        /// compiled body: `code(function, args, depth) -> obj`, where `args` is the address of
        /// the parameters' values in the body's order, one word each, borrowed for the call (the
        /// positional parameters, the keyword-only ones, then the `*args` tuple when `flags` has
        /// bit 0, then the `**kwargs` dict when it has bit 1) and `depth` the new frame's depth; it returns a new reference, or the
        /// word 0 with an exception pending. `name` and `qualname` are strs (`__name__`,
        /// `__qualname__`: `outer.<locals>.inner`, `<lambda>`); `module` a str, the defining module's
        /// `__name__` (`__module__`); `params` a tuple of the parameter names (positional, then keyword-only; not
        /// `*args`); `argcount` how many are positional, `posonly` how many of those are
        /// positional-only; `defaults` a tuple of the defaults of the last positional parameters
        /// (may be empty); `kwdefaults` a dict from keyword-only parameter names to their
        /// defaults, or None; `closure` a tuple of the cells of the function's free variables
        /// (may be empty). All borrowed. `flags`: bit 0 a `*args` parameter, bit 1 a `**kwargs`
        /// one (its dict is the last word of `args`, after the `*args` tuple).
        fn molt_function_new(code: ptr, name: obj, qualname: obj, module: obj, params: obj, argcount: i64, posonly: i64, flags: i64, defaults: obj, kwdefaults: obj, closure: obj) -> obj;
        /// Cell `index` of function `func`'s closure (a new reference to the cell).
        fn molt_function_cell(func: obj, index: i64) -> obj;
        /// A new cell holding `value` (borrowed) when `has_value`, else empty.
        fn molt_cell_new(value: obj, has_value: bool) -> obj;
        /// The value in `cell` (a new reference). An empty cell raises NameError "cannot access
        /// free variable 'NAME' where it is not associated with a value in enclosing scope" when
        /// `free` (read by an inner function), else UnboundLocalError "cannot access local
        /// variable 'NAME' where it is not associated with a value" (`len` bytes of UTF-8 name).
        fn molt_cell_get(cell: obj, name: ptr, len: i64, free: bool) -> obj;
        /// Stores `value` (borrowed) in `cell`, dropping what it held.
        fn molt_cell_set(cell: obj, value: obj) -> void;
        /// `del NAME` of a variable held in `cell`: empties it; an empty one raises as
        /// `molt_cell_get` does.
        fn molt_cell_delete(cell: obj, name: ptr, len: i64, free: bool) -> void;
        /// `callee(*args, **kw)`: `args` is a tuple of the positional arguments followed by the
        /// keyword arguments' values, which `kwnames` (a tuple of strs, empty for none) names;
        /// `depth` is the caller's frame depth. A function object's arguments are bound as
        /// CPython 3.11's `initialize_locals` binds them, with its exact TypeErrors ("f() missing
        /// 1 required positional argument: 'x'", …), and RecursionError when the new frame would
        /// be deeper than RECURSION_LIMIT; builtin classes construct (`int("3")`, `list(x)`),
        /// builtin functions run; anything else is TypeError "'int' object is not callable".
        fn molt_call(callee: obj, args: obj, kwnames: obj, depth: i64) -> obj;
        /// `callee(a, b, k=c)` as `molt_call`, with the arguments in a spilled array: `args`
        /// (`nargs` words) are the positional arguments, then the keyword arguments' values,
        /// which `kwnames` (`kwlen` bytes of comma-separated UTF-8 names; none when `kwlen` is
        /// 0) names. A function object's body reads them in place when they are exactly its
        /// positional parameters.
        fn molt_call_args(callee: obj, kwnames: ptr, kwlen: i64, depth: i64, args: ptr, nargs: i64) -> obj;
        /// `callee(*args, **kwargs)`: `args` a tuple, `kwargs` a dict whose keys are strs (as
        /// `molt_kwargs_merge` makes it), passed as keyword arguments in its order.
        fn molt_call_ex(callee: obj, args: obj, kwargs: obj, depth: i64) -> obj;
        // --- generators (decisions/0030) ---
        /// A new generator object: what calling a generator function returns (CPython's
        /// RETURN_GENERATOR). Its frame is `nslots` words, zeroed, of which the first `nrefs`
        /// hold references: such a word is owned by the frame while it is not 0 (compiled code
        /// takes a reference out of a slot by loading it and storing 0; the runtime drops what
        /// is left when the generator is freed). The generator runs by calling
        /// `code(gen, sent, depth) -> obj` (the C-ABI entry of the compiled resume function, the
        /// same shape as `molt_function_new`'s `code`), which reads `GEN_STATE_OFFSET` to know
        /// where to continue (0: the start), and before it returns sets it to the index of the
        /// `yield` it stopped at (1, 2, …) with the yielded value as result, or to
        /// `GEN_STATE_FINISHED` with the `return` value as result; 0 with an exception pending
        /// when the body raised. `name`/`qualname` are static UTF-8 (`__name__`,
        /// `__qualname__`, the repr `<generator object f.<locals>.g at 0x…>`).
        fn molt_gen_new(code: ptr, nslots: i64, nrefs: i64, name: ptr, name_len: i64, qualname: ptr, qualname_len: i64) -> obj;
        /// What the `yield` a generator resumed at evaluates to: `sent` (borrowed; a new
        /// reference is returned), or, when the generator was resumed by `throw()` or
        /// `close()`, the exception pending (returns 0 with it pending, raising at the `yield`).
        fn molt_gen_sent(gen: obj, sent: obj) -> obj;
        /// One step of `yield from it` in the running generator (CPython's SEND): `next(it)`
        /// when `sent` is None, else `it.send(sent)` (both borrowed). Returns the value `it`
        /// yielded — the running generator yields it next, and while suspended there its
        /// `throw()` and `close()` go to `it` first, as CPython's `_gen_throw` does — or, when
        /// `it` finished (also when a forwarded `throw()` finished it), its return value (None
        /// without one), and then `molt_yf_done` is true.
        fn molt_yf_send(it: obj, sent: obj) -> obj;
        /// Whether the last `molt_yf_send` of the running generator found its iterator
        /// finished (its result is then the return value).
        fn molt_yf_done() -> bool;
        /// Merges `mapping` into `kwargs` (a dict) for a call of `callee`, as CPython's
        /// DICT_MERGE: TypeError "f() argument after ** must be a mapping, not int", "f()
        /// keywords must be strings", "f() got multiple values for keyword argument 'a'" (the
        /// callee named as `_PyObject_FunctionStr` names it). Borrows all three.
        fn molt_kwargs_merge(kwargs: obj, mapping: obj, callee: obj) -> void;
        /// The builtin function `id` (one of `BuiltinFunction`) as a value: a static object
        /// whose repr is `<built-in function len>`.
        fn molt_builtin_function(id: i32) -> obj;
        /// `map(func, *iterables)`: `iterables` is a non-empty tuple (TypeError "map() must have
        /// at least two arguments." is the caller's); a lazy iterator.
        fn molt_map(func: obj, iterables: obj) -> obj;
        /// `filter(func, iterable)`: `func` None keeps the true items; a lazy iterator.
        fn molt_filter(func: obj, iterable: obj) -> obj;

        // --- modules (decisions/0027) ---
        /// `import NAME` of a module the runtime implements (`module`, one of `NativeModule`):
        /// the module object, made on the first import and the same object on every later one
        /// (as `sys.modules` keeps it). Its attributes are exactly the names `NATIVE_MODULES`
        /// lists for it (plus `__name__` and `__dict__`); it is a real module object: reading a
        /// missing attribute raises "module 'math' has no attribute 'x'", assigning one works.
        fn molt_import_native(module: i32) -> obj;
        /// `import NAME` of one of the program's own modules: `desc` is the address of its
        /// descriptor (`molt_module.NAME`, emitted with the module's code); the module object,
        /// its code run by the first import (a new reference). With `only_if_missing`
        /// (`from package import NAME`), None when the package already has the attribute.
        fn molt_import_user(desc: ptr, only_if_missing: bool) -> obj;
        /// `from M import NAME` (`name` a str): the attribute of module `module`, else the
        /// submodule `M.NAME` imported already, else CPython's ImportError.
        fn molt_import_from(module: obj, name: obj) -> obj;
    }
    entry {
        /// Defined by the compiler in every executable: the module's top-level code. The
        /// runtime's `main` calls it, then prints the traceback of a pending exception.
        fn molt_module_main() -> void;
        /// Defined by the compiler in every executable: drops the references that module
        /// variables still hold (CPython clears its modules at exit). The runtime's `main`
        /// calls it after `molt_module_main` returned and its traceback, if any, was printed.
        fn molt_module_release() -> void;
    }
    globals {
        /// Non-zero while an exception is pending. Generated code tests it after every call
        /// that may raise.
        static molt_exc_pending: u8;
        /// `sys.getrecursionlimit()` (RECURSION_LIMIT until `sys.setrecursionlimit` changes it).
        /// Generated code of programs that import `sys` compares frame depths with it instead
        /// of the constant.
        static molt_recursion_limit: i64;
    }
    objects {
        /// `None`.
        static molt_none;
        /// `True`.
        static molt_true;
        /// `False`.
        static molt_false;
        /// `NotImplemented`.
        static molt_not_implemented;
        /// `Ellipsis` (`...`).
        static molt_ellipsis;
        /// The type object of `int` (big ints; small ints have no header).
        static molt_type_int;
        /// The type object of `float` (guards compare an object's type with it).
        static molt_type_float;
        /// The type object of `str`.
        static molt_type_str;
        /// The type object of `tuple`.
        static molt_type_tuple;
        /// The type object of `list`.
        static molt_type_list;
        /// The type object of `dict`.
        static molt_type_dict;
        /// The type object of `set`.
        static molt_type_set;
        /// The type object of `frozenset`.
        static molt_type_frozenset;
        /// What `molt_iter_next` returns for an exhausted iterator (never a Python value).
        static molt_iter_done;
    }
    constants {
        /// CPython's default `sys.getrecursionlimit()`: at most this many frames, the module's
        /// included. Generated code passes each function its frame depth as a hidden last
        /// argument and raises RecursionError past the limit (decisions/0005).
        const RECURSION_LIMIT: i64 = 1000;
        /// CPython's RecursionError message.
        const RECURSION_MSG: &str = "maximum recursion depth exceeded";
        /// The low bit of a heap reference (a small int's low bit is 0).
        const OBJ_TAG: i64 = 1;
        /// Byte offset of the reference count in an object's header.
        const OBJ_RC_OFFSET: i64 = 0;
        /// Byte offset of the type object's address in an object's header.
        const OBJ_TYPE_OFFSET: i64 = 8;
        /// Byte offset of a float object's f64 value.
        const FLOAT_VALUE_OFFSET: i64 = 16;
        /// The reference count static objects start with: never reaches zero.
        const IMMORTAL_RC: i64 = 1 << 60;
        /// Small ints hold this many bits (two's complement), the tag bit excluded.
        const SMALL_INT_BITS: i64 = 63;
        /// Byte offset of a generator's state word (i64; `molt_gen_new`): 0 before its first
        /// line runs, k while suspended at its k-th `yield`, GEN_STATE_FINISHED once returned.
        const GEN_STATE_OFFSET: i64 = 16;
        /// A generator's state once its body returned (or raised).
        const GEN_STATE_FINISHED: i64 = -1;
        /// Byte offset of a generator's first frame slot (8-byte words, `molt_gen_new`).
        const GEN_SLOTS_OFFSET: i64 = 120;
        /// Byte offset of an instance's `__dict__` word (0 while it has none). An instance of
        /// a class with a layout has no `__dict__` until an attribute outside the layout is
        /// stored or its `__dict__` is asked for; from then on the dict holds every attribute
        /// and every slot is INSTANCE_SLOT_EMPTY (so compiled code stores into a slot only
        /// while this word is 0, and reads a slot's value only when it is not empty).
        const INSTANCE_DICT_OFFSET: i64 = 16;
        /// Byte offset of an instance's first layout slot (8-byte words, each an owned `obj`
        /// or INSTANCE_SLOT_EMPTY), in the order of `molt_class_new`'s layout.
        const INSTANCE_SLOTS_OFFSET: i64 = 24;
        /// Byte offset, in a type object, of its known-class number + 1 (0 for the builtin types
        /// and the classes the compiler does not know; decisions/0031).
        const TYPE_KNOWN_CLASS_OFFSET: i64 = 16;
        /// An empty layout slot (the attribute is not set): the word 1, which no object has.
        const INSTANCE_SLOT_EMPTY: i64 = 1;
        /// The words of one attribute cache (`molt_obj_getattr_cached`).
        const ATTR_CACHE_WORDS: i64 = 12;
        /// The attributes of each module the runtime implements, in `NativeModule` order: the
        /// module's name and the public names it has in Molt (a name CPython's module has and
        /// this list lacks is a compile-time diagnostic, never an AttributeError).
        const NATIVE_MODULES: &[(&str, &[&str])] = &[
            ("math", &[
                "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil", "comb",
                "copysign", "cos", "cosh", "degrees", "dist", "e", "erf", "erfc", "exp", "exp2",
                "expm1", "fabs", "factorial", "floor", "fmod", "frexp", "fsum", "gamma", "gcd",
                "hypot", "inf", "isclose", "isfinite", "isinf", "isnan", "isqrt", "lcm", "ldexp",
                "lgamma", "log", "log10", "log1p", "log2", "modf", "nan", "nextafter", "perm", "pi",
                "pow", "prod", "radians", "remainder", "sin", "sinh", "sqrt", "tan", "tanh", "tau",
                "trunc", "ulp",
            ]),
            ("sys", &[
                "argv", "byteorder", "exc_info", "exit", "float_info", "getrecursionlimit", "hexversion", "intern",
                "maxsize", "maxunicode", "platform", "setrecursionlimit", "stderr", "stdin", "stdout", "version_info",
            ]),
            ("time", &[
                "monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns", "process_time",
                "process_time_ns", "sleep", "time", "time_ns",
            ]),
            ("typing", &[
                "Any", "Callable", "ClassVar", "DefaultDict", "Deque", "Dict", "Final", "FrozenSet",
                "Generator", "Generic", "Iterable", "Iterator", "List", "Mapping", "MutableMapping",
                "MutableSequence", "NoReturn", "Optional", "Sequence", "Set", "TYPE_CHECKING",
                "Tuple", "Type", "TypeVar", "Union", "_overload_dummy", "cast", "overload",
            ]),
            ("random", &[
                "BPF", "LOG4", "NV_MAGICCONST", "RECIP_BPF", "Random", "SG_MAGICCONST", "TWOPI",
                "betavariate", "choice", "choices", "expovariate", "gammavariate", "gauss",
                "getrandbits", "getstate", "lognormvariate", "normalvariate", "paretovariate",
                "randint", "random", "randrange", "sample", "seed", "setstate", "shuffle",
                "triangular", "uniform", "vonmisesvariate", "weibullvariate",
            ]),
            ("itertools", &[
                "accumulate", "chain", "combinations", "combinations_with_replacement", "compress",
                "count", "cycle", "dropwhile", "filterfalse", "groupby", "islice", "pairwise",
                "permutations", "product", "repeat", "starmap", "takewhile", "tee", "zip_longest",
            ]),
            ("collections", &["Counter", "OrderedDict", "defaultdict", "deque", "namedtuple"]),
            ("heapq", &["heapify", "heappop", "heappush", "heappushpop", "heapreplace", "nlargest", "nsmallest"]),
            ("bisect", &["bisect", "bisect_left", "bisect_right", "insort", "insort_left", "insort_right"]),
            ("functools", &["WRAPPER_ASSIGNMENTS", "WRAPPER_UPDATES", "cache", "cmp_to_key", "lru_cache", "partial", "reduce", "update_wrapper", "wraps"]),
            ("enum", &["Enum", "EnumMeta", "EnumType", "auto", "unique"]),
            ("copy", &["copy", "deepcopy"]),
            ("abc", &["ABC", "ABCMeta", "abstractmethod"]),
            ("io", &["StringIO"]),
            ("re", &[
                "A", "ASCII", "DOTALL", "I", "IGNORECASE", "L", "LOCALE", "M", "MULTILINE", "Match", "NOFLAG", "Pattern", "S", "U",
                "UNICODE", "VERBOSE", "X", "compile", "error", "escape", "findall", "finditer", "fullmatch", "match",
                "purge", "search", "split", "sub", "subn",
            ]),
            ("string", &[
                "ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords", "digits", "hexdigits", "octdigits",
                "printable", "punctuation", "whitespace",
            ]),
            ("operator", &[
                "__abs__", "__add__", "__and__", "__call__", "__concat__", "__contains__", "__delitem__", "__eq__",
                "__floordiv__", "__ge__", "__getitem__", "__gt__", "__iadd__", "__iand__", "__iconcat__", "__ifloordiv__",
                "__ilshift__", "__imod__", "__imul__", "__index__", "__inv__", "__invert__", "__ior__", "__ipow__",
                "__irshift__", "__isub__", "__itruediv__", "__ixor__", "__le__", "__lshift__", "__lt__", "__mod__",
                "__mul__", "__ne__", "__neg__", "__not__", "__or__", "__pos__", "__pow__", "__rshift__",
                "__setitem__", "__sub__", "__truediv__", "__xor__", "abs", "add", "and_", "attrgetter",
                "call", "concat", "contains", "countOf", "delitem", "eq", "floordiv", "ge",
                "getitem", "gt", "iadd", "iand", "iconcat", "ifloordiv", "ilshift", "imod",
                "imul", "index", "indexOf", "inv", "invert", "ior", "ipow", "irshift",
                "is_", "is_not", "isub", "itemgetter", "itruediv", "ixor", "le", "lshift",
                "lt", "methodcaller", "mod", "mul", "ne", "neg", "not_", "or_",
                "pos", "pow", "rshift", "setitem", "sub", "truediv", "truth", "xor",
            ]),
            ("contextlib", &["ContextDecorator", "closing", "contextmanager", "nullcontext", "suppress"]),
            ("gc", &["collect", "disable", "enable", "get_threshold", "isenabled", "set_threshold"]),
            ("json", &["JSONDecodeError", "JSONDecoder", "JSONEncoder", "dump", "dumps", "load", "loads"]),
        ];
        /// The classes of `NATIVE_MODULES` a `class` statement may derive from (module, name):
        /// heap classes the runtime makes, whose subclasses are heap classes too. The others
        /// are builtin types (a compile-time diagnostic).
        const SUBCLASSABLE: &[(&str, &str)] = &[("enum", "Enum"), ("abc", "ABC"), ("typing", "Generic"), ("contextlib", "ContextDecorator"), ("json", "JSONEncoder"), ("json", "JSONDecoder"), ("json", "JSONDecodeError")];
        /// The functions of `NATIVE_MODULES` whose results a `class` statement may derive from
        /// (module, name): `class P(namedtuple("P", "x y"))`.
        const CLASS_FACTORIES: &[(&str, &str)] = &[("collections", "namedtuple")];
    }
    enums {
        /// Binary operators of `molt_int_binop` and `molt_obj_binop`.
        enum BinaryOp {
            Add = 0,
            Sub = 1,
            Mul = 2,
            TrueDiv = 3,
            FloorDiv = 4,
            Mod = 5,
            Pow = 6,
            LShift = 7,
            RShift = 8,
            And = 9,
            Or = 10,
            Xor = 11,
        }
        /// Unary operators of `molt_int_unop` and `molt_obj_unop` (`abs()` included).
        enum UnaryOp {
            Neg = 0,
            Pos = 1,
            Invert = 2,
            Abs = 3,
        }
        /// The builtin classes `molt_builtin_class` gives as values.
        enum BuiltinClass {
            Object = 0,
            Type = 1,
            Int = 2,
            Float = 3,
            Str = 4,
            Bool = 5,
            Tuple = 6,
            NoneType = 7,
            List = 8,
            Dict = 9,
            Set = 10,
            FrozenSet = 11,
            Range = 12,
            Enumerate = 13,
            Zip = 14,
            Reversed = 15,
            Map = 16,
            Filter = 17,
            Function = 18,
            Super = 19,
            StaticMethod = 20,
            ClassMethod = 21,
            Property = 22,
            Bytes = 23,
            Slice = 24,
        }
        /// The builtin functions `molt_builtin_function` gives as values.
        enum BuiltinFunction {
            Len = 0,
            Abs = 1,
            Repr = 2,
            Hash = 3,
            Ord = 4,
            Chr = 5,
            Sum = 6,
            Min = 7,
            Max = 8,
            Sorted = 9,
            Any = 10,
            All = 11,
            Next = 12,
            Iter = 13,
            Round = 14,
            Divmod = 15,
            Id = 16,
            Print = 17,
            Isinstance = 18,
            Callable = 19,
            Ascii = 20,
            Format = 21,
            Getattr = 22,
            Setattr = 23,
            Hasattr = 24,
            Delattr = 25,
            Issubclass = 26,
            // The functions of the runtime's modules (`NativeModule`), by module.
            MathAcos = 27,
            MathAcosh = 28,
            MathAsin = 29,
            MathAsinh = 30,
            MathAtan = 31,
            MathAtan2 = 32,
            MathAtanh = 33,
            MathCbrt = 34,
            MathCeil = 35,
            MathComb = 36,
            MathCopysign = 37,
            MathCos = 38,
            MathCosh = 39,
            MathDegrees = 40,
            MathDist = 41,
            MathErf = 42,
            MathErfc = 43,
            MathExp = 44,
            MathExp2 = 45,
            MathExpm1 = 46,
            MathFabs = 47,
            MathFactorial = 48,
            MathFloor = 49,
            MathFmod = 50,
            MathFrexp = 51,
            MathFsum = 52,
            MathGamma = 53,
            MathGcd = 54,
            MathHypot = 55,
            MathIsclose = 56,
            MathIsfinite = 57,
            MathIsinf = 58,
            MathIsnan = 59,
            MathIsqrt = 60,
            MathLcm = 61,
            MathLdexp = 62,
            MathLgamma = 63,
            MathLog = 64,
            MathLog10 = 65,
            MathLog1p = 66,
            MathLog2 = 67,
            MathModf = 68,
            MathNextafter = 69,
            MathPerm = 70,
            MathPow = 71,
            MathProd = 72,
            MathRadians = 73,
            MathRemainder = 74,
            MathSin = 75,
            MathSinh = 76,
            MathSqrt = 77,
            MathTan = 78,
            MathTanh = 79,
            MathTrunc = 80,
            MathUlp = 81,
            SysExit = 82,
            SysGetrecursionlimit = 83,
            SysSetrecursionlimit = 84,
            SysIntern = 85,
            TimeMonotonic = 86,
            TimeMonotonicNs = 87,
            TimePerfCounter = 88,
            TimePerfCounterNs = 89,
            TimeProcessTime = 90,
            TimeProcessTimeNs = 91,
            TimeSleep = 92,
            TimeTime = 93,
            TimeTimeNs = 94,
            TypingCast = 95,
            ItertoolsTee = 96,
            ItertoolsChainFromIterable = 97,
            CollectionsNamedtuple = 98,
            HeapqHeappush = 99,
            HeapqHeappop = 100,
            HeapqHeapify = 101,
            HeapqHeapreplace = 102,
            HeapqHeappushpop = 103,
            HeapqNlargest = 104,
            HeapqNsmallest = 105,
            BisectBisectLeft = 106,
            BisectBisectRight = 107,
            BisectInsortLeft = 108,
            BisectInsortRight = 109,
            FunctoolsReduce = 110,
            FunctoolsCmpToKey = 111,
            FunctoolsLruCache = 112,
            FunctoolsCache = 113,
            FunctoolsWraps = 114,
            FunctoolsUpdateWrapper = 115,
            // More builtins.
            Vars = 116,
            Dir = 117,
            Pow = 118,
            Hex = 119,
            Oct = 120,
            Bin = 121,
            SysExcInfo = 122,
            Input = 123,
            Open = 124,
            StringCapwords = 125,
            // `operator`'s functions.
            OperatorTruth = 126,
            OperatorNot = 127,
            OperatorAbs = 128,
            OperatorIndex = 129,
            OperatorNeg = 130,
            OperatorPos = 131,
            OperatorInv = 132,
            OperatorInvert = 133,
            OperatorAdd = 134,
            OperatorSub = 135,
            OperatorMul = 136,
            OperatorTruediv = 137,
            OperatorFloordiv = 138,
            OperatorMod = 139,
            OperatorPow = 140,
            OperatorLshift = 141,
            OperatorRshift = 142,
            OperatorAnd = 143,
            OperatorOr = 144,
            OperatorXor = 145,
            OperatorIadd = 146,
            OperatorIsub = 147,
            OperatorImul = 148,
            OperatorItruediv = 149,
            OperatorIfloordiv = 150,
            OperatorImod = 151,
            OperatorIpow = 152,
            OperatorIlshift = 153,
            OperatorIrshift = 154,
            OperatorIand = 155,
            OperatorIor = 156,
            OperatorIxor = 157,
            OperatorLt = 158,
            OperatorLe = 159,
            OperatorEq = 160,
            OperatorNe = 161,
            OperatorGt = 162,
            OperatorGe = 163,
            OperatorIs = 164,
            OperatorIsNot = 165,
            OperatorContains = 166,
            OperatorGetitem = 167,
            OperatorDelitem = 168,
            OperatorConcat = 169,
            OperatorIconcat = 170,
            OperatorCountOf = 171,
            OperatorIndexOf = 172,
            OperatorSetitem = 173,
            OperatorCall = 174,
            // `gc`'s functions.
            GcCollect = 175,
            GcEnable = 176,
            GcDisable = 177,
            GcIsenabled = 178,
            GcGetThreshold = 179,
            GcSetThreshold = 180,
        }
        /// The modules the runtime implements (`molt_import_native`), in `NATIVE_MODULES` order.
        enum NativeModule {
            Math = 0,
            Sys = 1,
            Time = 2,
            Typing = 3,
            Random = 4,
            Itertools = 5,
            Collections = 6,
            Heapq = 7,
            Bisect = 8,
            Functools = 9,
            Enum = 10,
            Copy = 11,
            Abc = 12,
            Io = 13,
            Re = 14,
            String = 15,
            Operator = 16,
            Contextlib = 17,
            Gc = 18,
            Json = 19,
        }
        /// Rich comparison operators (CPython's Py_LT … Py_GE order).
        enum CompareOp {
            Lt = 0,
            Le = 1,
            Eq = 2,
            Ne = 3,
            Gt = 4,
            Ge = 5,
        }
    }
    // The builtin exception classes: `raise`/`except` name them, the runtime raises them. Their
    // hierarchy (CPython 3.11's) lives in the runtime: BaseException > {Exception, SystemExit,
    // KeyboardInterrupt, GeneratorExit}; Exception > {ArithmeticError > {ZeroDivisionError,
    // OverflowError}, LookupError > {IndexError, KeyError}, RuntimeError > {RecursionError,
    // NotImplementedError}, NameError > UnboundLocalError, ValueError > UnicodeError >
    // {UnicodeDecodeError, UnicodeEncodeError}, TypeError, MemoryError, AssertionError,
    // AttributeError, StopIteration, ImportError > ModuleNotFoundError, EOFError, BufferError,
    // ReferenceError, SystemError, StopAsyncIteration, Warning > {UserWarning,
    // DeprecationWarning, PendingDeprecationWarning, SyntaxWarning, RuntimeWarning,
    // FutureWarning, ImportWarning, UnicodeWarning, BytesWarning, ResourceWarning,
    // EncodingWarning}, OSError > {BlockingIOError, ChildProcessError, ConnectionError >
    // {BrokenPipeError, ConnectionAbortedError, ConnectionRefusedError, ConnectionResetError},
    // FileExistsError, FileNotFoundError, InterruptedError, IsADirectoryError,
    // NotADirectoryError, PermissionError, ProcessLookupError, TimeoutError}, SyntaxError >
    // IndentationError > TabError}, ArithmeticError > FloatingPointError too.
    exception_kinds {
        ZeroDivisionError = 1,
        OverflowError = 2,
        ValueError = 3,
        RecursionError = 4,
        NameError = 5,
        UnboundLocalError = 6,
        TypeError = 7,
        NotImplementedError = 8,
        MemoryError = 9,
        BaseException = 10,
        Exception = 11,
        ArithmeticError = 12,
        LookupError = 13,
        IndexError = 14,
        KeyError = 15,
        RuntimeError = 16,
        AssertionError = 17,
        AttributeError = 18,
        StopIteration = 19,
        SystemExit = 20,
        KeyboardInterrupt = 21,
        GeneratorExit = 22,
        ImportError = 23,
        UnicodeError = 24,
        UnicodeDecodeError = 25,
        UnicodeEncodeError = 26,
        EOFError = 27,
        FloatingPointError = 28,
        BufferError = 29,
        ModuleNotFoundError = 30,
        ReferenceError = 31,
        SystemError = 32,
        StopAsyncIteration = 33,
        Warning = 34,
        UserWarning = 35,
        DeprecationWarning = 36,
        PendingDeprecationWarning = 37,
        SyntaxWarning = 38,
        RuntimeWarning = 39,
        FutureWarning = 40,
        ImportWarning = 41,
        UnicodeWarning = 42,
        BytesWarning = 43,
        ResourceWarning = 44,
        EncodingWarning = 45,
        OSError = 46,
        BlockingIOError = 47,
        ChildProcessError = 48,
        ConnectionError = 49,
        BrokenPipeError = 50,
        ConnectionAbortedError = 51,
        ConnectionRefusedError = 52,
        ConnectionResetError = 53,
        FileExistsError = 54,
        FileNotFoundError = 55,
        InterruptedError = 56,
        IsADirectoryError = 57,
        NotADirectoryError = 58,
        PermissionError = 59,
        ProcessLookupError = 60,
        TimeoutError = 61,
        SyntaxError = 62,
        IndentationError = 63,
        TabError = 64,
    }
}
