//! The pipeline, stage by stage: bytes → text (`decode`) → blocks (`blocks`) → one logical
//! table (`stitch`; with none, `list` reads a list notice) → tasks row by row (`records`),
//! and the front matter (`notice`). [`read`] runs it up to the tasks and hands the parts on:
//! [`crate::extract_with`] collects them into a dataset, [`crate::write_json`] writes each task
//! as it is read.

use sha2::{Digest, Sha256};

use crate::dataset::{Notice, SCHEMA_VERSION, Section, Source, Table, TableStatus as Status, Task};
use crate::diagnostic::{Code, Diagnostic};
use crate::error::{Error, ErrorKind};
use crate::repair;
use crate::rules::{self, Rules};
use crate::span::{LineIndex, Span};
use crate::table::{self, Block};
use crate::{blocks, decode, list, notice, records, stitch, text};

/// What a dataset begins with: known before its tasks are read.
pub(crate) struct Head {
    pub(crate) schema_version: String,
    pub(crate) source: Source,
    pub(crate) notice: Notice,
}

/// A notice read up to its tasks, which [`Parts::tasks`] reads as they are asked for.
pub(crate) struct Parts<'a, 't> {
    pub(crate) head: Head,
    /// The sections: known before the tasks for a list notice, or for a table when asked
    /// for; else given by [`Parts::finish`].
    pub(crate) sections: Vec<Section>,
    pub(crate) tasks: Tasks<'a, 't>,
    pub(crate) tables: &'a [Table],
    /// The diagnostics of the stages before the records, and of the front matter.
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) notice_diagnostics: Vec<Diagnostic>,
}

impl Parts<'_, '_> {
    /// Once the tasks are read: the sections the table's rows gave (`None` for a list
    /// notice), and every diagnostic, in line order.
    pub(crate) fn finish(&mut self) -> (Option<Vec<Section>>, Vec<Diagnostic>) {
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

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Tasks::Table(rows) => rows.size_hint(),
            Tasks::List(tasks, _) => tasks.size_hint(),
        }
    }
}

