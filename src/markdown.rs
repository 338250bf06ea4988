//! CommonMark text → paragraphs and pipe tables, each cell with its byte span, and the places
//! where other readers' tables stand (HTML blocks, paragraphs that may be grid tables, the
//! line tables it is told of): `blocks` hands those to their readers.
//!
//! pulldown-cmark does the parsing (GFM tables); `into_offset_iter` keeps every byte range.
//! Short rows come padded with empty cells by pulldown-cmark.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::dataset::TableKind;
use crate::dedent::Dedented;
use crate::diagnostic::{Code, Diagnostic};
use crate::span::{LineIndex, Span};
use crate::table::{Block, Cell, PageTable, Paragraph, Row};
use crate::text;

/// What the parser is inside of.
enum State<'a> {
    Outside,
    Paragraph {
        text: Cow<'a, str>,
        start: usize,
    },
    /// A list item's own text, where a tight list writes it without a paragraph
    /// (`1. 地区…\n2. 粮食…`): from its first inline event to its last.
    Item {
        text: Cow<'a, str>,
        span: Option<Span>,
    },
    Table(TableBuilder<'a>),
    /// A code block: text saved from a web page, each line indented four spaces or a tab
    /// (layout, not code): its text, read again as markdown at its end.
    Code(Dedented),
}

struct TableBuilder<'a> {
    start: usize,
    header: Option<Row>,
    rows: Vec<Row>,
    /// Where the current row's cells start among all cells.
    row_start: usize,
    cell: Option<(Cow<'a, str>, usize, usize)>,
    /// Where the current row's last cell, as pulldown-cmark read it, ends.
    last_cell_end: usize,
    /// Whether the header row is written without a pipe at its end (`序号 | 目标任务`).
    open_header: bool,
}

/// What CommonMark makes of a document, in document order: its paragraphs and pipe tables,
/// and the places where another reader's table stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A paragraph, a heading or a pipe table.
    Block(Block<'a>),
    /// An HTML block (an HTML table, perhaps), by its span.
    Html(Span),
    /// A paragraph whose text begins with `+`: pandoc's grid table, perhaps (CommonMark reads
    /// one as a paragraph). `from` is where its first line starts.
    Plus {
        /// Where the paragraph's first line starts.
        from: usize,
        /// The paragraph as CommonMark read it.
        paragraph: Paragraph<'a>,
    },
    /// Where the table `i` of those [`parse`] was told of stands.
    Table(usize),
}

/// What [`parse`] reads: the pieces, and what it has to say. Pipe tables' cells go to the
/// cells it is given.
pub type Pieces<'a> = (Vec<Piece<'a>>, Vec<Diagnostic>);

/// Parse `text` into pieces. `tables` are the spans (in order) of tables other readers found
/// in lines CommonMark reads otherwise (pandoc's multiline and simple tables, tab-separated
/// text): what CommonMark makes of them is skipped, a [`Piece::Table`] stands in their place.
/// `cuts` are offsets where a paragraph must end (a tab-separated table starts or ends).
pub fn parse<'a>(
    text: &'a str,
    lines: &LineIndex,
    tables: &[Span],
    cuts: &[usize],
    cells: &mut Vec<Cell<'a>>,
) -> Pieces<'a> {
    parse_with(text, lines, tables, cuts, cells, CHUNK_BYTES, 0)
}

/// How deep code blocks are read again as markdown: a notice indented once, or twice where
/// its converter indented a list inside it; deeper, a code block's lines are read as they are.
const MAX_DEDENTS: usize = 3;

