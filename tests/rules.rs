//! Boundary tests for the rule engine (rulebook `shared/docs/scrum-at-scale.md` §3 and §4).
//!
//! Every org is built through `Command`s, the only way to change an `Org`. Each test asserts a
//! rule's presence on one side of a boundary, its absence on the other side, and its severity.
//! Tests of behaviour that contradicts the rulebook are marked ``.

use std::path::Path;

use orgscale::model::{
    Body, Command, CommandError, Group, GroupId, Org, Overrides, Person, PersonId, ProfileName,
    RoleHolder, RuleSettings, ScaledRole, Team, TeamId, TeamKind, TeamRole, Unit,
};
use orgscale::rules::{Finding, RuleId, Severity, SubjectRef, Thresholds, validate, validate_with};

use Severity::{Error, Info, Warning};

// ---- building orgs ---------------------------------------------------------------------------

#[track_caller]
fn apply(org: &mut Org, cmd: Command) {
    if let Err(e) = cmd.apply(org) {
        panic!("command {cmd:?} was refused: {e}");
    }
}

fn person(org: &mut Org, name: &str) -> PersonId {
    let id = org.next_person_id();
    apply(
        org,
        Command::AddPerson(Person {
            id,
            name: name.to_string(),
            email: None,
        }),
    );
    id
}

fn people(org: &mut Org, prefix: &str, n: usize) -> Vec<PersonId> {
    (1..=n)
        .map(|i| person(org, &format!("{prefix} {i}")))
        .collect()
}

/// A team of the given kind with exactly the given seats.
fn team_kind(
    org: &mut Org,
    name: &str,
    kind: TeamKind,
    group: Option<GroupId>,
    pos: &[PersonId],
    sms: &[PersonId],
    devs: &[PersonId],
) -> TeamId {
    let id = org.next_team_id();
    let mut t = Team::new(id, name);
    t.kind = kind;
    t.group = group;
    t.product_owners.extend(pos.iter().copied());
    t.scrum_masters.extend(sms.iter().copied());
    t.developers.extend(devs.iter().copied());
    apply(org, Command::AddTeam(t));
    id
}

/// A real Scrum team with exactly the given seats.
fn team_with(
    org: &mut Org,
    name: &str,
    group: Option<GroupId>,
    pos: &[PersonId],
    sms: &[PersonId],
    devs: &[PersonId],
) -> TeamId {
    team_kind(org, name, TeamKind::Scrum, group, pos, sms, devs)
}

/// A real team and its freshly created people.
#[derive(Clone, Debug)]
struct T {
    id: TeamId,
    po: PersonId,
    sm: PersonId,
    devs: Vec<PersonId>,
}

/// A real team with a fresh PO, a fresh SM and `devs` fresh Developers.
fn team_of(org: &mut Org, name: &str, group: Option<GroupId>, devs: usize) -> T {
    let po = person(org, &format!("{name} PO"));
    let sm = person(org, &format!("{name} SM"));
    let devs = people(org, &format!("{name} Dev"), devs);
    let id = team_with(org, name, group, &[po], &[sm], &devs);
    T { id, po, sm, devs }
}

fn group(org: &mut Org, name: &str, parent: Option<GroupId>) -> GroupId {
    let id = org.next_group_id();
    let mut g = Group::new(id, name);
    g.parent = parent;
    apply(org, Command::AddGroup(g));
    id
}

fn assign(org: &mut Org, g: GroupId, role: ScaledRole, p: PersonId, dedicated: bool) {
    apply(org, Command::assign(g, role, p, dedicated));
}

/// Give a group a (non-dedicated) master and CPO.
fn staff(org: &mut Org, g: GroupId, master: PersonId, cpo: PersonId) {
    assign(org, g, ScaledRole::Master, master, false);
    assign(org, g, ScaledRole::ChiefProductOwner, cpo, false);
}

fn set_member(org: &mut Org, body: Body, p: PersonId, member: bool) {
    apply(
        org,
        Command::SetBodyMember {
            body,
            person: p,
            member,
        },
    );
}

/// Fill the EAT: members, PO and SM (members should include PO and SM).
fn set_eat(org: &mut Org, members: &[PersonId], po: Option<PersonId>, sm: Option<PersonId>) {
    for p in members {
        set_member(org, Body::Eat, *p, true);
    }
    apply(org, Command::SetEatProductOwner(po));
    apply(org, Command::SetEatScrumMaster(sm));
}

fn set_ems(org: &mut Org, attendees: &[PersonId]) {
    for p in attendees {
        set_member(org, Body::Ems, *p, true);
    }
}

fn set_rules(org: &mut Org, profile: ProfileName, overrides: Overrides) {
    apply(org, Command::SetRules(RuleSettings { profile, overrides }));
}

fn set_dod(org: &mut Org, g: GroupId, text: &str) {
    apply(
        org,
        Command::SetDefinitionOfDone {
            group: g,
            text: Some(text.to_string()),
        },
    );
}

fn set_rep(org: &mut Org, unit: Unit, p: Option<PersonId>) {
    apply(org, Command::SetSdsRep { unit, person: p });
}

/// One Scrum of Scrums of `n` teams (PO + SM + 3 Developers each), fully staffed: the master is
/// the first team's SM, the CPO the first team's PO (dedicated people when `n == 0`); the EAT
/// holds master and CPO (CPO as PO, master as SM); every team PO and the CPO attend the EMS.
struct Sos {
    org: Org,
    g: GroupId,
    teams: Vec<T>,
    master: PersonId,
    cpo: PersonId,
}

fn sos(n: usize) -> Sos {
    let mut org = Org::new("One SoS");
    let g = group(&mut org, "Alpha", None);
    let teams: Vec<T> = (1..=n)
        .map(|i| team_of(&mut org, &format!("Team {i}"), Some(g), 3))
        .collect();
    let (master, cpo, dedicated) = match teams.first() {
        Some(t) => (t.sm, t.po, false),
        None => (
            person(&mut org, "Dedicated SoSM"),
            person(&mut org, "Dedicated CPO"),
            true,
        ),
    };
    assign(&mut org, g, ScaledRole::Master, master, dedicated);
    assign(&mut org, g, ScaledRole::ChiefProductOwner, cpo, dedicated);
    set_eat(&mut org, &[master, cpo], Some(cpo), Some(master));
    let mut ems: Vec<PersonId> = teams.iter().map(|t| t.po).collect();
    ems.push(cpo);
    set_ems(&mut org, &ems);
    Sos {
        org,
        g,
        teams,
        master,
        cpo,
    }
}

/// A level-2 group over `k` SoS of `per_sos` teams each (`per_sos >= 2`), fully staffed. Each SoS
/// is led by its first team's SM and PO, the top group by the second team of the first SoS, so
/// nobody holds more than two scaled roles. The EAT holds the top master and CPO; every team PO
/// attends the EMS.
struct Sosos {
    org: Org,
    top: GroupId,
    soses: Vec<GroupId>,
    /// Teams per SoS, in the order of `soses`.
    teams: Vec<Vec<T>>,
    master: PersonId,
    cpo: PersonId,
}

fn sosos(k: usize, per_sos: usize) -> Sosos {
    sosos_sized(&vec![per_sos; k])
}

/// Like [`sosos`], with the team count of each SoS given (the first at least 2).
fn sosos_sized(sizes: &[usize]) -> Sosos {
    assert!(sizes.first().is_none_or(|n| *n >= 2));
    let mut org = Org::new("SoSoS");
    let top = group(&mut org, "Top", None);
    let mut soses = Vec::new();
    let mut teams = Vec::new();
    for (i, per_sos) in (1..).zip(sizes) {
        let g = group(&mut org, &format!("SoS {i}"), Some(top));
        let ts: Vec<T> = (1..=*per_sos)
            .map(|j| team_of(&mut org, &format!("Team {i}.{j}"), Some(g), 3))
            .collect();
        staff(&mut org, g, ts[0].sm, ts[0].po);
        soses.push(g);
        teams.push(ts);
    }
    let (master, cpo) = match teams.first() {
        Some(ts) => (ts[1].sm, ts[1].po),
        None => (person(&mut org, "Top SM"), person(&mut org, "Top PO")),
    };
    staff(&mut org, top, master, cpo);
    set_eat(&mut org, &[master, cpo], Some(cpo), Some(master));
    let pos: Vec<PersonId> = teams.iter().flatten().map(|t| t.po).collect();
    set_ems(&mut org, &pos);
    Sosos {
        org,
        top,
        soses,
        teams,
        master,
        cpo,
    }
}

// ---- reading findings ------------------------------------------------------------------------

fn of_rule(fs: &[Finding], rule: u8) -> Vec<&Finding> {
    fs.iter().filter(|f| f.rule == RuleId(rule)).collect()
}

/// Exactly one finding of `rule` about `subject`, with the given severity.
#[track_caller]
fn expect_one(fs: &[Finding], rule: u8, subject: SubjectRef, severity: Severity) -> Finding {
    let hits: Vec<&Finding> = fs
        .iter()
        .filter(|f| f.rule == RuleId(rule) && f.subject == subject)
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "expected exactly one V{rule} finding about {subject:?}, got {hits:#?}\nall findings: {fs:#?}"
    );
    assert_eq!(
        hits[0].severity, severity,
        "wrong severity for V{rule}: {:#?}",
        hits[0]
    );
    hits[0].clone()
}

/// Exactly one finding of `rule` in total, about `subject`, with the given severity.
#[track_caller]
fn expect_only(fs: &[Finding], rule: u8, subject: SubjectRef, severity: Severity) -> Finding {
    let hits = of_rule(fs, rule);
    assert_eq!(
        hits.len(),
        1,
        "expected exactly one V{rule} finding, got {hits:#?}"
    );
    expect_one(fs, rule, subject, severity)
}

/// No finding of `rule` at all.
#[track_caller]
fn expect_none(fs: &[Finding], rule: u8) {
    let hits = of_rule(fs, rule);
    assert!(
        hits.is_empty(),
        "expected no V{rule} finding, got {hits:#?}"
    );
}

