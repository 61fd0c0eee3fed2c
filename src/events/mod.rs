//! The events the structure gives rise to (rulebook §5): for every Scrum team its Daily Scrum,
//! Sprint Planning, Review, Retrospective and Backlog Refinement; for every group its Scaled Daily
//! Scrum, Scaled Sprint Planning, Review, Retrospective and Refinement and its MetaScrum; for the
//! org the Executive MetaScrum and the EAT meeting. Attendees are people, derived from the roles,
//! so a move or a role change moves the calendar with it. Times follow the org's [`Cadence`]
//! (the defaults when the file records none), with the Scaled Daily Scrums cascading up the
//! levels after the team Daily Scrums so that an impediment can reach the EAT the same morning.
//!
//! Time is counted on a working-time line: working day `d` of the [`Calendar::horizon`] (weekends
//! and other days off are skipped) at minute `m` is `d * 1440 + m`.

pub mod curve;
pub mod ics;
mod metrics;
pub mod report;

pub use metrics::{DoubleBooking, Latency, Metrics, PersonLoad, RoleKind, duration_words, metrics};

use rustc_hash::FxHashMap as HashMap;

use crate::model::cadence::{Clock, EventKind, Recurrence, When};
use crate::model::{Cadence, GroupId, Org, PersonId, Structure, TeamId, Unit};

/// Minutes in a day on the working-time line.
pub const DAY: u32 = 24 * 60;
/// The longest stretch of working days the calendar lays out: enough for any two Sprint lengths
/// of a usual org to line up (with more, overlaps past it are not looked for).
pub const MAX_HORIZON: u32 = 120;

/// Who holds an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Host {
    Team(TeamId),
    Group(GroupId),
    /// The Executive Action Team.
    Eat,
    /// The Executive MetaScrum.
    Ems,
}

impl Host {
    pub fn unit(self) -> Option<Unit> {
        match self {
            Host::Team(t) => Some(Unit::Team(t)),
            Host::Group(g) => Some(Unit::Group(g)),
            Host::Eat | Host::Ems => None,
        }
    }
}

/// The working days of the horizon an event falls on, a bit per day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Days(pub u128);

impl Days {
    pub fn contains(self, d: u32) -> bool {
        d < 128 && self.0 >> d & 1 == 1
    }
    pub fn count(self) -> u32 {
        self.0.count_ones()
    }
    pub fn meets(self, other: Days) -> bool {
        self.0 & other.0 != 0
    }
    /// The first day at or after `d`, if any within the horizon.
    pub fn next_from(self, d: u32) -> Option<u32> {
        if d >= 128 {
            return None;
        }
        let rest = self.0 >> d;
        (rest != 0).then(|| d + rest.trailing_zeros())
    }
    pub fn iter(self) -> impl Iterator<Item = u32> {
        (0..128).filter(move |d| self.contains(*d))
    }
}

/// One recurring event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub kind: EventKind,
    pub host: Host,
    /// 0 for team events, the group's level for group events, one above the top level for the
    /// EAT and the EMS.
    pub level: u32,
    pub start: Clock,
    pub minutes: u32,
    /// The days of the horizon it is held on.
    pub days: Days,
    /// The host's Sprint length in weeks.
    pub sprint_weeks: u32,
    /// When in its host's Sprint it falls.
    pub when: When,
    /// Who attends, facilitator included, sorted.
    pub attendees: Vec<PersonId>,
    pub facilitator: Option<PersonId>,
}

impl Event {
    /// How often it recurs.
    pub fn recurrence(&self) -> Recurrence {
        match self.when {
            When::EveryDay => Recurrence::Daily,
            When::EveryWeek(_) => Recurrence::Weekly,
            When::SprintDay(_) => Recurrence::PerSprint,
        }
    }

    /// Minutes on the working-time line where it starts and ends on day `d`.
    pub fn span_on(&self, d: u32) -> (u32, u32) {
        let s = d * DAY + self.start.minutes();
        (s, s + self.minutes)
    }

