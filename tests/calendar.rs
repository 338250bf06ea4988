//! The calendar (`export --to ics`): parsed back with icalendar's parser, a reminder on every
//! event, nothing before the notice's own date, the tasks' deadlines as events, fengong's
//! PRODID, and a unit the notice does not name refused.

use std::process::Command;

use icalendar::{Calendar, Component, Event};

use crate::export::{export, temp};
use crate::util;

/// The calendar `export --to ics ARGS…` writes, as text and parsed.
fn calendar(name: &str, args: &[&str]) -> (String, Calendar) {
    let dir = temp(name);
    let ics = dir.join("calendar.ics");
    let mut all = args.to_vec();
    all.extend(["--to", "ics", "-o", ics.to_str().unwrap()]);
    export(&all);
    let text = std::fs::read_to_string(&ics).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let cal: Calendar = text.parse().expect("RFC 5545");
    (text, cal)
}

/// An all-day event's date, `2026-03-25`.
fn date(e: &Event) -> String {
    e.property_value("DTSTART").expect("a start").to_owned()
}

fn summary(e: &Event) -> String {
    e.get_summary().unwrap_or_default().to_owned()
}

/// The VALARMs of an event: their ACTION, TRIGGER and DESCRIPTION.
fn alarms(e: &Event) -> Vec<[String; 3]> {
    e.components()
        .iter()
        .filter(|c| c.component_kind() == "VALARM")
        .map(|c| {
            ["ACTION", "TRIGGER", "DESCRIPTION"]
                .map(|p| c.property_value(p).unwrap_or_default().to_owned())
        })
        .collect()
}

