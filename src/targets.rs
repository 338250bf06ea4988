//! Stage 4b: the numbers in a task's text → typed [`Target`]s.
//!
//! A task's text is read clause by clause (the text between `，`, `；`, `。`, `：`, `！`, `？`).
//! In a clause, every number followed by a unit of `data/target_units.tsv` is a quantity:
//! `5%`, `14万吨`, `Ⅱ类`, `5%—6%`. The words right before and after it
//! (`data/target_words.tsv`) say what it is:
//!
//! - before it, read backwards: a bound (`不低于`, `突破`), a level (`达到`, `保持在`,
//!   `控制在`, or a change word with `到`: `提高到`), a change (`增长`, `下降`), then lead-ins
//!   (`力争`, `同比`); what is left is the indicator (`地区生产总值`);
//! - after it: a bound (`左右`, `以上`, `以内`).
//!
//! Kind (the rule the README documents):
//! 1. a number with a change, a level or a bound is a **target**;
//! 2. else one right after a size word (`总投资`, `规模`) is a **figure**;
//! 3. else a count of things (`14个`, `2家`) is a **target**: things to build or do;
//! 4. else an amount (`3.4万亩`) is a **target** when an action word stands right before it
//!    (`完成`, `新建`) or nothing follows it in its clause; otherwise it describes the thing
//!    that follows (`15万吨绿色有机肥生产线`) and is a **figure**.
//!
//! A clause with no number is a **qualitative** target when it has a qualitative word
//! (`同步增长`, `省定目标`). Numbers without a unit (years, `青薯9号`), numbers inside
//! quotation marks, ordinals (`第3批`) and Chinese numerals in set phrases (`一户一策`,
//! `两个维护`) are not read.
//!
//! Most of a notice's text holds no target, so the numbers are first found by byte searches
//! that do not decode characters (ASCII digits and numerals in one pass, 32 or 16 bytes at a
//! time; qualitative words as one literal search); only the clauses holding one are read.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::packed::{Config, MatchKind as PackedKind, Searcher};
use aho_corasick::{AhoCorasick, MatchKind};

use crate::dataset::{Bound, Change, Quantity, Target, TargetKind, TextSpan};
use crate::rules::{self, TargetUnit, WordRole};
use crate::text;

/// Characters that end a clause (what `clause_end` finds byte by byte).
#[cfg(test)]
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?' | '\n'
    )
}

/// The whitespace cleaned task text can hold: an ASCII space between two narrow characters
/// (see `text::clean`); the ideographic space too, for text read otherwise.
const SPACES: [char; 2] = [' ', '\u{3000}'];

/// `s` without spaces at its end.
fn spaces_end(s: &str) -> &str {
    s.trim_end_matches(SPACES)
}

/// `s` without spaces at its start.
fn spaces_start(s: &str) -> &str {
    s.trim_start_matches(SPACES)
}

/// `s` without spaces at either end.
fn spaces(s: &str) -> &str {
    s.trim_matches(SPACES)
}

/// Read the targets in a task's (cleaned) text.
#[cfg(test)]
pub fn read(text: &str) -> Vec<Target> {
    Reader::default().read(text)
}

/// Reads targets, task after task, reusing its buffers.
#[derive(Default)]
pub struct Reader {
    /// The numbers with a unit in the text, by start.
    found: Vec<Found>,
    /// Where a number or a qualitative word stands.
    hits: Vec<usize>,
    /// The quoted stretches of the text.
    quoted: Vec<(usize, usize)>,
    /// The words around each number of a clause.
    words: Vec<Words>,
    /// Runs of numbers that share their words (`5.2%、8%左右`).
    groups: Vec<(usize, usize)>,
    /// The targets of the task being read.
    out: Vec<Target>,
}

impl Reader {
    /// Read the targets in a task's (cleaned) text.
    pub fn read(&mut self, text: &str) -> Vec<Target> {
        // Read into a reused buffer, then moved out in one allocation of the exact size.
        let mut out = std::mem::take(&mut self.out);
        out.clear();
        self.read_into(text, &mut out);
        let mut targets = Vec::with_capacity(out.len());
        targets.append(&mut out);
        self.out = out;
        targets
    }

    fn read_into(&mut self, text: &str, out: &mut Vec<Target>) {
        // Where a number with a unit or a qualitative word may stand, found by searches that
        // never decode a character; most task texts have none.
        let found = &mut self.found;
        found.clear();
        quantities(text, found);
        let hits = &mut self.hits;
        hits.clear();
        QUALITATIVE.starts(text, hits);
        if found.is_empty() && hits.is_empty() {
            return;
        }
        // Numbers inside quotation marks (`“三合一”`) are names, not targets.
        quoted_ranges(text, &mut self.quoted);
        if !self.quoted.is_empty() {
            let quoted = &self.quoted;
            found.retain(|f| !quoted.iter().any(|&(s, e)| s < f.start && f.start < e));
        }
        found.sort_unstable_by_key(|f| f.start);
        hits.extend(found.iter().map(|f| f.start));
        hits.sort_unstable();
        // Each clause with a hit, once, with the numbers in it.
        let bytes = text.as_bytes();
        let mut done = 0;
        for &hit in &*hits {
            if hit < done {
                continue;
            }
            let start = clause_start(bytes, hit);
            let (end, next) = clause_end(bytes, hit);
            let first = found.partition_point(|f| f.start < start);
            let last = found.partition_point(|f| f.start < end);
            let clause = Clause { text, start, end };
            clause.read(&found[first..last], &mut self.words, &mut self.groups, out);
            done = next;
        }
    }
}

/// A clause of a task's text: `text[start..end]`.
#[derive(Clone, Copy)]
struct Clause<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

/// Where the clause holding byte `at` starts: after the clause punctuation before it.
fn clause_start(bytes: &[u8], at: usize) -> usize {
    let mut i = at;
    // The last byte of clause punctuation: 。 ends in 82, ，；：！？ in 8C 9B 9A 81 9F.
    while let Some(n) = bytes[..i].iter().rposition(|b| {
        matches!(
            b,
            0x82 | 0x8C | 0x9B | 0x9A | 0x81 | 0x9F | b',' | b';' | b':' | b'!' | b'?' | b'\n'
        )
    }) {
        let ends = match bytes[..=n] {
            [.., 0xE3, 0x80, 0x82] | [.., 0xEF, 0xBC, 0x8C | 0x9B | 0x9A | 0x81 | 0x9F] => true,
            [.., b] => b.is_ascii(),
            [] => false,
        };
        if ends {
            return n + 1;
        }
        i = n;
    }
    0
}

