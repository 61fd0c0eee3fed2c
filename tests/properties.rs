//! Property tests: random command sequences (of every [`Command`] variant) keep the model's
//! invariants, errors change nothing, undo restores the exact previous state, and whatever the
//! commands produce saves and loads back equal, with save -> load -> save byte-identical.

use std::path::Path;

use orgscale::io::{csv_roster, json};
use orgscale::model::{
    Body, Command, Group, History, Org, Person, PersonId, ProfileName, RoleHolder, RuleSettings,
    ScaledRole, Team, TeamCount, TeamKind, TeamRole, Threshold, Unit,
};
use proptest::prelude::*;

/// How many kinds of [`Op`] [`command`] knows.
const KINDS: u8 = 31;

/// An abstract operation; indices are reduced modulo what exists when it runs.
#[derive(Clone, Debug)]
struct Op {
    kind: u8,
    a: usize,
    b: usize,
    c: usize,
    flag: bool,
}

fn op() -> impl Strategy<Value = Op> {
    (
        0u8..KINDS,
        0usize..64,
        0usize..64,
        0usize..64,
        any::<bool>(),
    )
        .prop_map(|(kind, a, b, c, flag)| Op {
            kind,
            a,
            b,
            c,
            flag,
        })
}

fn pick<T: Copy>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()])
}

/// Turn an abstract op into a command against the current org. Some commands are deliberately
/// illegal (unknown ids, cycles, moves into teams) to exercise the error path.
fn command(org: &Org, op: &Op) -> Option<Command> {
    let people: Vec<PersonId> = org.people().keys().copied().collect();
    let teams: Vec<_> = org.teams().keys().copied().collect();
    let groups: Vec<_> = org.groups().keys().copied().collect();
    let role = TeamRole::ALL[op.c % 3];
    let scaled = if op.flag {
        ScaledRole::Master
    } else {
        ScaledRole::ChiefProductOwner
    };
    Some(match op.kind {
        0 | 1 => Command::AddPerson(Person {
            id: org.next_person_id(),
            name: format!("Person {}", op.a),
            email: op.flag.then(|| format!("p{}@x.example", op.b)),
        }),
        2 => {
            let mut t = Team::new(org.next_team_id(), format!("Team {}", op.a));
            t.group = if op.flag { pick(&groups, op.b) } else { None };
            if let Some(p) = pick(&people, op.c) {
                t.developers.insert(p);
            }
            Command::AddTeam(t)
        }
        3 => {
            let mut g = Group::new(org.next_group_id(), format!("Group {}", op.a));
            g.parent = if op.flag { pick(&groups, op.b) } else { None };
            Command::AddGroup(g)
        }
        4 => Command::AddSeat {
            team: pick(&teams, op.a)?,
            person: pick(&people, op.b)?,
            role,
        },
        5 => Command::RemoveSeat {
            team: pick(&teams, op.a)?,
            person: pick(&people, op.b)?,
            role,
        },
        6 => Command::Move {
            item: Unit::Team(pick(&teams, op.a)?),
            to: if op.flag {
                pick(&groups, op.b).map(Unit::Group)
            } else {
                None
            },
        },
        7 => Command::Move {
            item: Unit::Group(pick(&groups, op.a)?),
            to: if op.flag {
                pick(&groups, op.b).map(Unit::Group)
            } else {
                None
            },
        },
        8 => Command::Move {
            item: Unit::Team(pick(&teams, op.a)?),
            to: Some(Unit::Team(pick(&teams, op.b)?)),
        },
        9 => Command::SetScaledRole {
            group: pick(&groups, op.a)?,
            role: scaled,
            holders: match pick(&people, op.b) {
                Some(p) if !op.c.is_multiple_of(4) => vec![RoleHolder {
                    person: p,
                    dedicated: op.c.is_multiple_of(2),
                }],
                _ => Vec::new(),
            },
        },
        10 => Command::SetSdsRep {
            unit: if op.flag {
                Unit::Team(pick(&teams, op.a)?)
            } else {
                Unit::Group(pick(&groups, op.a)?)
            },
            person: if op.c.is_multiple_of(3) {
                None
            } else {
                pick(&people, op.b)
            },
        },
        11 => Command::SetBodyMember {
            body: if op.flag { Body::Eat } else { Body::Ems },
            person: pick(&people, op.a)?,
            member: op.c.is_multiple_of(2),
        },
        12 => Command::RemovePerson(pick(&people, op.a)?),
        13 => Command::RemoveTeam(pick(&teams, op.a)?),
        14 => Command::RemoveGroup(pick(&groups, op.a)?),
        15 => Command::RenameTeam {
            team: pick(&teams, op.a)?,
            name: if op.flag {
                String::new()
            } else {
                format!("Renamed {}", op.b)
            },
        },
        16 => Command::SetEatScrumMaster(pick(&people, op.a)),
        17 => Command::SetTeamKind {
            team: pick(&teams, op.a)?,
            kind: if op.flag {
                TeamKind::Virtual
            } else {
                TeamKind::Scrum
            },
        },
        18 => Command::Batch {
            label: "batch".into(),
            commands: vec![
                Command::AddPerson(Person {
                    id: org.next_person_id(),
                    name: "Batch person".into(),
                    email: None,
                }),
                // Sometimes fails (unknown group id), which must roll the whole batch back.
                Command::move_team(
                    pick(&teams, op.a)?,
                    Some(orgscale::model::GroupId(op.b as u32 % 8 + 1)),
                ),
            ],
        },
        19 => Command::SetDefinitionOfDone {
            group: pick(&groups, op.a)?,
            text: op.flag.then(|| "Done means deployed".to_string()),
        },
        20 => Command::RenamePerson {
            person: pick(&people, op.a)?,
            name: match op.b % 4 {
                0 => String::new(),
                1 => "Zoë \"Z\" Ødegård".to_string(),
                _ => format!("Renamed person {}", op.c),
            },
        },
        21 => Command::SetEmail {
            person: pick(&people, op.a)?,
            email: match op.b % 4 {
                0 => None,
                1 => Some("not an address".to_string()),
                _ => Some(format!("r{}@x.example", op.c)),
            },
        },
        22 => Command::RenameGroup {
            group: pick(&groups, op.a)?,
            name: if op.flag {
                String::new()
            } else {
                format!("Renamed group {}", op.b)
            },
        },
        23 => Command::SetEatProductOwner(pick(&people, op.a).filter(|_| op.flag)),
        24 => Command::SetEmsFacilitator(pick(&people, op.a).filter(|_| op.flag)),
        25 => Command::SetOrgName(match op.a % 4 {
            0 => String::new(),
            1 => "Acme \"Ünïcode\" ✓".to_string(),
            _ => format!("Org {}", op.b),
        }),
        26 => Command::SetRules(rules(org, op)),
        // 2..=12 is allowed; 0, 1 and 13 are refused.
        27 => Command::SetFanout((!op.c.is_multiple_of(5)).then_some(op.a as u32 % 14)),
        28 => Command::SetCadence(cadence(org, op, &teams, &groups)),
        29 => Command::SetAssessment(assessment(org, op, &groups)),
        _ => {
            // `RestorePerson` is what undoing a removal applies; build one the same way.
            let p = pick(&people, op.a)?;
            let mut scratch = org.clone();
            let restore = Command::RemovePerson(p).apply(&mut scratch).ok()?;
            if op.flag {
                // The person is still there: refused.
                restore
            } else {
                Command::Batch {
                    label: "remove and restore".into(),
                    commands: vec![Command::RemovePerson(p), restore],
                }
            }
        }
    })
}

