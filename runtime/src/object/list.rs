//! Python lists: growable arrays of references.
//!
//! Relies on: `alloc` for the counted object block (kind `HeapKind::List`) and the deferred
//! frees that keep freeing nested lists in constant stack; the global allocator for the item
//! buffer; `dispatch` for the items' repr and comparisons; `exception::nested` for CPython's
//! recursion guard; `iter` for the list iterator and the iteration protocol; `slice` for the
//! bounds of slices. CPython 3.11's `Objects/listobject.c` is the reference for every result
//! and message (`list_resize`, `list_repr` with `Py_ReprEnter`, `list_richcompare`,
//! `list_concat`, `list_repeat`, `list_contains`, `list_subscript`, `list_ass_subscript`
//! for an index, `list_ass_item`, `list_extend`, `list_inplace_concat`,
//! `list_inplace_repeat`, `ins1`, `_list_clear`).
//!
//! Provides: the `list` type object `molt_type_list` and its slots (repr, rich comparison,
//! length, concatenation, repetition, in-place concatenation and repetition, `in`, `l[i]`,
//! `l[i] = x` / `del l[i]`, `iter()`, no hash); the list primitives the methods
//! (`list_methods`), the sort (`list_sort`), slice assignment (`list_slice`) and slicing
//! (`slice`) build on: [`new_list`],
//! [`list_from_vec`], [`is_list`], [`list_len`], [`item_at`], [`append`], [`extend`],
//! [`insert`], [`clear`], [`sequence_fast`], [`release`] and the
//! raw access of the sort ([`take_items`] / [`restore_items`]); the ABI functions
//! `molt_list_new`, `molt_list_init`, `molt_list_append`, `molt_list_from_iter`.
//!
//! Invariants: a list object is `{header, len, capacity, items}`; `items` points to a separate
//! buffer of `capacity` slots (null when `capacity` is 0) whose first `len` slots are owned
//! references. The buffer grows and shrinks by CPython's `list_resize` policy, so capacities
//! are CPython's. While `list.sort` runs, the list is empty with `capacity == SORTING` and a
//! null buffer (CPython's `allocated = -1`); any change meanwhile is detected afterwards.
//! Items are read by index with the length re-read at each step, so that no slice of the
//! buffer is held across a call that could change the list. Freeing a list releases its items
//! (deferred by `alloc::free_object` when they are containers themselves) and its buffer.
//! `repr()` keeps a stack of the lists being repr'd (CPython's `Py_ReprEnter`), so a list that
//! contains itself shows as `[...]`.

use alloc::alloc::{Layout, alloc, dealloc, realloc};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::alloc::{HeapKind, alloc_container, free_raw, memory_error};
use super::exception::nested;
use super::singletons::{self, bool_obj};
use super::tuple::tuple_items;
use super::types::{SequenceSlots, TYPE_OBJECT, TypeObject};
use super::{Header, Obj, decref, dispatch, incref, iter, new_ref};
use crate::CompareOp;
use crate::ExceptionKind::{IndexError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail, value_or_raise};

/// A list object.
#[repr(C)]
pub struct ListObject {
    pub header: Header,
    /// The number of items.
    pub(super) len: usize,
    /// The slots of the buffer (`SORTING` while a sort holds the items).
    pub(super) capacity: usize,
    /// The item buffer (null when `capacity` is 0 or `SORTING`).
    pub(super) items: *mut Obj,
}

/// The capacity of a list whose items a sort has taken (CPython's `allocated = -1`).
pub(crate) const SORTING: usize = usize::MAX;

/// The list object behind `o`, if `o` is a list.
pub(super) fn list_ptr(o: Obj) -> Option<*mut ListObject> {
    if !is_list(o) {
        return None;
    }
    o.header_ptr().map(|h| h.cast::<ListObject>().cast_mut())
}

/// True if `o` is a list or an instance of a class deriving from `list` (`PyList_Check`: its
/// kind; such an instance is a list followed by its `__dict__` word, see `builtin_sub`).
#[inline]
pub fn is_list(o: Obj) -> bool {
    o.type_of().heap == Some(HeapKind::List)
}

/// True if `o` is exactly a list (`PyList_CheckExact`): the fast paths that would bypass a
/// subclass's own methods.
#[inline]
pub fn is_exact_list(o: Obj) -> bool {
    o.type_of().is(&molt_type_list)
}

/// The length of `o` if it is a list.
pub fn list_len(o: Obj) -> Option<usize> {
    // SAFETY: a list object is a `ListObject` (the type says so).
    list_ptr(o).map(|p| unsafe { (*p).len })
}

/// Item `i` of list `o` (borrowed), None past the end or for a non-list.
pub fn item_at(o: Obj, i: usize) -> Option<Obj> {
    let p = list_ptr(o)?;
    // SAFETY: slots below `len` are initialised references.
    unsafe {
        if i < (*p).len {
            Some((*p).items.add(i).read())
        } else {
            None
        }
    }
}

/// Owned references released when dropped (the items of [`items_vec`] held across fallible
/// calls).
pub struct Released(pub Vec<Obj>);

