//! The notice's paragraph under the table drawn into the table's last row (PyMuPDF 2's layout
//! mode): `各牵头单位要于每季度第三个月20日前将工作落实情况报送县政府督查室。`, written right
//! under the table, comes out as a row of it, its text spread over the cells
//! (`|各牵头单位要于每季度第三个月20 日前将工作落实|情况报送县政|府督查室。||`). Read as it
//! stands, it is a task, and the notice loses its reporting rule.
//!
//! - **Detector** ([`detect`]): the task table's last row, its cells' text joined, reads as a
//!   reporting rule (`reporting::read_clause`): no task reads so.
//! - **Repair**: the row leaves the table; its text is read with the paragraphs after the
//!   table ([`LogicalTable::after`]).
//! - **Diagnostic**: `I031`, on the row.
//!
//! Fixtures: `fixtures/repair-closing-row-fires.md` (PyMuPDF 2 layout), and
//! `fixtures/repair-closing-row-not-here.md` (a last task that names a reporting period,
//! `每季度开展一次安全检查`, but no report to send: a task).

use std::borrow::Cow;

use crate::diagnostic::{Code, Diagnostic};
use crate::reporting::{self, Clause};
use crate::rules::Rules;
use crate::span::LineIndex;
use crate::stitch::LogicalTable;
use crate::table::Paragraph;
use crate::text;

/// The text of the table's last row, its cells joined, when it reads as a reporting rule.
fn closing_text(table: &LogicalTable<'_>, rules: &Rules) -> Option<String> {
    let row = table.rows.last()?;
    let joined: String = table.cells[row.cells.clone()]
        .iter()
        .map(|c| text::compact(&c.text))
        .collect();
    let rule = joined
        .split(['。', '；'])
        .any(|clause| matches!(reporting::read_clause(clause, rules), Clause::Rule(_)));
    rule.then_some(joined)
}

/// Whether the table's last row reads as a reporting rule.
pub(super) fn detect(table: &LogicalTable<'_>, rules: &Rules) -> bool {
    closing_text(table, rules).is_some()
}

/// The row out of the table, its text among the paragraphs after it.
pub(super) fn repair(
    table: &mut LogicalTable<'_>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(joined) = closing_text(table, rules) else {
        return;
    };
    let Some(row) = table.rows.pop() else {
        return;
    };
    diags.push(Diagnostic::new(
        Code::ClosingRow,
        row.span,
        lines,
        format!(
            "the table's last row reads as the notice's reporting rule, its text spread over \
             the cells (PyMuPDF's layout mode drew the paragraph under the table into it): \
             read as a paragraph after the table: {:?}",
            text::preview(&joined, 40)
        ),
    ));
    table.after.push(Paragraph {
        text: Cow::Owned(joined),
        span: row.span,
    });
}
