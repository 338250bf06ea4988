//! `fengong diff`: next year's notice against this year's — matched tasks and what changed
//! in each, tasks added and removed, sections added, removed and renamed, notice fields
//! changed — for a person (a table), as JSON, as a markdown memo or as one HTML page. What a
//! person reads is in the `--lang` language (Chinese by default); JSON is the same in both.
//! Exit status 0 when nothing changed, 1 when something did, 2 when a notice cannot be read
//! or used (the message names it).

use std::io::{self, IsTerminal};
use std::path::Path;

use anyhow::Context;
use fengong::Lang;
use fengong::diff::{Change, Diff, Match, TargetValue};

use super::say;
use super::{read, refuse_input, write_out};
use crate::{EXIT_IO, EXIT_UNUSABLE, Failure};

/// Exit status when something changed.
const EXIT_CHANGED: u8 = 1;

/// How wide a line of the table is on a terminal (a task's text is cut to fit it).
const TERMINAL_COLUMNS: usize = 80;

/// How `diff` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned lines for a person.
    Table,
    /// The diff as JSON.
    Json,
    /// A report to paste into a memo.
    Markdown,
    /// One self-contained page: the two notices' tasks side by side, changes highlighted,
    /// a filter by unit.
    Html,
}

/// Compare `old` with `new` (notices or datasets) and print the diff as `format`, in
/// `lang`; a failure with no message (exit status 1) when something changed.
pub fn run(
    rules: &fengong::Rules,
    old: &Path,
    new: &Path,
    format: Format,
    lang: Lang,
    output: Option<&Path>,
) -> Result<(), Failure> {
    if let Some(path) = output {
        refuse_input(path, &[old, new])?;
    }
    let (old, new) = (dataset_of(rules, old)?, dataset_of(rules, new)?);
    let diff = fengong::diff::diff(&old, &new);
    let text = if format == Format::Json {
        serde_json::to_string_pretty(&diff)?
    } else {
        let memo = Memo::new(&diff, &old, &new, lang);
        match format {
            Format::Table => {
                let terminal = output.is_none() && io::stdout().is_terminal();
                // https://no-color.org: a NO_COLOR that is set and not empty.
                let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                memo.table(terminal, terminal && !no_colour)
            }
            Format::Markdown => memo.markdown(),
            _ => memo.html(),
        }
    };
    write_out(output, text.trim_end())?;
    if diff.is_empty() {
        Ok(())
    } else {
        Err(Failure {
            status: EXIT_CHANGED,
            error: anyhow::anyhow!(""),
        })
    }
}

/// A notice, or a dataset JSON written by `extract` (loaded back). A notice that cannot be
/// read or used is exit status 2 here (1 says something changed), its message naming it.
fn dataset_of(rules: &fengong::Rules, path: &Path) -> Result<fengong::Dataset, Failure> {
    if path.extension().is_some_and(|e| e == "json") {
        let text = std::fs::read_to_string(path)
            .with_context(|| say!("无法读取 {}", "cannot read {}", path.display()))?;
        return serde_json::from_str(&text).map_err(|e| Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!(say!(
                "{}：不是 fengong 写出的数据集：{e}",
                "{}: not a dataset fengong wrote: {e}",
                path.display()
            )),
        });
    }
    read(rules, path, true).map_err(|f| Failure {
        status: if f.status == EXIT_UNUSABLE {
            EXIT_IO
        } else {
            f.status
        },
        error: f.error,
    })
}

/// What a person reads of a diff, gathered once for every format: section renames paired,
/// the tasks that changed apart from those only renumbered.
struct Memo<'a> {
    diff: &'a Diff,
    old: &'a fengong::Dataset,
    new: &'a fengong::Dataset,
    lang: Lang,
    /// Sections renamed, old title → new.
    renamed: Vec<(String, String)>,
    /// Sections added, less those renamed.
    sections_added: Vec<&'a str>,
    /// Sections removed, less those renamed.
    sections_removed: Vec<&'a str>,
    /// Matched tasks with more than a new number, and the changes to show (a section change
    /// a renamed section explains is said once, by the rename).
    changed: Vec<(&'a Match, Vec<&'a Change>)>,
    /// Matched tasks whose number is all that changed.
    renumbered: Vec<&'a Match>,
}

