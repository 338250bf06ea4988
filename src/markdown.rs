//! Stage 2: text → blocks: paragraphs and page tables, each cell with its byte span.
//!
//! pulldown-cmark does the parsing (GFM tables); `into_offset_iter` keeps every byte range.
//! Short rows come padded with empty cells by pulldown-cmark.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::span::Span;

/// One table cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell<'a> {
    /// The cell's text with inline markup removed, trimmed. A `<br>` becomes `\n`. Borrowed
    /// from the input unless markup or escapes made it differ.
    pub text: Cow<'a, str>,
    /// Span of the cell's content (without the padding around it); empty for an empty cell.
    pub span: Span,
}

/// One table row: its cells and the span of the whole line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    /// Cells, as many as the table's header has.
    pub cells: Vec<Cell<'a>>,
    /// Span of the row, from its first to its last byte.
    pub span: Span,
}

/// A table as it stands in the markdown: one PDF page's worth, typically.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageTable<'a> {
    /// The table's first row, which markdown makes its header.
    pub header: Row<'a>,
    /// The rows after the delimiter row.
    pub rows: Vec<Row<'a>>,
    /// Span of the whole table.
    pub span: Span,
}

/// A paragraph or heading outside tables, with its text (inline markup removed, trimmed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph<'a> {
    /// The text; soft and hard line breaks become `\n`.
    pub text: Cow<'a, str>,
    /// Span of the block.
    pub span: Span,
}

/// A top-level block of the document, in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block<'a> {
    /// A paragraph or heading.
    Paragraph(Paragraph<'a>),
    /// A table.
    Table(PageTable<'a>),
}

/// What the parser is inside of.
enum State<'a> {
    Outside,
    Paragraph { text: Cow<'a, str>, start: usize },
    Table(TableBuilder<'a>),
}

struct TableBuilder<'a> {
    start: usize,
    header: Option<Row<'a>>,
    rows: Vec<Row<'a>>,
    cells: Vec<Cell<'a>>,
    cell: Option<(Cow<'a, str>, usize, usize)>,
    /// Cells in the header row: every row has as many.
    width: usize,
}

/// Parse `text` into blocks.
pub fn parse(text: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let mut state = State::Outside;
    // Tables and paragraphs nested in lists or block quotes are read all the same.
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match (&mut state, event) {
            (State::Outside, Event::Start(Tag::Paragraph | Tag::Heading { .. })) => {
                state = State::Paragraph {
                    text: Cow::Borrowed(""),
                    start: range.start,
                };
            }
            (State::Outside, Event::Start(Tag::Table(_))) => {
                state = State::Table(TableBuilder {
                    start: range.start,
                    header: None,
                    rows: Vec::new(),
                    cells: Vec::new(),
                    cell: None,
                    width: 0,
                });
            }
            (
                State::Paragraph { text: t, start },
                Event::End(TagEnd::Paragraph | TagEnd::Heading(_)),
            ) => {
                let text = trim(std::mem::take(t));
                let span = Span::new(*start, range.end);
                if !text.is_empty() {
                    blocks.push(Block::Paragraph(Paragraph { text, span }));
                }
                state = State::Outside;
            }
            (State::Paragraph { text, .. }, event) => push_inline(text, event),
            (State::Table(t), Event::Start(Tag::TableCell)) => {
                t.cell = Some((Cow::Borrowed(""), range.start, range.end));
            }
            (State::Table(t), Event::End(TagEnd::TableCell)) => {
                if let Some((raw, start, end)) = t.cell.take() {
                    t.cells.push(make_cell(text, raw, start, end));
                }
            }
            (State::Table(t), Event::End(TagEnd::TableHead)) => {
                t.width = t.cells.len();
                let cells = std::mem::replace(&mut t.cells, Vec::with_capacity(t.width));
                t.header = Some(Row {
                    cells,
                    span: line_span(text, range.start, range.end),
                });
            }
            (State::Table(t), Event::End(TagEnd::TableRow)) => {
                let cells = std::mem::replace(&mut t.cells, Vec::with_capacity(t.width));
                t.rows.push(Row {
                    cells,
                    span: line_span(text, range.start, range.end),
                });
            }
            (State::Table(t), Event::End(TagEnd::Table)) => {
                let header = t.header.take().unwrap_or_else(|| Row {
                    cells: Vec::new(),
                    span: Span::new(t.start, t.start),
                });
                blocks.push(Block::Table(PageTable {
                    header,
                    rows: std::mem::take(&mut t.rows),
                    span: line_span(text, t.start, range.end),
                }));
                state = State::Outside;
            }
            (State::Table(t), event) => {
                if let Some((raw, _, _)) = &mut t.cell {
                    push_inline(raw, event);
                }
            }
            (State::Outside, _) => {}
        }
    }
    blocks
}

/// Append the text an inline event contributes; the text stays borrowed from the input
/// while it is one piece of it.
fn push_inline<'a>(out: &mut Cow<'a, str>, event: Event<'a>) {
    match event {
        Event::Text(CowStr::Borrowed(t)) | Event::Code(CowStr::Borrowed(t)) if out.is_empty() => {
            *out = Cow::Borrowed(t);
        }
        Event::Text(t) | Event::Code(t) => out.to_mut().push_str(&t),
        Event::SoftBreak | Event::HardBreak => out.to_mut().push('\n'),
        Event::InlineHtml(h) | Event::Html(h) if is_line_break_tag(&h) => out.to_mut().push('\n'),
        _ => {}
    }
}

/// `text` without surrounding whitespace, borrowed if it was.
fn trim(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(t) => Cow::Borrowed(t.trim()),
        Cow::Owned(t) if t.trim().len() == t.len() => Cow::Owned(t),
        Cow::Owned(t) => Cow::Owned(t.trim().to_owned()),
    }
}

/// `<br>`, `<br/>`, `<br />`, any case.
fn is_line_break_tag(html: &str) -> bool {
    let inner = html
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim();
    inner.eq_ignore_ascii_case("br")
}

/// A cell with trimmed text and its span shrunk to the non-blank content.
fn make_cell<'a>(source: &str, text: Cow<'a, str>, start: usize, end: usize) -> Cell<'a> {
    let raw = &source[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let trail = raw.len() - raw.trim_end().len();
    let span = if lead == raw.len() {
        Span::new(start, start)
    } else {
        Span::new(start + lead, end - trail)
    };
    Cell {
        text: trim(text),
        span,
    }
}

/// A row or table range without its final line break.
fn line_span(source: &str, start: usize, end: usize) -> Span {
    let trimmed = source[start..end].trim_end_matches('\n');
    Span::new(start, start + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_text_and_spans() {
        let src = "前言\n\n| 序号 | 目标任务 |\n|---|---|\n| 1 | **增长** 5%<br>左右 |\n| 2 |\n";
        let blocks = parse(src);
        assert_eq!(blocks.len(), 2);
        let Block::Table(t) = &blocks[1] else {
            panic!("expected a table")
        };
        assert_eq!(t.header.cells[1].text, "目标任务");
        assert_eq!(&src[t.header.cells[1].span.range()], "目标任务");
        let row = &t.rows[0];
        assert_eq!(row.cells[1].text, "增长 5%\n左右");
        assert_eq!(&src[row.cells[1].span.range()], "**增长** 5%<br>左右");
        assert_eq!(&src[row.span.range()], "| 1 | **增长** 5%<br>左右 |");
        // pulldown-cmark pads a short row with empty cells.
        assert_eq!(t.rows[1].cells.len(), 2);
        assert!(t.rows[1].cells[1].text.is_empty());
    }
}
