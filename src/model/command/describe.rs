//! The words of a command: what the Edit menu, the undo history and the status line call it.

use super::*;

/// The label of a [`Command::SetScaledRole`]: says whether it gives, takes away, replaces or only
/// marks a holder as dedicated.
pub(super) fn describe_holders(
    org: &Org,
    g: GroupId,
    role: ScaledRole,
    holders: &[RoleHolder],
) -> String {
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
pub(super) fn describe_body_role(
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
pub(super) fn describe_rules(old: &RuleSettings, new: &RuleSettings) -> String {
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
            Some(v) => format!("Set “{what}” to {}", t.value_text(Some(v), None)),
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
            Command::SetCadence(c) => describe_cadence(org, org.cadence.as_ref(), c.as_ref()),
            Command::SetAssessment(a) => describe_assessment(org, &org.assessment, a),
            Command::Batch { label, .. } => label.clone(),
            Command::RestorePerson(s) => format!("Restore {}", s.person.name),
        }
    }
}

/// "Set the Sprint length to 3 weeks", "Set the Daily Scrum to 09:30", "Change the cadence".
fn describe_cadence(
    org: &Org,
    old: Option<&crate::model::Cadence>,
    new: Option<&crate::model::Cadence>,
) -> String {
    use crate::model::cadence::EventKind;
    let (old, new) = match (old, new) {
        (_, None) => return "Remove the cadence (back to the defaults)".to_string(),
        (None, Some(n)) if *n == crate::model::Cadence::default() => {
            return "Record the cadence".to_string();
        }
        (None, Some(n)) => (crate::model::Cadence::default(), n.clone()),
        (Some(o), Some(n)) => (o.clone(), n.clone()),
    };
    let mut changed = Vec::new();
    if old.sprint_weeks != new.sprint_weeks {
        changed.push(format!(
            "Set the Sprint length to {} week{}",
            new.sprint_weeks,
            if new.sprint_weeks == 1 { "" } else { "s" }
        ));
    }
    if old.first_sprint != new.first_sprint {
        changed.push(match new.first_sprint {
            Some(d) => format!("Start the first Sprint on {d}"),
            None => "Clear the first Sprint's date".to_string(),
        });
    }
    if old.working_days != new.working_days {
        changed.push("Change the working days".to_string());
    }
    if old.time_zone != new.time_zone {
        changed.push(format!("Set the time zone to {}", new.time_zone));
    }
    if (old.day_start, old.day_end) != (new.day_start, new.day_end) {
        changed.push(format!(
            "Set the working day to {}–{}",
            new.day_start, new.day_end
        ));
    }
    for kind in EventKind::ALL {
        let w = new.sprint_weeks;
        if old.timing(kind, w) != new.timing(kind, w)
            || old.events.get(&kind) != new.events.get(&kind)
        {
            let (start, minutes) = new.timing(kind, w);
            changed.push(format!(
                "Set the {} to {start}, {minutes} min",
                kind.label()
            ));
        }
    }
    if old.scaled_daily_scrum != new.scaled_daily_scrum {
        changed.push(format!(
            "Hold the Scaled Daily Scrums {}",
            new.scaled_daily_scrum.label()
        ));
    }
    if old.eat_meeting != new.eat_meeting {
        changed.push(format!("Hold the EAT meeting {}", new.eat_meeting.label()));
    }
    if old.executive_meta_scrum != new.executive_meta_scrum {
        changed.push(format!(
            "Hold the Executive MetaScrum {}",
            new.executive_meta_scrum.label()
        ));
    }
    if old.sprints != new.sprints {
        let named: Vec<String> = new
            .sprints
            .iter()
            .filter(|o| !old.sprints.contains(o))
            .filter_map(|o| o.unit())
            .map(|u| org.unit_name(u))
            .collect();
        changed.push(match named.as_slice() {
            [one] => format!("Change the Sprints of {one}"),
            _ => "Change the Sprint overrides".to_string(),
        });
    }
    match changed.len() {
        0 => "Keep the cadence".to_string(),
        1 => changed.remove(0),
        n => format!("Change {n} cadence settings"),
    }
}

