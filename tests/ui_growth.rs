//! The Growth view, driven like a user through egui_kittest: the mode switch, the Teams field,
//! Step, Play and Pause, applying the grown part to the design and undoing it, and a snapshot.
//! (The growth maths, without a window, is tested in `tests/growth.rs`.)
//!
//! `Harness::run()` is never used: the canvas and the animation ask for repaints, so tests step a
//! fixed number of frames instead.

#![cfg(feature = "gui")]

#[path = "common/ui.rs"]
mod common;

use egui::accesskit::Role;
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use orgscale::growth::{ChartPoint, Params, Policy, grow_from_empty};
use orgscale::stats::Stats;
use orgscale::ui::DesignerApp;
use orgscale::ui::app::MainView;
use orgscale::ui::growth::{CONFIRM_TITLE, Start};

/// A window of this size on the sample design, a few frames in. Unlike the shared
/// [`common::harness_sized`], frames are kittest's default quarter of a second apart: the Play
/// tests count the teams added per frame at 5 teams a second.
fn harness(size: (f32, f32)) -> Harness<'static, DesignerApp> {
    let mut h = Harness::builder()
        .with_size(vec2(size.0, size.1))
        .build_ui_state(
            |ui, app: &mut DesignerApp| app.show(ui),
            common::sample_app(),
        );
    h.run_steps(4);
    h
}

fn open_growth(h: &mut Harness<'_, DesignerApp>) {
    h.get_by_label("Growth").click();
    h.run_steps(3);
    assert_eq!(h.state().view, MainView::Growth);
}

/// Type a number into the Teams field and press Enter.
fn set_teams(h: &mut Harness<'_, DesignerApp>, n: usize) {
    h.get_by_role_and_label(Role::SpinButton, "Teams").focus();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    // Focused, the field is a text edit labelled "Teams" next to the slider of that name.
    h.get_all_by_label("Teams")
        .find(|t| t.accesskit_node().role() != Role::Slider)
        .unwrap()
        .type_text(&n.to_string());
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
}

fn apply_disabled(h: &Harness<'_, DesignerApp>) -> bool {
    h.get_by_label("Apply to my design")
        .accesskit_node()
        .is_disabled()
}

fn teams(h: &Harness<'_, DesignerApp>) -> usize {
    h.state().growth.teams
}

#[test]
fn switching_to_growth_and_back() {
    let mut h = harness((1400.0, 900.0));
    assert_eq!(h.state().view, MainView::Design);
    open_growth(&mut h);
    let grown = h
        .state()
        .growth
        .current()
        .expect("grown on the first frame");
    assert_eq!(grown.teams().len(), h.state().growth.teams);
    h.get_by_label("Design").click();
    h.run_steps(3);
    assert_eq!(h.state().view, MainView::Design);
    assert_eq!(
        h.state().doc.org().teams().len(),
        14,
        "the design is untouched"
    );
}

#[test]
fn twenty_five_teams_make_five_sos_under_one_sosos_and_the_charts_agree() {
    let mut h = harness((1400.0, 900.0));
    open_growth(&mut h);
    set_teams(&mut h, 7);
    assert_eq!(teams(&h), 7);
    set_teams(&mut h, 25);
    assert_eq!(teams(&h), 25);
    let g = h.state().growth.current().unwrap();
    let stats = Stats::of(g);
    assert_eq!(stats.teams, 25);
    assert_eq!(stats.groups_per_level, vec![5, 1]);
    assert_eq!(stats.paths_hierarchical, 60);
    assert_eq!(stats.paths_all_to_all, 300);
    let at = h
        .state()
        .growth
        .charts()
        .unwrap()
        .current()
        .unwrap()
        .clone();
    assert_eq!(
        at,
        ChartPoint {
            teams: 25,
            levels: 2,
            paths_hierarchical: 60,
            paths_all_to_all: 300,
            roles: 6,
            sds_seats_per_level: vec![25, 5],
        }
    );
    assert_eq!(
        h.state()
            .growth
            .current_stats()
            .unwrap()
            .sds_seats_per_level,
        vec![25, 5]
    );
    // Every N from 1 to 25 is on the curves.
    let charts = h.state().growth.charts().unwrap();
    assert_eq!(charts.points.len(), 25);
    assert_eq!(charts.points[4].paths_hierarchical, 10);
}

