//! Punctuation a PDF converter moved out of its line (pymupdf4llm 0.x): where a line of a
//! cell's text had a comma or a full stop, the converter leaves a space and writes the marks
//! after the line, on a line of their own: `深入推进法治政府建设 规范重大行政决策<br>，<br>程序<br>。`
//! for `深入推进法治政府建设，规范重大行政决策程序。`, `城镇调查失业率控制在<br>，<br>5 5%以内<br>. 。`
//! for `…控制在5.5%以内。`.
//!
//! - **Detector** ([`detect`]): a task text or label cell (a heading's, `二 推动产业转型升级<br>、`)
//!   with a line made only of punctuation marks.
//! - **Repair**: the marks of such a line go, in order, into the spaces of the line above it
//!   that stand where a mark can (a Chinese mark between two Chinese characters, `.` between
//!   two digits), and those left over at its end; the marks' line is dropped. Read so only
//!   where the marks are at least as many as those spaces (each space then had its mark);
//!   else the cell is left as written.
//! - **Diagnostic**: `I026`, once per table, with how many cells; `W025` on each row whose
//!   marks could not be put back with certainty (its text may have them out of place).
//!
//! Fixtures: `fixtures/repair-moved-punctuation-fires.md` (pymupdf4llm 0.2), and
//! `fixtures/repair-moved-punctuation-not-here.md` (a space before a line that is a mark
//! alone, where more spaces than marks stand: left as written).

use std::borrow::Cow;

use crate::dataset::Column;
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::LineIndex;
use crate::stitch::LogicalTable;

/// The marks a converter moves: Chinese commas, enumeration commas, full stops, semicolons,
/// colons; and the ASCII full stop of a decimal number.
const MARKS: [char; 6] = ['，', '、', '。', '；', '：', '.'];

/// The marks of a line made only of marks (and spaces between them), in order.
fn marks_line(line: &str) -> Option<Vec<char>> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    let marks: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.iter().all(|c| MARKS.contains(c)).then_some(marks)
}

/// Whether `c` is a Chinese character.
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The byte offsets of the spaces in `line` that stand where a mark can: between two Chinese
/// characters (or a Chinese character and a closing quotation mark), or between two digits.
fn mark_spaces(line: &str) -> Vec<(usize, bool)> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    (1..chars.len().saturating_sub(1))
        .filter(|&i| chars[i].1 == ' ')
        .filter_map(|i| {
            let (before, after) = (chars[i - 1].1, chars[i + 1].1);
            let han = |c: char| is_han(c) || matches!(c, '”' | '’' | '）' | '%');
            if han(before) && (is_han(after) || after == '“') {
                Some((chars[i].0, false))
            } else if before.is_ascii_digit() && after.is_ascii_digit() {
                Some((chars[i].0, true))
            } else {
                None
            }
        })
        .collect()
}

