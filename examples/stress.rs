use std::time::Instant;
fn main() {
    let head = "| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n| 一、主要预期目标 | | | |\n";
    let mut cases: Vec<(&str, String)> = Vec::new();
    cases.push((
        "10MB cell",
        format!(
            "{head}| 1 | {} | 县发改局 | 县政府各部门 |\n",
            "增长".repeat(10_000_000 / 6)
        ),
    ));
    let mut rows = String::from(head);
    for i in 1..=200_000 {
        rows.push_str(&format!("| {i} | 任务{i}。 | 县发改局 | 县政府各部门 |\n"));
    }
    cases.push(("200k rows", rows));
    let hdr = format!(
        "| 序号 | 目标任务 |{}\n|{}\n",
        " 备注 |".repeat(298),
        "---|".repeat(300)
    );
    let row = format!("| 1 | 任务。 |{}\n", " 县发改局 |".repeat(298));
    cases.push(("300 cols", format!("{hdr}{row}")));
    cases.push((
        "nested 50k >",
        format!(
            "{}\n\n{head}| 1 | 任务。 | 县发改局 | 县政府各部门 |\n",
            ">".repeat(50_000)
        ),
    ));
    cases.push((
        "nested 50k list",
        format!(
            "{}x\n\n{head}| 1 | 任务。 | 县发改局 | 县政府各部门 |\n",
            "- ".repeat(50_000)
        ),
    ));
    cases.push((
        "50k brackets",
        format!(
            "{head}| 1 | {} | 县发改局 | 县政府各部门 |\n",
            "[".repeat(50_000)
        ),
    ));
    cases.push((
        "50k stars",
        format!(
            "{head}| 1 | {} | 县发改局 | 县政府各部门 |\n",
            "*a".repeat(50_000)
        ),
    ));
    cases.push((
        "50k parens unit",
        format!(
            "{head}| 1 | 任务 | {} | 县政府各部门 |\n",
            "（".repeat(50_000)
        ),
    ));
    for (name, input) in &cases {
        let t = Instant::now();
        let r = fengong::extract(input.as_bytes());
        println!(
            "{name:16} {:>9} bytes {:8.1} ms  {}",
            input.len(),
            t.elapsed().as_secs_f64() * 1e3,
            match r {
                Ok(d) => format!("{} tasks, {} diags", d.tasks.len(), d.diagnostics.len()),
                Err(e) => e.to_string(),
            }
        );
    }
}
