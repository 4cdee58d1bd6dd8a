//! Python ints: small ints in the reference word, big ints on the heap.
//!
//! Relies on: `bigint::Big` for arithmetic beyond 64 bits; `int_float` for the int/float
//! conversions (true division, negative powers); `float::box_float` for float results.
//! CPython 3.11's `Objects/longobject.c` is the reference for every result and message.
//!
//! Provides: the `int` type object `molt_type_int` and its slots; [`IntRef`] (a borrowed view of
//! any int, bool included); constructors that normalise ([`from_i64`], [`from_i128`],
//! [`from_big`]); [`int_binary`], [`int_unary`], [`int_compare`], [`int_hash`],
//! [`int_to_decimal`] (with CPython's 4300-digit limit); and the ABI functions `molt_int_binop`,
//! `molt_int_unop`, `molt_int_cmp`, `molt_int_from_i64`, `molt_int_to_i64`,
//! `molt_int_from_decimal`, `molt_print_int`.
//!
//! Invariants: a heap int's value is outside the small-int range (every constructor
//! normalises), so each value has exactly one representation. Results larger than
//! [`MAX_INT_BITS`] bits raise MemoryError before the library is asked to compute them (CPython
//! raises MemoryError when its allocation fails; the library would abort instead).

use alloc::alloc::Layout;
use alloc::string::String;
use core::cmp::Ordering;

use super::alloc::{HeapKind, alloc_raw, free_raw, memory_error};
use super::bigint::Big;
use super::singletons::{self, is_bool};
use super::types::{NumberSlots, OpSet, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, SMALL_MAX, SMALL_MIN, dispatch, float, int_float, new_ref};
use crate::ExceptionKind::{
    NotImplementedError, OverflowError, TypeError, ValueError, ZeroDivisionError,
};
use crate::exceptions::{MoltResult, fail, value_or_raise};
use crate::{BinaryOp, CompareOp, UnaryOp};

/// Ints of more bits than this raise MemoryError (4 GiB of digits).
pub const MAX_INT_BITS: u64 = 1 << 35;

/// CPython's default `sys.get_int_max_str_digits()`.
pub const MAX_STR_DIGITS: usize = 4300;

/// The ValueError message for converting an int of more than [`MAX_STR_DIGITS`] digits to text.
pub const MAX_STR_DIGITS_MSG: &str = "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit";

/// `//` and `divmod` by zero.
pub const DIV_ZERO_MSG: &str = "integer division or modulo by zero";
/// `%` by zero.
pub const MOD_ZERO_MSG: &str = "integer modulo by zero";

/// A big int object: the header, then the value.
#[repr(C)]
pub struct IntObject {
    pub header: Header,
    pub value: Big,
}

/// A borrowed view of an int (a bool is 0 or 1).
#[derive(Clone, Copy, Debug)]
pub enum IntRef<'a> {
    Small(i64),
    Big(&'a Big),
}

impl IntRef<'_> {
    pub fn is_zero(self) -> bool {
        match self {
            IntRef::Small(v) => v == 0,
            IntRef::Big(b) => b.is_zero(),
        }
    }

    pub fn is_negative(self) -> bool {
        match self {
            IntRef::Small(v) => v < 0,
            IntRef::Big(b) => b.is_negative(),
        }
    }

    /// The number of bits of the absolute value.
    pub fn bit_length(self) -> u64 {
        match self {
            IntRef::Small(v) => u64::from(64 - v.unsigned_abs().leading_zeros()),
            IntRef::Big(b) => b.bit_length(),
        }
    }

    /// The value as an i64, if it fits.
    pub fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(v) => Some(v),
            IntRef::Big(b) => b.to_i64(),
        }
    }
}

/// Runs `f` with the operand as a [`Big`] (borrowed when it is one).
fn with_big<R>(a: IntRef<'_>, f: impl FnOnce(&Big) -> R) -> R {
    let tmp;
    let r = match a {
        IntRef::Big(x) => x,
        IntRef::Small(v) => {
            tmp = Big::from_i64(v);
            &tmp
        }
    };
    f(r)
}

