use proptest::prelude::*;

use crate::util;

/// The dataset of `input` as `write_json` writes it, compact.
fn written(input: &[u8]) -> String {
    let mut out = Vec::new();
    fengong::write_json(fengong::Rules::builtin(), None, input, &mut out, false).unwrap();
    String::from_utf8(out).unwrap()
}

/// The same, pretty.
fn written_pretty(input: &[u8]) -> String {
    let mut out = Vec::new();
    fengong::write_json(fengong::Rules::builtin(), None, input, &mut out, true).unwrap();
    String::from_utf8(out).unwrap()
}

/// A task-division notice as a generator writes it: front matter, then one table whose
/// pages repeat their header, with section rows, sub-category rows, task rows whose texts hold
/// targets, unit cells with separators, notes, aliases, wrapped names and merged (empty)
/// cells. `tasks` is how many task rows it has.
#[derive(Clone, Debug)]
struct Generated {
    text: String,
    tasks: usize,
}

fn cell_text() -> impl Strategy<Value = String> {
    let clause = prop::sample::select(vec![
        "地区生产总值增长5%左右",
        "一产增加值增长 5.5%左右",
        "粮食总产量保持在14万吨以上",
        "城镇登记失业率控制在3.5%以内",
        "新建高标准农田1万亩",
        "开工建设14个和美乡村",
        "居民人均可支配收入与经济保持同步增长",
        "扎实推进 污染防治攻坚",
        "加快推进总投资9.2亿元的源网荷储项目",
        "深化“放管服”改革",
        "全年接待游客不低于800万人次",
        "持续优化营商环境",
    ]);
    (prop::collection::vec(clause, 1..4), prop::bool::ANY).prop_map(|(cs, doubled)| {
        let mut t = cs.join("，");
        t.push_str(if doubled { "。。" } else { "。" });
        t
    })
}

fn unit_cell() -> impl Strategy<Value = String> {
    let unit = prop::sample::select(vec![
        "县发改局",
        "县人社局（县就业局）",
        "县财政局",
        "各镇人民政府",
        "县政府各部门",
        "县住房保障 服务中心",
        "县发改局(数据局)",
        "县农业农村局",
        "县统计局",
    ]);
    let sep = prop::sample::select(vec![" ", "、", "，", "；", "<br>", "  "]);
    (prop::collection::vec((unit, sep), 0..4)).prop_map(|us| {
        let mut out = String::new();
        for (i, (u, sep)) in us.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(u);
        }
        out
    })
}

/// One body row: a section, a sub-category, or a task (number, text, lead, responsible).
#[derive(Clone, Debug)]
enum Row {
    Section,
    Subsection,
    Task(String, String, String),
}

fn row() -> impl Strategy<Value = Row> {
    prop_oneof![
        1 => Just(Row::Section),
        1 => Just(Row::Subsection),
        6 => (cell_text(), unit_cell(), unit_cell()).prop_map(|(t, l, r)| Row::Task(t, l, r)),
    ]
}

const NUMERALS: [&str; 12] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
];

fn generated() -> impl Strategy<Value = Generated> {
    let headers = prop::sample::select(vec![
        ["序号", "目标任务", "牵头单位", "责任单位"],
        ["序 号", "重点工作任务", "牵头部门", "配合单位"],
        ["编号", "目标任务", "牵头责任单位", "协同责任单位"],
    ]);
    (
        headers,
        prop::collection::vec(row(), 1..40),
        2usize..15,
        prop::bool::ANY,
    )
        .prop_map(|(header, rows, page, crlf)| {
            let head = format!("| {} |\n|---|---|---|---|\n", header.join(" | "));
            let mut text = String::from(
                "互政办〔2026〕14号\n\n关于印发2026年重点工作任务分工方案的通知\n\n\
                 各乡镇人民政府，县政府各部门：\n\n现将方案印发给你们，请认真抓好落实。\n\n",
            );
            text.push_str(&head);
            let (mut sections, mut subsections, mut tasks) = (0, 0, 0);
            for (i, row) in rows.iter().enumerate() {
                if i > 0 && i % page == 0 {
                    // A new page: a blank line, and the header again.
                    text.push('\n');
                    text.push_str(&head);
                }
                match row {
                    Row::Section => {
                        let n = NUMERALS[sections % NUMERALS.len()];
                        sections += 1;
                        subsections = 0;
                        text.push_str(&format!("| {n}、聚焦重点工作 | | | |\n"));
                    }
                    Row::Subsection => {
                        let n = NUMERALS[subsections % NUMERALS.len()];
                        subsections += 1;
                        // In the task column (a row spanning all columns is issue 12).
                        text.push_str(&format!("| | （{n}）强化责任落实 | | |\n"));
                    }
                    Row::Task(t, l, r) => {
                        tasks += 1;
                        text.push_str(&format!("| {tasks} | {t} | {l} | {r} |\n"));
                    }
                }
            }
            text.push_str("\n抄送：县委办公室。\n\n互助县人民政府办公室 2026年2月12日印发\n");
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            Generated { text, tasks }
        })
}

