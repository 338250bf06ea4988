//! `fengong targets`: the numeric targets of every task, as aligned columns for people (in
//! Chinese, or English with `--lang en`) or as CSV (its header and values as the JSON names
//! them, in both languages: CSV is read by programs).

use std::path::Path;

use fengong::Lang;

use super::{aligned, excel_needs_csv, lang, read, refuse_input, write_out};
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
        Format::Table => targets_table(&dataset, lang()),
        Format::Csv if excel => format!("\u{FEFF}{}", targets_csv(&dataset)?),
        Format::Csv => targets_csv(&dataset)?,
    };
    write_out(output, text.trim_end())?;
    Ok(())
}

/// The columns `targets` prints for people in Chinese.
const TARGET_COLUMNS_ZH: [&str; 7] = ["序号", "类型", "指标", "变化", "约束", "数值", "单位"];

/// The columns `targets` prints for people in English, and first in CSV.
const TARGET_COLUMNS: [&str; 7] = [
    "task",
    "kind",
    "indicator",
    "change",
    "bound",
    "value",
    "unit",
];

/// The cells of one target's row, in `TARGET_COLUMNS` order: its kind, change and bound by
/// their names in `lang`, or (`None`, for CSV) as the JSON names them.
fn target_cells(seq: u32, t: &fengong::Target, lang: Option<Lang>) -> [String; 7] {
    let value = match (t.value, t.min, t.max) {
        (Some(v), _, _) => v.to_string(),
        (None, Some(lo), Some(hi)) => format!("{lo}–{hi}"),
        _ => String::new(),
    };
    [
        seq.to_string(),
        lang.map_or(t.kind.as_str(), |l| t.kind.label(l)).to_owned(),
        t.indicator.clone().unwrap_or_default(),
        t.change
            .map(|c| lang.map_or(c.as_str(), |l| c.label(l)).to_owned())
            .unwrap_or_default(),
        lang.map_or(t.bound.as_str(), |l| t.bound.label(l))
            .to_owned(),
        value,
        t.unit.as_deref().unwrap_or_default().to_owned(),
    ]
}

/// Every task's targets as aligned columns in `lang` (widths in terminal columns: a Chinese
/// character takes two).
fn targets_table(d: &fengong::Dataset, lang: Lang) -> String {
    let rows: Vec<Vec<String>> = d
        .tasks
        .iter()
        .flat_map(|t| {
            t.targets
                .iter()
                .map(move |g| target_cells(t.seq, g, Some(lang)).to_vec())
        })
        .collect();
    let header = match lang {
        Lang::Zh => &TARGET_COLUMNS_ZH,
        Lang::En => &TARGET_COLUMNS,
    };
    if rows.is_empty() {
        let none = lang.pick("（无目标）", "(no targets)");
        return format!("{}{none}\n", aligned(header, &rows));
    }
    aligned(header, &rows)
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
            let mut row: Vec<String> = target_cells(t.seq, g, None).to_vec();
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
