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

/// Whether `b` is the first byte of a character of U+4000–U+9FFF (0xE4–0xE9), three bytes
/// long: the CJK ideographs most text is made of (and the end of extension A). A scan that
/// looks for no ideograph steps over such a character whole without decoding it.
pub(crate) fn begins_ideograph(b: u8) -> bool {
    (0xE4..=0xE9).contains(&b)
}

/// End punctuation whose doubling (`。。`) is a typo, not meaning.
fn is_end_punctuation(c: char) -> bool {
    matches!(c, '。' | '，' | '、' | '；' | '：' | '！' | '？')
}

/// The ASCII digit for a full-width one (`０`–`９`).
fn full_width_digit(c: char) -> Option<char> {
    let offset = u32::from(c).checked_sub(u32::from('０'))?;
    char::from_digit(offset, 10)
}

/// Clean a text cell: drop whitespace next to a wide character (PDF line wraps), fold other
/// whitespace runs to one space, collapse doubled end punctuation, trim.
///
/// `扎实推进 污染防治攻坚` → `扎实推进污染防治攻坚`; `增长 5%左右` → `增长5%左右`;
/// `常态。。` → `常态。`; `Wi-Fi 6 network` stays as it is. Full-width digits and `％` become
/// ASCII (`增长５％` → `增长5%`), and so does a `．` between digits (`５．５` → `5.5`), so
/// that numbers read the same whichever a converter wrote.
pub fn clean(raw: &str) -> String {
    let (folded, full_width) = fold_whitespace(raw);
    if full_width {
        ascii_numbers(&folded)
    } else {
        folded
    }
}

/// Whether `c` is a full-width digit, `％` or `．`: what [`ascii_numbers`] changes.
fn is_full_width_number(c: char) -> bool {
    matches!(c, '０'..='９' | '％' | '．')
}

/// Whitespace next to a wide character dropped, other runs folded to one space, doubled end
/// punctuation collapsed, trimmed; and whether the text has a full-width digit, `％` or `．`.
fn fold_whitespace(raw: &str) -> (String, bool) {
    let raw = trim(raw);
    let mut out = String::with_capacity(raw.len());
    let mut full_width = false;
    let mut rest = raw;
    // Runs of other characters are copied whole.
    while let Some(i) = next_stop(rest, out.chars().next_back()) {
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().unwrap_or(' ');
        rest = &rest[i + c.len_utf8()..];
        if c.is_whitespace() {
            rest = rest.trim_start();
            let before_wide = out.chars().next_back().is_some_and(is_wide);
            let after_wide = rest.chars().next().is_some_and(is_wide);
            if !before_wide && !after_wide {
                out.push(' ');
            }
        } else if is_full_width_number(c) {
            full_width = true;
            out.push(c);
        }
        // Else `c` is end punctuation doubling the last character: dropped.
    }
    out.push_str(rest);
    (out, full_width)
}

/// Where in `rest` [`fold_whitespace`] has work: whitespace, a full-width number, or end
/// punctuation right after the same (`last` is the character before `rest`). A single `、`
/// or `。` is copied with its run.
fn next_stop(rest: &str, mut last: Option<char>) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Most characters are ideographs, which are none of these: stepped over whole, not
        // decoded. (No end punctuation doubles one: what came before the next character is
        // as good as nothing.)
        if begins_ideograph(b) {
            i += 3;
            last = None;
            continue;
        }
        let c = rest[i..].chars().next()?;
        if last == Some(c) && is_end_punctuation(c) || c.is_whitespace() || is_full_width_number(c)
        {
            return Some(i);
        }
        last = Some(c);
        i += c.len_utf8();
    }
    None
}

/// Full-width digits and `％` as ASCII, and a `．` between two digits as `.`.
fn ascii_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '．'
            && out.ends_with(|c: char| c.is_ascii_digit())
            && chars
                .peek()
                .is_some_and(|&n| n.is_ascii_digit() || full_width_digit(n).is_some())
        {
            out.push('.');
        } else if let Some(d) = full_width_digit(c) {
            out.push(d);
        } else if c == '％' {
            out.push('%');
        } else {
            out.push(c);
        }
    }
    out
}

