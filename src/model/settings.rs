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
/// check off. `ems_min_level` is `"auto"` or a level in the file; in memory `auto` is
/// [`Threshold::AUTO`] (0), as `0` is "off" for the optional limits.
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
    /// The lowest group level whose CPOs attend the EMS (rule V15): `"auto"` (the profiles'
    /// default: max(1, L - 1) for an org of L group levels, the top two levels) or a level from 1.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "auto_or_level"
    )]
    #[schemars(schema_with = "auto_or_level::schema")]
    pub ems_min_level: Option<u32>,
    /// The longest Sprint in weeks (overlay check O3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sprint_max_weeks: Option<u32>,
    /// The longest escalation from a team's Daily Scrum to the EAT, in minutes of working time
    /// (O6): `"auto"` (the default) is the same working day.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "auto_or_level"
    )]
    #[schemars(schema_with = "auto_or_level::schema")]
    pub escalation_max_minutes: Option<u32>,
    /// The largest share of working time in events, in percent, per role (O7; 0: off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_max_developer: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_max_product_owner: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_max_scrum_master: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_max_sosm: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_max_cpo: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_max_eat: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_max_ems: Option<u32>,
    /// The most attendees an event may have (O8; 0: off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_max: Option<u32>,
}

/// `"auto"` or a level (at least 1) in the file, [`Threshold::AUTO`] or the level in memory.
mod auto_or_level {
    use std::fmt;

    use serde::de::{self, Visitor};
    use serde::{Deserializer, Serializer};

    use super::Threshold;

    const AUTO: &str = "auto";

    pub fn serialize<S: Serializer>(v: &Option<u32>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            None => s.serialize_none(),
            Some(Threshold::AUTO) => s.serialize_str(AUTO),
            Some(n) => s.serialize_u32(*n),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        d.deserialize_option(Auto)
    }

    struct Auto;

    impl<'de> Visitor<'de> for Auto {
        type Value = Option<u32>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("\"auto\" or a level of at least 1")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            if v == AUTO {
                Ok(Some(Threshold::AUTO))
            } else {
                Err(E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            match u32::try_from(v) {
                Ok(n) if n >= 1 => Ok(Some(n)),
                _ => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
            }
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            match u64::try_from(v) {
                Ok(v) => self.visit_u64(v),
                Err(_) => Err(E::invalid_value(de::Unexpected::Signed(v), &self)),
            }
        }
    }

    pub fn schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": "string", "const": AUTO },
                { "type": "integer", "format": "uint32", "minimum": 1 },
                { "type": "null" }
            ]
        })
    }
}

impl Overrides {
    pub fn is_empty(&self) -> bool {
        *self == Overrides::default()
    }

    /// The override of a numeric threshold, if the org sets one (`Some(0)` switches an optional
    /// limit off, and is `auto` for a threshold that has it: [`Threshold::AUTO`]).
    pub fn get(&self, t: Threshold) -> Option<u32> {
        *self.slot(t)
    }

    /// Set or clear (`None`) the override of a numeric threshold.
    pub fn set(&mut self, t: Threshold, value: Option<u32>) {
        *self.slot_mut(t) = value;
    }

    fn slot(&self, t: Threshold) -> &Option<u32> {
        match t {
            Threshold::TeamMin => &self.team_min,
            Threshold::TeamMax => &self.team_max,
            Threshold::DoersIdealMax => &self.doers_ideal_max,
            Threshold::GroupTargetMin => &self.group_target_min,
            Threshold::GroupTargetMax => &self.group_target_max,
            Threshold::GroupWarnBelow => &self.group_warn_below,
            Threshold::GroupWarnAbove => &self.group_warn_above,
            Threshold::UpperTargetMin => &self.upper_target_min,
            Threshold::UpperTargetMax => &self.upper_target_max,
            Threshold::UpperWarnBelow => &self.upper_warn_below,
            Threshold::UpperWarnAbove => &self.upper_warn_above,
            Threshold::MaxDepth => &self.max_depth,
            Threshold::SmMaxTeams => &self.sm_max_teams,
            Threshold::MaxScaledRoles => &self.max_scaled_roles,
            Threshold::EmsMinLevel => &self.ems_min_level,
            Threshold::SprintMaxWeeks => &self.sprint_max_weeks,
            Threshold::EscalationMaxMinutes => &self.escalation_max_minutes,
            Threshold::LoadMaxDeveloper => &self.load_max_developer,
            Threshold::LoadMaxProductOwner => &self.load_max_product_owner,
            Threshold::LoadMaxScrumMaster => &self.load_max_scrum_master,
            Threshold::LoadMaxSosm => &self.load_max_sosm,
            Threshold::LoadMaxCpo => &self.load_max_cpo,
            Threshold::LoadMaxEat => &self.load_max_eat,
            Threshold::LoadMaxEms => &self.load_max_ems,
            Threshold::MeetingMax => &self.meeting_max,
        }
    }