impl Drop for Released {
    fn drop(&mut self) {
        release(core::mem::take(&mut self.0));
    }
}

/// Item `i` of list `l` (borrowed), None past the end; unlike [`item_at`], names no list type
/// (so that its callers link no list code).
///
/// # Safety
/// `l` is a list object.
#[inline]
pub unsafe fn item_of_list(l: Obj, i: usize) -> Option<Obj> {
    let p = l.header_ptr()?.cast::<ListObject>();
    // SAFETY: the caller's contract; slots below `len` are initialised references.
    unsafe {
        if i < (*p).len {
            Some((*p).items.add(i).read())
        } else {
            None
        }
    }
}

/// A copy of the items of list `o` as new references (an empty vector for a non-list).
pub fn items_vec(o: Obj) -> MoltResult<Vec<Obj>> {
    let n = list_len(o).unwrap_or(0);
    let mut v = Vec::new();
    if v.try_reserve_exact(n).is_err() {
        return memory_error();
    }
    let mut i = 0;
    while let Some(x) = item_at(o, i) {
        v.push(new_ref(x));
        i += 1;
    }
    Ok(v)
}

/// The layout of a buffer of `n` slots; MemoryError beyond `PY_SSIZE_T_MAX` bytes.
fn buffer_layout(n: usize) -> MoltResult<Layout> {
    match Layout::array::<Obj>(n) {
        Ok(l) if l.size() <= isize::MAX as usize => Ok(l),
        _ => memory_error(),
    }
}

/// CPython's `list_resize`: makes room for `newsize` items (the slots past the old length are
/// uninitialised until the caller writes them; items past `newsize` must already have been
/// released or moved). The length becomes `newsize`.
///
/// # Safety
/// `p` is a live list object.
pub(super) unsafe fn resize(p: *mut ListObject, newsize: usize) -> MoltResult<()> {
    // SAFETY: forwarded contract; single-threaded access to the list's fields.
    unsafe {
        let allocated = (*p).capacity;
        if allocated != SORTING && allocated >= newsize && newsize >= (allocated >> 1) {
            (*p).len = newsize;
            return Ok(());
        }
        let Some(grown) = newsize
            .checked_add(newsize >> 3)
            .and_then(|x| x.checked_add(6))
        else {
            return memory_error();
        };
        let mut new_allocated = grown & !3;
        let old = (*p).len;
        if newsize > old && newsize - old > new_allocated - newsize {
            new_allocated = (newsize + 3) & !3;
        }
        if newsize == 0 {
            new_allocated = 0;
        }
        set_capacity(p, new_allocated)?;
        (*p).len = newsize;
        Ok(())
    }
}

/// Reallocates the buffer of list `p` to exactly `cap` slots (freeing it for 0); the length is
/// unchanged (the caller keeps `len <= cap`).
///
/// # Safety
/// `p` is a live list object.
unsafe fn set_capacity(p: *mut ListObject, cap: usize) -> MoltResult<()> {
    // SAFETY: forwarded contract; the buffer was allocated with `buffer_layout(capacity)`.
    unsafe {
        let old = (*p).items;
        let old_cap = (*p).capacity;
        if cap == 0 {
            if !old.is_null() {
                dealloc(old.cast(), buffer_layout(old_cap)?);
            }
            (*p).items = core::ptr::null_mut();
            (*p).capacity = 0;
            return Ok(());
        }
        let layout = buffer_layout(cap)?;
        let new = if old.is_null() {
            alloc(layout)
        } else {
            realloc(old.cast(), buffer_layout(old_cap)?, layout.size())
        };
        if new.is_null() {
            return memory_error();
        }
        (*p).items = new.cast();
        (*p).capacity = cap;
        Ok(())
    }
}

/// A new list of `len` placeholder items (the uncounted small int 0), capacity exactly `len`
/// (CPython's `PyList_New`).
pub fn new_list(len: usize) -> MoltResult<Obj> {
    let layout = buffer_layout(len)?;
    let h = alloc_container(Layout::new::<ListObject>(), &molt_type_list)?;
    let p = h.cast::<ListObject>();
    // SAFETY: `p` is a fresh block with its header written; the fields are written before the
    // object is seen.
    unsafe {
        core::ptr::addr_of_mut!((*p).len).write(0);
        core::ptr::addr_of_mut!((*p).capacity).write(0);
        core::ptr::addr_of_mut!((*p).items).write(core::ptr::null_mut());
        let o = Obj::from_header(h);
        if len > 0 {
            let buf = alloc(layout).cast::<Obj>();
            if buf.is_null() {
                decref(o);
                return memory_error();
            }
            for k in 0..len {
                buf.add(k).write(Obj::default());
            }
            (*p).items = buf;
            (*p).capacity = len;
            (*p).len = len;
        }
        super::gc::track(o);
        Ok(o)
    }
}