/// `s` without leading and trailing whitespace, as [`str::trim`]; quicker for text that has
/// none (cells and task texts, trimmed already, are asked again by every detector). In UTF-8 a
/// whitespace character (`char::is_whitespace`) begins with one of [`may_begin_space`]'s bytes
/// and ends with one of [`may_end_space`]'s: an end whose byte is none of them (a CJK
/// ideograph begins so, an ASCII letter or digit) is not decoded.
pub fn trim(s: &str) -> &str {
    let bytes = s.as_bytes();
    let blank_start =
        bytes.first().is_some_and(|&b| may_begin_space(b)) && s.starts_with(char::is_whitespace);
    let blank_end =
        bytes.last().is_some_and(|&b| may_end_space(b)) && s.ends_with(char::is_whitespace);
    if blank_start || blank_end {
        s.trim()
    } else {
        s
    }
}

/// The first bytes of whitespace characters: ASCII `\t`–`\r` and space, `\u{85}` and `\u{A0}`
/// (0xC2), `\u{1680}` (0xE1), `\u{2000}`–`\u{205F}` (0xE2), `\u{3000}` (0xE3).
fn may_begin_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3)
}

/// The last bytes of whitespace characters: ASCII `\t`–`\r` and space, and those of
/// `\u{85}`, `\u{A0}`, `\u{1680}`, `\u{2000}`–`\u{200A}`, `\u{2028}`, `\u{2029}`, `\u{202F}`,
/// `\u{205F}` and `\u{3000}`.
fn may_end_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF)
}

/// Whether `c` is an invisible format character that converters and web pages leave in text
/// (zero-width space and joiners, direction marks, word joiner, soft hyphen, byte-order
/// mark): in a name it is dropped like whitespace.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Whether `c` is whitespace or invisible: what [`compact`] removes.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Remove all whitespace and invisible characters: for names, titles and header names,
/// where no space is meaningful.
pub fn compact(raw: &str) -> String {
    compact_cow(raw).into_owned()
}

/// [`compact`], borrowing `raw` when it has nothing to remove.
pub fn compact_cow(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.contains(is_blank) {
        raw.chars().filter(|&c| !is_blank(c)).collect()
    } else {
        raw.into()
    }
}

/// `s` cut to its first `max` characters, with `…` after it when it was longer: for quoting
/// input in a message.
pub fn preview(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_owned(),
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

/// Whether a line is a page's number as a PDF converter keeps it from the footer: `— 2 —`,
/// `- 12 -`, `第3页`, `第3页 共10页`, `3/10`.
pub fn is_page_number(line: &str) -> bool {
    let kept = || {
        line.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '—' | '－' | '–' | '~' | '·'))
    };
    // The longest page number is `第9999页共9999页`: a longer line is none.
    if kept().nth(12).is_some() {
        return false;
    }
    let t: String = kept().collect();
    let digits = |s: &str| (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if digits(&t) {
        // A number alone needs its dashes: `— 2 —`, not a bare `2` (a cell, a wrapped figure).
        return line.trim() != t;
    }
    if let Some((page, of)) = t.split_once('/') {
        return digits(page) && digits(of);
    }
    let Some(rest) = t.strip_prefix('第') else {
        return false;
    };
    let Some((page, rest)) = rest.split_once('页') else {
        return false;
    };
    digits(page)
        && (rest.is_empty()
            || rest
                .strip_prefix('共')
                .and_then(|r| r.strip_suffix('页'))
                .is_some_and(digits))
}

