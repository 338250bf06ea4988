//! Datasets as relational tables, for spreadsheets and databases: one model, written as a
//! folder of CSV files or into an SQLite database.
//!
//! Every row is keyed by its notice (`notice_key`: the input's SHA-256), so several notices —
//! several years — load into one place; the columns and their types are the same whatever a
//! notice holds (a range column exists when no target has a range). Tables:
//!
//! - `notices`: notice_key, file, doc_number, title, issuer, issued_on, year
//! - `sections`: notice_key, number, title, line
//! - `tasks`: notice_key, task_index, seq, section, subsection, subsection_title, text,
//!   leaders, deadline, line
//! - `units`: unit_id, name, kind (one row a unit across all notices)
//! - `task_units`: notice_key, task_index, unit_id, role (lead, responsible), inherited_from,
//!   via (the group's unit_id, for a member that has the task through its group)
//! - `unit_groups`: notice_key, unit_id, group_id
//! - `targets`: notice_key, task_index, target_index, kind, indicator, change, value, min, max,
//!   unit, base_value, base_unit, base_min, base_max, bound, better, text
//! - `diagnostics`: notice_key, code, severity, line, message
//!
//! `task_index` is the task's place in its notice (0, 1, …): `seq` can repeat (`W005`).

use std::path::Path;

use crate::dataset::{Dataset, Quantity};

/// A column's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// Whole numbers.
    Integer,
    /// Numbers that may have a fractional part.
    Real,
    /// Text.
    Text,
}

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// No value.
    Null,
    /// A whole number.
    Integer(i64),
    /// A number.
    Real(f64),
    /// Text.
    Text(String),
}

impl Value {
    fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    fn opt_text(s: Option<&str>) -> Value {
        s.map_or(Value::Null, Value::text)
    }

    fn opt_int(n: Option<impl Into<i64>>) -> Value {
        n.map_or(Value::Null, |n| Value::Integer(n.into()))
    }

    fn quantity(q: Option<Quantity>) -> Value {
        q.map_or(Value::Null, |q| Value::Real(q.to_f64()))
    }

    /// The value as a CSV field.
    fn csv(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Integer(n) => n.to_string(),
            Value::Real(x) => x.to_string(),
            Value::Text(s) => s.clone(),
        }
    }
}

/// A table: its name, columns (with the key columns first) and rows.
#[derive(Clone, Debug)]
pub struct Table {
    /// The table's name.
    pub name: &'static str,
    /// Column names and types.
    pub columns: &'static [(&'static str, Type)],
    /// The columns of the primary key.
    pub key: &'static [&'static str],
    /// Its foreign keys: (columns, the table they refer to, its columns). Each gets an
    /// index in SQLite, for the joins.
    pub references: &'static [Reference],
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<Value>>,
}

/// A foreign key: `columns` refer to `table`'s `to`.
pub type Reference = (
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
);

use Type::{Integer, Real, Text};

/// The version of the SQLite layout (`PRAGMA user_version`): 2 has primary and foreign keys
/// on every table and `diagnostics.diagnostic_index`.
const SQLITE_LAYOUT: i64 = 2;

const NOTICE: &[&str] = &["notice_key"];
const TASK: &[&str] = &["notice_key", "task_index"];
const UNIT: &[&str] = &["unit_id"];

