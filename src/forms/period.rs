//! A reporting period (`2026-05`, `2026-Q2`, `2026-H1`, `2026`) and its due date under the
//! notice's reporting rules (`notice.reporting`).

use chrono::{Datelike, NaiveDate};

use crate::Lang;
use crate::dataset::{Dataset, Every};
use crate::export::deadline::{last_day, notice_date};
use crate::ledger::Ledger;

/// A reporting period: a month, a quarter, a half year or a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// `2026-05`: a month (1–12) of a year.
    Month(i32, u32),
    /// `2026-Q2`: a quarter (1–4).
    Quarter(i32, u32),
    /// `2026-H1`: a half year (1–2).
    Half(i32, u32),
    /// `2026`: a year.
    Year(i32),
}

impl std::str::FromStr for Period {
    type Err = String;

    /// `2026-05` (or `2026-5`), `2026-Q2`, `2026-H1`, `2026`.
    fn from_str(s: &str) -> Result<Period, String> {
        let bad = || {
            format!(
                "`{s}` is not a period: give a month (2026-05), a quarter (2026-Q2), a half \
                 year (2026-H1) or a year (2026)"
            )
        };
        let s = s.trim();
        let (year, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let number = |t: &str, max: u32| {
            t.parse::<u32>()
                .ok()
                .filter(|n| (1..=max).contains(n) && t.len() <= 2)
        };
        match rest {
            None => Ok(Period::Year(year)),
            Some(r) => {
                if let Some(q) = r.strip_prefix(['Q', 'q']) {
                    number(q, 4)
                        .map(|q| Period::Quarter(year, q))
                        .ok_or_else(bad)
                } else if let Some(h) = r.strip_prefix(['H', 'h']) {
                    number(h, 2).map(|h| Period::Half(year, h)).ok_or_else(bad)
                } else {
                    number(r, 12)
                        .map(|m| Period::Month(year, m))
                        .ok_or_else(bad)
                }
            }
        }
    }
}

impl std::fmt::Display for Period {
    /// The canonical form: `2026-05`, `2026-Q2`, `2026-H1`, `2026`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Half(y, h) => write!(f, "{y}-H{h}"),
            Period::Year(y) => write!(f, "{y}"),
        }
    }
}

/// Why a period has no due date, in English (its `Display`) and Chinese
/// ([`NoDueDate::message`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoDueDate {
    /// The reason in English.
    pub en: String,
    /// The reason in Chinese.
    pub zh: String,
}