#[test]
fn fan_out_and_team_size_change_the_grown_org() {
    let mut h = harness((1400.0, 900.0));
    open_growth(&mut h);
    h.state_mut().growth.fanout = 3;
    h.state_mut().growth.team_size = 7;
    h.run_steps(2);
    let g = h.state().growth.current().unwrap();
    let stats = Stats::of(g);
    // 25 teams at k = 3: 9 SoS, 3 groups above them, 1 on top.
    assert_eq!(stats.groups_per_level, vec![9, 3, 1]);
    assert_eq!(stats.people, 25 * 7);
    assert_eq!(
        h.state().growth.charts().unwrap().current().unwrap().levels,
        3
    );
}

#[test]
fn step_adds_one_team() {
    let mut h = harness((1400.0, 900.0));
    open_growth(&mut h);
    let before = teams(&h);
    h.get_by_label("Step").click();
    h.run_steps(3);
    assert_eq!(teams(&h), before + 1);
    assert_eq!(
        h.state().growth.current().unwrap().teams().len(),
        before + 1
    );
}

/// The team count the view shows, read from its summary line ("17 teams (playing to 40) · …").
fn shown_in_summary(h: &Harness<'_, DesignerApp>) -> usize {
    let node = h.get_by_label_contains(" groups on ");
    let text = node.accesskit_node().value().unwrap_or_default();
    text.split(" teams")
        .next()
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or_else(|| panic!("no team count in {text:?}"))
}

/// Whether the play control offers Play (not Pause) and it can be pressed.
fn play_offered(h: &Harness<'_, DesignerApp>) -> bool {
    h.query_by_label("Pause").is_none()
        && h.query_by_label("Play")
            .is_some_and(|b| !b.accesskit_node().is_disabled())
}

#[test]
fn play_grows_from_the_start_and_stops_exactly_at_the_target() {
    let mut h = harness((1400.0, 900.0));
    open_growth(&mut h);
    set_teams(&mut h, 40);
    assert_eq!(shown_in_summary(&h), 40);
    assert!(play_offered(&h));
    h.get_by_label("Play").click();
    h.run_steps(2);
    assert!(h.state().growth.is_playing());
    assert!(h.query_by_label("Pause").is_some(), "Play turns into Pause");
    // Play starts from one team and adds teams one by one (5 a second; a step is 0.25 s).
    let first = shown_in_summary(&h);
    assert!(first < 5, "starts from the beginning, shows {first}");
    h.run_steps(7);
    let later = shown_in_summary(&h);
    assert!(later > first && later < 40, "{first} -> {later}");
    assert_eq!(teams(&h), 40, "the target stays");
    let mut seen = vec![later];
    for _ in 0..40 {
        h.run_steps(1);
        seen.push(shown_in_summary(&h));
    }
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]),
        "never goes back: {seen:?}"
    );
    assert_eq!(
        *seen.iter().max().unwrap(),
        40,
        "never past the target: {seen:?}"
    );
    assert_eq!(seen.last(), Some(&40));
    assert!(!h.state().growth.is_playing());
    assert!(play_offered(&h), "back to Play when the target is reached");
    assert_eq!(h.state().growth.current().unwrap().teams().len(), 40);
    h.run_steps(8);
    assert_eq!(shown_in_summary(&h), 40, "stays at the target");
}

#[test]
fn fast_play_lands_exactly_on_the_target() {
    let mut h = harness((1400.0, 900.0));
    open_growth(&mut h);
    set_teams(&mut h, 300);
    // 100 teams a second: 25 teams due every step, which used to run past the target.
    h.get_by_role_and_label(Role::SpinButton, "Teams per second")
        .focus();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_label("Teams per second").type_text("100");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().growth.speed, 100.0);
    h.get_by_label("Play").click();
    let mut seen = Vec::new();
    for _ in 0..16 {
        h.run_steps(1);
        seen.push(shown_in_summary(&h));
    }
    assert!(seen.iter().all(|n| *n <= 300), "{seen:?}");
    assert_eq!(seen.last(), Some(&300), "{seen:?}");
    assert!(!h.state().growth.is_playing());
    assert!(play_offered(&h));
}

