//! Each converter repair (`src/repair/`) fires on the fixture with its shape and stays quiet
//! on the near miss beside it (`fixtures/repair-<shape>-fires.md`, `…-not-here.md`); what
//! either reads is in its snapshot.

use crate::util;

/// The codes of a fixture's diagnostics.
fn codes(name: &str) -> Vec<String> {
    let bytes = std::fs::read(util::root().join("fixtures").join(name)).expect(name);
    let dataset = fengong::extract_named(Some(name), &bytes).expect(name);
    dataset
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect()
}

/// (shape, the code its repair emits).
const PASSES: [(&str, &str); 20] = [
    ("two-row-header", "I013"),
    ("header-spill", "I015"),
    ("joined-columns", "I009"),
    ("continuation", "I010"),
    ("fragments", "W019"),
    ("short-row", "W016"),
    ("covered-cells", "I014"),
    ("page-end", "W017"),
    ("split-heading", "I008"),
    ("cut-words", "I021"),
    ("grid-overflow", "I022"),
    ("placeholder-header", "I023"),
    ("page-split-cell", "W022"),
    ("spread-cell", "W024"),
    ("spread-label", "W024"),
    ("moved-punctuation", "I026"),
    ("merged-heading", "I027"),
    ("label-column", "I030"),
    ("closing-row", "I031"),
    ("rows-run-together", "W026"),
];

/// Codes a repair emits beside the one in [`PASSES`].
const OTHER_CODES: [&str; 3] = ["W020", "W023", "W025"];

#[test]
fn each_repair_fires_where_its_shape_is() {
    for (shape, code) in PASSES {
        let name = format!("repair-{shape}-fires.md");
        let got = codes(&name);
        assert!(
            got.iter().any(|c| c == code),
            "{name}: {code} not in {got:?}"
        );
    }
}

#[test]
fn no_repair_fires_where_its_shape_is_not() {
    for (shape, _) in PASSES {
        let name = format!("repair-{shape}-not-here.md");
        let got = codes(&name);
        // Nor any other repair's code: a near miss of one shape is no other shape either.
        for other in PASSES.iter().map(|(_, c)| *c).chain(OTHER_CODES) {
            assert!(
                !got.iter().any(|c| c == other),
                "{name} ({shape}): {other} in {got:?}"
            );
        }
    }
}

/// The dataset of a fixture.
fn read(name: &str) -> fengong::Dataset {
    let bytes = std::fs::read(util::root().join("fixtures").join(name)).expect(name);
    fengong::extract_named(Some(name), &bytes).expect(name)
}

/// Three inputs a reading once broke by firing where its shape was not read right.
#[test]
fn the_inputs_a_misfiring_repair_broke_read_right() {
    // A row ending with a pipe before an empty last cell, under a header without outer pipes:
    // all its cells are written; none is placed by content (W016).
    let d = read("repair-short-row-not-here.md");
    assert!(d.diagnostics.iter().all(|x| x.code.to_string() != "W016"));
    assert_eq!(d.tasks[1].responsible, ["县应急局", "县气象局"]);
    // A line right under a table is the notice's, not a task.
    let d = read("repair-line-right-under-a-table.md");
    assert_eq!(d.tasks.len(), 2);
    assert_eq!(d.notice.disclosure.as_deref(), Some("主动公开"));
    // A note inside a name is no place to cut names written together.
    let d = read("units-note-inside-a-name.md");
    assert_eq!(d.tasks[0].responsible, ["各县（市）区政府"]);
    assert_eq!(d.tasks[2].lead, ["市人社局", "市财政局"]);
}

/// Every file of `src/repair/` (a pass) has its two fixtures and its row in [`PASSES`]: a
/// pass added without them fails here.
#[test]
fn every_repair_pass_has_its_fixtures() {
    let dir = util::root().join("src/repair");
    let mut shapes: Vec<String> = std::fs::read_dir(&dir)
        .expect("src/repair is readable")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".rs")?;
            (stem != "mod").then(|| stem.replace('_', "-"))
        })
        .collect();
    shapes.sort();
    assert!(shapes.len() >= PASSES.len(), "{shapes:?}");
    for shape in &shapes {
        assert!(
            PASSES.iter().any(|(s, _)| s == shape),
            "src/repair/{shape}: not in PASSES"
        );
        for end in ["fires", "not-here"] {
            let fixture = util::root().join(format!("fixtures/repair-{shape}-{end}.md"));
            assert!(fixture.exists(), "{} is missing", fixture.display());
        }
    }
}

