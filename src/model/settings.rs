//! Per-organisation settings stored in the org file: which rule profile applies, threshold
//! overrides, and the growth fan-out. The rule engine (`crate::rules`) turns these into numbers.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A named set of rule thresholds (rulebook §4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum ProfileName {
    /// 3-9 people per team, counting everyone (the default).
    #[default]
    #[serde(rename = "two-pizza")]
    TwoPizza,
    /// Scrum Guide 2020: "10 or fewer".
    #[serde(rename = "scrum-guide-2020")]
    ScrumGuide2020,
    /// Scrum@Scale Guide 2022: "fewer than 10", ideal 4-5 doers.
    #[serde(rename = "sas-2022")]
    Sas2022,
    /// Scrum Guide 2017: 3-9 Developers, PO and SM not counted.
    #[serde(rename = "scrum-guide-2017")]
    ScrumGuide2017,
}

impl ProfileName {
    pub const ALL: [ProfileName; 4] = [
        ProfileName::TwoPizza,
        ProfileName::ScrumGuide2020,
        ProfileName::Sas2022,
        ProfileName::ScrumGuide2017,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProfileName::TwoPizza => "two-pizza",
            ProfileName::ScrumGuide2020 => "scrum-guide-2020",
            ProfileName::Sas2022 => "sas-2022",
            ProfileName::ScrumGuide2017 => "scrum-guide-2017",
        }
    }

    pub fn is_default(&self) -> bool {
        *self == ProfileName::TwoPizza
    }
}

impl fmt::Display for ProfileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ProfileName {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ProfileName::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let names: Vec<_> = ProfileName::ALL.iter().map(|p| p.as_str()).collect();
                format!(
                    "unknown profile `{s}`; known profiles: {}",
                    names.join(", ")
                )
            })
    }
}

/// How team size is counted (rulebook §4, `team_count`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TeamCount {
    /// Distinct people with any seat in the team.
    Whole,
    /// Developers only (a PO or SM who develops holds a Developer seat and counts).
    Doers,
}

/// Threshold overrides. Every key is optional; an absent key keeps the profile's value. For the
/// limits a profile may leave unset (`team_min`, `team_max`, `doers_ideal_max`), `0` switches the
/// check off.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_count: Option<TeamCount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_max: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doers_ideal_max: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_target_min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_target_max: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_warn_below: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_warn_above: Option<u32>,
    /// Like `group_*`, for groups at level 2 and above (rule V12). Default: the `group_*` values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper_target_min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper_target_max: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper_warn_below: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper_warn_above: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_depth: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sm_max_teams: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_scaled_roles: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ems_min_level: Option<u32>,
}

impl Overrides {
    pub fn is_empty(&self) -> bool {
        *self == Overrides::default()
    }

    /// Names of all override keys, as written in the file.
    pub const KEYS: [&'static str; 16] = [
        "team_count",
        "team_min",
        "team_max",
        "doers_ideal_max",
        "group_target_min",
        "group_target_max",
        "group_warn_below",
        "group_warn_above",
        "upper_target_min",
        "upper_target_max",
        "upper_warn_below",
        "upper_warn_above",
        "max_depth",
        "sm_max_teams",
        "max_scaled_roles",
        "ems_min_level",
    ];

    /// The numeric override slot for a key (all keys but `team_count`).
    pub fn slot_mut(&mut self, key: &str) -> Option<&mut Option<u32>> {
        Some(match key {
            "team_min" => &mut self.team_min,
            "team_max" => &mut self.team_max,
            "doers_ideal_max" => &mut self.doers_ideal_max,
            "group_target_min" => &mut self.group_target_min,
            "group_target_max" => &mut self.group_target_max,
            "group_warn_below" => &mut self.group_warn_below,
            "group_warn_above" => &mut self.group_warn_above,
            "upper_target_min" => &mut self.upper_target_min,
            "upper_target_max" => &mut self.upper_target_max,
            "upper_warn_below" => &mut self.upper_warn_below,
            "upper_warn_above" => &mut self.upper_warn_above,
            "max_depth" => &mut self.max_depth,
            "sm_max_teams" => &mut self.sm_max_teams,
            "max_scaled_roles" => &mut self.max_scaled_roles,
            "ems_min_level" => &mut self.ems_min_level,
            _ => return None,
        })
    }
}

/// Rule settings of an organisation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSettings {
    #[serde(default, skip_serializing_if = "ProfileName::is_default")]
    pub profile: ProfileName,
    #[serde(default, skip_serializing_if = "Overrides::is_empty")]
    pub overrides: Overrides,
}

impl RuleSettings {
    pub fn is_default(&self) -> bool {
        *self == RuleSettings::default()
    }

    /// Whether these settings can be used: `Err` says in plain words how they contradict each
    /// other (a minimum above its maximum, a warning threshold inside its target band, a zero
    /// depth, ...). The one check behind `SetRules`, the file loader and the designer, so that
    /// nothing can store settings the loader would refuse. The thresholds are resolved by the
    /// rule engine ([`crate::rules::Thresholds::checked`]).
    pub fn check(&self) -> Result<(), String> {
        crate::rules::Thresholds::checked(self).map(|_| ())
    }
}

/// The fan-out an org may record for growth (members per group), smallest and largest.
pub const FANOUT: std::ops::RangeInclusive<u32> = 2..=12;

/// Why a fan-out outside [`FANOUT`] is refused, in the words every front end shows.
pub fn fanout_problem(k: u32) -> Option<String> {
    (!FANOUT.contains(&k)).then(|| {
        format!(
            "fan-out must be between {} and {}, not {k}",
            FANOUT.start(),
            FANOUT.end()
        )
    })
}
