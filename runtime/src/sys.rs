//! The runtime's only contact with the operating system: libc, declared by hand.
//!
//! Relies on: the C library and libm that every executable links (`compiler/src/link.rs` passes
//! `-lm`); a Unix-like target (Linux is the only one Molt builds for).
//!
//! Provides: [`write_all`] (whole buffer to a file descriptor), [`write_file`], [`getenv`],
//! [`exit`], [`abort`], the clocks and sleep of `time` ([`clock_ns`], [`sleep_until`]),
//! [`raise_stack_limit`], [`urandom`] and [`pid`] (`random`'s seeding), [`errno`] / [`set_errno`], [`libm`] (the `math` module's functions),
//! [`ignore_sigpipe`], the libm functions the numeric helpers need ([`floor`], [`trunc`],
//! [`pow`], [`sin`], [`cos`]), the `#[global_allocator]` ([`Malloc`]: `small_alloc`'s pools
//! for small blocks, over [`pool_memory`]; `malloc`/`calloc`/`realloc`/`free` for the rest),
//! [`Global`] (the cell every piece of mutable runtime state
//! lives in) and, in the `no_std` build, the `#[panic_handler]`.
//!
//! Invariants: everything here is what the standard library itself does on Linux (same libc
//! calls, same alignment rules, same EINTR handling), so replacing `std` by this module changes
//! no observable behaviour. Nothing here panics.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ffi::CStr;
use core::sync::atomic::{AtomicBool, Ordering};

mod c {
    unsafe extern "C" {
        pub fn write(fd: i32, buf: *const u8, count: usize) -> isize;
        pub fn read(fd: i32, buf: *mut u8, count: usize) -> isize;
        pub fn lseek(fd: i32, offset: i64, whence: i32) -> i64;
        pub fn strerror(errnum: i32) -> *const core::ffi::c_char;
        pub fn isatty(fd: i32) -> i32;
        pub fn open(path: *const core::ffi::c_char, flags: i32, mode: u32) -> i32;
        pub fn close(fd: i32) -> i32;
        pub fn getenv(name: *const core::ffi::c_char) -> *const core::ffi::c_char;
        pub fn exit(status: i32) -> !;
        pub fn abort() -> !;
        pub fn signal(signum: i32, handler: usize) -> usize;
        #[cfg_attr(any(target_os = "macos", target_os = "ios"), link_name = "__error")]
        #[cfg_attr(not(any(target_os = "macos", target_os = "ios")), link_name = "__errno_location")]
        pub fn errno_location() -> *mut i32;

        pub fn malloc(size: usize) -> *mut u8;
        pub fn calloc(count: usize, size: usize) -> *mut u8;
        pub fn realloc(ptr: *mut u8, size: usize) -> *mut u8;
        pub fn free(ptr: *mut u8);
        pub fn posix_memalign(out: *mut *mut u8, align: usize, size: usize) -> i32;
        pub fn madvise(addr: *mut u8, len: usize, advice: i32) -> i32;

        pub fn clock_gettime(clock: i32, ts: *mut super::Timespec) -> i32;
        pub fn clock_nanosleep(clock: i32, flags: i32, request: *const super::Timespec, remain: *mut super::Timespec) -> i32;
        pub fn getrlimit(resource: i32, rlim: *mut super::Rlimit) -> i32;
        pub fn setrlimit(resource: i32, rlim: *const super::Rlimit) -> i32;
        pub fn getrandom(buf: *mut u8, len: usize, flags: u32) -> isize;
        pub fn getpid() -> i32;

        pub safe fn floor(x: f64) -> f64;
        pub safe fn trunc(x: f64) -> f64;
        pub safe fn pow(x: f64, y: f64) -> f64;
        pub safe fn sin(x: f64) -> f64;
        pub safe fn cos(x: f64) -> f64;
    }
}