    fn slot_mut(&mut self, t: Threshold) -> &mut Option<u32> {
        match t {
            Threshold::TeamMin => &mut self.team_min,
            Threshold::TeamMax => &mut self.team_max,
            Threshold::DoersIdealMax => &mut self.doers_ideal_max,
            Threshold::GroupTargetMin => &mut self.group_target_min,
            Threshold::GroupTargetMax => &mut self.group_target_max,
            Threshold::GroupWarnBelow => &mut self.group_warn_below,
            Threshold::GroupWarnAbove => &mut self.group_warn_above,
            Threshold::UpperTargetMin => &mut self.upper_target_min,
            Threshold::UpperTargetMax => &mut self.upper_target_max,
            Threshold::UpperWarnBelow => &mut self.upper_warn_below,
            Threshold::UpperWarnAbove => &mut self.upper_warn_above,
            Threshold::MaxDepth => &mut self.max_depth,
            Threshold::SmMaxTeams => &mut self.sm_max_teams,
            Threshold::MaxScaledRoles => &mut self.max_scaled_roles,
            Threshold::EmsMinLevel => &mut self.ems_min_level,
            Threshold::SprintMaxWeeks => &mut self.sprint_max_weeks,
            Threshold::EscalationMaxMinutes => &mut self.escalation_max_minutes,
            Threshold::LoadMaxDeveloper => &mut self.load_max_developer,
            Threshold::LoadMaxProductOwner => &mut self.load_max_product_owner,
            Threshold::LoadMaxScrumMaster => &mut self.load_max_scrum_master,
            Threshold::LoadMaxSosm => &mut self.load_max_sosm,
            Threshold::LoadMaxCpo => &mut self.load_max_cpo,
            Threshold::LoadMaxEat => &mut self.load_max_eat,
            Threshold::LoadMaxEms => &mut self.load_max_ems,
            Threshold::MeetingMax => &mut self.meeting_max,
        }
    }
}

/// A numeric rule threshold: a profile gives it a value and an org may override it. Every fact
/// about a threshold (its key in the file, what it means, its smallest sensible value, its value
/// in each profile) is in the one table of [`Threshold::spec`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Threshold {
    TeamMin,
    TeamMax,
    DoersIdealMax,
    GroupTargetMin,
    GroupTargetMax,
    GroupWarnBelow,
    GroupWarnAbove,
    UpperTargetMin,
    UpperTargetMax,
    UpperWarnBelow,
    UpperWarnAbove,
    MaxDepth,
    SmMaxTeams,
    MaxScaledRoles,
    EmsMinLevel,
    SprintMaxWeeks,
    EscalationMaxMinutes,
    LoadMaxDeveloper,
    LoadMaxProductOwner,
    LoadMaxScrumMaster,
    LoadMaxSosm,
    LoadMaxCpo,
    LoadMaxEat,
    LoadMaxEms,
    MeetingMax,
}

