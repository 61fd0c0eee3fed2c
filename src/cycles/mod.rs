//! The framework's two cycles drawn from the real org (rulebook §9): the Scrum Master cycle
//! (the "how", with the Executive Action Team as its hub) and the Product Owner cycle (the
//! "what", with the Executive MetaScrum as its hub), meeting at Team Process and Product & Release
//! Feedback and sharing Metrics & Transparency. For a scope (the whole org, or one group and its
//! subtree) each of the 12 components gets its carriers in this org (derived from the roles and
//! the events they hold) and a coverage state from the findings mapped to it, each gap naming the
//! finding behind it.

pub mod report;

use std::collections::BTreeSet;

use crate::model::{GroupId, Org, PersonId, Structure, Unit};
use crate::rules::{Finding, Severity, SubjectRef};
use crate::words::plural;

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
}

/// How well the org carries a component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Coverage {
    /// Carried, with no error or warning mapped to it.
    Complete,
    /// Carried, but findings show where it breaks.
    Gaps,
    /// Nobody carries it in this scope.
    Missing,
}

impl Coverage {
    pub fn label(self) -> &'static str {
        match self {
            Coverage::Complete => "complete",
            Coverage::Gaps => "gaps",
            Coverage::Missing => "missing",
        }
    }
}

/// One component in one scope of the org.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentState {
    pub component: Component,
    /// Who carries it, in id order.
    pub people: Vec<PersonId>,
    /// The carriers in words: "4 SoSMs, 4 Scaled Daily Scrums".
    pub carriers: String,
    pub coverage: Coverage,
    /// The errors and warnings mapped to it (each a gap), then its infos.
    pub gaps: Vec<Finding>,
}

/// Whose cycles are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Org,
    /// A group and everything inside it.
    Group(GroupId),
}

/// The two cycles of one scope.
#[derive(Clone, Debug, PartialEq)]
pub struct Cycles {
    pub scope: Scope,
    pub components: Vec<ComponentState>,
}

impl Cycles {
    pub fn get(&self, c: Component) -> &ComponentState {
        self.components
            .iter()
            .find(|s| s.component == c)
            .expect("every component is modelled")
    }
}

/// The components a finding concerns (rulebook §9, finding-to-component map; INF).
pub fn components_of(f: &Finding, org: &Org) -> Vec<Component> {
    use Component::*;
    let r = f.rule;
    if r.is_overlay() {
        let n = r.0 - crate::rules::overlay::OVERLAY;
        return match n {
            // Timeboxes, Sprint length and one Sprint per group: the teams' cadence.
            1 | 3 | 4 => vec![TeamProcess],
            // The Scaled Daily Scrum.
            2 => vec![CrossTeamCoordination],
            // Double booking and overload slow impediment removal.
            5 | 7 => vec![ContinuousImprovement],
            // Escalation latency: the path to the EAT.
            6 => vec![ContinuousImprovement, ExecutiveActionTeam],
            // A meeting too large: the EMS or a group's coordination.
            _ => match f.subject {
                SubjectRef::Ems => vec![ExecutiveMetaScrum],
                SubjectRef::Eat => vec![ExecutiveActionTeam],
                _ => vec![CrossTeamCoordination],
            },
        };
    }
    match r.0 {
        1 => vec![TeamProcess, BacklogRefinement],
        2..=5 => vec![TeamProcess],
        7 => vec![
            CrossTeamCoordination,
            ContinuousImprovement,
            ReleasePlanning,
            Delivery,
        ],
        8 => vec![
            BacklogPrioritization,
            BacklogRefinement,
            ReleasePlanning,
            Delivery,
        ],
        9 => vec![BacklogPrioritization],
        10 | 11 => vec![CrossTeamCoordination],
        13 => {
            let mut v = Vec::new();
            if org.eat().is_empty() {
                v.push(ExecutiveActionTeam);
            }
            if org.ems().is_empty() {
                v.extend([ExecutiveMetaScrum, StrategicVision]);
            }
            v
        }
        14 => vec![ExecutiveActionTeam],
        15 => vec![ExecutiveMetaScrum, StrategicVision],
        16 => vec![ExecutiveMetaScrum],
        18..=20 => vec![ContinuousImprovement],
        23 => vec![Delivery],
        _ => Vec::new(),
    }
}

