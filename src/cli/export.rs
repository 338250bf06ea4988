//! `fengong export`: notices as relational tables (a folder of CSV files or an SQLite
//! database), an Excel workbook, or a calendar of the reports each unit owes and its tasks'
//! deadlines.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;

use super::extract::notice_files;
use super::say;
use super::{read_all, refuse_input};
use crate::{EXIT_IO, EXIT_UNUSABLE, Failure};

/// What `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A folder of CSV files, one a table.
    Csv,
    /// An SQLite database file.
    Sqlite,
    /// A calendar (RFC 5545 `.ics`) of the reports each unit owes in the notice's year and
    /// its tasks' deadlines, each with a reminder.
    Ics,
    /// An Excel workbook (`.xlsx`): an overview, all tasks, a ledger sheet for each unit,
    /// targets, diagnostics; set up to print.
    Xlsx,
}

/// `--remind`: how long before an event's day its reminder shows; `0` for none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Remind(pub Option<Duration>);

impl std::str::FromStr for Remind {
    type Err = String;

    /// `3d` (days), `12h` (hours), `30m` (minutes), `1w` (weeks), `0` (no reminder).
    fn from_str(s: &str) -> Result<Remind, String> {
        let s = s.trim();
        if s == "0" {
            return Ok(Remind(None));
        }
        let bad = || {
            format!(
                "`{s}` is not a time before the event: a number and d (days), h (hours), m \
                 (minutes) or w (weeks), such as 3d or 12h; 0 for no reminder"
            )
        };
        let split = s.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let (n, suffix) = s.split_at(split);
        let n: u64 = n.parse().map_err(|_| bad())?;
        let seconds = match suffix {
            "w" => 7 * 86_400,
            "d" => 86_400,
            "h" => 3_600,
            "m" => 60,
            _ => return Err(bad()),
        };
        let total = n.checked_mul(seconds).filter(|&t| t <= 366 * 86_400);
        let total = total.ok_or_else(|| format!("`{s}` is more than a year before the event"))?;
        Ok(Remind((total > 0).then(|| Duration::from_secs(total))))
    }
}

/// The options of `export`.
pub struct Options<'a> {
    /// For `ics` and `xlsx`: only these units.
    pub unit: &'a [String],
    /// For `csv`: a byte-order mark for Excel.
    pub excel: bool,
    /// For `ics`: how long before each event its reminder shows.
    pub remind: Remind,
    /// For `ics` and `xlsx`: the language of what a person reads.
    pub lang: fengong::Lang,
    /// For `sqlite`: keep earlier versions of a notice.
    pub keep_versions: bool,
    /// No diagnostics on stderr.
    pub quiet: bool,
}

/// Export the notices in `files` (folders searched) to `output` as `to`; `unit` narrows a
/// calendar or a workbook's ledgers (a name no notice has is refused); their diagnostics on
/// stderr unless `quiet`.
pub fn run(
    rules: &fengong::Rules,
    files: &[PathBuf],
    to: Format,
    output: &Path,
    o: &Options,
) -> Result<(), Failure> {
    super::excel_needs_csv(o.excel, to == Format::Csv)?;
    let files =
        notice_files(files).with_context(|| say!("无法列出通知文件", "cannot list the notices"))?;
    if to != Format::Csv {
        refuse_input(output, &files)?;
    }
    let (datasets, failed) = read_all(rules, &files, o.quiet);
    if datasets.is_empty() {
        return Err(Failure {
            status: EXIT_UNUSABLE,
            error: anyhow::anyhow!(say!(
                "没有一份通知能读取（{failed} 份失败，见上）；未写出任何文件",
                "no notice could be read ({failed} failed, named above); nothing was written"
            )),
        });
    }
    export(rules, &files, &datasets, to, output, o)?;
    if failed > 0 {
        return Err(Failure {
            status: EXIT_UNUSABLE,
            error: anyhow::anyhow!(say!(
                "{} 份通知中有 {failed} 份无法读取（见上）；其余 {} 份已导出到 {}",
                "{failed} of {} notices could not be read (named above); the other {} were \
                 exported to {}",
                files.len(),
                datasets.len(),
                output.display()
            )),
        });
    }
    Ok(())
}

