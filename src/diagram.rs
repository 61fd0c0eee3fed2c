//! What each box of an org diagram says and how it is coloured. The designer's canvas and every
//! image export (SVG, PNG, PDF) build their boxes from these cards and colours, so an export
//! looks like the app. No egui here: colours are plain [`Rgba`] values that the UI converts.

use std::sync::Arc;

use crate::layout::{self, Node};
use crate::model::{Org, Structure, TeamCount};
use crate::rules::{Finding, Severity, SubjectRef, Thresholds};

/// A colour with straight (not premultiplied) alpha, in sRGB.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Rgba {
    pub const WHITE: Rgba = Rgba::rgb(255, 255, 255);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
        Rgba { r, g, b, a: 255 }
    }

    pub const fn gray(v: u8) -> Rgba {
        Rgba::rgb(v, v, v)
    }

    /// Mix towards `other` by `t` (0 = self, 1 = other), channel by channel in sRGB.
    pub fn lerp(self, other: Rgba, t: f32) -> Rgba {
        let mix = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t).round() as u8;
        Rgba {
            r: mix(self.r, other.r),
            g: mix(self.g, other.g),
            b: mix(self.b, other.b),
            a: mix(self.a, other.a),
        }
    }

    /// The same colour, `f` times as opaque.
    pub fn faded(self, f: f32) -> Rgba {
        Rgba {
            a: (self.a as f32 * f).round().clamp(0.0, 255.0) as u8,
            ..self
        }
    }

    /// `#rrggbb`, ignoring alpha.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Alpha as 0..=1.
    pub fn opacity(self) -> f32 {
        self.a as f32 / 255.0
    }
}

/// Green of a healthy team size and an accepted drop.
pub const GREEN: Rgba = Rgba::rgb(46, 160, 67);
/// Amber of a team size at the limit.
pub const AMBER: Rgba = Rgba::rgb(214, 150, 20);
/// Red of errors, missing roles and refused drops.
pub const RED: Rgba = Rgba::rgb(207, 34, 46);
/// Blue of infos.
pub const BLUE: Rgba = Rgba::rgb(56, 132, 255);
/// Orange ring of the selected card.
pub const SELECTION: Rgba = Rgba::rgb(255, 160, 0);

/// How a team's size compares with the profile's range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    /// Well within the range.
    Good,
    /// At the edge of the range.
    Edge,
    /// Outside the range.
    Bad,
}

impl Health {
    pub fn color(self) -> Rgba {
        match self {
            Health::Good => GREEN,
            Health::Edge => AMBER,
            Health::Bad => RED,
        }
    }
}

/// Kind of box, which sets its colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardKind {
    Team { virtual_team: bool },
    Group { level: u32 },
    Eat,
    Ems,
}

/// One line of detail on a card; `missing` lines are drawn as warnings.
#[derive(Clone, Debug, PartialEq)]
pub struct CardLine {
    pub text: String,
    pub missing: bool,
}

/// Everything a card shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub kind: CardKind,
    /// The title, shortened to fit a card on the canvas.
    pub title: String,
    /// The whole name (exports shrink the type before they shorten it).
    pub name: String,
    pub subtitle: String,
    pub lines: Vec<CardLine>,
    /// Headcount badge of a team.
    pub badge: Option<(String, Health)>,
    /// Worst finding about this unit, if any.
    pub worst: Option<Severity>,
}

fn line(text: String, missing: bool) -> CardLine {
    CardLine {
        text: ellipsis(text, 30),
        missing,
    }
}

