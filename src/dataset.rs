//! The output: serde types that are fengong's documented contract.
//!
//! `fengong extract` prints a [`Dataset`] as JSON; `fengong schema` prints its JSON Schema.
//! Field names are stable: a change that renames or removes one raises the major part of
//! [`SCHEMA_VERSION`], an added field the minor part. Maps never appear; every list is in
//! document order, so the same input always gives the same bytes.
//!
//! The types are plain data (`String`, `Vec`, `Option`; names are [`Name`]) deriving
//! `Serialize` and `Deserialize`: a dataset JSON that `fengong extract` wrote loads back into a [`Dataset`]
//! with `serde_json::from_str`, and writing it again gives the same bytes. Structs are
//! `#[non_exhaustive]`: fields will be added (a minor version), so build them by
//! deserialising, not by hand.
//!
//! Locations follow one convention (see [`Span`]): `line` is 1-based, `span` is a 0-based,
//! half-open byte range into the decoded text.
//!
//! ```json
//! {
//!   "schema_version": "1.3.0",
//!   "source": { "file": "huzhu-2026.md", "sha256": "…", "encoding": "UTF-8", "bom": false, … },
//!   "notice": { "doc_number": "互政办〔2026〕14号", "year": 2026, … },
//!   "sections": [ { "number": 1, "title": "主要预期目标", "subsections": [], … } ],
//!   "tasks": [ { "seq": 1, "section": 1, "text": "地区生产总值增长5%左右，力争更好结果。",
//!                "lead": ["县发改局"], "lead_inherited_from": null, … } ],
//!   "units": [ { "name": "县发改局", "kind": "department", "lead_tasks": [1, 4], … } ],
//!   "tables": [ { "line": 31, "columns": ["seq", "text", "lead", "responsible"], … } ],
//!   "diagnostics": [ { "severity": "info", "code": "I001", "line": 172, … } ]
//! }
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::diagnostic::Diagnostic;
pub use crate::span::Span;

/// A name (a unit's, as read or as written; a leader's): a string that holds up to 24 bytes (eight Chinese
/// characters) in place and longer ones on the heap, as `String` does. A notice names a
/// thousand units in its cells, most of them short (`县发改局`); kept in place, they cost no
/// allocation each. It reads as a `&str` (`Deref`), compares with `&str` and `String`, and
/// serialises as a JSON string.
pub type Name = compact_str::CompactString;

/// Version of the output format described here.
pub const SCHEMA_VERSION: &str = "3.0.0";

/// Everything read from one notice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Dataset {
    /// Version of this format, `MAJOR.MINOR.PATCH`.
    pub schema_version: String,
    /// The input file.
    pub source: Source,
    /// The notice's front matter: number, title, issuer, dates.
    pub notice: Notice,
    /// The table's sections (`一、…`), with their sub-categories (`（一）…`).
    pub sections: Vec<Section>,
    /// The tasks, in table order.
    pub tasks: Vec<Task>,
    /// Every unit named in a lead or responsible list, once, in order of first appearance.
    pub units: Vec<Unit>,
    /// Every table of the input and how it was read.
    pub tables: Vec<Table>,
    /// What the reader inferred beyond the rules, found ambiguous, or dropped; in line order.
    pub diagnostics: Vec<Diagnostic>,
}

/// The input file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Source {
    /// File name as given (null for standard input or when the library is given only bytes).
    pub file: Option<String>,
    /// SHA-256 of the input bytes, lowercase hex.
    pub sha256: String,
    /// What the input was: `markdown` (any text a converter wrote), `docx` (a Word document,
    /// read directly), `xlsx` (an Excel workbook, read directly; schema 2.1.0) or `html` (a
    /// web page). For `docx`, `xlsx` and `html`, lines and spans refer to
    /// the text fengong made of it (`fengong text FILE` prints it). Added in schema 1.4.0;
    /// older datasets load as `markdown`.
    #[serde(default = "markdown")]
    pub format: String,
    /// Encoding the bytes were in (`UTF-8`, `GB18030`, `UTF-16LE`, `UTF-16BE`).
    pub encoding: String,
    /// Whether the input started with a byte-order mark.
    pub bom: bool,
    /// Size of the input in bytes.
    pub bytes: usize,
    /// Number of lines of the input.
    pub lines: usize,
}

