//! `fengong forms`: a return form for every lead unit (or every unit) of a period, a
//! workbook each, into a folder that is never one a person has put other files in.

use std::path::{Path, PathBuf};

use anyhow::Context;
use fengong::Lang;
use fengong::forms::Period;

use super::{lang, read, refuse_input};
use crate::{EXIT_IO, Failure};

/// The options of `forms`.
pub struct Options<'a> {
    /// The notice.
    pub file: &'a Path,
    /// The period.
    pub period: Period,
    /// The folder to write into.
    pub output: &'a Path,
    /// A form for every unit with a task, not only for the lead units.
    pub all_units: bool,
    /// Write into a folder that holds other files (never replacing one).
    pub force: bool,
    /// No diagnostics on stderr.
    pub quiet: bool,
}

/// Write the forms of `o.period` for the notice `o.file` into `o.output`.
///
/// The folder must be new, empty, or hold only the very forms this run writes (byte for
/// byte: a folder of blank forms written again). Anything else in it — a return saved back
/// under its form's name, a form edited, another period's forms, any other file — stops the
/// run before anything is written, unless `--force`; with `--force` the forms are written
/// beside those files, but a file with a form's name that differs from the form is still not
/// replaced (it may be a unit's return): it is named, and the exit status is 2.
pub fn run(rules: &fengong::Rules, o: &Options) -> Result<(), Failure> {
    let lang = lang();
    let d = read(rules, o.file, o.quiet)?;
    let shown = o.file.display();
    let ledgers = fengong::ledger::ledgers(&d, None, &[], rules);
    let forms =
        fengong::forms::forms(&d, &ledgers, o.period, o.all_units, lang).map_err(|e| Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!(match lang {
                fengong::Lang::Zh => format!("{shown}: 错误：{}；未写出任何表单", e.message(lang)),
                fengong::Lang::En => format!("{shown}: error: {e}; no form was written"),
            }),
        })?;
    if forms.is_empty() {
        return Err(Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!(
                "{shown}: no unit leads a task{}; no form was written",
                if o.all_units {
                    " or shares one"
                } else {
                    " (--all-units writes a form for every unit with a task)"
                }
            ),
        });
    }
    let mut planned: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for form in &forms {
        let path = o
            .output
            .join(fengong::forms::form_file_name(form.period, &form.unit));
        refuse_input(&path, &[o.file])?;
        let bytes = fengong::forms::form_bytes(form, lang)
            .with_context(|| format!("cannot make the form of {}", form.unit))?;
        planned.push((path, bytes));
    }
    // What the folder holds already.
    let mut foreign: Vec<PathBuf> = Vec::new();
    if o.output.is_dir() {
        let entries = std::fs::read_dir(o.output)
            .with_context(|| format!("cannot list {}", o.output.display()))?;
        for entry in entries {
            let path = entry
                .with_context(|| format!("cannot list {}", o.output.display()))?
                .path();
            let same = planned
                .iter()
                .find(|(p, _)| p.file_name() == path.file_name())
                .is_some_and(|(_, bytes)| std::fs::read(&path).is_ok_and(|b| &b == bytes));
            if !same {
                foreign.push(path);
            }
        }
    } else if o.output.exists() {
        return Err(Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!(
                "-o {} is a file, not a folder: the forms are a folder of workbooks",
                o.output.display()
            ),
        });
    }
    foreign.sort();
    let list = |paths: &[PathBuf]| {
        let names: Vec<String> = paths
            .iter()
            .take(5)
            .map(|p| {
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        let more = paths.len().saturating_sub(5);
        if more > 0 {
            format!("{} and {more} more", names.join(", "))
        } else {
            names.join(", ")
        }
    };
    if !foreign.is_empty() && !o.force {
        return Err(Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!(
                "{} holds files that are not the forms of {} this writes ({}): nothing was \
                 written. A return saved under its form's name would be lost: write the forms \
                 into a new folder, or give --force to write them beside those files (a file \
                 with a form's name is never replaced)",
                o.output.display(),
                o.period,
                list(&foreign)
            ),
        });
    }
    std::fs::create_dir_all(o.output)
        .with_context(|| format!("cannot create {}", o.output.display()))?;
    let mut kept: Vec<PathBuf> = Vec::new();
    let mut written = 0;
    for (path, bytes) in &planned {
        if path.exists() {
            if foreign.contains(path) {
                kept.push(path.clone());
            }
            // The same form already there: nothing to write.
            continue;
        }
        fengong::output::write(path, bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        written += 1;
    }
    let due = forms.iter().map(|f| f.due).min();
    if !o.quiet {
        let due = due.map(|d| d.to_string()).unwrap_or_default();
        match lang {
            Lang::Zh => eprintln!(
                "{}：{} 份表单（{}，报送截止 {due}），新写入 {written} 份",
                o.output.display(),
                forms.len(),
                o.period.label(lang)
            ),
            Lang::En => eprintln!(
                "{}: {} forms ({}, due {due}), {written} written",
                o.output.display(),
                forms.len(),
                o.period.label(lang)
            ),
        }
    }
    if !kept.is_empty() {
        return Err(Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!(
                "{} form(s) not written: a file of that name is in {} and differs from the \
                 form ({}); it may be a unit's return, so it was kept. Move it away and run \
                 again to write the blank form",
                kept.len(),
                o.output.display(),
                list(&kept)
            ),
        });
    }
    Ok(())
}