/// Shorten text to `max` characters with an ellipsis, so it stays inside its card.
pub fn ellipsis(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        text
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// "SoSM: Ana Lima", "no SoSM" or "2 SoSMs": a group's role line, flagged when not exactly one.
fn holder_line(org: &Org, holders: &[crate::model::RoleHolder], label: String) -> CardLine {
    match holders {
        [one] => line(format!("{label}: {}", org.person_name(one.person)), false),
        [] => line(format!("no {label}"), true),
        many => line(format!("{} {label}s", many.len()), true),
    }
}

/// Team size health under the thresholds.
pub fn team_health(count: usize, t: &Thresholds) -> Health {
    let n = count as u32;
    let below = t.team_min.is_some_and(|m| n < m);
    let above = t.team_max.is_some_and(|m| n > m);
    if below || above || count == 0 {
        Health::Bad
    } else if t.team_min == Some(n) || t.team_max == Some(n) {
        Health::Edge
    } else {
        Health::Good
    }
}

/// Build the cards of every box in a layout.
pub fn build_cards(
    org: &Org,
    layout: &layout::Layout,
    findings: &[Finding],
) -> rustc_hash::FxHashMap<Node, Arc<Card>> {
    let s = org.structure();
    let t = Thresholds::from_settings(org.rules());
    let mut worst: rustc_hash::FxHashMap<SubjectRef, Severity> = Default::default();
    for f in findings {
        let e = worst.entry(f.subject).or_insert(f.severity);
        *e = (*e).min(f.severity);
    }
    let name = |p: Option<crate::model::PersonId>| p.map(|p| org.person_name(p));
    layout
        .boxes
        .iter()
        .map(|(node, _)| {
            let card = match *node {
                Node::Team(id) => {
                    let team = &org.teams()[&id];
                    let count = match t.team_count {
                        TeamCount::Whole => team.headcount(),
                        TeamCount::Doers => team.doers(),
                    };
                    let unit = match (t.team_count, count) {
                        (TeamCount::Whole, 1) => "person",
                        (TeamCount::Whole, _) => "people",
                        (TeamCount::Doers, 1) => "Developer",
                        (TeamCount::Doers, _) => "Developers",
                    };
                    let po = team.product_owners.iter().next().copied();
                    let sm = team.scrum_masters.iter().next().copied();
                    Card {
                        kind: CardKind::Team {
                            virtual_team: !team.is_real(),
                        },
                        title: ellipsis(team.name.clone(), 20),
                        name: team.name.clone(),
                        subtitle: if team.is_real() {
                            "Scrum team".to_string()
                        } else {
                            "Virtual team".to_string()
                        },
                        lines: vec![
                            line(
                                name(po).map_or_else(|| "PO: none".into(), |n| format!("PO: {n}")),
                                po.is_none() && team.is_real(),
                            ),
                            line(
                                name(sm).map_or_else(|| "SM: none".into(), |n| format!("SM: {n}")),
                                sm.is_none() && team.is_real(),
                            ),
                        ],
                        badge: Some((
                            format!("{count} {unit}"),
                            if team.is_real() {
                                team_health(count, &t)
                            } else {
                                Health::Good
                            },
                        )),
                        worst: worst.get(&SubjectRef::Team(id)).copied(),
                    }
                }
                Node::Group(id) => {
                    let g = &org.groups()[&id];
                    let level = s.level(id);
                    let members = s.children(id).len();
                    let teams = s.child_teams(id).count();
                    let what = if teams == members { "team" } else { "member" };
                    Card {
                        kind: CardKind::Group { level },
                        title: ellipsis(g.name.clone(), 24),
                        name: g.name.clone(),
                        subtitle: format!(
                            "{} · {members} {what}{}",
                            Structure::level_label(level),
                            if members == 1 { "" } else { "s" }
                        ),
                        lines: vec![
                            holder_line(org, &g.masters, Structure::master_label(level)),
                            holder_line(org, &g.cpos, Structure::cpo_label(level)),
                        ],
                        badge: None,
                        worst: worst.get(&SubjectRef::Group(id)).copied(),
                    }
                }
                Node::Eat => {
                    let eat = org.eat();
                    Card {
                        kind: CardKind::Eat,
                        title: "Executive Action Team".into(),
                        name: "Executive Action Team".into(),
                        subtitle: format!("EAT · {} members", eat.members.len()),
                        lines: vec![
                            line(
                                name(eat.product_owner)
                                    .map_or_else(|| "PO: none".into(), |n| format!("PO: {n}")),
                                eat.product_owner.is_none(),
                            ),
                            line(
                                name(eat.scrum_master)
                                    .map_or_else(|| "SM: none".into(), |n| format!("SM: {n}")),
                                eat.scrum_master.is_none(),
                            ),
                        ],
                        badge: None,
                        worst: worst.get(&SubjectRef::Eat).copied(),
                    }
                }
                Node::Ems => {
                    let ems = org.ems();
                    Card {
                        kind: CardKind::Ems,
                        title: "Executive MetaScrum".into(),
                        name: "Executive MetaScrum".into(),
                        subtitle: format!("EMS · {} attendees", ems.attendees.len()),
                        lines: vec![line(
                            name(ems.facilitator).map_or_else(
                                || "Facilitator: none".into(),
                                |n| format!("Facilitator: {n}"),
                            ),
                            false,
                        )],
                        badge: None,
                        worst: worst.get(&SubjectRef::Ems).copied(),
                    }
                }
            };
            (*node, Arc::new(card))
        })
        .collect()
}

/// Fill, accent (border, bar) and text colours of a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colors {
    pub fill: Rgba,
    pub accent: Rgba,
    pub text: Rgba,
}

