//! Candidate 2 (Molt's provisional choice): a 64-bit word; low bit 0 = small int (value << 1,
//! 63-bit), low bit 1 = heap object address + 1. Floats are heap objects.
//!
//! `Tagged<true>` adds a CPython-style free list of float objects (at most 100 kept), to show how
//! much of the float boxing cost an allocator fast path recovers; `Tagged<false>` is the plain
//! candidate, allocating every float with the global allocator.

use crate::common::*;

pub struct Tagged<const FREELIST: bool>;

const FREELIST_MAX: usize = 100;
static FREE_HEAD: Global<*mut Header> = Global::new(std::ptr::null_mut());
static FREE_LEN: Global<usize> = Global::new(0);

#[inline(always)]
fn hdr(v: u64) -> *mut Header {
    (v - 1) as *mut Header
}
#[inline(always)]
fn is_heap(v: u64) -> bool {
    v & 1 != 0
}
#[inline(always)]
fn float_value(v: u64) -> f64 {
    unsafe { (*(hdr(v) as *mut FloatObj)).v }
}
#[inline(always)]
fn small_fits(v: i64) -> bool {
    (v << 1) >> 1 == v
}

/// The zero-count path (out of line): floats go back to the free list when there is one.
#[inline(never)]
fn dealloc<const FREELIST: bool>(p: *mut Header) {
    unsafe {
        if FREELIST && is(p, &FLOAT_TYPE) && FREE_LEN.get() < FREELIST_MAX {
            // Reuse the type word as the link.
            (*p).ty = FREE_HEAD.get() as *const TypeObj;
            FREE_HEAD.set(p);
            FREE_LEN.set(FREE_LEN.get() + 1);
            #[cfg(debug_assertions)]
            LIVE.set(LIVE.get() - 1);
        } else {
            free_obj(p)
        }
    }
}

impl<const FREELIST: bool> Repr for Tagged<FREELIST> {
    const NAME: &'static str = if FREELIST {
        "2 tagged+freelist"
    } else {
        "2 tagged"
    };
    type V = u64;

    #[inline(always)]
    fn box_int(v: i64) -> u64 {
        if small_fits(v) {
            (v << 1) as u64
        } else {
            unsafe { new_big(v as i128) as u64 + 1 }
        }
    }

    #[inline(always)]
    fn box_float(v: f64) -> u64 {
        unsafe {
            let head = FREE_HEAD.get();
            let p = if FREELIST && !head.is_null() {
                FREE_HEAD.set((*head).ty as *mut Header);
                FREE_LEN.set(FREE_LEN.get() - 1);
                #[cfg(debug_assertions)]
                LIVE.set(LIVE.get() + 1);
                head.write(Header {
                    rc: 1,
                    ty: &FLOAT_TYPE,
                });
                head as *mut FloatObj
            } else {
                alloc_obj(&FLOAT_TYPE) as *mut FloatObj
            };
            (*p).v = v;
            p as u64 + 1
        }
    }

    fn box_other() -> u64 {
        unsafe { alloc_obj(&OBJ_TYPE) as u64 + 1 }
    }

    #[inline(always)]
    fn incref(v: u64) {
        if is_heap(v) {
            unsafe { (*hdr(v)).rc += 1 }
        }
    }

    #[inline(always)]
    fn decref(v: u64) {
        if is_heap(v) {
            let p = hdr(v);
            unsafe {
                (*p).rc -= 1;
                if (*p).rc == 0 {
                    dealloc::<FREELIST>(p)
                }
            }
        }
    }

    #[inline(always)]
    fn add(a: u64, b: u64) -> u64 {
        if (a | b) & 1 == 0 {
            // Both small: (x<<1) + (y<<1) = (x+y)<<1; i64 overflow = leaving the 63-bit range.
            if let Some(r) = (a as i64).checked_add(b as i64) {
                return r as u64;
            }
        } else if a & b & 1 != 0 && is(hdr(a), &FLOAT_TYPE) && is(hdr(b), &FLOAT_TYPE) {
            return Self::box_float(float_value(a) + float_value(b));
        }
        add_slow::<Self>(a, b)
    }

    fn to_num(v: u64) -> Num {
        if !is_heap(v) {
            Num::Int(((v as i64) >> 1) as i128)
        } else if is(hdr(v), &FLOAT_TYPE) {
            Num::Float(float_value(v))
        } else if is(hdr(v), &BIG_TYPE) {
            Num::Int(unsafe { big_value(hdr(v)) })
        } else {
            Num::Other
        }
    }

    fn from_num(n: Num) -> u64 {
        match n {
            Num::Int(v) => match i64::try_from(v) {
                Ok(v) if small_fits(v) => (v << 1) as u64,
                _ => unsafe { new_big(v) as u64 + 1 },
            },
            Num::Float(f) => Self::box_float(f),
            Num::Other => Self::box_other(),
        }
    }
}
