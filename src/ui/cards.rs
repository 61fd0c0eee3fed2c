//! What a box on the canvas says and how it looks. The same drawing code serves the interactive
//! egui_graphs view and the cheap static painter used while the window is idle.

use std::sync::Arc;

use egui::{
    Color32, CornerRadius, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};

use crate::layout::{self, Node, Route};
use crate::model::{Org, Structure, TeamCount};
use crate::rules::{Finding, Severity, SubjectRef, Thresholds};

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
    pub fn color(self) -> Color32 {
        match self {
            Health::Good => Color32::from_rgb(46, 160, 67),
            Health::Edge => Color32::from_rgb(214, 150, 20),
            Health::Bad => Color32::from_rgb(207, 34, 46),
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
    pub title: String,
    pub subtitle: String,
    pub lines: Vec<CardLine>,
    /// Headcount badge of a team.
    pub badge: Option<(String, Health)>,
    /// Worst finding about this unit, if any.
    pub worst: Option<Severity>,
}

/// Interaction state of a card for drawing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CardState {
    pub selected: bool,
    pub hovered: bool,
    pub dragged: bool,
    /// This card is the target under a dragged card: `Some(true)` accepts the drop.
    pub drop_target: Option<bool>,
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
                    let unit = match t.team_count {
                        TeamCount::Whole => "people",
                        TeamCount::Doers => "devs",
                    };
                    let po = team.product_owners.iter().next().copied();
                    let sm = team.scrum_masters.iter().next().copied();
                    Card {
                        kind: CardKind::Team {
                            virtual_team: !team.is_real(),
                        },
                        title: ellipsis(team.name.clone(), 20),
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

/// Fill, border and title colours of a card.
fn palette(kind: CardKind, dark: bool) -> (Color32, Color32, Color32) {
    let (fill, accent) = match kind {
        CardKind::Team {
            virtual_team: false,
        } => (
            if dark {
                Color32::from_rgb(40, 44, 52)
            } else {
                Color32::WHITE
            },
            Color32::from_rgb(96, 110, 130),
        ),
        CardKind::Team { virtual_team: true } => (
            if dark {
                Color32::from_rgb(44, 40, 52)
            } else {
                Color32::from_rgb(248, 246, 252)
            },
            Color32::from_rgb(140, 110, 180),
        ),
        CardKind::Group { level } => {
            let accent = match level {
                1 => Color32::from_rgb(37, 99, 200),
                2 => Color32::from_rgb(124, 58, 190),
                _ => Color32::from_rgb(13, 128, 128),
            };
            (
                if dark {
                    accent.gamma_multiply(0.35)
                } else {
                    Color32::from_rgb(235, 242, 252).lerp_to_gamma(accent, 0.08)
                },
                accent,
            )
        }
        CardKind::Eat => (
            if dark {
                Color32::from_rgb(30, 41, 59)
            } else {
                Color32::from_rgb(226, 232, 240)
            },
            Color32::from_rgb(30, 41, 59),
        ),
        CardKind::Ems => (
            if dark {
                Color32::from_rgb(69, 46, 12)
            } else {
                Color32::from_rgb(254, 243, 199)
            },
            Color32::from_rgb(180, 83, 9),
        ),
    };
    let text = if dark {
        Color32::from_gray(235)
    } else {
        Color32::from_gray(25)
    };
    (fill, accent, text)
}

pub fn severity_color(s: Severity) -> Color32 {
    match s {
        Severity::Error => Color32::from_rgb(207, 34, 46),
        Severity::Warning => Color32::from_rgb(214, 150, 20),
        Severity::Info => Color32::from_rgb(56, 132, 255),
    }
}

/// Shapes of one card at a screen rect. `zoom` picks the level of detail: far-away cards are a
/// plain coloured box, mid-range ones show the title, close ones everything.
pub fn card_shapes(
    painter: &Painter,
    card: &Card,
    rect: Rect,
    zoom: f32,
    state: CardState,
    outline: layout::Shape,
) -> Vec<Shape> {
    let dark = painter.ctx().theme() == egui::Theme::Dark;
    let (fill, accent, text) = palette(card.kind, dark);
    if outline != layout::Shape::Box {
        return round_shapes(
            painter,
            card,
            rect,
            zoom,
            state,
            outline,
            (fill, accent, text),
        );
    }
    let mut out = Vec::with_capacity(8);
    if rect.width() < 24.0 {
        let color = match card.worst {
            Some(Severity::Error) => severity_color(Severity::Error),
            _ => accent,
        };
        out.push(Shape::rect_filled(rect, CornerRadius::ZERO, color));
        return out;
    }
    let radius = CornerRadius::same((6.0 * zoom).clamp(1.0, 10.0) as u8);
    let border = border(state, accent);
    if state.dragged {
        out.push(Shape::rect_filled(
            rect.translate(vec2(4.0, 5.0)),
            radius,
            Color32::from_black_alpha(50),
        ));
    }
    out.push(Shape::rect_filled(rect, radius, fill));
    // Accent bar on the left edge.
    let bar = Rect::from_min_size(rect.min, vec2((5.0 * zoom).clamp(2.0, 6.0), rect.height()));
    out.push(Shape::rect_filled(
        bar,
        CornerRadius {
            nw: radius.nw,
            sw: radius.sw,
            ne: 0,
            se: 0,
        },
        accent,
    ));
    if matches!(card.kind, CardKind::Team { virtual_team: true }) {
        out.extend(Shape::dashed_line(
            &[
                rect.left_top(),
                rect.right_top(),
                rect.right_bottom(),
                rect.left_bottom(),
                rect.left_top(),
            ],
            border,
            6.0,
            4.0,
        ));
    } else {
        out.push(Shape::rect_stroke(rect, radius, border, StrokeKind::Inside));
    }
    let pad = 10.0 * zoom;
    let title_size = 14.0 * zoom;
    if title_size < 5.0 {
        return out;
    }
    let left = rect.left() + pad + 2.0 * zoom;
    let mut y = rect.top() + pad * 0.8;
    let title = painter.layout_no_wrap(card.title.clone(), FontId::proportional(title_size), text);
    if let Some((label, health)) = &card.badge {
        let g = painter.layout_no_wrap(
            label.clone(),
            FontId::proportional(11.0 * zoom),
            Color32::WHITE,
        );
        let size = g.size() + vec2(10.0 * zoom, 4.0 * zoom);
        let at = pos2(rect.right() - pad - size.x, rect.top() + pad * 0.7);
        out.extend(badge(g, *health, at, size, vec2(5.0 * zoom, 2.0 * zoom)));
    }
    let title_h = title.size().y;
    out.push(Shape::galley(pos2(left, y), title, text));
    y += title_h + 1.0 * zoom;
    if zoom < 0.55 {
        return out;
    }
    let small = FontId::proportional(11.5 * zoom);
    let muted = text.gamma_multiply(0.65);
    let sub = painter.layout_no_wrap(card.subtitle.clone(), small.clone(), muted);
    let sub_h = sub.size().y;
    out.push(Shape::galley(pos2(left, y), sub, muted));
    y += sub_h + 2.0 * zoom;
    for l in &card.lines {
        let color = if l.missing {
            severity_color(Severity::Error)
        } else {
            text
        };
        let g = painter.layout_no_wrap(l.text.clone(), small.clone(), color);
        let h = g.size().y;
        out.push(Shape::galley(pos2(left, y), g, color));
        y += h;
    }
    if let Some(sev) = card.worst {
        let c = pos2(rect.right() - 9.0 * zoom, rect.bottom() - 9.0 * zoom);
        out.push(Shape::circle_filled(c, 5.0 * zoom, severity_color(sev)));
    }
    out
}

/// A pill with a team's headcount, coloured by its health, at `at` (top left).
fn badge(
    text: std::sync::Arc<egui::Galley>,
    health: Health,
    at: Pos2,
    size: Vec2,
    inset: Vec2,
) -> [Shape; 2] {
    let r = Rect::from_min_size(at, size);
    [
        Shape::rect_filled(r, CornerRadius::same((size.y / 2.0) as u8), health.color()),
        Shape::galley(r.min + inset, text, Color32::WHITE),
    ]
}

fn border(state: CardState, accent: Color32) -> Stroke {
    match (
        state.drop_target,
        state.selected,
        state.hovered || state.dragged,
    ) {
        (Some(true), _, _) => Stroke::new(3.0, Color32::from_rgb(46, 160, 67)),
        (Some(false), _, _) => Stroke::new(3.0, Color32::from_rgb(207, 34, 46)),
        (None, true, _) => Stroke::new(2.5, Color32::from_rgb(255, 160, 0)),
        (None, false, true) => Stroke::new(1.8, accent),
        _ => Stroke::new(1.0, accent.gamma_multiply(0.7)),
    }
}

/// A team pentagon or a group circle of the fractal layout: outline, name and badge.
fn round_shapes(
    painter: &Painter,
    card: &Card,
    rect: Rect,
    zoom: f32,
    state: CardState,
    outline: layout::Shape,
    (fill, accent, text): (Color32, Color32, Color32),
) -> Vec<Shape> {
    let c = rect.center();
    let r = rect.width() / 2.0;
    let mut out = Vec::with_capacity(5);
    let stroke = border(state, accent);
    let fill = if matches!(card.kind, CardKind::Group { .. }) {
        accent.gamma_multiply(0.85)
    } else {
        fill
    };
    match outline {
        layout::Shape::Pentagon => {
            let points: Vec<Pos2> = (0..5)
                .map(|i| {
                    let a =
                        -std::f32::consts::FRAC_PI_2 + i as f32 * 2.0 * std::f32::consts::PI / 5.0;
                    c + vec2(a.cos(), a.sin()) * r
                })
                .collect();
            out.push(Shape::convex_polygon(points, fill, stroke));
        }
        _ => {
            out.push(Shape::circle_filled(c, r, fill));
            out.push(Shape::circle_stroke(c, r, stroke));
        }
    }
    if r < 14.0 {
        return out;
    }
    let on_accent = matches!(card.kind, CardKind::Group { .. });
    let color = if on_accent { Color32::WHITE } else { text };
    let title = painter.layout_no_wrap(
        ellipsis(card.title.clone(), 14),
        FontId::proportional((13.0 * zoom).max(6.0)),
        color,
    );
    let tsize = title.size();
    out.push(Shape::galley(
        c - vec2(tsize.x / 2.0, tsize.y * 0.9),
        title,
        color,
    ));
    if let Some((label, health)) = &card.badge {
        let g = painter.layout_no_wrap(
            label.clone(),
            FontId::proportional((10.5 * zoom).max(5.0)),
            Color32::WHITE,
        );
        let size = g.size() + vec2(8.0 * zoom, 3.0 * zoom);
        let at = c + vec2(-size.x / 2.0, 2.0 * zoom);
        out.extend(badge(g, *health, at, size, vec2(4.0 * zoom, 1.5 * zoom)));
    } else if on_accent {
        let sub = painter.layout_no_wrap(
            card.subtitle.clone(),
            FontId::proportional((10.5 * zoom).max(5.0)),
            color,
        );
        let s = sub.size();
        out.push(Shape::galley(c + vec2(-s.x / 2.0, 2.0 * zoom), sub, color));
    }
    if let Some(sev) = card.worst {
        out.push(Shape::circle_filled(
            c + vec2(0.0, r * 0.62),
            4.5 * zoom,
            severity_color(sev),
        ));
    }
    out
}

/// Below this on-screen width a team card is not drawn; its column is drawn as one block.
pub const FAR_CARD_PX: f32 = 3.0;

/// Whether a team card at this screen rect is too small to draw on its own.
pub fn far_card(screen: Rect) -> bool {
    screen.width() < FAR_CARD_PX
}

/// Whether the view is zoomed out so far that team cards are drawn as column blocks.
pub fn is_far(zoom: f32, layout: &layout::Layout) -> bool {
    let team_w = layout
        .boxes
        .iter()
        .find(|(n, _)| matches!(n, Node::Team(_)))
        .map_or(200.0, |(_, r)| r.w);
    team_w * zoom < FAR_CARD_PX
}

/// Screen rect of a canvas rect under a zoom and pan.
pub fn to_screen(r: layout::Rect, zoom: f32, pan: Vec2) -> Rect {
    Rect::from_min_size(
        pos2(r.x * zoom + pan.x, r.y * zoom + pan.y),
        vec2(r.w * zoom, r.h * zoom),
    )
}

/// Points of a link from a parent box to a child box, in screen space.
pub fn link_points(from: Rect, to: Rect, route: Route, zoom: f32) -> Vec<Pos2> {
    match route {
        Route::Straight => vec![from.center(), to.center()],
        Route::Elbow => {
            let a = from.center_bottom();
            let b = to.center_top();
            let mid = (a.y + b.y) / 2.0;
            vec![a, pos2(a.x, mid), pos2(b.x, mid), b]
        }
        Route::Spine => {
            // The spine runs just left of the team column, but never outside the parent card
            // (max/min rather than clamp: a card far away can be narrower than the margins).
            let inset = (4.0f32).min(from.width() / 2.0);
            let spine_x = (to.left() - 12.0 * zoom)
                .max(from.left() + inset)
                .min(from.right() - inset);
            let a = pos2(spine_x, from.bottom());
            vec![a, pos2(a.x, to.center().y), to.left_center()]
        }
    }
}

/// Link colour.
pub fn link_stroke(dark: bool) -> Stroke {
    Stroke::new(
        1.4,
        if dark {
            Color32::from_gray(110)
        } else {
            Color32::from_gray(150)
        },
    )
}