/// One row of the threshold table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThresholdSpec {
    /// The key in the file's `rules.overrides` (and in messages about the file).
    pub key: &'static str,
    /// Plain words for it, as the rules window shows it.
    pub meaning: &'static str,
    /// The smallest value that makes sense; for optional limits 0 means "off".
    pub minimum: u32,
    /// Whether 0 switches the limit off (a profile may leave it unset).
    pub optional: bool,
    /// What `auto` means, in words, for a threshold that can be `auto` ([`Threshold::AUTO`] in
    /// memory, `"auto"` in the file): a value worked out from the org's shape
    /// ([`Threshold::auto_at`]).
    pub auto: Option<&'static str>,
    /// The value in each profile, in [`ProfileName::ALL`] order; `None` is "off".
    pub defaults: [Option<u32>; 4],
}

impl Threshold {
    /// The value that stands for `auto` in memory, for thresholds that can be `auto`
    /// ([`Threshold::auto`]); the file writes `"auto"`.
    pub const AUTO: u32 = 0;

    pub const ALL: [Threshold; 25] = [
        Threshold::TeamMin,
        Threshold::TeamMax,
        Threshold::DoersIdealMax,
        Threshold::GroupTargetMin,
        Threshold::GroupTargetMax,
        Threshold::GroupWarnBelow,
        Threshold::GroupWarnAbove,
        Threshold::UpperTargetMin,
        Threshold::UpperTargetMax,
        Threshold::UpperWarnBelow,
        Threshold::UpperWarnAbove,
        Threshold::MaxDepth,
        Threshold::SmMaxTeams,
        Threshold::MaxScaledRoles,
        Threshold::EmsMinLevel,
        Threshold::SprintMaxWeeks,
        Threshold::EscalationMaxMinutes,
        Threshold::LoadMaxDeveloper,
        Threshold::LoadMaxProductOwner,
        Threshold::LoadMaxScrumMaster,
        Threshold::LoadMaxSosm,
        Threshold::LoadMaxCpo,
        Threshold::LoadMaxEat,
        Threshold::LoadMaxEms,
        Threshold::MeetingMax,
    ];

