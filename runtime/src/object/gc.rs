//! The cycle collector: CPython 3.11's generational trial deletion (`Modules/gcmodule.c`,
//! `Include/internal/pycore_gc.h`), so that containers that reference each other in a cycle
//! are freed although their counts never reach zero.
//!
//! **The invariant every runtime function relies on: a collection may run at any allocation
//! of an object of a container kind (`alloc::alloc_container`, for the kinds for which
//! [`HeapKind::is_gc`] holds; a tuple block reused from its free list is not one), and at an
//! explicit [`collect`] (`entry::finish`; `gc.collect()` later), and nowhere else. Therefore,
//! at every such allocation:**
//! - **every tracked object is fully initialised, and each reference its [`traverse`] visits is
//!   an owned (counted) reference to a live object** — a container whose items are being moved
//!   (list slice assignment, `list.pop`, a dict or set resize) is made consistent again before
//!   anything is allocated; a container is tracked ([`track`]) only once its fields are written
//!   (placeholders included: `molt_tuple_new` / `molt_list_new` fill their slots with the small
//!   int 0, which is no reference, so a tuple or list half filled by `molt_tuple_init` /
//!   `molt_list_init` is consistent at every step); a list being sorted is empty (its items are
//!   in the sort's own buffer);
//! - **every object a Rust frame uses must be kept alive by an owned reference that the frame
//!   or one of its callers holds, directly or through objects reachable from it** — the rule
//!   reference counting already imposes (a frame that borrows an item of a list it does not
//!   own and then drops the list's last reference would use freed memory with or without a
//!   collector); the collector adds no new case, because it frees only objects that no such
//!   reference reaches. References held outside tracked objects (Rust locals and vectors, the
//!   items taken out by a sort, generated code's variables, the pending exception, the
//!   handling stack, module variables, string literal slots, objects not yet tracked) are
//!   *external*: trial deletion cannot see them, so it keeps everything they reach alive;
//! - **no free is in progress**: the frees of `alloc::free_object` allocate nothing, so no
//!   collection starts while an object with a count of zero is still linked (a collection
//!   refuses to run while one is, as a guard: [`collect`] returns 0 then).
//!
//! An untracked container is invisible to collections (its references count as external
//! ones), so it must hold nothing that could close a cycle — else that cycle would leak (never
//! be freed wrongly): hence the tracking rules below.
//!
//! Relies on: `alloc` (every object of a container kind is allocated with a [`GcHead`] just
//! before its header, `HEAD_SIZE` bytes, and freed through `alloc::free_raw`, which untracks
//! it; a tuple block on the tuple free list keeps its head, untracked); each container kind's
//! module for its `traverse` (visit every reference it owns: CPython's `tp_traverse`) and
//! `clear` (drop them, leaving an object its `free` still frees: `tp_clear`); `tuple`'s static
//! empty tuple carrying an untracked head of its own (`EMPTY_TUPLE`, CPython's statically
//! allocated `()` has one too), the only static object of a container kind.
//!
//! Provides: [`GcHead`], [`track`], [`is_tracked`], [`collect`] (CPython's
//! `gc_collect_main`: one generation and the younger ones, returning how many unreachable
//! objects were freed: what `gc.collect()` will call), [`collect_all`], [`stats`]; for `alloc`:
//! `on_alloc` (CPython's `_PyObject_GC_Link`: the generation-0 count and the automatic
//! collections) and `on_free` (`PyObject_GC_Del`: untrack, uncount); for the containers'
//! modules: [`may_be_tracked`], `tracked_at`, `clear_slot`, [`collecting`]; [`set_threshold`] /
//! [`thresholds`] (`gc.set_threshold` / `gc.get_threshold`).
//!
//! The algorithm is CPython's, function by function: `update_refs` copies each tracked
//! object's count into its head (`gc_refs`), `subtract_refs` subtracts every reference from
//! one object of the generation to another (through `traverse`), so what remains counts the
//! references from outside; `move_unreachable` moves to an `unreachable` list every object not
//! reached from an object with outside references; `untrack_tuples` untracks the surviving
//! tuples that hold no container (`_PyTuple_MaybeUntrack`), and a full collection likewise
//! untracks the dicts that hold none (`untrack_dicts`); the survivors move to the next
//! generation; `delete_garbage` takes each unreachable object in turn, clears it (holding a
//! reference meanwhile) and lets reference counting free what that releases. No type has a
//! finaliser (`__del__`) or weak references yet (a suspended generator's `close()` runs when
//! reference counting frees it, never during a collection: [`collecting`]), so the unreachable set is freed whole and the
//! order of freeing is not observable.
//!
//! What is tracked: every object of a container kind from the end of its constructor until
//! it is freed, except those that cannot be part of a cycle, which stay untracked so that
//! neither their making and freeing nor the collections pay for them: a tuple holding no item
//! that may be (`may_be_tracked`; CPython tracks every tuple and untracks these at its next
//! collection), an iterator over such a tuple, and a dict holding no container (CPython's
//! lazily tracked dicts). Each becomes tracked when it gets such an item (`molt_tuple_init`,
//! `dict`'s `maintain_tracking`), and collections untrack the tuples (every collection) and
//! dicts (full ones) that no longer hold any.
//!
//! When (CPython's schedule): the generation-0 count is the number of container allocations
//! minus container frees since the last collection (a tuple block reused from its free list is
//! neither, as in CPython); when it exceeds 700 (`threshold0`), the
//! oldest generation whose count exceeds its threshold is collected with the younger ones
//! (generation 1's count is the collections of generation 0 since generation 1 was last
//! collected, threshold 10; generation 2's likewise, threshold 10), except that a full
//! collection runs only when the objects that reached generation 2 since the last full one
//! (`long_lived_pending`) exceed a quarter of those that survived it (`long_lived_total`):
//! CPython 3.11's rule, which keeps the cost amortised linear in allocations however many
//! containers stay alive. `entry::finish` runs one full collection more after the module's
//! variables are released, before the object report (CPython collects while it finalises).
//!
//! The lists are CPython's: circular, doubly linked through the heads, `next` 0 for an
//! untracked object; during a collection the low bits of `prev` carry a "collecting" flag and
//! then `gc_refs` (CPython's `_gc_prev` trick), and the low bit of `next` marks the unreachable
//! list; both are plain lists again before anything is freed. The state (three generations)
//! is process-wide in programs (single-threaded, as everything in the object model), per
//! thread in the unit tests (like the allocation counts: each test thread collects only its
//! own objects).

