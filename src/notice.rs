//! Stage 5: front matter → [`Notice`]: document number, title, addressees, issuer, dates,
//! attachments, and the closing lines after the table (disclosure, copy-to, printing).
//!
//! The patterns are those of the national standard layout for official documents
//! (党政机关公文格式): `X政办〔YYYY〕N号`, `关于…的通知`, a date line under the issuer.

use std::borrow::Cow;

use crate::dataset::{Notice, Requirement};
use crate::diagnostic::{Code, Diagnostic};
use crate::portal::{self, PageFields};
use crate::reporting::{self, Clause};
use crate::rules::Rules;
use crate::scan;
use crate::span::{LineIndex, Span};
use crate::table::Paragraph;
use crate::text;
use crate::units;

/// Longest paragraph (in characters) that can be a signature line such as the issuer.
const MAX_SIGNATURE_CHARS: usize = 40;

/// Paragraphs split at their line breaks, each line with its own span (found in `source`;
/// the paragraph's where markup made the line differ from it).
pub fn split_lines<'a, 'p>(
    paragraphs: impl Iterator<Item = &'p Paragraph<'a>>,
    source: &str,
) -> Vec<Paragraph<'a>>
where
    'a: 'p,
{
    let mut out = Vec::new();
    for p in paragraphs {
        if !p.text.contains('\n') {
            out.push(p.clone());
            continue;
        }
        let lines = p.text.lines().map(str::trim).filter(|l| !l.is_empty());
        pieces(&mut out, p.span, lines, source);
    }
    out
}

/// Each of `texts`, pieces of the paragraph at `span` in order, as a paragraph with its own
/// span: found in `source` after the piece before it, else the paragraph's.
pub(crate) fn pieces<'a, 't>(
    out: &mut Vec<Paragraph<'a>>,
    span: Span,
    texts: impl Iterator<Item = &'t str>,
    source: &str,
) {
    let written = source.get(span.range()).unwrap_or_default();
    let mut cursor = 0;
    for piece in texts {
        let at = match written[cursor..].find(piece) {
            Some(at) => {
                let from = span.start + cursor + at;
                cursor += at + piece.len();
                Span::new(from, from + piece.len())
            }
            None => span,
        };
        out.push(Paragraph {
            text: Cow::Owned(piece.to_owned()),
            span: at,
        });
    }
}

/// Paragraphs split where a converter ran lines together with a space (pymupdf4llm joins a
/// text block's lines so: `各乡镇人民政府，县政府各部门： 现将…印发给你们。 清河县人民政府办公室
/// 2027年2月20日`): at whitespace after `。`, `；`, `：`, `！` or `？`, which in Chinese text ends
/// a line; a page's number kept from the footer (`— 2 —`) left out. For the lines around the
/// tasks (front matter, closing), not the tasks.
pub fn split_run_together<'a>(paragraphs: Vec<Paragraph<'a>>, source: &str) -> Vec<Paragraph<'a>> {
    let mut out = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        let text = p.text.trim();
        // A page's number (`— 2 —`) is no line of the notice's text.
        if text::is_page_number(text) {
            continue;
        }
        // Each stop followed by whitespace (then text: `text` is trimmed) is a cut, from the
        // whitespace to what follows it.
        // (The stops begin with 0xE3, `。`, or 0xEF, the full-width forms, never continuation
        // bytes: only the characters those bytes begin are decoded.)
        let mut cuts = Vec::new();
        let stops = memchr::memchr2_iter(0xE3, 0xEF, text.as_bytes())
            .filter_map(|at| Some((at, text[at..].chars().next()?)))
            .filter(|&(_, c)| matches!(c, '。' | '；' | '：' | '！' | '？'));
        for (at, stop) in stops {
            let gap = at + stop.len_utf8();
            let next = text.len() - text[gap..].trim_start().len();
            if next > gap {
                cuts.push((gap, next));
            }
        }
        if cuts.is_empty() {
            out.push(p);
            continue;
        }
        let mut start = 0;
        let texts = cuts
            .into_iter()
            .chain(std::iter::once((text.len(), text.len())))
            .map(|(end, next)| {
                let piece = &text[start..end];
                start = next;
                piece
            });
        pieces(&mut out, p.span, texts, source);
    }
    out
}

