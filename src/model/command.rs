//! Every edit to an [`Org`] is a [`Command`] value applied by [`Command::apply`], which either
//! changes the org and returns the command that undoes it, or returns an error and leaves the org
//! exactly as it was. [`History`] keeps the undo and redo stacks.

use thiserror::Error;

use super::entities::{Body, Group, Person, RoleHolder, ScaledRole, Team, TeamKind, TeamRole};
use super::ids::{GroupId, PersonId, TeamId, Unit};
use super::org::Org;
use super::settings::RuleSettings;

/// One edit. Build them with the variants directly or with the helper constructors.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Add a person (the id must be free, e.g. from [`Org::next_person_id`]).
    AddPerson(Person),
    /// Delete a person and every seat, role and membership they hold.
    RemovePerson(PersonId),
    RenamePerson {
        person: PersonId,
        name: String,
    },
    SetEmail {
        person: PersonId,
        email: Option<String>,
    },
    /// Add a team, possibly with seats already filled (the id must be free).
    AddTeam(Team),
    /// Delete a team (its people stay in the org).
    RemoveTeam(TeamId),
    RenameTeam {
        team: TeamId,
        name: String,
    },
    SetTeamKind {
        team: TeamId,
        kind: TeamKind,
    },
    /// Add a group (the id must be free; it starts with no members).
    AddGroup(Group),
    /// Delete a group; its members move up to the group's parent (or to the top).
    RemoveGroup(GroupId),
    RenameGroup {
        group: GroupId,
        name: String,
    },
    SetDefinitionOfDone {
        group: GroupId,
        text: Option<String>,
    },
    /// Give a person a seat (PO, SM, Developer) in a team.
    AddSeat {
        team: TeamId,
        person: PersonId,
        role: TeamRole,
    },
    RemoveSeat {
        team: TeamId,
        person: PersonId,
        role: TeamRole,
    },
    /// Move a team or group into a group, or to the top (`to: None`). A target that is a team,
    /// the item itself or something inside it is refused.
    Move {
        item: Unit,
        to: Option<Unit>,
    },
    /// Set the holders of a group's master or CPO role (empty clears it).
    SetScaledRole {
        group: GroupId,
        role: ScaledRole,
        holders: Vec<RoleHolder>,
    },
    /// Set or clear the Scaled Daily Scrum representative of a team or group.
    SetSdsRep {
        unit: Unit,
        person: Option<PersonId>,
    },
    /// Add a person to, or remove them from, the EAT or EMS.
    SetBodyMember {
        body: Body,
        person: PersonId,
        member: bool,
    },
    SetEatProductOwner(Option<PersonId>),
    SetEatScrumMaster(Option<PersonId>),
    SetEmsFacilitator(Option<PersonId>),
    SetOrgName(String),
    SetRules(RuleSettings),
    SetFanout(Option<u32>),
    /// Several commands as one undoable step, applied all or nothing.
    Batch {
        label: String,
        commands: Vec<Command>,
    },
    /// Internal: puts back a deleted person with everything they held (inverse of RemovePerson).
    #[doc(hidden)]
    RestorePerson(Box<PersonSnapshot>),
}

/// Everything a person held, captured when they are removed.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonSnapshot {
    person: Person,
    seats: Vec<(TeamId, TeamRole)>,
    team_sds: Vec<TeamId>,
    holders: Vec<(GroupId, ScaledRole, RoleHolder)>,
    group_sds: Vec<GroupId>,
    eat_member: bool,
    eat_po: bool,
    eat_sm: bool,
    ems_attendee: bool,
    ems_facilitator: bool,
}

/// Why a command was refused. The org is unchanged whenever one is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CommandError {
    #[error("there is no {0}")]
    Unknown(String),
    #[error("the id {0} is already in use")]
    IdInUse(String),
    #[error("{0} is a team; teams cannot contain teams or groups")]
    IntoTeam(String),
    #[error("{item} cannot go into {target}: {target} is {item} itself or inside it")]
    Cycle { item: String, target: String },
    #[error("{0}")]
    NoChange(String),
    #[error("{0}")]
    Invalid(String),
}

