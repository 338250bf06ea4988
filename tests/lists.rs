//! List notices: the same notice as a list and as a table reads the same, and each list shape
//! reads to the values its fixture states.

use proptest::prelude::*;
use serde_json::Value;

use crate::util;

fn read(name: &str) -> fengong::Dataset {
    let bytes = std::fs::read(util::root().join("fixtures").join(name)).expect("fixture");
    fengong::extract(&bytes).expect("reads")
}

/// `v` without what depends on how the notice was laid out: locations, raw text as written,
/// the table bookkeeping, diagnostics, the source.
fn content(mut v: Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                for key in [
                    "span",
                    "line",
                    "source",
                    "tables",
                    "diagnostics",
                    "number_as_written",
                    "text_raw",
                    "title_raw",
                    "lead_raw",
                    "responsible_raw",
                    "leaders_raw",
                    "deadline_raw",
                ] {
                    map.remove(key);
                }
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v);
    v
}

#[test]
fn a_list_notice_and_the_same_notice_as_a_table_read_the_same() {
    let list = read("list-whole-notice-inline.md");
    let table = read("list-whole-notice-as-a-table.md");
    assert_eq!(list.tasks.len(), 26);
    let (l, t) = (
        content(serde_json::to_value(&list).unwrap()),
        content(serde_json::to_value(&table).unwrap()),
    );
    // What is compared is the content itself.
    assert_eq!(l["tasks"][5]["lead_mentions"][0]["note"], "县就业局");
    assert_eq!(l["tasks"][0]["targets"][0]["indicator"], "地区生产总值");
    assert_eq!(l["notice"]["reporting"][0]["day"], 25);
    for key in ["notice", "sections", "tasks", "units"] {
        if l[key] != t[key] {
            let (a, b) = (l[key].as_array(), t[key].as_array());
            if let (Some(a), Some(b)) = (a, b) {
                for (i, (x, y)) in a.iter().zip(b).enumerate() {
                    assert_eq!(x, y, "{key}[{i}] differs");
                }
            }
            assert_eq!(l[key], t[key], "{key} differs");
        }
    }
}

/// Each task's number as written, lead and responsible units.
fn units_of(d: &fengong::Dataset) -> Vec<(Option<&str>, Vec<&str>, Vec<&str>)> {
    d.tasks
        .iter()
        .map(|t| {
            (
                t.number_as_written.as_deref(),
                t.lead.iter().map(|n| n.as_str()).collect(),
                t.responsible.iter().map(|n| n.as_str()).collect(),
            )
        })
        .collect()
}

#[test]
fn units_inline_in_any_bracket_with_notes_inside() {
    let d = read("list-inline-brackets-and-notes.md");
    assert_eq!(
        units_of(&d),
        [
            (
                Some("(一)"),
                vec!["县发改局"],
                vec!["各乡镇人民政府", "嘉鱼经济开发区"]
            ),
            (
                Some("(二)"),
                vec!["县经信局"],
                vec!["各乡镇人民政府", "嘉鱼经济开发区"]
            ),
            (Some("(三)"), vec!["县商务局"], vec!["县市场监管局"]),
            (Some("(一)"), vec!["县文旅局"], vec!["县住建局"]),
        ]
    );
    // The note in the lead's parentheses, and a bracket without labels kept in the text.
    assert_eq!(d.tasks[0].lead_mentions[0].note.as_deref(), Some("粮食局"));
    assert_eq!(d.tasks[3].text, "建成“三馆一中心”（图书馆、文化馆）。");
    // Numbers restart in the second section: seq is the running order.
    let seqs: Vec<u32> = d.tasks.iter().map(|t| t.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4]);
}

#[test]
fn labelled_lines_leaders_deadlines_and_a_lead_in_the_heading() {
    let d = read("list-labelled-lines-restarting-numbers.md");
    assert_eq!(
        units_of(&d),
        [
            (
                Some("1."),
                vec!["区发改局"],
                vec!["区统计局", "各街道办事处"]
            ),
            (
                Some("2."),
                vec!["区发改局"],
                vec!["区住建局", "区自然资源和规划局"]
            ),
            (Some("1."), vec!["区城投集团"], vec!["区住建局"]),
            (
                Some("2."),
                vec!["区城投集团"],
                vec!["区交通运输局", "区城管局"]
            ),
            // No units of its own: the heading's lead.
            (Some("3."), vec!["区城投集团"], vec![]),
            (Some("1."), vec!["区人社局"], vec!["各街道办事处"]),
            // Only a 责任单位 line: no lead.
            (Some("2."), vec![], vec!["各街道办事处"]),
        ]
    );
    assert_eq!(d.tasks[0].leaders, ["刘建国"]);
    assert_eq!(d.tasks[5].leaders, ["王敏"]);
    assert_eq!(d.tasks[3].deadline.as_deref(), Some("2026年10月底前"));
    let from_heading = d
        .diagnostics
        .iter()
        .filter(|x| x.code == fengong::Code::LeadFromHeading)
        .count();
    assert_eq!(from_heading, 3);
    assert_eq!(d.sections.len(), 3);
}