/// Read the notice's front matter. `before` are the paragraphs before the task table or list,
/// `after` those after it.
pub fn read(
    before: &[&Paragraph],
    after: &[&Paragraph],
    lines: &LineIndex,
    rules: &Rules,
) -> (Notice, Vec<Diagnostic>) {
    let mut notice = Notice::default();
    // A web page's metadata block and portal lines are the page's: the notice is read without
    // them, and they fill what its own lines leave empty.
    let all_before = before;
    let (kept, page) = portal::read(before, rules);
    let before: &[&Paragraph] = &kept;
    let compact = compact_short(before);

    // The document number, and the year it states (`〔2026〕`).
    let numbered = compact.iter().enumerate().find_map(|(i, c)| {
        (c.len() <= MAX_DOC_NUMBER_BYTES && is_doc_number(c)).then(|| (i, doc_year(c)))
    });
    let doc = numbered.map(|(i, _)| i);
    if let Some(i) = doc {
        notice.doc_number = Some(compact[i].to_string());
    }
    let from = doc.map_or(0, |i| i + 1);
    // The literal first: most paragraphs are ruled out without running the pattern.
    // The title follows the number; a web page puts its heading above it.
    // It may run over lines: `云川市人民政府办公室` / `关于印发…的通知`, or a PDF's wrap.
    let mut diags = Vec::new();
    let titled = (from..compact.len())
        .chain(0..from.saturating_sub(1))
        .find_map(|i| title_at(&compact, i, doc, rules));
    let title = titled.as_ref().map(|(first, last, _)| (*first, *last));
    if let Some((first, last, joined)) = titled {
        if last > first {
            diags.push(Diagnostic::new(
                Code::TitleOverLines,
                before[first].span.cover(before[last].span),
                lines,
                format!(
                    "the notice's title is written over {} lines; read as one: {joined:?}",
                    last - first + 1
                ),
            ));
        }
        notice.title = Some(joined);
    }
    let in_title = |i: usize| title.is_some_and(|(first, last)| (first..=last).contains(&i));
    // The addressees: a line ending in `：` just after the number and title.
    let head = [title.map(|(_, last)| last), doc]
        .into_iter()
        .flatten()
        .max();
    let first_body = head.map_or(0, |i| i + 1);
    let addressees = (first_body..before.len().min(first_body + 2)).find(|&i| {
        let t = before[i].text.trim();
        t.ends_with(['：', ':']) && !t.starts_with("附件")
    });
    if let Some(i) = addressees {
        let t = before[i].text.trim();
        let list = t.strip_suffix(['：', ':']).unwrap_or(t);
        notice.addressees = units::split_names(list, rules);
    }
    // `附件：1.…`, and the numbered lines after it (`2.…`).
    let mut in_attachments = false;
    let mut attachment_lines = Vec::new();
    for (i, p) in before.iter().enumerate() {
        let t = p.text.trim();
        let rest = t
            .strip_prefix("附件")
            .and_then(|r| r.trim_start().strip_prefix(['：', ':']));
        let listed = match rest {
            Some(rest) => Some(rest),
            None if in_attachments && without_list_number(t).len() < t.len() => Some(t),
            None => None,
        };
        in_attachments = listed.is_some();
        if let Some(list) = listed {
            attachment_lines.push(i);
            notice.attachments.extend(
                list.lines()
                    .map(|l| text::compact(without_list_number(l.trim())))
                    .filter(|l| !l.is_empty()),
            );
        }
    }
    // The first date line under a signature: issuer and date of issue; or both on one line
    // (`云川市人民政府办公室 2027年3月1日`).
    let dated = signed(&compact, from, &in_title);
    let date = dated.as_ref().map(|signed| signed.date_at);
    let signature = dated.as_ref().map(|signed| signed.signed_at);
    if let Some(signed) = dated {
        notice.issued_on = Some(signed.issued_on);
        notice.issuer = signed.issuer;
    }
    // The title above the table: the last paragraph before it, when that stands after the
    // front matter (number, title, addressees, date), is not just `附件` and is not a
    // sentence of the body (`…请认真抓好落实。`).
    let front_matter_end = [doc, title.map(|(_, last)| last + 1), date]
        .into_iter()
        .flatten()
        .max();
    if let Some(last) = compact.len().checked_sub(1) {
        let text = &compact[last];
        let is_attachment_mark = text.strip_prefix("附件").is_some_and(|r| {
            r.chars()
                .all(|c| c.is_ascii_digit() || text::is_numeral_char(c))
        });
        let after_front_matter = front_matter_end.is_none_or(|end| last > end);
        // A line of the attachment list (`附件：1.…` / `2.…`) names an attachment, not the table.
        let names_attachment = attachment_lines.contains(&last);
        if after_front_matter
            && !is_attachment_mark
            && !names_attachment
            && !text.is_empty()
            && !text.ends_with(['。', '；', '：', ':'])
            && text.chars().count() <= 80
        {
            notice.table_title = Some(text.to_string());
        }
    }
    // The body: after the addressees (or the title, or the number), up to the attachment
    // line or the signature.
    let body_start = addressees.map_or(first_body, |i| i + 1);
    let body_end = (body_start..before.len())
        .find(|&i| compact[i].starts_with("附件") || Some(i) == signature)
        .unwrap_or(before.len());
    if body_start < body_end {
        notice.requirements = requirements(&before[body_start..body_end], lines);
    }
    // Requirements after the table too (many notices put them there), up to the closing
    // lines: copy-to, printing, disclosure.
    let compact_after = compact_short(after);
    let closing = compact_after
        .iter()
        .position(|c| c.starts_with("抄送") || c.ends_with("印发") || disclosure(c).is_some())
        .unwrap_or(after.len());
    // The signature and date end them too (a list notice signs after its tasks' requirements).
    let after_end =
        signed(&compact_after[..closing], 0, &|_| false).map_or(closing, |s| s.signed_at);
    let later = requirements(&after[..after_end], lines);
    notice.requirements.extend(later);
    let mut clauses: Vec<(u32, usize, Span, String)> = notice
        .requirements
        .iter()
        .map(|r| (r.number, r.line, r.span, r.text.clone()))
        .collect();
    // An unnumbered paragraph of the body (before the table, or after it), before any
    // numbered one, can still set the reporting schedule (`各牵头单位要于每季度第三个月28日前
    // 将工作落实情况报送县政府督查室。`): its rules carry requirement 0.
    let unnumbered = |paragraphs: &[&Paragraph]| {
        paragraphs
            .iter()
            .take_while(|p| text::section_heading(p.text.trim()).is_none())
            .count()
    };
    let body_before = before.get(body_start..body_end).unwrap_or_default();
    let body_after = &after[..after_end];
    let unnumbered_before = &body_before[..unnumbered(body_before)];
    let unnumbered_after = &body_after[..unnumbered(body_after)];
    // What stands between the tasks and the signature, under no requirement's heading, sets
    // the reporting schedule or is read as nothing: said (`注：…` under a table, a note under
    // the last item of a list), not dropped without a word.
    let mut unread_after: Vec<&Paragraph> = unnumbered_after
        .iter()
        .copied()
        .filter(|p| !is_blankish_line(&p.text) && !portal::is_page_line(&p.text, rules))
        .collect();
    for part in [unnumbered_before, unnumbered_after] {
        // A paragraph that stops mid-sentence goes on in the next (a PDF line wrap:
        // `…报送区政府办` / `公室。`).
        let mut joined: Vec<(u32, usize, Span, String)> = Vec::new();
        for p in part {
            let text = text::clean(&p.text);
            match joined.last_mut() {
                Some((_, _, span, last)) if !last.ends_with(['。', '！', '？', '；']) => {
                    last.push_str(&text);
                    *span = span.cover(p.span);
                }
                _ => joined.push((0, lines.line(p.span.start), p.span, text)),
            }
        }
        clauses.extend(joined);
    }
    for (number, line, span, text) in &clauses {
        for clause in text.split(['。', '；']) {
            match reporting::read_clause(clause, rules) {
                Clause::Rule(mut rule) => {
                    if *number == 0 {
                        unread_after.retain(|p| p.span.start < span.start || p.span.end > span.end);
                    }
                    rule.requirement = *number;
                    rule.line = *line;
                    notice.reporting.push(rule);
                }
                Clause::NotUnderstood => diags.push(Diagnostic::new(
                    Code::UnreadReportingRule,
                    *span,
                    lines,
                    match number {
                        0 => format!(
                            "a paragraph after the table names a report and a period, but \
                             fengong cannot read when it is due: {:?}",
                            text::compact(clause)
                        ),
                        n => format!(
                            "requirement {n} names a report and a period, but fengong cannot \
                             read when it is due: {:?}",
                            text::compact(clause)
                        ),
                    },
                )),
                Clause::Other => {}
            }
        }
    }
    // Unit names among that text, as a task row's cells hold them (`县数据局，县财政局`): the
    // converter may have left the table's last rows outside it (PyMuPDF's layout mode writes
    // them as a paragraph under the table), the text above the names their tasks.
    if let Some(names) = unread_after
        .iter()
        .position(|p| units::names_only(&text::clean(&p.text), rules))
    {
        let span = unread_after[0].span.cover(unread_after[names].span);
        diags.push(Diagnostic::new(
            Code::NamesAfterTasks,
            span,
            lines,
            format!(
                "text under the tasks ends with unit names ({:?}), as a task row's cells do: \
                 the converter may have left the table's last rows outside it (PyMuPDF's \
                 layout mode writes them as a paragraph under the table); not read as tasks: \
                 check the last tasks against the notice",
                text::preview(unread_after[names].text.trim(), 30)
            ),
        ));
    }
    for p in unread_after {
        diags.push(Diagnostic::new(
            Code::TextAfterTasks,
            p.span,
            lines,
            format!(
                "text between the tasks and the signature is read as nothing (a note on the \
                 tasks?): {:?}",
                text::preview(p.text.trim(), 60)
            ),
        ));
    }
    // A notice whose tasks are its body (a list) signs after them.
    if notice.issued_on.is_none() {
        let compact = compact_short(&after[..closing]);
        if let Some(signed) = signed(&compact, 0, &|_| false) {
            notice.issued_on = Some(signed.issued_on);
            notice.issuer = signed.issuer;
        }
    }
    read_closing(&mut notice, after, rules);
    // A signature run together with the line above it (`…分工方案南岭市人民政府办公室`: a PDF
    // converter that joined the letter's last lines) ends with the office the title names
    // before 关于: that office signs.
    if let (Some(issuer), Some(title)) = (&notice.issuer, &notice.title) {
        let office = title.split("关于").next().unwrap_or_default();
        if office.len() < title.len()
            && office.len() < issuer.len()
            && issuer.ends_with(office)
            && is_signature(office)
        {
            notice.issuer = Some(office.to_owned());
        }
    }

    let from_page = fill_from_page(&mut notice, page);
    if let Some(d) = page_diagnostic(&from_page, lines) {
        diags.push(d);
    }
    notice.jurisdiction = notice
        .issuer
        .as_deref()
        .and_then(|issuer| rules.jurisdiction(issuer))
        .or_else(|| {
            let title = notice.title.as_deref()?;
            let (office, _) = title.split_once("关于")?;
            rules.jurisdiction(office)
        })
        .map(str::to_owned);

    notice.year = numbered
        .and_then(|(_, year)| year)
        .or_else(|| doc_year(notice.doc_number.as_deref()?))
        .or_else(|| {
            let t = notice.table_title.as_deref()?;
            t.get(..4)?
                .parse()
                .ok()
                .filter(|_| t[4..].starts_with('年'))
        })
        .or_else(|| notice.issued_on.as_deref()?.get(..4)?.parse().ok());
    let page_number = from_page
        .iter()
        .find(|(what, _)| *what == PAGE_DOC_NUMBER)
        .map(|(_, given)| given.span.start);
    notice.line = doc
        .map(|i| before[i].span.start)
        .or(page_number)
        .or(all_before.first().map(|p| p.span.start))
        .map_or(1, |at| lines.line(at));

    let anchor = all_before
        .first()
        .map_or(Span::default(), |p| Span::new(p.span.start, p.span.start));
    let missing = [
        (
            "document number (X政办〔YYYY〕N号)",
            notice.doc_number.is_none(),
            "before the tasks",
        ),
        (
            "title (关于…的通知)",
            notice.title.is_none(),
            "before the tasks",
        ),
        (
            "issuer (the signature above the date)",
            notice.issuer.is_none(),
            "before or after the tasks",
        ),
        (
            "date of issue",
            notice.issued_on.is_none(),
            "before or after the tasks",
        ),
    ];
    for (what, absent, place) in missing {
        if absent {
            diags.push(Diagnostic::new(
                Code::NoticeFieldMissing,
                anchor,
                lines,
                format!("the notice's {what} was not found {place}"),
            ));
        }
    }
    (notice, diags)
}