/// Runs `f` with both operands as [`Big`]s (borrowed when they are).
fn with_bigs<R>(a: IntRef<'_>, b: IntRef<'_>, f: impl FnOnce(&Big, &Big) -> R) -> R {
    with_big(a, |x| with_big(b, |y| f(x, y)))
}

/// The view of `o` if it is an int (small, big, or bool): CPython's `PyLong_Check`.
pub fn int_ref<'a>(o: Obj) -> Option<IntRef<'a>> {
    if let Some(v) = o.small_value() {
        return Some(IntRef::Small(v));
    }
    let ty = o.type_of();
    if ty.is(&molt_type_int) {
        let h = o.header_ptr()?;
        // SAFETY: an object of type int is an `IntObject`; it lives as long as `o` is referenced.
        return Some(IntRef::Big(unsafe { &(*h.cast::<IntObject>()).value }));
    }
    if is_bool(o) {
        return Some(IntRef::Small(i64::from(singletons::bool_value(o))));
    }
    None
}

/// True if `o` is an int (bools included).
pub fn is_int(o: Obj) -> bool {
    o.is_small() || o.type_of().is(&molt_type_int) || is_bool(o)
}

/// The int `v` (small when it fits).
pub fn from_i64(v: i64) -> MoltResult<Obj> {
    match Obj::small(v) {
        Some(o) => Ok(o),
        None => alloc_big(Big::from_i64(v)),
    }
}

/// The int `v` (small when it fits).
pub fn from_i128(v: i128) -> MoltResult<Obj> {
    match i64::try_from(v).ok().and_then(Obj::small) {
        Some(o) => Ok(o),
        None => alloc_big(Big::from_i128(v)),
    }
}

/// The int `b` (small when it fits).
pub fn from_big(b: Big) -> MoltResult<Obj> {
    match b.to_i64().and_then(Obj::small) {
        Some(o) => Ok(o),
        None => alloc_big(b),
    }
}

fn alloc_big(b: Big) -> MoltResult<Obj> {
    let p = alloc_raw(Layout::new::<IntObject>(), &molt_type_int)?;
    // SAFETY: `p` is a fresh `IntObject` block whose header is written; the value goes after it.
    unsafe {
        core::ptr::addr_of_mut!((*p.cast::<IntObject>()).value).write(b);
        Ok(Obj::from_header(p))
    }
}

/// Frees a big int.
///
/// # Safety
/// `h` is a big int object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    let p = h.cast::<IntObject>();
    // SAFETY: forwarded contract: the value is initialised and dropped once.
    unsafe {
        core::ptr::drop_in_place(core::ptr::addr_of_mut!((*p).value));
        free_raw(h, Layout::new::<IntObject>(), HeapKind::Int);
    }
}

/// Fails with MemoryError when an int of at least `bits` bits is asked for.
fn check_bits(bits: u64) -> MoltResult<()> {
    if bits > MAX_INT_BITS {
        memory_error()
    } else {
        Ok(())
    }
}

fn floor_div(x: i64, y: i64) -> i64 {
    let q = x / y;
    if x % y != 0 && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    }
}

fn floor_mod(x: i64, y: i64) -> i64 {
    let r = x % y;
    if r != 0 && ((r < 0) != (y < 0)) {
        r + y
    } else {
        r
    }
}

