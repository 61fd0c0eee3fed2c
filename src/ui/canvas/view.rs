//! The canvas' view of the org: pan and zoom from the wheel, a trackpad and pinches, the
//! "fit", "show these" and opening requests, and where egui_graphs keeps the transform so that
//! the idle painter and the GraphView draw with the same one.

use super::*;

/// What the wheel, a trackpad and a pinch asked of the view in one frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Navigation {
    /// Multiply the zoom by this, about the pointer.
    pub zoom: f32,
    /// Move the picture by this many points.
    pub pan: Vec2,
}

impl Navigation {
    /// Read from the frame's raw events: a mouse wheel (scrolling by lines or pages) zooms in
    /// steps of [`WHEEL_STEP`] per notch, as does Ctrl/Cmd with any scrolling; a trackpad's
    /// two-finger scroll (scrolling by points) pans; a pinch zooms by its own factor.
    pub fn from_events(events: &[egui::Event]) -> Self {
        let mut nav = Navigation {
            zoom: 1.0,
            pan: Vec2::ZERO,
        };
        for e in events {
            match e {
                egui::Event::MouseWheel {
                    unit,
                    delta,
                    modifiers,
                    ..
                } => {
                    let notches = match unit {
                        egui::MouseWheelUnit::Line => delta.y + delta.x,
                        egui::MouseWheelUnit::Page => (delta.y + delta.x) * 3.0,
                        // A trackpad: about 50 points make one notch.
                        egui::MouseWheelUnit::Point => (delta.y + delta.x) / 50.0,
                    };
                    if modifiers.command || modifiers.ctrl || *unit != egui::MouseWheelUnit::Point {
                        nav.zoom *= WHEEL_STEP.powf(notches.clamp(-5.0, 5.0));
                    } else {
                        nav.pan += *delta;
                    }
                }
                egui::Event::Zoom(f) if f.is_finite() && *f > 0.0 => nav.zoom *= f,
                _ => {}
            }
        }
        nav
    }

    fn is_none(&self) -> bool {
        self.zoom == 1.0 && self.pan == Vec2::ZERO
    }
}

impl Canvas {
    /// The wheel zooms about the pointer, a trackpad pans, a pinch zooms.
    pub(super) fn navigate(&mut self, ui: &Ui, rect: Rect) {
        let nav = ui.input(|i| Navigation::from_events(&i.events));
        if nav.is_none() {
            return;
        }
        let meta = load_meta(ui.ctx(), self.view_id);
        let pointer = ui
            .input(|i| i.pointer.hover_pos())
            .map_or(rect.size() / 2.0, |p| p - rect.left_top());
        let zoom = (meta.zoom * nav.zoom).clamp(ZOOM_MIN, ZOOM_MAX);
        let f = zoom / meta.zoom;
        let pan = pointer - (pointer - meta.pan) * f + nav.pan;
        store_meta(ui.ctx(), self.view_id, zoom, pan);
        ui.ctx().request_repaint();
    }

    /// Move the picture by a background drag.
    pub(super) fn pan_by(&self, ui: &Ui, delta: Vec2) {
        if delta != Vec2::ZERO {
            let meta = load_meta(ui.ctx(), self.view_id);
            store_meta(ui.ctx(), self.view_id, meta.zoom, meta.pan + delta);
        }
    }

    /// The zoom shown in the toolbar, in per cent.
    pub fn zoom_percent(&self) -> u32 {
        (self.last_view.0 * 100.0).round() as u32
    }

    pub(super) fn apply_view_requests(&mut self, ui: &Ui, rect: Rect, layout: &layout::Layout) {
        if self.fit && rect.width() > 10.0 && !layout.boxes.is_empty() {
            // In compare mode the ghosts and lines are part of the picture, and the legend
            // takes a strip at the bottom.
            let (b, legend) = match &self.compare {
                Some(c) => (c.placed.bounds, compare::LEGEND_ROOM),
                None => (layout.bounds, 0.0),
            };
            let margin = 30.0;
            let zoom = ((rect.width() - 2.0 * margin) / b.w)
                .min((rect.height() - 2.0 * margin - legend) / b.h)
                .clamp(ZOOM_MIN, 1.2);
            let mut pan = vec2(
                (rect.width() - b.w * zoom) / 2.0 - b.x * zoom,
                (rect.height() - legend - b.h * zoom) / 2.0 - b.y * zoom,
            );
            let mut zoom = zoom;
            if self.opening && zoom < READABLE_ZOOM {
                // Too big to read whole: open at 100 % on its top, centred on the first box
                // (the EAT, or the top group); the minimap and Fit show the rest.
                zoom = READABLE_ZOOM;
                let top = layout.boxes.first().map_or(b, |(_, r)| *r);
                pan = vec2(
                    rect.width() / 2.0 - top.center().0 * zoom,
                    margin - b.y * zoom,
                );
            }
            store_meta(ui.ctx(), self.view_id, zoom, pan);
            self.fit = false;
            self.opening = false;
        }
        if let Some(nodes) = self.show_request.take() {
            let rects: Vec<layout::Rect> = nodes.iter().filter_map(|n| layout.rect(*n)).collect();
            if let Some(first) = rects.first() {
                let b = rects.iter().fold(*first, |a, r| a.union(r));
                let margin = 40.0;
                let meta = load_meta(ui.ctx(), self.view_id);
                let fits =
                    ((rect.width() - 2.0 * margin) / b.w).min((rect.height() - 2.0 * margin) / b.h);
                // Keep the zoom if all of them fit; else zoom out to fit them, but not so far
                // that the cards cannot be read (then the first one is centred).
                let zoom = if fits >= meta.zoom {
                    meta.zoom
                } else {
                    fits.max(meta.zoom.min(0.6))
                };
                let (cx, cy) = if fits >= zoom {
                    b.center()
                } else {
                    first.center()
                };
                let pan = vec2(
                    rect.width() / 2.0 - cx * zoom,
                    rect.height() / 2.0 - cy * zoom,
                );
                store_meta(ui.ctx(), self.view_id, zoom, pan);
            }
        }
    }
}

/// Where egui_graphs keeps a view's zoom and pan: `MetadataFrame::load` reads
/// `Id::new(get_id())`, not `get_id()` itself. Using the same key is what makes the idle
/// painter and the GraphView draw with one transform.
pub(super) fn meta_key(view_id: &str) -> egui::Id {
    egui::Id::new(MetadataFrame::new(Some(view_id.to_string())).get_id())
}

pub(super) fn load_meta(ctx: &egui::Context, view_id: &str) -> MetadataFrame {
    ctx.data_mut(|d| d.get_persisted::<MetadataFrame>(meta_key(view_id)))
        .unwrap_or_else(|| MetadataFrame::new(Some(view_id.to_string())))
}

pub(super) fn store_meta(ctx: &egui::Context, view_id: &str, zoom: f32, pan: Vec2) {
    let mut meta = load_meta(ctx, view_id);
    meta.zoom = zoom;
    meta.pan = pan;
    ctx.data_mut(|d| d.insert_persisted(meta_key(view_id), meta));
}
