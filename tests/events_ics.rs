//! `orgscale events --format ics` through the real binary, read back by real iCalendar
//! consumers (Python's `icalendar`, with `recurring_ical_events` expanding the recurrence rules,
//! set up by scripts/test in tests/ical/.venv): every event is there once, its occurrences fall
//! on the right dates in the org's time zone (across a daylight saving change), attendees carry
//! names and e-mails, and the UIDs stay the same from one export to the next.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use orgscale::model::cadence::Date;
use orgscale::model::{Cadence, Command as Edit};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// acme.json with a cadence: 2-week Sprints from Monday 2027-03-15, in Berlin.
fn acme_with_cadence(dir: &Path) -> PathBuf {
    let mut org = orgscale::io::load(&root().join("examples/acme.json")).unwrap();
    let c = Cadence {
        first_sprint: Some("2027-03-15".parse::<Date>().unwrap()),
        time_zone: "Europe/Berlin".parse().unwrap(),
        ..Cadence::default()
    };
    Edit::SetCadence(Some(c)).apply(&mut org).unwrap();
    let path = dir.join("acme-cadence.json");
    orgscale::io::json::save(&org, &path).unwrap();
    path
}

fn export(org: &Path, out: &Path, extra: &[&str]) {
    Command::cargo_bin("orgscale")
        .unwrap()
        .args(["events"])
        .arg(org)
        .args(extra)
        .args(["--format", "ics", "-o"])
        .arg(out)
        .assert()
        .success();
}

/// What the consumers read: the events and their occurrences from `from` to `to`.
fn read(ics: &Path, from: &str, to: &str) -> serde_json::Value {
    let python = root().join("tests/ical/.venv/bin/python");
    assert!(
        python.exists(),
        "the iCalendar checker is not set up: run scripts/test (it creates tests/ical/.venv)"
    );
    let out = Process::new(python)
        .arg(root().join("tests/ical/check.py"))
        .arg(ics)
        .args([from, to])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "icalendar refused the file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn starts(v: &serde_json::Value, summary: &str) -> Vec<String> {
    v["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["summary"] == summary)
        .map(|o| o["start"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_calendar_application_reads_every_event_on_the_right_days() {
    let dir = tempfile::tempdir().unwrap();
    let org = acme_with_cadence(dir.path());
    let ics = dir.path().join("acme.ics");
    export(&org, &ics, &[]);
    // Two Sprints: 15 March to 9 April 2027; Berlin moves to summer time on 28 March.
    let v = read(&ics, "2027-03-15", "2027-04-09");
    assert_eq!(v["calendar"]["version"], "2.0");
    assert_eq!(v["calendar"]["zones"], serde_json::json!(["Europe/Berlin"]));
    let events = v["events"].as_array().unwrap();
    // 13 Scrum teams × 5, 4 groups × 6, the EAT meeting and the EMS.
    assert_eq!(events.len(), 13 * 5 + 4 * 6 + 2);
    assert!(events.iter().all(|e| e["tzid"] == "Europe/Berlin"));

    // The Daily Scrum every working day at 09:00 Berlin time: 08:00 UTC in winter, 07:00 after
    // the change.
    let daily = starts(&v, "Daily Scrum · Checkout");
    assert_eq!(daily.len(), 20, "{daily:?}");
    assert_eq!(daily[0], "2027-03-15T08:00:00Z");
    assert_eq!(daily[9], "2027-03-26T08:00:00Z");
    assert_eq!(daily[10], "2027-03-29T07:00:00Z");
    assert!(
        !daily
            .iter()
            .any(|d| d.starts_with("2027-03-20") || d.starts_with("2027-03-21"))
    );
    // Sprint Planning on each Sprint's first day, the Review on its last, the Executive
    // MetaScrum the day before.
    assert_eq!(
        starts(&v, "Sprint Planning · Checkout"),
        ["2027-03-15T12:00:00Z", "2027-03-29T11:00:00Z"]
    );
    assert_eq!(
        starts(&v, "Sprint Review · Checkout"),
        ["2027-03-26T10:00:00Z", "2027-04-09T09:00:00Z"]
    );
    assert_eq!(
        starts(&v, "Executive MetaScrum"),
        ["2027-03-25T14:00:00Z", "2027-04-08T13:00:00Z"]
    );
    // The cascade: the SoS at 09:20, the SoSoS at 09:40, the EAT at 10:00.
    assert_eq!(
        starts(&v, "Scaled Daily Scrum · SoS Fulfilment")[0],
        "2027-03-15T08:20:00Z"
    );
    assert_eq!(starts(&v, "EAT meeting")[0], "2027-03-15T09:00:00Z");

    // Attendees by name, with the e-mail the org file has, else a URN naming them.
    let checkout_daily = events
        .iter()
        .find(|e| e["summary"] == "Daily Scrum · Checkout")
        .unwrap();
    let attendees = checkout_daily["attendees"].as_array().unwrap();
    assert_eq!(attendees.len(), 8);
    assert!(
        attendees
            .iter()
            .all(|a| !a["cn"].as_str().unwrap().is_empty())
    );
    assert!(attendees.iter().all(|a| {
        let addr = a["address"].as_str().unwrap();
        addr.starts_with("mailto:") || addr.starts_with("urn:x-orgscale:person:")
    }));
}

#[test]
fn uids_are_stable_and_a_person_gets_only_their_week() {
    let dir = tempfile::tempdir().unwrap();
    let org = acme_with_cadence(dir.path());
    let (a, b, mine) = (
        dir.path().join("a.ics"),
        dir.path().join("b.ics"),
        dir.path().join("sakura.ics"),
    );
    export(&org, &a, &[]);
    export(&org, &b, &[]);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let uids: Vec<String> = read(&a, "2027-03-15", "2027-03-15")["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uid"].as_str().unwrap().to_string())
        .collect();
    let unique: std::collections::BTreeSet<&String> = uids.iter().collect();
    assert_eq!(unique.len(), uids.len(), "every UID is its own");
    export(&org, &mine, &["--person", "Sakura Tanaka"]);
    let v = read(&mine, "2027-03-15", "2027-03-26");
    let summaries: std::collections::BTreeSet<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["summary"].as_str().unwrap())
        .collect();
    // Sakura develops in Payments and Fraud Detection: both teams' events, nothing else.
    assert_eq!(summaries.len(), 10, "{summaries:?}");
    assert!(
        summaries
            .iter()
            .all(|s| s.ends_with("Payments") || s.ends_with("Fraud Detection"))
    );
}
