//! Unit lists: splitting a lead or responsible cell into units, normalising each name, and
//! indexing the units of the whole table.
//!
//! The rules that are data (alias table, unit kinds) live in `data/`; see [`crate::rules`].

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use std::hash::BuildHasher;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;
use rustc_hash::FxBuildHasher;

use crate::dataset::{Normalisation, Normalisations, Task, Unit, UnitForm, UnitMention};
use crate::diagnostic::{Code, Diagnostic};
use crate::rules;
use crate::span::{LineIndex, Span};
use crate::text;

/// A unit name after normalisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalised<'a> {
    /// The canonical name (borrowed from the input when normalising changed nothing).
    pub name: Cow<'a, str>,
    /// The parenthesised note split off the end, if any.
    pub note: Option<String>,
    /// What was changed, in the order applied.
    pub steps: Normalisations,
}

fn is_open(c: char) -> bool {
    matches!(c, '(' | '（')
}

fn is_close(c: char) -> bool {
    matches!(c, ')' | '）')
}

/// A unit cell split into the units it lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// Each unit's raw text and its byte offset in the cell.
    pub pieces: Vec<(usize, &'a str)>,
    /// Whether each piece was rejoined from fragments a line wrap had split.
    pub rejoined: Vec<bool>,
    /// False when the parentheses do not balance; the cell was then split ignoring them.
    pub balanced: bool,
}

/// Separators between units: whitespace (PDF wraps, `<br>`), 、，,；;.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';')
}

/// A fragment of a cell between separators: byte range, and whether only whitespace
/// separates it from the next fragment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fragment {
    start: usize,
    end: usize,
    space_after: bool,
}

/// Split a unit cell into the units it lists.
///
/// Units are separated by whitespace or 、，,；;, never inside parentheses (half- or
/// full-width): `各县(市、区)政府 县民政局` is two units. A fragment that does not end like a
/// unit name (`data/unit_suffixes.txt`) followed, across a space, by fragments that do is one
/// name a line wrap broke: `县住房保障 服务中心` is one unit. A trailing `。` or `等` is not part
/// of a name.
pub fn split(cell: &str) -> Split<'_> {
    let mut scratch = Vec::new();
    let mut found = Vec::new();
    let balanced = split_into(cell, &mut scratch, &mut found);
    Split {
        pieces: found
            .iter()
            .map(|p| (p.start, &cell[p.start..p.end]))
            .collect(),
        rejoined: found.iter().map(|p| p.rejoined).collect(),
        balanced,
    }
}

/// A unit found in a cell by [`split_into`]: byte range in the cell, and whether it was
/// rejoined from fragments a line wrap had split.
#[derive(Clone, Copy, Debug)]
struct Found {
    start: usize,
    end: usize,
    rejoined: bool,
}

/// [`split`], into buffers the caller keeps between cells (`fragments` is scratch; `pieces`
/// is cleared and filled). Returns whether the parentheses balance.
fn split_into(cell: &str, fragments: &mut Vec<Fragment>, pieces: &mut Vec<Found>) -> bool {
    pieces.clear();
    let balanced = fragments_into(cell, true, fragments);
    if !balanced {
        fragments_into(cell, false, fragments);
    }
    let fragments = &fragments[..];
    let mut i = 0;
    while i < fragments.len() {
        let first = fragments[i];
        // The shortest run of space-separated fragments, starting at one that does not end
        // like a name, whose last fragment does.
        let mut last = i;
        if first.space_after && !ends_like_name(&cell[first.start..first.end]) {
            let mut k = i;
            while fragments[k].space_after && k + 1 < fragments.len() {
                k += 1;
                let f = fragments[k];
                if ends_like_name(&cell[f.start..f.end]) {
                    last = k;
                    break;
                }
            }
        }
        let raw = trim_list_marks(&cell[first.start..fragments[last].end]);
        if !raw.is_empty() {
            pieces.push(Found {
                start: first.start,
                end: first.start + raw.len(),
                rejoined: last > i,
            });
        }
        i = last + 1;
    }
    balanced
}

