//! Rule profiles (rulebook §4) resolved into concrete thresholds.

use serde::Serialize;

use crate::model::{Overrides, ProfileName, RuleSettings, TeamCount};

/// Member-count bands for groups (V6 at level 1, V12 above).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Band {
    /// Below this: info (target band).
    pub target_min: u32,
    /// Above this: info (target band).
    pub target_max: u32,
    /// Below this: warning.
    pub warn_below: u32,
    /// Above this: warning.
    pub warn_above: u32,
}

/// Every threshold the rule engine uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Thresholds {
    pub profile: ProfileName,
    pub team_count: TeamCount,
    pub team_min: Option<u32>,
    pub team_max: Option<u32>,
    pub doers_ideal_max: Option<u32>,
    pub group: Band,
    pub upper: Band,
    pub max_depth: u32,
    pub sm_max_teams: u32,
    pub max_scaled_roles: u32,
    pub ems_min_level: u32,
    /// Keys whose value comes from the org's overrides rather than the profile.
    pub custom: Vec<&'static str>,
}

impl Thresholds {
    /// The team size range in words: "3–9", "at most 9", "at least 3", or none without limits.
    pub fn team_range(&self) -> Option<String> {
        match (self.team_min, self.team_max) {
            (Some(a), Some(b)) => Some(format!("{a}–{b}")),
            (None, Some(b)) => Some(format!("at most {b}")),
            (Some(a), None) => Some(format!("at least {a}")),
            (None, None) => None,
        }
    }

    /// The values of a profile with no overrides.
    pub fn profile(profile: ProfileName) -> Self {
        let band = Band {
            target_min: 4,
            target_max: 5,
            warn_below: 2,
            warn_above: 5,
        };
        let (team_count, team_min, team_max, doers_ideal_max) = match profile {
            ProfileName::TwoPizza => (TeamCount::Whole, Some(3), Some(9), None),
            ProfileName::ScrumGuide2020 => (TeamCount::Whole, None, Some(10), None),
            ProfileName::Sas2022 => (TeamCount::Whole, None, Some(9), Some(5)),
            ProfileName::ScrumGuide2017 => (TeamCount::Doers, Some(3), Some(9), None),
        };
        Thresholds {
            profile,
            team_count,
            team_min,
            team_max,
            doers_ideal_max,
            group: band,
            upper: band,
            max_depth: 3,
            sm_max_teams: 3,
            max_scaled_roles: 2,
            ems_min_level: 1,
            custom: Vec::new(),
        }
    }

    /// The settings' thresholds, or why they contradict each other (e.g. a minimum above the
    /// maximum), in words a user can act on.
    pub fn checked(settings: &RuleSettings) -> Result<Self, String> {
        let t = Thresholds::from_settings(settings);
        if let (Some(min), Some(max)) = (t.team_min, t.team_max)
            && min > max
        {
            return Err(format!(
                "the team minimum ({min}) is above the team maximum ({max})"
            ));
        }
        for (what, b) in [("group", t.group), ("upper-level group", t.upper)] {
            if b.target_min > b.target_max {
                return Err(format!(
                    "the {what} target minimum ({}) is above its maximum ({})",
                    b.target_min, b.target_max
                ));
            }
            if b.warn_below > b.target_min {
                return Err(format!(
                    "the {what} warning threshold below ({}) is above the target minimum ({})",
                    b.warn_below, b.target_min
                ));
            }
            if b.warn_above < b.target_max {
                return Err(format!(
                    "the {what} warning threshold above ({}) is below the target maximum ({})",
                    b.warn_above, b.target_max
                ));
            }
        }
        if t.max_depth == 0 || t.sm_max_teams == 0 || t.ems_min_level == 0 {
            return Err("max_depth, sm_max_teams and ems_min_level must be at least 1".to_string());
        }
        Ok(t)
    }

    /// How to name the source of a threshold in messages: "the two-pizza" or "this org's".
    pub fn source_of(&self, key: &str) -> String {
        if self.custom.contains(&key) {
            "this org's".to_string()
        } else {
            format!("the {}", self.profile)
        }
    }

    /// The profile of the settings with its overrides applied.
    pub fn from_settings(settings: &RuleSettings) -> Self {
        let mut t = Thresholds::profile(settings.profile);
        t.apply(&settings.overrides);
        t
    }

    /// Apply overrides; `0` switches off an optional limit.
    pub fn apply(&mut self, o: &Overrides) {
        for key in Overrides::KEYS {
            let set = match key {
                "team_count" => o.team_count.is_some(),
                _ => o.clone().slot_mut(key).is_some_and(|v| v.is_some()),
            };
            if set && !self.custom.contains(&key) {
                self.custom.push(key);
            }
        }
        let optional = |slot: &mut Option<u32>, v: Option<u32>| {
            if let Some(v) = v {
                *slot = (v != 0).then_some(v);
            }
        };
        if let Some(c) = o.team_count {
            self.team_count = c;
        }
        optional(&mut self.team_min, o.team_min);
        optional(&mut self.team_max, o.team_max);
        optional(&mut self.doers_ideal_max, o.doers_ideal_max);
        let set = |slot: &mut u32, v: Option<u32>| {
            if let Some(v) = v {
                *slot = v;
            }
        };
        set(&mut self.group.target_min, o.group_target_min);
        set(&mut self.group.target_max, o.group_target_max);
        set(&mut self.group.warn_below, o.group_warn_below);
        set(&mut self.group.warn_above, o.group_warn_above);
        // Upper levels follow the group band unless overridden themselves.
        self.upper = self.group;
        set(&mut self.upper.target_min, o.upper_target_min);
        set(&mut self.upper.target_max, o.upper_target_max);
        set(&mut self.upper.warn_below, o.upper_warn_below);
        set(&mut self.upper.warn_above, o.upper_warn_above);
        set(&mut self.max_depth, o.max_depth);
        set(&mut self.sm_max_teams, o.sm_max_teams);
        set(&mut self.max_scaled_roles, o.max_scaled_roles);
        set(&mut self.ems_min_level, o.ems_min_level);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_match_the_rulebook_table() {
        let t = Thresholds::profile(ProfileName::TwoPizza);
        assert_eq!(
            (t.team_min, t.team_max, t.doers_ideal_max),
            (Some(3), Some(9), None)
        );
        let t = Thresholds::profile(ProfileName::ScrumGuide2020);
        assert_eq!((t.team_min, t.team_max), (None, Some(10)));
        let t = Thresholds::profile(ProfileName::Sas2022);
        assert_eq!((t.team_max, t.doers_ideal_max), (Some(9), Some(5)));
        let t = Thresholds::profile(ProfileName::ScrumGuide2017);
        assert_eq!(t.team_count, TeamCount::Doers);
        assert_eq!(
            (
                t.max_depth,
                t.sm_max_teams,
                t.max_scaled_roles,
                t.ems_min_level
            ),
            (3, 3, 2, 1)
        );
    }

    #[test]
    fn overrides_replace_values_and_zero_switches_limits_off() {
        let settings = RuleSettings {
            profile: ProfileName::TwoPizza,
            overrides: Overrides {
                team_max: Some(12),
                team_min: Some(0),
                group_warn_above: Some(7),
                upper_warn_above: Some(8),
                ..Overrides::default()
            },
        };
        let t = Thresholds::from_settings(&settings);
        assert_eq!(t.team_max, Some(12));
        assert_eq!(t.team_min, None);
        assert_eq!(t.group.warn_above, 7);
        assert_eq!(t.upper.warn_above, 8);
        assert_eq!(t.upper.target_max, 5);
    }
}