const NOTICES: &[(&str, Type)] = &[
    ("notice_key", Text),
    ("file", Text),
    ("doc_number", Text),
    ("title", Text),
    ("issuer", Text),
    ("issued_on", Text),
    ("year", Integer),
];
const SECTIONS: &[(&str, Type)] = &[
    ("notice_key", Text),
    ("number", Integer),
    ("title", Text),
    ("line", Integer),
];
const TASKS: &[(&str, Type)] = &[
    ("notice_key", Text),
    ("task_index", Integer),
    ("seq", Integer),
    ("section", Integer),
    ("subsection", Integer),
    ("subsection_title", Text),
    ("text", Text),
    ("leaders", Text),
    ("deadline", Text),
    ("line", Integer),
];
const UNITS: &[(&str, Type)] = &[("unit_id", Text), ("name", Text), ("kind", Text)];
const TASK_UNITS: &[(&str, Type)] = &[
    ("notice_key", Text),
    ("task_index", Integer),
    ("unit_id", Text),
    ("role", Text),
    ("inherited_from", Integer),
    ("via", Text),
];
const UNIT_GROUPS: &[(&str, Type)] = &[("notice_key", Text), ("unit_id", Text), ("group_id", Text)];
const TARGETS: &[(&str, Type)] = &[
    ("notice_key", Text),
    ("task_index", Integer),
    ("target_index", Integer),
    ("kind", Text),
    ("indicator", Text),
    ("change", Text),
    ("value", Real),
    ("min", Real),
    ("max", Real),
    ("unit", Text),
    ("base_value", Real),
    ("base_unit", Text),
    ("base_min", Real),
    ("base_max", Real),
    ("bound", Text),
    ("better", Text),
    ("text", Text),
];
const DIAGNOSTICS: &[(&str, Type)] = &[
    ("notice_key", Text),
    ("code", Text),
    ("severity", Text),
    ("line", Integer),
    ("message", Text),
    ("diagnostic_index", Integer),
];

