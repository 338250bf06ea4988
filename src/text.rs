//! Text cleaning and Chinese numbering: pure functions shared by the stages.

/// Whether `c` is a character next to which a space is a PDF line-wrap artefact: CJK
/// ideographs, CJK and full-width punctuation, curly quotes, dashes, Roman and circled numerals.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2010..=0x2027    // dashes, curly quotes, ellipsis
        | 0x2150..=0x218F  // number forms: Ⅱ, Ⅲ
        | 0x2460..=0x24FF  // enclosed alphanumerics: ①
        | 0x2E80..=0x2FDF  // CJK radicals
        | 0x3000..=0x303F  // CJK symbols and punctuation: 、。〔〕《》
        | 0x3040..=0x33FF  // kana, bopomofo, CJK compatibility
        | 0x3400..=0x4DBF  // CJK extension A
        | 0x4E00..=0x9FFF  // CJK unified ideographs
        | 0xF900..=0xFAFF  // CJK compatibility ideographs
        | 0xFE30..=0xFE4F  // CJK compatibility forms
        | 0xFF00..=0xFFEF  // full-width forms: （），：；
        | 0x20000..=0x3FFFF // CJK extensions B and later
    )
}

/// End punctuation whose doubling (`。。`) is a typo, not meaning.
#[cfg(test)]
fn is_end_punctuation(c: char) -> bool {
    matches!(c, '。' | '，' | '、' | '；' | '：' | '！' | '？')
}

/// Bytes that can start a whitespace character (U+0009–000D, 0020, 0085, 00A0, 1680,
/// 2000–200A, 2028, 2029, 202F, 205F, 3000): any other byte is not the start of one.
const fn whitespace_leads() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0x09;
    while b <= 0x0D {
        t[b] = true;
        b += 1;
    }
    t[0x20] = true;
    t[0xC2] = true;
    t[0xE1] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t
}

/// Lead bytes of whitespace and of the end punctuation `clean` collapses (。、 are E3 …,
/// ，；：！？ are EF …).
const fn clean_leads() -> [bool; 256] {
    let mut t = whitespace_leads();
    t[0xEF] = true;
    t
}

/// Lead bytes of whitespace, full-width forms (EF …) and the ASCII list punctuation and
/// parentheses `(` `)` `,` `;`: where a unit cell may be split.
const fn unit_leads() -> [bool; 256] {
    let mut t = clean_leads();
    t[b'(' as usize] = true;
    t[b')' as usize] = true;
    t[b',' as usize] = true;
    t[b';' as usize] = true;
    t
}

pub(crate) static WHITESPACE_LEAD: [bool; 256] = whitespace_leads();
/// Bytes that can start whitespace or end punctuation: what `clean` stops at.
static CLEAN_LEAD: [bool; 256] = clean_leads();
/// Bytes where a unit cell may be split (see `unit_leads`).
static UNIT_LEAD: [bool; 256] = unit_leads();

/// A set of bytes [`next_lead`] looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Leads {
    /// `WHITESPACE_LEAD`.
    Whitespace,
    /// `CLEAN_LEAD`: whitespace and end punctuation.
    Clean,
    /// `UNIT_LEAD`: whitespace, full-width forms and ASCII separators.
    Unit,
}

impl Leads {
    fn table(self) -> &'static [bool; 256] {
        match self {
            Leads::Whitespace => &WHITESPACE_LEAD,
            Leads::Clean => &CLEAN_LEAD,
            Leads::Unit => &UNIT_LEAD,
        }
    }
}

/// The first byte at or after `from` in the set `leads`.
#[inline]
pub(crate) fn next_lead(bytes: &[u8], from: usize, leads: Leads) -> Option<usize> {
    let mut i = from;
    #[cfg(target_arch = "x86_64")]
    while let Some(block) = bytes.get(i..i + 16) {
        let mask = lead_mask(block.try_into().unwrap_or(&[0; 16]), leads);
        if mask != 0 {
            return Some(i + mask.trailing_zeros() as usize);
        }
        i += 16;
    }
    let table = leads.table();
    bytes
        .get(i..)?
        .iter()
        .position(|&b| table[b as usize])
        .map(|n| i + n)
}

