//! The `fengong` command: arguments → library → diagnostics on stderr → exit code.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

/// Exit status when the input cannot be read as a notice (empty, binary, no task table).
const EXIT_UNUSABLE: u8 = 1;
/// Exit status for usage and I/O errors (clap uses 2 for usage errors too).
const EXIT_IO: u8 = 2;

#[derive(Parser)]
#[command(
    name = "fengong",
    version,
    about = "Read a county government's task-division notice (分工方案) into a JSON dataset",
    long_about = "Read a county government's task-division notice (重点工作任务分工方案) — a \
                  Word file, a web page, or markdown from any converter; a table or a numbered \
                  list — into a typed JSON dataset: every task with its section, lead units \
                  (牵头单位) and responsible units (责任单位), its targets, the notice's metadata, \
                  and a diagnostic for everything the reader had to infer. Then: each unit's \
                  ledger, exports for Excel and databases, a reporting calendar, next year's \
                  notice against this year's.",
    after_help = "Exit status: 0 on success (diagnostics allowed), 1 when the input is not a \
                  usable notice (for `diff`: when something changed), 2 on usage or I/O errors."
)]
struct Cli {
    /// Read the notice by the rule files in DIR (header synonyms, unit aliases, target
    /// words…; see `fengong rules --help`) instead of the built-in ones. A file DIR lacks
    /// keeps its built-in rules.
    #[arg(long, value_name = "DIR", global = true)]
    rules: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read a notice and print its dataset as JSON.
    ///
    /// Diagnostics go to stderr as `FILE:LINE: warning[CODE]: message`; they are in the
    /// dataset's `diagnostics` too.
    ///
    /// Given several files or a folder (read recursively: .md, .markdown, .txt, .docx, .xlsx,
    /// .html, .htm), every notice is read in parallel and its dataset written to the folder `-o DIR`
    /// as `NAME.json` (`NAME.EXT.json` where two share a name), with a line per file on stderr and a progress bar when stderr is a
    /// terminal; a file that fails does not stop the others, and the exit status is 1 if any
    /// failed.
    Extract {
        /// The notice: a markdown, Word (.docx) or web page (.html) file, or `-` for standard
        /// input; or several files, or folders of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the JSON to PATH instead of standard output (a folder, for several notices).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Print compact JSON on one line instead of pretty JSON.
        #[arg(long)]
        compact: bool,
        /// Do not print diagnostics on stderr.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Print the targets of every task: a table for people, or CSV.
    ///
    /// One row a target (see `tasks[].targets` in the README): task number, kind (target,
    /// figure, qualitative), indicator, change, bound, value (`5–6` for a range) and unit as
    /// written. CSV adds the base value and unit (万 and 亿 multiplied out), the range's ends
    /// and the clause the target was read from.
    Targets {
        /// The notice: a markdown or Word (.docx) file, or `-` for standard input.
        file: PathBuf,
        /// `table` (aligned columns) or `csv`.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// CSV for Excel: start with a UTF-8 byte-order mark.
        #[arg(long)]
        excel: bool,
        /// Do not print diagnostics on stderr.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Print each unit's ledger (台账): the tasks it leads and shares, its own and through the
    /// groups it belongs to (县政府各部门, 各乡镇人民政府), and the reports it owes.
    ///
    /// Group members come from the notice (each department it names belongs to its
    /// departments group, each township to its townships group: `unit_groups.tsv`), or from
    /// a roster: a TSV file a line a unit, `NAME<TAB>KIND<TAB>GROUPS<TAB>ALIASES` (groups and
    /// aliases separated by 、), which lists units the notice does not name too.
    Ledger {
        /// The notice: a markdown, .docx or .html file, or `-` for standard input.
        file: PathBuf,
        /// Only this unit (full name or short form; more than once for several).
        #[arg(long, value_name = "NAME")]
        unit: Vec<String>,
        /// The county's own list of units and their groups.
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
        /// `table`, `json` or `csv`.
        #[arg(long, value_enum, default_value_t = LedgerFormat::Table)]
        format: LedgerFormat,
        /// Do not print diagnostics on stderr.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Export notices: relational tables (a folder of CSV files, or an SQLite database), an
    /// Excel workbook, or a reporting calendar.
    ///
    /// Tables: notices, sections, tasks, units, task_units, unit_groups, targets,
    /// diagnostics; every row keyed by its notice (`notice_key`, the input's SHA-256), the
    /// same columns every year. An SQLite file that exists keeps its other notices: export
    /// each year's notice into the same database.
    Export {
        /// The notices (markdown, .docx or .html files, or folders of them).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// For `ics`: only this unit's reports (more than once for several).
        #[arg(long, value_name = "NAME")]
        unit: Vec<String>,
        /// `csv` (a folder of tables) or `sqlite` (a database file).
        #[arg(long, value_enum)]
        to: ExportFormat,
        /// The folder (csv) or database file (sqlite) to write.
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
        /// CSV for Excel: each file starts with a UTF-8 byte-order mark.
        #[arg(long)]
        excel: bool,
        /// Do not print diagnostics on stderr.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Compare next year's notice with this year's: matched tasks and what changed in each
    /// (number, text, targets, lead and responsible units, section, sub-category), tasks
    /// added and removed, notice fields changed.
    ///
    /// Tasks are matched by their text, not their number, keeping document order. OLD and NEW
    /// are notices or dataset JSON files written by `extract`. Exit status as `diff`: 0 when
    /// nothing changed, 1 when something did, 2 on error.
    Diff {
        /// This year's notice (or its dataset JSON).
        old: PathBuf,
        /// Next year's notice (or its dataset JSON).
        new: PathBuf,
        /// `table` for a person, `json` (see `fengong schema diff`), `markdown` for a memo,
        /// `html` for a page to look at.
        #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
        format: DiffFormat,
    },
    /// Print the text every line and span of the dataset refers to.
    ///
    /// For a markdown file that is the file decoded to UTF-8 with `\n` line endings. A Word
    /// document (.docx) is read directly: its paragraphs become markdown paragraphs and its
    /// tables HTML tables with the merges Word records (`colspan`, `rowspan`); this prints
    /// that text, so that `FILE:LINE` in a diagnostic can be looked up.
    Text {
        /// The notice: a markdown or .docx file, or `-` for standard input.
        file: PathBuf,
    },
    /// Print the JSON Schema (draft 2020-12) of the dataset `extract` prints, or of the diff
    /// `diff --format json` prints.
    Schema {
        /// `dataset` or `diff`.
        #[arg(value_enum, default_value_t = SchemaOf::Dataset)]
        of: SchemaOf,
    },
    /// Write the built-in rule files to a folder, to edit and use with `--rules`.
    ///
    /// The files: headers.tsv (header synonyms: which column a header names, and the labels
    /// of list notices), unit_aliases.tsv (variant spellings of unit names), unit_names.tsv
    /// (standard short forms of full names), unit_levels.txt (the levels a name begins with:
    /// 县, 各…), unit_suffixes.txt (how unit names end), unit_kinds.tsv (a unit's kind from its
    /// name), unit_groups.tsv (groups such as 县政府各部门 and their members), role_words.tsv
    /// (牵头, 配合…: the words that give units their role, and 第一位 of 列第一位的为牵头单位),
    /// target_units.tsv, target_words.tsv and contractions.tsv (how targets are read),
    /// deadline_words.txt (how deadlines are read), report_words.tsv (汇报, 报送…: how the
    /// reporting schedule is read). Each file explains its format in its header
    /// comment. Next year's new header wording is one line in headers.tsv, read with
    /// `fengong --rules DIR extract …`, no rebuild.
    Rules {
        /// The folder to write the files into (created if need be; files in it are replaced).
        #[arg(long, value_name = "DIR")]
        dump: PathBuf,
    },
}

/// Which JSON Schema `schema` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum SchemaOf {
    /// The dataset `extract` prints.
    Dataset,
    /// The diff `diff --format json` prints.
    Diff,
}

/// How `diff` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    /// Aligned lines for a person.
    Table,
    /// The diff as JSON.
    Json,
    /// A report to paste into a memo.
    Markdown,
    /// One self-contained page: the two notices' tasks side by side, changes highlighted,
    /// a filter by unit.
    Html,
}

/// What `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
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

/// How `ledger` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum LedgerFormat {
    /// A block a unit, aligned columns.
    Table,
    /// A list of `{"unit", "id", "tasks": [{"seq", "role", "via", …}], "reporting"}`.
    Json,
    /// A row a task of a unit, with a header row.
    Csv,
}

/// How `targets` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Aligned columns.
    Table,
    /// Comma-separated values with a header row.
    Csv,
}

