// The benchmark's floor, shared by `benches/extract.rs` and `examples/profile.rs` (included
// with `include!`, so that both measure exactly the same code).

/// From the same input bytes `extract()` gets, the least any markdown-based reader must do:
/// check they are UTF-8 (pulldown-cmark takes `&str`), parse with pulldown-cmark (tables on,
/// offsets kept, as fengong does), and collect every table cell's text.
fn pulldown_cells(input: &[u8]) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    let text = std::str::from_utf8(input).expect("the input is UTF-8");
    let mut cells = Vec::new();
    let mut cell: Option<String> = None;
    for (event, _range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
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
    cells
}
