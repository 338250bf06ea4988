//! Tables whose cells are separated by tabs: what copying a table out of Word, WPS or Excel
//! and pasting it as text gives (`序号⇥目标任务⇥牵头单位⇥责任单位`, a row a line).
//!
//! A table starts at a line with at least two tabs after its first text (three cells: a task
//! table names a number, a task and a unit column; tabs before the text are indentation) and runs over the lines after it with a tab, and over a line
//! without one that the next line with a tab follows: a row one cell spans (`一、主要预期目标`, which Word copies as one cell). A cell merged down from the row
//! above arrives empty, between two tabs; a row with fewer cells than the header is padded
//! with empty ones, as a pipe row is. Each cell is the text between two tabs, trimmed: its
//! span is exact. A cell Excel quoted because it holds a line break (`"第一行⏎第二行"`, a quote
//! inside doubled) is read without its quotes, over its lines.

use std::borrow::Cow;

use crate::dataset::TableKind;
use crate::span::Span;
use crate::table::{Cell, PageTable, Row};

/// The most cells a row is read with; the rest of a longer line joins the last.
const MAX_CELLS: usize = 256;

/// The tab-separated tables of `text`, each with its span, in order; their cells are added
/// to `cells`.
pub fn tables<'a>(text: &'a str, cells: &mut Vec<Cell<'a>>) -> Vec<(Span, PageTable)> {
    // No tab, no tab-separated table.
    if memchr::memchr(b'\t', text.as_bytes()).is_none() {
        return Vec::new();
    }
    let lines = records(text);
    // A pipe, grid or HTML table's line padded with tabs is no tab-separated row.
    let tabs = |i: usize| {
        lines.get(i).map_or(0, |(_, l)| {
            let markup = l.trim_start().starts_with(['|', '+', '<']);
            if markup || !l.contains('\t') {
                0
            } else {
                fields(l).len() - 1
            }
        })
    };
    // A table starts at a line with two tabs after its text begins: tabs before it are
    // indentation (text saved from a web page), though a row inside a table may begin with
    // empty cells.
    let starts = |i: usize| lines[i].1.trim_start().matches('\t').count() >= 2 && tabs(i) >= 2;
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !starts(i) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        loop {
            let next = last + 1;
            let spanning = next < lines.len()
                && !lines[next].1.trim().is_empty()
                && tabs(next) == 0
                && tabs(next + 1) > 0;
            if next < lines.len() && (tabs(next) > 0 || spanning) {
                last = next;
            } else {
                break;
            }
        }
        if last > first {
            out.push(table(&lines[first..=last], cells));
        }
        i = last + 1;
    }
    out
}

/// Most lines one quoted cell may run over; a quote left open longer is a character.
const MAX_QUOTED_LINES: usize = 20;

/// The records of `text`, each with its offset: a line, or several where Excel quoted a cell
/// that holds a line break (`"第一行\n第二行"`).
fn records(text: &str) -> Vec<(usize, &str)> {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        lines.push((at, at + line.len()));
        at += raw.len();
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let (start, mut end) = lines[i];
        let mut last = i;
        while open_quote(&text[start..end]) && last + 1 < lines.len() && last - i < MAX_QUOTED_LINES
        {
            last += 1;
            end = lines[last].1;
        }
        if open_quote(&text[start..end]) {
            // Never closed: the quote is a character, the line a record of its own.
            (last, end) = (i, lines[i].1);
        }
        out.push((start, &text[start..end]));
        i = last + 1;
    }
    out
}

/// Whether a quoted cell is still open at the end of `record`.
fn open_quote(record: &str) -> bool {
    // Only a quote that begins a cell opens one.
    if !record.contains('"') {
        return false;
    }
    let mut open = false;
    let mut at_cell_start = true;
    let mut chars = record.chars().peekable();
    while let Some(c) = chars.next() {
        match (open, c) {
            (false, '"') if at_cell_start => open = true,
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
            }
            (true, '"') => open = false,
            _ => {}
        }
        at_cell_start = !open && c == '\t';
    }
    open
}

/// The cells of a record: byte ranges of their text (inside the quotes of a quoted cell) and
/// whether the cell was quoted.
fn fields(record: &str) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = record.as_bytes();
    while out.len() < MAX_CELLS {
        if bytes.get(start) == Some(&b'"') {
            // To the quote that closes it (a doubled quote is one quote of the text).
            let mut i = start + 1;
            let mut close = None;
            while i < bytes.len() {
                if bytes[i] == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    close = Some(i);
                    break;
                }
                i += 1;
            }
            if let Some(close) = close.filter(|&c| matches!(bytes.get(c + 1), None | Some(b'\t'))) {
                out.push((start + 1, close, true));
                if close + 1 >= bytes.len() {
                    return out;
                }
                start = close + 2;
                continue;
            }
        }
        match record[start..].find('\t') {
            Some(tab) if out.len() + 1 < MAX_CELLS => {
                out.push((start, start + tab, false));
                start += tab + 1;
            }
            _ => {
                out.push((start, record.len(), false));
                return out;
            }
        }
    }
    out
}

