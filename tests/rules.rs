use std::path::PathBuf;

/// A table whose header wording the built-in rules do not know: 工作事项 for the task
/// column, 主办单位 for the lead.
const NOTICE: &str = "\
| 序号 | 工作事项 | 主办单位 | 协办单位 |
|---|---|---|---|
| 一、稳定经济增长 | | | |
| 1 | 地区生产总值增长6%左右。 | 县发改局 | 县统计局 |
| 2 | 社会消费品零售总额增长7%。 | 县商务局 | |
";

/// A fresh folder under the system's temporary folder.
/// A task's names as `String`s, to compare with a list written out.
fn names(list: &[fengong::Name]) -> Vec<String> {
    list.iter().map(|n| n.to_string()).collect()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_header_synonym_in_a_rules_folder_reads_a_table_the_built_in_rules_cannot() {
    let built_in = fengong::extract(NOTICE.as_bytes()).unwrap_err();
    assert!(
        matches!(
            built_in.kind(),
            fengong::ErrorKind::NoTaskTable { tables: 1 }
        ),
        "{built_in}"
    );

    // Next year's wording: the defaults written out, two lines added to one file.
    let dir = temp_dir("rules");
    fengong::Rules::write_defaults(&dir, false).unwrap();
    let headers = dir.join("headers.tsv");
    let mut text = std::fs::read_to_string(&headers).unwrap();
    text.push_str("task\t工作事项\nlead\t主办单位\n");
    std::fs::write(&headers, text).unwrap();

    let rules = fengong::Rules::from_dir(&dir).unwrap();
    let d = fengong::extract_with(&rules, None, NOTICE.as_bytes()).unwrap();
    let tasks: Vec<_> = d
        .tasks
        .iter()
        .map(|t| (t.seq, names(&t.lead), names(&t.responsible)))
        .collect();
    assert_eq!(
        tasks,
        [
            (1, vec!["县发改局".to_owned()], vec!["县统计局".to_owned()]),
            (2, vec!["县商务局".to_owned()], vec!["县统计局".to_owned()]),
        ]
    );
    assert_eq!(d.tasks[0].targets.len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_rules_file_is_an_error_naming_the_file_and_line() {
    let dir = temp_dir("bad-rules");
    std::fs::write(
        dir.join("target_words.tsv"),
        "# 注释\nincrease\t增长\nafter\t左右\tnearly\n",
    )
    .unwrap();
    let e = fengong::Rules::from_dir(&dir).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{}:3: unknown bound \"nearly\"; expected one of: about, at_least, at_most, \
             exceeds, exact",
            dir.join("target_words.tsv").display()
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_contraction_in_a_rules_folder_reads_one_indicator_for_each_part() {
    let notice = "\
| 序号 | 目标任务 | 牵头单位 | 责任单位 |
|---|---|---|---|
| 一、稳定经济增长 | | | |
| 1 | 工农业总产值分别增长6%、4%。 | 县发改局 | 县统计局 |
";
    let indicators = |rules: &fengong::Rules| -> Vec<String> {
        let d = fengong::extract_with(rules, None, notice.as_bytes()).unwrap();
        d.tasks[0]
            .targets
            .iter()
            .filter_map(|t| t.indicator.clone())
            .collect()
    };
    assert_eq!(
        indicators(fengong::Rules::builtin()),
        ["工农业总产值", "工农业总产值"]
    );
    let dir = temp_dir("contractions");
    std::fs::write(dir.join("contractions.tsv"), "工农业\t工业、农业\n").unwrap();
    let rules = fengong::Rules::from_dir(&dir).unwrap();
    assert_eq!(indicators(&rules), ["工业总产值", "农业总产值"]);
    // A word of one part is an error that names the file and line.
    std::fs::write(dir.join("contractions.tsv"), "# note\n工农业\t工业\n").unwrap();
    let e = fengong::Rules::from_dir(&dir).unwrap_err();
    assert_eq!(
        (e.file.ends_with("contractions.tsv"), e.line),
        (true, Some(2))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_role_word_in_a_rules_folder_gives_the_lead() {
    let notice = "\
| 序号 | 目标任务 | 责任单位 |
|---|---|---|
| 一、稳定经济增长 | | |
| 1 | 地区生产总值增长6%左右。 | 县发改局主办，县统计局协办 |
";
    let roles = |rules: &fengong::Rules| -> (Vec<String>, Vec<String>) {
        let d = fengong::extract_with(rules, None, notice.as_bytes()).unwrap();
        (names(&d.tasks[0].lead), names(&d.tasks[0].responsible))
    };
    // 主办 and 协办 are no built-in role words: no lead.
    assert!(roles(fengong::Rules::builtin()).0.is_empty());
    let dir = temp_dir("role-words");
    std::fs::write(
        dir.join("role_words.tsv"),
        "# ROLE\tWORD\nlead\t主办\nresponsible\t协办\n",
    )
    .unwrap();
    let rules = fengong::Rules::from_dir(&dir).unwrap();
    assert_eq!(
        roles(&rules),
        (vec!["县发改局".to_owned()], vec!["县统计局".to_owned()])
    );
    // A role other than lead or responsible is an error naming the file and line.
    std::fs::write(dir.join("role_words.tsv"), "lead\t主办\nleader\t分管\n").unwrap();
    let e = fengong::Rules::from_dir(&dir).unwrap_err();
    assert_eq!(
        (e.file.ends_with("role_words.tsv"), e.line),
        (true, Some(2))
    );
    assert!(e.to_string().contains("responsible"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_report_word_in_a_rules_folder_reads_a_reporting_rule() {
    let notice = "| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n\
                  | 一、稳定经济增长 | | | |\n\
                  | 1 | 地区生产总值增长6%左右。 | 县发改局 | 县统计局 |\n\n\
                  各责任单位于每月25日前向牵头单位反馈工作进展情况。\n";
    let rules_of = |rules: &fengong::Rules| {
        let d = fengong::extract_with(rules, None, notice.as_bytes()).unwrap();
        d.notice
            .reporting
            .iter()
            .map(|r| (r.day, r.from.clone(), r.to.clone()))
            .collect::<Vec<_>>()
    };
    // 反馈 is no built-in report word.
    assert!(rules_of(fengong::Rules::builtin()).is_empty());
    let dir = temp_dir("report-words");
    std::fs::write(dir.join("report_words.tsv"), "report\t反馈\nto\t反馈\n").unwrap();
    let rules = fengong::Rules::from_dir(&dir).unwrap();
    assert_eq!(
        rules_of(&rules),
        [(
            Some(25),
            Some("responsible".to_owned()),
            Some("lead".to_owned())
        )]
    );
    std::fs::write(dir.join("report_words.tsv"), "report\t反馈\nfrom\t各单位\n").unwrap();
    let e = fengong::Rules::from_dir(&dir).unwrap_err();
    assert_eq!(
        (e.file.ends_with("report_words.tsv"), e.line),
        (true, Some(2))
    );
    let _ = std::fs::remove_dir_all(&dir);
}
