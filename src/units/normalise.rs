//! One unit as written → its canonical name and note.

use compact_str::{CompactString, format_compact};

use crate::dataset::{Name, Normalisation};
use crate::rules::Rules;
use crate::text;

use super::split::ends_like_name;

/// A unit name after normalisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalised {
    /// The canonical name.
    pub name: Name,
    /// The parenthesised notes split off the end, joined with `；`, if any.
    pub note: Option<String>,
    /// What was changed, in the order applied.
    pub steps: Vec<Normalisation>,
}

/// Normalise one unit as written: remove whitespace, make parentheses full-width, split off
/// trailing parenthesised notes, map variant spellings through the alias table of `rules`.
///
/// Normalising the resulting name again changes nothing.
pub fn normalise(raw: &str, rules: &Rules) -> Normalised {
    // Most names need nothing but the alias look-up.
    // (Ideographs, most of a name, are tested first: of them only `等` is special.)
    let special = |c: char| {
        c == '等'
            || (!('\u{4E00}'..='\u{9FFF}').contains(&c)
                && (c.is_whitespace()
                    || text::is_invisible(c)
                    || matches!(c, '(' | ')' | '（' | '）')))
    };
    if !raw.contains(special) {
        let mut steps = Vec::new();
        let name = canonical(raw, &mut steps, rules);
        return Normalised {
            name,
            note: None,
            steps,
        };
    }
    let mut steps = Vec::new();
    let mut name = if raw.contains(|c: char| c.is_whitespace() || text::is_invisible(c)) {
        steps.push(Normalisation::Whitespace);
        text::compact(raw)
    } else {
        raw.to_owned()
    };
    if name.contains(['(', ')']) {
        name = name.replace('(', "（").replace(')', "）");
        steps.push(Normalisation::Parentheses);
    }
    // Notes come off the end, last first: `甲（乙）（丙）`, and `甲（乙` with its `）` lost; and
    // what `等` adds (`县财政局等部门`: a group that can stand as a unit was split off before,
    // `县财政局等相关单位`), until none is left.
    let mut notes = Vec::new();
    loop {
        let (open, close) = if let Some(open) = trailing_group(&name) {
            (open, name.len() - '）'.len_utf8())
        } else if let Some(open) = unclosed_tail(&name) {
            (open, name.len())
        } else if let Some(at) = deng_tail(&name, rules) {
            notes.push(name[at..].to_owned());
            name.truncate(at);
            continue;
        } else {
            break;
        };
        let note = &name[open + '（'.len_utf8()..close];
        if !note.is_empty() {
            notes.push(note.to_owned());
        }
        name.truncate(open);
    }
    let note = if notes.is_empty() {
        None
    } else {
        steps.push(Normalisation::NoteSplit);
        notes.reverse();
        Some(notes.join("；"))
    };
    let name = canonical(&name, &mut steps, rules);
    Normalised { name, note, steps }
}

/// A name through the alias table, then to its standard short form.
fn canonical(name: &str, steps: &mut Vec<Normalisation>, rules: &Rules) -> Name {
    let aliased = rules.unit_alias(name);
    if aliased.is_some() {
        steps.push(Normalisation::Alias);
    }
    let name = aliased.unwrap_or(name);
    match rules.level_and_short_form(name) {
        Some((level, short)) => {
            steps.push(Normalisation::ShortForm);
            format_compact!("{level}{short}")
        }
        None => CompactString::from(name),
    }
}

/// Byte offset of the last `等` of `name` when a name of three characters or more that ends
/// like a unit stands before it and something after it: `县财政局等部门`.
fn deng_tail(name: &str, rules: &Rules) -> Option<usize> {
    let at = name.rfind('等')?;
    let before = &name[..at];
    (at + '等'.len_utf8() < name.len()
        && before.chars().nth(2).is_some()
        && ends_like_name(before, rules))
    .then_some(at)
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

#[cfg(test)]
mod tests {
    use super::*;

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
            ("县财政局等部门", "县财政局", Some("等部门"), &[NoteSplit]),
            (
                "县财政局等部门（牵头）",
                "县财政局",
                Some("等部门；牵头"),
                &[NoteSplit],
            ),
            ("县高等职业学校", "县高等职业学校", None, &[]),
            ("县 就业局", "县就业局", None, &[Whitespace]),
            ("县发\u{200B}改局\u{FEFF}", "县发改局", None, &[Whitespace]),
        ];
        for (raw, name, note, steps) in cases {
            let n = normalise(raw, Rules::builtin());
            assert_eq!(
                (n.name.as_str(), n.note.as_deref(), &n.steps[..]),
                (*name, *note, *steps),
                "normalise({raw:?})"
            );
            assert_eq!(
                normalise(&n.name, Rules::builtin()).name,
                n.name,
                "twice: {raw:?}"
            );
        }
    }

    #[test]
    fn canonical_names_of_the_alias_table_are_normal() {
        for (_, canonical) in Rules::builtin().alias_pairs() {
            let n = normalise(canonical, Rules::builtin());
            assert_eq!(
                (n.name.as_str(), n.steps.is_empty()),
                (canonical, true),
                "{canonical}"
            );
        }
    }
}
