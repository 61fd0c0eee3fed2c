//! The two cycles in words and as JSON, for `orgscale cycles`: each component's carriers,
//! coverage and gaps and, with a rating round, its ratings beside the structural evidence and
//! how it moved since an earlier round.

use serde::Serialize;

use super::rating::{self, Direction, Rated};
use super::{Component, Coverage, Cycle, Cycles, scope_name};
use crate::model::{Org, Round, Structure, Unit};

/// A rating round to report, and optionally an earlier one to compare it with.
#[derive(Clone, Copy)]
pub struct Rounds<'a> {
    pub round: &'a Round,
    pub earlier: Option<&'a Round>,
}

fn rated(s: &Structure, c: &Cycles, r: Option<Rounds>) -> Option<Rated> {
    let r = r?;
    Some(Rated::of(s, c.scope, Some(r.round), r.earlier))
}

/// The cycles as text: each cycle's components with carriers, coverage and gaps, and the ratings
/// of a round.
pub fn text(org: &Org, s: &Structure, c: &Cycles, rounds: Option<Rounds>) -> String {
    let rated = rated(s, c, rounds);
    let mut o = format!("The two cycles of {}\n", scope_name(org, s, c.scope));
    let complete = c
        .components
        .iter()
        .filter(|x| x.coverage == Coverage::Complete)
        .count();
    o.push_str(&format!(
        "{complete} of {} components complete\n",
        c.components.len()
    ));
    if let Some(r) = rounds {
        o.push_str(&format!(
            "Rating round {} ({}): {}\n",
            r.round.name,
            r.round.date,
            if r.round.raters.is_empty() {
                "no raters yet".to_string()
            } else {
                r.round.raters.join(", ")
            }
        ));
        if let Some(e) = r.earlier {
            o.push_str(&format!("Compared with {} ({})\n", e.name, e.date));
        }
    }
    for cycle in [
        Cycle::Both,
        Cycle::ScrumMaster,
        Cycle::ProductOwner,
        Cycle::Shared,
    ] {
        let title = match cycle {
            Cycle::Both => "Where the cycles meet",
            Cycle::ScrumMaster => "Scrum Master cycle (the how; hub: the Executive Action Team)",
            Cycle::ProductOwner => "Product Owner cycle (the what; hub: the Executive MetaScrum)",
            Cycle::Shared => "Shared",
        };
        o.push_str(&format!("\n{title}\n"));
        for st in c.components.iter().filter(|x| x.component.cycle() == cycle) {
            let carriers = if st.carriers.is_empty() {
                "nobody".to_string()
            } else {
                st.carriers.clone()
            };
            o.push_str(&format!(
                "  {:<44} {:<9} {carriers}\n",
                st.component.label(),
                st.coverage.label()
            ));
            if let Some(r) = &rated {
                let evidence = super::evidence(org, s, &st.gaps);
                if let Some(line) = r.line(st.component, &evidence) {
                    o.push_str(&format!("    {line}\n"));
                }
                for rt in r.summary(st.component).map_or(&[][..], |x| &x.ratings) {
                    o.push_str(&format!("      {}\n", rating::rater_line(org, rt)));
                }
            }
            for f in &st.gaps {
                o.push_str(&format!("    {}[{}] {}\n", f.severity, f.rule, f.message));
            }
        }
    }
    if let (Some(shifts), Some(e)) = (
        rated.as_ref().and_then(|r| r.shifts.as_ref()),
        rounds.and_then(|r| r.earlier),
    ) {
        o.push_str(&format!("\nSince {}\n", e.name));
        for (dir, label) in [
            (Direction::Rose, "Rose"),
            (Direction::Fell, "Fell"),
            (Direction::Same, "Same"),
            (Direction::New, "Newly rated"),
            (Direction::Dropped, "No longer rated"),
        ] {
            let names: Vec<String> = shifts
                .iter()
                .filter(|x| x.direction() == dir)
                .map(|x| match x.delta() {
                    Some(d) if d != 0.0 => format!(
                        "{} ({}{})",
                        x.component.label(),
                        if d > 0.0 { "+" } else { "−" },
                        rating::number(d.abs())
                    ),
                    _ => x.component.label().to_string(),
                })
                .collect();
            if !names.is_empty() {
                o.push_str(&format!("  {label:<16} {}\n", names.join(", ")));
            }
        }
    }
    o
}

