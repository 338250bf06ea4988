//! `extract()` next to pulldown-cmark parsing the same bytes and collecting its table cells,
//! on the seed notice and on the seed repeated 100 and 1,000 times; and on generated tables of
//! three sizes.
//!
//! Run: `cargo bench --bench extract`. `benches/README.md` records the figures.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

include!("support/baseline.rs");
include!("support/rows.rs");

fn bench(c: &mut Criterion) {
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/huzhu-2026.md"))
        .expect("seed is readable");
    let mut group = c.benchmark_group("seed");
    for copies in [1usize, 100] {
        let text = seed.repeat(copies);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("pulldown_cmark_cells", copies),
            &text,
            |b, t| b.iter(|| pulldown_cells(black_box(t.as_bytes()))),
        );
        group.bench_with_input(
            BenchmarkId::new("fengong_extract", copies),
            &text,
            |b, t| b.iter(|| fengong::extract(black_box(t.as_bytes())).expect("seed reads")),
        );
    }
    group.finish();

    // Large inputs: per notice, the seed repeated 1,000 times (30 MB) should cost no more than
    // 1.5× the single seed. Few samples: one iteration takes a good part of a second.
    let mut group = c.benchmark_group("seed_large");
    group.sample_size(10);
    let text = seed.repeat(1000);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_with_input(
        BenchmarkId::new("pulldown_cmark_cells", 1000),
        &text,
        |b, t| b.iter(|| pulldown_cells(black_box(t.as_bytes()))),
    );
    group.bench_with_input(BenchmarkId::new("fengong_extract", 1000), &text, |b, t| {
        b.iter(|| fengong::extract(black_box(t.as_bytes())).expect("seed reads"))
    });
    group.finish();

    // Generated tables of 1,000, 20,000 and 200,000 rows: the time per row should not grow
    // with the table (`benches/README.md` records the figures, per row).
    let mut group = c.benchmark_group("rows");
    group.sample_size(10);
    for n in [1_000usize, 20_000, 200_000] {
        let text = generated_rows(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("fengong_extract", n), &text, |b, t| {
            b.iter(|| fengong::extract(black_box(t.as_bytes())).expect("table reads"))
        });
        // What `fengong extract --compact` does: the JSON written task by task, here into
        // a sink (the command's file writes aside).
        group.bench_with_input(BenchmarkId::new("fengong_write_json", n), &text, |b, t| {
            b.iter(|| {
                let rules = fengong::Rules::builtin();
                fengong::write_json(rules, None, black_box(t.as_bytes()), std::io::sink(), false)
                    .expect("table reads")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