#[test]
fn the_notices_own_requirements_are_no_sections_and_sub_headings_group_tasks() {
    let d = read("list-requirements-and-sub-headings.md");
    let sections: Vec<(&str, Vec<&str>)> = d
        .sections
        .iter()
        .map(|s| {
            (
                s.title.as_str(),
                s.subsections.iter().map(|x| x.title.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        sections,
        [
            ("做强特色产业", vec!["发展现代农业", "壮大工业经济"]),
            ("增进民生福祉", vec!["稳定就业"]),
        ]
    );
    assert_eq!(d.notice.requirements.len(), 3);
    assert_eq!(d.tasks[2].subsection_title.as_deref(), Some("壮大工业经济"));
    assert_eq!(
        units_of(&d)[3],
        (Some("4、"), vec!["县人社局"], vec!["各乡镇人民政府"])
    );
}

#[test]
fn web_page_text_with_a_page_header_spliced_in() {
    let d = read("list-web-page-text.md");
    assert_eq!(
        units_of(&d),
        [
            (
                Some("1."),
                vec!["市发改委"],
                vec!["市统计局", "各县区人民政府"]
            ),
            (Some("2."), vec!["市商务局"], vec!["各县区人民政府"]),
            (Some("3."), vec!["市人社局"], vec!["各县区人民政府"]),
            (
                Some("4."),
                vec!["市教育局"],
                vec!["市住建局", "各县区人民政府"]
            ),
        ]
    );
    // The spliced page header is no part of a task: dropped, and said so.
    assert_eq!(d.tasks[1].text, "社会消费品零售总额增长7%。");
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.code == fengong::Code::UnclassifiedRow && x.message.contains("首页"))
    );
}

/// The list notices among the fixtures (`list-*.md`, less the one written as a table).
fn list_fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(util::root().join("fixtures"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("list-") && n.ends_with(".md") && !n.contains("as-a-table"))
        .collect();
    names.sort();
    names
}

/// Every line that starts like a list item, a heading or a labelled line, from the list's
/// first heading to the end, is a task, a section or sub-category, inside a task, one of the
/// notice's requirements, or a diagnostic: an item with no units too.
#[test]
fn every_list_line_is_accounted_for() {
    let names = list_fixtures();
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        let text = std::fs::read_to_string(util::root().join("fixtures").join(&name)).unwrap();
        let d = read(&name);
        let first = d
            .sections
            .iter()
            .map(|s| s.line)
            .chain(d.tasks.iter().map(|t| t.line))
            .min()
            .unwrap_or(1);
        let mut seen: Vec<(usize, usize)> = d.tasks.iter().map(|t| (t.line, t.line)).collect();
        let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
        seen.extend(
            d.tasks
                .iter()
                .map(|t| (line_of(t.span.start), line_of(t.span.end))),
        );
        for s in &d.sections {
            seen.push((s.line, s.line));
            seen.extend(s.subsections.iter().map(|x| (x.line, x.line)));
        }
        seen.extend(
            d.notice
                .requirements
                .iter()
                .map(|r| (line_of(r.span.start), line_of(r.span.end))),
        );
        seen.extend(d.diagnostics.iter().map(|x| (x.line, x.line)));
        let last = d
            .tasks
            .iter()
            .map(|t| line_of(t.span.end))
            .max()
            .unwrap_or(0);
        // After the last task, the numbered items (`6.`, `（三）`): the closing lines (the
        // date, `2025年3月1日`) are the notice's.
        let numbered = |l: &str| {
            let inner = l.trim_start_matches(['(', '（']);
            let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let rest = &inner[digits..];
            // `1.5万吨` is a number, not an item.
            let decimal =
                rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit());
            (1..=3).contains(&digits) && rest.starts_with(['.', '、', '．', ')', '）']) && !decimal
        };
        for (i, line) in text.lines().enumerate().skip(first - 1) {
            let l = line.trim().trim_start_matches('\u{3000}');
            if i + 1 > last && !numbered(l) {
                continue;
            }
            let starts_like = l.starts_with(|c: char| c.is_ascii_digit())
                || l.starts_with(['(', '（'])
                || l.contains('：')
                || l.split('、').next().is_some_and(|h| {
                    !h.is_empty() && h.chars().all(|c| "一二三四五六七八九十".contains(c))
                });
            if starts_like && !l.is_empty() {
                let n = i + 1;
                assert!(
                    seen.iter().any(|&(a, b)| a <= n && n <= b),
                    "{name}:{n}: {l:?} is not accounted for"
                );
            }
        }
    }
}

/// A task's `seq`, `seq_inferred`, number as written, section and text.
type Numbered<'d> = (u32, bool, Option<&'d str>, Option<u32>, &'d str);

