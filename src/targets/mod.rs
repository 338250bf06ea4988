//! Stage 4b: the numbers in a task's text → typed [`Target`]s.
//!
//! A task's text is read clause by clause (the text between `，`, `；`, `。`, `：`, `！`, `？`).
//! In a clause, every number followed by a unit of `data/target_units.tsv` is a quantity:
//! `5%`, `14万吨`, `Ⅱ类`, `5%—6%`. The words right before and after it
//! (`data/target_words.tsv`) say what it is:
//!
//! - before it, read backwards: a bound (`不低于`, `突破`), a level (`达到`, `保持在`,
//!   `控制在`, or a change word with `到`: `提高到`), a change (`增长`, `下降`), then lead-ins
//!   (`力争`, `同比`); what is left is the indicator (`地区生产总值`);
//! - after it: a bound (`左右`, `以上`, `以内`).
//!
//! Kind (the rule docs/reading.md and docs/format.md document):
//! 1. a number with a change, a level or a bound is a **target**;
//! 2. else one right after a size word (`总投资`, `规模`) is a **figure**;
//! 3. else a count of things (`14个`, `2家`) is a **target**: things to build or do;
//! 4. else an amount (`3.4万亩`) is a **target** when an action word stands right before it
//!    (`完成`, `新建`) or nothing follows it in its clause; otherwise it describes the thing
//!    that follows (`15万吨绿色有机肥生产线`) and is a **figure**.
//!
//! A clause with no number is a **qualitative** target when it has a qualitative word
//! (`同步增长`, `省定目标`). Numbers without a unit (years, `青薯9号`), numbers inside
//! quotation marks, ordinals (`第3批`) and Chinese numerals in set phrases (`一户一策`,
//! `两个维护`) are not read.
//!
//! The stage has a file per job: [`number`] finds the numbers with their units, [`words`]
//! reads the words around each, [`clause`] turns a clause's numbers and words into targets.

mod clause;
mod number;
mod words;

use crate::dataset::Target;
use crate::rules::Rules;

/// Read the targets in a task's (cleaned) text.
pub fn read(text: &str, rules: &Rules) -> Vec<Target> {
    let mut found = number::quantities(text, rules);
    let mut hits: Vec<usize> = rules.qualitative_starts(text).collect();
    if found.is_empty() && hits.is_empty() {
        return Vec::new();
    }
    // Numbers inside quotation marks (`“三合一”`) are names, not targets.
    let quoted = quoted_ranges(text);
    found.retain(|f| !quoted.iter().any(|&(s, e)| s < f.start && f.start < e));
    hits.extend(found.iter().map(|f| f.start));
    hits.sort_unstable();
    // Each clause with a hit, once, with the numbers in it.
    let mut targets = Vec::new();
    let mut done = 0;
    for hit in hits {
        if hit < done {
            continue;
        }
        let start = clause_start(text, hit);
        let (end, next) = clause_end(text, hit);
        let first = found.partition_point(|f| f.start < start);
        let last = found.partition_point(|f| f.start < end);
        clause::read(text, start, end, &found[first..last], rules, &mut targets);
        done = next;
    }
    // A task has a target or two; a vector grown by `extend` holds room for four, and a
    // dataset of many tasks would keep that room (a third of its memory at 200,000 rows).
    targets.shrink_to_fit();
    targets
}

/// Whether `c` ends a clause.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?' | '\n'
    )
}