use core::cell::Cell;
use core::ptr::{self, null_mut};

use super::alloc::HeapKind;
use super::{Header, Obj, decref, incref};

/// CPython's `PyGC_Head`: the two words before every object of a container kind.
#[repr(C)]
pub struct GcHead {
    /// The next head of the list (0 while untracked; bit 0 marks the unreachable list during a
    /// collection).
    next: Cell<*mut GcHead>,
    /// The previous head (bit 1: collecting); during a collection, `gc_refs << 2`.
    prev: Cell<*mut GcHead>,
}

/// The bytes the head takes before an object's header.
pub const HEAD_SIZE: usize = core::mem::size_of::<GcHead>();

const _: () = {
    assert!(HEAD_SIZE == 16);
    assert!(core::mem::align_of::<GcHead>() == 8);
};

/// `NEXT_MASK_UNREACHABLE`.
const NEXT_MASK_UNREACHABLE: usize = 1;
/// `PREV_MASK_COLLECTING`.
const PREV_MASK_COLLECTING: usize = 2;
/// `_PyGC_PREV_SHIFT`.
const PREV_SHIFT: u32 = 2;
/// `_PyGC_PREV_MASK`.
const PREV_MASK: usize = usize::MAX << PREV_SHIFT;

impl GcHead {
    /// The head of an untracked object.
    pub const fn untracked() -> GcHead {
        GcHead {
            next: Cell::new(null_mut()),
            prev: Cell::new(null_mut()),
        }
    }

    /// An empty list whose head is at `at` (`gc_list_init`).
    const fn empty_list(at: *const GcHead) -> GcHead {
        GcHead {
            next: Cell::new(at.cast_mut()),
            prev: Cell::new(at.cast_mut()),
        }
    }

    fn next(&self) -> *mut GcHead {
        self.next.get()
    }

    fn set_next(&self, p: *mut GcHead) {
        self.next.set(p);
    }

    /// `_PyGCHead_PREV`.
    fn prev(&self) -> *mut GcHead {
        self.prev.get().map_addr(|a| a & PREV_MASK)
    }

    /// `_PyGCHead_SET_PREV`: the flags kept.
    fn set_prev(&self, p: *mut GcHead) {
        let flags = self.prev.get().addr() & !PREV_MASK;
        self.prev.set(p.map_addr(|a| a | flags));
    }

    fn is_collecting(&self) -> bool {
        self.prev.get().addr() & PREV_MASK_COLLECTING != 0
    }

    fn clear_collecting(&self) {
        self.prev
            .set(self.prev.get().map_addr(|a| a & !PREV_MASK_COLLECTING));
    }

    /// `gc_get_refs`.
    fn refs(&self) -> usize {
        self.prev.get().addr() >> PREV_SHIFT
    }

    /// `gc_set_refs`: the flags kept.
    fn set_refs(&self, refs: usize) {
        let flags = self.prev.get().addr() & !PREV_MASK;
        self.prev
            .set(ptr::without_provenance_mut(flags | refs << PREV_SHIFT));
    }

    /// `gc_reset_refs`: collecting, with `refs`.
    fn reset_refs(&self, refs: usize) {
        self.prev.set(ptr::without_provenance_mut(
            PREV_MASK_COLLECTING | refs << PREV_SHIFT,
        ));
    }

    /// `gc_decref`.
    fn decref(&self) {
        self.prev
            .set(self.prev.get().map_addr(|a| a - (1 << PREV_SHIFT)));
    }

    fn tracked(&self) -> bool {
        !self.next.get().is_null()
    }
}

/// The head of the object whose header is at `h`.
///
/// # Safety
/// `h` is an object of a container kind (allocated with a head, or the static empty tuple).
unsafe fn head_of(h: *const Header) -> *mut GcHead {
    // SAFETY: forwarded contract: the head is the `HEAD_SIZE` bytes before the header.
    unsafe { h.cast::<u8>().sub(HEAD_SIZE).cast::<GcHead>().cast_mut() }
}

/// The object whose head is `g`.
///
/// # Safety
/// `g` is the head of a live object.
unsafe fn object_of(g: *mut GcHead) -> Obj {
    // SAFETY: forwarded contract.
    unsafe { Obj::from_header(g.cast::<u8>().add(HEAD_SIZE).cast::<Header>()) }
}

/// The head of `o` if it is an object of a container kind (None for small ints and other
/// kinds).
fn head_if_gc(o: Obj) -> Option<*mut GcHead> {
    let h = o.header_ptr()?;
    if !o.type_of().heap?.is_gc() {
        return None;
    }
    // SAFETY: an object of a container kind has a head (a static one: the empty tuple's).
    Some(unsafe { head_of(h) })
}

