//! `fengong targets`: the numeric targets of every task, as aligned columns for people or
//! as CSV.

use std::path::Path;

use super::{aligned, excel_needs_csv, read, refuse_input, write_out};
use crate::Failure;

/// How `targets` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns.
    Table,
    /// Comma-separated values with a header row.
    Csv,
}

/// Print the targets of the notice in `file`, its diagnostics on stderr unless `quiet`.
pub fn run(
    rules: &fengong::Rules,
    file: &Path,
    format: Format,
    excel: bool,
    output: Option<&Path>,
    quiet: bool,
) -> Result<(), Failure> {
    excel_needs_csv(excel, format == Format::Csv)?;
    if let Some(path) = output {
        refuse_input(path, &[file])?;
    }
    let dataset = read(rules, file, quiet)?;
    let text = match format {
        Format::Table => targets_table(&dataset),
        Format::Csv if excel => format!("\u{FEFF}{}", targets_csv(&dataset)?),
        Format::Csv => targets_csv(&dataset)?,
    };
    write_out(output, text.trim_end())?;
    Ok(())
}

/// The columns `targets` prints for people, and first in CSV.
const TARGET_COLUMNS: [&str; 7] = [
    "task",
    "kind",
    "indicator",
    "change",
    "bound",
    "value",
    "unit",
];

/// The cells of one target's row, in `TARGET_COLUMNS` order.
fn target_cells(seq: u32, t: &fengong::Target) -> [String; 7] {
    let value = match (t.value, t.min, t.max) {
        (Some(v), _, _) => v.to_string(),
        (None, Some(lo), Some(hi)) => format!("{lo}–{hi}"),
        _ => String::new(),
    };
    [
        seq.to_string(),
        t.kind.as_str().to_owned(),
        t.indicator.clone().unwrap_or_default(),
        t.change.map(|c| c.as_str().to_owned()).unwrap_or_default(),
        t.bound.as_str().to_owned(),
        value,
        t.unit.as_deref().unwrap_or_default().to_owned(),
    ]
}

/// Every task's targets as aligned columns (widths in terminal columns: a Chinese
/// character takes two).
fn targets_table(d: &fengong::Dataset) -> String {
    let rows: Vec<Vec<String>> = d
        .tasks
        .iter()
        .flat_map(|t| {
            t.targets
                .iter()
                .map(move |g| target_cells(t.seq, g).to_vec())
        })
        .collect();
    if rows.is_empty() {
        return format!("{}(no targets)\n", aligned(&TARGET_COLUMNS, &rows));
    }
    aligned(&TARGET_COLUMNS, &rows)
}

/// Every task's targets as CSV: the table's columns, then base value and unit, the range's
/// ends and the clause.
fn targets_csv(d: &fengong::Dataset) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = TARGET_COLUMNS.to_vec();
    header.extend([
        "base_value",
        "base_unit",
        "min",
        "max",
        "base_min",
        "base_max",
        "better",
        "text",
    ]);
    w.write_record(&header)?;
    let show = |q: Option<fengong::Quantity>| q.map(|q| q.to_string()).unwrap_or_default();
    for t in &d.tasks {
        for g in &t.targets {
            let mut row: Vec<String> = target_cells(t.seq, g).to_vec();
            row.extend([
                show(g.base_value),
                g.base_unit.as_deref().unwrap_or_default().to_owned(),
                show(g.min),
                show(g.max),
                show(g.base_min),
                show(g.base_max),
                g.better
                    .map(|b| {
                        if b == fengong::Better::Lower {
                            "lower"
                        } else {
                            "higher"
                        }
                    })
                    .unwrap_or_default()
                    .to_owned(),
                g.text.clone(),
            ]);
            w.write_record(&row)?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
