//! Next year's notice against this year's: which tasks match (by content, in document order —
//! numbers change every year), what changed in each, which were added and removed.
//!
//! Tasks match when their texts are alike: the share of characters two texts have in common
//! in order (`similar`'s ratio over characters, numbers masked: they change every year), at
//! least [`THRESHOLD`]; of the pairs that
//! alike, the matching keeps document order and makes the total similarity largest (an
//! alignment by dynamic programming). For each matched pair the changes are listed by field:
//! `seq`, `text` (with a character diff; a text whose only differences are its numbers is no
//! text change — its `targets` change says it), `targets`, `lead`, `responsible` (units
//! added and removed, by unit identity), `section`, `subsection`. A section whose title
//! changed while its tasks stayed together is one removed and one added here;
//! [`Diff::sections_renamed`] pairs them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, Name, Target, Task};

/// Version of the diff format.
pub const DIFF_VERSION: &str = "1.1.0";

/// How alike two task texts must be to match.
pub const THRESHOLD: f64 = 0.5;

/// What changed between two notices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diff {
    /// Version of this format (`DIFF_VERSION`).
    pub diff_version: String,
    /// Notice fields that changed: document number, title, issuer, date, year.
    pub notice: Vec<FieldChange>,
    /// Section titles in the new notice only.
    pub sections_added: Vec<String>,
    /// Section titles in the old notice only.
    pub sections_removed: Vec<String>,
    /// Tasks of the old notice matched to tasks of the new one, in order, with what changed.
    pub matched: Vec<Match>,
    /// Numbers of the new notice's tasks that match none of the old.
    pub added: Vec<u32>,
    /// Numbers of the old notice's tasks that match none of the new.
    pub removed: Vec<u32>,
}

impl Diff {
    /// Whether anything changed.
    pub fn is_empty(&self) -> bool {
        self.notice.is_empty()
            && self.sections_added.is_empty()
            && self.sections_removed.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.matched.iter().all(|m| m.changes.is_empty())
    }

    /// Sections renamed: each removed title (old) paired with the added title (new) that
    /// most of its matched tasks moved to, in the old notice's order; each title in one
    /// pair at most. What is left of `sections_added` and `sections_removed` was added or
    /// removed indeed.
    pub fn sections_renamed(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for old in &self.sections_removed {
            // How many tasks went from `old` to each added title, first seen first.
            let mut counts: Vec<(&String, usize)> = Vec::new();
            for m in &self.matched {
                for c in &m.changes {
                    let Change::Section {
                        old: Some(from),
                        new: Some(to),
                    } = c
                    else {
                        continue;
                    };
                    if from != old
                        || !self.sections_added.contains(to)
                        || pairs.iter().any(|(_, n)| n == to)
                    {
                        continue;
                    }
                    match counts.iter_mut().find(|(t, _)| *t == to) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((to, 1)),
                    }
                }
            }
            // The largest count, the first of equals.
            let best =
                counts
                    .iter()
                    .fold(None, |best: Option<(&String, usize)>, &(t, n)| match best {
                        Some((_, b)) if b >= n => best,
                        _ => Some((t, n)),
                    });
            if let Some((to, _)) = best {
                pairs.push((old.clone(), to.clone()));
            }
        }
        pairs
    }
}

/// A notice field, old → new.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FieldChange {
    /// The field (`doc_number`, `title`, `issuer`, `issued_on`, `year`).
    pub field: String,
    /// Its old value.
    pub old: Option<String>,
    /// Its new value.
    pub new: Option<String>,
}

/// An old task and the new task it matches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Match {
    /// The old task's number.
    pub old: u32,
    /// The new task's number.
    pub new: u32,
    /// How alike their texts are, 0 to 1 (rounded to 3 places).
    pub similarity: f64,
    /// What changed; empty when nothing did.
    pub changes: Vec<Change>,
}

