use std::collections::BTreeMap;

use fengong::{Code, Dataset, TableKind, TableStatus};

use crate::util;

/// Where each table row went, by line, built from the dataset.
fn dispositions(d: &Dataset, text: &str) -> BTreeMap<usize, &'static str> {
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
    let mut seen = BTreeMap::new();
    // Rows of an HTML table can share a line; they are counted by `<tr>` in `check`.
    let in_html = |line: usize| {
        d.tables.iter().any(|t| {
            t.kind == TableKind::Html
                && (line_of(t.span.start)..=line_of(t.span.end)).contains(&line)
        })
    };
    for t in &d.tasks {
        let before = seen.insert(t.line, "task");
        assert!(
            before.is_none() || in_html(t.line),
            "two tasks on line {}",
            t.line
        );
    }
    // A list notice's line can hold an item and the heading after it, run on by a PDF
    // converter (`…（牵头单位：…） 五、统筹发展和安全`).
    let list = !d.tables.iter().any(|t| t.status == TableStatus::Task);
    // A heading a PDF converter wrote into the task row above it stands on that row's line,
    // said by `I027`.
    let merged_heading = |line: usize| {
        d.diagnostics
            .iter()
            .any(|x| x.code == Code::MergedHeading && x.line == line)
    };
    for s in &d.sections {
        let before = seen.insert(s.line, "section");
        assert!(
            before.is_none()
                || in_html(s.line)
                || (list && before == Some("task"))
                || merged_heading(s.line),
            "section line {}",
            s.line
        );
        for sub in &s.subsections {
            seen.entry(sub.line).or_insert("subsection");
        }
    }
    for table in &d.tables {
        let (first, last) = (line_of(table.span.start), line_of(table.span.end));
        match table.status {
            TableStatus::Task => {
                seen.insert(table.line, "header");
            }
            TableStatus::Continuation => {}
            TableStatus::Skipped => {
                // A skipped table is reported once, as a whole, by a diagnostic on its line (a
                // list item's lines cut into cells: read as lines, W019).
                assert!(
                    d.diagnostics.iter().any(|x| x.line == first
                        && matches!(
                            x.code,
                            Code::SkippedTable
                                | Code::ColumnCountMismatch
                                | Code::FragmentsReadAsLines
                        )),
                    "skipped table at line {first} has no diagnostic"
                );
                for line in first..=last {
                    seen.insert(line, "skipped table");
                }
            }
        }
        for &line in &table.repeated_headers {
            seen.insert(line, "repeated header");
        }
    }
    for x in &d.diagnostics {
        if x.code == Code::SubcategoryOutsideSection {
            seen.insert(x.line, "subsection outside a section");
        }
        if x.code == Code::TwoRowHeader {
            for line in line_of(x.span.start)..=line_of(x.span.end) {
                seen.entry(line).or_insert("header over two rows");
            }
        }
        if x.code == Code::ContinuationRow {
            seen.insert(x.line, "joined to the task above");
        }
        // The notice's paragraph under the table drawn into its last row (`I031`).
        if x.code == Code::ClosingRow {
            seen.insert(x.line, "a paragraph after the table");
        }
        // A row a page broke, read as one (`W022`): both of its parts.
        if x.code == Code::PageSplitCell {
            for line in line_of(x.span.start)..=line_of(x.span.end) {
                seen.entry(line).or_insert("a row cut by a page");
            }
        }
        if matches!(x.code, Code::UnclassifiedRow | Code::EmptyRow) {
            // A row can open a sub-category and still have the rest of it dropped.
            let before = seen.insert(x.line, "dropped row");
            assert!(
                matches!(before, None | Some("subsection")) || in_html(x.line),
                "line {} is a {before:?} and a dropped row",
                x.line
            );
        }
    }
    seen
}

pub fn check(name: &str, bytes: &[u8]) {
    // The text spans refer to: the file itself for markdown, the text made of a web page.
    let decoded = fengong::decoded_text(bytes).unwrap();
    let text = decoded.as_str();
    let d = fengong::extract(bytes).unwrap();
    let seen = dispositions(&d, text);
    let rows = util::pipe_row_lines(text);
    if d.diagnostics.iter().any(|x| x.code == Code::ListNotice) {
        // A list notice has no table rows; `tests/lists.rs` accounts for its lines.
        return;
    }
    assert!(!d.tables.is_empty(), "{name} has no tables");
    for line in &rows {
        assert!(
            seen.contains_key(line),
            "{name}:{line}: table row not accounted for"
        );
    }
    // A header over two rows is one header row: the rows of a table are its body rows, its
    // header and the second rows of its headers. A header that swallowed a row (I015) gives
    // a body row no line of its own holds.
    let count = |t: &fengong::Table, code: Code| {
        d.diagnostics
            .iter()
            .filter(|x| x.code == code && t.span.range().contains(&x.span.start))
            .count()
    };
    let two_rows = |t: &fengong::Table| count(t, Code::TwoRowHeader);
    let pipe = d.tables.iter().filter(|t| t.kind == TableKind::Pipe);
    let body_rows: usize = pipe
        .clone()
        .map(|t| t.rows + two_rows(t) - count(t, Code::HeaderSwallowedRow))
        .sum();
    let headers = pipe.filter(|t| t.status == TableStatus::Task).count();
    assert_eq!(body_rows + headers, rows.len(), "{name}: row counts");
    for t in d.tables.iter().filter(|t| t.kind == TableKind::Html) {
        let html = text[t.span.range()].to_ascii_lowercase();
        let header = usize::from(t.status == TableStatus::Task);
        let line = t.line;
        assert_eq!(
            t.rows + header + two_rows(t),
            html.matches("<tr").count(),
            "{name}:{line}: rows"
        );
    }
}

