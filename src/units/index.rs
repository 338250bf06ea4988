//! The tasks' units → one record per unit, with the tasks it has.

use std::collections::BTreeMap;

use crate::dataset::{Task, Unit};
use crate::rules::Rules;

/// Every unit the tasks name, once, in order of first appearance (lead cell before
/// responsible cell, task by task), with the ways it was written, its notes, and the tasks it
/// leads and is responsible for (own or inherited lists).
pub fn index(tasks: &[Task], rules: &Rules) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut by_name: BTreeMap<&str, usize> = BTreeMap::new();
    for task in tasks {
        for m in task.lead_mentions.iter().chain(&task.responsible_mentions) {
            let i = match by_name.get(m.name.as_str()) {
                Some(&i) => i,
                None => {
                    by_name.insert(&m.name, units.len());
                    units.push(Unit {
                        name: m.name.clone(),
                        kind: rules.unit_kind(&m.name),
                        raw_forms: Vec::with_capacity(1),
                        notes: Vec::new(),
                        lead_tasks: Vec::new(),
                        responsible_tasks: Vec::new(),
                    });
                    units.len() - 1
                }
            };
            let unit = &mut units[i];
            if !unit.raw_forms.contains(&m.raw) {
                unit.raw_forms.push(m.raw.clone());
            }
            if let Some(note) = m.note.as_ref().filter(|n| !unit.notes.contains(n)) {
                unit.notes.push(note.clone());
            }
        }
    }
    // Each unit's tasks, collected as (unit, column, task) and sorted by unit: each list is
    // then filled at its final size.
    let mut has: Vec<(usize, bool, u32)> = Vec::new();
    for task in tasks {
        let lists = [(&task.lead, false), (&task.responsible, true)];
        for (names, responsible) in lists {
            has.extend(
                names
                    .iter()
                    .filter_map(|n| by_name.get(n.as_str()))
                    .map(|&i| (i, responsible, task.seq)),
            );
        }
    }
    has.sort_by_key(|&(unit, responsible, _)| (unit, responsible));
    for group in has.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        let (unit, responsible, _) = group[0];
        let seqs = group.iter().map(|&(_, _, seq)| seq).collect();
        if responsible {
            units[unit].responsible_tasks = seqs;
        } else {
            units[unit].lead_tasks = seqs;
        }
    }
    units
}
