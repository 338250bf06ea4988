//! A header written over two rows.
//!
//! - A PDF whose header cells wrapped (pymupdf4llm, pdfplumber, markitdown on a PDF):
//!   `| 序 | 目标任务 | 牵头 |` above `| 号 | | 单位 |`, the page's header or a repeated one; or
//!   only a cell that names no column alone (`| 序 | 重点任务 | 主要责任单位 |` above
//!   `| 号 | | |`: PyMuPDF 2's layout mode).
//! - Word's merged header cells as pandoc, mammoth or markitdown write a `.docx`: `| 序号 | 目标任务 |
//!   责任单位 | |` above `| | | 牵头单位 | 配合单位 |`, the lower row naming the columns a higher
//!   cell spans.
//!
//! Detector: the row under the header holds nothing but header names, or two adjacent rows
//! are made of short cells (header pieces, 8 characters at most). Code: I013 (`TwoRowHeader`).

use std::borrow::Cow;

use crate::columns::header_columns;
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::LineIndex;
use crate::table::{Cell, PageTable, Row};

/// Header pieces are short: a row with a longer cell is no piece of a header.
const PIECE_CHARS: usize = 8;

/// Whether a header over two rows may be in `page`.
pub(super) fn detect(page: &PageTable, cells: &[Cell<'_>], rules: &Rules) -> bool {
    let short = |row: &Row| {
        cells[row.cells.clone()]
            .iter()
            .all(|c| c.text.chars().nth(PIECE_CHARS).is_none())
    };
    let names_only = page.rows.first().is_some_and(|first| {
        cells[first.cells.clone()]
            .iter()
            .all(|c| c.text.is_empty() || rules.header_role(&c.text).is_some())
    });
    let rows = || std::iter::once(&page.header).chain(&page.rows);
    names_only
        || rows()
            .zip(rows().skip(1))
            .any(|(a, b)| short(a) && short(b))
}

/// Header rows written over two rows (`| 序 | 目标任务 | 牵头 |` above `| 号 | | 单位 |`: a PDF
/// that wrapped the header): where a row names no columns but it and the row below, read
/// cell by cell as one, do, the two are one header row (the page's own header, or a
/// repeated one).
pub(super) fn repair<'a>(
    page: &mut PageTable,
    cells: &mut Vec<Cell<'a>>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    fn merged_once<'a>(
        upper: &Row,
        lower: &Row,
        cells: &mut Vec<Cell<'a>>,
        lines: &LineIndex,
        rules: &Rules,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Row> {
        let short = |row: &Row| {
            cells[row.cells.clone()]
                .iter()
                .all(|c| c.text.chars().nth(PIECE_CHARS).is_none())
        };
        if upper.cells.len() != lower.cells.len() || !short(upper) || !short(lower) {
            return None;
        }
        // A header that names its columns already is read as two rows only where the lower
        // row completes cells that name none, and nothing else (`| 序 | 重点任务 | … |` above
        // `| 号 | | … |`: PyMuPDF 2's layout mode).
        let named = |text: &str| rules.header_role(text).is_some();
        if header_columns(&cells[upper.cells.clone()], rules).is_some()
            && !upper.cells.clone().zip(lower.cells.clone()).all(|(u, l)| {
                let (u, l) = (cells[u].text.trim(), cells[l].text.trim());
                l.is_empty() || (!named(u) && named(&format!("{u}{l}")))
            })
        {
            return None;
        }
        if lower.cells.clone().all(|l| cells[l].text.trim().is_empty()) {
            return None;
        }
        let joined: Vec<Cell<'a>> = upper
            .cells
            .clone()
            .zip(lower.cells.clone())
            .map(|(u, l)| {
                let (u, l) = (&cells[u], &cells[l]);
                let span = match (u.text.is_empty(), l.text.is_empty()) {
                    (false, false) => u.span.cover(l.span),
                    (true, false) => l.span,
                    _ => u.span,
                };
                Cell {
                    text: Cow::Owned(format!("{}{}", u.text.trim(), l.text.trim())),
                    span,
                }
            })
            .collect();
        header_columns(&joined, rules)?;
        Some(two_row_header(
            upper, lower, joined, cells, lines, diags, "",
        ))
    }
    if let Some(first) = page.rows.first() {
        if let Some(header) = merged_once(&page.header, first, cells, lines, rules, diags) {
            page.header = header;
            page.rows.remove(0);
        } else if let Some(header) = sub_headers(&page.header, first, cells, lines, rules, diags) {
            page.header = header;
            page.rows.remove(0);
        }
    }
    let mut i = 0;
    while i + 1 < page.rows.len() {
        if let Some(header) =
            merged_once(&page.rows[i], &page.rows[i + 1], cells, lines, rules, diags)
        {
            page.rows[i] = header;
            page.rows.remove(i + 1);
        }
        i += 1;
    }
}

/// The header row two rows make, its `cells` added after the others, and the I013 that says
/// so (`how` ends the message).
fn two_row_header<'a>(
    upper: &Row,
    lower: &Row,
    joined: Vec<Cell<'a>>,
    cells: &mut Vec<Cell<'a>>,
    lines: &LineIndex,
    diags: &mut Vec<Diagnostic>,
    how: &str,
) -> Row {
    let span = upper.span.cover(lower.span);
    diags.push(Diagnostic::new(
        Code::TwoRowHeader,
        span,
        lines,
        format!(
            "a header written over two rows (lines {} and {}) is read as one{how}",
            lines.line(upper.span.start),
            lines.line(lower.span.start)
        ),
    ));
    let start = cells.len();
    cells.extend(joined);
    Row {
        cells: start..cells.len(),
        span,
        written: upper.written.max(lower.written),
    }
}

/// A header over two rows where the lower names the columns a higher cell spans
/// (`| 序号 | 目标任务 | 责任单位 | |` over `| | | 牵头单位 | 配合单位 |`, as Word's merged header
/// cells arrive): the lower row holds nothing but header names and empty cells. Each column
/// takes the lower name where there is one, else the upper.
fn sub_headers<'a>(
    upper: &Row,
    lower: &Row,
    cells: &mut Vec<Cell<'a>>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) -> Option<Row> {
    let (up, low) = (&cells[upper.cells.clone()], &cells[lower.cells.clone()]);
    if up.len() != low.len()
        || !low
            .iter()
            .all(|c| c.text.is_empty() || rules.header_role(&c.text).is_some())
        || low.iter().all(|c| c.text.is_empty())
    {
        return None;
    }
    let joined: Vec<Cell<'a>> = up
        .iter()
        .zip(low)
        .map(|(u, l)| {
            if l.text.is_empty() {
                u.clone()
            } else {
                l.clone()
            }
        })
        .collect();
    header_columns(&joined, rules)?;
    Some(two_row_header(
        upper,
        lower,
        joined,
        cells,
        lines,
        diags,
        ", the lower row's names under the cells they split",
    ))
}
