//! Stage 4: logical rows → sections, sub-categories and tasks.
//!
//! Each body row becomes a section (`一、…` alone in its row), a sub-category (`（一）…`
//! alone in its row), a task, or a diagnostic. Empty unit cells are vertically merged cells:
//! they inherit from the nearest task above in the same section, with provenance.

use std::collections::BTreeSet;

use crate::dataset::{Column, ExtraCell, Name, Section, Subsection, Task, UnitMention};
use crate::diagnostic::{Code, Diagnostic};
use crate::placement;
use crate::repair;
use crate::rules::{Role, Rules};
use crate::span::{LineIndex, Span};
use crate::stitch::{Field, LogicalRow, LogicalTable, RowCells};
use crate::table::Cell;
use crate::targets;
use crate::text;
use crate::units;

/// How many cells of a dropped row `W002` quotes, and how many characters of each.
const QUOTED_CELLS: usize = 8;
const QUOTED_CHARS: usize = 80;

/// A plain-text column's cell for a task.
enum Plain<T> {
    /// The page has no such column.
    NoColumn,
    /// The cell's own text.
    Own(String),
    /// The cell is empty; it inherits this value from the task above.
    Inherited(Carried<T>),
    /// The cell is empty and nothing above it in the section had a value.
    Empty,
}

/// One unit column's value for a task.
#[derive(Default)]
struct UnitField {
    names: Vec<Name>,
    raw: Option<String>,
    inherited_from: Option<u32>,
    mentions: Vec<UnitMention>,
    /// The cell is empty and nothing above it in the section had a value (W003 unless the
    /// row's other cell names units for this column).
    orphan: bool,
}

/// The units a lead or responsible cell marks for the other role (`县发改局牵头，…` in a
/// responsible cell, `县发改局（牵头）`), and the words or notes that mark them.
#[derive(Default)]
struct Marked {
    mentions: Vec<UnitMention>,
    words: Vec<String>,
    /// The notice's line that says the first unit listed leads, when that gave the mentions.
    first_leads: Option<usize>,
}

/// The value of a column in the last task of the current section whose own cell the column
/// had, and that task's number: what an empty (merged) cell below it inherits.
#[derive(Clone, Debug)]
struct Carried<T> {
    seq: u32,
    value: T,
}

/// What each column's empty cells inherit, by value: the tasks they came from may be written
/// out already.
#[derive(Clone, Debug, Default)]
struct Carries {
    lead: Option<Carried<Vec<Name>>>,
    responsible: Option<Carried<Vec<Name>>>,
    /// The lead a responsible cell named by role words (`县发改局牵头，…`), and its task: rows
    /// that inherit that cell inherit this lead too.
    lead_given: Option<Carried<Vec<Name>>>,
    /// The responsible units a lead cell named by role words.
    responsible_given: Option<Carried<Vec<Name>>>,
    leaders: Option<Carried<Vec<Name>>>,
    deadline: Option<Carried<Option<String>>>,
}

/// Reading state carried from row to row.
struct Reader<'a, 't> {
    table: &'a LogicalTable<'t>,
    source: &'t str,
    lines: &'a LineIndex,
    rules: &'a Rules,
    sections: Vec<Section>,
    diags: Vec<Diagnostic>,
    /// Only sections and sub-categories are read (the pass before tasks are written out);
    /// task rows are looked at for their sub-category label, no more.
    sections_only: bool,
    /// The number of the last task read.
    last_seq: Option<u32>,
    page_ends: repair::page_end::PageEnds,
    /// Number of the current section, if a section row has been seen.
    section: Option<u32>,
    /// The current sub-category: number and cleaned title.
    subsection: Option<(Option<u32>, String)>,
    /// Merged cells inherit within a section: reset by every section row.
    carries: Carries,
    /// Task numbers seen so far.
    seen: BTreeSet<u32>,
    /// The columns of the current row that the cell to their left covers: no value of their
    /// own, nothing inherited.
    covered: Vec<Column>,
    /// The notice's line that says the first unit of each list leads (`列第一位的为牵头单位`).
    first_leads: Option<usize>,
    /// The unit cells read so far.
    memo: units::Memo<'t>,
}