fn unknown<T: std::fmt::Display>(what: &str, id: T) -> CommandError {
    CommandError::Unknown(format!("{what} {id}"))
}

impl Command {
    /// Give a group's master or CPO role to one holder, replacing any others.
    pub fn assign(group: GroupId, role: ScaledRole, person: PersonId, dedicated: bool) -> Self {
        Command::SetScaledRole {
            group,
            role,
            holders: vec![RoleHolder { person, dedicated }],
        }
    }

    /// Clear a group's master or CPO role.
    pub fn clear(group: GroupId, role: ScaledRole) -> Self {
        Command::SetScaledRole {
            group,
            role,
            holders: Vec::new(),
        }
    }

    /// Move a team into a group.
    pub fn move_team(team: TeamId, to: Option<GroupId>) -> Self {
        Command::Move {
            item: Unit::Team(team),
            to: to.map(Unit::Group),
        }
    }

    /// Move a group into another group.
    pub fn move_group(group: GroupId, to: Option<GroupId>) -> Self {
        Command::Move {
            item: Unit::Group(group),
            to: to.map(Unit::Group),
        }
    }

    /// A short description for menus and the undo list, e.g. "Move Checkout to Payments SoS".
    pub fn describe(&self, org: &Org) -> String {
        let p = |id: &PersonId| org.person_name(*id);
        match self {
            Command::AddPerson(person) => format!("Add {}", person.name),
            Command::RemovePerson(id) => format!("Delete {}", p(id)),
            Command::RenamePerson { name, .. } => format!("Rename person to {name}"),
            Command::SetEmail { person, .. } => format!("Change e-mail of {}", p(person)),
            Command::AddTeam(t) => format!("Add team {}", t.name),
            Command::RemoveTeam(t) => format!("Delete team {}", org.unit_name(Unit::Team(*t))),
            Command::RenameTeam { name, .. } => format!("Rename team to {name}"),
            Command::SetTeamKind { team, kind } => {
                format!(
                    "Make {} a {}",
                    org.unit_name(Unit::Team(*team)),
                    kind.label()
                )
            }
            Command::AddGroup(g) => format!("Add group {}", g.name),
            Command::RemoveGroup(g) => format!("Delete group {}", org.unit_name(Unit::Group(*g))),
            Command::RenameGroup { name, .. } => format!("Rename group to {name}"),
            Command::SetDefinitionOfDone { group, .. } => {
                format!(
                    "Edit Definition of Done of {}",
                    org.unit_name(Unit::Group(*group))
                )
            }
            Command::AddSeat { team, person, role } => format!(
                "Make {} {} of {}",
                p(person),
                role.short(),
                org.unit_name(Unit::Team(*team))
            ),
            Command::RemoveSeat { team, person, role } => format!(
                "Remove {} as {} of {}",
                p(person),
                role.short(),
                org.unit_name(Unit::Team(*team))
            ),
            Command::Move { item, to } => match to {
                Some(to) => format!("Move {} to {}", org.unit_name(*item), org.unit_name(*to)),
                None => format!("Move {} to the top level", org.unit_name(*item)),
            },
            Command::SetScaledRole {
                group,
                role,
                holders,
            } => match holders.as_slice() {
                [] => format!(
                    "Clear {} of {}",
                    role.short(),
                    org.unit_name(Unit::Group(*group))
                ),
                hs => format!(
                    "Make {} {} of {}",
                    hs.iter()
                        .map(|h| p(&h.person))
                        .collect::<Vec<_>>()
                        .join(", "),
                    role.short(),
                    org.unit_name(Unit::Group(*group))
                ),
            },
            Command::SetSdsRep { unit, person } => match person {
                Some(person) => format!(
                    "Make {} the Scaled Daily Scrum representative of {}",
                    p(person),
                    org.unit_name(*unit)
                ),
                None => format!("Reset the SDS representative of {}", org.unit_name(*unit)),
            },
            Command::SetBodyMember {
                body,
                person,
                member,
            } => {
                if *member {
                    format!("Add {} to the {}", p(person), body.short())
                } else {
                    format!("Remove {} from the {}", p(person), body.short())
                }
            }
            Command::SetEatProductOwner(_) => "Change the EAT Product Owner".to_string(),
            Command::SetEatScrumMaster(_) => "Change the EAT Scrum Master".to_string(),
            Command::SetEmsFacilitator(_) => "Change the EMS facilitator".to_string(),
            Command::SetOrgName(n) => format!("Rename organisation to {n}"),
            Command::SetRules(r) if r.profile != org.rules.profile => {
                format!("Use rule profile {}", r.profile)
            }
            Command::SetRules(_) => "Change rule thresholds".to_string(),
            Command::SetFanout(_) => "Change fan-out".to_string(),
            Command::Batch { label, .. } => label.clone(),
            Command::RestorePerson(s) => format!("Restore {}", s.person.name),
        }
    }

