//! A unit cell's reading, kept for the next cell with the same text.
//!
//! A notice names the same few units in cell after cell (`县发改局` leads a third of the
//! tasks): a cell read once is read again by moving its units and diagnostics to where the
//! new cell stands. What a cell gives depends on its text and the rules alone when the source
//! holds the text as it is (no markup in between); other cells are read afresh.

use foldhash::HashMap;

use crate::dataset::UnitMention;
use crate::diagnostic::Diagnostic;
use crate::rules::Rules;
use crate::span::{LineIndex, Span};

use super::reader::read_split;
use super::split::{Split, split};

/// Most distinct cells kept: a table whose cells are all different keeps no more than this.
const MAX_CELLS: usize = 4096;

/// What reading a cell gave, its spans counted from the cell's start.
#[derive(Clone, Debug)]
struct Reading {
    /// The cell reads as a sentence, not a list of names.
    sentence: bool,
    mentions: Vec<UnitMention>,
    diags: Vec<Diagnostic>,
}

/// What a unit cell holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellUnits {
    /// A sentence where names belong (placed in the wrong column, or prose).
    Sentence,
    /// The units it names, each where it stands.
    Units(Vec<UnitMention>),
}

/// The readings of the cells read so far, each under its text in the source (a cell whose
/// text is not the source's is not kept). Keeping a reading costs a copy of its units;
/// reading a cell costs a hundred times that, so each is kept from the first time on.
#[derive(Debug, Default)]
pub struct Memo<'t> {
    cells: HashMap<&'t str, Reading>,
}

impl<'t> Memo<'t> {
    /// Read the units of `cell` at `cell_span` in `source` (as [`read_split`] does), unless
    /// `is_sentence` says the split cell is a sentence; diagnostics go to `diags`.
    #[allow(clippy::too_many_arguments)]
    pub fn read(
        &mut self,
        cell: &str,
        cell_span: Span,
        source: &'t str,
        lines: &LineIndex,
        rules: &Rules,
        diags: &mut Vec<Diagnostic>,
        is_sentence: impl Fn(&str, &Split<'_>) -> bool,
    ) -> CellUnits {
        let written = source.get(cell_span.range()).filter(|w| *w == cell);
        let base = cell_span.start;
        if written.is_some() {
            if let Some(r) = self.cells.get(cell) {
                let moved = |span: Span| Span::new(span.start + base, span.end + base);
                diags.extend(r.diags.iter().map(|d| Diagnostic {
                    span: moved(d.span),
                    line: lines.line(base + d.span.start),
                    ..d.clone()
                }));
                if r.sentence {
                    return CellUnits::Sentence;
                }
                return CellUnits::Units(
                    r.mentions
                        .iter()
                        .map(|m| UnitMention {
                            span: moved(m.span),
                            line: lines.line(base + m.span.start),
                            ..m.clone()
                        })
                        .collect(),
                );
            }
        }
        let split = split(cell, rules);
        let first_diag = diags.len();
        let reading = if is_sentence(cell, &split) {
            CellUnits::Sentence
        } else {
            CellUnits::Units(read_split(
                cell, split, cell_span, source, lines, rules, diags,
            ))
        };
        if let Some(written) = written.filter(|_| self.cells.len() < MAX_CELLS) {
            let back = |span: Span| Span::new(span.start - base, span.end - base);
            let (sentence, mentions) = match &reading {
                CellUnits::Sentence => (true, Vec::new()),
                CellUnits::Units(m) => (false, m.clone()),
            };
            let kept = Reading {
                sentence,
                mentions: mentions
                    .into_iter()
                    .map(|m| UnitMention {
                        span: back(m.span),
                        ..m
                    })
                    .collect(),
                diags: diags[first_diag..]
                    .iter()
                    .map(|d| Diagnostic {
                        span: back(d.span),
                        ..d.clone()
                    })
                    .collect(),
            };
            self.cells.insert(written, kept);
        }
        reading
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cell read again where it stands a second time gives what reading it afresh gives.
    #[test]
    fn a_cell_read_again_is_read_as_afresh() {
        let source = "| 县发改局 县住房保障 服务中心 县发改局 |\n\n| 县发改局 县住房保障 服务中心 县发改局 |\n";
        let lines = LineIndex::new(source);
        let rules = Rules::builtin();
        let cell = "县发改局 县住房保障 服务中心 县发改局";
        let second = source.rfind(cell).unwrap();
        let span = Span::new(second, second + cell.len());
        let never = |_: &str, _: &Split<'_>| false;
        let mut fresh_diags = Vec::new();
        let fresh =
            Memo::default().read(cell, span, source, &lines, rules, &mut fresh_diags, never);
        let mut memo = Memo::default();
        let first = source.find(cell).unwrap();
        let mut diags = Vec::new();
        memo.read(
            cell,
            Span::new(first, first + cell.len()),
            source,
            &lines,
            rules,
            &mut diags,
            never,
        );
        // The first reading is kept, the second moved from it.
        let mut again_diags = Vec::new();
        let again = memo.read(cell, span, source, &lines, rules, &mut again_diags, never);
        assert_eq!(again, fresh);
        assert_eq!(again_diags, fresh_diags);
        // Rejoined and repeated: two diagnostics, on line 3.
        assert_eq!(again_diags.len(), 2);
        assert!(again_diags.iter().all(|d| d.line == 3));
        let CellUnits::Units(units) = again else {
            panic!("a list of names")
        };
        assert_eq!(&source[units[1].span.range()], "县住房保障 服务中心");
    }
}
