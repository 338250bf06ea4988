//! pandoc's own table syntaxes → page tables, in the grid the HTML reader builds: grid
//! tables (its markdown's choice for tables with merged cells) and multiline and simple
//! tables (its choice for tables without; see [`line_tables`]).
//!
//! ```text
//! +------+-----------------+----------+
//! | 序号 | 工作任务        | 牵头单位 |
//! +======+=================+==========+
//! | 一、推动产业转型升级               |
//! +------+-----------------+----------+
//! | 1    | 规模以上工业增  | 市工信局 |
//! |      | 加值增长6%。    |          |
//! +------+-----------------+          +
//! | 2    | 新培育专精特新  |          |
//! +------+-----------------+----------+
//! ```
//!
//! Column boundaries are where any border line has a `+`, counted in display columns (a
//! Chinese character is two wide, as pandoc lays them out). Between two border lines is a row.
//! A row's slot joins the slot to its right where its content lines have no `|` at the
//! boundary (a column span), and the slot below where the border under it is blank (a row
//! span, drawn by leaving out the rule). A merged cell's text goes to its top-left slot; the
//! slots it covers are empty, so the reading rules apply unchanged: an empty unit cell under a
//! row-spanned one inherits from it, a row one cell spans is a section or sub-category row.
//! A cell's lines are joined with `\n`, as a wrap inside a pipe-table cell reads.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

use crate::dataset::TableKind;
use crate::diagnostic::Diagnostic;
use crate::pandoc;
use crate::repair::{cut_words, grid_overflow};
use crate::span::{LineIndex, Span};
use crate::table::{Cell, PageTable, Row};

/// The most columns a grid table is read with; boundaries beyond are ignored (the last
/// column takes the rest of the line).
const MAX_COLUMNS: usize = 256;

/// One line of the table: where it starts in the input, its text, and the display column at
/// which each of its characters starts (one more entry: the line's width).
struct Line<'a> {
    start: usize,
    text: &'a str,
    /// `(display column, byte offset in text)` of each character, then `(width, len)`.
    columns: Vec<(usize, usize)>,
    border: bool,
}

impl<'a> Line<'a> {
    fn new(start: usize, text: &'a str) -> Self {
        let mut columns = Vec::with_capacity(text.len());
        let mut at = 0;
        for (i, c) in text.char_indices() {
            columns.push((at, i));
            at += c.width().unwrap_or(0);
        }
        columns.push((at, text.len()));
        Line {
            start,
            text,
            columns,
            border: is_border(text),
        }
    }

    /// The character starting at display column `col`, if one does.
    fn char_at(&self, col: usize) -> Option<char> {
        let i = self.columns.binary_search_by_key(&col, |&(c, _)| c).ok()?;
        self.text[self.columns[i].1..].chars().next()
    }

    /// The byte range of the text between display columns `from` and `to` (characters that
    /// start at or after `from` and before `to`).
    fn between(&self, from: usize, to: usize) -> (usize, usize) {
        let first = self.columns.partition_point(|&(c, _)| c < from);
        let last = self.columns.partition_point(|&(c, _)| c < to);
        let byte = |i: usize| self.columns.get(i).map_or(self.text.len(), |&(_, b)| b);
        (byte(first), byte(last))
    }
}

/// Whether `line` is a border: `+`, `-`, `=`, `:`, `|` and spaces only, with a rule in it.
fn is_border(line: &str) -> bool {
    line.contains(['-', '='])
        && line.contains('+')
        && line
            .chars()
            .all(|c| matches!(c, '+' | '-' | '=' | ':' | '|' | ' '))
}

/// Whether a block of text (a paragraph as the markdown parser saw it) is a grid table: its
/// first line a border that starts with `+-` or `+=`, its other lines borders or rows between
/// `|`.
pub fn is_grid_table(block: &str) -> bool {
    let mut lines = block.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    (first.starts_with("+-") || first.starts_with("+="))
        && is_border(first)
        && lines.all(|l| is_border(l) || (l.starts_with('|') && l.ends_with('|')))
}

