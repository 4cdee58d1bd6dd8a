//! `collections.deque` and its iterators, from CPython 3.11's `Modules/_collectionsmodule.c`
//! (`deque_*`, `dequeiter_*`, `dequereviter_*`): the same operations, errors and mutation
//! checks, on a ring buffer (`VecDeque`) instead of CPython's linked blocks.
//!
//! Relies on: `iter` (extending from any iterable), `dispatch` (item comparisons, reprs),
//! `list` (`PySequence_List` for the repr and for extending a deque with itself),
//! `alloc` (kinds `HeapKind::Deque` and `HeapKind::DequeIterator`, containers) and `gc` (a
//! deque can hold itself).
//!
//! Provides: [`TYPE_DEQUE`] with its slots and methods, the iterator types, and `free` /
//! `traverse` / `clear` for `alloc` and `gc`.
//!
//! Invariants: a deque is `{header, items, maxlen, state}`: `items` owns one reference per
//! element; `maxlen` is -1 (unbounded) or the bound, never exceeded after an operation
//! returns; `state` changes on every operation that adds or removes elements or rotates them
//! (CPython's `deque->state`), so an iterator or a search that sees a different state raises
//! "deque mutated during iteration". No borrow of `items` is held across a call that may run
//! Python code (a comparison, a repr, `next` of an iterator, a release): elements are read as
//! new references first.

use alloc::collections::VecDeque;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::alloc::Layout;

use super::super::alloc::{HeapKind, alloc_container, free_raw, memory_error};
use super::super::call::{check_positional, exactly_one, no_args, no_keywords, slice_index_not_none, ssize_arg, unpack_args};
use super::super::list::{self, repr_enter, repr_leave};
use super::super::range::Owned;
use super::super::types::{MethodDef, SequenceSlots, TYPE_OBJECT, TypeObject};
use super::super::{Header, Obj, decref, dispatch, gc, incref, int, iter, new_ref, singletons};
use crate::exceptions::{MoltResult, fail};
use crate::ExceptionKind::{IndexError, OverflowError, RuntimeError, TypeError, ValueError};
use crate::CompareOp;

/// A deque.
#[repr(C)]
pub struct DequeObject {
    pub header: Header,
    items: VecDeque<Obj>,
    /// -1: unbounded.
    maxlen: i64,
    state: u64,
}

/// An iterator over a deque (forwards or backwards).
#[repr(C)]
pub struct DequeIterObject {
    pub header: Header,
    /// The deque (owned).
    deque: Obj,
    /// The position of the next element from the left (forwards) or the right (backwards).
    index: usize,
    /// The elements left to give (0 once exhausted or after a mutation).
    counter: usize,
    /// The deque's state when the iterator was made.
    state: u64,
}

const MUTATED: &str = "deque mutated during iteration";

fn deque_ptr(o: Obj) -> Option<*mut DequeObject> {
    if o.type_of().heap != Some(HeapKind::Deque) {
        return None;
    }
    o.header_ptr().map(|h| h.cast::<DequeObject>().cast_mut())
}

/// Runs `f` on deque `o`'s fields (None for a non-deque). `f` must not run Python code or
/// release references.
fn with<R>(o: Obj, f: impl FnOnce(&mut DequeObject) -> R) -> Option<R> {
    // SAFETY: a deque object is a `DequeObject`; single-threaded, and `f` holds the only borrow.
    deque_ptr(o).map(|p| f(unsafe { &mut *p }))
}

fn len(o: Obj) -> usize {
    with(o, |d| d.items.len()).unwrap_or(0)
}

fn state(o: Obj) -> u64 {
    with(o, |d| d.state).unwrap_or(0)
}

fn maxlen(o: Obj) -> i64 {
    with(o, |d| d.maxlen).unwrap_or(-1)
}

/// Element `i` as a new reference.
fn item(o: Obj, i: usize) -> Option<Obj> {
    with(o, |d| d.items.get(i).copied()).flatten().map(new_ref)
}

