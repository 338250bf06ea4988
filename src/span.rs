//! Locations in the input.
//!
//! The convention, everywhere in fengong: a **line** is 1-based; a **span** is a half-open range
//! of 0-based **byte** offsets into the decoded text (UTF-8, `\n` line endings, no byte-order
//! mark). For a UTF-8 file with `\n` line endings and no BOM that is the file itself.

use std::ops::Range;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` in the decoded text.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// As a `Range` for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// Maps byte offsets to 1-based line numbers.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `starts[0] == 0`.
    starts: Vec<usize>,
    /// The text's length in bytes.
    len: usize,
}

impl LineIndex {
    /// Index the lines of `text` (lines end with `\n`).
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// How many lines the text has, as `str::lines` counts them (a final line break ends the
    /// last line; it does not start another).
    pub fn count(&self) -> usize {
        match self.starts.last() {
            _ if self.len == 0 => 0,
            Some(&last) if last == self.len => self.starts.len() - 1,
            _ => self.starts.len(),
        }
    }

    /// Where each line starts (byte offsets, the first 0).
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// The 1-based line holding byte `offset` (an offset past the end is on the last line).
    pub fn line(&self, offset: usize) -> usize {
        // Line k (0-based) holds the offsets from starts[k] up to starts[k + 1].
        self.starts.partition_point(|&s| s <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_is_that_of_str_lines() {
        for text in ["", "\n", "a", "a\n", "a\nb", "a\n\n", "\n\nb", "a\r\nb\r\n"] {
            assert_eq!(
                LineIndex::new(text).count(),
                text.lines().count(),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn line_agrees_with_a_binary_search_in_any_order(
            text in "[a\n]{0,40}",
            offsets in proptest::collection::vec(0usize..50, 0..20),
        ) {
            let idx = LineIndex::new(&text);
            for offset in offsets {
                let want = idx.starts.partition_point(|&s| s <= offset);
                proptest::prop_assert_eq!(idx.line(offset), want);
            }
        }
    }

    #[test]
    fn lines_are_one_based() {
        let idx = LineIndex::new("ab\ncd\n\nef");
        let cases = [
            (0, 1),
            (2, 1),
            (3, 2),
            (5, 2),
            (6, 3),
            (7, 4),
            (9, 4),
            (100, 4),
        ];
        for (offset, line) in cases {
            assert_eq!(idx.line(offset), line, "offset {offset}");
        }
    }
}
