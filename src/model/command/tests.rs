use super::*;
use crate::model::{History, TeamCount};

fn person(org: &mut Org, name: &str) -> PersonId {
    let id = org.next_person_id();
    Command::AddPerson(Person {
        id,
        name: name.into(),
        email: None,
    })
    .apply(org)
    .unwrap();
    id
}

/// Shopping (a SoS) with Checkout (PO Ann, SM Bob, Devs Ann, Cy) and Search (PO Dee, SM Bob,
/// Dev Eve); Kwame is Shopping's CPO from outside its teams, Bob its SoSM.
struct Fixture {
    org: Org,
    shopping: GroupId,
    checkout: TeamId,
    kwame: PersonId,
    bob: PersonId,
}

fn fixture() -> Fixture {
    let mut org = Org::new("Acme");
    let [ann, bob, cy, dee, eve, kwame] =
        ["Ann", "Bob", "Cy", "Dee", "Eve", "Kwame Mensah"].map(|n| person(&mut org, n));
    let shopping = GroupId(1);
    Command::AddGroup(Group::new(shopping, "Shopping"))
        .apply(&mut org)
        .unwrap();
    let mut checkout = Team::new(TeamId(1), "Checkout");
    checkout.group = Some(shopping);
    checkout.product_owners.insert(ann);
    checkout.scrum_masters.insert(bob);
    checkout.developers.extend([ann, cy]);
    checkout.sds_rep = Some(cy);
    let mut search = Team::new(TeamId(2), "Search");
    search.group = Some(shopping);
    search.product_owners.insert(dee);
    search.scrum_masters.insert(bob);
    search.developers.insert(eve);
    for t in [checkout, search] {
        Command::AddTeam(t).apply(&mut org).unwrap();
    }
    Command::assign(shopping, ScaledRole::ChiefProductOwner, kwame, false)
        .apply(&mut org)
        .unwrap();
    Command::assign(shopping, ScaledRole::Master, bob, false)
        .apply(&mut org)
        .unwrap();
    Fixture {
        org,
        shopping,
        checkout: TeamId(1),
        kwame,
        bob,
    }
}

#[test]
fn marking_a_holder_dedicated_is_described_as_such_in_undo_and_redo() {
    let Fixture {
        mut org,
        shopping,
        kwame,
        ..
    } = fixture();
    let mut h = History::new();
    let cmd = Command::assign(shopping, ScaledRole::ChiefProductOwner, kwame, true);
    h.apply(&mut org, cmd).unwrap();
    let label = "Mark Kwame Mensah's CPO role in Shopping as dedicated";
    assert_eq!(h.undo(&mut org).as_deref(), Some(label));
    assert!(!org.group(shopping).unwrap().cpos[0].dedicated);
    assert_eq!(h.redo(&mut org).as_deref(), Some(label));
    let back = Command::assign(shopping, ScaledRole::ChiefProductOwner, kwame, false);
    assert_eq!(
        back.describe(&org),
        "Mark Kwame Mensah's CPO role in Shopping as not dedicated"
    );
}

#[test]
fn labels_name_what_changes() {
    let Fixture {
        org,
        shopping,
        checkout,
        kwame,
        bob,
    } = fixture();
    let cpo = ScaledRole::ChiefProductOwner;
    let cases = [
        (
            Command::assign(shopping, cpo, bob, false),
            "Make Bob CPO of Shopping instead of Kwame Mensah",
        ),
        (
            Command::clear(shopping, cpo),
            "Remove Kwame Mensah as CPO of Shopping",
        ),
        (
            Command::SetScaledRole {
                group: shopping,
                role: cpo,
                holders: vec![
                    RoleHolder {
                        person: bob,
                        dedicated: false,
                    },
                    RoleHolder {
                        person: kwame,
                        dedicated: false,
                    },
                ],
            },
            "Make Bob, Kwame Mensah CPO of Shopping",
        ),
        (
            Command::RenamePerson {
                person: kwame,
                name: "Kwame M.".into(),
            },
            "Rename Kwame Mensah to Kwame M.",
        ),
        (
            Command::RenameTeam {
                team: checkout,
                name: "Pay".into(),
            },
            "Rename team Checkout to Pay",
        ),
        (
            Command::RenameGroup {
                group: shopping,
                name: "Buying".into(),
            },
            "Rename group Shopping to Buying",
        ),
        (
            Command::SetEmail {
                person: bob,
                email: None,
            },
            "Remove the e-mail of Bob",
        ),
        (
            Command::AddSeat {
                team: checkout,
                person: kwame,
                role: TeamRole::Developer,
            },
            "Make Kwame Mensah a Developer of Checkout",
        ),
        (
            Command::SetSdsRep {
                unit: Unit::Team(checkout),
                person: None,
            },
            "Let the default represent Checkout at the Scaled Daily Scrum",
        ),
        (
            Command::SetEatScrumMaster(Some(bob)),
            "Make Bob the EAT Scrum Master",
        ),
        (
            Command::SetEmsFacilitator(None),
            "Clear the EMS facilitator",
        ),
        (Command::SetFanout(Some(4)), "Set the growth fan-out to 4"),
        (
            Command::SetDefinitionOfDone {
                group: shopping,
                text: None,
            },
            "Clear the Definition of Done of Shopping",
        ),
    ];
    for (cmd, label) in cases {
        assert_eq!(cmd.describe(&org), label, "{cmd:?}");
    }
    // Keeping one of several holders.
    let mut org = org;
    Command::SetScaledRole {
        group: shopping,
        role: cpo,
        holders: vec![
            RoleHolder {
                person: bob,
                dedicated: false,
            },
            RoleHolder {
                person: kwame,
                dedicated: false,
            },
        ],
    }
    .apply(&mut org)
    .unwrap();
    assert_eq!(
        Command::assign(shopping, cpo, kwame, false).describe(&org),
        "Keep Kwame Mensah as the only CPO of Shopping"
    );
    Command::SetEatScrumMaster(Some(bob))
        .apply(&mut org)
        .unwrap();
    assert_eq!(
        Command::SetEatScrumMaster(None).describe(&org),
        "Remove Bob as EAT Scrum Master"
    );
}