    /// Apply the command. On success the org has changed and the returned command undoes it; on
    /// error the org is exactly as before.
    pub fn apply(&self, org: &mut Org) -> Result<Command, CommandError> {
        match self {
            Command::Batch { label, commands } => {
                let mut inverses = Vec::with_capacity(commands.len());
                for cmd in commands {
                    match cmd.apply(org) {
                        Ok(inv) => inverses.push(inv),
                        Err(e) => {
                            for inv in inverses.iter().rev() {
                                // Inverses of commands that just succeeded always apply.
                                let _ = inv.apply(org);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Command::Batch {
                    label: label.clone(),
                    commands: inverses,
                })
            }
            _ => {
                self.check(org)?;
                Ok(self.apply_checked(org))
            }
        }
    }

    /// Apply a command the caller has built to be valid (the growth model), skipping the checks.
    /// A command that is not valid panics instead of returning an error.
    pub(crate) fn apply_trusted(&self, org: &mut Org) -> Command {
        match self {
            Command::Batch { .. } => self.apply(org).expect("trusted batch"),
            _ => {
                debug_assert!(self.check(org).is_ok(), "{self:?}");
                self.apply_checked(org)
            }
        }
    }

    /// Check preconditions without changing anything.
    fn check(&self, org: &Org) -> Result<(), CommandError> {
        let person = |id: &PersonId| {
            if org.people.contains_key(id) {
                Ok(())
            } else {
                Err(unknown("person", id))
            }
        };
        let team = |id: &TeamId| org.teams.get(id).ok_or_else(|| unknown("team", id));
        let group = |id: &GroupId| org.groups.get(id).ok_or_else(|| unknown("group", id));
        let name_ok = |name: &str, what: &str| {
            if name.trim().is_empty() {
                Err(CommandError::Invalid(format!("a {what} needs a name")))
            } else {
                Ok(())
            }
        };
        match self {
            Command::AddPerson(p) => {
                name_ok(&p.name, "person")?;
                if org.people.contains_key(&p.id) {
                    return Err(CommandError::IdInUse(p.id.to_string()));
                }
            }
            Command::RemovePerson(id) => person(id)?,
            Command::RestorePerson(s) => {
                if org.people.contains_key(&s.person.id) {
                    return Err(CommandError::IdInUse(s.person.id.to_string()));
                }
                for (t, _) in &s.seats {
                    team(t)?;
                }
                for t in &s.team_sds {
                    team(t)?;
                }
                for (g, _, _) in &s.holders {
                    group(g)?;
                }
                for g in &s.group_sds {
                    group(g)?;
                }
            }
            Command::RenamePerson { person: id, name } => {
                person(id)?;
                name_ok(name, "person")?;
            }
            Command::SetEmail { person: id, .. } => person(id)?,
            Command::AddTeam(t) => {
                name_ok(&t.name, "team")?;
                unique_team_name(org, &t.name, None)?;
                if org.teams.contains_key(&t.id) {
                    return Err(CommandError::IdInUse(t.id.to_string()));
                }
                if let Some(g) = &t.group {
                    group(g)?;
                }
                for p in t.people().iter().chain(&t.sds_rep) {
                    person(p)?;
                }
            }
            Command::RemoveTeam(t) => {
                team(t)?;
            }
            Command::RenameTeam { team: t, name } => {
                team(t)?;
                name_ok(name, "team")?;
                unique_team_name(org, name, Some(*t))?;
            }
            Command::SetTeamKind { team: t, .. } => {
                team(t)?;
            }
            Command::AddGroup(g) => {
                name_ok(&g.name, "group")?;
                if org.groups.contains_key(&g.id) {
                    return Err(CommandError::IdInUse(g.id.to_string()));
                }
                if let Some(p) = &g.parent {
                    group(p)?;
                }
                for h in g.masters.iter().chain(&g.cpos) {
                    person(&h.person)?;
                }
                if let Some(p) = &g.sds_rep {
                    person(p)?;
                }
                check_holders(&g.masters)?;
                check_holders(&g.cpos)?;
            }
            Command::RemoveGroup(g) => {
                group(g)?;
            }
            Command::RenameGroup { group: g, name } => {
                group(g)?;
                name_ok(name, "group")?;
            }
            Command::SetDefinitionOfDone { group: g, .. } => {
                group(g)?;
            }
            Command::AddSeat {
                team: t,
                person: p,
                role,
            } => {
                person(p)?;
                let t = team(t)?;
                if t.seats(*role).contains(p) {
                    return Err(CommandError::NoChange(format!(
                        "{} is already {} of {}",
                        org.person_name(*p),
                        role.short(),
                        t.name
                    )));
                }
            }
            Command::RemoveSeat {
                team: t,
                person: p,
                role,
            } => {
                person(p)?;
                let t = team(t)?;
                if !t.seats(*role).contains(p) {
                    return Err(CommandError::NoChange(format!(
                        "{} is not {} of {}",
                        org.person_name(*p),
                        role.short(),
                        t.name
                    )));
                }
            }
            Command::Move { item, to } => {
                match item {
                    Unit::Team(t) => {
                        team(t)?;
                    }
                    Unit::Group(g) => {
                        group(g)?;
                    }
                }
                match to {
                    Some(Unit::Team(t)) => {
                        let t = team(t)?;
                        return Err(CommandError::IntoTeam(t.name.clone()));
                    }
                    Some(Unit::Group(g)) => {
                        group(g)?;
                        if let Unit::Group(item_g) = item
                            && org.is_within(Unit::Group(*g), *item_g)
                        {
                            return Err(CommandError::Cycle {
                                item: org.unit_name(*item),
                                target: org.unit_name(Unit::Group(*g)),
                            });
                        }
                    }
                    None => {}
                }
                let target = to.map(|u| match u {
                    Unit::Group(g) => g,
                    Unit::Team(_) => unreachable!("refused above"),
                });
                if org.parent_of(*item) == target {
                    return Err(CommandError::NoChange(match to {
                        Some(to) => format!(
                            "{} is already in {}",
                            org.unit_name(*item),
                            org.unit_name(*to)
                        ),
                        None => format!("{} is already at the top level", org.unit_name(*item)),
                    }));
                }
            }
            Command::SetScaledRole {
                group: g, holders, ..
            } => {
                group(g)?;
                for h in holders {
                    person(&h.person)?;
                }
                let mut sorted = holders.clone();
                sorted.sort();
                check_holders(&sorted)?;
            }
            Command::SetSdsRep { unit, person: p } => {
                if !org.contains(*unit) {
                    return Err(unknown("team or group", unit));
                }
                if let Some(p) = p {
                    person(p)?;
                }
            }
            Command::SetBodyMember { person: p, .. } => person(p)?,
            Command::SetEatProductOwner(p)
            | Command::SetEatScrumMaster(p)
            | Command::SetEmsFacilitator(p) => {
                if let Some(p) = p {
                    person(p)?;
                }
            }
            Command::SetOrgName(_) | Command::SetRules(_) => {}
            Command::SetFanout(k) => {
                if let Some(k) = k
                    && !(2..=12).contains(k)
                {
                    return Err(CommandError::Invalid(format!(
                        "fan-out must be between 2 and 12, not {k}"
                    )));
                }
            }
            Command::Batch { .. } => unreachable!("batches are applied element by element"),
        }
        Ok(())
    }

    /// Apply a command whose preconditions hold; returns its inverse.
    fn apply_checked(&self, org: &mut Org) -> Command {
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
                Command::AddTeam(t)
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
            Command::Batch { .. } => unreachable!("batches are applied element by element"),
        }
    }
}

/// Team names are unique: rosters, exports and people talking about "the Search team" rely on it.
fn unique_team_name(org: &Org, name: &str, except: Option<TeamId>) -> Result<(), CommandError> {
    let wanted = name.trim();
    if org
        .teams
        .values()
        .any(|t| Some(t.id) != except && t.name.trim().eq_ignore_ascii_case(wanted))
    {
        return Err(CommandError::Invalid(format!(
            "another team is already called {wanted}"
        )));
    }
    Ok(())
}

fn check_holders(sorted: &[RoleHolder]) -> Result<(), CommandError> {
    if sorted.windows(2).any(|w| w[0].person == w[1].person) {
        return Err(CommandError::Invalid(
            "the same person is listed twice for one role".to_string(),
        ));
    }
    Ok(())
}

fn remove_person(org: &mut Org, id: PersonId) -> PersonSnapshot {
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

fn restore_person(org: &mut Org, s: &PersonSnapshot) {
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

/// One applied step in the history.
#[derive(Clone, Debug)]
struct Step {
    label: String,
    forward: Command,
    inverse: Command,
}

/// Undo and redo stacks over applied commands.
#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    /// Number of applied steps since the last [`History::mark_saved`], `None` when the saved
    /// state can no longer be reached by undo/redo.
    saved_at: Option<usize>,
}

impl History {
    pub fn new() -> Self {
        History {
            saved_at: Some(0),
            ..Default::default()
        }
    }

    /// Apply a command and record it. Errors leave both the org and the history unchanged.
    pub fn apply(&mut self, org: &mut Org, cmd: Command) -> Result<(), CommandError> {
        let label = cmd.describe(org);
        let inverse = cmd.apply(org)?;
        if let Some(s) = self.saved_at
            && s > self.done.len()
        {
            // The saved state was in the redo stack, which is now discarded.
            self.saved_at = None;
        }
        self.undone.clear();
        self.done.push(Step {
            label,
            forward: cmd,
            inverse,
        });
        Ok(())
    }

    /// Undo the last step; returns its label.
    pub fn undo(&mut self, org: &mut Org) -> Option<String> {
        let mut step = self.done.pop()?;
        match step.inverse.apply(org) {
            Ok(redo) => {
                step.forward = redo;
                let label = step.label.clone();
                self.undone.push(step);
                Some(label)
            }
            Err(_) => {
                // Cannot happen for a history kept with this org; keep the stacks consistent.
                self.done.push(step);
                None
            }
        }
    }

    /// Redo the last undone step; returns its label.
    pub fn redo(&mut self, org: &mut Org) -> Option<String> {
        let mut step = self.undone.pop()?;
        match step.forward.apply(org) {
            Ok(inverse) => {
                step.inverse = inverse;
                let label = step.label.clone();
                self.done.push(step);
                Some(label)
            }
            Err(_) => {
                self.undone.push(step);
                None
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }
    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|s| s.label.as_str())
    }
    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|s| s.label.as_str())
    }

    /// Remember the current state as saved.
    pub fn mark_saved(&mut self) {
        self.saved_at = Some(self.done.len());
    }

    /// Whether the org differs from the last saved state.
    pub fn is_dirty(&self) -> bool {
        self.saved_at != Some(self.done.len())
    }

    /// Treat the current state as not saved (e.g. after restoring a recovery file).
    pub fn forget_saved(&mut self) {
        self.saved_at = None;
    }

    /// Forget all steps (after opening another file).
    pub fn clear(&mut self) {
        *self = History::new();
    }
}
