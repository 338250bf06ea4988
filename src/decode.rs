//! Stage 1: bytes → text.
//!
//! Detects the encoding — a byte-order mark; else UTF-16 by its zero bytes; else UTF-8 when
//! the bytes are UTF-8 but for a few bad sequences; else chardetng's guess (GB18030/GBK, Big5,
//! …) — decodes with encoding_rs, and normalises line endings to `\n`, so that every later
//! stage, and every span in the output, works on one canonical text.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::docx::{self, DocxError};
use crate::error::{Error, ErrorKind, PDF, READS, SAVE, SCAN};
use crate::webpage;
use crate::xlsx;

/// The decoded input.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text: UTF-8, `\n` line endings, no byte-order mark, no NUL.
    pub text: Cow<'a, str>,
    /// Name of the encoding the bytes were in: `UTF-8`, `GB18030`, `UTF-16LE`, `GBK`, …
    pub encoding: String,
    /// Whether the input started with a byte-order mark.
    pub bom: bool,
    /// What could not be decoded: byte offset in `text` of the first U+FFFD put in, and why.
    pub problems: Vec<(usize, String)>,
    /// What the input was: `markdown` (any text), `docx`, `html` (a whole web page).
    pub format: &'static str,
}

/// Share of control characters in the first bytes above which the input counts as binary.
const BINARY_CONTROL_SHARE: f64 = 0.05;
/// How many leading bytes the binary and UTF-16 checks look at.
const PROBE: usize = 8 * 1024;
/// Bad sequences per byte up to which input that is otherwise UTF-8 is read as UTF-8.
const UTF8_ERRORS_PER_BYTE: f64 = 0.001;

/// Decode `bytes`. Fails when they are empty, blank, or binary.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Error> {
    if let Some((format, advice)) = other_format(bytes) {
        return Err(Error::new(ErrorKind::UnsupportedFormat {
            format: format.to_owned(),
            advice: advice.to_owned(),
        }));
    }
    if docx::is_zip(bytes) && xlsx::is_workbook(bytes) {
        let text = xlsx::text(bytes).map_err(|reason| {
            Error::new(ErrorKind::Damaged {
                format: "an Excel workbook (.xlsx)".to_owned(),
                reason,
            })
        })?;
        return made(text, "xlsx");
    }
    if docx::is_zip(bytes) {
        let text = docx::text(bytes).map_err(|e| {
            Error::new(match e {
                DocxError::NotWord(what) => ErrorKind::UnsupportedFormat {
                    format: what.to_owned(),
                    advice: READS.to_owned(),
                },
                DocxError::Damaged(reason) => ErrorKind::Damaged {
                    format: "a Word document (.docx)".to_owned(),
                    reason,
                },
            })
        })?;
        return made(text, "docx");
    }
    let (encoding, bom_len) = match Encoding::for_bom(bytes) {
        Some(found) => found,
        None => (utf16_without_bom(bytes).unwrap_or(UTF_8), 0),
    };
    if encoding == UTF_8 {
        if let Some(offset) = binary_evidence(bytes) {
            return Err(Error::new(ErrorKind::NotText { offset }));
        }
    }
    let body = &bytes[bom_len..];
    // The encoding whose undecodable bytes were replaced, if any were.
    let mut replaced_in = None;
    let (text, encoding) = if encoding != UTF_8 {
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if bom_len == 0 {
            // Zero bytes on one side only: UTF-16 by the look of it, unless the text it
            // decodes to is binary all the same.
            if let Some(offset) = binary_evidence(text.as_bytes()) {
                return Err(Error::new(ErrorKind::NotText { offset }));
            }
        }
        if had_errors {
            replaced_in = Some(encoding);
        }
        (text, encoding)
    } else if let Ok(text) = std::str::from_utf8(body) {
        (Cow::Borrowed(text), UTF_8)
    } else if utf8_errors(body) as f64 <= UTF8_ERRORS_PER_BYTE * body.len() as f64 + 4.0 {
        // UTF-8 with a few bad bytes (a truncated or damaged file): keep what decodes.
        replaced_in = Some(UTF_8);
        (String::from_utf8_lossy(body), UTF_8)
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(body, true);
        // Notices are Chinese: the `cn` domain hint weighs GBK over other legacy encodings.
        let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
        let (text, had_errors) = guess.decode_without_bom_handling(body);
        if had_errors {
            replaced_in = Some(guess);
        }
        (text, guess)
    };
    // Each problem is placed in the text as read, its line endings made `\n`.
    let text = normalise_line_endings(text);
    let mut problems: Vec<(usize, String)> = replaced_in
        .map(|encoding| replaced(&text, encoding))
        .into_iter()
        .collect();
    let text = match memchr::memchr(0, text.as_bytes()) {
        None => text,
        Some(at) => {
            // Each NUL (one byte) becomes a U+FFFD (three): what lies after it moves on.
            for problem in &mut problems {
                problem.0 += 2 * memchr::memchr_iter(0, &text.as_bytes()[..problem.0]).count();
            }
            problems.push((
                at,
                "NUL bytes in the text were replaced with U+FFFD".to_owned(),
            ));
            Cow::Owned(text.replace('\0', "\u{FFFD}"))
        }
    };
    // A whole web page: its text blocks and tables, as markdown. The problems were found in
    // its markup; they are placed at the first U+FFFD of its text (at its start, when the
    // text kept none: the bad bytes were in a script or an attribute).
    let (text, format) = if webpage::is_page(&text) {
        let page = webpage::text(&text);
        let at = page.find('\u{FFFD}').unwrap_or(0);
        for problem in &mut problems {
            problem.0 = at;
        }
        (Cow::Owned(page), "html")
    } else {
        (text, "markdown")
    };
    if text.trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty));
    }
    Ok(Decoded {
        text,
        encoding: encoding.name().to_ascii_uppercase(),
        bom: bom_len > 0,
        problems,
        format,
    })
}

