//! The two cycles' components (rulebook §9) and how an org rates them: rating rounds, each with
//! a date, a name and its raters, and per rater a rating of each component (for the whole org or
//! one group) on orgscale's neutral 0-4 scale, with a note. Optional in the org file (the
//! `assessment` section, format version 3); the `cycles` module summarises the ratings beside
//! what the structure shows.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::cadence::Date;
use super::ids::GroupId;

/// Which cycle a component belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cycle {
    ScrumMaster,
    ProductOwner,
    /// Where the two cycles cross (Team Process, Product & Release Feedback).
    Both,
    /// Shared by both (Metrics & Transparency).
    Shared,
}

impl Cycle {
    pub fn label(self) -> &'static str {
        match self {
            Cycle::ScrumMaster => "Scrum Master cycle",
            Cycle::ProductOwner => "Product Owner cycle",
            Cycle::Both => "both cycles",
            Cycle::Shared => "shared",
        }
    }

    /// The key in JSON reports: `scrum_master`, `product_owner`, `both`, `shared`.
    pub fn key(self) -> &'static str {
        match self {
            Cycle::ScrumMaster => "scrum_master",
            Cycle::ProductOwner => "product_owner",
            Cycle::Both => "both",
            Cycle::Shared => "shared",
        }
    }
}

/// The 12 components of the two cycles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Component {
    TeamProcess,
    ExecutiveActionTeam,
    ContinuousImprovement,
    CrossTeamCoordination,
    Delivery,
    ExecutiveMetaScrum,
    StrategicVision,
    BacklogPrioritization,
    BacklogRefinement,
    ReleasePlanning,
    Feedback,
    MetricsTransparency,
}

impl Component {
    pub const ALL: [Component; 12] = [
        Component::TeamProcess,
        Component::ExecutiveActionTeam,
        Component::ContinuousImprovement,
        Component::CrossTeamCoordination,
        Component::Delivery,
        Component::ExecutiveMetaScrum,
        Component::StrategicVision,
        Component::BacklogPrioritization,
        Component::BacklogRefinement,
        Component::ReleasePlanning,
        Component::Feedback,
        Component::MetricsTransparency,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Component::TeamProcess => "Team Process",
            Component::ExecutiveActionTeam => "Executive Action Team",
            Component::ContinuousImprovement => "Continuous Improvement & Impediment Removal",
            Component::CrossTeamCoordination => "Cross-Team Coordination",
            Component::Delivery => "Delivery",
            Component::ExecutiveMetaScrum => "Executive MetaScrum",
            Component::StrategicVision => "Strategic Vision",
            Component::BacklogPrioritization => "Backlog Prioritization",
            Component::BacklogRefinement => "Backlog Decomposition & Refinement",
            Component::ReleasePlanning => "Release Planning",
            Component::Feedback => "Product & Release Feedback",
            Component::MetricsTransparency => "Metrics & Transparency",
        }
    }

    /// The key in files and JSON: `team_process`, `cross_team_coordination`, …
    pub fn key(self) -> &'static str {
        match self {
            Component::TeamProcess => "team_process",
            Component::ExecutiveActionTeam => "executive_action_team",
            Component::ContinuousImprovement => "continuous_improvement",
            Component::CrossTeamCoordination => "cross_team_coordination",
            Component::Delivery => "delivery",
            Component::ExecutiveMetaScrum => "executive_meta_scrum",
            Component::StrategicVision => "strategic_vision",
            Component::BacklogPrioritization => "backlog_prioritization",
            Component::BacklogRefinement => "backlog_refinement",
            Component::ReleasePlanning => "release_planning",
            Component::Feedback => "feedback",
            Component::MetricsTransparency => "metrics_transparency",
        }
    }

    pub fn cycle(self) -> Cycle {
        use Component::*;
        match self {
            TeamProcess | Feedback => Cycle::Both,
            MetricsTransparency => Cycle::Shared,
            ExecutiveActionTeam | ContinuousImprovement | CrossTeamCoordination | Delivery => {
                Cycle::ScrumMaster
            }
            ExecutiveMetaScrum
            | StrategicVision
            | BacklogPrioritization
            | BacklogRefinement
            | ReleasePlanning => Cycle::ProductOwner,
        }
    }

    /// The EAT and the EMS: the hubs of the two cycles.
    pub fn is_hub(self) -> bool {
        matches!(
            self,
            Component::ExecutiveActionTeam | Component::ExecutiveMetaScrum
        )
    }

    /// Position in [`Component::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Lower case, `&` as "and", dashes and underscores as spaces, single spaces.
