//! Stage 3: page tables → one logical table.
//!
//! Recognises header rows by their names (whitespace removed, synonyms in `data/headers.tsv`),
//! gives every column a role, resolves horizontally merged header cells, and drops the header
//! rows that each PDF page repeats.

use std::borrow::Cow;
use std::ops::Range;

use crate::columns::header_columns;
use crate::dataset::{Column, Table, TableStatus};
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::{LineIndex, Span};
use crate::table::{Cell, PageTable, Row};

/// A body row of the logical table.
#[derive(Clone, Debug)]
pub struct LogicalRow {
    /// The row's cells: a range of [`LogicalTable::cells`].
    pub cells: Range<usize>,
    /// Span of the row.
    pub span: Span,
    /// Index into [`LogicalTable::tables`] of the page table the row is on.
    pub table: usize,
    /// How many cells the row was written with (see [`Row::written`]).
    pub written: usize,
}

/// A body row with its cells, as the records stage reads it.
#[derive(Debug)]
pub struct RowCells<'r, 'a> {
    /// The row's cells.
    pub cells: &'r mut [Cell<'a>],
    /// Span of the row.
    pub span: Span,
    /// Index into [`LogicalTable::tables`] of the page table the row is on.
    pub table: usize,
    /// How many cells the row was written with: fewer than `cells` when a converter left
    /// out the cells a merge covers.
    pub written: usize,
}

/// The task table, stitched together from its pages.
#[derive(Clone, Debug, Default)]
pub struct LogicalTable<'a> {
    /// Every table of the input, task table or not, with its column roles.
    pub tables: Vec<Table>,
    /// Body rows of the task table's pages, in order, repeated headers removed.
    pub rows: Vec<LogicalRow>,
    /// The cells of all tables' rows, as [`crate::blocks::parse`] gave them: rows are
    /// ranges of them.
    pub cells: Vec<Cell<'a>>,
    /// For each table, the index of the table whose header row named its columns (itself,
    /// or for a continuation the page it continues).
    pub header_of: Vec<usize>,
    /// Paragraphs a repair took out of the table's rows (`crate::repair::closing_row`): read
    /// with the paragraphs after the table, before them.
    pub after: Vec<crate::table::Paragraph<'a>>,
}

/// One field of a row: the joined text of the columns with that role, and their span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field<'a> {
    /// The text (columns joined with a space when a header spans several).
    pub text: Cow<'a, str>,
    /// Span covering the field's cells.
    pub span: Span,
}

impl<'a> LogicalTable<'a> {
    /// The column roles of the page `row` is on.
    pub fn columns(&self, row: &RowCells<'_, '_>) -> &[Column] {
        &self.tables[row.table].columns
    }

    /// The field of `row` in the column(s) of role `column`; `None` if the page has none.
    pub fn field<'r>(&'r self, row: &'r RowCells<'_, '_>, column: Column) -> Option<Field<'r>> {
        let mut cells = self.cells_of(row, column);
        let first = cells.next()?;
        let mut field = Field {
            text: Cow::Borrowed(&*first.text),
            span: first.span,
        };
        let mut previous = &*first.text;
        for cell in cells {
            if cell.text != previous {
                field.join(&cell.text, cell.span);
            }
            previous = &cell.text;
        }
        Some(field)
    }

    /// Like [`LogicalTable::field`], but moves the text out of the row's cells.
    pub fn take_field(&self, row: &mut RowCells<'_, 'a>, column: Column) -> Option<Field<'a>> {
        let columns = &self.tables[row.table].columns;
        let mut cells = columns
            .iter()
            .zip(row.cells.iter_mut())
            .filter(|&(c, _)| *c == column)
            .map(|(_, cell)| cell);
        let first = cells.next()?;
        let mut field = Field {
            text: std::mem::take(&mut first.text),
            span: first.span,
        };
        // A spanning cell some converters write out in every column it covers counts once.
        let mut previous_len = field.text.len();
        for cell in cells {
            let repeat = cell.text.len() == previous_len && field.text.ends_with(&*cell.text);
            if !repeat {
                field.join(&cell.text, cell.span);
            }
            previous_len = cell.text.len();
        }
        Some(field)
    }

    fn cells_of<'r>(
        &'r self,
        row: &'r RowCells<'_, '_>,
        column: Column,
    ) -> impl Iterator<Item = &'r Cell<'r>> + 'r {
        self.columns(row)
            .iter()
            .zip(row.cells.iter())
            .filter(move |&(c, _)| *c == column)
            .map(|(_, cell)| cell)
    }
}

impl Field<'_> {
    /// Append the text of another cell under the same (spanning) header.
    fn join(&mut self, text: &str, span: Span) {
        if text.is_empty() {
            return;
        }
        let joined = self.text.to_mut();
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(text);
        self.span = if self.span.start == self.span.end {
            span
        } else {
            self.span.cover(span)
        };
    }
}

