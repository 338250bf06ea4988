//! Stage 2: text → blocks: paragraphs and page tables in document order, each cell with its
//! byte span (the model of [`crate::table`]).
//!
//! Each table syntax has its reader: pipe tables and paragraphs (`markdown`, CommonMark),
//! HTML tables (`html`), pandoc's grid, multiline and simple tables (`grid`), tab-separated
//! text (`tsv`). None of them knows another; this stage runs them and puts what they read in
//! order. pandoc's multiline and simple tables and tab-separated tables are found first (to
//! CommonMark they are rules, headings and paragraphs, skipped where they stand); then
//! CommonMark reads the rest, handing HTML blocks and paragraphs that begin with `+` back to
//! be read as HTML or grid tables.

use crate::grid;
use crate::html;
use crate::markdown::{self, Piece};
use crate::span::LineIndex;
use crate::table::{Block, Parsed};
use crate::text;
use crate::tsv;

/// Read `text` into blocks.
pub fn parse<'a>(text: &'a str, lines: &LineIndex) -> Parsed<'a> {
    // All cells in one allocation: about one a `|` (a row of n cells has n + 1 pipes).
    let mut cells = Vec::with_capacity(memchr::memchr_iter(b'|', text.as_bytes()).count());
    let mut grid_diags = Vec::new();
    let mut line_tables = grid::line_tables(text, &mut cells, lines, &mut grid_diags);
    // Tables copied out of Word or Excel as text, cells between tabs (where no pandoc table
    // stands).
    let tsv: Vec<_> = tsv::tables(text, &mut cells)
        .into_iter()
        .filter(|(span, _)| {
            !line_tables
                .iter()
                .any(|(s, _)| s.start < span.end && span.start < s.end)
        })
        .collect();
    // A paragraph right above a tab-separated table ends where the table starts.
    let cuts: Vec<usize> = tsv.iter().flat_map(|(s, _)| [s.start, s.end]).collect();
    line_tables.extend(tsv);
    line_tables.sort_by_key(|(span, _)| span.start);
    let spans: Vec<_> = line_tables.iter().map(|(span, _)| *span).collect();
    let mut line_tables: Vec<_> = line_tables.into_iter().map(|(_, t)| Some(t)).collect();
    let (pieces, mut diags) = markdown::parse(text, lines, &spans, &cuts, &mut cells);
    let mut blocks = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match piece {
            Piece::Block(block) => blocks.push(block),
            Piece::Table(i) => blocks.extend(line_tables[i].take().map(Block::Table)),
            Piece::Html(span) => {
                let block = &text[span.range()];
                if text::contains_ignore_case(block, "<table") {
                    let tables = html::tables(block, span.start, &mut cells);
                    blocks.extend(tables.into_iter().map(Block::Table));
                }
            }
            Piece::Plus { from, paragraph } => {
                if grid::is_grid_table(&text[paragraph.span.range()]) {
                    let block = &text[from..paragraph.span.end];
                    blocks.extend(
                        grid::table(block, from, &mut cells, lines, &mut grid_diags)
                            .map(Block::Table),
                    );
                } else if !paragraph.text.is_empty() {
                    blocks.push(Block::Paragraph(paragraph));
                }
            }
        }
    }
    diags.append(&mut grid_diags);
    (blocks, cells, diags)
}
