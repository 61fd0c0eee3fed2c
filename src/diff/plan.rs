//! The transition plan: the changes as an ordered list of existing commands that turns the base
//! into the target, split into waves, with what each intermediate state breaks.
//!
//! Order (so that no step passes through a structurally broken org where another order avoids
//! it): settings; new people; renames; new groups; new teams (with their seats, in their group);
//! group moves top-down; team moves; seats and roles added or replaced; seats and memberships
//! removed; then removed teams, groups (deepest first) and people last.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::impact::compare_findings;
use super::matching::{MatchBy, Matching};
use crate::model::{
    Body, Command, Group, GroupId, Org, Person, PersonId, RoleHolder, ScaledRole, Team, TeamId,
    TeamRole, Unit,
};
use crate::rules::{Finding, validate};

/// One step: a command and what it does in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub command: Command,
    pub text: String,
    /// The wave the step belongs to, from 0.
    pub wave: usize,
}

/// The steps from base to target, in waves.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Plan {
    pub steps: Vec<Step>,
    /// Number of waves (at least 1).
    pub waves: usize,
}

/// What the org looks like after one wave.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WaveOutcome {
    /// 1-based, as people count waves.
    pub wave: usize,
    pub applied: usize,
    /// Steps the model refused in this state (after a user reordered them), with why.
    pub refused: Vec<Refused>,
    /// Findings of the org after this wave that the base did not have.
    pub findings: Vec<Finding>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Refused {
    pub step: String,
    pub why: String,
}

impl Plan {
    /// The steps of one wave, in order, with their index in [`Plan::steps`].
    pub fn wave(&self, wave: usize) -> impl Iterator<Item = (usize, &Step)> {
        self.steps
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.wave == wave)
    }

    /// Split the steps, in order, into `n` waves of nearly equal size (1 to the number of steps).
    pub fn split(&mut self, n: usize) {
        let n = n.clamp(1, self.steps.len().max(1));
        let len = self.steps.len();
        for (i, s) in self.steps.iter_mut().enumerate() {
            s.wave = i * n / len.max(1);
        }
        self.waves = n;
    }

    /// Move a step to another wave, placed before the step at `before` (or at the wave's end).
    pub fn move_step(&mut self, from: usize, wave: usize, before: Option<usize>) {
        if from >= self.steps.len() {
            return;
        }
        let mut step = self.steps.remove(from);
        step.wave = wave.min(self.waves.saturating_sub(1));
        let at = match before {
            Some(b) => {
                let b = if b > from { b - 1 } else { b };
                b.min(self.steps.len())
            }
            None => self
                .steps
                .iter()
                .rposition(|s| s.wave <= step.wave)
                .map_or(0, |i| i + 1),
        };
        self.steps.insert(at, step);
        self.normalise();
    }

    /// Add an empty wave at the end.
    pub fn add_wave(&mut self) {
        self.waves += 1;
    }

    /// Keep the steps sorted by wave (stable within a wave).
    fn normalise(&mut self) {
        self.steps.sort_by_key(|s| s.wave);
    }

    /// The commands of one wave as one undoable step.
    pub fn wave_batch(&self, wave: usize) -> Command {
        Command::Batch {
            label: format!("Apply wave {}", wave + 1),
            commands: self.wave(wave).map(|(_, s)| s.command.clone()).collect(),
        }
    }

    /// Apply every wave in order to a copy of `base`, checking the org after each: what breaks
    /// on the way. Returns the outcomes and the final org.
    pub fn run(&self, base: &Org) -> (Vec<WaveOutcome>, Org) {
        let base_findings = validate(base);
        let mut work = base.clone();
        let mut out = Vec::with_capacity(self.waves);
        for wave in 0..self.waves.max(1) {
            let mut applied = 0;
            let mut refused = Vec::new();
            for (_, s) in self.wave(wave) {
                match s.command.apply(&mut work) {
                    Ok(_) => applied += 1,
                    Err(e) => refused.push(Refused {
                        step: s.text.clone(),
                        why: crate::words::capitalised(&e.to_string()),
                    }),
                }
            }
            let m = Matching::of(base, &work, MatchBy::Id);
            let (findings, _) = compare_findings(&base_findings, &validate(&work), &m);
            out.push(WaveOutcome {
                wave: wave + 1,
                applied,
                refused,
                findings,
            });
        }
        (out, work)
    }
}

/// Result-space ids for the target's units: the matched base id, else the target id when the base
/// does not use it, else a fresh one.
struct Ids {
    people: HashMap<PersonId, PersonId>,
    teams: HashMap<TeamId, TeamId>,
    groups: HashMap<GroupId, GroupId>,
}

