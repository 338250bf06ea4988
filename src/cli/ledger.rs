//! `fengong ledger`: each unit's ledger (台账): the tasks it leads and shares, its own and
//! through its groups, and the reports it owes; as blocks for people, JSON or CSV.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Context;
use fengong::Lang;

use super::say;
use super::{Out, aligned, excel_needs_csv, read, refuse_input, write_out};
use crate::{EXIT_IO, Failure};

/// How `ledger` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A block a unit, aligned columns.
    Table,
    /// A list of `{"unit", "id", "tasks": [{"seq", "role", "via", …}], "reporting"}`.
    Json,
    /// A row a task of a unit, with a header row.
    Csv,
}

/// Print the ledgers of the notice in `file` (only of `unit` when given), with the groups
/// of `roster` when given; the notice's diagnostics on stderr unless `quiet`.
pub fn run(
    rules: &fengong::Rules,
    file: &Path,
    unit: &[String],
    roster: Option<&Path>,
    format: Format,
    out: Out<'_>,
    quiet: bool,
) -> Result<(), Failure> {
    let Out {
        path: output,
        lang,
        excel,
    } = out;
    excel_needs_csv(excel, format == Format::Csv)?;
    if let Some(path) = output {
        refuse_input(
            path,
            &[Some(file), roster]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
        )?;
    }
    let roster = match roster {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| say!("无法读取 {}", "cannot read {}", path.display()))?;
            Some(
                fengong::ledger::Roster::parse(&text, rules)
                    .map_err(|e| anyhow::anyhow!("{}:{e}", path.display()))
                    .with_context(|| say!("无法使用名册", "cannot use the roster"))?,
            )
        }
        None => None,
    };
    let dataset = read(rules, file, quiet)?;
    let ledgers = fengong::ledger::ledgers(&dataset, roster.as_ref(), unit, rules);
    if ledgers.is_empty() && !unit.is_empty() {
        return Err(Failure {
            status: EXIT_IO,
            error: anyhow::anyhow!(say!(
                "{}：通知和名册中都没有名为 {} 的单位（`fengong ledger FILE` 按名称列出各单位）",
                "{}: no unit named {} in the notice or the roster",
                file.display(),
                unit.join(", ")
            )),
        });
    }
    // Task texts cut to fit only on a terminal; whole in a file or a pipe.
    let width = (output.is_none() && std::io::stdout().is_terminal()).then_some(40);
    let text = ledger_text(&ledgers, format, lang, width)?;
    let text = if excel {
        format!("\u{FEFF}{text}")
    } else {
        text
    };
    write_out(output, text.trim_end())?;
    Ok(())
}

/// `text` cut to at most `width` display columns, at a grapheme cluster's edge, with `…`
/// when something was cut.
fn cut(text: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Ledgers for a person: a block a unit (its figures, its tasks, then its reporting
/// duties), or CSV rows (unit, id, seq, role, via, roles, section, deadline, text); a task's
/// text cut to `width` columns when given (a terminal).
fn ledger_text(
    ledgers: &[fengong::ledger::Ledger],
    format: Format,
    lang: Lang,
    width: Option<usize>,
) -> anyhow::Result<String> {
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(ledgers)?,
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "unit", "id", "seq", "role", "via", "roles", "section", "deadline", "text",
            ])?;
            for l in ledgers {
                for t in &l.tasks {
                    w.write_record([
                        l.unit.as_str(),
                        &l.id,
                        &t.seq.to_string(),
                        &t.role,
                        t.via.as_deref().unwrap_or_default(),
                        &roles_text(&t.roles, lang),
                        &t.section.map(|s| s.to_string()).unwrap_or_default(),
                        t.deadline.as_deref().unwrap_or_default(),
                        &t.text,
                    ])?;
                }
            }
            String::from_utf8(w.into_inner()?)?
        }
        Format::Table => {
            let mut out = String::new();
            for l in ledgers {
                out.push_str(&heading(l, lang));
                out.push('\n');
                let deadlines = l.tasks.iter().any(|t| t.deadline.is_some());
                let rows: Vec<Vec<String>> = l
                    .tasks
                    .iter()
                    .map(|t| {
                        let mut row = vec![t.seq.to_string(), roles_text(&t.roles, lang)];
                        if deadlines {
                            row.push(t.deadline.clone().unwrap_or_default());
                        }
                        row.push(match width {
                            Some(w) => cut(&t.text, w),
                            None => t.text.clone(),
                        });
                        row
                    })
                    .collect();
                let mut header = vec![lang.pick("序号", "seq"), lang.pick("角色", "role")];
                if deadlines {
                    header.push(lang.pick("完成时限", "deadline"));
                }
                header.push(lang.pick("工作任务", "task"));
                out.push_str(&aligned(&header, &rows));
                for r in &l.reporting {
                    out.push_str("  ");
                    out.push_str(&duty_text(r, lang));
                    out.push('\n');
                }
                out.push('\n');
            }
            out
        }
    })
}

