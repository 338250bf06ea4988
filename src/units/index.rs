//! The tasks' units → one record per unit, with the tasks it has.

use foldhash::{HashMap, HashSet};
use std::borrow::Cow;
use std::ops::Range;

use sha2::{Digest, Sha256};

use crate::dataset::{Name, Task, Unit, UnitKind};
use crate::rules::{GroupMembers, Rules};

use super::normalise::normalise;
use super::split::ends_like_name;

/// A unit's id: `u` and the first 12 hex digits of the SHA-256 of its jurisdiction (the
/// notice's, [`crate::dataset::Notice::jurisdiction`]), a tab and its canonical name: the same in
/// every notice and every year of that jurisdiction, and another in another's (the 县发改局 of
/// two counties are two units). A notice whose jurisdiction is unknown hashes the name alone.
pub fn unit_id(jurisdiction: Option<&str>, name: &str) -> String {
    let mut hasher = Sha256::new();
    if let Some(place) = jurisdiction {
        hasher.update(place.as_bytes());
        hasher.update(b"\t");
    }
    hasher.update(name.as_bytes());
    let mut id = String::with_capacity(13);
    id.push('u');
    crate::text::push_hex(&mut id, &hasher.finalize()[..6]);
    id
}

/// Whether a note names a unit of its own: it begins with a level (县, 市…, not 各) and ends
/// like a unit name.
fn names_a_unit(note: &str, rules: &Rules) -> bool {
    note.chars()
        .next()
        .is_some_and(|c| c != '各' && rules.is_unit_level(c))
        && ends_like_name(note, rules)
}

/// Up to this many, a unit's raw forms or notes are looked through one by one for a repeat.
const SHORT_LIST: usize = 16;

/// Push `value` onto `list` unless it is there already. A long list is looked up in its set
/// in `long` (under `key`), made when it grows long.
fn push_new(
    list: &mut Vec<String>,
    value: &str,
    long: &mut HashMap<(usize, Form), HashSet<String>>,
    key: (usize, Form),
) {
    let new = if list.len() < SHORT_LIST {
        !list.iter().any(|v| v == value)
    } else {
        long.entry(key)
            .or_insert_with(|| list.iter().cloned().collect())
            .insert(value.to_owned())
    };
    if new {
        list.push(value.to_owned());
    }
}

/// Which of a unit's lists [`push_new`] keeps a set of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Form {
    Raw,
    Note,
}

/// Every unit the tasks name, once, in order of first appearance (lead cell before
/// responsible cell, task by task), with the ways it was written, its notes, and the tasks it
/// leads and is responsible for (own or inherited lists).
pub fn index(tasks: &[Task], rules: &Rules, jurisdiction: Option<&str>) -> Vec<Unit> {
    let mut index = Index::new(rules, jurisdiction);
    for task in tasks {
        index.add(task);
    }
    index.finish()
}

/// [`index`] task by task, for tasks that are not all held at once: [`Index::add`] each in
/// table order, then [`Index::finish`].
pub struct Index<'r> {
    rules: &'r Rules,
    /// The notice's jurisdiction, which scopes its unit ids ([`unit_id`]).
    jurisdiction: Option<String>,
    units: Vec<Unit>,
    /// The number of each unit by its name (most names are held in place: no allocation).
    by_name: HashMap<Name, usize>,
    /// The raw forms or notes of a unit that has many, as a set.
    long: HashMap<(usize, Form), HashSet<String>>,
    /// The units of the tasks' own lists, list after list.
    ids: Vec<usize>,
    /// The lead and responsible lists of the latest task with each number, as ranges of
    /// `ids`: what a task inheriting from that number has.
    lists: HashMap<u32, [Range<usize>; 2]>,
    /// Each unit a task leads (`[0]`) or is responsible for (`[1]`) and the task's number,
    /// task by task: the units' task lists are made from them at the end, each at its
    /// length (grown unit by unit, they would be allocated again and again).
    tasks: [Vec<(usize, u32)>; 2],
}

impl<'r> Index<'r> {
    /// An index of no tasks yet.
    pub fn new(rules: &'r Rules, jurisdiction: Option<&str>) -> Self {
        Index {
            rules,
            jurisdiction: jurisdiction.map(str::to_owned),
            units: Vec::new(),
            by_name: HashMap::default(),
            long: HashMap::default(),
            ids: Vec::new(),
            lists: HashMap::default(),
            tasks: [Vec::new(), Vec::new()],
        }
    }