/// A new empty deque of type `t` bounded by `maxlen` (-1: unbounded).
fn new_deque(t: &'static TypeObject, maxlen: i64) -> MoltResult<Obj> {
    let p = alloc_container(Layout::new::<DequeObject>(), t)?.cast::<DequeObject>();
    // SAFETY: a fresh block whose header is written; the fields are written before tracking.
    unsafe {
        core::ptr::addr_of_mut!((*p).items).write(VecDeque::new());
        core::ptr::addr_of_mut!((*p).maxlen).write(maxlen);
        core::ptr::addr_of_mut!((*p).state).write(0);
        let o = Obj::from_header(p.cast());
        gc::track(o);
        Ok(o)
    }
}

/// `deque_append_internal` / `deque_appendleft_internal`: adds `x` (borrowed) at one end; when
/// that passes `maxlen`, the element at the other end is dropped (after the store).
fn push(o: Obj, x: Obj, left: bool) -> MoltResult<()> {
    let dropped = with(o, |d| {
        if d.items.try_reserve(1).is_err() {
            return Err(());
        }
        incref(x);
        if left {
            d.items.push_front(x);
        } else {
            d.items.push_back(x);
        }
        d.state = d.state.wrapping_add(1);
        if d.maxlen >= 0 && d.items.len() as i64 > d.maxlen {
            d.state = d.state.wrapping_add(1);
            Ok(if left { d.items.pop_back() } else { d.items.pop_front() })
        } else {
            Ok(None)
        }
    });
    match dropped {
        Some(Err(())) => memory_error(),
        Some(Ok(Some(old))) => {
            // SAFETY: the deque owned it and no longer does.
            unsafe { decref(old) };
            Ok(())
        }
        Some(Ok(None)) | None => Ok(()),
    }
}

/// `pop` / `popleft`: IndexError "pop from an empty deque".
fn pop(o: Obj, left: bool) -> MoltResult<Obj> {
    let x = with(o, |d| {
        let x = if left { d.items.pop_front() } else { d.items.pop_back() };
        if x.is_some() {
            d.state = d.state.wrapping_add(1);
        }
        x
    })
    .flatten();
    match x {
        Some(x) => Ok(x),
        None => fail(IndexError, "pop from an empty deque"),
    }
}

/// `deque_clear`: drops every element (after emptying the deque, as CPython does).
fn clear_items(o: Obj) {
    let items = with(o, |d| {
        if !d.items.is_empty() {
            d.state = d.state.wrapping_add(1);
        }
        core::mem::take(&mut d.items)
    });
    if let Some(items) = items {
        release(items);
    }
}

fn release(items: VecDeque<Obj>) {
    for x in items {
        // SAFETY: each element was owned by the deque.
        unsafe { decref(x) };
    }
}

/// `deque_extend` / `deque_extendleft`: each element of `iterable` added at one end (a deque
/// extended with itself reads a copy first; with maxlen 0 the iterable is consumed).
fn extend(o: Obj, iterable: Obj, left: bool) -> MoltResult<()> {
    if o.is(iterable) {
        let copy = Owned(list::list_from_iter(iterable)?);
        return extend(o, copy.get(), left);
    }
    let it = Owned(iter::get_iter(iterable)?);
    while let Some(x) = iter::iter_next(it.get())? {
        let x = Owned(x);
        if maxlen(o) != 0 {
            push(o, x.get(), left)?;
        }
    }
    Ok(())
}

/// `_deque_rotate(n)`: the elements move `n` places to the right (left for a negative `n`).
fn rotate(o: Obj, n: i64) {
    with(o, |d| {
        let len = d.items.len();
        if len <= 1 {
            return;
        }
        d.state = d.state.wrapping_add(1);
        let k = n.rem_euclid(len as i64) as usize;
        d.items.rotate_right(k);
    });
}

// --- the constructor, slots and methods ---