/// [`parse`], chunking at `chunk_bytes`; `depth` code blocks deep.
fn parse_with<'a>(
    text: &'a str,
    lines: &LineIndex,
    line_tables: &[Span],
    cuts: &[usize],
    cells: &mut Vec<Cell<'a>>,
    chunk_bytes: usize,
    depth: usize,
) -> Pieces<'a> {
    let mut blocks = Vec::new();
    let mut diags = Vec::new();
    let mut state = State::Outside;
    let mut next_line_table = 0;
    // Tables and paragraphs nested in lists or block quotes are read all the same. Each chunk
    // is parsed on its own (see `chunks`), and cut where a tab-separated table starts and
    // ends: a paragraph right above one ends there. Ranges are made input offsets again.
    for (start, end) in cut_at(chunks(text, chunk_bytes), cuts) {
        for (event, range) in
            Parser::new_ext(&text[start..end], Options::ENABLE_TABLES).into_offset_iter()
        {
            let range = range.start + start..range.end + start;
            while line_tables
                .get(next_line_table)
                .is_some_and(|span| span.start <= range.start)
            {
                blocks.push(Piece::Table(next_line_table));
                next_line_table += 1;
            }
            let in_line_table =
                next_line_table > 0 && range.start < line_tables[next_line_table - 1].end;
            if in_line_table && matches!(state, State::Outside) {
                continue;
            }
            // A list item's text runs until a block begins or the item ends; then the block
            // is read as it is outside.
            if let State::Item { text: t, span } = &mut state {
                let block = match &event {
                    Event::Start(tag) => !is_inline(tag),
                    Event::End(tag) => !is_inline_end(*tag),
                    _ => false,
                };
                if !block {
                    *span = Some(span.map_or(Span::new(range.start, range.end), |s| {
                        Span::new(s.start, range.end)
                    }));
                    push_inline(t, event);
                    continue;
                }
                let paragraph = trim(std::mem::take(t));
                if let (Some(span), false) = (*span, paragraph.is_empty()) {
                    blocks.push(Piece::Block(Block::Paragraph(Paragraph {
                        text: paragraph,
                        span,
                    })));
                }
                state = State::Outside;
            }
            match (&mut state, event) {
                (State::Outside, Event::Start(Tag::Item)) => {
                    state = State::Item {
                        text: Cow::Borrowed(""),
                        span: None,
                    };
                }
                (State::Outside, Event::Start(Tag::Paragraph | Tag::Heading { .. })) => {
                    state = State::Paragraph {
                        text: Cow::Borrowed(""),
                        start: range.start,
                    };
                }
                (State::Outside, Event::Start(Tag::CodeBlock(_))) => {
                    state = State::Code(Dedented::default());
                }
                (State::Code(code), Event::Text(piece)) => code.push(&piece, range, text),
                (State::Code(code), Event::End(TagEnd::CodeBlock)) => {
                    let code = std::mem::take(code);
                    state = State::Outside;
                    if depth < MAX_DEDENTS {
                        read_again(&code, lines, cells, &mut blocks, &mut diags, depth);
                    } else {
                        // Its lines as one paragraph, each line read on its own later.
                        let span = code.span(Span::new(0, code.text.len()));
                        let lines: Vec<&str> = code
                            .text
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .collect();
                        if !lines.is_empty() {
                            blocks.push(Piece::Block(Block::Paragraph(Paragraph {
                                text: Cow::Owned(lines.join("\n")),
                                span,
                            })));
                        }
                    }
                }
                (State::Outside, Event::Start(Tag::HtmlBlock)) => {
                    blocks.push(Piece::Html(Span::new(range.start, range.end)));
                }
                (State::Outside, Event::Start(Tag::Table(_))) => {
                    // The range covers the whole table: a row a line, less header and
                    // delimiter row.
                    // (The line breaks in the range, counted by the line index.)
                    let lines = lines.line(range.end) - lines.line(range.start);
                    state = State::Table(TableBuilder {
                        start: range.start,
                        header: None,
                        rows: Vec::with_capacity(lines.saturating_sub(1)),
                        row_start: cells.len(),
                        cell: None,
                        last_cell_end: 0,
                        open_header: false,
                    });
                }
                (
                    State::Paragraph { text: t, start },
                    Event::End(TagEnd::Paragraph | TagEnd::Heading(_)),
                ) => {
                    let span = Span::new(*start, range.end);
                    let source = &text[span.range()];
                    let paragraph = trim(std::mem::take(t));
                    if source.starts_with('+') {
                        // Perhaps pandoc's grid table: a paragraph to CommonMark. It would be
                        // read from the start of its first line, so that an indented table's
                        // lines line up.
                        let from = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                        blocks.push(Piece::Plus {
                            from,
                            paragraph: Paragraph {
                                text: paragraph,
                                span,
                            },
                        });
                    } else if !paragraph.is_empty() {
                        blocks.push(Piece::Block(Block::Paragraph(Paragraph {
                            text: paragraph,
                            span,
                        })));
                    }
                    state = State::Outside;
                }
                (State::Paragraph { text, .. }, event) => push_inline(text, event),
                (State::Table(t), Event::Start(Tag::TableCell)) => {
                    t.cell = Some((Cow::Borrowed(""), range.start, range.end));
                }
                (State::Table(t), Event::End(TagEnd::TableCell)) => {
                    t.last_cell_end = range.end;
                    if let Some((raw, start, end)) = t.cell.take() {
                        cells.push(make_cell(text, raw, start, end));
                    }
                }
                (State::Table(t), Event::End(TagEnd::TableHead)) => {
                    let line = line_span(text, range.start, range.end);
                    t.open_header = !text[line.range()].trim_end().ends_with('|');
                    t.header = Some(Row {
                        written: cells.len() - t.row_start,
                        cells: t.row_start..cells.len(),
                        span: line_span(text, range.start, range.end),
                    });
                    t.row_start = cells.len();
                }
                (State::Table(t), Event::End(TagEnd::TableRow)) => {
                    let span = line_span(text, range.start, range.end);
                    let row = t.row_start..cells.len();
                    if has_text_after(text, t.last_cell_end.clamp(span.start, span.end), span.end) {
                        if let Some(d) =
                            keep_extra_cells(text, span, &mut cells[row.clone()], lines)
                        {
                            diags.push(d);
                        }
                    }
                    let line = &text[span.range()];
                    // A row ending with a pipe under a header without one (`67 | | 任务 | 县应急局 | `):
                    // the converter ended each cell with its pipe, the last cell empty.
                    let closed =
                        line.trim_end().ends_with('|') && !line.trim_start().starts_with('|');
                    let written = cell_count(line) + usize::from(t.open_header && closed);
                    let written = written.min(row.len());
                    t.rows.push(Row {
                        cells: row,
                        span,
                        written,
                    });
                    t.row_start = cells.len();
                }
                (State::Table(t), Event::End(TagEnd::Table)) => {
                    let header = t.header.take().unwrap_or_else(|| Row {
                        written: 0,
                        cells: t.row_start..t.row_start,
                        span: Span::new(t.start, t.start),
                    });
                    // A line right under a table, without a blank line between (`信息公开属性：
                    // 主动公开`), is a row to GFM: lines without a pipe after the last row that
                    // has one are paragraphs after the table.
                    let mut rows = std::mem::take(&mut t.rows);
                    let pipeless = |r: &Row| !text[r.span.range()].contains('|');
                    let kept = rows.len() - rows.iter().rev().take_while(|r| pipeless(r)).count();
                    let after: Vec<Row> = if kept > 0 {
                        rows.split_off(kept)
                    } else {
                        Vec::new()
                    };
                    let end = rows.last().map_or(header.span.end, |r| r.span.end);
                    let end = if after.is_empty() { range.end } else { end };
                    blocks.push(Piece::Block(Block::Table(PageTable {
                        header,
                        rows,
                        span: line_span(text, t.start, end),
                        kind: TableKind::Pipe,
                    })));
                    blocks.extend(after.into_iter().map(|r| {
                        Piece::Block(Block::Paragraph(Paragraph {
                            text: Cow::Borrowed(text[r.span.range()].trim()),
                            span: r.span,
                        }))
                    }));
                    state = State::Outside;
                }
                (State::Table(t), event) => {
                    if let Some((raw, _, _)) = &mut t.cell {
                        push_inline(raw, event);
                    }
                }
                // Left above for the outside state; an item's own text never comes here.
                (State::Outside | State::Item { .. } | State::Code(_), _) => {}
            }
        }
    }
    blocks.extend((next_line_table..line_tables.len()).map(Piece::Table));
    (blocks, diags)
}