/// A name without a trailing `。` or `等` (unless that is all there is).
fn trim_list_marks(raw: &str) -> &str {
    let trimmed = raw.trim_end_matches(['。', '等', '.']);
    if trimmed.is_empty() { raw } else { trimmed }
}

/// Whether `fragment` ends like a unit name: with a known ending, or with a note in
/// parentheses (a note follows a whole name).
pub(crate) fn ends_like_name(fragment: &str) -> bool {
    let fragment = trim_list_marks(fragment);
    fragment.ends_with([')', '）']) || rules::has_unit_suffix(fragment)
}

/// The fragments of `cell` between separators outside parentheses (or anywhere, when
/// `parentheses` is false), into `out` (cleared first); false when the parentheses do not
/// balance.
fn fragments_into(cell: &str, parentheses: bool, out: &mut Vec<Fragment>) -> bool {
    out.clear();
    let mut depth: u32 = 0;
    let mut start: Option<usize> = None;
    for (i, c) in cell.char_indices() {
        if parentheses && is_open(c) {
            depth += 1;
        } else if parentheses && is_close(c) {
            let Some(d) = depth.checked_sub(1) else {
                return false;
            };
            depth = d;
        }
        if is_separator(c) && depth == 0 {
            if let Some(s) = start.take() {
                out.push(Fragment {
                    start: s,
                    end: i,
                    space_after: true,
                });
            }
            if !c.is_whitespace() {
                if let Some(last) = out.last_mut() {
                    last.space_after = false;
                }
            }
        } else {
            start.get_or_insert(i);
        }
    }
    if let Some(s) = start {
        out.push(Fragment {
            start: s,
            end: cell.len(),
            space_after: false,
        });
    }
    if let Some(last) = out.last_mut() {
        last.space_after = false;
    }
    depth == 0
}

/// Normalise one unit as written: remove whitespace, make parentheses full-width, split off
/// trailing parenthesised notes, map variant spellings through the alias table.
///
/// Normalising the resulting name again changes nothing.
pub fn normalise(raw: &str) -> Normalised<'_> {
    // Most names need nothing but the alias lookup: no whitespace, no parentheses of either
    // width (full-width ones start with byte EF).
    let plain = !raw.contains(|c: char| c.is_whitespace() || is_open(c) || is_close(c));
    if plain {
        let (name, steps) = match rules::unit_alias(raw) {
            Some(canonical) => (
                Cow::Borrowed(canonical),
                Normalisations::from_iter([Normalisation::Alias]),
            ),
            None => (Cow::Borrowed(raw), Normalisations::default()),
        };
        return Normalised {
            name,
            note: None,
            steps,
        };
    }
    let mut steps = Normalisations::default();
    let mut name = if raw.contains(char::is_whitespace) {
        Cow::Owned(text::compact(raw))
    } else {
        Cow::Borrowed(raw)
    };
    if name.len() != raw.len() {
        steps.insert(Normalisation::Whitespace);
    }
    if name.bytes().any(|b| b == b'(' || b == b')') {
        name = Cow::Owned(name.replace('(', "（").replace(')', "）"));
        steps.insert(Normalisation::Parentheses);
    }
    // Notes come off the end, last first: `甲（乙）（丙）`, and `甲（乙` with its `）` lost.
    let mut notes = Vec::new();
    loop {
        let (open, close) = if let Some(open) = trailing_group(&name) {
            (open, name.len() - '）'.len_utf8())
        } else if let Some(open) = unclosed_tail(&name) {
            (open, name.len())
        } else {
            break;
        };
        let note = &name[open + '（'.len_utf8()..close];
        if !note.is_empty() {
            notes.push(note.to_owned());
        }
        name = match name {
            Cow::Borrowed(s) => Cow::Borrowed(&s[..open]),
            Cow::Owned(mut s) => {
                s.truncate(open);
                Cow::Owned(s)
            }
        };
    }
    let note = if notes.is_empty() {
        None
    } else {
        steps.insert(Normalisation::NoteSplit);
        notes.reverse();
        Some(notes.join("；"))
    };
    if let Some(canonical) = rules::unit_alias(&name) {
        name = Cow::Borrowed(canonical);
        steps.insert(Normalisation::Alias);
    }
    Normalised { name, note, steps }
}

