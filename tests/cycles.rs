//! The two cycles drawn from the org (rulebook §9): the guide's structures carry every component;
//! removing a role or a body shows where the cycle breaks, naming the finding behind it.

use std::path::Path;

use orgscale::cycles::{Component, Coverage, Scope, cycles};
use orgscale::model::{Body, Command, Org, ScaledRole};
use orgscale::rules::validate;

fn example(name: &str) -> Org {
    orgscale::io::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name),
    )
    .unwrap()
}

fn of(org: &Org) -> orgscale::cycles::Cycles {
    cycles(org, &org.structure(), &validate(org), Scope::Org)
}

#[test]
fn the_guides_structures_with_every_role_filled_are_complete() {
    for name in [
        "symmetric-5.json",
        "symmetric-25.json",
        "symmetric-125.json",
    ] {
        let org = example(name);
        let c = of(&org);
        assert_eq!(c.components.len(), 12);
        for s in &c.components {
            assert_eq!(s.coverage, Coverage::Complete, "{name}: {s:#?}");
            assert!(!s.carriers.is_empty(), "{name}: {:?}", s.component);
        }
        assert_eq!(
            c.get(Component::CrossTeamCoordination).carriers,
            match name {
                "symmetric-5.json" => "1 SoSM, 1 Scaled Daily Scrum",
                "symmetric-25.json" => "6 SoSMs, 6 Scaled Daily Scrums",
                _ => "31 SoSMs, 31 Scaled Daily Scrums",
            }
        );
    }
}

#[test]
fn a_sos_without_its_sosm_breaks_coordination_and_release_planning_there() {
    let mut org = example("symmetric-25.json");
    let s = org.structure();
    let sos = *org.groups().keys().find(|g| s.level(**g) == 1).unwrap();
    let name = org.group(sos).unwrap().name.clone();
    Command::SetScaledRole {
        group: sos,
        role: ScaledRole::Master,
        holders: Vec::new(),
    }
    .apply(&mut org)
    .unwrap();
    let c = of(&org);
    for comp in [Component::CrossTeamCoordination, Component::ReleasePlanning] {
        let st = c.get(comp);
        assert_eq!(st.coverage, Coverage::Gaps, "{comp:?}");
        let gap = &st.gaps[0];
        assert_eq!(gap.rule.to_string(), "V7");
        assert!(gap.message.contains(&name), "{}", gap.message);
    }
    // The Product Owner side of that SoS is untouched.
    assert_eq!(
        c.get(Component::BacklogPrioritization).coverage,
        Coverage::Complete
    );
    assert_eq!(
        c.get(Component::StrategicVision).coverage,
        Coverage::Complete
    );
    // Scoped to another SoS, its cycles are whole.
    let other = *org
        .groups()
        .keys()
        .find(|g| s.level(**g) == 1 && **g != sos)
        .unwrap();
    let scoped = cycles(&org, &org.structure(), &validate(&org), Scope::Group(other));
    assert_eq!(
        scoped.get(Component::CrossTeamCoordination).coverage,
        Coverage::Complete
    );
    // Scoped to that SoS, nobody coordinates its teams at all: missing, and V7 says why.
    let mine = cycles(&org, &org.structure(), &validate(&org), Scope::Group(sos));
    let ctc = mine.get(Component::CrossTeamCoordination);
    assert_eq!(ctc.coverage, Coverage::Missing);
    assert_eq!(ctc.gaps[0].rule.to_string(), "V7");
}

#[test]
fn without_an_executive_metascrum_the_po_hub_and_strategic_vision_are_missing() {
    let mut org = example("symmetric-25.json");
    let ems = org.ems().clone();
    for p in ems.attendees {
        Command::SetBodyMember {
            body: Body::Ems,
            person: p,
            member: false,
        }
        .apply(&mut org)
        .unwrap();
    }
    Command::SetEmsFacilitator(None).apply(&mut org).unwrap();
    let c = of(&org);
    assert_eq!(
        c.get(Component::ExecutiveMetaScrum).coverage,
        Coverage::Missing
    );
    assert_eq!(
        c.get(Component::StrategicVision).coverage,
        Coverage::Missing
    );
    assert!(
        c.get(Component::ExecutiveMetaScrum)
            .gaps
            .iter()
            .any(|f| f.rule.to_string() == "V13"),
        "{:#?}",
        c.get(Component::ExecutiveMetaScrum).gaps
    );
    // The Scrum Master cycle still stands.
    assert_eq!(
        c.get(Component::ExecutiveActionTeam).coverage,
        Coverage::Complete
    );
    assert_eq!(
        c.get(Component::CrossTeamCoordination).coverage,
        Coverage::Complete
    );
}

#[test]
fn orgscale_cycles_names_every_component_with_its_carriers_and_gaps() {
    use assert_cmd::Command as Bin;
    use predicates::prelude::*;
    let acme = format!("{}/examples/acme.json", env!("CARGO_MANIFEST_DIR"));
    let out = Bin::cargo_bin("orgscale")
        .unwrap()
        .args(["cycles", &acme])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for name in orgscale::cycles::report::names() {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    assert!(text.contains("10 of 12 components complete"), "{text}");
    assert!(
        text.contains(
            "Cross-Team Coordination                      complete  4 SoSMs, 4 Scaled Daily Scrums"
        ),
        "{text}"
    );
    assert!(
        text.contains("    warning[V4] Team Checkout has 10 people"),
        "{text}"
    );
    // One group's cycles, as JSON.
    let out = Bin::cargo_bin("orgscale")
        .unwrap()
        .args(["cycles", &acme, "--group", "fulfilment", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["scope"], "SoS Fulfilment");
    assert_eq!(v["components"].as_array().unwrap().len(), 12);
    let team = &v["components"][0];
    assert_eq!(team["key"], "team_process");
    assert_eq!(
        team["coverage"], "complete",
        "Checkout is not in Fulfilment"
    );
    Bin::cargo_bin("orgscale")
        .unwrap()
        .args(["cycles", &acme, "--group", "Nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no group named \"Nowhere\""));
}