/// Where the clause starting at `from` ends, and where the next one starts.
fn clause_end(bytes: &[u8], from: usize) -> (usize, usize) {
    let mut i = from;
    // Clause punctuation is ASCII or starts with byte E3 (。) or EF (，；：！？).
    while let Some(n) = bytes[i..]
        .iter()
        .position(|b| matches!(b, 0xE3 | 0xEF | b',' | b';' | b':' | b'!' | b'?' | b'\n'))
    {
        i += n;
        let len = match &bytes[i..] {
            [0xE3, 0x80, 0x82, ..] => 3,
            [0xEF, 0xBC, 0x8C | 0x9B | 0x9A | 0x81 | 0x9F, ..] => 3,
            [0xE3 | 0xEF, ..] => 0,
            _ => 1,
        };
        if len > 0 {
            return (i, i + len);
        }
        i += 3;
    }
    (bytes.len(), bytes.len())
}

/// Byte ranges inside quotation marks (“…”, 「…」, 『…』, "…"), into `out`.
fn quoted_ranges(text: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    // The marks are `"` and three-byte characters starting E2 80 (“ ”) or E3 80 (「 」 『 』):
    // the bytes after a lead found by memchr say which, without decoding.
    let bytes = text.as_bytes();
    let mut open: Option<(usize, u8)> = None;
    for i in memchr::memchr3_iter(0xE2, 0xE3, b'"', bytes) {
        let mark = match bytes[i..] {
            [b'"', ..] => b'"',
            [0xE2, 0x80, m @ (0x9C | 0x9D), ..] | [0xE3, 0x80, m @ 0x8C..=0x8F, ..] => m,
            _ => continue,
        };
        match (open, mark) {
            // “ 9C, 「 8C, 『 8E open; ” 9D, 」 8D, 』 8F close the one before them.
            (None, b'"' | 0x9C | 0x8C | 0x8E) => open = Some((i, mark)),
            (Some((s, b'"')), b'"') => {
                out.push((s, i));
                open = None;
            }
            (Some((s, o)), c) if o != b'"' && c == o + 1 => {
                out.push((s, i));
                open = None;
            }
            _ => {}
        }
    }
}

/// A number with its unit, found in a clause. Offsets are bytes in the task text.
#[derive(Clone, Debug)]
struct Found {
    start: usize,
    end: usize,
    value: Option<Quantity>,
    min: Option<Quantity>,
    max: Option<Quantity>,
    unit: TargetUnit,
    /// Written in Chinese numerals (`三所`).
    chinese: bool,
}

/// What the words around a number say.
#[derive(Clone, Debug, Default)]
struct Words {
    change: Option<Change>,
    level: bool,
    /// A bound written before the number (or implied by a level word: 控制在).
    before: Option<Bound>,
    /// A bound written after it.
    after: Option<Bound>,
    /// Where the words before the number start (the indicator ends there).
    phrase_start: usize,
    /// Where the bound after the number ends.
    phrase_end: usize,
    /// The indicator's byte range, if the clause names one.
    indicator: Option<(usize, usize)>,
    /// A size word stands right before the number.
    size: bool,
    /// An action word stands right before the number (after the indicator is taken off).
    action: bool,
    /// Nothing but a bound follows the number in its clause.
    last_in_clause: bool,
}

impl Clause<'_> {
    /// Read the targets of the clause, whose numbers are `found`, into `out`.
    fn read(
        self,
        found: &[Found],
        words: &mut Vec<Words>,
        groups: &mut Vec<(usize, usize)>,
        out: &mut Vec<Target>,
    ) {
        let Clause { text, start, end } = self;
        let clause = &text[start..end];
        if found.is_empty() {
            if let Some(t) = qualitative(text, start, end) {
                out.push(t);
            }
            return;
        }
        let listed = clause.contains("分别");
        words.clear();
        for (k, f) in found.iter().enumerate() {
            let prev_end = if k == 0 {
                start
            } else {
                words[k - 1].phrase_end
            };
            let next_start = found.get(k + 1).map_or(end, |n| n.start);
            words.push(around(text, prev_end, f, next_start, end, listed));
        }
        // A list `5.2%、8%左右` (the numbers apart by 、 or 和 only) shares the words before its
        // first number and the bound after its last.
        groups.clear();
        for k in 0..found.len() {
            let joined = k > 0 && {
                let between = text[words[k - 1].phrase_end..found[k].start].trim();
                matches!(between, "、" | "和" | "及" | "与")
            };
            match groups.last_mut() {
                Some((_, last)) if joined => *last = k,
                _ => groups.push((k, k)),
            }
        }
        for &(first, last) in &*groups {
            let head = words[first].clone();
            let tail_bound = words[last].after;
            // Only a clause with 分别 pairs the parts of an indicator list with its numbers.
            let parts = head
                .indicator
                .filter(|_| listed)
                .map(|(s, e)| split_list(&text[s..e], s))
                .filter(|p| p.len() == last - first + 1);
            for k in first..=last {
                let w = &mut words[k];
                if k > first {
                    w.change = head.change;
                    w.level = head.level;
                    w.before = head.before;
                    w.indicator = head.indicator;
                    w.phrase_start = head.phrase_start;
                    w.size = head.size;
                    w.action = head.action;
                }
                if k < last && w.after.is_none() {
                    w.after = tail_bound;
                }
                if let Some(parts) = &parts {
                    w.indicator = Some(parts[k - first]);
                }
            }
        }
        for (f, w) in found.iter().zip(&*words) {
            out.extend(target(text, clause, f, w));
        }
    }
}

/// The parts of an indicator list `A、B` with their byte ranges.
fn split_list(indicator: &str, at: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = 0;
    for (i, c) in indicator.char_indices().chain([(indicator.len(), '、')]) {
        if c == '、' {
            out.push((at + s, at + i));
            s = i + c.len_utf8();
        }
    }
    out
}

/// The number with a unit starting at byte `at` of `s`, unless `at` is inside another word:
/// after a letter, a digit, a point, a Chinese numeral or 第 (`G20`, `第3批`).
fn found_at(s: &str, at: usize) -> Option<Found> {
    let inside = s[..at].chars().next_back().is_some_and(|p| {
        p.is_ascii_alphanumeric() || p == '.' || p == '第' || is_chinese_numeral(p)
    });
    if inside {
        return None;
    }
    let (start, end, value, min, max, unit, chinese) = quantity_at(s, at)?;
    Some(Found {
        start,
        end,
        value,
        min,
        max,
        unit,
        chinese,
    })
}

