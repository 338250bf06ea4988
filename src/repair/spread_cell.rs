//! A merged cell's lines spread over the rows it covers (PyMuPDF 2's layout mode, the default
//! of `pymupdf` 2.x): Word draws a cell merged over tasks 7–9 with its text in lines, and the
//! converter gives each line to the row it stands beside, cut wherever the line ends:
//! `县工信局、县商` / `务局` and `县融媒体中心、县政府` / `办、县卫健局、县水利` / `局`.
//!
//! - **Detector** ([`detect`]): two rows of one page, a names or deadline cell of the lower
//!   one beginning with a piece no name begins with (`务局`, `办`; `底前` in a deadline), under
//!   a cell that ends cut (`县商`, `2027年9月`) or whose last name that piece would complete
//!   (`县政府` + `办`).
//! - **Repair**: the lower cell's text joins the cell above (without a break: the line ended
//!   inside a name) and the lower cell is left empty, so that its task inherits the merged
//!   cell as the rows a merge covers do; again for the row under it, while the shape goes on.
//! - **Diagnostic**: `W024` on the rows joined (a reading to check).
//!
//! Fixtures: `fixtures/repair-spread-cell-fires.md` (PyMuPDF 2 layout), and
//! `fixtures/repair-spread-cell-not-here.md` (rows whose cells each hold whole names).

use std::borrow::Cow;

use super::page_split_cell::{
    NAME_COLUMNS, column_name, ends_cut, joined_lines, last_piece, parts_names,
};
use crate::dataset::Column;
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::{LineIndex, Span};
use crate::stitch::LogicalTable;
use crate::text;
use crate::units;

/// The first piece of a names cell, before its first separator, its line breaks removed.
fn first_piece(cell: &str) -> Cow<'_, str> {
    let cell = cell.trim_start();
    joined_lines(cell.split(parts_names).next().unwrap_or(cell))
}

/// Whether the lower cell `below` of `column` goes on with the cell `above`.
fn goes_on(above: &str, below: &str, column: Column, rules: &Rules) -> bool {
    let (above, below) = (above.trim(), below.trim());
    if above.is_empty() || below.is_empty() {
        return false;
    }
    if column == Column::Deadline {
        // `2027年9月` / `底前`, `2026年` / `10月底前`.
        let cut = above.ends_with(['年', '月']) && !above.ends_with("年底");
        let rest = below.starts_with(['底', '前', '日', '中', '上', '下'])
            || (above.ends_with('年') && below.contains('月') && !below.contains('年'));
        return cut && rest;
    }
    // A piece begun by a level begins a name (checked before the pieces are cut out: most
    // cells begin so).
    if below.starts_with(|c| rules.is_unit_level(c)) {
        return false;
    }
    let first = first_piece(below);
    let first = &*first;
    if first.is_empty() {
        return false;
    }
    if column == Column::Leaders {
        return ends_cut(above, column, rules) && first.chars().count() <= 2;
    }
    ends_cut(above, column, rules)
        || ((first.chars().count() == 1 || !units::ends_like_name(first, rules))
            && units::ends_like_name(&format!("{}{first}", last_piece(above)), rules))
}

/// The columns this pass reads.
fn spread_columns(column: Column) -> bool {
    NAME_COLUMNS.contains(&column) || column == Column::Deadline
}

/// Whether two rows of one page have a cell that goes on with the one above.
pub(super) fn detect(table: &LogicalTable<'_>, rules: &Rules) -> bool {
    (1..table.rows.len()).any(|i| {
        let (upper, lower) = (&table.rows[i - 1], &table.rows[i]);
        upper.table == lower.table
            && table.tables[upper.table]
                .columns
                .iter()
                .zip(upper.cells.clone().zip(lower.cells.clone()))
                .any(|(&c, (a, b))| {
                    spread_columns(c)
                        && goes_on(&table.cells[a].text, &table.cells[b].text, c, rules)
                })
    })
}

/// Each spread cell joined into the row where it starts.
pub(super) fn repair(
    table: &mut LogicalTable<'_>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    for i in 1..table.rows.len() {
        let (upper, lower) = (table.rows[i - 1].table, table.rows[i].table);
        if upper != lower {
            continue;
        }
        let columns = table.tables[upper].columns.clone();
        for (k, &column) in columns.iter().enumerate() {
            if !spread_columns(column) {
                continue;
            }
            // The cell holding the merged text: the nearest one above with text, across
            // cells emptied by this pass or left empty by the merge, on this page.
            let Some(holder) = (0..i)
                .rev()
                .take_while(|&h| table.rows[h].table == upper)
                .map(|h| table.rows[h].cells.start + k)
                .find(|&a| !table.cells[a].text.trim().is_empty())
            else {
                continue;
            };
            let b = table.rows[i].cells.start + k;
            if !goes_on(
                &table.cells[holder].text,
                &table.cells[b].text,
                column,
                rules,
            ) {
                continue;
            }
            let rest = std::mem::take(&mut table.cells[b].text);
            let rest_span = table.cells[b].span;
            table.cells[b].span = Span::new(rest_span.start, rest_span.start);
            let cell = &mut table.cells[holder];
            let cut = text::preview(&last_piece(&cell.text), 12);
            let mut joined = cell.text.trim_end().to_owned();
            joined.push_str(rest.trim_start());
            cell.text = Cow::Owned(joined);
            cell.span = cell.span.cover(rest_span);
            let name = if column == Column::Deadline {
                "deadline"
            } else {
                column_name(column)
            };
            diags.push(Diagnostic::new(
                Code::SpreadCell,
                cell.span.cover(table.rows[i].span),
                lines,
                format!(
                    "the {name} cell under {cut:?} begins with {:?}, the rest of it (a merged \
                     cell's lines spread over the rows it covers, as PyMuPDF's layout mode \
                     writes them): joined to it, the row inheriting it; check it",
                    text::preview(rest.trim(), 12),
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_goes_on_with_the_one_above() {
        let rules = Rules::builtin();
        let r = Column::Responsible;
        assert!(goes_on("县工信局、县商", "务局", Column::Lead, rules));
        assert!(goes_on(
            "县融媒体中心、县政府",
            "办、县卫健局、县水利",
            r,
            rules
        ));
        assert!(goes_on("县发展和改革", "局", Column::Lead, rules));
        assert!(goes_on("2027年9月", "底前", Column::Deadline, rules));
        assert!(goes_on("2026年", "10月底前", Column::Deadline, rules));
        assert!(goes_on("高文博、赵", "娟", Column::Leaders, rules));
        // Whole names each: no.
        assert!(!goes_on("县工信局", "县商务局", Column::Lead, rules));
        assert!(!goes_on("县工信局", "各乡镇人民政府", r, rules));
        assert!(!goes_on("县政府", "国网临泽县供电公司", r, rules));
        assert!(!goes_on(
            "2027年9月底前",
            "2027年10月底前",
            Column::Deadline,
            rules
        ));
        assert!(!goes_on("高文博", "赵娟", Column::Leaders, rules));
    }
}
