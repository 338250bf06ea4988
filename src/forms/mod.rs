//! The reporting cycle (issue 28): a return form for every unit, the filled returns read
//! back and checked, who has answered.
//!
//! - [`forms`]: the forms of a period — for each lead unit (or every unit with a task) the
//!   tasks it leads, then those it shares, and the period's due date ([`due_date`]).
//! - [`write_form`]: one form as a workbook: sheet 进展情况 to fill in, and the keys that
//!   identify it (sheet `fengong`, hidden; a hidden column of task keys).
//! - [`read_return`]: a returned file (`.xlsx`, `.xls`, `.ods`, `.csv`) as cells.
//! - [`collect`]: the returns matched to the forms by their keys (or, without them, by the
//!   unit's name and the task texts) and checked: the progress each unit reported, what is
//!   missing or late, and a [`ReturnDiagnostic`] for everything a person should look at.
//! - [`write_summary`]: the summary workbook of what was collected.
//!
//! The status words (完成情况) are [`STATUSES`], in Chinese in either language: they are data
//! the summary, the database and `fengong status` read, like the JSON contract's values.

mod codes;
mod collect;
mod period;
mod read;
mod summary;
mod write;

pub use codes::{Code, ReturnDiagnostic};
pub use collect::{Collected, Progress, State, UnitReturn, Unplaced, collect};
pub use period::{NoDueDate, Period, due_date};
pub use read::{Grid, GridSheet, ReturnFile, cell_name, is_return_file, read_return};
pub use summary::write_summary;
pub use write::{form_bytes, write_form};

use chrono::NaiveDate;

use crate::Lang;
use crate::dataset::Dataset;
use crate::ledger::Ledger;

/// The statuses a return's 完成情况 may hold (its drop-down list), in this order: done, on
/// schedule, behind, not started.
pub const STATUSES: [&str; 4] = ["已完成", "按序时推进", "滞后", "未启动"];

/// The statuses the summary highlights: behind and not started.
pub const HIGHLIGHTED: [&str; 2] = ["滞后", "未启动"];

/// The English of each of [`STATUSES`], for the English form's prompt.
pub const STATUSES_EN: [&str; 4] = ["done", "on schedule", "behind", "not started"];

/// The name of the hidden sheet that carries a form's keys.
pub const KEYS_SHEET: &str = "fengong";

/// The first cell of [`KEYS_SHEET`]: what the sheet is.
pub const KEYS_MARK: &str = "fengong-form";

/// One unit's return form for one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// The notice's key (its input's SHA-256, `source.sha256`).
    pub notice_key: String,
    /// The notice's number and title, as the form's first line.
    pub notice_line: String,
    /// The period.
    pub period: Period,
    /// When the return is due.
    pub due: NaiveDate,
    /// The unit.
    pub unit: String,
    /// Its id (`units[].id`).
    pub unit_id: String,
    /// Whether the unit leads any task (a form for a lead unit).
    pub leads: bool,
    /// Its rows: the tasks it leads, by number, then those it shares.
    pub rows: Vec<FormRow>,
}

/// A task on a form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormRow {
    /// The task's place in the notice (`task_index` of the tables).
    pub task_index: usize,
    /// Its number.
    pub seq: u32,
    /// Its section.
    pub section: Option<u32>,
    /// Whether the unit leads it (else it shares it).
    pub leads: bool,
    /// The unit's roles in it (its own first, then through groups), as the ledger has them.
    pub roles: Vec<crate::ledger::LedgerRole>,
    /// The task's text.
    pub text: String,
}

impl FormRow {
    /// The unit's roles as the form's 角色 column shows them in `lang` (`牵头`,
    /// `参与（县政府各部门）`), a line each.
    pub fn role_labels(&self, lang: Lang) -> Vec<String> {
        self.roles
            .iter()
            .map(|r| role_label(&r.role, r.via.as_deref(), lang))
            .collect()
    }

    /// The key of the row's task in the hidden column: `T` and its `task_index`.
    pub fn key(&self) -> String {
        task_key(self.task_index)
    }
}

/// The key of the task at `task_index`: `T0`, `T1`, …
pub fn task_key(task_index: usize) -> String {
    format!("T{task_index}")
}

/// The task index a key names (`T12` → 12).
pub fn parse_task_key(key: &str) -> Option<usize> {
    key.trim().strip_prefix('T')?.parse().ok()
}

/// The notice's number and title on one line (the file's name when it has neither).
pub fn notice_line(d: &Dataset, lang: Lang) -> String {
    crate::export::workbook::notice_line(d, lang)
}

/// A unit's role in a task as the form's 角色 column shows it.
fn role_label(role: &str, via: Option<&str>, lang: Lang) -> String {
    match (role, via, lang) {
        ("lead", None, _) => lang.pick("牵头", "leads").to_owned(),
        ("lead", Some(g), Lang::Zh) => format!("牵头（{g}）"),
        ("lead", Some(g), Lang::En) => format!("leads (as {g})"),
        (_, None, _) => lang.pick("参与", "shares").to_owned(),
        (_, Some(g), Lang::Zh) => format!("参与（{g}）"),
        (_, Some(g), Lang::En) => format!("shares (as {g})"),
    }
}

/// The forms of `period` for the units of `ledgers` (from [`crate::ledger::ledgers`]) that
/// lead a task, or with `all_units` for every unit with a task; each with its due date
/// ([`due_date`]). Rows: the tasks the unit leads, by number, then the tasks it shares
/// (each once, with every role it has in it). Fails when the period has no due date.
pub fn forms(
    d: &Dataset,
    ledgers: &[Ledger],
    period: Period,
    all_units: bool,
    lang: Lang,
) -> Result<Vec<Form>, NoDueDate> {
    // The period must have a due date even when no unit is asked for.
    due_date(d, period, None)?;
    let line = notice_line(d, lang);
    let mut out = Vec::new();
    for l in ledgers {
        let leads = l.tasks.iter().any(|t| t.role == "lead");
        if l.tasks.is_empty() || !(leads || all_units) {
            continue;
        }
        let mut rows: Vec<FormRow> = l
            .tasks
            .iter()
            .filter_map(|lt| {
                let index = d
                    .tasks
                    .iter()
                    .position(|t| t.seq == lt.seq && t.text == lt.text)?;
                Some(FormRow {
                    task_index: index,
                    seq: lt.seq,
                    section: lt.section,
                    leads: lt.role == "lead",
                    roles: lt.roles.clone(),
                    text: lt.text.clone(),
                })
            })
            .collect();
        // Led first; each part by number (the ledger's order), a stable sort.
        rows.sort_by_key(|r| !r.leads);
        out.push(Form {
            notice_key: d.source.sha256.clone(),
            notice_line: line.clone(),
            period,
            due: due_date(d, period, Some(l))?,
            unit: l.unit.clone(),
            unit_id: l.id.clone(),
            leads,
            rows,
        });
    }
    Ok(out)
}

/// The file name of a unit's form: `<period>-<unit>.xlsx` (`2026-05-县发改局.xlsx`), the
/// characters a file name cannot hold (`/\:*?"<>|`) as `_`.
pub fn form_file_name(period: Period, unit: &str) -> String {
    let unit: String = unit
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{period}-{unit}.xlsx")
}
