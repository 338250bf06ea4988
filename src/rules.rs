//! Rules that are data: header synonyms, unit aliases, unit kinds, unit-name endings, target
//! units and target words.
//!
//! Each lives in a file of its own. The files under `data/` are the built-in defaults, compiled
//! in; [`Rules::from_dir`] reads a folder of the same files at run time, each file optional (a
//! file that is there replaces that default, one that is not keeps it), so next year's header
//! wording or unit spelling is an edit to a file, not a rebuild. [`Rules::write_defaults`]
//! writes the defaults out to start from.
//!
//! Every file is UTF-8 text, one record a line, fields separated by tabs; a line starting with
//! `#` is a comment and blank lines are ignored. Each file's own header comment gives its
//! fields.

use foldhash::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::dataset::{Bound, UnitKind};
use crate::text;

/// What a table column holds, as named by its header (`data/headers.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Role {
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

/// What a word around a target's number does (`data/target_words.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WordRole {
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
    /// 产值, 总量: a measure that names no subject of its own; in a 、 list it takes the
    /// subject of the item before it (`农畜产品输出量…、产值…` → 农畜产品产值).
    Measure,
}

/// A unit a target's number can be written in (`data/target_units.tsv`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TargetUnit {
    /// As written: `万吨`.
    pub unit: String,
    /// Without its multiplier: `吨`.
    pub base: String,
    /// `unit` in `base`: 10000.
    pub factor: i64,
    /// A number of things (个, 家) rather than an amount (%, 万吨).
    pub count: bool,
    /// Whether the number may be written in Chinese numerals (三所), not only in digits.
    pub chinese: bool,
    /// Whether a smaller number is better (a concentration; water quality classes).
    pub lower_is_better: bool,
    /// Whether the number is a rank, the first the best (water quality classes: Ⅰ类 is
    /// best), so that 以上 means "this rank or better": a smaller number.
    pub ranked: bool,
}

/// How a kind rule matches a name (`data/unit_kinds.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Match {
    Prefix,
    Suffix,
    Contains,
}

/// One line of `data/unit_kinds.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct KindRule {
    kind: UnitKind,
    how: Match,
    text: String,
}

/// A target word of one role, with its first and last character (compared before the
/// word is).
#[derive(Clone, Debug, PartialEq, Eq)]
struct RoleWord {
    word: String,
    first: char,
    last: char,
    bound: Option<Bound>,
}

/// One line of `data/target_words.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct TargetWord {
    role: WordRole,
    word: String,
    bound: Option<Bound>,
}

/// What [`Rules::write_defaults`] did, file by file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dumped {
    /// Rule files written (the folder lacked them).
    pub written: Vec<PathBuf>,
    /// Rule files already there, the same as the built-in ones.
    pub unchanged: Vec<PathBuf>,
    /// Rule files there that differ from the built-in ones, kept as they are, and the
    /// `NAME.new` written beside each with the built-in version.
    pub beside: Vec<(PathBuf, PathBuf)>,
}

/// The rules a notice is read by: the built-in ones ([`Rules::builtin`]) or a folder of rule
/// files ([`Rules::from_dir`]). Pass them to [`crate::extract_with`].
#[derive(Clone, Debug)]
pub struct Rules {
    /// Header name (whitespace removed) → role.
    headers: HashMap<String, Role>,
    /// Variant spelling → canonical name.
    aliases: HashMap<String, String>,
    /// Kind rules, in file order (the first that matches wins).
    kinds: Vec<KindRule>,
    /// Unit-name endings by their last character (compared before the ending is).
    suffixes: HashMap<char, Vec<String>>,
    /// Words of a deadline cell.
    deadline_words: Vec<String>,
    /// How an issuer's name ends after its jurisdiction (`人民政府办公室`), longest first.
    issuer_offices: Vec<String>,
    /// Deadline words naming a time of the year (`三季度`) and the month it ends with.
    deadline_months: Vec<(String, u32)>,
    /// Group name endings and the endings of their members' names, in file order.
    group_kinds: Vec<GroupKind>,
    /// The length in bytes of the longest group ending: a fragment as long or longer is the
    /// end of none.
    group_ending_max: usize,
    /// The standard names of government bodies and their short forms (level left out), by
    /// their endings: each proper ending of a name → the beginnings it completes
    /// (`建设局` → `住房和城乡`).
    body_name_endings: HashMap<String, Vec<String>>,
    /// A standard name → its first short form (`住房和城乡建设局` → `住建局`).
    short_forms: HashMap<String, String>,
    /// The characters unit names begin with (县, 市, 各…), sorted.
    unit_levels: Vec<char>,
    /// Target units by their first character, longest first (万人次 before 万人), else in
    /// file order.
    target_units: HashMap<char, Vec<TargetUnit>>,
    /// Target words, longest first, else in file order.
    target_words: Vec<TargetWord>,
    /// The same words by role (indexed by `WordRole as usize`), longest first.
    words_by_role: Vec<Vec<RoleWord>>,
    /// The longest header name, in bytes: a longer cell names no column.
    longest_header: usize,
    /// The first characters of the header names, sorted: a cell starting otherwise names no
    /// column.
    header_starts: Vec<char>,
    /// Words naming several things at once and their parts (`城乡` → 城镇, 农村), longest
    /// first.
    contractions: Vec<(String, Vec<String>)>,
    /// Words giving the units before them a role (`牵头`, `配合`), longest first.
    role_words: Vec<(String, Role)>,
    /// The last characters of [`Rules::role_words`], sorted, each once: a text ending
    /// otherwise ends with no role word.
    role_word_lasts: Vec<char>,
    /// Words naming the first place of a list (`第一位`, `首位`): `列第一位的为牵头单位`.
    first_words: Vec<String>,
    /// The first characters of [`Rules::first_words`], each once.
    first_starts: Vec<char>,
    /// Each lead word with `单位` after it (`牵头单位`): what follows a first word in a line
    /// that says the first unit leads.
    lead_units: Vec<String>,
    /// Words after 牵头 in a heading whose items are the lead's tasks (`县发改局牵头工作`).
    heading_task_words: Vec<String>,
    /// The words of the reporting schedule (`data/report_words.tsv`).
    report_words: ReportWords,
    /// The qualitative words, as one search (leftmost, longest first).
    qualitative: AhoCorasick,
    /// The structure of a list notice's labels (`data/label_words.tsv`).
    label_words: LabelWords,
    /// The labels of a web page's metadata block and portal lines (`data/page_labels.tsv`),
    /// longest first.
    page_labels: Vec<(String, PageField)>,
    /// The first characters of [`Rules::page_labels`], sorted, each once: a text starting
    /// otherwise starts with no label.
    page_label_starts: Vec<char>,
}

/// What a label of a web page's metadata block gives (`data/page_labels.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PageField {
    /// 名称: the notice's title.
    Title,
    /// 文号: its document number.
    DocNumber,
    /// 发布机构: the office that issued it.
    Issuer,
    /// 成文日期: its date of issue.
    WrittenOn,
    /// 发布日期: the day the page was published.
    PublishedOn,
    /// 索引号, 字体: the page's own, no field of the notice.
    Other,
}

/// The words a label is made of (`data/label_words.tsv`), each list longest first.
#[derive(Clone, Debug, Default)]
struct LabelWords {
    /// What the label's values are: units (`Role::Responsible` stands for units, the role
    /// word decides), leaders, deadline.
    kinds: Vec<(String, Role)>,
    /// Words between the role word and the kind.
    links: Vec<String>,
    /// Role words of labels beyond `role_words.tsv`'s.
    roles: Vec<(String, Role)>,
}

