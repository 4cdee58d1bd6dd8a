//! Slice assignment and deletion of lists: `a[i:j] = x`, `a[i:j:k] = x`, `del a[i:j:k]`.
//!
//! Relies on: `list` for the list object's fields and CPython's `list_resize` (`list::resize`),
//! `list::sequence_fast` for the right-hand side (any iterable, copied first, so `a[:] = a` and
//! `a[::-1] = a` see the old items); `slice::adjusted` for the bounds. The references are
//! CPython 3.11's `list_ass_slice` and the slice branch of `list_ass_subscript`
//! (Objects/listobject.c).
//!
//! Provides: [`ass_slice`] (a plain slice: replace or delete) and [`ass_extended_slice`] (any
//! step, the bounds as objects), used by `list` (`del a[i]`, `list.remove`), `list_methods` and
//! `slice` (`molt_obj_setslice`, `molt_obj_delslice`).
//!
//! Invariants: the errors are CPython's, in its order (the bounds first, then the right-hand
//! side: "can only assign an iterable", "must assign iterable to extended slice", "attempt to
//! assign sequence of size 1 to extended slice of size 2"); every reference the list gives up
//! is released only after the list is consistent again; a failed resize leaves the list as it
//! was.

use alloc::format;
use alloc::vec::Vec;

use super::Obj;
use super::alloc::memory_error;
use super::decref;
use super::list::{clear, list_len, list_ptr, release, resize, sequence_fast};
use crate::ExceptionKind::{TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};

/// CPython's `list_ass_slice(a, ilow, ihigh, v)`: replaces `a[ilow:ihigh]` (clamped, no step)
/// by the items of `v` (any iterable; "can only assign an iterable"), or deletes it when `v` is
/// None. `a[i:j] = a` copies `a` first.
pub fn ass_slice(a: Obj, ilow: i64, ihigh: i64, v: Option<Obj>) -> MoltResult<()> {
    let Some(p) = list_ptr(a) else {
        return fail(TypeError, "'list' object expected");
    };
    let new_items = match v {
        Some(v) => sequence_fast(v, "can only assign an iterable")?,
        None => Vec::new(),
    };
    // SAFETY: a live list; slots are moved within the buffer and the replaced references are
    // released only once the list is consistent again.
    unsafe {
        let size = (*p).len as i64;
        let ilow = ilow.clamp(0, size);
        let ihigh = ihigh.clamp(ilow, size);
        let norig = (ihigh - ilow) as usize;
        let n = new_items.len();
        let (ilow, ihigh) = (ilow as usize, ihigh as usize);
        if (*p).len - norig + n == 0 {
            clear(a);
            return Ok(());
        }
        let mut recycle: Vec<Obj> = Vec::new();
        if recycle.try_reserve_exact(norig).is_err() {
            release(new_items);
            return memory_error();
        }
        for k in ilow..ihigh {
            recycle.push((*p).items.add(k).read());
        }
        let old_len = (*p).len;
        let tail = old_len - ihigh;
        if n < norig {
            // Delete norig - n slots.
            let items = (*p).items;
            core::ptr::copy(items.add(ihigh), items.add(ilow + n), tail);
            if let Err(e) = resize(p, old_len - norig + n) {
                // Undo the move; the list keeps its items.
                let items = (*p).items;
                core::ptr::copy(items.add(ilow + n), items.add(ihigh), tail);
                for (k, &o) in recycle.iter().enumerate() {
                    items.add(ilow + k).write(o);
                }
                (*p).len = old_len;
                release(new_items);
                return Err(e);
            }
        } else if n > norig {
            if let Err(e) = resize(p, old_len - norig + n) {
                release(new_items);
                return Err(e);
            }
            let items = (*p).items;
            core::ptr::copy(items.add(ihigh), items.add(ilow + n), tail);
        }
        let items = (*p).items;
        core::ptr::copy_nonoverlapping(new_items.as_ptr(), items.add(ilow), n);
        for o in recycle.into_iter().rev() {
            decref(o);
        }
    }
    Ok(())
}

/// The slice branch of CPython's `list_ass_subscript`: `a[start:stop:step] = v` (`v` any
/// iterable) or `del a[start:stop:step]` (`v` None), the bounds values or None.
pub fn ass_extended_slice(
    a: Obj,
    start: Obj,
    stop: Obj,
    step: Obj,
    v: Option<Obj>,
) -> MoltResult<()> {
    let len = list_len(a).unwrap_or(0);
    let (start, stop, step, slicelength) = super::slice::adjusted(len, start, stop, step)?;
    if step == 1 {
        return ass_slice(a, start, stop, v);
    }
    let Some(p) = list_ptr(a) else { return Ok(()) };
    match v {
        None => {
            if slicelength == 0 {
                return Ok(());
            }
            let (start, step) = if step < 0 {
                // Delete from the lowest position up.
                let stop = start + 1;
                (stop + step * (slicelength as i64 - 1) - 1, -step)
            } else {
                (start, step)
            };
            let (start, step) = (start as usize, step as usize);
            let mut garbage: Vec<Obj> = Vec::new();
            if garbage.try_reserve_exact(slicelength).is_err() {
                return memory_error();
            }
            // SAFETY: a live list; the positions `start + k*step` (k < slicelength) are in
            // range; the kept items slide down over the deleted ones, every reference moved
            // once, and the deleted ones are released after the list is consistent.
            unsafe {
                let items = (*p).items;
                let size = (*p).len;
                let mut cur = start;
                for i in 0..slicelength {
                    garbage.push(items.add(cur).read());
                    let lim = if cur + step >= size {
                        size - cur - 1
                    } else {
                        step - 1
                    };
                    core::ptr::copy(items.add(cur + 1), items.add(cur - i), lim);
                    cur += step;
                }
                let cur = start + slicelength * step;
                if cur < size {
                    core::ptr::copy(items.add(cur), items.add(cur - slicelength), size - cur);
                }
                let r = resize(p, size - slicelength);
                if r.is_err() {
                    (*p).len = size - slicelength;
                }
                for o in garbage {
                    decref(o);
                }
                r
            }
        }
        Some(v) => {
            let seq = sequence_fast(v, "must assign iterable to extended slice")?;
            if seq.len() != slicelength {
                let n = seq.len();
                release(seq);
                return fail(
                    ValueError,
                    format!(
                        "attempt to assign sequence of size {n} to extended slice of size \
                         {slicelength}"
                    ),
                );
            }
            if slicelength == 0 {
                return Ok(());
            }
            let mut garbage: Vec<Obj> = Vec::new();
            if garbage.try_reserve_exact(slicelength).is_err() {
                release(seq);
                return memory_error();
            }
            // SAFETY: a live list of at least the slice's extent; each replaced reference is
            // kept and released after all the new ones are in place.
            unsafe {
                let items = (*p).items;
                let mut cur = start;
                for ins in seq {
                    let slot = items.add(cur as usize);
                    garbage.push(slot.read());
                    slot.write(ins);
                    cur += step;
                }
            }
            release(garbage);
            Ok(())
        }
    }
}
