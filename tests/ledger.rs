//! Per-unit ledgers on the seed: own tasks, tasks through groups, notes naming a unit, a
//! roster, and the JSON `fengong ledger` prints.

use fengong::Rules;
use fengong::ledger::{Roster, ledgers};

use crate::util;

fn seed() -> fengong::Dataset {
    fengong::extract(&util::seed()).expect("seed reads")
}

#[test]
fn a_department_has_its_led_tasks_and_those_of_its_group() {
    let d = seed();
    let rules = Rules::builtin();
    // The full name finds the unit the notice writes short.
    let l = &ledgers(&d, None, &["县发展和改革局".to_owned()], rules)[0];
    assert_eq!(l.unit, "县发改局");
    let led: Vec<u32> = l
        .tasks
        .iter()
        .filter(|t| t.role == "lead")
        .map(|t| t.seq)
        .collect();
    assert_eq!(led.len(), 14);
    // Each task once: 36, of the 45 (task, role) pairs a task it leads and its group shares.
    let mut seqs: Vec<u32> = l.tasks.iter().map(|t| t.seq).collect();
    seqs.dedup();
    assert_eq!(seqs.len(), l.tasks.len());
    assert_eq!(l.tasks.len(), 36);
    // Every task of its group is on it, through the group: first where it does not lead,
    // as a second role where it does.
    let via: Vec<u32> = l
        .tasks
        .iter()
        .filter(|t| {
            t.roles
                .iter()
                .any(|r| r.role == "responsible" && r.via.as_deref() == Some("县政府各部门"))
        })
        .map(|t| t.seq)
        .collect();
    let group = d.units.iter().find(|u| u.name == "县政府各部门").unwrap();
    assert_eq!(via.len(), 31);
    assert_eq!(via, group.responsible_tasks);
    let task_1 = &l.tasks[0];
    assert_eq!(
        (task_1.seq, task_1.role.as_str(), task_1.via.as_deref()),
        (1, "lead", None)
    );
    assert_eq!(task_1.roles.len(), 2);
    // The figures: 14 led, 22 shared, all of those through the group.
    assert_eq!(
        (l.counts.tasks, l.counts.led, l.counts.shared),
        (36, 14, 22)
    );
    assert_eq!(l.counts.shared_via.get("县政府各部门"), Some(&22));
    // Its reports: as lead, to the county government office, every quarter.
    assert!(l.reporting.iter().any(|r| r.role == "lead"));
}

#[test]
fn vertical_agencies_are_the_provinces_units_and_peoples_organisations_have_their_group() {
    let d = seed();
    let rules = Rules::builtin();
    let via = |unit: &str| -> Vec<Option<String>> {
        let l = &ledgers(&d, None, &[unit.to_owned()], rules)[0];
        l.tasks.iter().map(|t| t.via.clone()).collect()
    };
    // 县气象局 answers to the provincial bureau: the tasks of 县政府各部门 are not its own.
    assert!(!via("县气象局").contains(&Some("县政府各部门".to_owned())));
    assert!(via("县气象局").contains(&None));
    // It is one of the province's units in the county.
    assert!(via("县气象局").contains(&Some("省驻县各单位".to_owned())));
    // 县妇联 is one of 各人民团体 and has their tasks.
    let group = d.units.iter().find(|u| u.name == "各人民团体").unwrap();
    let of_group = via("县妇联")
        .iter()
        .filter(|v| v.as_deref() == Some("各人民团体"))
        .count();
    assert!(of_group > 0);
    assert_eq!(
        of_group,
        group.responsible_tasks.len() + group.lead_tasks.len()
    );
}

#[test]
fn a_unit_named_in_a_note_has_the_task() {
    let d = seed();
    let l = &ledgers(&d, None, &["县就业局".to_owned()], Rules::builtin())[0];
    assert!(
        l.tasks
            .iter()
            .any(|t| t.seq == 8 && t.role == "lead" && t.via.is_none())
    );
}

#[test]
fn a_roster_names_the_members_of_a_group() {
    let d = seed();
    let rules = Rules::builtin();
    let roster = Roster::parse(
        "# name\tkind\tgroups\taliases\n\
         威远镇人民政府\ttownship\t各乡镇人民政府\t威远镇\n\
         东沟乡人民政府\ttownship\t各乡镇人民政府\n\
         丹麻镇人民政府\ttownship\t各乡镇人民政府\n",
        rules,
    )
    .unwrap();
    let group = d.units.iter().find(|u| u.name == "各乡镇人民政府").unwrap();
    assert_eq!(group.responsible_tasks.len(), 70);
    for town in ["威远镇人民政府", "东沟乡人民政府", "丹麻镇人民政府"] {
        let l = &ledgers(&d, Some(&roster), &[town.to_owned()], rules)[0];
        let via: Vec<u32> = l
            .tasks
            .iter()
            .filter(|t| t.via.as_deref() == Some("各乡镇人民政府"))
            .map(|t| t.seq)
            .collect();
        assert_eq!(via, group.responsible_tasks, "{town}");
    }
    // A roster line that does not parse names its line.
    let err = Roster::parse("甲\tb\tc\td\te\n", rules).unwrap_err();
    assert_eq!(err.line, 1);
}

