//! Files on a desktop without a system file dialog (no xdg-desktop-portal, as on i3 or sway):
//! Save, Save As, Open, Export and Quit > Save all end in the built-in dialog, driven by label and
//! keyboard like a user would. Also: a portal that never answers does not freeze the window.

#![cfg(feature = "gui")]

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgscale::ui::DesignerApp;
use orgscale::ui::dialogs::ScriptedDialogs;

#[path = "common/ui.rs"]
mod common;
use common::{
    app_with, close_window, copy_example, document_at, kittest_harness_sized, menu,
    open_export_menu, rename_team, sample_app_with, wait_for_export,
};

/// The window size of these tests (and of the dialog's snapshot).
const WINDOW: (f32, f32) = (1300.0, 860.0);

fn no_portal() -> ScriptedDialogs {
    ScriptedDialogs {
        unavailable: true,
        ..ScriptedDialogs::default()
    }
}

/// A harness on the sample.
fn sample(dialogs: ScriptedDialogs) -> Harness<'static, DesignerApp> {
    kittest_harness_sized(sample_app_with(dialogs), WINDOW)
}

/// A harness on a copy of examples/small.json in `dir`.
fn on_small(dir: &tempfile::TempDir, dialogs: ScriptedDialogs) -> Harness<'static, DesignerApp> {
    let p = copy_example("small.json", &dir.path().join("small.json"));
    kittest_harness_sized(app_with(document_at(&p), dialogs), WINDOW)
}

fn rename_a_team(h: &mut Harness<'_, DesignerApp>) {
    let team = *h.state().doc.org().teams().keys().next().unwrap();
    rename_team(h, team, "Renamed Team");
    assert!(h.state().doc.is_dirty());
}

/// Close the window (with unsaved changes) and answer "Save" to the question.
fn close_then_save(h: &mut Harness<'_, DesignerApp>) {
    close_window(h);
    h.get_by_label("Save").click();
    h.run_steps(3);
}

fn name_field<'a>(h: &'a Harness<'_, DesignerApp>) -> egui_kittest::Node<'a> {
    h.get_by_label("File name")
}

#[test]
fn ctrl_s_on_the_sample_saves_through_the_builtin_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample(no_portal());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    h.get_by_label("Save org");
    h.get_by_label_contains("no system file dialog");
    // The name field has the focus, with the suggested name in it.
    let field = name_field(&h);
    assert!(
        field.is_focused(),
        "the file name field has the keyboard focus"
    );
    assert_eq!(field.value().as_deref(), Some("acme.json"));
    // The name without its extension is selected: typing replaces it and keeps ".json".
    let target = dir.path().join("my-design");
    field.type_text(&target.display().to_string());
    h.run_steps(2);
    assert_eq!(
        name_field(&h).value(),
        Some(format!("{}.json", target.display()))
    );
    h.key_press(Key::Enter);
    h.run_steps(3);
    let saved = dir.path().join("my-design.json");
    assert!(saved.is_file(), "saved through the built-in dialog");
    assert!(!h.state().file_dialog_open());
    assert!(!h.state().doc.is_dirty());
    assert_eq!(h.state().doc.path(), Some(saved.as_path()));
    h.get_by_label_contains("Saved");
    orgscale::io::json::load(&saved).expect("the saved file loads");
}

#[test]
fn save_as_opens_in_the_files_folder_and_enter_saves_a_typed_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_small(&dir, no_portal());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    // Opens in the current file's folder, listing it.
    h.get_by_label_contains(&dir.path().display().to_string());
    h.get_by_label("🗋 small.json");
    name_field(&h).type_text("next-year");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(dir.path().join("next-year.json").is_file());
    assert_eq!(h.state().doc.display_name(), "next-year.json");
}

#[test]
fn escape_cancels_and_the_status_says_so() {
    let mut h = sample(no_portal());
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label_contains("Save As…").click();
    h.run_steps(3);
    h.get_by_label("Save org");
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(!h.state().file_dialog_open());
    h.get_by_label("Save cancelled; nothing was written.");
}

#[test]
fn saving_over_an_existing_file_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_small(&dir, no_portal());
    rename_a_team(&mut h);
    let before = std::fs::read(dir.path().join("small.json")).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    h.key_press(Key::Enter);
    h.run_steps(3);
    h.get_by_label_contains("small.json already exists");
    h.get_by_label("Keep it").click();
    h.run_steps(3);
    assert_eq!(
        std::fs::read(dir.path().join("small.json")).unwrap(),
        before
    );
    assert!(h.state().doc.is_dirty());
    h.key_press(Key::Enter);
    h.run_steps(3);
    h.get_by_label("Replace").click();
    h.run_steps(3);
    assert!(!h.state().doc.is_dirty());
    let text = std::fs::read_to_string(dir.path().join("small.json")).unwrap();
    assert!(text.contains("Renamed Team"));
}

