//! List notices: the division of tasks written as numbered paragraphs, not a table.
//!
//! ```text
//! 一、主要预期目标
//! 1．地区生产总值增长6%左右。（牵头单位：县发改局；责任单位：县统计局、各乡镇人民政府）
//! 2．粮食产量稳定在8万吨以上。
//! 牵头单位：县农业农村局
//! 责任单位：各乡镇人民政府
//! 二、县示范区管委会牵头工作（2项）
//! （一）新建标准化厂房5万平方米。
//! ```
//!
//! Each line is a section heading (`一、…`), a numbered item (`1.`, `1、`, `（1）`, `（一）`), a
//! labelled line (`牵头单位：…`; the labels are `data/headers.tsv`'s, so a new label is a line
//! there), or text continuing the item above. An item's units stand in a bracket at its end
//! (`（牵头单位：…；责任单位：…）`, `[…]`, `【…】`) or on labelled lines under it. A `（一）` line
//! with numbered items under it is a sub-category, else a task. A heading is a section when a
//! task follows it; the notice's own requirements (`一、加强组织领导`) have none and stay front
//! matter. A heading that names a lead (`县示范区管委会牵头工作`) gives it to its tasks that name
//! none (`I017`). The tasks are built as the table reader builds them: the same unit, target
//! and text rules.

use crate::dataset::{ExtraCell, Name, Section, Subsection, Task, UnitMention};
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::{LabelReading, Role, Rules};
use crate::span::{LineIndex, Span};
use crate::table::Paragraph;
use crate::targets;
use crate::text;
use crate::units;

/// What a list notice gives: sections and tasks, the lines before and after the list (front
/// matter, closing), and what it has to say.
pub struct ListRead<'p, 'a> {
    pub sections: Vec<Section>,
    pub tasks: Vec<Task>,
    pub before: Vec<&'p Paragraph<'a>>,
    pub after: Vec<&'p Paragraph<'a>>,
    pub diags: Vec<Diagnostic>,
}

/// One line, classified.
#[derive(Debug)]
enum Line {
    /// `一、标题`.
    Heading { number: u32, title: String },
    /// A numbered item: its marker as written, its number, whether the marker is a Chinese
    /// numeral in parentheses (`（一）`), its text and the fields in a bracket at its end.
    Item {
        marker: String,
        number: Option<u32>,
        chinese: bool,
        text: String,
        fields: Vec<Field>,
    },
    /// `牵头单位：…` (one or more labels).
    Labels(Vec<Field>),
    /// The rest of the labelled line above it, wrapped onto this one (`配合单位：县住建局、
    /// 县市场监管局、` / `某某镇人民政府`): read into that line's last value.
    Wrap,
    /// Anything else.
    Text,
}

/// A labelled value: its role and text.
#[derive(Clone, Debug)]
struct Field {
    role: Role,
    value: String,
    /// Written without a label or role word: names alone in a bracket (`（县发改局、县统计局）`).
    unlabelled: bool,
    /// The label, where it was read by its structure (`data/label_words.tsv`), not named
    /// in `headers.tsv`: `牵头责任领导`.
    structural: Option<(String, LabelReading)>,
}

/// Read `lines` (a paragraph each) as a list notice; `None` when no item names a unit.
/// `first_leads` is the notice's line that says the first unit of each list leads.
pub fn read<'p, 'a>(
    lines: &'p [Paragraph<'a>],
    source: &str,
    index: &LineIndex,
    rules: &Rules,
    first_leads: Option<usize>,
) -> Option<ListRead<'p, 'a>> {
    let mut classified: Vec<Line> = lines
        .iter()
        .map(|p| classify(&with_list_marker(p, source), rules))
        .collect();
    let ends = join_wrapped(&mut classified, lines, rules);
    join_wrapped_labels(&mut classified, lines, &ends, rules);
    // Whether the heading over each line names the lead of its tasks (`县示范区管委会牵头工作
    // (8项)`): its items carry their lead so.
    let mut led = false;
    let under_lead: Vec<bool> = classified
        .iter()
        .map(|line| {
            if let Line::Heading { title, .. } = line {
                led = heading_gives_tasks(title, rules);
            }
            led
        })
        .collect();
    // Items with units of their own, the labelled lines under items, or a heading over them
    // that names their lead.
    let has_fields = |i: usize| match &classified[i] {
        Line::Item { fields, .. } => {
            !fields.is_empty()
                || matches!(classified.get(ends[i]), Some(Line::Labels(_)))
                || under_lead[i]
        }
        _ => false,
    };
    let first_task = (0..lines.len()).find(|&i| has_fields(i))?;
    let last_task = (0..lines.len()).rev().find(|&i| has_fields(i))?;
    let start = list_start(&classified, lines, first_task);
    // It ends with the last task's labelled and continuation lines, and the items after it
    // that go on with its numbering (`7.其他各项指标…` with no units: the page ended, or the
    // notice names none): tasks too, each with no lead (`W003`).
    let after_labels = |k: usize| {
        (ends[k]..lines.len())
            .take_while(|&j| {
                matches!(classified[j], Line::Labels(_) | Line::Wrap)
                    || labels_after_note(&classified, lines, j).is_some()
            })
            .last()
            .map_or(ends[k], |j| j + 1)
    };
    let mut last = last_task;
    let mut end = after_labels(last);
    while let Some(next) = (end..lines.len()).find(|&k| !is_blankish(&lines[k].text)) {
        if !continues_numbering(&classified[last], &classified[next]) {
            break;
        }
        last = next;
        end = after_labels(next);
    }

    let mut reader = Reader {
        lines,
        source,
        index,
        rules,
        sections: Vec::new(),
        tasks: Vec::new(),
        diags: Vec::new(),
        section: None,
        section_lead: None,
        subsection: None,
        restarts: false,
        first_leads,
        unlabelled: Vec::new(),
        structural_said: Vec::new(),
    };
    let mut i = start;
    while i < end {
        match &classified[i] {
            Line::Heading { number, title } => {
                reader.open_section(*number, title, i);
                i += 1;
            }
            Line::Item {
                chinese: true,
                fields,
                text,
                ..
            } if fields.is_empty()
                && next_item(&classified, i, end).is_some_and(|k| {
                    matches!(classified[k], Line::Item { chinese: false, .. })
                }) =>
            {
                reader.open_subsection(text, i);
                i += 1;
            }
            Line::Item { .. } => {
                // The item with the lines it runs over (joined into it), then its labelled
                // lines and the notes between them.
                let mut k = ends[i].min(end);
                let mut labels = Vec::new();
                let mut notes = Vec::new();
                while k < end {
                    match &classified[k] {
                        Line::Labels(fields) => labels.extend(fields.iter().cloned()),
                        Line::Wrap => {}
                        Line::Text
                            if labels_after_note(&classified, lines, k)
                                .is_some_and(|l| l < end) =>
                        {
                            notes.push(k);
                        }
                        _ => break,
                    }
                    k += 1;
                }
                reader.task(&classified, i, k, labels, &notes);
                i = k;
            }
            Line::Labels(_) | Line::Wrap | Line::Text => {
                if !is_blankish(&lines[i].text) {
                    reader.diag(
                        Code::UnclassifiedRow,
                        lines[i].span,
                        format!(
                            "line in the task list is not a task, a heading or a labelled line; \
                             dropped: {:?}",
                            text::preview(&lines[i].text, 80)
                        ),
                    );
                }
                i += 1;
            }
        }
    }
    reader.number_tasks();
    reader.say_unlabelled();
    let Reader {
        sections,
        tasks,
        mut diags,
        ..
    } = reader;
    diags.insert(
        0,
        Diagnostic::new(
            Code::ListNotice,
            lines[start].span,
            index,
            format!(
                "no task table: read as a list notice, {} tasks from numbered paragraphs",
                tasks.len()
            ),
        ),
    );
    Some(ListRead {
        sections,
        tasks,
        before: lines[..start].iter().collect(),
        after: lines[end..].iter().collect(),
        diags,
    })
}

