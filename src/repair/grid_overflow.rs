//! Grid-table rows wider than their borders (pandoc 2.17, `-t markdown`).
//!
//! pandoc 2.17 gives a column the width Word's layout suggests, however narrow; a character
//! wider than it (a Chinese character in a one-column `序号` column) is written whole, and
//! the row's line runs past the border above it: `+---+------+` over `| 序 | 重点 |`. Read at
//! the borders' columns, every cell after it would take the last character of the cell
//! before it.
//!
//! - **Detector**: a row line with as many `|` as the borders have `+`, not all of them where
//!   the `+` are. (A row with a column span has fewer `|`; a table drawn by hand whose lines
//!   all line up has none misplaced.)
//! - **Repair** ([`realign`]): each cell of such a line is read between its own `|`, as if
//!   they stood at the borders' columns.
//! - **Diagnostic**: `I022`, once per table, with how many lines.
//!
//! Fixtures: `fixtures/repair-grid-overflow-fires.md` (pandoc 2.17), and
//! `fixtures/repair-grid-overflow-not-here.md` (a grid table with a column span: fewer `|`).

use crate::diagnostic::{Code, Diagnostic};
use crate::span::{LineIndex, Span};

/// For a row line whose `|` stand elsewhere than the table's column `bounds` but are as many:
/// its `(display column, byte offset)` table (`columns`, one entry a character then the
/// line's end) moved so that its `k`-th `|` stands at `bounds[k]`, each cell's text inside its
/// bounds. `None` when the line is not so.
pub fn realign(
    text: &str,
    columns: &[(usize, usize)],
    bounds: &[usize],
) -> Option<Vec<(usize, usize)>> {
    let pipes: Vec<usize> = columns
        .iter()
        .filter(|&&(_, b)| text[b..].starts_with('|'))
        .map(|&(c, _)| c)
        .collect();
    if pipes.len() != bounds.len() || pipes == bounds {
        return None;
    }
    let mut k = 0;
    let moved = columns
        .iter()
        .map(|&(col, byte)| {
            if k + 1 < pipes.len() && col >= pipes[k + 1] {
                k += 1;
            }
            let at = if col == pipes[k] {
                bounds[k]
            } else {
                // Inside cell k: as far from its `|`, no further than the cell's last column.
                let last = bounds.get(k + 1).map_or(usize::MAX, |b| b - 1);
                (bounds[k] + (col - pipes[k])).min(last)
            };
            (at, byte)
        })
        .collect();
    Some(moved)
}

/// `I022` for a table `lines` of whose rows were read between their own `|`.
pub fn diagnostic(lines: usize, table: Span, index: &LineIndex) -> Diagnostic {
    Diagnostic::new(
        Code::GridOverflow,
        table,
        index,
        format!(
            "{lines} line{} of the grid table run past its borders (pandoc 2.17 writes a \
             character wider than its column whole); their cells were read between their own `|`",
            if lines == 1 { "" } else { "s" }
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthChar;

    fn columns(text: &str) -> Vec<(usize, usize)> {
        let mut at = 0;
        let mut out: Vec<(usize, usize)> = text
            .char_indices()
            .map(|(i, c)| {
                let col = at;
                at += c.width().unwrap_or(0);
                (col, i)
            })
            .collect();
        out.push((at, text.len()));
        out
    }

    #[test]
    fn a_line_past_its_borders_is_read_between_its_own_pipes() {
        // `+---+------+`: bounds 0, 4, 11.
        let line = "| 序 | 重点 |";
        let moved = realign(line, &columns(line), &[0, 4, 11]).expect("misaligned");
        let col_of = |byte: usize| moved.iter().find(|&&(_, b)| b == byte).unwrap().0;
        assert_eq!(col_of(line.find("| 重").unwrap()), 4);
        assert!(col_of(line.find('序').unwrap()) < 4);
        assert_eq!(col_of(line.rfind('|').unwrap()), 11);
        assert!(moved.windows(2).all(|w| w[0].0 <= w[1].0));
    }

    #[test]
    fn lines_that_line_up_or_span_columns_are_left() {
        let line = "| 1 | 重点 |";
        assert_eq!(realign(line, &columns(line), &[0, 4, 11]), None);
        let spanned = "| 一、主要预期目标 |";
        assert_eq!(realign(spanned, &columns(spanned), &[0, 4, 19]), None);
    }
}
