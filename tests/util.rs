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
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    paths
}

/// The file name of `path`.
pub fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// 1-based lines of every pipe-table row in `text` (delimiter rows excluded), found without
/// the library: a line starting with `|` that is not `|---|---|`.
pub fn pipe_row_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim();
            t.starts_with('|') && !is_delimiter_row(t)
        })
        .map(|(i, _)| i + 1)
        .collect()
}

/// `|---|:--:|`: pipes, dashes, colons and spaces, with at least one dash.
pub fn is_delimiter_row(line: &str) -> bool {
    line.contains('-') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}
