//! Numbers with a unit in a task's text: `5%`, `14万吨`, `5%—6%`, `三所`, `五万亩`, `Ⅱ类`.

use crate::dataset::Quantity;
use crate::rules::{Rules, TargetUnit};
use crate::text;

/// A number with its unit, found in a task's text. Offsets are bytes in the text.
#[derive(Clone, Debug)]
pub(super) struct Found<'r> {
    pub start: usize,
    pub end: usize,
    /// The number; null for a range.
    pub value: Option<Quantity>,
    /// A range's ends.
    pub min: Option<Quantity>,
    pub max: Option<Quantity>,
    pub unit: &'r TargetUnit,
    /// Written in Chinese numerals (`三所`).
    pub chinese: bool,
}

/// The whitespace cleaned task text can hold: an ASCII space between two narrow characters
/// (see `text::clean`); the ideographic space too, for text read otherwise.
pub(super) const SPACES: [char; 2] = [' ', '\u{3000}'];

/// Every number with a unit in `text`, in order. A number is read where it starts, unless it
/// stands inside another word (after a letter, a digit, a point, a Chinese numeral or 第:
/// `G20`, `第3批`); the search resumes after what was read.
pub(super) fn quantities<'r>(text: &str, rules: &'r Rules) -> Vec<Found<'r>> {
    let mut found = Vec::new();
    let mut resume = 0;
    while let Some(i) = text[resume..]
        .find(|c: char| c.is_ascii_digit() || is_numeral_start(c))
        .map(|i| resume + i)
    {
        resume = match found_at(text, i, rules) {
            Some(f) => {
                resume = f.end;
                found.push(f);
                resume
            }
            // A number with no unit: skipped whole (every start begins a number).
            None => number_at(text, i).map_or(text.len(), |(_, after)| after),
        };
    }
    found
}

/// A numeral a quantity can start with: Chinese (not 〇 or 零, which only stand inside a
/// number) or Roman.
fn is_numeral_start(c: char) -> bool {
    (text::is_numeral_char(c) && !matches!(c, '〇' | '零')) || is_roman(c)
}

/// Whether `c` is a Roman numeral (as quality classes are written: Ⅱ类).
fn is_roman(c: char) -> bool {
    matches!(c, 'Ⅰ'..='Ⅵ')
}

/// The number with a unit starting at byte `at` of `s`, unless `at` is inside another word.
fn found_at<'r>(s: &str, at: usize, rules: &'r Rules) -> Option<Found<'r>> {
    // After 第 a number is an ordinal; after 劣 part of a class's name (劣Ⅴ类: worse than
    // class V).
    let inside = s[..at].chars().next_back().is_some_and(|p| {
        p.is_ascii_alphanumeric() || matches!(p, '.' | '第' | '劣') || text::is_numeral_char(p)
    });
    if inside {
        return None;
    }
    let (a, j) = number_at(s, at)?;
    let j = skip_spaces(s, j);
    let unit_a = unit_at(s, j, rules);
    let after_a = unit_a.map_or(j, |(_, e)| e);
    // A range: `5%—6%`, `8-10%`, `3至5万吨`.
    let k = skip_spaces(s, after_a);
    let range = s[k..]
        .chars()
        .next()
        .filter(|c| matches!(c, '—' | '–' | '－' | '-' | '~' | '～' | '至'))
        .and_then(|sep| {
            let m = skip_spaces(s, k + sep.len_utf8());
            let (b, n) = number_at(s, m)?;
            let n = skip_spaces(s, n);
            let (unit, e) = unit_at(s, n, rules)?;
            Some((b, unit, e))
        });
    let chinese = a.starts_with(text::is_numeral_char);
    let (end, value, min, max, unit) = match (unit_a, range) {
        (_, Some((b, unit, e))) => {
            if unit_a.is_some_and(|(u, _)| u.unit != unit.unit) {
                return None;
            }
            let lo = number(a, unit)?;
            let hi = number(b, unit)?;
            (e, None, Some(lo), Some(hi), unit)
        }
        (Some((unit, e)), None) => (e, Some(number(a, unit)?), None, None, unit),
        (None, None) => return None,
    };
    Some(Found {
        start: at,
        end,
        value,
        min,
        max,
        unit,
        chinese,
    })
}