/// "Rate Delivery 3 (Ana, Q1 2027)", "Add rating round Q1 2027", "Change 12 ratings in Q1 2027".
fn describe_assessment<'a>(
    org: &Org,
    old: &'a crate::model::Assessment,
    new: &'a crate::model::Assessment,
) -> String {
    let added: Vec<&str> = new
        .rounds
        .iter()
        .filter(|r| old.round(&r.name).is_none())
        .map(|r| r.name.as_str())
        .collect();
    let removed: Vec<&str> = old
        .rounds
        .iter()
        .filter(|r| new.round(&r.name).is_none())
        .map(|r| r.name.as_str())
        .collect();
    match (added.as_slice(), removed.as_slice()) {
        ([], []) => {}
        ([a], []) => return format!("Add rating round {a}"),
        ([], [r]) => return format!("Remove rating round {r}"),
        ([a], [r]) if old.rounds.len() == new.rounds.len() => {
            return format!("Rename rating round {r} to {a}");
        }
        (added, []) => return format!("Add rating rounds {}", added.join(", ")),
        ([], removed) => return format!("Remove rating rounds {}", removed.join(", ")),
        _ => return "Change the rating rounds".to_string(),
    }
    let mut changed = Vec::new();
    for n in &new.rounds {
        let Some(o) = old.round(&n.name) else {
            continue;
        };
        if o.date != n.date {
            changed.push(format!("Date rating round {} {}", n.name, n.date));
        }
        if o == n {
            continue;
        }
        // Keyed by reference, once each: a round of thousands of ratings costs a hash each.
        type Key<'a> = (
            &'a str,
            crate::model::Component,
            Option<crate::model::GroupId>,
        );
        let index = |r: &'a crate::model::Round| -> rustc_hash::FxHashMap<Key<'a>, &'a crate::model::Rating> {
            r.ratings
                .iter()
                .map(|x| ((x.rater.as_str(), x.component, x.group), x))
                .collect()
        };
        let (before, after) = (index(o), index(n));
        let mut diffs: Vec<(
            Key,
            Option<&crate::model::Rating>,
            Option<&crate::model::Rating>,
        )> = after
            .iter()
            .filter(|(k, b)| before.get(*k) != Some(*b))
            .map(|(k, b)| (*k, before.get(k).copied(), Some(*b)))
            .chain(
                before
                    .iter()
                    .filter(|(k, _)| !after.contains_key(*k))
                    .map(|(k, a)| (*k, Some(*a), None)),
            )
            .collect();
        diffs.sort_by(|x, y| x.0.cmp(&y.0));
        let ratings: Vec<String> = diffs
            .iter()
            .take(2)
            .map(|((rater, c, g), a, b)| {
                let of = match g {
                    Some(g) => format!(
                        "{} in {}",
                        c.label(),
                        org.unit_name(crate::model::Unit::Group(*g))
                    ),
                    None => c.label().to_string(),
                };
                match (a, b) {
                    (_, Some(b)) if a.map(|a| a.rating) != Some(b.rating) => {
                        format!("Rate {of} {} ({rater}, {})", b.rating.value(), n.name)
                    }
                    (Some(_), Some(_)) => format!("Edit {rater}'s note on {of}"),
                    _ => format!("Clear {rater}'s rating of {of}"),
                }
            })
            .collect();
        let mut ratings = ratings;
        match diffs.len() {
            0 => {}
            1 => changed.push(ratings.remove(0)),
            k => changed.push(format!("Change {k} ratings in {}", n.name)),
        }
        if o.raters != n.raters && changed.is_empty() {
            changed.push(format!("Set the raters of {}", n.name));
        }
    }
    match changed.len() {
        0 => "Keep the ratings".to_string(),
        1 => changed.remove(0),
        _ => "Change the ratings".to_string(),
    }
}