/// The numbers with a unit (`5%`, `14万吨`, `5%—6%`, `三所`, `五万亩`, `Ⅱ类`), added to
/// `found`. Digits and numerals are read on their own (each search resumes after what it
/// read), from the positions `scan_blocks` finds.
fn quantities(s: &str, found: &mut Vec<Found>) {
    let (mut after_digits, mut after_numerals) = (0, 0);
    let mut read = |mut mask: u32, block: usize, resume: &mut usize| {
        while mask != 0 {
            let i = block + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            if i < *resume {
                continue;
            }
            *resume = match found_at(s, i) {
                Some(f) => {
                    let end = f.end;
                    found.push(f);
                    end
                }
                // Past this number.
                None => number_at(s, i).map_or(i + 1, |(_, after)| after),
            };
        }
    };
    scan_blocks(s.as_bytes(), |block, digits, numerals| {
        read(digits, block, &mut after_digits);
        read(numerals, block, &mut after_numerals);
    });
}

/// Calls `visit(start, digits, numerals)` for each block of `bytes` that holds either, in
/// order: bit `k` of `digits` is set when byte `start + k` is an ASCII digit, of `numerals`
/// when a numeral that can start a quantity begins there (the UTF-8 bytes of
/// 一二两三四五六七八九十百千 and Ⅰ–Ⅵ). Blocks are 32 bytes with AVX2, else 16; the comparisons
/// run on all of a block's bytes at once. Most of a task's text holds neither, and is passed
/// over at that speed.
fn scan_blocks(bytes: &[u8], mut visit: impl FnMut(usize, u32, u32)) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked just above.
        unsafe { scan_blocks_avx2(bytes, &mut visit) };
        return;
    }
    scan_blocks16(bytes, &mut visit);
}

/// [`scan_blocks`] 16 bytes a block, with [`starts16`].
fn scan_blocks16(bytes: &[u8], visit: &mut impl FnMut(usize, u32, u32)) {
    let mut block = 0;
    while block < bytes.len() {
        let (digits, numerals) = starts16(&window(bytes, block));
        if digits | numerals != 0 {
            visit(block, u32::from(digits), u32::from(numerals));
        }
        block += 16;
    }
}

/// The `N` bytes of `bytes` from `at`, zeros past its end.
fn window<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut w = [0u8; N];
    let rest = &bytes[at.min(bytes.len())..];
    let n = rest.len().min(N);
    w[..n].copy_from_slice(&rest[..n]);
    w
}

/// The numeral test of `starts16` and `scan_blocks_avx2`, on vectors of the first, second
/// and third bytes of each position, with the vector operations given as closures.
macro_rules! numeral_starts {
    ($a:ident, $b:ident, $c:ident, $is:ident, $and:ident, $or:ident, $within:ident) => {{
        // 一七三两 E4 B8 (80 83 89 A4), 九 E4 B9 9D, 二五 E4 BA (8C 94).
        let e4 = $and(
            $is($a, 0xE4),
            $or(
                $or(
                    $and(
                        $is($b, 0xB8),
                        $or(
                            $or($is($c, 0x80), $is($c, 0x83)),
                            $or($is($c, 0x89), $is($c, 0xA4)),
                        ),
                    ),
                    $and($is($b, 0xB9), $is($c, 0x9D)),
                ),
                $and($is($b, 0xBA), $or($is($c, 0x8C), $is($c, 0x94))),
            ),
        );
        // 六八 E5 85 (AD AB), 十千 E5 8D (81 83), 四 E5 9B 9B.
        let e5 = $and(
            $is($a, 0xE5),
            $or(
                $or(
                    $and($is($b, 0x85), $or($is($c, 0xAD), $is($c, 0xAB))),
                    $and($is($b, 0x8D), $or($is($c, 0x81), $is($c, 0x83))),
                ),
                $and($is($b, 0x9B), $is($c, 0x9B)),
            ),
        );
        // 百 E7 99 BE; Ⅰ–Ⅵ E2 85 A0–A5.
        let other = $or(
            $and($and($is($a, 0xE7), $is($b, 0x99)), $is($c, 0xBE)),
            $and($and($is($a, 0xE2), $is($b, 0x85)), $within($c, 0xA0, 5)),
        );
        $or($or(e4, e5), other)
    }};
}

/// [`scan_blocks`] with AVX2, 32 bytes a block.
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn scan_blocks_avx2(bytes: &[u8], visit: &mut impl FnMut(usize, u32, u32)) {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_min_epu8,
        _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8, _mm256_sub_epi8,
    };
    let mut block = 0;
    while block < bytes.len() {
        // A numeral at the block's last bytes is read with the two bytes after them.
        let padded: [u8; 34];
        let w: &[u8] = match bytes.get(block..block + 34) {
            Some(w) => w,
            None => {
                padded = window(bytes, block);
                &padded
            }
        };
        // SAFETY: the loads read bytes 0–31, 1–32 and 2–33 of the 34 bytes of `w`; AVX2 is
        // enabled on this function.
        let (digits, numerals) = unsafe {
            let p = w.as_ptr();
            let (a, b, c) = (
                _mm256_loadu_si256(p.cast::<__m256i>()),
                _mm256_loadu_si256(p.add(1).cast::<__m256i>()),
                _mm256_loadu_si256(p.add(2).cast::<__m256i>()),
            );
            let is = |v: __m256i, x: u8| _mm256_cmpeq_epi8(v, _mm256_set1_epi8(x as i8));
            let and = |x: __m256i, y: __m256i| _mm256_and_si256(x, y);
            let or = |x: __m256i, y: __m256i| _mm256_or_si256(x, y);
            // `first ..= first + len`, as one unsigned comparison.
            let within = |v: __m256i, first: u8, len: u8| {
                let d = _mm256_sub_epi8(v, _mm256_set1_epi8(first as i8));
                _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(len as i8)), d)
            };
            let numerals = numeral_starts!(a, b, c, is, and, or, within);
            (
                _mm256_movemask_epi8(within(a, b'0', 9)) as u32,
                _mm256_movemask_epi8(numerals) as u32,
            )
        };
        if digits | numerals != 0 {
            visit(block, digits, numerals);
        }
        block += 32;
    }
}

/// Digits and numeral starts among the first sixteen bytes of `w` (see [`scan_blocks`]),
/// with SSE2.
#[cfg(target_arch = "x86_64")]
fn starts16(w: &[u8; 18]) -> (u16, u16) {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8, _mm_sub_epi8,
    };
    // SAFETY: SSE2 is part of every x86_64 target; the three unaligned loads read bytes 0–15,
    // 1–16 and 2–17 of the 18-byte array.
    unsafe {
        let p = w.as_ptr();
        let (a, b, c) = (
            _mm_loadu_si128(p.cast::<__m128i>()),
            _mm_loadu_si128(p.add(1).cast::<__m128i>()),
            _mm_loadu_si128(p.add(2).cast::<__m128i>()),
        );
        let is = |v: __m128i, x: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(x as i8));
        let and = |x: __m128i, y: __m128i| _mm_and_si128(x, y);
        let or = |x: __m128i, y: __m128i| _mm_or_si128(x, y);
        let within = |v: __m128i, first: u8, len: u8| {
            let d = _mm_sub_epi8(v, _mm_set1_epi8(first as i8));
            _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(len as i8)), d)
        };
        let numerals = numeral_starts!(a, b, c, is, and, or, within);
        (
            _mm_movemask_epi8(within(a, b'0', 9)) as u16,
            _mm_movemask_epi8(numerals) as u16,
        )
    }
}

