//! No file is ever lost: outputs are written whole (a temporary file beside them, renamed
//! into place), never over an input, and a rules folder a user edited is never replaced.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::util;

fn fengong(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .current_dir(util::root())
        .stdin(Stdio::null())
        .output()
        .expect("fengong runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// An empty folder of its own for a test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The names of the files in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A notice of `rows` tasks, large enough that writing its dataset takes a while.
fn large_notice(rows: usize) -> String {
    let mut notice = String::from(
        "| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n| 一、主要预期目标 | | | |\n",
    );
    for i in 1..=rows {
        notice.push_str(&format!(
            "| {i} | 推进第{i}项重点工程建设，全年完成投资5亿元以上。 | 县发改局 | 县财政局、县自然资源局 |\n"
        ));
    }
    notice
}

#[test]
fn an_extract_killed_while_writing_leaves_the_old_output_whole() {
    let dir = temp_dir("killed");
    let notice = dir.join("large.md");
    std::fs::write(&notice, large_notice(20_000)).unwrap();
    let keep = dir.join("keep.json");
    let old = b"{\"the\": \"previous good dataset\"}\n";
    std::fs::write(&keep, old).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(["extract", "-q"])
        .arg(&notice)
        .arg("-o")
        .arg(&keep)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the new dataset is being written (its temporary file holds bytes), then
    // kill the process as a power cut or `kill -9` would.
    let started = Instant::now();
    let temp = loop {
        let found = names(&dir)
            .into_iter()
            .filter(|n| n.starts_with(".keep.json.") && n.ends_with(".tmp"))
            .map(|n| dir.join(n))
            .find(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 0));
        if let Some(temp) = found {
            break temp;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "extract ended before it could be interrupted; make the notice larger"
        );
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(2));
    };
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "extract ended before it was killed");
    // The previous output is whole; what was being written is in the temporary file only.
    assert_eq!(std::fs::read(&keep).unwrap(), old);
    assert!(temp.exists());

    // Run to its end, the new dataset replaces the old one whole.
    let out = fengong(&[
        "extract",
        "-q",
        notice.to_str().unwrap(),
        "-o",
        keep.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&keep).unwrap()).unwrap();
    assert_eq!(json["tasks"].as_array().unwrap().len(), 20_000);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unusable_input_leaves_the_old_output_and_no_temporary_file() {
    let dir = temp_dir("unusable");
    let notice = dir.join("empty.md");
    std::fs::write(&notice, "").unwrap();
    let keep = dir.join("keep.json");
    std::fs::write(&keep, "old").unwrap();
    let out = fengong(&[
        "extract",
        notice.to_str().unwrap(),
        "-o",
        keep.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&keep).unwrap(), "old");
    assert_eq!(names(&dir), ["empty.md", "keep.json"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn no_export_writes_over_an_input() {
    let dir = temp_dir("export-self");
    let notice = dir.join("notice.md");
    std::fs::copy(util::root().join("seeds/huzhu-2026.md"), &notice).unwrap();
    let before = std::fs::read(&notice).unwrap();
    // By its own path, by another path to it and by a hard link to it.
    let other = dir.join(".").join("notice.md");
    let link = dir.join("link.md");
    std::fs::hard_link(&notice, &link).unwrap();
    for to in ["csv", "sqlite", "ics", "xlsx"] {
        for output in [&notice, &other, &link] {
            let out = fengong(&[
                "export",
                "-q",
                notice.to_str().unwrap(),
                "--to",
                to,
                "-o",
                output.to_str().unwrap(),
            ]);
            assert_eq!(out.status.code(), Some(2), "{to}: {}", text(&out.stderr));
            assert_eq!(
                std::fs::read(&notice).unwrap(),
                before,
                "{to} -o {output:?}"
            );
        }
    }
    // A CSV table named as an input in the folder written into.
    let tables = dir.join("tables");
    std::fs::create_dir_all(&tables).unwrap();
    let misnamed = tables.join("tasks.csv");
    std::fs::copy(&notice, &misnamed).unwrap();
    let out = fengong(&[
        "export",
        "-q",
        misnamed.to_str().unwrap(),
        "--to",
        "csv",
        "-o",
        tables.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("就是输入文件"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&misnamed).unwrap(), before);
    assert_eq!(names(&tables), ["tasks.csv"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_command_that_prints_writes_the_same_to_a_file_and_never_over_its_input() {
    let dir = temp_dir("dash-o");
    let seed = "seeds/huzhu-2026.md";
    let commands: [&[&str]; 6] = [
        &["targets", seed],
        &["ledger", seed, "--unit", "县发改局"],
        &["diff", seed, seed],
        &["text", seed],
        &["schema"],
        &["extract", seed],
    ];
    for args in commands {
        let quiet: &[&str] = if ["diff", "text", "schema"].contains(&args[0]) {
            &[]
        } else {
            &["-q"]
        };
        let printed = fengong(&[args, quiet].concat());
        assert_eq!(
            printed.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&printed.stderr)
        );
        let file = dir.join(format!("{}.out", args[0]));
        let file = file.to_str().unwrap();
        let out = fengong(&[args, quiet, &["-o", file]].concat());
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{args:?} printed with -o");
        assert_eq!(std::fs::read(file).unwrap(), printed.stdout, "{args:?}");
        if args.len() > 1 {
            let copy = dir.join("notice.md");
            std::fs::copy(util::root().join(seed), &copy).unwrap();
            let mut over: Vec<&str> = args.to_vec();
            over[1] = copy.to_str().unwrap();
            let out = fengong(&[&over[..], &["-o", copy.to_str().unwrap()]].concat());
            assert_eq!(
                out.status.code(),
                Some(2),
                "{args:?}: {}",
                text(&out.stderr)
            );
            assert_eq!(
                std::fs::read(&copy).unwrap(),
                std::fs::read(util::root().join(seed)).unwrap(),
                "{args:?} wrote over its input"
            );
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rules_dump_into_an_edited_folder_refuses_and_force_replaces_nothing() {
    let dir = temp_dir("rules");
    let rules = dir.join("rules");
    let out = fengong(&["rules", "--dump", rules.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let headers = rules.join("headers.tsv");
    let mut edited = std::fs::read_to_string(&headers).unwrap();
    edited.push_str("task\t工作事项\n");
    std::fs::write(&headers, &edited).unwrap();
    std::fs::remove_file(rules.join("unit_aliases.tsv")).unwrap();
    std::fs::write(rules.join("notes.txt"), "我的笔记\n").unwrap();

    // Again over the edited folder: refused, nothing written.
    let listed = names(&rules);
    let out = fengong(&["rules", "--dump", rules.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let message = text(&out.stderr);
    assert!(
        message.contains("is not empty") && message.contains("--force"),
        "{message}"
    );
    assert_eq!(names(&rules), listed);
    assert_eq!(std::fs::read_to_string(&headers).unwrap(), edited);

    // With --force: the missing file written, the edited one kept with the built-in beside
    // it, the user's own file untouched.
    let out = fengong(&["rules", "--dump", rules.to_str().unwrap(), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&headers).unwrap(), edited);
    let beside = std::fs::read_to_string(rules.join("headers.tsv.new")).unwrap();
    assert_eq!(format!("{beside}task\t工作事项\n"), edited);
    assert!(rules.join("unit_aliases.tsv").is_file());
    assert_eq!(
        std::fs::read_to_string(rules.join("notes.txt")).unwrap(),
        "我的笔记\n"
    );
    let message = text(&out.stderr);
    assert!(message.contains(&format!(
        "wrote {}",
        rules.join("unit_aliases.tsv").display()
    )));
    assert!(message.contains("headers.tsv.new"), "{message}");
    // The folder still reads: the user's line is in effect.
    let out = fengong(&[
        "--rules",
        rules.to_str().unwrap(),
        "extract",
        "-q",
        "seeds/huzhu-2026.md",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}
