//! A header row that swallowed the row under it: a PDF table without a rule under its header
//! (pymupdf4llm, pdfplumber): `| 序号 | 工作任务<br>一、稳住经济<br>基本盘 | 牵头单位 |`.
//!
//! Detector: a header cell holds a line break (`header_has_line_break`). Code: I015 (`HeaderSwallowedRow`).

use std::borrow::Cow;

use crate::columns::header_columns;
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::{LineIndex, Span};
use crate::table::{Cell, PageTable, Row};

/// A header row that swallowed the row under it (`| 序号 | 工作任务<br>一、稳住经济<br>基本盘 |
/// 牵头单位 |`: a PDF row without a rule under the header): where the cells' first lines name
/// the columns and the whole cells do not, the first lines are the header and the rest of
/// each cell a body row under it.
pub(super) fn repair<'a>(
    page: &mut PageTable,
    cells: &mut Vec<Cell<'a>>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    let header = &cells[page.header.cells.clone()];
    if !header.iter().any(|c| c.text.contains('\n')) || header_columns(header, rules).is_some() {
        return;
    }
    let split: Vec<(Cell<'a>, Cell<'a>)> = header
        .iter()
        .map(|c| {
            let (first, rest) = c.text.split_once('\n').unwrap_or((&c.text, ""));
            let at_end = Span::new(c.span.end, c.span.end);
            (
                Cell {
                    text: Cow::Owned(first.trim().to_owned()),
                    span: c.span,
                },
                Cell {
                    text: Cow::Owned(rest.trim().to_owned()),
                    span: if rest.trim().is_empty() {
                        at_end
                    } else {
                        c.span
                    },
                },
            )
        })
        .collect();
    let firsts: Vec<Cell<'a>> = split.iter().map(|(f, _)| f.clone()).collect();
    if header_columns(&firsts, rules).is_none() {
        return;
    }
    diags.push(Diagnostic::new(
        Code::HeaderSwallowedRow,
        page.header.span,
        lines,
        "the header row holds a second row under its names (a PDF table without a rule under \
         its header); read as the header and a row under it"
            .to_owned(),
    ));
    let written = page.header.written;
    let span = page.header.span;
    let start = cells.len();
    cells.extend(firsts);
    let header = Row {
        cells: start..cells.len(),
        span,
        written,
    };
    let start = cells.len();
    cells.extend(split.into_iter().map(|(_, rest)| rest));
    page.rows.insert(
        0,
        Row {
            cells: start..cells.len(),
            span,
            written,
        },
    );
    page.header = header;
}
