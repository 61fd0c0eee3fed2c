//! What the calendar costs and how fast it carries an impediment: meeting load per person and
//! per role, escalation latency per team, double bookings and the largest meeting of each kind.

use rustc_hash::FxHashMap as HashMap;

use super::{Calendar, DAY, Event, Host};
use crate::model::cadence::EventKind;
use crate::model::{Org, PersonId, Structure, TeamId, Unit};

/// The roles meeting load is averaged by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoleKind {
    Developer,
    ProductOwner,
    ScrumMaster,
    /// The master of a group (SoSM, SoSoSM, …).
    GroupMaster,
    /// The CPO of a group.
    Cpo,
    /// A member, PO or SM of the Executive Action Team.
    Eat,
    /// An attendee or the facilitator of the Executive MetaScrum.
    Ems,
}

impl RoleKind {
    pub const ALL: [RoleKind; 7] = [
        RoleKind::Developer,
        RoleKind::ProductOwner,
        RoleKind::ScrumMaster,
        RoleKind::GroupMaster,
        RoleKind::Cpo,
        RoleKind::Eat,
        RoleKind::Ems,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RoleKind::Developer => "Developer",
            RoleKind::ProductOwner => "Product Owner",
            RoleKind::ScrumMaster => "Scrum Master",
            RoleKind::GroupMaster => "SoSM (any level)",
            RoleKind::Cpo => "CPO (any level)",
            RoleKind::Eat => "EAT",
            RoleKind::Ems => "EMS",
        }
    }

    /// The key in the org file's rule overrides and in JSON output.
    pub fn key(self) -> &'static str {
        match self {
            RoleKind::Developer => "developer",
            RoleKind::ProductOwner => "product_owner",
            RoleKind::ScrumMaster => "scrum_master",
            RoleKind::GroupMaster => "sosm",
            RoleKind::Cpo => "cpo",
            RoleKind::Eat => "eat",
            RoleKind::Ems => "ems",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// One person's events.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonLoad {
    pub person: PersonId,
    /// Minutes of events in one of the org's Sprints.
    pub minutes: f64,
    /// The share of their working time that is.
    pub share: f64,
    /// The roles they hold, as bits of [`RoleKind`].
    roles: u8,
    /// How many recurring events they attend.
    pub events: usize,
}

impl PersonLoad {
    pub fn has(&self, r: RoleKind) -> bool {
        self.roles & r.bit() != 0
    }
    pub fn roles(&self) -> impl Iterator<Item = RoleKind> + '_ {
        RoleKind::ALL.into_iter().filter(|r| self.has(*r))
    }
    pub fn hours(&self) -> f64 {
        self.minutes / 60.0
    }
}

/// How long an impediment raised at a team's Daily Scrum takes to reach the EAT meeting that
/// would hear it, through the team's chain of Scaled Daily Scrums (on the worst day of the
/// Sprint).
#[derive(Clone, Debug, PartialEq)]
pub struct Latency {
    pub team: TeamId,
    /// Minutes on the working-time line (a working day counts 24 hours; days off are skipped).
    pub minutes: u32,
    /// Whether it reaches the EAT on the working day it was raised, every day of the Sprint.
    pub same_day: bool,
    /// The events it passes through on its worst day, Daily Scrum first, EAT meeting last,
    /// with the minute (working-time line) each starts.
    pub path: Vec<(usize, u32)>,
}

impl Latency {
    /// "1 h 20 min", "2 working days 1 h".
    pub fn words(&self) -> String {
        duration_words(self.minutes)
    }
}

/// "25 min", "1 h 20 min", "3 working days 2 h".
pub fn duration_words(minutes: u32) -> String {
    let days = minutes / DAY;
    let rest = minutes % DAY;
    let (h, m) = (rest / 60, rest % 60);
    let clock = match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    };
    match days {
        0 => clock,
        1 => format!("1 working day {clock}"),
        d => format!("{d} working days {clock}"),
    }
}

/// A person in two events at the same time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DoubleBooking {
    pub person: PersonId,
    /// The two events, as indices into [`Calendar::events`].
    pub first: usize,
    pub second: usize,
}

/// Everything the calendar says about the org's meetings.
#[derive(Clone, Debug)]
pub struct Metrics {
    /// Every person who attends anything, in id order.
    pub loads: Vec<PersonLoad>,
    /// Per role: the average minutes per Sprint of the people who hold it, and how many do.
    pub by_role: Vec<(RoleKind, f64, usize)>,
    /// Per real team, when the org has an EAT; team id order.
    pub latencies: Vec<Latency>,
    pub double_bookings: Vec<DoubleBooking>,
    /// The largest event of each kind: the event and its attendee count.
    pub largest: Vec<(EventKind, usize, usize)>,
    /// Person-minutes of events in one of the org's Sprints.
    pub total_minutes: f64,
    /// Events held in one of the org's Sprints.
    pub events_per_sprint: f64,
}