/// Bit `k` is set when byte `k` of `block` is in the set `leads`: sixteen bytes tested at
/// once (a test checks it against the tables).
#[cfg(target_arch = "x86_64")]
fn lead_mask(block: &[u8; 16], leads: Leads) -> u16 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_sub_epi8,
    };
    // SAFETY: SSE2 is part of every x86_64 target; the load reads the 16 bytes of `block`.
    unsafe {
        let v = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
        let is = |x: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(x as i8));
        // `first ..= first + len`, as one unsigned comparison.
        let within = |first: u8, len: u8| {
            let d = _mm_sub_epi8(v, _mm_set1_epi8(first as i8));
            _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(len as i8)), d)
        };
        // 09–0D, 20, C2, E1–E3.
        let mut m = _mm_or_si128(
            _mm_or_si128(within(0x09, 4), is(0x20)),
            _mm_or_si128(is(0xC2), within(0xE1, 2)),
        );
        if leads != Leads::Whitespace {
            m = _mm_or_si128(m, is(0xEF));
        }
        if leads == Leads::Unit {
            // ( ) are 28 29; , is 2C; ; is 3B.
            m = _mm_or_si128(
                m,
                _mm_or_si128(within(b'(', 1), _mm_or_si128(is(b','), is(b';'))),
            );
        }
        _mm_movemask_epi8(m) as u16
    }
}

/// Whether `haystack` contains `needle`: for a short haystack, quicker than `str::contains`,
/// which sets up a searcher on every call.
pub(crate) fn contains(haystack: &str, needle: &str) -> bool {
    // Found by its last byte (for Chinese text a continuation byte, none of them common),
    // then compared.
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&last) = needle.last() else {
        return true;
    };
    memchr::memchr_iter(last, hay)
        .any(|i| i + 1 >= needle.len() && &hay[i + 1 - needle.len()..=i] == needle)
}

