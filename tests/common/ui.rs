//! Helpers shared by the designer's UI tests: the harness as every test builds it, lookups by
//! name, and points on the canvas for tests that drive the pointer.

#![allow(dead_code)] // each test file uses its own subset

use egui::{Pos2, vec2};
use egui_kittest::Harness;
use orgscale::model::{GroupId, Org, PersonId, TeamId};
use orgscale::ui::dialogs::ScriptedDialogs;
use orgscale::ui::{DesignerApp, Document};

/// The designer on the built-in sample, with scripted file dialogs.
pub fn sample_app() -> DesignerApp {
    app_of(orgscale::ui::app::sample_document())
}

/// The designer on a document, with scripted file dialogs.
pub fn app_of(doc: Document) -> DesignerApp {
    DesignerApp::new(doc, Box::new(ScriptedDialogs::default()), None)
}

/// A 1400×900 window on the app, a few frames in.
pub fn harness(app: DesignerApp) -> Harness<'static, DesignerApp> {
    harness_sized(app, (1400.0, 900.0))
}

/// A window of this size on the app, a few frames in. Frames are a 60th of a second apart, as
/// on a desktop (two clicks make a double click). Never `run()`: the canvas' GraphView may keep
/// asking for frames.
pub fn harness_sized(app: DesignerApp, size: (f32, f32)) -> Harness<'static, DesignerApp> {
    let mut h = Harness::builder()
        .with_size(vec2(size.0, size.1))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut DesignerApp| app.show(ui), app);
    h.run_steps(4);
    h
}

pub fn team(org: &Org, name: &str) -> TeamId {
    org.teams()
        .values()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no team {name}"))
        .id
}

pub fn group(org: &Org, name: &str) -> GroupId {
    org.groups()
        .values()
        .find(|g| g.name == name)
        .unwrap_or_else(|| panic!("no group {name}"))
        .id
}

pub fn person(org: &Org, name: &str) -> PersonId {
    org.people()
        .values()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no person {name}"))
        .id
}

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
