//! A task row cut in two: a page break inside a row, or a PDF converter that cut a tall row
//! (pymupdf4llm, pdfplumber, markitdown on a PDF). The row under it has no number, no heading
//! and some text, under a numbered task whose text stops mid-sentence; its cells are joined
//! to the task's.
//!
//! Detector: a row without a number under a numbered one, in a table with a number and a
//! text column. Code: I010 (`ContinuationRow`).

use crate::dataset::Column;
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::LineIndex;
use crate::stitch::{LogicalRow, LogicalTable};
use crate::table::Cell;
use crate::text;

/// Whether some row of `table` has no number, in a table with a number and a text column.
pub(super) fn detect(table: &LogicalTable<'_>, _: &Rules) -> bool {
    table.rows.iter().any(|row| {
        let columns = &table.tables[row.table].columns;
        columns.contains(&Column::Seq)
            && columns.contains(&Column::Text)
            && !columns
                .iter()
                .zip(&table.cells[row.cells.clone()])
                .any(|(c, cell)| *c == Column::Seq && !cell.text.trim().is_empty())
    })
}

/// Rows that continue the task above them, joined to it: a row with no number, no heading
/// and text in some cell, under a numbered task whose text stops mid-sentence (a page break,
/// or a PDF converter that cut a tall row in two). Each cell's text is added to the cell above
/// on a new line, so that the wrap rules for text and unit names apply.
pub(super) fn repair(
    table: &mut LogicalTable<'_>,
    lines: &LineIndex,
    _: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    let mut kept: Vec<LogicalRow> = Vec::with_capacity(table.rows.len());
    for row in std::mem::take(&mut table.rows) {
        let columns = &table.tables[row.table].columns;
        let continues = kept.last().is_some_and(|above| {
            table.tables[above.table].columns == *columns
                && continues_above(
                    &table.cells[above.cells.clone()],
                    &table.cells[row.cells.clone()],
                    columns,
                )
        });
        if !continues {
            kept.push(row);
            continue;
        }
        let Some(above) = kept.last_mut() else {
            continue;
        };
        for (a, b) in above.cells.clone().zip(row.cells.clone()) {
            let below = std::mem::take(&mut table.cells[b].text);
            if below.trim().is_empty() {
                continue;
            }
            let span = table.cells[b].span;
            let cell = &mut table.cells[a];
            if cell.text.is_empty() {
                cell.text = below;
                cell.span = span;
            } else {
                let text = cell.text.to_mut();
                text.push('\n');
                text.push_str(&below);
                cell.span = cell.span.cover(span);
            }
        }
        diags.push(Diagnostic::new(
            Code::ContinuationRow,
            row.span,
            lines,
            format!(
                "row continues the task at line {} (cut by a page break or by the converter); \
                 its cells are joined to that task's",
                lines.line(above.span.start)
            ),
        ));
    }
    table.rows = kept;
}

/// Whether `row` continues `above`: `above` is numbered and its text stops mid-sentence;
/// `row` has no number and no heading, and some text.
fn continues_above(above: &[Cell<'_>], row: &[Cell<'_>], columns: &[Column]) -> bool {
    // The text of a role's cells, joined (a role has one cell but for an unusual header).
    let of = |cells: &'_ [Cell<'_>], role: Column| -> String {
        columns
            .iter()
            .zip(cells)
            .filter(|(c, _)| **c == role)
            .map(|(_, cell)| cell.text.trim())
            .collect()
    };
    if !columns.contains(&Column::Seq) || !columns.contains(&Column::Text) {
        return false;
    }
    // Most rows have a number: ruled out before the rest is looked at.
    let row_numbered = columns
        .iter()
        .zip(row)
        .any(|(c, cell)| *c == Column::Seq && !cell.text.trim().is_empty());
    if row_numbered || text::task_number(&of(above, Column::Seq)).is_none() {
        return false;
    }
    let above_text = of(above, Column::Text);
    let stops_mid_sentence = !above_text.is_empty()
        && !above_text.ends_with(['。', '；', '！', '？', '.', ';', '!', '?', '”', '）', ')']);
    let task = of(row, Column::Text);
    stops_mid_sentence
        && row.iter().any(|c| !c.text.trim().is_empty())
        && text::section_heading(&task).is_none()
        && text::subcategory_label(&task).is_none()
}
