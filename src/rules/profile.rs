//! Rule profiles (rulebook §4) resolved into concrete thresholds.

use serde::Serialize;

use crate::model::{Overrides, ProfileName, RuleSettings, TeamCount, Threshold};

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

/// Which group CPOs attend the Executive MetaScrum (rule V15): those of every level from a fixed
/// one up, or `auto`, the top two group levels of the org (max(1, L - 1) for L levels). Written
/// `"auto"` or the level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EmsLevel {
    Auto,
    #[serde(untagged)]
    From(u32),
}

impl EmsLevel {
    /// The lowest level whose CPOs attend in an org whose deepest group level is `depth`.
    pub fn at(self, depth: u32) -> u32 {
        match self {
            EmsLevel::From(n) => n,
            EmsLevel::Auto => Threshold::EmsMinLevel.auto_at(depth).unwrap_or(1),
        }
    }
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
    pub ems_min_level: EmsLevel,
    /// The overlay checks' limits (O3, O6-O8); their values also come through
    /// [`Thresholds::value`].
    #[serde(skip)]
    pub overlay: super::overlay::OverlayLimits,
    /// Thresholds whose value comes from the org's overrides rather than the profile.
    pub custom: Vec<Threshold>,
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
        Thresholds::from_settings(&RuleSettings {
            profile,
            overrides: Overrides::default(),
        })
    }

    /// The settings' thresholds, or why they contradict each other (e.g. a minimum above the
    /// maximum), in words a user can act on ([`RuleSettings::check`]).
    pub fn checked(settings: &RuleSettings) -> Result<Self, String> {
        settings.check()?;
        Ok(Thresholds::from_settings(settings))
    }

    /// How to name the source of a threshold in messages: "the two-pizza" or "this org's".
    pub fn source_of(&self, t: Threshold) -> String {
        if self.custom.contains(&t) {
            "this org's".to_string()
        } else {
            format!("the {}", self.profile)
        }
    }

    /// The value of one threshold; `None` when an optional limit is off, [`Threshold::AUTO`] when
    /// it is `auto`.
    pub fn value(&self, t: Threshold) -> Option<u32> {
        use Threshold::*;
        match t {
            TeamMin => self.team_min,
            TeamMax => self.team_max,
            DoersIdealMax => self.doers_ideal_max,
            GroupTargetMin => Some(self.group.target_min),
            GroupTargetMax => Some(self.group.target_max),
            GroupWarnBelow => Some(self.group.warn_below),
            GroupWarnAbove => Some(self.group.warn_above),
            UpperTargetMin => Some(self.upper.target_min),
            UpperTargetMax => Some(self.upper.target_max),
            UpperWarnBelow => Some(self.upper.warn_below),
            UpperWarnAbove => Some(self.upper.warn_above),
            MaxDepth => Some(self.max_depth),
            SmMaxTeams => Some(self.sm_max_teams),
            MaxScaledRoles => Some(self.max_scaled_roles),
            EmsMinLevel => Some(match self.ems_min_level {
                EmsLevel::Auto => Threshold::AUTO,
                EmsLevel::From(n) => n,
            }),
            SprintMaxWeeks => Some(self.overlay.sprint_max_weeks),
            EscalationMaxMinutes => Some(
                self.overlay
                    .escalation_max_minutes
                    .unwrap_or(Threshold::AUTO),
            ),
            LoadMaxDeveloper | LoadMaxProductOwner | LoadMaxScrumMaster | LoadMaxSosm
            | LoadMaxCpo | LoadMaxEat | LoadMaxEms => self.overlay.load_max_of(t),
            MeetingMax => self.overlay.meeting_max,
        }
    }

    /// The profile of the settings with its overrides applied: every value from the model's one
    /// table ([`Threshold::spec`]) through [`RuleSettings::value`].
    pub fn from_settings(settings: &RuleSettings) -> Self {
        use Threshold::*;
        let v = |t: Threshold| settings.value(t);
        // Required thresholds always have a value in the table; 0 stands in if one ever lacks it.
        let n = |t: Threshold| v(t).unwrap_or(0);
        let band = |[target_min, target_max, warn_below, warn_above]: [Threshold; 4]| Band {
            target_min: n(target_min),
            target_max: n(target_max),
            warn_below: n(warn_below),
            warn_above: n(warn_above),
        };
        Thresholds {
            profile: settings.profile,
            team_count: settings.team_count(),
            team_min: v(TeamMin),
            team_max: v(TeamMax),
            doers_ideal_max: v(DoersIdealMax),
            group: band([
                GroupTargetMin,
                GroupTargetMax,
                GroupWarnBelow,
                GroupWarnAbove,
            ]),
            upper: band([
                UpperTargetMin,
                UpperTargetMax,
                UpperWarnBelow,
                UpperWarnAbove,
            ]),
            max_depth: n(MaxDepth),
            sm_max_teams: n(SmMaxTeams),
            max_scaled_roles: n(MaxScaledRoles),
            ems_min_level: if settings.is_auto(EmsMinLevel) {
                EmsLevel::Auto
            } else {
                EmsLevel::From(n(EmsMinLevel))
            },
            overlay: super::overlay::OverlayLimits {
                sprint_max_weeks: n(SprintMaxWeeks),
                escalation_max_minutes: (!settings.is_auto(EscalationMaxMinutes))
                    .then(|| n(EscalationMaxMinutes)),
                load_max: super::overlay::LOAD_KEYS.map(|(r, t)| (r, v(t))),
                meeting_max: v(MeetingMax),
            },
            custom: Threshold::ALL
                .into_iter()
                .filter(|t| settings.is_custom(*t))
                .collect(),
        }
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
            (3, 3, 2, EmsLevel::Auto)
        );
        for p in ProfileName::ALL {
            assert_eq!(Thresholds::profile(p).ems_min_level, EmsLevel::Auto, "{p}");
        }
    }

    #[test]
    fn the_ems_level_is_auto_or_the_file_s_number() {
        let auto = Thresholds::profile(ProfileName::TwoPizza).ems_min_level;
        let levels: Vec<u32> = (0..=4).map(|l| auto.at(l)).collect();
        assert_eq!(levels, [1, 1, 1, 2, 3]);
        let fixed = Thresholds::from_settings(&RuleSettings {
            overrides: Overrides {
                ems_min_level: Some(1),
                ..Overrides::default()
            },
            ..RuleSettings::default()
        });
        assert_eq!(fixed.ems_min_level, EmsLevel::From(1));
        assert_eq!(fixed.ems_min_level.at(5), 1);
        assert_eq!(fixed.custom, [Threshold::EmsMinLevel]);
        assert_eq!(
            serde_json::to_value([EmsLevel::Auto, EmsLevel::From(2)]).unwrap(),
            serde_json::json!(["auto", 2])
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
