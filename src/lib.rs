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
//! `markdown` (page tables; `grid`, `html` and `tsv` read the other table syntaxes) → `stitch`
//! (one logical table; with none, `list` reads a list notice) →
//! `records` (sections and whole tasks: their units read by `units`, their targets by
//! `targets`) → `units::index` (one record per unit) → `notice` (front matter). The tasks come
//! row by row: [`extract_with`] collects them into a [`Dataset`]; [`write_json`] writes each
//! as it is read (`json`), for input too large to hold whole. The output types in [`dataset`]
//! are the documented contract; [`Diagnostic`]s are data in it.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod blocks;
mod decode;
mod diagnostic;
pub mod diff;
mod docx;
mod error;
#[cfg(feature = "export")]
pub mod export;
mod grid;
mod html;
mod json;
pub mod ledger;
mod list;
mod markdown;
mod markup;
mod notice;
mod placement;
mod records;
mod reporting;
mod rules;
mod scan;
mod span;
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
    Better, Bound, Change, Column, Dataset, Every, ExtraCell, Normalisation, Notice, Quantity,
    ReportingRule, Requirement, SCHEMA_VERSION, Section, Source, Subsection, Table, TableKind,
    TableStatus, Target, TargetKind, Task, TextSpan, Unit, UnitKind, UnitMention,
};
pub use crate::diagnostic::{Code, Diagnostic, Severity};
pub use crate::error::{Error, ErrorKind};
pub use crate::json::{WriteError, Written, write_json};
pub use crate::rules::{Rules, RulesError};
pub use crate::span::Span;
pub use crate::text::clean as clean_text;
pub use crate::units::{Normalised, normalise as normalise_unit};

use sha2::{Digest, Sha256};

use crate::dataset::TableStatus as Status;
use crate::span::LineIndex;
use crate::table::Block;

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
    read(rules, file, input, false, |mut parts| {
        let tasks: Vec<Task> = parts.tasks.by_ref().collect();
        let units = units::index(&tasks, rules);
        let (sections, diagnostics) = parts.finish();
        Dataset {
            schema_version: parts.head.schema_version,
            source: parts.head.source,
            notice: parts.head.notice,
            sections: sections.unwrap_or(parts.sections),
            tasks,
            units,
            tables: parts.tables.to_vec(),
            diagnostics,
        }
    })
}

/// What a dataset begins with: known before its tasks are read.
pub(crate) struct Head {
    schema_version: String,
    source: Source,
    notice: Notice,
}

/// A notice read up to its tasks, which [`Parts::tasks`] reads as they are asked for.
pub(crate) struct Parts<'a, 't> {
    head: Head,
    /// The sections: known before the tasks for a list notice, or for a table when asked
    /// for; else given by [`Parts::finish`].
    sections: Vec<Section>,
    tasks: Tasks<'a, 't>,
    tables: &'a [Table],
    /// The diagnostics of the stages before the records, and of the front matter.
    diagnostics: Vec<Diagnostic>,
    notice_diagnostics: Vec<Diagnostic>,
}

impl Parts<'_, '_> {
    /// Once the tasks are read: the sections the table's rows gave (`None` for a list
    /// notice), and every diagnostic, in line order.
    fn finish(&mut self) -> (Option<Vec<Section>>, Vec<Diagnostic>) {
        let (sections, records) = match &mut self.tasks {
            Tasks::Table(rows) => {
                let (sections, diags) = rows.finish();
                (Some(sections), diags)
            }
            Tasks::List(_, diags) => (None, std::mem::take(diags)),
        };
        let mut diagnostics = std::mem::take(&mut self.diagnostics);
        diagnostics.extend(records);
        diagnostics.append(&mut self.notice_diagnostics);
        diagnostics.sort_by_key(|d| (d.line, d.span.start));
        (sections, diagnostics)
    }
}

/// The tasks of a notice: read row by row from its table, or read already from its list.
pub(crate) enum Tasks<'a, 't> {
    Table(Box<records::TaskRows<'a, 't>>),
    List(std::vec::IntoIter<Task>, Vec<Diagnostic>),
}

impl Iterator for Tasks<'_, '_> {
    type Item = Task;

    fn next(&mut self) -> Option<Task> {
        match self {
            Tasks::Table(rows) => rows.next(),
            Tasks::List(tasks, _) => tasks.next(),
        }
    }
}