/// The grid table in `block`, which starts at byte `offset` of the input. Its cells go to
/// `cells`, after those already there. `None` when it has no row.
pub fn table<'a>(
    block: &str,
    offset: usize,
    cells: &mut Vec<Cell<'a>>,
    index: &LineIndex,
    diags: &mut Vec<Diagnostic>,
) -> Option<PageTable> {
    let markup = pandoc::has_markup(block);
    let mut lines = Vec::new();
    let mut at = 0;
    for raw in block.split_inclusive('\n') {
        let text = raw.trim_end();
        if !text.is_empty() {
            lines.push(Line::new(offset + at, text));
        }
        at += raw.len();
    }
    // Column boundaries: every `+` of every border line.
    let mut bounds: Vec<usize> = lines
        .iter()
        .filter(|l| l.border)
        .flat_map(|l| {
            l.text
                .char_indices()
                .filter(|&(_, c)| c == '+')
                .map(|(i, _)| l.columns[l.columns.partition_point(|&(_, b)| b < i)].0)
        })
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    bounds.truncate(MAX_COLUMNS + 1);
    let width = bounds.len().checked_sub(1).filter(|&w| w > 0)?;
    // Rows that run past the borders (pandoc 2.17): read between their own `|`.
    let mut overflowing = 0;
    for line in lines.iter_mut().filter(|l| !l.border) {
        if let Some(columns) = grid_overflow::realign(line.text, &line.columns, &bounds) {
            line.columns = columns;
            overflowing += 1;
        }
    }

    // Rows: the content lines between two borders.
    let mut bands: Vec<Band> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.border {
            if !current.is_empty() {
                bands.push(Band {
                    lines: std::mem::take(&mut current),
                    below: Some(i),
                });
            }
        } else {
            current.push(i);
        }
    }
    if !current.is_empty() {
        bands.push(Band {
            lines: current,
            below: None,
        });
    }
    if bands.is_empty() {
        return None;
    }

    // Each slot's cell: the slot (row, column) of its top-left corner.
    let slots = bands.len() * width;
    let mut owner: Vec<usize> = (0..slots).collect();
    for (r, band) in bands.iter().enumerate() {
        for c in 0..width {
            let slot = r * width + c;
            // Joined to the left: no wall at this column's left boundary on any line of the row.
            if c > 0 {
                let wall = band
                    .lines
                    .iter()
                    .any(|&i| lines[i].char_at(bounds[c]) == Some('|'));
                if !wall {
                    owner[slot] = owner[slot - 1];
                    continue;
                }
            }
            // Joined to the slot above: the border between them is blank over this column.
            if r > 0 {
                let rule = bands[r - 1].below.map(|b| &lines[b]);
                let open = rule.is_some_and(|rule| {
                    let (from, to) = rule.between(bounds[c] + 1, bounds[c + 1]);
                    rule.text[from..to].trim().is_empty()
                });
                if open {
                    owner[slot] = owner[slot - width];
                }
            }
        }
    }

    // Each cell's text: its lines, from every row it spans, between its outer boundaries.
    let mut rows: Vec<(Vec<Lines<'_>>, Span)> = Vec::with_capacity(bands.len());
    for (r, band) in bands.iter().enumerate() {
        let first = &lines[band.lines[0]];
        let last = &lines[band.lines[band.lines.len() - 1]];
        let span = Span::new(first.start, last.start + last.text.len());
        let mut row = Vec::with_capacity(width);
        for c in 0..width {
            let slot = r * width + c;
            if owner[slot] != slot {
                row.push(cell_lines([].iter(), (0, 0), None, span.end));
                continue;
            }
            // The cell's extent: columns while the slots to the right are its own, rows while
            // the slots below are.
            let right = (c + 1..width)
                .take_while(|&k| owner[r * width + k] == slot)
                .count();
            let down = (r + 1..bands.len())
                .take_while(|&k| owner[k * width + c] == slot)
                .count();
            let (from, to) = (bounds[c] + 1, bounds[c + right + 1]);
            // `| text |`: a space either side of the text.
            let width = (to - from).checked_sub(2);
            row.push(cell_lines(
                bands[r..=r + down]
                    .iter()
                    .flat_map(|b| &b.lines)
                    .map(|&i| &lines[i]),
                (from, to),
                width,
                span.end,
            ));
        }
        rows.push((row, span));
    }

    let all: Vec<Lines<'_>> = rows.iter_mut().flat_map(|(row, _)| row.drain(..)).collect();
    let table_span = Span::new(offset, offset + block.trim_end().len());
    let (mut texts, cut) = cells_of(&all, markup, table_span, index);
    if overflowing > 0 {
        diags.push(grid_overflow::diagnostic(overflowing, table_span, index));
    }
    diags.extend(cut);
    // The first row is the header, as in a pipe table; a second header row (above the `=`
    // rule) reads as the header's continuation, like a header split over two page rows.
    let start = cells.len();
    cells.append(&mut texts);
    let mut rows = rows.into_iter().enumerate().map(|(r, (_, span))| Row {
        written: width,
        cells: start + r * width..start + (r + 1) * width,
        span,
    });
    let header = rows.next()?;
    Some(PageTable {
        header,
        rows: rows.collect(),
        span: table_span,
        kind: TableKind::Grid,
    })
}

