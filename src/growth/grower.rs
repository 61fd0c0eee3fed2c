//! The bookkeeping of one growth run: which groups each level has, which have room, who their
//! members are, and the commands so far. Growing the structure lives here; staffing it is
//! [`super::staff`], which runs on the finished structure.

use rustc_hash::FxHashMap as HashMap;

use super::{Params, Policy};
use crate::model::{Command, Group, GroupId, Org, Person, PersonId, Team, TeamId, Unit};
use crate::names;

/// Bookkeeping of one growth run.
#[derive(Clone)]
pub(super) struct Grower {
    pub(super) org: Org,
    pub(super) params: Params,
    pub(super) commands: Vec<Command>,
    pub(super) moves: usize,
    /// Groups per level (index 0 = level 1) in creation order.
    levels: Vec<Vec<GroupId>>,
    level_of: HashMap<GroupId, usize>,
    /// Members of each group, as the grower sees them.
    members: HashMap<GroupId, Vec<Unit>>,
    parent: HashMap<GroupId, Option<GroupId>>,
    new_teams: usize,
    new_groups: Vec<usize>,
    new_people: usize,
    /// Per level, the groups with room for another member (newest = largest id).
    open: Vec<std::collections::BTreeSet<GroupId>>,
    /// Team names in use, so generated names never repeat.
    team_names: rustc_hash::FxHashSet<String>,
}

impl Grower {
    pub(super) fn new(start: &Org, params: Params) -> Self {
        let s = start.structure();
        let mut g = Grower {
            org: start.clone(),
            params,
            commands: Vec::new(),
            moves: 0,
            levels: Vec::new(),
            level_of: HashMap::default(),
            members: HashMap::default(),
            parent: HashMap::default(),
            new_teams: 0,
            new_groups: Vec::new(),
            new_people: start.people().len(),
            team_names: start.teams().values().map(|t| t.name.clone()).collect(),
            open: Vec::new(),
        };
        for (id, grp) in start.groups() {
            let level = s.level(*id) as usize;
            g.level_of.insert(*id, level);
            while g.levels.len() < level {
                g.levels.push(Vec::new());
            }
            g.levels[level - 1].push(*id);
            g.members.insert(*id, s.children(*id).to_vec());
            g.parent.insert(*id, grp.parent);
        }
        g.new_groups = vec![0; g.levels.len() + 1];
        let all: Vec<GroupId> = g.level_of.keys().copied().collect();
        for id in all {
            g.recount(id);
        }
        g
    }

    /// Keep the open-slot index in step with a group's member count.
    fn recount(&mut self, g: GroupId) {
        let Some(&level) = self.level_of.get(&g) else {
            return;
        };
        while self.open.len() < level {
            self.open.push(Default::default());
        }
        if self.count(g) < self.params.fanout {
            self.open[level - 1].insert(g);
        } else {
            self.open[level - 1].remove(&g);
        }
    }

    fn run(&mut self, cmd: Command) {
        // Growth builds only valid commands (fresh ids, existing targets); debug builds check.
        cmd.apply_trusted(&mut self.org);
        self.commands.push(cmd);
    }

    fn k(&self) -> usize {
        self.params.fanout
    }

    fn count(&self, g: GroupId) -> usize {
        self.members.get(&g).map_or(0, Vec::len)
    }

    /// A fresh, unused name.
    fn unique_team_name(&mut self) -> String {
        loop {
            let name = names::team_name(self.new_teams);
            self.new_teams += 1;
            if self.team_names.insert(name.clone()) {
                return name;
            }
        }
    }

    fn new_person(&mut self) -> PersonId {
        let id = self.org.next_person_id();
        let name = names::person_name(self.new_people);
        self.new_people += 1;
        self.run(Command::AddPerson(Person {
            id,
            name,
            email: None,
        }));
        id
    }

    fn new_team(&mut self, group: Option<GroupId>) -> TeamId {
        let id = self.org.next_team_id();
        let mut t = Team::new(id, self.unique_team_name());
        t.group = group;
        t.product_owners.insert(self.new_person());
        t.scrum_masters.insert(self.new_person());
        for _ in 0..self.params.team_size - 2 {
            t.developers.insert(self.new_person());
        }
        self.run(Command::AddTeam(t));
        if let Some(g) = group {
            self.members.entry(g).or_default().push(Unit::Team(id));
            self.recount(g);
        }
        id
    }

    /// Open an empty group at `level` (1 = SoS) with no parent yet.
    fn new_group(&mut self, level: usize) -> GroupId {
        while self.levels.len() < level {
            self.levels.push(Vec::new());
        }
        while self.new_groups.len() <= level {
            self.new_groups.push(0);
        }
        let n = self.levels[level - 1].len() + self.new_groups[level];
        self.new_groups[level] += 1;
        let id = self.org.next_group_id();
        self.run(Command::AddGroup(Group::new(
            id,
            names::group_name(level as u32, n),
        )));
        self.levels[level - 1].push(id);
        self.level_of.insert(id, level);
        self.members.insert(id, Vec::new());
        self.parent.insert(id, None);
        self.recount(id);
        id
    }