/// [`starts16`] a position at a time: the reference the vector versions are tested against,
/// and the version for other targets.
#[cfg_attr(target_arch = "x86_64", cfg(test))]
fn starts16_scalar(w: &[u8; 18]) -> (u16, u16) {
    let (mut digits, mut numerals) = (0u16, 0u16);
    let is = |v: u8, x: u8| v == x;
    let and = |x: bool, y: bool| x & y;
    let or = |x: bool, y: bool| x | y;
    let within = |v: u8, first: u8, len: u8| v.wrapping_sub(first) <= len;
    for k in 0..16 {
        let (a, b, c) = (w[k], w[k + 1], w[k + 2]);
        digits |= u16::from(a.is_ascii_digit()) << k;
        numerals |= u16::from(numeral_starts!(a, b, c, is, and, or, within)) << k;
    }
    (digits, numerals)
}

#[cfg(not(target_arch = "x86_64"))]
use starts16_scalar as starts16;

/// A numeral a quantity can start with: Chinese (not 〇 or 零, which only stand inside a
/// number) or Roman.
#[cfg(test)]
fn is_numeral_start(c: char) -> bool {
    (is_chinese_numeral(c) && !matches!(c, '〇' | '零')) || is_roman(c)
}

/// Qualitative words (`data/target_words.tsv`), as one literal search (leftmost, longest
/// first, as a regex alternation of them would find).
static QUALITATIVE: LazyLock<Literals> = LazyLock::new(|| {
    Literals::new(
        rules::TARGET_WORDS_BY_LENGTH
            .iter()
            .filter(|(role, _, _)| *role == WordRole::Qualitative)
            .map(|(_, w, _)| *w),
    )
});

/// A search for any of a few words, leftmost-first. Searched for in every task text, most of
/// them short: aho-corasick's packed (SIMD) searcher costs least per call; where it cannot be
/// built (too many words, no SIMD on the target) the general automaton does the same search.
enum Literals {
    Packed(Searcher),
    General(AhoCorasick),
}

impl Literals {
    fn new<'w>(words: impl Iterator<Item = &'w str> + Clone) -> Self {
        let packed = Config::new()
            .match_kind(PackedKind::LeftmostFirst)
            .builder()
            .extend(words.clone())
            .build();
        packed.map_or_else(
            || {
                Literals::General(
                    AhoCorasick::builder()
                        .match_kind(MatchKind::LeftmostFirst)
                        .build(words)
                        .expect("literal words build"),
                )
            },
            Literals::Packed,
        )
    }

    /// Where each match starts, leftmost-first, into `out`.
    fn starts(&self, text: &str, out: &mut Vec<usize>) {
        match self {
            Literals::Packed(s) => out.extend(s.find_iter(text).map(|m| m.start())),
            Literals::General(a) => out.extend(a.find_iter(text).map(|m| m.start())),
        }
    }

    fn is_match(&self, text: &str) -> bool {
        match self {
            Literals::Packed(s) => s.find(text).is_some(),
            Literals::General(a) => a.is_match(text),
        }
    }
}

/// A quantity starting at byte `i` of `s`: its start and end, value, range ends, unit, and
/// whether it is written in Chinese numerals.
type Quantityish = (
    usize,
    usize,
    Option<Quantity>,
    Option<Quantity>,
    Option<Quantity>,
    TargetUnit,
    bool,
);

fn quantity_at(s: &str, i: usize) -> Option<Quantityish> {
    let (a, j) = number_at(s, i)?;
    let j = skip_spaces(s, j);
    let unit_a = unit_at(s, j);
    let after_a = unit_a.map_or(j, |(_, e)| e);
    // A range: `5%—6%`, `8-10%`, `3至5万吨`.
    let k = skip_spaces(s, after_a);
    let range = s[k..]
        .chars()
        .next()
        .filter(|c| matches!(c, '—' | '–' | '－' | '-' | '~' | '～' | '至'))
        .and_then(|sep| {
            let m = skip_spaces(s, k + sep.len_utf8());
            let (b, n) = number_at(s, m)?;
            let n = skip_spaces(s, n);
            let (unit, e) = unit_at(s, n)?;
            Some((b, unit, e))
        });
    let chinese = a.starts_with(|c: char| is_chinese_numeral(c));
    match (unit_a, range) {
        (_, Some((b, unit, e))) => {
            if unit_a.is_some_and(|(u, _)| u.unit != unit.unit) {
                return None;
            }
            let lo = number(a, &unit)?;
            let hi = number(b, &unit)?;
            Some((i, e, None, Some(lo), Some(hi), unit, chinese))
        }
        (Some((unit, e)), None) => {
            let v = number(a, &unit)?;
            Some((i, e, Some(v), None, None, unit, chinese))
        }
        (None, None) => None,
    }
}

/// The number written at byte `i` of `s` (Arabic with an optional decimal part, a run of
/// Chinese numerals, or one Roman numeral) and where it ends.
fn number_at(s: &str, i: usize) -> Option<(&str, usize)> {
    let c = s[i..].chars().next()?;
    let bytes = s.as_bytes();
    let end = if c.is_ascii_digit() {
        let digits = |from: usize| {
            bytes[from..]
                .iter()
                .position(|b| !b.is_ascii_digit())
                .map_or(bytes.len(), |n| from + n)
        };
        let j = digits(i);
        if bytes.get(j) == Some(&b'.') && bytes.get(j + 1).is_some_and(u8::is_ascii_digit) {
            digits(j + 1)
        } else {
            j
        }
    } else if is_roman(c) {
        i + c.len_utf8()
    } else if is_chinese_numeral(c) {
        s[i..]
            .char_indices()
            .find(|&(_, c)| !is_chinese_numeral(c))
            .map_or(s.len(), |(n, _)| i + n)
    } else {
        return None;
    };
    Some((&s[i..end], end))
}

/// Past the spaces at byte `i` of `s`.
fn skip_spaces(s: &str, i: usize) -> usize {
    i + s[i..].len() - s[i..].trim_start_matches([' ', '\u{3000}']).len()
}

