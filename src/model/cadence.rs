//! When the org meets: Sprint length and start, working days and hours, the time zone, and the
//! time and length of every kind of event (rulebook §5). Optional in the org file: an org without
//! a `cadence` section meets on [`Cadence::default`], and the overlay checks (O1-O4, double
//! booking, latency, load) run only for orgs that have one.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ids::{GroupId, TeamId, Unit};

/// A day of the week.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// 0 for Monday to 6 for Sunday.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn short(self) -> &'static str {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][self.index()]
    }

    /// The iCalendar name (RFC 5545 `BYDAY`).
    pub fn ical(self) -> &'static str {
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][self.index()]
    }

    pub fn of(date: jiff::civil::Date) -> Weekday {
        Weekday::ALL[date.weekday().to_monday_zero_offset() as usize]
    }
}

/// A time of day, in minutes after midnight; written `"09:30"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Clock(pub u32);

impl Clock {
    pub fn hm(h: u32, m: u32) -> Clock {
        Clock(h * 60 + m)
    }
    pub fn minutes(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl FromStr for Clock {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a time of day like \"09:30\"");
        let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
        let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if h > 23 || m > 59 || s.trim().len() != 5 {
            return Err(bad());
        }
        Ok(Clock::hm(h, m))
    }
}

impl Serialize for Clock {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Clock {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Clock {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Clock".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A time of day, 24-hour, like \"09:30\".",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"
        })
    }
}

/// A calendar date, written `"2027-01-04"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.len() != 10 {
            return Err(format!("`{s}` is not a date like \"2027-01-04\""));
        }
        t.parse::<jiff::civil::Date>()
            .map(Date)
            .map_err(|_| format!("`{s}` is not a date like \"2027-01-04\""))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, like \"2027-01-04\"."
        })
    }
}

/// An IANA time zone name ("Europe/Berlin", "UTC"), checked against the bundled database.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeZone(String);

impl TimeZone {
    pub fn utc() -> TimeZone {
        TimeZone("UTC".into())
    }
    pub fn name(&self) -> &str {
        &self.0
    }
    /// The zone's rules.
    pub fn rules(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get(&self.0).unwrap_or(jiff::tz::TimeZone::UTC)
    }
}

impl Default for TimeZone {
    fn default() -> Self {
        TimeZone::utc()
    }
}

impl fmt::Display for TimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for TimeZone {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        match jiff::tz::TimeZone::get(t) {
            Ok(_) => Ok(TimeZone(t.to_string())),
            Err(_) => Err(format!(
                "`{s}` is not a time zone orgscale knows; use an IANA name like \"Europe/Berlin\" or \"UTC\""
            )),
        }
    }
}

impl Serialize for TimeZone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for TimeZone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for TimeZone {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TimeZone".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "An IANA time zone name, like \"Europe/Berlin\" or \"UTC\"."
        })
    }
}

/// How often the EAT meeting or the Executive MetaScrum meets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    /// Every working day.
    Daily,
    /// Once a week, on the first working day of the week.
    Weekly,
    /// Once per Sprint.
    #[default]
    PerSprint,
}

impl Recurrence {
    pub const ALL: [Recurrence; 3] = [Recurrence::Daily, Recurrence::Weekly, Recurrence::PerSprint];
    pub fn label(self) -> &'static str {
        match self {
            Recurrence::Daily => "daily",
            Recurrence::Weekly => "weekly",
            Recurrence::PerSprint => "once per Sprint",
        }
    }
}

/// Every kind of event the structure gives rise to (rulebook §5).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    DailyScrum,
    SprintPlanning,
    SprintReview,
    SprintRetrospective,
    BacklogRefinement,
    ScaledDailyScrum,
    ScaledSprintPlanning,
    ScaledSprintReview,
    ScaledRetrospective,
    ScaledRefinement,
    MetaScrum,
    ExecutiveMetaScrum,
    EatMeeting,
}

