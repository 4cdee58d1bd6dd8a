//! Small blocks for the global allocator: CPython's pymalloc idea (`Objects/obmalloc.c`) in
//! its plainest form. Nearly every allocation a program makes is a small object (an int, a str
//! of a few characters, a tuple, a float, an iterator) or a small buffer, allocated and freed at
//! a high rate; libc's malloc spends 100 to 150 instructions on each malloc/free pair, this
//! about 20.
//!
//! Relies on: `sys` for the pools' memory (`sys::pool_memory`: arenas of [`POOL`]-aligned
//! memory from libc, never returned; after the first, in transparent huge pages) and for [`Global`] (the state, exclusive per access).
//!
//! Provides: [`class_of`] (whether a layout is small, and its size class), [`alloc`] and
//! [`dealloc`] (a block of a class), [`class_of_block`] (the class of a block given out).
//!
//! Invariants: a small layout has a size of 1 to [`MAX_SMALL`] bytes and an alignment of at most
//! 16; its class `k` gives blocks of `(k + 1) * 16` bytes, 16-aligned. Blocks come from *pools*
//! of [`POOL`] bytes aligned to [`POOL`], each serving one class: the pool's first 16 bytes say
//! which, and the blocks follow. A block is either given out or on its class's free list
//! (linked through its first word), never both; a freed block goes back to the list of the
//! class its pool says (so a caller's layout only needs to be small, not exact, when it frees).
//! Pools are never returned to libc: a program's small-object memory stays at its peak, as
//! with pymalloc's arenas that are not entirely free (memory in the free lists is reused by later
//! allocations of the same class). Each list and each pool's bump pointer are reached only
//! inside one [`Global::with`], which does not re-enter the allocator.

use crate::sys::Global;

/// The largest small block (CPython's `SMALL_REQUEST_THRESHOLD`).
pub const MAX_SMALL: usize = 512;
/// Size classes, 16 bytes apart.
const CLASSES: usize = MAX_SMALL / 16;
/// A pool's size and alignment.
pub const POOL: usize = 16 * 1024;
/// The memory asked of libc for the first arena: 64 pools (1 MiB), in ordinary pages, so that
/// a small program's memory stays small.
const FIRST_ARENA: usize = 64 * POOL;
/// The memory asked of libc for each later arena: 128 pools (2 MiB, aligned to 2 MiB), backed
/// by a transparent huge page where the kernel has them (decisions/0060: a program that makes
/// millions of objects takes a page fault per 2 MiB instead of per 4 KiB; strbuild's system
/// time 11.0 -> 5.3 ms).
const ARENA: usize = 128 * POOL;
/// Where a pool's first block starts (after the word that names the class).
const POOL_HEADER: usize = 16;

struct Pools {
    /// Each class's free blocks, linked through their first word.
    free: [*mut u8; CLASSES],
    /// Each class's current pool: its next never-used block and its end.
    bump: [(*mut u8, *mut u8); CLASSES],
    /// Every pool made, linked through the second word of its header (so that leak checkers
    /// see them reachable).
    pools: *mut u8,
    /// The current arena: its next unused pool and its end.
    arena: (*mut u8, *mut u8),
}

// SAFETY: the pointers are into pools only this module reaches, always under `Global::with`.
unsafe impl Send for Pools {}

static POOLS: Global<Pools> = Global::new(Pools {
    free: [core::ptr::null_mut(); CLASSES],
    bump: [(core::ptr::null_mut(), core::ptr::null_mut()); CLASSES],
    pools: core::ptr::null_mut(),
    arena: (core::ptr::null_mut(), core::ptr::null_mut()),
});

/// The class of a layout of `size` bytes aligned to `align`, if it is small.
#[inline(always)]
pub fn class_of(size: usize, align: usize) -> Option<usize> {
    if size == 0 || size > MAX_SMALL || align > 16 {
        return None;
    }
    Some((size - 1) / 16)
}

