//! The iteration protocol and the iterators of tuples, lists and strs.
//!
//! Relies on: the types' `tp_iter` / `tp_iternext` slots (`types`); `tuple`, `list` and `str`
//! for the sequences iterated; `alloc` for counted allocation. The references are CPython 3.11's
//! `PyObject_GetIter` and `PyIter_Next` (Objects/abstract.c), `unpack_iterable`
//! (Python/ceval.c), `tupleiter_next` (Objects/tupleobject.c), `listiter_next`
//! (Objects/listobject.c), `unicodeiter_next` and
//! `unicode_ascii_iter_next` (Objects/unicodeobject.c).
//!
//! Provides: the iterator types `tuple_iterator`, `list_iterator`, `str_ascii_iterator` (over an
//! ASCII str) and `str_iterator` (any other str), as CPython names them; [`tuple_iter`],
//! [`list_iter`] and [`str_iter`] (the `tp_iter` slots of tuple, list and str); [`get_iter`], [`iter_next`], [`unpack`]; the static
//! `molt_iter_done`; the ABI functions `molt_obj_iter`, `molt_iter_next`, `molt_obj_unpack`,
//! `molt_obj_unpack_ex` (a starred target).
//!
//! Invariants: an iterator object is `{header, sequence, index, byte position}` and owns a
//! reference to its sequence until it is exhausted, when it drops it (as CPython sets
//! `it_seq` to NULL): an exhausted iterator stays exhausted. A str iterator's byte position is
//! the start of the code point at its index (so each step is O(1)). An iterator's `iter()` is
//! itself. A list iterator reads the list's live length at each step (items appended while
//! iterating are seen, as in CPython). `molt_iter_done` is an immortal static that only
//! `molt_iter_next` returns; it is never an item, a result of any other function, or otherwise
//! visible to Python code.

use alloc::alloc::Layout;
use alloc::format;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_container, alloc_raw, free_raw};
use super::singletons::PlainObject;
use super::str::{char_str, str_chars, str_text};
use super::tuple::{tuple_from_vec, tuple_items, tuple_len};
use super::types::{TYPE_OBJECT, TypeObject};
use super::{Header, Obj, decref, new_ref};
use crate::ExceptionKind::{TypeError, ValueError};
use crate::exceptions::{MoltResult, fail, value_or_raise};

/// An iterator over a tuple or a str.
#[repr(C)]
pub struct SeqIterObject {
    pub header: Header,
    /// The sequence (an owned reference) until the iterator is exhausted.
    seq: Option<Obj>,
    /// The index of the next item (in code points for a str).
    index: usize,
    /// For a str: the byte offset of the code point at `index`.
    pos: usize,
}

/// A new iterator of type `ty` over `seq` (which it references).
#[inline(always)]
fn new_iter(ty: &'static TypeObject, seq: Obj) -> MoltResult<Obj> {
    // Tuple and list iterators are containers; str iterators hold a str only.
    let container = ty.heap.is_some_and(HeapKind::is_gc);
    let layout = Layout::new::<SeqIterObject>();
    let p = if container { alloc_container(layout, ty) } else { alloc_raw(layout, ty) }?
        .cast::<SeqIterObject>();
    // SAFETY: `p` is a fresh `SeqIterObject` block whose header is written.
    unsafe {
        core::ptr::addr_of_mut!((*p).seq).write(Some(new_ref(seq)));
        core::ptr::addr_of_mut!((*p).index).write(0);
        core::ptr::addr_of_mut!((*p).pos).write(0);
        let o = Obj::from_header(p.cast());
        // An iterator over a tuple that holds no container (an untracked one) is part of no
        // cycle either: its tuple never changes.
        if container && super::gc::may_be_tracked(seq) {
            super::gc::track(o);
        }
        Ok(o)
    }
}

/// Visits the sequence of a tuple or list iterator (`tupleiter_traverse`,
/// `listiter_traverse`).
///
/// # Safety
/// `h` is a live tuple or list iterator.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract.
    if let Some(s) = unsafe { (*h.cast::<SeqIterObject>()).seq } {
        visit(s);
    }
}

/// Drops the sequence of an unreachable tuple or list iterator (it reads as exhausted).
///
/// # Safety
/// `h` is a live tuple or list iterator that the collector found unreachable.
pub(crate) unsafe fn clear(h: *mut Header) {
    // SAFETY: forwarded contract.
    if let Some(s) = unsafe { (*h.cast::<SeqIterObject>()).seq.take() } {
        // SAFETY: the iterator owned this reference.
        unsafe { decref(s) };
    }
}