/// A failure and the exit status it calls for.
struct Failure {
    status: u8,
    error: anyhow::Error,
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure {
            status: EXIT_IO,
            error: e.into(),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) if is_broken_pipe(&f.error) => ExitCode::SUCCESS,
        Err(f) => {
            // A failure with nothing to say is an exit status only (`diff`: changes found).
            let message = format!("{:#}", f.error);
            if !message.is_empty() {
                eprintln!("fengong: {message}");
            }
            ExitCode::from(f.status)
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let loaded = match (&cli.rules, &cli.command) {
        // Writing the defaults out reads no rules.
        (_, Command::Rules { .. }) | (None, _) => None,
        (Some(dir), _) => Some(fengong::Rules::from_dir(dir).context("cannot use the rules")?),
    };
    let rules = loaded.as_ref().unwrap_or_else(|| fengong::Rules::builtin());
    match cli.command {
        Command::Extract {
            ref files,
            ref output,
            compact,
            quiet,
        } => match files.as_slice() {
            [file] if !file.is_dir() => extract(rules, file, output.as_deref(), compact, quiet),
            _ => extract_many(rules, files, output.as_deref(), compact),
        },
        Command::Targets {
            ref file,
            format,
            excel,
            quiet,
        } => {
            let dataset = read(rules, file, quiet)?;
            let text = match format {
                Format::Table => targets_table(&dataset),
                Format::Csv if excel => format!("\u{FEFF}{}", targets_csv(&dataset)?),
                Format::Csv => targets_csv(&dataset)?,
            };
            write_out(text.trim_end()).context("cannot write standard output")?;
            Ok(())
        }
        Command::Ledger {
            ref file,
            ref unit,
            ref roster,
            format,
            quiet,
        } => {
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
            write_out(ledger_text(&ledgers, format)?.trim_end())
                .context("cannot write standard output")?;
            Ok(())
        }
        Command::Export {
            ref files,
            ref unit,
            to,
            ref output,
            excel,
            quiet,
        } => {
            let files = notice_files(files).context("cannot list the notices")?;
            let datasets = read_all(rules, &files, quiet)?;
            if to == ExportFormat::Ics {
                let mut text = String::new();
                for d in &datasets {
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
                std::fs::write(output, text)
                    .with_context(|| format!("cannot write {}", output.display()))?;
                return Ok(());
            }
            if to == ExportFormat::Xlsx {
                let [d] = datasets.as_slice() else {
                    return Err(Failure {
                        status: EXIT_IO,
                        error: anyhow::anyhow!(
                            "--to xlsx writes one notice's workbook: give one file"
                        ),
                    });
                };
                let ledgers = fengong::ledger::ledgers(d, None, unit, rules);
                fengong::export::workbook(d, &ledgers, output)
                    .with_context(|| format!("cannot write the workbook {}", output.display()))?;
                return Ok(());
            }
            let tables = fengong::export::tables(&datasets);
            match to {
                ExportFormat::Csv => fengong::export::write_csv(&tables, output, excel)
                    .with_context(|| format!("cannot write CSV tables to {}", output.display()))?,
                ExportFormat::Sqlite => fengong::export::write_sqlite(&tables, output)
                    .with_context(|| format!("cannot write the database {}", output.display()))?,
                ExportFormat::Ics | ExportFormat::Xlsx => {} // written above
            }
            Ok(())
        }
        Command::Diff {
            ref old,
            ref new,
            format,
        } => {
            let (old, new) = (dataset_of(rules, old)?, dataset_of(rules, new)?);
            let diff = fengong::diff::diff(&old, &new);
            let text = match format {
                DiffFormat::Json => serde_json::to_string_pretty(&diff)?,
                DiffFormat::Table => diff_table(&diff, io::stdout().is_terminal()),
                DiffFormat::Markdown => diff_markdown(&diff, &old, &new),
                DiffFormat::Html => diff_html(&diff, &old, &new),
            };
            write_out(text.trim_end()).context("cannot write standard output")?;
            if diff.is_empty() {
                Ok(())
            } else {
                Err(Failure {
                    status: EXIT_UNUSABLE,
                    error: anyhow::anyhow!(""),
                })
            }
        }
        Command::Text { ref file } => {
            let (shown, bytes) = input(file)?;
            let text = fengong::decoded_text(&bytes).map_err(|e| Failure {
                status: EXIT_UNUSABLE,
                error: anyhow::anyhow!("{shown}: error: {e}"),
            })?;
            write_out(text.trim_end_matches('\n')).context("cannot write standard output")?;
            Ok(())
        }
        Command::Schema { of } => {
            let schema = match of {
                SchemaOf::Dataset => schemars::schema_for!(fengong::Dataset),
                SchemaOf::Diff => schemars::schema_for!(fengong::diff::Diff),
            };
            let json = serde_json::to_string_pretty(&schema)?;
            write_out(&json)?;
            Ok(())
        }
        Command::Rules { ref dump } => {
            let written = fengong::Rules::write_defaults(dump)
                .with_context(|| format!("cannot write the rule files to {}", dump.display()))?;
            let mut err = io::stderr().lock();
            for path in written {
                let _ = writeln!(err, "wrote {}", path.display());
            }
            Ok(())
        }
    }
}

fn extract(
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
                error: anyhow::anyhow!(
                    "-o {} is the input itself; write the dataset elsewhere",
                    p.display()
                ),
            });
        }
    }
    let stdin = file.as_os_str() == "-";
    let (shown, bytes) = input(file)?;
    let name = (!stdin).then(|| {
        file.file_name()
            .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned())
    });
    // Written task by task into a buffer, never held whole; the output file is made only
    // once the input has been read up to its tasks, so an unusable input leaves none.
    let written = match output {
        Some(p) => {
            let out = LazyFile::buffered(p);
            fengong::write_json(rules, name.as_deref(), &bytes, out, !compact)
        }
        None => {
            let out = io::BufWriter::new(io::stdout().lock());
            fengong::write_json(rules, name.as_deref(), &bytes, out, !compact)
        }
    };
    let written = written.map_err(|e| match e {
        fengong::WriteError::Input(e) => unusable(&shown, &e),
        fengong::WriteError::Output(e) => Failure {
            status: EXIT_IO,
            error: match output {
                Some(p) => anyhow::anyhow!("cannot write {}: {e}", p.display()),
                None => anyhow::anyhow!("cannot write standard output: {e}"),
            },
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

/// A file created on its first write (put a buffer in front of it).
struct LazyFile<'p> {
    path: &'p Path,
    file: Option<std::fs::File>,
}

impl<'p> LazyFile<'p> {
    /// A buffered writer to the file at `path`, created when the first bytes are written.
    fn buffered(path: &'p Path) -> io::BufWriter<Self> {
        io::BufWriter::with_capacity(1 << 16, LazyFile { path, file: None })
    }

    fn file(&mut self) -> io::Result<&mut std::fs::File> {
        if self.file.is_none() {
            self.file = Some(std::fs::File::create(self.path)?);
        }
        Ok(self.file.as_mut().expect("made above"))
    }
}

impl Write for LazyFile<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file()?.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file()?.flush()
    }
}