/// No finding of `rule` about `subject`.
#[track_caller]
fn expect_none_for(fs: &[Finding], rule: u8, subject: SubjectRef) {
    let hits: Vec<&Finding> = fs
        .iter()
        .filter(|f| f.rule == RuleId(rule) && f.subject == subject)
        .collect();
    assert!(
        hits.is_empty(),
        "expected no V{rule} finding about {subject:?}, got {hits:#?}"
    );
}

/// Severities of the findings of `rule` about `subject`, sorted.
fn severities(fs: &[Finding], rule: u8, subject: SubjectRef) -> Vec<Severity> {
    let mut v: Vec<Severity> = fs
        .iter()
        .filter(|f| f.rule == RuleId(rule) && f.subject == subject)
        .map(|f| f.severity)
        .collect();
    v.sort();
    v
}

#[track_caller]
fn expect_clean(fs: &[Finding]) {
    assert!(fs.is_empty(), "expected no findings, got {fs:#?}");
}

fn profile(p: ProfileName) -> Thresholds {
    Thresholds::profile(p)
}

// ---- the fixtures themselves -----------------------------------------------------------------

#[test]
fn fixtures_are_clean_so_absence_assertions_mean_something() {
    for n in [4, 5] {
        expect_clean(&validate(&sos(n).org));
    }
    for k in [4, 5] {
        let f = sosos(k, 4);
        expect_clean(&validate(&f.org));
    }
    // A lone well-formed team needs no group, no EAT and no EMS.
    let mut org = Org::new("Lone");
    team_of(&mut org, "Solo", None, 3);
    expect_clean(&validate(&org));
}

#[test]
fn rule_ids_display_as_v_numbers() {
    assert_eq!(RuleId(4).to_string(), "V4");
    assert_eq!(RuleId(23).to_string(), "V23");
}

// ---- V1 / V2: exactly one PO and one SM ------------------------------------------------------

#[test]
fn v1_product_owner_count_0_1_2() {
    for (pos, expected) in [(0, vec![Error]), (1, vec![]), (2, vec![Error])] {
        let mut org = Org::new("V1");
        let po = people(&mut org, "PO", pos);
        let sm = person(&mut org, "SM");
        let devs = people(&mut org, "Dev", 3);
        let t = team_with(&mut org, "Team", None, &po, &[sm], &devs);
        let fs = validate(&org);
        assert_eq!(
            severities(&fs, 1, SubjectRef::Team(t)),
            expected,
            "{pos} POs: {fs:#?}"
        );
        expect_none(&fs, 2);
    }
}

#[test]
fn v2_scrum_master_count_0_1_2() {
    for (sms, expected) in [(0, vec![Error]), (1, vec![]), (2, vec![Error])] {
        let mut org = Org::new("V2");
        let po = person(&mut org, "PO");
        let sm = people(&mut org, "SM", sms);
        let devs = people(&mut org, "Dev", 3);
        let t = team_with(&mut org, "Team", None, &[po], &sm, &devs);
        let fs = validate(&org);
        assert_eq!(
            severities(&fs, 2, SubjectRef::Team(t)),
            expected,
            "{sms} SMs: {fs:#?}"
        );
        expect_none(&fs, 1);
    }
}

#[test]
fn v1_v2_messages_name_the_problem() {
    let mut org = Org::new("V1 msg");
    let pos = vec![person(&mut org, "Ann"), person(&mut org, "Bob")];
    let devs = people(&mut org, "Dev", 3);
    let t = team_with(&mut org, "Rockets", None, &pos, &[], &devs);
    let fs = validate(&org);
    let v1 = expect_one(&fs, 1, SubjectRef::Team(t), Error);
    assert!(v1.message.contains("2 Product Owners"), "{}", v1.message);
    assert!(v1.message.contains("Ann and Bob"), "{}", v1.message);
    let v2 = expect_one(&fs, 2, SubjectRef::Team(t), Error);
    assert!(v2.message.contains("no Scrum Master"), "{}", v2.message);
    assert_eq!(v2.subject_name, "Rockets");
}

// ---- V3: somebody does Sprint work -----------------------------------------------------------

#[test]
fn v3_no_developer_is_an_error_one_developer_is_fine() {
    let mut org = Org::new("V3");
    let po = people(&mut org, "PO", 2);
    let sm = people(&mut org, "SM", 2);
    let dev = person(&mut org, "Dev");
    let idle = team_with(&mut org, "Idle", None, &[po[0]], &[sm[0]], &[]);
    let busy = team_with(&mut org, "Busy", None, &[po[1]], &[sm[1]], &[dev]);
    let fs = validate(&org);
    expect_only(&fs, 3, SubjectRef::Team(idle), Error);
    expect_none_for(&fs, 3, SubjectRef::Team(busy));
}

#[test]
fn v3_a_po_or_sm_holding_a_developer_seat_counts_as_doing_sprint_work() {
    let mut org = Org::new("V3 flagged");
    let po = person(&mut org, "PO");
    let sm = person(&mut org, "SM");
    // The SM also develops; nobody else is a Developer.
    let t = team_with(&mut org, "Small", None, &[po], &[sm], &[sm]);
    let fs = validate(&org);
    expect_none_for(&fs, 3, SubjectRef::Team(t));
    // Taking the SM's Developer seat away leaves nobody doing Sprint work.
    apply(
        &mut org,
        Command::RemoveSeat {
            team: t,
            person: sm,
            role: TeamRole::Developer,
        },
    );
    let fs = validate(&org);
    expect_one(&fs, 3, SubjectRef::Team(t), Error);
}

// ---- V1-V5 do not apply to virtual teams -----------------------------------------------------

#[test]
fn virtual_teams_are_exempt_from_v1_to_v5() {
    let mut org = Org::new("Virtual");
    let lead = person(&mut org, "Lead");
    // One person who is PO and SM, nobody developing: V3, V4 and V5 would fire on a real team;
    // the empty team below would get V1, V2 and V3.
    let v = team_kind(
        &mut org,
        "Specialists",
        TeamKind::Virtual,
        None,
        &[lead],
        &[lead],
        &[],
    );
    let fs = validate(&org);
    for rule in 1..=5 {
        expect_none(&fs, rule);
    }
    let empty = team_kind(
        &mut org,
        "Empty guild",
        TeamKind::Virtual,
        None,
        &[],
        &[],
        &[],
    );
    let fs = validate(&org);
    for rule in 1..=5 {
        expect_none(&fs, rule);
    }

    // The same teams as real Scrum teams are reported.
    for t in [v, empty] {
        apply(
            &mut org,
            Command::SetTeamKind {
                team: t,
                kind: TeamKind::Scrum,
            },
        );
    }
    let fs = validate(&org);
    expect_one(&fs, 3, SubjectRef::Team(v), Error);
    expect_one(&fs, 4, SubjectRef::Team(v), Warning);
    expect_one(&fs, 5, SubjectRef::Team(v), Warning);
    expect_one(&fs, 1, SubjectRef::Team(empty), Error);
    expect_one(&fs, 2, SubjectRef::Team(empty), Error);
    expect_one(&fs, 3, SubjectRef::Team(empty), Error);
}

// ---- V4: team size ---------------------------------------------------------------------------

/// An org with one loose team of PO + SM + `devs` Developers (all distinct people).
fn sized_team(devs: usize) -> (Org, TeamId) {
    let mut org = Org::new("Size");
    let t = team_of(&mut org, "Sized", None, devs);
    (org, t.id)
}

/// An org with one loose team of exactly `size` distinct people (size >= 2): PO, SM and
/// `size - 2` Developers; at size 2 the SM also develops.
fn team_of_size(size: usize) -> (Org, TeamId) {
    assert!(size >= 2);
    let mut org = Org::new("Size");
    let po = person(&mut org, "PO");
    let sm = person(&mut org, "SM");
    let mut devs = people(&mut org, "Dev", size - 2);
    if devs.is_empty() {
        devs.push(sm);
    }
    let t = team_with(&mut org, "Sized", None, &[po], &[sm], &devs);
    assert_eq!(org.team(t).unwrap().headcount(), size);
    (org, t)
}

#[test]
fn v4_two_pizza_whole_team_sizes_2_3_9_10() {
    let two_pizza = profile(ProfileName::TwoPizza);
    for (size, expected) in [
        (2, vec![Warning]),
        (3, vec![]),
        (9, vec![]),
        (10, vec![Warning]),
    ] {
        let (org, t) = team_of_size(size);
        let fs = validate_with(&org, &two_pizza);
        assert_eq!(
            severities(&fs, 4, SubjectRef::Team(t)),
            expected,
            "size {size}: {fs:#?}"
        );
        // The default profile is two-pizza.
        assert_eq!(validate(&org), fs);
    }
}

#[test]
fn v4_whole_team_counts_each_person_once() {
    // PO + SM + 7 Developers, where the PO also develops: 9 distinct people, 8 Developer seats.
    let mut org = Org::new("Once");
    let po = person(&mut org, "PO");
    let sm = person(&mut org, "SM");
    let mut devs = people(&mut org, "Dev", 7);
    devs.push(po);
    let t = team_with(&mut org, "Nine", None, &[po], &[sm], &devs);
    let fs = validate(&org);
    expect_none_for(&fs, 4, SubjectRef::Team(t));
    // One more distinct person tips it over.
    let extra = person(&mut org, "Extra");
    apply(
        &mut org,
        Command::AddSeat {
            team: t,
            person: extra,
            role: TeamRole::Developer,
        },
    );
    let fs = validate(&org);
    expect_one(&fs, 4, SubjectRef::Team(t), Warning);
}

#[test]
fn v4_ten_people_pass_2020_and_warn_under_two_pizza_and_sas_2022() {
    // PO + SM + 8 Developers = 10 people, 8 doers.
    let (org, t) = sized_team(8);
    let subject = SubjectRef::Team(t);

    let fs = validate_with(&org, &profile(ProfileName::ScrumGuide2020));
    expect_none(&fs, 4);

    let fs = validate_with(&org, &profile(ProfileName::TwoPizza));
    expect_only(&fs, 4, subject, Warning);

    // sas-2022: size warning (10 > 9) plus the doers info (8 > 5).
    let fs = validate_with(&org, &profile(ProfileName::Sas2022));
    assert_eq!(severities(&fs, 4, subject), vec![Warning, Info], "{fs:#?}");

    // scrum-guide-2017 counts 8 Developers: fine.
    let fs = validate_with(&org, &profile(ProfileName::ScrumGuide2017));
    expect_none(&fs, 4);

    // 11 people is above the 2020 limit of 10.
    let (org, t) = sized_team(9);
    let fs = validate_with(&org, &profile(ProfileName::ScrumGuide2020));
    expect_only(&fs, 4, SubjectRef::Team(t), Warning);
}

