//! What a change does to the org: its figures side by side, the findings it adds and resolves,
//! and how stable the teams stay.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;

use super::changes::Named;
use super::collect::{Keys, Namer, Side};
use super::matching::Matching;
use super::touched::Touched;
use crate::model::{Org, PersonId, TeamId, TeamRole};
use crate::rules::{Counts, Finding, RuleId, SubjectRef, validate};
use crate::stats::Stats;

/// The impact of going from the base to the target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Impact {
    pub base: Stats,
    pub target: Stats,
    /// Findings of each side by severity.
    pub base_counts: Counts,
    pub target_counts: Counts,
    /// Findings of the target that the base does not have (matched by rule and subject).
    pub findings_added: Vec<Finding>,
    /// Findings of the base that the target no longer has.
    pub findings_resolved: Vec<Finding>,
    pub stability: Stability,
}

/// How many people keep their team.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stability {
    /// People of the base who sat in a team.
    pub people_in_teams: usize,
    /// Of those, the ones who sit in exactly the same teams in the target.
    pub people_kept: usize,
    /// Teams on both sides whose members changed, with how many of their base members stayed.
    pub teams: Vec<TeamStability>,
}

impl Stability {
    /// The share of people who keep their team, 0-1 (1 when nobody was in a team).
    pub fn share(&self) -> f64 {
        if self.people_in_teams == 0 {
            1.0
        } else {
            self.people_kept as f64 / self.people_in_teams as f64
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeamStability {
    pub team: Named<TeamId>,
    /// Base members still in the team.
    pub kept: usize,
    /// Base members.
    pub of: usize,
    /// Members who were not in it before.
    pub joined: usize,
}

impl TeamStability {
    pub fn share(&self) -> f64 {
        if self.of == 0 {
            1.0
        } else {
            self.kept as f64 / self.of as f64
        }
    }
}

/// A finding's identity across the two sides: its rule and its subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum About {
    Org,
    Eat,
    Ems,
    Team(Side<TeamId>),
    Group(Side<crate::model::GroupId>),
    Person(Side<PersonId>),
}

pub(crate) fn impact(base: &Org, target: &Org, m: &Matching, touched: &Touched) -> Impact {
    let (bf, tf) = (validate(base), validate(target));
    let (findings_added, findings_resolved) = compare_findings(&bf, &tf, m);
    Impact {
        base: Stats::of(base),
        target: Stats::of(target),
        base_counts: Counts::of(&bf),
        target_counts: Counts::of(&tf),
        findings_added,
        findings_resolved,
        stability: stability(base, target, m, touched),
    }
}

fn about(s: SubjectRef, m: &Matching, is_base: bool) -> About {
    let keys = Keys { m, is_base };
    match s {
        SubjectRef::Org => About::Org,
        SubjectRef::Eat => About::Eat,
        SubjectRef::Ems => About::Ems,
        SubjectRef::Team(t) => About::Team(keys.team(t)),
        SubjectRef::Group(g) => About::Group(keys.group(g)),
        SubjectRef::Person(p) => About::Person(if !is_base {
            Side::Target(p)
        } else {
            m.people
                .target_of(p)
                .map_or(Side::BaseOnly(p), Side::Target)
        }),
    }
}

/// Findings added and resolved, matched by rule and subject (as a multiset: a rule that reports
/// one subject twice in the base and once in the target has resolved one).
pub(crate) fn compare_findings(
    base: &[Finding],
    target: &[Finding],
    m: &Matching,
) -> (Vec<Finding>, Vec<Finding>) {
    let mut count: HashMap<(RuleId, About), isize> = HashMap::default();
    for f in base {
        *count
            .entry((f.rule, about(f.subject, m, true)))
            .or_default() += 1;
    }
    let mut added = Vec::new();
    for f in target {
        let c = count
            .entry((f.rule, about(f.subject, m, false)))
            .or_default();
        if *c > 0 {
            *c -= 1;
        } else {
            added.push(f.clone());
        }
    }
    let mut resolved = Vec::new();
    for f in base.iter().rev() {
        let c = count
            .entry((f.rule, about(f.subject, m, true)))
            .or_default();
        if *c > 0 {
            *c -= 1;
            resolved.push(f.clone());
        }
    }
    resolved.reverse();
    (added, resolved)
}

fn stability(base: &Org, target: &Org, m: &Matching, touched: &Touched) -> Stability {
    let namer = Namer { base, target, m };
    let bk = Keys { m, is_base: true };
    let tk = Keys { m, is_base: false };
    // The teams of the people a changed unit touched; everyone else keeps every team.
    let teams_of = |org: &Org, keys: &Keys, wanted: &dyn Fn(PersonId) -> bool| {
        let mut out: HashMap<PersonId, Vec<Side<TeamId>>> = HashMap::default();
        for t in org.teams().values() {
            for p in TeamRole::ALL.into_iter().flat_map(|r| t.seats(r)) {
                if wanted(*p) {
                    out.entry(*p).or_default().push(keys.team(t.id));
                }
            }
        }
        for v in out.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        out
    };
    let bt = teams_of(base, &bk, &|p| touched.base_person(p, m));
    let tt = teams_of(target, &tk, &|p| touched.target_person(p, m));
    let mut seated: HashSet<PersonId> = HashSet::default();
    for t in base.teams().values() {
        seated.extend(TeamRole::ALL.into_iter().flat_map(|r| t.seats(r)));
    }
    let mut people_kept = seated.len() - bt.len();
    for (p, teams) in &bt {
        if let Some(tp) = m.people.target_of(*p)
            && tt.get(&tp) == Some(teams)
        {
            people_kept += 1;
        }
    }
    // Only matched teams whose seats differ can have lost or gained members; in base id order.
    let mut changed: Vec<(TeamId, TeamId)> = touched
        .teams
        .iter()
        .filter_map(|t| Some((m.teams.base_of(*t)?, *t)))
        .collect();
    changed.sort_unstable();
    let mut teams = Vec::new();
    for (b, t) in changed {
        let (Some(bteam), Some(tteam)) = (base.team(b), target.team(t)) else {
            continue;
        };
        let members = bteam.people();
        let kept = members
            .iter()
            .filter(|p| {
                m.people
                    .target_of(**p)
                    .is_some_and(|tp| tteam.has_member(tp))
            })
            .count();
        let joined = tteam
            .people()
            .iter()
            .filter(|tp| {
                m.people
                    .base_of(**tp)
                    .is_none_or(|bp| !members.contains(&bp))
            })
            .count();
        if kept < members.len() || joined > 0 {
            teams.push(TeamStability {
                team: namer.team(Side::Target(tteam.id)),
                kept,
                of: members.len(),
                joined,
            });
        }
    }
    Stability {
        people_in_teams: seated.len(),
        people_kept,
        teams,
    }
}
