//! The runtime's C ABI as the compiler sees it: generated from `runtime/src/abi.rs`, the one
//! declaration both sides include. Provides the function table and the `RtFn` enum (lowering
//! names runtime functions only through it, never by a string), the static objects (`RtObj`),
//! the globals, the constants, the operator enums (`BinaryOp`, `UnaryOp`, `CompareOp`) and the
//! exception kinds; the code generator declares symbols only from here.

#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbiTy {
    i64,
    i32,
    f64,
    bool,
    u8,
    ptr,
    obj,
    void,
}

pub struct AbiFn {
    pub name: &'static str,
    pub params: &'static [AbiTy],
    pub ret: AbiTy,
}

macro_rules! molt_abi {
    (
        functions { $( $(#[$fa:meta])* fn $fname:ident ( $( $pname:ident : $pty:ident ),* ) -> $fret:ident ; )* }
        entry { $( $(#[$ea:meta])* fn $ename:ident ( ) -> $eret:ident ; )* }
        globals { $( $(#[$ga:meta])* static $gname:ident : $gty:ident ; )* }
        objects { $( $(#[$oa:meta])* static $oname:ident ; )* }
        constants { $( $(#[$ca:meta])* const $cname:ident : $cty:ty = $cval:expr ; )* }
        enums { $( $(#[$ema:meta])* enum $enum:ident { $( $variant:ident = $vval:literal ),* $(,)? } )* }
        exception_kinds { $( $kname:ident = $kval:expr ),* $(,)? }
    ) => {
        pub const FUNCTIONS: &[AbiFn] = &[ $( AbiFn { name: stringify!($fname), params: &[ $( AbiTy::$pty ),* ], ret: AbiTy::$fret } ),* ];

        /// A runtime function of the ABI.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum RtFn { $( $fname ),* }

        impl RtFn {
            pub const ALL: &[RtFn] = &[ $( RtFn::$fname ),* ];
            pub const fn name(self) -> &'static str {
                match self { $( RtFn::$fname => stringify!($fname) ),* }
            }
            pub fn from_name(name: &str) -> Option<RtFn> {
                RtFn::ALL.iter().copied().find(|f| f.name() == name)
            }
            pub fn decl(self) -> &'static AbiFn {
                &FUNCTIONS[self as usize]
            }
        }

        /// A static object of the runtime (its address + OBJ_TAG is its reference).
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum RtObj { $( $oname ),* }

        impl RtObj {
            pub const ALL: &[RtObj] = &[ $( RtObj::$oname ),* ];
            pub const fn name(self) -> &'static str {
                match self { $( RtObj::$oname => stringify!($oname) ),* }
            }
            pub fn from_name(name: &str) -> Option<RtObj> {
                RtObj::ALL.iter().copied().find(|f| f.name() == name)
            }
        }

        pub const ENTRY: &[&str] = &[ $( stringify!($ename) ),* ];
        pub const GLOBALS: &[(&str, AbiTy)] = &[ $( (stringify!($gname), AbiTy::$gty) ),* ];
        $( $(#[$ca])* pub const $cname: $cty = $cval; )*
        $(
            $(#[$ema])*
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            pub enum $enum { $( $variant = $vval ),* }
            impl $enum {
                pub const fn code(self) -> i32 {
                    self as i32
                }
            }
        )*
        pub const EXCEPTION_KINDS: &[(&str, i32)] = &[ $( (stringify!($kname), $kval) ),* ];
    };
}

include!("../../runtime/src/abi.rs");

/// What the `generator` split (molt_passes::generator) calls and stores (decisions/0030).
pub const GEN_ABI: molt_passes::generator::GenAbi<'static> =
    molt_passes::generator::GenAbi { gen_new: RtFn::molt_gen_new.name(), gen_sent: RtFn::molt_gen_sent.name(), finished: GEN_STATE_FINISHED };

/// The kind code of the builtin exception class `name` (CPython's aliases `IOError` and
/// `EnvironmentError` are OSError's).
pub fn exception_kind(name: &str) -> Option<i32> {
    let name = if matches!(name, "IOError" | "EnvironmentError") { "OSError" } else { name };
    EXCEPTION_KINDS.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rt_fn_indexes_the_function_table() {
        for f in RtFn::ALL {
            assert_eq!(f.decl().name, f.name());
            assert_eq!(RtFn::from_name(f.name()), Some(*f));
        }
    }
}