/// The sections and sub-categories [`TaskRows`] gives, read without reading the tasks (nor
/// taking the rows' text): what a dataset written out task by task puts before its tasks.
pub fn sections(
    table: &LogicalTable<'_>,
    source: &str,
    lines: &LineIndex,
    rules: &Rules,
) -> Vec<Section> {
    let mut reader = Reader::new(table, source, lines, rules, true);
    for row in &table.rows {
        let mut cells = table.cells[row.cells.clone()].to_vec();
        reader.row(&mut RowCells {
            cells: &mut cells,
            span: row.span,
            table: row.table,
            written: row.written,
        });
    }
    reader.sections
}

/// Sections and tasks from the logical table, each task whole: its text cleaned, its units
/// read (an empty unit cell inherits from the nearest task above in its section), its
/// targets read. The tasks come one row at a time ([`Iterator`]); then [`TaskRows::finish`]
/// gives the sections and the diagnostics.
pub struct TaskRows<'a, 't> {
    reader: Reader<'a, 't>,
    rows: Vec<LogicalRow>,
    cells: Vec<Cell<'t>>,
    /// The next row to read.
    next: usize,
}

impl<'a, 't> TaskRows<'a, 't> {
    /// Read `rows` and their `cells`, taken out of `table`.
    pub fn new(
        table: &'a LogicalTable<'t>,
        rows: Vec<LogicalRow>,
        cells: Vec<Cell<'t>>,
        source: &'t str,
        lines: &'a LineIndex,
        rules: &'a Rules,
    ) -> Self {
        TaskRows {
            reader: Reader::new(table, source, lines, rules, false),
            rows,
            cells,
            next: 0,
        }
    }

    /// Read with the notice's `line` that says the first unit of each list leads: in a table
    /// without a lead column, the first unit of each responsible cell is the task's lead.
    pub fn first_leads(mut self, line: Option<usize>) -> Self {
        self.reader.first_leads = line;
        self
    }

    /// Once every row is read: the sections with their sub-categories, and every diagnostic
    /// of the rows.
    pub fn finish(&mut self) -> (Vec<Section>, Vec<Diagnostic>) {
        let ends = std::mem::take(&mut self.reader.page_ends);
        if ends.detect() {
            ends.repair(self.reader.lines, &mut self.reader.diags);
        }
        (
            std::mem::take(&mut self.reader.sections),
            std::mem::take(&mut self.reader.diags),
        )
    }
}

impl Iterator for TaskRows<'_, '_> {
    type Item = Task;

    fn next(&mut self) -> Option<Task> {
        while let Some(row) = self.rows.get(self.next) {
            self.next += 1;
            // Tasks last on their page table: their text may go on past the page.
            let page_end = self
                .rows
                .get(self.next)
                .is_none_or(|next| next.table != row.table);
            let task = self.reader.row(&mut RowCells {
                cells: &mut self.cells[row.cells.clone()],
                span: row.span,
                table: row.table,
                written: row.written,
            });
            if let Some(task) = task {
                self.reader.page_ends.count(&task, page_end);
                return Some(task);
            }
        }
        None
    }

    /// A row gives a task or none (a section, a header).
    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.rows.len().saturating_sub(self.next)))
    }
}

impl<'a, 't> Reader<'a, 't> {
    fn new(
        table: &'a LogicalTable<'t>,
        source: &'t str,
        lines: &'a LineIndex,
        rules: &'a Rules,
        sections_only: bool,
    ) -> Self {
        Reader {
            table,
            source,
            lines,
            rules,
            sections: Vec::new(),
            diags: Vec::new(),
            sections_only,
            last_seq: None,
            page_ends: repair::page_end::PageEnds::default(),
            section: None,
            subsection: None,
            carries: Carries::default(),
            seen: BTreeSet::new(),
            covered: Vec::new(),
            first_leads: None,
            memo: units::Memo::default(),
        }
    }
}