/// A code block's text read as markdown, what it holds placed where it stands in the input.
fn read_again<'a>(
    code: &Dedented,
    lines: &LineIndex,
    cells: &mut Vec<Cell<'a>>,
    blocks: &mut Vec<Piece<'a>>,
    diags: &mut Vec<Diagnostic>,
    depth: usize,
) {
    let inner_lines = LineIndex::new(&code.text);
    let mut inner_cells = Vec::new();
    let (pieces, inner_diags) = parse_with(
        &code.text,
        &inner_lines,
        &[],
        &[],
        &mut inner_cells,
        usize::MAX,
        depth + 1,
    );
    for piece in pieces {
        blocks.push(match piece {
            Piece::Block(Block::Paragraph(p)) => Piece::Block(Block::Paragraph(code.paragraph(p))),
            Piece::Block(Block::Table(t)) => {
                Piece::Block(Block::Table(code.table(t, &inner_cells, cells)))
            }
            Piece::Html(span) => Piece::Html(code.span(span)),
            // A grid table indented: its lines no longer start with `|`; a paragraph.
            Piece::Plus { paragraph, .. } => {
                Piece::Block(Block::Paragraph(code.paragraph(paragraph)))
            }
            Piece::Table(_) => continue,
        });
    }
    diags.extend(inner_diags.into_iter().map(|d| code.diagnostic(d, lines)));
}

