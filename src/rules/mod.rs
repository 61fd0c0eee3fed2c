//! The rule catalogue (V1-V23 of the rulebook, `shared/docs/scrum-at-scale.md` §3), profiles and
//! findings. [`validate`] runs every rule over an org; it indexes the org once, so a 10,000-team
//! org validates in a few milliseconds.

pub mod candidates;
mod engine;
pub mod overlay;
mod profile;

use std::fmt;

use serde::Serialize;

use crate::model::{GroupId, PersonId, TeamId};

pub use engine::{validate, validate_in, validate_with};
pub use profile::{Band, EmsLevel, Thresholds};

/// How serious a finding is. Both guides give their numbers as typical values, so no numeric limit
/// is ever stronger than a warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The model is structurally invalid.
    Error,
    /// The design departs from official guidance.
    Warning,
    /// The design departs from practice or advice.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule of the catalogue. Ids are permanent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId(pub u8);

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_overlay() {
            write!(f, "O{}", self.0 - overlay::OVERLAY)
        } else {
            write!(f, "V{}", self.0)
        }
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Catalogue entry: what a rule checks and where it comes from.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    pub id: RuleId,
    pub title: &'static str,
    pub severity: &'static str,
    pub source: &'static str,
}

const SG20: &str = "Scrum Guide 2020";
const SAS22: &str = "Scrum@Scale Guide 2022";

/// The whole catalogue, in id order.
pub const CATALOGUE: [RuleInfo; 23] = [
    RuleInfo {
        id: RuleId(1),
        title: "Team has exactly one Product Owner",
        severity: "error",
        source: SG20,
    },
    RuleInfo {
        id: RuleId(2),
        title: "Team has exactly one Scrum Master",
        severity: "error",
        source: SG20,
    },
    RuleInfo {
        id: RuleId(3),
        title: "Team has someone doing Sprint work",
        severity: "error",
        source: SG20,
    },
    RuleInfo {
        id: RuleId(4),
        title: "Team size within the profile's range",
        severity: "warning / info",
        source: "Scrum Guide 2020 and 2017, Scrum@Scale Guide 2022, Atlassian (two-pizza); Hackman, Leading Teams",
    },
    RuleInfo {
        id: RuleId(5),
        title: "Product Owner and Scrum Master are different people",
        severity: "warning",
        source: "scrum.org forum, \"Scrum Roles\" (common practice)",
    },
    RuleInfo {
        id: RuleId(6),
        title: "Scrum of Scrums has 4-5 teams",
        severity: "error / warning / info",
        source: "Scrum@Scale Guide 2022 (\"4 or 5\"), guide diagrams",
    },
    RuleInfo {
        id: RuleId(7),
        title: "Group has exactly one master",
        severity: "error",
        source: SAS22,
    },
    RuleInfo {
        id: RuleId(8),
        title: "Group has exactly one Chief Product Owner",
        severity: "error",
        source: SAS22,
    },
    RuleInfo {
        id: RuleId(9),
        title: "CPO is a member team's PO or marked dedicated",
        severity: "warning",
        source: SAS22,
    },
    RuleInfo {
        id: RuleId(10),
        title: "Master is a member team's SM or marked dedicated",
        severity: "warning",
        source: SAS22,
    },
    RuleInfo {
        id: RuleId(11),
        title: "Every member has a Scaled Daily Scrum representative",
        severity: "warning",
        source: SAS22,
    },
    RuleInfo {
        id: RuleId(12),
        title: "Higher-level group has 4-5 members",
        severity: "error / warning / info",
        source: "Scrum@Scale Guide 2022 (self-similar structure)",
    },
    RuleInfo {
        id: RuleId(13),
        title: "Organisation with groups has an EAT and an EMS",
        severity: "warning",
        source: SAS22,
    },
    RuleInfo {
        id: RuleId(14),
        title: "EAT has a Product Owner and a Scrum Master",
        severity: "warning",
        source: SAS22,
    },
    RuleInfo {
        id: RuleId(15),
        title: "Group CPOs attend the Executive MetaScrum",
        severity: "warning",
        source: SAS22,
    },
    RuleInfo {
        id: RuleId(16),
        title: "With a single SoS, team POs attend the Executive MetaScrum",
        severity: "warning",
        source: SAS22,
    },
    RuleInfo {
        id: RuleId(17),
        title: "Hierarchy is a tree (no cycles, one parent)",
        severity: "error",
        source: "orgscale (every official diagram is a tree)",
    },
    RuleInfo {
        id: RuleId(18),
        title: "A person works in one real team",
        severity: "warning / info",
        source: "Weinberg on context switching; Cohn, Succeeding with Agile",
    },
    RuleInfo {
        id: RuleId(19),
        title: "A Scrum Master serves at most sm_max_teams teams",
        severity: "info / warning",
        source: "LeSS (one SM for 1-3 teams)",
    },
    RuleInfo {
        id: RuleId(20),
        title: "A person holds at most max_scaled_roles scaled roles",
        severity: "info",
        source: "orgscale",
    },
    RuleInfo {
        id: RuleId(21),
        title: "Depth within max_depth and all teams at one depth",
        severity: "info",
        source: "Scrum@Scale Guide 2018/2019; ScrumPLoP \"Scrum of Scrums\"",
    },
    RuleInfo {
        id: RuleId(22),
        title: "EAT and EMS may share members (never reported)",
        severity: "never",
        source: SAS22,
    },
    RuleInfo {
        id: RuleId(23),
        title: "Every group records a shared Definition of Done",
        severity: "info",
        source: "Scrum@Scale Guide 2022, Scrum Guide 2020",
    },
];