/// One shared allocation per distinct string: unit names repeat across the whole table.
#[derive(Debug, Default)]
pub struct Interner(HashTable<Arc<str>>);

/// The hash of a string in the tables of [`Interner`] and [`CellReader`].
fn hash_str(s: &str) -> u64 {
    FxBuildHasher.hash_one(s)
}

impl Interner {
    /// The shared copy of `s`.
    pub fn get(&mut self, s: &str) -> Arc<str> {
        match self.0.entry(hash_str(s), |t| **t == *s, |t| hash_str(t)) {
            Entry::Occupied(e) => e.get().clone(),
            Entry::Vacant(e) => e.insert(Arc::from(s)).get().clone(),
        }
    }
}

/// Byte offset of a `（` that is never closed, when something stands before it.
fn unclosed_tail(name: &str) -> Option<usize> {
    name.rfind('（')
        .filter(|&i| i > 0 && !name[i..].contains('）'))
}

/// Byte offset of the `（` opening a parenthesised group that ends `name`, when something
/// other than parentheses stands before it.
fn trailing_group(name: &str) -> Option<usize> {
    if !name.ends_with('）') {
        return None;
    }
    let mut depth = 0;
    for (i, c) in name.char_indices().rev() {
        if c == '）' {
            depth += 1;
        } else if c == '（' {
            depth -= 1;
            if depth == 0 {
                return (i > 0).then_some(i);
            }
        }
    }
    None
}

/// What a unit cell says, wherever it stands.
#[derive(Debug)]
struct CellReading {
    /// Whether its parentheses balance.
    balanced: bool,
    /// The units it lists, in order, repeats included: a range of [`CellReader::pieces`].
    pieces: Range<usize>,
    /// The cell text, shared by every task that lists it.
    raw: Arc<str>,
    /// The distinct canonical names, in order.
    names: Arc<[Arc<str>]>,
    /// Their unit numbers: a range of [`CellReader::ids`].
    ids: Range<usize>,
    /// No piece is a repeat or was rejoined: each is a mention, with nothing to report.
    plain: bool,
}

/// One unit of a cell: where it stands and what it is (an index into
/// [`CellReader::known`]).
#[derive(Debug)]
struct Piece {
    /// Byte offset and length of the raw text in the cell text.
    at: usize,
    len: usize,
    known: usize,
    /// The same unit stands earlier in the cell.
    repeat: bool,
    /// Rejoined from fragments a line wrap had split.
    rejoined: bool,
}

/// Reads unit cells. Cells repeat (the same list of responsible units under many tasks), so
/// each distinct cell text is split and normalised once; names are interned.
#[derive(Debug, Default)]
pub struct CellReader {
    names: Interner,
    /// Index into `readings` of each cell text read so far (hashed by [`hash_str`]).
    seen: HashTable<usize>,
    readings: Vec<CellReading>,
    /// The pieces of every reading, one after another.
    pieces: Vec<Piece>,
    /// Each unit as written, normalised: units repeat across different cells too. Keyed by
    /// the raw form's hash; the value indexes `known`.
    units: HashTable<usize>,
    known: Vec<Known>,
    /// Scratch buffers for splitting a cell.
    fragments: Vec<Fragment>,
    found: Vec<Found>,
    /// The units (canonical names) met so far, numbered in order of first appearance, and
    /// the number of each (looked up by the address of the shared name).
    units_by_number: Vec<Arc<str>>,
    numbers: HashTable<usize>,
    /// The unit numbers of every reading's names, one reading after another.
    ids: Vec<usize>,
    /// Each unit as written, once, in the order the mentions first show it, with its unit
    /// number: what [`index`] needs of the mentions, gathered once per distinct form rather
    /// than per mention.
    forms: Vec<(Arc<UnitForm>, usize)>,
}

