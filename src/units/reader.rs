//! A lead or responsible cell → the units it names, each where it stands.

use foldhash::HashSet;

use crate::dataset::{Name, UnitMention};
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::{LineIndex, Span};
use crate::text;

use super::normalise::normalise;
use super::split::{Split, split, two_in_one};

/// How much of a cell a message quotes, in characters.
const QUOTED_CHARS: usize = 200;

/// Up to this many units, a repeat is looked for among the cell's units one by one.
const SHORT_CELL: usize = 16;

/// Read the units `cell` lists, each where it stands (a repeat in the same cell is none). `cell_span` is the cell's span in `source`, the decoded
/// text; what the cell needs said (unbalanced parentheses, rejoined names, repeats) goes to
/// `diags`.
pub fn read_cell(
    cell: &str,
    cell_span: Span,
    source: &str,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) -> Vec<UnitMention> {
    read_split(
        cell,
        split(cell, rules),
        cell_span,
        source,
        lines,
        rules,
        diags,
    )
}

/// [`read_cell`] for a cell already split (by [`split`]).
pub(crate) fn read_split(
    cell: &str,
    split: Split<'_>,
    cell_span: Span,
    source: &str,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) -> Vec<UnitMention> {
    if !split.balanced {
        diags.push(Diagnostic::new(
            Code::UnbalancedParenthesis,
            cell_span,
            lines,
            format!(
                "unit cell {:?} has unbalanced parentheses; split at every space",
                text::preview(cell, QUOTED_CHARS)
            ),
        ));
    }
    // Markup or escapes can make the cell text differ from the source; then each piece is
    // looked for in the source, else the cell's span stands for it.
    let written = &source[cell_span.range()];
    let verbatim = written == cell;
    let mut cursor = 0;
    let mut mentions: Vec<UnitMention> = Vec::with_capacity(split.pieces.len());
    // The names so far, for a cell too long to look through them for each repeat.
    let mut names: HashSet<Name> = HashSet::default();
    for piece in split.pieces {
        let raw = piece.raw;
        let found = if verbatim {
            Some(piece.at)
        } else {
            // Markup between units is short: the search goes a little way ahead, no further
            // (the whole rest of a long cell for every unit not found would be quadratic).
            let mut window = (cursor + 4 * raw.len() + 64).min(written.len());
            while !written.is_char_boundary(window) {
                window += 1;
            }
            written[cursor..window].find(raw).map(|i| cursor + i)
        };
        let span = match found {
            Some(at) => {
                cursor = at + raw.len();
                Span::new(cell_span.start + at, cell_span.start + cursor)
            }
            None => cell_span,
        };
        let n = normalise(raw, rules);
        if n.name.is_empty() {
            // Nothing but invisible characters: no unit.
            continue;
        }
        if piece.rejoined {
            diags.push(Diagnostic::new(
                Code::UnitRejoined,
                span,
                lines,
                format!(
                    "unit name {raw:?} was broken by a line wrap; read as {:?}",
                    n.name
                ),
            ));
        }
        if piece.unrun {
            diags.push(Diagnostic::new(
                Code::UnitsRunTogether,
                span,
                lines,
                format!(
                    "units written together without a separator; {:?} read as one of them",
                    n.name
                ),
            ));
        }
        if let Some((first, rest)) = two_in_one(&n.name, rules) {
            diags.push(Diagnostic::new(
                Code::UnitsMaybeRunTogether,
                span,
                lines,
                format!(
                    "unit name {:?} may be two or more units written together ({first:?} and \
                     {rest:?}; a PDF line wrap loses the space between them): read as one, \
                     check it",
                    n.name
                ),
            ));
        }
        if mentions.len() == SHORT_CELL {
            names.extend(mentions.iter().map(|m| m.name.clone()));
        }
        let repeat = if mentions.len() < SHORT_CELL {
            mentions.iter().any(|m| m.name == n.name)
        } else {
            !names.insert(n.name.clone())
        };
        if repeat {
            diags.push(Diagnostic::new(
                Code::DuplicateUnit,
                span,
                lines,
                format!(
                    "unit {:?} is listed twice in one cell; the repeat is dropped",
                    n.name
                ),
            ));
            continue;
        }
        mentions.push(UnitMention {
            name: n.name,
            raw: Name::from(raw),
            note: n.note,
            normalised: n.steps,
            line: lines.line(span.start),
            span,
        });
    }
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_stand_where_the_source_has_them() {
        let source = "| 县发改局 县人社局（县就业局） 县发改局 |\n| 县 *人社局* |\n";
        let lines = LineIndex::new(source);
        let mut diags = Vec::new();
        let cell = "县发改局 县人社局（县就业局） 县发改局";
        let at = source.find(cell).unwrap();
        let span = Span::new(at, at + cell.len());
        let units = read_cell(cell, span, source, &lines, Rules::builtin(), &mut diags);
        let names: Vec<&str> = units.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["县发改局", "县人社局"]);
        let m = &units[1];
        assert_eq!((m.note.as_deref(), m.line), (Some("县就业局"), 1));
        assert_eq!(&source[m.span.range()], "县人社局（县就业局）");
        let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::DuplicateUnit]);
        // Markup makes the text differ from the source: each unit is looked for there.
        let at = source.find("县 *人社局*").unwrap();
        let span = Span::new(at, at + "县 *人社局*".len());
        let units = read_cell(
            "县 人社局",
            span,
            source,
            &lines,
            Rules::builtin(),
            &mut diags,
        );
        assert_eq!(units[0].name, "县人社局");
        assert_eq!(units[0].line, 2);
        assert_eq!(units[0].span, span);
    }
}