/// `a op b` for two ints with CPython's semantics (`/` and negative powers give floats).
pub fn int_binary(op: BinaryOp, a: IntRef<'_>, b: IntRef<'_>) -> MoltResult<Obj> {
    use IntRef::Small as S;
    match op {
        BinaryOp::Add => match (a, b) {
            (S(x), S(y)) => from_i64(x + y),
            _ => with_bigs(a, b, |x, y| from_big(x.add(y))),
        },
        BinaryOp::Sub => match (a, b) {
            (S(x), S(y)) => from_i64(x - y),
            _ => with_bigs(a, b, |x, y| from_big(x.sub(y))),
        },
        BinaryOp::Mul => match (a, b) {
            (S(x), S(y)) => from_i128(i128::from(x) * i128::from(y)),
            _ => {
                check_bits(
                    a.bit_length()
                        .saturating_add(b.bit_length())
                        .saturating_sub(1),
                )?;
                with_bigs(a, b, |x, y| from_big(x.mul(y)))
            }
        },
        BinaryOp::TrueDiv => float::box_float(int_float::int_truediv(a, b)?),
        BinaryOp::FloorDiv => {
            if b.is_zero() {
                return fail(ZeroDivisionError, DIV_ZERO_MSG);
            }
            match (a, b) {
                (S(x), S(y)) => from_i64(floor_div(x, y)),
                _ => with_bigs(a, b, |x, y| from_big(x.div_floor(y))),
            }
        }
        BinaryOp::Mod => {
            if b.is_zero() {
                return fail(ZeroDivisionError, MOD_ZERO_MSG);
            }
            match (a, b) {
                (S(x), S(y)) => from_i64(floor_mod(x, y)),
                _ => with_bigs(a, b, |x, y| from_big(x.mod_floor(y))),
            }
        }
        BinaryOp::Pow => int_pow(a, b),
        BinaryOp::LShift => int_lshift(a, b),
        BinaryOp::RShift => int_rshift(a, b),
        BinaryOp::And => match (a, b) {
            (S(x), S(y)) => from_i64(x & y),
            _ => with_bigs(a, b, |x, y| from_big(x.and(y))),
        },
        BinaryOp::Or => match (a, b) {
            (S(x), S(y)) => from_i64(x | y),
            _ => with_bigs(a, b, |x, y| from_big(x.or(y))),
        },
        BinaryOp::Xor => match (a, b) {
            (S(x), S(y)) => from_i64(x ^ y),
            _ => with_bigs(a, b, |x, y| from_big(x.xor(y))),
        },
    }
}

/// `base ** exp` in i128, if it fits.
fn pow_i128(base: i64, mut exp: u64) -> Option<i128> {
    let mut result: i128 = 1;
    let mut b = i128::from(base);
    loop {
        if exp & 1 == 1 {
            result = result.checked_mul(b)?;
        }
        exp >>= 1;
        if exp == 0 {
            return Some(result);
        }
        b = b.checked_mul(b)?;
    }
}

/// `a ** b` (CPython's `long_pow` without a modulus).
fn int_pow(a: IntRef<'_>, b: IntRef<'_>) -> MoltResult<Obj> {
    if b.is_negative() {
        // CPython hands the operands to float's `**`.
        let x = int_float::int_to_f64(a)?;
        let y = int_float::int_to_f64(b)?;
        return float::box_float(crate::numeric::float_pow(x, y)?);
    }
    let odd_exp = match b {
        IntRef::Small(e) => e & 1 == 1,
        IntRef::Big(e) => e.is_odd(),
    };
    match a.to_i64() {
        Some(0) => return from_i64(i64::from(b.is_zero())),
        Some(1) => return from_i64(1),
        Some(-1) => return from_i64(if odd_exp { -1 } else { 1 }),
        _ => {}
    }
    // |a| >= 2 from here: an exponent beyond u64 (or MAX_INT_BITS) cannot be computed.
    let Some(e) = b.to_i64() else {
        return memory_error();
    };
    let e = e.unsigned_abs();
    check_bits((a.bit_length() - 1).saturating_mul(e).saturating_add(1))?;
    if let IntRef::Small(x) = a
        && let Some(r) = pow_i128(x, e)
    {
        return from_i128(r);
    }
    with_big(a, |x| from_big(x.pow(e)))
}

/// CPython's `PY_SSIZE_T_MAX / sizeof(digit)`: where `divmod_shift` clips a shift's digit count.
const SHIFT_CLIP_DIGITS: u64 = (i64::MAX as u64) / 4;
/// CPython's `MAX_LONG_DIGITS` (30-bit digits; the digits start 24 bytes into an int object).
const MAX_LONG_DIGITS: u64 = (i64::MAX as u64 - 24) / 4;

