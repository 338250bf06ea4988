//! Real converters' output of notices written for these tests (`fixtures/converters/`, made by
//! `make.py` from `notices.py`), each read against its notice's truth file: the same front
//! matter, sections, sub-categories and tasks (text, lead, responsible, leaders, deadline, and
//! which merged cell each inherited from).
//!
//! The reporting schedule is compared too (`notice.reporting`: period, month of the quarter,
//! day, from whom, to whom).
//!
//! A converter can lose what the notice said (a PDF's layout, cells a merge covered). Each
//! output's expected outcome is in `expected.tsv`: `truth` (read exactly), `warned` (some tasks
//! differ from the truth, and every one of them carries a warning on its row) or `refused`
//! (an error). A change of outcome, better or worse, fails here until the file says so.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fengong::{Dataset, Severity, Task};
use serde_json::Value;

use crate::util;

fn dir() -> PathBuf {
    util::root().join("fixtures/converters")
}

/// The generated corpus: notices drawn at random by `generated/generate.py`, through the same
/// converters.
fn generated_dir() -> PathBuf {
    dir().join("generated")
}

/// Every converter output in `dir` (`<notice>.<converter>.md`, `.html`, `.txt`; a table
/// notice's table as a workbook, `.xlsx`) and every notice's Word file (`<notice>.docx`, read
/// directly), sorted: the files of a notice with a truth file.
fn outputs(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the folder exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| {
                ["md", "docx", "html", "txt", "xlsx"]
                    .iter()
                    .any(|x| e == *x)
            })
        })
        .filter(|p| {
            let name = util::name(p);
            let notice = name.split('.').next().unwrap_or_default();
            dir.join(format!("{notice}.truth.json")).exists()
        })
        .collect();
    paths.sort();
    paths
}

/// `<notice>.truth.json` for `<notice>.<converter>.md` or `<notice>.docx`.
fn truth_of(dir: &Path, path: &Path) -> Value {
    let name = util::name(path);
    let notice = name.split('.').next().expect("a notice name");
    let text = std::fs::read_to_string(dir.join(format!("{notice}.truth.json")))
        .expect("the notice has a truth file");
    serde_json::from_str(&text).expect("truth file is JSON")
}

fn expected(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(dir.join("expected.tsv"))
        .expect("expected.tsv exists")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (file, outcome) = l.split_once('\t').expect("file TAB outcome");
            (file.to_owned(), outcome.trim().to_owned())
        })
        .collect()
}

/// Text as compared: converters turn “” into "" and may keep or drop spaces.
fn plain(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            c => c,
        })
        .collect()
}

/// Text with its HTML tags (`<u>`, `<br>`) taken out.
fn without_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = &rest[open..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// How `task` differs from the truth's task `want`; empty when it does not. `number` gives
/// the truth's number of a task read as number `n` (for the task a merged cell is inherited
/// from).
fn task_differences(task: &Task, want: &Value, number: &dyn Fn(u32) -> Option<u32>) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |field: &str, got: String, want: String| {
        if got != want {
            out.push(format!("{field}: {got:?}, truth {want:?}"));
        }
    };
    check(
        "section",
        format!("{:?}", task.section),
        format!("{:?}", want["section"].as_u64().map(|n| n as u32)),
    );
    check(
        "subsection",
        format!("{:?}", task.subsection_title.as_deref()),
        format!("{:?}", want["subsection"].as_str()),
    );
    check(
        "text",
        plain(&task.text),
        plain(want["text"].as_str().unwrap_or("")),
    );
    let columns: [(&str, &[fengong::Name], Option<u32>); 3] = [
        ("lead", &task.lead, task.lead_inherited_from),
        (
            "responsible",
            &task.responsible,
            task.responsible_inherited_from,
        ),
        ("leaders", &task.leaders, task.leaders_inherited_from),
    ];
    for (field, got, inherited) in columns {
        if want.get(field).is_none() {
            continue;
        }
        // The truth lists units as the notice writes them; fengong's names are canonical
        // (`unit_aliases.tsv`: 各镇人民政府 → 各乡镇人民政府).
        let want_names: Vec<String> = strings(&want[field])
            .iter()
            .map(|n| {
                if field == "leaders" {
                    n.clone()
                } else {
                    fengong::normalise_unit(n, fengong::Rules::builtin())
                        .name
                        .into_string()
                }
            })
            .collect();
        check(field, format!("{got:?}"), format!("{want_names:?}"));
        // A merged cell a converter wrote out reads as the task's own: not wrong. One read
        // as inherited must name the task whose cell covers it.
        if let Some(from) = inherited {
            check(
                &format!("{field}_inherited_from"),
                format!("{:?}", number(from)),
                format!(
                    "{:?}",
                    want[format!("{field}_inherited_from")]
                        .as_u64()
                        .map(|n| n as u32)
                ),
            );
        }
    }
    if let Some(deadline) = want.get("deadline") {
        check(
            "deadline",
            format!("{:?}", task.deadline.as_deref()),
            format!("{:?}", deadline.as_str()),
        );
        if let Some(from) = task.deadline_inherited_from {
            check(
                "deadline_inherited_from",
                format!("{:?}", number(from)),
                format!(
                    "{:?}",
                    want["deadline_inherited_from"].as_u64().map(|n| n as u32)
                ),
            );
        }
    }
    out
}

