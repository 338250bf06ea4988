//! Short rows: a converter that leaves out the cells a vertical merge covers (markitdown does)
//! writes rows with fewer cells than the header, the later ones shifted left:
//!
//! ```text
//! | 序号 | 工作任务 | 责任领导 | 牵头单位 | 责任单位 |
//! | 1 | 规模以上工业增加值增长6%。 | 李明 | 市工信局 | 各县（市、区）人民政府 |
//! | 2 | 新培育专精特新中小企业20家。 | 市工信局 | 市科技局、市财政局 |
//! ```
//!
//! Row 2's cells are placed by what they hold, keeping their order: a number in the number
//! column, a sentence in the text column, person names among the leaders, a date-like cell in
//! the deadline column, a unit list in a unit column (one department more likely the lead, a
//! list or a group such as 各乡镇人民政府 more likely the responsible units). The columns left
//! without a cell are the merged ones: empty, they inherit from the task above as any merged
//! cell does. The best placement is found by dynamic programming over (cells, columns).

use crate::dataset::Column;
use crate::rules::Rules;
use crate::text;
use crate::units;

/// What a cell holds, as far as placing it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Empty,
    Number,
    Label,
    Sentence,
    Date,
    /// Unit names: several of them, or a group (`各乡镇人民政府`, `县政府各部门`).
    Units {
        several_or_group: bool,
    },
    People,
    Other,
}

/// Longest cell, in characters, that can be a deadline or a list of names rather than a
/// sentence.
const SHORT_CELL: usize = 40;

fn kind(cell: &str, rules: &Rules) -> Kind {
    let cell = text::trim(cell);
    if cell.is_empty() {
        return Kind::Empty;
    }
    if text::task_number(cell).is_some() {
        return Kind::Number;
    }
    if text::subcategory_label(cell).is_some() {
        return Kind::Label;
    }
    let names: Vec<crate::dataset::Name> = units::split_names(cell, rules);
    let unit_like = !names.is_empty() && names.iter().all(|n| units::ends_like_name(n, rules));
    if is_sentence(cell, unit_like) {
        return Kind::Sentence;
    }
    if rules.has_deadline_word(cell) {
        return Kind::Date;
    }
    if unit_like {
        return Kind::Units {
            several_or_group: names.len() > 1 || names.iter().any(|n| n.contains('各')),
        };
    }
    let person = |n: &crate::dataset::Name| (2..=4).contains(&n.chars().count());
    if !names.is_empty() && names.iter().all(person) {
        return Kind::People;
    }
    Kind::Other
}

/// Whether a name cell (units, leaders) holds a sentence rather than names: see
/// [`is_sentence`], with the cell's pieces tried as unit names.
pub(crate) fn reads_as_sentence(cell: &str, rules: &Rules) -> bool {
    let cell = text::trim(cell);
    // Whether its parts are unit names is asked only when the answer matters.
    has_full_stop(cell)
        || (looks_like_prose(cell) && !pieces_are_names(&units::split(cell, rules), rules))
}

/// [`reads_as_sentence`] for a cell already split into units.
pub(crate) fn split_reads_as_sentence(cell: &str, split: &units::Split<'_>, rules: &Rules) -> bool {
    let cell = text::trim(cell);
    has_full_stop(cell) || (looks_like_prose(cell) && !pieces_are_names(split, rules))
}

fn pieces_are_names(split: &units::Split<'_>, rules: &Rules) -> bool {
    !split.pieces.is_empty()
        && split
            .pieces
            .iter()
            .all(|p| units::ends_like_name(p.raw, rules))
}

/// A `。` inside `cell`, not only at its end.
fn has_full_stop(cell: &str) -> bool {
    cell.trim_end_matches(SENTENCE_ENDS).contains('。')
}

/// Long, ending in sentence punctuation, or holding a comma: prose, unless its parts are
/// unit names.
fn looks_like_prose(cell: &str) -> bool {
    cell.chars().count() > SHORT_CELL
        || cell.trim_end_matches(SENTENCE_ENDS).len() < cell.len()
        || cell.contains(['，', ','])
}

const SENTENCE_ENDS: [char; 5] = ['。', '；', '！', '.', ';'];

/// Whether a cell reads as a sentence: a `。` inside it; or, its parts not being unit names,
/// long, ending in sentence punctuation or holding a comma.
pub(crate) fn is_sentence(cell: &str, unit_like: bool) -> bool {
    has_full_stop(cell) || (!unit_like && looks_like_prose(cell))
}