/// `s.trim()`, quicker for the common case of nothing to trim: one byte at the start and one
/// character at the end are looked at.
pub fn trim(s: &str) -> &str {
    // ASCII whitespace (the padding of a pipe-table cell) byte by byte first.
    let bytes = s.as_bytes();
    let is_space = |b: &u8| b.is_ascii_whitespace() || *b == 0x0B;
    let start = bytes
        .iter()
        .position(|b| !is_space(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(start, |i| i + 1);
    // Both are character boundaries: the bytes next to them are ASCII, or the ends.
    let s = &s[start..end];
    let bytes = s.as_bytes();
    let clean_start = bytes.first().is_none_or(|&b| !WHITESPACE_LEAD[b as usize]);
    let clean_end = match bytes.last() {
        None => true,
        Some(&b) if b.is_ascii() => !WHITESPACE_LEAD[b as usize],
        // A multi-byte whitespace character is two or three bytes long: read off the bytes.
        Some(_) => {
            let n = bytes.len();
            let ends = |len: usize| n >= len && whitespace_len(&bytes[n - len..]) == Some(len);
            !(ends(2) || ends(3))
        }
    };
    if clean_start && clean_end {
        s
    } else {
        s.trim()
    }
}

/// Whether `s` has a whitespace character (a byte scan first: Chinese text mostly has none).
pub fn has_whitespace(s: &str) -> bool {
    // Chinese punctuation (。、) shares its lead byte with the ideographic space: each
    // candidate byte is checked where it stands, without decoding the rest.
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(n) = next_lead(bytes, i, Leads::Whitespace) {
        i = n;
        if whitespace_len(&bytes[i..]).is_some() {
            return true;
        }
        i += 1;
    }
    false
}

/// Clean a text cell: drop whitespace next to a wide character (PDF line wraps), fold other
/// whitespace runs to one space, collapse doubled end punctuation, trim.
///
/// `扎实推进 污染防治攻坚` → `扎实推进污染防治攻坚`; `增长 5%左右` → `增长5%左右`;
/// `常态。。` → `常态。`; `Wi-Fi 6 network` stays as it is. Full-width digits and `％` become
/// ASCII (`增长５％` → `增长5%`), so that numbers read the same whichever a converter wrote.
pub fn clean(raw: &str) -> String {
    let mut out = String::new();
    clean_into(raw, &mut out);
    out
}

/// [`clean`] into `out` (cleared first): a buffer kept for texts that end up elsewhere.
pub fn clean_into(raw: &str, out: &mut String) {
    let raw = trim(raw);
    let bytes = raw.as_bytes();
    out.clear();
    out.reserve(raw.len());
    // Runs of ordinary characters are copied whole; the scan looks only at bytes that can
    // start whitespace or end punctuation, which are always character boundaries.
    let mut run_start = 0;
    let mut i = 0;
    // Skip to the next byte that can start whitespace or end punctuation: always a character
    // boundary (an ASCII byte or a lead byte). A byte at a time, no decoding: a tight loop
    // whose branch is rarely taken.
    while let Some(n) = next_lead(bytes, i, Leads::Clean) {
        i = n;
        let lead = bytes[i];
        if is_end_punctuation_at(bytes, i) {
            // The usual stop. `。。` → `。`: drop this one if the text so far ends with it.
            // The text so far is `out` plus the current run, so look at the run when it is
            // not empty.
            let this = &bytes[i..i + 3];
            let doubled = if run_start < i {
                bytes[..i].ends_with(this)
            } else {
                out.as_bytes().ends_with(this)
            };
            if doubled {
                out.push_str(&raw[run_start..i]);
                run_start = i + this.len();
            }
            i += this.len();
        } else if let Some(len) = whitespace_len(&bytes[i..]) {
            out.push_str(&raw[run_start..i]);
            let mut j = i + len;
            while let Some(n) = whitespace_len(&bytes[j..]) {
                j += n;
            }
            let before_wide = out.chars().next_back().is_some_and(is_wide);
            let after_wide = raw[j..].chars().next().is_some_and(is_wide);
            if !before_wide && !after_wide {
                out.push(' ');
            }
            run_start = j;
            i = j;
        } else if let Some(ascii) = full_width_digit(&bytes[i..]) {
            // `５％` → `5%`: the numbers read as targets are ASCII.
            out.push_str(&raw[run_start..i]);
            out.push(ascii);
            i += 3;
            run_start = i;
        } else if bytes[i..].starts_with("．".as_bytes())
            && (if run_start < i {
                bytes[i - 1].is_ascii_digit()
            } else {
                out.ends_with(|c: char| c.is_ascii_digit())
            })
            && (bytes.get(i + 3).is_some_and(u8::is_ascii_digit)
                || full_width_digit(&bytes[i + 3..]).is_some_and(|c| c.is_ascii_digit()))
        {
            // `７．５` → `7.5`: a full-width point between digits.
            out.push_str(&raw[run_start..i]);
            out.push('.');
            i += 3;
            run_start = i;
        } else {
            i += utf8_width(lead);
        }
    }
    out.push_str(&raw[run_start..]);
}

/// The ASCII digit or `%` for a full-width one (`０`–`９`, `％`: EF BC 90–99, EF BC 85) that
/// `bytes` starts with.
fn full_width_digit(bytes: &[u8]) -> Option<char> {
    match *bytes {
        [0xEF, 0xBC, d @ 0x90..=0x99, ..] => Some(char::from(b'0' + (d - 0x90))),
        [0xEF, 0xBC, 0x85, ..] => Some('%'),
        _ => None,
    }
}

/// The length of the UTF-8 character whose first byte is `lead` (1 for a stray byte).
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// The length of the whitespace character `bytes` starts with, if it starts with one
/// (`char::is_whitespace`, read off the UTF-8 bytes without decoding).
fn whitespace_len(bytes: &[u8]) -> Option<usize> {
    match *bytes {
        [0x09..=0x0D | 0x20, ..] => Some(1),
        [0xC2, 0x85 | 0xA0, ..] => Some(2),
        [0xE1, 0x9A, 0x80, ..] => Some(3),
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] => Some(3),
        [0xE2, 0x81, 0x9F, ..] | [0xE3, 0x80, 0x80, ..] => Some(3),
        _ => None,
    }
}

/// Whether an end punctuation character (see `is_end_punctuation`) starts at byte `i`: its
/// three bytes tested without a branch on which one it is (the stops of `clean` are mostly
/// these, in no predictable order).
#[inline]
fn is_end_punctuation_at(bytes: &[u8], i: usize) -> bool {
    let [a, b, c] = match bytes.get(i..i + 3) {
        Some(&[a, b, c]) => [a, b, c],
        _ => return false,
    };
    // 、。 are E3 80 81–82; ！，：；？ are EF BC 81, 8C, 9A, 9B, 9F (bits of the mask).
    const FULL_WIDTH: u32 = 1 << 0x01 | 1 << 0x0C | 1 << 0x1A | 1 << 0x1B | 1 << 0x1F;
    let cjk = (a == 0xE3) & (b == 0x80) & (c.wrapping_sub(0x81) < 2);
    let offset = c.wrapping_sub(0x80);
    let full_width =
        (a == 0xEF) & (b == 0xBC) & (offset < 32) & (FULL_WIDTH >> (offset & 31) & 1 == 1);
    cjk | full_width
}

/// The end punctuation character `bytes` starts with, if any (see `is_end_punctuation`).
#[cfg(test)]
fn end_punctuation(bytes: &[u8]) -> Option<char> {
    match *bytes {
        [0xE3, 0x80, 0x81, ..] => Some('、'),
        [0xE3, 0x80, 0x82, ..] => Some('。'),
        [0xEF, 0xBC, 0x8C, ..] => Some('，'),
        [0xEF, 0xBC, 0x9B, ..] => Some('；'),
        [0xEF, 0xBC, 0x9A, ..] => Some('：'),
        [0xEF, 0xBC, 0x81, ..] => Some('！'),
        [0xEF, 0xBC, 0x9F, ..] => Some('？'),
        _ => None,
    }
}

/// Remove all whitespace: for titles and header names, where no space is meaningful.
pub fn compact(raw: &str) -> String {
    compact_cow(raw).into_owned()
}

/// [`compact`], borrowing when there is no whitespace to remove.
pub fn compact_cow(raw: &str) -> std::borrow::Cow<'_, str> {
    if has_whitespace(raw) {
        let mut out = String::with_capacity(raw.len());
        out.extend(raw.chars().filter(|c| !c.is_whitespace()));
        out.into()
    } else {
        raw.into()
    }
}