/// The continuation rule in a table without a number column (PyMuPDF at a page break: the
/// rest of a task's text alone in a row): joined where the task's text stops mid-sentence and
/// most tasks end with `。`; where tasks end without `。`, a row with text alone is a task of
/// its own inheriting merged unit cells.
#[test]
fn a_continuation_in_a_table_without_a_number_column() {
    let d = read("repair-continuation-no-number-column.md");
    assert_eq!(d.tasks.len(), 3);
    assert!(
        d.tasks[0]
            .text
            .ends_with("倒逼工业污染源全面完成达标排放。")
    );
    assert!(d.diagnostics.iter().any(|x| x.code.as_str() == "I010"));
    let d = read("repair-continuation-no-number-column-not-here.md");
    let texts: Vec<&str> = d.tasks.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "落实河湖长制，主要河流出境断面水质保持在Ⅲ类以上",
            "推进城乡生活垃圾分类",
            "全年完成国土绿化3万亩"
        ]
    );
    assert_eq!(d.tasks[1].lead_inherited_from, Some(1));
    assert!(!d.diagnostics.iter().any(|x| x.code.as_str() == "I010"));
}

/// The rest of a task row at the next page's head (pdfplumber, PyMuPDF: the page break fell
/// in the deadline cell, or after the first paragraph of the task's text): joined where each
/// of its cells goes on from one above; under an empty cell it is no rest, and is dropped
/// with a warning.
#[test]
fn the_rest_of_a_row_at_a_page_head_is_joined_to_it() {
    let d = read("repair-continuation-page-head-rest-fires.md");
    let deadlines: Vec<Option<&str>> = d.tasks.iter().map(|t| t.deadline.as_deref()).collect();
    assert_eq!(
        deadlines,
        [
            Some("长期坚持"),
            Some("2027年6月底前"),
            Some("2027年12月底前"),
            Some("长期坚持"),
            Some("2027年12月底前")
        ]
    );
    assert_eq!(d.tasks[2].section, Some(2));
    // A task's second paragraph at the page's head, and the rest of its cut unit cell.
    let seqs: Vec<u32> = d.tasks.iter().map(|t| t.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5]);
    assert_eq!(
        d.tasks[3].text,
        "落实“周调度、月通报、季观摩”制度，推动项目早开工、早投产、早见效。\
         精准招引一批带动性强、适配度高的大项目、好项目落地。"
    );
    assert_eq!(d.tasks[3].responsible, ["县人社局", "县水利局"]);
    let codes: Vec<&str> = d.diagnostics.iter().map(|x| x.code.as_str()).collect();
    assert!(codes.contains(&"I010"), "{codes:?}");
    assert!(!codes.contains(&"W002"), "{codes:?}");

    // Task 2's empty deadline is a merged cell's (task 1's); `前` under it is not its rest.
    let d = read("repair-continuation-page-head-rest-not-here.md");
    assert_eq!(d.tasks[1].deadline.as_deref(), Some("长期坚持"));
    assert_eq!(d.tasks[1].deadline_inherited_from, Some(1));
    let codes: Vec<&str> = d.diagnostics.iter().map(|x| x.code.as_str()).collect();
    assert!(!codes.contains(&"I010"), "{codes:?}");
    assert!(codes.contains(&"W002"), "{codes:?}");
}