/// Stitch the page tables (in document order) into one logical table.
pub fn stitch<'a>(
    pages: Vec<PageTable>,
    cells: Vec<Cell<'a>>,
    lines: &LineIndex,
    rules: &Rules,
) -> (LogicalTable<'a>, Vec<Diagnostic>) {
    let mut out = LogicalTable {
        tables: Vec::with_capacity(pages.len()),
        rows: Vec::with_capacity(pages.iter().map(|p| p.rows.len() + 1).sum()),
        cells: Vec::new(),
        header_of: Vec::with_capacity(pages.len()),
        after: Vec::new(),
    };
    let mut diags = Vec::new();
    // The last page with a header row: a page without one continues its columns.
    let mut layout: Option<usize> = None;
    let mut headers = Headers { last: None };

    for page in pages {
        let PageTable {
            header: header_row,
            rows,
            span,
            kind,
        } = page;
        let index = out.tables.len();
        let all_rows = rows.len() + 1;
        let line = lines.line(span.start);
        let mut header_text: Vec<String> = Vec::new();
        let header = &cells[header_row.cells.clone()];
        let (status, columns, body): (TableStatus, Vec<Column>, Vec<Row>) =
            if let Some(columns) = headers.columns(header, rules) {
                for (cell, col) in header.iter().zip(columns.iter()) {
                    if *col == Column::Unknown && !cell.text.is_empty() {
                        diags.push(Diagnostic::new(
                            Code::UnknownColumn,
                            cell.span,
                            lines,
                            format!(
                                "header {:?} names no known column; its cells are kept in \
                                 `extra` (to read it, add it to headers.tsv in a rules folder: \
                                 `fengong rules --help`)",
                                cell.text
                            ),
                        ));
                    }
                }
                header_text = header.iter().map(|c| c.text.to_string()).collect();
                layout = Some(index);
                (TableStatus::Task, columns, rows)
            } else {
                match layout.map(|i| &out.tables[i].columns) {
                    Some(cols) if cols.len() == header.len() => {
                        diags.push(Diagnostic::new(
                            Code::HeaderlessPageTable,
                            span,
                            lines,
                            format!(
                                "table at line {line} has no header row; read as a continuation \
                                 of the previous page's {} columns",
                                cols.len()
                            ),
                        ));
                        let mut body = Vec::with_capacity(rows.len() + 1);
                        body.push(header_row);
                        body.extend(rows);
                        (TableStatus::Continuation, cols.clone(), body)
                    }
                    Some(cols) => {
                        diags.push(Diagnostic::new(
                            Code::ColumnCountMismatch,
                            span,
                            lines,
                            format!(
                                "table at line {line} has no header row and {} columns where \
                                 the task table has {}; its {} skipped",
                                header.len(),
                                cols.len(),
                                rows_are(all_rows)
                            ),
                        ));
                        (TableStatus::Skipped, Vec::new(), Vec::new())
                    }
                    None => {
                        diags.push(Diagnostic::new(
                            Code::SkippedTable,
                            span,
                            lines,
                            format!(
                                "table at line {line} is not a task table (no header naming a \
                                 task column); its {} skipped",
                                rows_are(all_rows)
                            ),
                        ));
                        (TableStatus::Skipped, Vec::new(), Vec::new())
                    }
                }
            };
        if status != TableStatus::Skipped
            && columns.contains(&Column::Responsible)
            && !columns.contains(&Column::Lead)
        {
            diags.push(Diagnostic::new(
                Code::NoLeadColumn,
                span,
                lines,
                format!(
                    "table at line {line} has no lead column (牵头单位); its tasks get an empty \
                     lead list unless a unit cell names one (by 牵头, or first where the notice says the first listed leads)"
                ),
            ));
        }
        if status != TableStatus::Skipped && !columns.contains(&Column::Seq) {
            diags.push(Diagnostic::new(
                Code::NoSeqColumn,
                span,
                lines,
                format!(
                    "table at line {line} has no number column (序号); its tasks are numbered in \
                     order"
                ),
            ));
        }
        let mut rows_in_table = if status == TableStatus::Skipped {
            all_rows
        } else {
            body.len()
        };
        let mut repeated_headers = Vec::new();
        let mut after_header = false;
        for row in body {
            let row_cells = &cells[row.cells.clone()];
            if is_delimiter_row(row_cells) {
                // `|---|---|` in a table body is markup, not a row: under a repeated header it
                // is that header's (two tables written without a blank line between them).
                rows_in_table -= 1;
                if !after_header {
                    diags.push(Diagnostic::new(
                        Code::EmptyRow,
                        row.span,
                        lines,
                        "delimiter row |---| inside a table is skipped".to_owned(),
                    ));
                }
                after_header = false;
                continue;
            }
            after_header = headers.columns(row_cells, rules).is_some();
            if after_header {
                repeated_headers.push(lines.line(row.span.start));
                continue;
            }
            out.rows.push(LogicalRow {
                written: row.written,
                cells: row.cells,
                span: row.span,
                table: index,
            });
        }
        out.header_of.push(layout.unwrap_or(index));
        out.tables.push(Table {
            line,
            span,
            status,
            kind,
            columns,
            header: header_text,
            rows: rows_in_table,
            repeated_headers,
        });
    }
    out.cells = cells;
    (out, diags)
}

/// [`header_columns`] with the last header read kept: the page tables of a notice repeat one
/// header, each read once.
struct Headers<'c, 'a> {
    last: Option<(&'c [Cell<'a>], Vec<Column>)>,
}

impl<'c, 'a> Headers<'c, 'a> {
    fn columns(&mut self, row: &'c [Cell<'a>], rules: &Rules) -> Option<Vec<Column>> {
        if let Some((last, columns)) = &self.last {
            let same =
                last.len() == row.len() && last.iter().zip(row).all(|(a, b)| a.text == b.text);
            if same {
                return Some(columns.clone());
            }
        }
        let columns = header_columns(row, rules)?;
        self.last = Some((row, columns.clone()));
        Some(columns)
    }
}

/// `1 row is` / `3 rows are`.
fn rows_are(n: usize) -> String {
    if n == 1 {
        "1 row is".to_owned()
    } else {
        format!("{n} rows are")
    }
}

/// Whether `row` is a markdown delimiter row (`|---|:--:|`) read as a body row.
fn is_delimiter_row(cells: &[Cell<'_>]) -> bool {
    // Spaces too: a wider table's delimiter row has its extra cells joined into the last one.
    cells
        .iter()
        .all(|c| c.text.bytes().all(|b| matches!(b, b'-' | b':' | b' ')))
        && cells.iter().any(|c| c.text.contains('-'))
}