/// `县发改局 — 36 项任务：牵头 14 项，参与 22 项（其中经县政府各部门 21 项）`.
fn heading(l: &fengong::ledger::Ledger, lang: Lang) -> String {
    let c = &l.counts;
    let via: Vec<String> = c
        .shared_via
        .iter()
        .map(|(g, n)| match lang {
            Lang::Zh => format!("经{g} {n} 项"),
            Lang::En => format!("{n} through {g}"),
        })
        .collect();
    let via = match (via.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::Zh) => format!("（其中{}）", via.join("，")),
        (false, Lang::En) => format!(" ({})", via.join(", ")),
    };
    match lang {
        Lang::Zh => format!(
            "{} — {} 项任务：牵头 {} 项，参与 {} 项{via}",
            l.unit, c.tasks, c.led, c.shared
        ),
        Lang::En => format!(
            "{} — {} tasks: {} led, {} shared{via}",
            l.unit, c.tasks, c.led, c.shared
        ),
    }
}

/// A task's roles: `牵头；参与（经县政府各部门）`, `lead; responsible (via 县政府各部门)`.
fn roles_text(roles: &[fengong::ledger::LedgerRole], lang: Lang) -> String {
    let parts: Vec<String> = roles
        .iter()
        .map(|r| {
            let role = role_name(&r.role, lang);
            match (&r.via, lang) {
                (None, _) => role.to_owned(),
                (Some(g), Lang::Zh) => format!("{role}（经{g}）"),
                (Some(g), Lang::En) => format!("{role} (via {g})"),
            }
        })
        .collect();
    parts.join(lang.pick("；", "; "))
}

/// `lead` → 牵头, `responsible` → 参与; another role word as it is.
fn role_name(role: &str, lang: Lang) -> &str {
    match role {
        "lead" => lang.pick("牵头", "lead"),
        "responsible" => lang.pick("参与", "responsible"),
        other => other,
    }
}

/// A reporting duty: `报送：作为牵头单位，每季度第3个月25日前，报县政府办公室`.
fn duty_text(r: &fengong::ledger::Duty, lang: Lang) -> String {
    use fengong::dataset::Every;
    let as_whom = match r.role.as_str() {
        "lead" => lang.pick("牵头单位", "lead unit").to_owned(),
        "responsible" => lang.pick("责任单位", "responsible unit").to_owned(),
        other => other.to_owned(),
    };
    let to = r.to.as_deref().map(|t| match t {
        "lead" => lang.pick("牵头单位", "the lead unit").to_owned(),
        "responsible" => lang.pick("责任单位", "the responsible units").to_owned(),
        other => other.to_owned(),
    });
    match lang {
        Lang::Zh => {
            let when = match r.every {
                Every::Month => "每月".to_owned(),
                Every::Quarter => match r.month_of_quarter {
                    Some(3) => "每季度末月".to_owned(),
                    Some(m) => format!("每季度第{m}个月"),
                    None => "每季度".to_owned(),
                },
                Every::HalfYear => "每半年".to_owned(),
                Every::Year => match r.month {
                    Some(m) => format!("每年{m}月"),
                    None => "每年".to_owned(),
                },
            };
            let day = r.day.map(|d| format!("{d}日前")).unwrap_or_default();
            let to = to.map(|t| format!("，报{t}")).unwrap_or_default();
            format!("报送：作为{as_whom}，{when}{day}{to}")
        }
        Lang::En => {
            let when = match r.every {
                Every::Month => "every month".to_owned(),
                Every::Quarter => match r.month_of_quarter {
                    Some(m) => format!("every quarter, in its month {m}"),
                    None => "every quarter".to_owned(),
                },
                Every::HalfYear => "every half year".to_owned(),
                Every::Year => match r.month {
                    Some(m) => format!("every year, in month {m}"),
                    None => "every year".to_owned(),
                },
            };
            let day = r.day.map(|d| format!(", by day {d}")).unwrap_or_default();
            let to = to.map(|t| format!(", to {t}")).unwrap_or_default();
            format!("reports as {as_whom}: {when}{day}{to}")
        }
    }
}
