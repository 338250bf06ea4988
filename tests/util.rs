use std::path::{Path, PathBuf};

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
