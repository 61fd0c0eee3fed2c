//! Duplicating a team or a group with its subtree: one command that adds the copies, with
//! placeholder people so that no one holds two seats by accident.

use super::*;

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
pub(super) struct Placeholders {
    map: HashMap<PersonId, PersonId>,
    added: Vec<Person>,
    next: PersonId,
}

impl Placeholders {
    pub(super) fn get(&mut self, old: PersonId, role: &str, of: &str) -> PersonId {
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
pub(super) fn copy_name(base: &str, taken: &mut HashSet<String>) -> String {
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
