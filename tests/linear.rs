//! Inputs that took time growing faster than their size: each is read at two sizes, four
//! times apart, and the larger must cost less than eight times the smaller (linear work
//! gives about four; the quadratic paths these guard against gave sixteen). Times are the
//! best of five runs, so that a busy machine does not decide.

use std::time::{Duration, Instant};

const HEAD: &str =
    "| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n| 一、主要预期目标 | | | |\n";

/// How long one `extract` of `input` takes.
fn time(input: &str) -> Duration {
    let start = Instant::now();
    let d = fengong::extract(input.as_bytes()).expect("reads");
    std::hint::black_box(d);
    start.elapsed()
}

/// `make(n)` and `make(4 * n)` read in time about four times apart. The two sizes are run
/// in turn, five times each, and the best time of each compared: a burst of load on the
/// machine (other tests run beside these) falls on both sizes alike.
fn assert_linear(what: &str, n: usize, make: impl Fn(usize) -> String) {
    let (small, large) = (make(n), make(4 * n));
    let (mut t1, mut t4) = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        t1 = t1.min(time(&small));
        t4 = t4.min(time(&large));
    }
    let ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-9);
    assert!(
        ratio < 8.0,
        "{what}: {n} took {t1:?}, {} took {t4:?} ({ratio:.1}×)",
        4 * n
    );
}

/// One task row whose responsible cell is `cell`.
fn row(cell: &str) -> String {
    format!("{HEAD}| 1 | 地区生产总值增长5%左右。 | 县发改局 | {cell} |\n")
}

#[test]
fn many_units_in_one_cell() {
    assert_linear("distinct units in one cell", 3_000, |n| {
        row(&(0..n)
            .map(|i| format!("县第{i}局"))
            .collect::<Vec<_>>()
            .join(" "))
    });
}

#[test]
fn many_space_separated_names_that_do_not_end_like_units() {
    // Each fragment starts a run a line wrap might have broke, and none ends like a unit.
    assert_linear("fragments that never end like a unit", 3_000, |n| {
        row(&(0..n)
            .map(|i| format!("张{i}"))
            .collect::<Vec<_>>()
            .join(" "))
    });
}

#[test]
fn many_units_in_a_cell_whose_text_differs_from_its_source() {
    // `<br>` makes the cell's text differ from the source: each unit is looked for there,
    // and the rejoined names (`县 农业局`) are not found as written.
    assert_linear("units between <br>", 2_000, |n| {
        row(&(0..n)
            .map(|i| format!("县 农业{i}局"))
            .collect::<Vec<_>>()
            .join("<br>"))
    });
}

#[test]
fn a_huge_dropped_row_is_quoted_briefly() {
    let junk = "某".repeat(300_000);
    let input = format!("{HEAD}| | | {junk} | {junk} |\n");
    let d = fengong::extract(input.as_bytes()).unwrap();
    let w002 = d
        .diagnostics
        .iter()
        .find(|x| x.code == fengong::Code::UnclassifiedRow)
        .expect("the row is dropped with W002");
    assert!(w002.message.len() < 2_000, "{} bytes", w002.message.len());
}

/// A pipe task table after `html`, so that the input is a notice.
fn after_html(html: &str) -> String {
    format!("{html}\n\n{HEAD}| 1 | 任务。 | 县发改局 | 县统计局 |\n")
}

#[test]
fn many_sibling_html_tables() {
    assert_linear("sibling HTML tables", 1_000, |n| {
        after_html(&"<table><tr><td>甲</td><td>乙</td></tr></table>".repeat(n))
    });
}

#[test]
fn many_targets_in_one_clause() {
    // Thousands of numbers in one clause: each target quotes its own words, not the clause.
    let text = "产值增长5%、".repeat(4_000);
    let input = format!("{HEAD}| 1 | {text} | 县发改局 | 县统计局 |\n");
    let d = fengong::extract(input.as_bytes()).unwrap();
    let targets = &d.tasks[0].targets;
    assert_eq!(targets.len(), 4_000);
    let quoted: usize = targets.iter().map(|t| t.text.len()).sum();
    assert!(quoted < 100 * targets.len(), "{quoted} bytes quoted");
    assert_linear("numbers in one clause", 1_000, |n| {
        format!(
            "{HEAD}| 1 | {} | 县发改局 | 县统计局 |\n",
            "产值增长5%、".repeat(n)
        )
    });
}

#[test]
fn a_list_item_followed_by_many_lines_that_never_close_it() {
    // Each item takes the text lines it runs over (a PDF's wraps) while it stops mid-sentence
    // or a bracket stays open: a bounded number of them, so that one item over thousands of
    // lines is no quadratic rejoin.
    assert_linear("lines after an open list item", 2_000, |n| {
        let mut s = String::from(
            "一、稳定经济增长\n\n1．地区生产总值增长6%。（牵头单位：县发改局）\n\n2．新建（项目\n\n",
        );
        for i in 0..n {
            s.push_str(&format!("第{i}行（续\n\n"));
        }
        s
    });
}

#[test]
fn many_tab_separated_tables() {
    // Each table cuts the markdown chunks it stands in: the cuts are looked up, not scanned.
    assert_linear("tab-separated tables", 2_000, |n| {
        let mut s = String::new();
        for _ in 0..n {
            s.push_str("甲\t乙\t丙\n丁\t戊\t己\n\n");
        }
        s.push_str(
            "序号\t目标任务\t牵头单位\n一、主要预期目标\n1\t地区生产总值增长5%左右。\t县发改局\n",
        );
        s
    });
}

#[test]
fn tab_separated_rows_with_quotes_never_closed() {
    // Each opens a quoted cell that no line closes: a bounded look ahead, not the rest.
    assert_linear("open quotes in tab-separated rows", 2_000, |n| {
        let mut s = String::from("序号\t目标任务\t牵头单位\n一、主要预期目标\n");
        for i in 1..=n {
            s.push_str(&format!("{i}\t\"地区生产总值增长5%左右。\t县发改局\n"));
        }
        s
    });
}