#[test]
fn the_reporting_calendar_has_every_report_from_the_notice_date_each_with_a_reminder() {
    // 县发改局 leads (quarterly reports to 县政府办公室) and is responsible (monthly reports
    // to the lead unit); the notice is dated 2026-02-12.
    let (_, cal) = calendar("reports", &["seeds/huzhu-2026.md", "--unit", "县发改局"]);
    let d = fengong::extract(&util::seed()).unwrap();
    assert_eq!(d.notice.issued_on.as_deref(), Some("2026-02-12"));
    let events: Vec<&Event> = cal.events().collect();
    let dates = |role: &str| -> Vec<String> {
        events
            .iter()
            .filter(|e| summary(e).ends_with(&format!("（{role}）")))
            .map(|e| date(e))
            .collect()
    };
    let monthly = dates("责任单位");
    let quarterly = dates("牵头单位");
    // January's report (25 January) falls before the notice: February to December.
    assert_eq!(monthly.len(), 11, "{monthly:?}");
    assert_eq!(monthly[0], "20260225", "{monthly:?}");
    assert_eq!(monthly[10], "20261225", "{monthly:?}");
    assert_eq!(quarterly.len(), 4, "{quarterly:?}");
    assert_eq!(quarterly[0], "20260325", "{quarterly:?}");
    assert!(events.iter().all(|e| date(e).as_str() >= "20260212"));
    // A reminder on every event, three days before by default, that says what is due.
    for e in &events {
        let a = alarms(e);
        assert_eq!(a.len(), 1, "{}", summary(e));
        assert_eq!(a[0], ["DISPLAY", "-PT259200S", summary(e).as_str()]);
    }
    // fengong's own PRODID, not the library's.
    let prodid = cal.property_value("PRODID").unwrap();
    assert_eq!(
        prodid,
        format!("-//fengong//fengong {}//ZH", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn remind_sets_the_time_before_or_none() {
    let (_, cal) = calendar(
        "remind-12h",
        &[
            "seeds/huzhu-2026.md",
            "--unit",
            "县发改局",
            "--remind",
            "12h",
        ],
    );
    let events: Vec<&Event> = cal.events().collect();
    assert!(!events.is_empty());
    for e in &events {
        let a = alarms(e);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0][1], "-PT43200S");
    }
    let (text, cal) = calendar(
        "remind-0",
        &["seeds/huzhu-2026.md", "--unit", "县发改局", "--remind", "0"],
    );
    assert!(cal.events().count() > 0);
    assert!(!text.contains("VALARM"), "{text}");
    // A time it cannot read: a usage error that says what it takes.
    let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(["export", "-q", "seeds/huzhu-2026.md", "--to", "ics"])
        .args(["-o", "never-written.ics", "--remind", "3 days"])
        .current_dir(util::root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("such as 3d or 12h"), "{stderr}");
    assert!(!util::root().join("never-written.ics").exists());
}

#[test]
fn task_deadlines_are_events_on_their_day_from_the_notice_date() {
    // 区发改局 leads tasks 1 (2027年12月底前) and 5 (2028年10月底前), shares 2 (2027年1月底前,
    // before the notice of 2027-02-10) and 3 (6月30日前: the notice's year). Task 4 (长期坚持)
    // is no date.
    let (_, cal) = calendar(
        "deadlines",
        &[
            "fixtures/deadlines-as-calendar-dates.md",
            "--unit",
            "区发改局",
        ],
    );
    let events: Vec<&Event> = cal.events().collect();
    let deadlines: Vec<(String, String)> = events
        .iter()
        .filter(|e| summary(e).contains("完成时限"))
        .map(|e| (date(e), summary(e)))
        .collect();
    assert_eq!(
        deadlines,
        [
            (
                "20271231".to_owned(),
                "区发改局：第1项任务完成时限（2027年12月底前）".to_owned()
            ),
            (
                "20270630".to_owned(),
                "区发改局：第3项任务完成时限（6月30日前）".to_owned()
            ),
            (
                "20281031".to_owned(),
                "区发改局：第5项任务完成时限（2028年10月底前）".to_owned()
            ),
        ]
    );
    // The description says the task.
    let first = events
        .iter()
        .find(|e| summary(e).contains("第1项"))
        .unwrap();
    let description = first.get_description().unwrap();
    assert!(
        description.contains("第1项：地区生产总值增长5%左右。"),
        "{description}"
    );
    // Monthly reports from February (the notice is of 10 February), each with a reminder.
    let reports: Vec<String> = events
        .iter()
        .filter(|e| summary(e).contains("报送"))
        .map(|e| date(e))
        .collect();
    assert_eq!(reports.len(), 11, "{reports:?}");
    assert_eq!(reports[0], "20270225");
    assert!(events.iter().all(|e| alarms(e).len() == 1));
    assert!(events.iter().all(|e| date(e).as_str() >= "20270210"));
}

#[test]
fn the_calendar_in_english() {
    let dir = temp("english-ics");
    let ics = dir.join("en.ics");
    let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(["--lang", "en", "export", "-q"])
        .args([
            "fixtures/deadlines-as-calendar-dates.md",
            "--unit",
            "区发改局",
        ])
        .args(["--to", "ics", "-o", ics.to_str().unwrap()])
        .current_dir(util::root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let cal: Calendar = std::fs::read_to_string(&ics).unwrap().parse().unwrap();
    let summaries: Vec<String> = cal.events().map(summary).collect();
    assert!(
        summaries.contains(&"区发改局: task 1 due (2027年12月底前)".to_owned()),
        "{summaries:?}"
    );
    assert!(
        summaries
            .iter()
            .any(|s| s == "区发改局: progress report to 区政府办公室 (as lead unit)"),
        "{summaries:?}"
    );
    assert!(cal.property_value("PRODID").unwrap().ends_with("//EN"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_unit_the_notice_does_not_name_is_refused() {
    let dir = temp("unknown-unit");
    for to in ["ics", "xlsx"] {
        let path = dir.join(format!("out.{to}"));
        let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
            .args(["export", "-q", "seeds/huzhu-2026.md", "--to", to])
            .args(["--unit", "县发改局", "--unit", "县宇航局"])
            .args(["-o", path.to_str().unwrap()])
            .current_dir(util::root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{to}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("seeds/huzhu-2026.md：通知中没有名为 县宇航局 的单位"),
            "{stderr}"
        );
        assert!(stderr.contains("fengong ledger FILE"), "{stderr}");
        assert!(!path.exists(), "{to}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_same_notice_and_stamp_give_the_same_calendar_byte_for_byte() {
    let make = |name: &str| {
        let dir = temp(name);
        let ics = dir.join("calendar.ics");
        let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
            .args(["export", "-q", "seeds/huzhu-2026.md", "--to", "ics", "-o"])
            .arg(&ics)
            .env("SOURCE_DATE_EPOCH", "1770854400") // 2026-02-12T00:00:00Z
            .current_dir(util::root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = std::fs::read_to_string(&ics).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        text
    };
    let first = make("stamp-1");
    assert_eq!(first, make("stamp-2"));
    let cal: Calendar = first.parse().expect("RFC 5545");
    let events: Vec<&Event> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            icalendar::CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert!(events.len() > 100, "{}", events.len());
    for e in &events {
        assert_eq!(e.property_value("DTSTAMP"), Some("20260212T000000Z"));
        let uid = e.get_uid().expect("a UID");
        for alarm in e.components() {
            assert_eq!(alarm.property_value("DTSTAMP"), Some("20260212T000000Z"));
            assert_eq!(
                alarm.property_value("UID"),
                Some(format!("alarm-{uid}").as_str())
            );
        }
    }
    // Every event's id is its own.
    let mut uids: Vec<&str> = events.iter().filter_map(|e| e.get_uid()).collect();
    uids.sort_unstable();
    let all = uids.len();
    uids.dedup();
    assert_eq!(uids.len(), all);
}
