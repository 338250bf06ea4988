//! The diagnostics of returned forms: `FILE:ROW: warning[R006]: cell B12: …`.
//!
//! Codes are stable and never reused; each has its Chinese text in
//! `data/diagnostics_zh.tsv` and its line in docs/forms.md.

use std::fmt;

use crate::Lang;

/// The stable identity of a return's diagnostic.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[non_exhaustive]
pub enum Code {
    /// R001: the file cannot be read as a return (not a workbook, corrupt, no form sheet).
    #[strum(serialize = "R001")]
    Unreadable,
    /// R002: the file has no form keys (a CSV, or the hidden sheet removed): matched by the
    /// unit's name and the task texts.
    #[strum(serialize = "R002")]
    NoKeys,
    /// R003: the file is a form of another notice; set aside.
    #[strum(serialize = "R003")]
    OtherNotice,
    /// R004: the file is a form of another period; set aside.
    #[strum(serialize = "R004")]
    OtherPeriod,
    /// R005: a second return for one unit: the later one is read, this one set aside (its
    /// cells in 未归入).
    #[strum(serialize = "R005")]
    SecondReturn,
    /// R006: a row's task text differs from the notice's: the row counts for the task its
    /// key (or number) names.
    #[strum(serialize = "R006")]
    TaskTextEdited,
    /// R007: a task of the unit's form has no row in the return.
    #[strum(serialize = "R007")]
    TaskMissing,
    /// R008: a row for no task of the form (added, or a second row for one task): its cells
    /// are in 未归入.
    #[strum(serialize = "R008")]
    TaskAdded,
    /// R009: a 完成情况 not in the list (已完成, 按序时推进, 滞后, 未启动): kept as written.
    #[strum(serialize = "R009")]
    UnknownStatus,
    /// R010: a cell to fill in is empty: 完成情况, 本期进展 (unless 未启动), 填报人, 联系电话.
    #[strum(serialize = "R010")]
    RequiredEmpty,
    /// R011: text outside the form's cells (a column or a row the form does not have): kept
    /// in 未归入.
    #[strum(serialize = "R011")]
    OutsideForm,
    /// R012: the file has no keys and names no unit of the notice (in 填报单位 or its file
    /// name); set aside.
    #[strum(serialize = "R012")]
    UnknownUnit,
}

impl Code {
    /// Every code, in code order.
    pub const ALL: &'static [Code] = <Code as strum::VariantArray>::VARIANTS;

    /// The stable code string, e.g. `"R006"`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// What the code means, in Chinese (`data/diagnostics_zh.tsv`).
    pub fn description_zh(self) -> Option<&'static str> {
        crate::diagnostic::description_zh(self.as_str())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One diagnostic of a returned file: its file, the 1-based row and the cell it is about
/// (none for the whole file), what happened in English, quoting what the unit wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnDiagnostic {
    /// The code. Every return diagnostic is a warning: a person should look.
    pub code: Code,
    /// The file's name, as the folder holds it.
    pub file: String,
    /// The sheet's 1-based row, if the diagnostic is about one.
    pub row: Option<u32>,
    /// The cell (`E12`), if the diagnostic is about one.
    pub cell: Option<String>,
    /// What happened.
    pub message: String,
}

impl ReturnDiagnostic {
    /// The diagnostic as a person reads it in `lang`: `FILE:ROW: warning[R006]: cell B12:
    /// message`; in Chinese `FILE:ROW: 警告[R006]: 中文说明（单元格 B12：message）`.
    pub fn shown(&self, lang: Lang) -> String {
        let place = match self.row {
            Some(row) => format!("{}:{row}", self.file),
            None => self.file.clone(),
        };
        match (lang, self.code.description_zh()) {
            (Lang::Zh, Some(zh)) => {
                let cell = self
                    .cell
                    .as_ref()
                    .map_or_else(String::new, |c| format!("单元格 {c}："));
                format!(
                    "{place}: 警告[{}]: {zh}（{cell}{}）",
                    self.code, self.message
                )
            }
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for ReturnDiagnostic {
    /// `FILE:ROW: warning[R006]: cell B12: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.row {
            Some(row) => write!(f, "{}:{row}: warning[{}]: ", self.file, self.code)?,
            None => write!(f, "{}: warning[{}]: ", self.file, self.code)?,
        }
        if let Some(cell) = &self.cell {
            write!(f, "cell {cell}: ")?;
        }
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_chinese_description_and_its_line_in_the_docs() {
        let docs = include_str!("../../docs/forms.md");
        for code in Code::ALL {
            assert!(
                code.description_zh().is_some(),
                "{code} has no Chinese text"
            );
            assert!(
                docs.contains(&format!("`{code}`")),
                "docs/forms.md lacks `{code}`"
            );
        }
    }

    #[test]
    fn shown_in_both_languages() {
        let d = ReturnDiagnostic {
            code: Code::UnknownStatus,
            file: "a.xlsx".into(),
            row: Some(12),
            cell: Some("E12".into()),
            message: "\"基本完成\" is not one of 已完成, 按序时推进, 滞后, 未启动".into(),
        };
        assert_eq!(
            d.to_string(),
            "a.xlsx:12: warning[R009]: cell E12: \"基本完成\" is not one of 已完成, 按序时推进, 滞后, 未启动"
        );
        assert!(d.shown(Lang::Zh).starts_with("a.xlsx:12: 警告[R009]: "));
        assert!(d.shown(Lang::Zh).contains("（单元格 E12：\"基本完成\""));
    }
}