#[test]
fn v4_scrum_guide_2020_and_sas_2022_have_no_minimum() {
    let (org, t) = team_of_size(2);
    for p in [ProfileName::ScrumGuide2020, ProfileName::Sas2022] {
        let fs = validate_with(&org, &profile(p));
        expect_none_for(&fs, 4, SubjectRef::Team(t));
    }
}

#[test]
fn v4_scrum_guide_2017_counts_developers_only() {
    let sg17 = profile(ProfileName::ScrumGuide2017);
    for (devs, expected) in [
        (2, vec![Warning]),
        (3, vec![]),
        (9, vec![]),
        (10, vec![Warning]),
    ] {
        let (org, t) = sized_team(devs);
        let fs = validate_with(&org, &sg17);
        assert_eq!(
            severities(&fs, 4, SubjectRef::Team(t)),
            expected,
            "PO + SM + {devs} Developers: {fs:#?}"
        );
    }
    // PO + SM + 9 Developers is 11 people: a warning under two-pizza, fine under 2017.
    let (org, t) = sized_team(9);
    expect_one(
        &validate_with(&org, &profile(ProfileName::TwoPizza)),
        4,
        SubjectRef::Team(t),
        Warning,
    );
    // A PO who develops counts as a doer under 2017.
    let mut org = Org::new("Doer PO");
    let po = person(&mut org, "PO");
    let sm = person(&mut org, "SM");
    let mut devs = people(&mut org, "Dev", 2);
    devs.push(po);
    let t = team_with(&mut org, "Three doers", None, &[po], &[sm], &devs);
    expect_none_for(&validate_with(&org, &sg17), 4, SubjectRef::Team(t));
}

#[test]
fn v4_message_for_developers_under_2017() {
    let (org, t) = sized_team(2);
    let fs = validate_with(&org, &profile(ProfileName::ScrumGuide2017));
    let f = expect_one(&fs, 4, SubjectRef::Team(t), Warning);
    assert!(f.message.contains("2 Developers"), "{}", f.message);
    assert!(f.message.contains("minimum is 3"), "{}", f.message);
}

#[test]
fn v4_sas_2022_doers_above_five_is_info() {
    let sas = profile(ProfileName::Sas2022);
    // PO + SM + 5 Developers: 7 people, 5 doers.
    let (org, t) = sized_team(5);
    expect_none_for(&validate_with(&org, &sas), 4, SubjectRef::Team(t));
    // PO + SM + 6 Developers: 8 people (within 9), 6 doers.
    let (org, t) = sized_team(6);
    let fs = validate_with(&org, &sas);
    let f = expect_only(&fs, 4, SubjectRef::Team(t), Info);
    assert!(f.message.contains("6 Developers"), "{}", f.message);
    // Other profiles have no doers band.
    for p in [
        ProfileName::TwoPizza,
        ProfileName::ScrumGuide2020,
        ProfileName::ScrumGuide2017,
    ] {
        expect_none(&validate_with(&org, &profile(p)), 4);
    }
}

#[test]
fn v4_messages_read_like_plain_english() {
    let (org, t) = team_of_size(10);
    let f = expect_one(&validate(&org), 4, SubjectRef::Team(t), Warning);
    assert!(f.message.contains("has 10 people"), "{}", f.message);
    assert!(f.message.contains("limit is 9"), "{}", f.message);
    assert!(f.message.contains("two-pizza"), "{}", f.message);
    assert!(f.message.starts_with("Team Sized"), "{}", f.message);
    assert!(!f.message.contains("t1"), "no raw ids: {}", f.message);

    let (org, t) = team_of_size(2);
    let f = expect_one(&validate(&org), 4, SubjectRef::Team(t), Warning);
    assert!(f.message.contains("has 2 people"), "{}", f.message);
    assert!(f.message.contains("minimum is 3"), "{}", f.message);
}

#[test]
fn v4_override_moves_the_upper_boundary() {
    let overrides = Overrides {
        team_max: Some(12),
        ..Overrides::default()
    };
    for (size, expected) in [(10, vec![]), (12, vec![]), (13, vec![Warning])] {
        let (mut org, t) = team_of_size(size);
        set_rules(&mut org, ProfileName::TwoPizza, overrides.clone());
        let fs = validate(&org);
        assert_eq!(
            severities(&fs, 4, SubjectRef::Team(t)),
            expected,
            "size {size} with team_max 12: {fs:#?}"
        );
    }
    let (mut org, t) = team_of_size(13);
    set_rules(&mut org, ProfileName::TwoPizza, overrides);
    let f = expect_one(&validate(&org), 4, SubjectRef::Team(t), Warning);
    assert!(f.message.contains("limit is 12"), "{}", f.message);
}

#[test]
fn v4_override_zero_switches_the_minimum_off() {
    let (mut org, t) = team_of_size(2);
    expect_one(&validate(&org), 4, SubjectRef::Team(t), Warning);
    set_rules(
        &mut org,
        ProfileName::TwoPizza,
        Overrides {
            team_min: Some(0),
            ..Overrides::default()
        },
    );
    expect_none(&validate(&org), 4);
    // The maximum still applies.
    let (mut org, t) = team_of_size(10);
    set_rules(
        &mut org,
        ProfileName::TwoPizza,
        Overrides {
            team_min: Some(0),
            ..Overrides::default()
        },
    );
    expect_one(&validate(&org), 4, SubjectRef::Team(t), Warning);
}

#[test]
fn v4_override_zero_switches_the_maximum_and_doers_band_off() {
    let (mut org, t) = sized_team(12);
    set_rules(&mut org, ProfileName::Sas2022, Overrides::default());
    assert_eq!(
        severities(&validate(&org), 4, SubjectRef::Team(t)),
        vec![Warning, Info]
    );
    set_rules(
        &mut org,
        ProfileName::Sas2022,
        Overrides {
            team_max: Some(0),
            doers_ideal_max: Some(0),
            ..Overrides::default()
        },
    );
    expect_none(&validate(&org), 4);
}

#[test]

fn v4_zero_doers_is_below_the_2017_minimum() {
    let (org, t) = sized_team(0);
    let fs = validate_with(&org, &profile(ProfileName::ScrumGuide2017));
    expect_one(&fs, 3, SubjectRef::Team(t), Error);
    expect_one(&fs, 4, SubjectRef::Team(t), Warning);
}

// ---- V5: PO = SM -----------------------------------------------------------------------------

#[test]
fn v5_po_and_sm_the_same_person_warns() {
    let mut org = Org::new("V5");
    let both = person(&mut org, "Pat Both");
    let devs = people(&mut org, "Dev", 3);
    let t = team_with(&mut org, "Double", None, &[both], &[both], &devs);
    let fs = validate(&org);
    let f = expect_only(&fs, 5, SubjectRef::Team(t), Warning);
    assert!(f.message.contains("Pat Both"), "{}", f.message);
    // One person holding both seats is still one PO and one SM.
    expect_none(&fs, 1);
    expect_none(&fs, 2);

    // Different people: no V5.
    let mut org = Org::new("V5 ok");
    let t = team_of(&mut org, "Apart", None, 3);
    expect_none(&validate(&org), 5);
    // A PO who develops is not V5.
    apply(
        &mut org,
        Command::AddSeat {
            team: t.id,
            person: t.po,
            role: TeamRole::Developer,
        },
    );
    expect_none(&validate(&org), 5);
}

// ---- V6 / V12: member counts -----------------------------------------------------------------

#[test]
fn v6_sos_member_count_bands() {
    for (n, expected) in [
        (0, vec![Error]),
        (1, vec![Warning]),
        (2, vec![Info]),
        (3, vec![Info]),
        (4, vec![]),
        (5, vec![]),
        (6, vec![Warning]),
    ] {
        let f = sos(n);
        let fs = validate(&f.org);
        assert_eq!(
            severities(&fs, 6, SubjectRef::Group(f.g)),
            expected,
            "SoS of {n}: {fs:#?}"
        );
        assert_eq!(of_rule(&fs, 6).len(), expected.len());
        expect_none(&fs, 12);
    }
}

#[test]
fn v6_messages_use_sos_label_and_counts() {
    let f = sos(6);
    let m = expect_one(&validate(&f.org), 6, SubjectRef::Group(f.g), Warning).message;
    assert!(m.contains("SoS Alpha has 6 teams"), "{m}");
    let f = sos(1);
    let m = expect_one(&validate(&f.org), 6, SubjectRef::Group(f.g), Warning).message;
    assert!(m.contains("only 1 team"), "{m}");
    let f = sos(0);
    let m = expect_one(&validate(&f.org), 6, SubjectRef::Group(f.g), Error).message;
    assert!(m.contains("empty"), "{m}");
}

#[test]
fn v6_group_band_overrides() {
    let mut f = sos(6);
    set_rules(
        &mut f.org,
        ProfileName::TwoPizza,
        Overrides {
            group_warn_above: Some(7),
            ..Overrides::default()
        },
    );
    // 6 is above the target of 4-5 but no longer above the warning limit.
    expect_one(&validate(&f.org), 6, SubjectRef::Group(f.g), Info);
}

#[test]
fn v12_level_2_member_group_count_bands() {
    for (k, expected) in [
        (1, vec![Warning]),
        (2, vec![Info]),
        (3, vec![Info]),
        (4, vec![]),
        (5, vec![]),
        (6, vec![Warning]),
    ] {
        let f = sosos(k, 4);
        let fs = validate(&f.org);
        assert_eq!(
            severities(&fs, 12, SubjectRef::Group(f.top)),
            expected,
            "SoSoS of {k}: {fs:#?}"
        );
        assert_eq!(of_rule(&fs, 12).len(), expected.len());
        // The level-2 group is not judged by V6, the SoS of 4 teams are fine.
        expect_none(&fs, 6);
    }
}