/// A cadence changed in one setting from the org's (or the defaults), sometimes with a Sprint
/// override for a team or group, sometimes invalid (13-week Sprints: refused); or none.
fn cadence(
    org: &Org,
    op: &Op,
    teams: &[orgscale::model::TeamId],
    groups: &[orgscale::model::GroupId],
) -> Option<orgscale::model::Cadence> {
    use orgscale::model::cadence::{Clock, EventKind, EventTiming, Recurrence, SprintOverride};
    if op.a.is_multiple_of(7) {
        return None;
    }
    let mut c = org.cadence().cloned().unwrap_or_default();
    match op.b % 6 {
        0 => c.sprint_weeks = 1 + (op.c as u32 % 13),
        1 => {
            c.events.insert(
                EventKind::ALL[op.c % EventKind::ALL.len()],
                EventTiming {
                    start: Some(Clock::hm(8 + (op.a as u32 % 8), 5 * (op.c as u32 % 12))),
                    minutes: op.flag.then_some(10 + op.a as u32),
                },
            );
        }
        2 => c.eat_meeting = Recurrence::ALL[op.c % 3],
        3 => {
            let (team, group) = if op.flag {
                (pick(teams, op.c), None)
            } else {
                (None, pick(groups, op.c))
            };
            if team.is_some() || group.is_some() {
                c.sprints.retain(|o| o.team != team || o.group != group);
                c.sprints.push(SprintOverride {
                    team,
                    group,
                    sprint_weeks: Some(1 + op.a as u32 % 4),
                    first_sprint: None,
                    events: if op.c.is_multiple_of(2) {
                        [(
                            EventKind::DailyScrum,
                            EventTiming {
                                start: Some(Clock::hm(9, 30)),
                                minutes: None,
                            },
                        )]
                        .into()
                    } else {
                        Default::default()
                    },
                });
            }
        }
        4 => {
            c.first_sprint = Some(
                format!("2027-0{}-0{}", 1 + op.a % 9, 1 + op.c % 9)
                    .parse()
                    .unwrap(),
            )
        }
        _ => {
            c.time_zone = ["UTC", "Europe/Berlin", "America/New_York"][op.c % 3]
                .parse()
                .unwrap()
        }
    }
    Some(c)
}

