//! Words and small derived facts the inspector shows: role and group titles, team headcount,
//! band health, role candidates in words, the people within a group.

use super::*;

/// Whether a finding is about a group: its subject is the group, or it is about a person who holds
/// a role in the group (SoSM, CPO, Scaled Daily Scrum representative) and names the group.
pub(super) fn concerns_group(f: &Finding, g: &Group) -> bool {
    match f.subject {
        SubjectRef::Group(x) => x == g.id,
        SubjectRef::Person(p) => {
            let holds =
                g.masters.iter().chain(&g.cpos).any(|h| h.person == p) || g.sds_rep == Some(p);
            holds && names(&f.message, &g.name)
        }
        _ => false,
    }
}

/// Whether `text` contains `name` as a whole name (not inside a longer word).
pub(super) fn names(text: &str, name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() {
        return false;
    }
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// What a group is, in words: "Scrum of Scrums (SoS)", "Scrum of Scrums of Scrums (SoSoS)", ….
pub(super) fn group_kind_title(level: u32) -> String {
    match level {
        0 | 1 => "Scrum of Scrums (SoS)".to_string(),
        2 => "Scrum of Scrums of Scrums (SoSoS)".to_string(),
        n => format!("Level-{n} group"),
    }
}

pub(super) fn kind_title(kind: TeamKind) -> &'static str {
    match kind {
        TeamKind::Scrum => "Scrum team",
        TeamKind::Virtual => "Virtual team",
    }
}

/// Short label of a scaled role at a level: SoSM, SoSoSM, CPO, level-2 CPO, …
pub(super) fn role_label(role: ScaledRole, level: u32) -> String {
    match role {
        ScaledRole::Master => Structure::master_label(level),
        ScaledRole::ChiefProductOwner => Structure::cpo_label(level),
    }
}

/// Readable title of a scaled role, e.g. "Scrum of Scrums Master (SoSM)".
pub(super) fn role_title(role: ScaledRole, level: u32) -> String {
    match (role, level) {
        (ScaledRole::Master, 1) => "Scrum of Scrums Master (SoSM)".to_string(),
        (ScaledRole::Master, 2) => "SoSoS Master (SoSoSM)".to_string(),
        (ScaledRole::ChiefProductOwner, 1) => "Chief Product Owner (CPO)".to_string(),
        (ScaledRole::ChiefProductOwner, 2) => "Chief Product Owner (level-2 CPO)".to_string(),
        (role, level) => role_label(role, level),
    }
}

pub(super) fn role_hover(role: ScaledRole) -> &'static str {
    match role {
        ScaledRole::Master => {
            "Runs the Scaled Daily Scrum and Scaled Retrospective and answers for the joint release: one of the member teams' Scrum Masters or a dedicated person."
        }
        ScaledRole::ChiefProductOwner => {
            "Owns the group's single ordered backlog and runs its MetaScrum: one of the member teams' Product Owners or a dedicated person."
        }
    }
}

/// Team size against the profile.
pub(super) fn headcount(ui: &mut Ui, org: &Org, team: &Team) {
    let t = Thresholds::from_settings(org.rules());
    if !team.is_real() {
        ui.label(format!(
            "Headcount: {} (virtual teams have no size range)",
            plural(team.headcount(), "person", "people")
        ));
        return;
    }
    let (count, what) = match t.team_count {
        TeamCount::Whole => (
            team.headcount(),
            plural(team.headcount(), "person", "people"),
        ),
        TeamCount::Doers => (
            team.doers(),
            plural(team.doers(), "Developer", "Developers"),
        ),
    };
    let range = t.team_range().unwrap_or_else(|| "no limit".to_string());
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("Headcount: {what}")).color(health_color(team_health(count, &t))),
        );
        ui.label(RichText::new(format!("(profile {}: {range})", t.profile)).weak());
    });
    if let Some(ideal) = t.doers_ideal_max {
        let doers = team.doers();
        let color = if doers as u32 > ideal {
            health_color(Health::Edge)
        } else {
            health_color(Health::Good)
        };
        ui.label(
            RichText::new(format!(
                "Doing Sprint work: {doers} (ideally at most {ideal})"
            ))
            .color(color),
        );
    }
}

pub(super) fn band_health(n: usize, band: &Band) -> Health {
    let n = n as u32;
    if n == 0 || n < band.warn_below || n > band.warn_above {
        Health::Bad
    } else if n < band.target_min || n > band.target_max {
        Health::Edge
    } else {
        Health::Good
    }
}

/// A role of the EAT or EMS: title, holder, and the command that sets it.
pub(super) type BodyRole = (
    &'static str,
    Option<PersonId>,
    fn(Option<PersonId>) -> Command,
);

pub(super) fn body_members(org: &Org, body: Body) -> &std::collections::BTreeSet<PersonId> {
    match body {
        Body::Eat => &org.eat().members,
        Body::Ems => &org.ems().attendees,
    }
}

/// The people who naturally fill a group's master or CPO role ([`rules::candidates`], the
/// definition rules V9 and V10 use), each with why in words.
pub(super) fn candidates(
    org: &Org,
    s: &Structure,
    g: GroupId,
    role: ScaledRole,
) -> Vec<(PersonId, String)> {
    rules::candidates::candidates(org, s, g, role)
        .into_iter()
        .map(|c| {
            let why = match c.via {
                Via::ChildGroup(child) => format!(
                    "{} of {}",
                    role_label(role, s.level(child)),
                    org.unit_name(Unit::Group(child))
                ),
                Via::Seat(t) => format!(
                    "{} of {}",
                    rules::candidates::seat_for(role).short(),
                    org.unit_name(Unit::Team(t))
                ),
            };
            (c.person, why)
        })
        .collect()
}

/// Everyone with a seat in a team below the group or a scaled role in it or below (the people
/// rule V11 accepts as its representative), in id order.
pub(super) fn people_within(org: &Org, s: &Structure, g: GroupId) -> Vec<PersonId> {
    let mut out = Vec::new();
    for t in s.teams_below(g) {
        if let Some(team) = org.team(t) {
            out.extend(team.people());
        }
    }
    for x in std::iter::once(g).chain(s.groups_below(g)) {
        if let Some(group) = org.group(x) {
            out.extend(group.masters.iter().chain(&group.cpos).map(|h| h.person));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
