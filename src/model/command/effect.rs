//! What a checked command does to the org, and the command that undoes it.

use super::*;

impl Command {
    /// Apply a command whose preconditions hold; returns its inverse.
    pub(super) fn apply_checked(&self, org: &mut Org) -> Command {
        match self {
            Command::AddPerson(p) => {
                org.people.insert(p.id, p.clone());
                Command::RemovePerson(p.id)
            }
            Command::RemovePerson(id) => Command::RestorePerson(Box::new(remove_person(org, *id))),
            Command::RestorePerson(s) => {
                restore_person(org, s);
                Command::RemovePerson(s.person.id)
            }
            Command::RenamePerson { person, name } => {
                let p = org.people.get_mut(person).expect("checked");
                let old = std::mem::replace(&mut p.name, name.clone());
                Command::RenamePerson {
                    person: *person,
                    name: old,
                }
            }
            Command::SetEmail { person, email } => {
                let p = org.people.get_mut(person).expect("checked");
                let old = std::mem::replace(&mut p.email, email.clone());
                Command::SetEmail {
                    person: *person,
                    email: old,
                }
            }
            Command::AddTeam(t) => {
                org.teams.insert(t.id, t.clone());
                Command::RemoveTeam(t.id)
            }
            Command::RemoveTeam(id) => {
                let t = org.teams.remove(id).expect("checked");
                let cadence = forget(org, Unit::Team(*id));
                match cadence {
                    None => Command::AddTeam(t),
                    Some(c) => Command::Batch {
                        label: format!("Restore team {}", t.name),
                        commands: vec![Command::AddTeam(t), Command::SetCadence(Some(c))],
                    },
                }
            }
            Command::RenameTeam { team, name } => {
                let t = org.teams.get_mut(team).expect("checked");
                let old = std::mem::replace(&mut t.name, name.clone());
                Command::RenameTeam {
                    team: *team,
                    name: old,
                }
            }
            Command::SetTeamKind { team, kind } => {
                let t = org.teams.get_mut(team).expect("checked");
                let old = std::mem::replace(&mut t.kind, *kind);
                Command::SetTeamKind {
                    team: *team,
                    kind: old,
                }
            }
            Command::AddGroup(g) => {
                org.groups.insert(g.id, g.clone());
                Command::RemoveGroup(g.id)
            }
            Command::RemoveGroup(id) => {
                let g = org.groups.remove(id).expect("checked");
                let mut restore = vec![Command::AddGroup(g.clone())];
                for t in org.teams.values_mut().filter(|t| t.group == Some(*id)) {
                    t.group = g.parent;
                    restore.push(Command::move_team(t.id, Some(*id)));
                }
                for c in org.groups.values_mut().filter(|c| c.parent == Some(*id)) {
                    c.parent = g.parent;
                    restore.push(Command::move_group(c.id, Some(*id)));
                }
                if let Some(c) = forget(org, Unit::Group(*id)) {
                    restore.push(Command::SetCadence(Some(c)));
                }
                let ratings = org.assessment.clone();
                if org.assessment.forget_group(*id) {
                    restore.push(Command::SetAssessment(ratings));
                }
                Command::Batch {
                    label: format!("Restore group {}", g.name),
                    commands: restore,
                }
            }
            Command::RenameGroup { group, name } => {
                let g = org.groups.get_mut(group).expect("checked");
                let old = std::mem::replace(&mut g.name, name.clone());
                Command::RenameGroup {
                    group: *group,
                    name: old,
                }
            }
            Command::SetDefinitionOfDone { group, text } => {
                let g = org.groups.get_mut(group).expect("checked");
                let old = std::mem::replace(&mut g.definition_of_done, text.clone());
                Command::SetDefinitionOfDone {
                    group: *group,
                    text: old,
                }
            }
            Command::AddSeat { team, person, role } => {
                org.teams
                    .get_mut(team)
                    .expect("checked")
                    .seats_mut(*role)
                    .insert(*person);
                Command::RemoveSeat {
                    team: *team,
                    person: *person,
                    role: *role,
                }
            }
            Command::RemoveSeat { team, person, role } => {
                org.teams
                    .get_mut(team)
                    .expect("checked")
                    .seats_mut(*role)
                    .remove(person);
                Command::AddSeat {
                    team: *team,
                    person: *person,
                    role: *role,
                }
            }
            Command::Move { item, to } => {
                let target = match to {
                    Some(Unit::Group(g)) => Some(*g),
                    _ => None,
                };
                let old = match item {
                    Unit::Team(t) => {
                        std::mem::replace(&mut org.teams.get_mut(t).expect("checked").group, target)
                    }
                    Unit::Group(g) => std::mem::replace(
                        &mut org.groups.get_mut(g).expect("checked").parent,
                        target,
                    ),
                };
                Command::Move {
                    item: *item,
                    to: old.map(Unit::Group),
                }
            }
            Command::SetScaledRole {
                group,
                role,
                holders,
            } => {
                let mut sorted = holders.clone();
                sorted.sort();
                let g = org.groups.get_mut(group).expect("checked");
                let old = std::mem::replace(g.holders_mut(*role), sorted);
                Command::SetScaledRole {
                    group: *group,
                    role: *role,
                    holders: old,
                }
            }
            Command::SetSdsRep { unit, person } => {
                let slot = match unit {
                    Unit::Team(t) => &mut org.teams.get_mut(t).expect("checked").sds_rep,
                    Unit::Group(g) => &mut org.groups.get_mut(g).expect("checked").sds_rep,
                };
                let old = std::mem::replace(slot, *person);
                Command::SetSdsRep {
                    unit: *unit,
                    person: old,
                }
            }
            Command::SetBodyMember {
                body,
                person,
                member,
            } => {
                let set = match body {
                    Body::Eat => &mut org.eat.members,
                    Body::Ems => &mut org.ems.attendees,
                };
                let was = if *member {
                    !set.insert(*person)
                } else {
                    set.remove(person)
                };
                Command::SetBodyMember {
                    body: *body,
                    person: *person,
                    member: was,
                }
            }
            Command::SetEatProductOwner(p) => {
                Command::SetEatProductOwner(std::mem::replace(&mut org.eat.product_owner, *p))
            }
            Command::SetEatScrumMaster(p) => {
                Command::SetEatScrumMaster(std::mem::replace(&mut org.eat.scrum_master, *p))
            }
            Command::SetEmsFacilitator(p) => {
                Command::SetEmsFacilitator(std::mem::replace(&mut org.ems.facilitator, *p))
            }
            Command::SetOrgName(n) => {
                Command::SetOrgName(std::mem::replace(&mut org.name, n.clone()))
            }
            Command::SetRules(r) => Command::SetRules(std::mem::replace(&mut org.rules, r.clone())),
            Command::SetFanout(k) => Command::SetFanout(std::mem::replace(&mut org.fanout, *k)),
            Command::SetCadence(c) => {
                Command::SetCadence(std::mem::replace(&mut org.cadence, c.clone()))
            }
            Command::SetAssessment(a) => {
                let mut a = a.clone();
                a.normalise();
                Command::SetAssessment(std::mem::replace(&mut org.assessment, a))
            }
            Command::Batch { .. } => unreachable!("batches are applied element by element"),
        }
    }
}

