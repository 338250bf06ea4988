//! Fatal errors: the input cannot be read as a task-division notice at all.
//!
//! Anything less than fatal is a [`crate::Diagnostic`] in the dataset instead.

use std::fmt;

/// The input is unusable. [`Error::kind`] says why, [`Error::line`] where (when known).
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// Why the input is unusable.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input has no bytes, or only whitespace.
    Empty,
    /// The input is binary data, not text.
    NotText {
        /// Byte offset of the first byte that gave it away.
        offset: usize,
    },
    /// No table in the input has a header naming a task column.
    NoTaskTable {
        /// How many tables the input has at all.
        tables: usize,
    },
    /// The input is a file of a kind fengong does not read (a PDF, an image, a spreadsheet…).
    UnsupportedFormat {
        /// What it is: `a PDF file`, `an Excel workbook (.xlsx)`…
        format: String,
        /// What to do with it.
        advice: String,
    },
    /// The input is a kind of file fengong reads, but damaged.
    Damaged {
        /// What it is: `a Word document (.docx)`.
        format: String,
        /// What is wrong.
        reason: String,
    },
    /// A pipe table is made of fragments: each row a table of its own, with text lines in
    /// between (what markitdown makes of a PDF).
    FragmentedTable {
        /// 1-based line of the table.
        line: usize,
    },
    /// The task table arrived as paragraphs, a cell each: the converter wrote no table.
    TableAsParagraphs {
        /// 1-based line of its first header cell.
        line: usize,
    },
    /// The task table has a header but no body rows.
    NoTaskRows {
        /// 1-based line of the header row.
        line: usize,
    },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// The 1-based line the error is about, when it is about one.
    pub fn line(&self) -> Option<usize> {
        match *self.0 {
            ErrorKind::NoTaskRows { line }
            | ErrorKind::FragmentedTable { line }
            | ErrorKind::TableAsParagraphs { line } => Some(line),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self.0 {
            ErrorKind::Empty => f.write_str("the input is empty"),
            ErrorKind::NotText { offset } => {
                write!(f, "the input is not text (binary data at byte {offset})")
            }
            ErrorKind::UnsupportedFormat {
                ref format,
                ref advice,
            } => write!(
                f,
                "the input is {format}, which fengong does not read: {advice}"
            ),
            ErrorKind::Damaged {
                ref format,
                ref reason,
            } => write!(f, "the input is {format}, but damaged: {reason}"),
            ErrorKind::NoTaskTable { tables: 0 } => f.write_str(
                "no task table: the input has no markdown table \
                 (a header row such as | 序号 | 目标任务 | 牵头单位 | 责任单位 |), nor a list of \
                 numbered tasks naming their units (1．…（牵头单位：…；责任单位：…）)",
            ),
            ErrorKind::NoTaskTable { tables } => write!(
                f,
                "no task table: none of the {tables} table(s) has a header naming a task column \
                 (目标任务, or a synonym in headers.tsv: `fengong rules --help`), and no list of \
                 numbered tasks names their units (1．…（牵头单位：…）)"
            ),
            ErrorKind::NoTaskRows { line } => {
                write!(f, "the task table at line {line} has a header but no rows")
            }
            ErrorKind::TableAsParagraphs { line } => write!(
                f,
                "no task table: from line {line} its cells stand as paragraphs or lines, one \
                 each (the converter wrote no table, as mammoth's markdown and LibreOffice's \
                 text export do). Read the .docx itself (`fengong extract notice.docx`), or \
                 convert it with pandoc"
            ),
            ErrorKind::FragmentedTable { line } => write!(
                f,
                "the table at line {line} is made of fragments: rows written as tables of their \
                 own, with the text that wrapped in between (what markitdown makes of a PDF); \
                 fengong cannot put it back together reliably. Read the notice's Word file, or \
                 convert the PDF with pymupdf4llm (the README's \"From PDF or Word\" section)"
            ),
        }
    }
}

impl std::error::Error for Error {}