/// A task's text by number.
fn task_text(d: &fengong::Dataset, seq: u32) -> String {
    d.tasks
        .iter()
        .find(|t| t.seq == seq)
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

/// One change, in Chinese, for a memo.
fn change_words(c: &fengong::diff::Change) -> String {
    use fengong::diff::Change;
    let value = |x: &Option<fengong::diff::TargetValue>| {
        x.as_ref().map_or("—".to_owned(), |v| {
            format!(
                "{}{}",
                v.value.map(|n| n.to_string()).unwrap_or_default(),
                v.unit.as_deref().unwrap_or_default()
            )
        })
    };
    let or_dash = |x: &Option<String>| x.clone().unwrap_or_else(|| "—".to_owned());
    match c {
        Change::Seq { old, new } => format!("序号 {old} → {new}"),
        Change::Text { old, new, .. } => format!("表述：{old} → {new}"),
        Change::Targets { changes } => changes
            .iter()
            .map(|t| {
                format!(
                    "目标 {}：{} → {}",
                    t.indicator,
                    value(&t.old),
                    value(&t.new)
                )
            })
            .collect::<Vec<_>>()
            .join("；"),
        Change::Lead { added, removed } => {
            format!("牵头单位 增{} 减{}", added.join("、"), removed.join("、"))
        }
        Change::Responsible { added, removed } => {
            format!("责任单位 增{} 减{}", added.join("、"), removed.join("、"))
        }
        Change::Section { old, new } => format!("部分 {} → {}", or_dash(old), or_dash(new)),
        Change::Subsection { old, new } => format!("类别 {} → {}", or_dash(old), or_dash(new)),
    }
}

/// The name a report gives a notice: its document number, else its file.
fn notice_name(x: &fengong::Dataset) -> String {
    x.notice
        .doc_number
        .clone()
        .or_else(|| x.source.file.clone())
        .unwrap_or_else(|| "通知".to_owned())
}

/// The diff as a report for a memo.
fn diff_markdown(
    d: &fengong::diff::Diff,
    old: &fengong::Dataset,
    new: &fengong::Dataset,
) -> String {
    let changed: Vec<_> = d.matched.iter().filter(|m| !m.changes.is_empty()).collect();
    let mut out = format!(
        "# {} 与 {} 对比\n\n新增任务 {} 项，删除任务 {} 项，有变化的任务 {} 项。\n\n",
        notice_name(new),
        notice_name(old),
        d.added.len(),
        d.removed.len(),
        changed.len()
    );
    if !d.added.is_empty() {
        out.push_str("## 新增任务\n\n");
        for n in &d.added {
            out.push_str(&format!("- {n}. {}\n", task_text(new, *n)));
        }
        out.push('\n');
    }
    if !d.removed.is_empty() {
        out.push_str("## 删除任务\n\n");
        for n in &d.removed {
            out.push_str(&format!("- {n}. {}\n", task_text(old, *n)));
        }
        out.push('\n');
    }
    if !changed.is_empty() {
        out.push_str("## 有变化的任务\n\n| 原序号 | 新序号 | 变化 |\n|---|---|---|\n");
        for m in changed {
            let what: Vec<String> = m.changes.iter().map(change_words).collect();
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                m.old,
                m.new,
                what.join("<br>").replace('|', "\\|")
            ));
        }
    }
    out
}

