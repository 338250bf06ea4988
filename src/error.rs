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

impl Error {
    /// What went wrong and what to do, in `lang`; in English this is the error's `Display`.
    pub fn message(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::En => self.to_string(),
            crate::Lang::Zh => self.chinese(),
        }
    }

    /// The Chinese of [`Error::message`].
    fn chinese(&self) -> String {
        let zh = |phrase: &str| {
            crate::decode::chinese_phrase(phrase)
                .unwrap_or(phrase)
                .to_owned()
        };
        match *self.0 {
            ErrorKind::Empty => "输入为空".to_owned(),
            ErrorKind::NotText { offset } => format!("输入不是文本（第 {offset} 字节起为二进制数据）"),
            ErrorKind::UnsupportedFormat {
                ref format,
                ref advice,
            } => format!(
                "输入是 fengong 不读取的文件（{}）：{}",
                zh(format),
                zh(advice)
            ),
            ErrorKind::Damaged {
                ref format,
                ref reason,
            } => format!("输入文件已损坏（{}）：{reason}", zh(format)),
            ErrorKind::NoTaskTable { tables: 0 } => "没有任务表：输入中既没有 markdown 表格（表头如 \
                 | 序号 | 目标任务 | 牵头单位 | 责任单位 |），也没有写明单位的编号任务列表（1．…（牵头单位：…；\
                 责任单位：…））"
                .to_owned(),
            ErrorKind::NoTaskTable { tables } => format!(
                "没有任务表：{tables} 个表格都没有写明任务列的表头（目标任务，或 headers.tsv 中的同义词：\
                 见 `fengong rules --help`），也没有写明单位的编号任务列表（1．…（牵头单位：…））"
            ),
            ErrorKind::NoTaskRows { line } => format!("第 {line} 行的任务表只有表头，没有任务行"),
            ErrorKind::TableAsParagraphs { line } => format!(
                "没有任务表：从第 {line} 行起，表格的单元格逐个成了段落或行（转换工具没有写出表格，\
                 mammoth 的 markdown 和 LibreOffice 的文本导出即如此）。请直接读取 .docx 文件\
                 （`fengong extract notice.docx`），或用 pandoc 转换"
            ),
            ErrorKind::FragmentedTable { line } => format!(
                "第 {line} 行的表格由碎片组成：每行各成一个表格，折行的文字夹在中间（markitdown 转换 PDF \
                 的结果），fengong 无法可靠地复原。请读取通知的 Word 文件，或用 pymupdf4llm 转换 PDF\
                 （见 README 的 From PDF or Word 一节）"
            ),
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