/// A block of class `class` (< `CLASSES`), or null when no pool could be made.
///
/// # Safety
/// `class` came from [`class_of`].
#[inline]
pub unsafe fn alloc(class: usize) -> *mut u8 {
    POOLS.with(|p| {
        let head = p.free[class];
        if !head.is_null() {
            // SAFETY: a free block's first word links the next one.
            p.free[class] = unsafe { head.cast::<*mut u8>().read() };
            return head;
        }
        let size = (class + 1) * 16;
        let (next, end) = p.bump[class];
        if (end as usize).wrapping_sub(next as usize) >= size && !next.is_null() {
            // SAFETY: `next..next + size` lies within the class's current pool.
            p.bump[class] = (unsafe { next.add(size) }, end);
            return next;
        }
        // SAFETY: `class` is a class; `new_pool` writes its header.
        unsafe { new_pool(p, class, size) }
    })
}

/// A new pool for `class`, whose first block it returns (null when libc has no memory).
///
/// # Safety
/// `size` is the class's block size.
#[cold]
unsafe fn new_pool(p: &mut Pools, class: usize, size: usize) -> *mut u8 {
    if p.arena.0.is_null() || p.arena.0 == p.arena.1 {
        // A new arena of pools: libc's block (its pages are resident only once a pool in them
        // is used); the first in ordinary pages, later ones in huge pages.
        let first = p.pools.is_null();
        let (size, align) = if first { (FIRST_ARENA, POOL) } else { (ARENA, ARENA) };
        let a = crate::sys::pool_memory(size, align, !first);
        if a.is_null() {
            return a;
        }
        // SAFETY: the arena's end.
        p.arena = (a, unsafe { a.add(size) });
    }
    let pool = p.arena.0;
    // SAFETY: `pool..pool + POOL` lies within the arena.
    p.arena.0 = unsafe { pool.add(POOL) };
    // SAFETY: a fresh block of `POOL` bytes: the header's two words, then blocks.
    unsafe {
        pool.cast::<usize>().write(class);
        pool.cast::<*mut u8>().add(1).write(p.pools);
        p.pools = pool;
        let first = pool.add(POOL_HEADER);
        p.bump[class] = (first.add(size), pool.add(POOL));
        first
    }
}

/// The class of the pool `ptr` (a block [`alloc`] gave out) belongs to.
///
/// # Safety
/// `ptr` came from [`alloc`].
#[inline(always)]
pub unsafe fn class_of_block(ptr: *mut u8) -> usize {
    let pool = (ptr as usize) & !(POOL - 1);
    // SAFETY: the pool's header, written when the pool was made.
    unsafe { (pool as *const usize).read() }
}

/// Returns a block to its class's free list.
///
/// # Safety
/// `ptr` came from [`alloc`] and is not used again.
#[inline]
pub unsafe fn dealloc(ptr: *mut u8) {
    // SAFETY: forwarded contract.
    let class = unsafe { class_of_block(ptr) };
    POOLS.with(|p| {
        // SAFETY: the block is ours again: its first word links the list.
        unsafe { ptr.cast::<*mut u8>().write(p.free[class]) };
        p.free[class] = ptr;
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(class_of(1, 1), Some(0));
        assert_eq!(class_of(16, 8), Some(0));
        assert_eq!(class_of(17, 8), Some(1));
        assert_eq!(class_of(512, 16), Some(31));
        assert_eq!(class_of(513, 8), None);
        assert_eq!(class_of(0, 1), None);
        assert_eq!(class_of(64, 32), None);
    }

    #[test]
    fn blocks_are_distinct_aligned_and_reused() {
        // SAFETY: blocks of classes from `class_of`, written within their size, freed once.
        unsafe {
            let k = class_of(48, 8).unwrap();
            let blocks: alloc::vec::Vec<*mut u8> = (0..2000).map(|_| alloc(k)).collect();
            for (i, &b) in blocks.iter().enumerate() {
                assert_eq!(b as usize % 16, 0);
                assert_eq!(class_of_block(b), k);
                b.write_bytes(i as u8, 48);
            }
            let mut sorted = blocks.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), blocks.len());
            for (i, &b) in blocks.iter().enumerate() {
                assert_eq!(b.add(47).read(), i as u8);
            }
            for &b in &blocks {
                dealloc(b);
            }
            // Freed blocks are handed out again (this thread may share the lists with others
            // in the test harness, so only some of them need come back).
            let again: alloc::vec::Vec<*mut u8> = (0..2000).map(|_| alloc(k)).collect();
            assert!(again.iter().any(|b| blocks.contains(b)));
            for &b in &again {
                dealloc(b);
            }
        }
    }
}
