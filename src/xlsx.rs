//! Excel workbooks (`.xlsx`) read directly (the `calamine` crate): the division of tasks as a
//! county office circulates it in a spreadsheet → the markdown text every later stage reads,
//! with the merges Excel records.
//!
//! Each sheet, in order: its rows above the first row of two cells or more (the notice's title
//! over the table, one cell spanning it) become paragraphs; the rows from there an HTML
//! `<table>`, one `<tr>` a line, a merged range (`mergeCells`) as `rowspan`/`colspan` on its
//! top-left cell and the cells it covers left out, as the HTML table reader expects from any
//! converter. A number cell is written as Excel shows a whole number (`1`, not `1.0`). Every
//! line and span of a dataset read from a workbook refers to this text (`fengong text FILE`).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::markup;

/// The most bytes a workbook's files may unpack to.
const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

/// The most rows and columns a sheet is read with (a sheet can claim a million rows).
const MAX_ROWS: usize = 1_000_000;
const MAX_COLUMNS: usize = 256;

/// Whether a zip archive is an Excel workbook.
pub fn is_workbook(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .is_ok_and(|archive| archive.index_for_name("xl/workbook.xml").is_some())
}

/// The text of a workbook, as described in the module documentation; why it cannot be read.
pub fn text(bytes: &[u8]) -> Result<String, String> {
    // A zip bomb stops here: what the archive says its files unpack to, before any is read.
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("the zip archive cannot be read: {e}"))?;
    let mut unpacked: u64 = 0;
    for i in 0..archive.len() {
        let file = archive
            .by_index_raw(i)
            .map_err(|e| format!("the zip archive cannot be read: {e}"))?;
        unpacked = unpacked.saturating_add(file.size());
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(format!(
            "its files unpack to {unpacked} bytes, more than fengong reads ({MAX_UNPACKED_BYTES})"
        ));
    }
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("the workbook cannot be read: {e}"))?;
    let mut out = String::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("sheet {name:?} cannot be read: {e}"))?;
        let merges = match book.worksheet_merge_cells(&name) {
            Some(Ok(merges)) => merges,
            Some(Err(e)) => return Err(format!("sheet {name:?}'s merged cells: {e}")),
            None => Vec::new(),
        };
        sheet(&mut out, &range, &merges);
    }
    Ok(out)
}

