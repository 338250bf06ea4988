//! Word's own numbering (`word/numbering.xml`): the numbers of a list Word numbers itself
//! (the List Number style, a numbered 序号 column) are no text in `word/document.xml`, so they
//! are written here as Word shows them: `1.`, `（一）`, `①`.
//!
//! A paragraph is numbered by its `w:numPr` (`w:numId`, `w:ilvl`) or by its style's
//! (`word/styles.xml`, following `w:basedOn`). Each `w:num` counts its own paragraphs, level
//! by level (a level's count restarts after a paragraph of a higher level), from its level's
//! `w:start` or the `w:startOverride` of the `w:num`; the label is the level's `w:lvlText`
//! with `%1`…`%9` replaced by the counts in the level's `w:numFmt`.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::attr;
use crate::text;

/// One level of a list definition.
#[derive(Clone, Debug, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The numbering definitions of a document, and the counts so far.
#[derive(Debug, Default)]
pub struct Numbering {
    /// `w:abstractNumId` → its levels, by `w:ilvl`.
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// `w:numId` → its `w:abstractNumId` and the start overrides by level.
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    /// `w:styleId` → the `w:numId` and `w:ilvl` its paragraphs take, and the style it is
    /// based on.
    styles: HashMap<String, StyleNumbering>,
    /// `w:numId` → the count at each level so far.
    counts: HashMap<String, [u32; 9]>,
}

#[derive(Clone, Debug, Default)]
struct StyleNumbering {
    num: Option<String>,
    level: Option<u8>,
    based_on: Option<String>,
}

/// The numbering a paragraph's own properties give (`w:pStyle`, `w:numPr`).
#[derive(Clone, Debug, Default)]
pub struct ParagraphNumbering {
    pub style: Option<String>,
    pub num: Option<String>,
    pub level: Option<u8>,
}

fn level_of(e: &BytesStart<'_>, name: &[u8]) -> Option<u8> {
    attr(e, name)?.parse().ok().filter(|l| *l < 9)
}

impl Numbering {
    /// Read `numbering.xml` and `styles.xml` (either may be absent or damaged: a damaged one
    /// numbers nothing, as the document's text is still there to read).
    pub fn read(numbering: Option<&str>, styles: Option<&str>) -> Numbering {
        let mut out = Numbering::default();
        if let Some(xml) = numbering {
            out.read_numbering(xml);
        }
        if let Some(xml) = styles {
            out.read_styles(xml);
        }
        out
    }

    fn read_numbering(&mut self, xml: &str) {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<u8> = None;
        let mut num: Option<String> = None;
        let mut override_level: Option<u8> = None;
        loop {
            let (e, empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        b"abstractNum" => abstract_id = None,
                        b"lvl" => level = None,
                        b"num" => num = None,
                        b"lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            match e.local_name().as_ref() {
                b"abstractNum" if !empty => abstract_id = attr(&e, b"abstractNumId"),
                b"lvl" if !empty && abstract_id.is_some() => {
                    level = level_of(&e, b"ilvl");
                    if let (Some(a), Some(l)) = (&abstract_id, level) {
                        self.abstracts.entry(a.clone()).or_default().insert(
                            l,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        );
                    }
                }
                b"num" if !empty => {
                    num = attr(&e, b"numId");
                }
                b"abstractNumId" => {
                    if let (Some(n), Some(a)) = (&num, attr(&e, b"val")) {
                        self.nums.entry(n.clone()).or_default().0 = a;
                    }
                }
                b"lvlOverride" if !empty => override_level = level_of(&e, b"ilvl"),
                b"startOverride" => {
                    let start = attr(&e, b"val").and_then(|v| v.parse().ok());
                    if let (Some(n), Some(l), Some(s)) = (&num, override_level, start) {
                        self.nums.entry(n.clone()).or_default().1.insert(l, s);
                    }
                }
                name @ (b"start" | b"numFmt" | b"lvlText") => {
                    let (Some(a), Some(l)) = (&abstract_id, level) else {
                        continue;
                    };
                    let Some(value) = attr(&e, b"val") else {
                        continue;
                    };
                    let Some(lvl) = self.abstracts.get_mut(a).and_then(|m| m.get_mut(&l)) else {
                        continue;
                    };
                    match name {
                        b"start" => lvl.start = value.parse().unwrap_or(1),
                        b"numFmt" => lvl.format = value,
                        _ => lvl.text = value,
                    }
                }
                _ => {}
            }
        }
    }

