//! The framework's two cycles drawn from the real org (rulebook §9): the Scrum Master cycle
//! (the "how", with the Executive Action Team as its hub) and the Product Owner cycle (the
//! "what", with the Executive MetaScrum as its hub), meeting at Team Process and Product & Release
//! Feedback and sharing Metrics & Transparency. For a scope (the whole org, or one group and its
//! subtree) each of the 12 components gets its carriers in this org (derived from the roles and
//! the events they hold) and a coverage state from the findings mapped to it, each gap naming the
//! finding behind it.

pub mod rating;
pub mod report;

use std::collections::BTreeSet;

pub use crate::model::{Component, Cycle};
use crate::model::{GroupId, Org, PersonId, Structure, Unit};
use crate::rules::{Finding, Severity, SubjectRef};
use crate::words::plural;

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

impl ComponentState {
    /// How many of its findings are gaps (errors and warnings; infos are not).
    pub fn serious_gaps(&self) -> usize {
        self.gaps
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .count()
    }

    /// Its state in words: "complete", "2 gaps", "missing".
    pub fn state(&self) -> String {
        match self.coverage {
            Coverage::Complete => "complete".into(),
            Coverage::Gaps => plural(self.serious_gaps(), "gap", "gaps"),
            Coverage::Missing => "missing".into(),
        }
    }
}

/// Whose cycles are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Org,
    /// A group and everything inside it.
    Group(GroupId),
}

