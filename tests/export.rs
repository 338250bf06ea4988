//! Exports: the SQLite database holds two notices and answers a join; the CSV tables have the
//! same columns whatever the notice holds; a notice exported twice is in the database once.
//! The workbook and the calendar have files of their own (`workbook.rs`, `calendar.rs`).

use std::process::Command;

use crate::util;

/// A fresh folder for one test's outputs.
pub fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-export-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `fengong export -q ARGS…`, which must succeed.
pub fn export(args: &[&str]) {
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
