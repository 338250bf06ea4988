//! Returned forms matched to the forms sent and checked.
//!
//! A file is matched by its keys (sheet `fengong`: the notice's key, the period, the unit's
//! id; each row by its task key in the hidden column 任务键), or, without them (a CSV, a
//! sheet removed), by the unit named in 填报单位 or its file name and each row by its task
//! text or number (`R002`). What a unit wrote goes to the progress of its tasks, or, where
//! it belongs to no task of its form, to the unplaced cells (the summary's 未归入), each with
//! a diagnostic: nothing is dropped without a word.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use super::codes::{Code, ReturnDiagnostic};
use super::read::{Grid, GridSheet, ReturnFile, cell_name, read_return};
use super::write::{
    COLUMNS, DUE_LABEL, FILLER_LABEL, KEY, PERIOD_LABEL, PHONE_LABEL, PLANS, PROBLEMS, PROGRESS,
    ROLE, SEQ, STATUS, TASK, UNIT_LABEL, subtitle,
};
use super::{Form, KEYS_MARK, KEYS_SHEET, Period, STATUSES, parse_task_key};
use crate::Lang;
use crate::dataset::Dataset;
use crate::rules::Rules;
use crate::text::compact;

/// What a unit reported on one task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// The task's place in the notice.
    pub task_index: usize,
    /// Its number.
    pub seq: u32,
    /// The unit.
    pub unit: String,
    /// Its id.
    pub unit_id: String,
    /// 完成情况, trimmed (one of [`STATUSES`] unless `R009` says otherwise; empty when not
    /// filled in).
    pub status: String,
    /// 本期进展, exactly as written.
    pub progress: String,
    /// 存在问题, exactly as written.
    pub problems: String,
    /// 下步打算, exactly as written.
    pub plans: String,
    /// The file.
    pub file: String,
    /// The sheet's 1-based row.
    pub row: u32,
    /// When the file was received.
    pub received: Option<DateTime<FixedOffset>>,
}

/// A cell a unit wrote that belongs to no task of its form: the file, 1-based row, the
/// cell, its text and the code of the diagnostic that says why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unplaced {
    /// The file.
    pub file: String,
    /// 1-based row.
    pub row: u32,
    /// The cell (`H12`).
    pub cell: String,
    /// What it holds, as written.
    pub text: String,
    /// Why it is unplaced.
    pub code: Code,
}

/// Whether a unit's return came.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    /// Received by the due date (or when its time is not known).
    Received,
    /// Received after the due date.
    Late,
    /// Not received.
    Missing,
}

impl State {
    /// `received`, `late`, `missing`: the database's and the JSON's word.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Received => "received",
            State::Late => "late",
            State::Missing => "missing",
        }
    }

    /// 已报送, 逾期报送, 未报送; received, late, missing.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            State::Received => lang.pick("已报送", "received"),
            State::Late => lang.pick("逾期报送", "late"),
            State::Missing => lang.pick("未报送", "missing"),
        }
    }
}

/// One unit's return for the period: expected (a form was sent to it) or received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitReturn {
    /// The unit.
    pub unit: String,
    /// Its id.
    pub unit_id: String,
    /// Whether a form was sent to it (a lead unit, or every unit with `--all-units`).
    pub expected: bool,
    /// When its return is due.
    pub due: chrono::NaiveDate,
    /// Received, late or missing.
    pub state: State,
    /// The file read, if any.
    pub file: Option<String>,
    /// When it was received.
    pub received: Option<DateTime<FixedOffset>>,
    /// 填报人 and 联系电话, as written.
    pub filler: String,
    /// 联系电话.
    pub phone: String,
    /// How many tasks its form has.
    pub tasks: usize,
}

/// What [`collect`] found.
#[derive(Clone, Debug, Default)]
pub struct Collected {
    /// A unit a row: every unit a form was sent to, and any other that returned one; in the
    /// forms' order.
    pub returns: Vec<UnitReturn>,
    /// What each unit reported, by task then unit.
    pub progress: Vec<Progress>,
    /// Cells that belong to no task, in file order.
    pub unplaced: Vec<Unplaced>,
    /// The diagnostics, in file order.
    pub diagnostics: Vec<ReturnDiagnostic>,
}