/// `a << b`. As in CPython, a result whose count of 30-bit digits exceeds `MAX_LONG_DIGITS`
/// is an OverflowError ("too many digits in integer"); smaller ones that cannot be allocated
/// are a MemoryError.
fn int_lshift(a: IntRef<'_>, b: IntRef<'_>) -> MoltResult<Obj> {
    if b.is_negative() {
        return fail(ValueError, "negative shift count");
    }
    if a.is_zero() {
        return Ok(Obj::default());
    }
    let n = match b {
        IntRef::Small(v) => Some(u128::from(v.unsigned_abs())),
        IntRef::Big(x) => x.to_u128(),
    };
    if let (IntRef::Small(x), Some(n @ 0..64)) = (a, n) {
        return from_i128(i128::from(x) << n);
    }
    let too_many = || fail(OverflowError, "too many digits in integer");
    let Some(n) = n else { return too_many() };
    let wordshift = n / 30;
    if wordshift >= u128::from(SHIFT_CLIP_DIGITS) {
        return too_many();
    }
    let newsize = u128::from(a.bit_length().div_ceil(30)) + wordshift + u128::from(n % 30 != 0);
    if newsize > u128::from(MAX_LONG_DIGITS) {
        return too_many();
    }
    // n < 2^66 here; beyond MAX_INT_BITS it is a MemoryError anyway.
    let n = u64::try_from(n).unwrap_or(u64::MAX);
    check_bits(a.bit_length().saturating_add(n))?;
    with_big(a, |x| from_big(x.shl(n)))
}

/// `a >> b` (rounds toward negative infinity).
fn int_rshift(a: IntRef<'_>, b: IntRef<'_>) -> MoltResult<Obj> {
    if b.is_negative() {
        return fail(ValueError, "negative shift count");
    }
    let n = b.to_i64().map_or(u64::MAX, i64::unsigned_abs);
    match a {
        IntRef::Small(x) => from_i64(x >> n.min(63)),
        IntRef::Big(x) => {
            if n >= x.bit_length() {
                return from_i64(if x.is_negative() { -1 } else { 0 });
            }
            from_big(x.shr(n))
        }
    }
}

/// `op a` for the int `o` (a bool gives an int, as in CPython).
pub fn int_unary(op: UnaryOp, o: Obj) -> MoltResult<Obj> {
    let Some(a) = int_ref(o) else {
        return not_an_int("molt_int_unop");
    };
    let exact = !is_bool(o);
    match op {
        UnaryOp::Neg => match a {
            IntRef::Small(x) => from_i64(-x),
            IntRef::Big(x) => from_big(x.neg()),
        },
        UnaryOp::Pos => {
            if exact {
                Ok(new_ref(o))
            } else {
                from_i64(a.to_i64().unwrap_or(0))
            }
        }
        UnaryOp::Invert => match a {
            IntRef::Small(x) => from_i64(!x),
            IntRef::Big(x) => from_big(x.not()),
        },
        UnaryOp::Abs => match a {
            IntRef::Small(x) => from_i64(x.abs()),
            IntRef::Big(x) if !x.is_negative() && exact => Ok(new_ref(o)),
            IntRef::Big(x) => from_big(x.abs()),
        },
    }
}

/// Compares two ints.
pub fn int_compare(a: IntRef<'_>, b: IntRef<'_>) -> Ordering {
    match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => x.cmp(&y),
        (IntRef::Big(x), IntRef::Small(y)) => x.compare_i64(y),
        (IntRef::Small(x), IntRef::Big(y)) => y.compare_i64(x).reverse(),
        (IntRef::Big(x), IntRef::Big(y)) => x.compare(y),
    }
}

/// The modulus of CPython's numeric hashes: 2^61 - 1.
pub const HASH_MODULUS: u64 = (1 << 61) - 1;

