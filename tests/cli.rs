//! The command line, through the real binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn orgscale() -> Command {
    Command::cargo_bin("orgscale").unwrap()
}

#[test]
fn validate_clean_org_exits_zero_with_summary() {
    orgscale()
        .args(["validate"])
        .arg(example("symmetric-25.json"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "no errors, no warnings, no infos (profile two-pizza)",
        ));
}

#[test]
fn validate_warnings_only_exits_zero() {
    orgscale()
        .arg("validate")
        .arg(example("acme.json"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "warning[V4] team \"Checkout\": Team Checkout has 10 people; the two-pizza limit is 9.",
        ))
        .stdout(predicate::str::contains("no errors, 2 warnings, 1 info"));
}

#[test]
fn validate_errors_exit_one() {
    orgscale()
        .arg("validate")
        .arg(example("violations.json"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[V1] team \"No PO Team\": Team No PO Team has no Product Owner",
        ))
        .stdout(predicate::str::contains("5 errors, 10 warnings, 5 infos"));
}

#[test]
fn validate_json_output_has_findings_array() {
    let out = orgscale()
        .args(["validate", "--format", "json"])
        .arg(example("violations.json"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 20);
    let first = &findings[0];
    assert_eq!(first["rule"], "V1");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["subject"]["kind"], "team");
    assert_eq!(first["subject"]["name"], "No PO Team");
    assert!(first["subject"]["id"].as_str().unwrap().starts_with('t'));
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("no Product Owner")
    );
    for f in findings {
        let sev = f["severity"].as_str().unwrap();
        assert!(["error", "warning", "info"].contains(&sev));
    }
    assert_eq!(v["summary"]["errors"], 5);
}

#[test]
fn profile_flag_changes_the_team_size_limit() {
    // Checkout has 10 people: over the two-pizza limit of 9, within the 2020 Guide's "10 or fewer".
    orgscale()
        .args(["validate", "--profile", "scrum-guide-2020"])
        .arg(example("acme.json"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("V4").not())
        .stdout(predicate::str::contains("(profile scrum-guide-2020)"));
    orgscale()
        .args(["validate", "--profile", "no-such-profile"])
        .arg(example("acme.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("known profiles: two-pizza"));
}

#[test]
fn validate_reads_csv_rosters() {
    orgscale()
        .arg("validate")
        .arg(example("acme-roster.csv"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Checkout has 10 people"));
}

#[test]
fn unreadable_input_exits_two_and_names_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.json");
    orgscale()
        .arg("validate")
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.json"))
        .stderr(predicate::str::contains("no such file"));

    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\n  \"format_version\": 1,\n  \"name\": \"X\",\n  \"people\": [\n    {\"id\": \"p1\" \"name\": \"A\"}\n  ]\n}\n").unwrap();
    orgscale()
        .arg("validate")
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.json (line 5, column"))
        .stderr(predicate::str::contains("invalid JSON"));

    let dangling = dir.path().join("dangling.json");
    std::fs::write(
        &dangling,
        r#"{"format_version": 1, "name": "X", "teams": [{"id": "t1", "name": "A", "group": "g9"}]}"#,
    )
    .unwrap();
    orgscale()
        .arg("stats")
        .arg(&dangling)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at $.teams[0].group"))
        .stderr(predicate::str::contains(
            "group g9, which is not in \"groups\"",
        ));
}

#[test]
fn stats_reports_levels_roles_and_paths() {
    orgscale()
        .arg("stats")
        .arg(example("symmetric-125.json"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Teams                       125"))
        .stdout(predicate::str::contains("Levels                      3"))
        .stdout(predicate::str::contains(
            "310 hierarchical vs 7750 all-to-all (25.0x fewer)",
        ));
    let out = orgscale()
        .args(["stats", "--format", "json"])
        .arg(example("symmetric-125.json"))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["teams"], 125);
    assert_eq!(v["people"], 625);
    assert_eq!(v["levels"], 3);
    assert_eq!(v["groups_per_level"], serde_json::json!([25, 5, 1]));
    assert_eq!(v["sosm_filled"], 31);
    assert_eq!(v["sosm_missing"], 0);
    assert_eq!(v["paths_hierarchical"], 310);
    assert_eq!(v["paths_all_to_all"], 7750);
    assert_eq!(v["average_team_size"], 5.0);
    // The guide's three levels: the EMS seats the top two levels' CPOs (1 + 5).
    assert_eq!(v["cpo_filled"], 31);
    assert_eq!(v["ems_attendees"], 6);
}

#[test]
fn import_then_export_round_trips_the_roster() {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("acme.json");
    orgscale()
        .arg("import")
        .arg(example("acme-roster.csv"))
        .arg("-o")
        .arg(&org)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Imported 91 people in 14 teams and 4 groups",
        ));
    let csv = dir.path().join("again.csv");
    orgscale()
        .arg("export")
        .arg(&org)
        .arg("-o")
        .arg(&csv)
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        std::fs::read_to_string(example("acme-roster.csv")).unwrap()
    );
    // JSON export with an explicit format and an unusual extension.
    let out = dir.path().join("copy.txt");
    orgscale()
        .arg("export")
        .arg(example("small.json"))
        .args(["--format", "json", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        std::fs::read_to_string(example("small.json")).unwrap()
    );
}

#[test]
fn export_refuses_unknown_formats_and_unwritable_paths_without_leaving_files() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("org.xyz");
    orgscale()
        .arg("export")
        .arg(example("small.json"))
        .arg("-o")
        .arg(&odd)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot tell the export format"));
    assert!(!odd.exists());
    let nowhere = dir.path().join("no-such-folder").join("org.csv");
    orgscale()
        .arg("export")
        .arg(example("small.json"))
        .arg("-o")
        .arg(&nowhere)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn failed_import_keeps_the_existing_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("org.json");
    std::fs::write(&out, "precious").unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "person,team,role,path\nAna,Checkout,Wizard,Commerce\n",
    )
    .unwrap();
    orgscale()
        .arg("import")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.csv (line 2)"))
        .stderr(predicate::str::contains("unknown role \"Wizard\""));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
}

#[test]
fn help_lists_the_commands() {
    orgscale()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("validate"))
        .stdout(predicate::str::contains("stats"))
        .stdout(predicate::str::contains("import"))
        .stdout(predicate::str::contains("export"));
}

