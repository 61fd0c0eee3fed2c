//! Scale-free growth (rulebook §6): add teams one at a time and keep the structure self-similar.
//! A Scrum of Scrums takes at most `k` teams, a group at most `k` groups; when everything is full a
//! new group is opened next to the newest full one, seeded with one member moved over from it, and
//! a level is added when the top itself needs a sibling. Every group gets a master and a CPO from
//! its own subtree, and the EAT and EMS stay filled.
//!
//! Growth is deterministic: the same start, fan-out and team size give the same org. It is
//! expressed as model commands, so a grown part can be applied to a design as one undoable step.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{
    Body, Command, Group, GroupId, Org, Person, PersonId, ScaledRole, Structure, Team, TeamId,
    TeamRole, Unit,
};
use crate::sample;

/// How a full group makes room.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Policy {
    /// Open a new group seeded with one member of its newest full sibling (both keep ≥ 2
    /// members for k ≥ 3). The default.
    #[default]
    Split,
    /// Open a new group holding only the newcomer: no moves, but single-member groups until the
    /// next teams arrive. Used for k = 2, where a split would leave a single member.
    Append,
}

/// Growth parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// Members per group, 2-12 (default 5).
    pub fanout: usize,
    /// People per generated team: PO + SM + (size - 2) Developers; 3-20 (default 5).
    pub team_size: usize,
    pub policy: Policy,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            fanout: 5,
            team_size: 5,
            policy: Policy::Split,
        }
    }
}

/// Why growth cannot run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GrowthError {
    #[error("{}", crate::model::fanout_problem(u32::try_from(*.0).unwrap_or(u32::MAX)).unwrap_or_default())]
    Fanout(usize),
    #[error("team size must be between 3 and 20 people, not {0}")]
    TeamSize(usize),
    #[error("the org already has {have} teams; ask for more than that to grow it")]
    AlreadyLarger { have: usize },
    #[error("at most 100,000 teams, not {0}")]
    TooMany(usize),
}

impl Params {
    pub fn check(&self) -> Result<(), GrowthError> {
        let fanout = crate::model::FANOUT;
        if !(*fanout.start() as usize..=*fanout.end() as usize).contains(&self.fanout) {
            return Err(GrowthError::Fanout(self.fanout));
        }
        if !(3..=20).contains(&self.team_size) {
            return Err(GrowthError::TeamSize(self.team_size));
        }
        Ok(())
    }
}

/// The result of growing: the grown org and the commands that turn the start into it.
#[derive(Clone, Debug)]
pub struct Grown {
    pub org: Org,
    pub commands: Vec<Command>,
    /// Existing teams or groups moved into another group along the way.
    pub moves: usize,
}

/// Grow `start` until it has `teams` teams.
pub fn grow(start: &Org, teams: usize, params: Params) -> Result<Grown, GrowthError> {
    params.check()?;
    if teams > 100_000 {
        return Err(GrowthError::TooMany(teams));
    }
    let have = start.teams().len();
    if teams < have {
        return Err(GrowthError::AlreadyLarger { have });
    }
    let mut g = Grower::new(start, params);
    for _ in have..teams {
        g.add_team();
    }
    g.staff();
    Ok(Grown {
        org: g.org,
        commands: g.commands,
        moves: g.moves,
    })
}

/// The commands that staff an org the way growth does: every group without exactly one valid
/// master or CPO gets one from its own subtree (fewest scaled roles first, depth-first order), and
/// the EAT and EMS are kept filled. Applies to `org` as it is.
pub fn staffing(org: &Org) -> Vec<Command> {
    let mut g = Grower::new(org, Params::default());
    g.staff();
    g.commands
}

/// Grow from nothing to `teams` teams.
pub fn grow_from_empty(name: &str, teams: usize, params: Params) -> Result<Grown, GrowthError> {
    grow(&Org::new(name), teams, params)
}