/// CPython's `hash(int)`: sign(a) * (|a| mod 2^61-1), with -1 replaced by -2.
#[inline]
pub fn int_hash(a: IntRef<'_>) -> i64 {
    let m = match a {
        IntRef::Small(v) => v.unsigned_abs() % HASH_MODULUS,
        IntRef::Big(b) => b.magnitude_mod(HASH_MODULUS),
    } as i64;
    let h = if a.is_negative() { -m } else { m };
    if h == -1 { -2 } else { h }
}

/// The decimal text of an int; ValueError beyond CPython's 4300-digit limit.
pub fn int_to_decimal(a: IntRef<'_>) -> MoltResult<String> {
    match a {
        IntRef::Small(v) => Ok(crate::print::int_repr(v)),
        IntRef::Big(b) => {
            // 2^14300 has more than 4300 digits: refuse before the (quadratic) conversion.
            if b.bit_length() > 14_300 {
                return fail(ValueError, MAX_STR_DIGITS_MSG);
            }
            let s = b.to_decimal();
            let digits = s.len() - usize::from(b.is_negative());
            if digits > MAX_STR_DIGITS {
                return fail(ValueError, MAX_STR_DIGITS_MSG);
            }
            Ok(s)
        }
    }
}

/// The int written by ASCII decimal digits (optionally after a `-`).
pub fn int_from_decimal_text(text: &[u8]) -> MoltResult<Obj> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let Some(b) = Big::parse_decimal(digits) else {
        return fail(
            ValueError,
            "molt_int_from_decimal: not a decimal integer literal",
        );
    };
    from_big(if negative { b.neg() } else { b })
}

fn not_an_int<T>(func: &str) -> MoltResult<T> {
    fail(TypeError, alloc::format!("{func}: operand is not an int"))
}

// --- slots ---

/// int's binary slot (`long_add` …): NotImplemented unless both operands are ints.
pub fn int_slot_binary(op: BinaryOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    match (int_ref(v), int_ref(w)) {
        (Some(a), Some(b)) => int_binary(op, a, b),
        _ => Ok(singletons::not_implemented()),
    }
}

fn int_slot_unary(op: UnaryOp, v: Obj) -> MoltResult<Obj> {
    int_unary(op, v)
}

fn int_truth(v: Obj) -> bool {
    int_ref(v).is_some_and(|a| !a.is_zero())
}

/// `nb_index`: the int itself (a bool's value as an int).
fn int_index(v: Obj) -> MoltResult<Obj> {
    match int_ref(v) {
        Some(_) if !is_bool(v) => Ok(new_ref(v)),
        Some(a) => from_i64(a.to_i64().unwrap_or(0)),
        None => not_an_int("__index__"),
    }
}

fn int_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    match (int_ref(v), int_ref(w)) {
        (Some(a), Some(b)) => Ok(singletons::bool_obj(dispatch::op_holds(
            op,
            int_compare(a, b),
        ))),
        _ => Ok(singletons::not_implemented()),
    }
}

fn int_hash_slot(v: Obj) -> MoltResult<i64> {
    match int_ref(v) {
        Some(a) => Ok(int_hash(a)),
        None => not_an_int("__hash__"),
    }
}

fn int_repr_slot(v: Obj) -> MoltResult<String> {
    match int_ref(v) {
        Some(a) => int_to_decimal(a),
        None => not_an_int("__repr__"),
    }
}

static INT_NUMBER: NumberSlots = NumberSlots {
    binary: Some(int_slot_binary),
    binary_ops: OpSet::binary(BinaryOp::ALL),
    unary: Some(int_slot_unary),
    unary_ops: OpSet::unary(UnaryOp::ALL),
    truth: Some(int_truth),
    index: Some(int_index),
    ..NumberSlots::EMPTY
};

