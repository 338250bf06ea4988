//! A merged unit cell cut by a page break (pymupdf4llm 0.x, PyMuPDF 2, pdfplumber): Word
//! writes a cell merged over tasks 18–20 partly at the foot of one page and partly at the head
//! of the next; the converter gives the first part to task 18's row and the rest to the first
//! row of the next page (task 19), cut inside a name: `区政府各部门 区生态环境局 区` over
//! `总工会 区商务局 区数据局`.
//!
//! - **Detector** ([`detect`]): a page's last row and the next page's first row, both in the
//!   task table, and a unit or leaders cell of the upper one that ends with a piece no name
//!   ends with: a level alone (`区`), a unit name cut short (`市审`), a single character in a
//!   leaders cell (`赵`).
//! - **Repair**: the lower cell's text is the rest of the upper one (joined without a break,
//!   the wrap was inside a name), and the lower cell is left empty: its task inherits the
//!   merged cell, as the rows the merge covers do. In a table without numbers, a lower row
//!   that holds nothing but its text and the cut cells' rests is the rest of the row above
//!   (Word breaks a tall row over the page, every cell with it; pdfplumber, PyMuPDF): its text
//!   joins the task's, and the row is gone.
//! - **Diagnostic**: `W022` on both rows (a reading to check: the lower row's cell could, in a
//!   notice unlike any seen, have been its own). A cut no row under it completes (the
//!   table's last row, its rest left outside the table) gets `W023` on its row.
//!
//! Fixtures: `fixtures/repair-page-split-cell-fires.md` (pymupdf4llm 0.2), and
//! `fixtures/repair-page-split-cell-not-here.md` (a page's last unit cell ending with a whole
//! name: nothing joined); without numbers, `repair-page-split-cell-no-number-column.md` (the
//! row's rest) and `…-own-lead.md` (a lower row with a lead of its own: a task of its own).

use std::borrow::Cow;

use crate::dataset::Column;
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::LineIndex;
use crate::stitch::LogicalTable;
use crate::text;
use crate::units;

/// The columns whose cells hold names.
pub(super) const NAME_COLUMNS: [Column; 3] = [Column::Lead, Column::Responsible, Column::Leaders];

/// The marks that part names in a cell: `、，,；;`.
pub(super) const NAME_SEPARATORS: [char; 5] = ['、', '，', ',', '；', ';'];

/// Whether `c` parts names in a cell: a separator or a space (a line break is a wrap, which
/// may fall inside a name: `郑<br>洋`).
pub(super) fn parts_names(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '；' | ';' | ' ' | '\u{3000}' | '\t')
}

/// The marks a names cell may end with after its last name.
const LIST_END: [char; 6] = ['。', '；', ';', '，', ',', '、'];

/// The last piece of a names cell, after its last separator, its line breaks removed.
pub(super) fn last_piece(cell: &str) -> Cow<'_, str> {
    let cell = cell.trim_end_matches(LIST_END).trim_end();
    joined_lines(cell.rsplit(parts_names).next().unwrap_or(cell))
}

/// `piece` with its line breaks (and any other white space) removed, borrowed when it has
/// none: most pieces are one whole name.
pub(super) fn joined_lines(piece: &str) -> Cow<'_, str> {
    if piece.contains(char::is_whitespace) {
        Cow::Owned(piece.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        Cow::Borrowed(piece)
    }
}

