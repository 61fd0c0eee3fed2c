//! Exports: pure functions from an org to bytes, shared by the designer and the CLI so both write
//! identical files. Text formats so far: Graphviz DOT (nested clusters), Mermaid (nested
//! subgraphs), the CSV roster and the JSON org file.

mod dot;
mod mermaid;

use crate::model::{Org, Structure, TeamCount};
use crate::rules::Thresholds;

pub use dot::to_dot;
pub use mermaid::to_mermaid;

/// What a group box says: its name, its level label and its scaled roles.
pub(crate) fn group_lines(org: &Org, s: &Structure, g: crate::model::GroupId) -> Vec<String> {
    let grp = &org.groups()[&g];
    let level = s.level(g);
    let holder = |hs: &[crate::model::RoleHolder], label: String| match hs {
        [one] => format!("{label}: {}", org.person_name(one.person)),
        [] => format!("no {label}"),
        many => format!("{} {label}s", many.len()),
    };
    vec![
        format!("{} ({})", grp.name, Structure::level_label(level)),
        holder(&grp.masters, Structure::master_label(level)),
        holder(&grp.cpos, Structure::cpo_label(level)),
    ]
}

/// What a team box says: name, headcount, PO and SM.
pub(crate) fn team_lines(org: &Org, t: &Thresholds, team: crate::model::TeamId) -> Vec<String> {
    let team = &org.teams()[&team];
    let (n, unit) = match t.team_count {
        TeamCount::Whole => (team.headcount(), "people"),
        TeamCount::Doers => (team.doers(), "Developers"),
    };
    let first = |set: &std::collections::BTreeSet<crate::model::PersonId>| {
        set.iter()
            .next()
            .map_or_else(|| "none".to_string(), |p| org.person_name(*p))
    };
    let kind = if team.is_real() { "" } else { ", virtual" };
    vec![
        team.name.clone(),
        format!("{n} {unit}{kind}"),
        format!("PO: {}", first(&team.product_owners)),
        format!("SM: {}", first(&team.scrum_masters)),
    ]
}

/// What the EAT and EMS boxes say.
pub(crate) fn body_lines(org: &Org) -> (Vec<String>, Vec<String>) {
    let name = |p: Option<crate::model::PersonId>| {
        p.map_or_else(|| "none".to_string(), |p| org.person_name(p))
    };
    let eat = org.eat();
    let ems = org.ems();
    (
        vec![
            "Executive Action Team".to_string(),
            format!("{} members", eat.members.len()),
            format!("PO: {}", name(eat.product_owner)),
            format!("SM: {}", name(eat.scrum_master)),
        ],
        vec![
            "Executive MetaScrum".to_string(),
            format!("{} attendees", ems.attendees.len()),
            format!("Facilitator: {}", name(ems.facilitator)),
        ],
    )
}
