//! The Events view, driven like a user through egui_kittest: the switch next to Design and
//! Growth, the whole org's cascade, a person's week (picked in the meeting-load table) with
//! their double booking marked, a team's path to the EAT, the Sprint length changed as one
//! undo step, and an image snapshot.

#![cfg(feature = "gui")]

#[path = "common/ui.rs"]
mod common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgscale::ui::DesignerApp;
use orgscale::ui::app::MainView;

const WINDOW: (f32, f32) = (1500.0, 950.0);

fn events() -> Harness<'static, DesignerApp> {
    let mut h = common::kittest_harness_sized(common::sample_app(), WINDOW);
    h.get_by_label("Events").click();
    h.run_steps(3);
    assert_eq!(h.state().view, MainView::Events);
    h
}

#[test]
fn the_events_view_shows_the_whole_orgs_cascade() {
    let h = events();
    h.get_by_label_contains("The cascade of Acme Online");
    // Monday of the first Sprint week: the team Daily Scrums, each level's Scaled Daily Scrum
    // after the one below, then the EAT.
    h.get_by_label("Daily Scrum · 13 teams, Monday 09:00–09:15, 3–8 attendees, double-booked");
    h.get_by_label_contains("Scaled Daily Scrum · 3 SoS, Monday 09:20–09:35");
    h.get_by_label_contains("Scaled Daily Scrum · SoSoS Acme Online, Monday 09:40–09:55");
    h.get_by_label_contains("EAT meeting, Monday 10:00–10:30");
    // Sprint Planning on the Sprint's first day only.
    h.get_by_label_contains("Sprint Planning · 13 teams, Monday 13:00–17:00");
    assert!(
        h.query_by_label_contains("Sprint Planning · 13 teams, Tuesday")
            .is_none()
    );
    // The escalation summary and the cadence defaults.
    h.get_by_label_contains("Every team's impediments reach the EAT the same working day.");
    h.get_by_label_contains("These are the defaults: the org file records no cadence.");
}

#[test]
fn picking_a_person_in_the_load_table_shows_their_week_and_double_booking() {
    let mut h = events();
    // Sakura Tanaka develops in two teams whose Daily Scrums are both at 09:00; she tops the
    // table.
    // Below the fold of the side panel: picked as a screen reader picks it.
    h.get_by_role_and_label(Role::Button, "Sakura Tanaka")
        .click_accesskit();
    h.run_steps(3);
    h.get_by_label_contains("The week of Sakura Tanaka");
    h.get_by_label("Daily Scrum · Payments, Monday 09:00–09:15, 5 attendees, double-booked");
    h.get_by_label("Daily Scrum · Fraud Detection, Monday 09:00–09:15, 5 attendees, double-booked");
    // Refinement on the third working day of each week, the Review on the Sprint's last day.
    h.get_by_label_contains("Backlog Refinement · Payments, Wednesday 14:00–15:00");
    assert!(
        h.query_by_label_contains("Sprint Review · Payments")
            .is_none(),
        "not in week 1"
    );
    h.get_by_label("Later week ▶").click();
    h.run_steps(3);
    h.get_by_label_contains("Sprint Review · Payments, Friday 11:00–13:00");
    // Back to the whole org.
    h.get_by_label("Whole org").click();
    h.run_steps(3);
    h.get_by_label_contains("The cascade of Acme Online");
}

#[test]
fn a_teams_path_to_the_eat_is_listed_with_its_times() {
    let mut h = events();
    let team = common::team_in(&h, "Order Tracking");
    h.state_mut().selection = Some(orgscale::ui::Selection::Team(team));
    h.run_steps(3);
    h.get_by_label_contains("Order Tracking: 1 h, the same day");
    h.get_by_label("Scaled Daily Scrum · SoS Fulfilment");
    h.get_by_label("09:40");
    h.get_by_label("10:00");
}

#[test]
fn changing_the_sprint_length_is_one_undo_step() {
    let mut h = events();
    assert!(h.state().doc.org().cadence().is_none());
    h.get_by_role_and_label(Role::ComboBox, "Sprint length: 2 weeks")
        .click();
    h.run_steps(3);
    h.get_by_label("3 weeks").click();
    h.run_steps(4);
    let c = h
        .state()
        .doc
        .org()
        .cadence()
        .expect("the cadence is recorded");
    assert_eq!(c.sprint_weeks, 3);
    assert_eq!(
        h.state().doc.history().undo_label(),
        Some("Set the Sprint length to 3 weeks")
    );
    h.get_by_label("Sprint week 1 of 3");
    h.get_by_label("Edit").click();
    h.run_steps(3);
    h.get_by_label_contains("Undo Set the Sprint length to 3 weeks")
        .click();
    h.run_steps(4);
    assert!(
        h.state().doc.org().cadence().is_none(),
        "one undo step back to no cadence"
    );
    h.get_by_label("Sprint week 1 of 2");
}