/// A serde enum's name (`"increase"`), as the JSON writes it.
fn name_of<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The tables of `datasets`.
pub fn tables(datasets: &[Dataset]) -> Vec<Table> {
    let table = |name, columns, key, references| Table {
        name,
        columns,
        key,
        references,
        rows: Vec::new(),
    };
    let of_notice: &[Reference] = &[(NOTICE, "notices", NOTICE)];
    let mut notices = table("notices", NOTICES, NOTICE, &[]);
    let mut sections = table("sections", SECTIONS, &["notice_key", "number"], of_notice);
    let mut tasks = table("tasks", TASKS, TASK, of_notice);
    let mut units = table("units", UNITS, UNIT, &[]);
    let mut task_units = table(
        "task_units",
        TASK_UNITS,
        &["notice_key", "task_index", "unit_id", "role", "via"],
        &[
            (TASK, "tasks", TASK),
            (&["unit_id"], "units", UNIT),
            (&["via"], "units", UNIT),
        ],
    );
    let mut unit_groups = table(
        "unit_groups",
        UNIT_GROUPS,
        &["notice_key", "unit_id", "group_id"],
        &[
            (NOTICE, "notices", NOTICE),
            (&["unit_id"], "units", UNIT),
            (&["group_id"], "units", UNIT),
        ],
    );
    let mut targets = table(
        "targets",
        TARGETS,
        &["notice_key", "task_index", "target_index"],
        &[(TASK, "tasks", TASK)],
    );
    let mut diagnostics = table(
        "diagnostics",
        DIAGNOSTICS,
        &["notice_key", "diagnostic_index"],
        of_notice,
    );
    let mut seen_units: std::collections::HashSet<String> = Default::default();
    let mut seen_notices: std::collections::HashSet<&str> = Default::default();
    let mut seen_task_units: std::collections::HashSet<Vec<String>> = Default::default();
    for d in datasets {
        // The same notice given twice is exported once.
        if !seen_notices.insert(&d.source.sha256) {
            continue;
        }
        let key = Value::text(&d.source.sha256);
        let n = &d.notice;
        notices.rows.push(vec![
            key.clone(),
            Value::opt_text(d.source.file.as_deref()),
            Value::opt_text(n.doc_number.as_deref()),
            Value::opt_text(n.title.as_deref()),
            Value::opt_text(n.issuer.as_deref()),
            Value::opt_text(n.issued_on.as_deref()),
            Value::opt_int(n.year),
        ]);
        for s in &d.sections {
            sections.rows.push(vec![
                key.clone(),
                Value::Integer(s.number.into()),
                Value::text(&s.title),
                Value::Integer(s.line as i64),
            ]);
        }
        let id_of = |name: &str| {
            d.units
                .iter()
                .find(|u| u.name == name)
                .map(|u| u.id.clone())
                .unwrap_or_else(|| crate::units::unit_id(name))
        };
        for u in &d.units {
            if seen_units.insert(u.id.clone()) {
                units.rows.push(vec![
                    Value::text(&u.id),
                    Value::text(&u.name),
                    Value::text(name_of(&u.kind)),
                ]);
            }
        }
        // A group the notice does not name (its members' group by the rules) is a unit of
        // the table too, so that every id the tables hold is one of `units`.
        for g in d.units.iter().flat_map(|u| &u.groups) {
            let id = id_of(g);
            if seen_units.insert(id.clone()) {
                units.rows.push(vec![
                    Value::text(id),
                    Value::text(g),
                    Value::text(name_of(&crate::dataset::UnitKind::Group)),
                ]);
            }
        }
        for u in &d.units {
            for g in &u.groups {
                unit_groups
                    .rows
                    .push(vec![key.clone(), Value::text(&u.id), Value::text(id_of(g))]);
            }
        }
        for (i, t) in d.tasks.iter().enumerate() {
            let index = Value::Integer(i as i64);
            tasks.rows.push(vec![
                key.clone(),
                index.clone(),
                Value::Integer(t.seq.into()),
                Value::opt_int(t.section),
                Value::opt_int(t.subsection),
                Value::opt_text(t.subsection_title.as_deref()),
                Value::text(&t.text),
                Value::text(t.leaders.join("、")),
                Value::opt_text(t.deadline.as_deref()),
                Value::Integer(t.line as i64),
            ]);
            let lists: [(&str, &[String], Option<u32>); 2] = [
                ("lead", &t.lead, t.lead_inherited_from),
                ("responsible", &t.responsible, t.responsible_inherited_from),
            ];
            for (role, names, inherited) in lists {
                for name in names {
                    let id = id_of(name);
                    if seen_units.insert(id.clone()) {
                        // Not in the notice's units (it always is; kept safe for the keys).
                        units.rows.push(vec![
                            Value::text(id),
                            Value::text(name),
                            Value::text(name_of(&crate::dataset::UnitKind::Other)),
                        ]);
                    }
                    task_units.rows.push(vec![
                        key.clone(),
                        index.clone(),
                        Value::text(id_of(name)),
                        Value::text(role),
                        Value::opt_int(inherited),
                        Value::Null,
                    ]);
                    // A group's members have the task through it.
                    let members = d
                        .units
                        .iter()
                        .filter(|u| u.groups.iter().any(|g| g == name));
                    for member in members {
                        task_units.rows.push(vec![
                            key.clone(),
                            index.clone(),
                            Value::text(&member.id),
                            Value::text(role),
                            Value::opt_int(inherited),
                            Value::text(id_of(name)),
                        ]);
                    }
                }
            }
            for (k, g) in t.targets.iter().enumerate() {
                targets.rows.push(vec![
                    key.clone(),
                    index.clone(),
                    Value::Integer(k as i64),
                    Value::text(name_of(&g.kind)),
                    Value::opt_text(g.indicator.as_deref()),
                    g.change.map_or(Value::Null, |c| Value::text(name_of(&c))),
                    Value::quantity(g.value),
                    Value::quantity(g.min),
                    Value::quantity(g.max),
                    Value::opt_text(g.unit.as_deref()),
                    Value::quantity(g.base_value),
                    Value::opt_text(g.base_unit.as_deref()),
                    Value::quantity(g.base_min),
                    Value::quantity(g.base_max),
                    Value::text(name_of(&g.bound)),
                    g.better.map_or(Value::Null, |b| Value::text(name_of(&b))),
                    Value::text(&g.text),
                ]);
            }
        }
        for (i, x) in d.diagnostics.iter().enumerate() {
            diagnostics.rows.push(vec![
                key.clone(),
                Value::text(x.code.as_str()),
                Value::text(name_of(&x.severity)),
                Value::Integer(x.line as i64),
                Value::text(&x.message),
                Value::Integer(i as i64),
            ]);
        }
    }
    // A unit named twice in a cell, or a member through a group it is also named beside,
    // is one row of `task_units` (its primary key).
    task_units
        .rows
        .retain(|r| seen_task_units.insert([0, 1, 2, 3, 5].iter().map(|&i| r[i].csv()).collect()));
    vec![
        notices,
        sections,
        tasks,
        units,
        task_units,
        unit_groups,
        targets,
        diagnostics,
    ]
}