fn markdown() -> String {
    "markdown".to_owned()
}

/// The notice's front matter. Fields not found are null (and reported as `I005`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Notice {
    /// Document number, whitespace removed: `互政办〔2026〕14号`.
    pub doc_number: Option<String>,
    /// Title, whitespace removed.
    pub title: Option<String>,
    /// Issuing office, as signed under the body.
    pub issuer: Option<String>,
    /// The issuing government (`互助土族自治县`): the issuer without its office's name
    /// (`data/issuer_offices.txt`), else the opening of the title before `关于`. It scopes
    /// unit ids (schema 3.0.0): the 县发改局 of one county is not that of another.
    pub jurisdiction: Option<String>,
    /// Date of issue, ISO 8601 (`2026-02-12`).
    pub issued_on: Option<String>,
    /// Year the notice is for: from the document number, else the attachment title, else the date.
    pub year: Option<i32>,
    /// Addressees (主送机关), split as unit cells are.
    pub addressees: Vec<String>,
    /// Titles of the attachments named after `附件：`.
    pub attachments: Vec<String>,
    /// Title standing above the task table, whitespace removed.
    pub table_title: Option<String>,
    /// Disclosure status (`信息公开属性：主动公开` → `主动公开`).
    pub disclosure: Option<String>,
    /// Copy-to list (`抄送：…`), split as unit cells are.
    pub cc: Vec<String>,
    /// Date of printing (`…印发`), ISO 8601.
    pub printed_on: Option<String>,
    /// Office that printed it (the line before the printing date).
    pub printed_by: Option<String>,
    /// The numbered requirements of the notice's body (一、二、三…), paragraphs broken by page
    /// breaks joined.
    pub requirements: Vec<Requirement>,
    /// The reporting schedule, read from the requirements' sentences (see `W014`).
    pub reporting: Vec<ReportingRule>,
    /// 1-based line of the document number (or of the first paragraph, if there is none).
    pub line: usize,
}

/// One numbered requirement of the notice's body: `一、提高政治站位，强化责任担当。…`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Requirement {
    /// Its number (`三、` → 3).
    pub number: u32,
    /// Its title: the text up to the first `。`, cleaned.
    pub title: String,
    /// Its whole text after the number, cleaned (see [`Task::text`]), paragraphs joined.
    pub text: String,
    /// 1-based line where it starts.
    pub line: usize,
    /// Byte span of its paragraphs.
    pub span: Span,
}

/// How often a report is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Every {
    /// Every month (每月).
    Month,
    /// Every quarter (每季度).
    Quarter,
    /// Every half year (每半年).
    HalfYear,
    /// Once a year (全年, 年底, 12月10日前).
    Year,
}

/// One reporting rule: who reports to whom, how often, by which day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ReportingRule {
    /// How often.
    pub every: Every,
    /// For a yearly report, the month it is due in.
    pub month: Option<u32>,
    /// For a quarterly report, the month of the quarter (1–3) it is due in; 3 for 季末.
    pub month_of_quarter: Option<u32>,
    /// The day of the month it is due by; null for "by the end of".
    pub day: Option<u32>,
    /// Who reports: `responsible`, `lead`, or a body as written.
    pub from: Option<String>,
    /// To whom: `responsible`, `lead`, or a body as written (`县政府办公室`).
    pub to: Option<String>,
    /// The clause it was read from, whitespace removed.
    pub text: String,
    /// The number of the requirement the clause stands in; 0 for an unnumbered paragraph
    /// after the task table.
    pub requirement: u32,
    /// 1-based line of that requirement.
    pub line: usize,
}

