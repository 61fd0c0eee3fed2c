//! Compare mode on the canvas: the comparison's marks (`diff::Marks`, set by the app each
//! frame) drawn over the design. Tinted cards (added green, moved blue, changed amber, removed
//! red and dashed), a faint line from each moved card to where the unit is in the other
//! version, dashed ghosts of units the design does not have, and a legend in the bottom-left
//! corner. What is derived from the marks (`diagram::place_marks` and the words of each card's
//! accessible name) is built once per marks and canvas build, never per frame; without marks
//! nothing of it is drawn.

use std::sync::Arc;

use egui::{
    Color32, CornerRadius, FontId, Id, Painter, Rect, Sense, Shape, Stroke, StrokeKind, Ui,
    WidgetType, pos2, vec2,
};
use rustc_hash::FxHashMap as HashMap;

use super::super::a11y::name_widget;
use super::super::cards;
use super::super::document::Document;
use super::Canvas;
use crate::diagram::{self, Card, CardKind, PlacedMarks, TintCount};
use crate::diff::{Marks, Tint};
use crate::layout::{self, Node};

/// What the canvas draws for one comparison's marks on one build of its cards.
pub(super) struct CompareLook {
    marks: Arc<Marks>,
    /// The marks' revision and the canvas build they were placed on.
    key: (u64, u64),
    pub placed: PlacedMarks,
    /// The change of each tinted card in words, for its accessible name: "added", "moved; in
    /// Fulfilment in the other version".
    words: HashMap<Node, String>,
    /// The legend's accessible name.
    legend_label: String,
}

impl CompareLook {
    fn build(doc: &Document, marks: Arc<Marks>, key: (u64, u64)) -> Self {
        let org = doc.org();
        let placed = diagram::place_marks(org, doc.structure(), doc.layout(), &marks);
        let places: HashMap<Node, Option<&str>> = placed
            .moves
            .iter()
            .map(|l| (l.node, l.parent.as_deref()))
            .collect();
        let mut words: HashMap<Node, String> = placed
            .tints
            .iter()
            .map(|(node, t)| {
                let w = match t {
                    Tint::Moved => match places.get(node).copied().flatten() {
                        Some(g) => format!("moved; in {g} in the other version"),
                        None => "moved; at the top level in the other version".to_string(),
                    },
                    Tint::Removed => "removed; not in the other version".to_string(),
                    t => diagram::tint_word(*t).to_string(),
                };
                (*node, w)
            })
            .collect();
        for (node, n) in &placed.inside {
            let inside = diagram::inside_words(*n);
            words
                .entry(*node)
                .and_modify(|w| *w = format!("{w}; {inside}"))
                .or_insert(inside);
        }
        let legend_label = if placed.legend.is_empty() {
            "Compare legend: no differences from the other version".to_string()
        } else {
            let mut parts: Vec<String> = placed.legend.iter().map(TintCount::label).collect();
            if !placed.moves.is_empty() {
                parts.push("lines lead to where moved units are in the other version".into());
            }
            format!("Compare legend: {}", parts.join(", "))
        };
        CompareLook {
            marks,
            key,
            placed,
            words,
            legend_label,
        }
    }

    /// What compare mode marks on a card.
    pub fn mark(&self, node: Node) -> Option<CardMark> {
        let tint = self.placed.tints.get(&node).copied();
        let inside = self.placed.inside.get(&node).copied().unwrap_or(0);
        (tint.is_some() || inside > 0).then_some(CardMark { tint, inside })
    }
}

/// What compare mode marks on one card: its own tint, and how many changed units it stands for
/// that the canvas does not show (folded into it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CardMark {
    pub tint: Option<Tint>,
    pub inside: usize,
}

/// Room the legend takes at the bottom of the canvas, which "fit" leaves free.
pub(super) const LEGEND_ROOM: f32 = 36.0;

/// A tint's colour in the theme.
fn color(t: Tint, dark: bool) -> Color32 {
    cards::c32(diagram::tint_color(t, dark))
}