/// Where the clause holding byte `at` starts: after the clause punctuation before it.
fn clause_start(text: &str, at: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| ends_clause(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Where the clause holding byte `at` ends, and where the next one starts.
fn clause_end(text: &str, at: usize) -> (usize, usize) {
    text[at..]
        .char_indices()
        .find(|&(_, c)| ends_clause(c))
        .map_or((text.len(), text.len()), |(i, c)| {
            (at + i, at + i + c.len_utf8())
        })
}

/// Byte ranges inside quotation marks (“…”, 「…」, 『…』, "…"): from the opening mark to the
/// closing one, which must be the opening one's own.
fn quoted_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    // Every mark begins with one of three bytes (“” 0xE2, 「」『』 0xE3, `"`), none of them a
    // continuation byte: only the characters they begin are decoded.
    let marks = memchr::memchr3_iter(0xE2, 0xE3, b'"', text.as_bytes());
    for (i, c) in marks.filter_map(|i| Some((i, text[i..].chars().next()?))) {
        match (open, c) {
            (None, '“' | '「' | '『' | '"') => open = Some((i, c)),
            (Some((s, '“')), '”')
            | (Some((s, '「')), '」')
            | (Some((s, '『')), '』')
            | (Some((s, '"')), '"') => {
                out.push((s, i));
                open = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Bound, Change, Quantity, TargetKind};

    /// One target, compactly: kind, indicator, change, bound, value (or min–max), unit,
    /// base value, base unit.
    fn show(t: &Target) -> String {
        let kind = match t.kind {
            TargetKind::Target => "target",
            TargetKind::Figure => "figure",
            TargetKind::Qualitative => "qualitative",
        };
        let change = match t.change {
            Some(Change::Increase) => "+",
            Some(Change::Decrease) => "-",
            None => "=",
        };
        let bound = match t.bound {
            Bound::About => "about",
            Bound::AtLeast => "at_least",
            Bound::AtMost => "at_most",
            Bound::Exceeds => "exceeds",
            Bound::Exact => "exact",
        };
        let value = match (t.value, t.min, t.max) {
            (Some(v), _, _) => v.to_string(),
            (None, Some(lo), Some(hi)) => format!("{lo}..{hi}"),
            _ => "-".to_owned(),
        };
        let base = t.base_value.map_or("-".to_owned(), |v| v.to_string());
        format!(
            "{kind} {} {change} {bound} {value} {} = {base} {}",
            t.indicator.as_deref().unwrap_or("-"),
            t.unit.as_deref().unwrap_or("-"),
            t.base_unit.as_deref().unwrap_or("-"),
        )
    }

    fn read(text: &str) -> Vec<Target> {
        super::read(text, Rules::builtin())
    }

    fn check(cases: &[(&str, &[&str])]) {
        for (text, want) in cases {
            let got: Vec<String> = read(text).iter().map(show).collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn change_with_a_bound_after() {
        check(&[
            (
                "地区生产总值增长5%左右，力争更好结果。",
                &["target 地区生产总值 + about 5 % = 5 %"],
            ),
            (
                "一产增加值增长5.5%左右。",
                &["target 一产增加值 + about 5.5 % = 5.5 %"],
            ),
            (
                "固定资产投资增长7%以上。",
                &["target 固定资产投资 + at_least 7 % = 7 %"],
            ),
            (
                "力争规上企业单位工业增加值能耗下降3%以上。",
                &["target 规上企业单位工业增加值能耗 - at_least 3 % = 3 %"],
            ),
        ]);
    }

    #[test]
    fn levels_kept_or_reached() {
        check(&[
            (
                "粮食总产量保持在14万吨以上。",
                &["target 粮食总产量 = at_least 14 万吨 = 140000 吨"],
            ),
            (
                "城镇登记失业率控制在3.5%以内。",
                &["target 城镇登记失业率 = at_most 3.5 % = 3.5 %"],
            ),
            (
                "力争县域医疗就诊率达85%以上。",
                &["target 县域医疗就诊率 = at_least 85 % = 85 %"],
            ),
            (
                "森林覆盖率提高到38.5%。",
                &["target 森林覆盖率 = exact 38.5 % = 38.5 %"],
            ),
            (
                "每千人口拥有执业（助理）医师数达到3.2人。",
                &["target 每千人口拥有执业（助理）医师数 = exact 3.2 人 = 3.2 人"],
            ),
        ]);
    }

    #[test]
    fn bounds_written_before_the_number() {
        check(&[
            (
                "全年接待游客不低于800万人次。",
                &["target 接待游客 = at_least 800 万人次 = 8000000 人次"],
            ),
            (
                "确保全年劳务收入突破13亿元。",
                &["target 劳务收入 = exceeds 13 亿元 = 1300000000 元"],
            ),
            (
                "财政支出约12亿元。",
                &["target 财政支出 = about 12 亿元 = 1200000000 元"],
            ),
        ]);
    }

    #[test]
    fn roman_quality_classes() {
        // A smaller class is better (Ⅰ类 is best): 以上, "class II or better", bounds the
        // class number from above; 以下 from below.
        check(&[(
            "大通河出境断面水质保持在Ⅱ类以上，塘川河出境断面水质保持在Ⅲ类以上。",
            &[
                "target 大通河出境断面水质 = at_most 2 类 = 2 类",
                "target 塘川河出境断面水质 = at_most 3 类 = 3 类",
            ],
        )]);
        let t = &read("湖库水质保持在Ⅲ类以上。")[0];
        assert_eq!(t.better, Some(crate::dataset::Better::Lower));
    }

    #[test]
    fn ranges_give_a_min_and_a_max() {
        check(&[
            (
                "地区生产总值增长5%—6%。",
                &["target 地区生产总值 + exact 5..6 % = - %"],
            ),
            (
                "工业投资增长8-10%左右。",
                &["target 工业投资 + about 8..10 % = - %"],
            ),
        ]);
    }

    #[test]
    fn a_space_before_the_unit_or_the_bound() {
        check(&[
            (
                "固定资产投资增长 7 % 以上。",
                &["target 固定资产投资 + at_least 7 % = 7 %"],
            ),
            (
                "粮食产量保持在14 万吨以上。",
                &["target 粮食产量 = at_least 14 万吨 = 140000 吨"],
            ),
        ]);
    }

    #[test]
    fn full_width_digits_read_once_the_text_is_cleaned() {
        let text = crate::text::clean("固定资产投资增长７．５％以上，新建高标准农田１万亩。");
        assert_eq!(text, "固定资产投资增长7.5%以上，新建高标准农田1万亩。");
        let got: Vec<String> = read(&text).iter().map(show).collect();
        assert_eq!(
            got,
            [
                "target 固定资产投资 + at_least 7.5 % = 7.5 %",
                "target 高标准农田 = exact 1 万亩 = 10000 亩"
            ]
        );
    }

    #[test]
    fn respectively_shares_the_indicator_and_the_bound() {
        check(&[
            (
                // 城乡 names two things (data/contractions.tsv): one indicator each.
                "城乡居民人均可支配收入分别增长5.2%、8%左右。",
                &[
                    "target 城镇居民人均可支配收入 + about 5.2 % = 5.2 %",
                    "target 农村居民人均可支配收入 + about 8 % = 8 %",
                ],
            ),
            (
                "规上工业增加值、固定资产投资分别增长10%、7%。",
                &[
                    "target 规上工业增加值 + exact 10 % = 10 %",
                    "target 固定资产投资 + exact 7 % = 7 %",
                ],
            ),
        ]);
    }

    #[test]
    fn percentage_points_and_year_on_year() {
        check(&[
            (
                "城镇化率提高1.2个百分点。",
                &["target 城镇化率 + exact 1.2 个百分点 = 1.2 个百分点"],
            ),
            (
                "社会消费品零售总额同比增长6%。",
                &["target 社会消费品零售总额 + exact 6 % = 6 %"],
            ),
        ]);
    }

    #[test]
    fn counts_and_amounts_of_things_to_do() {
        check(&[
            (
                "开工建设14个和美乡村。",
                &["target 和美乡村 = exact 14 个 = 14 个"],
            ),
            (
                "全年完成3.4万亩国土绿化任务。",
                &["target 国土绿化任务 = exact 3.4 万亩 = 34000 亩"],
            ),
            (
                "新建高标准农田1万亩，推广水肥一体化技术1万亩。",
                &[
                    "target 高标准农田 = exact 1 万亩 = 10000 亩",
                    "target 水肥一体化技术 = exact 1 万亩 = 10000 亩",
                ],
            ),
            (
                "年内培育规上企业2家、小微企业50户。",
                &[
                    "target 规上企业 = exact 2 家 = 2 家",
                    "target 小微企业 = exact 50 户 = 50 户",
                ],
            ),
            (
                "有序实施南门峡等6个乡镇水源地规范化建设项目。",
                &["target 乡镇水源地规范化建设项目 = exact 6 个 = 6 个"],
            ),
            ("新建三所幼儿园。", &["target 幼儿园 = exact 3 所 = 3 所"]),
        ]);
    }

    #[test]
    fn figures_describe_projects_and_facilities() {
        check(&[
            (
                "加快推进总投资9.2亿元的源网荷储项目。",
                &["figure 总投资 = exact 9.2 亿元 = 920000000 元"],
            ),
            (
                "实施金圆水泥窑替代燃料节能降碳、泰和源15万吨绿色有机肥生产线升级等技改项目。",
                &["figure 绿色有机肥生产线 = exact 15 万吨 = 150000 吨"],
            ),
        ]);
    }

    #[test]
    fn numbers_that_are_not_read() {
        check(&[
            ("开展三年专项整治行动。", &[]),
            ("推广“青薯9号、互麦18号”等优良品种。", &[]),
            ("落实中央八项规定精神，推行一户一策。", &[]),
            ("坚决做到“两个维护”。", &[]),
            ("到2026年底基本建成。", &[]),
            ("争创第3批国家级示范县。", &[]),
        ]);
    }

    #[test]
    fn qualitative_targets() {
        check(&[
            (
                "居民人均可支配收入与经济保持同步增长。",
                &["qualitative 居民人均可支配收入 + exact - - = - -"],
            ),
            (
                "节能降碳减排控制在省定目标以内。",
                &["qualitative 节能降碳减排 = at_most - - = - -"],
            ),
        ]);
    }

    #[test]
    fn spans_are_byte_ranges_in_the_text() {
        let text = "紧扣目标，全年完成3.4万亩国土绿化任务。";
        let t = &read(text)[0];
        assert_eq!(&text[t.span.start..t.span.end], "3.4万亩国土绿化任务");
        assert_eq!(t.text, "全年完成3.4万亩国土绿化任务");
    }

    #[test]
    fn quoted_ranges_pair_each_mark_with_its_own_closing_one() {
        let cases: &[(&str, &[&str])] = &[
            ("建设“三合一”场所5个", &["“三合一"]),
            ("「一网通办」和『两个维护』", &["「一网通办", "『两个维护"]),
            ("“未闭合「内」", &[]),
            ("」先闭后开「", &[]),
            ("\"G20\"峰会", &["\"G20"]),
            ("“混」合”", &["“混」合"]),
            ("无引号。", &[]),
        ];
        for (text, want) in cases {
            let got = quoted_ranges(text);
            let got: Vec<&str> = got.iter().map(|&(s, e)| &text[s..e]).collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn reading_never_panics_and_spans_stay_in_the_text(
            text in "[0-9.一二两三十百千万亿元吨亩个所%％类ⅡⅢ以上左右约不低于增长下降达到提高到总投资新建完成分别、，。；“”「」\" \u{3000}a-]{0,40}"
        ) {
            for t in read(&text) {
                proptest::prop_assert!(t.span.start <= t.span.end && t.span.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                proptest::prop_assert!(text.contains(&t.text));
                if t.kind != TargetKind::Qualitative {
                    proptest::prop_assert!(t.value.is_some() || (t.min.is_some() && t.max.is_some()));
                    proptest::prop_assert!(t.unit.is_some());
                }
            }
        }
    }

    #[test]
    fn quantities_multiply_exactly() {
        let q = |m, s| Quantity {
            mantissa: m,
            scale: s,
        };
        assert_eq!(q(34, 1).times(10000), Some(q(34000, 0)));
        assert_eq!(q(52, 1).times(1), Some(q(52, 1)));
        assert_eq!(q(i64::MAX, 0).times(10), None);
        assert_eq!(q(5, 2).to_string(), "0.05");
        assert_eq!(q(-15, 1).to_string(), "-1.5");
    }
}
