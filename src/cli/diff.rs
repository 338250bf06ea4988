//! `fengong diff`: next year's notice against this year's — matched tasks and what changed
//! in each, tasks added and removed, notice fields changed — for a person (a table), as
//! JSON, as a markdown memo or as one HTML page. Exit status 1 when something changed.

use std::io::{self, IsTerminal};
use std::path::Path;

use anyhow::Context;

use super::{read, refuse_input, write_out};
use crate::{EXIT_IO, EXIT_UNUSABLE, Failure};

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

/// Compare `old` with `new` (notices or datasets) and print the diff as `format`; a
/// failure with no message (exit status 1) when something changed.
pub fn run(
    rules: &fengong::Rules,
    old: &Path,
    new: &Path,
    format: Format,
    output: Option<&Path>,
) -> Result<(), Failure> {
    if let Some(path) = output {
        refuse_input(path, &[old, new])?;
    }
    let (old, new) = (dataset_of(rules, old)?, dataset_of(rules, new)?);
    let diff = fengong::diff::diff(&old, &new);
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&diff)?,
        Format::Table => diff_table(&diff, output.is_none() && io::stdout().is_terminal()),
        Format::Markdown => diff_markdown(&diff, &old, &new),
        Format::Html => diff_html(&diff, &old, &new),
    };
    write_out(output, text.trim_end())?;
    if diff.is_empty() {
        Ok(())
    } else {
        Err(Failure {
            status: EXIT_UNUSABLE,
            error: anyhow::anyhow!(""),
        })
    }
}

/// A notice, or a dataset JSON written by `extract` (loaded back).
fn dataset_of(rules: &fengong::Rules, path: &Path) -> Result<fengong::Dataset, Failure> {
    if path.extension().is_some_and(|e| e == "json") {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        return serde_json::from_str(&text).map_err(|e| Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!("{}: not a dataset fengong wrote: {e}", path.display()),
        });
    }
    read(rules, path, true)
}

/// A diff for a person; headings in colour on a terminal.
fn diff_table(d: &fengong::diff::Diff, colour: bool) -> String {
    use fengong::diff::Change;
    let paint = |code: &str, text: String| {
        if colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text
        }
    };
    let mut out = String::new();
    for f in &d.notice {
        out.push_str(&format!(
            "notice {}: {} → {}\n",
            f.field,
            f.old.as_deref().unwrap_or("—"),
            f.new.as_deref().unwrap_or("—")
        ));
    }
    for s in &d.sections_added {
        out.push_str(&format!("+ section {s}\n"));
    }
    for s in &d.sections_removed {
        out.push_str(&format!("- section {s}\n"));
    }
    for m in d.matched.iter().filter(|m| !m.changes.is_empty()) {
        out.push_str(&paint(
            "1",
            format!(
                "task {} → {} ({:.0}% alike)",
                m.old,
                m.new,
                m.similarity * 100.0
            ),
        ));
        out.push('\n');
        for c in &m.changes {
            let line = match c {
                Change::Seq { old, new } => format!("number {old} → {new}"),
                Change::Text { old, new, .. } => format!("text: {old}\n      → {new}"),
                Change::Targets { changes } => changes
                    .iter()
                    .map(|t| {
                        let show = |v: &Option<fengong::diff::TargetValue>| {
                            v.as_ref().map_or("—".to_owned(), |v| {
                                format!(
                                    "{}{}",
                                    v.value.map(|x| x.to_string()).unwrap_or_default(),
                                    v.unit.as_deref().unwrap_or_default()
                                )
                            })
                        };
                        format!(
                            "target {}: {} → {}",
                            t.indicator,
                            show(&t.old),
                            show(&t.new)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n    "),
                Change::Lead { added, removed } | Change::Responsible { added, removed } => {
                    let what = if matches!(c, Change::Lead { .. }) {
                        "lead"
                    } else {
                        "responsible"
                    };
                    format!("{what}: +{} −{}", added.join("、"), removed.join("、"))
                }
                Change::Section { old, new } | Change::Subsection { old, new } => {
                    let what = if matches!(c, Change::Section { .. }) {
                        "section"
                    } else {
                        "sub-category"
                    };
                    format!(
                        "{what}: {} → {}",
                        old.as_deref().unwrap_or("—"),
                        new.as_deref().unwrap_or("—")
                    )
                }
            };
            out.push_str(&format!("    {line}\n"));
        }
    }
    for n in &d.added {
        out.push_str(&paint("32", format!("+ task {n} (new)")));
        out.push('\n');
    }
    for n in &d.removed {
        out.push_str(&paint("31", format!("- task {n} (old)")));
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str("no changes\n");
    }
    out
}

/// The diff as a report for a memo.
fn diff_markdown(
    d: &fengong::diff::Diff,
    old: &fengong::Dataset,
    new: &fengong::Dataset,
) -> String {
    let changed: Vec<_> = d.matched.iter().filter(|m| !m.changes.is_empty()).collect();
    let mut out = format!(
        "# {} 与 {} 对比\n\n新增任务 {} 项，删除任务 {} 项，有变化的任务 {} 项。\n\n",
        notice_name(new),
        notice_name(old),
        d.added.len(),
        d.removed.len(),
        changed.len()
    );
    if !d.added.is_empty() {
        out.push_str("## 新增任务\n\n");
        for n in &d.added {
            out.push_str(&format!("- {n}. {}\n", task_text(new, *n)));
        }
        out.push('\n');
    }
    if !d.removed.is_empty() {
        out.push_str("## 删除任务\n\n");
        for n in &d.removed {
            out.push_str(&format!("- {n}. {}\n", task_text(old, *n)));
        }
        out.push('\n');
    }
    if !changed.is_empty() {
        out.push_str("## 有变化的任务\n\n| 原序号 | 新序号 | 变化 |\n|---|---|---|\n");
        for m in changed {
            let what: Vec<String> = m.changes.iter().map(change_words).collect();
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                m.old,
                m.new,
                what.join("<br>").replace('|', "\\|")
            ));
        }
    }
    out
}

