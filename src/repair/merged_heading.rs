//! A heading row a PDF converter wrote into the task row above it (PyMuPDF 2's layout mode):
//! the heading's number stands in the task's number cell, under the task's number, and its
//! title as the last line of the task's text — `6<br>四、` and `…稳定在98%以上。<br>深化重点领域改革`
//! for task 6 and the section row `四、深化重点领域改革` under it; the title may be cut between
//! the two cells (`5<br>五、推` with `…到位。<br>动产业转型升级`), and a sub-category's
//! (`（一）` with `建设法治政府`) may follow the section's. In a table with a sub-category
//! label column, the title may be the last line of the label cell instead
//! (`5<br>二、` beside `（二）建设<br>廉洁政府<br>统筹发展和安全`).
//!
//! At a page's head the heading may stand in a row of its own with the rest of the last
//! task on the page before: `四、<br>` in the number cell, `…落地见效。<br>扎实推进乡村全面振兴`
//! in the text cell; the title may be cut between the cells there too (`三、深` with
//! `…早见效。<br>化重点领域改革`), and where the task's text was cut mid-sentence by the page,
//! the row's other cells hold the rests of the task's (`市发展和` / `改革局`).
//!
//! - **Detector** ([`detect`]): a number cell whose second line begins with a heading's
//!   number (`四、`, `（一）`), or whose first line is a heading's number alone or with its
//!   title's first characters (`三、深`).
//! - **Repair**: the number cell keeps its first line; the task's text gives up its last lines,
//!   one a heading, each the rest of that heading's title; the headings become rows of their
//!   own under the task, in order. Read so only where the text left ends a sentence and each
//!   title line is short and ends none: otherwise the row is left as written.
//!   At a page's head (the row before a numbered task's, on the page before), the text's
//!   lines but the title join that task's text, the other cells' text (only where the task's
//!   text stops mid-sentence) the task's cells, and the row is the heading's.
//! - **Diagnostic**: `I027`, on the task's row (or the page head's), naming the headings.
//!
//! Fixtures: `fixtures/repair-merged-heading-fires.md` (PyMuPDF 2 layout), and
//! `fixtures/repair-merged-heading-not-here.md` (a number cell of two lines that are no
//! heading, `6<br>（续）`: left as written).

use std::borrow::Cow;

use crate::dataset::Column;
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::LineIndex;
use crate::stitch::{LogicalRow, LogicalTable};
use crate::table::Cell;
use crate::text;

/// Longest title line (in characters) read as the rest of a heading.
const MAX_TITLE_CHARS: usize = 24;

/// Whether `line` begins with a heading's number: `四、`, `（一）`.
fn heading_start(line: &str) -> bool {
    text::section_heading(line).is_some() || text::subcategory_label(line).is_some()
}

/// Whether `line` is a heading's number alone: `四、`, `（一）`.
fn untitled_heading(line: &str) -> bool {
    text::section_heading(line).is_some_and(|(_, t)| t.is_empty())
        || text::subcategory_label(line).is_some_and(|(_, t)| t.is_empty())
}

/// Whether some row of `table` has a number cell whose second line begins a heading.
pub(super) fn detect(table: &LogicalTable<'_>, _: &Rules) -> bool {
    table.rows.iter().any(|row| {
        let columns = &table.tables[row.table].columns;
        columns
            .iter()
            .zip(&table.cells[row.cells.clone()])
            .any(|(c, cell)| {
                // A number cell of digits alone (most are) holds no heading.
                *c == Column::Seq
                    && !cell.text.bytes().all(|b| b.is_ascii_digit())
                    && (cell.text.split('\n').nth(1).is_some_and(heading_start)
                        || cell
                            .text
                            .split('\n')
                            .next()
                            .is_some_and(|first| untitled_heading(first) || title_begun(first)))
            })
    })
}

/// The reading of one row: the task number, the text left, the headings' full titles.
fn read_row(seq: &str, task: &str) -> Option<(String, String, Vec<String>)> {
    read_row_in(seq, task, ends_sentence)
}

