//! A returned file as cells: every sheet of a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`,
//! read by calamine, hidden sheets included) or the one table of a `.csv` (any encoding
//! `decode` reads: a CSV Excel saved on Chinese Windows is GB18030).

use std::io::Cursor;

use calamine::{Data, Reader};
use chrono::{DateTime, FixedOffset};

/// The most bytes a workbook's files may unpack to, and the most rows and columns read.
const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
const MAX_ROWS: usize = 100_000;
const MAX_COLUMNS: usize = 256;

/// A returned file: its name in the folder, when it was received (its modification time),
/// its bytes.
#[derive(Clone, Debug)]
pub struct ReturnFile {
    /// The file's name.
    pub name: String,
    /// When it was received: the file's modification time.
    pub received: Option<DateTime<FixedOffset>>,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The cells of a file: its sheets, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    /// The sheets.
    pub sheets: Vec<GridSheet>,
}

/// One sheet's cells, by 0-based row and column from the sheet's first cell (A1), each as
/// text: a number as a spreadsheet shows it (`13800000000`, not `1.38e10`), a date as
/// `2026-05-20`, an empty cell as the empty string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GridSheet {
    /// The sheet's name (`csv` for a CSV file).
    pub name: String,
    /// Whether the sheet is hidden.
    pub hidden: bool,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

impl GridSheet {
    /// The cell at 0-based `row`, `col`; empty when the sheet has none there.
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", String::as_str)
    }
}

/// The name of a cell: 0-based `row` and `col` → `B12`.
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

/// Whether `name` is a file [`read_return`] reads, by its extension.
pub fn is_return_file(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".xlsx", ".xlsm", ".xls", ".ods", ".csv"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// The cells of the file `name` (its extension says how it is read) holding `bytes`; why
/// it cannot be read. Never panics on what the file holds.
pub fn read_return(name: &str, bytes: &[u8]) -> Result<Grid, String> {
    if name.to_lowercase().ends_with(".csv") {
        return csv(bytes);
    }
    if bytes.starts_with(b"PK") {
        // A zip bomb stops here: what the archive says its files unpack to.
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("the file is not a workbook (its zip archive: {e})"))?;
        let mut unpacked: u64 = 0;
        for i in 0..archive.len() {
            let file = archive
                .by_index_raw(i)
                .map_err(|e| format!("the file is not a workbook (its zip archive: {e})"))?;
            unpacked = unpacked.saturating_add(file.size());
        }
        if unpacked > MAX_UNPACKED_BYTES {
            return Err(format!(
                "its files unpack to {unpacked} bytes, more than fengong reads \
                 ({MAX_UNPACKED_BYTES})"
            ));
        }
    }
    // calamine is a parser of binary formats: a panic on a corrupt file is a file that
    // cannot be read, not the end of the run.
    std::panic::catch_unwind(|| workbook(bytes))
        .unwrap_or_else(|_| Err("the workbook is corrupt (its reader gave up)".to_owned()))
}

/// A workbook's sheets.
fn workbook(bytes: &[u8]) -> Result<Grid, String> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        format!("the file is not a workbook fengong reads (.xlsx, .xls, .ods): {e}")
    })?;
    let sheets = book.sheets_metadata().to_vec();
    let mut out = Grid::default();
    for meta in sheets {
        let range = book
            .worksheet_range(&meta.name)
            .map_err(|e| format!("sheet {:?} cannot be read: {e}", meta.name))?;
        let mut rows: Vec<Vec<String>> = Vec::new();
        if let Some((r0, c0)) = range.start() {
            let (r0, c0) = (r0 as usize, c0 as usize);
            for (i, row) in range.rows().enumerate().take(MAX_ROWS.saturating_sub(r0)) {
                let r = r0 + i;
                let cells: Vec<String> = std::iter::repeat_n(String::new(), c0)
                    .chain(row.iter().map(text))
                    .take(MAX_COLUMNS)
                    .collect();
                if rows.len() <= r {
                    rows.resize(r, Vec::new());
                }
                rows.push(cells);
            }
        }
        // Trailing empty cells and rows carry nothing.
        for row in &mut rows {
            while row.last().is_some_and(String::is_empty) {
                row.pop();
            }
        }
        while rows.last().is_some_and(Vec::is_empty) {
            rows.pop();
        }
        out.sheets.push(GridSheet {
            name: meta.name.clone(),
            hidden: meta.visible != calamine::SheetVisible::Visible,
            rows,
        });
    }
    Ok(out)
}

/// A cell as text.
fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(x) => number(*x),
        Data::Int(n) => n.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(t) => {
            let serial = t.as_f64();
            // Excel's day 0 is 1899-12-30 (with its 1900 leap-year bug before March 1900).
            let day = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|d| d.checked_add_signed(chrono::Duration::days(serial.floor() as i64)));
            match day {
                Some(d) if serial.fract() == 0.0 => d.to_string(),
                _ => number(serial),
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A number as a spreadsheet shows it: a whole number without a point.
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        x.to_string()
    }
}

/// A CSV file's one table.
fn csv(bytes: &[u8]) -> Result<Grid, String> {
    let decoded =
        crate::decode::decode(bytes).map_err(|e| format!("the CSV file cannot be read: {e}"))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(decoded.text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate().take(MAX_ROWS) {
        let record = record.map_err(|e| format!("CSV row {}: {e}", i + 1))?;
        let mut row: Vec<String> = record.iter().take(MAX_COLUMNS).map(str::to_owned).collect();
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
        rows.push(row);
    }
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    Ok(Grid {
        sheets: vec![GridSheet {
            name: "csv".to_owned(),
            hidden: false,
            rows,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(11, 1), "B12");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(4, 27), "AB5");
    }

    #[test]
    fn bad_bytes_are_an_error_not_a_panic() {
        for bytes in [
            &b""[..],
            b"PK\x03\x04garbage",
            b"\xD0\xCF\x11\xE0garbage",
            b"hello",
        ] {
            assert!(read_return("x.xlsx", bytes).is_err());
            assert!(read_return("x.xls", bytes).is_err());
        }
        let grid = read_return("x.csv", "a,b\n1,\"x\ny\"\n".as_bytes()).unwrap();
        assert_eq!(grid.sheets[0].rows, [vec!["a", "b"], vec!["1", "x\ny"]]);
    }
}
