//! Molt's runtime library: the C-ABI support functions that compiled Python programs link
//! against, the object model they share with it, plus the C `main` that runs a compiled module.
//!
//! Relies on: `abi.rs` (the single declaration of the runtime's C ABI, shared with the
//! compiler). This file defines the `molt_abi!` macro that turns that declaration into
//! compile-time checks: every declared function must exist here as a `#[unsafe(no_mangle)]
//! pub extern "C" fn` with exactly the declared signature (ABI type `obj` is [`object::Obj`]),
//! every declared global must exist as an atomic static with the declared layout, every
//! declared object as a static starting with an object header ([`object::StaticObject`]; a unit
//! test checks through the linker that each is the runtime's `#[no_mangle]` symbol), and the
//! constants, the operator enums ([`BinaryOp`], [`UnaryOp`], [`CompareOp`]) and the exception
//! kinds are generated from it. A mismatch with `abi.rs` is a compile error, never a link-time
//! surprise.
//!
//! Provides: the exported C symbols (re-exported at the crate root so the ABI checks can see
//! them), `RECURSION_LIMIT` and the other constants, [`ExceptionKind`], the operator enums, and
//! a pure-Rust API (usable from Rust unit tests through the rlib) for every computation the C
//! functions perform.
//!
//! Invariants: no function reachable from the C ABI panics (a panic would abort the process);
//! errors become pending Python exceptions. Crate dependencies: `dashu-int` (decisions/0012),
//! used only inside `object::bigint`; ICU4X's `icu_properties` and `icu_casemap` (with
//! `icu_locale_core` for their root locale), the Unicode database, used only inside
//! `object::str_methods_case` and linked only into programs that enable the str methods that
//! use it (decisions/0021). The runtime is `no_std`
//! (only `core` and `alloc`, with libc reached through `sys`) whenever it is built with
//! `panic = "abort"`, as the workspace's `runtime` profile does (the library `moltc` links):
//! that keeps the standard library's panic and backtrace machinery out of every executable
//! (decisions/0010). Builds that unwind (unit tests, the dev and release profiles) link `std`
//! instead, which supplies the panic runtime; the runtime's own code is the same in both.

#![cfg_attr(all(not(test), panic = "abort"), no_std)]
#![deny(unsafe_op_in_unsafe_fn)]

extern crate alloc;

mod entry;
pub mod exceptions;
pub mod numeric;
pub mod object;
pub mod print;
pub mod sys;
mod small_alloc;
#[cfg(test)]
mod testutil;
pub mod traceback;

pub use entry::*;
pub use exceptions::*;
pub use numeric::*;
pub use object::abi::*;
pub use print::*;

/// Maps an ABI type name from `abi.rs` to its Rust type.
macro_rules! molt_abi_ty {
    (i64) => { i64 };
    (i32) => { i32 };
    (f64) => { f64 };
    (bool) => { bool };
    (ptr) => { *const u8 };
    (obj) => { $crate::object::Obj };
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
        objects {
            $( $(#[$ometa:meta])* static $oname:ident ; )*
        }
        constants {
            $( $(#[$cmeta:meta])* const $cname:ident : $cty:ty = $cval:expr ; )*
        }
        enums {
            $(
                $(#[$nmeta:meta])*
                enum $nname:ident {
                    $( $(#[$vmeta:meta])* $vname:ident = $vval:literal ),* $(,)?
                }
            )*
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

        // (d) Every static object exists as a static whose layout starts with an object header
        // (`StaticObject`), aligned so that its address plus `OBJ_TAG` is a heap reference.
        $(
            const _: () = {
                fn check(_: &'static impl $crate::object::StaticObject) {}
                let _ = || check(&$oname);
                assert!(::core::mem::align_of_val(&$oname) >= 8);
            };
        )*

        /// The names of every object in `abi.rs`'s `objects` block, in declaration order.
        pub const ABI_OBJECT_NAMES: &[&str] = &[ $( stringify!($oname) ),* ];

        /// The exported symbols of the `objects` block, seen through the linker (a test checks
        /// that each is the runtime's own static, i.e. that it is `#[unsafe(no_mangle)]`).
        #[cfg(test)]
        pub(crate) mod abi_object_symbols {
            #[allow(non_upper_case_globals)]
            unsafe extern "C" {
                $( pub static $oname: u8; )*
            }

            /// (name, address through the linker, address of the Rust static) of each object.
            pub fn addresses() -> ::std::vec::Vec<(&'static str, usize, usize)> {
                ::std::vec![ $( (
                    stringify!($oname),
                    ::core::ptr::addr_of!($oname) as usize,
                    ::core::ptr::addr_of!($crate::$oname) as usize,
                ) ),* ]
            }
        }

        // (e) Constants.
        $(
            $(#[$cmeta])*
            pub const $cname: $cty = $cval;
        )*

        // (f) Operator enums.
        $(
            $(#[$nmeta])*
            #[repr(i32)]
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            pub enum $nname {
                $( $(#[$vmeta])* $vname = $vval, )*
            }

            impl $nname {
                /// Every variant, in declaration order.
                pub const ALL: &[$nname] = &[ $( $nname::$vname ),* ];

                /// The variant whose ABI code is `code`, if any.
                pub const fn from_code(code: i32) -> Option<$nname> {
                    match code {
                        $( $vval => Some($nname::$vname), )*
                        _ => None,
                    }
                }

                /// The ABI code of this variant.
                pub const fn code(self) -> i32 {
                    self as i32
                }
            }
        )*

        // (g) Exception kinds.
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