#[test]
fn v12_empty_group_is_level_1_so_zero_is_reported_by_v6() {
    // A group with no members has level 1 by definition, so V12's "0 → error" band can only be
    // reached through V6: the emptied upper group is reported as an empty SoS.
    let mut f = sosos(1, 4);
    apply(&mut f.org, Command::move_group(f.soses[0], None));
    let fs = validate(&f.org);
    expect_one(&fs, 6, SubjectRef::Group(f.top), Error);
    expect_none(&fs, 12);
}

#[test]
fn v12_counts_mixed_members_and_uses_upper_overrides() {
    let mut f = sosos(4, 4);
    let fs = validate(&f.org);
    expect_none(&fs, 12);
    // Two loose teams join the top group directly: 6 members.
    team_of(&mut f.org, "Loose A", Some(f.top), 3);
    team_of(&mut f.org, "Loose B", Some(f.top), 3);
    let fs = validate(&f.org);
    let m = expect_only(&fs, 12, SubjectRef::Group(f.top), Warning).message;
    assert!(m.contains("6 members"), "{m}");
    // upper_* overrides apply to level 2 only.
    set_rules(
        &mut f.org,
        ProfileName::TwoPizza,
        Overrides {
            upper_warn_above: Some(6),
            ..Overrides::default()
        },
    );
    let fs = validate(&f.org);
    expect_only(&fs, 12, SubjectRef::Group(f.top), Info);
    // ... and group_* for level 1 is untouched: a SoS of 6 still warns.
    for i in 0..2 {
        team_of(&mut f.org, &format!("Extra {i}"), Some(f.soses[0]), 3);
    }
    let fs = validate(&f.org);
    expect_only(&fs, 6, SubjectRef::Group(f.soses[0]), Warning);
}

// ---- V7 / V8: exactly one master and one CPO -------------------------------------------------

fn holders(people: &[PersonId]) -> Vec<RoleHolder> {
    people
        .iter()
        .map(|p| RoleHolder {
            person: *p,
            dedicated: false,
        })
        .collect()
}

#[test]
fn v7_v8_none_one_two_holders_level_1() {
    for (rule, role) in [(7, ScaledRole::Master), (8, ScaledRole::ChiefProductOwner)] {
        let f = sos(4);
        let fs = validate(&f.org);
        expect_none(&fs, rule);

        let mut org = f.org.clone();
        apply(&mut org, Command::clear(f.g, role));
        expect_only(&validate(&org), rule, SubjectRef::Group(f.g), Error);

        let mut org = f.org.clone();
        let (a, b) = match role {
            ScaledRole::Master => (f.teams[0].sm, f.teams[1].sm),
            ScaledRole::ChiefProductOwner => (f.teams[0].po, f.teams[1].po),
        };
        apply(
            &mut org,
            Command::SetScaledRole {
                group: f.g,
                role,
                holders: holders(&[a, b]),
            },
        );
        let found = expect_only(&validate(&org), rule, SubjectRef::Group(f.g), Error);
        assert!(found.message.contains('2'), "{}", found.message);
    }
}

#[test]
fn v7_v8_none_one_two_holders_level_2() {
    for (rule, role) in [(7, ScaledRole::Master), (8, ScaledRole::ChiefProductOwner)] {
        let f = sosos(4, 4);
        expect_none(&validate(&f.org), rule);

        let mut org = f.org.clone();
        apply(&mut org, Command::clear(f.top, role));
        let found = expect_only(&validate(&org), rule, SubjectRef::Group(f.top), Error);
        let label = match role {
            ScaledRole::Master => "SoSoSM",
            ScaledRole::ChiefProductOwner => "level-2 CPO",
        };
        assert!(found.message.contains(label), "{}", found.message);

        let mut org = f.org.clone();
        let (a, b) = match role {
            ScaledRole::Master => (f.teams[0][1].sm, f.teams[1][1].sm),
            ScaledRole::ChiefProductOwner => (f.teams[0][1].po, f.teams[1][1].po),
        };
        apply(
            &mut org,
            Command::SetScaledRole {
                group: f.top,
                role,
                holders: holders(&[a, b]),
            },
        );
        expect_only(&validate(&org), rule, SubjectRef::Group(f.top), Error);
    }
}

// ---- V9 / V10: holders are candidates or dedicated -------------------------------------------

#[test]
fn v9_v10_level_1_member_outsider_dedicated() {
    for (rule, role) in [(9, ScaledRole::ChiefProductOwner), (10, ScaledRole::Master)] {
        // A member team's PO / SM: fine (the fixture).
        let mut f = sos(4);
        expect_none(&validate(&f.org), rule);
        // Another member team's PO / SM: also fine.
        let other = match role {
            ScaledRole::Master => f.teams[3].sm,
            ScaledRole::ChiefProductOwner => f.teams[3].po,
        };
        let mut org = f.org.clone();
        assign(&mut org, f.g, role, other, false);
        expect_none(&validate(&org), rule);

        // An outsider: warning.
        let outsider = person(&mut f.org, "Outsider");
        assign(&mut f.org, f.g, role, outsider, false);
        let found = expect_only(&validate(&f.org), rule, SubjectRef::Group(f.g), Warning);
        assert!(found.message.contains("Outsider"), "{}", found.message);
        // The same outsider marked dedicated: fine.
        assign(&mut f.org, f.g, role, outsider, true);
        expect_none(&validate(&f.org), rule);
    }
}

#[test]
fn v9_v10_wrong_seat_is_not_a_candidate() {
    // A member team's SM as CPO, a member team's PO as master, a Developer as either.
    let f = sos(4);
    let mut org = f.org.clone();
    assign(
        &mut org,
        f.g,
        ScaledRole::ChiefProductOwner,
        f.teams[1].sm,
        false,
    );
    assign(&mut org, f.g, ScaledRole::Master, f.teams[1].po, false);
    let fs = validate(&org);
    expect_only(&fs, 9, SubjectRef::Group(f.g), Warning);
    expect_only(&fs, 10, SubjectRef::Group(f.g), Warning);

    let mut org = f.org.clone();
    let dev = f.teams[2].devs[0];
    assign(&mut org, f.g, ScaledRole::ChiefProductOwner, dev, false);
    assign(&mut org, f.g, ScaledRole::Master, dev, false);
    let fs = validate(&org);
    expect_only(&fs, 9, SubjectRef::Group(f.g), Warning);
    expect_only(&fs, 10, SubjectRef::Group(f.g), Warning);
}

#[test]
fn v9_v10_po_or_sm_of_a_team_outside_the_group_is_not_a_candidate() {
    let mut f = sosos(4, 4);
    // SoS 1 picks SoS 2's team PO / SM.
    let g = f.soses[0];
    let po = f.teams[1][2].po;
    let sm = f.teams[1][2].sm;
    assign(&mut f.org, g, ScaledRole::ChiefProductOwner, po, false);
    assign(&mut f.org, g, ScaledRole::Master, sm, false);
    let fs = validate(&f.org);
    expect_only(&fs, 9, SubjectRef::Group(g), Warning);
    expect_only(&fs, 10, SubjectRef::Group(g), Warning);
}

#[test]
fn v9_v10_level_2_candidates() {
    for (rule, role) in [(9, ScaledRole::ChiefProductOwner), (10, ScaledRole::Master)] {
        let f = sosos(4, 4);
        let pick = |t: &T| match role {
            ScaledRole::Master => t.sm,
            ScaledRole::ChiefProductOwner => t.po,
        };

        // A child group's CPO / master (who is also a team PO / SM there) is a candidate.
        let mut org = f.org.clone();
        assign(&mut org, f.top, role, pick(&f.teams[2][0]), false);
        expect_none(&validate(&org), rule);

        // A PO / SM deep in the subtree who holds no scaled role is a candidate too.
        let mut org = f.org.clone();
        assign(&mut org, f.top, role, pick(&f.teams[3][3]), false);
        expect_none(&validate(&org), rule);

        // A dedicated CPO / master of a child group (no team seat at all) is a candidate for the
        // level above.
        let mut org = f.org.clone();
        let exec = person(&mut org, "Child Lead");
        assign(&mut org, f.soses[1], role, exec, true);
        assign(&mut org, f.top, role, exec, false);
        expect_none(&validate(&org), rule);
        // ... but not once they lose the child group's role.
        let other = pick(&f.teams[1][0]);
        assign(&mut org, f.soses[1], role, other, false);
        expect_only(&validate(&org), rule, SubjectRef::Group(f.top), Warning);

        // An outsider: warning; dedicated: fine.
        let mut org = f.org.clone();
        let outsider = person(&mut org, "Outsider");
        assign(&mut org, f.top, role, outsider, false);
        expect_only(&validate(&org), rule, SubjectRef::Group(f.top), Warning);
        assign(&mut org, f.top, role, outsider, true);
        expect_none(&validate(&org), rule);
    }
}

#[test]
fn v9_v10_level_3_subtree_candidates() {
    // level 3 ⊃ level 2 ⊃ SoS ⊃ teams: a PO / SM three levels down is still a candidate; a
    // grandchild group's dedicated holder is not (only child groups' holders count).
    let mut org = Org::new("Deep");
    let l3 = group(&mut org, "L3", None);
    let l2 = group(&mut org, "L2", Some(l3));
    let l1 = group(&mut org, "L1", Some(l2));
    let teams: Vec<T> = (1..=4)
        .map(|i| team_of(&mut org, &format!("Deep {i}"), Some(l1), 3))
        .collect();
    let sos_cpo = person(&mut org, "SoS CPO");
    let sos_master = person(&mut org, "SoS Master");
    assign(&mut org, l1, ScaledRole::ChiefProductOwner, sos_cpo, true);
    assign(&mut org, l1, ScaledRole::Master, sos_master, true);
    staff(&mut org, l2, teams[1].sm, teams[1].po);
    staff(&mut org, l3, teams[2].sm, teams[2].po);
    let fs = validate(&org);
    expect_none(&fs, 9);
    expect_none(&fs, 10);
    staff(&mut org, l3, sos_master, sos_cpo);
    let fs = validate(&org);
    expect_only(&fs, 9, SubjectRef::Group(l3), Warning);
    expect_only(&fs, 10, SubjectRef::Group(l3), Warning);
}