/// Mark a card's shapes. A tint washes its fill with the tint's colour and rings the card in it
/// (dashed for a unit the other version lacks), with a pill naming it at the card's top edge; a
/// folded card that hides changed units gets a grey pill counting them.
#[allow(clippy::too_many_arguments)]
pub(super) fn mark_card(
    painter: &Painter,
    shapes: &mut Vec<Shape>,
    card: &Card,
    screen: Rect,
    zoom: f32,
    mark: CardMark,
    outline: layout::Shape,
    dark: bool,
) {
    let box_like = outline == layout::Shape::Box;
    if box_like && screen.width() < 24.0 {
        if let Some(t) = mark.tint {
            // A far-away card is a plain block: in the tint's colour.
            *shapes = vec![Shape::rect_filled(
                screen,
                CornerRadius::ZERO,
                color(t, dark),
            )];
        }
        return;
    }
    let grow = (2.5 * zoom).clamp(1.0, 3.0);
    let top = if box_like {
        screen.top() - grow
    } else {
        screen.center().y - screen.width() / 2.0 - grow - 1.0
    };
    if let Some(t) = mark.tint {
        tint_shapes(shapes, card, screen, zoom, t, outline, dark);
    }
    if zoom < 0.55 {
        return;
    }
    // Pills along the top edge, from the right (centred on a round shape).
    let size = 9.5 * zoom;
    let mut pills: Vec<(String, Color32, Color32)> = Vec::new();
    if let Some(t) = mark.tint {
        let word = diagram::tint_word(t).to_string();
        pills.push((word, color(t, dark), cards::c32(diagram::tint_ink(t, dark))));
    }
    if mark.inside > 0 {
        let (fill, ink) = if dark {
            (Color32::from_gray(170), Color32::from_gray(20))
        } else {
            (Color32::from_gray(90), Color32::WHITE)
        };
        pills.push((diagram::inside_words(mark.inside), fill, ink));
    }
    let galleys: Vec<_> = pills
        .into_iter()
        .map(|(text, fill, ink)| {
            let g = painter.layout_no_wrap(text, FontId::proportional(size), ink);
            (g, fill, ink)
        })
        .collect();
    let gap = 4.0 * zoom;
    let widths: Vec<f32> = galleys.iter().map(|(g, ..)| g.size().x + size).collect();
    let total = widths.iter().sum::<f32>() + gap * (widths.len().saturating_sub(1)) as f32;
    let mut right = if box_like {
        screen.right() - 10.0 * zoom
    } else {
        screen.center().x + total / 2.0
    };
    for ((g, fill, ink), w) in galleys.into_iter().zip(widths) {
        let h = g.size().y + 2.0 * zoom;
        let r = Rect::from_min_size(pos2(right - w, top - h / 2.0), vec2(w, h));
        shapes.push(Shape::rect_filled(
            r,
            CornerRadius::same((h / 2.0) as u8),
            fill,
        ));
        shapes.push(Shape::galley(
            pos2(r.left() + size / 2.0, r.top() + zoom),
            g,
            ink,
        ));
        right -= w + gap;
    }
}