fn normalise(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .replace('&', " and ")
        .replace(['_', '-', '(', ')'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl FromStr for Component {
    type Err = String;
    /// A component by its name or key, as a spreadsheet may write it: case, `&` or "and", dashes
    /// and underscores do not matter; "EAT", "EMS" and "Executive Action Team (hub)" are known.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let n = normalise(s);
        let n = n.strip_suffix(" hub").unwrap_or(&n);
        for c in Component::ALL {
            if n == normalise(c.label()) || n == normalise(c.key()) {
                return Ok(c);
            }
        }
        let alias = match n {
            "eat" => Component::ExecutiveActionTeam,
            "ems" | "executive metascrum team" | "executive meta scrum" => {
                Component::ExecutiveMetaScrum
            }
            "continuous improvement and impediment removal" | "impediment removal" => {
                Component::ContinuousImprovement
            }
            "backlog decomposition and refinement" | "backlog refinement" => {
                Component::BacklogRefinement
            }
            "product and release feedback" | "release feedback" | "product feedback" => {
                Component::Feedback
            }
            "metrics and transparency" | "metrics" => Component::MetricsTransparency,
            "backlog prioritisation" => Component::BacklogPrioritization,
            _ => {
                return Err(format!(
                    "\"{}\" is not a component of the two cycles; use one of: {}",
                    s.trim(),
                    Component::ALL
                        .iter()
                        .map(|c| c.label())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        };
        Ok(alias)
    }
}

impl Serialize for Component {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Component {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Component::ALL
            .into_iter()
            .find(|c| c.key() == s)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "unknown component `{s}`, expected one of {}",
                    Component::ALL
                        .iter()
                        .map(|c| format!("`{}`", c.key()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }
}

impl JsonSchema for Component {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Component".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let keys: Vec<&str> = Component::ALL.iter().map(|c| c.key()).collect();
        schemars::json_schema!({
            "type": "string",
            "description": "A component of the Scrum Master and Product Owner cycles.",
            "enum": keys
        })
    }
}

/// A rating on orgscale's 0-4 scale: 0 absent, 1 starting, 2 developing, 3 established,
/// 4 optimising.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u8);

impl Score {
    pub const MAX: u8 = 4;
    pub const ALL: [Score; 5] = [Score(0), Score(1), Score(2), Score(3), Score(4)];

    /// A score, if `v` is on the scale.
    pub fn new(v: u8) -> Option<Score> {
        (v <= Score::MAX).then_some(Score(v))
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// "absent", "starting", "developing", "established", "optimising".
    pub fn label(self) -> &'static str {
        Score::word(self.0)
    }

    /// The word for a value of the scale (a median rounds down).
    pub fn word(v: u8) -> &'static str {
        [
            "absent",
            "starting",
            "developing",
            "established",
            "optimising",
        ][v.min(4) as usize]
    }

    /// The scale in words: "0 absent, 1 starting, 2 developing, 3 established, 4 optimising".
    pub fn scale() -> String {
        Score::ALL
            .iter()
            .map(|s| format!("{} {}", s.0, s.label()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl FromStr for Score {
    type Err = String;
    /// "3", "3 established" or "established".
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let first = t.split_whitespace().next().unwrap_or("");
        let bad = || {
            format!(
                "\"{t}\" is not a rating; use a number from 0 (absent) to 4 (optimising), or \
                 its word: {}",
                Score::scale()
            )
        };
        if let Ok(v) = first.parse::<i64>() {
            return u8::try_from(v).ok().and_then(Score::new).ok_or_else(|| {
                format!("the rating {v} is out of range; use 0 (absent) to 4 (optimising)")
            });
        }
        let word = t.to_lowercase();
        let word = word.replace("optimizing", "optimising");
        Score::ALL
            .into_iter()
            .find(|s| s.label() == word)
            .ok_or_else(bad)
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = i64::deserialize(d)?;
        u8::try_from(v).ok().and_then(Score::new).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "the rating {v} is out of range; use 0 (absent) to 4 (optimising)"
            ))
        })
    }
}

impl JsonSchema for Score {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Score".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "minimum": 0,
            "maximum": 4,
            "description": "0 absent, 1 starting, 2 developing, 3 established, 4 optimising."
        })
    }
}

/// One rater's rating of one component, for the whole org or one group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// Who rated: one of the round's raters.
    pub rater: String,
    pub component: Component,
    /// The group rated; none: the whole org.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupId>,
    /// 0 absent, 1 starting, 2 developing, 3 established, 4 optimising.
    pub rating: Score,
    /// Why, in the rater's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Rating {
    /// What a rating is about: rater, component, group.
    pub fn key(&self) -> (&str, Component, Option<GroupId>) {
        (&self.rater, self.component, self.group)
    }
}