/// Read `input` up to its tasks and hand the parts to `finish`; then give back what it made
/// and the page tables (which the parts only lend, the records reading their columns), for a
/// caller that keeps them to take without a copy. With `sections_first`, a table's sections
/// are read before its tasks (in a pass over its rows that reads nothing else), for output
/// that puts them first without holding every task.
pub(crate) fn read<R>(
    rules: &Rules,
    file: Option<&str>,
    input: &[u8],
    sections_first: bool,
    finish: impl FnOnce(Parts<'_, '_>) -> R,
) -> Result<(R, Vec<Table>), Error> {
    let decoded = decode::decode(input)?;
    let sha256 = text::hex(&Sha256::digest(input));
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
    let fragments = repair::fragments::detect(&pages, &cells, text, &lines, rules);
    let (mut pages, mut cells) = match fragments {
        Some(_) => {
            paragraphs.extend(repair::fragments::rows_as_lines(&pages, &cells));
            paragraphs.sort_by_key(|p| p.span.start);
            (Vec::new(), Vec::new())
        }
        None => (pages, cells),
    };
    let page_count = pages.len();
    // Tables that begin with a numbered item and name no column (markitdown on a PDF cuts a
    // paragraph's lines into cells where its layout looks like columns): in a list notice,
    // their rows are the item's lines.
    let item_tables: Vec<(Span, Vec<table::Paragraph<'_>>)> = pages
        .iter()
        .filter(|page| {
            let header = &cells[page.header.cells.clone()];
            header
                .first()
                .is_some_and(|c| list::starts_with_item(c.text.trim()))
                && crate::columns::header_columns(header, rules).is_none()
        })
        .map(|page| {
            (
                page.span,
                repair::fragments::rows_as_lines(std::slice::from_ref(page), &cells),
            )
        })
        .collect();
    repair::pages(&mut pages, &mut cells, &lines, rules, &mut diagnostics);
    let (mut table, diags) = stitch::stitch(pages, cells, &lines, rules);
    diagnostics.extend(diags);
    repair::table(&mut table, &lines, rules, &mut diagnostics);
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
            let mut after_table = std::mem::take(&mut table.after);
            after_table.extend(lines_of(&|p| p.span.start >= table_end));
            let after = notice::split_run_together(after_table, text);
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
            let made = finish(Parts {
                head: head(notice),
                sections,
                tasks: Tasks::Table(Box::new(tasks)),
                tables: &table.tables,
                diagnostics,
                notice_diagnostics,
            });
            Ok((made, table.tables))
        }
        None => {
            let mut all_lines = list::split_after_brackets(
                notice::split_lines(paragraphs.iter(), text),
                text,
                rules,
            );
            let item_spans: Vec<Span> = item_tables.iter().map(|(span, _)| *span).collect();
            if !item_tables.is_empty() {
                all_lines.extend(item_tables.into_iter().flat_map(|(_, rows)| rows));
                all_lines.sort_by_key(|p| p.span.start);
            }
            // A task table's header written as paragraphs or lines makes it a table notice
            // whose converter wrote no table: its cells one after another are no list, though
            // some read like one (`1．…` text cells, `牵头单位：…` unit cells).
            let header_as_lines = table_as_paragraphs(&all_lines, &lines, rules);
            let list = match header_as_lines {
                Some(_) => None,
                None => list::read(&all_lines, text, &lines, rules, first_leads(text, rules)),
            };
            let Some(list) = list else {
                if let Some(line) = fragments {
                    return Err(Error::new(ErrorKind::FragmentedTable { line }));
                }
                if let Some(line) = header_as_lines {
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
            // A table that was an item's lines: read so, said so, no more a skipped table.
            diagnostics.retain(|x| {
                !(x.code == Code::SkippedTable
                    && item_spans.iter().any(|s| s.start == x.span.start))
            });
            for span in item_spans {
                diagnostics.push(Diagnostic::new(
                    Code::FragmentsReadAsLines,
                    span,
                    &lines,
                    format!(
                        "the table at line {} begins with a numbered item and names no column \
                         (markitdown cuts a PDF paragraph's lines into cells where they look \
                         like columns): its rows were read as lines of the list; check the task",
                        lines.line(span.start)
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
            let made = finish(Parts {
                head: head(notice),
                sections: list.sections,
                tasks: Tasks::List(list.tasks.into_iter(), list.diags),
                tables: &table.tables,
                diagnostics,
                notice_diagnostics,
            });
            Ok((made, table.tables))
        }
    }
}

/// The line where a task table's header stands as paragraphs or lines, one cell each (`序号`,
/// `目标任务`, `牵头单位` one after another), or as one line of its names (`序号 重点任务 责任单位
/// 完成时限`): a converter that writes no tables (mammoth's markdown, LibreOffice's text
/// export, a PDF's text with the table's cells a line each).
fn table_as_paragraphs(
    paragraphs: &[table::Paragraph<'_>],
    lines: &LineIndex,
    rules: &Rules,
) -> Option<usize> {
    let names_task = |roles: &[Option<rules::Role>]| {
        roles.iter().all(Option::is_some) && roles.contains(&Some(rules::Role::Task))
    };
    let cells = paragraphs.windows(3).find_map(|w| {
        let roles: Vec<_> = w.iter().map(|p| rules.header_role(&p.text)).collect();
        names_task(&roles).then(|| w[0].span.start)
    });
    let row = paragraphs.iter().find_map(|p| {
        let roles: Vec<_> = rules
            .header_row_roles(&p.text)?
            .into_iter()
            .map(Some)
            .collect();
        (roles.len() >= 3 && names_task(&roles)).then_some(p.span.start)
    });
    [cells, row, number_column(paragraphs)]
        .into_iter()
        .flatten()
        .min()
        .map(|at| lines.line(at))
}

/// Where a table's number column stands as lines of its own, each number right above its
/// row's text (`1` / `1．全县地区生产总值增长6%左右。` / `牵头单位：…` / `2` / `2．…`): the rows
/// of a table written as paragraphs, whose header is not there to say so. Two numbers in
/// order, each right above a numbered item, are such a column; a list notice has no bare
/// number right above its items (a page's number is written `— 2 —`, and falls anywhere).
fn number_column(paragraphs: &[table::Paragraph<'_>]) -> Option<usize> {
    let bare = |p: &table::Paragraph<'_>| -> Option<u32> {
        let t = p.text.trim();
        (!t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let mut last: Option<(u32, usize)> = None;
    for w in paragraphs.windows(2) {
        let Some(n) = bare(&w[0]) else { continue };
        if !list::starts_with_item(&w[1].text) {
            continue;
        }
        match last {
            Some((m, at)) if n == m + 1 => return Some(at),
            _ => last = Some((n, w[0].span.start)),
        }
    }
    None
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
