//! One clause of a task's text → its targets: the numbers in it with their words, lists that
//! share words (`5.2%、8%左右`), and clauses with no number that still set a target.

use crate::dataset::{Better, Bound, Change, Target, TargetKind, TextSpan};
use crate::rules::{Rules, WordRole};

use super::number::Found;
use super::words::{Words, around};

/// The targets of the clause `text[start..end]`, whose numbers are `found`, pushed onto
/// `out`.
pub(super) fn read(
    text: &str,
    start: usize,
    end: usize,
    found: &[Found<'_>],
    rules: &Rules,
    out: &mut Vec<Target>,
) {
    let clause = &text[start..end];
    if found.is_empty() {
        out.extend(qualitative(text, start, end, rules));
        return;
    }
    let listed = clause.contains("分别");
    let mut words: Vec<Words> = Vec::with_capacity(found.len());
    for (k, f) in found.iter().enumerate() {
        let prev_end = words.last().map_or(start, |w| w.phrase_end);
        let next_start = found.get(k + 1).map_or(end, |n| n.start);
        words.push(around(text, prev_end, f, next_start, end, listed, rules));
    }
    // A list `5.2%、8%左右` (the numbers apart by 、 or 和 only) shares the words before its
    // first number and the bound after its last.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for k in 0..found.len() {
        let joined = k > 0 && {
            let between = text[words[k - 1].phrase_end..found[k].start].trim();
            matches!(between, "、" | "和" | "及" | "与")
        };
        match groups.last_mut() {
            Some((_, last)) if joined => *last = k,
            _ => groups.push((k, k)),
        }
    }
    // Names completed from the last part of a list: 城镇、农村居民人均可支配收入 lists
    // 城镇居民人均可支配收入 and 农村居民人均可支配收入.
    // (Made when a name is completed: most clauses complete none.)
    let mut named: Vec<Option<String>> = Vec::new();
    for (first, last) in groups {
        let head = words[first].clone();
        let tail_bound = words[last].after;
        // Only a clause with 分别 pairs the parts of an indicator list with its numbers.
        let parts = head
            .indicator
            .filter(|_| listed)
            .map(|(s, e)| split_list(&text[s..e], s))
            .filter(|p| p.len() == last - first + 1);
        for k in first..=last {
            let w = &mut words[k];
            if k > first {
                w.change = head.change;
                w.level = head.level;
                w.before = head.before;
                w.indicator = head.indicator;
                w.phrase_start = head.phrase_start;
                w.size = head.size;
                w.action = head.action;
            }
            if k < last && w.after.is_none() {
                w.after = tail_bound;
            }
            if let Some(parts) = &parts {
                w.indicator = Some(parts[k - first]);
                if let Some(name) = completed(text, parts, k - first) {
                    named.resize(found.len(), None);
                    named[k] = Some(name);
                }
            }
        }
        // One word naming as many things as there are numbers (城乡: 城镇, 农村): the
        // indicator once for each.
        if parts.is_none() && listed && last > first {
            if let Some((s, e)) = head.indicator {
                let indicator = &text[s..e];
                if let Some((word, names)) = rules.contraction_in(indicator, last - first + 1) {
                    named.resize(found.len(), None);
                    for (k, name) in (first..=last).zip(names) {
                        named[k] = Some(indicator.replacen(word, name, 1));
                    }
                }
            }
        }
    }
    let first_new = out.len();
    out.extend(
        found
            .iter()
            .zip(&words)
            .enumerate()
            .filter_map(|(k, (f, w))| {
                let mut t = target(text, clause, f, w, rules)?;
                if let Some(name) = named.get_mut(k).and_then(Option::take) {
                    t.indicator = Some(name);
                }
                Some(t)
            }),
    );
    share_subjects(text, &mut out[first_new..], rules);
}

/// A clause longer than this (in bytes) is not copied into each of its targets: each gets
/// only the words it was read from (a clause of thousands of numbers would be copied once
/// for every one of them).
const LONG_CLAUSE: usize = 600;

/// What a target quotes as its clause: the clause, or for a long one the target's words.
fn quoted(clause: &str, words: &str) -> String {
    if clause.len() > LONG_CLAUSE {
        words.trim().to_owned()
    } else {
        clause.trim().to_owned()
    }
}

