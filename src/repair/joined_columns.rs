//! Two columns run together in the header: `序号<br>工作任务`, a PDF converter that missed the
//! rule between them (pymupdf4llm, pdfplumber). The column is split in two, in the header and
//! in every row.
//!
//! Detector: a header cell holds a line break (`header_has_line_break`). Code: I009 (`JoinedColumns`).

use std::borrow::Cow;

use crate::diagnostic::{Code, Diagnostic};
use crate::rules::{Role, Rules};
use crate::span::{LineIndex, Span};
use crate::table::{Cell, PageTable};
use crate::text;

/// A page table whose header has one cell naming the number and the task columns on two
/// lines (`序号<br>工作任务`: a PDF converter that missed the rule between them): that column
/// split in two, in the header and in every row, a number on a cell's first line going to the
/// number column (else the whole cell is the text).
pub(super) fn repair<'a>(
    page: &mut PageTable,
    cells: &mut Vec<Cell<'a>>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    let joined = |text: &str| {
        let names: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        names.len() == 2
            && rules.header_role(names[0]) == Some(Role::Seq)
            && rules.header_role(names[1]) == Some(Role::Task)
    };
    let Some(at) = cells[page.header.cells.clone()]
        .iter()
        .position(|c| joined(&c.text))
    else {
        return;
    };
    let header = &cells[page.header.cells.start + at];
    diags.push(Diagnostic::new(
        Code::JoinedColumns,
        header.span,
        lines,
        format!(
            "header cell {:?} names two columns (a PDF converter ran them together); each row's \
             cell is split: a number on its first line is the task number, the rest its text",
            header.text
        ),
    ));
    for row in std::iter::once(&mut page.header).chain(page.rows.iter_mut()) {
        let old = row.cells.clone();
        let start = cells.len();
        for j in old.clone() {
            let cell = cells[j].clone();
            if j - old.start != at {
                cells.push(cell);
                continue;
            }
            let (first, rest) = cell.text.split_once('\n').unwrap_or((&cell.text, ""));
            let numbered = text::task_number(first).is_some() || joined(&cell.text);
            let (seq, task) = if numbered {
                (first.trim().to_owned(), rest.trim().to_owned())
            } else {
                (String::new(), cell.text.trim().to_owned())
            };
            let empty_at = Span::new(cell.span.start, cell.span.start);
            cells.push(Cell {
                span: if seq.is_empty() { empty_at } else { cell.span },
                text: Cow::Owned(seq),
            });
            cells.push(Cell {
                span: if task.is_empty() { empty_at } else { cell.span },
                text: Cow::Owned(task),
            });
        }
        if row.written > at {
            row.written += 1;
        }
        row.cells = start..cells.len();
    }
}
