// The runtime's C ABI, declared once.
//
// This file is `include!`d by the runtime (which checks at compile time that every function
// below exists with exactly this signature) and by the compiler's code generator (which declares
// these symbols in every LLVM module it emits). Nothing else may hand-copy a symbol name, a
// signature or a constant from here. Change it here and both sides follow.
//
// Argument and result types are ABI type names: `i64`, `i32`, `f64`, `bool` (an `i1` in LLVM,
// a C `_Bool` / Rust `bool` in the ABI), `ptr` (a `*const u8`), `void`.

molt_abi! {
    functions {
        // --- printing (stdout is buffered; flushed at exit) ---
        /// Writes the repr of a Python int.
        fn molt_print_int(value: i64) -> void;
        /// Writes the repr of a Python float (`0.1`, `1e+16`, `inf`, `nan`, `-0.0`).
        fn molt_print_float(value: f64) -> void;
        /// Writes `True` or `False`.
        fn molt_print_bool(value: bool) -> void;
        /// Writes `None`.
        fn molt_print_none() -> void;
        /// Writes `len` bytes of UTF-8 text.
        fn molt_print_str(text: ptr, len: i64) -> void;

        // --- exceptions (explicit error returns; see decisions/0005) ---
        /// Sets the pending exception: kind is one of `exception_kinds`, msg is UTF-8.
        fn molt_raise(kind: i32, msg: ptr, len: i64) -> void;
        /// Records one traceback frame while a pending exception leaves a function.
        fn molt_traceback_push(file: ptr, file_len: i64, func: ptr, func_len: i64, line: i64, text: ptr, text_len: i64) -> void;

        // --- numeric helpers whose CPython semantics are too long to inline ---
        /// CPython's float `//`; raises ZeroDivisionError on a zero divisor.
        fn molt_float_floordiv(a: f64, b: f64) -> f64;
        /// CPython's float `%` (result takes the divisor's sign); raises ZeroDivisionError.
        fn molt_float_mod(a: f64, b: f64) -> f64;
        /// CPython's float `**`, errors included (ZeroDivisionError, OverflowError; NotImplementedError
        /// where CPython's result would be complex).
        fn molt_float_pow(a: f64, b: f64) -> f64;
        /// CPython's int `**` with a non-negative exponent; raises OverflowError past 64 bits.
        fn molt_int_pow(a: i64, b: i64) -> i64;
        /// Correctly rounded int / int (CPython's long_true_divide); raises ZeroDivisionError.
        fn molt_int_truediv(a: i64, b: i64) -> f64;
        /// int(float): truncation; raises OverflowError (inf, or past 64 bits) / ValueError (nan).
        fn molt_float_to_int(value: f64) -> i64;
        /// Exact comparison of an int with a float: -1, 0, 1, or 2 when `b` is NaN.
        fn molt_cmp_int_float(a: i64, b: f64) -> i32;
    }
    entry {
        /// Defined by the compiler in every executable: the module's top-level code. The
        /// runtime's `main` calls it, then prints the traceback of a pending exception.
        fn molt_module_main() -> void;
    }
    globals {
        /// Non-zero while an exception is pending. Generated code tests it after every call
        /// that may raise.
        static molt_exc_pending: u8;
    }
    constants {
        /// CPython's default `sys.getrecursionlimit()`: at most this many frames, the module's
        /// included. Generated code passes each function its frame depth as a hidden last
        /// argument and raises RecursionError past the limit (decisions/0005).
        const RECURSION_LIMIT: i64 = 1000;
        /// TEMPORARY(#2): the OverflowError message for int results beyond 64 bits, until
        /// arbitrary-precision integers land (then int arithmetic no longer overflows).
        const INT_OVERFLOW_MSG: &str = "integer result too large (Molt's integers are 64-bit until arbitrary-precision integers land)";
        /// CPython's RecursionError message.
        const RECURSION_MSG: &str = "maximum recursion depth exceeded";
    }
    exception_kinds {
        ZeroDivisionError = 1,
        OverflowError = 2,
        ValueError = 3,
        RecursionError = 4,
        NameError = 5,
        UnboundLocalError = 6,
        TypeError = 7,
        NotImplementedError = 8,
    }
}