#[test]
fn a_tight_markdown_list_and_bullet_items_are_tasks() {
    // `1. …` lines without blank lines between them are one tight list to CommonMark; `- …`
    // lines are bullets, items without numbers.
    let d = read("list-tight-markdown-list.md");
    let got: Vec<Numbered> = d
        .tasks
        .iter()
        .map(|t| {
            (
                t.seq,
                t.seq_inferred,
                t.number_as_written.as_deref(),
                t.section,
                t.text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                1,
                false,
                Some("1."),
                Some(1),
                "规模以上工业增加值增长6.5%。"
            ),
            (
                2,
                false,
                Some("2."),
                Some(1),
                "新培育国家级专精特新“小巨人”企业2家。"
            ),
            // Emphasis inside the item is text.
            (
                3,
                false,
                Some("3."),
                Some(1),
                "数字经济核心产业增加值占地区生产总值比重达到8%。"
            ),
            (4, true, None, Some(2), "新增城镇就业3000人以上。"),
            (5, true, None, Some(2), "新建社区嵌入式托育点5个。"),
        ]
    );
    assert_eq!(d.tasks[4].responsible, ["区民政局"]);
    assert_eq!(d.tasks[4].line, 12);
    // The bullets' numbering is said once, at the first.
    let numbering: Vec<usize> = d
        .diagnostics
        .iter()
        .filter(|g| g.code == fengong::Code::ListNumbering)
        .map(|g| g.line)
        .collect();
    assert_eq!(numbering, [11]);
    assert!(d.notice.requirements.is_empty());
}

#[test]
fn items_a_pdf_wrapped_over_lines_are_joined_with_their_units() {
    // pymupdf4llm writes each line of a PDF page as a paragraph: a task's text and the bracket
    // of units after it run over several.
    let d = read("list-items-wrapped-over-pdf-lines.md");
    assert_eq!(
        units_of(&d),
        [
            (Some("1．"), vec!["县发改局"], vec!["县财政局", "县统计局"]),
            // The bracket on the line after the full stop.
            (Some("2．"), vec!["县商务局"], vec!["各乡镇人民政府"]),
            // A unit name cut by the wrap, inside role words.
            (Some("3．"), vec!["县住建局"], vec!["县自然资源局"]),
            // Text wrapped, then labelled lines.
            (Some("4．"), vec!["县工信局"], vec!["县经济开发区管委会"]),
        ]
    );
    let texts: Vec<&str> = d.tasks.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "全县地区生产总值增长6%左右，一般公共预算收入增长5%。",
            "社会消费品零售总额增长7%。",
            "实施重点项目80个以上，完成固定资产投资65亿元。",
            "规模以上工业增加值增长7%，新增规模以上工业企业10家。",
        ]
    );
    // Each task spans its lines; the signature after the last is no part of it.
    assert_eq!(
        d.tasks.iter().map(|t| t.line).collect::<Vec<_>>(),
        [13, 19, 23, 27]
    );
    assert_eq!(d.notice.issuer.as_deref(), Some("沅江县人民政府办公室"));
    assert!(
        d.diagnostics
            .iter()
            .all(|g| g.code.severity() != fengong::Severity::Warning)
    );
}

#[test]
fn page_numbers_a_pdf_kept_are_no_part_of_the_tasks() {
    let d = read("list-page-numbers-between-lines.md");
    let texts: Vec<&str> = d.tasks.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            // `— 2 —` stood between the two lines of the first task.
            "全县地区生产总值增长6%左右，一般公共预算收入增长5%。",
            "社会消费品零售总额增长7%。",
            "城镇新增就业1800人以上。",
        ]
    );
    assert_eq!(d.tasks[0].responsible, ["县财政局", "县统计局"]);
    // `- 3 -` is no bullet item, `第 4 页 共 4 页` no stray line.
    assert!(
        d.diagnostics
            .iter()
            .all(|g| !matches!(g.code.as_str(), "W002" | "W003"))
    );
}