/// The longest target unit at byte `i` of `s`, and where it ends.
fn unit_at(s: &str, i: usize) -> Option<(TargetUnit, usize)> {
    let rest = &s[i..];
    rules::TARGET_UNITS_BY_FIRST
        .get(&rest.chars().next()?)?
        .iter()
        .find(|u| rest.starts_with(u.unit))
        .map(|u| (*u, i + u.unit.len()))
}

/// Whether `c` is one of the Chinese numerals a target's number is written with.
fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
    )
}

/// Whether `c` is a Roman numeral (as quality classes are written: Ⅱ类).
fn is_roman(c: char) -> bool {
    matches!(c, 'Ⅰ'..='Ⅵ')
}

/// The value of a number as written before `unit`: Arabic (`5.5`), Chinese (`十二`) or, for
/// a class (`类`), Roman (`Ⅱ`). `None` for what is not read as a number: a Chinese numeral
/// before a unit marked `arabic` in `data/target_units.tsv`, or standing alone as 一, 两, 百
/// or 千 (set phrases: `两个维护`, `一户一策`, `千家万户`).
fn number(s: &str, unit: &TargetUnit) -> Option<Quantity> {
    let first = s.chars().next()?;
    if first.is_ascii_digit() {
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        if int.len() + frac.len() > 17 || frac.len() > 9 {
            return None;
        }
        let mantissa = int.bytes().chain(frac.bytes()).try_fold(0i64, |n, d| {
            Some(n * 10 + i64::from(d.checked_sub(b'0').filter(|d| *d < 10)?))
        })?;
        return Some(Quantity {
            mantissa,
            scale: u8::try_from(frac.len()).ok()?,
        });
    }
    if let Some(n) = "ⅠⅡⅢⅣⅤⅥ".chars().position(|r| r == first) {
        return (unit.unit == "类" && s.chars().count() == 1).then_some(Quantity {
            mantissa: n as i64 + 1,
            scale: 0,
        });
    }
    if !unit.chinese || matches!(s, "一" | "两" | "百" | "千" | "〇" | "零") {
        return None;
    }
    let n = text::chinese_numeral(&s.replace('两', "二"))?;
    Some(Quantity {
        mantissa: i64::from(n),
        scale: 0,
    })
}

/// Read the words around number `f`: backwards from it to `from` (the end of the previous
/// number's words, or the clause start), forwards to `next` (the next number or the clause
/// end `end`).
fn around(text: &str, from: usize, f: &Found, next: usize, end: usize, listed: bool) -> Words {
    let mut w = Words::default();
    // The number's own stretch of the clause: after the last 、 before it, unless the clause
    // lists values with 分别 (then its indicator may be a list: 城镇、农村居民收入).
    let mut from = from;
    if !listed {
        if let Some(i) = text[from..f.start].rfind('、') {
            from += i + '、'.len_utf8();
        }
    }
    // Backwards: bounds, levels, changes, lead-ins, 的.
    let mut head = spaces_end(&text[from..f.start]);
    loop {
        let endings = rules::Endings::of(head);
        let ending = |role| endings.word(role);
        if let Some((word, bound)) = ending(WordRole::Before) {
            w.before = w.before.or(bound);
            head = spaces_end(&head[..head.len() - word.len()]);
        } else if let Some(rest) = head
            .strip_suffix(['到', '至'])
            .filter(|r| change_ending(r).is_some())
        {
            let (word, _) = change_ending(rest).unwrap_or(("", Change::Increase));
            w.level = true;
            head = spaces_end(&rest[..rest.len() - word.len()]);
        } else if let Some((word, bound)) = ending(WordRole::Level) {
            w.level = true;
            w.before = w.before.or(bound);
            head = spaces_end(&head[..head.len() - word.len()]);
        } else if let Some((word, change)) = change_of(&endings) {
            w.change = w.change.or(Some(change));
            head = spaces_end(&head[..head.len() - word.len()]);
        } else if let Some((word, _)) = ending(WordRole::LeadIn) {
            head = spaces_end(&head[..head.len() - word.len()]);
        } else if let Some(rest) = head.strip_suffix('的') {
            head = spaces_end(rest);
        } else {
            break;
        }
    }
    w.phrase_start = from + head.len();
    w.size = rules::target_word_ending(head, WordRole::Size).is_some();
    // The indicator: what is left, without lead-ins (力争, 全年) in front.
    let mut core_start = from;
    loop {
        let core = spaces_start(&text[core_start..w.phrase_start]);
        core_start = w.phrase_start - core.len();
        match rules::target_word_starting(core, WordRole::LeadIn) {
            Some((word, _)) if word.len() < core.len() => core_start += word.len(),
            _ => break,
        }
    }
    let core = &text[core_start..w.phrase_start];
    // `南门峡等6个…项目`: the number counts what follows, like an action's.
    w.action = core.is_empty()
        || core.ends_with('等')
        || rules::target_word_ending(core, WordRole::Action).is_some();
    // Forwards: a bound, then what follows up to the next 、 or number.
    let rest = &text[f.end..next];
    let trimmed = spaces_start(rest);
    let mut after_end = f.end + (rest.len() - trimmed.len());
    if let Some((word, bound)) = rules::target_word_starting(trimmed, WordRole::After) {
        w.after = bound;
        after_end += word.len();
    } else {
        after_end = f.end;
    }
    w.phrase_end = after_end;
    let following = &text[after_end..next.min(end)];
    let following_end = after_end + following.find('、').unwrap_or(following.len());
    let noun = spaces(&text[after_end..following_end]);
    let noun = spaces(noun.strip_prefix('的').unwrap_or(noun));
    w.last_in_clause = noun.is_empty();
    // An action before the number (完成253公里乡村公路…): the indicator is what follows it.
    let by_words = w.change.is_some() || w.level || w.before.is_some() || w.after.is_some();
    let indicator = if !noun.is_empty()
        && (w.action || (!by_words && !w.last_in_clause && !f.unit.count && !w.size))
    {
        // `noun` is a slice of `text`: its offset is where it starts.
        let s = noun.as_ptr() as usize - text.as_ptr() as usize;
        Some((s, s + noun.len()))
    } else {
        // Without the action words in front (新建高标准农田 → 高标准农田).
        let mut s = core_start;
        while let Some((word, _)) =
            rules::target_word_starting(&text[s..w.phrase_start], WordRole::Action)
        {
            if word.len() >= w.phrase_start - s {
                break;
            }
            s += word.len();
        }
        (s < w.phrase_start).then_some((s, w.phrase_start))
    };
    w.indicator = indicator;
    w
}

