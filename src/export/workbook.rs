//! The workbook for the supervision office (督查室): an overview, every task, a ledger sheet
//! for each unit, the targets and the diagnostics, each sheet ready to print.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, Url, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthChar;

use super::deadline::{deadline_date, notice_date};
use crate::dataset::{Dataset, Every, Task};
use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::ledger::Ledger;
use crate::rules::Rules;

/// One cell: text, a number (stored as a number, so that it sorts and sums), a date.
enum Cell {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Link { text: String, sheet: String },
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// What the cell shows, for its row's height.
    fn shown(&self) -> String {
        match self {
            Cell::Text(s) | Cell::Link { text: s, .. } => s.clone(),
            Cell::Number(x) => x.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }
}

/// A sheet before it is written: name, the title lines above its header, columns (label,
/// width in Excel's units: a digit's width; a Chinese character takes about two), rows.
struct Sheet {
    name: String,
    titles: Vec<String>,
    columns: Vec<(String, f64)>,
    rows: Vec<Vec<Cell>>,
}

/// Height in points of one line of 11-point text, Chinese fonts included (their lines are
/// taller than Latin ones), and of the title's 14-point line.
const LINE: f64 = 16.0;
const TITLE_LINE: f64 = 20.0;

/// How many lines `text` takes wrapped in a column `width` units wide: a Chinese character
/// about 2.1 units (Excel's 11-point Chinese glyph beside its digit), other characters one;
/// a unit of padding, and half a character lost at the end of each line, since Chinese
/// text does not break before `，` or `。`. LibreOffice fits more on a line: rows there are
/// a little taller than they need.
pub(crate) fn lines(text: &str, width: f64) -> f64 {
    let usable = (width - 1.5).max(1.0);
    text.split('\n')
        .map(|line| {
            let w: f64 = line
                .chars()
                .map(|c| match c.width() {
                    Some(2) => 2.1,
                    Some(0) | None => 0.0,
                    _ => 1.05,
                })
                .sum();
            (w / usable).ceil().max(1.0)
        })
        .sum()
}

/// Sheet names: at most 31 characters, none of `[]:*?/\`, not starting or ending with `'`,
/// unique (as Excel compares them, ignoring case).
fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .collect();
    let clean = clean.trim_matches('\'');
    let clean = if clean.is_empty() { "Sheet" } else { clean };
    let cut = |s: &str, max: usize| -> String {
        let mut out = String::new();
        for c in s.chars() {
            if out.encode_utf16().count() + c.len_utf16() > max {
                break;
            }
            out.push(c);
        }
        out
    };
    let taken =
        |n: &str, used: &[String]| used.iter().any(|u| u.to_lowercase() == n.to_lowercase());
    let mut name = cut(clean, 31);
    let mut k = 2;
    while taken(&name, used) {
        let suffix = format!("({k})");
        name = format!("{}{suffix}", cut(clean, 31 - suffix.len()));
        k += 1;
    }
    used.push(name.clone());
    name
}