/// Headings PyMuPDF's layout mode wrote into the task row above them (`2<br>二、`, the title
/// at the end of the text) are rows of their own; a number cell's second line that is no
/// heading, or a text that stops mid-sentence, leaves the row as written (with `W004`).
#[test]
fn headings_written_into_the_task_row_above_are_rows_of_their_own() {
    let d = read("repair-merged-heading-fires.md");
    let sections: Vec<(u32, &str)> = d
        .sections
        .iter()
        .map(|s| (s.number, s.title.as_str()))
        .collect();
    assert_eq!(
        sections,
        [
            (1, "主要预期目标"),
            (2, "深化重点领域改革"),
            (3, "加强政府自身建设"),
            (4, "推动产业转型升级"),
            (5, "扩大有效投资"),
            (6, "增进民生福祉")
        ]
    );
    let placed: Vec<(u32, Option<u32>, Option<u32>)> = d
        .tasks
        .iter()
        .map(|t| (t.seq, t.section, t.subsection))
        .collect();
    assert_eq!(
        placed,
        [
            (1, Some(1), None),
            (2, Some(1), None),
            (3, Some(2), None),
            (4, Some(2), None),
            (5, Some(3), Some(1)),
            (6, Some(3), Some(1)),
            (7, Some(4), None),
            (8, Some(4), None),
            (9, Some(5), None),
            (10, Some(5), Some(1)),
            (11, Some(5), Some(2)),
            (12, Some(6), Some(1))
        ]
    );
    // The title at the end of the sub-category label cell (`（二）促进<br>消费升级<br>增进民生福祉`
    // beside `11<br>六、`): the label keeps its own lines.
    assert_eq!(
        d.tasks[10].subsection_title.as_deref(),
        Some("促进消费升级")
    );
    // A title cut after its first character at a page's head (`五、扩` / `大有效投资`), the
    // task's text and lead cut there too: each rest joined to the task.
    assert_eq!(
        d.tasks[7].text,
        "加快数字经济发展，推动企业上云用数赋智，构建协同发展生态。"
    );
    assert_eq!(d.tasks[7].lead, ["县发改局"]);
    assert_eq!(d.tasks[1].text, "城乡居民基本医疗保险参保率稳定在98%以上。");
    // At a page's head, the rest of the task above joined to it.
    assert_eq!(
        d.tasks[5].text,
        "规范涉企行政检查，推行“综合查一次”。全年涉企检查次数下降20%以上。"
    );
    assert_eq!(d.tasks[3].text, "深化国有企业改革，完成国有企业整合重组。");
    let lines: Vec<usize> = d
        .diagnostics
        .iter()
        .filter(|x| x.code.as_str() == "I027")
        .map(|x| x.line)
        .collect();
    assert_eq!(lines, [5, 7, 12, 18, 26]);

    // At a page's head, a row with a cell of its own under a task whose text ends a sentence
    // is left as written (a task numbered in order, W004).
    let d = read("repair-merged-heading-not-here.md");
    assert_eq!(d.sections.len(), 2);
    assert_eq!(d.tasks.len(), 10);
    // A label cell with a line more, beside a number cell with no heading: left as written.
    assert_eq!(
        d.tasks[9].subsection_title.as_deref(),
        Some("促进消费升级扩大内需")
    );
    let codes: Vec<&str> = d.diagnostics.iter().map(|x| x.code.as_str()).collect();
    assert!(!codes.contains(&"I027"), "{codes:?}");
    assert_eq!(
        codes.iter().filter(|c| **c == "W004").count(),
        3,
        "{codes:?}"
    );
}

/// A cut unit cell at a page's foot in a table without numbers: where the next page's first
/// row holds only its text and the cell's rest, it is the rest of the row above (Word broke
/// the tall row over the page); where it has a cell of its own (a lead), it is a task of its
/// own under the merged cell. `W022` on both readings.
#[test]
fn a_row_cut_by_a_page_in_a_table_without_numbers() {
    let d = read("repair-page-split-cell-no-number-column.md");
    let texts: Vec<&str> = d.tasks.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "培育壮大新能源、新材料等新兴产业集群，构建协同发展生态。\
             推广清洁生产与节能工艺，力争规上企业单位工业增加值能耗下降3%以上。",
            "压紧压实安全生产责任，开展安全生产治本攻坚三年行动。"
        ]
    );
    assert_eq!(
        d.tasks[0].responsible,
        ["区农业农村局", "区统计局", "区司法局", "区水利局"]
    );
    assert!(d.diagnostics.iter().any(|x| x.code.as_str() == "W022"));

    let d = read("repair-page-split-cell-no-number-column-own-lead.md");
    assert_eq!(d.tasks.len(), 3);
    assert_eq!(d.tasks[1].lead, ["区工信局"]);
    assert_eq!(d.tasks[1].responsible_inherited_from, Some(1));
    assert!(d.diagnostics.iter().any(|x| x.code.as_str() == "W022"));
}

