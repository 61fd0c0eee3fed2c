//! The events layer on the guide's own structures (5, 25 and 125 teams): who attends each Scaled
//! Daily Scrum, how fast an impediment reaches the EAT under the default cascade, and what the
//! design costs each role in meeting hours as the org grows.

use std::path::Path;

use orgscale::events::{self, RoleKind};
use orgscale::model::cadence::{EventKind, Recurrence};
use orgscale::model::{Cadence, Command, Org, PersonId, Unit};

fn example(name: &str) -> Org {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    orgscale::io::load(&p).unwrap()
}

fn guide() -> Vec<(usize, Org)> {
    vec![
        (5, example("symmetric-5.json")),
        (25, example("symmetric-25.json")),
        (125, example("symmetric-125.json")),
    ]
}

/// The person who holds the CPO role of the top group.
fn top_cpo(org: &Org) -> PersonId {
    let s = org.structure();
    let top = org.groups().values().max_by_key(|g| s.level(g.id)).unwrap();
    top.cpos[0].person
}

#[test]
fn every_member_of_a_group_has_its_seat_at_the_scaled_daily_scrum() {
    for (n, org) in guide() {
        let s = org.structure();
        let cal = events::derive(&org, &s);
        for g in org.groups().values() {
            let sds = cal
                .event(events::Host::Group(g.id), EventKind::ScaledDailyScrum)
                .unwrap();
            let members = s.children(g.id);
            // One representative per member (its SM, or the child group's master), plus the
            // CPO, who holds the PO Team's seat, and the group's master, who runs it (at level 1
            // one of the representatives; above, a dedicated master).
            let master = g.masters[0].person;
            let master_is_rep = members.iter().any(|m| match m {
                Unit::Team(t) => org.team(*t).unwrap().effective_sds_rep() == Some(master),
                Unit::Group(c) => org.group(*c).unwrap().effective_sds_rep() == Some(master),
            });
            assert_eq!(
                sds.attendees.len(),
                members.len() + 1 + usize::from(!master_is_rep),
                "{n} teams, {}: {:?}",
                g.name,
                sds.attendees
            );
            for m in members {
                let rep = match m {
                    Unit::Team(t) => org.team(*t).unwrap().effective_sds_rep(),
                    Unit::Group(c) => org.group(*c).unwrap().effective_sds_rep(),
                }
                .unwrap();
                assert!(sds.attendees.contains(&rep));
            }
            assert!(sds.attendees.contains(&g.cpos[0].person));
            assert_eq!(sds.facilitator, Some(g.masters[0].person));
        }
    }
}

#[test]
fn under_the_default_cascade_every_impediment_reaches_the_eat_the_same_morning() {
    for (n, org) in guide() {
        let s = org.structure();
        let cal = events::derive(&org, &s);
        let m = events::metrics(&org, &s, &cal);
        assert_eq!(m.latencies.len(), n, "one latency per team");
        for l in &m.latencies {
            assert!(l.same_day, "{n} teams: {l:?}");
            // Raised at the 09:00 Daily Scrum, heard before noon.
            let (_, heard) = *l.path.last().unwrap();
            assert!(heard % events::DAY < 12 * 60, "{n} teams: {l:?}");
            // Daily Scrum, one Scaled Daily Scrum per level, then the EAT.
            assert_eq!(l.path.len(), s.depth() as usize + 2);
            let times: Vec<u32> = l.path.iter().map(|(_, t)| *t).collect();
            assert!(times.windows(2).all(|w| w[0] < w[1]), "{times:?}");
        }
        // Each level adds one 20-minute step: 09:00 → 09:20 → … → the EAT.
        let worst = m.max_latency().unwrap();
        assert_eq!(worst.minutes, 20 * (s.depth() + 1), "{n} teams");
        assert_eq!(m.median_latency(), Some(worst.minutes));
    }
}

#[test]
fn a_weekly_eat_is_days_away_and_not_the_same_day() {
    let mut org = example("symmetric-25.json");
    let c = Cadence {
        eat_meeting: Recurrence::Weekly,
        ..Cadence::default()
    };
    Command::SetCadence(Some(c)).apply(&mut org).unwrap();
    let s = org.structure();
    let cal = events::derive(&org, &s);
    let m = events::metrics(&org, &s, &cal);
    let worst = m.max_latency().unwrap();
    assert!(!worst.same_day);
    // Raised on the first Monday after the EAT met: heard the next Monday, 5 working days on.
    assert!(worst.minutes >= 4 * events::DAY, "{}", worst.words());
    assert!(worst.words().contains("working days"), "{}", worst.words());
}

