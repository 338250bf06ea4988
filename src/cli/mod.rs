//! The commands of the `fengong` binary, one module each, and the helpers they share:
//! reading a notice (a file or standard input), showing its diagnostics on stderr, the
//! summary line, aligned columns and writing standard output.

pub mod args;
pub mod collect;
pub mod diff;
pub mod export;
pub mod extract;
pub mod forms;
pub mod ledger;
pub mod rules;
pub mod schema;
pub mod status;
pub mod targets;
pub mod text;

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::{EXIT_IO, EXIT_UNUSABLE, Failure};

/// A message in this run's language ([`lang`]): `say!("无法读取 {}", "cannot read {}", path)`,
/// the Chinese and the English format strings, then their arguments.
macro_rules! say {
    ($zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        match $crate::cli::lang() {
            fengong::Lang::Zh => format!($zh $(, $arg)*),
            fengong::Lang::En => format!($en $(, $arg)*),
        }
    };
}
pub(crate) use say;

/// The language of what this run prints for a person (`--lang`), set once by `main`.
static LANG: std::sync::OnceLock<fengong::Lang> = std::sync::OnceLock::new();

/// Set the language of this run's messages (once, before any command runs).
pub fn set_lang(lang: fengong::Lang) {
    let _ = LANG.set(lang);
}

/// The language of this run's messages.
pub fn lang() -> fengong::Lang {
    LANG.get().copied().unwrap_or_default()
}

/// `73 项任务，6 个部分，40 个单位，2 条警告，5 条提示`; in English `73 tasks, 6 sections, 40
/// units, 2 warnings, 5 info`.
pub fn summary_line(
    tasks: usize,
    sections: usize,
    units: usize,
    diagnostics: &[fengong::Diagnostic],
) -> String {
    let warnings = diagnostics
        .iter()
        .filter(|x| x.code.severity() == fengong::Severity::Warning)
        .count();
    let info = diagnostics.len() - warnings;
    match lang() {
        fengong::Lang::Zh => format!(
            "{tasks} 项任务，{sections} 个部分，{units} 个单位，{warnings} 条警告，{info} 条提示"
        ),
        fengong::Lang::En => format!(
            "{tasks} tasks, {sections} sections, {units} units, {warnings} warnings, {info} info"
        ),
    }
}

/// How many diagnostics of one code stderr shows; the dataset keeps them all.
pub(crate) const SHOWN_PER_CODE: usize = 20;

/// Print `diagnostics` on stderr as `FILE:LINE: severity[CODE]: message`, at most
/// [`SHOWN_PER_CODE`] of each code, then one line saying how many more there are.
pub fn print_diagnostics(shown: &str, diagnostics: &[fengong::Diagnostic]) -> io::Result<()> {
    let mut err = io::BufWriter::new(io::stderr().lock());
    let mut counts: std::collections::BTreeMap<fengong::Code, usize> = Default::default();
    for d in diagnostics {
        let count = counts.entry(d.code).or_default();
        *count += 1;
        if *count <= SHOWN_PER_CODE {
            writeln!(err, "{shown}:{}", d.shown(lang()))?;
        }
    }
    for (code, count) in counts {
        if count > SHOWN_PER_CODE {
            let more = count - SHOWN_PER_CODE;
            match lang() {
                fengong::Lang::Zh => writeln!(
                    err,
                    "{shown}: ……另有 {more} 条 {code}（全部 {count} 条见数据集的 diagnostics）"
                )?,
                fengong::Lang::En => writeln!(
                    err,
                    "{shown}: … and {more} more {code} (all {count} are in the dataset's diagnostics)"
                )?,
            }
        }
    }
    err.flush()
}

/// The bytes of `file` (`-`: standard input), and the name messages show for it.
pub fn input(file: &Path) -> Result<(String, Vec<u8>), Failure> {
    let stdin = file.as_os_str() == "-";
    let shown = if stdin {
        "<stdin>".to_owned()
    } else {
        file.display().to_string()
    };
    let bytes = if stdin {
        let mut buf = Vec::new();
        io::stdin()
            .read_to_end(&mut buf)
            .with_context(|| say!("无法读取标准输入", "cannot read standard input"))?;
        buf
    } else {
        std::fs::read(file).with_context(|| say!("无法读取 {shown}", "cannot read {shown}"))?
    };
    Ok((shown, bytes))
}

/// `error: ` and what went wrong, in this run's language (`错误：…`).
pub fn error_words(e: &fengong::Error) -> String {
    say!("错误：{}", "error: {}", e.message(lang()))
}

/// The failure of an input that cannot be read: `FILE:LINE: error: …` (`错误：…`).
pub fn unusable(shown: &str, e: &fengong::Error) -> Failure {
    Failure {
        status: EXIT_UNUSABLE,
        error: match e.line() {
            Some(line) => anyhow::anyhow!("{shown}:{line}: {}", error_words(e)),
            None => anyhow::anyhow!("{shown}: {}", error_words(e)),
        },
    }
}