/// Dereferences a head.
///
/// # Safety
/// `g` is a live head (an object's or a list's).
unsafe fn at<'a>(g: *mut GcHead) -> &'a GcHead {
    // SAFETY: forwarded contract.
    unsafe { &*g }
}

// --- list functions (CPython's gc_list_*) ---

/// `gc_list_init`.
///
/// # Safety (every list function)
/// The heads given are live and the lists well formed (no flags in the `next` words).
unsafe fn list_init(list: *mut GcHead) {
    // SAFETY: see above.
    unsafe {
        at(list).prev.set(list);
        at(list).next.set(list);
    }
}

unsafe fn list_is_empty(list: *mut GcHead) -> bool {
    // SAFETY: see `list_init`.
    unsafe { at(list).next() == list }
}

/// `gc_list_append`.
unsafe fn list_append(node: *mut GcHead, list: *mut GcHead) {
    // SAFETY: see `list_init`.
    unsafe {
        let last = at(list).prev.get();
        at(node).set_prev(last);
        at(last).set_next(node);
        at(node).set_next(list);
        at(list).prev.set(node);
    }
}

/// `gc_list_remove`: unlinked and marked untracked.
unsafe fn list_remove(node: *mut GcHead) {
    // SAFETY: see `list_init`.
    unsafe {
        let prev = at(node).prev();
        let next = at(node).next();
        at(prev).set_next(next);
        at(next).set_prev(prev);
        at(node).set_next(null_mut());
    }
}

/// `gc_list_move`: from its list to the end of `list`.
unsafe fn list_move(node: *mut GcHead, list: *mut GcHead) {
    // SAFETY: see `list_init`.
    unsafe {
        let from_prev = at(node).prev();
        let from_next = at(node).next();
        at(from_prev).set_next(from_next);
        at(from_next).set_prev(from_prev);
        let to_prev = at(list).prev.get();
        at(node).set_prev(to_prev);
        at(to_prev).set_next(node);
        at(list).prev.set(node);
        at(node).set_next(list);
    }
}

/// `gc_list_merge`: `from` appended to `to`, `from` left empty.
unsafe fn list_merge(from: *mut GcHead, to: *mut GcHead) {
    // SAFETY: see `list_init`.
    unsafe {
        if !list_is_empty(from) {
            let to_tail = at(to).prev();
            let from_head = at(from).next();
            let from_tail = at(from).prev();
            at(to_tail).set_next(from_head);
            at(from_head).set_prev(to_tail);
            at(from_tail).set_next(to);
            at(to).set_prev(from_tail);
        }
        list_init(from);
    }
}

/// `gc_list_size`.
unsafe fn list_size(list: *mut GcHead) -> usize {
    let mut n = 0;
    // SAFETY: see `list_init`.
    unsafe {
        let mut g = at(list).next();
        while g != list {
            n += 1;
            g = at(g).next();
        }
    }
    n
}

// --- the state ---

/// `NUM_GENERATIONS`.
pub const NUM_GENERATIONS: usize = 3;

/// CPython's default thresholds (`gc.get_threshold()`).
pub const THRESHOLDS: [isize; NUM_GENERATIONS] = [700, 10, 10];

/// One generation (`struct gc_generation`).
struct Generation {
    head: GcHead,
    /// A C int in CPython (`gc.set_threshold` accepts negative ones).
    threshold: Cell<isize>,
    /// Generation 0: container allocations minus frees since its last collection; the others:
    /// collections of the next younger generation since their own last collection.
    count: Cell<usize>,
}

/// CPython's `struct _gc_runtime_state` (the parts Molt uses).
pub struct GcState {
    generations: [Generation; NUM_GENERATIONS],
    /// Objects that survived the last full collection.
    long_lived_total: Cell<usize>,
    /// Objects that reached the oldest generation since the last full collection.
    long_lived_pending: Cell<usize>,
    /// True while a collection runs (none starts inside another).
    collecting: Cell<bool>,
    /// Automatic collections run (`gc.enable()` / `gc.disable()`).
    enabled: Cell<bool>,
    /// Collections of each generation, and the objects they freed.
    collections: [Cell<u64>; NUM_GENERATIONS],
    collected: [Cell<u64>; NUM_GENERATIONS],
    /// Tracked objects the collections examined (the work they did), in all.
    examined: Cell<u64>,
}

impl GcState {
    /// The state with its lists' heads at `heads` (each an empty list at its own address).
    const fn new(heads: [*const GcHead; NUM_GENERATIONS]) -> GcState {
        const fn generation(head: *const GcHead, threshold: isize) -> Generation {
            Generation {
                head: GcHead::empty_list(head),
                threshold: Cell::new(threshold),
                count: Cell::new(0),
            }
        }
        GcState {
            generations: [
                generation(heads[0], THRESHOLDS[0]),
                generation(heads[1], THRESHOLDS[1]),
                generation(heads[2], THRESHOLDS[2]),
            ],
            long_lived_total: Cell::new(0),
            long_lived_pending: Cell::new(0),
            collecting: Cell::new(false),
            enabled: Cell::new(true),
            collections: [const { Cell::new(0) }; NUM_GENERATIONS],
            collected: [const { Cell::new(0) }; NUM_GENERATIONS],
            examined: Cell::new(0),
        }
    }

    /// `GEN_HEAD(n)`.
    fn head(&self, n: usize) -> *mut GcHead {
        ptr::from_ref(&self.generations[n].head).cast_mut()
    }
}

#[cfg(not(test))]
mod state {
    use super::GcState;

    /// The state of the program (single-threaded, as the whole object model).
    pub struct Shared(pub GcState);

