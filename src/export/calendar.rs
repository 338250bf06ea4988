//! The calendar (RFC 5545) of a notice: the reports each unit owes and its tasks' deadlines.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Trigger};

use super::deadline::{deadline_date, last_day, notice_date};
use crate::dataset::{Dataset, Every};
use crate::lang::Lang;
use crate::ledger::Ledger;
use crate::rules::Rules;

/// The calendar (RFC 5545) of the notice `d` for `ledgers` (its units' ledgers, from
/// [`crate::ledger::ledgers`]), in `lang`, as the text of one `VCALENDAR`
/// (`PRODID:-//fengong//fengong VERSION//ZH`, `//EN` in English). All-day events:
///
/// - every report each unit owes in the notice's year, by the notice's schedule: every month,
///   every quarter (the month of the quarter it names), every half year (June and December),
///   or once a year. A day past the month's end is its last day; a rule that names no day
///   falls on the month's last day.
/// - each of a unit's tasks that has a deadline which is a date ([`super::deadline_date`]:
///   `2027年10月底前` → 31 October 2027), on that day, with the task's number and text.
///   `长期坚持` and the like are no date and have no event.
///
/// Nothing falls before the notice's own date (`notice.issued_on`): a monthly report due on
/// 25 January is not owed under a notice issued on 12 February. With `remind`, each event
/// has a `VALARM` (a message shown that long before the day begins). Without `notice.year`
/// no report can be placed, and only deadlines that name their year are.
///
/// Every event and alarm is stamped `stamp` (`DTSTAMP`: when the calendar was made) and has
/// an id of its unit, role or task and day (`UID`), so the same notice, rules and stamp give
/// the same calendar byte for byte, and a calendar made again replaces its events in a
/// program that subscribed to it. Deadlines are read by `rules` ([`super::deadline_date`]).
pub fn calendar(
    d: &Dataset,
    ledgers: &[Ledger],
    rules: &Rules,
    lang: Lang,
    remind: Option<Duration>,
    stamp: DateTime<Utc>,
) -> String {
    let source = d
        .notice
        .doc_number
        .as_deref()
        .or(d.notice.title.as_deref())
        .unwrap_or(lang.pick("通知", "notice"));
    let not_before = notice_date(d);
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property((
        "PRODID",
        format!(
            "-//fengong//fengong {}//{}",
            env!("CARGO_PKG_VERSION"),
            lang.pick("ZH", "EN")
        )
        .as_str(),
    ));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    let year = d.notice.year;
    cal.name(&match (lang, year) {
        (Lang::Zh, Some(y)) => format!("{source} 报送与完成时限 {y}"),
        (Lang::Zh, None) => format!("{source} 报送与完成时限"),
        (Lang::En, Some(y)) => format!("{source} reports and deadlines {y}"),
        (Lang::En, None) => format!("{source} reports and deadlines"),
    });
    let role_name = |role: &str| -> String {
        match role {
            "lead" => lang.pick("牵头单位", "lead unit").to_owned(),
            "responsible" => lang.pick("责任单位", "responsible unit").to_owned(),
            other => other.to_owned(),
        }
    };
    let mut event = |uid: String, date: NaiveDate, summary: String, description: String| {
        if not_before.is_some_and(|first| date < first) {
            return;
        }
        let mut e = Event::new();
        e.timestamp(stamp)
            .uid(&uid)
            .summary(&summary)
            .description(&description)
            // A day long: DTEND is the next day (RFC 5545, 3.6.1).
            .starts(date)
            .ends(date.succ_opt().unwrap_or(date));
        if let Some(before) = remind {
            let before = chrono::Duration::from_std(before).unwrap_or(chrono::Duration::zero());
            let mut alarm = Alarm::display(&summary, Trigger::before_start(before));
            alarm.timestamp(stamp).uid(&format!("alarm-{uid}"));
            e.alarm(alarm);
        }
        cal.push(e.done());
    };
    for l in ledgers {
        for duty in year.map_or(&[][..], |_| &l.reporting[..]) {
            let year = year.unwrap_or_default();
            let months: Vec<u32> = match duty.every {
                Every::Month => (1..=12).collect(),
                Every::Quarter => {
                    let m = duty.month_of_quarter.unwrap_or(3).clamp(1, 3);
                    vec![m, m + 3, m + 6, m + 9]
                }
                Every::HalfYear => vec![6, 12],
                Every::Year => vec![duty.month.unwrap_or(12).clamp(1, 12)],
            };
            let to = duty.to.as_deref().map_or_else(
                || lang.pick("（未写明）", "(not stated)").to_owned(),
                role_name,
            );
            let role = role_name(&duty.role);
            let count = l.tasks.iter().filter(|t| t.role == duty.role).count();
            for month in months {
                let Some(end) = last_day(year, month) else {
                    continue;
                };
                let day = duty.day.unwrap_or(31).clamp(1, chrono::Datelike::day(&end));
                let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
                    continue;
                };
                let (summary, description) = match lang {
                    Lang::Zh => (
                        format!("{}：向{to}报送工作进展（{role}）", l.unit),
                        format!("{}作为{role}，{count}项任务；依{source}的报送要求", l.unit),
                    ),
                    Lang::En => (
                        format!("{}: progress report to {to} (as {role})", l.unit),
                        format!(
                            "{} as {role}, {count} tasks; by the reporting rules of {source}",
                            l.unit
                        ),
                    ),
                };
                event(
                    format!("{}-{}-{date}@fengong", l.id, duty.role),
                    date,
                    summary,
                    description,
                );
            }
        }
        // The unit's tasks that have a deadline, each once (a task can be its own and its
        // group's).
        let mut seen: Vec<u32> = Vec::new();
        for lt in &l.tasks {
            if seen.contains(&lt.seq) {
                continue;
            }
            seen.push(lt.seq);
            let Some(task) = d
                .tasks
                .iter()
                .find(|t| t.seq == lt.seq && t.text == lt.text)
            else {
                continue;
            };
            let Some(deadline) = task.deadline.as_deref() else {
                continue;
            };
            let Some(date) = deadline_date(rules, deadline, year) else {
                continue;
            };
            let lead = task.lead.join("、");
            let responsible = task.responsible.join("、");
            let (summary, description) = match lang {
                Lang::Zh => (
                    format!("{}：第{}项任务完成时限（{deadline}）", l.unit, task.seq),
                    format!(
                        "第{}项：{}\n牵头单位：{lead}\n责任单位：{responsible}\n完成时限：{deadline}（{source}）",
                        task.seq, task.text
                    ),
                ),
                Lang::En => (
                    format!("{}: task {} due ({deadline})", l.unit, task.seq),
                    format!(
                        "Task {}: {}\nLead units: {lead}\nResponsible units: {responsible}\nDeadline: {deadline} ({source})",
                        task.seq, task.text
                    ),
                ),
            };
            event(
                format!("{}-task{}-{date}@fengong", l.id, task.seq),
                date,
                summary,
                description,
            );
        }
    }
    cal.done().to_string()
}