/// Whether a names cell of `column` ends cut: with a piece no name ends with.
pub(super) fn ends_cut(cell: &str, column: Column, rules: &Rules) -> bool {
    if column != Column::Leaders {
        // Most cells end with a whole name, which is no level alone: ruled out before the
        // last piece is cut out (a cell that ends like a name as written ends with a piece
        // that does).
        let written = cell.trim_end_matches(LIST_END).trim_end();
        if written
            .chars()
            .next_back()
            .is_some_and(|c| !rules.is_unit_level(c))
            && units::ends_like_name_as_written(written, rules)
        {
            return false;
        }
    }
    let piece = last_piece(cell);
    let piece = &*piece;
    let mut chars = piece.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let single = chars.next().is_none();
    if column == Column::Leaders {
        // A person's name has two characters or more; a cell of names, four at most each
        // (not a task's text a converter filled the cell with). Names are parted by marks: a
        // space may be a wrap inside a name (`郑 洋`, pdfplumber).
        let length = |name: &str| name.chars().filter(|c| !c.is_whitespace()).count();
        let mut names = cell.split(NAME_SEPARATORS);
        return names.next_back().is_some_and(|last| length(last) == 1)
            && !first.is_ascii()
            && names.all(|name| length(name) <= 4);
    }
    // A level alone; or a short piece begun by a level that ends like no name and with no
    // role word (`县审`, not `县财政局配合`).
    if !rules.is_unit_level(first) {
        return false;
    }
    let short = (2..=MAX_CUT_CHARS).contains(&piece.chars().count());
    single
        || (short
            && !units::ends_like_name(piece, rules)
            && rules.role_word_ending(piece).is_none())
}

/// Most characters of a name cut short that is read as one (`县农业农`); a longer piece
/// that ends like no name is a sentence or a note, for other rules.
const MAX_CUT_CHARS: usize = 20;

/// The pairs (index into the rows) of a page's last row and the next page's first row.
fn page_breaks<'t>(table: &'t LogicalTable<'_>) -> impl Iterator<Item = usize> + 't {
    (1..table.rows.len()).filter(|&i| table.rows[i].table != table.rows[i - 1].table)
}

/// Whether some row has a names cell cut short.
pub(super) fn detect(table: &LogicalTable<'_>, rules: &Rules) -> bool {
    (0..table.rows.len()).any(|i| !cut_cells(table, i, rules).is_empty())
}

/// The names cells of row `i` cut short, with their columns.
fn cut_cells(table: &LogicalTable<'_>, i: usize, rules: &Rules) -> Vec<(usize, Column)> {
    let row = &table.rows[i];
    table.tables[row.table]
        .columns
        .iter()
        .zip(row.cells.clone())
        .filter(|&(&c, a)| NAME_COLUMNS.contains(&c) && ends_cut(&table.cells[a].text, c, rules))
        .map(|(&c, a)| (a, c))
        .collect()
}

/// The cells (upper, lower) of the names columns cut at the break before row `i`.
fn cut_columns(table: &LogicalTable<'_>, i: usize, rules: &Rules) -> Vec<(usize, usize, Column)> {
    let (upper, lower) = (&table.rows[i - 1], &table.rows[i]);
    let columns = &table.tables[upper.table].columns;
    if table.tables[lower.table].columns != *columns {
        return Vec::new();
    }
    columns
        .iter()
        .zip(upper.cells.clone().zip(lower.cells.clone()))
        .filter(|(c, _)| NAME_COLUMNS.contains(c))
        .filter(|&(&c, (a, b))| {
            ends_cut(&table.cells[a].text, c, rules) && !table.cells[b].text.trim().is_empty()
        })
        .map(|(&c, (a, b))| (a, b, c))
        .collect()
}