/// Where the labelled lines go on after a note among them: the first labelled line after
/// the lines of text from `j` on (`牵头单位：县交通运输局` / `（县公路事业发展中心具体负责）` /
/// `配合单位：…`), when `j` is such a line of text. A note above no labelled line is none.
fn labels_after_note(classified: &[Line], lines: &[Paragraph<'_>], j: usize) -> Option<usize> {
    let is_note = |k: usize| {
        matches!(classified.get(k), Some(Line::Text)) && read_note(lines[k].text.trim()).is_some()
    };
    if !is_note(j) {
        return None;
    }
    let next = (j..classified.len()).find(|&k| !is_note(k))?;
    matches!(classified[next], Line::Labels(_)).then_some(next)
}

/// A note's label and text: a line in brackets (`（县公路事业发展中心具体负责）`, no label), or
/// one led by a short label (`注：…`, `说明：…`). Any other line is no note: a line of text
/// among labelled lines may be a task written without a number.
fn read_note(written: &str) -> Option<(String, String)> {
    let bracketed = written.starts_with(['（', '(']) && written.ends_with(['）', ')']);
    if bracketed {
        return Some((String::new(), written.to_owned()));
    }
    let (label, rest) = written.split_once(['：', ':'])?;
    ((1..=4).contains(&label.chars().count())
        && !rest.trim().is_empty()
        && !label.contains(|c: char| c.is_whitespace() || is_unit_separator(c)))
    .then(|| (label.to_owned(), rest.trim().to_owned()))
}

/// Where the list whose first task is on line `first` starts: at the headings and
/// sub-headings right above it, and the items before it that its numbering goes on from
/// (`1.` with no units above `2.…（牵头单位：…）`). Other items above it are not its own: a
/// numbered list of attachments (`附件：1.…` / `2.…`) before the first heading is the notice's.
fn list_start(classified: &[Line], lines: &[Paragraph<'_>], first: usize) -> usize {
    let mut start = first;
    // The item after the lines taken so far, while no heading stands between.
    let mut below = Some(first);
    for k in (0..first).rev() {
        let line = &classified[k];
        let taken = match line {
            _ if is_blankish(&lines[k].text) => true,
            Line::Heading { .. } | Line::Labels(_) | Line::Wrap => true,
            Line::Item { chinese, .. } => below.is_some_and(|b| {
                continues_numbering(line, &classified[b])
                    || (*chinese && matches!(classified[b], Line::Item { chinese: false, .. }))
            }),
            Line::Text => false,
        };
        if !taken {
            break;
        }
        start = k;
        match line {
            Line::Item { .. } => below = Some(k),
            Line::Heading { .. } => below = None,
            _ => {}
        }
    }
    start
}

/// A line's text with the number markdown took as a list marker (`1. 地区…` is an ordered
/// list item to CommonMark, its text without the `1.`) put back from the source.
fn with_list_marker(p: &Paragraph<'_>, source: &str) -> String {
    let line_start = source[..p.span.start].rfind('\n').map_or(0, |i| i + 1);
    let prefix = source[line_start..p.span.start].trim();
    let is_number = prefix.len() >= 2
        && prefix.len() <= 4
        && prefix.ends_with(['.', ')'])
        && prefix[..prefix.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_digit());
    // A bullet list item (`- 新增…`): its marker too, so the line reads as an item.
    let is_bullet = matches!(prefix, "-" | "*" | "+");
    if is_number {
        format!("{prefix}{}", p.text)
    } else if is_bullet {
        format!("{prefix} {}", p.text)
    } else {
        p.text.to_string()
    }
}

/// Join each item with the text lines it runs over: a PDF converter writes every line of
/// the page as a paragraph, so a task's text, and the bracket of units after it, wrap over
/// several (`1．地区生产总值增长` / `6%。（牵头单位：县发改局；责任单位：县财政局、` / `县统计局）`).
/// An item takes the next text line while it stops mid-sentence, while a bracket in it is
/// still open, or when the next line opens one; it stops once a bracket of units closes it,
/// and after [`MAX_WRAPPED_LINES`]. The joined item's units are read from the whole. Returns,
/// for each line, the line after it and what it took.
fn join_wrapped(classified: &mut [Line], lines: &[Paragraph<'_>], rules: &Rules) -> Vec<usize> {
    let mut ends: Vec<usize> = (1..=lines.len()).collect();
    for i in 0..classified.len() {
        let Line::Item { text, fields, .. } = &classified[i] else {
            continue;
        };
        if !fields.is_empty() {
            continue;
        }
        let mut joined = text.clone();
        let mut depth = bracket_depth(0, &joined);
        let mut read = None;
        let mut k = i + 1;
        // A task of several paragraphs with its units after the last (`…63家。` / `抓紧抓实…
        // 实施技改项目10个。（牵头单位：…）`): the text lines up to the one whose bracket
        // names them are the item's, though a sentence ends before.
        let units_at = {
            let mut rest = String::new();
            (i + 1..lines.len().min(i + 1 + MAX_WRAPPED_LINES))
                .take_while(|&j| matches!(classified[j], Line::Text))
                .find(|&j| {
                    // The bracket may wrap over lines of its own (`（牵头单位：…；责任单位：
                    // 县政府办公室` / `县审计局）`).
                    rest.push_str(lines[j].text.trim());
                    rest.ends_with([')', '）', ']', '】', '。'])
                        && !inline_fields(&rest, rules).1.is_empty()
                })
        };
        // Inside an open bracket, a line of labels (`牵头单位：县发改局）`) is its rest too.
        while k < lines.len()
            && k - i <= MAX_WRAPPED_LINES
            && match classified[k] {
                Line::Text => true,
                Line::Labels(_) => depth > 0,
                _ => false,
            }
        {
            let next = lines[k].text.trim().trim_start_matches('\u{3000}');
            // A page's number between a task's lines is no part of it.
            if text::is_page_number(next) {
                k += 1;
                continue;
            }
            let goes_on = depth > 0
                || next.starts_with(['(', '（', '[', '【'])
                || !joined.trim_end().ends_with(['。', '；', '！', '？'])
                || units_at.is_some_and(|j| k <= j);
            if !goes_on {
                break;
            }
            // A Chinese page wraps anywhere, inside a number too (`15` / `00人`): no space.
            joined.push_str(next);
            depth = bracket_depth(depth, next);
            k += 1;
            // A bracket of units just closed: the item ends here.
            let closes = next
                .trim_end_matches(['。', '；', ';'])
                .ends_with([')', '）', ']', '】']);
            if depth <= 0 && closes {
                let (body, fields) = inline_fields(&joined, rules);
                if !fields.is_empty() {
                    read = Some((body, fields));
                    break;
                }
            }
        }
        if k == i + 1 {
            continue;
        }
        let (body, fields) = read.unwrap_or_else(|| inline_fields(&joined, rules));
        if let Line::Item {
            text, fields: f, ..
        } = &mut classified[i]
        {
            *text = body;
            *f = fields;
        }
        ends[i] = k;
    }
    ends
}

/// Join each labelled line with the text lines it wrapped onto (`配合单位：县住建局、县交通运输局、
/// 县市场监管局、` / `某某镇人民政府`, then `完成时限：…`): a text line right under a labelled
/// line is the rest of its last value when that value stops at a separator (`、`, `，`), when
/// it names units and its last name is cut (`县市场` / `监管局`: only the two together end like a
/// unit name), or when another labelled line follows it (the labels go on). A line with a
/// colon, a sentence, or a name that stands on its own after a value that is whole (the
/// notice's signature under the last task) is no wrap. `ends` are the lines items took.
fn join_wrapped_labels(
    classified: &mut [Line],
    lines: &[Paragraph<'_>],
    ends: &[usize],
    rules: &Rules,
) {
    // The lines an item took already (its text wrapped, a bracket of units).
    let mut taken = vec![false; lines.len()];
    for (i, &end) in ends.iter().enumerate() {
        if matches!(classified[i], Line::Item { .. }) {
            taken[i + 1..end.min(lines.len())].fill(true);
        }
    }
    let next_line = |from: usize| (from..lines.len()).find(|&k| !is_blankish(&lines[k].text));
    for i in 0..classified.len() {
        if taken[i] || !matches!(classified[i], Line::Labels(_)) {
            continue;
        }
        let mut at = i + 1;
        while let Some(j) = next_line(at) {
            let next = lines[j].text.trim().trim_start_matches('\u{3000}');
            let Line::Labels(fields) = &classified[i] else {
                break;
            };
            let Some(last) = fields.last() else { break };
            let wrap_like = matches!(classified[j], Line::Text)
                && !taken[j]
                && !next.starts_with(['(', '（', '[', '【'])
                && !next.contains(['：', ':'])
                && !next
                    .trim_end_matches(['。', '；', ';'])
                    .contains(['。', '；', ';'])
                && next.chars().count() <= MAX_WRAP_CHARS;
            if !wrap_like {
                break;
            }
            let value = last.value.as_str();
            let at_separator = value.ends_with(['、', '，', ',']);
            let cut_name = matches!(last.role, Role::Lead | Role::Responsible) && {
                let piece = value.rsplit(is_unit_separator).next().unwrap_or_default();
                let first = next.split(is_unit_separator).next().unwrap_or_default();
                !piece.is_empty()
                    && !units::ends_like_name(piece, rules)
                    && units::ends_like_name(&format!("{piece}{first}"), rules)
            };
            let rest = next.trim_end_matches(['。', '；', ';']);
            // Between two labelled lines, a line that reads as what the label above holds
            // (names of units, of leaders; a deadline's short rest): a sentence there is a
            // task's text, no wrap (`完成时限：…` / `加快推进城区老旧小区改造，…。`).
            let labels_go_on = next_line(j + 1)
                .is_some_and(|k| matches!(classified[k], Line::Labels(_)))
                && reads_as_value(rest, last.role, rules);
            if !(at_separator || cut_name || labels_go_on) {
                break;
            }
            if let Line::Labels(fields) = &mut classified[i] {
                if let Some(last) = fields.last_mut() {
                    // A name cut by the wrap is one again; a whole one before the break is
                    // the last of its list, the break between them a space (which separates
                    // names as `、` does).
                    if !(at_separator || cut_name) {
                        last.value.push(' ');
                    }
                    last.value.push_str(rest);
                }
            }
            for line in &mut classified[i + 1..=j] {
                *line = Line::Wrap;
            }
            at = j + 1;
        }
    }
}

/// Whether a wrapped line `rest` reads as more of a `role` label's value: unit names that
/// each end like one, leaders' names (two to four characters each), a deadline's short rest.
fn reads_as_value(rest: &str, role: Role, rules: &Rules) -> bool {
    let mut pieces = rest.split(is_unit_separator).filter(|p| !p.is_empty());
    match role {
        Role::Lead | Role::Responsible => pieces.all(|p| units::ends_like_name(p, rules)),
        Role::Leaders => pieces.all(|p| (2..=4).contains(&p.chars().count())),
        _ => rest.chars().count() <= MAX_DEADLINE_REST_CHARS && !rest.contains(['，', ',']),
    }
}

/// Most characters of a deadline's rest wrapped onto a line of its own (`底前`, `10月底前`).
const MAX_DEADLINE_REST_CHARS: usize = 10;

/// Whether `c` separates the names of a unit list (`、`, `，`, a space).
fn is_unit_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';')
}

/// Most characters a labelled line's wrapped rest holds: a line of unit names, no paragraph.
const MAX_WRAP_CHARS: usize = 80;

/// Most text lines one item runs over: a PDF's task wraps over a few; past this the lines are
/// reported, not joined (and an item stays linear to read).
const MAX_WRAPPED_LINES: usize = 40;

/// `depth` after the brackets of `text` open and close.
fn bracket_depth(depth: i32, text: &str) -> i32 {
    text.chars().fold(depth, |depth, c| match c {
        '(' | '（' | '[' | '【' => depth + 1,
        ')' | '）' | ']' | '】' => depth - 1,
        _ => depth,
    })
}

/// Whether item `next` goes on with the numbering of item `last`: the same kind of marker
/// (`7.` after `6.`, `（三）` after `（二）`), numbered one more.
fn continues_numbering(last: &Line, next: &Line) -> bool {
    let (
        Line::Item {
            marker: a,
            number: Some(n),
            chinese: ca,
            ..
        },
        Line::Item {
            marker: b,
            number: Some(m),
            chinese: cb,
            ..
        },
    ) = (last, next)
    else {
        return false;
    };
    let shape = |marker: &str| {
        let mut chars = marker.chars();
        (
            chars.next().filter(|c| matches!(c, '(' | '（')).is_some(),
            chars.next_back(),
        )
    };
    ca == cb && shape(a) == shape(b) && *m == n + 1
}

/// Whether a line holds nothing to read (a separator, punctuation).
fn is_blankish(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_whitespace() || c.is_ascii_punctuation())
        || text::is_page_number(line)
}

/// The next item line after `i`, before the next heading or `end`.
fn next_item(lines: &[Line], i: usize, end: usize) -> Option<usize> {
    (i + 1..end)
        .take_while(|&k| !matches!(lines[k], Line::Heading { .. }))
        .find(|&k| matches!(lines[k], Line::Item { .. }))
}

/// Classify one line.
fn classify(line: &str, rules: &Rules) -> Line {
    let line = line.trim().trim_start_matches('\u{3000}');
    // `- 12 -` is a page's number, not a bullet.
    if text::is_page_number(line) {
        return Line::Text;
    }
    if let Some(fields) = labels(line, rules) {
        return Line::Labels(fields);
    }
    if let Some((number, title)) = text::section_heading(line) {
        // `一、社会消费品零售总额增长5.5%左右。（牵头部门：县财政局；配合单位：县工信局）`: the
        // level whose items name units is the task level, whatever its marker.
        let (body, fields) = inline_fields(title, rules);
        if !fields.is_empty() {
            return Line::Item {
                marker: line[..line.len() - title.len()].trim_end().to_owned(),
                number: Some(number),
                chinese: true,
                text: body,
                fields,
            };
        }
        return Line::Heading {
            number,
            title: title.to_owned(),
        };
    }
    if let Some((marker, number, chinese, rest)) = item_marker(line) {
        let (body, fields) = inline_fields(rest, rules);
        return Line::Item {
            marker: marker.to_owned(),
            number,
            chinese,
            text: body,
            fields,
        };
    }
    Line::Text
}

/// Whether `line` starts with a numbered item's marker (`1．`, `（一）`…; not a bullet).
pub(crate) fn starts_with_item(line: &str) -> bool {
    item_marker(line.trim().trim_start_matches('\u{3000}')).is_some_and(|(_, n, _, _)| n.is_some())
}

/// Symbols that start a bullet item where a converter wrote the bullet as text.
const BULLETS: &str = "•●○■□◆◇▪▶►➢·";

/// A numbered item's marker: `1.`, `1、`, `1．`, `(1)`, `（1）`, `1)`, `（一）`, `(一)`: the marker,
/// its number (none for a bullet: `- `, `●`), whether it is a Chinese numeral in parentheses,
/// and the rest of the line.
fn item_marker(line: &str) -> Option<(&str, Option<u32>, bool, &str)> {
    // A bullet: an item without a number (`- `, `* `, `+ `, or a symbol such as `●`).
    if let Some(c) = line.chars().next() {
        let rest = &line[c.len_utf8()..];
        let ascii = matches!(c, '-' | '*' | '+') && rest.starts_with(char::is_whitespace);
        if ascii || BULLETS.contains(c) {
            let rest = rest.trim_start();
            // A numbered item written as a bullet (`- 1.固定资产投资…`: PyMuPDF 2's layout
            // mode): the number is the item's.
            if let Some((_, Some(n), parenthesised, after)) =
                item_marker(rest).filter(|(marker, ..)| !marker.starts_with(['-', '*', '+']))
            {
                let end = line.len() - after.len();
                return Some((line[..end].trim_end(), Some(n), parenthesised, after));
            }
            return Some((&line[..c.len_utf8()], None, false, rest));
        }
    }
    if let Some((number, _)) = text::subcategory_label(line) {
        let close = line.find([')', '）'])?;
        let end = close + line[close..].chars().next()?.len_utf8();
        return Some((&line[..end], Some(number), true, line[end..].trim_start()));
    }
    let inner = line.strip_prefix(['(', '（']).unwrap_or(line);
    let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    let after = &inner[digits..];
    let mark = after.chars().next()?;
    let parenthesised = inner.len() < line.len();
    let ok = if parenthesised {
        matches!(mark, ')' | '）')
    } else {
        matches!(mark, '.' | '、' | '．' | ')' | '）')
    };
    if !ok {
        return None;
    }
    let end = line.len() - after.len() + mark.len_utf8();
    let rest = &line[end..];
    // `1.5万吨…` is a number, not an item.
    if mark == '.' && rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((
        &line[..end],
        inner[..digits].parse().ok(),
        false,
        rest.trim_start(),
    ))
}

/// Lines split after a bracket of labelled units that ends an item where a PDF converter ran
/// the next line on after a space (PyMuPDF 2's layout mode joins a block's lines so: `…5个。
/// （牵头单位：县发改局；责任单位：县教育局） 五、统筹发展和安全`): the bracket ends its item, and
/// what follows is a line of its own (a heading, the next item, the closing text). Only a
/// bracket whose inside is labels (`牵头单位：…`, `data/headers.tsv`) cuts.
pub fn split_after_brackets<'a>(
    lines: Vec<Paragraph<'a>>,
    source: &str,
    rules: &Rules,
) -> Vec<Paragraph<'a>> {
    let mut out = Vec::with_capacity(lines.len());
    for p in lines {
        let text = p.text.trim();
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        let mut open: Option<usize> = None;
        let mut depth = 0;
        for (i, c) in text.char_indices() {
            match c {
                '（' | '(' => {
                    if depth == 0 {
                        open = Some(i + c.len_utf8());
                    }
                    depth += 1;
                }
                '）' | ')' if depth > 0 => {
                    depth -= 1;
                    let close = i + c.len_utf8();
                    let rest = &text[close..];
                    let gap = rest.len() - rest.trim_start().len();
                    if depth == 0
                        && gap > 0
                        && !rest.trim().is_empty()
                        && open.is_some_and(|o| labels(&text[o..i], rules).is_some())
                    {
                        cuts.push((close, close + gap));
                    }
                }
                _ => {}
            }
        }
        if cuts.is_empty() {
            out.push(p);
            continue;
        }
        let mut start = 0;
        let texts: Vec<&str> = cuts
            .into_iter()
            .chain(std::iter::once((text.len(), text.len())))
            .map(|(end, next)| {
                let piece = &text[start..end];
                start = next;
                piece
            })
            .collect();
        crate::notice::pieces(&mut out, p.span, texts.into_iter(), source);
    }
    out
}

