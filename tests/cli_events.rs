//! `orgscale events` and the event lines of `orgscale stats`, through the real binary.

use assert_cmd::Command;
use predicates::prelude::*;

fn orgscale() -> Command {
    Command::cargo_bin("orgscale").unwrap()
}

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn stats_adds_meeting_hours_escalation_and_the_largest_meetings() {
    orgscale()
        .args(["stats", &example("acme.json")])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Meeting hours per Sprint    1101.0 h in all",
        ))
        .stdout(predicate::str::contains(
            "  Developer                 12.2 h (15 % of 80 h), 58 people",
        ))
        .stdout(predicate::str::contains(
            "Escalation to the EAT       median 1 h, longest 1 h; every team the same working day",
        ))
        .stdout(predicate::str::contains(
            "  Executive MetaScrum       7 attendees (Executive MetaScrum)",
        ))
        .stdout(predicate::str::contains("Double-booked people        1"));
    let out = orgscale()
        .args(["stats", &example("symmetric-125.json"), "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["teams"], 125, "the structure figures are still there");
    // Three levels: 09:00 → 09:20 → 09:40 → 10:00 → the EAT at 10:20.
    assert_eq!(v["events"]["escalation_max_minutes"], 80);
    let ems = v["events"]["largest_meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["kind"] == "executive_meta_scrum")
        .unwrap();
    assert!(ems["attendees"].as_u64().unwrap() <= 20, "{ems}");
}

#[test]
fn a_teams_events_as_csv_and_the_whole_org_as_json() {
    let out = orgscale()
        .args([
            "events",
            &example("acme.json"),
            "--team",
            "checkout",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let kinds: Vec<&str> = rows.iter().map(|x| &x[1]).collect();
    assert_eq!(
        kinds,
        [
            "daily_scrum",
            "sprint_review",
            "sprint_planning",
            "sprint_retrospective",
            "backlog_refinement"
        ]
    );
    assert_eq!(&rows[0][4], "09:00");
    assert_eq!(&rows[0][9], "8");
    let out = orgscale()
        .args(["events", &example("acme.json"), "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["events"].as_array().unwrap().len(), 13 * 5 + 4 * 6 + 2);
    assert_eq!(v["cadence_recorded"], false);
}

#[test]
fn a_person_who_is_not_there_or_a_file_that_is_not_readable_exits_2_naming_it() {
    orgscale()
        .args(["events", &example("acme.json"), "--person", "Nobody Here"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("acme.json"))
        .stderr(predicate::str::contains("no person named \"Nobody Here\""));
    orgscale()
        .args(["events", "no-such-org.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-org.json"));
    orgscale()
        .args([
            "events",
            &example("acme.json"),
            "--person",
            "Sakura Tanaka",
            "--team",
            "Checkout",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn a_persons_week_in_words_names_the_double_booking() {
    orgscale()
        .args(["events", &example("acme.json"), "--person", "sakura tanaka"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Events of Sakura Tanaka: 10 recurring events",
        ))
        .stdout(predicate::str::contains(
            "Meeting load: 24.0 h per Sprint, 30 % of 80.0 h of working time",
        ))
        .stdout(predicate::str::contains(
            "Double-booked: Daily Scrum · Payments and Daily Scrum · Fraud Detection at 09:00",
        ));
}

/// Two designs that differ in their cadence: `orgscale diff` names each setting, and the plan
/// that turns one into the other sets it.
#[test]
fn diff_names_the_cadence_settings_that_differ() {
    use orgscale::model::{Cadence, Command as Edit};
    let dir = tempfile::tempdir().unwrap();
    let base_path = dir.path().join("base.json");
    let target_path = dir.path().join("target.json");
    let mut base = orgscale::io::load(std::path::Path::new(&example("acme.json"))).unwrap();
    Edit::SetCadence(Some(Cadence::default()))
        .apply(&mut base)
        .unwrap();
    let mut target = base.clone();
    let payments = *target
        .teams()
        .values()
        .find(|t| t.name == "Payments")
        .map(|t| &t.id)
        .unwrap();
    let c = Cadence {
        sprint_weeks: 3,
        sprints: vec![orgscale::model::cadence::SprintOverride {
            team: Some(payments),
            group: None,
            sprint_weeks: Some(2),
            first_sprint: None,
            events: Default::default(),
        }],
        ..Cadence::default()
    };
    Edit::SetCadence(Some(c)).apply(&mut target).unwrap();
    orgscale::io::json::save(&base, &base_path).unwrap();
    orgscale::io::json::save(&target, &target_path).unwrap();
    orgscale()
        .arg("diff")
        .arg(&base_path)
        .arg(&target_path)
        .arg("--plan")
        .assert()
        .success()
        .stdout(predicate::str::contains("Cadence sprint_weeks: 2 → 3"))
        .stdout(predicate::str::contains(
            "Cadence sprints.Payments: none → 2 weeks",
        ))
        .stdout(predicate::str::contains(
            "Cadence events.sprint_planning: 13:00, 240 min → 13:00, 360 min",
        ));
    // Applying the plan gives the target exactly.
    let changes = orgscale::diff::diff(&base, &target);
    let plan = orgscale::diff::plan_for(&base, &target, &changes);
    let (_, result) = plan.run(&base);
    assert_eq!(
        orgscale::io::json::to_string(&result),
        orgscale::io::json::to_string(&target)
    );
}
