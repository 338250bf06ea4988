//! Text CommonMark takes for code: a notice saved from a web page with every line indented
//! (four spaces, a tab, `&nbsp;` turned to spaces) is to CommonMark one code block. Its lines
//! are the notice's all the same: the markdown reader reads the block's text again as markdown
//! (its headings, lists and tables too) and puts what it reads back where it stands in the
//! input, through the map kept here.

use std::borrow::Cow;

use crate::diagnostic::Diagnostic;
use crate::span::{LineIndex, Span};
use crate::table::{Cell, PageTable, Paragraph, Row};

/// A code block's text without its indentation, as CommonMark gives it a piece a line, and
/// where each piece stands in the input.
#[derive(Default)]
pub struct Dedented {
    /// The block's text.
    pub text: String,
    /// Each piece: where it starts in `text`, where in the input, and whether it is the
    /// input's bytes (not spaces CommonMark made of a tab).
    pieces: Vec<(usize, usize, bool)>,
}

impl Dedented {
    /// Add a piece CommonMark gave as `piece`, read from the input's `range`.
    pub fn push(&mut self, piece: &str, range: std::ops::Range<usize>, source: &str) {
        let verbatim = source.get(range.clone()) == Some(piece);
        self.pieces.push((self.text.len(), range.start, verbatim));
        self.text.push_str(piece);
    }

    /// The input offset of offset `at` of the text.
    fn offset(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= at).saturating_sub(1);
        match self.pieces.get(i) {
            Some(&(start, source, true)) => source + (at - start),
            Some(&(_, source, false)) => source,
            None => 0,
        }
    }

    /// The input span of a span of the text: its end is the end of the byte before it, so
    /// that a span ending with a line ends before the next line's indentation.
    pub fn span(&self, span: Span) -> Span {
        let start = self.offset(span.start);
        let end = if span.end > span.start {
            self.offset(span.end - 1) + 1
        } else {
            start
        };
        Span::new(start, end.max(start))
    }

    /// A paragraph read from the text, placed in the input.
    pub fn paragraph<'a>(&self, p: Paragraph<'_>) -> Paragraph<'a> {
        Paragraph {
            text: Cow::Owned(p.text.into_owned()),
            span: self.span(p.span),
        }
    }

    /// A table read from the text, placed in the input; its cells, `cells` (read from the
    /// text), go to the end of `all`.
    pub fn table<'a>(
        &self,
        table: PageTable,
        cells: &[Cell<'_>],
        all: &mut Vec<Cell<'a>>,
    ) -> PageTable {
        let base = all.len();
        all.extend(cells.iter().map(|c| Cell {
            text: Cow::Owned(c.text.to_string()),
            span: self.span(c.span),
        }));
        let row = |r: Row| Row {
            cells: r.cells.start + base..r.cells.end + base,
            span: self.span(r.span),
            written: r.written,
        };
        PageTable {
            header: row(table.header),
            rows: table.rows.into_iter().map(row).collect(),
            span: self.span(table.span),
            kind: table.kind,
        }
    }

    /// A diagnostic about the text, about the input.
    pub fn diagnostic(&self, d: Diagnostic, lines: &LineIndex) -> Diagnostic {
        let span = self.span(d.span);
        Diagnostic {
            line: lines.line(span.start),
            span,
            ..d
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_of_the_text_are_the_inputs() {
        let source = "    一、重点工作\n\n    1.新建农田。\n";
        let mut d = Dedented::default();
        d.push(
            "一、重点工作\n",
            4..source.find("\n\n").unwrap() + 1,
            source,
        );
        let at = source.rfind("1.").unwrap();
        d.push("\n", 23..24, source);
        d.push("1.新建农田。\n", at..source.len(), source);
        let item = d.text.find("1.").unwrap();
        let span = d.span(Span::new(item, d.text.len() - 1));
        assert_eq!(&source[span.range()], "1.新建农田。");
        let heading = d.span(Span::new(0, "一、重点工作".len()));
        assert_eq!(&source[heading.range()], "一、重点工作");
    }

    #[test]
    fn spaces_made_of_a_tab_map_to_the_tab() {
        let source = "\t\t甲\n";
        let mut d = Dedented::default();
        d.push("    ", 1..2, source);
        d.push("甲\n", 2..source.len(), source);
        assert_eq!(d.span(Span::new(0, 2)), Span::new(1, 2));
        assert_eq!(&source[d.span(Span::new(4, 7)).range()], "甲");
    }
}