impl<'a> Memo<'a> {
    fn new(
        diff: &'a Diff,
        old: &'a fengong::Dataset,
        new: &'a fengong::Dataset,
        lang: Lang,
    ) -> Self {
        let renamed = diff.sections_renamed();
        let explained = |c: &Change| match c {
            Change::Section {
                old: Some(o),
                new: Some(n),
            } => renamed.iter().any(|(ro, rn)| ro == o && rn == n),
            _ => false,
        };
        let mut changed = Vec::new();
        let mut renumbered = Vec::new();
        for m in &diff.matched {
            let shown: Vec<&Change> = m.changes.iter().filter(|c| !explained(c)).collect();
            match shown.as_slice() {
                [] => {}
                [Change::Seq { .. }] => renumbered.push(m),
                _ => changed.push((m, shown)),
            }
        }
        let sections_added = diff
            .sections_added
            .iter()
            .filter(|s| !renamed.iter().any(|(_, n)| n == *s))
            .map(String::as_str)
            .collect();
        let sections_removed = diff
            .sections_removed
            .iter()
            .filter(|s| !renamed.iter().any(|(o, _)| o == *s))
            .map(String::as_str)
            .collect();
        Memo {
            diff,
            old,
            new,
            lang,
            renamed,
            sections_added,
            sections_removed,
            changed,
            renumbered,
        }
    }

    /// `新增任务 1 项，删除任务 1 项，有变化 4 项，仅序号变动 1 项。`
    fn summary(&self) -> String {
        let (a, r, c, n) = (
            self.diff.added.len(),
            self.diff.removed.len(),
            self.changed.len(),
            self.renumbered.len(),
        );
        match self.lang {
            Lang::Zh => {
                format!("新增任务 {a} 项，删除任务 {r} 项，有变化 {c} 项，仅序号变动 {n} 项。")
            }
            Lang::En => format!(
                "{a} {} added, {r} removed, {c} changed, {n} renumbered only.",
                if a == 1 { "task" } else { "tasks" }
            ),
        }
    }

    /// One line a notice field, `文号：A → B`.
    fn notice_lines(&self) -> Vec<String> {
        self.diff
            .notice
            .iter()
            .map(|f| {
                format!(
                    "{}{}{} → {}",
                    field_name(&f.field, self.lang),
                    self.lang.pick("：", ": "),
                    f.old.as_deref().unwrap_or("—"),
                    f.new.as_deref().unwrap_or("—")
                )
            })
            .collect()
    }

    /// One line a section added, removed or renamed, `新增：改革创新`.
    fn section_lines(&self) -> Vec<String> {
        let l = self.lang;
        let colon = l.pick("：", ": ");
        let mut out = Vec::new();
        for s in &self.sections_added {
            out.push(format!("{}{colon}{s}", l.pick("新增", "added")));
        }
        for s in &self.sections_removed {
            out.push(format!("{}{colon}{s}", l.pick("删除", "removed")));
        }
        for (o, n) in &self.renamed {
            out.push(format!("{}{colon}{o} → {n}", l.pick("改名", "renamed")));
        }
        out
    }

    /// `3 → 2、5 → 4`: the renumbered tasks, old number → new.
    fn renumbered_line(&self) -> String {
        self.renumbered
            .iter()
            .map(|m| format!("{} → {}", m.old, m.new))
            .collect::<Vec<_>>()
            .join(self.lang.pick("、", ", "))
    }

