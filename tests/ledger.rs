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
    let via: Vec<u32> = l
        .tasks
        .iter()
        .filter(|t| t.via.as_deref() == Some("县政府各部门"))
        .map(|t| t.seq)
        .collect();
    let group = d.units.iter().find(|u| u.name == "县政府各部门").unwrap();
    assert_eq!(via.len(), 31);
    assert_eq!(via, group.responsible_tasks);
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
    for key in ["seq", "role", "via", "section", "text"] {
        assert!(task.get(key).is_some(), "{key}");
    }
    assert!(l["reporting"].is_array());
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
