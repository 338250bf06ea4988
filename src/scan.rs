//! Literal scans for the few small patterns of the front matter and the reporting clauses:
//! a date `2026年2月12日` / `二〇二六年二月十二日`, and a number of days or months `25` / `二十五`.
//!
//! Each reads as the regular expression in its doc comment would (leftmost match first, the
//! alternatives in their order), by trying each start in turn: the texts are sentences, and
//! the callers look for a literal (`年`, `每月`, `每季`) before they scan.

use std::ops::Range;

/// A digit of `\d`: ASCII or full-width.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A Chinese numeral of a day or month count: `[一二三四五六七八九十]`.
fn is_count_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// A digit of a year: `[0-9〇零一二三四五六七八九]`.
fn is_year_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '〇' | '零') || (is_count_numeral(c) && c != '十')
}

/// A digit of a month or day in a date: `[0-9十一二三四五六七八九]`.
fn is_date_digit(c: char) -> bool {
    c.is_ascii_digit() || is_count_numeral(c)
}

/// The longest run of at most `max` characters `is` accepts at the start of `s` (`None`
/// when shorter than `min`): the run and what follows.
fn run(s: &str, min: usize, max: usize, is: impl Fn(char) -> bool) -> Option<(&str, &str)> {
    let mut end = 0;
    for (n, c) in s.chars().enumerate() {
        if n == max || !is(c) {
            break;
        }
        end += c.len_utf8();
    }
    let taken = s[..end].chars().count();
    (taken >= min).then(|| s.split_at(end))
}

/// `(\d{1,2}|[一二三四五六七八九十]+)` followed by `then`, at the start of `s`: the number
/// and what follows `then`. (A shorter run than the longest is followed by another digit,
/// never by `then`: the longest is the only one to try.)
pub fn count_then(s: &str, then: char) -> Option<(&str, &str)> {
    let (number, rest) =
        run(s, 1, 2, is_digit).or_else(|| run(s, 1, usize::MAX, is_count_numeral))?;
    Some((number, rest.strip_prefix(then)?))
}

/// Where `s` holds a date: the leftmost match of
/// `[0-9〇零一二三四五六七八九]{4}年[0-9十一二三四五六七八九]{1,3}月[0-9十一二三四五六七八九]{1,3}日`.
pub fn find_date(s: &str) -> Option<Range<usize>> {
    // Every date has 年: a text without it is ruled out at once.
    if !s.contains('年') {
        return None;
    }
    s.char_indices().find_map(|(start, _)| {
        let rest = &s[start..];
        let (_, rest) = run(rest, 4, 4, is_year_digit)?;
        let rest = rest.strip_prefix('年')?;
        let (_, rest) = run(rest, 1, 3, is_date_digit)?;
        let rest = rest.strip_prefix('月')?;
        let (_, rest) = run(rest, 1, 3, is_date_digit)?;
        let rest = rest.strip_prefix('日')?;
        Some(start..s.len() - rest.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        fn at(s: &str) -> Option<&str> {
            find_date(s).map(|r| &s[r])
        }
        assert_eq!(
            at("互助县人民政府办公室2026年2月12日"),
            Some("2026年2月12日")
        );
        assert_eq!(at("二〇二六年二月十二日印发"), Some("二〇二六年二月十二日"));
        // Five year digits: the match starts at the second.
        assert_eq!(at("12026年1月1日"), Some("2026年1月1日"));
        // Four digits of a month: no match there.
        assert_eq!(at("2026年1234月1日"), None);
        assert_eq!(at("2026年十二月三十一日"), Some("2026年十二月三十一日"));
        assert_eq!(at("2026年底"), None);
        assert_eq!(at("二十二年1月1日"), None);
    }

    #[test]
    fn counts() {
        assert_eq!(count_then("25日前", '日'), Some(("25", "前")));
        assert_eq!(count_then("二十五日", '日'), Some(("二十五", "")));
        assert_eq!(count_then("１０日", '日'), Some(("１０", "")));
        assert_eq!(count_then("123日", '日'), None);
        assert_eq!(count_then("日", '日'), None);
        assert_eq!(count_then("5个月", '日'), None);
    }
}
