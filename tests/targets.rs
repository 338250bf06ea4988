//! Targets a checking system compares with what was achieved: classes where a smaller number
//! is better, 分别 lists whose names share their end, ranges with their base values.

use fengong::{Better, Bound};

use crate::util;

fn targets() -> Vec<fengong::Target> {
    let bytes = std::fs::read(
        util::root().join("fixtures/targets-classes-shared-names-and-range-bases.md"),
    )
    .unwrap();
    let d = fengong::extract(&bytes).unwrap();
    d.tasks.into_iter().flat_map(|t| t.targets).collect()
}

#[test]
fn classes_ranked_from_the_best_bound_the_number_from_above() {
    let t = targets();
    // Ⅱ类以上 is class II or better: the class number at most 2, a smaller one better.
    assert_eq!(t[0].indicator.as_deref(), Some("黄河干流出境断面水质"));
    assert_eq!(
        (t[0].bound, t[0].better),
        (Bound::AtMost, Some(Better::Lower))
    );
    assert_eq!(t[0].value.map(|v| v.to_f64()), Some(2.0));
    assert_eq!(
        (t[1].bound, t[1].better),
        (Bound::AtMost, Some(Better::Lower))
    );
    assert_eq!(t[1].value.map(|v| v.to_f64()), Some(3.0));
    // Everything else: a larger number is better.
    assert!(t[2..].iter().all(|x| x.better == Some(Better::Higher)));
}

#[test]
fn a_respectively_list_shares_the_end_of_its_names() {
    let t = targets();
    let names: Vec<&str> = t[2..4]
        .iter()
        .filter_map(|x| x.indicator.as_deref())
        .collect();
    assert_eq!(names, ["城镇居民人均可支配收入", "农村居民人均可支配收入"]);
    let values: Vec<f64> = t[2..4]
        .iter()
        .filter_map(|x| x.value.map(|v| v.to_f64()))
        .collect();
    assert_eq!(values, [5.5, 7.5]);
    // Two names each whole: kept as they are.
    let names: Vec<&str> = t[5..7]
        .iter()
        .filter_map(|x| x.indicator.as_deref())
        .collect();
    assert_eq!(names, ["规上工业增加值", "固定资产投资"]);
}

#[test]
fn a_range_has_its_base_values() {
    let t = targets();
    let r = &t[4];
    assert_eq!(r.indicator.as_deref(), Some("粮食总产量"));
    assert_eq!(r.value, None);
    assert_eq!(r.min.map(|v| v.to_f64()), Some(30.0));
    assert_eq!(r.base_min.map(|v| v.to_f64()), Some(300_000.0));
    assert_eq!(r.base_max.map(|v| v.to_f64()), Some(400_000.0));
    assert_eq!(r.base_unit.as_deref(), Some("吨"));
}

#[test]
fn an_indicator_keeps_only_what_it_measures() {
    let t = targets();
    // The reference of a share stays in the text.
    assert_eq!(t[7].indicator.as_deref(), Some("优质牧草供种率"));
    assert_eq!(t[7].value.map(|v| v.to_f64()), Some(60.0));
    // A capacity figure measures the line, not the list of projects it is one of.
    assert_eq!(t[8].indicator.as_deref(), Some("饲料加工线"));
    assert_eq!(t[8].kind, fengong::TargetKind::Figure);
}

#[test]
fn a_bare_measure_in_a_list_takes_the_subject_before_it() {
    let t = targets();
    assert_eq!(t[9].indicator.as_deref(), Some("高原夏菜输出量"));
    assert_eq!(t[10].indicator.as_deref(), Some("高原夏菜产值"));
    assert_eq!(t[10].bound, Bound::Exceeds);
}

#[test]
fn concentrations_are_better_smaller_and_bound_as_written() {
    let bytes =
        std::fs::read(util::root().join("fixtures/targets-concentrations-smaller-is-better.md"))
            .unwrap();
    let d = fengong::extract(&bytes).unwrap();
    let t: Vec<fengong::Target> = d.tasks.into_iter().flat_map(|t| t.targets).collect();
    type Read<'a> = (Option<f64>, Option<&'a str>, Bound, Option<Better>);
    let read: Vec<Read<'_>> = t
        .iter()
        .map(|x| {
            (
                x.value.map(|v| v.to_f64()),
                x.unit.as_deref(),
                x.bound,
                x.better,
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            // 以下 on a concentration is "at most", as on any number; smaller is better.
            (
                Some(28.0),
                Some("微克/立方米"),
                Bound::AtMost,
                Some(Better::Lower)
            ),
            (Some(95.0), Some("%"), Bound::AtLeast, Some(Better::Higher)),
            (
                Some(0.5),
                Some("毫克/升"),
                Bound::AtMost,
                Some(Better::Lower)
            ),
            // A class is a rank: 以上 (this class or better) bounds it from above.
            (Some(3.0), Some("类"), Bound::AtMost, Some(Better::Lower)),
        ]
    );
}
