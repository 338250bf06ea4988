//! Header cells a converter named itself (pymupdf4llm 0.x and PyMuPDF 2's to-markdown): a
//! table whose first row has empty cells gets `Col1`, `Col2`… for them, since a markdown
//! table needs a header. On a page that starts inside a task row cut by the page break, the
//! first row is that row's rest: `|Col1|度<br>。|Col3|局|`, under which `Col1` would read as a
//! task number.
//!
//! - **Detector** ([`detect`]): a pipe table's header cell that is exactly `Col` and its own
//!   1-based position (`Col3` third).
//! - **Repair**: such cells are empty, as the converter found them; the page-break rules then
//!   read the row (a continuation of the task above, `I010`).
//! - **Diagnostic**: `I023`, once per page table.
//!
//! Fixtures: `fixtures/repair-placeholder-header-fires.md` (pymupdf4llm 0.2), and
//! `fixtures/repair-placeholder-header-not-here.md` (a column really headed `Col2`, out of
//! place: no placeholder).

use std::borrow::Cow;

use crate::dataset::TableKind;
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::{LineIndex, Span};
use crate::table::{Cell, PageTable};
use crate::text;

/// Whether `text` is the placeholder of the header cell at 0-based `position`.
fn is_placeholder(text: &str, position: usize) -> bool {
    text.strip_prefix("Col")
        .and_then(|n| n.parse::<usize>().ok())
        .is_some_and(|n| n == position + 1)
}

/// Whether some header cell of a pipe table is its position's placeholder.
pub(super) fn detect(page: &PageTable, cells: &[Cell<'_>], _: &Rules) -> bool {
    page.kind == TableKind::Pipe
        && cells[page.header.cells.clone()]
            .iter()
            .enumerate()
            .any(|(i, c)| is_placeholder(text::trim(&c.text), i))
}

/// The placeholders emptied, and said so.
// The signature is every page pass's (`PagePass::repair`), which others need to grow `cells`.
#[allow(clippy::ptr_arg)]
pub(super) fn repair(
    page: &mut PageTable,
    cells: &mut Vec<Cell<'_>>,
    lines: &LineIndex,
    _: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    let mut emptied = Vec::new();
    for (i, cell) in cells[page.header.cells.clone()].iter_mut().enumerate() {
        if is_placeholder(text::trim(&cell.text), i) {
            emptied.push(text::trim(&cell.text).to_owned());
            cell.text = Cow::Borrowed("");
            cell.span = Span::new(cell.span.end, cell.span.end);
        }
    }
    if emptied.is_empty() {
        return;
    }
    diags.push(Diagnostic::new(
        Code::PlaceholderHeader,
        page.header.span,
        lines,
        format!(
            "the table's first row has the cells {} that its converter named for want of a \
             header (pymupdf4llm): read as empty",
            emptied.join(", ")
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_cell_named_for_its_own_place_is_a_placeholder() {
        assert!(is_placeholder("Col1", 0));
        assert!(is_placeholder("Col3", 2));
        assert!(!is_placeholder("Col2", 0));
        assert!(!is_placeholder("Col", 0));
        assert!(!is_placeholder("Column1", 0));
    }
}
