//! Diagnostics: everything the reader inferred beyond the rules, found ambiguous, or dropped.
//!
//! A diagnostic is data, not a log line: it is kept in the dataset (so snapshots cover it) and
//! the CLI prints it as `FILE:LINE: warning[W002]: message`. Each has a stable [`Code`]; codes
//! are never reused for another meaning, so other systems may filter on them.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::span::{LineIndex, Span};

/// How much a diagnostic matters. No diagnostic is fatal: fatal problems are [`crate::error::Error`]s.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was probably read wrongly or left out: a person should look.
    Warning,
    /// The reader inferred something the rules do not spell out; the data is complete.
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// The stable identity of a diagnostic. Serialised as its code string (`"W002"`).
///
/// The diagnostics table of `docs/format.md` lists every code with its meaning.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(into = "&'static str", try_from = "String")]
#[non_exhaustive]
pub enum Code {
    /// W001: a header cell names no known column; the column's cells are kept in `extra`.
    #[strum(serialize = "W001")]
    UnknownColumn,
    /// W002: a table row is neither a task, a section, a sub-category nor a header; dropped.
    #[strum(serialize = "W002")]
    UnclassifiedRow,
    /// W003: an empty unit cell (a merged cell) with no earlier task in its section to inherit from.
    #[strum(serialize = "W003")]
    NothingToInherit,
    /// W004: a task row whose number cell is empty or not a number; numbered in order.
    #[strum(serialize = "W004")]
    MissingTaskNumber,
    /// W005: two tasks carry the same number.
    #[strum(serialize = "W005")]
    DuplicateTaskNumber,
    /// W006: a task row before any section row.
    #[strum(serialize = "W006")]
    TaskOutsideSection,
    /// W007: a task row with an empty task text.
    #[strum(serialize = "W007")]
    EmptyTaskText,
    /// W008: the sub-category column holds text that is not a `（一）…` label.
    #[strum(serialize = "W008")]
    UnlabelledSubcategory,
    /// W009: a unit cell has an unbalanced parenthesis.
    #[strum(serialize = "W009")]
    UnbalancedParenthesis,
    /// W010: a unit is listed twice in one cell; the repeat is dropped.
    #[strum(serialize = "W010")]
    DuplicateUnit,
    /// W011: a page table without a header row has a column count unlike the previous layout.
    #[strum(serialize = "W011")]
    ColumnCountMismatch,
    /// W012: the input is not valid in its encoding; bad bytes were replaced with U+FFFD.
    #[strum(serialize = "W012")]
    InvalidEncoding,
    /// W013: a table row has more cells than its header; the extra text joins the last column.
    #[strum(serialize = "W013")]
    ExtraCells,
    /// W014: a requirement names a report and a period, but when it is due cannot be read.
    #[strum(serialize = "W014")]
    UnreadReportingRule,
    /// W015: a sub-category row before any section row; no section lists it.
    #[strum(serialize = "W015")]
    SubcategoryOutsideSection,
    /// W016: a task row has fewer cells than its header (a converter left out the cells a
    /// merge covers); its cells were placed by what they hold.
    #[strum(serialize = "W016")]
    ShortRow,
    /// W017: the last task of a page table stops mid-sentence where most tasks end with 。.
    #[strum(serialize = "W017")]
    TextCutAtPageEnd,
    /// W018: a unit or leaders cell holds a sentence, not names; none are read from it.
    #[strum(serialize = "W018")]
    SentenceInNameCell,
    /// W019: the input's lines were cut into table fragments (a PDF converter's); with no task
    /// table in them, their rows were read as lines of text: a list notice.
    #[strum(serialize = "W019")]
    FragmentsReadAsLines,
    /// W020: a responsible cell repeats the lead cell beside it: read as a cell merged down from
    /// the task above, which a PDF converter filled with its left neighbour's text.
    #[strum(serialize = "W020")]
    RepeatedLeadReadAsMerged,
    /// W021: a long unit name may be several units written together that the split did not
    /// cut (no level character begins the second): read as one.
    #[strum(serialize = "W021")]
    UnitsMaybeRunTogether,
    /// W022: a names cell at a page's foot ends inside a name and the next page's first row
    /// holds the rest: read as one merged cell cut by the page break.
    #[strum(serialize = "W022")]
    PageSplitCell,
    /// W023: a names cell ends inside a name (`市审`) and no row completes it: the rest is
    /// missing.
    #[strum(serialize = "W023")]
    CutName,
    /// W024: a merged cell's lines spread over the rows it covers (PyMuPDF's layout mode),
    /// joined into the row where it starts.
    #[strum(serialize = "W024")]
    SpreadCell,
    /// W025: punctuation a PDF converter wrote on lines of its own (pymupdf4llm 0.x) that
    /// cannot be put back with certainty: the text may have marks out of place.
    #[strum(serialize = "W025")]
    MovedPunctuationUnsure,
    /// W026: a task cell of a table without numbers holds a paragraph that ends before its
    /// line does (PyMuPDF's layout mode can write two tasks beside a merged cell as one row):
    /// the row may hold two tasks.
    #[strum(serialize = "W026")]
    RowsRunTogether,
    /// W027: the text between the tasks and the signature, read as nothing, holds a line of
    /// unit names only: the converter may have left the table's last rows outside it.
    #[strum(serialize = "W027")]
    NamesAfterTasks,
    /// W028: a task's text has a pair of quotation marks with nothing between (`“”开展…`): a
    /// PDF converter moved them out of the words they quoted.
    #[strum(serialize = "W028")]
    MovedQuotes,
    /// I001: a page table has no lead column; its tasks get an empty lead list unless a unit
    /// cell names one by role words.
    #[strum(serialize = "I001")]
    NoLeadColumn,
    /// I002: a page table starts without a header row; it continues the previous layout.
    #[strum(serialize = "I002")]
    HeaderlessPageTable,
    /// I003: a table that is not part of the task table was skipped.
    #[strum(serialize = "I003")]
    SkippedTable,
    /// I004: a table row with no text in any cell, or a stray `|---|` row, was skipped.
    #[strum(serialize = "I004")]
    EmptyRow,
    /// I005: a front-matter field of the notice was not found.
    #[strum(serialize = "I005")]
    NoticeFieldMissing,
    /// I006: a unit name broken by a line wrap was rejoined.
    #[strum(serialize = "I006")]
    UnitRejoined,
    /// I007: a page table has no number column; its tasks are numbered in order.
    #[strum(serialize = "I007")]
    NoSeqColumn,
    /// I008: a section or sub-category row whose text a PDF converter cut across cells was
    /// read as one.
    #[strum(serialize = "I008")]
    SplitHeading,
    /// I009: a header cell names the number and task columns on two lines; the column was
    /// split in two.
    #[strum(serialize = "I009")]
    JoinedColumns,
    /// I010: a row with no number continues the task above it (a page break); joined to it.
    #[strum(serialize = "I010")]
    ContinuationRow,
    /// I011: the notice's title is written over several lines; read as one.
    #[strum(serialize = "I011")]
    TitleOverLines,
    /// I012: units written together without a separator were split at a unit ending.
    #[strum(serialize = "I012")]
    UnitsRunTogether,
    /// I013: a header written over two rows was read as one.
    #[strum(serialize = "I013")]
    TwoRowHeader,
    /// I014: a names cell repeats the text of the number, label or task cell to its left (a
    /// merged cell a PDF converter filled with its neighbour's text): inherited from the task
    /// above, or with none, no value.
    #[strum(serialize = "I014")]
    CoveredCellWrittenOut,
    /// I015: the header row holds the row under it; split into the header and that row.
    #[strum(serialize = "I015")]
    HeaderSwallowedRow,
    /// I016: no task table; the notice was read as a list of numbered paragraphs.
    #[strum(serialize = "I016")]
    ListNotice,
    /// I017: a list task names no lead; its section's heading does.
    #[strum(serialize = "I017")]
    LeadFromHeading,
    /// I018: a list's numbers restart or skip, or its items are bullets without numbers; `seq`
    /// is the running order.
    #[strum(serialize = "I018")]
    ListNumbering,
    /// I019: units given a role other than their cell's or label's by the word after them
    /// (`牵头`, `配合`) or their note (`（牵头）`).
    #[strum(serialize = "I019")]
    RoleFromWords,
    /// I020: a list's tasks name their units in a bracket without a label (`（县发改局）`): read
    /// as responsible units (the first the lead where the notice says the first listed leads).
    #[strum(serialize = "I020")]
    UnlabelledUnits,
    /// I021: words pandoc 2.17 cut at the edge of a grid or multiline table's column
    /// (`县发` / `展和改革局`) joined without a break.
    #[strum(serialize = "I021")]
    CutWords,
    /// I022: rows of a grid table that run past its borders (pandoc 2.17 writes a character
    /// wider than its column whole) read between their own `|`.
    #[strum(serialize = "I022")]
    GridOverflow,
    /// I023: header cells a converter named for want of a header (`Col1`, `Col2`…:
    /// pymupdf4llm) read as empty.
    #[strum(serialize = "I023")]
    PlaceholderHeader,
    /// I024: a list's label not named in `headers.tsv`, read by its structure
    /// (`data/label_words.tsv`): `牵头责任领导`, or a guess for `督办单位`.
    #[strum(serialize = "I024")]
    LabelByStructure,
    /// I025: notice fields read from the web page's metadata block (`名称`, `文号`, `发布机构`,
    /// `成文日期`, `data/page_labels.tsv`), which the notice's own lines leave empty.
    #[strum(serialize = "I025")]
    PageMetadata,
    /// I026: punctuation a PDF converter wrote on a line of its own, a space left where it
    /// stood (pymupdf4llm 0.x), put back in its place.
    #[strum(serialize = "I026")]
    MovedPunctuation,
    /// I027: a heading row a PDF converter wrote into the task row above it (its number under
    /// the task's, its title at the end of the task's text: PyMuPDF 2's layout mode), read as
    /// a row of its own.
    #[strum(serialize = "I027")]
    MergedHeading,
    /// I028: in a list notice, a line among a task's labelled lines that names no role
    /// (`注：…`, `（…具体负责）`): kept in the task's `extra` as a note, the labelled lines
    /// after it read as the task's.
    #[strum(serialize = "I028")]
    ListNote,
    /// I029: text between the tasks and the signature that no requirement's heading stands
    /// over and that sets no reporting rule (`注：标★的为省级重点任务` under a table): read as
    /// nothing, quoted.
    #[strum(serialize = "I029")]
    TextAfterTasks,
    /// I030: the column under a blank header cell beside the number's holds sub-category
    /// labels and no number: the label column, its header cell merged with the number's
    /// (PyMuPDF 2's layout mode writes `|编号||重点工作|`).
    #[strum(serialize = "I030")]
    LabelColumnBesideNumber,
    /// I031: the table's last row reads as the notice's reporting rule, its text spread over
    /// the cells (PyMuPDF 2's layout mode drew the paragraph under the table into it): read as
    /// a paragraph after the table.
    #[strum(serialize = "I031")]
    ClosingRow,
}