#[test]
fn loop_plays_again_from_the_start() {
    let mut h = harness((1400.0, 900.0));
    open_growth(&mut h);
    set_teams(&mut h, 12);
    h.get_by_label("Loop").click();
    h.run_steps(1);
    assert!(h.state().growth.looping);
    h.get_by_label("Play").click();
    let mut seen = Vec::new();
    for _ in 0..30 {
        h.run_steps(1);
        seen.push(shown_in_summary(&h));
    }
    assert!(seen.iter().all(|n| (1..=12).contains(n)), "{seen:?}");
    let top = seen
        .iter()
        .position(|n| *n == 12)
        .expect("reaches the target");
    assert!(
        seen[top..].iter().any(|n| *n < 4),
        "starts again from the beginning: {seen:?}"
    );
    assert!(h.state().growth.is_playing(), "still playing");
    // Unticking Loop lets it stop at the target.
    h.get_by_label("Loop").click();
    h.run_steps(20);
    assert!(!h.state().growth.is_playing());
    assert_eq!(shown_in_summary(&h), 12);
    assert!(play_offered(&h));
}

#[test]
fn pause_keeps_the_count_and_play_goes_on_from_there() {
    let mut h = harness((1400.0, 900.0));
    open_growth(&mut h);
    h.get_by_label("Play").click();
    h.run_steps(5);
    h.get_by_label("Pause").click();
    h.run_steps(2);
    assert!(!h.state().growth.is_playing());
    let paused = shown_in_summary(&h);
    assert!(paused > 1 && paused < 25, "{paused}");
    assert!(apply_disabled(&h), "nothing to apply on the way");
    h.run_steps(4);
    assert_eq!(shown_in_summary(&h), paused, "paused: no more teams");
    assert_eq!(h.state().growth.current().unwrap().teams().len(), paused);
    h.get_by_label("Step").click();
    h.run_steps(2);
    assert_eq!(shown_in_summary(&h), paused + 1, "Step adds one on the way");
    h.get_by_label("Play").click();
    h.run_steps(2);
    let resumed = shown_in_summary(&h);
    assert!(
        resumed > paused + 1,
        "goes on from there: {paused} -> {resumed}"
    );
}

#[test]
fn the_app_can_tell_when_a_grown_org_is_shown() {
    let mut h = harness((1400.0, 900.0));
    open_growth(&mut h);
    set_teams(&mut h, 60);
    let g = &h.state().growth;
    assert!(g.showing_grown());
    assert_eq!(
        g.grown_note().as_deref(),
        Some("Showing the design, not the grown org (60 teams) of the Growth view")
    );
    // Grown from the design with nothing added, the view shows the design itself.
    h.get_by_label("My design").click();
    h.run_steps(3);
    set_teams(&mut h, 14);
    assert!(!h.state().growth.showing_grown());
    assert_eq!(h.state().growth.grown_note(), None);
    set_teams(&mut h, 20);
    assert!(h.state().growth.showing_grown());
}