    // SAFETY: compiled programs are single-threaded (the object model's counts are not atomic
    // either); the state is only reached from the thread that runs the program.
    unsafe impl Sync for Shared {}

    pub static GC: Shared = Shared(GcState::new([
        &raw const GC.0.generations[0].head,
        &raw const GC.0.generations[1].head,
        &raw const GC.0.generations[2].head,
    ]));

    #[inline(always)]
    pub fn get() -> &'static GcState {
        &GC.0
    }
}

#[cfg(test)]
mod state {
    use super::{GcState, list_init};
    use std::boxed::Box;

    std::thread_local! {
        /// This thread's state (leaked: it must outlive every object the thread frees). The
        /// environment variable `MOLT_TEST_GC_THRESHOLD` sets generation 0's threshold (1: a
        /// collection at nearly every container allocation, a stress test of the invariant).
        static GC: &'static GcState = {
            let s: &'static GcState = Box::leak(Box::new(GcState::new([core::ptr::null(); 3])));
            for n in 0..super::NUM_GENERATIONS {
                // SAFETY: the head of a leaked state, never moved.
                unsafe { list_init(s.head(n)) };
            }
            if let Some(t) = std::env::var("MOLT_TEST_GC_THRESHOLD").ok().and_then(|v| v.parse().ok()) {
                s.generations[0].threshold.set(t);
            }
            s
        };
    }

    pub fn get() -> &'static GcState {
        GC.with(|s| *s)
    }
}

// --- tracking ---

/// `_PyObject_GC_TRACK`: links `o` into generation 0, where collections see it.
///
/// # Safety
/// `o` is a heap object of a container kind (allocated by `alloc_container`), untracked, whose every
/// field is initialised (its `traverse` may run from now on).
#[inline]
pub unsafe fn track(o: Obj) {
    let Some(h) = o.header_ptr() else { return };
    debug_assert!(o.type_of().heap.is_some_and(HeapKind::is_gc));
    // SAFETY: forwarded contract: `o` has a head, not in any list, with no flag in its `prev`
    // word (a new head is zeroed, `untrack` clears it), so plain stores link it.
    unsafe {
        let g = head_of(h);
        debug_assert!(!at(g).tracked() && at(g).prev.get().is_null());
        let list = state::get().head(0);
        let last = at(list).prev.get();
        at(g).prev.set(last);
        at(last).next.set(g);
        at(g).next.set(list);
        at(list).prev.set(g);
    }
}

/// `_PyObject_GC_UNTRACK`.
///
/// # Safety
/// `o` is a tracked heap object of a container kind, and no collection is running.
unsafe fn untrack(o: Obj) {
    // SAFETY: forwarded contract.
    unsafe {
        if let Some(g) = head_if_gc(o) {
            list_remove(g);
            // No flag is left (a collection must not take it for one of its own).
            at(g).prev.set(null_mut());
        }
    }
}

/// `_PyObject_GC_IS_TRACKED` (false for objects of other kinds and small ints).
pub fn is_tracked(o: Obj) -> bool {
    // SAFETY: a head of a live object of a container kind.
    head_if_gc(o).is_some_and(|g| unsafe { at(g).tracked() })
}

/// [`is_tracked`] of the object whose header is at `h`, known to be of a container kind.
///
/// # Safety
/// `h` is a live heap object of a container kind.
#[inline]
pub(crate) unsafe fn tracked_at(h: *const Header) -> bool {
    // SAFETY: forwarded contract.
    unsafe { at(head_of(h)).tracked() }
}

/// `_PyObject_GC_MAY_BE_TRACKED`: `o` is of a container kind and is tracked, or may be
/// tracked later (any container but a tuple: a tuple once untracked holds no container and
/// never changes; an untracked dict is tracked again when it gets one).
#[inline]
pub fn may_be_tracked(o: Obj) -> bool {
    let Some(h) = o.header_ptr() else { return false };
    // One bit test rejects every other kind (strs, ints, floats, static objects: the common
    // items of tuples built one item at a time).
    let code = match o.type_of().heap {
        Some(kind) => kind as u32,
        None => 63,
    };
    if super::alloc::GC_KINDS >> code & 1 == 0 {
        return false;
    }
    // SAFETY: a live object of a container kind.
    code != HeapKind::Tuple as u32 || unsafe { tracked_at(h) }
}

/// A container was allocated (`_PyObject_GC_Link`): counts it and runs the collections that
/// are due (see the module doc).
#[inline]
pub(crate) fn on_alloc() {
    let st = state::get();
    let g0 = &st.generations[0];
    let c = g0.count.get() + 1;
    g0.count.set(c);
    #[allow(clippy::cast_possible_wrap)]
    if c as isize > g0.threshold.get() {
        collect_generations(st);
    }
}

/// A container is being freed (`PyObject_GC_Del`): unlinked if it is still tracked, and
/// uncounted.
///
/// # Safety
/// `h` is the header of an object of a container kind with no reference left.
#[inline]
pub(crate) unsafe fn on_free(h: *const Header) {
    // SAFETY: forwarded contract.
    unsafe { unlink_dead(h) };
    let g0 = &state::get().generations[0];
    let c = g0.count.get();
    g0.count.set(c - usize::from(c > 0));
}

