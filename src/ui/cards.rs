//! What a box on the canvas says and how it looks. The same drawing code serves the interactive
//! egui_graphs view and the cheap static painter used while the window is idle.

use egui::{
    Color32, CornerRadius, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};

use crate::diagram::{self, Card, CardKind, Health, Rgba};
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

/// Size of a card's detail text at 100 %: egui's body text size.
pub const SMALL_TEXT: f32 = 12.5;

/// Interaction state of a card for drawing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CardState {
    pub selected: bool,
    pub hovered: bool,
    pub dragged: bool,
    /// This card is the target under a dragged card: `Some(true)` accepts the drop.
    pub drop_target: Option<bool>,
    /// A folded group: drawn as a pile of cards.
    pub folded: bool,
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
    if state.folded {
        // A pile: two cards peeking out behind, down and to the right.
        for i in [2.0, 1.0] {
            let behind = rect.translate(vec2(5.0, 5.0) * i * zoom.clamp(0.3, 1.5));
            out.push(Shape::rect_filled(behind, radius, fill));
            out.push(Shape::rect_stroke(
                behind,
                radius,
                Stroke::new(1.0, accent.gamma_multiply(0.8)),
                StrokeKind::Inside,
            ));
        }
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
    // Detail text at egui's body size (12.5 points at 100 %), in strong contrast; the rows are
    // set a little tighter than the font's own line height so three of them fit a group card.
    let small = FontId::proportional(SMALL_TEXT * zoom);
    let step = SMALL_TEXT * 1.1 * zoom;
    let muted = text.gamma_multiply(0.85);
    let sub = painter.layout_no_wrap(card.subtitle.clone(), small.clone(), muted);
    out.push(Shape::galley(pos2(left, y), sub, muted));
    y += step + 1.0 * zoom;
    for l in &card.lines {
        let color = if l.missing {
            severity_color(Severity::Error)
        } else {
            text
        };
        let g = painter.layout_no_wrap(l.text.clone(), small.clone(), color);
        out.push(Shape::galley(pos2(left, y), g, color));
        y += step;
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
            out.push(Shape::convex_polygon(pentagon(c, r), fill, stroke));
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
    out.extend(round_label(painter, card, c, r, zoom, outline, color));
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

/// Below this zoom a fractal shape's text is laid out as at this zoom, so names are shortened
/// rather than drawn too small to read; from it on, they show whole, as in the exports.
pub const ROUND_TEXT_ZOOM: f32 = 0.5;

/// From this zoom on, a group circle lists its SoSM and CPO (as tree cards show their roles).
pub const ROUND_ROLES_ZOOM: f32 = 0.55;

/// The name, detail lines and headcount badge inside a team pentagon or group circle of screen
/// radius `r` centred at `c`, laid out by [`layout::fit_label`] with the bundled font's metrics
/// (the font egui draws with), so the canvas breaks and shrinks names as the exports do.
fn round_label(
    painter: &Painter,
    card: &Card,
    c: Pos2,
    r: f32,
    zoom: f32,
    outline: layout::Shape,
    color: Color32,
) -> Vec<Shape> {
    let mut details: Vec<(&str, bool)> = Vec::new();
    if matches!(card.kind, CardKind::Group { .. }) {
        details.push((card.subtitle.as_str(), false));
        if zoom >= ROUND_ROLES_ZOOM {
            details.extend(card.lines.iter().map(|l| (l.text.as_str(), l.missing)));
        }
    }
    let key: LabelKey = (
        outline == layout::Shape::Pentagon,
        &card.name,
        &details,
        card.badge.as_ref().map(|(b, _)| b.as_str()),
        r.to_bits(),
        zoom.max(ROUND_TEXT_ZOOM).to_bits(),
    );
    // Fitted once and reused while the view stands still (egui drops what a frame did not use).
    let lines = painter.ctx().memory_mut(|mem| {
        mem.caches
            .cache::<egui::cache::FrameCache<std::sync::Arc<Vec<layout::LabelLine>>, LabelFitter>>()
            .get(key)
            .clone()
    });
    let mut out = Vec::with_capacity(lines.len() * 2);
    for l in lines.iter().cloned() {
        let top = c.y + l.top;
        let pill = match l.part {
            layout::LabelPart::Badge => card.badge.as_ref().map(|(_, h)| health_color(*h)),
            _ if l.pill => Some(severity_color(Severity::Error)),
            _ => None,
        };
        let ink = if pill.is_some() {
            Color32::WHITE
        } else {
            color
        };
        let g = painter.layout_no_wrap(l.text, FontId::proportional(l.size), ink);
        let gw = g.size().x;
        if let Some(fill) = pill {
            let w = layout::pill_width(gw, l.size);
            out.push(Shape::rect_filled(
                Rect::from_min_size(pos2(c.x - w / 2.0, top), vec2(w, l.height)),
                CornerRadius::same((l.height / 2.0).min(255.0) as u8),
                fill,
            ));
            out.push(Shape::galley(
                pos2(c.x - gw / 2.0, top + l.size * layout::PILL_INSET),
                g,
                ink,
            ));
        } else {
            out.push(Shape::galley(pos2(c.x - gw / 2.0, top), g, ink));
        }
    }
    out
}

/// What a fractal label is fitted from: pentagon (or circle), name, detail lines, badge, the
/// screen radius and the text scale (as bits, to hash).
type LabelKey<'a> = (
    bool,
    &'a str,
    &'a [(&'a str, bool)],
    Option<&'a str>,
    u32,
    u32,
);

/// Fits fractal labels for egui's frame cache.
#[derive(Default)]
struct LabelFitter;

impl egui::cache::ComputerMut<LabelKey<'_>, std::sync::Arc<Vec<layout::LabelLine>>>
    for LabelFitter
{
    fn compute(
        &mut self,
        (pentagon, name, details, badge, r, scale): LabelKey<'_>,
    ) -> std::sync::Arc<Vec<layout::LabelLine>> {
        let m = crate::export::font::metrics();
        let advance = |c: char| m.width(c.encode_utf8(&mut [0; 4]), 1.0);
        let shape = if pentagon {
            layout::Shape::Pentagon
        } else {
            layout::Shape::Circle
        };
        let text = layout::LabelText {
            name,
            details,
            badge,
        };
        std::sync::Arc::new(layout::fit_label(
            shape,
            f32::from_bits(r),
            f32::from_bits(scale),
            &text,
            &advance,
            m.line_height,
        ))
    }
}

/// The corners of a regular pentagon around `c`, point up (a team in the fractal pictures).
pub fn pentagon(c: Pos2, r: f32) -> Vec<Pos2> {
    (0..5)
        .map(|i| {
            let a = -std::f32::consts::FRAC_PI_2 + i as f32 * 2.0 * std::f32::consts::PI / 5.0;
            c + vec2(a.cos(), a.sin()) * r
        })
        .collect()
}