impl Ids {
    fn of(base: &Org, target: &Org, m: &Matching) -> Ids {
        Ids {
            people: result_ids(
                target.people().keys(),
                |id| base.person(id).is_some(),
                |id| m.people.base_of(id),
                base.next_person_id().max(target.next_person_id()),
            ),
            teams: result_ids(
                target.teams().keys(),
                |id| base.team(id).is_some(),
                |id| m.teams.base_of(id),
                base.next_team_id().max(target.next_team_id()),
            ),
            groups: result_ids(
                target.groups().keys(),
                |id| base.group(id).is_some(),
                |id| m.groups.base_of(id),
                base.next_group_id().max(target.next_group_id()),
            ),
        }
    }
    fn p(&self, t: PersonId) -> PersonId {
        self.people[&t]
    }
    fn t(&self, t: TeamId) -> TeamId {
        self.teams[&t]
    }
    fn g(&self, t: GroupId) -> GroupId {
        self.groups[&t]
    }
    fn ps(&self, s: &BTreeSet<PersonId>) -> BTreeSet<PersonId> {
        s.iter().map(|p| self.p(*p)).collect()
    }
    fn holders(&self, hs: &[RoleHolder]) -> Vec<RoleHolder> {
        let mut v: Vec<RoleHolder> = hs
            .iter()
            .map(|h| RoleHolder {
                person: self.p(h.person),
                dedicated: h.dedicated,
            })
            .collect();
        v.sort();
        v
    }
}

/// Any id type of the model: it can name the one after it.
trait NextId: Copy + Eq + std::hash::Hash {
    fn following(self) -> Self;
}

impl NextId for PersonId {
    fn following(self) -> Self {
        self.next()
    }
}
impl NextId for TeamId {
    fn following(self) -> Self {
        self.next()
    }
}
impl NextId for GroupId {
    fn following(self) -> Self {
        self.next()
    }
}

/// For each target id: the base id it was matched with, else itself when the base does not use
/// it, else a fresh id from `fresh` on.
fn result_ids<'a, I: NextId + 'a>(
    target: impl Iterator<Item = &'a I>,
    base_has: impl Fn(I) -> bool,
    base_of: impl Fn(I) -> Option<I>,
    mut fresh: I,
) -> HashMap<I, I> {
    target
        .map(|id| {
            let r = base_of(*id).unwrap_or_else(|| {
                if !base_has(*id) {
                    *id
                } else {
                    let r = fresh;
                    fresh = fresh.following();
                    r
                }
            });
            (*id, r)
        })
        .collect()
}

struct Builder {
    work: Org,
    steps: Vec<Step>,
}

