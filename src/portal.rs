//! What a government web page shows around a notice, before its text: the metadata block
//! (`名称：…`, `索 引 号：…`, `发布机构：…　　文　　号：…`, `成文日期：…　　发布日期：…`) and the
//! portal's own lines (`信息来源：…｜发布时间：…｜【字体：大 中 小】`), as a page saved as text or
//! converted gives them; and a column tag before the title (`【政策文件】…的通知`).
//!
//! A line made only of the labels of `data/page_labels.tsv` and their values is the page's,
//! no line of the notice: the front matter is read without it. The values of the labels that
//! name a notice field are handed on for the fields the notice's own lines leave empty.

use crate::rules::{PageField, Rules};
use crate::scan;
use crate::span::Span;
use crate::table::Paragraph;
use crate::text;

/// The notice fields a page's metadata block gives: each value (whitespace removed), with the
/// label as written (whitespace removed) and the line that holds it.
#[derive(Debug, Default)]
pub struct PageFields {
    /// Title (名称), a column tag before it left out.
    pub title: Option<Given>,
    /// Document number (文号).
    pub doc_number: Option<Given>,
    /// The office that issued it (发布机构).
    pub issuer: Option<Given>,
    /// Date of issue (成文日期), ISO 8601.
    pub written_on: Option<Given>,
    /// The page's date of publication (发布日期), ISO 8601.
    pub published_on: Option<Given>,
}

/// One field's value from the page: the value, the label that gave it and its line's span.
#[derive(Clone, Debug)]
pub struct Given {
    /// The value, whitespace removed (a date as ISO 8601).
    pub value: String,
    /// The label that gave it, whitespace removed (`名称`).
    pub label: String,
    /// The span of its line.
    pub span: Span,
}

/// Longest line (in characters) that can be a line of the page's metadata block.
const MAX_PAGE_LINE_CHARS: usize = 300;

/// `lines` without the page's own lines, and the notice fields those give.
pub fn read<'p, 'a>(
    lines: &[&'p Paragraph<'a>],
    rules: &Rules,
) -> (Vec<&'p Paragraph<'a>>, PageFields) {
    let mut kept = Vec::with_capacity(lines.len());
    let mut fields = PageFields::default();
    for &p in lines {
        let Some(pairs) = page_line(&p.text, rules) else {
            kept.push(p);
            continue;
        };
        for (field, label, value) in pairs {
            let given = |value: String| Given {
                value,
                label: text::compact(label),
                span: p.span,
            };
            let compact = text::compact(value);
            let (slot, value) = match field {
                PageField::Title => (&mut fields.title, Some(without_tag(&compact).to_owned())),
                PageField::DocNumber => (&mut fields.doc_number, Some(compact)),
                PageField::Issuer => (&mut fields.issuer, Some(compact)),
                PageField::WrittenOn => (&mut fields.written_on, page_date(value)),
                PageField::PublishedOn => (&mut fields.published_on, page_date(value)),
                PageField::Other => continue,
            };
            if let (None, Some(value)) = (&slot, value.filter(|v| !v.is_empty())) {
                *slot = Some(given(value));
            }
        }
    }
    (kept, fields)
}

/// The title without a column tag before it: `【政策文件】某某市人民政府关于…的通知` → `某某市人民政府
/// 关于…的通知`. A tag is a short bracket of words at the start with the title after it; a line
/// that is all one bracket (`【市政府重点工作及责任分解】`) has no tag.
pub fn without_tag(title: &str) -> &str {
    /// Most characters a column tag holds.
    const MAX_TAG_CHARS: usize = 10;
    let Some(open) = title
        .chars()
        .next()
        .filter(|c| matches!(c, '【' | '[' | '〖'))
    else {
        return title;
    };
    let close = match open {
        '【' => '】',
        '[' => ']',
        _ => '〗',
    };
    let inner = &title[open.len_utf8()..];
    let Some(end) = inner.find(close) else {
        return title;
    };
    let tag = &inner[..end];
    let rest = inner[end + close.len_utf8()..].trim_start();
    let words = !tag.is_empty()
        && tag.chars().count() <= MAX_TAG_CHARS
        && !tag.contains(['，', '。', '：', ':', '；']);
    if words && !rest.is_empty() {
        rest
    } else {
        title
    }
}

