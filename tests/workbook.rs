//! The workbook (`export --to xlsx`), read back with calamine: numbers stored as numbers, a
//! title on every sheet, Chinese labels and values by default and English with `--lang en`,
//! a sheet for every unit with a task (led or shared), an overview that agrees with
//! `fengong ledger`, the print setup of every sheet.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, DataType, Range, Reader, Xlsx, open_workbook};

use crate::export::temp;
use crate::util;

/// Write the workbook of `notice` (with `--lang LANG` when given) into a fresh folder; its
/// path.
fn workbook(name: &str, notice: &str, lang: Option<&str>) -> PathBuf {
    let dir = temp(name);
    let path = dir.join("workbook.xlsx");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fengong"));
    if let Some(lang) = lang {
        cmd.args(["--lang", lang]);
    }
    let out = cmd
        .args(["export", "-q", notice, "--to", "xlsx", "-o"])
        .arg(&path)
        .current_dir(util::root())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).expect("an xlsx workbook")
}

/// Row `r` of `range` as text.
fn row(range: &Range<Data>, r: usize) -> Vec<String> {
    range
        .rows()
        .nth(r)
        .unwrap_or_default()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

/// The column of `range` whose header (row 3) is `label`: its cells below the header.
fn column<'a>(range: &'a Range<Data>, label: &str) -> Vec<&'a Data> {
    let c = row(range, HEADER)
        .iter()
        .position(|h| h == label)
        .unwrap_or_else(|| panic!("no column {label}: {:?}", row(range, HEADER)));
    range.rows().skip(HEADER + 1).map(|r| &r[c]).collect()
}

/// Two title rows, then the header.
const HEADER: usize = 2;

/// How many different tasks a ledger holds (a task can be a unit's own and its group's).
fn distinct(l: &fengong::ledger::Ledger) -> usize {
    let mut seqs: Vec<u32> = l.tasks.iter().map(|t| t.seq).collect();
    seqs.sort_unstable();
    seqs.dedup();
    seqs.len()
}

fn is_number(d: &Data) -> bool {
    matches!(d, Data::Float(_) | Data::Int(_))
}

#[test]
fn numbers_are_numbers_and_labels_chinese_by_default() {
    let path = workbook("xlsx-zh", "seeds/huzhu-2026.md", None);
    let mut wb = open(&path);
    let d = fengong::extract(&util::seed()).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names[..2], ["总览", "任务总表"]);
    assert_eq!(&names[names.len() - 2..], ["目标", "诊断"]);

    let all = wb.worksheet_range("任务总表").unwrap();
    assert_eq!(all.height(), HEADER + 1 + d.tasks.len());
    assert_eq!(row(&all, HEADER)[..4], ["序号", "部分", "类别", "目标任务"]);
    let seq = column(&all, "序号");
    assert!(seq.iter().all(|c| is_number(c)), "{seq:?}");
    let numbers: Vec<f64> = seq.iter().map(|c| c.as_f64().unwrap()).collect();
    let want: Vec<f64> = d.tasks.iter().map(|t| f64::from(t.seq)).collect();
    assert_eq!(numbers, want);

    let targets = wb.worksheet_range("目标").unwrap();
    let count: usize = d.tasks.iter().map(|t| t.targets.len()).sum();
    assert_eq!(targets.height(), HEADER + 1 + count);
    assert!(column(&targets, "序号").iter().all(|c| is_number(c)));
    // 数值: a number wherever the target has a value, else empty.
    let values = column(&targets, "数值");
    let with_value = d
        .tasks
        .iter()
        .flat_map(|t| &t.targets)
        .filter(|g| g.value.is_some())
        .count();
    assert!(with_value > 0);
    assert_eq!(values.iter().filter(|c| is_number(c)).count(), with_value);
    assert!(
        values
            .iter()
            .all(|c| is_number(c) || c.is_empty() || c.to_string().is_empty()),
        "{values:?}"
    );
    // Chinese values, not the JSON's enum names.
    for label in ["类型", "变化", "界限"] {
        for c in column(&targets, label) {
            let s = c.to_string();
            assert!(!s.chars().any(|c| c.is_ascii_alphabetic()), "{label}: {s}");
        }
    }
    let kinds: Vec<String> = column(&targets, "类型")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(kinds.iter().any(|k| k == "目标"), "{kinds:?}");
    let diagnostics = wb.worksheet_range("诊断").unwrap();
    assert_eq!(row(&diagnostics, HEADER), ["行", "代码", "级别", "说明"]);
    assert!(column(&diagnostics, "行").iter().all(|c| is_number(c)));
    for c in column(&diagnostics, "级别") {
        assert!(["警告", "提示"].contains(&c.to_string().as_str()), "{c}");
    }
    // The messages as the dataset has them.
    let messages: Vec<String> = column(&diagnostics, "说明")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let want: Vec<String> = d.diagnostics.iter().map(|x| x.message.clone()).collect();
    assert_eq!(messages, want);

    // Every sheet: the notice's number and title, then what the sheet holds; labels in
    // Chinese (no Latin letters but in 1月…).
    let notice = format!(
        "{} {}",
        d.notice.doc_number.as_deref().unwrap(),
        d.notice.title.as_deref().unwrap()
    );
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        assert_eq!(row(&range, 0)[0], notice, "{name}");
        let subtitle = &row(&range, 1)[0];
        assert!(!subtitle.is_empty(), "{name}");
        for label in row(&range, HEADER) {
            assert!(
                !label.is_empty() && !label.chars().any(|c| c.is_ascii_alphabetic()),
                "{name}: {label}"
            );
        }
    }
    let unit = wb.worksheet_range("县发改局").unwrap();
    assert_eq!(row(&unit, 1)[0], "县发改局：牵头14项，参与22项");
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

