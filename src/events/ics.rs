//! The calendar as iCalendar (RFC 5545): one `VEVENT` per recurring event with its `RRULE`, a
//! stable `UID`, the attendees by name (and e-mail when the org file has one), in the org's time
//! zone with a `VTIMEZONE` that lists its transitions.

use jiff::civil::Date;

use super::{Calendar, Event, Host};
use crate::model::cadence::{Recurrence, Weekday, When};
use crate::model::{Org, Structure, Unit};

/// How many years of time zone transitions the `VTIMEZONE` lists from the first Sprint on.
const ZONE_YEARS: i16 = 10;

/// Text escaped for a TEXT value (RFC 5545 §3.3.11).
fn text(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            ';' => o.push_str("\\;"),
            ',' => o.push_str("\\,"),
            '\n' => o.push_str("\\n"),
            '\r' => {}
            c => o.push(c),
        }
    }
    o
}

/// A parameter value (CN=…): quoted when it holds a separator; quotes themselves cannot appear.
fn param(s: &str) -> String {
    let clean: String = s.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    if clean.contains([';', ':', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// Writes content lines folded at 75 octets (RFC 5545 §3.1), ended with CRLF.
struct Lines(String);

impl Lines {
    fn line(&mut self, l: &str) {
        let mut width = 0;
        for c in l.chars() {
            let n = c.len_utf8();
            if width + n > 75 {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += n;
        }
        self.0.push_str("\r\n");
    }
}

/// A stable, file-safe id: lower case, letters, digits and dashes.
fn slug(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            o.push(c.to_ascii_lowercase());
        } else if !o.ends_with('-') && !o.is_empty() {
            o.push('-');
        }
    }
    o.trim_end_matches('-').to_string()
}

fn host_key(h: Host) -> String {
    match h {
        Host::Team(t) => format!("team-{t}"),
        Host::Group(g) => format!("group-{g}"),
        Host::Eat => "eat".into(),
        Host::Ems => "ems".into(),
    }
}

/// The working day `k` of a Sprint that starts on `first` (0: its first working day).
fn working_day(cal: &Calendar, first: Date, k: u32) -> Date {
    let works = |d: Date| cal.cadence.working_days.contains(&Weekday::of(d));
    let mut d = first;
    while !works(d) {
        d = d.tomorrow().unwrap_or(d);
    }
    let mut left = k;
    while left > 0 {
        d = d.tomorrow().unwrap_or(d);
        if works(d) {
            left -= 1;
        }
    }
    d
}

/// The date of the first occurrence and the recurrence rule.
fn recurrence(cal: &Calendar, e: &Event, first: Date) -> (Date, String) {
    let c = &cal.cadence;
    let week = c.working_days.len().max(1) as u32;
    let len = e.sprint_weeks.max(1) * week;
    let days: Vec<&str> = c.working_days.iter().map(|d| d.ical()).collect();
    match e.when {
        When::EveryDay => (
            working_day(cal, first, 0),
            format!("FREQ=WEEKLY;BYDAY={}", days.join(",")),
        ),
        When::EveryWeek(k) => {
            let d = working_day(cal, first, (k as u32).min(week - 1));
            (d, format!("FREQ=WEEKLY;BYDAY={}", Weekday::of(d).ical()))
        }
        When::SprintDay(k) => {
            let k = if k < 0 {
                (len as i32 + k).max(0) as u32
            } else {
                (k as u32).min(len - 1)
            };
            let d = working_day(cal, first, k);
            (
                d,
                format!(
                    "FREQ=WEEKLY;INTERVAL={};BYDAY={}",
                    e.sprint_weeks.max(1),
                    Weekday::of(d).ical()
                ),
            )
        }
    }
}

fn stamp(d: Date, minutes: u32) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}00",
        d.year(),
        d.month(),
        d.day(),
        minutes / 60,
        minutes % 60
    )
}

/// The Monday of the week `today` falls in: where a calendar without a recorded first Sprint
/// starts.
pub fn default_first_sprint(today: Date) -> Date {
    let back = i64::from(today.weekday().to_monday_zero_offset());
    today
        .checked_sub(jiff::Span::new().days(back))
        .unwrap_or(today)
}

