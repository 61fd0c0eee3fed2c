//! Finding things in an org by name, and where a person stands in it: the designer's canvas
//! find and its person highlight read from here. No egui.

use crate::layout::Node;
use crate::model::{Org, PersonId, Unit};

/// Teams and groups that match `needle` (case-insensitive, trimmed): by their own name, or by
/// the name of someone on the team or holding the group's SoSM or CPO role. Top-down in the
/// order the tree reads (a group before its members, members in order); empty for an empty
/// needle.
pub fn find_units(org: &Org, needle: &str) -> Vec<Unit> {
    let needle = needle.trim().to_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    let hit = |name: &str| name.to_lowercase().contains(&needle);
    let people: std::collections::HashSet<PersonId> = org
        .people()
        .values()
        .filter(|p| hit(&p.name))
        .map(|p| p.id)
        .collect();
    let matches = |u: Unit| match u {
        Unit::Team(t) => org.team(t).is_some_and(|team| {
            hit(&team.name) || team.people().iter().any(|p| people.contains(p))
        }),
        Unit::Group(g) => org.group(g).is_some_and(|group| {
            hit(&group.name)
                || group
                    .masters
                    .iter()
                    .chain(&group.cpos)
                    .any(|h| people.contains(&h.person))
        }),
    };
    let s = org.structure();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<Unit> = s
        .loose_teams
        .iter()
        .rev()
        .map(|t| Unit::Team(*t))
        .chain(s.top_groups.iter().rev().map(|g| Unit::Group(*g)))
        .collect();
    while let Some(u) = stack.pop() {
        if !seen.insert(u) {
            continue;
        }
        if matches(u) {
            out.push(u);
        }
        if let Unit::Group(g) = u {
            stack.extend(s.children(g).iter().rev().copied());
        }
    }
    out
}

/// The boxes a person stands in: teams they are on, groups where they are SoSM or CPO, and
/// the EAT and EMS when they belong to them.
pub fn places_of(org: &Org, p: PersonId) -> Vec<Node> {
    let mut out: Vec<Node> = org
        .teams()
        .values()
        .filter(|t| t.has_member(p))
        .map(|t| Node::Team(t.id))
        .collect();
    out.extend(
        org.groups()
            .values()
            .filter(|g| g.masters.iter().chain(&g.cpos).any(|h| h.person == p))
            .map(|g| Node::Group(g.id)),
    );
    let eat = org.eat();
    if eat.members.contains(&p) || eat.product_owner == Some(p) || eat.scrum_master == Some(p) {
        out.push(Node::Eat);
    }
    let ems = org.ems();
    if ems.attendees.contains(&p) || ems.facilitator == Some(p) {
        out.push(Node::Ems);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> Org {
        crate::io::json::from_str(
            std::path::Path::new("acme.json"),
            include_str!("../examples/acme.json"),
        )
        .unwrap()
    }

    fn names(org: &Org, units: &[Unit]) -> Vec<String> {
        units.iter().map(|u| org.unit_name(*u)).collect()
    }

    #[test]
    fn find_matches_names_and_people_in_tree_order() {
        let org = acme();
        assert!(find_units(&org, "  ").is_empty());
        let found = names(&org, &find_units(&org, "CHECK"));
        assert_eq!(found, ["Checkout & Payments", "Checkout"]);
        // A person's name finds the teams they are on and the groups they lead.
        let p = org
            .people()
            .values()
            .find(|p| p.name == "Kwame Mensah")
            .unwrap();
        let by_person = find_units(&org, "kwame");
        assert!(!by_person.is_empty());
        for u in &by_person {
            let place = Node::from(*u);
            assert!(places_of(&org, p.id).contains(&place), "{u:?}");
        }
    }

    #[test]
    fn a_person_stands_in_their_teams_and_groups() {
        let org = acme();
        let p = org
            .people()
            .values()
            .find(|p| p.name == "Sakura Tanaka")
            .unwrap();
        let places: Vec<String> = places_of(&org, p.id)
            .into_iter()
            .filter_map(Node::unit)
            .map(|u| org.unit_name(u))
            .collect();
        assert_eq!(places, ["Payments", "Fraud Detection"]);
    }
}
