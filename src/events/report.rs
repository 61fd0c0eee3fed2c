//! The calendar in words, as JSON and as CSV, for the whole org or one person, team or group.

use serde::Serialize;

use super::ics::recurrence_words;
use super::{Calendar, Event, Host, Metrics, duration_words};
use crate::model::{GroupId, Org, PersonId, Structure, TeamId, Unit};

/// Whose events a report shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Org,
    Person(PersonId),
    Team(TeamId),
    Group(GroupId),
}

impl Scope {
    /// The events in scope, as indices into the calendar, by start time then title.
    pub fn events(self, org: &Org, s: &Structure, cal: &Calendar) -> Vec<usize> {
        let mut v: Vec<usize> = cal
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| match self {
                Scope::Org => true,
                Scope::Person(p) => e.attendees.binary_search(&p).is_ok(),
                Scope::Team(t) => e.host == Host::Team(t),
                Scope::Group(g) => e.host == Host::Group(g),
            })
            .map(|(i, _)| i)
            .collect();
        sort_events(org, s, cal, &mut v);
        v
    }

    /// "Ana Silva", "team Checkout", "SoS Payments", "Acme Online".
    pub fn name(self, org: &Org, s: &Structure) -> String {
        match self {
            Scope::Org => org.name().to_string(),
            Scope::Person(p) => org.person_name(p),
            Scope::Team(t) => format!("team {}", org.unit_name(Unit::Team(t))),
            Scope::Group(g) => format!(
                "{} {}",
                Structure::level_label(s.level(g)),
                org.unit_name(Unit::Group(g))
            ),
        }
    }
}

impl Scope {
    /// Whether a team's escalation belongs to this scope (a person: a team they develop in).
    pub fn has_latency(self, org: &Org, l: &super::Latency) -> bool {
        match self {
            Scope::Org => true,
            Scope::Team(t) => l.team == t,
            Scope::Group(g) => org.is_within(Unit::Team(l.team), g),
            Scope::Person(p) => org.team(l.team).is_some_and(|t| t.developers.contains(&p)),
        }
    }
}

/// Events in the order a day runs: start time, then level, then title.
pub fn sort_events(org: &Org, s: &Structure, cal: &Calendar, v: &mut [usize]) {
    v.sort_by_cached_key(|i| {
        let e = &cal.events[*i];
        (e.start, e.level, e.kind, e.title(org, s))
    });
}

fn span(e: &Event) -> String {
    let end = crate::model::cadence::Clock((e.start.minutes() + e.minutes) % super::DAY);
    format!("{}–{end}", e.start)
}

fn hours(minutes: f64) -> String {
    format!("{:.1} h", minutes / 60.0)
}

/// The cadence in one line: "2-week Sprints from 2027-01-04, Mon–Fri 09:00–17:00 (UTC)".
pub fn cadence_line(cal: &Calendar) -> String {
    let c = &cal.cadence;
    let days: Vec<&str> = c.working_days.iter().map(|d| d.short()).collect();
    let from = c
        .first_sprint
        .map(|d| format!(" from {d}"))
        .unwrap_or_default();
    let recorded = if cal.recorded {
        ""
    } else {
        "; the defaults: the file records no cadence"
    };
    format!(
        "{}-week Sprints{from}, {} {}–{} ({}){recorded}",
        c.sprint_weeks,
        days.join(" "),
        c.day_start,
        c.day_end,
        c.time_zone
    )
}