impl EventKind {
    pub const ALL: [EventKind; 13] = [
        EventKind::DailyScrum,
        EventKind::SprintPlanning,
        EventKind::SprintReview,
        EventKind::SprintRetrospective,
        EventKind::BacklogRefinement,
        EventKind::ScaledDailyScrum,
        EventKind::ScaledSprintPlanning,
        EventKind::ScaledSprintReview,
        EventKind::ScaledRetrospective,
        EventKind::ScaledRefinement,
        EventKind::MetaScrum,
        EventKind::ExecutiveMetaScrum,
        EventKind::EatMeeting,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EventKind::DailyScrum => "Daily Scrum",
            EventKind::SprintPlanning => "Sprint Planning",
            EventKind::SprintReview => "Sprint Review",
            EventKind::SprintRetrospective => "Sprint Retrospective",
            EventKind::BacklogRefinement => "Backlog Refinement",
            EventKind::ScaledDailyScrum => "Scaled Daily Scrum",
            EventKind::ScaledSprintPlanning => "Scaled Sprint Planning",
            EventKind::ScaledSprintReview => "Scaled Sprint Review",
            EventKind::ScaledRetrospective => "Scaled Retrospective",
            EventKind::ScaledRefinement => "Scaled Backlog Refinement",
            EventKind::MetaScrum => "MetaScrum",
            EventKind::ExecutiveMetaScrum => "Executive MetaScrum",
            EventKind::EatMeeting => "EAT meeting",
        }
    }

    /// The key in the org file: `daily_scrum`, `scaled_daily_scrum`, …
    pub fn key(self) -> &'static str {
        match self {
            EventKind::DailyScrum => "daily_scrum",
            EventKind::SprintPlanning => "sprint_planning",
            EventKind::SprintReview => "sprint_review",
            EventKind::SprintRetrospective => "sprint_retrospective",
            EventKind::BacklogRefinement => "backlog_refinement",
            EventKind::ScaledDailyScrum => "scaled_daily_scrum",
            EventKind::ScaledSprintPlanning => "scaled_sprint_planning",
            EventKind::ScaledSprintReview => "scaled_sprint_review",
            EventKind::ScaledRetrospective => "scaled_retrospective",
            EventKind::ScaledRefinement => "scaled_refinement",
            EventKind::MetaScrum => "meta_scrum",
            EventKind::ExecutiveMetaScrum => "executive_meta_scrum",
            EventKind::EatMeeting => "eat_meeting",
        }
    }

    /// Held by every team.
    pub fn is_team(self) -> bool {
        matches!(
            self,
            EventKind::DailyScrum
                | EventKind::SprintPlanning
                | EventKind::SprintReview
                | EventKind::SprintRetrospective
                | EventKind::BacklogRefinement
        )
    }

    /// Held by every group (Scrum of Scrums and above).
    pub fn is_group(self) -> bool {
        matches!(
            self,
            EventKind::ScaledDailyScrum
                | EventKind::ScaledSprintPlanning
                | EventKind::ScaledSprintReview
                | EventKind::ScaledRetrospective
                | EventKind::ScaledRefinement
                | EventKind::MetaScrum
        )
    }

    /// When in the Sprint it falls, and how groups of different levels are staggered.
    pub fn when(self) -> When {
        use EventKind::*;
        match self {
            DailyScrum | ScaledDailyScrum | EatMeeting => When::EveryDay,
            BacklogRefinement | ScaledRefinement => When::EveryWeek(2),
            SprintPlanning | ScaledSprintPlanning => When::SprintDay(0),
            MetaScrum | ExecutiveMetaScrum => When::SprintDay(-2),
            SprintReview | SprintRetrospective | ScaledSprintReview | ScaledRetrospective => {
                When::SprintDay(-1)
            }
        }
    }

    /// The default start (for group events: of the level-1 groups' event) and length, for a
    /// Sprint of `weeks` weeks. Team events take the Scrum Guide 2020 maxima scaled linearly to
    /// the Sprint length (rulebook §5, `timebox_scale = linear`, a month counted as 4 weeks).
    pub fn default_timing(self, weeks: u32) -> (Clock, u32) {
        use EventKind::*;
        let scaled = |month_minutes: u32| (month_minutes * weeks.max(1) / 4).max(15);
        match self {
            DailyScrum => (Clock::hm(9, 0), 15),
            ScaledDailyScrum => (Clock::hm(9, 20), 15),
            EatMeeting => (Clock::hm(9, 20), 30),
            SprintPlanning => (Clock::hm(13, 0), scaled(8 * 60)),
            ScaledSprintPlanning => (Clock::hm(12, 30), 30),
            BacklogRefinement => (Clock::hm(14, 0), 60),
            ScaledRefinement => (Clock::hm(11, 0), 45),
            SprintReview => (Clock::hm(11, 0), scaled(4 * 60)),
            SprintRetrospective => (Clock::hm(13, 30), scaled(3 * 60)),
            ScaledSprintReview => (Clock::hm(15, 0), 45),
            ScaledRetrospective => (Clock::hm(15, 0), 45),
            MetaScrum => (Clock::hm(13, 0), 60),
            ExecutiveMetaScrum => (Clock::hm(13, 0), 60),
        }
    }

    /// The most a Sprint of `weeks` weeks allows (rule O1): 15 minutes for Daily Scrums and
    /// Scaled Daily Scrums, the scaled Scrum Guide maxima for Planning, Review and
    /// Retrospective, 3 hours for the Scaled Retrospective (INF); none for the rest.
    pub fn timebox(self, weeks: u32) -> Option<u32> {
        use EventKind::*;
        let scaled = |month_minutes: u32| (month_minutes * weeks.max(1)).div_ceil(4);
        match self {
            DailyScrum | ScaledDailyScrum => Some(15),
            SprintPlanning => Some(scaled(8 * 60)),
            SprintReview => Some(scaled(4 * 60)),
            SprintRetrospective => Some(scaled(3 * 60)),
            ScaledRetrospective => Some(180),
            _ => None,
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where in a Sprint an event falls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Every working day.
    EveryDay,
    /// Once a week, on this working day of the week (0: the first).
    EveryWeek(usize),
    /// Once per Sprint, on this working day of it (0: the first; -1: the last).
    SprintDay(i32),
}

/// A start time and a length for one kind of event; absent values keep the defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventTiming {
    /// When it starts (for group events: the level-1 groups' event; see the file format).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Clock>,
    /// How long it lasts, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 600))]
    pub minutes: Option<u32>,
}

