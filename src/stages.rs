//! Each stage of the pipeline on its own, for the benchmarks (`benches/stages.rs`): not part
//! of the API, and free to change with the stages. Each returns a count of what it made, so
//! that the work is not optimised away.

use crate::rules::Rules;
use crate::span::{LineIndex, Span};
use crate::table::Block;
use crate::{blocks, decode, notice, repair, targets, units};

/// Bytes → text (`decode`): the length of the text.
pub fn decode(input: &[u8]) -> usize {
    decode::decode(input).map_or(0, |d| d.text.len())
}

/// Text → blocks (`blocks`: every table reader): how many blocks.
pub fn blocks(text: &str) -> usize {
    blocks::parse(text, &LineIndex::new(text)).0.len()
}

/// Text → blocks, then the converter repairs on the page tables (`repair`): how many
/// diagnostics the repairs gave. The time of `blocks` is in it.
pub fn repair(text: &str) -> usize {
    let lines = LineIndex::new(text);
    let (blocks, mut cells, _) = blocks::parse(text, &lines);
    let mut pages: Vec<_> = blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Paragraph(_) => None,
        })
        .collect();
    let mut diags = Vec::new();
    repair::pages(&mut pages, &mut cells, &lines, Rules::builtin(), &mut diags);
    diags.len()
}

/// Each of `cells` read as a unit cell standing alone (`units`): how many units.
pub fn units(cells: &[String]) -> usize {
    cells
        .iter()
        .map(|cell| {
            let lines = LineIndex::new(cell);
            let span = Span::new(0, cell.len());
            let rules = Rules::builtin();
            units::read_cell(cell, span, cell, &lines, rules, &mut Vec::new()).len()
        })
        .sum()
}

/// The targets of each of `texts`, a task's text each (`targets`): how many.
pub fn targets(texts: &[String]) -> usize {
    texts
        .iter()
        .map(|t| targets::read(t, Rules::builtin()).len())
        .sum()
}

/// Text → blocks, then the front matter read from every paragraph (`notice`): how many
/// requirements. The time of `blocks` is in it.
pub fn notice(text: &str) -> usize {
    let lines = LineIndex::new(text);
    let (blocks, _, _) = blocks::parse(text, &lines);
    let paragraphs: Vec<_> = blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            Block::Table(_) => None,
        })
        .collect();
    let split = notice::split_run_together(notice::split_lines(paragraphs.iter(), text), text);
    let all: Vec<_> = split.iter().collect();
    let (read, _) = notice::read(&all, &[], &lines, Rules::builtin());
    read.requirements.len()
}
