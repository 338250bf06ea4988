//! A merged cell's lines spread over the rows it covers (PyMuPDF 2's layout mode, the default
//! of `pymupdf` 2.x): Word draws a cell merged over tasks 7–9 with its text in lines, and the
//! converter gives each line to the row it stands beside, cut wherever the line ends:
//! `县工信局、县商` / `务局` and `县融媒体中心、县政府` / `办、县卫健局、县水利` / `局`.
//!
//! - **Detector** ([`detect`]): two rows of one page, a names or deadline cell of the lower
//!   one beginning with a piece no name begins with (`务局`, `办`; `底前` in a deadline), under
//!   a cell that ends cut (`县商`, `2027年9月`) or whose last name that piece would complete
//!   (`县政府` + `办`).
//!   Right under a cell (no row between, both rows written with every cell), also a cell
//!   ending with a separator after a whole name (`县政府办；县统计局；` / `县卫健局`), and one
//!   whose last name, a level in it, ends like no name but makes one with the lower cell's
//!   first piece (`县科技局 崇信区高新` / `区管委会`, `开发区管` / `委会`).
//! - **Repair**: the lower cell's text joins the cell above (without a break: the line ended
//!   inside a name) and the lower cell is left empty, so that its task inherits the merged
//!   cell as the rows a merge covers do; again for the row under it, while the shape goes on.
//! - **Diagnostic**: `W024` on the rows joined and the rows under that inherit the joined
//!   cell (a reading to check); and on the row right above, when its cell has text: the
//!   merged cell may have begun there, which nothing in the output tells.
//!
//! Fixtures: `fixtures/repair-spread-cell-fires.md` (PyMuPDF 2 layout), and
//! `fixtures/repair-spread-cell-not-here.md` (rows whose cells each hold whole names).

use std::borrow::Cow;

use super::page_split_cell::{
    NAME_COLUMNS, NAME_SEPARATORS, column_name, ends_cut, joined_lines, last_piece, parts_names,
};
use crate::dataset::Column;
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Rules;
use crate::span::{LineIndex, Span};
use crate::stitch::LogicalTable;
use crate::text;
use crate::units;

/// The first piece of a names cell, before its first separator, its line breaks removed.
fn first_piece(cell: &str) -> Cow<'_, str> {
    let cell = cell.trim_start();
    joined_lines(cell.split(parts_names).next().unwrap_or(cell))
}

/// Whether the lower cell `below` of `column` goes on with the cell `above` right over it
/// (no row between, or only rows this pass emptied): besides what [`goes_on`] reads, a
/// names cell that ends with a separator (`县政府办；县统计局；` over `县卫健局`), and one whose
/// last piece ends like no name but makes one with the lower cell's first piece, even a piece
/// begun by a level (`崇信区高新` over `区管委会`, `开发区管` over `委会`, `市审计局 国` over
/// `网金沙市供电公司`). Read only for the row right under: a cell ending so further up is
/// more likely a cell of its own, written cut.
fn goes_on_right_under(above: &str, below: &str, column: Column, rules: &Rules) -> bool {
    if goes_on(above, below, column, rules) {
        return true;
    }
    let (above, below) = (text::trim(above), text::trim(below));
    if above.is_empty() || below.is_empty() || column == Column::Deadline {
        return false;
    }
    let after_separator = above.ends_with(NAME_SEPARATORS);
    // Most cells end with a whole name: they are ruled out first, by the tests that cost least
    // (a cell that ends like a name as written ends with a name that does, and a piece that
    // ends so as written ends so with its spaces removed too).
    if !after_separator
        && (column == Column::Leaders || units::ends_like_name_as_written(above, rules))
    {
        return false;
    }
    // The last name by its marks, its spaces and breaks removed: a space may be a wrap inside
    // a name (`县政府各部 门`, pdfplumber).
    let last_written = above
        .trim_end_matches(NAME_SEPARATORS)
        .rsplit(NAME_SEPARATORS)
        .next()
        .unwrap_or_default();
    if !after_separator && units::ends_like_name(last_written, rules) {
        return false;
    }
    let last = text::compact_cow(last_written);
    if after_separator {
        // The piece before the separator is a whole name: the list goes on below.
        if column != Column::Leaders && !units::ends_like_name(&last, rules) {
            return false;
        }
    } else if column == Column::Leaders
        // A name cut: short, no sentence in it, a level inside (the name's own, `崇信区高新`,
        // or the whole name's before it, `市审计局国`), ending like no name and with no role
        // word.
        || last.chars().count() > MAX_CUT_CHARS
        || last.contains(['。', '！', '？', '：', ':', '…'])
        || !last.chars().any(|c| rules.is_unit_level(c))
        || units::ends_like_name(&last, rules)
        || rules.role_word_ending(&last).is_some()
    {
        return false;
    }
    // A heading a converter spread over the row's cells (`一、` in a lead column) is no
    // names cell, above or below.
    let heading =
        |s: &str| text::section_heading(s).is_some() || text::subcategory_label(s).is_some();
    if heading(above) || heading(below) {
        return false;
    }
    if after_separator {
        return true;
    }
    let first = first_piece(below);
    !first.is_empty() && units::ends_like_name(&format!("{last}{first}"), rules)
}