// ---- V11: Scaled Daily Scrum representatives -------------------------------------------------

#[test]
fn v11_team_representatives() {
    let f = sos(4);
    let t = f.teams[1].clone();
    // Default representative: the team's SM.
    expect_none(&validate(&f.org), 11);

    // Explicit representative inside the team: fine.
    let mut org = f.org.clone();
    set_rep(&mut org, Unit::Team(t.id), Some(t.devs[0]));
    expect_none(&validate(&org), 11);

    // Explicit representative outside the team (even someone from a sibling team): warning.
    let mut org = f.org.clone();
    set_rep(&mut org, Unit::Team(t.id), Some(f.teams[2].sm));
    let found = expect_only(&validate(&org), 11, SubjectRef::Team(t.id), Warning);
    assert!(found.message.contains("Team 3 SM"), "{}", found.message);

    // No SM and no explicit representative: warning.
    let mut org = f.org.clone();
    apply(
        &mut org,
        Command::RemoveSeat {
            team: t.id,
            person: t.sm,
            role: TeamRole::ScrumMaster,
        },
    );
    let fs = validate(&org);
    expect_only(&fs, 11, SubjectRef::Team(t.id), Warning);
    expect_one(&fs, 2, SubjectRef::Team(t.id), Error);
    // ... which an explicit representative from the team resolves.
    set_rep(&mut org, Unit::Team(t.id), Some(t.po));
    expect_none(&validate(&org), 11);
}

#[test]
fn v11_loose_teams_have_no_sds() {
    let mut org = Org::new("Loose");
    let po = person(&mut org, "PO");
    let devs = people(&mut org, "Dev", 3);
    team_with(&mut org, "No SM", None, &[po], &[], &devs);
    expect_none(&validate(&org), 11);
}

#[test]
fn v11_child_group_representatives() {
    let f = sosos(4, 4);
    let child = f.soses[1];
    // Default: the child group's master.
    expect_none(&validate(&f.org), 11);

    // Explicit representative inside the child's subtree (a Developer of one of its teams).
    let mut org = f.org.clone();
    set_rep(&mut org, Unit::Group(child), Some(f.teams[1][3].devs[2]));
    expect_none(&validate(&org), 11);

    // Explicit representative outside the subtree (a sibling SoS's team member): warning.
    let mut org = f.org.clone();
    set_rep(&mut org, Unit::Group(child), Some(f.teams[0][2].devs[0]));
    expect_only(&validate(&org), 11, SubjectRef::Group(child), Warning);

    // A complete outsider: warning.
    let mut org = f.org.clone();
    let outsider = person(&mut org, "Outsider");
    set_rep(&mut org, Unit::Group(child), Some(outsider));
    expect_only(&validate(&org), 11, SubjectRef::Group(child), Warning);

    // No master and no explicit representative: warning (next to the V7 error).
    let mut org = f.org.clone();
    apply(&mut org, Command::clear(child, ScaledRole::Master));
    let fs = validate(&org);
    expect_only(&fs, 11, SubjectRef::Group(child), Warning);
    expect_one(&fs, 7, SubjectRef::Group(child), Error);
}

#[test]
fn v11_default_rep_is_never_judged_for_membership() {
    // Only an explicit representative must belong to the member: a dedicated master from outside
    // the child's subtree represents it by default without a V11 finding.
    let mut f = sosos(4, 4);
    let child = f.soses[3];
    let outsider = person(&mut f.org, "Outside Lead");
    assign(&mut f.org, child, ScaledRole::Master, outsider, true);
    expect_none(&validate(&f.org), 11);
    // The same person named explicitly is judged: the scaled role puts them in the subtree.
    set_rep(&mut f.org, Unit::Group(child), Some(outsider));
    expect_none(&validate(&f.org), 11);
    // Once they lose the role, the explicit representative no longer belongs.
    assign(
        &mut f.org,
        child,
        ScaledRole::Master,
        f.teams[3][0].sm,
        false,
    );
    expect_only(&validate(&f.org), 11, SubjectRef::Group(child), Warning);
}

#[test]
fn v11_dedicated_child_master_is_a_valid_explicit_rep() {
    // A dedicated master of the child group belongs to its subtree through the scaled role.
    let mut f = sosos(4, 4);
    let child = f.soses[2];
    let lead = person(&mut f.org, "Dedicated Lead");
    assign(&mut f.org, child, ScaledRole::Master, lead, true);
    set_rep(&mut f.org, Unit::Group(child), Some(lead));
    expect_none(&validate(&f.org), 11);
}

// ---- V13 / V14: executive bodies exist and are staffed ---------------------------------------

#[test]
fn v13_empty_eat_or_ems_with_groups() {
    let f = sos(4);
    expect_none(&validate(&f.org), 13);

    // Empty EAT.
    let mut org = f.org.clone();
    for p in [f.master, f.cpo] {
        set_member(&mut org, Body::Eat, p, false);
    }
    apply(&mut org, Command::SetEatProductOwner(None));
    apply(&mut org, Command::SetEatScrumMaster(None));
    assert!(org.eat().is_empty());
    let fs = validate(&org);
    expect_only(&fs, 13, SubjectRef::Eat, Warning);
    expect_none(&fs, 14);

    // Empty EMS.
    let mut org = f.org.clone();
    let attendees: Vec<PersonId> = org.ems().attendees.iter().copied().collect();
    for p in attendees {
        set_member(&mut org, Body::Ems, p, false);
    }
    assert!(org.ems().is_empty());
    let fs = validate(&org);
    expect_only(&fs, 13, SubjectRef::Ems, Warning);
    // V15/V16 only apply once the EMS has attendees.
    expect_none(&fs, 15);
    expect_none(&fs, 16);
}

#[test]
fn v13_both_bodies_empty_gives_two_warnings() {
    let mut org = Org::new("Bare");
    let g = group(&mut org, "Bare SoS", None);
    let teams: Vec<T> = (1..=4)
        .map(|i| team_of(&mut org, &format!("Bare {i}"), Some(g), 3))
        .collect();
    staff(&mut org, g, teams[0].sm, teams[0].po);
    let fs = validate(&org);
    assert_eq!(of_rule(&fs, 13).len(), 2, "{fs:#?}");
    expect_one(&fs, 13, SubjectRef::Eat, Warning);
    expect_one(&fs, 13, SubjectRef::Ems, Warning);
    // Nothing else is wrong with it.
    assert_eq!(fs.len(), 2, "{fs:#?}");
}

#[test]
fn v13_org_without_groups_needs_no_eat_or_ems() {
    let mut org = Org::new("Teams only");
    team_of(&mut org, "A", None, 3);
    team_of(&mut org, "B", None, 3);
    assert!(org.eat().is_empty() && org.ems().is_empty());
    expect_clean(&validate(&org));
    let empty = Org::new("Empty");
    expect_clean(&validate(&empty));
}

#[test]
fn v14_eat_needs_po_and_sm() {
    let f = sos(4);
    expect_none(&validate(&f.org), 14);

    let mut org = f.org.clone();
    apply(&mut org, Command::SetEatProductOwner(None));
    let m = expect_only(&validate(&org), 14, SubjectRef::Eat, Warning).message;
    assert!(m.contains("Product Owner"), "{m}");
    assert!(!m.contains("Scrum Master"), "{m}");

    let mut org = f.org.clone();
    apply(&mut org, Command::SetEatScrumMaster(None));
    let m = expect_only(&validate(&org), 14, SubjectRef::Eat, Warning).message;
    assert!(m.contains("Scrum Master"), "{m}");
    assert!(!m.contains("Product Owner"), "{m}");

    let mut org = f.org.clone();
    apply(&mut org, Command::SetEatProductOwner(None));
    apply(&mut org, Command::SetEatScrumMaster(None));
    let fs = validate(&org);
    expect_only(&fs, 14, SubjectRef::Eat, Warning);
    expect_none(&fs, 13);
}

// ---- V15 / V16: EMS attendance ---------------------------------------------------------------

#[test]
fn v15_cpo_must_attend_ems() {
    // A dedicated CPO (no team seat) so that V16 does not interfere.
    let mut f = sos(4);
    let cpo = person(&mut f.org, "Chief");
    assign(&mut f.org, f.g, ScaledRole::ChiefProductOwner, cpo, true);
    set_member(&mut f.org, Body::Ems, cpo, true);
    expect_none(&validate(&f.org), 15);

    set_member(&mut f.org, Body::Ems, cpo, false);
    let fs = validate(&f.org);
    let m = expect_only(&fs, 15, SubjectRef::Person(cpo), Warning).message;
    assert!(m.contains("Chief"), "{m}");
    expect_none(&fs, 16);
}

#[test]
fn v15_applies_at_level_2_and_respects_ems_min_level() {
    let mut f = sosos(4, 4);
    let sos_cpo = f.teams[0][0].po;
    // Level-2 CPO missing.
    let mut org = f.org.clone();
    set_member(&mut org, Body::Ems, f.cpo, false);
    expect_only(&validate(&org), 15, SubjectRef::Person(f.cpo), Warning);

    // SoS CPO missing: warned at the default ems_min_level, auto (= 1 with two levels) ...
    set_member(&mut f.org, Body::Ems, sos_cpo, false);
    expect_only(&validate(&f.org), 15, SubjectRef::Person(sos_cpo), Warning);
    // ... and not with ems_min_level 2.
    set_rules(
        &mut f.org,
        ProfileName::TwoPizza,
        Overrides {
            ems_min_level: Some(2),
            ..Overrides::default()
        },
    );
    expect_none(&validate(&f.org), 15);
    // With two SoS, a missing team PO is not V16 either.
    expect_none(&validate(&f.org), 16);
}