impl NoDueDate {
    /// The reason in `lang`.
    pub fn message(&self, lang: crate::Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

impl std::fmt::Display for NoDueDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for NoDueDate {}

impl Period {
    /// The period's year.
    pub fn year(self) -> i32 {
        match self {
            Period::Month(y, _) | Period::Quarter(y, _) | Period::Half(y, _) | Period::Year(y) => y,
        }
    }

    /// How often a report for such a period is due.
    pub fn every(self) -> Every {
        match self {
            Period::Month(..) => Every::Month,
            Period::Quarter(..) => Every::Quarter,
            Period::Half(..) => Every::HalfYear,
            Period::Year(_) => Every::Year,
        }
    }

    /// The period as a person reads it: `2026年5月`, `2026年第二季度`, `2026年上半年`,
    /// `2026年度`; `May 2026`, `Q2 2026`, `H1 2026`, `2026`.
    pub fn label(self, lang: Lang) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const QUARTERS: [&str; 4] = ["一", "二", "三", "四"];
        match (self, lang) {
            (Period::Month(y, m), Lang::Zh) => format!("{y}年{m}月"),
            (Period::Month(y, m), Lang::En) => format!("{} {y}", MONTHS[(m - 1) as usize]),
            (Period::Quarter(y, q), Lang::Zh) => {
                format!("{y}年第{}季度", QUARTERS[(q - 1) as usize])
            }
            (Period::Quarter(y, q), Lang::En) => format!("Q{q} {y}"),
            (Period::Half(y, 1), Lang::Zh) => format!("{y}年上半年"),
            (Period::Half(y, _), Lang::Zh) => format!("{y}年下半年"),
            (Period::Half(y, h), Lang::En) => format!("H{h} {y}"),
            (Period::Year(y), Lang::Zh) => format!("{y}年度"),
            (Period::Year(y), Lang::En) => format!("{y}"),
        }
    }

    /// The month a report with `month_of_quarter` (1–3, quarters) or `month` (years) is due
    /// in for this period: the period's month; the quarter's month it names (the last when
    /// none), as the calendar places it; June or December; the year's month it names (December
    /// when none).
    fn month_due(self, month_of_quarter: Option<u32>, month: Option<u32>) -> u32 {
        match self {
            Period::Month(_, m) => m,
            Period::Quarter(_, q) => (q - 1) * 3 + month_of_quarter.unwrap_or(3).clamp(1, 3),
            Period::Half(_, h) => h * 6,
            Period::Year(_) => month.unwrap_or(12).clamp(1, 12),
        }
    }
}

/// The day a report for `period` is due under the notice's reporting rules: of the rules as
/// often as the period (every month for `2026-05`, every quarter for `2026-Q2`…), those the
/// unit of `ledger` owes (its `reporting` duties: as a lead or a responsible unit) when it
/// owes any, else every such rule; the earliest of their days in the period (a rule without
/// a day: the month's last day). `每月25日前` makes 2026-05's report due on 2026-05-25;
/// `每季度第三个月25日前` 2026-Q2's on 2026-06-25.
///
/// No due date — an error that says why — when the notice sets no report that often, when
/// the period is of another year than the notice's, or when the day falls before the notice
/// was issued (nothing is owed before it).
pub fn due_date(
    d: &Dataset,
    period: Period,
    ledger: Option<&Ledger>,
) -> Result<NaiveDate, NoDueDate> {
    let every = period.every();
    let how_often = |e: Every| match e {
        Every::Month => "monthly",
        Every::Quarter => "quarterly",
        Every::HalfYear => "half-yearly",
        Every::Year => "yearly",
    };
    let how_often_zh = |e: Every| match e {
        Every::Month => "每月",
        Every::Quarter => "每季度",
        Every::HalfYear => "每半年",
        Every::Year => "每年",
    };
    let all: Vec<(Option<u32>, Option<u32>, Option<u32>)> = d
        .notice
        .reporting
        .iter()
        .filter(|r| r.every == every)
        .map(|r| (r.month_of_quarter, r.month, r.day))
        .collect();
    if all.is_empty() {
        let set: Vec<String> = d
            .notice
            .reporting
            .iter()
            .map(|r| format!("{} ({})", how_often(r.every), r.text))
            .collect();
        let set_zh: Vec<String> = d
            .notice
            .reporting
            .iter()
            .map(|r| format!("{}（{}）", how_often_zh(r.every), r.text))
            .collect();
        let example = |e: Every| match e {
            Every::Month => format!("{}-05", period.year()),
            Every::Quarter => format!("{}-Q2", period.year()),
            Every::HalfYear => format!("{}-H1", period.year()),
            Every::Year => format!("{}", period.year()),
        };
        let (hint, hint_zh) = match d.notice.reporting.first() {
            Some(r) => (
                format!(
                    "; its rules: {}; give a period they set, such as --period {}",
                    set.join("; "),
                    example(r.every)
                ),
                format!(
                    "；通知的报送要求：{}；请给出其中的期间，如 --period {}",
                    set_zh.join("；"),
                    example(r.every)
                ),
            ),
            None => (
                " (it has no reporting rule at all)".to_owned(),
                "（通知没有任何报送要求）".to_owned(),
            ),
        };
        return Err(NoDueDate {
            en: format!(
                "the notice sets no {} report, so {period} has no due date{hint}",
                how_often(every)
            ),
            zh: format!(
                "通知没有{}报送的要求，{period} 没有报送截止日期{hint_zh}",
                how_often_zh(every)
            ),
        });
    }
    if let Some(year) = d.notice.year {
        if year != period.year() {
            return Err(NoDueDate {
                en: format!(
                    "the notice is for {year}; {period} has no due date under it (give a period \
                     of {year})"
                ),
                zh: format!(
                    "通知是 {year} 年的；{period} 在其中没有报送截止日期（请给出 {year} 年的期间）"
                ),
            });
        }
    }
    let owed: Vec<(Option<u32>, Option<u32>, Option<u32>)> = ledger
        .map(|l| {
            l.reporting
                .iter()
                .filter(|r| r.every == every)
                .map(|r| (r.month_of_quarter, r.month, r.day))
                .collect()
        })
        .unwrap_or_default();
    let rules = if owed.is_empty() { &all } else { &owed };
    let year = period.year();
    let due = rules
        .iter()
        .filter_map(|&(moq, month, day)| {
            let m = period.month_due(moq, month);
            let end = last_day(year, m)?;
            NaiveDate::from_ymd_opt(year, m, day.unwrap_or(31).clamp(1, end.day()))
        })
        .min()
        .ok_or_else(|| NoDueDate {
            en: format!("{period} has no day in the calendar"),
            zh: format!("{period} 在日历中没有这一天"),
        })?;
    if let Some(issued) = notice_date(d) {
        if due < issued {
            return Err(NoDueDate {
                en: format!(
                    "{period}'s report would be due on {due}, before the notice was issued \
                     ({issued}): nothing is owed for it"
                ),
                zh: format!(
                    "{period} 的报送截止日期 {due} 早于通知的印发日期（{issued}）：这一期无需报送"
                ),
            });
        }
    }
    Ok(due)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_and_print() {
        let cases = [
            ("2026-05", Some("2026-05")),
            ("2026-5", Some("2026-05")),
            ("2026-Q2", Some("2026-Q2")),
            ("2026-q4", Some("2026-Q4")),
            ("2026-H1", Some("2026-H1")),
            ("2026", Some("2026")),
            ("2026-13", None),
            ("2026-Q5", None),
            ("2026-H3", None),
            ("26-05", None),
            ("2026-", None),
            ("2026-005", None),
            ("May", None),
        ];
        for (text, want) in cases {
            let got = text.parse::<Period>().ok().map(|p| p.to_string());
            assert_eq!(got.as_deref(), want, "{text}");
        }
    }

    #[test]
    fn labels() {
        let p: Period = "2026-Q2".parse().unwrap();
        assert_eq!(p.label(Lang::Zh), "2026年第二季度");
        assert_eq!(p.label(Lang::En), "Q2 2026");
        let p: Period = "2026-05".parse().unwrap();
        assert_eq!(p.label(Lang::Zh), "2026年5月");
        assert_eq!(p.label(Lang::En), "May 2026");
    }

    fn notice(requirements: &str) -> Dataset {
        let text = format!(
            "互政办〔2026〕14号\n\n县政府办公室关于印发重点工作任务分工方案的通知\n\n各乡镇人民政府：\n\n\
             现将分工方案印发给你们，请认真贯彻落实。\n\n{requirements}\n\n附件：分工方案\n\n\
             县政府办公室\n\n2026年2月12日\n\n\
             | 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n| 一、主要预期目标 | | | |\n\
             | 1 | 地区生产总值增长5%左右。 | 县发改局 | 县统计局 |\n"
        );
        crate::extract(text.as_bytes()).unwrap()
    }

    #[test]
    fn due_dates_follow_the_rules() {
        let d = notice(
            "一、狠抓落实。每月25日前，各责任单位要向牵头单位汇报工作进展情况；每季度第三个月20日前，各牵头单位要将工作落实情况报送县政府办公室。",
        );
        assert_eq!(d.notice.reporting.len(), 2, "{:?}", d.notice.reporting);
        let due = |p: &str| due_date(&d, p.parse().unwrap(), None).map(|d| d.to_string());
        assert_eq!(due("2026-05").as_deref(), Ok("2026-05-25"));
        assert_eq!(due("2026-02").as_deref(), Ok("2026-02-25"));
        assert_eq!(due("2026-Q2").as_deref(), Ok("2026-06-20"));
        assert_eq!(due("2026-Q4").as_deref(), Ok("2026-12-20"));
        // Before the notice's date, another year, a half year no rule sets.
        assert!(
            due("2026-01")
                .unwrap_err()
                .en
                .contains("before the notice was issued")
        );
        assert!(
            due("2027-05")
                .unwrap_err()
                .en
                .contains("the notice is for 2026")
        );
        let both = due("2026-H1").unwrap_err();
        assert!(both.zh.contains("没有每半年报送的要求"), "{}", both.zh);
        let e = both.en;
        assert!(
            e.contains("no half-yearly report") && e.contains("--period 2026-05"),
            "{e}"
        );
    }

    #[test]
    fn a_notice_without_rules_has_no_due_date() {
        let d = notice("一、狠抓落实。各单位要抓好落实。");
        let e = due_date(&d, "2026-05".parse().unwrap(), None)
            .unwrap_err()
            .en;
        assert!(
            e.contains("no monthly report") && e.contains("no reporting rule"),
            "{e}"
        );
    }
}