/// The libm functions of the `math` module: the ones CPython 3.11's `Modules/mathmodule.c`
/// calls, so that results are bit-identical to CPython's on the same machine.
pub mod libm {
    unsafe extern "C" {
        pub safe fn acos(x: f64) -> f64;
        pub safe fn acosh(x: f64) -> f64;
        pub safe fn asin(x: f64) -> f64;
        pub safe fn asinh(x: f64) -> f64;
        pub safe fn atan(x: f64) -> f64;
        pub safe fn atan2(y: f64, x: f64) -> f64;
        pub safe fn atanh(x: f64) -> f64;
        /// glibc's `cbrt` (see `molt_glibc_cbrt` below): not correctly rounded, so the
        /// Rust toolchain's own `cbrt` (compiler-builtins defines one, which the linker would
        /// otherwise pick) gives different results.
        #[link_name = "molt_glibc_cbrt"]
        pub safe fn cbrt(x: f64) -> f64;
        pub safe fn ceil(x: f64) -> f64;
        pub safe fn cosh(x: f64) -> f64;
        pub safe fn erf(x: f64) -> f64;
        pub safe fn erfc(x: f64) -> f64;
        pub safe fn exp(x: f64) -> f64;
        pub safe fn exp2(x: f64) -> f64;
        pub safe fn expm1(x: f64) -> f64;
        pub safe fn fabs(x: f64) -> f64;
        pub safe fn fmod(x: f64, y: f64) -> f64;
        pub fn frexp(x: f64, e: *mut i32) -> f64;
        pub safe fn ldexp(x: f64, e: i32) -> f64;
        pub safe fn log(x: f64) -> f64;
        pub safe fn log10(x: f64) -> f64;
        pub safe fn log1p(x: f64) -> f64;
        pub safe fn log2(x: f64) -> f64;
        pub fn modf(x: f64, i: *mut f64) -> f64;
        pub safe fn nextafter(x: f64, y: f64) -> f64;
        pub safe fn round(x: f64) -> f64;
        pub safe fn sinh(x: f64) -> f64;
        pub safe fn sqrt(x: f64) -> f64;
        pub safe fn tan(x: f64) -> f64;
        pub safe fn tanh(x: f64) -> f64;
        pub safe fn copysign(x: f64, y: f64) -> f64;
    }
    pub use super::c::{cos, floor, pow, sin};

    // `molt_glibc_cbrt` jumps to the C library's versioned `cbrt` symbol, which no
    // unversioned definition (compiler-builtins' `cbrt`, linked before libm) can satisfy. (A
    // `.symver` binds only references in its own object file, hence the wrapper in assembly.)
    // The other functions compiler-builtins defines (`ceil`, `floor`, `trunc`, `round`,
    // `fabs`, `copysign`, `fmod`, `sqrt`) are exact operations, the same in every correct
    // implementation.
    #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
    core::arch::global_asm!(
        ".symver molt_glibc_cbrt_ref, cbrt@GLIBC_2.2.5",
        ".text",
        ".globl molt_glibc_cbrt",
        ".hidden molt_glibc_cbrt",
        ".type molt_glibc_cbrt, @function",
        "molt_glibc_cbrt:",
        "jmp molt_glibc_cbrt_ref@PLT",
        ".size molt_glibc_cbrt, . - molt_glibc_cbrt",
    );
    #[cfg(all(target_os = "linux", target_arch = "aarch64"))]
    core::arch::global_asm!(
        ".symver molt_glibc_cbrt_ref, cbrt@GLIBC_2.17",
        ".text",
        ".globl molt_glibc_cbrt",
        ".hidden molt_glibc_cbrt",
        ".type molt_glibc_cbrt, %function",
        "molt_glibc_cbrt:",
        "b molt_glibc_cbrt_ref",
        ".size molt_glibc_cbrt, . - molt_glibc_cbrt",
    );