    /// The diff for a person: long texts cut when on a `terminal`, headings in `colour`.
    fn table(&self, terminal: bool, colour: bool) -> String {
        let l = self.lang;
        let paint = |code: &str, text: String| {
            if colour {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text
            }
        };
        let mut out = String::new();
        if self.diff.is_empty() {
            out.push_str(l.pick("无变化", "no changes"));
            out.push('\n');
            return out;
        }
        out.push_str(&self.summary());
        out.push('\n');
        for line in self.notice_lines() {
            out.push_str(&format!("{} {line}\n", l.pick("通知", "notice")));
        }
        for line in self.section_lines() {
            out.push_str(&format!("{} {line}\n", l.pick("部分", "section")));
        }
        for (m, changes) in &self.changed {
            let heading = match l {
                Lang::Zh => format!(
                    "任务 {} → {}（相似度 {:.0}%）",
                    m.old,
                    m.new,
                    m.similarity * 100.0
                ),
                Lang::En => format!(
                    "task {} → {} ({:.0}% alike)",
                    m.old,
                    m.new,
                    m.similarity * 100.0
                ),
            };
            out.push_str(&paint("1", heading));
            out.push('\n');
            for c in changes {
                let line = match c {
                    Change::Text { old, new, .. } => {
                        format!("{}{old}\n       → {new}", l.pick("表述：", "text: "))
                    }
                    Change::Targets { changes } => target_lines(changes, l).join("\n    "),
                    _ => change_words(c, l),
                };
                out.push_str(&format!("    {line}\n"));
            }
        }
        if !self.renumbered.is_empty() {
            out.push_str(&format!(
                "{}{}\n",
                l.pick("仅序号变动：", "renumbered only: "),
                self.renumbered_line()
            ));
        }
        let task_line = |sign: &str, word: &str, seq: u32, text: String| {
            let head = format!("{sign} {word} {seq}{}", l.pick("：", ": "));
            let text = if terminal {
                cut(&text, TERMINAL_COLUMNS.saturating_sub(width(&head)))
            } else {
                text
            };
            format!("{head}{text}")
        };
        for &n in &self.diff.added {
            let line = task_line(
                "+",
                l.pick("新增任务", "new task"),
                n,
                task_text(self.new, n),
            );
            out.push_str(&paint("32", line));
            out.push('\n');
        }
        for &n in &self.diff.removed {
            let line = task_line(
                "-",
                l.pick("删除任务", "removed task"),
                n,
                task_text(self.old, n),
            );
            out.push_str(&paint("31", line));
            out.push('\n');
        }
        out
    }

    /// The diff as a report for a memo.
    fn markdown(&self) -> String {
        let l = self.lang;
        let (new, old) = (notice_name(self.new, l), notice_name(self.old, l));
        let mut out = match l {
            Lang::Zh => format!("# {new} 与 {old} 对比\n\n"),
            Lang::En => format!("# {new} against {old}\n\n"),
        };
        out.push_str(&self.summary());
        out.push_str("\n\n");
        let mut list = |heading: &str, lines: Vec<String>| {
            if !lines.is_empty() {
                out.push_str(&format!("## {heading}\n\n"));
                for line in lines {
                    out.push_str(&format!("- {line}\n"));
                }
                out.push('\n');
            }
        };
        list(l.pick("通知", "Notice"), self.notice_lines());
        list(l.pick("部分", "Sections"), self.section_lines());
        let tasks = |d: &fengong::Dataset, seqs: &[u32]| -> Vec<String> {
            seqs.iter()
                .map(|&n| format!("{n}. {}", task_text(d, n)))
                .collect()
        };
        list(
            l.pick("新增任务", "Tasks added"),
            tasks(self.new, &self.diff.added),
        );
        list(
            l.pick("删除任务", "Tasks removed"),
            tasks(self.old, &self.diff.removed),
        );
        if !self.changed.is_empty() {
            out.push_str(l.pick(
                "## 有变化的任务\n\n| 原序号 | 新序号 | 变化 |\n|---|---|---|\n",
                "## Tasks changed\n\n| old number | new number | changes |\n|---|---|---|\n",
            ));
            for (m, changes) in &self.changed {
                let what: Vec<String> = changes.iter().map(|c| change_words(c, l)).collect();
                out.push_str(&format!(
                    "| {} | {} | {} |\n",
                    m.old,
                    m.new,
                    what.join("<br>").replace('|', "\\|")
                ));
            }
            out.push('\n');
        }
        if !self.renumbered.is_empty() {
            out.push_str(&format!(
                "## {}\n\n{}\n",
                l.pick("仅序号变动", "Renumbered only"),
                self.renumbered_line()
            ));
        }
        out
    }