/// The org's rating rounds with one thing changed: a round added, a rating set or cleared (of
/// the org or a group, sometimes of a group that does not exist: refused), a round removed;
/// sometimes invalid (a rater the round does not list: refused).
fn assessment(
    org: &Org,
    op: &Op,
    groups: &[orgscale::model::GroupId],
) -> orgscale::model::Assessment {
    use orgscale::model::{Component, Rating, Round, Score};
    let mut a = org.assessment().clone();
    let date = format!("2027-0{}-1{}", 1 + op.a % 9, op.c % 10)
        .parse()
        .unwrap();
    match op.b % 5 {
        0 => {
            let name = a.fresh_name(date);
            a.rounds.push(Round::new(name, date));
        }
        1 | 2 => {
            if a.rounds.is_empty() {
                a.rounds.push(Round::new("First", date));
            }
            let i = op.a % a.rounds.len();
            let rater = ["Ana", "Bo", "Chen \"C\" Ødegård"][op.c % 3];
            let group = if op.c.is_multiple_of(7) {
                Some(orgscale::model::GroupId(900))
            } else if op.flag {
                pick(groups, op.c)
            } else {
                None
            };
            let c = Component::ALL[op.a % 12];
            let value = (op.b % 5 == 1).then(|| {
                (
                    Score::new((op.c % 5) as u8).unwrap(),
                    if op.flag {
                        "why, \"quoted\"\nnext line".into()
                    } else {
                        String::new()
                    },
                )
            });
            a.rounds[i].set(rater, c, group, value);
        }
        3 => {
            if !a.rounds.is_empty() {
                let i = op.a % a.rounds.len();
                a.rounds.remove(i);
            }
        }
        _ => {
            // A rating by someone the round does not list.
            if let Some(r) = a.rounds.first_mut() {
                r.ratings.push(Rating {
                    rater: "Stranger".into(),
                    component: Component::Delivery,
                    group: None,
                    rating: Score::new(2).unwrap(),
                    note: String::new(),
                });
            }
        }
    }
    a
}

/// Rule settings: a profile and one override changed from the org's current settings or the
/// defaults, sometimes contradicting the others (which `SetRules` must refuse).
fn rules(org: &Org, op: &Op) -> RuleSettings {
    let mut r = if op.flag {
        org.rules().clone()
    } else {
        RuleSettings::default()
    };
    if op.c.is_multiple_of(3) {
        r.profile = ProfileName::ALL[op.a % ProfileName::ALL.len()];
    }
    // One of the numeric thresholds, or (one time in sixteen) the way team size is counted.
    match Threshold::ALL.get(op.b % (Threshold::ALL.len() + 1)) {
        Some(t) => r
            .overrides
            .set(*t, (!op.c.is_multiple_of(7)).then_some(op.a as u32 % 14)),
        None => {
            r.overrides.team_count = match op.a % 3 {
                0 => None,
                1 => Some(TeamCount::Whole),
                _ => Some(TeamCount::Doers),
            }
        }
    }
    r
}

