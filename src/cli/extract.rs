//! `fengong extract`: read a notice and print its dataset as JSON (to standard output or
//! `-o FILE`), its diagnostics on stderr; or read several notices in parallel, each dataset
//! written into the folder `-o DIR`, a line per notice on stderr.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use fengong::WriteError;
use fengong::output::same_file;

use super::say;
use super::{input, print_diagnostics, summary_line, unusable};
use crate::{EXIT_IO, EXIT_UNUSABLE, Failure};

/// Extract `files`: one file as given, several (or a folder) into the folder `output`.
pub fn run(
    rules: &fengong::Rules,
    files: &[PathBuf],
    output: Option<&Path>,
    compact: bool,
    quiet: bool,
) -> Result<(), Failure> {
    match files {
        [file] if !file.is_dir() => extract_one(rules, file, output, compact, quiet),
        _ => extract_many(rules, files, output, compact),
    }
}

/// One notice: its dataset to `output` (standard output when `None`), its diagnostics on
/// stderr unless `quiet`, and a summary line when stderr is a terminal.
fn extract_one(
    rules: &fengong::Rules,
    file: &Path,
    output: Option<&Path>,
    compact: bool,
    quiet: bool,
) -> Result<(), Failure> {
    if let Some(p) = output {
        if file.as_os_str() != "-" && same_file(file, p) {
            return Err(Failure {
                status: EXIT_IO,
                error: anyhow::anyhow!(say!(
                    "-o {} 就是输入文件本身；请把数据集写到别处",
                    "-o {} is the input itself; write the dataset elsewhere",
                    p.display()
                )),
            });
        }
    }
    let stdin = file.as_os_str() == "-";
    let (shown, bytes) = input(file)?;
    let name = (!stdin).then(|| {
        file.file_name()
            .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned())
    });
    // Written task by task into a temporary file beside the output, renamed into place once
    // complete: an unusable input, an error or an interrupted run leaves the file that was
    // there as it was.
    let written = match output {
        Some(p) => fengong::output::AtomicFile::create(p)
            .map_err(WriteError::Output)
            .and_then(|mut out| {
                let written =
                    fengong::write_json(rules, name.as_deref(), &bytes, &mut out, !compact)?;
                out.commit().map_err(WriteError::Output)?;
                Ok(written)
            }),
        None => {
            let out = io::BufWriter::new(io::stdout().lock());
            fengong::write_json(rules, name.as_deref(), &bytes, out, !compact)
        }
    };
    let written = written.map_err(|e| match e {
        WriteError::Input(e) => unusable(&shown, &e),
        WriteError::Output(e) => Failure {
            status: EXIT_IO,
            // The io::Error kept in the chain: a closed pipe (`| head`) ends quietly.
            error: anyhow::Error::new(e).context(match output {
                Some(p) => say!("无法写入 {}", "cannot write {}", p.display()),
                None => say!("无法写入标准输出", "cannot write standard output"),
            }),
        },
    })?;
    if !quiet {
        // A closed stderr is no reason to fail the run.
        let _ = print_diagnostics(&shown, &written.diagnostics);
        if io::stderr().is_terminal() {
            eprintln!(
                "{}",
                summary_line(
                    written.tasks,
                    written.sections,
                    written.units,
                    &written.diagnostics
                )
            );
        }
    }
    Ok(())
}

/// The notices among `paths`: files as given, folders searched (recursively) for notice
/// files, sorted within each folder. Each other file in a folder is said on stderr as
/// skipped, with why and what to do (hidden files aside: `.DS_Store`, a `.NAME.tmp`).
pub fn notice_files(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    const EXTENSIONS: [&str; 7] = ["md", "markdown", "txt", "docx", "xlsx", "html", "htm"];
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        let mut stack = vec![path.clone()];
        let mut found = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir)? {
                let p = entry?.path();
                let extension = p
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase);
                if p.is_dir() {
                    stack.push(p);
                } else if extension
                    .as_deref()
                    .is_some_and(|e| EXTENSIONS.contains(&e))
                {
                    found.push(p);
                } else if !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                {
                    skipped.push((p, extension));
                }
            }
        }
        found.sort();
        out.extend(found);
    }
    skipped.sort();
    let mut err = io::stderr().lock();
    for (path, extension) in &skipped {
        let _ = writeln!(
            err,
            "skipped {}: {}",
            path.display(),
            why_skipped(extension.as_deref())
        );
    }
    Ok(out)
}

