//! Stage 1: bytes → text.
//!
//! Detects the encoding (a byte-order mark, else UTF-8, else GB18030), decodes with
//! encoding_rs, and normalises line endings to `\n`, so that every later stage, and every span
//! in the output, works on one canonical text.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, UTF_8};

use crate::error::{Error, ErrorKind};

/// The decoded input.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text: UTF-8, `\n` line endings, no byte-order mark.
    pub text: Cow<'a, str>,
    /// Name of the encoding the bytes were in: `UTF-8`, `GB18030`, `UTF-16LE` or `UTF-16BE`.
    pub encoding: String,
    /// Whether the input started with a byte-order mark.
    pub bom: bool,
    /// Byte offset in `text` of the first U+FFFD put in for undecodable input, if any.
    pub first_replacement: Option<usize>,
}

/// Share of control characters in the first bytes above which the input counts as binary.
const BINARY_CONTROL_SHARE: f64 = 0.05;
/// How many leading bytes the binary check looks at.
const BINARY_PROBE: usize = 8 * 1024;

/// Decode `bytes`. Fails when they are empty, blank, or binary.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Error> {
    if let Some(offset) = binary_evidence(bytes) {
        return Err(Error::new(ErrorKind::NotText { offset }));
    }
    let (mut encoding, bom_len) = Encoding::for_bom(bytes).unwrap_or((UTF_8, 0));
    let body = &bytes[bom_len..];
    let (text, had_errors): (Cow<'_, str>, bool) = if encoding != UTF_8 {
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        (text, had_errors)
    } else if let Ok(text) = simdutf8::basic::from_utf8(body) {
        (Cow::Borrowed(text), false)
    } else if let Some(text) = (bom_len == 0)
        .then(|| GB18030.decode_without_bom_handling_and_without_replacement(body))
        .flatten()
    {
        encoding = GB18030;
        (text, false)
    } else {
        (String::from_utf8_lossy(body), true)
    };
    let first_replacement = if had_errors {
        text.find('\u{FFFD}')
    } else {
        None
    };
    let text = normalise_line_endings(text);
    if text.trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty));
    }
    Ok(Decoded {
        text,
        encoding: encoding.name().to_ascii_uppercase(),
        bom: bom_len > 0,
        first_replacement,
    })
}

/// The offset of a byte that shows `bytes` to be binary, if they are.
///
/// Text has few control characters besides tab and line endings; UTF-16 text (which is full of
/// NULs) is recognised by its byte-order mark before this check matters.
fn binary_evidence(bytes: &[u8]) -> Option<usize> {
    if Encoding::for_bom(bytes).is_some_and(|(enc, _)| enc != UTF_8) {
        return None;
    }
    let probe = &bytes[..bytes.len().min(BINARY_PROBE)];
    let is_control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c);
    let controls: usize = probe.iter().map(|&b| usize::from(is_control(b))).sum();
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
        let gbk = GB18030.encode("序号").0.into_owned();
        let cases: [(&[u8], &str, &str, bool); 5] = [
            (b"a\nb", "a\nb", "UTF-8", false),
            (b"\xEF\xBB\xBFa\r\nb", "a\nb", "UTF-8", true),
            (b"a\rb\r\n", "a\nb\n", "UTF-8", false),
            (b"\xFF\xFEa\x00\n\x00", "a\n", "UTF-16LE", true),
            (&gbk, "序号", "GB18030", false),
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
