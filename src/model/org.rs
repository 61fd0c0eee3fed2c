//! The organisation: people, teams, groups, EAT and EMS, plus derived structure queries.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::assessment::Assessment;
use super::cadence::Cadence;
use super::entities::{Eat, Ems, Group, Person, Team};
use super::ids::{GroupId, PersonId, TeamId, Unit};
use super::settings::RuleSettings;

/// A whole organisation. Read it freely; change it only through
/// [`Command`](super::Command)s (see [`History`](super::History)), which keep its invariants:
/// every id referenced exists, a team or group has at most one parent, and groups form no cycle.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Org {
    pub(crate) name: String,
    pub(crate) rules: RuleSettings,
    pub(crate) fanout: Option<u32>,
    pub(crate) people: BTreeMap<PersonId, Person>,
    pub(crate) teams: BTreeMap<TeamId, Team>,
    pub(crate) groups: BTreeMap<GroupId, Group>,
    pub(crate) eat: Eat,
    pub(crate) ems: Ems,
    /// When the org meets; none: the defaults, and no overlay checks.
    pub(crate) cadence: Option<Cadence>,
    /// The rating rounds of the two cycles; empty: none recorded.
    pub(crate) assessment: Assessment,
}

impl Org {
    /// An empty organisation with a name.
    pub fn new(name: impl Into<String>) -> Self {
        Org {
            name: name.into(),
            ..Org::default()
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn rules(&self) -> &RuleSettings {
        &self.rules
    }
    /// The cadence the file records, if any.
    pub fn cadence(&self) -> Option<&Cadence> {
        self.cadence.as_ref()
    }
    /// The rating rounds the file records (empty when none).
    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }
    /// The preferred fan-out (members per group) for growth, when the file sets one.
    pub fn fanout(&self) -> Option<u32> {
        self.fanout
    }
    pub fn people(&self) -> &BTreeMap<PersonId, Person> {
        &self.people
    }
    pub fn teams(&self) -> &BTreeMap<TeamId, Team> {
        &self.teams
    }
    pub fn groups(&self) -> &BTreeMap<GroupId, Group> {
        &self.groups
    }
    pub fn eat(&self) -> &Eat {
        &self.eat
    }
    pub fn ems(&self) -> &Ems {
        &self.ems
    }
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.get(&id)
    }
    pub fn team(&self, id: TeamId) -> Option<&Team> {
        self.teams.get(&id)
    }
    pub fn group(&self, id: GroupId) -> Option<&Group> {
        self.groups.get(&id)
    }