impl Match {
    /// Whether its number is all that changed (one task removed or added before it
    /// renumbers it, and nothing else).
    pub fn renumbered_only(&self) -> bool {
        matches!(self.changes.as_slice(), [Change::Seq { .. }])
    }
}

/// One change of a matched task.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum Change {
    /// Its number.
    Seq {
        /// The old number.
        old: u32,
        /// The new number.
        new: u32,
    },
    /// Its text, with the character diff between the two.
    Text {
        /// The old text.
        old: String,
        /// The new text.
        new: String,
        /// The runs of the character diff, old to new.
        diff: Vec<Piece>,
    },
    /// Its targets: each indicator whose reading changed, old → new (null: none).
    Targets {
        /// The targets that changed.
        changes: Vec<TargetChange>,
    },
    /// Its lead units.
    Lead {
        /// Units the new task has and the old one had not.
        added: Vec<String>,
        /// Units the old task had and the new one has not.
        removed: Vec<String>,
    },
    /// Its responsible units.
    Responsible {
        /// Units the new task has and the old one had not.
        added: Vec<String>,
        /// Units the old task had and the new one has not.
        removed: Vec<String>,
    },
    /// Its section, by title.
    Section {
        /// The old section's title.
        old: Option<String>,
        /// The new section's title.
        new: Option<String>,
    },
    /// Its sub-category, by title.
    Subsection {
        /// The old sub-category's title.
        old: Option<String>,
        /// The new sub-category's title.
        new: Option<String>,
    },
}

/// A run of a character diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Piece {
    /// `equal`, `delete` or `insert`.
    pub op: String,
    /// The text.
    pub text: String,
}

/// A target whose reading changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TargetChange {
    /// The indicator (or the target's own words when it has none).
    pub indicator: String,
    /// The old reading.
    pub old: Option<TargetValue>,
    /// The new reading.
    pub new: Option<TargetValue>,
}

/// A target's reading, as compared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TargetValue {
    /// `increase`, `decrease`, `level`… (as in the dataset).
    pub change: Option<String>,
    /// The value, or null for a range or a qualitative target.
    pub value: Option<f64>,
    /// A range's lower end.
    pub min: Option<f64>,
    /// A range's upper end.
    pub max: Option<f64>,
    /// The unit as written.
    pub unit: Option<String>,
    /// `at_least`, `about`, `exact`…
    pub bound: String,
    /// The clause the target was read from (the dataset's `targets[].text`): the words to
    /// show when there is no number (a qualitative target: `达到市定目标`). Not compared: a
    /// reading is the same when only the words around it changed. Added in diff 1.1.0.
    #[serde(default)]
    pub text: String,
}

impl TargetValue {
    /// Whether two readings are the same: all but the words.
    fn same_reading(&self, other: &TargetValue) -> bool {
        self.change == other.change
            && self.value == other.value
            && self.min == other.min
            && self.max == other.max
            && self.unit == other.unit
            && self.bound == other.bound
    }
}

fn name_of<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn value_of(t: &Target) -> TargetValue {
    TargetValue {
        change: t.change.map(|c| name_of(&c)),
        value: t.value.map(|q| q.to_f64()),
        min: t.min.map(|q| q.to_f64()),
        max: t.max.map(|q| q.to_f64()),
        unit: t.unit.clone(),
        bound: name_of(&t.bound),
        text: t.text.clone(),
    }
}

/// How alike two texts are: `similar`'s ratio over their characters.
fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    f64::from(similar::TextDiff::from_chars(a, b).ratio())
}

/// A text with its digit runs (and a decimal point in them) as one mark: what stays when
/// only numbers change.
fn without_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_number = false;
    for c in text.chars() {
        let digit = c.is_ascii_digit() || (in_number && c == '.');
        if digit {
            if !in_number {
                out.push('#');
            }
        } else {
            out.push(c);
        }
        in_number = digit;
    }
    out
}