/// The change word `text` ends with.
fn change_ending(text: &str) -> Option<(&'static str, Change)> {
    change_of(&rules::Endings::of(text))
}

/// The change word among `endings`.
fn change_of(endings: &rules::Endings<'_>) -> Option<(&'static str, Change)> {
    endings
        .word(WordRole::Increase)
        .map(|(w, _)| (w, Change::Increase))
        .or_else(|| {
            endings
                .word(WordRole::Decrease)
                .map(|(w, _)| (w, Change::Decrease))
        })
}

/// Build the target for number `f`.
fn target(text: &str, clause: &str, f: &Found, w: &Words) -> Option<Target> {
    let bound = w.after.or(w.before).unwrap_or(Bound::Exact);
    // A Chinese numeral counts only with words that make it a target (新建三所, 增长三成) or
    // at the end of its clause; otherwise it names something (中央八项规定).
    let by_words = w.change.is_some() || w.level || bound != Bound::Exact;
    if f.chinese && !(by_words || w.action || w.last_in_clause) {
        return None;
    }
    let kind = if w.change.is_some() || w.level || bound != Bound::Exact {
        TargetKind::Target
    } else if w.size {
        TargetKind::Figure
    } else if f.unit.count || w.action || w.last_in_clause {
        TargetKind::Target
    } else {
        TargetKind::Figure
    };
    let (span_start, span_end) = match w.indicator {
        Some((s, e)) => (s.min(w.phrase_start).min(f.start), e.max(w.phrase_end)),
        None => (w.phrase_start.min(f.start), w.phrase_end),
    };
    Some(Target {
        kind,
        indicator: w
            .indicator
            .map(|(s, e)| text[s..e].trim().to_owned())
            .filter(|i| !i.is_empty()),
        change: w.change,
        value: f.value,
        min: f.min,
        max: f.max,
        unit: Some(Cow::Borrowed(if f.unit.unit == "％" {
            "%"
        } else {
            f.unit.unit
        })),
        base_value: f.value.and_then(|v| v.times(f.unit.factor)),
        base_unit: Some(Cow::Borrowed(f.unit.base)),
        bound,
        text: clause.trim().to_owned(),
        span: chars_span(text, span_start, span_end),
    })
}

/// A clause with no number that sets a target: `居民人均可支配收入与经济保持同步增长`.
fn qualitative(text: &str, start: usize, end: usize) -> Option<Target> {
    let clause = &text[start..end];
    if !QUALITATIVE.is_match(clause) {
        return None;
    }
    // The indicator runs up to the first word that says how it should move.
    let stop = clause
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| {
            let rest = &clause[i..];
            rest.starts_with('与')
                || rest.starts_with('同')
                || [
                    WordRole::Level,
                    WordRole::Increase,
                    WordRole::Decrease,
                    WordRole::Before,
                    WordRole::Action,
                ]
                .into_iter()
                .any(|role| rules::target_word_starting(rest, role).is_some())
        })
        .unwrap_or(clause.len());
    let mut head = clause[..stop].trim();
    while let Some((word, _)) = rules::target_word_starting(head, WordRole::LeadIn) {
        if word.len() >= head.len() {
            break;
        }
        head = head[word.len()..].trim_start();
    }
    let change = if rules::has_target_word(clause, WordRole::Increase) {
        Some(Change::Increase)
    } else if rules::has_target_word(clause, WordRole::Decrease) {
        Some(Change::Decrease)
    } else {
        None
    };
    let bound = rules::TARGET_WORDS_BY_LENGTH
        .iter()
        .filter(|(role, word, _)| {
            matches!(role, WordRole::Level | WordRole::Before | WordRole::After)
                && clause.contains(word)
        })
        .find_map(|&(_, _, b)| b)
        .unwrap_or(Bound::Exact);
    let trimmed = clause.trim();
    let lead = clause.len() - clause.trim_start().len();
    Some(Target {
        kind: TargetKind::Qualitative,
        indicator: (!head.is_empty()).then(|| head.to_owned()),
        change,
        value: None,
        min: None,
        max: None,
        unit: None,
        base_value: None,
        base_unit: None,
        bound,
        text: trimmed.to_owned(),
        span: chars_span(text, start + lead, start + lead + trimmed.len()),
    })
}

