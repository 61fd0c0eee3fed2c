//! The overlay checks O1-O8 at their boundaries, on the guide's 5-team structure with a cadence
//! recorded (without one, they stay silent).

use std::path::Path;

use orgscale::model::cadence::{EventKind, EventTiming, Recurrence, SprintOverride};
use orgscale::model::{Cadence, Command, Org, TeamRole};
use orgscale::rules::{Finding, validate};

fn five() -> Org {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/symmetric-5.json");
    orgscale::io::load(&p).unwrap()
}

fn with(mut org: Org, c: Cadence) -> Org {
    Command::SetCadence(Some(c)).apply(&mut org).unwrap();
    org
}

/// The 5-team structure with a Developer of the first team also developing in the second.
fn shared_developer() -> (Org, Vec<orgscale::model::TeamId>) {
    let mut org = five();
    let teams: Vec<_> = org.teams().keys().copied().collect();
    let dev = *org.team(teams[0]).unwrap().developers.first().unwrap();
    Command::AddSeat {
        team: teams[1],
        person: dev,
        role: TeamRole::Developer,
    }
    .apply(&mut org)
    .unwrap();
    (org, teams)
}

fn overlay(org: &Org) -> Vec<Finding> {
    validate(org)
        .into_iter()
        .filter(|f| f.rule.is_overlay())
        .collect()
}

fn ids(org: &Org) -> Vec<String> {
    overlay(org).iter().map(|f| f.rule.to_string()).collect()
}

#[test]
fn the_default_cadence_on_the_guides_structure_is_clean() {
    let org = with(five(), Cadence::default());
    assert!(overlay(&org).is_empty(), "{:#?}", overlay(&org));
}

#[test]
fn a_scaled_daily_scrum_of_15_minutes_passes_and_16_warns() {
    for (minutes, warns) in [(15, false), (16, true)] {
        let c = Cadence::default().with_timing(
            EventKind::ScaledDailyScrum,
            EventTiming {
                start: None,
                minutes: Some(minutes),
            },
        );
        let org = with(five(), c);
        let o1: Vec<Finding> = overlay(&org)
            .into_iter()
            .filter(|f| f.rule.to_string() == "O1")
            .collect();
        assert_eq!(!o1.is_empty(), warns, "{minutes} min: {o1:#?}");
        if warns {
            assert!(o1[0].message.contains("16 min"), "{}", o1[0].message);
            assert!(o1[0].message.contains("15 min"), "{}", o1[0].message);
        }
    }
}

#[test]
fn a_sprint_of_4_weeks_passes_and_5_warns() {
    for (weeks, warns) in [(4, false), (5, true)] {
        let org = with(
            five(),
            Cadence {
                sprint_weeks: weeks,
                ..Cadence::default()
            },
        );
        assert_eq!(
            ids(&org).contains(&"O3".to_string()),
            warns,
            "{weeks}: {:?}",
            ids(&org)
        );
    }
}

#[test]
fn two_teams_of_one_sos_on_different_sprint_lengths_give_o4() {
    let org = five();
    let team = *org.teams().keys().next().unwrap();
    let c = Cadence {
        sprints: vec![SprintOverride {
            team: Some(team),
            group: None,
            sprint_weeks: Some(3),
            first_sprint: None,
            events: Default::default(),
        }],
        ..Cadence::default()
    };
    let org = with(org, c);
    let o4: Vec<Finding> = overlay(&org)
        .into_iter()
        .filter(|f| f.rule.to_string() == "O4")
        .collect();
    assert_eq!(o4.len(), 1, "{o4:#?}");
    assert!(o4[0].message.contains("3 weeks"), "{}", o4[0].message);
    assert_eq!(o4[0].severity, orgscale::rules::Severity::Info);
}

#[test]
fn a_person_in_two_teams_with_overlapping_daily_scrums_is_double_booked_only_with_a_cadence() {
    let (org, _) = shared_developer();
    assert!(
        !ids(&org).contains(&"O5".to_string()),
        "no cadence, no overlay checks"
    );
    let org = with(org, Cadence::default());
    let o5: Vec<Finding> = overlay(&org)
        .into_iter()
        .filter(|f| f.rule.to_string() == "O5")
        .collect();
    assert_eq!(o5.len(), 1, "{o5:#?}");
    assert!(o5[0].message.contains("Daily Scrum"), "{}", o5[0].message);
}