/// pulldown-cmark drops the cells of a row beyond its header's count. Count the cells as
/// written; if there are more, append their text to the last cell and say so.
fn keep_extra_cells(
    source: &str,
    row: Span,
    cells: &mut [Cell<'_>],
    lines: &LineIndex,
) -> Option<Diagnostic> {
    let line = &source[row.range()];
    let width = cells.len();
    if width == 0 || cell_count(line) <= width {
        return None;
    }
    let bounds = cell_bounds(line);
    if bounds.len() <= width {
        return None;
    }
    let extra: Vec<&str> = bounds[width..]
        .iter()
        .map(|&(start, end)| line[start..end].trim())
        .filter(|t| !t.is_empty())
        .collect();
    if extra.is_empty() {
        return None;
    }
    let extra = extra.join(" ");
    let last = &mut cells[width - 1];
    let text = last.text.to_mut();
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(&extra);
    // The span grows to the end of the last extra text (from its start, if the cell was empty).
    let filled = |&&(s, e): &&(usize, usize)| !line[s..e].trim().is_empty();
    let first_extra = bounds[width..]
        .iter()
        .find(filled)
        .copied()
        .unwrap_or_default();
    let last_extra = bounds[width..]
        .iter()
        .rev()
        .find(filled)
        .copied()
        .unwrap_or_default();
    let end = row.start + last_extra.0 + line[last_extra.0..last_extra.1].trim_end().len();
    let start = if last.span.start == last.span.end {
        let (s, e) = first_extra;
        row.start + s + (line[s..e].len() - line[s..e].trim_start().len())
    } else {
        last.span.start
    };
    last.span = Span::new(start, end);
    Some(Diagnostic::new(
        Code::ExtraCells,
        row,
        lines,
        format!(
            "row has {} cells where its table has {width}; the extra text is kept in the last \
             column: {:?}",
            bounds.len(),
            text::preview(&extra, 200)
        ),
    ))
}

/// Whether a row has text after its last cell (`range`: from that cell's end to the row's):
/// more than the closing pipe means cells beyond the header's count, which pulldown-cmark drops.
fn has_text_after(source: &str, start: usize, end: usize) -> bool {
    let rest = source[start..end].trim();
    let rest = rest.strip_prefix('|').unwrap_or(rest).trim_start();
    let rest = rest.strip_suffix('|').unwrap_or(rest);
    !rest.trim_end().is_empty()
}

/// How many cells `cell_bounds` finds, without allocating.
fn cell_count(line: &str) -> usize {
    let bytes = line.trim().as_bytes();
    let unescaped = |&i: &usize| i == 0 || bytes[i - 1] != b'\\';
    let pipes = memchr::memchr_iter(b'|', bytes).filter(unescaped).count();
    let leading = usize::from(bytes.first() == Some(&b'|'));
    let trailing =
        usize::from(bytes.len() > 1 && bytes.ends_with(b"|") && !bytes.ends_with(b"\\|"));
    (pipes + 1).saturating_sub(leading + trailing).max(1)
}

/// Byte ranges (in `line`) of the cells of a pipe-table row as written: split at `|` not
/// escaped with `\\`, the outer pipes dropped.
fn cell_bounds(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut pipes: Vec<usize> = memchr::memchr_iter(b'|', bytes)
        .filter(|&i| i == 0 || bytes[i - 1] != b'\\')
        .collect();
    let first = line.len() - line.trim_start().len();
    let last = line.trim_end().len();
    let start = match pipes.first() {
        Some(&p) if p == first => {
            pipes.remove(0);
            p + 1
        }
        _ => first,
    };
    let end = match pipes.last() {
        Some(&p) if p + 1 == last => {
            pipes.pop();
            p
        }
        _ => last,
    };
    let mut bounds = Vec::with_capacity(pipes.len() + 1);
    let mut from = start;
    for p in pipes {
        bounds.push((from, p));
        from = p + 1;
    }
    bounds.push((from, end.max(from)));
    bounds
}

/// `chunks` cut again at each of `cuts` (sorted offsets) that falls inside one.
fn cut_at<'c>(
    chunks: impl Iterator<Item = (usize, usize)> + 'c,
    cuts: &'c [usize],
) -> impl Iterator<Item = (usize, usize)> + 'c {
    chunks.flat_map(move |(start, end)| {
        let from = cuts.partition_point(|&c| c <= start);
        let to = cuts.partition_point(|&c| c < end);
        let inside = cuts[from..to.max(from)].iter().copied();
        let bounds: Vec<usize> = std::iter::once(start)
            .chain(inside)
            .chain(std::iter::once(end))
            .collect();
        (0..bounds.len() - 1)
            .map(|i| (bounds[i], bounds[i + 1]))
            .filter(|(s, e)| s < e)
            .collect::<Vec<_>>()
    })
}