    /// The number of `name`'s unit, a new one if it has none yet.
    fn unit(&mut self, name: Cow<'_, str>) -> usize {
        if let Some(&i) = self.by_name.get(name.as_ref()) {
            return i;
        }
        self.by_name
            .insert(Name::from(name.as_ref()), self.units.len());
        let name = name.into_owned();
        self.units.push(Unit {
            id: unit_id(self.jurisdiction.as_deref(), &name),
            kind: self.rules.unit_kind(&name),
            name,
            raw_forms: Vec::with_capacity(1),
            notes: Vec::new(),
            lead_tasks: Vec::new(),
            responsible_tasks: Vec::new(),
            groups: Vec::new(),
        });
        self.units.len() - 1
    }

    /// Add the next task: its own lists are its mentions' names, in order; an inherited list
    /// is the list of the task it came from, the nearest above with that number.
    pub fn add(&mut self, task: &Task) {
        let mut own = [0..0, 0..0];
        let cells = [&task.lead_mentions, &task.responsible_mentions];
        for (column, cell) in cells.into_iter().enumerate() {
            let start = self.ids.len();
            for m in cell {
                // A note that names a unit (`县人社局（县就业局）`: one office, two names)
                // makes the mention count for that unit too.
                let also = m
                    .note
                    .as_deref()
                    .filter(|n| names_a_unit(n, self.rules))
                    .map(|n| Cow::Owned(normalise(n, self.rules).name.into_string()));
                for name in std::iter::once(Cow::Borrowed(m.name.as_str())).chain(also) {
                    let i = self.unit(name);
                    let unit = &mut self.units[i];
                    push_new(&mut unit.raw_forms, &m.raw, &mut self.long, (i, Form::Raw));
                    if let Some(note) = m.note.as_deref().filter(|_| unit.name == m.name) {
                        push_new(&mut unit.notes, note, &mut self.long, (i, Form::Note));
                    }
                    self.ids.push(i);
                }
            }
            own[column] = start..self.ids.len();
        }
        let inherited = [task.lead_inherited_from, task.responsible_inherited_from];
        for (column, from) in inherited.into_iter().enumerate() {
            if let Some(list) = from.and_then(|seq| self.lists.get(&seq)) {
                own[column] = list[column].clone();
            }
        }
        for (column, tasks) in self.tasks.iter_mut().enumerate() {
            tasks.extend(self.ids[own[column].clone()].iter().map(|&i| (i, task.seq)));
        }
        self.lists.insert(task.seq, own);
    }

    /// The units, each with its tasks and groups.
    pub fn finish(mut self) -> Vec<Unit> {
        let mut counts = vec![0; self.units.len()];
        for (column, tasks) in self.tasks.iter().enumerate() {
            counts.fill(0);
            for &(i, _) in tasks {
                counts[i] += 1;
            }
            for (unit, &n) in self.units.iter_mut().zip(&counts) {
                *task_list(unit, column) = Vec::with_capacity(n);
            }
            // A unit named twice in one list (by name and by a note) has the task once.
            for &(i, seq) in tasks {
                let list = task_list(&mut self.units[i], column);
                if list.last() != Some(&seq) {
                    list.push(seq);
                }
            }
        }
        infer_groups(&mut self.units, self.rules);
        self.units
    }
}

/// A unit's list of the tasks it leads (`column` 0) or is responsible for (1).
fn task_list(unit: &mut Unit, column: usize) -> &mut Vec<u32> {
    match column {
        0 => &mut unit.lead_tasks,
        _ => &mut unit.responsible_tasks,
    }
}

/// Each unit's groups: the groups the notice names whose kind of member it is
/// (`data/unit_groups.tsv`).
fn infer_groups(units: &mut [Unit], rules: &Rules) {
    let groups: Vec<(String, GroupMembers<'_>)> = units
        .iter()
        .filter(|u| u.kind == UnitKind::Group)
        .filter_map(|u| Some((u.name.clone(), rules.group_members(&u.name)?)))
        .collect();
    for unit in units.iter_mut().filter(|u| u.kind != UnitKind::Group) {
        unit.groups = groups
            .iter()
            .filter(|(_, members)| members.has(&unit.name))
            .map(|(name, _)| name.clone())
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::unit_id;

    #[test]
    fn an_id_is_of_its_jurisdiction_and_name() {
        let here = unit_id(Some("互助土族自治县"), "县发改局");
        assert_eq!(here, unit_id(Some("互助土族自治县"), "县发改局"));
        assert_ne!(here, unit_id(Some("乐都区"), "县发改局"));
        assert_ne!(here, unit_id(None, "县发改局"));
        assert_ne!(here, unit_id(Some("互助土族自治县"), "县财政局"));
        // The tab keeps a jurisdiction's end from passing for a name's start.
        assert_ne!(unit_id(Some("甲县"), "县局"), unit_id(Some("甲"), "县县局"));
        assert_eq!(here.len(), 13);
        assert!(here.starts_with('u') && here[1..].bytes().all(|b| b.is_ascii_hexdigit()));
    }
}
