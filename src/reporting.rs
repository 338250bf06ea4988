//! The reporting schedule, read from the sentences of the notice's requirements:
//! `每月25日前，各责任单位要向牵头单位汇报…` → every month, by the 25th, responsible → lead.
//!
//! A clause is a candidate when it names a period (每月, 每季度, 每半年, 每年, 年底…: the
//! periods the timing patterns below read); one that also names a report (汇报, 报送…: the
//! words of `data/report_words.tsv`) but whose timing cannot be read is returned as not
//! understood, for a diagnostic. Who reports and to whom are roles where they are header
//! names (`headers.tsv`: 责任单位 → responsible, 牵头单位 → lead).

use crate::dataset::{Every, ReportingRule};
use crate::rules::{Role, Rules};
use crate::scan;
use crate::text;
use crate::units;

/// Words that name a period.
const PERIODS: [&str; 8] = [
    "每月",
    "每季",
    "每半年",
    "每年",
    "年底",
    "年末",
    "季末",
    "全年",
];

/// `每月25日前`: the day, the leftmost match of `每月(\d{1,2}|[一二三四五六七八九十]+)日`.
fn monthly(clause: &str) -> Option<&str> {
    clause
        .match_indices("每月")
        .find_map(|(i, w)| Some(scan::count_then(&clause[i + w.len()..], '日')?.0))
}

/// How a quarter's report is timed: the month of the quarter and the day, as written.
enum Quarterly<'c> {
    /// `每季度第三个月25日前`, `每季度最后一个月10日前`, `每季度末月20日前`: the month (`三`;
    /// `None` for the last) and the day.
    Day(Option<&'c str>, &'c str),
    /// `每季度末`.
    End,
    /// `每季度结束后5日内`: the days after the quarter ends.
    After(&'c str),
}

/// The leftmost match of
/// `每季度?(?:(?:第([一二三1-3])个月|最后一个月|末月)N日|(末)|结束后N日)`, N a day's number.
fn quarterly(clause: &str) -> Option<Quarterly<'_>> {
    clause.match_indices("每季").find_map(|(i, w)| {
        let rest = &clause[i + w.len()..];
        let rest = rest.strip_prefix('度').unwrap_or(rest);
        let month: Option<(Option<&str>, &str)> = if let Some(r) = rest.strip_prefix('第') {
            let c = r
                .chars()
                .next()
                .filter(|c| matches!(c, '一' | '二' | '三' | '1'..='3'));
            c.and_then(|c| {
                let (month, r) = r.split_at(c.len_utf8());
                Some((Some(month), r.strip_prefix("个月")?))
            })
        } else if let Some(r) = rest.strip_prefix("最后一个月") {
            Some((None, r))
        } else {
            rest.strip_prefix("末月").map(|r| (None, r))
        };
        if let Some((month, day)) = month.and_then(|(m, r)| Some((m, scan::count_then(r, '日')?.0)))
        {
            return Some(Quarterly::Day(month, day));
        }
        if rest.starts_with('末') {
            return Some(Quarterly::End);
        }
        let after = scan::count_then(rest.strip_prefix("结束后")?, '日')?.0;
        Some(Quarterly::After(after))
    })
}

/// `12月10日前报送全年…`, `每年12月10日前`: the month and the day, the leftmost match of
/// `N月N日`, N a number.
fn yearly(clause: &str) -> Option<(&str, &str)> {
    clause.char_indices().find_map(|(i, _)| {
        let (month, rest) = scan::count_then(&clause[i..], '月')?;
        Some((month, scan::count_then(rest, '日')?.0))
    })
}

/// The shortest run of `min`–`max` characters at the start of `s` that holds none of
/// `stops` and is followed by a text `next` accepts: the run, and what follows it.
fn shortest_run<'s>(
    s: &'s str,
    min: usize,
    max: usize,
    stops: &[char],
    next: impl Fn(&str) -> bool,
) -> Option<(&'s str, &'s str)> {
    for (n, (i, c)) in s.char_indices().chain([(s.len(), '\0')]).enumerate() {
        if n > max {
            break;
        }
        if n >= min && next(&s[i..]) {
            return Some(s.split_at(i));
        }
        if i == s.len() || stops.contains(&c) {
            break;
        }
    }
    None
}