/// Frees an iterator object, releasing its sequence.
///
/// # Safety
/// `h` is a heap iterator object of kind `kind` with no reference left.
pub(crate) unsafe fn free(h: *mut Header, kind: HeapKind) {
    // SAFETY: forwarded contract: `seq` is initialised and released once.
    unsafe {
        let seq = (*h.cast::<SeqIterObject>()).seq.take();
        free_raw(h, Layout::new::<SeqIterObject>(), kind);
        if let Some(s) = seq {
            decref(s);
        }
    }
}

/// Runs `f` on the state of iterator `it` (an object of one of the iterator types here).
fn with_state<R>(it: Obj, f: impl FnOnce(&mut SeqIterObject) -> R) -> Option<R> {
    let h = it.header_ptr()?;
    // SAFETY: the caller checked that `it` is a `SeqIterObject`; the program is single-threaded
    // and nothing else holds a reference into the state while `f` runs.
    Some(f(unsafe { &mut *h.cast::<SeqIterObject>().cast_mut() }))
}

/// A new sequence iterator of type `ty` (made by [`iter_type`]) over `seq`, for a sequence type
/// defined elsewhere (`bytes_iterator`); its steps go through [`seq_iter_step`].
pub(crate) fn new_seq_iter(ty: &'static TypeObject, seq: Obj) -> MoltResult<Obj> {
    new_iter(ty, seq)
}

/// One step of a sequence iterator made by [`new_seq_iter`]: `item(seq, index)` is the item at
/// the iterator's index, None past the end (then the iterator is exhausted and stays so).
pub(crate) fn seq_iter_step<T>(it: Obj, item: impl FnOnce(Obj, usize) -> Option<T>) -> Option<T> {
    let (seq, index) = with_state(it, |s| (s.seq, s.index))?;
    match item(seq?, index) {
        Some(x) => {
            with_state(it, |s| s.index += 1);
            Some(x)
        }
        None => {
            exhaust(it);
            None
        }
    }
}

/// Marks iterator `it` exhausted, releasing its sequence.
fn exhaust(it: Obj) {
    if let Some(Some(seq)) = with_state(it, |s| s.seq.take()) {
        // SAFETY: the iterator owned this reference.
        unsafe { decref(seq) };
    }
}

/// `tuple_iter`: the `tp_iter` slot of tuple.
pub fn tuple_iter(t: Obj) -> MoltResult<Obj> {
    new_iter(&TYPE_TUPLE_ITERATOR, t)
}

/// `tupleiter_next`.
fn tuple_iter_next(it: Obj) -> MoltResult<Option<Obj>> {
    let next = with_state(it, |s| {
        let item = s.seq.and_then(tuple_items)?.get(s.index).copied()?;
        s.index += 1;
        Some(new_ref(item))
    })
    .flatten();
    if next.is_none() {
        exhaust(it);
    }
    Ok(next)
}

/// `list_iter`: the `tp_iter` slot of list.
pub fn list_iter(l: Obj) -> MoltResult<Obj> {
    // Only programs that make list iterators link this: `molt_iter_next`'s inline step learns
    // the type here instead of naming it (which would link every list operation).
    LIST_ITERATOR.with(|t| *t = Some(&TYPE_LIST_ITERATOR));
    new_iter(&TYPE_LIST_ITERATOR, l)
}

/// `TYPE_LIST_ITERATOR` once a list iterator was made (None before): what `molt_iter_next`
/// compares with.
static LIST_ITERATOR: crate::sys::Global<Option<&'static TypeObject>> = crate::sys::Global::new(None);

/// `listiter_next`: the item at the index if the list (its live length) still has one.
fn list_iter_next(it: Obj) -> MoltResult<Option<Obj>> {
    let next = with_state(it, |s| {
        let item = s.seq.and_then(|l| super::list::item_at(l, s.index))?;
        s.index += 1;
        Some(new_ref(item))
    })
    .flatten();
    if next.is_none() {
        exhaust(it);
    }
    Ok(next)
}

/// `unicode_iter`: the `tp_iter` slot of str (`str_ascii_iterator` for an ASCII str, the empty
/// str included, else `str_iterator`).
pub fn str_iter(s: Obj) -> MoltResult<Obj> {
    let ascii = str_text(s).is_some_and(|t| t.len() == str_chars(s));
    new_iter(
        if ascii {
            &TYPE_STR_ASCII_ITERATOR
        } else {
            &TYPE_STR_ITERATOR
        },
        s,
    )
}