    /// `frexp(x)`: (mantissa, exponent).
    pub fn frexp_pair(x: f64) -> (f64, i32) {
        let mut e = 0;
        // SAFETY: `e` is a valid out-pointer.
        let m = unsafe { frexp(x, &mut e) };
        (m, e)
    }

    /// `modf(x)`: (fractional part, integral part).
    pub fn modf_pair(x: f64) -> (f64, f64) {
        let mut i = 0.0;
        // SAFETY: `i` is a valid out-pointer.
        let f = unsafe { modf(x, &mut i) };
        (f, i)
    }
}

/// C's `errno` (this thread's): what libm sets on a domain or range error.
pub fn errno() -> i32 {
    // SAFETY: `errno_location` returns this thread's errno, always valid.
    unsafe { *c::errno_location() }
}

/// Sets `errno` (CPython clears it before each libm call it checks).
pub fn set_errno(v: i32) {
    // SAFETY: as in `errno`.
    unsafe { *c::errno_location() = v }
}

/// `EDOM` and `ERANGE` (Linux).
pub const EDOM: i32 = 33;
pub const ERANGE: i32 = 34;

pub use c::{cos, floor, pow, sin, trunc};

/// C's `struct timespec` (64-bit Linux).
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct Timespec {
    pub tv_sec: i64,
    pub tv_nsec: i64,
}

/// C's `struct rlimit` (64-bit Linux).
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct Rlimit {
    pub cur: u64,
    pub max: u64,
}

/// The clocks CPython 3.11's `time` module reads on Linux.
pub const CLOCK_REALTIME: i32 = 0;
pub const CLOCK_MONOTONIC: i32 = 1;
pub const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;

/// `clock_gettime(clock)` in nanoseconds (0 if the clock cannot be read, which Linux never
/// does for the three clocks above).
pub fn clock_ns(clock: i32) -> i64 {
    let mut ts = Timespec::default();
    // SAFETY: `ts` is a valid out-pointer.
    if unsafe { c::clock_gettime(clock, &mut ts) } != 0 {
        return 0;
    }
    ts.tv_sec.saturating_mul(1_000_000_000).saturating_add(ts.tv_nsec)
}

/// Fills `buf` with the operating system's entropy (`getrandom`, retried after a signal and
/// for short reads, as CPython's `_PyOS_URandomNonblock` does with `GRND_NONBLOCK`). False
/// when the kernel cannot supply it.
pub fn urandom(buf: &mut [u8]) -> bool {
    const GRND_NONBLOCK: u32 = 1;
    const EINTR: i32 = 4;
    let mut done = 0;
    while done < buf.len() {
        let rest = &mut buf[done..];
        // SAFETY: `rest` is a valid writable buffer of its length.
        let n = unsafe { c::getrandom(rest.as_mut_ptr(), rest.len(), GRND_NONBLOCK) };
        match usize::try_from(n) {
            Ok(n) => done += n,
            Err(_) if errno() == EINTR => {}
            Err(_) => return false,
        }
    }
    true
}

/// The process id (`getpid`).
pub fn pid() -> i32 {
    // SAFETY: no arguments, no failure.
    unsafe { c::getpid() }
}

/// Sleeps until the monotonic clock reads `deadline_ns` (`clock_nanosleep` with
/// `TIMER_ABSTIME`, retried after a signal, as CPython's `pysleep`). False on another error.
pub fn sleep_until(deadline_ns: i64) -> bool {
    const TIMER_ABSTIME: i32 = 1;
    let ts = Timespec { tv_sec: deadline_ns.div_euclid(1_000_000_000), tv_nsec: deadline_ns.rem_euclid(1_000_000_000) };
    loop {
        // SAFETY: `ts` is valid; no remainder is asked for.
        match unsafe { c::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, core::ptr::null_mut()) } {
            0 => return true,
            EINTR => continue,
            _ => return false,
        }
    }
}