#[test]
fn a_developer_meets_as_much_in_125_teams_as_in_5_and_the_top_cpo_only_more_per_level() {
    let mut dev_minutes = Vec::new();
    let mut cpo_minutes = Vec::new();
    for (n, org) in guide() {
        let s = org.structure();
        let cal = events::derive(&org, &s);
        let m = events::metrics(&org, &s, &cal);
        // Someone who is a Developer and nothing else.
        let dev = m
            .loads
            .iter()
            .find(|l| l.roles().eq([RoleKind::Developer]))
            .unwrap();
        dev_minutes.push(dev.minutes);
        assert_eq!(m.average(RoleKind::Developer), Some(dev.minutes), "{n}");
        cpo_minutes.push(m.load_of(top_cpo(&org)).unwrap().minutes);
    }
    assert!(
        dev_minutes.windows(2).all(|w| (w[0] - w[1]).abs() < 1e-9),
        "{dev_minutes:?}"
    );
    // Daily 15 min × 10, Planning 4 h, Review 2 h, Retrospective 1.5 h, Refinement 1 h × 2:
    // 12 h of an 80-hour Sprint, 15 %.
    assert!(
        (dev_minutes[0] - 12.0 * 60.0).abs() < 1e-9,
        "{dev_minutes:?}"
    );
    // With one level the top CPO is also a team's PO; above, a dedicated CPO whose load is
    // their own group's PO Team events and the Executive MetaScrum: no more for 125 teams than
    // for 25.
    assert!(cpo_minutes[0] < cpo_minutes[1], "{cpo_minutes:?}");
    assert!(
        (cpo_minutes[1] - cpo_minutes[2]).abs() < 1e-9,
        "{cpo_minutes:?}"
    );
    // The same depth with another fan-out: the same load, whatever the number of teams.
    for levels in [1, 2, 3] {
        let loads: Vec<f64> = [4, 5]
            .into_iter()
            .map(|fanout| {
                let org = orgscale::sample::symmetric(fanout, levels);
                let s = org.structure();
                let cal = events::derive(&org, &s);
                let m = events::metrics(&org, &s, &cal);
                m.load_of(top_cpo(&org)).unwrap().minutes
            })
            .collect();
        assert!(
            (loads[0] - loads[1]).abs() < 1e-9,
            "{levels} levels: {loads:?}"
        );
    }
}

#[test]
fn a_person_in_two_teams_whose_daily_scrums_overlap_is_double_booked() {
    let mut org = example("symmetric-5.json");
    let s = org.structure();
    let cal = events::derive(&org, &s);
    assert!(
        events::metrics(&org, &s, &cal).double_bookings.is_empty(),
        "the guide's structure books nobody twice"
    );
    let teams: Vec<_> = org.teams().keys().copied().collect();
    let dev = *org.team(teams[0]).unwrap().developers.first().unwrap();
    Command::AddSeat {
        team: teams[1],
        person: dev,
        role: orgscale::model::TeamRole::Developer,
    }
    .apply(&mut org)
    .unwrap();
    let s = org.structure();
    let cal = events::derive(&org, &s);
    let m = events::metrics(&org, &s, &cal);
    assert_eq!(m.double_bookings.len(), 1, "{:?}", m.double_bookings);
    let d = &m.double_bookings[0];
    assert_eq!(d.person, dev);
    assert_eq!(cal.events[d.first].kind, EventKind::DailyScrum);
    assert_eq!(cal.events[d.second].kind, EventKind::DailyScrum);
}

#[test]
fn attendees_follow_a_move_and_a_role_change() {
    let mut org = example("symmetric-25.json");
    let s = org.structure();
    let groups: Vec<_> = org
        .groups()
        .values()
        .filter(|g| s.level(g.id) == 1)
        .map(|g| g.id)
        .collect();
    let team = s.child_teams(groups[0]).next().unwrap();
    let sm = *org.team(team).unwrap().scrum_masters.first().unwrap();
    Command::Move {
        item: Unit::Team(team),
        to: Some(Unit::Group(groups[1])),
    }
    .apply(&mut org)
    .unwrap();
    let s = org.structure();
    let cal = events::derive(&org, &s);
    let sds = |g| {
        cal.event(events::Host::Group(g), EventKind::ScaledDailyScrum)
            .unwrap()
            .attendees
            .clone()
    };
    if org.group(groups[0]).unwrap().masters[0].person != sm {
        assert!(!sds(groups[0]).contains(&sm));
    }
    assert!(sds(groups[1]).contains(&sm));
}