/// pandoc's multiline and simple tables in `text`: their byte ranges and page tables, in
/// order. Their cells go to `cells`, after those already there.
///
/// ```text
///   ---------------------------------------------
///   序号   目标任务                牵头单位
///   ------ ----------------------- --------------
///   1      地区生产总值增长5.5%    县发改局
///          左右。
///
///   2      固定资产投资增长8%。    县发改局
///   ---------------------------------------------
/// ```
///
/// A multiline table starts with a line of dashes, has its header lines, a line of dash
/// groups (one per column: where each column starts and ends, in display columns), rows
/// separated by blank lines, and ends with a line of dashes. A simple table is a header line,
/// the dash groups, and one line a row up to a blank line. A column's text runs from its group's
/// start to the next group's; a row's lines are joined with `\n`, as in grid tables.
pub fn line_tables<'a>(
    text: &str,
    cells: &mut Vec<Cell<'a>>,
    index: &LineIndex,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Span, PageTable)> {
    // Both kinds have a line of dashes and spaces alone: without one, none is here.
    // Looked for at the lines' starts `index` knows: such a line begins with a dash or a space.
    let dashes_only = |l: &str| l.bytes().all(|b| b == b'-' || b == b' ') && l.contains('-');
    let dash_line_at = |start: usize| {
        matches!(text.as_bytes().get(start), Some(b'-' | b' '))
            && dashes_only(
                text[start..]
                    .split('\n')
                    .next()
                    .unwrap_or_default()
                    .trim_end(),
            )
    };
    if !index.starts().iter().any(|&start| dash_line_at(start)) {
        return Vec::new();
    }
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        lines.push((at, raw.trim_end()));
        at += raw.len();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        match line_table_at(&lines, i, text.len(), cells, index, diags) {
            Some((next, span, table)) => {
                out.push((span, table));
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// The dash groups of a line (`---- ------ ---`) as display-column ranges, if it is one with
/// at least two groups and nothing but dashes and spaces.
fn dash_groups(line: &str) -> Option<Vec<(usize, usize)>> {
    if !line.contains('-') || !line.chars().all(|c| c == '-' || c == ' ') {
        return None;
    }
    let mut groups = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c, start) {
            ('-', None) => start = Some(i),
            (' ', Some(s)) => {
                groups.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        groups.push((s, line.len()));
    }
    (groups.len() >= 2 && groups.iter().all(|(s, e)| e - s >= 3)).then_some(groups)
}

/// A line of dashes only (three or more, indented up to three spaces).
fn is_rule(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    line.len() - t.len() <= 3 && t.len() >= 3 && t.bytes().all(|b| b == b'-')
}

/// The multiline or simple table starting at line `i`: the line after it, its span, the table.
fn line_table_at<'a>(
    lines: &[(usize, &str)],
    i: usize,
    text_len: usize,
    cells: &mut Vec<Cell<'a>>,
    index: &LineIndex,
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, Span, PageTable)> {
    let blank = |k: usize| lines.get(k).is_none_or(|(_, l)| l.trim().is_empty());
    let (multiline, header_from) = if is_rule(lines[i].1) && !blank(i + 1) {
        (true, i + 1)
    } else if !blank(i) && i + 1 < lines.len() && dash_groups(lines[i + 1].1).is_some() {
        (false, i)
    } else {
        return None;
    };
    // The dash groups under the header.
    let groups_at = (header_from..lines.len().min(header_from + 4))
        .find(|&k| dash_groups(lines[k].1).is_some())?;
    if groups_at == header_from || (!multiline && groups_at != header_from + 1) {
        return None;
    }
    if (header_from..groups_at).any(blank) {
        return None;
    }
    let groups = dash_groups(lines[groups_at].1)?;
    // Body rows: blocks of lines up to the closing rule (multiline) or a blank line (simple).
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut current = Vec::new();
    let mut k = groups_at + 1;
    let end = loop {
        if k >= lines.len() {
            if multiline {
                return None;
            }
            break k;
        }
        let line = lines[k].1;
        if multiline && is_rule(line) {
            break k + 1;
        }
        if line.trim().is_empty() {
            if !multiline {
                break k;
            }
            if !current.is_empty() {
                rows.push(std::mem::take(&mut current));
            }
        } else {
            current.push(k);
        }
        k += 1;
    };
    if !current.is_empty() {
        rows.push(current);
    }
    if !multiline {
        // A simple table has a row a line.
        rows = rows.concat().into_iter().map(|k| vec![k]).collect();
    }
    if rows.is_empty() {
        return None;
    }
    // Column boundaries in display columns: each group's start, measured on its own line.
    let rule = Line::new(lines[groups_at].0, lines[groups_at].1);
    let display = |byte: usize| rule.columns[rule.columns.partition_point(|&(_, b)| b < byte)].0;
    let starts: Vec<usize> = groups.iter().map(|&(s, _)| display(s)).collect();
    let bound = |c: usize| starts.get(c + 1).copied().unwrap_or(usize::MAX);
    // The width of each column's text: its dash group's.
    let widths: Vec<usize> = groups
        .iter()
        .map(|&(s, e)| display(e) - display(s))
        .collect();
    let first_line = lines[i].0;
    let last_line = lines
        .get(end.saturating_sub(1))
        .map_or(text_len, |(s, l)| s + l.len());
    let markup = lines[i..end.min(lines.len())]
        .iter()
        .any(|(_, l)| pandoc::has_markup(l));
    // Every line the rows use, made once; a row is the lines it covers.
    let made: Vec<Line<'_>> = (header_from..end.min(lines.len()))
        .map(|k| Line::new(lines[k].0, lines[k].1))
        .collect();
    let make_row = |ks: &[usize]| {
        let ls: Vec<&Line<'_>> = ks.iter().map(|&k| &made[k - header_from]).collect();
        let first = ls[0];
        let last = ls[ls.len() - 1];
        let span = Span::new(first.start, last.start + last.text.len());
        let row: Vec<Lines<'_>> = starts
            .iter()
            .enumerate()
            .map(|(c, &column_start)| {
                // The first column takes any indentation before it.
                let from = if c == 0 { 0 } else { column_start };
                cell_lines(
                    ls.iter().copied(),
                    (from, bound(c)),
                    widths.get(c).copied(),
                    span.end,
                )
            })
            .collect();
        (row, span)
    };
    let header_lines: Vec<usize> = (header_from..groups_at).collect();
    let mut made_rows = vec![make_row(&header_lines)];
    made_rows.extend(rows.iter().map(|r| make_row(r)));
    let all: Vec<Lines<'_>> = made_rows
        .iter_mut()
        .flat_map(|(row, _)| row.drain(..))
        .collect();
    let span = Span::new(first_line, last_line);
    let (mut texts, cut) = cells_of(&all, markup, span, index);
    diags.extend(cut);
    let columns = starts.len();
    let start = cells.len();
    cells.append(&mut texts);
    let mut body = made_rows.into_iter().enumerate().map(|(r, (_, span))| Row {
        written: columns,
        cells: start + r * columns..start + (r + 1) * columns,
        span,
    });
    let header = body.next()?;
    let body = body.collect();
    let kind = if multiline {
        TableKind::Multiline
    } else {
        TableKind::Simple
    };
    Some((
        end,
        span,
        PageTable {
            header,
            rows: body,
            span,
            kind,
        },
    ))
}

/// The content lines of one row, and the border under it (`None` for a table left open).
struct Band {
    lines: Vec<usize>,
    below: Option<usize>,
}

/// A cell's lines as a table gives them, before they are joined: each trimmed and non-empty,
/// with whether a blank line stands before it; its span from the first line's start to the
/// last one's end (`None` when it has no text, an empty cell at `row_end`); the width of the
/// column's text, when known.
struct Lines<'l> {
    pieces: Vec<(&'l str, bool)>,
    span: Option<Span>,
    width: Option<usize>,
    row_end: usize,
}

/// A merged cell's lines, between display columns `from` and `to` of the lines it covers.
fn cell_lines<'l>(
    lines: impl Iterator<Item = &'l Line<'l>>,
    (from, to): (usize, usize),
    width: Option<usize>,
    row_end: usize,
) -> Lines<'l> {
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut blank_before = false;
    let mut span: Option<Span> = None;
    for line in lines {
        let (s, e) = line.between(from, to);
        let piece = &line.text[s..e];
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            blank_before = !pieces.is_empty();
            continue;
        }
        let lead = piece.len() - piece.trim_start().len();
        let start = line.start + s + lead;
        let end = start + trimmed.len();
        span = Some(span.map_or(Span::new(start, end), |sp| Span::new(sp.start, end)));
        pieces.push((trimmed, blank_before));
        blank_before = false;
    }
    Lines {
        pieces,
        span,
        width,
        row_end,
    }
}