    /// Name of a person, or their id when unknown.
    pub fn person_name(&self, id: PersonId) -> String {
        self.people
            .get(&id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    /// Name of a team or group.
    pub fn unit_name(&self, unit: Unit) -> String {
        match unit {
            Unit::Team(t) => self
                .teams
                .get(&t)
                .map_or_else(|| t.to_string(), |t| t.name.clone()),
            Unit::Group(g) => self
                .groups
                .get(&g)
                .map_or_else(|| g.to_string(), |g| g.name.clone()),
        }
    }

    pub fn contains(&self, unit: Unit) -> bool {
        match unit {
            Unit::Team(t) => self.teams.contains_key(&t),
            Unit::Group(g) => self.groups.contains_key(&g),
        }
    }

    /// The group a team or group sits in.
    pub fn parent_of(&self, unit: Unit) -> Option<GroupId> {
        match unit {
            Unit::Team(t) => self.teams.get(&t).and_then(|t| t.group),
            Unit::Group(g) => self.groups.get(&g).and_then(|g| g.parent),
        }
    }

    /// The chain of groups above a unit, nearest first. Stops if it meets a cycle.
    pub fn ancestors(&self, unit: Unit) -> Vec<GroupId> {
        let mut out = Vec::new();
        let mut cur = self.parent_of(unit);
        while let Some(g) = cur {
            if out.contains(&g) || out.len() > self.groups.len() {
                break;
            }
            out.push(g);
            cur = self.groups.get(&g).and_then(|g| g.parent);
        }
        out
    }

    /// Whether `group` is `unit` itself or lies above it.
    pub fn is_within(&self, unit: Unit, group: GroupId) -> bool {
        if unit == Unit::Group(group) {
            return true;
        }
        // Walk up without allocating; the step bound guards against cycles in hostile data.
        let mut cur = self.parent_of(unit);
        for _ in 0..=self.groups.len() {
            match cur {
                Some(g) if g == group => return true,
                Some(g) => cur = self.groups.get(&g).and_then(|g| g.parent),
                None => return false,
            }
        }
        false
    }

    /// A free id for a new person, team or group: one more than the largest numeric id in use
    /// (slugs, which sort after every number, are passed over).
    pub fn next_person_id(&self) -> PersonId {
        self.people
            .range(..=PersonId::MAX_NUMERIC)
            .next_back()
            .map_or(PersonId(1), |(id, _)| id.next())
    }
    pub fn next_team_id(&self) -> TeamId {
        self.teams
            .range(..=TeamId::MAX_NUMERIC)
            .next_back()
            .map_or(TeamId(1), |(id, _)| id.next())
    }
    pub fn next_group_id(&self) -> GroupId {
        self.groups
            .range(..=GroupId::MAX_NUMERIC)
            .next_back()
            .map_or(GroupId(1), |(id, _)| id.next())
    }

    /// Derived structure: children, levels, top groups. O(teams + groups).
    pub fn structure(&self) -> Structure {
        Structure::of(self)
    }

    /// Every problem with the org's invariants (dangling ids, cycles). Empty for any org built
    /// through commands or loaded from a file; used by tests and as a guard by rule V17.
    pub fn integrity_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let person = |p: &PersonId, what: &str, problems: &mut Vec<String>| {
            if !self.people.contains_key(p) {
                problems.push(format!("{what} refers to unknown person {p}"));
            }
        };
        for (id, t) in &self.teams {
            if *id != t.id {
                problems.push(format!("team {} stored under {id}", t.id));
            }
            if let Some(g) = t.group
                && !self.groups.contains_key(&g)
            {
                problems.push(format!("team {id} is in unknown group {g}"));
            }
            for p in t.people().iter().chain(t.sds_rep.iter()) {
                person(p, &format!("team {id}"), &mut problems);
            }
        }
        for (id, g) in &self.groups {
            if *id != g.id {
                problems.push(format!("group {} stored under {id}", g.id));
            }
            if let Some(parent) = g.parent
                && !self.groups.contains_key(&parent)
            {
                problems.push(format!("group {id} is in unknown group {parent}"));
            }
            for h in g.masters.iter().chain(&g.cpos) {
                person(&h.person, &format!("group {id}"), &mut problems);
            }
            for w in [&g.masters, &g.cpos] {
                if !w.windows(2).all(|p| p[0].person < p[1].person) {
                    problems.push(format!(
                        "group {id} lists a role holder twice or out of order"
                    ));
                }
            }
            if let Some(p) = &g.sds_rep {
                person(p, &format!("group {id}"), &mut problems);
            }
        }
        for (id, p) in &self.people {
            if *id != p.id {
                problems.push(format!("person {} stored under {id}", p.id));
            }
        }
        let eat = &self.eat;
        for p in eat
            .members
            .iter()
            .chain(&eat.product_owner)
            .chain(&eat.scrum_master)
        {
            person(p, "the EAT", &mut problems);
        }
        for p in self.ems.attendees.iter().chain(&self.ems.facilitator) {
            person(p, "the EMS", &mut problems);
        }
        for r in &self.assessment.rounds {
            for g in r.groups() {
                if !self.groups.contains_key(&g) {
                    problems.push(format!(
                        "rating round \"{}\" rates unknown group {g}",
                        r.name
                    ));
                }
            }
        }
        if let Some((_, _, why)) = self.assessment.problem() {
            problems.push(why);
        }
        for cycle in self.cycles() {
            let names: Vec<String> = cycle.iter().map(|g| g.to_string()).collect();
            problems.push(format!("groups form a cycle: {}", names.join(" → ")));
        }
        problems
    }

    /// Cycles among group parent pointers, each listed once starting at its smallest id.
    pub fn cycles(&self) -> Vec<Vec<GroupId>> {
        // 0 = unvisited, 1 = on the current path, 2 = done.
        let mut state: HashMap<GroupId, u8> = HashMap::default();
        let mut cycles = Vec::new();
        for &start in self.groups.keys() {
            if state.get(&start).copied().unwrap_or(0) != 0 {
                continue;
            }
            let mut path = Vec::new();
            let mut cur = Some(start);
            while let Some(g) = cur {
                match state.get(&g).copied().unwrap_or(0) {
                    0 => {
                        state.insert(g, 1);
                        path.push(g);
                        cur = self.groups.get(&g).and_then(|g| g.parent);
                    }
                    1 => {
                        let at = path.iter().position(|x| *x == g).unwrap_or(0);
                        let mut cycle = path[at..].to_vec();
                        let min = cycle
                            .iter()
                            .enumerate()
                            .min_by_key(|(_, g)| **g)
                            .map_or(0, |(i, _)| i);
                        cycle.rotate_left(min);
                        cycle.push(cycle[0]);
                        cycles.push(cycle);
                        break;
                    }
                    _ => break,
                }
            }
            for g in path {
                state.insert(g, 2);
            }
        }
        cycles
    }
}

/// Derived, read-only view of the hierarchy.
#[derive(Clone, Debug, Default)]
pub struct Structure {
    children: HashMap<GroupId, Vec<Unit>>,
    levels: HashMap<GroupId, u32>,
    /// Groups with no parent, in id order.
    pub top_groups: Vec<GroupId>,
    /// Teams in no group, in id order.
    pub loose_teams: Vec<TeamId>,
}

impl Structure {
    fn of(org: &Org) -> Self {
        let mut s = Structure::default();
        for g in org.groups.values() {
            s.children.entry(g.id).or_default();
            match g.parent {
                Some(p) => s.children.entry(p).or_default().push(Unit::Group(g.id)),
                None => s.top_groups.push(g.id),
            }
        }
        for t in org.teams.values() {
            match t.group {
                Some(p) => s.children.entry(p).or_default().push(Unit::Team(t.id)),
                None => s.loose_teams.push(t.id),
            }
        }
        for kids in s.children.values_mut() {
            kids.sort_unstable();
        }
        // Levels bottom-up with an explicit stack (depth may be large in hostile files).
        for &g in org.groups.keys() {
            s.compute_level(g);
        }
        s
    }