    /// Whether it overlaps `other` at some time of some day.
    pub fn overlaps(&self, other: &Event) -> bool {
        let (a0, a1) = (self.start.minutes(), self.start.minutes() + self.minutes);
        let (b0, b1) = (other.start.minutes(), other.start.minutes() + other.minutes);
        a0 < b1 && b0 < a1 && self.days.meets(other.days)
    }

    /// "Daily Scrum · Checkout", "Scaled Daily Scrum · SoS Payments", "EAT meeting".
    pub fn title(&self, org: &Org, s: &Structure) -> String {
        match self.host {
            Host::Team(t) => format!("{} · {}", self.kind.label(), org.unit_name(Unit::Team(t))),
            Host::Group(g) => format!(
                "{} · {} {}",
                self.kind.label(),
                Structure::level_label(s.level(g)),
                org.unit_name(Unit::Group(g))
            ),
            Host::Eat | Host::Ems => self.kind.label().to_string(),
        }
    }
}

/// Every event of an org, laid out over a horizon of working days.
#[derive(Clone, Debug)]
pub struct Calendar {
    pub cadence: Cadence,
    /// Whether the org file records its cadence (the overlay checks run only then).
    pub recorded: bool,
    pub events: Vec<Event>,
    /// Working days laid out: a whole number of every Sprint length where they fit in
    /// [`MAX_HORIZON`].
    pub horizon: u32,
    /// Working days of the org's Sprint.
    pub sprint_days: u32,
    /// Group levels of the org.
    pub depth: u32,
    /// Where each team's and group's events are in `events` (by kind order).
    by_host: HashMap<Host, Vec<u32>>,
}

impl Calendar {
    /// The events a team, group or body holds.
    pub fn of_host(&self, host: Host) -> impl Iterator<Item = &Event> {
        self.by_host
            .get(&host)
            .into_iter()
            .flatten()
            .map(|i| &self.events[*i as usize])
    }

    /// The one event of a kind a host holds.
    pub fn event(&self, host: Host, kind: EventKind) -> Option<&Event> {
        self.of_host(host).find(|e| e.kind == kind)
    }

    /// Working minutes in one of the org's Sprints.
    pub fn sprint_minutes(&self) -> u32 {
        self.sprint_days * self.cadence.day_minutes()
    }

    /// How many times an event is held in one of the org's Sprints (less than once when its
    /// host's Sprints are longer).
    pub fn per_sprint(&self, e: &Event) -> f64 {
        f64::from(e.days.count()) * f64::from(self.sprint_days) / f64::from(self.horizon)
    }
}

/// The day a unit's first Sprint starts, when the cadence records one.
pub fn sprint_start(org: &Org, c: &Cadence, unit: Unit) -> Option<jiff::civil::Date> {
    sprint_of(org, c, Some(unit)).1
}