/// The number written at byte `i` of `s` (Arabic with an optional decimal part, a run of
/// Chinese numerals, or one Roman numeral) and where it ends.
fn number_at(s: &str, i: usize) -> Option<(&str, usize)> {
    let rest = &s[i..];
    let c = rest.chars().next()?;
    let len = if c.is_ascii_digit() {
        let digits = |t: &str| t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let int = digits(rest);
        match rest[int..].strip_prefix('.') {
            Some(frac) if frac.starts_with(|c: char| c.is_ascii_digit()) => int + 1 + digits(frac),
            _ => int,
        }
    } else if is_roman(c) {
        c.len_utf8()
    } else if text::is_numeral_char(c) {
        rest.find(|c| !text::is_numeral_char(c))
            .unwrap_or(rest.len())
    } else {
        return None;
    };
    Some((&rest[..len], i + len))
}

/// Past the spaces at byte `i` of `s`.
pub(super) fn skip_spaces(s: &str, i: usize) -> usize {
    s.len() - s[i..].trim_start_matches(SPACES).len()
}

/// The longest target unit at byte `i` of `s`, and where it ends.
fn unit_at<'r>(s: &str, i: usize, rules: &'r Rules) -> Option<(&'r TargetUnit, usize)> {
    rules
        .target_unit_starting(&s[i..])
        .map(|u| (u, i + u.unit.len()))
}

/// The value of a number as written before `unit`: Arabic (`5.5`), Chinese (`十二`) or, for
/// a class (`类`), Roman (`Ⅱ`). `None` for what is not read as a number: a Chinese numeral
/// before a unit marked `arabic` in `data/target_units.tsv`, or standing alone as 一, 两, 百
/// or 千 (set phrases: `两个维护`, `一户一策`, `千家万户`).
fn number(s: &str, unit: &TargetUnit) -> Option<Quantity> {
    let first = s.chars().next()?;
    if first.is_ascii_digit() {
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        if int.len() + frac.len() > 17 || frac.len() > 9 {
            return None;
        }
        // The digits of both parts, the point left out (at most 17: no overflow).
        let mantissa = int
            .bytes()
            .chain(frac.bytes())
            .fold(0i64, |m, d| m * 10 + i64::from(d - b'0'));
        return Some(Quantity {
            mantissa,
            scale: u8::try_from(frac.len()).ok()?,
        });
    }
    if let Some(n) = ('Ⅰ'..='Ⅵ').position(|r| r == first) {
        return (unit.unit == "类" && s.chars().count() == 1).then_some(Quantity {
            mantissa: n as i64 + 1,
            scale: 0,
        });
    }
    if !unit.chinese || matches!(s, "一" | "两" | "百" | "千" | "〇" | "零") {
        return None;
    }
    let n = text::chinese_numeral(s)?;
    Some(Quantity {
        mantissa: i64::from(n),
        scale: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_written() {
        let cases = [
            ("5.5%", Some(("5.5", 3))),
            ("14万吨", Some(("14", 2))),
            ("3.", Some(("3", 1))),
            ("十二个", Some(("十二", 6))),
            ("Ⅱ类", Some(("Ⅱ", 3))),
            ("年", None),
        ];
        for (s, want) in cases {
            assert_eq!(number_at(s, 0), want, "{s}");
        }
    }

    #[test]
    fn quantities_are_found_once_each_and_not_inside_words() {
        let rules = Rules::builtin();
        let shown = |t: &str| -> Vec<String> {
            quantities(t, rules)
                .iter()
                .map(|f| t[f.start..f.end].to_owned())
                .collect()
        };
        assert_eq!(shown("增长5%—6%，新建三所，G20峰会"), ["5%—6%", "三所"]);
        assert_eq!(shown("第3批，两个维护，2026年"), Vec::<String>::new());
        assert_eq!(shown("3至五万吨"), ["3至五万吨"]);
        assert_eq!(shown("消除劣Ⅴ类水体，保持Ⅱ类"), ["Ⅱ类"]);
    }
}
