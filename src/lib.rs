//! fengong (分工, "division of work") reads a Chinese county government's annual
//! task-division notice (重点工作任务分工方案) — markdown converted from its PDF or Word file,
//! the Word file itself, an Excel workbook, a web page; a table or a numbered list — into a
//! typed dataset: every task with its section, lead units (牵头单位) and responsible units
//! (责任单位), the notice's metadata, and a record of everything the reader had to infer.
//!
//! ```
//! let notice = "\
//! | 序号 | 目标任务 | 牵头单位 | 责任单位 |
//! |---|---|---|---|
//! | 一、主要预期目标 | | | |
//! | 1 | 地区生产总值增长 5%左右。 | 县发改局 | 各镇人民政府 县政府各部门 |
//! | 2 | 一产增加值增长 5.5%左右。 | 县农业农村局 | |
//! ";
//! let dataset = fengong::extract(notice.as_bytes())?;
//! let task = &dataset.tasks[1];
//! assert_eq!(task.text, "一产增加值增长5.5%左右。");
//! assert_eq!(task.responsible, ["各乡镇人民政府", "县政府各部门"]); // 各镇 → 各乡镇, by the alias table
//! assert_eq!(task.responsible_inherited_from, Some(1));
//! let target = &task.targets[0];
//! assert_eq!(target.indicator.as_deref(), Some("一产增加值"));
//! assert_eq!((target.change, target.bound), (Some(fengong::Change::Increase), fengong::Bound::About));
//! assert_eq!(target.value.map(|v| v.to_string()).as_deref(), Some("5.5"));
//! # Ok::<(), fengong::Error>(())
//! ```
//!
//! The rules that are data (header synonyms, unit aliases, target words…) are built in; a
//! folder of edited rule files is read with [`Rules::from_dir`] and used with
//! [`extract_with`].
//!
//! The pipeline has one module per stage, each returning its output and its diagnostics:
//! `decode` (bytes → text; `docx`, `xlsx` and `webpage` make text of what is no text) →
//! `blocks` (page tables in one model, `table`, read by `markdown`, `grid`, `html` and `tsv`)
//! → `repair` (a pass per converter shape) → `stitch` (one logical table; with none, `list`
//! reads a list notice) → `records` (sections and whole tasks: their units read by `units`,
//! their targets by `targets`) → `units::index` (one record per unit) → `notice` (front
//! matter, a web page's metadata block set apart by `portal`); `pipeline` runs them. The tasks come row by row: [`extract_with`] collects them
//! into a [`Dataset`]; [`write_json`] writes each as it is read (`json`), for input too large
//! to hold whole. The output types in [`dataset`] are the documented contract;
//! [`Diagnostic`]s are data in it.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod blocks;
mod columns;
mod decode;
mod dedent;
mod diagnostic;
pub mod diff;
mod docx;
mod error;
#[cfg(feature = "export")]
pub mod export;
#[cfg(feature = "export")]
pub mod forms;
mod grid;
mod html;
mod json;
mod lang;
pub mod ledger;
mod list;
mod markdown;
mod markup;
mod notice;
pub mod output;
mod pandoc;
mod pipeline;
mod placement;
mod portal;
mod records;
mod repair;
mod reporting;
mod rules;
mod scan;
mod span;
#[doc(hidden)]
pub mod stages;
mod stitch;
mod table;
mod targets;
mod text;
mod tsv;
mod units;
mod webpage;
mod xlsx;

pub mod dataset;

pub use crate::dataset::{
    Better, Bound, Change, Column, Dataset, Every, ExtraCell, Name, Normalisation, Notice,
    Quantity, ReportingRule, Requirement, SCHEMA_VERSION, Section, Source, Subsection, Table,
    TableKind, TableStatus, Target, TargetKind, Task, TextSpan, Unit, UnitKind, UnitMention,
};
pub use crate::diagnostic::{Code, Diagnostic, Severity};
pub use crate::error::{Error, ErrorKind};
pub use crate::json::{WriteError, Written, write_json};
pub use crate::lang::Lang;
pub use crate::rules::{Dumped, Rules, RulesError};
pub use crate::span::Span;
pub use crate::text::clean as clean_text;
pub use crate::units::{Normalised, normalise as normalise_unit};

/// Read a notice from its bytes. `source.file` is null; see [`extract_named`].
///
/// Fails only when the input is unusable: empty, binary, or without a task table. Everything
/// else that is odd is a [`Diagnostic`] in the dataset. Never panics.
pub fn extract(input: &[u8]) -> Result<Dataset, Error> {
    extract_named(None, input)
}

/// Read a notice from its bytes, recording `file` as its name in `source.file`.
pub fn extract_named(file: Option<&str>, input: &[u8]) -> Result<Dataset, Error> {
    extract_with(Rules::builtin(), file, input)
}

/// Read a notice from its bytes by `rules` (see [`Rules::from_dir`]), recording `file` as
/// its name in `source.file`.
pub fn extract_with(rules: &Rules, file: Option<&str>, input: &[u8]) -> Result<Dataset, Error> {
    let (mut dataset, tables) = pipeline::read(rules, file, input, false, |mut parts| {
        // Room for a task a row, made once (a row gives a task or none): a table of many
        // rows grown by doubling would copy its tasks again and again.
        let mut tasks: Vec<Task> = Vec::with_capacity(parts.tasks.size_hint().1.unwrap_or(0));
        tasks.extend(parts.tasks.by_ref());
        let units = units::index(&tasks, rules, parts.head.notice.jurisdiction.as_deref());
        let (sections, diagnostics) = parts.finish();
        Dataset {
            schema_version: parts.head.schema_version,
            source: parts.head.source,
            notice: parts.head.notice,
            sections: sections.unwrap_or(parts.sections),
            tasks,
            units,
            // The page tables, given back once the tasks are read: taken, not copied.
            tables: Vec::new(),
            diagnostics,
        }
    })?;
    dataset.tables = tables;
    Ok(dataset)
}

/// The text every `span` of a dataset read from `input` points into: `input` decoded to
/// UTF-8 (see `source.encoding`), its byte-order mark dropped, line endings made `\n`. For a
/// UTF-8 file with `\n` line endings and no BOM, that is the file itself.
///
/// Fails as [`extract`] does on input that is empty or binary.
pub fn decoded_text(input: &[u8]) -> Result<String, Error> {
    Ok(decode::decode(input)?.text.into_owned())
}