    fn compute_level(&mut self, root: GroupId) -> u32 {
        if let Some(l) = self.levels.get(&root) {
            return *l;
        }
        // Iterative post-order; a group seen again while open (a cycle) counts as level 1.
        let mut stack: Vec<(GroupId, bool)> = vec![(root, false)];
        let mut open: HashSet<GroupId> = HashSet::default();
        while let Some((g, expanded)) = stack.pop() {
            if self.levels.contains_key(&g) {
                continue;
            }
            if expanded {
                let level = 1 + self
                    .child_groups(g)
                    .filter_map(|c| self.levels.get(&c).copied())
                    .max()
                    .unwrap_or(0);
                self.levels.insert(g, level);
                open.remove(&g);
                continue;
            }
            if !open.insert(g) {
                self.levels.insert(g, 1);
                continue;
            }
            stack.push((g, true));
            let kids: Vec<GroupId> = self.child_groups(g).collect();
            for c in kids {
                if !self.levels.contains_key(&c) && !open.contains(&c) {
                    stack.push((c, false));
                }
            }
        }
        self.levels.get(&root).copied().unwrap_or(1)
    }

    /// The hierarchy as a view shows it, levels unchanged: the members of `folded` groups are
    /// hidden, and with a non-empty `path` (a chain of groups from a top group down, each the
    /// parent of the next) only the last group's subtree is shown, under that chain alone.
    pub fn scoped(&self, folded: impl Fn(GroupId) -> bool, path: &[GroupId]) -> Structure {
        let mut children: HashMap<GroupId, Vec<Unit>> = HashMap::default();
        for (g, kids) in &self.children {
            let shown = if let Some(i) = path[..path.len().saturating_sub(1)]
                .iter()
                .position(|p| p == g)
            {
                vec![Unit::Group(path[i + 1])]
            } else if folded(*g) {
                Vec::new()
            } else {
                kids.clone()
            };
            children.insert(*g, shown);
        }
        let (top_groups, loose_teams) = match path.first() {
            Some(top) => (vec![*top], Vec::new()),
            None => (self.top_groups.clone(), self.loose_teams.clone()),
        };
        Structure {
            children,
            levels: self.levels.clone(),
            top_groups,
            loose_teams,
        }
    }