/// Read the notice in `file` (`-`: standard input), printing its diagnostics on stderr
/// unless `quiet`.
pub fn read(rules: &fengong::Rules, file: &Path, quiet: bool) -> Result<fengong::Dataset, Failure> {
    let (shown, dataset) = read_silently(rules, file)?;
    if !quiet {
        // A closed stderr is no reason to fail the run.
        let _ = print_diagnostics(&shown, &dataset.diagnostics);
    }
    Ok(dataset)
}

/// The notice in `file` read, and the name messages show for it; nothing printed.
pub fn read_silently(
    rules: &fengong::Rules,
    file: &Path,
) -> Result<(String, fengong::Dataset), Failure> {
    let stdin = file.as_os_str() == "-";
    let (shown, bytes) = input(file)?;
    let name = (!stdin).then(|| {
        file.file_name()
            .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned())
    });
    let dataset =
        fengong::extract_with(rules, name.as_deref(), &bytes).map_err(|e| unusable(&shown, &e))?;
    Ok((shown, dataset))
}

/// The notices in `files`, read in parallel; their diagnostics printed in file order unless
/// `quiet`, and each file that cannot be read said on stderr (`FILE:LINE: error: …`), which
/// stops none of the others. Returns the datasets read and how many files failed.
pub fn read_all(
    rules: &fengong::Rules,
    files: &[PathBuf],
    quiet: bool,
) -> (Vec<fengong::Dataset>, usize) {
    use rayon::prelude::*;
    let read: Vec<Result<(String, fengong::Dataset), Failure>> =
        files.par_iter().map(|f| read_silently(rules, f)).collect();
    let mut datasets = Vec::with_capacity(read.len());
    let mut failed = 0;
    for result in read {
        match result {
            Ok((shown, dataset)) => {
                if !quiet {
                    let _ = print_diagnostics(&shown, &dataset.diagnostics);
                }
                datasets.push(dataset);
            }
            Err(f) => {
                failed += 1;
                eprintln!("fengong: {:#}", f.error);
            }
        }
    }
    (datasets, failed)
}

/// `rows` under `header` in columns as wide as their widest cell (Chinese characters two
/// columns wide), two spaces apart.
pub fn aligned(header: &[&str], rows: &[Vec<String>]) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', w - cell.width()));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Where and how a command writes what a person reads: `-o FILE` (standard output when
/// `None`) and `--lang`.
#[derive(Clone, Copy, Debug)]
pub struct Out<'a> {
    /// `-o FILE`.
    pub path: Option<&'a Path>,
    /// `--lang`.
    pub lang: fengong::Lang,
    /// `--excel`: CSV begun with a UTF-8 byte-order mark, for Excel on Chinese Windows.
    pub excel: bool,
}

/// `--excel` given for an output that is not CSV: a usage error.
pub fn excel_needs_csv(excel: bool, csv: bool) -> Result<(), Failure> {
    if excel && !csv {
        return Err(Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!(say!(
                "--excel 是为 Excel 标记 CSV 的，只能与 CSV 输出同用（--format csv、--to csv）",
                "--excel marks CSV for Excel; give it with CSV output (--format csv, --to csv)"
            )),
        });
    }
    Ok(())
}

/// Refuse `output` when it is one of `inputs` (by another path or a link too): nothing
/// fengong writes goes over what it reads.
pub fn refuse_input<P: AsRef<Path>>(output: &Path, inputs: &[P]) -> Result<(), Failure> {
    match inputs
        .iter()
        .map(AsRef::as_ref)
        .find(|&i| i.as_os_str() != "-" && fengong::output::same_file(i, output))
    {
        Some(input) => Err(Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!(say!(
                "-o {} 就是输入文件 {} 本身；请把输出写到别处",
                "-o {} is the input {} itself; write the output elsewhere",
                output.display(),
                input.display()
            )),
        }),
        None => Ok(()),
    }
}

/// Write `text` and a final newline to `output` (whole, through a temporary file renamed
/// into place), or to standard output when `None`.
pub fn write_out(output: Option<&Path>, text: &str) -> Result<(), Failure> {
    match output {
        Some(path) => {
            let mut bytes = Vec::with_capacity(text.len() + 1);
            bytes.extend_from_slice(text.as_bytes());
            bytes.push(b'\n');
            fengong::output::write(path, &bytes)
                .with_context(|| say!("无法写入 {}", "cannot write {}", path.display()))?;
        }
        None => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.write_all(b"\n"))
                .and_then(|()| out.flush())
                .with_context(|| say!("无法写入标准输出", "cannot write standard output"))?;
        }
    }
    Ok(())
}