/// Byte offsets in `text` as character offsets.
fn chars_span(text: &str, start: usize, end: usize) -> TextSpan {
    let start_chars = text[..start].chars().count();
    TextSpan {
        start: start_chars,
        end: start_chars + text[start..end].chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One target, compactly: kind, indicator, change, bound, value (or min–max), unit,
    /// base value, base unit.
    fn show(t: &Target) -> String {
        let kind = match t.kind {
            TargetKind::Target => "target",
            TargetKind::Figure => "figure",
            TargetKind::Qualitative => "qualitative",
        };
        let change = match t.change {
            Some(Change::Increase) => "+",
            Some(Change::Decrease) => "-",
            None => "=",
        };
        let bound = match t.bound {
            Bound::About => "about",
            Bound::AtLeast => "at_least",
            Bound::AtMost => "at_most",
            Bound::Exceeds => "exceeds",
            Bound::Exact => "exact",
        };
        let value = match (t.value, t.min, t.max) {
            (Some(v), _, _) => v.to_string(),
            (None, Some(lo), Some(hi)) => format!("{lo}..{hi}"),
            _ => "-".to_owned(),
        };
        let base = t.base_value.map_or("-".to_owned(), |v| v.to_string());
        format!(
            "{kind} {} {change} {bound} {value} {} = {base} {}",
            t.indicator.as_deref().unwrap_or("-"),
            t.unit.as_deref().unwrap_or("-"),
            t.base_unit.as_deref().unwrap_or("-"),
        )
    }

    fn check(cases: &[(&str, &[&str])]) {
        for (text, want) in cases {
            let got: Vec<String> = read(text).iter().map(show).collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn change_with_a_bound_after() {
        check(&[
            (
                "地区生产总值增长5%左右，力争更好结果。",
                &["target 地区生产总值 + about 5 % = 5 %"],
            ),
            (
                "一产增加值增长5.5%左右。",
                &["target 一产增加值 + about 5.5 % = 5.5 %"],
            ),
            (
                "固定资产投资增长7%以上。",
                &["target 固定资产投资 + at_least 7 % = 7 %"],
            ),
            (
                "力争规上企业单位工业增加值能耗下降3%以上。",
                &["target 规上企业单位工业增加值能耗 - at_least 3 % = 3 %"],
            ),
        ]);
    }

    #[test]
    fn levels_kept_or_reached() {
        check(&[
            (
                "粮食总产量保持在14万吨以上。",
                &["target 粮食总产量 = at_least 14 万吨 = 140000 吨"],
            ),
            (
                "城镇登记失业率控制在3.5%以内。",
                &["target 城镇登记失业率 = at_most 3.5 % = 3.5 %"],
            ),
            (
                "力争县域医疗就诊率达85%以上。",
                &["target 县域医疗就诊率 = at_least 85 % = 85 %"],
            ),
            (
                "森林覆盖率提高到38.5%。",
                &["target 森林覆盖率 = exact 38.5 % = 38.5 %"],
            ),
            (
                "每千人口拥有执业（助理）医师数达到3.2人。",
                &["target 每千人口拥有执业（助理）医师数 = exact 3.2 人 = 3.2 人"],
            ),
        ]);
    }

    #[test]
    fn bounds_written_before_the_number() {
        check(&[
            (
                "全年接待游客不低于800万人次。",
                &["target 接待游客 = at_least 800 万人次 = 8000000 人次"],
            ),
            (
                "确保全年劳务收入突破13亿元。",
                &["target 劳务收入 = exceeds 13 亿元 = 1300000000 元"],
            ),
            (
                "财政支出约12亿元。",
                &["target 财政支出 = about 12 亿元 = 1200000000 元"],
            ),
        ]);
    }

    #[test]
    fn roman_quality_classes() {
        check(&[(
            "大通河出境断面水质保持在Ⅱ类以上，塘川河出境断面水质保持在Ⅲ类以上。",
            &[
                "target 大通河出境断面水质 = at_least 2 类 = 2 类",
                "target 塘川河出境断面水质 = at_least 3 类 = 3 类",
            ],
        )]);
    }

    #[test]
    fn ranges_give_a_min_and_a_max() {
        check(&[
            (
                "地区生产总值增长5%—6%。",
                &["target 地区生产总值 + exact 5..6 % = - %"],
            ),
            (
                "工业投资增长8-10%左右。",
                &["target 工业投资 + about 8..10 % = - %"],
            ),
        ]);
    }

    #[test]
    fn a_space_before_the_unit_or_the_bound() {
        check(&[
            (
                "固定资产投资增长 7 % 以上。",
                &["target 固定资产投资 + at_least 7 % = 7 %"],
            ),
            (
                "粮食产量保持在14 万吨以上。",
                &["target 粮食产量 = at_least 14 万吨 = 140000 吨"],
            ),
        ]);
    }

    #[test]
    fn full_width_digits_read_once_the_text_is_cleaned() {
        let text = crate::text::clean("固定资产投资增长７．５％以上，新建高标准农田１万亩。");
        assert_eq!(text, "固定资产投资增长7.5%以上，新建高标准农田1万亩。");
        let got: Vec<String> = read(&text).iter().map(show).collect();
        assert_eq!(
            got,
            [
                "target 固定资产投资 + at_least 7.5 % = 7.5 %",
                "target 高标准农田 = exact 1 万亩 = 10000 亩"
            ]
        );
    }

    #[test]
    fn respectively_shares_the_indicator_and_the_bound() {
        check(&[
            (
                "城乡居民人均可支配收入分别增长5.2%、8%左右。",
                &[
                    "target 城乡居民人均可支配收入 + about 5.2 % = 5.2 %",
                    "target 城乡居民人均可支配收入 + about 8 % = 8 %",
                ],
            ),
            (
                "规上工业增加值、固定资产投资分别增长10%、7%。",
                &[
                    "target 规上工业增加值 + exact 10 % = 10 %",
                    "target 固定资产投资 + exact 7 % = 7 %",
                ],
            ),
        ]);
    }

    #[test]
    fn percentage_points_and_year_on_year() {
        check(&[
            (
                "城镇化率提高1.2个百分点。",
                &["target 城镇化率 + exact 1.2 个百分点 = 1.2 个百分点"],
            ),
            (
                "社会消费品零售总额同比增长6%。",
                &["target 社会消费品零售总额 + exact 6 % = 6 %"],
            ),
        ]);
    }

    #[test]
    fn counts_and_amounts_of_things_to_do() {
        check(&[
            (
                "开工建设14个和美乡村。",
                &["target 和美乡村 = exact 14 个 = 14 个"],
            ),
            (
                "全年完成3.4万亩国土绿化任务。",
                &["target 国土绿化任务 = exact 3.4 万亩 = 34000 亩"],
            ),
            (
                "新建高标准农田1万亩，推广水肥一体化技术1万亩。",
                &[
                    "target 高标准农田 = exact 1 万亩 = 10000 亩",
                    "target 水肥一体化技术 = exact 1 万亩 = 10000 亩",
                ],
            ),
            (
                "年内培育规上企业2家、小微企业50户。",
                &[
                    "target 规上企业 = exact 2 家 = 2 家",
                    "target 小微企业 = exact 50 户 = 50 户",
                ],
            ),
            (
                "有序实施南门峡等6个乡镇水源地规范化建设项目。",
                &["target 乡镇水源地规范化建设项目 = exact 6 个 = 6 个"],
            ),
            ("新建三所幼儿园。", &["target 幼儿园 = exact 3 所 = 3 所"]),
        ]);
    }

    #[test]
    fn figures_describe_projects_and_facilities() {
        check(&[
            (
                "加快推进总投资9.2亿元的源网荷储项目。",
                &["figure 总投资 = exact 9.2 亿元 = 920000000 元"],
            ),
            (
                "实施金圆水泥窑替代燃料节能降碳、泰和源15万吨绿色有机肥生产线升级等技改项目。",
                &["figure 绿色有机肥生产线升级等技改项目 = exact 15 万吨 = 150000 吨"],
            ),
        ]);
    }

    #[test]
    fn numbers_that_are_not_read() {
        check(&[
            ("开展三年专项整治行动。", &[]),
            ("推广“青薯9号、互麦18号”等优良品种。", &[]),
            ("落实中央八项规定精神，推行一户一策。", &[]),
            ("坚决做到“两个维护”。", &[]),
            ("到2026年底基本建成。", &[]),
            ("争创第3批国家级示范县。", &[]),
        ]);
    }

    #[test]
    fn qualitative_targets() {
        check(&[
            (
                "居民人均可支配收入与经济保持同步增长。",
                &["qualitative 居民人均可支配收入 + exact - - = - -"],
            ),
            (
                "节能降碳减排控制在省定目标以内。",
                &["qualitative 节能降碳减排 = at_most - - = - -"],
            ),
        ]);
    }

    #[test]
    fn literal_searches_agree_whichever_is_built() {
        let words = ["同步增长", "增长同步", "省定目标", "目标以内", "目标"];
        let general = || {
            Literals::General(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(words)
                    .unwrap(),
            )
        };
        let starts = |l: &Literals, text: &str| {
            let mut out = Vec::new();
            l.starts(text, &mut out);
            (out, l.is_match(text))
        };
        let texts = [
            "",
            "目标",
            "居民人均可支配收入与经济保持同步增长，完成省定目标。",
            "增长同步增长同步",
            "控制在目标以内，力争更好结果",
            "没有要找的词",
        ];
        let built = Literals::new(words.into_iter());
        #[cfg(target_arch = "x86_64")]
        assert!(matches!(built, Literals::Packed(_)));
        for text in texts {
            assert_eq!(starts(&built, text), starts(&general(), text), "{text}");
        }
        let t = texts[2];
        let expected = [t.find("同步增长").unwrap(), t.find("省定目标").unwrap()];
        assert_eq!(starts(&built, t).0, expected);
        // More words than a packed searcher takes: the general automaton.
        let many: Vec<String> = (0..300).map(|i| format!("词{i}号")).collect();
        let many = Literals::new(many.iter().map(String::as_str));
        assert!(matches!(many, Literals::General(_)));
        assert_eq!(starts(&many, "第词299号").0, [3]);
    }

    #[test]
    fn spans_are_character_offsets_in_the_text() {
        let text = "紧扣目标，全年完成3.4万亩国土绿化任务。";
        let t = &read(text)[0];
        let chars: Vec<char> = text.chars().collect();
        let shown: String = chars[t.span.start..t.span.end].iter().collect();
        assert_eq!(shown, "3.4万亩国土绿化任务");
        assert_eq!(t.text, "全年完成3.4万亩国土绿化任务");
    }

    #[test]
    fn clause_ends_are_found_byte_by_byte() {
        let text = "甲，乙。丙；丁：戊！己？庚,辛;壬:癸!子?丑\n寅「卯」“辰”（巳）";
        let mut want = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if ends_clause(c) {
                want.push(&text[start..i]);
                start = i + c.len_utf8();
            }
        }
        want.push(&text[start..]);
        let mut got = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let (end, next) = clause_end(text.as_bytes(), start);
            got.push(&text[start..end]);
            start = next;
        }
        assert_eq!(got, want);
    }

    #[test]
    fn the_block_tests_find_exactly_the_digits_and_numeral_starts() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            // At a block's start, middle and end, and across the end of a 16-byte block.
            for at in [0, 15, 31] {
                let mut text = [b'a'; 40];
                c.encode_utf8(&mut text[at..]);
                let digits = (0..40)
                    .filter(|&k| text[k].is_ascii_digit())
                    .fold(0u64, |m, k| m | 1 << k);
                let numerals = u64::from(is_numeral_start(c)) << at;
                if at < 16 {
                    let w: [u8; 18] = window(&text, 0);
                    let want = (digits as u16, numerals as u16);
                    assert_eq!(starts16(&w), want, "{c} at {at}");
                    assert_eq!(starts16_scalar(&w), want, "{c} at {at}");
                }
                // The whole scan: for every character whose first byte a numeral's can be
                // (every test of a numeral tests that byte first), ASCII, and a sample of the
                // rest (a debug build runs this test).
                let lead = text[at];
                if !(lead.is_ascii() || matches!(lead, 0xE2 | 0xE4 | 0xE5 | 0xE7))
                    && u32::from(c) % 61 != 0
                {
                    continue;
                }
                // Both block loops, whichever this CPU takes in `scan_blocks`.
                for sixteen in [false, true] {
                    let mut got = (0u64, 0u64);
                    let mut add = |start: usize, d: u32, n: u32| {
                        got.0 |= u64::from(d) << start;
                        got.1 |= u64::from(n) << start;
                    };
                    if sixteen {
                        scan_blocks16(&text, &mut add);
                    } else {
                        scan_blocks(&text, &mut add);
                    }
                    assert_eq!(
                        got,
                        (digits, numerals),
                        "{c} at {at}, 16-byte blocks: {sixteen}"
                    );
                }
            }
        }
    }

    /// Quoted ranges the plain way: character by character.
    fn quoted_reference(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut open: Option<(usize, char)> = None;
        for (i, c) in text.char_indices() {
            match (open, c) {
                (None, '“' | '「' | '『' | '"') => open = Some((i, c)),
                (Some((s, '“')), '”')
                | (Some((s, '「')), '」')
                | (Some((s, '『')), '』')
                | (Some((s, '"')), '"') => {
                    out.push((s, i));
                    open = None;
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn quoted_ranges_pair_each_mark_with_its_own_closing_one() {
        let cases: &[(&str, &[&str])] = &[
            ("建设“三合一”场所5个", &["“三合一"]),
            ("「一网通办」和『两个维护』", &["「一网通办", "『两个维护"]),
            ("“未闭合「内」", &[]),
            ("」先闭后开「", &[]),
            ("\"G20\"峰会", &["\"G20"]),
            ("“混」合”", &["“混」合"]),
            ("无引号。", &[]),
        ];
        for (text, want) in cases {
            let mut got = Vec::new();
            quoted_ranges(text, &mut got);
            let got: Vec<&str> = got.iter().map(|&(s, e)| &text[s..e]).collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn quoted_ranges_match_the_character_reading(
            text in "[“”「」『』\"─…。、，a一]{0,24}"
        ) {
            let mut got = Vec::new();
            quoted_ranges(&text, &mut got);
            proptest::prop_assert_eq!(got, quoted_reference(&text));
        }

        #[test]
        fn reading_never_panics_and_spans_stay_in_the_text(
            text in "[0-9.一二两三十百千万亿元吨亩个所%％类ⅡⅢ以上左右约不低于增长下降达到提高到总投资新建完成分别、，。；“”「」\" \u{3000}a-]{0,40}"
        ) {
            let chars = text.chars().count();
            for t in read(&text) {
                proptest::prop_assert!(t.span.start <= t.span.end && t.span.end <= chars);
                proptest::prop_assert!(text.contains(&t.text));
                if t.kind != TargetKind::Qualitative {
                    proptest::prop_assert!(t.value.is_some() || (t.min.is_some() && t.max.is_some()));
                    proptest::prop_assert!(t.unit.is_some());
                }
            }
        }
    }

    #[test]
    fn quantities_multiply_exactly() {
        let q = |m, s| Quantity {
            mantissa: m,
            scale: s,
        };
        assert_eq!(q(34, 1).times(10000), Some(q(34000, 0)));
        assert_eq!(q(52, 1).times(1), Some(q(52, 1)));
        assert_eq!(q(i64::MAX, 0).times(10), None);
        assert_eq!(q(5, 2).to_string(), "0.05");
        assert_eq!(q(-15, 1).to_string(), "-1.5");
    }
}