/// `LABEL：VALUE[；LABEL：VALUE…]` where every label names a unit, leaders or deadline column
/// (`data/headers.tsv`).
fn labels(text: &str, rules: &Rules) -> Option<Vec<Field>> {
    let mut fields = Vec::new();
    let parts = text::split_outside_brackets(text, &['；', ';']);
    for part in parts
        .into_iter()
        .map(|r| &text[r])
        .filter(|p| !p.trim().is_empty())
    {
        let (label, value) = part.split_once(['：', ':'])?;
        let label = label.trim();
        let (role, structural) = match rules.header_role(label) {
            Some(role) => (role, None),
            None => {
                let (role, reading) = rules.label_role(label)?;
                (role, Some((label.to_owned(), reading)))
            }
        };
        if matches!(role, Role::Seq | Role::Task) {
            return None;
        }
        fields.push(Field {
            role,
            value: value.trim().trim_end_matches(['。', '；', ';']).to_owned(),
            unlabelled: false,
            structural,
        });
    }
    (!fields.is_empty()).then_some(fields)
}

/// An item's text without the labelled bracket at its end, and the fields in it:
/// `地区生产总值增长11%。[牵头单位:县发改局(粮食局);责任单位:各镇人民政府]`.
fn inline_fields(text: &str, rules: &Rules) -> (String, Vec<Field>) {
    let trimmed = text.trim_end().trim_end_matches(['。', '；', ';']);
    // The sentence's full stop after the bracket belongs to the text.
    let stop = &text.trim_end()[trimmed.len()..];
    let unchanged = || (text.to_owned(), Vec::new());
    let Some(close) = trimmed.chars().next_back() else {
        return unchanged();
    };
    let open = match close {
        ']' => '[',
        '】' => '【',
        ')' | '）' => '（',
        _ => return unchanged(),
    };
    // The bracket that the last character closes.
    let mut depth = 0;
    let mut start = None;
    for (i, c) in trimmed.char_indices().rev() {
        let closes = c == close || (open == '（' && matches!(c, ')' | '）'));
        let opens = c == open || (open == '（' && c == '(');
        if closes {
            depth += 1;
        } else if opens {
            depth -= 1;
            if depth == 0 {
                start = Some(i);
                break;
            }
        }
    }
    let Some(start) = start else {
        return unchanged();
    };
    let inner_start = start + trimmed[start..].chars().next().map_or(1, char::len_utf8);
    let inner = &trimmed[inner_start..trimmed.len() - close.len_utf8()];
    // `（牵头单位：…；责任单位：…）`, or `（县发改局牵头，县统计局配合）`.
    let fields = labels(inner, rules).or_else(|| {
        let lists = units::role_lists(inner, rules)?;
        Some(
            lists
                .into_iter()
                .map(|l| Field {
                    role: l.role,
                    value: inner[l.range].to_owned(),
                    unlabelled: false,
                    structural: None,
                })
                .collect(),
        )
    });
    // `地区生产总值增长6%。（县发改局、县统计局）`: unit names alone, after the sentence's end,
    // are its units (responsible, unless the notice says the first one listed leads).
    let after_sentence = trimmed[..start].trim_end().ends_with(['。', '；', ';']);
    let fields = fields.or_else(|| {
        (after_sentence && units::names_only(inner, rules)).then(|| {
            vec![Field {
                role: Role::Responsible,
                value: inner.to_owned(),
                unlabelled: true,
                structural: None,
            }]
        })
    });
    match fields {
        Some(fields) => {
            let body = trimmed[..start].trim_end();
            let stop = if body.ends_with(['。', '；', ';']) {
                ""
            } else {
                stop
            };
            (format!("{body}{stop}"), fields)
        }
        None => unchanged(),
    }
}

