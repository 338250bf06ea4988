//! `fengong collect`: the returned forms of a period, read from a folder, checked, summed up
//! in a workbook and written into the SQLite database.

use std::path::Path;

use anyhow::Context;
use fengong::Lang;
use fengong::forms::{Period, ReturnFile, State};

use super::{lang, read, refuse_input};
use crate::{EXIT_IO, Failure};

/// The options of `collect`.
pub struct Options<'a> {
    /// The notice.
    pub file: &'a Path,
    /// The folder of returns.
    pub dir: &'a Path,
    /// The period.
    pub period: Period,
    /// Expect a return from every unit with a task.
    pub all_units: bool,
    /// The summary workbook to write.
    pub output: Option<&'a Path>,
    /// The database to write into.
    pub db: Option<&'a Path>,
    /// No diagnostics of the notice on stderr.
    pub quiet: bool,
}

/// China Standard Time, the zone of the notices' offices: a return's day is its day there.
fn china() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8 is an offset")
}

/// Whether a file in the folder is no return at all: a spreadsheet program's lock file
/// (`~$…`, `.~lock.…#`) or another hidden file.
fn is_lock_or_hidden(name: &str) -> bool {
    name.starts_with("~$") || name.starts_with('.')
}

/// The files of the folder `dir` a return may be: every file but lock and hidden files,
/// sorted by name; subfolders are not read.
fn returns_in(dir: &Path) -> Result<Vec<ReturnFile>, Failure> {
    let entries = std::fs::read_dir(dir).map_err(|e| Failure {
        status: EXIT_IO,
        error: anyhow::anyhow!("cannot read the folder of returns {}: {e}", dir.display()),
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if is_lock_or_hidden(&name) || !path.is_file() {
            continue;
        }
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let received = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .map(|t| chrono::DateTime::<chrono::Utc>::from(t).with_timezone(&china()));
        files.push(ReturnFile {
            name,
            received,
            bytes,
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// Read, check and write out the returns of `o.period` in `o.dir`.
pub fn run(rules: &fengong::Rules, o: &Options) -> Result<(), Failure> {
    let lang = lang();
    if !o.dir.is_dir() {
        return Err(Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!("{} is not a folder of returns", o.dir.display()),
        });
    }
    for out in [o.output, o.db].into_iter().flatten() {
        refuse_input(out, &[o.file])?;
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if fengong::output::same_file(parent, o.dir) {
            return Err(Failure {
                status: EXIT_IO,
                error: anyhow::anyhow!(
                    "{} is in the folder of returns {}: write it elsewhere, so that it is not \
                     read as a return next time",
                    out.display(),
                    o.dir.display()
                ),
            });
        }
    }
    let d = read(rules, o.file, o.quiet)?;
    let shown = o.file.display();
    let ledgers = fengong::ledger::ledgers(&d, None, &[], rules);
    let forms = fengong::forms::forms(&d, &ledgers, o.period, true, lang).map_err(|e| Failure {
        status: EXIT_IO,
        error: anyhow::anyhow!(match lang {
            fengong::Lang::Zh => format!("{shown}: 错误：{}", e.message(lang)),
            fengong::Lang::En => format!("{shown}: error: {e}"),
        }),
    })?;
    let files = returns_in(o.dir)?;
    let c = fengong::forms::collect(&d, &forms, o.all_units, &files, rules);
    let dir = o.dir.display().to_string();
    {
        use std::io::Write;
        let mut err = std::io::stderr().lock();
        // At most SHOWN_PER_CODE of each code, as for a notice's diagnostics; the summary's
        // 诊断 sheet has them all.
        let mut counts: std::collections::BTreeMap<fengong::forms::Code, usize> =
            Default::default();
        for x in &c.diagnostics {
            let count = counts.entry(x.code).or_default();
            *count += 1;
            if *count <= super::SHOWN_PER_CODE {
                let mut x = x.clone();
                x.file = Path::new(&dir).join(&x.file).display().to_string();
                let _ = writeln!(err, "{}", x.shown(lang));
            }
        }
        for (code, count) in counts {
            if count > super::SHOWN_PER_CODE {
                let more = count - super::SHOWN_PER_CODE;
                let _ = match lang {
                    Lang::Zh => writeln!(
                        err,
                        "{dir}: ……另有 {more} 条 {code}（全部 {count} 条见汇总表的“诊断”）"
                    ),
                    Lang::En => writeln!(
                        err,
                        "{dir}: … and {more} more {code} (all {count} are in the summary's Diagnostics)"
                    ),
                };
            }
        }
        let count = |s: State| {
            c.returns
                .iter()
                .filter(|r| r.expected && r.state == s)
                .count()
        };
        let expected = c.returns.iter().filter(|r| r.expected).count();
        let (received, late, missing) = (
            count(State::Received),
            count(State::Late),
            count(State::Missing),
        );
        let label = o.period.label(lang);
        let n = c.diagnostics.len();
        let _ = match lang {
            Lang::Zh => writeln!(
                err,
                "{dir}：{label}应报送 {expected} 个单位，已报送 {received} 个，逾期报送 {late} 个，未报送 {missing} 个；{} 行进展，{n} 条警告",
                c.progress.len()
            ),
            Lang::En => writeln!(
                err,
                "{dir}: {label}: {expected} units to report, {received} received, {late} late, {missing} missing; {} rows of progress, {n} warnings",
                c.progress.len()
            ),
        };
    }
    if let Some(path) = o.output {
        fengong::forms::write_summary(&d, &forms, o.period, &c, lang, path)
            .with_context(|| format!("cannot write the summary {}", path.display()))?;
    }
    if let Some(db) = o.db {
        let tables = fengong::export::tables(std::slice::from_ref(&d));
        let returns = fengong::export::returns_tables(Some(&d), Some(o.period), Some(&c));
        fengong::export::write_returns(&tables, &returns, db)
            .with_context(|| format!("cannot write the database {}", db.display()))?;
    }
    Ok(())
}
