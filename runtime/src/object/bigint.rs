//! The arbitrary-precision integer library, behind a thin wrapper.
//!
//! Relies on: `dashu-int` 0.6.2 (pinned exactly, `default-features = false`: `core` + `alloc`,
//! so it works in the `no_std` runtime; decisions/0012). Its bitwise operators use two's
//! complement semantics and its `>>` rounds toward negative infinity, as Python's do. Its `/` and
//! `%` truncate toward zero, so the floor forms below adjust them; the correctly rounded float
//! conversion is `int_float`'s, built on [`Big::magnitude_shr_u64`] and
//! [`Big::low_bits_nonzero`] (dashu's own `to_f64` is not correctly rounded).
//!
//! Provides: [`Big`], a signed integer of any size, with exactly the operations the int module
//! needs (arithmetic with floor division, powers, shifts, bitwise operators, comparison, decimal
//! text, the bit-level access float conversion and hashing use, and `math`'s gcd and integer
//! square root).
//!
//! Invariants: this is the only module that names the library, so it can be swapped by
//! rewriting this file alone. Nothing here checks sizes: callers bound results (`int`'s
//! `MAX_INT_BITS`) before asking for them, since the library aborts when an allocation fails
//! (and panics on a shift or power whose size overflows `usize`). No function panics for the
//! inputs its doc allows (division: a non-zero divisor, which the callers check first and raise
//! ZeroDivisionError otherwise; dashu panics on a zero divisor, and a panic aborts the program).

use alloc::string::{String, ToString as _};
use core::cmp::Ordering;

use dashu_int::ops::{BitTest as _, DivRem as _, Gcd as _, SquareRoot as _};
use dashu_int::{IBig, Sign, UBig, Word};

/// The bits in one of dashu's words.
const WORD_BITS: u64 = Word::BITS as u64;

/// A signed integer of any size.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Big(IBig);

/// A shift count or exponent as a `usize` (saturating: callers bound them far below).
fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

impl Big {
    pub fn from_i64(v: i64) -> Big {
        Big(IBig::from(v))
    }

    pub fn from_i128(v: i128) -> Big {
        Big(IBig::from(v))
    }

    pub fn from_u64(v: u64) -> Big {
        Big(IBig::from(v))
    }

    /// The non-negative integer whose little-endian bytes are `bytes` (`random`'s
    /// `getrandbits` and str seeds: `_PyLong_FromByteArray` / `int.from_bytes`).
    pub fn from_le_bytes(bytes: &[u8]) -> Big {
        Big(IBig::from(UBig::from_le_bytes(bytes)))
    }

    /// The big-endian counterpart of [`Big::from_le_bytes`] (`int.from_bytes(b)`).
    pub fn from_be_bytes(bytes: &[u8]) -> Big {
        Big(IBig::from(UBig::from_be_bytes(bytes)))
    }

    /// The little-endian bytes of the magnitude (two's complement of the absolute value: a
    /// zero byte may end it).
    pub fn magnitude_le_bytes(&self) -> alloc::vec::Vec<u8> {
        self.abs().0.to_le_bytes().into_vec()
    }