/// One edit of the seed's lines.
#[derive(Clone, Debug)]
enum Edit {
    DropRow(usize),
    DuplicateRow(usize),
    EmptyCell(usize, usize),
    ShuffleCells(usize, usize),
    SplitTable(usize),
    JoinTables(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let n = 200usize;
    prop_oneof![
        (0..n).prop_map(Edit::DropRow),
        (0..n).prop_map(Edit::DuplicateRow),
        (0..n, 0..6usize).prop_map(|(r, c)| Edit::EmptyCell(r, c)),
        (0..n, 0..1000usize).prop_map(|(r, s)| Edit::ShuffleCells(r, s)),
        (0..n).prop_map(Edit::SplitTable),
        (0..n).prop_map(Edit::JoinTables),
    ]
}

fn is_body_row(lines: &[String], i: usize) -> bool {
    let t = lines[i].trim();
    // A body row: a pipe row after the delimiter row of its table.
    t.starts_with('|')
        && !util::is_delimiter_row(t)
        && i >= 2
        && lines[i - 1].trim().starts_with('|')
        && (1..i)
            .rev()
            .take_while(|&j| lines[j].trim().starts_with('|'))
            .any(|j| util::is_delimiter_row(lines[j].trim()))
}

/// Apply `edits` to the seed, keeping every table a table.
fn mutate(seed: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = seed.lines().map(str::to_owned).collect();
    let body = |lines: &[String]| -> Vec<usize> {
        (0..lines.len())
            .filter(|&i| is_body_row(lines, i))
            .collect()
    };
    for e in edits {
        let rows = body(&lines);
        if rows.is_empty() {
            break;
        }
        match *e {
            Edit::DropRow(r) => {
                lines.remove(rows[r % rows.len()]);
            }
            Edit::DuplicateRow(r) => {
                let i = rows[r % rows.len()];
                let copy = lines[i].clone();
                lines.insert(i, copy);
            }
            Edit::EmptyCell(r, c) | Edit::ShuffleCells(r, c) => {
                let i = rows[r % rows.len()];
                let inner = lines[i].trim().trim_matches('|').to_owned();
                let mut cells: Vec<String> = inner.split('|').map(str::to_owned).collect();
                if let Edit::EmptyCell(..) = e {
                    let k = c % cells.len();
                    cells[k] = " ".into();
                } else {
                    let k = c % cells.len();
                    cells.rotate_left(k);
                }
                lines[i] = format!("|{}|", cells.join("|"));
            }
            Edit::SplitTable(r) => {
                let i = rows[r % rows.len()];
                let width = lines[i].trim().trim_matches('|').split('|').count();
                let mut header = vec![" 序号 ", " 目标任务 "];
                header.extend(std::iter::repeat_n(" 责任单位 ", width.saturating_sub(2)));
                let header = format!("|{}|", header[..width.max(2)].join("|"));
                let delim = format!("|{}|", vec!["---"; width.max(2)].join("|"));
                lines.splice(i..i, [String::new(), header, delim]);
            }
            Edit::JoinTables(r) => {
                let i = rows[r % rows.len()];
                if let Some(gap) = (i..lines.len()).find(|&j| lines[j].trim().is_empty()) {
                    if lines
                        .get(gap + 1)
                        .is_some_and(|l| l.trim().starts_with('|'))
                    {
                        lines.remove(gap);
                    }
                }
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_strings(s in any::<String>()) {
        let _ = fengong::extract(s.as_bytes());
    }

    #[test]
    fn never_panics_on_arbitrary_bytes(b in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(d) = fengong::extract(&b) {
            util::assert_spans_inside(&d, &fengong::decoded_text(&b).unwrap());
        }
    }

    #[test]
    fn generated_notices_read_whole_deterministically_with_spans_inside(g in generated()) {
        let Generated { text, tasks } = g;
        // A table with task rows is a notice; one with none is an error.
        let first = fengong::extract(text.as_bytes());
        let second = fengong::extract(text.as_bytes());
        match (first, second) {
            (Ok(a), Ok(b)) => {
                let json = serde_json::to_string(&a).unwrap();
                prop_assert_eq!(&json, &serde_json::to_string(&b).unwrap());
                // Written task by task, the same bytes.
                prop_assert_eq!(written(text.as_bytes()), format!("{json}\n"));
                // Every task row is a task; nothing is lost.
                prop_assert_eq!(a.tasks.len(), tasks);
                let loaded: fengong::Dataset = serde_json::from_str(&json).unwrap();
                prop_assert_eq!(&loaded, &a);
                let decoded = text.replace("\r\n", "\n");
                util::assert_spans_inside(&a, &decoded);
                for t in &a.tasks {
                    for m in t.lead_mentions.iter().chain(&t.responsible_mentions) {
                        // A mention's span holds the text it was read from, or its whole cell.
                        prop_assert!(!decoded[m.span.range()].is_empty(), "{:?}", m);
                    }
                    for g in &t.targets {
                        prop_assert!(t.text.contains(&g.text));
                        // A byte range of the task's text, on character boundaries.
                        prop_assert!(t.text.get(g.span.start..g.span.end).is_some(), "{:?}", g);
                    }
                }
                crate::accounting::check("generated notice", decoded.as_bytes());
            }
            (Err(a), Err(b)) => {
                prop_assert_eq!(a.to_string(), b.to_string());
                prop_assert_eq!(tasks, 0, "{}", a);
            }
            _ => prop_assert!(false, "nondeterministic success"),
        }
    }

    #[test]
    fn normalising_a_unit_name_twice_changes_nothing(
        raw in "[县乡镇各局委办中心政府（）() 、a-c等部门]{0,24}"
    ) {
        let once = fengong::normalise_unit(&raw, fengong::Rules::builtin());
        let twice = fengong::normalise_unit(&once.name, fengong::Rules::builtin());
        prop_assert_eq!(&twice.name, &once.name);
        prop_assert_eq!(twice.note, None);
    }

    #[test]
    fn cleaning_text_twice_changes_nothing(raw in "[增长 5%左右。。，Ⅱ类IP a\n\u{3000}]{0,40}") {
        let once = fengong::clean_text(&raw);
        prop_assert_eq!(fengong::clean_text(&once), once.clone());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn seed_mutations_read_with_every_row_accounted_for(edits in prop::collection::vec(edit(), 1..8)) {
        let seed = String::from_utf8(util::seed()).unwrap();
        let text = mutate(&seed, &edits);
        if let Ok(d) = fengong::extract(text.as_bytes()) {
            util::assert_spans_inside(&d, &text);
            crate::accounting::check("mutated seed", text.as_bytes());
            let json = serde_json::to_string_pretty(&d).unwrap();
            prop_assert_eq!(written_pretty(text.as_bytes()), format!("{json}\n"));
        }
    }
}

/// The generated notices reach every stage: most give a dataset, and of those most have unit
/// mentions, targets, sub-categories and merged cells read. (A generator whose cases all fail
/// early would make the property above pass without testing anything.)
#[test]
fn generated_notices_reach_records_units_and_targets() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = generated();
    let cases = 200;
    let (mut read, mut mentions, mut targets, mut subsections, mut inherited) = (0, 0, 0, 0, 0);
    for _ in 0..cases {
        let g = strategy.new_tree(&mut runner).unwrap().current();
        let Ok(d) = fengong::extract(g.text.as_bytes()) else {
            continue;
        };
        read += 1;
        let tasks = &d.tasks;
        mentions += usize::from(tasks.iter().any(|t| !t.responsible_mentions.is_empty()));
        targets += usize::from(tasks.iter().any(|t| !t.targets.is_empty()));
        subsections += usize::from(tasks.iter().any(|t| t.subsection.is_some()));
        inherited += usize::from(tasks.iter().any(|t| t.responsible_inherited_from.is_some()));
    }
    let counts = (read, mentions, targets, subsections, inherited);
    assert!(read >= cases * 9 / 10, "{counts:?}");
    for n in [mentions, targets, subsections, inherited] {
        assert!(n >= read / 2, "{counts:?}");
    }
}

/// Generated notices damaged as files are: NUL bytes and characters cut short put in at
/// character boundaries, with CRLF line endings or LF. Each `W012` must point at a U+FFFD
/// of the text read, and every span lie inside it: the offsets are found before line
/// endings are made `\n` and NULs become U+FFFD, and must move with them.
#[test]
fn damaged_bytes_are_placed_at_their_replacement_in_the_text_read() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let damage = prop::collection::vec((0.0..1.0f64, any::<bool>()), 1..4);
    let strategy = (generated(), damage, any::<bool>());
    let cases = 100;
    let mut placed = 0;
    for _ in 0..cases {
        let (g, damage, crlf) = strategy.new_tree(&mut runner).unwrap().current();
        let text = g.text.replace("\r\n", "\n");
        let text = if crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        };
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let mut at: Vec<(usize, bool)> = damage
            .iter()
            .map(|&(f, nul)| (boundaries[(f * boundaries.len() as f64) as usize], nul))
            .collect();
        at.sort_unstable();
        let mut bytes = Vec::with_capacity(text.len() + 8);
        let mut from = 0;
        for (i, nul) in at {
            bytes.extend_from_slice(&text.as_bytes()[from..i]);
            // A NUL, or the first two bytes of 农.
            bytes.extend_from_slice(if nul { b"\0" } else { b"\xE5\x86" });
            from = i;
        }
        bytes.extend_from_slice(&text.as_bytes()[from..]);
        let Ok(d) = fengong::extract(&bytes) else {
            continue;
        };
        let read = fengong::decoded_text(&bytes).unwrap();
        if let Some(problem) = util::span_outside(&d, &read) {
            panic!("{problem}");
        }
        let damaged: Vec<usize> = d
            .diagnostics
            .iter()
            .filter(|x| x.code == fengong::Code::InvalidEncoding)
            .map(|x| x.span.start)
            .collect();
        for &i in &damaged {
            let after: String = read.get(i..).unwrap_or_default().chars().take(12).collect();
            assert!(
                after.starts_with('\u{FFFD}'),
                "W012 at {i}, before {after:?}"
            );
        }
        placed += usize::from(!damaged.is_empty());
    }
    assert!(
        placed >= cases * 9 / 10,
        "only {placed} of {cases} read and placed"
    );
}

/// A task table rendered as pandoc renders a grid table: columns as wide as their widest
/// cell (Chinese characters two columns wide), a lead cell merged down over the next rows by
/// leaving out the rule under it and the cell empty. With the leads each task should read.
fn grid_table() -> impl Strategy<Value = (String, Vec<String>)> {
    let leads = prop::sample::select(vec!["县发改局", "县财政局", "县农业农村局", "县自然资源局"]);
    let texts = prop::sample::select(vec![
        "地区生产总值增长5%左右。",
        "粮食产量稳定在8万吨以上。",
        "新建高标准农田1万亩。",
        "城镇新增就业1500人。",
    ]);
    prop::collection::vec((texts, leads, any::<bool>()), 1..10).prop_map(|rows| {
        use unicode_width::UnicodeWidthStr;
        let header = ["序号", "目标任务", "牵头单位", "责任单位"];
        let mut body: Vec<[String; 4]> = vec![[
            "一、主要目标".to_owned(),
            String::new(),
            String::new(),
            String::new(),
        ]];
        let mut want = Vec::new();
        let mut merged_down = Vec::new();
        let mut lead = String::new();
        for (i, (text, l, merge)) in rows.iter().enumerate() {
            // The first task has its own lead; a merged one shows none.
            let merge = *merge && i > 0;
            if !merge {
                lead = l.to_string();
            }
            want.push(lead.clone());
            merged_down.push(merge);
            body.push([
                (i + 1).to_string(),
                text.to_string(),
                if merge { String::new() } else { l.to_string() },
                "各乡镇人民政府".to_owned(),
            ]);
        }
        let widths: Vec<usize> = (0..4)
            .map(|c| {
                body.iter()
                    .map(|r| r[c].width())
                    .chain([header[c].width()])
                    .max()
                    .unwrap_or(1)
                    .max(4)
            })
            .collect();
        let total: usize = widths.iter().map(|w| w + 3).sum::<usize>() - 1;
        let rule = |fill: char, open_lead: bool| {
            let mut s = String::from("+");
            for (c, w) in widths.iter().enumerate() {
                let ch = if c == 2 && open_lead { ' ' } else { fill };
                s.extend(std::iter::repeat_n(ch, w + 2));
                s.push('+');
            }
            s.push('\n');
            s
        };
        let line = |cells: &[String]| {
            let mut s = String::from("|");
            for (c, w) in widths.iter().enumerate() {
                let t = &cells[c];
                s.push(' ');
                s.push_str(t);
                s.extend(std::iter::repeat_n(' ', w - t.width() + 1));
                s.push('|');
            }
            s.push('\n');
            s
        };
        let mut out = rule('-', false);
        out.push_str(&line(&header.map(str::to_owned)));
        out.push_str(&rule('=', false));
        // The section row spans the table.
        let title = &body[0][0];
        out.push_str(&format!(
            "| {title}{}|\n",
            " ".repeat(total - title.width() - 1)
        ));
        out.push_str(&rule('-', false));
        for (i, r) in body[1..].iter().enumerate() {
            out.push_str(&line(r));
            let open = merged_down.get(i + 1).copied().unwrap_or(false);
            out.push_str(&rule('-', open));
        }
        (format!("附件\n\n{out}"), want)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn grid_tables_read_with_their_row_spans((text, leads) in grid_table()) {
        let d = fengong::extract(text.as_bytes()).expect("a grid table reads");
        prop_assert_eq!(d.tables[0].kind, fengong::TableKind::Grid);
        let got: Vec<String> = d.tasks.iter().map(|t| t.lead.join("、")).collect();
        prop_assert_eq!(got, leads);
        util::assert_spans_inside(&d, &text);
    }

    #[test]
    fn never_panics_on_table_like_text(
        s in "[+\\-=|: \n序号目标任务牵头单位县发改局1一、（）<br>\t]{0,400}"
    ) {
        if let Ok(d) = fengong::extract(s.as_bytes()) {
            util::assert_spans_inside(&d, &s);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// List-like text (markers, headings, labels, brackets) never panics; what reads as a list
    /// keeps its spans inside the text.
    #[test]
    fn never_panics_on_list_like_text(
        s in "[一二、1.．（）()\\[\\]【】牵头单位责任单位配合领导完成时限：:；;县发改局各乡镇人民政府增长5%。第一位为\n -●]{0,300}"
    ) {
        if let Ok(d) = fengong::extract(s.as_bytes()) {
            util::assert_spans_inside(&d, &s);
        }
    }
}

/// A list notice: sections of items, each with its units inline (in one of the bracket
/// styles, names alone among them) or on labelled lines, numbered in one of the styles; with
/// each task's lead.
fn list_notice() -> impl Strategy<Value = (String, Vec<String>)> {
    let item = (
        prop::sample::select(vec![
            "地区生产总值增长5%左右。",
            "新建高标准农田1万亩。",
            "城镇新增就业1500人。",
        ]),
        prop::sample::select(vec!["县发改局", "县农业农村局", "县人社局（县就业局）"]),
        0..5usize,
    );
    let section = prop::collection::vec(item, 1..5);
    (prop::collection::vec(section, 1..4), 0..3usize).prop_map(|(sections, marker)| {
        // The line that makes the first of names alone in a bracket the lead (style 4).
        let mut out = String::from("附件\n\n（括号内为责任单位，列第一位的为牵头单位）\n\n");
        let mut leads = Vec::new();
        let headings = ["一", "二", "三"];
        for (s, items) in sections.iter().enumerate() {
            out.push_str(&format!("{}、重点工作\n\n", headings[s]));
            for (i, (text, lead, style)) in items.iter().enumerate() {
                let n = i + 1;
                let mark = match marker {
                    0 => format!("{n}."),
                    1 => format!("{n}、"),
                    _ => format!("（{n}）"),
                };
                let body = text.trim_end_matches('。');
                match style {
                    0 => out.push_str(&format!(
                        "{mark}{body}。（牵头单位：{lead}；责任单位：各乡镇人民政府）\n\n"
                    )),
                    1 => out.push_str(&format!(
                        "{mark}{body}[牵头单位:{lead};责任单位:各乡镇人民政府]\n\n"
                    )),
                    2 => out.push_str(&format!("{mark}{body}。【牵头单位：{lead}】\n\n")),
                    3 => out.push_str(&format!("{mark}{body}。（{lead}、各乡镇人民政府）\n\n")),
                    _ => out.push_str(&format!(
                        "{mark}{text}\n牵头单位：{lead}\n责任单位：各乡镇人民政府\n\n"
                    )),
                }
                leads.push(lead.split('（').next().unwrap_or(lead).to_owned());
            }
        }
        (out, leads)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn list_notices_read_every_item_with_its_lead((text, leads) in list_notice()) {
        let d = fengong::extract(text.as_bytes()).expect("a list notice reads");
        let got: Vec<String> = d.tasks.iter().map(|t| t.lead.join("、")).collect();
        prop_assert_eq!(got, leads);
        util::assert_spans_inside(&d, &text);
    }
}

/// `text` (a list notice of [`list_notice`]) with each item's first line cut into paragraphs
/// at the fractions `cuts` gives, after its marker: what a PDF converter that writes each line
/// of the page as a paragraph makes of it.
fn wrapped(text: &str, cuts: &[Vec<f64>]) -> String {
    let mut out = Vec::new();
    let mut k = 0;
    for p in text.split("\n\n") {
        let (first, rest) = p.split_once('\n').map_or((p, None), |(f, r)| (f, Some(r)));
        let marker = first
            .char_indices()
            .find(|&(_, c)| matches!(c, '.' | '、' | '）'))
            .map(|(i, c)| i + c.len_utf8());
        let is_item = first
            .trim_start_matches('（')
            .starts_with(|c: char| c.is_ascii_digit());
        let (Some(marker), true) = (marker, is_item) else {
            out.push(p.to_owned());
            continue;
        };
        let bounds: Vec<usize> = first
            .char_indices()
            .map(|(i, _)| i)
            .filter(|&i| i > marker)
            .collect();
        if bounds.is_empty() {
            out.push(p.to_owned());
            continue;
        }
        let mut at: Vec<usize> = cuts[k % cuts.len()]
            .iter()
            .map(|f| bounds[((f * bounds.len() as f64) as usize).min(bounds.len() - 1)])
            .collect();
        k += 1;
        at.sort_unstable();
        at.dedup();
        let mut start = 0;
        let mut pieces = Vec::new();
        for cut in at {
            pieces.push(&first[start..cut]);
            start = cut;
        }
        pieces.push(&first[start..]);
        let mut item = pieces.join("\n\n");
        if let Some(rest) = rest {
            item.push('\n');
            item.push_str(rest);
        }
        out.push(item);
    }
    out.join("\n\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Every item's line cut over paragraphs at one to three places reads as the uncut notice
    /// reads: the same tasks, texts and units.
    #[test]
    fn list_items_cut_over_lines_read_as_the_uncut_list(
        (text, _) in list_notice(),
        cuts in prop::collection::vec(prop::collection::vec(0.0..1.0f64, 1..4), 1..8),
    ) {
        let whole = fengong::extract(text.as_bytes()).expect("a list notice reads");
        let cut = wrapped(&text, &cuts);
        prop_assert_ne!(&cut, &text);
        let d = fengong::extract(cut.as_bytes()).expect("the cut list reads");
        let tasks = |d: &fengong::Dataset| -> Vec<(String, Vec<fengong::Name>, Vec<fengong::Name>)> {
            d.tasks
                .iter()
                .map(|t| (t.text.clone(), t.lead.to_vec(), t.responsible.to_vec()))
                .collect()
        };
        prop_assert_eq!(tasks(&d), tasks(&whole), "{}", cut);
        util::assert_spans_inside(&d, &cut);
    }
}
