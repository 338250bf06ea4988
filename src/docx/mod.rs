//! Word `.docx` files read directly: `word/document.xml` (the `zip` and `quick-xml` crates)
//! → the markdown text every later stage reads, with the merges Word records exactly.
//!
//! Paragraphs become markdown paragraphs (ASCII punctuation escaped, so that text is never
//! read as markup); each table becomes an HTML `<table>`, one `<tr>` a line, a cell's
//! paragraphs joined with `<br>`, `w:gridSpan` as `colspan` and a `w:vMerge` run as
//! `rowspan`, which the HTML table reader expands as it does for any converter. A paragraph
//! Word numbers itself (a List Number style, a numbered 序号 column) starts with the number
//! Word shows (`word/numbering.xml`, [`numbering`]). Every line
//! and span of a dataset read from a `.docx` refers to this text: `fengong text FILE` prints
//! it, `fengong::decoded_text` returns it.

mod numbering;

use std::io::Read;

use quick_xml::events::{BytesStart, Event};

use numbering::{Numbering, ParagraphNumbering};

use crate::markup;

/// The most bytes `word/document.xml` may unpack to (a zip bomb stops here).
const MAX_XML_BYTES: u64 = 512 * 1024 * 1024;

/// Whether `bytes` start like a zip archive (a `.docx`, `.xlsx`, …).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Why a zip archive could not be read as a Word document.
#[derive(Debug)]
pub enum DocxError {
    /// Not a Word document: the archive has no `word/document.xml`; what it holds instead.
    NotWord(&'static str),
    /// The archive or its XML is damaged.
    Damaged(String),
}

/// The text of a `.docx` file, as described in the module documentation.
pub fn text(bytes: &[u8]) -> Result<String, DocxError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DocxError::Damaged(format!("the zip archive cannot be read: {e}")))?;
    // A workbook is read before this (`xlsx`); what else a zip archive may be.
    let what = if archive.index_for_name("ppt/presentation.xml").is_some() {
        "a PowerPoint presentation (.pptx)"
    } else if archive.index_for_name("content.xml").is_some() {
        "an OpenDocument file (.odt/.ods); save it as .docx"
    } else {
        "a zip archive that is not a Word document"
    };
    let mut xml = String::new();
    {
        let entry = archive
            .by_name("word/document.xml")
            .map_err(|_| DocxError::NotWord(what))?;
        entry
            .take(MAX_XML_BYTES)
            .read_to_string(&mut xml)
            .map_err(|e| DocxError::Damaged(format!("word/document.xml cannot be read: {e}")))?;
    }
    // The numbering definitions: optional, and a damaged one numbers nothing.
    let mut part = |name: &str| -> Option<String> {
        let mut text = String::new();
        archive
            .by_name(name)
            .ok()?
            .take(MAX_XML_BYTES)
            .read_to_string(&mut text)
            .ok()?;
        Some(text)
    };
    let numbering = Numbering::read(
        part("word/numbering.xml").as_deref(),
        part("word/styles.xml").as_deref(),
    );
    document(&xml, numbering).map_err(DocxError::Damaged)
}

/// A cell as Word writes it: where it starts on the grid, how many grid columns it spans,
/// its merge state and its paragraphs.
#[derive(Debug, Default)]
struct WordCell {
    column: usize,
    span: usize,
    merge: Merge,
    lines: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Merge {
    #[default]
    None,
    /// `<w:vMerge w:val="restart"/>`: the first cell of a vertical merge.
    Restart,
    /// `<w:vMerge/>`: covered by the cell above.
    Continue,
}

#[derive(Debug, Default)]
struct WordRow {
    /// Grid columns left empty before the first cell (`w:gridBefore`).
    before: usize,
    cells: Vec<WordCell>,
}

/// What the XML walk is inside of.
#[derive(Default)]
struct Walk {
    out: String,
    /// Table nesting depth: only the outermost table makes rows; the text of nested ones
    /// goes to the cell that holds them.
    depth: usize,
    rows: Vec<WordRow>,
    /// The paragraph being read, and whether a `w:t` is open.
    paragraph: String,
    in_text: bool,
    in_paragraph: bool,
    /// Word's list definitions and counts, and the numbering properties of the paragraph.
    numbering: Numbering,
    numbered: ParagraphNumbering,
}

/// An attribute's value by its local name (`w:val`, `w:abstractNumId`), trimmed.
fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.trim().to_owned())
        })
}