/// A workbook for the supervision office (督查室), written to `path`, in `lang` (labels,
/// sheet names, enum values; the notice's own text as it is). Sheets:
///
/// - `总览` (Overview): a row a unit — the tasks it leads (牵头) and shares (参与), and, when
///   the notice has a deadline column, its nearest deadline (not before the notice's date)
///   and that task's number; the unit's name links to its sheet.
/// - `任务总表` (Tasks): every task, its units, leaders, deadline and targets.
/// - a sheet for each unit of `ledgers` that has any task, led or shared (its ledger, a row
///   a task: the unit's role in it — both, a line each, where it has the task as itself and
///   through a group — the task, its units, deadline and targets, then a narrow column for
///   each reporting period the notice sets — 1月…12月 or 一季度…四季度 — to tick).
/// - `目标` (Targets) and `诊断` (Diagnostics).
///
/// Every sheet starts with two title rows (the notice's number and title; what the sheet
/// holds, on a unit's sheet the unit's name and counts), then its header row; numbers
/// (序号, 数值, counts, lines) are numbers and deadlines dates. On screen the header is
/// frozen and filtered; printed, a sheet is A4 landscape, one page wide, the title and
/// header rows on every page, page numbers in the footer, rows as tall as their longest
/// wrapped cell.
///
/// Deadlines are read as dates by `rules` ([`super::deadline_date`]).
pub fn workbook(
    d: &Dataset,
    ledgers: &[Ledger],
    rules: &Rules,
    lang: Lang,
    path: &Path,
) -> Result<(), XlsxError> {
    let pick = |zh: &str, en: &str| lang.pick(zh, en).to_owned();
    let col = |zh: &str, en: &str, width: f64| (pick(zh, en), width);
    let notice_line = notice_line(d, lang);
    let year = d.notice.year;
    let not_before = notice_date(d);
    let has_deadlines = d.tasks.iter().any(|t| t.deadline.is_some());
    let has_leaders = d.tasks.iter().any(|t| !t.leaders.is_empty());
    let section_title = |n: Option<u32>| {
        n.and_then(|n| d.sections.iter().find(|s| s.number == n))
            .map(|s| s.title.clone())
            .unwrap_or_default()
    };
    let targets_of = |t: &Task| {
        t.targets
            .iter()
            .map(|g| g.text.clone())
            .collect::<Vec<_>>()
            .join("；")
    };
    let seq = |t: &Task| Cell::Number(t.seq.into());
    let task_of = |seq: u32, text: &str| d.tasks.iter().find(|t| t.seq == seq && t.text == text);

    let mut used: Vec<String> = Vec::new();
    let overview_name = sheet_name(lang.pick("总览", "Overview"), &mut used);
    let tasks_name = sheet_name(lang.pick("任务总表", "Tasks"), &mut used);
    let targets_name = sheet_name(lang.pick("目标", "Targets"), &mut used);
    let diagnostics_name = sheet_name(lang.pick("诊断", "Diagnostics"), &mut used);
    let with_tasks: Vec<&Ledger> = ledgers.iter().filter(|l| !l.tasks.is_empty()).collect();
    let unit_names: Vec<String> = with_tasks
        .iter()
        .map(|l| sheet_name(&l.unit, &mut used))
        .collect();
    let counts = |l: &Ledger| {
        let led = l.tasks.iter().filter(|t| t.role == "lead").count();
        (led, l.tasks.len() - led)
    };

    // 总览
    let mut columns = vec![
        col("单位", "Unit", 26.0),
        col("牵头", "Leads", 8.0),
        col("参与", "Shares", 8.0),
    ];
    if has_deadlines {
        columns.push(col("最近完成时限", "Nearest deadline", 14.0));
        columns.push(col("任务序号", "Task", 8.0));
        columns.push(col("完成时限（原文）", "Deadline as written", 22.0));
    }
    let rows = with_tasks
        .iter()
        .zip(&unit_names)
        .map(|(l, sheet)| {
            let (led, shared) = counts(l);
            let mut row = vec![
                Cell::Link {
                    text: l.unit.clone(),
                    sheet: sheet.clone(),
                },
                Cell::Number(led as f64),
                Cell::Number(shared as f64),
            ];
            if has_deadlines {
                let nearest = l
                    .tasks
                    .iter()
                    .filter_map(|lt| task_of(lt.seq, &lt.text))
                    .filter_map(|t| {
                        let text = t.deadline.as_deref()?;
                        let date = deadline_date(rules, text, year)?;
                        (not_before.is_none_or(|first| date >= first)).then_some((date, t, text))
                    })
                    .min_by_key(|(date, t, _)| (*date, t.seq));
                match nearest {
                    Some((date, t, text)) => {
                        row.extend([Cell::Date(date), seq(t), Cell::text(text)]);
                    }
                    None => row.extend([Cell::text(""), Cell::text(""), Cell::text("")]),
                }
            }
            row
        })
        .collect();
    let overview = Sheet {
        name: overview_name,
        titles: vec![
            notice_line.clone(),
            match lang {
                Lang::Zh => format!("各单位任务总览：{}个单位", with_tasks.len()),
                Lang::En => format!("Overview: {} units", with_tasks.len()),
            },
        ],
        columns,
        rows,
    };

    // 任务总表
    let mut columns = vec![
        col("序号", "No.", 6.0),
        col("部分", "Section", 14.0),
        col("类别", "Category", 12.0),
        col("目标任务", "Task", 50.0),
        col("牵头单位", "Lead units", 14.0),
        col("责任单位", "Responsible units", 24.0),
    ];
    if has_leaders {
        columns.push(col("责任领导", "Leaders", 10.0));
    }
    if has_deadlines {
        columns.push(col("完成时限", "Deadline", 12.0));
    }
    columns.push(col("目标", "Targets", 24.0));
    let rows = d
        .tasks
        .iter()
        .map(|t| {
            let mut row = vec![
                seq(t),
                Cell::text(section_title(t.section)),
                Cell::text(t.subsection_title.clone().unwrap_or_default()),
                Cell::text(&t.text),
                Cell::text(t.lead.join("、")),
                Cell::text(t.responsible.join("、")),
            ];
            if has_leaders {
                row.push(Cell::text(t.leaders.join("、")));
            }
            if has_deadlines {
                row.push(Cell::text(t.deadline.clone().unwrap_or_default()));
            }
            row.push(Cell::text(targets_of(t)));
            row
        })
        .collect();
    let all_tasks = Sheet {
        name: tasks_name,
        titles: vec![
            notice_line.clone(),
            match lang {
                Lang::Zh => format!("任务总表：共{}项", d.tasks.len()),
                Lang::En => format!("All tasks: {}", d.tasks.len()),
            },
        ],
        columns,
        rows,
    };

    // A unit's sheet: the reporting periods, monthly if any rule is monthly, else quarterly,
    // else none.
    let every: Vec<Every> = d.notice.reporting.iter().map(|r| r.every).collect();
    let periods: Vec<(String, f64)> = if every.contains(&Every::Month) {
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        (1..=12)
            .map(|m| match lang {
                Lang::Zh => (format!("{m}月"), 4.5),
                Lang::En => (EN[m - 1].to_owned(), 4.5),
            })
            .collect()
    } else if every.contains(&Every::Quarter) {
        ["一季度", "二季度", "三季度", "四季度"]
            .iter()
            .zip(["Q1", "Q2", "Q3", "Q4"])
            .map(|(zh, en)| (pick(zh, en), 7.0))
            .collect()
    } else {
        Vec::new()
    };
    let unit_sheets: Vec<Sheet> = with_tasks
        .iter()
        .zip(unit_names)
        .map(|(l, name)| {
            let mut columns = vec![
                col("序号", "No.", 6.0),
                col("角色", "Role", 8.0),
                col("目标任务", "Task", 46.0),
                col("牵头单位", "Lead units", 14.0),
                col("责任单位", "Responsible units", 22.0),
            ];
            if has_deadlines {
                columns.push(col("完成时限", "Deadline", 11.0));
            }
            columns.push(col("目标", "Targets", 20.0));
            columns.extend(periods.iter().cloned());
            // A row a task: a task the unit has twice (its own, and through its group) is
            // one row giving both roles.
            let mut tasks: Vec<(&Task, Vec<String>)> = Vec::new();
            for lt in &l.tasks {
                let Some(t) = task_of(lt.seq, &lt.text) else {
                    continue;
                };
                // Every role the ledger gives it (`roles`: own first, then through groups).
                for r in &lt.roles {
                    let role = match (r.role.as_str(), &r.via, lang) {
                        ("lead", None, _) => pick("牵头", "leads"),
                        ("lead", Some(g), Lang::Zh) => format!("牵头（{g}）"),
                        ("lead", Some(g), Lang::En) => format!("leads (as {g})"),
                        (_, None, _) => pick("参与", "shares"),
                        (_, Some(g), Lang::Zh) => format!("参与（{g}）"),
                        (_, Some(g), Lang::En) => format!("shares (as {g})"),
                    };
                    match tasks.iter_mut().find(|(x, _)| std::ptr::eq(*x, t)) {
                        Some((_, roles)) => roles.push(role),
                        None => tasks.push((t, vec![role])),
                    }
                }
            }
            let rows = tasks
                .into_iter()
                .map(|(t, roles)| {
                    let mut row = vec![
                        seq(t),
                        Cell::Text(roles.join("\n")),
                        Cell::text(&t.text),
                        Cell::text(t.lead.join("、")),
                        Cell::text(t.responsible.join("、")),
                    ];
                    if has_deadlines {
                        row.push(Cell::text(t.deadline.clone().unwrap_or_default()));
                    }
                    row.push(Cell::text(targets_of(t)));
                    row.extend(periods.iter().map(|_| Cell::text("")));
                    row
                })
                .collect();
            let (led, shared) = counts(l);
            Sheet {
                name,
                titles: vec![
                    notice_line.clone(),
                    match lang {
                        Lang::Zh => format!("{}：牵头{led}项，参与{shared}项", l.unit),
                        Lang::En => format!("{}: leads {led}, shares {shared}", l.unit),
                    },
                ],
                columns,
                rows,
            }
        })
        .collect();

    // 目标
    let number = |q: Option<crate::dataset::Quantity>| {
        q.map_or_else(|| Cell::text(""), |q| Cell::Number(q.to_f64()))
    };
    let rows = d
        .tasks
        .iter()
        .flat_map(|t| {
            t.targets.iter().map(move |g| {
                vec![
                    seq(t),
                    Cell::text(g.kind.label(lang)),
                    Cell::text(g.indicator.clone().unwrap_or_default()),
                    Cell::text(g.change.map_or("", |c| c.label(lang))),
                    Cell::text(g.bound.label(lang)),
                    number(g.value),
                    number(g.min),
                    number(g.max),
                    Cell::text(g.unit.clone().unwrap_or_default()),
                    Cell::text(&g.text),
                ]
            })
        })
        .collect::<Vec<_>>();
    let targets = Sheet {
        name: targets_name,
        titles: vec![
            notice_line.clone(),
            match lang {
                Lang::Zh => format!("目标：共{}条", rows.len()),
                Lang::En => format!("Targets: {}", rows.len()),
            },
        ],
        columns: vec![
            col("序号", "No.", 6.0),
            col("类型", "Kind", 10.0),
            col("指标", "Indicator", 24.0),
            col("变化", "Change", 8.0),
            col("界限", "Bound", 8.0),
            col("数值", "Value", 9.0),
            col("下限", "Min", 8.0),
            col("上限", "Max", 8.0),
            col("单位", "Unit", 8.0),
            col("原文", "As written", 40.0),
        ],
        rows,
    };

    // 诊断
    let rows = d
        .diagnostics
        .iter()
        .map(|x| {
            vec![
                Cell::Number(x.line as f64),
                Cell::text(x.code.as_str()),
                Cell::Text(match x.severity {
                    Severity::Warning => pick("警告", "warning"),
                    Severity::Info => pick("提示", "info"),
                }),
                Cell::text(&x.message),
            ]
        })
        .collect::<Vec<_>>();
    let diagnostics = Sheet {
        name: diagnostics_name,
        titles: vec![
            notice_line.clone(),
            match lang {
                Lang::Zh => format!("诊断：共{}条（读取时的提示，供核对原文）", rows.len()),
                Lang::En => format!(
                    "Diagnostics: {} (what the reading noticed, to check against the notice)",
                    rows.len()
                ),
            },
        ],
        columns: vec![
            col("行", "Line", 7.0),
            col("代码", "Code", 8.0),
            col("级别", "Severity", 9.0),
            col("说明", "Message", 90.0),
        ],
        rows,
    };

    let mut wb = Workbook::new();
    let formats = Formats::new();
    for s in [overview, all_tasks]
        .into_iter()
        .chain(unit_sheets)
        .chain([targets, diagnostics])
    {
        write_sheet(wb.add_worksheet(), &s, &formats, lang)?;
    }
    // Written whole: a temporary file beside `path`, renamed into place once complete.
    let bytes = wb.save_to_buffer()?;
    crate::output::write(path, &bytes)?;
    Ok(())
}

