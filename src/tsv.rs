//! Tables whose cells are separated by tabs: what copying a table out of Word, WPS or Excel
//! and pasting it as text gives (`序号⇥目标任务⇥牵头单位⇥责任单位`, a row a line).
//!
//! A table starts at a line with at least two tabs (three cells: a task table names a number,
//! a task and a unit column) and runs over the lines after it with a tab, and over a line
//! without one that the next line with a tab follows: a row one cell spans (`一、主要预期目标`, which Word copies as one cell). A cell merged down from the row
//! above arrives empty, between two tabs; a row with fewer cells than the header is padded
//! with empty ones, as a pipe row is. Each cell is the text between two tabs, trimmed: its
//! span is exact.

use std::borrow::Cow;

use crate::dataset::TableKind;
use crate::markdown::{Cell, PageTable, Row};
use crate::span::Span;

/// The most cells a row is read with; the rest of a longer line joins the last.
const MAX_CELLS: usize = 256;

/// The tab-separated tables of `text`, each with its span, in order; their cells are added
/// to `cells`.
pub fn tables<'a>(text: &'a str, cells: &mut Vec<Cell<'a>>) -> Vec<(Span, PageTable)> {
    let mut lines: Vec<(usize, &'a str)> = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        lines.push((at, raw.trim_end_matches(['\n', '\r'])));
        at += raw.len();
    }
    // A pipe, grid or HTML table's line padded with tabs is no tab-separated row.
    let tabs = |i: usize| {
        lines.get(i).map_or(0, |(_, l)| {
            let markup = l.trim_start().starts_with(['|', '+', '<']);
            if markup { 0 } else { l.matches('\t').count() }
        })
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if tabs(i) < 2 {
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
    let mut offset = 0;
    for piece in line.splitn(MAX_CELLS, '\t') {
        let trimmed = piece.trim();
        let lead = piece.len() - piece.trim_start().len();
        let at = start + offset + lead;
        cells.push(Cell {
            text: Cow::Borrowed(trimmed),
            span: Span::new(at, at + trimmed.len()),
        });
        offset += piece.len() + 1;
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
