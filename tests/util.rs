use std::path::{Path, PathBuf};

use fengong::{Dataset, Span};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled seed notice.
pub fn seed() -> Vec<u8> {
    std::fs::read(root().join("seeds/huzhu-2026.md")).expect("seed is readable")
}

/// Every fixture file, sorted.
pub fn fixtures() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures"))
        .expect("fixtures/ exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "html"))
        .collect();
    paths.sort();
    paths
}

/// The file name of `path`.
pub fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// 1-based lines of every pipe-table row in `text` (delimiter rows excluded), found without
/// the library, by GFM's rule: a line with a `|`, then a delimiter row (`|---|---|`), then
/// rows up to the next blank line, less the lines without a `|` after the last row with one
/// (lines written right under a table: paragraphs after it).
pub fn pipe_row_lines(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut rows = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        if lines[i].contains('|') && is_delimiter_row(lines[i + 1].trim()) {
            rows.push(i + 1);
            let mut j = i + 2;
            while j < lines.len() && !lines[j].trim().is_empty() {
                if !is_delimiter_row(lines[j].trim()) {
                    rows.push(j + 1);
                }
                j += 1;
            }
            while rows
                .last()
                .is_some_and(|&r| r > i + 1 && !lines[r - 1].contains('|'))
            {
                rows.pop();
            }
            i = j;
        } else {
            i += 1;
        }
    }
    rows
}

/// `|---|:--:|`: pipes, dashes, colons and spaces, with at least one dash.
pub fn is_delimiter_row(line: &str) -> bool {
    line.contains('-') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Every span in the dataset, with what it belongs to.
pub fn spans(d: &Dataset) -> Vec<(String, Span)> {
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
        d.notice
            .requirements
            .iter()
            .map(|r| (format!("requirement {}", r.number), r.span)),
    );
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
pub fn assert_spans_inside(d: &Dataset, text: &str) {
    if let Some(problem) = span_outside(d, text) {
        panic!("{problem}");
    }
}

/// The first span of `d` that does not lie inside `text` on character boundaries, or whose
/// line is not the line it starts on, said.
pub fn span_outside(d: &Dataset, text: &str) -> Option<String> {
    for (what, span) in spans(d) {
        if span.start > span.end || span.end > text.len() {
            return Some(format!(
                "{what}: {span:?} is outside the {} bytes",
                text.len()
            ));
        }
        if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            return Some(format!("{what}: {span:?} cuts a character"));
        }
    }
    let line = |at: usize| text[..at].matches('\n').count() + 1;
    for t in &d.tasks {
        if t.line != line(t.span.start) {
            return Some(format!(
                "task {}: line {}, its span on {}",
                t.seq,
                t.line,
                line(t.span.start)
            ));
        }
    }
    for x in &d.diagnostics {
        if x.line != line(x.span.start) {
            return Some(format!("{x}: its span on line {}", line(x.span.start)));
        }
    }
    None
}

/// Every file under `fixtures/` that fengong reads (`.md`, `.html`, `.txt`, `.docx`), its
/// folders included, sorted.
pub fn all_fixtures() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let mut dirs = vec![root().join("fixtures")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path
                .extension()
                .is_some_and(|e| ["md", "html", "docx", "txt"].contains(&&*e.to_string_lossy()))
            {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
}