/// One file read and matched, before two returns of one unit are told apart.
struct Parsed {
    file: String,
    form: usize,
    received: Option<DateTime<FixedOffset>>,
    filler: String,
    phone: String,
    progress: Vec<Progress>,
    unplaced: Vec<Unplaced>,
    diagnostics: Vec<ReturnDiagnostic>,
}

/// Match and check the returns in `files` (sorted by name, whatever order they come in)
/// against `forms` (every unit's form of the period: [`super::forms`] with `all_units`),
/// expecting a return from the units that lead a task, or every unit with `all_units`.
/// Unit names are normalised by `rules`, as the notice's are.
pub fn collect(
    d: &Dataset,
    forms: &[Form],
    all_units: bool,
    files: &[ReturnFile],
    rules: &Rules,
) -> Collected {
    let mut out = Collected::default();
    let mut files: Vec<&ReturnFile> = files.iter().collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let mut parsed: Vec<Parsed> = Vec::new();
    for f in files {
        let diag = |code, message: String| ReturnDiagnostic {
            code,
            file: f.name.clone(),
            row: None,
            cell: None,
            message,
        };
        let grid = match read_return(&f.name, &f.bytes) {
            Ok(g) => g,
            Err(why) => {
                out.diagnostics.push(diag(
                    Code::Unreadable,
                    format!("{why}; read it by hand, or ask the unit to send the form again"),
                ));
                continue;
            }
        };
        match parse(d, forms, f, &grid, rules) {
            Ok(p) => parsed.push(p),
            Err(x) => out.diagnostics.push(x),
        }
    }
    // Two returns of one unit: the later one (by the time received, then by name) is read.
    let mut by_form: BTreeMap<usize, Vec<Parsed>> = BTreeMap::new();
    for p in parsed {
        by_form.entry(p.form).or_default().push(p);
    }
    let mut kept: BTreeMap<usize, Parsed> = BTreeMap::new();
    let mut file_diagnostics: Vec<ReturnDiagnostic> = Vec::new();
    for (form, mut list) in by_form {
        list.sort_by(|a, b| (a.received, &a.file).cmp(&(b.received, &b.file)));
        let Some(last) = list.pop() else {
            continue;
        };
        for other in list {
            file_diagnostics.push(ReturnDiagnostic {
                code: Code::SecondReturn,
                file: other.file.clone(),
                row: None,
                cell: None,
                message: format!(
                    "{} sent two returns; {} is read and this one set aside (its cells are in \
                     未归入): compare them, and keep one in the folder",
                    forms[form].unit, last.file
                ),
            });
            // What the set-aside return holds, cell by cell.
            for p in &other.progress {
                for (col, text) in [
                    (STATUS, &p.status),
                    (PROGRESS, &p.progress),
                    (PROBLEMS, &p.problems),
                    (PLANS, &p.plans),
                ] {
                    if !text.trim().is_empty() {
                        out.unplaced.push(Unplaced {
                            file: other.file.clone(),
                            row: p.row,
                            cell: cell_name(p.row as usize - 1, col),
                            text: text.clone(),
                            code: Code::SecondReturn,
                        });
                    }
                }
            }
            out.unplaced.extend(other.unplaced.into_iter().map(|mut u| {
                u.code = Code::SecondReturn;
                u
            }));
        }
        kept.insert(form, last);
    }
    for (i, form) in forms.iter().enumerate() {
        let expected = all_units || form.leads;
        let got = kept.get(&i);
        if !expected && got.is_none() {
            continue;
        }
        let state = match got {
            None => State::Missing,
            Some(p) => match p.received {
                Some(t) if t.date_naive() > form.due => State::Late,
                _ => State::Received,
            },
        };
        out.returns.push(UnitReturn {
            unit: form.unit.clone(),
            unit_id: form.unit_id.clone(),
            expected,
            due: form.due,
            state,
            file: got.map(|p| p.file.clone()),
            received: got.and_then(|p| p.received),
            filler: got.map(|p| p.filler.clone()).unwrap_or_default(),
            phone: got.map(|p| p.phone.clone()).unwrap_or_default(),
            tasks: form.rows.len(),
        });
    }
    // Diagnostics and cells in file order: each file's own, its set-aside notice with them.
    let mut kept: Vec<Parsed> = kept.into_values().collect();
    kept.sort_by(|a, b| a.file.cmp(&b.file));
    for p in kept {
        out.diagnostics.extend(p.diagnostics);
        out.unplaced.extend(p.unplaced);
        out.progress.extend(p.progress);
    }
    out.diagnostics.extend(file_diagnostics);
    out.diagnostics
        .sort_by(|a, b| (&a.file, a.row).cmp(&(&b.file, b.row)));
    out.unplaced
        .sort_by(|a, b| (&a.file, a.row).cmp(&(&b.file, b.row)));
    out.progress.sort_by(|a, b| {
        (a.task_index, &a.unit_id, &a.file).cmp(&(b.task_index, &b.unit_id, &b.file))
    });
    out
}