/// Who reports: `各责任单位要` → `责任单位` (各, then a body of up to 12 characters ending in
/// 单位 or 部门, in one stretch of the clause).
fn reporter(clause: &str) -> Option<&str> {
    clause.match_indices('各').find_map(|(i, _)| {
        let rest = &clause[i + '各'.len_utf8()..];
        let ends = |t: &str| t.starts_with("单位") || t.starts_with("部门");
        let (body, _) = shortest_run(rest, 1, 12, &['，', '。', '；', '、'], ends)?;
        Some(&rest[..body.len() + "单位".len()])
    })
}

/// To whom: `向牵头单位汇报` → `牵头单位`; `报送县政府办公室。` → `县政府办公室` (the second only
/// when it ends like a body's name: after 报送 may come what is sent).
fn recipient<'c>(clause: &'c str, rules: &Rules) -> Option<&'c str> {
    for (i, _) in clause.char_indices() {
        let rest = &clause[i..];
        if let Some(after) = rest.strip_prefix('向') {
            let verb = |t: &str| {
                rules
                    .report_words()
                    .to
                    .iter()
                    .any(|v| t.starts_with(v.as_str()))
            };
            if let Some((to, _)) = shortest_run(after, 1, 16, &['，', '。', '；', '、'], verb) {
                return Some(to.trim_start_matches('各'));
            }
        }
        for verb in &rules.report_words().send {
            let Some(after) = rest.strip_prefix(verb.as_str()) else {
                continue;
            };
            for after in [after.strip_prefix('至'), Some(after)]
                .into_iter()
                .flatten()
            {
                let end = |t: &str| t.is_empty() || t.starts_with(['。', '；', '，', '（', '(']);
                let stops = ['，', '。', '；', '、', '（', '('];
                if let Some((to, _)) = shortest_run(after, 2, 16, &stops, end) {
                    // After 报送 comes what is sent or to whom: a body's name ends like one.
                    return units::ends_like_name(to, rules).then_some(to);
                }
            }
        }
    }
    None
}

/// What reading one clause gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clause {
    /// A reporting rule.
    Rule(ReportingRule),
    /// The clause names a period and a report, but its timing could not be read.
    NotUnderstood,
    /// Not about reporting.
    Other,
}