/// How well a cell of `kind` fits a column of `role`: higher is better.
fn fit(kind: Kind, role: Column) -> i32 {
    use Column as C;
    use Kind as K;
    match (kind, role) {
        (K::Empty, _) | (_, C::Unknown) => 0,
        (K::Number, C::Seq) => 4,
        (K::Label, C::Label) => 3,
        (K::Sentence, C::Text) => 3,
        (K::Other | K::Label, C::Text) => 1,
        (K::Date, C::Deadline) => 3,
        (K::Units { several_or_group }, C::Lead) => 2 + i32::from(!several_or_group),
        (K::Units { several_or_group }, C::Responsible) => 2 + i32::from(several_or_group),
        (K::People, C::Leaders) => 3,
        (K::Other, C::Leaders | C::Lead | C::Responsible) => 0,
        (K::Units { .. }, C::Leaders) | (K::People, C::Lead | C::Responsible) => -2,
        _ => -4,
    }
}

/// What leaving a column without a cell costs: the number and the text are never merged
/// down; the label, units, leaders and deadline often are.
fn skip(role: Column) -> i32 {
    match role {
        Column::Seq | Column::Text => -3,
        _ => 0,
    }
}

/// For each of a short row's `cells` (as written, in order), the column it goes to among
/// `columns` (more of them than cells): the order kept, the placement of best fit.
pub fn place(cells: &[&str], columns: &[Column], rules: &Rules) -> Vec<usize> {
    let kinds: Vec<Kind> = cells.iter().map(|c| kind(c, rules)).collect();
    let (n, m) = (kinds.len(), columns.len());
    if n >= m {
        return (0..n).collect();
    }
    // best[i][j]: the best score with the first i cells placed among the first j columns.
    let mut best = vec![vec![i32::MIN / 2; m + 1]; n + 1];
    best[0][0] = 0;
    for j in 1..=m {
        best[0][j] = best[0][j - 1] + skip(columns[j - 1]);
    }
    for i in 1..=n {
        for j in i..=m {
            let skipped = best[i][j - 1] + skip(columns[j - 1]);
            let placed = best[i - 1][j - 1] + fit(kinds[i - 1], columns[j - 1]);
            best[i][j] = skipped.max(placed);
        }
    }
    // Walk back; on a tie the cell takes the later column (the earlier one stays merged).
    let mut out = vec![0; n];
    let (mut i, mut j) = (n, m);
    while i > 0 {
        let placed = best[i - 1][j - 1] + fit(kinds[i - 1], columns[j - 1]);
        if best[i][j] == placed {
            out[i - 1] = j - 1;
            i -= 1;
        } else {
            // j > i here: a cell never lacks a column.
        }
        j -= 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Column as C;

    fn placed(cells: &[&str], columns: &[Column]) -> Vec<usize> {
        place(cells, columns, Rules::builtin())
    }

    #[test]
    fn cells_go_where_what_they_hold_belongs() {
        let leaders = [C::Seq, C::Text, C::Leaders, C::Lead, C::Responsible];
        // The leaders cell merged: the two unit cells are lead and responsible.
        assert_eq!(
            placed(
                &[
                    "2",
                    "新培育专精特新中小企业20家。",
                    "市工信局",
                    "市科技局、市财政局"
                ],
                &leaders
            ),
            [0, 1, 3, 4]
        );
        // One department: the lead; leaders and responsible merged.
        assert_eq!(
            placed(
                &["3", "推进新材料产业园二期建设。", "云川经开区管委会"],
                &leaders
            ),
            [0, 1, 3]
        );
        // A list of units: the responsible; leaders and lead merged.
        assert_eq!(
            placed(
                &["7", "开展职业技能培训1.5万人次。", "市教育局、市总工会"],
                &leaders
            ),
            [0, 1, 4]
        );
        let deadline = [C::Seq, C::Text, C::Lead, C::Responsible, C::Deadline];
        assert_eq!(
            placed(
                &[
                    "7",
                    "农村卫生厕所普及率达到75%。",
                    "县卫生健康局、各乡镇人民政府",
                    "2027年10月底前"
                ],
                &deadline
            ),
            [0, 1, 3, 4]
        );
        assert_eq!(
            placed(
                &["9", "新建高标准农田3.5万亩。", "2027年12月底前"],
                &deadline
            ),
            [0, 1, 4]
        );
        // Person names are leaders, not units.
        assert_eq!(
            placed(
                &["4", "社会消费品零售总额增长5%。", "王芳", "市商务局"],
                &leaders
            ),
            [0, 1, 2, 3]
        );
    }

    #[test]
    fn a_full_row_is_left_alone() {
        assert_eq!(
            placed(&["1", "任务。", "县发改局"], &[C::Seq, C::Text, C::Lead]),
            [0, 1, 2]
        );
    }
}