/// `deque(iterable=(), maxlen=None)` (`deque_init`).
fn deque_new(t: &'static TypeObject, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let [iterable, maxlen_arg] = if kw.is_empty() && pos.len() <= 2 {
        [pos.first().copied(), pos.get(1).copied()]
    } else {
        unpack_args("deque", ["iterable", "maxlen"], 0, 0, 2, pos, kw)?
    };
    let mut bound = -1;
    if let Some(m) = maxlen_arg.filter(|&m| !singletons::is_none(m)) {
        if !int::is_int(m) && !singletons::is_bool(m) {
            return fail(TypeError, "an integer is required");
        }
        bound = match int::int_ref(m).and_then(int::IntRef::to_i64) {
            Some(v) => v,
            None if singletons::is_bool(m) => i64::from(singletons::bool_value(m)),
            None => return fail(OverflowError, "Python int too large to convert to C ssize_t"),
        };
        if bound < 0 {
            return fail(ValueError, "maxlen must be non-negative");
        }
    }
    let d = Owned(new_deque(t, bound)?);
    if let Some(it) = iterable {
        extend(d.get(), it, false)?;
    }
    Ok(d.release())
}

/// A copy of deque `o` (`deque_copy`: the same maxlen).
fn copy(o: Obj) -> MoltResult<Obj> {
    let d = Owned(new_deque(&TYPE_DEQUE, maxlen(o))?);
    let items: Vec<Obj> = with(o, |s| s.items.iter().copied().collect()).unwrap_or_default();
    for &x in &items {
        incref(x);
    }
    let items = Owned(list::list_from_vec(items)?);
    extend(d.get(), items.get(), false)?;
    Ok(d.release())
}

fn deque_len_slot(o: Obj) -> usize {
    len(o)
}

/// `deque_contains`: `x in d`, with the mutation check after each comparison.
fn deque_contains(o: Obj, x: Obj) -> MoltResult<bool> {
    let start = state(o);
    let mut i = 0;
    while let Some(y) = item(o, i) {
        let y = Owned(y);
        let eq = dispatch::rich_compare_bool(CompareOp::Eq, y.get(), x)?;
        if eq {
            return Ok(true);
        }
        if state(o) != start {
            return fail(RuntimeError, MUTATED);
        }
        i += 1;
    }
    Ok(false)
}

/// `deque_concat`: `d + other`, a deque only.
fn deque_concat(o: Obj, other: Obj) -> MoltResult<Obj> {
    if deque_ptr(other).is_none() {
        return fail(
            TypeError,
            format!("can only concatenate deque (not \"{}\") to deque", other.type_of().name),
        );
    }
    let d = Owned(copy(o)?);
    extend(d.get(), other, false)?;
    Ok(d.release())
}

/// `deque_inplace_repeat`: `d *= n` (the repetitions stop at maxlen).
fn deque_inplace_repeat(o: Obj, n: i64) -> MoltResult<Obj> {
    let size = len(o);
    if size == 0 || n == 1 {
        return Ok(new_ref(o));
    }
    if n <= 0 {
        clear_items(o);
        return Ok(new_ref(o));
    }
    if (size as u64).checked_mul(n as u64).is_none_or(|t| t > i64::MAX as u64) {
        return memory_error();
    }
    let mut n = n;
    let bound = maxlen(o);
    if bound >= 0 && n * size as i64 > bound {
        n = (bound + size as i64 - 1) / size as i64;
    }
    let seq = Owned(list::list_from_iter(o)?);
    for _ in 0..n - 1 {
        extend(o, seq.get(), false)?;
    }
    Ok(new_ref(o))
}

/// `deque_repeat`: `d * n`.
fn deque_repeat(o: Obj, n: i64) -> MoltResult<Obj> {
    let d = Owned(copy(o)?);
    let r = deque_inplace_repeat(d.get(), n)?;
    Ok(r)
}

/// `d += iterable`.
fn deque_inplace_concat(o: Obj, other: Obj) -> MoltResult<Obj> {
    extend(o, other, false)?;
    Ok(new_ref(o))
}