/// A section of the task table: a row `一、标题` spanning all columns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Section {
    /// The section number, from its Chinese numeral (`十` → 10).
    pub number: u32,
    /// The title, cleaned (see [`Task::text`]).
    pub title: String,
    /// The section cell as written, number included.
    pub title_raw: String,
    /// Sub-categories opened in this section, in order.
    pub subsections: Vec<Subsection>,
    /// 1-based line of the section row.
    pub line: usize,
    /// Byte span of the section row.
    pub span: Span,
}

/// A sub-category `（一）标题` inside a section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Subsection {
    /// Its number (`（三）` → 3); null for a label without a number (see `W008`).
    pub number: Option<u32>,
    /// The title, cleaned.
    pub title: String,
    /// The label as written.
    pub title_raw: String,
    /// 1-based line of the row that opened it.
    pub line: usize,
    /// Byte span of the label cell.
    pub span: Span,
}

/// One task: a body row of the task table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Task {
    /// The task number (序号).
    pub seq: u32,
    /// True when the row had no number and `seq` was given in order (see `W004`).
    pub seq_inferred: bool,
    /// The item's number as a list notice writes it (`3.`, `（二）`): present only for tasks
    /// read from a list notice, where `seq` is the running order when the numbers restart in
    /// every section. Added in schema 1.5.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_as_written: Option<String>,
    /// Number of the section the task is in; null before any section row (see `W006`).
    pub section: Option<u32>,
    /// Number of the sub-category the task is in, if any.
    pub subsection: Option<u32>,
    /// Title of that sub-category, cleaned.
    pub subsection_title: Option<String>,
    /// The task text, cleaned: spaces left by PDF line wraps removed (any whitespace next to a
    /// Chinese character or full-width punctuation), other whitespace runs folded to one
    /// space, doubled end punctuation (`。。`) collapsed.
    pub text: String,
    /// The task text as written in its cell.
    pub text_raw: String,
    /// Canonical names of the lead units (牵头单位), own or inherited. Empty when the page
    /// table has no lead column.
    #[schemars(with = "Vec<String>")]
    pub lead: Vec<Name>,
    /// The lead cell as written; `""` for an empty (merged) cell, null with no lead column.
    pub lead_raw: Option<String>,
    /// When `lead` was inherited from a merged cell: the number of the task it came from.
    pub lead_inherited_from: Option<u32>,
    /// The units named in this row's own lead cell, each with its raw form and location.
    pub lead_mentions: Vec<UnitMention>,
    /// Canonical names of the responsible units (责任单位), own or inherited.
    #[schemars(with = "Vec<String>")]
    pub responsible: Vec<Name>,
    /// The responsible cell as written; `""` for an empty (merged) cell, null with no column.
    pub responsible_raw: Option<String>,
    /// When `responsible` was inherited from a merged cell: the number of the task it came from.
    pub responsible_inherited_from: Option<u32>,
    /// The units named in this row's own responsible cell.
    pub responsible_mentions: Vec<UnitMention>,
    /// Leaders in charge (分管县领导, 牵头领导…), split at separators; own or inherited.
    /// Empty when the page has no such column.
    #[schemars(with = "Vec<String>")]
    pub leaders: Vec<Name>,
    /// The leaders cell as written; `""` for a merged cell, null with no such column.
    pub leaders_raw: Option<String>,
    /// When `leaders` was inherited from a merged cell: the number of the task it came from.
    pub leaders_inherited_from: Option<u32>,
    /// Deadline (完成时限, 时间节点), cleaned; own or inherited. Null with no such column.
    pub deadline: Option<String>,
    /// The deadline cell as written; `""` for a merged cell, null with no such column.
    pub deadline_raw: Option<String>,
    /// When `deadline` was inherited from a merged cell: the number of the task it came from.
    pub deadline_inherited_from: Option<u32>,
    /// Non-empty cells of columns whose header fengong does not know (see `W001`).
    pub extra: Vec<ExtraCell>,
    /// The quantitative targets in `text`, in order (see [`Target`]).
    pub targets: Vec<Target>,
    /// 1-based line of the task's row.
    pub line: usize,
    /// Byte span of the task's row.
    pub span: Span,
}