/// How a label was read by its structure ([`Rules::label_role`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LabelReading {
    /// Its words are all known (`牵头责任领导`).
    Known,
    /// Its role word is none known (`督办单位`): the kind's best role.
    Guessed,
}

/// One line of `data/unit_groups.tsv`: a group's name ending, the endings of its members'
/// names, and the endings of names that are not its members though they end like them.
#[derive(Clone, Debug, PartialEq, Eq)]
struct GroupKind {
    ending: String,
    members: Vec<String>,
    not_members: Vec<String>,
}

/// Who is a member of one group: its line of `data/unit_groups.tsv` and the level its
/// members' names begin with ([`Rules::group_members`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct GroupMembers<'r> {
    kind: &'r GroupKind,
    level: Option<char>,
}

impl GroupMembers<'_> {
    /// Whether `unit` is a member: its name ends with a member ending but no not-member one,
    /// and begins with the group's level, if the group names one.
    pub(crate) fn has(&self, unit: &str) -> bool {
        self.kind.members.iter().any(|m| unit.ends_with(m.as_str()))
            && !self
                .kind
                .not_members
                .iter()
                .any(|m| unit.ends_with(m.as_str()))
            && self.level.is_none_or(|l| unit.starts_with(l))
    }
}

/// A rule file that cannot be read: which file, which line, and why.
#[derive(Debug)]
pub struct RulesError {
    /// The file.
    pub file: PathBuf,
    /// The 1-based line, when the problem is on one.
    pub line: Option<usize>,
    /// What is wrong, and what is expected instead.
    pub message: String,
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file.display(), self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

impl std::error::Error for RulesError {}

/// One rule file: its name in a rules folder and its built-in text.
struct RuleFile {
    name: &'static str,
    builtin: &'static str,
}

const HEADERS: RuleFile = RuleFile {
    name: "headers.tsv",
    builtin: include_str!("../data/headers.tsv"),
};
const ALIASES: RuleFile = RuleFile {
    name: "unit_aliases.tsv",
    builtin: include_str!("../data/unit_aliases.tsv"),
};
const KINDS: RuleFile = RuleFile {
    name: "unit_kinds.tsv",
    builtin: include_str!("../data/unit_kinds.tsv"),
};
const SUFFIXES: RuleFile = RuleFile {
    name: "unit_suffixes.txt",
    builtin: include_str!("../data/unit_suffixes.txt"),
};
const TARGET_UNITS: RuleFile = RuleFile {
    name: "target_units.tsv",
    builtin: include_str!("../data/target_units.tsv"),
};
const TARGET_WORDS: RuleFile = RuleFile {
    name: "target_words.tsv",
    builtin: include_str!("../data/target_words.tsv"),
};
const UNIT_NAMES: RuleFile = RuleFile {
    name: "unit_names.tsv",
    builtin: include_str!("../data/unit_names.tsv"),
};
const UNIT_LEVELS: RuleFile = RuleFile {
    name: "unit_levels.txt",
    builtin: include_str!("../data/unit_levels.txt"),
};
const UNIT_GROUPS: RuleFile = RuleFile {
    name: "unit_groups.tsv",
    builtin: include_str!("../data/unit_groups.tsv"),
};
const CONTRACTIONS: RuleFile = RuleFile {
    name: "contractions.tsv",
    builtin: include_str!("../data/contractions.tsv"),
};
const ROLE_WORDS: RuleFile = RuleFile {
    name: "role_words.tsv",
    builtin: include_str!("../data/role_words.tsv"),
};
const REPORT_WORDS: RuleFile = RuleFile {
    name: "report_words.tsv",
    builtin: include_str!("../data/report_words.tsv"),
};
const DEADLINE_WORDS: RuleFile = RuleFile {
    name: "deadline_words.txt",
    builtin: include_str!("../data/deadline_words.txt"),
};
const ISSUER_OFFICES: RuleFile = RuleFile {
    name: "issuer_offices.txt",
    builtin: include_str!("../data/issuer_offices.txt"),
};
const DEADLINE_MONTHS: RuleFile = RuleFile {
    name: "deadline_months.tsv",
    builtin: include_str!("../data/deadline_months.tsv"),
};
const LABEL_WORDS: RuleFile = RuleFile {
    name: "label_words.tsv",
    builtin: include_str!("../data/label_words.tsv"),
};
const PAGE_LABELS: RuleFile = RuleFile {
    name: "page_labels.tsv",
    builtin: include_str!("../data/page_labels.tsv"),
};

/// Every rule file.
const FILES: [RuleFile; 17] = [
    HEADERS,
    ROLE_WORDS,
    ALIASES,
    KINDS,
    UNIT_GROUPS,
    SUFFIXES,
    UNIT_NAMES,
    UNIT_LEVELS,
    TARGET_UNITS,
    TARGET_WORDS,
    CONTRACTIONS,
    DEADLINE_WORDS,
    REPORT_WORDS,
    LABEL_WORDS,
    ISSUER_OFFICES,
    DEADLINE_MONTHS,
    PAGE_LABELS,
];

/// A problem on one line of a rule file: its 1-based line and what is wrong.
type LineError = (usize, String);

/// The records of a rule file: (1-based line, fields), comment and blank lines left out.
fn records(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(n, l)| (n, l.split('\t').map(str::trim).collect()))
}

/// The fields of a record, checked to be `min..=max` in number and none empty.
fn fields<'r>(
    (line, fields): &'r (usize, Vec<&'r str>),
    min: usize,
    max: usize,
    format: &str,
) -> Result<&'r [&'r str], LineError> {
    if fields.len() < min || fields.len() > max || fields.iter().any(|f| f.is_empty()) {
        let got = fields.len();
        return Err((
            *line,
            format!("expected {format} (fields separated by tabs), found {got} field(s)"),
        ));
    }
    Ok(fields)
}

/// `value` as one of `names`' values, or an error listing them.
fn one_of<T: Copy>(
    line: usize,
    what: &str,
    value: &str,
    names: &[(&str, T)],
) -> Result<T, LineError> {
    names
        .iter()
        .find(|(n, _)| *n == value)
        .map(|&(_, v)| v)
        .ok_or_else(|| {
            let all: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
            (
                line,
                format!(
                    "unknown {what} {value:?}; expected one of: {}",
                    all.join(", ")
                ),
            )
        })
}

const ROLES: [(&str, Role); 6] = [
    ("seq", Role::Seq),
    ("task", Role::Task),
    ("lead", Role::Lead),
    ("responsible", Role::Responsible),
    ("leaders", Role::Leaders),
    ("deadline", Role::Deadline),
];

const KIND_NAMES: [(&str, UnitKind); 6] = [
    ("group", UnitKind::Group),
    ("township", UnitKind::Township),
    ("committee", UnitKind::Committee),
    ("department", UnitKind::Department),
    ("organisation", UnitKind::Organisation),
    ("other", UnitKind::Other),
];

const MATCHES: [(&str, Match); 3] = [
    ("prefix", Match::Prefix),
    ("suffix", Match::Suffix),
    ("contains", Match::Contains),
];

const SORTS: [(&str, bool); 2] = [("count", true), ("measure", false)];

const NUMERALS: [(&str, bool); 2] = [("any", true), ("arabic", false)];

/// BETTER: (a smaller number is better, the number is a rank with the first best).
const BETTER: [(&str, (bool, bool)); 3] = [
    ("higher", (false, false)),
    ("lower", (true, false)),
    ("ranked", (true, true)),
];