/// The diff as one self-contained HTML page: old and new tasks side by side, text changes
/// marked, added and removed tasks coloured, a filter by unit.
fn diff_html(d: &fengong::diff::Diff, old: &fengong::Dataset, new: &fengong::Dataset) -> String {
    use fengong::diff::Change;
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
        let notes: Vec<String> = m
            .changes
            .iter()
            .filter(|c| !matches!(c, Change::Text { .. }))
            .map(|c| html_escape(&change_words(c)))
            .collect();
        let class = if m.changes.is_empty() {
            "same"
        } else {
            "changed"
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
        (&d.added, new, "added", "新增"),
        (&d.removed, old, "removed", "删除"),
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
        html_escape(&notice_name(old)),
        html_escape(&notice_name(new)),
    );
    let changed = d.matched.iter().filter(|m| !m.changes.is_empty()).count();
    format!(
        "<!DOCTYPE html>\n<html lang=zh-CN><head><meta charset=utf-8><title>{a} → {b}</title>\n\
         <style>body{{font-family:sans-serif;margin:1em}}table{{border-collapse:collapse;width:100%}}\
         td,th{{border:1px solid #ccc;padding:4px;vertical-align:top}}.u{{color:#666;font-size:90%}}\
         .c{{font-size:85%;color:#444}}tr.added{{background:#e6ffe6}}tr.removed{{background:#ffe6e6}}\
         tr.changed{{background:#fffbe6}}ins{{background:#b6f2b6;text-decoration:none}}\
         del{{background:#f7b6b6}}</style></head><body>\n\
         <h1>{a} → {b}</h1><p>新增 {} 项，删除 {} 项，有变化 {changed} 项。\
         单位：<input id=f placeholder=县发改局 oninput=filter()> \
         <label><input type=checkbox id=x onchange=filter()> 只看有变化的</label></p>\n\
         <table><tr><th>原任务</th><th>新任务</th><th>变化</th></tr>\n{rows}</table>\n\
         <script>function filter(){{var u=document.getElementById('f').value.trim(),\
         x=document.getElementById('x').checked;document.querySelectorAll('tr[data-units]')\
         .forEach(function(r){{var ok=(!u||r.dataset.units.indexOf(u)>=0)&&(!x||r.className!='same');\
         r.style.display=ok?'':'none';}});}}</script></body></html>\n",
        d.added.len(),
        d.removed.len(),
    )
}

/// One change, in Chinese, for a memo.
fn change_words(c: &fengong::diff::Change) -> String {
    use fengong::diff::Change;
    let value = |x: &Option<fengong::diff::TargetValue>| {
        x.as_ref().map_or("—".to_owned(), |v| {
            format!(
                "{}{}",
                v.value.map(|n| n.to_string()).unwrap_or_default(),
                v.unit.as_deref().unwrap_or_default()
            )
        })
    };
    let or_dash = |x: &Option<String>| x.clone().unwrap_or_else(|| "—".to_owned());
    match c {
        Change::Seq { old, new } => format!("序号 {old} → {new}"),
        Change::Text { old, new, .. } => format!("表述：{old} → {new}"),
        Change::Targets { changes } => changes
            .iter()
            .map(|t| {
                format!(
                    "目标 {}：{} → {}",
                    t.indicator,
                    value(&t.old),
                    value(&t.new)
                )
            })
            .collect::<Vec<_>>()
            .join("；"),
        Change::Lead { added, removed } => {
            format!("牵头单位 增{} 减{}", added.join("、"), removed.join("、"))
        }
        Change::Responsible { added, removed } => {
            format!("责任单位 增{} 减{}", added.join("、"), removed.join("、"))
        }
        Change::Section { old, new } => format!("部分 {} → {}", or_dash(old), or_dash(new)),
        Change::Subsection { old, new } => format!("类别 {} → {}", or_dash(old), or_dash(new)),
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
fn notice_name(x: &fengong::Dataset) -> String {
    x.notice
        .doc_number
        .clone()
        .or_else(|| x.source.file.clone())
        .unwrap_or_else(|| "通知".to_owned())
}

/// `text` with `&`, `<`, `>`, `"` as HTML references.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
