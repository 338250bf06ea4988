//! `fengong status`: a period's returns at a glance, from the database `collect --db` wrote:
//! received, late and missing per unit, the tasks reported 滞后 with their lead units.

use std::path::Path;

use anyhow::Context;
use fengong::Lang;
use fengong::forms::Period;
use serde::Serialize;

use super::{aligned, lang, refuse_input, write_out};
use crate::{EXIT_IO, Failure};

/// How `status` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For a person: the units, then the tasks behind schedule.
    Table,
    /// `{"period", "units": […], "lagging": […]}`.
    Json,
    /// A row a unit: period, notice, unit, unit_id, state, due, received, file, lagging.
    Csv,
}

/// One unit's return.
#[derive(Debug, Serialize)]
struct UnitRow {
    notice_key: String,
    doc_number: Option<String>,
    unit: String,
    unit_id: String,
    /// `received`, `late` or `missing`.
    state: String,
    due: String,
    received: Option<String>,
    file: Option<String>,
}

/// A task a unit reported 滞后.
#[derive(Debug, Serialize)]
struct Lagging {
    notice_key: String,
    seq: i64,
    text: String,
    lead: Vec<String>,
    unit: String,
    unit_id: String,
}

/// What `status --format json` prints.
#[derive(Debug, Serialize)]
struct Status {
    period: String,
    units: Vec<UnitRow>,
    lagging: Vec<Lagging>,
}

/// The status word in `lang`.
fn state_label(state: &str, lang: Lang) -> String {
    match state {
        "received" => lang.pick("已报送", "received"),
        "late" => lang.pick("逾期报送", "late"),
        "missing" => lang.pick("未报送", "missing"),
        other => other,
    }
    .to_owned()
}

/// Read the period's returns from `db`.
fn query(db: &Path, period: Option<Period>) -> anyhow::Result<Option<Status>> {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let has: bool = c.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'returns')",
        [],
        |r| r.get(0),
    )?;
    if !has {
        return Ok(None);
    }
    let period: Option<String> = match period {
        Some(p) => Some(p.to_string()),
        None => c
            .query_row(
                "SELECT period FROM returns ORDER BY due DESC, period DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .ok(),
    };
    let Some(period) = period else {
        return Ok(None);
    };
    let mut units = Vec::new();
    let mut q = c.prepare(
        "SELECT r.notice_key, n.doc_number, u.name, r.unit_id, r.state, r.due, r.received, r.file
           FROM returns r JOIN units u USING (unit_id) JOIN notices n USING (notice_key)
          WHERE r.period = ?1 ORDER BY n.year, n.doc_number, r.rowid",
    )?;
    for row in q.query_map([&period], |r| {
        Ok(UnitRow {
            notice_key: r.get(0)?,
            doc_number: r.get(1)?,
            unit: r.get(2)?,
            unit_id: r.get(3)?,
            state: r.get(4)?,
            due: r.get(5)?,
            received: r.get(6)?,
            file: r.get(7)?,
        })
    })? {
        units.push(row?);
    }
    if units.is_empty() {
        return Ok(None);
    }
    let mut lagging = Vec::new();
    let mut q = c.prepare(
        "SELECT p.notice_key, t.seq, t.text, u.name, p.unit_id, p.task_index
           FROM progress p JOIN tasks t USING (notice_key, task_index) JOIN units u USING (unit_id)
          WHERE p.period = ?1 AND p.status = '滞后'
          ORDER BY p.notice_key, t.task_index, p.rowid",
    )?;
    let mut leads = c.prepare(
        "SELECT u.name FROM task_units tu JOIN units u USING (unit_id)
          WHERE tu.notice_key = ?1 AND tu.task_index = ?2 AND tu.role = 'lead' AND tu.via IS NULL
          ORDER BY tu.rowid",
    )?;
    let rows: Vec<(String, i64, String, String, String, i64)> = q
        .query_map([&period], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    for (notice_key, seq, text, unit, unit_id, index) in rows {
        let lead: Vec<String> = leads
            .query_map(rusqlite::params![notice_key, index], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        lagging.push(Lagging {
            notice_key,
            seq,
            text,
            lead,
            unit,
            unit_id,
        });
    }
    Ok(Some(Status {
        period,
        units,
        lagging,
    }))
}

/// Print the returns of `period` (the latest when `None`) in `db`.
pub fn run(
    db: &Path,
    period: Option<Period>,
    format: Format,
    output: Option<&Path>,
) -> Result<(), Failure> {
    let lang = lang();
    if let Some(out) = output {
        refuse_input(out, &[db])?;
    }
    if !db.is_file() {
        return Err(Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!(
                "{} is not a database (write one with `fengong collect … --db {}`)",
                db.display(),
                db.display()
            ),
        });
    }
    let status =
        query(db, period).with_context(|| format!("cannot read the database {}", db.display()))?;
    let Some(s) = status else {
        let which = period.map_or_else(|| "any period".to_owned(), |p| p.to_string());
        return Err(Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!(
                "{}: no returns collected for {which} (`fengong collect NOTICE DIR --period P \
                 --db {}` writes them)",
                db.display(),
                db.display()
            ),
        });
    };
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&s).context("cannot write JSON")?,
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "period", "notice", "unit", "unit_id", "state", "due", "received", "file",
                "lagging",
            ])
            .context("cannot write CSV")?;
            for u in &s.units {
                let lagging: Vec<String> = s
                    .lagging
                    .iter()
                    .filter(|l| l.unit_id == u.unit_id && l.notice_key == u.notice_key)
                    .map(|l| l.seq.to_string())
                    .collect();
                w.write_record([
                    s.period.as_str(),
                    u.doc_number.as_deref().unwrap_or(&u.notice_key),
                    &u.unit,
                    &u.unit_id,
                    &u.state,
                    &u.due,
                    u.received.as_deref().unwrap_or(""),
                    u.file.as_deref().unwrap_or(""),
                    &lagging.join("、"),
                ])
                .context("cannot write CSV")?;
            }
            let bytes = w.into_inner().context("cannot write CSV")?;
            String::from_utf8_lossy(&bytes).trim_end().to_owned()
        }
        Format::Table => table(&s, lang),
    };
    write_out(output, &text)
}