/// Most characters of the last piece of a cell cut inside a name (`金沙经济开发区管`); a
/// longer piece that ends like no name is a sentence, not a name cut.
const MAX_CUT_CHARS: usize = 20;

/// Whether the lower cell `below` of `column` goes on with the cell `above`.
fn goes_on(above: &str, below: &str, column: Column, rules: &Rules) -> bool {
    let (above, below) = (text::trim(above), text::trim(below));
    if above.is_empty() || below.is_empty() {
        return false;
    }
    if column == Column::Deadline {
        // `2027年9月` / `底前`, `2026年` / `10月底前`.
        let cut = above.ends_with(['年', '月']) && !above.ends_with("年底");
        let rest = below.starts_with(['底', '前', '日', '中', '上', '下'])
            || (above.ends_with('年') && below.contains('月') && !below.contains('年'));
        return cut && rest;
    }
    // A piece begun by a level begins a name (checked before the pieces are cut out: most
    // cells begin so).
    if below.starts_with(|c| rules.is_unit_level(c)) {
        return false;
    }
    let first = first_piece(below);
    let first = &*first;
    if first.is_empty() {
        return false;
    }
    if column == Column::Leaders {
        return ends_cut(above, column, rules) && first.chars().count() <= 2;
    }
    ends_cut(above, column, rules)
        || ((first.chars().count() == 1 || !units::ends_like_name(first, rules))
            && units::ends_like_name(&format!("{}{first}", last_piece(above)), rules))
}

/// The columns this pass reads.
fn spread_columns(column: Column) -> bool {
    NAME_COLUMNS.contains(&column) || column == Column::Deadline
}

/// Whether two rows of one page have a cell that goes on with the one above.
pub(super) fn detect(table: &LogicalTable<'_>, rules: &Rules) -> bool {
    (1..table.rows.len()).any(|i| {
        let (upper, lower) = (&table.rows[i - 1], &table.rows[i]);
        let columns = &table.tables[upper.table].columns;
        let whole = upper.written >= columns.len() && lower.written >= columns.len();
        upper.table == lower.table
            && columns
                .iter()
                .zip(upper.cells.clone().zip(lower.cells.clone()))
                .any(|(&c, (a, b))| {
                    let (above, below) = (&table.cells[a].text, &table.cells[b].text);
                    spread_columns(c)
                        && if whole {
                            goes_on_right_under(above, below, c, rules)
                        } else {
                            goes_on(above, below, c, rules)
                        }
                })
    })
}

/// Each spread cell joined into the row where it starts.
pub(super) fn repair(
    table: &mut LogicalTable<'_>,
    lines: &LineIndex,
    rules: &Rules,
    diags: &mut Vec<Diagnostic>,
) {
    // The cells this pass emptied, and the cells it joined into (warned once each about the
    // row above them).
    let mut emptied = vec![false; table.cells.len()];
    let mut joined_into: Vec<usize> = Vec::new();
    for i in 1..table.rows.len() {
        let (upper, lower) = (table.rows[i - 1].table, table.rows[i].table);
        if upper != lower {
            continue;
        }
        let columns = table.tables[upper].columns.clone();
        for (k, &column) in columns.iter().enumerate() {
            if !spread_columns(column) {
                continue;
            }
            // The cell holding the merged text: the nearest one above with text, across
            // cells emptied by this pass or left empty by the merge, on this page.
            let Some(holder_row) = (0..i)
                .rev()
                .take_while(|&h| table.rows[h].table == upper)
                .find(|&h| {
                    !table.cells[table.rows[h].cells.start + k]
                        .text
                        .trim()
                        .is_empty()
                })
            else {
                continue;
            };
            let holder = table.rows[holder_row].cells.start + k;
            let right_under = (holder_row + 1..i).all(|h| emptied[table.rows[h].cells.start + k]);
            let b = table.rows[i].cells.start + k;
            let (above, below) = (&table.cells[holder].text, &table.cells[b].text);
            // Rows written with every cell: a row written short holds cells the records
            // stage places by what they hold (`short_row`), not by their position.
            let whole = |r: usize| table.rows[r].written >= columns.len();
            let right_under = right_under && whole(holder_row) && whole(i);
            let spread = if right_under {
                goes_on_right_under(above, below, column, rules)
            } else {
                goes_on(above, below, column, rules)
            };
            if !spread {
                continue;
            }
            let rest = std::mem::take(&mut table.cells[b].text);
            emptied[b] = true;
            let rest_span = table.cells[b].span;
            table.cells[b].span = Span::new(rest_span.start, rest_span.start);
            let cell = &mut table.cells[holder];
            let cut = text::preview(&last_piece(&cell.text), 12);
            let mut joined = cell.text.trim_end().to_owned();
            joined.push_str(rest.trim_start());
            cell.text = Cow::Owned(joined);
            cell.span = cell.span.cover(rest_span);
            let name = if column == Column::Deadline {
                "deadline"
            } else {
                column_name(column)
            };
            // The rows under that inherit the joined cell read it too.
            let last_row = inheriting_rows(table, i, k);
            diags.push(Diagnostic::new(
                Code::SpreadCell,
                table.cells[holder].span.cover(table.rows[last_row].span),
                lines,
                format!(
                    "the {name} cell under {cut:?} begins with {:?}, the rest of it (a merged \
                     cell's lines spread over the rows it covers, as PyMuPDF's layout mode \
                     writes them): joined to it, the row inheriting it; check it",
                    text::preview(rest.trim(), 12),
                ),
            ));
            if !joined_into.contains(&holder) {
                joined_into.push(holder);
                warn_row_above(table, holder_row, k, name, lines, diags);
            }
        }
    }
}

