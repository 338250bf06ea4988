//! Exports: the SQLite database holds two notices and answers a join; the CSV tables have the
//! same columns whatever the notice holds; a notice exported twice is in the database once.

use std::process::Command;

use crate::util;

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-export-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn export(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .arg("export")
        .arg("-q")
        .args(args)
        .current_dir(util::root())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sqlite_holds_two_notices_and_answers_a_join() {
    let dir = temp("sqlite");
    let db = dir.join("notices.db");
    let db_arg = db.to_str().unwrap();
    export(&["seeds/huzhu-2026.md", "--to", "sqlite", "-o", db_arg]);
    // Another year into the same file; the seed again replaces itself.
    export(&[
        "fixtures/next-year-notice-2027.md",
        "--to",
        "sqlite",
        "-o",
        db_arg,
    ]);
    export(&["seeds/huzhu-2026.md", "--to", "sqlite", "-o", db_arg]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let notices: i64 = conn
        .query_row("SELECT count(*) FROM notices", [], |r| r.get(0))
        .unwrap();
    assert_eq!(notices, 2);
    // The tasks 县发改局 leads, with their targets, by year.
    let mut q = conn
        .prepare(
            "SELECT n.year, count(DISTINCT t.task_index), count(g.target_index)
             FROM tasks t
             JOIN task_units tu USING (notice_key, task_index)
             JOIN units u USING (unit_id)
             JOIN notices n USING (notice_key)
             LEFT JOIN targets g USING (notice_key, task_index)
             WHERE u.name = '县发改局' AND tu.role = 'lead'
             GROUP BY n.year ORDER BY n.year",
        )
        .unwrap();
    let rows: Vec<(i64, i64, i64)> = q
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!((rows[0].0, rows[0].1), (2026, 14));
    assert_eq!(rows[1].0, 2027);
    assert!(rows.iter().all(|r| r.2 > 0), "{rows:?}");
    // Through its group: the 31 tasks of 县政府各部门 in 2026.
    let via: i64 = conn
        .query_row(
            "SELECT count(*) FROM task_units tu JOIN units u USING (unit_id)
             JOIN notices n USING (notice_key)
             WHERE u.name = '县发改局' AND tu.via IS NOT NULL AND n.year = 2026",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(via, 31);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn csv_tables_have_the_same_columns_whatever_the_notice_holds() {
    let dir = temp("csv");
    export(&[
        "fixtures/rule3-sections-and-subsections.md",
        "--to",
        "csv",
        "-o",
        dir.to_str().unwrap(),
        "--excel",
    ]);
    let targets = std::fs::read(dir.join("targets.csv")).unwrap();
    // A byte-order mark for Excel, then the header, ranges included though none is here.
    assert!(targets.starts_with(b"\xEF\xBB\xBF"));
    let header = String::from_utf8_lossy(&targets[3..])
        .lines()
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(
        header,
        "notice_key,task_index,target_index,kind,indicator,change,value,min,max,unit,base_value,base_unit,base_min,base_max,bound,better,text"
    );
    for table in [
        "notices",
        "sections",
        "tasks",
        "units",
        "task_units",
        "unit_groups",
        "targets",
        "diagnostics",
    ] {
        assert!(dir.join(format!("{table}.csv")).exists(), "{table}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_reporting_calendar_parses_back_with_every_deadline() {
    let dir = temp("ics");
    let ics = dir.join("calendar.ics");
    // 县发改局 leads (quarterly reports to 县政府办公室) and is responsible (monthly reports
    // to the lead unit).
    export(&[
        "seeds/huzhu-2026.md",
        "--to",
        "ics",
        "--unit",
        "县发改局",
        "-o",
        ics.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&ics).unwrap();
    let cal: icalendar::Calendar = text.parse().expect("RFC 5545");
    use icalendar::Component;
    let events: Vec<&icalendar::Event> = cal.events().collect();
    let dates = |role: &str| -> Vec<String> {
        events
            .iter()
            .filter(|e| {
                e.get_summary()
                    .is_some_and(|s| s.ends_with(&format!("（{role}）")))
            })
            .map(|e| format!("{:?}", e.get_start().expect("a start")))
            .collect()
    };
    let monthly = dates("责任单位");
    let quarterly = dates("牵头单位");
    assert_eq!(monthly.len(), 12, "{monthly:?}");
    assert_eq!(quarterly.len(), 4, "{quarterly:?}");
    assert!(quarterly[0].contains("2026-03-25"), "{quarterly:?}");
    assert!(monthly[11].contains("2026-12-25"), "{monthly:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_workbook_reads_back_with_its_sheets_headers_and_rows() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = temp("xlsx");
    let path = dir.join("seed.xlsx");
    export(&[
        "seeds/huzhu-2026.md",
        "--to",
        "xlsx",
        "-o",
        path.to_str().unwrap(),
    ]);
    let mut wb: Xlsx<_> = open_workbook(&path).expect("an xlsx workbook");
    let names = wb.sheet_names();
    assert_eq!(names[0], "任务总表");
    assert!(names.iter().any(|n| n == "县发改局"), "{names:?}");
    assert_eq!(&names[names.len() - 2..], ["目标", "诊断"]);
    let d = fengong::extract(&util::seed()).unwrap();
    let all = wb.worksheet_range("任务总表").unwrap();
    assert_eq!(all.height(), d.tasks.len() + 1);
    let header: Vec<String> = all
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[..4], ["序号", "部分", "类别", "目标任务"]);
    // A lead unit's ledger: its led tasks, and a column for each month the notice's
    // schedule sets.
    let ledger = wb.worksheet_range("县发改局").unwrap();
    assert_eq!(ledger.height(), 14 + 1);
    let header: Vec<String> = ledger
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header.len(), 4 + 12);
    assert_eq!(header[4], "1月");
    let targets = wb.worksheet_range("目标").unwrap();
    let count: usize = d.tasks.iter().map(|t| t.targets.len()).sum();
    assert_eq!(targets.height(), count + 1);
    std::fs::remove_dir_all(&dir).unwrap();
}