/// The unit a heading names as the lead of its tasks: `县示范区管委会牵头工作（8项）`.
fn heading_lead(title: &str, rules: &Rules) -> Option<String> {
    heading_lead_parts(title, rules).map(|(lead, _)| lead)
}

/// Whether a heading names a lead whose tasks the items under it are, though none names a
/// unit: it counts them (`县示范区管委会牵头工作(8项)`), or says so with a word after 牵头
/// (`县发改局牵头工作`: `data/role_words.tsv`'s role `tasks`). `区政府督查室牵头抓好督查` names
/// a lead, not tasks.
fn heading_gives_tasks(title: &str, rules: &Rules) -> bool {
    let compact = text::compact(title);
    let counted = heading_count(&compact).is_some();
    heading_lead_parts(title, rules)
        .is_some_and(|(_, rest)| counted || rules.names_heading_tasks(&rest))
}

/// The heading without the count of its items at its end (`（8项）`, `(8项)`), if it has one.
fn heading_count(title: &str) -> Option<&str> {
    title
        .trim_end_matches(['）', ')'])
        .rsplit_once(['（', '('])
        .filter(|(_, count)| count.ends_with('项'))
        .map(|(body, _)| body)
}

/// The lead a heading names and what follows 牵头, the count of items left out.
fn heading_lead_parts(title: &str, rules: &Rules) -> Option<(String, String)> {
    let title = text::compact(title);
    let body = heading_count(&title).unwrap_or(&title);
    let (lead, rest) = body.split_once("牵头")?;
    units::ends_like_name(lead, rules).then(|| (lead.to_owned(), rest.to_owned()))
}

