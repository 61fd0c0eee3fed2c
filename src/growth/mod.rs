//! Scale-free growth (rulebook §6): add teams one at a time and keep the structure self-similar.
//! A Scrum of Scrums takes at most `k` teams, a group at most `k` groups; when everything is full a
//! new group is opened next to the newest full one, seeded with one member moved over from it, and
//! a level is added when the top itself needs a sibling. Every group gets a master and a CPO from
//! its own subtree, and the EAT and EMS stay filled.
//!
//! Growth is deterministic: the same start, fan-out and team size give the same org. It is
//! expressed as model commands, so a grown part can be applied to a design as one undoable step.
//! A run can also be kept and resumed ([`Growth`]): growing on by one team costs one step, and
//! gives the same org as growing to that size in one go.
//!
//! The module holds the closed forms of growth too ([`closed`]): levels, groups, roles and
//! coordination paths for N teams, which statistics and the Growth view's charts use.

mod closed;
mod grower;
mod staff;

pub use closed::{ChartPoint, Metrics, all_to_all, hierarchical_paths, levels, metrics};
pub use staff::expected_ems;

use std::ops::RangeInclusive;

use crate::model::{Command, Eat, Ems, GroupId, Org, RoleHolder};
use grower::Grower;

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

/// The policy for a fan-out: `split`, except `append` for k = 2 (§6.2).
pub fn policy_for(fanout: usize) -> Policy {
    if fanout == 2 {
        Policy::Append
    } else {
        Policy::Split
    }
}

/// The fan-outs growth accepts: [`crate::model::FANOUT`], as member counts.
pub fn fanouts() -> RangeInclusive<usize> {
    let k = crate::model::FANOUT;
    *k.start() as usize..=*k.end() as usize
}

/// People per generated team growth accepts: PO, SM and at least one Developer.
pub const TEAM_SIZES: RangeInclusive<usize> = 3..=20;

/// The most teams growth grows to.
const MAX_TEAMS: usize = 100_000;

/// Growth parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// Members per group, within [`fanouts`] (default 5).
    pub fanout: usize,
    /// People per generated team: PO + SM + (size - 2) Developers; within [`TEAM_SIZES`]
    /// (default 5).
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
    #[error(
        "team size must be between {min} and {max} people, not {0}",
        min = TEAM_SIZES.start(),
        max = TEAM_SIZES.end()
    )]
    TeamSize(usize),
    #[error("the org already has {have} teams; ask for more than that to grow it")]
    AlreadyLarger { have: usize },
    #[error("at most 100,000 teams, not {0}")]
    TooMany(usize),
}