/// One sheet's text.
fn sheet(out: &mut String, range: &calamine::Range<Data>, merges: &[calamine::Dimensions]) {
    let Some((top, left)) = range.start() else {
        return;
    };
    let rows: Vec<Vec<String>> = range
        .rows()
        .take(MAX_ROWS)
        .map(|row| row.iter().take(MAX_COLUMNS).map(cell_text).collect())
        .collect();
    // The merges within the range: top-left (row, column), rows down, columns across; sorted
    // by their first row, swept row by row (a cell is covered by at most one merge, so the
    // sweep costs what the rows do).
    let mut merges: Vec<(usize, usize, usize, usize)> = merges
        .iter()
        .filter_map(|m| {
            let r0 = m.start.0.checked_sub(top)? as usize;
            let c0 = m.start.1.checked_sub(left)? as usize;
            let down = m.end.0.checked_sub(m.start.0)? as usize + 1;
            let across = (m.end.1.checked_sub(m.start.1)? as usize + 1).min(MAX_COLUMNS);
            (r0 < rows.len()).then_some((r0, c0, down, across))
        })
        .collect();
    merges.sort_unstable();
    // Per row: which cells a merge covers, and the spans of the merges that start there.
    let mut covered: Vec<Vec<bool>> = Vec::with_capacity(rows.len());
    let mut starts: Vec<Vec<(usize, usize, usize)>> = Vec::with_capacity(rows.len());
    let mut active: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut next = 0;
    for (r, row) in rows.iter().enumerate() {
        active.retain(|&(r0, _, down, _)| r < r0 + down);
        let mut here = Vec::new();
        while next < merges.len() && merges[next].0 == r {
            let (_, c0, down, across) = merges[next];
            here.push((c0, down, across));
            active.push(merges[next]);
            next += 1;
        }
        let mut cells = vec![false; row.len()];
        for &(r0, c0, _, across) in &active {
            for (c, cell) in cells.iter_mut().enumerate().skip(c0).take(across) {
                *cell = !(r == r0 && c == c0);
            }
        }
        covered.push(cells);
        starts.push(here);
    }
    let is_covered = |r: usize, c: usize| covered[r].get(c).copied().unwrap_or(false);
    let filled = |r: usize| {
        rows[r]
            .iter()
            .enumerate()
            .filter(|&(c, t)| !t.is_empty() && !is_covered(r, c))
            .count()
    };
    // The title rows above the table.
    let first = (0..rows.len())
        .find(|&r| filled(r) >= 2)
        .unwrap_or(rows.len());
    for row in &rows[..first] {
        let line: Vec<&str> = row
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .collect();
        if !line.is_empty() {
            markup::paragraph(out, &line.join(" "));
        }
    }
    if first == rows.len() {
        return;
    }
    out.push_str("<table>\n");
    for (r, row) in rows.iter().enumerate().skip(first) {
        out.push_str("<tr>");
        for (c, text) in row.iter().enumerate() {
            if is_covered(r, c) {
                continue;
            }
            out.push_str("<td");
            if let Some(&(_, down, across)) = starts[r].iter().find(|(c0, _, _)| *c0 == c) {
                if across > 1 {
                    out.push_str(&format!(" colspan=\"{across}\""));
                }
                if down > 1 {
                    out.push_str(&format!(" rowspan=\"{down}\""));
                }
            }
            out.push('>');
            markup::escape_html(out, text.trim());
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n\n");
}

/// A cell as Excel shows it: a whole number without `.0`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_and_text() {
        assert_eq!(cell_text(&Data::Float(3.0)), "3");
        assert_eq!(cell_text(&Data::Float(5.5)), "5.5");
        assert_eq!(cell_text(&Data::String("县发改局".into())), "县发改局");
        assert_eq!(cell_text(&Data::Empty), "");
    }

    #[test]
    fn title_rows_then_the_table_with_its_merges() {
        // From row 2 (0-based 1): the title merged across, the header, a section row merged
        // across, two tasks whose lead cell is merged down.
        let mut range = calamine::Range::new((1, 0), (5, 2));
        let s = |t: &str| Data::String(t.to_owned());
        range.set_value((1, 0), s("2027年目标任务分解"));
        for (c, h) in ["序号", "目标任务", "牵头单位"].iter().enumerate() {
            range.set_value((2, c as u32), s(h));
        }
        range.set_value((3, 0), s("一、稳定增长"));
        range.set_value((4, 0), Data::Float(1.0));
        range.set_value((4, 1), s("增长6%。"));
        range.set_value((4, 2), s("县发改局"));
        range.set_value((5, 0), Data::Float(2.0));
        range.set_value((5, 1), s("增长8%。"));
        let merges = [
            calamine::Dimensions::new((1, 0), (1, 2)),
            calamine::Dimensions::new((3, 0), (3, 2)),
            calamine::Dimensions::new((4, 2), (5, 2)),
        ];
        let mut out = String::new();
        sheet(&mut out, &range, &merges);
        assert_eq!(
            out,
            "2027年目标任务分解\n\n<table>\n\
             <tr><td>序号</td><td>目标任务</td><td>牵头单位</td></tr>\n\
             <tr><td colspan=\"3\">一、稳定增长</td></tr>\n\
             <tr><td>1</td><td>增长6%。</td><td rowspan=\"2\">县发改局</td></tr>\n\
             <tr><td>2</td><td>增长8%。</td></tr>\n</table>\n\n"
        );
    }

    #[test]
    fn a_zip_that_is_no_workbook() {
        assert!(!is_workbook(b"PK\x03\x04 not really"));
        assert!(text(b"PK\x03\x04 not really").is_err());
    }
}