    /// The table (rulebook §4). Profiles in [`ProfileName::ALL`] order: two-pizza,
    /// scrum-guide-2020, sas-2022, scrum-guide-2017.
    pub const fn spec(self) -> ThresholdSpec {
        const fn row(
            key: &'static str,
            meaning: &'static str,
            minimum: u32,
            optional: bool,
            defaults: [Option<u32>; 4],
        ) -> ThresholdSpec {
            ThresholdSpec {
                key,
                meaning,
                minimum,
                optional,
                auto: None,
                defaults,
            }
        }
        const fn all(v: u32) -> [Option<u32>; 4] {
            [Some(v); 4]
        }
        use Threshold::*;
        match self {
            TeamMin => row(
                "team_min",
                "Team size: warn below",
                0,
                true,
                [Some(3), None, None, Some(3)],
            ),
            TeamMax => row(
                "team_max",
                "Team size: warn above",
                0,
                true,
                [Some(9), Some(10), Some(9), Some(9)],
            ),
            DoersIdealMax => row(
                "doers_ideal_max",
                "Developers per team: note above",
                0,
                true,
                [None, None, Some(5), None],
            ),
            GroupTargetMin => row(
                "group_target_min",
                "SoS members: target at least",
                0,
                false,
                all(4),
            ),
            GroupTargetMax => row(
                "group_target_max",
                "SoS members: target at most",
                0,
                false,
                all(5),
            ),
            GroupWarnBelow => row(
                "group_warn_below",
                "SoS members: warn below",
                0,
                false,
                all(2),
            ),
            GroupWarnAbove => row(
                "group_warn_above",
                "SoS members: warn above",
                0,
                false,
                all(5),
            ),
            UpperTargetMin => row(
                "upper_target_min",
                "Higher group members: target at least",
                0,
                false,
                all(4),
            ),
            UpperTargetMax => row(
                "upper_target_max",
                "Higher group members: target at most",
                0,
                false,
                all(5),
            ),
            UpperWarnBelow => row(
                "upper_warn_below",
                "Higher group members: warn below",
                0,
                false,
                all(2),
            ),
            UpperWarnAbove => row(
                "upper_warn_above",
                "Higher group members: warn above",
                0,
                false,
                all(5),
            ),
            MaxDepth => row("max_depth", "Group levels: note above", 1, false, all(3)),
            SmMaxTeams => row(
                "sm_max_teams",
                "Teams per Scrum Master: warn above",
                1,
                false,
                all(3),
            ),
            MaxScaledRoles => row(
                "max_scaled_roles",
                "Scaled roles per person: note above",
                0,
                false,
                all(2),
            ),
            EmsMinLevel => ThresholdSpec {
                auto: Some(
                    "the CPOs of the top two group levels attend the EMS (with one level, every SoS CPO)",
                ),
                ..row(
                    "ems_min_level",
                    "Lowest level whose CPOs attend the EMS",
                    1,
                    false,
                    all(Threshold::AUTO),
                )
            },
            SprintMaxWeeks => row(
                "sprint_max_weeks",
                "Sprint length in weeks: warn above",
                1,
                false,
                all(4),
            ),
            EscalationMaxMinutes => ThresholdSpec {
                auto: Some("the same working day"),
                ..row(
                    "escalation_max_minutes",
                    "Escalation to the EAT, minutes: warn above",
                    1,
                    false,
                    all(Threshold::AUTO),
                )
            },
            LoadMaxDeveloper => row(
                "load_max_developer",
                "Events, % of a Developer's time: note above",
                0,
                true,
                all(15),
            ),
            LoadMaxProductOwner => row(
                "load_max_product_owner",
                "Events, % of a PO's time: note above",
                0,
                true,
                all(40),
            ),
            LoadMaxScrumMaster => row(
                "load_max_scrum_master",
                "Events, % of an SM's time: note above",
                0,
                true,
                all(50),
            ),
            LoadMaxSosm => row(
                "load_max_sosm",
                "Events, % of a SoSM's time: note above",
                0,
                true,
                all(50),
            ),
            LoadMaxCpo => row(
                "load_max_cpo",
                "Events, % of a CPO's time: note above",
                0,
                true,
                all(50),
            ),
            LoadMaxEat => row(
                "load_max_eat",
                "Events, % of an EAT member's time: note above",
                0,
                true,
                all(50),
            ),
            LoadMaxEms => row(
                "load_max_ems",
                "Events, % of an EMS attendee's time: note above",
                0,
                true,
                all(50),
            ),
            MeetingMax => row(
                "meeting_max",
                "Attendees of one event: note above",
                0,
                true,
                all(20),
            ),
        }
    }

