//! Stage 4: logical rows → sections, sub-categories and tasks.
//!
//! Each body row becomes a section (`一、…` alone in its row), a sub-category (`（一）…`
//! alone in its row), a task, or a diagnostic. Empty unit cells are vertically merged cells:
//! they inherit from the nearest task above in the same section, with provenance.

use std::ops::Range;
use std::sync::Arc;

use rustc_hash::FxHashSet;

use crate::dataset::{Column, ExtraCell, Section, Subsection, Task, UnitMention};
use crate::diagnostic::{Code, Diagnostic};
use crate::span::{LineIndex, Span};
use crate::stitch::{Field, LogicalTable, RowCells};
use crate::targets;
use crate::text;
use crate::units::{self, CellReader};

/// The records read from the logical table.
#[derive(Clone, Debug, Default)]
pub struct Records {
    /// Sections with their sub-categories.
    pub sections: Vec<Section>,
    /// Tasks in table order.
    pub tasks: Vec<Task>,
    /// For each task, its lead and responsible units (own or inherited) as ranges of
    /// `units.ids` (for [`units::index`]).
    pub lists: Vec<[Range<usize>; 2]>,
    /// The units the cells name, numbered (for [`units::index`]).
    pub units: units::UnitNumbers,
}

/// A unit list that later merged cells in the same section may inherit: the index in
/// `Records::tasks` of the task whose own cell it is.
#[derive(Clone, Copy, Debug)]
struct Carry(usize);

/// A plain-text column's cell for a task.
enum Plain {
    /// The page has no such column.
    NoColumn,
    /// The cell's own text.
    Own(String),
    /// The cell is empty; the task at this index in `Records::tasks` had the value.
    Inherited(usize),
    /// The cell is empty and nothing above it in the section had a value.
    Empty,
}

/// Names in a cell (leaders), split like unit lists, whitespace removed.
fn names(raw: &str) -> Vec<String> {
    units::split(raw)
        .pieces
        .into_iter()
        .map(|(_, p)| text::compact(p))
        .collect()
}

/// One unit column's value for a task.
struct UnitField {
    names: Arc<[Arc<str>]>,
    /// The names' unit numbers: a range of [`units::UnitNumbers::ids`].
    ids: Range<usize>,
    raw: Option<Arc<str>>,
    inherited_from: Option<u32>,
    mentions: Vec<UnitMention>,
}