/// Unlinks a dead container from its list if it is tracked (its head is left as it is: the
/// block is freed, or kept on a tuple free list, whose taker writes a new head).
///
/// # Safety
/// `h` is the header of an object of a container kind with no reference left.
#[inline]
pub(crate) unsafe fn unlink_dead(h: *const Header) {
    // SAFETY: forwarded contract; its neighbours are live heads (or a list's). No collection
    // is examining the lists (none runs while a free does, and `delete_garbage` frees only
    // when its lists are plain lists again), so the neighbour's `prev` word holds no gc_refs;
    // its "collecting" flag, if set (an unreachable neighbour in `delete_garbage`), is no
    // longer read by then, so a plain store may drop it.
    unsafe {
        let g = head_of(h);
        let next = at(g).next();
        if !next.is_null() {
            let prev = at(g).prev();
            at(prev).next.set(next);
            at(next).prev.set(prev);
        }
    }
}

/// `gc_collect_generations`: the oldest generation whose count exceeds its threshold, with
/// the younger ones (a full collection only past the 25% rule).
#[cold]
#[inline(never)]
fn collect_generations(st: &GcState) {
    if st.collecting.get() || st.generations[0].threshold.get() == 0 || !st.enabled.get() {
        return;
    }
    for i in (0..NUM_GENERATIONS).rev() {
        let g = &st.generations[i];
        #[allow(clippy::cast_possible_wrap)]
        if g.count.get() as isize > g.threshold.get() {
            if i == NUM_GENERATIONS - 1
                && st.long_lived_pending.get() < st.long_lived_total.get() / 4
            {
                continue;
            }
            collect(i);
            break;
        }
    }
}

/// Collects generation `generation` (0, 1 or 2; larger means 2) and the younger ones
/// (CPython's `gc_collect_main`); returns how many unreachable objects were found and freed.
/// Returns 0 without collecting while a collection or a free is running.
pub fn collect(generation: usize) -> usize {
    let st = state::get();
    if st.collecting.get() || super::alloc::free_in_progress() {
        return 0;
    }
    let generation = generation.min(NUM_GENERATIONS - 1);
    st.collecting.set(true);
    // SAFETY: not re-entered (the flag); every tracked object is initialised and counted (the
    // module's invariant).
    let n = unsafe { collect_main(st, generation) };
    st.collecting.set(false);
    n
}

/// True while a collection runs (a generator freed then does not run its `close()`: see
/// `generator`).
pub(crate) fn collecting() -> bool {
    state::get().collecting.get()
}

/// A full collection (`gc.collect()`).
pub fn collect_all() -> usize {
    collect(NUM_GENERATIONS - 1)
}

/// `gc.set_threshold`: generation `generation`'s threshold (0 for generation 0 stops the
/// automatic collections).
pub fn set_threshold(generation: usize, threshold: isize) {
    if let Some(g) = state::get().generations.get(generation) {
        g.threshold.set(threshold);
    }
}

/// `gc.enable()` / `gc.disable()`: whether automatic collections run.
pub fn set_enabled(enabled: bool) {
    state::get().enabled.set(enabled);
}

/// `gc.isenabled()`.
pub fn is_enabled() -> bool {
    state::get().enabled.get()
}

/// `gc.get_threshold()`.
pub fn thresholds() -> [isize; NUM_GENERATIONS] {
    let st = state::get();
    core::array::from_fn(|i| st.generations[i].threshold.get())
}

/// What the collector did so far (this thread's in the unit tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct GcStats {
    /// Collections of each generation.
    pub collections: [u64; NUM_GENERATIONS],
    /// Unreachable objects each generation's collections freed.
    pub collected: [u64; NUM_GENERATIONS],
    /// `gc.get_count()`.
    pub count: [usize; NUM_GENERATIONS],
    /// Objects tracked now, in each generation.
    pub tracked: [usize; NUM_GENERATIONS],
    /// Tracked objects the collections examined, in all (their cost).
    pub examined: u64,
}

/// The collector's statistics (walks the lists: for tests and reports).
pub fn stats() -> GcStats {
    let st = state::get();
    let mut s = GcStats::default();
    for i in 0..NUM_GENERATIONS {
        s.collections[i] = st.collections[i].get();
        s.collected[i] = st.collected[i].get();
        s.count[i] = st.generations[i].count.get();
        // SAFETY: outside a collection the lists are well formed.
        s.tracked[i] = if st.collecting.get() { 0 } else { unsafe { list_size(st.head(i)) } };
    }
    s.examined = st.examined.get();
    s
}

// --- the collection ---

/// `gc_collect_main`.
///
/// # Safety
/// Called only by [`collect`].
unsafe fn collect_main(st: &GcState, generation: usize) -> usize {
    if generation + 1 < NUM_GENERATIONS {
        let c = &st.generations[generation + 1].count;
        c.set(c.get() + 1);
    }
    for i in 0..=generation {
        st.generations[i].count.set(0);
    }
    // SAFETY (the rest): the generations' lists are well formed; the unreachable list's head
    // lives on this frame until the collection ends.
    unsafe {
        for i in 0..generation {
            list_merge(st.head(i), st.head(generation));
        }
        let young = st.head(generation);
        let old = if generation + 1 < NUM_GENERATIONS {
            st.head(generation + 1)
        } else {
            young
        };
        let unreachable_head = GcHead::untracked();
        let unreachable = ptr::from_ref(&unreachable_head).cast_mut();
        list_init(unreachable);
        let examined = deduce_unreachable(young, unreachable);
        st.examined.set(st.examined.get() + examined as u64);
        untrack_tuples(young);
        if young != old {
            if generation == NUM_GENERATIONS - 2 {
                st.long_lived_pending
                    .set(st.long_lived_pending.get() + list_size(young));
            }
            list_merge(young, old);
        } else {
            // Dicts only in full collections, to avoid quadratic dict build-up (CPython's
            // issue #14775).
            untrack_dicts(young);
            st.long_lived_pending.set(0);
            st.long_lived_total.set(list_size(young));
        }
        // No finalisers or weak references: every unreachable object is garbage.
        clear_unreachable_mask(unreachable);
        let m = list_size(unreachable);
        delete_garbage(unreachable, old);
        st.collections[generation].set(st.collections[generation].get() + 1);
        st.collected[generation].set(st.collected[generation].get() + m as u64);
        m
    }
}