/// Bookkeeping of one growth run.
struct Grower {
    org: Org,
    params: Params,
    commands: Vec<Command>,
    moves: usize,
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
    fn new(start: &Org, params: Params) -> Self {
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
            let name = sample::team_name(self.new_teams);
            self.new_teams += 1;
            if self.team_names.insert(name.clone()) {
                return name;
            }
        }
    }

    fn new_person(&mut self) -> PersonId {
        let id = self.org.next_person_id();
        let name = sample::person_name(self.new_people);
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
            sample::group_name(level as u32, n),
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

    fn add_team(&mut self) {
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

    /// Give every group without a valid master or CPO one from its own subtree (the candidate
    /// with the fewest scaled roles, first in depth-first order), then keep the EAT and EMS filled.
    fn staff(&mut self) {
        let s = self.org.structure();
        let mut roles: HashMap<PersonId, usize> = HashMap::default();
        for grp in self.org.groups().values() {
            for h in grp.masters.iter().chain(&grp.cpos) {
                *roles.entry(h.person).or_default() += 1;
            }
        }
        let mut order: Vec<GroupId> = self.org.groups().keys().copied().collect();
        order.sort_by_key(|g| (s.level(*g), *g));
        for g in order {
            for (role, seat) in [
                (ScaledRole::Master, TeamRole::ScrumMaster),
                (ScaledRole::ChiefProductOwner, TeamRole::ProductOwner),
            ] {
                let current = self.org.groups()[&g].holders(role).to_vec();
                let valid = current.len() == 1
                    && (current[0].dedicated
                        || is_candidate(&self.org, &s, g, current[0].person, role, seat));
                if valid {
                    continue;
                }
                let Some(pick) = best_candidate(&self.org, &s, g, role, seat, &roles) else {
                    continue;
                };
                for h in &current {
                    if let Some(n) = roles.get_mut(&h.person) {
                        *n = n.saturating_sub(1);
                    }
                }
                *roles.entry(pick).or_default() += 1;
                self.run(Command::assign(g, role, pick, false));
            }
        }
        self.staff_bodies(&s);
    }

    fn staff_bodies(&mut self, s: &Structure) {
        let Some(&top) = s.top_groups.first() else {
            return;
        };
        let top_group = self.org.groups()[&top].clone();
        let eat = self.org.eat().clone();
        if let Some(m) = top_group.master() {
            if !eat.members.contains(&m) {
                self.run(Command::SetBodyMember {
                    body: Body::Eat,
                    person: m,
                    member: true,
                });
            }
            if eat.scrum_master.is_none() {
                self.run(Command::SetEatScrumMaster(Some(m)));
            }
        }
        if let Some(c) = top_group.cpo() {
            if !eat.members.contains(&c) {
                self.run(Command::SetBodyMember {
                    body: Body::Eat,
                    person: c,
                    member: true,
                });
            }
            if eat.product_owner.is_none() {
                self.run(Command::SetEatProductOwner(Some(c)));
            }
            if self.org.ems().facilitator.is_none() {
                self.run(Command::SetEmsFacilitator(Some(c)));
            }
        }
        let attendees = expected_ems(&self.org, s);
        for p in attendees {
            if !self.org.ems().attendees.contains(&p) {
                self.run(Command::SetBodyMember {
                    body: Body::Ems,
                    person: p,
                    member: true,
                });
            }
        }
    }
}

/// Who should attend the Executive MetaScrum (rules V15 and V16): every group CPO and, while the
/// org has a single Scrum of Scrums, every team PO in it. Sorted, without repeats.
pub fn expected_ems(org: &Org, s: &Structure) -> Vec<PersonId> {
    let mut attendees: Vec<PersonId> = org
        .groups()
        .values()
        .flat_map(|g| g.cpos.iter().map(|h| h.person))
        .collect();
    let sos: Vec<GroupId> = org
        .groups()
        .keys()
        .copied()
        .filter(|g| s.level(*g) == 1)
        .collect();
    if let [only] = sos.as_slice() {
        for t in s.child_teams(*only) {
            attendees.extend(org.teams()[&t].product_owners.iter().copied());
        }
    }
    attendees.sort_unstable();
    attendees.dedup();
    attendees
}

/// Candidates for a group's scaled role (rulebook §3) in depth-first order: the child groups'
/// holders of the role first, then every SM / PO (for masters / CPOs) in the subtree.
fn for_each_candidate(
    org: &Org,
    s: &Structure,
    g: GroupId,
    role: ScaledRole,
    seat: TeamRole,
    mut visit: impl FnMut(PersonId) -> bool,
) {
    for c in s.child_groups(g) {
        for h in org.groups()[&c].holders(role) {
            if !visit(h.person) {
                return;
            }
        }
    }
    let mut stack = vec![g];
    while let Some(x) = stack.pop() {
        for t in s.child_teams(x) {
            for p in org.teams()[&t].seats(seat) {
                if !visit(*p) {
                    return;
                }
            }
        }
        let kids: Vec<GroupId> = s.child_groups(x).collect();
        stack.extend(kids.into_iter().rev());
    }
}

fn is_candidate(
    org: &Org,
    s: &Structure,
    g: GroupId,
    person: PersonId,
    role: ScaledRole,
    seat: TeamRole,
) -> bool {
    let mut found = false;
    for_each_candidate(org, s, g, role, seat, |p| {
        found = p == person;
        !found
    });
    found
}

/// The candidate with the fewest scaled roles, first in depth-first order (stops early at one
/// with none).
fn best_candidate(
    org: &Org,
    s: &Structure,
    g: GroupId,
    role: ScaledRole,
    seat: TeamRole,
    roles: &HashMap<PersonId, usize>,
) -> Option<PersonId> {
    let mut best: Option<(usize, PersonId)> = None;
    for_each_candidate(org, s, g, role, seat, |p| {
        let n = roles.get(&p).copied().unwrap_or(0);
        if best.is_none_or(|(b, _)| n < b) {
            best = Some((n, p));
        }
        n > 0
    });
    best.map(|(_, p)| p)
}

/// Closed-form numbers of the canonical structure (rulebook §6.1) for `n` teams and fan-out `k`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Metrics {
    pub teams: u64,
    pub fanout: u64,
    /// L(N): the smallest L with k^L ≥ N.
    pub levels: u32,
    /// u_ℓ(N) for ℓ = 1..L.
    pub groups_per_level: Vec<u64>,
    /// U(N) = Σ u_ℓ: master seats, and as many CPO seats.
    pub scaled_roles: u64,
    /// S(N) = N + U - 1 Scaled Daily Scrum representative seats (0 for a lone team).
    pub sds_seats: u64,
    /// F(N) = N(N-1)/2.
    pub paths_all_to_all: u64,
}

