use crate::util;

/// One snapshot per fixture: the dataset, or the error for a fixture that is not a notice.
#[test]
fn fixture_snapshots() {
    insta::glob!("../fixtures", "*.{md,html}", |path| {
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

/// Every dataset loads back: JSON → `Dataset` → JSON gives the same bytes, pretty and
/// compact, for every fixture and the seed.
#[test]
fn datasets_load_back_to_the_same_bytes() {
    let mut inputs: Vec<(String, Vec<u8>)> = util::fixtures()
        .iter()
        .map(|p| (util::name(p), std::fs::read(p).unwrap()))
        .collect();
    inputs.push(("huzhu-2026.md".to_owned(), util::seed()));
    let mut read = 0;
    for (name, bytes) in inputs {
        let Ok(dataset) = fengong::extract_named(Some(&name), &bytes) else {
            continue;
        };
        read += 1;
        for json in [
            serde_json::to_string_pretty(&dataset).unwrap(),
            serde_json::to_string(&dataset).unwrap(),
        ] {
            let loaded: fengong::Dataset = serde_json::from_str(&json)
                .unwrap_or_else(|e| panic!("{name}: the dataset does not load back: {e}"));
            assert_eq!(loaded, dataset, "{name}");
            let again = if json.contains('\n') {
                serde_json::to_string_pretty(&loaded).unwrap()
            } else {
                serde_json::to_string(&loaded).unwrap()
            };
            assert!(again == json, "{name}: the JSON written again differs");
        }
    }
    assert!(read >= 30, "only {read} inputs read");
}
