//! Each converter repair (`src/repair/`) fires on the fixture with its shape and stays quiet
//! on the near miss beside it (`fixtures/repair-<shape>-fires.md`, `…-not-here.md`); what
//! either reads is in its snapshot.

use crate::util;

/// The codes of a fixture's diagnostics.
fn codes(name: &str) -> Vec<String> {
    let bytes = std::fs::read(util::root().join("fixtures").join(name)).expect(name);
    let dataset = fengong::extract_named(Some(name), &bytes).expect(name);
    dataset
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect()
}

/// (shape, the code its repair emits).
const PASSES: [(&str, &str); 5] = [
    ("two-row-header", "I013"),
    ("header-spill", "I015"),
    ("joined-columns", "I009"),
    ("continuation", "I010"),
    ("fragments", "W019"),
];

#[test]
fn each_repair_fires_where_its_shape_is() {
    for (shape, code) in PASSES {
        let name = format!("repair-{shape}-fires.md");
        let got = codes(&name);
        assert!(
            got.iter().any(|c| c == code),
            "{name}: {code} not in {got:?}"
        );
    }
}

#[test]
fn no_repair_fires_where_its_shape_is_not() {
    for (shape, _) in PASSES {
        let name = format!("repair-{shape}-not-here.md");
        let got = codes(&name);
        // Nor any other repair's code: a near miss of one shape is no other shape either.
        for (_, other) in PASSES {
            assert!(
                !got.iter().any(|c| c == other),
                "{name} ({shape}): {other} in {got:?}"
            );
        }
    }
}
