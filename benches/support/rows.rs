/// A task table of `n` generated rows, about 100 bytes each: a section row, then tasks with a
/// target, a lead unit and three responsible units, one with a note; every 50th row a
/// sub-category. For the benchmark's `rows` group and `examples/rows.rs`.
pub fn generated_rows(n: usize) -> String {
    const LEADS: [&str; 5] = ["县发改局", "县财政局", "县住建局", "县农业农村局", "县教育局"];
    let mut out = String::with_capacity(n * 110 + 200);
    out.push_str("| 序号 | 目标任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n");
    out.push_str("| 一、重点工作 | | | |\n");
    for i in 1..=n {
        if i % 50 == 1 {
            out.push_str(&format!("| （{}）第{}组工作 | | | |\n", i / 50 + 1, i / 50 + 1));
        }
        let lead = LEADS[i % LEADS.len()];
        out.push_str(&format!(
            "| {i} | 第{i}项工程投资增长{}.{}%。 | {lead} | 县自然资源局、各乡镇人民政府 |\n",
            i % 9 + 1,
            i % 7,
        ));
    }
    out
}