/// Raises the soft limit of the main thread's stack (`RLIMIT_STACK`) to `bytes` (or to the
/// hard limit if that is lower). Linux grows the main thread's stack on demand up to the soft
/// limit, read when the stack grows: raising it at the start of `main` lets a deep recursion
/// of compiled code go as deep as CPython's `sys.setrecursionlimit` allows. Returns the soft
/// limit in effect afterwards.
pub fn raise_stack_limit(bytes: u64) -> u64 {
    const RLIMIT_STACK: i32 = 3;
    let mut r = Rlimit::default();
    // SAFETY: `r` is a valid out-pointer.
    if unsafe { c::getrlimit(RLIMIT_STACK, &mut r) } != 0 {
        return 0;
    }
    let want = bytes.min(r.max);
    if want > r.cur {
        let n = Rlimit { cur: want, max: r.max };
        // SAFETY: `n` is valid.
        if unsafe { c::setrlimit(RLIMIT_STACK, &n) } == 0 {
            return want;
        }
    }
    r.cur
}

/// `EINTR` (Linux and macOS).
const EINTR: i32 = 4;

/// Writes all of `bytes` to `fd`, retrying partial writes and `EINTR` as `std`'s `write_all`
/// does. Returns false on any other error (e.g. `EPIPE`) or if the descriptor accepts nothing.
pub fn write_all(fd: i32, mut bytes: &[u8]) -> bool {
    while !bytes.is_empty() {
        // Linux refuses counts above isize::MAX; std caps them the same way.
        let count = bytes.len().min(isize::MAX as usize);
        // SAFETY: `bytes` is valid for reads of `count` bytes.
        let n = unsafe { c::write(fd, bytes.as_ptr(), count) };
        if n < 0 {
            // SAFETY: `errno_location` returns this thread's errno, always valid.
            if unsafe { *c::errno_location() } == EINTR {
                continue;
            }
            return false;
        }
        match bytes.get(n as usize..) {
            Some(rest) if n > 0 => bytes = rest,
            _ => return false, // wrote nothing (or claimed more than asked)
        }
    }
    true
}

/// Reads up to `buf.len()` bytes from `fd`, retrying `EINTR`: the count (0 at end of file),
/// or None on another error.
pub fn read(fd: i32, buf: &mut [u8]) -> Option<usize> {
    loop {
        // SAFETY: `buf` is valid for writes of `buf.len()` bytes.
        let n = unsafe { c::read(fd, buf.as_mut_ptr(), buf.len()) };
        if n >= 0 {
            return usize::try_from(n).ok();
        }
        // SAFETY: `errno_location` returns this thread's errno, always valid.
        if unsafe { *c::errno_location() } != EINTR {
            return None;
        }
    }
}

/// `open(path, flags, mode)`, retrying `EINTR`: the descriptor, or the errno.
pub fn open_path(path: &CStr, flags: i32, mode: u32) -> Result<i32, i32> {
    loop {
        // SAFETY: `path` is NUL-terminated.
        let fd = unsafe { c::open(path.as_ptr(), flags, mode) };
        if fd >= 0 {
            return Ok(fd);
        }
        let e = errno();
        if e != EINTR {
            return Err(e);
        }
    }
}

/// `close(fd)`: the errno of a failure (EINTR counts as closed, as on Linux).
pub fn close_fd(fd: i32) -> Result<(), i32> {
    // SAFETY: closing a descriptor the caller owns.
    if unsafe { c::close(fd) } == 0 {
        return Ok(());
    }
    match errno() {
        EINTR => Ok(()),
        e => Err(e),
    }
}

/// `lseek(fd, offset, whence)`: the new offset, or the errno.
pub fn lseek(fd: i32, offset: i64, whence: i32) -> Result<i64, i32> {
    // SAFETY: any descriptor and offset are accepted (errors are reported).
    let r = unsafe { c::lseek(fd, offset, whence) };
    if r < 0 { Err(errno()) } else { Ok(r) }
}

