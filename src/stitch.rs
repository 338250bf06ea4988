//! Stage 3: page tables → one logical table.
//!
//! Recognises header rows by their names (whitespace removed, synonyms in `data/headers.tsv`),
//! gives every column a role, resolves horizontally merged header cells, and drops the header
//! rows that each PDF page repeats.

use std::borrow::Cow;
use std::ops::Range;

use crate::dataset::{Column, Table, TableStatus};
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::{Role, Rules};
use crate::span::{LineIndex, Span};
use crate::table::{Cell, PageTable, Row};
use crate::text;

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
    mut pages: Vec<PageTable>,
    mut cells: Vec<Cell<'a>>,
    lines: &LineIndex,
    rules: &Rules,
) -> (LogicalTable<'a>, Vec<Diagnostic>) {
    let mut out = LogicalTable {
        tables: Vec::with_capacity(pages.len()),
        rows: Vec::with_capacity(pages.iter().map(|p| p.rows.len() + 1).sum()),
        cells: Vec::new(),
        header_of: Vec::with_capacity(pages.len()),
    };
    let mut diags = Vec::new();
    for page in &mut pages {
        merge_two_row_headers(page, &mut cells, lines, rules, &mut diags);
        split_header_spill(page, &mut cells, lines, rules, &mut diags);
        split_joined_columns(page, &mut cells, lines, rules, &mut diags);
    }
    // The last page with a header row: a page without one continues its columns.
    let mut layout: Option<usize> = None;

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
            if let Some(columns) = header_columns(header, rules) {
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
            after_header = header_columns(row_cells, rules).is_some();
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
    join_continuations(&mut out, lines, &mut diags);
    (out, diags)
}

/// Header rows written over two rows (`| 序 | 目标任务 | 牵头 |` above `| 号 | | 单位 |`: a PDF
/// that wrapped the header): where a row names no columns but it and the row below, read
/// cell by cell as one, do, the two are one header row (the page's own header, or a
/// repeated one).
fn merge_two_row_headers<'a>(
    page: &mut PageTable,
    cells: &mut Vec<Cell<'a>>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    fn merged_once<'a>(
        upper: &Row,
        lower: &Row,
        cells: &mut Vec<Cell<'a>>,
        lines: &LineIndex,
        rules: &Rules,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Row> {
        // Header pieces are short: most rows are ruled out without allocating.
        const PIECE_CHARS: usize = 8;
        let short = |row: &Row| {
            cells[row.cells.clone()]
                .iter()
                .all(|c| c.text.chars().nth(PIECE_CHARS).is_none())
        };
        if upper.cells.len() != lower.cells.len()
            || !short(upper)
            || !short(lower)
            || header_columns(&cells[upper.cells.clone()], rules).is_some()
        {
            return None;
        }
        let joined: Vec<Cell<'a>> = upper
            .cells
            .clone()
            .zip(lower.cells.clone())
            .map(|(u, l)| {
                let (u, l) = (&cells[u], &cells[l]);
                let span = match (u.text.is_empty(), l.text.is_empty()) {
                    (false, false) => u.span.cover(l.span),
                    (true, false) => l.span,
                    _ => u.span,
                };
                Cell {
                    text: Cow::Owned(format!("{}{}", u.text.trim(), l.text.trim())),
                    span,
                }
            })
            .collect();
        header_columns(&joined, rules)?;
        Some(two_row_header(
            upper, lower, joined, cells, lines, diags, "",
        ))
    }
    if let Some(first) = page.rows.first() {
        if let Some(header) = merged_once(&page.header, first, cells, lines, rules, diags) {
            page.header = header;
            page.rows.remove(0);
        } else if let Some(header) = sub_headers(&page.header, first, cells, lines, rules, diags) {
            page.header = header;
            page.rows.remove(0);
        }
    }
    let mut i = 0;
    while i + 1 < page.rows.len() {
        if let Some(header) =
            merged_once(&page.rows[i], &page.rows[i + 1], cells, lines, rules, diags)
        {
            page.rows[i] = header;
            page.rows.remove(i + 1);
        }
        i += 1;
    }
}

/// The header row two rows make, its `cells` added after the others, and the I013 that says
/// so (`how` ends the message).
fn two_row_header<'a>(
    upper: &Row,
    lower: &Row,
    joined: Vec<Cell<'a>>,
    cells: &mut Vec<Cell<'a>>,
    lines: &LineIndex,
    diags: &mut Vec<Diagnostic>,
    how: &str,
) -> Row {
    let span = upper.span.cover(lower.span);
    diags.push(Diagnostic::new(
        Code::TwoRowHeader,
        span,
        lines,
        format!(
            "a header written over two rows (lines {} and {}) is read as one{how}",
            lines.line(upper.span.start),
            lines.line(lower.span.start)
        ),
    ));
    let start = cells.len();
    cells.extend(joined);
    Row {
        cells: start..cells.len(),
        span,
        written: upper.written.max(lower.written),
    }
}

