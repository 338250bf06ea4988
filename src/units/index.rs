//! The tasks' units → one record per unit, with the tasks it has.

use std::collections::HashMap;

use crate::dataset::{Task, Unit};
use crate::rules::Rules;

/// Every unit the tasks name, once, in order of first appearance (lead cell before
/// responsible cell, task by task), with the ways it was written, its notes, and the tasks it
/// leads and is responsible for (own or inherited lists).
pub fn index(tasks: &[Task], rules: &Rules) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for task in tasks {
        for m in task.lead_mentions.iter().chain(&task.responsible_mentions) {
            let i = *by_name.entry(m.name.clone()).or_insert_with(|| {
                units.push(Unit {
                    name: m.name.clone(),
                    kind: rules.unit_kind(&m.name),
                    raw_forms: Vec::new(),
                    notes: Vec::new(),
                    lead_tasks: Vec::new(),
                    responsible_tasks: Vec::new(),
                });
                units.len() - 1
            });
            let unit = &mut units[i];
            if !unit.raw_forms.contains(&m.raw) {
                unit.raw_forms.push(m.raw.clone());
            }
            if let Some(note) = m.note.as_ref().filter(|n| !unit.notes.contains(n)) {
                unit.notes.push(note.clone());
            }
        }
    }
    for task in tasks {
        for name in &task.lead {
            if let Some(&i) = by_name.get(name) {
                units[i].lead_tasks.push(task.seq);
            }
        }
        for name in &task.responsible {
            if let Some(&i) = by_name.get(name) {
                units[i].responsible_tasks.push(task.seq);
            }
        }
    }
    units
}