/// `text` with each line of marks put back into the line above it, or `None` where nothing
/// is put back or the marks do not account for that line's spaces.
fn put_back(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    if lines.iter().any(|l| l.trim() == "一") {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut changed = false;
    for line in lines {
        let Some(marks) = marks_line(line) else {
            out.push(line.to_owned());
            continue;
        };
        let above = out.last_mut()?;
        if marks_line(above).is_some() {
            return None;
        }
        let spaces = mark_spaces(above);
        if spaces.is_empty() || marks.len() < spaces.len() {
            // Nothing to put back into (a mark wrapped onto a line of its own), or spaces the
            // marks cannot account for: as written.
            if spaces.is_empty() {
                out.push(line.to_owned());
                continue;
            }
            return None;
        }
        // A decimal point goes only between digits, a Chinese mark only between characters:
        // otherwise the reading is not certain.
        let fits = spaces
            .iter()
            .zip(&marks)
            .all(|(&(_, digits), &m)| digits == (m == '.'));
        if !fits {
            return None;
        }
        let mut line_out = String::with_capacity(above.len() + 3 * marks.len());
        let mut last = 0;
        for (&(at, _), &m) in spaces.iter().zip(&marks) {
            line_out.push_str(&above[last..at]);
            line_out.push(m);
            last = at + 1;
        }
        line_out.push_str(&above[last..]);
        line_out.extend(&marks[spaces.len()..]);
        *above = line_out;
        changed = true;
    }
    changed.then(|| out.join("\n"))
}

/// The columns whose cells are text a converter may have moved marks out of: the task's text,
/// and the label column that holds headings and sub-categories.
fn is_text(column: Column) -> bool {
    matches!(column, Column::Text | Column::Label)
}

/// Whether `text` has a line of marks under a line with spaces a mark may have left: marks
/// moved out of their line, whether or not [`put_back`] could place them.
fn has_moved_marks(text: &str) -> bool {
    // `一` alone on a line: a character drawn as a dash, which the converter moves with the
    // marks (`推进“高效办成 件` / `一` / `， 。`); where it stands cannot be told.
    let mark_like = |l: &str| marks_line(l).is_some() || l.trim() == "一";
    let mut above_has_spaces = false;
    for line in text.split('\n') {
        if mark_like(line) {
            if above_has_spaces {
                return true;
            }
        } else {
            above_has_spaces = !mark_spaces(line).is_empty();
        }
    }
    false
}

/// Whether some task text or label cell of `table` has a line of marks alone.
pub(super) fn detect(table: &LogicalTable<'_>, _: &Rules) -> bool {
    table.rows.iter().any(|row| {
        let columns = &table.tables[row.table].columns;
        columns
            .iter()
            .zip(&table.cells[row.cells.clone()])
            .any(|(c, cell)| {
                is_text(*c)
                    && cell.text.contains('\n')
                    && cell
                        .text
                        .split('\n')
                        .skip(1)
                        .any(|l| marks_line(l).is_some())
            })
    })
}

/// Put the marks back into their lines in every task text cell where the reading is
/// certain; `I026` once, on the first cell changed.
pub(super) fn repair(
    table: &mut LogicalTable<'_>,
    lines: &LineIndex,
    _: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    let mut first = None;
    let mut count = 0;
    for row in &table.rows {
        let columns = &table.tables[row.table].columns;
        for (c, i) in columns.iter().zip(row.cells.clone()) {
            if !is_text(*c) || !table.cells[i].text.contains('\n') {
                continue;
            }
            match put_back(&table.cells[i].text) {
                Some(text) => {
                    table.cells[i].text = Cow::Owned(text);
                    first.get_or_insert(table.cells[i].span);
                    count += 1;
                }
                None if has_moved_marks(&table.cells[i].text) => {
                    diags.push(Diagnostic::new(
                        Code::MovedPunctuationUnsure,
                        row.span,
                        lines,
                        "the converter wrote punctuation of this row on lines of its own \
                         (pymupdf4llm 0.x) where it cannot be put back with certainty: marks \
                         may stand out of place in the text; check it against the notice"
                            .to_owned(),
                    ));
                }
                None => {}
            }
        }
    }
    if let Some(span) = first {
        diags.push(Diagnostic::new(
            Code::MovedPunctuation,
            span,
            lines,
            format!(
                "punctuation the converter wrote on lines of its own (a space left where it \
                 stood: pymupdf4llm 0.x) put back in its place, in {count} task text cell(s)"
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::{has_moved_marks, put_back};

    #[test]
    fn marks_go_back_into_the_spaces_they_left() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "深入推进法治政府建设 规范重大行政决策\n，\n程序\n。",
                Some("深入推进法治政府建设，规范重大行政决策\n程序\n。"),
            ),
            (
                "城镇新增就业4400人 城镇调查失业率控制在\n，\n5 5%以内\n. 。",
                Some("城镇新增就业4400人，城镇调查失业率控制在\n5.5%以内。"),
            ),
            ("产 早见效\n、 。", Some("产、早见效。")),
            // A full stop alone on a line after a line without spaces: left to the join.
            ("提升群众获得感\n。", None),
            // More spaces than marks: not certain.
            ("新增 市场 主体1800户\n，", None),
            // A decimal point where a Chinese character stands beside the space.
            ("增长 5%\n.", None),
            // No line of marks.
            ("全年完成国土绿化\n3万亩。", None),
            // `一` moved with the marks: where it stood cannot be told.
            ("推进“高效办成 件\n一\n， 。\n事”", None),
        ];
        for (text, want) in cases {
            assert_eq!(put_back(text).as_deref(), *want, "{text:?}");
        }
        // Marks moved where they cannot be put back: said (W025).
        assert!(has_moved_marks("新增 市场 主体1800户\n，"));
        assert!(has_moved_marks("推进“高效办成 件\n一\n， 。\n事”"));
        assert!(!has_moved_marks("提升群众获得感\n。"));
        assert!(!has_moved_marks("全年完成国土绿化\n3万亩。"));
    }
}
