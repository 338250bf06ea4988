//! A unit's return form as a workbook (rust_xlsxwriter).
//!
//! Sheet 进展情况 (`Progress` in English): two title rows (the notice's number and title;
//! what the form is for and its period), the header block (填报单位, 报送期间, 报送截止;
//! 填报人 and 联系电话 to fill in), then the header row and a row a task: 序号, 工作任务,
//! 角色, 本期进展, 完成情况 (a drop-down of [`STATUSES`]), 存在问题, 下步打算, and the task's
//! key in a hidden column (任务键) that moves with its row when the rows are sorted. The
//! sheet is protected without a password, only the cells to fill in unlocked, so that no task
//! text is edited by accident (审阅 → 撤销工作表保护 lifts it).
//!
//! Sheet `fengong` (hidden): the form's keys, a label and a value a row — `fengong-form` and
//! the layout's version, `notice_key`, `notice`, `period`, `unit_id`, `unit`, `due` — then a
//! row a task: its key, number and row on 进展情况. A return is matched by them however its
//! file was renamed.
//!
//! The bytes are the same for the same form (the document's creation date is the period's
//! due date, not the time of writing), so that a folder of forms can be written again
//! without looking changed.

use std::path::Path;

use chrono::Datelike;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, ProtectionOptions, Workbook, XlsxError,
};

use super::{Form, KEYS_MARK, KEYS_SHEET, STATUSES, STATUSES_EN};
use crate::Lang;

/// The layout's version, in the keys sheet: a reader knows which layout it reads.
pub const LAYOUT: u32 = 1;

/// Columns of 进展情况: label (zh, en) and width. The last, the task key, is hidden.
pub(crate) const COLUMNS: [(&str, &str, f64); 8] = [
    ("序号", "No.", 8.0),
    ("工作任务", "Task", 46.0),
    ("角色", "Role", 12.0),
    ("本期进展", "Progress this period", 34.0),
    ("完成情况", "Status", 12.0),
    ("存在问题", "Problems", 24.0),
    ("下步打算", "Next steps", 24.0),
    ("任务键", "Task key", 8.0),
];

/// Columns by role, their place in [`COLUMNS`].
pub(crate) const SEQ: usize = 0;
pub(crate) const TASK: usize = 1;
pub(crate) const ROLE: usize = 2;
pub(crate) const PROGRESS: usize = 3;
pub(crate) const STATUS: usize = 4;
pub(crate) const PROBLEMS: usize = 5;
pub(crate) const PLANS: usize = 6;
pub(crate) const KEY: usize = 7;

/// Labels of the header block (zh, en).
pub(crate) const UNIT_LABEL: (&str, &str) = ("填报单位", "Unit");
pub(crate) const PERIOD_LABEL: (&str, &str) = ("报送期间", "Period");
pub(crate) const DUE_LABEL: (&str, &str) = ("报送截止", "Due");
pub(crate) const FILLER_LABEL: (&str, &str) = ("填报人", "Filled in by");
pub(crate) const PHONE_LABEL: (&str, &str) = ("联系电话", "Telephone");

/// The row (0-based) of the header row: two titles, two rows of the header block.
pub(crate) const HEADER_ROW: u32 = 4;

/// The name of the form's sheet.
pub(crate) fn sheet_name(lang: Lang) -> &'static str {
    lang.pick("进展情况", "Progress")
}

/// The second title: what the form is for.
pub(crate) fn subtitle(form: &Form, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("重点工作任务进展情况（{}）", form.period.label(lang)),
        Lang::En => format!("Progress of the tasks ({})", form.period.label(lang)),
    }
}

