//! Inputs at the edges: huge cells, many rows, many columns, deep nesting, truncation. Each
//! must read without a panic (and in time linear in its size: see `benches/extract.rs` for the
//! figures; here only the results are checked).

use fengong::Code;

use crate::util;

const HEAD: &str =
    "| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n| 一、主要预期目标 | | | |\n";

#[test]
fn a_ten_megabyte_cell() {
    let text = "增长".repeat(10_000_000 / 6);
    let input = format!("{HEAD}| 1 | {text} | 县发改局 | 县政府各部门 |\n");
    let d = fengong::extract(input.as_bytes()).unwrap();
    assert_eq!(d.tasks.len(), 1);
    assert_eq!(d.tasks[0].text.len(), text.len());
}

#[test]
fn two_hundred_thousand_rows() {
    let mut input = String::from(HEAD);
    for i in 1..=200_000 {
        input.push_str(&format!("| {i} | 任务{i}。 | 县发改局 | 县政府各部门 |\n"));
    }
    let d = fengong::extract(input.as_bytes()).unwrap();
    assert_eq!(d.tasks.len(), 200_000);
    assert_eq!(d.tasks[199_999].line, 200_003);
    assert_eq!(d.units.len(), 2);
    assert_eq!(d.units[0].lead_tasks.len(), 200_000);
}

#[test]
fn three_hundred_columns() {
    let header = format!(
        "| 序号 | 目标任务 |{}\n|{}\n",
        " 备注 |".repeat(298),
        "---|".repeat(300)
    );
    let row = format!("| 1 | 任务。 |{}\n", " 县发改局 |".repeat(298));
    let d = fengong::extract(format!("{header}{row}").as_bytes()).unwrap();
    assert_eq!(d.tasks[0].extra.len(), 298);
    let unknown = d
        .diagnostics
        .iter()
        .filter(|x| x.code == Code::UnknownColumn)
        .count();
    assert_eq!(unknown, 298);
}

#[test]
fn markdown_nested_fifty_thousand_deep() {
    let row = "| 1 | 任务。 | 县发改局 | 县政府各部门 |\n";
    let cases = [
        format!("{}\n\n{HEAD}{row}", ">".repeat(50_000)),
        format!("{}x\n\n{HEAD}{row}", "- ".repeat(50_000)),
        format!(
            "{HEAD}| 1 | {} | 县发改局 | 县政府各部门 |\n",
            "[".repeat(50_000)
        ),
        format!(
            "{HEAD}| 1 | {} | 县发改局 | 县政府各部门 |\n",
            "*a".repeat(50_000)
        ),
        format!(
            "{HEAD}| 1 | 任务。 | {} | 县政府各部门 |\n",
            "（".repeat(50_000)
        ),
    ];
    for input in cases {
        let d = fengong::extract(input.as_bytes()).unwrap();
        assert_eq!(d.tasks.len(), 1);
    }
}

/// The seed cut off anywhere reads, or fails cleanly; cut inside a character, the damage is
/// reported on the last line.
#[test]
fn truncated_seed() {
    let seed = util::seed();
    let text = std::str::from_utf8(&seed).unwrap();
    for cut in (0..seed.len()).step_by(997) {
        match fengong::extract(&seed[..cut]) {
            Ok(d) => {
                let whole = (0..=cut)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                let lines = text[..whole].lines().count().max(1);
                if !text.is_char_boundary(cut) {
                    let bad = d
                        .diagnostics
                        .iter()
                        .find(|x| x.code == Code::InvalidEncoding);
                    assert_eq!(bad.map(|x| x.line), Some(lines), "cut at {cut}");
                }
            }
            Err(e) => assert!(cut < 5_000, "cut at {cut}: {e}"),
        }
    }
}