fn val(e: &BytesStart<'_>) -> Option<String> {
    attr(e, b"val")
}

fn number(e: &BytesStart<'_>) -> usize {
    val(e)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 1000)
}

/// `word/document.xml` → text, numbered paragraphs by `numbering`.
fn document(xml: &str, numbering: Numbering) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut w = Walk {
        numbering,
        ..Walk::default()
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("word/document.xml is not well-formed XML: {e}"))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => w.start(&e, false),
            Event::Empty(e) => w.start(&e, true),
            Event::End(e) => w.end(e.local_name().as_ref()),
            Event::Text(t) if w.in_text => {
                if let Ok(text) = t.decode() {
                    w.paragraph.push_str(&text);
                }
            }
            Event::GeneralRef(r) if w.in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    w.paragraph.push(c);
                } else if let Some(s) = r
                    .decode()
                    .ok()
                    .and_then(|name| quick_xml::escape::resolve_predefined_entity(&name))
                {
                    w.paragraph.push_str(s);
                }
            }
            Event::CData(t) if w.in_text => {
                if let Ok(text) = t.decode() {
                    w.paragraph.push_str(&text);
                }
            }
            _ => {}
        }
    }
    Ok(w.out)
}

impl Walk {
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        match e.local_name().as_ref() {
            b"p" if !empty => {
                self.in_paragraph = true;
                self.paragraph.clear();
                self.numbered = ParagraphNumbering::default();
            }
            b"pStyle" if self.in_paragraph => self.numbered.style = val(e),
            b"numId" if self.in_paragraph => self.numbered.num = val(e),
            b"ilvl" if self.in_paragraph => {
                self.numbered.level = val(e)
                    .and_then(|v| v.trim().parse().ok())
                    .filter(|l| *l < 9);
            }
            b"t" if !empty && self.in_paragraph => self.in_text = true,
            b"br" | b"cr" if self.in_paragraph => self.paragraph.push('\n'),
            b"tab" if self.in_paragraph => self.paragraph.push(' '),
            b"tbl" if !empty => {
                self.depth += 1;
                if self.depth == 1 {
                    self.rows.clear();
                }
            }
            b"tr" if !empty && self.depth == 1 => self.rows.push(WordRow::default()),
            b"gridBefore" if self.depth == 1 => {
                if let Some(row) = self.rows.last_mut() {
                    row.before = number(e);
                }
            }
            b"tc" if !empty && self.depth == 1 => {
                if let Some(row) = self.rows.last_mut() {
                    let column = row.before + row.cells.iter().map(|c| c.span).sum::<usize>();
                    row.cells.push(WordCell {
                        column,
                        span: 1,
                        ..WordCell::default()
                    });
                }
            }
            b"gridSpan" if self.depth == 1 => {
                if let Some(cell) = self.cell() {
                    cell.span = number(e);
                }
            }
            b"vMerge" if self.depth == 1 => {
                if let Some(cell) = self.cell() {
                    cell.merge = match val(e).as_deref() {
                        Some("restart") => Merge::Restart,
                        _ => Merge::Continue,
                    };
                }
            }
            _ => {}
        }
    }

    fn cell(&mut self) -> Option<&mut WordCell> {
        self.rows.last_mut()?.cells.last_mut()
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"t" => self.in_text = false,
            b"p" if self.in_paragraph => {
                self.in_paragraph = false;
                let mut text = std::mem::take(&mut self.paragraph);
                if let Some(label) = self.numbering.label(&self.numbered) {
                    text.insert_str(0, &label);
                }
                if self.depth == 0 {
                    let text = text.trim();
                    if !text.is_empty() {
                        markup::paragraph(&mut self.out, text);
                    }
                } else if let Some(cell) = self.cell() {
                    cell.lines.push(text);
                }
            }
            b"tbl" if self.depth > 0 => {
                self.depth -= 1;
                if self.depth == 0 {
                    let rows = std::mem::take(&mut self.rows);
                    table(&mut self.out, &rows);
                }
            }
            _ => {}
        }
    }
}

