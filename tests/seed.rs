use fengong::{Dataset, Task};

use crate::util;

fn dataset() -> Dataset {
    fengong::extract_named(Some("huzhu-2026.md"), &util::seed()).expect("the seed reads")
}

fn task(d: &Dataset, seq: u32) -> &Task {
    d.tasks.iter().find(|t| t.seq == seq).expect("task exists")
}

/// The seed's dataset in parts a person can read: the front matter, tables and diagnostics;
/// each section with its tasks; the units. Together they are the whole dataset.
#[test]
fn seed_snapshots_by_part() {
    // Parts are structs, so that their fields keep the dataset's order.
    #[derive(serde::Serialize)]
    struct Front<'a> {
        schema_version: &'a str,
        source: &'a fengong::Source,
        notice: &'a fengong::Notice,
        tables: &'a [fengong::Table],
        diagnostics: &'a [fengong::Diagnostic],
    }
    #[derive(serde::Serialize)]
    struct Part<'a> {
        section: &'a fengong::Section,
        tasks: Vec<&'a Task>,
    }
    let d = dataset();
    insta::assert_json_snapshot!(
        "huzhu-2026-notice",
        Front {
            schema_version: &d.schema_version,
            source: &d.source,
            notice: &d.notice,
            tables: &d.tables,
            diagnostics: &d.diagnostics,
        }
    );
    let mut in_sections = 0;
    for s in &d.sections {
        let tasks: Vec<&Task> = d
            .tasks
            .iter()
            .filter(|t| t.section == Some(s.number))
            .collect();
        in_sections += tasks.len();
        insta::assert_json_snapshot!(
            format!("huzhu-2026-section-{:02}", s.number),
            Part { section: s, tasks }
        );
    }
    assert_eq!(
        in_sections,
        d.tasks.len(),
        "a task is in no section snapshot"
    );
    insta::assert_json_snapshot!("huzhu-2026-units", d.units);
}

#[test]
fn seed_has_73_tasks_in_10_sections() {
    let d = dataset();
    assert_eq!(d.tasks.len(), 73);
    let seqs: Vec<u32> = d.tasks.iter().map(|t| t.seq).collect();
    assert_eq!(seqs, (1..=73).collect::<Vec<_>>());
    let sections: Vec<u32> = d.sections.iter().map(|s| s.number).collect();
    assert_eq!(sections, (1..=10).collect::<Vec<_>>());
    assert_eq!(d.notice.doc_number.as_deref(), Some("互政办〔2026〕14号"));
    assert_eq!(d.notice.issued_on.as_deref(), Some("2026-02-12"));
    assert_eq!(d.notice.year, Some(2026));
}

#[test]
fn seed_merged_cells_inherit_as_the_issue_states() {
    let d = dataset();
    for seq in [13, 14] {
        let t = task(&d, seq);
        assert_eq!(t.lead_inherited_from, Some(12), "task {seq}");
        assert_eq!(t.responsible_inherited_from, Some(12), "task {seq}");
        assert_eq!(t.lead, task(&d, 12).lead);
        assert_eq!(t.responsible, task(&d, 12).responsible);
    }
    for seq in [56, 57] {
        let t = task(&d, seq);
        assert_eq!(t.lead_inherited_from, None, "task {seq} has its own lead");
        assert_eq!(t.responsible_inherited_from, Some(55), "task {seq}");
        assert_eq!(t.responsible, task(&d, 55).responsible);
    }
    for seq in [71, 72, 73] {
        let t = task(&d, seq);
        assert_eq!(t.responsible_inherited_from, Some(70), "task {seq}");
        assert!(
            t.lead.is_empty(),
            "task {seq} is in a table without a lead column"
        );
        assert_eq!(t.lead_raw, None);
    }
    assert_eq!(task(&d, 24).lead, ["县发改局"]);
    assert_eq!(
        task(&d, 24).lead_mentions[0].note.as_deref(),
        Some("数据局")
    );
    for seq in 5..=8 {
        assert!(
            task(&d, seq)
                .responsible
                .iter()
                .any(|u| u == "各乡镇人民政府"),
            "task {seq}"
        );
    }
}

#[test]
fn seed_label_column_holding_task_text() {
    let d = dataset();
    assert_eq!(task(&d, 10).text, "节能降碳减排控制在省定目标以内。");
    assert_eq!(task(&d, 11).text, "粮食总产量保持在14万吨以上。");
    assert_eq!(task(&d, 10).subsection, None);
    assert_eq!(
        task(&d, 12).subsection_title.as_deref(),
        Some("扎实推进污染防治攻坚")
    );
}

#[test]
fn seed_units_are_listed_once_each_with_their_tasks() {
    let d = dataset();
    let mut names: Vec<&str> = d.units.iter().map(|u| u.name.as_str()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "a unit is listed twice");
    for t in &d.tasks {
        for n in t.lead.iter() {
            let unit = d.units.iter().find(|u| u.name == *n).unwrap();
            assert!(unit.lead_tasks.contains(&t.seq), "{n} leads {}", t.seq);
        }
        for n in t.responsible.iter() {
            let unit = d.units.iter().find(|u| u.name == *n).unwrap();
            assert!(unit.responsible_tasks.contains(&t.seq), "{n} for {}", t.seq);
        }
    }
}
