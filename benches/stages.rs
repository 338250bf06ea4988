//! Each stage of `extract()` on the seed notice, beside the floor (pulldown-cmark parsing the
//! same bytes and collecting its table cells) and the whole of `extract()`, in one run:
//! `cargo bench --bench stages`. `benches/README.md` keeps the table.
//!
//! `repair` and `notice` include reading the blocks (subtract `blocks`); `units` reads the
//! seed's unit cells and `targets` its task texts, each on its own; `records` is what is left
//! of `extract` (the rows read into tasks, the units indexed).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use fengong::stages;

include!("support/baseline.rs");

fn bench(c: &mut Criterion) {
    let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/huzhu-2026.md"))
        .expect("seed is readable");
    let text = std::str::from_utf8(&seed).expect("the seed is UTF-8");
    let dataset = fengong::extract(&seed).expect("seed reads");
    let unit_cells: Vec<String> = dataset
        .tasks
        .iter()
        .flat_map(|t| [t.lead_raw.clone(), t.responsible_raw.clone()])
        .flatten()
        .filter(|c| !c.is_empty())
        .collect();
    let task_texts: Vec<String> = dataset.tasks.iter().map(|t| t.text.clone()).collect();

    // The floor and extract() on the same bytes, one after the other in one run: the seed,
    // and the seed 100 times over.
    let mut floor = c.benchmark_group("floor");
    for copies in [1usize, 100] {
        let input = seed.repeat(copies);
        floor.bench_with_input(
            BenchmarkId::new("pulldown_cmark_cells", copies),
            &input,
            |b, input| b.iter(|| pulldown_cells(black_box(input))),
        );
        floor.bench_with_input(
            BenchmarkId::new("fengong_extract", copies),
            &input,
            |b, input| b.iter(|| fengong::extract(black_box(input)).expect("seed reads")),
        );
    }
    floor.finish();

    let mut group = c.benchmark_group("stage");
    group.bench_function("decode", |b| b.iter(|| stages::decode(black_box(&seed))));
    group.bench_function("blocks", |b| b.iter(|| stages::blocks(black_box(text))));
    group.bench_function("repair", |b| b.iter(|| stages::repair(black_box(text))));
    group.bench_function("units", |b| {
        b.iter(|| stages::units(black_box(&unit_cells)))
    });
    group.bench_function("targets", |b| {
        b.iter(|| stages::targets(black_box(&task_texts)))
    });
    group.bench_function("notice", |b| b.iter(|| stages::notice(black_box(text))));
    group.bench_function("serialise", |b| {
        b.iter(|| serde_json::to_vec(black_box(&dataset)).expect("serialises"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