#[test]
fn apply_to_my_design_is_one_undoable_step() {
    let mut h = harness((1400.0, 900.0));
    open_growth(&mut h);
    // From the empty org there is nothing to apply.
    assert!(apply_disabled(&h));
    h.get_by_label("My design").click();
    h.run_steps(2);
    assert_eq!(h.state().growth.start, Start::Design);
    set_teams(&mut h, 30);
    assert_eq!(teams(&h), 30);
    let grown_groups = h.state().growth.current().unwrap().groups().len();
    h.get_by_label("Apply to my design").click();
    h.run_steps(3);
    // It asks first.
    assert!(h.state().growth.confirming());
    press(&mut h, "Apply");
    let app = h.state();
    assert_eq!(app.view, MainView::Design, "back to the design");
    assert_eq!(app.doc.org().teams().len(), 30);
    assert_eq!(app.doc.org().groups().len(), grown_groups);
    assert_eq!(app.doc.history().undo_label(), Some("Grow to 30 teams"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(
        h.state().doc.org().teams().len(),
        14,
        "one Ctrl+Z undoes it all"
    );
    assert!(h.state().doc.history().undo_label().is_none());
}

#[test]
fn apply_is_disabled_until_the_design_would_grow() {
    let mut h = harness((1400.0, 900.0));
    open_growth(&mut h);
    assert!(apply_disabled(&h));
    h.get_by_label("My design").click();
    h.run_steps(2);
    // The slider cannot go below the design's 14 teams.
    set_teams(&mut h, 3);
    assert_eq!(teams(&h), 14);
    assert!(apply_disabled(&h));
    set_teams(&mut h, 15);
    assert!(!apply_disabled(&h));
}

#[test]
fn log_scale_keeps_the_values() {
    let mut h = harness((1400.0, 900.0));
    open_growth(&mut h);
    h.get_by_label("Log scale").click();
    h.run_steps(2);
    let charts = h.state().growth.charts().unwrap();
    assert!(charts.log);
    assert_eq!(charts.current().unwrap().paths_all_to_all, 300);
}

/// Play grows on from the org shown, a team or two a frame, instead of regrowing it; what it
/// shows at each size is exactly the org grown from empty to that size, and so is the org after
/// going back to fewer teams.
#[test]
fn play_shows_the_orgs_growth_from_empty_gives() {
    let mut h = harness((1400.0, 900.0));
    open_growth(&mut h);
    set_teams(&mut h, 30);
    let params = Params {
        fanout: 5,
        team_size: 5,
        policy: Policy::Split,
    };
    let same_as_fresh = |h: &Harness<'_, DesignerApp>| {
        let shown = h.state().growth.current().unwrap();
        let n = shown.teams().len();
        let fresh = grow_from_empty("Grown organisation", n, params).unwrap();
        assert_eq!(shown, &fresh.org, "N = {n}");
        n
    };
    h.get_by_label("Play").click();
    let mut seen = Vec::new();
    for _ in 0..40 {
        h.run_steps(1);
        seen.push(same_as_fresh(&h));
    }
    assert_eq!(seen.last(), Some(&30), "{seen:?}");
    assert!(seen.len() > 20 && seen[0] < 5, "{seen:?}");
    h.get_by_label("Step").click();
    h.run_steps(2);
    assert_eq!(same_as_fresh(&h), 31);
    set_teams(&mut h, 12);
    assert_eq!(same_as_fresh(&h), 12);
}

#[test]
fn snapshot_of_the_growth_view() {
    let mut h = harness((1100.0, 700.0));
    h.state_mut().prefs.show_outline = false;
    h.state_mut().prefs.show_inspector = false;
    h.state_mut().prefs.show_findings = false;
    open_growth(&mut h);
    set_teams(&mut h, 125);
    assert_eq!(teams(&h), 125);
    h.run_steps(3);
    h.snapshot("growth_view");
}

/// The Growth view at 60 teams, where the reported picture lost its labels: group names readable,
/// legends on their own rows, x ticks on every chart, every chart inside the window.
#[test]
fn snapshot_of_the_growth_view_at_60_teams() {
    let mut h = harness((1400.0, 900.0));
    h.state_mut().prefs.show_outline = false;
    h.state_mut().prefs.show_inspector = false;
    h.state_mut().prefs.show_findings = false;
    open_growth(&mut h);
    set_teams(&mut h, 60);
    h.run_steps(4);
    assert_eq!(shown_in_summary(&h), 60);
    h.snapshot("growth_view_60");
}

#[test]
fn the_design_panels_are_dimmed_under_a_note_while_a_grown_org_is_shown() {
    let mut h = harness((1400.0, 900.0));
    open_growth(&mut h);
    set_teams(&mut h, 60);
    h.run_steps(2);
    let note = "Showing the design, not the grown org (60 teams) of the Growth view";
    assert_eq!(
        h.query_all_by_label(note).count(),
        3,
        "outline, inspector and findings each say so"
    );
    let row = h
        .query_all_by_role(Role::TreeItem)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.contains("Shopping"))
        })
        .expect("the outline still lists the design");
    assert!(row.accesskit_node().is_disabled(), "and it is inert");
    h.get_by_label("Design").click();
    h.run_steps(3);
    assert_eq!(h.query_all_by_label(note).count(), 0);
    let row = h
        .query_all_by_role(Role::TreeItem)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.contains("Shopping"))
        })
        .unwrap();
    assert!(!row.accesskit_node().is_disabled());
}

