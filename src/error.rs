//! Fatal errors: the input cannot be read as a task-division notice at all.
//!
//! Anything less than fatal is a [`crate::diagnostic::Diagnostic`] in the dataset instead.

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
        let zh = |phrase: &str| chinese_phrase(phrase).unwrap_or(phrase).to_owned();
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

/// What fengong reads: the advice for a file it does not.
pub(crate) const READS: &str = "fengong reads a Word document (.docx), an Excel workbook (.xlsx), an HTML \
                     page, or markdown from any converter";

/// What to do with a PDF.
pub(crate) const PDF: &str = "read the notice's Word file if you have it, or convert the PDF with \
                   pymupdf4llm, which keeps its task table best of the converters tried \
                   (`python -c \"import pymupdf4llm, sys; \
                   print(pymupdf4llm.to_markdown(sys.argv[1]))\" FILE > notice.md`; the \
                   README's \"From PDF or Word\" section)";

/// What to do with a picture.
pub(crate) const SCAN: &str = "a picture holds no text to read; read the notice's Word file or web \
                    page instead, or run OCR first";

/// What to do with an old Office or OpenDocument file.
pub(crate) const SAVE: &str = "save it as .docx (in Word or LibreOffice: `soffice --headless \
                    --convert-to docx FILE`)";

/// The Chinese of the fixed phrases an [`ErrorKind::UnsupportedFormat`] or
/// [`ErrorKind::Damaged`] is made of (what a file is, what to do with it), for
/// [`Error::message`]; a phrase not here is shown as it is.
fn chinese_phrase(phrase: &str) -> Option<&'static str> {
    const PHRASES: &[(&str, &str)] = &[
        ("a PDF file", "PDF 文件"),
        ("a PNG image", "PNG 图片"),
        ("a JPEG image", "JPEG 图片"),
        ("a GIF image", "GIF 图片"),
        ("a TIFF image", "TIFF 图片"),
        ("a WebP image", "WebP 图片"),
        (
            "an old Office file (.doc, .xls or .wps)",
            "旧版 Office 文件（.doc、.xls 或 .wps）",
        ),
        ("an RTF file", "RTF 文件"),
        ("an Excel workbook (.xlsx)", "Excel 工作簿（.xlsx）"),
        ("a Word document (.docx)", "Word 文档（.docx）"),
        (
            "a PowerPoint presentation (.pptx)",
            "PowerPoint 演示文稿（.pptx）",
        ),
        (
            "an OpenDocument file (.odt/.ods); save it as .docx",
            "OpenDocument 文件（.odt/.ods）；请另存为 .docx",
        ),
        (
            "a zip archive that is not a Word document",
            "不是 Word 文档的 zip 压缩包",
        ),
        (
            READS,
            "fengong 读取 Word 文档（.docx）、Excel 工作簿（.xlsx）、HTML 网页，或任何转换工具写出的 markdown",
        ),
        (
            PDF,
            "如有通知的 Word 文件请读取它，否则用 pymupdf4llm 转换 PDF，它在试过的转换工具中最能保住任务表\
             （`python -c \"import pymupdf4llm, sys; print(pymupdf4llm.to_markdown(sys.argv[1]))\" \
             FILE > notice.md`；见 README 的 From PDF or Word 一节）",
        ),
        (
            SCAN,
            "图片中没有可读的文字；请改读通知的 Word 文件或网页，或先做文字识别（OCR）",
        ),
        (
            SAVE,
            "请另存为 .docx（在 Word 或 LibreOffice 中：`soffice --headless --convert-to docx FILE`）",
        ),
    ];
    PHRASES
        .iter()
        .find(|(en, _)| *en == phrase)
        .map(|&(_, zh)| zh)
}