/// A unit as written, normalised: the form every mention of it shares.
#[derive(Debug, Clone)]
struct Known {
    form: Arc<UnitForm>,
    /// The unit's number.
    unit: usize,
    /// Already in `CellReader::forms`.
    listed: bool,
}

/// What [`index`] needs from the [`CellReader`] that read a table's unit cells.
#[derive(Clone, Debug, Default)]
pub struct UnitNumbers {
    /// Canonical names by unit number: in order of first appearance.
    pub names: Vec<Arc<str>>,
    /// Unit numbers of the cells read, one cell after another ([`CellUnits::ids`] ranges).
    pub ids: Vec<usize>,
    /// Each unit as written, once, in order of first mention, with its unit number.
    pub forms: Vec<(Arc<UnitForm>, usize)>,
}

/// The hash of a shared name in [`CellReader::numbers`]: of its address (names are interned).
fn hash_ptr(name: &Arc<str>) -> u64 {
    FxBuildHasher.hash_one(name.as_ptr() as usize)
}

/// The units of one cell, as [`CellReader::read`] gives them.
#[derive(Debug)]
pub struct CellUnits {
    /// The distinct canonical names, in order (shared by every cell with the same text).
    pub names: Arc<[Arc<str>]>,
    /// The cell text (shared likewise).
    pub raw: Arc<str>,
    /// The names' unit numbers: a range of [`UnitNumbers::ids`].
    pub ids: Range<usize>,
    /// Each unit where it stands.
    pub mentions: Vec<UnitMention>,
}

impl CellReader {
    /// A reader sized for a table of about `rows` rows.
    pub fn with_capacity(rows: usize) -> Self {
        let cells = rows.min(1 << 16);
        CellReader {
            names: Interner(HashTable::with_capacity(cells)),
            seen: HashTable::with_capacity(cells),
            readings: Vec::with_capacity(cells),
            pieces: Vec::with_capacity(cells * 2),
            units: HashTable::with_capacity(cells),
            known: Vec::with_capacity(cells),
            fragments: Vec::new(),
            found: Vec::new(),
            units_by_number: Vec::new(),
            numbers: HashTable::with_capacity(cells),
            ids: Vec::with_capacity(cells * 2),
            forms: Vec::new(),
        }
    }

    /// The units met, numbered, the numbers of each cell's names, and each unit as written
    /// in the order the mentions read so far first show it.
    pub fn into_numbers(self) -> UnitNumbers {
        UnitNumbers {
            names: self.units_by_number,
            ids: self.ids,
            forms: self.forms,
        }
    }

    /// The number of the unit named `name` (an interned name) in `by_number`, numbering it
    /// if it is new (`numbers` finds it).
    fn number(
        by_number: &mut Vec<Arc<str>>,
        numbers: &mut HashTable<usize>,
        name: &Arc<str>,
    ) -> usize {
        let hash = hash_ptr(name);
        let known = &*by_number;
        if let Some(&n) = numbers.find(hash, |&n| Arc::ptr_eq(&known[n], name)) {
            return n;
        }
        by_number.push(name.clone());
        let known = &*by_number;
        numbers.insert_unique(hash, known.len() - 1, |&m| hash_ptr(&known[m]));
        known.len() - 1
    }