/// `unicodeiter_next` / `unicode_ascii_iter_next`: the next code point as a str.
fn str_iter_next(it: Obj) -> MoltResult<Option<Obj>> {
    let next = with_state(it, |s| {
        let text = s.seq.and_then(str_text)?;
        let c = text.get(s.pos..)?.chars().next()?;
        s.index += 1;
        s.pos += c.len_utf8();
        Some(c)
    })
    .flatten();
    match next {
        Some(c) => char_str(c).map(Some),
        None => {
            exhaust(it);
            Ok(None)
        }
    }
}

/// The `tp_iter` of an iterator: itself.
fn self_iter(it: Obj) -> MoltResult<Obj> {
    Ok(new_ref(it))
}

/// An iterator type named `name` whose instances are `SeqIterObject`s of kind `kind`.
pub(crate) const fn iter_type(
    name: &'static str,
    next: fn(Obj) -> MoltResult<Option<Obj>>,
    kind: HeapKind,
) -> TypeObject {
    TypeObject {
        iter: Some(self_iter),
        iternext: Some(next),
        heap: Some(kind),
        ..TypeObject::new(name, &TYPE_OBJECT)
    }
}

/// `tuple_iterator`.
pub static TYPE_TUPLE_ITERATOR: TypeObject =
    iter_type("tuple_iterator", tuple_iter_next, HeapKind::TupleIterator);
/// `list_iterator`.
pub static TYPE_LIST_ITERATOR: TypeObject =
    iter_type("list_iterator", list_iter_next, HeapKind::ListIterator);
/// `str_ascii_iterator`.
pub static TYPE_STR_ASCII_ITERATOR: TypeObject = iter_type(
    "str_ascii_iterator",
    str_iter_next,
    HeapKind::StrAsciiIterator,
);
/// `str_iterator`.
pub static TYPE_STR_ITERATOR: TypeObject =
    iter_type("str_iterator", str_iter_next, HeapKind::StrIterator);

/// The type of `molt_iter_done` (never visible to Python code).
pub static TYPE_ITER_DONE: TypeObject = TypeObject::new("molt_iter_done", &TYPE_OBJECT);

/// What `molt_iter_next` returns for an exhausted iterator.
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_iter_done: PlainObject = PlainObject {
    header: Header::immortal(&TYPE_ITER_DONE),
};

/// `iter(o)` (CPython's `PyObject_GetIter`): the type's `tp_iter`, else TypeError
/// "'int' object is not iterable".
pub fn get_iter(o: Obj) -> MoltResult<Obj> {
    match o.type_of().iter_slot() {
        Some(f) => f(o),
        None => fail(
            TypeError,
            format!("'{}' object is not iterable", o.type_of().name),
        ),
    }
}

/// The next item of iterator `it` (a new reference), None when it is exhausted; TypeError
/// "'int' object is not an iterator" for anything else (CPython's `next()`).
pub fn iter_next(it: Obj) -> MoltResult<Option<Obj>> {
    match it.type_of().iternext_slot() {
        Some(f) => f(it),
        None => fail(
            TypeError,
            format!("'{}' object is not an iterator", it.type_of().name),
        ),
    }
}

/// `x1, …, xn = v` (CPython 3.11's `unpack_iterable` without a starred target): a tuple of
/// exactly `count` items. A tuple of that length is returned itself.
pub fn unpack(v: Obj, count: usize) -> MoltResult<Obj> {
    if tuple_len(v) == Some(count) {
        return Ok(new_ref(v));
    }
    let it = match get_iter(v) {
        Ok(it) => it,
        Err(e) if e.kind == TypeError && v.type_of().iter_slot().is_none() => {
            return fail(
                TypeError,
                format!("cannot unpack non-iterable {} object", v.type_of().name),
            );
        }
        Err(e) => return Err(e),
    };
    let mut items: Vec<Obj> = Vec::new();
    let r = unpack_from(it, count, &mut items);
    // SAFETY: `get_iter` returned a new reference.
    unsafe { decref(it) };
    match r {
        Ok(()) => tuple_from_vec(items),
        Err(e) => {
            for o in items {
                // SAFETY: the vector owned these references.
                unsafe { decref(o) };
            }
            Err(e)
        }
    }
}

