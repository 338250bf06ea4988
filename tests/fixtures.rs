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

/// Every span of every fixture's dataset (tasks, mentions, sections, requirements, tables,
/// diagnostics) lies inside the text fengong read, on character boundaries, on the line it
/// names: the text of a web page or a Word document, not its markup, and line endings made
/// `\n`.
#[test]
fn every_span_lies_inside_the_text_read() {
    let mut read = 0;
    for path in util::all_fixtures() {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(dataset) = fengong::extract(&bytes) else {
            continue;
        };
        let text = fengong::decoded_text(&bytes).unwrap();
        if let Some(problem) = util::span_outside(&dataset, &text) {
            panic!("{}: {problem}", path.display());
        }
        read += 1;
    }
    assert!(read >= 100, "only {read} fixtures read");
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

/// A dataset written task by task (`write_json`, what `fengong extract` does) is the same
/// bytes as the dataset read whole and serialised, pretty and compact, with the same counts;
/// an unusable input is the same error. Every file under `fixtures/` and the seed.
#[test]
fn written_task_by_task_is_the_dataset_serialised() {
    let mut paths = util::all_fixtures();
    paths.push(util::root().join("seeds/huzhu-2026.md"));
    let (mut read, mut refused) = (0, 0);
    for path in &paths {
        let name = util::name(path);
        let bytes = std::fs::read(path).unwrap();
        let rules = fengong::Rules::builtin();
        let whole = fengong::extract_with(rules, Some(&name), &bytes);
        for pretty in [false, true] {
            let mut out = Vec::new();
            let written = fengong::write_json(rules, Some(&name), &bytes, &mut out, pretty);
            match (&whole, written) {
                (Ok(dataset), Ok(written)) => {
                    let mut want = if pretty {
                        serde_json::to_vec_pretty(dataset).unwrap()
                    } else {
                        serde_json::to_vec(dataset).unwrap()
                    };
                    want.push(b'\n');
                    assert!(out == want, "{}: the written JSON differs", path.display());
                    assert_eq!(
                        (written.tasks, written.sections, written.units),
                        (
                            dataset.tasks.len(),
                            dataset.sections.len(),
                            dataset.units.len()
                        ),
                        "{}",
                        path.display()
                    );
                    assert_eq!(
                        written.diagnostics,
                        dataset.diagnostics,
                        "{}",
                        path.display()
                    );
                    read += 1;
                }
                (Err(e), Err(fengong::WriteError::Input(w))) => {
                    assert_eq!(e.to_string(), w.to_string(), "{}", path.display());
                    assert!(
                        out.is_empty(),
                        "{}: written though unusable",
                        path.display()
                    );
                    refused += 1;
                }
                (whole, written) => panic!(
                    "{}: read whole {:?}, written {:?}",
                    path.display(),
                    whole.as_ref().map(|d| d.tasks.len()),
                    written.map(|w| w.tasks)
                ),
            }
        }
    }
    assert!(
        read >= 2 * 60 && refused >= 2,
        "{read} written, {refused} refused"
    );
}