/// The Sprint of a team or group: its own override, else its nearest group's, else the org's.
fn sprint_of(org: &Org, c: &Cadence, unit: Option<Unit>) -> (u32, Option<jiff::civil::Date>) {
    let mut weeks = None;
    let mut first = None;
    if let Some(u) = unit {
        let chain = std::iter::once(u).chain(org.ancestors(u).into_iter().map(Unit::Group));
        for u in chain {
            if let Some(o) = c.sprint_of(u) {
                weeks = weeks.or(o.sprint_weeks);
                first = first.or(o.first_sprint.map(|d| d.0));
            }
            if weeks.is_some() && first.is_some() {
                break;
            }
        }
    }
    (
        weeks.unwrap_or(c.sprint_weeks),
        first.or(c.first_sprint.map(|d| d.0)),
    )
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Working days from `from` to `to` (negative when `to` is earlier), counting the days in `from`.
fn working_days_between(c: &Cadence, from: jiff::civil::Date, to: jiff::civil::Date) -> i64 {
    let works = |d: jiff::civil::Date| {
        c.working_days
            .contains(&crate::model::cadence::Weekday::of(d))
    };
    let (a, b, sign) = if to >= from {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let span = (b - a).get_days().max(0);
    // Whole weeks at once, then the rest day by day.
    let weeks = i64::from(span) / 7;
    let mut n = weeks * c.working_days.len() as i64;
    let mut d = a
        .checked_add(jiff::Span::new().days(weeks * 7))
        .unwrap_or(a);
    while d < b {
        if works(d) {
            n += 1;
        }
        d = match d.tomorrow() {
            Ok(t) => t,
            Err(_) => break,
        };
    }
    sign * n
}

/// Lays out the days of an event kind within the horizon for a host's Sprint.
struct Layout<'a> {
    c: &'a Cadence,
    horizon: u32,
    week: u32,
    org_first: Option<jiff::civil::Date>,
}

impl Layout<'_> {
    fn days(&self, when: When, weeks: u32, first: Option<jiff::civil::Date>) -> Days {
        let len = (weeks * self.week).max(1);
        // Where this host's Sprints start relative to the org's first Sprint.
        let shift = match (self.org_first, first) {
            (Some(o), Some(f)) if o != f => {
                working_days_between(self.c, o, f).rem_euclid(i64::from(len)) as u32
            }
            _ => 0,
        };
        let mut bits = 0u128;
        for d in 0..self.horizon.min(128) {
            let in_sprint = (d + len - shift % len) % len;
            let on = match when {
                When::EveryDay => true,
                When::EveryWeek(k) => in_sprint % self.week == (k as u32).min(self.week - 1),
                When::SprintDay(k) => {
                    let k = if k < 0 {
                        (len as i32 + k).max(0) as u32
                    } else {
                        (k as u32).min(len - 1)
                    };
                    in_sprint == k
                }
            };
            if on {
                bits |= 1 << d;
            }
        }
        Days(bits)
    }
}

/// When the EAT meeting or the EMS falls, for its recurrence.
fn body_when(r: Recurrence, per_sprint: When) -> When {
    match r {
        Recurrence::Daily => When::EveryDay,
        Recurrence::Weekly => When::EveryWeek(0),
        Recurrence::PerSprint => per_sprint,
    }
}

/// A group's SDS representative of one member: the explicit one, else the team's Scrum Master or
/// the child group's master.
fn rep_of(org: &Org, member: Unit) -> Option<PersonId> {
    match member {
        Unit::Team(t) => org.team(t).and_then(|t| t.effective_sds_rep()),
        Unit::Group(g) => org.group(g).and_then(|g| g.effective_sds_rep()),
    }
}