const WORD_ROLES: [(&str, WordRole); 10] = [
    ("increase", WordRole::Increase),
    ("decrease", WordRole::Decrease),
    ("level", WordRole::Level),
    ("before", WordRole::Before),
    ("after", WordRole::After),
    ("lead_in", WordRole::LeadIn),
    ("action", WordRole::Action),
    ("size", WordRole::Size),
    ("qualitative", WordRole::Qualitative),
    ("measure", WordRole::Measure),
];

const BOUNDS: [(&str, Bound); 5] = [
    ("about", Bound::About),
    ("at_least", Bound::AtLeast),
    ("at_most", Bound::AtMost),
    ("exceeds", Bound::Exceeds),
    ("exact", Bound::Exact),
];

fn parse_headers(text: &str) -> Result<HashMap<String, Role>, LineError> {
    let mut out = HashMap::default();
    for r in records(text) {
        let f = fields(&r, 2, 2, "ROLE<TAB>NAME")?;
        out.insert(text::compact(f[1]), one_of(r.0, "role", f[0], &ROLES)?);
    }
    Ok(out)
}

/// The words of the reporting schedule, by role (`data/report_words.tsv`).
#[derive(Clone, Debug, Default)]
pub(crate) struct ReportWords {
    /// A clause with a period and one of these asks for a report (`汇报`, `报送`).
    pub report: Vec<String>,
    /// The verb that ends the recipient after `向` (`向牵头单位汇报`).
    pub to: Vec<String>,
    /// A verb the recipient follows (`报送县政府办公室`), longest first.
    pub send: Vec<String>,
}

fn parse_report_words(text: &str) -> Result<ReportWords, LineError> {
    #[derive(Clone, Copy)]
    enum Kind {
        Report,
        To,
        Send,
    }
    const NAMES: [(&str, Kind); 3] = [
        ("report", Kind::Report),
        ("to", Kind::To),
        ("send", Kind::Send),
    ];
    let mut out = ReportWords::default();
    for r in records(text) {
        let f = fields(&r, 2, 2, "ROLE<TAB>WORD")?;
        let word = f[1].to_owned();
        match one_of(r.0, "role", f[0], &NAMES)? {
            Kind::Report => out.report.push(word),
            Kind::To => out.to.push(word),
            Kind::Send => out.send.push(word),
        }
    }
    out.send.sort_by_key(|w| std::cmp::Reverse(w.len()));
    Ok(out)
}

/// The words of `role_words.tsv`: the role words, longest first; the words that name the first
/// place of a list (role `first`); the words after 牵头 in a heading whose items are the lead's
/// tasks (role `tasks`).
struct RoleWords {
    words: Vec<(String, Role)>,
    first: Vec<String>,
    tasks: Vec<String>,
}

fn parse_role_words(text: &str) -> Result<RoleWords, LineError> {
    #[derive(Clone, Copy)]
    enum Kind {
        Role(Role),
        First,
        Tasks,
    }
    const NAMES: [(&str, Kind); 4] = [
        ("lead", Kind::Role(Role::Lead)),
        ("responsible", Kind::Role(Role::Responsible)),
        ("first", Kind::First),
        ("tasks", Kind::Tasks),
    ];
    let mut out = RoleWords {
        words: Vec::new(),
        first: Vec::new(),
        tasks: Vec::new(),
    };
    for r in records(text) {
        let f = fields(&r, 2, 2, "ROLE<TAB>WORD")?;
        let word = f[1].to_owned();
        match one_of(r.0, "role", f[0], &NAMES)? {
            Kind::Role(role) => out.words.push((word, role)),
            Kind::First => out.first.push(word),
            Kind::Tasks => out.tasks.push(word),
        }
    }
    out.words
        .sort_by_key(|(w, _): &(String, Role)| std::cmp::Reverse(w.len()));
    Ok(out)
}

fn parse_page_labels(text: &str) -> Result<Vec<(String, PageField)>, LineError> {
    const FIELDS: [(&str, PageField); 6] = [
        ("title", PageField::Title),
        ("doc_number", PageField::DocNumber),
        ("issuer", PageField::Issuer),
        ("written_on", PageField::WrittenOn),
        ("published_on", PageField::PublishedOn),
        ("other", PageField::Other),
    ];
    let mut labels = Vec::new();
    for r in records(text) {
        let f = fields(&r, 2, 2, "FIELD<TAB>LABEL")?;
        let label = text::compact(f[1]);
        if label.is_empty() {
            return Err((r.0, "a label is empty".to_owned()));
        }
        labels.push((label, one_of(r.0, "field", f[0], &FIELDS)?));
    }
    labels.sort_by_key(|(l, _): &(String, PageField)| std::cmp::Reverse(l.len()));
    Ok(labels)
}

fn parse_label_words(text: &str) -> Result<LabelWords, LineError> {
    const ROLES: [(&str, Role); 5] = [
        ("units", Role::Responsible),
        ("lead", Role::Lead),
        ("responsible", Role::Responsible),
        ("leaders", Role::Leaders),
        ("deadline", Role::Deadline),
    ];
    let mut words = LabelWords::default();
    for r in records(text) {
        let part = r.1.first().copied().unwrap_or_default();
        match part {
            "link" => words
                .links
                .push(fields(&r, 2, 2, "link<TAB>WORD")?[1].to_owned()),
            "kind" | "role" => {
                let f = fields(&r, 3, 3, "PART<TAB>ROLE<TAB>WORD")?;
                let role = one_of(r.0, "role", f[1], &ROLES)?;
                let list = if part == "kind" {
                    &mut words.kinds
                } else {
                    &mut words.roles
                };
                list.push((f[2].to_owned(), role));
            }
            other => {
                return Err((
                    r.0,
                    format!("unknown part {other:?}: expected kind, link or role"),
                ));
            }
        }
    }
    let longest = |w: &String| std::cmp::Reverse(w.len());
    words.kinds.sort_by_key(|(w, _)| longest(w));
    words.roles.sort_by_key(|(w, _)| longest(w));
    words.links.sort_by_key(longest);
    Ok(words)
}

fn parse_aliases(text: &str) -> Result<HashMap<String, String>, LineError> {
    let mut out: HashMap<String, String> = HashMap::default();
    for r in records(text) {
        let f = fields(&r, 2, 2, "VARIANT<TAB>CANONICAL")?;
        out.insert(f[0].to_owned(), f[1].to_owned());
    }
    // A canonical name that is itself a variant would make the result depend on the order
    // the table is applied in.
    for (line, f) in records(text) {
        let Some((variant, canonical)) = f.first().and_then(|v| out.get_key_value(*v)) else {
            continue;
        };
        if out.contains_key(canonical) {
            return Err((
                line,
                format!(
                    "{variant:?} maps to {canonical:?}, which is itself a variant; map it to \
                     the final name"
                ),
            ));
        }
    }
    Ok(out)
}

fn parse_kinds(text: &str) -> Result<Vec<KindRule>, LineError> {
    records(text)
        .map(|r| {
            let f = fields(&r, 3, 3, "KIND<TAB>MATCH<TAB>TEXT")?;
            Ok(KindRule {
                kind: one_of(r.0, "kind", f[0], &KIND_NAMES)?,
                how: one_of(r.0, "match", f[1], &MATCHES)?,
                text: f[2].to_owned(),
            })
        })
        .collect()
}

/// The endings, by their last character.
fn parse_suffixes(text: &str) -> Result<HashMap<char, Vec<String>>, LineError> {
    let mut by_last: HashMap<char, Vec<String>> = HashMap::default();
    for r in records(text) {
        let suffix = fields(&r, 1, 1, "one ending a line")?[0];
        if let Some(last) = suffix.chars().next_back() {
            by_last.entry(last).or_default().push(suffix.to_owned());
        }
    }
    Ok(by_last)
}