/// Each cut cell joined with the rest the next page gave the row under it.
pub(super) fn repair(
    table: &mut LogicalTable<'_>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    let breaks: Vec<usize> = page_breaks(table).collect();
    let mut joined_rows: Vec<usize> = Vec::new();
    for i in breaks {
        let cuts = cut_columns(table, i, rules);
        let columns = table.tables[table.rows[i].table].columns.clone();
        // In a table without numbers, a next page's first row that holds only its text and
        // the rests of the cut cells is the rest of the row above (Word breaks a tall row
        // over the page, every cell with it), not a task of its own under a merged cell.
        let rest_of_row = !cuts.is_empty()
            && !columns.contains(&Column::Seq)
            && columns.contains(&Column::Text)
            && columns
                .iter()
                .zip(table.rows[i].cells.clone())
                .all(|(c, k)| {
                    *c == Column::Text
                        || cuts.iter().any(|&(_, b, _)| b == k)
                        || table.cells[k].text.trim().is_empty()
                });
        for &(a, b, column) in &cuts {
            let rest = std::mem::take(&mut table.cells[b].text);
            let rest_span = table.cells[b].span;
            table.cells[b].span = crate::span::Span::new(rest_span.start, rest_span.start);
            let cut = text::preview(&last_piece(&table.cells[a].text), 12);
            let upper = &mut table.cells[a];
            let mut joined = upper.text.trim_end().to_owned();
            joined.push_str(rest.trim_start());
            upper.text = Cow::Owned(joined);
            upper.span = upper.span.cover(rest_span);
            let span = table.rows[i - 1].span.cover(table.rows[i].span);
            let reading = if rest_of_row {
                "read as one row cut by the page break (a table without numbers: the lower \
                 row's text is the rest of the task above)"
            } else {
                "read as one cell merged over both rows, cut by the page break (the lower row \
                 inherits it)"
            };
            diags.push(Diagnostic::new(
                Code::PageSplitCell,
                span,
                lines,
                format!(
                    "the {} cell at the foot of a page ends inside a name ({cut:?}) and the next \
                     page's first row begins its cell with {:?}: {reading}; check it",
                    column_name(column),
                    text::preview(rest.trim(), 12),
                ),
            ));
        }
        if rest_of_row {
            let text_at = columns.iter().position(|c| *c == Column::Text);
            if let Some(t) = text_at {
                let (upper, lower) = (
                    table.rows[i - 1].cells.start + t,
                    table.rows[i].cells.start + t,
                );
                let below = std::mem::take(&mut table.cells[lower].text);
                if !below.trim().is_empty() {
                    let span = table.cells[lower].span;
                    let cell = &mut table.cells[upper];
                    let mut text = cell.text.trim_end().to_owned();
                    text.push('\n');
                    text.push_str(below.trim());
                    cell.text = Cow::Owned(text);
                    cell.span = cell.span.cover(span);
                }
            }
            joined_rows.push(i);
        }
    }
    for &i in joined_rows.iter().rev() {
        let lower = table.rows.remove(i);
        let upper = &mut table.rows[i - 1];
        upper.span = upper.span.cover(lower.span);
    }
    // A cut no next row completes (the table's last row; the rest left outside the table as
    // loose text by the converter): said on its row.
    for i in 0..table.rows.len() {
        for (a, column) in cut_cells(table, i, rules) {
            diags.push(Diagnostic::new(
                Code::CutName,
                table.rows[i].span,
                lines,
                format!(
                    "the {} cell ends inside a name ({:?}): the rest of it is missing (a PDF \
                     converter cut the row, perhaps leaving the rest outside the table)",
                    column_name(column),
                    text::preview(&last_piece(&table.cells[a].text), 12),
                ),
            ));
        }
    }
}

/// A column's name in a message.
pub(super) fn column_name(column: Column) -> &'static str {
    match column {
        Column::Lead => "lead",
        Column::Responsible => "responsible",
        _ => "leaders",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_cut_inside_a_name() {
        let rules = Rules::builtin();
        assert!(ends_cut(
            "区政府各部门 区生态环境局 区",
            Column::Responsible,
            rules
        ));
        assert!(ends_cut("市数据局、市审", Column::Responsible, rules));
        assert!(ends_cut("高文博、赵", Column::Leaders, rules));
        assert!(!ends_cut(
            "区政府各部门 区生态环境局",
            Column::Responsible,
            rules
        ));
        assert!(!ends_cut("各乡镇人民政府", Column::Responsible, rules));
        assert!(!ends_cut("高文博、赵娟", Column::Leaders, rules));
        assert!(!ends_cut("唐娟、郑\n洋", Column::Leaders, rules));
        assert!(!ends_cut("唐娟、郑 洋", Column::Leaders, rules));
        assert!(!ends_cut(
            "新培育专精特新企业10\n项",
            Column::Leaders,
            rules
        ));
        assert!(!ends_cut("", Column::Lead, rules));
        assert!(!ends_cut(
            "县住房和城乡建设局配合",
            Column::Responsible,
            rules
        ));
        assert!(!ends_cut("县财政局配合", Column::Responsible, rules));
        assert!(!ends_cut(
            "县财政局等相关单位按职责分工负责",
            Column::Responsible,
            rules
        ));
    }
}