/// [`read_row`] for a row whose heading's title is the last line of its sub-category label
/// cell (`（二）建设<br>廉洁政府<br>统筹发展和安全`, the number cell `5<br>二、`): the number,
/// the label left, the headings' full titles.
fn read_label_row(seq: &str, label: &str) -> Option<(String, String, Vec<String>)> {
    read_row_in(seq, label, |kept| {
        text::subcategory_label(&text::compact(kept)).is_some_and(|(_, t)| !t.is_empty())
    })
}

/// The number, the cell `cell` without its last lines (what is left, `kept_fits`), and the
/// headings' full titles.
fn read_row_in(
    seq: &str,
    cell: &str,
    kept_fits: fn(&str) -> bool,
) -> Option<(String, String, Vec<String>)> {
    let mut seq_lines = seq.split('\n').map(str::trim);
    let number = seq_lines.next()?;
    text::task_number(number)?;
    let heads: Vec<&str> = seq_lines.filter(|l| !l.is_empty()).collect();
    let (kept, titles) = read_headings_in(&heads, cell, kept_fits)?;
    Some((number.to_owned(), kept, titles))
}

/// Whether a task's text left ends a sentence.
fn ends_sentence(kept: &str) -> bool {
    kept.ends_with(['。', '；', '！', '？'])
}

/// The reading of a row at a page's head whose number cell holds a heading's number alone
/// (`四、`) and whose text is the rest of the last task on the page before, then the
/// heading's title: the rest, and the headings' full titles.
fn read_page_head(seq: &str, task: &str) -> Option<(String, Vec<String>)> {
    let heads: Vec<&str> = seq
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if heads.is_empty() || !heads.iter().all(|h| untitled_heading(h) || title_begun(h)) {
        return None;
    }
    read_headings(&heads, task)
}

/// Most characters of a title's beginning the number cell keeps when the title is cut
/// between the cells (`三、深` with `化重点领域改革`): the number column is three characters
/// wide. A number cell with more of a title (`四、推动`) is left as written.
const MAX_BEGUN_CHARS: usize = 1;

/// Whether `line` is a heading's number with the first characters of its title: `三、深`.
fn title_begun(line: &str) -> bool {
    let title = text::section_heading(line)
        .or_else(|| text::subcategory_label(line))
        .map(|(_, t)| t);
    title.is_some_and(|t| {
        (1..=MAX_BEGUN_CHARS).contains(&t.chars().count())
            && !t.contains(['。', '；', '，', '、', '：'])
    })
}

/// The task text `task` without its last lines, one a heading of `heads`, each the rest of
/// that heading's title; and the headings' full titles. Only where the text left ends a
/// sentence and each title line is short and ends none.
fn read_headings(heads: &[&str], task: &str) -> Option<(String, Vec<String>)> {
    read_headings_in(heads, task, ends_sentence)
}

/// [`read_headings`] with `kept_fits` saying whether what is left of the cell is whole.
fn read_headings_in(
    heads: &[&str],
    task: &str,
    kept_fits: fn(&str) -> bool,
) -> Option<(String, Vec<String>)> {
    if heads.is_empty() || !heads.iter().all(|h| heading_start(h)) {
        return None;
    }
    let lines: Vec<&str> = task
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() <= heads.len() {
        return None;
    }
    let (kept, rests) = lines.split_at(lines.len() - heads.len());
    let kept = kept.join("\n");
    let ends_sentence = kept_fits(&kept);
    let titles_fit = rests
        .iter()
        .all(|r| r.chars().count() <= MAX_TITLE_CHARS && !r.ends_with(['。', '；', '，', '、']));
    if !ends_sentence || !titles_fit {
        return None;
    }
    let titles = heads
        .iter()
        .zip(rests)
        .map(|(h, r)| format!("{h}{r}"))
        .collect();
    Some((kept, titles))
}

