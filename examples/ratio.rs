//! A noise-resistant check of the benchmark's ratio: alternates the floor (pulldown-cmark +
//! cells) and `extract()` call by call in one process, and compares per-call medians.
//! `cargo run --release --example ratio -- 2000` (calls per side). Criterion's means on a
//! noisy machine carry its outliers; this shows the typical call.

use std::hint::black_box;
use std::time::Instant;

include!("../benches/support/baseline.rs");

fn main() {
    let calls: usize = std::env::args().nth(1).map_or(2000, |a| a.parse().unwrap());
    let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/huzhu-2026.md")).unwrap();
    for copies in [1usize, 100] {
        let input = seed.repeat(copies);
        let n = (calls / copies).max(20);
        let (mut floor, mut ours) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for _ in 0..n {
            let t = Instant::now();
            drop(black_box(pulldown_cells(black_box(&input))));
            floor.push(t.elapsed().as_secs_f64());
            let t = Instant::now();
            drop(black_box(fengong::extract(black_box(&input)).unwrap()));
            ours.push(t.elapsed().as_secs_f64());
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2] * 1e6
        };
        let (f, o) = (median(&mut floor), median(&mut ours));
        println!(
            "seed x{copies:<4} floor {f:9.1} µs   extract {o:9.1} µs   ratio {:.2}",
            o / f
        );
    }
}