/// A number in a task's text, typed: `粮食总产量保持在14万吨以上` → indicator 粮食总产量,
/// value 14, unit 万吨, base value 140000 吨, bound `at_least`.
///
/// `kind` says what the number is: a [`TargetKind::Target`] to reach this year, a
/// [`TargetKind::Figure`] that describes something (the size of a project), or a
/// [`TargetKind::Qualitative`] target with no number (`与经济保持同步增长`). How it reads
/// targets (`docs/reading.md`) gives the rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Target {
    /// Target, figure or qualitative.
    pub kind: TargetKind,
    /// What is measured (`地区生产总值`, `城镇登记失业率`), as written; null when the
    /// clause does not name it.
    pub indicator: Option<String>,
    /// `increase` / `decrease` when the number is an amount of change (`增长5%`); null for a
    /// level to reach or keep (`提高到85%`, `保持在93%以上`).
    pub change: Option<Change>,
    /// The number as written (`5.5`, `14`; a Chinese or Roman numeral as its value); null
    /// for a range or a qualitative target.
    pub value: Option<Quantity>,
    /// For a range (`5%—6%`), its ends; null otherwise.
    pub min: Option<Quantity>,
    /// See `min`.
    pub max: Option<Quantity>,
    /// The unit as written: `%`, `万吨`, `亿元`, `个百分点`, `类` …; null for a qualitative target.
    pub unit: Option<String>,
    /// `value` in `base_unit`, with 万, 亿 and 千 multiplied out (14 万吨 → 140000 吨).
    pub base_value: Option<Quantity>,
    /// The unit without its multiplier (`吨`, `元`); `%` stays `%`.
    pub base_unit: Option<String>,
    /// A range's ends in `base_unit` (30至40万吨 → 300000 and 400000 吨). Added in schema
    /// 1.7.0.
    #[serde(default)]
    pub base_min: Option<Quantity>,
    /// See `base_min`.
    #[serde(default)]
    pub base_max: Option<Quantity>,
    /// How the value bounds the result, on the number: 左右/约 → `about`, 以上/不低于/不少于
    /// → `at_least`, 以内/以下/不超过/控制在 → `at_most`, 突破/超过 → `exceeds`, else
    /// `exact`. For a unit where a smaller number is better (`better: lower`: water quality
    /// classes), 以上 ("class II or better") is `at_most` and 以下 `at_least`.
    pub bound: Bound,
    /// Which way is better for the number: `higher`, or `lower` for units ranked from the
    /// best down (`data/target_units.tsv`: 类). A checker compares an achieved value with
    /// `value` by `bound` alone; `better` says which side of it is the good one. Null for a
    /// qualitative target. Added in schema 1.7.0.
    #[serde(default)]
    pub better: Option<Better>,
    /// The clause the target was read from (the task text between `，`, `；` and `。`); for a
    /// clause over 600 bytes, only the target's own words (those `span` covers).
    pub text: String,
    /// Byte range in the task's `text` of the words read: indicator, number, unit and bound
    /// (`&task.text[span.start..span.end]`).
    pub span: TextSpan,
}

/// Which way is better for a target's number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    /// A larger number is better (the usual case).
    Higher,
    /// A smaller number is better: classes ranked from the best down (Ⅰ类 water is best).
    Lower,
}

/// What a number in a task's text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// Something to reach or do this year: a change, a level, a bound, or a count of things
    /// to build or do.
    Target,
    /// A number that describes something rather than sets a goal: the size of a project or
    /// facility (`总投资9.2亿元`, `15万吨绿色有机肥生产线`).
    Figure,
    /// A target with no number (`与经济保持同步增长`, `控制在省定目标以内`).
    Qualitative,
}