/// Read `input` up to its tasks and hand the parts to `finish`. With `sections_first`, a
/// table's sections are read before its tasks (in a pass over its rows that reads nothing
/// else), for output that puts them first without holding every task.
fn read<R>(
    rules: &Rules,
    file: Option<&str>,
    input: &[u8],
    sections_first: bool,
    finish: impl FnOnce(Parts<'_, '_>) -> R,
) -> Result<R, Error> {
    let decoded = decode::decode(input)?;
    let sha256 = hex(&Sha256::digest(input));
    let text: &str = &decoded.text;
    let lines = LineIndex::new(text);
    let mut diagnostics = Vec::new();
    for (at, message) in &decoded.problems {
        diagnostics.push(Diagnostic::new(
            Code::InvalidEncoding,
            Span::new(*at, *at),
            &lines,
            message.clone(),
        ));
    }

    let mut paragraphs = Vec::new();
    let mut pages = Vec::new();
    let (blocks, cells, diags) = blocks::parse(text, &lines);
    diagnostics.extend(diags);
    for block in blocks {
        match block {
            Block::Paragraph(p) => paragraphs.push(p),
            Block::Table(t) => pages.push(t),
        }
    }
    // Table fragments: no table to trust. A list notice may still be read from them, their
    // rows being the lines the converter cut into cells.
    let fragments =
        fragmented(&pages, text, &lines).or_else(|| tiny_fragments(&pages, &cells, &lines, rules));
    let (pages, cells) = match fragments {
        Some(_) => {
            paragraphs.extend(rows_as_lines(&pages, &cells));
            paragraphs.sort_by_key(|p| p.span.start);
            (Vec::new(), Vec::new())
        }
        None => (pages, cells),
    };
    let page_count = pages.len();
    let (mut table, diags) = stitch::stitch(pages, cells, &lines, rules);
    diagnostics.extend(diags);
    let source = Source {
        file: file.map(str::to_owned),
        sha256,
        format: decoded.format.to_owned(),
        encoding: decoded.encoding,
        bom: decoded.bom,
        bytes: input.len(),
        lines: lines.count(),
    };
    let head = |notice| Head {
        schema_version: SCHEMA_VERSION.to_owned(),
        source,
        notice,
    };
    // The records: from the task table, or else from a list of numbered paragraphs; and the
    // front matter and closing lines around them, a line each (converters that drop the blank
    // lines between them run several into one paragraph).
    let mut task_tables = table.tables.iter().filter(|t| t.status != Status::Skipped);
    match task_tables.next() {
        Some(first_table) => {
            if table.rows.is_empty() {
                return Err(Error::new(ErrorKind::NoTaskRows {
                    line: first_table.line,
                }));
            }
            let table_start = first_table.span.start;
            let table_end = task_tables.next_back().unwrap_or(first_table).span.end;
            let lines_of = |keep: &dyn Fn(&table::Paragraph<'_>) -> bool| {
                notice::split_lines(paragraphs.iter().filter(|p| keep(p)), text)
            };
            let before = notice::split_run_together(lines_of(&|p| p.span.end <= table_start), text);
            let after = notice::split_run_together(lines_of(&|p| p.span.start >= table_end), text);
            let (notice, notice_diagnostics) = notice::read(
                &before.iter().collect::<Vec<_>>(),
                &after.iter().collect::<Vec<_>>(),
                &lines,
                rules,
            );
            let sections = if sections_first {
                records::sections(&table, text, &lines, rules)
            } else {
                Vec::new()
            };
            let rows = std::mem::take(&mut table.rows);
            let cells = std::mem::take(&mut table.cells);
            let tasks = records::TaskRows::new(&table, rows, cells, text, &lines, rules)
                .first_leads(first_leads(text, rules));
            Ok(finish(Parts {
                head: head(notice),
                sections,
                tasks: Tasks::Table(Box::new(tasks)),
                tables: &table.tables,
                diagnostics,
                notice_diagnostics,
            }))
        }
        None => {
            let all_lines = notice::split_lines(paragraphs.iter(), text);
            let Some(list) = list::read(&all_lines, text, &lines, rules, first_leads(text, rules))
            else {
                if let Some(line) = fragments {
                    return Err(Error::new(ErrorKind::FragmentedTable { line }));
                }
                if let Some(line) = table_as_paragraphs(&all_lines, &lines, rules) {
                    return Err(Error::new(ErrorKind::TableAsParagraphs { line }));
                }
                return Err(Error::new(ErrorKind::NoTaskTable { tables: page_count }));
            };
            if let Some(line) = fragments {
                let span = list.tasks.first().map_or(Span::default(), |first| {
                    let last = list.tasks.last().unwrap_or(first);
                    first.span.cover(last.span)
                });
                diagnostics.push(Diagnostic::new(
                    Code::FragmentsReadAsLines,
                    span,
                    &lines,
                    format!(
                        "the lines from line {line} are cut into table fragments (what markitdown \
                         makes of a PDF) and hold no task table: their rows were read as lines \
                         of text, a list notice; check the tasks against the notice, or convert \
                         the PDF with pymupdf4llm"
                    ),
                ));
            }
            let before =
                notice::split_run_together(list.before.into_iter().cloned().collect(), text);
            let after = notice::split_run_together(list.after.into_iter().cloned().collect(), text);
            let (notice, notice_diagnostics) = notice::read(
                &before.iter().collect::<Vec<_>>(),
                &after.iter().collect::<Vec<_>>(),
                &lines,
                rules,
            );
            Ok(finish(Parts {
                head: head(notice),
                sections: list.sections,
                tasks: Tasks::List(list.tasks.into_iter(), list.diags),
                tables: &table.tables,
                diagnostics,
                notice_diagnostics,
            }))
        }
    }
}