/// The variant of a command, by an exhaustive match: a new variant does not compile here until
/// [`command`] emits it and [`every_command_variant_is_generated`] counts it.
fn variant(c: &Command) -> &'static str {
    match c {
        Command::AddPerson(_) => "AddPerson",
        Command::RemovePerson(_) => "RemovePerson",
        Command::RenamePerson { .. } => "RenamePerson",
        Command::SetEmail { .. } => "SetEmail",
        Command::AddTeam(_) => "AddTeam",
        Command::RemoveTeam(_) => "RemoveTeam",
        Command::RenameTeam { .. } => "RenameTeam",
        Command::SetTeamKind { .. } => "SetTeamKind",
        Command::AddGroup(_) => "AddGroup",
        Command::RemoveGroup(_) => "RemoveGroup",
        Command::RenameGroup { .. } => "RenameGroup",
        Command::SetDefinitionOfDone { .. } => "SetDefinitionOfDone",
        Command::AddSeat { .. } => "AddSeat",
        Command::RemoveSeat { .. } => "RemoveSeat",
        Command::Move { .. } => "Move",
        Command::SetScaledRole { .. } => "SetScaledRole",
        Command::SetSdsRep { .. } => "SetSdsRep",
        Command::SetBodyMember { .. } => "SetBodyMember",
        Command::SetEatProductOwner(_) => "SetEatProductOwner",
        Command::SetEatScrumMaster(_) => "SetEatScrumMaster",
        Command::SetEmsFacilitator(_) => "SetEmsFacilitator",
        Command::SetOrgName(_) => "SetOrgName",
        Command::SetRules(_) => "SetRules",
        Command::SetFanout(_) => "SetFanout",
        Command::SetCadence(_) => "SetCadence",
        Command::SetAssessment(_) => "SetAssessment",
        Command::Batch { .. } => "Batch",
        Command::RestorePerson(_) => "RestorePerson",
    }
}

/// All variants [`variant`] names.
const VARIANTS: usize = 28;

/// The org saves, loads back equal, and saves again to the same bytes.
fn assert_round_trips(org: &Org) -> String {
    let first = json::to_string(org);
    let loaded = json::from_str(Path::new("p.json"), &first)
        .unwrap_or_else(|e| panic!("own output does not load: {e}\n{first}"));
    assert_eq!(&loaded, org, "loaded back different");
    assert_eq!(json::to_string(&loaded), first, "saved again differently");
    first
}