/// A card's fill washed with a tint and a ring of it around the card.
fn tint_shapes(
    shapes: &mut Vec<Shape>,
    card: &Card,
    screen: Rect,
    zoom: f32,
    tint: Tint,
    outline: layout::Shape,
    dark: bool,
) {
    let ring_color = color(tint, dark);
    let fill = diagram::colors(card.kind, dark).fill;
    let (from, to) = (
        cards::c32(fill),
        cards::c32(diagram::tinted_fill(fill, tint, dark)),
    );
    let group_circle =
        outline == layout::Shape::Circle && matches!(card.kind, CardKind::Group { .. });
    if !group_circle {
        for s in shapes.iter_mut() {
            match s {
                Shape::Rect(r) if r.fill == from => r.fill = to,
                Shape::Path(p) if p.fill == from => p.fill = to,
                Shape::Circle(c) if c.fill == from => c.fill = to,
                _ => {}
            }
        }
    }
    let width = (2.5 * zoom).clamp(1.5, 3.0);
    let grow = (2.5 * zoom).clamp(1.0, 3.0);
    let stroke = Stroke::new(width, ring_color);
    let dashed = tint == Tint::Removed;
    let dash = (7.0 * zoom).clamp(3.0, 8.0);
    match outline {
        layout::Shape::Box => {
            let r = screen.expand(grow);
            if dashed {
                let pts = corners(r);
                shapes.extend(Shape::dashed_line(&pts, stroke, dash, dash * 0.6));
            } else {
                let radius = CornerRadius::same(((6.0 * zoom).clamp(1.0, 10.0) + grow) as u8);
                shapes.push(Shape::rect_stroke(r, radius, stroke, StrokeKind::Middle));
            }
        }
        shape => {
            let c = screen.center();
            let radius = screen.width() / 2.0 + grow + 1.0;
            let mut pts = match shape {
                layout::Shape::Pentagon => cards::pentagon(c, radius),
                _ => (0..48)
                    .map(|i| {
                        let a = i as f32 / 48.0 * std::f32::consts::TAU;
                        c + vec2(a.cos(), a.sin()) * radius
                    })
                    .collect(),
            };
            if dashed {
                pts.push(pts[0]);
                shapes.extend(Shape::dashed_line(&pts, stroke, dash, dash * 0.6));
            } else {
                shapes.push(Shape::closed_line(pts, stroke));
            }
        }
    }
}

impl Canvas {
    /// Follow the app's marks: place them when they or the cards changed, forget them when
    /// compare mode ends (the canvas is then drawn exactly as without it).
    pub(super) fn refresh_compare(&mut self, doc: &Document) {
        let Some(built) = self.built_revision else {
            return;
        };
        match self.marks.clone() {
            None => {
                if self.compare.take().is_some() {
                    self.set_tints();
                }
            }
            Some(m) => {
                let key = (m.revision, built);
                let fresh = self
                    .compare
                    .as_ref()
                    .is_some_and(|c| c.key == key && Arc::ptr_eq(&c.marks, &m));
                if !fresh {
                    self.compare = Some(CompareLook::build(doc, m, key));
                    self.set_tints();
                }
            }
        }
    }

    /// Give the GraphView's cards their marks (or none).
    fn set_tints(&mut self) {
        for (node, idx) in &self.index {
            if let Some(n) = self.graph.node_mut(*idx) {
                n.payload_mut().mark = self.compare.as_ref().and_then(|c| c.mark(*node));
            }
        }
    }

    /// The change of a card in words, in compare mode.
    pub(super) fn change_words(&self, node: Node) -> Option<&str> {
        self.compare
            .as_ref()
            .and_then(|c| c.words.get(&node))
            .map(String::as_str)
    }

    /// The lines from moved cards to where they are in the other version, drawn under the cards.
    pub(super) fn move_shapes(
        &self,
        painter: &Painter,
        zoom: f32,
        pan: egui::Vec2,
        clip: Rect,
        dark: bool,
    ) -> Vec<Shape> {
        let Some(look) = &self.compare else {
            return Vec::new();
        };
        let on = |(x, y): (f32, f32)| pos2(x * zoom + pan.x, y * zoom + pan.y);
        let base = color(Tint::Moved, dark);
        let stroke = Stroke::new(1.6, base.gamma_multiply(0.6));
        let mut out = Vec::new();
        for l in &look.placed.moves {
            let (a, b) = (on(l.from), on(l.to));
            if !clip.intersects(Rect::from_two_pos(a, b).expand(4.0)) {
                continue;
            }
            out.extend(Shape::dashed_line(&[a, b], stroke, 6.0, 4.0));
            out.push(Shape::circle_filled(b, 3.0, base.gamma_multiply(0.8)));
        }
        if let Some(top) = look.placed.top {
            let p = on(top);
            if clip.contains(p) {
                let g = painter.layout_no_wrap(
                    "top level".to_string(),
                    FontId::proportional((11.0 * zoom).clamp(9.0, 14.0)),
                    base,
                );
                let at = p + vec2(6.0, -g.size().y / 2.0);
                out.push(Shape::galley(at, g, base));
            }
        }
        out
    }

