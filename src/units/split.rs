//! A unit cell → the units it lists, as written.

use crate::rules::Rules;

pub(super) fn is_open(c: char) -> bool {
    matches!(c, '(' | '（')
}

pub(super) fn is_close(c: char) -> bool {
    matches!(c, ')' | '）')
}

/// One unit as a cell lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece<'a> {
    /// Byte offset of the unit's text in the cell.
    pub at: usize,
    /// The unit's text as written.
    pub raw: &'a str,
    /// Whether it was rejoined from fragments a line wrap had split.
    pub rejoined: bool,
    /// Whether it was split from units written together without a separator.
    pub unrun: bool,
}

/// A unit cell split into the units it lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The units, in order, repeats included.
    pub pieces: Vec<Piece<'a>>,
    /// False when the parentheses do not balance; the cell was then split ignoring them.
    pub balanced: bool,
}

/// Separators between units: whitespace (PDF wraps, `<br>`), 、，,；;.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';')
}

/// A fragment of a cell between separators: byte range, and whether only whitespace
/// separates it from the next fragment; then what [`split`] learns of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Fragment {
    start: usize,
    end: usize,
    space_after: bool,
    /// A character of it was given back from a neighbour (a wrap inside the name).
    gave_back: bool,
    /// It ends like a unit name.
    ends: bool,
    /// The first fragment after it, across spaces only, that ends like a name.
    next_name: Option<usize>,
}