/// `deduce_unreachable`: `update_refs`, `subtract_refs`, `move_unreachable`; returns how many
/// objects `base` held.
///
/// # Safety
/// `base` and `unreachable` are well-formed lists, `unreachable` empty.
unsafe fn deduce_unreachable(base: *mut GcHead, unreachable: *mut GcHead) -> usize {
    // SAFETY: forwarded contract.
    unsafe {
        let n = update_refs(base);
        subtract_refs(base);
        move_unreachable(base, unreachable);
        n
    }
}

/// `update_refs`: each object's `gc_refs` is its count, and it is marked collecting; returns
/// how many there are.
unsafe fn update_refs(containers: *mut GcHead) -> usize {
    let mut n = 0;
    // SAFETY: a well-formed list of live objects.
    unsafe {
        let mut g = at(containers).next();
        while g != containers {
            let rc = object_of(g).refcount().unwrap_or(0);
            debug_assert!(rc > 0, "a tracked object with a count of {rc}");
            at(g).reset_refs(rc.max(0) as usize);
            n += 1;
            g = at(g).next();
        }
    }
    n
}

/// `subtract_refs`: the references between objects of the generation are subtracted.
unsafe fn subtract_refs(containers: *mut GcHead) {
    let mut visit_decref = |o: Obj| {
        if let Some(g) = head_if_gc(o) {
            // SAFETY: the head of a live object (the `Obj` invariant).
            let g = unsafe { at(g) };
            // Only objects of the generations collected are collecting.
            if g.is_collecting() {
                debug_assert!(g.refs() > 0, "a count too small");
                g.decref();
            }
        }
    };
    // SAFETY: a well-formed list (its `next` words untouched by `update_refs`).
    unsafe {
        let mut g = at(containers).next();
        while g != containers {
            traverse(object_of(g), &mut visit_decref);
            g = at(g).next();
        }
    }
}

/// `visit_reachable`: `o`, referenced by an object known reachable, is reachable too.
///
/// # Safety
/// During `move_unreachable` of `young`.
unsafe fn visit_reachable(o: Obj, young: *mut GcHead) {
    let Some(g) = head_if_gc(o) else { return };
    // SAFETY: the head of a live object; the lists as `move_unreachable` keeps them.
    unsafe {
        let gh = at(g);
        // Objects of other generations, and those already scanned, are not collecting.
        if !gh.is_collecting() {
            return;
        }
        let refs = gh.refs();
        if gh.next().addr() & NEXT_MASK_UNREACHABLE != 0 {
            // It was moved to the unreachable list with gc_refs 0, but is reachable after all:
            // back to young, where the scan will get to it again. Unlinked by hand: the
            // unreachable list's `next` words carry the flag.
            let prev = gh.prev();
            let next = gh.next().map_addr(|a| a & !NEXT_MASK_UNREACHABLE);
            at(prev).set_next(gh.next()); // the flag copied
            at(next).set_prev(prev);
            list_append(g, young);
            gh.set_refs(1);
        } else if refs == 0 {
            // In young, not scanned yet: the scan will know it is reachable.
            gh.set_refs(1);
        }
        // Else in young with gc_refs > 0: the scan will get to it.
    }
}

/// `move_unreachable`: every object of `young` not reachable from one with outside references
/// moves to `unreachable` (whose `next` words keep `NEXT_MASK_UNREACHABLE` until
/// [`clear_unreachable_mask`]); `young`'s `prev` words are pointers again and its objects no
/// longer collecting.
unsafe fn move_unreachable(young: *mut GcHead, unreachable: *mut GcHead) {
    // SAFETY: `young` after `subtract_refs` (its `prev` words hold gc_refs), `unreachable` an
    // empty list; the steps are CPython's.
    unsafe {
        let mut prev = young;
        let mut g = at(young).next();
        while g != young {
            if at(g).refs() > 0 {
                // Reachable: its references are reachable too (this may append to young, so
                // the next object is read only afterwards).
                traverse(object_of(g), &mut |o| visit_reachable(o, young));
                at(g).set_prev(prev);
                at(g).clear_collecting();
                prev = g;
            } else {
                // Maybe unreachable: moved for now (young is singly linked meanwhile).
                at(prev).set_next(at(g).next());
                let last = at(unreachable).prev();
                at(last).set_next(g.map_addr(|a| a | NEXT_MASK_UNREACHABLE));
                at(g).set_prev(last);
                at(g).set_next(unreachable.map_addr(|a| a | NEXT_MASK_UNREACHABLE));
                at(unreachable).set_prev(g);
            }
            g = at(prev).next();
        }
        at(young).prev.set(prev);
        let n = at(unreachable).next();
        at(unreachable).set_next(n.map_addr(|a| a & !NEXT_MASK_UNREACHABLE));
    }
}

/// `clear_unreachable_mask`: the unreachable list is a plain list again.
unsafe fn clear_unreachable_mask(unreachable: *mut GcHead) {
    // SAFETY: the list `move_unreachable` built.
    unsafe {
        let mut g = at(unreachable).next();
        while g != unreachable {
            let next = at(g).next().map_addr(|a| a & !NEXT_MASK_UNREACHABLE);
            at(g).set_next(next);
            g = next;
        }
    }
}