/// A unit list's names and mentions.
type Units = (Vec<Name>, Vec<UnitMention>);

/// How a message names a unit role.
fn role_name(role: Role) -> &'static str {
    if role == Role::Lead {
        "lead"
    } else {
        "responsible"
    }
}

struct Reader<'p, 'a, 'r> {
    lines: &'p [Paragraph<'a>],
    source: &'r str,
    index: &'r LineIndex,
    rules: &'r Rules,
    sections: Vec<Section>,
    tasks: Vec<Task>,
    diags: Vec<Diagnostic>,
    section: Option<u32>,
    /// The lead the current section's heading names.
    section_lead: Option<(String, Span)>,
    subsection: Option<(Option<u32>, String)>,
    /// Whether the written numbers restart (or otherwise differ from the running order).
    restarts: bool,
    /// The notice's line that says the first unit of each list leads (`列第一位的为牵头单位`).
    first_leads: Option<usize>,
    /// The tasks whose units stand in a bracket without a label, with the first's bracket.
    unlabelled: Vec<u32>,
    /// The labels read by their structure, said once each.
    structural_said: Vec<String>,
}

impl Reader<'_, '_, '_> {
    fn diag(&mut self, code: Code, span: Span, message: String) {
        self.diags
            .push(Diagnostic::new(code, span, self.index, message));
    }

    fn open_section(&mut self, number: u32, title: &str, i: usize) {
        let line = &self.lines[i];
        self.section = Some(number);
        self.subsection = None;
        self.section_lead = heading_lead(title, self.rules).map(|l| (l, line.span));
        self.sections.push(Section {
            number,
            title: text::clean(title),
            title_raw: line.text.to_string(),
            subsections: Vec::new(),
            line: self.index.line(line.span.start),
            span: line.span,
        });
    }

    fn open_subsection(&mut self, text: &str, i: usize) {
        let line = &self.lines[i];
        let (number, title) = match text::subcategory_label(line.text.trim()) {
            Some((n, title)) => (Some(n), text::clean(title)),
            None => (None, text::clean(text)),
        };
        let sub = Subsection {
            number,
            title: title.clone(),
            title_raw: line.text.to_string(),
            line: self.index.line(line.span.start),
            span: line.span,
        };
        match self.sections.last_mut() {
            Some(section) => section.subsections.push(sub),
            None => self.diag(
                Code::SubcategoryOutsideSection,
                line.span,
                format!(
                    "sub-category {:?} stands before any section heading (一、…); its tasks \
                     carry it, but no section lists it",
                    line.text
                ),
            ),
        }
        self.subsection = Some((number, title));
    }

    /// The task of the item on line `i`, its continuation lines up to `end` and `labels`.
    fn task(&mut self, lines: &[Line], i: usize, end: usize, labels: Vec<Field>, notes: &[usize]) {
        let Line::Item {
            marker,
            number,
            text: first,
            fields,
            ..
        } = &lines[i]
        else {
            return;
        };
        let span = self.lines[i].span.cover(self.lines[end - 1].span);
        let raw = first.clone();
        let seq = self.tasks.len() as u32 + 1;
        if number.is_some_and(|n| n != seq) {
            self.restarts = true;
        }
        for f in fields.iter().chain(&labels) {
            self.say_structural(f, span);
        }
        let all =
            self.role_words_in_labels(seq, span, fields.iter().cloned().chain(labels).collect());
        let value = |role: Role| -> Option<String> {
            let values: Vec<&str> = all
                .iter()
                .filter(|f| f.role == role)
                .map(|f| f.value.as_str())
                .collect();
            (!values.is_empty()).then(|| values.join("、"))
        };
        let (lead_raw, responsible_raw) = (value(Role::Lead), value(Role::Responsible));
        if all.iter().any(|f| f.unlabelled) {
            self.unlabelled.push(seq);
        }
        let mut lead = self.units(lead_raw.as_deref(), span);
        let mut responsible = self.units(responsible_raw.as_deref(), span);
        // `责任单位：县发改局（牵头）、县统计局`: the unit noted as lead leads, when none else does.
        if lead.0.is_empty() {
            self.give_noted(seq, &mut responsible, &mut lead, Role::Lead);
        } else if responsible.0.is_empty() {
            self.give_noted(seq, &mut lead, &mut responsible, Role::Responsible);
        }
        // `列第一位的为牵头单位`: with no lead named (here or by the section's heading), the
        // first responsible unit leads.
        if let Some(line) = self.first_leads {
            let named = !lead.0.is_empty() || lead_raw.is_some() || self.section_lead.is_some();
            if !named && !responsible.1.is_empty() {
                let first = responsible.1.remove(0);
                responsible.0.remove(0);
                self.diag(
                    Code::RoleFromWords,
                    first.span,
                    format!(
                        "{}: read as the task's lead",
                        units::listed_first(seq, "responsible list", &first.name, line)
                    ),
                );
                lead = (vec![first.name.clone()], vec![first]);
            }
        }
        if lead.0.is_empty() && lead_raw.is_none() {
            if let Some((name, heading)) = self.section_lead.clone() {
                self.diag(
                    Code::LeadFromHeading,
                    span,
                    format!(
                        "task {seq} names no lead unit; its section's heading (line {}) makes \
                         {name:?} the lead",
                        self.index.line(heading.start)
                    ),
                );
                // Read where the heading names it: the mention points there.
                lead = self.units(Some(&name), heading);
            } else if responsible.0.is_empty() {
                self.diag(
                    Code::NothingToInherit,
                    span,
                    format!("task {seq} names no lead or responsible unit"),
                );
            }
        }
        let extra = self.notes(seq, notes);
        let leaders_raw = value(Role::Leaders);
        let deadline_raw = value(Role::Deadline);
        let clean = text::clean(&raw);
        let targets = targets::read(&clean, self.rules);
        let (subsection, subsection_title) = match &self.subsection {
            Some((n, t)) => (*n, Some(t.clone())),
            None => (None, None),
        };
        // Tasks numbered as headings are (`一、…（牵头单位：…）`): no section stands over them.
        let top_level = text::section_heading(marker).is_some();
        if self.section.is_none() && !top_level {
            self.diag(
                Code::TaskOutsideSection,
                span,
                format!("task {seq} stands before any section heading (一、…)"),
            );
        }
        self.tasks.push(Task {
            seq,
            seq_inferred: number.is_none(),
            number_as_written: number.map(|_| marker.clone()),
            section: self.section,
            subsection,
            subsection_title,
            text: clean,
            text_raw: raw,
            lead: lead.0,
            lead_raw,
            lead_inherited_from: None,
            lead_mentions: lead.1,
            responsible: responsible.0,
            responsible_raw,
            responsible_inherited_from: None,
            responsible_mentions: responsible.1,
            leaders: leaders_raw
                .as_deref()
                .map(|l| units::split_names(l, self.rules))
                .unwrap_or_default(),
            leaders_raw,
            leaders_inherited_from: None,
            deadline: deadline_raw.as_deref().map(text::clean),
            deadline_raw,
            deadline_inherited_from: None,
            extra,
            targets,
            line: self.index.line(span.start),
            span,
        });
    }

    /// The notes between task `seq`'s labelled lines (the lines `notes`), each kept in its
    /// `extra` under its own label (`注：…` → `注`) or none, I028 on each.
    fn notes(&mut self, seq: u32, notes: &[usize]) -> Vec<ExtraCell> {
        let mut extra = Vec::with_capacity(notes.len());
        for &j in notes {
            let line = &self.lines[j];
            let written = line.text.trim();
            let (column, text) =
                read_note(written).unwrap_or_else(|| (String::new(), written.to_owned()));
            let under = if column.is_empty() {
                "as a note".to_owned()
            } else {
                format!("as a note under {column:?}")
            };
            self.diag(
                Code::ListNote,
                line.span,
                format!(
                    "a line among task {seq}'s labelled lines names no role: kept in its extra \
                     {under}: {:?}",
                    text::preview(&text, 60)
                ),
            );
            extra.push(ExtraCell {
                column,
                text,
                span: line.span,
            });
        }
        extra
    }

    /// Labelled values written with role words (`责任单位：县发改局牵头，县统计局配合`): each
    /// list under the role its word gives, I019 where that is not the label's.
    fn role_words_in_labels(&mut self, seq: u32, span: Span, fields: Vec<Field>) -> Vec<Field> {
        let mut out = Vec::with_capacity(fields.len());
        for field in fields {
            let lists = matches!(field.role, Role::Lead | Role::Responsible)
                .then(|| units::role_lists(&field.value, self.rules))
                .flatten();
            let Some(lists) = lists else {
                out.push(field);
                continue;
            };
            for list in lists {
                let value = field.value[list.range].to_owned();
                if list.role != field.role {
                    let word = field.value[list.word].to_owned();
                    let message = units::gives(
                        seq,
                        &format!("{} label", role_name(field.role)),
                        &[Name::from(value.as_str())],
                        role_name(list.role),
                        &[word],
                    );
                    self.diag(
                        Code::RoleFromWords,
                        span,
                        format!("{message}: read as the task's {}", role_name(list.role)),
                    );
                }
                out.push(Field {
                    role: list.role,
                    value,
                    unlabelled: false,
                    structural: None,
                });
            }
        }
        out
    }

    /// The units of `from` whose note gives them the `to` role (`县发改局（牵头）`), moved to
    /// `to` (empty), with I019.
    fn give_noted(&mut self, seq: u32, from: &mut Units, to: &mut Units, role: Role) {
        let noted = units::take_noted(&mut from.1, role, self.rules);
        let Some(first) = noted.first() else {
            return;
        };
        let span = first.span;
        from.0 = from.1.iter().map(|m| m.name.clone()).collect();
        to.0 = noted.iter().map(|m| m.name.clone()).collect();
        let mut words: Vec<String> = Vec::new();
        for m in &noted {
            let word = format!("（{}）", m.note.as_deref().unwrap_or_default());
            if !words.contains(&word) {
                words.push(word);
            }
        }
        let from_role = if role == Role::Lead {
            Role::Responsible
        } else {
            Role::Lead
        };
        let message = units::gives(
            seq,
            &format!("{} list", role_name(from_role)),
            &to.0,
            role_name(role),
            &words,
        );
        to.1 = noted;
        self.diag(
            Code::RoleFromWords,
            span,
            format!("{message}: read as the task's {}", role_name(role)),
        );
    }

    /// The names and mentions of a unit list; the list is looked for in the task's lines.
    fn units(&mut self, list: Option<&str>, span: Span) -> Units {
        let Some(list) = list else {
            return (Vec::new(), Vec::new());
        };
        let within = &self.source[span.range()];
        // A list wrapped over lines (joined when read) is not there as one string: it runs
        // from its first name to its last, or, where that was cut by the wrap, to the task's end.
        let at = within
            .find(list)
            .map(|i| (i, i + list.len()))
            .or_else(|| {
                let mut names = list.split(is_unit_separator).filter(|n| !n.is_empty());
                let first = names.next()?;
                let from = within.find(first)?;
                let after = from + first.len();
                let to = names
                    .next_back()
                    .and_then(|last| within[after..].find(last).map(|i| after + i + last.len()))
                    .unwrap_or(within.len());
                Some((from, to))
            })
            .map_or(span, |(from, to)| {
                Span::new(span.start + from, span.start + to)
            });
        let mentions = units::read_cell(
            list,
            at,
            self.source,
            self.index,
            self.rules,
            &mut self.diags,
        );
        (mentions.iter().map(|m| m.name.clone()).collect(), mentions)
    }

    /// I024, once a label: a label read by its structure, not named in `headers.tsv`.
    fn say_structural(&mut self, field: &Field, span: Span) {
        let Some((label, reading)) = &field.structural else {
            return;
        };
        if self.structural_said.contains(label) {
            return;
        }
        self.structural_said.push(label.clone());
        let role = match field.role {
            Role::Leaders => "leaders",
            Role::Deadline => "deadline",
            Role::Lead => "lead units",
            _ => "responsible units",
        };
        let message = match reading {
            LabelReading::Known => format!(
                "label {label:?} is not in headers.tsv; read by its words as naming the \
                 task's {role}"
            ),
            LabelReading::Guessed => format!(
                "label {label:?} names no known role; read as the task's {role} (add it to \
                 headers.tsv in a rules folder to read it otherwise)"
            ),
        };
        self.diag(Code::LabelByStructure, span, message);
    }

    /// I020, once: the tasks whose units stand in a bracket without a label.
    fn say_unlabelled(&mut self) {
        let Some(&first) = self.unlabelled.first() else {
            return;
        };
        let Some(task) = self.tasks.iter().find(|t| t.seq == first) else {
            return;
        };
        let span = task.span;
        let how = match self.first_leads {
            Some(line) => format!(
                "read as their responsible units, the first of each the lead (line {line} says \
                 the first unit listed leads)"
            ),
            None => "read as their responsible units (the notice names no lead)".to_owned(),
        };
        self.diag(
            Code::UnlabelledUnits,
            span,
            format!(
                "{} of the list's tasks (from task {first}) name their units in a bracket \
                 without a label, `（县发改局、县统计局）`: {how}",
                self.unlabelled.len()
            ),
        );
    }

    /// Where the written numbers restart in every section (or differ from the order), `seq`
    /// is the running order and the numbers stay in `number_as_written`: said once.
    fn number_tasks(&mut self) {
        if self.restarts {
            if let Some(first) = self.tasks.first() {
                let span = first.span;
                self.diag(
                    Code::ListNumbering,
                    span,
                    "the list's numbers restart or skip (in each section, say); `seq` is the \
                     running order, each number as written is in `number_as_written`"
                        .to_owned(),
                );
            }
        } else {
            // Numbered in order: the numbers are the order. Bullets have none to say it.
            let mut bullets = 0;
            for t in &mut self.tasks {
                t.seq_inferred = t.number_as_written.is_none();
                bullets += usize::from(t.seq_inferred);
            }
            if let Some(first) = self.tasks.iter().find(|t| t.seq_inferred) {
                let span = first.span;
                self.diag(
                    Code::ListNumbering,
                    span,
                    format!(
                        "{bullets} of the list's tasks are bullet items without a number \
                         (from task {}); each `seq` is its place in the running order",
                        first.seq
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for yes in [
            "— 2 —",
            "- 12 -",
            "－3－",
            "第3页",
            "第 3 页 共 10 页",
            "3/10",
        ] {
            assert!(text::is_page_number(yes), "{yes}");
        }
        for no in ["2", "2027年", "第一页", "1．地区生产总值", "5%", "（2）"] {
            assert!(!text::is_page_number(no), "{no}");
        }
    }

    #[test]
    fn markers() {
        let cases = [
            ("1.地区生产总值增长6%。", Some(("1.", Some(1), false))),
            ("12、推进项目建设。", Some(("12、", Some(12), false))),
            ("（3）新建厂房。", Some(("（3）", Some(3), false))),
            ("(一)地区生产总值增长11%。", Some(("(一)", Some(1), true))),
            ("（十二）做好民生工作", Some(("（十二）", Some(12), true))),
            ("1.5万吨粮食", None),
            ("2027年", None),
            ("- 新增城镇就业3000人。", Some(("-", None, false))),
            ("●新建托育点5个。", Some(("●", None, false))),
            ("-5%以内", None),
            ("**8%**以上", None),
        ];
        for (line, want) in cases {
            let got = item_marker(line).map(|(m, n, c, _)| (m, n, c));
            assert_eq!(got, want, "{line}");
        }
    }

    #[test]
    fn inline_fields_in_any_bracket() {
        let rules = Rules::builtin();
        let (text, fields) = inline_fields(
            "地区生产总值增长11%。[牵头单位:县发改局(粮食局);责任单位:各镇人民政府,嘉鱼经济开发区]",
            rules,
        );
        assert_eq!(text, "地区生产总值增长11%。");
        assert_eq!(fields.len(), 2);
        assert_eq!(fields[0].value, "县发改局(粮食局)");
        let (text, fields) = inline_fields(
            "粮食产量稳定在8万吨以上（牵头单位：县农业农村局（县乡村振兴局）；责任单位：各乡镇人民政府）。",
            rules,
        );
        assert_eq!(text, "粮食产量稳定在8万吨以上。");
        assert_eq!(fields[1].value, "各乡镇人民政府");
        // A bracket without labels is part of the text.
        let (text, fields) = inline_fields("建成“三馆一中心”（图书馆、文化馆）。", rules);
        assert!(fields.is_empty());
        assert_eq!(text, "建成“三馆一中心”（图书馆、文化馆）。");
    }

    #[test]
    fn heading_leads() {
        let rules = Rules::builtin();
        assert_eq!(
            heading_lead("县示范区管委会牵头工作（8项）", rules).as_deref(),
            Some("县示范区管委会")
        );
        assert_eq!(
            heading_lead("县发改局牵头工作", rules).as_deref(),
            Some("县发改局")
        );
        assert_eq!(heading_lead("主要预期目标", rules), None);
        for (title, gives) in [
            ("县示范区管委会牵头工作(8项)", true),
            ("县发改局牵头工作", true),
            ("县发改局牵头的重点任务", true),
            ("县发改局牵头（3项）", true),
            ("区政府督查室牵头抓好督查", false),
            ("各牵头单位要强化统筹协调", false),
            ("主要预期目标（5项）", false),
        ] {
            assert_eq!(heading_gives_tasks(title, rules), gives, "{title}");
        }
    }
}