impl Code {
    /// Every code, in code order.
    pub const ALL: &'static [Code] = <Code as strum::VariantArray>::VARIANTS;

    /// The stable code string, e.g. `"W002"`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The severity every diagnostic with this code has.
    pub fn severity(self) -> Severity {
        if self.as_str().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Info
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Code {
    type Error = String;

    fn try_from(code: String) -> Result<Self, String> {
        code.parse()
            .map_err(|_| format!("unknown diagnostic code {code:?}"))
    }
}

impl JsonSchema for Code {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Code".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        schemars::json_schema!({
            "type": "string",
            "description": "Stable diagnostic code; see the diagnostics table of docs/format.md.",
            "enum": codes,
        })
    }
}

/// One diagnostic, located in the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Diagnostic {
    /// `warning` or `info`; follows from the code.
    pub severity: Severity,
    /// Stable code, e.g. `"W002"`.
    pub code: Code,
    /// What happened, in English, quoting the input where that helps.
    pub message: String,
    /// 1-based line of the input the diagnostic is about.
    pub line: usize,
    /// Byte span of the input the diagnostic is about.
    pub span: Span,
}

impl Diagnostic {
    /// A diagnostic about the input bytes in `span`.
    pub fn new(code: Code, span: Span, lines: &LineIndex, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            line: lines.line(span.start),
            span,
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `LINE: warning[W002]: message`; the CLI puts the file name in front.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}[{}]: {}",
            self.line, self.severity, self.code, self.message
        )
    }
}