/// Size from which the input is parsed in chunks.
const CHUNK_BYTES: usize = 64 * 1024;

/// Split `text` into chunks of at least `target` bytes (but the last) at block boundaries
/// where parsing the chunks one by one reads the same blocks as parsing the whole: a blank
/// line outside fenced code, HTML comments and `<pre>`-like blocks, followed by a line that is
/// not indented. pulldown-cmark builds a tree of the whole input, whose cost grows faster
/// than the input; chunks keep it linear. An input below `target` is one chunk.
fn chunks(text: &str, target: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let chunk_start = start;
        let end = if text.len() - start <= target {
            text.len()
        } else {
            safe_split(text, start, target).unwrap_or(text.len())
        };
        start = end;
        Some((chunk_start, end))
    })
}

/// The first block boundary (see `chunks`) at least `target` bytes after `start`.
fn safe_split(text: &str, start: usize, target: usize) -> Option<usize> {
    let mut fence: Option<(u8, usize)> = None; // fence character and length
    let mut raw_block: Option<&'static str> = None; // closing marker of a comment or <pre>
    let mut previous_blank = false;
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let blank = trimmed.trim().is_empty();
        if let Some((ch, len)) = fence {
            let run = trimmed.bytes().take_while(|&b| b == ch).count();
            if indent < 4 && run >= len && trimmed[run..].trim().is_empty() {
                fence = None;
            }
            previous_blank = false;
            continue;
        }
        if let Some(close) = raw_block {
            if text::contains_ignore_case(line, close) {
                raw_block = None;
            }
            previous_blank = false;
            continue;
        }
        if previous_blank && !blank && indent == 0 && line_start - start >= target {
            return Some(line_start);
        }
        if indent < 4 {
            let ch = trimmed.as_bytes().first().copied().unwrap_or(0);
            let run = trimmed.bytes().take_while(|&b| b == ch).count();
            if (ch == b'`' || ch == b'~') && run >= 3 {
                fence = Some((ch, run));
            } else if trimmed.starts_with("<!--") && !trimmed.contains("-->") {
                raw_block = Some("-->");
            } else {
                for (open, close) in [
                    ("<pre", "</pre>"),
                    ("<script", "</script>"),
                    ("<style", "</style>"),
                    ("<textarea", "</textarea>"),
                ] {
                    if trimmed.len() >= open.len()
                        && trimmed.as_bytes()[..open.len()].eq_ignore_ascii_case(open.as_bytes())
                        && !text::contains_ignore_case(line, close)
                    {
                        raw_block = Some(close);
                    }
                }
            }
        }
        previous_blank = blank;
    }
    None
}