    /// The diff as one self-contained HTML page: old and new tasks side by side, text
    /// changes marked, added and removed tasks coloured, a filter by unit.
    fn html(&self) -> String {
        let (d, old, new, l) = (self.diff, self.old, self.new, self.lang);
        let units = |t: Option<&fengong::Task>| -> String {
            t.map(|t| {
                t.lead
                    .iter()
                    .chain(&t.responsible)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
        };
        let cell = |t: Option<&fengong::Task>, text: Option<String>| -> String {
            t.map_or(String::new(), |t| {
                format!(
                    "<b>{}</b> {}<div class=u>{} ｜ {}</div>",
                    t.seq,
                    text.unwrap_or_else(|| html_escape(&t.text)),
                    html_escape(&t.lead.join("、")),
                    html_escape(&t.responsible.join("、"))
                )
            })
        };
        fn find(x: &fengong::Dataset, seq: u32) -> Option<&fengong::Task> {
            x.tasks.iter().find(|t| t.seq == seq)
        }
        let mut rows = String::new();
        for m in &d.matched {
            let (o, n) = (find(old, m.old), find(new, m.new));
            let marked = m.changes.iter().find_map(|c| match c {
                Change::Text { diff, .. } => Some(
                    diff.iter()
                        .map(|p| match p.op.as_str() {
                            "insert" => format!("<ins>{}</ins>", html_escape(&p.text)),
                            "delete" => format!("<del>{}</del>", html_escape(&p.text)),
                            _ => html_escape(&p.text),
                        })
                        .collect::<String>(),
                ),
                _ => None,
            });
            let shown = self.changed.iter().find(|(c, _)| std::ptr::eq(*c, m));
            let (class, notes): (&str, Vec<String>) = match shown {
                Some((_, changes)) => (
                    "changed",
                    changes
                        .iter()
                        .filter(|c| !matches!(c, Change::Text { .. }))
                        .map(|c| html_escape(&change_words(c, l)))
                        .collect(),
                ),
                None if self.renumbered.iter().any(|r| std::ptr::eq(*r, m)) => (
                    "renumbered",
                    vec![html_escape(&format!(
                        "{}{} → {}",
                        l.pick("仅序号变动：", "renumbered only: "),
                        m.old,
                        m.new
                    ))],
                ),
                None => ("same", Vec::new()),
            };
            rows.push_str(&format!(
                "<tr class={class} data-units=\"{} {}\"><td>{}</td><td>{}</td><td class=c>{}</td></tr>\n",
                html_escape(&units(o)),
                html_escape(&units(n)),
                cell(o, None),
                cell(n, marked),
                notes.join("<br>")
            ));
        }
        for (list, from, class, word) in [
            (&d.added, new, "added", l.pick("新增", "added")),
            (&d.removed, old, "removed", l.pick("删除", "removed")),
        ] {
            for &seq in list {
                let t = find(from, seq);
                let (left, right) = if class == "added" {
                    (String::new(), cell(t, None))
                } else {
                    (cell(t, None), String::new())
                };
                rows.push_str(&format!(
                    "<tr class={class} data-units=\"{}\"><td>{left}</td><td>{right}</td><td class=c>{word}</td></tr>\n",
                    html_escape(&units(t))
                ));
            }
        }
        let (a, b) = (
            html_escape(&notice_name(old, l)),
            html_escape(&notice_name(new, l)),
        );
        let mut lists = String::new();
        for (heading, lines) in [
            (l.pick("通知", "Notice"), self.notice_lines()),
            (l.pick("部分", "Sections"), self.section_lines()),
        ] {
            if !lines.is_empty() {
                lists.push_str(&format!("<h2>{heading}</h2><ul>"));
                for line in lines {
                    lists.push_str(&format!("<li>{}</li>", html_escape(&line)));
                }
                lists.push_str("</ul>\n");
            }
        }
        format!(
            "<!DOCTYPE html>\n<html lang={}><head><meta charset=utf-8><title>{a} → {b}</title>\n\
             <style>body{{font-family:sans-serif;margin:1em}}table{{border-collapse:collapse;width:100%}}\
             td,th{{border:1px solid #ccc;padding:4px;vertical-align:top}}.u{{color:#666;font-size:90%}}\
             .c{{font-size:85%;color:#444}}tr.added{{background:#e6ffe6}}tr.removed{{background:#ffe6e6}}\
             tr.changed{{background:#fffbe6}}ins{{background:#b6f2b6;text-decoration:none}}\
             del{{background:#f7b6b6}}</style></head><body>\n\
             <h1>{a} → {b}</h1><p>{}</p>\n{lists}<p>{}<input id=f placeholder=县发改局 oninput=filter()> \
             <label><input type=checkbox id=x onchange=filter()> {}</label></p>\n\
             <table><tr><th>{}</th><th>{}</th><th>{}</th></tr>\n{rows}</table>\n\
             <script>function filter(){{var u=document.getElementById('f').value.trim(),\
             x=document.getElementById('x').checked;document.querySelectorAll('tr[data-units]')\
             .forEach(function(r){{var ok=(!u||r.dataset.units.indexOf(u)>=0)&&\
             (!x||(r.className!='same'&&r.className!='renumbered'));\
             r.style.display=ok?'':'none';}});}}</script></body></html>\n",
            l.pick("zh-CN", "en"),
            html_escape(&self.summary()),
            l.pick("单位：", "Unit: "),
            l.pick("只看有变化的", "changed only"),
            l.pick("原任务", "old task"),
            l.pick("新任务", "new task"),
            l.pick("变化", "changes"),
        )
    }
}

/// A notice field's name for a person.
fn field_name(field: &str, lang: Lang) -> String {
    let (zh, en) = match field {
        "doc_number" => ("文号", "document number"),
        "title" => ("标题", "title"),
        "issuer" => ("发文机关", "issuer"),
        "issued_on" => ("印发日期", "date issued"),
        "year" => ("年度", "year"),
        other => (other, other),
    };
    lang.pick(zh, en).to_owned()
}

/// A target's reading for a person: its change, bound, number and unit (`增长约6%`, a range
/// `增长5.5–6%`), or its words when it has no number (`农村生活污水治理率达到市定目标`); `无`
/// when there is none.
fn reading(v: Option<&TargetValue>, lang: Lang) -> String {
    let Some(v) = v else {
        return lang.pick("无", "none").to_owned();
    };
    let unit = v.unit.as_deref().unwrap_or_default();
    let number = match (v.value, v.min, v.max) {
        (Some(x), _, _) => format!("{x}{unit}"),
        (None, Some(a), Some(b)) => format!("{a}–{b}{unit}"),
        (None, Some(a), None) => format!("{a}{unit}"),
        (None, None, Some(b)) => format!("{b}{unit}"),
        (None, None, None) if !v.text.is_empty() => return v.text.clone(),
        (None, None, None) => return lang.pick("（无数值）", "(no number)").to_owned(),
    };
    let change = match v.change.as_deref() {
        Some("increase") => lang.pick("增长", "up "),
        Some("decrease") => lang.pick("下降", "down "),
        _ => "",
    };
    let bound = match v.bound.as_str() {
        "about" => lang.pick("约", "about "),
        "at_least" => lang.pick("不低于", "at least "),
        "at_most" => lang.pick("不超过", "at most "),
        "exceeds" => lang.pick("超过", "over "),
        _ => "",
    };
    format!("{change}{bound}{number}")
}

/// One line a target changed, `目标 固定资产投资：8% → 10%`.
fn target_lines(changes: &[fengong::diff::TargetChange], lang: Lang) -> Vec<String> {
    changes
        .iter()
        .map(|t| {
            format!(
                "{} {}{}{} → {}",
                lang.pick("目标", "target"),
                t.indicator,
                lang.pick("：", ": "),
                reading(t.old.as_ref(), lang),
                reading(t.new.as_ref(), lang)
            )
        })
        .collect()
}

/// `责任单位 减：县财政局`: units added and removed, only the side that has any.
fn unit_words(role: &str, added: &[String], removed: &[String], lang: Lang) -> String {
    let (colon, comma) = (lang.pick("：", ": "), lang.pick("、", ", "));
    let sides: Vec<String> = [
        (lang.pick("增", "added"), added),
        (lang.pick("减", "removed"), removed),
    ]
    .into_iter()
    .filter(|(_, units)| !units.is_empty())
    .map(|(word, units)| format!("{word}{colon}{}", units.join(comma)))
    .collect();
    format!("{role} {}", sides.join(lang.pick("；", "; ")))
}

/// One change, on one line, for a memo.
fn change_words(c: &Change, lang: Lang) -> String {
    let or_dash = |x: &Option<String>| x.clone().unwrap_or_else(|| "—".to_owned());
    let colon = lang.pick("：", ": ");
    match c {
        Change::Seq { old, new } => format!("{} {old} → {new}", lang.pick("序号", "number")),
        Change::Text { old, new, .. } => {
            format!("{}{colon}{old} → {new}", lang.pick("表述", "text"))
        }
        Change::Targets { changes } => target_lines(changes, lang).join(lang.pick("；", "; ")),
        Change::Lead { added, removed } => {
            unit_words(lang.pick("牵头单位", "lead units"), added, removed, lang)
        }
        Change::Responsible { added, removed } => unit_words(
            lang.pick("责任单位", "responsible units"),
            added,
            removed,
            lang,
        ),
        Change::Section { old, new } => format!(
            "{}{colon}{} → {}",
            lang.pick("部分", "section"),
            or_dash(old),
            or_dash(new)
        ),
        Change::Subsection { old, new } => format!(
            "{}{colon}{} → {}",
            lang.pick("类别", "sub-category"),
            or_dash(old),
            or_dash(new)
        ),
    }
}

/// A task's text by number.
fn task_text(d: &fengong::Dataset, seq: u32) -> String {
    d.tasks
        .iter()
        .find(|t| t.seq == seq)
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

/// The name a report gives a notice: its document number, else its file.
fn notice_name(x: &fengong::Dataset, lang: Lang) -> String {
    x.notice
        .doc_number
        .clone()
        .or_else(|| x.source.file.clone())
        .unwrap_or_else(|| lang.pick("通知", "the notice").to_owned())
}

/// Columns `text` takes on a terminal (Chinese characters two).
fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` cut to at most `columns` columns, ending in `…` when cut.
fn cut(text: &str, columns: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if width(text) <= columns {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 1; // the `…`
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > columns {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` with `&`, `<`, `>`, `"` as HTML references.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn cut_to_columns() {
        for (text, columns, want) in [
            ("新建城市公园3座。", 80, "新建城市公园3座。"),
            ("新建城市公园3座。", 17, "新建城市公园3座。"),
            ("新建城市公园3座。", 10, "新建城市…"),
            ("新建城市公园3座。", 14, "新建城市公园3…"),
            ("新建城市公园3座。", 13, "新建城市公园…"),
            ("abcdef", 4, "abc…"),
            ("abcdef", 0, "…"),
        ] {
            assert_eq!(cut(text, columns), want, "{text} in {columns}");
        }
    }
}
