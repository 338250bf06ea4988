//! The `fengong` command: arguments → a command in `cli/` → exit code. Each command reads
//! its notices through the library, prints what it prints (diagnostics on stderr) and
//! returns a [`Failure`] with the exit status it calls for.

mod cli;

use std::io;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use cli::args::{Cli, Command};

/// Exit status when the input cannot be read as a notice (empty, binary, no task table).
const EXIT_UNUSABLE: u8 = 1;
/// Exit status for usage and I/O errors (clap uses 2 for usage errors too).
const EXIT_IO: u8 = 2;

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
    // Passed to each command as it comes to speak the office's language (issue 27).
    let lang: fengong::Lang = cli.lang.into();
    cli::set_lang(lang);
    let loaded = match (&cli.rules, &cli.command) {
        // Writing the defaults out reads no rules.
        (_, Command::Rules { .. }) | (None, _) => None,
        (Some(dir), _) => Some(
            fengong::Rules::from_dir(dir)
                .with_context(|| cli::say!("无法使用规则", "cannot use the rules"))?,
        ),
    };
    let rules = loaded.as_ref().unwrap_or_else(|| fengong::Rules::builtin());
    match cli.command {
        Command::Extract {
            ref files,
            ref output,
            compact,
            quiet,
        } => cli::extract::run(rules, files, output.as_deref(), compact, quiet),
        Command::Targets {
            ref file,
            format,
            excel,
            ref output,
            quiet,
        } => cli::targets::run(rules, file, format, excel, output.as_deref(), quiet),
        Command::Ledger {
            ref file,
            ref unit,
            ref roster,
            format,
            excel,
            ref output,
            quiet,
        } => cli::ledger::run(
            rules,
            file,
            unit,
            roster.as_deref(),
            format,
            cli::Out {
                path: output.as_deref(),
                lang: cli.lang.into(),
                excel,
            },
            quiet,
        ),
        Command::Export {
            ref files,
            ref unit,
            to,
            ref output,
            excel,
            keep_versions,
            remind,
            quiet,
        } => cli::export::run(
            rules,
            files,
            to,
            output,
            &cli::export::Options {
                unit,
                excel,
                remind,
                lang,
                keep_versions,
                quiet,
            },
        ),
        Command::Diff {
            ref old,
            ref new,
            format,
            ref output,
        } => cli::diff::run(rules, old, new, format, lang, output.as_deref()),
        Command::Text {
            ref file,
            ref output,
        } => cli::text::run(file, output.as_deref()),
        Command::Forms {
            ref file,
            period,
            ref output,
            all_units,
            force,
            quiet,
        } => cli::forms::run(
            rules,
            &cli::forms::Options {
                file,
                period,
                output,
                all_units,
                force,
                quiet,
            },
        ),
        Command::Collect {
            ref file,
            ref dir,
            period,
            all_units,
            ref output,
            ref db,
            quiet,
        } => cli::collect::run(
            rules,
            &cli::collect::Options {
                file,
                dir,
                period,
                all_units,
                output: output.as_deref(),
                db: db.as_deref(),
                quiet,
            },
        ),
        Command::Status {
            ref db,
            period,
            format,
            ref output,
        } => cli::status::run(db, period, format, output.as_deref()),
        Command::Schema { of, ref output } => cli::schema::run(of, output.as_deref()),
        Command::Rules { ref dump, force } => cli::rules::run(dump, force),
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
