//! A sub-category label's lines spread over the rows its merged cell covers (PyMuPDF 2's
//! layout mode, the default of `pymupdf` 2.x): Word draws the label `（二）民生保障目标`
//! merged over tasks 2–4 in two lines, and the converter gives each line to the row it
//! stands beside: `（二）民生保` in task 2's label cell, `障目标` in task 3's. Read as they
//! stand, they are two sub-categories, the second without a number.
//!
//! - **Detector** ([`detect`]): two rows of one page, the upper one's label cell a numbered
//!   label (`（二）…`) and the lower one's a short piece with no number and no punctuation
//!   (`障目标`, `业`): what a title cut at a line end leaves.
//! - **Repair**: the piece joins the label above (without a break: the line ended inside the
//!   title) and the lower label cell is left empty; its task carries the label above, as the
//!   rows a merge covers do. A lower row holding nothing else is then empty, and skipped.
//! - **Diagnostic**: `W024` on both rows (a reading to check: the piece could, in a notice
//!   unlike any seen, be a label of its own).
//!
//! Fixtures: `fixtures/repair-spread-label-fires.md` (PyMuPDF 2 layout), and
//! `fixtures/repair-spread-label-not-here.md` (labels each whole in their cell, numbered).

use std::borrow::Cow;

use crate::dataset::Column;
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::{LineIndex, Span};
use crate::stitch::LogicalTable;
use crate::text;

/// Most characters of a label's piece spread onto the row under it (a line's end: `障目标`,
/// `业`); a longer unnumbered
/// label is a title of its own.
const MAX_PIECE_CHARS: usize = 3;

/// Whether the label cell `below` is the rest of the label `above`.
fn goes_on(above: &str, below: &str) -> bool {
    let (above, below) = (text::trim(above), text::trim(below));
    let Some((_, title)) = text::subcategory_label(above) else {
        return false;
    };
    !title.is_empty()
        && !title.ends_with(['。', '；', ';', '：', ':'])
        && !below.is_empty()
        && below.chars().count() <= MAX_PIECE_CHARS
        && text::subcategory_label(below).is_none()
        && text::section_heading(below).is_none()
        && below
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !is_cjk_mark(c))
        && !below.chars().any(|c| c.is_ascii_digit())
}

/// Chinese punctuation and brackets.
fn is_cjk_mark(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '（'
            | '）'
            | '“'
            | '”'
            | '《'
            | '》'
            | '…'
    )
}

/// The label cells (upper, lower) of rows `i - 1` and `i`, when both are on one page.
fn label_cells(table: &LogicalTable<'_>, i: usize) -> Option<(usize, usize)> {
    let (upper, lower) = (&table.rows[i - 1], &table.rows[i]);
    if upper.table != lower.table {
        return None;
    }
    let k = table.tables[upper.table]
        .columns
        .iter()
        .position(|&c| c == Column::Label)?;
    Some((upper.cells.start + k, lower.cells.start + k))
}

/// Whether two rows of one page have a label cell that goes on with the one above.
pub(super) fn detect(table: &LogicalTable<'_>, _: &Rules) -> bool {
    (1..table.rows.len()).any(|i| {
        label_cells(table, i)
            .is_some_and(|(a, b)| goes_on(&table.cells[a].text, &table.cells[b].text))
    })
}

/// Each spread label joined into the row where it starts.
pub(super) fn repair(
    table: &mut LogicalTable<'_>,
    lines: &LineIndex,
    _: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    for i in 1..table.rows.len() {
        let Some((a, b)) = label_cells(table, i) else {
            continue;
        };
        if !goes_on(&table.cells[a].text, &table.cells[b].text) {
            continue;
        }
        let upper = text::preview(&text::compact(&table.cells[a].text), 12);
        let rest = std::mem::take(&mut table.cells[b].text);
        let rest_span = table.cells[b].span;
        table.cells[b].span = Span::new(rest_span.start, rest_span.start);
        let cell = &mut table.cells[a];
        let mut joined = cell.text.trim_end().to_owned();
        joined.push_str(rest.trim());
        let label = text::preview(&text::compact(&joined), 16);
        cell.text = Cow::Owned(joined);
        cell.span = cell.span.cover(rest_span);
        diags.push(Diagnostic::new(
            Code::SpreadCell,
            table.rows[i - 1].span.cover(table.rows[i].span),
            lines,
            format!(
                "the label cell under {upper:?} holds {:?} alone, the rest of its title (a \
                 merged label's lines spread over the rows it covers, as PyMuPDF's layout mode \
                 writes them): read as {label:?}, the row carrying it; check it",
                rest.trim(),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_that_goes_on_in_the_row_under() {
        assert!(goes_on("（二）民生保", "障目标"));
        assert!(goes_on("（二）培育壮大新兴产", "业"));
        assert!(goes_on("（一）经济发\n展", "目标"));
        // A label of its own, numbered or long, a task's text: no.
        assert!(!goes_on("（一）经济发展目标", "（二）民生保障目标"));
        assert!(!goes_on("（一）经济发展目标", "二、统筹发展和安全"));
        assert!(!goes_on("（一）经济发展目标", "推进污染防治攻坚战"));
        assert!(!goes_on("（一）经济发展目标", "完成率100%"));
        assert!(!goes_on("经济发展目标", "民生保障"));
        assert!(!goes_on("（一）", "障目标"));
    }
}