    /// The ghosts of units the design does not have: dashed, translucent cards with their
    /// names, each a widget a screen reader reads ("Legacy, team (removed, not in this
    /// design)").
    pub(super) fn ghosts(&self, ui: &mut Ui, rect: Rect, zoom: f32, pan: egui::Vec2) {
        let Some(look) = &self.compare else {
            return;
        };
        let dark = ui.visuals().dark_mode;
        let painter = ui.painter_at(rect);
        for (i, g) in look.placed.ghosts.iter().enumerate() {
            let screen = cards::to_screen(g.rect, zoom, pan);
            if !rect.intersects(screen) {
                continue;
            }
            let tint = color(g.ghost.tint, dark);
            let radius = CornerRadius::same((6.0 * zoom).clamp(1.0, 10.0) as u8);
            painter.rect_filled(
                screen,
                radius,
                tint.gamma_multiply(if dark { 0.16 } else { 0.09 }),
            );
            let pts = corners(screen);
            let dash = (7.0 * zoom).clamp(3.0, 8.0);
            painter.extend(Shape::dashed_line(
                &pts,
                Stroke::new((1.6 * zoom).clamp(1.0, 2.0), tint),
                dash,
                dash * 0.6,
            ));
            let kind = if g.ghost.is_team {
                CardKind::Team {
                    virtual_team: false,
                }
            } else {
                CardKind::Group { level: 1 }
            };
            let text = cards::c32(diagram::colors(kind, dark).text).gamma_multiply(0.8);
            let title = 14.0 * zoom;
            if title >= 5.0 {
                let inner = painter.with_clip_rect(screen.shrink(2.0).intersect(rect));
                let pad = 10.0 * zoom;
                let mut y = screen.top() + pad * 0.8;
                let name =
                    inner.layout_no_wrap(g.ghost.name.clone(), FontId::proportional(title), text);
                let h = name.size().y;
                inner.galley(pos2(screen.left() + pad, y), name, text);
                y += h + zoom;
                if zoom >= 0.55 {
                    let small = FontId::proportional(cards::SMALL_TEXT * zoom);
                    let (what, whence) = diagram::ghost_lines(&g.ghost);
                    for (line, ink) in [(what, tint), (whence.to_string(), text)] {
                        let gl = inner.layout_no_wrap(line, small.clone(), ink);
                        inner.galley(pos2(screen.left() + pad, y), gl, ink);
                        y += cards::SMALL_TEXT * 1.1 * zoom;
                    }
                }
            }
            if screen.width() >= super::overlay::CARD_WIDGET_PX {
                let id = Id::new((self.view_id, "ghost", i));
                let response = ui.interact(screen.intersect(rect), id, Sense::hover());
                name_widget(
                    &response,
                    WidgetType::Label,
                    &diagram::ghost_label(&g.ghost),
                    None,
                );
                let what = if g.ghost.is_team { "team" } else { "group" };
                response.on_hover_text(match g.ghost.tint {
                    Tint::Added => format!(
                        "The other version adds the {what} {}; this design does not have it.",
                        g.ghost.name
                    ),
                    _ => format!(
                        "The other version has the {what} {}; this design removed it.",
                        g.ghost.name
                    ),
                });
            }
        }
    }

    /// The legend in the canvas' bottom-left corner: which colour is which, with counts.
    pub(super) fn compare_legend(&self, ui: &mut Ui, rect: Rect) {
        let Some(look) = &self.compare else {
            return;
        };
        let dark = ui.visuals().dark_mode;
        egui::Area::new(Id::new((self.view_id, "compare legend")))
            .order(egui::Order::Middle)
            .pivot(egui::Align2::LEFT_BOTTOM)
            .fixed_pos(rect.left_bottom() + vec2(8.0, -8.0))
            .constrain_to(rect)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style())
                    .inner_margin(egui::Margin::symmetric(8, 5))
                    .show(ui, |ui| legend_row(ui, look, dark));
            });
    }
}

