//! Points on the canvas for tests that drive the pointer.

use egui::{Pos2, vec2};
use egui_kittest::Harness;
use orgscale::ui::DesignerApp;

/// A point of the canvas with no card under it (nor a fold button, nor the minimap).
pub fn background(h: &Harness<'_, DesignerApp>) -> Pos2 {
    let app = h.state();
    let rect = app.canvas.last_rect;
    let (zoom, pan) = app.canvas.last_view;
    let layout = app.doc.layout();
    (0..20)
        .flat_map(|i| (0..20).map(move |j| (i, j)))
        .map(|(i, j)| rect.left_top() + vec2(30.0 + 20.0 * i as f32, 60.0 + 15.0 * j as f32))
        .find(|p| {
            let at = (*p - rect.left_top() - pan) / zoom;
            let near = |dx: f32, dy: f32| layout.hit(at.x + dx / zoom, at.y + dy / zoom);
            rect.contains(*p)
                && [
                    (0.0, 0.0),
                    (-70.0, 40.0),
                    (70.0, -40.0),
                    (0.0, 20.0),
                    (0.0, -20.0),
                ]
                .iter()
                .all(|(dx, dy)| near(*dx, *dy).is_none())
        })
        .expect("some background in view")
}
