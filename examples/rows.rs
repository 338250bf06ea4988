//! Prints a generated task table of N rows (default 200,000) for measuring the command-line
//! tool on large input: `cargo run --release --example rows -- 200000 > rows.md`, then
//! `/usr/bin/time -v fengong extract --compact -q rows.md -o out.json`.

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(200_000, |a| a.parse().expect("N is a number of rows"));
    print!("{}", generated_rows(n));
}

include!("../benches/support/rows.rs");