/// A new list owning the references in `items` (released if it cannot be allocated).
pub fn list_from_vec(items: Vec<Obj>) -> MoltResult<Obj> {
    let l = match new_list(items.len()) {
        Ok(l) => l,
        Err(e) => {
            release(items);
            return Err(e);
        }
    };
    if let Some(p) = list_ptr(l) {
        // SAFETY: a new list of exactly `items.len()` placeholder slots; the references move in.
        unsafe { core::ptr::copy_nonoverlapping(items.as_ptr(), (*p).items, items.len()) };
    }
    Ok(l)
}

/// A new list of `n` items, item `k` being `f(k)` (a new reference), made in order straight into
/// the list's buffer; the first error drops the list and what it holds.
pub fn list_from_fn(n: usize, mut f: impl FnMut(usize) -> MoltResult<Obj>) -> MoltResult<Obj> {
    let l = super::range::Owned(new_list(n)?);
    let Some(p) = list_ptr(l.get()) else { return Ok(new_ref(l.get())) };
    for k in 0..n {
        let item = f(k)?;
        // SAFETY: slot `k` of the new list's `n` holds a placeholder small int, replaced by the
        // new reference (nothing else has seen the list but the collector, which skips small
        // ints).
        unsafe { (*p).items.add(k).write(item) };
    }
    Ok(new_ref(l.get()))
}

/// Drops the references a vector owns.
pub fn release(items: Vec<Obj>) {
    for o in items {
        // SAFETY: the vector owned these references.
        unsafe { decref(o) };
    }
}

/// Frees a list object, releasing its items (last first, as CPython's `list_dealloc`) and its
/// buffer.
///
/// # Safety
/// `h` is a heap list object with no reference left.
pub(crate) unsafe fn free(h: *mut Header) {
    let p = h.cast::<ListObject>();
    // SAFETY: forwarded contract: the first `len` slots are owned references, released once.
    unsafe {
        let (items, len, cap) = ((*p).items, (*p).len, (*p).capacity);
        for k in (0..len).rev() {
            decref(items.add(k).read());
        }
        if !items.is_null()
            && let Ok(l) = buffer_layout(cap)
        {
            dealloc(items.cast(), l);
        }
        if super::class::is_heap((*h).ty) {
            return super::builtin_sub::free_block(h, Layout::new::<ListObject>(), HeapKind::List);
        }
        free_raw(h, Layout::new::<ListObject>(), HeapKind::List);
    }
}

/// Visits the items of a list (`list_traverse`; none while a sort holds them), and the
/// `__dict__` and class of an instance of a class deriving from `list`.
///
/// # Safety
/// `h` is a live list object.
pub(crate) unsafe fn traverse(h: *const Header, visit: &mut impl FnMut(Obj)) {
    // SAFETY: forwarded contract: the first `len` slots are initialised references (`len` is 0
    // while the items are taken out for a sort).
    unsafe {
        let p = h.cast::<ListObject>();
        let (items, len) = ((*p).items, (*p).len);
        for k in 0..len {
            visit(items.add(k).read());
        }
        if super::class::is_heap((*h).ty) {
            super::builtin_sub::traverse_extra(h, core::mem::size_of::<ListObject>(), visit);
        }
    }
}

/// CPython's `_list_clear`: empties the list (buffer freed), then releases the old items.
pub fn clear(l: Obj) {
    let Some(p) = list_ptr(l) else { return };
    // SAFETY: a live list.
    unsafe { clear_at(p.cast()) }
}

/// [`clear`] of the list whose header is at `h`, without a type check (also the collector's
/// `list_clear`: see `gc`'s `clear`).
///
/// # Safety
/// `h` is a live list object.
pub(crate) unsafe fn clear_at(h: *mut Header) {
    let p = h.cast::<ListObject>();
    // SAFETY: the items are detached from the list before any is released, so a release that
    // reached the list again would see it empty.
    unsafe {
        let (items, len, cap) = ((*p).items, (*p).len, (*p).capacity);
        (*p).items = core::ptr::null_mut();
        (*p).len = 0;
        (*p).capacity = 0;
        for k in (0..len).rev() {
            decref(items.add(k).read());
        }
        if !items.is_null()
            && let Ok(layout) = buffer_layout(cap)
        {
            dealloc(items.cast(), layout);
        }
    }
}

/// `list.append(item)` (`_PyList_AppendTakeRef` with a new reference to `item`).
pub fn append(l: Obj, item: Obj) -> MoltResult<()> {
    let Some(p) = list_ptr(l) else {
        return fail(TypeError, "descriptor 'append' requires a 'list' object");
    };
    // SAFETY: a live list; the new slot is written right after the resize.
    unsafe {
        let n = (*p).len;
        resize(p, n + 1)?;
        (*p).items.add(n).write(new_ref(item));
    }
    Ok(())
}