#[test]
fn ledger_json_has_the_documented_keys() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args([
            "ledger",
            "-q",
            "seeds/huzhu-2026.md",
            "--unit",
            "县发改局",
            "--format",
            "json",
        ])
        .current_dir(util::root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let l = &json[0];
    assert_eq!(l["unit"], "县发改局");
    let task = &l["tasks"][0];
    for key in ["seq", "role", "via", "roles", "section", "deadline", "text"] {
        assert!(task.get(key).is_some(), "{key}");
    }
    assert!(l["reporting"].is_array());
    // The same figures as the table's heading.
    assert_eq!(l["tasks"].as_array().unwrap().len(), 36);
    assert_eq!(l["counts"]["tasks"], 36);
    assert_eq!(l["counts"]["led"], 14);
    assert_eq!(l["counts"]["shared"], 22);
}

#[test]
fn the_ledger_table_counts_each_task_once_in_chinese_and_in_english() {
    let run = |lang: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_fengong"))
            .args([
                "--lang",
                lang,
                "ledger",
                "-q",
                "seeds/huzhu-2026.md",
                "--unit",
                "县发改局",
            ])
            .current_dir(util::root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let zh = run("zh");
    let lines: Vec<&str> = zh.lines().collect();
    assert_eq!(
        lines[0],
        "县发改局 — 36 项任务：牵头 14 项，参与 22 项（其中经县政府各部门 22 项）"
    );
    assert!(lines[1].starts_with("序号  角色"), "{}", lines[1]);
    assert!(lines[2].starts_with("1     牵头；参与（经县政府各部门）  地区生产总值"));
    // Task rows: one a task, its text whole (standard output is not a terminal).
    let rows: Vec<&str> = lines[2..]
        .iter()
        .copied()
        .filter(|l| !l.starts_with("  "))
        .collect();
    assert_eq!(rows.len(), 36);
    assert!(zh.contains("锲而不舍落实中央八项规定及其实施细则精神，深化党风廉政建设"));
    assert!(!zh.contains('…'));
    assert!(zh.contains("  报送：作为牵头单位，每季度末月25日前，报县政府办公室"));
    let en = run("en");
    assert!(en.starts_with(
        "县发改局 — 36 tasks: 14 led, 22 shared (22 through 县政府各部门)\nseq  role"
    ));
    assert!(en.contains("lead; responsible (via 县政府各部门)"));
}

#[test]
fn a_unit_written_with_others_after_deng_keeps_its_tasks() {
    // `县财政局等部门`: 县财政局's task, `等部门` its note (部门 alone is no unit).
    let notice = "| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
                  | 一、稳住经济增长 | | | |\n\
                  | 1 | 一般公共预算收入增长5%。 | 县财政局等部门 | 各乡镇人民政府 |\n";
    let d = fengong::extract(notice.as_bytes()).unwrap();
    assert_eq!(d.tasks[0].lead, ["县财政局"]);
    assert_eq!(d.tasks[0].lead_mentions[0].note.as_deref(), Some("等部门"));
    let l = &ledgers(&d, None, &["县财政局".to_owned()], Rules::builtin())[0];
    assert_eq!(l.tasks.len(), 1);
}

#[test]
fn units_are_named_as_the_roster_names_them_and_a_bad_roster_line_is_an_error() {
    let dir = std::env::temp_dir().join(format!("fengong-roster-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_fengong"))
            .args(["ledger", "-q", "seeds/huzhu-2026.md"])
            .args(args)
            .current_dir(util::root())
            .output()
            .unwrap()
    };
    // An alias the roster gives is the unit's name wherever a unit is named.
    let roster = dir.join("units.tsv");
    std::fs::write(&roster, "县发改局\tdepartment\t县政府各部门\t发改\n").unwrap();
    let out = run(&["--roster", roster.to_str().unwrap(), "--unit", "发改"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("县发改局 — 36 项任务"));
    // A unit nobody names: a usage error (2), as elsewhere.
    let out = run(&["--unit", "县不存在局"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有名为 县不存在局 的单位"));
    // A line written with spaces for tabs, and an unknown kind: the file and line named.
    for (text, says) in [
        (
            "县发改局\tdepartment\n威远镇人民政府 township 各乡镇人民政府\n",
            "holds spaces",
        ),
        ("县发改局\tdepartmnet\n", "unknown kind \"departmnet\""),
    ] {
        std::fs::write(&roster, text).unwrap();
        let out = run(&["--roster", roster.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let message = String::from_utf8_lossy(&out.stderr);
        let line = if text.lines().count() == 2 { 2 } else { 1 };
        assert!(
            message.contains(&format!("{}:{line}: ", roster.display())) && message.contains(says),
            "{message}"
        );
    }
    // --excel is for CSV: with CSV a byte-order mark, with a table a usage error.
    let out = run(&["--format", "csv", "--excel", "--unit", "县发改局"]);
    assert!(out.stdout.starts_with("\u{FEFF}unit,id,seq".as_bytes()));
    let out = run(&["--excel"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}
