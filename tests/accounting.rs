use std::collections::BTreeMap;

use fengong::{Code, Dataset, TableStatus};

use crate::util;

/// Where each table row went, by line, built from the dataset.
fn dispositions(d: &Dataset, text: &str) -> BTreeMap<usize, &'static str> {
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
    let mut seen = BTreeMap::new();
    for t in &d.tasks {
        assert!(
            seen.insert(t.line, "task").is_none(),
            "two tasks on line {}",
            t.line
        );
    }
    for s in &d.sections {
        assert!(
            seen.insert(s.line, "section").is_none(),
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
                matches!(before, None | Some("subsection")),
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
    assert!(!rows.is_empty(), "{name} has no table rows");
    for line in &rows {
        assert!(
            seen.contains_key(line),
            "{name}:{line}: table row not accounted for"
        );
    }
    let body_rows: usize = d.tables.iter().map(|t| t.rows).sum();
    let headers = d
        .tables
        .iter()
        .filter(|t| t.status == TableStatus::Task)
        .count();
    assert_eq!(body_rows + headers, rows.len(), "{name}: row counts");
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
