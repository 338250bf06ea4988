//! The last stage for output that need not stay in memory: the dataset written as JSON while
//! its tasks are read, each task written and dropped before the next row is read.
//!
//! The bytes are those of [`crate::dataset::Dataset`]'s own `Serialize` (compact or pretty): the same
//! fields in the same order. The sections come before the tasks, so a table's sections are
//! read first, in a pass over its rows that reads nothing else; the units and diagnostics
//! come after them, gathered as the tasks go by.

use std::cell::RefCell;
use std::fmt;
use std::io;

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::dataset::Diagnostic;
use crate::error::Error;
use crate::pipeline::{self, Parts};
use crate::rules::Rules;
use crate::units;

/// What [`write_json`] wrote: the counts a summary line gives, and the diagnostics (also in
/// the JSON) for printing.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Written {
    /// How many tasks.
    pub tasks: usize,
    /// How many sections.
    pub sections: usize,
    /// How many units.
    pub units: usize,
    /// Every diagnostic, in line order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Why [`write_json`] failed: the input cannot be read (nothing was written), or the output
/// cannot be written.
#[derive(Debug)]
pub enum WriteError {
    /// The input is unusable, as [`crate::extract`] says.
    Input(Error),
    /// Writing failed.
    Output(io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Input(e) => e.fmt(f),
            WriteError::Output(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Input(e) => Some(e),
            WriteError::Output(e) => Some(e),
        }
    }
}

/// Read a notice by `rules` and write its dataset to `out` as JSON (pretty or compact),
/// followed by a newline, without holding all its tasks: the same bytes as
/// `serde_json::to_writer(out, &extract_with(rules, file, input)?)`, in memory a task at a
/// time. `out` is written in small pieces: give it a buffered writer.
pub fn write_json<W: io::Write>(
    rules: &Rules,
    file: Option<&str>,
    input: &[u8],
    mut out: W,
    pretty: bool,
) -> Result<Written, WriteError> {
    let result = pipeline::read(rules, file, input, true, |parts| {
        let streamed = Streamed {
            rules,
            parts: RefCell::new(parts),
            written: RefCell::new(Written::default()),
        };
        let result = if pretty {
            serde_json::to_writer_pretty(&mut out, &streamed)
        } else {
            serde_json::to_writer(&mut out, &streamed)
        };
        result
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush())
            .map(|()| streamed.written.into_inner())
    });
    match result {
        Ok((Ok(written), _)) => Ok(written),
        Ok((Err(e), _)) => Err(WriteError::Output(e)),
        Err(e) => Err(WriteError::Input(e)),
    }
}

/// A dataset whose tasks are read as they are written.
struct Streamed<'r, 'a, 't> {
    rules: &'r Rules,
    parts: RefCell<Parts<'a, 't>>,
    written: RefCell<Written>,
}

/// The `tasks` array: each task read, indexed, written, dropped.
struct TaskArray<'s, 'r, 'a, 't> {
    parts: &'s RefCell<Parts<'a, 't>>,
    index: &'s RefCell<units::Index<'r>>,
    count: &'s RefCell<usize>,
}

impl Serialize for TaskArray<'_, '_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut parts = self.parts.borrow_mut();
        let mut index = self.index.borrow_mut();
        let mut count = self.count.borrow_mut();
        let mut array = serializer.serialize_seq(None)?;
        for task in parts.tasks.by_ref() {
            index.add(&task);
            *count += 1;
            array.serialize_element(&task)?;
        }
        array.end()
    }
}

impl Serialize for Streamed<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The fields of `Dataset`, in its order.
        let mut dataset = serializer.serialize_struct("Dataset", 8)?;
        {
            let parts = self.parts.borrow();
            dataset.serialize_field("schema_version", &parts.head.schema_version)?;
            dataset.serialize_field("source", &parts.head.source)?;
            dataset.serialize_field("notice", &parts.head.notice)?;
            dataset.serialize_field("sections", &parts.sections)?;
        }
        let jurisdiction = self.parts.borrow().head.notice.jurisdiction.clone();
        let index = RefCell::new(units::Index::new(self.rules, jurisdiction.as_deref()));
        let count = RefCell::new(0);
        dataset.serialize_field(
            "tasks",
            &TaskArray {
                parts: &self.parts,
                index: &index,
                count: &count,
            },
        )?;
        let units = index.into_inner().finish();
        dataset.serialize_field("units", &units)?;
        let mut parts = self.parts.borrow_mut();
        let (sections, diagnostics) = parts.finish();
        debug_assert!(sections.is_none_or(|s| s == parts.sections));
        dataset.serialize_field("tables", parts.tables)?;
        dataset.serialize_field("diagnostics", &diagnostics)?;
        *self.written.borrow_mut() = Written {
            tasks: count.into_inner(),
            sections: parts.sections.len(),
            units: units.len(),
            diagnostics,
        };
        dataset.end()
    }
}
