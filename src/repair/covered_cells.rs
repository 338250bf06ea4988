//! A merged cell a PDF converter filled with its left neighbour's text (pymupdf4llm fills
//! each cell a merge from above covers so, one after another along the row): a names cell
//! (units, leaders, deadline) that repeats the cell to its left, or a sub-category label
//! cell that repeats the number beside it.
//!
//! Detector: the row has a cell that repeats its left neighbour. Codes: I014
//! (`CoveredCellWrittenOut`), W020 (`RepeatedLeadReadAsMerged`).

use crate::dataset::Column;
use crate::diagnostic::{Code, Diagnostic};
use crate::span::LineIndex;
use crate::stitch::{LogicalTable, RowCells};
use crate::text;

/// Fewest characters of a task's text that a names cell beside it must repeat to be read as
/// the text written into a merged cell (a unit name can be the start of a task: `县医保局`).
const MIN_REPEATED_TEXT_CHARS: usize = 8;

/// The same text as the cell to the left; or, beside the task text, its start (a row a page
/// break cut has the rest joined to its text cell only).
fn same(this: &str, left: &str, left_column: Column) -> bool {
    !this.is_empty()
        && (this == left
            // The start compared first: it fails at the first bytes in most rows.
            || (left_column == Column::Text
                && left.starts_with(this)
                && this.chars().count() >= MIN_REPEATED_TEXT_CHARS))
}

/// Whether a cell of the row repeats the cell to its left.
pub fn detect(table: &LogicalTable<'_>, row: &RowCells<'_, '_>) -> bool {
    let columns = table.columns(row);
    let width = row.cells.len().min(columns.len());
    (1..width).any(|j| {
        same(
            text::trim(&row.cells[j].text),
            text::trim(&row.cells[j - 1].text),
            columns[j - 1],
        )
    })
}

/// A names cell (units, leaders, deadline) that repeats the text of the cell to its left
/// is a merged cell a PDF converter filled with its left neighbour's text (pymupdf4llm
/// fills each cell a merge from above covers so, one after another along the row). It
/// inherits from the task above, as an empty cell would; with nothing above it, it is part
/// of the cell to its left: no value of its own (I014). A responsible cell that repeats
/// the lead cell may be a unit that both leads and is responsible: read as merged only
/// when a task above has a responsible cell, and with a warning (W020). Each column read as
/// part of the cell to its left goes to `covered`.
pub fn repair(
    table: &LogicalTable<'_>,
    row: &mut RowCells<'_, '_>,
    above: impl Fn(Column) -> Option<u32>,
    covered: &mut Vec<Column>,
    lines: &LineIndex,
    diags: &mut Vec<Diagnostic>,
) {
    let columns = table.columns(row);
    let width = row.cells.len().min(columns.len());
    // Compared as written: a cell read as merged is emptied, the one after it still
    // repeats its text.
    let written: Vec<String> = row.cells[..width]
        .iter()
        .map(|c| text::trim(&c.text).to_owned())
        .collect();
    for j in 1..width {
        let text = &written[j];
        // The sub-category label merged down, filled with the number beside it (`|2|2|…`):
        // the row is under the label above.
        if columns[j] == Column::Label
            && columns[j - 1] == Column::Seq
            && !text.is_empty()
            && *text == written[j - 1]
        {
            let span = row.cells[j].span;
            row.cells[j].text = "".into();
            diags.push(Diagnostic::new(
                Code::CoveredCellWrittenOut,
                span,
                lines,
                format!(
                    "the sub-category cell repeats the number cell's text {:?}: read as the \
                     label merged down from the row above (a PDF converter fills such a cell \
                     with its left neighbour's text)",
                    text::preview(text, 40)
                ),
            ));
            continue;
        }
        let names = matches!(
            columns[j],
            Column::Lead | Column::Responsible | Column::Leaders | Column::Deadline
        );
        if !names || !same(text, &written[j - 1], columns[j - 1]) {
            continue;
        }
        let above = above(columns[j]);
        let header = &table.tables[table.header_of[row.table]].header;
        let name = |k: usize| header.get(k).cloned().unwrap_or_default();
        let (this, left) = (name(j), name(j - 1));
        let quoted = text::preview(text, 40);
        let maybe_real = columns[j] == Column::Responsible && columns[j - 1] == Column::Lead;
        let (code, message) = match (above, maybe_real) {
            (None, true) => continue,
            (Some(seq), true) => (
                Code::RepeatedLeadReadAsMerged,
                format!(
                    "the {this} cell repeats the {left} cell's text {quoted:?}: read as a \
                     cell merged down from task {seq} (a PDF converter fills such a cell \
                     with its left neighbour's text); if the unit is the task's lead and \
                     responsible both, the responsible list is wrong"
                ),
            ),
            (Some(seq), false) => (
                Code::CoveredCellWrittenOut,
                format!(
                    "the {this} cell repeats the {left} cell's text {quoted:?}: read as a \
                     cell merged down from task {seq} (a PDF converter fills such a cell \
                     with its left neighbour's text)"
                ),
            ),
            (None, false) => {
                covered.push(columns[j]);
                (
                    Code::CoveredCellWrittenOut,
                    format!(
                        "the {this} cell repeats the {left} cell's text {quoted:?}: read as \
                         part of that cell (no value of its own, nothing above to inherit)"
                    ),
                )
            }
        };
        let span = row.cells[j].span;
        row.cells[j].text = "".into();
        diags.push(Diagnostic::new(code, span, lines, message));
    }
}