#[test]
fn rule_changes_say_which_threshold() {
    let org = Org::new("Acme");
    let mut r = RuleSettings::default();
    r.overrides.team_max = Some(8);
    assert_eq!(
        Command::SetRules(r.clone()).describe(&org),
        "Set “Team size: warn above” to 8"
    );
    r.overrides.team_max = Some(0);
    assert_eq!(
        Command::SetRules(r.clone()).describe(&org),
        "Switch off “Team size: warn above”"
    );
    let mut r = RuleSettings::default();
    r.overrides.ems_min_level = Some(Threshold::AUTO);
    assert_eq!(
        Command::SetRules(r.clone()).describe(&org),
        "Set “Lowest level whose CPOs attend the EMS” to auto"
    );
    r.overrides.ems_min_level = Some(2);
    assert_eq!(
        Command::SetRules(r).describe(&org),
        "Set “Lowest level whose CPOs attend the EMS” to 2"
    );
    let mut r = RuleSettings::default();
    r.overrides.team_count = Some(TeamCount::Doers);
    assert_eq!(
        Command::SetRules(r).describe(&org),
        "Count team size by developers only"
    );
    let mut org = org;
    let mut r = RuleSettings::default();
    r.overrides.team_max = Some(8);
    r.overrides.sm_max_teams = Some(3);
    Command::SetRules(r).apply(&mut org).unwrap();
    assert_eq!(
        Command::SetRules(RuleSettings::default()).describe(&org),
        "Reset 2 thresholds to the profile"
    );
    let r = RuleSettings {
        profile: crate::model::ProfileName::Sas2022,
        ..RuleSettings::default()
    };
    assert_eq!(
        Command::SetRules(r).describe(&org),
        "Use rule profile sas-2022"
    );
}

#[test]
fn duplicating_a_team_copies_its_shape_with_new_people_in_one_step() {
    let Fixture {
        mut org,
        shopping,
        checkout,
        ..
    } = fixture();
    let before = org.clone();
    let (cmd, copy) = Command::duplicate(&org, Unit::Team(checkout), Some(shopping)).unwrap();
    let mut h = History::new();
    h.apply(&mut org, cmd).unwrap();
    assert!(org.integrity_problems().is_empty());
    let Unit::Team(copy) = copy else {
        panic!("a team's copy is a team")
    };
    assert!(before.team(copy).is_none(), "the copy has a new id");
    let (old, new) = (&org.teams()[&checkout], &org.teams()[&copy]);
    assert_eq!(new.name, "Checkout copy");
    assert_eq!(new.group, Some(shopping));
    assert_eq!(new.headcount(), old.headcount());
    assert_eq!(new.developers.len(), old.developers.len());
    // The PO who also develops is one placeholder with both seats.
    let po = *new.product_owners.iter().next().unwrap();
    assert!(new.developers.contains(&po));
    assert_eq!(org.person_name(po), "New PO (Checkout copy)");
    // Nobody of the original sits in the copy, and nobody of the copy elsewhere.
    assert!(
        new.people()
            .iter()
            .all(|p| !before.people().contains_key(p))
    );
    assert_eq!(org.people().len(), before.people().len() + old.headcount());
    // The representative (a Developer) is the copy's placeholder for them.
    let rep = new.sds_rep.unwrap();
    assert!(new.developers.contains(&rep) && !new.product_owners.contains(&rep));
    assert_eq!(h.undo_label(), Some("Duplicate Checkout as Checkout copy"));
    // A second copy gets a free name.
    let (again, _) = Command::duplicate(&org, Unit::Team(checkout), Some(shopping)).unwrap();
    h.apply(&mut org, again).unwrap();
    assert!(org.teams().values().any(|t| t.name == "Checkout copy 2"));
    h.undo(&mut org);
    h.undo(&mut org);
    assert_eq!(org, before, "one undo per duplicate restores the org");
}