/// A header over two rows where the lower names the columns a higher cell spans
/// (`| 序号 | 目标任务 | 责任单位 | |` over `| | | 牵头单位 | 配合单位 |`, as Word's merged header
/// cells arrive): the lower row holds nothing but header names and empty cells. Each column
/// takes the lower name where there is one, else the upper.
fn sub_headers<'a>(
    upper: &Row,
    lower: &Row,
    cells: &mut Vec<Cell<'a>>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) -> Option<Row> {
    let (up, low) = (&cells[upper.cells.clone()], &cells[lower.cells.clone()]);
    if up.len() != low.len()
        || !low
            .iter()
            .all(|c| c.text.is_empty() || rules.header_role(&c.text).is_some())
        || low.iter().all(|c| c.text.is_empty())
    {
        return None;
    }
    let joined: Vec<Cell<'a>> = up
        .iter()
        .zip(low)
        .map(|(u, l)| {
            if l.text.is_empty() {
                u.clone()
            } else {
                l.clone()
            }
        })
        .collect();
    header_columns(&joined, rules)?;
    Some(two_row_header(
        upper,
        lower,
        joined,
        cells,
        lines,
        diags,
        ", the lower row's names under the cells they split",
    ))
}

/// A header row that swallowed the row under it (`| 序号 | 工作任务<br>一、稳住经济<br>基本盘 |
/// 牵头单位 |`: a PDF row without a rule under the header): where the cells' first lines name
/// the columns and the whole cells do not, the first lines are the header and the rest of
/// each cell a body row under it.
fn split_header_spill<'a>(
    page: &mut PageTable,
    cells: &mut Vec<Cell<'a>>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    let header = &cells[page.header.cells.clone()];
    if !header.iter().any(|c| c.text.contains('\n')) || header_columns(header, rules).is_some() {
        return;
    }
    let split: Vec<(Cell<'a>, Cell<'a>)> = header
        .iter()
        .map(|c| {
            let (first, rest) = c.text.split_once('\n').unwrap_or((&c.text, ""));
            let at_end = Span::new(c.span.end, c.span.end);
            (
                Cell {
                    text: Cow::Owned(first.trim().to_owned()),
                    span: c.span,
                },
                Cell {
                    text: Cow::Owned(rest.trim().to_owned()),
                    span: if rest.trim().is_empty() {
                        at_end
                    } else {
                        c.span
                    },
                },
            )
        })
        .collect();
    let firsts: Vec<Cell<'a>> = split.iter().map(|(f, _)| f.clone()).collect();
    if header_columns(&firsts, rules).is_none() {
        return;
    }
    diags.push(Diagnostic::new(
        Code::HeaderSwallowedRow,
        page.header.span,
        lines,
        "the header row holds a second row under its names (a PDF table without a rule under \
         its header); read as the header and a row under it"
            .to_owned(),
    ));
    let written = page.header.written;
    let span = page.header.span;
    let start = cells.len();
    cells.extend(firsts);
    let header = Row {
        cells: start..cells.len(),
        span,
        written,
    };
    let start = cells.len();
    cells.extend(split.into_iter().map(|(_, rest)| rest));
    page.rows.insert(
        0,
        Row {
            cells: start..cells.len(),
            span,
            written,
        },
    );
    page.header = header;
}