/// `deque_richcompare`: lexicographic, deques only.
fn deque_richcompare(op: CompareOp, v: Obj, w: Obj) -> MoltResult<Obj> {
    if deque_ptr(v).is_none() || deque_ptr(w).is_none() {
        return Ok(singletons::not_implemented());
    }
    let (vs, ws) = (len(v), len(w));
    match op {
        CompareOp::Eq if v.is(w) => return Ok(singletons::bool_obj(true)),
        CompareOp::Eq if vs != ws => return Ok(singletons::bool_obj(false)),
        CompareOp::Ne if v.is(w) => return Ok(singletons::bool_obj(false)),
        CompareOp::Ne if vs != ws => return Ok(singletons::bool_obj(true)),
        _ => {}
    }
    let (sv, sw) = (state(v), state(w));
    let mut i = 0;
    loop {
        let (x, y) = (item(v, i).map(Owned), item(w, i).map(Owned));
        let (Some(x), Some(y)) = (x, y) else {
            let (vs, ws) = (len(v), len(w));
            return Ok(singletons::bool_obj(dispatch::op_holds(op, vs.cmp(&ws))));
        };
        if !dispatch::rich_compare_bool(CompareOp::Eq, x.get(), y.get())? {
            return dispatch::rich_compare(op, x.get(), y.get());
        }
        if state(v) != sv || state(w) != sw {
            return fail(RuntimeError, MUTATED);
        }
        i += 1;
    }
}

/// `deque_repr`: `deque([…])` or `deque([…], maxlen=n)`; `[...]` for a deque already being
/// printed.
fn deque_repr(o: Obj) -> MoltResult<String> {
    if repr_enter(o)? {
        return Ok(String::from("[...]"));
    }
    let r = (|| {
        let l = Owned(list::list_from_iter(o)?);
        let items = dispatch::repr_of(l.get())?;
        let bound = maxlen(o);
        Ok(if bound >= 0 {
            format!("{}({items}, maxlen={bound})", o.type_of().short_name())
        } else {
            format!("{}({items})", o.type_of().short_name())
        })
    })();
    repr_leave(o);
    r
}

/// The index of `d[key]` (`PySequence_GetItem` through `sq_item`): an integer key, a negative
/// one counted from the right; IndexError "deque index out of range".
fn index_key(o: Obj, key: Obj) -> MoltResult<usize> {
    let Some(i) = dispatch::as_index(key, IndexError)? else {
        return fail(TypeError, format!("sequence index must be integer, not '{}'", key.type_of().name));
    };
    let n = len(o) as i64;
    let i = if i < 0 { i.saturating_add(n) } else { i };
    if i < 0 || i >= n {
        return fail(IndexError, "deque index out of range");
    }
    Ok(i as usize)
}

fn deque_subscript(o: Obj, key: Obj) -> MoltResult<Obj> {
    let i = index_key(o, key)?;
    match item(o, i) {
        Some(x) => Ok(x),
        None => fail(IndexError, "deque index out of range"),
    }
}

/// `d[i] = v` (`deque_ass_item`) and `del d[i]` (`deque_del_item`).
fn deque_ass_subscript(o: Obj, key: Obj, value: Option<Obj>) -> MoltResult<()> {
    let i = index_key(o, key)?;
    let old = with(o, |d| match value {
        Some(v) => d.items.get_mut(i).map(|slot| {
            incref(v);
            core::mem::replace(slot, v)
        }),
        None => {
            d.state = d.state.wrapping_add(1);
            d.items.remove(i)
        }
    })
    .flatten();
    if let Some(old) = old {
        // SAFETY: the deque owned it and no longer does.
        unsafe { decref(old) };
    }
    Ok(())
}

fn deque_iter(o: Obj) -> MoltResult<Obj> {
    new_iter(&TYPE_DEQUE_ITERATOR, o)
}

static DEQUE_SEQUENCE: SequenceSlots = SequenceSlots {
    len: Some(deque_len_slot),
    concat: Some(deque_concat),
    repeat: Some(deque_repeat),
    contains: Some(deque_contains),
    inplace_concat: Some(deque_inplace_concat),
    inplace_repeat: Some(deque_inplace_repeat),
};

fn m_append(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    push(o, exactly_one(o, "append", pos, kw)?, false)?;
    Ok(singletons::none())
}

