//! Datasets for the office: as relational tables, for spreadsheets and databases (one model,
//! written as a folder of CSV files or into an SQLite database: this file), as a workbook to
//! print and fill in ([`workbook`]), as a calendar of reports and deadlines ([`calendar`]).
//! A task's deadline as a date is [`deadline_date`].
//!
//! Every row is keyed by its notice (`notice_key`: the input's SHA-256), so several notices —
//! several years — load into one place; the columns and their types are the same whatever a
//! notice holds (a range column exists when no target has a range). Tables:
//!
//! - `notices`: notice_key, file, doc_number, title, issuer, jurisdiction, issued_on, year
//! - `sections`: notice_key, number, title, line
//! - `tasks`: notice_key, task_index, seq, section, subsection, subsection_title, text,
//!   leaders, deadline, line
//! - `units`: unit_id, jurisdiction, name, kind (one row a unit across all notices; a unit
//!   id is its jurisdiction's and its name's, see [`crate::dataset::Unit::id`])
//! - `task_units`: notice_key, task_index, unit_id, role (lead, responsible), inherited_from,
//!   via (the group's unit_id, for a member that has the task through its group)
//! - `unit_groups`: notice_key, unit_id, group_id
//! - `targets`: notice_key, task_index, target_index, kind, indicator, change, value, min, max,
//!   unit, base_value, base_unit, base_min, base_max, bound, better, text
//! - `diagnostics`: notice_key, code, severity, line, message
//!
//! `task_index` is the task's place in its notice (0, 1, …): `seq` can repeat (`W005`).
//!
//! The returns `fengong collect --db` reads (every database has the tables, empty until
//! then):
//!
//! - `returns`: notice_key, period, unit_id, due, state (received, late, missing), file,
//!   received, filler, phone — a unit a period, every unit a form was sent to
//! - `progress`: notice_key, period, task_index, unit_id, status, progress, problems, plans,
//!   file, row, received — what a unit reported on a task
//!
//! `period` is `2026-05`, `2026-Q2`, `2026-H1` or `2026`; `due` a date (`2026-05-25`);
//! `received` a time (`2026-05-20T10:30:00+08:00`), the file's modification time.

use std::path::Path;

mod calendar;
pub(crate) mod deadline;
pub(crate) mod workbook;

pub use calendar::calendar;
pub use deadline::deadline_date;
pub use workbook::workbook;

use crate::dataset::{Dataset, Name, Quantity};

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
    /// Whether its foreign keys are checked when the transaction commits, not at each
    /// statement: the returns' tables, whose notice is deleted and written again when it is
    /// exported again.
    pub deferred: bool,
}

/// A foreign key: `columns` refer to `table`'s `to`.
pub type Reference = (
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
);

use Type::{Integer, Real, Text};

/// The version of the SQLite layout (`PRAGMA user_version`): 2 has primary and foreign keys
/// on every table and `diagnostics.diagnostic_index`; 3 unit ids scoped by jurisdiction,
/// `jurisdiction` columns in `notices` and `units`, and the tables `returns` and `progress`.
/// A database of another layout is refused: its unit ids are not this one's.
const SQLITE_LAYOUT: i64 = 3;

const NOTICE: &[&str] = &["notice_key"];
const TASK: &[&str] = &["notice_key", "task_index"];
const UNIT: &[&str] = &["unit_id"];

