//! Two tasks run together into one row (PyMuPDF 2's layout mode, the default of `pymupdf`
//! 2.x): in a table without a number column, tasks whose lead, responsible or leaders cells
//! Word merged over them can come out as one row, the second task's text a paragraph of the
//! first one's cell (`加强食品药品安全监管，食品安全抽检合格` / `率达到85%以上。` /
//! `加强食品药品安全监管，食品安全抽检合格` / `率达到93%以上。`). Nothing in the output
//! tells that from one task written in two paragraphs, which notices also do: the reading
//! cannot be put right, only said.
//!
//! - **Detector** ([`detect`]): the task table has no number column (numbers would show two
//!   tasks), a names cell of some task row is empty (the layout mode writes a merged cell
//!   once, leaving the rows it covers empty; PyMuPDF's legacy mode and pymupdf4llm 0.x write
//!   it in each), and a task cell holds a line break.
//! - **Reading**: a task cell written with its line wraps (a line other than the last that
//!   reaches the cell's width and ends inside a sentence) and with a paragraph that ends
//!   before the line does (`率达到85%以上。`, at least two characters short of the width),
//!   followed by more text. Nothing is changed.
//! - **Diagnostic**: `W026` on the row: if the PDF shows two rows there, the task holds two
//!   tasks' texts and the tasks under it are numbered one less than the notice counts them.
//!
//! Fixtures: `fixtures/repair-rows-run-together-fires.md` (PyMuPDF 2 layout), and
//! `fixtures/repair-rows-run-together-not-here.md` (the same cells in a numbered table).

use crate::dataset::Column;
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::LineIndex;
use crate::stitch::LogicalTable;
use crate::text;

/// How many columns (an ASCII character one, any other two) short of the cell's widest line
/// a paragraph's last line must end to be read as ending before the line does: one Chinese
/// character short may be the width a wrap left.
const SHORT_BY: usize = 4;

/// How many columns short of the widest line a line may end and still be read as a line
/// the wrap filled.
const FULL_WITHIN: usize = 2;

/// A line's width in columns: ASCII characters one, others (Chinese) two.
fn width(line: &str) -> usize {
    line.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Whether a line ends a sentence.
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['。', '；', ';', '！', '？'])
}

/// Whether a line holds words, not only marks (pymupdf4llm 0.x writes a cell's punctuation on
/// lines of its own: `， 。`).
fn words(line: &str) -> bool {
    line.chars().any(char::is_alphanumeric)
}

/// The line of `cell` that ends a paragraph before the line does, with more text after it,
/// in a cell written with its line wraps.
fn early_paragraph_end(cell: &str) -> Option<&str> {
    let lines: Vec<&str> = cell.lines().map(str::trim).collect();
    if lines.len() < 3 {
        return None;
    }
    let widest = lines.iter().map(|l| width(l)).max()?;
    let last = lines.len() - 1;
    let wrapped = lines[..last]
        .iter()
        .any(|l| !ends_sentence(l) && width(l) + FULL_WITHIN >= widest);
    if !wrapped {
        return None;
    }
    lines[..last]
        .iter()
        .zip(&lines[1..])
        .find(|(l, next)| {
            ends_sentence(l) && width(l) + SHORT_BY <= widest && words(l) && words(next)
        })
        .map(|(l, _)| *l)
}

/// The index of the task cell in rows of page table `table`, when that page has no number
/// column.
fn text_column(t: &LogicalTable<'_>, table: usize) -> Option<usize> {
    let columns = &t.tables[table].columns;
    if columns.contains(&Column::Seq) {
        return None;
    }
    columns.iter().position(|&c| c == Column::Text)
}

/// Whether the table has no number column, a task row with an empty names cell, and a task
/// cell with a line break.
pub(super) fn detect(table: &LogicalTable<'_>, _: &Rules) -> bool {
    let mut empty_names = false;
    let mut broken_text = false;
    for row in &table.rows {
        let Some(k) = text_column(table, row.table) else {
            continue;
        };
        let cells = &table.cells[row.cells.clone()];
        let Some(task) = cells.get(k) else {
            continue;
        };
        if task.text.trim().is_empty() {
            continue;
        }
        broken_text |= task.text.contains('\n');
        empty_names |= table.tables[row.table]
            .columns
            .iter()
            .zip(cells)
            .any(|(&c, cell)| {
                matches!(c, Column::Lead | Column::Responsible | Column::Leaders)
                    && cell.text.trim().is_empty()
            });
        if empty_names && broken_text {
            return true;
        }
    }
    false
}

/// `W026` on each task row whose cell holds a paragraph ending before its line does.
pub(super) fn repair(
    table: &mut LogicalTable<'_>,
    lines: &LineIndex,
    _: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    for row in &table.rows {
        let Some(k) = text_column(table, row.table) else {
            continue;
        };
        let Some(cell) = table.cells[row.cells.clone()].get(k) else {
            continue;
        };
        let Some(end) = early_paragraph_end(&cell.text) else {
            continue;
        };
        let rest = cell.text.split_once(end).map_or("", |(_, rest)| rest);
        diags.push(Diagnostic::new(
            Code::RowsRunTogether,
            row.span,
            lines,
            format!(
                "the task's text has a paragraph that ends before its line does ({:?}, then \
                 {:?}): in a table without numbers, PyMuPDF's layout mode writes two tasks \
                 beside a merged cell as one row; if the PDF shows two rows here, this task \
                 holds both texts and the tasks under it are numbered one less than the \
                 notice counts them; check it against the PDF",
                text::preview(end, 12),
                text::preview(&text::compact(rest), 12)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_ending_before_its_line_in_a_wrapped_cell() {
        let cell = "加强食品药品安全监管，食品安全抽检合格\n率达到85%以上。\n\
                    加强食品药品安全监管，食品安全抽检合格\n率达到93%以上。";
        assert_eq!(early_paragraph_end(cell), Some("率达到85%以上。"));
        // A first line that is a paragraph of its own, the wraps below it.
        let cell = "全年完成国土绿化1.5万亩。\n开展非法倾倒固体废物专项整治，倒逼工业\n\
                    污染源全面完成达标排放。";
        assert_eq!(early_paragraph_end(cell), Some("全年完成国土绿化1.5万亩。"));
    }

    #[test]
    fn no_paragraph_end_where_the_lines_are_wraps_or_paragraphs() {
        // Every line but the last filled by the wrap.
        let cell = "加强食品药品安全监管，食品安全抽检合格\n率达到85%以上。加强审计监督，推动\n审计整改落实到位。";
        assert_eq!(early_paragraph_end(cell), None);
        // Paragraphs, no wrap (a Word converter writes each paragraph on a line).
        let cell = "加强审计监督。\n深入推进法治政府建设，规范重大行政决策程序。\n确保全年目标任务顺利完成。";
        assert_eq!(early_paragraph_end(cell), None);
        // The short line the last: the task's text ends there.
        let cell = "加强食品药品安全监管，食品安全抽检合格\n率达到85%以上。加强审计监督，推动\n\
                    落实到位。";
        assert_eq!(early_paragraph_end(cell), None);
        // Marks on lines of their own (pymupdf4llm 0.x), not paragraphs.
        let cell = "深化国有企业改革 完成国有企业整合重组 推进“高效办成 件\n一\n， 。\n事” 新增集成办理事项2项";
        assert_eq!(early_paragraph_end(cell), None);
    }
}