#[derive(Serialize)]
struct JsonRating {
    rater: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    rating: u8,
    #[serde(skip_serializing_if = "String::is_empty")]
    note: String,
}

#[derive(Serialize)]
struct JsonSummary {
    median: f32,
    min: u8,
    max: u8,
    spread: u8,
    /// Groups the ratings were pooled from when the scope has none of its own.
    pooled_from: usize,
    /// The whole org's ratings, standing for its only top group.
    org_wide: bool,
    ratings: Vec<JsonRating>,
}

#[derive(Serialize)]
struct JsonShift {
    direction: &'static str,
    before: Option<f32>,
    after: Option<f32>,
}

#[derive(Serialize)]
struct JsonComponent {
    key: &'static str,
    name: &'static str,
    cycle: &'static str,
    hub: bool,
    coverage: &'static str,
    carriers: String,
    people: Vec<String>,
    gaps: Vec<crate::rules::Finding>,
    /// With a round: its ratings (null when unrated), the structural evidence in words and,
    /// with an earlier round, how the median moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    rating: Option<Option<JsonSummary>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shift: Option<JsonShift>,
}

#[derive(Serialize)]
struct JsonRound {
    name: String,
    date: String,
    raters: Vec<String>,
}

#[derive(Serialize)]
struct JsonCycles {
    scope: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    round: Option<JsonRound>,
    #[serde(skip_serializing_if = "Option::is_none")]
    compared_with: Option<JsonRound>,
    components: Vec<JsonComponent>,
}

fn json_round(r: &Round) -> JsonRound {
    JsonRound {
        name: r.name.clone(),
        date: r.date.to_string(),
        raters: r.raters.clone(),
    }
}

/// The cycles as JSON (pretty, ends with a newline).
pub fn json(org: &Org, s: &Structure, c: &Cycles, rounds: Option<Rounds>) -> String {
    let rated = rated(s, c, rounds);
    let v = JsonCycles {
        scope: scope_name(org, s, c.scope),
        round: rounds.map(|r| json_round(r.round)),
        compared_with: rounds.and_then(|r| r.earlier).map(json_round),
        components: c
            .components
            .iter()
            .map(|st| {
                let c = st.component;
                JsonComponent {
                    key: st.component.key(),
                    name: st.component.label(),
                    cycle: st.component.cycle().key(),
                    hub: st.component.is_hub(),
                    coverage: st.coverage.label(),
                    carriers: st.carriers.clone(),
                    people: st.people.iter().map(|p| org.person_name(*p)).collect(),
                    gaps: st.gaps.clone(),
                    rating: rated.as_ref().map(|r| {
                        r.summary(c).map(|x| JsonSummary {
                            median: x.median,
                            min: x.min,
                            max: x.max,
                            spread: x.spread(),
                            pooled_from: x.pooled_from,
                            org_wide: x.org_wide,
                            ratings: x
                                .ratings
                                .iter()
                                .map(|rt| JsonRating {
                                    rater: rt.rater.clone(),
                                    group: rt.group.map(|g| org.unit_name(Unit::Group(g))),
                                    rating: rt.rating.value(),
                                    note: rt.note.clone(),
                                })
                                .collect(),
                        })
                    }),
                    evidence: rated.as_ref().map(|_| super::evidence(org, s, &st.gaps)),
                    shift: rated.as_ref().and_then(|r| r.shift(c)).map(|x| JsonShift {
                        direction: match x.direction() {
                            Direction::Rose => "rose",
                            Direction::Fell => "fell",
                            Direction::Same => "same",
                            Direction::New => "new",
                            Direction::Dropped => "dropped",
                            Direction::Unrated => "unrated",
                        },
                        before: x.before,
                        after: x.after,
                    }),
                }
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&v).expect("cycles serialise");
    out.push('\n');
    out
}

/// Every component's name, for checks that a report names them all.
pub fn names() -> impl Iterator<Item = &'static str> {
    Component::ALL.into_iter().map(Component::label)
}
