//! `extract()` on arbitrary bytes: it must return a dataset or an error, never panic or hang;
//! every span it reports must lie inside the decoded text, on character boundaries; and the
//! dataset must load back from its JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dataset) = fengong::extract(data) else {
        return;
    };
    let text = fengong::decoded_text(data).expect("a dataset was read from it");
    let inside = |span: fengong::Span| {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    };
    for task in &dataset.tasks {
        assert!(inside(task.span), "task {}", task.seq);
        for m in task.lead_mentions.iter().chain(&task.responsible_mentions) {
            assert!(inside(m.span), "mention {:?}", m.raw);
        }
    }
    for s in &dataset.sections {
        assert!(inside(s.span), "section {}", s.number);
    }
    for t in &dataset.tables {
        assert!(inside(t.span), "table at line {}", t.line);
    }
    for d in &dataset.diagnostics {
        assert!(inside(d.span), "{d}");
    }
    let json = serde_json::to_string(&dataset).expect("serialises");
    let loaded: fengong::Dataset = serde_json::from_str(&json).expect("loads back");
    assert_eq!(loaded, dataset);
});
