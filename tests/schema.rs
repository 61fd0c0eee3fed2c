//! The checked-in JSON Schema must match the Rust types. Regenerate with
//! `UPDATE_SCHEMA=1 cargo test --test schema`.

use std::path::Path;

#[test]
fn checked_in_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/org.schema.json");
    let fresh = orgscale::io::json::schema_json();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == fresh,
        "docs/org.schema.json is stale; run `UPDATE_SCHEMA=1 cargo test --test schema` and commit it"
    );
}

#[test]
fn examples_load_and_are_saved_canonically() {
    // Every example loads, and saving it again gives the same bytes (canonical form).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&p).unwrap();
            let org = orgscale::io::json::from_str(&p, &text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                orgscale::io::json::to_string(&org),
                text,
                "{} is not canonical",
                p.display()
            );
            seen += 1;
        }
    }
    assert!(seen >= 6, "expected the example orgs, found {seen}");
}

#[test]
fn symmetric_examples_match_the_generator() {
    // examples/symmetric-*.json are the guide's canonical structures, made by
    // `orgscale::sample::symmetric`. Regenerate with `UPDATE_EXAMPLES=1 cargo test --test schema`.
    for (levels, teams) in [(1u32, 5usize), (2, 25), (3, 125)] {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/symmetric-{teams}.json"));
        let fresh = orgscale::io::json::to_string(&orgscale::sample::symmetric(5, levels));
        if std::env::var_os("UPDATE_EXAMPLES").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(&path).unwrap_or_default(),
            fresh,
            "{} is stale",
            path.display()
        );
    }
}