/// Every name and short form, split at each character into a beginning and an ending:
/// ending → beginnings.
fn parse_body_name_endings(text: &str) -> Result<HashMap<String, Vec<String>>, LineError> {
    let mut endings: HashMap<String, Vec<String>> = HashMap::default();
    for r in records(text) {
        for name in fields(&r, 1, 16, "NAME[<TAB>SHORT…]")? {
            for (i, _) in name.char_indices().skip(1) {
                let (begin, end) = name.split_at(i);
                let begins = endings.entry(end.to_owned()).or_default();
                if !begins.iter().any(|b| b == begin) {
                    begins.push(begin.to_owned());
                }
            }
        }
    }
    Ok(endings)
}

fn parse_short_forms(text: &str) -> Result<HashMap<String, String>, LineError> {
    let mut forms = HashMap::default();
    for r in records(text) {
        let f = fields(&r, 1, 16, "NAME[<TAB>SHORT…]")?;
        if let [name, short, ..] = f {
            forms.insert((*name).to_owned(), (*short).to_owned());
        }
    }
    Ok(forms)
}

fn parse_group_kinds(text: &str) -> Result<Vec<GroupKind>, LineError> {
    let list = |f: &str| -> Vec<String> {
        f.split('、')
            .filter(|e| !e.is_empty())
            .map(str::to_owned)
            .collect()
    };
    records(text)
        .map(|r| {
            let f = fields(
                &r,
                2,
                3,
                "GROUP_ENDING<TAB>MEMBER_ENDINGS[<TAB>NOT_MEMBER_ENDINGS]",
            )?;
            Ok(GroupKind {
                ending: f[0].to_owned(),
                members: list(f[1]),
                not_members: f.get(2).map_or_else(Vec::new, |n| list(n)),
            })
        })
        .collect()
}

fn parse_contractions(text: &str) -> Result<Vec<(String, Vec<String>)>, LineError> {
    let mut out = records(text)
        .map(|r| {
            let f = fields(&r, 2, 2, "WORD<TAB>PARTS")?;
            let parts: Vec<String> = f[1]
                .split('、')
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect();
            if parts.len() < 2 {
                return Err((r.0, format!("{:?} names fewer than two parts", f[0])));
            }
            Ok((f[0].to_owned(), parts))
        })
        .collect::<Result<Vec<_>, LineError>>()?;
    out.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    Ok(out)
}

fn parse_deadline_months(text: &str) -> Result<Vec<(String, u32)>, LineError> {
    records(text)
        .map(|r| {
            let f = fields(&r, 2, 2, "WORD<TAB>MONTH")?;
            let month = f[1]
                .parse::<u32>()
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| {
                    (
                        r.0,
                        format!("month {:?} is not a number from 1 to 12", f[1]),
                    )
                })?;
            Ok((f[0].to_owned(), month))
        })
        .collect()
}

fn parse_words(text: &str) -> Result<Vec<String>, LineError> {
    records(text)
        .map(|r| Ok(fields(&r, 1, 1, "one word a line")?[0].to_owned()))
        .collect()
}

fn parse_target_units(text: &str) -> Result<HashMap<char, Vec<TargetUnit>>, LineError> {
    let mut units = records(text)
        .map(|r| {
            let f = fields(
                &r,
                5,
                6,
                "UNIT<TAB>BASE_UNIT<TAB>FACTOR<TAB>SORT<TAB>NUMERALS[<TAB>BETTER]",
            )?;
            let factor = f[2]
                .parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| (r.0, format!("factor {:?} is not a positive integer", f[2])))?;
            let (lower_is_better, ranked) = f
                .get(5)
                .map(|b| one_of(r.0, "better", b, &BETTER))
                .transpose()?
                .unwrap_or((false, false));
            Ok(TargetUnit {
                unit: f[0].to_owned(),
                base: f[1].to_owned(),
                factor,
                count: one_of(r.0, "sort", f[3], &SORTS)?,
                chinese: one_of(r.0, "numerals", f[4], &NUMERALS)?,
                lower_is_better,
                ranked,
            })
        })
        .collect::<Result<Vec<_>, LineError>>()?;
    units.sort_by_key(|u| std::cmp::Reverse(u.unit.len()));
    let mut by_first: HashMap<char, Vec<TargetUnit>> = HashMap::default();
    for u in units {
        if let Some(first) = u.unit.chars().next() {
            by_first.entry(first).or_default().push(u);
        }
    }
    Ok(by_first)
}

fn parse_target_words(text: &str) -> Result<Vec<TargetWord>, LineError> {
    let mut words = records(text)
        .map(|r| {
            let f = fields(&r, 2, 3, "ROLE<TAB>WORD[<TAB>BOUND]")?;
            Ok(TargetWord {
                role: one_of(r.0, "role", f[0], &WORD_ROLES)?,
                word: f[1].to_owned(),
                bound: f
                    .get(2)
                    .map(|b| one_of(r.0, "bound", b, &BOUNDS))
                    .transpose()?,
            })
        })
        .collect::<Result<Vec<_>, LineError>>()?;
    words.sort_by_key(|w| std::cmp::Reverse(w.word.len()));
    Ok(words)
}

/// The texts of the rule files, in [`FILES`] order, each with the path it came from.
type Texts<'a> = [(&'a str, PathBuf); 17];

