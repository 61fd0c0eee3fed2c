//! Headline numbers of an org: size, levels, roles, coordination paths. The closed forms it
//! compares the org with (the canonical structure, all-to-all paths) are growth's.

use serde::Serialize;

use crate::growth::all_to_all;
use crate::model::{Org, Structure};

/// Statistics of one org (what `orgscale stats` prints).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    pub name: String,
    pub teams: usize,
    pub real_teams: usize,
    pub virtual_teams: usize,
    pub people: usize,
    /// Group levels: 0 when there are no groups, 1 with only Scrums of Scrums, and so on.
    pub levels: u32,
    /// Groups per level, level 1 first.
    pub groups_per_level: Vec<usize>,
    /// Average people per real team (distinct people with any seat).
    pub average_team_size: f64,
    pub sosm_filled: usize,
    pub sosm_missing: usize,
    pub cpo_filled: usize,
    pub cpo_missing: usize,
    /// People sitting in Scaled Daily Scrums (one representative per member), per level.
    pub sds_seats_per_level: Vec<usize>,
    /// Coordination paths between team representatives if every team talked to every other:
    /// N(N-1)/2.
    pub paths_all_to_all: u64,
    /// Coordination paths of the hierarchy: c(c-1)/2 summed over groups with c members.
    pub paths_hierarchical: u64,
    pub eat_members: usize,
    pub ems_attendees: usize,
    /// Growth metrics: the largest group's member count (the fan-out in use), the levels the
    /// canonical structure of this many teams needs at that fan-out, and the master seats and
    /// Scaled Daily Scrum seats it would have (rulebook §6.1).
    pub growth: GrowthStats,
}

/// How the org compares with the canonical scale-free structure of its size.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GrowthStats {
    pub fanout_in_use: usize,
    pub canonical_levels: u32,
    pub canonical_groups_per_level: Vec<u64>,
    pub canonical_scaled_roles: u64,
    pub sds_seats: usize,
    pub canonical_sds_seats: u64,
    /// All-to-all paths divided by hierarchical paths (how many times fewer paths the hierarchy
    /// needs); 0 when there are no groups.
    pub path_ratio: f64,
}

impl Stats {
    pub fn of(org: &Org) -> Self {
        let s = org.structure();
        let levels = s.depth();
        let groups_per_level = s.groups_per_level();
        let mut sds_seats_per_level = vec![0; levels as usize];
        let mut paths_hierarchical = 0u64;
        let (mut sosm_filled, mut sosm_missing, mut cpo_filled, mut cpo_missing) = (0, 0, 0, 0);
        for g in org.groups().values() {
            let level = s.level(g.id) as usize;
            if level >= 1 && level <= sds_seats_per_level.len() {
                sds_seats_per_level[level - 1] += s.children(g.id).len();
            }
            paths_hierarchical += all_to_all(s.children(g.id).len() as u64);
            if g.masters.is_empty() {
                sosm_missing += 1;
            } else {
                sosm_filled += 1;
            }
            if g.cpos.is_empty() {
                cpo_missing += 1;
            } else {
                cpo_filled += 1;
            }
        }
        let real: Vec<_> = org.teams().values().filter(|t| t.is_real()).collect();
        let average_team_size = if real.is_empty() {
            0.0
        } else {
            real.iter().map(|t| t.headcount()).sum::<usize>() as f64 / real.len() as f64
        };
        let fanout_in_use = org
            .groups()
            .keys()
            .map(|g| s.children(*g).len())
            .max()
            .unwrap_or(0);
        let k = org
            .fanout()
            .map_or(fanout_in_use.max(2), |k| k as usize)
            .max(2) as u64;
        let canon = crate::growth::metrics(org.teams().len() as u64, k);
        let paths_all = all_to_all(org.teams().len() as u64);
        let growth = GrowthStats {
            fanout_in_use,
            canonical_levels: canon.levels,
            canonical_groups_per_level: canon.groups_per_level,
            canonical_scaled_roles: canon.scaled_roles,
            sds_seats: sds_seats_per_level.iter().sum(),
            canonical_sds_seats: canon.sds_seats,
            path_ratio: if paths_hierarchical == 0 {
                0.0
            } else {
                ((paths_all as f64 / paths_hierarchical as f64) * 100.0).round() / 100.0
            },
        };
        Stats {
            name: org.name().to_string(),
            teams: org.teams().len(),
            real_teams: real.len(),
            virtual_teams: org.teams().len() - real.len(),
            people: org.people().len(),
            levels,
            groups_per_level,
            average_team_size: (average_team_size * 100.0).round() / 100.0,
            sosm_filled,
            sosm_missing,
            cpo_filled,
            cpo_missing,
            sds_seats_per_level,
            paths_all_to_all: all_to_all(org.teams().len() as u64),
            paths_hierarchical,
            eat_members: org.eat().members.len(),
            ems_attendees: org.ems().attendees.len(),
            growth,
        }
    }

    /// A plain-text report.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut line = |k: &str, v: String| {
            out.push_str(&format!("{k:<28}{v}\n"));
        };
        line("Organisation", self.name.clone());
        line(
            "Teams",
            if self.virtual_teams > 0 {
                format!(
                    "{} ({} Scrum, {} virtual)",
                    self.teams, self.real_teams, self.virtual_teams
                )
            } else {
                self.teams.to_string()
            },
        );
        line("People", self.people.to_string());
        line(
            "Average team size",
            format!("{:.1}", self.average_team_size),
        );
        line("Levels", self.levels.to_string());
        for (i, n) in self.groups_per_level.iter().enumerate() {
            line(
                &format!("  {}", plural_label(i as u32 + 1)),
                format!("{n} (SDS seats: {})", self.sds_seats_per_level[i]),
            );
        }
        line(
            "SoSM roles",
            format!("{} filled, {} missing", self.sosm_filled, self.sosm_missing),
        );
        line(
            "CPO roles",
            format!("{} filled, {} missing", self.cpo_filled, self.cpo_missing),
        );
        line("EAT members", self.eat_members.to_string());
        line("EMS attendees", self.ems_attendees.to_string());
        line(
            "Coordination paths",
            format!(
                "{} hierarchical vs {} all-to-all{}",
                self.paths_hierarchical,
                self.paths_all_to_all,
                if self.paths_hierarchical > 0 && self.paths_hierarchical < self.paths_all_to_all {
                    format!(
                        " ({:.1}x fewer)",
                        self.paths_all_to_all as f64 / self.paths_hierarchical as f64
                    )
                } else {
                    String::new()
                }
            ),
        );
        let g = &self.growth;
        line(
            "Growth (fan-out)",
            format!(
                "largest group {}; canonical structure of {} teams: {} levels, {} masters/CPOs, {} SDS seats (here: {})",
                g.fanout_in_use,
                self.teams,
                g.canonical_levels,
                g.canonical_scaled_roles,
                g.canonical_sds_seats,
                g.sds_seats
            ),
        );
        out
    }
}

fn plural_label(level: u32) -> String {
    match level {
        1 => "Scrums of Scrums".to_string(),
        2 => "SoSoS".to_string(),
        n => format!("{}s", Structure::level_label(n)),
    }
}