    fn read_styles(&mut self, xml: &str) {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut style: Option<String> = None;
        loop {
            let (e, empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    if e.local_name().as_ref() == b"style" {
                        style = None;
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            let name = e.local_name();
            if name.as_ref() == b"style" {
                if !empty {
                    style = attr(&e, b"styleId");
                }
                continue;
            }
            let Some(id) = &style else {
                continue;
            };
            let entry = self.styles.entry(id.clone()).or_default();
            match name.as_ref() {
                b"numId" => entry.num = attr(&e, b"val"),
                b"ilvl" => entry.level = level_of(&e, b"val"),
                b"basedOn" => entry.based_on = attr(&e, b"val"),
                _ => {}
            }
        }
    }

    /// The label Word shows before a paragraph with these properties, counting it; `None`
    /// for a paragraph Word does not number.
    pub fn label(&mut self, p: &ParagraphNumbering) -> Option<String> {
        let (mut num, mut level) = (p.num.clone(), p.level);
        // The style's numbering, through the styles it is based on.
        let mut style = p.style.clone();
        for _ in 0..16 {
            let Some(s) = style.as_ref().and_then(|s| self.styles.get(s)) else {
                break;
            };
            num = num.or_else(|| s.num.clone());
            level = level.or(s.level);
            style = s.based_on.clone();
        }
        let num = num.filter(|n| n != "0")?;
        let level = usize::from(level.unwrap_or(0));
        let (abstract_id, overrides) = self.nums.get(&num)?;
        let levels = self.abstracts.get(abstract_id)?;
        let this = levels.get(&(level as u8))?;
        if this.format == "none" {
            return None;
        }
        let start = |l: usize| -> u32 {
            overrides
                .get(&(l as u8))
                .copied()
                .or_else(|| levels.get(&(l as u8)).map(|v| v.start))
                .unwrap_or(1)
        };
        let counts = self.counts.entry(num.clone()).or_insert([0; 9]);
        counts[level] = if counts[level] == 0 {
            start(level)
        } else {
            counts[level].saturating_add(1)
        };
        for deeper in &mut counts[level + 1..] {
            *deeper = 0;
        }
        let counts = *counts;
        if this.format == "bullet" {
            return Some("• ".to_owned());
        }
        // `%1.%2.`: each level's count in that level's format.
        let mut label = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let l = d as usize - 1;
                    let count = if counts[l] == 0 { start(l) } else { counts[l] };
                    let format = levels
                        .get(&(l as u8))
                        .map_or("decimal", |v| v.format.as_str());
                    label.push_str(&formatted(count, format));
                }
                _ => label.push(c),
            }
        }
        Some(label)
    }
}

/// A count in a `w:numFmt`: decimal, Chinese numerals, circled digits, letters, Roman.
fn formatted(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "ideographDigital" => chinese(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "upperLetter" | "lowerLetter" => text::letter(n, format == "upperLetter"),
        "upperRoman" => text::roman(n),
        "lowerRoman" => text::roman(n).to_lowercase(),
        _ => n.to_string(),
    }
}

/// 1–99 in Chinese numerals (`十二`, `二十`); larger counts in digits.
fn chinese(n: u32) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match n {
        1..=9 => DIGITS[n as usize].to_string(),
        10..=99 => {
            let (tens, ones) = (n / 10, n % 10);
            let mut s = String::new();
            if tens > 1 {
                s.push(DIGITS[tens as usize]);
            }
            s.push('十');
            if ones > 0 {
                s.push(DIGITS[ones as usize]);
            }
            s
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
        <w:abstractNum w:abstractNumId="0">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="0"/>
          <w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
      </w:numbering>"#;

    const STYLES: &str = r#"<w:styles xmlns:w="w">
        <w:style w:styleId="ListNumber"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
        <w:style w:styleId="Tasks"><w:basedOn w:val="ListNumber"/></w:style>
      </w:styles>"#;

    fn para(style: Option<&str>, num: Option<&str>, level: Option<u8>) -> ParagraphNumbering {
        ParagraphNumbering {
            style: style.map(str::to_owned),
            num: num.map(str::to_owned),
            level,
        }
    }

    #[test]
    fn counts_by_list_and_level_with_styles_and_overrides() {
        let mut n = Numbering::read(Some(NUMBERING), Some(STYLES));
        let labels: Vec<Option<String>> = [
            para(Some("ListNumber"), None, None),
            para(Some("Tasks"), None, None),
            para(None, Some("1"), Some(1)),
            para(None, Some("1"), Some(1)),
            para(None, Some("1"), Some(0)),
            para(None, Some("1"), Some(1)),
            para(None, Some("2"), None),
            para(None, Some("0"), None),
            para(Some("Normal"), None, None),
        ]
        .iter()
        .map(|p| n.label(p))
        .collect();
        let want = [
            Some("1."),
            Some("2."),
            Some("（一）"),
            Some("（二）"),
            Some("3."),
            Some("（一）"),
            Some("7."),
            None,
            None,
        ];
        assert_eq!(labels, want.map(|l| l.map(str::to_owned)));
    }

    #[test]
    fn formats() {
        assert_eq!(chinese(12), "十二");
        assert_eq!(chinese(20), "二十");
        assert_eq!(formatted(3, "decimalEnclosedCircle"), "③");
        assert_eq!(formatted(4, "upperRoman"), "IV");
        assert_eq!(formatted(150, "chineseCounting"), "150");
    }

    #[test]
    fn damaged_definitions_number_nothing() {
        let mut n = Numbering::read(Some("<w:numbering><w:num"), Some("not xml <"));
        assert_eq!(n.label(&para(None, Some("1"), None)), None);
    }
}