/// CPython's `ins1`: inserts `item` before index `where_` (clamped as `list.insert` does).
pub fn insert(l: Obj, where_: i64, item: Obj) -> MoltResult<()> {
    let Some(p) = list_ptr(l) else {
        return fail(TypeError, "descriptor 'insert' requires a 'list' object");
    };
    // SAFETY: a live list; after the resize slots `0..=n` exist, the last uninitialised until
    // the shift writes it.
    unsafe {
        let n = (*p).len;
        resize(p, n + 1)?;
        let n_i = n as i64;
        let mut w = if where_ < 0 {
            (where_ + n_i).max(0)
        } else {
            where_
        };
        if w > n_i {
            w = n_i;
        }
        let w = w as usize;
        let items = (*p).items;
        core::ptr::copy(items.add(w), items.add(w + 1), n - w);
        items.add(w).write(new_ref(item));
    }
    Ok(())
}

/// CPython's `PySequence_Fast(v, msg)` as new references: the items of a list or tuple, else
/// of `iter(v)` (a TypeError from `iter()` becomes TypeError `msg`).
pub fn sequence_fast(v: Obj, msg: &'static str) -> MoltResult<Vec<Obj>> {
    if is_exact_list(v) {
        return items_vec(v);
    }
    if let Some(items) = tuple_items(v) {
        let mut out = Vec::new();
        if out.try_reserve_exact(items.len()).is_err() {
            return memory_error();
        }
        out.extend(items.iter().map(|&o| new_ref(o)));
        return Ok(out);
    }
    let it = match iter::get_iter(v) {
        Ok(it) => it,
        Err(e) if e.kind == TypeError => return fail(TypeError, msg),
        Err(e) => return Err(e),
    };
    let r = collect_iter(it);
    // SAFETY: `get_iter` returned a new reference.
    unsafe { decref(it) };
    r
}

/// The remaining items of iterator `it`, as new references.
pub(crate) fn collect_iter(it: Obj) -> MoltResult<Vec<Obj>> {
    let mut out: Vec<Obj> = Vec::new();
    loop {
        match iter::iter_next(it) {
            Ok(Some(x)) => {
                if out.try_reserve(1).is_err() {
                    // SAFETY: `iter_next` returned a new reference.
                    unsafe { decref(x) };
                    release(out);
                    return memory_error();
                }
                out.push(x);
            }
            Ok(None) => return Ok(out),
            Err(e) => {
                release(out);
                return Err(e);
            }
        }
    }
}

/// Appends the new references in `items` to list `p` (released if it cannot grow).
fn push_all(l: Obj, items: Vec<Obj>) -> MoltResult<()> {
    let Some(p) = list_ptr(l) else {
        release(items);
        return fail(TypeError, "descriptor 'extend' requires a 'list' object");
    };
    if items.is_empty() {
        return Ok(());
    }
    // SAFETY: a live list; the slots past the old length are written right after the resize.
    unsafe {
        let m = (*p).len;
        if let Err(e) = resize(p, m + items.len()) {
            release(items);
            return Err(e);
        }
        core::ptr::copy_nonoverlapping(items.as_ptr(), (*p).items.add(m), items.len());
    }
    Ok(())
}

/// `list.extend(iterable)` (CPython's `list_extend`): a list, a tuple or the list itself are
/// copied at once; any other iterable is iterated, its items appended as they come (the list
/// grows by CPython's policy, with room for the iterable's length first when it has one).
pub fn extend(l: Obj, iterable: Obj) -> MoltResult<()> {
    let Some(p) = list_ptr(l) else {
        return fail(TypeError, "descriptor 'extend' requires a 'list' object");
    };
    if is_exact_list(iterable) || tuple_items(iterable).is_some() {
        let items = sequence_fast(iterable, "argument must be iterable")?;
        return push_all(l, items);
    }
    let it = iter::get_iter(iterable)?;
    let r = (|| {
        // `PyObject_LengthHint(iterable, 8)`: the length when the iterable has one.
        let hint = iterable.type_of().len_slot().map_or(8, |f| f(iterable));
        // SAFETY: a live list; the length is restored right after making room.
        unsafe {
            let m = (*p).len;
            if let Some(total) = m.checked_add(hint) {
                resize(p, total)?;
                (*p).len = m;
            }
        }
        while let Some(x) = iter::iter_next(it)? {
            // SAFETY: a live list; the new slot is written right after the resize.
            let r = unsafe {
                let n = (*p).len;
                if !(*p).items.is_null() && n < (*p).capacity {
                    (*p).items.add(n).write(x);
                    (*p).len = n + 1;
                    Ok(())
                } else {
                    match resize(p, n + 1) {
                        Ok(()) => {
                            (*p).items.add(n).write(x);
                            Ok(())
                        }
                        Err(e) => {
                            decref(x);
                            Err(e)
                        }
                    }
                }
            };
            r?;
        }
        // Cut back if the guess was too large.
        // SAFETY: a live list.
        unsafe {
            if !(*p).items.is_null() && (*p).len < (*p).capacity {
                resize(p, (*p).len)?;
            }
        }
        Ok(())
    })();
    // SAFETY: `get_iter` returned a new reference.
    unsafe { decref(it) };
    r
}

