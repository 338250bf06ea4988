//! The summary workbook of a period's returns (`fengong collect -o summary.xlsx`).
//!
//! - `汇总` (Summary): every task × each unit whose form has it: the status and the texts it
//!   reported (or 未报送), the file and row they came from; 滞后 and 未启动 highlighted.
//! - a sheet per section, the same rows for its tasks.
//! - `未报送` (Missing): the units whose return is missing or came after the due date.
//! - `统计` (Counts): a row a unit: its state, its tasks, how many of each status.
//! - `未归入` (Unplaced): every cell a unit wrote that belongs to no task, and why.
//! - `诊断` (Diagnostics): every diagnostic of the returns.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{Collected, Form, HIGHLIGHTED, Period, STATUSES, State, notice_line};
use crate::Lang;
use crate::dataset::Dataset;

/// A sheet before it is written: its name, second title, columns (label, width), rows (a
/// highlight colour and the cells).
struct Sheet {
    name: String,
    title: String,
    columns: Vec<(String, f64)>,
    /// The columns that hold numbers (written as numbers, to sort and sum).
    numeric: Vec<usize>,
    rows: Vec<Row>,
}

/// A row of a sheet: its highlight colour, its cells.
type Row = (Option<&'static str>, Vec<String>);

/// The fill of a row whose status is `status`: 滞后 orange, 未启动 red.
fn highlight(status: &str) -> Option<&'static str> {
    match HIGHLIGHTED.iter().position(|h| *h == status) {
        Some(0) => Some("#FCE4D6"),
        Some(_) => Some("#FFC7CE"),
        None => None,
    }
}