    /// Read the units a cell lists. `cell_span` is the cell's span in `source`; what the
    /// cell needs said goes to `diags`.
    pub fn read(
        &mut self,
        cell: &str,
        cell_span: Span,
        source: &str,
        lines: &LineIndex,
        diags: &mut Vec<Diagnostic>,
    ) -> CellUnits {
        let hash = hash_str(cell);
        let readings = &self.readings;
        let index = match self.seen.find(hash, |&i| *readings[i].raw == *cell) {
            Some(&i) => i,
            None => {
                let reading = self.read_new(cell);
                self.readings.push(reading);
                let readings = &self.readings;
                self.seen
                    .insert_unique(hash, readings.len() - 1, |&i| hash_str(&readings[i].raw));
                readings.len() - 1
            }
        };
        let reading = &self.readings[index];
        if !reading.balanced {
            diags.push(Diagnostic::new(
                Code::UnbalancedParenthesis,
                cell_span,
                lines,
                format!("unit cell {cell:?} has unbalanced parentheses; split at every space"),
            ));
        }
        let written = &source[cell_span.range()];
        // Markup or escapes can make the cell text differ from the source; then each piece
        // is looked for in the source, else the cell's span stands for it.
        let verbatim = written == cell;
        // A cell on one line (every pipe-table cell) gives every unit in it the same line.
        let one_line = memchr::memchr(b'\n', written.as_bytes())
            .is_none()
            .then(|| lines.line(cell_span.start));
        let pieces = &self.pieces[reading.pieces.clone()];
        let known = &self.known;
        let mentions = if let (true, true, Some(line)) = (verbatim, reading.plain, one_line) {
            // The usual cell: every piece a mention, where it stands in the cell.
            pieces
                .iter()
                .map(|p| UnitMention {
                    form: known[p.known].form.clone(),
                    line,
                    span: Span::new(cell_span.start + p.at, cell_span.start + p.at + p.len),
                })
                .collect()
        } else {
            let mut cursor = 0;
            let mut mentions = Vec::with_capacity(reading.names.len());
            for piece in pieces {
                let known = &known[piece.known];
                let raw = &cell[piece.at..piece.at + piece.len];
                let found = if verbatim {
                    Some(piece.at)
                } else {
                    written[cursor..].find(raw).map(|i| cursor + i)
                };
                let span = match found {
                    Some(at) => {
                        cursor = at + raw.len();
                        Span::new(cell_span.start + at, cell_span.start + cursor)
                    }
                    None => cell_span,
                };
                if piece.rejoined {
                    diags.push(Diagnostic::new(
                        Code::UnitRejoined,
                        span,
                        lines,
                        format!(
                            "unit name {raw:?} was broken by a line wrap; read as {:?}",
                            known.form.name
                        ),
                    ));
                }
                if piece.repeat {
                    diags.push(Diagnostic::new(
                        Code::DuplicateUnit,
                        span,
                        lines,
                        format!(
                            "unit {:?} is listed twice in one cell; the repeat is dropped",
                            known.form.name
                        ),
                    ));
                    continue;
                }
                mentions.push(UnitMention {
                    form: known.form.clone(),
                    line: one_line.unwrap_or_else(|| lines.line(span.start)),
                    span,
                });
            }
            mentions
        };
        CellUnits {
            names: reading.names.clone(),
            raw: reading.raw.clone(),
            ids: reading.ids.clone(),
            mentions,
        }
    }