/// The items of list `l` taken out for a sort: the list is left empty with capacity
/// `SORTING`; returns (buffer, length, capacity).
pub(crate) fn take_items(l: Obj) -> Option<(*mut Obj, usize, usize)> {
    let p = list_ptr(l)?;
    // SAFETY: a live list; its buffer now belongs to the caller until `restore_items`.
    unsafe {
        let saved = ((*p).items, (*p).len, (*p).capacity);
        (*p).items = core::ptr::null_mut();
        (*p).len = 0;
        (*p).capacity = SORTING;
        Some(saved)
    }
}

/// Puts back the buffer `take_items` gave; true if the list was left untouched meanwhile
/// (else whatever it holds now is released, as CPython's `list_sort_impl` does, and the caller
/// raises "list modified during sort").
pub(crate) fn restore_items(l: Obj, saved: (*mut Obj, usize, usize)) -> bool {
    let Some(p) = list_ptr(l) else { return true };
    // SAFETY: a live list; `saved` is the buffer `take_items` detached, still owned; what the
    // list holds now (if anything) is detached before it is released.
    unsafe {
        let untouched = (*p).capacity == SORTING;
        let (items, len, cap) = ((*p).items, (*p).len, (*p).capacity);
        (*p).items = saved.0;
        (*p).len = saved.1;
        (*p).capacity = saved.2;
        if !items.is_null() {
            for k in (0..len).rev() {
                decref(items.add(k).read());
            }
            if let Ok(layout) = buffer_layout(cap) {
                dealloc(items.cast(), layout);
            }
        }
        untouched
    }
}

/// Swaps items `i` and `j` of list `l` (false when either is past the end).
pub(crate) fn swap_items(l: Obj, i: usize, j: usize) -> bool {
    let Some(p) = list_ptr(l) else { return false };
    // SAFETY: a live list; both indices are checked against `len`.
    unsafe {
        if i >= (*p).len || j >= (*p).len {
            return false;
        }
        core::ptr::swap((*p).items.add(i), (*p).items.add(j));
    }
    true
}

/// Stores `v` (owned) as item `i < len` of list `l`, returning the reference it held (None,
/// and `v` released, past the end).
pub(crate) fn replace_item(l: Obj, i: usize, v: Obj) -> Option<Obj> {
    let p = list_ptr(l).filter(|&p| {
        // SAFETY: a live list.
        i < unsafe { (*p).len }
    });
    match p {
        // SAFETY: `i < len`: an initialised slot, whose reference moves to the caller.
        Some(p) => Some(unsafe { core::ptr::replace((*p).items.add(i), v) }),
        None => {
            // SAFETY: the caller gave this reference.
            unsafe { decref(v) };
            None
        }
    }
}

/// Reverses list `l` in place (`list.reverse`).
pub fn reverse(l: Obj) {
    let Some(p) = list_ptr(l) else { return };
    // SAFETY: a live list; the first `len` slots are initialised.
    unsafe {
        if (*p).len > 1 {
            core::slice::from_raw_parts_mut((*p).items, (*p).len).reverse();
        }
    }
}

/// Removes and returns (as the reference the list held) item `i < len`.
pub(crate) fn pop_at(l: Obj, i: usize) -> MoltResult<Obj> {
    let Some(p) = list_ptr(l) else {
        return fail(IndexError, "pop index out of range");
    };
    // SAFETY: a live list with `i < len`; the slots after `i` slide down one place.
    unsafe {
        let n = (*p).len;
        if i >= n {
            return fail(IndexError, "pop index out of range");
        }
        let items = (*p).items;
        let v = items.add(i).read();
        core::ptr::copy(items.add(i + 1), items.add(i), n - i - 1);
        if let Err(e) = resize(p, n - 1) {
            // Put it back: the list is unchanged.
            let items = (*p).items;
            core::ptr::copy(items.add(i), items.add(i + 1), n - i - 1);
            items.add(i).write(v);
            (*p).len = n;
            return Err(e);
        }
        Ok(v)
    }
}

// --- Py_ReprEnter / Py_ReprLeave ---

/// `Py_ReprEnter(o)`: true if `o` is already being repr'd (show `[...]`), else records it.
pub(crate) fn repr_enter(o: Obj) -> MoltResult<bool> {
    repr_stack::with(|s| {
        if s.contains(&o) {
            return Ok(true);
        }
        if s.try_reserve(1).is_err() {
            return memory_error();
        }
        s.push(o);
        Ok(false)
    })
}

/// `Py_ReprLeave(o)`: forgets the last record of `o`.
pub(crate) fn repr_leave(o: Obj) {
    repr_stack::with(|s| {
        if let Some(k) = s.iter().rposition(|&x| x == o) {
            s.remove(k);
        }
    });
}

// --- slots ---

