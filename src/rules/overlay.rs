//! The overlay checks on the org's events (rulebook §5), run only for an org file that records
//! its cadence: O1 timeboxes, O2 sparse cadence, O3 long Sprints, O4 one group's teams on
//! different Sprints, and the checks the events layer adds: O5 double booking, O6 slow
//! escalation, O7 heavy meeting load, O8 meetings too large for a room.

use super::{Finding, RuleId, Severity, SubjectRef};
use crate::events::{self, Calendar, Host, Metrics, RoleKind, duration_words};
use crate::model::cadence::{EventKind, Recurrence};
use crate::model::{Org, Structure, Threshold, Unit};

/// Overlay rule ids start here: `RuleId(OVERLAY + n)` is shown as `On`.
pub const OVERLAY: u8 = 100;

/// The profile key of each role's load limit (O7).
pub const LOAD_KEYS: [(RoleKind, Threshold); 7] = [
    (RoleKind::Developer, Threshold::LoadMaxDeveloper),
    (RoleKind::ProductOwner, Threshold::LoadMaxProductOwner),
    (RoleKind::ScrumMaster, Threshold::LoadMaxScrumMaster),
    (RoleKind::GroupMaster, Threshold::LoadMaxSosm),
    (RoleKind::Cpo, Threshold::LoadMaxCpo),
    (RoleKind::Eat, Threshold::LoadMaxEat),
    (RoleKind::Ems, Threshold::LoadMaxEms),
];

/// The limits the overlay checks use: profile keys (`sprint_max_weeks`,
/// `escalation_max_minutes`, `load_max_*`, `meeting_max`) an org file can override.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverlayLimits {
    /// O3: the longest Sprint, in weeks.
    pub sprint_max_weeks: u32,
    /// O6: the longest escalation, in working-time minutes; none: the same working day.
    pub escalation_max_minutes: Option<u32>,
    /// O7: the largest share of working time in events, in percent, per role; none: no limit.
    pub load_max: [(RoleKind, Option<u32>); 7],
    /// O8: the most attendees an event may have; none: no limit.
    pub meeting_max: Option<u32>,
}

impl OverlayLimits {
    /// The limit for a person: the most generous of their roles' (a Developer who is also a
    /// Scrum Master is held to the Scrum Master's); none when one of their roles has none.
    fn load_limit(&self, l: &events::PersonLoad) -> Option<u32> {
        let mut limit = None;
        for (r, v) in &self.load_max {
            if l.has(*r) {
                limit = Some(limit.unwrap_or(0).max((*v)?));
            }
        }
        limit
    }

    /// The load limit of one role's key.
    pub fn load_max_of(&self, t: Threshold) -> Option<u32> {
        let role = LOAD_KEYS.iter().find(|(_, k)| *k == t)?.0;
        self.load_max.iter().find(|(r, _)| *r == role)?.1
    }
}

fn finding(org: &Org, n: u8, severity: Severity, subject: SubjectRef, message: String) -> Finding {
    let subject_name = match subject {
        SubjectRef::Org => org.name().to_string(),
        SubjectRef::Team(t) => org.unit_name(Unit::Team(t)),
        SubjectRef::Group(g) => org.unit_name(Unit::Group(g)),
        SubjectRef::Person(p) => org.person_name(p),
        SubjectRef::Eat => "Executive Action Team".to_string(),
        SubjectRef::Ems => "Executive MetaScrum".to_string(),
    };
    Finding {
        rule: RuleId(OVERLAY + n),
        severity,
        subject,
        subject_name,
        message,
    }
}

fn subject_of(host: Host) -> SubjectRef {
    match host {
        Host::Team(t) => SubjectRef::Team(t),
        Host::Group(g) => SubjectRef::Group(g),
        Host::Eat => SubjectRef::Eat,
        Host::Ems => SubjectRef::Ems,
    }
}

fn weeks(n: u32) -> String {
    format!("{n} week{}", if n == 1 { "" } else { "s" })
}