impl<'t> Reader<'_, 't> {
    fn diag(&mut self, code: Code, span: Span, message: String) {
        self.diags
            .push(Diagnostic::new(code, span, self.lines, message));
    }

    fn row(&mut self, row: &mut RowCells<'_, 't>) -> Option<Task> {
        let mut filled = row.cells.iter().filter(|c| !c.text.is_empty());
        let Some(first) = filled.next() else {
            self.diag(
                Code::EmptyRow,
                row.span,
                "table row with no text is skipped".into(),
            );
            return None;
        };
        if filled.all(|c| c.text == first.text) {
            // One text across the row: a section row spanning all columns, or a sub-category
            // row (written in one cell, or in every cell it spans).
            if let Some((number, title)) = text::section_heading(&first.text) {
                self.open_section(number, title, &first.text, row);
                return None;
            }
            // A `（一）…` label alone in its row is a sub-category wherever the converter put
            // it: in the label or text column, or in the first cell of a row it spans
            // (`| （一）做强先进制造业 | | | |`, `<td colspan="4">`). In a unit, leaders or
            // deadline column it is no label.
            let column = self.column_of(row, first.span);
            let names_column = matches!(
                column,
                Some(Column::Lead | Column::Responsible | Column::Leaders | Column::Deadline)
            );
            if !names_column && text::subcategory_label(&first.text).is_some() {
                self.open_subsection(&first.text, first.span, row.span);
                return None;
            }
        }
        if self.split_headings(row) {
            return None;
        }
        self.task(row)
    }

    /// A heading a PDF converter cut at the table's column lines: `| 一、主要预 | 期目标 | | |`,
    /// or two rows run together, line by line (`| 一、推动产业<br>（一）做强先 | 转型升级<br>
    /// 进制造业 | | |`). When the row's text stands only in number, label, text or unknown
    /// columns, its number cell holds no task number, and its cells read together (line by
    /// line when each has as many lines) as sections and sub-category labels, they are
    /// those, with an info diagnostic. Returns whether the row was read so.
    fn split_headings(&mut self, row: &RowCells<'_, 't>) -> bool {
        let columns = self.table.columns(row);
        if !repair::split_heading::detect(columns, row.cells) {
            return false;
        }
        let Some((filled, headings)) = repair::split_heading::read(row.cells) else {
            return false;
        };
        self.diag(
            Code::SplitHeading,
            row.span,
            format!(
                "a row whose text is cut across {filled} cells reads as {}",
                headings
                    .iter()
                    .map(|h| format!("{h:?}"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        );
        for h in &headings {
            match text::section_heading(h) {
                Some((number, title)) => self.open_section(number, title, h, row),
                None => self.open_subsection(h, row.span, row.span),
            }
        }
        true
    }

    /// The role of the cell of `row` at `span`.
    fn column_of(&self, row: &RowCells<'_, '_>, span: Span) -> Option<Column> {
        let i = row.cells.iter().position(|c| c.span == span)?;
        self.table.columns(row).get(i).copied()
    }

    fn open_section(&mut self, number: u32, title: &str, raw: &str, row: &RowCells<'_, '_>) {
        self.section = Some(number);
        self.subsection = None;
        self.carries = Carries::default();
        self.sections.push(Section {
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
        // The label of the sub-category open, written the same (each row of a merged label
        // cell a converter wrote out): nothing to read again.
        let last_label = self.sections.last().and_then(|s| s.subsections.last());
        if self.subsection.is_some() && last_label.is_some_and(|sub| sub.title_raw == label) {
            return;
        }
        let (number, title) = match text::subcategory_label(label) {
            Some((n, title)) => (Some(n), title),
            None => (None, label),
        };
        let title = text::clean(title);
        if self
            .subsection
            .as_ref()
            .is_some_and(|(n, t)| *n == number && *t == title)
        {
            return;
        }
        let sub = Subsection {
            number,
            title: title.clone(),
            title_raw: label.to_owned(),
            line: self.lines.line(row_span.start),
            span: label_span,
        };
        match self.sections.last_mut() {
            Some(section) => section.subsections.push(sub),
            None => self.diag(
                Code::SubcategoryOutsideSection,
                row_span,
                format!(
                    "sub-category {label:?} stands before any section row (一、…); its tasks \
                     carry it, but no section lists it"
                ),
            ),
        }
        self.subsection = Some((number, title));
    }

    fn task(&mut self, row: &mut RowCells<'_, 't>) -> Option<Task> {
        if repair::short_row::detect(row) {
            repair::short_row::repair(self.table, row, self.rules, self.lines, &mut self.diags);
        }
        let carries = &self.carries;
        let above = |column| match column {
            Column::Lead => carries.lead.as_ref().map(|c| c.seq),
            Column::Responsible => carries.responsible.as_ref().map(|c| c.seq),
            Column::Leaders => carries.leaders.as_ref().map(|c| c.seq),
            _ => carries.deadline.as_ref().map(|c| c.seq),
        };
        self.covered.clear();
        if repair::covered_cells::detect(self.table, row) {
            repair::covered_cells::repair(
                self.table,
                row,
                above,
                &mut self.covered,
                self.lines,
                &mut self.diags,
            );
        }
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
        if self.sections_only {
            return None;
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
                // Quoted within bounds: a dropped row can be anything a converter wrote.
                let filled: Vec<&str> = row
                    .cells
                    .iter()
                    .filter(|c| !c.text.is_empty())
                    .map(|c| &*c.text)
                    .collect();
                let mut shown: Vec<String> = filled
                    .iter()
                    .take(QUOTED_CELLS)
                    .map(|t| text::preview(t, QUOTED_CHARS))
                    .collect();
                if filled.len() > QUOTED_CELLS {
                    shown.push(format!("… {} more cells", filled.len() - QUOTED_CELLS));
                }
                self.diag(
                    Code::UnclassifiedRow,
                    row.span,
                    format!(
                        "row is not a task, section or header (no number and no task text); \
                         dropped: {shown:?}"
                    ),
                );
                return None;
            }
            None => {
                let n = self.last_seq.map_or(1, |s| s + 1);
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

        let leaders = self.plain(row, Column::Leaders, |c| &mut c.leaders);
        let (leaders, leaders_raw, leaders_inherited_from) = match leaders {
            Plain::Own(raw) => {
                let names = if placement::reads_as_sentence(&raw, self.rules) {
                    self.sentence_in_names(seq, &raw, row.span, Column::Leaders);
                    Vec::new()
                } else {
                    units::split_names(&raw, self.rules)
                };
                self.carries.leaders = Some(Carried {
                    seq,
                    value: names.clone(),
                });
                (names, Some(raw), None)
            }
            Plain::Inherited(from) => (from.value, Some(String::new()), Some(from.seq)),
            Plain::Empty => (Vec::new(), Some(String::new()), None),
            Plain::NoColumn => (Vec::new(), None, None),
        };
        let deadline = self.plain(row, Column::Deadline, |c| &mut c.deadline);
        let (deadline, deadline_raw, deadline_inherited_from) = match deadline {
            Plain::Own(raw) => {
                let deadline = Some(text::clean(&raw));
                self.carries.deadline = Some(Carried {
                    seq,
                    value: deadline.clone(),
                });
                (deadline, Some(raw), None)
            }
            Plain::Inherited(from) => (from.value, Some(String::new()), Some(from.seq)),
            Plain::Empty => (None, Some(String::new()), None),
            Plain::NoColumn => (None, None, None),
        };
        let extra = self.extra(row);
        let (subsection, subsection_title) = match &self.subsection {
            Some((n, title)) => (*n, Some(title.clone())),
            None => (None, None),
        };
        let lead = self.table.take_field(row, Column::Lead);
        let (mut lead, lead_marks) = self.units(seq, lead, Column::Lead);
        let responsible = self.table.take_field(row, Column::Responsible);
        let (mut responsible, mut responsible_marks) =
            self.units(seq, responsible, Column::Responsible);
        // `列第一位的为牵头单位`, and no lead column: the first responsible unit leads.
        if let Some(line) = self.first_leads {
            let own = responsible.inherited_from.is_none() && !responsible.mentions.is_empty();
            if lead.raw.is_none() && own && responsible_marks.mentions.is_empty() {
                responsible_marks
                    .mentions
                    .push(responsible.mentions.remove(0));
                responsible_marks.first_leads = Some(line);
                responsible.names.remove(0);
                // Rows inheriting the cell inherit what it gives each column.
                if let Some(carry) = self.carries.responsible.as_mut().filter(|c| c.seq == seq) {
                    carry.value = responsible.names.clone();
                }
            }
        }
        let lead_own = lead.inherited_from.is_none() && !lead.names.is_empty();
        let responsible_own = responsible.inherited_from.is_none() && !responsible.names.is_empty();
        self.give(
            seq,
            responsible_marks,
            (&mut lead, lead_own),
            &mut responsible,
            Column::Lead,
        );
        self.give(
            seq,
            lead_marks,
            (&mut responsible, responsible_own),
            &mut lead,
            Column::Responsible,
        );
        for (field, what) in [(&lead, "lead"), (&responsible, "responsible")] {
            if field.orphan && field.names.is_empty() {
                self.diag(
                    Code::NothingToInherit,
                    row.span,
                    format!(
                        "task {seq} has an empty {what} cell and no task above it in its \
                         section to inherit from; its {what} list is empty"
                    ),
                );
            }
        }
        let clean = text::clean(&text.text);
        // A pair of quotation marks with nothing between (`“”开展质量提升年活动`): a PDF
        // converter (pymupdf4llm 2.x) moved them out of the words they quoted, which nothing
        // tells back.
        // Both marks begin with the byte 0xE2, which no Chinese character does: a byte scan.
        let bytes = clean.as_bytes();
        let empty_pair = memchr::memchr_iter(0xE2, bytes).find(|&at| {
            bytes[at..].starts_with("“”".as_bytes()) || bytes[at..].starts_with("‘’".as_bytes())
        });
        if let Some(at) = empty_pair {
            self.diag(
                Code::MovedQuotes,
                row.span,
                format!(
                    "task {seq}'s text has a pair of quotation marks with nothing between \
                     ({:?}): the converter moved them out of the words they quoted; put them \
                     back by the notice",
                    text::preview(&clean[at..], 12)
                ),
            );
        }
        let targets = targets::read(&clean, self.rules);
        self.last_seq = Some(seq);
        Some(Task {
            seq,
            seq_inferred: seq_number.is_none(),
            number_as_written: None,
            section: self.section,
            subsection,
            subsection_title,
            text: clean,
            text_raw: text.text.into_owned(),
            lead: lead.names,
            lead_raw: lead.raw,
            lead_inherited_from: lead.inherited_from,
            lead_mentions: lead.mentions,
            responsible: responsible.names,
            responsible_raw: responsible.raw,
            responsible_inherited_from: responsible.inherited_from,
            responsible_mentions: responsible.mentions,
            leaders,
            leaders_raw,
            leaders_inherited_from,
            deadline,
            deadline_raw,
            deadline_inherited_from,
            extra,
            targets,
            line: self.lines.line(row.span.start),
            span: row.span,
        })
    }

    /// W018: a unit or leaders cell that holds a sentence: no names are read from it.
    fn sentence_in_names(&mut self, seq: u32, cell: &str, span: Span, column: Column) {
        let what = match column {
            Column::Lead => "lead",
            Column::Responsible => "responsible",
            _ => "leaders",
        };
        self.diag(
            Code::SentenceInNameCell,
            span,
            format!(
                "task {seq}'s {what} cell holds a sentence, not names: {:?}; no {what} are read \
                 from it (a shifted row? the cell text stays in `{what}_raw`)",
                text::preview(cell, 80)
            ),
        );
    }

    /// The cell of a plain-text column (leaders, deadline): its own text, or the value it
    /// inherits when empty (a merged cell), from the carry `carry` picks. Nothing to inherit
    /// is no error here: these columns may well be empty. The caller carries its own value.
    fn plain<T: Clone>(
        &mut self,
        row: &mut RowCells<'_, 't>,
        column: Column,
        carry: impl Fn(&mut Carries) -> &mut Option<Carried<T>>,
    ) -> Plain<T> {
        let Some(field) = self.table.take_field(row, column) else {
            return Plain::NoColumn;
        };
        let covered = self.covered.contains(&column);
        let carry = carry(&mut self.carries);
        if covered {
            *carry = None;
            return Plain::Empty;
        }
        if field.text.is_empty() {
            return carry.clone().map_or(Plain::Empty, Plain::Inherited);
        }
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

    /// The units of task `seq` in its `cell` of the `column` (lead or responsible) column:
    /// its own, or when the cell is empty (a merged cell) inherited from the last task in the
    /// section with its own (`orphan` when there is none). `cell` is `None` when the page has
    /// no such column.
    fn units(&mut self, seq: u32, cell: Option<Field<'_>>, column: Column) -> (UnitField, Marked) {
        let Some(field) = cell else {
            return (UnitField::default(), Marked::default());
        };
        let carry = match column {
            Column::Lead => &mut self.carries.lead,
            _ => &mut self.carries.responsible,
        };
        if self.covered.contains(&column) {
            *carry = None;
            let field = UnitField {
                raw: Some(String::new()),
                ..UnitField::default()
            };
            return (field, Marked::default());
        }
        if field.text.is_empty() {
            let Some(from) = carry.clone() else {
                let field = UnitField {
                    raw: Some(String::new()),
                    orphan: true,
                    ..UnitField::default()
                };
                return (field, Marked::default());
            };
            let field = UnitField {
                names: from.value,
                raw: Some(String::new()),
                inherited_from: Some(from.seq),
                ..UnitField::default()
            };
            return (field, Marked::default());
        }
        let (own, other) = match column {
            Column::Lead => (Role::Lead, Role::Responsible),
            _ => (Role::Responsible, Role::Lead),
        };
        let mut marked = Marked::default();
        let mut mentions = match units::role_lists(&field.text, self.rules) {
            // `县发改局牵头，县统计局配合`: each list read where it stands.
            Some(lists) => {
                let verbatim = self.source.get(field.span.range()) == Some(&*field.text);
                let mut mentions = Vec::new();
                for list in lists {
                    let span = if verbatim {
                        Span::new(
                            field.span.start + list.range.start,
                            field.span.start + list.range.end,
                        )
                    } else {
                        field.span
                    };
                    let read = units::read_cell(
                        &field.text[list.range],
                        span,
                        self.source,
                        self.lines,
                        self.rules,
                        &mut self.diags,
                    );
                    if list.role == own {
                        mentions.extend(read);
                    } else {
                        marked.mentions.extend(read);
                        let word = &field.text[list.word];
                        if !word.is_empty() && !marked.words.iter().any(|w| w == word) {
                            marked.words.push(word.to_owned());
                        }
                    }
                }
                mentions
            }
            None => {
                let read = self.memo.read(
                    &field.text,
                    field.span,
                    self.source,
                    self.lines,
                    self.rules,
                    &mut self.diags,
                    |cell, split| placement::split_reads_as_sentence(cell, split, self.rules),
                );
                match read {
                    units::CellUnits::Units(mentions) => mentions,
                    units::CellUnits::Sentence => {
                        self.sentence_in_names(seq, &field.text, field.span, column);
                        let field = UnitField {
                            raw: Some(field.text.into_owned()),
                            ..UnitField::default()
                        };
                        return (field, Marked::default());
                    }
                }
            }
        };
        for m in units::take_noted(&mut mentions, other, self.rules) {
            let note = format!("（{}）", m.note.as_deref().unwrap_or_default());
            if !marked.words.contains(&note) {
                marked.words.push(note);
            }
            marked.mentions.push(m);
        }
        let names: Vec<Name> = mentions.iter().map(|m| m.name.clone()).collect();
        let carry = match column {
            Column::Lead => &mut self.carries.lead,
            _ => &mut self.carries.responsible,
        };
        // The carried list's room is kept from row to row: a cell names a few units.
        let mut value = carry.take().map(|c| c.value).unwrap_or_default();
        value.clone_from(&names);
        *carry = Some(Carried { seq, value });
        let field = UnitField {
            names,
            raw: Some(field.text.into_owned()),
            mentions,
            ..UnitField::default()
        };
        (field, marked)
    }

    /// The units the `from` cell of task `seq` marks for the `to` column: the task's `to`
    /// units when its row names none of its own there (`to_own`: no column, an empty or
    /// merged cell), else left where they are written; I019 either way.
    ///
    /// What a cell gives is carried with it: a row that inherits the `from` cell (a merged
    /// cell) and names no `to` units of its own inherits what it gave.
    fn give(
        &mut self,
        seq: u32,
        marked: Marked,
        (to, to_own): (&mut UnitField, bool),
        from: &mut UnitField,
        to_column: Column,
    ) {
        let given = match to_column {
            Column::Lead => &mut self.carries.lead_given,
            _ => &mut self.carries.responsible_given,
        };
        let Some(first) = marked.mentions.first() else {
            if !to_own {
                inherit_given(to, from, given);
            }
            return;
        };
        let span = first
            .span
            .cover(marked.mentions[marked.mentions.len() - 1].span);
        let names: Vec<Name> = marked.mentions.iter().map(|m| m.name.clone()).collect();
        let (to_name, from_name) = match to_column {
            Column::Lead => ("lead", "responsible"),
            _ => ("responsible", "lead"),
        };
        let from_cell = format!("{from_name} cell");
        let how = match marked.first_leads {
            Some(line) => units::listed_first(seq, &from_cell, &names.join("、"), line),
            None => units::gives(seq, &from_cell, &names, to_name, &marked.words),
        };
        let message = if to_own {
            from.mentions.extend(marked.mentions);
            from.mentions.sort_by_key(|m| m.span.start);
            from.names = from.mentions.iter().map(|m| m.name.clone()).collect();
            format!(
                "{how}, but the row names its own {to_name} ({}): left in the {from_name} list",
                to.names.join("、")
            )
        } else {
            let instead = to
                .inherited_from
                .map(|s| format!(" instead of the {to_name} inherited from task {s}"))
                .unwrap_or_default();
            to.names = names;
            to.mentions = marked.mentions;
            to.inherited_from = None;
            *given = Some(Carried {
                seq,
                value: to.names.clone(),
            });
            format!("{how}: read as the task's {to_name}{instead}")
        };
        self.diag(Code::RoleFromWords, span, message);
    }
}

/// A row whose `from` cell is inherited (a merged cell) takes the `to` units that cell gave by
/// role words in the task it came from (`given`), unless its `to` value comes from a later
/// task's own cell.
fn inherit_given(to: &mut UnitField, from: &UnitField, given: &Option<Carried<Vec<Name>>>) {
    let Some(given) = given else {
        return;
    };
    if from.inherited_from == Some(given.seq) && to.inherited_from.is_none_or(|s| s < given.seq) {
        to.names = given.value.clone();
        to.inherited_from = Some(given.seq);
        to.mentions.clear();
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;

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
        assert_eq!(d.tasks[2].responsible[0], "县商务局");
        let nothing: Vec<_> = d
            .diagnostics
            .iter()
            .filter(|g| g.code == Code::NothingToInherit)
            .map(|g| g.line)
            .collect();
        assert_eq!(nothing, [7]);
    }

    #[test]
    fn invisible_characters_are_no_part_of_a_unit_and_no_unit_alone() {
        let notice = "| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
            | 一、稳增长 | | | |\n\
            | 1 | 地区生产总值增长5%左右。 | 县发\u{200B}改局 | 县统计局 \u{200B} |\n";
        let d = crate::extract(notice.as_bytes()).unwrap();
        assert_eq!(d.tasks[0].lead, ["县发改局"]);
        assert_eq!(d.tasks[0].responsible, ["县统计局"]);
        let names: Vec<&str> = d.units.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["县发改局", "县统计局"]);
    }

    #[test]
    fn a_lead_named_by_words_in_a_merged_cell_is_inherited_until_a_later_lead_cell() {
        let notice = "| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
            | 一、抓好水利建设 | | | |\n\
            | 1 | 新建高标准农田2万亩。 | | 县水利局牵头，县财政局配合 |\n\
            | 2 | 新增灌溉面积5000亩。 | | |\n\
            | 3 | 粮食播种面积稳定在30万亩。 | 县农业农村局 | |\n\
            | 4 | 推广节水灌溉1万亩。 | | |\n";
        let d = crate::extract(notice.as_bytes()).unwrap();
        let leads: Vec<_> = d
            .tasks
            .iter()
            .map(|t| (t.lead.join("、"), t.lead_inherited_from))
            .collect();
        assert_eq!(
            leads,
            [
                ("县水利局".to_owned(), None),
                ("县水利局".to_owned(), Some(1)),
                ("县农业农村局".to_owned(), None),
                ("县农业农村局".to_owned(), Some(3)),
            ]
        );
        assert!(d.tasks.iter().all(|t| t.responsible == ["县财政局"]));
        // The first row's empty lead cell has nothing above it, but its words name a lead.
        assert!(
            !d.diagnostics
                .iter()
                .any(|g| g.code == Code::NothingToInherit)
        );
    }
}