#[test]
fn open_through_the_builtin_dialog_after_dont_save() {
    let dir = tempfile::tempdir().unwrap();
    copy_example("acme.json", &dir.path().join("acme-copy.json"));
    let mut h = on_small(&dir, no_portal());
    rename_a_team(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(3);
    h.get_by_label("Don't save").click();
    h.run_steps(3);
    // Ctrl+O then "Don't save" shows the dialog, in the file's folder.
    h.get_by_label("Open org");
    h.get_by_label("🗋 acme-copy.json").click();
    h.run_steps(2);
    assert_eq!(name_field(&h).value().as_deref(), Some("acme-copy.json"));
    h.get_by_label("Open").click();
    h.run_steps(3);
    assert_eq!(h.state().doc.org().name(), "Acme Online");
    assert_eq!(h.state().doc.display_name(), "acme-copy.json");
}

#[test]
fn export_a_pdf_through_the_builtin_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_small(&dir, no_portal());
    open_export_menu(&mut h);
    h.get_by_label("PDF document…").click();
    h.run_steps(3);
    h.get_by_label("Export PDF document");
    assert_eq!(name_field(&h).value().as_deref(), Some("small.pdf"));
    h.key_press(Key::Enter);
    h.run_steps(2);
    wait_for_export(&mut h);
    let pdf = std::fs::read(dir.path().join("small.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    h.get_by_label_contains("Exported");
}

#[test]
fn quit_then_save_on_an_unsaved_design_saves_and_closes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample(no_portal());
    rename_a_team(&mut h);
    close_then_save(&mut h);
    // No file yet: the built-in dialog asks where.
    h.get_by_label("Save org");
    assert!(
        !h.state().may_close(),
        "nothing closes while the dialog asks"
    );
    name_field(&h).type_text(&dir.path().join("before-quit").display().to_string());
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(dir.path().join("before-quit.json").is_file());
    assert!(h.state().may_close(), "saved, so the window closes");
}

#[test]
fn cancelling_the_save_on_quit_keeps_the_window_and_says_why() {
    let mut h = sample(no_portal());
    rename_a_team(&mut h);
    close_then_save(&mut h);
    h.get_by_label("Cancel").click();
    h.run_steps(3);
    assert!(!h.state().may_close());
    h.get_by_label("Save cancelled, so orgscale stays open with your changes.");
}

#[test]
fn a_portal_that_never_answers_does_not_freeze_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs {
        never_answer: true,
        ..ScriptedDialogs::default()
    };
    let asked = dialogs.asked.clone();
    let mut h = sample(dialogs);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert_eq!(
        *asked.lock().unwrap(),
        vec!["save"],
        "the system dialog was asked"
    );
    h.get_by_label_contains("waiting for the system file dialog");
    // The window goes on drawing and answering: menus open while the system dialog hangs.
    h.get_by_label("View").click();
    h.run_steps(3);
    h.get_by_label_contains("Fit to view");
    h.key_press(Key::Escape);
    h.run_steps(2);
    // The user can give up on the system dialog and use the built-in one.
    h.get_by_label("Use the built-in dialog").click();
    h.run_steps(3);
    name_field(&h).type_text(&dir.path().join("rescued").display().to_string());
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(dir.path().join("rescued.json").is_file());
}

#[test]
fn the_setting_forces_the_builtin_dialog_even_where_the_system_has_one() {
    let dialogs = ScriptedDialogs::default();
    let asked = dialogs.asked.clone();
    let mut h = sample(dialogs);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("File dialog ⏵").hover();
    h.run_steps(3);
    h.get_by_label("Built-in dialog").click();
    h.run_steps(2);
    assert_eq!(
        h.state().prefs.file_dialog,
        orgscale::ui::dialogs::DialogChoice::Builtin
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(3);
    h.get_by_label("Open org");
    assert!(
        asked.lock().unwrap().is_empty(),
        "the system dialog was not asked"
    );
}

#[test]
fn snapshot_of_the_builtin_dialog() {
    // A folder with a fixed name, so the path shown is the same on every run.
    let dir = std::path::PathBuf::from("/tmp/orgscale-dialog-snapshot");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("archive")).unwrap();
    std::fs::write(dir.join("notes.txt"), "").unwrap();
    for name in ["acme-2027.json", "small.json"] {
        copy_example("small.json", &dir.join(name));
    }
    let doc = document_at(&dir.join("small.json"));
    let mut h = kittest_harness_sized(app_with(doc, no_portal()), WINDOW);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(4);
    h.snapshot("builtin_file_dialog");
}

#[test]
fn import_csv_roster_from_the_file_menu_through_the_builtin_dialog() {
    let dir = tempfile::tempdir().unwrap();
    copy_example("acme-roster.csv", &dir.path().join("acme-roster.csv"));
    let mut h = on_small(&dir, no_portal());
    menu(&mut h, "File", "Import CSV roster…");
    h.get_by_label("Import CSV roster");
    // Only rosters are listed: the org file next to it is not.
    assert!(h.query_by_label("🗋 small.json").is_none());
    h.get_by_label("🗋 acme-roster.csv").click();
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.doc.org().teams().len(), 14);
    assert!(app.doc.is_dirty(), "an import is unsaved work");
    assert!(app.doc.path().is_none());
}
