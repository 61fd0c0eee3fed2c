//! Help: the shortcut list (from the table the keys are taken from), colours and badges, the
//! rule catalogue with sources, and About; menu items show their shortcuts.

#![cfg(feature = "gui")]

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgscale::rules::{CATALOGUE, OVERLAY_CATALOGUE};
use orgscale::ui::DesignerApp;
use orgscale::ui::shortcuts::{self, SHORTCUTS};

#[path = "common/ui.rs"]
mod common;
use common::{kittest_harness_sized, menu, sample_app};

fn harness() -> Harness<'static, DesignerApp> {
    kittest_harness_sized(sample_app(), (1300.0, 860.0))
}

#[test]
fn the_help_menu_lists_every_shortcut_from_the_table() {
    let mut h = harness();
    h.get_by_label("Help").click();
    h.run_steps(2);
    h.get_by_label_contains("Keyboard shortcuts…").click();
    h.run_steps(3);
    for s in SHORTCUTS {
        h.get_by_label(s.what);
        let keys = shortcuts::format(&s.keys, false);
        assert!(
            h.query_all_by_label_contains(&keys).next().is_some(),
            "{keys} is listed"
        );
    }
    h.get_by_label("Ctrl+Shift+Z or Ctrl+Y");
    h.get_by_label("Mouse wheel");
}

#[test]
fn f1_opens_the_shortcuts_and_the_window_closes() {
    let mut h = harness();
    h.key_press(Key::F1);
    h.run_steps(3);
    assert_eq!(h.state().help, Some(orgscale::ui::help::Page::Shortcuts));
    h.get_by_label("Save as");
    h.get_by_label("Colours and badges").click();
    h.run_steps(3);
    h.get_by_label_contains("Amber: at the edge of the range");
    h.get_by_label_contains("Red: an error");
    h.get_by_label_contains("Executive MetaScrum (EMS)");
}

#[test]
fn the_rule_catalogue_names_every_rule_and_its_source() {
    let mut h = harness();
    menu(&mut h, "Help", "Rule catalogue…");
    for r in CATALOGUE.iter().chain(OVERLAY_CATALOGUE) {
        h.get_by_label(&r.id.to_string());
        h.get_by_label(r.title);
    }
    // The overlay checks on the events, with their basis.
    h.get_by_label("O5");
    h.get_by_label_contains("23 rules on the structure (V) and 8 checks on its events");
    assert!(h.query_all_by_label("Scrum@Scale Guide 2022").count() > 3);
}

#[test]
fn about_names_the_version_and_the_licences() {
    let mut h = harness();
    menu(&mut h, "Help", "About orgscale…");
    h.get_by_label(&format!("orgscale {}", env!("CARGO_PKG_VERSION")));
    h.get_by_label("Licence: MIT.");
    h.get_by_label_contains("Ubuntu Font Licence 1.0");
}

#[test]
fn menu_items_show_their_shortcuts() {
    let mut h = harness();
    h.get_by_label("File").click();
    h.run_steps(3);
    for keys in ["Ctrl+N", "Ctrl+O", "Ctrl+S", "Ctrl+Shift+S"] {
        assert!(
            h.query_all_by_label_contains(keys).next().is_some(),
            "{keys} shows in the File menu"
        );
    }
}

#[test]
fn snapshot_of_the_help_window() {
    let mut h = harness();
    h.key_press(Key::F1);
    h.run_steps(4);
    h.snapshot("help_window");
}

#[test]
fn the_readme_lists_every_shortcut() {
    let readme = include_str!("../README.md");
    for s in SHORTCUTS {
        let keys = shortcuts::format(&s.keys, false);
        assert!(readme.contains(&keys), "README lists {keys}");
    }
}
