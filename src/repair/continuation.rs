//! A task row cut in two: a page break inside a row, or a PDF converter that cut a tall row
//! (pymupdf4llm, pdfplumber, markitdown on a PDF). The row under it has no number, no heading
//! and some text, under a numbered task whose text stops mid-sentence; its cells are joined
//! to the task's.
//!
//! A page's first row with no number, whose cells each go on from a cell of the task above
//! (`2027年10月底` over `前`, or the task's second paragraph, at the next page's head: the page
//! break fell inside the row after a paragraph ended), is that row's rest too.
//!
//! Detector: a row without a number under a numbered one, in a table with a number and a
//! text column; in a table without a number column, a row with text in its text column alone
//! (read so only where most tasks end with `。` and the one above does not, or where the row's
//! text is a sentence's end alone, `上。`: PyMuPDF 2's layout mode). Code: I010
//! (`ContinuationRow`).

use crate::dataset::Column;
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::LineIndex;
use crate::stitch::{LogicalRow, LogicalTable};
use crate::table::Cell;
use crate::text;

/// Whether some row of `table` has no number, in a table with a number and a text column;
/// or, in a table without a number column, text in its text column alone.
pub(super) fn detect(table: &LogicalTable<'_>, _: &Rules) -> bool {
    table.rows.iter().any(|row| {
        let columns = &table.tables[row.table].columns;
        let cells = &table.cells[row.cells.clone()];
        if !columns.contains(&Column::Text) {
            return false;
        }
        if columns.contains(&Column::Seq) {
            !columns
                .iter()
                .zip(cells)
                .any(|(c, cell)| *c == Column::Seq && !text::trim(&cell.text).is_empty())
        } else {
            text_alone(columns, cells)
        }
    })
}

/// Whether a row's only text is in its text column.
fn text_alone(columns: &[Column], cells: &[Cell<'_>]) -> bool {
    let mut text = false;
    for (c, cell) in columns.iter().zip(cells) {
        let empty = text::trim(&cell.text).is_empty();
        match c {
            Column::Text => text |= !empty,
            _ if !empty => return false,
            _ => {}
        }
    }
    text
}

/// Whether most task texts of `table` end a sentence (`。`): then one that does not was cut.
fn most_end_sentences(table: &LogicalTable<'_>) -> bool {
    let (mut ended, mut all) = (0, 0);
    for row in &table.rows {
        let columns = &table.tables[row.table].columns;
        for (c, cell) in columns.iter().zip(&table.cells[row.cells.clone()]) {
            if *c == Column::Text && !text::trim(&cell.text).is_empty() {
                all += 1;
                ended += usize::from(ends_sentence(text::trim(&cell.text)));
            }
        }
    }
    all > 0 && 2 * ended > all
}

/// Whether a task's text ends a sentence.
fn ends_sentence(text: &str) -> bool {
    text.ends_with(['。', '；', '！', '？', '.', ';', '!', '?', '”', '）', ')'])
}

/// Rows that continue the task above them, joined to it: a row with no number, no heading
/// and text in some cell, under a numbered task whose text stops mid-sentence (a page break,
/// or a PDF converter that cut a tall row in two). Each cell's text is added to the cell above
/// on a new line, so that the wrap rules for text and unit names apply.
pub(super) fn repair(
    table: &mut LogicalTable<'_>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    let sentences = most_end_sentences(table);
    let mut kept: Vec<LogicalRow> = Vec::with_capacity(table.rows.len());
    for row in std::mem::take(&mut table.rows) {
        let columns = &table.tables[row.table].columns;
        let continues = kept.last().is_some_and(|above| {
            let (above_cells, cells) = (
                &table.cells[above.cells.clone()],
                &table.cells[row.cells.clone()],
            );
            table.tables[above.table].columns == *columns
                && (continues_above(above_cells, cells, columns)
                    || (above.table != row.table && rest_at_page_head(above_cells, cells, columns))
                    || (sentences && continues_unnumbered(above_cells, cells, columns))
                    || tail_continues(above_cells, cells, columns, rules))
        });
        if !continues {
            kept.push(row);
            continue;
        }
        let Some(above) = kept.last_mut() else {
            continue;
        };
        // The task's row is both rows now: what is said of the lower one is said of it.
        let above_span = above.span;
        above.span = above.span.cover(row.span);
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
                lines.line(above_span.start)
            ),
        ));
    }
    table.rows = kept;
}

