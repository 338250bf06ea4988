//! `fengong export`: notices as relational tables (a folder of CSV files or an SQLite
//! database), an Excel workbook, or a calendar of the reports each unit owes.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::extract::notice_files;
use super::{read_all, refuse_input};
use crate::{EXIT_IO, EXIT_UNUSABLE, Failure};

/// What `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A folder of CSV files, one a table.
    Csv,
    /// An SQLite database file.
    Sqlite,
    /// A calendar (RFC 5545 `.ics`) of the reports each unit owes in the notice's year.
    Ics,
    /// An Excel workbook (`.xlsx`): all tasks, a ledger sheet for each lead unit, targets,
    /// diagnostics.
    Xlsx,
}

/// How `export` writes, besides its format and path.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// CSV for Excel (a byte-order mark).
    pub excel: bool,
    /// SQLite: keep earlier versions of a notice.
    pub keep_versions: bool,
    /// No diagnostics on stderr.
    pub quiet: bool,
}

/// Export the notices in `files` (folders searched) to `output` as `to`; `unit` narrows a
/// calendar or a workbook's ledgers; their diagnostics on stderr unless `quiet`.
pub fn run(
    rules: &fengong::Rules,
    files: &[PathBuf],
    unit: &[String],
    to: Format,
    output: &Path,
    options: Options,
) -> Result<(), Failure> {
    let Options { quiet, .. } = options;
    super::excel_needs_csv(options.excel, to == Format::Csv)?;
    let files = notice_files(files).context("cannot list the notices")?;
    if to != Format::Csv {
        refuse_input(output, &files)?;
    }
    let (datasets, failed) = read_all(rules, &files, quiet);
    if datasets.is_empty() {
        return Err(Failure {
            status: EXIT_UNUSABLE,
            error: anyhow::anyhow!(
                "no notice could be read ({failed} failed, named above); nothing was written"
            ),
        });
    }
    export(rules, &files, &datasets, unit, to, output, options)?;
    if failed > 0 {
        return Err(Failure {
            status: EXIT_UNUSABLE,
            error: anyhow::anyhow!(
                "{failed} of {} notices could not be read (named above); the other {} were \
                 exported to {}",
                files.len(),
                datasets.len(),
                output.display()
            ),
        });
    }
    Ok(())
}

/// Write `datasets` (read from `files`) to `output` as `to`.
fn export(
    rules: &fengong::Rules,
    files: &[PathBuf],
    datasets: &[fengong::Dataset],
    unit: &[String],
    to: Format,
    output: &Path,
    options: Options,
) -> Result<(), Failure> {
    let Options {
        excel,
        keep_versions,
        ..
    } = options;
    if to == Format::Ics {
        let mut text = String::new();
        for d in datasets {
            let Some(year) = d.notice.year else {
                return Err(Failure {
                    status: EXIT_UNUSABLE,
                    error: anyhow::anyhow!(
                        "{}: the notice's year is not known (no document number or date), \
                         so its reporting dates cannot be placed",
                        d.source.file.as_deref().unwrap_or("<stdin>")
                    ),
                });
            };
            let ledgers = fengong::ledger::ledgers(d, None, unit, rules);
            let source = d.notice.doc_number.as_deref().unwrap_or("通知");
            text.push_str(&fengong::export::calendar(&ledgers, year, source));
        }
        fengong::output::write(output, text.as_bytes())
            .with_context(|| format!("cannot write {}", output.display()))?;
        return Ok(());
    }
    if to == Format::Xlsx {
        let [d] = datasets else {
            return Err(Failure {
                status: EXIT_IO,
                error: anyhow::anyhow!("--to xlsx writes one notice's workbook: give one file"),
            });
        };
        let ledgers = fengong::ledger::ledgers(d, None, unit, rules);
        fengong::export::workbook(d, &ledgers, output)
            .with_context(|| format!("cannot write the workbook {}", output.display()))?;
        return Ok(());
    }
    let tables = fengong::export::tables(datasets);
    if to == Format::Csv {
        for t in &tables {
            refuse_input(&fengong::export::csv_path(output, t), files)?;
        }
    }
    match to {
        Format::Csv => fengong::export::write_csv(&tables, output, excel)
            .with_context(|| format!("cannot write CSV tables to {}", output.display()))?,
        Format::Sqlite => fengong::export::write_sqlite(&tables, output, keep_versions)
            .with_context(|| format!("cannot write the database {}", output.display()))?,
        Format::Ics | Format::Xlsx => {} // written above
    }
    Ok(())
}