/// Whether a finding is about something inside `g`'s subtree (the group, its teams and groups,
/// and the people who hold a seat or role there).
fn within(org: &Org, f: &Finding, g: GroupId, people: &BTreeSet<PersonId>) -> bool {
    match f.subject {
        SubjectRef::Team(t) => org.is_within(Unit::Team(t), g),
        SubjectRef::Group(x) => x == g || org.is_within(Unit::Group(x), g),
        SubjectRef::Person(p) => people.contains(&p),
        SubjectRef::Org | SubjectRef::Eat | SubjectRef::Ems => false,
    }
}

/// The two cycles of `scope`, from the org and its findings.
pub fn cycles(org: &Org, s: &Structure, findings: &[Finding], scope: Scope) -> Cycles {
    // What is in scope.
    let groups: Vec<GroupId> = match scope {
        Scope::Org => org.groups().keys().copied().collect(),
        Scope::Group(g) => {
            let mut v = vec![g];
            v.extend(s.groups_below(g));
            v
        }
    };
    let teams: Vec<&crate::model::Team> = match scope {
        Scope::Org => org.teams().values().filter(|t| t.is_real()).collect(),
        Scope::Group(g) => s
            .teams_below(g)
            .into_iter()
            .filter_map(|t| org.team(t))
            .filter(|t| t.is_real())
            .collect(),
    };
    let set = |it: &mut dyn Iterator<Item = PersonId>| -> BTreeSet<PersonId> { it.collect() };
    let pos = set(&mut teams.iter().flat_map(|t| t.product_owners.iter().copied()));
    let sms = set(&mut teams.iter().flat_map(|t| t.scrum_masters.iter().copied()));
    let devs = set(&mut teams.iter().flat_map(|t| t.developers.iter().copied()));
    let masters = set(&mut groups
        .iter()
        .filter_map(|g| org.group(*g))
        .flat_map(|g| g.masters.iter().map(|h| h.person)));
    let cpos = set(&mut groups
        .iter()
        .filter_map(|g| org.group(*g))
        .flat_map(|g| g.cpos.iter().map(|h| h.person)));
    let eat = org.eat();
    let ems = org.ems();
    // The hubs are the org's, whatever the scope: every group's cycles meet there.
    let with_hubs = true;
    let eat_people = if with_hubs {
        set(&mut eat
            .members
            .iter()
            .chain(&eat.product_owner)
            .chain(&eat.scrum_master)
            .copied())
    } else {
        BTreeSet::new()
    };
    let ems_people = if with_hubs {
        set(&mut ems.attendees.iter().chain(&ems.facilitator).copied())
    } else {
        BTreeSet::new()
    };
    // Everyone with a seat or role in a group's scope (only a group's scope needs it).
    let everyone: BTreeSet<PersonId> = match scope {
        Scope::Org => BTreeSet::new(),
        Scope::Group(_) => pos
            .iter()
            .chain(&sms)
            .chain(&devs)
            .chain(&masters)
            .chain(&cpos)
            .copied()
            .collect(),
    };
    let union = |sets: &[&BTreeSet<PersonId>]| -> Vec<PersonId> {
        let mut all: Vec<PersonId> = sets.iter().flat_map(|s| s.iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        all
    };
    let team_people = union(&[&pos, &sms, &devs]);
    let n_groups = groups.len();
    let with_master = groups
        .iter()
        .filter_map(|g| org.group(*g))
        .filter(|g| !g.masters.is_empty())
        .count();
    let with_both = groups
        .iter()
        .filter_map(|g| org.group(*g))
        .filter(|g| !g.masters.is_empty() && !g.cpos.is_empty())
        .count();
    let sds = plural(n_groups, "Scaled Daily Scrum", "Scaled Daily Scrums");

    use Component::*;
    let carriers = |c: Component| -> (Vec<PersonId>, String) {
        match c {
            TeamProcess => (
                team_people.clone(),
                format!(
                    "{}, {}",
                    plural(teams.len(), "Scrum team", "Scrum teams"),
                    plural(team_people.len(), "person", "people")
                ),
            ),
            ExecutiveActionTeam => (
                eat_people.iter().copied().collect(),
                if with_hubs && !eat.is_empty() {
                    format!(
                        "{}{}",
                        plural(eat_people.len(), "member", "members"),
                        if eat.product_owner.is_some() && eat.scrum_master.is_some() {
                            ", its PO and SM"
                        } else {
                            ""
                        }
                    )
                } else {
                    String::new()
                },
            ),
            ContinuousImprovement => (
                union(&[&sms, &masters, &eat_people]),
                format!(
                    "{}, {}, {}{}",
                    plural(sms.len(), "SM", "SMs"),
                    plural(masters.len(), "SoSM", "SoSMs"),
                    plural(n_groups, "Scaled Retrospective", "Scaled Retrospectives"),
                    if eat_people.is_empty() {
                        ""
                    } else {
                        ", the EAT"
                    }
                ),
            ),
            CrossTeamCoordination => (
                masters.iter().copied().collect(),
                if n_groups == 0 {
                    String::new()
                } else {
                    format!("{}, {sds}", plural(masters.len(), "SoSM", "SoSMs"))
                },
            ),
            Delivery => (
                union(&[&masters, &cpos]),
                if n_groups == 0 {
                    String::new()
                } else {
                    format!(
                        "{} with a SoSM and a CPO",
                        plural(with_both, "group", "groups")
                    )
                },
            ),
            ExecutiveMetaScrum => (
                ems_people.iter().copied().collect(),
                if ems_people.is_empty() {
                    String::new()
                } else {
                    plural(ems_people.len(), "attendee", "attendees")
                },
            ),
            StrategicVision => (
                if ems_people.is_empty() {
                    Vec::new()
                } else {
                    union(&[&ems_people, &cpos])
                },
                if ems_people.is_empty() {
                    String::new()
                } else {
                    format!(
                        "the EMS, {} communicating it",
                        plural(cpos.len(), "CPO", "CPOs")
                    )
                },
            ),
            BacklogPrioritization => (
                cpos.iter().copied().collect(),
                if cpos.is_empty() {
                    String::new()
                } else {
                    format!(
                        "{}, {}",
                        plural(cpos.len(), "CPO", "CPOs"),
                        plural(n_groups, "PO Team", "PO Teams")
                    )
                },
            ),
            BacklogRefinement => (
                union(&[&cpos, &pos]),
                format!(
                    "{}, {}",
                    plural(n_groups, "PO Team", "PO Teams"),
                    plural(pos.len(), "PO", "POs")
                ),
            ),
            ReleasePlanning => (
                union(&[&cpos, &masters]),
                if n_groups == 0 {
                    String::new()
                } else {
                    format!("{} with their SoSMs", plural(cpos.len(), "CPO", "CPOs"))
                },
            ),
            Feedback => (
                union(&[&pos, &cpos, &sms, &masters]),
                format!(
                    "{} and {} (product), {} and {} (release)",
                    plural(pos.len(), "PO", "POs"),
                    plural(cpos.len(), "CPO", "CPOs"),
                    plural(sms.len(), "SM", "SMs"),
                    plural(with_master, "SoSM", "SoSMs")
                ),
            ),
            MetricsTransparency => (
                cpos.iter().copied().collect(),
                if cpos.is_empty() {
                    String::new()
                } else {
                    format!("{} choosing the metrics", plural(cpos.len(), "CPO", "CPOs"))
                },
            ),
        }
    };

    let in_scope = |f: &Finding| match scope {
        Scope::Org => true,
        Scope::Group(g) => within(org, f, g, &everyone),
    };
    let components = Component::ALL
        .into_iter()
        .map(|c| {
            let (people, text) = carriers(c);
            let mut gaps: Vec<Finding> = findings
                .iter()
                .filter(|f| in_scope(f) && components_of(f, org).contains(&c))
                .cloned()
                .collect();
            gaps.sort_by_key(|f| f.severity);
            let serious = gaps.iter().any(|f| f.severity != Severity::Info);
            // A component nobody carries is missing; the hubs are missing without their body
            // (and a group's scope has no hubs of its own).
            let coverage = if people.is_empty() || text.is_empty() {
                Coverage::Missing
            } else if serious {
                Coverage::Gaps
            } else {
                Coverage::Complete
            };
            ComponentState {
                component: c,
                people,
                carriers: text,
                coverage,
                gaps,
            }
        })
        .collect();
    Cycles { scope, components }
}
