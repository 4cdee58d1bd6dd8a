//! Microbenchmarks of three boxed-value representations (decisions/0011).
//!
//!   cargo run --release -- [--rounds R] [--n N]
//!
//! Every (benchmark, candidate) pair is timed once per round, in an order rotated each round so
//! that load from other processes spreads over all candidates; the table gives the median and the
//! min–max over the rounds, in nanoseconds per operation (per `+`, or per copy+drop for d).

mod common;
mod nanbox;
mod ptr;
mod tagged;

use common::*;
use std::hint::black_box;
use std::time::Instant;

// ---------------------------------------------------------------------------------------------
// The benchmarks, generic over the representation. Each is one out-of-line function per
// candidate; the fast paths of `add`/`incref`/`decref` inline into it, as in generated code.

/// a: `x = 0; for i in range(n): x = x + i`
#[inline(never)]
fn int_range<R: Repr>(n: i64) -> Num {
    let mut x = R::box_int(0);
    for i in 0..n {
        let t = R::box_int(i);
        let s = R::add(x, t);
        R::decref(t);
        R::decref(x);
        x = s;
    }
    let r = R::to_num(x);
    R::decref(x);
    r
}

/// b: `x = 0.0; for i in range(n): x = x + float(i)`
#[inline(never)]
fn float_range<R: Repr>(n: i64) -> Num {
    let mut x = R::box_float(0.0);
    for i in 0..n {
        let t = R::box_float(i as f64);
        let s = R::add(x, t);
        R::decref(t);
        R::decref(x);
        x = s;
    }
    let r = R::to_num(x);
    R::decref(x);
    r
}

/// a', b': `x = 0 (or 0.0); for _ in range(passes): for v in lst: x = x + v` — the values are
/// read from a list of boxed values; the iterator hands out a new reference (incref) that the
/// rebinding of `v` drops (decref), as in CPython.
#[inline(never)]
fn list_sum<R: Repr>(list: &[R::V], passes: u32, zero: R::V) -> Num {
    let mut x = zero;
    R::incref(x);
    for _ in 0..passes {
        for &v in list {
            R::incref(v);
            let s = R::add(x, v);
            R::decref(x);
            R::decref(v);
            x = s;
        }
    }
    let r = R::to_num(x);
    R::decref(x);
    r
}

/// c: `x = 0; for i in range(n): x = x + (i if i % 3 else 0.5); if i % 4 == 0: x = i` — the
/// accumulator and the addend change type in a 12-iteration pattern in which all four int/float
/// operand combinations occur.
#[inline(never)]
fn mixed<R: Repr>(n: i64) -> Num {
    let mut x = R::box_int(0);
    for i in 0..n {
        let t = if i % 3 != 0 {
            R::box_int(i)
        } else {
            R::box_float(0.5)
        };
        let s = R::add(x, t);
        R::decref(t);
        R::decref(x);
        x = s;
        if i % 4 == 0 {
            R::decref(x);
            x = R::box_int(i);
        }
    }
    let r = R::to_num(x);
    R::decref(x);
    r
}

/// d: `slots[i % 8] = v` n times: incref of the value stored, decref of the value replaced.
#[inline(never)]
fn refcount<R: Repr>(v: R::V, n: u64) -> Num {
    let mut slots = [v; 8];
    for _ in 0..8 {
        R::incref(v);
    }
    for i in 0..n {
        R::incref(v);
        let old = std::mem::replace(&mut slots[(i & 7) as usize], v);
        R::decref(old);
    }
    for s in slots {
        R::decref(s);
    }
    Num::Int(n as i128)
}

// Tier 0 references: statically typed, unboxed (what Molt compiles today).
#[cold]
#[inline(never)]
fn overflow() -> ! {
    panic!("OverflowError")
}
#[inline(never)]
fn t0_int_range(n: i64) -> Num {
    let mut x: i64 = 0;
    for i in 0..n {
        x = x.checked_add(i).unwrap_or_else(|| overflow());
    }
    Num::Int(x as i128)
}
#[inline(never)]
fn t0_float_range(n: i64) -> Num {
    let mut x = 0.0f64;
    for i in 0..n {
        x += i as f64;
    }
    Num::Float(x)
}
#[inline(never)]
fn t0_int_list(list: &[i64], passes: u32) -> Num {
    let mut x: i64 = 0;
    for _ in 0..passes {
        for &v in list {
            x = x.checked_add(v).unwrap_or_else(|| overflow());
        }
    }
    Num::Int(x as i128)
}
#[inline(never)]
fn t0_float_list(list: &[f64], passes: u32) -> Num {
    let mut x = 0.0f64;
    for _ in 0..passes {
        for &v in list {
            x += v;
        }
    }
    Num::Float(x)
}

