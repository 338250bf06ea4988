//! A row written with fewer cells than its header: a converter that leaves out the cells a
//! merge covers (markitdown and pandoc's pipe tables from a `.docx`, some PDF converters).
//! Its cells go to the columns what they hold belongs in ([`placement`]), the columns left
//! over are empty (merged cells).
//!
//! Detector: the row has fewer cells written than its table has columns. Code: W016
//! (`ShortRow`).

use crate::diagnostic::{Code, Diagnostic};
use crate::placement;
use crate::rules::Rules;
use crate::span::{LineIndex, Span};
use crate::stitch::{LogicalTable, RowCells};
use crate::table::Cell;

/// Whether the row has fewer cells written than its table has columns.
pub fn detect(row: &RowCells<'_, '_>) -> bool {
    row.written < row.cells.len()
}

/// A row with fewer cells than its header: its cells moved to the columns what they hold
/// belongs in ([`placement`]), the columns left over empty (merged cells), and a warning.
pub fn repair<'t>(
    table: &LogicalTable<'_>,
    row: &mut RowCells<'_, 't>,
    rules: &Rules,
    lines: &LineIndex,
    diags: &mut Vec<Diagnostic>,
) {
    let columns = table.columns(row);
    let (written, width) = (row.written, row.cells.len());
    if columns.len() != width {
        return;
    }
    let texts: Vec<&str> = row.cells[..written].iter().map(|c| &*c.text).collect();
    let to = placement::place(&texts, columns, rules);
    let empty = |at: usize| Cell {
        text: "".into(),
        span: Span::new(at, at),
    };
    let mut placed: Vec<Cell<'t>> = (0..width).map(|_| empty(row.span.end)).collect();
    for (i, &j) in to.iter().enumerate() {
        placed[j] = std::mem::replace(&mut row.cells[i], empty(row.span.end));
    }
    for (slot, cell) in row.cells.iter_mut().zip(placed) {
        *slot = cell;
    }
    let header = &table.tables[table.header_of[row.table]].header;
    let name = |j: usize| {
        header
            .get(j)
            .filter(|h| !h.is_empty())
            .map_or_else(|| format!("column {}", j + 1), |h| h.to_string())
    };
    let filled: Vec<String> = to.iter().map(|&j| name(j)).collect();
    let left: Vec<String> = (0..width).filter(|j| !to.contains(j)).map(name).collect();
    let verb = if left.len() == 1 {
        "left empty, as a merged cell"
    } else {
        "left empty, as merged cells"
    };
    diags.push(Diagnostic::new(
        Code::ShortRow,
        row.span,
        lines,
        format!(
            "row has {written} cells where its table has {width} (a converter may have left \
             out the cells a merge covers); placed by what they hold: {}; {} {verb}",
            filled.join(", "),
            match left.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                None => String::new(),
            },
        ),
    ));
}
