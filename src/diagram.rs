//! What each box of an org diagram says and how it is coloured. The designer's canvas and every
//! image export (SVG, PNG, PDF) build their boxes from these cards and colours, so an export
//! looks like the app. No egui here: colours are plain [`Rgba`] values that the UI converts.

use std::sync::Arc;

use crate::diff::{Ghost, Marks, Tint};
use crate::layout::{self, Node};
use crate::model::{GroupId, Org, Structure, TeamCount, Unit};
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

// Compare mode: how the designer's canvas and the tinted exports draw a comparison's marks
// (`diff::Marks`) on a diagram: a tint per changed box, a line from each moved box to where it
// is in the other version, and dashed ghosts of units the open design does not have, placed
// beside the group they belong to.

/// Colour of a compare tint: added green, moved blue, changed amber, removed red; the dark
/// theme's are lighter so they read on dark cards.
pub fn tint_color(t: Tint, dark: bool) -> Rgba {
    match (t, dark) {
        (Tint::Added, false) => Rgba::rgb(26, 140, 56),
        (Tint::Added, true) => Rgba::rgb(74, 196, 96),
        (Tint::Moved, false) => Rgba::rgb(28, 110, 230),
        (Tint::Moved, true) => Rgba::rgb(96, 165, 255),
        (Tint::Changed, false) => Rgba::rgb(200, 130, 0),
        (Tint::Changed, true) => Rgba::rgb(240, 185, 60),
        (Tint::Removed, false) => Rgba::rgb(207, 34, 46),
        (Tint::Removed, true) => Rgba::rgb(250, 95, 90),
    }
}

/// Text on a pill of a tint's colour.
pub fn tint_ink(t: Tint, dark: bool) -> Rgba {
    match (t, dark) {
        (Tint::Changed, _) | (_, true) => Rgba::gray(20),
        _ => Rgba::WHITE,
    }
}

/// A card's fill washed with a tint's colour.
pub fn tinted_fill(fill: Rgba, t: Tint, dark: bool) -> Rgba {
    let c = tint_color(t, dark);
    let tinted = fill.lerp(c, if dark { 0.24 } else { 0.16 });
    Rgba {
        a: fill.a,
        ..tinted
    }
}

/// "added", "moved", "changed", "removed".
pub fn tint_word(t: Tint) -> &'static str {
    match t {
        Tint::Added => "added",
        Tint::Moved => "moved",
        Tint::Changed => "changed",
        Tint::Removed => "removed",
    }
}

/// "Added", "Moved", "Changed", "Removed" (the legend's words).
pub fn tint_title(t: Tint) -> &'static str {
    match t {
        Tint::Added => "Added",
        Tint::Moved => "Moved",
        Tint::Changed => "Changed",
        Tint::Removed => "Removed",
    }
}

/// The lines under a ghost's name: "Removed team", "not in this design".
pub fn ghost_lines(g: &Ghost) -> (String, &'static str) {
    let what = if g.is_team { "team" } else { "group" };
    (
        format!("{} {what}", tint_title(g.tint)),
        "not in this design",
    )
}

/// "3 changes inside": what a box says of the changed units it stands for.
pub fn inside_words(n: usize) -> String {
    format!("{} inside", crate::words::plural(n, "change", "changes"))
}

/// A ghost's accessible name: "Legacy, team (removed, not in this design)".
pub fn ghost_label(g: &Ghost) -> String {
    let what = if g.is_team { "team" } else { "group" };
    format!(
        "{}, {what} ({}, not in this design)",
        g.name,
        tint_word(g.tint)
    )
}

/// A line from a moved box to where the unit is in the other version.
#[derive(Clone, Debug, PartialEq)]
pub struct MoveLine {
    pub node: Node,
    /// Where the line leaves the moved box and where it ends (on the other place's box, or
    /// above the diagram for the top level), in layout units.
    pub from: (f32, f32),
    pub to: (f32, f32),
    /// The box it ends on; none: the top level.
    pub to_node: Option<Node>,
    /// The group the unit is in in the other version (of the open design); none: the top level
    /// or a group the open design lacks.
    pub place: Option<GroupId>,
    /// The name of the group it is in in the other version; none: the top level.
    pub parent: Option<String>,
}

/// A ghost placed on the diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedGhost {
    pub rect: layout::Rect,
    pub ghost: Ghost,
    /// The box it stands beside; none: along the top.
    pub beside: Option<Node>,
}

/// One entry of a compare legend: the kind, how many units, and whether it is drawn dashed
/// (ghosts, or boxes the other version lacks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TintCount {
    pub tint: Tint,
    pub count: usize,
    pub dashed: bool,
}

impl TintCount {
    /// "Added 2".
    pub fn label(&self) -> String {
        format!("{} {}", tint_title(self.tint), self.count)
    }
}

