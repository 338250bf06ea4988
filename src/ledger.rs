//! Per-unit ledgers (台账): for each unit, the tasks it leads and shares — its own and those of
//! the groups it belongs to (`县政府各部门`, `各乡镇人民政府`) — and the reporting duties that
//! follow from the notice's schedule.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, Every, UnitKind};
use crate::rules::Rules;
use crate::units;

/// A county's own list of its units (`fengong ledger --roster units.tsv`): who belongs to
/// which group, and other names a unit goes by.
#[derive(Clone, Debug, Default)]
pub struct Roster {
    units: Vec<RosterUnit>,
}

#[derive(Clone, Debug)]
struct RosterUnit {
    name: String,
    groups: Vec<String>,
    aliases: Vec<String>,
}

/// A roster line that cannot be read: its 1-based line and why.
#[derive(Debug)]
pub struct RosterError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for RosterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.line, self.message)
    }
}

impl std::error::Error for RosterError {}

impl Roster {
    /// Read a roster: one unit a line, `NAME<TAB>KIND<TAB>GROUPS<TAB>ALIASES` (groups and
    /// aliases separated by `、`; every field after the name may be empty or left out;
    /// `#` starts a comment line). Names are normalised as unit cells are.
    pub fn parse(text: &str, rules: &Rules) -> Result<Roster, RosterError> {
        let mut units = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if fields.len() > 4 {
                return Err(RosterError {
                    line: i + 1,
                    message: format!(
                        "expected NAME<TAB>KIND<TAB>GROUPS<TAB>ALIASES, found {} fields",
                        fields.len()
                    ),
                });
            }
            let name = fields[0];
            let error = |message: String| RosterError {
                line: i + 1,
                message,
            };
            if name.is_empty() {
                return Err(error("the unit's name is empty".to_owned()));
            }
            if name.contains(char::is_whitespace) {
                return Err(error(format!(
                    "the name {name:?} holds spaces: the fields of a line are separated by \
                     tabs (NAME<TAB>KIND<TAB>GROUPS<TAB>ALIASES)"
                )));
            }
            let kind = fields.get(1).copied().unwrap_or_default();
            if !kind.is_empty()
                && serde_json::from_value::<crate::dataset::UnitKind>(kind.into()).is_err()
            {
                return Err(error(format!(
                    "unknown kind {kind:?}; expected one of: department, township, committee, \
                     group, organisation, other (or nothing)"
                )));
            }
            let list = |k: usize| -> Vec<String> {
                fields
                    .get(k)
                    .map(|f| {
                        f.split('、')
                            .filter(|s| !s.trim().is_empty())
                            .map(|s| units::normalise(s.trim(), rules).name.into_string())
                            .collect()
                    })
                    .unwrap_or_default()
            };
            units.push(RosterUnit {
                name: units::normalise(name, rules).name.into_string(),
                groups: list(2),
                aliases: list(3),
            });
        }
        Ok(Roster { units })
    }
}

/// One unit's ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    /// The unit.
    pub unit: String,
    /// Its id (`units[].id`).
    pub id: String,
    /// Its tasks, by number, each once: led or shared, its own or through a group.
    pub tasks: Vec<LedgerTask>,
    /// How many tasks it has, leads and shares: the figures of its ledger's heading.
    pub counts: LedgerCounts,
    /// The reports it owes, from `notice.reporting`.
    pub reporting: Vec<Duty>,
}

/// The figures of a unit's ledger: `36 tasks: 14 led, 22 shared (21 through 县政府各部门)`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerCounts {
    /// Tasks on the ledger, each counted once.
    pub tasks: usize,
    /// Tasks it leads (its own name or a group it belongs to in the lead cell).
    pub led: usize,
    /// Tasks it does not lead but is responsible for: `tasks - led`.
    pub shared: usize,
    /// Of the shared tasks, how many it has only through each group (`县政府各部门`: 21).
    pub shared_via: BTreeMap<String, usize>,
}

/// A task on a unit's ledger, once, with every way the unit has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerTask {
    /// The task's number.
    pub seq: u32,
    /// The unit's first role in it: `lead` when it leads it at all, else `responsible`.
    pub role: String,
    /// The group through which the unit has that role (`县政府各部门`), or null for its own.
    pub via: Option<String>,
    /// Every role the unit has in the task, its own first, then through each group: a task
    /// it leads may name it again through 县政府各部门 among the responsible units.
    pub roles: Vec<LedgerRole>,
    /// The task's section number.
    pub section: Option<u32>,
    /// The task's deadline (完成时限), if the notice gives one.
    pub deadline: Option<String>,
    /// The task's text.
    pub text: String,
}

/// One way a unit has a task: as `lead` or `responsible`, its own or through a group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRole {
    /// `lead` or `responsible`.
    pub role: String,
    /// The group through which (`县政府各部门`), or null for its own name.
    pub via: Option<String>,
}

/// A report a unit owes: as whom, to whom, when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duty {
    /// As `lead` or `responsible` unit (or the unit's own name, where the notice names it).
    pub role: String,
    /// To whom (a role or a body's name), if the notice says.
    pub to: Option<String>,
    /// How often.
    pub every: Every,
    /// Month of the year (yearly reports).
    pub month: Option<u32>,
    /// Month of the quarter (quarterly reports).
    pub month_of_quarter: Option<u32>,
    /// Day of the month.
    pub day: Option<u32>,
}