/// Reading state carried from row to row.
struct Reader<'a, 't> {
    table: &'a LogicalTable<'t>,
    source: &'a str,
    lines: &'a LineIndex,
    out: Records,
    diags: Vec<Diagnostic>,
    /// Number of the current section, if a section row has been seen.
    section: Option<u32>,
    /// The current sub-category: number and cleaned title.
    subsection: Option<(Option<u32>, Arc<str>)>,
    /// Counts section rows: tasks under different section rows never share a merged cell.
    epoch: u32,
    /// Each task's lead and responsible cells (the page may lack the column), read after
    /// all rows (see [`read`]), and the epoch the task is in.
    unit_cells: Vec<([Option<Field<'t>>; 2], u32)>,
    leaders: Option<Carry>,
    deadline: Option<Carry>,
    seen: FxHashSet<u32>,
    /// Reads unit cells; shares copies of unit names.
    units: CellReader,
    /// Reads the targets in task texts.
    targets: targets::Reader,
    /// The raw text of every empty (merged) unit cell.
    empty: Arc<str>,
    /// A buffer for cleaning texts that are then shared.
    scratch: String,
}

/// Read sections and tasks from the logical table. `source` is the decoded text. The rows are
/// taken out of `table` (their text moves into the records).
///
/// The rows are read first (sections, sub-categories, numbers, raw texts); then, pass after
/// pass over the tasks, their unit cells, their cleaned texts and the targets in them: one
/// kind of work at a time keeps its code and tables in the cache.
pub fn read(
    table: &mut LogicalTable<'_>,
    source: &str,
    lines: &LineIndex,
) -> (Records, Vec<Diagnostic>) {
    let rows = std::mem::take(&mut table.rows);
    let mut cells = std::mem::take(&mut table.cells);
    let tasks = Vec::with_capacity(rows.len());
    let mut reader = Reader {
        table,
        source,
        lines,
        out: Records {
            sections: Vec::new(),
            lists: Vec::with_capacity(tasks.capacity()),
            tasks,
            units: units::UnitNumbers::default(),
        },
        diags: Vec::new(),
        section: None,
        subsection: None,
        epoch: 0,
        unit_cells: Vec::with_capacity(rows.len()),
        leaders: None,
        deadline: None,
        seen: FxHashSet::with_capacity_and_hasher(rows.len(), Default::default()),
        units: CellReader::with_capacity(rows.len()),
        targets: targets::Reader::default(),
        empty: Arc::default(),
        scratch: String::new(),
    };
    for row in rows {
        reader.row(&mut RowCells {
            cells: &mut cells[row.cells],
            span: row.span,
            table: row.table,
        });
    }
    // Unit cells after all rows: one stage at a time keeps each one's code and tables hot.
    // Within a section (epoch), an empty cell inherits from the last task with its own.
    let (mut lead, mut responsible, mut epoch) = (None, None, 0);
    for (i, ([lead_cell, responsible_cell], task_epoch)) in std::mem::take(&mut reader.unit_cells)
        .into_iter()
        .enumerate()
    {
        if task_epoch != epoch {
            (lead, responsible, epoch) = (None, None, task_epoch);
        }
        let l = reader.units(i, lead_cell, Column::Lead, &mut lead);
        let r = reader.units(i, responsible_cell, Column::Responsible, &mut responsible);
        reader.out.lists.push([l.ids, r.ids]);
        let task = &mut reader.out.tasks[i];
        (task.lead, task.lead_raw) = (l.names, l.raw);
        (task.lead_inherited_from, task.lead_mentions) = (l.inherited_from, l.mentions);
        (task.responsible, task.responsible_raw) = (r.names, r.raw);
        (task.responsible_inherited_from, task.responsible_mentions) =
            (r.inherited_from, r.mentions);
    }
    reader.out.units = reader.units.into_numbers();
    // Then the texts, cleaned; then the targets in them.
    for task in &mut reader.out.tasks {
        task.text = text::clean(&task.text_raw);
    }
    for task in &mut reader.out.tasks {
        task.targets = reader.targets.read(&task.text);
    }
    (reader.out, reader.diags)
}

impl<'t> Reader<'_, 't> {
    fn diag(&mut self, code: Code, span: Span, message: String) {
        self.diags
            .push(Diagnostic::new(code, span, self.lines, message));
    }

    fn row(&mut self, row: &mut RowCells<'_, 't>) {
        let mut filled = row.cells.iter().filter(|c| !c.text.is_empty());
        let Some(first) = filled.next() else {
            self.diag(
                Code::EmptyRow,
                row.span,
                "table row with no text is skipped".into(),
            );
            return;
        };
        if filled.all(|c| c.text == first.text) {
            // One text across the row: a section row spanning all columns, or a sub-category
            // row (written in one cell, or in every cell it spans).
            if let Some((number, title)) = text::section_heading(&first.text) {
                self.open_section(number, title, &first.text, row);
                return;
            }
            let column = self.column_of(row, first.span);
            if matches!(column, Some(Column::Label | Column::Text))
                && text::subcategory_label(&first.text).is_some()
            {
                self.open_subsection(&first.text, first.span, row.span);
                return;
            }
        }
        self.task(row);
    }

    /// The role of the cell of `row` at `span`.
    fn column_of(&self, row: &RowCells<'_, '_>, span: Span) -> Option<Column> {
        let i = row.cells.iter().position(|c| c.span == span)?;
        self.table.columns(row).get(i).copied()
    }

    fn open_section(&mut self, number: u32, title: &str, raw: &str, row: &RowCells<'_, '_>) {
        self.section = Some(number);
        self.subsection = None;
        self.epoch += 1;
        self.leaders = None;
        self.deadline = None;
        self.out.sections.push(Section {
            number,
            title: text::clean(title),
            title_raw: raw.to_owned(),
            subsections: Vec::new(),
            line: self.lines.line(row.span.start),
            span: row.span,
        });
    }

    /// Open the sub-category a label cell names, unless it is the current one written again
    /// (converters that repeat a merged cell in every row it covers).
    fn open_subsection(&mut self, label: &str, label_span: Span, row_span: Span) {
        let (number, title) = match text::subcategory_label(label) {
            Some((n, title)) => (Some(n), title),
            None => (None, label),
        };
        self.scratch = text::clean(title);
        if self
            .subsection
            .as_ref()
            .is_some_and(|(n, t)| *n == number && **t == *self.scratch)
        {
            return;
        }
        // One copy for the sub-category and every task in it.
        let shared: Arc<str> = Arc::from(self.scratch.as_str());
        let sub = Subsection {
            number,
            title: shared.clone(),
            title_raw: label.to_owned(),
            line: self.lines.line(row_span.start),
            span: label_span,
        };
        if let Some(section) = self
            .out
            .sections
            .last_mut()
            .filter(|_| self.section.is_some())
        {
            section.subsections.push(sub);
        }
        self.subsection = Some((number, shared));
    }

    fn task(&mut self, row: &mut RowCells<'_, 't>) {
        let table = self.table;
        let label = table
            .take_field(row, Column::Label)
            .filter(|f| !f.text.is_empty());
        let mut text = table.take_field(row, Column::Text);
        if let Some(label) = label {
            let is_label = text::subcategory_label(&label.text).is_some();
            let text_empty = text.as_ref().is_none_or(|t| t.text.is_empty());
            if !is_label && text_empty {
                // The label column holds the task text (no sub-category here).
                text = Some(label);
            } else {
                if !is_label {
                    self.diag(
                        Code::UnlabelledSubcategory,
                        label.span,
                        format!(
                            "sub-category cell {:?} has no （一）-style number; read as a \
                             sub-category title",
                            label.text
                        ),
                    );
                }
                self.open_subsection(&label.text, label.span, row.span);
            }
        }
        let text = text.unwrap_or(Field {
            text: "".into(),
            span: row.span,
        });

        let number_cell = table.field(row, Column::Seq);
        let seq_number = number_cell
            .as_ref()
            .and_then(|f| text::task_number(&f.text));
        let seq = match seq_number {
            Some(n) => n,
            None if text.text.is_empty() => {
                let shown: Vec<&str> = row
                    .cells
                    .iter()
                    .filter(|c| !c.text.is_empty())
                    .map(|c| &*c.text)
                    .collect();
                self.diag(
                    Code::UnclassifiedRow,
                    row.span,
                    format!(
                        "row is not a task, section or header (no number and no task text); \
                         dropped: {shown:?}"
                    ),
                );
                return;
            }
            None => {
                let n = self.out.tasks.last().map_or(1, |t| t.seq + 1);
                // Without a number column the table says so once (I007); a number cell
                // that holds no number is reported here.
                if let Some(f) = &number_cell {
                    let what = if f.text.is_empty() {
                        "number cell is empty".to_owned()
                    } else {
                        format!("number cell {:?} is not a number", f.text)
                    };
                    let span = if f.text.is_empty() { row.span } else { f.span };
                    self.diag(
                        Code::MissingTaskNumber,
                        span,
                        format!("{what}; task numbered {n} in order"),
                    );
                }
                n
            }
        };
        if !self.seen.insert(seq) {
            self.diag(
                Code::DuplicateTaskNumber,
                row.span,
                format!("task number {seq} is used by an earlier task too"),
            );
        }
        if self.section.is_none() {
            self.diag(
                Code::TaskOutsideSection,
                row.span,
                format!("task {seq} stands before any section row (一、…)"),
            );
        }
        if text.text.is_empty() {
            self.diag(
                Code::EmptyTaskText,
                row.span,
                format!("task {seq} has no text"),
            );
        }

        let leaders = self.plain(row, Column::Leaders);
        let (leaders, leaders_raw, leaders_inherited_from) = match leaders {
            Plain::Own(raw) => (names(&raw), Some(raw), None),
            Plain::Inherited(i) => {
                let from = &self.out.tasks[i];
                (from.leaders.clone(), Some(String::new()), Some(from.seq))
            }
            Plain::Empty => (Vec::new(), Some(String::new()), None),
            Plain::NoColumn => (Vec::new(), None, None),
        };
        let deadline = self.plain(row, Column::Deadline);
        let (deadline, deadline_raw, deadline_inherited_from) = match deadline {
            Plain::Own(raw) => (Some(text::clean(&raw)), Some(raw), None),
            Plain::Inherited(i) => {
                let from = &self.out.tasks[i];
                (from.deadline.clone(), Some(String::new()), Some(from.seq))
            }
            Plain::Empty => (None, Some(String::new()), None),
            Plain::NoColumn => (None, None, None),
        };
        let extra = self.extra(row);
        let (subsection, subsection_title) = match &self.subsection {
            Some((n, title)) => (*n, Some(title.clone())),
            None => (None, None),
        };
        let lead = self.table.take_field(row, Column::Lead);
        let responsible = self.table.take_field(row, Column::Responsible);
        self.unit_cells.push(([lead, responsible], self.epoch));
        self.out.tasks.push(Task {
            seq,
            seq_inferred: seq_number.is_none(),
            section: self.section,
            subsection,
            subsection_title,
            targets: Vec::new(),
            // Cleaned with the other tasks' texts, after all rows.
            text: String::new(),
            text_raw: text.text.into_owned(),
            // Read with the other tasks' unit cells, after all rows.
            lead: Arc::default(),
            lead_raw: None,
            lead_inherited_from: None,
            lead_mentions: Vec::new(),
            responsible: Arc::default(),
            responsible_raw: None,
            responsible_inherited_from: None,
            responsible_mentions: Vec::new(),
            leaders,
            leaders_raw,
            leaders_inherited_from,
            deadline,
            deadline_raw,
            deadline_inherited_from,
            extra,
            line: self.lines.line(row.span.start),
            span: row.span,
        });
    }

    /// The cell of a plain-text column (leaders, deadline): its own text, or the task it
    /// inherits from when empty (a merged cell). Nothing to inherit is no error here: these
    /// columns may well be empty.
    fn plain(&mut self, row: &mut RowCells<'_, 't>, column: Column) -> Plain {
        let Some(field) = self.table.take_field(row, column) else {
            return Plain::NoColumn;
        };
        let carry = match column {
            Column::Leaders => &mut self.leaders,
            _ => &mut self.deadline,
        };
        if field.text.is_empty() {
            return carry.map_or(Plain::Empty, |Carry(i)| Plain::Inherited(i));
        }
        // This row's task is pushed next.
        *carry = Some(Carry(self.out.tasks.len()));
        Plain::Own(field.text.into_owned())
    }

    /// Non-empty cells of columns with unknown headers, taken out of the row.
    fn extra(&self, row: &mut RowCells<'_, 't>) -> Vec<ExtraCell> {
        let columns = self.table.columns(row);
        if !columns.contains(&Column::Unknown) {
            return Vec::new();
        }
        let header = &self.table.tables[self.table.header_of[row.table]].header;
        columns
            .iter()
            .zip(row.cells.iter_mut())
            .enumerate()
            .filter(|(_, (c, cell))| **c == Column::Unknown && !cell.text.is_empty())
            .map(|(i, (_, cell))| ExtraCell {
                column: header
                    .get(i)
                    .filter(|h| !h.is_empty())
                    .map_or_else(|| format!("column {}", i + 1), |h| h.to_string()),
                text: std::mem::take(&mut cell.text).into_owned(),
                span: cell.span,
            })
            .collect()
    }

    /// The units of task `i` (in `out.tasks`) in its `cell` of the `column` (lead or
    /// responsible) column: its own, or inherited from `carry` (the last task in the section
    /// with its own) when the cell is empty (merged). `None`: the page has no such column.
    fn units(
        &mut self,
        i: usize,
        cell: Option<Field<'_>>,
        column: Column,
        carry: &mut Option<Carry>,
    ) -> UnitField {
        let Some(field) = cell else {
            return UnitField {
                names: Arc::default(),
                ids: 0..0,
                raw: None,
                inherited_from: None,
                mentions: Vec::new(),
            };
        };
        if field.text.is_empty() {
            let task = &self.out.tasks[i];
            if carry.is_none() {
                let what = if column == Column::Lead {
                    "lead"
                } else {
                    "responsible"
                };
                let (seq, span) = (task.seq, task.span);
                self.diag(
                    Code::NothingToInherit,
                    span,
                    format!(
                        "task {seq} has an empty {what} cell and no task above it in its \
                         section to inherit from; its {what} list is empty"
                    ),
                );
            }
            let from = carry.map(|Carry(k)| &self.out.tasks[k]);
            let column_index = usize::from(column != Column::Lead);
            return UnitField {
                ids: carry.map_or(0..0, |Carry(k)| self.out.lists[k][column_index].clone()),
                names: from.map_or_else(Arc::default, |t| match column {
                    Column::Lead => t.lead.clone(),
                    _ => t.responsible.clone(),
                }),
                raw: Some(self.empty.clone()),
                inherited_from: from.map(|t| t.seq),
                mentions: Vec::new(),
            };
        }
        let cell = self.units.read(
            &field.text,
            field.span,
            self.source,
            self.lines,
            &mut self.diags,
        );
        *carry = Some(Carry(i));
        UnitField {
            names: cell.names,
            ids: cell.ids,
            raw: Some(cell.raw),
            inherited_from: None,
            mentions: cell.mentions,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Code;

    #[test]
    fn merged_cells_stop_at_every_section_row_even_a_repeated_number() {
        let notice = "| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
            | 一、稳增长 | | | |\n\
            | 1 | 地区生产总值增长5%左右。 | 县发改局 | 县统计局 |\n\
            | 2 | 固定资产投资增长8%。 | | |\n\
            | 一、促消费 | | | |\n\
            | 3 | 社会消费品零售总额增长6%。 | | 县商务局 |\n";
        let d = crate::extract(notice.as_bytes()).unwrap();
        let inherited: Vec<_> = d
            .tasks
            .iter()
            .map(|t| (t.seq, t.lead_inherited_from, t.responsible_inherited_from))
            .collect();
        assert_eq!(
            inherited,
            [(1, None, None), (2, Some(1), Some(1)), (3, None, None)]
        );
        assert!(d.tasks[2].lead.is_empty());
        assert_eq!(&*d.tasks[2].responsible[0], "县商务局");
        let nothing: Vec<_> = d
            .diagnostics
            .iter()
            .filter(|g| g.code == Code::NothingToInherit)
            .map(|g| g.line)
            .collect();
        assert_eq!(nothing, [7]);
    }
}