pub(super) fn remove_person(org: &mut Org, id: PersonId) -> PersonSnapshot {
    let person = org.people.remove(&id).expect("checked");
    let mut s = PersonSnapshot {
        person,
        seats: Vec::new(),
        team_sds: Vec::new(),
        holders: Vec::new(),
        group_sds: Vec::new(),
        eat_member: org.eat.members.remove(&id),
        eat_po: org.eat.product_owner == Some(id),
        eat_sm: org.eat.scrum_master == Some(id),
        ems_attendee: org.ems.attendees.remove(&id),
        ems_facilitator: org.ems.facilitator == Some(id),
    };
    if s.eat_po {
        org.eat.product_owner = None;
    }
    if s.eat_sm {
        org.eat.scrum_master = None;
    }
    if s.ems_facilitator {
        org.ems.facilitator = None;
    }
    for t in org.teams.values_mut() {
        for role in TeamRole::ALL {
            if t.seats_mut(role).remove(&id) {
                s.seats.push((t.id, role));
            }
        }
        if t.sds_rep == Some(id) {
            t.sds_rep = None;
            s.team_sds.push(t.id);
        }
    }
    for g in org.groups.values_mut() {
        for role in [ScaledRole::Master, ScaledRole::ChiefProductOwner] {
            let gid = g.id;
            let hs = g.holders_mut(role);
            if let Some(i) = hs.iter().position(|h| h.person == id) {
                s.holders.push((gid, role, hs.remove(i)));
            }
        }
        if g.sds_rep == Some(id) {
            g.sds_rep = None;
            s.group_sds.push(g.id);
        }
    }
    s
}

pub(super) fn restore_person(org: &mut Org, s: &PersonSnapshot) {
    let id = s.person.id;
    org.people.insert(id, s.person.clone());
    for (t, role) in &s.seats {
        org.teams
            .get_mut(t)
            .expect("checked")
            .seats_mut(*role)
            .insert(id);
    }
    for t in &s.team_sds {
        org.teams.get_mut(t).expect("checked").sds_rep = Some(id);
    }
    for (g, role, h) in &s.holders {
        let hs = org.groups.get_mut(g).expect("checked").holders_mut(*role);
        hs.push(*h);
        hs.sort();
    }
    for g in &s.group_sds {
        org.groups.get_mut(g).expect("checked").sds_rep = Some(id);
    }
    if s.eat_member {
        org.eat.members.insert(id);
    }
    if s.eat_po {
        org.eat.product_owner = Some(id);
    }
    if s.eat_sm {
        org.eat.scrum_master = Some(id);
    }
    if s.ems_attendee {
        org.ems.attendees.insert(id);
    }
    if s.ems_facilitator {
        org.ems.facilitator = Some(id);
    }
}

/// Drop a removed unit's Sprint override; returns the cadence as it was when it had one.
fn forget(org: &mut Org, unit: Unit) -> Option<crate::model::Cadence> {
    let c = org.cadence.as_mut()?;
    c.sprint_of(unit)?;
    let old = c.clone();
    c.forget(unit);
    Some(old)
}
