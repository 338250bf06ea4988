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
    // Renumbering alone is counted apart: tasks 5 and 7 only moved up one.
    assert!(
        md.contains("新增任务 1 项，删除任务 1 项，有变化 6 项，仅序号变动 2 项。"),
        "{md}"
    );
    assert!(md.contains("## 仅序号变动\n\n5 → 4、7 → 6\n"), "{md}");
    assert!(
        md.contains("| 3 | 2 | 序号 3 → 2<br>目标 固定资产投资：增长8% → 增长10% |"),
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

/// The `fengong diff` of the memo fixtures in `format`, in `lang` (`None`: the default).
/// Standard output is a pipe: texts are never cut.
fn memo(format: &str, lang: Option<&str>) -> String {
    let mut args = vec![
        "diff",
        "fixtures/diff/memo-2026.md",
        "fixtures/diff/memo-2027.md",
        "--format",
        format,
    ];
    if let Some(lang) = lang {
        args.extend(["--lang", lang]);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(&args)
        .current_dir(util::root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// fixtures/diff/memo-2027.md is memo-2026.md with: task 2 removed, task 3 renumbered only
/// (3 → 2), task 4's target 达到60% made a wordy one (达到市定目标), task 5's lead changed,
/// task 6's responsible units one fewer, task 1's target made a range, section 民生保障
/// renamed 民生福祉, a section 改革创新 added with a new task.
#[test]
fn the_memo_in_every_format_and_both_languages() {
    // What every format shows, in each language: (what, Chinese, English). A task added or
    // removed is `6. TEXT` here; the table writes it `+ 新增任务 6：TEXT`, HTML `<b>6</b> TEXT`.
    let shown: &[(&str, &str, &str)] = &[
        (
            "an added task's number and text",
            "6. 推进数字政府建设，政务服务事项全部实现网上可办。",
            "6. 推进数字政府建设，政务服务事项全部实现网上可办。",
        ),
        (
            "a removed task's number and text",
            "2. 招引亿元以上产业项目20个。",
            "2. 招引亿元以上产业项目20个。",
        ),
        (
            "only the side of a unit list that has units",
            "责任单位 减：县财政局",
            "responsible units removed: 县财政局",
        ),
        (
            "both sides of a lead change",
            "牵头单位 增：县就业服务中心；减：县人社局",
            "lead units added: 县就业服务中心; removed: 县人社局",
        ),
        (
            "a wordy target as its words",
            "60% → 农村生活污水治理率达到市定目标",
            "60% → 农村生活污水治理率达到市定目标",
        ),
        (
            "a range as its ends, a bound as its word",
            "增长约6% → 增长5.5–6%",
            "up about 6% → up 5.5–6%",
        ),
        ("a section added", "新增：改革创新", "added: 改革创新"),
        (
            "a section renamed",
            "改名：民生保障 → 民生福祉",
            "renamed: 民生保障 → 民生福祉",
        ),
        (
            "renumbering counted apart",
            "新增任务 1 项，删除任务 1 项，有变化 4 项，仅序号变动 1 项。",
            "1 task added, 1 removed, 4 changed, 1 renumbered only.",
        ),
        (
            "a notice field",
            "文号：青政发〔2026〕3号 → 青政发〔2027〕2号",
            "document number: 青政发〔2026〕3号 → 青政发〔2027〕2号",
        ),
    ];
    // What no format shows: empty lists, a number-less target as nothing, the renamed
    // section's tasks each saying it again, English labels in Chinese and Chinese in English.
    let never_zh = [
        "增：；",
        "增 减",
        "减：\n",
        " → %",
        " → \n",
        "部分：民生保障",
        "task ",
        "notice",
        "section",
        "alike",
    ];
    let never_en = [
        "增：",
        "减：",
        "序号",
        "部分",
        "    目标",
        "<br>目标",
        "相似度",
        "新增：",
        "删除：",
        "新增任务",
        "section: 民生保障",
    ];
    for format in ["table", "markdown", "html"] {
        for (lang, zh) in [(None, true), (Some("zh"), true), (Some("en"), false)] {
            let out = memo(format, lang);
            for (what, want_zh, want_en) in shown {
                let want = if zh { *want_zh } else { *want_en };
                let want = match (format, want.split_once(". ")) {
                    ("table", Some((n, text))) if what.ends_with("number and text") => {
                        let word = match (zh, what.contains("added")) {
                            (true, true) => "新增任务 ",
                            (true, false) => "删除任务 ",
                            (false, true) => "new task ",
                            (false, false) => "removed task ",
                        };
                        format!("{word}{n}{}{text}", if zh { "：" } else { ": " })
                    }
                    ("html", Some((n, text))) if what.ends_with("number and text") => {
                        format!("<b>{n}</b> {text}")
                    }
                    ("html", _) => want.replace('>', "&gt;"),
                    _ => want.to_owned(),
                };
                assert!(
                    out.contains(&want),
                    "{format} {lang:?}: {what}: {want}\n{out}"
                );
            }
            for never in if zh { &never_zh[..] } else { &never_en[..] } {
                // The HTML page's script and class names are English in both.
                if format == "html" && ["section", "notice", "task "].contains(never) {
                    continue;
                }
                assert!(!out.contains(never), "{format} {lang:?}: {never:?}\n{out}");
            }
        }
    }
    // The default is Chinese: the same bytes as --lang zh.
    for format in ["table", "markdown", "html"] {
        assert_eq!(memo(format, None), memo(format, Some("zh")), "{format}");
    }
    // The HTML row of the renumbered task is apart from the changed ones.
    let html = memo("html", None);
    assert_eq!(html.matches("<tr class=renumbered").count(), 1, "{html}");
    assert_eq!(html.matches("<tr class=changed").count(), 4, "{html}");
    assert!(html.contains("<html lang=zh-CN>"));
    assert!(memo("html", Some("en")).contains("<html lang=en>"));
}

/// Every format and language of the memo fixtures as a snapshot, read whole.
#[test]
fn memo_snapshots() {
    for format in ["table", "markdown", "html"] {
        for lang in ["zh", "en"] {
            insta::assert_snapshot!(format!("memo-{format}-{lang}"), memo(format, Some(lang)));
        }
    }
}

/// The JSON contract of `diff --format json`: its schema as a snapshot.
#[test]
fn diff_schema() {
    let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(["schema", "diff"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("diff-schema", String::from_utf8(out.stdout).unwrap());
}

/// An input that cannot be read or used is exit status 2 (1 says something changed), the
/// message naming the file; whichever side it is on.
#[test]
fn an_unusable_input_exits_2_naming_it() {
    let dir = std::env::temp_dir().join(format!("fengong-diff-unusable-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.md");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.join("binary.md");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1, 2]).unwrap();
    let no_table = util::root().join("fixtures/error-no-task-table.md");
    let missing = dir.join("missing.md");
    let good = util::root().join("fixtures/diff/memo-2026.md");
    for bad in [&empty, &binary, &no_table, &missing] {
        for (old, new) in [(bad, &good), (&good, bad)] {
            let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
                .arg("diff")
                .args([old, new])
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{}: {stderr}", bad.display());
            assert!(out.stdout.is_empty(), "{}", bad.display());
            assert!(
                stderr.contains(&bad.display().to_string()),
                "{}: {stderr}",
                bad.display()
            );
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `diff --help` says what the exit statuses are.
#[test]
fn help_states_the_exit_statuses() {
    let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(["diff", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "0 when nothing changed",
        "1 when something did",
        "2 when OLD or NEW cannot be read or is not a usable notice",
    ] {
        assert!(help.contains(want), "{want}: {help}");
    }
}