#[test]
fn a_time_that_does_not_read_is_refused_with_a_reason() {
    let mut h = events();
    h.get_by_role_and_label(Role::TextInput, "Time zone")
        .focus();
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, "Time zone")
        .type_text("/Moon");
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(4);
    assert!(h.state().doc.org().cadence().is_none());
    h.get_by_label_contains("Not changed: `UTC/Moon` is not a time zone orgscale knows");
}

#[test]
fn snapshot_of_the_events_view() {
    let mut h = events();
    h.run_steps(2);
    h.snapshot("events_view");
}

#[test]
fn a_team_on_its_own_sprint_length_is_one_undo_step_and_gives_o4() {
    let mut h = events();
    let team = common::team_in(&h, "Checkout");
    h.state_mut().selection = Some(orgscale::ui::Selection::Team(team));
    h.run_steps(3);
    h.get_by_role_and_label(Role::ComboBox, "Sprints of Checkout: inherited (2 weeks)")
        .click();
    h.run_steps(3);
    h.get_by_label("3 weeks").click();
    h.run_steps(4);
    let c = h.state().doc.org().cadence().expect("recorded");
    assert_eq!(
        c.sprint_of(orgscale::model::Unit::Team(team))
            .unwrap()
            .sprint_weeks,
        Some(3)
    );
    assert_eq!(
        h.state().doc.history().undo_label(),
        Some("Change the Sprints of Checkout")
    );
    // Checkout's SoS now runs two Sprint lengths: a finding says so (O4).
    assert!(
        h.state()
            .doc
            .findings()
            .iter()
            .any(|f| f.rule.to_string() == "O4" && f.message.contains("Checkout 3 weeks")),
        "{:#?}",
        h.state().doc.findings()
    );
    h.get_by_role_and_label(Role::ComboBox, "Sprints of Checkout: 3 weeks");
}

#[test]
fn the_calendar_is_exported_as_ics_from_the_events_view() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme-events.ics");
    let mut dialogs = orgscale::ui::dialogs::ScriptedDialogs::default();
    dialogs.export.push_back(Some(path.clone()));
    let mut h = common::kittest_harness_sized(common::sample_app_with(dialogs), WINDOW);
    h.get_by_label("Events").click();
    h.run_steps(3);
    h.get_by_label("Export calendar (.ics)…").click();
    h.run_steps(4);
    let text = std::fs::read_to_string(&path).expect("the calendar was written");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 13 * 5 + 4 * 6 + 2);
    h.get_by_label_contains("Wrote 91 events of Acme Online to");
}

#[test]
fn a_teams_own_daily_scrum_time_is_one_undo_step_and_moves_the_clash() {
    let mut h = events();
    let payments = common::team_in(&h, "Payments");
    h.state_mut().selection = Some(orgscale::ui::Selection::Team(payments));
    h.run_steps(3);
    h.get_by_label("Times of Payments").click_accesskit();
    h.run_steps(3);
    let field = "Daily Scrum of Payments starts";
    h.get_by_role_and_label(Role::TextInput, field).focus();
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, field)
        .type_text("09:30");
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(4);
    assert_eq!(
        h.state().doc.history().undo_label(),
        Some("Change the Sprints of Payments")
    );
    h.get_by_label_contains("Daily Scrum · Payments, Monday 09:30–09:45");
    // Sakura Tanaka's Daily Scrums no longer clash; her two Sprint Plannings still do.
    let o5: Vec<String> = h
        .state()
        .doc
        .findings()
        .iter()
        .filter(|f| f.rule.to_string() == "O5")
        .map(|f| f.message.clone())
        .collect();
    assert_eq!(o5.len(), 1, "{o5:?}");
    assert!(!o5[0].contains("Daily Scrum"), "{o5:?}");
    // Payments' impediments now miss the 09:20 Scaled Daily Scrum: not the same day (O6).
    assert!(
        h.state()
            .doc
            .findings()
            .iter()
            .any(|f| f.rule.to_string() == "O6")
    );
}