/// The status for a person.
fn table(s: &Status, lang: Lang) -> String {
    let label = s
        .period
        .parse::<Period>()
        .map_or_else(|_| s.period.clone(), |p| p.label(lang));
    let mut out = String::new();
    let count = |state: &str| s.units.iter().filter(|u| u.state == state).count();
    let notice = s
        .units
        .first()
        .and_then(|u| u.doc_number.clone())
        .unwrap_or_default();
    out.push_str(&match lang {
        Lang::Zh => format!(
            "{label} {notice}：应报送 {} 个单位，已报送 {} 个，逾期报送 {} 个，未报送 {} 个\n",
            s.units.len(),
            count("received"),
            count("late"),
            count("missing")
        ),
        Lang::En => format!(
            "{label} {notice}: {} units to report, {} received, {} late, {} missing\n",
            s.units.len(),
            count("received"),
            count("late"),
            count("missing")
        ),
    });
    let time = |t: &Option<String>| {
        t.as_deref()
            .map(|t| t.get(..16).unwrap_or(t).replace('T', " "))
            .unwrap_or_default()
    };
    // Missing first, then late, then received: who to chase at the top.
    let mut units: Vec<&UnitRow> = s.units.iter().collect();
    let rank = |state: &str| match state {
        "missing" => 0,
        "late" => 1,
        _ => 2,
    };
    units.sort_by_key(|u| rank(&u.state));
    let rows: Vec<Vec<String>> = units
        .iter()
        .map(|u| {
            vec![
                u.unit.clone(),
                state_label(&u.state, lang),
                u.due.clone(),
                time(&u.received),
                u.file.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let header = match lang {
        Lang::Zh => ["单位", "状态", "报送截止", "收到时间", "文件"],
        Lang::En => ["Unit", "State", "Due", "Received", "File"],
    };
    out.push_str(&aligned(&header, &rows));
    out.push('\n');
    out.push_str(&match lang {
        Lang::Zh => format!("滞后任务 {} 项\n", s.lagging.len()),
        Lang::En => format!("Tasks behind schedule (滞后): {}\n", s.lagging.len()),
    });
    if !s.lagging.is_empty() {
        let rows: Vec<Vec<String>> = s
            .lagging
            .iter()
            .map(|l| {
                vec![
                    l.seq.to_string(),
                    l.lead.join("、"),
                    l.unit.clone(),
                    l.text.clone(),
                ]
            })
            .collect();
        let header = match lang {
            Lang::Zh => ["序号", "牵头单位", "报送单位", "工作任务"],
            Lang::En => ["No.", "Lead units", "Reported by", "Task"],
        };
        out.push_str(&aligned(&header, &rows));
    }
    out.trim_end().to_owned()
}