    /// Members of a group: its teams (id order), then its child groups (id order).
    pub fn children(&self, g: GroupId) -> &[Unit] {
        self.children.get(&g).map_or(&[], |v| v.as_slice())
    }

    pub fn child_groups(&self, g: GroupId) -> impl Iterator<Item = GroupId> + '_ {
        self.children(g).iter().filter_map(|u| match u {
            Unit::Group(c) => Some(*c),
            Unit::Team(_) => None,
        })
    }

    pub fn child_teams(&self, g: GroupId) -> impl Iterator<Item = TeamId> + '_ {
        self.children(g).iter().filter_map(|u| match u {
            Unit::Team(t) => Some(*t),
            Unit::Group(_) => None,
        })
    }

    /// Level of a group: 1 if it holds no groups, else 1 + the highest child level.
    pub fn level(&self, g: GroupId) -> u32 {
        self.levels.get(&g).copied().unwrap_or(1)
    }

    /// Depth of the hierarchy: the highest group level, 0 when there are no groups.
    pub fn depth(&self) -> u32 {
        self.levels.values().copied().max().unwrap_or(0)
    }

    /// All teams below a group, depth first in child order.
    pub fn teams_below(&self, g: GroupId) -> Vec<TeamId> {
        let mut out = Vec::new();
        let mut stack = vec![g];
        let mut seen = HashSet::default();
        while let Some(g) = stack.pop() {
            if !seen.insert(g) {
                continue;
            }
            for u in self.children(g).iter().rev() {
                match u {
                    Unit::Team(t) => out.push(*t),
                    Unit::Group(c) => stack.push(*c),
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// All groups below a group (not including it).
    pub fn groups_below(&self, g: GroupId) -> Vec<GroupId> {
        let mut out = Vec::new();
        let mut stack: Vec<GroupId> = self.child_groups(g).collect();
        let mut seen = HashSet::default();
        while let Some(c) = stack.pop() {
            if !seen.insert(c) {
                continue;
            }
            out.push(c);
            stack.extend(self.child_groups(c));
        }
        out.sort_unstable();
        out
    }

    /// How many groups each level holds, level 1 (the SoS) first.
    pub fn groups_per_level(&self) -> Vec<usize> {
        let mut out = vec![0; self.depth() as usize];
        for level in self.levels.values() {
            if *level >= 1 && *level as usize <= out.len() {
                out[*level as usize - 1] += 1;
            }
        }
        out
    }

    /// Human label for a level: SoS, SoSoS, then "level-n group".
    pub fn level_label(level: u32) -> String {
        match level {
            0 => "team".to_string(),
            1 => "SoS".to_string(),
            2 => "SoSoS".to_string(),
            n => format!("level-{n} group"),
        }
    }

    /// Human label for the master role at a level.
    pub fn master_label(level: u32) -> String {
        match level {
            1 => "SoSM".to_string(),
            2 => "SoSoSM".to_string(),
            n => format!("level-{n} master"),
        }
    }

    /// Human label for the CPO role at a level.
    pub fn cpo_label(level: u32) -> String {
        match level {
            1 => "CPO".to_string(),
            n => format!("level-{n} CPO"),
        }
    }
}
