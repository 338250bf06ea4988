//! All integration tests, built into one binary (see `[[test]]` in Cargo.toml).

/// Shared helpers: reading fixtures, the independent row scan.
mod util;

/// One JSON snapshot per file in `fixtures/`.
mod fixtures;

/// Each converter repair fires where its shape is and nowhere else.
mod repairs;

/// Real converters' output of notices written for the tests, each against its truth file.
mod converters;

/// List notices: shapes, and a list read as its table is.
mod lists;

/// Role words in unit cells and list brackets: who leads.
mod roles;

/// Per-unit ledgers: own tasks, groups, rosters.
mod ledger;

/// Exports: CSV tables and an SQLite database.
mod export;

/// The SQLite export: keys, concurrent exports, versions of a notice.
mod sqlite;

/// The workbook: numbers as numbers, title rows, labels in either language, a sheet a unit,
/// the overview, print setup.
mod workbook;

/// The reporting cycle: forms out, returns in (xlsx, CSV, LibreOffice's), status.
mod forms;

/// The calendar: reminders, nothing before the notice's date, deadlines, PRODID, unknown units.
mod calendar;

/// Next year's notice against this year's.
mod diff;

/// Targets as a checking system reads them.
mod targets;

/// The bundled seed notice: its whole dataset as a snapshot, and the facts the issue names.
mod seed;

/// Every table row is a task, a section, a sub-category, a repeated header or a diagnostic.
mod accounting;

/// The same notice in other encodings and line endings reads the same.
mod encodings;

/// The `fengong` binary: arguments, exit codes, stderr.
mod cli;

/// No file is lost: outputs written whole, never over an input, rules folders kept.
mod files;

/// Rules read from a folder at run time: a new header synonym without a rebuild.
mod rules;

/// Huge cells, many rows and columns, deep nesting, truncated files.
mod stress;

/// Shapes that once cost more than linear time, each read at two sizes.
mod linear;

/// proptest invariants: no panics, determinism, spans inside the input, idempotent names.
mod properties;

/// The README's commands work as printed.
mod readme;