/// The label pairs of the header block.
const BLOCK_LABELS: [(&str, &str); 5] = [
    UNIT_LABEL,
    PERIOD_LABEL,
    DUE_LABEL,
    FILLER_LABEL,
    PHONE_LABEL,
];

/// Whether `cell` is the label `pair` in either language (spaces aside, a colon after).
fn is_label(cell: &str, pair: (&str, &str)) -> bool {
    let c = compact(cell);
    let c = c.trim_end_matches([':', '：']);
    c == pair.0 || c.eq_ignore_ascii_case(pair.1.replace(' ', "").as_str())
}

/// The column a header cell names, by its label in either language.
fn column_of(cell: &str) -> Option<usize> {
    COLUMNS
        .iter()
        .position(|&(zh, en, _)| is_label(cell, (zh, en)))
}

/// The keys of a file's hidden sheet: label → value.
fn keys(grid: &Grid) -> Option<BTreeMap<String, String>> {
    let sheet = grid
        .sheets
        .iter()
        .find(|s| s.name == KEYS_SHEET && s.cell(0, 0) == KEYS_MARK)?;
    Some(
        sheet
            .rows
            .iter()
            .filter_map(|r| Some((r.first()?.clone(), r.get(1)?.clone())))
            .collect(),
    )
}

/// The sheet that holds the form and its header row (0-based): the first with a row, among
/// its first 30, naming the 工作任务 and 完成情况 columns.
fn form_sheet(grid: &Grid) -> Option<(&GridSheet, usize)> {
    grid.sheets
        .iter()
        .filter(|s| !(s.name == KEYS_SHEET && s.cell(0, 0) == KEYS_MARK))
        .find_map(|s| {
            let r = s.rows.iter().take(30).position(|row| {
                let cols: Vec<Option<usize>> = row.iter().map(|c| column_of(c)).collect();
                cols.contains(&Some(TASK)) && cols.contains(&Some(STATUS))
            })?;
            Some((s, r))
        })
}

/// The value beside a header-block label on `row`: the first non-empty cell to its right,
/// before the next label; its column (the cell right of the label when all are empty).
fn value_beside(row: &[String], col: usize) -> (usize, String) {
    for (c, cell) in row.iter().enumerate().skip(col + 1) {
        if BLOCK_LABELS.iter().any(|&l| is_label(cell, l)) {
            break;
        }
        if !cell.trim().is_empty() {
            return (c, cell.clone());
        }
    }
    (col + 1, String::new())
}