/// The type object of `int` (big ints; small ints have no header).
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_type_int: TypeObject = TypeObject {
    new: Some(super::construct::hooked_new),
    number: Some(&INT_NUMBER),
    richcompare: Some(int_richcompare),
    hash: Some(int_hash_slot),
    repr: Some(int_repr_slot),
    heap: Some(HeapKind::Int),
    enabled_methods: Some(&super::number_methods::INT_ENABLED),
    class_functions: &[("from_bytes", super::number_methods::from_bytes_class_value)],
    ..TypeObject::new("int", &TYPE_OBJECT)
};

// --- the C ABI ---

/// Decodes an ABI operator code, or the error for a bad one.
#[inline(always)]
pub(crate) fn decode<T>(code: i32, from_code: fn(i32) -> Option<T>, what: &'static str) -> MoltResult<T> {
    match from_code(code) {
        Some(op) => Ok(op),
        None => Err(invalid_code(what, code)),
    }
}

/// The error of an operator code the ABI does not define (a compiler bug), out of line.
#[cold]
#[inline(never)]
fn invalid_code(what: &'static str, code: i32) -> crate::exceptions::MoltError {
    crate::exceptions::MoltError::new(NotImplementedError, alloc::format!("invalid {what} code {code}"))
}

/// `a op b` for two ints (small or big) with CPython's semantics.
#[unsafe(no_mangle)]
pub extern "C" fn molt_int_binop(op: i32, a: Obj, b: Obj) -> Obj {
    value_or_raise((|| {
        let op = decode(op, BinaryOp::from_code, "binary operator")?;
        match (int_ref(a), int_ref(b)) {
            (Some(x), Some(y)) => int_binary(op, x, y),
            _ => not_an_int("molt_int_binop"),
        }
    })())
}

/// `op a` for an int.
#[unsafe(no_mangle)]
pub extern "C" fn molt_int_unop(op: i32, a: Obj) -> Obj {
    value_or_raise(decode(op, UnaryOp::from_code, "unary operator").and_then(|op| int_unary(op, a)))
}

/// Compares two ints: -1, 0 or 1.
#[unsafe(no_mangle)]
pub extern "C" fn molt_int_cmp(a: Obj, b: Obj) -> i32 {
    match (int_ref(a), int_ref(b)) {
        (Some(x), Some(y)) => int_compare(x, y) as i32,
        _ => value_or_raise(not_an_int("molt_int_cmp")),
    }
}

/// The int with this 64-bit value.
#[unsafe(no_mangle)]
pub extern "C" fn molt_int_from_i64(value: i64) -> Obj {
    value_or_raise(from_i64(value))
}

/// The value of an int as an i64; OverflowError when it does not fit.
#[unsafe(no_mangle)]
pub extern "C" fn molt_int_to_i64(a: Obj) -> i64 {
    value_or_raise(match int_ref(a) {
        Some(x) => match x.to_i64() {
            Some(v) => Ok(v),
            None => fail(
                OverflowError,
                "Python int too large to convert to C ssize_t",
            ),
        },
        None => not_an_int("molt_int_to_i64"),
    })
}

/// The int written in base 10 by `len` ASCII digits at `text`.
///
/// # Safety
/// `text` must be valid for reads of `len` bytes (or null / `len <= 0`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn molt_int_from_decimal(text: *const u8, len: i64) -> Obj {
    // SAFETY: forwarded caller contract.
    let text = unsafe { crate::exceptions::bytes_from_raw(text, len) };
    value_or_raise(int_from_decimal_text(text))
}

/// Writes the repr of a Python int (small or big); ValueError past 4300 digits.
#[unsafe(no_mangle)]
pub extern "C" fn molt_print_int(value: Obj) {
    match int_ref(value) {
        Some(IntRef::Small(v)) => crate::print::write_int(v),
        Some(a) => match int_to_decimal(a) {
            Ok(s) => crate::print::write_stdout(s.as_bytes()),
            Err(e) => crate::exceptions::raise_error(&e),
        },
        None => value_or_raise(not_an_int("molt_print_int")),
    }
}

const _: () = {
    assert!(SMALL_MIN == -(1 << 62) && SMALL_MAX == (1 << 62) - 1);
};