impl Metrics {
    pub fn load_of(&self, p: PersonId) -> Option<&PersonLoad> {
        self.loads
            .binary_search_by_key(&p, |l| l.person)
            .ok()
            .map(|i| &self.loads[i])
    }

    /// The `n` most loaded people, most first.
    pub fn most_loaded(&self, n: usize) -> Vec<&PersonLoad> {
        let mut v: Vec<&PersonLoad> = self.loads.iter().collect();
        v.sort_by(|a, b| {
            b.minutes
                .total_cmp(&a.minutes)
                .then(a.person.cmp(&b.person))
        });
        v.truncate(n);
        v
    }

    pub fn max_latency(&self) -> Option<&Latency> {
        self.latencies
            .iter()
            .max_by(|a, b| a.minutes.cmp(&b.minutes).then(b.team.cmp(&a.team)))
    }

    /// The median latency in minutes (the lower middle for an even count).
    pub fn median_latency(&self) -> Option<u32> {
        let mut m: Vec<u32> = self.latencies.iter().map(|l| l.minutes).collect();
        if m.is_empty() {
            return None;
        }
        m.sort_unstable();
        Some(m[(m.len() - 1) / 2])
    }

    pub fn average(&self, r: RoleKind) -> Option<f64> {
        self.by_role
            .iter()
            .find(|(k, _, n)| *k == r && *n > 0)
            .map(|(_, m, _)| *m)
    }
}

/// The roles each person holds.
fn roles(org: &Org) -> HashMap<PersonId, u8> {
    let mut r: HashMap<PersonId, u8> = HashMap::default();
    let mut add = |p: PersonId, k: RoleKind| *r.entry(p).or_default() |= k.bit();
    for t in org.teams().values().filter(|t| t.is_real()) {
        t.developers
            .iter()
            .for_each(|p| add(*p, RoleKind::Developer));
        t.product_owners
            .iter()
            .for_each(|p| add(*p, RoleKind::ProductOwner));
        t.scrum_masters
            .iter()
            .for_each(|p| add(*p, RoleKind::ScrumMaster));
    }
    for g in org.groups().values() {
        g.masters
            .iter()
            .for_each(|h| add(h.person, RoleKind::GroupMaster));
        g.cpos.iter().for_each(|h| add(h.person, RoleKind::Cpo));
    }
    let eat = org.eat();
    for p in eat
        .members
        .iter()
        .chain(&eat.product_owner)
        .chain(&eat.scrum_master)
    {
        add(*p, RoleKind::Eat);
    }
    let ems = org.ems();
    for p in ems.attendees.iter().chain(&ems.facilitator) {
        add(*p, RoleKind::Ems);
    }
    r
}

/// The next time at or after `t` that `e` starts (the horizon repeats).
fn next_start(cal: &Calendar, e: &Event, t: u32) -> Option<u32> {
    let s = e.start.minutes();
    // The first day at or after `d` it is held on, in this round of the horizon or the next.
    let next_day = |d: u32| {
        let h = cal.horizon;
        let (round, rest) = (d / h, d % h);
        e.days
            .next_from(rest)
            .map(|n| round * h + n)
            .or_else(|| e.days.next_from(0).map(|n| (round + 1) * h + n))
    };
    let first = next_day(t / DAY)?;
    if first * DAY + s >= t {
        return Some(first * DAY + s);
    }
    next_day(first + 1).map(|d| d * DAY + s)
}

fn latency(cal: &Calendar, org: &Org, team: TeamId, eat: usize) -> Option<Latency> {
    let daily_i = cal
        .by_host
        .get(&Host::Team(team))?
        .iter()
        .map(|i| *i as usize)
        .find(|i| cal.events[*i].kind == EventKind::DailyScrum)?;
    let daily = &cal.events[daily_i];
    let chain: Vec<usize> = org
        .ancestors(Unit::Team(team))
        .into_iter()
        .filter_map(|g| {
            cal.by_host
                .get(&Host::Group(g))?
                .iter()
                .map(|i| *i as usize)
                .find(|i| cal.events[*i].kind == EventKind::ScaledDailyScrum)
        })
        .collect();
    let mut worst: Option<Latency> = None;
    for d in daily.days.iter().take_while(|d| *d < cal.horizon) {
        let raised = d * DAY + daily.start.minutes();
        let mut t = raised + daily.minutes;
        let mut path = vec![(daily_i, raised)];
        for &i in &chain {
            let e = &cal.events[i];
            let s = next_start(cal, e, t)?;
            path.push((i, s));
            t = s + e.minutes;
        }
        let heard = next_start(cal, &cal.events[eat], t)?;
        path.push((eat, heard));
        let minutes = heard - raised;
        let same_day = heard / DAY == d;
        let l = Latency {
            team,
            minutes,
            same_day,
            path,
        };
        worst = match worst {
            Some(w) if w.minutes >= l.minutes => Some(Latency {
                same_day: w.same_day && l.same_day,
                ..w
            }),
            Some(w) => Some(Latency {
                same_day: w.same_day && l.same_day,
                ..l
            }),
            None => Some(l),
        };
    }
    worst
}