/// The form a file without keys is from: the unit its 填报单位 names, else the one its file
/// name names (the period and separators aside; else the longest unit name it holds).
fn form_by_name(
    forms: &[Form],
    sheet: &GridSheet,
    header: usize,
    file: &str,
    period: Period,
    rules: &Rules,
) -> Option<usize> {
    let find = |name: &str| {
        let name = crate::units::normalise(name.trim(), rules).name;
        forms.iter().position(|f| f.unit == name)
    };
    for row in sheet.rows.iter().take(header) {
        for (c, cell) in row.iter().enumerate() {
            if is_label(cell, UNIT_LABEL) {
                let (_, value) = value_beside(row, c);
                if let Some(i) = find(&value) {
                    return Some(i);
                }
            }
        }
    }
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let stem = stem.replace(&period.to_string(), "");
    let stem = stem.trim_matches(|c: char| c == '-' || c == '_' || c.is_whitespace());
    if let Some(i) = find(stem) {
        return Some(i);
    }
    forms
        .iter()
        .enumerate()
        .filter(|(_, f)| stem.contains(f.unit.as_str()))
        .max_by_key(|(_, f)| f.unit.len())
        .map(|(i, _)| i)
}

/// The first `n` characters of `s`, with `…` when cut.
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// Read one file against the forms: its unit, its rows, what it holds that no task takes.
/// A file set aside as a whole (another notice or period, no unit) is its diagnostic.
fn parse(
    d: &Dataset,
    forms: &[Form],
    f: &ReturnFile,
    grid: &Grid,
    rules: &Rules,
) -> Result<Parsed, ReturnDiagnostic> {
    let file_diag = |code, message: String| ReturnDiagnostic {
        code,
        file: f.name.clone(),
        row: None,
        cell: None,
        message,
    };
    let Some(period) = forms.first().map(|f| f.period) else {
        return Err(file_diag(
            Code::UnknownUnit,
            "the notice has no unit with a task, so no return can be matched".to_owned(),
        ));
    };
    let Some((sheet, header)) = form_sheet(grid) else {
        return Err(file_diag(
            Code::Unreadable,
            "no sheet holds the form's header row (序号, 工作任务, …, 完成情况): is it a return \
             form? read it by hand"
                .to_owned(),
        ));
    };
    let mut diagnostics = Vec::new();
    let keys = keys(grid);
    let form_index = match &keys {
        Some(k) => {
            let get = |label: &str| k.get(label).map_or("", String::as_str);
            if get("notice_key") != d.source.sha256 {
                return Err(file_diag(
                    Code::OtherNotice,
                    format!(
                        "the file is a form of another notice ({}), not of this one: set aside",
                        get("notice")
                    ),
                ));
            }
            if get("period") != period.to_string() {
                return Err(file_diag(
                    Code::OtherPeriod,
                    format!(
                        "the file is the form of {}, not of {period}: set aside (collect it with \
                         --period {})",
                        get("period"),
                        get("period")
                    ),
                ));
            }
            match forms.iter().position(|x| x.unit_id == get("unit_id")) {
                Some(i) => i,
                None => {
                    return Err(file_diag(
                        Code::UnknownUnit,
                        format!(
                            "the form's unit {} ({}) has no task in the notice: set aside",
                            get("unit"),
                            get("unit_id")
                        ),
                    ));
                }
            }
        }
        None => {
            let Some(i) = form_by_name(forms, sheet, header, &f.name, period, rules) else {
                return Err(file_diag(
                    Code::UnknownUnit,
                    "the file has no form keys and names no unit of the notice in 填报单位 or \
                     its file name: set aside (name the unit in 填报单位, or rename the file \
                     <period>-<unit>)"
                        .to_owned(),
                ));
            };
            diagnostics.push(file_diag(
                Code::NoKeys,
                format!(
                    "the file has no form keys (sheet {KEYS_SHEET}): matched to {} by its name, \
                     and its rows by their task texts and numbers; check them",
                    forms[i].unit
                ),
            ));
            i
        }
    };
    let form = &forms[form_index];
    let row_diag = |code, r: usize, c: Option<usize>, message: String| ReturnDiagnostic {
        code,
        file: f.name.clone(),
        row: Some(r as u32 + 1),
        cell: c.map(|c| cell_name(r, c)),
        message,
    };
    let mut unplaced: Vec<Unplaced> = Vec::new();
    let mut unplace = |r: usize, c: usize, text: &str, code| {
        unplaced.push(Unplaced {
            file: f.name.clone(),
            row: r as u32 + 1,
            cell: cell_name(r, c),
            text: text.to_owned(),
            code,
        });
    };

    // The header block: labels, their values, the titles; anything else is outside.
    let templates: Vec<String> = [
        form.notice_line.clone(),
        subtitle(form, Lang::Zh),
        subtitle(form, Lang::En),
    ]
    .iter()
    .map(|t| compact(t))
    .collect();
    let mut filler: Option<(usize, usize, String)> = None;
    let mut phone: Option<(usize, usize, String)> = None;
    for (r, row) in sheet.rows.iter().enumerate().take(header) {
        let mut taken: Vec<usize> = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            if let Some(&label) = BLOCK_LABELS.iter().find(|&&l| is_label(cell, l)) {
                taken.push(c);
                let (vc, value) = value_beside(row, c);
                taken.push(vc);
                if label == FILLER_LABEL {
                    filler = Some((r, vc, value));
                } else if label == PHONE_LABEL {
                    phone = Some((r, vc, value));
                }
            }
        }
        for (c, cell) in row.iter().enumerate() {
            if cell.trim().is_empty() || taken.contains(&c) || templates.contains(&compact(cell)) {
                continue;
            }
            diagnostics.push(row_diag(
                Code::OutsideForm,
                r,
                Some(c),
                format!(
                    "text above the form's table, in no cell of the form: {cell:?} (kept in 未归入)"
                ),
            ));
            unplace(r, c, cell, Code::OutsideForm);
        }
    }
    for (what, found, label) in [
        ("filler", &filler, FILLER_LABEL),
        ("telephone", &phone, PHONE_LABEL),
    ] {
        match found {
            Some((r, c, v)) if v.trim().is_empty() => diagnostics.push(row_diag(
                Code::RequiredEmpty,
                *r,
                Some(*c),
                format!("{} ({what}) is not filled in", label.0),
            )),
            None => diagnostics.push(file_diag(
                Code::RequiredEmpty,
                format!("the form has no {} ({what}) cell", label.0),
            )),
            _ => {}
        }
    }

    // The table: columns by their header labels.
    let columns: Vec<Option<usize>> = sheet.rows[header].iter().map(|c| column_of(c)).collect();
    let at = |role: usize| columns.iter().position(|&c| c == Some(role));
    let get = |row: &[String], role: usize| -> String {
        at(role)
            .and_then(|c| row.get(c))
            .cloned()
            .unwrap_or_default()
    };
    let mut seen: Vec<usize> = Vec::new();
    let mut progress = Vec::new();
    for (r, row) in sheet.rows.iter().enumerate().skip(header + 1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let key = get(row, KEY);
        let text = get(row, TASK);
        let seq = get(row, SEQ);
        let by_key = parse_task_key(&key);
        let matched: Option<usize> = match by_key {
            Some(index) => form.rows.iter().position(|x| x.task_index == index),
            None if key.trim().is_empty() => {
                let by_text = (!text.trim().is_empty())
                    .then(|| {
                        form.rows
                            .iter()
                            .position(|x| compact(&x.text) == compact(&text))
                    })
                    .flatten();
                by_text.or_else(|| {
                    let n: u32 = seq.trim().parse().ok()?;
                    form.rows.iter().position(|x| x.seq == n)
                })
            }
            None => None,
        };
        // Cells in columns the form does not have.
        let known = |c: usize| columns.get(c).copied().flatten().is_some();
        let mut outside = |diagnostics: &mut Vec<ReturnDiagnostic>| {
            for (c, cell) in row.iter().enumerate() {
                if !known(c) && !cell.trim().is_empty() {
                    diagnostics.push(row_diag(
                        Code::OutsideForm,
                        r,
                        Some(c),
                        format!(
                            "text in a column the form does not have: {cell:?} (kept in 未归入)"
                        ),
                    ));
                    unplace(r, c, cell, Code::OutsideForm);
                }
            }
        };
        let Some(m) = matched.filter(|m| !seen.contains(m)) else {
            let is_task_row = !key.trim().is_empty()
                || !text.trim().is_empty()
                || seq.trim().parse::<u32>().is_ok();
            let what = if matched.is_some() {
                format!("a second row for task {}", seq.trim())
            } else if is_task_row {
                format!(
                    "a row for no task of {}'s form ({})",
                    form.unit,
                    cut(text.trim(), 30)
                )
            } else {
                "a row outside the form's tasks".to_owned()
            };
            let code = if is_task_row {
                Code::TaskAdded
            } else {
                Code::OutsideForm
            };
            diagnostics.push(row_diag(
                code,
                r,
                None,
                format!("{what}: its cells are kept in 未归入"),
            ));
            for (c, cell) in row.iter().enumerate() {
                if !cell.trim().is_empty() {
                    unplace(r, c, cell, code);
                }
            }
            continue;
        };
        seen.push(m);
        outside(&mut diagnostics);
        let task = &form.rows[m];
        if by_key.is_none() && keys.is_some() {
            // A keyed form's row without its key: matched by text or number.
            diagnostics.push(row_diag(
                Code::NoKeys,
                r,
                at(KEY),
                format!(
                    "the row has lost its task key: matched to task {} by its text or number",
                    task.seq
                ),
            ));
        }
        if compact(&text) != compact(&task.text) {
            diagnostics.push(row_diag(
                Code::TaskTextEdited,
                r,
                at(TASK),
                format!(
                    "the task text was edited: {:?}, where the notice's task {} reads {:?}; the \
                     row counts for task {} (the text as edited is kept in 未归入)",
                    text, task.seq, task.text, task.seq
                ),
            ));
            if !text.trim().is_empty() {
                unplace(r, at(TASK).unwrap_or(TASK), &text, Code::TaskTextEdited);
            }
        }
        let status = get(row, STATUS).trim().to_owned();
        if status.is_empty() {
            diagnostics.push(row_diag(
                Code::RequiredEmpty,
                r,
                at(STATUS).or(Some(STATUS)),
                format!("完成情况 (status) of task {} is not filled in", task.seq),
            ));
        } else if !STATUSES.contains(&status.as_str()) {
            diagnostics.push(row_diag(
                Code::UnknownStatus,
                r,
                at(STATUS),
                format!(
                    "{status:?} is not one of {}: kept as written",
                    STATUSES.join(", ")
                ),
            ));
        }
        let text_progress = get(row, PROGRESS);
        if text_progress.trim().is_empty() && status != STATUSES[3] {
            diagnostics.push(row_diag(
                Code::RequiredEmpty,
                r,
                at(PROGRESS).or(Some(PROGRESS)),
                format!("本期进展 (progress) of task {} is not filled in", task.seq),
            ));
        }
        // The role column is the form's: nothing a unit writes there is lost either.
        let role = get(row, ROLE);
        let as_sent = |lang| compact(&task.role_labels(lang).join(""));
        if !role.trim().is_empty()
            && ![Lang::Zh, Lang::En]
                .iter()
                .any(|&l| as_sent(l) == compact(&role))
        {
            if let Some(c) = at(ROLE) {
                diagnostics.push(row_diag(
                    Code::OutsideForm,
                    r,
                    Some(c),
                    format!("the 角色 cell was edited: {role:?} (kept in 未归入)"),
                ));
                unplace(r, c, &role, Code::OutsideForm);
            }
        }
        progress.push(Progress {
            task_index: task.task_index,
            seq: task.seq,
            unit: form.unit.clone(),
            unit_id: form.unit_id.clone(),
            status,
            progress: text_progress,
            problems: get(row, PROBLEMS),
            plans: get(row, PLANS),
            file: f.name.clone(),
            row: r as u32 + 1,
            received: f.received,
        });
    }
    for (i, task) in form.rows.iter().enumerate() {
        if !seen.contains(&i) {
            diagnostics.push(file_diag(
                Code::TaskMissing,
                format!(
                    "task {} of {}'s form has no row: {}",
                    task.seq,
                    form.unit,
                    cut(&task.text, 30)
                ),
            ));
        }
    }
    Ok(Parsed {
        file: f.name.clone(),
        form: form_index,
        received: f.received,
        filler: filler.map(|x| x.2).unwrap_or_default(),
        phone: phone.map(|x| x.2).unwrap_or_default(),
        progress,
        unplaced,
        diagnostics,
    })
}
