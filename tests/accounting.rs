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
    for s in &d.sections {
        let before = seen.insert(s.line, "section");
        assert!(
            before.is_none() || in_html(s.line),
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
                // A skipped table is reported once, as a whole, by a diagnostic on its line.
                assert!(
                    d.diagnostics.iter().any(|x| x.line == first
                        && matches!(x.code, Code::SkippedTable | Code::ColumnCountMismatch)),
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
    let text = std::str::from_utf8(bytes).unwrap();
    let d = fengong::extract(bytes).unwrap();
    let seen = dispositions(&d, text);
    let rows = util::pipe_row_lines(text);
    assert!(!d.tables.is_empty(), "{name} has no tables");
    for line in &rows {
        assert!(
            seen.contains_key(line),
            "{name}:{line}: table row not accounted for"
        );
    }
    let pipe = d.tables.iter().filter(|t| t.kind == TableKind::Pipe);
    let body_rows: usize = pipe.clone().map(|t| t.rows).sum();
    let headers = pipe.filter(|t| t.status == TableStatus::Task).count();
    assert_eq!(body_rows + headers, rows.len(), "{name}: row counts");
    for t in d.tables.iter().filter(|t| t.kind == TableKind::Html) {
        let html = text[t.span.range()].to_ascii_lowercase();
        let header = usize::from(t.status == TableStatus::Task);
        let line = t.line;
        assert_eq!(
            t.rows + header,
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
