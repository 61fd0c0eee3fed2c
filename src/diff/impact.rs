//! What a change does to the org: its figures side by side, the findings it adds and resolves,
//! and how stable the teams stay.

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::changes::Named;
use super::collect::{Keys, Namer, Side};
use super::matching::Matching;
use crate::model::{Org, PersonId, TeamId};
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

pub(crate) fn impact(base: &Org, target: &Org, m: &Matching) -> Impact {
    let (bf, tf) = (validate(base), validate(target));
    let (findings_added, findings_resolved) = compare_findings(&bf, &tf, m);
    Impact {
        base: Stats::of(base),
        target: Stats::of(target),
        base_counts: Counts::of(&bf),
        target_counts: Counts::of(&tf),
        findings_added,
        findings_resolved,
        stability: stability(base, target, m),
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

fn stability(base: &Org, target: &Org, m: &Matching) -> Stability {
    let namer = Namer { base, target, m };
    let bk = Keys { m, is_base: true };
    let tk = Keys { m, is_base: false };
    let teams_of = |org: &Org, keys: &Keys| -> HashMap<PersonId, Vec<Side<TeamId>>> {
        let mut out: HashMap<PersonId, Vec<Side<TeamId>>> = HashMap::default();
        for t in org.teams().values() {
            for p in t.people() {
                out.entry(p).or_default().push(keys.team(t.id));
            }
        }
        for v in out.values_mut() {
            v.sort_unstable();
        }
        out
    };
    let (bt, tt) = (teams_of(base, &bk), teams_of(target, &tk));
    let mut people_kept = 0;
    for (p, teams) in &bt {
        if let Some(tp) = m.people.target_of(*p)
            && tt.get(&tp) == Some(teams)
        {
            people_kept += 1;
        }
    }
    let mut teams = Vec::new();
    for (b, t) in m.teams.pairs() {
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
                team: namer.team(Side::Target(t)),
                kept,
                of: members.len(),
                joined,
            });
        }
    }
    Stability {
        people_in_teams: bt.len(),
        people_kept,
        teams,
    }
}