/// Writes all of `bytes` to `fd` (as [`write_all`]), or the errno of the failure.
pub fn write_fd(fd: i32, mut bytes: &[u8]) -> Result<(), i32> {
    while !bytes.is_empty() {
        let count = bytes.len().min(isize::MAX as usize);
        // SAFETY: `bytes` is valid for reads of `count` bytes.
        let n = unsafe { c::write(fd, bytes.as_ptr(), count) };
        if n < 0 {
            let e = errno();
            if e == EINTR {
                continue;
            }
            return Err(e);
        }
        match bytes.get(n as usize..) {
            Some(rest) if n > 0 => bytes = rest,
            _ => return Err(0),
        }
    }
    Ok(())
}

/// `strerror(errnum)`: the C library's message ("No such file or directory"), as CPython's
/// `OSError` strings use it.
pub fn strerror(errnum: i32) -> alloc::string::String {
    // SAFETY: `strerror` returns a NUL-terminated string, valid until the next call on this
    // thread; it is copied at once.
    let p = unsafe { c::strerror(errnum) };
    if p.is_null() {
        return alloc::format!("Unknown error {errnum}");
    }
    // SAFETY: as above.
    alloc::string::String::from_utf8_lossy(unsafe { CStr::from_ptr(p) }.to_bytes()).into_owned()
}

/// Whether `fd` is a terminal (`isatty`).
pub fn isatty(fd: i32) -> bool {
    // SAFETY: `isatty` accepts any descriptor.
    unsafe { c::isatty(fd) == 1 }
}

/// The value of the environment variable `name`, if set (`std::env::var_os`'s libc call).
pub fn getenv(name: &CStr) -> Option<&'static CStr> {
    // SAFETY: `name` is NUL-terminated; the result is null or a NUL-terminated string that
    // lives as long as the environment is not modified (the runtime never modifies it).
    let p = unsafe { c::getenv(name.as_ptr()) };
    if p.is_null() {
        return None;
    }
    // SAFETY: see above.
    Some(unsafe { CStr::from_ptr(p) })
}

/// `open(2)` flags for creating or truncating a file to write (Linux; macOS differs).
#[cfg(not(any(target_os = "macos", target_os = "ios")))]
const O_WRITE_CREATE_TRUNC: i32 = 0o1 | 0o100 | 0o1000 | 0o2000000; // WRONLY|CREAT|TRUNC|CLOEXEC
#[cfg(any(target_os = "macos", target_os = "ios"))]
const O_WRITE_CREATE_TRUNC: i32 = 0x1 | 0x200 | 0x400 | 0x1000000;

/// Creates (or truncates) the file at `path` and writes `bytes` to it. False on any error.
pub fn write_file(path: &CStr, bytes: &[u8]) -> bool {
    // SAFETY: `path` is NUL-terminated.
    let fd = unsafe { c::open(path.as_ptr(), O_WRITE_CREATE_TRUNC, 0o644) };
    if fd < 0 {
        return false;
    }
    let ok = write_all(fd, bytes);
    // SAFETY: `fd` is ours.
    let closed = unsafe { c::close(fd) } == 0;
    ok && closed
}

/// Ends the process with `status` through libc `exit` (as `std::process::exit` does).
pub fn exit(status: i32) -> ! {
    // SAFETY: `exit` has no preconditions.
    unsafe { c::exit(status) }
}

/// Ends the process with SIGABRT.
pub fn abort() -> ! {
    // SAFETY: `abort` has no preconditions.
    unsafe { c::abort() }
}

/// Ignores SIGPIPE (as CPython does), so writing into a closed pipe is an error, not a death.
pub fn ignore_sigpipe() {
    const SIGPIPE: i32 = 13; // Linux and macOS
    const SIG_IGN: usize = 1;
    // SAFETY: installing SIG_IGN for SIGPIPE has no preconditions.
    unsafe {
        c::signal(SIGPIPE, SIG_IGN);
    }
}