/// Text saved from a web page, every line indented (four spaces, a tab, no-break spaces):
/// to CommonMark a code block, read as the notice's lines all the same.
#[test]
fn web_page_text_indented_is_read_as_its_lines() {
    let d = read("list-web-page-indented-text.md");
    assert_eq!(d.notice.doc_number.as_deref(), Some("东政办〔2025〕6号"));
    assert_eq!(
        d.notice.title.as_deref(),
        Some("东川区人民政府办公室关于印发2025年区政府工作报告重点任务分工方案的通知")
    );
    assert_eq!(d.notice.issuer.as_deref(), Some("东川区人民政府办公室"));
    assert_eq!(d.notice.issued_on.as_deref(), Some("2025-03-12"));
    let units: Vec<_> = d
        .tasks
        .iter()
        .map(|t| (t.lead.join("、"), t.responsible.join("、")))
        .collect();
    assert_eq!(
        units,
        [
            ("区发展改革局", "区统计局、各街道办事处"),
            ("区工信局", "区统计局"),
            ("区工信局", "区科技局、区市场监管局"),
            ("区工信局", "区通信发展管理办公室、各街道办事处"),
            ("区人力资源社会保障局", "各街道办事处"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(d.tasks[3].deadline.as_deref(), Some("2025年12月底前"));
    assert_eq!(
        d.tasks.iter().map(|t| t.subsection).collect::<Vec<_>>(),
        [None, None, Some(1), Some(1), Some(2)]
    );
    // Spans point at the text as written, past the indentation.
    let text =
        std::fs::read_to_string(util::root().join("fixtures/list-web-page-indented-text.md"))
            .unwrap();
    assert!(text[d.tasks[0].span.start..].starts_with("1.地区生产总值"));
}

/// Items with no units are tasks when they stand in the task list's numbering, first, in the
/// middle or last: each with `W003`. The requirements after the list are not.
#[test]
fn items_without_units_in_the_numbering_are_tasks_with_a_warning() {
    let d = read("list-items-without-units.md");
    let got: Vec<_> = d
        .tasks
        .iter()
        .map(|t| {
            (
                t.number_as_written.as_deref(),
                t.lead.is_empty() && t.responsible.is_empty(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some("1."), true),
            (Some("2."), false),
            (Some("3."), false),
            (Some("4."), true),
            (Some("5."), false),
            (Some("6."), true),
        ]
    );
    assert_eq!(d.tasks[5].text, "其他各项约束性指标完成市下达任务。");
    for seq in [1, 4, 6] {
        let task = &d.tasks[seq - 1];
        assert!(
            d.diagnostics
                .iter()
                .any(|x| x.code == fengong::Code::NothingToInherit && x.line == task.line),
            "task {seq} has no W003"
        );
    }
    assert_eq!(d.sections.len(), 1);
    // The requirements: their points a line each, up to the signature, which is the notice's.
    assert_eq!(d.notice.requirements.len(), 1);
    assert_eq!(
        d.notice.requirements[0].text.lines().collect::<Vec<_>>(),
        [
            "工作要求",
            "1.加强组织领导。各牵头单位要切实履行牵头职责，细化工作措施。",
            "2.强化督查考核。县政府督查室要加强跟踪督办，定期通报进展情况。",
        ]
    );
    assert_eq!(d.notice.issuer.as_deref(), Some("青川县人民政府办公室"));
}

/// `text` with every line indented by `indent`.
fn indented(text: &str, indent: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{indent}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every list fixture, each indented by two, four and eight spaces and by a tab, reads as it
/// does unindented (the property below draws from them; this takes each).
#[test]
fn every_list_notice_indented_reads_as_unindented() {
    for name in list_fixtures() {
        let text = std::fs::read_to_string(util::root().join("fixtures").join(&name)).unwrap();
        let plain =
            content(serde_json::to_value(fengong::extract(text.as_bytes()).unwrap()).unwrap());
        for indent in ["  ", "    ", "        ", "\t"] {
            let moved = fengong::extract(indented(&text, indent).as_bytes())
                .unwrap_or_else(|e| panic!("{name} indented by {indent:?}: {e}"));
            let moved = content(serde_json::to_value(&moved).unwrap());
            for key in ["notice", "sections", "tasks", "units"] {
                assert_eq!(
                    plain[key], moved[key],
                    "{name} indented by {indent:?}: {key} differs"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any list fixture indented by two to eight spaces or a tab reads as it does unindented:
    /// indentation is layout (a web page's), not structure.
    #[test]
    fn a_list_notice_indented_reads_as_unindented(which in 0..64usize, width in 2..=9usize) {
        let indent = if width == 9 { "\t".to_owned() } else { " ".repeat(width) };
        let names = list_fixtures();
        let name = &names[which % names.len()];
        let text = std::fs::read_to_string(util::root().join("fixtures").join(name)).unwrap();
        let plain = fengong::extract(text.as_bytes()).expect("reads");
        let moved = fengong::extract(indented(&text, &indent).as_bytes());
        let moved = moved.unwrap_or_else(|e| panic!("{name} indented by {indent:?}: {e}"));
        prop_assert!(!plain.tasks.is_empty());
        let (a, b) = (
            content(serde_json::to_value(&plain).unwrap()),
            content(serde_json::to_value(&moved).unwrap()),
        );
        for key in ["notice", "sections", "tasks", "units"] {
            prop_assert_eq!(&a[key], &b[key], "{} indented by {:?}: {} differs", name, indent, key);
        }
    }
}

/// A task written over several paragraphs, its units in a bracket after the last: one task,
/// its paragraphs joined (the generated corpus's lists do this; so do real notices).
#[test]
fn a_task_of_several_paragraphs_takes_the_units_after_its_last() {
    let d = read("list-task-of-several-paragraphs.md");
    let got: Vec<_> = d
        .tasks
        .iter()
        .map(|t| (t.text.as_str(), t.lead.join("、"), t.responsible.join("、")))
        .collect();
    assert_eq!(
        got,
        [
            (
                "新培育国家级专精特新“小巨人”企业2家、省级专精特新中小企业15家。抓紧抓实设备更新和技改政策落地，实施技改项目10个。",
                "县工信局".to_owned(),
                "县发改局、县财政局".to_owned()
            ),
            (
                "落实河湖长制，主要河流出境断面水质保持在Ⅲ类以上。",
                "县水务局".to_owned(),
                "各乡镇人民政府".to_owned()
            ),
            (
                "加强城乡生活垃圾分类。城区生活垃圾无害化处理率达到100%。全年完成国土绿化2万亩。",
                "县林草局".to_owned(),
                "县住建局、各乡镇人民政府".to_owned()
            ),
            // No bracket after it before the list ends: a task without units, warned.
            ("持续优化营商环境。", String::new(), String::new()),
        ]
    );
}

/// Tasks numbered `一、` with their units in a bracket: the level whose items name units is
/// the task level, whatever its marker; no section stands over them, and none is missed.
#[test]
fn tasks_numbered_as_headings_are_tasks() {
    let d = read("list-tasks-numbered-as-headings.md");
    assert!(d.sections.is_empty());
    let got: Vec<_> = d
        .tasks
        .iter()
        .map(|t| {
            (
                t.number_as_written.as_deref(),
                t.lead.join("、"),
                t.responsible.join("、"),
            )
        })
        .collect();
    let want = [
        ("一、", "县商务局", "县工信局"),
        ("二、", "县生态环境局", "县林草局"),
        ("三、", "县农业农村局", "各乡镇人民政府"),
        ("四、", "县人社局", "各乡镇人民政府"),
    ];
    assert_eq!(
        got,
        want.map(|(n, l, r)| (Some(n), l.to_owned(), r.to_owned()))
    );
    assert_eq!(d.tasks[0].text, "社会消费品零售总额增长5.5%左右。");
    // Nothing to say about sections: the notice has none.
    assert!(!d.diagnostics.iter().any(|x| x.code.as_str() == "W006"));
    assert_eq!(d.notice.issuer.as_deref(), Some("永宁县人民政府办公室"));
}

/// Each task's leaders, lead, responsible units (joined with `、`) and deadline.
fn people_units_deadline(d: &fengong::Dataset) -> Vec<(String, String, String, String)> {
    d.tasks
        .iter()
        .map(|t| {
            (
                t.leaders.join("、"),
                t.lead.join("、"),
                t.responsible.join("、"),
                t.deadline.clone().unwrap_or_default(),
            )
        })
        .collect()
}

/// Labels read by their structure (`data/label_words.tsv`): a role word, `责任`, then what the
/// values are (`单位`, `部门`, `领导`, `时间`); one whose role word is unknown is read as its
/// kind's best role, and each is said once (`I024`), never ignored.
#[test]
fn labels_are_read_by_their_structure() {
    let d = read("list-labels-by-their-structure.md");
    let got = people_units_deadline(&d);
    let want = [
        ("王建国", "县发改局", "县统计局、县财政局", "2026年12月底前"),
        ("李明", "县商务局", "县政府督查室、各乡镇人民政府", ""),
    ];
    assert_eq!(
        got,
        want.map(|(a, b, c, d)| (a.to_owned(), b.to_owned(), c.to_owned(), d.to_owned()))
    );
    let said: Vec<&str> = d
        .diagnostics
        .iter()
        .filter(|x| x.code.as_str() == "I024")
        .map(|x| x.message.as_str())
        .collect();
    assert_eq!(said.len(), 4, "{said:?}");
    assert!(
        said.iter()
            .any(|m| m.contains("督办单位") && m.contains("names no known role"))
    );
}

/// A table notice whose converter wrote every cell as a paragraph or a line is refused, though
/// its cells read like a list (`1．…` text cells, `牵头单位：…` unit cells): its header as
/// paragraphs (mammoth), as one line of names (a PDF's text), or, with no header, its number
/// column a line each right above the numbered text. A list notice with a page's number bare
/// above one item is still a list.
#[test]
fn a_table_written_as_paragraphs_is_never_read_as_a_list() {
    for (name, line) in [
        ("error-table-as-paragraphs-cells-like-list-items.md", 13),
        ("error-table-as-lines-cells-like-list-items.md", 7),
        ("error-table-as-lines-number-column-without-header.md", 8),
    ] {
        let bytes = std::fs::read(util::root().join("fixtures").join(name)).expect("fixture");
        let e = fengong::extract(&bytes).expect_err(name);
        assert!(
            matches!(e.kind(), fengong::ErrorKind::TableAsParagraphs { line: l } if *l == line),
            "{name}: {e}"
        );
    }
    let d = read("list-bare-page-number-above-an-item.md");
    assert_eq!(
        units_of(&d),
        [
            (Some("1．"), vec!["县发改委"], vec!["县统计局"]),
            (Some("2．"), vec!["县财政局"], vec!["县税务局"]),
            (Some("3．"), vec!["县商务局"], vec!["各乡镇人民政府"]),
            (Some("4．"), vec!["县人社局"], vec!["各乡镇人民政府"]),
        ]
    );
    // The page's number is no task, and not lost without a word.
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.code == fengong::Code::UnclassifiedRow && x.line == 9)
    );
}

/// Items under headings that name their lead in ASCII brackets (`一、县示范区管委会牵头工作(3项)`),
/// none with units of its own and no space after the number (`1.投资…`), are the tasks, each led
/// by its heading's unit (`I017`); the numbered attachment list right above the first heading
/// (`附件：1.…` / `2.…`) is the notice's attachments, not a task.
#[test]
fn a_lead_in_the_heading_gives_the_items_under_it_as_tasks() {
    let d = read("list-lead-in-heading-ascii-brackets.md");
    let got: Vec<_> = d
        .tasks
        .iter()
        .map(|t| {
            (
                t.number_as_written.as_deref(),
                t.section,
                t.lead.join("、"),
                t.responsible.is_empty(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some("1."), Some(1), "县示范区管委会".to_owned(), true),
            (Some("2."), Some(1), "县示范区管委会".to_owned(), true),
            (Some("3."), Some(1), "县示范区管委会".to_owned(), true),
            (Some("1."), Some(2), "县发改委".to_owned(), true),
            (Some("2."), Some(2), "县发改委".to_owned(), true),
        ]
    );
    assert_eq!(
        d.tasks[0].text,
        "投资50亿元建设新材料产业园，年内完成一期工程。"
    );
    // The lead's mention points at the heading that names it.
    assert_eq!(d.tasks[0].lead_mentions[0].line, 16);
    let sections: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        sections,
        ["县示范区管委会牵头工作(3项)", "县发改委牵头工作(2项)"]
    );
    assert_eq!(
        d.notice.attachments,
        ["县示范区管委会牵头工作任务", "县发改委牵头工作任务"]
    );
    assert_eq!(d.notice.table_title, None);
    assert_eq!(d.notice.doc_number.as_deref(), Some("桐政办〔2025〕9号"));
    assert_eq!(d.notice.issuer.as_deref(), Some("桐柏县人民政府办公室"));
    assert_eq!(d.notice.issued_on.as_deref(), Some("2025-03-14"));
    assert!(
        d.diagnostics
            .iter()
            .all(|x| x.code.severity() != fengong::Severity::Warning)
    );
}

/// Where no heading names a lead (`二、各牵头单位要强化统筹协调` names none) or one names a lead but
/// not its tasks (`三、区政府督查室牵头抓好督查`: no count, no 工作 after 牵头), the items under it
/// are the notice's requirements, and the numbered points before the list's first heading are
/// the notice's text: none is a task.
#[test]
fn items_under_a_heading_that_names_no_lead_are_no_tasks() {
    let d = read("list-headings-naming-no-lead.md");
    assert_eq!(
        units_of(&d),
        [
            (Some("1."), vec!["区发改委"], vec!["区统计局"]),
            // In the numbering of the task above: a task, with no units (W003).
            (Some("2."), vec![], vec![]),
        ]
    );
    assert_eq!(d.sections.len(), 1);
    let requirements: Vec<&str> = d
        .notice
        .requirements
        .iter()
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(
        requirements,
        ["各牵头单位要强化统筹协调", "区政府督查室牵头抓好督查"]
    );
    assert!(!d.diagnostics.iter().any(|x| x.code.as_str() == "I017"));
}

/// A labelled line wrapped onto the next (`配合单位：…县市场监管局、` / `东和店镇人民政府`) keeps
/// its last unit and the labels after it (`完成时限：…`): the rest is read into its value where
/// the value stops at a separator, where a name was cut (`县金融服务中` / `心`), or where more
/// labels follow; each unit's mention points at its name on either line.
#[test]
fn a_labelled_line_wrapped_onto_the_next_keeps_its_units_and_the_labels_after() {
    let d = read("list-labelled-lines-wrapped.md");
    let got = people_units_deadline(&d);
    let want = [
        (
            "张卫东、刘海涛",
            "县交通运输局",
            "县住建局、县自然资源局、县市场监管局、东和店镇人民政府",
            "2027年12月底前",
        ),
        (
            "",
            "县住建局",
            "县城管局、县水利局、县财政局、各乡镇人民政府",
            "2027年10月底前",
        ),
        (
            "",
            "县市场监管局",
            "县政务服务中心、县税务局、县公共资源交易中心、县人社局、县金融服务中心",
            "",
        ),
    ];
    assert_eq!(
        got,
        want.map(|(a, b, c, d)| (a.to_owned(), b.to_owned(), c.to_owned(), d.to_owned()))
    );
    let mention = &d.tasks[0].responsible_mentions[3];
    assert_eq!(
        (mention.name.as_str(), mention.line),
        ("东和店镇人民政府", 10)
    );
    // The signature after the last task's wrapped list is the notice's.
    assert_eq!(d.notice.issuer.as_deref(), Some("平舆县人民政府办公室"));
    assert_eq!(d.notice.issued_on.as_deref(), Some("2027-02-26"));
    assert!(
        d.diagnostics
            .iter()
            .all(|x| x.code.severity() != fengong::Severity::Warning),
        "{:?}",
        d.diagnostics
    );
}

/// Text under a labelled line whose value is whole is no wrap: a note (`此项纳入年度目标考核`,
/// `（按季度通报进展情况）`) is reported, not read as a unit, and the signature under the last
/// task is the notice's issuer.
#[test]
fn text_under_a_whole_labelled_line_is_not_read_into_it() {
    let d = read("list-labelled-lines-then-text-not-wrapped.md");
    assert_eq!(
        units_of(&d),
        [
            (
                Some("1."),
                vec!["县发改委"],
                vec!["县统计局", "各乡镇人民政府"]
            ),
            (Some("2."), vec!["县财政局"], vec!["县税务局"]),
            (Some("3."), vec!["县人社局"], vec!["各乡镇人民政府"]),
        ]
    );
    let dropped: Vec<usize> = d
        .diagnostics
        .iter()
        .filter(|x| x.code == fengong::Code::UnclassifiedRow)
        .map(|x| x.line)
        .collect();
    assert_eq!(dropped, [8, 13]);
    assert_eq!(d.notice.issuer.as_deref(), Some("确山县人民政府办公室"));
}

/// A web page's metadata block and portal lines are the page's, not the notice's: a column tag
/// before the title is no part of it (`【政策文件】…`), the portal line (`信息来源：…｜发布时间：…｜
/// 【字体：大 中 小】`) is nowhere, and the block's fields fill what the notice's own lines leave
/// empty (`文号` → number, `发布机构` → issuer, `成文日期` → date of issue), said once (`I025`). The
/// title is the page's first line, with no red head above it.
#[test]
fn a_web_pages_metadata_block_fills_the_notice_fields_and_is_no_part_of_them() {
    let d = read("list-web-page-metadata-block.md");
    let n = &d.notice;
    assert_eq!(
        n.title.as_deref(),
        Some("宛城区人民政府办公室关于印发2024年区政府工作报告重点任务分工方案的通知")
    );
    assert_eq!(n.doc_number.as_deref(), Some("宛区政办〔2024〕3号"));
    assert_eq!(n.issuer.as_deref(), Some("宛城区人民政府办公室"));
    // 成文日期, not the page's 发布日期.
    assert_eq!(n.issued_on.as_deref(), Some("2024-03-15"));
    assert_eq!(n.year, Some(2024));
    assert_eq!(
        n.addressees,
        ["各街道办事处", "各乡镇人民政府", "区政府各部门"]
    );
    assert_eq!((n.line, n.table_title.as_deref()), (9, None));
    assert_eq!(
        units_of(&d),
        [
            (
                Some("1."),
                vec!["区发展改革委"],
                vec!["区统计局", "各街道办事处"]
            ),
            (Some("2."), vec!["区商务局"], vec!["各街道办事处"]),
            (Some("3."), vec!["区人社局"], vec!["各乡镇人民政府"]),
        ]
    );
    let said: Vec<(usize, &str)> = d
        .diagnostics
        .iter()
        .filter(|x| x.code.as_str() == "I025")
        .map(|x| (x.line, x.message.as_str()))
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(said[0].0, 9);
    assert!(
        said[0].1.contains("document number from 文号"),
        "{}",
        said[0].1
    );
    // Nothing missing is left to say.
    assert!(!d.diagnostics.iter().any(|x| x.code.as_str() == "I005"));

    // Labels with ASCII colons or none (`发布机构 郾城区人民政府办公室 文号 郾区政办〔2023〕1号`),
    // the title only in the block (`名称:…`), ISO dates.
    let d = read("list-web-page-metadata-without-colons.md");
    let n = &d.notice;
    assert_eq!(
        n.title.as_deref(),
        Some("郾城区人民政府办公室关于印发2023年区政府工作报告重点任务分工方案的通知")
    );
    assert_eq!(n.doc_number.as_deref(), Some("郾区政办〔2023〕1号"));
    assert_eq!(n.issuer.as_deref(), Some("郾城区人民政府办公室"));
    assert_eq!(n.issued_on.as_deref(), Some("2023-02-20"));
    assert_eq!(
        n.addressees,
        ["各乡镇人民政府", "街道办事处", "区政府各部门"]
    );
    assert_eq!(d.tasks.len(), 2);
    assert_eq!(d.tasks[1].responsible, ["区市场监管局"]);

    // With no 成文日期 and no signature, the page's 发布日期 is the date of issue, said so.
    let text = std::fs::read_to_string(
        util::root().join("fixtures/list-web-page-metadata-without-colons.md"),
    )
    .unwrap()
    .replace("成文日期 2023-02-20 ", "");
    let d = fengong::extract(text.as_bytes()).unwrap();
    assert_eq!(d.notice.issued_on.as_deref(), Some("2023-02-24"));
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.code.as_str() == "I025"
                && x.message.contains("the day the page was published"))
    );
}

/// Where the notice's own lines give its fields (red head, title, signature), they stand: the
/// page's shorter `标题` and its `发布日期` fill nothing, and a sentence of the body that begins
/// with a label's word (`名称变更的单位…`) is the notice's text.
#[test]
fn the_notices_own_front_matter_wins_over_the_pages() {
    let d = read("list-web-page-own-front-matter-wins.md");
    let n = &d.notice;
    assert_eq!(n.doc_number.as_deref(), Some("漯政办〔2025〕5号"));
    assert_eq!(
        n.title.as_deref(),
        Some("漯河市人民政府办公室关于印发2025年市政府工作报告重点任务分工方案的通知")
    );
    assert_eq!(n.issuer.as_deref(), Some("漯河市人民政府办公室"));
    assert_eq!(n.issued_on.as_deref(), Some("2025-03-18"));
    assert_eq!(n.line, 7);
    assert_eq!(n.addressees, ["各县区人民政府", "市政府各部门"]);
    assert_eq!(d.tasks.len(), 2);
    assert!(!d.diagnostics.iter().any(|x| x.code.as_str() == "I025"));
}

/// PyMuPDF 2's layout mode: numbered items written as bullets (`- 1.…`), and the next line
/// run on after an item's bracket of units with a space (a heading, the closing text). The
/// number is the item's; the bracket ends it; what follows is a line of its own.
#[test]
fn numbered_bullets_and_lines_run_on_after_the_units() {
    let d = read("list-numbered-bullets-with-lines-run-on-after-units.md");
    let sections: Vec<(u32, &str)> = d
        .sections
        .iter()
        .map(|s| (s.number, s.title.as_str()))
        .collect();
    assert_eq!(sections, [(1, "主要预期目标"), (2, "推动产业转型升级")]);
    type Read<'d> = (u32, Option<u32>, &'d str, Vec<&'d str>, Vec<&'d str>);
    let tasks: Vec<Read<'_>> = d
        .tasks
        .iter()
        .map(|t| {
            (
                t.seq,
                t.section,
                t.text.as_str(),
                t.lead.iter().map(|n| n.as_str()).collect(),
                t.responsible.iter().map(|n| n.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        tasks,
        [
            (
                1,
                Some(1),
                "地区生产总值增长6%左右。",
                vec!["县发改局"],
                vec!["县统计局"]
            ),
            (
                2,
                Some(2),
                "新培育国家级专精特新“小巨人”企业5家。",
                vec!["县科技局"],
                vec!["县工信局"]
            ),
            (
                3,
                Some(2),
                "全年完成国土绿化2万亩。",
                vec!["县林草局"],
                vec!["各乡镇人民政府"]
            ),
        ]
    );
    assert!(d.tasks.iter().all(|t| !t.seq_inferred));
    assert_eq!(d.notice.reporting.len(), 1, "{:?}", d.notice.reporting);

    // A bracket of notes (not labels) followed by a space is part of the task's text.
    let d = read("list-brackets-of-notes-followed-by-text.md");
    let texts: Vec<&str> = d.tasks.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "社会消费品零售总额增长5%（含网络零售）力争更好结果。",
            "城镇新增就业3000人（其中高校毕业生1200人），城镇调查失业率控制在5.5%以内。"
        ]
    );
    assert_eq!(d.tasks[0].responsible, ["县统计局"]);
}

/// markitdown on a PDF cut an item's lines into a table where they looked like columns
/// (`| 2．实施… | 家。新培育国家 | |`): in a list notice, its rows are the item's lines (`W019`
/// on it); a table that begins with no item stays a skipped table (`I003`).
#[test]
fn an_item_cut_into_a_table_is_read_as_its_lines() {
    let d = read("list-item-cut-into-a-table.md");
    assert_eq!(d.tasks.len(), 2);
    assert_eq!(
        d.tasks[1].text,
        "实施科技型企业培育工程，高新技术企业达到56家。新培育国家级专精特新“小巨人”企业7家、\
         省级专精特新中小企业72家。推进经济开发区新材料产业园二期建设，年内建成标准化厂房1万平方米。\
         切实提升群众获得感、幸福感、安全感。"
    );
    assert_eq!(d.tasks[1].lead, ["县科技局"]);
    let codes: Vec<&str> = d.diagnostics.iter().map(|x| x.code.as_str()).collect();
    assert!(
        codes.contains(&"W019") && !codes.contains(&"I003"),
        "{codes:?}"
    );

    let d = read("list-with-a-table-of-figures.md");
    assert_eq!(d.tasks.len(), 2);
    let codes: Vec<&str> = d.diagnostics.iter().map(|x| x.code.as_str()).collect();
    assert!(
        codes.contains(&"I003") && !codes.contains(&"W019"),
        "{codes:?}"
    );
}

/// A task's lead, responsible units, deadline and its `extra` as (column, text).
type WithNotes<'d> = (
    Vec<&'d str>,
    Vec<&'d str>,
    Option<&'d str>,
    Vec<(&'d str, &'d str)>,
);

#[test]
fn a_note_among_a_tasks_labelled_lines_is_kept_and_the_labels_after_it_are_the_tasks() {
    let d = read("list-note-between-labelled-lines.md");
    let got: Vec<WithNotes> = d
        .tasks
        .iter()
        .map(|t| {
            (
                t.lead.iter().map(|n| n.as_str()).collect(),
                t.responsible.iter().map(|n| n.as_str()).collect(),
                t.deadline.as_deref(),
                t.extra
                    .iter()
                    .map(|e| (e.column.as_str(), e.text.as_str()))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                vec!["县农业农村局"],
                vec!["县财政局", "县自然资源局"],
                Some("2027年11月底前"),
                vec![("", "（县农业综合行政执法大队具体负责）")],
            ),
            (
                vec!["县农业农村局"],
                vec!["县卫健委", "各乡镇人民政府"],
                Some("2027年10月底前"),
                vec![("注", "已完成改造的村不再重复安排。")],
            ),
            (vec!["县人社局"], vec!["县教育局", "县商务局"], None, vec![]),
        ]
    );
    let said = |code: fengong::Code| -> Vec<usize> {
        d.diagnostics
            .iter()
            .filter(|x| x.code == code)
            .map(|x| x.line)
            .collect()
    };
    assert_eq!(said(fengong::Code::ListNote), [9, 16]);
    // The note under the last task, after its last labelled line, is said, not dropped.
    assert_eq!(said(fengong::Code::TextAfterTasks), [24]);
    assert!(said(fengong::Code::UnclassifiedRow).is_empty());
}

#[test]
fn a_sentence_among_labelled_lines_is_neither_a_note_nor_a_wrapped_label() {
    let d = read("list-unnumbered-line-among-labels-is-no-note.md");
    let first = &d.tasks[0];
    // Not the rest of the deadline above it, and its labels are not the task's.
    assert_eq!(first.deadline.as_deref(), Some("2027年12月底前"));
    assert_eq!(first.lead, ["县发展改革委"]);
    assert!(first.extra.is_empty());
    let dropped: Vec<usize> = d
        .diagnostics
        .iter()
        .filter(|x| x.code == fengong::Code::UnclassifiedRow)
        .map(|x| x.line)
        .collect();
    assert_eq!(dropped, [9, 10, 11]);
    assert_eq!(d.tasks.len(), 2);
}
