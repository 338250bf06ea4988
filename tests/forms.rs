//! The reporting cycle (issue 28): `forms` writes a form per lead unit (its tasks, the
//! drop-down read back from the xlsx, the hidden keys, the due date), never into a folder a
//! person has put other files in; `collect` reads a folder of returns filled here (one edited,
//! one with a bad status, one renamed, one a CSV, one late, one sent twice, one of another
//! period, one corrupt, one re-saved by LibreOffice — the committed fixture — and one unit
//! missing) with exactly the expected diagnostics, a summary whose counts match and the rows
//! in SQLite, a unit's text byte for byte; `status` names the missing unit and the 滞后 tasks;
//! every filled cell of generated returns ends up in the summary.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Reader, Xlsx};
use proptest::prelude::*;

use crate::util;

const SEED: &str = "seeds/huzhu-2026.md";
const STATUSES: [&str; 4] = ["已完成", "按序时推进", "滞后", "未启动"];

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-forms-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn fengong(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .current_dir(util::root())
        .output()
        .unwrap()
}

fn ok(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn dataset() -> fengong::Dataset {
    fengong::extract_named(Some("huzhu-2026.md"), &util::seed()).unwrap()
}

/// The units that lead a task, in the ledgers' order.
fn lead_units(d: &fengong::Dataset) -> Vec<fengong::ledger::Ledger> {
    fengong::ledger::ledgers(d, None, &[], fengong::Rules::builtin())
        .into_iter()
        .filter(|l| l.tasks.iter().any(|t| t.role == "lead"))
        .collect()
}

/// Every sheet of a workbook: name → rows of cells as text (absolute positions).
fn sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    let grid = fengong::forms::read_return("x.xlsx", bytes).unwrap();
    grid.sheets.into_iter().map(|s| (s.name, s.rows)).collect()
}

fn sheet<'a>(all: &'a [(String, Vec<Vec<String>>)], name: &str) -> &'a Vec<Vec<String>> {
    &all.iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
        .1
}

