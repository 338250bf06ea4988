//! Words pandoc 2.17 cut at a column's edge (its grid and multiline tables, `-t markdown`).
//!
//! pandoc 2.17 gives a table that does not fit in 72 columns columns of fixed widths, and a
//! word longer than its column (to pandoc a run of Chinese without a space is one word) is
//! cut into pieces, filled from the word's end: `县发` / `展和改革局`, `*` / `*重点任务**`.
//! pandoc 3 widens the column instead and breaks lines at spaces only.
//!
//! - **Detector** ([`detect`]): a line break no wrap at a space could give — a cell line that
//!   begins with punctuation no word begins with (`、县财政局`, `。`, `）`), or a strong mark
//!   cut in two (`*` / `*重点任务**`). Only a table with such a break is read this way: in
//!   pandoc 3's tables a full line after a wrap at a space is common (the column is exactly
//!   as wide as its longest word) and would read as a cut.
//! - **Repair** ([`continues_word`]): in such a table, a line that could not have taken the
//!   last character of the line before it (its width plus that character's is over the
//!   column's) continues the word and is joined without a break — unless both sides are
//!   ASCII letters, which pandoc breaks at a space (digits it cuts: `20` / `26年10月底前`).
//! - **Diagnostic**: `I021`, once per table, with how many words were joined.
//!
//! Fixtures: `fixtures/repair-cut-words-fires.md` (pandoc 2.17), and
//! `fixtures/repair-cut-words-not-here.md` (pandoc 3, full lines after wraps at spaces).

use unicode_width::UnicodeWidthChar;

use crate::diagnostic::{Code, Diagnostic};
use crate::span::{LineIndex, Span};

/// Punctuation no word begins with: a cell line beginning with one was cut from the line
/// before it.
const NEVER_BEGINS: &[char] = &[
    '、', '，', '。', '；', '：', '！', '？', '）', '》', '」', '』', '】', '〕', '”', '’',
];

/// Whether a cell's lines (each trimmed and non-empty, with whether a blank line stands
/// before it) hold a break only a cut gives.
pub fn detect(lines: &[(&str, bool)], markup: bool) -> bool {
    lines.windows(2).any(|pair| {
        let ((before, _), (line, blank_before)) = (pair[0], pair[1]);
        !blank_before
            && (line.starts_with(NEVER_BEGINS)
                || (markup && before == "*" && line.starts_with('*')))
    })
}

/// Whether `line` continues a word cut at the edge of a column `width` wide after `before`:
/// it could not have taken `before`'s last character.
pub fn continues_word(before: &str, line: &str, width: usize) -> bool {
    let (Some(last), Some(first)) = (before.chars().next_back(), line.chars().next()) else {
        return false;
    };
    // Two words of letters: pandoc broke at the space between them. Digits are cut as
    // Chinese is (`20` / `26年10月底前`): a date has no space inside.
    if last.is_ascii_alphabetic() && first.is_ascii_alphabetic() {
        return false;
    }
    let line_width: usize = line.chars().map(|c| c.width().unwrap_or(0)).sum();
    line_width + last.width().unwrap_or(0) > width
}

/// The first cut of a table whose cells' lines and column widths are `cells`: the line before
/// it and the line that continues its word.
pub fn first_cut<'l>(
    mut cells: impl Iterator<Item = (&'l [(&'l str, bool)], Option<usize>)>,
) -> Option<(&'l str, &'l str)> {
    cells.find_map(|(lines, width)| {
        let width = width?;
        lines.windows(2).find_map(|pair| {
            let ((before, _), (line, blank_before)) = (pair[0], pair[1]);
            (!blank_before && continues_word(before, line, width)).then_some((before, line))
        })
    })
}

/// `I021` for a table whose `joined` cut words were joined, the first after `before` (as
/// written, so the line can be found).
pub fn diagnostic(
    joined: usize,
    (before, line): (&str, &str),
    table: Span,
    lines: &LineIndex,
) -> Diagnostic {
    Diagnostic::new(
        Code::CutWords,
        table,
        lines,
        format!(
            "pandoc cut {joined} word{} longer than their column at its edge, as pandoc 2.17 \
             lays out a grid table (`{before}` / `{line}` first): joined without a break",
            if joined == 1 { "" } else { "s" }
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines<'a>(ls: &[&'a str]) -> Vec<(&'a str, bool)> {
        ls.iter().map(|l| (*l, false)).collect()
    }

    #[test]
    fn a_break_before_punctuation_or_inside_a_strong_mark_is_a_cut() {
        assert!(detect(&lines(&["县统计局", "、县财政局"]), false));
        assert!(detect(&lines(&["*", "*重点任务**"]), true));
        assert!(!detect(&lines(&["*", "*重点任务**"]), false));
        assert!(!detect(&lines(&["县税务局", "县自然资源局"]), false));
        // A paragraph that begins with punctuation is no cut.
        assert!(!detect(&[("县税务局", false), ("、县财政局", true)], false));
    }

    #[test]
    fn a_line_that_could_not_take_the_last_character_continues_the_word() {
        assert!(continues_word("县发", "展和改革局", 11));
        assert!(!continues_word("县税务局", "县", 11));
        assert!(continues_word("县", "自然资源局", 11));
        assert!(!continues_word("县税务局", "县财政局", 11));
        assert!(!continues_word("Wi-Fi", "networkcover", 11));
        assert!(!continues_word("", "县", 11));
        assert!(continues_word("20", "26年10", 6));
    }

    #[test]
    fn the_first_cut_is_named_where_a_column_has_its_width() {
        let no_width = lines(&["县发", "展和改革局"]);
        let cut = lines(&["县统计局", "县发", "展和改革局"]);
        let cells = [(&no_width[..], None), (&cut[..], Some(10))];
        assert_eq!(first_cut(cells.into_iter()), Some(("县发", "展和改革局")));
        assert_eq!(first_cut([(&cut[..], Some(20))].into_iter()), None);
    }
}