/// The form's workbook, as bytes.
pub fn form_bytes(form: &Form, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let pick = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        form.due.year().clamp(1900, 9999) as u16,
        form.due.month() as u8,
        form.due.day() as u8,
    )?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(subtitle(form, lang))
            .set_company("fengong")
            .set_creation_datetime(&created),
    );

    let border = FormatBorder::Thin;
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let subtitle_format = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let label = Format::new()
        .set_bold()
        .set_border(border)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#F2F2F2");
    let value = Format::new()
        .set_border(border)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let input = value.clone().set_unlocked().set_background_color("#FFFDE7");
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(border)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#DDEBF7");
    let body = Format::new()
        .set_text_wrap()
        .set_border(border)
        .set_align(FormatAlign::Top);
    let shared = body.clone().set_background_color("#F2F2F2");
    let number = body.clone().set_align(FormatAlign::Center);
    let shared_number = shared.clone().set_align(FormatAlign::Center);
    let fill = body.clone().set_unlocked();
    let status = fill.clone().set_align(FormatAlign::Center);

    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(lang))?;
    let last = (COLUMNS.len() - 2) as u16; // the last visible column
    let total: f64 = COLUMNS[..COLUMNS.len() - 1].iter().map(|c| c.2).sum();
    ws.merge_range(0, 0, 0, last, &form.notice_line, &title)?;
    let title_lines = crate::export::workbook::lines(&form.notice_line, total / (14.0 / 11.0));
    ws.set_row_height(0, 20.0 * title_lines + 6.0)?;
    ws.merge_range(1, 0, 1, last, &subtitle(form, lang), &subtitle_format)?;
    ws.set_row_height(1, 22.0)?;
    // The header block.
    ws.write_string_with_format(2, 0, pick(UNIT_LABEL.0, UNIT_LABEL.1), &label)?;
    ws.merge_range(2, 1, 2, 2, &form.unit, &value)?;
    ws.write_string_with_format(2, 3, pick(PERIOD_LABEL.0, PERIOD_LABEL.1), &label)?;
    ws.write_string_with_format(2, 4, form.period.label(lang), &value)?;
    ws.write_string_with_format(2, 5, pick(DUE_LABEL.0, DUE_LABEL.1), &label)?;
    ws.write_string_with_format(2, 6, form.due.to_string(), &value)?;
    ws.write_string_with_format(3, 0, pick(FILLER_LABEL.0, FILLER_LABEL.1), &label)?;
    ws.merge_range(3, 1, 3, 2, "", &input)?;
    ws.write_string_with_format(3, 3, pick(PHONE_LABEL.0, PHONE_LABEL.1), &label)?;
    ws.write_blank(3, 4, &input)?;
    ws.write_blank(3, 5, &value)?;
    ws.write_blank(3, 6, &value)?;
    ws.set_row_height(2, 20.0)?;
    ws.set_row_height(3, 20.0)?;
    // The header row and the tasks.
    for (c, (zh, en, width)) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, pick(zh, en), &header)?;
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_column_hidden(KEY as u16)?;
    ws.set_row_height(HEADER_ROW, 22.0)?;
    for (i, row) in form.rows.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        let (text_format, number_format) = if row.leads {
            (&body, &number)
        } else {
            (&shared, &shared_number)
        };
        let roles = row.role_labels(lang).join("\n");
        ws.write_number_with_format(r, SEQ as u16, f64::from(row.seq), number_format)?;
        ws.write_string_with_format(r, TASK as u16, &row.text, text_format)?;
        ws.write_string_with_format(r, ROLE as u16, &roles, text_format)?;
        for c in [PROGRESS, PROBLEMS, PLANS] {
            ws.write_blank(r, c as u16, &fill)?;
        }
        ws.write_blank(r, STATUS as u16, &status)?;
        ws.write_string_with_format(r, KEY as u16, row.key(), &body)?;
        let height = crate::export::workbook::lines(&row.text, COLUMNS[TASK].2)
            .max(crate::export::workbook::lines(&roles, COLUMNS[ROLE].2))
            .max(3.0);
        ws.set_row_height(r, 16.0 * height + 4.0)?;
    }
    if !form.rows.is_empty() {
        let first = HEADER_ROW + 1;
        let last_row = HEADER_ROW + form.rows.len() as u32;
        let choices = match lang {
            Lang::Zh => format!("请从下拉列表中选择：{}", STATUSES.join("、")),
            Lang::En => {
                let pairs: Vec<String> = STATUSES
                    .iter()
                    .zip(STATUSES_EN)
                    .map(|(zh, en)| format!("{zh} {en}"))
                    .collect();
                format!("Choose from the list: {}", pairs.join(", "))
            }
        };
        let validation = DataValidation::new()
            .allow_list_strings(&STATUSES)?
            .set_input_title(pick("完成情况", "Status"))?
            .set_input_message(&choices)?
            .set_error_title(pick("完成情况", "Status"))?
            .set_error_message(&choices)?
            .set_error_style(DataValidationErrorStyle::Stop);
        ws.add_data_validation(first, STATUS as u16, last_row, STATUS as u16, &validation)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    // Printed: A4 landscape, a page wide, the titles and the header on every page.
    crate::export::workbook::print_setup(ws, lang, HEADER_ROW)?;

    let keys = wb.add_worksheet();
    keys.set_name(KEYS_SHEET)?;
    let pairs: [(&str, String); 7] = [
        (KEYS_MARK, LAYOUT.to_string()),
        ("notice_key", form.notice_key.clone()),
        ("notice", form.notice_line.clone()),
        ("period", form.period.to_string()),
        ("unit_id", form.unit_id.clone()),
        ("unit", form.unit.clone()),
        ("due", form.due.to_string()),
    ];
    for (r, (k, v)) in pairs.iter().enumerate() {
        keys.write_string(r as u32, 0, *k)?;
        keys.write_string(r as u32, 1, v)?;
    }
    let start = pairs.len() as u32 + 1;
    keys.write_string(start, 0, "task_key")?;
    keys.write_string(start, 1, "seq")?;
    keys.write_string(start, 2, "row")?;
    for (i, row) in form.rows.iter().enumerate() {
        let r = start + 1 + i as u32;
        keys.write_string(r, 0, row.key())?;
        keys.write_number(r, 1, f64::from(row.seq))?;
        keys.write_number(r, 2, f64::from(HEADER_ROW + 2 + i as u32))?;
    }
    keys.set_hidden(true);
    wb.worksheets_mut()[0].set_active(true);
    wb.save_to_buffer()
}

/// Write the form to `path`, whole (a temporary file beside it, renamed into place).
pub fn write_form(form: &Form, lang: Lang, path: &Path) -> Result<(), XlsxError> {
    let bytes = form_bytes(form, lang)?;
    crate::output::write(path, &bytes)?;
    Ok(())
}
