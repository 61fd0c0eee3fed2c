//! How an org becomes the outline's rows: the expanded part of the tree, depth first, and with a
//! search only the matches and the path to each of them.
//!
//! Top groups come first (each group shows its child groups, then its teams), then the teams in
//! no group, the EAT, the EMS and the people who hold no team seat. Teams, the EAT and the EMS
//! expand to their people.

use rustc_hash::FxHashSet as HashSet;

use super::{Branch, Item, Row, Tree};
use crate::model::{GroupId, Org, PersonId, Structure, Team, TeamId, Unit};

/// What matches a search: names that contain the text, and the branches that hold a match.
pub(super) struct Matches {
    people: HashSet<PersonId>,
    teams: HashSet<TeamId>,
    groups: HashSet<GroupId>,
    /// Teams with a matching member.
    teams_below: HashSet<TeamId>,
    /// Groups with a match somewhere below.
    groups_below: HashSet<GroupId>,
    /// Bodies and headers with a match below.
    branches_below: HashSet<Branch>,
}

impl Matches {
    /// `tree` gives the people in no team and those of the EAT and EMS, built for this org.
    pub(super) fn find(org: &Org, needle: &str, tree: &Tree) -> Self {
        let hit = |name: &str| name.to_lowercase().contains(needle);
        let people: HashSet<PersonId> = org
            .people()
            .values()
            .filter(|p| hit(&p.name))
            .map(|p| p.id)
            .collect();
        let teams: HashSet<TeamId> = org
            .teams()
            .values()
            .filter(|t| hit(&t.name))
            .map(|t| t.id)
            .collect();
        let groups: HashSet<GroupId> = org
            .groups()
            .values()
            .filter(|g| hit(&g.name))
            .map(|g| g.id)
            .collect();
        let teams_below: HashSet<TeamId> = if people.is_empty() {
            HashSet::default()
        } else {
            org.teams()
                .values()
                .filter(|t| t.people().iter().any(|p| people.contains(p)))
                .map(|t| t.id)
                .collect()
        };
        let mut groups_below = HashSet::default();
        let mut branches_below = HashSet::default();
        for t in teams.iter().chain(&teams_below) {
            let above = org.ancestors(Unit::Team(*t));
            if above.is_empty() {
                branches_below.insert(Branch::Loose);
            }
            groups_below.extend(above);
        }
        for g in &groups {
            groups_below.extend(org.ancestors(Unit::Group(*g)));
        }
        for body in [Branch::Eat, Branch::Ems] {
            if tree.body(body).iter().any(|p| people.contains(p)) {
                branches_below.insert(body);
            }
        }
        if tree.no_team.iter().any(|p| people.contains(p)) {
            branches_below.insert(Branch::NoTeam);
        }
        Matches {
            people,
            teams,
            groups,
            teams_below,
            groups_below,
            branches_below,
        }
    }

    pub(super) fn count(&self) -> usize {
        self.people.len() + self.teams.len() + self.groups.len()
    }
}

/// Builds the visible rows, depth first.
pub(super) struct Flatten<'a> {
    pub(super) org: &'a Org,
    pub(super) structure: &'a Structure,
    /// The expansion and the people in no team.
    pub(super) tree: &'a Tree,
    /// The search, when there is one.
    pub(super) matches: Option<&'a Matches>,
    pub(super) large: bool,
    pub(super) rows: Vec<Row>,
    /// Guards against group cycles in damaged files.
    pub(super) seen: HashSet<GroupId>,
}

