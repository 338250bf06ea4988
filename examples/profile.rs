//! Runs one side of the benchmark in a loop, for profilers (`perf`, `valgrind --tool=callgrind`):
//! `cargo run --release --example profile -- extract 1000` or `-- baseline 1000`; a third
//! argument repeats the seed that many times (`-- extract 10 100`).

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "extract".into());
    let n: usize = args.next().map_or(300, |a| a.parse().unwrap());
    let copies: usize = args.next().map_or(1, |a| a.parse().unwrap());
    let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/huzhu-2026.md"))
        .unwrap()
        .repeat(copies);
    let mut count = 0;
    for _ in 0..n {
        count += match mode.as_str() {
            "baseline" => pulldown_cells(&seed).len(),
            _ => fengong::extract(&seed).unwrap().tasks.len(),
        };
    }
    println!("{count}");
}

include!("../benches/support/baseline.rs");
