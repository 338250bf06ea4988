//! Units given their role by the words after them (`县发改局牵头，县统计局、县财政局配合`) or
//! by their note (`县发改局（牵头）`), as list notices write them in a task's bracket and some
//! tables in one unit cell. The words are data: `data/role_words.tsv`.

use std::ops::Range;

use crate::dataset::UnitMention;
use crate::rules::{Role, Rules};
use crate::text;

use super::split::ends_like_name;

/// One unit list of a text and the role the word after it gives: where the list stands in
/// the text (the word left out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RoleList {
    pub role: Role,
    pub range: Range<usize>,
    /// Where the role word stands (empty for a list that takes the next one's role).
    pub word: Range<usize>,
}

/// `text` read as unit lists each followed by a role word: `县发改局牵头，县统计局配合` →
/// lead `县发改局`, responsible `县统计局`. Parts end at `，；。` outside parentheses; a part
/// with no role word (`县财政局，县统计局配合`) takes the next part's role. `None` unless every
/// part reads so and each list ends like a unit name.
pub(crate) fn role_lists(text: &str, rules: &Rules) -> Option<Vec<RoleList>> {
    // Most cells end with a name, not a role word: ruled out before any splitting.
    let end = text
        .trim_end()
        .trim_end_matches(['。', '；', ';', '，', ','])
        .trim_end();
    rules.role_word_ending(end)?;
    let mut lists = Vec::new();
    let mut pending: Vec<Range<usize>> = Vec::new();
    for part in parts(text) {
        let written = &text[part.clone()];
        let start = part.start + (written.len() - written.trim_start().len());
        let s = written.trim();
        if s.is_empty() {
            continue;
        }
        match rules.role_word_ending(s) {
            Some((role, len)) => {
                let by = if s.starts_with('由') {
                    '由'.len_utf8()
                } else {
                    0
                };
                let list = s[by..s.len() - len].trim_end();
                if list.is_empty() || !ends_like_name(list, rules) {
                    return None;
                }
                let word = start + s.len() - len..start + s.len();
                lists.extend(pending.drain(..).map(|range| RoleList {
                    role,
                    range,
                    word: word.end..word.end,
                }));
                let at = start + by;
                lists.push(RoleList {
                    role,
                    range: at..at + list.len(),
                    word,
                });
            }
            None if ends_like_name(s, rules) => pending.push(start..start + s.len()),
            None => return None,
        }
    }
    (pending.is_empty() && !lists.is_empty()).then_some(lists)
}

/// How I019 says that task `seq`'s `from` cell or label gives `names` the `to` role by
/// `words` (the role words or notes after them).
pub(crate) fn gives(
    seq: u32,
    from: &str,
    names: &[crate::dataset::Name],
    to: &str,
    words: &[String],
) -> String {
    format!(
        "task {seq}'s {from} gives {} the {to} role ({} after it)",
        names.join("、"),
        words.join("、")
    )
}

/// How I019 says that task `seq`'s `from` cell or label gives `name` the lead role by listing
/// it first, as line `line` of the notice says the first unit listed leads.
pub(crate) fn listed_first(seq: u32, from: &str, name: &str, line: usize) -> String {
    format!(
        "task {seq}'s {from} lists {name} first, and line {line} says the first unit listed \
         leads"
    )
}

/// Whether `text` is only unit names, each beginning with a level (`县`, `各`:
/// `data/unit_levels.txt`) and ending like a unit: `县发改局、县统计局`, not `图书馆、文化馆`.
pub(crate) fn names_only(text: &str, rules: &Rules) -> bool {
    let mut any = false;
    for part in parts(text) {
        let part = &text[part];
        for name in text::split_outside_brackets(part, &['、']) {
            let name = part[name].trim();
            if name.is_empty() {
                continue;
            }
            let level = name.chars().next().is_some_and(|c| rules.is_unit_level(c));
            if !level || !ends_like_name(name, rules) {
                return false;
            }
            any = true;
        }
    }
    any
}

/// The byte ranges of `text` between `，,；;。` outside brackets.
fn parts(text: &str) -> Vec<Range<usize>> {
    text::split_outside_brackets(text, &['，', ',', '；', ';', '。'])
}

/// The mentions whose note gives them `role` (`县发改局（牵头）` in a responsible cell: the
/// lead), taken out of `mentions`.
pub(crate) fn take_noted(
    mentions: &mut Vec<UnitMention>,
    role: Role,
    rules: &Rules,
) -> Vec<UnitMention> {
    let noted = |m: &UnitMention| {
        m.note
            .as_deref()
            .is_some_and(|n| rules.note_role(n) == Some(role))
    };
    if !mentions.iter().any(noted) {
        return Vec::new();
    }
    let (taken, kept) = std::mem::take(mentions).into_iter().partition(noted);
    *mentions = kept;
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<Vec<(Role, &str)>> {
        role_lists(text, Rules::builtin()).map(|lists| {
            lists
                .into_iter()
                .map(|l| (l.role, &text[l.range]))
                .collect()
        })
    }

    #[test]
    fn lists_and_their_roles() {
        use Role::{Lead, Responsible};
        assert_eq!(
            read("县发展和改革局牵头，县统计局、县财政局配合"),
            Some(vec![
                (Lead, "县发展和改革局"),
                (Responsible, "县统计局、县财政局")
            ])
        );
        assert_eq!(
            read("由县民政局负责。"),
            Some(vec![(Responsible, "县民政局")])
        );
        assert_eq!(
            read("县发改局、县住建局牵头；县财政局，县自然资源局配合"),
            Some(vec![
                (Lead, "县发改局、县住建局"),
                (Responsible, "县财政局"),
                (Responsible, "县自然资源局"),
            ])
        );
        assert_eq!(
            read("县人社局牵头负责，各乡镇人民政府按职责分工负责"),
            Some(vec![(Lead, "县人社局"), (Responsible, "各乡镇人民政府")])
        );
        // A note in parentheses stays with its unit.
        assert_eq!(
            read("县农业农村局（县乡村振兴局）牵头"),
            Some(vec![(Lead, "县农业农村局（县乡村振兴局）")])
        );
    }

    #[test]
    fn texts_that_are_not_role_lists() {
        for text in [
            "县发改局、县统计局",
            "全县上下共同负责",
            "牵头",
            "县发改局牵头，县统计局",
            "由县发改局牵头制定实施方案",
            "",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