#[test]
fn every_row_of_every_fixture_is_accounted_for() {
    for path in util::fixtures() {
        let name = util::name(&path);
        let bytes = std::fs::read(&path).unwrap();
        // Lines are counted on the text as it stands, so only plain UTF-8 with LF endings;
        // `encodings.rs` shows the others read the same as their UTF-8 original.
        let plain = std::str::from_utf8(&bytes)
            .is_ok_and(|t| !t.starts_with('\u{FEFF}') && !t.contains('\r'));
        if plain && !name.starts_with("error-") {
            check(&name, &bytes);
        }
    }
}

#[test]
fn every_row_of_the_seed_is_accounted_for() {
    check("huzhu-2026.md", &util::seed());
}

/// `units` rebuilt from the tasks alone: each unit once, in order of first appearance in the
/// lead and responsible lists, with the tasks it leads and is responsible for, and the raw
/// forms and notes of its mentions in order of first mention.
/// A unit as the tasks show it: name, lead tasks, responsible tasks, raw forms, notes.
type UnitRow = (String, Vec<u32>, Vec<u32>, Vec<String>, Vec<String>);

fn assert_units_agree_with_tasks(name: &str, d: &Dataset) {
    let mut want: Vec<UnitRow> = Vec::new();
    let at = |unit: &str, want: &mut Vec<UnitRow>| match want.iter().position(|u| u.0 == unit) {
        Some(i) => i,
        None => {
            want.push((unit.to_owned(), vec![], vec![], vec![], vec![]));
            want.len() - 1
        }
    };
    // A note that names a unit (县人社局（县就业局）: begins with a level, ends like a unit)
    // counts for that unit too, right after the unit it is attached to.
    let note_unit = |m: &fengong::UnitMention| -> Option<String> {
        m.note.clone().filter(|x| {
            x.starts_with(['县', '市', '区', '州', '省', '旗', '盟'])
                && ["局", "办", "委", "室", "中心"]
                    .iter()
                    .any(|e| x.ends_with(e))
        })
    };
    // A task's list as unit names: its own mentions, or those of the task it inherits from.
    let names_of = |pos: usize, lead: bool| -> Vec<String> {
        let t = &d.tasks[pos];
        let (mentions, from) = if lead {
            (&t.lead_mentions, t.lead_inherited_from)
        } else {
            (&t.responsible_mentions, t.responsible_inherited_from)
        };
        let source = from.and_then(|seq| d.tasks[..pos].iter().rev().find(|s| s.seq == seq));
        let mentions = match source {
            Some(s) if mentions.is_empty() => {
                if lead {
                    &s.lead_mentions
                } else {
                    &s.responsible_mentions
                }
            }
            _ => mentions,
        };
        mentions
            .iter()
            .flat_map(|m| std::iter::once(m.name.to_string()).chain(note_unit(m)))
            .collect()
    };
    for (pos, t) in d.tasks.iter().enumerate() {
        for n in names_of(pos, true) {
            let i = at(&n, &mut want);
            if want[i].1.last() != Some(&t.seq) {
                want[i].1.push(t.seq);
            }
        }
        for n in names_of(pos, false) {
            let i = at(&n, &mut want);
            if want[i].2.last() != Some(&t.seq) {
                want[i].2.push(t.seq);
            }
        }
    }
    for m in d
        .tasks
        .iter()
        .flat_map(|t| t.lead_mentions.iter().chain(&t.responsible_mentions))
    {
        let i = at(&m.name, &mut want);
        if !want[i].3.iter().any(|r| **r == *m.raw) {
            want[i].3.push(m.raw.to_string());
        }
        if let Some(unit) = note_unit(m) {
            let k = at(&unit, &mut want);
            if !want[k].3.iter().any(|r| **r == *m.raw) {
                want[k].3.push(m.raw.to_string());
            }
        }
        if let Some(note) = m
            .note
            .as_deref()
            .filter(|n| !want[i].4.iter().any(|w| w == n))
        {
            want[i].4.push(note.to_owned());
        }
    }
    let got: Vec<_> = d
        .units
        .iter()
        .map(|u| {
            (
                u.name.to_string(),
                u.lead_tasks.clone(),
                u.responsible_tasks.clone(),
                u.raw_forms
                    .iter()
                    .map(|r| r.to_string())
                    .collect::<Vec<_>>(),
                u.notes.clone(),
            )
        })
        .collect();
    assert_eq!(got, want, "{name}: units");
}

#[test]
fn units_agree_with_the_tasks_in_every_fixture_and_the_seed() {
    for path in util::fixtures() {
        let name = util::name(&path);
        if let Ok(d) = fengong::extract(&std::fs::read(&path).unwrap()) {
            assert_units_agree_with_tasks(&name, &d);
        }
    }
    let d = fengong::extract(&util::seed()).unwrap();
    assert_units_agree_with_tasks("huzhu-2026.md", &d);
}