/// A target whose indicator is a bare measure (`产值`, `data/target_words.tsv` role
/// `measure`), listed with `、` after another, takes that one's subject: `农畜产品输出量48万吨
/// 以上、产值突破19亿元` → 农畜产品产值.
fn share_subjects(text: &str, targets: &mut [Target], rules: &Rules) {
    for k in 1..targets.len() {
        let (before, rest) = targets.split_at_mut(k);
        let (prev, t) = (&before[k - 1], &mut rest[0]);
        let Some(measure) = t.indicator.as_deref() else {
            continue;
        };
        let bare = rules
            .word_starting(measure, WordRole::Measure)
            .is_some_and(|(w, _)| w.len() == measure.len());
        let listed = prev.span.end <= t.span.start
            && text[prev.span.end..t.span.start].trim().starts_with('、');
        let subject = prev.indicator.as_deref().and_then(|p| {
            let (tail, _) = rules.word_ending(p, WordRole::Measure)?;
            let subject = &p[..p.len() - tail.len()];
            (!subject.is_empty()).then_some(subject)
        });
        if let (true, true, Some(subject)) = (bare, listed, subject) {
            t.indicator = Some(format!("{subject}{measure}"));
        }
    }
}

/// Part `k` of an indicator list completed from the last part when it is only a modifier of
/// it (three characters at most, the last part longer by more than two): `城镇` of
/// `城镇、农村居民人均可支配收入` is `城镇居民人均可支配收入`. `None` when it stands alone.
fn completed(text: &str, parts: &[(usize, usize)], k: usize) -> Option<String> {
    let (s, e) = parts[k];
    let part = text[s..e].trim();
    let &(ls, le) = parts.last()?;
    let last = text[ls..le].trim();
    let n = part.chars().count();
    if k + 1 == parts.len() || n > 3 || last.chars().count() <= n + 2 {
        return None;
    }
    let rest: String = last.chars().skip(n).collect();
    Some(format!("{part}{rest}"))
}

/// The parts of an indicator list `A、B` with their byte ranges in the text (`at` is where
/// the list starts).
fn split_list(indicator: &str, at: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = 0;
    for (i, c) in indicator.char_indices().chain([(indicator.len(), '、')]) {
        if c == '、' {
            out.push((at + s, at + i));
            s = i + c.len_utf8();
        }
    }
    out
}

/// The target for number `f` with its words `w`, in `clause` of `text`.
fn target(text: &str, clause: &str, f: &Found<'_>, w: &Words, rules: &Rules) -> Option<Target> {
    let written = w.after.or(w.before).unwrap_or(Bound::Exact);
    // Where the number is a rank (Ⅰ类 best), 以上 (this rank or better) bounds it from above.
    let bound = match (f.unit.ranked, written) {
        (true, Bound::AtLeast) => Bound::AtMost,
        (true, Bound::AtMost) => Bound::AtLeast,
        _ => written,
    };
    // A Chinese numeral counts only with words that make it a target (新建三所, 增长三成) or
    // at the end of its clause; otherwise it names something (中央八项规定).
    let by_words = w.change.is_some() || w.level || written != Bound::Exact;
    if f.chinese && !(by_words || w.action || w.last_in_clause) {
        return None;
    }
    let kind = if by_words {
        TargetKind::Target
    } else if w.size {
        TargetKind::Figure
    } else if f.unit.count || w.action || w.last_in_clause {
        TargetKind::Target
    } else {
        TargetKind::Figure
    };
    let (span_start, span_end) = match w.indicator {
        Some((s, e)) => (s.min(w.phrase_start).min(f.start), e.max(w.phrase_end)),
        None => (w.phrase_start.min(f.start), w.phrase_end),
    };
    let unit = if f.unit.unit == "％" {
        "%"
    } else {
        &f.unit.unit
    };
    let indicator = w.indicator.map(|(s, e)| {
        let after_number = s >= f.end;
        trimmed_indicator(text[s..e].trim(), after_number, rules)
    });
    Some(Target {
        kind,
        indicator: indicator.filter(|i| !i.is_empty()),
        change: w.change,
        value: f.value,
        min: f.min,
        max: f.max,
        unit: Some(unit.to_owned()),
        base_value: f.value.and_then(|v| v.times(f.unit.factor)),
        base_unit: Some(f.unit.base.clone()),
        base_min: f.min.and_then(|v| v.times(f.unit.factor)),
        base_max: f.max.and_then(|v| v.times(f.unit.factor)),
        bound,
        better: Some(if f.unit.lower_is_better {
            Better::Lower
        } else {
            Better::Higher
        }),
        text: quoted(clause, &text[span_start..span_end]),
        span: TextSpan {
            start: span_start,
            end: span_end,
        },
    })
}

