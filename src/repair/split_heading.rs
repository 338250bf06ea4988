//! A heading a PDF converter cut at the table's column lines (pymupdf4llm, pdfplumber):
//! `| 一、主要预 | 期目标 | | |`, or two rows run together, line by line (`| 一、推动产业<br>
//! （一）做强先 | 转型升级<br>进制造业 | | |`). When the row's text stands only in number,
//! label, text or unknown columns, its number cell holds no task number, and its cells read
//! together (line by line when each has as many lines) as sections and sub-category labels,
//! they are those; the records stage opens them.
//!
//! Detector: text in two cells or more, all in such columns, the first no task number. Code:
//! I008 (`SplitHeading`).

use crate::dataset::Column;
use crate::table::Cell;
use crate::text;

/// The row's cells with text, trimmed, with their places.
fn filled<'c>(cells: &'c [Cell<'_>]) -> Vec<(usize, &'c str)> {
    cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !text::trim(&c.text).is_empty())
        .map(|(i, c)| (i, text::trim(&c.text)))
        .collect()
}

/// Whether the row's text stands in two cells or more, all in number, label, text or unknown
/// columns, and its first such cell holds no task number. (Every task row is asked: it
/// allocates nothing.)
pub fn detect(columns: &[Column], cells: &[Cell<'_>]) -> bool {
    let plain = |i: usize| {
        matches!(
            columns.get(i),
            Some(Column::Seq | Column::Label | Column::Text | Column::Unknown) | None
        )
    };
    let mut filled = cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !text::trim(&c.text).is_empty());
    let Some((first_at, first)) = filled.next() else {
        return false;
    };
    let mut count = 1;
    for (i, _) in filled {
        if !plain(i) {
            return false;
        }
        count += 1;
    }
    count >= 2 && plain(first_at) && text::task_number(text::trim(&first.text)).is_none()
}

/// The headings the cut row gives, with how many cells its text was cut across; `None` when
/// its cells read together are no headings.
pub fn read(cells: &[Cell<'_>]) -> Option<(usize, Vec<String>)> {
    let filled = filled(cells);
    let lines: Vec<Vec<&str>> = filled.iter().map(|(_, t)| t.lines().collect()).collect();
    let count = lines.first()?.len();
    let headings: Vec<String> = if count > 1 && lines.iter().all(|l| l.len() == count) {
        (0..count)
            .map(|k| lines.iter().map(|l| l[k].trim()).collect())
            .collect()
    } else {
        vec![text::compact(
            &filled.iter().map(|(_, t)| *t).collect::<String>(),
        )]
    };
    let is_heading =
        |h: &str| text::section_heading(h).is_some() || text::subcategory_label(h).is_some();
    headings
        .iter()
        .all(|h| is_heading(h))
        .then_some((filled.len(), headings))
}