/// The report in words.
pub fn text(org: &Org, s: &Structure, cal: &Calendar, m: &Metrics, scope: Scope) -> String {
    let mut o = String::new();
    let events = scope.events(org, s, cal);
    o.push_str(&format!(
        "Events of {}: {} recurring event{}\n",
        scope.name(org, s),
        events.len(),
        if events.len() == 1 { "" } else { "s" }
    ));
    o.push_str(&format!("Cadence: {}\n\n", cadence_line(cal)));
    // One line per event; for the whole org, one per kind, level and time ("Daily Scrum,
    // 13 teams"), so that a large org reads as its cascade.
    let mut lines: Vec<(String, String, &'static str, u32, String)> = Vec::new();
    if scope == Scope::Org {
        let mut runs: Vec<(&Event, usize, usize, usize)> = Vec::new();
        for i in &events {
            let e = &cal.events[*i];
            let n = e.attendees.len();
            match runs.last_mut() {
                Some((f, count, lo, hi))
                    if (f.kind, f.level, f.start, f.minutes, f.recurrence())
                        == (e.kind, e.level, e.start, e.minutes, e.recurrence()) =>
                {
                    *count += 1;
                    *lo = (*lo).min(n);
                    *hi = (*hi).max(n);
                }
                _ => runs.push((e, 1, n, n)),
            }
        }
        for (e, count, lo, hi) in runs {
            let title = match (e.host, count) {
                (Host::Team(_), 1) | (Host::Group(_), 1) => e.title(org, s),
                (Host::Team(_), n) => format!("{} · {n} teams", e.kind.label()),
                (Host::Group(_), n) => format!(
                    "{} · {n} {}",
                    e.kind.label(),
                    Structure::level_label(e.level)
                ),
                _ => e.title(org, s),
            };
            let who = if lo == hi {
                format!("{hi} attendee{}", if hi == 1 { "" } else { "s" })
            } else {
                format!("{lo}–{hi} attendees")
            };
            lines.push((span(e), title, recurrence_words(e), e.minutes, who));
        }
    } else {
        for i in &events {
            let e = &cal.events[*i];
            let n = e.attendees.len();
            let who = format!("{n} attendee{}", if n == 1 { "" } else { "s" });
            lines.push((
                span(e),
                e.title(org, s),
                recurrence_words(e),
                e.minutes,
                who,
            ));
        }
    }
    let width = lines
        .iter()
        .map(|l| l.1.chars().count())
        .max()
        .unwrap_or(0)
        .min(60);
    for (span, title, rec, minutes, who) in &lines {
        o.push_str(&format!(
            "  {span}  {title:<width$}  {rec:<17} {minutes:>3} min  {who}\n"
        ));
    }
    let sprint = f64::from(cal.sprint_minutes());
    o.push('\n');
    match scope {
        Scope::Person(p) => {
            match m.load_of(p) {
                Some(l) => o.push_str(&format!(
                    "Meeting load: {} per Sprint, {:.0} % of {} of working time\n",
                    hours(l.minutes),
                    l.share * 100.0,
                    hours(sprint)
                )),
                None => o.push_str("Meeting load: no events\n"),
            }
            if let Some(d) = m.double_bookings.iter().find(|d| d.person == p) {
                let (a, b) = (&cal.events[d.first], &cal.events[d.second]);
                o.push_str(&format!(
                    "Double-booked: {} and {} at {}\n",
                    a.title(org, s),
                    b.title(org, s),
                    a.start.max(b.start)
                ));
            }
        }
        _ => {
            o.push_str(&format!(
                "Meeting load per Sprint ({} of working time each):\n",
                hours(sprint)
            ));
            for (r, minutes, n) in &m.by_role {
                if *n > 0 {
                    o.push_str(&format!(
                        "  {:<18} {:>7} average, {:>3.0} %  ({n} {})\n",
                        r.label(),
                        hours(*minutes),
                        minutes / sprint * 100.0,
                        if *n == 1 { "person" } else { "people" }
                    ));
                }
            }
            o.push_str("Most loaded:\n");
            for l in m.most_loaded(5) {
                o.push_str(&format!(
                    "  {:<24} {:>7}, {:>3.0} %\n",
                    org.person_name(l.person),
                    hours(l.minutes),
                    l.share * 100.0
                ));
            }
            o.push_str(&format!(
                "Org total: {} of events per Sprint ({:.0} events)\n",
                hours(m.total_minutes),
                m.events_per_sprint
            ));
        }
    }
    let latencies: Vec<&super::Latency> = m
        .latencies
        .iter()
        .filter(|l| scope.has_latency(org, l))
        .collect();
    if let Some(worst) = latencies.iter().max_by_key(|l| l.minutes) {
        let mut sorted: Vec<u32> = latencies.iter().map(|l| l.minutes).collect();
        sorted.sort_unstable();
        let median = sorted[(sorted.len() - 1) / 2];
        let late = latencies.iter().filter(|l| !l.same_day).count();
        o.push_str(&format!(
            "Escalation to the EAT: median {}, longest {} ({}); {}\n",
            duration_words(median),
            worst.words(),
            org.unit_name(Unit::Team(worst.team)),
            if late == 0 {
                "every team reaches it the same working day".to_string()
            } else {
                format!("{late} team(s) not the same working day")
            }
        ));
        let path: Vec<String> = worst
            .path
            .iter()
            .map(|(i, t)| {
                let e = &cal.events[*i];
                format!(
                    "{} {}",
                    e.title(org, s),
                    crate::model::cadence::Clock(t % super::DAY)
                )
            })
            .collect();
        o.push_str(&format!("  Path: {}\n", path.join(" → ")));
    } else if org.eat().is_empty() {
        o.push_str("Escalation to the EAT: the org has no EAT to hear impediments\n");
    }
    if matches!(scope, Scope::Org) {
        o.push_str("Largest meeting of each kind:\n");
        for (_, i, n) in &m.largest {
            o.push_str(&format!(
                "  {:<50} {n} attendee{}\n",
                cal.events[*i].title(org, s),
                if *n == 1 { "" } else { "s" }
            ));
        }
        if !m.double_bookings.is_empty() {
            o.push_str(&format!(
                "Double-booked: {} {}\n",
                m.double_bookings.len(),
                if m.double_bookings.len() == 1 {
                    "person"
                } else {
                    "people"
                }
            ));
        }
    }
    o
}

#[derive(Serialize)]
struct JsonPerson {
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
}

#[derive(Serialize)]
struct JsonEvent {
    kind: &'static str,
    title: String,
    host: JsonHost,
    level: u32,
    start: String,
    minutes: u32,
    recurrence: &'static str,
    per_sprint: f64,
    sprint_weeks: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    facilitator: Option<String>,
    attendees: Vec<JsonPerson>,
}

#[derive(Serialize)]
struct JsonHost {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    name: String,
}

#[derive(Serialize)]
struct JsonLoad {
    person: String,
    name: String,
    hours_per_sprint: f64,
    share: f64,
    roles: Vec<&'static str>,
}

#[derive(Serialize)]
struct JsonLatency {
    team: String,
    name: String,
    minutes: u32,
    same_day: bool,
}

#[derive(Serialize)]
struct JsonReport {
    org: String,
    scope: String,
    cadence: String,
    cadence_recorded: bool,
    sprint_hours: f64,
    events: Vec<JsonEvent>,
    loads: Vec<JsonLoad>,
    role_averages: Vec<(&'static str, f64)>,
    latencies: Vec<JsonLatency>,
    double_booked: Vec<String>,
}

fn person(org: &Org, p: PersonId) -> JsonPerson {
    JsonPerson {
        id: p.to_string(),
        name: org.person_name(p),
        email: org.person(p).and_then(|p| p.email.clone()),
    }
}

fn host(org: &Org, h: Host) -> JsonHost {
    match h {
        Host::Team(t) => JsonHost {
            kind: "team",
            id: Some(t.to_string()),
            name: org.unit_name(Unit::Team(t)),
        },
        Host::Group(g) => JsonHost {
            kind: "group",
            id: Some(g.to_string()),
            name: org.unit_name(Unit::Group(g)),
        },
        Host::Eat => JsonHost {
            kind: "eat",
            id: None,
            name: "Executive Action Team".into(),
        },
        Host::Ems => JsonHost {
            kind: "ems",
            id: None,
            name: "Executive MetaScrum".into(),
        },
    }
}

/// The report as JSON (pretty, ends with a newline).
pub fn json(org: &Org, s: &Structure, cal: &Calendar, m: &Metrics, scope: Scope) -> String {
    let events = scope.events(org, s, cal);
    let people: Option<std::collections::BTreeSet<PersonId>> = match scope {
        Scope::Org => None,
        _ => Some(
            events
                .iter()
                .flat_map(|i| cal.events[*i].attendees.iter().copied())
                .collect(),
        ),
    };
    let round = |x: f64| (x * 100.0).round() / 100.0;
    let r = JsonReport {
        org: org.name().to_string(),
        scope: scope.name(org, s),
        cadence: cadence_line(cal),
        cadence_recorded: cal.recorded,
        sprint_hours: f64::from(cal.sprint_minutes()) / 60.0,
        events: events
            .iter()
            .map(|i| {
                let e = &cal.events[*i];
                JsonEvent {
                    kind: e.kind.key(),
                    title: e.title(org, s),
                    host: host(org, e.host),
                    level: e.level,
                    start: e.start.to_string(),
                    minutes: e.minutes,
                    recurrence: match e.recurrence() {
                        crate::model::cadence::Recurrence::Daily => "daily",
                        crate::model::cadence::Recurrence::Weekly => "weekly",
                        crate::model::cadence::Recurrence::PerSprint => "per_sprint",
                    },
                    per_sprint: round(cal.per_sprint(e)),
                    sprint_weeks: e.sprint_weeks,
                    facilitator: e.facilitator.map(|f| f.to_string()),
                    attendees: e.attendees.iter().map(|p| person(org, *p)).collect(),
                }
            })
            .collect(),
        loads: m
            .loads
            .iter()
            .filter(|l| people.as_ref().is_none_or(|ps| ps.contains(&l.person)))
            .filter(|l| !matches!(scope, Scope::Person(p) if p != l.person))
            .map(|l| JsonLoad {
                person: l.person.to_string(),
                name: org.person_name(l.person),
                hours_per_sprint: round(l.hours()),
                share: round(l.share * 100.0) / 100.0,
                roles: l.roles().map(|r| r.key()).collect(),
            })
            .collect(),
        role_averages: m
            .by_role
            .iter()
            .filter(|(_, _, n)| *n > 0)
            .map(|(r, minutes, _)| (r.key(), round(minutes / 60.0)))
            .collect(),
        latencies: m
            .latencies
            .iter()
            .filter(|l| scope.has_latency(org, l))
            .map(|l| JsonLatency {
                team: l.team.to_string(),
                name: org.unit_name(Unit::Team(l.team)),
                minutes: l.minutes,
                same_day: l.same_day,
            })
            .collect(),
        double_booked: m
            .double_bookings
            .iter()
            .map(|d| d.person.to_string())
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&r).expect("report serialises");
    s.push('\n');
    s
}

/// One row per event: title, kind, host, level, start, end, minutes, recurrence, times per
/// Sprint, attendee count and names.
pub fn csv(org: &Org, s: &Structure, cal: &Calendar, scope: Scope) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "event",
        "kind",
        "host",
        "level",
        "start",
        "end",
        "minutes",
        "recurrence",
        "per_sprint",
        "attendees",
        "attendee_names",
    ]);
    for i in scope.events(org, s, cal) {
        let e = &cal.events[i];
        let end = crate::model::cadence::Clock((e.start.minutes() + e.minutes) % super::DAY);
        let names: Vec<String> = e.attendees.iter().map(|p| org.person_name(*p)).collect();
        let _ = w.write_record([
            e.title(org, s),
            e.kind.key().to_string(),
            host(org, e.host).name,
            e.level.to_string(),
            e.start.to_string(),
            end.to_string(),
            e.minutes.to_string(),
            recurrence_words(e).to_string(),
            format!("{:.2}", cal.per_sprint(e)),
            e.attendees.len().to_string(),
            names.join("; "),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The lines `orgscale stats` adds: meeting load per role, the most loaded people, escalation
/// latency and the largest meeting of each kind.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub cadence: String,
    pub sprint_hours: f64,
    /// Per role: average hours of events per Sprint, the share of working time, and how many
    /// people hold the role.
    pub meeting_hours_by_role: Vec<RoleHours>,
    pub most_loaded: Vec<Loaded>,
    pub total_hours_per_sprint: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation_median_minutes: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation_max_minutes: Option<u32>,
    pub teams_not_reaching_the_eat_the_same_day: usize,
    pub largest_meetings: Vec<Largest>,
    pub double_booked_people: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct RoleHours {
    pub role: &'static str,
    pub hours: f64,
    pub share: f64,
    pub people: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Loaded {
    pub name: String,
    pub hours: f64,
    pub share: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Largest {
    pub kind: &'static str,
    pub event: String,
    pub attendees: usize,
}

impl Summary {
    pub fn of(org: &Org, s: &Structure, cal: &Calendar, m: &Metrics) -> Summary {
        let sprint = f64::from(cal.sprint_minutes().max(1));
        let round = |x: f64| (x * 10.0).round() / 10.0;
        Summary {
            cadence: cadence_line(cal),
            sprint_hours: sprint / 60.0,
            meeting_hours_by_role: m
                .by_role
                .iter()
                .filter(|(_, _, n)| *n > 0)
                .map(|(r, minutes, n)| RoleHours {
                    role: r.label(),
                    hours: round(minutes / 60.0),
                    share: (minutes / sprint * 1000.0).round() / 1000.0,
                    people: *n,
                })
                .collect(),
            most_loaded: m
                .most_loaded(3)
                .into_iter()
                .map(|l| Loaded {
                    name: org.person_name(l.person),
                    hours: round(l.hours()),
                    share: (l.share * 1000.0).round() / 1000.0,
                })
                .collect(),
            total_hours_per_sprint: round(m.total_minutes / 60.0),
            escalation_median_minutes: m.median_latency(),
            escalation_max_minutes: m.max_latency().map(|l| l.minutes),
            teams_not_reaching_the_eat_the_same_day: m
                .latencies
                .iter()
                .filter(|l| !l.same_day)
                .count(),
            largest_meetings: m
                .largest
                .iter()
                .map(|(k, i, n)| Largest {
                    kind: k.key(),
                    event: cal.events[*i].title(org, s),
                    attendees: *n,
                })
                .collect(),
            double_booked_people: m.double_bookings.len(),
        }
    }

    /// The lines, aligned like the rest of `stats`.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut line = |k: &str, v: String| out.push_str(&format!("{k:<28}{v}\n"));
        line("Cadence", self.cadence.clone());
        line(
            "Meeting hours per Sprint",
            format!("{:.1} h in all", self.total_hours_per_sprint),
        );
        for r in &self.meeting_hours_by_role {
            line(
                &format!("  {}", r.role),
                format!(
                    "{:.1} h ({:.0} % of {:.0} h), {} {}",
                    r.hours,
                    r.share * 100.0,
                    self.sprint_hours,
                    r.people,
                    if r.people == 1 { "person" } else { "people" }
                ),
            );
        }
        let most: Vec<String> = self
            .most_loaded
            .iter()
            .map(|l| format!("{} {:.1} h ({:.0} %)", l.name, l.hours, l.share * 100.0))
            .collect();
        line("Most loaded", most.join(", "));
        match (self.escalation_median_minutes, self.escalation_max_minutes) {
            (Some(med), Some(max)) => line(
                "Escalation to the EAT",
                format!(
                    "median {}, longest {}{}",
                    duration_words(med),
                    duration_words(max),
                    match self.teams_not_reaching_the_eat_the_same_day {
                        0 => "; every team the same working day".to_string(),
                        n => format!("; {n} team(s) not the same working day"),
                    }
                ),
            ),
            _ => line("Escalation to the EAT", "no EAT to hear impediments".into()),
        }
        line("Largest meeting of each kind", String::new());
        for l in &self.largest_meetings {
            let kind = l.event.split(" · ").next().unwrap_or(&l.event);
            line(
                &format!("  {kind}"),
                format!("{} attendees ({})", l.attendees, l.event),
            );
        }
        if self.double_booked_people > 0 {
            line(
                "Double-booked people",
                self.double_booked_people.to_string(),
            );
        }
        out
    }
}
