//! Molt's runtime library: the C-ABI support functions that compiled Python programs link
//! against, plus the C `main` that runs a compiled module.
//!
//! Relies on: `abi.rs` (the single declaration of the runtime's C ABI, shared with the
//! compiler). This file defines the `molt_abi!` macro that turns that declaration into
//! compile-time checks: every declared function must exist here as a `#[unsafe(no_mangle)]
//! pub extern "C" fn` with exactly the declared signature, every declared global must exist
//! as an atomic static with the declared layout, and the constants and exception kinds are
//! generated from it. A mismatch with `abi.rs` is a compile error, never a link-time surprise.
//!
//! Provides: the exported C symbols (re-exported at the crate root so the ABI checks can see
//! them), `RECURSION_LIMIT`, [`ExceptionKind`], and a pure-Rust API (usable from Rust unit
//! tests through the rlib) for every computation the C functions perform.
//!
//! Invariants: no function reachable from the C ABI panics (a panic would abort the process);
//! no crate dependencies. The runtime is `no_std` (only `core` and `alloc`, with libc reached
//! through `sys`) whenever it is built with `panic = "abort"`, as the workspace's `runtime`
//! profile does (the library `moltc` links): that keeps the standard library's panic and
//! backtrace machinery out of every executable (decisions/0010). Builds that unwind (unit tests,
//! the dev and release profiles) link `std` instead, which supplies the panic runtime; the
//! runtime's own code is the same in both.

#![cfg_attr(all(not(test), panic = "abort"), no_std)]
#![deny(unsafe_op_in_unsafe_fn)]

extern crate alloc;

mod entry;
pub mod exceptions;
pub mod numeric;
pub mod print;
pub mod sys;
#[cfg(test)]
mod testutil;

pub use entry::*;
pub use exceptions::*;
pub use numeric::*;
pub use print::*;

/// Maps an ABI type name from `abi.rs` to its Rust type.
macro_rules! molt_abi_ty {
    (i64) => { i64 };
    (i32) => { i32 };
    (f64) => { f64 };
    (bool) => { bool };
    (ptr) => { *const u8 };
    (void) => { () };
}

/// Turns the ABI declaration in `abi.rs` into compile-time checks and generated items.
macro_rules! molt_abi {
    (
        functions {
            $( $(#[$fmeta:meta])* fn $fname:ident ( $( $farg:ident : $fty:ident ),* $(,)? ) -> $fret:ident ; )*
        }
        entry {
            $( $(#[$emeta:meta])* fn $ename:ident ( $( $earg:ident : $ety:ident ),* $(,)? ) -> $eret:ident ; )*
        }
        globals {
            $( $(#[$gmeta:meta])* static $gname:ident : $gty:ty ; )*
        }
        constants {
            $( $(#[$cmeta:meta])* const $cname:ident : $cty:ty = $cval:expr ; )*
        }
        exception_kinds {
            $( $(#[$kmeta:meta])* $kname:ident = $kval:literal ),* $(,)?
        }
    ) => {
        // (a) Every ABI function exists with exactly the declared C signature.
        $(
            const _: unsafe extern "C" fn( $( molt_abi_ty!($fty) ),* ) -> molt_abi_ty!($fret) = $fname;
        )*

        /// The names of every function in `abi.rs`'s `functions` block, in declaration order.
        pub const ABI_FUNCTION_NAMES: &[&str] = &[ $( stringify!($fname) ),* ];

        // (b) The entry point is defined by the compiler in every executable.
        unsafe extern "C" {
            $(
                $(#[$emeta])*
                pub fn $ename( $( $earg : molt_abi_ty!($ety) ),* ) -> molt_abi_ty!($eret);
            )*
        }

        // (c) Every global exists as an atomic whose value type and layout match the ABI type.
        $(
            const _: () = {
                fn check(_: &'static impl $crate::exceptions::AtomicOf<$gty>) {}
                let _ = || check(&$gname);
                assert!(::core::mem::size_of_val(&$gname) == ::core::mem::size_of::<$gty>());
                assert!(::core::mem::align_of_val(&$gname) >= ::core::mem::align_of::<$gty>());
            };
        )*

        // (d) Constants.
        $(
            $(#[$cmeta])*
            pub const $cname: $cty = $cval;
        )*

        // (e) Exception kinds.
        /// A Python exception class the runtime and generated code can raise; the discriminant
        /// is the `kind` argument of `molt_raise`.
        #[repr(i32)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ExceptionKind {
            $( $(#[$kmeta])* $kname = $kval, )*
        }

        impl ExceptionKind {
            /// Every kind, in declaration order.
            pub const ALL: &[ExceptionKind] = &[ $( ExceptionKind::$kname ),* ];

            /// The kind whose `molt_raise` code is `code`, if any.
            pub const fn from_code(code: i32) -> Option<ExceptionKind> {
                match code {
                    $( $kval => Some(ExceptionKind::$kname), )*
                    _ => None,
                }
            }

            /// The code passed to `molt_raise` for this kind.
            pub const fn code(self) -> i32 {
                self as i32
            }

            /// The Python class name, as printed on a traceback's last line.
            pub const fn name(self) -> &'static str {
                match self {
                    $( ExceptionKind::$kname => stringify!($kname), )*
                }
            }
        }
    };
}

include!("abi.rs");