/// A header whose one cell that names no column wrapped onto the row under it (`序` over
/// `号`, PyMuPDF 2's layout mode) is one header row; a lower row that makes no name with it
/// is a row of the table.
#[test]
fn a_header_cell_wrapped_onto_the_row_under_it() {
    let d = read("repair-two-row-header-one-cell-fires.md");
    assert_eq!(d.tables[0].columns[0], fengong::Column::Seq);
    assert!(d.tasks.iter().all(|t| !t.seq_inferred));
    assert!(d.diagnostics.iter().any(|x| x.code.as_str() == "I013"));
    let d = read("repair-two-row-header-one-cell-not-here.md");
    assert_eq!(d.tables[0].columns[0], fengong::Column::Unknown);
    assert!(!d.diagnostics.iter().any(|x| x.code.as_str() == "I013"));
}

#[test]
fn labels_under_a_blank_header_beside_the_number_are_sub_categories() {
    let got = |name: &str| -> Vec<(u32, Option<String>)> {
        read(name)
            .tasks
            .iter()
            .map(|t| (t.seq, t.subsection_title.clone()))
            .collect()
    };
    let title = |s: &str| Some(s.to_owned());
    assert_eq!(
        got("repair-label-column-fires.md"),
        [
            (1, None),
            (2, title("建设法治政府")),
            (3, title("建设法治政府")),
            (4, title("建设廉洁政府")),
        ]
    );
    // Numbers in the right cell of the merged 序号: the two number columns stay, each task
    // numbered.
    let d = read("repair-label-column-not-here.md");
    let seqs: Vec<(u32, bool)> = d.tasks.iter().map(|t| (t.seq, t.seq_inferred)).collect();
    assert_eq!(seqs, [(1, false), (2, false), (3, false)]);
}

#[test]
fn a_sentence_end_cut_onto_a_row_of_its_own_is_the_rest_of_the_row_above() {
    let d = read("repair-continuation-tail-row.md");
    let got: Vec<(&str, Vec<&str>, Vec<&str>)> = d
        .tasks
        .iter()
        .map(|t| {
            (
                t.text.as_str(),
                t.lead.iter().map(|n| n.as_str()).collect(),
                t.leaders.iter().map(|n| n.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "粮食播种面积稳定在8万亩以上，粮食总产量保持在3万吨以上。",
                vec!["县农业农村局", "县财政局"],
                vec!["王磊", "李娟"]
            ),
            (
                "空气质量优良天数比例保持在90%以上。",
                vec!["县生态环境局"],
                vec!["王磊"]
            ),
            (
                "城乡居民人均可支配收入增长6%，力争更好结果。",
                vec!["县统计局"],
                vec!["李娟"]
            ),
        ]
    );
    // A short task with cells of its own under a text without a full stop: a task.
    let d = read("repair-continuation-tail-row-not-here.md");
    let texts: Vec<&str> = d.tasks.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "完成县域营商环境评价工作",
            "见附件。",
            "空气质量优良天数比例保持在90%以上。"
        ]
    );
}

#[test]
fn a_reporting_rule_drawn_into_the_tables_last_row_is_the_notices() {
    for name in [
        "repair-closing-row-fires.md",
        "repair-closing-row-not-here.md",
    ] {
        let d = read(name);
        assert_eq!(d.tasks.len(), 2, "{name}");
        let rules: Vec<(Option<u32>, Option<u32>, &str)> = d
            .notice
            .reporting
            .iter()
            .map(|r| (r.month_of_quarter, r.day, r.to.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(rules, [(Some(3), Some(25), "县政府督查室")], "{name}");
    }
}