/// Split a unit cell into the units it lists.
///
/// Units are separated by whitespace or 、，,；;, never inside parentheses (half- or
/// full-width): `各县(市、区)政府 县民政局` is two units. A fragment that does not end like a
/// unit name (`data/unit_suffixes.txt`) followed, across a space, by fragments that do is one
/// name a line wrap broke: `县住房保障 服务中心` is one unit. A trailing `。` or `等` is not part
/// of a name.
pub fn split<'a>(cell: &'a str, rules: &Rules) -> Split<'a> {
    let (fragments, balanced) = match fragments(cell, true) {
        Some(f) => (f, true),
        None => (fragments(cell, false).unwrap_or_default(), false),
    };
    let mut fragments = fragments;
    // `县农业农村` / `局县自然资源局`: a wrap that left a name's last character (a one-character
    // ending, `局`) before the next name (begun by a level, `县`): the character goes back.
    for i in 1..fragments.len() {
        let (before, this) = (fragments[i - 1], fragments[i]);
        let text = &cell[this.start..this.end];
        let mut chars = text.chars();
        let (Some(first), Some(second)) = (chars.next(), chars.next()) else {
            continue;
        };
        let mut buf = [0u8; 4];
        if before.space_after
            && rules.is_unit_suffix(first.encode_utf8(&mut buf))
            && rules.is_unit_level(second)
        {
            fragments[i - 1].end = this.start + first.len_utf8();
            fragments[i - 1].space_after = false;
            fragments[i].start += first.len_utf8();
            fragments[i - 1].gave_back = true;
            continue;
        }
        // `县统计局县` / `水利局`: a wrap that put the next name's level (`县`) after a whole
        // name: the level goes on to the next name, when both then end like names.
        let before_text = &cell[before.start..before.end];
        let Some(level) = before_text.chars().next_back() else {
            continue;
        };
        let whole = &before_text[..before_text.len() - level.len_utf8()];
        if before.space_after
            && rules.is_unit_level(level)
            && !rules.is_unit_level(first)
            && whole.chars().nth(2).is_some()
            && ends_like_name(whole, rules)
            && ends_like_name(text, rules)
            && !cannot_stand(text, rules)
        {
            fragments[i - 1].end -= level.len_utf8();
            fragments[i - 1].space_after = false;
            fragments[i].start = before.end - level.len_utf8();
            fragments[i].gave_back = true;
        }
    }
    let mut pieces = Vec::with_capacity(fragments.len());
    for f in &mut fragments {
        f.ends = ends_like_name(&cell[f.start..f.end], rules);
    }
    // For each fragment, the first one after it, across spaces only, that ends like a name
    // (read from the end, so that a long run is walked once).
    for i in (0..fragments.len().saturating_sub(1)).rev() {
        if fragments[i].space_after {
            fragments[i].next_name = if fragments[i + 1].ends {
                Some(i + 1)
            } else {
                fragments[i + 1].next_name
            };
        }
    }
    let ends = |k: usize| fragments.get(k).is_some_and(|f| f.ends);
    let mut i = 0;
    while i < fragments.len() {
        let first = fragments[i];
        // The shortest run of space-separated fragments, starting at one that does not end
        // like a name, whose last fragment does.
        let mut last = match first.next_name {
            Some(k) if !first.ends => k,
            _ => i,
        };
        // Fragments after a space that cannot stand as a unit belong to it: `县政府各部 门`,
        // `城关镇 人民政府`, `市人社局 （市就业局）`; so does one that completes a standard
        // body name begun before the space: `县住房和城乡 建设局`.
        // A level alone (`区农业农村局 区` / `文旅局`: a wrap after the next name's level)
        // begins the name after it instead.
        let lone_level = |k: usize| {
            let f = &cell[fragments[k].start..fragments[k].end];
            let mut chars = f.chars();
            chars.next().is_some_and(|c| rules.is_unit_level(c))
                && chars.next().is_none()
                && fragments[k].space_after
                && ends(k + 1)
        };
        // A character alone that is neither an ending nor a level, after a whole name and
        // before a name that does not begin with a level (`市审计局 国` / `网金沙市供电公司`:
        // pdfplumber and pymupdf4llm, a PDF wrap after the next name's first character)
        // begins the name after it too: joined to the whole name before it, it would make
        // that one no name (`市审计局国`).
        let lone_first = |k: usize| {
            let f = &cell[fragments[k].start..fragments[k].end];
            let mut chars = f.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return false;
            };
            let next = fragments
                .get(k + 1)
                .map(|n| &cell[n.start..n.end])
                .unwrap_or_default();
            c != '等'
                && !is_open(c)
                && !rules.is_unit_level(c)
                && !rules.is_unit_suffix(f)
                && ends(k - 1)
                && fragments[k].space_after
                && ends(k + 1)
                && !next.chars().next().is_some_and(|n| rules.is_unit_level(n))
                && !cannot_stand(next, rules)
        };
        while fragments[last].space_after
            && !(last + 1 < fragments.len() && (lone_level(last + 1) || lone_first(last + 1)))
            && fragments.get(last + 1).is_some_and(|f| {
                let next = &cell[f.start..f.end];
                let before = &cell[first.start..fragments[last].end];
                cannot_stand(next, rules)
                    || rules.body_name_across(before, without_note(next))
                    || rules.group_across(before, without_note(next))
            })
        {
            last += 1;
        }
        let raw = trim_list_marks(&cell[first.start..fragments[last].end]);
        // A wrap inside the name: fragments joined, or a last character given back.
        let rejoined = last > i || fragments[i..=last].iter().any(|f| f.gave_back);
        // `县财政局等相关单位`: the units before 等, then the group after it.
        let parts = match before_deng(raw, rules) {
            Some(at) => [
                (0, &raw[..at]),
                (at + '等'.len_utf8(), &raw[at + '等'.len_utf8()..]),
            ],
            None => [(0, raw), (raw.len(), "")],
        };
        for (offset, raw) in parts.into_iter().filter(|(_, r)| !r.is_empty()) {
            let at = first.start + offset;
            match run_together(raw, rules) {
                None => pieces.push(Piece {
                    at,
                    raw,
                    rejoined,
                    unrun: false,
                }),
                Some(run) => pieces.extend(run.into_iter().map(|(offset, raw)| Piece {
                    at: at + offset,
                    raw,
                    rejoined,
                    unrun: true,
                })),
            }
        }
        i = last + 1;
    }
    Split { pieces, balanced }
}

/// The names a list of names (leaders, addressees, a copy-to list) gives: split as a unit
/// cell is ([`split`]), whitespace removed from each.
pub fn split_names<T: for<'a> From<&'a str>>(list: &str, rules: &Rules) -> Vec<T> {
    split(list, rules)
        .pieces
        .into_iter()
        .map(|p| T::from(&crate::text::compact_cow(p.raw)))
        .collect()
}

/// Where `等` stands in `raw` between units and a group that can stand as a unit
/// (`县财政局等相关单位`, `县直各部门等有关单位`), outside parentheses; `None` when it does not
/// (`县财政局等部门`: `部门` alone is an ending, the name stays whole).
fn before_deng(raw: &str, rules: &Rules) -> Option<usize> {
    let at = raw.rfind('等')?;
    let (before, after) = (&raw[..at], &raw[at + '等'.len_utf8()..]);
    let opens = before.chars().filter(|&c| is_open(c)).count();
    let closes = before.chars().filter(|&c| is_close(c)).count();
    (opens == closes
        && !before.is_empty()
        && ends_like_name(before, rules)
        && ends_like_name(after, rules)
        && !cannot_stand(after, rules))
    .then_some(at)
}