// ---------------------------------------------------------------------------------------------

const LIST_LEN: usize = 1_000_000;

struct Case {
    bench: &'static str,
    cand: &'static str,
    ops: u64,
    run: Box<dyn FnMut() -> Num>,
    times: Vec<f64>,
    result: Option<Num>,
}

fn int_list_values<R: Repr>() -> Vec<R::V> {
    (0..LIST_LEN as i64).map(R::box_int).collect()
}
fn float_list_values<R: Repr>() -> Vec<R::V> {
    (0..LIST_LEN)
        .map(|i| R::box_float(i as f64 + 0.5))
        .collect()
}

/// e: bytes per element of a list of 1M ints (0..1M) or 1M floats, list storage included,
/// measured with mallinfo2 (malloc's chunk sizes: its per-chunk overhead is counted).
fn memory<R: Repr>() -> (f64, f64) {
    let per = |build: &dyn Fn() -> Vec<R::V>| {
        let before = malloc_in_use();
        let v = build();
        let after = malloc_in_use();
        let bytes = (after - before) as f64 / LIST_LEN as f64;
        for &x in &v {
            R::decref(x);
        }
        drop(v);
        bytes
    };
    (per(&int_list_values::<R>), per(&float_list_values::<R>))
}

fn cases_for<R: Repr + 'static>(cases: &mut Vec<Case>, n: i64, passes: u32) {
    R::init();
    let name = R::NAME;
    let mut add = |bench: &'static str, ops: u64, run: Box<dyn FnMut() -> Num>| {
        cases.push(Case {
            bench,
            cand: name,
            ops,
            run,
            times: vec![],
            result: None,
        })
    };
    let list_ops = LIST_LEN as u64 * passes as u64;
    add(
        "a  int, range loop",
        n as u64,
        Box::new(move || int_range::<R>(black_box(n))),
    );
    let ints = int_list_values::<R>();
    let zero = R::box_int(0);
    add(
        "a' int, list of 1M",
        list_ops,
        Box::new(move || list_sum::<R>(black_box(&ints), black_box(passes), zero)),
    );
    add(
        "b  float, range loop",
        n as u64,
        Box::new(move || float_range::<R>(black_box(n))),
    );
    let floats = float_list_values::<R>();
    let fzero = R::box_float(0.0);
    add(
        "b' float, list of 1M",
        list_ops,
        Box::new(move || list_sum::<R>(black_box(&floats), black_box(passes), fzero)),
    );
    add(
        "c  mixed int/float",
        n as u64,
        Box::new(move || mixed::<R>(black_box(n))),
    );
    let vi = R::box_int(1000);
    add(
        "d  refcount, int 1000",
        n as u64,
        Box::new(move || refcount::<R>(black_box(vi), black_box(n as u64))),
    );
    let vf = R::box_float(1.5);
    add(
        "d  refcount, float 1.5",
        n as u64,
        Box::new(move || refcount::<R>(black_box(vf), black_box(n as u64))),
    );
    let vo = R::box_other();
    add(
        "d  refcount, heap object",
        n as u64,
        Box::new(move || refcount::<R>(black_box(vo), black_box(n as u64))),
    );
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |flag: &str, default: u64| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .map(|s| s.parse().expect(flag))
            .unwrap_or(default)
    };
    let rounds = arg("--rounds", 11) as usize;
    let n = arg("--n", 10_000_000) as i64;
    let passes = (n as u64).div_ceil(LIST_LEN as u64) as u32;
    println!("loadavg at start: {}", loadavg());
    println!("n = {n}, list passes = {passes}, rounds = {rounds}\n");

    // e first, on a fresh heap.
    println!(
        "## e. memory: bytes per element of a 1M-element list (malloc chunks, list included)\n"
    );
    println!("| candidate | 1M ints (0..1M) | 1M floats |\n| --- | --- | --- |");
    Ptr::init();
    #[cfg(debug_assertions)]
    let live = LIVE.get();
    for (name, (i, f)) in [
        (Ptr::NAME, memory::<Ptr>()),
        (Tagged::<false>::NAME, memory::<Tagged<false>>()),
        (NanBox::NAME, memory::<NanBox>()),
    ] {
        println!("| {name} | {i:.1} | {f:.1} |");
    }
    #[cfg(debug_assertions)]
    assert_eq!(live, LIVE.get(), "memory benchmark leaked");
    println!();

    let mut cases = Vec::new();
    {
        let mut add = |bench: &'static str, ops: u64, run: Box<dyn FnMut() -> Num>| {
            cases.push(Case {
                bench,
                cand: "0 Tier 0 (unboxed)",
                ops,
                run,
                times: vec![],
                result: None,
            })
        };
        let list_ops = LIST_LEN as u64 * passes as u64;
        add(
            "a  int, range loop",
            n as u64,
            Box::new(move || t0_int_range(black_box(n))),
        );
        let ints: Vec<i64> = (0..LIST_LEN as i64).collect();
        add(
            "a' int, list of 1M",
            list_ops,
            Box::new(move || t0_int_list(black_box(&ints), black_box(passes))),
        );
        add(
            "b  float, range loop",
            n as u64,
            Box::new(move || t0_float_range(black_box(n))),
        );
        let floats: Vec<f64> = (0..LIST_LEN).map(|i| i as f64 + 0.5).collect();
        add(
            "b' float, list of 1M",
            list_ops,
            Box::new(move || t0_float_list(black_box(&floats), black_box(passes))),
        );
    }
    cases_for::<Ptr>(&mut cases, n, passes);
    cases_for::<Tagged<false>>(&mut cases, n, passes);
    cases_for::<Tagged<true>>(&mut cases, n, passes);
    cases_for::<NanBox>(&mut cases, n, passes);

    // Warm-up round: results must agree across candidates, and no benchmark may leak.
    // (malloc's per-thread cache keeps a few freed chunks counted as in use, hence the tolerance;
    // debug builds count objects exactly.)
    for c in cases.iter_mut() {
        let before = malloc_in_use();
        #[cfg(debug_assertions)]
        let live = LIVE.get();
        let r = (c.run)();
        let after = malloc_in_use();
        #[cfg(debug_assertions)]
        assert_eq!(live, LIVE.get(), "{} / {}: objects leaked", c.bench, c.cand);
        assert!(
            after < before + (1 << 20),
            "{} / {}: {} bytes leaked",
            c.bench,
            c.cand,
            after as i64 - before as i64
        );
        c.result = Some(r);
    }
    for c in &cases {
        let reference = cases.iter().find(|d| d.bench == c.bench).unwrap();
        assert_eq!(
            c.result, reference.result,
            "{} / {} disagrees with {}",
            c.bench, c.cand, reference.cand
        );
    }

    let k = cases.len();
    for round in 0..rounds {
        for j in 0..k {
            let c = &mut cases[(j + round * 7) % k];
            let t = Instant::now();
            let r = black_box((c.run)());
            let dt = t.elapsed().as_secs_f64();
            debug_assert_eq!(Some(r), c.result);
            c.times.push(dt * 1e9 / c.ops as f64);
        }
        eprint!("round {}/{rounds}\r", round + 1);
    }
    eprintln!();

    println!("## a–d. time per operation, ns: median (min–max over {rounds} rounds)\n");
    let mut benches: Vec<&'static str> = vec![];
    for c in &cases {
        if !benches.contains(&c.bench) {
            benches.push(c.bench);
        }
    }
    for b in benches {
        let res = cases.iter().find(|c| c.bench == b).unwrap().result.unwrap();
        println!(
            "### {b}  (result {res:?})\n\n| candidate | ns/op | min–max |\n| --- | --- | --- |"
        );
        for c in cases.iter_mut().filter(|c| c.bench == b) {
            let mut t = c.times.clone();
            let m = median(&mut t);
            println!(
                "| {} | {:.2} | {:.2}–{:.2} |",
                c.cand,
                m,
                t[0],
                t[t.len() - 1]
            );
        }
        println!();
    }
    println!("loadavg at end: {}", loadavg());
}

use nanbox::NanBox;
use ptr::Ptr;
use tagged::Tagged;