/// `untrack_tuples`: the tuples of `head` that hold no container are untracked (not the
/// instances of a class deriving from tuple, whose `__dict__` may come at any time).
unsafe fn untrack_tuples(head: *mut GcHead) {
    // SAFETY: forwarded contract; a tuple's items are initialised.
    unsafe {
        untrack_where(head, HeapKind::Tuple, |h| {
            super::tuple::extra_offset(h).is_some() || super::tuple::items_of(h).iter().any(|&x| may_be_tracked(x))
        });
    }
}

/// `untrack_dicts`: the dicts of `head` that hold no container are untracked (they are tracked
/// again when they get one: `dict`'s `maintain_tracking`).
unsafe fn untrack_dicts(head: *mut GcHead) {
    // SAFETY: forwarded contract.
    unsafe { untrack_where(head, HeapKind::Dict, |h| super::dict::may_hold_container(h)) }
}

/// Untracks the objects of kind `kind` in list `head` for which `holds_container` is false.
///
/// # Safety
/// `head` is a well-formed list of live objects; `holds_container` may read any live object
/// of kind `kind`.
unsafe fn untrack_where(head: *mut GcHead, kind: HeapKind, holds_container: impl Fn(*const Header) -> bool) {
    // SAFETY: a well-formed list of live objects.
    unsafe {
        let mut g = at(head).next();
        while g != head {
            let next = at(g).next();
            let o = object_of(g);
            if o.type_of().heap == Some(kind)
                && let Some(h) = o.header_ptr()
                && !holds_container(h)
            {
                untrack(o);
            }
            g = next;
        }
    }
}

/// `delete_garbage`: each unreachable object in turn is cleared (with a reference held
/// meanwhile), which frees it and whatever it alone kept; one that survives (none should)
/// moves to `old`.
unsafe fn delete_garbage(collectable: *mut GcHead, old: *mut GcHead) {
    // SAFETY: a plain list of live unreachable objects; freeing one unlinks it (`on_free`).
    unsafe {
        while !list_is_empty(collectable) {
            let g = at(collectable).next();
            let o = object_of(g);
            debug_assert!(o.refcount().unwrap_or(0) > 0, "a count too small");
            incref(o);
            clear(o);
            decref(o);
            if at(collectable).next() == g {
                at(g).clear_collecting();
                list_move(g, old);
            }
        }
    }
}

// --- the kinds' traverse and clear ---

/// CPython's `tp_traverse`: calls `visit` on every reference `o` owns. The kinds that hold many
/// references (tuples, lists, dicts, sets) get the visitor inlined into their loops; the others
/// (a few references each) call it through a `dyn` reference, which keeps the code small.
///
/// # Safety
/// `o` is a live object of a container kind, initialised.
unsafe fn traverse(o: Obj, visit: &mut impl FnMut(Obj)) {
    use super::{builtins_iter, dict, dict_views, exception, function, iter, list, map_filter, set, tuple};
    let Some(h) = o.header_ptr() else { return };
    let few: &mut dyn FnMut(Obj) = visit;
    // SAFETY (each arm): forwarded contract; the kind says how the object is laid out.
    unsafe {
        match o.type_of().heap {
            Some(HeapKind::Tuple) => tuple::traverse(h, visit),
            Some(HeapKind::List) => list::traverse(h, visit),
            Some(HeapKind::Dict) => dict::traverse(h, visit),
            Some(HeapKind::Set | HeapKind::FrozenSet) => set::traverse(h, visit),
            Some(HeapKind::SetIterator) => set::traverse_iter(h, few),
            Some(HeapKind::TupleIterator | HeapKind::ListIterator) => iter::traverse(h, few),
            Some(HeapKind::Enumerate) => builtins_iter::traverse_enumerate(h, few),
            Some(HeapKind::Zip) => builtins_iter::traverse_zip(h, few),
            Some(HeapKind::Reversed | HeapKind::ListReverseIterator) => {
                builtins_iter::traverse_reversed(h, few)
            }
            Some(HeapKind::DictKeys | HeapKind::DictValues | HeapKind::DictItems) => {
                dict_views::traverse_view(h, few)
            }
            Some(
                HeapKind::DictKeyIterator | HeapKind::DictValueIterator | HeapKind::DictItemIterator,
            ) => dict_views::traverse_iter(h, few),
            Some(HeapKind::Function) => function::traverse(h, few),
            Some(HeapKind::Cell) => function::traverse_cell(h, few),
            Some(HeapKind::Map | HeapKind::Filter) => map_filter::traverse(h, few),
            Some(HeapKind::Exception) => exception::traverse(h, few),
            Some(HeapKind::Class) => super::class::traverse(h, few),
            Some(HeapKind::Instance) => super::instance::traverse(h, few),
            Some(
                kind @ (HeapKind::BoundMethod
                | HeapKind::BuiltinMethod
                | HeapKind::StaticMethod
                | HeapKind::ClassMethod
                | HeapKind::Property),
            ) => super::descr::traverse(h, kind, few),
            Some(HeapKind::Super) => super::super_::traverse(h, few),
            Some(HeapKind::SeqIterator) => super::slots::traverse_seq_iter(h, few),
            Some(HeapKind::Module) => super::module::traverse(h, few),
            Some(HeapKind::TypingAlias) => super::typing::traverse_alias(h, few),
            Some(HeapKind::Itertools) => super::itertools::traverse(h, few),
            Some(HeapKind::Slice) => super::slice_obj::traverse(h, few),
            Some(kind @ (HeapKind::DictExt | HeapKind::Deque | HeapKind::DequeIterator | HeapKind::Functools | HeapKind::Operator)) => {
                if let Some(k) = super::module_kinds::hooks(kind) {
                    (k.traverse)(h, kind, few)
                }
            }
            Some(HeapKind::Generator) => {
                if let Some(g) = super::generator::hooks() {
                    (g.traverse)(h, few)
                }
            }
            Some(
                HeapKind::Int
                | HeapKind::Float
                | HeapKind::Str
                | HeapKind::StrAsciiIterator
                | HeapKind::StrIterator
                | HeapKind::Bytes
                | HeapKind::BytesIterator
                | HeapKind::Range
                | HeapKind::RangeIterator
                | HeapKind::LongRangeIterator
                | HeapKind::Object
                | HeapKind::TypeVar
                | HeapKind::Random
                | HeapKind::File
                | HeapKind::StringIo
                | HeapKind::Re
                | HeapKind::StrBuilder,
            )
            | None => {}
        }
    }
}