    /// Split and normalise a cell not seen before; its pieces go to `self.pieces`.
    fn read_new(&mut self, cell: &str) -> CellReading {
        let balanced = split_into(cell, &mut self.fragments, &mut self.found);
        let first = self.pieces.len();
        for found in &self.found {
            let raw = &cell[found.start..found.end];
            let hash = hash_str(raw);
            let known = &self.known;
            let k = match self.units.find(hash, |&k| *known[k].form.raw == *raw) {
                Some(&k) => k,
                None => {
                    let n = normalise(raw);
                    let name = self.names.get(&n.name);
                    let raw_shared = if raw == &*name {
                        name.clone()
                    } else {
                        self.names.get(raw)
                    };
                    let unit = Self::number(&mut self.units_by_number, &mut self.numbers, &name);
                    self.known.push(Known {
                        form: Arc::new(UnitForm {
                            name,
                            raw: raw_shared,
                            note: n.note.map(Arc::from),
                            normalised: n.steps,
                        }),
                        unit,
                        listed: false,
                    });
                    let known = &self.known;
                    self.units
                        .insert_unique(hash, known.len() - 1, |&k| hash_str(&known[k].form.raw));
                    known.len() - 1
                }
            };
            let known = &self.known[k];
            let repeat = self.pieces[first..]
                .iter()
                .any(|p| Arc::ptr_eq(&self.known[p.known].form.name, &known.form.name));
            // A repeat is no mention; every other piece is, wherever the cell stands. The first
            // reading of a cell comes before every other, so this is the mentions' order.
            if !repeat && !known.listed {
                self.forms.push((known.form.clone(), known.unit));
                self.known[k].listed = true;
            }
            self.pieces.push(Piece {
                at: found.start,
                len: raw.len(),
                known: k,
                repeat,
                rejoined: found.rejoined,
            });
        }
        let pieces = &self.pieces[first..];
        let ids = self.ids.len();
        let known = &self.known;
        self.ids.extend(
            pieces
                .iter()
                .filter(|p| !p.repeat)
                .map(|p| known[p.known].unit),
        );
        // Built from an iterator of known length, the shared list is one allocation.
        let name = |p: &Piece| self.known[p.known].form.name.clone();
        let names: Arc<[Arc<str>]> = if pieces.iter().any(|p| p.repeat) {
            pieces.iter().filter(|p| !p.repeat).map(name).collect()
        } else {
            pieces.iter().map(name).collect()
        };
        // A cell that is one unit as written shares that form's copy of the text.
        let raw = match pieces {
            [p] if p.len == cell.len() => self.known[p.known].form.raw.clone(),
            _ => Arc::from(cell),
        };
        CellReading {
            balanced,
            pieces: first..self.pieces.len(),
            raw,
            names,
            ids: ids..self.ids.len(),
            plain: pieces.iter().all(|p| !p.repeat && !p.rejoined),
        }
    }
}