#[test]
fn grow_writes_an_org_that_validates_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("grown.json");
    orgscale()
        .args([
            "grow",
            "--teams",
            "125",
            "--fanout",
            "5",
            "--team-size",
            "6",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Grew to 125 teams in 3 levels (31 groups, 750 people",
        ));
    orgscale()
        .arg("validate")
        .arg(&out)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no errors, no warnings, no infos"));
    let stats = orgscale()
        .args(["stats", "--format", "json"])
        .arg(&out)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&stats).unwrap();
    assert_eq!(v["growth"]["canonical_levels"], 3);
    assert_eq!(v["growth"]["canonical_scaled_roles"], 31);
    assert_eq!(v["growth"]["sds_seats"], 155);
    assert_eq!(v["growth"]["path_ratio"], 25.0);
    // With ems_min_level auto the EMS holds the top two levels' CPOs, not all 31.
    assert_eq!(v["cpo_filled"], 31);
    assert_eq!(v["ems_attendees"], 6);

    // Growing an existing org keeps it and adds to it.
    let more = dir.path().join("more.json");
    orgscale()
        .args(["grow", "--teams", "30", "--from"])
        .arg(example("acme.json"))
        .arg("-o")
        .arg(&more)
        .assert()
        .code(0);
    orgscale().arg("validate").arg(&more).assert().code(0);

    // Bad parameters: a clear message, exit 2, no file.
    let bad = dir.path().join("bad.json");
    orgscale()
        .args(["grow", "--teams", "10", "--fanout", "13", "-o"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fan-out must be between 2 and 12"));
    assert!(!bad.exists());
}

#[test]
fn export_infers_dot_and_mermaid_from_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    for (file, start) in [
        ("org.dot", "digraph \"Acme Online\" {"),
        ("org.mmd", "flowchart TB"),
    ] {
        let out = dir.path().join(file);
        orgscale()
            .arg("export")
            .arg(example("acme.json"))
            .arg("-o")
            .arg(&out)
            .assert()
            .code(0);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with(start), "{text}");
        assert!(text.contains("Fraud Detection"));
    }
}