/// `text` with `&`, `<`, `>`, `"` as HTML references.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The diff as one self-contained HTML page: old and new tasks side by side, text changes
/// marked, added and removed tasks coloured, a filter by unit.
fn diff_html(d: &fengong::diff::Diff, old: &fengong::Dataset, new: &fengong::Dataset) -> String {
    use fengong::diff::Change;
    let units = |t: Option<&fengong::Task>| -> String {
        t.map(|t| {
            t.lead
                .iter()
                .chain(&t.responsible)
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
    };
    let cell = |t: Option<&fengong::Task>, text: Option<String>| -> String {
        t.map_or(String::new(), |t| {
            format!(
                "<b>{}</b> {}<div class=u>{} ｜ {}</div>",
                t.seq,
                text.unwrap_or_else(|| html_escape(&t.text)),
                html_escape(&t.lead.join("、")),
                html_escape(&t.responsible.join("、"))
            )
        })
    };
    fn find(x: &fengong::Dataset, seq: u32) -> Option<&fengong::Task> {
        x.tasks.iter().find(|t| t.seq == seq)
    }
    let mut rows = String::new();
    for m in &d.matched {
        let (o, n) = (find(old, m.old), find(new, m.new));
        let marked = m.changes.iter().find_map(|c| match c {
            Change::Text { diff, .. } => Some(
                diff.iter()
                    .map(|p| match p.op.as_str() {
                        "insert" => format!("<ins>{}</ins>", html_escape(&p.text)),
                        "delete" => format!("<del>{}</del>", html_escape(&p.text)),
                        _ => html_escape(&p.text),
                    })
                    .collect::<String>(),
            ),
            _ => None,
        });
        let notes: Vec<String> = m
            .changes
            .iter()
            .filter(|c| !matches!(c, Change::Text { .. }))
            .map(|c| html_escape(&change_words(c)))
            .collect();
        let class = if m.changes.is_empty() {
            "same"
        } else {
            "changed"
        };
        rows.push_str(&format!(
            "<tr class={class} data-units=\"{} {}\"><td>{}</td><td>{}</td><td class=c>{}</td></tr>\n",
            html_escape(&units(o)),
            html_escape(&units(n)),
            cell(o, None),
            cell(n, marked),
            notes.join("<br>")
        ));
    }
    for (list, from, class, word) in [
        (&d.added, new, "added", "新增"),
        (&d.removed, old, "removed", "删除"),
    ] {
        for &seq in list {
            let t = find(from, seq);
            let (left, right) = if class == "added" {
                (String::new(), cell(t, None))
            } else {
                (cell(t, None), String::new())
            };
            rows.push_str(&format!(
                "<tr class={class} data-units=\"{}\"><td>{left}</td><td>{right}</td><td class=c>{word}</td></tr>\n",
                html_escape(&units(t))
            ));
        }
    }
    let (a, b) = (
        html_escape(&notice_name(old)),
        html_escape(&notice_name(new)),
    );
    let changed = d.matched.iter().filter(|m| !m.changes.is_empty()).count();
    format!(
        "<!DOCTYPE html>\n<html lang=zh-CN><head><meta charset=utf-8><title>{a} → {b}</title>\n\
         <style>body{{font-family:sans-serif;margin:1em}}table{{border-collapse:collapse;width:100%}}\
         td,th{{border:1px solid #ccc;padding:4px;vertical-align:top}}.u{{color:#666;font-size:90%}}\
         .c{{font-size:85%;color:#444}}tr.added{{background:#e6ffe6}}tr.removed{{background:#ffe6e6}}\
         tr.changed{{background:#fffbe6}}ins{{background:#b6f2b6;text-decoration:none}}\
         del{{background:#f7b6b6}}</style></head><body>\n\
         <h1>{a} → {b}</h1><p>新增 {} 项，删除 {} 项，有变化 {changed} 项。\
         单位：<input id=f placeholder=县发改局 oninput=filter()> \
         <label><input type=checkbox id=x onchange=filter()> 只看有变化的</label></p>\n\
         <table><tr><th>原任务</th><th>新任务</th><th>变化</th></tr>\n{rows}</table>\n\
         <script>function filter(){{var u=document.getElementById('f').value.trim(),\
         x=document.getElementById('x').checked;document.querySelectorAll('tr[data-units]')\
         .forEach(function(r){{var ok=(!u||r.dataset.units.indexOf(u)>=0)&&(!x||r.className!='same');\
         r.style.display=ok?'':'none';}});}}</script></body></html>\n",
        d.added.len(),
        d.removed.len(),
    )
}

/// A notice, or a dataset JSON written by `extract` (loaded back).
fn dataset_of(rules: &fengong::Rules, path: &Path) -> Result<fengong::Dataset, Failure> {
    if path.extension().is_some_and(|e| e == "json") {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        return serde_json::from_str(&text).map_err(|e| Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!("{}: not a dataset fengong wrote: {e}", path.display()),
        });
    }
    read(rules, path, true)
}

/// A diff for a person; headings in colour on a terminal.
fn diff_table(d: &fengong::diff::Diff, colour: bool) -> String {
    use fengong::diff::Change;
    let paint = |code: &str, text: String| {
        if colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text
        }
    };
    let mut out = String::new();
    for f in &d.notice {
        out.push_str(&format!(
            "notice {}: {} → {}\n",
            f.field,
            f.old.as_deref().unwrap_or("—"),
            f.new.as_deref().unwrap_or("—")
        ));
    }
    for s in &d.sections_added {
        out.push_str(&format!("+ section {s}\n"));
    }
    for s in &d.sections_removed {
        out.push_str(&format!("- section {s}\n"));
    }
    for m in d.matched.iter().filter(|m| !m.changes.is_empty()) {
        out.push_str(&paint(
            "1",
            format!(
                "task {} → {} ({:.0}% alike)",
                m.old,
                m.new,
                m.similarity * 100.0
            ),
        ));
        out.push('\n');
        for c in &m.changes {
            let line = match c {
                Change::Seq { old, new } => format!("number {old} → {new}"),
                Change::Text { old, new, .. } => format!("text: {old}\n      → {new}"),
                Change::Targets { changes } => changes
                    .iter()
                    .map(|t| {
                        let show = |v: &Option<fengong::diff::TargetValue>| {
                            v.as_ref().map_or("—".to_owned(), |v| {
                                format!(
                                    "{}{}",
                                    v.value.map(|x| x.to_string()).unwrap_or_default(),
                                    v.unit.as_deref().unwrap_or_default()
                                )
                            })
                        };
                        format!(
                            "target {}: {} → {}",
                            t.indicator,
                            show(&t.old),
                            show(&t.new)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n    "),
                Change::Lead { added, removed } | Change::Responsible { added, removed } => {
                    let what = if matches!(c, Change::Lead { .. }) {
                        "lead"
                    } else {
                        "responsible"
                    };
                    format!("{what}: +{} −{}", added.join("、"), removed.join("、"))
                }
                Change::Section { old, new } | Change::Subsection { old, new } => {
                    let what = if matches!(c, Change::Section { .. }) {
                        "section"
                    } else {
                        "sub-category"
                    };
                    format!(
                        "{what}: {} → {}",
                        old.as_deref().unwrap_or("—"),
                        new.as_deref().unwrap_or("—")
                    )
                }
            };
            out.push_str(&format!("    {line}\n"));
        }
    }
    for n in &d.added {
        out.push_str(&paint("32", format!("+ task {n} (new)")));
        out.push('\n');
    }
    for n in &d.removed {
        out.push_str(&paint("31", format!("- task {n} (old)")));
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str("no changes\n");
    }
    out
}

/// Whether two paths name the same file (both exist and resolve to one path).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `73 tasks, 6 sections, 40 units, 2 warnings, 5 info`.
fn summary_line(
    tasks: usize,
    sections: usize,
    units: usize,
    diagnostics: &[fengong::Diagnostic],
) -> String {
    let warnings = diagnostics
        .iter()
        .filter(|x| x.code.severity() == fengong::Severity::Warning)
        .count();
    format!(
        "{tasks} tasks, {sections} sections, {units} units, {warnings} warnings, {} info",
        diagnostics.len() - warnings
    )
}

/// The notices among `paths`: files as given, folders searched (recursively) for notice
/// files, sorted within each folder.
fn notice_files(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    const EXTENSIONS: [&str; 7] = ["md", "markdown", "txt", "docx", "xlsx", "html", "htm"];
    let mut out = Vec::new();
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
                if p.is_dir() {
                    stack.push(p);
                } else if p
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
                {
                    found.push(p);
                }
            }
        }
        found.sort();
        out.extend(found);
    }
    Ok(out)
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
            error: anyhow::anyhow!("several notices need an output folder: -o DIR"),
        });
    };
    let files = notice_files(paths).context("cannot list the notices")?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
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
                let out = LazyFile::buffered(&target);
                let w = fengong::write_json(rules, name.as_deref(), &bytes, out, !compact)
                    .map_err(|e| match e {
                        fengong::WriteError::Input(e) => format!("error: {e}"),
                        fengong::WriteError::Output(e) => {
                            format!("cannot write {}: {e}", target.display())
                        }
                    })?;
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
    let _ = writeln!(
        err,
        "{} notices read, {failed} failed",
        results.len() - failed
    );
    drop(err);
    if failed > 0 {
        return Err(Failure {
            status: EXIT_UNUSABLE,
            error: anyhow::anyhow!("{failed} of {} notices could not be read", results.len()),
        });
    }
    Ok(())
}