/// Every unit the tasks name, once, in order of first appearance, with the tasks it has.
///
/// `units` comes from the [`CellReader`] that read the tasks' cells; `lists` gives, for each
/// task, its lead and responsible units (own or inherited) as ranges of `units.ids`.
pub fn index(tasks: &[Task], lists: &[[Range<usize>; 2]], units: &UnitNumbers) -> Vec<Unit> {
    let ids = &units.ids;
    // Allocate each task list once, then fill it.
    let mut counts = vec![[0usize; 2]; units.names.len()];
    for list in lists {
        for (column, range) in list.iter().enumerate() {
            for &id in &ids[range.clone()] {
                counts[id][column] += 1;
            }
        }
    }
    let mut out: Vec<Unit> = units
        .names
        .iter()
        .zip(counts)
        .map(|(name, [lead, responsible])| Unit {
            name: name.clone(),
            kind: rules::unit_kind(name),
            raw_forms: Vec::with_capacity(1),
            notes: Vec::new(),
            lead_tasks: Vec::with_capacity(lead),
            responsible_tasks: Vec::with_capacity(responsible),
        })
        .collect();
    for (task, [lead, responsible]) in tasks.iter().zip(lists) {
        for &id in &ids[lead.clone()] {
            out[id].lead_tasks.push(task.seq);
        }
        for &id in &ids[responsible.clone()] {
            out[id].responsible_tasks.push(task.seq);
        }
    }
    for (form, id) in &units.forms {
        let unit = &mut out[*id];
        if !unit.raw_forms.iter().any(|r| Arc::ptr_eq(r, &form.raw)) {
            unit.raw_forms.push(form.raw.clone());
        }
        if let Some(note) = form
            .note
            .as_deref()
            .filter(|n| !unit.notes.iter().any(|u| u == n))
        {
            unit.notes.push(note.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_units() {
        // (cell, units, rejoined, balanced)
        let cases: &[(&str, &[&str], &[bool], bool)] = &[
            (
                "县发改局 县工信局",
                &["县发改局", "县工信局"],
                &[false, false],
                true,
            ),
            (
                "  县发改局\n县工信局  ",
                &["县发改局", "县工信局"],
                &[false, false],
                true,
            ),
            (
                "县发改局、县工信局，县商务局",
                &["县发改局", "县工信局", "县商务局"],
                &[false; 3],
                true,
            ),
            (
                "县发改局,县工信局;县商务局；县财政局",
                &["县发改局", "县工信局", "县商务局", "县财政局"],
                &[false; 4],
                true,
            ),
            (
                "县发改局、县工信局等",
                &["县发改局", "县工信局"],
                &[false, false],
                true,
            ),
            (
                "县发改局 县工信局。",
                &["县发改局", "县工信局"],
                &[false, false],
                true,
            ),
            (
                "县人社局（县就业局） 县民政局",
                &["县人社局（县就业局）", "县民政局"],
                &[false, false],
                true,
            ),
            (
                "县人社局（县 就业局）",
                &["县人社局（县 就业局）"],
                &[false],
                true,
            ),
            (
                "各县(市、区)政府(管委会) 县委办",
                &["各县(市、区)政府(管委会)", "县委办"],
                &[false, false],
                true,
            ),
            (
                "县住房保障 服务中心 县民政局",
                &["县住房保障 服务中心", "县民政局"],
                &[true, false],
                true,
            ),
            (
                "农业示范 园区管委会",
                &["农业示范 园区管委会"],
                &[true],
                true,
            ),
            (
                "农业 示范 园区管委会",
                &["农业 示范 园区管委会"],
                &[true],
                true,
            ),
            // Not across punctuation, and not when nothing after it ends like a name.
            (
                "县住房保障、服务中心",
                &["县住房保障", "服务中心"],
                &[false, false],
                true,
            ),
            ("张三 李四", &["张三", "李四"], &[false, false], true),
            ("县发改局（数据局", &["县发改局（数据局"], &[false], false),
            (
                "县发改局（数据局 县工信局",
                &["县发改局（数据局", "县工信局"],
                &[false, false],
                false,
            ),
            (
                "县发改局） 县工信局",
                &["县发改局）", "县工信局"],
                &[false, false],
                false,
            ),
            ("", &[], &[], true),
            ("、 ，", &[], &[], true),
        ];
        for (cell, want, rejoined, balanced) in cases {
            let split = split(cell);
            let got: Vec<&str> = split.pieces.iter().map(|p| p.1).collect();
            assert_eq!(
                (&got[..], &split.rejoined[..], split.balanced),
                (*want, *rejoined, *balanced),
                "split({cell:?})"
            );
            for (at, piece) in split.pieces {
                assert_eq!(&cell[at..at + piece.len()], piece);
            }
        }
    }

    /// The plain statement of the fragment rule; `fragments` must agree with it.
    fn fragments_reference(cell: &str) -> Option<Vec<(usize, usize)>> {
        let mut out = Vec::new();
        let mut depth: u32 = 0;
        let mut start: Option<usize> = None;
        for (i, c) in cell.char_indices() {
            if is_open(c) {
                depth += 1;
            } else if is_close(c) {
                depth = depth.checked_sub(1)?;
            }
            if is_separator(c) && depth == 0 {
                if let Some(s) = start.take() {
                    out.push((s, i));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            out.push((s, cell.len()));
        }
        (depth == 0).then_some(out)
    }

    proptest::proptest! {
        #[test]
        fn fragments_agree_with_the_reference(cell in "[县局（）()各镇 \u{3000}\u{A0}，、,;；ｘ]{0,24}") {
            let mut out = Vec::new();
            let got = fragments_into(&cell, true, &mut out)
                .then(|| out.iter().map(|f| (f.start, f.end)).collect());
            proptest::prop_assert_eq!(got, fragments_reference(&cell));
        }
    }

    #[test]
    fn normalise_notes_parentheses_aliases() {
        use Normalisation::*;
        let cases: &[(&str, &str, Option<&str>, &[Normalisation])] = &[
            ("县发改局", "县发改局", None, &[]),
            (
                "县人社局（县就业局）",
                "县人社局",
                Some("县就业局"),
                &[NoteSplit],
            ),
            (
                "县发改局(数据局)",
                "县发改局",
                Some("数据局"),
                &[Parentheses, NoteSplit],
            ),
            ("各镇人民政府", "各乡镇人民政府", None, &[Alias]),
            ("各乡镇人民政府", "各乡镇人民政府", None, &[]),
            (
                "各县(市、区)政府(管委会)",
                "各县（市、区）政府",
                Some("管委会"),
                &[Parentheses, NoteSplit],
            ),
            ("甲（乙）（丙）", "甲", Some("乙；丙"), &[NoteSplit]),
            ("（县就业局）", "（县就业局）", None, &[]),
            (
                "县政务服务中心（县数据局",
                "县政务服务中心",
                Some("县数据局"),
                &[NoteSplit],
            ),
            ("甲（（乙", "甲", Some("乙"), &[NoteSplit]),
            ("甲（乙）（丙", "甲", Some("乙；丙"), &[NoteSplit]),
            ("县 就业局", "县就业局", None, &[Whitespace]),
        ];
        for (raw, name, note, steps) in cases {
            let n = normalise(raw);
            assert_eq!(
                (
                    n.name.as_ref(),
                    n.note.as_deref(),
                    &n.steps.iter().collect::<Vec<_>>()[..]
                ),
                (*name, *note, *steps),
                "normalise({raw:?})"
            );
            assert_eq!(normalise(&n.name).name, n.name, "twice: {raw:?}");
        }
    }

    #[test]
    fn canonical_names_of_the_alias_table_are_normal() {
        for (_, canonical) in rules::alias_pairs() {
            let n = normalise(canonical);
            assert_eq!(
                (n.name.as_ref(), n.steps.is_empty()),
                (canonical, true),
                "{canonical}"
            );
        }
    }

    #[test]
    fn mentions_of_one_written_form_share_it() {
        let source = "| 县发改局 县人社局（县就业局） |\n| 县人社局（县就业局） |\n";
        let lines = LineIndex::new(source);
        let mut reader = CellReader::with_capacity(2);
        let mut diags = Vec::new();
        // Each cell is the last place its text stands in the source.
        let mut read = |cell: &str| {
            let at = source.rfind(cell).unwrap();
            reader.read(
                cell,
                Span::new(at, at + cell.len()),
                source,
                &lines,
                &mut diags,
            )
        };
        let first = read("县发改局 县人社局（县就业局）");
        let second = read("县人社局（县就业局）");
        let (a, b) = (&first.mentions[1], &second.mentions[0]);
        assert!(Arc::ptr_eq(&a.form, &b.form));
        assert_eq!(
            (&*a.name, a.note.as_deref()),
            ("县人社局", Some("县就业局"))
        );
        assert_eq!((a.line, b.line), (1, 2));
        assert_eq!(&source[b.span.range()], "县人社局（县就业局）");
        assert_ne!(a.span, b.span);
        // Two units, numbered in order of first appearance; each cell's names by number.
        let numbers = reader.into_numbers();
        assert_eq!(numbers.forms.len(), 2);
        let names: Vec<&str> = numbers.names.iter().map(|n| &**n).collect();
        assert_eq!(names, ["县发改局", "县人社局"]);
        assert_eq!(
            (
                &numbers.ids[first.ids.clone()],
                &numbers.ids[second.ids.clone()]
            ),
            (&[0, 1][..], &[1][..])
        );
        assert!(diags.is_empty());
    }
}