/// Read one clause (a sentence or a part of one between `；`).
pub fn read_clause(clause: &str, rules: &Rules) -> Clause {
    // Every period has 每, 年 or 季: most clauses are ruled out by a character search.
    let has = |w: &str| clause.contains(w);
    if !(has("每") || has("年") || has("季")) {
        return Clause::Other;
    }
    let clause = text::compact_cow(clause);
    let reports = &rules.report_words().report;
    if !PERIODS.iter().any(|w| clause.contains(w))
        || !reports.iter().any(|w| clause.contains(w.as_str()))
    {
        return Clause::Other;
    }
    let number = |s: &str| s.parse::<u32>().ok().or_else(|| text::chinese_numeral(s));
    let mut rule = ReportingRule {
        every: Every::Month,
        month: None,
        month_of_quarter: None,
        day: None,
        from: None,
        to: None,
        text: clause.to_string(),
        requirement: 0,
        line: 0,
    };
    // Each pattern only where its literal stands: most of a notice's sentences have none.
    let quarter = clause
        .contains("每季")
        .then(|| quarterly(&clause))
        .flatten();
    let month = || clause.contains("每月").then(|| monthly(&clause)).flatten();
    let year = || {
        (clause.contains('月') && clause.contains('日'))
            .then(|| yearly(&clause))
            .flatten()
    };
    if let Some(q) = quarter {
        rule.every = Every::Quarter;
        match q {
            Quarterly::End => rule.month_of_quarter = Some(3),
            Quarterly::After(days) => {
                // N days after the quarter ends: the first month of the next quarter.
                rule.month_of_quarter = Some(1);
                rule.day = number(days);
            }
            Quarterly::Day(month, day) => {
                rule.month_of_quarter = Some(month.and_then(number).unwrap_or(3));
                rule.day = number(day);
            }
        }
    } else if let Some(day) = month() {
        rule.every = Every::Month;
        rule.day = number(day);
    } else if clause.contains("每半年") {
        rule.every = Every::HalfYear;
    } else if let Some((month, day)) = year() {
        rule.every = Every::Year;
        rule.month = number(month);
        rule.day = number(day);
    } else if clause.contains("年底") || clause.contains("年末") {
        rule.every = Every::Year;
        rule.month = Some(12);
    } else {
        return Clause::NotUnderstood;
    }
    let role = |who: &str| match rules.header_role(who) {
        Some(Role::Responsible) => "responsible".to_owned(),
        Some(Role::Lead) => "lead".to_owned(),
        _ => who.to_owned(),
    };
    rule.from = reporter(&clause).map(role);
    rule.to = recipient(&clause, rules).map(role);
    Clause::Rule(rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// every, month, month of quarter, day, from, to.
    type Want = (
        Every,
        Option<u32>,
        Option<u32>,
        Option<u32>,
        Option<String>,
        Option<String>,
    );

    fn rule(
        every: Every,
        month: Option<u32>,
        moq: Option<u32>,
        day: Option<u32>,
        from: &str,
        to: &str,
    ) -> Want {
        let s = |x: &str| (!x.is_empty()).then(|| x.to_owned());
        (every, month, moq, day, s(from), s(to))
    }

    #[test]
    fn reporting_clauses() {
        let cases = [
            (
                "每季度末月20日前，各牵头单位要将工作进展情况报送市政府办公室",
                rule(
                    Every::Quarter,
                    None,
                    Some(3),
                    Some(20),
                    "lead",
                    "市政府办公室",
                ),
            ),
            (
                "每月25日前，各责任单位要向牵头单位汇报工作进展情况",
                rule(Every::Month, None, None, Some(25), "responsible", "lead"),
            ),
            (
                "每季度第三个月25日前，各牵头单位要认真梳理汇总工作进展情况，并经主要领导签字、加盖单位公章后，将工作落实情况（含电子版）报送县政府办公室",
                rule(
                    Every::Quarter,
                    None,
                    Some(3),
                    Some(25),
                    "lead",
                    "县政府办公室",
                ),
            ),
            (
                "各牵头单位于每季度末将进展情况报送县政府督查室",
                rule(Every::Quarter, None, Some(3), None, "lead", "县政府督查室"),
            ),
            (
                "各牵头单位每半年向县政府办公室报告一次工作进展",
                rule(Every::HalfYear, None, None, None, "lead", "县政府办公室"),
            ),
            (
                "各牵头单位于12月10日前报送全年完成情况",
                rule(Every::Year, Some(12), None, Some(10), "lead", ""),
            ),
            (
                "每季度结束后5日内，各责任单位向牵头单位报送进展",
                rule(
                    Every::Quarter,
                    None,
                    Some(1),
                    Some(5),
                    "responsible",
                    "lead",
                ),
            ),
        ];
        for (clause, want) in cases {
            let Clause::Rule(r) = read_clause(clause, Rules::builtin()) else {
                panic!("not read: {clause}")
            };
            assert_eq!(
                (r.every, r.month, r.month_of_quarter, r.day, r.from, r.to),
                want,
                "{clause}"
            );
        }
    }

    #[test]
    fn who_reports_and_to_whom() {
        let rules = Rules::builtin();
        assert_eq!(reporter("各责任单位要按时报送"), Some("责任单位"));
        assert_eq!(reporter("各乡镇、各职能部门要报送"), Some("职能部门"));
        assert_eq!(reporter("各位领导"), None);
        assert_eq!(recipient("向各牵头单位汇报", rules), Some("牵头单位"));
        assert_eq!(
            recipient("报送至县政府办公室。", rules),
            Some("县政府办公室")
        );
        assert_eq!(recipient("报送县政府督查室", rules), Some("县政府督查室"));
        // After 报送 comes what is sent: no body.
        assert_eq!(recipient("报送全年完成情况", rules), None);
        assert_eq!(recipient("向，汇报", rules), None);
    }

    #[test]
    fn other_and_unreadable_clauses() {
        assert_eq!(
            read_clause(
                "对工作进度慢、成效不明显、报送进展与实际严重不符的单位进行定期通报",
                Rules::builtin()
            ),
            Clause::Other
        );
        assert_eq!(
            read_clause("强化统筹协调，不折不扣抓好工作落实", Rules::builtin()),
            Clause::Other
        );
        assert_eq!(
            read_clause("各单位要定期向县政府报告全年工作", Rules::builtin()),
            Clause::NotUnderstood
        );
    }
}
