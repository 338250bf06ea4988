//! Runs one side of the benchmark in a loop, for profilers (`perf`, `valgrind --tool=callgrind`):
//! `cargo run --release --example profile -- extract 1000` or `-- baseline 1000`.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn main() {
    let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/huzhu-2026.md")).unwrap();
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "extract".into());
    let n: usize = args.next().map_or(300, |a| a.parse().unwrap());
    let mut count = 0;
    for _ in 0..n {
        count += match mode.as_str() {
            "baseline" => baseline(std::str::from_utf8(&seed).unwrap()),
            _ => fengong::extract(&seed).unwrap().tasks.len(),
        };
    }
    println!("{count}");
}

/// The benchmark's baseline: pulldown-cmark with tables, collecting every cell's text.
fn baseline(text: &str) -> usize {
    let mut cells = Vec::new();
    let mut cell: Option<String> = None;
    for (event, _) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => cells.extend(cell.take()),
            Event::Text(t) => {
                if let Some(c) = &mut cell {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    cells.len()
}