/// `x1, *xs, x2 = v` (CPython's `unpack_iterable` with a starred target): a tuple of the
/// `before` first items, a list of the middle ones, then the `after` last items.
pub fn unpack_ex(v: Obj, before: usize, after: usize) -> MoltResult<Obj> {
    let it = match get_iter(v) {
        Ok(it) => it,
        Err(e) if e.kind == TypeError && v.type_of().iter_slot().is_none() => {
            return fail(TypeError, format!("cannot unpack non-iterable {} object", v.type_of().name));
        }
        Err(e) => return Err(e),
    };
    let mut items: Vec<Obj> = Vec::new();
    let r = (|| -> MoltResult<()> {
        for got in 0..before {
            match iter_next(it)? {
                Some(w) => {
                    if items.try_reserve(1).is_err() {
                        // SAFETY: `w` is a new reference not kept.
                        unsafe { decref(w) };
                        return super::alloc::memory_error();
                    }
                    items.push(w);
                }
                None => {
                    return fail(ValueError, format!("not enough values to unpack (expected at least {}, got {got})", before + after));
                }
            }
        }
        let rest = super::list::list_from_iter(it)?;
        let n = super::list::list_len(rest).unwrap_or(0);
        if n < after {
            // SAFETY: `rest` is the new list, dropped here.
            unsafe { decref(rest) };
            return fail(ValueError, format!("not enough values to unpack (expected at least {}, got {})", before + after, before + n));
        }
        let tail = super::list::split_off(rest, n - after)?;
        items.push(rest);
        items.extend(tail);
        Ok(())
    })();
    // SAFETY: `get_iter` returned a new reference.
    unsafe { decref(it) };
    match r {
        Ok(()) => tuple_from_vec(items),
        Err(e) => {
            for o in items {
                // SAFETY: the vector owned these references.
                unsafe { decref(o) };
            }
            Err(e)
        }
    }
}

/// Takes exactly `count` items of `it` into `items`, then checks that `it` is exhausted.
fn unpack_from(it: Obj, count: usize, items: &mut Vec<Obj>) -> MoltResult<()> {
    for got in 0..count {
        if items.try_reserve(1).is_err() {
            return super::alloc::memory_error();
        }
        match iter_next(it)? {
            Some(w) => items.push(w),
            None => {
                return fail(
                    ValueError,
                    format!("not enough values to unpack (expected {count}, got {got})"),
                );
            }
        }
    }
    match iter_next(it)? {
        None => Ok(()),
        Some(w) => {
            // SAFETY: `iter_next` returned a new reference.
            unsafe { decref(w) };
            fail(
                ValueError,
                format!("too many values to unpack (expected {count})"),
            )
        }
    }
}

/// `iter(a)`: a new iterator.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_iter(a: Obj) -> Obj {
    value_or_raise(get_iter(a))
}

/// The next item of iterator `it` (a new reference), or `molt_iter_done` when it is
/// exhausted (no exception set then).
#[unsafe(no_mangle)]
pub extern "C" fn molt_iter_next(it: Obj) -> Obj {
    // `listiter_next` and `tupleiter_next` inline: most `for` loops run over lists and tuples.
    // (The generic path below exhausts them.)
    let ty = it.type_of();
    let list_iterator = core::hint::black_box(LIST_ITERATOR.with(|t| *t));
    let is_list = list_iterator.is_some_and(|t| core::ptr::eq(ty, t));
    if (is_list || ty.is(&TYPE_TUPLE_ITERATOR))
        && let Some(h) = it.header_ptr()
    {
        // SAFETY: an object of these types is a `SeqIterObject`, alive while `it` is; its
        // sequence is a list (a tuple).
        let s = unsafe { &mut *h.cast::<SeqIterObject>().cast_mut() };
        let item = match s.seq {
            // SAFETY: a list iterator's sequence is a list.
            Some(l) if is_list => unsafe { super::list::item_of_list(l, s.index) },
            Some(t) => tuple_items(t).and_then(|items| items.get(s.index).copied()),
            None => None,
        };
        if let Some(item) = item {
            s.index += 1;
            return new_ref(item);
        }
    }
    value_or_raise(
        iter_next(it)
            .map(|next| next.unwrap_or_else(|| new_ref(Obj::from_static(&molt_iter_done)))),
    )
}

/// `x1, *xs, x2 = a`: a tuple of `before` items, the list of the middle ones, `after` items.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_unpack_ex(a: Obj, before: i64, after: i64) -> Obj {
    value_or_raise(match (usize::try_from(before), usize::try_from(after)) {
        (Ok(b), Ok(f)) => unpack_ex(a, b, f),
        _ => fail(ValueError, "molt_obj_unpack_ex: negative count"),
    })
}

/// `x1, …, xn = a`: a tuple of exactly `count` items.
#[unsafe(no_mangle)]
pub extern "C" fn molt_obj_unpack(a: Obj, count: i64) -> Obj {
    value_or_raise(match usize::try_from(count) {
        Ok(n) => unpack(a, n),
        Err(_) => fail(ValueError, "molt_obj_unpack: negative count"),
    })
}
