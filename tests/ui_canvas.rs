//! Canvas navigation as a user does it: the mouse wheel zooms about the pointer in small steps,
//! a trackpad's two-finger scroll pans, a pinch zooms, and the zoom level is shown. The layout is
//! chosen in the View menu.

#![cfg(feature = "gui")]

use egui::{Event, Modifiers, MouseWheelUnit, Pos2, TouchPhase, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgscale::layout::{Node, Style};
use orgscale::ui::DesignerApp;
use orgscale::ui::dialogs::ScriptedDialogs;

#[path = "common/ui.rs"]
mod common;
use common::{
    background, center, kittest_harness, menu, open_export_menu, sample_app, sample_app_with,
    team_in,
};

fn wheel(h: &mut Harness<'_, DesignerApp>, unit: MouseWheelUnit, delta: egui::Vec2, m: Modifiers) {
    h.event(Event::MouseWheel {
        unit,
        delta,
        phase: TouchPhase::Move,
        modifiers: m,
    });
    h.run_steps(2);
}

fn zoom(h: &Harness<'_, DesignerApp>) -> f32 {
    h.state().canvas.last_view.0
}

/// Put the pointer on Checkout's card; returns the card, where it is and the zoom.
fn point_at_checkout(h: &mut Harness<'_, DesignerApp>) -> (Node, Pos2, f32) {
    let card = Node::Team(team_in(h, "Checkout"));
    let at = center(h, card);
    h.hover_at(at);
    h.run_steps(2);
    (card, at, zoom(h))
}

#[test]
fn one_wheel_notch_zooms_a_small_step_about_the_pointer() {
    let mut h = kittest_harness(sample_app());
    let (card, at, before) = point_at_checkout(&mut h);
    let label = format!("{:.0} %", before * 100.0);
    h.get_by_label(&label);
    wheel(
        &mut h,
        MouseWheelUnit::Line,
        vec2(0.0, 1.0),
        Modifiers::NONE,
    );
    let ratio = zoom(&h) / before;
    assert!((ratio - 1.15).abs() < 0.01, "one notch zoomed {ratio}x");
    // The card under the pointer stays under the pointer.
    let moved = center(&h, card) - at;
    assert!(moved.length() < 1.5, "the card moved {moved:?}");
    // The toolbar shows the new level.
    h.get_by_label(&format!("{:.0} %", zoom(&h) * 100.0));
    assert!(h.query_by_label(&label).is_none());
    // And back out.
    wheel(
        &mut h,
        MouseWheelUnit::Line,
        vec2(0.0, -1.0),
        Modifiers::NONE,
    );
    assert!((zoom(&h) / before - 1.0).abs() < 0.01);
}

#[test]
fn ctrl_wheel_zooms_the_same_small_step() {
    let mut h = kittest_harness(sample_app());
    let (_, _, before) = point_at_checkout(&mut h);
    wheel(
        &mut h,
        MouseWheelUnit::Line,
        vec2(0.0, 1.0),
        Modifiers::COMMAND,
    );
    h.run_steps(4);
    let ratio = zoom(&h) / before;
    assert!((ratio - 1.15).abs() < 0.01, "Ctrl+wheel zoomed {ratio}x");
}

#[test]
fn a_trackpad_scroll_pans_and_a_pinch_zooms() {
    let mut h = kittest_harness(sample_app());
    let (card, at, before) = point_at_checkout(&mut h);
    wheel(
        &mut h,
        MouseWheelUnit::Point,
        vec2(30.0, -40.0),
        Modifiers::NONE,
    );
    assert_eq!(zoom(&h), before, "two-finger scrolling does not zoom");
    let moved = center(&h, card) - at;
    assert!(
        (moved - vec2(30.0, -40.0)).length() < 0.5,
        "moved {moved:?}"
    );
    h.event(Event::Zoom(1.1));
    h.run_steps(2);
    assert!((zoom(&h) / before - 1.1).abs() < 0.005);
}

#[test]
fn dragging_the_background_pans() {
    let mut h = kittest_harness(sample_app());
    let card = Node::Team(team_in(&h, "Checkout"));
    let before = center(&h, card);
    let from = background(&h);
    h.hover_at(from);
    h.run_steps(2);
    h.drag_at(from);
    h.run_steps(1);
    for i in 1..=10 {
        h.hover_at(from + vec2(6.0 * i as f32, -3.0 * i as f32));
        h.run_steps(1);
    }
    h.drop_at(from + vec2(60.0, -30.0));
    h.run_steps(2);
    let moved = center(&h, card) - before;
    assert!(
        (moved - vec2(60.0, -30.0)).length() < 8.0,
        "moved {moved:?}"
    );
}

#[test]
fn the_view_menu_switches_to_the_fractal_layout_and_remembers_it() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("acme.svg");
    let mut dialogs = ScriptedDialogs::default();
    dialogs.export.push_back(Some(svg.clone()));
    let mut h = kittest_harness(sample_app_with(dialogs));
    menu(&mut h, "View", "Fractal layout");
    assert_eq!(h.state().doc.style(), Style::Fractal);
    // Kept in the preferences eframe saves, so the next start uses it.
    assert_eq!(h.state().prefs.layout, Style::Fractal);
    // The export follows the canvas.
    open_export_menu(&mut h);
    h.get_by_label("SVG image…").click();
    for _ in 0..300 {
        h.run_steps(1);
        if svg.exists() && !h.state().exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let expected = orgscale::export::export(
        h.state().doc.org(),
        orgscale::export::Format::Svg,
        &h.state().prefs.export_options(Style::Fractal),
    )
    .unwrap();
    assert_eq!(std::fs::read(&svg).unwrap(), expected);
    // Back to the tree.
    menu(&mut h, "View", "Tree layout");
    assert_eq!(h.state().doc.style(), Style::Tree);
    assert_eq!(h.state().prefs.layout, Style::Tree);
}