impl EventTiming {
    fn is_empty(&self) -> bool {
        self.start.is_none() && self.minutes.is_none()
    }
}

/// A team or group whose Sprints or event times differ from the org's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SprintOverride {
    /// The team it applies to (give `team` or `group`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<TeamId>,
    /// The group it applies to, with every team and group inside it that sets none itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 12))]
    pub sprint_weeks: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_sprint: Option<Date>,
    /// Its own start or length for some of its kinds of event (a team: its Daily Scrum,
    /// Planning, …; a group: its scaled events), e.g. to clear a double booking.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub events: BTreeMap<EventKind, EventTiming>,
}

impl SprintOverride {
    /// An override for `unit` with nothing set yet.
    pub fn of(unit: Unit) -> SprintOverride {
        let (team, group) = match unit {
            Unit::Team(t) => (Some(t), None),
            Unit::Group(g) => (None, Some(g)),
        };
        SprintOverride {
            team,
            group,
            sprint_weeks: None,
            first_sprint: None,
            events: BTreeMap::new(),
        }
    }

    /// Whether it sets nothing.
    pub fn is_empty(&self) -> bool {
        self.sprint_weeks.is_none() && self.first_sprint.is_none() && self.events.is_empty()
    }

    /// The unit it applies to.
    pub fn unit(&self) -> Option<Unit> {
        match (self.team, self.group) {
            (Some(t), None) => Some(Unit::Team(t)),
            (None, Some(g)) => Some(Unit::Group(g)),
            _ => None,
        }
    }
}

/// The org's cadence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cadence {
    /// Sprint length in weeks (rule O3 warns above 4).
    #[serde(default = "two_weeks")]
    #[schemars(range(min = 1, max = 12))]
    pub sprint_weeks: u32,
    /// The day the first Sprint starts; Sprints follow back to back. Default: none recorded (the
    /// calendar export then starts on the Monday of the week it is made).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_sprint: Option<Date>,
    /// The working days of the week.
    #[serde(default = "weekdays")]
    pub working_days: Vec<Weekday>,
    /// The time zone every time here is in.
    #[serde(default)]
    pub time_zone: TimeZone,
    /// When the working day starts and ends.
    #[serde(default = "nine")]
    pub day_start: Clock,
    #[serde(default = "five")]
    pub day_end: Clock,
    /// Start and length per kind of event (absent kinds keep the defaults).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub events: BTreeMap<EventKind, EventTiming>,
    /// How often the Scaled Daily Scrums meet (daily; rule O2 warns otherwise).
    #[serde(default = "daily")]
    pub scaled_daily_scrum: Recurrence,
    /// How often the EAT meets (daily is ideal, at least once per Sprint).
    #[serde(default = "daily")]
    pub eat_meeting: Recurrence,
    /// How often the Executive MetaScrum meets (at least once per Sprint).
    #[serde(default)]
    pub executive_meta_scrum: Recurrence,
    /// Teams and groups whose Sprints differ from the org's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sprints: Vec<SprintOverride>,
}

