//! The plain layouts of numbers, written without `number::layout`: a spec with no sign option,
//! no `#`, no `z`, no grouping and an ASCII fill — most f-string fields (`06d`, `>8`, `.3f`,
//! `10.2f`) — gives the digits, a `-` for a negative value, and padding on the side the
//! alignment says (after the sign for `=`, which `0` selects). Ints of type `d` that fit an
//! `i64`, and floats of type `f`/`F` with at most 17 places below 2^64 in magnitude
//! (`float::fixed_scaled`: the digits of the exactly rounded scaled value, as `f` takes them).
//!
//! Relies on: `spec::Spec`; `buf` (digits, `Cursor`); `float::fixed_scaled`.
//!
//! Provides: [`int`], [`fixed`]: the text into the sink, or None when the spec or value is
//! not plain (the general path then lays it out).
//!
//! Invariants: the text is exactly what `number::layout` + `write_layout` give for the same
//! spec and parts (the format vectors run through both paths, `tests/format.rs`); widths above
//! `MAX_WIDTH` take the general path, which reports an impossible size as MemoryError.

use super::buf::{Cursor, write_u128, write_u64};
use super::float::fixed_scaled;
use super::sink::Sink;
use super::spec::{Grouping, Spec};
use crate::exceptions::MoltResult;

/// The widest plain layout (wider ones take the general path).
const MAX_WIDTH: i64 = 1 << 20;

/// The width of a plain spec (0 without one), None when the spec is not plain.
#[inline]
fn plain_width(spec: &Spec) -> Option<usize> {
    if spec.sign.is_some() || spec.alternate || spec.no_neg_0 || spec.grouping != Grouping::None || !spec.fill.is_ascii() {
        return None;
    }
    match spec.width {
        None => Some(0),
        Some(w) if (0..=MAX_WIDTH).contains(&w) => Some(w as usize),
        Some(_) => None,
    }
}

/// `[-]int[.frac]` padded to `width` as `spec` aligns it.
#[inline]
fn write(negative: bool, int: &[u8], frac: Option<&[u8]>, spec: &Spec, width: usize, sink: &mut dyn Sink) -> MoltResult<()> {
    let n = usize::from(negative) + int.len() + frac.map_or(0, |f| 1 + f.len());
    let pad = width.saturating_sub(n);
    let (left, inner, right) = match spec.align {
        '<' => (0, 0, pad),
        '^' => (pad / 2, 0, pad - pad / 2),
        '=' => (0, pad, 0),
        _ => (pad, 0, 0),
    };
    // ASCII throughout: a character per byte.
    sink.text(n + pad, n + pad, &mut |d| {
        let mut out = Cursor::new(d);
        out.fill(spec.fill, left);
        if negative {
            out.byte(b'-');
        }
        out.fill(spec.fill, inner);
        out.put(int);
        if let Some(f) = frac {
            out.byte(b'.');
            out.put(f);
        }
        out.fill(spec.fill, right);
    })
}

/// `format(v, spec)` for type `d` and a plain spec; the sink back otherwise.
#[inline]
pub(super) fn int(v: i64, spec: &Spec, sink: &mut dyn Sink) -> Option<MoltResult<()>> {
    let width = plain_width(spec).filter(|_| spec.ty == 'd' && spec.precision.is_none())?;
    let mut buf = [0u8; 20];
    let at = write_u64(v.unsigned_abs(), &mut buf);
    Some(write(v < 0, &buf[at..], None, spec, width, sink))
}

/// `format(x, spec)` for type `f`/`F` (at most 17 places, `|x| < 2^64`) and a plain spec; the
/// sink back otherwise.
#[inline]
pub(super) fn fixed(x: f64, spec: &Spec, sink: &mut dyn Sink) -> Option<MoltResult<()>> {
    let width = plain_width(spec).filter(|_| matches!(spec.ty, 'f' | 'F'))?;
    let places = match spec.precision {
        None => 6,
        Some(p) if (0..=17).contains(&p) => p as usize,
        Some(_) => return None,
    };
    let q = fixed_scaled(x.abs(), places as u32)?;
    // The digits, zero-padded to at least `places + 1`: at most 38 (q < 2^64 * 10^17).
    let mut buf = [b'0'; 40];
    let at = match u64::try_from(q) {
        Ok(small) => write_u64(small, &mut buf),
        Err(_) => write_u128(q, &mut buf),
    };
    let start = at.min(40 - places - 1);
    let (int, frac) = buf[start..].split_at(40 - places - start);
    Some(write(x.is_sign_negative(), int, (places > 0).then_some(frac), spec, width, sink))
}
