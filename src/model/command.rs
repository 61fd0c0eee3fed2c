//! Every edit to an [`Org`] is a [`Command`] value applied by [`Command::apply`], which either
//! changes the org and returns the command that undoes it, or returns an error and leaves the org
//! exactly as it was. [`History`](super::History) keeps the undo and redo stacks.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use thiserror::Error;

use super::entities::{Body, Group, Person, RoleHolder, ScaledRole, Team, TeamKind, TeamRole};
use super::ids::{GroupId, PersonId, TeamId, Unit};
use super::org::Org;
use super::settings::{RuleSettings, Threshold};

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
    #[error("{}", cycle_words(.item, .target))]
    Cycle { item: String, target: String },
    #[error("{0}")]
    NoChange(String),
    #[error("{0}")]
    Invalid(String),
}

/// "Shopping cannot go into itself", "Acme cannot go into Shopping: it is inside Acme".
fn cycle_words(item: &str, target: &str) -> String {
    if item == target {
        format!("{item} cannot go into itself")
    } else {
        format!("{item} cannot go into {target}: it is inside {item}")
    }
}

fn unknown<T: std::fmt::Display>(what: &str, id: T) -> CommandError {
    CommandError::Unknown(format!("{what} {id}"))
}

/// "Kwame Mensah's".
fn possessive(name: &str) -> String {
    format!("{name}'s")
}