fn m_appendleft(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    push(o, exactly_one(o, "appendleft", pos, kw)?, true)?;
    Ok(singletons::none())
}

fn m_pop(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_args(o, "pop", pos, kw)?;
    pop(o, false)
}

fn m_popleft(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_args(o, "popleft", pos, kw)?;
    pop(o, true)
}

fn m_extend(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    extend(o, exactly_one(o, "extend", pos, kw)?, false)?;
    Ok(singletons::none())
}

fn m_extendleft(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    extend(o, exactly_one(o, "extendleft", pos, kw)?, true)?;
    Ok(singletons::none())
}

fn m_clear(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_args(o, "clear", pos, kw)?;
    clear_items(o);
    Ok(singletons::none())
}

fn m_copy(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_args(o, "copy", pos, kw)?;
    copy(o)
}

fn m_copy_dunder(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_args(o, "__copy__", pos, kw)?;
    copy(o)
}

/// `deque_count`.
fn m_count(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let x = exactly_one(o, "count", pos, kw)?;
    let start = state(o);
    let (mut i, mut count) = (0, 0i64);
    while let Some(y) = item(o, i) {
        let y = Owned(y);
        count += i64::from(dispatch::rich_compare_bool(CompareOp::Eq, y.get(), x)?);
        if state(o) != start {
            return fail(RuntimeError, MUTATED);
        }
        i += 1;
    }
    int::from_i64(count)
}

/// `deque_index(value, [start, [stop]])`.
fn m_index(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords(o, "index", kw)?;
    parse_stack_count("index", pos.len(), 1, 3)?;
    let v = pos[0];
    let n = len(o) as i64;
    let mut start = match pos.get(1) {
        Some(&s) => slice_index_not_none(s)?,
        None => 0,
    };
    let mut stop = match pos.get(2) {
        Some(&s) => slice_index_not_none(s)?,
        None => n,
    };
    if start < 0 {
        start = (start + n).max(0);
    }
    if stop < 0 {
        stop = (stop + n).max(0);
    }
    stop = stop.min(n);
    start = start.min(stop);
    let st = state(o);
    for i in start..stop {
        let Some(y) = item(o, i as usize) else { break };
        let y = Owned(y);
        if dispatch::rich_compare_bool(CompareOp::Eq, y.get(), v)? {
            return int::from_i64(i);
        }
        if state(o) != st {
            return fail(RuntimeError, MUTATED);
        }
    }
    not_in_deque(v)
}

/// `_PyArg_ParseStack`'s count check: "insert() takes exactly 2 arguments (1 given)".
fn parse_stack_count(fname: &str, n: usize, min: usize, max: usize) -> MoltResult<()> {
    if (min..=max).contains(&n) {
        return Ok(());
    }
    let (how, bound) = if min == max {
        ("exactly", min)
    } else if n < min {
        ("at least", min)
    } else {
        ("at most", max)
    };
    let s = if bound == 1 { "" } else { "s" };
    fail(TypeError, format!("{fname}() takes {how} {bound} argument{s} ({n} given)"))
}

fn not_in_deque<T>(v: Obj) -> MoltResult<T> {
    let r = dispatch::repr_of(v)?;
    fail(ValueError, format!("{r} is not in deque"))
}

/// `deque_insert(index, object)`.
fn m_insert(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords(o, "insert", kw)?;
    parse_stack_count("insert", pos.len(), 2, 2)?;
    let index = ssize_arg(pos[0])?;
    let value = pos[1];
    let n = len(o) as i64;
    if maxlen(o) == n {
        return fail(IndexError, "deque already at its maximum size");
    }
    if index >= n {
        push(o, value, false)?;
    } else if index <= -n || index == 0 {
        push(o, value, true)?;
    } else {
        rotate(o, -index);
        push(o, value, index >= 0)?;
        rotate(o, index);
    }
    Ok(singletons::none())
}