#[test]
fn english_with_lang_en() {
    let path = workbook("xlsx-en", "seeds/huzhu-2026.md", Some("en"));
    let mut wb = open(&path);
    let names = wb.sheet_names();
    assert_eq!(names[..2], ["Overview", "Tasks"]);
    assert_eq!(&names[names.len() - 2..], ["Targets", "Diagnostics"]);
    let all = wb.worksheet_range("Tasks").unwrap();
    assert_eq!(
        row(&all, HEADER)[..4],
        ["No.", "Section", "Category", "Task"]
    );
    assert_eq!(row(&all, 1)[0], "All tasks: 73");
    let targets = wb.worksheet_range("Targets").unwrap();
    let kinds: Vec<String> = column(&targets, "Kind")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(
        kinds
            .iter()
            .all(|k| ["target", "figure", "qualitative"].contains(&k.as_str()))
    );
    let bounds: Vec<String> = column(&targets, "Bound")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(bounds.iter().any(|b| b == "at least"), "{bounds:?}");
    assert!(column(&targets, "Value").iter().any(|c| is_number(c)));
    let diagnostics = wb.worksheet_range("Diagnostics").unwrap();
    assert_eq!(
        row(&diagnostics, HEADER),
        ["Line", "Code", "Severity", "Message"]
    );
    for c in column(&diagnostics, "Severity") {
        assert!(["warning", "info"].contains(&c.to_string().as_str()), "{c}");
    }
    let unit = wb.worksheet_range("县发改局").unwrap();
    assert_eq!(row(&unit, 1)[0], "县发改局: leads 14, shares 22");
    let header = row(&unit, HEADER);
    assert_eq!(header[..3], ["No.", "Role", "Task"]);
    assert_eq!(header[header.len() - 12], "Jan");
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

#[test]
fn a_sheet_for_every_unit_and_an_overview_that_agrees_with_the_ledgers() {
    let path = workbook("xlsx-units", "seeds/huzhu-2026.md", None);
    let mut wb = open(&path);
    let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(["ledger", "-q", "seeds/huzhu-2026.md", "--format", "json"])
        .current_dir(util::root())
        .output()
        .unwrap();
    let ledgers: Vec<fengong::ledger::Ledger> = serde_json::from_slice(&out.stdout).unwrap();
    let names = wb.sheet_names();
    // 高寨街道办事处 leads nothing and shares 68 tasks: a sheet of its own.
    let gaozhai = ledgers.iter().find(|l| l.unit == "高寨街道办事处").unwrap();
    assert!(gaozhai.tasks.iter().all(|t| t.role != "lead"));
    assert_eq!(gaozhai.tasks.len(), 68);
    let sheet = wb.worksheet_range("高寨街道办事处").unwrap();
    assert_eq!(sheet.height(), HEADER + 1 + distinct(gaozhai));
    assert_eq!(row(&sheet, 1)[0], "高寨街道办事处：牵头0项，参与68项");
    // A unit's sheet: its led and shared tasks, the task text wide and the months narrow.
    let fagai = wb.worksheet_range("县发改局").unwrap();
    let header = row(&fagai, HEADER);
    assert_eq!(header[..3], ["序号", "角色", "目标任务"]);
    assert_eq!(header[header.len() - 12], "1月");
    // A row a task: one it leads and has through 县政府各部门 says both, a line each.
    let roles: Vec<String> = column(&fagai, "角色")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let fagai_ledger = ledgers.iter().find(|l| l.unit == "县发改局").unwrap();
    assert_eq!(roles.len(), distinct(fagai_ledger));
    assert_eq!(roles.iter().filter(|r| r.starts_with("牵头")).count(), 14);
    assert!(
        roles.iter().any(|r| r == "牵头\n参与（县政府各部门）"),
        "{roles:?}"
    );
    assert!(
        roles.iter().any(|r| r == "参与（县政府各部门）"),
        "{roles:?}"
    );
    let lines: usize = roles.iter().map(|r| r.lines().count()).sum();
    let ledger_roles: usize = fagai_ledger.tasks.iter().map(|t| t.roles.len()).sum();
    assert_eq!(lines, ledger_roles);

    let overview = wb.worksheet_range("总览").unwrap();
    assert_eq!(row(&overview, HEADER), ["单位", "牵头", "参与"]);
    let with_tasks: Vec<&fengong::ledger::Ledger> =
        ledgers.iter().filter(|l| !l.tasks.is_empty()).collect();
    assert_eq!(overview.height(), HEADER + 1 + with_tasks.len());
    for (l, r) in with_tasks.iter().zip(overview.rows().skip(HEADER + 1)) {
        let led = l.tasks.iter().filter(|t| t.role == "lead").count();
        let shared = l.tasks.iter().filter(|t| t.role == "responsible").count();
        assert_eq!(r[0].to_string(), l.unit);
        assert_eq!(r[1].as_f64(), Some(led as f64), "{}", l.unit);
        assert_eq!(r[2].as_f64(), Some(shared as f64), "{}", l.unit);
        // Each unit's sheet is there.
        assert!(names.contains(&l.unit), "{}", l.unit);
    }
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

#[test]
fn the_overview_gives_each_units_nearest_deadline_from_the_notice_date() {
    let path = workbook(
        "xlsx-deadlines",
        "fixtures/deadlines-as-calendar-dates.md",
        None,
    );
    let mut wb = open(&path);
    let overview = wb.worksheet_range("总览").unwrap();
    assert_eq!(
        row(&overview, HEADER),
        [
            "单位",
            "牵头",
            "参与",
            "最近完成时限",
            "任务序号",
            "完成时限（原文）"
        ]
    );
    let fagai = overview
        .rows()
        .find(|r| r[0] == Data::String("区发改局".into()))
        .unwrap();
    // Task 2 (2027年1月底前) is before the notice of 2027-02-10: task 3, 6月30日前.
    let serial = |y, m, d| {
        (chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
            - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap())
        .num_days() as f64
    };
    let Data::DateTime(date) = &fagai[3] else {
        panic!("a date: {:?}", fagai[3]);
    };
    assert_eq!(date.as_f64(), serial(2027, 6, 30));
    assert_eq!(fagai[4].as_f64(), Some(3.0));
    assert_eq!(fagai[5].to_string(), "6月30日前");
    // 区人社局's only task is 长期坚持: no date.
    let renshe = overview
        .rows()
        .find(|r| r[0] == Data::String("区人社局".into()))
        .unwrap();
    assert!(renshe[3].to_string().is_empty(), "{:?}", renshe[3]);
    // The deadline column on a unit's sheet.
    let sheet = wb.worksheet_range("区发改局").unwrap();
    let deadlines: Vec<String> = column(&sheet, "完成时限")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        deadlines,
        [
            "2027年12月底前",
            "2027年1月底前",
            "6月30日前",
            "2028年10月底前"
        ]
    );
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

#[test]
fn every_sheet_prints_a4_landscape_one_page_wide_with_its_titles_on_every_page() {
    let path = workbook("xlsx-print", "seeds/huzhu-2026.md", None);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let workbook = read("xl/workbook.xml");
    let sheets = workbook.matches("<sheet ").count();
    assert!(sheets > 40, "{sheets}");
    // The title rows and the header repeat on every printed page.
    assert_eq!(workbook.matches("_xlnm.Print_Titles").count(), sheets);
    assert!(workbook.contains("!$1:$3</definedName>"), "{workbook}");
    for i in 1..=sheets {
        let sheet = read(&format!("xl/worksheets/sheet{i}.xml"));
        assert!(
            sheet.contains(r#"<pageSetUpPr fitToPage="1"/>"#),
            "sheet {i}"
        );
        let setup = &sheet[sheet.find("<pageSetup ").expect("a page setup")..];
        let setup = &setup[..setup.find("/>").unwrap()];
        for attribute in [
            r#"paperSize="9""#,
            r#"orientation="landscape""#,
            r#"fitToHeight="0""#,
        ] {
            assert!(setup.contains(attribute), "sheet {i}: {setup}");
        }
        // Rows as tall as their wrapped text: none left at the default height.
        assert!(sheet.contains(r#"customHeight="1""#), "sheet {i}");
    }
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}