    /// The value as an i64, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        i64::try_from(&self.0).ok()
    }

    /// The value as a u128, if it fits (non-negative and below 2^128).
    pub fn to_u128(&self) -> Option<u128> {
        u128::try_from(&self.0).ok()
    }

    /// The value as a u64, if it fits (non-negative and below 2^64).
    pub fn to_u64(&self) -> Option<u64> {
        u64::try_from(&self.0).ok()
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(&self) -> bool {
        self.0.sign() == Sign::Negative
    }

    /// The number of bits of |self| (0 for 0): Python's `int.bit_length()`.
    pub fn bit_length(&self) -> u64 {
        self.0.bit_len() as u64
    }

    /// Whether |self| has a 1 among its `n` lowest bits.
    pub fn low_bits_nonzero(&self, n: u64) -> bool {
        // Two's complement and magnitude have the same trailing zeros.
        match self.0.trailing_zeros() {
            Some(t) => (t as u64) < n,
            None => false,
        }
    }

    /// Whether self is odd.
    pub fn is_odd(&self) -> bool {
        self.0.trailing_zeros() == Some(0)
    }

    pub fn add(&self, other: &Big) -> Big {
        Big(&self.0 + &other.0)
    }

    pub fn sub(&self, other: &Big) -> Big {
        Big(&self.0 - &other.0)
    }

    pub fn mul(&self, other: &Big) -> Big {
        Big(&self.0 * &other.0)
    }

    pub fn neg(&self) -> Big {
        Big(-&self.0)
    }

    pub fn abs(&self) -> Big {
        if self.is_negative() {
            self.neg()
        } else {
            self.clone()
        }
    }

    /// `~self` (= -self - 1).
    pub fn not(&self) -> Big {
        Big(!&self.0)
    }

    /// (self // d, self % d) with Python's floor semantics. `d` must not be zero.
    pub fn div_mod_floor(&self, d: &Big) -> (Big, Big) {
        debug_assert!(!d.is_zero(), "division by zero");
        // dashu truncates: the remainder has self's sign. Floor when it differs from d's.
        let (q, r) = (&self.0).div_rem(&d.0);
        if !r.is_zero() && r.sign() != d.0.sign() {
            (Big(q - IBig::ONE), Big(r + &d.0))
        } else {
            (Big(q), Big(r))
        }
    }

    /// `self // d` (floor). `d` must not be zero.
    pub fn div_floor(&self, d: &Big) -> Big {
        self.div_mod_floor(d).0
    }

    /// `self % d` (the result has d's sign). `d` must not be zero.
    pub fn mod_floor(&self, d: &Big) -> Big {
        debug_assert!(!d.is_zero(), "modulo by zero");
        let r = &self.0 % &d.0;
        if !r.is_zero() && r.sign() != d.0.sign() {
            Big(r + &d.0)
        } else {
            Big(r)
        }
    }

    /// `self ** exp`.
    pub fn pow(&self, exp: u64) -> Big {
        Big(self.0.pow(to_usize(exp)))
    }

    /// `self << n`.
    pub fn shl(&self, n: u64) -> Big {
        Big(&self.0 << to_usize(n))
    }

    /// `self >> n` (rounds toward negative infinity, as Python's `>>`).
    pub fn shr(&self, n: u64) -> Big {
        if n >= self.bit_length() {
            return Big::from_i64(if self.is_negative() { -1 } else { 0 });
        }
        Big(&self.0 >> to_usize(n))
    }

    /// `|self| >> n` as a u64: the caller ensures it fits (`bit_length() - n <= 64`);
    /// u64::MAX if it does not.
    pub fn magnitude_shr_u64(&self, n: u64) -> u64 {
        if self.bit_length().saturating_sub(n) > 64 {
            return u64::MAX;
        }
        let (_, words) = self.0.as_sign_words();
        let (first, offset) = (n / WORD_BITS, n % WORD_BITS);
        let Ok(first) = usize::try_from(first) else {
            return 0;
        };
        // At most offset + 64 < 128 bits are needed, from word `first` up.
        let mut acc: u128 = 0;
        let mut filled = 0;
        for &w in words.iter().skip(first) {
            if filled >= offset + 64 {
                break;
            }
            acc |= u128::from(w) << filled;
            filled += WORD_BITS;
        }
        (acc >> offset) as u64 // fits: the bits above are zero (checked first)
    }

    pub fn and(&self, other: &Big) -> Big {
        Big(&self.0 & &other.0)
    }

    pub fn or(&self, other: &Big) -> Big {
        Big(&self.0 | &other.0)
    }

    pub fn xor(&self, other: &Big) -> Big {
        Big(&self.0 ^ &other.0)
    }

    /// `|self| mod m` (`m > 0`).
    pub fn magnitude_mod(&self, m: u64) -> u64 {
        let (_, words) = self.0.as_sign_words();
        let m = u128::from(m);
        // Horner from the most significant word; the running remainder stays below m < 2^64.
        let r = words
            .iter()
            .rev()
            .fold(0u128, |r, &w| ((r << WORD_BITS) | u128::from(w)) % m);
        r as u64 // r < m
    }

    /// `m * 2^e`, negated if `negative`.
    pub fn from_mantissa_exp(m: u64, e: u64, negative: bool) -> Big {
        let v = IBig::from(m) << to_usize(e);
        Big(if negative { -v } else { v })
    }

    /// Compares the values.
    pub fn compare(&self, other: &Big) -> Ordering {
        self.0.cmp(&other.0)
    }

    /// Compares with an i64.
    pub fn compare_i64(&self, other: i64) -> Ordering {
        match self.to_i64() {
            Some(v) => v.cmp(&other),
            None if self.is_negative() => Ordering::Less,
            None => Ordering::Greater,
        }
    }

    /// The value of ASCII decimal digits (no sign, no underscores), or None if `text` is empty or
    /// holds anything else.
    pub fn parse_decimal(text: &[u8]) -> Option<Big> {
        // dashu would also accept `_` separators and a leading `+`: only digits pass here.
        if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let text = core::str::from_utf8(text).ok()?;
        UBig::from_str_radix(text, 10)
            .ok()
            .map(|m| Big(IBig::from(m)))
    }

    /// The value of digits in base `base` (2 to 36): ASCII digits and lowercase letters only (no
    /// sign, no underscores), or None if `text` is empty or holds anything else.
    pub fn parse_radix(text: &[u8], base: u32) -> Option<Big> {
        let valid = |c: &u8| char::from(*c).is_digit(base) && !c.is_ascii_uppercase();
        if text.is_empty() || !(2..=36).contains(&base) || !text.iter().all(valid) {
            return None;
        }
        let text = core::str::from_utf8(text).ok()?;
        UBig::from_str_radix(text, base).ok().map(|m| Big(IBig::from(m)))
    }

    /// The decimal text of the value (`-` first when negative).
    pub fn to_decimal(&self) -> String {
        self.0.to_string()
    }

    /// Writes the value in base 2, 8 or 16 (lowercase digits, `-` first when negative, no
    /// prefix) to `out`; the caller reserves the room (`bit_length` digits plus one).
    pub fn write_radix(&self, out: &mut String, base: u32) {
        use core::fmt::Write as _;
        let _ = match base {
            2 => write!(out, "{:b}", self.0),
            8 => write!(out, "{:o}", self.0),
            _ => write!(out, "{:x}", self.0),
        };
    }

    /// One.
    /// `self ** exp % m` for `exp >= 0` and `m > 0` (CPython's `long_pow` with a modulus, after
    /// its sign handling): in `0..m`. With `invert`, the base is first replaced by its inverse
    /// modulo `m` (a negative exponent's case); None when it has none.
    pub fn pow_mod(&self, exp: &Big, m: &Big, invert: bool) -> Option<Big> {
        let modulus = dashu_int::ops::UnsignedAbs::unsigned_abs(m.0.clone());
        let ring = dashu_int::fast_div::ConstDivisor::new(modulus);
        let mut base = ring.reduce(self.0.clone());
        if invert {
            base = base.inv()?;
        }
        let e = dashu_int::ops::UnsignedAbs::unsigned_abs(exp.0.clone());
        Some(Big(IBig::from(base.pow(&e).residue())))
    }

    /// The greatest common divisor of the absolute values (0 when both are 0).
    pub fn gcd(&self, other: &Big) -> Big {
        if self.is_zero() {
            return other.abs();
        }
        if other.is_zero() {
            return self.abs();
        }
        Big(IBig::from((&self.0).gcd(&other.0)))
    }

    /// The integer square root (the largest `a` with `a * a <= self`) of a non-negative value;
    /// 0 for a negative one (callers check the sign first).
    pub fn isqrt(&self) -> Big {
        if self.is_negative() {
            return Big::default();
        }
        Big(IBig::from(self.0.sqrt()))
    }

    pub fn one() -> Big {
        Big(IBig::ONE)
    }
}