/// How many diagnostics of one code stderr shows; the dataset keeps them all.
const SHOWN_PER_CODE: usize = 20;

/// Print `diagnostics` on stderr as `FILE:LINE: severity[CODE]: message`, at most
/// [`SHOWN_PER_CODE`] of each code, then one line saying how many more there are.
fn print_diagnostics(shown: &str, diagnostics: &[fengong::Diagnostic]) -> io::Result<()> {
    let mut err = io::BufWriter::new(io::stderr().lock());
    let mut counts: std::collections::BTreeMap<fengong::Code, usize> = Default::default();
    for d in diagnostics {
        let count = counts.entry(d.code).or_default();
        *count += 1;
        if *count <= SHOWN_PER_CODE {
            writeln!(err, "{shown}:{d}")?;
        }
    }
    for (code, count) in counts {
        if count > SHOWN_PER_CODE {
            let more = count - SHOWN_PER_CODE;
            writeln!(
                err,
                "{shown}: … and {more} more {code} (all {count} are in the dataset's diagnostics)"
            )?;
        }
    }
    err.flush()
}

/// Read the notice in `file` (`-`: standard input), printing its diagnostics on stderr
/// unless `quiet`.
/// The bytes of `file` (`-`: standard input), and the name messages show for it.
fn input(file: &Path) -> Result<(String, Vec<u8>), Failure> {
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
            .context("cannot read standard input")?;
        buf
    } else {
        std::fs::read(file).with_context(|| format!("cannot read {shown}"))?
    };
    Ok((shown, bytes))
}

