use serde_json::Value;

use crate::util;

/// The dataset as JSON without `source` (which rightly differs: encoding, BOM, hash, size).
fn content(name: &str) -> (Value, Value) {
    let bytes = std::fs::read(util::root().join("fixtures").join(name)).unwrap();
    let dataset = fengong::extract(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut json = serde_json::to_value(dataset).unwrap();
    let source = json.as_object_mut().unwrap().remove("source").unwrap();
    (json, source)
}

/// The same notice in every encoding and line-ending convention gives the same dataset.
#[test]
fn every_encoding_gives_the_same_dataset() {
    let (expected, _) = content("encoding-utf8.md");
    let cases = [
        ("encoding-gbk.md", "GBK", false),
        ("encoding-utf16le-bom.md", "UTF-16LE", true),
        ("encoding-utf16be-no-bom.md", "UTF-16BE", false),
        ("encoding-utf8-bom-crlf.md", "UTF-8", true),
    ];
    for (name, encoding, bom) in cases {
        let (json, source) = content(name);
        assert_eq!(json, expected, "{name}");
        assert_eq!(source["encoding"], encoding, "{name}");
        assert_eq!(source["bom"], bom, "{name}");
    }
}
