//! HTML tables inside the markdown (MinerU and Marker write complex tables this way) → page
//! tables, parsed with the `tl` HTML parser.
//!
//! Merged cells are expanded into the grid the markdown tables give: a cell spanning several
//! columns fills the first and leaves the others empty, a cell spanning several rows leaves the
//! rows below empty. The reading rules then apply unchanged: an empty unit cell under a
//! row-spanned one inherits from it with provenance, a row whose one cell spans every column is
//! a section row, a cell spanning the two task columns holds the task text.

use std::borrow::Cow;

use tl::{HTMLTag, Node, Parser};

use crate::dataset::TableKind;
use crate::markup;
use crate::span::Span;
use crate::table::{Cell, PageTable, Row};

/// The most rows or columns one cell may span; larger values are taken as this.
const MAX_SPAN: usize = 1000;

/// The widest a row grows by spanning cells: a cell's `colspan` is cut to what fits (cells
/// written beyond it are kept, one column each).
const MAX_COLUMNS: usize = 256;

/// The tables in an HTML block that starts at byte `offset` of the input.
/// Their cells go to `cells`, after those already there.
pub fn tables<'a>(html: &str, offset: usize, cells: &mut Vec<Cell<'a>>) -> Vec<PageTable> {
    let Ok(dom) = tl::parse(html, tl::ParserOptions::default()) else {
        return Vec::new();
    };
    let parser = dom.parser();
    // The tables in document order; one that starts inside the last outer one is nested in
    // it, and read as part of its cell's text.
    let mut outer_end = 0;
    dom.nodes()
        .iter()
        .filter_map(Node::as_tag)
        .filter(|t| t.name().as_bytes().eq_ignore_ascii_case(b"table"))
        .filter(|t| {
            let (start, end) = t.boundaries(parser);
            let outer = start >= outer_end;
            if outer {
                outer_end = end;
            }
            outer
        })
        .filter_map(|t| table(t, parser, offset, cells))
        .collect()
}

/// One `<table>` as a page table: its first row is the header.
fn table<'a>(
    table: &HTMLTag<'_>,
    parser: &Parser<'_>,
    offset: usize,
    all: &mut Vec<Cell<'a>>,
) -> Option<PageTable> {
    let mut rows: Vec<(Vec<Cell<'a>>, Span)> = Vec::new();
    // Rows still covered by a cell above, per column.
    let mut covered: Vec<usize> = Vec::new();
    for tr in descendants(table, parser, b"tr") {
        let mut cells: Vec<Cell<'a>> = Vec::new();
        let mut column = 0;
        let (tr_start, tr_end) = tr.boundaries(parser);
        let row_span = Span::new(offset + tr_start, offset + tr_end + 1);
        for td in children(tr, parser).filter(|t| is_cell(t)) {
            skip_covered(&mut covered, &mut cells, &mut column, row_span.start);
            let (start, end) = td.boundaries(parser);
            let span = Span::new(offset + start, offset + end + 1);
            let text = cell_text(td, parser);
            let colspan =
                span_attribute(td, "colspan").min(MAX_COLUMNS.saturating_sub(column).max(1));
            let rowspan = span_attribute(td, "rowspan");
            cells.push(Cell {
                text: Cow::Owned(text),
                span,
            });
            for i in 0..colspan {
                if i > 0 {
                    cells.push(Cell::empty(span.end));
                }
                if covered.len() <= column {
                    covered.resize(column + 1, 0);
                }
                covered[column] = rowspan - 1;
                column += 1;
            }
        }
        skip_covered(&mut covered, &mut cells, &mut column, row_span.end);
        rows.push((cells, row_span));
    }
    let width = rows.iter().map(|(cells, _)| cells.len()).max()?;
    // Every row as wide as the widest, its cells one after another in `all`.
    all.reserve(width * rows.len());
    let mut rows = rows.into_iter().map(|(mut cells, span)| {
        cells.resize_with(width, || Cell::empty(span.end));
        let start = all.len();
        all.append(&mut cells);
        Row {
            written: all.len() - start,
            cells: start..all.len(),
            span,
        }
    });
    let header = rows.next()?;
    let rows = rows.collect();
    let (start, end) = table.boundaries(parser);
    Some(PageTable {
        header,
        rows,
        span: Span::new(offset + start, offset + end + 1),
        kind: TableKind::Html,
    })
}

/// Empty cells for the columns from `column` on that a cell above still covers.
fn skip_covered<'a>(
    covered: &mut [usize],
    cells: &mut Vec<Cell<'a>>,
    column: &mut usize,
    at: usize,
) {
    while covered.get(*column).is_some_and(|&n| n > 0) {
        covered[*column] -= 1;
        cells.push(Cell::empty(at));
        *column += 1;
    }
}

fn is_cell(tag: &HTMLTag<'_>) -> bool {
    let name = tag.name().as_bytes();
    name.eq_ignore_ascii_case(b"td") || name.eq_ignore_ascii_case(b"th")
}

/// A `colspan`/`rowspan` value: at least 1, at most [`MAX_SPAN`].
fn span_attribute(tag: &HTMLTag<'_>, name: &str) -> usize {
    tag.attributes()
        .get(name)
        .flatten()
        .and_then(|v| v.as_utf8_str().trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_SPAN)
}