/// What a legend entry's swatch shows.
enum Swatch {
    Tint(TintCount),
    Line,
}

/// Room after a separator dot of the legend.
const SEP_GAP: f32 = 3.0;

/// The legend's one row, painted, as one widget named for screen readers.
fn legend_row(ui: &mut Ui, look: &CompareLook, dark: bool) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let ink = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let mut items: Vec<(Option<Swatch>, String)> = look
        .placed
        .legend
        .iter()
        .map(|c| (Some(Swatch::Tint(*c)), c.label()))
        .collect();
    if !look.placed.moves.is_empty() {
        items.push((Some(Swatch::Line), "its place in the other version".into()));
    }
    if items.is_empty() {
        items.push((None, "No differences from the other version".into()));
    }
    let (sw, gap) = (18.0, 5.0);
    let galleys: Vec<_> = items
        .iter()
        .map(|(_, t)| ui.painter().layout_no_wrap(t.clone(), font.clone(), ink))
        .collect();
    let dot = ui
        .painter()
        .layout_no_wrap(" · ".to_string(), font.clone(), weak);
    let h = galleys.iter().map(|g| g.size().y).fold(14.0, f32::max);
    let w: f32 = items
        .iter()
        .zip(&galleys)
        .map(|((s, _), g)| g.size().x + if s.is_some() { sw + gap } else { 0.0 })
        .sum::<f32>()
        + (dot.size().x + SEP_GAP) * (items.len() - 1) as f32;
    let (response, painter) = ui.allocate_painter(vec2(w, h), Sense::hover());
    let mut x = response.rect.left();
    let mid = response.rect.center().y;
    for (i, ((swatch, _), g)) in items.iter().zip(galleys).enumerate() {
        if i > 0 {
            painter.galley(pos2(x, mid - dot.size().y / 2.0), dot.clone(), weak);
            x += dot.size().x + SEP_GAP;
        }
        match swatch {
            Some(Swatch::Tint(c)) => {
                let r = Rect::from_min_size(pos2(x, mid - 6.0), vec2(sw, 12.0));
                let tint = color(c.tint, dark);
                if c.dashed {
                    painter.rect_filled(r, 2.0, tint.gamma_multiply(0.12));
                    let pts = corners(r);
                    painter.extend(Shape::dashed_line(&pts, Stroke::new(1.5, tint), 3.0, 2.0));
                } else {
                    let fill = diagram::colors(
                        CardKind::Team {
                            virtual_team: false,
                        },
                        dark,
                    )
                    .fill;
                    painter.rect(
                        r,
                        3.0,
                        cards::c32(diagram::tinted_fill(fill, c.tint, dark)),
                        Stroke::new(2.0, tint),
                        StrokeKind::Inside,
                    );
                }
                x += sw + gap;
            }
            Some(Swatch::Line) => {
                let tint = color(Tint::Moved, dark);
                painter.extend(Shape::dashed_line(
                    &[pos2(x, mid), pos2(x + sw - 3.0, mid)],
                    Stroke::new(1.6, tint.gamma_multiply(0.7)),
                    4.0,
                    3.0,
                ));
                painter.circle_filled(pos2(x + sw - 3.0, mid), 3.0, tint);
                x += sw + gap;
            }
            None => {}
        }
        let gw = g.size().x;
        painter.galley(pos2(x, mid - g.size().y / 2.0), g, ink);
        x += gw;
    }
    name_widget(&response, WidgetType::Label, &look.legend_label, None);
    response.on_hover_text(
        "Compare mode: tinted cards differ from the other version; a dashed line leads from \
         each moved card to where it is there; dashed cards are units this design does not have.",
    );
}

/// The closed outline of a rectangle, for a dashed line around it.
fn corners(r: Rect) -> [egui::Pos2; 5] {
    [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ]
}