/// Whether `row`, the first of a page, is the rest of the numbered task row `above` that the
/// page break cut after a paragraph of it ended: no number, no heading, and text only in
/// cells whose cell above has text too (`2027年10月底` / `前`; the task's second paragraph
/// under its first; a cut unit cell is [`super::page_split_cell`]'s). A cell with text under
/// an empty one would be a value of its own, and the row is not read so.
fn rest_at_page_head(above: &[Cell<'_>], row: &[Cell<'_>], columns: &[Column]) -> bool {
    if !columns.contains(&Column::Seq)
        || text::task_number(&of(above, columns, Column::Seq)).is_none()
        || !of(row, columns, Column::Seq).is_empty()
    {
        return false;
    }
    let task = of(row, columns, Column::Text);
    if text::section_heading(&task).is_some() || text::subcategory_label(&task).is_some() {
        return false;
    }
    let mut any = false;
    for (a, b) in above.iter().zip(row) {
        if text::trim(&b.text).is_empty() {
            continue;
        }
        if text::trim(&a.text).is_empty() {
            return false;
        }
        any = true;
    }
    any
}

/// In a table without a number column (its tasks' texts mostly ending with `。`): whether
/// `row`, text alone, continues `above`, whose text stops mid-sentence (`…倒逼工业` over
/// `污染源全面完成达标排放。`: PyMuPDF, pdfplumber at a page break).
fn continues_unnumbered(above: &[Cell<'_>], row: &[Cell<'_>], columns: &[Column]) -> bool {
    if columns.contains(&Column::Seq) || !text_alone(columns, row) {
        return false;
    }
    let (above_text, task) = (
        of(above, columns, Column::Text),
        of(row, columns, Column::Text),
    );
    !above_text.is_empty()
        && !ends_sentence(&above_text)
        && text::section_heading(&task).is_none()
        && text::subcategory_label(&task).is_none()
}

/// Most characters of a sentence's end a converter cut onto a row of its own (`上。`, `果。`):
/// no task's text is this short.
const MAX_TAIL_CHARS: usize = 4;

/// In a table without a number column: whether `row`'s text is a sentence's end alone
/// (`上。`) under a text that stops mid-sentence (`…保持在4万吨以`), each of its other cells
/// the rest of the cell above it, cut (`局` under `县财政`, a unit name that ends like none;
/// `娟` under `高文博、赵`, two characters at most elsewhere): the rest of every cell of the
/// row above, a row PyMuPDF 2's layout mode cut in two. Read so even where the table's texts
/// do not mostly end with `。` (that converter cuts many of them).
fn tail_continues(above: &[Cell<'_>], row: &[Cell<'_>], columns: &[Column], rules: &Rules) -> bool {
    if columns.contains(&Column::Seq) {
        return false;
    }
    let (above_text, task) = (
        of(above, columns, Column::Text),
        of(row, columns, Column::Text),
    );
    let body = task.trim_end_matches(['。', '；', '！', '？']);
    let tail = body.len() < task.len()
        && (1..=MAX_TAIL_CHARS).contains(&task.chars().count())
        && !body.contains(['。', '；', '！', '？', '，', '、']);
    tail && !above_text.is_empty()
        && !ends_sentence(&above_text)
        && columns.iter().zip(row).zip(above).all(|((c, cell), up)| {
            let (rest, up) = (text::trim(&cell.text), text::trim(&up.text));
            let cut = match c {
                Column::Lead | Column::Responsible => {
                    let last = up.rsplit(char::is_whitespace).next().unwrap_or(up);
                    let last = last
                        .rsplit(super::page_split_cell::NAME_SEPARATORS)
                        .next()
                        .unwrap_or(last);
                    !last.is_empty() && !crate::units::ends_like_name(last, rules)
                }
                _ => !up.is_empty() && rest.chars().count() <= 2,
            };
            *c == Column::Text || rest.is_empty() || cut
        })
}

/// The text of a role's cells in a row, joined (a role has one cell but for an unusual
/// header).
fn of(cells: &[Cell<'_>], columns: &[Column], role: Column) -> String {
    columns
        .iter()
        .zip(cells)
        .filter(|(c, _)| **c == role)
        .map(|(_, cell)| text::trim(&cell.text))
        .collect()
}

/// Whether `row` continues `above`: `above` is numbered and its text stops mid-sentence;
/// `row` has no number and no heading, and some text.
fn continues_above(above: &[Cell<'_>], row: &[Cell<'_>], columns: &[Column]) -> bool {
    // The text of a role's cells, joined (a role has one cell but for an unusual header).
    if !columns.contains(&Column::Seq) || !columns.contains(&Column::Text) {
        return false;
    }
    // Most rows have a number: ruled out before the rest is looked at.
    let row_numbered = columns
        .iter()
        .zip(row)
        .any(|(c, cell)| *c == Column::Seq && !text::trim(&cell.text).is_empty());
    if row_numbered || text::task_number(&of(above, columns, Column::Seq)).is_none() {
        return false;
    }
    let above_text = of(above, columns, Column::Text);
    let stops_mid_sentence = !above_text.is_empty() && !ends_sentence(&above_text);
    let task = of(row, columns, Column::Text);
    stops_mid_sentence
        && row.iter().any(|c| !text::trim(&c.text).is_empty())
        && text::section_heading(&task).is_none()
        && text::subcategory_label(&task).is_none()
}
