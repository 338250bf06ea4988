//! The README's commands, run as printed, in order, from a folder laid out as a fresh clone:
//! every `sh` block's `fengong` lines (the build and test lines aside), then its SQL against
//! the database they wrote.

use std::path::Path;
use std::process::Command;

use crate::util;

/// The code blocks of `lang` (`""`: blocks without one) in `text`, in order.
fn blocks(text: &str, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in text.lines() {
        match open.take() {
            None => {
                if let Some(fence) = line.strip_prefix("```") {
                    open = Some((fence.trim().to_owned(), String::new()));
                }
            }
            Some((fence, body)) if line.trim() == "```" => {
                if fence == lang {
                    out.push(body);
                }
            }
            Some((fence, mut body)) => {
                body.push_str(line);
                body.push('\n');
                open = Some((fence, body));
            }
        }
    }
    out
}

#[test]
fn every_command_the_readme_shows_works_as_printed() {
    let root = util::root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let dir = std::env::temp_dir().join(format!("fengong-readme-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // The clone's folders the commands read.
    for folder in ["seeds", "fixtures"] {
        std::os::unix::fs::symlink(root.join(folder), dir.join(folder)).unwrap();
    }
    let sh = blocks(&readme, "sh");
    let commands: Vec<&str> = sh
        .iter()
        .flat_map(|b| b.lines())
        .map(|l| l.split("  #").next().unwrap_or(l).trim())
        .filter(|l| l.starts_with("fengong "))
        .collect();
    assert!(commands.len() >= 10, "{commands:?}");
    for command in &commands {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("fengong() {{ \"$FENGONG\" \"$@\"; }}; {command}"))
            .env("FENGONG", env!("CARGO_BIN_EXE_fengong"))
            .current_dir(&dir)
            .output()
            .unwrap();
        // `diff` says by its status that something changed.
        let ok: &[i32] = if command.starts_with("fengong diff") {
            &[0, 1]
        } else {
            &[0]
        };
        assert!(
            out.status.code().is_some_and(|c| ok.contains(&c)),
            "{command}: {:?}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for written in [
        "huzhu-2026.json",
        "分工台账.xlsx",
        "报送日历.ics",
        "变化.md",
        "notices.db",
    ] {
        assert!(dir.join(written).is_file(), "{written} not written");
    }
    assert!(dir.join("tables/tasks.csv").is_file());
    assert!(dir.join("datasets/huzhu-2026.json").is_file());
    // The SQL it shows answers from the database it wrote.
    let db = rusqlite::Connection::open(dir.join("notices.db")).unwrap();
    for sql in blocks(&readme, "sql") {
        let rows = db
            .prepare(&sql)
            .unwrap()
            .query_map([], |_| Ok(()))
            .unwrap()
            .count();
        assert!(rows > 0, "no rows for {sql}");
    }
    // The ledger it prints is the one shown (its first lines).
    let shown = blocks(&readme, "")
        .into_iter()
        .find(|b| b.contains("项任务"))
        .expect("the ledger shown");
    let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(["ledger", "-q", "seeds/huzhu-2026.md", "--unit", "县发改局"])
        .current_dir(root)
        .output()
        .unwrap();
    let printed = String::from_utf8(out.stdout).unwrap();
    for line in shown.lines().take_while(|l| *l != "…") {
        assert!(printed.contains(line), "{line:?} not in the ledger printed");
    }
    remove(&dir);
}

fn remove(dir: &Path) {
    std::fs::remove_dir_all(dir).unwrap();
}
