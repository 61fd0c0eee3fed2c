//! Generated orgs: the guide's symmetric structures and large orgs for benchmarks and tests.
//! Every org is built through commands, with readable names ([`crate::names`]), and is
//! deterministic.

use crate::model::{Command, Group, GroupId, Org, Person, PersonId, Team, TeamId, Unit};
use crate::names::{group_name, person_name, team_name};

/// Helper that issues commands with fresh ids.
pub struct Builder {
    pub org: Org,
    people: usize,
}

impl Builder {
    pub fn new(name: &str) -> Self {
        Builder {
            org: Org::new(name),
            people: 0,
        }
    }

    fn apply(&mut self, cmd: Command) {
        cmd.apply(&mut self.org)
            .expect("generated commands are valid");
    }

    pub fn person(&mut self) -> PersonId {
        let id = self.org.next_person_id();
        let name = person_name(self.people);
        self.people += 1;
        self.apply(Command::AddPerson(Person {
            id,
            name,
            email: None,
        }));
        id
    }

    /// A team of `size` people: PO, SM and `size - 2` Developers (at least one).
    pub fn team(&mut self, name: String, group: Option<GroupId>, size: usize) -> TeamId {
        let id = self.org.next_team_id();
        let mut t = Team::new(id, name);
        t.group = group;
        t.product_owners.insert(self.person());
        t.scrum_masters.insert(self.person());
        for _ in 0..size.saturating_sub(2).max(1) {
            t.developers.insert(self.person());
        }
        self.apply(Command::AddTeam(t));
        id
    }

    pub fn group(&mut self, name: String, parent: Option<GroupId>) -> GroupId {
        let id = self.org.next_group_id();
        let mut g = Group::new(id, name);
        g.parent = parent;
        self.apply(Command::AddGroup(g));
        id
    }

    pub fn set_parent(&mut self, unit: Unit, parent: GroupId) {
        self.apply(Command::Move {
            item: unit,
            to: Some(Unit::Group(parent)),
        });
    }

    /// Fill every group's master and CPO from its own subtree and staff the EAT and EMS, exactly
    /// as growth does ([`crate::growth::staffing`]).
    pub fn staff(&mut self) {
        for cmd in crate::growth::staffing(&self.org) {
            self.apply(cmd);
        }
    }
}

/// `n` teams of `team_size` people grouped bottom-up into groups of `fanout` members, level by
/// level, until one top group remains; fully staffed. With `n = fanout^L` this is the guide's
/// symmetric structure (5, 25, 125 teams for fan-out 5).
pub fn balanced(name: &str, n: usize, fanout: usize, team_size: usize) -> Org {
    let fanout = fanout.max(2);
    let mut b = Builder::new(name);
    let mut units: Vec<Unit> = (0..n)
        .map(|i| Unit::Team(b.team(team_name(i), None, team_size)))
        .collect();
    let mut level = 1;
    while units.len() > 1 {
        let mut next = Vec::new();
        for (i, chunk) in units.chunks(fanout).enumerate() {
            let g = b.group(group_name(level, i), None);
            for u in chunk {
                b.set_parent(*u, g);
            }
            next.push(Unit::Group(g));
        }
        units = next;
        level += 1;
    }
    b.staff();
    b.org
}

/// The guide's symmetric structure with `fanout^levels` teams of `fanout` people.
pub fn symmetric(fanout: usize, levels: u32) -> Org {
    let n = fanout.pow(levels);
    balanced(&format!("Symmetric {n} teams"), n, fanout, fanout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Severity, validate};

    #[test]
    fn symmetric_structures_are_clean() {
        for (levels, teams, groups) in [(1, 5, 1), (2, 25, 6), (3, 125, 31)] {
            let org = symmetric(5, levels);
            assert_eq!(org.teams().len(), teams);
            assert_eq!(org.groups().len(), groups);
            assert_eq!(org.structure().depth(), levels);
            let findings = validate(&org);
            assert!(
                findings.iter().all(|f| f.severity == Severity::Info),
                "{findings:#?}"
            );
            assert!(findings.is_empty(), "{findings:#?}");
        }
    }
}
