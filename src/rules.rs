//! Rules that are data: header synonyms, unit aliases, unit kinds.
//!
//! Each lives in a file under `data/`, compiled in with `include_str!` and parsed once. Next
//! year's new header wording or unit spelling is an edit there plus a fixture, not code.
//! The files are tab-separated; `#` starts a comment line; blank lines are ignored.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::dataset::{Bound, UnitKind};

/// What a table column holds, as named by its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// 序号: the task number.
    Seq,
    /// 目标任务: the task (sub-category label and text).
    Task,
    /// 牵头单位: lead units.
    Lead,
    /// 责任单位: responsible units.
    Responsible,
    /// 分管县领导: leaders in charge.
    Leaders,
    /// 完成时限: deadline.
    Deadline,
}

const HEADERS: &str = include_str!("../data/headers.tsv");
const ALIASES: &str = include_str!("../data/unit_aliases.tsv");
const KINDS: &str = include_str!("../data/unit_kinds.tsv");
const SUFFIXES: &str = include_str!("../data/unit_suffixes.txt");
const TARGET_UNITS: &str = include_str!("../data/target_units.tsv");
const TARGET_WORDS: &str = include_str!("../data/target_words.tsv");

/// The records of a data file: its non-comment lines split at tabs.
fn records(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

static HEADER_ROLES: LazyLock<FxHashMap<&'static str, Role>> = LazyLock::new(|| {
    records(HEADERS)
        .map(|r| {
            let role = match r[0] {
                "seq" => Role::Seq,
                "task" => Role::Task,
                "lead" => Role::Lead,
                "responsible" => Role::Responsible,
                "leaders" => Role::Leaders,
                "deadline" => Role::Deadline,
                other => panic!("data/headers.tsv: unknown role {other:?}"),
            };
            (r[1], role)
        })
        .collect()
});

/// The first two characters of every header name (the second `None` for a one-character
/// name): most cells are ruled out by these alone.
static HEADER_STARTS: LazyLock<Vec<(char, Option<char>)>> = LazyLock::new(|| {
    let mut starts: Vec<(char, Option<char>)> =
        HEADER_ROLES.keys().filter_map(|k| first_two(k)).collect();
    starts.sort_unstable();
    starts.dedup();
    starts
});

/// The first two characters of `s` that are not whitespace.
fn first_two(s: &str) -> Option<(char, Option<char>)> {
    let mut chars = s.chars().filter(|c| !c.is_whitespace());
    Some((chars.next()?, chars.next()))
}

static UNIT_ALIASES: LazyLock<FxHashMap<&'static str, &'static str>> =
    LazyLock::new(|| records(ALIASES).map(|r| (r[0], r[1])).collect());

/// How a kind rule matches a name.
#[derive(Clone, Copy, Debug)]
enum Match {
    Prefix,
    Suffix,
    Contains,
}

static UNIT_KINDS: LazyLock<Vec<(UnitKind, Match, &'static str)>> = LazyLock::new(|| {
    records(KINDS)
        .map(|r| {
            let kind = match r[0] {
                "group" => UnitKind::Group,
                "township" => UnitKind::Township,
                "committee" => UnitKind::Committee,
                "department" => UnitKind::Department,
                "organisation" => UnitKind::Organisation,
                "other" => UnitKind::Other,
                other => panic!("data/unit_kinds.tsv: unknown kind {other:?}"),
            };
            let how = match r[1] {
                "prefix" => Match::Prefix,
                "suffix" => Match::Suffix,
                "contains" => Match::Contains,
                other => panic!("data/unit_kinds.tsv: unknown match {other:?}"),
            };
            (kind, how, r[2])
        })
        .collect()
});

/// The role a header cell names, matched with its whitespace removed (`序 号` = `序号`).
pub fn header_role(cell: &str) -> Option<Role> {
    // Header names are short: compact into a buffer on the stack, no allocation.
    const MAX: usize = 64;
    if cell.len() > MAX {
        return None;
    }
    // Most cells are not headers: rule them out by their first two characters.
    let start = first_two(cell)?;
    if HEADER_STARTS.binary_search(&start).is_err() {
        return None;
    }
    if !cell.contains(char::is_whitespace) {
        return HEADER_ROLES.get(cell).copied();
    }
    let mut buf = [0u8; MAX];
    let mut len = 0;
    for c in cell.chars().filter(|c| !c.is_whitespace()) {
        len += c.encode_utf8(&mut buf[len..]).len();
    }
    let name = std::str::from_utf8(&buf[..len]).ok()?;
    HEADER_ROLES.get(name).copied()
}