/// L(N) with integers (floating point gets log_5(125) wrong).
pub fn levels(n: u64, k: u64) -> u32 {
    let (mut l, mut cap) = (0u32, 1u64);
    while cap < n {
        cap = cap.saturating_mul(k.max(2));
        l += 1;
    }
    l
}

/// The closed forms for `n` teams at fan-out `k`.
pub fn metrics(n: u64, k: u64) -> Metrics {
    let l = levels(n, k);
    let mut per_level = Vec::with_capacity(l as usize);
    let mut u = n;
    for _ in 0..l {
        u = u.div_ceil(k.max(2));
        per_level.push(u);
    }
    let scaled: u64 = per_level.iter().sum();
    Metrics {
        teams: n,
        fanout: k,
        levels: l,
        groups_per_level: per_level,
        scaled_roles: scaled,
        sds_seats: if n <= 1 { 0 } else { n + scaled - 1 },
        paths_all_to_all: crate::stats::all_to_all(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Severity, validate};

    fn shape(org: &Org) -> Vec<Vec<usize>> {
        let s = org.structure();
        let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); s.depth() as usize];
        for g in org.groups().keys() {
            by_level[s.level(*g) as usize - 1].push(s.children(*g).len());
        }
        by_level
    }

    #[test]
    fn closed_forms_match_the_worked_table() {
        let m = metrics(3125, 5);
        assert_eq!(m.levels, 5);
        assert_eq!(m.groups_per_level, vec![625, 125, 25, 5, 1]);
        assert_eq!(m.scaled_roles, 781);
        assert_eq!(m.sds_seats, 3905);
        assert_eq!(m.paths_all_to_all, 4_881_250);
        assert_eq!(levels(125, 5), 3);
        assert_eq!(levels(1, 5), 0);
        assert_eq!(metrics(126, 5).groups_per_level, vec![26, 6, 2, 1]);
    }

    #[test]
    fn guide_structures_at_5_25_125_teams() {
        let p = Params::default();
        let g5 = grow_from_empty("g", 5, p).unwrap().org;
        assert_eq!(shape(&g5), vec![vec![5]]);
        let g25 = grow_from_empty("g", 25, p).unwrap().org;
        assert_eq!(shape(&g25), vec![vec![5; 5], vec![5]]);
        let g125 = grow_from_empty("g", 125, p).unwrap().org;
        assert_eq!(shape(&g125), vec![vec![5; 25], vec![5; 5], vec![5]]);
        for org in [&g5, &g25, &g125] {
            let f = validate(org);
            assert!(f.iter().all(|f| f.severity == Severity::Info), "{f:#?}");
        }
    }

    #[test]
    fn six_teams_split_into_four_and_two() {
        let g = grow_from_empty("g", 6, Params::default()).unwrap();
        let mut s = shape(&g.org);
        s[0].sort_unstable();
        assert_eq!(s, vec![vec![2, 4], vec![2]]);
        assert_eq!(g.moves, 1);
    }
}
