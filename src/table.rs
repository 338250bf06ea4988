//! The table model every reader produces: a table as it stands in the input ([`PageTable`],
//! one PDF page's worth, typically), its rows ([`Row`]) and cells ([`Cell`]) with their byte
//! spans, and the paragraphs around them ([`Paragraph`]), in document order ([`Block`]).
//!
//! Pipe tables (`markdown`), HTML tables (`html`), pandoc's grid, multiline and simple tables
//! (`grid`) and tab-separated text (`tsv`) are read into it; `blocks` puts them in document
//! order. The cells of all tables are kept in one `Vec<Cell>`, a row naming its range of it.

use std::borrow::Cow;
use std::ops::Range;

use crate::dataset::TableKind;
use crate::span::Span;

/// One table cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell<'a> {
    /// The cell's text with inline markup removed, trimmed. A `<br>` becomes `\n`. Borrowed
    /// from the input unless markup or escapes made it differ.
    pub text: Cow<'a, str>,
    /// Span of the cell's content (without the padding around it); empty for an empty cell.
    pub span: Span,
}

/// One table row: where its cells stand among all tables' cells (one `Vec<Cell>` a
/// document), and the span of the whole line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The row's cells (as many as the table's header has): a range of all tables' cells.
    pub cells: Range<usize>,
    /// Span of the row, from its first to its last byte.
    pub span: Span,
    /// How many cells the row was written with. A pipe row with fewer cells than its header
    /// is padded with empty ones (a converter that leaves out the cells a merge covers
    /// writes such rows); HTML and grid rows are never short.
    pub written: usize,
}

/// A table as it stands in the markdown: one PDF page's worth, typically.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageTable {
    /// The table's first row, which markdown makes its header.
    pub header: Row,
    /// The rows after the delimiter row.
    pub rows: Vec<Row>,
    /// Span of the whole table.
    pub span: Span,
    /// Whether it was a pipe table or an HTML table.
    pub kind: TableKind,
}

/// A paragraph or heading outside tables, with its text (inline markup removed, trimmed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph<'a> {
    /// The text; soft and hard line breaks become `\n`.
    pub text: Cow<'a, str>,
    /// Span of the block.
    pub span: Span,
}

impl PageTable {
    /// The text of each row's cells, header first (for tests).
    #[cfg(test)]
    pub(crate) fn texts(&self, cells: &[Cell<'_>]) -> Vec<Vec<String>> {
        std::iter::once(&self.header)
            .chain(&self.rows)
            .map(|r| {
                cells[r.cells.clone()]
                    .iter()
                    .map(|c| c.text.to_string())
                    .collect()
            })
            .collect()
    }
}

/// A top-level block of the document, in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block<'a> {
    /// A paragraph or heading.
    Paragraph(Paragraph<'a>),
    /// A table.
    Table(PageTable),
}

impl Cell<'_> {
    /// An empty cell at byte `at` (a cell a merge covers, a short row's padding).
    pub fn empty(at: usize) -> Self {
        Cell {
            text: Cow::Borrowed(""),
            span: Span::new(at, at),
        }
    }
}

/// What reading a document's tables gives: its blocks, the cells of all their tables (the
/// rows' ranges), and what the readers had to say.
pub type Parsed<'a> = (
    Vec<Block<'a>>,
    Vec<Cell<'a>>,
    Vec<crate::diagnostic::Diagnostic>,
);