/// "Acme Online" for the org, "SoS Payments" for a group.
pub fn scope_name(org: &Org, s: &Structure, scope: Scope) -> String {
    match scope {
        Scope::Org => org.name().to_string(),
        Scope::Group(g) => format!(
            "{} {}",
            Structure::level_label(s.level(g)),
            org.unit_name(Unit::Group(g))
        ),
    }
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
/// and the people who hold a seat or role there), or about the hubs every scope shares (the
/// EAT, the EMS and the org as a whole: every group's cycles meet there).
fn within(org: &Org, f: &Finding, g: GroupId, people: &[PersonId]) -> bool {
    match f.subject {
        SubjectRef::Team(t) => org.is_within(Unit::Team(t), g),
        SubjectRef::Group(x) => x == g || org.is_within(Unit::Group(x), g),
        SubjectRef::Person(p) => people.binary_search(&p).is_ok(),
        SubjectRef::Org | SubjectRef::Eat | SubjectRef::Ems => true,
    }
}

/// Two sorted lists without repeats as one, in one pass.
fn merge(a: &[PersonId], b: &[PersonId]) -> Vec<PersonId> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// The two cycles of `scope`, from the org and its findings.
pub fn cycles(org: &Org, s: &Structure, findings: &[Finding], scope: Scope) -> Cycles {
    // What is in scope.
    let groups: Vec<&crate::model::Group> = match scope {
        Scope::Org => org.groups().values().collect(),
        Scope::Group(g) => std::iter::once(g)
            .chain(s.groups_below(g))
            .filter_map(|g| org.group(g))
            .collect(),
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
    // People as sorted lists without repeats (cheaper than sets for tens of thousands).
    let set = |it: &mut dyn Iterator<Item = PersonId>| -> Vec<PersonId> {
        let mut v: Vec<PersonId> = it.collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let pos = set(&mut teams.iter().flat_map(|t| t.product_owners.iter().copied()));
    let sms = set(&mut teams.iter().flat_map(|t| t.scrum_masters.iter().copied()));
    let devs = set(&mut teams.iter().flat_map(|t| t.developers.iter().copied()));
    let masters = set(&mut groups
        .iter()
        .flat_map(|g| g.masters.iter().map(|h| h.person)));
    let cpos = set(&mut groups.iter().flat_map(|g| g.cpos.iter().map(|h| h.person)));
    // The hubs are the org's, whatever the scope: every group's cycles meet there.
    let eat = org.eat();
    let ems = org.ems();
    let eat_people = set(&mut eat
        .members
        .iter()
        .chain(&eat.product_owner)
        .chain(&eat.scrum_master)
        .copied());
    let ems_people = set(&mut ems.attendees.iter().chain(&ems.facilitator).copied());
    // How often the hubs and the Scaled Daily Scrums meet (the cadence's defaults when the file
    // records none): the events that carry the components.
    let default_cadence;
    let cadence = match org.cadence() {
        Some(c) => c,
        None => {
            default_cadence = crate::model::Cadence::default();
            &default_cadence
        }
    };
    // Everyone with a seat or role in a group's scope (only a group's scope needs it).
    let union = |sets: &[&Vec<PersonId>]| -> Vec<PersonId> {
        sets.iter().fold(Vec::new(), |all, s| merge(&all, s))
    };
    let team_people = union(&[&pos, &sms, &devs]);
    let everyone: Vec<PersonId> = match scope {
        Scope::Org => Vec::new(),
        Scope::Group(_) => union(&[&team_people, &masters, &cpos]),
    };
    let n_groups = groups.len();
    let with_master = groups.iter().filter(|g| !g.masters.is_empty()).count();
    let with_both = groups
        .iter()
        .filter(|g| !g.masters.is_empty() && !g.cpos.is_empty())
        .count();
    let sds = {
        let n = plural(n_groups, "Scaled Daily Scrum", "Scaled Daily Scrums");
        match cadence.scaled_daily_scrum {
            crate::model::cadence::Recurrence::Daily => n,
            r => format!("{n} ({})", r.label()),
        }
    };

    use Component::*;
    let carriers = |c: Component| -> (Vec<PersonId>, String) {
        match c {
            TeamProcess => (
                team_people.clone(),
                if teams.is_empty() {
                    String::new()
                } else {
                    format!(
                        "{}, {}",
                        plural(teams.len(), "Scrum team", "Scrum teams"),
                        plural(team_people.len(), "person", "people")
                    )
                },
            ),
            ExecutiveActionTeam => (
                eat_people.clone(),
                if eat.is_empty() {
                    String::new()
                } else {
                    format!(
                        "{}{}, meets {}",
                        plural(eat.members.len(), "member", "members"),
                        match (eat.product_owner, eat.scrum_master) {
                            (Some(_), Some(_)) => ", its PO and SM",
                            (Some(_), None) => ", its PO",
                            (None, Some(_)) => ", its SM",
                            (None, None) => "",
                        },
                        cadence.eat_meeting.label()
                    )
                },
            ),
            ContinuousImprovement => (
                union(&[&sms, &masters, &eat_people]),
                if sms.is_empty() && masters.is_empty() {
                    String::new()
                } else {
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
                    )
                },
            ),
            CrossTeamCoordination => (
                masters.clone(),
                if n_groups == 0 {
                    String::new()
                } else {
                    format!("{}, {sds}", plural(masters.len(), "SoSM", "SoSMs"))
                },
            ),
            // The SoS as a whole delivers, its CPO and master accountable together: nobody
            // carries it where no group has both.
            Delivery => (
                if with_both == 0 {
                    Vec::new()
                } else {
                    union(&[&masters, &cpos])
                },
                if with_both == 0 {
                    String::new()
                } else {
                    format!(
                        "{} with a SoSM and a CPO",
                        plural(with_both, "group", "groups")
                    )
                },
            ),
            ExecutiveMetaScrum => (
                ems_people.clone(),
                if ems_people.is_empty() {
                    String::new()
                } else {
                    format!(
                        "{}, meets {}",
                        plural(ems_people.len(), "attendee", "attendees"),
                        cadence.executive_meta_scrum.label()
                    )
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
                cpos.clone(),
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
                if pos.is_empty() && cpos.is_empty() {
                    String::new()
                } else {
                    format!(
                        "{}, {}",
                        plural(n_groups, "PO Team", "PO Teams"),
                        plural(pos.len(), "PO", "POs")
                    )
                },
            ),
            ReleasePlanning => (
                union(&[&cpos, &masters]),
                if n_groups == 0 || (cpos.is_empty() && masters.is_empty()) {
                    String::new()
                } else {
                    format!(
                        "{} and {} planning together",
                        plural(cpos.len(), "CPO", "CPOs"),
                        plural(masters.len(), "SoSM", "SoSMs")
                    )
                },
            ),
            Feedback => (
                union(&[&pos, &cpos, &sms, &masters]),
                if teams.is_empty() {
                    String::new()
                } else {
                    format!(
                        "{} and {} (product), {} and {} (release)",
                        plural(pos.len(), "PO", "POs"),
                        plural(cpos.len(), "CPO", "CPOs"),
                        plural(sms.len(), "SM", "SMs"),
                        plural(with_master, "SoSM", "SoSMs")
                    )
                },
            ),
            MetricsTransparency => (
                cpos.clone(),
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
    // Each finding's components once, not once per component.
    let mut gaps: Vec<Vec<Finding>> = vec![Vec::new(); Component::ALL.len()];
    for f in findings.iter().filter(|f| in_scope(f)) {
        for c in components_of(f, org) {
            gaps[c.index()].push(f.clone());
        }
    }
    let components = Component::ALL
        .into_iter()
        .zip(gaps)
        .map(|(c, mut gaps)| {
            let (people, text) = carriers(c);
            gaps.sort_by_key(|f| f.severity);
            let serious = gaps.iter().any(|f| f.severity != Severity::Info);
            // A component nobody carries is missing; the hubs are missing without their body.
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

/// What the serious gaps of a component say, in a few words: "2 SoS lack a SoSM", "1 team
/// outside the size range; 1 person in several teams". Empty when there are none.
pub fn evidence(org: &Org, s: &Structure, gaps: &[Finding]) -> String {
    let serious: Vec<&Finding> = gaps
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    let mut rules: Vec<crate::rules::RuleId> = serious.iter().map(|f| f.rule).collect();
    rules.sort_unstable_by_key(|r| r.0);
    rules.dedup();
    let mut phrases = Vec::new();
    for rule in rules {
        let of: Vec<&&Finding> = serious.iter().filter(|f| f.rule == rule).collect();
        let n = of.len();
        let count = |one: &str, many: &str, what: &str| format!("{} {what}", plural(n, one, many));
        let phrase = match (rule.is_overlay(), rule.0) {
            (false, 1) => count("team", "teams", "without one Product Owner"),
            (false, 2) => count("team", "teams", "without one Scrum Master"),
            (false, 3) => count("team", "teams", "with nobody doing Sprint work"),
            (false, 4) => count("team", "teams", "outside the size range"),
            (false, 5) => count("team", "teams", "whose PO is also its SM"),
            (false, r @ (7 | 8)) => {
                // "2 SoS lack a SoSM", "1 SoSoS has more than one SoSoSM".
                let levels: BTreeSet<u32> = of
                    .iter()
                    .filter_map(|f| match f.subject {
                        SubjectRef::Group(g) => Some(s.level(g)),
                        _ => None,
                    })
                    .collect();
                let (noun, role) = match levels.iter().collect::<Vec<_>>().as_slice() {
                    [l] => (
                        Structure::level_label(**l),
                        if r == 7 {
                            Structure::master_label(**l)
                        } else {
                            Structure::cpo_label(**l)
                        },
                    ),
                    _ => (
                        "group".to_string(),
                        if r == 7 { "master" } else { "CPO" }.to_string(),
                    ),
                };
                // A group the rule is about has the role nobody's or several people's.
                let lacking = of
                    .iter()
                    .filter(|f| match f.subject {
                        SubjectRef::Group(g) => org.group(g).is_some_and(|g| {
                            if r == 7 {
                                g.masters.is_empty()
                            } else {
                                g.cpos.is_empty()
                            }
                        }),
                        _ => false,
                    })
                    .count();
                let mut parts = Vec::new();
                let groups = |k: usize| {
                    if noun == "group" || noun.starts_with("level") {
                        plural(k, &noun, &format!("{noun}s"))
                    } else {
                        format!("{k} {noun}")
                    }
                };
                if lacking > 0 {
                    parts.push(format!(
                        "{} {} a {role}",
                        groups(lacking),
                        if lacking == 1 { "lacks" } else { "lack" }
                    ));
                }
                if n > lacking {
                    parts.push(format!(
                        "{} {} more than one {role}",
                        groups(n - lacking),
                        if n - lacking == 1 { "has" } else { "have" }
                    ));
                }
                parts.join("; ")
            }
            (false, 9) => count("CPO", "CPOs", "from outside their member teams"),
            (false, 10) => count("master", "masters", "from outside their member teams"),
            (false, 11) => count(
                "member",
                "members",
                "without a Scaled Daily Scrum representative",
            ),
            (false, 13) => match (org.eat().is_empty(), org.ems().is_empty()) {
                (true, true) => "no EAT and no EMS".to_string(),
                (true, false) => "no Executive Action Team".to_string(),
                (false, true) => "no Executive MetaScrum".to_string(),
                (false, false) => rule.info().title.to_string(),
            },
            (false, 14) => "the EAT lacks its Product Owner or Scrum Master".to_string(),
            (false, 15) => count("CPO", "CPOs", "not at the Executive MetaScrum"),
            (false, 16) => count("team PO", "team POs", "not at the Executive MetaScrum"),
            (false, 18) => count("person", "people", "in several teams"),
            (false, 19) => count("Scrum Master", "Scrum Masters", "serving too many teams"),
            (false, 20) => count("person", "people", "holding too many scaled roles"),
            (false, 23) => count("group", "groups", "without a shared Definition of Done"),
            _ => format!("{} × {} ({rule})", n, rule.info().title),
        };
        phrases.push(phrase);
    }
    phrases.join("; ")
}