/// A file inside an xlsx (zip) archive, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// `B12` → (11, 1).
fn position(cell: &str) -> (usize, usize) {
    let split = cell.find(|c: char| c.is_ascii_digit()).unwrap();
    let (letters, digits) = cell.split_at(split);
    let col = letters
        .bytes()
        .fold(0usize, |n, b| n * 26 + (b - b'A' + 1) as usize)
        - 1;
    (digits.parse::<usize>().unwrap() - 1, col)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Put `text` into `cell` of a worksheet's XML, as a spreadsheet program saving it would: the
/// blank cell the form has there replaced, or a new cell at the end of its row, or a new row.
fn set_cell(xml: &str, cell: &str, text: &str) -> String {
    let (row, _) = position(cell);
    let value = format!(
        " t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
        escape(text)
    );
    let open = format!("<c r=\"{cell}\"");
    if let Some(start) = xml.find(&open) {
        let tag_end = start + xml[start..].find('>').unwrap();
        let head = &xml[start..tag_end];
        let style = head
            .find(" s=\"")
            .map(|i| {
                let rest = &head[i + 4..];
                format!(" s=\"{}\"", &rest[..rest.find('"').unwrap()])
            })
            .unwrap_or_default();
        let end = if head.ends_with('/') {
            tag_end + 1
        } else {
            tag_end + xml[tag_end..].find("</c>").unwrap() + 4
        };
        return format!("{}{open}{style}{value}{}", &xml[..start], &xml[end..]);
    }
    let row_open = format!("<row r=\"{}\"", row + 1);
    if let Some(start) = xml.find(&row_open) {
        let end = start + xml[start..].find("</row>").unwrap();
        return format!("{}{open}{value}{}", &xml[..end], &xml[end..]);
    }
    let end = xml.find("</sheetData>").unwrap();
    format!(
        "{}<row r=\"{}\">{open}{value}</row>{}",
        &xml[..end],
        row + 1,
        &xml[end..]
    )
}

/// The form `bytes` with `cells` typed in and saved (the sheet's XML edited in the archive).
fn fill(bytes: &[u8], cells: &[(String, String)]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_owned();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8(data).unwrap();
            for (cell, text) in cells {
                xml = set_cell(&xml, cell, text);
            }
            data = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The cells a unit fills in on its form of `rows` tasks (`seqs`): 填报人, 联系电话, and each
/// row's progress, a status (in turn from `shift`), problems on every third, next steps.
fn plan(unit: &str, seqs: &[u32], shift: usize) -> Vec<(String, String)> {
    let mut cells = vec![
        ("B4".to_owned(), "张三".to_owned()),
        ("E4".to_owned(), "0972-8320000".to_owned()),
    ];
    for (i, seq) in seqs.iter().enumerate() {
        let r = 6 + i;
        cells.push((
            format!("D{r}"),
            format!("{unit}：第{seq}项本月按计划推进。"),
        ));
        cells.push((format!("E{r}"), STATUSES[(i + shift) % 4].to_owned()));
        if i % 3 == 0 {
            cells.push((format!("F{r}"), "项目资金到位较慢。".to_owned()));
        }
        cells.push((format!("G{r}"), "下月加快推进。".to_owned()));
    }
    cells
}

/// Set a file's modification time: when the office received it.
fn received(path: &Path, rfc3339: &str) {
    let t = chrono::DateTime::parse_from_rfc3339(rfc3339).unwrap();
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(t.timestamp() as u64);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

#[test]
fn forms_for_the_seed_one_workbook_per_lead_unit_with_the_drop_down_and_keys() {
    let dir = temp("seed");
    let out = dir.join("forms");
    ok(&fengong(&[
        "forms",
        "-q",
        SEED,
        "--period",
        "2026-05",
        "-o",
        out.to_str().unwrap(),
    ]));
    let d = dataset();
    let leads = lead_units(&d);
    let mut want: Vec<String> = leads
        .iter()
        .map(|l| format!("2026-05-{}.xlsx", l.unit))
        .collect();
    want.sort();
    let mut got: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| util::name(&e.unwrap().path()))
        .collect();
    got.sort();
    assert_eq!(got, want);

    let bytes = std::fs::read(out.join("2026-05-县发改局.xlsx")).unwrap();
    let all = sheets(&bytes);
    let form = sheet(&all, "进展情况");
    assert!(
        form[0][0].starts_with("互政办〔2026〕14号 "),
        "{:?}",
        form[0]
    );
    assert_eq!(form[1][0], "重点工作任务进展情况（2026年5月）");
    assert_eq!(
        form[2],
        [
            "填报单位",
            "县发改局",
            "",
            "报送期间",
            "2026年5月",
            "报送截止",
            "2026-05-25"
        ]
    );
    assert_eq!(form[3][0], "填报人");
    assert_eq!(form[3][3], "联系电话");
    assert_eq!(
        form[4],
        [
            "序号",
            "工作任务",
            "角色",
            "本期进展",
            "完成情况",
            "存在问题",
            "下步打算",
            "任务键"
        ]
    );
    let rows = &form[5..];
    assert_eq!(rows.len(), 36, "14 led, then 22 shared");
    let led: Vec<&str> = rows[..14].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        led,
        [
            "1", "4", "5", "7", "10", "12", "13", "14", "16", "23", "24", "27", "60", "62"
        ]
    );
    assert!(rows[..14].iter().all(|r| r[2].starts_with("牵头")));
    assert!(rows[14..].iter().all(|r| r[2].starts_with("参与")));
    // Each row's text and key are the notice's task.
    for r in rows {
        let index: usize = r[7].strip_prefix('T').unwrap().parse().unwrap();
        assert_eq!(d.tasks[index].text, r[1]);
        assert_eq!(d.tasks[index].seq.to_string(), r[0]);
    }
    // The keys, in a hidden sheet.
    let keys = sheet(&all, "fengong");
    let value = |k: &str| keys.iter().find(|r| r[0] == k).map(|r| r[1].clone());
    assert_eq!(value("fengong-form").as_deref(), Some("1"));
    assert_eq!(value("notice_key"), Some(d.source.sha256.clone()));
    assert_eq!(value("period").as_deref(), Some("2026-05"));
    assert_eq!(value("unit").as_deref(), Some("县发改局"));
    assert_eq!(value("due").as_deref(), Some("2026-05-25"));
    let book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let hidden: Vec<(String, calamine::SheetVisible)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible))
        .collect();
    assert_eq!(
        hidden,
        [
            ("进展情况".to_owned(), calamine::SheetVisible::Visible),
            ("fengong".to_owned(), calamine::SheetVisible::Hidden)
        ]
    );
    // The drop-down, the locked sheet and the hidden key column, read from the sheet's XML.
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains(
            "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" \
             showErrorMessage=\"1\""
        ),
        "{xml}"
    );
    assert!(xml.contains("sqref=\"E6:E41\""), "{xml}");
    assert!(xml.contains("<formula1>\"已完成,按序时推进,滞后,未启动\"</formula1>"));
    assert!(xml.contains("<sheetProtection"));
    assert!(xml.contains("<col min=\"8\" max=\"8\" width=\"8.7109375\" hidden=\"1\""));
    // Task texts locked, the cells to fill in not: the style of B6 locks, D6's does not.
    let styles = part(&bytes, "xl/styles.xml");
    let style_of = |cell: &str| -> usize {
        let open = format!("<c r=\"{cell}\" s=\"");
        let at = xml.find(&open).unwrap() + open.len();
        xml[at..at + xml[at..].find('"').unwrap()].parse().unwrap()
    };
    let xfs = &styles[styles.find("<cellXfs").unwrap()..];
    let xf = |i: usize| xfs.split("<xf ").nth(i + 1).unwrap().to_owned();
    assert!(!xf(style_of("B6")).contains("locked=\"0\""));
    assert!(xf(style_of("D6")).contains("locked=\"0\""));
    assert!(xf(style_of("E6")).contains("locked=\"0\""));

    // Written again: the same bytes, so the folder is no other files.
    ok(&fengong(&[
        "forms",
        "-q",
        SEED,
        "--period",
        "2026-05",
        "-o",
        out.to_str().unwrap(),
    ]));
    assert_eq!(
        std::fs::read(out.join("2026-05-县发改局.xlsx")).unwrap(),
        bytes
    );

    // In English: English labels, the same Chinese statuses.
    let en = dir.join("en");
    ok(&fengong(&[
        "--lang",
        "en",
        "forms",
        "-q",
        SEED,
        "--period",
        "2026-Q2",
        "-o",
        en.to_str().unwrap(),
    ]));
    let bytes = std::fs::read(en.join("2026-Q2-县发改局.xlsx")).unwrap();
    let all = sheets(&bytes);
    let form = sheet(&all, "Progress");
    assert_eq!(form[2][4], "Q2 2026");
    assert_eq!(form[2][6], "2026-06-25", "每季度第三个月25日前");
    assert_eq!(form[4][1], "Task");
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<formula1>\"已完成,按序时推进,滞后,未启动\"</formula1>"));
    assert!(xml.contains("已完成 done, 按序时推进 on schedule, 滞后 behind, 未启动 not started"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn forms_never_write_over_a_folder_a_person_has_used() {
    let dir = temp("refuse");
    let out = dir.join("forms");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("说明.txt"), "mine").unwrap();
    let o = out.to_str().unwrap();
    let r = fengong(&["forms", "-q", SEED, "--period", "2026-05", "-o", o]);
    assert_eq!(r.status.code(), Some(2));
    let message = String::from_utf8_lossy(&r.stderr);
    assert!(
        message.contains("说明.txt") && message.contains("--force"),
        "{message}"
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        1,
        "nothing written"
    );
    // With --force, beside it.
    ok(&fengong(&[
        "forms", "-q", SEED, "--period", "2026-05", "-o", o, "--force",
    ]));
    assert_eq!(
        std::fs::read_to_string(out.join("说明.txt")).unwrap(),
        "mine"
    );
    // A return saved under its form's name is never replaced, not even with --force.
    let form = out.join("2026-05-县教育局.xlsx");
    std::fs::write(&form, b"a unit's return").unwrap();
    let r = fengong(&[
        "forms", "-q", SEED, "--period", "2026-05", "-o", o, "--force",
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("2026-05-县教育局.xlsx"));
    assert_eq!(std::fs::read(&form).unwrap(), b"a unit's return");
    // A period without a due date: an error that says so, nothing written.
    let none = dir.join("h1");
    let r = fengong(&[
        "forms",
        "-q",
        SEED,
        "--period",
        "2026-H1",
        "-o",
        none.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    let message = String::from_utf8_lossy(&r.stderr);
    assert!(
        message.contains("没有每半年报送的要求") && message.contains("2026-H1"),
        "{message}"
    );
    assert!(!none.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A folder of returns for the seed's 2026-05 forms, as `collect` is given it, with what the
/// test expects of it.
struct Returns {
    dir: PathBuf,
    forms: PathBuf,
    /// Per unit kept: the statuses of its rows, in form order.
    statuses: Vec<(String, Vec<String>)>,
    missing: String,
    late: String,
    special: String,
}

/// The text 县发改局 writes into its first row's 本期进展: spaces around, a line break, a tab,
/// markup characters, quotes, an emoji.
const SPECIAL: &str = "  本月完成投资12.5亿元，同比增长8%；\n第二行\t<&> \"引号\" 😀 ";

fn returns(name: &str) -> Returns {
    let dir = temp(name);
    let forms = dir.join("forms");
    ok(&fengong(&[
        "forms",
        "-q",
        SEED,
        "--period",
        "2026-05",
        "-o",
        forms.to_str().unwrap(),
    ]));
    let returned = dir.join("returns");
    std::fs::create_dir_all(&returned).unwrap();
    let d = dataset();
    let leads = lead_units(&d);
    let on_time = "2026-05-20T10:00:00+08:00";
    let (missing, late, libre) = ("县气象局", "县林草局", "县住房保障服务中心");
    let mut statuses = Vec::new();
    for (k, l) in leads.iter().enumerate() {
        if l.unit == missing || l.unit == libre {
            continue;
        }
        let blank = std::fs::read(forms.join(format!("2026-05-{}.xlsx", l.unit))).unwrap();
        let grid = sheets(&blank);
        let rows = &sheet(&grid, "进展情况")[5..];
        let seqs: Vec<u32> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
        let mut cells = plan(&l.unit, &seqs, k);
        let mut name = format!("2026-05-{}.xlsx", l.unit);
        match l.unit.as_str() {
            "县发改局" => cells.push(("D6".into(), SPECIAL.into())),
            "县教育局" => {
                cells.push(("B7".into(), "（已改）推进义务教育优质均衡发展。".into()))
            }
            "县民政局" => cells.push(("E8".into(), "基本完成".into())),
            "县商务局" => name = "商务局回执（定稿）.xlsx".into(),
            _ => {}
        }
        let row_statuses: Vec<String> = (0..seqs.len())
            .map(|i| {
                cells
                    .iter()
                    .rev()
                    .find(|(c, _)| *c == format!("E{}", 6 + i))
                    .map(|(_, s)| s.clone())
                    .unwrap()
            })
            .collect();
        let filled = fill(&blank, &cells);
        if l.unit == "县财政局" {
            // Sent back as CSV: no keys.
            let grid = sheets(&filled);
            let mut w = csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(Vec::new());
            for row in sheet(&grid, "进展情况").iter() {
                let row: Vec<&str> = row.iter().take(7).map(String::as_str).collect();
                w.write_record(if row.is_empty() { vec![""] } else { row })
                    .unwrap();
            }
            let path = returned.join("县财政局2026年5月进展.csv");
            std::fs::write(&path, w.into_inner().unwrap()).unwrap();
            received(&path, on_time);
        } else {
            let path = returned.join(&name);
            std::fs::write(&path, filled).unwrap();
            received(
                &path,
                if l.unit == late {
                    "2026-05-27T09:00:00+08:00"
                } else {
                    on_time
                },
            );
        }
        if l.unit == "县卫健局" {
            // A first draft, sent earlier: set aside.
            let draft = returned.join("县卫健局-初稿.xlsx");
            std::fs::write(&draft, fill(&blank, &plan("初稿", &seqs, 0))).unwrap();
            received(&draft, "2026-05-18T09:00:00+08:00");
        }
        statuses.push((l.unit.clone(), row_statuses));
    }
    // Re-saved by LibreOffice (tests/returns/make-libreoffice-return.sh).
    let path = returned.join("住房保障中心.xlsx");
    std::fs::copy(
        util::root().join("tests/returns/libreoffice-resaved.xlsx"),
        &path,
    )
    .unwrap();
    received(&path, on_time);
    statuses.push((
        libre.to_owned(),
        STATUSES.iter().map(|s| s.to_string()).collect(),
    ));
    // Another period's form, and a corrupt file.
    let june = dir.join("june");
    ok(&fengong(&[
        "forms",
        "-q",
        SEED,
        "--period",
        "2026-06",
        "-o",
        june.to_str().unwrap(),
    ]));
    std::fs::copy(
        june.join("2026-06-县水利局.xlsx"),
        returned.join("2026-06-县水利局.xlsx"),
    )
    .unwrap();
    std::fs::write(returned.join("损坏.xlsx"), b"PK\x03\x04 not a workbook").unwrap();
    // A form of another notice: the seed with a line added (another SHA-256).
    let other = dir.join("other.md");
    std::fs::write(&other, [util::seed(), b"\n".to_vec()].concat()).unwrap();
    let other_forms = dir.join("other");
    ok(&fengong(&[
        "forms",
        "-q",
        other.to_str().unwrap(),
        "--period",
        "2026-05",
        "-o",
        other_forms.to_str().unwrap(),
    ]));
    std::fs::copy(
        other_forms.join("2026-05-县水利局.xlsx"),
        returned.join("旧通知-县水利局.xlsx"),
    )
    .unwrap();
    for f in ["2026-06-县水利局.xlsx", "损坏.xlsx", "旧通知-县水利局.xlsx"] {
        received(&returned.join(f), on_time);
    }
    Returns {
        dir: returned,
        forms: dir,
        statuses,
        missing: missing.into(),
        late: late.into(),
        special: SPECIAL.into(),
    }
}

#[test]
fn collect_reads_the_returns_with_exactly_the_expected_diagnostics() {
    let r = returns("collect");
    let summary = r.forms.join("summary.xlsx");
    let db = r.forms.join("p.db");
    let out = fengong(&[
        "--lang",
        "en",
        "collect",
        "-q",
        SEED,
        r.dir.to_str().unwrap(),
        "--period",
        "2026-05",
        "-o",
        summary.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let prefix = format!("{}/", r.dir.display());
    let lines: Vec<String> = stderr
        .lines()
        .map(|l| l.strip_prefix(&prefix).unwrap_or(l).to_owned())
        .collect();
    let d = dataset();
    let education_task = {
        let blank = std::fs::read(r.forms.join("forms/2026-05-县教育局.xlsx")).unwrap();
        sheet(&sheets(&blank), "进展情况")[6].clone()
    };
    let want = [
        "2026-06-县水利局.xlsx: warning[R004]: the file is the form of 2026-06, not of 2026-05: \
         set aside (collect it with --period 2026-06)"
            .to_owned(),
        format!(
            "2026-05-县教育局.xlsx:7: warning[R006]: cell B7: the task text was edited: \
             \"（已改）推进义务教育优质均衡发展。\", where the notice's task {} reads {:?}; the row \
             counts for task {} (the text as edited is kept in 未归入)",
            education_task[0], education_task[1], education_task[0]
        ),
        "2026-05-县民政局.xlsx:8: warning[R009]: cell E8: \"基本完成\" is not one of 已完成, \
         按序时推进, 滞后, 未启动: kept as written"
            .to_owned(),
        "县卫健局-初稿.xlsx: warning[R005]: 县卫健局 sent two returns; 2026-05-县卫健局.xlsx is \
         read and this one set aside (its cells are in 未归入): compare them, and keep one in the \
         folder"
            .to_owned(),
        "县财政局2026年5月进展.csv: warning[R002]: the file has no form keys (sheet fengong): \
         matched to 县财政局 by its name, and its rows by their task texts and numbers; check them"
            .to_owned(),
        format!(
            "旧通知-县水利局.xlsx: warning[R003]: the file is a form of another notice ({} {}), \
             not of this one: set aside",
            d.notice.doc_number.as_deref().unwrap(),
            d.notice.title.as_deref().unwrap()
        ),
        "损坏.xlsx: warning[R001]: the file is not a workbook (its zip archive: invalid Zip \
         archive: Could not find EOCD); read it by hand, or ask the unit to send the form again"
            .to_owned(),
    ];
    let mut want: Vec<String> = want.to_vec();
    let mut got: Vec<String> = lines
        .iter()
        .filter(|l| l.contains("warning["))
        .cloned()
        .collect();
    want.sort();
    got.sort();
    assert_eq!(got, want, "{stderr}");
    let leads = lead_units(&d).len();
    let last = lines.last().unwrap();
    assert!(
        last.contains(&format!(
            "{leads} units to report, {} received, 1 late, 1 missing",
            leads - 2
        )),
        "{last}"
    );

    // The summary: counts per unit, who is missing or late, a unit's text byte for byte.
    let all = sheets(&std::fs::read(&summary).unwrap());
    let counts = sheet(&all, "Counts");
    for (unit, statuses) in &r.statuses {
        let row = counts.iter().find(|row| row[0] == *unit).unwrap();
        assert_eq!(row[3], statuses.len().to_string(), "{unit}: {row:?}");
        for (k, s) in STATUSES.iter().enumerate() {
            let n = statuses.iter().filter(|x| x == s).count();
            assert_eq!(row[4 + k], n.to_string(), "{unit} {s}: {row:?}");
        }
        let other = statuses
            .iter()
            .filter(|x| !STATUSES.contains(&x.as_str()))
            .count();
        assert_eq!(row[8], other.to_string(), "{unit}: {row:?}");
    }
    let missing = sheet(&all, "Missing");
    let listed: Vec<(&str, &str)> = missing[3..]
        .iter()
        .map(|row| (row[0].as_str(), row[1].as_str()))
        .collect();
    let mut want = vec![(r.late.as_str(), "late"), (r.missing.as_str(), "missing")];
    let mut listed = listed;
    want.sort();
    listed.sort();
    assert_eq!(listed, want, "{missing:?}");
    let overall = sheet(&all, "Summary");
    assert!(
        overall
            .iter()
            .any(|row| row.get(4).is_some_and(|u| u == "县发改局")
                && row.get(6).is_some_and(|t| *t == r.special)),
        "the text of 县发改局 whole"
    );
    let unplaced = sheet(&all, "Unplaced");
    assert!(unplaced.iter().any(|row| {
        row.get(3)
            .is_some_and(|t| t == "（已改）推进义务教育优质均衡发展。")
    }));
    assert!(unplaced.iter().any(|row| row[0] == "县卫健局-初稿.xlsx"));

    // The database: a row a task of every return read, the text byte for byte.
    let c = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM progress WHERE period = '2026-05'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let want: usize = r.statuses.iter().map(|(_, s)| s.len()).sum();
    assert_eq!(n as usize, want);
    let text: String = c
        .query_row(
            "SELECT p.progress FROM progress p JOIN units u USING (unit_id) JOIN tasks t \
             USING (notice_key, task_index) WHERE u.name = '县发改局' AND t.seq = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(text.as_bytes(), r.special.as_bytes());
    let libre: String = c
        .query_row(
            "SELECT p.progress FROM progress p JOIN units u USING (unit_id) \
             WHERE u.name = '县住房保障服务中心' AND p.row = 6",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        libre,
        "第6行：本月完成前期手续，累计投资100万元。\n下月开工。"
    );
    let states: Vec<(String, i64)> = c
        .prepare("SELECT state, COUNT(*) FROM returns GROUP BY state ORDER BY state")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        states,
        [
            ("late".to_owned(), 1),
            ("missing".to_owned(), 1),
            ("received".to_owned(), leads as i64 - 2)
        ]
    );
    assert_eq!(
        c.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r
            .get::<_, i64>(
            0
        ))
        .unwrap(),
        0
    );
    // Exporting the notice again keeps the returns.
    ok(&fengong(&[
        "export",
        "-q",
        SEED,
        "--to",
        "sqlite",
        "-o",
        db.to_str().unwrap(),
    ]));
    let again: i64 = c
        .query_row("SELECT COUNT(*) FROM progress", [], |r| r.get(0))
        .unwrap();
    assert_eq!(again, n);

    // status: the missing unit as 未报送, the 滞后 tasks with their lead.
    let out = fengong(&["status", "--db", db.to_str().unwrap()]);
    ok(&out);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table
            .lines()
            .any(|l| l.starts_with(&r.missing) && l.contains("未报送")),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.starts_with(&r.late) && l.contains("逾期报送"))
    );
    let lagging: usize = r
        .statuses
        .iter()
        .flat_map(|(_, s)| s)
        .filter(|s| *s == "滞后")
        .count();
    assert!(table.contains(&format!("滞后任务 {lagging} 项")), "{table}");
    let out = fengong(&["status", "--db", db.to_str().unwrap(), "--format", "json"]);
    ok(&out);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["period"], "2026-05");
    let items = json["lagging"].as_array().unwrap();
    assert_eq!(items.len(), lagging);
    for item in items {
        let seq = item["seq"].as_u64().unwrap() as u32;
        let task = d.tasks.iter().find(|t| t.seq == seq).unwrap();
        let lead: Vec<&str> = item["lead"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(lead, task.lead, "task {seq}");
    }
    let out = fengong(&["status", "--db", db.to_str().unwrap(), "--format", "csv"]);
    ok(&out);
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.starts_with("period,notice,unit,unit_id,state,due,received,file,lagging\n"));
    assert!(
        csv.lines()
            .any(|l| l.contains(&r.missing) && l.contains(",missing,"))
    );
    std::fs::remove_dir_all(&r.forms).unwrap();
}

#[test]
fn collect_speaks_chinese_by_default_and_refuses_to_write_into_the_returns() {
    let dir = temp("zh");
    let forms = dir.join("forms");
    ok(&fengong(&[
        "forms",
        "-q",
        SEED,
        "--period",
        "2026-05",
        "-o",
        forms.to_str().unwrap(),
    ]));
    let returned = dir.join("returns");
    std::fs::create_dir_all(&returned).unwrap();
    let blank = std::fs::read(forms.join("2026-05-县妇联.xlsx")).unwrap();
    std::fs::write(
        returned.join("a.xlsx"),
        fill(&blank, &[("E6".into(), "差不多".into())]),
    )
    .unwrap();
    let out = fengong(&[
        "collect",
        "-q",
        SEED,
        returned.to_str().unwrap(),
        "--period",
        "2026-05",
    ]);
    ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a.xlsx:6: 警告[R009]: 完成情况不在列表中"),
        "{stderr}"
    );
    assert!(stderr.contains("a.xlsx:4: 警告[R010]"), "{stderr}");
    let inside = returned.join("汇总.xlsx");
    let out = fengong(&[
        "collect",
        "-q",
        SEED,
        returned.to_str().unwrap(),
        "--period",
        "2026-05",
        "-o",
        inside.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!inside.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every cell of the summary workbook, as text.
fn summary_cells(path: &Path) -> std::collections::HashSet<String> {
    sheets(&std::fs::read(path).unwrap())
        .into_iter()
        .flat_map(|(_, rows)| rows.into_iter().flatten())
        .collect()
}

/// Texts a unit may type: Chinese, digits, spaces around, line breaks, markup characters.
fn typed() -> impl Strategy<Value = String> {
    prop::string::string_regex("[ ]{0,2}[一-龥a-z0-9，。%<&>\"\n]{1,12}[ ]{0,2}").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Whatever a unit fills in — in the form's cells, in a column the form does not have,
    /// below the table, over a task's text — ends up in the summary: in 汇总 or 未归入.
    #[test]
    fn every_filled_cell_ends_up_in_the_summary(
        cells in prop::collection::vec((0usize..4, 0usize..6, typed()), 0..14),
        status in prop::collection::vec(prop::sample::select(vec!["已完成", "滞后", "未启动", "差不多", ""]), 4),
        filler in typed(),
        below in prop::option::of(typed()),
    ) {
        let d = dataset();
        let rules = fengong::Rules::builtin();
        let ledgers = fengong::ledger::ledgers(&d, None, &[], rules);
        let period: fengong::forms::Period = "2026-05".parse().unwrap();
        let forms = fengong::forms::forms(&d, &ledgers, period, true, fengong::Lang::Zh).unwrap();
        let form = forms.iter().find(|f| f.unit == "县住房保障服务中心").unwrap();
        let blank = fengong::forms::form_bytes(form, fengong::Lang::Zh).unwrap();
        // Columns B (the task's text), D, F, G, I (beyond the form), C (the role); rows 6–9.
        let letter = |c: usize| ["B", "D", "F", "G", "I", "C"][c];
        let mut filled: Vec<(String, String)> = vec![("B4".into(), filler)];
        for (row, col, text) in &cells {
            filled.push((format!("{}{}", letter(*col), 6 + row), text.clone()));
        }
        for (i, s) in status.iter().enumerate() {
            if !s.is_empty() {
                filled.push((format!("E{}", 6 + i), s.to_string()));
            }
        }
        if let Some(text) = below {
            filled.push(("B12".into(), text));
        }
        let bytes = fill(&blank, &filled);
        let dir = temp("prop");
        let path = dir.join("summary.xlsx");
        let files = [fengong::forms::ReturnFile { name: "r.xlsx".into(), received: None, bytes }];
        let c = fengong::forms::collect(&d, &forms, false, &files, rules);
        fengong::forms::write_summary(&d, &forms, period, &c, fengong::Lang::Zh, &path).unwrap();
        let all = summary_cells(&path);
        // The last text typed into a cell is what it holds.
        let mut last: std::collections::BTreeMap<String, String> = Default::default();
        for (cell, text) in filled {
            last.insert(cell, text);
        }
        for (cell, text) in last {
            if text.trim().is_empty() || cell == "B4" {
                continue;
            }
            let is_status = cell.starts_with('E');
            let found = if is_status { all.contains(text.trim()) } else { all.contains(&text) };
            // A task text typed over with its own text is no edit.
            let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            let unchanged = cell.starts_with('B') && form.rows.iter().any(|r| compact(&r.text) == compact(&text));
            prop_assert!(found || unchanged, "{cell} {text:?} not in the summary; {:?}", c.diagnostics);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Bytes that are no workbook are a diagnostic naming the file, never a panic.
    #[test]
    fn a_corrupt_return_is_a_diagnostic(bytes in prop::collection::vec(any::<u8>(), 0..400), csv in any::<bool>()) {
        let d = dataset();
        let rules = fengong::Rules::builtin();
        let ledgers = fengong::ledger::ledgers(&d, None, &[], rules);
        let period: fengong::forms::Period = "2026-05".parse().unwrap();
        let forms = fengong::forms::forms(&d, &ledgers, period, false, fengong::Lang::Zh).unwrap();
        let name = if csv { "x.csv" } else { "x.xlsx" };
        let mut bytes = bytes;
        if !csv {
            bytes.splice(0..0, b"PK\x03\x04".iter().copied());
        }
        let files = [fengong::forms::ReturnFile { name: name.into(), received: None, bytes }];
        let c = fengong::forms::collect(&d, &forms, false, &files, rules);
        prop_assert!(c.progress.is_empty());
        prop_assert!(c.diagnostics.iter().all(|x| x.file == name));
        prop_assert!(!c.diagnostics.is_empty());
    }
}