/// `list_repr`: `[]`, `[1, 'a']`, `[...]` for a list already being repr'd.
fn list_repr(v: Obj) -> MoltResult<String> {
    if list_len(v).unwrap_or(0) == 0 {
        return Ok(String::from("[]"));
    }
    if repr_enter(v)? {
        return Ok(String::from("[...]"));
    }
    let r = (|| {
        let mut out = String::from("[");
        let mut i = 0;
        while let Some(item) = item_at(v, i) {
            if i > 0 {
                out.push_str(", ");
            }
            incref(item);
            let r = nested(" while getting the repr of an object", || {
                dispatch::repr_of(item)
            });
            // SAFETY: the reference taken above.
            unsafe { decref(item) };
            out.push_str(&r?);
            i += 1;
        }
        out.push(']');
        Ok(out)
    })();
    repr_leave(v);
    r
}

/// `list_richcompare`: lists of different lengths are unequal; else the first index where the
/// items differ (identity or `==`) decides, compared with `op`; the lengths when one list is a
/// prefix of the other.
fn list_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    let (Some(vl), Some(wl)) = (list_len(v), list_len(w)) else {
        return Ok(singletons::not_implemented());
    };
    if vl != wl && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(bool_obj(op == CompareOp::Ne));
    }
    let mut i = 0;
    let differ = loop {
        let (Some(x), Some(y)) = (item_at(v, i), item_at(w, i)) else {
            break false;
        };
        if !x.is(y) {
            incref(x);
            incref(y);
            let k = dispatch::rich_compare_bool(CompareOp::Eq, x, y);
            // SAFETY: the references taken above.
            unsafe {
                decref(x);
                decref(y);
            }
            if !k? {
                break true;
            }
        }
        i += 1;
    };
    if !differ {
        let (a, b) = (list_len(v).unwrap_or(0), list_len(w).unwrap_or(0));
        return Ok(bool_obj(dispatch::op_holds(op, a.cmp(&b))));
    }
    match op {
        CompareOp::Eq => Ok(bool_obj(false)),
        CompareOp::Ne => Ok(bool_obj(true)),
        CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge => {
            // Re-read: the items compared equal-or-not may have changed the lists.
            match (item_at(v, i), item_at(w, i)) {
                (Some(x), Some(y)) => nested(" in comparison", || dispatch::rich_compare(op, x, y)),
                _ => {
                    let (a, b) = (list_len(v).unwrap_or(0), list_len(w).unwrap_or(0));
                    Ok(bool_obj(dispatch::op_holds(op, a.cmp(&b))))
                }
            }
        }
    }
}

fn list_len_slot(v: Obj) -> usize {
    list_len(v).unwrap_or(0)
}

/// `list_contains`: some item is `el` or `== el` (the item on the left).
fn list_contains(l: Obj, el: Obj) -> MoltResult<bool> {
    let mut i = 0;
    while let Some(item) = item_at(l, i) {
        incref(item);
        let r = dispatch::rich_compare_bool(CompareOp::Eq, item, el);
        // SAFETY: the reference taken above.
        unsafe { decref(item) };
        if r? {
            return Ok(true);
        }
        i += 1;
    }
    Ok(false)
}

/// `list_concat(a, bb)`: always a new list; TypeError unless `bb` is a list.
fn list_concat(a: Obj, bb: Obj) -> MoltResult<Obj> {
    if !is_list(bb) {
        return fail(
            TypeError,
            format!(
                "can only concatenate list (not \"{}\") to list",
                bb.type_of().name
            ),
        );
    }
    let mut items = items_vec(a)?;
    let more = match items_vec(bb) {
        Ok(m) => m,
        Err(e) => {
            release(items);
            return Err(e);
        }
    };
    if items.try_reserve_exact(more.len()).is_err() {
        release(items);
        release(more);
        return memory_error();
    }
    items.extend(more);
    list_from_vec(items)
}

/// `list_repeat(a, n)`: a new list; `[]` for `n <= 0`; MemoryError when the result cannot
/// exist.
fn list_repeat(a: Obj, n: i64) -> MoltResult<Obj> {
    let size = list_len(a).unwrap_or(0);
    let count = if n < 0 { 0 } else { n as usize };
    if count > 0 && size > isize::MAX as usize / count {
        return memory_error();
    }
    let total = size * count;
    let l = new_list(total)?;
    if total == 0 {
        return Ok(l);
    }
    let (Some(dst), Some(src)) = (list_ptr(l), list_ptr(a)) else {
        return Ok(l);
    };
    // SAFETY: `l` is a new list of `total = size * count` placeholder slots; `a` has `size`
    // items; each copy takes its own reference.
    unsafe {
        for k in 0..total {
            let o = (*src).items.add(k % size).read();
            (*dst).items.add(k).write(new_ref(o));
        }
    }
    Ok(l)
}

/// `list_inplace_concat`: `a += b` extends `a` with any iterable and returns `a`.
fn list_inplace_concat(a: Obj, b: Obj) -> MoltResult<Obj> {
    extend(a, b)?;
    Ok(new_ref(a))
}