/// A piece of global runtime state (the stdout buffer, the pending exception).
///
/// Compiled programs are single-threaded: while glibc's `__libc_single_threaded` says no other
/// thread exists (glibc 2.32+; Debian 12 has 2.36), `with` takes no lock at all — a locked
/// exchange per call cost as much as the malloc it saved on the float free list. Once a thread
/// exists (the unit tests run in parallel threads), the flag makes the cell sound: `with` holds
/// it for the duration of `f`. `f` must not re-enter the same cell (it would alias the value, or
/// spin forever); the runtime's closures are small and never do.
pub struct Global<T> {
    busy: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: the value is only reached through `with`, which gives one thread at a time exclusive
// access (the `busy` flag is taken with Acquire and released with Release).
unsafe impl<T: Send> Sync for Global<T> {}

impl<T> Global<T> {
    pub const fn new(value: T) -> Global<T> {
        Global { busy: AtomicBool::new(false), value: UnsafeCell::new(value) }
    }

    /// Runs `f` with exclusive access to the value.
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        unsafe extern "C" {
            static __libc_single_threaded: u8;
        }
        // SAFETY: glibc's flag, a plain byte that is non-zero only while the process has one
        // thread; then no other thread can reach the value, and `f` does not re-enter.
        if unsafe { __libc_single_threaded } != 0 {
            return f(unsafe { &mut *self.value.get() });
        }
        while self.busy.swap(true, Ordering::Acquire) {
            core::hint::spin_loop();
        }
        struct Release<'a>(&'a AtomicBool);
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                self.0.store(false, Ordering::Release);
            }
        }
        let _release = Release(&self.busy);
        // SAFETY: the flag is ours until `_release` drops, so no other reference exists.
        f(unsafe { &mut *self.value.get() })
    }
}

/// The alignment `malloc` guarantees on the 64-bit targets Molt supports (std uses the same).
const MIN_ALIGN: usize = 16;

/// The global allocator: libc `malloc` and friends, with `std::alloc::System`'s rules.
pub struct Malloc;

impl Malloc {
    fn malloc_suffices(layout: Layout) -> bool {
        layout.align() <= MIN_ALIGN && layout.align() <= layout.size()
    }

    /// # Safety
    /// As `GlobalAlloc::alloc`.
    unsafe fn aligned(layout: Layout) -> *mut u8 {
        let mut out = core::ptr::null_mut();
        let align = layout.align().max(core::mem::size_of::<usize>());
        // SAFETY: `align` is a power of two and a multiple of the pointer size.
        if unsafe { c::posix_memalign(&mut out, align, layout.size()) } != 0 {
            return core::ptr::null_mut();
        }
        out
    }
}

// SAFETY: malloc/calloc/realloc/posix_memalign return blocks of at least the requested size,
// aligned to MIN_ALIGN (or to the requested alignment); free releases any of them.
/// `size` bytes aligned to `align` (a power of two, a multiple of the pointer size) for
/// `small_alloc`'s pools, or null; with `huge_pages`, the kernel is asked to back them with
/// transparent huge pages (one page fault per 2 MiB instead of 512).
pub(crate) fn pool_memory(size: usize, align: usize, huge_pages: bool) -> *mut u8 {
    let mut out = core::ptr::null_mut();
    // SAFETY: `align` is a power of two and a multiple of the pointer size.
    if unsafe { c::posix_memalign(&mut out, align, size) } != 0 {
        return core::ptr::null_mut();
    }
    #[cfg(target_os = "linux")]
    if huge_pages {
        // SAFETY: the block just allocated; MADV_HUGEPAGE (14) only hints (ignored where
        // transparent huge pages are off).
        unsafe { c::madvise(out, size, 14) };
    }
    #[cfg(not(target_os = "linux"))]
    let _ = huge_pages;
    out
}