/// `deque_remove(value)`: the first element equal to it.
fn m_remove(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    let v = exactly_one(o, "remove", pos, kw)?;
    let start = state(o);
    let mut i = 0;
    loop {
        let Some(y) = item(o, i) else { return not_in_deque(v) };
        let y = Owned(y);
        let eq = dispatch::rich_compare_bool(CompareOp::Eq, y.get(), v)?;
        if state(o) != start {
            return fail(IndexError, MUTATED);
        }
        if eq {
            break;
        }
        i += 1;
    }
    let old = with(o, |d| {
        d.state = d.state.wrapping_add(1);
        d.items.remove(i)
    })
    .flatten();
    if let Some(old) = old {
        // SAFETY: the deque owned it and no longer does.
        unsafe { decref(old) };
    }
    Ok(singletons::none())
}

fn m_reverse(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_args(o, "reverse", pos, kw)?;
    with(o, |d| d.items.make_contiguous().reverse());
    Ok(singletons::none())
}

/// `deque_rotate(n=1)`.
fn m_rotate(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_keywords(o, "rotate", kw)?;
    check_positional("deque.rotate", pos.len(), 0, 1)?;
    let n = match pos.first() {
        Some(&a) => ssize_arg(a)?,
        None => 1,
    };
    rotate(o, n);
    Ok(singletons::none())
}

fn m_reversed(o: Obj, pos: &[Obj], kw: &[(&str, Obj)]) -> MoltResult<Obj> {
    no_args(o, "__reversed__", pos, kw)?;
    new_iter(&TYPE_DEQUE_REVERSE_ITERATOR, o)
}

static DEQUE_METHODS: &[MethodDef] = &[
    MethodDef { name: "append", call: m_append },
    MethodDef { name: "appendleft", call: m_appendleft },
    MethodDef { name: "clear", call: m_clear },
    MethodDef { name: "copy", call: m_copy },
    MethodDef { name: "count", call: m_count },
    MethodDef { name: "extend", call: m_extend },
    MethodDef { name: "extendleft", call: m_extendleft },
    MethodDef { name: "index", call: m_index },
    MethodDef { name: "insert", call: m_insert },
    MethodDef { name: "pop", call: m_pop },
    MethodDef { name: "popleft", call: m_popleft },
    MethodDef { name: "remove", call: m_remove },
    MethodDef { name: "reverse", call: m_reverse },
    MethodDef { name: "rotate", call: m_rotate },
    MethodDef { name: "__copy__", call: m_copy_dunder },
    MethodDef { name: "__reversed__", call: m_reversed },
];

/// `d.maxlen`.
fn deque_attributes(o: Obj, name: &str) -> Option<MoltResult<Obj>> {
    (name == "maxlen").then(|| match maxlen(o) {
        -1 => Ok(singletons::none()),
        n => int::from_i64(n),
    })
}

/// `collections.deque`.
pub static TYPE_DEQUE: TypeObject = TypeObject {
    new: Some(deque_new),
    sequence: Some(&DEQUE_SEQUENCE),
    richcompare: Some(deque_richcompare),
    hash: Some(super::super::dict::unhashable),
    repr: Some(deque_repr),
    subscript: Some(deque_subscript),
    ass_subscript: Some(deque_ass_subscript),
    iter: Some(deque_iter),
    heap: Some(HeapKind::Deque),
    methods: DEQUE_METHODS,
    attributes: Some(deque_attributes),
    ..TypeObject::new("collections.deque", &TYPE_OBJECT)
};

// --- iterators ---

fn self_iter(it: Obj) -> MoltResult<Obj> {
    Ok(new_ref(it))
}

/// `_collections._deque_iterator`.
pub static TYPE_DEQUE_ITERATOR: TypeObject = TypeObject {
    iter: Some(self_iter),
    iternext: Some(iter_next),
    heap: Some(HeapKind::DequeIterator),
    ..TypeObject::new("_collections._deque_iterator", &TYPE_OBJECT)
};

/// `_collections._deque_reverse_iterator`.
pub static TYPE_DEQUE_REVERSE_ITERATOR: TypeObject = TypeObject {
    iter: Some(self_iter),
    iternext: Some(iter_next),
    heap: Some(HeapKind::DequeIterator),
    ..TypeObject::new("_collections._deque_reverse_iterator", &TYPE_OBJECT)
};