/// `list_inplace_repeat`: `a *= n` (cleared for `n < 1`) and returns `a`.
fn list_inplace_repeat(a: Obj, n: i64) -> MoltResult<Obj> {
    let Some(p) = list_ptr(a) else {
        return Ok(new_ref(a));
    };
    let size = list_len(a).unwrap_or(0);
    if size == 0 || n == 1 {
        return Ok(new_ref(a));
    }
    if n < 1 {
        clear(a);
        return Ok(new_ref(a));
    }
    let count = n as usize;
    if size > isize::MAX as usize / count {
        return memory_error();
    }
    // SAFETY: a live list grown to `size * count` slots, the new ones written right away, each
    // with its own reference.
    unsafe {
        resize(p, size * count)?;
        let items = (*p).items;
        for k in size..size * count {
            items.add(k).write(new_ref(items.add(k % size).read()));
        }
    }
    Ok(new_ref(a))
}

/// The index `key` as CPython's `list_subscript` / `list_ass_subscript` read it; TypeError
/// "list indices must be integers or slices, not str".
fn list_index_key(key: Obj) -> MoltResult<i64> {
    match dispatch::as_index(key, IndexError)? {
        Some(i) => Ok(i),
        None => fail(
            TypeError,
            format!(
                "list indices must be integers or slices, not {}",
                key.type_of().name
            ),
        ),
    }
}

/// `list_subscript(l, key)` for an index: IndexError "list index out of range".
fn list_subscript(l: Obj, key: Obj) -> MoltResult<Obj> {
    let i = match dispatch::as_index(key, IndexError)? {
        Some(i) => i,
        None => return super::slice_obj::item(l, key).unwrap_or_else(|| list_index_key(key).map(|_| singletons::none())),
    };
    let len = list_len(l).unwrap_or(0) as i64;
    let i = if i < 0 { i + len } else { i };
    match usize::try_from(i).ok().and_then(|i| item_at(l, i)) {
        Some(o) => Ok(new_ref(o)),
        None => fail(IndexError, "list index out of range"),
    }
}

/// `list_ass_subscript(l, key, value)` for an index (`list_ass_item`): IndexError "list
/// assignment index out of range"; deletion when `value` is None.
fn list_ass_subscript(l: Obj, key: Obj, value: Option<Obj>) -> MoltResult<()> {
    let i = match dispatch::as_index(key, IndexError)? {
        Some(i) => i,
        None => return super::slice_obj::assign(l, key, value).unwrap_or_else(|| list_index_key(key).map(|_| ())),
    };
    let len = list_len(l).unwrap_or(0) as i64;
    let i = if i < 0 { i + len } else { i };
    if i < 0 || i >= len {
        return fail(IndexError, "list assignment index out of range");
    }
    let Some(v) = value else {
        return super::list_slice::ass_slice(l, i, i + 1, None);
    };
    let Some(p) = list_ptr(l) else { return Ok(()) };
    // SAFETY: `0 <= i < len`: an initialised slot; the old reference is released after the new
    // one is in place (CPython's `Py_SETREF`).
    unsafe {
        let old = (*p).items.add(i as usize).replace(new_ref(v));
        decref(old);
    }
    Ok(())
}

static LIST_SEQUENCE: SequenceSlots = SequenceSlots {
    len: Some(list_len_slot),
    concat: Some(list_concat),
    repeat: Some(list_repeat),
    contains: Some(list_contains),
    inplace_concat: Some(list_inplace_concat),
    inplace_repeat: Some(list_inplace_repeat),
};

/// The type object of `list`.
#[allow(non_upper_case_globals)]
#[unsafe(no_mangle)]
pub static molt_type_list: TypeObject = TypeObject {
    new: Some(super::construct::list_new),
    sequence: Some(&LIST_SEQUENCE),
    richcompare: Some(list_richcompare),
    // `PyObject_HashNotImplemented`: lists are unhashable.
    hash: Some(super::dict::unhashable),
    repr: Some(list_repr),
    subscript: Some(list_subscript),
    ass_subscript: Some(list_ass_subscript),
    iter: Some(iter::list_iter),
    heap: Some(HeapKind::List),
    methods: super::list_methods::LIST_METHODS,
    ..TypeObject::new("list", &TYPE_OBJECT)
};

/// `list(a)`: a new list of the items of any iterable.
pub fn list_from_iter(a: Obj) -> MoltResult<Obj> {
    let l = new_list(0)?;
    match extend(l, a) {
        Ok(()) => Ok(l),
        Err(e) => {
            // SAFETY: the new list's only reference.
            unsafe { decref(l) };
            Err(e)
        }
    }
}

// --- the C ABI ---

/// A new list of `len` items, each the small int 0 until `molt_list_init` sets it.
#[unsafe(no_mangle)]
pub extern "C" fn molt_list_new(len: i64) -> Obj {
    value_or_raise(match usize::try_from(len) {
        Ok(n) => new_list(n),
        Err(_) => fail(ValueError, "molt_list_new: negative length"),
    })
}

