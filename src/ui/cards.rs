//! What a box on the canvas says and how it looks. The same drawing code serves the interactive
//! egui_graphs view and the cheap static painter used while the window is idle.

use egui::{
    Color32, CornerRadius, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};

use crate::diagram::{self, Card, CardKind, Health, Rgba, ellipsis};
use crate::layout::{self, Node, Route};
use crate::rules::Severity;

/// An egui colour of a diagram colour.
pub fn c32(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

/// An egui colour of an opaque diagram colour, in constants.
pub const fn c32_const(c: Rgba) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// Colour of a finding's severity.
pub fn severity_color(s: Severity) -> Color32 {
    c32(diagram::severity_color(s))
}

/// Colour of a team size's health.
pub fn health_color(h: Health) -> Color32 {
    c32(h.color())
}

/// Fill, border and title colours of a card.
fn palette(kind: CardKind, dark: bool) -> (Color32, Color32, Color32) {
    let c = diagram::colors(kind, dark);
    (c32(c.fill), c32(c.accent), c32(c.text))
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
        Shape::rect_filled(
            r,
            CornerRadius::same((size.y / 2.0) as u8),
            health_color(health),
        ),
        Shape::galley(r.min + inset, text, Color32::WHITE),
    ]
}

fn border(state: CardState, accent: Color32) -> Stroke {
    match (
        state.drop_target,
        state.selected,
        state.hovered || state.dragged,
    ) {
        (Some(true), _, _) => Stroke::new(3.0, c32(diagram::GREEN)),
        (Some(false), _, _) => Stroke::new(3.0, c32(diagram::RED)),
        (None, true, _) => Stroke::new(2.5, c32(diagram::SELECTION)),
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
    let r = |r: Rect| layout::Rect::new(r.left(), r.top(), r.width(), r.height());
    layout::link_points(r(from), r(to), route, zoom)
        .into_iter()
        .map(|(x, y)| pos2(x, y))
        .collect()
}

/// Link colour.
pub fn link_stroke(dark: bool) -> Stroke {
    Stroke::new(1.4, c32(diagram::link_color(dark)))
}