/// A comparison's marks placed on one layout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlacedMarks {
    /// The tint of each box of the layout that has one.
    pub tints: rustc_hash::FxHashMap<Node, Tint>,
    /// How many tinted units each box stands for that the layout does not show (folded away,
    /// or teams left out of a groups-only overview): counted on the nearest box shown above.
    pub inside: rustc_hash::FxHashMap<Node, usize>,
    pub moves: Vec<MoveLine>,
    pub ghosts: Vec<PlacedGhost>,
    /// Where a line to the top level ends, when there is one.
    pub top: Option<(f32, f32)>,
    /// The kinds present, in legend order, with their counts.
    pub legend: Vec<TintCount>,
    /// The layout's bounds grown by the ghosts and line ends.
    pub bounds: layout::Rect,
}

/// Room left between a ghost and the boxes around it.
const GHOST_GAP: f32 = 14.0;
/// How far above the diagram a line to the top level ends.
const TOP_GAP: f32 = 26.0;

/// Where a box's outline meets the line from its centre towards `to`.
fn edge_toward(r: layout::Rect, to: (f32, f32)) -> (f32, f32) {
    let (cx, cy) = r.center();
    let (dx, dy) = (to.0 - cx, to.1 - cy);
    if dx.abs() < f32::EPSILON && dy.abs() < f32::EPSILON {
        return (cx, cy);
    }
    let tx = if dx.abs() > f32::EPSILON {
        (r.w / 2.0) / dx.abs()
    } else {
        f32::INFINITY
    };
    let ty = if dy.abs() > f32::EPSILON {
        (r.h / 2.0) / dy.abs()
    } else {
        f32::INFINITY
    };
    let t = tx.min(ty).min(1.0);
    (cx + dx * t, cy + dy * t)
}

/// Rects already taken on the diagram, in a coarse grid so that placing a ghost does not look
/// at every box of a large org.
struct Taken {
    cells: rustc_hash::FxHashMap<(i32, i32), Vec<layout::Rect>>,
}

impl Taken {
    const CELL: f32 = 400.0;

