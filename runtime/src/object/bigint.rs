//! The arbitrary-precision integer library, behind a thin wrapper.
//!
//! Relies on: `num-bigint` 0.4 (with `num-integer` and `num-traits`, all `default-features =
//! false`: `core` + `alloc`, so it works in the `no_std` runtime). Its bitwise operators use
//! two's complement semantics and its `>>` rounds toward negative infinity, as Python's do.
//!
//! Provides: [`Big`], a signed integer of any size, with exactly the operations the int module
//! needs (arithmetic with floor division, powers, shifts, bitwise operators, comparison, decimal
//! text, and the bit-level access float conversion and hashing use).
//!
//! Invariants: this is the only module that names the library, so it can be swapped by
//! rewriting this file alone. Nothing here checks sizes: callers bound results (`int`'s
//! `MAX_INT_BITS`) before asking for them, since the library aborts when an allocation fails.
//! No function panics for the inputs its doc allows (division: a non-zero divisor).

use alloc::string::String;
use core::cmp::Ordering;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer as _;
use num_traits::{One as _, Signed as _, ToPrimitive as _, Zero as _};

/// A signed integer of any size.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Big(BigInt);

impl Big {
    pub fn from_i64(v: i64) -> Big {
        Big(BigInt::from(v))
    }

    pub fn from_i128(v: i128) -> Big {
        Big(BigInt::from(v))
    }

    pub fn from_u64(v: u64) -> Big {
        Big(BigInt::from(v))
    }

    /// The value as an i64, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        self.0.to_i64()
    }

    /// The value as a u128, if it fits (non-negative and below 2^128).
    pub fn to_u128(&self) -> Option<u128> {
        self.0.to_u128()
    }

    /// The value as a u64, if it fits (non-negative and below 2^64).
    pub fn to_u64(&self) -> Option<u64> {
        self.0.to_u64()
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(&self) -> bool {
        self.0.sign() == Sign::Minus
    }

    /// The number of bits of |self| (0 for 0): Python's `int.bit_length()`.
    pub fn bit_length(&self) -> u64 {
        self.0.bits()
    }

    /// Whether |self| has a 1 among its `n` lowest bits.
    pub fn low_bits_nonzero(&self, n: u64) -> bool {
        match self.0.trailing_zeros() {
            Some(t) => t < n,
            None => false,
        }
    }

    /// Whether self is odd.
    pub fn is_odd(&self) -> bool {
        self.0.is_odd()
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
        Big(self.0.abs())
    }

    /// `~self` (= -self - 1).
    pub fn not(&self) -> Big {
        Big(!&self.0)
    }

    /// (self // d, self % d) with Python's floor semantics. `d` must not be zero.
    pub fn div_mod_floor(&self, d: &Big) -> (Big, Big) {
        let (q, r) = self.0.div_mod_floor(&d.0);
        (Big(q), Big(r))
    }

    /// `self // d` (floor). `d` must not be zero.
    pub fn div_floor(&self, d: &Big) -> Big {
        Big(self.0.div_floor(&d.0))
    }

    /// `self % d` (the result has d's sign). `d` must not be zero.
    pub fn mod_floor(&self, d: &Big) -> Big {
        Big(self.0.mod_floor(&d.0))
    }

    /// `self ** exp`.
    pub fn pow(&self, exp: u64) -> Big {
        Big(num_traits::Pow::pow(&self.0, exp))
    }

    /// `self << n`.
    pub fn shl(&self, n: u64) -> Big {
        Big(&self.0 << n)
    }

    /// `self >> n` (rounds toward negative infinity, as Python's `>>`).
    pub fn shr(&self, n: u64) -> Big {
        Big(&self.0 >> n)
    }

    /// `|self| >> n` as a u64: the caller ensures it fits (`bit_length() - n <= 64`).
    pub fn magnitude_shr_u64(&self, n: u64) -> u64 {
        (self.0.magnitude() >> n).to_u64().unwrap_or(u64::MAX)
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
        (self.0.magnitude() % m).to_u64().unwrap_or(0)
    }

    /// `m * 2^e`, negated if `negative`.
    pub fn from_mantissa_exp(m: u64, e: u64, negative: bool) -> Big {
        let v = BigInt::from_biguint(Sign::Plus, BigUint::from(m) << e);
        Big(if negative { -v } else { v })
    }

    /// Compares the values.
    pub fn compare(&self, other: &Big) -> Ordering {
        self.0.cmp(&other.0)
    }

    /// Compares with an i64.
    pub fn compare_i64(&self, other: i64) -> Ordering {
        match self.0.to_i64() {
            Some(v) => v.cmp(&other),
            None if self.is_negative() => Ordering::Less,
            None => Ordering::Greater,
        }
    }

    /// The value of ASCII decimal digits (no sign, no underscores), or None if `text` is empty or
    /// holds anything else.
    pub fn parse_decimal(text: &[u8]) -> Option<Big> {
        if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
            return None;
        }
        BigUint::parse_bytes(text, 10).map(|m| Big(BigInt::from_biguint(Sign::Plus, m)))
    }

    /// The decimal text of the value (`-` first when negative).
    pub fn to_decimal(&self) -> String {
        self.0.to_str_radix(10)
    }

    /// One.
    pub fn one() -> Big {
        Big(BigInt::one())
    }
}