/// The cells of a table from their lines, joined as pandoc laid them out ([`pandoc::cell`];
/// read as pandoc's markdown when `markup`), the words pandoc 2.17 cut at a column's edge
/// joined where the table shows such a cut ([`cut_words`]); and the `I021` that says so.
fn cells_of<'a>(
    cells: &[Lines<'_>],
    markup: bool,
    table: Span,
    index: &LineIndex,
) -> (Vec<Cell<'a>>, Option<Diagnostic>) {
    let cut = cells.iter().any(|c| cut_words::detect(&c.pieces, markup));
    let mut joined = 0;
    let texts = cells
        .iter()
        .map(|c| match c.span {
            Some(span) => {
                let (text, n) = pandoc::cell(&c.pieces, c.width.filter(|_| cut), markup);
                joined += n;
                Cell {
                    text: Cow::Owned(text),
                    span,
                }
            }
            None => Cell::empty(c.row_end),
        })
        .collect();
    let diagnostic = cut
        .then(|| cut_words::first_cut(cells.iter().map(|c| (&c.pieces[..], c.width))))
        .flatten()
        .map(|first| cut_words::diagnostic(joined, first, table, index));
    (texts, diagnostic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(block: &str) -> Vec<Vec<String>> {
        let mut cells = Vec::new();
        let index = LineIndex::new(block);
        table(block, 0, &mut cells, &index, &mut Vec::new())
            .expect("a table")
            .texts(&cells)
    }

    #[test]
    fn spans_wide_characters_and_wrapped_lines() {
        let block = "\
+------+-----------------+----------+
| 序号 | 工作任务        | 牵头单位 |
+======+=================+==========+
| 一、推动产业转型升级              |
+------+-----------------+----------+
| 1    | 规模以上工业增  | 市工信局 |
|      | 加值增长6%。    |          |
+------+-----------------+          +
| 2    | 新培育专精特新  |          |
+------+-----------------+----------+
";
        assert!(is_grid_table(block));
        assert_eq!(
            read(block),
            [
                vec!["序号", "工作任务", "牵头单位"],
                vec!["一、推动产业转型升级", "", ""],
                vec!["1", "规模以上工业增\n加值增长6%。", "市工信局"],
                vec!["2", "新培育专精特新", ""],
            ]
        );
    }

    // pandoc's own tests (test/command/10848.md, 10855.md, grid-table-indented.md): what its
    // writer makes of column and row spans, alignment rules, indentation.
    #[test]
    fn pandoc_column_spans() {
        let block = "\
+---+---+---+---+---+
| A         | F     |
+---+-------+-------+
| C | B     | H     |
+---+---+---+---+---+
| D     | E     | G |
+-------+-------+---+
";
        assert_eq!(
            read(block),
            [
                vec!["A", "", "", "F", ""],
                vec!["C", "B", "", "H", ""],
                vec!["D", "", "E", "", "G"],
            ]
        );
    }

    #[test]
    fn pandoc_row_and_column_spans() {
        let block = "\
+---+---+-------+---+
| A     | J     | F |
+---+---+-------+   |
| C | B | H     |   |
|   +---+       |   |
|   | D |       |   |
|   +---+-------+---+
|   | K             |
+---+---------------+
";
        assert_eq!(
            read(block),
            [
                vec!["A", "", "J", "F"],
                vec!["C", "B", "H", ""],
                vec!["", "D", "", ""],
                vec!["", "K", "", ""],
            ]
        );
    }

    #[test]
    fn pandoc_alignment_rules_and_indentation() {
        let block = "\
+----------+----+
| h1       | h2 |
+:===:+===:+:===+
| A        | B  |
+-----+----+----+
| C   | D  | E  |
+-----+----+----+
";
        assert!(is_grid_table(block));
        assert_eq!(
            read(block),
            [
                vec!["h1", "", "h2"],
                vec!["A", "", "B"],
                vec!["C", "D", "E"]
            ]
        );
        let indented = "   +---+---+\n   | a | b |\n   +===+===+\n   | 1 | 2 |\n   +---+---+\n";
        assert!(is_grid_table(indented));
        assert_eq!(read(indented), [vec!["a", "b"], vec!["1", "2"]]);
    }

    #[test]
    fn not_grid_tables() {
        assert!(!is_grid_table("+ 列表项\n+ 另一项"));
        assert!(!is_grid_table("一段文字\n+---+"));
        assert!(!is_grid_table("+---+\n一段文字"));
    }
}