/// When a file was received, to the minute.
fn time(t: Option<chrono::DateTime<chrono::FixedOffset>>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// Write the summary of `c` (the returns of `period` for the notice `d`, against `forms`)
/// to `path`, whole, in `lang` (labels; statuses and what units wrote as they are).
pub fn write_summary(
    d: &Dataset,
    forms: &[Form],
    period: Period,
    c: &Collected,
    lang: Lang,
    path: &Path,
) -> Result<(), XlsxError> {
    let pick = |zh: &str, en: &str| lang.pick(zh, en).to_owned();
    let col = |zh: &str, en: &str, w: f64| (pick(zh, en), w);
    let label = period.label(lang);
    let section_title = |n: Option<u32>| {
        n.and_then(|n| d.sections.iter().find(|s| s.number == n))
            .map(|s| s.title.clone())
            .unwrap_or_default()
    };

    // Every task × each unit whose form has it (of the units expected or that returned).
    let columns = vec![
        col("序号", "No.", 6.0),
        col("部分", "Section", 14.0),
        col("工作任务", "Task", 40.0),
        col("牵头单位", "Lead units", 14.0),
        col("报送单位", "Unit", 14.0),
        col("完成情况", "Status", 11.0),
        col("本期进展", "Progress this period", 36.0),
        col("存在问题", "Problems", 24.0),
        col("下步打算", "Next steps", 24.0),
        col("文件", "File", 20.0),
        col("行", "Row", 6.0),
    ];
    let mut task_rows: Vec<(Option<u32>, Row)> = Vec::new();
    for (index, t) in d.tasks.iter().enumerate() {
        for r in &c.returns {
            let Some(form) = forms.iter().find(|f| f.unit_id == r.unit_id) else {
                continue;
            };
            if !form.rows.iter().any(|x| x.task_index == index) {
                continue;
            }
            let base = vec![
                t.seq.to_string(),
                section_title(t.section),
                t.text.clone(),
                t.lead.join("、"),
                r.unit.clone(),
            ];
            let reported: Vec<_> = c
                .progress
                .iter()
                .filter(|p| p.task_index == index && p.unit_id == r.unit_id)
                .collect();
            if reported.is_empty() {
                let mut row = base.clone();
                row.push(String::new());
                row.push(if r.state == State::Missing {
                    pick("（未报送）", "(no return)")
                } else {
                    pick("（回执中无此任务）", "(not in the return)")
                });
                row.extend([String::new(), String::new(), String::new(), String::new()]);
                task_rows.push((t.section, (None, row)));
            }
            for p in reported {
                let mut row = base.clone();
                row.extend([
                    p.status.clone(),
                    p.progress.clone(),
                    p.problems.clone(),
                    p.plans.clone(),
                    p.file.clone(),
                    p.row.to_string(),
                ]);
                task_rows.push((t.section, (highlight(&p.status), row)));
            }
        }
    }
    let counts = |state: State| {
        c.returns
            .iter()
            .filter(|r| r.expected && r.state == state)
            .count()
    };
    let expected = c.returns.iter().filter(|r| r.expected).count();
    let headline = match lang {
        Lang::Zh => format!(
            "{label}进展汇总：应报送{expected}个单位，已报送{}个，逾期报送{}个，未报送{}个",
            counts(State::Received),
            counts(State::Late),
            counts(State::Missing)
        ),
        Lang::En => format!(
            "Progress, {label}: {expected} units to report; {} received, {} late, {} missing",
            counts(State::Received),
            counts(State::Late),
            counts(State::Missing)
        ),
    };
    let mut sheets = vec![Sheet {
        name: pick("汇总", "Summary"),
        title: headline,
        columns: columns.clone(),
        numeric: vec![0, 10],
        rows: task_rows.iter().map(|(_, r)| r.clone()).collect(),
    }];
    for s in &d.sections {
        let rows: Vec<_> = task_rows
            .iter()
            .filter(|(n, _)| *n == Some(s.number))
            .map(|(_, r)| r.clone())
            .collect();
        sheets.push(Sheet {
            name: format!("{} {}", s.number, s.title),
            title: format!("{} {}（{label}）", s.number, s.title),
            columns: columns.clone(),
            numeric: vec![0, 10],
            rows,
        });
    }
    let other: Vec<_> = task_rows
        .iter()
        .filter(|(n, _)| n.is_none_or(|n| !d.sections.iter().any(|s| s.number == n)))
        .map(|(_, r)| r.clone())
        .collect();
    if !other.is_empty() {
        sheets.push(Sheet {
            name: pick("其他任务", "Other tasks"),
            title: pick("不属于任何部分的任务", "Tasks outside any section"),
            columns: columns.clone(),
            numeric: vec![0, 10],
            rows: other,
        });
    }

    // 未报送: missing or late.
    let rows = c
        .returns
        .iter()
        .filter(|r| r.expected && r.state != State::Received)
        .map(|r| {
            (
                (r.state == State::Missing).then_some("#FFC7CE"),
                vec![
                    r.unit.clone(),
                    r.state.label(lang).to_owned(),
                    r.due.to_string(),
                    time(r.received),
                    r.file.clone().unwrap_or_default(),
                ],
            )
        })
        .collect();
    sheets.push(Sheet {
        name: pick("未报送", "Missing"),
        title: match lang {
            Lang::Zh => format!("{label}未报送或逾期报送的单位"),
            Lang::En => format!("Units whose return for {label} is missing or late"),
        },
        columns: vec![
            col("单位", "Unit", 24.0),
            col("状态", "State", 10.0),
            col("报送截止", "Due", 12.0),
            col("收到时间", "Received", 17.0),
            col("文件", "File", 30.0),
        ],
        numeric: Vec::new(),
        rows,
    });

    // 统计: a row a unit.
    let rows = c
        .returns
        .iter()
        .map(|r| {
            let mine: Vec<&str> = c
                .progress
                .iter()
                .filter(|p| p.unit_id == r.unit_id)
                .map(|p| p.status.as_str())
                .collect();
            let of = |s: &str| mine.iter().filter(|m| **m == s).count().to_string();
            let other = mine
                .iter()
                .filter(|m| !m.is_empty() && !STATUSES.contains(m))
                .count();
            let empty = mine.iter().filter(|m| m.is_empty()).count();
            let mut row = vec![
                r.unit.clone(),
                r.state.label(lang).to_owned(),
                r.tasks.to_string(),
                mine.len().to_string(),
            ];
            row.extend(STATUSES.iter().map(|s| of(s)));
            row.extend([
                other.to_string(),
                empty.to_string(),
                r.filler.clone(),
                r.phone.clone(),
            ]);
            (None, row)
        })
        .collect();
    let mut columns = vec![
        col("单位", "Unit", 24.0),
        col("状态", "State", 10.0),
        col("任务数", "Tasks", 8.0),
        col("已填报", "Reported", 8.0),
    ];
    columns.extend(STATUSES.iter().map(|s| (s.to_string(), 9.0)));
    columns.extend([
        col("其他情况", "Other status", 9.0),
        col("未填", "Blank", 8.0),
        col("填报人", "Filled in by", 12.0),
        col("联系电话", "Telephone", 14.0),
    ]);
    sheets.push(Sheet {
        name: pick("统计", "Counts"),
        title: match lang {
            Lang::Zh => format!("{label}各单位填报情况"),
            Lang::En => format!("Returns by unit, {label}"),
        },
        columns,
        numeric: (2..10).collect(),
        rows,
    });

    // 未归入 and 诊断.
    let rows = c
        .unplaced
        .iter()
        .map(|u| {
            (
                None,
                vec![
                    u.file.clone(),
                    u.row.to_string(),
                    u.cell.clone(),
                    u.text.clone(),
                    u.code.to_string(),
                ],
            )
        })
        .collect();
    sheets.push(Sheet {
        name: pick("未归入", "Unplaced"),
        title: pick(
            "回执中不属于任何任务的内容（原样保留，见诊断）",
            "What the returns hold that belongs to no task (as written; see Diagnostics)",
        ),
        columns: vec![
            col("文件", "File", 30.0),
            col("行", "Row", 6.0),
            col("单元格", "Cell", 8.0),
            col("内容", "Text", 60.0),
            col("代码", "Code", 8.0),
        ],
        numeric: vec![1],
        rows,
    });
    let rows = c
        .diagnostics
        .iter()
        .map(|x| {
            let message = match (lang, x.code.description_zh()) {
                (Lang::Zh, Some(zh)) => format!("{zh}（{}）", x.message),
                _ => x.message.clone(),
            };
            (
                None,
                vec![
                    x.file.clone(),
                    x.row.map(|r| r.to_string()).unwrap_or_default(),
                    x.cell.clone().unwrap_or_default(),
                    x.code.to_string(),
                    message,
                ],
            )
        })
        .collect();
    sheets.push(Sheet {
        name: pick("诊断", "Diagnostics"),
        title: match lang {
            Lang::Zh => format!("诊断：共{}条", c.diagnostics.len()),
            Lang::En => format!("Diagnostics: {}", c.diagnostics.len()),
        },
        columns: vec![
            col("文件", "File", 30.0),
            col("行", "Row", 6.0),
            col("单元格", "Cell", 8.0),
            col("代码", "Code", 8.0),
            col("说明", "Message", 80.0),
        ],
        numeric: vec![1],
        rows,
    });

    let mut wb = Workbook::new();
    let line = notice_line(d, lang);
    let mut used: Vec<String> = Vec::new();
    for s in &sheets {
        let name = sheet_name(&s.name, &mut used);
        write_sheet(wb.add_worksheet(), &name, &line, s, lang)?;
    }
    let bytes = wb.save_to_buffer()?;
    crate::output::write(path, &bytes)?;
    Ok(())
}

/// A sheet name Excel takes: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .collect();
    let clean = if clean.trim().is_empty() {
        "Sheet".to_owned()
    } else {
        clean
    };
    let cut = |s: &str, max: usize| s.chars().take(max).collect::<String>();
    let mut name = cut(&clean, 31);
    let mut k = 2;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
        let suffix = format!("({k})");
        name = format!("{}{suffix}", cut(&clean, 31 - suffix.len()));
        k += 1;
    }
    used.push(name.clone());
    name
}