fn two_weeks() -> u32 {
    2
}
fn weekdays() -> Vec<Weekday> {
    Weekday::ALL[..5].to_vec()
}
fn nine() -> Clock {
    Clock::hm(9, 0)
}
fn five() -> Clock {
    Clock::hm(17, 0)
}
fn daily() -> Recurrence {
    Recurrence::Daily
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            sprint_weeks: two_weeks(),
            first_sprint: None,
            working_days: weekdays(),
            time_zone: TimeZone::utc(),
            day_start: nine(),
            day_end: five(),
            events: BTreeMap::new(),
            scaled_daily_scrum: daily(),
            eat_meeting: daily(),
            executive_meta_scrum: Recurrence::PerSprint,
            sprints: Vec::new(),
        }
    }
}

impl Cadence {
    /// Minutes of a working day.
    pub fn day_minutes(&self) -> u32 {
        self.day_end.0.saturating_sub(self.day_start.0)
    }

    /// The start and length of a kind of event for a Sprint of `weeks` weeks.
    pub fn timing(&self, kind: EventKind, weeks: u32) -> (Clock, u32) {
        let (start, minutes) = kind.default_timing(weeks);
        let t = self.events.get(&kind);
        (
            t.and_then(|t| t.start).unwrap_or(start),
            t.and_then(|t| t.minutes).unwrap_or(minutes),
        )
    }

    /// Whether the file sets when `kind` starts (else it follows the cascade).
    pub fn is_set_start(&self, kind: EventKind) -> bool {
        self.events.get(&kind).is_some_and(|t| t.start.is_some())
    }

    /// The override for a unit, if it has its own.
    pub fn sprint_of(&self, unit: Unit) -> Option<&SprintOverride> {
        self.sprints.iter().find(|o| o.unit() == Some(unit))
    }

    /// The same cadence with `unit`'s override changed by `f` (made if it has none, dropped if
    /// it ends up setting nothing).
    pub fn with_override(mut self, unit: Unit, f: impl FnOnce(&mut SprintOverride)) -> Self {
        let mut o = self
            .sprint_of(unit)
            .cloned()
            .unwrap_or_else(|| SprintOverride::of(unit));
        f(&mut o);
        self.sprints.retain(|x| x.unit() != Some(unit));
        if !o.is_empty() {
            self.sprints.push(o);
        }
        self
    }

    /// The start and length of `kind` for a team or group: its own where it sets them, else
    /// the org's (group events before their level's stagger).
    pub fn timing_for(&self, unit: Unit, kind: EventKind, weeks: u32) -> (Clock, u32) {
        let (start, minutes) = self.timing(kind, weeks);
        let own = self.sprint_of(unit).and_then(|o| o.events.get(&kind));
        (
            own.and_then(|t| t.start).unwrap_or(start),
            own.and_then(|t| t.minutes).unwrap_or(minutes),
        )
    }

    /// The same cadence with the timing of `kind` set.
    pub fn with_timing(mut self, kind: EventKind, timing: EventTiming) -> Self {
        if timing.is_empty() {
            self.events.remove(&kind);
        } else {
            self.events.insert(kind, timing);
        }
        self
    }

    /// Problems that make the cadence unusable, in words ("the working day ends before it
    /// starts").
    pub fn problem(&self) -> Option<String> {
        if self.sprint_weeks == 0 || self.sprint_weeks > 12 {
            return Some(format!(
                "a Sprint of {} weeks is out of range (1 to 12)",
                self.sprint_weeks
            ));
        }
        if self.working_days.is_empty() {
            return Some("there are no working days".into());
        }
        let mut days = self.working_days.clone();
        days.sort();
        days.dedup();
        if days.len() != self.working_days.len() {
            return Some("a working day is listed twice".into());
        }
        if self.day_end <= self.day_start {
            return Some(format!(
                "the working day ends ({}) before it starts ({})",
                self.day_end, self.day_start
            ));
        }
        for (kind, t) in &self.events {
            if t.minutes == Some(0) {
                return Some(format!("{} lasts 0 minutes", kind.label()));
            }
        }
        for o in &self.sprints {
            if o.unit().is_none() {
                return Some("a Sprint override names neither a team nor a group, or both".into());
            }
            if o.sprint_weeks.is_some_and(|w| w == 0 || w > 12) {
                return Some("a Sprint override is out of range (1 to 12 weeks)".into());
            }
            for (kind, t) in &o.events {
                if t.minutes == Some(0) {
                    return Some(format!("{} lasts 0 minutes", kind.label()));
                }
            }
        }
        None
    }

