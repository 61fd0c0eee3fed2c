//! Staffing, as growth leaves every org: each group gets a master and a CPO from its own subtree
//! (rulebook §3) and the EAT and EMS are kept filled. It runs on the finished structure, apart
//! from growing it: a run that grows on takes staffing back first and staffs afresh afterwards
//! ([`super::Growth`]), so the result is the same however the run got there.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{
    Body, Command, GroupId, Org, PersonId, ScaledRole, Structure, TeamRole, Threshold,
};

/// Give every group without a valid master or CPO one from its own subtree (the candidate
/// with the fewest scaled roles, first in depth-first order), then keep the EAT and EMS filled.
pub(super) fn staff(org: &mut Org, commands: &mut Vec<Command>) {
    let mut run = |org: &mut Org, cmd: Command| {
        // Staffing builds only valid commands (existing groups and people); debug builds check.
        cmd.apply_trusted(org);
        commands.push(cmd);
    };
    let s = org.structure();
    let mut roles: HashMap<PersonId, usize> = HashMap::default();
    for grp in org.groups().values() {
        for h in grp.masters.iter().chain(&grp.cpos) {
            *roles.entry(h.person).or_default() += 1;
        }
    }
    let mut order: Vec<GroupId> = org.groups().keys().copied().collect();
    order.sort_by_key(|g| (s.level(*g), *g));
    for g in order {
        for (role, seat) in [
            (ScaledRole::Master, TeamRole::ScrumMaster),
            (ScaledRole::ChiefProductOwner, TeamRole::ProductOwner),
        ] {
            let current = org.groups()[&g].holders(role).to_vec();
            let valid = current.len() == 1
                && (current[0].dedicated
                    || is_candidate(org, &s, g, current[0].person, role, seat));
            if valid {
                continue;
            }
            let Some(pick) = best_candidate(org, &s, g, role, seat, &roles) else {
                continue;
            };
            for h in &current {
                if let Some(n) = roles.get_mut(&h.person) {
                    *n = n.saturating_sub(1);
                }
            }
            *roles.entry(pick).or_default() += 1;
            run(org, Command::assign(g, role, pick, false));
        }
    }
    staff_bodies(org, &s, &mut run);
}

fn staff_bodies(org: &mut Org, s: &Structure, run: &mut impl FnMut(&mut Org, Command)) {
    let Some(&top) = s.top_groups.first() else {
        return;
    };
    let top_group = org.groups()[&top].clone();
    let eat = org.eat().clone();
    if let Some(m) = top_group.master() {
        if !eat.members.contains(&m) {
            run(
                org,
                Command::SetBodyMember {
                    body: Body::Eat,
                    person: m,
                    member: true,
                },
            );
        }
        if eat.scrum_master.is_none() {
            run(org, Command::SetEatScrumMaster(Some(m)));
        }
    }
    if let Some(c) = top_group.cpo() {
        if !eat.members.contains(&c) {
            run(
                org,
                Command::SetBodyMember {
                    body: Body::Eat,
                    person: c,
                    member: true,
                },
            );
        }
        if eat.product_owner.is_none() {
            run(org, Command::SetEatProductOwner(Some(c)));
        }
        if org.ems().facilitator.is_none() {
            run(org, Command::SetEmsFacilitator(Some(c)));
        }
    }
    let attendees = expected_ems(org, s);
    for p in attendees {
        if !org.ems().attendees.contains(&p) {
            run(
                org,
                Command::SetBodyMember {
                    body: Body::Ems,
                    person: p,
                    member: true,
                },
            );
        }
    }
}

/// Who should attend the Executive MetaScrum (rules V15 and V16): the CPO of every group at or
/// above the org's `ems_min_level` (by default `auto`: the top two group levels, every SoS CPO
/// with one level) and, while the org has a single Scrum of Scrums, every team PO in it. Lower
/// CPOs run their own MetaScrum and stand in for their teams' POs. Sorted, without repeats.
pub fn expected_ems(org: &Org, s: &Structure) -> Vec<PersonId> {
    let min_level = org
        .rules()
        .value_at(Threshold::EmsMinLevel, s.depth())
        .unwrap_or(1);
    let mut attendees: Vec<PersonId> = org
        .groups()
        .values()
        .filter(|g| s.level(g.id) >= min_level)
        .flat_map(|g| g.cpos.iter().map(|h| h.person))
        .collect();
    let sos: Vec<GroupId> = org
        .groups()
        .keys()
        .copied()
        .filter(|g| s.level(*g) == 1)
        .collect();
    if let [only] = sos.as_slice() {
        for t in s.child_teams(*only) {
            attendees.extend(org.teams()[&t].product_owners.iter().copied());
        }
    }
    attendees.sort_unstable();
    attendees.dedup();
    attendees
}

/// Candidates for a group's scaled role (rulebook §3) in depth-first order: the child groups'
/// holders of the role first, then every SM / PO (for masters / CPOs) in the subtree.
fn for_each_candidate(
    org: &Org,
    s: &Structure,
    g: GroupId,
    role: ScaledRole,
    seat: TeamRole,
    mut visit: impl FnMut(PersonId) -> bool,
) {
    for c in s.child_groups(g) {
        for h in org.groups()[&c].holders(role) {
            if !visit(h.person) {
                return;
            }
        }
    }
    let mut stack = vec![g];
    while let Some(x) = stack.pop() {
        for t in s.child_teams(x) {
            for p in org.teams()[&t].seats(seat) {
                if !visit(*p) {
                    return;
                }
            }
        }
        let kids: Vec<GroupId> = s.child_groups(x).collect();
        stack.extend(kids.into_iter().rev());
    }
}

fn is_candidate(
    org: &Org,
    s: &Structure,
    g: GroupId,
    person: PersonId,
    role: ScaledRole,
    seat: TeamRole,
) -> bool {
    let mut found = false;
    for_each_candidate(org, s, g, role, seat, |p| {
        found = p == person;
        !found
    });
    found
}

/// The candidate with the fewest scaled roles, first in depth-first order (stops early at one
/// with none).
fn best_candidate(
    org: &Org,
    s: &Structure,
    g: GroupId,
    role: ScaledRole,
    seat: TeamRole,
    roles: &HashMap<PersonId, usize>,
) -> Option<PersonId> {
    let mut best: Option<(usize, PersonId)> = None;
    for_each_candidate(org, s, g, role, seat, |p| {
        let n = roles.get(&p).copied().unwrap_or(0);
        if best.is_none_or(|(b, _)| n < b) {
            best = Some((n, p));
        }
        n > 0
    });
    best.map(|(_, p)| p)
}