/// What fengong reads, for a message about a file it does not.
/// The text fengong made of a file it reads directly (a Word document, a workbook), in
/// `format`; an error when it holds no text.
fn made(text: String, format: &'static str) -> Result<Decoded<'static>, Error> {
    if text.trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty));
    }
    Ok(Decoded {
        text: Cow::Owned(text),
        encoding: "UTF-8".to_owned(),
        bom: false,
        problems: Vec::new(),
        format,
    })
}

/// What a file that fengong cannot read is, told by its first bytes (a PDF, an image, an old
/// Word file), and what to do with it.
fn other_format(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const SIGNATURES: [(&[u8], &str, &str); 9] = [
        (b"%PDF-", "a PDF file", PDF),
        (b"\x89PNG\r\n\x1a\n", "a PNG image", SCAN),
        (b"\xff\xd8\xff", "a JPEG image", SCAN),
        (b"GIF87a", "a GIF image", SCAN),
        (b"GIF89a", "a GIF image", SCAN),
        (b"II*\0", "a TIFF image", SCAN),
        (b"MM\0*", "a TIFF image", SCAN),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "an old Office file (.doc, .xls or .wps)",
            SAVE,
        ),
        (b"{\\rtf", "an RTF file", SAVE),
    ];
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some(("a WebP image", SCAN));
    }
    SIGNATURES
        .iter()
        .find(|(magic, _, _)| bytes.starts_with(magic))
        .map(|&(_, what, advice)| (what, advice))
}

/// Where the first U+FFFD of `text` is, and a message saying the input was not valid.
fn replaced(text: &str, encoding: &'static Encoding) -> (usize, String) {
    let at = text.find('\u{FFFD}').unwrap_or(0);
    let message = format!(
        "the input is not valid {}; undecodable bytes were replaced with U+FFFD",
        encoding.name().to_ascii_uppercase()
    );
    (at, message)
}

/// How many invalid sequences `bytes` has as UTF-8.
fn utf8_errors(mut bytes: &[u8]) -> usize {
    let mut errors = 0;
    while let Err(e) = std::str::from_utf8(bytes) {
        errors += 1;
        let skip = e.valid_up_to() + e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
        bytes = &bytes[skip..];
    }
    errors
}