/// An indicator without the words that are not part of it: the reference of a share
/// (`杂交油菜供种率占北方春油菜区的85%` measures 杂交油菜供种率: what follows 占 after a rate or
/// share stays in `text`), and after a number (a capacity: `15万吨绿色有机肥生产线升级等技改项目`)
/// a list closed by 等 and the work done on the thing (`升级`, an action word at its end).
fn trimmed_indicator(indicator: &str, after_number: bool, rules: &Rules) -> String {
    let mut out = indicator;
    if let Some(i) = out.find('占') {
        let before = &out[..i];
        if ["率", "比重", "比例", "份额"]
            .iter()
            .any(|e| before.ends_with(e))
        {
            out = before;
        }
    }
    // After a number, a list closed by 等 names projects of the thing measured: the thing is
    // what stands before 等, without the work done on it (an action word, or 升级/改造 at its
    // end).
    if after_number {
        if let Some(i) = out.find('等').filter(|&i| i > 0) {
            out = &out[..i];
            for end in ["升级", "改造", "建设", "更新"] {
                if let Some(head) = out.strip_suffix(end).filter(|h| !h.is_empty()) {
                    out = head;
                    break;
                }
            }
            if let Some((i, _)) = out
                .char_indices()
                .find(|&(i, _)| i > 0 && rules.word_starting(&out[i..], WordRole::Action).is_some())
            {
                if rules
                    .word_starting(&out[i..], WordRole::Action)
                    .is_some_and(|(w, _)| w.len() == out.len() - i)
                {
                    out = &out[..i];
                }
            }
        }
    }
    out.trim().to_owned()
}

/// A clause with no number that sets a target: `居民人均可支配收入与经济保持同步增长`.
fn qualitative(text: &str, start: usize, end: usize, rules: &Rules) -> Option<Target> {
    let clause = &text[start..end];
    if !rules.has_qualitative(clause) {
        return None;
    }
    // The indicator runs up to the first word that says how it should move.
    let stop = clause
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| {
            let rest = &clause[i..];
            rest.starts_with(['与', '同'])
                || [
                    WordRole::Level,
                    WordRole::Increase,
                    WordRole::Decrease,
                    WordRole::Before,
                    WordRole::Action,
                ]
                .into_iter()
                .any(|role| rules.word_starting(rest, role).is_some())
        })
        .unwrap_or(clause.len());
    let mut head = clause[..stop].trim();
    while let Some((word, _)) = rules.word_starting(head, WordRole::LeadIn) {
        if word.len() >= head.len() {
            break;
        }
        head = head[word.len()..].trim_start();
    }
    let change = if rules.has_word(clause, WordRole::Increase) {
        Some(Change::Increase)
    } else if rules.has_word(clause, WordRole::Decrease) {
        Some(Change::Decrease)
    } else {
        None
    };
    let trimmed = clause.trim();
    let lead = clause.len() - clause.trim_start().len();
    Some(Target {
        kind: TargetKind::Qualitative,
        indicator: (!head.is_empty()).then(|| head.to_owned()),
        change,
        value: None,
        min: None,
        max: None,
        unit: None,
        base_value: None,
        base_unit: None,
        base_min: None,
        base_max: None,
        bound: rules.bound_in(clause).unwrap_or(Bound::Exact),
        better: None,
        text: trimmed.to_owned(),
        span: TextSpan {
            start: start + lead,
            end: start + lead + trimmed.len(),
        },
    })
}