/// How [`page_diagnostic`] names the document number.
const PAGE_DOC_NUMBER: &str = "document number";

/// Fill the fields the notice's own lines left empty from its page's metadata block
/// (`名称`, `文号`, `发布机构`, `成文日期`; the page's date of publication, `发布日期`, where nothing
/// gives the date of issue): what each filled field is called and what gave it. A value that
/// is not what its field holds (a `文号` that is no document number) fills nothing.
fn fill_from_page(notice: &mut Notice, page: PageFields) -> Vec<(&'static str, portal::Given)> {
    let mut filled = Vec::new();
    let mut fill = |slot: &mut Option<String>,
                    what: &'static str,
                    given: Option<portal::Given>,
                    fits: &dyn Fn(&str) -> bool| {
        if let Some(given) = given.filter(|g| slot.is_none() && fits(&g.value)) {
            *slot = Some(given.value.clone());
            filled.push((what, given));
        }
    };
    fill(&mut notice.title, "title", page.title, &is_title);
    fill(
        &mut notice.doc_number,
        PAGE_DOC_NUMBER,
        page.doc_number,
        &|v| v.len() <= MAX_DOC_NUMBER_BYTES && is_doc_number(v),
    );
    fill(&mut notice.issuer, "issuer", page.issuer, &is_signature);
    fill(
        &mut notice.issued_on,
        "date of issue",
        page.written_on,
        &|_| true,
    );
    fill(
        &mut notice.issued_on,
        "date of issue (the day the page was published; the notice gives none)",
        page.published_on,
        &|_| true,
    );
    filled
}