const NOTICES: &[(&str, Type)] = &[
    ("notice_key", Text),
    ("file", Text),
    ("doc_number", Text),
    ("title", Text),
    ("issuer", Text),
    ("jurisdiction", Text),
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
const UNITS: &[(&str, Type)] = &[
    ("unit_id", Text),
    ("jurisdiction", Text),
    ("name", Text),
    ("kind", Text),
];
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
const RETURNS: &[(&str, Type)] = &[
    ("notice_key", Text),
    ("period", Text),
    ("unit_id", Text),
    ("due", Text),
    ("state", Text),
    ("file", Text),
    ("received", Text),
    ("filler", Text),
    ("phone", Text),
];
const PROGRESS: &[(&str, Type)] = &[
    ("notice_key", Text),
    ("period", Text),
    ("task_index", Integer),
    ("unit_id", Text),
    ("status", Text),
    ("progress", Text),
    ("problems", Text),
    ("plans", Text),
    ("file", Text),
    ("row", Integer),
    ("received", Text),
];
const RETURN: &[&str] = &["notice_key", "period", "unit_id"];

/// The tables `returns` and `progress` of the returns `c` of `period` for the notice `d`
/// (empty when `c` is `None`: the layout every database has).
pub fn returns_tables(
    d: Option<&Dataset>,
    period: Option<crate::forms::Period>,
    c: Option<&crate::forms::Collected>,
) -> [Table; 2] {
    let mut returns = Table {
        name: "returns",
        columns: RETURNS,
        key: RETURN,
        references: &[(NOTICE, "notices", NOTICE), (UNIT, "units", UNIT)],
        rows: Vec::new(),
        deferred: true,
    };
    let mut progress = Table {
        name: "progress",
        columns: PROGRESS,
        key: &["notice_key", "period", "task_index", "unit_id"],
        references: &[
            (TASK, "tasks", TASK),
            (UNIT, "units", UNIT),
            (RETURN, "returns", RETURN),
        ],
        rows: Vec::new(),
        deferred: true,
    };
    let (Some(d), Some(period), Some(c)) = (d, period, c) else {
        return [returns, progress];
    };
    let key = Value::text(&d.source.sha256);
    let period = Value::text(period.to_string());
    let time = |t: Option<chrono::DateTime<chrono::FixedOffset>>| {
        t.map_or(Value::Null, |t| Value::text(t.to_rfc3339()))
    };
    let text = |s: &str| {
        if s.is_empty() {
            Value::Null
        } else {
            Value::text(s)
        }
    };
    for r in &c.returns {
        returns.rows.push(vec![
            key.clone(),
            period.clone(),
            Value::text(&r.unit_id),
            Value::text(r.due.to_string()),
            Value::text(r.state.as_str()),
            Value::opt_text(r.file.as_deref()),
            time(r.received),
            text(&r.filler),
            text(&r.phone),
        ]);
    }
    for p in &c.progress {
        progress.rows.push(vec![
            key.clone(),
            period.clone(),
            Value::Integer(p.task_index as i64),
            Value::text(&p.unit_id),
            text(&p.status),
            text(&p.progress),
            text(&p.problems),
            text(&p.plans),
            Value::text(&p.file),
            Value::Integer(p.row.into()),
            time(p.received),
        ]);
    }
    [returns, progress]
}

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
        deferred: false,
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
            Value::opt_text(n.jurisdiction.as_deref()),
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
                .unwrap_or_else(|| crate::units::unit_id(d.notice.jurisdiction.as_deref(), name))
        };
        for u in &d.units {
            if seen_units.insert(u.id.clone()) {
                units.rows.push(vec![
                    Value::text(&u.id),
                    Value::opt_text(n.jurisdiction.as_deref()),
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
                    Value::opt_text(n.jurisdiction.as_deref()),
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
            let lists: [(&str, &[Name], Option<u32>); 2] = [
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
                            Value::text(name.as_str()),
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
    /// The database holds tables of another release's layout (an earlier one: without keys,
    /// or with unit ids of the name alone): export into a new file.
    OldLayout(i64),
    /// The notice would replace an earlier version of it (the key given) that has returns
    /// collected under it: they would lose their tasks.
    HasReturns(String),
    /// SQLite's own error.
    Sqlite(rusqlite::Error),
}

impl std::fmt::Display for SqliteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SqliteError::OldLayout(v) => write!(
                f,
                "the database was written by another fengong release (layout {v}; this one \
                 writes layout {SQLITE_LAYOUT}, whose unit ids and columns differ); nothing was \
                 written: export the notices into a new file"
            ),
            SqliteError::HasReturns(key) => write!(
                f,
                "the database holds returns collected under an earlier version of this notice \
                 (notice_key {key}), which this one would replace; export with \
                 --keep-versions to keep both, or into a new file"
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
/// export is writing is waited for (up to a minute), not failed. The returns collected under
/// a notice written again are kept; a corrected version does not replace a notice that has
/// returns ([`SqliteError::HasReturns`]).
pub fn write_sqlite(tables: &[Table], path: &Path, keep_versions: bool) -> Result<(), SqliteError> {
    write_sqlite_with(tables, None, path, keep_versions)
}

/// Write the notice's `tables` as [`write_sqlite`] does and, in the same transaction, the
/// returns of one period ([`returns_tables`]): the rows of that notice and period already in
/// `returns` and `progress` are replaced.
pub fn write_returns(
    tables: &[Table],
    returns: &[Table; 2],
    path: &Path,
) -> Result<(), SqliteError> {
    write_sqlite_with(tables, Some(returns), path, false)
}

/// The `CREATE TABLE` (and its indexes) of `t`, if it does not exist.
fn create(tx: &rusqlite::Transaction, t: &Table) -> rusqlite::Result<()> {
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
    let deferred = if t.deferred {
        " DEFERRABLE INITIALLY DEFERRED"
    } else {
        ""
    };
    let references: String = t
        .references
        .iter()
        .map(|(from, table, to)| {
            format!(
                ", FOREIGN KEY ({}) REFERENCES {table} ({}){deferred}",
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
    Ok(())
}

/// Insert the rows of `t`.
fn insert(tx: &rusqlite::Transaction, t: &Table) -> rusqlite::Result<()> {
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
    Ok(())
}

/// [`write_sqlite`], and the returns of a period when given.
fn write_sqlite_with(
    tables: &[Table],
    returns: Option<&[Table; 2]>,
    path: &Path,
    keep_versions: bool,
) -> Result<(), SqliteError> {
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
    if has_tables && layout != SQLITE_LAYOUT {
        return Err(SqliteError::OldLayout(layout));
    }
    let empty = returns_tables(None, None, None);
    for t in tables.iter().chain(&empty) {
        create(&tx, t)?;
    }
    tx.pragma_update(None, "user_version", SQLITE_LAYOUT)?;
    // The notices replaced: these, and earlier versions of them.
    let notices = tables.iter().find(|t| t.name == "notices");
    let new_keys: Vec<String> = notices
        .map(|t| t.rows.iter().map(|r| r[0].csv()).collect())
        .unwrap_or_default();
    let mut keys = new_keys.clone();
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
    // An earlier version with returns is not replaced: its returns would lose their tasks.
    for key in keys.iter().filter(|k| !new_keys.contains(k)) {
        let has: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM returns WHERE notice_key = ?1)",
            [key],
            |r| r.get(0),
        )?;
        if has {
            return Err(SqliteError::HasReturns(key.clone()));
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
        insert(&tx, t)?;
    }
    if let Some(returns) = returns {
        // The period's earlier returns of these notices, replaced.
        let periods: Vec<(String, String)> = returns[0]
            .rows
            .iter()
            .map(|r| (r[0].csv(), r[1].csv()))
            .collect();
        for t in returns.iter().rev() {
            for (key, period) in &periods {
                tx.execute(
                    &format!(
                        "DELETE FROM {} WHERE notice_key = ?1 AND period = ?2",
                        t.name
                    ),
                    [key, period],
                )?;
            }
        }
        for t in returns {
            insert(&tx, t)?;
        }
    }
    tx.commit()?;
    Ok(())
}