/// The design as its canonical JSON, to tell "unchanged" exactly.
fn design_json(h: &Harness<'_, DesignerApp>) -> String {
    orgscale::io::json::to_string(h.state().doc.org())
}

/// Type a number into the field labelled `label` and press Enter.
fn set_number(h: &mut Harness<'_, DesignerApp>, label: &str, n: usize) {
    h.get_by_role_and_label(Role::SpinButton, label).focus();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_label(label).type_text(&n.to_string());
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
}

/// Click a button and let the app carry it out.
fn press(h: &mut Harness<'_, DesignerApp>, label: &str) {
    h.get_by_label(label).click();
    h.run_steps(3);
}

/// The sample grown from the design to 30 teams at fan-out 4, *Apply to my design* clicked: the
/// question is up. Returns the design's JSON from before.
///
/// At fan-out 4 growing to 30 teams moves the existing team Order Tracking from Fulfilment into
/// a new Customer SoS; at the default fan-out of 5 the only existing unit that moves is the
/// group Acme Online (see `the_summary_names_the_existing_units_that_move`).
fn ask_to_apply_30(h: &mut Harness<'_, DesignerApp>) -> String {
    open_growth(h);
    h.get_by_label("My design").click();
    h.run_steps(2);
    set_number(h, "Fan-out", 4);
    assert_eq!(h.state().growth.fanout, 4);
    set_teams(h, 30);
    assert_eq!(teams(h), 30);
    let before = design_json(h);
    h.get_by_label("Apply to my design").click();
    h.run_steps(3);
    assert!(h.state().growth.confirming());
    before
}

/// Every label in the window that contains `text`.
fn labels_containing(h: &Harness<'_, DesignerApp>, text: &str) -> Vec<String> {
    h.query_all_by_label_contains(text)
        .filter_map(|n| {
            let n = n.accesskit_node();
            n.label().or(n.value()).map(|l| l.to_string())
        })
        .collect()
}

#[test]
fn apply_asks_first_naming_the_existing_teams_that_move() {
    let mut h = harness((1400.0, 900.0));
    let before = ask_to_apply_30(&mut h);
    h.get_by_label(CONFIRM_TITLE);
    assert_eq!(h.state().view, MainView::Growth, "still the Growth view");
    // The existing team that moves is called out in the compare feature's words.
    let moved = labels_containing(&h, "Order Tracking moved from Fulfilment to Customer SoS");
    assert!(!moved.is_empty(), "no move of Order Tracking named");
    // Called out first, counted as existing units, and listed under Teams too.
    h.get_by_label("1 existing team and 1 group move:");
    assert!(h.query_by_label_contains("Findings: ").is_some());
    assert!(
        h.query_by_label_contains("teams added").is_some(),
        "the headline"
    );
    assert!(h.query_by_label_contains("Teams (").is_some(), "a section");
    // Nothing changes while the question is up.
    h.run_steps(5);
    assert!(h.state().growth.confirming());
    assert_eq!(design_json(&h), before);
    assert!(h.state().doc.history().undo_label().is_none());
}

#[test]
fn cancel_leaves_the_design_as_it_was() {
    let mut h = harness((1400.0, 900.0));
    let before = ask_to_apply_30(&mut h);
    press(&mut h, "Cancel");
    assert!(!h.state().growth.confirming());
    assert!(h.query_by_label(CONFIRM_TITLE).is_none());
    assert_eq!(h.state().view, MainView::Growth);
    assert_eq!(design_json(&h), before);
    assert!(h.state().doc.history().undo_label().is_none());
    // Escape cancels too.
    h.get_by_label("Apply to my design").click();
    h.run_steps(3);
    assert!(h.state().growth.confirming());
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(!h.state().growth.confirming());
    assert_eq!(design_json(&h), before);
}