/// Why a file in a folder of notices is not read, and what to do.
fn why_skipped(extension: Option<&str>) -> &'static str {
    match extension {
        Some("pdf") => {
            "a PDF, which fengong does not read; convert it to markdown first (pymupdf4llm; the \
             README's \"From PDF or Word\"), or read the notice's Word file"
        }
        Some("doc" | "wps" | "xls" | "et" | "rtf" | "odt") => {
            "a word-processor file fengong does not read; save it as .docx \
             (`soffice --headless --convert-to docx FILE`)"
        }
        Some("png" | "jpg" | "jpeg" | "gif" | "bmp" | "tif" | "tiff" | "webp") => {
            "a picture; fengong reads a notice's text, not a scan of it"
        }
        Some("json") => "a JSON file, not a notice (a dataset is read back by `diff`)",
        _ => "not a notice file (read: .md, .markdown, .txt, .docx, .xlsx, .html, .htm)",
    }
}

/// The output file name of each of `files`: `NAME.json`; where several share a name
/// (`a.docx`, `a.md`), each `NAME.EXT.json`, and where those are shared too (`x/a.md`,
/// `y/a.md`), a number after the second on: `a.md-2.json`. No dataset overwrites another.
fn output_names(files: &[PathBuf]) -> Vec<String> {
    use std::collections::HashMap;
    let stem = |f: &PathBuf| {
        f.file_stem()
            .map_or_else(|| "notice".to_owned(), |s| s.to_string_lossy().into_owned())
    };
    let full = |f: &PathBuf| {
        f.file_name()
            .map_or_else(|| "notice".to_owned(), |s| s.to_string_lossy().into_owned())
    };
    let mut stems: HashMap<String, usize> = HashMap::new();
    for f in files {
        *stems.entry(stem(f)).or_default() += 1;
    }
    let mut taken = std::collections::HashSet::new();
    files
        .iter()
        .map(|f| {
            let base = if stems[&stem(f)] > 1 {
                full(f)
            } else {
                stem(f)
            };
            let mut name = format!("{base}.json");
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{base}-{n}.json");
            }
            name
        })
        .collect()
}

/// Several notices, read in parallel, each dataset written to `output` (a folder) as
/// `NAME.json` (see [`output_names`]); a line per notice on stderr, a progress bar when
/// stderr is a terminal.
fn extract_many(
    rules: &fengong::Rules,
    paths: &[PathBuf],
    output: Option<&Path>,
    compact: bool,
) -> Result<(), Failure> {
    use rayon::prelude::*;
    let Some(dir) = output else {
        return Err(Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!(say!(
                "多份通知需要一个输出文件夹：-o DIR",
                "several notices need an output folder: -o DIR"
            )),
        });
    };
    let files =
        notice_files(paths).with_context(|| say!("无法列出通知文件", "cannot list the notices"))?;
    std::fs::create_dir_all(dir)
        .with_context(|| say!("无法创建 {}", "cannot create {}", dir.display()))?;
    let bar = if io::stderr().is_terminal() {
        indicatif::ProgressBar::new(files.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let targets = output_names(&files);
    let results: Vec<(String, Result<String, String>)> = files
        .par_iter()
        .zip(&targets)
        .map(|(file, target)| {
            let shown = file.display().to_string();
            let result = (|| -> Result<String, String> {
                let bytes = std::fs::read(file).map_err(|e| format!("cannot read it: {e}"))?;
                let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
                let target = dir.join(target);
                if same_file(file, &target) {
                    return Err(format!(
                        "its dataset would be written over it ({}); move it out of {}",
                        target.display(),
                        dir.display()
                    ));
                }
                let cannot_write = |e: io::Error| format!("cannot write {}: {e}", target.display());
                let mut out = fengong::output::AtomicFile::create(&target).map_err(cannot_write)?;
                let w = fengong::write_json(rules, name.as_deref(), &bytes, &mut out, !compact)
                    .map_err(|e| match e {
                        WriteError::Input(e) => format!("error: {e}"),
                        WriteError::Output(e) => cannot_write(e),
                    })?;
                out.commit().map_err(cannot_write)?;
                let line = summary_line(w.tasks, w.sections, w.units, &w.diagnostics);
                Ok(format!("{line} → {}", target.display()))
            })();
            bar.inc(1);
            (shown, result)
        })
        .collect();
    bar.finish_and_clear();
    let mut err = io::BufWriter::new(io::stderr().lock());
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    for (file, result) in &results {
        let _ = match result {
            Ok(line) => writeln!(err, "{file}: {line}"),
            Err(e) => writeln!(err, "{file}: {e}"),
        };
    }
    let read = results.len() - failed;
    let _ = match super::lang() {
        fengong::Lang::Zh => writeln!(err, "读取通知 {read} 份，失败 {failed} 份"),
        fengong::Lang::En => writeln!(err, "{read} notices read, {failed} failed"),
    };
    drop(err);
    if failed > 0 {
        return Err(Failure {
            status: EXIT_UNUSABLE,
            error: anyhow::anyhow!(say!(
                "{} 份通知中有 {failed} 份无法读取",
                "{failed} of {} notices could not be read",
                results.len()
            )),
        });
    }
    Ok(())
}