/// A page table whose header has one cell naming the number and the task columns on two
/// lines (`序号<br>工作任务`: a PDF converter that missed the rule between them): that column
/// split in two, in the header and in every row, a number on a cell's first line going to the
/// number column (else the whole cell is the text).
fn split_joined_columns<'a>(
    page: &mut PageTable,
    cells: &mut Vec<Cell<'a>>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    let joined = |text: &str| {
        let names: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        names.len() == 2
            && rules.header_role(names[0]) == Some(Role::Seq)
            && rules.header_role(names[1]) == Some(Role::Task)
    };
    let Some(at) = cells[page.header.cells.clone()]
        .iter()
        .position(|c| joined(&c.text))
    else {
        return;
    };
    let header = &cells[page.header.cells.start + at];
    diags.push(Diagnostic::new(
        Code::JoinedColumns,
        header.span,
        lines,
        format!(
            "header cell {:?} names two columns (a PDF converter ran them together); each row's \
             cell is split: a number on its first line is the task number, the rest its text",
            header.text
        ),
    ));
    for row in std::iter::once(&mut page.header).chain(page.rows.iter_mut()) {
        let old = row.cells.clone();
        let start = cells.len();
        for j in old.clone() {
            let cell = cells[j].clone();
            if j - old.start != at {
                cells.push(cell);
                continue;
            }
            let (first, rest) = cell.text.split_once('\n').unwrap_or((&cell.text, ""));
            let numbered = text::task_number(first).is_some() || joined(&cell.text);
            let (seq, task) = if numbered {
                (first.trim().to_owned(), rest.trim().to_owned())
            } else {
                (String::new(), cell.text.trim().to_owned())
            };
            let empty_at = Span::new(cell.span.start, cell.span.start);
            cells.push(Cell {
                span: if seq.is_empty() { empty_at } else { cell.span },
                text: Cow::Owned(seq),
            });
            cells.push(Cell {
                span: if task.is_empty() { empty_at } else { cell.span },
                text: Cow::Owned(task),
            });
        }
        if row.written > at {
            row.written += 1;
        }
        row.cells = start..cells.len();
    }
}

/// Rows that continue the task above them, joined to it: a row with no number, no heading
/// and text in some cell, under a numbered task whose text stops mid-sentence (a page break,
/// or a PDF converter that cut a tall row in two). Each cell's text is added to the cell above
/// on a new line, so that the wrap rules for text and unit names apply.
fn join_continuations(
    table: &mut LogicalTable<'_>,
    lines: &LineIndex,
    diags: &mut Vec<Diagnostic>,
) {
    let mut kept: Vec<LogicalRow> = Vec::with_capacity(table.rows.len());
    for row in std::mem::take(&mut table.rows) {
        let columns = &table.tables[row.table].columns;
        let continues = kept.last().is_some_and(|above| {
            table.tables[above.table].columns == *columns
                && continues_above(
                    &table.cells[above.cells.clone()],
                    &table.cells[row.cells.clone()],
                    columns,
                )
        });
        if !continues {
            kept.push(row);
            continue;
        }
        let Some(above) = kept.last_mut() else {
            continue;
        };
        for (a, b) in above.cells.clone().zip(row.cells.clone()) {
            let below = std::mem::take(&mut table.cells[b].text);
            if below.trim().is_empty() {
                continue;
            }
            let span = table.cells[b].span;
            let cell = &mut table.cells[a];
            if cell.text.is_empty() {
                cell.text = below;
                cell.span = span;
            } else {
                let text = cell.text.to_mut();
                text.push('\n');
                text.push_str(&below);
                cell.span = cell.span.cover(span);
            }
        }
        diags.push(Diagnostic::new(
            Code::ContinuationRow,
            row.span,
            lines,
            format!(
                "row continues the task at line {} (cut by a page break or by the converter); \
                 its cells are joined to that task's",
                lines.line(above.span.start)
            ),
        ));
    }
    table.rows = kept;
}

/// Whether `row` continues `above`: `above` is numbered and its text stops mid-sentence;
/// `row` has no number and no heading, and some text.
fn continues_above(above: &[Cell<'_>], row: &[Cell<'_>], columns: &[Column]) -> bool {
    // The text of a role's cells, joined (a role has one cell but for an unusual header).
    let of = |cells: &'_ [Cell<'_>], role: Column| -> String {
        columns
            .iter()
            .zip(cells)
            .filter(|(c, _)| **c == role)
            .map(|(_, cell)| cell.text.trim())
            .collect()
    };
    if !columns.contains(&Column::Seq) || !columns.contains(&Column::Text) {
        return false;
    }
    // Most rows have a number: ruled out before the rest is looked at.
    let row_numbered = columns
        .iter()
        .zip(row)
        .any(|(c, cell)| *c == Column::Seq && !cell.text.trim().is_empty());
    if row_numbered || text::task_number(&of(above, Column::Seq)).is_none() {
        return false;
    }
    let above_text = of(above, Column::Text);
    let stops_mid_sentence = !above_text.is_empty()
        && !above_text.ends_with(['。', '；', '！', '？', '.', ';', '!', '?', '”', '）', ')']);
    let task = of(row, Column::Text);
    stops_mid_sentence
        && row.iter().any(|c| !c.text.trim().is_empty())
        && text::section_heading(&task).is_none()
        && text::subcategory_label(&task).is_none()
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

