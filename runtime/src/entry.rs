//! The C `main` of every Molt executable.
//!
//! Relies on: the compiler defining `molt_module_main` (the module's top-level code) in the
//! executable; generated code leaving `molt_exc_pending` set when an exception escapes it.
//!
//! Provides: `main`, which records the process's arguments (`sys.argv`), raises the soft
//! stack limit (deep recursion of compiled code; see `STACK_LIMIT`), runs the module, flushes stdout, and on an uncaught exception
//! writes the CPython-style traceback (with its chain of causes and contexts) to stderr — or,
//! for an uncaught SystemExit, does what CPython's `_Py_HandleSystemExit` does (no traceback;
//! `str(code)` on stderr unless the code is None or an int); then releases every exception
//! object still held (the pending one, the handling stack) and the references module variables
//! hold (`molt_module_release`, defined by the compiler) and the imported modules (the runtime's
//! cache of module objects, `object::module`), runs a full collection of the cycle
//! collector (the cycles the released objects formed are garbage now) and, if the environment
//! variable
//! `MOLT_OBJECT_REPORT` names a file, writes the per-type allocation and leak counts there as
//! JSON (`object::alloc::object_report_json`). Exit status: 0 on success, 1 on an uncaught
//! exception, a SystemExit's code, 120 when stdout could not be written (e.g. the reader
//! closed the pipe).
//!
//! Invariants: stdout is flushed before the traceback is written so the two appear in
//! program order; SIGPIPE is ignored (as CPython does), so a closed pipe is a write error
//! handled quietly rather than a signal death; no exception object is live when the object
//! report is written; nothing here panics.

use core::sync::atomic::Ordering;

use crate::exceptions::{
    clear_handling, format_traceback, molt_exc_pending, take_exception, take_system_exit,
};
use crate::print::{STDOUT_FAILURE_EXIT, flush_stdout};
use crate::sys;

/// Runs the module and reports how it ended; returns the process exit status.
///
/// # Safety
/// `module_main` is the compiled module's top-level code.
pub unsafe fn run_module(module_main: unsafe extern "C" fn(), module_release: unsafe extern "C" fn()) -> i32 {
    sys::ignore_sigpipe();
    // SAFETY: forwarded caller contract.
    unsafe { module_main() };
    // SAFETY: forwarded caller contract (`module_release` is the compiled module's).
    finish(|| unsafe { module_release() })
}

/// Flushes stdout, prints the traceback of a pending exception (or handles a SystemExit),
/// releases the exception objects and writes the object report (when `MOLT_OBJECT_REPORT`
/// names a file); returns the exit status.
pub fn finish(release_module: impl FnOnce()) -> i32 {
    let stdout_ok = flush_stdout();
    let status = if let Some((code, text)) = take_system_exit() {
        if let Some(mut text) = text {
            text.push('\n');
            let _ = sys::write_all(2, text.as_bytes());
        }
        // CPython's `Py_Exit`: a failed final flush of stdout wins.
        if stdout_ok { code } else { STDOUT_FAILURE_EXIT }
    } else if molt_exc_pending.load(Ordering::SeqCst) != 0 {
        if let Some(exc) = take_exception() {
            // stderr is unbuffered: one write of the whole text, errors ignored.
            let _ = sys::write_all(2, format_traceback(&exc).as_bytes());
        }
        1
    } else if stdout_ok {
        0
    } else {
        STDOUT_FAILURE_EXIT
    };
    // Handlers still active (none after a program that ran to its end) hold references.
    clear_handling();
    // Module variables and the cached string literals hold references too.
    release_module();
    crate::object::str::release_literals();
    crate::object::module::release_modules();
    // Cycles among the objects released are garbage now: one full collection frees them all
    // (CPython collects while it finalises), so the report shows what the program leaked.
    crate::object::gc::collect_all();
    // A test aid: failing to write it does not change the program's status.
    let _ = crate::object::alloc::write_object_report();
    status
}

/// The executable's entry point: runs `molt_module_main` (defined by the compiler).
#[cfg(not(test))]
#[unsafe(no_mangle)]
pub extern "C" fn main(argc: i32, argv: *const *const u8) -> i32 {
    crate::object::sys_module::set_args(argc, argv);
    sys::raise_stack_limit(STACK_LIMIT);
    // SAFETY: `molt_module_main` is the compiled module, linked into the executable.
    unsafe { run_module(crate::molt_module_main, crate::molt_module_release) }
}

/// The soft stack limit `main` asks for: compiled code recurses on the native stack, and
/// `sys.setrecursionlimit(100000)` lets CPython 3.11 recurse 50,000 Python frames deep (its
/// frames live on the heap). Linux grows the main thread's stack up to the soft limit; the
/// address space kept free below the stack at exec (at least 128 MiB, whatever the limit) bounds
/// what growth can actually use.
#[cfg(not(test))]
const STACK_LIMIT: u64 = 1 << 30;