/// The failure of an input that cannot be read: `FILE:LINE: error: …`.
fn unusable(shown: &str, e: &fengong::Error) -> Failure {
    Failure {
        status: EXIT_UNUSABLE,
        error: match e.line() {
            Some(line) => anyhow::anyhow!("{shown}:{line}: error: {e}"),
            None => anyhow::anyhow!("{shown}: error: {e}"),
        },
    }
}

fn read(rules: &fengong::Rules, file: &Path, quiet: bool) -> Result<fengong::Dataset, Failure> {
    let (shown, dataset) = read_silently(rules, file)?;
    if !quiet {
        // A closed stderr is no reason to fail the run.
        let _ = print_diagnostics(&shown, &dataset.diagnostics);
    }
    Ok(dataset)
}

/// The notice in `file` read, and the name messages show for it; nothing printed.
fn read_silently(
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
/// `quiet`. The first file (in order) that cannot be read fails the whole.
fn read_all(
    rules: &fengong::Rules,
    files: &[PathBuf],
    quiet: bool,
) -> Result<Vec<fengong::Dataset>, Failure> {
    use rayon::prelude::*;
    let read: Vec<Result<(String, fengong::Dataset), Failure>> =
        files.par_iter().map(|f| read_silently(rules, f)).collect();
    let mut datasets = Vec::with_capacity(read.len());
    for result in read {
        let (shown, dataset) = result?;
        if !quiet {
            let _ = print_diagnostics(&shown, &dataset.diagnostics);
        }
        datasets.push(dataset);
    }
    Ok(datasets)
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

/// `rows` under `header` in columns as wide as their widest cell (Chinese characters two
/// columns wide), two spaces apart.
fn aligned(header: &[&str], rows: &[Vec<String>]) -> String {
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
fn ledger_text(
    ledgers: &[fengong::ledger::Ledger],
    format: LedgerFormat,
) -> anyhow::Result<String> {
    Ok(match format {
        LedgerFormat::Json => serde_json::to_string_pretty(ledgers)?,
        LedgerFormat::Csv => {
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
        LedgerFormat::Table => {
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

/// Write `text` and a final newline to standard output.
fn write_out(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