/// Append the text an inline event contributes; the text stays borrowed from the input
/// while it is one piece of it.
fn push_inline<'a>(out: &mut Cow<'a, str>, event: Event<'a>) {
    match event {
        Event::Text(CowStr::Borrowed(t)) | Event::Code(CowStr::Borrowed(t)) if out.is_empty() => {
            *out = Cow::Borrowed(t);
        }
        Event::Text(t) | Event::Code(t) => out.to_mut().push_str(&t),
        Event::SoftBreak | Event::HardBreak => out.to_mut().push('\n'),
        Event::InlineHtml(h) | Event::Html(h) if is_line_break_tag(&h) => out.to_mut().push('\n'),
        _ => {}
    }
}

/// Whether a tag is inline markup (emphasis, a link…), not a block.
fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// Whether a tag's end is inline markup's.
fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// `text` without surrounding whitespace, borrowed if it was.
fn trim(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(t) => Cow::Borrowed(str::trim(t)),
        Cow::Owned(t) if str::trim(&t).len() == t.len() => Cow::Owned(t),
        Cow::Owned(t) => Cow::Owned(str::trim(&t).to_owned()),
    }
}

/// `<br>`, `<br/>`, `<br />`, any case.
fn is_line_break_tag(html: &str) -> bool {
    let inner = html
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim();
    inner.eq_ignore_ascii_case("br")
}

/// A cell with trimmed text and its span shrunk to the non-blank content.
fn make_cell<'a>(source: &str, text: Cow<'a, str>, start: usize, end: usize) -> Cell<'a> {
    let raw = &source[start..end];
    let trimmed = str::trim(raw);
    // `trimmed` is a slice of `raw`: its offset there is the blank space trimmed off the start.
    let lead = trimmed.as_ptr() as usize - raw.as_ptr() as usize;
    let span = if trimmed.is_empty() {
        Span::new(start, start)
    } else {
        Span::new(start + lead, start + lead + trimmed.len())
    };
    // The usual cell: one piece of text that is the trimmed source itself.
    let text = match text {
        Cow::Borrowed(t) if std::ptr::eq(t, trimmed) => Cow::Borrowed(t),
        text => trim(text),
    };
    Cell { text, span }
}