/// The read tasks paired with the truth's, in order (Needleman–Wunsch over their texts): a
/// pair is worth 2 when the texts are the same, 1 when one holds the other (a row read with
/// two tasks' texts), −1 when they differ; a task left unpaired costs 1.
fn align(read: &[Task], want: &[Value]) -> Vec<(Option<usize>, Option<usize>)> {
    let read_text: Vec<String> = read.iter().map(|t| plain(&t.text)).collect();
    let want_text: Vec<String> = want
        .iter()
        .map(|w| plain(w["text"].as_str().unwrap_or("")))
        .collect();
    let worth = |i: usize, j: usize| {
        let (a, b) = (&read_text[i], &want_text[j]);
        if a == b {
            2
        } else if !a.is_empty()
            && !b.is_empty()
            && (a.contains(b.as_str()) || b.contains(a.as_str()))
        {
            1
        } else {
            -1
        }
    };
    let (n, m) = (read.len(), want.len());
    // best[i][j]: the best worth of pairing the first i read tasks with the first j.
    let mut best = vec![vec![0i32; m + 1]; n + 1];
    for (i, row) in best.iter_mut().enumerate() {
        row[0] = -(i as i32);
    }
    for (j, first) in best[0].iter_mut().enumerate() {
        *first = -(j as i32);
    }
    for i in 1..=n {
        for j in 1..=m {
            best[i][j] = (best[i - 1][j - 1] + worth(i - 1, j - 1))
                .max(best[i - 1][j] - 1)
                .max(best[i][j - 1] - 1);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        // A row read with two tasks' texts is paired with the first of them, where its row
        // begins (the task a merged cell beside it is inherited from).
        let holds_more = i > 0 && j > 0 && worth(i - 1, j - 1) == 1;
        if holds_more && j > 1 && best[i][j] == best[i][j - 1] - 1 && worth(i - 1, j - 2) == 1 {
            pairs.push((None, Some(j - 1)));
            j -= 1;
        } else if i > 0 && j > 0 && best[i][j] == best[i - 1][j - 1] + worth(i - 1, j - 1) {
            pairs.push((Some(i - 1), Some(j - 1)));
            i -= 1;
            j -= 1;
        } else if i > 0 && best[i][j] == best[i - 1][j] - 1 {
            pairs.push((Some(i - 1), None));
            i -= 1;
        } else {
            pairs.push((None, Some(j - 1)));
            j -= 1;
        }
    }
    pairs.reverse();
    pairs
}

/// What reading one output gave, against the truth.
struct Reading {
    /// Differences in the front matter and sections.
    notice: Vec<String>,
    /// Task number → its differences (tasks missing or extra included).
    tasks: BTreeMap<u32, Vec<String>>,
    /// Tasks that differ but carry no warning on their row.
    unwarned: Vec<u32>,
}

fn compare(d: &Dataset, truth: &Value, input: &[u8]) -> Reading {
    let mut notice = Vec::new();
    let n = &d.notice;
    let front = [
        ("doc_number", n.doc_number.as_deref()),
        ("title", n.title.as_deref()),
        ("issuer", n.issuer.as_deref()),
        ("issued_on", n.issued_on.as_deref()),
    ];
    for (field, got) in front {
        let want = truth["notice"][field].as_str();
        if got.map(plain) != want.map(plain) {
            notice.push(format!("notice.{field}: {got:?}, truth {want:?}"));
        }
    }
    let reporting: Vec<Value> = n
        .reporting
        .iter()
        .map(|r| {
            let r = serde_json::to_value(r).expect("serialises");
            let keep = ["every", "month_of_quarter", "day", "from", "to"];
            Value::Object(
                keep.iter()
                    .map(|k| (k.to_string(), r[*k].clone()))
                    .collect(),
            )
        })
        .collect();
    let want_reporting = truth["notice"]["reporting"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if reporting != want_reporting {
        notice.push(format!(
            "notice.reporting: {reporting:?}, truth {want_reporting:?}"
        ));
    }
    let sections: Vec<(u32, String, Vec<String>)> = d
        .sections
        .iter()
        .map(|s| {
            let subs = s.subsections.iter().map(|x| x.title.clone()).collect();
            (s.number, s.title.clone(), subs)
        })
        .collect();
    let want_sections: Vec<(u32, String, Vec<String>)> = truth["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| {
            let number = s["number"].as_u64().expect("number") as u32;
            let title = s["title"].as_str().expect("title").to_owned();
            (number, title, strings(&s["subsections"]))
        })
        .collect();
    if sections != want_sections {
        notice.push(format!("sections: {sections:?}, truth {want_sections:?}"));
    }

    let want_tasks = truth["tasks"].as_array().expect("tasks");
    let warned = |t: &Task| {
        d.diagnostics.iter().any(|x| {
            x.code.severity() == Severity::Warning
                && x.span.start < t.span.end
                && t.span.start < x.span.end.max(x.span.start + 1)
        })
    };
    // A truth task read nowhere is said when its text went into a task that carries a
    // warning (a row that may hold two tasks' texts), or stands in the input under a warning
    // (rows a converter left outside the table): not lost without a word.
    let said_inside = |want: &Value| {
        let text = plain(want["text"].as_str().unwrap_or(""));
        let under_warning = |x: &fengong::Diagnostic| {
            x.code.severity() == Severity::Warning
                && input.get(x.span.start..x.span.end).is_some_and(|b| {
                    plain(&without_tags(&String::from_utf8_lossy(b))).contains(&text)
                })
        };
        !text.is_empty()
            && (d
                .tasks
                .iter()
                .any(|t| plain(&t.text).contains(&text) && warned(t))
                || d.diagnostics.iter().any(under_warning))
    };
    let mut tasks = BTreeMap::new();
    let mut unwarned = Vec::new();
    if !d.tasks.is_empty() && d.tasks.iter().all(|t| t.seq_inferred) {
        // A notice without numbers: fengong counts its tasks, so a row read as two tasks or
        // two as one shifts the count of every task under it. The tasks are paired with the
        // truth's in order by their texts, and each is compared with its pair; the numbers of
        // the tasks merged cells are inherited from are compared through the pairing.
        let pairs = align(&d.tasks, want_tasks);
        let truth_number = |n: u32| {
            pairs.iter().find_map(|&(r, w)| {
                (r.map(|r| d.tasks[r].seq) == Some(n))
                    .then(|| w.map(|w| want_tasks[w]["seq"].as_u64().expect("seq") as u32))
                    .flatten()
            })
        };
        for &(read, want) in &pairs {
            let (key, diffs, ok) = match (read, want) {
                (Some(r), Some(w)) => {
                    let task = &d.tasks[r];
                    let mut diffs = task_differences(task, &want_tasks[w], &truth_number);
                    let seq = want_tasks[w]["seq"].as_u64().expect("seq") as u32;
                    if !diffs.is_empty() && task.seq != seq {
                        diffs.insert(0, format!("(read as task {})", task.seq));
                    }
                    (seq, diffs, warned(task))
                }
                (None, Some(w)) => {
                    let seq = want_tasks[w]["seq"].as_u64().expect("seq") as u32;
                    (seq, vec!["missing".to_owned()], said_inside(&want_tasks[w]))
                }
                (Some(r), None) => {
                    let task = &d.tasks[r];
                    let diff = format!(
                        "read as task {}, not in the notice: {:?}",
                        task.seq, task.text
                    );
                    (task.seq, vec![diff], warned(task))
                }
                (None, None) => continue,
            };
            if !diffs.is_empty() {
                if !ok {
                    unwarned.push(key);
                }
                tasks.entry(key).or_insert_with(Vec::new).extend(diffs);
            }
        }
    } else {
        for want in want_tasks {
            let seq = want["seq"].as_u64().expect("seq") as u32;
            let found: Vec<&Task> = d.tasks.iter().filter(|t| t.seq == seq).collect();
            let (diffs, ok) = match found.as_slice() {
                [] => (vec!["missing".to_owned()], said_inside(want)),
                [task] => (task_differences(task, want, &Some), warned(task)),
                _ => (
                    vec![format!("{} tasks with this number", found.len())],
                    found.iter().all(|t| warned(t)),
                ),
            };
            if !diffs.is_empty() {
                if !ok {
                    unwarned.push(seq);
                }
                tasks.insert(seq, diffs);
            }
        }
        for t in &d.tasks {
            if !want_tasks
                .iter()
                .any(|w| w["seq"].as_u64() == Some(u64::from(t.seq)))
            {
                if !warned(t) {
                    unwarned.push(t.seq);
                }
                tasks.insert(t.seq, vec![format!("not in the notice: {:?}", t.text)]);
            }
        }
    }
    unwarned.sort_unstable();
    unwarned.dedup();
    Reading {
        notice,
        tasks,
        unwarned,
    }
}

/// Every output in `dir` read against its truth, each outcome against `expected.tsv`: the
/// outcomes (a line `file TAB outcome` each, as `expected.tsv` has them) and the mismatches.
fn read_all(dir: &Path) -> (Vec<String>, Vec<String>) {
    let expected = expected(dir);
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for path in outputs(dir) {
        let name = util::name(&path);
        let truth = truth_of(dir, &path);
        let input = std::fs::read(&path).expect("readable");
        let (outcome, detail) = match fengong::extract_named(Some(&name), &input) {
            Err(e) => ("refused", vec![e.to_string()]),
            Ok(d) => {
                let mut r = compare(&d, &truth, &input);
                // A workbook holds the table alone: the notice's front matter and reporting
                // schedule are not in it.
                if name.ends_with(".xlsx") {
                    r.notice.retain(|diff| !diff.starts_with("notice."));
                }
                let mut detail = r.notice.clone();
                for (seq, diffs) in &r.tasks {
                    detail.push(format!("task {seq}: {}", diffs.join("; ")));
                }
                let outcome = if r.notice.is_empty() && r.tasks.is_empty() {
                    "truth"
                } else if r.notice.is_empty() && r.unwarned.is_empty() {
                    "warned"
                } else {
                    detail.push(format!("without a warning: tasks {:?}", r.unwarned));
                    "wrong"
                };
                (outcome, detail)
            }
        };
        report.push(format!("{name}\t{outcome}"));
        let want = expected
            .get(&name)
            .map_or("(not in expected.tsv)", String::as_str);
        if outcome != want {
            failures.push(format!(
                "{name}: {outcome}, expected.tsv says {want}\n    {}",
                detail.join("\n    ")
            ));
        }
    }
    // Every line of expected.tsv names an output that is there.
    for name in expected.keys() {
        if !report.iter().any(|r| r.split('\t').next() == Some(name)) {
            failures.push(format!("{name}: in expected.tsv, not in the folder"));
        }
    }
    (report, failures)
}

#[test]
fn converter_outputs_read_to_their_truth() {
    let (report, failures) = read_all(&dir());
    println!("{}", report.join("\n"));
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The generated corpus (`fixtures/converters/generated/`): 32 notices drawn at random, each
/// through every converter. Its outcomes are in its own `expected.tsv`, tallied per converter
/// in `docs/converters.md` (`generated/summary.py`).
#[test]
fn generated_notices_read_to_their_truth() {
    let (report, failures) = read_all(&generated_dir());
    assert!(report.len() >= 30 * 14, "{} outputs", report.len());
    println!("{}", report.join("\n"));
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn fixture(name: &str) -> Dataset {
    let bytes = std::fs::read(util::root().join("fixtures").join(name)).expect("fixture");
    fengong::extract(&bytes).expect("reads")
}

#[test]
fn merged_cells_a_pdf_converter_filled_with_the_left_neighbours_text_inherit() {
    let d = fixture("merged-cells-filled-with-left-neighbour.md");
    let got: Vec<_> = d
        .tasks
        .iter()
        .map(|t| {
            (
                t.lead.join("、"),
                t.responsible.join("、"),
                t.deadline.clone().unwrap_or_default(),
                (
                    t.lead_inherited_from,
                    t.responsible_inherited_from,
                    t.deadline_inherited_from,
                ),
            )
        })
        .collect();
    let row = |l: &str, r: &str, d: &str, from| (l.to_owned(), r.to_owned(), d.to_owned(), from);
    assert_eq!(
        got,
        [
            // Nothing above: a unit that leads and is responsible both, as written.
            row("县发改局", "县发改局", "2027年12月底前", (None, None, None)),
            row(
                "县财政局",
                "县税务局、各乡镇人民政府",
                "2027年12月底前",
                (None, None, None)
            ),
            // Each cell filled with the one before it: merged down from task 2.
            row(
                "县发改局",
                "县税务局、各乡镇人民政府",
                "2027年12月底前",
                (None, Some(2), Some(2))
            ),
            // The lead cell holds the start of the task text.
            row(
                "县发改局",
                "县卫健局",
                "2027年10月底前",
                (Some(3), None, None)
            ),
            row(
                "县商务局",
                "各乡镇人民政府",
                "2027年10月底前",
                (None, None, Some(4))
            ),
        ]
    );
    let codes: Vec<(String, usize)> = d
        .diagnostics
        .iter()
        .filter(|g| matches!(g.code.as_str(), "I014" | "W020"))
        .map(|g| (g.code.as_str().to_owned(), g.line))
        .collect();
    let want = [("W020", 6), ("I014", 6), ("I014", 7), ("I014", 8)];
    assert_eq!(codes, want.map(|(c, l)| (c.to_owned(), l)));
}

#[test]
fn front_matter_and_closing_run_together_with_spaces() {
    let d = fixture("front-matter-run-together-with-spaces.md");
    let n = &d.notice;
    assert_eq!(n.doc_number.as_deref(), Some("沙政办〔2027〕2号"));
    assert_eq!(n.addressees, ["各乡镇人民政府", "县政府各部门"]);
    assert_eq!(n.issuer.as_deref(), Some("沙溪县人民政府办公室"));
    assert_eq!(n.issued_on.as_deref(), Some("2027-02-18"));
    assert_eq!(n.cc, ["县委办公室"]);
    assert_eq!(n.printed_by.as_deref(), Some("沙溪县人民政府办公室"));
    assert_eq!(n.printed_on.as_deref(), Some("2027-02-18"));
    let reporting: Vec<(Option<u32>, Option<u32>)> = n
        .reporting
        .iter()
        .map(|r| (r.month_of_quarter, r.day))
        .collect();
    assert_eq!(reporting, [(None, Some(5))]);
}

/// A table notice through any converter is read as a table or refused, never as a list
/// notice: the cells of a table written as paragraphs (mammoth, LibreOffice's text) or cut
/// into lines (markitdown's PDF) are no list, though some read like one (`1．…` text cells,
/// `牵头单位：…` unit cells). The notices named `…-list` are the list notices.
#[test]
fn no_table_notice_through_any_converter_is_read_as_a_list() {
    let mut read = 0;
    for dir in [dir(), generated_dir()] {
        for path in outputs(&dir) {
            let name = util::name(&path);
            let notice = name.split('.').next().unwrap_or_default();
            if notice.ends_with("-list") || notice.contains("-list-") {
                continue;
            }
            let input = std::fs::read(&path).expect("readable");
            let Ok(d) = fengong::extract_named(Some(&name), &input) else {
                continue;
            };
            read += 1;
            assert!(
                !d.diagnostics
                    .iter()
                    .any(|x| x.code == fengong::Code::ListNotice),
                "{name}: a table notice read as a list"
            );
        }
    }
    assert!(read >= 100, "only {read} table outputs read");
}

#[test]
fn markitdown_fragments_of_a_list_notice_it_cannot_read_are_refused_as_fragments() {
    // Each line a table of its own, and the numbers after their items' text: the refusal
    // says what the converter did and what to use instead.
    let input = std::fs::read(dir().join("baisha-district-list-autonumbered.markitdown-pdf.md"))
        .expect("fixture");
    let e = fengong::extract(&input).unwrap_err();
    assert!(
        matches!(e.kind(), fengong::ErrorKind::FragmentedTable { line: 1 }),
        "{e}"
    );
    assert!(e.to_string().contains("pymupdf4llm"), "{e}");
}

#[test]
fn a_table_pasted_as_text_with_tabs_between_its_cells() {
    // Copied out of Word and pasted as text: a row a line, cells between tabs, a section row
    // as one cell, merged cells empty.
    let d = fixture("tsv-table-pasted-from-word.md");
    assert_eq!(d.tables.len(), 1);
    assert_eq!(d.tables[0].kind, fengong::TableKind::Tsv);
    let got: Vec<_> = d
        .tasks
        .iter()
        .map(|t| {
            (
                t.seq,
                t.section,
                t.lead.join("、"),
                t.responsible.join("、"),
                t.responsible_inherited_from,
                t.deadline.clone(),
            )
        })
        .collect();
    let end = Some("2027年12月底前".to_owned());
    assert_eq!(
        got,
        [
            (
                1,
                Some(1),
                "县发改局".into(),
                "县统计局、各乡镇人民政府".into(),
                None,
                end.clone()
            ),
            (
                2,
                Some(1),
                "县财政局".into(),
                "县税务局".into(),
                None,
                end.clone()
            ),
            (
                3,
                Some(1),
                "县发改局".into(),
                "县税务局".into(),
                Some(2),
                end.clone()
            ),
            (
                4,
                Some(2),
                "县人社局".into(),
                "各乡镇人民政府".into(),
                None,
                end
            ),
            (
                5,
                Some(2),
                "县教育局".into(),
                "县财政局、县自然资源局".into(),
                None,
                Some("2027年9月底前".to_owned())
            ),
        ]
    );
    assert_eq!(d.notice.issuer.as_deref(), Some("桐柏县人民政府办公室"));
    // Cells are read where they stand: each mention's span is its text in the input.
    let input =
        std::fs::read_to_string(util::root().join("fixtures/tsv-table-pasted-from-word.md"))
            .unwrap();
    for m in d.tasks.iter().flat_map(|t| &t.lead_mentions) {
        assert_eq!(&input[m.span.start..m.span.end], m.raw);
    }
}

#[test]
fn a_page_number_between_the_notices_lines_is_no_part_of_them() {
    let notice = "| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
                  | 一、稳定经济增长 | | | |\n\
                  | 1 | 地区生产总值增长6%左右。 | 县发改局 | 县统计局 |\n\n\
                  一、加强组织领导。各单位要高度重视，\n\n— 3 —\n\n细化工作措施。\n";
    let d = fengong::extract(notice.as_bytes()).unwrap();
    let texts: Vec<&str> = d
        .notice
        .requirements
        .iter()
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(texts, ["加强组织领导。各单位要高度重视，细化工作措施。"]);
}

/// `docs/converters.md`'s table is the tally of `generated/expected.tsv` (as
/// `generated/summary.py` prints it): outcomes per converter.
#[test]
fn the_documented_tally_is_the_generated_outcomes() {
    const OUTCOMES: [&str; 4] = ["truth", "warned", "refused", "wrong"];
    let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (name, outcome) in expected(&generated_dir()) {
        let rest = name.split_once('.').map_or("", |(_, r)| r);
        let converter = if rest == "docx" {
            "docx (read directly)".to_owned()
        } else {
            rest.rsplit_once('.').map_or(rest, |(c, _)| c).to_owned()
        };
        *counts
            .entry(converter)
            .or_default()
            .entry(outcome)
            .or_default() += 1;
    }
    let mut table = format!(
        "| converter | {} | outputs |\n|---|{}\n",
        OUTCOMES.join(" | "),
        "---:|".repeat(OUTCOMES.len() + 1)
    );
    let mut total: BTreeMap<String, usize> = BTreeMap::new();
    let row = |name: &str, c: &BTreeMap<String, usize>| {
        let cells: Vec<String> = OUTCOMES
            .iter()
            .map(|o| c.get(*o).copied().unwrap_or(0).to_string())
            .collect();
        format!(
            "| {name} | {} | {} |\n",
            cells.join(" | "),
            c.values().sum::<usize>()
        )
    };
    for (converter, c) in &counts {
        for (o, n) in c {
            *total.entry(o.clone()).or_default() += n;
        }
        table.push_str(&row(converter, c));
    }
    table.push_str(&row("all", &total));
    let doc = std::fs::read_to_string(util::root().join("docs/converters.md")).expect("docs");
    assert!(
        doc.contains(&table),
        "docs/converters.md's table is not the tally of generated/expected.tsv; run \
         python3 fixtures/converters/generated/summary.py and put its table there:\n{table}"
    );
}

/// A unit name a PDF wrap broke inside its ending (`县政府各部 门`), in a cell whose units are
/// parted by `，` (pdfplumber, PyMuPDF): the cell is names, not a sentence (`W018`).
#[test]
fn a_name_wrapped_inside_its_ending_in_a_comma_list_is_read() {
    let d = fixture("units-wrap-inside-an-ending-in-a-comma-list.md");
    let got: Vec<Vec<&str>> = d
        .tasks
        .iter()
        .map(|t| t.responsible.iter().map(|n| n.as_str()).collect())
        .collect();
    assert_eq!(
        got,
        [
            vec!["各乡镇人民政府", "县政府各部门", "县林草局", "县教育局"],
            vec!["县市场监管局", "县统计局"],
            vec!["县城管局", "县科技局", "县卫健局"],
        ]
    );
    assert!(!d.diagnostics.iter().any(|x| x.code.as_str() == "W018"));
}

/// PyMuPDF 2's layout mode can leave a table's last rows under it as one paragraph, their
/// cells run together (`…公平竞争审查制度。 县数据局，县财政局`): not tasks fengong can read,
/// but said with a warning over them (`W027`), the text kept in `I029`. A note under the
/// table that names units in a sentence is no such row.
#[test]
fn rows_left_under_the_table_are_warned_a_note_naming_units_is_not() {
    let said = |name: &str, code: fengong::Code| -> Vec<usize> {
        fixture(name)
            .diagnostics
            .iter()
            .filter(|x| x.code == code)
            .map(|x| x.line)
            .collect()
    };
    let rows = "table-last-rows-left-under-the-table.md";
    let d = fixture(rows);
    assert_eq!(d.tasks.len(), 2);
    assert_eq!(said(rows, fengong::Code::NamesAfterTasks), [11]);
    let warning = d
        .diagnostics
        .iter()
        .find(|x| x.code == fengong::Code::NamesAfterTasks)
        .expect("W027");
    let input = std::fs::read_to_string(util::root().join("fixtures").join(rows)).unwrap();
    let covered = &input[warning.span.start..warning.span.end];
    assert!(
        covered.contains("深化国有企业改革")
            && covered.trim_end().ends_with("县数据局，县财政局</u>")
    );
    let note = "table-note-naming-units-under-the-table.md";
    assert!(said(note, fengong::Code::NamesAfterTasks).is_empty());
    assert_eq!(said(note, fengong::Code::TextAfterTasks), [9]);
}

/// pymupdf4llm 2.x moves a pair of quotation marks out of the words they quoted, to the
/// start of the cell (`“”开展质量提升年活动` for `开展“质量提升年”活动`): the text is kept as
/// written, with `W028` on its row; marks around words (`“小巨人”`) are no such pair.
#[test]
fn quotation_marks_moved_out_of_their_words_are_warned() {
    let d = fixture("pdf-quotation-marks-moved.md");
    assert_eq!(
        d.tasks[0].text,
        "“”开展质量提升年活动，全年新增规模以上工业企业5家。"
    );
    let moved: Vec<usize> = d
        .diagnostics
        .iter()
        .filter(|x| x.code == fengong::Code::MovedQuotes)
        .map(|x| x.line)
        .collect();
    assert_eq!(moved, [6]);
}