/// Sets item `index` of a list made by `molt_list_new` that nothing else has seen yet;
/// borrows `item`. A bad call (not a list, an index out of range) raises instead of writing.
#[unsafe(no_mangle)]
pub extern "C" fn molt_list_init(list: Obj, index: i64, item: Obj) {
    let Some(p) = list_ptr(list) else {
        return value_or_raise(fail(TypeError, "molt_list_init: not a list"));
    };
    // SAFETY: a live list; the slot is checked to be below the length.
    unsafe {
        let k = match usize::try_from(index) {
            Ok(k) if k < (*p).len => k,
            _ => return value_or_raise(fail(IndexError, "molt_list_init: index out of range")),
        };
        let old = (*p).items.add(k).replace(new_ref(item));
        // The placeholder small int `new_list` wrote: no decrement (not even a call).
        if !old.is_small() {
            decref(old);
        }
    }
}

/// `list.append(item)` on a list; borrows `item`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_list_append(list: Obj, item: Obj) {
    value_or_raise(append(list, item))
}

/// `list[index]` on a list with an int index (the compiler knows both types): a small index is
/// read directly; a big one gets `list_subscript`'s IndexError.
#[unsafe(no_mangle)]
pub extern "C" fn molt_list_getitem(list: Obj, index: Obj) -> Obj {
    if let (Some(p), Some(i)) = (list_ptr(list), index.small_value()) {
        // SAFETY: `p` is a live list; `len` items are initialised.
        unsafe {
            let len = (*p).len as i64;
            let k = if i < 0 { i + len } else { i };
            if (0..len).contains(&k) {
                return new_ref((*p).items.add(k as usize).read());
            }
        }
        return value_or_raise(fail(IndexError, "list index out of range"));
    }
    value_or_raise(list_subscript(list, index))
}

/// `list[index] = value` on a list with an int index; borrows `value`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_list_setitem(list: Obj, index: Obj, value: Obj) {
    if let (Some(p), Some(i)) = (list_ptr(list), index.small_value()) {
        // SAFETY: `p` is a live list; a slot in range holds an owned reference, released after
        // the new one is in place (CPython's `Py_SETREF`).
        unsafe {
            let len = (*p).len as i64;
            let k = if i < 0 { i + len } else { i };
            if (0..len).contains(&k) {
                let old = (*p).items.add(k as usize).replace(new_ref(value));
                super::decref_inline(old);
                return;
            }
        }
        return value_or_raise(fail(IndexError, "list assignment index out of range"));
    }
    value_or_raise(list_ass_subscript(list, index, Some(value)))
}

/// Removes the items from `at` on and returns them (owned references): the list keeps the
/// first `at` items.
pub fn split_off(l: Obj, at: usize) -> MoltResult<Vec<Obj>> {
    let Some(p) = list_ptr(l) else { return Ok(Vec::new()) };
    // SAFETY: a live list; the items from `at` on are moved out and the length cut to `at`.
    unsafe {
        let n = (*p).len;
        if at >= n {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        if out.try_reserve(n - at).is_err() {
            return memory_error();
        }
        for k in at..n {
            out.push((*p).items.add(k).read());
        }
        (*p).len = at;
        Ok(out)
    }
}

/// `[*a]` in a display (CPython's LIST_EXTEND): `list.extend`, with the display's TypeError for
/// a value that is not iterable ("Value after * must be an iterable, not int").
#[unsafe(no_mangle)]
pub extern "C" fn molt_list_extend_star(list: Obj, iterable: Obj) {
    let r = extend(list, iterable);
    value_or_raise(match r {
        Err(e) if e.kind == TypeError && iterable.type_of().iter_slot().is_none() && iterable.type_of().sequence_table().is_none() => {
            fail(TypeError, format!("Value after * must be an iterable, not {}", iterable.type_of().name))
        }
        r => r,
    })
}

/// `tuple(list)` of a display's list (CPython's LIST_TO_TUPLE).
#[unsafe(no_mangle)]
pub extern "C" fn molt_list_to_tuple(list: Obj) -> Obj {
    value_or_raise(items_vec(list).and_then(super::tuple::tuple_from_vec))
}

/// `list(a)`.
#[unsafe(no_mangle)]
pub extern "C" fn molt_list_from_iter(a: Obj) -> Obj {
    value_or_raise(list_from_iter(a))
}

// The stack of `Py_ReprEnter`: process-wide in programs, per thread in the unit tests.

#[cfg(not(test))]
mod repr_stack {
    use alloc::vec::Vec;

    use crate::object::Obj;
    use crate::sys::Global;

    static STACK: Global<Vec<Obj>> = Global::new(Vec::new());

    /// Runs `f` on the stack of objects being repr'd.
    pub fn with<R>(f: impl FnOnce(&mut Vec<Obj>) -> R) -> R {
        STACK.with(f)
    }
}

#[cfg(test)]
mod repr_stack {
    use std::cell::RefCell;
    use std::vec::Vec;

    use crate::object::Obj;

    std::thread_local! {
        static STACK: RefCell<Vec<Obj>> = const { RefCell::new(Vec::new()) };
    }

    /// Runs `f` on this thread's stack of objects being repr'd.
    pub fn with<R>(f: impl FnOnce(&mut Vec<Obj>) -> R) -> R {
        STACK.with(|s| f(&mut s.borrow_mut()))
    }
}