unsafe impl GlobalAlloc for Malloc {
    // Out of line, as malloc is: inlined into every allocation and drop site it would grow each
    // executable by 24 KiB (fib.py).
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if let Some(class) = crate::small_alloc::class_of(layout.size(), layout.align()) {
            // SAFETY: a class of `class_of`.
            return unsafe { crate::small_alloc::alloc(class) };
        }
        if Self::malloc_suffices(layout) {
            // SAFETY: plain malloc.
            unsafe { c::malloc(layout.size()) }
        } else {
            // SAFETY: forwarded contract.
            unsafe { Self::aligned(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if let Some(class) = crate::small_alloc::class_of(layout.size(), layout.align()) {
            // SAFETY: a class of `class_of`; the block has at least `size` bytes.
            unsafe {
                let p = crate::small_alloc::alloc(class);
                if !p.is_null() {
                    core::ptr::write_bytes(p, 0, layout.size());
                }
                return p;
            }
        }
        if Self::malloc_suffices(layout) {
            // SAFETY: plain calloc.
            unsafe { c::calloc(layout.size(), 1) }
        } else {
            // SAFETY: forwarded contract; the block is valid for `size` bytes.
            unsafe {
                let p = Self::aligned(layout);
                if !p.is_null() {
                    core::ptr::write_bytes(p, 0, layout.size());
                }
                p
            }
        }
    }

    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if crate::small_alloc::class_of(layout.size(), layout.align()).is_some() {
            // SAFETY: a small layout's block came from `small_alloc`.
            return unsafe { crate::small_alloc::dealloc(ptr) };
        }
        // SAFETY: `ptr` came from this allocator.
        unsafe { c::free(ptr) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old_small = crate::small_alloc::class_of(layout.size(), layout.align());
        let new_small = crate::small_alloc::class_of(new_size, layout.align());
        // SAFETY: a small layout's block came from `small_alloc`.
        if old_small.is_some() && new_small == Some(unsafe { crate::small_alloc::class_of_block(ptr) }) {
            // The same class: the block already has room.
            return ptr;
        }
        if old_small.is_none() && new_small.is_none() && layout.align() <= MIN_ALIGN && layout.align() <= new_size {
            // SAFETY: `ptr` came from malloc/posix_memalign, which realloc accepts.
            unsafe { c::realloc(ptr, new_size) }
        } else {
            // SAFETY: the default implementation (allocate, copy, free) with our alloc/dealloc;
            // `new_size` is valid for `layout.align()` per the caller's contract.
            unsafe {
                let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                let new = self.alloc(new_layout);
                if !new.is_null() {
                    core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                new
            }
        }
    }
}

#[global_allocator]
static ALLOCATOR: Malloc = Malloc;

/// A `core::fmt::Write` sink for stderr, for the panic handler.
#[cfg(all(not(test), panic = "abort"))]
struct Stderr;

#[cfg(all(not(test), panic = "abort"))]
impl core::fmt::Write for Stderr {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        if write_all(2, s.as_bytes()) { Ok(()) } else { Err(core::fmt::Error) }
    }
}

/// A panic is a bug in the runtime (nothing reachable from the C ABI may panic): say so on
/// stderr and abort, as a panic escaping an `extern "C"` function does under `std`.
#[cfg(all(not(test), panic = "abort"))]
#[panic_handler]
fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
    use core::fmt::Write as _;
    let _ = writeln!(Stderr, "internal error in the Molt runtime: {info}\nnote: this is a bug in Molt; please report it");
    abort()
}

/// The unwinding personality routine. The precompiled `alloc` library carries unwind tables
/// (it is built for `panic = "unwind"`) that name this symbol, so the linker needs it; it is
/// never called, because a `panic = "abort"` runtime never starts unwinding (the panic handler
/// aborts) and no foreign exception passes through Molt's frames. (`std` provides the real one;
/// defining the `eh_personality` lang item instead would need a nightly compiler.)
#[cfg(all(not(test), panic = "abort"))]
#[unsafe(no_mangle)]
extern "C" fn rust_eh_personality() -> ! {
    abort()
}
