//! Which columns a header row names: each header cell's role by `data/headers.tsv`, with the
//! readings of blank and repeated header cells that spanned columns.

use crate::dataset::Column;
use crate::rules::{Role, Rules};
use crate::table::Cell;

/// The column roles `row` names, if it is a header row: it names a task column and at least
/// one other known column.
pub fn header_columns(cells: &[Cell<'_>], rules: &Rules) -> Option<Vec<Column>> {
    // Most rows are body rows: rule them out before allocating. Header cells are short.
    const MAX_HEADER_CELL_BYTES: usize = 64;
    if cells.iter().any(|c| c.text.len() > MAX_HEADER_CELL_BYTES) {
        return None;
    }
    // Each cell's role, read once.
    let roles: Vec<Option<Role>> = cells.iter().map(|c| rules.header_role(&c.text)).collect();
    let known = roles.iter().flatten().count();
    if !roles.contains(&Some(Role::Task)) || known < 2 {
        return None;
    }
    let mut columns: Vec<Column> = Vec::with_capacity(roles.len());
    // Whether a column has been made the label column (there is one at most).
    let mut has_label = false;
    for (cell, role) in cells.iter().zip(roles) {
        let column = match role {
            Some(Role::Seq) => Column::Seq,
            // 目标任务 written out over both columns it spans (Docling): label, then text.
            Some(Role::Task) if columns.last() == Some(&Column::Text) && !has_label => {
                if let Some(prev) = columns.last_mut() {
                    *prev = Column::Label;
                    has_label = true;
                }
                Column::Text
            }
            Some(Role::Task) => Column::Text,
            Some(Role::Lead) => Column::Lead,
            Some(Role::Responsible) => Column::Responsible,
            Some(Role::Leaders) => Column::Leaders,
            Some(Role::Deadline) => Column::Deadline,
            None if is_blank_header(&cell.text) => {
                match columns.last_mut() {
                    // 目标任务 spanning two columns: sub-category label, then task text.
                    Some(prev @ Column::Text) if !has_label => {
                        *prev = Column::Label;
                        has_label = true;
                        Column::Text
                    }
                    Some(prev) => *prev,
                    None => Column::Unknown,
                }
            }
            None => Column::Unknown,
        };
        columns.push(column);
    }
    // A blank header cell right before the task column's, in a table with no number column:
    // 目标任务 spanning the sub-category label and task columns, its name written in the right
    // one (PyMuPDF's layout mode centres it there): the label column.
    if !has_label && !columns.contains(&Column::Seq) {
        if let Some(i) = (0..columns.len().saturating_sub(1)).find(|&i| {
            columns[i] == Column::Unknown
                && columns[i + 1] == Column::Text
                && is_blank_header(&cells[i].text)
        }) {
            columns[i] = Column::Label;
        }
    }
    Some(columns)
}

/// Whether a header cell is blank: empty, or the name a converter gives a column whose header
/// is (pymupdf4llm's `Col3`).
fn is_blank_header(text: &str) -> bool {
    let text = text.trim();
    text.is_empty()
        || text
            .strip_prefix("Col")
            .is_some_and(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn row<'a>(cells: &[&'a str]) -> Vec<Cell<'a>> {
        cells
            .iter()
            .map(|t| Cell {
                text: (*t).into(),
                span: Span::default(),
            })
            .collect()
    }

    #[test]
    fn a_blank_header_before_the_task_column_is_the_label_column() {
        use Column::*;
        let rules = Rules::builtin();
        // PyMuPDF's layout writes 目标任务 spanning label and text in the right cell.
        assert_eq!(
            header_columns(&row(&["", "重点工作", "主要责任单位", "配合单位"]), rules),
            Some(vec![Label, Text, Lead, Responsible])
        );
        // With a number column, a blank cell before the task column is not read so.
        assert_eq!(
            header_columns(&row(&["序号", "", "重点工作", "牵头单位"]), rules),
            Some(vec![Seq, Seq, Text, Lead])
        );
    }

    #[test]
    fn header_columns_by_name() {
        use Column::*;
        let cases: &[(&[&str], Option<Vec<Column>>)] = &[
            (
                &["序号", "目标任务", "牵头单位", "责任单位"],
                Some(vec![Seq, Text, Lead, Responsible]),
            ),
            (
                &["序号", "目标任务", "", "牵头单位", "责任单位"],
                Some(vec![Seq, Label, Text, Lead, Responsible]),
            ),
            (
                &["序 号", "目 标 任 务", "", "责 任 单 位"],
                Some(vec![Seq, Label, Text, Responsible]),
            ),
            // pymupdf4llm names a column with a blank header `Col3`.
            (
                &["序号", "目标任务", "Col3", "牵头单位", "责任单位"],
                Some(vec![Seq, Label, Text, Lead, Responsible]),
            ),
            (
                &["序号", "重点工作任务", "牵头单位", "", "配合单位"],
                Some(vec![Seq, Text, Lead, Lead, Responsible]),
            ),
            (
                &["序号", "目标任务", "目标任务", "牵头单位", "责任单位"],
                Some(vec![Seq, Label, Text, Lead, Responsible]),
            ),
            (
                &["序号", "目标任务", "备注"],
                Some(vec![Seq, Text, Unknown]),
            ),
            (
                &["1", "地区生产总值增长5%左右", "县发改局", "各乡镇人民政府"],
                None,
            ),
            (&["目标任务"], None),
            (&["序号", "牵头单位"], None),
        ];
        for (cells, want) in cases {
            assert_eq!(
                &header_columns(&row(cells), Rules::builtin()),
                want,
                "{cells:?}"
            );
        }
    }
}
