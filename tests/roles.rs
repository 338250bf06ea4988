//! Role words: a unit cell or a list bracket that says who leads (`县发改局牵头，县财政局配合`,
//! `县教育局（牵头）`) puts each unit in the column its word names, and says so (I019).

use crate::util;

fn read(name: &str) -> fengong::Dataset {
    let bytes = std::fs::read(util::root().join("fixtures").join(name)).expect("fixture");
    fengong::extract(&bytes).expect("reads")
}

/// Each task's lead and responsible units, in order.
fn roles(d: &fengong::Dataset) -> Vec<(Vec<&str>, Vec<&str>)> {
    d.tasks
        .iter()
        .map(|t| {
            (
                t.lead.iter().map(|n| n.as_str()).collect(),
                t.responsible.iter().map(|n| n.as_str()).collect(),
            )
        })
        .collect()
}

/// The lines of the I019 diagnostics.
fn i019_lines(d: &fengong::Dataset) -> Vec<usize> {
    d.diagnostics
        .iter()
        .filter(|g| g.code == fengong::Code::RoleFromWords)
        .map(|g| g.line)
        .collect()
}

#[test]
fn list_brackets_name_roles_by_words() {
    let d = read("list-units-by-role-words.md");
    assert_eq!(
        roles(&d),
        [
            (vec!["县发改局"], vec!["县统计局", "县财政局"]),
            (
                vec!["县发改局", "县住建局"],
                vec!["县自然资源局", "县交通运输局"]
            ),
            // 由…负责: responsible, not lead.
            (vec![], vec!["县工信局"]),
            (vec!["县人社局"], vec!["各乡镇人民政府"]),
            // A 责任单位 label whose list says 牵头: the lead moves out of it.
            (vec!["县住建局"], vec!["县财政局", "相关单位"]),
            (vec!["县教育局"], vec!["县财政局", "县自然资源局"]),
            // A bracket inside the task text is no unit list.
            (vec![], vec!["县商务局"]),
        ]
    );
    // Only the moves out of a labelled column are inferences; the bracket without labels
    // says its roles itself.
    assert_eq!(i019_lines(&d), [21, 27]);
    // The signature and date after the list are the notice's.
    assert_eq!(d.notice.issuer.as_deref(), Some("松溪县人民政府办公室"));
    assert_eq!(d.notice.issued_on.as_deref(), Some("2026-03-06"));
    assert_eq!(d.notice.table_title, None, "a body sentence is no title");
}

#[test]
fn a_table_without_lead_column_takes_leads_from_role_words() {
    let d = read("unit-cells-giving-roles-one-column.md");
    assert_eq!(
        roles(&d),
        [
            (vec!["县发改局"], vec!["县自然资源局", "县住建局"]),
            (vec!["县交通运输局"], vec!["各乡镇人民政府"]),
            (vec!["县财政局"], vec!["县发改局"]),
            (vec![], vec!["县人社局"]),
            // 负责 … 按职责分工负责: both responsible; 等相关单位 is a unit of its own.
            (vec![], vec!["县住建局", "县财政局", "相关单位"]),
            (vec!["县住建局"], vec!["县财政局"]),
            // The merged cell below gives its lead too.
            (vec!["县住建局"], vec!["县财政局"]),
        ]
    );
    assert_eq!(i019_lines(&d), [6, 7, 8, 13]);
    let merged = &d.tasks[6];
    assert_eq!(
        (
            merged.lead_inherited_from,
            merged.responsible_inherited_from
        ),
        (Some(6), Some(6))
    );
    // No lead cell: nothing to inherit from is no warning when the words name a lead.
    assert!(
        !d.diagnostics
            .iter()
            .any(|g| g.code == fengong::Code::NothingToInherit)
    );
    // The lead came from the responsible cell: it has no lead text of its own.
    assert!(d.tasks[..3].iter().all(|t| t.lead_raw.is_none()));
}