/// Every unit's ledger (groups themselves have none: their tasks are on their members'), or
/// only those of `only` (names, normalised). Group members come from `roster` where it lists
/// the group's members, else from `units[].groups` (inferred from the notice).
pub fn ledgers(
    d: &Dataset,
    roster: Option<&Roster>,
    only: &[String],
    rules: &Rules,
) -> Vec<Ledger> {
    // A roster alias is the unit it names.
    let canonical = |name: &str| -> String {
        roster
            .and_then(|r| r.units.iter().find(|u| u.aliases.iter().any(|a| a == name)))
            .map_or_else(|| name.to_owned(), |u| u.name.clone())
    };
    let only: Vec<String> = only
        .iter()
        .map(|n| canonical(&units::normalise(n, rules).name))
        .collect();
    let by_name: BTreeMap<&str, &crate::dataset::Unit> =
        d.units.iter().map(|u| (u.name.as_str(), u)).collect();
    let groups: Vec<&crate::dataset::Unit> = d
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::Group)
        .collect();
    let listed_by_roster = |group: &str| {
        roster.is_some_and(|r| r.units.iter().any(|u| u.groups.iter().any(|g| g == group)))
    };
    // The units: the notice's (groups aside), then the roster's it does not name.
    let mut names: Vec<String> = Vec::new();
    for u in d.units.iter().filter(|u| u.kind != UnitKind::Group) {
        let name = canonical(&u.name);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if let Some(r) = roster {
        for u in &r.units {
            if !names.contains(&u.name) && !groups.iter().any(|g| g.name == u.name) {
                names.push(u.name.clone());
            }
        }
    }
    names
        .into_iter()
        .filter(|n| only.is_empty() || only.contains(n))
        .map(|name| {
            // Its own tasks, under its name and its aliases.
            let own: Vec<&crate::dataset::Unit> = d
                .units
                .iter()
                .filter(|u| u.kind != UnitKind::Group && canonical(&u.name) == name)
                .collect();
            let member_of: Vec<&str> = groups
                .iter()
                .map(|g| g.name.as_str())
                .filter(|g| {
                    if listed_by_roster(g) {
                        roster.is_some_and(|r| {
                            r.units
                                .iter()
                                .any(|u| u.name == name && u.groups.iter().any(|x| x == g))
                        })
                    } else {
                        own.iter().any(|u| u.groups.iter().any(|x| x == g))
                    }
                })
                .collect();
            // Each task once, its roles in this order: own lead, lead through a group, own
            // responsible, responsible through a group.
            let mut tasks: BTreeMap<u32, LedgerTask> = BTreeMap::new();
            let mut add = |seq: u32, role: &'static str, via: Option<&str>| {
                let Some(task) = d.tasks.iter().find(|t| t.seq == seq) else {
                    return;
                };
                let entry = tasks.entry(seq).or_insert_with(|| LedgerTask {
                    seq,
                    role: role.to_owned(),
                    via: via.map(str::to_owned),
                    roles: Vec::new(),
                    section: task.section,
                    deadline: task.deadline.clone(),
                    text: task.text.clone(),
                });
                let this = LedgerRole {
                    role: role.to_owned(),
                    via: via.map(str::to_owned),
                };
                if !entry.roles.contains(&this) {
                    entry.roles.push(this);
                }
            };
            for u in &own {
                u.lead_tasks.iter().for_each(|&s| add(s, "lead", None));
            }
            for g in &member_of {
                if let Some(group) = by_name.get(g) {
                    group
                        .lead_tasks
                        .iter()
                        .for_each(|&s| add(s, "lead", Some(g)));
                }
            }
            for u in &own {
                u.responsible_tasks
                    .iter()
                    .for_each(|&s| add(s, "responsible", None));
            }
            for g in &member_of {
                if let Some(group) = by_name.get(g) {
                    group
                        .responsible_tasks
                        .iter()
                        .for_each(|&s| add(s, "responsible", Some(g)));
                }
            }
            let tasks: Vec<LedgerTask> = tasks.into_values().collect();
            let counts = counts(&tasks);
            let has = |role: &str| tasks.iter().any(|t| t.role == role);
            let reporting = d
                .notice
                .reporting
                .iter()
                .filter_map(|r| {
                    let from = r.from.as_deref()?;
                    let applies = match from {
                        "lead" | "responsible" => has(from),
                        other => canonical(&units::normalise(other, rules).name) == name,
                    };
                    applies.then(|| Duty {
                        role: from.to_owned(),
                        to: r.to.clone(),
                        every: r.every,
                        month: r.month,
                        month_of_quarter: r.month_of_quarter,
                        day: r.day,
                    })
                })
                .collect();
            Ledger {
                id: units::unit_id(d.notice.jurisdiction.as_deref(), &name),
                unit: name,
                tasks,
                counts,
                reporting,
            }
        })
        .collect()
}

/// The figures of a ledger of `tasks`.
fn counts(tasks: &[LedgerTask]) -> LedgerCounts {
    let led = tasks.iter().filter(|t| t.role == "lead").count();
    let mut shared_via = BTreeMap::new();
    for t in tasks.iter().filter(|t| t.role != "lead") {
        if let Some(g) = &t.via {
            *shared_via.entry(g.clone()).or_default() += 1;
        }
    }
    LedgerCounts {
        tasks: tasks.len(),
        led,
        shared: tasks.len() - led,
        shared_via,
    }
}