/// Write the tables as `<name>.csv` files in `dir` (created if need be), each whole (a
/// temporary file beside it, renamed into place once complete). With `excel`, each file
/// starts with a UTF-8 byte-order mark, so that Excel on Chinese Windows reads it as UTF-8.
pub fn write_csv(tables: &[Table], dir: &Path, excel: bool) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for t in tables {
        crate::output::write_with(&csv_path(dir, t), |file| {
            if excel {
                std::io::Write::write_all(file, b"\xEF\xBB\xBF")?;
            }
            let mut w = csv::Writer::from_writer(file);
            w.write_record(t.columns.iter().map(|(c, _)| *c))?;
            for row in &t.rows {
                w.write_record(row.iter().map(Value::csv))?;
            }
            w.flush()
        })?;
    }
    Ok(())
}

/// The file [`write_csv`] writes table `t` to in `dir`: `<name>.csv`.
pub fn csv_path(dir: &Path, t: &Table) -> std::path::PathBuf {
    dir.join(format!("{}.csv", t.name))
}

/// Why [`write_sqlite`] failed.
#[derive(Debug)]
pub enum SqliteError {
    /// The database holds tables of an earlier layout (without keys): export into a new file.
    OldLayout(i64),
    /// SQLite's own error.
    Sqlite(rusqlite::Error),
}