/// Run the overlay checks; nothing for an org that records no cadence.
pub fn check(
    org: &Org,
    s: &Structure,
    cal: &Calendar,
    m: &Metrics,
    t: &OverlayLimits,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if !cal.recorded {
        return out;
    }
    let c = &cal.cadence;
    let title = |e: &events::Event| e.title(org, s);

    // O1: timeboxes. One finding per kind and Sprint length, on the first host that holds it.
    let mut seen = std::collections::BTreeSet::new();
    for e in &cal.events {
        if let Some(limit) = e.kind.timebox(e.sprint_weeks)
            && e.minutes > limit
            && seen.insert((e.kind, e.sprint_weeks))
        {
            let how_many = cal
                .events
                .iter()
                .filter(|o| o.kind == e.kind && o.sprint_weeks == e.sprint_weeks)
                .count();
            let subject = if how_many > 1 {
                SubjectRef::Org
            } else {
                subject_of(e.host)
            };
            out.push(finding(
                org,
                1,
                Severity::Warning,
                subject,
                format!(
                    "The {} lasts {} min; its timebox for a Sprint of {} is {limit} min.",
                    e.kind.label(),
                    e.minutes,
                    weeks(e.sprint_weeks)
                ),
            ));
        }
    }

    // O2: the Scaled Daily Scrum is daily (the EAT and the EMS meet at least once per Sprint
    // whatever their recurrence).
    if c.scaled_daily_scrum != Recurrence::Daily && !org.groups().is_empty() {
        out.push(finding(
            org,
            2,
            Severity::Warning,
            SubjectRef::Org,
            format!(
                "The Scaled Daily Scrum meets {}; Scrum@Scale holds it daily, so that impediments climb within a day.",
                c.scaled_daily_scrum.label()
            ),
        ));
    }

    // O3: Sprints longer than the limit: the org's, and every override.
    if c.sprint_weeks > t.sprint_max_weeks {
        out.push(finding(
            org,
            3,
            Severity::Warning,
            SubjectRef::Org,
            format!(
                "Sprints last {}; the Scrum Guide caps a Sprint at one month ({}).",
                weeks(c.sprint_weeks),
                weeks(t.sprint_max_weeks)
            ),
        ));
    }
    for o in &c.sprints {
        if let (Some(w), Some(u)) = (o.sprint_weeks, o.unit())
            && w > t.sprint_max_weeks
        {
            out.push(finding(
                org,
                3,
                Severity::Warning,
                match u {
                    Unit::Team(t) => SubjectRef::Team(t),
                    Unit::Group(g) => SubjectRef::Group(g),
                },
                format!(
                    "{}'s Sprints last {}; the Scrum Guide caps a Sprint at one month ({}).",
                    org.unit_name(u),
                    weeks(w),
                    weeks(t.sprint_max_weeks)
                ),
            ));
        }
    }

    // O4: the members of a group on different Sprints.
    for g in org.groups().values() {
        let mut sprints: Vec<(u32, Option<String>, String)> = Vec::new();
        for m in s.children(g.id) {
            let host = match m {
                Unit::Team(t) => Host::Team(*t),
                Unit::Group(c) => Host::Group(*c),
            };
            let planning = match m {
                Unit::Team(_) => EventKind::SprintPlanning,
                Unit::Group(_) => EventKind::ScaledSprintPlanning,
            };
            if let Some(e) = cal.event(host, planning) {
                let start = events::sprint_start(org, c, *m).map(|d| d.to_string());
                sprints.push((e.sprint_weeks, start, org.unit_name(*m)));
            }
        }
        let differ = sprints
            .windows(2)
            .any(|w| (w[0].0, &w[0].1) != (w[1].0, &w[1].1));
        if differ {
            let list: Vec<String> = sprints
                .iter()
                .map(|(w, start, name)| match start {
                    Some(d) => format!("{name} {} from {d}", weeks(*w)),
                    None => format!("{name} {}", weeks(*w)),
                })
                .collect();
            out.push(finding(
                org,
                4,
                Severity::Info,
                SubjectRef::Group(g.id),
                format!(
                    "The members of {} run different Sprints ({}); one integrated increment per Sprint needs one Sprint.",
                    g.name,
                    list.join(", ")
                ),
            ));
        }
    }

    // O5: double booking, one finding per person.
    for d in &m.double_bookings {
        let (a, b) = (&cal.events[d.first], &cal.events[d.second]);
        out.push(finding(
            org,
            5,
            Severity::Warning,
            SubjectRef::Person(d.person),
            format!(
                "{} is booked into {} ({}, {} min) and {} ({}, {} min) at the same time.",
                org.person_name(d.person),
                title(a),
                a.start,
                a.minutes,
                title(b),
                b.start,
                b.minutes
            ),
        ));
    }

    // O6: escalation slower than the limit.
    for l in &m.latencies {
        let slow = match t.escalation_max_minutes {
            None => !l.same_day,
            Some(max) => l.minutes > max,
        };
        if slow {
            let limit = match t.escalation_max_minutes {
                None => "the same working day".to_string(),
                Some(max) => duration_words(max),
            };
            out.push(finding(
                org,
                6,
                Severity::Warning,
                SubjectRef::Team(l.team),
                format!(
                    "An impediment raised at {}'s Daily Scrum reaches the EAT after {}; the limit is {limit}.",
                    org.unit_name(Unit::Team(l.team)),
                    l.words()
                ),
            ));
        }
    }

    // O7: meeting load above the person's limit.
    for l in &m.loads {
        if let Some(limit) = t.load_limit(l)
            && l.share * 100.0 > f64::from(limit) + 1e-9
        {
            let roles: Vec<&str> = l.roles().map(|r| r.label()).collect();
            out.push(finding(
                org,
                7,
                Severity::Info,
                SubjectRef::Person(l.person),
                format!(
                    "{} spends {:.1} h per Sprint in events, {:.0} % of their working time; the limit for a {} is {limit} %.",
                    org.person_name(l.person),
                    l.hours(),
                    l.share * 100.0,
                    roles.join(" and ")
                ),
            ));
        }
    }

    // O8: meetings too large for a room.
    for e in &cal.events {
        let Some(meeting_max) = t.meeting_max else {
            break;
        };
        if e.attendees.len() as u32 > meeting_max {
            out.push(finding(
                org,
                8,
                Severity::Info,
                subject_of(e.host),
                format!(
                    "The {} has {} attendees; more than {} rarely make one conversation.",
                    title(e),
                    e.attendees.len(),
                    meeting_max
                ),
            ));
        }
    }
    out
}
