use crate::util;

/// One snapshot per fixture: the dataset, or the error for a fixture that is not a notice.
#[test]
fn fixture_snapshots() {
    insta::glob!("../fixtures", "*.md", |path| {
        let bytes = std::fs::read(path).unwrap();
        let name = util::name(path);
        match fengong::extract_named(Some(&name), &bytes) {
            Ok(dataset) => {
                assert!(!name.starts_with("error-"), "{name} should fail");
                insta::assert_json_snapshot!(dataset);
            }
            Err(e) => {
                assert!(name.starts_with("error-"), "{name} failed: {e}");
                insta::assert_snapshot!(e.to_string());
            }
        }
    });
}
