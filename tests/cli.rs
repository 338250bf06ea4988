use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use crate::util;

fn fengong(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .current_dir(util::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("fengong runs");
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or_default()).unwrap();
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn extract_prints_json_and_diagnostics() {
    // In Chinese by default (the dataset's message is the same).
    let zh = fengong(&["extract", "seeds/huzhu-2026.md"], None);
    assert!(
        text(&zh.stderr).starts_with(
            "seeds/huzhu-2026.md:172: 提示[I001]: 表格没有牵头单位列，除非单元格用角色词写明，\
             其任务的牵头单位为空（table at line 172 has no lead column"
        ),
        "{}",
        text(&zh.stderr)
    );
    assert_eq!(
        zh.stdout,
        fengong(&["--lang", "en", "extract", "seeds/huzhu-2026.md"], None).stdout
    );
    let out = fengong(&["--lang", "en", "extract", "seeds/huzhu-2026.md"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["tasks"].as_array().unwrap().len(), 73);
    assert_eq!(json["source"]["file"], "huzhu-2026.md");
    assert_eq!(
        text(&out.stderr),
        "seeds/huzhu-2026.md:172: info[I001]: table at line 172 has no lead column (牵头单位); \
         its tasks get an empty lead list unless a unit cell names one (by 牵头, or first where the notice says the first listed leads)\n"
    );
}

#[test]
fn extract_reads_stdin_and_writes_output_file() {
    let dir = std::env::temp_dir().join(format!("fengong-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("out.json");
    let seed = util::seed();
    let out = fengong(
        &["extract", "-", "-o", target.to_str().unwrap(), "--quiet"],
        Some(&seed),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(json["source"]["file"], serde_json::Value::Null);
    let direct = serde_json::to_value(fengong::extract(&seed).unwrap()).unwrap();
    assert_eq!(json, direct);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unusable_input_exits_1_with_one_line() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "fengong: <stdin>: error: the input is empty\n"),
        (
            b"\x00\x01\x02\x03binary",
            "fengong: <stdin>: error: the input is not text (binary data at byte 0)\n",
        ),
        (
            "只有一段文字。\n".as_bytes(),
            "fengong: <stdin>: error: no task table: the input has no markdown table \
             (a header row such as | 序号 | 目标任务 | 牵头单位 | 责任单位 |), nor a list of \
             numbered tasks naming their units (1．…（牵头单位：…；责任单位：…）)\n",
        ),
        (
            "\n| 序号 | 目标任务 | 责任单位 |\n|---|---|---|\n".as_bytes(),
            "fengong: <stdin>:2: error: the task table at line 2 has a header but no rows\n",
        ),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            "fengong: <stdin>: error: the input is a PDF file, which fengong does not read: read \
             the notice's Word file if you have it, or convert the PDF with pymupdf4llm, which \
             keeps its task table best of the converters tried (`python -c \"import pymupdf4llm, \
             sys; print(pymupdf4llm.to_markdown(sys.argv[1]))\" FILE > notice.md`; the README's \
             \"From PDF or Word\" section)\n",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0",
            "fengong: <stdin>: error: the input is an old Office file (.doc, .xls or .wps), which \
             fengong does not read: save it as .docx (in Word or LibreOffice: `soffice --headless \
             --convert-to docx FILE`)\n",
        ),
        (
            b"PK\x03\x04\x14\0\0\0broken",
            "fengong: <stdin>: error: the input is a Word document (.docx), but damaged: the zip \
             archive cannot be read: invalid Zip archive: Could not find EOCD\n",
        ),
    ];
    for (input, stderr) in cases {
        let out = fengong(&["--lang", "en", "extract", "-"], Some(input));
        assert_eq!(out.status.code(), Some(1), "{input:?}");
        assert_eq!(text(&out.stderr), *stderr);
        assert!(out.stdout.is_empty());
    }
    // In Chinese by default: what the file is and what to do.
    let zh: &[(&[u8], &str)] = &[
        (b"", "fengong: <stdin>: 错误：输入为空\n"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0",
            "fengong: <stdin>: 错误：输入是 fengong 不读取的文件（旧版 Office 文件（.doc、.xls 或 \
             .wps））：请另存为 .docx（在 Word 或 LibreOffice 中：`soffice --headless --convert-to \
             docx FILE`）\n",
        ),
        (
            b"| a | b |\n|---|---|\n| 1 | 2 |\n",
            "fengong: <stdin>: 错误：没有任务表：1 个表格都没有写明任务列的表头（目标任务，或 \
             headers.tsv 中的同义词：见 `fengong rules --help`），也没有写明单位的编号任务列表\
             （1．…（牵头单位：…））\n",
        ),
    ];
    for (input, stderr) in zh {
        let out = fengong(&["extract", "-"], Some(input));
        assert_eq!(out.status.code(), Some(1), "{input:?}");
        assert_eq!(text(&out.stderr), *stderr);
    }
}

#[test]
fn io_and_usage_errors_exit_2() {
    let out = fengong(&["--lang", "en", "extract", "no/such/file.md"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("fengong: cannot read no/such/file.md: "),
        "{err}"
    );
    let out = fengong(&["extract", "no/such/file.md"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("fengong: 无法读取 no/such/file.md: "),
        "{err}"
    );

    let out = fengong(&["extract"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Usage:"));

    let out = fengong(&["frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_names_the_commands_and_exit_codes() {
    let out = fengong(&["--help"], None);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    for word in ["extract", "targets", "schema", "Exit status"] {
        assert!(help.contains(word), "--help lacks {word}:\n{help}");
    }
}

#[test]
fn schema_describes_the_dataset() {
    let out = fengong(&["schema"], None);
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        schema["$schema"]
            .as_str()
            .unwrap()
            .contains("json-schema.org")
    );
    let props = schema["properties"].as_object().unwrap();
    for key in [
        "schema_version",
        "source",
        "notice",
        "sections",
        "tasks",
        "units",
        "diagnostics",
    ] {
        assert!(props.contains_key(key), "schema lacks {key}");
    }
    let task = &schema["$defs"]["Task"]["properties"];
    for key in [
        "seq",
        "lead_inherited_from",
        "responsible_inherited_from",
        "line",
        "span",
    ] {
        assert!(task.get(key).is_some(), "Task schema lacks {key}");
    }
}

#[test]
fn targets_prints_a_table_for_people() {
    // Chinese by default, English with --lang en: the same rows.
    for (lang, header, first, last) in [
        (
            None,
            ["序号", "类型", "指标", "变化", "约束", "数值", "单位"],
            ["1", "目标", "粮食播种面积", "不低于", "42", "万亩"],
            ["5", "规模数据", "总投资", "等于", "8.6", "亿元"],
        ),
        (
            Some("en"),
            [
                "task",
                "kind",
                "indicator",
                "change",
                "bound",
                "value",
                "unit",
            ],
            ["1", "target", "粮食播种面积", "at least", "42", "万亩"],
            ["5", "figure", "总投资", "exactly", "8.6", "亿元"],
        ),
    ] {
        let mut args = vec![];
        if let Some(l) = lang {
            args.extend(["--lang", l]);
        }
        args.extend(["targets", "fixtures/targets-bounds-and-levels.md", "-q"]);
        let out = fengong(&args, None);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(out.stderr.is_empty(), "-q prints no diagnostics");
        let table = text(&out.stdout);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 1 + 9, "{table}");
        // Cells are two spaces or more apart (`at least` is one cell).
        let cells = |line: &str| {
            line.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        assert_eq!(cells(lines[0]), header);
        assert_eq!(cells(lines[1]), first);
        assert_eq!(cells(lines[9]), last);
        // Columns line up in terminal columns (a Chinese character takes two).
        let unit_column = |line: &str| {
            let (before, _) = line.rsplit_once(' ').unwrap();
            before
                .chars()
                .map(|c| if c.is_ascii() { 1 } else { 2 })
                .sum::<usize>()
        };
        assert_eq!(unit_column(lines[1]), unit_column(lines[9]));
    }
}

#[test]
fn targets_prints_csv() {
    let out = fengong(
        &[
            "targets",
            "fixtures/targets-ranges-and-respectively.md",
            "--format",
            "csv",
            "-q",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "task,kind,indicator,change,bound,value,unit,base_value,base_unit,min,max,base_min,base_max,better,text"
    );
    assert_eq!(
        lines[1],
        "1,target,地区生产总值,increase,exact,5–6,%,,%,5,6,5,6,higher,地区生产总值增长5%—6%"
    );
    assert_eq!(lines.len(), 1 + 7);
}

#[test]
fn rules_dump_writes_the_defaults_and_rules_reads_them_back() {
    let dir = std::env::temp_dir().join(format!("fengong-cli-rules-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = fengong(&["rules", "--dump", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let names: Vec<String> = fengong::Rules::file_names().map(str::to_owned).collect();
    for name in &names {
        assert!(dir.join(name).is_file(), "{name} not written");
    }
    // The defaults written out read the seed as the built-in rules do.
    let out = fengong(
        &[
            "--rules",
            dir.to_str().unwrap(),
            "extract",
            "seeds/huzhu-2026.md",
            "-q",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let built_in = fengong(&["extract", "seeds/huzhu-2026.md", "-q"], None);
    assert_eq!(out.stdout, built_in.stdout);
    // A bad line: exit 2, the file and line named.
    std::fs::write(
        dir.join("unit_kinds.tsv"),
        "group\tprefix\t各\ngroup\tbegins\t县\n",
    )
    .unwrap();
    let out = fengong(
        &[
            "--lang",
            "en",
            "--rules",
            dir.to_str().unwrap(),
            "extract",
            "seeds/huzhu-2026.md",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let path = dir.join("unit_kinds.tsv");
    assert_eq!(
        text(&out.stderr),
        format!(
            "fengong: cannot use the rules: {}:2: unknown match \"begins\"; expected one of: \
             prefix, suffix, contains\n",
            path.display()
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stderr_shows_twenty_diagnostics_of_a_code_and_the_json_keeps_all() {
    let mut input = String::from("| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n");
    for i in 1..=60 {
        input.push_str(&format!("| {i} | 任务{i}。 | 县发改局 | 县统计局 |\n"));
    }
    // In Chinese by default: the code's description, then the specifics.
    let zh = fengong(&["extract", "-", "--compact"], Some(input.as_bytes()));
    let zh = text(&zh.stderr);
    assert!(
        zh.contains("<stdin>:3: 警告[W006]: 任务行出现在任何部分标题之前（task 1 "),
        "{zh}"
    );
    assert!(zh.contains("<stdin>: ……另有 40 条 W006（全部 60 条见数据集的 diagnostics）"));
    let out = fengong(
        &["--lang", "en", "extract", "-", "--compact"],
        Some(input.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("W006")).collect();
    assert_eq!(lines.len(), 21, "{stderr}");
    assert_eq!(stderr.lines().count(), 25, "{stderr}"); // and four I005
    assert!(
        lines[19].starts_with("<stdin>:22: warning[W006]: task 20 "),
        "{stderr}"
    );
    assert_eq!(
        lines[20],
        "<stdin>: … and 40 more W006 (all 60 are in the dataset's diagnostics)"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let w006 = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "W006")
        .count();
    assert_eq!(w006, 60);
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), 1);
}

#[test]
fn word_documents_are_read_directly_and_text_shows_what_lines_refer_to() {
    let file = "fixtures/converters/qinghe-county-deadlines.docx";
    let out = fengong(&["extract", "-q", file], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["source"]["format"], "docx");
    assert_eq!(json["tasks"].as_array().unwrap().len(), 10);
    let task = &json["tasks"][2];
    let line = task["line"].as_u64().unwrap() as usize;

    let out = fengong(&["text", file], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    // The line a task names, in the printed text, is its row.
    let row = printed.lines().nth(line - 1).unwrap();
    assert!(
        row.starts_with("<tr><td>3</td><td>固定资产投资增长8%。</td>"),
        "{row}"
    );
    let span = task["span"]["start"].as_u64().unwrap() as usize
        ..task["span"]["end"].as_u64().unwrap() as usize;
    assert!(printed[span].contains("固定资产投资增长8%。"));
}

/// `fengong extract IN -o OUT` on a fresh folder `IN` holding the fixtures `files` names
/// (fixture, path in the folder): the folder, `OUT` and what the run gave.
fn extract_folder(name: &str, files: &[(&str, &str)]) -> (PathBuf, PathBuf, Output) {
    let dir = std::env::temp_dir().join(format!("fengong-{name}-{}", std::process::id()));
    let (input, output) = (dir.join("in"), dir.join("out"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(input.join("sub")).unwrap();
    let fixtures = util::root().join("fixtures");
    for (fixture, path) in files {
        std::fs::copy(fixtures.join(fixture), input.join(path)).unwrap();
    }
    std::fs::write(input.join("notes.pdfx"), b"not a notice").unwrap();
    let out = fengong(
        &[
            "extract",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ],
        None,
    );
    (dir, output, out)
}

#[test]
fn a_folder_of_notices_is_read_file_by_file_and_a_failure_stops_none() {
    let (dir, output, out) = extract_folder(
        "many",
        &[
            ("rule3-sections-and-subsections.md", "a.md"),
            ("error-no-task-table.md", "b.md"),
            ("converters/qinghe-county-deadlines.docx", "sub/c.docx"),
        ],
    );
    // One notice failed: exit 1, the others written.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(output.join("a.json").exists() && output.join("c.json").exists());
    assert!(!output.join("b.json").exists());
    let err = text(&out.stderr);
    assert!(err.contains("a.md: 7 项任务，3 个部分"), "{err}");
    assert!(err.contains("b.md: error: no task table"), "{err}");
    assert!(err.contains("读取通知 2 份，失败 1 份"), "{err}");
    // No progress bar when stderr is not a terminal.
    assert!(!err.contains('\r'));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn notices_of_one_name_get_datasets_of_their_own() {
    // `a.docx`, `a.md` and `sub/a.md` would all be `a.json`.
    let md = "rule3-sections-and-subsections.md";
    let (dir, output, out) = extract_folder(
        "names",
        &[
            (md, "a.md"),
            (md, "sub/a.md"),
            ("converters/qinghe-county-deadlines.docx", "a.docx"),
            ("converters/qinghe-county-deadlines.openpyxl.xlsx", "b.xlsx"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut written: Vec<String> = std::fs::read_dir(&output)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        ["a.docx.json", "a.md-2.json", "a.md.json", "b.json"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn output_never_overwrites_the_input() {
    let dir = std::env::temp_dir().join(format!("fengong-self-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("notice.md");
    std::fs::copy(
        util::root().join("fixtures/rule3-sections-and-subsections.md"),
        &file,
    )
    .unwrap();
    let before = std::fs::read(&file).unwrap();
    let out = fengong(
        &[
            "extract",
            file.to_str().unwrap(),
            "-o",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("就是输入文件本身"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rules_help_names_every_rule_file() {
    let out = fengong(&["rules", "--help"], None);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    for file in fengong::Rules::file_names() {
        assert!(
            help.contains(file),
            "`fengong rules --help` does not name {file}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(["extract", "-q", "seeds/huzhu-2026.md"])
        .current_dir(util::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, as `| head -c1` would, and close the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(text(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}
