//! Duplicate, and cut / copy / paste of teams and groups, driven through the UI with egui_kittest:
//! the inspector's *Duplicate* button, the Edit menu and Ctrl+X / Ctrl+C / Ctrl+V / Ctrl+D. Each
//! is one undoable step.

#![cfg(feature = "gui")]

use egui::{Event, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use orgscale::model::Org;
use orgscale::ui::app::sample_document;
use orgscale::ui::{DesignerApp, Selection};

#[path = "common/ui.rs"]
mod common;
use common::{group, kittest_harness, press_command, sample_app_selecting, team, undo};

fn sample() -> Org {
    sample_document().org().clone()
}

fn org(h: &Harness<'_, DesignerApp>) -> Org {
    h.state().doc.org().clone()
}

fn select(h: &mut Harness<'_, DesignerApp>, s: Selection) {
    h.state_mut().selection = Some(s);
    h.run_steps(2);
}

/// Click an item of the Edit menu.
fn edit_menu(h: &mut Harness<'_, DesignerApp>, item: &str) {
    h.get_by_label("Edit").click();
    h.run_steps(3);
    // The menu opens at the top left; the inspector has its own "Duplicate" further right.
    let prefix = format!("{item} ");
    let node = h
        .query_all_by(|n| {
            n.label()
                .is_some_and(|l| l == item || l.starts_with(&prefix))
        })
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .unwrap_or_else(|| panic!("Edit > {item}"));
    node.click();
    h.run_steps(4);
}

#[test]
fn the_inspectors_duplicate_button_copies_a_team_with_new_people() {
    let before = sample();
    let checkout = team(&before, "Checkout");
    let mut h = kittest_harness(sample_app_selecting(Selection::Team(checkout)));
    // The menu is closed: the only "Duplicate" is the inspector's.
    h.get_by_label("Duplicate").click();
    h.run_steps(4);

    let after = org(&h);
    let copy = team(&after, "Checkout copy");
    let (old, new) = (&after.teams()[&checkout], &after.teams()[&copy]);
    assert_eq!(new.group, old.group, "the copy sits next to the original");
    assert_eq!(new.headcount(), old.headcount());
    assert_eq!(new.product_owners.len(), old.product_owners.len());
    assert_eq!(new.developers.len(), old.developers.len());
    // New placeholder people, none of them in any other team.
    for p in new.people() {
        assert!(!before.people().contains_key(&p));
        assert_eq!(
            after.teams().values().filter(|t| t.has_member(p)).count(),
            1
        );
    }
    assert_eq!(h.state().selection, Some(Selection::Team(copy)));
    assert_eq!(h.state().status, "Duplicate Checkout as Checkout copy");

    undo(&mut h);
    assert_eq!(org(&h), before, "one undo removes the copy and its people");
    assert_eq!(
        h.state().status,
        "Undid: Duplicate Checkout as Checkout copy"
    );
}

#[test]
fn edit_duplicate_copies_a_group_with_its_whole_subtree() {
    let before = sample();
    let shopping = group(&before, "Shopping");
    let mut h = kittest_harness(sample_app_selecting(Selection::Group(shopping)));
    edit_menu(&mut h, "Duplicate");

    let after = org(&h);
    let copy = group(&after, "Shopping copy");
    assert_eq!(
        after.group(copy).unwrap().parent,
        after.group(shopping).unwrap().parent
    );
    let s = after.structure();
    let names: Vec<String> = s
        .child_teams(copy)
        .map(|t| after.teams()[&t].name.clone())
        .collect();
    let originals: Vec<String> = s
        .child_teams(shopping)
        .map(|t| format!("{} copy", after.teams()[&t].name))
        .collect();
    assert_eq!(names, originals);
    let g = after.group(copy).unwrap();
    assert!(
        g.master().is_some() && g.cpo().is_some(),
        "roles are filled"
    );
    assert!(!before.people().contains_key(&g.master().unwrap()));
    assert!(after.integrity_problems().is_empty());

    undo(&mut h);
    assert_eq!(org(&h), before);
}

#[test]
fn copy_and_paste_puts_a_copy_into_the_selected_group() {
    let before = sample();
    let (checkout, fulfilment) = (team(&before, "Checkout"), group(&before, "Fulfilment"));
    let mut h = kittest_harness(sample_app_selecting(Selection::Team(checkout)));
    edit_menu(&mut h, "Copy");
    assert_eq!(org(&h), before, "copying changes nothing");
    select(&mut h, Selection::Group(fulfilment));
    edit_menu(&mut h, "Paste");

    let after = org(&h);
    let copy = team(&after, "Checkout copy");
    assert_eq!(after.team(copy).unwrap().group, Some(fulfilment));
    assert_eq!(
        after.team(checkout).unwrap(),
        before.team(checkout).unwrap(),
        "the original stays"
    );
    assert_eq!(h.state().status, "Paste a copy of Checkout into Fulfilment");
    // A second paste makes a second copy.
    edit_menu(&mut h, "Paste");
    team(&org(&h), "Checkout copy 2");
    undo(&mut h);
    undo(&mut h);
    assert_eq!(org(&h), before);
}

#[test]
fn cut_and_paste_with_the_keyboard_moves_a_team_in_one_step() {
    let before = sample();
    let (checkout, fulfilment) = (team(&before, "Checkout"), group(&before, "Fulfilment"));
    let mut h = kittest_harness(sample_app_selecting(Selection::Team(checkout)));
    press_command(&mut h, Key::X);
    assert_eq!(org(&h), before, "cutting only marks the team");
    select(&mut h, Selection::Group(fulfilment));
    press_command(&mut h, Key::V);

    let after = org(&h);
    assert_eq!(after.team(checkout).unwrap().group, Some(fulfilment));
    assert_eq!(after.teams().len(), before.teams().len());
    assert_eq!(h.state().status, "Move Checkout to Fulfilment");
    // What was cut is pasted once.
    press_command(&mut h, Key::V);
    assert_eq!(org(&h), after);

    undo(&mut h);
    assert_eq!(org(&h), before);
    assert_eq!(h.state().status, "Undid: Move Checkout to Fulfilment");
}

#[test]
fn ctrl_d_duplicates_and_desktop_clipboard_events_copy_and_paste() {
    let before = sample();
    let (cart, shopping) = (team(&before, "Cart"), group(&before, "Shopping"));
    let mut h = kittest_harness(sample_app_selecting(Selection::Team(cart)));
    press_command(&mut h, Key::D);
    assert_eq!(h.state().status, "Duplicate Cart as Cart copy");
    team(&org(&h), "Cart copy");
    undo(&mut h);
    assert_eq!(org(&h), before);

    // A desktop window sends Ctrl+C and Ctrl+V as Copy and Paste events.
    select(&mut h, Selection::Team(cart));
    h.event(Event::Copy);
    h.run_steps(3);
    assert!(
        h.state().status.starts_with("Copied Cart"),
        "{}",
        h.state().status
    );
    select(&mut h, Selection::Group(shopping));
    h.event(Event::Paste("Cart".into()));
    h.run_steps(4);
    let after = org(&h);
    assert_eq!(
        after.team(team(&after, "Cart copy")).unwrap().group,
        Some(shopping)
    );
    undo(&mut h);
    assert_eq!(org(&h), before);
}

#[test]
fn clipboard_keys_in_a_text_field_edit_the_text_not_the_org() {
    let before = sample();
    let (checkout, shopping) = (team(&before, "Checkout"), group(&before, "Shopping"));
    let mut h = kittest_harness(sample_app_selecting(Selection::Team(checkout)));
    h.get_by_label("Team name").focus();
    h.run_steps(2);
    press_command(&mut h, Key::C);
    h.event(Event::Copy);
    press_command(&mut h, Key::D);
    h.run_steps(2);
    assert_eq!(org(&h), before, "Ctrl+D in a text field duplicates nothing");
    // Nothing was copied: pasting elsewhere does nothing.
    h.key_press(Key::Escape);
    h.run_steps(2);
    select(&mut h, Selection::Group(shopping));
    press_command(&mut h, Key::V);
    assert_eq!(org(&h), before);
    assert!(
        h.state().status.starts_with("Nothing to paste"),
        "{}",
        h.state().status
    );
}

#[test]
fn edit_cut_then_paste_moves_a_team_in_one_undoable_step() {
    let before = sample();
    let checkout = team(&before, "Checkout");
    let fulfilment = group(&before, "Fulfilment");
    let mut h = kittest_harness(sample_app_selecting(Selection::Team(checkout)));
    edit_menu(&mut h, "Cut");
    assert_eq!(org(&h), before, "cutting alone changes nothing");
    select(&mut h, Selection::Group(fulfilment));
    edit_menu(&mut h, "Paste");
    assert_eq!(org(&h).teams()[&checkout].group, Some(fulfilment));
    assert_eq!(h.state().status, "Move Checkout to Fulfilment");
    undo(&mut h);
    assert_eq!(org(&h), before);
}
