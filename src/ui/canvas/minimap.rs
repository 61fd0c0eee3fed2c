//! The minimap: the whole picture small in the canvas' bottom-right corner, with the part in
//! view outlined. A click or a drag on it moves the view there.

use std::sync::Arc;

use egui::{Color32, Id, Rect, Sense, Shape, Stroke, StrokeKind, Ui, WidgetInfo, WidgetType, vec2};
use rustc_hash::FxHashMap as HashMap;

use super::super::cards;
use super::{Canvas, load_meta, store_meta};
use crate::diagram::{self, Card, CardKind};
use crate::layout::{self, Node};
use crate::rules::Severity;

/// The largest size of the minimap, in points.
const MAX_SIZE: egui::Vec2 = egui::vec2(200.0, 130.0);
/// With more teams than this, each team column is drawn as one block.
const MAX_TEAM_BOXES: usize = 2_000;

/// What the minimap draws, in canvas units, built once per layout.
#[derive(Default)]
pub struct Minimap {
    items: Vec<(layout::Rect, Color32)>,
    bounds: layout::Rect,
}

impl Minimap {
    pub fn build(
        layout: &layout::Layout,
        cards: &HashMap<Node, Arc<Card>>,
        columns: &[(layout::Rect, bool)],
    ) -> Self {
        let teams = layout
            .boxes
            .iter()
            .filter(|(n, _)| matches!(n, Node::Team(_)))
            .count();
        let blocks = teams > MAX_TEAM_BOXES;
        let column = cards::c32(diagram::column_color(false));
        let error = cards::severity_color(Severity::Error);
        let mut items: Vec<(layout::Rect, Color32)> = Vec::new();
        if blocks {
            items.extend(
                columns
                    .iter()
                    .map(|(r, bad)| (*r, if *bad { error } else { column })),
            );
        }
        for (node, r) in &layout.boxes {
            if blocks && matches!(node, Node::Team(_)) {
                continue;
            }
            let Some(card) = cards.get(node) else {
                continue;
            };
            let color = match card.kind {
                CardKind::Team { .. } if card.worst == Some(Severity::Error) => error,
                CardKind::Team { .. } => column,
                kind => cards::c32(diagram::colors(kind, false).accent),
            };
            items.push((*r, color));
        }
        Minimap {
            items,
            bounds: layout.bounds,
        }
    }

    /// The minimap's size for the picture's proportions.
    fn size(&self, max: egui::Vec2) -> egui::Vec2 {
        let b = self.bounds;
        let s = (max.x / b.w.max(1.0)).min(max.y / b.h.max(1.0));
        vec2((b.w * s).max(48.0), (b.h * s).max(36.0))
    }
}

impl Canvas {
    /// Draw the minimap over the canvas' bottom-right corner; a click or drag moves the view.
    pub(super) fn minimap_ui(&mut self, ui: &mut Ui, rect: Rect) {
        if self.minimap.items.is_empty() || rect.width() < 240.0 || rect.height() < 200.0 {
            return;
        }
        // With the whole picture in view there is nothing to find on a map.
        let meta = load_meta(ui.ctx(), self.view_id);
        let b = self.minimap.bounds;
        let (lo, hi) = (
            (egui::pos2(b.x, b.y) * meta.zoom) + meta.pan,
            (egui::pos2(b.right(), b.bottom()) * meta.zoom) + meta.pan,
        );
        if Rect::from_min_size(egui::Pos2::ZERO, rect.size())
            .contains_rect(Rect::from_min_max(lo, hi))
        {
            return;
        }
        let size = self.minimap.size(MAX_SIZE.min(rect.size() * 0.26));
        let view_id = self.view_id;
        let map = &self.minimap;
        egui::Area::new(Id::new((view_id, "minimap")))
            .order(egui::Order::Middle)
            .pivot(egui::Align2::RIGHT_BOTTOM)
            .fixed_pos(rect.right_bottom() - vec2(8.0, 8.0))
            .constrain_to(rect)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style())
                    .inner_margin(egui::Margin::same(4))
                    .show(ui, |ui| {
                        let (response, painter) =
                            ui.allocate_painter(size, Sense::click_and_drag());
                        response.widget_info(|| {
                            WidgetInfo::labeled(WidgetType::Other, true, "Minimap")
                        });
                        let area = response.rect;
                        let b = map.bounds;
                        // Centre the picture in the map when one side is at its minimum.
                        let s = (area.width() / b.w.max(1.0)).min(area.height() / b.h.max(1.0));
                        let offset = (area.size() - vec2(b.w, b.h) * s) / 2.0;
                        let to_map = |r: &layout::Rect| {
                            let min = area.min + offset + vec2(r.x - b.x, r.y - b.y) * s;
                            let r = Rect::from_min_size(min, vec2(r.w, r.h) * s);
                            // Never thinner than a pixel, so every part stays visible.
                            Rect::from_center_size(r.center(), r.size().max(vec2(1.0, 1.0)))
                        };
                        let shapes: Vec<Shape> = map
                            .items
                            .iter()
                            .map(|(r, c)| Shape::rect_filled(to_map(r), 0.0, *c))
                            .collect();
                        painter.extend(shapes);
                        // The part of the picture in view.
                        let meta = load_meta(ui.ctx(), view_id);
                        let (zoom, pan) = (meta.zoom, meta.pan);
                        let seen = layout::Rect::new(
                            -pan.x / zoom,
                            -pan.y / zoom,
                            rect.width() / zoom,
                            rect.height() / zoom,
                        );
                        let frame = to_map(&seen).intersect(area.expand(1.0));
                        let color = cards::c32(diagram::SELECTION);
                        painter.rect(
                            frame,
                            1.0,
                            color.gamma_multiply(0.12),
                            Stroke::new(1.5, color),
                            StrokeKind::Inside,
                        );
                        let response = response.on_hover_text("Click or drag to move the view");
                        if (response.clicked() || response.dragged())
                            && let Some(p) = response.interact_pointer_pos()
                        {
                            // The point of the picture under the pointer goes to the view's centre.
                            let at = (p - area.min - offset) / s + vec2(b.x, b.y);
                            let pan = rect.size() / 2.0 - at * zoom;
                            store_meta(ui.ctx(), view_id, zoom, pan);
                            ui.ctx().request_repaint();
                        }
                    });
            });
    }
}