/// The direction of a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// 增长, 提高, 提升, 增加 …
    Increase,
    /// 下降, 降低, 减少 …
    Decrease,
}

/// How a target's value bounds the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// 左右, 约.
    About,
    /// 以上, 不低于, 不少于.
    AtLeast,
    /// 以内, 以下, 不超过, 控制在.
    AtMost,
    /// 突破, 超过.
    Exceeds,
    /// None of these.
    Exact,
}

impl TargetKind {
    /// The name the JSON gives it: `target`, `figure`, `qualitative`.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Target => "target",
            TargetKind::Figure => "figure",
            TargetKind::Qualitative => "qualitative",
        }
    }

    /// Its name for a person: `目标`, `规模数据`, `定性` (`target`, `figure`, `qualitative`).
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            TargetKind::Target => lang.pick("目标", "target"),
            TargetKind::Figure => lang.pick("规模数据", "figure"),
            TargetKind::Qualitative => lang.pick("定性", "qualitative"),
        }
    }
}

impl Change {
    /// The name the JSON gives it: `increase`, `decrease`.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Increase => "increase",
            Change::Decrease => "decrease",
        }
    }

    /// Its name for a person: `增长`, `下降` (`increase`, `decrease`).
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            Change::Increase => lang.pick("增长", "increase"),
            Change::Decrease => lang.pick("下降", "decrease"),
        }
    }
}

impl Bound {
    /// The name the JSON gives it: `about`, `at_least`, `at_most`, `exceeds`, `exact`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::About => "about",
            Bound::AtLeast => "at_least",
            Bound::AtMost => "at_most",
            Bound::Exceeds => "exceeds",
            Bound::Exact => "exact",
        }
    }

    /// Its name for a person: `左右`, `不低于`, `不超过`, `超过`, `等于` (`about`, `at least`,
    /// `at most`, `more than`, `exactly`).
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            Bound::About => lang.pick("左右", "about"),
            Bound::AtLeast => lang.pick("不低于", "at least"),
            Bound::AtMost => lang.pick("不超过", "at most"),
            Bound::Exceeds => lang.pick("超过", "more than"),
            Bound::Exact => lang.pick("等于", "exactly"),
        }
    }
}

/// A decimal number as written, kept exact: `5.5` is 55 × 10⁻¹. In JSON, a number (an
/// integer when it has no fractional part: 140000, not 140000.0), read back exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "serde_json::Number", try_from = "serde_json::Number")]
pub struct Quantity {
    /// The digits, as an integer.
    pub mantissa: i64,
    /// How many of them stand after the decimal point.
    pub scale: u8,
}

impl Quantity {
    /// The value as a float.
    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(i32::from(self.scale))
    }

    /// Multiplied by `factor`, trailing zeros after the point dropped; `None` on overflow.
    pub fn times(self, factor: i64) -> Option<Quantity> {
        let mut q = Quantity {
            mantissa: self.mantissa.checked_mul(factor)?,
            scale: self.scale,
        };
        while q.scale > 0 && q.mantissa % 10 == 0 {
            q.mantissa /= 10;
            q.scale -= 1;
        }
        Some(q)
    }
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = usize::from(self.scale);
        let digits = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = digits.split_at(digits.len() - scale);
        let sign = if self.mantissa < 0 { "-" } else { "" };
        write!(f, "{sign}{int}.{frac}")
    }
}

impl From<Quantity> for serde_json::Number {
    fn from(q: Quantity) -> Self {
        if q.scale == 0 {
            q.mantissa.into()
        } else {
            serde_json::Number::from_f64(q.to_f64()).unwrap_or_else(|| 0.into())
        }
    }
}

impl TryFrom<serde_json::Number> for Quantity {
    type Error = String;

