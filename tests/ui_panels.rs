//! The side panels keep their width: only the user's drag on their edge changes it, so the
//! canvas never shifts sideways when a search is typed or the selection changes.

#![cfg(feature = "gui")]

use egui_kittest::kittest::Queryable;
use orgscale::model::Command;

#[path = "common/ui.rs"]
mod common;
use common::{app_of, harness, rename_team, sample_harness};

#[test]
fn the_canvas_stays_put_while_searching_and_selecting() {
    let mut h = sample_harness();
    // A very long team name, which the inspector shows in its header and fields.
    let t = h.state().doc.org().teams().values().next().unwrap().id;
    rename_team(
        &mut h,
        t,
        "A team with a very long name that goes on and on past any panel width",
    );
    let canvas = h.state().canvas.last_rect;
    h.get_by_label("Search teams, groups, people").click();
    h.run_steps(2);
    h.get_by_label("Search teams, groups, people")
        .type_text("Check");
    h.run_steps(3);
    assert!(h.query_by_label("Clear search").is_some());
    assert_eq!(h.state().canvas.last_rect, canvas, "after typing a search");
    h.get_by_label("Clear search").click();
    h.run_steps(3);
    for who in ["A team with a very long name", "Team Checkout, 10 people"] {
        h.query_all_by_label_contains(who).next().unwrap().click();
        h.run_steps(3);
        assert_eq!(h.state().canvas.last_rect, canvas, "after selecting {who}");
    }
}

#[test]
fn the_findings_filter_is_a_named_field_that_narrows_the_list() {
    let mut h = sample_harness();
    assert!(h.query_by_label_contains("V4  Team Checkout").is_some());
    h.get_by_label("Filter findings").click();
    h.run_steps(2);
    h.get_by_label("Filter findings").type_text("Sakura");
    h.run_steps(3);
    assert!(h.query_by_label_contains("V4  Team Checkout").is_none());
    assert!(h.query_by_label_contains("V18  Sakura Tanaka").is_some());
}

#[test]
fn undo_says_when_older_steps_were_dropped() {
    let mut doc = orgscale::ui::app::sample_document();
    doc.set_undo_limit(2);
    let mut h = harness(app_of(doc));
    for name in ["One", "Two", "Three"] {
        h.state_mut().apply(Command::SetOrgName(name.to_string()));
    }
    h.run_steps(1);
    for _ in 0..3 {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        h.run_steps(2);
    }
    assert_eq!(h.state().doc.org().name(), "One");
    assert_eq!(
        h.state().status,
        "Nothing more to undo: undo keeps the last 2 steps, and 1 older step was dropped"
    );
}