/// Accent colour of a group level: SoS blue, SoSoS purple, higher levels teal.
pub fn level_accent(level: u32) -> Rgba {
    match level {
        1 => Rgba::rgb(37, 99, 200),
        2 => Rgba::rgb(124, 58, 190),
        _ => Rgba::rgb(13, 128, 128),
    }
}

/// Colours of a card in the light or dark theme.
pub fn colors(kind: CardKind, dark: bool) -> Colors {
    let (fill, accent) = match kind {
        CardKind::Team {
            virtual_team: false,
        } => (
            if dark {
                Rgba::rgb(40, 44, 52)
            } else {
                Rgba::WHITE
            },
            Rgba::rgb(96, 110, 130),
        ),
        CardKind::Team { virtual_team: true } => (
            if dark {
                Rgba::rgb(44, 40, 52)
            } else {
                Rgba::rgb(248, 246, 252)
            },
            Rgba::rgb(140, 110, 180),
        ),
        CardKind::Group { level } => {
            let accent = level_accent(level);
            (
                if dark {
                    accent.faded(0.35)
                } else {
                    Rgba::rgb(235, 242, 252).lerp(accent, 0.08)
                },
                accent,
            )
        }
        CardKind::Eat => (
            if dark {
                Rgba::rgb(30, 41, 59)
            } else {
                Rgba::rgb(226, 232, 240)
            },
            Rgba::rgb(30, 41, 59),
        ),
        CardKind::Ems => (
            if dark {
                Rgba::rgb(69, 46, 12)
            } else {
                Rgba::rgb(254, 243, 199)
            },
            Rgba::rgb(180, 83, 9),
        ),
    };
    let text = if dark {
        Rgba::gray(235)
    } else {
        Rgba::gray(25)
    };
    Colors { fill, accent, text }
}

/// Colour of a finding's severity.
pub fn severity_color(s: Severity) -> Rgba {
    match s {
        Severity::Error => RED,
        Severity::Warning => AMBER,
        Severity::Info => BLUE,
    }
}

/// Colour of the lines between boxes.
pub fn link_color(dark: bool) -> Rgba {
    if dark {
        Rgba::gray(110)
    } else {
        Rgba::gray(150)
    }
}

/// Colour of a far-away team column drawn as one block.
pub fn column_color(dark: bool) -> Rgba {
    if dark {
        Rgba::rgb(96, 110, 130)
    } else {
        Rgba::rgb(150, 160, 175)
    }
}

/// What a folded group's box stands for: everything below it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    pub teams: usize,
    pub people: usize,
    /// The worst finding about the group or anything below it.
    pub worst: Option<Severity>,
}

impl Folded {
    /// "25 teams · 190 people".
    pub fn summary(&self) -> String {
        use crate::words::plural;
        format!(
            "{} · {}",
            plural(self.teams, "team", "teams"),
            plural(self.people, "person", "people")
        )
    }
}

/// What each folded group of `scope` that has a card stands for.
pub fn folded_groups(
    org: &Org,
    scope: &layout::Scope,
    findings: &[Finding],
    shown: impl Fn(Node) -> bool,
) -> rustc_hash::FxHashMap<crate::model::GroupId, Folded> {
    let mut out = rustc_hash::FxHashMap::default();
    let folded: Vec<_> = scope
        .folded
        .iter()
        .copied()
        .filter(|g| shown(Node::Group(*g)))
        .collect();
    if folded.is_empty() {
        return out;
    }
    let mut worst: rustc_hash::FxHashMap<SubjectRef, Severity> = Default::default();
    for f in findings {
        let e = worst.entry(f.subject).or_insert(f.severity);
        *e = (*e).min(f.severity);
    }
    let s = org.structure();
    for g in folded {
        let teams = s.teams_below(g);
        let mut people = std::collections::BTreeSet::new();
        let mut w = worst.get(&SubjectRef::Group(g)).copied();
        let mut worse = |x: Option<&Severity>| {
            if let Some(x) = x {
                w = Some(w.map_or(*x, |w| w.min(*x)));
            }
        };
        for t in &teams {
            if let Some(team) = org.team(*t) {
                people.extend(team.people());
            }
            worse(worst.get(&SubjectRef::Team(*t)));
        }
        for c in s.groups_below(g) {
            worse(worst.get(&SubjectRef::Group(c)));
        }
        out.insert(
            g,
            Folded {
                teams: teams.len(),
                people: people.len(),
                worst: w,
            },
        );
    }
    out
}

/// The card of a folded group: what it holds instead of its member count, and the worst
/// finding below it.
pub fn fold_card(card: &Card, level: u32, f: &Folded) -> Card {
    Card {
        subtitle: format!("{} · {}", Structure::level_label(level), f.summary()),
        worst: f.worst,
        ..card.clone()
    }
}
