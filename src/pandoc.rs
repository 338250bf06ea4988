//! The text of a cell of pandoc's own tables (grid, multiline and simple tables, which
//! pandoc's `-t markdown` writes): the cell's lines joined as pandoc laid them out, and its
//! markdown read as pandoc writes it.
//!
//! - **Lines.** A blank line inside a cell parts two paragraphs; other lines are the cell's text
//!   wrapped at the column's width, at spaces, so a line break stands where a space (a
//!   separator between units) stood — except in a table where pandoc 2.17 cut words longer
//!   than their column, whose pieces are joined again ([`cut_words`], given the column's
//!   width).
//! - **Markup.** pandoc escapes every ASCII punctuation character it means literally (`\*`,
//!   `\"`, `\...`), so in a table that shows its markup (a `**` or a backslash escape, see
//!   [`has_markup`]) the unescaped ones are markup: `*` (emphasis, strong), `^` and `~`
//!   (superscript, subscript, strikeout) and `` ` `` (code) are dropped, `[text](target)` is
//!   its text, `\` at a line's end is a line break, and its smart punctuation is put back:
//!   `"…"` → `“…”`, `'…'` → `‘…’` (`'` between letters → `’`), `---` → `—`, `--` → `–`,
//!   `...` → `…`. A table without either sign (a grid table another tool drew) is read as
//!   written.

use crate::repair::cut_words;

/// Whether a table's text shows pandoc's markdown: a `**` (pandoc's strong, which Word's bold
/// header and section rows give) or a backslash before ASCII punctuation (pandoc's escape).
pub fn has_markup(text: &str) -> bool {
    text.contains("**")
        || text
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b'\\' && w[1].is_ascii_punctuation())
}

/// A cell's text from its lines (each trimmed, non-empty, with whether a blank line stands
/// before it) in a column `width` display columns wide (its text area; `None` when not
/// known or where no word was cut), read as pandoc's markdown when `markup`; and how many words cut at the column's
/// edge it joined.
pub fn cell(lines: &[(&str, bool)], width: Option<usize>, markup: bool) -> (String, usize) {
    let mut joined = String::new();
    let mut cut_words = 0;
    for (k, &(line, blank_before)) in lines.iter().enumerate() {
        if k > 0 {
            let before = lines[k - 1].0;
            if blank_before {
                joined.push_str(if markup { "\n\n" } else { "\n" });
            } else if width.is_some_and(|w| cut_words::continues_word(before, line, w)) {
                cut_words += 1;
            } else {
                joined.push('\n');
            }
        }
        joined.push_str(line);
    }
    let text = if markup { read_markup(&joined) } else { joined };
    (text, cut_words)
}

/// pandoc's markdown of a cell (paragraphs parted by a blank line) as plain text, paragraphs
/// and line breaks as `\n`.
fn read_markup(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut double_open = false;
    let mut single_open = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\\' if next.is_some_and(|n| n.is_ascii_punctuation()) => {
                out.extend(next);
                i += 2;
                continue;
            }
            '\\' if next == Some('\n') => {
                out.push('\n');
                i += 2;
                continue;
            }
            '\n' => {
                // A blank line (two line breaks) parts paragraphs: one `\n` for both.
                if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            '*' | '^' | '~' | '`' => {}
            '"' => {
                out.push(if double_open { '”' } else { '“' });
                double_open = !double_open;
            }
            '\'' => {
                let between_letters = i > 0
                    && chars[i - 1].is_alphanumeric()
                    && next.is_some_and(char::is_alphanumeric)
                    && !single_open;
                if between_letters {
                    out.push('’');
                } else {
                    out.push(if single_open { '’' } else { '‘' });
                    single_open = !single_open;
                }
            }
            '-' if next == Some('-') => {
                if chars.get(i + 2) == Some(&'-') {
                    out.push('—');
                    i += 3;
                } else {
                    out.push('–');
                    i += 2;
                }
                continue;
            }
            '.' if next == Some('.') && chars.get(i + 2) == Some(&'.') => {
                out.push('…');
                i += 3;
                continue;
            }
            '[' => {
                if let Some((text_end, after)) = link_at(&chars, i) {
                    // The link's text, read the same way; its target dropped.
                    let inner: String = chars[i + 1..text_end].iter().collect();
                    out.push_str(&read_markup(&inner));
                    i = after;
                    continue;
                }
                out.push('[');
            }
            c => out.push(c),
        }
        i += 1;
    }
    out.trim_end_matches('\n').to_owned()
}