/// A table as HTML: `colspan` from `w:gridSpan`, `rowspan` from the `w:vMerge` runs.
fn table(out: &mut String, rows: &[WordRow]) {
    out.push_str("<table>\n");
    for (r, row) in rows.iter().enumerate() {
        out.push_str("<tr>");
        for _ in 0..row.before {
            out.push_str("<td></td>");
        }
        for cell in &row.cells {
            if cell.merge == Merge::Continue && covered(rows, r, cell.column) {
                continue;
            }
            let down = if cell.merge == Merge::Restart {
                rows[r + 1..]
                    .iter()
                    .take_while(|below| {
                        below
                            .cells
                            .iter()
                            .any(|c| c.column == cell.column && c.merge == Merge::Continue)
                    })
                    .count()
            } else {
                0
            };
            out.push_str("<td");
            if cell.span > 1 {
                out.push_str(&format!(" colspan=\"{}\"", cell.span));
            }
            if down > 0 {
                out.push_str(&format!(" rowspan=\"{}\"", down + 1));
            }
            out.push('>');
            let lines: Vec<&str> = cell
                .lines
                .iter()
                .map(|l| l.trim())
                .filter(|l| !l.is_empty())
                .collect();
            markup::escape_html(out, &lines.join("\n"));
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n\n");
}

/// Whether the cell at grid `column` of row `r` continues a vertical merge from a row above
/// (a `w:vMerge` continuation with no run above it is an ordinary empty cell).
fn covered(rows: &[WordRow], r: usize, column: usize) -> bool {
    for row in rows[..r].iter().rev() {
        match row
            .cells
            .iter()
            .find(|c| c.column == column)
            .map(|c| c.merge)
        {
            Some(Merge::Continue) => {}
            Some(Merge::Restart) => return true,
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn tc(props: &str, text: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
    }

    #[test]
    fn paragraphs_and_merges() {
        let xml = format!(
            "<w:document {W}><w:body>{}{}<w:tbl>\
             <w:tr>{}{}{}</w:tr>\
             <w:tr>{}</w:tr>\
             <w:tr>{}{}{}</w:tr>\
             <w:tr>{}{}{}</w:tr>\
             </w:tbl>{}</w:body></w:document>",
            p("云政办〔2027〕8号"),
            p("增长5.5%，A&amp;B"),
            tc("", "序号"),
            tc("", "工作任务"),
            tc("", "牵头单位"),
            tc(r#"<w:gridSpan w:val="3"/>"#, "一、推动产业转型升级"),
            tc("", "1"),
            tc("", "任务一。"),
            tc(r#"<w:vMerge w:val="restart"/>"#, "市工信局"),
            tc("", "2"),
            tc("", "任务二。"),
            tc("<w:vMerge/>", ""),
            p("抄送：市委办公室。"),
        );
        let text = document(&xml, Numbering::default()).unwrap();
        assert_eq!(
            text,
            "云政办〔2027〕8号\n\n增长5\\.5\\%，A\\&B\n\n<table>\n\
             <tr><td>序号</td><td>工作任务</td><td>牵头单位</td></tr>\n\
             <tr><td colspan=\"3\">一、推动产业转型升级</td></tr>\n\
             <tr><td>1</td><td>任务一。</td><td rowspan=\"2\">市工信局</td></tr>\n\
             <tr><td>2</td><td>任务二。</td></tr>\n\
             </table>\n\n抄送：市委办公室。\n\n"
        );
    }

    #[test]
    fn damaged_input_is_an_error() {
        assert!(matches!(
            text(b"PK\x03\x04 not really"),
            Err(DocxError::Damaged(_))
        ));
        assert!(document("<w:document><w:body><w:p>", Numbering::default()).is_ok());
        assert!(document("<w:p></w:t>", Numbering::default()).is_err());
    }
}
