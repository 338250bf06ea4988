//! Converter repairs: the readings for the shapes one converter gives a table, each a pass of
//! its own in a file of its own, with a cheap detector that says whether its shape is here,
//! the repair, the diagnostic code it emits, and a doc comment naming the converters. A pass
//! whose shape is not here costs its detector and nothing else.
//!
//! The passes run in the order of [`PAGE_PASSES`] on each page table as a converter wrote it
//! (before the pages are stitched into one table), then [`TABLE_PASSES`] on the stitched
//! table. [`fragments`] decides, before either, whether the tables are fragments to be read
//! as lines. Row by row, as the records stage reads each task row, [`short_row`] and then
//! [`covered_cells`] run on it, and [`split_heading`] on a row that is no section or
//! sub-category row as written; once all rows are read, [`page_end`] on what they left.
//! [`grid_overflow`] and [`cut_words`] run earlier still, while the blocks stage reads a
//! pandoc grid or multiline table's cells out of their lines (`crate::grid`): the shapes
//! they repair are gone once a cell's lines are joined.
//!
//! Each pass has a fixture where it must fire and a near miss where it must not:
//! `fixtures/repair-<shape>-fires.md` and `fixtures/repair-<shape>-not-here.md`, checked by
//! `tests/repairs.rs`.

pub mod closing_row;
pub mod continuation;
pub mod covered_cells;
pub mod cut_words;
pub mod fragments;
pub mod grid_overflow;
pub mod header_spill;
pub mod joined_columns;
pub mod label_column;
pub mod merged_heading;
pub mod moved_punctuation;
pub mod page_end;
pub mod page_split_cell;
pub mod placeholder_header;
pub mod rows_run_together;
pub mod short_row;
pub mod split_heading;
pub mod spread_cell;
pub mod spread_label;
pub mod two_row_header;

use crate::diagnostic::Diagnostic;
use crate::rules::Rules;
use crate::span::LineIndex;
use crate::stitch::LogicalTable;
use crate::table::{Cell, PageTable};

/// A repair of one page table, before the pages are stitched.
pub struct PagePass {
    /// Whether the shape may be in the page: cheap, and never false where it is.
    pub detect: fn(&PageTable, &[Cell<'_>], &Rules) -> bool,
    /// The repair: the page and the cells changed, what was done said in diagnostics.
    pub repair:
        for<'a> fn(&mut PageTable, &mut Vec<Cell<'a>>, &LineIndex, &Rules, &mut Vec<Diagnostic>),
}

/// A repair of the stitched table.
pub struct TablePass {
    /// Whether the shape may be in the table: cheap, and never false where it is.
    pub detect: fn(&LogicalTable<'_>, &Rules) -> bool,
    /// The repair.
    pub repair: fn(&mut LogicalTable<'_>, &LineIndex, &Rules, &mut Vec<Diagnostic>),
}

/// The passes over each page table, in the order they run.
pub const PAGE_PASSES: [PagePass; 4] = [
    PagePass {
        detect: placeholder_header::detect,
        repair: placeholder_header::repair,
    },
    PagePass {
        detect: two_row_header::detect,
        repair: two_row_header::repair,
    },
    PagePass {
        detect: header_has_line_break,
        repair: header_spill::repair,
    },
    PagePass {
        detect: header_has_line_break,
        repair: joined_columns::repair,
    },
];

/// The passes over the stitched table, in the order they run.
pub const TABLE_PASSES: [TablePass; 9] = [
    TablePass {
        detect: label_column::detect,
        repair: label_column::repair,
    },
    TablePass {
        detect: moved_punctuation::detect,
        repair: moved_punctuation::repair,
    },
    TablePass {
        detect: merged_heading::detect,
        repair: merged_heading::repair,
    },
    TablePass {
        detect: continuation::detect,
        repair: continuation::repair,
    },
    TablePass {
        detect: spread_label::detect,
        repair: spread_label::repair,
    },
    TablePass {
        detect: spread_cell::detect,
        repair: spread_cell::repair,
    },
    TablePass {
        detect: page_split_cell::detect,
        repair: page_split_cell::repair,
    },
    TablePass {
        detect: closing_row::detect,
        repair: closing_row::repair,
    },
    TablePass {
        detect: rows_run_together::detect,
        repair: rows_run_together::repair,
    },
];

/// Run the page passes on each page, in order, where their shape is.
pub fn pages<'a>(
    pages: &mut [PageTable],
    cells: &mut Vec<Cell<'a>>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    for page in pages {
        for pass in &PAGE_PASSES {
            if (pass.detect)(page, cells, rules) {
                (pass.repair)(page, cells, lines, rules, diags);
            }
        }
    }
}

/// Run the table passes on the stitched table, in order, where their shape is.
pub fn table(
    table: &mut LogicalTable<'_>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    for pass in &TABLE_PASSES {
        if (pass.detect)(table, rules) {
            (pass.repair)(table, lines, rules, diags);
        }
    }
}

/// Whether a cell of the page's header holds a line break: where a PDF converter put what a
/// rule would have separated (a row under the header, a second column).
fn header_has_line_break(page: &PageTable, cells: &[Cell<'_>], _: &Rules) -> bool {
    cells[page.header.cells.clone()]
        .iter()
        .any(|c| c.text.contains('\n'))
}