/// The canonical spelling of a unit name, if `name` is a known variant.
pub fn unit_alias(name: &str) -> Option<&'static str> {
    UNIT_ALIASES.get(name).copied()
}

/// Every (variant, canonical) pair of the alias table.
#[cfg(test)]
pub(crate) fn alias_pairs() -> impl Iterator<Item = (&'static str, &'static str)> {
    UNIT_ALIASES.iter().map(|(k, v)| (*k, *v))
}

static UNIT_SUFFIXES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| records(SUFFIXES).map(|r| r[0]).collect());

/// Unit-name endings by their last character: one-character endings (局) answer at once;
/// longer ones (中心) are checked only for names ending in their last character.
struct Suffixes {
    single: Vec<char>,
    multi_last: Vec<char>,
    multi: Vec<&'static str>,
}

static SUFFIX_INDEX: LazyLock<Suffixes> = LazyLock::new(|| {
    let mut single: Vec<char> = Vec::new();
    let mut multi = Vec::new();
    for suffix in UNIT_SUFFIXES.iter() {
        let mut chars = suffix.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => single.push(c),
            (Some(_), Some(_)) => multi.push(*suffix),
            _ => {}
        }
    }
    let mut multi_last: Vec<char> = multi.iter().filter_map(|s| s.chars().last()).collect();
    single.sort_unstable();
    multi_last.sort_unstable();
    multi_last.dedup();
    Suffixes {
        single,
        multi_last,
        multi,
    }
});

/// Whether `name` ends like a unit name (`局`, `中心`, `政府`…: `data/unit_suffixes.txt`).
pub fn has_unit_suffix(name: &str) -> bool {
    let Some(last) = name.chars().next_back() else {
        return false;
    };
    let index = &*SUFFIX_INDEX;
    index.single.binary_search(&last).is_ok()
        || (index.multi_last.binary_search(&last).is_ok()
            && index.multi.iter().any(|suffix| name.ends_with(suffix)))
}

/// The kind of a unit, from the first rule in `data/unit_kinds.tsv` its name matches.
pub fn unit_kind(name: &str) -> UnitKind {
    UNIT_KINDS
        .iter()
        .find(|(_, how, text)| match how {
            Match::Prefix => name.starts_with(text),
            Match::Suffix => name.ends_with(text),
            Match::Contains => name.contains(text),
        })
        .map_or(UnitKind::Other, |&(kind, _, _)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        // Forces every table; a malformed line panics here rather than in a user's run.
        assert!(HEADER_ROLES.len() >= 4);
        assert!(!UNIT_ALIASES.is_empty());
        assert!(!UNIT_KINDS.is_empty());
        assert!(has_unit_suffix("县发改局") && has_unit_suffix("县政务服务中心"));
        assert!(!has_unit_suffix("县住房保障") && !has_unit_suffix(""));
        for r in records(SUFFIXES) {
            assert_eq!(r.len(), 1, "{r:?}");
        }
        for r in records(HEADERS).chain(records(ALIASES)) {
            assert_eq!(r.len(), 2, "{r:?}");
        }
        for r in records(KINDS) {
            assert_eq!(r.len(), 3, "{r:?}");
        }
    }

    #[test]
    fn aliases_map_to_names_that_are_not_aliases() {
        for (variant, canonical) in UNIT_ALIASES.iter() {
            assert!(
                unit_alias(canonical).is_none(),
                "{variant} → {canonical} → …"
            );
        }
    }

    #[test]
    fn unit_kinds_by_name() {
        let cases = [
            ("县政府各部门", UnitKind::Group),
            ("各乡镇人民政府", UnitKind::Group),
            ("省驻县各单位", UnitKind::Group),
            ("威远镇人民政府", UnitKind::Township),
            ("高寨街道办事处", UnitKind::Township),
            ("绿色产业园管委会", UnitKind::Committee),
            ("县发改局", UnitKind::Department),
            ("县政府办公室", UnitKind::Department),
            ("县卫生健康委员会", UnitKind::Department),
            ("县残联", UnitKind::Organisation),
            ("县住房保障服务中心", UnitKind::Organisation),
            ("某某", UnitKind::Other),
        ];
        for (name, kind) in cases {
            assert_eq!(unit_kind(name), kind, "{name}");
        }
    }
}