/// The last row from `i` on (on its page) whose cell `k` is empty, inheriting the cell above:
/// up to the next cell with text or the next section row.
fn inheriting_rows(table: &LogicalTable<'_>, i: usize, k: usize) -> usize {
    let page = table.rows[i].table;
    (i + 1..table.rows.len())
        .take_while(|&j| {
            let row = &table.rows[j];
            row.table == page
                && text::trim(&table.cells[row.cells.start + k].text).is_empty()
                && !table.cells[row.cells.clone()]
                    .iter()
                    .any(|c| text::section_heading(&c.text).is_some())
        })
        .last()
        .unwrap_or(i)
}

/// A cell with text right above a spread cell's first row, on its page: the merged cell may
/// have begun there (its first lines written in that row, ending with a whole name), so the
/// row's reading is uncertain too. Warned, not joined.
fn warn_row_above(
    table: &LogicalTable<'_>,
    holder_row: usize,
    k: usize,
    name: &str,
    lines: &LineIndex,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(h) = holder_row.checked_sub(1) else {
        return;
    };
    let (row, holder) = (&table.rows[h], &table.rows[holder_row]);
    let cell = &table.cells[row.cells.start + k];
    if row.table != holder.table || text::trim(&cell.text).is_empty() {
        return;
    }
    diags.push(Diagnostic::new(
        Code::SpreadCell,
        row.span,
        lines,
        format!(
            "the {name} cell {:?} stands right above a merged cell whose lines were spread over \
             the rows under it (PyMuPDF's layout mode): the merged cell may begin here, its \
             first lines in this row; read as a cell of its own, check it",
            text::preview(text::trim(&cell.text), 12),
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_goes_on_with_the_one_above() {
        let rules = Rules::builtin();
        let r = Column::Responsible;
        assert!(goes_on("县工信局、县商", "务局", Column::Lead, rules));
        assert!(goes_on(
            "县融媒体中心、县政府",
            "办、县卫健局、县水利",
            r,
            rules
        ));
        assert!(goes_on("县发展和改革", "局", Column::Lead, rules));
        assert!(goes_on("2027年9月", "底前", Column::Deadline, rules));
        assert!(goes_on("2026年", "10月底前", Column::Deadline, rules));
        assert!(goes_on("高文博、赵", "娟", Column::Leaders, rules));
        // Whole names each: no.
        assert!(!goes_on("县工信局", "县商务局", Column::Lead, rules));
        assert!(!goes_on("县工信局", "各乡镇人民政府", r, rules));
        assert!(!goes_on("县政府", "国网临泽县供电公司", r, rules));
        assert!(!goes_on(
            "2027年9月底前",
            "2027年10月底前",
            Column::Deadline,
            rules
        ));
        assert!(!goes_on("高文博", "赵娟", Column::Leaders, rules));
    }

    #[test]
    fn a_cell_that_goes_on_with_the_one_right_above() {
        let rules = Rules::builtin();
        let r = Column::Responsible;
        assert!(goes_on_right_under(
            "县政府办；县统计局；",
            "县卫健局",
            r,
            rules
        ));
        assert!(goes_on_right_under(
            "县科技局 青川县高新",
            "区管委会",
            r,
            rules
        ));
        assert!(goes_on_right_under("青川经济开发区管", "委会", r, rules));
        assert!(goes_on_right_under(
            "县审计局 国",
            "网青川县供电公司",
            r,
            rules
        ));
        // Whole names, a sentence, a deadline, a heading: no.
        assert!(!goes_on_right_under(
            "县卫健局；县统计局",
            "县水利局",
            r,
            rules
        ));
        assert!(!goes_on_right_under("县政府各部 门", "县水利局", r, rules));
        assert!(!goes_on_right_under(
            "长期坚持",
            "县医保局；县民政局",
            r,
            rules
        ));
        assert!(!goes_on_right_under(
            "开展扫黑除恶斗争。",
            "县公安局",
            Column::Lead,
            rules
        ));
        assert!(!goes_on_right_under(
            "一、",
            "县公安局",
            Column::Lead,
            rules
        ));
        assert!(!goes_on_right_under(
            "县统计局，",
            "四、深化重点领域改革",
            r,
            rules
        ));
    }
}