/// CPython's `tp_clear`: drops every reference `o` owns, leaving an object its kind's `free`
/// still frees (only unreachable objects are cleared: nothing observes them afterwards).
///
/// Like [`traverse`], it dispatches on the heap kind and reaches the objects through their
/// headers only, never through a type check that names a type object: a type object
/// references all its slots and methods, and every program links the collector (its final
/// collection), so naming one here would link, say, all of list's methods into `fib.py`.
///
/// # Safety
/// `o` is a live, unreachable object of a container kind.
unsafe fn clear(o: Obj) {
    use super::{builtins_iter, dict, dict_views, exception, function, iter, list, map_filter, set, tuple};
    let Some(h) = o.header_ptr() else { return };
    let h = h.cast_mut();
    // SAFETY (each arm): forwarded contract; the kind says how the object is laid out.
    unsafe {
        match o.type_of().heap {
            Some(HeapKind::Tuple) => tuple::clear_items(h),
            Some(HeapKind::List) => {
                list::clear_at(h);
                if super::class::is_heap((*h).ty) {
                    super::builtin_sub::clear_extra(h, core::mem::size_of::<list::ListObject>());
                }
            }
            Some(HeapKind::Dict) => dict::clear_at(h),
            Some(HeapKind::Set | HeapKind::FrozenSet) => set::clear_unreachable(h),
            Some(HeapKind::SetIterator) => set::clear_iter(h),
            Some(HeapKind::TupleIterator | HeapKind::ListIterator) => iter::clear(h),
            Some(HeapKind::Enumerate) => builtins_iter::clear_enumerate(h),
            Some(HeapKind::Zip) => builtins_iter::clear_zip(h),
            Some(HeapKind::Reversed | HeapKind::ListReverseIterator) => {
                builtins_iter::clear_reversed(h)
            }
            Some(HeapKind::DictKeys | HeapKind::DictValues | HeapKind::DictItems) => {
                dict_views::clear_view(h)
            }
            Some(
                HeapKind::DictKeyIterator | HeapKind::DictValueIterator | HeapKind::DictItemIterator,
            ) => dict_views::clear_iter(h),
            Some(HeapKind::Function) => function::clear(h),
            Some(HeapKind::Cell) => function::clear_cell(h),
            Some(HeapKind::Map | HeapKind::Filter) => map_filter::clear(h),
            Some(HeapKind::Exception) => exception::clear(h),
            Some(HeapKind::Class) => super::class::clear(h),
            Some(HeapKind::Instance) => super::instance::clear(h),
            Some(
                kind @ (HeapKind::BoundMethod
                | HeapKind::BuiltinMethod
                | HeapKind::StaticMethod
                | HeapKind::ClassMethod
                | HeapKind::Property),
            ) => super::descr::clear(h, kind),
            Some(HeapKind::Super) => super::super_::clear(h),
            Some(HeapKind::SeqIterator) => super::slots::clear_seq_iter(h),
            Some(HeapKind::Module) => super::module::clear(h),
            Some(HeapKind::TypingAlias) => super::typing::clear_alias(h),
            Some(HeapKind::Itertools) => super::itertools::clear(h),
            Some(HeapKind::Slice) => super::slice_obj::clear(h),
            Some(kind @ (HeapKind::DictExt | HeapKind::Deque | HeapKind::DequeIterator | HeapKind::Functools | HeapKind::Operator)) => {
                if let Some(k) = super::module_kinds::hooks(kind) {
                    (k.clear)(h, kind)
                }
            }
            Some(HeapKind::Generator) => {
                if let Some(g) = super::generator::hooks() {
                    (g.clear)(h)
                }
            }
            Some(
                HeapKind::Int
                | HeapKind::Float
                | HeapKind::Str
                | HeapKind::StrAsciiIterator
                | HeapKind::StrIterator
                | HeapKind::Bytes
                | HeapKind::BytesIterator
                | HeapKind::Range
                | HeapKind::RangeIterator
                | HeapKind::LongRangeIterator
                | HeapKind::Object
                | HeapKind::TypeVar
                | HeapKind::Random
                | HeapKind::File
                | HeapKind::StringIo
                | HeapKind::Re
                | HeapKind::StrBuilder,
            )
            | None => {}
        }
    }
}

/// Drops the reference in `slot`, leaving the small int 0 (no reference) there: a `clear`'s
/// step for a field that must hold some word.
///
/// # Safety
/// `slot` holds an owned reference (or a small int) of an unreachable object.
pub(crate) unsafe fn clear_slot(slot: *mut Obj) {
    // SAFETY: forwarded contract.
    unsafe {
        let old = slot.replace(Obj::default());
        decref(old);
    }
}
