//! The tasks' units → one record per unit, with the tasks it has.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use sha2::{Digest, Sha256};

use crate::dataset::{Task, Unit, UnitKind};
use crate::rules::Rules;

use super::normalise::normalise;
use super::split::ends_like_name;

/// A unit's id: `u` and the first 12 hex digits of the SHA-256 of its canonical name, the
/// same in every notice and every year.
pub fn unit_id(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    let mut id = String::with_capacity(13);
    id.push('u');
    for b in &digest[..6] {
        id.push_str(&format!("{b:02x}"));
    }
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
pub fn index(tasks: &[Task], rules: &Rules) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    // The raw forms or notes of a unit that has many, as a set.
    let mut long: HashMap<(usize, Form), HashSet<String>> = HashMap::new();
    // Each task's lead and responsible lists as unit numbers: ranges of `ids`. A task's own
    // list is the names of its mentions, in order; an inherited one is the list of the task
    // it came from.
    let mentions: usize = tasks
        .iter()
        .map(|t| t.lead_mentions.len() + t.responsible_mentions.len())
        .sum();
    let mut ids: Vec<usize> = Vec::with_capacity(mentions);
    let mut lists: Vec<[Range<usize>; 2]> = Vec::with_capacity(tasks.len());
    for (t, task) in tasks.iter().enumerate() {
        let mut own = [0..0, 0..0];
        let cells = [&task.lead_mentions, &task.responsible_mentions];
        for (column, cell) in cells.into_iter().enumerate() {
            let start = ids.len();
            for m in cell {
                // A note that names a unit (`县人社局（县就业局）`: one office, two names)
                // makes the mention count for that unit too.
                let also = m
                    .note
                    .as_deref()
                    .filter(|n| names_a_unit(n, rules))
                    .map(|n| normalise(n, rules).name);
                for name in std::iter::once(m.name.clone()).chain(also) {
                    let i = match by_name.get(name.as_str()) {
                        Some(&i) => i,
                        None => {
                            units.push(Unit {
                                id: unit_id(&name),
                                kind: rules.unit_kind(&name),
                                name: name.clone(),
                                raw_forms: Vec::with_capacity(1),
                                notes: Vec::new(),
                                lead_tasks: Vec::new(),
                                responsible_tasks: Vec::new(),
                                groups: Vec::new(),
                            });
                            by_name.insert(name, units.len() - 1);
                            units.len() - 1
                        }
                    };
                    let unit = &mut units[i];
                    push_new(&mut unit.raw_forms, &m.raw, &mut long, (i, Form::Raw));
                    if let Some(note) = m.note.as_deref().filter(|_| unit.name == m.name) {
                        push_new(&mut unit.notes, note, &mut long, (i, Form::Note));
                    }
                    ids.push(i);
                }
            }
            own[column] = start..ids.len();
        }
        let inherited = [task.lead_inherited_from, task.responsible_inherited_from];
        for (column, from) in inherited.into_iter().enumerate() {
            // The task it came from stands above it (the nearest with that number).
            let source = from.and_then(|seq| tasks[..t].iter().rposition(|s| s.seq == seq));
            if let Some(s) = source {
                own[column] = lists[s][column].clone();
            }
        }
        lists.push(own);
    }
    // Each list filled at its final size.
    let mut counts = vec![[0usize; 2]; units.len()];
    for list in &lists {
        for (column, range) in list.iter().enumerate() {
            for &i in &ids[range.clone()] {
                counts[i][column] += 1;
            }
        }
    }
    for (unit, [lead, responsible]) in units.iter_mut().zip(counts) {
        unit.lead_tasks.reserve_exact(lead);
        unit.responsible_tasks.reserve_exact(responsible);
    }
    // A unit named twice in one list (by name and by a note) has the task once.
    let push = |list: &mut Vec<u32>, seq: u32| {
        if list.last() != Some(&seq) {
            list.push(seq);
        }
    };
    for (task, [lead, responsible]) in tasks.iter().zip(&lists) {
        for &i in &ids[lead.clone()] {
            push(&mut units[i].lead_tasks, task.seq);
        }
        for &i in &ids[responsible.clone()] {
            push(&mut units[i].responsible_tasks, task.seq);
        }
    }
    infer_groups(&mut units, rules);
    units
}

/// Each unit's groups: the groups the notice names whose kind of member it is
/// (`data/unit_groups.tsv`).
fn infer_groups(units: &mut [Unit], rules: &Rules) {
    let groups: Vec<String> = units
        .iter()
        .filter(|u| u.kind == UnitKind::Group)
        .map(|u| u.name.clone())
        .collect();
    for unit in units.iter_mut().filter(|u| u.kind != UnitKind::Group) {
        unit.groups = groups
            .iter()
            .filter(|g| rules.in_group(&unit.name, g))
            .cloned()
            .collect();
    }
}