/// Write `datasets` (read from `files`) to `output` as `to`.
fn export(
    rules: &fengong::Rules,
    files: &[PathBuf],
    datasets: &[fengong::Dataset],
    to: Format,
    output: &Path,
    o: &Options,
) -> Result<(), Failure> {
    if matches!(to, Format::Ics | Format::Xlsx) {
        let unknown: Vec<&str> = o
            .unit
            .iter()
            .filter(|name| {
                datasets.iter().all(|d| {
                    fengong::ledger::ledgers(d, None, std::slice::from_ref(*name), rules).is_empty()
                })
            })
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            let shown: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            return Err(Failure {
                status: EXIT_IO,
                error: anyhow::anyhow!(say!(
                    "{}：通知中没有名为 {} 的单位；未写入 {}（`fengong ledger FILE` 按名称列出各单位；\
                     县政府各部门这样的群组没有自己的台账，由其成员单位各有台账）",
                    "{}: no unit named {} in the notice; nothing written to {} (`fengong \
                     ledger FILE` lists the units by name; a group such as 县政府各部门 has \
                     no ledger of its own, its members do)",
                    shown.join(", "),
                    unknown.join(", "),
                    output.display()
                )),
            });
        }
    }
    if to == Format::Ics {
        let stamp = calendar_stamp();
        let mut text = String::new();
        for d in datasets {
            if d.notice.year.is_none() {
                return Err(Failure {
                    status: EXIT_UNUSABLE,
                    error: anyhow::anyhow!(say!(
                        "{}：不知道通知的年份（没有文号或日期），无法排定报送日期",
                        "{}: the notice's year is not known (no document number or date), \
                         so its reporting dates cannot be placed",
                        d.source.file.as_deref().unwrap_or("<stdin>")
                    )),
                });
            }
            let ledgers = fengong::ledger::ledgers(d, None, o.unit, rules);
            text.push_str(&fengong::export::calendar(
                d, &ledgers, rules, o.lang, o.remind.0, stamp,
            ));
        }
        fengong::output::write(output, text.as_bytes())
            .with_context(|| say!("无法写入 {}", "cannot write {}", output.display()))?;
        return Ok(());
    }
    if to == Format::Xlsx {
        let [d] = datasets else {
            return Err(Failure {
                status: EXIT_IO,
                error: anyhow::anyhow!(say!(
                    "--to xlsx 写一份通知的工作簿：请只给一个文件",
                    "--to xlsx writes one notice's workbook: give one file"
                )),
            });
        };
        let ledgers = fengong::ledger::ledgers(d, None, o.unit, rules);
        fengong::export::workbook(d, &ledgers, rules, o.lang, output).with_context(|| {
            say!(
                "无法写入工作簿 {}",
                "cannot write the workbook {}",
                output.display()
            )
        })?;
        return Ok(());
    }
    let tables = fengong::export::tables(datasets);
    if to == Format::Csv {
        for t in &tables {
            refuse_input(&fengong::export::csv_path(output, t), files)?;
        }
    }
    match to {
        Format::Csv => fengong::export::write_csv(&tables, output, o.excel).with_context(|| {
            say!(
                "无法把 CSV 表写入 {}",
                "cannot write CSV tables to {}",
                output.display()
            )
        })?,
        Format::Sqlite => fengong::export::write_sqlite(&tables, output, o.keep_versions)
            .with_context(|| {
                say!(
                    "无法写入数据库 {}",
                    "cannot write the database {}",
                    output.display()
                )
            })?,
        Format::Ics | Format::Xlsx => {} // written above
    }
    Ok(())
}

/// When a calendar is made, its events' `DTSTAMP`: now, or the time `SOURCE_DATE_EPOCH` (the
/// reproducible-builds convention: seconds since 1970) gives, for output that is the same on
/// every run.
fn calendar_stamp() -> chrono::DateTime<chrono::Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(chrono::Utc::now)
}
