//! Whether a command may run, and the words that say why not: the one definition every front end
//! shows (the outline, the canvas drop preview and the inspector ask [`Command::check`]).

use super::*;

impl Command {
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
                if let Some(why) = k.and_then(crate::model::fanout_problem) {
                    return Err(CommandError::Invalid(why));
                }
            }
            Command::SetCadence(None) => {}
            Command::SetCadence(Some(c)) => {
                if let Some(why) = c.problem() {
                    return Err(CommandError::Invalid(why));
                }
                for o in &c.sprints {
                    match o.unit() {
                        Some(Unit::Team(t)) if !org.teams.contains_key(&t) => {
                            return Err(unknown("team", t));
                        }
                        Some(Unit::Group(g)) if !org.groups.contains_key(&g) => {
                            return Err(unknown("group", g));
                        }
                        _ => {}
                    }
                }
            }
            Command::SetAssessment(a) => {
                if let Some((_, _, why)) = a.problem() {
                    return Err(CommandError::Invalid(why));
                }
                for r in &a.rounds {
                    if let Some(g) = r.groups().into_iter().find(|g| !org.groups.contains_key(g)) {
                        return Err(unknown("group", g));
                    }
                }
            }
            Command::Batch { .. } => unreachable!("batches are applied element by element"),
        }
        Ok(())
    }
}

/// Team names are unique: rosters, exports and people talking about "the Search team" rely on it.
pub(super) fn unique_team_name(
    org: &Org,
    name: &str,
    except: Option<TeamId>,
) -> Result<(), CommandError> {
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

pub(super) fn check_holders(sorted: &[RoleHolder]) -> Result<(), CommandError> {
    if sorted.windows(2).any(|w| w[0].person == w[1].person) {
        return Err(CommandError::Invalid(
            "the same person is listed twice for one role".to_string(),
        ));
    }
    Ok(())
}
