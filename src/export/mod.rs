//! Datasets for the office: as relational tables, for spreadsheets and databases (one model,
//! written as a folder of CSV files or into an SQLite database: this file), as a workbook to
//! print and fill in ([`workbook`]), as a calendar of reports and deadlines ([`calendar`]).
//! A task's deadline as a date is [`deadline_date`].
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

mod calendar;
mod deadline;
mod workbook;

pub use calendar::calendar;
pub use deadline::deadline_date;
pub use workbook::workbook;

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
    /// How many leading columns make the primary key.
    pub key: usize,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<Value>>,
}

use Type::{Integer, Real, Text};

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
    let table = |name, columns, key| Table {
        name,
        columns,
        key,
        rows: Vec::new(),
    };
    let mut notices = table("notices", NOTICES, 1);
    let mut sections = table("sections", SECTIONS, 2);
    let mut tasks = table("tasks", TASKS, 2);
    let mut units = table("units", UNITS, 1);
    let mut task_units = table("task_units", TASK_UNITS, 0);
    let mut unit_groups = table("unit_groups", UNIT_GROUPS, 3);
    let mut targets = table("targets", TARGETS, 3);
    let mut diagnostics = table("diagnostics", DIAGNOSTICS, 0);
    let mut seen_units: Vec<String> = Vec::new();
    for d in datasets {
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
            if !seen_units.contains(&u.id) {
                seen_units.push(u.id.clone());
                units.rows.push(vec![
                    Value::text(&u.id),
                    Value::text(&u.name),
                    Value::text(name_of(&u.kind)),
                ]);
            }
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
        for x in &d.diagnostics {
            diagnostics.rows.push(vec![
                key.clone(),
                Value::text(x.code.as_str()),
                Value::text(name_of(&x.severity)),
                Value::Integer(x.line as i64),
                Value::text(&x.message),
            ]);
        }
    }
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

/// Write the tables into the SQLite database at `path` (created if need be). A notice
/// already in it is replaced, others are kept: one database holds many notices.
pub fn write_sqlite(tables: &[Table], path: &Path) -> rusqlite::Result<()> {
    let mut db = rusqlite::Connection::open(path)?;
    let tx = db.transaction()?;
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
        let key = if t.key > 0 {
            let names: Vec<&str> = t.columns[..t.key].iter().map(|(c, _)| *c).collect();
            format!(", PRIMARY KEY ({})", names.join(", "))
        } else {
            String::new()
        };
        tx.execute_batch(&format!(
            "CREATE TABLE IF NOT EXISTS {} ({}{key});",
            t.name,
            columns.join(", ")
        ))?;
    }
    // A notice exported again replaces its rows.
    let keys: Vec<String> = tables
        .iter()
        .find(|t| t.name == "notices")
        .map(|t| t.rows.iter().map(|r| r[0].csv()).collect())
        .unwrap_or_default();
    for t in tables.iter().filter(|t| t.columns[0].0 == "notice_key") {
        for key in &keys {
            tx.execute(
                &format!("DELETE FROM {} WHERE notice_key = ?1", t.name),
                [key],
            )?;
        }
    }
    for t in tables {
        let marks: Vec<String> = (1..=t.columns.len()).map(|i| format!("?{i}")).collect();
        let verb = if t.name == "units" {
            "INSERT OR IGNORE"
        } else {
            "INSERT OR REPLACE"
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
    tx.commit()
}