/// Everything measured on a calendar.
pub fn metrics(org: &Org, _s: &Structure, cal: &Calendar) -> Metrics {
    let sprint = f64::from(cal.sprint_minutes().max(1));
    let roles = roles(org);
    // (person, event) for every seat at every event, grouped by person in id order, each
    // person's events in calendar order: a counting sort over the people's places in id order
    // (some 450,000 seats at 10,000 teams; a comparison sort took most of the time here).
    let place: HashMap<PersonId, u32> = org
        .people()
        .keys()
        .enumerate()
        .map(|(i, p)| (*p, i as u32))
        .collect();
    let mut start = vec![0u32; place.len() + 1];
    for e in &cal.events {
        for p in &e.attendees {
            if let Some(i) = place.get(p) {
                start[*i as usize + 1] += 1;
            }
        }
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    // The events of the person in place k are seats[start[k]..start[k + 1]].
    let mut seats: Vec<u32> = vec![0; start.last().copied().unwrap_or(0) as usize];
    let mut next = start.clone();
    for (i, e) in cal.events.iter().enumerate() {
        for p in &e.attendees {
            if let Some(k) = place.get(p) {
                let at = &mut next[*k as usize];
                seats[*at as usize] = i as u32;
                *at += 1;
            }
        }
    }
    let per_sprint: Vec<f64> = cal.events.iter().map(|e| cal.per_sprint(e)).collect();

    let mut loads = Vec::new();
    let mut double_bookings = Vec::new();
    let mut total_minutes = 0.0;
    for (k, person) in org.people().keys().copied().enumerate() {
        let run = &seats[start[k] as usize..start[k + 1] as usize];
        if run.is_empty() {
            continue;
        }
        let minutes: f64 = run
            .iter()
            .map(|i| f64::from(cal.events[*i as usize].minutes) * per_sprint[*i as usize])
            .sum();
        total_minutes += minutes;
        loads.push(PersonLoad {
            person,
            minutes,
            share: minutes / sprint,
            roles: roles.get(&person).copied().unwrap_or(0),
            events: run.len(),
        });
        // Pairs that overlap: few events per person, so pairwise.
        'pairs: for (j, a) in run.iter().enumerate() {
            for b in &run[j + 1..] {
                let (ea, eb) = (&cal.events[*a as usize], &cal.events[*b as usize]);
                if ea.overlaps(eb) {
                    double_bookings.push(DoubleBooking {
                        person,
                        first: *a as usize,
                        second: *b as usize,
                    });
                    break 'pairs;
                }
            }
        }
    }

    let by_role = RoleKind::ALL
        .into_iter()
        .map(|r| {
            let (sum, n) = loads
                .iter()
                .filter(|l| l.has(r))
                .fold((0.0, 0usize), |(s, n), l| (s + l.minutes, n + 1));
            (r, if n == 0 { 0.0 } else { sum / n as f64 }, n)
        })
        .collect();

    let eat = cal
        .events
        .iter()
        .position(|e| e.kind == EventKind::EatMeeting);
    let latencies = match eat {
        None => Vec::new(),
        Some(eat) => org
            .teams()
            .values()
            .filter(|t| t.is_real())
            .filter_map(|t| latency(cal, org, t.id, eat))
            .collect(),
    };

    let mut largest: Vec<(EventKind, usize, usize)> = Vec::new();
    for kind in EventKind::ALL {
        let best = cal
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == kind)
            .max_by(|(ia, a), (ib, b)| a.attendees.len().cmp(&b.attendees.len()).then(ib.cmp(ia)));
        if let Some((i, e)) = best {
            largest.push((kind, i, e.attendees.len()));
        }
    }

    Metrics {
        loads,
        by_role,
        latencies,
        double_bookings,
        largest,
        total_minutes,
        events_per_sprint: per_sprint.iter().sum(),
    }
}