/// Whether `line` is a line of the page around the notice, made only of its labels and their
/// values (`data/page_labels.tsv`): a footer after the tasks (`版权所有：…　技术支持：…`).
pub fn is_page_line(line: &str, rules: &Rules) -> bool {
    page_line(line, rules).is_some()
}

/// Whether `c` may stand between a page's fields (`　　`, `｜`, `【字体：…】`).
fn is_field_gap(c: char) -> bool {
    c.is_whitespace() || matches!(c, '｜' | '|' | '【' | '】' | '[' | ']')
}

/// The fields of a line of the page (`发布机构：宛城区人民政府办公室　　文　　号：宛区政办〔2024〕3号`):
/// each one's field, label as written and value; `None` unless the whole line is made of
/// labels and their values, the first at its start. A label is followed by `：`, `:` or a
/// space; a line whose labels are only followed by spaces holds two of them at least
/// (`发布机构 区人民政府办公室 文号 宛区政办〔2024〕3号`).
fn page_line<'t>(line: &'t str, rules: &Rules) -> Option<Vec<(PageField, &'t str, &'t str)>> {
    let line = line.trim();
    if line.chars().count() > MAX_PAGE_LINE_CHARS {
        return None;
    }
    let start = line.len() - line.trim_start_matches(is_field_gap).len();
    // Each label: where it starts, where its value starts, whether a colon ends it.
    let mut found: Vec<(usize, usize, PageField, bool)> = Vec::new();
    let mut before: Option<char> = None;
    for (i, c) in line.char_indices() {
        let at_gap = before.is_none_or(is_field_gap);
        before = Some(c);
        if i < start || !at_gap || is_field_gap(c) {
            continue;
        }
        let Some((field, len)) = rules.page_label_at(&line[i..]) else {
            if found.is_empty() {
                return None;
            }
            continue;
        };
        let after = &line[i + len..];
        let spaced = after.trim_start();
        let colon = spaced.starts_with(['：', ':']);
        if !colon && spaced.len() == after.len() {
            // A word that begins like a label (`名称变更…`) and goes on.
            if found.is_empty() {
                return None;
            }
            continue;
        }
        let value_at = line.len() - spaced.len()
            + if colon {
                spaced.chars().next()?.len_utf8()
            } else {
                0
            };
        found.push((i, value_at, field, colon));
    }
    let all_colons = found.iter().all(|&(_, _, _, colon)| colon);
    // One label followed by a space alone is the page's when its value is a date
    // (`发布日期 2023-02-24`); else it is text that begins with the label's word.
    let one_date = || match found.as_slice() {
        &[(_, value_at, PageField::WrittenOn | PageField::PublishedOn, _)] => {
            page_date(&line[value_at..]).is_some()
        }
        _ => false,
    };
    if found.is_empty() || !(all_colons || found.len() >= 2 || one_date()) {
        return None;
    }
    let ends = found
        .iter()
        .skip(1)
        .map(|&(at, ..)| at)
        .chain(std::iter::once(line.len()));
    Some(
        found
            .iter()
            .zip(ends)
            .map(|(&(at, value_at, field, _), end)| {
                let label = line[at..value_at].trim_end_matches(['：', ':']).trim_end();
                let value = line[value_at..end.max(value_at)].trim_matches(is_field_gap);
                (field, label, value)
            })
            .collect(),
    )
}

/// A page's date as ISO 8601: `2024年03月15日`, `2024-03-15`, `2024/3/15`, `2024.03.15`, a time
/// after it (`2024-03-18 09:30`) left out.
fn page_date(value: &str) -> Option<String> {
    let value = value.trim();
    if let Some(m) = scan::find_date(value).filter(|m| m.start == 0) {
        let (year, rest) = value[m.clone()].split_once('年')?;
        let (month, day) = rest.strip_suffix('日')?.split_once('月')?;
        return iso(year, month, day);
    }
    let date = value.split(char::is_whitespace).next()?;
    let mut parts = date.split(['-', '/', '.']);
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    iso(year, month, day)
}