impl Flatten<'_> {
    pub(super) fn run(mut self) -> Vec<Row> {
        let s = self.structure;
        let filtered = self.matches.is_some();
        for &g in &s.top_groups {
            self.group(g, 0, filtered);
        }
        // Always shown outside a search: dropping onto it moves things to the top level.
        let loose = &s.loose_teams;
        if self.branch(Branch::Loose, 0, !loose.is_empty(), filtered) {
            for &t in loose {
                self.team(t, 1, filtered);
            }
        }
        for body in [Branch::Eat, Branch::Ems] {
            let people = self.tree.body(body);
            if self.branch(body, 0, !people.is_empty(), filtered) {
                for &p in people {
                    self.person(body, p, 1, filtered);
                }
            }
        }
        let no_team = &self.tree.no_team;
        if !no_team.is_empty() && self.branch(Branch::NoTeam, 0, true, filtered) {
            for &p in no_team {
                self.person(Branch::NoTeam, p, 1, filtered);
            }
        }
        self.rows
    }

    /// Add a header or body row; returns whether its children should follow.
    fn branch(&mut self, b: Branch, depth: u16, expandable: bool, filtered: bool) -> bool {
        let below = self.matches.is_some_and(|m| m.branches_below.contains(&b));
        if filtered && !below {
            return false;
        }
        let expanded = expandable && self.tree.is_open(b, depth, below, self.large);
        self.push(Item::Branch(b), depth, expandable, expanded, false);
        expanded
    }

    fn push(&mut self, item: Item, depth: u16, expandable: bool, expanded: bool, hit: bool) {
        self.rows.push(Row {
            item,
            depth,
            expandable,
            expanded,
            hit,
        });
    }

    fn group(&mut self, g: GroupId, depth: u16, filtered: bool) {
        if !self.seen.insert(g) {
            return;
        }
        let (hit, below) = self.matches.map_or((false, false), |m| {
            (m.groups.contains(&g), m.groups_below.contains(&g))
        });
        if filtered && !hit && !below {
            return;
        }
        let s = self.structure;
        let expandable = !s.children(g).is_empty();
        let b = Branch::Group(g);
        let expanded = expandable && self.tree.is_open(b, depth, below, self.large);
        self.push(Item::Branch(b), depth, expandable, expanded, hit);
        if expanded {
            // Inside a matching group without matches below, show everything.
            let filtered = filtered && below;
            let kids: Vec<GroupId> = s.child_groups(g).collect();
            let teams: Vec<TeamId> = s.child_teams(g).collect();
            for c in kids {
                self.group(c, depth + 1, filtered);
            }
            for t in teams {
                self.team(t, depth + 1, filtered);
            }
        }
    }

    fn team(&mut self, t: TeamId, depth: u16, filtered: bool) {
        let Some(team) = self.org.team(t) else {
            return;
        };
        let (hit, below) = self.matches.map_or((false, false), |m| {
            (m.teams.contains(&t), m.teams_below.contains(&t))
        });
        if filtered && !hit && !below {
            return;
        }
        let b = Branch::Team(t);
        let expandable = team.headcount() > 0;
        let expanded = expandable && self.tree.is_open(b, depth, below, self.large);
        self.push(Item::Branch(b), depth, expandable, expanded, hit);
        if expanded {
            for p in team_people(self.org, team) {
                self.person(b, p, depth + 1, filtered && below);
            }
        }
    }

    fn person(&mut self, under: Branch, p: PersonId, depth: u16, filtered: bool) {
        let hit = self.matches.is_some_and(|m| m.people.contains(&p));
        if filtered && !hit {
            return;
        }
        self.push(Item::Person(under, p), depth, false, false, hit);
    }
}

/// A team's people: Product Owners, Scrum Masters, then Developers, each by name.
fn team_people(org: &Org, team: &Team) -> Vec<PersonId> {
    let mut people: Vec<PersonId> = team.people().into_iter().collect();
    people.sort_by_cached_key(|p| {
        (
            team.roles_of(*p).first().copied(),
            org.person_name(*p).to_lowercase(),
        )
    });
    people
}

/// The people of the EAT (PO, SM, members) or the EMS (facilitator, attendees), each once.
///
/// The EMS of a large org has thousands of attendees (every group's CPO), so this costs a sort
/// by name: the outline builds it once per change ([`Tree::body`]), never per frame.
pub(super) fn body_people(org: &Org, body: Branch) -> Vec<PersonId> {
    #[cfg(test)]
    tests::BODY_BUILDS.with(|n| n.set(n.get() + 1));
    let mut people: Vec<PersonId> = Vec::new();
    let mut seen: HashSet<PersonId> = HashSet::default();
    let mut add = |p: PersonId| {
        if seen.insert(p) {
            people.push(p);
        }
    };
    match body {
        Branch::Eat => {
            let eat = org.eat();
            eat.product_owner.into_iter().for_each(&mut add);
            eat.scrum_master.into_iter().for_each(&mut add);
            let mut rest: Vec<PersonId> = eat.members.iter().copied().collect();
            rest.sort_by_cached_key(|p| org.person_name(*p).to_lowercase());
            rest.into_iter().for_each(&mut add);
        }
        Branch::Ems => {
            let ems = org.ems();
            ems.facilitator.into_iter().for_each(&mut add);
            let mut rest: Vec<PersonId> = ems.attendees.iter().copied().collect();
            rest.sort_by_cached_key(|p| org.person_name(*p).to_lowercase());
            rest.into_iter().for_each(&mut add);
        }
        _ => {}
    }
    people
}

#[cfg(test)]
pub(super) mod tests {
    use std::cell::Cell;

    thread_local! {
        /// How often this thread built a body's list of people ([`super::body_people`]).
        pub(in crate::ui::outline) static BODY_BUILDS: Cell<usize> = const { Cell::new(0) };
    }
}