/// The label of a [`Command::SetScaledRole`]: says whether it gives, takes away, replaces or only
/// marks a holder as dedicated.
fn describe_holders(org: &Org, g: GroupId, role: ScaledRole, holders: &[RoleHolder]) -> String {
    let r = role.short();
    let gname = org.unit_name(Unit::Group(g));
    let name = |p: PersonId| org.person_name(p);
    let names = |hs: &[RoleHolder]| {
        hs.iter()
            .map(|h| name(h.person))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let current = org.group(g).map_or(&[][..], |x| x.holders(role));
    let holds = |hs: &[RoleHolder], p: PersonId| hs.iter().any(|h| h.person == p);
    let same_people =
        holders.len() == current.len() && holders.iter().all(|h| holds(current, h.person));
    if holders.is_empty() {
        return match current {
            [] => format!("Clear the {r} of {gname}"),
            [one] => format!("Remove {} as {r} of {gname}", name(one.person)),
            _ => format!("Remove every {r} of {gname}"),
        };
    }
    if same_people {
        let changed: Vec<&RoleHolder> = holders.iter().filter(|h| !current.contains(h)).collect();
        return match changed.as_slice() {
            [] => format!("Keep the {r} of {gname}"),
            [h] => format!(
                "Mark {} {r} role in {gname} as {}",
                possessive(&name(h.person)),
                if h.dedicated {
                    "dedicated"
                } else {
                    "not dedicated"
                }
            ),
            _ => format!("Change which {r}s of {gname} are dedicated"),
        };
    }
    let dedicated = match holders {
        [h] if h.dedicated => " (dedicated)",
        _ => "",
    };
    match (holders, current) {
        ([h], [_, _, ..]) if holds(current, h.person) => {
            format!("Keep {} as the only {r} of {gname}", name(h.person))
        }
        ([h], [old]) => format!(
            "Make {} {r} of {gname}{dedicated} instead of {}",
            name(h.person),
            name(old.person)
        ),
        _ => format!("Make {} {r} of {gname}{dedicated}", names(holders)),
    }
}

/// The label of setting one of the EAT's or EMS's roles.
fn describe_body_role(
    org: &Org,
    wanted: Option<PersonId>,
    current: Option<PersonId>,
    title: &str,
) -> String {
    match (wanted, current) {
        (Some(p), _) => format!("Make {} the {title}", org.person_name(p)),
        (None, Some(old)) => format!("Remove {} as {title}", org.person_name(old)),
        (None, None) => format!("Clear the {title}"),
    }
}

/// The label of a change of rule settings: the profile, one threshold, or several.
fn describe_rules(old: &RuleSettings, new: &RuleSettings) -> String {
    if new.profile != old.profile {
        return format!("Use rule profile {}", new.profile);
    }
    let (a, b) = (&old.overrides, &new.overrides);
    let mut changed: Vec<String> = Vec::new();
    if a.team_count != b.team_count {
        changed.push(match b.team_count {
            Some(c) => format!("Count team size by {}", c.name().to_lowercase()),
            None => "Count team size as the profile does".to_string(),
        });
    }
    for t in Threshold::ALL {
        let (x, y) = (a.get(t), b.get(t));
        if x == y {
            continue;
        }
        let what = t.meaning();
        changed.push(match y {
            None => format!("Reset “{what}” to the profile"),
            Some(0) if t.optional() => format!("Switch off “{what}”"),
            Some(v) => format!("Set “{what}” to {v}"),
        });
    }
    match changed.len() {
        0 => "Keep the rule settings".to_string(),
        1 => changed.remove(0),
        n if new.overrides.is_empty() => format!("Reset {n} thresholds to the profile"),
        n => format!("Change {n} rule thresholds"),
    }
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
    /// Call it before applying: it names what the command changes in the org as it is, so that
    /// "Undid: …" and "Redo …" say what was done.
    pub fn describe(&self, org: &Org) -> String {
        let p = |id: &PersonId| org.person_name(*id);
        let team = |id: &TeamId| org.unit_name(Unit::Team(*id));
        let group = |id: &GroupId| org.unit_name(Unit::Group(*id));
        match self {
            Command::AddPerson(person) => format!("Add {}", person.name),
            Command::RemovePerson(id) => format!("Delete {}", p(id)),
            Command::RenamePerson { person, name } => format!("Rename {} to {name}", p(person)),
            Command::SetEmail { person, email } => match email {
                Some(e) => format!("Set the e-mail of {} to {e}", p(person)),
                None => format!("Remove the e-mail of {}", p(person)),
            },
            Command::AddTeam(t) => format!("Add team {}", t.name),
            Command::RemoveTeam(t) => format!("Delete team {}", team(t)),
            Command::RenameTeam { team: t, name } => {
                format!("Rename team {} to {name}", team(t))
            }
            Command::SetTeamKind { team: t, kind } => {
                format!("Make {} a {}", team(t), kind.label())
            }
            Command::AddGroup(g) => format!("Add group {}", g.name),
            Command::RemoveGroup(g) => format!("Delete group {}", group(g)),
            Command::RenameGroup { group: g, name } => {
                format!("Rename group {} to {name}", group(g))
            }
            Command::SetDefinitionOfDone { group: g, text } => match text {
                Some(_) => format!("Edit the Definition of Done of {}", group(g)),
                None => format!("Clear the Definition of Done of {}", group(g)),
            },
            Command::AddSeat {
                team: t,
                person,
                role,
            } => match role {
                TeamRole::Developer => format!("Make {} a Developer of {}", p(person), team(t)),
                _ => format!("Make {} {} of {}", p(person), role.short(), team(t)),
            },
            Command::RemoveSeat {
                team: t,
                person,
                role,
            } => match role {
                TeamRole::Developer => format!("Remove {} as Developer of {}", p(person), team(t)),
                _ => format!("Remove {} as {} of {}", p(person), role.short(), team(t)),
            },
            Command::Move { item, to } => match to {
                Some(to) => format!("Move {} to {}", org.unit_name(*item), org.unit_name(*to)),
                None => format!("Move {} to the top level", org.unit_name(*item)),
            },
            Command::SetScaledRole {
                group: g,
                role,
                holders,
            } => describe_holders(org, *g, *role, holders),
            Command::SetSdsRep { unit, person } => match person {
                Some(person) => format!(
                    "Make {} the Scaled Daily Scrum representative of {}",
                    p(person),
                    org.unit_name(*unit)
                ),
                None => format!(
                    "Let the default represent {} at the Scaled Daily Scrum",
                    org.unit_name(*unit)
                ),
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
            Command::SetEatProductOwner(who) => {
                describe_body_role(org, *who, org.eat.product_owner, "EAT Product Owner")
            }
            Command::SetEatScrumMaster(who) => {
                describe_body_role(org, *who, org.eat.scrum_master, "EAT Scrum Master")
            }
            Command::SetEmsFacilitator(who) => {
                describe_body_role(org, *who, org.ems.facilitator, "EMS facilitator")
            }
            Command::SetOrgName(n) => format!("Rename organisation to {n}"),
            Command::SetRules(r) => describe_rules(&org.rules, r),
            Command::SetFanout(Some(k)) => format!("Set the growth fan-out to {k}"),
            Command::SetFanout(None) => "Use the default growth fan-out".to_string(),
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
    pub fn check(&self, org: &Org) -> Result<(), CommandError> {
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
            Command::SetOrgName(_) => {}
            Command::SetRules(r) => r.check().map_err(CommandError::Invalid)?,
            Command::SetFanout(k) => {
                if let Some(why) = k.and_then(super::settings::fanout_problem) {
                    return Err(CommandError::Invalid(why));
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

impl Command {
    /// A copy of a team, or of a group with everything below it, as one undoable step: new ids,
    /// names ending in " copy" (" copy 2", … while taken), placed in `into` (`None`: the top).
    ///
    /// The copy gets new placeholder people ("New PO (Checkout copy)", "New Developer 1 (…)"),
    /// one for each person of the original, holding the same seats and roles, so the copy has the
    /// original's shape (sizes, a PO who is also a Developer, an SM of two teams, a CPO who is one
    /// of the teams' POs) without putting anyone in two places at once. A SoSM or CPO from outside
    /// the copied teams gets a placeholder of their own; a Scaled Daily Scrum representative from
    /// outside goes back to the default. Nothing joins the EAT or EMS.
    ///
    /// Returns the step and the copy (to select it).
    pub fn duplicate(
        org: &Org,
        item: Unit,
        into: Option<GroupId>,
    ) -> Result<(Command, Unit), CommandError> {
        if !org.contains(item) {
            return Err(unknown("team or group", item));
        }
        if let Some(g) = into
            && org.group(g).is_none()
        {
            return Err(unknown("group", g));
        }
        let s = org.structure();
        // What is copied: groups parents first, then their teams.
        let (groups, teams): (Vec<GroupId>, Vec<TeamId>) = match item {
            Unit::Team(t) => (Vec::new(), vec![t]),
            Unit::Group(g) => {
                let mut groups = vec![g];
                let mut i = 0;
                while i < groups.len() {
                    groups.extend(s.child_groups(groups[i]));
                    i += 1;
                }
                let teams = groups.iter().flat_map(|g| s.child_teams(*g)).collect();
                (groups, teams)
            }
        };
        let mut next_group = org.next_group_id();
        let mut next_team = org.next_team_id();
        let group_ids: HashMap<GroupId, GroupId> = groups
            .iter()
            .map(|g| {
                let id = next_group;
                next_group = next_group.next();
                (*g, id)
            })
            .collect();
        let mut team_names: HashSet<String> = org
            .teams
            .values()
            .map(|t| t.name.trim().to_lowercase())
            .collect();
        let mut group_names: HashSet<String> = org
            .groups
            .values()
            .map(|g| g.name.trim().to_lowercase())
            .collect();

        let mut people = Placeholders {
            map: HashMap::default(),
            added: Vec::new(),
            next: org.next_person_id(),
        };

        let mut new_teams = Vec::with_capacity(teams.len());
        for t in &teams {
            let old = &org.teams[t];
            let name = copy_name(&old.name, &mut team_names);
            let mut copy = Team::new(next_team, name.clone());
            next_team = next_team.next();
            copy.kind = old.kind;
            copy.group = match old.group.and_then(|g| group_ids.get(&g)) {
                Some(g) => Some(*g),
                None => into,
            };
            let mut devs = 0;
            // PO first, then SM, then Developers: a person is named after their first seat.
            for role in TeamRole::ALL {
                for p in old.seats(role) {
                    let title = match role {
                        TeamRole::Developer if !people.map.contains_key(p) => {
                            devs += 1;
                            format!("Developer {devs}")
                        }
                        _ => role.short().to_string(),
                    };
                    let new = people.get(*p, &title, &name);
                    copy.seats_mut(role).insert(new);
                }
            }
            new_teams.push((old, copy));
        }
        // Representatives only where they were someone copied.
        for (old, copy) in &mut new_teams {
            copy.sds_rep = old.sds_rep.and_then(|p| people.map.get(&p).copied());
        }
        let mut new_groups = Vec::with_capacity(groups.len());
        for g in &groups {
            let old = &org.groups[g];
            let name = copy_name(&old.name, &mut group_names);
            let mut copy = Group::new(group_ids[g], name.clone());
            copy.parent = match old.parent.and_then(|p| group_ids.get(&p)) {
                Some(p) => Some(*p),
                None => into,
            };
            copy.definition_of_done = old.definition_of_done.clone();
            for role in [ScaledRole::Master, ScaledRole::ChiefProductOwner] {
                let mut hs: Vec<RoleHolder> = old
                    .holders(role)
                    .iter()
                    .map(|h| RoleHolder {
                        person: people.get(h.person, role.short(), &name),
                        dedicated: h.dedicated,
                    })
                    .collect();
                hs.sort();
                *copy.holders_mut(role) = hs;
            }
            new_groups.push((old, copy));
        }
        for (old, copy) in &mut new_groups {
            copy.sds_rep = old.sds_rep.and_then(|p| people.map.get(&p).copied());
        }

        let copy = match item {
            Unit::Team(_) => Unit::Team(new_teams[0].1.id),
            Unit::Group(g) => Unit::Group(group_ids[&g]),
        };
        let original = org.unit_name(item);
        let copy_name = match item {
            Unit::Team(_) => new_teams[0].1.name.clone(),
            Unit::Group(_) => new_groups[0].1.name.clone(),
        };
        let label = if into == org.parent_of(item) {
            format!("Duplicate {original} as {copy_name}")
        } else {
            match into {
                Some(g) => format!(
                    "Paste a copy of {original} into {}",
                    org.unit_name(Unit::Group(g))
                ),
                None => format!("Paste a copy of {original} at the top level"),
            }
        };
        let mut commands: Vec<Command> = people.added.into_iter().map(Command::AddPerson).collect();
        commands.extend(new_groups.into_iter().map(|(_, g)| Command::AddGroup(g)));
        commands.extend(new_teams.into_iter().map(|(_, t)| Command::AddTeam(t)));
        Ok((Command::Batch { label, commands }, copy))
    }
}

/// The placeholder people of a copy: one per original person, made on first use.
struct Placeholders {
    map: HashMap<PersonId, PersonId>,
    added: Vec<Person>,
    next: PersonId,
}

impl Placeholders {
    fn get(&mut self, old: PersonId, role: &str, of: &str) -> PersonId {
        *self.map.entry(old).or_insert_with(|| {
            let id = self.next;
            self.next = self.next.next();
            self.added.push(Person {
                id,
                name: format!("New {role} ({of})"),
                email: None,
            });
            id
        })
    }
}

/// "Checkout copy", or "Checkout copy 2", … when taken (case-insensitive); the name is taken.
fn copy_name(base: &str, taken: &mut HashSet<String>) -> String {
    let base = base.trim();
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{base} copy")
        } else {
            format!("{base} copy {n}")
        };
        if taken.insert(name.to_lowercase()) {
            return name;
        }
        n += 1;
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

#[cfg(test)]
mod tests {
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
        let (cmd, copy) =
            Command::duplicate(&org, Unit::Group(shopping), Some(GroupId(3))).unwrap();
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
}