/// Take the headings out of the task rows they were written into, as rows of their own
/// under them; `I027` on each such task row.
pub(super) fn repair(
    table: &mut LogicalTable<'_>,
    lines: &LineIndex,
    _: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    let mut rows: Vec<LogicalRow> = Vec::with_capacity(table.rows.len() + 4);
    for row in std::mem::take(&mut table.rows) {
        let columns = table.tables[row.table].columns.clone();
        let cell_of = |role: Column| {
            columns
                .iter()
                .position(|c| *c == role)
                .map(|i| row.cells.start + i)
        };
        let (Some(seq), Some(task)) = (cell_of(Column::Seq), cell_of(Column::Text)) else {
            rows.push(row);
            continue;
        };
        if let Some(prev) = page_head_rest(table, &rows, &row, seq, task) {
            let Some((rest, titles)) =
                read_page_head(&table.cells[seq].text, &table.cells[task].text)
            else {
                rows.push(row);
                continue;
            };
            diags.push(Diagnostic::new(
                Code::MergedHeading,
                row.span,
                lines,
                format!(
                    "the row at this page's head holds the rest of the task above ({:?}) and \
                     the heading {} (its number in the number cell, its title the text's \
                     last line: PyMuPDF's layout mode): the rest joined to the task, the \
                     heading read as a row of its own",
                    text::preview(&text::compact(&rest), 12),
                    titles
                        .iter()
                        .map(|t| format!("{t:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
            if let Some(prev_row) = rows.last().cloned() {
                join_rests(table, &prev_row, &row);
            }
            let rest_span = table.cells[task].span;
            let above = &mut table.cells[prev];
            let mut joined = above.text.trim_end().to_owned();
            joined.push('\n');
            joined.push_str(&rest);
            above.text = Cow::Owned(joined);
            above.span = above.span.cover(rest_span);
            let mut titles = titles.into_iter();
            table.cells[seq].text = Cow::Owned(titles.next().unwrap_or_default());
            table.cells[task].text = Cow::Borrowed("");
            let span = table.cells[seq].span;
            let (table_index, written, row_span) = (row.table, row.written, row.span);
            rows.push(row);
            push_heading_rows(
                table,
                &mut rows,
                titles,
                span,
                row_span,
                table_index,
                written,
            );
            continue;
        }
        // The title at the end of the task's text, or of its sub-category label.
        let label = cell_of(Column::Label);
        let read = read_row(&table.cells[seq].text, &table.cells[task].text)
            .map(|r| (r, task, "the task's text"))
            .or_else(|| {
                let label = label?;
                read_label_row(&table.cells[seq].text, &table.cells[label].text)
                    .map(|r| (r, label, "its sub-category label"))
            });
        let Some(((number, kept, titles), cell, which)) = read else {
            rows.push(row);
            continue;
        };
        let span = table.cells[seq].span;
        table.cells[seq].text = Cow::Owned(number);
        table.cells[cell].text = Cow::Owned(kept);
        diags.push(Diagnostic::new(
            Code::MergedHeading,
            row.span,
            lines,
            format!(
                "the heading {} stood in this task's row (its number under the task's, its \
                 title at the end of {which}: PyMuPDF's layout mode): read as a row of its \
                 own under the task",
                titles
                    .iter()
                    .map(|t| format!("{t:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
        let (table_index, written) = (row.table, row.written);
        let row_span = row.span;
        rows.push(row);
        push_heading_rows(
            table,
            &mut rows,
            titles.into_iter(),
            span,
            row_span,
            table_index,
            written,
        );
    }
    table.rows = rows;
}

/// Rows of their own for the headings `titles`, each its title in the first cell.
fn push_heading_rows(
    table: &mut LogicalTable<'_>,
    rows: &mut Vec<LogicalRow>,
    titles: impl Iterator<Item = String>,
    span: crate::span::Span,
    row_span: crate::span::Span,
    table_index: usize,
    written: usize,
) {
    let width = table.tables[table_index].columns.len();
    for title in titles {
        let start = table.cells.len();
        table.cells.push(Cell {
            text: Cow::Owned(title),
            span,
        });
        for _ in 1..width {
            table.cells.push(Cell {
                text: Cow::Borrowed(""),
                span: crate::span::Span::new(span.end, span.end),
            });
        }
        rows.push(LogicalRow {
            cells: start..table.cells.len(),
            span: row_span,
            table: table_index,
            written,
        });
    }
}

/// The text cell of the task row `row` continues, when `row` is the first of its page, its
/// cells empty but its number and text cells, and the row before it (on the page before) is
/// a numbered task's.
fn page_head_rest(
    table: &LogicalTable<'_>,
    rows: &[LogicalRow],
    row: &LogicalRow,
    seq: usize,
    task: usize,
) -> Option<usize> {
    let prev = rows.last()?;
    if prev.table == row.table {
        return None;
    }
    let columns = &table.tables[prev.table].columns;
    let cell_of = |role: Column| {
        columns
            .iter()
            .position(|c| *c == role)
            .map(|i| prev.cells.start + i)
    };
    let (prev_seq, prev_task) = (cell_of(Column::Seq)?, cell_of(Column::Text)?);
    let number = table.cells[prev_seq].text.split('\n').next().unwrap_or("");
    text::task_number(number.trim())?;
    let prev_text = table.cells[prev_task].text.trim();
    // Other cells with text are the rests of the task's cells too, where its text was cut
    // mid-sentence by the page (`…早开工、早投` / `产、早见效。`), as the row's cells were.
    let others = row
        .cells
        .clone()
        .any(|c| c != seq && c != task && !table.cells[c].text.trim().is_empty());
    let cut = !prev_text.ends_with(['。', '；', '！', '？']);
    (!prev_text.is_empty() && (!others || cut)).then_some(prev_task)
}

/// The other cells of the page-head row `row` joined to those of the task row `prev` in the
/// same columns (a line wrap between), and emptied.
fn join_rests(table: &mut LogicalTable<'_>, prev: &LogicalRow, row: &LogicalRow) {
    let here = table.tables[row.table].columns.clone();
    let there = table.tables[prev.table].columns.clone();
    for (i, role) in here.iter().enumerate() {
        if matches!(role, Column::Seq | Column::Text | Column::Unknown) {
            continue;
        }
        let (cell, Some(j)) = (row.cells.start + i, there.iter().position(|c| c == role)) else {
            continue;
        };
        let rest = table.cells[cell].text.trim().to_owned();
        if rest.is_empty() || cell >= row.cells.end {
            continue;
        }
        let rest_span = table.cells[cell].span;
        let above = &mut table.cells[prev.cells.start + j];
        let mut joined = above.text.trim_end().to_owned();
        if !joined.is_empty() {
            joined.push('\n');
        }
        joined.push_str(&rest);
        above.text = Cow::Owned(joined);
        above.span = above.span.cover(rest_span);
        table.cells[cell].text = Cow::Borrowed("");
    }
}

#[cfg(test)]
mod tests {
    use super::{read_page_head, read_row};

    #[test]
    fn headings_in_a_task_row() {
        let got = read_row(
            "6\n四、",
            "城乡居民基本医疗保险参保率稳定\n在98%以上。\n深化重点领域改革",
        );
        assert_eq!(
            got,
            Some((
                "6".to_owned(),
                "城乡居民基本医疗保险参保率稳定\n在98%以上。".to_owned(),
                vec!["四、深化重点领域改革".to_owned()]
            ))
        );
        let got = read_row(
            "4\n四、加\n（一）",
            "深化国有企业改革，完成国有企业整合重组。\n强政府自身建设\n建设法治政府",
        );
        assert_eq!(
            got.map(|g| g.2),
            Some(vec![
                "四、加强政府自身建设".to_owned(),
                "（一）建设法治政府".to_owned()
            ])
        );
        // The text left stops mid-sentence: not read so.
        assert_eq!(read_row("6\n四、", "推动项目早开工、\n早投产"), None);
        // A page's head: the rest of the task above, then the heading's title.
        assert_eq!(
            read_page_head(
                "四、\n",
                "全年涉企检查次数下降20%以上。\n推动产业转型升级\n"
            ),
            Some((
                "全年涉企检查次数下降20%以上。".to_owned(),
                vec!["四、推动产业转型升级".to_owned()]
            ))
        );
        // A title cut after its first character between the cells (`三、深`): yes.
        assert_eq!(
            read_page_head("三、深", "早见效。\n化重点领域改革"),
            Some((
                "早见效。".to_owned(),
                vec!["三、深化重点领域改革".to_owned()]
            ))
        );
        // The title alone (a heading cut across cells), or a number that has its title: no.
        assert_eq!(read_page_head("四、", "推动产业转型升级"), None);
        assert_eq!(
            read_page_head("四、推动", "全年涉企检查。\n产业转型升级"),
            None
        );
        // No heading under the number.
        assert_eq!(read_row("6\n（续）", "推动项目早开工。\n早投产"), None);
        // A last line that is a sentence of its own.
        assert_eq!(
            read_row("6\n四、", "推动项目早开工。\n实施重点项目74个以上。"),
            None
        );
    }
}