/// The value of one Chinese numeral digit.
fn digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Whether `c` can be part of a Chinese numeral.
pub fn is_numeral_char(c: char) -> bool {
    digit(c).is_some() || matches!(c, '十' | '百' | '千')
}

/// Read a positive Chinese numeral below ten thousand: `一` → 1, `十` → 10, `十二` → 12, `二十` → 20,
/// `一百零五` → 105. `None` if `s` is empty or not a well-formed numeral.
pub fn chinese_numeral(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            if pending.is_some_and(|p| p != 0) {
                return None; // two digits in a row: `一二` (but `零五` is fine)
            }
            pending = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        if unit >= last_unit {
            return None; // units must fall: `十百` is not a numeral
        }
        // A bare unit means one of it (`十` = 10); `零十` is not a numeral.
        let d = match pending.take() {
            Some(0) => return None,
            Some(d) => d,
            None if total == 0 => 1,
            None => return None,
        };
        total += d * unit;
        last_unit = unit;
    }
    Some(total + pending.unwrap_or(0)).filter(|&n| n > 0)
}

/// A task number cell: `1`, `1、`, `1.`, `１`, `（1）`. `None` if it holds anything else.
pub fn task_number(s: &str) -> Option<u32> {
    let s = s
        .trim()
        .trim_start_matches(['(', '（'])
        .trim_end_matches(['、', '.', '．', ')', '）'])
        .trim();
    if s.is_empty() || s.len() > 3 * 9 {
        return None;
    }
    let mut n: u32 = 0;
    for c in s.chars() {
        let d = c.to_digit(10).or_else(|| {
            // Full-width digits ０-９.
            ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32)
        })?;
        n = n.checked_mul(10)?.checked_add(d)?;
    }
    Some(n)
}

/// A section heading `一、标题` (also `一．标题`): its number and the rest of the text.
pub fn section_heading(s: &str) -> Option<(u32, &str)> {
    let s = s.trim_start();
    let end = s.find(|c| !is_numeral_char(c))?;
    let number = chinese_numeral(&s[..end])?;
    let rest = s[end..].trim_start();
    let title = rest.strip_prefix(['、', '．'])?;
    Some((number, title.trim()))
}

