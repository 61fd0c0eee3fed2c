//! Helpers shared by the designer's UI tests: the app and the harness as the tests build them,
//! lookups by name, points on the canvas for tests that drive the pointer, and the few gestures
//! many tests make (a menu item, undo, closing the window, waiting for an export).

#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgscale::layout::Node;
use orgscale::model::{Command, GroupId, Org, PersonId, TeamId};
use orgscale::ui::dialogs::ScriptedDialogs;
use orgscale::ui::{DesignerApp, Document, Selection};

/// Frames a 60th of a second apart, as on a desktop: two clicks make a double click.
pub const DESKTOP_DT: f32 = 1.0 / 60.0;

/// kittest's own default, frames a quarter of a second apart: menus and tooltips are done
/// animating within a frame. Most UI tests, and their snapshots, were written against it.
pub const KITTEST_DT: f32 = 0.25;

/// The designer on the built-in sample, with scripted file dialogs.
pub fn sample_app() -> DesignerApp {
    app_of(orgscale::ui::app::sample_document())
}

/// The designer on a document, with scripted file dialogs.
pub fn app_of(doc: Document) -> DesignerApp {
    app_with(doc, ScriptedDialogs::default())
}

/// The designer on the built-in sample, with these scripted file dialogs.
pub fn sample_app_with(dialogs: ScriptedDialogs) -> DesignerApp {
    app_with(orgscale::ui::app::sample_document(), dialogs)
}

/// The designer on a document, with these scripted file dialogs (and no recovery file).
pub fn app_with(doc: Document, dialogs: ScriptedDialogs) -> DesignerApp {
    DesignerApp::new(doc, Box::new(dialogs), None)
}

/// The designer on the built-in sample with something selected.
pub fn sample_app_selecting(selection: Selection) -> DesignerApp {
    let mut app = sample_app();
    app.selection = Some(selection);
    app
}

/// The app with the outline, the inspector and the findings closed: the canvas fills the window.
pub fn canvas_only(mut app: DesignerApp) -> DesignerApp {
    app.prefs.show_outline = false;
    app.prefs.show_inspector = false;
    app.prefs.show_findings = false;
    app
}

/// A 1400×900 window on the app, a few frames in.
pub fn harness(app: DesignerApp) -> Harness<'static, DesignerApp> {
    harness_sized(app, (1400.0, 900.0))
}

/// A window of this size on the app, a few frames in. Frames are a 60th of a second apart, as
/// on a desktop (two clicks make a double click). Never `run()`: the canvas' GraphView may keep
/// asking for frames.
pub fn harness_sized(app: DesignerApp, size: (f32, f32)) -> Harness<'static, DesignerApp> {
    harness_stepped(app, size, DESKTOP_DT)
}

/// [`harness`] on the built-in sample.
pub fn sample_harness() -> Harness<'static, DesignerApp> {
    harness(sample_app())
}

/// A 1400×900 window on the app, a few frames in, frames [`KITTEST_DT`] apart.
pub fn kittest_harness(app: DesignerApp) -> Harness<'static, DesignerApp> {
    kittest_harness_sized(app, (1400.0, 900.0))
}

/// A window of this size on the app, a few frames in, frames [`KITTEST_DT`] apart.
pub fn kittest_harness_sized(app: DesignerApp, size: (f32, f32)) -> Harness<'static, DesignerApp> {
    harness_stepped(app, size, KITTEST_DT)
}

/// A window of this size on the app, frames `step_dt` seconds apart, four frames in.
pub fn harness_stepped(
    app: DesignerApp,
    size: (f32, f32),
    step_dt: f32,
) -> Harness<'static, DesignerApp> {
    let mut h = Harness::builder()
        .with_size(vec2(size.0, size.1))
        .with_step_dt(step_dt)
        .build_ui_state(|ui, app: &mut DesignerApp| app.show(ui), app);
    h.run_steps(4);
    h
}