/// A name without a trailing `。` or `等` (unless that is all there is).
fn trim_list_marks(raw: &str) -> &str {
    let trimmed = raw.trim_end_matches(['。', '等', '.']);
    if trimmed.is_empty() { raw } else { trimmed }
}

/// The units in `raw` when they were written together without a separator
/// (`县税务局各乡镇人民政府`): split before a character a unit name begins with
/// (`data/unit_levels.txt`) where every piece then ends like a unit name, is at least three
/// characters long and can stand as a unit (not `各` and an ending alone, as in
/// `县政府各部门`). `None` when `raw` is one unit. Offsets are into `raw`.
fn run_together<'a>(raw: &'a str, rules: &Rules) -> Option<Vec<(usize, &'a str)>> {
    // Two pieces of three characters at least.
    raw.chars().nth(5)?;
    let mut cuts: Vec<usize> = Vec::new();
    let mut depth = 0u32;
    let mut last = 0;
    for (i, c) in raw.char_indices() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && i > 0 && rules.is_unit_level(c) {
            let left = &raw[last..i];
            if left.chars().nth(2).is_some() && ends_whole(left, rules) {
                cuts.push(i);
                last = i;
            }
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let stands = |p: &str| {
        let p = crate::text::compact_cow(p);
        p.chars().nth(2).is_some()
            && ends_like_name(&p, rules)
            && !p
                .strip_prefix('各')
                .is_some_and(|rest| rules.is_unit_suffix(rest))
    };
    // A cut before a piece that cannot stand as a unit is no cut: `县政府` / `各部门` is
    // `县政府各部门` (of `各乡镇人民政府县政府各部门`).
    let ends = cuts.iter().copied().chain([raw.len()]);
    let mut pieces: Vec<(usize, &str)> = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for end in ends {
        let piece = &raw[start..end];
        match pieces.last_mut() {
            Some((at, last)) if !stands(piece) => *last = &raw[*at..end],
            _ => pieces.push((start, piece)),
        }
        start = end;
    }
    (pieces.len() > 1 && pieces.iter().all(|(_, p)| stands(p))).then_some(pieces)
}

/// Whether `left`, before a level character, is a whole name: it ends like one, and where it
/// ends with a note in parentheses, the name before the note does (`县人社局（县就业局）`; not
/// `各县(市)` of `各县(市)区政府`, whose note stands inside the name).
fn ends_whole(left: &str, rules: &Rules) -> bool {
    if !ends_like_name(left, rules) {
        return false;
    }
    match left
        .trim_end_matches(['。', '等', '.'])
        .strip_suffix(is_close)
    {
        Some(inner) => inner
            .rfind(is_open)
            .is_some_and(|open| ends_like_name(&inner[..open], rules)),
        None => true,
    }
}

/// A name without the note in parentheses at its end (`会保障局（县就业局）` → `会保障局`).
fn without_note(name: &str) -> &str {
    let trimmed = name.trim_end();
    match trimmed.strip_suffix(['）', ')']) {
        Some(inner) => inner.rfind(['（', '(']).map_or(name, |open| &name[..open]),
        None => name,
    }
}

/// Whether a fragment cannot be a unit on its own: one character, only a unit-name ending
/// (`门`, `人民政府`), or a note in parentheses.
fn cannot_stand(fragment: &str, rules: &Rules) -> bool {
    let f = trim_list_marks(fragment);
    let mut chars = f.chars();
    chars.next().is_some_and(is_open) || chars.next().is_none() || rules.is_unit_suffix(f)
}

/// Where a name of [`TWO_IN_ONE_CHARS`] characters or more may be two units written together
/// that the split did not cut (no level character begins the second: `各镇人民政府高寨街道办事处`):
/// the first place after which what stands before (five characters or more, or a group:
/// `各部门`) ends like a unit and what follows (five or more) ends like one and can stand as
/// one. A standard full name (`unit_names.tsv`) is never such.
pub(crate) fn two_in_one<'n>(name: &'n str, rules: &Rules) -> Option<(&'n str, &'n str)> {
    let chars = name.chars().count();
    if !(TWO_IN_ONE_CHARS..=TWO_IN_ONE_MAX_CHARS).contains(&chars)
        || rules.has_short_form(name)
        || name.contains(is_open)
    {
        return None;
    }
    // Both parts of a unit's length: a level and a body and an ending (`县新农村` is a
    // village's name inside `县新农村建设服务中心`, not a unit before it).
    // Or a group and its ending (`各部门`) before the rest: a group's name is complete.
    let group = |before: &str| {
        before
            .strip_prefix('各')
            .is_some_and(|ending| rules.is_unit_suffix(ending))
    };
    name.char_indices().skip(3).find_map(|(at, _)| {
        let (before, after) = name.split_at(at);
        (after.chars().nth(4).is_some()
            && (before.chars().nth(4).is_some() || group(before))
            && rules.has_unit_suffix(before)
            && ends_like_name(after, rules)
            && !cannot_stand(after, rules))
        .then_some((before, after))
    })
}

