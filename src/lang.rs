//! The language of what a person reads: tables, workbooks, calendars, diffs, messages on a
//! terminal. Chinese by default, the office's language; English on request (`--lang en`).
//! The JSON contract (field names, enum values) is the same in both.

/// The language of an output meant for a person.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// 中文: the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The Chinese or the English of one label or sentence, as this language asks.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