/// UTF-16 without a byte-order mark: text in it has a zero byte in most ASCII characters,
/// always on the same side of each pair.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let probe = &bytes[..bytes.len().min(PROBE) & !1];
    memchr::memchr(0, probe)?;
    if probe.len() < 16 {
        return None;
    }
    let pairs = probe.len() / 2;
    let zeros_at = |side: usize| probe.chunks_exact(2).filter(|p| p[side] == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // ASCII line breaks and spaces alone put a zero in a good share of pairs; binary data
    // has zeros on both sides.
    let many = |n: usize| n * 5 >= pairs;
    let few = |n: usize| n * 50 <= pairs;
    if many(odd) && few(even) {
        Some(UTF_16LE)
    } else if many(even) && few(odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The offset of a byte that shows `bytes` to be binary, if they are.
///
/// Text has few control characters besides tab and line endings; UTF-16 text (which is full of
/// NULs) is recognised before this check.
fn binary_evidence(bytes: &[u8]) -> Option<usize> {
    let probe = &bytes[..bytes.len().min(PROBE)];
    let is_control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c);
    // Counted in blocks of 255 with a byte-sized counter, which vectorises.
    let controls: usize = probe
        .chunks(255)
        .map(|block| {
            let n = block.iter().fold(0u8, |n, &b| n + u8::from(is_control(b)));
            usize::from(n)
        })
        .sum();
    if controls as f64 > BINARY_CONTROL_SHARE * probe.len() as f64 {
        probe.iter().position(|&b| is_control(b))
    } else {
        None
    }
}

/// `\r\n` and lone `\r` become `\n`; borrowed when there is nothing to change.
fn normalise_line_endings(text: Cow<'_, str>) -> Cow<'_, str> {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_each_supported_form() {
        let notice = "互政办〔2026〕14号\n| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n";
        let gbk = encoding_rs::GBK.encode(notice).0.into_owned();
        let utf16le: Vec<u8> = notice.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = notice.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let cases: [(&[u8], &str, &str, bool); 7] = [
            (b"a\nb", "a\nb", "UTF-8", false),
            (b"\xEF\xBB\xBFa\r\nb", "a\nb", "UTF-8", true),
            (b"a\rb\r\n", "a\nb\n", "UTF-8", false),
            (b"\xFF\xFEa\x00\n\x00", "a\n", "UTF-16LE", true),
            (&gbk, notice, "GBK", false),
            (&utf16le, notice, "UTF-16LE", false),
            (&utf16be, notice, "UTF-16BE", false),
        ];
        for (bytes, text, encoding, bom) in cases {
            let d = decode(bytes).unwrap();
            assert_eq!(
                (&*d.text, &*d.encoding, d.bom),
                (text, encoding, bom),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn damaged_utf8_stays_utf8_and_says_where() {
        let mut bytes = "| 序号 | 目标任务 |\n".as_bytes().to_vec();
        bytes.push(0xE4); // a character cut short
        bytes.extend_from_slice("\n县发改局\0\n".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(
            &*d.text,
            "| 序号 | 目标任务 |\n\u{FFFD}\n县发改局\u{FFFD}\n"
        );
        let offsets: Vec<usize> = d.problems.iter().map(|p| p.0).collect();
        assert_eq!(offsets, [26, 26 + 3 + 1 + 12]);
    }

    /// Each problem's offset, checked to point at a U+FFFD of the text read.
    fn placed(d: &Decoded<'_>) -> Vec<usize> {
        let offsets: Vec<usize> = d.problems.iter().map(|p| p.0).collect();
        for &at in &offsets {
            assert!(d.text[at..].starts_with('\u{FFFD}'), "{at} in {:?}", d.text);
        }
        offsets
    }

    #[test]
    fn damaged_bytes_are_placed_after_line_endings_are_made_lf() {
        let mut bytes = "| 序号 | 目标任务 |\r\n| 1 | 新建".as_bytes().to_vec();
        bytes.extend_from_slice(&"农".as_bytes()[..2]); // a character cut short
        bytes.extend_from_slice("田 |\r\n".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(placed(&d), [d.text.find('\u{FFFD}').unwrap()]);
        assert!(!d.text.contains('\r'));
    }

    #[test]
    fn damaged_bytes_after_nul_bytes_are_placed_where_they_are_then() {
        let mut bytes = "| 序号 | 目标任务 |\n\0\0| 1 | 新建".as_bytes().to_vec();
        bytes.extend_from_slice(&"农".as_bytes()[..2]);
        bytes.extend_from_slice("田 |\n".as_bytes());
        let d = decode(&bytes).unwrap();
        let first = d.text.find('\u{FFFD}').unwrap();
        let damaged = d.text.rfind('\u{FFFD}').unwrap();
        assert_eq!(placed(&d), [damaged, first]);
    }

    #[test]
    fn damaged_bytes_in_a_web_page_are_placed_in_its_text() {
        let page = |script: &[u8], paragraph: &[u8]| {
            let mut bytes = b"<!DOCTYPE html><html><head><script>var s = \"".to_vec();
            bytes.extend_from_slice(script);
            bytes.extend_from_slice(
                "\";</script></head><body><p>各乡镇人民政府：</p><p>".as_bytes(),
            );
            bytes.extend_from_slice(paragraph);
            bytes.extend_from_slice("</p></body></html>".as_bytes());
            bytes
        };
        let cut = &"培".as_bytes()[..2];
        // The first bad bytes are in the script, which the page's text leaves out: the
        // problem is placed at the damaged character of the text.
        let bytes = page(cut, &["完成".as_bytes(), cut, "训".as_bytes()].concat());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.format, "html");
        assert_eq!(placed(&d).len(), 1);
        // Damaged bytes in the script alone: at the start of the text.
        let bytes = page(cut, "完成培训".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.problems.iter().map(|p| p.0).collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(decode(b"").unwrap_err().kind(), &ErrorKind::Empty);
        assert_eq!(decode(b" \n\t\n").unwrap_err().kind(), &ErrorKind::Empty);
        let binary = [0u8, 1, 2, 3, 0x89, b'P', b'N', b'G'];
        assert_eq!(
            decode(&binary).unwrap_err().kind(),
            &ErrorKind::NotText { offset: 0 }
        );
    }
}
