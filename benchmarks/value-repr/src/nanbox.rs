//! Candidate 3: NaN-boxing. A float is its own f64 bits (NaNs canonicalized when boxed); other
//! values live in the negative quiet-NaN space above 0xFFF8_0000_0000_0000, with a 16-bit tag
//! and a 48-bit payload:
//!   0xFFF9 << 48 | 48-bit two's-complement int   (small ints: ±2^47)
//!   0xFFFA << 48 | 48-bit heap address            (ints beyond 48 bits, str, list, …)
//!   0xFFFB << 48 | 0/1/2                          (None/False/True; unused here)
//! Every bit pattern ≤ 0xFFF8_0000_0000_0000 is a float. Arithmetic on canonical floats yields
//! canonical floats (x86-64's default NaN is 0xFFF8…, AArch64's 0x7FF8…; operand NaNs propagate),
//! so only floats that come from outside (bytes, C calls) need canonicalizing.

use crate::common::*;

pub struct NanBox;

const TAG_SHIFT: u32 = 48;
const TAG_INT: u64 = 0xFFF9;
const TAG_PTR: u64 = 0xFFFA;
const PAYLOAD: u64 = (1 << TAG_SHIFT) - 1;
const MAX_FLOAT: u64 = 0xFFF8_0000_0000_0000;

#[inline(always)]
fn is_float(v: u64) -> bool {
    v <= MAX_FLOAT
}
#[inline(always)]
fn is_int(v: u64) -> bool {
    v >> TAG_SHIFT == TAG_INT
}
#[inline(always)]
fn is_ptr(v: u64) -> bool {
    v >> TAG_SHIFT == TAG_PTR
}
#[inline(always)]
fn int_value(v: u64) -> i64 {
    ((v << 16) as i64) >> 16
}
#[inline(always)]
fn fits48(v: i64) -> bool {
    (v << 16) >> 16 == v
}
#[inline(always)]
fn ptr(v: u64) -> *mut Header {
    (v & PAYLOAD) as *mut Header
}
#[inline(always)]
fn from_ptr(p: *mut Header) -> u64 {
    let a = p as u64;
    debug_assert!(a <= PAYLOAD, "heap address beyond 48 bits: {a:#x}");
    a | TAG_PTR << TAG_SHIFT
}
#[inline(always)]
fn small(v: i64) -> u64 {
    (v as u64 & PAYLOAD) | TAG_INT << TAG_SHIFT
}

impl Repr for NanBox {
    const NAME: &'static str = "3 NaN-boxing";
    type V = u64;

    #[inline(always)]
    fn box_int(v: i64) -> u64 {
        if fits48(v) {
            small(v)
        } else {
            unsafe { from_ptr(new_big(v as i128)) }
        }
    }

    #[inline(always)]
    fn box_float(v: f64) -> u64 {
        if v.is_nan() {
            f64::NAN.to_bits()
        } else {
            v.to_bits()
        }
    }

    fn box_other() -> u64 {
        unsafe { from_ptr(alloc_obj(&OBJ_TYPE)) }
    }

    #[inline(always)]
    fn incref(v: u64) {
        if is_ptr(v) {
            unsafe { (*ptr(v)).rc += 1 }
        }
    }

    #[inline(always)]
    fn decref(v: u64) {
        if is_ptr(v) {
            let p = ptr(v);
            unsafe {
                (*p).rc -= 1;
                if (*p).rc == 0 {
                    free_obj(p)
                }
            }
        }
    }

    #[inline(always)]
    fn add(a: u64, b: u64) -> u64 {
        if is_int(a) && is_int(b) {
            // Sign-extend both; the i64 sum cannot overflow, so check it still fits 48 bits.
            let r = int_value(a) + int_value(b);
            if fits48(r) {
                return small(r);
            }
        } else if is_float(a) && is_float(b) {
            return (f64::from_bits(a) + f64::from_bits(b)).to_bits();
        }
        add_slow::<Self>(a, b)
    }

    fn to_num(v: u64) -> Num {
        if is_float(v) {
            Num::Float(f64::from_bits(v))
        } else if is_int(v) {
            Num::Int(int_value(v) as i128)
        } else if is_ptr(v) && is(ptr(v), &BIG_TYPE) {
            Num::Int(unsafe { big_value(ptr(v)) })
        } else {
            Num::Other
        }
    }

    fn from_num(n: Num) -> u64 {
        match n {
            Num::Int(v) => match i64::try_from(v) {
                Ok(v) if fits48(v) => small(v),
                _ => unsafe { from_ptr(new_big(v)) },
            },
            Num::Float(f) => Self::box_float(f),
            Num::Other => Self::box_other(),
        }
    }
}