/// The column roles `row` names, if it is a header row: it names a task column and at least
/// one other known column.
pub fn header_columns(cells: &[Cell<'_>], rules: &Rules) -> Option<Vec<Column>> {
    // Most rows are body rows: rule them out before allocating. Header cells are short.
    const MAX_HEADER_CELL_BYTES: usize = 64;
    if cells.iter().any(|c| c.text.len() > MAX_HEADER_CELL_BYTES) {
        return None;
    }
    let role = |c: &Cell<'_>| rules.header_role(&c.text);
    if !cells.iter().any(|c| role(c) == Some(Role::Task)) {
        return None;
    }
    let roles: Vec<Option<Role>> = cells.iter().map(role).collect();
    let known = roles.iter().flatten().count();
    if !roles.contains(&Some(Role::Task)) || known < 2 {
        return None;
    }
    let mut columns: Vec<Column> = Vec::with_capacity(roles.len());
    // Whether a column has been made the label column (there is one at most).
    let mut has_label = false;
    for (cell, role) in cells.iter().zip(roles) {
        let column = match role {
            Some(Role::Seq) => Column::Seq,
            // 目标任务 written out over both columns it spans (Docling): label, then text.
            Some(Role::Task) if columns.last() == Some(&Column::Text) && !has_label => {
                if let Some(prev) = columns.last_mut() {
                    *prev = Column::Label;
                    has_label = true;
                }
                Column::Text
            }
            Some(Role::Task) => Column::Text,
            Some(Role::Lead) => Column::Lead,
            Some(Role::Responsible) => Column::Responsible,
            Some(Role::Leaders) => Column::Leaders,
            Some(Role::Deadline) => Column::Deadline,
            None if is_blank_header(&cell.text) => {
                match columns.last_mut() {
                    // 目标任务 spanning two columns: sub-category label, then task text.
                    Some(prev @ Column::Text) if !has_label => {
                        *prev = Column::Label;
                        has_label = true;
                        Column::Text
                    }
                    Some(prev) => *prev,
                    None => Column::Unknown,
                }
            }
            None => Column::Unknown,
        };
        columns.push(column);
    }
    Some(columns)
}

/// Whether a header cell is blank: empty, or the name a converter gives a column whose header
/// is (pymupdf4llm's `Col3`).
fn is_blank_header(text: &str) -> bool {
    let text = text.trim();
    text.is_empty()
        || text
            .strip_prefix("Col")
            .is_some_and(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(cells: &[&'a str]) -> Vec<Cell<'a>> {
        cells
            .iter()
            .map(|t| Cell {
                text: (*t).into(),
                span: Span::default(),
            })
            .collect()
    }

    #[test]
    fn header_columns_by_name() {
        use Column::*;
        let cases: &[(&[&str], Option<Vec<Column>>)] = &[
            (
                &["序号", "目标任务", "牵头单位", "责任单位"],
                Some(vec![Seq, Text, Lead, Responsible]),
            ),
            (
                &["序号", "目标任务", "", "牵头单位", "责任单位"],
                Some(vec![Seq, Label, Text, Lead, Responsible]),
            ),
            (
                &["序 号", "目 标 任 务", "", "责 任 单 位"],
                Some(vec![Seq, Label, Text, Responsible]),
            ),
            // pymupdf4llm names a column with a blank header `Col3`.
            (
                &["序号", "目标任务", "Col3", "牵头单位", "责任单位"],
                Some(vec![Seq, Label, Text, Lead, Responsible]),
            ),
            (
                &["序号", "重点工作任务", "牵头单位", "", "配合单位"],
                Some(vec![Seq, Text, Lead, Lead, Responsible]),
            ),
            (
                &["序号", "目标任务", "目标任务", "牵头单位", "责任单位"],
                Some(vec![Seq, Label, Text, Lead, Responsible]),
            ),
            (
                &["序号", "目标任务", "备注"],
                Some(vec![Seq, Text, Unknown]),
            ),
            (
                &["1", "地区生产总值增长5%左右", "县发改局", "各乡镇人民政府"],
                None,
            ),
            (&["目标任务"], None),
            (&["序号", "牵头单位"], None),
        ];
        for (cells, want) in cases {
            assert_eq!(
                &header_columns(&row(cells), Rules::builtin()),
                want,
                "{cells:?}"
            );
        }
    }
}