#[test]
fn v16_single_sos_team_pos_attend_ems() {
    let mut f = sos(4);
    expect_none(&validate(&f.org), 16);
    let po = f.teams[2].po;
    set_member(&mut f.org, Body::Ems, po, false);
    let fs = validate(&f.org);
    let m = expect_only(&fs, 16, SubjectRef::Person(po), Warning).message;
    assert!(m.contains("Team 3"), "{m}");
    // That PO is no CPO: no V15.
    expect_none(&fs, 15);
}

#[test]
fn v16_not_applied_with_two_sos() {
    let mut f = sosos(2, 4);
    expect_none(&validate(&f.org), 16);
    let po = f.teams[1][3].po;
    set_member(&mut f.org, Body::Ems, po, false);
    let fs = validate(&f.org);
    expect_none(&fs, 16);
    expect_none(&fs, 15);

    // The same PO with only one SoS under the top group is reported.
    let mut g = sosos(1, 4);
    let po = g.teams[0][3].po;
    set_member(&mut g.org, Body::Ems, po, false);
    expect_only(&validate(&g.org), 16, SubjectRef::Person(po), Warning);
}

// ---- V17: the hierarchy stays a tree ---------------------------------------------------------

#[test]
fn v17_cycles_cannot_be_built_through_commands() {
    let mut org = Org::new("Tree");
    let top = group(&mut org, "Top", None);
    let mid = group(&mut org, "Mid", Some(top));
    let low = group(&mut org, "Low", Some(mid));
    let leaf = team_of(&mut org, "Leaf", Some(low), 3);
    let before = org.clone();

    for (item, target) in [(top, low), (top, mid), (mid, low), (top, top), (low, low)] {
        let err = Command::move_group(item, Some(target))
            .apply(&mut org)
            .expect_err("moving a group into itself or its descendant must be refused");
        assert!(
            matches!(err, CommandError::Cycle { .. }),
            "{item} into {target}: {err:?}"
        );
        assert_eq!(org, before, "a refused move must leave the org unchanged");
    }

    // A batch whose last step would close a cycle is rolled back completely.
    let batch = Command::Batch {
        label: "sneaky".to_string(),
        commands: vec![
            Command::SetOrgName("Changed".to_string()),
            Command::move_team(leaf.id, None),
            Command::move_group(top, Some(low)),
        ],
    };
    let err = batch.apply(&mut org).expect_err("cycle in batch");
    assert!(matches!(err, CommandError::Cycle { .. }), "{err:?}");
    assert_eq!(org, before);

    assert!(org.cycles().is_empty());
    assert!(org.integrity_problems().is_empty());
    expect_none(&validate(&org), 17);

    // Moving a group down into an unrelated branch is fine.
    let other = group(&mut org, "Other", None);
    apply(&mut org, Command::move_group(other, Some(low)));
    expect_none(&validate(&org), 17);
}

#[test]
fn v17_cyclic_files_are_refused_on_load() {
    let text = r#"{
  "format_version": 1,
  "name": "Loop",
  "groups": [
    { "id": "g1", "name": "A", "parent": "g2" },
    { "id": "g2", "name": "B", "parent": "g1" }
  ]
}"#;
    let err = orgscale::io::json::from_str(Path::new("loop.json"), text)
        .expect_err("a cycle must not load");
    assert!(err.to_string().contains("in a circle"), "{err}");
}

#[test]
fn v17_teams_cannot_contain_anything() {
    let mut org = Org::new("Into team");
    let g = group(&mut org, "G", None);
    let t = team_of(&mut org, "T", None, 3);
    let before = org.clone();
    let err = Command::Move {
        item: Unit::Group(g),
        to: Some(Unit::Team(t.id)),
    }
    .apply(&mut org)
    .expect_err("a team cannot contain a group");
    assert!(matches!(err, CommandError::IntoTeam(_)), "{err:?}");
    assert_eq!(org, before);
}

// ---- V18: people in several real teams -------------------------------------------------------

#[test]
fn v18_mixed_roles_in_two_teams_warn() {
    let mut org = Org::new("V18 mixed");
    let a = team_of(&mut org, "A", None, 3);
    let b = team_of(&mut org, "B", None, 3);
    // A's Developer is also B's SM (B keeps its own SM too, so V2 aside it is a mix).
    let dev = a.devs[0];
    apply(
        &mut org,
        Command::RemoveSeat {
            team: b.id,
            person: b.sm,
            role: TeamRole::ScrumMaster,
        },
    );
    apply(
        &mut org,
        Command::AddSeat {
            team: b.id,
            person: dev,
            role: TeamRole::ScrumMaster,
        },
    );
    let fs = validate(&org);
    let m = expect_only(&fs, 18, SubjectRef::Person(dev), Warning).message;
    assert!(m.contains("2 teams"), "{m}");
    assert!(m.contains("A as Dev"), "{m}");
    assert!(m.contains("B as SM"), "{m}");
    // Only one SM seat: no V19.
    expect_none(&fs, 19);
}

#[test]
fn v18_developer_in_two_real_teams_warns_virtual_does_not_count() {
    let mut org = Org::new("V18 virtual");
    let a = team_of(&mut org, "A", None, 3);
    let specialist = a.devs[0];
    let guild_po = person(&mut org, "Guild PO");
    let v = team_kind(
        &mut org,
        "Guild",
        TeamKind::Virtual,
        None,
        &[guild_po],
        &[],
        &[specialist],
    );
    expect_none(&validate(&org), 18);

    // The same membership in a real team counts.
    apply(
        &mut org,
        Command::SetTeamKind {
            team: v,
            kind: TeamKind::Scrum,
        },
    );
    expect_only(&validate(&org), 18, SubjectRef::Person(specialist), Warning);

    // One real team plus the PO seat of a virtual team does not count either.
    let mut org = Org::new("V18 virtual PO");
    let a = team_of(&mut org, "A", None, 3);
    let guild_dev = person(&mut org, "Guild Dev");
    team_kind(
        &mut org,
        "Guild",
        TeamKind::Virtual,
        None,
        &[a.po],
        &[],
        &[guild_dev],
    );
    expect_none(&validate(&org), 18);
}

#[test]
fn v18_po_of_two_teams_in_one_sos_is_info() {
    let mut f = sos(4);
    let shared = f.teams[0].po;
    let t = f.teams[1].id;
    let old = f.teams[1].po;
    apply(
        &mut f.org,
        Command::RemoveSeat {
            team: t,
            person: old,
            role: TeamRole::ProductOwner,
        },
    );
    apply(
        &mut f.org,
        Command::AddSeat {
            team: t,
            person: shared,
            role: TeamRole::ProductOwner,
        },
    );
    let fs = validate(&f.org);
    let m = expect_only(&fs, 18, SubjectRef::Person(shared), Info).message;
    assert!(m.contains("Product Owner of 2 teams"), "{m}");
}

#[test]
fn v18_po_of_two_teams_in_different_sos_warns() {
    let mut f = sosos(2, 4);
    let shared = f.teams[0][2].po;
    let t = f.teams[1][2].id;
    let old = f.teams[1][2].po;
    apply(
        &mut f.org,
        Command::RemoveSeat {
            team: t,
            person: old,
            role: TeamRole::ProductOwner,
        },
    );
    apply(
        &mut f.org,
        Command::AddSeat {
            team: t,
            person: shared,
            role: TeamRole::ProductOwner,
        },
    );
    expect_only(&validate(&f.org), 18, SubjectRef::Person(shared), Warning);
}

#[test]
fn v18_po_of_two_loose_teams_warns() {
    // Teams in no group are not "teams of one group".
    let mut org = Org::new("Loose POs");
    let po = person(&mut org, "Shared PO");
    let sms = people(&mut org, "SM", 2);
    let devs = people(&mut org, "Dev", 6);
    team_with(&mut org, "L1", None, &[po], &[sms[0]], &devs[..3]);
    team_with(&mut org, "L2", None, &[po], &[sms[1]], &devs[3..]);
    expect_only(&validate(&org), 18, SubjectRef::Person(po), Warning);
}

#[test]
fn v18_one_team_with_several_seats_is_not_v18() {
    let mut org = Org::new("One team");
    let t = team_of(&mut org, "A", None, 3);
    apply(
        &mut org,
        Command::AddSeat {
            team: t.id,
            person: t.sm,
            role: TeamRole::Developer,
        },
    );
    expect_none(&validate(&org), 18);
}

// ---- V19: Scrum Masters of several teams -----------------------------------------------------

#[test]
fn v19_sm_of_1_2_3_4_teams() {
    for (n, expected) in [
        (1, vec![]),
        (2, vec![Info]),
        (3, vec![Info]),
        (4, vec![Warning]),
    ] {
        let mut org = Org::new("V19");
        let sm = person(&mut org, "Shared SM");
        for i in 0..n {
            let po = person(&mut org, &format!("PO {i}"));
            let devs = people(&mut org, &format!("Dev {i}"), 3);
            team_with(&mut org, &format!("Team {i}"), None, &[po], &[sm], &devs);
        }
        let fs = validate(&org);
        assert_eq!(
            severities(&fs, 19, SubjectRef::Person(sm)),
            expected,
            "SM of {n} teams: {fs:#?}"
        );
        // SM-only sharing is left to V19.
        expect_none(&fs, 18);
        if n > 1 {
            let m = &of_rule(&fs, 19)[0].message;
            assert!(m.contains(&format!("Scrum Master of {n} teams")), "{m}");
        }
    }
}

#[test]
fn v19_override_and_virtual_teams() {
    let mut org = Org::new("V19 more");
    let sm = person(&mut org, "Shared SM");
    for i in 0..4 {
        let po = person(&mut org, &format!("PO {i}"));
        let devs = people(&mut org, &format!("Dev {i}"), 3);
        team_with(&mut org, &format!("Team {i}"), None, &[po], &[sm], &devs);
    }
    set_rules(
        &mut org,
        ProfileName::TwoPizza,
        Overrides {
            sm_max_teams: Some(4),
            ..Overrides::default()
        },
    );
    expect_one(&validate(&org), 19, SubjectRef::Person(sm), Info);
    // An SM seat in a virtual team does not count.
    let mut org3 = Org::new("V19 virtual");
    let sm3 = person(&mut org3, "Shared SM");
    for i in 0..3 {
        let po = person(&mut org3, &format!("PO {i}"));
        let devs = people(&mut org3, &format!("Dev {i}"), 3);
        team_with(&mut org3, &format!("Team {i}"), None, &[po], &[sm3], &devs);
    }
    let dev = person(&mut org3, "Guild Dev");
    team_kind(
        &mut org3,
        "Guild",
        TeamKind::Virtual,
        None,
        &[],
        &[sm3],
        &[dev],
    );
    expect_one(&validate(&org3), 19, SubjectRef::Person(sm3), Info);
}