/// The child nodes of `tag`, in order.
fn child_nodes<'p, 'a>(tag: &HTMLTag<'a>, parser: &'p Parser<'a>) -> Vec<&'p Node<'a>> {
    let children = tag.children();
    children
        .top()
        .iter()
        .filter_map(|h| h.get(parser))
        .collect()
}

/// The element children of `tag`.
fn children<'p, 'a>(
    tag: &HTMLTag<'a>,
    parser: &'p Parser<'a>,
) -> impl Iterator<Item = &'p HTMLTag<'a>> + 'p {
    child_nodes(tag, parser)
        .into_iter()
        .filter_map(Node::as_tag)
}

/// Descendants of `tag` named `name`, in document order, not looking inside nested tables.
fn descendants<'p, 'a>(
    tag: &'p HTMLTag<'a>,
    parser: &'p Parser<'a>,
    name: &'static [u8],
) -> Vec<&'p HTMLTag<'a>> {
    let mut out = Vec::new();
    let mut stack: Vec<&HTMLTag<'a>> = children(tag, parser).collect();
    stack.reverse();
    while let Some(t) = stack.pop() {
        let tag_name = t.name().as_bytes();
        if tag_name.eq_ignore_ascii_case(name) {
            out.push(t);
        } else if !tag_name.eq_ignore_ascii_case(b"table") {
            let mut inner: Vec<&HTMLTag<'a>> = children(t, parser).collect();
            inner.reverse();
            stack.extend(inner);
        }
    }
    out
}

/// The text of a cell: text nodes with entities decoded, `<br>` and block ends as `\n`,
/// trimmed.
fn cell_text(tag: &HTMLTag<'_>, parser: &Parser<'_>) -> String {
    let mut out = String::new();
    let mut stack = child_nodes(tag, parser);
    stack.reverse();
    while let Some(node) = stack.pop() {
        match node {
            Node::Raw(text) => markup::decode_entities(&text.as_utf8_str(), &mut out),
            Node::Tag(t) => {
                let name = t.name().as_bytes();
                if name.eq_ignore_ascii_case(b"br") || name.eq_ignore_ascii_case(b"p") {
                    out.push('\n');
                }
                stack.extend(child_nodes(t, parser).into_iter().rev());
            }
            Node::Comment(_) => {}
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(html: &str) -> Vec<Vec<String>> {
        let mut cells = Vec::new();
        tables(html, 0, &mut cells).remove(0).texts(&cells)
    }

    #[test]
    fn spans_expand_into_a_grid() {
        let html = "<table><tr><th>序号</th><th colspan=\"2\">目标任务</th><th>牵头单位</th></tr>\
            <tr><td colspan=\"4\">一、主要预期目标</td></tr>\
            <tr><td>1</td><td rowspan=\"2\">（一）扎实推进</td><td>甲</td><td rowspan=\"2\">县发改局<br>县工信局</td></tr>\
            <tr><td>2</td><td>乙 &amp; 丙</td></tr></table>";
        let want = [
            ["序号", "目标任务", "", "牵头单位"],
            ["一、主要预期目标", "", "", ""],
            ["1", "（一）扎实推进", "甲", "县发改局\n县工信局"],
            ["2", "", "乙 & 丙", ""],
        ];
        assert_eq!(grid(html), want);
    }

    #[test]
    fn a_nested_table_is_part_of_its_cell_and_siblings_are_tables() {
        let html = "<table><tr><td>序号</td><td>目标任务<table><tr><td>内</td></tr></table></td></tr></table>\
            <table><tr><td>甲</td></tr></table>";
        let mut cells = Vec::new();
        let found = tables(html, 0, &mut cells);
        assert_eq!(found.len(), 2);
        assert_eq!(cells[found[0].header.cells.clone()][1].text, "目标任务内");
        assert_eq!(cells[found[1].header.cells.clone()][0].text, "甲");
    }

    #[test]
    fn a_row_grows_by_spans_to_a_bounded_width() {
        // 100 cells spanning 1,000 columns each: the first spans what fits, the rest one each.
        let row = format!("<tr>{}</tr>", "<td colspan=\"1000\">甲</td>".repeat(100));
        let mut cells = Vec::new();
        let t = tables(&format!("<table>{row}{row}</table>"), 0, &mut cells).remove(0);
        assert_eq!(t.header.cells.len(), MAX_COLUMNS + 99);
    }

    #[test]
    fn spans_are_byte_ranges_of_the_cells() {
        let html = "<table><tr><td>序号</td><td>目标任务</td></tr></table>";
        let mut cells = Vec::new();
        let t = tables(html, 100, &mut cells).remove(0);
        let cell = &cells[t.header.cells.clone()][1];
        assert_eq!(
            &html[cell.span.start - 100..cell.span.end - 100],
            "<td>目标任务</td>"
        );
    }

    #[test]
    fn entities() {
        let cases = [
            ("a&amp;b", "a&b"),
            ("&#20013;&#x6587;", "中文"),
            ("&nbsp;x", " x"),
            ("&unknown; & &", "&unknown; & &"),
            ("&amp;目标任务", "&目标任务"),
            ("&目标任务；", "&目标任务；"),
        ];
        for (text, want) in cases {
            let mut out = String::new();
            markup::decode_entities(text, &mut out);
            assert_eq!(out, want, "{text}");
        }
    }
}