/// Fewest characters of a name looked at by [`two_in_one`]: shorter names are one unit
/// (`县政府各部门`, `县人民政府办公室`).
const TWO_IN_ONE_CHARS: usize = 10;

/// Most characters of a name looked at by [`two_in_one`] (the look is quadratic in them).
const TWO_IN_ONE_MAX_CHARS: usize = 60;

/// Whether `fragment` ends like a unit name: with a known ending, or with a note in
/// parentheses (a note follows a whole name).
pub(crate) fn ends_like_name(fragment: &str, rules: &Rules) -> bool {
    ends_like_name_as_written(fragment, rules)
        // Fragments a wrap broke inside the ending, joined (`县政府各部 门`): the ending is
        // read without the break.
        || {
            let fragment = trim_list_marks(fragment);
            fragment.contains(char::is_whitespace)
                && rules.has_unit_suffix(&crate::text::compact(fragment))
        }
}

/// [`ends_like_name`] as `fragment` is written, spaces and all: a known ending or a note in
/// parentheses at its end. A list of names parted by `、，,；;` that ends so ends with a name
/// that does (no unit ending holds a separator), which a caller can tell without cutting the
/// list.
pub(crate) fn ends_like_name_as_written(fragment: &str, rules: &Rules) -> bool {
    let fragment = trim_list_marks(fragment);
    fragment.ends_with(is_close) || rules.has_unit_suffix(fragment)
}