// ---- V20: scaled roles per person ------------------------------------------------------------

#[test]
fn v20_three_scaled_roles_is_info_two_is_fine() {
    let mut f = sosos(4, 4);
    // The fixture's top master holds SoSoSM + EAT SM/member: 2 roles.
    expect_none(&validate(&f.org), 20);
    // Make them master of SoS 2 as well (dedicated, to keep V10 quiet): 3 roles.
    assign(&mut f.org, f.soses[1], ScaledRole::Master, f.master, true);
    let fs = validate(&f.org);
    let m = expect_only(&fs, 20, SubjectRef::Person(f.master), Info).message;
    assert!(m.contains("3 scaled roles"), "{m}");

    // EMS attendance is not a scaled role.
    let mut f = sosos(4, 4);
    set_member(&mut f.org, Body::Ems, f.master, true);
    set_member(&mut f.org, Body::Ems, f.cpo, true);
    expect_none(&validate(&f.org), 20);

    // Master and CPO of one group plus an EAT seat: 3.
    let mut f = sos(4);
    assign(&mut f.org, f.g, ScaledRole::Master, f.cpo, true);
    expect_only(&validate(&f.org), 20, SubjectRef::Person(f.cpo), Info);

    // max_scaled_roles override.
    set_rules(
        &mut f.org,
        ProfileName::TwoPizza,
        Overrides {
            max_scaled_roles: Some(3),
            ..Overrides::default()
        },
    );
    expect_none(&validate(&f.org), 20);
}

#[test]
fn v20_eat_po_sm_and_membership_are_one_seat() {
    let mut f = sos(4);
    // The CPO is already EAT member and EAT PO; also making them EAT SM keeps one EAT seat.
    apply(&mut f.org, Command::SetEatScrumMaster(Some(f.cpo)));
    expect_none(&validate(&f.org), 20);
}

// ---- V21: depth and ragged trees -------------------------------------------------------------

/// A chain of `depth` nested groups with four teams in the lowest one. Returns the top group.
fn chain(depth: usize) -> (Org, GroupId) {
    let mut org = Org::new("Chain");
    let mut parent = None;
    let mut top = None;
    for level in (1..=depth).rev() {
        let g = group(&mut org, &format!("Level {level}"), parent);
        top.get_or_insert(g);
        parent = Some(g);
    }
    for i in 0..4 {
        team_of(&mut org, &format!("Leaf {i}"), parent, 3);
    }
    assert_eq!(org.structure().depth() as usize, depth);
    (org, top.unwrap())
}

#[test]
fn v21_depth_above_max_depth_is_info() {
    let (org, _) = chain(3);
    expect_none(&validate(&org), 21);
    let (mut org, _) = chain(4);
    let fs = validate(&org);
    let m = expect_only(&fs, 21, SubjectRef::Org, Info).message;
    assert!(m.contains("4 levels"), "{m}");
    set_rules(
        &mut org,
        ProfileName::TwoPizza,
        Overrides {
            max_depth: Some(4),
            ..Overrides::default()
        },
    );
    expect_none(&validate(&org), 21);
}

#[test]
fn v21_ragged_tree_is_info() {
    // Top holds a SoS (teams at depth 2) and a team directly (depth 1).
    let mut f = sosos(4, 4);
    expect_none(&validate(&f.org), 21);
    team_of(&mut f.org, "Shortcut", Some(f.top), 3);
    let fs = validate(&f.org);
    let m = expect_only(&fs, 21, SubjectRef::Group(f.top), Info).message;
    assert!(m.contains("1 to 2"), "{m}");

    // Deeper: a level-3 group with a SoSoS branch and a SoS branch.
    let (mut org, top) = chain(3);
    let side = group(&mut org, "Side SoS", Some(top));
    for i in 0..4 {
        team_of(&mut org, &format!("Side {i}"), Some(side), 3);
    }
    expect_only(&validate(&org), 21, SubjectRef::Group(top), Info);
}

#[test]
fn v21_separate_top_groups_may_differ_in_depth() {
    // Two independent trees of different depth are each regular: not ragged.
    let mut org = Org::new("Forest");
    let sos_a = group(&mut org, "A", None);
    let top_b = group(&mut org, "B", None);
    let sos_b = group(&mut org, "B1", Some(top_b));
    for i in 0..4 {
        team_of(&mut org, &format!("A{i}"), Some(sos_a), 3);
        team_of(&mut org, &format!("B{i}"), Some(sos_b), 3);
    }
    // A loose team is not part of any tree either.
    team_of(&mut org, "Loose", None, 3);
    expect_none(&validate(&org), 21);
}

// ---- V22: EAT and EMS may share members ------------------------------------------------------

#[test]
fn v22_identical_eat_and_ems_are_never_reported() {
    let build = |identical: bool| {
        let mut f = sos(4);
        // Replace the EAT with two executives.
        for p in [f.master, f.cpo] {
            set_member(&mut f.org, Body::Eat, p, false);
        }
        let e1 = person(&mut f.org, "Exec One");
        let e2 = person(&mut f.org, "Exec Two");
        set_eat(&mut f.org, &[e1, e2], Some(e1), Some(e2));
        if identical {
            let attendees: Vec<PersonId> = f.org.ems().attendees.iter().copied().collect();
            for p in attendees {
                set_member(&mut f.org, Body::Eat, p, true);
            }
            set_ems(&mut f.org, &[e1, e2]);
            assert_eq!(f.org.eat().members, f.org.ems().attendees);
        } else {
            assert!(f.org.eat().members.is_disjoint(&f.org.ems().attendees));
        }
        f.org
    };
    let disjoint = validate(&build(false));
    let identical = validate(&build(true));
    expect_none(&identical, 22);
    expect_none(&disjoint, 22);
    assert_eq!(identical, disjoint, "sharing members must add no finding");
    expect_clean(&identical);

    // The smallest case: one person is the whole EAT and the whole EMS.
    let mut org = Org::new("Tiny");
    let g = group(&mut org, "Tiny SoS", None);
    let teams: Vec<T> = (1..=4)
        .map(|i| team_of(&mut org, &format!("Tiny {i}"), Some(g), 3))
        .collect();
    let boss = person(&mut org, "Boss");
    assign(&mut org, g, ScaledRole::Master, boss, true);
    assign(
        &mut org,
        g,
        ScaledRole::ChiefProductOwner,
        teams[0].po,
        false,
    );
    set_eat(&mut org, &[boss], Some(boss), Some(boss));
    let pos: Vec<PersonId> = teams.iter().map(|t| t.po).collect();
    set_ems(&mut org, &pos);
    set_eat(&mut org, &pos, Some(boss), Some(boss));
    set_ems(&mut org, &[boss]);
    assert_eq!(org.eat().members, org.ems().attendees);
    let fs = validate(&org);
    expect_none(&fs, 22);
    // Boss: SoSM + EAT = 2; team 1's PO: CPO + EAT = 2.
    expect_clean(&fs);
}

// ---- V23: shared Definition of Done ----------------------------------------------------------

#[test]
fn v23_only_when_some_group_records_a_dod() {
    let mut f = sosos(2, 4);
    expect_none(&validate(&f.org), 23);
    set_dod(&mut f.org, f.soses[0], "Tested, reviewed, deployed.");
    let fs = validate(&f.org);
    assert_eq!(of_rule(&fs, 23).len(), 2, "{fs:#?}");
    expect_one(&fs, 23, SubjectRef::Group(f.soses[1]), Info);
    expect_one(&fs, 23, SubjectRef::Group(f.top), Info);
    expect_none_for(&fs, 23, SubjectRef::Group(f.soses[0]));
    // Once every group has one, nothing.
    set_dod(&mut f.org, f.soses[1], "Same.");
    set_dod(&mut f.org, f.top, "Same, integrated.");
    expect_none(&validate(&f.org), 23);
    // Clearing all of them again: nothing either.
    for g in [f.top, f.soses[0], f.soses[1]] {
        apply(
            &mut f.org,
            Command::SetDefinitionOfDone {
                group: g,
                text: None,
            },
        );
    }
    expect_none(&validate(&f.org), 23);
}

// ---- the guide's own structures --------------------------------------------------------------