    /// The number as JSON writes it (`140000`, `5.5`, `1e-7`), read exactly.
    fn try_from(n: serde_json::Number) -> Result<Self, String> {
        let written = n.to_string();
        let bad = || format!("{written} is not a decimal number fengong writes");
        let (digits, exponent) = match written.split_once(['e', 'E']) {
            Some((d, e)) => (d, e.parse::<i32>().map_err(|_| bad())?),
            None => (written.as_str(), 0),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let mantissa: i64 = format!("{int}{frac}").parse().map_err(|_| bad())?;
        let scale = i32::try_from(frac.len()).map_err(|_| bad())? - exponent;
        if scale >= 0 {
            let scale = u8::try_from(scale).map_err(|_| bad())?;
            Ok(Quantity { mantissa, scale })
        } else {
            let factor = 10i64.checked_pow(scale.unsigned_abs()).ok_or_else(bad)?;
            Quantity { mantissa, scale: 0 }
                .times(factor)
                .ok_or_else(bad)
        }
    }
}

impl JsonSchema for Quantity {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Quantity".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "description": "A decimal number as written; an integer when it has no fraction."
        })
    }
}

/// A half-open range of byte offsets in a task's `text` (UTF-8), as every other `span` is a
/// byte range into the decoded input. Character offsets until schema 2.0.0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TextSpan {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
}

/// A cell of a column whose header names no known role; in a list notice, a note among a
/// task's labelled lines (`I028`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ExtraCell {
    /// The column's header as written (`column N` when the page has no header row); for a
    /// list notice's note, its own label (`注：…` → `注`), or empty.
    pub column: String,
    /// The cell's text as written.
    pub text: String,
    /// Byte span of the cell.
    pub span: Span,
}

/// One unit as named in one cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct UnitMention {
    /// The canonical name.
    #[schemars(with = "String")]
    pub name: Name,
    /// The text as written, note included.
    #[schemars(with = "String")]
    pub raw: Name,
    /// A parenthesised note after the name (`县人社局（县就业局）` → `县就业局`).
    pub note: Option<String>,
    /// What normalisation changed to get from `raw` to `name`, in the order applied.
    pub normalised: Vec<Normalisation>,
    /// 1-based line.
    pub line: usize,
    /// Byte span of `raw` in the input (the whole cell, if it could not be pinned down).
    pub span: Span,
}

/// One step of unit-name normalisation, in the order they are applied.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Normalisation {
    /// Whitespace inside the name (a PDF line wrap within parentheses), or an invisible
    /// character (a zero-width space, a byte-order mark), was removed.
    Whitespace,
    /// Half-width parentheses became full-width.
    Parentheses,
    /// A trailing parenthesised note was split off into `note`, or what `等` adds after the
    /// name (`县财政局等部门` → 县财政局, note `等部门`).
    NoteSplit,
    /// A variant spelling was mapped by `data/unit_aliases.tsv`.
    Alias,
    /// A body's full name became its standard short form (`data/unit_names.tsv`:
    /// 县发展和改革局 → 县发改局), so that the two are one unit.
    ShortForm,
}

/// A unit (department, township, committee…) and the tasks it has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Unit {
    /// A stable id: `u` and 12 hex digits of the SHA-256 of the notice's jurisdiction, a tab
    /// and `name` (of `name` alone when the jurisdiction is unknown): the same in every notice
    /// and year of one jurisdiction, another in another's (a key for databases). Added in
    /// schema 1.6.0; scoped by jurisdiction since 3.0.0.
    pub id: String,
    /// The canonical name.
    pub name: String,
    /// What kind of unit the name says it is (rules in `data/unit_kinds.tsv`).
    pub kind: UnitKind,
    /// Every way the unit was written, in order of first appearance.
    pub raw_forms: Vec<String>,
    /// Every note attached to it, in order of first appearance.
    pub notes: Vec<String>,
    /// Numbers of the tasks it leads (own or inherited lists).
    pub lead_tasks: Vec<u32>,
    /// Numbers of the tasks it is responsible for (own or inherited lists).
    pub responsible_tasks: Vec<u32>,
    /// The groups the notice names that it belongs to (`县政府各部门`, `各乡镇人民政府`),
    /// inferred from its kind (`data/unit_groups.tsv`): each department the notice names
    /// belongs to its departments group, each township to its townships group. `fengong
    /// ledger --roster` puts a county's own list in their place. Added in schema 1.6.0.
    pub groups: Vec<String>,
}