/// The overlay checks on the org's events (rulebook §5), in id order; they run only for an org
/// file that records its cadence.
pub const OVERLAY_CATALOGUE: &[RuleInfo] = &[
    RuleInfo {
        id: RuleId(overlay::OVERLAY + 1),
        title: "Events keep their timeboxes (Daily Scrum and Scaled Daily Scrum 15 min, the Scrum Guide's maxima scaled to the Sprint)",
        severity: "warning",
        source: "Scrum Guide 2020, Scrum@Scale Guide 2022; linear scaling INF",
    },
    RuleInfo {
        id: RuleId(overlay::OVERLAY + 2),
        title: "The Scaled Daily Scrum meets daily",
        severity: "warning",
        source: "Scrum@Scale Guide 2022, Scrum@Scale in one page",
    },
    RuleInfo {
        id: RuleId(overlay::OVERLAY + 3),
        title: "A Sprint lasts at most sprint_max_weeks (4)",
        severity: "warning",
        source: SG20,
    },
    RuleInfo {
        id: RuleId(overlay::OVERLAY + 4),
        title: "The members of a group run the same Sprint (length and start)",
        severity: "info",
        source: "INF (one integrated increment per Sprint)",
    },
    RuleInfo {
        id: RuleId(overlay::OVERLAY + 5),
        title: "Nobody is booked into two events at the same time",
        severity: "warning",
        source: "INF",
    },
    RuleInfo {
        id: RuleId(overlay::OVERLAY + 6),
        title: "An impediment raised at a Daily Scrum reaches the EAT within escalation_max (the same working day)",
        severity: "warning",
        source: "Scrum@Scale Guide 2022 (decision latency); Saab Gripen cascade PRAC; limit INF",
    },
    RuleInfo {
        id: RuleId(overlay::OVERLAY + 7),
        title: "A person's events take at most load_max_* of their working time (Developers 15 %, SMs and SoSMs 50 %)",
        severity: "info",
        source: "INF",
    },
    RuleInfo {
        id: RuleId(overlay::OVERLAY + 8),
        title: "An event has at most meeting_max (20) attendees",
        severity: "info",
        source: "INF (Scrum@Scale Guide 2022: \"multiple MetaScrums\")",
    },
];

impl RuleId {
    /// An overlay check (O1-O8) rather than a structure rule (V1-V23).
    pub fn is_overlay(self) -> bool {
        self.0 > overlay::OVERLAY
    }

    pub fn info(self) -> &'static RuleInfo {
        if self.is_overlay() {
            let i = (self.0 - overlay::OVERLAY) as usize;
            return &OVERLAY_CATALOGUE[i.clamp(1, OVERLAY_CATALOGUE.len()) - 1];
        }
        &CATALOGUE[(self.0 as usize).clamp(1, CATALOGUE.len()) - 1]
    }
}

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SubjectRef {
    Org,
    Team(TeamId),
    Group(GroupId),
    Person(PersonId),
    Eat,
    Ems,
}

impl SubjectRef {
    pub fn kind(self) -> &'static str {
        match self {
            SubjectRef::Org => "org",
            SubjectRef::Team(_) => "team",
            SubjectRef::Group(_) => "group",
            SubjectRef::Person(_) => "person",
            SubjectRef::Eat => "eat",
            SubjectRef::Ems => "ems",
        }
    }

    pub fn id(self) -> Option<String> {
        match self {
            SubjectRef::Team(t) => Some(t.to_string()),
            SubjectRef::Group(g) => Some(g.to_string()),
            SubjectRef::Person(p) => Some(p.to_string()),
            _ => None,
        }
    }
}

/// A finding's subject as written in reports: kind, id and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Subject {
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
}

/// One result of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    pub subject: SubjectRef,
    /// Name of the subject when the finding was made.
    pub subject_name: String,
    /// A sentence a non-developer understands.
    pub message: String,
}

impl Finding {
    pub fn source(&self) -> &'static str {
        self.rule.info().source
    }

    pub fn subject(&self) -> Subject {
        Subject {
            kind: self.subject.kind(),
            id: self.subject.id(),
            name: self.subject_name.clone(),
        }
    }
}

impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Finding", 5)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("subject", &self.subject())?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("source", self.source())?;
        st.end()
    }
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    /// Each severity's count with its noun, errors first: ["2 errors", "1 warning", "0 infos"].
    pub fn phrases(&self) -> [String; 3] {
        use crate::words::plural;
        [
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings"),
            plural(self.infos, "info", "infos"),
        ]
    }

    /// "2 errors, 1 warning, no infos".
    pub fn summary(&self) -> String {
        let part = |n: usize, one: &str, many: &str| match n {
            0 => format!("no {many}"),
            n => crate::words::plural(n, one, many),
        };
        format!(
            "{}, {}, {}",
            part(self.errors, "error", "errors"),
            part(self.warnings, "warning", "warnings"),
            part(self.infos, "info", "infos")
        )
    }

    pub fn of(findings: &[Finding]) -> Self {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

/// Findings of `org` that name `subject`.
pub fn findings_for(findings: &[Finding], subject: SubjectRef) -> impl Iterator<Item = &Finding> {
    findings.iter().filter(move |f| f.subject == subject)
}

#[cfg(test)]
mod tests {
    use super::Counts;

    #[test]
    fn counts_say_themselves_in_words() {
        let c = Counts {
            errors: 2,
            warnings: 1,
            infos: 0,
        };
        assert_eq!(c.phrases(), ["2 errors", "1 warning", "0 infos"]);
        assert_eq!(c.summary(), "2 errors, 1 warning, no infos");
    }
}