fn new_iter(t: &'static TypeObject, o: Obj) -> MoltResult<Obj> {
    let (n, st) = (len(o), state(o));
    let p = alloc_container(Layout::new::<DequeIterObject>(), t)?.cast::<DequeIterObject>();
    // SAFETY: a fresh block whose header is written; the fields are written before tracking.
    unsafe {
        core::ptr::addr_of_mut!((*p).deque).write(new_ref(o));
        core::ptr::addr_of_mut!((*p).index).write(0);
        core::ptr::addr_of_mut!((*p).counter).write(n);
        core::ptr::addr_of_mut!((*p).state).write(st);
        let it = Obj::from_header(p.cast());
        gc::track(it);
        Ok(it)
    }
}

/// `dequeiter_next` / `dequereviter_next`.
fn iter_next(it: Obj) -> MoltResult<Option<Obj>> {
    let Some(h) = it.header_ptr() else { return Ok(None) };
    let p = h.cast::<DequeIterObject>().cast_mut();
    let reverse = !it.type_of().is(&TYPE_DEQUE_ITERATOR);
    // SAFETY: a live deque iterator; no Python code runs while the fields are borrowed.
    let (deque, index, counter, st) = unsafe { ((*p).deque, (*p).index, (*p).counter, (*p).state) };
    if state(deque) != st {
        // SAFETY: as above.
        unsafe { (*p).counter = 0 };
        return fail(RuntimeError, MUTATED);
    }
    if counter == 0 {
        return Ok(None);
    }
    let n = len(deque);
    let i = if reverse { n.wrapping_sub(1).wrapping_sub(index) } else { index };
    let x = item(deque, i);
    // SAFETY: as above.
    unsafe {
        (*p).index = index + 1;
        (*p).counter = counter - 1;
    }
    Ok(x)
}

// --- the collector and `alloc` ---

/// Visits the references a deque or deque iterator owns.
///
/// # Safety
/// `h` is a live object of kind `kind`.
pub(crate) unsafe fn traverse(h: *const Header, kind: HeapKind, visit: &mut dyn FnMut(Obj)) {
    // SAFETY: forwarded contract; the kind says the layout.
    unsafe {
        if kind == HeapKind::Deque {
            for &x in &(*h.cast::<DequeObject>()).items {
                visit(x);
            }
        } else {
            visit((*h.cast::<DequeIterObject>()).deque);
        }
    }
}

/// Drops the references of an unreachable deque (its elements) or deque iterator (its deque,
/// replaced by None).
///
/// # Safety
/// `h` is a live object of kind `kind` the collector found unreachable.
pub(crate) unsafe fn clear(h: *mut Header, kind: HeapKind) {
    // SAFETY: forwarded contract; the fields are emptied before the references are dropped.
    unsafe {
        if kind == HeapKind::Deque {
            let p = h.cast::<DequeObject>();
            (*p).state = (*p).state.wrapping_add(1);
            release(core::mem::take(&mut (*p).items));
        } else {
            let p = h.cast::<DequeIterObject>();
            (*p).counter = 0;
            decref(core::mem::replace(&mut (*p).deque, singletons::none()));
        }
    }
}

/// Frees a deque or deque iterator.
///
/// # Safety
/// `h` is an object of kind `kind` with no reference left.
pub(crate) unsafe fn free(h: *mut Header, kind: HeapKind) {
    // SAFETY: forwarded contract: the fields are moved out, the block freed, then the
    // references dropped once each.
    unsafe {
        if kind == HeapKind::Deque {
            let items = core::ptr::read(&(*h.cast::<DequeObject>()).items);
            free_raw(h, Layout::new::<DequeObject>(), HeapKind::Deque);
            release(items);
        } else {
            let d = (*h.cast::<DequeIterObject>()).deque;
            free_raw(h, Layout::new::<DequeIterObject>(), HeapKind::DequeIterator);
            decref(d);
        }
    }
}