fn example(name: &str) -> Org {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    orgscale::io::json::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The org without `p` in its EMS: no attendee and, if they are, no facilitator either.
fn without_in_ems(org: &Org, p: PersonId) -> Org {
    let mut org = org.clone();
    if org.ems().attendees.contains(&p) {
        set_member(&mut org, Body::Ems, p, false);
    }
    if org.ems().facilitator == Some(p) {
        apply(&mut org, Command::SetEmsFacilitator(None));
    }
    org
}

/// The guide's symmetric structures with the default `auto`: the CPOs of the top two levels (with
/// one level, the SoS CPO) must attend the EMS, lower CPOs need not.
#[test]
fn v15_auto_asks_the_top_two_levels_cpos_of_the_symmetric_structures() {
    for (file, levels, must_attend) in [
        ("symmetric-5.json", 1, 1),
        ("symmetric-25.json", 2, 6),
        ("symmetric-125.json", 3, 6),
    ] {
        let org = example(file);
        assert!(org.rules().overrides.is_empty(), "{file} uses the profile");
        let s = org.structure();
        assert_eq!(s.depth(), levels, "{file}");
        expect_none(&validate(&org), 15);
        let mut attend = Vec::new();
        for g in org.groups().values() {
            let cpo = g.cpo().expect("staffed");
            let level = s.level(g.id);
            let fs = validate(&without_in_ems(&org, cpo));
            if level >= levels.max(2) - 1 {
                let m = expect_only(&fs, 15, SubjectRef::Person(cpo), Warning).message;
                assert!(m.contains(&g.name), "{file}: {m}");
                attend.push(level);
            } else {
                expect_none(&fs, 15);
            }
        }
        assert_eq!(attend.len(), must_attend, "{file}: levels {attend:?}");
        // The levels that must attend: the only one, both, or the top two of three.
        attend.sort_unstable();
        attend.dedup();
        let top_two: Vec<u32> = (levels.max(2) - 1..=levels).collect();
        assert_eq!(attend, top_two, "{file}");
    }
}

#[test]
fn v15_with_a_number_asks_every_cpo_from_that_level_up() {
    // symmetric-125 as growth staffs it: only the top two levels' CPOs attend the EMS ...
    let mut org = example("symmetric-125.json");
    let s = org.structure();
    let sos_cpos: Vec<PersonId> = org
        .groups()
        .values()
        .filter(|g| s.level(g.id) == 1)
        .filter_map(|g| g.cpo())
        .collect();
    assert_eq!(sos_cpos.len(), 25);
    assert!(sos_cpos.iter().all(|p| !org.ems().attendees.contains(p)));
    // ... so ems_min_level 1 warns about every SoS CPO, 2 and auto about none.
    for (level, warned) in [(Some(1), 25), (Some(2), 0), (Some(3), 0), (None, 0)] {
        set_rules(
            &mut org,
            ProfileName::TwoPizza,
            Overrides {
                ems_min_level: level,
                ..Overrides::default()
            },
        );
        let fs = validate(&org);
        assert_eq!(of_rule(&fs, 15).len(), warned, "ems_min_level {level:?}");
        for p in &sos_cpos {
            if warned > 0 {
                expect_one(&fs, 15, SubjectRef::Person(*p), Warning);
            } else {
                expect_none_for(&fs, 15, SubjectRef::Person(*p));
            }
        }
    }
    // ems_min_level 3 no longer asks the level-2 CPOs; auto does.
    let s = org.structure();
    let level_2 = org
        .groups()
        .values()
        .find(|g| s.level(g.id) == 2)
        .and_then(|g| g.cpo())
        .unwrap();
    let missing = without_in_ems(&org, level_2);
    expect_only(
        &validate(&missing),
        15,
        SubjectRef::Person(level_2),
        Warning,
    );
    let mut at_3 = missing.clone();
    set_rules(
        &mut at_3,
        ProfileName::TwoPizza,
        Overrides {
            ems_min_level: Some(3),
            ..Overrides::default()
        },
    );
    expect_none(&validate(&at_3), 15);
}

#[test]
fn symmetric_structures_have_no_error_and_no_warning() {
    for levels in [1, 2, 3] {
        let org = orgscale::sample::symmetric(5, levels);
        let fs = validate(&org);
        let serious: Vec<&Finding> = fs.iter().filter(|f| f.severity != Info).collect();
        assert!(serious.is_empty(), "symmetric(5, {levels}): {serious:#?}");
        // And under every profile (teams of 5 people, 3 doers).
        for p in ProfileName::ALL {
            let fs = validate_with(&org, &profile(p));
            assert!(
                fs.iter().all(|f| f.severity == Info),
                "symmetric(5, {levels}) under {p}: {fs:#?}"
            );
        }
    }
}

#[test]
fn irregular_guide_structures_give_only_v6_v12_info() {
    // SASIMG: a SoSoS over 5 SoS of 2, 3, 4, 5, 5 teams, fully staffed.
    let f = sosos_sized(&[2, 3, 4, 5, 5]);
    let fs = validate(&f.org);
    assert_eq!(fs.len(), 2, "{fs:#?}");
    expect_one(&fs, 6, SubjectRef::Group(f.soses[0]), Info);
    expect_one(&fs, 6, SubjectRef::Group(f.soses[1]), Info);

    // Three SoSoS of 10, 13 and 15 teams built from 2-5-team SoS, under one level-3 group.
    let mut b = orgscale::sample::Builder::new("Irregular");
    let top = b.group("Top".to_string(), None);
    let mut n = 0;
    for (i, soses) in [vec![5, 5], vec![3, 5, 5], vec![2, 4, 4, 5]]
        .into_iter()
        .enumerate()
    {
        let sosos = b.group(format!("SoSoS {i}"), Some(top));
        for (j, teams) in soses.into_iter().enumerate() {
            let g = b.group(format!("SoS {i}.{j}"), Some(sosos));
            for _ in 0..teams {
                b.team(format!("Team {n}"), Some(g), 5);
                n += 1;
            }
        }
    }
    b.staff();
    assert_eq!(n, 38);
    assert_eq!(b.org.structure().depth(), 3);
    let fs = validate(&b.org);
    assert!(
        fs.iter()
            .all(|f| f.severity == Info && [RuleId(6), RuleId(12)].contains(&f.rule)),
        "{fs:#?}"
    );
    // SoS of 2 and 3 teams (V6), SoSoS of 2 and 3 SoS and the top of 3 (V12).
    assert_eq!(of_rule(&fs, 6).len(), 2, "{fs:#?}");
    assert_eq!(of_rule(&fs, 12).len(), 3, "{fs:#?}");
}

// ---- rulebook scoping of virtual teams and empty bodies (known discrepancies) --------------

/// One SoS of four real teams plus a virtual specialist team as a fifth member.
fn sos_with_virtual() -> (Sos, TeamId, PersonId, PersonId) {
    let mut f = sos(4);
    let vpo = person(&mut f.org, "Guild PO");
    let vsm = person(&mut f.org, "Guild SM");
    let specialist = f.teams[0].devs[0];
    let v = team_kind(
        &mut f.org,
        "Guild",
        TeamKind::Virtual,
        Some(f.g),
        &[vpo],
        &[vsm],
        &[specialist],
    );
    (f, v, vpo, vsm)
}

#[test]
fn virtual_member_team_counts_for_v6_and_v11_like_any_member() {
    let (mut f, v, vpo, _) = sos_with_virtual();
    set_member(&mut f.org, Body::Ems, vpo, true);
    // Five members: within the target band, the virtual team's SM represents it.
    expect_clean(&validate(&f.org));
    apply(
        &mut f.org,
        Command::SetSdsRep {
            unit: Unit::Team(v),
            person: Some(f.teams[1].sm),
        },
    );
    expect_only(&validate(&f.org), 11, SubjectRef::Team(v), Warning);
}

#[test]

fn v16_virtual_member_team_po_must_attend_ems_with_a_single_sos() {
    let (f, _, vpo, _) = sos_with_virtual();
    expect_only(&validate(&f.org), 16, SubjectRef::Person(vpo), Warning);
}

#[test]

fn v9_v10_virtual_member_team_po_and_sm_are_candidates() {
    let (mut f, _, vpo, vsm) = sos_with_virtual();
    staff(&mut f.org, f.g, vsm, vpo);
    let fs = validate(&f.org);
    expect_none(&fs, 9);
    expect_none(&fs, 10);
}

#[test]

fn v13_eat_with_only_po_and_sm_is_not_empty() {
    let mut f = sos(4);
    for p in [f.master, f.cpo] {
        set_member(&mut f.org, Body::Eat, p, false);
    }
    assert!(
        !f.org.eat().is_empty(),
        "the model calls this EAT non-empty"
    );
    expect_none(&validate(&f.org), 13);
    // With only a PO left, the missing SM is a V14 matter.
    apply(&mut f.org, Command::SetEatScrumMaster(None));
    let fs = validate(&f.org);
    expect_none(&fs, 13);
    expect_only(&fs, 14, SubjectRef::Eat, Warning);
}

// ---- examples/violations.json ----------------------------------------------------------------

#[test]
fn violations_example_gives_exactly_the_expected_findings() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/violations.json");
    let org = orgscale::io::json::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let fs = validate(&org);
    let got: Vec<(String, &str, Severity)> = fs
        .iter()
        .map(|f| (f.rule.to_string(), f.subject_name.as_str(), f.severity))
        .collect();
    let expected: Vec<(String, &str, Severity)> = [
        ("V1", "No PO Team", Error),
        ("V2", "No SM Team", Error),
        ("V3", "Idle Team", Error),
        ("V7", "Enterprise", Error),
        ("V8", "Core", Error),
        ("V4", "Idle Team", Warning),
        ("V5", "Double Hat Team", Warning),
        ("V6", "Core", Warning),
        ("V9", "Enterprise", Warning),
        ("V10", "Core", Warning),
        ("V11", "Busy Team", Warning),
        ("V14", "Executive Action Team", Warning),
        ("V15", "Victor Hale", Warning),
        ("V16", "Kay Ming", Warning),
        ("V18", "Dana Liu", Warning),
        ("V12", "Enterprise", Info),
        ("V19", "Sam Ortega", Info),
        ("V20", "Victor Hale", Info),
        ("V21", "Enterprise", Info),
        ("V23", "Core", Info),
    ]
    .into_iter()
    .map(|(r, n, s)| (r.to_string(), n, s))
    .collect();
    assert_eq!(got, expected, "{fs:#?}");

    // One finding each for V1-V12, V14-V16, V18-V21, V23; none for V13, V17, V22.
    let mut rules: Vec<u8> = fs.iter().map(|f| f.rule.0).collect();
    rules.sort_unstable();
    let mut want: Vec<u8> = (1..=23).filter(|r| ![13, 17, 22].contains(r)).collect();
    want.sort_unstable();
    assert_eq!(rules, want);

    // Output order: errors, then warnings, then infos.
    assert!(fs.windows(2).all(|w| w[0].severity <= w[1].severity));
}

// ---- misc: validate uses the org's own settings ---------------------------------------------

#[test]
fn validate_uses_the_profile_stored_in_the_org() {
    let (mut org, t) = sized_team(8);
    expect_one(&validate(&org), 4, SubjectRef::Team(t), Warning);
    set_rules(&mut org, ProfileName::ScrumGuide2020, Overrides::default());
    expect_none(&validate(&org), 4);
    assert_eq!(
        validate(&org),
        validate_with(&org, &profile(ProfileName::ScrumGuide2020))
    );
}