impl std::fmt::Display for SqliteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SqliteError::OldLayout(v) => write!(
                f,
                "the database was written by an earlier fengong (layout {v}, without primary \
                 and foreign keys; this release writes layout {SQLITE_LAYOUT}); export the \
                 notices into a new file"
            ),
            SqliteError::Sqlite(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for SqliteError {}

impl From<rusqlite::Error> for SqliteError {
    fn from(e: rusqlite::Error) -> Self {
        SqliteError::Sqlite(e)
    }
}

/// Write the tables into the SQLite database at `path` (created if need be), in one
/// transaction: the database holds the whole export or none of it. A notice already in it
/// is replaced, and so is an earlier version of it (the same document number and year,
/// other bytes: a corrected notice) unless `keep_versions`; other notices are kept: one
/// database holds many notices. Every table has its primary key and foreign keys
/// (`PRAGMA foreign_keys` is on while writing), with an index for each; a database another
/// export is writing is waited for (up to a minute), not failed.
pub fn write_sqlite(tables: &[Table], path: &Path, keep_versions: bool) -> Result<(), SqliteError> {
    let mut db = rusqlite::Connection::open(path)?;
    db.busy_timeout(std::time::Duration::from_secs(60))?;
    db.pragma_update(None, "foreign_keys", true)?;
    // The write lock taken at the start: two exports at once wait for each other instead of
    // failing with "database is locked" when both read first.
    let tx = db.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let layout: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let has_tables: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'notices')",
        [],
        |r| r.get(0),
    )?;
    if has_tables && layout < SQLITE_LAYOUT {
        return Err(SqliteError::OldLayout(layout));
    }
    for t in tables {
        let columns: Vec<String> = t
            .columns
            .iter()
            .map(|(name, ty)| {
                let ty = match ty {
                    Integer => "INTEGER",
                    Real => "REAL",
                    Text => "TEXT",
                };
                format!("{name} {ty}")
            })
            .collect();
        let references: String = t
            .references
            .iter()
            .map(|(from, table, to)| {
                format!(
                    ", FOREIGN KEY ({}) REFERENCES {table} ({})",
                    from.join(", "),
                    to.join(", ")
                )
            })
            .collect();
        tx.execute_batch(&format!(
            "CREATE TABLE IF NOT EXISTS {} ({}, PRIMARY KEY ({}){references});",
            t.name,
            columns.join(", "),
            t.key.join(", ")
        ))?;
        for (from, _, _) in t.references {
            // A reference that begins the primary key has its index already.
            if t.key.starts_with(from) {
                continue;
            }
            tx.execute_batch(&format!(
                "CREATE INDEX IF NOT EXISTS {}_{} ON {} ({});",
                t.name,
                from.join("_"),
                t.name,
                from.join(", ")
            ))?;
        }
    }
    tx.pragma_update(None, "user_version", SQLITE_LAYOUT)?;
    // The notices replaced: these, and earlier versions of them.
    let notices = tables.iter().find(|t| t.name == "notices");
    let mut keys: Vec<String> = notices
        .map(|t| t.rows.iter().map(|r| r[0].csv()).collect())
        .unwrap_or_default();
    if !keep_versions {
        let column = |name: &str| NOTICES.iter().position(|(c, _)| *c == name);
        let (Some(number), Some(year)) = (column("doc_number"), column("year")) else {
            unreachable!("the notices table has doc_number and year");
        };
        let mut earlier = tx.prepare(
            "SELECT notice_key FROM notices WHERE doc_number = ?1 AND year = ?2 AND notice_key <> ?3",
        )?;
        for r in notices.map_or(&[][..], |t| &t.rows) {
            if r[number] == Value::Null || r[year] == Value::Null {
                continue;
            }
            let found = earlier.query_map(
                rusqlite::params![r[number].csv(), r[year].csv(), r[0].csv()],
                |row| row.get::<_, String>(0),
            )?;
            for key in found {
                keys.push(key?);
            }
        }
    }
    // Children before the notices they refer to.
    for t in tables
        .iter()
        .rev()
        .filter(|t| t.columns[0].0 == "notice_key")
    {
        for key in &keys {
            tx.execute(
                &format!("DELETE FROM {} WHERE notice_key = ?1", t.name),
                [key],
            )?;
        }
    }
    for t in tables {
        let marks: Vec<String> = (1..=t.columns.len()).map(|i| format!("?{i}")).collect();
        // Units are shared by the notices: one row a unit whoever names it first.
        let verb = if t.name == "units" {
            "INSERT OR IGNORE"
        } else {
            "INSERT"
        };
        let mut insert = tx.prepare(&format!(
            "{verb} INTO {} VALUES ({})",
            t.name,
            marks.join(", ")
        ))?;
        for row in &t.rows {
            let values = row.iter().map(|v| match v {
                Value::Null => rusqlite::types::Value::Null,
                Value::Integer(n) => rusqlite::types::Value::Integer(*n),
                Value::Real(x) => rusqlite::types::Value::Real(*x),
                Value::Text(s) => rusqlite::types::Value::Text(s.clone()),
            });
            insert.execute(rusqlite::params_from_iter(values))?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// The reporting calendar (RFC 5545) of `ledgers`: an all-day event for every report each
/// unit owes in `year`, by the notice's schedule — every month, every quarter (the month of
/// the quarter it names), every half year (June and December), or once a year. A day past
/// the month's end is its last day; a rule that names no day falls on the month's last day.
pub fn calendar(ledgers: &[crate::ledger::Ledger], year: i32, source: &str) -> String {
    use chrono::NaiveDate;
    use icalendar::{Calendar, Component, Event, EventLike};

    use crate::dataset::Every;

    let last_day = |month: u32| {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        next.and_then(|d| d.pred_opt())
            .map_or(28, |d| chrono::Datelike::day(&d))
    };
    let mut cal = Calendar::new();
    cal.name(&format!("{source} 报送日历 {year}"));
    for l in ledgers {
        for duty in &l.reporting {
            let months: Vec<u32> = match duty.every {
                Every::Month => (1..=12).collect(),
                Every::Quarter => {
                    let m = duty.month_of_quarter.unwrap_or(3).clamp(1, 3);
                    vec![m, m + 3, m + 6, m + 9]
                }
                Every::HalfYear => vec![6, 12],
                Every::Year => vec![duty.month.unwrap_or(12).clamp(1, 12)],
            };
            let to = duty.to.as_deref().unwrap_or("（未写明）");
            let to = match to {
                "lead" => "牵头单位",
                "responsible" => "责任单位",
                other => other,
            };
            let role = match duty.role.as_str() {
                "lead" => "牵头单位",
                "responsible" => "责任单位",
                other => other,
            };
            for month in months {
                let day = duty.day.unwrap_or(31).min(last_day(month));
                let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
                    continue;
                };
                let uid = format!("{}-{}-{date}@fengong", l.id, duty.role);
                cal.push(
                    Event::new()
                        .uid(&uid)
                        .summary(&format!("{}：向{to}报送工作进展（{role}）", l.unit))
                        .description(&format!(
                            "{}作为{role}，{}项任务；依{source}的报送要求",
                            l.unit,
                            l.tasks.iter().filter(|t| t.role == duty.role).count()
                        ))
                        // A day long: DTEND is the next day (RFC 5545, 3.6.1).
                        .starts(date)
                        .ends(date.succ_opt().unwrap_or(date))
                        .done(),
                );
            }
        }
    }
    cal.done().to_string()
}

/// A workbook for the supervision office (督查室), written to `path`: `任务总表` (every task;
/// frozen header, filters, wrapped text, widths that fit Chinese), a sheet for each lead unit
/// (its ledger: the tasks it leads, their co-units and targets, and an empty column for each
/// reporting period the notice sets — 1月…12月 or 一季度…四季度 — to fill in), `目标` (the
/// targets) and `诊断` (the diagnostics).
pub fn workbook(
    d: &Dataset,
    ledgers: &[crate::ledger::Ledger],
    path: &Path,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

    use crate::dataset::Every;

    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color("#DDEBF7");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    // A sheet's header row, column widths (in characters: a Chinese character counts about
    // two), frozen and filtered; then its rows.
    let sheet = |ws: &mut Worksheet,
                 name: &str,
                 columns: &[(&str, f64)],
                 rows: &[Vec<String>]|
     -> Result<(), XlsxError> {
        ws.set_name(name)?;
        for (c, (title, width)) in columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *title, &header)?;
            ws.set_column_width(c as u16, *width)?;
        }
        for (r, row) in rows.iter().enumerate() {
            // Rows as tall as their longest wrapped cell (a Chinese character is about two
            // units of a column's width), since not every program fits them on opening.
            let mut lines = 1.0f64;
            for (c, cell) in row.iter().enumerate() {
                ws.write_string_with_format(r as u32 + 1, c as u16, cell, &wrap)?;
                let width = columns.get(c).map_or(10.0, |(_, w)| *w).max(1.0);
                let text = unicode_width::UnicodeWidthStr::width(cell.as_str()) as f64;
                lines = lines.max((text / width).ceil());
            }
            ws.set_row_height(r as u32 + 1, 15.0 * lines)?;
        }
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(
            0,
            0,
            rows.len() as u32,
            columns.len().saturating_sub(1) as u16,
        )?;
        // Printed: landscape, A4, a page wide, the header on every page, with gridlines.
        ws.set_landscape()
            .set_paper_size(9)
            .set_print_fit_to_pages(1, 0)
            .set_print_gridlines(true);
        ws.set_repeat_rows(0, 0)?;
        Ok(())
    };
    let section_title = |n: Option<u32>| {
        n.and_then(|n| d.sections.iter().find(|s| s.number == n))
            .map(|s| s.title.clone())
            .unwrap_or_default()
    };
    let targets_of = |t: &crate::dataset::Task| {
        t.targets
            .iter()
            .map(|g| g.text.clone())
            .collect::<Vec<_>>()
            .join("；")
    };
    let mut wb = Workbook::new();
    let tasks: Vec<Vec<String>> = d
        .tasks
        .iter()
        .map(|t| {
            vec![
                t.seq.to_string(),
                section_title(t.section),
                t.subsection_title.clone().unwrap_or_default(),
                t.text.clone(),
                t.lead.join("、"),
                t.responsible.join("、"),
                t.leaders.join("、"),
                t.deadline.clone().unwrap_or_default(),
                targets_of(t),
            ]
        })
        .collect();
    sheet(
        wb.add_worksheet(),
        "任务总表",
        &[
            ("序号", 6.0),
            ("部分", 18.0),
            ("类别", 16.0),
            ("目标任务", 60.0),
            ("牵头单位", 18.0),
            ("责任单位", 30.0),
            ("责任领导", 10.0),
            ("完成时限", 14.0),
            ("目标", 30.0),
        ],
        &tasks,
    )?;
    // The reporting periods: monthly if any rule is monthly, else quarterly, else none.
    let every: Vec<Every> = d.notice.reporting.iter().map(|r| r.every).collect();
    let periods: Vec<String> = if every.contains(&Every::Month) {
        (1..=12).map(|m| format!("{m}月")).collect()
    } else if every.contains(&Every::Quarter) {
        ["一季度", "二季度", "三季度", "四季度"]
            .map(str::to_owned)
            .to_vec()
    } else {
        Vec::new()
    };
    let mut used_names: Vec<String> = vec!["任务总表".into(), "目标".into(), "诊断".into()];
    for l in ledgers
        .iter()
        .filter(|l| l.tasks.iter().any(|t| t.role == "lead"))
    {
        // Sheet names: at most 31 characters, none of []:*?/\, unique.
        let mut name: String = l
            .unit
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(28)
            .collect();
        while used_names.contains(&name) {
            name.push('_');
        }
        used_names.push(name.clone());
        let rows: Vec<Vec<String>> = l
            .tasks
            .iter()
            .filter(|t| t.role == "lead")
            .filter_map(|lt| {
                let t = d.tasks.iter().find(|t| t.seq == lt.seq)?;
                let mut row = vec![
                    t.seq.to_string(),
                    t.text.clone(),
                    t.responsible.join("、"),
                    targets_of(t),
                ];
                row.extend(periods.iter().map(|_| String::new()));
                Some(row)
            })
            .collect();
        let mut columns: Vec<(&str, f64)> = vec![
            ("序号", 6.0),
            ("目标任务", 50.0),
            ("责任单位", 26.0),
            ("目标", 26.0),
        ];
        columns.extend(periods.iter().map(|p| (p.as_str(), 14.0)));
        sheet(wb.add_worksheet(), &name, &columns, &rows)?;
    }
    let targets: Vec<Vec<String>> = d
        .tasks
        .iter()
        .flat_map(|t| {
            t.targets.iter().map(move |g| {
                vec![
                    t.seq.to_string(),
                    name_of(&g.kind),
                    g.indicator.clone().unwrap_or_default(),
                    g.change.map(|c| name_of(&c)).unwrap_or_default(),
                    name_of(&g.bound),
                    g.value.map(|q| q.to_string()).unwrap_or_default(),
                    g.unit.clone().unwrap_or_default(),
                    g.text.clone(),
                ]
            })
        })
        .collect();
    sheet(
        wb.add_worksheet(),
        "目标",
        &[
            ("序号", 6.0),
            ("类型", 10.0),
            ("指标", 24.0),
            ("变化", 10.0),
            ("界限", 10.0),
            ("数值", 10.0),
            ("单位", 8.0),
            ("原文", 40.0),
        ],
        &targets,
    )?;
    let diagnostics: Vec<Vec<String>> = d
        .diagnostics
        .iter()
        .map(|x| {
            vec![
                x.line.to_string(),
                x.code.as_str().to_owned(),
                name_of(&x.severity),
                x.message.clone(),
            ]
        })
        .collect();
    sheet(
        wb.add_worksheet(),
        "诊断",
        &[("行", 6.0), ("代码", 8.0), ("级别", 8.0), ("说明", 80.0)],
        &diagnostics,
    )?;
    // Written whole: a temporary file beside `path`, renamed into place once complete.
    let bytes = wb.save_to_buffer()?;
    crate::output::write(path, &bytes)?;
    Ok(())
}