/// What kind of body a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A government department or office (`…局`, `…办`, `…委`).
    Department,
    /// A township government or sub-district office (`…镇人民政府`, `…街道办事处`).
    Township,
    /// A management committee (`…管委会`).
    Committee,
    /// Several units at once (`各乡镇人民政府`, `县政府各部门`).
    Group,
    /// A people's organisation, public institution or enterprise (`…联`, `…中心`).
    Organisation,
    /// None of the above.
    Other,
}

/// One markdown table of the input and how it was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Table {
    /// 1-based line of its first row.
    pub line: usize,
    /// Byte span of the whole table.
    pub span: Span,
    /// How the table was used.
    pub status: TableStatus,
    /// How the table was written.
    pub kind: TableKind,
    /// Role of each column, as read from the header (or the previous page's header).
    pub columns: Vec<Column>,
    /// The header cells as written (empty for a table without a header row).
    pub header: Vec<String>,
    /// Number of body rows (rows after the header; all rows for a table without one).
    pub rows: usize,
    /// 1-based lines of header rows repeated among the body rows; they are dropped.
    pub repeated_headers: Vec<usize>,
}

/// How a table was written in the markdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// A GFM pipe table.
    Pipe,
    /// An HTML `<table>` (merged cells expanded: see `rowspan`/`colspan` in docs/format.md).
    Html,
    /// A pandoc grid table (`+---+`), merged cells expanded as in HTML tables.
    Grid,
    /// A pandoc multiline table (dash rules, rows separated by blank lines).
    Multiline,
    /// A pandoc simple table (a header line over dash groups, a row a line).
    Simple,
    /// Cells separated by tabs, a row a line: a table copied out of Word or Excel as text.
    /// Added in schema 2.1.0.
    Tsv,
}

/// How a table was used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableStatus {
    /// A page of the task table, with its own header row.
    Task,
    /// A page of the task table without a header row: it continues the previous layout.
    Continuation,
    /// Not part of the task table.
    Skipped,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// The task number (序号).
    Seq,
    /// The sub-category label: first of two columns under a spanning 目标任务 header.
    Label,
    /// The task text (目标任务).
    Text,
    /// Lead units (牵头单位).
    Lead,
    /// Responsible units (责任单位).
    Responsible,
    /// Leaders in charge (分管县领导).
    Leaders,
    /// Deadline (完成时限).
    Deadline,
    /// A column whose header is not known (see `W001`); its cells go to `extra`.
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_load_back_exactly() {
        let q = |mantissa, scale| Quantity { mantissa, scale };
        for want in [
            q(140000, 0),
            q(55, 1),
            q(50, 1),
            q(5, 2),
            q(-15, 1),
            q(1, 7),
        ] {
            let json = serde_json::to_string(&want).unwrap();
            let got: Quantity = serde_json::from_str(&json).unwrap();
            assert_eq!(got, want, "{json}");
        }
        let e: Quantity = serde_json::from_str("2.5e3").unwrap();
        assert_eq!(e.to_f64(), 2500.0);
        assert!(serde_json::from_str::<Quantity>("\"5\"").is_err());
    }

    #[test]
    fn target_enum_names_are_their_json_names() {
        for k in [
            TargetKind::Target,
            TargetKind::Figure,
            TargetKind::Qualitative,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        for c in [Change::Increase, Change::Decrease] {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
        for b in [
            Bound::About,
            Bound::AtLeast,
            Bound::AtMost,
            Bound::Exceeds,
            Bound::Exact,
        ] {
            assert_eq!(serde_json::to_value(b).unwrap(), b.as_str());
        }
    }
}