/// I025, once: the fields read from the page's metadata block, each with the label that gave it.
fn page_diagnostic(
    filled: &[(&'static str, portal::Given)],
    lines: &LineIndex,
) -> Option<Diagnostic> {
    let first = filled.first()?;
    let span = filled
        .iter()
        .fold(first.1.span, |span, (_, given)| span.cover(given.span));
    let said: Vec<String> = filled
        .iter()
        .map(|(what, given)| format!("{what} from {} ({:?})", given.label, given.value))
        .collect();
    Some(Diagnostic::new(
        Code::PageMetadata,
        span,
        lines,
        format!(
            "read from the web page's metadata block, which the notice's own lines leave \
             empty: {}",
            said.join(", ")
        ),
    ))
}

/// The numbered requirements among the body paragraphs. A paragraph that does not start a
/// new number continues the requirement before it: joined directly when the paragraph before
/// it stops mid-sentence (a page break), else as a new line.
fn requirements(paragraphs: &[&Paragraph], lines: &LineIndex) -> Vec<Requirement> {
    let mut out: Vec<Requirement> = Vec::new();
    for p in paragraphs {
        let t = p.text.trim();
        if let Some((number, rest)) = text::section_heading(t) {
            let text = text::clean(rest);
            let title = text.split('。').next().unwrap_or_default().to_owned();
            out.push(Requirement {
                number,
                title,
                text,
                line: lines.line(p.span.start),
                span: p.span,
            });
        } else if let Some(last) = out.last_mut() {
            let mid_sentence = !last.text.ends_with(['。', '！', '？', '”', '：', '；']);
            // A numbered point under the heading (`1.加强组织领导。`) starts a line of its own.
            let numbered = t
                .trim_start_matches(['(', '（'])
                .starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
            if !mid_sentence || numbered {
                last.text.push('\n');
            }
            last.text.push_str(&text::clean(t));
            last.span = last.span.cover(p.span);
        }
    }
    out
}

/// A date of issue and the signature above it (or before it on the same line).
struct Signed {
    /// The paragraph that holds the date.
    date_at: usize,
    /// The paragraph the signature starts: the date's, or the one above it.
    signed_at: usize,
    issued_on: String,
    issuer: Option<String>,
}

/// The first paragraph from `from` that is a date, with the signature line above it (unless
/// that line is part of the title, `in_title`) or before it on the same line.
fn signed(
    compact: &[Cow<'_, str>],
    from: usize,
    in_title: &dyn Fn(usize) -> bool,
) -> Option<Signed> {
    signed_lines(compact, from, in_title).or_else(|| run_together(compact, from))
}

/// The signature and date at the end of a paragraph that holds the body before them (a PDF
/// converter that ran the front matter into one line: `…请认真抓好落实。松林县人民政府办公室
/// 2027年3月10日附件`): the date last (before `附件`), the signature between it and the last
/// sentence.
fn run_together(compact: &[Cow<'_, str>], from: usize) -> Option<Signed> {
    (from..compact.len()).find_map(|i| {
        let c = compact[i].trim_end_matches(|c: char| c.is_ascii_digit());
        let c = c.strip_suffix("附件").unwrap_or(c);
        dated_signature(c, i, true)
    })
}

/// A line `c` (paragraph `i`) that ends with a date after a signature; with `after_sentence`,
/// the signature is what follows the line's last sentence.
fn dated_signature(c: &str, i: usize, after_sentence: bool) -> Option<Signed> {
    let m = scan::find_date(c).filter(|m| m.end == c.len())?;
    let before = &c[..m.start];
    let signer = match before.rsplit_once(['。', '；', '：', ':']) {
        Some((_, signer)) if after_sentence => signer,
        _ => before,
    };
    if signer.is_empty() || !is_signature(signer) {
        return None;
    }
    Some(Signed {
        date_at: i,
        signed_at: i,
        issued_on: whole_date(&c[m.clone()])?,
        issuer: Some(signer.to_owned()),
    })
}

/// [`signed`] where the signature and the date stand on lines of their own (or the two on one).
fn signed_lines(
    compact: &[Cow<'_, str>],
    from: usize,
    in_title: &dyn Fn(usize) -> bool,
) -> Option<Signed> {
    (from..compact.len()).find_map(|i| {
        if let Some(issued_on) = whole_date(&compact[i]) {
            let issuer = (i > 0 && is_signature(&compact[i - 1]) && !in_title(i - 1))
                .then(|| compact[i - 1].to_string());
            return Some(Signed {
                date_at: i,
                signed_at: i - usize::from(issuer.is_some()),
                issued_on,
                issuer,
            });
        }
        dated_signature(&compact[i], i, false)
    })
}

/// Whether a line holds nothing to read: blank, or a page number.
fn is_blankish_line(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || text::is_page_number(t)
}

/// Disclosure, copy-to list and printing line, after the table.
fn read_closing(notice: &mut Notice, after: &[&Paragraph], rules: &Rules) {
    let compact = compact_short(after);
    for (i, c) in compact.iter().enumerate() {
        if let Some(value) = disclosure(c) {
            notice.disclosure = Some(value.to_owned());
        } else if let Some(list) = c
            .strip_prefix("抄送")
            .and_then(|r| r.strip_prefix(['：', ':']))
        {
            notice.cc = units::split_names(list, rules);
        } else if let Some(dated) = c.strip_suffix("印发") {
            let Some(m) = scan::find_date(dated).filter(|m| m.end == dated.len()) else {
                continue;
            };
            let by = &dated[..m.start];
            notice.printed_on = whole_date(&dated[m]);
            notice.printed_by = if !by.is_empty() {
                Some(by.to_owned())
            } else if i > 0 && is_signature(&compact[i - 1]) {
                Some(compact[i - 1].to_string())
            } else {
                None
            };
        }
    }
}

/// Longest paragraph (in bytes) that can be a document number.
const MAX_DOC_NUMBER_BYTES: usize = 96;

/// Longest paragraph (in bytes) that can be a front-matter line: number, title, addressees,
/// signature, date, copy-to list. Body paragraphs are longer and are not compacted.
const MAX_FRONT_MATTER_BYTES: usize = 512;

/// Each paragraph with its whitespace removed; empty for body paragraphs too long to be
/// front matter.
fn compact_short<'p>(paragraphs: &[&'p Paragraph]) -> Vec<Cow<'p, str>> {
    paragraphs
        .iter()
        .map(|p| {
            if p.text.len() <= MAX_FRONT_MATTER_BYTES {
                text::compact_cow(&p.text)
            } else {
                Cow::Borrowed("")
            }
        })
        .collect()
}

/// Whether `c` is a Chinese character (Han script), as issuers' short names are written.
fn is_han(c: char) -> bool {
    matches!(c, '〇' | '々' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// Whether `c` is a digit, ASCII or full-width.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// `s` without the `min`–`max` digits it starts with; `None` if it does not start with so
/// many.
fn strip_digits(s: &str, min: usize, max: usize) -> Option<&str> {
    let rest = s.trim_start_matches(is_digit);
    let n = s[..s.len() - rest.len()].chars().count();
    (min..=max).contains(&n).then_some(rest)
}

/// Whether `c` (whitespace removed) is a document number: 1–20 Chinese characters, the year
/// in brackets, an optional `第`, a number of 1–5 digits and `号` (`互政办〔2026〕14号`,
/// `青政办[2025]3号`, `海东政办［2026］第7号`).
fn is_doc_number(c: &str) -> bool {
    let rest = c.trim_start_matches(is_han);
    let issuer = c[..c.len() - rest.len()].chars().count();
    (1..=20).contains(&issuer)
        && rest
            .strip_prefix(['〔', '[', '［', '(', '（'])
            .and_then(|r| strip_digits(r, 4, 4))
            .and_then(|r| r.strip_prefix(['〕', ']', '］', ')', '）']))
            .map(|r| r.strip_prefix('第').unwrap_or(r))
            .and_then(|r| strip_digits(r, 1, 5))
            == Some("号")
}

/// The title starting at line `i`, if one does: its first and last line and its text. A
/// line with `关于` but no ending joins the next one or two (a wrap); a title line that starts
/// with `关于` takes the line above it when that is an office's name (not the document
/// number `doc`).
fn title_at(
    compact: &[Cow<'_, str>],
    i: usize,
    doc: Option<usize>,
    rules: &Rules,
) -> Option<(usize, usize, String)> {
    let mut joined = String::new();
    let mut last = None;
    for (k, line) in compact.iter().enumerate().skip(i).take(3) {
        joined.push_str(line);
        if is_title(&joined) {
            last = Some(k);
            break;
        }
        if k == i && !line.contains("关于") {
            return None;
        }
    }
    let mut last = last?;
    // `…分工方案` / `的通知`: a title that ends like one (方案) before its wrap.
    if let Some(next) = compact.get(last + 1) {
        let rest = format!("{joined}{next}");
        if next.starts_with('的') && next.chars().count() <= 8 && is_title(&rest) {
            joined = rest;
            last += 1;
        }
    }
    let above = i.checked_sub(1).filter(|&a| {
        Some(a) != doc
            && joined.starts_with("关于")
            && is_signature(&compact[a])
            && units::ends_like_name(&compact[a], rules)
    });
    // A page's column tag before the title (`【政策文件】…`) is no part of it.
    let joined = match portal::without_tag(&joined) {
        untagged if untagged.len() < joined.len() => untagged.to_owned(),
        _ => joined,
    };
    match above {
        Some(a) => Some((a, last, format!("{}{joined}", compact[a]))),
        None => Some((i, last, joined)),
    }
}

/// Kinds of document a notice's title ends with.
const TITLE_ENDINGS: [&str; 9] = [
    "通知", "通报", "意见", "方案", "决定", "批复", "函", "办法", "安排",
];

/// Whether `c` (whitespace removed) is a title: `关于…的通知`, with something between.
fn is_title(c: &str) -> bool {
    c.split_once("关于").is_some_and(|(_, about)| {
        TITLE_ENDINGS
            .iter()
            .any(|e| about.len() > e.len() && about.ends_with(e))
    })
}

/// The disclosure status a line `信息公开属性：主动公开` gives (also 选项, 方式; `:`).
fn disclosure(c: &str) -> Option<&str> {
    let rest = c.strip_prefix("信息公开")?;
    let rest = ["属性", "选项", "方式"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))?;
    rest.strip_prefix(['：', ':']).filter(|v| !v.is_empty())
}

/// An attachment line without its number (`1．`, `2、`, `3. `).
fn without_list_number(line: &str) -> &str {
    strip_digits(line, 1, 2)
        .map(|r| r.trim_start())
        .and_then(|r| r.strip_prefix(['.', '．', '、']))
        .map_or(line, str::trim_start)
}

/// The year a document number states (`互政办〔2026〕14号` → 2026): what its first bracket
/// holds. Read from a match of [`DOC_NUMBER`] without the pattern's groups (cheaper).
fn doc_year(number: &str) -> Option<i32> {
    let (_, rest) = number.split_once(['〔', '[', '［', '(', '（'])?;
    rest.split(['〕', ']', '］', ')', '）'])
        .next()?
        .parse()
        .ok()
}

/// Whether a compacted paragraph can be a signature line (an office's name).
fn is_signature(s: &str) -> bool {
    let n = s.chars().count();
    n > 0
        && n <= MAX_SIGNATURE_CHARS
        && !s.contains(['，', '。', '：', ':', '；', '、'])
        && scan::find_date(s).is_none()
}

/// An ISO date if `s` is exactly one date.
fn whole_date(s: &str) -> Option<String> {
    if !s.ends_with('日') || s.len() > 64 {
        return None;
    }
    if scan::find_date(s)?.len() != s.len() {
        return None;
    }
    // The whole text is one date: its parts lie between 年, 月 and 日.
    let (year, rest) = s.split_once('年')?;
    let (month, day) = rest.strip_suffix('日')?.split_once('月')?;
    let year: u32 = if year.chars().all(|c| c.is_ascii_digit()) {
        year.parse().ok()?
    } else {
        // 二〇二六: digit by digit.
        year.chars().try_fold(0u32, |acc, c| {
            let d = if c == '〇' || c == '零' {
                0
            } else {
                text::chinese_numeral(&c.to_string())?
            };
            Some(acc * 10 + d)
        })?
    };
    let number = |s: &str| s.parse::<u32>().ok().or_else(|| text::chinese_numeral(s));
    let (month, day) = (number(month)?, number(day)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_that_ends_like_one_before_its_wrap_takes_the_rest() {
        let compact: Vec<Cow<'_, str>> = [
            "通政办〔2027〕34号",
            "通道县人民政府办公室关于印发2027年《政府工作报告》重点工作任务分工方案",
            "的通知",
            "各乡镇人民政府，县政府各部门：",
        ]
        .map(Cow::Borrowed)
        .to_vec();
        let (first, last, title) = title_at(&compact, 1, Some(0), Rules::builtin()).unwrap();
        assert_eq!((first, last), (1, 2));
        assert!(title.ends_with("分工方案的通知"), "{title}");
    }

    #[test]
    fn lists_of_bodies_split_as_unit_cells_do() {
        let cases: &[(&str, &[&str])] = &[
            (
                "各乡镇人民政府，县政府各部门。",
                &["各乡镇人民政府", "县政府各部门"],
            ),
            (
                "各县（市、区）人民政府、市政府各部门",
                &["各县（市、区）人民政府", "市政府各部门"],
            ),
            (
                "县委办公室 县人大常委会办公室",
                &["县委办公室", "县人大常委会办公室"],
            ),
            ("县政府各 部门；各人民团体", &["县政府各部门", "各人民团体"]),
        ];
        for (list, want) in cases {
            assert_eq!(
                units::split_names::<String>(list, Rules::builtin()),
                *want,
                "{list}"
            );
        }
    }

    #[test]
    fn dates() {
        let cases = [
            ("2026年2月12日", Some("2026-02-12")),
            ("2026年12月1日", Some("2026-12-01")),
            ("二〇二六年二月十二日", Some("2026-02-12")),
            ("二〇二五年十二月三十一日", Some("2025-12-31")),
            ("2026年13月1日", None),
            ("2026年2月12日印发", None),
            ("于2026年2月12日", None),
        ];
        for (s, want) in cases {
            assert_eq!(whole_date(s).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn titles_disclosure_and_attachment_numbers() {
        assert!(is_title("关于印发2026年重点工作任务分工方案的通知"));
        assert!(is_title("互助县人民政府办公室关于做好工作的函"));
        assert!(!is_title("关于通知") && !is_title("印发方案的通知"));
        assert_eq!(disclosure("信息公开属性：主动公开"), Some("主动公开"));
        assert_eq!(disclosure("信息公开方式:依申请公开"), Some("依申请公开"));
        assert_eq!(disclosure("信息公开属性："), None);
        assert_eq!(disclosure("信息公开工作"), None);
        for (line, want) in [
            ("1．分工方案", "分工方案"),
            ("2、 任务清单", "任务清单"),
            ("12. 名单", "名单"),
            ("分工方案", "分工方案"),
            ("123．方案", "123．方案"),
        ] {
            assert_eq!(without_list_number(line), want, "{line}");
        }
    }

    #[test]
    fn doc_numbers() {
        for (s, year) in [
            ("互政办〔2026〕14号", Some(2026)),
            ("青政办[2025]3号", Some(2025)),
            ("海东政办［2026］第7号", Some(2026)),
            ("互政发（2027）5号", Some(2027)),
            // Unicode digits match the pattern but are no year.
            ("互政发（２０２６）５号", None),
        ] {
            assert!(is_doc_number(s), "{s}");
            assert_eq!(doc_year(s), year, "{s}");
        }
        for s in [
            "互政办2026年14号",
            "关于印发的通知",
            "〔2026〕14号",
            "互政办〔26〕14号",
            "互政办〔2026〕123456号",
            "互政办〔2026〕14号文",
        ] {
            assert!(!is_doc_number(s), "{s}");
        }
    }
}