/// Compare two datasets.
pub fn diff(old: &Dataset, new: &Dataset) -> Diff {
    let (a, b) = (&old.tasks, &new.tasks);
    // Alignment: best[i][j] is the best total similarity of the first i old and j new tasks.
    // Numbers change every year: texts are compared with their numbers masked.
    let masked =
        |ts: &[Task]| -> Vec<String> { ts.iter().map(|t| without_numbers(&t.text)).collect() };
    let (ma, mb) = (masked(a), masked(b));
    let sims: Vec<Vec<f64>> = ma
        .iter()
        .map(|x| mb.iter().map(|y| similarity(x, y)).collect())
        .collect();
    let (n, m) = (a.len(), b.len());
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=m {
            let mut v = best[i - 1][j].max(best[i][j - 1]);
            let s = sims[i - 1][j - 1];
            if s >= THRESHOLD {
                v = v.max(best[i - 1][j - 1] + s);
            }
            best[i][j] = v;
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let s = sims[i - 1][j - 1];
        if s >= THRESHOLD && (best[i][j] - (best[i - 1][j - 1] + s)).abs() < 1e-9 {
            pairs.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        } else if (best[i][j] - best[i - 1][j]).abs() < 1e-9 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    pairs.reverse();
    let matched: Vec<Match> = pairs
        .iter()
        .map(|&(i, j)| Match {
            old: a[i].seq,
            new: b[j].seq,
            similarity: (sims[i][j] * 1000.0).round() / 1000.0,
            changes: changes(old, &a[i], new, &b[j]),
        })
        .collect();
    let added = (0..m)
        .filter(|j| !pairs.iter().any(|p| p.1 == *j))
        .map(|j| b[j].seq)
        .collect();
    let removed = (0..n)
        .filter(|i| !pairs.iter().any(|p| p.0 == *i))
        .map(|i| a[i].seq)
        .collect();
    let titles =
        |d: &Dataset| -> Vec<String> { d.sections.iter().map(|s| s.title.clone()).collect() };
    let (old_sections, new_sections) = (titles(old), titles(new));
    let (on, nn) = (&old.notice, &new.notice);
    let fields = [
        ("doc_number", on.doc_number.clone(), nn.doc_number.clone()),
        ("title", on.title.clone(), nn.title.clone()),
        ("issuer", on.issuer.clone(), nn.issuer.clone()),
        ("issued_on", on.issued_on.clone(), nn.issued_on.clone()),
        (
            "year",
            on.year.map(|y| y.to_string()),
            nn.year.map(|y| y.to_string()),
        ),
    ];
    Diff {
        diff_version: DIFF_VERSION.to_owned(),
        notice: fields
            .into_iter()
            .filter(|(_, o, n)| o != n)
            .map(|(field, old, new)| FieldChange {
                field: field.to_owned(),
                old,
                new,
            })
            .collect(),
        sections_added: new_sections
            .iter()
            .filter(|s| !old_sections.contains(s))
            .cloned()
            .collect(),
        sections_removed: old_sections
            .iter()
            .filter(|s| !new_sections.contains(s))
            .cloned()
            .collect(),
        matched,
        added,
        removed,
    }
}

/// What changed between two matched tasks.
fn changes(old_d: &Dataset, old: &Task, new_d: &Dataset, new: &Task) -> Vec<Change> {
    let mut out = Vec::new();
    if old.seq != new.seq {
        out.push(Change::Seq {
            old: old.seq,
            new: new.seq,
        });
    }
    if without_numbers(&old.text) != without_numbers(&new.text) {
        let diff = similar::TextDiff::from_chars(&old.text, &new.text);
        let mut pieces: Vec<Piece> = Vec::new();
        for change in diff.iter_all_changes() {
            let op = match change.tag() {
                similar::ChangeTag::Equal => "equal",
                similar::ChangeTag::Delete => "delete",
                similar::ChangeTag::Insert => "insert",
            };
            match pieces.last_mut() {
                Some(last) if last.op == op => last.text.push_str(change.value()),
                _ => pieces.push(Piece {
                    op: op.to_owned(),
                    text: change.value().to_owned(),
                }),
            }
        }
        out.push(Change::Text {
            old: old.text.clone(),
            new: new.text.clone(),
            diff: pieces,
        });
    }
    // Targets, by indicator; those left over on both sides pair up in order, and a pair
    // that reads the same is one target renamed with its text (the text change says it).
    // (The k-th target of an indicator pairs with the k-th: `分别增长5.5%、7%` gives two.)
    let keyed = |ts: &[Target]| -> Vec<(String, usize)> {
        let mut seen: Vec<String> = Vec::new();
        ts.iter()
            .map(|t| {
                let k = t.indicator.clone().unwrap_or_else(|| t.text.clone());
                let nth = seen.iter().filter(|s| **s == k).count();
                seen.push(k.clone());
                (k, nth)
            })
            .collect()
    };
    let (old_keys, new_keys) = (keyed(&old.targets), keyed(&new.targets));
    let key = |t: &Target| t.indicator.clone().unwrap_or_else(|| t.text.clone());
    let mut target_changes = Vec::new();
    let mut old_left = Vec::new();
    for (t, k) in old.targets.iter().zip(&old_keys) {
        let other = new_keys
            .iter()
            .position(|n| n == k)
            .map(|i| &new.targets[i]);
        match other {
            Some(other) if value_of(other).same_reading(&value_of(t)) => {}
            Some(other) => target_changes.push(TargetChange {
                indicator: key(t),
                old: Some(value_of(t)),
                new: Some(value_of(other)),
            }),
            None => old_left.push(t),
        }
    }
    let new_left: Vec<&Target> = new
        .targets
        .iter()
        .zip(&new_keys)
        .filter(|(_, k)| !old_keys.contains(k))
        .map(|(t, _)| t)
        .collect();
    let mut new_left = new_left.into_iter();
    for t in old_left {
        match new_left.next() {
            Some(n) if value_of(n).same_reading(&value_of(t)) => {}
            Some(n) => target_changes.push(TargetChange {
                indicator: key(n),
                old: Some(value_of(t)),
                new: Some(value_of(n)),
            }),
            None => target_changes.push(TargetChange {
                indicator: key(t),
                old: Some(value_of(t)),
                new: None,
            }),
        }
    }
    for n in new_left {
        target_changes.push(TargetChange {
            indicator: key(n),
            old: None,
            new: Some(value_of(n)),
        });
    }
    if !target_changes.is_empty() {
        out.push(Change::Targets {
            changes: target_changes,
        });
    }
    let units = |o: &[Name], n: &[Name]| -> (Vec<String>, Vec<String>) {
        (
            n.iter()
                .filter(|u| !o.contains(u))
                .map(|u| u.to_string())
                .collect(),
            o.iter()
                .filter(|u| !n.contains(u))
                .map(|u| u.to_string())
                .collect(),
        )
    };
    let (added, removed) = units(&old.lead, &new.lead);
    if !added.is_empty() || !removed.is_empty() {
        out.push(Change::Lead { added, removed });
    }
    let (added, removed) = units(&old.responsible, &new.responsible);
    if !added.is_empty() || !removed.is_empty() {
        out.push(Change::Responsible { added, removed });
    }
    let section_title = |d: &Dataset, n: Option<u32>| {
        n.and_then(|n| d.sections.iter().find(|s| s.number == n))
            .map(|s| s.title.clone())
    };
    let (os, ns) = (
        section_title(old_d, old.section),
        section_title(new_d, new.section),
    );
    if os != ns {
        out.push(Change::Section { old: os, new: ns });
    }
    if old.subsection_title != new.subsection_title {
        out.push(Change::Subsection {
            old: old.subsection_title.clone(),
            new: new.subsection_title.clone(),
        });
    }
    out
}