fn assert_invariants(org: &Org) {
    assert_eq!(org.integrity_problems(), Vec::<String>::new());
    // A team sits in at most one group by construction (a single parent field); every team's
    // group exists, and walking up from any group ends at a top group.
    let s = org.structure();
    let mut seen = std::collections::HashSet::new();
    for g in org.groups().keys() {
        for u in s.children(*g) {
            assert!(seen.insert(*u), "{u} listed under two groups");
        }
        assert!(org.ancestors(Unit::Group(*g)).len() < org.groups().len().max(1));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn commands_keep_invariants_and_undo_restores_exactly(ops in prop::collection::vec(op(), 1..80)) {
        let mut org = orgscale::sample::balanced("Seed", 3, 2, 4);
        let initial = org.clone();
        let mut history = History::new();
        let mut states = vec![org.clone()];
        for op in &ops {
            let Some(cmd) = command(&org, op) else { continue };
            let before = org.clone();
            match history.apply(&mut org, cmd) {
                Ok(()) => {
                    assert_invariants(&org);
                    let after = org.clone();
                    history.undo(&mut org).expect("undo");
                    prop_assert_eq!(&org, &before);
                    history.redo(&mut org).expect("redo");
                    prop_assert_eq!(&org, &after);
                    states.push(after);
                }
                Err(_) => prop_assert_eq!(&org, &before, "a refused command changed the org"),
            }
        }
        // Whatever the commands made saves and loads back.
        assert_round_trips(&org);
        // Undo everything, checking each intermediate state on the way back.
        states.pop();
        while let Some(expected) = states.pop() {
            history.undo(&mut org).expect("undo");
            prop_assert_eq!(&org, &expected);
        }
        prop_assert_eq!(&org, &initial);
        prop_assert!(!history.can_undo());
    }

    #[test]
    fn save_load_save_is_byte_identical(ops in prop::collection::vec(op(), 1..60)) {
        let mut org = orgscale::sample::balanced("Seed", 4, 2, 4);
        for op in &ops {
            if let Some(cmd) = command(&org, op) {
                let _ = cmd.apply(&mut org);
            }
        }
        assert_round_trips(&org);
        // The roster round-trips too whenever names are unambiguous.
        if let Ok(csv) = csv_roster::export(&org) {
            let back = csv_roster::import_bytes(Path::new("p.csv"), csv.as_bytes()).expect("own roster imports");
            prop_assert_eq!(csv_roster::export(&back).expect("exports again"), csv);
            prop_assert_eq!(back.teams().len(), org.teams().len());
            prop_assert_eq!(back.groups().len(), org.groups().len());
            prop_assert_eq!(back.people().len(), org.people().len());
        }
    }

    #[test]
    fn validation_never_panics_and_is_deterministic(ops in prop::collection::vec(op(), 1..60)) {
        let mut org = orgscale::sample::balanced("Seed", 6, 3, 5);
        for op in &ops {
            if let Some(cmd) = command(&org, op) {
                let _ = cmd.apply(&mut org);
            }
        }
        let a = orgscale::rules::validate(&org);
        let b = orgscale::rules::validate(&org.clone());
        prop_assert_eq!(a, b);
    }
}

#[test]
fn refused_commands_say_why() {
    let mut org = orgscale::sample::balanced("Seed", 4, 2, 4);
    let groups: Vec<_> = org.groups().keys().copied().collect();
    let teams: Vec<_> = org.teams().keys().copied().collect();
    let top = org.structure().top_groups[0];
    let child = org.structure().child_groups(top).next().unwrap();
    let before = org.clone();
    let e = Command::move_group(top, Some(child))
        .apply(&mut org)
        .unwrap_err();
    assert!(
        e.to_string().contains("cannot go into") && e.to_string().contains("it is inside"),
        "{e}"
    );
    let e = Command::Move {
        item: Unit::Team(teams[0]),
        to: Some(Unit::Team(teams[1])),
    }
    .apply(&mut org)
    .unwrap_err();
    assert!(e.to_string().contains("teams cannot contain"), "{e}");
    let e = Command::move_team(teams[0], Some(orgscale::model::GroupId(999)))
        .apply(&mut org)
        .unwrap_err();
    assert_eq!(e.to_string(), "there is no group g999");
    assert_eq!(org, before);
    assert!(groups.len() >= 2);
}

#[test]
fn every_command_variant_is_generated() {
    let mut org = orgscale::sample::balanced("Seed", 4, 2, 4);
    Command::AddGroup(Group::new(org.next_group_id(), "Extra"))
        .apply(&mut org)
        .unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for kind in 0..KINDS {
        for (i, flag) in (0..12).flat_map(|i| [(i, false), (i, true)]) {
            let op = Op {
                kind,
                a: i,
                b: i + 1,
                c: i + 2,
                flag,
            };
            if let Some(cmd) = command(&org, &op) {
                seen.insert(variant(&cmd));
                if let Command::Batch { commands, .. } = &cmd {
                    seen.extend(commands.iter().map(variant));
                }
            }
        }
    }
    assert_eq!(seen.len(), VARIANTS, "generated only {seen:?}");
}

/// Apply the ops that the model accepts.
fn edited(mut org: Org, ops: &[Op]) -> Org {
    for op in ops {
        if let Some(cmd) = command(&org, op) {
            let _ = cmd.apply(&mut org);
        }
    }
    org
}

/// A change as JSON with names left out and lists sorted: what stays equal when base and target
/// swap (names follow the target side; ids say which unit).
fn canonical_change(c: &orgscale::diff::Change) -> String {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("name");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => {
                a.iter_mut().for_each(strip);
                a.sort_by_key(|x| x.to_string());
            }
            _ => {}
        }
    }
    let mut v = serde_json::to_value(c).unwrap();
    strip(&mut v);
    v.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// The transition plan of `diff(A, E(A))`, applied to A, gives E(A) byte for byte; an org
    /// compared with itself has no changes; swapping base and target inverts every change.
    #[test]
    fn plan_turns_base_into_target_and_diff_inverts(
        setup in prop::collection::vec(op(), 0..40),
        edits in prop::collection::vec(op(), 1..60),
        waves in 1usize..4,
    ) {
        use orgscale::diff::{self, MatchBy};
        let a = edited(orgscale::sample::balanced("Seed", 5, 2, 4), &setup);
        let b = edited(a.clone(), &edits);
        prop_assert!(diff::diff_by(&a, &a, MatchBy::Id).is_empty());
        let changes = diff::diff_by(&a, &b, MatchBy::Id);
        let mut plan = diff::plan_for(&a, &b, &changes);
        plan.split(waves);
        let (outcomes, result) = plan.run(&a);
        for o in &outcomes {
            prop_assert!(o.refused.is_empty(), "refused: {:?}", o.refused);
        }
        prop_assert_eq!(json::to_string(&result), json::to_string(&b));
        prop_assert_eq!(changes.is_empty(), plan.steps.is_empty());
        let mut forward: Vec<String> = changes.changes.iter().map(|c| canonical_change(&c.inverted())).collect();
        let mut back: Vec<String> = diff::diff_by(&b, &a, MatchBy::Id).changes.iter().map(canonical_change).collect();
        forward.sort();
        back.sort();
        prop_assert_eq!(forward, back);
        // Looking only where the seats differ finds every change, by id and by name.
        for by in [MatchBy::Id, MatchBy::Name] {
            let fast = diff::diff_by(&a, &b, by);
            let slow = diff::diff_everyone(&a, &b, by);
            prop_assert_eq!(&fast.changes, &slow.changes);
            prop_assert_eq!(&fast.impact, &slow.impact);
        }
    }
}