#[test]
fn export_draws_svg_png_and_pdf_in_either_layout_from_json_or_csv() {
    let dir = tempfile::tempdir().unwrap();
    for (input, file, magic) in [
        ("acme.json", "org.svg", &b"<?xml"[..]),
        ("acme.json", "org.png", &b"\x89PNG"[..]),
        ("acme.json", "org.pdf", &b"%PDF"[..]),
        ("acme-roster.csv", "roster.svg", &b"<?xml"[..]),
        ("acme-roster.csv", "roster.pdf", &b"%PDF"[..]),
    ] {
        for layout in ["tree", "fractal"] {
            let out = dir.path().join(format!("{layout}-{file}"));
            orgscale()
                .arg("export")
                .arg(example(input))
                .args(["--layout", layout, "--findings", "-o"])
                .arg(&out)
                .assert()
                .code(0)
                .stdout(predicate::str::contains("Wrote"));
            let bytes = std::fs::read(&out).unwrap();
            assert!(bytes.starts_with(magic), "{file} {layout}");
        }
    }
    // The CLI writes exactly what the library makes (the designer calls the same function).
    let org = orgscale::io::load(&example("acme.json")).unwrap();
    let svg = orgscale::export::export(
        &org,
        orgscale::export::Format::Svg,
        &orgscale::export::Options {
            style: orgscale::layout::Style::Fractal,
            findings: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        std::fs::read(dir.path().join("fractal-org.svg")).unwrap(),
        svg
    );
    // An explicit --format wins over the extension; --scale sets the PNG size.
    let small = dir.path().join("picture.dat");
    orgscale()
        .arg("export")
        .arg(example("small.json"))
        .args(["--format", "png", "--scale", "0.5", "-o"])
        .arg(&small)
        .assert()
        .code(0);
    let big = dir.path().join("picture.png");
    orgscale()
        .arg("export")
        .arg(example("small.json"))
        .args(["--scale", "2", "-o"])
        .arg(&big)
        .assert()
        .code(0);
    let width = |p: &std::path::Path| {
        let b = std::fs::read(p).unwrap();
        u32::from_be_bytes([b[16], b[17], b[18], b[19]])
    };
    assert_eq!(width(&big), 4 * width(&small));
    // A format that contradicts the extension is written as asked, with a warning; options that
    // do nothing to the format say so.
    let odd = dir.path().join("odd.svg");
    orgscale()
        .arg("export")
        .arg(example("small.json"))
        .args(["--format", "pdf", "--scale", "3", "-o"])
        .arg(&odd)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "warning: writing PDF document into",
        ))
        .stderr(predicate::str::contains("whose extension says SVG image"))
        .stderr(predicate::str::contains(
            "note: --scale does nothing to PDF",
        ));
    assert!(std::fs::read(&odd).unwrap().starts_with(b"%PDF"));
    orgscale()
        .arg("export")
        .arg(example("small.json"))
        .args(["--layout", "fractal", "--findings", "-o"])
        .arg(dir.path().join("org.csv"))
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "note: --layout and --findings do nothing to CSV roster",
        ));
}

#[test]
fn failed_diagram_exports_exit_two_and_leave_the_old_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("org.png");
    std::fs::write(&out, "precious").unwrap();
    // An org file that does not load.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"format_version\": 1, \"name\": 5}").unwrap();
    orgscale()
        .arg("export")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.json"));
    // A scale out of range.
    orgscale()
        .arg("export")
        .arg(example("small.json"))
        .args(["--scale", "0", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--scale"));
    // A picture too large to render.
    let huge = dir.path().join("huge.json");
    orgscale()
        .args(["grow", "--teams", "3000", "-o"])
        .arg(&huge)
        .assert()
        .code(0);
    orgscale()
        .arg("export")
        .arg(&huge)
        .args(["--scale", "16", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "or less fits, and SVG and PDF have no size limit",
        ))
        .stderr(predicate::str::is_match(r"\(--scale [0-9.]+ fits\)").unwrap());
    // An unknown --format value.
    orgscale()
        .arg("export")
        .arg(example("small.json"))
        .args(["--format", "tiff", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "no temporary files left: {names:?}");
}