/// A unit a target's number can be written in (`data/target_units.tsv`).
#[derive(Clone, Copy, Debug)]
pub struct TargetUnit {
    /// As written: `万吨`.
    pub unit: &'static str,
    /// Without its multiplier: `吨`.
    pub base: &'static str,
    /// `unit` in `base`: 10000.
    pub factor: i64,
    /// A number of things (个, 家) rather than an amount (%, 万吨).
    pub count: bool,
    /// Whether the number may be written in Chinese numerals (三所), not only in digits.
    pub chinese: bool,
}

/// Target units, longest first (so that 万人次 is tried before 人次 and 人).
pub static TARGET_UNITS_BY_LENGTH: LazyLock<Vec<TargetUnit>> = LazyLock::new(|| {
    let mut units: Vec<TargetUnit> = records(TARGET_UNITS)
        .map(|r| TargetUnit {
            unit: r[0],
            base: r[1],
            factor: r[2]
                .parse()
                .unwrap_or_else(|_| panic!("data/target_units.tsv: bad factor {:?}", r[2])),
            count: match r[3] {
                "count" => true,
                "measure" => false,
                other => panic!("data/target_units.tsv: unknown sort {other:?}"),
            },
            chinese: match r.get(4).copied() {
                Some("any") => true,
                Some("arabic") => false,
                other => panic!("data/target_units.tsv: unknown numerals {other:?}"),
            },
        })
        .collect();
    units.sort_by_key(|u| std::cmp::Reverse(u.unit.len()));
    units
});

/// What a word around a target's number does (`data/target_words.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordRole {
    /// 增长: the number is an increase.
    Increase,
    /// 下降: the number is a decrease.
    Decrease,
    /// 达到, 保持在: the number is a level.
    Level,
    /// 不低于, 约: a bound before the number.
    Before,
    /// 以上, 左右: a bound after the number.
    After,
    /// 力争, 确保: not part of the indicator.
    LeadIn,
    /// 完成, 新建: the indicator follows the number.
    Action,
    /// 总投资: the number is a figure.
    Size,
    /// 同步增长: a clause with no number that sets a target.
    Qualitative,
}

