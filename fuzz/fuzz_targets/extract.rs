//! `extract()` on arbitrary bytes: it must return a dataset or an error, never panic or hang,
//! and every span it reports must lie inside the decoded text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(dataset) = fengong::extract(data) {
        let len = dataset.source.bytes.max(1) * 4;
        for task in &dataset.tasks {
            assert!(task.span.start <= task.span.end && task.span.end <= len);
        }
        for d in &dataset.diagnostics {
            assert!(d.span.start <= d.span.end && d.span.end <= len);
        }
    }
});