    fn span(r: &layout::Rect) -> impl Iterator<Item = (i32, i32)> {
        let c = |v: f32| (v / Self::CELL).floor() as i32;
        let (x0, x1, y0, y1) = (c(r.x), c(r.right()), c(r.y), c(r.bottom()));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn add(&mut self, r: layout::Rect) {
        for k in Self::span(&r) {
            self.cells.entry(k).or_default().push(r);
        }
    }

    fn free(&self, r: &layout::Rect) -> bool {
        let grown = layout::Rect::new(
            r.x - GHOST_GAP / 2.0,
            r.y - GHOST_GAP / 2.0,
            r.w + GHOST_GAP,
            r.h + GHOST_GAP,
        );
        Self::span(&grown).all(|k| {
            self.cells
                .get(&k)
                .is_none_or(|v| v.iter().all(|o| !o.intersects(&grown)))
        })
    }
}

/// Place a comparison's marks on a layout of the open design `org` (`s` its structure): the
/// tints of the boxes shown, lines from moved boxes to their place in the other version (the
/// nearest box shown of it), and ghosts beside the box of the group they belong to (the
/// nearest shown), clear of the boxes, or in a row above the diagram.
pub fn place_marks(
    org: &Org,
    s: &Structure,
    layout: &layout::Layout,
    marks: &Marks,
) -> PlacedMarks {
    let shown = |g: GroupId| -> Option<Node> {
        std::iter::once(g)
            .chain(org.ancestors(Unit::Group(g)))
            .map(Node::Group)
            .find(|n| layout.rect(*n).is_some())
    };
    let tints: rustc_hash::FxHashMap<Node, Tint> = marks
        .tints
        .iter()
        .map(|(u, t)| (Node::from(*u), *t))
        .filter(|(n, _)| layout.rect(*n).is_some())
        .collect();
    let mut inside: rustc_hash::FxHashMap<Node, usize> = Default::default();
    for u in marks.tints.keys() {
        if layout.rect(Node::from(*u)).is_none()
            && let Some(n) = org
                .ancestors(*u)
                .into_iter()
                .map(Node::Group)
                .find(|n| layout.rect(*n).is_some())
        {
            *inside.entry(n).or_default() += 1;
        }
    }
    let b = layout.bounds;
    let top_point = (b.x + b.w / 2.0, b.y - TOP_GAP);

    // Ghosts, the size of the boxes they stand for.
    let first_box = |team: bool, default: (f32, f32)| {
        layout
            .boxes
            .iter()
            .zip(&layout.shapes)
            .find(|((n, _), shape)| {
                **shape == layout::Shape::Box && matches!(n, Node::Team(_)) == team
            })
            .map_or(default, |((_, r), _)| (r.w, r.h))
    };
    let sizes = if marks.ghosts.is_empty() {
        ((0.0, 0.0), (0.0, 0.0))
    } else {
        (
            first_box(true, (190.0, 60.0)),
            first_box(false, (210.0, 60.0)),
        )
    };
    let size_of = |team: bool| if team { sizes.0 } else { sizes.1 };
    let mut ghosts: Vec<PlacedGhost> = Vec::new();
    if !marks.ghosts.is_empty() {
        let mut taken = Taken {
            cells: Default::default(),
        };
        for (_, r) in &layout.boxes {
            taken.add(*r);
        }
        let mut row: Option<(f32, f32)> = None;
        let mut row_h = 0.0f32;
        let row_y0 = b.y - TOP_GAP - GHOST_GAP;
        for g in &marks.ghosts {
            let (w, h) = size_of(g.is_team);
            let beside = g.near.and_then(shown);
            let mut at = None;
            if let Some(n) = beside
                && let Some(gr) = layout.rect(n)
            {
                let mut candidates: Vec<(f32, f32)> = Vec::new();
                if g.is_team
                    && layout.style == layout::Style::Tree
                    && let Node::Group(gid) = n
                {
                    // At the foot of the group's column of teams, where it would stand.
                    let column: Vec<layout::Rect> = s
                        .child_teams(gid)
                        .filter_map(|t| layout.rect(Node::Team(t)))
                        .collect();
                    let x = column.first().map_or(gr.x + 24.0, |r| r.x);
                    let y = column
                        .iter()
                        .map(|r| r.bottom())
                        .fold(gr.bottom(), f32::max);
                    for k in 0..4 {
                        candidates.push((x, y + GHOST_GAP + k as f32 * (h + GHOST_GAP)));
                    }
                }
                // Beside the box, then at its corners, above and below it, then a step
                // further out.
                for ring in [1.0, 2.5] {
                    let gap = GHOST_GAP * ring;
                    let (right, left) = (gr.right() + gap, gr.x - gap - w);
                    let (above, below) = (gr.y - gap - h, gr.bottom() + gap);
                    candidates.extend([
                        (right, gr.y),
                        (left, gr.y),
                        (right, above),
                        (right, below),
                        (left, above),
                        (left, below),
                        (gr.x, above),
                        (gr.x, below),
                        (right, gr.y + h + gap),
                        (left, gr.y + h + gap),
                    ]);
                }
                at = candidates
                    .into_iter()
                    .map(|(x, y)| layout::Rect::new(x, y, w, h))
                    .find(|r| taken.free(r));
            }
            let rect = match at {
                Some(r) => r,
                None => {
                    // Along the top, in rows as wide as the diagram, going up.
                    let (mut x, mut y) = row.unwrap_or((b.x, row_y0));
                    if x > b.x && x + w > b.right().max(b.x + w) {
                        x = b.x;
                        y -= row_h + GHOST_GAP;
                        row_h = 0.0;
                    }
                    row_h = row_h.max(h);
                    row = Some((x + w + GHOST_GAP, y));
                    layout::Rect::new(x, y - h, w, h)
                }
            };
            taken.add(rect);
            ghosts.push(PlacedGhost {
                rect,
                ghost: g.clone(),
                beside: if at.is_some() { beside } else { None },
            });
        }
    }

    // Lines from moved units to where they are on the other side: a box of the open design, the
    // ghost of a group it lacks, or the top level.
    let mut top = None;
    let mut moves = Vec::new();
    for m in &marks.moved {
        let node = Node::from(m.unit);
        let Some(r) = layout.rect(node) else {
            continue; // Folded away: the folded group's card stands for it.
        };
        let to_node = m.place.and_then(shown).filter(|n| *n != node);
        let ghost_parent = match (&m.place, &m.parent) {
            (None, Some(name)) => ghosts
                .iter()
                .find(|g| !g.ghost.is_team && g.ghost.name == *name)
                .map(|g| g.rect),
            _ => None,
        };
        let (from, to) = match to_node.and_then(|n| layout.rect(n)).or(ghost_parent) {
            Some(t) => (edge_toward(r, t.center()), edge_toward(t, r.center())),
            None => {
                top = Some(top_point);
                (edge_toward(r, top_point), top_point)
            }
        };
        moves.push(MoveLine {
            node,
            from,
            to,
            to_node,
            place: m.place,
            parent: m.parent.clone(),
        });
    }

    let mut counts = [0usize; 4];
    let mut dashed = [false; 4];
    let slot = |t: Tint| match t {
        Tint::Added => 0,
        Tint::Moved => 1,
        Tint::Changed => 2,
        Tint::Removed => 3,
    };
    for t in marks.tints.values() {
        counts[slot(*t)] += 1;
        dashed[slot(*t)] |= *t == Tint::Removed;
    }
    for g in &marks.ghosts {
        counts[slot(g.tint)] += 1;
        dashed[slot(g.tint)] = true;
    }
    let legend = [Tint::Added, Tint::Moved, Tint::Changed, Tint::Removed]
        .into_iter()
        .filter(|t| counts[slot(*t)] > 0)
        .map(|t| TintCount {
            tint: t,
            count: counts[slot(t)],
            dashed: dashed[slot(t)],
        })
        .collect();
    let mut bounds = b;
    for g in &ghosts {
        bounds = bounds.union(&g.rect);
    }
    if let Some((x, y)) = top {
        bounds = bounds.union(&layout::Rect::new(x - 4.0, y - 4.0, 8.0, 8.0));
    }
    PlacedMarks {
        tints,
        inside,
        moves,
        ghosts,
        top,
        legend,
        bounds,
    }
}
