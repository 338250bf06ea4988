//! The words around a number: what they say it is (`data/target_words.tsv`).

use crate::dataset::{Bound, Change};
use crate::rules::{Rules, WordRole};

use super::number::{Found, SPACES};

/// What the words around a number say.
#[derive(Clone, Debug, Default)]
pub(super) struct Words {
    pub change: Option<Change>,
    pub level: bool,
    /// A bound written before the number (or implied by a level word: 控制在).
    pub before: Option<Bound>,
    /// A bound written after it.
    pub after: Option<Bound>,
    /// Where the words before the number start (the indicator ends there).
    pub phrase_start: usize,
    /// Where the bound after the number ends.
    pub phrase_end: usize,
    /// The indicator's byte range, if the clause names one.
    pub indicator: Option<(usize, usize)>,
    /// A size word stands right before the number.
    pub size: bool,
    /// An action word stands right before the number (after the indicator is taken off).
    pub action: bool,
    /// Nothing but a bound follows the number in its clause.
    pub last_in_clause: bool,
}

/// The range `start..end` of `text` without spaces at either end.
fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let start = start + (s.len() - s.trim_start_matches(SPACES).len());
    let end = end - (s.len() - s.trim_end_matches(SPACES).len());
    (start, end.max(start))
}

/// `head` without the word it ends with, and the spaces before that.
fn cut<'t>(head: &'t str, word: &str) -> &'t str {
    head[..head.len() - word.len()].trim_end_matches(SPACES)
}

/// Read the words around number `f`: backwards from it to `from` (the end of the previous
/// number's words, or the clause start), forwards to `next` (the next number or the clause
/// end `end`). `listed`: the clause has 分别 (its indicator may be a list).
pub(super) fn around(
    text: &str,
    from: usize,
    f: &Found<'_>,
    next: usize,
    end: usize,
    listed: bool,
    rules: &Rules,
) -> Words {
    let mut w = Words::default();
    // The number's own stretch of the clause: after the last 、 before it, unless the clause
    // lists values with 分别 (then its indicator may be a list: 城镇、农村居民收入).
    let mut from = from;
    if !listed {
        if let Some(i) = text[from..f.start].rfind('、') {
            from += i + '、'.len_utf8();
        }
    }
    // Backwards: bounds, levels, changes, lead-ins, 的.
    let mut head = text[from..f.start].trim_end_matches(SPACES);
    loop {
        if let Some((word, bound)) = rules.word_ending(head, WordRole::Before) {
            w.before = w.before.or(bound);
            head = cut(head, word);
        } else if let Some((rest, (word, _))) = head
            .strip_suffix(['到', '至'])
            .and_then(|r| Some((r, change_ending(r, rules)?)))
        {
            w.level = true;
            head = cut(rest, word);
        } else if let Some((word, bound)) = rules.word_ending(head, WordRole::Level) {
            w.level = true;
            w.before = w.before.or(bound);
            head = cut(head, word);
        } else if let Some((word, change)) = change_ending(head, rules) {
            w.change = w.change.or(Some(change));
            head = cut(head, word);
        } else if let Some((word, _)) = rules.word_ending(head, WordRole::LeadIn) {
            head = cut(head, word);
        } else if let Some(rest) = head.strip_suffix('的') {
            head = rest.trim_end_matches(SPACES);
        } else {
            break;
        }
    }
    w.phrase_start = from + head.len();
    w.size = rules.word_ending(head, WordRole::Size).is_some();
    // The indicator: what is left, without lead-ins (力争, 全年) in front.
    let mut core_start = from;
    loop {
        core_start = trimmed(text, core_start, w.phrase_start)
            .0
            .min(w.phrase_start);
        let core = &text[core_start..w.phrase_start];
        match rules.word_starting(core, WordRole::LeadIn) {
            Some((word, _)) if word.len() < core.len() => core_start += word.len(),
            _ => break,
        }
    }
    let core = &text[core_start..w.phrase_start];
    // `南门峡等6个…项目`: the number counts what follows, like an action's.
    w.action = core.is_empty()
        || core.ends_with('等')
        || rules.word_ending(core, WordRole::Action).is_some();
    // Forwards: a bound, then what follows up to the next 、 or number.
    let rest = &text[f.end..next];
    let after_start = next - rest.trim_start_matches(SPACES).len();
    w.phrase_end = match rules.word_starting(&text[after_start..next], WordRole::After) {
        Some((word, bound)) => {
            w.after = bound;
            after_start + word.len()
        }
        None => f.end,
    };
    let after_end = w.phrase_end;
    let following = &text[after_end..next.min(end)];
    let following_end = after_end + following.find('、').unwrap_or(following.len());
    let (mut noun_start, mut noun_end) = trimmed(text, after_end, following_end);
    if text[noun_start..noun_end].starts_with('的') {
        (noun_start, noun_end) = trimmed(text, noun_start + '的'.len_utf8(), noun_end);
    }
    let noun = &text[noun_start..noun_end];
    w.last_in_clause = noun.is_empty();
    // An action before the number (完成253公里乡村公路…): the indicator is what follows it.
    let by_words = w.change.is_some() || w.level || w.before.is_some() || w.after.is_some();
    w.indicator = if !noun.is_empty()
        && (w.action || (!by_words && !w.last_in_clause && !f.unit.count && !w.size))
    {
        Some((noun_start, noun_end))
    } else {
        // Without the action words in front (新建高标准农田 → 高标准农田).
        let mut s = core_start;
        while let Some((word, _)) = rules.word_starting(&text[s..w.phrase_start], WordRole::Action)
        {
            if word.len() >= w.phrase_start - s {
                break;
            }
            s += word.len();
        }
        (s < w.phrase_start).then_some((s, w.phrase_start))
    };
    w
}

/// The change word `text` ends with, and the change it names.
fn change_ending<'r>(text: &str, rules: &'r Rules) -> Option<(&'r str, Change)> {
    rules
        .word_ending(text, WordRole::Increase)
        .map(|(w, _)| (w, Change::Increase))
        .or_else(|| {
            rules
                .word_ending(text, WordRole::Decrease)
                .map(|(w, _)| (w, Change::Decrease))
        })
}
