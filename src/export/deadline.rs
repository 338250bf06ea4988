//! A task's deadline (完成时限, as the dataset holds it: `2027年10月底前`) as a date, for the
//! calendar and the workbook. The dataset keeps the text; only these outputs need a day.

use chrono::{Datelike, NaiveDate};

use crate::rules::Rules;

/// The last day a deadline written as `text` allows, in the notice's `year` unless the text
/// names another (with no `year`, only a date that names its year is one): `2027年10月底前` → 2027-10-31, `6月30日前` → 30 June of `year`, `12月中旬`
/// → the 20th (上旬 the 10th), `2027年底` / `年内` / `下半年` → 31 December, `上半年` → 30
/// June, `三季度` → 30 September. Where the text names several dates (`6月底前完成初验，12月
/// 底前建成`) the last one is the deadline. None for a deadline that is no date: `长期坚持`,
/// `持续推进`, `每季度`. The words of the year's parts and their months are
/// `data/deadline_months.tsv` of `rules`.
pub fn deadline_date(rules: &Rules, text: &str, year: Option<i32>) -> Option<NaiveDate> {
    // Full-width digits as ASCII.
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect();
    let at = |i: usize, word: &str| {
        word.chars()
            .enumerate()
            .all(|(k, w)| chars.get(i + k) == Some(&w))
    };
    let mut y = year;
    let mut found: Option<NaiveDate> = None;
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let digits: String = chars[start..i].iter().collect();
        let Ok(n) = digits.parse::<u32>() else {
            continue;
        };
        match chars.get(i) {
            Some('年') if digits.len() == 4 => {
                y = Some(n as i32);
                i += 1;
                // `2027年底`, `2027年内`: the year's end.
                if ["底", "末", "内"].iter().any(|w| at(i, w)) {
                    found = y.and_then(|y| last_day(y, 12)).or(found);
                }
            }
            Some('月') if (1..=12).contains(&n) => {
                i += 1;
                let Some(y) = y else {
                    continue;
                };
                let end = last_day(y, n);
                let mut date = end;
                // A day: `30日`, `30号`.
                let day_start = i;
                let mut j = i;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                if j > day_start && matches!(chars.get(j), Some('日' | '号')) {
                    let day: u32 = chars[day_start..j]
                        .iter()
                        .collect::<String>()
                        .parse()
                        .unwrap_or(31);
                    date = end.map(|e| e.with_day(day.clamp(1, e.day())).unwrap_or(e));
                    i = j + 1;
                } else if at(i, "上旬") {
                    date = NaiveDate::from_ymd_opt(y, n, 10);
                } else if at(i, "中旬") {
                    date = NaiveDate::from_ymd_opt(y, n, 20);
                }
                found = date.or(found);
            }
            _ => {}
        }
    }
    if found.is_some() {
        return found;
    }
    // No month: a part of the year, unless the text repeats (`每季度`).
    if chars.contains(&'每') {
        return None;
    }
    (0..chars.len())
        .flat_map(|i| {
            rules
                .deadline_months()
                .iter()
                .filter(move |(w, _)| at(i, w))
        })
        .map(|(_, m)| *m)
        .max()
        .and_then(|m| last_day(y?, m))
}

/// The notice's own date (`notice.issued_on`), if it has one: nothing before it is due.
pub(crate) fn notice_date(d: &crate::dataset::Dataset) -> Option<NaiveDate> {
    let text = d.notice.issued_on.as_deref()?;
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// The last day of `month` in `year`.
pub(crate) fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt())
}

#[cfg(test)]
mod tests {
    use super::deadline_date as read;
    use crate::rules::Rules;

    fn deadline_date(text: &str, year: Option<i32>) -> Option<chrono::NaiveDate> {
        read(Rules::builtin(), text, year)
    }

    #[test]
    fn deadlines_as_dates() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2027年10月底前", Some("2027-10-31")),
            ("2027年12月底", Some("2027-12-31")),
            ("2026年2月底前", Some("2026-02-28")),
            ("6月30日前", Some("2026-06-30")),
            ("9月15号", Some("2026-09-15")),
            ("2月30日前", Some("2026-02-28")),
            ("12月中旬", Some("2026-12-20")),
            ("3月上旬", Some("2026-03-10")),
            ("２０２７年６月底前", Some("2027-06-30")),
            ("2027年底前", Some("2027-12-31")),
            ("2027年内", Some("2027-12-31")),
            ("年底前", Some("2026-12-31")),
            ("年内完成", Some("2026-12-31")),
            ("上半年", Some("2026-06-30")),
            ("下半年", Some("2026-12-31")),
            ("三季度末", Some("2026-09-30")),
            ("2027年上半年", Some("2027-06-30")),
            ("6月底前完成初验，12月底前全面建成", Some("2026-12-31")),
            ("2026年6月—2027年3月", Some("2027-03-31")),
            ("长期坚持", None),
            ("持续推进", None),
            ("每季度", None),
            ("每月25日前", None),
            ("", None),
            ("13月", None),
        ];
        for (text, want) in cases {
            let got = deadline_date(text, Some(2026)).map(|d| d.to_string());
            assert_eq!(got.as_deref(), *want, "{text}");
        }
        // With no year known, only a date that names its year.
        assert_eq!(deadline_date("6月底前", None), None);
        assert_eq!(deadline_date("年底前", None), None);
        assert_eq!(
            deadline_date("2027年6月底前", None).map(|d| d.to_string()),
            Some("2027-06-30".to_owned())
        );
    }
}