/// Derive every event of the org.
pub fn derive(org: &Org, s: &Structure) -> Calendar {
    let recorded = org.cadence().is_some();
    let c = org.cadence().cloned().unwrap_or_default();
    let week = c.working_days.len().max(1) as u32;
    let sprint_days = c.sprint_weeks.max(1) * week;
    // A horizon that holds a whole number of every Sprint length, where it fits.
    let mut horizon = sprint_days;
    let lengths = c
        .sprints
        .iter()
        .filter_map(|o| o.sprint_weeks)
        .map(|w| w.max(1) * week);
    for len in lengths {
        let l = horizon / gcd(horizon, len) * len;
        if l <= MAX_HORIZON {
            horizon = l;
        } else {
            horizon = horizon.max(len).min(MAX_HORIZON);
        }
    }
    let layout = Layout {
        c: &c,
        horizon,
        week,
        org_first: c.first_sprint.map(|d| d.0),
    };
    let depth = s.depth();
    let mut events: Vec<Event> =
        Vec::with_capacity(org.teams().len() * 5 + org.groups().len() * 6 + 2);
    let mut by_host: HashMap<Host, Vec<u32>> = HashMap::default();
    let mut push = |e: Event, events: &mut Vec<Event>| {
        by_host.entry(e.host).or_default().push(events.len() as u32);
        events.push(e);
    };
    let sorted = |mut v: Vec<PersonId>| {
        v.sort_unstable();
        v.dedup();
        v
    };
    // The cascade: each level's Scaled Daily Scrum one step after the level below.
    let (daily_start, _) = c.timing(EventKind::DailyScrum, c.sprint_weeks);
    let (sds_start, _) = c.timing(EventKind::ScaledDailyScrum, c.sprint_weeks);
    let step = sds_start
        .minutes()
        .saturating_sub(daily_start.minutes())
        .max(1);

    for t in org.teams().values().filter(|t| t.is_real()) {
        let (weeks, first) = sprint_of(org, &c, Some(Unit::Team(t.id)));
        let team: Vec<PersonId> = t
            .product_owners
            .iter()
            .chain(&t.scrum_masters)
            .chain(&t.developers)
            .copied()
            .collect();
        let team = sorted(team);
        for kind in EventKind::ALL.into_iter().filter(|k| k.is_team()) {
            let (start, minutes) = c.timing_for(Unit::Team(t.id), kind, weeks);
            let attendees = match kind {
                EventKind::DailyScrum => t.developers.iter().copied().collect(),
                EventKind::BacklogRefinement => sorted(
                    t.product_owners
                        .iter()
                        .chain(&t.developers)
                        .copied()
                        .collect(),
                ),
                _ => team.clone(),
            };
            push(
                Event {
                    kind,
                    host: Host::Team(t.id),
                    level: 0,
                    start,
                    minutes,
                    days: layout.days(kind.when(), weeks, first),
                    when: kind.when(),
                    sprint_weeks: weeks,
                    attendees,
                    facilitator: None,
                },
                &mut events,
            );
        }
    }

    for g in org.groups().values() {
        let level = s.level(g.id);
        let (weeks, first) = sprint_of(org, &c, Some(Unit::Group(g.id)));
        let members = s.children(g.id);
        let master = g.masters.first().map(|h| h.person);
        let cpo = g.cpos.first().map(|h| h.person);
        let masters: Vec<PersonId> = g.masters.iter().map(|h| h.person).collect();
        let cpos: Vec<PersonId> = g.cpos.iter().map(|h| h.person).collect();
        // The PO Team: the CPO and the member POs (child groups: their CPOs).
        let mut po_team = cpos.clone();
        // Member Scrum Masters (child groups: their masters).
        let mut member_sms = Vec::new();
        let mut reps = Vec::new();
        for m in members {
            match m {
                Unit::Team(t) => {
                    if let Some(t) = org.team(*t).filter(|t| t.is_real()) {
                        po_team.extend(t.product_owners.iter().copied());
                        member_sms.extend(t.scrum_masters.iter().copied());
                    }
                }
                Unit::Group(cg) => {
                    if let Some(cg) = org.group(*cg) {
                        po_team.extend(cg.cpos.iter().map(|h| h.person));
                        member_sms.extend(cg.masters.iter().map(|h| h.person));
                    }
                }
            }
            if let Some(r) = rep_of(org, *m) {
                reps.push(r);
            }
        }
        for kind in EventKind::ALL.into_iter().filter(|k| k.is_group()) {
            let (base, minutes) = c.timing_for(Unit::Group(g.id), kind, weeks);
            let own_start = c
                .sprint_of(Unit::Group(g.id))
                .and_then(|o| o.events.get(&kind))
                .is_some_and(|t| t.start.is_some());
            let up = level.saturating_sub(1);
            let start = match kind {
                // A group that sets its own start keeps it.
                _ if own_start => base,
                // The cascade: one step per level after the Daily Scrums.
                EventKind::ScaledDailyScrum => Clock(base.minutes() + up * step),
                // Top-down: the higher levels plan first, the level-1 groups just before the
                // teams.
                EventKind::ScaledSprintPlanning => {
                    Clock(base.minutes().saturating_sub(up * minutes))
                }
                // Bottom-up: each level after the one below.
                _ => Clock(base.minutes() + up * minutes),
            };
            let (attendees, facilitator, when) = match kind {
                EventKind::ScaledDailyScrum => {
                    let mut a = reps.clone();
                    a.extend(cpo);
                    a.extend(&masters);
                    (
                        a,
                        master,
                        body_when(c.scaled_daily_scrum, When::SprintDay(0)),
                    )
                }
                EventKind::ScaledRetrospective => {
                    let mut a = member_sms.clone();
                    a.extend(&masters);
                    (a, master, kind.when())
                }
                EventKind::ScaledSprintPlanning => {
                    let mut a = po_team.clone();
                    a.extend(&member_sms);
                    a.extend(&masters);
                    (a, None, kind.when())
                }
                _ => (po_team.clone(), cpo, kind.when()),
            };
            push(
                Event {
                    kind,
                    host: Host::Group(g.id),
                    level,
                    start,
                    minutes,
                    days: layout.days(when, weeks, first),
                    when,
                    sprint_weeks: weeks,
                    attendees: sorted(attendees),
                    facilitator,
                },
                &mut events,
            );
        }
    }

    // The EAT meeting after the top Scaled Daily Scrum, unless the file sets its time; the EMS
    // after the top MetaScrum.
    let eat = org.eat();
    if !eat.is_empty() {
        let (set_start, minutes) = c.timing(EventKind::EatMeeting, c.sprint_weeks);
        let start = if c.is_set_start(EventKind::EatMeeting) {
            set_start
        } else {
            Clock(daily_start.minutes() + (depth + 1) * step)
        };
        let eat_when = body_when(c.eat_meeting, When::SprintDay(0));
        let mut a: Vec<PersonId> = eat.members.iter().copied().collect();
        a.extend(eat.product_owner);
        a.extend(eat.scrum_master);
        push(
            Event {
                kind: EventKind::EatMeeting,
                host: Host::Eat,
                level: depth + 1,
                start,
                minutes,
                days: layout.days(eat_when, c.sprint_weeks, None),
                when: eat_when,
                sprint_weeks: c.sprint_weeks,
                attendees: sorted(a),
                facilitator: eat.scrum_master,
            },
            &mut events,
        );
    }
    let ems = org.ems();
    if !ems.is_empty() {
        let (set_start, minutes) = c.timing(EventKind::ExecutiveMetaScrum, c.sprint_weeks);
        let start = if c.is_set_start(EventKind::ExecutiveMetaScrum) {
            set_start
        } else {
            let (ms, ms_minutes) = c.timing(EventKind::MetaScrum, c.sprint_weeks);
            Clock(ms.minutes() + depth * ms_minutes)
        };
        let ems_when = body_when(c.executive_meta_scrum, EventKind::ExecutiveMetaScrum.when());
        let mut a: Vec<PersonId> = ems.attendees.iter().copied().collect();
        a.extend(ems.facilitator);
        push(
            Event {
                kind: EventKind::ExecutiveMetaScrum,
                host: Host::Ems,
                level: depth + 1,
                start,
                minutes,
                days: layout.days(ems_when, c.sprint_weeks, None),
                when: ems_when,
                sprint_weeks: c.sprint_weeks,
                attendees: sorted(a),
                facilitator: ems.facilitator,
            },
            &mut events,
        );
    }

    Calendar {
        cadence: c,
        recorded,
        events,
        horizon,
        sprint_days,
        depth,
        by_host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_find_the_next_one() {
        let d = Days(0b1010_0000);
        assert_eq!(d.next_from(0), Some(5));
        assert_eq!(d.next_from(6), Some(7));
        assert_eq!(d.next_from(8), None);
        assert_eq!(d.count(), 2);
    }

    #[test]
    fn working_days_skip_the_weekend() {
        let c = Cadence::default();
        let mon: jiff::civil::Date = "2027-01-04".parse().unwrap();
        let next_mon: jiff::civil::Date = "2027-01-11".parse().unwrap();
        let wed: jiff::civil::Date = "2027-01-13".parse().unwrap();
        assert_eq!(working_days_between(&c, mon, next_mon), 5);
        assert_eq!(working_days_between(&c, mon, wed), 7);
        assert_eq!(working_days_between(&c, wed, mon), -7);
    }
}