/// One rating round: a date, a name, its raters and their ratings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// Unique among the org's rounds, e.g. "Q1 2027".
    pub name: String,
    pub date: Date,
    /// Who rates in this round, in the order they were added.
    #[serde(default)]
    pub raters: Vec<String>,
    /// Sorted by rater (in the order of `raters`), group (the org first) and component.
    #[serde(default)]
    pub ratings: Vec<Rating>,
}

impl Round {
    pub fn new(name: impl Into<String>, date: jiff::civil::Date) -> Round {
        Round {
            name: name.into(),
            date: Date(date),
            raters: Vec::new(),
            ratings: Vec::new(),
        }
    }

    /// The rating a rater gave a component of the org (`group: None`) or a group.
    pub fn rating(&self, rater: &str, c: Component, group: Option<GroupId>) -> Option<&Rating> {
        self.ratings.iter().find(|r| r.key() == (rater, c, group))
    }

    /// Set (or with `None` clear) a rater's rating; adds the rater when new.
    pub fn set(
        &mut self,
        rater: &str,
        c: Component,
        group: Option<GroupId>,
        value: Option<(Score, String)>,
    ) {
        self.ratings.retain(|r| r.key() != (rater, c, group));
        if let Some((rating, note)) = value {
            if !self.raters.iter().any(|r| r == rater) {
                self.raters.push(rater.to_string());
            }
            self.ratings.push(Rating {
                rater: rater.to_string(),
                component: c,
                group,
                rating,
                note,
            });
        }
        self.sort();
    }

    /// Set many ratings at once (each replaces the same rater's rating of the same component
    /// and scope), adding new raters in the order they come: one sort, however many.
    pub fn set_all(&mut self, ratings: Vec<Rating>) {
        let new: rustc_hash::FxHashSet<(&str, Component, Option<GroupId>)> =
            ratings.iter().map(Rating::key).collect();
        self.ratings.retain(|r| !new.contains(&r.key()));
        for r in &ratings {
            if !self.raters.contains(&r.rater) {
                self.raters.push(r.rater.clone());
            }
        }
        self.ratings.extend(ratings);
        self.sort();
    }