#[test]
fn duplicating_a_group_copies_its_subtree_and_maps_its_roles() {
    let Fixture {
        mut org,
        shopping,
        bob,
        ..
    } = fixture();
    // Shopping sits in a SoSoS; a second SoSoS receives the pasted copy.
    for (id, name) in [(GroupId(2), "Online"), (GroupId(3), "Stores")] {
        Command::AddGroup(Group::new(id, name))
            .apply(&mut org)
            .unwrap();
    }
    Command::move_group(shopping, Some(GroupId(2)))
        .apply(&mut org)
        .unwrap();
    Command::SetSdsRep {
        unit: Unit::Group(shopping),
        person: Some(bob),
    }
    .apply(&mut org)
    .unwrap();
    let before = org.clone();
    let (cmd, copy) = Command::duplicate(&org, Unit::Group(shopping), Some(GroupId(3))).unwrap();
    assert_eq!(cmd.describe(&org), "Paste a copy of Shopping into Stores");
    let mut h = History::new();
    h.apply(&mut org, cmd).unwrap();
    assert!(org.integrity_problems().is_empty());
    let Unit::Group(copy) = copy else {
        panic!("a group's copy is a group")
    };
    let g = &org.groups()[&copy];
    assert_eq!(g.name, "Shopping copy");
    assert_eq!(g.parent, Some(GroupId(3)));
    let s = org.structure();
    let teams: Vec<&Team> = s.child_teams(copy).map(|t| &org.teams()[&t]).collect();
    let names: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Checkout copy", "Search copy"]);
    // Bob was SM of both teams and the SoSM: his placeholder is all of that in the copy.
    let sosm = g.master().unwrap();
    assert!(teams.iter().all(|t| t.scrum_masters.contains(&sosm)));
    assert_eq!(g.sds_rep, Some(sosm));
    // Kwame, the CPO from outside, gets a placeholder of his own.
    let cpo = g.cpo().unwrap();
    assert_eq!(org.person_name(cpo), "New CPO (Shopping copy)");
    assert!(teams.iter().all(|t| !t.has_member(cpo)));
    // The original is untouched.
    assert_eq!(org.groups()[&shopping], before.groups()[&shopping]);
    h.undo(&mut org);
    assert_eq!(org, before);
}

#[test]
fn duplicating_something_unknown_is_refused() {
    let org = fixture().org;
    assert!(Command::duplicate(&org, Unit::Team(TeamId(99)), None).is_err());
    assert!(Command::duplicate(&org, Unit::Team(TeamId(1)), Some(GroupId(99))).is_err());
}

#[test]
fn contradictory_rule_settings_are_refused_in_words() {
    let mut org = Org::new("Acme");
    let before = org.clone();
    let mut r = RuleSettings::default();
    r.overrides.team_min = Some(10);
    r.overrides.team_max = Some(5);
    assert_eq!(
        Command::SetRules(r.clone()).apply(&mut org),
        Err(CommandError::Invalid(
            "the team minimum (10) is above the team maximum (5)".into()
        ))
    );
    assert_eq!(org, before, "a refused command changes nothing");
    assert_eq!(
        Command::SetRules(r).check(&org),
        Err(CommandError::Invalid(
            "the team minimum (10) is above the team maximum (5)".into()
        )),
        "check says the same without applying"
    );
    let mut r = RuleSettings::default();
    r.overrides.max_depth = Some(0);
    assert!(matches!(
        Command::SetRules(r).apply(&mut org),
        Err(CommandError::Invalid(why)) if why.contains("max_depth")
    ));
    // Switching the team minimum off (0) is no contradiction.
    let mut r = RuleSettings::default();
    r.overrides.team_min = Some(0);
    r.overrides.team_max = Some(5);
    assert!(Command::SetRules(r).apply(&mut org).is_ok());
}
