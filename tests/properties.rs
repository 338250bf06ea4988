use proptest::prelude::*;

use fengong::{Dataset, Span};

use crate::util;

/// Every span in the dataset, with what it belongs to.
fn spans(d: &Dataset) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    for t in &d.tasks {
        out.push((format!("task {}", t.seq), t.span));
        for m in t.lead_mentions.iter().chain(&t.responsible_mentions) {
            out.push((format!("mention {} of task {}", m.raw, t.seq), m.span));
        }
    }
    for s in &d.sections {
        out.push((format!("section {}", s.number), s.span));
        out.extend(
            s.subsections
                .iter()
                .map(|x| (format!("subsection {}", x.title), x.span)),
        );
    }
    out.extend(
        d.tables
            .iter()
            .map(|t| (format!("table at {}", t.line), t.span)),
    );
    out.extend(
        d.diagnostics
            .iter()
            .map(|x| (format!("diagnostic {}", x.code), x.span)),
    );
    out
}

/// Spans lie inside `text` on character boundaries, and lines agree with them.
fn assert_spans_inside(d: &Dataset, text: &str) {
    for (what, span) in spans(d) {
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "{what}: {span:?}"
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{what}"
        );
    }
    for t in &d.tasks {
        assert_eq!(t.line, text[..t.span.start].matches('\n').count() + 1);
    }
}

/// Text made of the characters notices are made of, so that tables do form.
fn notice_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "| ",
        " |",
        "|",
        "|---",
        "---|",
        "\n",
        "\n\n",
        " ",
        "序号",
        "序 号",
        "目标任务",
        "牵头单位",
        "责任单位",
        "一、",
        "十、",
        "（一）",
        "(二)",
        "1",
        "12",
        "、",
        "县发改局",
        "各镇人民政府",
        "（",
        "）",
        "(",
        ")",
        "增长 5%左右",
        "。。",
        "<br>",
        "**",
        "\\|",
        "互政办〔2026〕14号",
        "2026年2月12日",
        "附件：",
        "抄送：",
        "印发",
        "\r\n",
        "\u{3000}",
        "\u{FEFF}",
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th>",
        "<td rowspan=\"3\">",
        "<td colspan=\"9\">",
        "<td colspan=\"99999999999\">",
        "<br>",
        "&amp;",
        "&#x",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
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
        let _ = fengong::extract(&b);
    }

    #[test]
    fn notice_like_text_reads_deterministically_with_spans_inside(s in notice_like()) {
        let first = fengong::extract(s.as_bytes());
        let second = fengong::extract(s.as_bytes());
        match (first, second) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
                if !s.contains('\r') && !s.starts_with('\u{FEFF}') {
                    assert_spans_inside(&a, &s);
                }
            }
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            _ => prop_assert!(false, "nondeterministic success"),
        }
    }

    #[test]
    fn normalising_a_unit_name_twice_changes_nothing(
        raw in "[县乡镇各局委办中心政府（）() 、a-c]{0,24}"
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
            assert_spans_inside(&d, &text);
            crate::accounting::check("mutated seed", text.as_bytes());
        }
    }
}