    /// Every setting with its value in words, in a fixed order, keyed for comparison:
    /// `("sprint_weeks", "2")`, `("events.daily_scrum", "09:00, 15 min")`,
    /// `("sprints.Payments", "3 weeks")`. `name` names a team or group of the org.
    pub fn settings(&self, name: impl Fn(Unit) -> String) -> Vec<(String, String)> {
        let mut out = vec![
            ("sprint_weeks".to_string(), self.sprint_weeks.to_string()),
            (
                "first_sprint".to_string(),
                self.first_sprint
                    .map_or_else(|| "not set".to_string(), |d| d.to_string()),
            ),
            (
                "working_days".to_string(),
                self.working_days
                    .iter()
                    .map(|d| d.short())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            ("time_zone".to_string(), self.time_zone.to_string()),
            (
                "working_hours".to_string(),
                format!("{}–{}", self.day_start, self.day_end),
            ),
            (
                "scaled_daily_scrum".to_string(),
                self.scaled_daily_scrum.label().to_string(),
            ),
            (
                "eat_meeting".to_string(),
                self.eat_meeting.label().to_string(),
            ),
            (
                "executive_meta_scrum".to_string(),
                self.executive_meta_scrum.label().to_string(),
            ),
        ];
        for kind in EventKind::ALL {
            let (start, minutes) = self.timing(kind, self.sprint_weeks);
            out.push((
                format!("events.{}", kind.key()),
                format!("{start}, {minutes} min"),
            ));
        }
        let mut sprints: Vec<(String, String)> = self
            .sprints
            .iter()
            .filter_map(|o| {
                let unit = o.unit()?;
                let mut v = Vec::new();
                if let Some(w) = o.sprint_weeks {
                    v.push(format!("{w} weeks"));
                }
                if let Some(d) = o.first_sprint {
                    v.push(format!("from {d}"));
                }
                for (kind, t) in &o.events {
                    let mut e = Vec::new();
                    if let Some(s) = t.start {
                        e.push(s.to_string());
                    }
                    if let Some(m) = t.minutes {
                        e.push(format!("{m} min"));
                    }
                    v.push(format!("{} {}", kind.label(), e.join(", ")));
                }
                Some((format!("sprints.{}", name(unit)), v.join("; ")))
            })
            .collect();
        sprints.sort();
        out.extend(sprints);
        out
    }

    /// Drop what refers to a team or group that is gone.
    pub(crate) fn forget(&mut self, unit: Unit) {
        self.sprints.retain(|o| o.unit() != Some(unit));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_dates_and_zones_read_and_write_their_text() {
        assert_eq!("09:30".parse::<Clock>().unwrap(), Clock::hm(9, 30));
        assert_eq!(Clock::hm(9, 5).to_string(), "09:05");
        for bad in ["9:30", "24:00", "09:60", "nine", "09:30:00"] {
            assert!(bad.parse::<Clock>().is_err(), "{bad}");
        }
        assert_eq!(
            "2027-01-04".parse::<Date>().unwrap().to_string(),
            "2027-01-04"
        );
        assert!("2027-02-30".parse::<Date>().is_err());
        assert!("Europe/Berlin".parse::<TimeZone>().is_ok());
        assert!("Mars/Olympus".parse::<TimeZone>().is_err());
    }

    #[test]
    fn the_default_cadence_parses_from_an_empty_section() {
        let c: Cadence = serde_json::from_str("{}").unwrap();
        assert_eq!(c, Cadence::default());
        assert_eq!(c.problem(), None);
        assert_eq!(
            c.timing(EventKind::SprintPlanning, 2),
            (Clock::hm(13, 0), 240)
        );
        assert_eq!(EventKind::SprintPlanning.timebox(2), Some(240));
        assert_eq!(EventKind::SprintRetrospective.timebox(4), Some(180));
    }
}
