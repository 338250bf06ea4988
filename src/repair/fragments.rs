//! markitdown on a PDF: table fragments. It writes each row of a PDF table (or each line of
//! a page it takes for a row) as a pipe table of its own, with the text that wrapped in
//! between: several delimiter rows (`| --- |`) and lines without a `|` inside one table, or
//! many tables of a row or two with no task header among them. No reading of such a table can
//! be trusted; the rows are read as the lines they were cut from, a list notice
//! ([`rows_as_lines`]), and W019 (`FragmentsReadAsLines`) says so; when no list is found in
//! them either, the input is refused (`FragmentedTable`).
//!
//! Detector: [`detect`], a count of delimiter rows, pipeless lines and tiny tables.

use crate::dataset::TableKind;
use crate::rules::{self, Rules};
use crate::span::LineIndex;
use crate::table::{self, Cell, PageTable, Paragraph};
use crate::text;

/// The line where fragments begin, if the page tables are fragments.
pub fn detect(
    pages: &[PageTable],
    cells: &[Cell<'_>],
    text: &str,
    lines: &LineIndex,
    rules: &Rules,
) -> Option<usize> {
    fragmented(pages, text, lines).or_else(|| tiny_fragments(pages, cells, lines, rules))
}

/// The rows of table fragments as the lines they were cut from: each row's cells joined in
/// order (`| 1．全县地区生产总值增长 | | 6%左右 |` → `1．全县地区生产总值增长6%左右`), the
/// delimiter rows left out.
pub fn rows_as_lines<'a>(pages: &[PageTable], cells: &[Cell<'a>]) -> Vec<Paragraph<'a>> {
    pages
        .iter()
        .flat_map(|page| std::iter::once(&page.header).chain(&page.rows))
        .filter_map(|row| {
            let line: String = cells[row.cells.clone()]
                .iter()
                .map(|c| text::trim(&c.text))
                .collect();
            let delimiter = line.chars().all(|c| matches!(c, '-' | ':' | ' '));
            (!delimiter).then(|| Paragraph {
                text: line.into(),
                span: row.span,
            })
        })
        .collect()
}

/// Rows in one pipe table, of each kind, from which it counts as fragments.
const FRAGMENT_ROWS: usize = 3;

/// The line of a pipe table made of fragments: several delimiter rows (`| --- |`) and several
/// lines without a `|` in its body. A converter that writes each row of a PDF table as a
/// table of its own, with the text that wrapped in between (markitdown on a PDF), gives this;
/// no reading of it can be trusted.
fn fragmented(pages: &[PageTable], text: &str, lines: &LineIndex) -> Option<usize> {
    pages.iter().find_map(|page| {
        let line_of = |row: &table::Row| crate::text::trim(&text[row.span.range()]);
        let pipeless = page
            .rows
            .iter()
            .filter(|r| !line_of(r).contains('|'))
            .count();
        let delimiters = page
            .rows
            .iter()
            .filter(|r| {
                let l = line_of(r);
                l.contains('-') && l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
            })
            .count();
        (page.kind == TableKind::Pipe && pipeless >= FRAGMENT_ROWS && delimiters >= FRAGMENT_ROWS)
            .then(|| lines.line(page.span.start))
    })
}

/// The line of the first of many pipe tables of a row or two, where no table has a task
/// header: a converter that writes each line of a PDF page it takes for a table row as a
/// table of its own, with the text between them (markitdown on a list notice's PDF).
fn tiny_fragments(
    pages: &[PageTable],
    cells: &[Cell<'_>],
    lines: &LineIndex,
    rules: &Rules,
) -> Option<usize> {
    let names_task = |page: &PageTable| {
        cells[page.header.cells.clone()]
            .iter()
            .any(|c| rules.header_role(&c.text) == Some(rules::Role::Task))
    };
    let tiny = pages
        .iter()
        .filter(|p| p.kind == TableKind::Pipe && p.rows.len() <= 2)
        .count();
    let first = pages.first()?;
    (tiny >= FRAGMENT_ROWS && !pages.iter().any(names_task)).then(|| lines.line(first.span.start))
}
