//! Who naturally fills a group's master or CPO role (rulebook V9/V10). Rules V9 and V10 ask
//! [`is_candidate`] of each holder, and the designer offers [`candidates`] first in its role
//! picker; both read the one definition here, so the picker never suggests someone the rules then
//! warn about.
//!
//! The definition: for a Scrum of Scrums, the Scrum Masters (for the master) or Product Owners
//! (for the CPO) of its own teams; for a group of groups, the masters (CPOs) of its child groups
//! and every SM (PO) of the teams below it.

use rustc_hash::FxHashSet as HashSet;

use crate::model::{GroupId, Org, PersonId, ScaledRole, Structure, TeamId, TeamRole, Unit};

/// The team seat that qualifies someone for a scaled role.
pub fn seat_for(role: ScaledRole) -> TeamRole {
    match role {
        ScaledRole::Master => TeamRole::ScrumMaster,
        ScaledRole::ChiefProductOwner => TeamRole::ProductOwner,
    }
}

/// Why someone is a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// Holds the same role in this child group.
    ChildGroup(GroupId),
    /// Holds the qualifying seat ([`seat_for`]) in this team.
    Seat(TeamId),
}

/// One person who naturally fills a role, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub person: PersonId,
    pub via: Via,
}

/// Whether a team's seats qualify for roles of `g`: its own teams for a group without child
/// groups, every team below it otherwise.
fn team_counts(org: &Org, s: &Structure, g: GroupId, t: TeamId) -> bool {
    if s.child_groups(g).next().is_none() {
        org.team(t).is_some_and(|team| team.group == Some(g))
    } else {
        org.is_within(Unit::Team(t), g)
    }
}

/// Whether `person` naturally fills `role` in `g`. `seated_in` are the teams where the person
/// holds the [`seat_for`] the role (the rule engine has them indexed).
pub fn is_candidate(
    org: &Org,
    s: &Structure,
    g: GroupId,
    role: ScaledRole,
    person: PersonId,
    seated_in: impl IntoIterator<Item = TeamId>,
) -> bool {
    seated_in.into_iter().any(|t| team_counts(org, s, g, t))
        || s.child_groups(g).any(|c| {
            org.group(c)
                .is_some_and(|c| c.holders(role).iter().any(|h| h.person == person))
        })
}

/// Every candidate for `role` in `g`, each person once: holders of the role in child groups
/// first, then the qualifying seats of the teams that count, in structure order.
pub fn candidates(org: &Org, s: &Structure, g: GroupId, role: ScaledRole) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut seen = HashSet::default();
    for c in s.child_groups(g) {
        let Some(child) = org.group(c) else { continue };
        for h in child.holders(role) {
            if seen.insert(h.person) {
                out.push(Candidate {
                    person: h.person,
                    via: Via::ChildGroup(c),
                });
            }
        }
    }
    let teams = if s.child_groups(g).next().is_some() {
        s.teams_below(g)
    } else {
        s.child_teams(g).collect()
    };
    let seat = seat_for(role);
    for t in teams {
        debug_assert!(team_counts(org, s, g, t));
        let Some(team) = org.team(t) else { continue };
        for &p in team.seats(seat) {
            if seen.insert(p) {
                out.push(Candidate {
                    person: p,
                    via: Via::Seat(t),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The teams where `p` holds the seat qualifying for `role`.
    fn seated_in(org: &Org, p: PersonId, role: ScaledRole) -> Vec<TeamId> {
        org.teams()
            .values()
            .filter(|t| t.seats(seat_for(role)).contains(&p))
            .map(|t| t.id)
            .collect()
    }

    fn example(name: &str, text: &str) -> Org {
        crate::io::json::from_str(std::path::Path::new(name), text).unwrap()
    }

    fn acme() -> Org {
        example("acme.json", include_str!("../../examples/acme.json"))
    }

    #[test]
    fn the_picker_list_and_the_rules_agree_on_everyone() {
        let violations = example(
            "violations.json",
            include_str!("../../examples/violations.json"),
        );
        let (mut some_are, mut some_are_not) = (false, false);
        for org in [acme(), violations] {
            let s = org.structure();
            for &g in org.groups().keys() {
                for role in [ScaledRole::Master, ScaledRole::ChiefProductOwner] {
                    let listed: Vec<PersonId> = candidates(&org, &s, g, role)
                        .iter()
                        .map(|c| c.person)
                        .collect();
                    for &p in org.people().keys() {
                        let is = is_candidate(&org, &s, g, role, p, seated_in(&org, p, role));
                        assert_eq!(is, listed.contains(&p), "{p:?} for {role:?} of {g:?}");
                        some_are |= is;
                        some_are_not |= !is;
                    }
                }
            }
        }
        assert!(some_are && some_are_not);
    }

    #[test]
    fn a_group_of_groups_offers_child_masters_before_team_scrum_masters() {
        let org = acme();
        let s = org.structure();
        let top = *org
            .groups()
            .keys()
            .find(|g| s.child_groups(**g).next().is_some())
            .expect("the sample has a group of groups");
        let list = candidates(&org, &s, top, ScaledRole::Master);
        let first_seat = list.iter().position(|c| matches!(c.via, Via::Seat(_)));
        let last_child = list
            .iter()
            .rposition(|c| matches!(c.via, Via::ChildGroup(_)));
        assert!(last_child.is_some() && first_seat.is_some(), "{list:?}");
        assert!(last_child < first_seat, "{list:?}");
    }
}