/// Write one sheet: the notice's line and its title, the header row, the rows (numbers as
/// numbers), frozen and filtered, set up to print.
fn write_sheet(
    ws: &mut Worksheet,
    name: &str,
    line: &str,
    s: &Sheet,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let last = s.columns.len().saturating_sub(1) as u16;
    let bold = Format::new().set_bold().set_text_wrap();
    ws.merge_range(0, 0, 0, last, line, &bold.clone().set_font_size(14))?;
    ws.merge_range(1, 0, 1, last, &s.title, &bold)?;
    ws.set_row_height(0, 24.0)?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_background_color("#DDEBF7");
    for (c, (label, width)) in s.columns.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, label, &header)?;
        ws.set_column_width(c as u16, *width)?;
    }
    let body = Format::new()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    for (i, (fill, row)) in s.rows.iter().enumerate() {
        let r = 3 + i as u32;
        let format = match fill {
            Some(color) => body.clone().set_background_color(*color),
            None => body.clone(),
        };
        let mut height = 1.0f64;
        for (c, cell) in row.iter().enumerate() {
            let number = s
                .numeric
                .contains(&c)
                .then(|| cell.parse::<u32>().ok())
                .flatten();
            if let Some(n) = number {
                ws.write_number_with_format(r, c as u16, f64::from(n), &format)?;
            } else {
                ws.write_string_with_format(r, c as u16, cell, &format)?;
            }
            let width = s.columns.get(c).map_or(10.0, |(_, w)| *w);
            height = height.max(crate::export::workbook::lines(cell, width));
        }
        ws.set_row_height(r, 16.0 * height.min(20.0) + 4.0)?;
    }
    ws.set_freeze_panes(3, 0)?;
    ws.autofilter(2, 0, 2 + s.rows.len() as u32, last)?;
    crate::export::workbook::print_setup(ws, lang, 2)
}
