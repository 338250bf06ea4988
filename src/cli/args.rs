//! The command line: `fengong`'s arguments, options and help texts (clap), parsed by
//! `main` and dispatched to a command of its own module.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::{diff, export, ledger, schema, targets};

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
    after_help = "Exit status: 0 on success (diagnostics allowed); 1 when an input is not a \
                  usable notice (empty, binary, no task table; for a folder, when any notice in \
                  it is not); 2 on usage errors (an unknown option, an --unit the notice does \
                  not name, an output that is an input) and I/O errors. `diff` differs: 0 when \
                  nothing changed, 1 when something did, 2 when OLD or NEW cannot be read.\n\n\
                  Messages and tables are Chinese by default (--lang en for English); set \
                  NO_COLOR to print without colour."
)]
pub struct Cli {
    /// Read the notice by the rule files in DIR (header synonyms, unit aliases, target
    /// words…; see `fengong rules --help`) instead of the built-in ones. A file DIR lacks
    /// keeps its built-in rules.
    #[arg(long, value_name = "DIR", global = true)]
    pub rules: Option<PathBuf>,
    /// The language of what a person reads (tables, workbooks, calendars, diffs, messages):
    /// `zh` (中文) or `en`. JSON is the same in both.
    #[arg(long, value_enum, global = true, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
    /// One row a target (see `tasks[].targets` in docs/format.md): task number, kind (target,
    /// figure, qualitative), indicator, change, bound, value (`5–6` for a range) and unit as
    /// written. CSV adds the base value and unit (万 and 亿 multiplied out), the range's ends
    /// and the clause the target was read from.
    Targets {
        /// The notice: a markdown or Word (.docx) file, or `-` for standard input.
        file: PathBuf,
        /// `table` (aligned columns) or `csv`.
        #[arg(long, value_enum, default_value_t = targets::Format::Table)]
        format: targets::Format,
        /// CSV for Excel: start with a UTF-8 byte-order mark.
        #[arg(long)]
        excel: bool,
        /// Write to FILE instead of standard output (whole: a temporary file beside it,
        /// renamed into place once complete; never one of the inputs).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
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
        #[arg(long, value_enum, default_value_t = ledger::Format::Table)]
        format: ledger::Format,
        /// CSV for Excel: start with a UTF-8 byte-order mark.
        #[arg(long)]
        excel: bool,
        /// Write to FILE instead of standard output (whole: a temporary file beside it,
        /// renamed into place once complete; never one of the inputs).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Do not print diagnostics on stderr.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Export notices: relational tables (a folder of CSV files, or an SQLite database), an
    /// Excel workbook, or a calendar of reports and deadlines.
    ///
    /// Tables: notices, sections, tasks, units, task_units, unit_groups, targets,
    /// diagnostics; every row keyed by its notice (`notice_key`, the input's SHA-256), the
    /// same columns every year. An SQLite file that exists keeps its other notices: export
    /// each year's notice into the same database.
    Export {
        /// The notices (markdown, .docx or .html files, or folders of them).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// For `ics` and `xlsx`: only this unit's reports and ledger (more than once for
        /// several).
        #[arg(long, value_name = "NAME")]
        unit: Vec<String>,
        /// `csv` (a folder of tables), `sqlite` (a database file), `xlsx` (a workbook) or
        /// `ics` (a reporting calendar).
        #[arg(long, value_enum)]
        to: export::Format,
        /// The folder (csv), database (sqlite), workbook (xlsx) or calendar (ics) to write.
        /// Files are written whole (a temporary file beside each, renamed into place once
        /// complete) and never over an input; a database is changed in one transaction.
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
        /// CSV for Excel: each file starts with a UTF-8 byte-order mark.
        #[arg(long)]
        excel: bool,
        /// For `sqlite`: keep an earlier version of a notice (the same document number and
        /// year, other bytes) beside the new one; by default the new one replaces it.
        #[arg(long)]
        keep_versions: bool,
        /// For `ics`: how long before each event's day its reminder (VALARM) shows: `3d`,
        /// `1d`, `12h`, `30m`, `1w`; `0` for none.
        #[arg(long, value_name = "TIME", default_value = "3d")]
        remind: super::export::Remind,
        /// Do not print diagnostics on stderr.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Compare next year's notice with this year's: matched tasks and what changed in each
    /// (number, text, targets, lead and responsible units, section, sub-category), tasks
    /// added and removed, notice fields changed.
    ///
    /// Tasks are matched by their text, not their number, keeping document order. OLD and NEW
    /// are notices or dataset JSON files written by `extract`. What a person reads (table,
    /// markdown, HTML) is in `--lang` (Chinese by default); JSON is the same in both.
    ///
    /// Exit status, `diff`'s own: 0 when nothing changed, 1 when something did, 2 when OLD or
    /// NEW cannot be read or is not a usable notice (empty, binary, no task table; the
    /// message names the file) and on usage or output errors.
    Diff {
        /// This year's notice (or its dataset JSON).
        old: PathBuf,
        /// Next year's notice (or its dataset JSON).
        new: PathBuf,
        /// `table` for a person, `json` (see `fengong schema diff`), `markdown` for a memo,
        /// `html` for a page to look at.
        #[arg(long, value_enum, default_value_t = diff::Format::Table)]
        format: diff::Format,
        /// Write to FILE instead of standard output (whole: a temporary file beside it,
        /// renamed into place once complete; never one of the inputs).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write a return form for each lead unit for a reporting period: a workbook a unit,
    /// `DIR/<period>-<unit>.xlsx`.
    ///
    /// Sheet 进展情况: the notice, the unit, the period and its due date (from the notice's
    /// reporting rules), 填报人 and 联系电话, then a row a task the unit leads, then the tasks
    /// it shares (marked): 序号, 工作任务, 角色, 本期进展, 完成情况 (a drop-down: 已完成,
    /// 按序时推进, 滞后, 未启动), 存在问题, 下步打算. A hidden sheet carries the keys `fengong
    /// collect` matches a return by, however its file is renamed. A period the notice's rules
    /// set no report for is an error (exit 2). The folder must be new, empty, or hold only
    /// these forms; see --force.
    Forms {
        /// The notice.
        file: PathBuf,
        /// The period: a month (2026-05), a quarter (2026-Q2), a half year (2026-H1) or a
        /// year (2026).
        #[arg(long, value_name = "PERIOD")]
        period: fengong::forms::Period,
        /// The folder to write the forms into.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// A form for every unit with a task, not only for the lead units.
        #[arg(long)]
        all_units: bool,
        /// Write into a folder that holds other files. A file with a form's name that
        /// differs from the form (a return saved back, say) is still never replaced: it is
        /// named and the exit status is 2.
        #[arg(long)]
        force: bool,
        /// Do not print the notice's diagnostics on stderr.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Read the returned forms of a period in a folder, check them, and write their summary
    /// workbook and (with --db) their rows into the SQLite database.
    ///
    /// Every .xlsx, .xlsm, .xls, .ods and .csv file in DIR is read (Excel's `~$` and
    /// LibreOffice's `.~lock` files aside); a return is matched by its hidden keys, or
    /// without them by its unit's name and its task texts. Each problem is a line
    /// `FILE:ROW: warning[CODE]: …` naming the cell; nothing a unit wrote is dropped without
    /// one. A return is late when its file was last modified after the due date (China
    /// Standard Time).
    Collect {
        /// The notice the forms were written from.
        file: PathBuf,
        /// The folder of returns.
        dir: PathBuf,
        /// The period of the forms.
        #[arg(long, value_name = "PERIOD")]
        period: fengong::forms::Period,
        /// Expect a return from every unit with a task, as `forms --all-units` wrote them.
        #[arg(long)]
        all_units: bool,
        /// Write the summary workbook to FILE (whole; never into DIR, never over an input).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write the notice's tables and the period's `returns` and `progress` into this
        /// SQLite database (as `export --to sqlite` does; the period's earlier rows replaced).
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
        /// Do not print the notice's diagnostics on stderr (the returns' are printed).
        #[arg(short, long)]
        quiet: bool,
    },
    /// Print a period's returns from the database `collect --db` wrote: received, late and
    /// missing per unit, and the tasks reported 滞后 with their lead units.
    Status {
        /// The database.
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// The period (the latest collected when not given).
        #[arg(long, value_name = "PERIOD")]
        period: Option<fengong::forms::Period>,
        /// `table` for a person, `json` or `csv`.
        #[arg(long, value_enum, default_value_t = super::status::Format::Table)]
        format: super::status::Format,
        /// Write to FILE instead of standard output (whole; never the database).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
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
        /// Write to FILE instead of standard output (whole: a temporary file beside it,
        /// renamed into place once complete; never one of the inputs).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema (draft 2020-12) of the dataset `extract` prints, or of the diff
    /// `diff --format json` prints.
    Schema {
        /// `dataset` or `diff`.
        #[arg(value_enum, default_value_t = schema::Which::Dataset)]
        of: schema::Which,
        /// Write to FILE instead of standard output (whole: a temporary file beside it,
        /// renamed into place once complete; never one of the inputs).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
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
    /// reporting schedule is read), label_words.tsv (how a list's labels such as 牵头责任领导 are
    /// read by their words), page_labels.tsv (the labels of a web page's metadata block: 名称,
    /// 文号, 发布机构, 成文日期…), deadline_months.tsv (三季度, 年底…: the month a deadline
    /// word means, for the calendar and the workbook), issuer_offices.txt (人民政府办公室…: how
    /// an issuer's name ends after its jurisdiction, which scopes unit ids). Each file explains
    /// its format in its header comment. Next year's new header wording is one line in
    /// headers.tsv, read with
    /// `fengong --rules DIR extract …`, no rebuild.
    Rules {
        /// The folder to write the files into (created if need be). A folder that holds
        /// anything is refused, unless `--force`.
        #[arg(long, value_name = "DIR")]
        dump: PathBuf,
        /// Into a folder that holds files already: write the rule files it lacks, and
        /// beside each file that differs from the built-in one (edited, or from an earlier
        /// release) the built-in one as NAME.new, to compare. Nothing in the folder is
        /// replaced or deleted.
        #[arg(long)]
        force: bool,
    },
}

/// `--lang`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// 中文.
    Zh,
    /// English.
    En,
}

impl From<LangArg> for fengong::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Zh => fengong::Lang::Zh,
            LangArg::En => fengong::Lang::En,
        }
    }
}
