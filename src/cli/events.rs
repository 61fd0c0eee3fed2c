//! `orgscale events ORG`: the events the structure gives rise to, with their cost in meeting
//! hours and how fast an impediment climbs, for the whole org or one person, team or group; as
//! text, JSON, CSV or an iCalendar file a calendar application imports.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::events::{self, report, report::Scope};
use crate::io;
use crate::model::{Org, Unit};

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Org file (.json) or roster (.csv).
    pub org: PathBuf,
    /// Only the events this person attends (their name).
    #[arg(long, conflicts_with_all = ["team", "group"])]
    pub person: Option<String>,
    /// Only this team's events.
    #[arg(long, conflicts_with = "group")]
    pub team: Option<String>,
    /// Only this group's events (a Scrum of Scrums or higher).
    #[arg(long)]
    pub group: Option<String>,
    #[arg(long, value_enum, default_value_t = EventsFormat::Text)]
    pub format: EventsFormat,
    /// Write to this file instead of the standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// `--format` of `events`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EventsFormat {
    /// The events, meeting load and escalation in words.
    Text,
    Json,
    /// One row per event.
    Csv,
    /// iCalendar (RFC 5545): one recurring event each, for a calendar application.
    Ics,
}

/// Find a person, team or group by name (case and surrounding spaces ignored).
fn scope(org: &Org, a: &EventsArgs) -> Result<Scope, String> {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    if let Some(name) = &a.person {
        let found: Vec<_> = org
            .people()
            .values()
            .filter(|p| same(&p.name, name))
            .collect();
        return match found.as_slice() {
            [p] => Ok(Scope::Person(p.id)),
            [] => Err(format!("there is no person named \"{name}\" in the org")),
            many => Err(format!(
                "{} people are named \"{name}\" ({}); rename one to tell them apart",
                many.len(),
                many.iter()
                    .map(|p| p.id.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
    }
    if let Some(name) = &a.team {
        return org
            .teams()
            .values()
            .find(|t| same(&t.name, name))
            .map(|t| Scope::Team(t.id))
            .ok_or_else(|| format!("there is no team named \"{name}\" in the org"));
    }
    if let Some(name) = &a.group {
        return group_named(org, name).map(Scope::Group);
    }
    Ok(Scope::Org)
}

/// The one group with this name (case and surrounding spaces ignored), or else this id.
pub(super) fn group_named(org: &Org, name: &str) -> Result<crate::model::GroupId, String> {
    let found: Vec<_> = org
        .groups()
        .values()
        .filter(|g| g.name.trim().eq_ignore_ascii_case(name.trim()))
        .collect();
    match found.as_slice() {
        [g] => Ok(g.id),
        // Not a name: perhaps the group's id, as the org file and a rating sheet write it.
        [] => org
            .groups()
            .keys()
            .find(|g| g.to_string() == name.trim())
            .copied()
            .ok_or_else(|| format!("there is no group named \"{name}\" in the org")),
        many => Err(format!(
            "{} groups are named \"{name}\" ({})",
            many.len(),
            many.iter()
                .map(|g| org.unit_name(Unit::Group(g.id)))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

pub fn run(a: EventsArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let org = match io::load(&a.org) {
        Ok(o) => o,
        Err(e) => return super::fail(err, &e),
    };
    let scope = match scope(&org, &a) {
        Ok(s) => s,
        Err(why) => {
            let _ = writeln!(err, "error: {}: {why}", a.org.display());
            return 2;
        }
    };
    let s = org.structure();
    let cal = events::derive(&org, &s);
    let m = events::metrics(&org, &s, &cal);
    let text = match a.format {
        EventsFormat::Text => report::text(&org, &s, &cal, &m, scope),
        EventsFormat::Json => report::json(&org, &s, &cal, &m, scope),
        EventsFormat::Csv => report::csv(&org, &s, &cal, scope),
        EventsFormat::Ics => {
            if cal.cadence.first_sprint.is_none() {
                let _ = writeln!(
                    err,
                    "note: the org records no first Sprint; the calendar starts this week"
                );
            }
            let today = jiff::Zoned::now().date();
            let only = scope.events(&org, &s, &cal);
            events::ics::ics(&org, &s, &cal, &only, today)
        }
    };
    match &a.output {
        None => {
            let _ = out.write_all(text.as_bytes());
            0
        }
        Some(path) => match io::save_atomic(path, text.as_bytes()) {
            Ok(()) => {
                let _ = writeln!(out, "Wrote {}", path.display());
                0
            }
            Err(e) => {
                let _ = writeln!(err, "error: could not write {}: {e}", path.display());
                2
            }
        },
    }
}
