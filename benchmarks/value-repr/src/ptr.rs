//! Candidate 1: every value is a pointer to a heap object {refcount, type}; ints and floats are
//! heap objects; ints -5..=256 come from a cache of immortal objects (as CPython's).

use crate::common::*;

pub struct Ptr;

const CACHE_MIN: i64 = -5;
const CACHE_LEN: usize = 262;
static CACHE: Global<*mut IntObj> = Global::new(std::ptr::null_mut());

#[inline(always)]
fn new_int(v: i64) -> *mut Header {
    unsafe {
        let p = alloc_obj(&INT_TYPE) as *mut IntObj;
        (*p).v = v;
        p as *mut Header
    }
}

#[inline(always)]
fn int_value(p: *mut Header) -> i64 {
    unsafe { (*(p as *mut IntObj)).v }
}
#[inline(always)]
fn float_value(p: *mut Header) -> f64 {
    unsafe { (*(p as *mut FloatObj)).v }
}

impl Repr for Ptr {
    const NAME: &'static str = "1 pointer";
    type V = *mut Header;

    fn init() {
        if !CACHE.get().is_null() {
            return;
        }
        let cache: Vec<IntObj> = (0..CACHE_LEN as i64)
            .map(|k| IntObj {
                h: Header {
                    rc: IMMORTAL_RC,
                    ty: &INT_TYPE,
                },
                v: CACHE_MIN + k,
            })
            .collect();
        CACHE.set(Box::leak(cache.into_boxed_slice()).as_mut_ptr());
    }

    #[inline(always)]
    fn box_int(v: i64) -> *mut Header {
        let k = v.wrapping_sub(CACHE_MIN) as u64;
        if k < CACHE_LEN as u64 {
            let p = unsafe { CACHE.get().add(k as usize) } as *mut Header;
            Self::incref(p);
            p
        } else {
            new_int(v)
        }
    }

    #[inline(always)]
    fn box_float(v: f64) -> *mut Header {
        unsafe {
            let p = alloc_obj(&FLOAT_TYPE) as *mut FloatObj;
            (*p).v = v;
            p as *mut Header
        }
    }

    fn box_other() -> *mut Header {
        unsafe { alloc_obj(&OBJ_TYPE) }
    }

    #[inline(always)]
    fn incref(p: *mut Header) {
        unsafe { (*p).rc += 1 }
    }

    #[inline(always)]
    fn decref(p: *mut Header) {
        unsafe {
            (*p).rc -= 1;
            if (*p).rc == 0 {
                free_obj(p)
            }
        }
    }

    #[inline(always)]
    fn add(a: *mut Header, b: *mut Header) -> *mut Header {
        if is(a, &INT_TYPE) && is(b, &INT_TYPE) {
            if let Some(r) = int_value(a).checked_add(int_value(b)) {
                return Self::box_int(r);
            }
        } else if is(a, &FLOAT_TYPE) && is(b, &FLOAT_TYPE) {
            return Self::box_float(float_value(a) + float_value(b));
        }
        add_slow::<Self>(a, b)
    }

    fn to_num(p: *mut Header) -> Num {
        if is(p, &INT_TYPE) {
            Num::Int(int_value(p) as i128)
        } else if is(p, &FLOAT_TYPE) {
            Num::Float(float_value(p))
        } else if is(p, &BIG_TYPE) {
            Num::Int(unsafe { big_value(p) })
        } else {
            Num::Other
        }
    }

    fn from_num(n: Num) -> *mut Header {
        match n {
            Num::Int(v) => match i64::try_from(v) {
                Ok(v) => Self::box_int(v),
                Err(_) => unsafe { new_big(v) },
            },
            Num::Float(f) => Self::box_float(f),
            Num::Other => Self::box_other(),
        }
    }
}
