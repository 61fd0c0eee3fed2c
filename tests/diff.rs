//! `orgscale diff` through the real binary: the three formats (golden files on pairs of the
//! examples), exit codes for CI, git's diff-driver arguments, a roster against a JSON file, and
//! bad input.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn orgscale(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgscale"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const BASE: &str = "examples/acme.json";
const TARGET: &str = "examples/acme-proposed.json";

#[test]
fn text_reads_like_a_changelog_with_the_impact_at_the_end() {
    let o = orgscale(&["diff", BASE, TARGET]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    common::golden("diff-acme.txt", &text);
    for line in [
        "+ Customer Care added in Acme Online",
        "→ Returns moved from Fulfilment to Customer Care",
        "~ Reviews renamed to Ratings & Reviews",
        "- Benjamin Cohen left (was in Invoicing)",
        "+ Grace Oduya is now PO of Invoicing",
        "Team stability: 82 of 84 people keep their team (98%)",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    let impact = text.find("\nImpact\n").expect("impact table");
    assert!(
        impact > text.find("\nRoles\n").unwrap(),
        "impact comes last"
    );
}

#[test]
fn markdown_fits_a_pull_request_comment() {
    let o = orgscale(&["diff", BASE, TARGET, "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(0));
    let md = stdout(&o);
    common::golden("diff-acme.md", &md);
    assert!(
        md.starts_with("### orgscale diff: `examples/acme.json` → `examples/acme-proposed.json`")
    );
    assert!(
        md.contains("<details><summary>19 changes</summary>"),
        "{md}"
    );
    assert!(md.contains("| Teams | 14 | 15 |"), "{md}");
}

#[test]
fn json_follows_its_documented_layout() {
    let o = orgscale(&["diff", BASE, TARGET, "--format", "json", "--plan"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    common::golden("diff-acme.json", &text);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "orgscale-diff");
    assert_eq!(v["version"], 1);
    assert_eq!(v["matching"]["teams"], "by_id");
    let changes = v["changes"].as_array().unwrap();
    let added = changes
        .iter()
        .find(|c| c["change"] == "team_added")
        .unwrap();
    assert_eq!(added["team"]["name"], "Support Tools");
    assert_eq!(added["team"]["target"], "t15");
    assert_eq!(v["impact"]["target"]["teams"], 15);
    assert_eq!(v["plan"]["waves"].as_array().unwrap().len(), 1);
    // Every key the documentation lists is there.
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diff-format.md"))
            .unwrap();
    for key in [
        "format", "version", "base", "target", "summary", "matching", "changes", "impact", "plan",
    ] {
        assert!(v.get(key).is_some(), "{key}");
        assert!(
            doc.contains(&format!("`{key}`")),
            "docs/diff-format.md does not describe `{key}`"
        );
    }
    for c in changes {
        let kind = c["change"].as_str().unwrap();
        assert!(
            doc.contains(&format!("`{kind}`")),
            "docs/diff-format.md does not describe `{kind}`"
        );
    }
}

#[test]
fn fail_on_gates_a_pull_request_that_makes_the_org_worse() {
    let code = |args: &[&str]| orgscale(args).status.code();
    // The proposal adds a warning (a CPO outside the EMS) and infos, but no error.
    assert_eq!(
        code(&["diff", BASE, TARGET, "--fail-on", "new-warnings"]),
        Some(1)
    );
    assert_eq!(
        code(&["diff", BASE, TARGET, "--fail-on", "new-errors"]),
        Some(0)
    );
    assert_eq!(
        code(&["diff", BASE, TARGET, "--fail-on", "any-change"]),
        Some(1)
    );
    // Going back only brings back an info.
    assert_eq!(
        code(&["diff", TARGET, BASE, "--fail-on", "new-warnings"]),
        Some(0)
    );
    // violations.json has errors that acme does not.
    assert_eq!(
        code(&[
            "diff",
            BASE,
            "examples/violations.json",
            "--fail-on",
            "new-errors"
        ]),
        Some(1)
    );
    assert_eq!(
        code(&["diff", BASE, BASE, "--fail-on", "any-change"]),
        Some(0)
    );
}

#[test]
fn an_org_compared_with_itself_says_no_changes() {
    let o = orgscale(&["diff", BASE, BASE]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).lines().nth(1) == Some("no changes"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn an_unreadable_file_exits_2_naming_which() {
    let o = orgscale(&["diff", "nope.json", TARGET]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read the base (nope.json)"),
        "{}",
        stderr(&o)
    );
    let o = orgscale(&[
        "diff",
        BASE,
        "tests/golden/diff-acme.txt",
        "--fail-on",
        "any-change",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read the target (tests/golden/diff-acme.txt)"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn a_roster_against_its_org_file_is_matched_by_name_and_says_so() {
    let o = orgscale(&["diff", "examples/acme-roster.csv", BASE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    common::golden("diff-roster.txt", &text);
    assert!(
        text.contains("Matched by name, not by id: people, teams, groups"),
        "{text}"
    );
    // The roster was made from acme: by name, no team or person differs.
    assert!(!text.contains("Teams\n"), "{text}");
    assert!(!text.contains("People\n"), "{text}");
}

#[test]
fn the_plan_lists_waves_and_what_breaks_after_each() {
    let o = orgscale(&["diff", BASE, TARGET, "--plan", "--waves", "2"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.contains("Transition plan: "), "{text}");
    assert!(text.contains("\nWave 1 ("), "{text}");
    assert!(text.contains("\nWave 2 ("), "{text}");
    assert!(text.contains("After wave 1:"), "{text}");
    // New people come before the seats that name them; the leaver goes last.
    let add = text.find("Add Grace Oduya").unwrap();
    let seat = text.find("Make Grace Oduya PO of Invoicing").unwrap();
    let delete = text.find("Delete Benjamin Cohen").unwrap();
    assert!(add < seat && seat < delete, "{text}");
}

#[test]
fn git_can_run_it_as_a_diff_driver() {
    // git passes: path old-file old-hex old-mode new-file new-hex new-mode; /dev/null for a side
    // that does not exist.
    let o = orgscale(&[
        "diff", "org.json", BASE, "abc", "100644", TARGET, "def", "100644",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Comparing a/org.json → b/org.json\n"));
    let o = orgscale(&[
        "diff",
        "org.json",
        "/dev/null",
        ".",
        ".",
        TARGET,
        "def",
        "100644",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("15 teams added"), "{}", stdout(&o));
}

#[test]
fn a_renamed_unit_with_the_same_id_is_a_rename_not_a_remove_and_an_add() {
    use orgscale::diff::{Change, diff};
    use orgscale::model::{Command, TeamId};
    let base = common::load("acme.json");
    let mut target = base.clone();
    Command::RenameTeam {
        team: TeamId(5),
        name: "Basket".into(),
    }
    .apply(&mut target)
    .unwrap();
    let changes = diff(&base, &target);
    assert_eq!(changes.changes.len(), 1, "{:?}", changes.changes);
    assert!(matches!(
        &changes.changes[0],
        Change::TeamRenamed { team, from } if team.name == "Basket" && from == "Cart"
    ));
    assert_eq!(changes.headline(), "1 team renamed");
}

/// A threshold set from a number to `auto` reads "auto" in words and `"auto"` in the JSON report;
/// numbers stay numbers.
#[test]
fn a_threshold_changed_to_auto_says_auto() {
    use orgscale::diff::{Change, ThresholdValue};
    use orgscale::model::{Command, Threshold};
    let base = orgscale::io::json::load(Path::new(BASE)).unwrap();
    let with_level = |level: Option<u32>| {
        let mut org = base.clone();
        let mut rules = org.rules().clone();
        rules.overrides.ems_min_level = level;
        Command::SetRules(rules).apply(&mut org).unwrap();
        org
    };
    let (one, auto) = (with_level(Some(1)), with_level(Some(Threshold::AUTO)));
    let changes = orgscale::diff::diff(&one, &auto).changes;
    assert_eq!(
        changes,
        [Change::ThresholdChanged {
            key: "ems_min_level".into(),
            from: Some(ThresholdValue::Number(1)),
            to: Some(ThresholdValue::Auto),
        }]
    );
    assert_eq!(changes[0].describe(), "Threshold ems_min_level: 1 → auto");
    assert_eq!(
        serde_json::to_value(&changes[0]).unwrap(),
        serde_json::json!({
            "change": "threshold_changed",
            "key": "ems_min_level",
            "from": 1,
            "to": "auto",
        })
    );
    // The profile's auto and an explicit auto are the same value in effect: no rule changes,
    // only the file records it now (so that the plan still reproduces the file exactly).
    assert_eq!(
        orgscale::diff::diff(&with_level(None), &auto).changes,
        [Change::ThresholdPinned {
            key: "ems_min_level".into(),
            value: "auto".into(),
            pinned: true,
        }]
    );
}