fn write_zone(out: &mut Lines, name: &str, from: Date) {
    let tz = match jiff::tz::TimeZone::get(name) {
        Ok(tz) => tz,
        Err(_) => return,
    };
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{name}"));
    let start = from
        .checked_sub(jiff::Span::new().years(1))
        .unwrap_or(from)
        .to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let end_year = from.year() + ZONE_YEARS;
    // The offset in force before the first listed transition.
    let mut before = tz.to_offset(start);
    let mut any = false;
    for t in tz.following(start) {
        let local = t.timestamp().to_zoned(jiff::tz::TimeZone::fixed(before));
        if local.year() > end_year {
            break;
        }
        let to = t.offset();
        let kind = if t.dst().is_dst() {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        out.line(&format!("BEGIN:{kind}"));
        out.line(&format!(
            "DTSTART:{:04}{:02}{:02}T{:02}{:02}{:02}",
            local.year(),
            local.month(),
            local.day(),
            local.hour(),
            local.minute(),
            local.second()
        ));
        out.line(&format!("TZOFFSETFROM:{}", offset(before)));
        out.line(&format!("TZOFFSETTO:{}", offset(to)));
        out.line(&format!("TZNAME:{}", text(t.abbreviation())));
        out.line(&format!("END:{kind}"));
        before = to;
        any = true;
    }
    if !any {
        // A zone without transitions: one standard offset all along.
        let o = tz.to_offset(start);
        out.line("BEGIN:STANDARD");
        out.line("DTSTART:19700101T000000");
        out.line(&format!("TZOFFSETFROM:{}", offset(o)));
        out.line(&format!("TZOFFSETTO:{}", offset(o)));
        out.line("END:STANDARD");
    }
    out.line("END:VTIMEZONE");
}

fn offset(o: jiff::tz::Offset) -> String {
    let s = o.seconds();
    let sign = if s < 0 { '-' } else { '+' };
    let a = s.unsigned_abs();
    format!("{sign}{:02}{:02}", a / 3600, a / 60 % 60)
}

/// The events `only` (indices into the calendar) as an iCalendar file. `today` dates the calendar when
/// the cadence records no first Sprint.
pub fn ics(org: &Org, s: &Structure, cal: &Calendar, only: &[usize], today: Date) -> String {
    let c = &cal.cadence;
    let org_first = c
        .first_sprint
        .map(|d| d.0)
        .unwrap_or_else(|| default_first_sprint(today));
    let zone = c.time_zone.name().to_string();
    let utc = zone == "UTC";
    let mut out = Lines(String::new());
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//orgscale//Scrum@Scale events//EN");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.line(&format!(
        "X-WR-CALNAME:{}",
        text(&format!("{} events", org.name()))
    ));
    if !utc {
        out.line(&format!("X-WR-TIMEZONE:{zone}"));
        write_zone(&mut out, &zone, org_first);
    }
    let org_slug = match slug(org.name()) {
        s if s.is_empty() => "org".to_string(),
        s => s,
    };
    let at = |d: Date, minutes: u32| {
        if utc {
            format!(":{}Z", stamp(d, minutes))
        } else {
            format!(";TZID={zone}:{}", stamp(d, minutes))
        }
    };
    for &i in only {
        let e = &cal.events[i];
        let first = e
            .host
            .unit()
            .and_then(|u| super::sprint_start(org, c, u))
            .unwrap_or(org_first);
        let (day, rule) = recurrence(cal, e, first);
        out.line("BEGIN:VEVENT");
        out.line(&format!(
            "UID:{}-{}-{}@orgscale",
            org_slug,
            host_key(e.host),
            e.kind.key().replace('_', "-")
        ));
        out.line(&format!("DTSTAMP:{}Z", stamp(org_first, 0)));
        out.line(&format!("DTSTART{}", at(day, e.start.minutes())));
        let end = e.start.minutes() + e.minutes;
        let (end_day, end_min) = if end >= super::DAY {
            (day.tomorrow().unwrap_or(day), end - super::DAY)
        } else {
            (day, end)
        };
        out.line(&format!("DTEND{}", at(end_day, end_min)));
        out.line(&format!("RRULE:{rule}"));
        out.line(&format!("SUMMARY:{}", text(&e.title(org, s))));
        let mut about = vec![format!(
            "{} ({}), {} attendee{}",
            e.kind.label(),
            recurrence_words(e),
            e.attendees.len(),
            if e.attendees.len() == 1 { "" } else { "s" }
        )];
        if let Some(f) = e.facilitator {
            about.push(format!("Facilitator: {}", org.person_name(f)));
        }
        if let Some(Unit::Group(g)) = e.host.unit() {
            about.push(format!("Level {}", s.level(g)));
        }
        out.line(&format!("DESCRIPTION:{}", text(&about.join(". "))));
        out.line(&format!("CATEGORIES:{}", text(e.kind.label())));
        if let Some(f) = e.facilitator.and_then(|f| org.person(f)) {
            out.line(&format!("ORGANIZER;{}", address(f)));
        }
        for p in e.attendees.iter().filter_map(|p| org.person(*p)) {
            out.line(&format!("ATTENDEE;ROLE=REQ-PARTICIPANT;{}", address(p)));
        }
        out.line("END:VEVENT");
    }
    out.line("END:VCALENDAR");
    out.0
}

/// `CN=Name:mailto:address`, or a URN naming the person when the file has no e-mail.
fn address(p: &crate::model::Person) -> String {
    match &p.email {
        Some(e) if e.contains('@') && !e.contains([' ', ':', ';', ',']) => {
            format!("CN={}:mailto:{e}", param(&p.name))
        }
        _ => format!("CN={}:urn:x-orgscale:person:{}", param(&p.name), p.id),
    }
}

pub(super) fn recurrence_words(e: &Event) -> &'static str {
    match e.recurrence() {
        Recurrence::Daily => "every working day",
        Recurrence::Weekly => "weekly",
        Recurrence::PerSprint => "once per Sprint",
    }
}