impl Params {
    pub fn check(&self) -> Result<(), GrowthError> {
        if !fanouts().contains(&self.fanout) {
            return Err(GrowthError::Fanout(self.fanout));
        }
        if !TEAM_SIZES.contains(&self.team_size) {
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

/// A growth run that can go on: it grows its start one team at a time and holds the grown,
/// staffed org at its size, the same as [`grow`] to that size gives. Growing on from 40 to 41
/// teams costs one step (and staffing the org afresh) instead of 41 steps.
///
/// Staffing runs on the finished structure, so growing on first takes back what staffing set
/// (the groups' masters and CPOs, the EAT and the EMS, as they were before) and staffs again
/// afterwards.
#[derive(Clone)]
pub struct Growth {
    grower: Grower,
    /// What staffing the org at this size changed.
    staffing: Staffing,
}

/// The scaled roles and bodies of an org before it was staffed, and the commands that staffed
/// it.
#[derive(Clone)]
struct Staffing {
    holders: Vec<(GroupId, Vec<RoleHolder>, Vec<RoleHolder>)>,
    eat: Eat,
    ems: Ems,
    commands: Vec<Command>,
}

impl Staffing {
    /// Staff `org`, remembering what it had.
    fn of(org: &mut Org) -> Self {
        let holders = org
            .groups
            .values()
            .map(|g| (g.id, g.masters.clone(), g.cpos.clone()))
            .collect();
        let (eat, ems) = (org.eat.clone(), org.ems.clone());
        let mut commands = Vec::new();
        staff::staff(org, &mut commands);
        Staffing {
            holders,
            eat,
            ems,
            commands,
        }
    }

    /// Nothing staffed (a placeholder while the org grows).
    fn empty() -> Self {
        Staffing {
            holders: Vec::new(),
            eat: Eat::default(),
            ems: Ems::default(),
            commands: Vec::new(),
        }
    }

    /// Give `org` back the roles and bodies it had before it was staffed.
    fn undo(self, org: &mut Org) {
        for (id, masters, cpos) in self.holders {
            if let Some(g) = org.groups.get_mut(&id) {
                g.masters = masters;
                g.cpos = cpos;
            }
        }
        org.eat = self.eat;
        org.ems = self.ems;
    }
}

impl Growth {
    /// A run that starts from `start` (staffed as growth staffs, like [`grow`] to its own size).
    pub fn new(start: &Org, params: Params) -> Result<Self, GrowthError> {
        params.check()?;
        let mut grower = Grower::new(start, params);
        let staffing = Staffing::of(&mut grower.org);
        Ok(Growth { grower, staffing })
    }

    /// A run that starts from a new, empty org.
    pub fn from_empty(name: &str, params: Params) -> Result<Self, GrowthError> {
        Growth::new(&Org::new(name), params)
    }

    pub fn params(&self) -> Params {
        self.grower.params
    }

    /// The number of teams grown to so far (the start's included).
    pub fn teams(&self) -> usize {
        self.grower.org.teams().len()
    }

    /// Grow on until the org has `teams` teams. A run never shrinks: fewer teams than it has
    /// is an error (start a new run for them).
    pub fn grow_to(&mut self, teams: usize) -> Result<(), GrowthError> {
        let have = self.teams();
        check_size(have, teams)?;
        if teams > have {
            let org = &mut self.grower.org;
            std::mem::replace(&mut self.staffing, Staffing::empty()).undo(org);
            for _ in have..teams {
                self.grower.add_team();
            }
            self.staffing = Staffing::of(&mut self.grower.org);
        }
        Ok(())
    }

    /// The grown, staffed org at this size: [`Grown::org`].
    pub fn org(&self) -> &Org {
        &self.grower.org
    }

    /// Existing teams or groups moved into another group so far.
    pub fn moves(&self) -> usize {
        self.grower.moves
    }

    /// Everything [`grow`] to this size gives; the run can go on.
    pub fn grown(&self) -> Grown {
        let mut commands = self.grower.commands.clone();
        commands.extend(self.staffing.commands.iter().cloned());
        Grown {
            org: self.grower.org.clone(),
            commands,
            moves: self.grower.moves,
        }
    }
}

/// Whether an org of `have` teams can grow to `teams`.
fn check_size(have: usize, teams: usize) -> Result<(), GrowthError> {
    if teams > MAX_TEAMS {
        Err(GrowthError::TooMany(teams))
    } else if teams < have {
        Err(GrowthError::AlreadyLarger { have })
    } else {
        Ok(())
    }
}

/// Grow `start` until it has `teams` teams.
pub fn grow(start: &Org, teams: usize, params: Params) -> Result<Grown, GrowthError> {
    params.check()?;
    let have = start.teams().len();
    check_size(have, teams)?;
    // Grown in one go, staffed once at the end.
    let mut g = Grower::new(start, params);
    for _ in have..teams {
        g.add_team();
    }
    let Grower {
        mut org,
        mut commands,
        moves,
        ..
    } = g;
    staff::staff(&mut org, &mut commands);
    Ok(Grown {
        org,
        commands,
        moves,
    })
}

/// Grow from nothing to `teams` teams.
pub fn grow_from_empty(name: &str, teams: usize, params: Params) -> Result<Grown, GrowthError> {
    grow(&Org::new(name), teams, params)
}

/// The commands that staff an org the way growth does: every group without exactly one valid
/// master or CPO gets one from its own subtree (fewest scaled roles first, depth-first order), and
/// the EAT and EMS are kept filled. Applies to `org` as it is.
pub fn staffing(org: &Org) -> Vec<Command> {
    let mut commands = Vec::new();
    staff::staff(&mut org.clone(), &mut commands);
    commands
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