    /// The canonical order of the ratings.
    pub fn sort(&mut self) {
        let place: rustc_hash::FxHashMap<&str, usize> = self
            .raters
            .iter()
            .enumerate()
            .map(|(i, r)| (r.as_str(), i))
            .collect();
        let order = |name: &str| place.get(name).copied().unwrap_or(usize::MAX);
        let mut keyed: Vec<(usize, Rating)> = std::mem::take(&mut self.ratings)
            .into_iter()
            .map(|r| (order(&r.rater), r))
            .collect();
        // Names are compared only between raters the round does not list (never, in a valid
        // round); a round whose ratings are in order is a single pass.
        keyed.sort_by(|(oa, a), (ob, b)| {
            oa.cmp(ob)
                .then_with(|| {
                    if *oa == usize::MAX {
                        a.rater.cmp(&b.rater)
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .then(a.group.cmp(&b.group))
                .then(a.component.cmp(&b.component))
        });
        self.ratings = keyed.into_iter().map(|(_, r)| r).collect();
    }

    /// The groups this round rates (each once, in id order).
    pub fn groups(&self) -> Vec<GroupId> {
        let mut v: Vec<GroupId> = self.ratings.iter().filter_map(|r| r.group).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// The org's rating rounds (none: the file has no `assessment` section).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Oldest first.
    #[serde(default)]
    pub rounds: Vec<Round>,
}

impl Assessment {
    pub fn is_empty(&self) -> bool {
        self.rounds.is_empty()
    }

    pub fn round(&self, name: &str) -> Option<&Round> {
        self.rounds.iter().find(|r| r.name == name)
    }

    pub fn round_mut(&mut self, name: &str) -> Option<&mut Round> {
        self.rounds.iter_mut().find(|r| r.name == name)
    }

    /// A round by name, ignoring case and surrounding spaces (for the command line).
    pub fn find(&self, name: &str) -> Option<&Round> {
        self.rounds
            .iter()
            .find(|r| r.name.trim().eq_ignore_ascii_case(name.trim()))
    }

    /// Whether round `a` comes before round `b` (by date, then by place in the file).
    pub fn is_earlier(&self, a: &str, b: &str) -> bool {
        let key = |name: &str| {
            self.rounds
                .iter()
                .enumerate()
                .find(|(_, r)| r.name == name)
                .map(|(i, r)| (r.date, i))
        };
        matches!((key(a), key(b)), (Some(x), Some(y)) if x < y)
    }

    /// The last round before the one named, if any.
    pub fn before(&self, name: &str) -> Option<&Round> {
        self.rounds
            .iter()
            .filter(|r| self.is_earlier(&r.name, name))
            .reduce(|a, b| {
                if self.is_earlier(&a.name, &b.name) {
                    b
                } else {
                    a
                }
            })
    }

    /// The latest round (by date, then by place in the file).
    pub fn latest(&self) -> Option<&Round> {
        self.rounds
            .iter()
            .enumerate()
            .max_by_key(|(i, r)| (r.date, *i))
            .map(|(_, r)| r)
    }

    /// Rounds in the canonical order (by date, then name) and each round's ratings sorted.
    pub fn normalise(&mut self) {
        self.rounds
            .sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
        for r in &mut self.rounds {
            r.sort();
        }
    }

    /// A name for a new round that no round has yet, from its month: "January 2027",
    /// "January 2027 (2)".
    pub fn fresh_name(&self, date: jiff::civil::Date) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS[(date.month() as usize).clamp(1, 12) - 1];
        let base = format!("{month} {}", date.year());
        let mut name = base.clone();
        let mut n = 2;
        while self.round(&name).is_some() {
            name = format!("{base} ({n})");
            n += 1;
        }
        name
    }

    /// Drop every rating of a group (the group is being removed). Returns whether any was.
    pub(crate) fn forget_group(&mut self, g: GroupId) -> bool {
        let mut any = false;
        for r in &mut self.rounds {
            let before = r.ratings.len();
            r.ratings.retain(|x| x.group != Some(g));
            any |= r.ratings.len() != before;
        }
        any
    }

    /// Why the assessment cannot be kept, with where: `(round index, rating index, why)`. Names
    /// must be unique and not blank, raters listed, and each rater rates a component of the org
    /// or a group at most once per round.
    pub fn problem(&self) -> Option<(usize, Option<usize>, String)> {
        for (i, r) in self.rounds.iter().enumerate() {
            if r.name.trim().is_empty() {
                return Some((i, None, "a rating round has no name".into()));
            }
            if self.rounds[..i].iter().any(|o| o.name == r.name) {
                return Some((
                    i,
                    None,
                    format!("two rating rounds are named \"{}\"", r.name),
                ));
            }
            for (k, rater) in r.raters.iter().enumerate() {
                if rater.trim().is_empty() {
                    return Some((i, None, format!("round \"{}\" has a blank rater", r.name)));
                }
                if r.raters[..k].contains(rater) {
                    return Some((
                        i,
                        None,
                        format!("round \"{}\" lists the rater \"{rater}\" twice", r.name),
                    ));
                }
            }
            let mut seen = rustc_hash::FxHashSet::default();
            seen.reserve(r.ratings.len());
            for (j, x) in r.ratings.iter().enumerate() {
                if !r.raters.contains(&x.rater) {
                    return Some((
                        i,
                        Some(j),
                        format!(
                            "\"{}\" is not one of the raters of round \"{}\" ({})",
                            x.rater,
                            r.name,
                            r.raters.join(", ")
                        ),
                    ));
                }
                if !seen.insert(x.key()) {
                    return Some((
                        i,
                        Some(j),
                        format!(
                            "{} rates {} twice in round \"{}\"",
                            x.rater,
                            x.component.label(),
                            r.name
                        ),
                    ));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_read_by_name_key_or_alias() {
        for c in Component::ALL {
            assert_eq!(c.label().parse::<Component>(), Ok(c));
            assert_eq!(c.key().parse::<Component>(), Ok(c));
            assert_eq!(c.label().to_uppercase().parse::<Component>(), Ok(c));
        }
        assert_eq!(
            "Continuous Improvement and Impediment Removal".parse(),
            Ok(Component::ContinuousImprovement)
        );
        assert_eq!("EAT".parse(), Ok(Component::ExecutiveActionTeam));
        assert_eq!(
            "Executive MetaScrum (hub)".parse(),
            Ok(Component::ExecutiveMetaScrum)
        );
        let e = "Team Spirit".parse::<Component>().unwrap_err();
        assert!(e.starts_with("\"Team Spirit\" is not a component"), "{e}");
        assert!(e.contains("Cross-Team Coordination"), "{e}");
    }

    #[test]
    fn scores_are_0_to_4() {
        assert_eq!("3".parse::<Score>().map(Score::value), Ok(3));
        assert_eq!("3 established".parse::<Score>().map(Score::value), Ok(3));
        assert_eq!("Optimizing".parse::<Score>().map(Score::value), Ok(4));
        let e = "5".parse::<Score>().unwrap_err();
        assert!(e.starts_with("the rating 5 is out of range"), "{e}");
        assert!("-1".parse::<Score>().is_err());
        assert!("great".parse::<Score>().is_err());
        let bad: Result<Score, _> = serde_json::from_str("5");
        assert!(bad.is_err());
    }

    #[test]
    fn a_round_keeps_one_rating_per_rater_component_and_group() {
        let d: jiff::civil::Date = "2027-01-15".parse().unwrap();
        let mut r = Round::new("Q1", d);
        let three = Score::new(3).unwrap();
        r.set(
            "Bo",
            Component::Delivery,
            None,
            Some((three, String::new())),
        );
        r.set("Ana", Component::Delivery, None, Some((three, "ok".into())));
        r.set(
            "Bo",
            Component::Delivery,
            None,
            Some((Score(1), String::new())),
        );
        assert_eq!(r.raters, ["Bo", "Ana"]);
        assert_eq!(r.ratings.len(), 2);
        assert_eq!(r.ratings[0].rater, "Bo");
        assert_eq!(r.ratings[0].rating, Score(1));
        r.set("Bo", Component::Delivery, None, None);
        assert_eq!(r.ratings.len(), 1);
        let a = Assessment { rounds: vec![r] };
        assert_eq!(a.problem(), None);
        assert_eq!(a.fresh_name(d), "January 2027");
    }
}