    pub const fn key(self) -> &'static str {
        self.spec().key
    }

    pub const fn meaning(self) -> &'static str {
        self.spec().meaning
    }

    pub const fn minimum(self) -> u32 {
        self.spec().minimum
    }

    /// Whether 0 switches this limit off.
    pub const fn optional(self) -> bool {
        self.spec().optional
    }

    /// Whether this threshold can be `auto` ([`Threshold::AUTO`]).
    pub const fn auto(self) -> bool {
        self.spec().auto.is_some()
    }

    /// What `auto` means for this threshold, in words; `None` when it cannot be `auto`.
    pub const fn auto_meaning(self) -> Option<&'static str> {
        self.spec().auto
    }

    /// What `auto` stands for in an org whose deepest group level is `depth` (0 without groups);
    /// `None` for a threshold that cannot be `auto`. `ems_min_level`: max(1, L - 1), so that the
    /// CPOs of the top two group levels attend the EMS (with one level, every SoS CPO).
    pub const fn auto_at(self, depth: u32) -> Option<u32> {
        match self {
            Threshold::EmsMinLevel => Some(if depth > 2 { depth - 1 } else { 1 }),
            _ => None,
        }
    }

    /// A value of this threshold (as [`RuleSettings::value`] or [`Threshold::default_for`] give
    /// it) in words: `off`, a number, or `auto`, with what it stands for in an org of `depth`
    /// group levels when that is known: "auto (= 2 here)".
    pub fn value_text(self, value: Option<u32>, depth: Option<u32>) -> String {
        match value {
            None => "off".to_string(),
            Some(0) if self.optional() => "off".to_string(),
            Some(Threshold::AUTO) if self.auto() => match depth.and_then(|d| self.auto_at(d)) {
                Some(n) => format!("auto (= {n} here)"),
                None if self == Threshold::EscalationMaxMinutes => {
                    "auto (the same working day)".to_string()
                }
                None => "auto".to_string(),
            },
            Some(v) => v.to_string(),
        }
    }

    /// The value of a profile without overrides; `None` when the profile leaves it off.
    pub fn default_for(self, profile: ProfileName) -> Option<u32> {
        let i = ProfileName::ALL
            .iter()
            .position(|p| *p == profile)
            .expect("every profile is in ALL");
        self.spec().defaults[i]
    }

    /// The group-band threshold an upper-level one follows unless overridden itself (rule V12
    /// uses the SoS band at every level by default).
    pub const fn follows(self) -> Option<Threshold> {
        match self {
            Threshold::UpperTargetMin => Some(Threshold::GroupTargetMin),
            Threshold::UpperTargetMax => Some(Threshold::GroupTargetMax),
            Threshold::UpperWarnBelow => Some(Threshold::GroupWarnBelow),
            Threshold::UpperWarnAbove => Some(Threshold::GroupWarnAbove),
            _ => None,
        }
    }

    /// The threshold a file key names.
    pub fn from_key(key: &str) -> Option<Threshold> {
        Threshold::ALL.into_iter().find(|t| t.key() == key)
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl TeamCount {
    /// The file key of the team-count setting, which is not numeric and so not a [`Threshold`].
    pub const KEY: &'static str = "team_count";
    /// Plain words for the setting itself.
    pub const MEANING: &'static str = "How team size is counted";

    /// How a profile counts team size.
    pub fn of_profile(profile: ProfileName) -> TeamCount {
        match profile {
            ProfileName::ScrumGuide2017 => TeamCount::Doers,
            _ => TeamCount::Whole,
        }
    }

    /// Plain words for a way of counting team size.
    pub fn name(self) -> &'static str {
        match self {
            TeamCount::Whole => "everyone on the team",
            TeamCount::Doers => "Developers only",
        }
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

    /// How team size is counted: the override, else the profile's way.
    pub fn team_count(&self) -> TeamCount {
        self.overrides
            .team_count
            .unwrap_or_else(|| TeamCount::of_profile(self.profile))
    }

    /// The value of a threshold in these settings: the org's override, else (for the upper-level
    /// band) the override of the SoS band it follows, else the profile's value. `None` when an
    /// optional limit is off; [`Threshold::AUTO`] when it is `auto` ([`RuleSettings::value_at`]
    /// works that out).
    pub fn value(&self, t: Threshold) -> Option<u32> {
        let set = self
            .overrides
            .get(t)
            .or_else(|| t.follows().and_then(|g| self.overrides.get(g)));
        match set {
            Some(0) if t.optional() => None,
            Some(v) => Some(v),
            None => t.default_for(self.profile),
        }
    }

    /// The number a threshold stands for in an org whose deepest group level is `depth`: like
    /// [`RuleSettings::value`], with `auto` worked out ([`Threshold::auto_at`]).
    pub fn value_at(&self, t: Threshold, depth: u32) -> Option<u32> {
        match self.value(t) {
            Some(Threshold::AUTO) if t.auto() => t.auto_at(depth),
            v => v,
        }
    }

    /// Whether a threshold is `auto` in these settings (by the override, else the profile).
    pub fn is_auto(&self, t: Threshold) -> bool {
        t.auto() && self.value(t) == Some(Threshold::AUTO)
    }

    /// Whether a value comes from this org's overrides rather than the profile.
    pub fn is_custom(&self, t: Threshold) -> bool {
        self.overrides.get(t).is_some()
    }

    /// Whether these settings can be used: `Err` says in plain words how they contradict each
    /// other (a minimum above its maximum, a warning threshold inside its target band, a zero
    /// depth). The one check behind `SetRules`, the file loader and the designer, so that nothing
    /// can store settings the loader would refuse.
    pub fn check(&self) -> Result<(), String> {
        use Threshold::*;
        let v = |t: Threshold| self.value(t);
        if let (Some(min), Some(max)) = (v(TeamMin), v(TeamMax))
            && min > max
        {
            return Err(format!(
                "the team minimum ({min}) is above the team maximum ({max})"
            ));
        }
        let n = |t: Threshold| v(t).unwrap_or(0);
        for (what, [tmin, tmax, below, above]) in [
            (
                "group",
                [
                    GroupTargetMin,
                    GroupTargetMax,
                    GroupWarnBelow,
                    GroupWarnAbove,
                ],
            ),
            (
                "upper-level group",
                [
                    UpperTargetMin,
                    UpperTargetMax,
                    UpperWarnBelow,
                    UpperWarnAbove,
                ],
            ),
        ] {
            let (tmin, tmax, below, above) = (n(tmin), n(tmax), n(below), n(above));
            if tmin > tmax {
                return Err(format!(
                    "the {what} target minimum ({tmin}) is above its maximum ({tmax})"
                ));
            }
            if below > tmin {
                return Err(format!(
                    "the {what} warning threshold below ({below}) is above the target minimum ({tmin})"
                ));
            }
            if above < tmax {
                return Err(format!(
                    "the {what} warning threshold above ({above}) is below the target maximum ({tmax})"
                ));
            }
        }
        if let Some(t) = Threshold::ALL
            .into_iter()
            .find(|t| n(*t) < t.minimum() && !self.is_auto(*t))
        {
            return Err(format!(
                "“{}” ({}) must be at least {}, not {}",
                t.meaning(),
                t.key(),
                t.minimum(),
                n(t)
            ));
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_table_names_each_file_key_once_in_words() {
        let mut keys = std::collections::BTreeSet::new();
        let mut meanings = std::collections::BTreeSet::new();
        for t in Threshold::ALL {
            assert!(keys.insert(t.key()), "{t} twice");
            assert!(meanings.insert(t.meaning()), "{} twice", t.meaning());
            assert_eq!(Threshold::from_key(t.key()), Some(t));
            // The key is the one the file uses.
            let mut o = Overrides::default();
            o.set(t, Some(7));
            let json = serde_json::to_value(&o).unwrap();
            assert_eq!(json, serde_json::json!({ t.key(): 7 }), "{t}");
            assert_eq!(o.get(t), Some(7));
        }
        assert_eq!(Threshold::from_key(TeamCount::KEY), None, "not numeric");
    }

    #[test]
    fn values_come_from_the_override_then_the_band_followed_then_the_profile() {
        let mut r = RuleSettings {
            profile: ProfileName::ScrumGuide2020,
            ..RuleSettings::default()
        };
        assert_eq!(
            r.value(Threshold::TeamMin),
            None,
            "the 2020 guide has no minimum"
        );
        assert_eq!(r.value(Threshold::TeamMax), Some(10));
        assert_eq!(r.team_count(), TeamCount::Whole);
        r.overrides.set(Threshold::GroupWarnAbove, Some(7));
        assert_eq!(
            r.value(Threshold::UpperWarnAbove),
            Some(7),
            "follows the SoS band"
        );
        r.overrides.set(Threshold::UpperWarnAbove, Some(8));
        assert_eq!(r.value(Threshold::UpperWarnAbove), Some(8));
        r.overrides.set(Threshold::TeamMax, Some(0));
        assert_eq!(
            r.value(Threshold::TeamMax),
            None,
            "0 switches an optional limit off"
        );
        assert!(r.is_custom(Threshold::TeamMax) && !r.is_custom(Threshold::TeamMin));
        r.overrides.set(Threshold::SmMaxTeams, Some(0));
        assert_eq!(
            r.check(),
            Err(
                "“Teams per Scrum Master: warn above” (sm_max_teams) must be at least 1, not 0"
                    .into()
            )
        );
        let r = RuleSettings {
            profile: ProfileName::ScrumGuide2017,
            ..RuleSettings::default()
        };
        assert_eq!(r.team_count(), TeamCount::Doers);
    }

    #[test]
    fn ems_min_level_is_auto_in_every_profile_and_stands_for_the_top_two_levels() {
        let t = Threshold::EmsMinLevel;
        assert!(t.auto() && !t.optional());
        for p in ProfileName::ALL {
            let r = RuleSettings {
                profile: p,
                ..RuleSettings::default()
            };
            assert!(r.is_auto(t), "{p}");
            assert_eq!(r.value(t), Some(Threshold::AUTO));
            // max(1, L - 1) for L group levels.
            let at: Vec<_> = (0..=5).map(|l| r.value_at(t, l)).collect();
            assert_eq!(at, [1, 1, 1, 2, 3, 4].map(Some), "{p}");
        }
        // A number overrides auto at every depth; auto is fine however low its minimum.
        let mut r = RuleSettings::default();
        r.overrides.set(t, Some(2));
        assert!(!r.is_auto(t) && r.is_custom(t));
        assert_eq!((r.value_at(t, 1), r.value_at(t, 5)), (Some(2), Some(2)));
        r.overrides.set(t, Some(Threshold::AUTO));
        assert!(r.is_auto(t) && r.is_custom(t));
        assert_eq!(r.check(), Ok(()));
        // Only ems_min_level and escalation_max_minutes (auto: the same working day) can be
        // auto.
        let autos: Vec<_> = Threshold::ALL.into_iter().filter(|t| t.auto()).collect();
        assert_eq!(autos, [t, Threshold::EscalationMaxMinutes]);
        assert!(
            Threshold::ALL
                .iter()
                .filter(|t| **t != Threshold::EscalationMaxMinutes)
                .all(|t| t.auto() == t.auto_at(3).is_some())
        );
    }

    #[test]
    fn values_in_words_say_off_auto_or_the_number() {
        let t = Threshold::EmsMinLevel;
        assert_eq!(
            t.value_text(Some(Threshold::AUTO), Some(3)),
            "auto (= 2 here)"
        );
        assert_eq!(
            t.value_text(Some(Threshold::AUTO), Some(1)),
            "auto (= 1 here)"
        );
        assert_eq!(t.value_text(Some(Threshold::AUTO), None), "auto");
        assert_eq!(t.value_text(Some(2), Some(3)), "2");
        assert_eq!(Threshold::TeamMax.value_text(Some(0), Some(3)), "off");
        assert_eq!(Threshold::TeamMax.value_text(None, None), "off");
        assert_eq!(Threshold::MaxDepth.value_text(Some(3), None), "3");
    }

    #[test]
    fn ems_min_level_is_auto_or_a_level_in_the_file() {
        let file = |o: &Overrides| serde_json::to_value(o).unwrap();
        let read = |v: serde_json::Value| serde_json::from_value::<Overrides>(v);
        let mut o = Overrides::default();
        o.set(Threshold::EmsMinLevel, Some(Threshold::AUTO));
        assert_eq!(file(&o), serde_json::json!({ "ems_min_level": "auto" }));
        assert_eq!(read(file(&o)).unwrap(), o);
        o.set(Threshold::EmsMinLevel, Some(2));
        assert_eq!(file(&o), serde_json::json!({ "ems_min_level": 2 }));
        assert_eq!(read(file(&o)).unwrap(), o);
        assert_eq!(
            read(serde_json::json!({ "ems_min_level": null })).unwrap(),
            Overrides::default()
        );
        for bad in [
            serde_json::json!({ "ems_min_level": 0 }),
            serde_json::json!({ "ems_min_level": -1 }),
            serde_json::json!({ "ems_min_level": "Auto" }),
            serde_json::json!({ "ems_min_level": 1.5 }),
        ] {
            let e = read(bad.clone()).unwrap_err().to_string();
            assert!(
                e.contains("\"auto\" or a level of at least 1"),
                "{bad}: {e}"
            );
        }
        // The other thresholds stay plain numbers.
        assert!(read(serde_json::json!({ "max_depth": "auto" })).is_err());
    }
}