/// A sub-category label `（一）标题`, `(一)标题`, `( 一 ) 标题`: its number and title.
pub fn subcategory_label(s: &str) -> Option<(u32, &str)> {
    let s = s.trim_start().strip_prefix(['(', '（'])?;
    let close = s.find([')', '）'])?;
    let number = chinese_numeral(s[..close].trim())?;
    let title = s[close..].trim_start_matches([')', '）']).trim();
    Some((number, title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_wrap_spaces_and_doubled_punctuation() {
        let cases = [
            ("扎实推进 污染防治攻坚", "扎实推进污染防治攻坚"),
            (
                "地区生产总值增长 5%左右，力争更好结果。",
                "地区生产总值增长5%左右，力争更好结果。",
            ),
            ("确保出栏率增长 3% 以上", "确保出栏率增长3%以上"),
            ("水质保持在 Ⅱ 类以上", "水质保持在Ⅱ类以上"),
            ("成为常态。。", "成为常态。"),
            ("成为常态。 。", "成为常态。"),
            ("推出一系列消费 IP，", "推出一系列消费IP，"),
            ("  前后空白\n", "前后空白"),
            ("换行\n续写", "换行续写"),
            ("全角\u{3000}空格", "全角空格"),
            ("Wi-Fi  6 network", "Wi-Fi 6 network"),
            ("省略号……保留", "省略号……保留"),
            ("句号。 。 。结束", "句号。结束"),
            ("顿号、、再来", "顿号、再来"),
            ("a 。。", "a。"),
            ("“三北” 工程", "“三北”工程"),
            ("", ""),
        ];
        for (raw, want) in cases {
            assert_eq!(clean(raw), want, "clean({raw:?})");
        }
    }

    /// The plain statement of the rule `clean` implements; `clean` must agree with it.
    fn clean_reference(raw: &str) -> String {
        let mut out = String::new();
        let mut chars = raw.trim().chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_whitespace() {
                while chars.peek().is_some_and(|n| n.is_whitespace()) {
                    chars.next();
                }
                let before_wide = out.chars().next_back().is_some_and(is_wide);
                let after_wide = chars.peek().is_some_and(|&n| is_wide(n));
                if !before_wide && !after_wide {
                    out.push(' ');
                }
            } else if c == '．'
                && out.ends_with(|c: char| c.is_ascii_digit())
                && chars
                    .peek()
                    .is_some_and(|n| n.is_ascii_digit() || ('０'..='９').contains(n))
            {
                out.push('.');
            } else if ('０'..='９').contains(&c) {
                out.push(char::from_digit(c as u32 - '０' as u32, 10).unwrap_or(c));
            } else if c == '％' {
                out.push('%');
            } else if !(is_end_punctuation(c) && out.ends_with(c)) {
                out.push(c);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn clean_agrees_with_the_reference(
            raw in "[增长 5%５％９０．.左右。。，，、；！？：Ⅱ类IP a\n\u{3000}\u{A0}\u{2003}\u{85}\t]{0,40}"
        ) {
            proptest::prop_assert_eq!(clean(&raw), clean_reference(&raw));
        }
    }

    #[test]
    fn end_punctuation_is_found_by_its_bytes() {
        for a in [0xE2, 0xE3, 0xEF, b'a'] {
            for b in [0x80, 0xBC, 0xBD] {
                for c in 0x80..=0xBF {
                    let bytes = [a, b, c];
                    assert_eq!(
                        is_end_punctuation_at(&bytes, 0),
                        end_punctuation(&bytes).is_some(),
                        "{bytes:x?}"
                    );
                }
            }
        }
        assert!(!is_end_punctuation_at("。".as_bytes(), 1));
        for c in ['。', '，', '、', '；', '：', '！', '？'] {
            assert!(is_end_punctuation_at(c.to_string().as_bytes(), 0), "{c}");
            assert!(is_end_punctuation(c));
        }
    }

    #[test]
    fn the_block_test_agrees_with_the_lead_tables() {
        for b in 0..=255u8 {
            for at in [0, 5, 15] {
                let mut bytes = [b'a'; 40];
                bytes[16 + at] = b;
                for leads in [Leads::Whitespace, Leads::Clean, Leads::Unit] {
                    let want = leads.table()[b as usize].then_some(16 + at);
                    assert_eq!(next_lead(&bytes, 0, leads), want, "{b:#x} at {at}");
                    assert_eq!(next_lead(&bytes, 17 + at, leads), None);
                }
            }
        }
    }

    #[test]
    fn byte_classifiers_agree_with_char_classes_on_every_char() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let ws = c.is_whitespace().then_some(c.len_utf8());
            assert_eq!(whitespace_len(bytes), ws, "{c:?}");
            let punct = is_end_punctuation(c).then_some(c);
            assert_eq!(end_punctuation(bytes), punct, "{c:?}");
            if ws.is_some() || punct.is_some() {
                assert!(CLEAN_LEAD[bytes[0] as usize], "{c:?}");
            }
            if ws.is_some() {
                assert!(WHITESPACE_LEAD[bytes[0] as usize], "{c:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn has_whitespace_agrees_with_char_is_whitespace(s in "\\PC{0,12}|[ \\u{3000}\\u{A0}\\u{1680}\\u{2028}\\u{205F}a中]{0,6}") {
            proptest::prop_assert_eq!(has_whitespace(&s), s.contains(char::is_whitespace));
        }

        #[test]
        fn contains_agrees_with_str_contains(
            hay in "[报每年季月日告a ]{0,12}",
            needle in "[报每年季月日告a ]{0,3}",
        ) {
            proptest::prop_assert_eq!(contains(&hay, &needle), hay.contains(needle.as_str()));
        }

        #[test]
        fn trim_agrees_with_str_trim(s in "\\PC{0,12}|[ \\u{3000}\\u{A0}\\u{85}\\u{1680}\\u{2028}\\u{202F}\\u{205F}\\t\\na中Ā]{0,6}") {
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }
    }

    #[test]
    fn clean_is_idempotent_on_examples() {
        for raw in ["扎实推进 污染防治攻坚", "a  b 。。 c", " 。 。 "] {
            let once = clean(raw);
            assert_eq!(clean(&once), once);
        }
    }

    #[test]
    fn chinese_numerals() {
        let cases = [
            ("一", Some(1)),
            ("九", Some(9)),
            ("十", Some(10)),
            ("十一", Some(11)),
            ("二十", Some(20)),
            ("二十三", Some(23)),
            ("两百", Some(200)),
            ("一百零五", Some(105)),
            ("一百一十", Some(110)),
            ("三千零二十", Some(3020)),
            ("", None),
            ("零", None),
            ("一二", None),
            ("十百", None),
            ("十十", None),
            ("五a", None),
        ];
        for (s, want) in cases {
            assert_eq!(chinese_numeral(s), want, "chinese_numeral({s:?})");
        }
    }

    #[test]
    fn task_numbers() {
        let cases = [
            ("1", Some(1)),
            (" 12 ", Some(12)),
            ("3、", Some(3)),
            ("4.", Some(4)),
            ("５", Some(5)),
            ("（6）", Some(6)),
            ("", None),
            ("一", None),
            ("1a", None),
            ("99999999999999", None),
        ];
        for (s, want) in cases {
            assert_eq!(task_number(s), want, "task_number({s:?})");
        }
    }

    #[test]
    fn section_headings() {
        let cases = [
            ("一、主要预期目标", Some((1, "主要预期目标"))),
            ("六、 聚焦城乡互促", Some((6, "聚焦城乡互促"))),
            ("十、加强政府自身建设", Some((10, "加强政府自身建设"))),
            ("十二．其他", Some((12, "其他"))),
            ("一是加强", None),
            ("（一）标题", None),
            ("1、标题", None),
        ];
        for (s, want) in cases {
            assert_eq!(section_heading(s), want, "section_heading({s:?})");
        }
    }

    #[test]
    fn subcategory_labels() {
        let cases = [
            (
                "（一）扎实推进 污染防治攻坚",
                Some((1, "扎实推进 污染防治攻坚")),
            ),
            (
                "(二)着力厚植绿色生态基底",
                Some((2, "着力厚植绿色生态基底")),
            ),
            (
                "(二) 培育壮大新兴产业集群",
                Some((2, "培育壮大新兴产业集群")),
            ),
            ("( 三 ) 标题", Some((3, "标题"))),
            ("（十一）标题", Some((11, "标题"))),
            ("节能降碳减排控制在省定目标以内。", None),
            ("(含电子版)", None),
            ("（一", None),
        ];
        for (s, want) in cases {
            assert_eq!(subcategory_label(s), want, "subcategory_label({s:?})");
        }
    }
}
