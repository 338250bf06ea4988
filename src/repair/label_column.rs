//! The sub-category label column under a blank header cell beside the number's (PyMuPDF 2's
//! layout mode): Word heads the number and label columns with one merged cell, `编号`, and the
//! converter writes the name in the left cell and leaves the right one blank: `|编号||重点工作|`.
//! Read by the header alone, the blank cell goes on with the number column (a merged header
//! cell), and each label (`（一）建设法治政府`) is read into the task number's cell.
//!
//! - **Detector** ([`detect`]): a page whose header gives two number columns side by side,
//!   the second under a blank header cell.
//! - **Repair**: where that second column's cells hold sub-category labels (`（一）…`) and
//!   nothing else (no number: a number there says the header spanned the number's own two
//!   cells), in the rows numbered or with no number (a heading row's title spread over the
//!   cells is none of them), it is the label column, on that page and on the pages that take their columns
//!   from it.
//! - **Diagnostic**: `I030`, on the header row.
//!
//! Fixtures: `fixtures/repair-label-column-fires.md` (PyMuPDF 2 layout), and
//! `fixtures/repair-label-column-not-here.md` (the numbers written in the right cell of the
//! merged 序号: two number columns, as read by the header).

use crate::dataset::Column;
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::LineIndex;
use crate::stitch::LogicalTable;
use crate::text;

/// The second of two number columns side by side whose header cell is blank, on page `t`.
fn second_number_column(table: &LogicalTable<'_>, t: usize) -> Option<usize> {
    let page = &table.tables[t];
    (1..page.columns.len()).find(|&k| {
        page.columns[k - 1] == Column::Seq
            && page.columns[k] == Column::Seq
            && page.header.get(k).is_some_and(|h| h.trim().is_empty())
    })
}

/// Whether some page has two number columns side by side, the second under a blank header.
pub(super) fn detect(table: &LogicalTable<'_>, _: &Rules) -> bool {
    (0..table.tables.len()).any(|t| second_number_column(table, t).is_some())
}

/// Each such column that holds sub-category labels and no number made the label column.
pub(super) fn repair(
    table: &mut LogicalTable<'_>,
    lines: &LineIndex,
    _: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    for t in 0..table.tables.len() {
        let Some(k) = second_number_column(table, t) else {
            continue;
        };
        // The cells of column k on this page and on the pages that take their columns from it.
        let pages: Vec<usize> = (0..table.tables.len())
            .filter(|&p| p == t || (table.header_of[p] == t && table.tables[p].columns.len() > k))
            .collect();
        let mut labels = 0;
        let mut first_label = None;
        let mut other = false;
        for row in table.rows.iter().filter(|r| pages.contains(&r.table)) {
            let cells = &table.cells[row.cells.clone()];
            let (Some(number), Some(cell)) = (cells.get(k - 1), cells.get(k)) else {
                continue;
            };
            // A heading row's title spread over the cells (`一、扎|实推进乡村全面振|兴`) is
            // no cell of the column.
            let number = number.text.trim();
            if !number.is_empty() && text::task_number(number).is_none() {
                continue;
            }
            let text = cell.text.trim();
            if text.is_empty() {
                continue;
            }
            if text::subcategory_label(text).is_some_and(|(_, title)| !title.is_empty()) {
                labels += 1;
                first_label.get_or_insert_with(|| text::compact(text));
            } else {
                other = true;
            }
        }
        let (false, Some(example)) = (other, first_label) else {
            continue;
        };
        for &p in &pages {
            if table.tables[p].columns[k] == Column::Seq {
                table.tables[p].columns[k] = Column::Label;
            }
        }
        let page = &table.tables[t];
        let header = page.header.get(k - 1).map_or("", |h| h.trim());
        diags.push(Diagnostic::new(
            Code::LabelColumnBesideNumber,
            page.span,
            lines,
            format!(
                "the column under the blank header cell beside {header:?} holds sub-category \
                 labels ({labels}, the first {example:?}) and no number: read as the label \
                 column (a header cell merged over the number and label columns)"
            ),
        ));
    }
}