/// A row or table range without its final line break.
fn line_span(source: &str, start: usize, end: usize) -> Span {
    let trimmed = source[start..end].trim_end_matches('\n');
    Span::new(start, start + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blocks, cells and diagnostics of a document with pipe tables only.
    fn parse_pipes(src: &str) -> (Vec<Block<'_>>, Vec<Cell<'_>>, Vec<Diagnostic>) {
        let mut cells = Vec::new();
        let (pieces, diags) = parse(src, &LineIndex::new(src), &[], &[], &mut cells);
        let blocks = pieces
            .into_iter()
            .filter_map(|p| match p {
                Piece::Block(b) => Some(b),
                _ => None,
            })
            .collect();
        (blocks, cells, diags)
    }

    #[test]
    fn cells_keep_text_and_spans() {
        let src = "前言\n\n| 序号 | 目标任务 |\n|---|---|\n| 1 | **增长** 5%<br>左右 |\n| 2 |\n";
        let (blocks, cells, diags) = parse_pipes(src);
        assert!(diags.is_empty());
        assert_eq!(blocks.len(), 2);
        let Block::Table(t) = &blocks[1] else {
            panic!("expected a table")
        };
        assert_eq!(cells[t.header.cells.clone()][1].text, "目标任务");
        assert_eq!(
            &src[cells[t.header.cells.clone()][1].span.range()],
            "目标任务"
        );
        let row = &t.rows[0];
        assert_eq!(cells[row.cells.clone()][1].text, "增长 5%\n左右");
        assert_eq!(
            &src[cells[row.cells.clone()][1].span.range()],
            "**增长** 5%<br>左右"
        );
        assert_eq!(&src[row.span.range()], "| 1 | **增长** 5%<br>左右 |");
        // pulldown-cmark pads a short row with empty cells.
        assert_eq!(cells[t.rows[1].cells.clone()].len(), 2);
        assert!(cells[t.rows[1].cells.clone()][1].text.is_empty());
        // Header and rows, one after another in the table's cells.
        assert_eq!(
            (
                t.header.cells.clone(),
                t.rows[0].cells.clone(),
                t.rows[1].cells.clone()
            ),
            (0..2, 2..4, 4..6)
        );
    }

    #[test]
    fn chunks_split_only_at_block_boundaries() {
        let text = "段一\n\n```\n代码\n\n仍是代码\n```\n\n段二\n\n  缩进\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n段三\n";
        let got: Vec<&str> = chunks(text, 1).map(|(s, e)| &text[s..e]).collect();
        let want = [
            "段一\n\n",
            "```\n代码\n\n仍是代码\n```\n\n",
            "段二\n\n  缩进\n\n",
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n",
            "段三\n",
        ];
        assert_eq!(got, want);
        assert_eq!(chunks(text, 1000).collect::<Vec<_>>(), [(0, text.len())]);

        // Nor inside an HTML comment or a <pre> block that spans blank lines.
        let text = "甲\n\n<!-- 注释\n\n仍是注释 -->\n\n<PRE>\n预排\n\n</pre>\n\n乙\n";
        let got: Vec<&str> = chunks(text, 1).map(|(s, e)| &text[s..e]).collect();
        let want = [
            "甲\n\n",
            "<!-- 注释\n\n仍是注释 -->\n\n",
            "<PRE>\n预排\n\n</pre>\n\n",
            "乙\n",
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn chunked_parse_reads_the_same_blocks() {
        let seed = include_str!("../seeds/huzhu-2026.md").repeat(3);
        let lines = LineIndex::new(&seed);
        let read = |chunk| {
            let mut cells = Vec::new();
            let pieces = parse_with(&seed, &lines, &[], &[], &mut cells, chunk, 0);
            (pieces, cells)
        };
        assert_eq!(read(usize::MAX), read(2048));
    }

    #[test]
    fn text_after_the_last_cell_means_extra_cells() {
        // (row, where pulldown-cmark's last cell ends, extra cells?)
        let cases = [
            ("| 1 | 2 |", 8, false),
            ("| 1 | 2", 7, false),
            ("| 1 | 2 | |", 8, false),
            ("| 1 | 2 | 3 |", 8, true),
            ("| 1 | 2 |3", 8, true),
            ("| 1 |", 9, false),
        ];
        for (row, last_cell_end, want) in cases {
            let start = last_cell_end.min(row.len());
            assert_eq!(has_text_after(row, start, row.len()), want, "{row:?}");
        }
    }

    #[test]
    fn cell_bounds_split_at_unescaped_pipes() {
        let cases: &[(&str, &[&str])] = &[
            ("| a | b |", &[" a ", " b "]),
            ("a | b", &["a ", " b"]),
            ("| a \\| b | c |", &[" a \\| b ", " c "]),
            ("| a | | |", &[" a ", " ", " "]),
            ("|", &[""]),
        ];
        for (line, want) in cases {
            let got: Vec<&str> = cell_bounds(line)
                .iter()
                .map(|&(s, e)| &line[s..e])
                .collect();
            assert_eq!(&got[..], *want, "{line:?}");
        }
    }

    #[test]
    fn extra_cells_are_kept_in_the_last_column() {
        let src = "| 序号 | 目标任务 |\n|---|---|\n| 1 | 增长5% | 左右 | |\n";
        let (blocks, cells, diags) = parse_pipes(src);
        let Block::Table(t) = &blocks[0] else {
            panic!("expected a table")
        };
        assert_eq!(cells[t.rows[0].cells.clone()][1].text, "增长5% 左右");
        assert_eq!(
            &src[cells[t.rows[0].cells.clone()][1].span.range()],
            "增长5% | 左右"
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 3);
    }
}
