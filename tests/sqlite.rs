//! The SQLite export as a database others join against: keys that hold, exports that run at
//! once, a corrected notice replacing its earlier version, an older layout refused.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::util;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-sqlite-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn export(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(["export", "-q", "--to", "sqlite"])
        .args(args)
        .current_dir(util::root())
        .output()
        .unwrap()
}

/// Assert that a run exited 0, showing its stderr if not.
fn succeeded(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn count(db: &Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn every_table_has_its_keys_and_they_hold() {
    let dir = temp("keys");
    let db = dir.join("n.db");
    let out = export(&[
        "seeds/huzhu-2026.md",
        "fixtures/next-year-notice-2027.md",
        "-o",
        db.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = rusqlite::Connection::open(&db).unwrap();
    let broken: Vec<String> = c
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(broken, Vec::<String>::new());
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
        let keyed: i64 = c
            .query_row(
                &format!("SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE pk > 0"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(keyed > 0, "{table} has no primary key");
    }
    let references: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM pragma_foreign_key_list('task_units')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        references, 4,
        "task_units → tasks (2 columns), units, units (via)"
    );
    let indexes: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for index in [
        "task_units_unit_id",
        "task_units_via",
        "unit_groups_group_id",
    ] {
        assert!(indexes.iter().any(|i| i == index), "{index} in {indexes:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn three_exports_into_one_database_at_once_all_succeed() {
    let dir = temp("concurrent");
    let db = dir.join("n.db");
    let notices = [
        "seeds/huzhu-2026.md",
        "fixtures/next-year-notice-2027.md",
        "fixtures/rule3-sections-and-subsections.md",
    ];
    let children: Vec<_> = notices
        .iter()
        .map(|n| {
            Command::new(env!("CARGO_BIN_EXE_fengong"))
                .args(["export", "-q", "--to", "sqlite", n, "-o"])
                .arg(&db)
                .current_dir(util::root())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        succeeded(&out);
    }
    assert_eq!(count(&db, "SELECT COUNT(*) FROM notices"), 3);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM pragma_foreign_key_check"),
        0
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_corrected_notice_replaces_its_earlier_version_unless_versions_are_kept() {
    let dir = temp("versions");
    let seed = std::fs::read_to_string(util::root().join("seeds/huzhu-2026.md")).unwrap();
    let first = dir.join("first.md");
    std::fs::write(&first, &seed).unwrap();
    // The same number and year, one task's wording corrected.
    let corrected = dir.join("corrected.md");
    let fixed = seed.replacen("力争更好结果", "力争更好成绩", 1);
    assert_ne!(fixed, seed);
    std::fs::write(&corrected, fixed).unwrap();
    let db = dir.join("n.db");
    let db_arg = db.to_str().unwrap();
    for f in [&first, &corrected] {
        let out = export(&[f.to_str().unwrap(), "-o", db_arg]);
        succeeded(&out);
    }
    assert_eq!(count(&db, "SELECT COUNT(*) FROM notices"), 1);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM tasks WHERE text LIKE '%力争更好成绩%'"
        ),
        1
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM tasks"), 73);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM pragma_foreign_key_check"),
        0
    );
    // Both kept when asked.
    let out = export(&[first.to_str().unwrap(), "-o", db_arg, "--keep-versions"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM notices"), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_database_of_an_earlier_layout_is_refused_untouched() {
    // Layout 0 (no keys) and 2 (keys, unit ids of the name alone): both are refused.
    for layout in [0, 2] {
        let dir = temp(&format!("old-{layout}"));
        let db = dir.join("old.db");
        {
            let c = rusqlite::Connection::open(&db).unwrap();
            c.execute_batch(&format!(
                "CREATE TABLE notices (notice_key TEXT, file TEXT, doc_number TEXT, title TEXT, \
                 issuer TEXT, issued_on TEXT, year INTEGER, PRIMARY KEY (notice_key));
                 INSERT INTO notices VALUES ('k', 'a.md', NULL, NULL, NULL, NULL, NULL);
                 PRAGMA user_version = {layout};"
            ))
            .unwrap();
        }
        let before = std::fs::read(&db).unwrap();
        let out = export(&["seeds/huzhu-2026.md", "-o", db.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "layout {layout}");
        let message = String::from_utf8_lossy(&out.stderr);
        assert!(
            message.contains("another fengong release")
                && message.contains(&format!("layout {layout}"))
                && message.contains("new file"),
            "{message}"
        );
        assert_eq!(std::fs::read(&db).unwrap(), before);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn units_are_scoped_by_the_issuing_jurisdiction() {
    let dir = temp("jurisdiction");
    let seed = std::fs::read_to_string(util::root().join("seeds/huzhu-2026.md")).unwrap();
    // The same county's next notice, and another county's notice worded alike.
    let next_year = dir.join("next-year.md");
    std::fs::write(
        &next_year,
        seed.replace("〔2026〕", "〔2027〕")
            .replace("2026年", "2027年"),
    )
    .unwrap();
    let other = dir.join("other-county.md");
    std::fs::write(&other, seed.replace("互助土族自治县", "乐都县")).unwrap();
    let db = dir.join("all.db");
    let out = export(&[
        "seeds/huzhu-2026.md",
        next_year.to_str().unwrap(),
        other.to_str().unwrap(),
        "-o",
        db.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        count(&db, "SELECT COUNT(DISTINCT jurisdiction) FROM notices"),
        2
    );
    // 县发改局: one unit of 互助土族自治县 for both of its years, another of 乐都县.
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM units WHERE name = '县发改局'"),
        2
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(DISTINCT tu.notice_key) FROM task_units tu JOIN units u USING (unit_id) \
             WHERE u.name = '县发改局' AND u.jurisdiction = '互助土族自治县'"
        ),
        2
    );
    // Every notice's units are of its own jurisdiction.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM task_units tu JOIN units u USING (unit_id) \
             JOIN notices n USING (notice_key) WHERE u.jurisdiction IS NOT n.jurisdiction"
        ),
        0
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