impl Builder {
    fn push(&mut self, command: Command) {
        let text = command.describe(&self.work);
        let ok = command.apply(&mut self.work);
        debug_assert!(ok.is_ok(), "plan step refused: {text}: {ok:?}");
        self.steps.push(Step {
            command,
            text,
            wave: 0,
        });
    }
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The plan that turns `base` into `target` (one wave).
pub fn plan(base: &Org, target: &Org, m: &Matching) -> Plan {
    let ids = Ids::of(base, target, m);
    let mut b = Builder {
        work: base.clone(),
        steps: Vec::new(),
    };

    // Settings.
    if base.name() != target.name() {
        b.push(Command::SetOrgName(target.name().to_string()));
    }
    if base.rules() != target.rules() {
        b.push(Command::SetRules(target.rules().clone()));
    }
    if base.fanout() != target.fanout() {
        b.push(Command::SetFanout(target.fanout()));
    }

    // People: new ones first, so every later seat can name them.
    for p in target.people().values() {
        let r = ids.p(p.id);
        match b.work.person(r).cloned() {
            None => b.push(Command::AddPerson(Person {
                id: r,
                name: p.name.clone(),
                email: p.email.clone(),
            })),
            Some(now) => {
                if now.name != p.name {
                    b.push(Command::RenamePerson {
                        person: r,
                        name: p.name.clone(),
                    });
                }
                if now.email != p.email {
                    b.push(Command::SetEmail {
                        person: r,
                        email: p.email.clone(),
                    });
                }
            }
        }
    }

    // Free the names the target needs: a team that is renamed or removed and holds a name another
    // team will take gets a temporary one.
    let final_name: HashMap<TeamId, &str> = target
        .teams()
        .values()
        .map(|t| (ids.t(t.id), t.name.as_str()))
        .collect();
    let wanted: HashMap<String, TeamId> = final_name.iter().map(|(id, n)| (key(n), *id)).collect();
    let mut taken: BTreeSet<String> = base
        .teams()
        .values()
        .map(|t| key(&t.name))
        .chain(wanted.keys().cloned())
        .collect();
    let blocking: Vec<(TeamId, String)> = base
        .teams()
        .values()
        .filter(|t| {
            wanted
                .get(&key(&t.name))
                .is_some_and(|owner| *owner != t.id)
        })
        .map(|t| (t.id, t.name.clone()))
        .collect();
    for (id, name) in blocking {
        let mut temp = format!("{name} (before)");
        let mut n = 2;
        while taken.contains(&key(&temp)) {
            temp = format!("{name} (before {n})");
            n += 1;
        }
        taken.insert(key(&temp));
        b.push(Command::RenameTeam {
            team: id,
            name: temp,
        });
    }

    // Groups: new ones top-down, complete with parent, roles and Definition of Done (every
    // person exists by now); renames and Definitions of Done of the others.
    let depth = |g: GroupId| target.ancestors(Unit::Group(g)).len();
    let mut top_down: Vec<&Group> = target.groups().values().collect();
    top_down.sort_by_key(|g| (depth(g.id), g.id));
    for g in &top_down {
        let r = ids.g(g.id);
        match b.work.group(r).cloned() {
            None => b.push(Command::AddGroup(Group {
                id: r,
                name: g.name.clone(),
                parent: g.parent.map(|p| ids.g(p)),
                masters: ids.holders(&g.masters),
                cpos: ids.holders(&g.cpos),
                sds_rep: g.sds_rep.map(|p| ids.p(p)),
                definition_of_done: g.definition_of_done.clone(),
            })),
            Some(now) => {
                if now.name != g.name {
                    b.push(Command::RenameGroup {
                        group: r,
                        name: g.name.clone(),
                    });
                }
                if now.definition_of_done != g.definition_of_done {
                    b.push(Command::SetDefinitionOfDone {
                        group: r,
                        text: g.definition_of_done.clone(),
                    });
                }
            }
        }
    }

    // Team renames, then new teams with their seats.
    for t in target.teams().values() {
        let r = ids.t(t.id);
        if let Some(now) = b.work.team(r)
            && now.name != t.name
        {
            b.push(Command::RenameTeam {
                team: r,
                name: t.name.clone(),
            });
        }
    }
    for t in target.teams().values() {
        let r = ids.t(t.id);
        if b.work.team(r).is_none() {
            b.push(Command::AddTeam(Team {
                id: r,
                name: t.name.clone(),
                kind: t.kind,
                group: t.group.map(|g| ids.g(g)),
                product_owners: ids.ps(&t.product_owners),
                scrum_masters: ids.ps(&t.scrum_masters),
                developers: ids.ps(&t.developers),
                sds_rep: t.sds_rep.map(|p| ids.p(p)),
            }));
        }
    }

    // Group moves, top-down: a group's new parent is already where it belongs, so no move can
    // make a cycle.
    for g in top_down {
        let (r, to) = (ids.g(g.id), g.parent.map(|p| ids.g(p)));
        if b.work.group(r).and_then(|x| x.parent) != to {
            b.push(Command::move_group(r, to));
        }
    }
    for t in target.teams().values() {
        let (r, to) = (ids.t(t.id), t.group.map(|g| ids.g(g)));
        if b.work.team(r).and_then(|x| x.group) != to {
            b.push(Command::move_team(r, to));
        }
        if let Some(now) = b.work.team(r)
            && now.kind != t.kind
        {
            b.push(Command::SetTeamKind {
                team: r,
                kind: t.kind,
            });
        }
    }

    // Seats and roles that come, before those that go.
    for t in target.teams().values() {
        let r = ids.t(t.id);
        for role in TeamRole::ALL {
            let now = b
                .work
                .team(r)
                .map(|x| x.seats(role).clone())
                .unwrap_or_default();
            for p in ids.ps(t.seats(role)).difference(&now) {
                b.push(Command::AddSeat {
                    team: r,
                    person: *p,
                    role,
                });
            }
        }
    }
    for g in target.groups().values() {
        let r = ids.g(g.id);
        for role in [ScaledRole::Master, ScaledRole::ChiefProductOwner] {
            let want = ids.holders(g.holders(role));
            if b.work.group(r).map(|x| x.holders(role).to_vec()) != Some(want.clone()) {
                b.push(Command::SetScaledRole {
                    group: r,
                    role,
                    holders: want,
                });
            }
        }
    }
    for t in target.teams().values() {
        let (r, want) = (ids.t(t.id), t.sds_rep.map(|p| ids.p(p)));
        if b.work.team(r).and_then(|x| x.sds_rep) != want {
            b.push(Command::SetSdsRep {
                unit: Unit::Team(r),
                person: want,
            });
        }
    }
    for g in target.groups().values() {
        let (r, want) = (ids.g(g.id), g.sds_rep.map(|p| ids.p(p)));
        if b.work.group(r).and_then(|x| x.sds_rep) != want {
            b.push(Command::SetSdsRep {
                unit: Unit::Group(r),
                person: want,
            });
        }
    }
    let eat_want = ids.ps(&target.eat().members);
    let ems_want = ids.ps(&target.ems().attendees);
    let members = |o: &Org| (o.eat().members.clone(), o.ems().attendees.clone());
    let (eat_now, ems_now) = members(&b.work);
    for p in eat_want.difference(&eat_now) {
        b.push(Command::SetBodyMember {
            body: Body::Eat,
            person: *p,
            member: true,
        });
    }
    for p in ems_want.difference(&ems_now) {
        b.push(Command::SetBodyMember {
            body: Body::Ems,
            person: *p,
            member: true,
        });
    }
    let po = target.eat().product_owner.map(|p| ids.p(p));
    if b.work.eat().product_owner != po {
        b.push(Command::SetEatProductOwner(po));
    }
    let sm = target.eat().scrum_master.map(|p| ids.p(p));
    if b.work.eat().scrum_master != sm {
        b.push(Command::SetEatScrumMaster(sm));
    }
    let fac = target.ems().facilitator.map(|p| ids.p(p));
    if b.work.ems().facilitator != fac {
        b.push(Command::SetEmsFacilitator(fac));
    }
    // Seats and memberships of people who leave the org go with them at the end.
    let kept_people: BTreeSet<PersonId> = ids.people.values().copied().collect();
    let stays = |p: &&PersonId| kept_people.contains(p);
    for p in eat_now.difference(&eat_want).filter(stays) {
        b.push(Command::SetBodyMember {
            body: Body::Eat,
            person: *p,
            member: false,
        });
    }
    for p in ems_now.difference(&ems_want).filter(stays) {
        b.push(Command::SetBodyMember {
            body: Body::Ems,
            person: *p,
            member: false,
        });
    }
    for t in target.teams().values() {
        let r = ids.t(t.id);
        for role in TeamRole::ALL {
            let now = b
                .work
                .team(r)
                .map(|x| x.seats(role).clone())
                .unwrap_or_default();
            for p in now.difference(&ids.ps(t.seats(role))).filter(stays) {
                b.push(Command::RemoveSeat {
                    team: r,
                    person: *p,
                    role,
                });
            }
        }
    }

    // What goes: teams, groups deepest first, people last.
    let kept_teams: BTreeSet<TeamId> = ids.teams.values().copied().collect();
    for id in base.teams().keys().filter(|t| !kept_teams.contains(t)) {
        b.push(Command::RemoveTeam(*id));
    }
    let kept_groups: BTreeSet<GroupId> = ids.groups.values().copied().collect();
    let mut gone: Vec<GroupId> = base
        .groups()
        .keys()
        .filter(|g| !kept_groups.contains(g))
        .copied()
        .collect();
    let work_depth: BTreeMap<GroupId, usize> = gone
        .iter()
        .map(|g| (*g, b.work.ancestors(Unit::Group(*g)).len()))
        .collect();
    gone.sort_by_key(|g| (std::cmp::Reverse(work_depth[g]), *g));
    for g in gone {
        b.push(Command::RemoveGroup(g));
    }
    for id in base.people().keys().filter(|p| !kept_people.contains(p)) {
        b.push(Command::RemovePerson(*id));
    }

    // The cadence last: its Sprint overrides name teams and groups that exist by now.
    let cadence = target.cadence().map(|c| {
        let mut c = c.clone();
        for o in &mut c.sprints {
            o.team = o.team.map(|t| ids.t(t));
            o.group = o.group.map(|g| ids.g(g));
        }
        c
    });
    if b.work.cadence() != cadence.as_ref() {
        b.push(Command::SetCadence(cadence));
    }
    // The ratings last too: they name groups that exist by now.
    let mut assessment = target.assessment().clone();
    for r in &mut assessment.rounds {
        for x in &mut r.ratings {
            x.group = x.group.map(|g| ids.g(g));
        }
    }
    assessment.normalise();
    if b.work.assessment() != &assessment {
        b.push(Command::SetAssessment(assessment));
    }

    Plan {
        steps: b.steps,
        waves: 1,
    }
}