    /// Move a unit into a group (or to the top), keeping the bookkeeping.
    fn put(&mut self, unit: Unit, into: GroupId, counts_as_move: bool) {
        let old = match unit {
            Unit::Team(t) => self.org.team(t).and_then(|t| t.group),
            Unit::Group(g) => self.parent.get(&g).copied().flatten(),
        };
        if old == Some(into) {
            return;
        }
        if let Some(o) = old {
            if let Some(m) = self.members.get_mut(&o) {
                m.retain(|u| *u != unit);
            }
            self.recount(o);
        }
        self.run(Command::Move {
            item: unit,
            to: Some(Unit::Group(into)),
        });
        self.members.entry(into).or_default().push(unit);
        self.recount(into);
        if let Unit::Group(g) = unit {
            self.parent.insert(g, Some(into));
        }
        if counts_as_move {
            self.moves += 1;
        }
    }

    /// Newest group at `level` with room for another member.
    fn open_slot(&self, level: usize) -> Option<GroupId> {
        self.open.get(level - 1)?.last().copied()
    }

    /// Add one team: into the newest Scrum of Scrums with room, else into a new one.
    pub(super) fn add_team(&mut self) {
        if self.levels.is_empty() || self.levels[0].is_empty() {
            // No Scrum of Scrums yet: the first team stands alone; the second forms the first SoS
            // together with it (a level is added).
            let loose: Vec<TeamId> = self
                .org
                .teams()
                .values()
                .filter(|t| t.group.is_none())
                .map(|t| t.id)
                .collect();
            if loose.is_empty() {
                self.new_team(None);
                return;
            }
            let sos = self.new_group(1);
            self.attach(sos, 1);
            for t in loose.into_iter().take(self.k().saturating_sub(1).max(1)) {
                self.put(Unit::Team(t), sos, false);
            }
            self.new_team(Some(sos));
            return;
        }
        if let Some(sos) = self.open_slot(1) {
            self.new_team(Some(sos));
            return;
        }
        // Every SoS is full: open a new one.
        let sos = self.new_group(1);
        let sibling = self.attach(sos, 1);
        if self.params.policy == Policy::Split {
            // Seed it with one team of its newest full sibling.
            let donor = sibling.or_else(|| self.newest_full_sibling(sos, 1));
            if let Some(d) = donor
                && let Some(Unit::Team(t)) = self.members.get(&d).and_then(|m| m.last().copied())
            {
                self.put(Unit::Team(t), sos, true);
            }
        }
        self.new_team(Some(sos));
    }

    /// Newest full group at `level` sharing a parent with `g`.
    fn newest_full_sibling(&self, g: GroupId, level: usize) -> Option<GroupId> {
        let parent = self.parent.get(&g).copied().flatten();
        self.levels[level - 1].iter().rev().copied().find(|s| {
            *s != g && self.parent.get(s).copied().flatten() == parent && self.count(*s) >= self.k()
        })
    }

    /// Attach a new group at `level` under a group one level up, opening one (and adding a
    /// level) as needed. Returns the full sibling the new group should take a member from, when
    /// attaching created a fresh parent seeded with that sibling.
    fn attach(&mut self, g: GroupId, level: usize) -> Option<GroupId> {
        if let Some(p) = self.open_slot(level + 1) {
            self.put(Unit::Group(g), p, false);
            return None;
        }
        let tops: Vec<GroupId> = self
            .levels
            .get(level - 1)
            .map(|l| {
                l.iter()
                    .copied()
                    .filter(|x| *x != g && self.parent.get(x).copied().flatten().is_none())
                    .collect()
            })
            .unwrap_or_default();
        let has_upper = self.levels.get(level).is_some_and(|l| !l.is_empty());
        if !has_upper {
            if tops.is_empty() {
                // The very first group: it is the top.
                return None;
            }
            // Add a level: a new top takes the old top(s) and the new group.
            let top = self.new_group(level + 1);
            for t in &tops {
                self.put(Unit::Group(*t), top, false);
            }
            self.put(Unit::Group(g), top, false);
            return tops.last().copied();
        }
        // Every group one level up is full: open one more there, seeded with one full sibling.
        let upper = self.new_group(level + 1);
        let upper_sibling = self.attach(upper, level + 1);
        let donor = upper_sibling.or_else(|| self.newest_full_sibling(upper, level + 1));
        let mut seed = None;
        if self.params.policy == Policy::Split
            && let Some(d) = donor
            && let Some(Unit::Group(c)) = self.members.get(&d).and_then(|m| m.last().copied())
        {
            self.put(Unit::Group(c), upper, true);
            seed = Some(c);
        }
        self.put(Unit::Group(g), upper, false);
        seed
    }
}