#[test]
fn a_weekly_eat_makes_every_team_wait_and_a_sparse_sds_warns() {
    let org = with(
        five(),
        Cadence {
            eat_meeting: Recurrence::Weekly,
            scaled_daily_scrum: Recurrence::Weekly,
            ..Cadence::default()
        },
    );
    let ids = ids(&org);
    assert_eq!(ids.iter().filter(|i| *i == "O6").count(), 5, "{ids:?}");
    assert_eq!(ids.iter().filter(|i| *i == "O2").count(), 1, "{ids:?}");
}

#[test]
fn an_ems_of_more_than_20_is_too_large_a_meeting() {
    let org = orgscale::sample::symmetric(5, 3);
    let mut org = with(org, Cadence::default());
    let people: Vec<_> = org.people().keys().copied().take(21).collect();
    for p in people {
        let _ = Command::SetBodyMember {
            body: orgscale::model::Body::Ems,
            person: p,
            member: true,
        }
        .apply(&mut org);
    }
    let o8: Vec<Finding> = overlay(&org)
        .into_iter()
        .filter(|f| f.rule.to_string() == "O8")
        .collect();
    assert!(
        o8.iter().any(|f| f.message.contains("Executive MetaScrum")),
        "{o8:#?}"
    );
}

#[test]
fn the_overlay_limits_are_profile_keys_the_org_file_overrides() {
    use orgscale::model::{RuleSettings, Threshold};
    let rules = |pairs: &[(Threshold, u32)]| {
        let mut r = RuleSettings::default();
        for (t, v) in pairs {
            r.overrides.set(*t, Some(*v));
        }
        r
    };
    let count = |org: &Org, id: &str| ids(org).iter().filter(|i| *i == id).count();
    // One level: Daily Scrum 09:00, SoS SDS 09:20, EAT 09:40: 40 minutes for every team.
    for (limit, slow) in [(39, 5), (40, 0)] {
        let mut org = with(five(), Cadence::default());
        Command::SetRules(rules(&[(Threshold::EscalationMaxMinutes, limit)]))
            .apply(&mut org)
            .unwrap();
        assert_eq!(count(&org, "O6"), slow, "limit {limit}");
    }
    // A Developer's 12 h of an 80-hour Sprint is 15 %: a limit of 14 % notes each of them
    // (4 per team here, the PO and SM held to their own limits), 0 switches the check off.
    let mut org = with(five(), Cadence::default());
    Command::SetRules(rules(&[(Threshold::LoadMaxDeveloper, 14)]))
        .apply(&mut org)
        .unwrap();
    let developers = org
        .teams()
        .values()
        .flat_map(|t| t.developers.iter())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    assert_eq!(count(&org, "O7"), developers);
    Command::SetRules(rules(&[(Threshold::LoadMaxDeveloper, 0)]))
        .apply(&mut org)
        .unwrap();
    assert_eq!(count(&org, "O7"), 0);
    // A meeting limit of 5 notes every Scaled Daily Scrum of 6.
    Command::SetRules(rules(&[(Threshold::MeetingMax, 5)]))
        .apply(&mut org)
        .unwrap();
    assert!(count(&org, "O8") >= 1, "{:?}", ids(&org));
}

#[test]
fn moving_one_teams_daily_scrum_moves_the_clash_and_shows_its_cost() {
    use orgscale::model::Unit;
    let (org, teams) = shared_developer();
    let org = with(org, Cadence::default());
    assert!(ids(&org).contains(&"O5".to_string()));
    // The second team's Daily Scrum at 09:30 instead: the dailies no longer clash (the two
    // teams' Sprint Planning still does), but its impediments now miss the 09:20 Scaled Daily
    // Scrum and wait for the next day's.
    let c = Cadence::default().with_override(Unit::Team(teams[1]), |o| {
        o.events.insert(
            EventKind::DailyScrum,
            EventTiming {
                start: Some("09:30".parse().unwrap()),
                minutes: None,
            },
        );
    });
    let org = with(org, c);
    let o5: Vec<Finding> = overlay(&org)
        .into_iter()
        .filter(|f| f.rule.to_string() == "O5")
        .collect();
    assert_eq!(o5.len(), 1);
    assert!(!o5[0].message.contains("Daily Scrum"), "{}", o5[0].message);
    let ids = ids(&org);
    assert_eq!(ids.iter().filter(|i| *i == "O6").count(), 1, "{ids:?}");
    let s = org.structure();
    let cal = orgscale::events::derive(&org, &s);
    let daily = cal
        .event(
            orgscale::events::Host::Team(teams[1]),
            EventKind::DailyScrum,
        )
        .unwrap();
    assert_eq!(daily.start.to_string(), "09:30");
}