/// Target words with their role and bound, longest first.
pub static TARGET_WORDS_BY_LENGTH: LazyLock<Vec<(WordRole, &'static str, Option<Bound>)>> =
    LazyLock::new(|| {
        let mut words: Vec<_> = records(TARGET_WORDS)
            .map(|r| {
                let role = match r[0] {
                    "increase" => WordRole::Increase,
                    "decrease" => WordRole::Decrease,
                    "level" => WordRole::Level,
                    "before" => WordRole::Before,
                    "after" => WordRole::After,
                    "lead_in" => WordRole::LeadIn,
                    "action" => WordRole::Action,
                    "size" => WordRole::Size,
                    "qualitative" => WordRole::Qualitative,
                    other => panic!("data/target_words.tsv: unknown role {other:?}"),
                };
                let bound = r.get(2).map(|b| match *b {
                    "about" => Bound::About,
                    "at_least" => Bound::AtLeast,
                    "at_most" => Bound::AtMost,
                    "exceeds" => Bound::Exceeds,
                    "exact" => Bound::Exact,
                    other => panic!("data/target_words.tsv: unknown bound {other:?}"),
                });
                (role, r[1], bound)
            })
            .collect();
        words.sort_by_key(|(_, w, _)| std::cmp::Reverse(w.len()));
        words
    });

/// Every role, to index the words by.
const WORD_ROLES: [WordRole; 9] = [
    WordRole::Increase,
    WordRole::Decrease,
    WordRole::Level,
    WordRole::Before,
    WordRole::After,
    WordRole::LeadIn,
    WordRole::Action,
    WordRole::Size,
    WordRole::Qualitative,
];

/// The target words of one role, longest first, and by their first character.
#[derive(Default)]
struct RoleWords {
    all: Vec<(&'static str, Option<Bound>)>,
    by_first: FxHashMap<char, Vec<(&'static str, Option<Bound>)>>,
}

/// The target words of each role, in `WORD_ROLES` order.
static TARGET_WORDS_BY_ROLE: LazyLock<Vec<RoleWords>> = LazyLock::new(|| {
    WORD_ROLES
        .iter()
        .map(|role| {
            let mut words = RoleWords::default();
            for &(r, w, b) in TARGET_WORDS_BY_LENGTH.iter() {
                if r != *role {
                    continue;
                }
                words.all.push((w, b));
                if let Some(first) = w.chars().next() {
                    words.by_first.entry(first).or_default().push((w, b));
                }
            }
            words
        })
        .collect()
});

fn words_of(role: WordRole) -> &'static RoleWords {
    let i = WORD_ROLES.iter().position(|r| *r == role).unwrap_or(0);
    &TARGET_WORDS_BY_ROLE[i]
}

/// Target words of every role by their last character, longest first.
type RoleWord = (WordRole, &'static str, Option<Bound>);
static TARGET_WORDS_BY_LAST: LazyLock<FxHashMap<char, Vec<RoleWord>>> = LazyLock::new(|| {
    let mut map: FxHashMap<char, Vec<RoleWord>> = FxHashMap::default();
    for &(role, word, bound) in TARGET_WORDS_BY_LENGTH.iter() {
        if let Some(last) = word.chars().next_back() {
            map.entry(last).or_default().push((role, word, bound));
        }
    }
    map
});

/// The target words, of any role, that end with the last character of `text` (longest
/// first; they may still not end `text`): one look-up for all roles.
fn target_words_ending_like(text: &str) -> &'static [RoleWord] {
    text.chars()
        .next_back()
        .and_then(|c| TARGET_WORDS_BY_LAST.get(&c))
        .map_or(&[], Vec::as_slice)
}

/// The longest word of `role` that `text` ends with, with its bound.
pub fn target_word_ending(text: &str, role: WordRole) -> Option<(&'static str, Option<Bound>)> {
    Endings::of(text).word(role)
}

/// The target words that may end a text, looked up once for several roles.
pub struct Endings<'t> {
    text: &'t str,
    words: &'static [RoleWord],
}

impl<'t> Endings<'t> {
    /// The words that may end `text`: those ending with its last character.
    pub fn of(text: &'t str) -> Self {
        Endings {
            text,
            words: target_words_ending_like(text),
        }
    }

    /// The longest word of `role` that the text ends with, with its bound.
    pub fn word(&self, role: WordRole) -> Option<(&'static str, Option<Bound>)> {
        self.words
            .iter()
            .find(|(r, w, _)| *r == role && self.text.ends_with(w))
            .map(|&(_, w, b)| (w, b))
    }
}

/// The longest word of `role` that `text` starts with, with its bound.
pub fn target_word_starting(text: &str, role: WordRole) -> Option<(&'static str, Option<Bound>)> {
    let first = text.chars().next()?;
    words_of(role)
        .by_first
        .get(&first)?
        .iter()
        .find(|(w, _)| text.starts_with(w))
        .copied()
}

/// Whether `text` contains a word of `role`.
pub fn has_target_word(text: &str, role: WordRole) -> bool {
    words_of(role).all.iter().any(|(w, _)| text.contains(w))
}

/// Target units by their first character, longest first.
pub static TARGET_UNITS_BY_FIRST: LazyLock<FxHashMap<char, Vec<TargetUnit>>> =
    LazyLock::new(|| {
        let mut map: FxHashMap<char, Vec<TargetUnit>> = FxHashMap::default();
        for u in TARGET_UNITS_BY_LENGTH.iter() {
            if let Some(first) = u.unit.chars().next() {
                map.entry(first).or_default().push(*u);
            }
        }
        map
    });