/// The fragments of `cell` between separators outside parentheses (or anywhere, when
/// `parentheses` is false); `None` when the parentheses do not balance.
fn fragments(cell: &str, parentheses: bool) -> Option<Vec<Fragment>> {
    // Room for a name of four characters and a separator in every fourteen bytes, made once:
    // a cell lists up to a few dozen names.
    let mut out: Vec<Fragment> = Vec::with_capacity(cell.len() / 14 + 1);
    let mut depth: u32 = 0;
    let mut start: Option<usize> = None;
    let bytes = cell.as_bytes();
    let mut next = 0;
    while let Some(&b) = bytes.get(next) {
        let i = next;
        // Most characters are ideographs, neither separators nor parentheses: stepped over
        // whole, not decoded.
        if crate::text::begins_ideograph(b) {
            start.get_or_insert(i);
            next += 3;
            continue;
        }
        let Some(c) = cell[i..].chars().next() else {
            break;
        };
        next += c.len_utf8();
        if parentheses && is_open(c) {
            depth += 1;
        } else if parentheses && is_close(c) {
            depth = depth.checked_sub(1)?;
        }
        if is_separator(c) && depth == 0 {
            if let Some(s) = start.take() {
                out.push(Fragment {
                    start: s,
                    end: i,
                    space_after: true,
                    ..Fragment::default()
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
            ..Fragment::default()
        });
    }
    if let Some(last) = out.last_mut() {
        last.space_after = false;
    }
    (depth == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_last_character_a_wrap_put_before_the_next_name_goes_back() {
        let rules = Rules::builtin();
        let got: Vec<&str> = split("县农业农村\n局县自然资源局", rules)
            .pieces
            .iter()
            .map(|p| p.raw)
            .collect();
        assert_eq!(got, ["县农业农村\n局", "县自然资源局"]);
        // A name that begins with an ending character and no level after it stays whole.
        let got: Vec<&str> = split("县委 局机关党委", rules)
            .pieces
            .iter()
            .map(|p| p.raw)
            .collect();
        assert_eq!(got, ["县委", "局机关党委"]);
        // A level a wrap left after a whole name goes on to the next.
        let got: Vec<&str> = split("县统计局县\n水利局、县财政局", rules)
            .pieces
            .iter()
            .map(|p| p.raw)
            .collect();
        assert_eq!(got, ["县统计局", "县\n水利局", "县财政局"]);
        let got: Vec<&str> = split("县统计局 县\n水利局 县财政局", rules)
            .pieces
            .iter()
            .map(|p| p.raw)
            .collect();
        assert_eq!(got, ["县统计局", "县\n水利局", "县财政局"]);

        // The first character of the next name a wrap left after a whole name goes on to it.
        let got: Vec<&str> = split(
            "各县（市、区）人\n民政府 市审计局 国\n网金沙市供电公司",
            rules,
        )
        .pieces
        .iter()
        .map(|p| p.raw)
        .collect();
        assert_eq!(
            got,
            [
                "各县（市、区）人\n民政府",
                "市审计局",
                "国\n网金沙市供电公司"
            ]
        );
        // A standard name a wrap broke, its note after it.
        let got: Vec<&str> = split("县人力资源和社\n会保障局（县就业 局）、县水利局", rules)
            .pieces
            .iter()
            .map(|p| p.raw)
            .collect();
        assert_eq!(got, ["县人力资源和社\n会保障局（县就业 局）", "县水利局"]);
        // A group a wrap broke inside its ending (`各乡` / `镇人民政府`) is one name.
        let got: Vec<&str> = split("各乡 镇人民政府、县医疗保障局", rules)
            .pieces
            .iter()
            .map(|p| p.raw)
            .collect();
        assert_eq!(got, ["各乡 镇人民政府", "县医疗保障局"]);
        let got: Vec<&str> = split("县财政局 镇人民政府", rules)
            .pieces
            .iter()
            .map(|p| p.raw)
            .collect();
        assert_eq!(got, ["县财政局", "镇人民政府"]);
        // A name a wrap broke inside its ending ends like a name.
        assert!(ends_like_name("县政府各部 门", rules));
        assert!(ends_like_name("县市场监\n管局", rules));
        // Not an ending's character after a name that is not whole, nor before a name begun
        // by a level: it stays where it is.
        for (cell, want) in [
            ("县政府各部 门 县财政局", &["县政府各部 门", "县财政局"][..]),
            ("县住房保障 服务 中心", &["县住房保障 服务 中心"][..]),
            ("县财政局 国 县水利局", &["县财政局 国", "县水利局"][..]),
        ] {
            let got: Vec<&str> = split(cell, rules).pieces.iter().map(|p| p.raw).collect();
            assert_eq!(got, want, "{cell}");
        }
    }

    #[test]
    fn names_that_may_be_two_units() {
        let rules = Rules::builtin();
        assert_eq!(
            two_in_one("各镇人民政府高寨街道办事处", rules),
            Some(("各镇人民政府", "高寨街道办事处"))
        );
        assert_eq!(
            two_in_one("各部门绿色产业园管委会", rules),
            Some(("各部门", "绿色产业园管委会"))
        );
        for one in [
            "县政府各部门",
            "县新农村建设服务中心",
            "互助土族自治县人民政府办公室",
            "土族故土园景区管委会",
            "县住房和城乡建设局",
        ] {
            assert_eq!(two_in_one(one, rules), None, "{one}");
        }
    }

    #[test]
    fn a_group_run_together_with_a_name_is_cut_where_both_stand() {
        let rules = Rules::builtin();
        let names = |cell: &str| -> Vec<String> {
            split(cell, rules)
                .pieces
                .iter()
                .map(|p| p.raw.to_owned())
                .collect()
        };
        // `县政府` / `各部门` is no cut: `各部门` cannot stand as a unit.
        assert_eq!(
            names("各乡镇人民政府县政府各部门"),
            ["各乡镇人民政府", "县政府各部门"]
        );
        assert_eq!(
            names("县政府各部门县林业和草原局"),
            ["县政府各部门", "县林业和草原局"]
        );
        assert_eq!(names("县政府各部门"), ["县政府各部门"]);
    }

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
            let split = split(cell, Rules::builtin());
            let got: Vec<&str> = split.pieces.iter().map(|p| p.raw).collect();
            let got_rejoined: Vec<bool> = split.pieces.iter().map(|p| p.rejoined).collect();
            assert_eq!(
                (&got[..], &got_rejoined[..], split.balanced),
                (*want, *rejoined, *balanced),
                "split({cell:?})"
            );
            for p in split.pieces {
                assert_eq!(&cell[p.at..p.at + p.raw.len()], p.raw);
            }
        }
    }
}