/// The cell formats of every sheet.
struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    number: Format,
    date: Format,
    link: Format,
}

impl Formats {
    fn new() -> Formats {
        let body = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(rust_xlsxwriter::FormatBorder::Thin);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            subtitle: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(rust_xlsxwriter::FormatBorder::Thin)
                .set_background_color("#DDEBF7"),
            number: body.clone().set_align(FormatAlign::Center),
            date: body
                .clone()
                .set_align(FormatAlign::Center)
                .set_num_format("yyyy-mm-dd"),
            link: body
                .clone()
                .set_font_color("#0563C1")
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            text: body,
        }
    }
}

/// Write `s` into `ws`: its title rows, header, rows, row heights; frozen and filtered on
/// screen, set up to print.
fn write_sheet(ws: &mut Worksheet, s: &Sheet, f: &Formats, lang: Lang) -> Result<(), XlsxError> {
    ws.set_name(&s.name)?;
    let last_col = s.columns.len().saturating_sub(1) as u16;
    let total: f64 = s.columns.iter().map(|(_, w)| w).sum();
    for (r, title) in s.titles.iter().enumerate() {
        let (format, line) = if r == 0 {
            (&f.title, TITLE_LINE)
        } else {
            (&f.subtitle, LINE)
        };
        let r = r as u32;
        if last_col > 0 {
            ws.merge_range(r, 0, r, last_col, title, format)?;
        } else {
            ws.write_string_with_format(r, 0, title, format)?;
        }
        // Titles are larger: their characters are wider by the font size's ratio.
        let scale = if r == 0 { 14.0 / 11.0 } else { 1.0 };
        ws.set_row_height(r, line * lines(title, total / scale) + 6.0)?;
    }
    let header = s.titles.len() as u32;
    let mut header_lines = 1.0f64;
    for (c, (label, width)) in s.columns.iter().enumerate() {
        ws.write_string_with_format(header, c as u16, label, &f.header)?;
        ws.set_column_width(c as u16, *width)?;
        header_lines = header_lines.max(lines(label, *width));
    }
    ws.set_row_height(header, LINE * header_lines + 6.0)?;
    for (i, row) in s.rows.iter().enumerate() {
        let r = header + 1 + i as u32;
        let mut height = 1.0f64;
        for (c, cell) in row.iter().enumerate() {
            let c16 = c as u16;
            match cell {
                Cell::Text(t) => {
                    ws.write_string_with_format(r, c16, t, &f.text)?;
                }
                Cell::Number(x) => {
                    ws.write_number_with_format(r, c16, *x, &f.number)?;
                }
                Cell::Date(date) => {
                    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(
                        chrono::Datelike::year(date) as u16,
                        chrono::Datelike::month(date) as u8,
                        chrono::Datelike::day(date) as u8,
                    )?;
                    ws.write_date_with_format(r, c16, &date, &f.date)?;
                }
                Cell::Link { text, sheet } => {
                    let url = Url::new(format!("internal:'{}'!A1", sheet.replace('\'', "''")))
                        .set_text(text);
                    ws.write_url_with_format(r, c16, url, &f.link)?;
                }
            }
            let width = s.columns.get(c).map_or(10.0, |(_, w)| *w);
            height = height.max(lines(&cell.shown(), width));
        }
        // As tall as the longest wrapped cell: not every program fits rows on opening, and
        // none does when printing.
        ws.set_row_height(r, LINE * height + 4.0)?;
    }
    ws.set_freeze_panes(header + 1, 0)?;
    ws.autofilter(header, 0, header + s.rows.len() as u32, last_col)?;
    print_setup(ws, lang, header)
}

/// The notice's number and title on one line (the file's name when it has neither), as the
/// title rows of every sheet give it.
pub(crate) fn notice_line(d: &Dataset, lang: Lang) -> String {
    let parts: Vec<&str> = [d.notice.doc_number.as_deref(), d.notice.title.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        d.source
            .file
            .clone()
            .unwrap_or_else(|| lang.pick("通知", "Notice").to_owned())
    } else {
        parts.join(" ")
    }
}

/// A sheet printed as the office prints it: A4 landscape, a page wide, centred, page numbers
/// in the footer, rows `0..=header` (the title and header rows) on every page.
pub(crate) fn print_setup(ws: &mut Worksheet, lang: Lang, header: u32) -> Result<(), XlsxError> {
    ws.set_landscape()
        .set_paper_size(9)
        .set_margins(0.4, 0.4, 0.5, 0.6, 0.3, 0.3)
        .set_print_center_horizontally(true)
        .set_print_fit_to_pages(1, 0)
        .set_footer(lang.pick("&C第 &P 页，共 &N 页", "&CPage &P of &N"));
    ws.set_repeat_rows(0, header)?;
    Ok(())
}