/// One table from its lines: the first the header.
fn table<'a>(lines: &[(usize, &'a str)], cells: &mut Vec<Cell<'a>>) -> (Span, PageTable) {
    let header = row(lines[0], cells, None);
    let width = header.cells.len();
    let rows = lines[1..]
        .iter()
        .map(|&line| row(line, cells, Some(width)))
        .collect();
    let (last_start, last_text) = lines[lines.len() - 1];
    let span = Span::new(lines[0].0, last_start + last_text.len());
    (
        span,
        PageTable {
            header,
            rows,
            span,
            kind: TableKind::Tsv,
        },
    )
}

/// One line's cells, padded to `width` with empty ones.
fn row<'a>(
    (start, line): (usize, &'a str),
    cells: &mut Vec<Cell<'a>>,
    width: Option<usize>,
) -> Row {
    let first = cells.len();
    for (from, to, quoted) in fields(line) {
        let piece = &line[from..to];
        let trimmed = piece.trim();
        let lead = piece.len() - piece.trim_start().len();
        let at = start + from + lead;
        let text = if quoted && trimmed.contains("\"\"") {
            Cow::Owned(trimmed.replace("\"\"", "\""))
        } else {
            Cow::Borrowed(trimmed)
        };
        cells.push(Cell {
            text,
            span: Span::new(at, at + trimmed.len()),
        });
    }
    let written = cells.len() - first;
    let end = start + line.len();
    if let Some(width) = width {
        while cells.len() - first < width {
            cells.push(Cell {
                text: Cow::Borrowed(""),
                span: Span::new(end, end),
            });
        }
    }
    Row {
        cells: first..cells.len(),
        span: Span::new(start, end),
        written,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_cells_spans_and_spanning_rows() {
        let text = "附件\n序号\t目标任务\t牵头单位\t责任单位\n一、稳定经济增长\n\
                    1\t地区生产总值增长6%。\t县发改局\t县统计局\n\
                    2\t 固定资产投资增长8%。\t\t\n\n抄送：县委办公室。\n";
        let mut cells = Vec::new();
        let found = tables(text, &mut cells);
        assert_eq!(found.len(), 1);
        let (span, t) = &found[0];
        assert_eq!(
            &text[span.range()],
            &text[text.find("序号").unwrap()..text.find("\n\n").unwrap()]
        );
        assert_eq!(t.kind, TableKind::Tsv);
        assert_eq!(
            t.texts(&cells),
            [
                vec!["序号", "目标任务", "牵头单位", "责任单位"],
                vec!["一、稳定经济增长", "", "", ""],
                vec!["1", "地区生产总值增长6%。", "县发改局", "县统计局"],
                vec!["2", "固定资产投资增长8%。", "", ""],
            ]
        );
        // The spanning row was written with one cell; the others with all four.
        assert_eq!(t.rows[0].written, 1);
        assert_eq!(t.rows[2].written, 4);
        for c in &cells {
            assert_eq!(&text[c.span.range()], c.text, "{c:?}");
        }
    }

    #[test]
    fn a_cell_excel_quoted_runs_over_lines() {
        let text = "序号\t目标任务\t牵头单位\t责任单位\n\
                    1\t\"建成“三馆”\n完成投资1.2亿元。\"\t县文体旅游局\t\"县财政局\n县住建局\"\n\
                    2\t\"新建\"\"口袋公园\"\"6个。\"\t县住建局\t县城管局\n";
        let mut cells = Vec::new();
        let found = tables(text, &mut cells);
        assert_eq!(found.len(), 1);
        let t = &found[0].1;
        assert_eq!(
            t.texts(&cells),
            [
                vec!["序号", "目标任务", "牵头单位", "责任单位"],
                vec![
                    "1",
                    "建成“三馆”\n完成投资1.2亿元。",
                    "县文体旅游局",
                    "县财政局\n县住建局"
                ],
                vec!["2", "新建\"口袋公园\"6个。", "县住建局", "县城管局"],
            ]
        );
        // A quote never closed is a character: the line is a row of its own.
        let mut cells = Vec::new();
        let t = &tables(
            "甲\t乙\t丙\n1\t\"未完\t县发改局\n2\t任务\t县财政局\n",
            &mut cells,
        )[0]
        .1;
        assert_eq!(t.rows.len(), 2);
    }

    #[test]
    fn text_with_a_stray_tab_is_no_table() {
        let mut cells = Vec::new();
        assert!(tables("甲\t乙\n丙\n", &mut cells).is_empty());
        assert!(tables("甲\t乙\t丙\n\n丁\t戊\n", &mut cells).is_empty());
        // A pipe table padded with tabs stays a pipe table.
        assert!(
            tables(
                "|\t序号\t|\t目标任务\t|\n|---|---|\n|\t1\t|\t任务\t|\n",
                &mut cells
            )
            .is_empty()
        );
    }
}
