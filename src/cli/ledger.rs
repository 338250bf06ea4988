//! `fengong ledger`: each unit's ledger (台账): the tasks it leads and shares, its own and
//! through its groups, and the reports it owes; as blocks for people, JSON or CSV.

use std::path::Path;

use anyhow::Context;

use super::{aligned, read, refuse_input, write_out};
use crate::{EXIT_UNUSABLE, Failure};

/// How `ledger` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A block a unit, aligned columns.
    Table,
    /// A list of `{"unit", "id", "tasks": [{"seq", "role", "via", …}], "reporting"}`.
    Json,
    /// A row a task of a unit, with a header row.
    Csv,
}

/// Print the ledgers of the notice in `file` (only of `unit` when given), with the groups
/// of `roster` when given; the notice's diagnostics on stderr unless `quiet`.
pub fn run(
    rules: &fengong::Rules,
    file: &Path,
    unit: &[String],
    roster: Option<&Path>,
    format: Format,
    output: Option<&Path>,
    quiet: bool,
) -> Result<(), Failure> {
    if let Some(path) = output {
        refuse_input(
            path,
            &[Some(file), roster]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
        )?;
    }
    let roster = match roster {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            Some(
                fengong::ledger::Roster::parse(&text, rules)
                    .with_context(|| format!("cannot use the roster {}", path.display()))?,
            )
        }
        None => None,
    };
    let dataset = read(rules, file, quiet)?;
    let ledgers = fengong::ledger::ledgers(&dataset, roster.as_ref(), unit, rules);
    if ledgers.is_empty() && !unit.is_empty() {
        return Err(Failure {
            status: EXIT_UNUSABLE,
            error: anyhow::anyhow!(
                "{}: no unit named {} in the notice or the roster",
                file.display(),
                unit.join(", ")
            ),
        });
    }
    write_out(output, ledger_text(&ledgers, format)?.trim_end())?;
    Ok(())
}

/// `text` cut to at most `width` display columns, at a grapheme cluster's edge, with `…`
/// when something was cut.
fn cut(text: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Ledgers for a person: a block a unit (its tasks, then its reporting duties), or CSV rows
/// (unit, id, seq, role, via, section, text).
fn ledger_text(ledgers: &[fengong::ledger::Ledger], format: Format) -> anyhow::Result<String> {
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(ledgers)?,
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["unit", "id", "seq", "role", "via", "section", "text"])?;
            for l in ledgers {
                for t in &l.tasks {
                    w.write_record([
                        l.unit.as_str(),
                        &l.id,
                        &t.seq.to_string(),
                        &t.role,
                        t.via.as_deref().unwrap_or_default(),
                        &t.section.map(|s| s.to_string()).unwrap_or_default(),
                        &t.text,
                    ])?;
                }
            }
            String::from_utf8(w.into_inner()?)?
        }
        Format::Table => {
            let mut out = String::new();
            for l in ledgers {
                let led = l.tasks.iter().filter(|t| t.role == "lead").count();
                out.push_str(&format!(
                    "{} — {} tasks ({led} led)\n",
                    l.unit,
                    l.tasks.len()
                ));
                let rows: Vec<Vec<String>> = l
                    .tasks
                    .iter()
                    .map(|t| {
                        vec![
                            t.seq.to_string(),
                            t.role.clone(),
                            t.via.clone().unwrap_or_default(),
                            cut(&t.text, 40),
                        ]
                    })
                    .collect();
                out.push_str(&aligned(&["seq", "role", "via", "task"], &rows));
                for r in &l.reporting {
                    out.push_str(&format!(
                        "  reports as {} to {}: every {:?}{}{}\n",
                        r.role,
                        r.to.as_deref().unwrap_or("?"),
                        r.every,
                        r.month_of_quarter
                            .map(|m| format!(", month {m} of the quarter"))
                            .unwrap_or_default(),
                        r.day.map(|d| format!(", by day {d}")).unwrap_or_default(),
                    ));
                }
                out.push('\n');
            }
            out
        }
    })
}