/// The sample in the fractal layout, chosen in the View menu, on a 1000×1000 canvas with the
/// side panels closed (frames [`KITTEST_DT`] apart).
pub fn fractal_harness() -> Harness<'static, DesignerApp> {
    let mut h = kittest_harness_sized(canvas_only(sample_app()), (1000.0, 1000.0));
    menu(&mut h, "View", "Fractal layout");
    h.run_steps(1);
    assert_eq!(h.state().doc.style(), orgscale::layout::Style::Fractal);
    h
}

/// The path of a file in `examples/`.
pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// Copy `examples/NAME` to `to`, and return `to`.
pub fn copy_example(name: &str, to: &Path) -> PathBuf {
    std::fs::copy(example(name), to).unwrap();
    to.to_path_buf()
}

/// A document on an org file, as opening it would make it: saving writes back there.
pub fn document_at(path: &Path) -> Document {
    let org = orgscale::io::json::load(path).unwrap();
    Document::new(org, Some(path.to_path_buf()))
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

/// The org the window shows.
pub fn org<'a>(h: &'a Harness<'_, DesignerApp>) -> &'a Org {
    h.state().doc.org()
}

/// [`team`] in the org the window shows.
pub fn team_in(h: &Harness<'_, DesignerApp>, name: &str) -> TeamId {
    team(org(h), name)
}

/// [`group`] in the org the window shows.
pub fn group_in(h: &Harness<'_, DesignerApp>, name: &str) -> GroupId {
    group(org(h), name)
}

/// [`person`] in the org the window shows.
pub fn person_in(h: &Harness<'_, DesignerApp>, name: &str) -> PersonId {
    person(org(h), name)
}

/// Where a card's centre is on screen.
pub fn center(h: &Harness<'_, DesignerApp>, node: Node) -> Pos2 {
    let app = h.state();
    app.canvas
        .node_screen_center(app.doc.layout(), node)
        .unwrap()
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

/// Click a menu of the menu bar, then one of its items (by its whole label).
pub fn menu(h: &mut Harness<'_, DesignerApp>, menu: &str, item: &str) {
    h.get_by_label(menu).click();
    h.run_steps(2);
    h.get_by_label(item).click();
    h.run_steps(3);
}

/// Open File › Export, showing its submenu.
pub fn open_export_menu(h: &mut Harness<'_, DesignerApp>) {
    h.get_by_label("File").click();
    h.run_steps(3);
    h.get_by_label("Export ⏵").hover();
    h.run_steps(4);
}

/// Let a background export finish, frame by frame, as the window would.
pub fn wait_for_export(h: &mut Harness<'_, DesignerApp>) {
    for _ in 0..1000 {
        h.run_steps(1);
        if !h.state().exporting() {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the export did not finish in 10 s");
}

/// Ctrl (⌘ on a Mac) and a key, then a few frames.
pub fn press_command(h: &mut Harness<'_, DesignerApp>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.run_steps(4);
}

/// Ctrl+Z, then a few frames.
pub fn undo(h: &mut Harness<'_, DesignerApp>) {
    press_command(h, Key::Z);
}

/// Rename a team as the inspector would, and let the window catch up.
pub fn rename_team(h: &mut Harness<'_, DesignerApp>, team: TeamId, name: &str) {
    h.state_mut().apply(Command::RenameTeam {
        team,
        name: name.into(),
    });
    h.run_steps(2);
}

/// Close the window, as its title bar's close button does.
pub fn close_window(h: &mut Harness<'_, DesignerApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run_steps(2);
}

/// Press at `a` and move the pointer to `b` in small steps, as a hand would (no release).
pub fn drag_towards(h: &mut Harness<'_, DesignerApp>, a: Pos2, b: Pos2) {
    h.hover_at(a);
    h.run_steps(1);
    h.drag_at(a);
    h.run_steps(1);
    for i in 1..=6 {
        h.hover_at(a + (b - a) * (i as f32 / 6.0));
        h.run_steps(1);
    }
}