/// The byte ranges of `text` between the characters of `seps` that stand outside brackets
/// (`（）`, `()`, `[]`, `【】`): `县发改局（粮食局）；县统计局` at `；` is two parts.
pub fn split_outside_brackets(text: &str, seps: &[char]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0u32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            c if depth == 0 && seps.contains(&c) => {
                out.push(start..i);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(start..text.len());
    out
}

/// `n` (1–39) in Roman numerals, upper case; other numbers in digits.
pub fn roman(n: u32) -> String {
    if !(1..40).contains(&n) {
        return n.to_string();
    }
    let mut s = String::new();
    let mut m = n;
    for (value, letters) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while m >= value {
            s.push_str(letters);
            m -= value;
        }
    }
    s
}

/// `n` (1–26) as a letter from `A` (or `a`); other numbers in digits.
pub fn letter(n: u32, upper: bool) -> String {
    match u8::try_from(n).ok().filter(|n| (1..=26).contains(n)) {
        Some(n) => char::from(if upper { b'A' } else { b'a' } + n - 1).to_string(),
        None => n.to_string(),
    }
}

/// A task number cell: `1`, `1、`, `1.`, `１`, `（1）`. `None` if it holds anything else.
pub fn task_number(s: &str) -> Option<u32> {
    let s = trim(s)
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
    let title = trim(s[close..].trim_start_matches([')', '）']));
    Some((number, title))
}

/// Whether `haystack` contains `needle` (ASCII), ignoring ASCII case.
pub(crate) fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(2 * bytes.len());
    push_hex(&mut out, bytes);
    out
}

/// [`hex`], written at the end of `out`.
pub(crate) fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.extend(
        bytes
            .iter()
            .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 0xf)]])
            .map(char::from),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every whitespace character begins and ends with a byte [`trim`] looks for, so that it
    /// trims as `str::trim` does.
    #[test]
    fn trim_trims_as_str_trim() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
        {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert!(may_begin_space(bytes[0]), "{c:?}");
            assert!(may_end_space(bytes[bytes.len() - 1]), "{c:?}");
        }
        for s in [
            "",
            " ",
            "县发改局",
            " 县发改局",
            "县发改局\u{3000}",
            "\u{A0}1。",
            "“一”",
            "a b",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

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
            ("增长５．５％左右", "增长5.5%左右"),
            ("第５．项", "第5．项"),
            ("5． 5", "5.5"),
            ("", ""),
        ];
        for (raw, want) in cases {
            assert_eq!(clean(raw), want, "clean({raw:?})");
        }
    }

    proptest::proptest! {
        #[test]
        fn cleaning_twice_changes_nothing(
            raw in "[增长 5%５％９０．.左右。。，，、；！？：Ⅱ类IP a\n\u{3000}\u{A0}\u{2003}\u{85}\t]{0,40}"
        ) {
            let once = clean(&raw);
            proptest::prop_assert_eq!(clean(&once), once);
        }

        /// Stepping over ideographs stops where decoding every character does: at every kind
        /// of whitespace, full-width number and doubled end punctuation, after any character.
        #[test]
        fn next_stop_stops_where_a_char_scan_does(
            rest in "[增长一丁鿿䀀5５％．.。。，，、、；！？：Ⅱ—“”a \\n\\t\u{3000}\u{A0}\u{85}\u{1680}\u{2000}-\u{200B}\u{2028}\u{202F}\u{205F}\u{FEFF}\u{FF01}-\u{FF20}]{0,24}",
            last in proptest::option::of("[。，、a ５长]"),
        ) {
            let last = last.and_then(|l| l.chars().next());
            let mut before = last;
            let by_chars = rest
                .char_indices()
                .find(|&(_, c)| {
                    let stop = before == Some(c) && is_end_punctuation(c)
                        || c.is_whitespace()
                        || is_full_width_number(c);
                    before = Some(c);
                    stop
                })
                .map(|(i, _)| i);
            proptest::prop_assert_eq!(next_stop(&rest, last), by_chars);
        }
    }

    #[test]
    fn previews_cut_at_a_character() {
        assert_eq!(preview("县发改局", 4), "县发改局");
        assert_eq!(preview("县发改局", 2), "县发…");
        assert_eq!(preview("", 0), "");
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