#[test]
fn apply_in_the_question_applies_as_one_undo_step() {
    let mut h = harness((1400.0, 900.0));
    let before = ask_to_apply_30(&mut h);
    let grown = orgscale::io::json::to_string(h.state().growth.current().unwrap());
    press(&mut h, "Apply");
    assert!(!h.state().growth.confirming());
    assert_eq!(h.state().view, MainView::Design);
    assert_eq!(h.state().doc.org().teams().len(), 30);
    assert_eq!(design_json(&h), grown, "the design is the grown org shown");
    assert_eq!(
        h.state().doc.history().undo_label(),
        Some("Grow to 30 teams")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(design_json(&h), before, "one undo restores it exactly");
    assert!(h.state().doc.history().undo_label().is_none());
}

#[test]
fn enter_in_the_question_applies() {
    let mut h = harness((1400.0, 900.0));
    let before = ask_to_apply_30(&mut h);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(!h.state().growth.confirming());
    assert_eq!(h.state().doc.org().teams().len(), 30);
    assert_ne!(design_json(&h), before);
    assert_eq!(
        h.state().doc.history().undo_label(),
        Some("Grow to 30 teams")
    );
}

#[test]
fn the_summary_names_the_existing_units_that_move() {
    let mut h = harness((1400.0, 900.0));
    open_growth(&mut h);
    h.get_by_label("My design").click();
    h.run_steps(2);
    set_teams(&mut h, 30);
    let line = labels_containing(&h, "existing");
    assert_eq!(
        line,
        vec![
            "1 existing group moves: Acme Online moved from the top level to Commerce level-3 \
             group"
        ],
    );
    set_number(&mut h, "Fan-out", 4);
    let line = labels_containing(&h, "existing");
    assert_eq!(line.len(), 1, "{line:?}");
    assert!(
        line[0].starts_with("1 existing team and 1 group move: ")
            && line[0].contains("Order Tracking moved from Fulfilment to Customer SoS"),
        "{line:?}"
    );
    // Grown from empty, the summary counts the moves growing took, as before.
    h.get_by_label("Empty org").click();
    h.run_steps(3);
    assert!(labels_containing(&h, "existing").is_empty());
    assert!(labels_containing(&h, " groups on ")[0].ends_with(" moves"));
}

/// A question about an older design is not answered: an edit made meanwhile (here straight on
/// the document, as an undo from the keyboard would) closes it, and the design keeps that edit
/// only.
#[test]
fn the_question_closes_when_the_design_changes_under_it() {
    let mut h = harness((1400.0, 900.0));
    let _ = ask_to_apply_30(&mut h);
    h.state_mut()
        .doc
        .apply(orgscale::model::Command::SetOrgName("Renamed".into()))
        .unwrap();
    let edited = design_json(&h);
    h.run_steps(3);
    assert!(!h.state().growth.confirming());
    assert!(h.query_by_label(CONFIRM_TITLE).is_none());
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(design_json(&h), edited, "Enter applies nothing now");
}

/// The meeting charts: measured on the grown org at each size (on a worker), they show a
/// Developer's hours staying flat and the slowest escalation growing one step per level.
#[test]
fn the_growth_view_charts_meeting_hours_and_escalation_as_the_org_grows() {
    let mut h = harness((1600.0, 1000.0));
    open_growth(&mut h);
    set_teams(&mut h, 125);
    for _ in 0..200 {
        if h.query_by_label_contains("a Developer's meetings stay at")
            .is_some()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run_steps(1);
    }
    h.get_by_label("Meeting hours per Sprint, average per role");
    h.get_by_label("Slowest escalation to the EAT, minutes");
    h.get_by_label_contains(
        "From 2 to 125 teams a Developer's meetings stay at 12.0 h per Sprint; the slowest \
         impediment reaches the EAT in 1 h 20 min instead of 40 min",
    );
}