impl Rules {
    /// The built-in rules: the files in the crate's `data/` folder.
    pub fn builtin() -> &'static Rules {
        static BUILTIN: LazyLock<Rules> = LazyLock::new(|| {
            let texts = FILES.map(|f| (f.builtin, PathBuf::from("data").join(f.name)));
            Rules::parse(&texts).unwrap_or_else(|e| panic!("built-in rules: {e}"))
        });
        &BUILTIN
    }

    /// Read the rule files in `dir`. Each is optional: a file that is missing keeps the
    /// built-in rules of that file. Fails, naming the file and line, on a file that cannot
    /// be read or a line that does not parse; a folder that holds none of the files is an
    /// error too (it is most likely the wrong folder).
    pub fn from_dir(dir: &Path) -> Result<Rules, RulesError> {
        let error = |file: PathBuf, message: String| RulesError {
            file,
            line: None,
            message,
        };
        if !dir.is_dir() {
            return Err(error(dir.to_owned(), "is not a folder".to_owned()));
        }
        let mut read = Vec::with_capacity(FILES.len());
        for f in &FILES {
            let path = dir.join(f.name);
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => read.push((Some(text), path)),
                    Err(e) => {
                        return Err(RulesError {
                            line: Some(
                                e.as_bytes()[..e.utf8_error().valid_up_to()]
                                    .iter()
                                    .filter(|&&b| b == b'\n')
                                    .count()
                                    + 1,
                            ),
                            file: path,
                            message: "is not UTF-8 text".to_owned(),
                        });
                    }
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => read.push((None, path)),
                Err(e) => return Err(error(path, format!("cannot be read: {e}"))),
            }
        }
        if read.iter().all(|(text, _)| text.is_none()) {
            let names: Vec<&str> = FILES.iter().map(|f| f.name).collect();
            return Err(error(
                dir.to_owned(),
                format!(
                    "holds none of the rule files ({}); `fengong rules --dump DIR` writes them",
                    names.join(", ")
                ),
            ));
        }
        let mut texts = FILES.map(|f| (f.builtin, PathBuf::from("data").join(f.name)));
        for (slot, (text, path)) in texts.iter_mut().zip(&read) {
            if let Some(text) = text {
                *slot = (text.as_str(), path.clone());
            }
        }
        Rules::parse(&texts)
    }

    /// Write the built-in rule files into `dir` (created if need be), to edit and then read
    /// with [`Rules::from_dir`]. A folder that holds anything is refused
    /// ([`std::io::ErrorKind::AlreadyExists`], its entries named), unless `force`: then the
    /// rule files it lacks are written, and beside each file that differs from its built-in
    /// version (a user's edits, or an earlier release's file) the built-in one is written
    /// as `NAME.new`. No file a user may have edited is replaced or deleted. Every file is
    /// written whole (see [`crate::output`]).
    pub fn write_defaults(dir: &Path, force: bool) -> std::io::Result<Dumped> {
        use std::io::{Error, ErrorKind};
        std::fs::create_dir_all(dir)?;
        let mut entries: Vec<String> = std::fs::read_dir(dir)?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<std::io::Result<_>>()?;
        if !entries.is_empty() && !force {
            entries.sort();
            let shown = entries.len().min(5);
            let more = if entries.len() > shown { "…" } else { "" };
            return Err(Error::new(
                ErrorKind::AlreadyExists,
                format!(
                    "{} is not empty (it holds {}{more}); nothing was written. Give an empty \
                     folder, or --force to write only the files it lacks and put the \
                     built-in version of each file that differs beside it as NAME.new",
                    dir.display(),
                    entries[..shown].join(", ")
                ),
            ));
        }
        let mut dumped = Dumped::default();
        for f in FILES.iter() {
            let path = dir.join(f.name);
            match std::fs::read(&path) {
                Err(e) if e.kind() == ErrorKind::NotFound => {
                    crate::output::write(&path, f.builtin.as_bytes())?;
                    dumped.written.push(path);
                }
                Err(e) => return Err(Error::new(e.kind(), format!("{}: {e}", path.display()))),
                Ok(text) if text == f.builtin.as_bytes() => dumped.unchanged.push(path),
                Ok(_) => {
                    let new = dir.join(format!("{}.new", f.name));
                    crate::output::write(&new, f.builtin.as_bytes())?;
                    dumped.beside.push((path, new));
                }
            }
        }
        Ok(dumped)
    }

    /// The names of the rule files a rules folder may hold.
    pub fn file_names() -> impl Iterator<Item = &'static str> {
        FILES.iter().map(|f| f.name)
    }

    fn parse(texts: &Texts<'_>) -> Result<Rules, RulesError> {
        let [
            headers,
            role_words,
            aliases,
            kinds,
            groups,
            suffixes,
            names,
            levels,
            units,
            words,
            contractions,
            deadlines,
            reports,
            labels,
            offices,
            months,
            page_labels,
        ] = texts;
        let at = |path: &PathBuf| {
            let path = path.clone();
            move |(line, message): LineError| RulesError {
                file: path,
                line: Some(line),
                message,
            }
        };
        let target_words = parse_target_words(words.0).map_err(at(&words.1))?;
        let role_words_read = parse_role_words(role_words.0).map_err(at(&role_words.1))?;
        let page_labels_read = parse_page_labels(page_labels.0).map_err(at(&page_labels.1))?;
        let report_words = parse_report_words(reports.0).map_err(at(&reports.1))?;
        let qualitative = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(
                target_words
                    .iter()
                    .filter(|w| w.role == WordRole::Qualitative)
                    .map(|w| &w.word),
            )
            .map_err(|e| RulesError {
                file: words.1.clone(),
                line: None,
                message: format!("the qualitative words cannot be searched for: {e}"),
            })?;
        let words_by_role = WORD_ROLES
            .iter()
            .map(|&(_, role)| {
                target_words
                    .iter()
                    .filter(|w| w.role == role)
                    .map(|w| RoleWord {
                        word: w.word.clone(),
                        first: w.word.chars().next().unwrap_or_default(),
                        last: w.word.chars().next_back().unwrap_or_default(),
                        bound: w.bound,
                    })
                    .collect()
            })
            .collect();
        let headers = parse_headers(headers.0).map_err(at(&headers.1))?;
        let group_kinds = parse_group_kinds(groups.0).map_err(at(&groups.1))?;
        let group_ending_max = group_kinds
            .iter()
            .map(|k| k.ending.len())
            .max()
            .unwrap_or(0);
        Ok(Rules {
            words_by_role,
            longest_header: headers.keys().map(String::len).max().unwrap_or(0),
            header_starts: {
                let mut starts: Vec<char> =
                    headers.keys().filter_map(|h| h.chars().next()).collect();
                starts.sort_unstable();
                starts.dedup();
                starts
            },
            headers,
            aliases: parse_aliases(aliases.0).map_err(at(&aliases.1))?,
            kinds: parse_kinds(kinds.0).map_err(at(&kinds.1))?,
            suffixes: parse_suffixes(suffixes.0).map_err(at(&suffixes.1))?,
            deadline_words: parse_words(deadlines.0).map_err(at(&deadlines.1))?,
            body_name_endings: parse_body_name_endings(names.0).map_err(at(&names.1))?,
            group_kinds,
            group_ending_max,
            short_forms: parse_short_forms(names.0).map_err(at(&names.1))?,
            unit_levels: {
                let mut levels: Vec<char> = parse_words(levels.0)
                    .map_err(at(&levels.1))?
                    .iter()
                    .filter_map(|w| w.chars().next())
                    .collect();
                levels.sort_unstable();
                levels.dedup();
                levels
            },
            target_units: parse_target_units(units.0).map_err(at(&units.1))?,
            contractions: parse_contractions(contractions.0).map_err(at(&contractions.1))?,
            lead_units: role_words_read
                .words
                .iter()
                .filter(|(_, role)| *role == Role::Lead)
                .map(|(w, _)| format!("{w}单位"))
                .collect(),
            role_word_lasts: {
                let mut lasts: Vec<char> = (role_words_read.words.iter())
                    .filter_map(|(w, _)| w.chars().next_back())
                    .collect();
                lasts.sort_unstable();
                lasts.dedup();
                lasts
            },
            role_words: role_words_read.words,
            first_starts: {
                let mut starts: Vec<char> = (role_words_read.first.iter())
                    .filter_map(|w| w.chars().next())
                    .collect();
                starts.sort_unstable();
                starts.dedup();
                starts
            },
            first_words: role_words_read.first,
            heading_task_words: role_words_read.tasks,
            report_words,
            label_words: parse_label_words(labels.0).map_err(at(&labels.1))?,
            issuer_offices: {
                let mut offices = parse_words(offices.0).map_err(at(&offices.1))?;
                offices.sort_by_key(|w| std::cmp::Reverse(w.len()));
                offices
            },
            deadline_months: parse_deadline_months(months.0).map_err(at(&months.1))?,
            page_label_starts: {
                let mut starts: Vec<char> = (page_labels_read.iter())
                    .filter_map(|(label, _)| label.chars().next())
                    .collect();
                starts.sort_unstable();
                starts.dedup();
                starts
            },
            page_labels: page_labels_read,
            target_words,
            qualitative,
        })
    }

    /// The role a header cell names, matched with its whitespace removed (`序 号` = `序号`); a
    /// note in brackets after the name is no part of it (`责任单位（排在第一位的为牵头单位）`).
    pub(crate) fn header_role(&self, cell: &str) -> Option<Role> {
        self.header_name_role(cell).or_else(|| {
            // A note after the name: `责任单位（排在第一位的为牵头单位）`, `完成时限(年内)`.
            let named = cell.trim_end();
            let inner = named.strip_suffix(['）', ')'])?;
            let open = inner.rfind(['（', '('])?;
            self.header_name_role(&inner[..open])
        })
    }

    /// The roles of a header row written as one line (`序号 重点任务 责任单位 完成时限`, or its
    /// cells run together: `序号重点任务责任单位完成时限`): the line read as header names one after
    /// another, whitespace removed; `None` unless the whole line is so read.
    pub(crate) fn header_row_roles(&self, line: &str) -> Option<Vec<Role>> {
        // A row of at most a dozen names; a longer line is text.
        const MAX_NAMES: usize = 12;
        // Spaces between the names at most double the line (as in [`Rules::header_name_role`]).
        let first = line.trim_start().chars().next()?;
        if line.len() > 2 * MAX_NAMES * self.longest_header
            || self.header_starts.binary_search(&first).is_err()
        {
            return None;
        }
        let compact = text::compact_cow(line);
        if compact.is_empty() || compact.len() > MAX_NAMES * self.longest_header {
            return None;
        }
        // From each character boundary, the first way to read the rest as names (found from
        // the end, so each place is settled once): the name there and where the rest starts.
        let bounds: Vec<usize> = compact
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(compact.len()))
            .collect();
        let mut next: Vec<Option<(usize, Role)>> = vec![None; compact.len() + 1];
        let mut readable = vec![false; compact.len() + 1];
        readable[compact.len()] = true;
        for &at in bounds.iter().rev().skip(1) {
            let rest = &compact[at..];
            let found = bounds
                .iter()
                .skip_while(|&&end| end <= at)
                .take_while(|&&end| end - at <= self.longest_header)
                .find_map(|&end| {
                    let role = self.headers.get(&rest[..end - at]).copied()?;
                    readable[end].then_some((end, role))
                });
            if let Some(found) = found {
                next[at] = Some(found);
                readable[at] = true;
            }
        }
        let mut roles = Vec::new();
        let mut at = 0;
        while at < compact.len() {
            let (end, role) = next[at]?;
            roles.push(role);
            at = end;
        }
        Some(roles)
    }

    /// [`Rules::header_role`] of a header cell as a whole.
    fn header_name_role(&self, cell: &str) -> Option<Role> {
        // Spaces inside a header (`序 号`) at most double it.
        let first = cell.trim_start().chars().next()?;
        if cell.len() > 2 * self.longest_header || self.header_starts.binary_search(&first).is_err()
        {
            None
        } else {
            self.headers.get(text::compact_cow(cell).as_ref()).copied()
        }
    }

    /// The canonical spelling of a unit name, if `name` is a known variant.
    pub(crate) fn unit_alias(&self, name: &str) -> Option<&str> {
        self.aliases.get(name).map(String::as_str)
    }

    /// Whether `name` ends like a unit name (`局`, `中心`, `政府`…: `data/unit_suffixes.txt`).
    pub(crate) fn has_unit_suffix(&self, name: &str) -> bool {
        name.chars()
            .next_back()
            .and_then(|last| self.suffixes.get(&last))
            .is_some_and(|endings| endings.iter().any(|s| name.ends_with(s.as_str())))
    }

    /// Whether `cell` holds a deadline word (`data/deadline_words.txt`), or a month or day
    /// (`12月`, `30日`).
    pub(crate) fn has_deadline_word(&self, cell: &str) -> bool {
        self.deadline_words
            .iter()
            .any(|w| cell.contains(w.as_str()))
            || cell.match_indices(['月', '日']).any(|(i, _)| {
                cell[..i]
                    .ends_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
            })
    }

    /// Whether `before` and `after`, read as one, end with a standard body name
    /// (`data/unit_names.tsv`) that starts inside `before`: `县住房和城乡` + `建设局`.
    pub(crate) fn body_name_across(&self, before: &str, after: &str) -> bool {
        self.body_name_endings
            .get(after)
            .is_some_and(|begins| begins.iter().any(|b| before.ends_with(b.as_str())))
    }

    /// Whether `name` is a body's standard full name after its level (it has a short form:
    /// [`Rules::level_and_short_form`]).
    pub(crate) fn has_short_form(&self, name: &str) -> bool {
        self.level_and_short_form(name).is_some()
    }

    /// The level a body's full name begins with and the short form of the rest, the short
    /// form being the two together, its level kept: `县发展和改革局` → `县发改局`
    /// (`data/unit_names.tsv`; the level is one of `data/unit_levels.txt` but `各`).
    pub(crate) fn level_and_short_form(&self, name: &str) -> Option<(char, &str)> {
        let level = name
            .chars()
            .next()
            .filter(|&c| c != '各' && self.is_unit_level(c))?;
        let short = self.short_forms.get(&name[level.len_utf8()..])?;
        Some((level, short))
    }

    /// Whether `before` and `after`, read as one, are a group of `data/unit_groups.tsv` whose
    /// ending starts inside `before` (`各乡` + `镇人民政府`: a wrap inside `乡镇人民政府`), the
    /// whole begun by `各` or a level.
    pub(crate) fn group_across(&self, before: &str, after: &str) -> bool {
        if after.len() >= self.group_ending_max {
            return false;
        }
        let first = before.trim_start().chars().next();
        if !first.is_some_and(|c| self.is_unit_level(c)) {
            return false;
        }
        self.group_kinds.iter().any(|k| {
            let ending = k.ending.as_str();
            ending.len() > after.len()
                && ending.ends_with(after)
                && before.ends_with(&ending[..ending.len() - after.len()])
        })
    }

    /// Who is a member of `group` by the rules of `data/unit_groups.tsv` (none if no line's
    /// ending fits it): `县发改局` of `县政府各部门` (but not `县气象局`, a vertical agency),
    /// `东沟乡人民政府` of `各乡镇人民政府`. What depends on the group alone is read here once,
    /// for [`GroupMembers::has`] to test unit after unit.
    pub(crate) fn group_members(&self, group: &str) -> Option<GroupMembers<'_>> {
        let kind = self
            .group_kinds
            .iter()
            .find(|k| group.ends_with(k.ending.as_str()))?;
        // The level of the place the members are in: after 驻 (省驻县各单位: the province's
        // units in the county, named 县…), else the group's own.
        let place = group
            .rsplit_once('驻')
            .map_or(group, |(_, in_place)| in_place);
        let level = place
            .chars()
            .next()
            .filter(|&c| c != '各' && self.is_unit_level(c));
        Some(GroupMembers { kind, level })
    }

    /// The jurisdiction an issuer's name begins with: the name without the longest of
    /// `data/issuer_offices.txt` that ends it (`互助土族自治县人民政府办公室` →
    /// `互助土族自治县`); none if no ending fits or fewer than two characters are left.
    pub fn jurisdiction<'a>(&self, issuer: &'a str) -> Option<&'a str> {
        let issuer = issuer.trim();
        let place = self
            .issuer_offices
            .iter()
            .find_map(|office| issuer.strip_suffix(office.as_str()))?;
        (place.chars().count() >= 2).then_some(place)
    }

    /// Deadline words naming a time of the year and the month it ends with
    /// (`data/deadline_months.tsv`: `三季度` → 9).
    pub fn deadline_months(&self) -> &[(String, u32)] {
        &self.deadline_months
    }

    /// Whether a unit name can begin with `c` (`data/unit_levels.txt`).
    pub(crate) fn is_unit_level(&self, c: char) -> bool {
        self.unit_levels.binary_search(&c).is_ok()
    }

    /// Whether `name` is only an ending (`局`, `人民政府`), which cannot stand as a unit.
    pub(crate) fn is_unit_suffix(&self, name: &str) -> bool {
        name.chars()
            .next_back()
            .and_then(|last| self.suffixes.get(&last))
            .is_some_and(|endings| endings.iter().any(|s| s == name))
    }

    /// The kind of a unit, from the first rule in `data/unit_kinds.tsv` its name matches.
    pub(crate) fn unit_kind(&self, name: &str) -> UnitKind {
        self.kinds
            .iter()
            .find(|r| match r.how {
                Match::Prefix => name.starts_with(&r.text),
                Match::Suffix => name.ends_with(&r.text),
                Match::Contains => name.contains(&r.text),
            })
            .map_or(UnitKind::Other, |r| r.kind)
    }

    /// Whether `rest`, what follows 牵头 in a heading that names a lead, says the items under
    /// it are the lead's tasks (`工作`, `重点任务`: `data/role_words.tsv`'s role `tasks`; or
    /// nothing).
    pub(crate) fn names_heading_tasks(&self, rest: &str) -> bool {
        rest.is_empty() || self.heading_task_words.iter().any(|w| w == rest)
    }

    /// The page label (`data/page_labels.tsv`) `text` starts with, spaces inside it allowed
    /// (`名　　称`): what it gives and the bytes it takes.
    pub(crate) fn page_label_at(&self, text: &str) -> Option<(PageField, usize)> {
        let first = text.chars().next()?;
        self.page_label_starts.binary_search(&first).ok()?;
        self.page_labels.iter().find_map(|(label, field)| {
            let mut rest = text;
            for (n, c) in label.chars().enumerate() {
                if n > 0 {
                    rest = rest.trim_start();
                }
                rest = rest.strip_prefix(c)?;
            }
            Some((*field, text.len() - rest.len()))
        })
    }

    /// The role a label names by its structure (`data/label_words.tsv`): `[ROLE WORD][LINK]KIND`,
    /// `牵头责任领导` → leaders, `协办单位` → responsible, `督办单位` → responsible (guessed);
    /// `None` when no kind word ends it or it is longer than a label.
    pub(crate) fn label_role(&self, label: &str) -> Option<(Role, LabelReading)> {
        const MAX_LABEL_CHARS: usize = 8;
        let label = text::compact_cow(label);
        // Words only: a line with a bracket or a stop before its colon is text, not a label.
        let ideograph = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        if label.chars().count() > MAX_LABEL_CHARS || !label.chars().all(ideograph) {
            return None;
        }
        let words = &self.label_words;
        let (kind, role) = words
            .kinds
            .iter()
            .find(|(w, _)| label.ends_with(w.as_str()))?;
        let mut rest = &label[..label.len() - kind.len()];
        if let Some(link) = words.links.iter().find(|l| rest.ends_with(l.as_str())) {
            rest = &rest[..rest.len() - link.len()];
        }
        // `牵头县领导`: a level before the kind.
        if let Some(level) = rest.chars().next_back().filter(|&c| self.is_unit_level(c)) {
            rest = &rest[..rest.len() - level.len_utf8()];
        }
        let word_role = || {
            words
                .roles
                .iter()
                .find(|(w, _)| w == rest)
                .map(|(_, r)| *r)
                .or_else(|| {
                    self.role_words
                        .iter()
                        .find(|(w, _)| w == rest)
                        .map(|(_, r)| *r)
                })
        };
        let reading = if rest.is_empty() || word_role().is_some() {
            LabelReading::Known
        } else {
            LabelReading::Guessed
        };
        let role = match role {
            // Units: the role word's, responsible without one.
            Role::Responsible => word_role().unwrap_or(Role::Responsible),
            other => *other,
        };
        Some((role, reading))
    }

    /// The longest role word (`data/role_words.tsv`) `text` ends with: its role and length.
    pub(crate) fn role_word_ending(&self, text: &str) -> Option<(Role, usize)> {
        let last = text.chars().next_back()?;
        self.role_word_lasts.binary_search(&last).ok()?;
        self.role_words
            .iter()
            .find(|(w, _)| text.ends_with(w.as_str()))
            .map(|(w, role)| (*role, w.len()))
    }

    /// The words of the reporting schedule.
    pub(crate) fn report_words(&self) -> &ReportWords {
        &self.report_words
    }

    /// Whether `line` says that the first unit of each list leads (`列第一位的为牵头单位`,
    /// `排在首位的单位为牵头单位`): a clause (between `，。；：` and brackets) with a word of
    /// the first place (`data/role_words.tsv`, role `first`) and after it a lead word and a
    /// unit (`牵头单位`).
    pub(crate) fn says_first_leads(&self, line: &str) -> bool {
        if !line.contains("牵头") {
            return false;
        }
        // A first word, whitespace left out, begins with its first character: a line without
        // any of them says nothing of the kind.
        if !self.first_starts.iter().any(|&c| line.contains(c)) {
            return false;
        }
        // Each first word where it stands, and the rest of its clause (up to `，。；：` or a
        // bracket): a lead word and a unit there. (A word with such a mark in it stands in
        // no clause.) Only the clauses from a first word's first character on are compacted:
        // the lines that get here are long paragraphs with a 第 or 首 somewhere.
        let clause_end = ['，', ',', '。', '；', ';', '：', ':', '（', '）', '(', ')'];
        let firsts = self.first_words.iter().filter(|w| !w.contains(clause_end));
        let says_at = |at: usize| {
            let rest = &line[at..];
            let clause = text::compact_cow(rest.split(clause_end).next().unwrap_or_default());
            firsts.clone().any(|first| {
                clause
                    .strip_prefix(first.as_str())
                    .is_some_and(|after| self.lead_units.iter().any(|w| after.contains(w.as_str())))
            })
        };
        (self.first_starts.iter()).any(|&c| line.match_indices(c).any(|(at, _)| says_at(at)))
    }

    /// The role a unit's note gives it: a role word or a header name alone (`牵头`,
    /// `牵头单位`).
    pub(crate) fn note_role(&self, note: &str) -> Option<Role> {
        let note = note.trim();
        self.role_words
            .iter()
            .find(|(w, _)| w == note)
            .map(|(_, role)| *role)
            .or_else(|| {
                self.header_role(note)
                    .filter(|r| matches!(r, Role::Lead | Role::Responsible))
            })
    }

    /// The first word of `data/contractions.tsv` in `text` that names `n` things, with them.
    pub(crate) fn contraction_in(&self, text: &str, n: usize) -> Option<(&str, &[String])> {
        self.contractions
            .iter()
            .find(|(w, parts)| parts.len() == n && text.contains(w.as_str()))
            .map(|(w, parts)| (w.as_str(), parts.as_slice()))
    }

    /// The longest target unit `text` starts with.
    pub(crate) fn target_unit_starting(&self, text: &str) -> Option<&TargetUnit> {
        self.target_units
            .get(&text.chars().next()?)?
            .iter()
            .find(|u| text.starts_with(u.unit.as_str()))
    }

    /// The target words of `role`, longest first.
    fn words(&self, role: WordRole) -> impl Iterator<Item = (&str, Option<Bound>)> {
        self.words_by_role[role as usize]
            .iter()
            .map(|w| (w.word.as_str(), w.bound))
    }

    /// The longest word of `role` that `text` ends with, with its bound.
    pub(crate) fn word_ending(&self, text: &str, role: WordRole) -> Option<(&str, Option<Bound>)> {
        let last = text.chars().next_back()?;
        self.words_by_role[role as usize]
            .iter()
            .find(|w| w.last == last && text.ends_with(w.word.as_str()))
            .map(|w| (w.word.as_str(), w.bound))
    }

    /// The longest word of `role` that `text` starts with, with its bound.
    pub(crate) fn word_starting(
        &self,
        text: &str,
        role: WordRole,
    ) -> Option<(&str, Option<Bound>)> {
        let first = text.chars().next()?;
        self.words_by_role[role as usize]
            .iter()
            .find(|w| w.first == first && text.starts_with(w.word.as_str()))
            .map(|w| (w.word.as_str(), w.bound))
    }

    /// Whether `text` contains a word of `role`.
    pub(crate) fn has_word(&self, text: &str, role: WordRole) -> bool {
        self.words(role).any(|(w, _)| text.contains(w))
    }

    /// The bound of the longest level or bound word in `text` that has one.
    pub(crate) fn bound_in(&self, text: &str) -> Option<Bound> {
        self.target_words
            .iter()
            .filter(|w| {
                matches!(w.role, WordRole::Level | WordRole::Before | WordRole::After)
                    && text.contains(w.word.as_str())
            })
            .find_map(|w| w.bound)
    }

    /// Where the qualitative words in `text` start, leftmost-first.
    pub(crate) fn qualitative_starts<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = usize> + 't {
        self.qualitative.find_iter(text).map(|m| m.start())
    }

    /// Whether `text` holds a qualitative word.
    pub(crate) fn has_qualitative(&self, text: &str) -> bool {
        self.qualitative.is_match(text)
    }

    /// Every (variant, canonical) pair of the alias table.
    #[cfg(test)]
    pub(crate) fn alias_pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.aliases.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl Default for Rules {
    /// The built-in rules.
    fn default() -> Self {
        Rules::builtin().clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issuer_less_its_office_is_its_jurisdiction() {
        let rules = Rules::builtin();
        for (issuer, place) in [
            ("互助土族自治县人民政府办公室", Some("互助土族自治县")),
            ("海东市人民政府办公厅", Some("海东市")),
            ("平安区人民政府", Some("平安区")),
            (
                "某某经济技术开发区管理委员会办公室",
                Some("某某经济技术开发区"),
            ),
            ("城关镇人民政府", Some("城关镇")),
            (" 乐都区政府办公室 ", Some("乐都区")),
            // Nothing of a place left, or no office's ending.
            ("县人民政府", None),
            ("人民政府办公室", None),
            ("县人民政府办公室", None),
            ("县发改局", None),
            ("", None),
        ] {
            assert_eq!(rules.jurisdiction(issuer), place, "{issuer}");
        }
    }

    #[test]
    fn a_deadline_month_outside_the_year_names_its_line() {
        let err = parse_deadline_months("# c\n年底\t12\n三季度\t13\n").unwrap_err();
        assert_eq!(err.0, 3);
        assert!(err.1.contains("1 to 12"), "{}", err.1);
    }

    #[test]
    fn lines_saying_the_first_unit_listed_leads() {
        let rules = Rules::builtin();
        for yes in [
            "（各项任务后括号内为责任单位，列第一位的为牵头单位）",
            "注：责任单位中排在第一位的为牵头单位。",
            "| 序号 | 目标任务 | 责任单位（排名首位的单位为牵头单位） |",
        ] {
            assert!(rules.says_first_leads(yes), "{yes}");
        }
        for no in [
            "各牵头单位主要负责同志为第一责任人，牵头抓总。",
            "县发改局牵头，县统计局配合",
            "第一批项目开工",
        ] {
            assert!(!rules.says_first_leads(no), "{no}");
        }
    }

    #[test]
    fn the_built_in_files_parse() {
        let rules = Rules::builtin();
        assert!(rules.headers.len() >= 4);
        assert!(!rules.aliases.is_empty());
        assert!(!rules.kinds.is_empty());
        assert!(rules.has_unit_suffix("县发改局") && rules.has_unit_suffix("县政务服务中心"));
        assert!(!rules.has_unit_suffix("县住房保障") && !rules.has_unit_suffix(""));
    }

    #[test]
    fn longer_target_units_are_tried_first() {
        let rules = Rules::builtin();
        let unit = |t| rules.target_unit_starting(t).map(|u| u.unit.as_str());
        assert_eq!(unit("万人次以上"), Some("万人次"));
        assert_eq!(unit("人次"), Some("人次"));
        assert_eq!(unit("人。"), Some("人"));
        assert_eq!(unit("年"), None);
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
            assert_eq!(Rules::builtin().unit_kind(name), kind, "{name}");
        }
    }

    /// A parser of one rule file, giving its error.
    type Parse = fn(&str) -> Option<LineError>;

    /// Each rule file's parser with a bad text, the line it names and its message.
    #[test]
    fn a_header_row_written_as_one_line() {
        let rules = Rules::builtin();
        use Role::*;
        let cases: &[(&str, Option<&[Role]>)] = &[
            (
                "序号 重点任务 责任单位 完成时限",
                Some(&[Seq, Task, Responsible, Deadline]),
            ),
            (
                "序号目标任务牵头单位责任单位",
                Some(&[Seq, Task, Lead, Responsible]),
            ),
            ("牵头单位", Some(&[Lead])),
            ("牵头单位：县发改局", None),
            ("序号 重点任务 县发改局", None),
            ("", None),
        ];
        for (line, want) in cases {
            assert_eq!(rules.header_row_roles(line).as_deref(), *want, "{line}");
        }
    }

    #[test]
    fn bad_lines_are_errors_naming_the_line() {
        let cases: &[(Parse, &str, usize, &str)] = &[
            (
                |t| parse_headers(t).err(),
                "# 注释\nseq\t序号\ntitle\t标题\n",
                3,
                "unknown role \"title\"; expected one of: seq, task, lead, responsible, \
                 leaders, deadline",
            ),
            (
                |t| parse_headers(t).err(),
                "seq 序号\n",
                1,
                "expected ROLE<TAB>NAME (fields separated by tabs), found 1 field(s)",
            ),
            (
                |t| parse_aliases(t).err(),
                "甲\t乙\n乙\t丙\n",
                1,
                "\"甲\" maps to \"乙\", which is itself a variant; map it to the final name",
            ),
            (
                |t| parse_kinds(t).err(),
                "group\tbegins\t各\n",
                1,
                "unknown match \"begins\"; expected one of: prefix, suffix, contains",
            ),
            (
                |t| parse_target_units(t).err(),
                "%\t%\t1\tmeasure\tarabic\n万吨\t吨\tten\tmeasure\tany\n",
                2,
                "factor \"ten\" is not a positive integer",
            ),
            (
                |t| parse_target_words(t).err(),
                "after\t左右\tnear\n",
                1,
                "unknown bound \"near\"; expected one of: about, at_least, at_most, exceeds, exact",
            ),
        ];
        for (parse, text, line, message) in cases {
            assert_eq!(
                parse(text),
                Some((*line, (*message).to_owned())),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_rules_folder_replaces_the_files_it_holds_and_keeps_the_others() {
        let dir = std::env::temp_dir().join(format!("fengong-rules-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let dumped = Rules::write_defaults(&dir, false).unwrap();
        assert_eq!(dumped.written.len(), FILES.len());
        std::fs::write(dir.join("headers.tsv"), "task\t工作事项\nlead\t主办单位\n").unwrap();
        std::fs::remove_file(dir.join("unit_aliases.tsv")).unwrap();
        let rules = Rules::from_dir(&dir).unwrap();
        assert_eq!(rules.header_role("工作 事项"), Some(Role::Task));
        assert_eq!(rules.header_role("目标任务"), None);
        assert_eq!(rules.unit_alias("各镇人民政府"), Some("各乡镇人民政府"));
        std::fs::write(dir.join("unit_kinds.tsv"), "group\tprefix\n").unwrap();
        let e = Rules::from_dir(&dir).unwrap_err();
        assert_eq!(e.file, dir.join("unit_kinds.tsv"));
        assert_eq!(e.line, Some(1));
        let empty = dir.join("empty");
        std::fs::create_dir_all(&empty).unwrap();
        let e = Rules::from_dir(&empty).unwrap_err();
        assert!(
            e.to_string().contains("holds none of the rule files"),
            "{e}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