/// The Chinese description of each code (`data/diagnostics_zh.tsv`), read once.
fn descriptions() -> &'static std::collections::HashMap<&'static str, &'static str> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../data/diagnostics_zh.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

/// What the code `code` (`W002`, `R006`) means, in Chinese (`data/diagnostics_zh.tsv`).
pub(crate) fn description_zh(code: &str) -> Option<&'static str> {
    descriptions().get(code).copied()
}

impl Code {
    /// What the code means, in Chinese (`data/diagnostics_zh.tsv`); `None` for a code the
    /// table lacks (a test checks it lacks none).
    pub fn description_zh(self) -> Option<&'static str> {
        description_zh(self.as_str())
    }
}

impl Severity {
    /// `警告` or `提示`; `warning` or `info`.
    pub fn name(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            Severity::Warning => lang.pick("警告", "warning"),
            Severity::Info => lang.pick("提示", "info"),
        }
    }
}

impl Diagnostic {
    /// The diagnostic as a person reads it in `lang`: in English as [`fmt::Display`]
    /// writes it, `LINE: warning[W002]: message`; in Chinese the code's description with
    /// the specifics after it, `LINE: 警告[W002]: 表格行……已舍弃（message）`.
    pub fn shown(&self, lang: crate::lang::Lang) -> String {
        match (lang, self.code.description_zh()) {
            (crate::lang::Lang::Zh, Some(zh)) => format!(
                "{}: {}[{}]: {zh}（{}）",
                self.line,
                self.severity.name(lang),
                self.code,
                self.message
            ),
            _ => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_chinese_description() {
        let missing: Vec<&str> = Code::ALL
            .iter()
            .filter(|c| c.description_zh().is_none())
            .map(|c| c.as_str())
            .collect();
        assert_eq!(missing, Vec::<&str>::new());
        // The returns' codes (`R…`, `fengong::forms::Code`) are checked beside them.
        assert_eq!(
            descriptions()
                .keys()
                .filter(|k| !k.starts_with('R'))
                .count(),
            Code::ALL.len(),
            "a description for no code"
        );
    }

    const HEAD: &str = "| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n";
    const HEAD5: &str = "| 序号 | 目标任务 | | 牵头单位 | 责任单位 |\n|---|---|---|---|---|\n";
    const SECTION: &str = "| 一、主要预期目标 | | | |\n";
    const TASK: &str = "| 1 | 地区生产总值增长5%左右。 | 县发改局 | 县政府各部门 |\n";

    /// An input that gives `code`, the line it is reported on, and the exact message.
    ///
    /// The match has no wildcard arm: a new code does not compile without its example.
    fn example(code: Code) -> (Vec<u8>, usize, &'static str) {
        let table = |rows: &str| format!("{HEAD}{SECTION}{rows}").into_bytes();
        match code {
            Code::UnknownColumn => (
                format!("| 序号 | 目标任务 | 牵头单位 | 备注 |\n|---|---|---|---|\n{SECTION}{TASK}")
                    .into_bytes(),
                1,
                "header \"备注\" names no known column; its cells are kept in `extra` (to read \
                 it, add it to headers.tsv in a rules folder: `fengong rules --help`)",
            ),
            Code::UnclassifiedRow => (
                table("| | | 县民政局 | 县残联 |\n"),
                4,
                "row is not a task, section or header (no number and no task text); dropped: \
                 [\"县民政局\", \"县残联\"]",
            ),
            Code::NothingToInherit => (
                table("| 1 | 地区生产总值增长5%左右。 | | 县政府各部门 |\n"),
                4,
                "task 1 has an empty lead cell and no task above it in its section to inherit \
                 from; its lead list is empty",
            ),
            Code::MissingTaskNumber => (
                table("| 一 | 地区生产总值增长5%左右。 | 县发改局 | 县政府各部门 |\n"),
                4,
                "number cell \"一\" is not a number; task numbered 1 in order",
            ),
            Code::DuplicateTaskNumber => (
                table(&format!("{TASK}{TASK}")),
                5,
                "task number 1 is used by an earlier task too",
            ),
            Code::TaskOutsideSection => (
                format!("{HEAD}{TASK}").into_bytes(),
                3,
                "task 1 stands before any section row (一、…)",
            ),
            Code::EmptyTaskText => (
                table("| 1 | | 县发改局 | 县政府各部门 |\n"),
                4,
                "task 1 has no text",
            ),
            Code::UnlabelledSubcategory => (
                format!(
                    "{HEAD5}| 一、主要预期目标 | | | | |\n\
                     | 1 | 扎实推进污染防治攻坚 | 压实河湖长责任制。 | 县水利局 | 县政府各部门 |\n"
                )
                .into_bytes(),
                4,
                "sub-category cell \"扎实推进污染防治攻坚\" has no （一）-style number; read as \
                 a sub-category title",
            ),
            Code::UnbalancedParenthesis => (
                table("| 1 | 地区生产总值增长5%左右。 | 县发改局（数据局 | 县政府各部门 |\n"),
                4,
                "unit cell \"县发改局（数据局\" has unbalanced parentheses; split at every space",
            ),
            Code::DuplicateUnit => (
                table("| 1 | 地区生产总值增长5%左右。 | 县发改局 县发改局 | 县政府各部门 |\n"),
                4,
                "unit \"县发改局\" is listed twice in one cell; the repeat is dropped",
            ),
            Code::ColumnCountMismatch => (
                format!("{HEAD}{SECTION}{TASK}\n| 2 | 一产增加值增长5.5%左右。 |\n|---|---|\n")
                    .into_bytes(),
                6,
                "table at line 6 has no header row and 2 columns where the task table has 4; \
                 its 1 row is skipped",
            ),
            Code::InvalidEncoding => (
                [table(TASK).as_slice(), b"\xFF"].concat(),
                5,
                "the input is not valid UTF-8; undecodable bytes were replaced with U+FFFD",
            ),
            Code::ExtraCells => (
                table("| 1 | 地区生产总值增长5%左右。 | 县发改局 | 县政府各部门 | 县统计局 |\n"),
                4,
                "row has 5 cells where its table has 4; the extra text is kept in the last column: \
                 \"县统计局\"",
            ),
            Code::UnreadReportingRule => (
                format!(
                    "关于印发重点工作任务分工方案的通知\n\n一、加强调度。各单位要定期向县政府报告全年工作。\n\n\
                     {HEAD}{SECTION}{TASK}"
                )
                .into_bytes(),
                3,
                "requirement 1 names a report and a period, but fengong cannot read when it is \
                 due: \"各单位要定期向县政府报告全年工作\"",
            ),
            Code::SubcategoryOutsideSection => (
                format!("{HEAD}| | （一）扎实推进污染防治攻坚 | | |\n{TASK}").into_bytes(),
                3,
                "sub-category \"（一）扎实推进污染防治攻坚\" stands before any section row \
                 (一、…); its tasks carry it, but no section lists it",
            ),
            Code::ShortRow => (
                table("| 1 | 地区生产总值增长5%左右。 | 县政府各部门 |\n"),
                4,
                "row has 3 cells where its table has 4 (a converter may have left out the cells \
                 a merge covers); placed by what they hold: 序号, 目标任务, 责任单位; 牵头单位 \
                 left empty, as a merged cell",
            ),
            Code::SplitHeading => (
                format!("{HEAD}| 一、主要预 | 期目标 | | |\n{TASK}").into_bytes(),
                3,
                "a row whose text is cut across 2 cells reads as \"一、主要预期目标\"",
            ),
            Code::JoinedColumns => (
                "| 序号<br>目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|\n| 一、主要预期目标 | | |\n\
                 | 1<br>地区生产总值增长5%左右。 | 县发改局 | 县政府各部门 |\n"
                    .as_bytes()
                    .to_vec(),
                1,
                "header cell \"序号\\n目标任务\" names two columns (a PDF converter ran them \
                 together); each row's cell is split: a number on its first line is the task \
                 number, the rest its text",
            ),
            Code::ContinuationRow => (
                table("| 1 | 地区生产总值增长5%左右， | 县发改局 | 县政府各部门、 |\n| | 力争更好结果。 | | 县统计局 |\n"),
                5,
                "row continues the task at line 4 (cut by a page break or by the converter); its \
                 cells are joined to that task's",
            ),
            Code::TextCutAtPageEnd => (
                table(
                    "| 1 | 地区生产总值增长5%左右。 | 县发改局 | 县政府各部门 |\n\
                     | 2 | 粮食产量稳定在8万吨。 | 县农业农村局 | 各乡镇人民政府 |\n\
                     | 3 | 新建高标准农田1 | 县农业农村局 | 各乡镇人民政府 |\n",
                ),
                6,
                "task 3 is the last on its page table and its text stops mid-sentence \
                 (…新建高标准农田1), where most tasks end with 。: the rest may have been left \
                 outside the table by the converter",
            ),
            Code::SentenceInNameCell => (
                table("| 1 | 地区生产总值增长5%左右。 | 新建高标准农田3.5万亩，配套建设田间道路。 | 县政府各部门 |\n"),
                4,
                "task 1's lead cell holds a sentence, not names: \"新建高标准农田3.5万亩，配套建设田间道路。\"; \
                 no lead are read from it (a shifted row? the cell text stays in `lead_raw`)",
            ),
            Code::FragmentsReadAsLines => (
                "一、稳定经济增长\n\n\
                 | 1．地区生产总值增长 | 6%。（牵头单位： |\n|---|---|\n县发改局）\n\
                 | 2．粮食产量稳定在 | 8万吨。（牵头单位： |\n|---|---|\n县农业农村局）\n\
                 | 3．城镇新增就业 | 2000人。（牵头单位： |\n|---|---|\n县人社局）\n\
                 | 4．新建幼儿园 | 3所。（牵头单位： |\n|---|---|\n县教育局）\n"
                    .as_bytes()
                    .to_vec(),
                3,
                "the lines from line 3 are cut into table fragments (what markitdown makes of a \
                 PDF) and hold no task table: their rows were read as lines of text, a list \
                 notice; check the tasks against the notice, or convert the PDF with pymupdf4llm",
            ),
            Code::TitleOverLines => (
                format!(
                    "云政办〔2027〕8号\n\n云川市人民政府办公室\n\n关于印发重点工作任务分工方案的通知\n\n\
                     {HEAD}{SECTION}{TASK}"
                )
                .into_bytes(),
                3,
                "the notice's title is written over 2 lines; read as one: \
                 \"云川市人民政府办公室关于印发重点工作任务分工方案的通知\"",
            ),
            Code::UnitsRunTogether => (
                table("| 1 | 地区生产总值增长5%左右。 | 县发改局 | 县税务局各乡镇人民政府 |\n"),
                4,
                "units written together without a separator; \"县税务局\" read as one of them",
            ),
            Code::TwoRowHeader => (
                "| 序 | 目标任务 | 牵头 | 责任 |\n|---|---|---|---|\n| 号 | | 单位 | 单位 |\n\
                 | 一、主要预期目标 | | | |\n| 1 | 地区生产总值增长5%左右。 | 县发改局 | 县政府各部门 |\n"
                    .as_bytes()
                    .to_vec(),
                1,
                "a header written over two rows (lines 1 and 3) is read as one",
            ),
            Code::CoveredCellWrittenOut => (
                table("| 1 | 地区生产总值增长5%左右。 | 地区生产总值增长5%左右。 | 县政府各部门 |\n"),
                4,
                "the 牵头单位 cell repeats the 目标任务 cell's text \"地区生产总值增长5%左右。\": \
                 read as part of that cell (no value of its own, nothing above to inherit)",
            ),
            Code::RepeatedLeadReadAsMerged => (
                table(
                    "| 1 | 地区生产总值增长5%左右。 | 县发改局 | 县统计局 |\n\
                     | 2 | 固定资产投资增长8%。 | 县财政局 | 县财政局 |\n",
                ),
                5,
                "the 责任单位 cell repeats the 牵头单位 cell's text \"县财政局\": read as a cell \
                 merged down from task 1 (a PDF converter fills such a cell with its left \
                 neighbour's text); if the unit is the task's lead and responsible both, the \
                 responsible list is wrong",
            ),
            Code::UnitsMaybeRunTogether => (
                table("| 1 | 地区生产总值增长5%左右。 | 县发改局 | 各镇人民政府高寨街道办事处 |\n"),
                4,
                "unit name \"各镇人民政府高寨街道办事处\" may be two or more units written together \
                 (\"各镇人民政府\" and \"高寨街道办事处\"; a PDF line wrap loses the space \
                 between them): read as one, check it",
            ),
            Code::HeaderSwallowedRow => (
                "| 序号 | 目标任务<br>一、主要预期目标 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
                 | 1 | 地区生产总值增长5%左右。 | 县发改局 | 县政府各部门 |\n"
                    .as_bytes()
                    .to_vec(),
                1,
                "the header row holds a second row under its names (a PDF table without a rule \
                 under its header); read as the header and a row under it",
            ),
            Code::ListNotice => (
                "一、主要预期目标\n\n1.地区生产总值增长5%左右。（牵头单位：县发改局；责任单位：县统计局）\n"
                    .as_bytes()
                    .to_vec(),
                1,
                "no task table: read as a list notice, 1 tasks from numbered paragraphs",
            ),
            Code::LeadFromHeading => (
                "一、县发改局牵头工作（1项）\n\n1.地区生产总值增长5%左右。（责任单位：县统计局）\n\n\
                 二、其他工作\n\n1.粮食增产。（牵头单位：县农业农村局）\n"
                    .as_bytes()
                    .to_vec(),
                3,
                "task 1 names no lead unit; its section's heading (line 1) makes \"县发改局\" the lead",
            ),
            Code::ListNumbering => (
                "一、主要预期目标\n\n1.地区生产总值增长5%左右。（牵头单位：县发改局）\n\n\
                 二、重点工作\n\n1.粮食增产。（牵头单位：县农业农村局）\n"
                    .as_bytes()
                    .to_vec(),
                3,
                "the list's numbers restart or skip (in each section, say); `seq` is the running \
                 order, each number as written is in `number_as_written`",
            ),
            Code::UnlabelledUnits => (
                "一、主要预期目标\n\n1.地区生产总值增长5%左右。（县发改局、县统计局）\n"
                    .as_bytes()
                    .to_vec(),
                3,
                "1 of the list's tasks (from task 1) name their units in a bracket without a \
                 label, `（县发改局、县统计局）`: read as their responsible units (the notice names \
                 no lead)",
            ),
            Code::CutWords => (
                "+------+------------+------------+\n\
                 | 序号 | 重点任务   | 牵头单位   |\n\
                 +======+============+============+\n\
                 | 1    | 地区生产总 | 县发       |\n\
                 |      | 值增长5%。 | 展和改革局 |\n\
                 |      |            | 、县统计局 |\n\
                 +------+------------+------------+\n"
                    .as_bytes()
                    .to_vec(),
                1,
                "pandoc cut 3 words longer than their column at its edge, as pandoc 2.17 lays \
                 out a grid table (`地区生产总` / `值增长5%。` first): joined without a break",
            ),
            Code::GridOverflow => (
                "+---+------------+----------+\n\
                 | 序 | 重点任务   | 牵头单位 |\n\
                 | 号 |            |          |\n\
                 +===+============+==========+\n\
                 | 1 | 地区生产总值增长5%。 | 县发改局 |\n\
                 +---+------------+----------+\n"
                    .as_bytes()
                    .to_vec(),
                1,
                "3 lines of the grid table run past its borders (pandoc 2.17 writes a character \
                 wider than its column whole); their cells were read between their own `|`",
            ),
            Code::PlaceholderHeader => (
                "| 序号 | 重点任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
                 | 一、主要预期目标 | | | |\n\
                 | 1 | 持续优化营商环境，全面落实公平竞争审查制 | 县财政局 | 县住建局、县交通运输 |\n\n\
                 |Col1|度。|Col3|局|\n|---|---|---|---|\n\
                 | 2 | 新增市场主体1500户。 | 县市场监管局 | 县税务局 |\n"
                    .as_bytes()
                    .to_vec(),
                6,
                "the table's first row has the cells Col1, Col3 that its converter named for want \
                 of a header (pymupdf4llm): read as empty",
            ),
            Code::PageSplitCell => (
                "| 序号 | 重点任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
                 | 一、主要预期目标 | | | |\n\
                 | 1 | 新增城市停车泊位3900个。 | 县住建局 | 县政府各部门 县生态环境局 县 |\n\n\
                 | 序号 | 重点任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
                 | 2 | 改造城镇老旧小区34个。 | 县住建局 | 总工会 县商务局 |\n"
                    .as_bytes()
                    .to_vec(),
                4,
                "the responsible cell at the foot of a page ends inside a name (\"县\") and the \
                 next page's first row begins its cell with \"总工会 县商务局\": read as one cell \
                 merged over both rows, cut by the page break (the lower row inherits it); check it",
            ),
            Code::CutName => (
                "| 序号 | 重点任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
                 | 一、主要预期目标 | | | |\n\
                 | 1 | 防范化解地方债务风险。 | 县应急管理局 | 县政府各部门、县数据局、县审 |\n"
                    .as_bytes()
                    .to_vec(),
                4,
                "the responsible cell ends inside a name (\"县审\"): the rest of it is missing (a \
                 PDF converter cut the row, perhaps leaving the rest outside the table)",
            ),
            Code::SpreadCell => (
                "| 序号 | 重点任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
                 | 一、主要预期目标 | | | |\n\
                 | 1 | 居民消费价格涨幅控制在3%左右。 | 县工信局、县商 | 县卫健局 |\n\
                 | 2 | 空气质量优良天数比例保持在93%以上。 | 务局 | 县生态环境局 |\n"
                    .as_bytes()
                    .to_vec(),
                4,
                "the lead cell under \"县商\" begins with \"务局\", the rest of it (a merged cell's \
                 lines spread over the rows it covers, as PyMuPDF's layout mode writes them): \
                 joined to it, the row inheriting it; check it",
            ),
            Code::LabelByStructure => (
                "一、主要预期目标\n\n1.地区生产总值增长5%左右。\n牵头单位：县发改局\n\
                 牵头责任领导：王建国\n"
                    .as_bytes()
                    .to_vec(),
                3,
                "label \"牵头责任领导\" is not in headers.tsv; read by its words as naming the \
                 task's leaders",
            ),
            Code::PageMetadata => (
                format!(
                    "名称：互助县人民政府办公室关于印发重点工作任务分工方案的通知\n\n\
                     发布机构：互助县人民政府办公室　　文　　号：互政办〔2026〕14号\n\n\
                     成文日期：2026年02月12日\n\n{HEAD}{SECTION}{TASK}"
                )
                .into_bytes(),
                1,
                "read from the web page's metadata block, which the notice's own lines leave \
                 empty: title from 名称 (\"互助县人民政府办公室关于印发重点工作任务分工方案的通知\"), \
                 document number from 文号 (\"互政办〔2026〕14号\"), issuer from 发布机构 \
                 (\"互助县人民政府办公室\"), date of issue from 成文日期 (\"2026-02-12\")",
            ),
            Code::MergedHeading => (
                "| 序号 | 目标任务 | 牵头单位 |\n|---|---|---|\n| 一、主要预期目标 | | |\n\
                 | 1 | 地区生产总值增长5%左右。 | 县发改局 |\n\
                 | 2<br>二、 | 城镇新增就业3000人。<br>持续增进民生福祉 | 县人社局 |\n\
                 | 3 | 城乡居民基本医疗保险参保率稳定在98%以上。 | 县医保局 |\n"
                    .as_bytes()
                    .to_vec(),
                5,
                "the heading \"二、持续增进民生福祉\" stood in this task's row (its number under \
                 the task's, its title at the end of the task's text: PyMuPDF's layout mode): \
                 read as a row of its own under the task",
            ),
            Code::ListNote => (
                "一、扩大有效投资\n\n1.新改建农村公路120公里。\n牵头单位：县交通运输局\n\
                 注：涉及国省道的由县公路事业发展中心负责。\n完成时限：2027年12月底前\n\n\
                 2.建成城区雨污分流管网30公里。\n牵头单位：县住建局\n"
                    .as_bytes()
                    .to_vec(),
                5,
                "a line among task 1's labelled lines names no role: kept in its extra as a \
                 note under \"注\": \"涉及国省道的由县公路事业发展中心负责。\"",
            ),
            Code::NamesAfterTasks => (
                "| 序号 | 重点任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
                 | 1 | 防范化解地方债务风险。 | 县财政局 | 县审计局 |\n\n\
                 持续优化营商环境，全面落实公平竞争审查制度。\n\n县数据局，县财政局\n"
                    .as_bytes()
                    .to_vec(),
                5,
                "text under the tasks ends with unit names (\"县数据局，县财政局\"), as a task row's \
                 cells do: the converter may have left the table's last rows outside it \
                 (PyMuPDF's layout mode writes them as a paragraph under the table); not read as \
                 tasks: check the last tasks against the notice",
            ),
            Code::MovedQuotes => (
                "| 序号 | 重点任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
                 | 一、主要预期目标 | | | |\n\
                 | 1 | “”开展质量提升年活动，推动各项工作落地见效。 | 县市场监管局 | 县卫健局 |\n"
                    .as_bytes()
                    .to_vec(),
                4,
                "task 1's text has a pair of quotation marks with nothing between (\"“”开展质量提升年活动，…\"): \
                 the converter moved them out of the words they quoted; put them back by the \
                 notice",
            ),
            Code::TextAfterTasks => (
                format!(
                    "关于印发重点工作任务分工方案的通知\n\n{HEAD}{SECTION}{TASK}\n                     注：标★的为省级重点任务。\n\n互助县人民政府办公室\n\n2026年2月12日\n"
                )
                .into_bytes(),
                8,
                "text between the tasks and the signature is read as nothing (a note on the \
                 tasks?): \"注：标★的为省级重点任务。\"",
            ),
            Code::LabelColumnBesideNumber => (
                "| 编号 | | 重点工作 | 牵头单位 |\n|---|---|---|---|\n\
                 | 一、加强政府自身建设 | | | |\n\
                 | 1 | （一）建设法治政府 | 深入推进法治政府建设。 | 县司法局 |\n\
                 | 2 | | 加强审计监督。 | 县审计局 |\n"
                    .as_bytes()
                    .to_vec(),
                1,
                "the column under the blank header cell beside \"编号\" holds sub-category \
                 labels (1, the first \"（一）建设法治政府\") and no number: read as the label \
                 column (a header cell merged over the number and label columns)",
            ),
            Code::ClosingRow => (
                "| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
                 | 一、主要预期目标 | | | |\n\
                 | 1 | 地区生产总值增长5%左右。 | 县发改局 | 县统计局 |\n\
                 | 各牵头单位要于每季度第三个月20日前将工作落实 | 情况报送县政 | 府督查室。 | |\n"
                    .as_bytes()
                    .to_vec(),
                5,
                "the table's last row reads as the notice's reporting rule, its text spread over \
                 the cells (PyMuPDF's layout mode drew the paragraph under the table into it): \
                 read as a paragraph after the table: \"各牵头单位要于每季度第三个月20日前将工作落实情况报送县政府督查室。\"",
            ),
            Code::RowsRunTogether => (
                "| 工作任务 | 牵头单位 | 责任单位 |\n|---|---|---|\n\
                 | 压紧压实安全生产责任。 | 县应急管理局 | 县公安局 |\n\
                 | 加强食品药品安全监管，食品安全抽检合格<br>率达到85%以上。<br>加强食品药品安全监管，食品安全抽检合格<br>率达到93%以上。 | | |\n"
                    .as_bytes()
                    .to_vec(),
                4,
                "the task's text has a paragraph that ends before its line does (\"率达到85%以上。\", \
                 then \"加强食品药品安全监管，食…\"): in a table without numbers, PyMuPDF's layout \
                 mode writes two tasks beside a merged cell as one row; if the PDF shows two rows \
                 here, this task holds both texts and the tasks under it are numbered one less \
                 than the notice counts them; check it against the PDF",
            ),
            Code::MovedPunctuationUnsure => (
                "| 序号 | 目标任务 | 牵头单位 |\n|---|---|---|\n| 一、主要预期目标 | | |\n\
                 | 1 | 新增 市场 主体1800户<br>， | 县市场监管局 |\n"
                    .as_bytes()
                    .to_vec(),
                4,
                "the converter wrote punctuation of this row on lines of its own (pymupdf4llm \
                 0.x) where it cannot be put back with certainty: marks may stand out of place \
                 in the text; check it against the notice",
            ),
            Code::MovedPunctuation => (
                "| 序号 | 目标任务 | 牵头单位 |\n|---|---|---|\n| 一、主要预期目标 | | |\n\
                 | 1 | 深入推进法治政府建设 规范重大行政决策<br>，<br>程序<br>。 | 县司法局 |\n"
                    .as_bytes()
                    .to_vec(),
                4,
                "punctuation the converter wrote on lines of its own (a space left where it \
                 stood: pymupdf4llm 0.x) put back in its place, in 1 task text cell(s)",
            ),
            Code::RoleFromWords => (
                "| 序号 | 目标任务 | 责任单位 |\n|---|---|---|\n| 一、主要预期目标 | |\n\
                 | 1 | 地区生产总值增长5%左右。 | 县发改局牵头，县统计局配合 |\n"
                    .as_bytes()
                    .to_vec(),
                4,
                "task 1's responsible cell gives 县发改局 the lead role (牵头 after it): read as \
                 the task's lead",
            ),
            Code::NoLeadColumn => (
                "| 序号 | 目标任务 | 责任单位 |\n|---|---|---|\n| 一、主要预期目标 | | |\n\
                 | 1 | 地区生产总值增长5%左右。 | 县政府各部门 |\n"
                    .as_bytes()
                    .to_vec(),
                1,
                "table at line 1 has no lead column (牵头单位); its tasks get an empty lead list \
                 unless a unit cell names one (by 牵头, or first where the notice says the first listed leads)",
            ),
            Code::HeaderlessPageTable => (
                format!(
                    "{HEAD}{SECTION}{TASK}\n\
                     | 2 | 一产增加值增长5.5%左右。 | 县农业农村局 | 各乡镇人民政府 |\n|---|---|---|---|\n"
                )
                .into_bytes(),
                6,
                "table at line 6 has no header row; read as a continuation of the previous \
                 page's 4 columns",
            ),
            Code::SkippedTable => (
                format!("| 项目 | 内容 |\n|---|---|\n| 文号 | 互政办〔2026〕14号 |\n\n{HEAD}{SECTION}{TASK}")
                    .into_bytes(),
                1,
                "table at line 1 is not a task table (no header naming a task column); its 2 \
                 rows are skipped",
            ),
            Code::EmptyRow => (table("| | | | |\n"), 4, "table row with no text is skipped"),
            Code::UnitRejoined => (
                table("| 1 | 地区生产总值增长5%左右。 | 县住房保障 服务中心 | 县政府各部门 |\n"),
                4,
                "unit name \"县住房保障 服务中心\" was broken by a line wrap; read as \"县住房保障服务中心\"",
            ),
            Code::NoSeqColumn => (
                "| 目标任务 | 牵头单位 |\n|---|---|\n| 一、主要预期目标 | |\n\
                 | 地区生产总值增长5%左右。 | 县发改局 |\n"
                    .as_bytes()
                    .to_vec(),
                1,
                "table at line 1 has no number column (序号); its tasks are numbered in order",
            ),
            Code::NoticeFieldMissing => (
                format!("互政办〔2026〕14号\n\n{HEAD}{SECTION}{TASK}").into_bytes(),
                1,
                "the notice's title (关于…的通知) was not found before the tasks",
            ),
        }
    }

    #[test]
    fn every_code_has_an_example_with_its_exact_message_and_line() {
        for &code in Code::ALL {
            let (input, line, message) = example(code);
            let dataset = crate::extract(&input).expect("example reads");
            let found: Vec<String> = dataset.diagnostics.iter().map(|d| d.to_string()).collect();
            assert!(
                dataset
                    .diagnostics
                    .iter()
                    .any(|d| d.code == code && d.line == line && d.message == message),
                "{code}: want line {line}: {message}\n got: {found:#?}"
            );
        }
    }

    #[test]
    fn codes_are_unique_and_in_order() {
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort_by_key(|c| (c.starts_with('I'), *c));
        sorted.dedup();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn readme_documents_every_code() {
        let readme = include_str!("../docs/format.md");
        for code in Code::ALL {
            assert!(
                readme.contains(&format!("`{code}`")),
                "docs/format.md lacks `{code}`"
            );
        }
    }
}
