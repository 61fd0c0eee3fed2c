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

/// `rules.overrides.ems_min_level` in a file: a number is kept as it is (load, save: the same
/// bytes), `"auto"` reads and writes back as `"auto"`, an absent key is the profile's `auto`.
#[test]
fn ems_min_level_numbers_and_auto_are_saved_as_the_file_has_them() {
    use orgscale::model::Threshold;
    let path = Path::new("levels.json");
    let file = |value: &str| {
        format!(
            r#"{{
  "format_version": 1,
  "name": "Levels",
  "rules": {{
    "profile": "sas-2022",
    "overrides": {{
      "max_depth": 4,
      "ems_min_level": {value}
    }}
  }},
  "people": [],
  "teams": [],
  "groups": []
}}
"#
        )
    };
    for (value, kept) in [("2", 2), ("1", 1), ("7", 7), (r#""auto""#, Threshold::AUTO)] {
        let text = file(value);
        let org = orgscale::io::json::from_str(path, &text).unwrap_or_else(|e| panic!("{e}"));
        let rules = org.rules();
        assert_eq!(rules.overrides.ems_min_level, Some(kept), "{value}");
        assert_eq!(
            rules.is_auto(Threshold::EmsMinLevel),
            kept == Threshold::AUTO
        );
        assert_eq!(rules.overrides.max_depth, Some(4));
        assert_eq!(
            orgscale::io::json::to_string(&org),
            text,
            "{value} is saved as it was"
        );
        // A number holds at every depth; auto follows it.
        let at = |depth| rules.value_at(Threshold::EmsMinLevel, depth);
        if kept == Threshold::AUTO {
            assert_eq!((at(1), at(3), at(6)), (Some(1), Some(2), Some(5)));
        } else {
            assert_eq!((at(1), at(6)), (Some(kept), Some(kept)));
        }
    }
    // Without the key the profile's value applies: auto.
    let text = file("2").replace(",\n      \"ems_min_level\": 2", "");
    let org = orgscale::io::json::from_str(path, &text).unwrap();
    assert_eq!(org.rules().overrides.ems_min_level, None);
    assert!(org.rules().is_auto(Threshold::EmsMinLevel));
    assert_eq!(orgscale::io::json::to_string(&org), text);
    // 0, another word or a fraction is refused, naming the place and what is expected.
    for bad in ["0", r#""Auto""#, r#""two""#, "1.5", "-1"] {
        let e = orgscale::io::json::from_str(path, &file(bad)).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("ems_min_level"), "{bad}: {msg}");
        assert!(
            msg.contains(r#""auto" or a level of at least 1"#),
            "{bad}: {msg}"
        );
    }
}

/// The schema says the same: `"auto"`, a level from 1, or nothing.
#[test]
fn the_schema_offers_auto_or_a_level_for_ems_min_level() {
    let schema: serde_json::Value =
        serde_json::from_str(&orgscale::io::json::schema_json()).unwrap();
    let ems = &schema["$defs"]["Overrides"]["properties"]["ems_min_level"];
    assert_eq!(
        ems["anyOf"],
        serde_json::json!([
            { "type": "string", "const": "auto" },
            { "type": "integer", "format": "uint32", "minimum": 1 },
            { "type": "null" }
        ])
    );
    assert!(ems["description"].as_str().unwrap().contains("auto"));
}