/// The text every `span` of a dataset read from `input` points into: `input` decoded to
/// UTF-8 (see `source.encoding`), its byte-order mark dropped, line endings made `\n`. For a
/// UTF-8 file with `\n` line endings and no BOM, that is the file itself.
///
/// Fails as [`extract`] does on input that is empty or binary.
pub fn decoded_text(input: &[u8]) -> Result<String, Error> {
    Ok(decode::decode(input)?.text.into_owned())
}

/// The line where a task table's header stands as paragraphs or lines, one cell each (`序号`,
/// `目标任务`, `牵头单位` one after another): a converter that writes no tables (mammoth's
/// markdown, LibreOffice's text export).
fn table_as_paragraphs(
    paragraphs: &[table::Paragraph<'_>],
    lines: &LineIndex,
    rules: &Rules,
) -> Option<usize> {
    paragraphs.windows(3).find_map(|w| {
        let roles: Vec<_> = w.iter().map(|p| rules.header_role(&p.text)).collect();
        (roles.iter().all(Option::is_some) && roles.contains(&Some(rules::Role::Task)))
            .then(|| lines.line(w[0].span.start))
    })
}

/// The rows of table fragments as the lines they were cut from: each row's cells joined in
/// order (`| 1．全县地区生产总值增长 | | 6%左右 |` → `1．全县地区生产总值增长6%左右`), the
/// delimiter rows left out.
fn rows_as_lines<'a>(
    pages: &[table::PageTable],
    cells: &[table::Cell<'a>],
) -> Vec<table::Paragraph<'a>> {
    pages
        .iter()
        .flat_map(|page| std::iter::once(&page.header).chain(&page.rows))
        .filter_map(|row| {
            let line: String = cells[row.cells.clone()]
                .iter()
                .map(|c| c.text.trim())
                .collect();
            let delimiter = line.chars().all(|c| matches!(c, '-' | ':' | ' '));
            (!delimiter).then(|| table::Paragraph {
                text: line.into(),
                span: row.span,
            })
        })
        .collect()
}

/// The first line of `text` that says the first unit of each list leads
/// (`列第一位的为牵头单位`: [`Rules::says_first_leads`]).
fn first_leads(text: &str, rules: &Rules) -> Option<usize> {
    // Such a line names the lead (`牵头`): only the lines that do are looked at.
    let mut looked_to = 0;
    for at in memchr::memmem::find_iter(text.as_bytes(), "牵头".as_bytes()) {
        if at < looked_to {
            continue;
        }
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        looked_to = end;
        let line = text[start..end]
            .strip_suffix('\r')
            .unwrap_or(&text[start..end]);
        if rules.says_first_leads(line) {
            return Some(memchr::memchr_iter(b'\n', &text.as_bytes()[..start]).count() + 1);
        }
    }
    None
}

/// Rows in one pipe table, of each kind, from which it counts as fragments.
const FRAGMENT_ROWS: usize = 3;

/// The line of a pipe table made of fragments: several delimiter rows (`| --- |`) and several
/// lines without a `|` in its body. A converter that writes each row of a PDF table as a
/// table of its own, with the text that wrapped in between (markitdown on a PDF), gives this;
/// no reading of it can be trusted.
fn fragmented(pages: &[table::PageTable], text: &str, lines: &LineIndex) -> Option<usize> {
    pages.iter().find_map(|page| {
        let line_of = |row: &table::Row| text[row.span.range()].trim();
        let pipeless = page
            .rows
            .iter()
            .filter(|r| !line_of(r).contains('|'))
            .count();
        let delimiters = page
            .rows
            .iter()
            .filter(|r| {
                let l = line_of(r);
                l.contains('-') && l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
            })
            .count();
        (page.kind == dataset::TableKind::Pipe
            && pipeless >= FRAGMENT_ROWS
            && delimiters >= FRAGMENT_ROWS)
            .then(|| lines.line(page.span.start))
    })
}

/// The line of the first of many pipe tables of a row or two, where no table has a task
/// header: a converter that writes each line of a PDF page it takes for a table row as a
/// table of its own, with the text between them (markitdown on a list notice's PDF).
fn tiny_fragments(
    pages: &[table::PageTable],
    cells: &[table::Cell<'_>],
    lines: &LineIndex,
    rules: &Rules,
) -> Option<usize> {
    let names_task = |page: &table::PageTable| {
        cells[page.header.cells.clone()]
            .iter()
            .any(|c| rules.header_role(&c.text) == Some(rules::Role::Task))
    };
    let tiny = pages
        .iter()
        .filter(|p| p.kind == dataset::TableKind::Pipe && p.rows.len() <= 2)
        .count();
    let first = pages.first()?;
    (tiny >= FRAGMENT_ROWS && !pages.iter().any(names_task)).then(|| lines.line(first.span.start))
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 0xf)]])
        .map(char::from)
        .collect()
}
