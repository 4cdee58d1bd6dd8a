//! The runtime's C ABI as the compiler sees it: generated from `runtime/src/abi.rs`, the one
//! declaration both sides include. Provides the function table, the globals, the constants and
//! the exception kinds; the code generator declares symbols only from here.

#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbiTy {
    i64,
    i32,
    f64,
    bool,
    u8,
    ptr,
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
        constants { $( $(#[$ca:meta])* const $cname:ident : $cty:ty = $cval:expr ; )* }
        exception_kinds { $( $kname:ident = $kval:expr ),* $(,)? }
    ) => {
        pub const FUNCTIONS: &[AbiFn] = &[ $( AbiFn { name: stringify!($fname), params: &[ $( AbiTy::$pty ),* ], ret: AbiTy::$fret } ),* ];
        pub const ENTRY: &[&str] = &[ $( stringify!($ename) ),* ];
        pub const GLOBALS: &[(&str, AbiTy)] = &[ $( (stringify!($gname), AbiTy::$gty) ),* ];
        $( $(#[$ca])* pub const $cname: $cty = $cval; )*
        pub const EXCEPTION_KINDS: &[(&str, i32)] = &[ $( (stringify!($kname), $kval) ),* ];
    };
}

include!("../../runtime/src/abi.rs");

pub fn function(name: &str) -> Option<&'static AbiFn> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

pub fn exception_kind(name: &str) -> Option<i32> {
    EXCEPTION_KINDS.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
}
