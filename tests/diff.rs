//! Next year's notice against this year's: exactly the changes made, none where there are
//! none, only numbers where only the numbers changed.

use std::process::Command;

use crate::util;

fn read(path: &str) -> fengong::Dataset {
    fengong::extract(&std::fs::read(util::root().join(path)).unwrap()).unwrap()
}

/// fixtures/diff/qingxi-2027.md is qingxi-2026.md with: task 2 removed (every later task
/// renumbered), a task added at the end, three targets changed (tasks 1, 3, 4), a unit
/// removed from task 6, task 8 moved to the sub-category before it, task 9 reworded.
#[test]
fn the_diff_reports_exactly_the_changes_made() {
    let old = read("fixtures/diff/qingxi-2026.md");
    let new = read("fixtures/diff/qingxi-2027.md");
    let got = serde_json::to_value(fengong::diff::diff(&old, &new)).unwrap();
    let want: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(util::root().join("fixtures/diff/expected.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(got, want);
    // What the expected file says, in words.
    assert_eq!(got["added"], serde_json::json!([9]));
    assert_eq!(got["removed"], serde_json::json!([2]));
    let fields: Vec<Vec<&str>> = got["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            m["changes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["field"].as_str().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(
        fields,
        [
            vec!["targets"],
            vec!["seq", "targets"],
            vec!["seq", "targets"],
            vec!["seq"],
            vec!["seq", "responsible"],
            vec!["seq"],
            vec!["seq", "subsection"],
            vec!["seq", "text"],
        ]
    );
}

#[test]
fn every_fixture_against_itself_and_renumbered() {
    for path in util::fixtures() {
        let Ok(d) = fengong::extract(&std::fs::read(&path).unwrap()) else {
            continue;
        };
        let name = util::name(&path);
        let same = fengong::diff::diff(&d, &d);
        assert!(same.is_empty(), "{name}: {same:?}");
        let mut renumbered = d.clone();
        for t in &mut renumbered.tasks {
            t.seq += 100;
        }
        let diff = fengong::diff::diff(&d, &renumbered);
        assert!(diff.added.is_empty() && diff.removed.is_empty(), "{name}");
        assert_eq!(diff.matched.len(), d.tasks.len(), "{name}");
        for m in &diff.matched {
            assert!(
                matches!(m.changes.as_slice(), [fengong::diff::Change::Seq { .. }]),
                "{name}: {m:?}"
            );
        }
    }
}

#[test]
fn exit_status_as_diff_and_datasets_as_input() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_fengong"))
            .args(args)
            .current_dir(util::root())
            .output()
            .unwrap()
    };
    let same = run(&[
        "diff",
        "fixtures/diff/qingxi-2026.md",
        "fixtures/diff/qingxi-2026.md",
    ]);
    assert_eq!(same.status.code(), Some(0));
    assert!(same.stderr.is_empty());
    // A dataset JSON written by extract is an input too.
    let dir = std::env::temp_dir().join(format!("fengong-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join("2026.json");
    let out = run(&[
        "extract",
        "-q",
        "fixtures/diff/qingxi-2026.md",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let changed = run(&[
        "diff",
        json.to_str().unwrap(),
        "fixtures/diff/qingxi-2027.md",
        "--format",
        "json",
    ]);
    assert_eq!(changed.status.code(), Some(1));
    let got: serde_json::Value = serde_json::from_slice(&changed.stdout).unwrap();
    assert_eq!(got["removed"], serde_json::json!([2]));
    let missing = run(&["diff", "no/such.md", "fixtures/diff/qingxi-2027.md"]);
    assert_eq!(missing.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn markdown_and_html_reports() {
    let run = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
            .args([
                "diff",
                "fixtures/diff/qingxi-2026.md",
                "fixtures/diff/qingxi-2027.md",
                "--format",
                format,
            ])
            .current_dir(util::root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let md = run("markdown");
    assert!(
        md.contains("新增任务 1 项，删除任务 1 项，有变化的任务 8 项。"),
        "{md}"
    );
    assert!(
        md.contains("| 3 | 2 | 序号 3 → 2<br>目标 固定资产投资：8% → 10% |"),
        "{md}"
    );
    let html = run("html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    // The reworded text marked, the added and removed tasks coloured, a filter by unit.
    assert!(
        html.contains("<ins>口袋</ins>") && html.contains("<del>新</del>"),
        "{html}"
    );
    assert_eq!(html.matches("<tr class=added").count(), 1);
    assert_eq!(html.matches("<tr class=removed").count(), 1);
    assert!(html.contains("id=f") && html.contains("data-units=\""));
}