#[test]
fn a_row_with_its_own_lead_keeps_the_mark_and_replaces_only_an_inherited_lead() {
    let d = read("unit-cells-giving-roles-with-lead-column.md");
    assert_eq!(
        roles(&d),
        [
            // The row names its lead: 县自然资源局（牵头） stays responsible, its note kept.
            (vec!["县农业农村局"], vec!["县自然资源局", "各乡镇人民政府"]),
            // The merged lead cell would give 县农业农村局; the row's own words win.
            (vec!["县水利局"], vec!["县财政局"]),
            // The merged cell still covers the next row.
            (vec!["县农业农村局"], vec!["县统计局", "各乡镇人民政府"]),
        ]
    );
    assert_eq!(
        d.tasks[0].responsible_mentions[0].note.as_deref(),
        Some("牵头")
    );
    assert_eq!(d.tasks[1].lead_inherited_from, None);
    assert_eq!(d.tasks[2].lead_inherited_from, Some(1));
    assert_eq!(i019_lines(&d), [6, 7]);
    let left = &d.diagnostics[d.diagnostics.len() - 2];
    assert!(
        left.message.contains("left in the responsible list"),
        "{}",
        left.message
    );
}

#[test]
fn the_first_unit_listed_leads_where_the_notice_says_so() {
    // A list whose brackets hold names alone; the notice's own line says the first leads.
    let d = read("list-units-in-brackets-first-listed-leads.md");
    assert_eq!(
        roles(&d),
        [
            (vec!["县发改局"], vec!["县统计局"]),
            (vec!["县商务局"], vec![]),
            // The bracket inside the sentence is its text; the one after it its units.
            (vec!["县文体旅游局"], vec!["县财政局", "县住建局"]),
            // Role words say it themselves.
            (vec!["县人社局"], vec!["各乡镇人民政府"]),
        ]
    );
    assert!(d.tasks[2].text.contains("（县图书馆、县文化馆）"));
    assert_eq!(i019_lines(&d), [11, 13, 15]);
    // A table without a lead column, under a note saying the same.
    let d = read("unit-cells-first-listed-leads.md");
    assert_eq!(
        roles(&d),
        [
            (vec!["县发改局"], vec!["县统计局"]),
            (vec!["县财政局"], vec!["县税务局", "各乡镇人民政府"]),
            // The merged cell below gives the same.
            (vec!["县财政局"], vec!["县税务局", "各乡镇人民政府"]),
            (vec!["县工信局"], vec![]),
        ]
    );
    assert_eq!(
        (
            d.tasks[2].lead_inherited_from,
            d.tasks[2].responsible_inherited_from
        ),
        (Some(2), Some(2))
    );
}

#[test]
fn names_alone_in_a_bracket_are_responsible_when_the_notice_names_no_lead() {
    let notice = "一、稳住经济增长\n\n1．全县地区生产总值增长6%左右。（县发改局、县统计局）\n\n\
                  2．社会消费品零售总额增长7%。（县商务局）\n";
    let d = fengong::extract(notice.as_bytes()).unwrap();
    assert_eq!(
        roles(&d),
        [
            (vec![], vec!["县发改局", "县统计局"]),
            (vec![], vec!["县商务局"])
        ]
    );
    let said: Vec<&str> = d
        .diagnostics
        .iter()
        .filter(|g| g.code == fengong::Code::UnlabelledUnits)
        .map(|g| g.message.as_str())
        .collect();
    assert_eq!(said.len(), 1);
    assert!(said[0].starts_with("2 of the list's tasks"), "{}", said[0]);
}

#[test]
fn a_header_note_saying_the_first_unit_leads() {
    // The note stands in the header cell itself; the column is still the responsible one.
    let notice = "| 序号 | 目标任务 | 责任单位（排在第一位的为牵头单位） |\n|---|---|---|\n\
                  | 一、稳住经济增长 | | |\n\
                  | 1 | 地区生产总值增长6%左右。 | 县发改局、县统计局 |\n";
    let d = fengong::extract(notice.as_bytes()).unwrap();
    assert_eq!(roles(&d), [(vec!["县发改局"], vec!["县统计局"])]);
    assert_eq!(i019_lines(&d), [4]);
}