/// `YYYY-MM-DD` from a date's parts in Arabic digits, if they make one.
fn iso(year: &str, month: &str, day: &str) -> Option<String> {
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month, day) = (number(year)?, number(month)?, number(day)?);
    ((1..=12).contains(&month) && (1..=31).contains(&day) && year >= 1000)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_the_page() {
        let rules = Rules::builtin();
        let fields = |line: &str| {
            page_line(line, rules).map(|f| {
                f.into_iter()
                    .map(|(field, label, value)| (field, text::compact(label), value.to_owned()))
                    .collect::<Vec<_>>()
            })
        };
        use PageField::*;
        /// A page line's fields: field, label, value.
        type Fields<'a> = &'a [(PageField, &'a str, &'a str)];
        let cases: &[(&str, Option<Fields>)] = &[
            (
                "名　　称：宛城区人民政府办公室关于印发方案的通知",
                Some(&[(Title, "名称", "宛城区人民政府办公室关于印发方案的通知")]),
            ),
            (
                "发布机构：宛城区人民政府办公室　　文　　号：宛区政办〔2024〕3号",
                Some(&[
                    (Issuer, "发布机构", "宛城区人民政府办公室"),
                    (DocNumber, "文号", "宛区政办〔2024〕3号"),
                ]),
            ),
            (
                "发布机构 区人民政府办公室 文号 宛区政办〔2024〕3号",
                Some(&[
                    (Issuer, "发布机构", "区人民政府办公室"),
                    (DocNumber, "文号", "宛区政办〔2024〕3号"),
                ]),
            ),
            (
                "信息来源：区政府办公室｜发布时间：2024-03-18 09:30｜【字体：大 中 小】",
                Some(&[
                    (Other, "信息来源", "区政府办公室"),
                    (PublishedOn, "发布时间", "2024-03-18 09:30"),
                    (Other, "字体", "大 中 小"),
                ]),
            ),
            (
                "发布时间：2026-03-06　　来源：市政府办公室　　字体：[大 中 小]　　打印",
                Some(&[
                    (PublishedOn, "发布时间", "2026-03-06"),
                    (Other, "来源", "市政府办公室"),
                    (Other, "字体", "大 中 小]　　打印"),
                ]),
            ),
            // One label with a space and no colon: text, not the page's, unless a date.
            ("名称 变更后的单位名称以批复为准。", None),
            (
                "发布日期 2023-02-24",
                Some(&[(PublishedOn, "发布日期", "2023-02-24")]),
            ),
            ("发布日期 待定", None),
            ("名称变更后，各单位要及时更新。", None),
            ("各乡镇人民政府，县政府各部门：", None),
            ("牵头单位：县发改局", None),
            ("一、来源：县统计局", None),
        ];
        for (line, want) in cases {
            let want = want.map(|w| {
                w.iter()
                    .map(|&(f, l, v)| (f, l.to_owned(), v.to_owned()))
                    .collect::<Vec<_>>()
            });
            assert_eq!(fields(line), want, "{line}");
        }
    }

    #[test]
    fn tags_and_dates() {
        for (title, want) in [
            (
                "【政策文件】某市人民政府关于印发方案的通知",
                "某市人民政府关于印发方案的通知",
            ),
            ("[通知公告]关于印发方案的通知", "关于印发方案的通知"),
            (
                "【市政府重点工作及责任分解】",
                "【市政府重点工作及责任分解】",
            ),
            ("关于印发方案的通知", "关于印发方案的通知"),
            (
                "【注：此件公开发布】关于印发方案的通知",
                "【注：此件公开发布】关于印发方案的通知",
            ),
        ] {
            assert_eq!(without_tag(title), want, "{title}");
        }
        for (date, want) in [
            ("2024年03月15日", Some("2024-03-15")),
            ("2024-03-18 09:30", Some("2024-03-18")),
            ("2024/3/5", Some("2024-03-05")),
            ("2024.03.15", Some("2024-03-15")),
            ("2024-13-01", None),
            ("20240315", None),
            ("三月", None),
        ] {
            assert_eq!(page_date(date).as_deref(), want, "{date}");
        }
    }
}