/// A link `[text](target)` at `open`: the index of its `]` and the index after its `)`.
fn link_at(chars: &[char], open: usize) -> Option<(usize, usize)> {
    let mut k = open + 1;
    while k < chars.len() {
        match chars[k] {
            '\\' => k += 1,
            ']' => break,
            '[' | '\n' => return None,
            _ => {}
        }
        k += 1;
    }
    if chars.get(k + 1) != Some(&'(') {
        return None;
    }
    let close = chars[k + 2..].iter().position(|&c| c == ')' || c == '\n')? + k + 2;
    (chars[close] == ')').then_some((k, close + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines that follow one another (no blank line between).
    fn lines<'a>(ls: &[&'a str]) -> Vec<(&'a str, bool)> {
        ls.iter().map(|l| (*l, false)).collect()
    }

    #[test]
    fn bold_escapes_smart_punctuation_and_breaks_read_as_pandoc_writes_them() {
        let read = |s: &str| cell(&lines(&[s]), None, true).0;
        assert_eq!(read("**序号**"), "序号");
        assert_eq!(read("**一、主要预期目标**"), "一、主要预期目标");
        assert_eq!(read(r#"培育"小巨人"企业3家"#), "培育“小巨人”企业3家");
        assert_eq!(
            read(r#"直引号\"ABC\"，5\*3，a_b\_c"#),
            r#"直引号"ABC"，5*3，a_b_c"#
        );
        assert_eq!(
            read(r"省略号\...与...，破折号\--与------"),
            "省略号...与…，破折号--与——"
        );
        assert_eq!(read("它's '单引'"), "它’s ‘单引’");
        assert_eq!(read("见[附件](a.docx)，m^2^"), "见附件，m2");
        assert_eq!(
            cell(
                &[("县税务局", false), ("各乡镇人民政府", true)],
                Some(40),
                true
            )
            .0,
            "县税务局\n各乡镇人民政府"
        );
        assert_eq!(
            cell(&lines(&[r"加粗\", "换行"]), Some(40), true).0,
            "加粗\n换行"
        );
        // Without pandoc's signs, text as written.
        assert_eq!(cell(&lines(&["5*3 \"a\""]), None, false).0, "5*3 \"a\"");
    }

    #[test]
    fn words_pandoc_cut_at_the_column_edge_are_joined_and_wraps_at_spaces_are_not() {
        // A column 11 wide (pandoc 2.17 at 72 columns): pieces filled from the word's end.
        let read = |ls: &[&str]| cell(&lines(ls), Some(11), true).0;
        assert_eq!(read(&["*", "*重点任务**"]), "重点任务");
        assert_eq!(read(&["县发", "展和改革局"]), "县发展和改革局");
        assert_eq!(
            read(&["县统计", "局、县财政", "局、县工业", "和信息化局"]),
            "县统计局、县财政局、县工业和信息化局"
        );
        assert_eq!(
            read(&["县税务局", "县", "自然资源局"]),
            "县税务局\n县自然资源局"
        );
        // `县税务局` could have taken `县`: a wrap at a space.
        assert_eq!(read(&["县税务局", "县财政局"]), "县税务局\n县财政局");
        assert_eq!(read(&["Wi-Fi", "networkcover"]), "Wi-Fi\nnetworkcover");
        // Width unknown: every line break stays.
        assert_eq!(
            cell(&lines(&["县发", "展和改革局"]), None, false).0,
            "县发\n展和改革局"
        );
        assert_eq!(cell(&lines(&["县发", "展和改革局"]), Some(11), false).1, 1);
    }
}
